"""Where each GCP project's logs are kept, decided across the project's stacks (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from fleet.spec.fleet import Fleet, gcp_project_owners
from fleet.spec.model import GcpCluster


@dataclass(frozen=True)
class ProjectLogPlan:
    project: str
    location: str  # the region of the project's first GKE cluster by name
    owner: str  # the first stack by name with GKE clusters in the project: it takes over the _Default sink


def project_logs(fleets: Mapping[str, Fleet]) -> dict[str, ProjectLogPlan]:
    """One plan per GCP project that holds GKE clusters of any stack: a project has one _Default
    sink, so exactly one stack may redirect it."""
    regions: dict[str, list[tuple[str, str]]] = {}  # project -> (cluster, region)
    for fleet in fleets.values():
        for cluster in fleet.deployed_clusters:
            if isinstance(cluster, GcpCluster):
                regions.setdefault(cluster.project, []).append((cluster.name, cluster.region))
    return {
        project: ProjectLogPlan(project, min(regions[project])[1], owner)
        for project, owner in gcp_project_owners(fleets).items()
    }
