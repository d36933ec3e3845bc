from typing import Any

from fleetguard.model import Resource
from fleetguard.rules.ten_008_tenant_webhooks_scoped import RULE
from tests.policies.conftest import messages

NAMESPACE = "kubernetes:core/v1:Namespace"
VALIDATING = "kubernetes:admissionregistration.k8s.io/v1:ValidatingWebhookConfiguration"
MUTATING = "kubernetes:admissionregistration.k8s.io/v1:MutatingWebhookConfiguration"
NAME = "kubernetes.io/metadata.name"
SECRETS = [{"apiGroups": [""], "apiVersions": ["v1"], "resources": ["secrets"], "operations": ["CREATE"]}]


def namespace(name: str, tenant: str | None) -> Resource:
    labels = {"fleet-tenant": tenant} if tenant else {}
    return Resource(NAMESPACE, f"urn:ns:{name}", name, {"metadata": {"name": name, "labels": labels}}, provider_urn="p")


def stack(client: dict[str, Any], selector: Any = None, type_: str = VALIDATING, **labels: str) -> list[Resource]:
    hook: dict[str, Any] = {"name": "check.example.com", "clientConfig": client, "rules": SECRETS}
    if selector is not None:
        hook["namespaceSelector"] = selector
    config = {"metadata": {"name": "hooks", "labels": labels}, "webhooks": [hook]}
    return [
        namespace("team", "team"),
        namespace("team-batch", "team"),
        namespace("other", "other"),
        namespace("platform", None),
        Resource(type_, "urn:hooks", "hooks", config, provider_urn="p"),
    ]


TEAM = {"service": {"namespace": "team", "name": "hook"}}


def fails(served: str, scope: str, kind: str = "ValidatingWebhookConfiguration") -> list[str]:
    return [
        f"{kind} 'hooks': webhook 'check.example.com', {served}, intercepts requests in {scope}, so it sees (and a "
        "mutating one changes) other tenants' objects; give it a namespaceSelector on kubernetes.io/metadata.name "
        "that lists only the tenant's own namespaces"
    ]


def test_compliant_tenant_webhook_scoped_to_its_own_namespaces() -> None:
    by_name = {"matchExpressions": [{"key": NAME, "operator": "In", "values": ["team", "team-batch"]}]}
    assert messages(RULE, stack(TEAM, by_name)) == []
    assert messages(RULE, stack(TEAM, {"matchLabels": {"fleet-tenant": "team"}})) == []


def test_compliant_platform_webhooks() -> None:
    assert messages(RULE, stack({"service": {"namespace": "platform", "name": "hook"}})) == []


def test_compliant_url_webhook_scoped_to_its_tenant_or_to_no_tenant() -> None:
    mine = {"matchLabels": {NAME: "team"}}
    assert messages(RULE, stack({"url": "https://hooks.example.com"}, mine, **{"fleet-tenant": "team"})) == []
    assert messages(RULE, stack({"url": "https://hooks.example.com"}, {"matchLabels": {NAME: "platform"}})) == []


def test_fails_tenant_webhook_without_namespace_selector() -> None:
    assert messages(RULE, stack(TEAM)) == fails(
        "served from tenant 'team''s namespace 'team'", "every namespace (no namespaceSelector)"
    )


def test_fails_tenant_webhook_selecting_other_namespaces() -> None:
    for selector, text in (
        ({"matchExpressions": [{"key": NAME, "operator": "NotIn", "values": ["kube-system"]}]},
         '{"matchExpressions": [{"key": "kubernetes.io/metadata.name", "operator": "NotIn", "values": '
         '["kube-system"]}]}'),
        ({"matchLabels": {NAME: "other"}}, '{"matchLabels": {"kubernetes.io/metadata.name": "other"}}'),
        ({}, "{}"),
    ):  # fmt: skip
        assert messages(RULE, stack(TEAM, selector, type_=MUTATING)) == fails(
            "served from tenant 'team''s namespace 'team'",
            f"namespaces matching {text}",
            "MutatingWebhookConfiguration",
        )


def test_fails_url_webhook_that_reaches_tenant_namespaces() -> None:
    assert messages(RULE, stack({"url": "https://hooks.example.com"})) == fails(
        "served by URL https://hooks.example.com", "every namespace (no namespaceSelector)"
    )
    labelled = stack({"url": "https://hooks.example.com"}, {"matchLabels": {NAME: "other"}}, **{"fleet-tenant": "team"})
    assert messages(RULE, labelled) == fails(
        "served by URL https://hooks.example.com",
        'namespaces matching {"matchLabels": {"kubernetes.io/metadata.name": "other"}}',
    )


def test_fails_a_tenant_webhook_on_cluster_scoped_objects_whatever_its_selector() -> None:
    # "If the object is a cluster scoped resource other than a Namespace, namespaceSelector has no effect".
    items = stack(TEAM, {"matchLabels": {NAME: "team"}})
    hook = items[-1].props["webhooks"][0]  # type: ignore[index]
    hook["rules"] = [{"apiGroups": [""], "apiVersions": ["v1"], "resources": ["persistentvolumes"], "scope": "Cluster"}]
    assert messages(RULE, items) == fails(
        "served from tenant 'team''s namespace 'team'",
        "cluster-scoped objects (persistentvolumes), which no namespaceSelector bounds",
    )
    hook["rules"][0]["scope"] = "Namespaced"
    assert messages(RULE, items) == []
    # Every cluster-scoped kind of the pinned release counts, not only a hand-picked few.
    bundles = {"apiGroups": ["certificates.k8s.io"], "apiVersions": ["v1beta1"], "resources": ["clustertrustbundles"]}
    hook["rules"] = [bundles]
    assert "cluster-scoped objects (clustertrustbundles)" in messages(RULE, items)[0]


def test_a_url_webhook_may_name_its_own_namespaces_and_namespaces_of_no_tenant() -> None:
    url = {"url": "https://hooks.example.com/check"}
    names = {"matchExpressions": [{"key": NAME, "operator": "In", "values": ["team", "platform"]}]}
    assert messages(RULE, stack(url, names, **{"fleet-tenant": "team"})) == []
    names["matchExpressions"][0]["values"] = ["team", "other"]
    assert len(messages(RULE, stack(url, names, **{"fleet-tenant": "team"}))) == 1


def test_a_patch_of_a_configuration_the_stack_makes_is_judged_merged_into_it() -> None:
    items = stack(TEAM, {"matchLabels": {NAME: "team"}})
    config = items[-1]
    name = config.props["metadata"]["name"]  # type: ignore[index]
    hook = config.props["webhooks"][0]["name"]  # type: ignore[index]

    def patched(**fields: Any) -> list[Resource]:
        patch = Resource(f"{config.type}Patch", "urn:patch", "patch", {"metadata": {"name": name},
                         "webhooks": [{"name": hook, **fields}]}, provider_urn=config.provider_urn)  # fmt: skip
        return [*items, patch]

    assert messages(RULE, patched(timeoutSeconds=5)) == []
    nodes = [{"apiGroups": [""], "apiVersions": ["v1"], "operations": ["CREATE"], "resources": ["nodes"]}]
    [message] = messages(RULE, patched(rules=nodes))
    assert "cluster-scoped objects (nodes)" in message
