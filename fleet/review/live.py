"""`fleet review --live-capacity FILE`: placement run again with what the clusters hold in reality.

Placement trusts each cluster's declared ``capacity`` (fleet.core.placement). `fleet status --format
json` reads what the API servers say: the nodes' allocatable, the node count, and what pods outside
the tenants' namespaces request. Given that file, the review places the tenants again with each
cluster's room in reality, and blocks a change that puts a tenant on a cluster where the live
placement would not put it: the tenant would land on a cluster that is full in reality.

What deploys is still the declared placement (the program never reads live numbers, so `pulumi up`
and the review agree); the way out is in the spec: lower the cluster's ``capacity``, add nodes, or
free the room, and the review's placement then matches reality.

A cluster's room in reality:

* when its nodes cannot grow, that is an existing cluster (fleet does not size its nodes) or a
  managed one whose node count has reached its pools' total ``maxSize``: the nodes' allocatable
  less what other pods request, and never more than declared;
* when its pools can still grow: the declared capacity, which is what the spec says the grown
  cluster offers;
* when the file has no numbers for it (unreachable, another shard): the declared capacity.

Pure: no Pulumi, no cloud.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from fleet.core.placement import Placement, PlacementError, place
from fleet.review.document import LiveCapacity, LiveCluster, LiveTenant
from fleet.spec import Fleet
from fleet.spec.fleet import demands, sites
from fleet.status.capacity import ZERO, Pair


class LiveCapacityError(ValueError):
    """The file is not what `fleet status --format json` writes for this stack."""


@dataclass(frozen=True)
class ReadCluster:
    cluster: str
    allocatable: Pair | None
    others: Pair | None
    nodes: int


@dataclass(frozen=True)
class LiveStatus:
    source: str
    stack: str
    as_of: str
    clusters: Mapping[str, ReadCluster]


def _pair(value: Any, where: str) -> Pair | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not all(
        isinstance(value.get(k), int) and not isinstance(value.get(k), bool) and value[k] >= 0
        for k in ("cpuMillicores", "memoryBytes")
    ):
        raise LiveCapacityError(
            f"{where}: {json.dumps(value)[:80]} is not {{cpuMillicores, memoryBytes}} as whole numbers"
        )
    return Pair(value["cpuMillicores"], value["memoryBytes"])


def read_status(path: Path) -> LiveStatus:
    """The file `fleet status --stack NAME --format json` wrote; LiveCapacityError naming the key."""
    try:
        data = json.loads(path.read_text())
    except OSError as err:
        raise LiveCapacityError(f"{path}: cannot be read ({err.strerror})") from None
    except ValueError as err:
        raise LiveCapacityError(f"{path}: not JSON ({err}); write it with `fleet status --format json`") from None
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("stack"), str)
        or not isinstance(data.get("clusters"), list)
    ):
        raise LiveCapacityError(f"{path}: not the output of `fleet status --format json` (no stack and clusters)")
    clusters: dict[str, ReadCluster] = {}
    for index, entry in enumerate(data["clusters"]):
        where = f"{path}: clusters[{index}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("cluster"), str):
            raise LiveCapacityError(f"{where}: has no cluster name")
        capacity = entry.get("capacity")
        if capacity is not None and not isinstance(capacity, dict):
            raise LiveCapacityError(f"{where}.capacity: {json.dumps(capacity)[:80]} is not an object")
        nodes = entry.get("nodes") or {}
        if not isinstance(nodes, dict) or not all(isinstance(n, int) and n >= 0 for n in nodes.values()):
            raise LiveCapacityError(f"{where}.nodes: {json.dumps(nodes)[:80]} is not node counts by version")
        capacity = capacity or {}
        clusters[entry["cluster"]] = ReadCluster(
            entry["cluster"],
            _pair(capacity.get("allocatable"), f"{where}.capacity.allocatable"),
            _pair(capacity.get("otherPods"), f"{where}.capacity.otherPods"),
            sum(nodes.values()),
        )
    return LiveStatus(str(path), data["stack"], str(data.get("asOf", "")), clusters)


def _room(fleet: Fleet, name: str, read: ReadCluster | None) -> tuple[Pair, Pair, str]:
    """The cluster's declared capacity, its room in reality, and how the room was taken."""
    cluster = fleet.cluster(name)
    declared = Pair(cluster.capacity.millicores, cluster.capacity.memory_bytes)
    if read is None or read.allocatable is None:
        return declared, declared, "not read: declared capacity"
    pools = getattr(cluster, "node_pools", None)
    ceiling = sum(p.max_size for p in pools) if pools else None
    if ceiling is not None and read.nodes < ceiling:
        return declared, declared, f"its pools can grow ({read.nodes} of {ceiling} nodes): declared capacity"
    others = read.others or ZERO
    room = read.allocatable.less(others).smaller(declared)
    grown = "" if ceiling is None else f", at its pools' {ceiling} nodes"
    unread = "" if read.others is not None else "; other pods' requests not read"
    how = (
        f"nodes' allocatable {read.allocatable.describe()}{grown}, less {others.describe()} other pods request{unread}"
    )
    return declared, room, how


def _place_what_fits(fleet: Fleet, rooms: Mapping[str, Pair]) -> tuple[Placement | None, dict[str, str]]:
    """Placement with the rooms as capacities; tenants that cannot be placed are left out (a tenant
    that fails takes no room, so the others land where they would have) and said why."""
    capped = [replace(s, cpu_millicores=rooms[s.name].cpu, memory_bytes=rooms[s.name].memory)
              for s in sites(fleet.clusters)]  # fmt: skip
    wanted = demands(fleet.spec, fleet.clusters)
    refused: dict[str, str] = {}
    while True:
        try:
            return place(
                capped,
                [d for d in wanted if d.name not in refused],
                fleet.regimes,
                overcommit_cpu=fleet.spec.placement.overcommit_cpu,
                overcommit_memory=fleet.spec.placement.overcommit_memory,
            ), refused
        except PlacementError as err:
            refused.update({f.tenant: f.constraint for f in err.failures})


def judge(fleet: Fleet, status: LiveStatus, before: Mapping[str, Sequence[str]] | None) -> LiveCapacity:
    """The live placement beside the declared one. ``before`` holds each tenant's clusters at the
    review's base (None without a base: every placement counts as new)."""
    rows, rooms = [], {}
    for cluster in fleet.clusters:
        declared, room, how = _room(fleet, cluster.name, status.clusters.get(cluster.name))
        rooms[cluster.name] = room
        placed = Pair(*fleet.placement.used.get(cluster.name, (0, 0)))
        rows.append(LiveCluster(cluster.name, declared.describe(), room.describe(), placed.describe(), how))
    live, refused = _place_what_fits(fleet, rooms)
    tenants = []
    for tenant, placed_on in fleet.placement.assignments.items():
        live_on = () if tenant in refused or live is None else live.assignments.get(tenant, ())
        if set(live_on) == set(placed_on):
            continue
        known = set(before.get(tenant, ())) if before is not None else set()
        new = tuple(c for c in placed_on if c not in live_on and c not in known)
        why = f"cannot be placed with live numbers: {refused[tenant]}" if tenant in refused else ""
        tenants.append(LiveTenant(tenant, tuple(placed_on), tuple(live_on), new, why))
    return LiveCapacity(status.source, status.stack, status.as_of, tuple(rows), tuple(tenants), before is not None)
