"""`fleet status` as text or JSON: per cluster, the version it runs and the capacity it has."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from fleet.status.capacity import ClusterCapacity, Pair
from fleet.status.versions import LiveVersion


def _pair(p: Pair | None) -> dict[str, int] | None:
    return None if p is None else {"cpuMillicores": p.cpu, "memoryBytes": p.memory}


def to_json(stack: str, as_of: dt.date, live: Sequence[LiveVersion], capacity: Sequence[ClusterCapacity]) -> str:
    room = {c.cluster: c for c in capacity}
    clusters = []
    for v in live:
        c = room.get(v.cluster)
        clusters.append(
            {
                "cluster": v.cluster,
                "cloud": v.cloud,
                "kubernetesVersion": v.declared,
                "runs": v.runs,
                "unread": v.unread or None,
                "phase": v.phase,
                "endOfStandardSupport": v.end_of_standard or None,
                "daysLeft": v.days_left,
                "nodes": v.nodes,
                "capacity": None
                if c is None
                else {
                    "declared": _pair(c.declared),
                    "assigned": _pair(c.assigned),
                    "allocatable": _pair(c.allocatable),
                    "used": _pair(c.used),
                    "otherPods": _pair(c.others),
                    "tenants": [
                        {"tenant": t.tenant, "quota": _pair(t.hard), "used": _pair(t.used), "unread": t.unread or None}
                        for t in c.tenants
                    ],
                },
                "findings": [*v.findings(), *(c.findings if c else ())],
            }
        )
    return json.dumps({"stack": stack, "asOf": as_of.isoformat(), "clusters": clusters}, indent=2)


def to_text(stack: str, as_of: dt.date, live: Sequence[LiveVersion], capacity: Sequence[ClusterCapacity]) -> str:
    room = {c.cluster: c for c in capacity}
    lines = [f"stack {stack} as of {as_of.isoformat()}, read from each API server with the stack's credentials"]
    for v in live:
        left = f"{v.days_left} days" if v.days_left is not None else "-"
        nodes = ", ".join(f"{n} on {m}" for m, n in sorted(v.nodes.items())) or "none read"
        lines.append(
            f"  {v.cluster} ({v.cloud}): runs {v.runs or '?'}, spec says {v.declared}, support to "
            f"{v.end_of_standard or '-'} ({left}, {v.phase}); nodes: {nodes}"
        )
        c = room.get(v.cluster)
        if c is not None and not c.unread:
            allocatable = c.allocatable.describe() if c.allocatable else "-"
            lines.append(
                f"    capacity: declared {c.declared.describe()}; placed quotas {c.assigned.describe()}; "
                f"requested now {c.used.describe()}; nodes' allocatable {allocatable}"
                + (f"; other pods request {c.others.describe()}" if c.others is not None else "")
            )
            for t in c.tenants:
                if not t.unread:
                    lines.append(f"      {t.tenant}: requests {t.used.describe()} of its quota {t.hard.describe()}")
        for finding in [*v.findings(), *(c.findings if c else ())]:
            lines.append(f"    !! {finding}")
    return "\n".join(lines)
