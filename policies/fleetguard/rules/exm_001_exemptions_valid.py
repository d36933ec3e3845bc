"""FLEET-EXM-001: every exemption has a reason and has not expired.

Protects: the exemption process itself. An exemption is a decision someone must be able to
read and revisit; one without a reason, or past its expiry, is a silent permanent waiver. Such
an exemption is not applied, and this rule reports it.
"""

from __future__ import annotations

from collections.abc import Iterator

from fleetguard.model import Context, Finding, Resource, Rule


def check(resources: list[Resource], ctx: Context) -> Iterator[Finding]:
    for exemption in ctx.exemptions:
        problem = exemption.problem(ctx.today)
        if problem:
            yield Finding(f"exemption of {exemption.rule_id} for {exemption.resource!r} {problem}")


RULE = Rule(
    id="FLEET-EXM-001",
    name="exemptions-valid",
    title="Ensure every policy exemption has a reason and a future expiry date",
    severity="medium",
    default_level="mandatory",
    rationale="Exemptions without a reason or an end become permanent, unexplained holes.",
    remediation="Give the exemption a reason of at least 10 characters and an expiry date, or remove it.",
    stack_check=check,
)
