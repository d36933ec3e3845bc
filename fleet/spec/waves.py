"""`stacks/waves.yaml`: the project's upgrade waves, shared by every stack (fleet.core.waves).

    waves:
      - name: dev
        select: {environments: [dev]}
        soakDays: 3
      - name: staging
        select: {environments: [staging]}
        soakDays: 7
      - name: prod
        select: {environments: [prod, global]}

A cluster belongs to the first wave that selects it; one no wave selects is not ordered.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Literal

from pydantic import Field, StrictInt, ValidationError, field_validator

from fleet.core import catalog
from fleet.core.waves import AksUpgrades, AzureFleetManager, GkeFleet, Wave, aks_stages, gke_sequence, wave_of
from fleet.spec.errors import Problem, SpecError, from_validation_error
from fleet.spec.fleet import Fleet, gcp_project_owners
from fleet.spec.model import AzureCluster, GcpCluster, Labels, Model, azure_subscription, check_labels, dns_label
from fleet.spec.source import SourceError, key_path, read

FILE = "waves.yaml"


class WaveSelector(Model):
    """Which clusters the wave takes; every given condition must hold."""

    environments: tuple[str, ...] = ()
    """Only clusters of stacks whose ``environment`` is one of these; empty: any."""
    clouds: tuple[Literal["aws", "gcp", "azure"], ...] = ()
    """Only clusters on these clouds; empty: any."""
    labels: Labels
    """Only clusters whose ``labels`` include every one of these key/value pairs."""

    _labels = field_validator("labels")(classmethod(lambda cls, v: check_labels(v)))


class WaveSpec(Model):
    name: str
    """The wave's name, unique in the file: a DNS-1123 label."""
    select: WaveSelector = WaveSelector()
    """The clusters it takes. Empty: every cluster no earlier wave took."""
    soak_days: StrictInt = Field(default=0, ge=0, le=365)
    """How many days its clusters must run a minor before a later wave's cluster may move to it."""

    _name = field_validator("name")(classmethod(lambda cls, v: dns_label(v)))


class AzureFleetManagerSpec(Model):
    """Where the Azure Kubernetes Fleet Manager that sequences the AKS clusters lives (hubless: it
    orders updates, it runs no workloads). The stack of the first wave with AKS clusters creates it,
    in a resource group of its own; every stack joins its waved AKS clusters to it, each in the group
    of its wave; the stack of the last wave with AKS clusters writes the update strategy ``waves``,
    one stage per wave, once every earlier wave's members exist."""

    subscription: str
    """The subscription ID (a lowercase UUID) it is created in."""
    resource_group: str = Field(pattern=r"^[-\w.()]{0,89}[-\w()]$")
    """The resource group fleet creates for it: 1-90 letters, digits, ``_-.()``, not ending in ``.``."""
    name: str = Field(pattern=r"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")
    """The Fleet Manager's name: 1-63 lowercase letters, digits and ``-``."""
    location: str
    """The Azure region it is created in; it holds the members' names and resource IDs, no tenant data."""

    _subscription = field_validator("subscription", mode="before")(classmethod(lambda cls, v: azure_subscription(v)))

    @field_validator("location")
    @classmethod
    def _location(cls, value: str) -> str:
        found = catalog.lookup("azure", value)
        if found is None or not found.deployable:
            raise ValueError(
                f"{value!r} is not a region of Azure; {catalog.did_you_mean('azure', value)}run "
                "`fleet regions --cloud azure` for the list"
            )
        return found.name

    def manager(self) -> AzureFleetManager:
        return AzureFleetManager(self.subscription, self.resource_group, self.name, self.location)


class UpgradeWaves(Model):
    waves: tuple[WaveSpec, ...] = Field(min_length=1)
    """The waves in the order clusters take a new minor."""
    azure_fleet_manager: AzureFleetManagerSpec | None = None
    """Unset: AKS clusters are ordered by the review alone."""


def read_upgrades(stacks_dir: Path) -> UpgradeWaves | None:
    """The project's ``stacks/waves.yaml``, or None when it has none; SpecError naming the file, line
    and key of every problem."""
    path = stacks_dir / FILE
    if not path.is_file():
        return None
    try:
        source = read(path, "the upgrade waves file")
    except SourceError as err:
        raise SpecError([Problem(err.where, err.why)]) from None
    where = f"{path.parent.name}/{path.name}"
    try:
        parsed = UpgradeWaves.model_validate(source.data)
    except ValidationError as err:
        problems = []
        for p in from_validation_error(UpgradeWaves, err):
            key = p.path.removeprefix("fleet:spec").lstrip(".")
            line = source.line_of(key_path(p.path)) if key else 1
            problems.append(Problem(f"{where}:{line}: {key or '(top)'}", p.message))
        raise SpecError(problems) from None
    seen: dict[str, int] = {}
    for index, wave in enumerate(parsed.waves):
        if wave.name in seen:
            line = source.line_of(["waves", index, "name"])
            why = f"{wave.name!r} is already waves[{seen[wave.name]}]; wave names are unique"
            raise SpecError([Problem(f"{where}:{line}: waves[{index}].name", why)])
        seen[wave.name] = index
    return parsed


def waves_of(parsed: UpgradeWaves) -> tuple[Wave, ...]:
    return tuple(
        Wave(w.name, w.select.environments, w.select.clouds, dict(w.select.labels), w.soak_days) for w in parsed.waves
    )


def read_waves(stacks_dir: Path) -> tuple[Wave, ...] | None:
    """The project's waves, or None when it has no ``stacks/waves.yaml`` (read_upgrades)."""
    parsed = read_upgrades(stacks_dir)
    return None if parsed is None else waves_of(parsed)


def gke_fleets(
    waves: Sequence[Wave], fleets: Mapping[str, Fleet]
) -> tuple[dict[str, GkeFleet], list[str], dict[str, str]]:
    """The GKE rollout sequence the waves make of every stack's GKE clusters (fleet.core.waves): the
    fleets by project, why GKE would refuse it, and which stack creates each project's sequencing
    (fleet.spec.fleet.gcp_project_owners)."""
    placed: list[tuple[str, int | None]] = []
    for stack in sorted(fleets):
        fleet = fleets[stack]
        for cluster in fleet.deployed_clusters:
            if isinstance(cluster, GcpCluster):
                placed.append((cluster.project, wave_of(waves, fleet.spec.environment, cluster.cloud, cluster.labels)))
    sequence, problems = gke_sequence(waves, placed)
    return sequence, problems, gcp_project_owners(fleets)


def aks_upgrades(waves: Sequence[Wave], fleets: Mapping[str, Fleet], manager: AzureFleetManager) -> AksUpgrades:
    """The Fleet Manager sequence the waves make of every stack's AKS clusters (fleet.core.waves.aks_stages)."""
    placed: list[tuple[str, int | None]] = []
    seen: set[tuple[str, str | None]] = set()
    members: dict[str, list[tuple[str, str]]] = {}
    first: tuple[int, str] | None = None  # (wave, stack): the earliest wave, then the first stack by name
    last: tuple[int, str] | None = None  # (-wave, stack): the latest wave, then the first stack by name
    for stack in sorted(fleets):
        fleet = fleets[stack]
        for cluster in fleet.deployed_clusters:
            if not isinstance(cluster, AzureCluster):
                continue
            wave = wave_of(waves, fleet.spec.environment, cluster.cloud, cluster.labels)
            if (cluster.name, cluster.subscription) in seen:
                continue  # one cluster deployed by two stacks: checks.shared_clusters refuses that
            seen.add((cluster.name, cluster.subscription))
            placed.append((cluster.name, wave))
            if wave is None:
                continue
            members.setdefault(stack, []).append((cluster.name, waves[wave].name))
            # The first wave's stack creates the manager before any member joins; the last wave's writes
            # the strategy when every earlier wave's members (whose groups it names) exist.
            first = min(first or (wave, stack), (wave, stack))
            last = min(last or (-wave, stack), (-wave, stack))
    stages, problems = aks_stages(waves, placed)
    return AksUpgrades(
        manager, tuple(stages), {s: tuple(m) for s, m in members.items()}, first[1] if first else None,
        last[1] if last else None, problems,
    )  # fmt: skip
