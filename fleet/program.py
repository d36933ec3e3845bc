"""The Pulumi program: read the spec, validate it whole, then declare the fleet.

Nothing is registered until the whole spec has validated; a bad spec stops the program with a
message for the person editing the stack file, never a traceback.
"""

from __future__ import annotations

import pulumi

from fleet.clusters import cluster_component
from fleet.clusters.contract import ClusterArgs, FleetCluster
from fleet.spec import Fleet, SpecError, from_config


def main() -> None:
    try:
        fleet = from_config(pulumi.Config("fleet").get("spec"))
    except SpecError as err:
        # RunError is reported by the CLI as a plain message, without a stack trace.
        raise pulumi.RunError(err.render()) from None
    build(fleet)


def build(fleet: Fleet) -> dict[str, FleetCluster]:
    spec = fleet.spec
    protect = spec.protects_data
    clusters: dict[str, FleetCluster] = {}
    for cluster in fleet.clusters:
        component = cluster_component(cluster.cloud)  # type: ignore[attr-defined]
        clusters[cluster.name] = component(
            cluster.name, ClusterArgs.of(spec, cluster, protect=protect, regime=cluster.residency)
        )

    pulumi.export(
        "inventory",
        {
            name: {
                "cloud": c.cloud,
                "region": c.region,
                "country": c.country,
                "endpoint": c.endpoint,
            }
            for name, c in clusters.items()
        },
    )
    pulumi.export("kubeconfigs", pulumi.Output.secret({name: c.kubeconfig for name, c in clusters.items()}))
    return clusters
