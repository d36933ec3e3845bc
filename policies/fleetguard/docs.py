"""docs/RULES.md, generated from the rule catalogue.

Run from the repository root: ``.venv/bin/python policies/fleetguard/docs.py`` (a test fails
when the committed file is not what this produces).
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fleetguard.rules import RULES

TARGET = Path(__file__).resolve().parents[2] / "docs" / "RULES.md"


def render() -> str:
    lines = [
        "# Policy rules",
        "",
        "Generated from `policies/fleetguard/rules/` by `policies/fleetguard/docs.py`; do not edit by hand.",
        "Levels are the defaults; each can be changed per stack in the policy config",
        "(`fleet policy-config --stack NAME`), as can custom regimes and exemptions.",
        "",
        "| ID | policy | title | severity | default level | kind | fix |",
        "|---|---|---|---|---|---|---|",
    ]
    for rule in RULES:
        lines.append(
            f"| {rule.id} | `{rule.name}` | {rule.title} | {rule.severity} | {rule.default_level} | "
            f"{rule.kind} | {rule.remediation} |"
        )
    lines += ["", "## Why each rule exists", ""]
    for rule in RULES:
        lines += [f"### {rule.id} {rule.title}", "", rule.rationale, ""]
    return "\n".join(lines)


if __name__ == "__main__":
    TARGET.parent.mkdir(exist_ok=True)
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET}")
