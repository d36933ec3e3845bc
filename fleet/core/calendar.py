"""The Kubernetes support calendar of each managed service, evaluated at a date.

The rows are ``catalog/kubernetes_calendar.csv``, each citing the page it was read from (and
``kubernetes_calendar.md`` says where sources disagree). What each cloud does when a minor leaves
standard support, as fleet builds its clusters:

- EKS: fleet sets ``upgradePolicy.supportType: STANDARD``, so instead of entering extended
  support (billed $0.60 instead of $0.10 per cluster-hour) the cluster "will be automatically
  upgraded" (EKS user guide, view-upgrade-policy.adoc); and a new cluster on a version already in
  extended support cannot choose STANDARD (create-cluster-auto.adoc), so EKS refuses it.
- GKE: fleet's maintenance exclusion holds the minor only until its end of support; then GKE
  upgrades the control plane and the nodes regardless (docs/DEPLOYING.md, Versions and maintenance).
  The "Current versions" table of GKE's release notes lists for the Regular channel only minors in
  standard support (1.33 to 1.36 once 1.32's ended); older ones only on the Extended channel.
- An existing cluster (``upstream``): the Kubernetes project stops patching the minor; the
  calendar's end of standard support is its end of maintenance, the last patch release
  (kubernetes.io/releases/patch-releases).
- AKS: the version moves to platform support (N-3): "the creation of new clusters isn't possible",
  and Azure may upgrade a cluster out of support for more than three minors on its own
  (supported-kubernetes-versions.md, "Platform support policy"); LTS would need the Premium tier.

Pure: no Pulumi, no clock. The date is always an argument, so a review says which day it judged.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from fleet.core import kinds

# The calendar's service names, by the spec's cloud (fleet.core.kinds); an existing cluster is
# judged by the Kubernetes project's own support ("upstream").
UPSTREAM = "upstream"
SERVICES = {k.name: k.kubernetes_service for k in kinds.KINDS.values() if k.kubernetes_service}
ADVISORY_DAYS = 90
HOURS_PER_MONTH = 730  # an average month: 365 days x 24 hours / 12

Phase = Literal["standard", "ending", "past"]


@dataclass(frozen=True)
class Release:
    service: str  # eks, gke, aks
    minor: str
    release: dt.date
    end_of_standard: dt.date
    end_of_extended: dt.date | None
    extended_kind: str  # extended | lts
    source: str
    read_on: dt.date


@cache
def rows() -> tuple[Release, ...]:
    text = resources.files("fleet.core.catalog").joinpath("kubernetes_calendar.csv").read_text(encoding="utf-8")
    found = []
    for row in csv.DictReader(text.splitlines()):
        found.append(
            Release(
                service=row["cloud"],
                minor=row["minor"],
                release=dt.date.fromisoformat(row["release"]),
                end_of_standard=dt.date.fromisoformat(row["end_of_standard"]),
                end_of_extended=dt.date.fromisoformat(row["end_of_extended"]) if row["end_of_extended"] else None,
                extended_kind=row["extended_kind"],
                source=row["source"],
                read_on=dt.date.fromisoformat(row["read_on"]),
            )
        )
    return tuple(found)


def minors(service: str) -> tuple[str, ...]:
    return tuple(r.minor for r in rows() if r.service == service)


def release(cloud: str, minor: str) -> Release | None:
    """The calendar row of a cluster's cloud and minor; None for a cloud fleet does not build."""
    service = SERVICES.get(cloud)
    return next((r for r in rows() if r.service == service and r.minor == minor), None)


# What each service does to fleet's clusters when a minor's standard support ends, and what
# keeping the minor longer costs per cluster and month (None: the service states no price we hold).
AT_END = {
    "eks": "AWS upgrades the control plane to the next minor (fleet's upgrade policy is STANDARD)",
    "gke": "GKE upgrades the control plane and the nodes to the next minor, whatever the maintenance exclusion",
    "aks": "the version goes to platform support: no new cluster can be created on it, and Azure may upgrade "
    "it on its own later; LTS would need the Premium tier",
    "upstream": "the Kubernetes project publishes no more patches for it, security fixes included; only the "
    "cluster's own vendor may still support it",
}
# Why a new cluster on a minor past its end of standard support fails at creation.
NEW_REFUSED = {
    "eks": "EKS offers this minor only in extended support, which a cluster with upgrade policy STANDARD cannot choose",
    "gke": "GKE's Regular channel offers only minors in standard support (the older ones only on the Extended channel)",
    "aks": "AKS creates no new cluster on a minor in platform support",
    "upstream": "the Kubernetes project no longer patches it",
}
EXTENDED_COST_PER_MONTH = {"eks": round((0.60 - 0.10) * HOURS_PER_MONTH), "gke": None, "aks": None, "upstream": None}
EXTENDED_PRICE = {"eks": "upgrade policy EXTENDED: $0.60 instead of $0.10 per cluster-hour"}


@dataclass(frozen=True)
class Support:
    """A cluster's minor on its service, as of a date."""

    cloud: str
    minor: str
    as_of: dt.date
    row: Release

    @property
    def days_left(self) -> int:
        """Days until standard support ends; negative once it has."""
        return (self.row.end_of_standard - self.as_of).days

    @property
    def phase(self) -> Phase:
        if self.days_left <= 0:
            return "past"
        return "ending" if self.days_left <= ADVISORY_DAYS else "standard"

    @property
    def at_end(self) -> str:
        return AT_END[self.row.service]

    @property
    def extended_cost_per_month(self) -> int | None:
        return EXTENDED_COST_PER_MONTH[self.row.service]

    @property
    def extended_price(self) -> str:
        return EXTENDED_PRICE.get(self.row.service, "")

    def describe(self) -> str:
        end = self.row.end_of_standard.isoformat()
        upstream = self.row.service == UPSTREAM
        who = "Kubernetes" if upstream else self.row.service.upper()
        support = "upstream patch support" if upstream else "standard support"
        if self.phase == "past":
            return f"{who} {self.minor} left {support} on {end}"
        return f"{who} {self.minor} leaves {support} on {end} ({self.days_left} days)"


def judged_upstream(cloud: str) -> bool:
    """Whether the cloud's clusters are judged by upstream patch support (fleet builds none of them)."""
    return SERVICES.get(cloud) == UPSTREAM


def support(cloud: str, minor: str, as_of: dt.date) -> Support | None:
    row = release(cloud, minor)
    return None if row is None else Support(cloud, minor, as_of, row)


# How a cluster's minor may change in one step, per service. EKS: "you can update only one minor
# version at a time" and "You cannot downgrade" (EKS user guide, update-cluster.adoc). AKS, for a
# cluster without LTS (fleet's): "Upgrade one minor version at a time", except from a minor already
# out of support to the lowest supported one; "You can't downgrade the control plane"
# (supported-kubernetes-versions.md; upgrade-node-pools.md). GKE: the Kubernetes version skew policy
# keeps the API servers of a highly available control plane within one minor of each other
# (kubernetes.io/releases/version-skew-policy); GKE's downgrade rules are not modelled here.
DOWNGRADE_REFUSED = {"eks", "aks"}


def minor_number(minor: str) -> int:
    return int(minor.split(".")[1])


def lowest_supported(cloud: str, as_of: dt.date) -> str | None:
    """The oldest minor still in standard support on the cloud's service."""
    service = SERVICES.get(cloud)
    current = [r for r in rows() if r.service == service and r.end_of_standard > as_of]
    return min(current, key=lambda r: minor_number(r.minor)).minor if current else None


def path_problem(cloud: str, before: str, after: str, as_of: dt.date) -> str:
    """Why the cloud refuses to move a cluster from ``before`` to ``after`` in one change, or ""."""
    service = SERVICES.get(cloud)
    if service is None or service == UPSTREAM or before == after:
        return ""  # an existing cluster runs what its owner upgraded it to
    step = minor_number(after) - minor_number(before)
    if step < 0:
        if service in DOWNGRADE_REFUSED:
            return f"{service.upper()} cannot downgrade a cluster ({before} to {after}); build a new cluster instead"
        return ""
    if step > 1:
        old = support(cloud, before, as_of)
        if service == "aks" and old is not None and old.phase == "past" and after == lowest_supported(cloud, as_of):
            return ""  # out of support: AKS lets it go straight to the lowest supported minor
        between = f"1.{minor_number(before) + 1}"
        return (
            f"{service.upper()} upgrades a control plane one minor at a time ({before} to {after} skips {between}): "
            f"raise kubernetesVersion to {between} first"
        )
    return ""


# How many minors a node's kubelet may run behind its control plane (never ahead), per service.
# Upstream and EKS: three ("Starting from Kubernetes version 1.28, kubelet may be up to three minor
# versions older than kube-apiserver", EKS user guide update-cluster.adoc; kubernetes.io
# version-skew-policy). GKE: two ("up to two minor versions older than the control plane, but cannot
# be newer", GKE versioning page). AKS: two (upgrade-node-pools.md and the REST API's
# orchestratorVersion; supported-kubernetes-versions.md says three since 1.28: the lower is kept).
NODE_SKEW = {"upstream": 3, "eks": 3, "gke": 2, "aks": 2}
# EKS: "The Amazon EKS update-cluster-version API rejects requests until you upgrade all Amazon EKS
# managed nodes to the current cluster version" (troubleshooting.adoc).
NODES_MATCH_BEFORE_UPGRADE = {"eks"}


def node_problems(cloud: str, control_plane: str, nodes: dict[str, int]) -> list[str]:
    """What the service refuses or warns of nodes on other minors than their control plane's
    (``nodes``: kubelet minor -> how many nodes run it)."""
    service = SERVICES.get(cloud)
    if service is None:
        return []
    plane = minor_number(control_plane)
    found = []
    for minor, count in sorted(nodes.items(), key=lambda item: minor_number(item[0])):
        behind = plane - minor_number(minor)
        if behind < 0:
            found.append(
                f"{count} node(s) run {minor}, newer than the control plane's {control_plane}: a kubelet "
                "may never be newer than its API server"
            )
        elif behind > NODE_SKEW[service]:
            found.append(
                f"{count} node(s) run {minor}, {behind} minors behind the control plane's {control_plane}; "
                f"{'Kubernetes' if service == UPSTREAM else service.upper()} allows "
                f"{NODE_SKEW[service]}: upgrade them first"
            )
        elif behind > 0 and service in NODES_MATCH_BEFORE_UPGRADE:
            found.append(
                f"{count} node(s) run {minor} behind the control plane's {control_plane}: EKS refuses the "
                "next control-plane upgrade until every managed node runs its minor"
            )
    return found
