"""Scale benchmark: our cost over the Pulumi SDK's own floor, linearity, policy share, placement.

Run: .venv/bin/python benchmarks/scale.py [--sizes 10x100,30x500,100x1000]
Writes benchmarks/results/scale.json and scale.md. Each measurement runs in a fresh process
(so peak memory is its own) after a small warm-up render, so the one-off import of the
provider SDKs (reported separately as cold start) is not counted per resource.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "benchmarks" / "results"
POLICY_FLOOR = ROOT / "benchmarks" / "policy_floor"


def cpu() -> float:
    """User and system seconds of this process and of its reaped children (the policy pack's
    processes, which the review starts and waits for)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _warm() -> None:
    from benchmarks import fleetgen, floor
    from fleet.review.render import render

    warm = render(fleetgen.spec(9, 20), "warm")
    floor.register_all(warm)


def measure(kind: str, clusters: int, tenants: int) -> dict:  # type: ignore[type-arg]
    """One measurement, in this process."""
    from benchmarks import fleetgen, floor
    from fleet.review import policy_config, report, snapshot
    from fleet.review.document import Review
    from fleet.review.policy import evaluate
    from fleet.review.render import render
    from fleet.review.review import summarize
    from fleet.spec import load

    _warm()
    raw = fleetgen.spec(clusters, tenants)
    result: dict = {"kind": kind, "clusters": clusters, "tenants": tenants}  # type: ignore[type-arg]
    if kind == "plan":
        start = time.perf_counter()
        fleet = load(raw)
        validated = time.perf_counter()
        rendering = render(raw, "bench")
        end = time.perf_counter()
        result.update(
            resources=len(rendering.resources),
            seconds=end - start,
            validate_and_place_seconds=validated - start,
            clusters_total=len(fleet.clusters),
        )
    elif kind == "floor":
        rendering = render(raw, "bench")
        start = time.perf_counter()
        count = floor.register_all(rendering)
        result.update(resources=count, seconds=time.perf_counter() - start)
    elif kind == "review":
        start, start_cpu = time.perf_counter(), cpu()
        fleet = load(raw)
        rendering = render(raw, "bench")
        rendered, rendered_cpu = time.perf_counter(), cpu()
        violations = evaluate(rendering, lambda names: policy_config.build(fleet, "bench", names))
        evaluated, evaluated_cpu = time.perf_counter(), cpu()
        report.markdown(Review((summarize("bench", "bench", fleet, snapshot.take(fleet, rendering), violations),)))
        end, end_cpu = time.perf_counter(), cpu()
        # The same evaluation with a pack of no-op policies: the policy SDK's own share.
        floor_start = time.perf_counter()
        evaluate(rendering, lambda names: policy_config.build(fleet, "bench", names), pack_dir=POLICY_FLOOR)
        result.update(
            resources=len(rendering.resources),
            seconds=end - start,
            policy_seconds=evaluated - rendered,
            cpu_seconds=end_cpu - start_cpu,
            policy_cpu_seconds=evaluated_cpu - rendered_cpu,
            policy_floor_seconds=time.perf_counter() - floor_start,
            mandatory=sum(v.level == "mandatory" for v in violations),
        )
    result["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def run(kind: str, clusters: int, tenants: int) -> dict:  # type: ignore[type-arg]
    out = subprocess.run(
        [sys.executable, __file__, "--one", kind, str(clusters), str(tenants)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def whole(command: list[str], runs: int = 5) -> dict[str, float]:
    """A CLI command as a user runs it, a new process each time: median and spread of wall seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [str(Path(sys.executable).parent / "fleet"), *command], capture_output=True, check=True, cwd=ROOT
        )
        times.append(time.perf_counter() - start)
    return {"min": round(min(times), 3), "median": round(statistics.median(times), 3), "max": round(max(times), 3)}


def placement() -> dict:  # type: ignore[type-arg]
    from benchmarks import fleetgen
    from fleet.core.placement import place
    from fleet.core.residency import builtin

    sites, demands = fleetgen.sites(1000), fleetgen.demands(10_000)
    times = []
    for _ in range(3):
        start = time.perf_counter()
        place(sites, demands, builtin())
        times.append(time.perf_counter() - start)
    return {"tenants": 10_000, "clusters": 1_000, "seconds": min(times)}


def plan_row(plan: dict, floor_: dict) -> dict:  # type: ignore[type-arg]
    return {
        "clusters": plan["clusters"],
        "tenants": plan["tenants"],
        "resources": plan["resources"],
        "floor_seconds": round(floor_["seconds"], 2),
        "plan_seconds": round(plan["seconds"], 2),
        "validate_and_place_seconds": round(plan["validate_and_place_seconds"], 3),
        "overhead_over_floor": round(plan["seconds"] / floor_["seconds"] - 1, 4),
        "plan_ms_per_resource": round(plan["seconds"] / plan["resources"] * 1000, 3),
        "plan_peak_rss_mib": round(plan["peak_rss_mib"], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--one", nargs=3)
    parser.add_argument("--sizes", default="10x100,30x500,100x1000")
    parser.add_argument(
        "--plan-only", default="", help="larger sizes for plan and floor only, e.g. 300x5000 (about 10 min each)"
    )
    args = parser.parse_args()
    if args.one:
        kind, clusters, tenants = args.one
        print(json.dumps(measure(kind, int(clusters), int(tenants))))
        return
    sizes = [tuple(int(x) for x in size.split("x")) for size in args.sizes.split(",")]
    rows = []
    for clusters, tenants in sizes:
        plan, floor_, review = (run(kind, clusters, tenants) for kind in ("plan", "floor", "review"))
        row = {
            **plan_row(plan, floor_),
            "review_seconds": round(review["seconds"], 2),
            "policy_seconds": round(review["policy_seconds"], 2),
            "policy_share": round(review["policy_seconds"] / review["seconds"], 4),
            "review_cpu_seconds": round(review["cpu_seconds"], 2),
            "policy_cpu_seconds": round(review["policy_cpu_seconds"], 2),
            "policy_cpu_share": round(review["policy_cpu_seconds"] / review["cpu_seconds"], 4),
            "policy_sdk_floor_seconds": round(review["policy_floor_seconds"], 2),
            "review_mandatory": review["mandatory"],
        }
        rows.append(row)
        print(json.dumps(row), flush=True)
    plan_only = []
    for size in filter(None, args.plan_only.split(",")):
        clusters, tenants = (int(x) for x in size.split("x"))
        plan, floor_ = run("plan", clusters, tenants), run("floor", clusters, tenants)
        plan_only.append(plan_row(plan, floor_))
    document = {
        "machine": f"{platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}, "
        f"{__import__('os').cpu_count()} cores",
        "date": time.strftime("%Y-%m-%d"),
        "fleet_validate_prod_seconds": whole(["validate", "--stack", "prod"]),
        "cold_start_fleet_plan_dev_seconds": whole(["plan", "--stack", "dev"], runs=3)["median"],
        "sizes": rows,
        "plan_only": plan_only,
        "placement": placement(),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "scale.json").write_text(json.dumps(document, indent=2) + "\n")
    (RESULTS / "scale.md").write_text(markdown(document))
    print(markdown(document))


POLICY_CPU_SHARE, VALIDATE_SECONDS, OVER_FLOOR = 0.20, 0.5, 0.10  # the targets (issue 18)


def _verdict(ok: bool) -> str:
    return "met" if ok else "missed"


def markdown(document: dict) -> str:  # type: ignore[type-arg]
    rows = document["sizes"]
    every = sorted(rows + document.get("plan_only", []), key=lambda r: r["resources"])
    small, large = every[0], every[-1]
    growth = large["plan_ms_per_resource"] / small["plan_ms_per_resource"] - 1
    validate = document["fleet_validate_prod_seconds"]
    lines = [
        "# Scale benchmark",
        "",
        f"`benchmarks/scale.py` on {document['machine']}, {document['date']}. Each number is one run in a",
        "fresh process after a warm-up render; synthetic fleets from `benchmarks/fleetgen.py` (clusters on",
        "all three clouds, 80 % namespace and 20 % vcluster tenants, 1-2 replicas, mixed regimes), each of",
        "which `fleet validate` accepts. CPU is user + system seconds of the review and of the policy pack's",
        "processes it starts.",
        "",
        "| clusters | tenants | resources | SDK floor s | fleet plan s | over floor | ms/resource | peak RSS MiB "
        "| fleet review s | review CPU s | policy CPU s | policy share of CPU | policy SDK floor s |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['clusters']} | {r['tenants']} | {r['resources']:,} | {r['floor_seconds']} | {r['plan_seconds']} "
            f"| {r['overhead_over_floor']:+.1%} | {r['plan_ms_per_resource']} | {r['plan_peak_rss_mib']} "
            f"| {r['review_seconds']} | {r['review_cpu_seconds']} | {r['policy_cpu_seconds']} "
            f"| {r['policy_cpu_share']:.0%} | {r['policy_sdk_floor_seconds']} |"
        )
    for r in document.get("plan_only", []):
        lines.append(
            f"| {r['clusters']} | {r['tenants']} | {r['resources']:,} | {r['floor_seconds']} | {r['plan_seconds']} "
            f"| {r['overhead_over_floor']:+.1%} | {r['plan_ms_per_resource']} | {r['plan_peak_rss_mib']} "
            "| (not run) | | | | |"
        )
    placement = document["placement"]
    worst_share = max(r["policy_cpu_share"] for r in rows)
    worst_floor = max(r["overhead_over_floor"] for r in every)
    lines += [
        "",
        f"Placement alone, {placement['tenants']:,} tenants on {placement['clusters']:,} clusters: "
        f"{placement['seconds']:.2f} s. `fleet validate --stack prod`, a new process each run: "
        f"{validate['min']} / {validate['median']} / {validate['max']} s (min / median / max of 5). "
        f"`fleet plan --stack dev` from a new process (importing the three cloud SDKs' modules it uses): "
        f"{document['cold_start_fleet_plan_dev_seconds']} s (median of 3).",
        "",
        "## Targets",
        "",
        f"- Policy evaluation at most {POLICY_CPU_SHARE:.0%} of a review's CPU at every size: "
        f"{_verdict(worst_share <= POLICY_CPU_SHARE)}, "
        + ", ".join(f"{r['policy_cpu_share']:.0%} at {r['resources']:,} resources" for r in rows)
        + ". The policy SDK floor column is the same evaluation with a pack of no-op policies of the same names.",
        f"- `fleet validate` under {VALIDATE_SECONDS} s: {_verdict(validate['median'] < VALIDATE_SECONDS)}, "
        f"{validate['median']} s median for the prod stack.",
        f"- `fleet plan` within {1 + OVER_FLOOR:.2f}x of the SDK floor (the same resources registered with the"
        f" providers' own classes in a bare loop under the same mock runtime): {_verdict(worst_floor <= OVER_FLOOR)}, "
        + ", ".join(f"{r['overhead_over_floor']:+.1%} at {r['resources']:,}" for r in every)
        + f"; spec validation and placement take {max(r['validate_and_place_seconds'] for r in every) * 1000:.0f} ms"
        " at most.",
        f"- Placement of 10,000 tenants on 1,000 clusters under 1 s: {_verdict(placement['seconds'] < 1)},"
        f" {placement['seconds']:.2f} s.",
        f"- Time per resource from the smallest to the largest size: {growth:+.1%} "
        f"({small['plan_ms_per_resource']} ms at {small['resources']:,}, {large['plan_ms_per_resource']} ms at "
        f"{large['resources']:,}).",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
