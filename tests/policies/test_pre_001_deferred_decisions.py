import pytest

from fleetguard.model import Resource, Unknown
from fleetguard.rules.pre_001_deferred_decisions import RULE
from tests.policies.conftest import messages

AKS = "azure-native:containerservice:ManagedCluster"
SETTING = "azure-native:monitor:DiagnosticSetting"


def new_cluster() -> list[Resource]:
    """The first preview of a new AKS cluster: its ID, and so the diagnostic setting's target, are unknown."""
    return [
        Resource(AKS, "urn:aks", "a", {"id": Unknown("urn:aks", "id")}),
        Resource(SETTING, "urn:diag", "d", {"resourceUri": Unknown("urn:diag", "resourceUri"),
                                            "logs": [{"category": "kube-audit", "enabled": True}]}),
        Resource("aws:eks/cluster:Cluster", "urn:eks", "e", {"enabledClusterLogTypes": ["api"]}),
    ]  # fmt: skip


def test_compliant_nothing_deferred_when_every_value_is_known() -> None:
    assert messages(RULE, [Resource(AKS, "urn:aks", "a", {"id": "/x"})]) == []


def test_fails_lists_each_deferred_decision_with_its_rule() -> None:
    assert messages(RULE, new_cluster()) == [
        "FLEET-CLU-003: azure-native:containerservice:ManagedCluster 'a': deferred until the update, the audit-log "
        "check needs id, which is unknown during preview"
    ]


def test_deferral_is_per_resource() -> None:
    # The unknown AKS values do not switch the rule off for the EKS cluster beside it.
    from fleetguard.rules.clu_003_audit_logs import RULE as AUDIT

    found = list(AUDIT.stack_check(new_cluster(), None))  # type: ignore[arg-type,misc]
    assert [(f.urn, f.deferred) for f in found] == [("urn:aks", True), ("urn:eks", False)]


def test_fails_lists_a_rule_deferred_as_a_whole_which_the_pack_does_not_let_fail_the_analysis(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import fleetguard.rules
    from fleetguard.model import Deferred, Rule
    from fleetguard.pack import _stack_policy

    def whole(resources: list[Resource], ctx: object) -> list:
        raise Deferred("urn:ns", "metadata.name")

    broad = Rule(id="FLEET-TST-001", name="t", title="Ensure t", severity="low", default_level="mandatory",
                 rationale="r", remediation="r", stack_check=whole)  # fmt: skip
    monkeypatch.setattr(fleetguard.rules, "RULES", (*fleetguard.rules.RULES, broad))
    assert messages(RULE, [Resource(AKS, "urn:aks", "a", {"id": "/x"})]) == [
        "FLEET-TST-001: deferred until the update as a whole: it needs metadata.name of urn:ns"
    ]
    assert _stack_policy(broad) is not None  # built; its validate returns on Deferred (fleetguard/pack.py)
