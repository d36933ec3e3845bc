"""`fleet preflight`: what a stack's first `pulumi up` needs to exist already, from its spec alone.

Nothing here calls a cloud: it lists, per AWS account, GCP project and Azure subscription, the
regions to enable, the APIs and resource providers to turn on, and the principals the program
names but does not create. docs/DEPLOYING.md explains each; this is the stack's own list.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fleet.core import catalog, kinds
from fleet.core.waves import AksUpgrades
from fleet.spec import Fleet
from fleet.spec.model import AwsCluster, AzureCluster, ClusterBase, GcpCluster

# docs/DEPLOYING.md, "APIs": the program enables none.
GCP_APIS = (
    "compute.googleapis.com", "container.googleapis.com", "cloudkms.googleapis.com", "iam.googleapis.com",
    "cloudresourcemanager.googleapis.com", "logging.googleapis.com", "monitoring.googleapis.com",
    "artifactregistry.googleapis.com",
)  # fmt: skip
# "add container.googleapis.com and kubernetesmetadata.googleapis.com to the restricted services of
# the service perimeter" to guard the DNS-based endpoint (GKE, About network isolation).
GKE_DNS_ENDPOINT_SERVICES = ("container.googleapis.com", "kubernetesmetadata.googleapis.com")
GCP_FLEET_API = "gkehub.googleapis.com"  # with upgrade waves: the clusters join their project's fleet
# The scope the transit gateways' items are listed under: the gateways are shared with the clusters'
# accounts, and only their owner may change their peerings and route tables.
NETWORK_OWNER = "that owns the transit gateways"
# docs/DEPLOYING.md, "Register the resource providers": ARM registers none for the program.
AZURE_PROVIDERS = (
    "Microsoft.ContainerService", "Microsoft.Compute", "Microsoft.Network", "Microsoft.KeyVault",
    "Microsoft.ManagedIdentity", "Microsoft.OperationalInsights", "Microsoft.Insights", "Microsoft.Monitor",
    "Microsoft.AlertsManagement",
)  # fmt: skip


@dataclass
class Scope:
    """One AWS account, GCP project or Azure subscription, and what must be true of it."""

    cloud: str
    name: str
    items: list[str] = field(default_factory=list)

    def add(self, item: str) -> None:
        if item not in self.items:
            self.items.append(item)


def checklist(fleet: Fleet, with_waves: bool = False, aks: AksUpgrades | None = None, stack: str = "") -> list[Scope]:
    spec = fleet.spec
    scopes: dict[tuple[str, str], Scope] = {}

    def scope(cloud: str, name: str) -> Scope:
        return scopes.setdefault((cloud, name), Scope(cloud, name))

    groups = spec.identity.groups
    for cluster in fleet.deployed_clusters:
        if not isinstance(cluster, ClusterBase):
            continue
        bound = fleet.bound_groups(cluster.name)
        if isinstance(cluster, AwsCluster) and spec.deployer.aws is not None:
            account = cluster.account or spec.deployer.aws.account
            s = scope("aws", account)
            role = spec.deployer.aws.role_in(cluster.account)
            s.add(f"IAM role {role} (the deploy role there), trusted as docs/DEPLOYING.md shows")
            if catalog.aws_opt_in(cluster.region):
                s.add(f"region {cluster.region} enabled (`aws account enable-region --region-name {cluster.region}`), "
                      f"for {cluster.name}: it is an opt-in region")  # fmt: skip
            for group in bound:
                arn = groups[group].aws if group in groups else None
                if arn:  # in the account its ARN names
                    scope("aws", arn.split(":")[4]).add(
                        f"IAM role {arn} (group {group}: EKS refuses an access entry for a principal that does not "
                        "exist)"
                    )
        elif isinstance(cluster, GcpCluster):
            s = scope("gcp", cluster.project)
            for api in (*GCP_APIS, *([GCP_FLEET_API] if with_waves else [])):
                s.add(f"API {api} enabled")
            perimeter = spec.api_endpoint(cluster).dns_endpoint_perimeter
            if perimeter:
                s.add(f"project {cluster.project} inside VPC Service Controls perimeter {perimeter}, which restricts "
                      f"{' and '.join(GKE_DNS_ENDPOINT_SERVICES)} and admits the deploy runners (an access level "
                      f"or ingress rule): it guards {cluster.name}'s DNS endpoint")  # fmt: skip
            security = spec.identity.gcp_security_group
            for group in bound:
                email = groups[group].gcp if group in groups else None
                if email:
                    where = f", a member of {security}" if security else ""
                    s.add(f"Google group {email} (group {group}{where}: RBAC names it)")
        elif isinstance(cluster, AzureCluster):
            s = scope("azure", cluster.subscription or "(the deployer's subscription)")
            for provider in AZURE_PROVIDERS:
                s.add(f"resource provider {provider} registered")
            for group in bound:
                object_id = groups[group].azure if group in groups else None
                if object_id:
                    s.add(f"Entra ID group {object_id} (group {group}: Azure RBAC names it)")
    gateways = _transit_gateways(fleet)
    if gateways:
        scope("aws", NETWORK_OWNER).items.extend(gateways)
    if aks is not None and (aks.members.get(stack) or aks.creates_manager == stack):
        _fleet_manager(scope("azure", aks.manager.subscription), aks, stack)
    return sorted(scopes.values(), key=lambda s: (s.cloud, s.name))


def _transit_gateways(fleet: Fleet) -> list[str]:
    """What the owner of the shared transit gateways builds so the runners reach every private EKS
    cluster: the program attaches each cluster's VPC to its region's gateway and routes
    ``privateNetwork`` there, but cannot touch a shared gateway's peerings or route tables.

    Peered gateways exchange no routes: "you must add a static route to the transit gateway route
    table that points to the transit gateway peering attachment. The owner of the accepter transit
    gateway must also add a static route" (Transit Gateway user guide, tgw-peering-add-route)."""
    spec = fleet.spec
    deployer = spec.deployer.aws
    runners = spec.deployer.private_network
    if deployer is None or runners is None or deployer.runner_region not in deployer.transit_gateways:
        return []
    home = deployer.runner_region
    hub = deployer.transit_gateways[home]
    ranges: dict[str, list[str]] = {}
    for cluster in fleet.deployed_clusters:
        if isinstance(cluster, AwsCluster) and spec.api_endpoint(cluster).access == "private":
            ranges.setdefault(cluster.region, []).append(f"{cluster.network.node_cidr} ({cluster.name})")
    items = []
    for region in sorted(ranges, key=lambda r: (r != home, r)):
        gateway, cidrs = deployer.transit_gateways.get(region), ", ".join(ranges[region])
        if gateway is None:
            continue  # the spec refuses a private cluster in a region without a gateway
        if region == home:
            items.append(f"{gateway} ({home}, the runners' own): each cluster attachment associated with a route "
                         f"table that routes {runners} to the runners' attachment, and {cidrs} propagated (or "
                         "routed statically) into the runners' table")  # fmt: skip
            continue
        items.append(f"{gateway} ({region}) peered with {hub} ({home}): a transit gateway peering attachment, "
                     f"accepted; on {gateway} associated with a route table that holds {cidrs} (propagated from "
                     f"the clusters' attachments), on {hub} with one that holds {runners} (from the runners' "
                     "attachment)")  # fmt: skip
        items.append(f"{gateway} ({region}): in the route table of its cluster attachments, a static route "
                     f"{runners} to the peering attachment with {hub}")  # fmt: skip
        items.append(f"{hub} ({home}): in the runners' route table, static routes {cidrs} to the peering "
                     f"attachment with {gateway}")  # fmt: skip
    return items


def _fleet_manager(s: Scope, aks: AksUpgrades, stack: str) -> None:
    """docs/DEPLOYING.md, "The Fleet Manager of the upgrade waves"."""
    manager = aks.manager
    s.add("resource provider Microsoft.ContainerService registered")
    if aks.creates_manager == stack:
        s.add(f"the deployer may create resource group {manager.resource_group} and Fleet Manager {manager.name} "
              "in it (Contributor on the subscription)")  # fmt: skip
    else:
        s.add(f"Fleet Manager {manager.name} in resource group {manager.resource_group} (stack "
              f"{aks.creates_manager} creates it: deploy that stack first)")  # fmt: skip
        s.add(f"the deployer holds Azure Kubernetes Fleet Manager Contributor on resource group "
              f"{manager.resource_group} (its AKS clusters join as members)")  # fmt: skip


def render(stack: str, scopes: list[Scope]) -> str:
    lines = [f"stack {stack}: what must exist before the first `pulumi up` (from the spec; nothing was called)"]
    for s in scopes:
        kind = kinds.kind(s.cloud)
        lines.append(f"  {kind.title} {kind.scope_word} {s.name}:")
        lines += [f"    [ ] {item}" for item in s.items]
    return "\n".join(lines)
