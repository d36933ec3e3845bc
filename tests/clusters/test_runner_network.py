"""The deploy runners' way into private EKS and AKS clusters, created in the same `pulumi up` as
the cluster networks: a transit gateway attachment and routes per private EKS VPC, a peering in
each direction per private AKS VNet, the Kubernetes provider waiting for them, and the spec
refusing a private cluster whose runners' network it cannot name."""

from __future__ import annotations

import re
from typing import Any

import pytest

from fleet.clusters import aks
from fleet.review.mocks import SUBSCRIPTION
from fleet.review.render import Rendering, Resource
from fleet.spec import SpecError
from fleet.spec.model import VIRTUAL_NETWORK_ID, AzureCluster, ClusterBase
from tests.clusters.test_eks import before, eks_clusters, one
from tests.conftest import STACKS, fleet_of, raw_spec, rendered

ATTACHMENT = "aws:ec2transitgateway/vpcAttachment:VpcAttachment"
ROUTE = "aws:ec2/route:Route"
PEERING = "azure-native:network:VirtualNetworkPeering"
# Stacks whose runners reach private endpoints through networks the program connects, by cloud
# (global-us has no AKS cluster).
PRIVATE_STACKS = {"prod": {"aws", "azure"}, "global-eu": {"aws", "azure"}, "global-us": {"aws"}}


def runner_routes(children: dict[str, list[Resource]]) -> list[Resource]:
    return [r for r in children.get(ROUTE, []) if r.inputs.get("transitGatewayId")]


def reaches_runners(stack: str, cluster: ClusterBase) -> bool:
    spec = fleet_of(stack).spec
    endpoint = spec.api_endpoint(cluster)
    return endpoint.access == "private" and not endpoint.dns_endpoint and spec.deployer.private_network is not None


def test_the_private_stacks_have_private_eks_and_aks_clusters_and_the_others_none() -> None:
    # What the tests below cover: without this, an empty loop would pass them.
    for stack in STACKS:
        clusters = [c for c in fleet_of(stack).deployed_clusters if isinstance(c, ClusterBase)]
        connected = {c.cloud for c in clusters if c.cloud in ("aws", "azure") and reaches_runners(stack, c)}
        assert connected == PRIVATE_STACKS.get(stack, set()), stack


# --- EKS: transit gateway attachment and routes --------------------------------------------------


def test_every_private_eks_vpc_is_attached_to_its_regions_gateway(stack: str) -> None:
    deployer = fleet_of(stack).spec.deployer
    for spec, children in eks_clusters(stack):
        attachments = children.get(ATTACHMENT, [])
        if not reaches_runners(stack, spec):
            assert attachments == [] and runner_routes(children) == [], spec.name
            continue
        [attachment] = attachments
        vpc = one(children, "aws:ec2/vpc:Vpc")
        private = {s.outputs["id"] for s in children["aws:ec2/subnet:Subnet"] if "-private-" in s.name}
        assert len(private) == 3
        assert attachment.inputs["transitGatewayId"] == deployer.aws.transit_gateways[spec.region]  # type: ignore[union-attr]
        assert attachment.inputs["vpcId"] == vpc.outputs["id"]
        # One subnet per zone, the private ones, where the endpoint's interfaces are.
        assert set(attachment.inputs["subnetIds"]) == private
        assert len(attachment.inputs["subnetIds"]) == 3
        assert set(one(children, "aws:eks/cluster:Cluster").inputs["vpcConfig"]["subnetIds"]) == private
        # Shared gateways: the route table flags belong to the gateway's owner (left unset).
        assert not {"transitGatewayDefaultRouteTableAssociation", "transitGatewayDefaultRouteTablePropagation"} & set(
            attachment.inputs
        )


def test_every_private_route_table_sends_the_runners_range_to_the_gateway(stack: str) -> None:
    deployer = fleet_of(stack).spec.deployer
    for spec, children in eks_clusters(stack):
        if not reaches_runners(stack, spec):
            continue
        attachment = one(children, ATTACHMENT)
        tables = {t.name: t.outputs["id"] for t in children["aws:ec2/routeTable:RouteTable"]}
        private_tables = {tid for name, tid in tables.items() if "-private-" in name}
        routes = runner_routes(children)
        assert len(routes) == 3
        assert {r.inputs["routeTableId"] for r in routes} == private_tables
        for route in routes:
            assert route.inputs["destinationCidrBlock"] == deployer.private_network
            assert route.inputs["transitGatewayId"] == deployer.aws.transit_gateways[spec.region]  # type: ignore[union-attr]
            # CreateRoute to a gateway the VPC is not attached to yet fails: after the attachment.
            assert attachment.urn in route.dependencies


def test_the_kubernetes_provider_waits_for_the_attachment_and_routes(stack: str) -> None:
    rendering = rendered(stack)
    for spec, children in eks_clusters(stack):
        if not reaches_runners(stack, spec):
            continue
        waits = before(rendering, one(children, "pulumi:providers:kubernetes"))
        assert one(children, ATTACHMENT).urn in waits
        assert {r.urn for r in runner_routes(children)} <= waits


# --- AKS: peerings in both directions -------------------------------------------------------------


def aks_children(rendering: Rendering, cluster: str) -> dict[str, list[Resource]]:
    component = next(r for r in rendering.resources if r.type == "fleet:clusters:AksCluster" and r.name == cluster)
    children: dict[str, list[Resource]] = {}
    for resource in rendering.resources:
        if resource.parent == component.urn:
            children.setdefault(resource.type, []).append(resource)
    return children


def azure_clusters(stack: str) -> list[AzureCluster]:
    return [c for c in fleet_of(stack).deployed_clusters if isinstance(c, AzureCluster)]


ONLY_THESE_TWO = {
    "allowVirtualNetworkAccess": True,
    "allowForwardedTraffic": False,
    "allowGatewayTransit": False,
    "useRemoteGateways": False,
}


def test_every_private_aks_vnet_is_peered_with_the_runners_both_ways(stack: str) -> None:
    rendering = rendered(stack)
    runner_id = (fleet_of(stack).spec.deployer.azure or pytest.fail("no deployer.azure")).runner_virtual_network_id
    by_urn = rendering.by_urn()
    for cluster in azure_clusters(stack):
        children = aks_children(rendering, cluster.name)
        peerings = {p.name.removeprefix(cluster.name + "-"): p for p in children.get(PEERING, [])}
        if not reaches_runners(stack, cluster):
            assert peerings == {}, cluster.name
            continue
        assert runner_id is not None
        runner = VIRTUAL_NETWORK_ID.match(runner_id)
        assert runner is not None
        assert set(peerings) == {"to-runners", "from-runners"}
        vnet = one(children, "azure-native:network:VirtualNetwork")
        outbound, inbound = peerings["to-runners"], peerings["from-runners"]
        assert (outbound.inputs["resourceGroupName"], outbound.inputs["virtualNetworkName"]) == (
            vnet.inputs["resourceGroupName"],
            vnet.inputs["virtualNetworkName"],
        )
        assert outbound.inputs["remoteVirtualNetwork"] == {"id": runner_id}
        assert (inbound.inputs["resourceGroupName"], inbound.inputs["virtualNetworkName"]) == (
            runner["group"],
            runner["name"],
        )
        assert inbound.inputs["remoteVirtualNetwork"] == {"id": vnet.outputs["id"]}
        names = aks.peering_names(cluster.name, cluster.subscription or SUBSCRIPTION, runner_id)
        assert (outbound.inputs["virtualNetworkPeeringName"], inbound.inputs["virtualNetworkPeeringName"]) == names
        for peering in (outbound, inbound):
            assert {k: peering.inputs.get(k) for k in ONLY_THESE_TWO} == ONLY_THESE_TWO
            # Azure sets these; as inputs they would show as a change after every refresh.
            assert not {"peeringState", "peeringSyncLevel", "syncRemoteAddressSpace"} & set(peering.inputs)
            # A peering PUT fails while a subnet PUT is updating either VNet: it waits for the
            # VNet's last subnet, which follows the nodes' subnet.
            assert one(children, "azure-native:network:Subnet", f"{cluster.name}-apiserver").urn in peering.dependencies
        # The runners' side is written in the runners' subscription, with its own provider.
        assert by_urn[outbound.provider or ""].name == f"{cluster.name}-azure"
        runner_provider = by_urn[inbound.provider or ""]
        assert runner_provider.name == f"{cluster.name}-runner-network"
        assert runner_provider.inputs["subscriptionId"] == runner["subscription"]


def test_the_kubernetes_provider_waits_for_both_peerings(stack: str) -> None:
    rendering = rendered(stack)
    for cluster in azure_clusters(stack):
        if not reaches_runners(stack, cluster):
            continue
        children = aks_children(rendering, cluster.name)
        provider = next(r for r in children["pulumi:providers:kubernetes"])
        assert {p.urn for p in children[PEERING]} <= set(provider.dependencies)


PEERING_NAME = re.compile(r"^[A-Za-z0-9]([-\w.]{0,78}\w)?$")  # resource-name-rules: 1-80


@pytest.mark.parametrize("cluster", ["a", "prod-azure-gwc", "z" * 63])
@pytest.mark.parametrize("vnet", ["ab", "runners-prod", "r" * 64])
def test_peering_names_fit_and_name_their_remote(cluster: str, vnet: str) -> None:
    runner_id = (
        f"/subscriptions/{SUBSCRIPTION}/resourceGroups/network/providers/Microsoft.Network/virtualNetworks/{vnet}"
    )
    outbound, inbound = aks.peering_names(cluster, SUBSCRIPTION, runner_id)
    assert PEERING_NAME.match(outbound) and PEERING_NAME.match(inbound), (outbound, inbound)
    assert len(outbound) <= 80 and len(inbound) <= 80
    assert aks.peering_names(cluster, SUBSCRIPTION, runner_id) == (outbound, inbound)  # deterministic
    other_vnet = runner_id.replace("/network/", "/network-2/")
    assert aks.peering_names(cluster, SUBSCRIPTION, other_vnet)[0] != outbound
    assert aks.peering_names(cluster, "another-subscription", runner_id)[1] != inbound


# --- the spec ---------------------------------------------------------------------------------


def problems(spec: dict[str, Any], stack: str = "prod") -> list[str]:
    with pytest.raises(SpecError) as caught:
        fleet_of(stack, spec)
    return [str(p) for p in caught.value.problems]


def test_a_private_eks_region_without_a_gateway_is_refused() -> None:
    spec = raw_spec("prod")
    del spec["deployer"]["aws"]["transitGateways"]["eu-west-3"]
    assert problems(spec) == [
        "fleet:spec.deployer.aws.transitGateways: no transit gateway for eu-west-3, where EKS cluster(s) "
        "'prod-aws-euw3' have a private API endpoint: the runners in privateNetwork 10.250.0.0/24 would have no "
        "route into their VPCs; add eu-west-3: tgw-..., the gateway in eu-west-3 that the runners' network is "
        "attached to"
    ]


def test_a_dedicated_clusters_region_needs_a_gateway_too() -> None:
    spec = raw_spec("prod")
    del spec["deployer"]["aws"]["transitGateways"]["eu-north-1"]  # only the ledger tenant's cluster is there
    [found] = problems(spec)
    assert "no transit gateway for eu-north-1, where EKS cluster(s) 'ledger-dedicated-2'" in found


def test_gateways_are_keyed_by_catalogued_aws_regions() -> None:
    spec = raw_spec("global-eu")
    gateways = spec["deployer"]["aws"]["transitGateways"]
    gateways["eu-west-9"] = gateways["eu-west-1"]
    gateways["Europe (Frankfurt)"] = gateways["eu-central-1"]
    assert problems(spec, "global-eu") == [
        # eu-west-1, -2 and -3 are in Ireland, Britain and France: a residency tool suggests none of them.
        "fleet:spec.deployer.aws.transitGateways.eu-west-9: 'eu-west-9' is not a region of AWS; the regions spelled "
        "nearest to it are in different countries (eu-west-1 in IE, eu-west-2 in GB, eu-west-3 in FR), so none is "
        "suggested; key each transit gateway by the region it is in (`fleet regions --cloud aws` lists them)",
        "fleet:spec.deployer.aws.transitGateways.Europe (Frankfurt): 'Europe (Frankfurt)' is not a region of AWS; "
        "did you mean 'eu-central-1' (Europe (Frankfurt)), in DE? key each transit gateway by the region it is in "
        "(`fleet regions --cloud aws` lists them)",
    ]


@pytest.mark.parametrize("value", ["tgw-123", "tgw-0A3C5E7F9B1D24680", "tgw-attach-0a3c5e7f9b1d24680", "0a3c5e7f"])
def test_a_gateway_id_is_tgw_and_hex_digits(value: str) -> None:
    spec = raw_spec("global-eu")
    spec["deployer"]["aws"]["transitGateways"]["eu-west-1"] = value
    assert problems(spec, "global-eu") == [
        f"fleet:spec.deployer.aws.transitGateways.eu-west-1: {value!r} is not a transit gateway ID; write tgw- and "
        "its 8 or 17 hex digits, as `aws ec2 describe-transit-gateways` shows it (a tgw-attach-... is an "
        "attachment, not the gateway)"
    ]


def test_both_gateway_id_lengths_are_accepted() -> None:
    spec = raw_spec("global-eu")
    spec["deployer"]["aws"]["transitGateways"]["eu-west-1"] = "tgw-0a1b2c3d"
    fleet_of("global-eu", spec)


def test_private_aks_clusters_need_the_runners_vnet() -> None:
    spec = raw_spec("prod")
    del spec["deployer"]["azure"]["runnerVirtualNetworkId"]
    assert problems(spec) == [
        "fleet:spec.deployer.azure.runnerVirtualNetworkId: required: AKS cluster(s) 'prod-azure-gwc', "
        "'prod-azure-noe' have a private API endpoint, which the runners in privateNetwork 10.250.0.0/24 reach "
        "only through a peering with their virtual network; add its ARM ID (/subscriptions/<subscription id>/"
        "resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<name>)"
    ]


def test_restricted_clusters_need_no_runner_network() -> None:
    # dev and staging reach restricted public endpoints through the runners' static egress.
    for stack in ("dev", "staging"):
        assert fleet_of(stack).spec.deployer.private_network is None
        fleet_of(stack, raw_spec(stack))


@pytest.mark.parametrize(
    ("value", "why"),
    [
        (
            "/subscriptions/6f1d2c3b-8e4a-4f7b-9c05-1a2b3c4d5e6f/resourcegroups/network-runners/providers/"
            "microsoft.network/virtualnetworks/runners-prod",
            "is a virtual network ID in another casing",
        ),
        (
            "/subscriptions/6F1D2C3B-8E4A-4F7B-9C05-1A2B3C4D5E6F/resourceGroups/network-runners/providers/"
            "Microsoft.Network/virtualNetworks/runners-prod",
            "is a virtual network ID in another casing",
        ),
        ("runners-prod", "is not the ARM ID of a virtual network"),
        (
            "/subscriptions/6f1d2c3b-8e4a-4f7b-9c05-1a2b3c4d5e6f/resourceGroups/network-runners/providers/"
            "Microsoft.Network/virtualNetworks/runners-prod/subnets/runners",
            "is not the ARM ID of a virtual network",
        ),
        (
            "/subscriptions/6f1d2c3b-8e4a-4f7b-9c05-1a2b3c4d5e6f/resourceGroups/network-runners/providers/"
            "Microsoft.Network/virtualNetworks/-runners",
            "is not the ARM ID of a virtual network",
        ),
    ],
)
def test_the_runners_vnet_is_an_arm_id_as_azure_writes_it(value: str, why: str) -> None:
    spec = raw_spec("prod")
    spec["deployer"]["azure"]["runnerVirtualNetworkId"] = value
    [found] = problems(spec)
    # Long values are quoted cut to 80 characters (fleet.spec.errors.bounded).
    assert found.startswith(f"fleet:spec.deployer.azure.runnerVirtualNetworkId: {value[:79]!r}"[:-1])
    assert f"' {why}" in found


def test_the_runners_region_is_named_among_the_gateways() -> None:
    # Issue 24: with gateways in several regions, which one the runners hang off decides every route.
    spec = raw_spec("prod")
    del spec["deployer"]["aws"]["runnerRegion"]
    assert problems(spec) == [
        "fleet:spec.deployer.aws.runnerRegion: is missing; name the region of eu-central-1, eu-central-2, "
        "eu-north-1, eu-west-3, us-east-1 whose gateway the runners' network is attached to (the others reach "
        "it through peerings, whose static routes `fleet preflight` lists)"
    ]
    spec["deployer"]["aws"]["runnerRegion"] = "eu-west-1"
    assert problems(spec)[0].startswith(
        "fleet:spec.deployer.aws.runnerRegion: 'eu-west-1' has no transit gateway in transitGateways; name the region"
    )
