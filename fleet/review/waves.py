"""Upgrade waves in the review: a cluster raised to a new minor before every cluster of the earlier
waves has run it for their soak time is held, with the day it may proceed (fleet.core.waves).

Each cluster's history comes from git: every commit of its stack file (or of the shared spec file
a shard stack names), read as it was then, and the working tree as of the review's day. As members
of an earlier wave only the ``clusters`` of a spec are read, not tenants' dedicated clusters (a
dedicated cluster raised in its own stack is held like any other).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from fleet.core import catalog
from fleet.core.calendar import minor_number
from fleet.core.waves import Member, Wave, gate, wave_of
from fleet.review.document import ClusterVersion
from fleet.spec import Fleet, SpecError
from fleet.spec.load import read_stack

CONFIG_KEY = "fleet:spec"


def _git(repo: Path, *args: str) -> str | None:
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=False)
    return result.stdout if result.returncode == 0 else None


def _spec_of(document: Any, inline: bool) -> dict[str, Any]:
    if inline:
        config = document.get("config") if isinstance(document, dict) else None
        document = config.get(CONFIG_KEY) if isinstance(config, dict) else None
    return document if isinstance(document, dict) else {}


def _versions(spec: dict[str, Any]) -> dict[str, str]:
    clusters = spec.get("clusters")
    return {
        c["name"]: str(c["kubernetesVersion"])
        for c in (clusters if isinstance(clusters, list) else [])
        if isinstance(c, dict) and isinstance(c.get("name"), str) and c.get("kubernetesVersion")
    }


def history(path: Path, inline: bool, as_of: dt.date) -> list[tuple[dt.date, dict[str, str]]]:
    """(commit day, cluster -> minor) for every commit of ``path``, oldest first, then the working tree."""
    found: list[tuple[dt.date, dict[str, str]]] = []
    repo = path.parent
    log = _git(repo, "log", "--format=%H %cI", "--", path.name) or ""
    for line in reversed(log.splitlines()):
        commit, when = line.split(" ", 1)
        text = _git(repo, "show", f"{commit}:./{path.name}")
        if text is None:
            continue
        try:
            document = yaml.safe_load(text)
        except yaml.YAMLError:
            continue
        found.append((dt.datetime.fromisoformat(when).astimezone(dt.UTC).date(), _versions(_spec_of(document, inline))))
    with contextlib.suppress(OSError, yaml.YAMLError):  # the file was read as a stack file already
        found.append((as_of, _versions(_spec_of(yaml.safe_load(path.read_text()), inline))))
    return found


def members(stacks_dir: Path, waves: Sequence[Wave], as_of: dt.date) -> list[Member]:
    """Every cluster fleet builds, of every stack file in ``stacks_dir``, in the wave that selects it."""
    found: list[Member] = []
    seen: set[tuple[Path, str]] = set()
    for path in sorted(stacks_dir.glob("Pulumi.*.yaml")):
        try:
            stack = read_stack(path)
        except SpecError:
            continue  # its own review reports it
        raw = stack.raw if isinstance(stack.raw, dict) else {}
        environment = str(raw.get("environment", ""))
        inline = stack.origin is None or stack.origin.source.path == path
        source = path if inline else stack.origin.source.path  # type: ignore[union-attr]
        name = path.name.removeprefix("Pulumi.").removesuffix(".yaml")
        past = history(source, inline, as_of)
        for cluster in raw.get("clusters") or []:
            if not isinstance(cluster, dict) or cluster.get("cloud") not in catalog.CLOUDS:
                continue
            key = (source, str(cluster.get("name")))
            if key in seen:
                continue  # the same spec file, another shard
            seen.add(key)
            labels: dict[str, str] = cluster["labels"] if isinstance(cluster.get("labels"), dict) else {}
            wave = wave_of(waves, environment, cluster["cloud"], labels)
            if wave is None:
                continue
            versions = tuple((day, v[key[1]]) for day, v in past if key[1] in v)
            found.append(Member(name, key[1], wave, versions))
    return found


def hold(
    found: Iterable[ClusterVersion], fleet: Fleet, waves: Sequence[Wave], stacks_dir: Path, as_of: dt.date
) -> tuple[ClusterVersion, ...]:
    """Each cluster with its wave; one raised to a newer minor before its wave may take it, held."""
    everyone: list[Member] | None = None
    result = []
    for version in found:
        cluster = fleet.cluster(version.cluster)
        index = wave_of(waves, fleet.spec.environment, cluster.cloud, cluster.labels)
        if index is None:
            result.append(version)
            continue
        version = replace(version, wave=waves[index].name)
        raised = version.before and minor_number(version.version) > minor_number(version.before)
        if raised and not version.refused:
            everyone = everyone if everyone is not None else members(stacks_dir, waves, as_of)
            others = [m for m in everyone if m.cluster != version.cluster]
            found_gate = gate(waves, others, index, version.version, as_of)
            if not found_gate.open:
                version = replace(version, held=found_gate.reason(version.version))
        result.append(version)
    return tuple(result)
