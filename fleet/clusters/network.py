"""Address plans derived from a cluster's node range (pure)."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Sequence

ZONES = 3
# Azure names a region's availability zones "1", "2" and "3": every AKS pool spreads over all of them.
AZURE_ZONES = tuple(str(n) for n in range(1, ZONES + 1))
APISERVER_SUBNET_PREFIX = 28

# Zones where EKS cannot place a control plane (CreateCluster fails with
# UnsupportedAvailabilityZoneException). Zone IDs name the same physical zone in every account;
# zone names do not. https://docs.aws.amazon.com/eks/latest/userguide/network-reqs.html
EKS_UNSUPPORTED_ZONE_IDS = ("use1-az3", "usw1-az2", "cac1-az3")

_ZONE_NUMBER = re.compile(r"-az(\d+)$")


def aws_subnets(node_cidr: str) -> tuple[list[str], list[str]]:
    """Three private subnets (three quarters of the range) and three small public ones.

    Nodes and pods (VPC CNI) live in the private subnets, so they get the bulk of the addresses;
    public subnets only hold NAT gateways and internet-facing load balancers.
    """
    quarters = list(ipaddress.IPv4Network(node_cidr).subnets(prefixlen_diff=2))
    private = [str(n) for n in quarters[:ZONES]]
    public = [str(n) for n in list(quarters[3].subnets(prefixlen_diff=2))[:ZONES]]
    return private, public


def aws_zone_ids(
    region: str, zone_ids: Sequence[str], offerings: Iterable[tuple[str, str]], machine_types: Sequence[str]
) -> list[str]:
    """The zones an EKS cluster's subnets go in: the three lowest-numbered of ``zone_ids`` (the
    region's own Availability Zones, as AWS lists them for the account) where every machine type
    of the cluster's node pools is offered (``offerings``: (instance type, zone ID) pairs).

    A node group spans all three zones, so a zone without one of its types fails it; the lowest
    numbers are AWS's oldest zones, so a zone AWS adds later never displaces a chosen one.
    """
    offered: dict[str, set[str]] = {}
    for machine_type, zone in offerings:
        offered.setdefault(zone, set()).add(machine_type)
    usable = sorted(
        (z for z in zone_ids if z not in EKS_UNSUPPORTED_ZONE_IDS and set(machine_types) <= offered.get(z, set())),
        key=lambda z: (int(m.group(1)) if (m := _ZONE_NUMBER.search(z)) else 0, z),
    )
    if len(usable) < ZONES:
        raise ValueError(
            f"{region} has {len(usable)} Availability Zones that offer {', '.join(sorted(set(machine_types)))} "
            f"and support EKS ({', '.join(usable) or 'none'}); a cluster needs {ZONES}: choose machine types "
            "offered in more zones, or another region"
        )
    return usable[:ZONES]


def azure_node_subnet(node_cidr: str) -> str:
    """Nodes take the first half of the VNet; the rest stays free for private endpoints."""
    return str(next(ipaddress.IPv4Network(node_cidr).subnets(prefixlen_diff=1)))


def azure_apiserver_subnet(node_cidr: str) -> str:
    """The API server's delegated subnet: the first /28 of the VNet's free half, the smallest size
    API Server VNet Integration takes (learn.microsoft.com/azure/aks/api-server-vnet-integration)."""
    free = list(ipaddress.IPv4Network(node_cidr).subnets(prefixlen_diff=1))[1]
    return str(next(free.subnets(new_prefix=APISERVER_SUBNET_PREFIX)))


def dns_service_ip(service_cidr: str) -> str:
    """The cluster DNS address: by convention the tenth address of the service range."""
    return str(ipaddress.IPv4Network(service_cidr).network_address + 10)
