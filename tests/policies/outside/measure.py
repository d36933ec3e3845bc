"""Measure the policy pack on an outside corpus and write RESULTS.md beside that corpus.

    .venv/bin/python tests/policies/outside/measure.py                     # the first corpus (outside/)
    .venv/bin/python tests/policies/outside/measure.py --corpus outside2   # the second (outside2/)
    .venv/bin/python tests/policies/outside/measure.py --corpus outside28  # ... the twenty-eighth (outside28/)
    .venv/bin/python tests/policies/outside/measure.py --pack DIR          # another copy of the pack
    .venv/bin/python tests/policies/outside/measure.py --no-write          # print only

Each case goes through the real Analyzer gRPC protocol, as the Pulumi CLI drives a pack at preview
(``run`` of tests/policies/test_corpus.py). A violating case is a false negative when the pack reports
no mandatory violation for it; a compliant case is a false positive when the pack reports any. A case
whose analysis raises (the pack process dies, or answers with an error) is a crash: counted apart, and
the pack is restarted for the next case. This is a measurement, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime
import importlib
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[3]
sys.path[:0] = [str(ROOT), str(ROOT / "policies")]

from fleet.review.policy import PolicyPack  # noqa: E402
from tests.policies.test_corpus import run  # noqa: E402

# The held-out corpora, each written by a session that had not read the rules: directory and title.
CORPORA = {
    "outside": "Outside corpus",
    "outside2": "Second outside corpus",
    "outside3": "Third outside corpus",
    "outside4": "Fourth outside corpus",
    "outside5": "Fifth outside corpus",
    "outside6": "Sixth outside corpus",
    "outside7": "Seventh outside corpus",
    "outside8": "Eighth outside corpus",
    "outside9": "Ninth outside corpus",
    "outside10": "Tenth outside corpus",
    "outside11": "Eleventh outside corpus",
    "outside12": "Twelfth outside corpus",
    "outside13": "Thirteenth outside corpus",
    "outside14": "Fourteenth outside corpus",
    "outside15": "Fifteenth outside corpus",
    "outside16": "Sixteenth outside corpus",
    "outside17": "Seventeenth outside corpus",
    "outside18": "Eighteenth outside corpus",
    "outside19": "Nineteenth outside corpus",
    "outside20": "Twentieth outside corpus",
    "outside21": "Twenty-first outside corpus",
    "outside22": "Twenty-second outside corpus",
    "outside23": "Twenty-third outside corpus",
    "outside24": "Twenty-fourth outside corpus",
    "outside25": "Twenty-fifth outside corpus",
    "outside26": "Twenty-sixth outside corpus",
    "outside27": "Twenty-seventh outside corpus",
    "outside28": "Twenty-eighth outside corpus",
}


@dataclass
class Theme:
    violating: list[str] = field(default_factory=list)
    compliant: list[str] = field(default_factory=list)
    fn: list[str] = field(default_factory=list)
    fp: list[str] = field(default_factory=list)
    crashes: list[str] = field(default_factory=list)


def measure(pack_dir: Path, corpus: ModuleType) -> tuple[dict[str, Theme], dict[str, str]]:
    """Per theme, the cases and how the pack did; and per case worth explaining (false positive,
    crash) one line of what the pack said."""
    themes: dict[str, Theme] = {}
    notes: dict[str, str] = {}
    pack = PolicyPack(pack_dir, stack="corpus")
    try:
        for area, cases in corpus.by_area().items():
            theme = themes.setdefault(area, Theme())
            for case in cases:
                (theme.violating if case.violating else theme.compliant).append(case.id)
                try:
                    violations = run(pack, case)
                except Exception as error:  # any failure of the analysis is a crash
                    theme.crashes.append(case.id)
                    notes[case.id] = _crash(error)
                    pack.close()
                    pack = PolicyPack(pack_dir, stack="corpus")
                    continue
                mandatory = [v for v in violations if v.level == "mandatory"]
                if case.violating and not mandatory:
                    theme.fn.append(case.id)
                if not case.violating and mandatory:
                    theme.fp.append(case.id)
                    notes[case.id] = "; ".join(f"{v.rule_id}: {v.message.splitlines()[0][:240]}" for v in mandatory[:3])
    finally:
        pack.close()
    return themes, notes


def _crash(error: Exception) -> str:
    """One line about a failed analysis; gRPC errors carry the pack's own exception in their details."""
    details = getattr(error, "details", None)
    text = details() if callable(details) else str(error)
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return f"{type(error).__name__}: {(lines[-1] if lines else '')[:300]}"


def _ids(ids: list[str]) -> str:
    return ", ".join(f"`{i}`" for i in ids) if ids else "none"


def report(themes: dict[str, Theme], notes: dict[str, str], pack_label: str, name: str, cases: int) -> str:
    lines = [
        f"# {CORPORA[name]}: results",
        "",
        f"Generated by `tests/policies/outside/measure.py --corpus {name}`; do not edit by hand. The corpus was "
        "written from",
        "provider and Kubernetes documentation without reading the rules (README.md beside this file): it",
        "measures the pack and must never be used to tune it.",
        "",
        f"Pack: {pack_label}. Cases: {cases}. A violating case is a false negative when the pack reports",
        "no mandatory violation; a compliant case is a false positive when it reports any; a crash is an",
        "analysis that raised (counted apart from both).",
        "",
        "| theme | violations | false negatives | compliant | false positives | crashes |",
        "|---|---|---|---|---|---|",
    ]
    totals = [0, 0, 0, 0, 0]
    for area, t in themes.items():
        counts = [len(t.violating), len(t.fn), len(t.compliant), len(t.fp), len(t.crashes)]
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        lines.append(f"| {area} | {' | '.join(map(str, counts))} |")
    lines.append(f"| **total** | {' | '.join(f'**{n}**' for n in totals)} |")
    for area, t in themes.items():
        lines += [
            "",
            f"## {area}",
            "",
            f"- violations ({len(t.violating)}): {_ids(t.violating)}",
            f"- compliant ({len(t.compliant)}): {_ids(t.compliant)}",
            f"- **false negatives** ({len(t.fn)}): {_ids(t.fn)}",
            f"- **false positives** ({len(t.fp)}): {_ids(t.fp)}",
            f"- **crashes** ({len(t.crashes)}): {_ids(t.crashes)}",
        ]
        explained = [i for i in (*t.fp, *t.crashes) if i in notes]
        if explained:
            lines += ["", "What the pack said:", ""]
            lines += [f"- `{i}`: {notes[i]}" for i in explained]
    return "\n".join(lines) + "\n"


def _label(pack_dir: Path) -> str:
    if pack_dir.resolve() != (ROOT / "policies").resolve():
        return f"`{pack_dir}`"
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, check=True, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "policies"], cwd=ROOT, check=True, capture_output=True, text=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "`policies/`"
    return f"`policies/` at {commit}{' (with uncommitted changes)' if dirty else ''}, {datetime.date.today()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pack", type=Path, default=ROOT / "policies", help="the pack directory (default: policies/)")
    parser.add_argument("--no-write", action="store_true", help="print the report, do not write RESULTS.md")
    parser.add_argument("--corpus", choices=sorted(CORPORA), default="outside", help="which held-out corpus")
    args = parser.parse_args()
    corpus = importlib.import_module(f"tests.policies.{args.corpus}.corpus")
    themes, notes = measure(args.pack, corpus)
    text = report(themes, notes, _label(args.pack), args.corpus, len(corpus.CASES))
    print(text)
    if not args.no_write:
        (ROOT / "tests" / "policies" / args.corpus / "RESULTS.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
