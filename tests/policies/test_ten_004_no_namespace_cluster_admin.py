from typing import Any

from fleetguard.model import Resource, Unknown
from fleetguard.pack import _stack_findings
from fleetguard.rules.ten_004_no_namespace_cluster_admin import RULE
from tests.policies.conftest import CTX, messages

NAMESPACE = "kubernetes:core/v1:Namespace"
ROLE_BINDING = "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding"
ROLE = "kubernetes:rbac.authorization.k8s.io/v1:Role"
CLUSTER_ROLE = "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole"
GROUP = {"kind": "Group", "name": "team-admins"}
FIX = (
    "bind a role without wildcards, writes to resourcequotas, limitranges or the namespace, escalate, bind or "
    "impersonate beyond service accounts, or bind the built-in admin, edit or view role"
)


def stack(role: str, namespace: str = "team", kind: str = "ClusterRole") -> list[Resource]:
    return [
        Resource(NAMESPACE, "urn:ns", "ns", {"metadata": {"name": "team", "labels": {"fleet-tenant": "team"}}},
                 provider_urn="p"),
        Resource(ROLE_BINDING, "urn:rb", "rb",
                 {"metadata": {"name": "x", "namespace": namespace}, "roleRef": {"kind": kind, "name": role},
                  "subjects": [GROUP]}, provider_urn="p"),
    ]  # fmt: skip


def defined(*rules: dict[str, Any], kind: str = "ClusterRole", labels: dict[str, str] | None = None) -> list[Resource]:
    """A binding in the tenant namespace to a role the stack defines with these rules."""
    metadata: dict[str, Any] = {"name": "custom", "labels": labels or {}}
    if kind == "Role":
        metadata["namespace"] = "team"
    role = Resource(ROLE if kind == "Role" else CLUSTER_ROLE, "urn:role", "role",
                    {"metadata": metadata, "rules": list(rules)}, provider_urn="p")  # fmt: skip
    return [*stack("custom", kind=kind), role]


def rule(groups: list[str], resources: list[str], verbs: list[str], **extra: Any) -> dict[str, Any]:
    return {"apiGroups": groups, "resources": resources, "verbs": verbs, **extra}


def test_compliant_built_in_tenant_roles() -> None:
    assert messages(RULE, stack("admin")) == messages(RULE, stack("edit")) == []
    assert messages(RULE, stack("system:aggregate-to-view")) == []


def test_compliant_cluster_admin_outside_tenant_namespaces() -> None:
    assert messages(RULE, stack("cluster-admin", namespace="kube-system")) == []


def test_compliant_role_with_what_admin_and_edit_already_grant() -> None:
    # policy.go system:aggregate-to-edit/-admin: NetworkPolicies, Secrets, exec, RoleBindings, SA impersonation.
    items = defined(
        rule([""], ["resourcequotas", "limitranges", "configmaps"], ["get", "list", "watch"]),
        rule(["networking.k8s.io"], ["networkpolicies"], ["get", "create", "update", "patch", "delete"]),
        rule([""], ["secrets", "pods/exec"], ["get", "create"]),
        rule(["rbac.authorization.k8s.io"], ["roles", "rolebindings"], ["get", "create", "update"]),
        rule([""], ["serviceaccounts"], ["impersonate"]),
        rule(["apps"], ["deployments", "statefulsets"], ["get", "list", "create", "update"]),
        kind="Role",
    )
    assert messages(RULE, items) == []


def test_compliant_role_the_stack_does_not_define() -> None:
    # A Role lives in the tenant's own namespace, where its admins write Roles within their own rights.
    assert messages(RULE, stack("tenant-written", kind="Role")) == []


def test_fails_cluster_admin_in_a_tenant_namespace() -> None:
    assert messages(RULE, stack("cluster-admin")) == [
        "RoleBinding 'rb' in tenant namespace 'team' (tenant team) grants ClusterRole 'cluster-admin' to Group "
        "'team-admins', which can change the namespace's quota, limits and network policies; bind the built-in admin, "
        "edit or view role instead"
    ]


def test_fails_copy_of_cluster_admin() -> None:
    items = defined(rule(["*"], ["*"], ["*"]), {"nonResourceURLs": ["*"], "verbs": ["*"]})
    assert messages(RULE, items) == [
        "RoleBinding 'rb' in tenant namespace 'team' (tenant team) grants ClusterRole 'custom', which allows every "
        "verb on every resource (a copy of cluster-admin); every verb ('*') on non-resource URLs *; " + FIX
    ]


def test_fails_wildcard_verbs() -> None:
    assert messages(RULE, defined(rule([""], ["configmaps"], ["*"]), kind="Role")) == [
        "RoleBinding 'rb' in tenant namespace 'team' (tenant team) grants Role 'custom', which allows every verb ('*') "
        "on configmaps; " + FIX
    ]


def test_fails_wildcard_resources_of_the_core_group() -> None:
    assert messages(RULE, defined(rule([""], ["*"], ["get", "list"]))) == [
        "RoleBinding 'rb' in tenant namespace 'team' (tenant team) grants ClusterRole 'custom', which allows get/list "
        "on every resource ('*') of API group '' (core); " + FIX
    ]


def test_fails_wildcard_resources_of_any_group() -> None:
    assert messages(RULE, defined(rule(["apps"], ["*"], ["get", "create"]), kind="Role")) == [
        "RoleBinding 'rb' in tenant namespace 'team' (tenant team) grants Role 'custom', which allows get/create on "
        "every resource ('*') of API group 'apps'; " + FIX
    ]


def test_fails_quota_and_limit_range_writes() -> None:
    found = messages(RULE, defined(rule(["*"], ["resourcequotas", "limitranges"], ["get", "update", "patch"])))
    assert found == [
        "RoleBinding 'rb' in tenant namespace 'team' (tenant team) grants ClusterRole 'custom', which allows "
        "update/patch on resourcequotas, limitranges; " + FIX
    ]


def test_fails_quota_status_through_a_subresource_wildcard() -> None:
    assert "update on resourcequotas/status" in messages(RULE, defined(rule([""], ["*/status"], ["update"])))[0]


def test_fails_writes_to_the_namespace_itself() -> None:
    assert "patch on namespaces" in messages(RULE, defined(rule([""], ["namespaces"], ["get", "patch"])))[0]


def test_fails_escalate_and_bind() -> None:
    found = messages(RULE, defined(rule(["rbac.authorization.k8s.io"], ["clusterroles"], ["bind", "escalate"],
                                        resourceNames=["cluster-admin"])))  # fmt: skip
    assert found == [
        "RoleBinding 'rb' in tenant namespace 'team' (tenant team) grants ClusterRole 'custom', which allows escalate "
        "and bind on clusterroles, which skips privilege-escalation prevention; " + FIX
    ]


def test_fails_impersonating_users_and_groups() -> None:
    found = messages(RULE, defined(rule([""], ["users", "groups", "serviceaccounts"], ["impersonate"])))
    assert "which allows impersonate on users, groups, serviceaccounts; " in found[0]


def test_fails_a_cluster_role_the_stack_does_not_define() -> None:
    assert messages(RULE, stack("vendor-operator")) == [
        "RoleBinding 'rb' in tenant namespace 'team' (tenant team) grants ClusterRole 'vendor-operator', which this "
        "stack does not define, so what it allows cannot be judged; define the ClusterRole in the stack, or bind the "
        "built-in admin, edit or view role"
    ]


def test_a_built_in_cluster_role_is_judged_by_its_bootstrap_rules() -> None:
    # system:auth-delegator creates token and access reviews only (bootstrappolicy/policy.go).
    assert messages(RULE, stack("system:auth-delegator")) == messages(RULE, stack("system:monitoring")) == []
    assert "which this stack does not define" in messages(RULE, stack("system:kube-controller-manager"))[0]


def test_a_binding_patch_that_keeps_its_role_is_not_judged_by_role() -> None:
    # roleRef is immutable: a patch without one leaves the binding's role as it is.
    items = stack("admin")
    patch = Resource(ROLE_BINDING + "Patch", "urn:rb-patch", "rb-patch",
                     {"metadata": {"name": "elsewhere", "namespace": "team"}, "subjects": [GROUP]},
                     provider_urn="p")  # fmt: skip
    assert messages(RULE, [*items, patch]) == []
    merged = Resource(ROLE_BINDING + "Patch", "urn:rb-patch", "rb-patch",
                      {"metadata": {"name": "x", "namespace": "team"}, "roleRef": {"kind": "ClusterRole",
                       "name": "cluster-admin"}}, provider_urn="p")  # fmt: skip
    assert "grants ClusterRole 'cluster-admin'" in messages(RULE, [*items, merged])[0]


def test_fails_an_aggregating_role_through_what_it_aggregates() -> None:
    items = stack("umbrella")
    items.append(Resource(CLUSTER_ROLE, "urn:u", "u", {
        "metadata": {"name": "umbrella"},
        "aggregationRule": {"clusterRoleSelectors": [{"matchLabels": {"example.com/umbrella": "true"}}]},
        "rules": [],
    }, provider_urn="p"))  # fmt: skip
    items.append(Resource(CLUSTER_ROLE, "urn:part", "part", {
        "metadata": {"name": "part", "labels": {"example.com/umbrella": "true"}},
        "rules": [rule([""], ["limitranges"], ["delete"])],
    }, provider_urn="p"))  # fmt: skip
    assert "which allows delete on limitranges; " in messages(RULE, items)[0]


def test_fails_on_an_older_rbac_api_version() -> None:
    items = stack("cluster-admin")
    items[1].type = "kubernetes:rbac.authorization.k8s.io/v1beta1:RoleBinding"
    assert len(messages(RULE, items)) == 1


def test_defers_a_role_whose_rules_are_unknown() -> None:
    items = defined()
    items[2].props["rules"] = Unknown("urn:role", "rules")  # type: ignore[index]
    findings = list(RULE.stack_check(items, None))  # type: ignore[arg-type, misc]
    assert [f.deferred for f in findings] == [True]


def test_fails_closed_on_a_malformed_role_and_judges_the_rest() -> None:
    items = defined()
    items[2].props["rules"] = {"verbs": "*"}  # type: ignore[index]  # a map where the API takes a list
    findings, broken = _stack_findings(RULE, items, CTX)
    assert [(r.name, type(err).__name__) for r, err in broken] == [("role", "TypeError")]
    assert [f.message.split(", which")[1] for f in findings] == [
        " this stack does not define, so what it allows cannot be judged; define the ClusterRole in the stack, or "
        "bind the built-in admin, edit or view role"
    ]
