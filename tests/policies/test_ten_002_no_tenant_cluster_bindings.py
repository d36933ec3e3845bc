from fleetguard.model import Resource, Unknown
from fleetguard.rules.ten_002_no_tenant_cluster_bindings import CLUSTER_ROLE_BINDING, NAMESPACE, ROLE_BINDING, RULE
from tests.policies.conftest import messages

GROUP = {"kind": "Group", "apiGroup": "rbac.authorization.k8s.io", "name": "team-admins"}


def stack(binding_labels: dict[str, str] | None = None, subject: dict | None = None) -> list[Resource]:  # type: ignore[type-arg]
    return [
        Resource(
            NAMESPACE,
            "urn:ns",
            "ns",
            {"metadata": {"name": "team", "labels": {"fleet-tenant": "team"}}},
            provider_urn="p",
        ),
        Resource(
            ROLE_BINDING,
            "urn:rb",
            "rb",
            {"metadata": {"name": "tenant-admin", "namespace": "team"}, "subjects": [GROUP]},
            provider_urn="p",
        ),
        Resource(
            CLUSTER_ROLE_BINDING,
            "urn:crb",
            "crb",
            {
                "metadata": {"name": "x", "labels": binding_labels or {}},
                "roleRef": {"name": "cluster-admin"},
                "subjects": [subject or GROUP],
            },
            provider_urn="p",
        ),
    ]


def test_compliant_platform_binding_for_non_tenant_subjects() -> None:
    assert messages(RULE, stack(subject={"kind": "Group", "name": "platform-sre"})) == []


def test_compliant_tenant_admins_on_their_dedicated_cluster() -> None:
    assert messages(RULE, stack({"fleet-tenant": "team", "fleet-isolation": "cluster"})) == []


def test_fails_tenant_group_bound_cluster_wide() -> None:
    assert messages(RULE, stack()) == [
        "ClusterRoleBinding 'crb' grants ClusterRole 'cluster-admin' cluster-wide to Group 'team-admins' of tenant "
        "'team'; bind it with a RoleBinding in the tenant's namespace instead"
    ]


def test_fails_binding_labelled_for_a_tenant_on_a_shared_cluster() -> None:
    labelled = stack({"fleet-tenant": "other", "fleet-isolation": "namespace"}, {"kind": "Group", "name": "x"})
    assert messages(RULE, labelled) == [
        "ClusterRoleBinding 'crb' grants ClusterRole 'cluster-admin' cluster-wide to Group 'x' of tenant 'other'; "
        "bind it with a RoleBinding in the tenant's namespace instead"
    ]


def test_fails_dedicated_claim_on_a_shared_cluster() -> None:
    items = stack({"fleet-tenant": "team", "fleet-isolation": "cluster"})
    items.append(
        Resource(NAMESPACE, "urn:ns2", "ns2", {"metadata": {"name": "other", "labels": {"fleet-tenant": "other"}}},
                 provider_urn="p")
    )  # fmt: skip
    assert messages(RULE, items) == [
        "ClusterRoleBinding 'crb' grants ClusterRole 'cluster-admin' cluster-wide to Group 'team-admins' of tenant "
        "'team'; bind it with a RoleBinding in the tenant's namespace instead"
    ]


def test_fails_tenant_service_account_group_bound_cluster_wide() -> None:
    group = {"kind": "Group", "name": "system:serviceaccounts:team"}
    assert messages(RULE, stack(subject=group)) == [
        "ClusterRoleBinding 'crb' grants ClusterRole 'cluster-admin' cluster-wide to Group "
        "'system:serviceaccounts:team' of tenant 'team'; bind it with a RoleBinding in the tenant's namespace instead"
    ]


def test_fails_group_of_every_service_account_on_a_cluster_with_tenants() -> None:
    assert messages(RULE, stack(subject={"kind": "Group", "name": "system:serviceaccounts"}))[0].endswith(
        "to Group 'system:serviceaccounts' of tenant 'team'; bind it with a RoleBinding in the tenant's namespace "
        "instead"
    )


def test_fails_tenant_owner_group_from_the_namespace_annotations() -> None:
    items = stack(subject={"kind": "Group", "name": "team-viewers"})
    items[0].props["metadata"]["annotations"] = {"fleet.dev/owners-view": "team-viewers"}
    assert len(messages(RULE, items)) == 1


def test_fails_tenant_service_account_bound_cluster_wide() -> None:
    account = {"kind": "ServiceAccount", "name": "tenant-deployer", "namespace": "team"}
    items = stack(subject=account)
    items[1].props["subjects"].append({"kind": "ServiceAccount", "name": "tenant-deployer"})
    assert messages(RULE, items)[0].startswith(
        "ClusterRoleBinding 'crb' grants ClusterRole 'cluster-admin' cluster-wide to ServiceAccount "
        "'tenant-deployer' of tenant 'team'"
    )


def test_fails_anonymous_user_on_a_cluster_with_tenants() -> None:
    assert messages(RULE, stack(subject={"kind": "User", "name": "system:anonymous"})) == [
        "ClusterRoleBinding 'crb' grants ClusterRole 'cluster-admin' cluster-wide to User 'system:anonymous' of tenant "
        "'team'; bind it with a RoleBinding in the tenant's namespace instead"
    ]


def test_fails_tenant_service_account_named_as_its_user() -> None:
    assert messages(RULE, stack(subject={"kind": "User", "name": "system:serviceaccount:team:ci"})) == [
        "ClusterRoleBinding 'crb' grants ClusterRole 'cluster-admin' cluster-wide to User "
        "'system:serviceaccount:team:ci' of tenant 'team'; bind it with a RoleBinding in the tenant's namespace instead"
    ]


def public_info(role: str, rules: list[dict] | None = None) -> list[Resource]:  # type: ignore[type-arg]
    items = stack(subject={"kind": "Group", "name": "system:unauthenticated"})
    items[2].props["roleRef"] = {"kind": "ClusterRole", "name": role}
    if rules is not None:
        items.append(Resource("kubernetes:rbac.authorization.k8s.io/v1:ClusterRole", "urn:cr", "cr",
                              {"metadata": {"name": role}, "rules": rules}, provider_urn="p"))  # fmt: skip
    return items


def test_compliant_default_public_information_roles_for_everyone() -> None:
    # policy.go clusterRoleBindings; the service-account issuer discovery role for OIDC clients.
    assert messages(RULE, public_info("system:public-info-viewer")) == []
    assert messages(RULE, public_info("system:service-account-issuer-discovery")) == []
    oidc = [{"nonResourceURLs": ["/.well-known/openid-configuration", "/openid/v1/jwks"], "verbs": ["get"]}]
    assert messages(RULE, public_info("oidc-reader", oidc)) == []


def test_fails_a_public_information_name_redefined_with_more() -> None:
    rules = [{"nonResourceURLs": ["/healthz"], "verbs": ["get"]}, {"apiGroups": [""], "resources": ["secrets"],
                                                                   "verbs": ["list"]}]  # fmt: skip
    assert messages(RULE, public_info("system:public-info-viewer", rules)) == [
        "ClusterRoleBinding 'crb' grants ClusterRole 'system:public-info-viewer' cluster-wide to Group "
        "'system:unauthenticated' of tenant 'team'; bind it with a RoleBinding in the tenant's namespace instead"
    ]


def test_fails_a_dedicated_binding_naming_another_tenants_owner_group_from_another_cluster() -> None:
    # Identity-provider groups are the same on every cluster: "other-admins" is tenant other's wherever its
    # namespaces are.
    items = stack({"fleet-tenant": "team", "fleet-isolation": "cluster"}, {"kind": "Group", "name": "other-admins"})
    metadata = {
        "name": "other",
        "labels": {"fleet-tenant": "other"},
        "annotations": {"fleet.dev/owners-admin": "other-admins"},
    }
    items.append(Resource(NAMESPACE, "urn:other", "other", {"metadata": metadata}, provider_urn="q"))
    assert messages(RULE, items) == [
        "ClusterRoleBinding 'crb' grants ClusterRole 'cluster-admin' cluster-wide to Group 'other-admins' of tenant "
        "'other'; bind it with a RoleBinding in the tenant's namespace instead"
    ]


def test_metrics_are_not_public_information() -> None:
    # /metrics is system:monitoring's, not a public role's: its series name every namespace's pods.
    def reader(urls: list[str]) -> list[Resource]:
        items = stack()
        items[-1].props = {**items[-1].props, "roleRef": {"kind": "ClusterRole", "name": "reader"}}
        role = Resource("kubernetes:rbac.authorization.k8s.io/v1:ClusterRole", "urn:reader", "reader",
                        {"metadata": {"name": "reader"}, "rules": [{"nonResourceURLs": urls, "verbs": ["get"]}]},
                        provider_urn="p")  # fmt: skip
        return [*items, role]

    assert messages(RULE, reader(["/healthz", "/version"])) == []
    assert "grants ClusterRole 'reader' cluster-wide to Group 'team-admins'" in messages(RULE, reader(["/metrics"]))[0]


def test_a_service_account_of_a_tenant_namespace_is_the_tenants_whatever_its_unknown_name() -> None:
    subject = {"kind": "ServiceAccount", "namespace": "team", "name": Unknown("urn:sa", "metadata")}
    assert messages(RULE, stack(subject=subject)) == [
        "ClusterRoleBinding 'crb' grants ClusterRole 'cluster-admin' cluster-wide to ServiceAccount '(a name known "
        "at the update)' of tenant 'team'; bind it with a RoleBinding in the tenant's namespace instead"
    ]


def test_a_role_unknown_at_preview_defers_the_decision_that_needs_it() -> None:
    items = stack()
    items[-1].props = {**items[-1].props, "roleRef": {"kind": "ClusterRole", "name": Unknown("urn:crb", "roleRef")}}
    findings = list(RULE.stack_check(items, None))  # type: ignore[arg-type, misc]
    assert [f.deferred for f in findings] == [True]
