"""A cluster the fleet does not build: on-premises, or made by another team."""

from __future__ import annotations

import pulumi

from fleet.clusters.contract import ClusterArgs, FleetCluster
from fleet.spec.checks import kubeconfig_server


class ExistingCluster(FleetCluster):
    """An existing cluster, reached through the kubeconfig held in secret stack config.

    The fleet creates nothing of the cluster itself; it only deploys tenants and the cluster-wide
    tenant guardrails onto it. Its country and site are what the spec declares.
    """

    def __init__(self, name: str, args: ClusterArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__("fleet:clusters:ExistingCluster", name, args, opts)
        assert args.kubeconfig is not None  # the program reads and validates it before any resource exists
        self.finish(
            pulumi.Output.from_input(kubeconfig_server(args.kubeconfig)), pulumi.Output.from_input(args.kubeconfig)
        )
