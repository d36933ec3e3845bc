"""How large the pull-request comment gets: `fleet review` of a change that cordons one cluster,
on fleets of 10 clusters x 100 tenants and 30 clusters x 500 tenants (benchmarks/fleetgen.py).

Renders both sides under the mock runtime, runs the policy pack on the head, diffs them, and
measures the markdown comment (GitHub refuses comments over 65,536 characters), how much of it
had to be cut, and the Mermaid map's edges (Mermaid refuses more than 500).

Run: .venv/bin/python benchmarks/review_size.py   (writes benchmarks/results/review-size.json and .md)
"""

from __future__ import annotations

import copy
import dataclasses
import json
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import fleetgen
from fleet.review import report, snapshot
from fleet.review.diff import diff
from fleet.review.document import Review, StackReview
from fleet.review.policy import evaluate
from fleet.review.render import render
from fleet.review.review import summarize
from fleet.spec import load

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
SIZES = [(10, 100), (30, 500)]


def review_of(clusters: int, tenants: int) -> tuple[StackReview, dict[str, float]]:
    timings: dict[str, float] = {}
    base_spec = fleetgen.spec(clusters, tenants)
    head_spec = copy.deepcopy(base_spec)
    head_spec["clusters"][0]["cordoned"] = True
    key = os.urandom(32)
    started = time.perf_counter()
    base = snapshot.take(load(base_spec), render(base_spec, "bench"), key)
    fleet = load(head_spec)
    rendering = render(head_spec, "bench")
    head = snapshot.take(fleet, rendering, key)
    timings["render both sides"] = time.perf_counter() - started
    started = time.perf_counter()
    violations = evaluate(rendering, {}, ROOT / "policies")
    timings["policy pack"] = time.perf_counter() - started
    changes = diff(base, head, "main")
    review = dataclasses.replace(
        summarize("bench", "stacks/Pulumi.bench.yaml", fleet, head, violations, changes), production=True
    )
    return review, timings


def main() -> None:
    rows = []
    links = report.Links.for_project(ROOT, "https://github.com/acme/fleet/blob/main/docs/RULES.md")
    for clusters, tenants in SIZES:
        review, timings = review_of(clusters, tenants)
        comment = report.markdown(Review((review,)), links)
        full = report.markdown(Review((review,)), links, budget=10**9)  # uncut
        diagram = report.mermaid(review)
        rows.append(
            {
                "clusters": clusters,
                "tenants": tenants,
                "resources": review.resources,
                "changes": len(review.changes.resources) if review.changes else 0,
                "tenantMoves": len(review.changes.moves) if review.changes else 0,
                "fullMarkdownChars": len(full),
                "commentChars": len(comment),
                "cut": len(comment) < len(full),
                "mermaidEdges": diagram.count("-->") if diagram else None,
                "mermaidChars": len(diagram) if diagram else None,
                "seconds": {k: round(v, 1) for k, v in timings.items()},
            }
        )
        print(json.dumps(rows[-1]))
    machine = f"{platform.machine()}, Python {platform.python_version()}"
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "review-size.json").write_text(json.dumps({"machine": machine, "sizes": rows}, indent=2) + "\n")
    table = "\n".join(
        f"| {r['clusters']} x {r['tenants']} | {r['resources']:,} | {r['changes']:,} | {r['tenantMoves']} | "
        f"{r['fullMarkdownChars']:,} | {r['commentChars']:,} | {r['mermaidEdges']} | "
        f"{r['seconds']['render both sides']} s + {r['seconds']['policy pack']} s |"
        for r in rows
    )
    (RESULTS / "review-size.md").write_text(
        f"""# Review comment size

`benchmarks/review_size.py` on {machine}: `fleet review` of a change that cordons one cluster.
GitHub refuses a comment over {report.COMMENT_LIMIT:,} characters; the comment is cut to fit
{report.BUDGET:,} (tables shorten to 40 rows, then the map is left out, then only the summary and alerts stay,
with a link to the full report). Mermaid refuses a map of more than {report.MERMAID_MAX_EDGES}
edges; large fleets are drawn by region, with only the clusters the change touches.

| fleet | resources | changes | moves | full markdown | comment | Mermaid edges | render, pack |
|---|---|---|---|---|---|---|---|
{table}
"""
    )


if __name__ == "__main__":
    main()
