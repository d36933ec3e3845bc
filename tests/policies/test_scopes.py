"""The built-in cluster-scoped Kubernetes resources (shapes/generate_scopes.py writes kubernetes-scopes.json)."""

from fleetguard.shapes import cluster_scoped
from fleetguard.shapes.generate_scopes import cluster_scoped as from_paths


def test_a_resource_served_only_outside_namespaces_is_cluster_scoped() -> None:
    paths = [
        "/api/v1/nodes", "/api/v1/nodes/{name}", "/api/v1/pods", "/api/v1/namespaces/{namespace}/pods",
        "/api/v1/namespaces", "/api/v1/watch/nodes", "/apis/certificates.k8s.io/v1beta1/clustertrustbundles",
        "/apis/apps/v1/namespaces/{namespace}/deployments", "/apis/apps/v1/deployments", "/version",
    ]  # fmt: skip
    assert from_paths(paths) == {"": ["nodes"], "certificates.k8s.io": ["clustertrustbundles"]}


def test_the_committed_table_has_the_kinds_the_rules_rely_on() -> None:
    table = cluster_scoped()
    assert {"nodes", "persistentvolumes"} <= table[""]
    assert "clustertrustbundles" in table["certificates.k8s.io"]
    assert "mutatingadmissionpolicies" in table["admissionregistration.k8s.io"]
    assert "pods" not in table[""] and "namespaces" not in table[""]
    # Well-known CRDs the OpenAPI does not hold.
    assert "gatewayclasses" in table["gateway.networking.k8s.io"]
