from fleetguard.model import Resource
from fleetguard.rules.ten_004_no_namespace_cluster_admin import RULE
from tests.policies.conftest import messages

NAMESPACE = "kubernetes:core/v1:Namespace"
ROLE_BINDING = "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding"
GROUP = {"kind": "Group", "name": "team-admins"}


def stack(role: str, namespace: str = "team") -> list[Resource]:
    return [
        Resource(NAMESPACE, "urn:ns", "ns", {"metadata": {"name": "team", "labels": {"fleet-tenant": "team"}}},
                 provider_urn="p"),
        Resource(ROLE_BINDING, "urn:rb", "rb",
                 {"metadata": {"name": "x", "namespace": namespace}, "roleRef": {"kind": "ClusterRole", "name": role},
                  "subjects": [GROUP]}, provider_urn="p"),
    ]  # fmt: skip


def test_compliant_built_in_tenant_roles() -> None:
    assert messages(RULE, stack("admin")) == messages(RULE, stack("edit")) == []


def test_compliant_cluster_admin_outside_tenant_namespaces() -> None:
    assert messages(RULE, stack("cluster-admin", namespace="kube-system")) == []


def test_fails_cluster_admin_in_a_tenant_namespace() -> None:
    assert messages(RULE, stack("cluster-admin")) == [
        "RoleBinding 'rb' in tenant namespace 'team' (tenant team) grants ClusterRole 'cluster-admin' to Group "
        "'team-admins', which can change the namespace's quota, limits and network policies; bind the built-in admin, "
        "edit or view role instead"
    ]
