"""FLEET-PRE-001 (advisory): report the stack decisions deferred because values are unknown at preview.

Protects: the meaning of a clean preview. The first preview of a new cluster or bucket has values
that only exist once the update runs (resource IDs, ARNs, kubeconfigs). Every stack rule decides
per resource and defers only the decisions that need such a value; this rule lists each deferred
decision with the rule it belongs to, the resource and the value it waits for, so a reviewer sees
what the preview did not check. The update's own stack analysis, with every value known, makes
those decisions at the rule's level. Advisory by default; set it to mandatory to refuse previews
that leave decisions open.
"""

from __future__ import annotations

from collections.abc import Iterator

from fleetguard.model import Context, Deferred, Finding, Resource, Rule


def check(resources: list[Resource], ctx: Context) -> Iterator[Finding]:
    from fleetguard.rules import RULES  # the catalogue imports this module

    names = {r.urn: r.name for r in resources}
    for rule in RULES:
        if rule.stack_check is None or rule.id == RULE.id:
            continue
        try:
            findings = list(rule.stack_check(resources, ctx))
        except Deferred as err:  # the rule waits for the update as a whole (fleetguard/pack.py)
            yield Finding(f"{rule.id}: deferred until the update as a whole: it needs {err.path} of {err.urn}")
            continue
        for finding in findings:
            if not finding.deferred:
                continue
            if finding.urn and any(
                e.rule_id == rule.id and not e.problem(ctx.today) and e.matches(finding.urn, names.get(finding.urn, ""))
                for e in ctx.exemptions
            ):
                continue
            yield Finding(f"{rule.id}: {finding.message}", urn=finding.urn)


RULE = Rule(
    id="FLEET-PRE-001",
    name="decisions-deferred-at-preview",
    title="Report stack decisions deferred until the update because their values are unknown at preview",
    severity="low",
    default_level="advisory",
    rationale="A preview that could not decide something should say what, instead of passing it silently.",
    remediation="None needed at preview; the update decides. Run a preview again once the resources exist.",
    stack_check=check,
)
