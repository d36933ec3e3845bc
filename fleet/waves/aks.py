"""The order in which Azure Kubernetes Fleet Manager updates the AKS clusters, from the upgrade waves
(fleet.core.waves.aks_stages)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pulumi
import pulumi_azure_native as azure_native
from pulumi_azure_native import containerservice, resources

from fleet.core.waves import AksStage, AzureFleetManager

STRATEGY = "waves"


@dataclass(frozen=True)
class AksUpgradesArgs:
    manager: AzureFleetManager
    members: Sequence[tuple[str, str, pulumi.Input[str]]]
    """This stack's waved AKS clusters: (name, wave, ARM resource ID, so a member waits for its cluster)."""
    create_manager: bool
    """This stack is the first wave's: it creates the resource group and the Fleet Manager."""
    strategy: Sequence[AksStage] | None
    """This stack is the last wave's: it writes the update strategy, after its own members join."""
    protect: bool = False


class AksFleetUpgrades(pulumi.ComponentResource):
    """This stack's part of the Fleet Manager that orders AKS updates by wave: its AKS clusters join
    as members whose ``group`` is their wave (the group "for multi-cluster update management"), and the
    update strategy ``waves`` runs one stage per wave, waiting the wave's soak after it (REST API
    2025-03-01, fleets/members and fleets/updateStrategies). Fleet Manager applies the strategy to the
    update runs that name it and to auto-upgrade profiles; fleet's minor raises are ordered by the
    review (fleet.review.waves), since every cluster pins its version (auto-upgrade channel ``none``).
    """

    def __init__(self, name: str, args: AksUpgradesArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__("fleet:waves:AksFleetUpgrades", name, None, opts)
        manager = args.manager
        provider = azure_native.Provider(
            f"{name}-azure",
            subscription_id=manager.subscription,
            location=manager.location,
            opts=pulumi.ResourceOptions(parent=self),
        )
        child = pulumi.ResourceOptions(parent=self, provider=provider)
        made: list[pulumi.Resource] = []
        if args.create_manager:
            group = resources.ResourceGroup(
                f"{name}-rg",
                resource_group_name=manager.resource_group,
                location=manager.location,
                opts=pulumi.ResourceOptions.merge(child, pulumi.ResourceOptions(protect=args.protect)),
            )
            # No hubProfile: a Fleet Manager without a hub cluster, which orchestrates updates and
            # runs no workloads of its own.
            made.append(
                containerservice.Fleet(
                    f"{name}-fleet",
                    fleet_name=manager.name,
                    resource_group_name=group.name,
                    location=manager.location,
                    opts=pulumi.ResourceOptions.merge(child, pulumi.ResourceOptions(protect=args.protect)),
                )
            )
        members = [
            containerservice.FleetMember(
                f"{name}-{cluster}",
                fleet_member_name=cluster,
                fleet_name=manager.name,
                resource_group_name=manager.resource_group,
                cluster_resource_id=resource_id,
                group=wave,
                opts=pulumi.ResourceOptions.merge(child, pulumi.ResourceOptions(depends_on=made)),
            )
            for cluster, wave, resource_id in args.members
        ]
        if args.strategy is not None:
            containerservice.FleetUpdateStrategy(
                f"{name}-{STRATEGY}",
                update_strategy_name=STRATEGY,
                fleet_name=manager.name,
                resource_group_name=manager.resource_group,
                strategy={
                    "stages": [
                        {"name": s.name, "groups": [{"name": s.name}], "after_stage_wait_in_seconds": s.wait_seconds}
                        for s in args.strategy
                    ]
                },
                opts=pulumi.ResourceOptions.merge(child, pulumi.ResourceOptions(depends_on=[*made, *members])),
            )
        self.register_outputs({"manager": manager.name, "members": [m[0] for m in args.members]})
