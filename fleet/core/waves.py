"""Upgrade waves: the order in which clusters across clouds and stacks take a Kubernetes minor.

A wave selects clusters (by environment, cloud and labels); each wave's clusters must have run a
minor for the wave's soak time before a later wave's cluster may move to it. No cloud's tool orders
upgrades across clouds (Azure Kubernetes Fleet Manager runs Kubernetes updates for AKS members
only, learn.microsoft.com/azure/kubernetes-fleet/concepts-member-cluster-types; GKE rollout
sequencing orders GKE clusters), so the review does it, from each stack file's git history: when a
cluster reached a minor is when its stack file first said so, in the run of commits that still
says so.

Pure: the history and the day are arguments.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from fleet.core.calendar import minor_number


@dataclass(frozen=True)
class Wave:
    name: str
    environments: tuple[str, ...] = ()
    clouds: tuple[str, ...] = ()
    labels: Mapping[str, str] = field(default_factory=dict)
    soak_days: int = 0

    def selects(self, environment: str, cloud: str, labels: Mapping[str, str]) -> bool:
        return (
            (not self.environments or environment in self.environments)
            and (not self.clouds or cloud in self.clouds)
            and all(labels.get(k) == v for k, v in self.labels.items())
        )


def wave_of(waves: Sequence[Wave], environment: str, cloud: str, labels: Mapping[str, str]) -> int | None:
    """The index of the first wave that selects the cluster; None: in no wave, not ordered."""
    return next((i for i, w in enumerate(waves) if w.selects(environment, cloud, labels)), None)


@dataclass(frozen=True)
class Member:
    """A cluster in a wave, with its stack file's history: (commit date, minor), oldest first."""

    stack: str
    cluster: str
    wave: int
    history: tuple[tuple[dt.date, str], ...]

    def reached(self, minor: str) -> dt.date | None:
        """Since when the cluster has been on ``minor`` or later without a break; None if it is not now."""
        since = None
        for day, version in self.history:
            on_it = minor_number(version) >= minor_number(minor)
            since = (since or day) if on_it else None
        return since


@dataclass(frozen=True)
class Gate:
    """Whether a cluster of wave ``wave`` may move to ``minor`` as of a day, and why not."""

    wave: str
    waiting_for: tuple[str, ...]  # "cluster (stack)" of earlier waves not on the minor yet
    proceed_on: dt.date | None  # the first day every earlier wave has soaked; None when one is not on it

    @property
    def open(self) -> bool:
        return not self.waiting_for and self.proceed_on is None

    def reason(self, minor: str) -> str:
        if self.waiting_for:
            return (
                f"wave {self.wave} takes {minor} only after the earlier waves: "
                f"{', '.join(self.waiting_for)} not on {minor} yet"
            )
        assert self.proceed_on is not None
        return (
            f"wave {self.wave} may take {minor} on {self.proceed_on.isoformat()}, when every cluster of the earlier "
            "waves has run it for its wave's soak time"
        )


def gate(waves: Sequence[Wave], members: Sequence[Member], wave: int, minor: str, as_of: dt.date) -> Gate:
    """The earlier waves' clusters must all be on ``minor`` and have run it for their wave's soak."""
    waiting: list[str] = []
    latest = as_of
    for member in members:
        if member.wave >= wave:
            continue
        since = member.reached(minor)
        if since is None:
            waiting.append(f"{member.cluster} ({member.stack})")
            continue
        latest = max(latest, since + dt.timedelta(days=waves[member.wave].soak_days))
    return Gate(waves[wave].name, tuple(waiting), latest if latest > as_of else None)


# GKE rollout sequencing (fleet feature "clusterupgrade"): a fleet is a project's; each names "at most
# one upstream fleet" and a soak that "Cannot exceed 30 days" (pulumi_gcp gkehub Feature,
# spec.clusterupgrade); "You can create a sequence of up to five groups of clusters" (GKE how-to,
# Manage upgrades with rollout sequencing); each wave with GKE clusters is one group of it.
GKE_MAX_SOAK_DAYS = 30
GKE_MAX_FLEETS = 5


@dataclass(frozen=True)
class GkeFleet:
    """A project's fleet in the GKE rollout sequence the waves make."""

    project: str
    wave: int
    upstream: str | None  # the project of the nearest earlier wave with GKE clusters
    soak_days: int


def gke_sequence(
    waves: Sequence[Wave], placed: Sequence[tuple[str, int | None]]
) -> tuple[dict[str, GkeFleet], list[str]]:
    """The fleets GKE sequences, by project, from each GKE cluster's (project, wave index or None),
    and why GKE would refuse the sequence (a project in two waves, two upstream fleets, too many)."""
    waves_of: dict[str, set[int | None]] = {}
    for project, wave in placed:
        waves_of.setdefault(project, set()).add(wave)
    problems = []
    for project, found in sorted(waves_of.items()):
        if len(found) > 1:
            names = sorted(waves[w].name if w is not None else "(no wave)" for w in found)
            problems.append(
                f"GCP project {project} holds GKE clusters of waves {', '.join(names)}; GKE rollout sequencing "
                "orders fleets, one per project: give each wave's GKE clusters their own project"
            )
    by_wave: dict[int, list[str]] = {}  # the projects each wave alone holds
    for project, found in waves_of.items():
        only = next(iter(found)) if len(found) == 1 else None
        if only is not None:
            by_wave.setdefault(only, []).append(project)
    fleets: dict[str, GkeFleet] = {}
    upstream: list[str] = []
    for wave in sorted(by_wave):
        projects = sorted(by_wave[wave])
        if waves[wave].soak_days > GKE_MAX_SOAK_DAYS:
            problems.append(
                f"wave {waves[wave].name} soaks {waves[wave].soak_days} days; GKE rollout sequencing soaks a fleet "
                f"at most {GKE_MAX_SOAK_DAYS}"
            )
        if len(upstream) > 1:
            problems.append(
                f"wave {waves[wave].name}'s GKE fleets would follow {len(upstream)} fleets of the wave before "
                f"({', '.join(upstream)}); a GKE fleet takes at most one upstream fleet: put that wave's GKE "
                "clusters in one project"
            )
        for project in projects:
            fleets[project] = GkeFleet(
                project, wave, upstream[0] if len(upstream) == 1 else None, waves[wave].soak_days
            )
        upstream = projects
    if len(by_wave) > GKE_MAX_FLEETS:
        problems.append(
            f"{len(by_wave)} waves hold GKE clusters, a GKE rollout sequence of {len(by_wave)} groups; GKE takes at "
            f"most {GKE_MAX_FLEETS}"
        )
    return fleets, problems


# Azure Kubernetes Fleet Manager (REST API 2025-03-01, Microsoft.ContainerService/fleets): an update
# strategy's stages run one after another, waiting `afterStageWaitInSeconds` after each ("The time in
# seconds to wait at the end of this stage before starting the next one"); a stage's groups name the
# `group` of fleet members ("It must match a group name of an existing fleet member"). Stage, group
# and member names are 1-50 characters of ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$.
AKS_NAME_MAX = 50


@dataclass(frozen=True)
class AksStage:
    """A wave with AKS clusters as a Fleet Manager update stage: one group, named as the wave."""

    name: str
    wait_seconds: int  # the wave's soak, before the next stage starts; 0 after the last


def aks_stages(waves: Sequence[Wave], placed: Sequence[tuple[str, int | None]]) -> tuple[list[AksStage], list[str]]:
    """The update stages the waves make of the AKS clusters (cluster name, wave index or None), in
    wave order, and why Fleet Manager would refuse them (a name too long, a member name twice)."""
    problems = []
    seen: set[str] = set()
    for cluster, wave in placed:
        if wave is None:
            continue
        if cluster in seen:
            problems.append(
                f"AKS cluster name {cluster} is used by two stacks; Fleet Manager names each member once: "
                "rename one of them"
            )
        seen.add(cluster)
        if len(cluster) > AKS_NAME_MAX:
            problems.append(
                f"AKS cluster {cluster} is {len(cluster)} characters; a Fleet Manager member name is at most "
                f"{AKS_NAME_MAX}: shorten the cluster's name"
            )
    held = sorted({wave for _, wave in placed if wave is not None})
    for wave in held:
        if len(waves[wave].name) > AKS_NAME_MAX:
            problems.append(
                f"wave {waves[wave].name} is {len(waves[wave].name)} characters; a Fleet Manager stage and group "
                f"name is at most {AKS_NAME_MAX}: shorten the wave's name"
            )
    stages = [
        AksStage(waves[wave].name, waves[wave].soak_days * 86400 if i < len(held) - 1 else 0)
        for i, wave in enumerate(held)
    ]
    return stages, problems


@dataclass(frozen=True)
class AzureFleetManager:
    subscription: str
    resource_group: str
    name: str
    location: str


@dataclass(frozen=True)
class AksUpgrades:
    """Every stack's part of the Fleet Manager sequence the waves make."""

    manager: AzureFleetManager
    stages: tuple[AksStage, ...]
    members: Mapping[str, tuple[tuple[str, str], ...]]  # by stack: (cluster, wave name)
    creates_manager: str | None  # the stack of the first wave with AKS clusters
    writes_strategy: str | None  # the stack of the last one
    problems: Sequence[str]
