"""FLEET-RES-005 (advisory): in a regulated stack, cloud resources declare their regime.

Protects: completeness of the residency contract. The residency rules can only hold a resource
to a regime it declares; once a stack holds regulated data, a resource that declares none is a
blind spot (it may hold the same data and is checked by nothing). A stack is regulated when the
policy config declares a ``stackRegime`` other than none, or when any resource or provider in it
declares a regime other than none. A resource declares its regime through its own tag or label,
a nested label the residency survey lists, or its provider's default tags or labels. Advisory,
because shared infrastructure may legitimately hold no regulated data: tag it
``fleet-residency: none``. With ``stackRegime`` set, undeclared resources are held to the stack's
regime by the other residency rules instead.
"""

from __future__ import annotations

from collections.abc import Iterator

from fleetguard import survey
from fleetguard.model import (
    RESIDENCY,
    TAG_KEYS,
    Context,
    Finding,
    Resource,
    Rule,
    declared_regime,
    each,
    regulated_stack,
)


def check(resources: list[Resource], ctx: Context) -> Iterator[Finding]:
    why = regulated_stack(resources, ctx)
    if why is None:
        return

    def decide(resource: Resource) -> Iterator[Finding]:
        entry = survey.entry(resource.type)
        labels = entry.labels if entry else ()
        if not any(key in resource.props for key in TAG_KEYS + labels):
            return  # takes no tags or labels
        if declared_regime(resource, labels) is None:
            yield Finding(
                f"{resource.type} {resource.name!r} declares no {RESIDENCY} in a stack that holds regulated data "
                f"({why}); tag it with its regime, or {RESIDENCY}=none if it holds no regulated data",
                urn=resource.urn,
            )

    yield from each((r for r in resources if r.cloud is not None), decide, "the regime-declaration check")


RULE = Rule(
    id="FLEET-RES-005",
    name="residency-regulated-stack-tagged",
    title="Ensure every taggable cloud resource in a regulated stack declares its regime",
    severity="medium",
    default_level="advisory",
    rationale="Resources that declare no regime in a regulated stack are invisible to the residency rules.",
    remediation=f"Add {RESIDENCY} with the resource's regime (or none) to its tags, labels or provider default tags.",
    stack_check=check,
)
