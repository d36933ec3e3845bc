"""Address plans derived from a cluster's node range (pure)."""

from __future__ import annotations

import ipaddress

ZONES = 3


def aws_subnets(node_cidr: str) -> tuple[list[str], list[str]]:
    """Three private subnets (three quarters of the range) and three small public ones.

    Nodes and pods (VPC CNI) live in the private subnets, so they get the bulk of the addresses;
    public subnets only hold NAT gateways and internet-facing load balancers.
    """
    quarters = list(ipaddress.IPv4Network(node_cidr).subnets(prefixlen_diff=2))
    private = [str(n) for n in quarters[:ZONES]]
    public = [str(n) for n in list(quarters[3].subnets(prefixlen_diff=2))[:ZONES]]
    return private, public


def azure_node_subnet(node_cidr: str) -> str:
    """Nodes take the first half of the VNet; the rest stays free for private endpoints."""
    return str(next(ipaddress.IPv4Network(node_cidr).subnets(prefixlen_diff=1)))


def dns_service_ip(service_cidr: str) -> str:
    """The cluster DNS address: by convention the tenth address of the service range."""
    return str(ipaddress.IPv4Network(service_cidr).network_address + 10)
