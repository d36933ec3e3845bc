"""Cluster components, one per cloud, all with the contract in ``contract.FleetCluster``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pulumi

    from fleet.clusters.contract import ClusterArgs, FleetCluster

# (name, args, opts): every cluster component takes resource options (the program makes a cluster
# depend on the cloud guardrails that cover its account, project or subscription).
ClusterComponent = Callable[[str, "ClusterArgs", "pulumi.ResourceOptions | None"], "FleetCluster"]


def cluster_component(cloud: str) -> ClusterComponent:
    """The component class for a cloud, importing only that cloud's SDK modules."""
    if cloud == "aws":
        from fleet.clusters.eks import EksCluster

        return EksCluster
    if cloud == "gcp":
        from fleet.clusters.gke import GkeCluster

        return GkeCluster
    if cloud == "azure":
        from fleet.clusters.aks import AksCluster

        return AksCluster
    from fleet.clusters.existing import ExistingCluster

    return ExistingCluster
