"""EKS, on the rendered resources of every stack: what a first `pulumi up` needs (identities,
reachability, roles and their order, storage, autoscaling, zones, name limits) and what keeps the
second one quiet (exact versions, fields AWS owns left alone, protected keys)."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from fleet.clusters import eks
from fleet.clusters.network import EKS_UNSUPPORTED_ZONE_IDS, aws_zone_ids
from fleet.core import catalog, eks_addons, kinds
from fleet.core.alerts import rule_groups
from fleet.core.catalog.kubernetes import SUPPORTED_KUBERNETES_VERSIONS
from fleet.core.kinds import aws as aws_kind
from fleet.observability import aws as prometheus
from fleet.review.render import Rendering, Resource
from fleet.review.secrets import reveal
from fleet.spec.model import ClusterBase
from tests.conftest import fleet_of, rendered

ADDONS = {*eks.ADDONS_BEFORE_NODES, *eks.ADDONS_AFTER_NODES}


def eks_clusters(stack: str) -> list[tuple[ClusterBase, dict[str, list[Resource]]]]:
    """Each EKS cluster of the stack with its component's children, by type."""
    rendering = rendered(stack)
    found: list[tuple[ClusterBase, dict[str, list[Resource]]]] = []
    for spec in fleet_of(stack).deployed_clusters:
        if not isinstance(spec, ClusterBase) or spec.cloud != "aws":
            continue
        component = next(
            r for r in rendering.resources if r.type == "fleet:clusters:EksCluster" and r.name == spec.name
        )
        children: dict[str, list[Resource]] = {}
        for resource in rendering.resources:
            if resource.parent == component.urn:
                children.setdefault(resource.type, []).append(resource)
        found.append((spec, children))
    return found


def one(children: dict[str, list[Resource]], type_: str, name: str | None = None) -> Resource:
    matches = [r for r in children.get(type_, []) if name is None or r.name == name]
    assert len(matches) == 1, (type_, name, [r.name for r in children.get(type_, [])])
    return matches[0]


def before(rendering: Rendering, resource: Resource) -> set[str]:
    """Everything the engine creates before ``resource``: its dependencies and its provider, and
    theirs."""
    by_urn = rendering.by_urn()
    seen: set[str] = set()
    todo = [resource]
    while todo:
        current = todo.pop()
        for urn in [*current.dependencies, *([current.provider] if current.provider else [])]:
            if urn not in seen and urn in by_urn:
                seen.add(urn)
                todo.append(by_urn[urn])
    return seen


def addons(children: dict[str, list[Resource]]) -> dict[str, Resource]:
    return {a.inputs["addonName"]: a for a in children["aws:eks/addon:Addon"]}


def test_every_stack_with_eks_is_covered() -> None:
    assert {s for s in ("dev", "staging", "prod", "global-eu", "global-us") if eks_clusters(s)} == {
        "dev",
        "staging",
        "prod",
        "global-eu",
        "global-us",
    }


def test_access_entries_map_the_deployer_and_every_bound_group(stack: str) -> None:
    fleet = fleet_of(stack)
    identity, deployer = fleet.spec.identity, fleet.spec.deployer.aws
    for spec, children in eks_clusters(stack):
        cluster = one(children, "aws:eks/cluster:Cluster")
        # Nobody is admin because they ran CreateCluster; only entries declared here count.
        assert cluster.inputs["accessConfig"] == {
            "authenticationMode": "API",
            "bootstrapClusterCreatorAdminPermissions": False,
        }
        expected: dict[str, set[str]] = {deployer.role_arn: set()}  # type: ignore[union-attr]
        for group in fleet.bound_groups(spec.name):
            expected.setdefault(identity.groups[group].aws, set()).add(group)  # type: ignore[arg-type]
        preview = fleet.spec.deployer.preview
        if preview and preview.aws_role_arn:
            expected.setdefault(preview.aws_role_arn, set())  # reads the cluster (test below)
        entries = children["aws:eks/accessEntry:AccessEntry"]
        assert {e.inputs["principalArn"]: set(e.inputs.get("kubernetesGroups") or []) for e in entries} == expected
        assert len(entries) == len(expected)  # one entry per principal: EKS refuses a second
        for entry in entries:
            assert entry.inputs["type"] == "STANDARD"
            assert not any(g.startswith("system:") for g in entry.inputs.get("kubernetesGroups") or [])
        admin = one(children, "aws:eks/accessPolicyAssociation:AccessPolicyAssociation", f"{spec.name}-deployer-admin")
        assert admin.inputs["principalArn"] == deployer.role_arn  # type: ignore[union-attr]
        assert admin.inputs["policyArn"] == "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"
        assert admin.inputs["accessScope"] == {"type": "cluster"}


def test_kubernetes_objects_wait_for_access_nodes_and_networking(stack: str) -> None:
    rendering = rendered(stack)
    for spec, children in eks_clusters(stack):
        provider = one(children, "pulumi:providers:kubernetes")
        waits = before(rendering, provider)
        admin = one(children, "aws:eks/accessPolicyAssociation:AccessPolicyAssociation", f"{spec.name}-deployer-admin")
        assert admin.urn in waits
        for group in children["aws:eks/nodeGroup:NodeGroup"]:
            assert group.urn in waits
        for name in ADDONS:
            assert addons(children)[name].urn in waits
        for rule in children.get("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", []):
            assert rule.urn in waits


def test_tenants_wait_for_the_storage_class_and_the_autoscaler(stack: str) -> None:
    rendering = rendered(stack)
    for spec, children in eks_clusters(stack):
        platform = {
            one(children, "kubernetes:storage.k8s.io/v1:StorageClass").urn,
            one(children, "kubernetes:helm.sh/v3:Release").urn,
        }
        tenants = [r for r in rendering.resources if r.type.startswith("fleet:tenancy:") and "Tenant" in r.type]
        for tenant in tenants:
            if tenant.name.startswith(spec.name + "/"):
                assert platform <= set(tenant.dependencies), tenant.name


def test_private_endpoints_admit_the_deployer_network_and_restricted_ones_its_egress(stack: str) -> None:
    fleet = fleet_of(stack)
    deployer = fleet.spec.deployer
    for spec, children in eks_clusters(stack):
        access = fleet.spec.api_endpoint(spec)
        cluster = one(children, "aws:eks/cluster:Cluster")
        vpc = cluster.inputs["vpcConfig"]
        rules = children.get("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", [])
        if access.access == "private":
            assert (vpc["endpointPrivateAccess"], vpc["endpointPublicAccess"]) == (True, False)
            [rule] = rules
            assert (rule.inputs["ipProtocol"], rule.inputs["fromPort"], rule.inputs["toPort"]) == ("tcp", 443, 443)
            assert rule.inputs["cidrIpv4"] == deployer.private_network
            assert rule.inputs["securityGroupId"] == cluster.outputs["vpcConfig"]["clusterSecurityGroupId"]
        else:
            assert rules == []
            assert vpc["publicAccessCidrs"] == list(access.allowed_cidrs)
            assert set(deployer.public_egress) <= set(access.allowed_cidrs)


def test_roles_exist_and_are_attached_before_their_use(stack: str) -> None:
    rendering = rendered(stack)
    for spec, children in eks_clusters(stack):
        roles = {r.name.removeprefix(spec.name + "-"): r for r in children["aws:iam/role:Role"]}
        flow_logs = {"flow-logs"} if fleet_of(stack).spec.security(spec).audit_logs else set()
        assert set(roles) == {"control-plane", "nodes", "ebs-csi", "autoscaler", "cloudwatch", *flow_logs}
        attachments = {
            a.name.removeprefix(spec.name + "-"): a
            for a in children["aws:iam/rolePolicyAttachment:RolePolicyAttachment"]
        }
        cluster = one(children, "aws:eks/cluster:Cluster")
        assert attachments["control-plane"].urn in before(rendering, cluster)
        node_attachments = {a.urn for key, a in attachments.items() if key.startswith("nodes-")}
        assert len(node_attachments) == len(eks.NODE_POLICIES)
        for group in children["aws:eks/nodeGroup:NodeGroup"]:
            assert node_attachments <= before(rendering, group)
        ebs = addons(children)["aws-ebs-csi-driver"]
        assert attachments["ebs-csi"].inputs["policyArn"] == eks.EBS_CSI_POLICY
        assert attachments["ebs-csi"].urn in before(rendering, ebs)
        assert ebs.inputs["podIdentityAssociations"] == [
            {"roleArn": roles["ebs-csi"].outputs["arn"], "serviceAccount": eks.EBS_CSI_SERVICE_ACCOUNT}
        ]
        autoscaler = one(children, "kubernetes:helm.sh/v3:Release")
        identity = one(children, "aws:eks/podIdentityAssociation:PodIdentityAssociation")
        policy = one(children, "aws:iam/rolePolicy:RolePolicy", f"{spec.name}-autoscaler")
        assert {identity.urn, policy.urn, roles["autoscaler"].urn} <= before(rendering, autoscaler)
        assert identity.inputs["roleArn"] == roles["autoscaler"].outputs["arn"]
        assert (identity.inputs["namespace"], identity.inputs["serviceAccount"]) == (
            eks.AUTOSCALER_NAMESPACE,
            eks.AUTOSCALER_SERVICE_ACCOUNT,
        )
        # Each pod role trusts EKS Pod Identity for its own service account on this cluster only.
        for key, (namespace, account) in {
            "ebs-csi": ("kube-system", eks.EBS_CSI_SERVICE_ACCOUNT),
            "autoscaler": (eks.AUTOSCALER_NAMESPACE, eks.AUTOSCALER_SERVICE_ACCOUNT),
            "cloudwatch": (eks.CLOUDWATCH_NAMESPACE, eks.CLOUDWATCH_SERVICE_ACCOUNT),
        }.items():
            [statement] = json.loads(roles[key].inputs["assumeRolePolicy"])["Statement"]
            assert statement["Principal"] == {"Service": "pods.eks.amazonaws.com"}
            assert statement["Action"] == ["sts:AssumeRole", "sts:TagSession"]
            assert statement["Condition"]["StringEquals"] == {
                "aws:RequestTag/eks-cluster-name": spec.name,
                "aws:RequestTag/kubernetes-namespace": namespace,
                "aws:RequestTag/kubernetes-service-account": account,
            }
        # The autoscaler may change capacity only of this cluster's Auto Scaling groups.
        writes = json.loads(policy.inputs["policy"])["Statement"][1]
        assert writes["Condition"] == {
            "StringEquals": {f"aws:ResourceTag/k8s.io/cluster-autoscaler/{spec.name}": "owned"}
        }


def test_a_default_encrypted_storage_class_on_the_ebs_csi_driver(stack: str) -> None:
    rendering = rendered(stack)
    for _spec, children in eks_clusters(stack):
        storage = one(children, "kubernetes:storage.k8s.io/v1:StorageClass")
        inputs = storage.inputs
        assert inputs["metadata"]["annotations"] == {"storageclass.kubernetes.io/is-default-class": "true"}
        assert inputs["provisioner"] == "ebs.csi.aws.com"
        assert inputs["volumeBindingMode"] == "WaitForFirstConsumer"
        assert {k: v for k, v in inputs["parameters"].items() if not k.startswith("tagSpecification_")} == {
            "type": "gp3",
            "encrypted": "true",
        }
        # Volumes carry the cluster's tags, residency included.
        tags = one(children, "aws:eks/cluster:Cluster").inputs["tags"]
        assert sorted(v for k, v in inputs["parameters"].items() if k.startswith("tagSpecification_")) == sorted(
            f"{k}={v}" for k, v in tags.items()
        )
        assert addons(children)["aws-ebs-csi-driver"].urn in before(rendering, storage)


def test_cluster_autoscaler_scales_the_node_groups_within_the_spec(stack: str) -> None:
    for spec, children in eks_clusters(stack):
        release = one(children, "kubernetes:helm.sh/v3:Release")
        inputs = release.inputs
        assert (inputs["chart"], inputs["version"], inputs["repositoryOpts"]) == (
            "cluster-autoscaler",
            "9.59.0",
            {"repo": "https://kubernetes.github.io/autoscaler"},
        )
        assert (inputs["name"], inputs["namespace"]) == ("cluster-autoscaler", "kube-system")
        values = inputs["values"]
        assert values["image"] == {"tag": eks.AUTOSCALER_IMAGE_TAGS[spec.kubernetes_version]}
        assert values["autoDiscovery"] == {"clusterName": spec.name}
        assert (values["cloudProvider"], values["awsRegion"]) == ("aws", spec.region)
        assert values["rbac"]["serviceAccount"]["name"] == eks.AUTOSCALER_SERVICE_ACCOUNT
        pools = {p.name: p for p in spec.node_pools}
        groups = children["aws:eks/nodeGroup:NodeGroup"]
        assert sorted(g.name for g in groups) == sorted(f"{spec.name}-{p}" for p in pools)
        for group in groups:
            pool = pools[group.name.removeprefix(spec.name + "-")]
            scaling = group.inputs["scalingConfig"]
            assert (scaling["minSize"], scaling["maxSize"]) == (pool.min_size, pool.max_size)
            assert scaling["desiredSize"] == max(pool.min_size, 1)
            # The autoscaler owns the desired size from then on.
            assert "scalingConfig.desiredSize" in group.ignore_changes


def test_autoscaler_images_follow_each_supported_minor() -> None:
    assert set(eks.AUTOSCALER_IMAGE_TAGS) == set(SUPPORTED_KUBERNETES_VERSIONS)
    for minor, tag in eks.AUTOSCALER_IMAGE_TAGS.items():
        assert tag.startswith(f"v{minor}.")


def test_versions_are_exact(stack: str) -> None:
    for spec, children in eks_clusters(stack):
        cluster = one(children, "aws:eks/cluster:Cluster")
        assert cluster.inputs["version"] == spec.kubernetes_version
        assert cluster.inputs["upgradePolicy"] == {"supportType": "STANDARD"}
        for group in children["aws:eks/nodeGroup:NodeGroup"]:
            assert group.inputs["version"] == spec.kubernetes_version
            assert "releaseVersion" not in group.inputs
        # Every add-on is managed here, at the version fleet pins for this minor: never EKS's
        # default, which AWS moves without a commit here (issue 24).
        assert cluster.inputs["bootstrapSelfManagedAddons"] is False
        assert set(addons(children)) == ADDONS | {
            prometheus.KUBE_STATE_METRICS_ADDON,
            eks_addons.CLOUDWATCH_OBSERVABILITY,
        }
        for name, addon in addons(children).items():
            assert addon.inputs["addonVersion"] == eks_addons.VERSIONS[name][spec.kubernetes_version]


def test_every_addon_is_pinned_for_every_minor_fleet_offers() -> None:
    for name, pins in eks_addons.VERSIONS.items():
        assert set(pins) == set(SUPPORTED_KUBERNETES_VERSIONS), name
        assert all(re.fullmatch(r"v\d+\.\d+\.\d+-eksbuild\.\d+", v) for v in pins.values()), name
    # kube-proxy follows the cluster's minor.
    for minor, pinned in eks_addons.VERSIONS[eks_addons.KUBE_PROXY].items():
        assert pinned.startswith(f"v{minor}.")


def test_production_protects_what_encrypts_and_records_the_cluster(stack: str) -> None:
    protect = fleet_of(stack).spec.protects_data
    for spec, children in eks_clusters(stack):
        cluster = one(children, "aws:eks/cluster:Cluster")
        assert cluster.protect is protect
        assert cluster.inputs["deletionProtection"] is protect
        kept = [*children.get("aws:kms/key:Key", []), *children.get("aws:kms/alias:Alias", [])]
        kept += children.get("aws:cloudwatch/logGroup:LogGroup", [])
        security = fleet_of(stack).spec.security(spec)
        # The Secrets key, and the logs key (container logs have log groups whatever auditLogs says).
        assert len(children.get("aws:kms/key:Key", [])) == security.secrets_encryption + 1
        for resource in kept:
            assert resource.protect is protect, resource.name


def test_nat_gateways_and_their_addresses_wait_for_the_internet_gateway(stack: str) -> None:
    for _spec, children in eks_clusters(stack):
        igw = one(children, "aws:ec2/internetGateway:InternetGateway")
        for resource in [*children["aws:ec2/eip:Eip"], *children["aws:ec2/natGateway:NatGateway"]]:
            assert igw.urn in resource.dependencies, resource.name


def test_nodes_wait_for_egress_and_pod_networking(stack: str) -> None:
    rendering = rendered(stack)
    for _spec, children in eks_clusters(stack):
        private = {
            r.urn
            for r in [
                *children["aws:ec2/route:Route"],
                *children["aws:ec2/routeTableAssociation:RouteTableAssociation"],
            ]
            if "-private-" in r.name
        }
        assert len(private) == 2 * 3
        networking = {addons(children)[name].urn for name in eks.ADDONS_BEFORE_NODES}
        groups = children["aws:eks/nodeGroup:NodeGroup"]
        for group in groups:
            assert private | networking <= before(rendering, group)
        for name in eks.ADDONS_AFTER_NODES:
            assert {g.urn for g in groups} <= before(rendering, addons(children)[name])


def test_routes_are_their_own_resources(stack: str) -> None:
    # A route table with inline routes deletes the routes it does not list, such as one a team adds
    # by hand. The routes toward the deploy runners are tested in test_runner_network.py.
    for spec, children in eks_clusters(stack):
        tables = children["aws:ec2/routeTable:RouteTable"]
        assert len(tables) == 4 and all("routes" not in t.inputs for t in tables)
        routes = {
            r.name.removeprefix(spec.name + "-"): r.inputs
            for r in children["aws:ec2/route:Route"]
            if not r.inputs.get("transitGatewayId")
        }
        assert set(routes) == {"public-internet", *(f"private-{z}-internet" for z in range(3))}
        assert all(r["destinationCidrBlock"] == "0.0.0.0/0" for r in routes.values())
        assert "gatewayId" in routes["public-internet"]
        assert all("natGatewayId" in routes[f"private-{z}-internet"] for z in range(3))


def test_subnets_sit_in_three_zones_eks_supports_and_stay_there(stack: str) -> None:
    for _spec, children in eks_clusters(stack):
        subnets = children["aws:ec2/subnet:Subnet"]
        assert len(subnets) == 6
        for subnet in subnets:
            assert "availabilityZone" not in subnet.inputs
            assert subnet.inputs["availabilityZoneId"] not in EKS_UNSUPPORTED_ZONE_IDS
            assert subnet.ignore_changes == ["availabilityZoneId"]
        by_kind = {
            kind: [
                s.inputs["availabilityZoneId"] for s in sorted(subnets, key=lambda s: s.name) if f"-{kind}-" in s.name
            ]
            for kind in ("public", "private")
        }
        assert by_kind["public"] == by_kind["private"] and len(set(by_kind["private"])) == 3


def test_zone_choice() -> None:
    offered = [(t, z) for t in ("m7i.large", "m7i.xlarge") for z in ("use1-az1", "use1-az2", "use1-az4", "use1-az10")]
    offered += [("m7i.large", "use1-az5")]
    zones = ["use1-az10", "use1-az5", "use1-az4", "use1-az3", "use1-az2", "use1-az1"]
    # az3 cannot hold an EKS control plane, az5 lacks one of the types, az10 sorts after az4.
    assert aws_zone_ids(
        "us-east-1",
        zones,
        [*offered, ("m7i.large", "use1-az3"), ("m7i.xlarge", "use1-az3")],
        ["m7i.large", "m7i.xlarge"],
    ) == [
        "use1-az1",
        "use1-az2",
        "use1-az4",
    ]
    with pytest.raises(ValueError, match=r"eu-central-2 has 2 Availability Zones that offer m7i\.xlarge"):
        aws_zone_ids(
            "eu-central-2",
            ["euc2-az1", "euc2-az2", "euc2-az3"],
            [("m7i.xlarge", "euc2-az1"), ("m7i.xlarge", "euc2-az3")],
            ["m7i.xlarge"],
        )


def test_addons_own_pod_networking_without_conflicts(stack: str) -> None:
    for _spec, children in eks_clusters(stack):
        found = addons(children)
        for addon in found.values():
            assert (addon.inputs["resolveConflictsOnCreate"], addon.inputs["resolveConflictsOnUpdate"]) == (
                "OVERWRITE",
                "OVERWRITE",
            )
        for name in ("vpc-cni", "kube-proxy", "coredns"):
            assert found[name].inputs["preserve"] is True
        # The form EKS returns: no spaces, so the next run sees no change.
        assert found["vpc-cni"].inputs["configurationValues"] == '{"enableNetworkPolicy":"true"}'


def test_node_groups_are_named_by_prefix_so_a_replacement_can_start_first(stack: str) -> None:
    for spec, children in eks_clusters(stack):
        for group in children["aws:eks/nodeGroup:NodeGroup"]:
            pool = group.name.removeprefix(spec.name + "-")
            assert "nodeGroupName" not in group.inputs
            assert group.inputs["nodeGroupNamePrefix"] == f"{pool}-"


def test_names_fit_aws_limits(stack: str) -> None:
    for spec, children in eks_clusters(stack):
        assert len(spec.name) <= kinds.kind("aws").max_cluster_name
        for role in children["aws:iam/role:Role"]:
            # Auto-named: the logical name, '-' and 7 random characters; IAM allows 64.
            assert "name" not in role.inputs and len(role.name) + aws_kind.AUTONAME_SUFFIX <= aws_kind.IAM_ROLE_NAME_MAX
        for policy in children["aws:iam/rolePolicy:RolePolicy"]:
            assert len(policy.name) + aws_kind.AUTONAME_SUFFIX <= 128
        for template in children["aws:ec2/launchTemplate:LaunchTemplate"]:
            assert len(template.name) + aws_kind.AUTONAME_SUFFIX <= 128
        for group in children["aws:eks/nodeGroup:NodeGroup"]:
            assert len(group.inputs["nodeGroupNamePrefix"]) <= aws_kind.NODE_GROUP_PREFIX_MAX
        for log in children.get("aws:cloudwatch/logGroup:LogGroup", []):
            # EKS's own name for the control plane's; fleet's for the flow logs; Fluent Bit's for the
            # containers'; 512 at most.
            assert log.inputs["name"] in (
                f"/aws/eks/{spec.name}/cluster",
                f"/fleet/{spec.name}/vpc-flow-logs",
                *(f"/aws/containerinsights/{spec.name}/{s}" for s in eks.CONTAINER_LOG_STREAMS),
            )
        for alias in children.get("aws:kms/alias:Alias", []):
            assert alias.inputs["name"].startswith("alias/fleet/") and len(alias.inputs["name"]) <= 256
    assert kinds.kind("aws").max_cluster_name == 42 and kinds.kind("aws").max_pool_name == 36


def test_instances_and_volumes_carry_the_cluster_tags(stack: str) -> None:
    for spec, children in eks_clusters(stack):
        tags = one(children, "aws:eks/cluster:Cluster").inputs["tags"]
        assert "fleet-residency" in tags
        pools = {p.name: p for p in spec.node_pools}
        for group in children["aws:eks/nodeGroup:NodeGroup"]:
            pool = pools[group.name.removeprefix(spec.name + "-")]
            template = one(children, "aws:ec2/launchTemplate:LaunchTemplate", f"{group.name}-nodes")
            assert group.inputs["launchTemplate"] == {"id": template.outputs["id"], "version": "1"}
            assert "diskSize" not in group.inputs  # EKS refuses it next to a launch template
            assert template.inputs["tagSpecifications"] == [
                {"resourceType": "instance", "tags": tags},
                {"resourceType": "volume", "tags": tags},
            ]
            [disk] = template.inputs["blockDeviceMappings"]
            assert disk["ebs"]["volumeSize"] == pool.disk_size_gb and disk["ebs"]["encrypted"] == "true"
            assert template.inputs["metadataOptions"]["httpTokens"] == "required"
            # Issue 24: a hop limit of 2 let every tenant pod reach the node role's credentials.
            assert template.inputs["metadataOptions"]["httpPutResponseHopLimit"] == 1


def test_kubeconfig_authenticates_without_a_prompt(stack: str) -> None:
    for spec, children in eks_clusters(stack):
        config = json.loads(reveal(one(children, "pulumi:providers:kubernetes").inputs["kubeconfig"]))
        [user] = config["users"]
        assert user["user"]["exec"]["command"] == "aws"
        assert user["user"]["exec"]["args"] == [
            "eks",
            "get-token",
            "--cluster-name",
            spec.name,
            "--region",
            # get-token presigns an STS call; for an opt-in Region that call goes to us-east-1.
            "us-east-1" if catalog.aws_opt_in(spec.region) else spec.region,
            "--output",
            "json",
        ]
        assert user["user"]["exec"]["interactiveMode"] == "Never"


def test_sts_for_a_cluster_in_an_opt_in_region_runs_where_every_account_has_it() -> None:
    # Issue 24: "STS and `aws eks get-token` run in the cluster's region as the deploy role, so the region
    # must be enabled in the calling account too". prod-aws-euzh is in eu-central-2 (Zurich), enabled
    # only in its own account 333333333366; the deploy role is in 333333333333.
    assert catalog.aws_opt_in("eu-central-2")
    regions = {}
    for spec, children in eks_clusters("prod"):
        provider = one(children, "pulumi:providers:aws")
        regions[spec.name] = (spec.region, provider.inputs.get("stsRegion"))
    assert regions["prod-aws-euzh"] == ("eu-central-2", "us-east-1")
    assert all(sts is None for name, (_, sts) in regions.items() if name != "prod-aws-euzh")


def test_clusters_deploy_into_the_account_their_spec_names(stack: str) -> None:
    deployer = fleet_of(stack).spec.deployer.aws
    assert deployer is not None
    for spec, children in eks_clusters(stack):
        provider = one(children, "pulumi:providers:aws")
        allowed = json.loads(provider.inputs["allowedAccountIds"]) if "allowedAccountIds" in provider.inputs else None
        assert allowed == ([spec.account] if spec.account else None), spec.name
        roles = json.loads(provider.inputs.get("assumeRoles", "null") or "null")
        if spec.account and spec.account != deployer.account:
            name = deployer.role_arn.split(":role/", 1)[1]
            assert roles == [{"roleArn": f"arn:aws:iam::{spec.account}:role/{name}", "sessionName": "fleet-deploy"}]
        else:
            assert roles is None, spec.name


def test_the_vpcs_default_security_group_is_adopted_with_no_rule(stack: str) -> None:
    """Issue 24: a default group left as AWS makes it admits all traffic among its members."""
    for _spec, children in eks_clusters(stack):
        vpc = one(children, "aws:ec2/vpc:Vpc")
        group = one(children, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup")
        assert group.inputs["vpcId"] == vpc.outputs["id"]
        assert not group.inputs.get("ingress") and not group.inputs.get("egress")


def test_the_log_groups_have_a_key_of_their_own_that_only_their_logs_may_use(stack: str) -> None:
    """Issue 24: log groups without a customer key, and no VPC flow logs."""
    for spec, children in eks_clusters(stack):
        groups = {g.inputs["name"]: g for g in children.get("aws:cloudwatch/logGroup:LogGroup", [])}
        audit = fleet_of(stack).spec.security(spec).audit_logs
        names = [
            *([f"/aws/eks/{spec.name}/cluster", f"/fleet/{spec.name}/vpc-flow-logs"] if audit else []),
            *(f"/aws/containerinsights/{spec.name}/{s}" for s in ("application", "dataplane", "host")),
        ]
        assert sorted(groups) == sorted(names)
        key = one(children, "aws:kms/key:Key", f"{spec.name}-logs")
        for group in groups.values():
            assert group.inputs["kmsKeyId"] == key.outputs["arn"] and group.inputs["retentionInDays"] == 365
        assert key.inputs["enableKeyRotation"] is True
        account = spec.account or "123456789012"
        statements = {s["Sid"]: s for s in json.loads(key.inputs["policy"])["Statement"]}
        logs = statements["CloudWatchLogsEncryptsTheClusterLogGroups"]
        assert logs["Principal"] == {"Service": f"logs.{spec.region}.amazonaws.com"}
        assert sorted(logs["Condition"]["ArnLike"]["kms:EncryptionContext:aws:logs:arn"]) == sorted(
            f"arn:aws:logs:{spec.region}:{account}:log-group:{name}" for name in names
        )
        assert statements["AccountAdministers"]["Principal"] == {"AWS": f"arn:aws:iam::{account}:root"}
        if not audit:
            assert not children.get("aws:ec2/flowLog:FlowLog")  # with audit logs off (dev), none
            continue
        # Every flow of the VPC, accepted or rejected, to the flow-log group, delivered by a role
        # only this account's flow-log service may assume.
        flow = one(children, "aws:ec2/flowLog:FlowLog")
        assert flow.inputs["vpcId"] == one(children, "aws:ec2/vpc:Vpc").outputs["id"]
        assert flow.inputs["trafficType"] == "ALL" and flow.inputs["logDestinationType"] == "cloud-watch-logs"
        assert flow.inputs["logDestination"] == groups[names[1]].outputs["arn"]
        role = one(children, "aws:iam/role:Role", f"{spec.name}-flow-logs")
        [trust] = json.loads(role.inputs["assumeRolePolicy"])["Statement"]
        assert trust["Principal"] == {"Service": "vpc-flow-logs.amazonaws.com"}
        assert trust["Condition"] == {"StringEquals": {"aws:SourceAccount": account}}
        assert flow.inputs["iamRoleArn"] == role.outputs["arn"]


def test_managed_prometheus_scrapes_the_cluster_into_a_workspace_of_its_own_region(stack: str) -> None:
    """Issue 25: a workspace, kube-state-metrics, a managed collector from the cluster to the workspace
    and the alert set as rules, all in the cluster's region; the collector sits in the cluster's own
    subnets and security group, as AMP asks."""
    rendering = rendered(stack)
    for spec, children in eks_clusters(stack):
        cluster = one(children, "aws:eks/cluster:Cluster")
        workspace = one(children, "aws:amp/workspace:Workspace")
        scraper = one(children, "aws:amp/scraper:Scraper")
        rules = one(children, "aws:amp/ruleGroupNamespace:RuleGroupNamespace")
        # The provider is the cluster's: one region for the three, as AMP requires.
        assert workspace.provider == scraper.provider == rules.provider == cluster.provider
        assert workspace.outputs["arn"].split(":")[3] == spec.region
        assert workspace.inputs["tags"]["AMPAgentlessScraper"] == ""  # the collector adds it: no diff
        assert workspace.protect == fleet_of(stack).spec.protects_data
        source = scraper.inputs["source"]["eks"]
        assert source["clusterArn"] == cluster.outputs["arn"]
        assert sorted(source["subnetIds"]) == sorted(cluster.inputs["vpcConfig"]["subnetIds"])
        assert 2 <= len(source["subnetIds"]) <= 5  # AMP: two zones at least, five subnets at most
        assert source["securityGroupIds"] == [cluster.outputs["vpcConfig"]["clusterSecurityGroupId"]]
        assert scraper.inputs["destination"] == {"amp": {"workspaceArn": workspace.outputs["arn"]}}
        assert addons(children)[prometheus.KUBE_STATE_METRICS_ADDON].urn in before(rendering, scraper)
        config = yaml.safe_load(scraper.inputs["scrapeConfiguration"])
        assert config["global"]["external_labels"] == {"cluster": spec.name}
        assert {job["job_name"] for job in config["scrape_configs"]} == {"kube-state-metrics", "kubelet"}
        assert rules.inputs["name"] == "fleet-alerts" and rules.inputs["workspaceId"] == workspace.outputs["id"]
        assert yaml.safe_load(rules.inputs["data"]) == {"groups": rule_groups()}


def test_container_logs_go_to_the_clusters_own_log_groups_through_the_cloudwatch_addon(stack: str) -> None:
    """Issue 25: container logs through AWS's own path, into log groups of the cluster's region that
    exist, with retention and key, before Fluent Bit could create them without."""
    rendering = rendered(stack)
    for spec, children in eks_clusters(stack):
        addon = addons(children)[eks_addons.CLOUDWATCH_OBSERVABILITY]
        assert (
            addon.inputs["addonVersion"]
            == eks_addons.VERSIONS[eks_addons.CLOUDWATCH_OBSERVABILITY][spec.kubernetes_version]
        )
        # Logs only: no Container Insights metrics, no Application Signals (AMP holds the metrics).
        assert json.loads(addon.inputs["configurationValues"]) == {
            "applicationSignals": {"enabled": False},
            "containerInsights": {"enabled": False},
            "containerLogs": {"enabled": True},
            "otelContainerInsights": {"enabled": False},
        }
        assert addon.inputs["configurationValues"] == json.dumps(
            json.loads(addon.inputs["configurationValues"]), separators=(",", ":"), sort_keys=True
        )
        groups = sorted(
            (g for g in children["aws:cloudwatch/logGroup:LogGroup"] if "/aws/containerinsights/" in g.inputs["name"]),
            key=lambda g: g.inputs["name"],
        )
        assert len(groups) == 3 and all(g.provider == addon.provider for g in groups)
        nodes = {g.urn for g in children["aws:eks/nodeGroup:NodeGroup"]}
        assert {g.urn for g in groups} | nodes <= before(rendering, addon)
        role = one(children, "aws:iam/role:Role", f"{spec.name}-cloudwatch")
        assert addon.inputs["podIdentityAssociations"] == [
            {"roleArn": role.outputs["arn"], "serviceAccount": eks.CLOUDWATCH_SERVICE_ACCOUNT}
        ]
        # The role writes streams into those three groups, and nothing else.
        policy = one(children, "aws:iam/rolePolicy:RolePolicy", f"{spec.name}-cloudwatch")
        assert policy.urn in before(rendering, addon)
        [statement] = json.loads(policy.inputs["policy"])["Statement"]
        assert set(statement["Action"]) == {"logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"}
        arns = [g.outputs["arn"] for g in groups]
        assert sorted(statement["Resource"]) == sorted(a for arn in arns for a in (arn, f"{arn}:*"))


def test_the_preview_role_reads_the_cluster_and_never_its_secrets(stack: str) -> None:
    # Issue 24: previews' own read-only identity, rendered like the deploy role's access.
    preview = fleet_of(stack).spec.deployer.preview
    assert preview is not None and preview.aws_role_arn
    for spec, children in eks_clusters(stack):
        entry = one(children, "aws:eks/accessEntry:AccessEntry", f"{spec.name}-preview")
        assert entry.inputs["principalArn"] == preview.aws_role_arn and "kubernetesGroups" not in entry.inputs
        view = one(children, "aws:eks/accessPolicyAssociation:AccessPolicyAssociation", f"{spec.name}-preview-view")
        assert view.inputs["policyArn"] == "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy"
        assert view.inputs["accessScope"] == {"type": "cluster"}
        assert view.inputs["principalArn"] == entry.outputs["principalArn"]
