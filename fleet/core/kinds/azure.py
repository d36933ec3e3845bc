"""Azure Kubernetes Service clusters."""

from __future__ import annotations

import re

from fleet.core.kinds.base import Kind

KIND = Kind(
    name="azure",
    kubernetes_service="aks",
    title="Azure",
    located_by="catalogue",
    component_type="fleet:clusters:AksCluster",
    provider_package="azure-native",
    cluster_type="azure-native:containerservice:ManagedCluster",
    # From the Log Analytics workspace name fleet derives from the cluster (fleet/clusters/aks.py).
    max_cluster_name=50,
    # AKS node pool names: 1-12 lowercase letters and digits, starting with a letter.
    pool_name=re.compile(r"^[a-z][a-z0-9]{0,11}$"),
    pool_name_rule="use 1-12 lowercase letters and digits, starting with a letter",
    machine_type=re.compile(r"^Standard_[A-Za-z0-9_]+$"),
    machine_type_example="an Azure VM size such as Standard_D4s_v5",
    # AKS puts Entra object IDs, not group names, in tokens.
    identity="azure",
    scope="subscription",
    scope_word="subscription",
    guardrail="azure-allowed-locations",
    # "You can specify up to 200 authorized IP ranges" (learn.microsoft.com/azure/aks/
    # api-server-authorized-ip-ranges); 50 tags per resource (learn.microsoft.com/azure/
    # azure-resource-manager/management/tag-resources#limitations).
    max_authorized_cidrs=200,
    max_tags=50,
    node_pool_types=("azure-native:containerservice:AgentPool",),
    network_types=("azure-native:network:VirtualNetwork", "azure-native:network:Subnet"),
)
