"""The "Evidence for auditors" section (docs/REVIEW.md, linked from the README) stays true: its
markdown excerpt is real output of `prod` (apart from the lines that name a commit or a time, and
the marked trims), the top-level keys it lists are the schema's, and the command it shows is the
CLI's."""

from __future__ import annotations

import re

from fleet.cli import parser
from fleet.evidence.report import markdown
from tests.conftest import ROOT
from tests.evidence.support import evidence, schema

SECTION = "## Evidence for auditors"
TRIM = "…"
# Lines that depend on when, from which checkout and with which fleet release the excerpt was generated.
VOLATILE = (
    "; commit ",
    "| commit |",
    "| working tree |",
    "| spec sha256 |",
    "| fleet version |",
    "| generated (UTC) |",
)


def section() -> str:
    """The section's text, up to the next second-level heading outside a code block (the excerpt
    has headings of its own)."""
    text = (ROOT / "docs" / "REVIEW.md").read_text(encoding="utf-8")
    assert text.count(f"\n{SECTION}\n") == 1, f"docs/REVIEW.md has no single {SECTION!r} section"
    lines, fenced = [], False
    for line in text.split(f"\n{SECTION}\n", 1)[1].splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif line.startswith("## ") and not fenced:
            break
        lines.append(line)
    return "\n".join(lines)


def test_the_excerpt_is_real_output_of_prod() -> None:
    block = re.search(r"```markdown\n(.*?)\n```", section(), re.DOTALL)
    assert block is not None, "the section has no ```markdown excerpt"
    real = set(markdown(evidence("prod")).splitlines())
    checked = 0
    for line in block.group(1).splitlines():
        if not line.strip() or line.startswith(TRIM) or any(v in line for v in VOLATILE):
            continue
        assert line in real, f"docs/REVIEW.md excerpt line is not in `fleet evidence --stack prod` output: {line!r}"
        checked += 1
    assert checked >= 20


def test_the_top_level_keys_it_lists_are_the_schemas() -> None:
    listed = re.search(r"top level: (.*?)\)", section(), re.DOTALL)
    assert listed is not None
    keys = re.findall(r"`(\w+)`", listed.group(1))
    assert set(keys) == set(schema()["properties"]) - {"schemaVersion"}


def test_the_command_it_shows_is_the_clis() -> None:
    evidence_parser = next(a for a in parser()._actions if a.__class__.__name__ == "_SubParsersAction").choices[
        "evidence"
    ]  # type: ignore[attr-defined]
    options = {o for a in evidence_parser._actions for o in a.option_strings}
    assert {"--stack", "--stack-file", "--format", "--output"} <= options
    assert "fleet evidence --stack prod [--format json|markdown|html] [--output FILE]" in section()
    formats = next(a for a in evidence_parser._actions if "--format" in a.option_strings).choices
    assert list(formats) == ["json", "markdown", "html"]
