"""FLEET-TEN-001: every tenant namespace has its guardrails.

Protects: tenant isolation. A namespace labelled ``fleet-tenant`` (a tenant's namespace, or the
host namespace of its virtual cluster) must have a ResourceQuota (cannot starve neighbours), a
LimitRange (containers without limits get defaults), a default-deny NetworkPolicy (cannot reach
or be reached by neighbours unless opened), and Pod Security ``restricted`` enforced. Objects
count only on the same cluster (same Kubernetes provider) as the namespace.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fleetguard.model import TENANT, Context, Deferred, Finding, Resource, Rule, each, known

NAMESPACE = "kubernetes:core/v1:Namespace"
QUOTA = "kubernetes:core/v1:ResourceQuota"
LIMITS = "kubernetes:core/v1:LimitRange"
POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy"
PSA_ENFORCE = "pod-security.kubernetes.io/enforce"


def is_default_deny(spec: Any) -> bool:
    """Selects every pod, restricts both directions, allows nothing."""
    spec = spec or {}
    selector = spec.get("podSelector") or {}
    return (
        not selector.get("matchLabels")
        and not selector.get("matchExpressions")
        and set(spec.get("policyTypes") or []) == {"Ingress", "Egress"}
        and not spec.get("ingress")
        and not spec.get("egress")
    )


def _key_kind(r: Resource) -> tuple[tuple[str | None, str], str]:
    metadata = r.props.get("metadata") or {}
    key = (r.provider_urn, str(metadata.get("namespace", "default")))
    return key, ("deny" if r.type == POLICY and is_default_deny(r.props.get("spec")) else r.type)


def check(resources: list[Resource], ctx: Context) -> Iterator[Finding]:
    present: dict[tuple[str | None, str], set[str]] = {}
    unresolved: dict[str | None, Deferred] = {}  # per cluster: an object whose namespace or spec is unknown
    for r in resources:
        if r.type in (QUOTA, LIMITS, POLICY):
            found, err = known(r, _key_kind)
            if err is not None:
                unresolved.setdefault(r.provider_urn, err)
                continue
            key, kind = found
            present.setdefault(key, set()).add(kind)

    def decide(ns: Resource) -> Iterator[Finding]:
        metadata = ns.props.get("metadata") or {}
        labels = metadata.get("labels") or {}
        if TENANT not in labels:
            return
        name = str(metadata.get("name"))
        found = present.get((ns.provider_urn, name), set())
        missing = []
        if QUOTA not in found:
            missing.append("a ResourceQuota")
        if LIMITS not in found:
            missing.append("a LimitRange")
        if "deny" not in found:
            missing.append("a default-deny NetworkPolicy (podSelector {}, policyTypes Ingress and Egress, no rules)")
        if labels.get(PSA_ENFORCE) != "restricted":
            missing.append(f"label {PSA_ENFORCE}=restricted (has {labels.get(PSA_ENFORCE)!r})")
        if missing and ns.provider_urn in unresolved and any(not m.startswith("label") for m in missing):
            raise unresolved[ns.provider_urn]  # the missing object may be the one not known yet
        if missing:
            yield Finding(
                f"tenant namespace {name!r} ({ns.name}) lacks {'; '.join(missing)}; create tenants through the "
                "fleet spec, which adds all of them",
                urn=ns.urn,
            )

    yield from each((r for r in resources if r.type == NAMESPACE), decide, "the guardrail check")


RULE = Rule(
    id="FLEET-TEN-001",
    name="tenant-namespace-guardrails",
    title="Ensure every tenant namespace has quota, limits, default-deny networking and restricted Pod Security",
    severity="high",
    default_level="mandatory",
    rationale="Without these a tenant can starve, reach or escalate against its neighbours.",
    remediation="Add the missing objects (the fleet tenant components create them all).",
    stack_check=check,
)
