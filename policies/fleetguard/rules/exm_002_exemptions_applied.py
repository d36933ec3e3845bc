"""FLEET-EXM-002 (advisory): report every exemption that is in use.

Protects: visibility. Each valid exemption that matches a resource in the stack is listed with
its reason and expiry on every run, so reviewers see the waivers a change relies on.
"""

from __future__ import annotations

from collections.abc import Iterator

from fleetguard.model import Context, Finding, Resource, Rule


def check(resources: list[Resource], ctx: Context) -> Iterator[Finding]:
    for exemption in ctx.exemptions:
        if exemption.problem(ctx.today):
            continue
        for resource in resources:
            if exemption.matches(resource.urn, resource.name):
                yield Finding(
                    f"{exemption.rule_id} is waived for {resource.type} {resource.name!r} until "
                    f"{exemption.expires.isoformat()}: {exemption.reason}",
                    urn=resource.urn,
                )


RULE = Rule(
    id="FLEET-EXM-002",
    name="exemptions-applied",
    title="Report the policy exemptions a stack uses",
    severity="low",
    default_level="advisory",
    rationale="Waivers should be visible in every review, not only when they are granted.",
    remediation="None needed; remove the exemption once the resource complies.",
    stack_check=check,
)
