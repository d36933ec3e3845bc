"""Each built cluster's Kubernetes minor against its service's support calendar, at the review's date.

A cluster the change creates (absent from the base) on a minor past its end of standard support is
refused: the cloud would refuse to create it (fleet.core.calendar NEW_REFUSED). A cluster that
exists already is only flagged: it is upgraded by its cloud, or must be, and the review says when;
but a change of its minor that its cloud refuses (two minors at once, a downgrade) is refused too.
An existing cluster (one fleet does not build) is judged by the Kubernetes project's own patch
support, and only flagged: fleet neither creates nor upgrades it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from fleet.core import calendar
from fleet.review.document import ClusterVersion


def versions(head: Mapping[str, Any], base: Mapping[str, Any] | None, as_of: dt.date) -> tuple[ClusterVersion, ...]:
    """From the snapshots' clusters (``fleet.review.snapshot``); ``base`` None: no comparison."""
    before = (base or {}).get("clusters", {})
    found = []
    for name, cluster in head.get("clusters", {}).items():
        support = calendar.support(cluster["cloud"], cluster.get("kubernetesVersion", ""), as_of)
        if support is None:
            continue  # a minor the calendar does not hold was refused by the spec already
        new = None if base is None else name not in before
        was = (before.get(name) or {}).get("kubernetesVersion") or ""  # "": a base from before versions were kept
        built = support.row.service != calendar.UPSTREAM
        refused = ""
        if not built:
            pass  # fleet neither creates nor upgrades it: flagged by its phase only
        elif new and support.phase == "past":
            refused = f"{support.describe()}; {calendar.NEW_REFUSED[support.row.service]}: raise kubernetesVersion"
        elif was:
            refused = calendar.path_problem(cluster["cloud"], was, support.minor, as_of)
        found.append(
            ClusterVersion(
                cluster=name,
                cloud=cluster["cloud"],
                version=support.minor,
                phase=support.phase,
                end_of_standard=support.row.end_of_standard.isoformat(),
                days_left=support.days_left,
                at_end=support.at_end,
                extended_cost_per_month=support.extended_cost_per_month,
                extended_price=support.extended_price,
                source=support.row.source,
                new=new,
                refused=refused,
                before=was,
            )
        )
    return tuple(found)


def oldest(found: tuple[ClusterVersion, ...]) -> ClusterVersion | None:
    """The cluster whose standard support ends first: the fleet's next deadline."""
    return min(found, key=lambda v: (v.end_of_standard, v.cluster), default=None)
