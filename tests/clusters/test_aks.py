"""AKS as rendered for every stack: what a first `pulumi up` needs from Azure, and what keeps the
second one empty (names within Azure's limits, roles granted and propagated before their use,
protected keys, versions, identity, storage, autoscaling, a kubeconfig that works in CI)."""

from __future__ import annotations

import ipaddress
import re

import pytest
import yaml

from fleet.clusters import aks
from fleet.review.mocks import SUBSCRIPTION
from fleet.review.render import Rendering, Resource, render
from fleet.review.secrets import reveal
from fleet.spec.model import AzureCluster
from tests.conftest import by_type, fleet_of, raw_spec, rendered

CLUSTER = "azure-native:containerservice:ManagedCluster"
POOL = "azure-native:containerservice:AgentPool"
ASSIGNMENT = "azure-native:authorization:RoleAssignment"
SLEEP = "time:index/sleep:Sleep"

# Azure's naming rules (learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules,
# AKS: aka.ms/aks-naming-rules), as (min, max, pattern) of the resource's own name.
NAME_RULES = {
    "azure-native:resources:ResourceGroup": (1, 90, r"[-\w.()]*[-\w()]"),
    "azure-native:network:VirtualNetwork": (2, 64, r"[A-Za-z0-9][-\w.]*\w"),
    "azure-native:network:Subnet": (1, 80, r"[A-Za-z0-9]([-\w.]*\w)?"),
    "azure-native:network:VirtualNetworkPeering": (1, 80, r"[A-Za-z0-9]([-\w.]*\w)?"),
    "azure-native:managedidentity:UserAssignedIdentity": (3, 128, r"[A-Za-z0-9][-\w]*"),
    "azure-native:keyvault:Vault": (3, 24, r"[A-Za-z](-?[A-Za-z0-9])*"),
    "azure-native:keyvault:Key": (1, 127, r"[A-Za-z0-9-]+"),
    "azure-native:authorization:RoleAssignment": (36, 36, r"[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}"),
    CLUSTER: (1, 63, r"[A-Za-z0-9]([-\w]*[A-Za-z0-9])?"),
    POOL: (1, 12, r"[a-z][a-z0-9]*"),
    "azure-native:operationalinsights:Workspace": (4, 63, r"[A-Za-z0-9][-A-Za-z0-9]*[A-Za-z0-9]"),
    "azure-native:monitor:DiagnosticSetting": (1, 260, r"[^*%&:\\/?<>+#|]+"),
    # Assignment names at subscription and resource group scope (24 at management group scope,
    # which the fleet does not use): resource-name-rules, Microsoft.Authorization/policyAssignments.
    "azure-native:authorization:PolicyAssignment": (1, 64, r"[^<>*%&:\\?.+/]+"),
    # Fleet Manager (REST API 2025-03-01): fleets 1-63, members and update strategies 1-50 characters.
    "azure-native:containerservice:Fleet": (1, 63, r"[a-z0-9]([-a-z0-9]*[a-z0-9])?"),
    "azure-native:containerservice:FleetMember": (1, 50, r"[a-z0-9]([-a-z0-9]*[a-z0-9])?"),
    "azure-native:containerservice:FleetUpdateStrategy": (1, 50, r"[a-z0-9]([-a-z0-9]*[a-z0-9])?"),
    # resource-name-rules: Microsoft.Monitor accounts and Microsoft.Insights dataCollectionEndpoints 3-44,
    # dataCollectionRules and dataCollectionRuleAssociations 1-64; prometheusRuleGroups 1-260 without
    # : @ / # { } % & + * < > ?.
    "azure-native:monitor:AzureMonitorWorkspace": (4, 44, r"[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]"),
    "azure-native:monitor:DataCollectionEndpoint": (3, 44, r"[A-Za-z0-9][-A-Za-z0-9]*[A-Za-z0-9]"),
    "azure-native:monitor:DataCollectionRule": (1, 64, r"[-\w.()]+"),
    "azure-native:monitor:DataCollectionRuleAssociation": (1, 64, r"[-\w.()]+"),
    "azure-native:alertsmanagement:PrometheusRuleGroup": (1, 260, r"[^:@/#{}%&+*<>?]+"),
    # Not free: AKS knows three configuration names (planned-maintenance.md).
    "azure-native:containerservice:MaintenanceConfiguration": (
        7,
        31,
        r"default|aksManagedAutoUpgradeSchedule|aksManagedNodeOSUpgradeSchedule",
    ),
}
DNS_PREFIX = (1, 54, r"[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?")
# With Azure CNI overlay AKS writes the node resource group into a node label (63 characters).
NODE_RESOURCE_GROUP = (1, 63, r"[-\w.()]*[-\w()]")
# The longest Azure cluster name every derived name fits (the Log Analytics workspace is
# auto-named <cluster>-logs plus 8 characters, at most 63): the spec must not accept longer.
AZURE_CLUSTER_NAME_MAX = 50


def aks_stacks() -> list[str]:
    from tests.conftest import STACKS

    return [s for s in STACKS if any(isinstance(c, AzureCluster) for c in fleet_of(s).deployed_clusters)]


AKS_STACKS = aks_stacks()


@pytest.fixture(params=AKS_STACKS)
def aks_stack(request: pytest.FixtureRequest) -> str:
    return request.param


def azure_clusters(stack: str) -> list[AzureCluster]:
    return [c for c in fleet_of(stack).deployed_clusters if isinstance(c, AzureCluster)]


def own(rendering: Rendering, cluster: str, type_: str) -> list[Resource]:
    """The resources of one type that belong to one cluster's component."""
    component = next(r for r in rendering.resources if r.name == cluster and not r.custom)
    return [r for r in by_type(rendering, type_) if r.parent == component.urn]


def one(rendering: Rendering, cluster: str, type_: str) -> Resource:
    (found,) = own(rendering, cluster, type_)
    return found


def named(rendering: Rendering, name: str) -> Resource:
    return next(r for r in rendering.resources if r.name == name)


def fits(value: str, rule: tuple[int, int, str]) -> bool:
    low, high, pattern = rule
    return low <= len(value) <= high and re.fullmatch(pattern, value) is not None


def names_out_of_limits(rendering: Rendering) -> list[str]:
    found = []
    for resource in rendering.resources:
        rule = NAME_RULES.get(resource.type)
        if rule is None:
            if resource.type.startswith("azure-native:"):
                found.append(f"{resource.type} has no naming rule in this test")
            continue
        if not fits(str(resource.outputs["name"]), rule):
            found.append(f"{resource.name}: {resource.outputs['name']!r} breaks {rule}")
        if resource.type == CLUSTER:
            inputs = reveal(resource.inputs)
            if not fits(inputs["dnsPrefix"], DNS_PREFIX):
                found.append(f"{resource.name}: dnsPrefix {inputs['dnsPrefix']!r}")
            if not fits(inputs["nodeResourceGroup"], NODE_RESOURCE_GROUP):
                found.append(f"{resource.name}: nodeResourceGroup {inputs['nodeResourceGroup']!r}")
    return found


# --- names -------------------------------------------------------------------------------------


def test_vault_names_are_short_global_and_deterministic(aks_stack: str) -> None:
    rendering = rendered(aks_stack)
    for cluster in azure_clusters(aks_stack):
        vault = one(rendering, cluster.name, "azure-native:keyvault:Vault")
        name = vault.outputs["name"]
        assert vault.inputs["vaultName"] == name == aks.vault_name(cluster.name, cluster.subscription or SUBSCRIPTION)
        assert len(name) <= 24 and fits(name, NAME_RULES["azure-native:keyvault:Vault"])


@pytest.mark.parametrize(
    "cluster", ["a", "prod-azure-gwc", "ledger-dedicated-1", "x--y", "a" * 14 + "-" + "b" * 48, "z" * 63]
)
def test_vault_name_fits_for_any_cluster_name(cluster: str) -> None:
    name = aks.vault_name(cluster, SUBSCRIPTION)
    assert fits(name, NAME_RULES["azure-native:keyvault:Vault"]), name
    assert aks.vault_name(cluster, "another-subscription") != name


def test_every_azure_name_is_within_azure_limits(aks_stack: str) -> None:
    assert names_out_of_limits(rendered(aks_stack)) == []


def test_names_fit_at_the_longest_cluster_name() -> None:
    spec = raw_spec("dev")
    long_name = "dev-" + "a" * (AZURE_CLUSTER_NAME_MAX - 4)
    for cluster in spec["clusters"]:
        if cluster["cloud"] == "azure":
            cluster["name"] = long_name
    rendering = render(spec, "dev")
    assert len(long_name) == AZURE_CLUSTER_NAME_MAX
    assert names_out_of_limits(rendering) == []


# --- role assignments, and their propagation before first use ----------------------------------


def assignments(rendering: Rendering, cluster: str) -> dict[str, Resource]:
    return {r.name.removeprefix(cluster + "-"): r for r in own(rendering, cluster, ASSIGNMENT)}


def test_roles_are_granted_with_deterministic_names(aks_stack: str) -> None:
    fleet = fleet_of(aks_stack)
    rendering = rendered(aks_stack)
    deployer = fleet.spec.deployer.azure.principal_object_id  # type: ignore[union-attr]
    for cluster in azure_clusters(aks_stack):
        identity = one(rendering, cluster.name, "azure-native:managedidentity:UserAssignedIdentity").outputs
        group = one(rendering, cluster.name, "azure-native:resources:ResourceGroup").outputs["id"]
        vnet = one(rendering, cluster.name, "azure-native:network:VirtualNetwork").outputs["id"]
        vault = one(rendering, cluster.name, "azure-native:keyvault:Vault").outputs["id"]
        expected = {
            "network-access": (vnet, identity["principalId"], aks.NETWORK_CONTRIBUTOR),
            "deployer-admin": (group, deployer, aks.AKS_RBAC_CLUSTER_ADMIN),
            "kms-access": (vault, identity["principalId"], aks.KEY_VAULT_CRYPTO_USER),
            "deployer-keys": (vault, deployer, aks.KEY_VAULT_CRYPTO_OFFICER),
            "kms-private-link": (vault, identity["principalId"], aks.KEY_VAULT_CONTRIBUTOR),
            # Pull-request previews read the cluster, Secrets excepted (issue 24).
            "preview-reader": (group, fleet.spec.deployer.preview.azure_principal_object_id, aks.AKS_RBAC_READER),  # type: ignore[union-attr]
        }
        found = assignments(rendering, cluster.name)
        assert found.keys() == expected.keys()
        for key, (scope, principal, role) in expected.items():
            inputs = found[key].inputs
            assert (inputs["scope"], inputs["principalId"], inputs["principalType"]) == (
                scope,
                principal,
                "ServicePrincipal",
            )
            assert inputs["roleDefinitionId"] == (
                f"/subscriptions/{cluster.subscription or SUBSCRIPTION}/providers/Microsoft.Authorization/"
                f"roleDefinitions/{role}"
            )
            assert inputs["roleAssignmentName"] == aks.assignment_name(scope, principal, role)
        assert {r for *_, r in expected.values()} == set(aks.ASSIGNABLE_ROLES)


def test_kms_identity_can_encrypt_and_decrypt() -> None:
    # "Key Vault Crypto User"; "Crypto Service Encryption User" (e147488a-…) only wraps and unwraps.
    assert aks.KEY_VAULT_CRYPTO_USER == "12338af0-0e69-4776-bea7-57ae8d297424"


def test_roles_propagate_before_their_first_use(aks_stack: str) -> None:
    rendering = rendered(aks_stack)
    for cluster in azure_clusters(aks_stack):
        granted = {r.urn for r in assignments(rendering, cluster.name).values()}
        sleep = one(rendering, cluster.name, SLEEP)
        assert sleep.inputs["createDuration"] == aks.RBAC_PROPAGATION == "10m"
        assert granted <= set(sleep.dependencies)
        assert set(sleep.inputs["triggers"]) == set(assignments(rendering, cluster.name))
        # AKS checks KMS access and the subnet when the cluster is created.
        assert sleep.urn in one(rendering, cluster.name, CLUSTER).dependencies
        # The key is created, and on destroy deleted, while the deployer holds its data role.
        key = one(rendering, cluster.name, "azure-native:keyvault:Key")
        assert {sleep.urn, assignments(rendering, cluster.name)["deployer-keys"].urn} <= set(key.dependencies)
        # Nothing is deployed onto the cluster before the deployer's admin role and every pool.
        provider = named(rendering, f"{cluster.name}-k8s")
        pools = {r.urn for r in own(rendering, cluster.name, POOL)}
        deployer_admin = assignments(rendering, cluster.name)["deployer-admin"].urn
        assert {deployer_admin, sleep.urn, *pools} <= set(provider.dependencies)


def test_the_wait_uses_an_explicit_time_provider(aks_stack: str) -> None:
    rendering = rendered(aks_stack)
    for cluster in azure_clusters(aks_stack):
        sleep = one(rendering, cluster.name, SLEEP)
        assert sleep.provider == named(rendering, f"{cluster.name}-time").urn


# --- protection --------------------------------------------------------------------------------

KEPT = (
    "azure-native:resources:ResourceGroup",
    "azure-native:managedidentity:UserAssignedIdentity",
    "azure-native:keyvault:Vault",
    "azure-native:keyvault:Key",
    "azure-native:operationalinsights:Workspace",
    CLUSTER,
)


def test_what_decrypts_or_holds_data_is_protected_in_production(aks_stack: str) -> None:
    fleet = fleet_of(aks_stack)
    rendering = rendered(aks_stack)
    for cluster in azure_clusters(aks_stack):
        for type_ in KEPT:
            found = own(rendering, cluster.name, type_)
            assert len(found) == 1, type_  # the logs workspace too: container logs go there, audited or not
            assert all(r.protect is fleet.spec.protects_data for r in found), type_
        assert assignments(rendering, cluster.name)["kms-access"].protect is fleet.spec.protects_data


def test_prod_protects_every_azure_key() -> None:
    keys = by_type(rendered("prod"), "azure-native:keyvault:Key")
    assert len(keys) == 2 and all(k.protect for k in keys)


# --- versions, identity, endpoint, storage, scaling --------------------------------------------


def pool_inputs(rendering: Rendering, cluster: AzureCluster) -> dict[str, dict]:
    inline = reveal(one(rendering, cluster.name, CLUSTER).inputs)["agentPoolProfiles"]
    found = {p["name"]: p for p in inline}
    found.update({r.inputs["agentPoolName"]: reveal(r.inputs) for r in own(rendering, cluster.name, POOL)})
    return found


def test_versions_are_the_spec_minor_with_no_automatic_kubernetes_upgrade(aks_stack: str) -> None:
    rendering = rendered(aks_stack)
    for cluster in azure_clusters(aks_stack):
        inputs = reveal(one(rendering, cluster.name, CLUSTER).inputs)
        assert inputs["kubernetesVersion"] == cluster.kubernetes_version
        assert inputs["autoUpgradeProfile"] == {"upgradeChannel": "none", "nodeOSUpgradeChannel": "NodeImage"}
        pools = pool_inputs(rendering, cluster)
        assert {p["orchestratorVersion"] for p in pools.values()} == {cluster.kubernetes_version}


def test_admin_groups_are_the_cluster_and_platform_admins(aks_stack: str) -> None:
    fleet = fleet_of(aks_stack)
    rendering = rendered(aks_stack)
    platform = [fleet.spec.identity.groups[g].azure for g in fleet.spec.identity.cluster_admins]
    for cluster in azure_clusters(aks_stack):
        aad = reveal(one(rendering, cluster.name, CLUSTER).inputs)["aadProfile"]
        assert aad["adminGroupObjectIDs"] == list(dict.fromkeys([*cluster.admin_group_object_ids, *platform]))
        assert aad["managed"] is True and aad["enableAzureRBAC"] is True
        assert platform and all(p in aad["adminGroupObjectIDs"] for p in platform)


def test_endpoint_is_private_or_limited_to_allowed_cidrs(aks_stack: str) -> None:
    fleet = fleet_of(aks_stack)
    rendering = rendered(aks_stack)
    for cluster in azure_clusters(aks_stack):
        endpoint = fleet.spec.api_endpoint(cluster)
        access = reveal(one(rendering, cluster.name, CLUSTER).inputs)["apiServerAccessProfile"]
        # Both kinds sit in the API server subnet (test_the_key_vault_is_closed_to_public_networks).
        access = {k: v for k, v in access.items() if k not in ("enableVnetIntegration", "subnetId")}
        if endpoint.access == "private":
            assert access == {"enablePrivateCluster": True, "enablePrivateClusterPublicFQDN": True}
        else:
            assert access == {"enablePrivateCluster": False, "authorizedIPRanges": list(endpoint.allowed_cidrs)}


def test_kubeconfig_logs_in_without_a_person(aks_stack: str) -> None:
    rendering = rendered(aks_stack)
    inventory = rendering.outputs["inventory"]
    for cluster in azure_clusters(aks_stack):
        config = yaml.safe_load(reveal(named(rendering, f"{cluster.name}-k8s").inputs["kubeconfig"]))
        (user,) = config["users"]
        assert user["user"]["exec"]["command"] == "kubelogin"
        assert user["user"]["exec"]["args"] == [
            "get-token",
            "--login",
            "azurecli",
            "--server-id",
            "6dae42f8-4368-4678-94ff-3960e28e3630",
        ]
        assert user["user"]["exec"]["interactiveMode"] == "Never"
        assert "devicecode" not in str(config)
        (entry,) = config["clusters"]
        fqdn = one(rendering, cluster.name, CLUSTER).outputs["fqdn"]
        assert entry["cluster"]["server"] == inventory[cluster.name]["endpoint"] == f"https://{fqdn}:443"
        assert entry["cluster"]["certificate-authority-data"]


def test_tenant_volumes_use_the_azure_disk_driver(aks_stack: str) -> None:
    rendering = rendered(aks_stack)
    for cluster in azure_clusters(aks_stack):
        storage = reveal(one(rendering, cluster.name, CLUSTER).inputs)["storageProfile"]
        assert storage == {"diskCSIDriver": {"enabled": True}, "snapshotController": {"enabled": True}}
    # AKS ships and reconciles the default StorageClass (disk.csi.azure.com); the fleet adds none.
    storage_classes = by_type(rendering, "kubernetes:storage.k8s.io/v1:StorageClass")
    aks_urns = {r.urn for r in rendering.resources if r.type == "fleet:clusters:AksCluster"}
    assert [s.urn for s in storage_classes if s.parent in aks_urns] == []


def test_every_pool_autoscales_within_the_spec(aks_stack: str) -> None:
    rendering = rendered(aks_stack)
    for cluster in azure_clusters(aks_stack):
        pools = pool_inputs(rendering, cluster)
        assert list(pools) == [p.name for p in cluster.node_pools]
        for index, spec_pool in enumerate(cluster.node_pools):
            pool = pools[spec_pool.name]
            assert pool["enableAutoScaling"] is True
            assert (pool["minCount"], pool["maxCount"]) == (spec_pool.min_size, spec_pool.max_size)
            assert pool["count"] == max(spec_pool.min_size, 1)
            assert pool["vmSize"] == spec_pool.machine_type
            assert pool["mode"] == ("System" if index == 0 else "User")


def test_what_azure_changes_after_create_is_not_fought_over(aks_stack: str) -> None:
    rendering = rendered(aks_stack)
    for cluster in azure_clusters(aks_stack):
        assert one(rendering, cluster.name, CLUSTER).ignore_changes == ["agentPoolProfiles"]
        assert {tuple(p.ignore_changes) for p in own(rendering, cluster.name, POOL)} <= {("count",)}


def test_the_cluster_follows_the_rotated_key(aks_stack: str) -> None:
    # Decision: the cluster's keyId is the key's current version; a rotation by Key Vault is
    # applied to AKS by the next `pulumi up` (AKS KMS key rotation), never ignored.
    rendering = rendered(aks_stack)
    for cluster in azure_clusters(aks_stack):
        resource = one(rendering, cluster.name, CLUSTER)
        key = one(rendering, cluster.name, "azure-native:keyvault:Key")
        kms = reveal(resource.inputs)["securityProfile"]["azureKeyVaultKms"]
        vault = one(rendering, cluster.name, "azure-native:keyvault:Vault")
        assert kms == {
            "enabled": True,
            "keyId": key.outputs["keyUriWithVersion"],
            "keyVaultNetworkAccess": "Private",
            "keyVaultResourceId": vault.outputs["id"],
        }
        assert not any("securityProfile" in path for path in resource.ignore_changes)
        rotation = key.inputs["properties"]["rotationPolicy"]
        assert rotation["lifetimeActions"] == [{"action": {"type": "rotate"}, "trigger": {"timeAfterCreate": "P90D"}}]


def test_the_networks_runners_peer_with_are_named_by_the_cluster(aks_stack: str) -> None:
    # docs/DEPLOYING.md: private clusters are reached by peering the runners' VNet with this one.
    rendering = rendered(aks_stack)
    for cluster in azure_clusters(aks_stack):
        group = one(rendering, cluster.name, "azure-native:resources:ResourceGroup").inputs
        vnet = one(rendering, cluster.name, "azure-native:network:VirtualNetwork").inputs
        assert group["resourceGroupName"] == f"fleet-{cluster.name}"
        assert (vnet["resourceGroupName"], vnet["virtualNetworkName"]) == (
            f"fleet-{cluster.name}",
            f"{cluster.name}-vnet",
        )
        assert vnet["addressSpace"] == {"addressPrefixes": [cluster.network.node_cidr]}


def test_clusters_deploy_into_the_subscription_their_spec_names(aks_stack: str) -> None:
    rendering = rendered(aks_stack)
    for cluster in azure_clusters(aks_stack):
        [provider] = [
            r for r in own(rendering, cluster.name, "pulumi:providers:azure-native") if r.name.endswith("-azure")
        ]
        assert provider.inputs.get("subscriptionId") == cluster.subscription, cluster.name
        managed = one(rendering, cluster.name, CLUSTER)
        if cluster.subscription:
            assert managed.outputs["id"].startswith(f"/subscriptions/{cluster.subscription}/")


def test_container_logs_go_to_the_cluster_s_own_workspace_through_container_insights(aks_stack: str) -> None:
    """Issue 25: the addon on the managed-identity path, and the data collection rule and association
    that make it collect (Azure's templates: extension ContainerInsights, its Group-Default stream)."""
    rendering = rendered(aks_stack)
    for cluster in azure_clusters(aks_stack):
        workspace = one(rendering, cluster.name, "azure-native:operationalinsights:Workspace")
        assert workspace.inputs["location"] == cluster.region and workspace.inputs["retentionInDays"] == 365
        addon = reveal(one(rendering, cluster.name, CLUSTER).inputs)["addonProfiles"]["omsagent"]
        assert addon == {"enabled": True, "config": {"logAnalyticsWorkspaceResourceID": workspace.outputs["id"],
                                                     "useAADAuth": "true"}}  # fmt: skip
        [rule] = [r for r in own(rendering, cluster.name, "azure-native:monitor:DataCollectionRule")
                  if r.name.endswith("-container-logs")]  # fmt: skip
        inputs = reveal(rule.inputs)
        assert inputs["location"] == cluster.region and len(inputs["dataCollectionRuleName"]) <= 64
        [extension] = inputs["dataSources"]["extensions"]
        assert extension["extensionName"] == "ContainerInsights"
        assert extension["streams"] == ["Microsoft-ContainerInsights-Group-Default"]
        assert extension["extensionSettings"]["dataCollectionSettings"]["enableContainerLogV2"] is True
        destination = {"name": "ciworkspace", "workspaceResourceId": workspace.outputs["id"]}
        assert inputs["destinations"] == {"logAnalytics": [destination]}
        associations = {r.inputs["dataCollectionRuleId"]: r for r in
                        own(rendering, cluster.name, "azure-native:monitor:DataCollectionRuleAssociation")}  # fmt: skip
        association = associations[rule.outputs["id"]]
        assert association.inputs["resourceUri"] == one(rendering, cluster.name, CLUSTER).outputs["id"]


def test_the_key_vault_is_closed_to_public_networks(aks_stack: str) -> None:
    # Issue 24: "Key Vault open to public networks". KMS reaches a vault without public access
    # only through API Server VNet Integration (AKS KMS limitations), so the API server sits in a
    # delegated /28 of the VNet's free half, and AKS links it to the vault (Key Vault Contributor).
    rendering = rendered(aks_stack)
    for cluster in azure_clusters(aks_stack):
        vault = one(rendering, cluster.name, "azure-native:keyvault:Vault").inputs["properties"]
        assert vault["publicNetworkAccess"] == "Disabled"
        assert vault["networkAcls"] == {"defaultAction": "Deny", "bypass": "None"}
        subnets = {s.inputs["subnetName"]: s for s in own(rendering, cluster.name, "azure-native:network:Subnet")}
        apiserver = subnets["apiserver"]
        assert apiserver.inputs["delegations"] == [
            {"name": "aks", "serviceName": "Microsoft.ContainerService/managedClusters"}
        ]
        prefix = ipaddress.IPv4Network(apiserver.inputs["addressPrefix"])
        nodes = ipaddress.IPv4Network(subnets["nodes"].inputs["addressPrefix"])
        vnet = ipaddress.IPv4Network(cluster.network.node_cidr)
        assert prefix.prefixlen == 28 and prefix.subnet_of(vnet) and not prefix.overlaps(nodes)
        # One subnet PUT at a time on a VNet.
        assert subnets["nodes"].urn in apiserver.dependencies
        profile = reveal(one(rendering, cluster.name, CLUSTER).inputs)["apiServerAccessProfile"]
        assert profile["enableVnetIntegration"] is True
        assert profile["subnetId"] == apiserver.outputs["id"]
