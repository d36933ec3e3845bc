"""FLEET-RES-005 (advisory): in a regulated stack, cloud resources carry a residency tag.

Protects: completeness of the residency contract. FLEET-RES-001 can only hold a resource to a
regime it declares; once a stack holds regulated data, an untagged resource is a blind spot
(it may hold the same data and is checked by nothing). Advisory, because shared infrastructure
may legitimately have no regime: tag it ``fleet-residency: none``.
"""

from __future__ import annotations

from collections.abc import Iterator

from fleetguard.model import Context, Finding, Resource, Rule, labels_of, regime_of

# Properties that hold tags/labels: a resource that has one can carry the residency tag.
TAG_KEYS = ("tags", "labels", "resourceLabels")


def check(resources: list[Resource], ctx: Context) -> Iterator[Finding]:
    regulated = [r for r in resources if r.cloud and regime_of(r) not in (None, "none")]
    if not regulated:
        return
    for resource in resources:
        if resource.cloud is None or resource.type.startswith("pulumi:"):
            continue
        if not any(key in resource.props for key in TAG_KEYS):
            continue
        if "fleet-residency" not in labels_of(resource):
            yield Finding(
                f"{resource.type} {resource.name!r} has no fleet-residency tag in a stack that holds regulated "
                f"data ({len(regulated)} tagged resources); tag it with its regime, or fleet-residency=none if it "
                "holds no regulated data",
                urn=resource.urn,
            )


RULE = Rule(
    id="FLEET-RES-005",
    name="residency-regulated-stack-tagged",
    title="Ensure every taggable cloud resource in a regulated stack declares its regime",
    severity="medium",
    default_level="advisory",
    rationale="Untagged resources in a regulated stack are invisible to the residency rules.",
    remediation="Add fleet-residency with the resource's regime (or none) to its tags or labels.",
    stack_check=check,
)
