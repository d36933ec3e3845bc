"""The pack never crashes on a malformed shape (issue 20): a resource a rule cannot read is reported
as "cannot evaluate" (mandatory at the rule's level, so it is not let through), and every other
resource of the stack is still judged."""

from __future__ import annotations

from fleetguard.model import Resource
from fleetguard.pack import _stack_findings
from fleetguard.rules.ten_003_network_policy_reopen import RULE
from tests.policies.conftest import CTX

NAMESPACE = "kubernetes:core/v1:Namespace"
POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy"


def _policy(name: str, spec: object) -> Resource:
    return Resource(POLICY, f"urn:{name}", name, {"metadata": {"name": name, "namespace": "team"}, "spec": spec},
                    provider_urn="p")  # fmt: skip


def test_a_malformed_resource_is_set_aside_and_the_rest_still_judged() -> None:
    namespace = Resource(NAMESPACE, "urn:ns", "ns", {"metadata": {"name": "team", "labels": {"fleet-tenant": "team"}}},
                         provider_urn="p")  # fmt: skip
    malformed = _policy("bad", {"podSelector": {}, "ingress": {"from": "everywhere"}})  # a map where a list goes
    open_ = _policy("open", {"podSelector": {}, "ingress": [{}]})
    findings, broken = _stack_findings(RULE, [namespace, malformed, open_], CTX)
    assert [(r.name, type(err).__name__) for r, err in broken] == [("bad", "AttributeError")]
    assert [f.urn for f in findings] == ["urn:open"]


def test_a_well_formed_stack_is_judged_once_as_before() -> None:
    namespace = Resource(NAMESPACE, "urn:ns", "ns", {"metadata": {"name": "team", "labels": {"fleet-tenant": "team"}}},
                         provider_urn="p")  # fmt: skip
    findings, broken = _stack_findings(RULE, [namespace, _policy("ok", {"podSelector": {}})], CTX)
    assert findings == [] and broken == []
