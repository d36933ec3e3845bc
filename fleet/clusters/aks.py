"""AKS: a cluster with Entra ID RBAC, Azure CNI overlay and Cilium in its own resource group."""

from __future__ import annotations

import base64

import pulumi
import pulumi_azure_native as azure_native
from pulumi_azure_native import (
    authorization,
    containerservice,
    keyvault,
    managedidentity,
    monitor,
    network,
    operationalinsights,
    resources,
)

from fleet.clusters.contract import ClusterArgs, FleetCluster
from fleet.clusters.network import azure_node_subnet, dns_service_ip
from fleet.spec.model import AzureCluster

AUDIT_CATEGORIES = ["kube-audit", "kube-apiserver", "guard"]
# Built-in role "Key Vault Crypto User": wrap/unwrap with the key, nothing else.
KEY_VAULT_CRYPTO_USER = "e147488a-f6f5-4113-8e2d-b22465e65bf6"


class AksCluster(FleetCluster):
    """An AKS cluster with production defaults.

    By default: a private API server (or authorized IP ranges), local accounts disabled and
    Entra ID RBAC, Secrets encrypted with a Key Vault key (KMS v2) held in a purge-protected
    vault, kube-audit logs sent to a Log Analytics workspace, OIDC issuer and workload identity,
    Cilium network policy, zone-redundant autoscaling node pools pinned to the cluster version.
    """

    def __init__(self, name: str, args: ClusterArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__("fleet:clusters:AksCluster", name, args, opts)
        spec = args.spec
        assert isinstance(spec, AzureCluster)
        _, endpoint_access, security = args.managed()
        tags = args.tags
        location = spec.region
        zones = ["1", "2", "3"] if spec.region_info.zones else None

        provider = azure_native.Provider(f"{name}-azure", location=location, opts=pulumi.ResourceOptions(parent=self))
        opts_ = self.child(provider)

        group = resources.ResourceGroup(
            f"{name}-rg", resource_group_name=f"fleet-{spec.name}", location=location, tags=tags, opts=opts_
        )
        vnet = network.VirtualNetwork(
            f"{name}-vnet",
            resource_group_name=group.name,
            location=location,
            address_space={"address_prefixes": [spec.network.node_cidr]},
            tags=tags,
            opts=opts_,
        )
        nodes_subnet = network.Subnet(
            f"{name}-nodes",
            resource_group_name=group.name,
            virtual_network_name=vnet.name,
            subnet_name="nodes",
            address_prefix=azure_node_subnet(spec.network.node_cidr),
            default_outbound_access=False,
            opts=opts_,
        )
        identity = managedidentity.UserAssignedIdentity(
            f"{name}-control-plane", resource_group_name=group.name, location=location, tags=tags, opts=opts_
        )

        security_profile: dict[str, object] = {"workload_identity": {"enabled": security.workload_identity}}
        depends: list[pulumi.Resource] = []
        if security.secrets_encryption:
            client = authorization.get_client_config_output(
                opts=pulumi.InvokeOutputOptions(parent=self, provider=provider)
            )
            vault = keyvault.Vault(
                f"{name}-kv",
                resource_group_name=group.name,
                location=location,
                properties={
                    "tenant_id": client.tenant_id,
                    "sku": {"family": "A", "name": "premium"},
                    "enable_rbac_authorization": True,
                    "enable_soft_delete": True,
                    "soft_delete_retention_in_days": 90,
                    "enable_purge_protection": True,
                },
                tags=tags,
                opts=self.child(provider, protect=args.protect),
            )
            key = keyvault.Key(
                f"{name}-secrets",
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
                tags=tags,
                opts=opts_,
            )
            depends.append(
                authorization.RoleAssignment(
                    f"{name}-kms-access",
                    scope=vault.id,
                    principal_id=identity.principal_id,
                    principal_type="ServicePrincipal",
                    role_definition_id=client.subscription_id.apply(
                        lambda sub: (
                            f"/subscriptions/{sub}/providers/Microsoft.Authorization/roleDefinitions/{KEY_VAULT_CRYPTO_USER}"
                        )
                    ),
                    opts=opts_,
                )
            )
            security_profile["azure_key_vault_kms"] = {
                "enabled": True,
                "key_id": key.key_uri_with_version,
                "key_vault_network_access": "Public",
            }

        private = endpoint_access.access == "private"
        first, *others = spec.node_pools

        def pool_profile(pool, mode: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
            return {
                "mode": mode,
                "vm_size": pool.machine_type,
                "count": max(pool.min_size, 1),
                "min_count": pool.min_size,
                "max_count": pool.max_size,
                "enable_auto_scaling": True,
                "availability_zones": zones,
                "vnet_subnet_id": nodes_subnet.id,
                "os_type": "Linux",
                "os_sku": "AzureLinux",
                "os_disk_size_gb": pool.disk_size_gb,
                "type": "VirtualMachineScaleSets",
                "orchestrator_version": spec.kubernetes_version,
                "enable_node_public_ip": False,
            }

        cluster = containerservice.ManagedCluster(
            f"{name}-aks",
            resource_name_=spec.name,
            resource_group_name=group.name,
            location=location,
            dns_prefix=spec.name,
            kubernetes_version=spec.kubernetes_version,
            sku={"name": "Base", "tier": "Standard"},
            identity={"type": "UserAssigned", "user_assigned_identities": [identity.id]},
            agent_pool_profiles=[{"name": first.name, **pool_profile(first, "System")}],
            api_server_access_profile={
                "enable_private_cluster": private,
                "authorized_ip_ranges": None if private else list(endpoint_access.allowed_cidrs),
            },
            aad_profile={
                "managed": True,
                "enable_azure_rbac": True,
                "admin_group_object_ids": list(spec.admin_group_object_ids),
            },
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
            security_profile=security_profile,
            auto_upgrade_profile={"upgrade_channel": "none", "node_os_upgrade_channel": "NodeImage"},
            tags=tags,
            opts=self.child(provider, depends_on=depends, protect=args.protect),
        )
        for pool in others:
            containerservice.AgentPool(
                f"{name}-{pool.name}",
                agent_pool_name=pool.name,
                resource_group_name=group.name,
                resource_name_=cluster.name,
                **pool_profile(pool, "User"),
                tags=tags,
                opts=opts_,
            )

        if security.audit_logs:
            workspace = operationalinsights.Workspace(
                f"{name}-logs",
                resource_group_name=group.name,
                location=location,
                sku={"name": "PerGB2018"},
                retention_in_days=365,
                tags=tags,
                opts=opts_,
            )
            monitor.DiagnosticSetting(
                f"{name}-audit",
                name=f"{spec.name}-audit",
                resource_uri=cluster.id,
                workspace_id=workspace.id,
                logs=[{"category": category, "enabled": True} for category in AUDIT_CATEGORIES],
                opts=opts_,
            )

        credentials = containerservice.list_managed_cluster_user_credentials_output(
            resource_group_name=group.name,
            resource_name=cluster.name,
            opts=pulumi.InvokeOutputOptions(parent=self, provider=provider),
        )
        kubeconfig = credentials.kubeconfigs[0].value.apply(lambda value: base64.b64decode(value).decode())
        endpoint = pulumi.Output.all(cluster.private_fqdn, cluster.fqdn).apply(
            lambda hosts: f"https://{hosts[0] if private and hosts[0] else hosts[1]}"
        )
        self.finish(endpoint, kubeconfig)
