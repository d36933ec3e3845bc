from fleetguard.model import Resource
from fleetguard.rules.ten_005_isolation_claims import RULE
from tests.policies.conftest import messages

NAMESPACE = "kubernetes:core/v1:Namespace"
CRB = "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding"
CLAIM = {"fleet-tenant": "ledger", "fleet-isolation": "cluster"}


def namespace(name: str, tenant: str, provider: str = "p", **labels: str) -> Resource:
    return Resource(
        NAMESPACE, f"urn:{provider}:{name}", name,
        {"metadata": {"name": name, "labels": {"fleet-tenant": tenant, **labels}}}, provider_urn=provider,
    )  # fmt: skip


def claim(provider: str = "p") -> Resource:
    return Resource(CRB, f"urn:crb:{provider}", "ledger-admins", {"metadata": {"labels": CLAIM}}, provider_urn=provider)


def test_compliant_dedicated_cluster_holds_only_its_tenant() -> None:
    items = [namespace("ledger", "ledger", **{"fleet-isolation": "cluster"}), claim(), namespace("web", "web", "q")]
    assert messages(RULE, items) == []


def test_fails_dedicated_claim_on_a_shared_cluster() -> None:
    items = [namespace("ledger", "ledger"), namespace("web", "web"), claim()]
    assert messages(RULE, items) == [
        "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding 'ledger-admins' is labelled "
        "fleet-isolation=cluster for tenant 'ledger', but its cluster also holds namespaces of 'web'; dedicated "
        "isolation needs a cluster of its own (isolation: cluster in the fleet spec), or label it with the tenant's "
        "real isolation"
    ]


def test_fails_on_a_known_neighbour_although_another_namespace_is_not_known_yet() -> None:
    from fleetguard.model import Unknown

    pending = Resource(NAMESPACE, "urn:p:x", "x", {"metadata": Unknown("urn:p:x", "metadata")}, provider_urn="p")
    items = [namespace("ledger", "ledger"), namespace("web", "web"), pending, claim()]
    decided = [f.urn for f in RULE.stack_check(items, None) if not f.deferred]  # type: ignore[arg-type, misc]
    assert decided == ["urn:crb:p"]  # web decides it; x need not be known
    only_pending = [namespace("ledger", "ledger"), pending, claim()]
    found = RULE.stack_check(only_pending, None)  # type: ignore[arg-type, misc]
    assert [(f.urn, f.deferred) for f in found] == [("urn:p:x", True), ("urn:crb:p", True)]


def test_fails_on_a_neighbour_whose_owner_annotations_are_unknown() -> None:
    from fleetguard.model import Unknown

    web = namespace("web", "web")
    web.props["metadata"]["annotations"] = Unknown(web.urn, "metadata.annotations")  # type: ignore[index]
    assert len(messages(RULE, [namespace("ledger", "ledger"), web, claim()])) == 1
