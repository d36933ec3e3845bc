from typing import Any

from fleetguard.model import Resource
from fleetguard.rules.ten_001_namespace_guardrails import LIMITS, NAMESPACE, POLICY, QUOTA, RULE
from tests.policies.conftest import messages

PROVIDER = "urn:k8s-provider"
DENY = {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]}
# As fleet/tenancy/manifests.py renders them.
HARD = {"requests.cpu": "4", "requests.memory": "8Gi", "limits.cpu": "4", "limits.memory": "8Gi", "pods": "50"}
LIMIT_ITEMS = [{"type": "Container", "default": {"cpu": "500m", "memory": "512Mi"}, "max": {"cpu": "4"}}]
SUFFIX = "create tenants through the fleet spec, which adds all of them"
KUBECONFIG = """apiVersion: v1
kind: Config
current-context: admin
clusters: [{name: c1, cluster: {server: "https://10.0.0.1:443"}}]
contexts: [{name: admin, context: {cluster: c1, user: admin}}, {name: team, context: {cluster: c1, namespace: team}}]
users: [{name: admin, user: {token: x}}]
"""


def obj(type_: str, name: str, namespace: str | None = "team", provider: str = PROVIDER, **props: Any) -> Resource:
    metadata = {"name": name, **({"namespace": namespace} if namespace else {}), **props.pop("metadata", {})}
    provider_props = props.pop("provider_props", {})
    return Resource(
        type_,
        f"urn:{type_}:{name}:{provider}",
        name,
        {"metadata": metadata, **props},
        provider_urn=provider,
        provider_props=provider_props,
    )


def tenant(
    enforce: str = "restricted",
    deny: dict[str, Any] = DENY,
    hard: dict[str, Any] = HARD,
    quota: dict[str, Any] | None = None,
    limits: list[dict[str, Any]] = LIMIT_ITEMS,
    provider: str = PROVIDER,
) -> list[Resource]:
    labels = {"fleet-tenant": "team", "pod-security.kubernetes.io/enforce": enforce}
    return [
        obj(NAMESPACE, "team", namespace=None, metadata={"labels": labels}),
        obj(QUOTA, "tenant-quota", provider=provider, spec={"hard": hard, **(quota or {})}),
        obj(LIMITS, "tenant-limits", provider=provider, spec={"limits": limits}),
        obj(POLICY, "default-deny", provider=provider, spec=deny),
    ]


def lacks(*what: str) -> list[str]:
    return [f"tenant namespace 'team' (team) lacks {'; '.join(what)}; {SUFFIX}"]


NO_DENY = "a default-deny NetworkPolicy (podSelector {}, policyTypes Ingress and Egress) isolating every pod in both "
NO_DENY += "directions"
NO_QUOTA = "a ResourceQuota that bounds cpu and memory for every pod"
NO_LIMITS = "a LimitRange with default cpu and memory limits for containers"


def test_compliant_tenant_namespace() -> None:
    assert messages(RULE, tenant()) == []


def test_compliant_other_namespaces_are_not_judged() -> None:
    assert messages(RULE, [obj(NAMESPACE, "ingress-nginx", namespace=None)]) == []


def test_compliant_deny_split_into_ingress_and_egress_policies() -> None:
    """The two default-deny policies of the Kubernetes docs together isolate every pod both ways."""
    items = tenant(deny={"podSelector": {}, "policyTypes": ["Ingress"]})
    items.append(obj(POLICY, "deny-egress", spec={"podSelector": {}, "policyTypes": ["Egress"]}))
    assert messages(RULE, items) == []


def test_compliant_deny_policy_that_also_allows_the_own_namespace() -> None:
    """Isolation is by selection; what the policy then allows is FLEET-TEN-003's to judge."""
    assert messages(RULE, tenant(deny={**DENY, "ingress": [{"from": [{"podSelector": {}}]}]})) == []


def test_compliant_quota_pair_terminating_and_not_terminating_and_limits_from_max() -> None:
    items = tenant(
        quota={"scopes": ["Terminating"]}, limits=[{"type": "Container", "max": {"cpu": "4", "memory": "8Gi"}}]
    )
    items.append(obj(QUOTA, "long-running", spec={"hard": HARD, "scopes": ["NotTerminating"]}))
    assert messages(RULE, items) == []


def test_compliant_objects_through_a_second_provider_or_its_default_namespace() -> None:
    """A second provider for the same API server, and one whose kubeconfig context defaults to the
    tenant's namespace, put the objects in the tenant's namespace on the same cluster."""
    labels = {"fleet-tenant": "team", "pod-security.kubernetes.io/enforce": "restricted"}
    ns = obj(NAMESPACE, "team", namespace=None, metadata={"labels": labels}, provider_props={"kubeconfig": KUBECONFIG})
    second = {"kubeconfig": KUBECONFIG, "context": "team"}
    items = [ns] + [
        obj(r.type, r.name, namespace=None, provider="urn:second", spec=r.props["spec"], provider_props=second)
        for r in tenant()[1:]
    ]
    assert messages(RULE, items) == []


def test_fails_without_restricted_pod_security() -> None:
    assert messages(RULE, tenant(enforce="baseline")) == lacks(
        "label pod-security.kubernetes.io/enforce=restricted (has 'baseline')"
    )


def test_fails_when_the_deny_covers_only_ingress_or_only_some_pods() -> None:
    assert messages(RULE, tenant(deny={"podSelector": {}, "policyTypes": ["Ingress"]})) == lacks(
        NO_DENY + " (only Ingress is)"
    )
    some = {**DENY, "podSelector": {"matchLabels": {"app": "web"}}}
    assert messages(RULE, tenant(deny=some)) == lacks(NO_DENY)


def test_fails_when_guardrails_are_on_another_cluster() -> None:
    items = tenant()
    items[1:] = [obj(r.type, r.name, provider="urn:other-cluster", spec=r.props.get("spec")) for r in items[1:]]
    assert messages(RULE, items) == lacks(NO_QUOTA, NO_LIMITS, NO_DENY)


def test_fails_when_guardrails_are_in_another_namespace() -> None:
    items = tenant()
    items[1:] = [obj(r.type, r.name, namespace="default", spec=r.props.get("spec")) for r in items[1:]]
    assert messages(RULE, items) == lacks(NO_QUOTA, NO_LIMITS, NO_DENY)


def test_fails_when_the_quota_bounds_nothing() -> None:
    assert messages(RULE, tenant(hard={})) == lacks(NO_QUOTA + " (tenant-quota: hard sets no cpu or memory bound)")
    assert messages(RULE, tenant(hard={"pods": "10", "requests.cpu": "2"})) == lacks(
        NO_QUOTA + " (tenant-quota: hard sets no memory bound)"
    )


def test_fails_when_the_quota_scopes_leave_pods_out() -> None:
    assert messages(RULE, tenant(quota={"scopes": ["BestEffort"]})) == lacks(
        NO_QUOTA + " (tenant-quota: its scopes (BestEffort) leave pods outside the quota)"
    )
    by_priority = {"scopeSelector": {"matchExpressions": [{"scopeName": "PriorityClass", "operator": "In",
                                                            "values": ["high"]}]}}  # fmt: skip
    assert messages(RULE, tenant(quota=by_priority)) == lacks(
        NO_QUOTA + " (tenant-quota: its scopes (a scopeSelector) leave pods outside the quota)"
    )
    assert messages(RULE, tenant(quota={"scopes": ["Terminating"]})) == lacks(
        NO_QUOTA + " (tenant-quota: covers only some pods)"
    )


def test_fails_when_the_limit_range_gives_no_default_limits() -> None:
    assert messages(RULE, tenant(limits=[{"type": "Pod", "max": {"cpu": "2", "memory": "1Gi"}}])) == lacks(NO_LIMITS)
    assert messages(RULE, tenant(limits=[{"type": "Container", "default": {"memory": "1Gi"}}])) == lacks(
        NO_LIMITS + " (has defaults for memory)"
    )


def test_fails_when_a_patch_weakens_the_guardrails() -> None:
    items = tenant()
    items.append(obj(QUOTA + "Patch", "tenant-quota", spec={"scopes": ["BestEffort"]}))
    items.append(obj(POLICY + "Patch", "default-deny", spec={"policyTypes": ["Ingress"]}))
    assert messages(RULE, items) == lacks(
        NO_QUOTA + " (tenant-quota: its scopes (BestEffort) leave pods outside the quota)",
        NO_DENY + " (only Ingress is)",
    )


def test_compliant_namespace_patch_that_keeps_or_sets_the_guardrails() -> None:
    patch = obj(NAMESPACE + "Patch", "team", namespace=None, metadata={"labels": {"team": "payments",
                "pod-security.kubernetes.io/enforce": "restricted"}})  # fmt: skip
    assert messages(RULE, [*tenant(), patch]) == []
    assert messages(RULE, [*tenant(enforce="baseline"), patch]) == []


def test_fails_namespace_patch_that_weakens_pod_security_or_drops_the_tenant() -> None:
    labels = {"pod-security.kubernetes.io/enforce": "privileged", "fleet-tenant": ""}
    patch = obj(NAMESPACE + "Patch", "team", namespace=None, provider="urn:second", metadata={"labels": labels},
                provider_props={"kubeconfig": KUBECONFIG})  # fmt: skip
    items = tenant()
    items[0] = obj(NAMESPACE, "team", namespace=None, metadata=items[0].props["metadata"],
                   provider_props={"kubeconfig": KUBECONFIG})  # fmt: skip
    items[1:] = [
        obj(r.type, r.name, spec=r.props["spec"], provider_props={"kubeconfig": KUBECONFIG}) for r in items[1:]
    ]
    assert messages(RULE, [*items, patch]) == [
        *lacks("label pod-security.kubernetes.io/enforce=restricted (has 'privileged')"),
        "NamespacePatch 'team' on tenant namespace 'team' (tenant team) sets pod-security.kubernetes.io/enforce="
        "'privileged' (the fleet enforces 'restricted'); sets fleet-tenant='' (the namespace is tenant 'team''s), "
        "weakening the tenant's guardrails; remove the patch or leave those labels as the fleet sets them",
    ]


def test_a_namespace_patch_of_a_namespace_made_elsewhere_makes_a_tenant_namespace_that_needs_guardrails() -> None:
    # Server-side apply writes the whole object when the stack does not make it: with a tenant label, the
    # patch makes a tenant namespace.
    labels = {"fleet-tenant": "team", "pod-security.kubernetes.io/enforce": "restricted"}
    patch = obj(NAMESPACE + "Patch", "team", namespace=None, metadata={"labels": labels})
    assert messages(RULE, [patch]) == [
        f"tenant namespace 'team' ({patch.name}) lacks {'; '.join((NO_QUOTA, NO_LIMITS, NO_DENY))}; {SUFFIX}"
    ]
    guarded = [r for r in tenant() if r.type != NAMESPACE]
    assert messages(RULE, [patch, *guarded]) == []


def test_two_policies_whose_selectors_complement_each_other_isolate_every_pod() -> None:
    # A pod either has a label or not (set-based requirements): Exists and DoesNotExist on one key cover all.
    def half(operator: str) -> dict[str, Any]:
        selector = {"matchExpressions": [{"key": "app", "operator": operator}]}
        return {"podSelector": selector, "policyTypes": ["Ingress", "Egress"]}

    items = [r for r in tenant() if r.type != POLICY]
    items += [
        obj(POLICY, "deny-labelled", spec=half("Exists")),
        obj(POLICY, "deny-unlabelled", spec=half("DoesNotExist")),
    ]
    assert messages(RULE, items) == []
    items[-1] = obj(POLICY, "deny-unlabelled", spec=half("Exists"))
    assert messages(RULE, items) == lacks(NO_DENY)


def test_an_older_api_version_of_a_network_policy_is_the_same_kind() -> None:
    items = [r for r in tenant() if r.type != POLICY]
    items.append(obj("kubernetes:extensions/v1beta1:NetworkPolicy", "default-deny", spec=DENY))
    assert messages(RULE, items) == []


def test_an_enforce_version_older_than_the_profiles_newest_change_weakens_restricted() -> None:
    def pinned(version: str) -> list[Resource]:
        items = tenant()
        items[0].props["metadata"]["labels"]["pod-security.kubernetes.io/enforce-version"] = version
        return items

    assert messages(RULE, pinned("latest")) == []
    assert messages(RULE, pinned("v1.34")) == []
    assert messages(RULE, pinned("v1.35")) == []
    assert messages(RULE, pinned("v1.21")) == lacks(
        "label pod-security.kubernetes.io/enforce-version=latest or a current minor (it pins "
        "pod-security.kubernetes.io/enforce-version=v1.21, restricted as it was before v1.34, which admits pods "
        "today's restricted refuses)"
    )
    assert "which is not latest or v<major>.<minor>" in messages(RULE, pinned("1.35"))[0]
    patch = obj(NAMESPACE + "Patch", "team", namespace=None,
                metadata={"labels": {"pod-security.kubernetes.io/enforce-version": "v1.33"}})  # fmt: skip
    found = messages(RULE, [*tenant(), patch])
    assert any(m.startswith("NamespacePatch 'team'") and "enforce-version=v1.33" in m for m in found)
    warn = obj(NAMESPACE + "Patch", "team", namespace=None,
               metadata={"labels": {"pod-security.kubernetes.io/warn-version": "v1.21"}})  # fmt: skip
    assert messages(RULE, [*tenant(), warn]) == []
