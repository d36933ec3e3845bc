"""FLEET-EXM-003: the pack runs with the policy config generated for the stack it checks.

Protects: every decision the config carries. The config holds the stack's exemptions, its custom
regimes and the accounts its guardrails cover, and the Pulumi CLI passes whichever file
``--policy-pack-config`` names, or none (the schema's defaults: no exemptions, no custom regimes).
Another stack's file applies that stack's exemptions here; none makes a tenant of a custom regime
unplaceable to judge and waives nothing the team agreed to waive. Neither is visible in the
output. ``fleet policy-config`` records the stack and project it was made for, so the pack can
tell: a fleet stack (one with the program's ``fleet:`` components) must have its own, and a
config made for a stack of the same project may not be used on another.
"""

from __future__ import annotations

from collections.abc import Iterator

from fleetguard.model import Context, Finding, Resource, Rule

FLEET_COMPONENTS = "fleet:"


def _checked(resources: list[Resource]) -> tuple[str, str] | None:
    """(stack, project) from the URNs: urn:pulumi:<stack>::<project>::<type>::<name>."""
    for resource in resources:
        head = resource.urn.split("::")
        if len(head) >= 2 and head[0].startswith("urn:pulumi:"):
            return head[0].removeprefix("urn:pulumi:"), head[1]
    return None


def check(resources: list[Resource], ctx: Context) -> Iterator[Finding]:
    checked = _checked(resources)
    if checked is None:
        return
    stack, project = checked
    command = f"`fleet policy-config --stack {stack} --output policies/config/{stack}.json`"
    if ctx.config_stack is None:
        if any(r.type.startswith(FLEET_COMPONENTS) for r in resources):
            yield Finding(
                f"stack {stack!r} is checked without the policy config made for it (no exemptions, custom "
                f"regimes or guardrail accounts apply); run {command} and pass it with --policy-pack-config"
            )
        return
    if (ctx.config_project, ctx.config_stack) != (project, stack) and ctx.config_project == project:
        yield Finding(
            f"the policy config was made for stack {ctx.config_stack!r}, and this is {stack!r}: its exemptions and "
            f"guardrail accounts are another stack's; run {command} and pass that file instead"
        )


RULE = Rule(
    id="FLEET-EXM-003",
    name="policy-config-for-this-stack",
    title="Ensure the pack runs with the policy config generated for the stack it checks",
    severity="high",
    default_level="mandatory",
    rationale="Another stack's config applies its exemptions here; no config silently drops the stack's own.",
    remediation="Generate the config with `fleet policy-config --stack NAME` and pass it with --policy-pack-config.",
    stack_check=check,
)
