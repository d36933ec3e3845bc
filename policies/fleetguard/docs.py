"""docs/RULES.md, generated from the rule catalogue.

Run from the repository root: ``.venv/bin/python policies/fleetguard/docs.py`` (a test fails
when the committed file is not what this produces).
"""

from __future__ import annotations

import inspect
import sys

from fleet import project

if __package__ in (None, ""):
    sys.path.insert(0, str(project.policies()))

from fleetguard.rules import MODULES, RULES

TARGET = project.root() / "docs" / "RULES.md"

TERMS = """\
## Terms the rules share

**Regime of a resource.** A cloud resource's regime is, in this order: its own `fleet-residency`
tag or label; a label the residency survey lists in a nested property (Cloud SQL
`settings.userLabels`, node pools' `nodeConfig.resourceLabels`, Cloud Run v1 `metadata.labels`);
its provider's default tags (AWS `defaultTags`) or labels (GCP `defaultLabels`); else the
policy config's `stackRegime`. A Kubernetes object's regime is its own label, else its
namespace's. A resource is *regulated* when its regime is anything but `none`.

**Regulated stack.** A stack is regulated when the policy config declares a `stackRegime` other
than `none`, or when any resource or provider in it declares a regime other than `none`.

**Residency survey.** Where each resource type of pulumi-aws, pulumi-gcp and pulumi-azure-native
keeps its data and where its copies go, generated from the pinned SDKs and classified with the
documented fact behind each pattern: `policies/fleetguard/survey/README.md` (versions, counts,
patterns) and the CSV tables beside it. Types the survey does not list, types that keep data at
edge locations or in undisclosed places, and regulated resources whose location cannot be
determined are refused (fail closed); types that keep no customer data (IAM, organization policy,
DNS configuration) are never judged by their provider's region.

**Deferred decisions.** Stack rules decide per resource. A value unknown at preview (the ID of a
cluster not created yet) defers only the decisions that need it; FLEET-PRE-001 lists them at
advisory level, and the update's own stack analysis decides them with every value known. A
resource rule that needs an unknown value is reported by the SDK as "can't run policy during
preview" for that resource.
"""


def _details(rule_id: str) -> str:
    module = next(m for m in MODULES if m.RULE.id == rule_id)
    doc = inspect.cleandoc(module.__doc__ or "")
    return doc.split("\n", 1)[1].strip() if "\n" in doc else ""


def render() -> str:
    lines = [
        "# Policy rules",
        "",
        "Generated from `policies/fleetguard/rules/` by `policies/fleetguard/docs.py`; do not edit by hand.",
        "Levels are the defaults; each can be changed per stack in the policy config",
        "(`fleet policy-config --stack NAME`), as can custom regimes, exemptions and the stack's regime",
        "(`stackRegime`).",
        "",
        "| ID | policy | title | severity | default level | kind | fix |",
        "|---|---|---|---|---|---|---|",
    ]
    for rule in RULES:
        lines.append(
            f"| {rule.id} | `{rule.name}` | {rule.title} | {rule.severity} | {rule.default_level} | "
            f"{rule.kind} | {rule.remediation} |"
        )
    lines += ["", TERMS, "## Why each rule exists", ""]
    for rule in RULES:
        lines += [f"### {rule.id} {rule.title}", "", rule.rationale, "", _details(rule.id), ""]
    return "\n".join(lines)


if __name__ == "__main__":
    TARGET.parent.mkdir(exist_ok=True)
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET}")
