"""Measure a policy pack on the residency corpus: false negatives and false positives per class.

    .venv/bin/python tests/policies/measure_corpus.py                 # the pack in policies/
    .venv/bin/python tests/policies/measure_corpus.py --git-ref HEAD  # the pack as committed at a ref

A violating case is a false negative when the pack reports no mandatory violation for it; a
compliant case is a false positive when the pack reports any. The pack is driven through the
Analyzer gRPC protocol exactly as the Pulumi CLI drives it (preview, dry run).
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "policies")]

from fleet.review.policy import PolicyPack  # noqa: E402
from tests.policies.corpus import CASES, by_area  # noqa: E402
from tests.policies.test_corpus import run  # noqa: E402

PACK_DIR = ROOT / "policies"


def measure(pack_dir: Path) -> dict[str, dict[str, list[str]]]:
    results: dict[str, dict[str, list[str]]] = {}
    with PolicyPack(pack_dir, stack="corpus") as pack:
        for area, cases in by_area().items():
            found = results.setdefault(area, {"violating": [], "compliant": [], "fn": [], "fp": []})
            for case in cases:
                denied = any(v.level == "mandatory" for v in run(pack, case))
                found["violating" if case.violating else "compliant"].append(case.id)
                if case.violating and not denied:
                    found["fn"].append(case.id)
                if not case.violating and denied:
                    found["fp"].append(case.id)
    return results


def report(results: dict[str, dict[str, list[str]]]) -> str:
    lines = ["| class | violating | false negatives | compliant | false positives |", "|---|---|---|---|---|"]
    totals = [0, 0, 0, 0]
    for area, r in results.items():
        counts = [len(r["violating"]), len(r["fn"]), len(r["compliant"]), len(r["fp"])]
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        lines.append(f"| {area} | {counts[0]} | {counts[1]} | {counts[2]} | {counts[3]} |")
    lines.append(f"| total | {totals[0]} | {totals[1]} | {totals[2]} | {totals[3]} |")
    missed = [c for r in results.values() for c in r["fn"]]
    wrong = [c for r in results.values() for c in r["fp"]]
    lines += ["", f"false negatives: {', '.join(missed) or 'none'}", f"false positives: {', '.join(wrong) or 'none'}"]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--git-ref", help="measure policies/ as committed at this git ref")
    args = parser.parse_args()
    if args.git_ref is None:
        print(f"pack: {PACK_DIR} ({len(CASES)} cases)")
        print(report(measure(PACK_DIR)))
        return
    archive = subprocess.run(
        ["git", "archive", "--format=tar", args.git_ref, "policies"], cwd=ROOT, check=True, capture_output=True
    ).stdout
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(tmp, filter="data")
        print(f"pack: policies/ at {args.git_ref} ({len(CASES)} cases)")
        print(report(measure(Path(tmp) / "policies")))


if __name__ == "__main__":
    main()
