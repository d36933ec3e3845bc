"""The kinds of cluster fleet knows, one module each (``aws``, ``gcp``, ``azure``, ``existing``), every
fact about a kind stated in its module and read from there by the spec checks, the components, the
evidence and the policy pack. A fifth kind is a module here and a component in fleet/clusters/."""

from __future__ import annotations

from fleet.core.kinds import aws, azure, existing, gcp
from fleet.core.kinds.base import Kind

KINDS: dict[str, Kind] = {k.name: k for k in (aws.KIND, gcp.KIND, azure.KIND, existing.KIND)}
BUILT: tuple[Kind, ...] = tuple(k for k in KINDS.values() if k.built)
BY_PACKAGE: dict[str, Kind] = {k.provider_package: k for k in BUILT if k.provider_package}
BY_CLUSTER_TYPE: dict[str, Kind] = {k.cluster_type: k for k in BUILT if k.cluster_type}
TITLES: dict[str, str] = {k.name: k.title for k in KINDS.values()}
NODE_POOL_TYPES: frozenset[str] = frozenset(t for k in BUILT for t in k.node_pool_types)
NETWORK_TYPES: frozenset[str] = frozenset(t for k in BUILT for t in k.network_types)


def kind(name: str) -> Kind:
    """The kind a spec's ``cloud:`` names (the spec refuses any other value before this is asked)."""
    return KINDS[name]


__all__ = [
    "BUILT",
    "BY_CLUSTER_TYPE",
    "BY_PACKAGE",
    "KINDS",
    "NETWORK_TYPES",
    "NODE_POOL_TYPES",
    "TITLES",
    "Kind",
    "kind",
]
