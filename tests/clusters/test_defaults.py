"""Every cluster on every cloud, in every stack, gets the production defaults and the contract."""

from __future__ import annotations

import pytest

from fleet.review.secrets import is_secret, reveal
from tests.conftest import by_type, fleet_of, raw_spec, rendered

CLUSTER_TYPES = {
    "aws": ("fleet:clusters:EksCluster", "aws:eks/cluster:Cluster"),
    "gcp": ("fleet:clusters:GkeCluster", "gcp:container/cluster:Cluster"),
    "azure": ("fleet:clusters:AksCluster", "azure-native:containerservice:ManagedCluster"),
}


def clusters_of(stack: str, cloud: str) -> list:
    return by_type(rendered(stack), CLUSTER_TYPES[cloud][1])


def test_every_stack_renders_one_component_per_cluster(stack: str) -> None:
    fleet = fleet_of(stack)
    rendering = rendered(stack)
    components = sorted(
        (r.type, r.name)
        for r in rendering.resources
        if not r.custom and r.parent is None and r.type.startswith("fleet:clusters:")
    )
    assert components == sorted((CLUSTER_TYPES[c.cloud][0], c.name) for c in fleet.deployed_clusters)


def test_no_resource_uses_a_default_provider(stack: str) -> None:
    for resource in rendered(stack).resources:
        if resource.custom and not resource.type.startswith("pulumi:providers:"):
            assert resource.provider, f"{resource.urn} uses a default provider"
            assert "::default_" not in resource.provider


def test_providers_carry_the_cluster_region(stack: str) -> None:
    fleet = fleet_of(stack)
    providers = {r.name: r.inputs for r in rendered(stack).resources if r.type.startswith("pulumi:providers:")}
    for cluster in fleet.deployed_clusters:
        suffix = {"aws": "aws", "gcp": "gcp", "azure": "azure"}[cluster.cloud]
        inputs = providers[f"{cluster.name}-{suffix}"]
        assert inputs.get("region", inputs.get("location")) == cluster.region


def test_every_child_has_a_parent_and_a_derived_name(stack: str) -> None:
    rendering = rendered(stack)
    by_urn = rendering.by_urn()
    for resource in rendering.resources:
        if resource.parent is None:
            assert resource.type.startswith(
                ("fleet:clusters:", "fleet:guardrails:", "fleet:waves:", "fleet:observability:")
            ), f"{resource.urn} has no parent"
            continue
        parent = by_urn[resource.parent]
        assert resource.name.startswith((parent.name + "-", parent.name + "/")), resource.name


def test_kubeconfigs_are_secret(stack: str) -> None:
    rendering = rendered(stack)
    assert is_secret(rendering.outputs["kubeconfigs"])
    for provider in by_type(rendering, "pulumi:providers:kubernetes"):
        assert is_secret(provider.inputs["kubeconfig"])
    assert "kubeconfig" not in str(rendering.outputs["inventory"])


def test_inventory_lists_every_cluster_with_its_country(stack: str) -> None:
    fleet = fleet_of(stack)
    inventory = rendered(stack).outputs["inventory"]
    assert set(inventory) == {c.name for c in fleet.deployed_clusters}
    for cluster in fleet.deployed_clusters:
        entry = inventory[cluster.name]
        assert (entry["cloud"], entry["region"], entry["country"]) == (
            cluster.cloud,
            cluster.region,
            cluster.region_info.country,
        )
        assert entry["endpoint"].startswith("https://")


def test_eks_defaults(stack: str) -> None:
    fleet = fleet_of(stack)
    spec = fleet.spec
    for resource in clusters_of(stack, "aws"):
        inputs = reveal(resource.inputs)
        cluster = next(c for c in fleet.deployed_clusters if c.name == inputs["name"])
        security, endpoint = spec.security(cluster), spec.api_endpoint(cluster)
        vpc = inputs["vpcConfig"]
        assert vpc["endpointPrivateAccess"] is True
        if endpoint.access == "private":
            assert vpc["endpointPublicAccess"] is False
        else:
            assert vpc["publicAccessCidrs"] == list(endpoint.allowed_cidrs)
        assert inputs["version"] == cluster.kubernetes_version
        assert inputs["encryptionConfig"]["resources"] == ["secrets"]
        assert inputs["encryptionConfig"]["provider"]["keyArn"].startswith("arn:aws:kms:")
        expected_logs = (
            ["api", "audit", "authenticator", "controllerManager", "scheduler"] if security.audit_logs else []
        )
        assert inputs.get("enabledClusterLogTypes", []) == expected_logs
        assert resource.protect is spec.protects_data


def test_gke_defaults(stack: str) -> None:
    fleet = fleet_of(stack)
    spec = fleet.spec
    for resource in clusters_of(stack, "gcp"):
        inputs = reveal(resource.inputs)
        cluster = next(c for c in fleet.deployed_clusters if c.name == inputs["name"])
        endpoint = spec.api_endpoint(cluster)
        private = inputs["privateClusterConfig"]
        assert private["enablePrivateNodes"] is True
        assert private["enablePrivateEndpoint"] is (endpoint.access == "private")
        cidrs = [b["cidrBlock"] for b in inputs["masterAuthorizedNetworksConfig"].get("cidrBlocks", [])]
        if endpoint.access == "restricted":
            assert cidrs == list(endpoint.allowed_cidrs)
        else:  # the private endpoint admits the deploy runners (tests/clusters/test_gke.py has the rest)
            assert not set(endpoint.allowed_cidrs) & set(cidrs)
        assert inputs["databaseEncryption"]["state"] == "ENCRYPTED"
        assert inputs["databaseEncryption"]["keyName"]
        assert inputs["workloadIdentityConfig"] == {"workloadPool": f"{cluster.project}.svc.id.goog"}
        assert inputs["datapathProvider"] == "ADVANCED_DATAPATH"
        assert inputs["minMasterVersion"] == cluster.kubernetes_version
        assert ("APISERVER" in inputs["loggingConfig"]["enableComponents"]) is spec.security(cluster).audit_logs
        assert inputs["deletionProtection"] is spec.protects_data


def test_aks_defaults(stack: str) -> None:
    fleet = fleet_of(stack)
    spec = fleet.spec
    for resource in clusters_of(stack, "azure"):
        inputs = reveal(resource.inputs)
        cluster = next(c for c in fleet.deployed_clusters if c.name == inputs["resourceName"])
        endpoint = spec.api_endpoint(cluster)
        access = inputs["apiServerAccessProfile"]
        assert access["enablePrivateCluster"] is (endpoint.access == "private")
        assert access.get("authorizedIPRanges", []) == (
            [] if endpoint.access == "private" else list(endpoint.allowed_cidrs)
        )
        assert inputs["disableLocalAccounts"] is True
        assert inputs["aadProfile"]["managed"] is True
        kms = inputs["securityProfile"]["azureKeyVaultKms"]
        assert kms["enabled"] is True and kms["keyId"].startswith("https://")
        assert inputs["securityProfile"]["workloadIdentity"] == {"enabled": True}
        assert inputs["networkProfile"]["networkPolicy"] == "cilium"
        assert inputs["kubernetesVersion"] == cluster.kubernetes_version
        assert inputs["autoUpgradeProfile"]["upgradeChannel"] == "none"


def test_aks_audit_logs_go_to_log_analytics() -> None:
    rendering = rendered("prod")
    settings = by_type(rendering, "azure-native:monitor:DiagnosticSetting")
    assert len(settings) == 2
    for setting in settings:
        assert [log["category"] for log in setting.inputs["logs"]] == ["kube-audit", "kube-apiserver", "guard"]


def test_dev_turns_audit_logs_off_and_keeps_the_rest() -> None:
    rendering = rendered("dev")
    assert by_type(rendering, "azure-native:monitor:DiagnosticSetting") == []
    # Only the containers' log groups stay (and the logs key that encrypts them).
    groups = by_type(rendering, "aws:cloudwatch/logGroup:LogGroup")
    assert groups and all(g.inputs["name"].startswith("/aws/containerinsights/") for g in groups)
    assert sorted(k.name.rsplit("-", 1)[1] for k in by_type(rendering, "aws:kms/key:Key")) == ["logs", "secrets"]


def test_node_pools_autoscale_within_the_spec(stack: str) -> None:
    fleet = fleet_of(stack)
    pools = {(c.name, p.name): p for c in fleet.deployed_clusters for p in c.node_pools}
    rendering = rendered(stack)
    for group in by_type(rendering, "aws:eks/nodeGroup:NodeGroup"):
        scaling = group.inputs["scalingConfig"]
        pool_name = group.inputs["nodeGroupNamePrefix"].removesuffix("-")
        pool = pools[(group.name.rsplit("-" + pool_name, 1)[0], pool_name)]
        assert (scaling["minSize"], scaling["maxSize"]) == (pool.min_size, pool.max_size)
    for pool_resource in by_type(rendering, "gcp:container/nodePool:NodePool"):
        autoscaling = pool_resource.inputs["autoscaling"]
        assert autoscaling["totalMinNodeCount"] <= autoscaling["totalMaxNodeCount"]
        # A release channel requires node auto-upgrade; the nodes follow the control plane's exact
        # version (tests/clusters/test_gke.py::test_versions_are_held_and_exact).
        assert pool_resource.inputs["management"]["autoUpgrade"] is True


def test_every_taggable_resource_carries_ownership_tags(stack: str) -> None:
    fleet = fleet_of(stack)
    spec = fleet.spec
    for resource in rendered(stack).resources:
        tags = resource.inputs.get("tags") or resource.inputs.get("resourceLabels")
        if tags is None or resource.type.startswith("pulumi:providers:"):
            continue
        tags = reveal(tags)
        assert tags["fleet-owner"] == spec.owner, resource.urn
        assert tags["fleet-environment"] == spec.environment, resource.urn
        assert tags["managed-by"] == "fleet", resource.urn


@pytest.mark.parametrize("cloud", ["aws", "gcp", "azure"])
def test_switching_encryption_off_removes_the_key(cloud: str) -> None:
    from fleet.review.render import render

    spec = raw_spec("dev")
    spec["defaults"]["security"]["secretsEncryption"] = False
    rendering = render(spec, "dev")
    key_types = {"aws": "aws:kms/key:Key", "gcp": "gcp:kms/cryptoKey:CryptoKey", "azure": "azure-native:keyvault:Key"}
    # The Secrets key; EKS keeps the logs key, which encrypts the containers' log groups.
    assert [k.name for k in by_type(rendering, key_types[cloud]) if not k.name.endswith("-logs")] == []
