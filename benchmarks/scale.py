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
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "benchmarks" / "results"
POLICY_FLOOR = ROOT / "benchmarks" / "policy_floor"


def _warm() -> None:
    from benchmarks import fleetgen, floor
    from fleet.review.render import render

    warm = render(fleetgen.spec(9, 20), "warm")
    floor.register_all(warm)


def measure(kind: str, clusters: int, tenants: int) -> dict:  # type: ignore[type-arg]
    """One measurement, in this process."""
    from benchmarks import fleetgen, floor
    from fleet.review import policy_config, report, snapshot
    from fleet.review.policy import evaluate
    from fleet.review.render import render
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
        start = time.perf_counter()
        fleet = load(raw)
        rendering = render(raw, "bench")
        rendered = time.perf_counter()
        violations = evaluate(rendering, lambda names: policy_config.build(fleet, "bench", names))
        evaluated = time.perf_counter()
        report.markdown(report.build(snapshot.take(fleet, rendering), violations))
        end = time.perf_counter()
        # The same evaluation with a pack of no-op policies: the policy SDK's own share.
        floor_start = time.perf_counter()
        evaluate(rendering, lambda names: policy_config.build(fleet, "bench", names), pack_dir=POLICY_FLOOR)
        result.update(
            resources=len(rendering.resources),
            seconds=end - start,
            policy_seconds=evaluated - rendered,
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


def cold_start() -> float:
    start = time.perf_counter()
    subprocess.run([str(Path(sys.executable).parent / "fleet"), "plan", "--stack", "dev"], capture_output=True, check=True, cwd=ROOT)
    return time.perf_counter() - start


def placement() -> dict:  # type: ignore[type-arg]
    from benchmarks import fleetgen
    from fleet.placement import place
    from fleet.residency import builtin

    sites, demands = fleetgen.sites(1000), fleetgen.demands(10_000)
    times = []
    for _ in range(3):
        start = time.perf_counter()
        place(sites, demands, builtin())
        times.append(time.perf_counter() - start)
    return {"tenants": 10_000, "clusters": 1_000, "seconds": min(times)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--one", nargs=3)
    parser.add_argument("--sizes", default="10x100,30x500,100x1000")
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
            "clusters": clusters,
            "tenants": tenants,
            "resources": plan["resources"],
            "floor_seconds": round(floor_["seconds"], 2),
            "plan_seconds": round(plan["seconds"], 2),
            "validate_and_place_seconds": round(plan["validate_and_place_seconds"], 3),
            "overhead_over_floor": round(plan["seconds"] / floor_["seconds"] - 1, 4),
            "plan_ms_per_resource": round(plan["seconds"] / plan["resources"] * 1000, 3),
            "plan_peak_rss_mib": round(plan["peak_rss_mib"], 1),
            "review_seconds": round(review["seconds"], 2),
            "policy_seconds": round(review["policy_seconds"], 2),
            "policy_share": round(review["policy_seconds"] / review["seconds"], 4),
            "policy_sdk_floor_seconds": round(review["policy_floor_seconds"], 2),
            "review_mandatory": review["mandatory"],
        }
        rows.append(row)
        print(json.dumps(row), flush=True)
    document = {
        "machine": f"{platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}, "
        f"{__import__('os').cpu_count()} cores",
        "date": time.strftime("%Y-%m-%d"),
        "cold_start_fleet_plan_dev_seconds": round(cold_start(), 2),
        "sizes": rows,
        "placement": placement(),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "scale.json").write_text(json.dumps(document, indent=2) + "\n")
    print(json.dumps(document, indent=2))


if __name__ == "__main__":
    main()
