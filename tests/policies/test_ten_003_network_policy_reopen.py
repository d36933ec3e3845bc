from fleetguard.model import Resource
from fleetguard.rules.ten_003_network_policy_reopen import RULE
from tests.policies.conftest import messages

NAMESPACE = "kubernetes:core/v1:Namespace"
POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy"
PRIVATE = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16"]


def stack(spec: dict, namespace: str = "team") -> list[Resource]:  # type: ignore[type-arg]
    return [
        Resource(NAMESPACE, "urn:ns", "ns", {"metadata": {"name": "team", "labels": {"fleet-tenant": "team"}}},
                 provider_urn="p"),
        Resource(POLICY, "urn:np", "np", {"metadata": {"name": "x", "namespace": namespace}, "spec": spec},
                 provider_urn="p"),
    ]  # fmt: skip


def test_compliant_the_fleets_own_openings() -> None:
    same = {"podSelector": {}, "ingress": [{"from": [{"podSelector": {}}]}], "egress": [{"to": [{"podSelector": {}}]}]}
    peers = {"podSelector": {}, "ingress": [{"from": [{"namespaceSelector": {"matchLabels": {"name": "web"}}}]}]}
    internet = {"podSelector": {}, "egress": [{"to": [{"ipBlock": {"cidr": "0.0.0.0/0", "except": PRIVATE}}]}]}
    for spec in (same, peers, internet):
        assert messages(RULE, stack(spec)) == []


def test_compliant_policies_outside_tenant_namespaces() -> None:
    assert messages(RULE, stack({"podSelector": {}, "ingress": [{}]}, namespace="ingress-nginx")) == []


def test_fails_ingress_from_anywhere() -> None:
    assert messages(RULE, stack({"podSelector": {}, "policyTypes": ["Ingress"], "ingress": [{}]})) == [
        "NetworkPolicy 'np' in tenant namespace 'team' (tenant team) opens ingress from anywhere (a rule without "
        "from), undoing the default deny; open only what the fleet spec lists (tenants[].network)"
    ]


def test_fails_ingress_from_every_namespace_or_the_internet() -> None:
    spec = {"ingress": [{"from": [{"namespaceSelector": {}}, {"ipBlock": {"cidr": "0.0.0.0/0"}}]}]}
    assert (
        "ingress from every namespace (namespaceSelector {}); ingress from 0.0.0.0/0" in messages(RULE, stack(spec))[0]
    )


def test_fails_egress_to_everything() -> None:
    spec = {"egress": [{}, {"to": [{"ipBlock": {"cidr": "0.0.0.0/0"}}]}]}
    assert (
        "egress to anywhere (a rule without to); egress to 0.0.0.0/0 without excepting the private ranges"
        in (messages(RULE, stack(spec))[0])
    )
