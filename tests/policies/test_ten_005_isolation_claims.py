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
