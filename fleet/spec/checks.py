"""Checks that span more than one key: run after the structure parsed, all problems at once."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator

from fleet import catalog
from fleet.spec.errors import ROOT, Problem, join
from fleet.spec.model import FleetSpec

MACHINE_TYPE = {
    "aws": (re.compile(r"^[a-z][a-z0-9-]*\.[a-z0-9]+$"), "an EC2 instance type such as m7i.xlarge"),
    "gcp": (re.compile(r"^[a-z][a-z0-9]*-[a-z0-9-]+$"), "a Compute Engine machine type such as n2-standard-4"),
    "azure": (re.compile(r"^Standard_[A-Za-z0-9_]+$"), "an Azure VM size such as Standard_D4s_v5"),
}

AKS_POOL_NAME = re.compile(r"^[a-z][a-z0-9]{0,11}$")


def check(spec: FleetSpec) -> list[Problem]:
    return [*_clusters(spec), *_duplicate_names(spec), *_overlapping_node_ranges(spec)]


def _clusters(spec: FleetSpec) -> Iterator[Problem]:
    for index, cluster in enumerate(spec.clusters):
        at = join(ROOT, "clusters", index)
        title = catalog.CLOUD_TITLES[cluster.cloud]
        if cluster.cloud == "aws" and cluster.network.pod_cidr is not None:
            yield Problem(
                join(at, "network", "podCidr"),
                f"{cluster.network.pod_cidr!r} is not used on EKS: pods take VPC addresses (VPC CNI); remove podCidr",
            )
        if cluster.cloud != "aws" and cluster.network.pod_cidr is None:
            yield Problem(
                join(at, "network", "podCidr"),
                f"required on {title}: the range pods get addresses from; add e.g. podCidr: 10.64.0.0/14",
            )
        pattern, example = MACHINE_TYPE[cluster.cloud]
        for pool_index, pool in enumerate(cluster.node_pools):
            if cluster.cloud == "azure" and not AKS_POOL_NAME.match(pool.name):
                yield Problem(
                    join(at, "nodePools", pool_index, "name"),
                    f"{pool.name!r} is not a valid AKS node pool name; use 1-12 lowercase letters "
                    "and digits, starting with a letter",
                )
            if not pattern.match(pool.machine_type):
                yield Problem(
                    join(at, "nodePools", pool_index, "machineType"),
                    f"{pool.machine_type!r} is not {example} ({title})",
                )


def _duplicate_names(spec: FleetSpec) -> Iterator[Problem]:
    first: dict[str, int] = {}
    for index, cluster in enumerate(spec.clusters):
        if cluster.name in first:
            yield Problem(
                join(ROOT, "clusters", index, "name"),
                f"{cluster.name!r} is already the name of clusters[{first[cluster.name]}]; "
                "cluster names must be unique",
            )
        else:
            first[cluster.name] = index


def _overlapping_node_ranges(spec: FleetSpec) -> Iterator[Problem]:
    # Sweep over ranges sorted by start address: O(n log n), so a 1,000-cluster fleet pays
    # nothing noticeable. Each overlapping range is reported once, against the earlier range
    # that reaches furthest.
    ranges = sorted((ipaddress.IPv4Network(c.network.node_cidr), index) for index, c in enumerate(spec.clusters))
    reach: tuple[ipaddress.IPv4Network, int] | None = None
    for network, index in ranges:
        if reach is not None and network.network_address <= reach[0].broadcast_address:
            other = spec.clusters[reach[1]]
            yield Problem(
                join(ROOT, "clusters", index, "network", "nodeCidr"),
                f"{str(network)!r} overlaps {other.network.node_cidr} of cluster {other.name!r}; "
                "node ranges must be disjoint so clusters can be peered",
            )
        if reach is None or network.broadcast_address > reach[0].broadcast_address:
            reach = (network, index)
