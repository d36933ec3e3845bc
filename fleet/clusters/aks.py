"""AKS: a cluster with Entra ID RBAC, Azure CNI overlay and Cilium in its own resource group."""

from __future__ import annotations

import base64
import hashlib
import re
import uuid
from dataclasses import dataclass, field
from typing import Any

import pulumi
import pulumi_azure_native as azure_native
import pulumi_kubernetes as kubernetes
import pulumiverse_time as time
import yaml
from pulumi_azure_native import (
    alertsmanagement,
    authorization,
    containerservice,
    keyvault,
    managedidentity,
    monitor,
    network,
    operationalinsights,
    resources,
)

from fleet.clusters.contract import ClusterArgs, FleetCluster, kubeconfig_yaml
from fleet.clusters.network import AZURE_ZONES, azure_apiserver_subnet, azure_node_subnet, dns_service_ip
from fleet.core import alerts, maintenance
from fleet.core.kinds import azure as azure_kind
from fleet.observability.azure import metrics_settings
from fleet.spec.model import (
    VIRTUAL_NETWORK_ID,
    ApiEndpoint,
    AzureCluster,
    Deployer,
    Maintenance,
    NodePool,
    Security,
)

AUDIT_CATEGORIES = ["kube-audit", "kube-apiserver", "guard"]

# Built-in roles (Azure RBAC role definition IDs, the same in every tenant).
# KMS v2 encrypts and decrypts with the key; "Crypto Service Encryption User" (wrap/unwrap only)
# fails AKS's check at create (AzureKeyVaultKmsValidateIdentityPermissionCustomerError).
KEY_VAULT_CRYPTO_USER = "12338af0-0e69-4776-bea7-57ae8d297424"
# azure-native deletes (and so replaces) a Key through the Key Vault data plane, which an RBAC
# vault refuses to a principal without a data role.
KEY_VAULT_CRYPTO_OFFICER = "14b46e9e-c2b7-41b4-b07b-48a6ebf60603"
# With a private vault AKS links the API server to it itself: "For private key vault, the AKS needs
# Key Vault Contributor role to create private link between private key vault and cluster" (AKS,
# "Add KMS etcd encryption", private key vault). A management role: no access to keys.
KEY_VAULT_CONTRIBUTOR = "f25e0fa2-a7c8-4377-a976-54943a77a395"
NETWORK_CONTRIBUTOR = "4d97b98b-1d4f-4787-a291-c67834d212e7"
AKS_RBAC_CLUSTER_ADMIN = "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b"
# Read-only access to most objects, "does not allow viewing Secrets" (Azure built-in roles): what a
# pull-request preview's principal gets, as the deployer gets Cluster Admin.
AKS_RBAC_READER = "7f6c6a51-bcf8-42ba-9220-52d62157d7db"
ASSIGNABLE_ROLES = (
    KEY_VAULT_CRYPTO_USER,
    KEY_VAULT_CRYPTO_OFFICER,
    KEY_VAULT_CONTRIBUTOR,
    NETWORK_CONTRIBUTOR,
    AKS_RBAC_CLUSTER_ADMIN,
    AKS_RBAC_READER,
)
"""Every role this component assigns: the deployer's role-assignment rights are limited to these."""

# Role assignments take effect after a delay that create-time checks do not wait for: Key Vault
# documents up to 10 minutes for its data plane (KMS is validated when the cluster is created),
# AKS up to 5 minutes for Kubernetes authorization. Paid once, when the assignments are created.
RBAC_PROPAGATION = "10m"

# The application ID of the AKS AAD server: the audience of every Entra token for AKS.
AKS_AAD_SERVER_ID = "6dae42f8-4368-4678-94ff-3960e28e3630"
# Non-interactive: kubelogin asks the Azure CLI's signed-in identity (azure/login in CI, `az login`
# on a laptop) for a token; never the device-code flow that listClusterUserCredential's kubeconfig uses.
KUBELOGIN_ARGS = ["get-token", "--login", "azurecli", "--server-id", AKS_AAD_SERVER_ID]

VAULT_NAME_MAX = 24
VAULT_DIGEST = 8


def vault_name(cluster: str, subscription_id: str) -> str:
    """The Key Vault's name: the cluster name cut to fit, and a digest of subscription and cluster.

    Vault names are global, 3-24 characters of letters, digits and single hyphens, starting with
    a letter; the digest keeps two subscriptions' clusters of the same name apart. Deterministic,
    so a name reserved by a soft-deleted vault is recognisable (purge protection keeps it 90 days).
    """
    digest = hashlib.sha256(f"{subscription_id}/{cluster}".encode()).hexdigest()[:VAULT_DIGEST]
    stem = re.sub(r"-+", "-", cluster)[: VAULT_NAME_MAX - VAULT_DIGEST - 1].rstrip("-")
    return f"{stem}-{digest}"


def assignment_name(scope: str, principal_id: str, role: str) -> str:
    """A role assignment's name (a GUID) from what it grants: the same assignment always has the
    same name, so re-creating a stack finds it instead of failing with RoleAssignmentExists."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{scope}/{principal_id}/{role}".lower()))


def admin_groups(spec: AzureCluster, args: ClusterArgs) -> list[str]:
    """Entra groups that are cluster-admin: the cluster's own and the platform's (identity.clusterAdmins)."""
    mapped = (args.identity.groups[g].azure for g in args.identity.cluster_admins if g in args.identity.groups)
    return list(dict.fromkeys([*spec.admin_group_object_ids, *(g for g in mapped if g)]))


PEERING_NAME_MAX = 80  # virtualNetworks/virtualNetworkPeerings: 1-80 (resource-name-rules, Microsoft.Network)


def _digest(text: str) -> str:
    return hashlib.sha256(text.lower().encode()).hexdigest()[:VAULT_DIGEST]


def peering_names(cluster: str, subscription_id: str, runner_vnet_id: str) -> tuple[str, str]:
    """(the peering on the cluster's VNet, the one on the runners' VNet).

    Each names its remote: a peering's path (VNet and name) is what replaces it, and the names
    carry the runners' VNet and the cluster (with its subscription, as the runners' VNet may hold
    peerings of several environments), so another remote is another peering rather than an edit
    of remoteVirtualNetwork. Peering names are 1-80 letters, digits, _ . -, starting with a letter
    or digit and ending with one or '_'.
    """
    runner = VIRTUAL_NETWORK_ID.match(runner_vnet_id)
    assert runner is not None  # validated by the spec
    outbound = f"to-{runner['name'][: PEERING_NAME_MAX - 4 - VAULT_DIGEST]}-{_digest(runner_vnet_id)}"
    inbound = f"fleet-{cluster[: PEERING_NAME_MAX - 7 - VAULT_DIGEST]}-{_digest(f'{subscription_id}/{cluster}')}"
    return outbound, inbound


def runner_peerings(
    name: str,
    cluster: str,
    deployer: Deployer,
    group: resources.ResourceGroup,
    vnet: network.VirtualNetwork,
    subnet: network.Subnet,
    subscription_id: pulumi.Output[str],
    parent: pulumi.Resource,
    provider: pulumi.ProviderResource,
) -> list[pulumi.Resource]:
    """The deploy runners' way to a private API server, created in the same `pulumi up` as the
    VNet: the cluster's VNet peered with the runners' (``deployer.azure.runnerVirtualNetworkId``),
    both directions. What the runners' side sets up once is in docs/DEPLOYING.md.

    Facts this relies on:
    - A peering is one resource per side; it is established only when both exist ("Initiated"
      until the second is created, then both "Connected"), and the two VNets may be in different
      subscriptions of one tenant (learn.microsoft.com/azure/virtual-network/
      virtual-network-manage-peering, "Requirements and constraints"). The runners' side lives in
      their VNet's resource group and subscription, so it gets its own provider for that
      subscription.
    - Rights: creating a peering needs Microsoft.Network/virtualNetworks/virtualNetworkPeerings/
      write on its own VNet and .../virtualNetworks/peer/action on the remote one (same page,
      "Permissions", which names Network Contributor): the deployer needs Network Contributor on
      the runners' VNet, granted once by its owner.
    - A second `up` shows no change: peeringState and peeringSyncLevel are writable in the REST
      schema but set by Azure (Initiated/Connected, FullyInSync/...NotInSync), so they are never
      inputs here; the flags below are returned as sent; remoteVirtualNetwork.id is the cluster
      VNet's own id, or the runners' ID in the casing ARM returns (the spec insists on it,
      fleet.spec.model.VIRTUAL_NETWORK_ID). A peering changes in place except for its path
      (resource group, VNet, name), which replaces it (pulumi-azure-native forceNewMap has no
      entry for it; fleet/review/facts/azure.json). The cluster VNet leaves virtualNetworkPeerings
      unset, which azure-native keeps as it is on update (maintained sub-resource, like subnets).
    - A peering PUT fails with ReferencedResourceNotProvisioned while either VNet is being updated
      by a subnet PUT (hashicorp/terraform-provider-azurerm#2605, pulumi/pulumi-azure-native#4340):
      both wait for ``subnet``, the VNet's last.
    - Only the two VNets: no forwarded traffic and no gateway transit, so runners must be in the
      runners' VNet (peering is not transitive).
    """
    assert deployer.azure is not None and deployer.azure.runner_virtual_network_id is not None
    runner_id = deployer.azure.runner_virtual_network_id
    runner = VIRTUAL_NETWORK_ID.match(runner_id)
    assert runner is not None  # validated by the spec
    names = subscription_id.apply(lambda sub: peering_names(cluster, sub, runner_id))
    runner_provider = azure_native.Provider(
        f"{name}-runner-network", subscription_id=runner["subscription"], opts=pulumi.ResourceOptions(parent=parent)
    )
    only_these_two = {
        "allow_virtual_network_access": True,
        "allow_forwarded_traffic": False,
        "allow_gateway_transit": False,
        "use_remote_gateways": False,
    }
    outbound = network.VirtualNetworkPeering(
        f"{name}-to-runners",
        resource_group_name=group.name,
        virtual_network_name=vnet.name,
        virtual_network_peering_name=names.apply(lambda both: both[0]),
        remote_virtual_network={"id": runner_id},
        **only_these_two,
        opts=pulumi.ResourceOptions(parent=parent, provider=provider, depends_on=[subnet]),
    )
    inbound = network.VirtualNetworkPeering(
        f"{name}-from-runners",
        resource_group_name=runner["group"],
        virtual_network_name=runner["name"],
        virtual_network_peering_name=names.apply(lambda both: both[1]),
        remote_virtual_network={"id": vnet.id},
        **only_these_two,
        opts=pulumi.ResourceOptions(parent=parent, provider=runner_provider, depends_on=[subnet]),
    )
    return [outbound, inbound]


def exec_kubeconfig(name: str, server: str, raw: str) -> str:
    """The kubeconfig the fleet uses: the server and CA of AKS's own, and kubelogin run non-interactively."""
    cluster = yaml.safe_load(raw)["clusters"][0]["cluster"]
    return kubeconfig_yaml(name, server, cluster["certificate-authority-data"], "kubelogin", KUBELOGIN_ARGS)


class AksCluster(FleetCluster):
    """An AKS cluster with production defaults.

    By default: a private API server (its VNet peered both ways with the deploy runners' VNet,
    ``deployer.azure.runnerVirtualNetworkId``) or authorized IP ranges, local accounts disabled and
    Entra ID RBAC, Secrets encrypted with a Key Vault key (KMS v2) held in a purge-protected
    vault, kube-audit logs sent to a Log Analytics workspace, OIDC issuer and workload identity,
    Cilium network policy, zone-redundant autoscaling node pools on the cluster's minor version,
    the Azure Disk CSI driver (AKS's default StorageClass) and volume snapshots. The deployer
    (``deployer.azure``) gets AKS RBAC Cluster Admin and Key Vault Crypto Officer; the platform's
    cluster-admin groups are the cluster's Entra admin groups. In production the cluster, its
    resource group, key, vault, identity, KMS role assignment and audit workspace are protected.
    """

    def __init__(self, name: str, args: ClusterArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__(azure_kind.KIND.component_type, name, args, opts)
        spec = args.spec
        assert isinstance(spec, AzureCluster)
        _, endpoint_access, security = args.managed()
        assert args.deployer.azure is not None  # the spec requires it with AKS clusters
        # The cluster goes into the subscription its spec names (what a cloud guardrail covers),
        # not whichever one the credentials select by default.
        provider = azure_native.Provider(
            f"{name}-azure",
            location=spec.region,
            subscription_id=getattr(spec, "subscription", None),
            opts=pulumi.ResourceOptions(parent=self),
        )
        build = _Build(self, name, args, spec, provider)
        group, vnet, nodes_subnet, apiserver_subnet = _network(build)
        # The runners reach a private API server through a peering with their VNet; the Kubernetes
        # provider waits for both sides (runner_peerings).
        peered: list[pulumi.Resource] = []
        if endpoint_access.access == "private" and args.deployer.private_network:
            peered = runner_peerings(
                name,
                spec.name,
                args.deployer,
                group,
                vnet,
                apiserver_subnet,
                build.client.subscription_id,
                self,
                provider,
            )
        access = _identity_and_keys(build, group, vnet, security)
        workspace = _logs_workspace(build, group)
        cluster = _control_plane(
            build, group, nodes_subnet, apiserver_subnet, access, endpoint_access, security, workspace
        )
        self.resource_id = cluster.id  # what joins it to the Fleet Manager of the upgrade waves (fleet.waves.aks)
        pools = [cluster, *(_agent_pool(build, group, nodes_subnet, cluster, pool) for pool in spec.node_pools[1:])]
        _maintenance(build, group, cluster)
        _logs(build, group, cluster, workspace, security)
        _metrics(build, group, cluster)
        endpoint, kubeconfig = _kubeconfig(build, group, cluster)
        self.finish(
            endpoint,
            kubeconfig,
            ready=[*pools, access.deployer_admin, access.propagated, *peered],
            platform=lambda provider: [_metrics_settings(name, provider, self)],
        )


@dataclass
class _Build:
    """What every part of one AKS cluster is made with: the component, the spec, the provider."""

    component: AksCluster
    name: str
    args: ClusterArgs
    spec: AzureCluster
    provider: azure_native.Provider
    tags: dict[str, str] = field(init=False)
    opts: pulumi.ResourceOptions = field(init=False)
    kept: pulumi.ResourceOptions = field(init=False)
    client: Any = field(init=False)
    zones: list[str] | None = field(init=False)

    def __post_init__(self) -> None:
        self.tags = self.args.tags
        self.opts = self.child()
        # What holds or guards tenant data: deleting it loses data or the means to decrypt it.
        self.kept = self.child(protect=self.args.protect)
        self.client = authorization.get_client_config_output(
            opts=pulumi.InvokeOutputOptions(parent=self.component, provider=self.provider)
        )
        self.zones = list(AZURE_ZONES) if self.spec.region_info.zones else None

    def child(self, **kwargs: object) -> pulumi.ResourceOptions:
        return self.component.child(self.provider, **kwargs)

    def grant(
        self, key: str, scope: pulumi.Input[str], principal: pulumi.Input[str], role: str, **options: object
    ) -> authorization.RoleAssignment:
        return authorization.RoleAssignment(
            f"{self.name}-{key}",
            role_assignment_name=pulumi.Output.all(scope, principal).apply(
                lambda found: assignment_name(found[0], found[1], role)
            ),
            scope=scope,
            principal_id=principal,
            principal_type="ServicePrincipal",
            role_definition_id=self.client.subscription_id.apply(
                lambda sub: f"/subscriptions/{sub}/providers/Microsoft.Authorization/roleDefinitions/{role}"
            ),
            opts=self.child(**options),
        )


@dataclass
class _Access:
    """The control plane's identity and the grants it and the deployer need, waited for."""

    identity: managedidentity.UserAssignedIdentity
    deployer_admin: authorization.RoleAssignment
    propagated: time.Sleep
    key: keyvault.Key | None
    vault: keyvault.Vault | None


def _network(
    build: _Build,
) -> tuple[resources.ResourceGroup, network.VirtualNetwork, network.Subnet, network.Subnet]:
    """The cluster's own resource group and VNet, the subnet its nodes go into, and the API server's."""
    name, spec, tags = build.name, build.spec, build.tags
    group = resources.ResourceGroup(
        f"{name}-rg", resource_group_name=f"fleet-{spec.name}", location=spec.region, tags=tags, opts=build.kept
    )
    vnet = network.VirtualNetwork(
        f"{name}-vnet",
        # Named, not auto-named: the deploy runners' network is peered with it by this name.
        virtual_network_name=f"{spec.name}-vnet",
        resource_group_name=group.name,
        location=spec.region,
        address_space={"address_prefixes": [spec.network.node_cidr]},
        tags=tags,
        opts=build.opts,
    )
    nodes_subnet = network.Subnet(
        f"{name}-nodes",
        resource_group_name=group.name,
        virtual_network_name=vnet.name,
        subnet_name="nodes",
        address_prefix=azure_node_subnet(spec.network.node_cidr),
        default_outbound_access=False,
        opts=build.opts,
    )
    # API Server VNet Integration: the API server behind an internal load balancer in a subnet
    # delegated to AKS, which is what lets KMS reach a vault closed to public networks ("Azure Key
    # Vault can't be configured with Disable public access unless API Server VNet Integration is
    # enabled", AKS "Add KMS etcd encryption", limitations). After the nodes' subnet: two subnet
    # PUTs on one VNet at once fail (AnotherOperationInProgress).
    apiserver_subnet = network.Subnet(
        f"{name}-apiserver",
        resource_group_name=group.name,
        virtual_network_name=vnet.name,
        subnet_name="apiserver",
        address_prefix=azure_apiserver_subnet(spec.network.node_cidr),
        delegations=[{"name": "aks", "service_name": "Microsoft.ContainerService/managedClusters"}],
        default_outbound_access=False,
        opts=build.child(depends_on=[nodes_subnet]),
    )
    return group, vnet, nodes_subnet, apiserver_subnet


def _identity_and_keys(
    build: _Build, group: resources.ResourceGroup, vnet: network.VirtualNetwork, security: Security
) -> _Access:
    """The control plane's identity, its rights on the VNet (and the key vault), the deployer's
    rights, the vault and the Secrets key, and the wait for the grants to apply."""
    name, args = build.name, build.args
    assert args.deployer.azure is not None
    deployer = args.deployer.azure.principal_object_id
    # KMS cannot decrypt Secrets any more once the identity is gone (AKS: deleting the key,
    # the vault or the identity is unsupported), so it is kept with the key.
    identity = managedidentity.UserAssignedIdentity(
        f"{name}-control-plane",
        resource_group_name=group.name,
        location=build.spec.region,
        tags=build.tags,
        opts=build.kept,
    )
    # A cluster in our own VNet joins its subnet (nodes, internal load balancers, the private
    # endpoint) and, when private, links its private DNS zone to the VNet: both need rights
    # on the VNet, which holds nothing but this cluster.
    granted = {"network-access": build.grant("network-access", vnet.id, identity.principal_id, NETWORK_CONTRIBUTOR)}
    # The deployer creates the tenants' Kubernetes objects. Granted on the resource group (it
    # holds only this cluster) so the grant exists, and propagates, while the cluster is built.
    granted["deployer-admin"] = deployer_admin = build.grant(
        "deployer-admin", group.id, deployer, AKS_RBAC_CLUSTER_ADMIN
    )
    preview = args.deployer.preview.azure_principal_object_id if args.deployer.preview else None
    if preview is not None:
        granted["preview-reader"] = build.grant("preview-reader", group.id, preview, AKS_RBAC_READER)
    vault = None
    if security.secrets_encryption:
        vault = _vault(build, group)
        granted["kms-access"] = build.grant(
            "kms-access", vault.id, identity.principal_id, KEY_VAULT_CRYPTO_USER, protect=args.protect
        )
        granted["deployer-keys"] = build.grant("deployer-keys", vault.id, deployer, KEY_VAULT_CRYPTO_OFFICER)
        granted["kms-private-link"] = build.grant(
            "kms-private-link", vault.id, identity.principal_id, KEY_VAULT_CONTRIBUTOR
        )
    timer = time.Provider(f"{name}-time", opts=pulumi.ResourceOptions(parent=build.component))
    # Create-time checks (AKS validates KMS access and the subnet) must see the grants.
    propagated = time.Sleep(
        f"{name}-rbac-propagation",
        create_duration=RBAC_PROPAGATION,
        # A new grant (a replaced identity, a new vault) waits again.
        triggers={key: g.id for key, g in granted.items()},
        opts=pulumi.ResourceOptions(parent=build.component, provider=timer, depends_on=list(granted.values())),
    )
    key = None
    if vault is not None:
        key = _secrets_key(build, group, vault, [granted["deployer-keys"], propagated])
    return _Access(identity, deployer_admin, propagated, key, vault)


def _vault(build: _Build, group: resources.ResourceGroup) -> keyvault.Vault:
    spec = build.spec
    return keyvault.Vault(
        f"{build.name}-kv",
        vault_name=build.client.subscription_id.apply(lambda sub: vault_name(spec.name, sub)),
        resource_group_name=group.name,
        location=spec.region,
        properties={
            "tenant_id": build.client.tenant_id,
            "sku": {"family": "A", "name": "premium"},
            "enable_rbac_authorization": True,
            "enable_soft_delete": True,
            "soft_delete_retention_in_days": 90,
            "enable_purge_protection": True,
            # Closed to every public network (issue 24, CIS Azure "Key Vault: disable public network
            # access"): AKS reaches it through the private endpoint it creates for KMS
            # (keyVaultNetworkAccess Private). The key is created and read through Azure Resource
            # Manager (Microsoft.KeyVault/vaults/keys), not the vault's data plane.
            "public_network_access": "Disabled",
            "network_acls": {"default_action": "Deny", "bypass": "None"},
        },
        tags=build.tags,
        opts=build.kept,
    )


def _secrets_key(
    build: _Build, group: resources.ResourceGroup, vault: keyvault.Vault, after: list[pulumi.Resource]
) -> keyvault.Key:
    return keyvault.Key(
        f"{build.name}-secrets",
        resource_group_name=group.name,
        vault_name=vault.name,
        key_name="kubernetes-secrets",
        properties={
            "kty": "RSA",
            "key_size": 2048,
            "rotation_policy": {
                "lifetime_actions": [{"action": {"type": "rotate"}, "trigger": {"time_after_create": "P90D"}}],
                "attributes": {"expiry_time": "P2Y"},
            },
        },
        tags=build.tags,
        # After the deployer's data role, so a destroy deletes the key while the role exists.
        opts=build.child(protect=build.args.protect, depends_on=after),
    )


def _pool_profile(build: _Build, nodes_subnet: network.Subnet, pool: NodePool, mode: str) -> dict[str, object]:
    return {
        "mode": mode,
        "vm_size": pool.machine_type,
        # Required on create; the autoscaler owns it afterwards (ignore_changes below).
        "count": max(pool.min_size, 1),
        "min_count": pool.min_size,
        "max_count": pool.max_size,
        "enable_auto_scaling": True,
        "availability_zones": build.zones,
        "vnet_subnet_id": nodes_subnet.id,
        "os_type": "Linux",
        "os_sku": "AzureLinux",
        "os_disk_size_gb": pool.disk_size_gb,
        "type": "VirtualMachineScaleSets",
        "orchestrator_version": build.spec.kubernetes_version,
        "enable_node_public_ip": False,
    }


def _security_profile(access: _Access, security: Security) -> dict[str, object]:
    profile: dict[str, object] = {"workload_identity": {"enabled": security.workload_identity}}
    if access.key is not None and access.vault is not None:
        profile["azure_key_vault_kms"] = {
            "enabled": True,
            # The key's current version. Key Vault rotates the key every 90 days; the next
            # `pulumi up` (with refresh) then moves the cluster to the new version, which is
            # AKS's KMS key rotation. Old versions stay valid for two years (expiry_time).
            "key_id": access.key.key_uri_with_version,
            # AKS creates a private endpoint to the vault; the mode cannot change while KMS is on
            # ("disable KMS, then enable it again", AKS KMS limitations), so it is Private from the start.
            "key_vault_network_access": "Private",
            "key_vault_resource_id": access.vault.id,
        }
    return profile


def _api_server_access(endpoint_access: ApiEndpoint, apiserver_subnet: network.Subnet) -> dict[str, object]:
    private = endpoint_access.access == "private"
    return {
        "enable_vnet_integration": True,
        "subnet_id": apiserver_subnet.id,
        "enable_private_cluster": private,
        # A public DNS name for the private address. AKS creates the private FQDN in a
        # private DNS zone linked only to this VNet, and "an additional public FQDN with a
        # corresponding A record in Azure public DNS" (learn.microsoft.com/azure/aks/
        # private-clusters); VMs in a peered VNet without a link to that zone use the
        # public FQDN (Azure Architecture Center, AKS API server access: DNS options table).
        # So the peered runners resolve the endpoint (self.endpoint uses fqdn first) with
        # no private DNS zone link or resolver of their own.
        "enable_private_cluster_public_fqdn": True if private else None,
        "authorized_ip_ranges": None if private else list(endpoint_access.allowed_cidrs),
    }


def _control_plane(
    build: _Build,
    group: resources.ResourceGroup,
    nodes_subnet: network.Subnet,
    apiserver_subnet: network.Subnet,
    access: _Access,
    endpoint_access: ApiEndpoint,
    security: Security,
    workspace: operationalinsights.Workspace,
) -> containerservice.ManagedCluster:
    spec, args = build.spec, build.args
    return containerservice.ManagedCluster(
        f"{build.name}-aks",
        resource_name_=spec.name,
        resource_group_name=group.name,
        location=spec.region,
        dns_prefix=spec.name,
        # Default MC_<group>_<cluster>_<region> passes 63 characters (the limit with CNI
        # overlay, where it becomes a node label) for names the spec accepts.
        node_resource_group=f"fleet-{spec.name}-nodes",
        kubernetes_version=spec.kubernetes_version,
        sku={"name": "Base", "tier": "Standard"},
        identity={"type": "UserAssigned", "user_assigned_identities": [access.identity.id]},
        agent_pool_profiles=[
            {"name": spec.node_pools[0].name, **_pool_profile(build, nodes_subnet, spec.node_pools[0], "System")}
        ],
        api_server_access_profile=_api_server_access(endpoint_access, apiserver_subnet),
        aad_profile={"managed": True, "enable_azure_rbac": True, "admin_group_object_ids": admin_groups(spec, args)},
        disable_local_accounts=True,
        enable_rbac=True,
        network_profile={
            "network_plugin": "azure",
            "network_plugin_mode": "overlay",
            "network_dataplane": "cilium",
            "network_policy": "cilium",
            "pod_cidr": spec.network.pod_cidr,
            "service_cidr": spec.network.service_cidr,
            "dns_service_ip": dns_service_ip(spec.network.service_cidr),
            "outbound_type": "loadBalancer",
        },
        oidc_issuer_profile={"enabled": security.workload_identity},
        # The managed Prometheus addon (ama-metrics), which scrapes into the workspace _metrics creates.
        azure_monitor_profile={"metrics": {"enabled": True}},
        # Container insights (ama-logs): container logs, events and inventory into the cluster's own
        # Log Analytics workspace, authenticated with the addon's managed identity; what it collects
        # is the data collection rule _logs associates with the cluster.
        addon_profiles={
            "omsagent": {
                "enabled": True,
                "config": {"logAnalyticsWorkspaceResourceID": workspace.id, "useAADAuth": "true"},
            }
        },
        security_profile=_security_profile(access, security),
        # Tenants' volumes: AKS's default StorageClass is Azure Disk CSI (WaitForFirstConsumer).
        storage_profile={"disk_csi_driver": {"enabled": True}, "snapshot_controller": {"enabled": True}},
        # The minor comes from the spec; AKS picks its newest patch at create and keeps it
        # (no automatic Kubernetes upgrades). Node OS images are patched weekly by AKS.
        auto_upgrade_profile={"upgrade_channel": "none", "node_os_upgrade_channel": "NodeImage"},
        tags=build.tags,
        opts=build.child(
            depends_on=[access.propagated, *([access.key] if access.key else [])],
            protect=args.protect,
            # The cluster reports every pool, the AgentPool resources' too, with the
            # autoscaler's counts; AKS neither adds nor removes pools through the cluster, so
            # the first pool is create-only here (resize it with `az aks nodepool update`).
            ignore_changes=["agentPoolProfiles"],
        ),
    )


def _agent_pool(
    build: _Build,
    group: resources.ResourceGroup,
    nodes_subnet: network.Subnet,
    cluster: containerservice.ManagedCluster,
    pool: NodePool,
) -> containerservice.AgentPool:
    return containerservice.AgentPool(
        f"{build.name}-{pool.name}",
        agent_pool_name=pool.name,
        resource_group_name=group.name,
        resource_name_=cluster.name,
        **_pool_profile(build, nodes_subnet, pool, "User"),
        tags=build.tags,
        opts=build.child(ignore_changes=["count"]),
    )


# AKS's own names: "default" times its weekly releases of control-plane components and system
# add-ons; "aksManagedNodeOSUpgradeSchedule" the node images of the NodeImage channel (AKS
# planned-maintenance.md, "Schedule configuration types"). No Kubernetes upgrade channel is set, so
# "aksManagedAutoUpgradeSchedule" would schedule nothing.
MAINTENANCE_CONFIGURATIONS = {"control-plane": "default", "node-os": "aksManagedNodeOSUpgradeSchedule"}


def _maintenance(build: _Build, group: resources.ResourceGroup, cluster: containerservice.ManagedCluster) -> None:
    """The spec's window and exclusions (fleet.core.maintenance, checked against AKS's limits)."""
    settings = build.args.maintenance or Maintenance()
    window = maintenance.aks_window(settings.core_window(), settings.core_exclusions())
    for key, config_name in MAINTENANCE_CONFIGURATIONS.items():
        containerservice.MaintenanceConfiguration(
            f"{build.name}-maintenance-{key}",
            config_name=config_name,
            resource_group_name=group.name,
            resource_name_=cluster.name,
            maintenance_window=window,
            opts=build.opts,
        )


def _logs_workspace(build: _Build, group: resources.ResourceGroup) -> operationalinsights.Workspace:
    """The cluster's own Log Analytics workspace, in its region, keeping a year."""
    return operationalinsights.Workspace(
        f"{build.name}-logs",
        resource_group_name=group.name,
        location=build.spec.region,
        sku={"name": "PerGB2018"},
        retention_in_days=365,
        tags=build.tags,
        opts=build.kept,
    )


def _logs(
    build: _Build,
    group: resources.ResourceGroup,
    cluster: containerservice.ManagedCluster,
    workspace: operationalinsights.Workspace,
    security: Security,
) -> None:
    """The control plane's audit logs (with ``auditLogs``) and the containers' logs into the workspace.

    Container logs are Container insights' data collection rule and its association with the cluster, as
    Azure's own templates write them (extension ``ContainerInsights``, stream
    ``Microsoft-ContainerInsights-Group-Default``, ContainerLogV2); enabling the addon alone collects
    nothing on the managed-identity path.
    """
    name, spec = build.name, build.spec
    if security.audit_logs:
        monitor.DiagnosticSetting(
            f"{name}-audit",
            name=f"{spec.name}-audit",
            resource_uri=cluster.id,
            workspace_id=workspace.id,
            logs=[{"category": category, "enabled": True} for category in AUDIT_CATEGORIES],
            opts=build.opts,
        )
    stream = "Microsoft-ContainerInsights-Group-Default"
    rule = monitor.DataCollectionRule(
        f"{name}-container-logs",
        # Data collection rules take at most 64 characters; the cluster's group holds only its own.
        data_collection_rule_name=f"{spec.name[:48]}-container-logs",
        resource_group_name=group.name,
        location=spec.region,
        kind="Linux",
        data_sources={
            "extensions": [
                {
                    "name": "ContainerInsightsExtension",
                    "extension_name": "ContainerInsights",
                    "streams": [stream],
                    "extension_settings": {
                        "dataCollectionSettings": {
                            "interval": "1m",
                            "namespaceFilteringMode": "Off",
                            "enableContainerLogV2": True,
                        }
                    },
                }
            ]
        },
        destinations={"log_analytics": [{"name": "ciworkspace", "workspace_resource_id": workspace.id}]},
        data_flows=[{"streams": [stream], "destinations": ["ciworkspace"]}],
        tags=build.tags,
        opts=build.opts,
    )
    monitor.DataCollectionRuleAssociation(
        f"{name}-container-logs-dcra",
        association_name="ContainerInsightsExtension",
        resource_uri=cluster.id,
        data_collection_rule_id=rule.id,
        opts=build.opts,
    )


def _metrics(build: _Build, group: resources.ResourceGroup, cluster: containerservice.ManagedCluster) -> None:
    """Azure Monitor managed Prometheus in the cluster's own region, and fleet's alert set over it.

    The pieces are those of Azure's own onboarding template (Azure/prometheus-collector,
    AddonBicepTemplate/FullAzureMonitorMetricsProfile.bicep): an Azure Monitor workspace, a data
    collection endpoint (``Linux``) and rule (stream ``Microsoft-PrometheusMetrics`` into the
    workspace), the rule's association with the cluster, and Prometheus rule groups scoped to the
    workspace and the cluster. The template puts them in the workspace's region; fleet puts the
    workspace in the cluster's, so every metric stays where the cluster's regime allows it.
    """
    spec, region = build.spec, build.spec.region
    # Azure Monitor workspaces and data collection endpoints take at most 44 characters; each cluster has
    # its own resource group, so a cut name cannot collide.
    short = f"{spec.name[:39]}-prom"
    workspace = monitor.AzureMonitorWorkspace(
        f"{build.name}-prom", azure_monitor_workspace_name=short, resource_group_name=group.name,
        location=region, tags=build.tags, opts=build.kept,
    )  # fmt: skip
    endpoint = monitor.DataCollectionEndpoint(
        f"{build.name}-prom-dce", data_collection_endpoint_name=short, resource_group_name=group.name,
        location=region, kind="Linux", tags=build.tags, opts=build.opts,
    )  # fmt: skip
    stream = "Microsoft-PrometheusMetrics"
    rule = monitor.DataCollectionRule(
        f"{build.name}-prom-dcr",
        data_collection_rule_name=short,
        resource_group_name=group.name,
        location=region,
        data_collection_endpoint_id=endpoint.id,
        data_sources={"prometheus_forwarder": [{"name": "PrometheusDataSource", "streams": [stream]}]},
        destinations={"monitoring_accounts": [{"account_resource_id": workspace.id, "name": "MonitoringAccount1"}]},
        data_flows=[{"streams": [stream], "destinations": ["MonitoringAccount1"]}],
        tags=build.tags,
        opts=build.opts,
    )
    monitor.DataCollectionRuleAssociation(
        f"{build.name}-prom-dcra", association_name=short, resource_uri=cluster.id,
        data_collection_rule_id=rule.id, opts=build.opts,
    )  # fmt: skip
    for group_rules in alerts.rule_groups():
        alertsmanagement.PrometheusRuleGroup(
            f"{build.name}-{group_rules['name']}",
            rule_group_name=group_rules["name"],
            resource_group_name=group.name,
            location=region,
            scopes=[workspace.id],
            cluster_name=spec.name,
            interval="PT1M",
            rules=[
                {
                    "alert": r["alert"],
                    "expression": r["expr"],
                    "for_": alerts.iso_duration(r["for"]),
                    "severity": alerts.AZURE_SEVERITY[r["labels"]["severity"]],
                    "labels": r["labels"],
                    "annotations": r["annotations"],
                }
                for r in group_rules["rules"]  # type: ignore[attr-defined]
            ],
            tags=build.tags,
            opts=build.opts,
        )


def _kubeconfig(
    build: _Build, group: resources.ResourceGroup, cluster: containerservice.ManagedCluster
) -> tuple[pulumi.Output[str], pulumi.Output[str]]:
    # Only the CA is taken from AKS's kubeconfig; its user logs in by device code.
    credentials = containerservice.list_managed_cluster_user_credentials_output(
        resource_group_name=group.name,
        resource_name=cluster.name,
        opts=pulumi.InvokeOutputOptions(parent=build.component, provider=build.provider),
    )
    # The public FQDN: a private cluster's resolves to its private endpoint.
    endpoint = pulumi.Output.all(cluster.fqdn, cluster.private_fqdn).apply(
        lambda hosts: f"https://{hosts[0] or hosts[1]}:443"
    )
    raw = credentials.kubeconfigs[0].value.apply(lambda value: base64.b64decode(value).decode())
    name = build.spec.name
    return endpoint, pulumi.Output.all(endpoint, raw).apply(lambda both: exec_kubeconfig(name, both[0], both[1]))


def _metrics_settings(name: str, provider: kubernetes.Provider, component: AksCluster) -> kubernetes.core.v1.ConfigMap:
    """The managed Prometheus addon's settings (fleet.observability.azure): what the alert set reads."""
    manifest = metrics_settings()
    return kubernetes.core.v1.ConfigMap(
        f"{name}/platform-ama-metrics-settings",  # cluster/object: the cluster's own platform objects
        metadata=manifest["metadata"],
        data=manifest["data"],
        opts=pulumi.ResourceOptions(parent=component, provider=provider),
    )
