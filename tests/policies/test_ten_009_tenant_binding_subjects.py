from typing import Any

from fleetguard.model import Resource
from fleetguard.rules.ten_009_tenant_binding_subjects import RULE
from tests.policies.conftest import messages

NAMESPACE = "kubernetes:core/v1:Namespace"
ROLE_BINDING = "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding"
FIX = "bind only the tenant's own groups (its namespace's owner annotations) and service accounts of its namespace"


def namespace(name: str, tenant: str, owners: str) -> Resource:
    metadata = {"name": name, "labels": {"fleet-tenant": tenant}, "annotations": {"fleet.dev/owners-admin": owners}}
    return Resource(NAMESPACE, f"urn:{name}", name, {"metadata": metadata}, provider_urn="p")


def stack(*subjects: dict[str, Any], binding_namespace: str = "team") -> list[Resource]:
    binding = Resource(ROLE_BINDING, "urn:rb", "rb", {
        "metadata": {"name": "x", "namespace": binding_namespace},
        "roleRef": {"kind": "ClusterRole", "name": "view"},
        "subjects": list(subjects),
    }, provider_urn="p")  # fmt: skip
    return [namespace("team", "team", "team-admins"), namespace("other", "other", "other-admins"), binding]


def group(name: str) -> dict[str, str]:
    return {"kind": "Group", "apiGroup": "rbac.authorization.k8s.io", "name": name}


def account(name: str, ns: str | None = None) -> dict[str, str]:
    return {"kind": "ServiceAccount", "name": name, **({"namespace": ns} if ns else {})}


def start(subject: str) -> str:
    return f"RoleBinding 'rb' in tenant namespace 'team' (tenant team) grants ClusterRole 'view' to {subject}, which is"


def test_compliant_own_groups_and_service_accounts() -> None:
    own = (group("team-admins"), account("ci", "team"), account("deployer"), group("system:serviceaccounts:team"))
    items = stack(*own, {"kind": "User", "name": "system:serviceaccount:team:ci"}, group("platform-sre"))
    assert messages(RULE, items) == []


def test_compliant_platform_service_accounts() -> None:
    assert messages(RULE, stack(account("argocd", "fleet-system"), account("kube-state-metrics", "kube-system"))) == []


def test_compliant_broad_subjects_outside_tenant_namespaces() -> None:
    assert messages(RULE, stack(group("system:authenticated"), binding_namespace="default")) == []


def test_fails_every_authenticated_user() -> None:
    assert messages(RULE, stack(group("system:authenticated"))) == [
        start("Group 'system:authenticated'") + " every authenticated user; " + FIX
    ]


def test_fails_every_nodes_kubelet() -> None:
    assert messages(RULE, stack(group("system:nodes"))) == [
        start("Group 'system:nodes'") + " every node's kubelet (nodes that run other tenants' pods); " + FIX
    ]


def test_fails_unauthenticated_and_anonymous() -> None:
    found = messages(RULE, stack(group("system:unauthenticated"), {"kind": "User", "name": "system:anonymous"}))
    assert found == [
        start("Group 'system:unauthenticated'") + " every unauthenticated request; " + FIX,
        start("User 'system:anonymous'") + " every unauthenticated request; " + FIX,
    ]


def test_fails_every_service_account_of_the_cluster() -> None:
    assert messages(RULE, stack(group("system:serviceaccounts"))) == [
        start("Group 'system:serviceaccounts'") + " every service account of the cluster; " + FIX
    ]


def test_fails_service_accounts_of_another_namespace() -> None:
    assert messages(RULE, stack(group("system:serviceaccounts:other"))) == [
        start("Group 'system:serviceaccounts:other'") + " every service account of namespace 'other'; " + FIX
    ]


def test_fails_another_tenants_service_account() -> None:
    assert messages(RULE, stack(account("ci", "other"))) == [
        start("ServiceAccount 'ci'") + " service account other/ci of tenant 'other'; " + FIX
    ]


def test_fails_a_service_account_outside_any_tenant() -> None:
    assert messages(RULE, stack(account("builder", "tools"))) == [
        start("ServiceAccount 'builder'") + " service account tools/builder of namespace 'tools', outside the "
        "tenant; " + FIX
    ]


def test_fails_a_service_account_named_as_its_user() -> None:
    assert messages(RULE, stack({"kind": "User", "name": "system:serviceaccount:other:ci"})) == [
        start("User 'system:serviceaccount:other:ci'") + " service account other/ci of tenant 'other'; " + FIX
    ]


def test_fails_another_tenants_owner_group() -> None:
    assert messages(RULE, stack(group("other-admins"))) == [
        start("Group 'other-admins'") + " an owner group of tenant 'other'; " + FIX
    ]


def test_a_binding_patch_is_judged_by_the_subjects_it_writes() -> None:
    items = stack(group("team-admins"))
    patch = Resource(ROLE_BINDING + "Patch", "urn:rb-patch", "rb-patch", {
        "metadata": {"name": "x", "namespace": "team"},
        "subjects": [group("team-admins"), group("system:authenticated")],
    }, provider_urn="p")  # fmt: skip
    assert messages(RULE, [*items, patch]) == [
        "RoleBinding 'rb-patch' in tenant namespace 'team' (tenant team) grants ClusterRole 'view' to Group "
        f"'system:authenticated', which is every authenticated user; {FIX}"
    ]
    alone = Resource(patch.type, patch.urn, patch.name, patch.props, provider_urn="p")
    assert "grants the role it already names to Group 'system:authenticated'" in messages(RULE, [items[0], alone])[0]
