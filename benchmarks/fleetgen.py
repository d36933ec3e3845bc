"""Synthetic fleets for benchmarks: deterministic, realistic mixes of clouds, regions and regimes."""

from __future__ import annotations

import random

from fleet import catalog
from fleet.placement import Demand, Site

GI = 2**30
REGIMES = ["none", "none", "none", "gdpr", "gdpr", "eu", "us", "uk", "ch", "ca"]


def sites(count: int, seed: int = 7) -> list[Site]:
    rnd = random.Random(seed)
    regions = [r for r in catalog.regions() if r.deployable and r.access == "public"]
    result = []
    for index in range(count):
        region = rnd.choice(regions)
        cpu = rnd.choice([64, 96, 128, 192])
        result.append(
            Site(
                name=f"c{index:04d}-{region.cloud}-{region.name}",
                cloud=region.cloud,
                region=region.name,
                country=region.country,
                cpu_millicores=cpu * 1000,
                memory_bytes=cpu * 4 * GI,
                labels={"tier": rnd.choice(["gold", "standard"])},
            )
        )
    return result


def demands(count: int, seed: int = 11) -> list[Demand]:
    rnd = random.Random(seed)
    result = []
    for index in range(count):
        regime = rnd.choice(REGIMES)
        # Single-country regimes have a handful of regions in the whole catalogue: like a real
        # platform team, give their tenants one or two replicas and no label hints.
        narrow = regime in ("ch", "uk", "ca")
        replicas = rnd.choice([1, 2] if narrow else [1, 1, 2, 2, 3])
        result.append(
            Demand(
                name=f"tenant-{index:05d}",
                regime=regime,
                replicas=replicas,
                spread="cluster" if replicas == 1 or narrow else rnd.choice(["cluster", "region", "cloud"]),
                cpu_millicores=rnd.choice([250, 500, 1000, 2000]),
                memory_bytes=rnd.choice([1, 2, 4]) * GI,
                labels={} if narrow else rnd.choice([{}, {}, {}, {"tier": "gold"}]),
            )
        )
    return result
