"""Placement at scale: 10,000 tenants on 1,000 clusters, and the churn of removing and adding one.

Run: .venv/bin/python benchmarks/placement.py   (writes benchmarks/results/placement.json and .md)
"""

from __future__ import annotations

import json
import platform
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import fleetgen
from fleet.core.placement import Placement, Site, _vnodes, place
from fleet.core.residency import builtin

RESULTS = Path(__file__).resolve().parent / "results"
TENANTS, CLUSTERS, RUNS = 10_000, 1_000, 5


def timed(sites: list[Site], demands, regimes) -> tuple[Placement, float]:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    placement = place(sites, demands, regimes)
    return placement, time.perf_counter() - start


def churn(before: Placement, after: Placement) -> tuple[int, int]:
    """(tenants whose cluster set changed, replicas that moved)."""
    tenants = replicas = 0
    for tenant, old in before.assignments.items():
        new = after.assignments[tenant]
        if set(old) != set(new):
            tenants += 1
            replicas += len(set(old) - set(new))
    return tenants, replicas


def main() -> None:
    regimes = builtin()
    sites = fleetgen.sites(CLUSTERS)
    demands = fleetgen.demands(TENANTS)
    times = []
    for _ in range(RUNS):
        base, seconds = timed(sites, demands, regimes)
        times.append(seconds)
    replicas_total = sum(len(c) for c in base.assignments.values())

    # Remove the busiest cluster: only its tenants may move (capacity is not binding here).
    busiest = max(sites, key=lambda s: len(base.tenants_on(s.name)))
    removed, remove_seconds = timed([s for s in sites if s is not busiest], demands, regimes)
    on_removed = len(base.tenants_on(busiest.name))
    removed_tenants, removed_replicas = churn(base, removed)

    # Add one cluster like an average one, in a GDPR region.
    added_site = replace(sites[0], name="c9999-new", cloud="aws", region="eu-central-1", country="DE")
    added, add_seconds = timed([*sites, added_site], demands, regimes)
    added_tenants, added_replicas = churn(base, added)
    # Its fair share: for each tenant that may use it, its replicas times the new cluster's
    # share of the ring points the tenant walks (capacity-weighted, within the tenant's regime).
    fair_share = 0.0
    for demand in demands:
        if not regimes[demand.regime].allows(added_site.cloud, added_site.region):
            continue
        if any(added_site.labels.get(k) != v for k, v in demand.labels.items()):
            continue
        eligible = [
            s
            for s in sites
            if regimes[demand.regime].allows(s.cloud, s.region)
            and all(s.labels.get(k) == v for k, v in demand.labels.items())
        ]
        weight = _vnodes(added_site)
        fair_share += demand.replicas * weight / (weight + sum(_vnodes(s) for s in eligible))

    result = {
        "machine": f"{platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}",
        "tenants": TENANTS,
        "clusters": CLUSTERS,
        "replicas": replicas_total,
        "place_seconds_median": round(statistics.median(times), 4),
        "place_seconds_all": [round(t, 4) for t in times],
        "remove_one": {
            "cluster": busiest.name,
            "tenants_on_it": on_removed,
            "tenants_moved": removed_tenants,
            "replicas_moved": removed_replicas,
            "seconds": round(remove_seconds, 4),
        },
        "add_one": {
            "cluster": added_site.name,
            "tenants_moved": added_tenants,
            "replicas_moved": added_replicas,
            "replicas_now_on_it": len(added.tenants_on(added_site.name)),
            "expected_share_of_replicas": round(fair_share, 1),
            "seconds": round(add_seconds, 4),
        },
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "placement.json").write_text(json.dumps(result, indent=2) + "\n")
    md = f"""# Placement benchmark

`benchmarks/placement.py` on {result["machine"]}.

| measure | value |
|---|---|
| tenants x clusters | {TENANTS:,} x {CLUSTERS:,} ({replicas_total:,} replicas) |
| placement time (median of {RUNS}) | {result["place_seconds_median"]:.3f} s |
| remove busiest cluster ({on_removed} tenants on it) | {removed_tenants} tenants moved, {removed_replicas} replicas |
| add one cluster in eu-central-1 (expected share {fair_share:.1f} replicas) | {added_tenants} tenants moved, \
{added_replicas} replicas; {result["add_one"]["replicas_now_on_it"]} now on it |

Target: under 1 s for 10,000 x 1,000. Removing a cluster moves only the tenants that were on it.
Adding one moves about its expected share: for every tenant that may use it, the tenant's
replicas times the new cluster's share of the capacity-weighted ring points within the tenant's
regime and hints (a cluster in a GDPR region takes more than 1/N, since regulated tenants have
fewer places to go). The measured move is above that estimate because spread makes a tenant walk
past ring points it skips (a second cluster in a region it already uses), so it meets a new
cluster more often than the cluster's weight alone says; every move is onto the new cluster.
"""
    (RESULTS / "placement.md").write_text(md)
    print(md)


if __name__ == "__main__":
    main()
