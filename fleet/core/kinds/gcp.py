"""Google Kubernetes Engine clusters."""

from __future__ import annotations

import re

from fleet.core.kinds.base import Kind

KIND = Kind(
    name="gcp",
    kubernetes_service="gke",
    title="GCP",
    located_by="catalogue",
    component_type="fleet:clusters:GkeCluster",
    provider_package="gcp",
    cluster_type="gcp:container/cluster:Cluster",
    # GKE's 40-character cluster and node pool names (the provider's name validation).
    max_cluster_name=40,
    max_pool_name=40,
    machine_type=re.compile(r"^[a-z][a-z0-9]*-[a-z0-9-]+$"),
    machine_type_example="a Compute Engine machine type such as n2-standard-4",
    # Google Groups for RBAC: tokens carry the Google Group's email.
    identity="gcp",
    scope="project",
    scope_word="project",
    guardrail="gcp-resource-locations",
    # Authorized networks: "up to 50 external networks" (MasterAuthorizedNetworksConfig.cidrBlocks,
    # container v1 API; cloud.google.com/kubernetes-engine/docs/how-to/authorized-networks: 50 for
    # public endpoints); 64 labels per resource (cloud.google.com/resource-manager/docs/labels-overview).
    max_authorized_cidrs=50,
    max_tags=64,
    node_pool_types=("gcp:container/nodePool:NodePool",),
    network_types=("gcp:compute/network:Network", "gcp:compute/subnetwork:Subnetwork"),
)
