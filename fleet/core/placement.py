"""Placement: which clusters each tenant lands on. Pure, deterministic, sticky without state.

Each tenant walks a consistent-hash ring of the clusters it may use (its regime, hints, not
cordoned), starting at the hash of its name, and takes the first clusters that have capacity
left and keep its replicas spread. Because the walk depends only on names:

* the same fleet always gives the same placement (no stored state, no randomness);
* removing or cordoning a cluster moves only the replicas that were on it (when capacity is
  not the binding constraint; under contention a displaced tenant can take the last room that
  a later tenant needed, which is reported, never silently broken);
* adding a cluster takes over roughly its share of the ring, in proportion to its capacity.

Rings are built once per distinct eligible set, so 10,000 tenants on 1,000 clusters cost a few
hashes per tenant, not one per tenant and cluster.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from fleet.core.residency import Regime

Spread = Literal["cluster", "region", "cloud"]
VNODES_MIN, VNODES_MAX = 16, 512


@dataclass(frozen=True)
class Site:
    """A cluster as placement sees it."""

    name: str
    cloud: str
    region: str
    country: str
    cpu_millicores: int
    memory_bytes: int
    labels: Mapping[str, str] = field(default_factory=dict)
    cordoned: bool = False
    dedicated_to: str | None = None


@dataclass(frozen=True)
class Demand:
    """A tenant as placement sees it: what it needs and where it may go."""

    name: str
    regime: str = "none"
    replicas: int = 1
    spread: Spread = "cluster"
    cpu_millicores: int = 0
    memory_bytes: int = 0
    clouds: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    labels: Mapping[str, str] = field(default_factory=dict)
    clusters: tuple[str, ...] = ()
    retired: bool = False  # leaving the fleet: placed on no cluster

    def hint_key(self) -> tuple:
        return (self.regime, self.clouds, self.regions, tuple(sorted(self.labels.items())), self.clusters)


FULL_LISTING = 25  # clusters; larger fleets get rejections grouped by reason


@dataclass(frozen=True)
class Failure:
    tenant: str
    constraint: str
    rejections: tuple[tuple[str, str], ...]  # (cluster, why it was not used), one per cluster

    def reasons(self) -> list[str]:
        """One line per cluster in small fleets; in large ones, one line per kind of reason."""
        if len(self.rejections) <= FULL_LISTING:
            return [f"{cluster}: {why}" for cluster, why in self.rejections]
        groups: dict[str, list[str]] = {}
        for cluster, why in self.rejections:
            groups.setdefault(_reason_kind(why), []).append(cluster)
        lines = []
        for kind, clusters in sorted(groups.items(), key=lambda item: len(item[1])):
            shown = ", ".join(clusters[:5]) + (f" and {len(clusters) - 5} more" if len(clusters) > 5 else "")
            lines.append(f"{len(clusters)} cluster{'s' if len(clusters) > 1 else ''} {kind}: {shown}")
        return lines

    def render(self) -> str:
        return "\n".join(
            [f"tenant {self.tenant!r} cannot be placed: {self.constraint}", *(f"    {r}" for r in self.reasons())]
        )


def _reason_kind(why: str) -> str:
    if "outside regime" in why:
        return "outside the regime"
    if why.startswith("not enough capacity"):
        return "without enough capacity left"
    if why.startswith("same "):
        return "would break the spread"
    if why.startswith("labels do not match"):
        return "without the hinted labels"
    return why


class PlacementError(Exception):
    def __init__(self, failures: list[Failure]) -> None:
        self.failures = failures
        super().__init__(self.render())

    def render(self) -> str:
        return "\n".join(f.render() for f in self.failures)


@dataclass(frozen=True)
class Placement:
    assignments: dict[str, tuple[str, ...]]  # tenant -> clusters, in preference order
    reasons: dict[str, str]  # tenant -> one line explaining the decision
    used: dict[str, tuple[int, int]]  # cluster -> (millicores, bytes) of quota placed on it
    # tenant -> (cluster, why) for each eligible cluster its walk reached and passed over (spread,
    # capacity at that moment): the part of the decision that cannot be recomputed afterwards.
    passed_over: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)

    def tenants_on(self, cluster: str) -> list[str]:
        return [t for t, clusters in self.assignments.items() if cluster in clusters]


RETIRED = "retired: placed on no cluster"
NOT_REACHED = "eligible, but after the chosen clusters on the tenant's hash ring (not needed)"


def rejections(
    sites: Sequence[Site], demand: Demand, regimes: Mapping[str, Regime], placement: Placement
) -> tuple[tuple[str, str], ...]:
    """Why each cluster a placed tenant is not on was not chosen, one (cluster, why) per cluster in
    ``sites`` order: the eligibility test placement applied (regime, cordon, dedication, hints), what
    its walk recorded (spread, capacity left at the time), or that the walk never reached it."""
    chosen = set(placement.assignments[demand.name])
    passed = dict(placement.passed_over.get(demand.name, ()))
    regime = regimes[demand.regime]
    found = []
    for site in sites:
        if site.name in chosen:
            continue
        why = _Planner.reject(site, demand, regime) or passed.get(site.name) or NOT_REACHED
        found.append((site.name, why))
    return tuple(found)


def _hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


def _vnodes(site: Site) -> int:
    # Absolute (one point per core), not relative to the fleet, so adding a cluster never
    # reshuffles the points of the others.
    return max(VNODES_MIN, min(VNODES_MAX, site.cpu_millicores // 1000))


def _spread_key(site: Site, spread: Spread) -> str:
    if spread == "cloud":
        return site.cloud
    if spread == "region":
        return f"{site.cloud}:{site.region}"
    return site.name


def _format_cpu(millicores: int) -> str:
    return f"{millicores / 1000:g} cpu"


def _format_memory(value: int) -> str:
    return f"{value / 2**30:g}Gi"


class _Planner:
    def __init__(
        self, sites: Sequence[Site], regimes: Mapping[str, Regime], overcommit_cpu: float, overcommit_memory: float
    ) -> None:
        self.sites = list(sites)
        self.regimes = regimes
        self.capacity = [
            (int(s.cpu_millicores * overcommit_cpu), int(s.memory_bytes * overcommit_memory)) for s in self.sites
        ]
        self.free = [list(c) for c in self.capacity]
        self.points = [
            sorted((_hash(f"{s.name}\0{i}"), index) for i in range(_vnodes(s))) for index, s in enumerate(self.sites)
        ]
        self._eligible: dict[tuple, tuple[tuple[int, ...], dict[int, str]]] = {}
        self._rings: dict[tuple[int, ...], tuple[list[int], list[int]]] = {}

    def eligible(self, demand: Demand) -> tuple[tuple[int, ...], dict[int, str]]:
        """Indices of sites the demand may use, and why each other site may not."""
        key = demand.hint_key()
        if key not in self._eligible:
            regime = self.regimes[demand.regime]
            ok: list[int] = []
            rejected: dict[int, str] = {}
            for index, site in enumerate(self.sites):
                why = self.reject(site, demand, regime)
                if why is None:
                    ok.append(index)
                else:
                    rejected[index] = why
            self._eligible[key] = (tuple(ok), rejected)
        return self._eligible[key]

    @staticmethod
    def reject(site: Site, demand: Demand, regime: Regime) -> str | None:
        if site.cordoned:
            return "cordoned"
        if site.dedicated_to is not None and site.dedicated_to != demand.name:
            return f"dedicated to tenant {site.dedicated_to}"
        if not regime.allows(site.cloud, site.region, site.country):
            return (
                f"region {site.region} is in {site.country or 'an unknown country'}, outside regime "
                f"{regime.name} ({regime.describe_countries()})"
            )
        if demand.clusters and site.name not in demand.clusters:
            return f"not one of the named clusters ({', '.join(demand.clusters)})"
        if demand.clouds and site.cloud not in demand.clouds:
            return f"cloud {site.cloud} is not in the hint ({', '.join(demand.clouds)})"
        if demand.regions and site.region not in demand.regions:
            return f"region {site.region} is not in the hint ({', '.join(demand.regions)})"
        missing = [f"{k}={v}" for k, v in demand.labels.items() if site.labels.get(k) != v]
        if missing:
            return f"labels do not match {', '.join(missing)}"
        return None

    def ring(self, eligible: tuple[int, ...]) -> tuple[list[int], list[int]]:
        if eligible not in self._rings:
            merged = sorted(p for index in eligible for p in self.points[index])
            self._rings[eligible] = ([h for h, _ in merged], [i for _, i in merged])
        return self._rings[eligible]

    def place(self, demand: Demand) -> tuple[list[int], Failure | None, str, dict[int, str]]:
        eligible, rejected = self.eligible(demand)
        why_not: dict[int, str] = {}
        chosen: list[int] = []
        if eligible:
            hashes, owners = self.ring(eligible)
            start = bisect.bisect(hashes, _hash(demand.name))
            seen: set[int] = set()
            used_keys: dict[str, int] = {}
            total = len(hashes)
            for step in range(total):
                index = owners[(start + step) % total]
                if index in seen:
                    continue
                seen.add(index)
                site = self.sites[index]
                free_cpu, free_memory = self.free[index]
                key = _spread_key(site, demand.spread)
                if key in used_keys:
                    why_not[index] = (
                        f"same {demand.spread} as {self.sites[used_keys[key]].name} (spread {demand.spread})"
                    )
                elif free_cpu < demand.cpu_millicores or free_memory < demand.memory_bytes:
                    why_not[index] = (
                        f"not enough capacity left: {_format_cpu(free_cpu)} and {_format_memory(free_memory)} "
                        f"free, tenant needs {_format_cpu(demand.cpu_millicores)} and "
                        f"{_format_memory(demand.memory_bytes)}"
                    )
                else:
                    chosen.append(index)
                    used_keys[key] = index
                    if len(chosen) == demand.replicas:
                        break
                if len(seen) == len(eligible):
                    break
        regime = self.regimes[demand.regime]
        if len(chosen) < demand.replicas:
            for index in chosen:
                why_not[index] = "would be used"
            constraint = (
                f"needs {demand.replicas} cluster{'s' if demand.replicas > 1 else ''}"
                f"{' in distinct ' + demand.spread + 's' if demand.spread != 'cluster' and demand.replicas > 1 else ''}"
                f" satisfying regime {regime.name} ({regime.summary()})"
                f"{self._hints(demand)}, found {len(chosen)}"
            )
            rejections = tuple(
                (s.name, rejected.get(i) or why_not.get(i, "not reached")) for i, s in enumerate(self.sites)
            )
            return [], Failure(demand.name, constraint, rejections), "", why_not
        for index in chosen:
            self.free[index][0] -= demand.cpu_millicores
            self.free[index][1] -= demand.memory_bytes
        names = ", ".join(self.sites[i].name for i in chosen)
        reason = (
            f"regime {regime.name} ({regime.summary()}){self._hints(demand)}: "
            f"{len(eligible)} of {len(self.sites)} clusters eligible; "
            f"{names} first on the tenant's hash ring with capacity"
            f"{'' if demand.replicas == 1 else f', spread by {demand.spread}'}"
        )
        return chosen, None, reason, why_not

    @staticmethod
    def _hints(demand: Demand) -> str:
        hints = []
        if demand.clusters:
            hints.append(f"clusters {', '.join(demand.clusters)}")
        if demand.clouds:
            hints.append(f"clouds {', '.join(demand.clouds)}")
        if demand.regions:
            hints.append(f"regions {', '.join(demand.regions)}")
        if demand.labels:
            hints.append("labels " + ", ".join(f"{k}={v}" for k, v in sorted(demand.labels.items())))
        return f", hints {'; '.join(hints)}" if hints else ""


def place(
    sites: Sequence[Site],
    demands: Sequence[Demand],
    regimes: Mapping[str, Regime],
    *,
    overcommit_cpu: float = 1.0,
    overcommit_memory: float = 1.0,
) -> Placement:
    """Place every demand, or raise PlacementError listing every tenant that cannot be placed.

    Larger tenants are placed first (first-fit decreasing), which keeps placement feasible in
    tight fleets; ties break by name so the order never depends on the spec's order.
    """
    planner = _Planner(sites, regimes, overcommit_cpu, overcommit_memory)
    order = sorted(demands, key=lambda d: (-d.cpu_millicores, -d.memory_bytes, d.name))
    assignments: dict[str, tuple[str, ...]] = {}
    reasons: dict[str, str] = {}
    passed_over: dict[str, tuple[tuple[str, str], ...]] = {}
    failures: list[Failure] = []
    for demand in order:
        if demand.retired:
            assignments[demand.name] = ()
            reasons[demand.name] = RETIRED
            continue
        chosen, failure, reason, why_not = planner.place(demand)
        if failure is not None:
            failures.append(failure)
            continue
        assignments[demand.name] = tuple(planner.sites[i].name for i in chosen)
        reasons[demand.name] = reason
        if why_not:
            passed_over[demand.name] = tuple((planner.sites[i].name, why) for i, why in sorted(why_not.items()))
    if failures:
        raise PlacementError(sorted(failures, key=lambda f: f.tenant))
    used = {
        s.name: (cap[0] - free[0], cap[1] - free[1])
        for s, cap, free in zip(planner.sites, planner.capacity, planner.free, strict=True)
    }
    ordered = {d.name: assignments[d.name] for d in demands}
    return Placement(
        ordered,
        {d.name: reasons[d.name] for d in demands},
        used,
        {d.name: passed_over[d.name] for d in demands if d.name in passed_over},
    )
