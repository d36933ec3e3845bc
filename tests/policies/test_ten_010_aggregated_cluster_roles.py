from typing import Any

from fleetguard.model import Resource, Unknown
from fleetguard.rules.ten_010_aggregated_cluster_roles import RULE
from tests.policies.conftest import messages

CLUSTER_ROLE = "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole"
TO = "rbac.authorization.k8s.io/aggregate-to-"
FIX = (
    "remove the aggregation label, or grant only what the role's purpose needs (named resources of its own API group, "
    "read-only for view)"
)


def role(into: str | None, *rules: dict[str, Any]) -> Resource:
    labels = {f"{TO}{into}": "true"} if into else {}
    return Resource(CLUSTER_ROLE, "urn:cr", "cr", {"metadata": {"name": "cr", "labels": labels}, "rules": list(rules)},
                    provider_urn="p")  # fmt: skip


def rule(groups: list[str], resources: list[str], verbs: list[str]) -> dict[str, Any]:
    return {"apiGroups": groups, "resources": resources, "verbs": verbs}


def start(into: str) -> str:
    return (
        f"ClusterRole 'cr' is aggregated into the built-in {into} role(s), and so into every tenant's binding of them "
        "in every namespace, and adds "
    )


def test_compliant_custom_resource_read_into_view() -> None:
    assert messages(RULE, role("view", rule(["stable.example.com"], ["crontabs"], ["get", "list", "watch"]))) == []


def test_compliant_custom_resource_write_into_edit() -> None:
    crd = rule(["stable.example.com"], ["crontabs"], ["get", "list", "watch", "create", "update", "patch", "delete"])
    assert messages(RULE, role("edit", crd, rule([""], ["serviceaccounts"], ["impersonate"]))) == []


def test_compliant_wildcards_without_an_aggregation_label() -> None:
    assert messages(RULE, role(None, rule(["*"], ["*"], ["*"]))) == []


def test_fails_wildcard_verbs() -> None:
    assert messages(RULE, role("edit", rule(["stable.example.com"], ["crontabs"], ["*"]))) == [
        start("edit, admin") + "every verb ('*') on crontabs; " + FIX
    ]


def test_fails_a_copy_of_cluster_admin_into_admin() -> None:
    assert messages(RULE, role("admin", rule(["*"], ["*"], ["*"]))) == [
        start("admin") + "every verb on every resource (a copy of cluster-admin); " + FIX
    ]


def test_fails_every_resource_of_a_group() -> None:
    assert messages(RULE, role("view", rule(["stable.example.com"], ["*"], ["get", "list"]))) == [
        start("view, edit, admin") + "get/list on every resource ('*') of API group 'stable.example.com'; " + FIX
    ]


def test_fails_quota_and_limit_range_writes() -> None:
    assert messages(RULE, role("admin", rule([""], ["resourcequotas", "limitranges"], ["update"]))) == [
        start("admin") + "update on resourcequotas, limitranges; " + FIX
    ]


def test_fails_escalate_bind_impersonate() -> None:
    found = messages(RULE, role("admin", rule(["rbac.authorization.k8s.io"], ["clusterroles"], ["bind", "escalate"]),
                                rule([""], ["users"], ["impersonate"])))  # fmt: skip
    assert found == [
        start("admin")
        + "escalate and bind on clusterroles, which skips privilege-escalation prevention; bind/escalate "
        "on cluster-scoped clusterroles; impersonate on users; " + FIX
    ]


def test_fails_nodes_into_view() -> None:
    assert messages(RULE, role("view", rule([""], ["nodes", "pods"], ["get", "list"]))) == [
        start("view, edit, admin") + "get/list on cluster-scoped nodes; " + FIX
    ]


def test_fails_secrets_into_view() -> None:
    assert messages(RULE, role("view", rule([""], ["secrets"], ["get", "list"]))) == [
        start("view, edit, admin") + "reading Secrets, which view leaves out; " + FIX
    ]


def test_fails_writes_into_view() -> None:
    assert messages(RULE, role("view", rule(["stable.example.com"], ["crontabs"], ["get", "create"]))) == [
        start("view, edit, admin") + "create on crontabs, and view is read-only; " + FIX
    ]


def test_defers_rules_unknown_at_preview() -> None:
    item = role("view")
    item.props["rules"] = Unknown("urn:cr", "rules")  # type: ignore[index]
    assert [f.deferred for f in RULE.stack_check([item], None)] == [True]  # type: ignore[arg-type, misc]


def test_fails_a_patch_that_aggregates_a_secret_reader_into_view() -> None:
    # A ClusterRolePatch writes its labels onto the role by server-side apply; the role's rules stay its own.
    reader = role(None, rule([""], ["secrets"], ["get", "list"]))
    patch = Resource(CLUSTER_ROLE + "Patch", "urn:cr-patch", "cr-patch",
                     {"metadata": {"name": "cr", "labels": {f"{TO}view": "true"}}}, provider_urn="p")  # fmt: skip
    assert messages(RULE, [reader, patch])[0].startswith(
        "ClusterRole 'cr-patch' is aggregated into the built-in view, edit, admin role(s)"
    )
    other_cluster = Resource(patch.type, patch.urn, patch.name, patch.props, provider_urn="q")
    assert messages(RULE, [reader, other_cluster]) == []  # a patch of a role on another cluster: no rules here


def test_fails_a_role_that_chains_what_it_aggregates_into_view() -> None:
    # An aggregated role's rules are those of the roles its selectors match, carried on into view.
    chain = Resource(CLUSTER_ROLE, "urn:chain", "chain", {
        "metadata": {"name": "chain", "labels": {f"{TO}view": "true"}},
        "aggregationRule": {"clusterRoleSelectors": [{"matchLabels": {"example.com/chain": "true"}}]},
    }, provider_urn="p")  # fmt: skip
    part = Resource(CLUSTER_ROLE, "urn:part", "part", {
        "metadata": {"name": "part", "labels": {"example.com/chain": "true"}},
        "rules": [rule([""], ["secrets"], ["get"])],
    }, provider_urn="p")  # fmt: skip
    assert messages(RULE, [chain, part])[0].startswith("ClusterRole 'chain' is aggregated into the built-in view")


def test_fails_wildcard_verbs_although_the_resources_are_unknown_at_preview() -> None:
    unknown = Unknown("urn:cr", "rules[0].resources[0]")
    assert messages(RULE, role("admin", rule(["previews.example.com"], [unknown], ["*"]))) == [  # type: ignore[list-item]
        start("admin") + "every verb ('*') on resources unknown during preview; " + FIX
    ]


def test_defers_when_only_the_unknown_item_could_grant_a_power() -> None:
    unknown = Unknown("urn:cr", "rules[0].resources[0]")
    item = role("view", rule(["stable.example.com"], [unknown], ["get"]))  # type: ignore[list-item]
    assert [f.deferred for f in RULE.stack_check([item], None)] == [True]  # type: ignore[arg-type, misc]


def test_fails_writes_to_any_cluster_scoped_object_but_reading_them_is_allowed() -> None:
    bundles = rule(["certificates.k8s.io"], ["clustertrustbundles"], ["get", "list", "create", "update"])
    assert messages(RULE, role("edit", bundles)) == [
        start("edit, admin") + "create/update on cluster-scoped clustertrustbundles, shared by every tenant; " + FIX
    ]
    assert messages(RULE, role("view", rule(["scheduling.k8s.io"], ["priorityclasses"], ["get", "list"]))) == []
    # A review API stores nothing; the self reviews answer only for the caller, but a SubjectAccessReview answers what
    # any user may do anywhere, and a TokenReview whose any token is.
    for review in ("selfsubjectaccessreviews", "selfsubjectrulesreviews"):
        assert messages(RULE, role("edit", rule(["authorization.k8s.io"], [review], ["create"]))) == []
    found = messages(RULE, role("admin", rule(["authorization.k8s.io"], ["subjectaccessreviews"], ["create"])))
    assert "create on subjectaccessreviews, which answer for any user or token" in found[0]
    found = messages(RULE, role("edit", rule(["authentication.k8s.io"], ["tokenreviews"], ["create"])))
    assert "create on tokenreviews" in found[0]


def test_fails_endpoint_writes_kubernetes_took_out_of_edit() -> None:
    slices = rule(["discovery.k8s.io"], ["endpointslices"], ["get", "list", "create", "update"])
    [message] = messages(RULE, role("edit", slices))
    assert "create/update on endpointslices, which Kubernetes took out of edit and admin (CVE-2021-25740" in message
    assert messages(RULE, role("view", rule(["discovery.k8s.io"], ["endpointslices"], ["get", "list"]))) == []


def test_fails_a_subresource_of_a_cluster_scoped_object_that_decides_isolation() -> None:
    # The kubelet's /pods endpoint (nodes/pods) lists every pod on the node, other tenants' included.
    found = messages(RULE, role("view", rule([""], ["nodes/pods"], ["get"])))
    assert found and "get on cluster-scoped nodes/pods" in found[0]
    assert messages(RULE, role("view", rule([""], ["pods"], ["get"]))) == []
