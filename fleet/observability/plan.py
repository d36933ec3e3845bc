"""Where each GCP project's logs are kept, decided across the project's stacks (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from fleet.spec.fleet import Fleet
from fleet.spec.model import GcpCluster


@dataclass(frozen=True)
class ProjectLogPlan:
    project: str
    location: str  # the region of the project's first GKE cluster by name
    owner: str  # the first stack by name with GKE clusters in the project: it takes over the _Default sink


def project_logs(fleets: Mapping[str, Fleet]) -> dict[str, ProjectLogPlan]:
    """One plan per GCP project that holds GKE clusters of any stack: a project has one _Default
    sink, so exactly one stack may redirect it."""
    clusters: dict[str, list[tuple[str, str, str]]] = {}
    for stack in sorted(fleets):
        for cluster in fleets[stack].deployed_clusters:
            if isinstance(cluster, GcpCluster):
                clusters.setdefault(cluster.project, []).append((cluster.name, cluster.region, stack))
    return {
        project: ProjectLogPlan(project, min(found)[1], min(stack for _, _, stack in found))
        for project, found in clusters.items()
    }
