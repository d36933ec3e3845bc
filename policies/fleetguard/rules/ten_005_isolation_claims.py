"""FLEET-TEN-005: a claim of dedicated-cluster isolation is true.

Protects: the exceptions that rest on the claim. An object labelled ``fleet-isolation=cluster``
with ``fleet-tenant=<tenant>`` says the cluster belongs to that tenant alone, which is what lets
the fleet bind the tenant's admins to cluster-admin there (FLEET-TEN-002) and what a compliance
review reads as "this tenant shares no hardware or control plane". On a cluster that also holds
another tenant's namespace the claim is false, whoever wrote it.
"""

from __future__ import annotations

from collections.abc import Iterator

from fleetguard.model import (
    DEDICATED,
    ISOLATION,
    TENANT,
    Context,
    Finding,
    Resource,
    Rule,
    each,
    tag_map,
    tenant_namespaces,
)


def check(resources: list[Resource], ctx: Context) -> Iterator[Finding]:
    tenants, unknown = tenant_namespaces(resources)

    def decide(resource: Resource) -> Iterator[Finding]:
        labels = tag_map((resource.props.get("metadata") or {}).get("labels"))
        if labels.get(ISOLATION) != DEDICATED:
            return
        claimed = labels.get(TENANT)
        others = sorted(
            {t.tenant for (p, _), t in tenants.items() if p == resource.provider_urn and t.tenant != claimed}
        )
        if not others and unknown:
            raise unknown[0]  # a namespace not known yet may be another tenant's; one known already decides
        if others:
            yield Finding(
                f"{resource.type} {resource.name!r} is labelled {ISOLATION}={DEDICATED} for tenant {claimed!r}, but "
                f"its cluster also holds namespaces of {', '.join(repr(o) for o in others)}; dedicated isolation "
                "needs a cluster of its own (isolation: cluster in the fleet spec), or label it with the tenant's real "
                "isolation",
                urn=resource.urn,
            )

    yield from each((r for r in resources if r.is_kubernetes and r.is_custom), decide, "the isolation-claim check")


RULE = Rule(
    id="FLEET-TEN-005",
    name="tenant-isolation-claims",
    title="Ensure objects claiming dedicated-cluster isolation are on a cluster no other tenant shares",
    severity="high",
    default_level="mandatory",
    rationale="A false dedicated-cluster label unlocks cluster-wide rights and misstates isolation to reviewers.",
    remediation="Move the tenant to its own cluster, or label the objects with the isolation the tenant really has.",
    stack_check=check,
)
