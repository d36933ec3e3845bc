from fleetguard.model import Resource
from fleetguard.rules.ten_001_namespace_guardrails import LIMITS, NAMESPACE, POLICY, QUOTA, RULE
from tests.policies.conftest import messages

PROVIDER = "urn:k8s-provider"
DENY = {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]}


def obj(type_: str, name: str, namespace: str | None = "team", provider: str = PROVIDER, **props) -> Resource:  # type: ignore[no-untyped-def]
    metadata = {"name": name, **({"namespace": namespace} if namespace else {}), **props.pop("metadata", {})}
    return Resource(
        type_, f"urn:{type_}:{name}:{provider}", name, {"metadata": metadata, **props}, provider_urn=provider
    )


def tenant(enforce: str = "restricted", deny: dict = DENY, provider: str = PROVIDER) -> list[Resource]:  # type: ignore[type-arg]
    labels = {"fleet-tenant": "team", "pod-security.kubernetes.io/enforce": enforce}
    return [
        obj(NAMESPACE, "team", namespace=None, metadata={"labels": labels}),
        obj(QUOTA, "tenant-quota", provider=provider, spec={"hard": {"pods": "10"}}),
        obj(LIMITS, "tenant-limits", provider=provider, spec={"limits": []}),
        obj(POLICY, "default-deny", provider=provider, spec=deny),
    ]


def test_compliant_tenant_namespace() -> None:
    assert messages(RULE, tenant()) == []


def test_compliant_other_namespaces_are_not_judged() -> None:
    assert messages(RULE, [obj(NAMESPACE, "ingress-nginx", namespace=None)]) == []


def test_fails_without_restricted_pod_security() -> None:
    assert messages(RULE, tenant(enforce="baseline")) == [
        "tenant namespace 'team' (team) lacks label pod-security.kubernetes.io/enforce=restricted (has 'baseline'); "
        "create tenants through the fleet spec, which adds all of them"
    ]


def test_fails_when_the_deny_policy_allows_something() -> None:
    leaky = {**DENY, "ingress": [{"from": [{"podSelector": {}}]}]}
    assert messages(RULE, tenant(deny=leaky)) == [
        "tenant namespace 'team' (team) lacks a default-deny NetworkPolicy (podSelector {}, policyTypes Ingress and "
        "Egress, no rules); create tenants through the fleet spec, which adds all of them"
    ]


def test_fails_when_guardrails_are_on_another_cluster() -> None:
    items = tenant()
    items[1:] = [obj(r.type, r.name, provider="urn:other-cluster", spec=r.props.get("spec")) for r in items[1:]]
    assert messages(RULE, items) == [
        "tenant namespace 'team' (team) lacks a ResourceQuota; a LimitRange; a default-deny NetworkPolicy "
        "(podSelector {}, policyTypes Ingress and Egress, no rules); create tenants through the fleet spec, which "
        "adds all of them"
    ]
