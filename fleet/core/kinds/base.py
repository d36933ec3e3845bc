"""What fleet knows of one kind of cluster, stated once (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Kind:
    """One value of a cluster's ``cloud:`` in the spec, and every fact about it fleet uses."""

    name: str
    """The spec's ``cloud:`` value."""
    title: str
    """How messages name it."""
    located_by: Literal["catalogue", "declared"]
    """Where a cluster's country comes from: its region in the region catalogue, or the spec's ``country:``."""
    component_type: str
    """The type token of fleet's cluster component for this kind (``fleet:clusters:...``)."""
    provider_package: str | None = None
    """The Pulumi package of the cloud's resources; None for clusters fleet does not build."""
    cluster_type: str | None = None
    """The provider's type token of the cluster resource fleet creates."""
    max_cluster_name: int | None = None
    """The longest cluster name the cloud, and the names fleet derives from it, accept."""
    max_pool_name: int | None = None
    """The longest node pool name, where a length is the only rule."""
    pool_name: re.Pattern[str] | None = None
    pool_name_rule: str = ""
    """Where a node pool name has a stricter form, the pattern and how to say it."""
    machine_type: re.Pattern[str] | None = None
    machine_type_example: str = ""
    identity: str | None = None
    """How the cloud's Kubernetes authentication names a group, as the key of the spec's
    ``identity.groups`` mapping; None when RBAC names the group as the spec writes it."""
    scope: str | None = None
    """The spec key of where a cluster is deployed (its account, project or subscription), which a
    cloud location guardrail covers; None for kinds without one."""
    scope_word: str = ""
    guardrail: str | None = None
    """The kind of cloud location guardrail (fleet.core.guardrails) the cloud has, if any."""
    no_pod_cidr: str = ""
    """Why clusters of this kind take no pod address range of their own; empty: they need one."""
    role_partitions: bool = False
    """A region's catalogue scope is an ARN partition, and the roles the spec names for the kind
    (deployer, groups) must be of the clusters' partition: ARNs do not cross partitions."""
    max_authorized_cidrs: int | None = None
    """The most source ranges the cloud's public API endpoint allow list takes."""
    max_tags: int | None = None
    """The most user tags or labels the cloud accepts on a resource."""
    node_pool_types: tuple[str, ...] = ()
    """The provider's type tokens of the node pools fleet creates: replacing one replaces its nodes."""
    kubernetes_service: str | None = None
    """The managed Kubernetes service, as fleet/core/catalog/kubernetes_calendar.csv names it."""
    network_types: tuple[str, ...] = ()
    """The provider's type tokens of the cluster's network fleet creates: replacing one moves or
    replaces everything in it."""

    @property
    def built(self) -> bool:
        """Whether fleet creates clusters of this kind, rather than only deploying onto them."""
        return self.provider_package is not None
