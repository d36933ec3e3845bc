"""EKS: a private cluster in its own VPC across three availability zones."""

from __future__ import annotations

import json

import pulumi
import pulumi_aws as aws
from pulumi_aws import cloudwatch, ec2, eks, iam, kms

from fleet.clusters.contract import ClusterArgs, FleetCluster, kubeconfig_yaml
from fleet.clusters.network import ZONES, aws_subnets

CONTROL_PLANE_LOGS = ["api", "audit", "authenticator", "controllerManager", "scheduler"]
NODE_POLICIES = [
    "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
    "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
    "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
]


def _assume_role(service: str) -> str:
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}],
        }
    )


class EksCluster(FleetCluster):
    """An EKS cluster with production defaults.

    By default: API endpoint private (or restricted to listed CIDRs), Secrets encrypted with a
    customer-managed KMS key with rotation, all control-plane logs to CloudWatch, IRSA through
    an OIDC provider, VPC CNI network policy enforcement on (tenants rely on NetworkPolicy),
    managed node groups in private subnets that autoscale between minSize and maxSize.
    """

    def __init__(self, name: str, args: ClusterArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__("fleet:clusters:EksCluster", name, args, opts)
        spec, endpoint_access, security = args.managed()
        tags = args.tags

        provider = aws.Provider(
            f"{name}-aws",
            region=spec.region,
            default_tags={"tags": tags},
            opts=pulumi.ResourceOptions(parent=self),
        )
        opts_ = self.child(provider)

        vpc = ec2.Vpc(
            f"{name}-vpc",
            cidr_block=spec.network.node_cidr,
            enable_dns_hostnames=True,
            enable_dns_support=True,
            tags={**tags, "Name": f"{name}-vpc"},
            opts=opts_,
        )
        zones = aws.get_availability_zones_output(
            state="available", opts=pulumi.InvokeOutputOptions(parent=self, provider=provider)
        )
        igw = ec2.InternetGateway(f"{name}-igw", vpc_id=vpc.id, tags=tags, opts=opts_)
        public_routes = ec2.RouteTable(
            f"{name}-public",
            vpc_id=vpc.id,
            routes=[{"cidr_block": "0.0.0.0/0", "gateway_id": igw.id}],
            tags=tags,
            opts=opts_,
        )
        private_cidrs, public_cidrs = aws_subnets(spec.network.node_cidr)
        private_subnets = []
        for zone in range(ZONES):
            zone_name = zones.names[zone]
            public = ec2.Subnet(
                f"{name}-public-{zone}",
                vpc_id=vpc.id,
                cidr_block=public_cidrs[zone],
                availability_zone=zone_name,
                map_public_ip_on_launch=False,
                tags={**tags, "kubernetes.io/role/elb": "1"},
                opts=opts_,
            )
            ec2.RouteTableAssociation(
                f"{name}-public-{zone}", subnet_id=public.id, route_table_id=public_routes.id, opts=opts_
            )
            # One NAT gateway per zone: losing a zone must not cut egress for the others.
            eip = ec2.Eip(f"{name}-nat-{zone}", domain="vpc", tags=tags, opts=opts_)
            nat = ec2.NatGateway(f"{name}-nat-{zone}", allocation_id=eip.id, subnet_id=public.id, tags=tags, opts=opts_)
            private = ec2.Subnet(
                f"{name}-private-{zone}",
                vpc_id=vpc.id,
                cidr_block=private_cidrs[zone],
                availability_zone=zone_name,
                tags={**tags, "kubernetes.io/role/internal-elb": "1"},
                opts=opts_,
            )
            routes = ec2.RouteTable(
                f"{name}-private-{zone}",
                vpc_id=vpc.id,
                routes=[{"cidr_block": "0.0.0.0/0", "nat_gateway_id": nat.id}],
                tags=tags,
                opts=opts_,
            )
            ec2.RouteTableAssociation(
                f"{name}-private-{zone}", subnet_id=private.id, route_table_id=routes.id, opts=opts_
            )
            private_subnets.append(private)
        subnet_ids = [s.id for s in private_subnets]

        cluster_role = iam.Role(
            f"{name}-control-plane", assume_role_policy=_assume_role("eks.amazonaws.com"), tags=tags, opts=opts_
        )
        cluster_policy = iam.RolePolicyAttachment(
            f"{name}-control-plane",
            role=cluster_role.name,
            policy_arn="arn:aws:iam::aws:policy/AmazonEKSClusterPolicy",
            opts=opts_,
        )
        node_role = iam.Role(
            f"{name}-nodes", assume_role_policy=_assume_role("ec2.amazonaws.com"), tags=tags, opts=opts_
        )
        node_policies = [
            iam.RolePolicyAttachment(
                f"{name}-nodes-{arn.rsplit('/', 1)[1].lower().replace('_', '-')}",
                role=node_role.name,
                policy_arn=arn,
                opts=opts_,
            )
            for arn in NODE_POLICIES
        ]

        encryption = None
        if security.secrets_encryption:
            key = kms.Key(
                f"{name}-secrets",
                description=f"Encrypts Kubernetes Secrets of EKS cluster {spec.name}",
                enable_key_rotation=True,
                deletion_window_in_days=30,
                tags=tags,
                opts=opts_,
            )
            kms.Alias(f"{name}-secrets", name=f"alias/fleet/{spec.name}/secrets", target_key_id=key.key_id, opts=opts_)
            encryption = {"provider": {"key_arn": key.arn}, "resources": ["secrets"]}

        depends: list[pulumi.Resource] = [cluster_policy]
        if security.audit_logs:
            # Created before the cluster so EKS does not create it without retention.
            depends.append(
                cloudwatch.LogGroup(
                    f"{name}-control-plane-logs",
                    name=f"/aws/eks/{spec.name}/cluster",
                    retention_in_days=365,
                    tags=tags,
                    opts=opts_,
                )
            )

        restricted = endpoint_access.access == "restricted"
        cluster = eks.Cluster(
            f"{name}-eks",
            name=spec.name,
            version=spec.kubernetes_version,
            role_arn=cluster_role.arn,
            vpc_config={
                "subnet_ids": subnet_ids,
                "endpoint_private_access": True,
                "endpoint_public_access": restricted,
                "public_access_cidrs": list(endpoint_access.allowed_cidrs) if restricted else None,
            },
            kubernetes_network_config={"service_ipv4_cidr": spec.network.service_cidr},
            encryption_config=encryption,
            enabled_cluster_log_types=CONTROL_PLANE_LOGS if security.audit_logs else [],
            access_config={"authentication_mode": "API"},
            upgrade_policy={"support_type": "STANDARD"},
            tags=tags,
            opts=self.child(provider, depends_on=depends, protect=args.protect),
        )

        if security.workload_identity:
            iam.OpenIdConnectProvider(
                f"{name}-oidc",
                url=cluster.identities[0].oidcs[0].issuer,  # type: ignore[index]
                client_id_lists=["sts.amazonaws.com"],
                tags=tags,
                opts=opts_,
            )

        eks.Addon(
            f"{name}-vpc-cni",
            cluster_name=cluster.name,
            addon_name="vpc-cni",
            # Tenants' default-deny NetworkPolicies are only enforced with this on.
            configuration_values=json.dumps({"enableNetworkPolicy": "true"}),
            resolve_conflicts_on_update="OVERWRITE",
            tags=tags,
            opts=opts_,
        )

        for pool in spec.node_pools:
            eks.NodeGroup(
                f"{name}-{pool.name}",
                cluster_name=cluster.name,
                node_group_name=pool.name,
                node_role_arn=node_role.arn,
                subnet_ids=subnet_ids,
                instance_types=[pool.machine_type],
                disk_size=pool.disk_size_gb,
                version=spec.kubernetes_version,
                scaling_config={
                    "desired_size": max(pool.min_size, 1),
                    "min_size": pool.min_size,
                    "max_size": pool.max_size,
                },
                update_config={"max_unavailable": 1},
                tags=tags,
                opts=self.child(provider, depends_on=node_policies),
            )

        kubeconfig = pulumi.Output.all(cluster.endpoint, cluster.certificate_authority.data).apply(
            lambda parts: kubeconfig_yaml(
                spec.name,
                parts[0],
                parts[1],
                "aws",
                ["eks", "get-token", "--cluster-name", spec.name, "--region", spec.region],
            )
        )
        self.finish(cluster.endpoint, kubeconfig)
