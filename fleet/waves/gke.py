"""GKE's rollout sequence, from the upgrade waves (fleet.core.waves.gke_sequence)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pulumi
import pulumi_gcp as gcp
from pulumi_gcp import gkehub

from fleet.core.waves import GkeFleet


@dataclass(frozen=True)
class FleetUpgradesArgs:
    sequence: GkeFleet
    members: Sequence[pulumi.Resource]
    """The stack's clusters that join the fleet: the fleet exists once one has."""


class GkeFleetUpgrades(pulumi.ComponentResource):
    """The order in which GKE upgrades a project's fleet, from the upgrade waves (stacks/waves.yaml):
    the fleet feature ``clusterupgrade`` names the fleet of the wave before ("Currently, at most one
    upstream fleet is allowed. The fleet name should be either fleet project number or id.") and
    how long a finished rollout soaks here before the next fleet's starts ("Cannot exceed 30 days"),
    pulumi_gcp gkehub Feature, spec.clusterupgrade. GKE applies it to the upgrades it starts on its
    own: control-plane patches and the upgrades at a minor's end of support; fleet's minor raises are
    ordered by the review (fleet.review.waves).
    """

    def __init__(self, name: str, args: FleetUpgradesArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__("fleet:waves:GkeFleetUpgrades", name, None, opts)
        sequence = args.sequence
        provider = gcp.Provider(f"{name}-gcp", project=sequence.project, opts=pulumi.ResourceOptions(parent=self))
        self.feature = gkehub.Feature(
            f"{name}-clusterupgrade",
            name="clusterupgrade",
            location="global",
            project=sequence.project,
            spec={
                "clusterupgrade": {
                    "upstream_fleets": [sequence.upstream] if sequence.upstream else [],
                    "post_conditions": {"soaking": f"{sequence.soak_days * 86400}s"},
                }
            },
            opts=pulumi.ResourceOptions(parent=self, provider=provider, depends_on=args.members),
        )
        self.register_outputs({"project": sequence.project})
