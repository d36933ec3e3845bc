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

from fleet.core.waves import GkeFleet, Wave, gke_sequence, wave_of
from fleet.spec.errors import Problem, SpecError, from_validation_error
from fleet.spec.fleet import Fleet
from fleet.spec.model import GcpCluster, Labels, Model, check_labels, dns_label
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


class UpgradeWaves(Model):
    waves: tuple[WaveSpec, ...] = Field(min_length=1)
    """The waves in the order clusters take a new minor."""


def read_waves(stacks_dir: Path) -> tuple[Wave, ...] | None:
    """The project's waves, or None when it has no ``stacks/waves.yaml``; SpecError naming the file,
    line and key of every problem."""
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
    return tuple(
        Wave(w.name, w.select.environments, w.select.clouds, dict(w.select.labels), w.soak_days) for w in parsed.waves
    )


def gke_fleets(
    waves: Sequence[Wave], fleets: Mapping[str, Fleet]
) -> tuple[dict[str, GkeFleet], list[str], dict[str, str]]:
    """The GKE rollout sequence the waves make of every stack's GKE clusters (fleet.core.waves): the
    fleets by project, why GKE would refuse it, and which stack creates each project's sequencing
    (the first by name of those with GKE clusters there)."""
    placed: list[tuple[str, int | None]] = []
    owners: dict[str, str] = {}
    for stack in sorted(fleets):
        fleet = fleets[stack]
        for cluster in fleet.deployed_clusters:
            if isinstance(cluster, GcpCluster):
                placed.append((cluster.project, wave_of(waves, fleet.spec.environment, cluster.cloud, cluster.labels)))
                owners.setdefault(cluster.project, stack)
    sequence, problems = gke_sequence(waves, placed)
    return sequence, problems, owners
