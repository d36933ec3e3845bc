from typing import Any

from fleetguard.model import Resource
from fleetguard.rules.ten_003_network_policy_reopen import RULE
from tests.policies.conftest import messages

NAMESPACE = "kubernetes:core/v1:Namespace"
POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy"
PRIVATE = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16"]
NAME = "kubernetes.io/metadata.name"
KUBECONFIG = '{"clusters": [{"name": "c", "cluster": {"server": "https://api.c1"}}], "current-context": "x", '
KUBECONFIG += '"contexts": [{"name": "x", "context": {"cluster": "c"}}]}'


def stack(spec: dict[str, Any], namespace: str | None = "team", type_: str = POLICY, **policy: Any) -> list[Resource]:
    metadata = {"name": "x", **({"namespace": namespace} if namespace else {})}
    return [
        Resource(NAMESPACE, "urn:ns", "ns", {"metadata": {"name": "team", "labels": {"fleet-tenant": "team"}}},
                 provider_urn="p", provider_props={"kubeconfig": KUBECONFIG}),
        Resource(type_, "urn:np", "np", {"metadata": metadata, "spec": spec}, provider_urn=policy.get("provider", "p"),
                 provider_props=policy.get("provider_props", {"kubeconfig": KUBECONFIG})),
    ]  # fmt: skip


def opens(what: str, kind: str = "NetworkPolicy") -> list[str]:
    return [
        f"{kind} 'np' in tenant namespace 'team' (tenant team) opens {what}, undoing the default deny; open only "
        "what the fleet spec lists (tenants[].network)"
    ]


def ns(**selector: Any) -> dict[str, Any]:
    return {"namespaceSelector": selector}


def test_compliant_the_fleets_own_openings() -> None:
    """As fleet/tenancy/manifests.py renders them: DNS, the namespace itself, peers by name, internet egress."""
    dns = {"to": [{**ns(matchLabels={NAME: "kube-system"}), "podSelector": {"matchLabels": {"k8s-app": "kube-dns"}}}],
           "ports": [{"protocol": "UDP", "port": 53}]}  # fmt: skip
    same = {"podSelector": {}, "ingress": [{"from": [{"podSelector": {}}]}], "egress": [{"to": [{"podSelector": {}}]}]}
    peers = {"podSelector": {}, "ingress": [{"from": [ns(matchLabels={NAME: "web"})]}], "egress": [dns]}
    internet = {"podSelector": {}, "egress": [{"to": [{"ipBlock": {"cidr": "0.0.0.0/0", "except": PRIVATE}}]}]}
    for spec in (same, peers, internet):
        assert messages(RULE, stack(spec)) == []


def test_compliant_peers_named_by_expression_or_tenant_and_a_public_partner() -> None:
    named = ns(matchExpressions=[{"key": NAME, "operator": "In", "values": ["team", "web"]}])
    tenant = ns(matchLabels={"fleet-tenant": "team", "team": "x"})
    partner = {"ipBlock": {"cidr": "203.0.113.0/24"}}
    v6 = {"ipBlock": {"cidr": "2001:db8::/32"}}
    assert messages(RULE, stack({"podSelector": {}, "ingress": [{"from": [named, tenant, partner, v6]}]})) == []


def test_compliant_policies_outside_tenant_namespaces() -> None:
    assert messages(RULE, stack({"podSelector": {}, "ingress": [{}]}, namespace="ingress-nginx")) == []


def test_fails_ingress_from_anywhere() -> None:
    expected = opens("ingress from anywhere (a rule without from)")
    assert messages(RULE, stack({"podSelector": {}, "policyTypes": ["Ingress"], "ingress": [{}]})) == expected
    # An empty list, or ports without peers, admit every source too.
    assert messages(RULE, stack({"ingress": [{"from": [], "ports": [{"port": 443}]}]})) == expected


def test_fails_ingress_from_every_namespace_or_the_internet() -> None:
    spec = {"ingress": [{"from": [ns(), {"ipBlock": {"cidr": "0.0.0.0/0"}}]}]}
    assert messages(RULE, stack(spec)) == opens(
        "ingress from every namespace (namespaceSelector {}); ingress from 0.0.0.0/0, which reaches the private "
        "ranges 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10, 169.254.0.0/16 (other tenants' pods and "
        "the nodes); ingress from the internet (ipBlocks admitting more public addresses than a /8)"
    )


def test_fails_ingress_from_the_internet_split_in_halves() -> None:
    low = {"ipBlock": {"cidr": "0.0.0.0/1", "except": ["10.0.0.0/8", "100.64.0.0/10"]}}
    high = {"ipBlock": {"cidr": "128.0.0.0/1", "except": ["172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16"]}}
    halves = [low, high]
    assert messages(RULE, stack({"ingress": [{"from": halves}]})) == opens(
        "ingress from the internet (ipBlocks admitting more public addresses than a /8)"
    )


def test_fails_a_private_range_either_way() -> None:
    spec = {"ingress": [{"from": [{"ipBlock": {"cidr": "10.0.0.0/8"}}]}],
            "egress": [{"to": [{"ipBlock": {"cidr": "0.0.0.0/0", "except": ["10.0.0.0/8"]}}]}]}  # fmt: skip
    assert messages(RULE, stack(spec)) == opens(
        "ingress from 10.0.0.0/8, which reaches the private ranges 10.0.0.0/8 (other tenants' pods and the nodes); "
        "egress to 0.0.0.0/0 except 10.0.0.0/8, which reaches the private ranges 172.16.0.0/12, 192.168.0.0/16, "
        "100.64.0.0/10, 169.254.0.0/16 (other tenants' pods and the nodes)"
    )
    v6 = {"egress": [{"to": [{"ipBlock": {"cidr": "::/0"}}]}]}
    assert messages(RULE, stack(v6)) == opens(
        "egress to ::/0, which reaches the private ranges fc00::/7, fe80::/10 (other tenants' pods and the nodes)"
    )


def test_fails_egress_to_everything() -> None:
    spec = {"egress": [{}, {"to": [{"ipBlock": {"cidr": "0.0.0.0/0"}}]}]}
    assert messages(RULE, stack(spec))[0].startswith(
        "NetworkPolicy 'np' in tenant namespace 'team' (tenant team) opens egress to anywhere (a rule without to); "
        "egress to 0.0.0.0/0, which reaches the private ranges 10.0.0.0/8"
    )


def test_fails_namespace_selectors_that_do_not_name_namespaces() -> None:
    for selector, text in (
        ({"matchLabels": {"name": "web"}}, '{"matchLabels": {"name": "web"}}'),
        ({"matchExpressions": [{"key": NAME, "operator": "NotIn", "values": ["team"]}]},
         '{"matchExpressions": [{"key": "kubernetes.io/metadata.name", "operator": "NotIn", "values": ["team"]}]}'),
        ({"matchExpressions": [{"key": "fleet-tenant", "operator": "Exists"}]},
         '{"matchExpressions": [{"key": "fleet-tenant", "operator": "Exists"}]}'),
    ):  # fmt: skip
        assert messages(RULE, stack({"egress": [{"to": [ns(**selector)]}]})) == opens(
            f"egress to namespaces matching {text}, which other tenants' namespaces may match (name the namespaces "
            "with kubernetes.io/metadata.name)"
        )


def test_fails_through_a_second_provider_default_namespace_or_a_patch() -> None:
    """A second provider for the same API server, a policy without a namespace whose provider
    defaults to the tenant's, and a NetworkPolicyPatch are all judged."""
    spec = {"ingress": [{}]}
    second = stack(spec, provider="urn:second", provider_props={"kubeconfig": KUBECONFIG, "namespace": "team"})
    assert messages(RULE, second) == opens("ingress from anywhere (a rule without from)")
    unnamed = stack(spec, namespace=None, provider_props={"kubeconfig": KUBECONFIG, "namespace": "team"})
    assert messages(RULE, unnamed) == opens("ingress from anywhere (a rule without from)")
    patch = stack(spec, type_=POLICY + "Patch")
    assert messages(RULE, patch) == opens("ingress from anywhere (a rule without from)", kind="NetworkPolicyPatch")


def test_compliant_a_provider_for_another_cluster() -> None:
    other = KUBECONFIG.replace("api.c1", "api.c2")
    assert messages(RULE, stack({"ingress": [{}]}, provider="urn:other", provider_props={"kubeconfig": other})) == []


OPEN = {"podSelector": {}, "ingress": [{"from": [{"namespaceSelector": {}}]}]}


def test_a_namespace_a_patch_makes_a_tenants_is_judged_as_one() -> None:
    # A NamespacePatch writes its labels onto the namespace by server-side apply.
    items = stack(OPEN, namespace="jobs")
    items[0] = Resource(NAMESPACE, "urn:ns", "ns", {"metadata": {"name": "jobs"}}, provider_urn="p",
                        provider_props={"kubeconfig": KUBECONFIG})  # fmt: skip
    assert messages(RULE, items) == []
    patch = Resource(NAMESPACE + "Patch", "urn:ns-patch", "ns-patch",
                     {"metadata": {"name": "jobs", "labels": {"fleet-tenant": "team"}}}, provider_urn="p",
                     provider_props={"kubeconfig": KUBECONFIG})  # fmt: skip
    assert messages(RULE, [*items, patch])[0].startswith("NetworkPolicy 'np' in tenant namespace 'jobs' (tenant team)")


def test_a_provider_that_cannot_be_placed_on_a_fleet_cluster_may_reach_any() -> None:
    # A provider outside every cluster component, naming a server no component's provider names: which
    # cluster it reaches cannot be shown, so its objects are judged in every tenant namespace of that name.
    component = Resource("fleet:clusters:EksCluster", "urn:c1", "c1", {})
    owned = Resource("pulumi:providers:kubernetes", "p", "c1-k8s", {"kubeconfig": KUBECONFIG}, parent="urn:c1")
    other = '{"clusters": [{"name": "d", "cluster": {"server": "https://api.elsewhere"}}], "current-context": "y", '
    other += '"contexts": [{"name": "y", "context": {"cluster": "d"}}]}'
    free = Resource("pulumi:providers:kubernetes", "q", "free", {"kubeconfig": other})
    items = stack(OPEN, provider="q", provider_props={"kubeconfig": other})
    assert messages(RULE, [component, owned, free, *items]) == opens(
        "ingress from every namespace (namespaceSelector {})"
    )


def test_a_provider_built_inside_a_cluster_component_reaches_that_cluster() -> None:
    # A second context of the same cluster, made by the component: its server's name says nothing new.
    component = Resource("fleet:clusters:EksCluster", "urn:pulumi:s::p::fleet:clusters:EksCluster::c1", "c1", {})
    owned = Resource("pulumi:providers:kubernetes", "p", "c1-k8s", {"kubeconfig": KUBECONFIG}, parent=component.urn)
    other = '{"clusters": [{"name": "d", "cluster": {"server": "https://deployer.c1"}}], "current-context": "y", '
    other += '"contexts": [{"name": "y", "context": {"cluster": "d"}}]}'
    second = Resource("pulumi:providers:kubernetes", "q", "c1-deployer", {"kubeconfig": other}, parent=component.urn)
    items = stack(OPEN, provider="q", provider_props={"kubeconfig": other})
    assert messages(RULE, [component, owned, second, *items]) == opens(
        "ingress from every namespace (namespaceSelector {})"
    )


def test_other_policy_engines_reopen_the_default_deny_too() -> None:
    from fleetguard.rules.ten_003_network_policy_reopen import admin_openings, cilium_openings

    assert cilium_openings({"ingress": [{"fromEntities": ["all"]}]}, "team") == ["ingress from the Cilium entity 'all'"]
    assert cilium_openings({"egress": [{"toEntities": ["world"]}]}, "team") == []  # internet egress, not a tenant
    # Endpoints Cilium does not manage may be any pod, other tenants' included; its health checks are not.
    assert cilium_openings({"ingress": [{"fromEntities": ["unmanaged"]}]}, "team") == [
        "ingress from the Cilium entity 'unmanaged'"
    ]
    assert cilium_openings({"ingress": [{"fromEntities": ["health"]}]}, "team") == []
    assert cilium_openings({"ingress": [{"fromCIDR": ["10.0.0.0/8"]}]}, "team")
    other = {"matchLabels": {"k8s:io.kubernetes.pod.namespace": "other"}}
    assert cilium_openings({"ingress": [{"fromEndpoints": [other]}]}, "team") == [
        "ingress from endpoints of namespace other"
    ]
    assert cilium_openings({"ingress": [{"fromEndpoints": [{"matchLabels": {"app": "web"}}]}]}, "team") == []
    everyone = {"ingress": [{"action": "Allow", "from": [{"namespaces": {}}]}]}
    assert admin_openings(everyone, frozenset({"team"}), "team") == ["ingress from namespaces matching {} (Allow)"]
    assert (
        admin_openings({"ingress": [{"action": "Deny", "from": [{"namespaces": {}}]}]}, frozenset({"team"}), "team")
        == []
    )
    own = {"ingress": [{"action": "Allow", "from": [{"namespaces": {"matchLabels": {"fleet-tenant": "team"}}}]}]}
    assert admin_openings(own, frozenset({"team"}), "team") == []


def test_a_clusterwide_cilium_policy_over_a_tenant_namespace() -> None:
    from fleetguard.rules.ten_003_network_policy_reopen import _selected_namespaces

    assert _selected_namespaces({"matchLabels": {"k8s:io.kubernetes.pod.namespace": "acme"}}) == {"acme"}
    assert _selected_namespaces({"matchLabels": {"app": "web"}}) is None  # every namespace


def test_cluster_network_policies_calico_and_cilium_services() -> None:
    from fleetguard.rules.ten_003_network_policy_reopen import calico_openings, cilium_openings

    cluster_policy = "kubernetes:policy.networking.k8s.io/v1alpha2:ClusterNetworkPolicy"
    subject = {"namespaces": {"matchLabels": {NAME: "team"}}}
    accept = {"subject": subject, "ingress": [{"action": "Accept", "from": [{"namespaces": {}}]}]}
    [message] = messages(RULE, stack({"tier": "Admin", **accept}, None, cluster_policy))
    assert message.startswith("ClusterNetworkPolicy 'np' applies to tenant namespace 'team' (tenant team)")
    # The Baseline tier comes after the namespace's own default deny.
    assert messages(RULE, stack({"tier": "Baseline", **accept}, None, cluster_policy)) == []
    deny = {"tier": "Admin", "subject": subject, "egress": [{"action": "Deny", "to": [{"networks": ["10.0.0.0/8"]}]}]}
    assert messages(RULE, stack(deny, None, cluster_policy)) == []
    # Cilium toServices of another namespace reaches its endpoints.
    service = {"egress": [{"toServices": [{"k8sService": {"serviceName": "db", "namespace": "other"}}]}]}
    assert cilium_openings(service, "team") == ["egress to services of namespace other"]
    assert cilium_openings({"egress": [{"toServices": [{"k8sService": {"serviceName": "db"}}]}]}, "team") == []
    # Calico: a namespaceSelector that does not name namespaces, an empty entity, private nets.
    allow = {"action": "Allow", "protocol": "TCP"}
    assert calico_openings({"ingress": [{**allow, "source": {"namespaceSelector": "all()"}}]}) == [
        "ingress from namespaces matching 'all()'"
    ]
    assert calico_openings({"ingress": [{**allow, "source": {}}]}) == [
        "ingress from anywhere (an Allow rule whose source selects nothing)"
    ]
    assert calico_openings({"egress": [{**allow, "destination": {"nets": ["192.168.0.0/16"]}}]})
    named = "projectcalico.org/name == 'kube-system' || kubernetes.io/metadata.name in {'team'}"
    assert calico_openings({"egress": [{**allow, "destination": {"namespaceSelector": named}}]}) == []
    assert calico_openings({"ingress": [{**allow, "source": {"selector": "app == 'web'"}}]}) == []
    assert calico_openings({"ingress": [{"action": "Deny", "source": {}}]}) == []
    calico = "kubernetes:projectcalico.org/v3:NetworkPolicy"
    [found] = messages(RULE, stack({"ingress": [{**allow, "source": {"namespaceSelector": "all()"}}]}, "team", calico))
    assert found.startswith("NetworkPolicy 'np' in tenant namespace 'team'")


def test_cilium_nodes_and_cidr_groups_and_calico_global_policies() -> None:
    from fleetguard.model import Deferred, Unknown
    from fleetguard.rules.ten_003_network_policy_reopen import calico_namespaces, cilium_openings

    assert cilium_openings({"egress": [{"toNodes": [{"matchLabels": {"kubernetes.io/os": "linux"}}]}]}, "team") == [
        "egress to nodes (toNodes)"
    ]
    rule = {"ingress": [{"fromCIDRSet": [{"cidrGroupRef": "vpn"}]}]}

    def group(*cidrs: object) -> dict:
        return {"vpn": {"metadata": {"name": "vpn"}, "spec": {"externalCIDRs": list(cidrs)}}}

    assert cilium_openings(rule, "team", group("198.51.100.0/24")) == []
    assert cilium_openings(rule, "team", group("10.20.0.0/16"))
    assert cilium_openings(rule, "team", {}) == ["ingress from the CIDR group 'vpn', not in the stack"]
    # A known private entry decides at preview; otherwise an unknown entry defers.
    assert cilium_openings(rule, "team", group("10.20.0.0/16", Unknown("urn:g", "spec")))
    try:
        cilium_openings(rule, "team", group("198.51.100.0/24", Unknown("urn:g", "spec")))
    except Deferred:
        pass
    else:
        raise AssertionError("an unknown entry must defer")
    assert calico_namespaces({"selector": "projectcalico.org/namespace == 'team' && app == 'web'"}) == {"team"}
    assert calico_namespaces({"selector": "app == 'web'"}) is None
    gnp = "kubernetes:projectcalico.org/v3:GlobalNetworkPolicy"
    spec = {"selector": "projectcalico.org/namespace == 'team'",
            "ingress": [{"action": "Allow", "source": {"nets": ["10.0.0.0/8"]}}]}  # fmt: skip
    [found] = messages(RULE, stack(spec, None, gnp))
    assert found.startswith("GlobalNetworkPolicy 'np' applies to tenant namespace 'team'")
    other = {**spec, "selector": "projectcalico.org/namespace == 'other'"}
    assert messages(RULE, stack(other, None, gnp)) == []


def test_a_calico_selector_matching_a_network_set_admits_its_nets() -> None:
    from fleetguard.rules.ten_003_network_policy_reopen import calico_openings

    rule = {"ingress": [{"action": "Allow", "source": {"selector": "role == 'batch'"}}]}

    def network_set(*nets: str) -> dict:
        return {"metadata": {"name": "batch", "labels": {"role": "batch"}}, "spec": {"nets": list(nets)}}

    assert calico_openings(rule, [("acme", network_set("10.40.0.0/16"))], "acme")
    assert calico_openings(rule, [("acme", network_set("198.51.100.0/24"))], "acme") == []
    other = {"metadata": {"name": "x", "labels": {"role": "other"}}, "spec": {"nets": ["10.0.0.0/8"]}}
    assert calico_openings(rule, [("acme", other)], "acme") == []
    # Without a namespaceSelector a NetworkPolicy's selector matches sets of its own namespace only; global() selects
    # GlobalNetworkSets (and no namespace), so a global() rule opens only what the global sets hold.
    assert calico_openings(rule, [(None, network_set("10.40.0.0/16"))], "acme") == []
    assert calico_openings(rule, [("other", network_set("10.40.0.0/16"))], "acme") == []
    everywhere = {
        "ingress": [{"action": "Allow", "source": {"selector": "role == 'batch'", "namespaceSelector": "global()"}}]
    }
    assert calico_openings(everywhere, [(None, network_set("10.40.0.0/16"))], "acme")
    assert calico_openings(everywhere, [(None, network_set("198.51.100.0/24"))], "acme") == []
    assert calico_openings(everywhere, [("acme", network_set("10.40.0.0/16"))], "acme") == []
    # A GlobalNetworkPolicy's selector without a namespaceSelector matches every set.
    assert calico_openings(rule, [("other", network_set("10.40.0.0/16"))])
    assert calico_openings(rule, [(None, network_set("10.40.0.0/16"))])


def test_a_cilium_selector_on_namespace_labels_reaches_other_namespaces() -> None:
    from fleetguard.rules.ten_003_network_policy_reopen import cilium_openings

    def rule(labels: dict) -> dict:
        return {"ingress": [{"fromEndpoints": [{"matchLabels": {"app": "checkout", **labels}}]}]}

    found = cilium_openings(rule({"k8s:io.cilium.k8s.namespace.labels.team": "payments"}), "acme")
    assert found == ["ingress from endpoints of namespaces labelled team"]
    own = {"k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name": "acme"}
    assert cilium_openings(rule(own), "acme") == []
    assert cilium_openings(rule({"k8s:io.kubernetes.pod.namespace": "acme"}), "acme") == []
    assert cilium_openings(rule({}), "acme") == []


def test_a_cluster_wide_empty_endpoint_selector_is_every_namespace() -> None:
    from fleetguard.rules.ten_003_network_policy_reopen import cilium_openings

    rule = {"ingress": [{"fromEndpoints": [{}]}]}
    assert cilium_openings(rule, "acme") == []  # namespaced: the policy's own namespace
    assert cilium_openings(rule, "acme", clusterwide=True) == [
        "ingress from endpoints of every namespace (a cluster-wide selector that names none)"
    ]
    own = {"ingress": [{"fromEndpoints": [{"matchLabels": {"k8s:io.kubernetes.pod.namespace": "acme"}}]}]}
    assert cilium_openings(own, "acme", clusterwide=True) == []
