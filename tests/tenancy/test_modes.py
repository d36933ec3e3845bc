"""Each tenant guarantee, exactly, in every mode; every object valid upstream Kubernetes."""

from __future__ import annotations

import json
import re
from collections import Counter

import jsonschema
import kubernetes_validate
import pytest

from fleet.review.secrets import is_secret, reveal
from fleet.spec import load
from tests.conftest import ROOT, SHARED, by_type, fleet_of, raw_spec, rendered

K8S = "kubernetes:"
GKE_CUSTOM = "kubernetes:monitoring.googleapis.com/"
DNS_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")


def objects(stack: str, tenant: str, cluster: str) -> dict[str, dict]:
    """kind/name -> inputs of the Kubernetes objects of one tenant on one cluster."""
    prefix = f"{cluster}/{tenant}-"
    found = {}
    for resource in rendered(stack).resources:
        if resource.name.startswith(prefix) and resource.type.startswith(K8S) and "helm" not in resource.type:
            inputs = reveal(resource.inputs)
            found[f"{inputs['kind']}/{inputs['metadata']['name']}"] = inputs
    return found


def test_namespace_mode_guarantees() -> None:
    got = objects("dev", "web", load(raw_spec("dev")).placement.assignments["web"][0])
    assert sorted(got) == [
        "LimitRange/tenant-limits",
        "Namespace/web",
        "NetworkPolicy/allow-dns",
        "NetworkPolicy/allow-egress-to-peers",  # payments accepts web (allowFrom)
        "NetworkPolicy/allow-internet-egress",
        "NetworkPolicy/allow-same-namespace",
        "NetworkPolicy/default-deny",
        "ResourceQuota/tenant-quota",
        "RoleBinding/tenant-admin",
        "RoleBinding/tenant-deployer",
        "RoleBinding/tenant-edit",
        "RoleBinding/tenant-view",
        "ServiceAccount/tenant-deployer",
    ]
    labels = got["Namespace/web"]["metadata"]["labels"]
    assert {k: v for k, v in labels.items() if k.startswith("pod-security")} == {
        "pod-security.kubernetes.io/enforce": "restricted",
        "pod-security.kubernetes.io/enforce-version": "v1.35",
        "pod-security.kubernetes.io/warn": "restricted",
        "pod-security.kubernetes.io/warn-version": "v1.35",
        "pod-security.kubernetes.io/audit": "restricted",
        "pod-security.kubernetes.io/audit-version": "v1.35",
    }
    assert (labels["fleet-tenant"], labels["fleet-tenant-owner"], labels["fleet-owner"]) == (
        "web",
        "web-admins",
        "platform-team",
    )
    assert got["ResourceQuota/tenant-quota"]["spec"]["hard"] == {
        "requests.cpu": "2",
        "requests.memory": "4Gi",
        "limits.cpu": "2",
        "limits.memory": "4Gi",
        "requests.storage": "100Gi",
        "persistentvolumeclaims": "20",
        "pods": "100",
        "services": "50",
        "services.loadbalancers": "0",
        "services.nodeports": "0",
        "configmaps": "100",
        "secrets": "100",
    }
    assert got["LimitRange/tenant-limits"]["spec"]["limits"] == [
        {
            "type": "Container",
            "default": {"cpu": "500m", "memory": "512Mi"},
            "defaultRequest": {"cpu": "100m", "memory": "128Mi"},
            "max": {"cpu": "4", "memory": "16Gi"},
        }
    ]
    assert got["NetworkPolicy/default-deny"]["spec"] == {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]}
    assert got["NetworkPolicy/allow-same-namespace"]["spec"] == {
        "podSelector": {},
        "policyTypes": ["Ingress", "Egress"],
        "ingress": [{"from": [{"podSelector": {}}]}],
        "egress": [{"to": [{"podSelector": {}}]}],
    }
    dns = got["NetworkPolicy/allow-dns"]["spec"]["egress"][0]
    assert dns["ports"] == [{"protocol": "UDP", "port": 53}, {"protocol": "TCP", "port": 53}]
    internet = got["NetworkPolicy/allow-internet-egress"]["spec"]["egress"][0]["to"][0]["ipBlock"]
    assert internet["cidr"] == "0.0.0.0/0" and "10.0.0.0/8" in internet["except"]
    # web runs on AKS: RBAC names the Entra object IDs the spec maps each group to.
    mapping = load(raw_spec("dev")).spec.identity.groups
    for role, group in (("admin", "web-admins"), ("edit", "web-devs"), ("view", "support")):
        binding = got[f"RoleBinding/tenant-{role}"]
        assert binding["metadata"]["namespace"] == "web"
        assert binding["roleRef"] == {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": role}
        subject = mapping[group].azure
        assert binding["subjects"] == [{"kind": "Group", "apiGroup": "rbac.authorization.k8s.io", "name": subject}]
    annotations = got["Namespace/web"]["metadata"]["annotations"]
    assert annotations["fleet.dev/owners-admin"] == mapping["web-admins"].azure
    assert got["ServiceAccount/tenant-deployer"]["automountServiceAccountToken"] is False
    assert got["RoleBinding/tenant-deployer"]["subjects"] == [
        {"kind": "ServiceAccount", "name": "tenant-deployer", "namespace": "web"}
    ]


def test_peers_are_allowed_in_and_nothing_else() -> None:
    fleet = load(raw_spec("dev"))
    got = objects("dev", "payments", fleet.placement.assignments["payments"][0])
    assert got["NetworkPolicy/allow-ingress-from-peers"]["spec"]["ingress"] == [
        {"from": [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "web"}}}]}
    ]
    assert "NetworkPolicy/allow-internet-egress" not in got


NAME_LABEL = "kubernetes.io/metadata.name"


def _admits(policies: list[dict], direction: str, own: str, other: str) -> bool:
    """Whether a namespace's NetworkPolicies admit any pod of ``other`` in ``direction``, as the
    API defines it for the selectors the fleet writes: a pod no policy of that direction selects
    is not isolated; otherwise the union of the rules decides (an ipBlock never matches a pod here,
    pod addresses being private and the fleet's blocks excluding private ranges)."""
    applicable = [p["spec"] for p in policies if direction in p["spec"]["policyTypes"]]
    if not applicable:
        return True
    side, key = ("ingress", "from") if direction == "Ingress" else ("egress", "to")
    for spec in applicable:
        for rule in spec.get(side, []):
            peers = rule.get(key)
            if peers is None:
                return True
            for peer in peers:
                namespaces = peer.get("namespaceSelector")
                if namespaces is None and "podSelector" in peer and other == own:
                    return True
                if namespaces is not None and namespaces.get("matchLabels", {}).get(NAME_LABEL) == other:
                    return True
    return False


def test_a_tenant_another_accepts_can_reach_it_and_nothing_more() -> None:
    """Kubernetes admits a connection only if the client's egress and the server's ingress both
    allow it: allowFrom opens both sides, for the named tenant only, in one direction."""
    fleet = load(raw_spec("dev"))
    policies = {
        tenant: [o for o in objects("dev", tenant, fleet.placement.assignments[tenant][0]).values()
                 if o["kind"] == "NetworkPolicy"]
        for tenant in ("web", "payments", "data-lab")
    }  # fmt: skip

    def connects(client: str, server: str) -> bool:
        return _admits(policies[client], "Egress", client, server) and _admits(
            policies[server], "Ingress", server, client
        )

    assert connects("web", "payments")  # payments: allowFrom [{tenant: web}]
    assert not connects("payments", "web")
    assert not connects("data-lab", "payments")
    assert not connects("web", "data-lab")
    assert all(connects(t, t) for t in policies)


def test_vcluster_mode_guarantees() -> None:
    cluster = load(raw_spec("dev")).placement.assignments["data-lab"][0]
    got = objects("dev", "data-lab", cluster)
    assert sorted(got) == [
        "LimitRange/tenant-limits",
        "Namespace/data-lab",
        "NetworkPolicy/allow-dns",
        "NetworkPolicy/allow-same-namespace",
        "NetworkPolicy/default-deny",
        "ResourceQuota/tenant-quota",
        "RoleBinding/tenant-view",
    ]
    # The host namespace's quota is the tenant's plus the control plane's own share.
    hard = got["ResourceQuota/tenant-quota"]["spec"]["hard"]
    assert (hard["requests.cpu"], hard["requests.memory"], hard["pods"], hard["persistentvolumeclaims"]) == (
        "3",
        "10Gi",
        "101",
        "21",
    )
    # data-lab runs on GKE: RBAC names the Google Group's email (Google Groups for RBAC).
    assert got["RoleBinding/tenant-view"]["subjects"] == [
        {"kind": "Group", "apiGroup": "rbac.authorization.k8s.io", "name": "data-admins@acme.example"}
    ]
    [release] = [r for r in by_type(rendered("dev"), "kubernetes:helm.sh/v3:Release") if r.name.startswith(cluster)]
    inputs = reveal(release.inputs)
    assert (inputs["chart"], inputs["version"], inputs["repositoryOpts"], inputs["namespace"]) == (
        "vcluster",
        "0.36.1",
        {"repo": "https://charts.loft.sh"},
        "data-lab",
    )
    # fleet's quota and limit range are the only ones (vcluster.py).
    policies = inputs["values"]["policies"]
    assert policies["resourceQuota"] == {"enabled": False} and policies["limitRange"] == {"enabled": False}
    assert policies["networkPolicy"]["enabled"] is True and policies["podSecurityStandard"] == "restricted"
    container = inputs["values"]["controlPlane"]["statefulSet"]["security"]["containerSecurityContext"]
    assert container["runAsNonRoot"] is True and container["capabilities"] == {"drop": ["ALL"]}
    assert inputs["values"]["controlPlane"]["proxy"] == {"extraSANs": ["data-lab.data-lab.svc"]}
    # Where the kubeconfig is, not the credential: nothing of it in Pulumi state.
    access = rendered("dev").outputs["vclusterAccess"]
    assert not is_secret(access)
    assert access == {
        f"data-lab@{cluster}": {
            "namespace": "data-lab",
            "name": "vcluster-kubeconfig",
            "field": "config",
            "server": "https://data-lab.data-lab.svc:443",
        }
    }


def _vcluster_schema() -> jsonschema.protocols.Validator:
    # The chart tools/build.sh took from the vcluster Go module (CI builds it before the tests), else
    # the copy of the same schema in the shared reference.
    built = ROOT / "tools" / ".bin" / "charts" / "vcluster" / "values.schema.json"
    path = built if built.is_file() else SHARED / "vcluster" / "values.schema-v0.36.1.json"
    if not path.is_file():
        pytest.skip(f"neither {built} nor {path} is present on this machine; run tools/build.sh")
    schema = json.loads(path.read_text())
    return jsonschema.Draft202012Validator(schema)


def test_vcluster_values_validate_against_the_chart_schema(stack: str) -> None:
    validator = _vcluster_schema()
    releases = [r for r in by_type(rendered(stack), "kubernetes:helm.sh/v3:Release") if r.inputs["chart"] == "vcluster"]
    if stack == "prod":  # prod has vcluster tenants: an empty selection would pass vacuously
        assert releases
    for release in releases:
        errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(reveal(release.inputs)["values"])]
        assert errors == [], release.name


def test_the_chart_schema_rejects_a_misspelled_key() -> None:
    # Guards the test above: the schema must be strict enough to catch our mistakes.
    validator = _vcluster_schema()
    assert list(validator.iter_errors({"policies": {"resourceQuotas": {"enabled": True}}}))


def test_dedicated_mode_guarantees() -> None:
    fleet = load(raw_spec("staging"))
    [cluster] = fleet.placement.assignments["ledger"]
    assert fleet.cluster(cluster).dedicated_to == "ledger"
    got = objects("staging", "ledger", cluster)
    assert got["ClusterRoleBinding/fleet-tenant-ledger-cluster-admin"]["subjects"] == [
        {"kind": "Group", "apiGroup": "rbac.authorization.k8s.io", "name": "ledger-admins"}
    ]
    assert got["ResourceQuota/tenant-quota"]["spec"]["hard"]["requests.cpu"] == "8"
    assert "NetworkPolicy/default-deny" in got
    # No other tenant lands on a dedicated cluster.
    assert fleet.placement.tenants_on(cluster) == ["ledger"]


def test_no_cluster_role_binding_outside_dedicated_clusters(stack: str) -> None:
    """Tenants get cluster-wide rights only on their dedicated clusters; the two others are the
    platform's cluster admins (spec identity.clusterAdmins) and, on GKE, kube-state-metrics' read
    access for the alert set (fleet.observability.gke), bound to its own service account only."""
    fleet = fleet_of(stack)
    for resource in by_type(rendered(stack), "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding"):
        cluster = resource.name.split("/")[0]
        inputs = reveal(resource.inputs)
        if inputs["metadata"]["name"] == "fleet-platform-admins":
            cloud = fleet.cluster(cluster).cloud  # type: ignore[attr-defined]
            admins = [
                getattr(fleet.spec.identity.groups[g], cloud) if cloud in ("gcp", "azure") else g
                for g in fleet.spec.identity.cluster_admins
            ]
            assert [s["name"] for s in inputs["subjects"]] == admins, resource.name
            continue
        if inputs["metadata"]["name"] == "fleet-kube-state-metrics":
            assert fleet.cluster(cluster).cloud == "gcp", resource.name
            assert inputs["subjects"] == [
                {"kind": "ServiceAccount", "name": "kube-state-metrics", "namespace": "fleet-system"}
            ]
            continue
        assert fleet.cluster(cluster).dedicated_to is not None, resource.name


def test_every_kubernetes_object_is_valid_upstream(stack: str) -> None:
    fleet = fleet_of(stack)
    checked = 0
    for resource in rendered(stack).resources:
        if not resource.type.startswith(K8S) or "helm" in resource.type or resource.type.startswith("pulumi:"):
            continue
        if resource.type.startswith(GKE_CUSTOM):
            continue  # GKE's CRDs, not upstream: tests/observability/test_gke_metrics.py checks them against theirs
        cluster = fleet.cluster(resource.name.split("/")[0])
        kubernetes_validate.validate(reveal(resource.inputs), f"{cluster.kubernetes_version}.0", strict=True)
        checked += 1
    assert checked > 0


def test_two_tenants_never_share_a_namespace(stack: str) -> None:
    namespaces = Counter(
        (r.name.split("/")[0], reveal(r.inputs)["metadata"]["name"])
        for r in by_type(rendered(stack), "kubernetes:core/v1:Namespace")
    )
    assert [key for key, count in namespaces.items() if count > 1] == []


def test_names_are_unique_and_valid(stack: str) -> None:
    rendering = rendered(stack)
    urns = Counter(r.urn for r in rendering.resources)
    assert [u for u, c in urns.items() if c > 1] == []
    for resource in rendering.resources:
        if resource.type.startswith(K8S) and "metadata" in resource.inputs:
            name = reveal(resource.inputs)["metadata"]["name"]
            assert DNS_LABEL.match(name) and len(name) <= 63, name


def test_a_tenant_on_several_clusters_gets_the_same_objects_on_each() -> None:
    fleet = load(raw_spec("prod"))
    clusters = fleet.placement.assignments["payments"]
    assert len(clusters) == 3
    shapes = [sorted(objects("prod", "payments", c)) for c in clusters]
    assert shapes[0] == shapes[1] == shapes[2]


def test_regulated_tenants_carry_the_residency_label(stack: str) -> None:
    fleet = fleet_of(stack)
    regimes = {t.name: t.residency for t in fleet.spec.tenants}
    for resource in rendered(stack).resources:
        if not resource.type.startswith(K8S) or "/" not in resource.name or "metadata" not in resource.inputs:
            continue
        if resource.name.split("/")[1].startswith(("guardrails-", "platform-")):
            continue  # the cluster's own admission policy and platform objects, not a tenant's
        tenant = next(t for t in regimes if resource.name.split("/")[1].startswith(t + "-"))
        labels = reveal(resource.inputs)["metadata"].get("labels", {})
        if regimes[tenant] == "none":
            assert "fleet-residency" not in labels
        else:
            assert labels["fleet-residency"] == regimes[tenant], resource.name


def test_dedicated_clusters_carry_the_tenant_regime_on_cloud_resources() -> None:
    for resource in rendered("prod").resources:
        if resource.name.startswith("ledger-dedicated-") and "tags" in resource.inputs:
            assert reveal(resource.inputs)["tags"]["fleet-residency"] == "gdpr", resource.name
