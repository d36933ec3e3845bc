"""EKS: a private cluster in its own VPC across three availability zones."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pulumi
import pulumi_aws as aws
import pulumi_kubernetes as kubernetes
from pulumi_aws import amp, cloudwatch, ec2, ec2transitgateway, eks, iam, kms, vpc

from fleet.clusters.contract import ClusterArgs, FleetCluster, kubeconfig_yaml
from fleet.clusters.network import ZONES, aws_subnets, aws_zone_ids
from fleet.core import catalog, eks_addons
from fleet.core.kinds import aws as aws_kind
from fleet.observability import aws as prometheus
from fleet.spec.model import ApiEndpoint, ClusterBase, Deployer, NodePool, Security

CONTROL_PLANE_LOGS = ["api", "audit", "authenticator", "controllerManager", "scheduler"]
NODE_POLICIES = [
    "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
    "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
    "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
]
EBS_CSI_POLICY = "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"
CLUSTER_ADMIN_POLICY = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"
# Kubernetes' `view` role: read most namespaced objects, never Secrets (EKS user guide, access policy
# permissions). What a pull-request preview's role may do inside the cluster.
VIEW_POLICY = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy"

# Managed add-ons: the cluster is created without EKS's self-managed copies
# (bootstrap_self_managed_addons=False), so each of these is owned, versioned and upgraded here.
# The first three are DaemonSets that nodes need to become Ready; the rest need running nodes.
ADDONS_BEFORE_NODES = ("vpc-cni", "kube-proxy", "eks-pod-identity-agent")
ADDONS_AFTER_NODES = ("coredns", "aws-ebs-csi-driver")
EBS_CSI_SERVICE_ACCOUNT = "ebs-csi-controller-sa"  # the add-on's controller service account

# Cluster Autoscaler scales the managed node groups between minSize and maxSize (EKS tags their
# Auto Scaling groups for its auto-discovery). Chart cluster-autoscaler-chart-9.59.0
# (kubernetes/autoscaler, 2026-07-21, the newest chart); the image is pinned per Kubernetes minor,
# as the autoscaler supports only its own minor: tags cluster-autoscaler-1.34.5, -1.35.2, -1.36.1.
AUTOSCALER_CHART = "cluster-autoscaler"
AUTOSCALER_CHART_REPO = "https://kubernetes.github.io/autoscaler"
AUTOSCALER_CHART_VERSION = "9.59.0"
AUTOSCALER_IMAGE_TAGS = {"1.34": "v1.34.5", "1.35": "v1.35.2", "1.36": "v1.36.1"}
AUTOSCALER_NAMESPACE = "kube-system"
AUTOSCALER_SERVICE_ACCOUNT = "cluster-autoscaler"

# Container logs: the EKS add-on amazon-cloudwatch-observability, whose Fluent Bit DaemonSet (in
# namespace amazon-cloudwatch, service account cloudwatch-agent, shared with the CloudWatch agent)
# sends every container's stdout and stderr to CloudWatch Logs in the cluster's region. Only the
# logs: Container Insights metrics and Application Signals are off (AMP holds the metrics), with the
# keys chart 6.2.0 introduced (aws-observability/helm-charts values.yaml). The agent itself stays
# on: Fluent Bit mounts its service account and certificates.
CLOUDWATCH_NAMESPACE = "amazon-cloudwatch"
CLOUDWATCH_SERVICE_ACCOUNT = "cloudwatch-agent"
CONTAINER_LOGS_ONLY = {
    "containerLogs": {"enabled": True},
    "containerInsights": {"enabled": False},
    "otelContainerInsights": {"enabled": False},
    "applicationSignals": {"enabled": False},
}
# The log groups Fluent Bit writes to (values.yaml, application-log.conf, dataplane-log.conf and
# host-log.conf). It creates a missing group without retention or key, and leaves an existing one
# as it is (fluent-bit out_cloudwatch_logs: CreateLogGroup only after ResourceNotFound, no
# PutRetentionPolicy unless log_retention_days is set), so they are created here first.
CONTAINER_LOG_STREAMS = ("application", "dataplane", "host")

DEFAULT_STORAGE_CLASS = "gp3"
EBS_CSI_PROVISIONER = "ebs.csi.aws.com"

# The names AWS derives from the cluster's (IAM roles, node group prefixes) bound how long a
# cluster and a pool name may be: fleet.core.kinds.aws states the limits, and the role suffix below.
CONTROL_PLANE_ROLE_SUFFIX = aws_kind.CONTROL_PLANE_ROLE_SUFFIX


def _assume_role(service: str, actions: tuple[str, ...] = ("sts:AssumeRole",), **conditions: str) -> str:
    statement: dict[str, object] = {"Effect": "Allow", "Principal": {"Service": service}, "Action": list(actions)}
    if conditions:
        statement["Condition"] = {"StringEquals": conditions}
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


def _log_writer_policy(arns: Sequence[str], *more: dict[str, object]) -> str:
    """A role policy that writes streams into the log groups ``arns`` (and ``more`` statements)."""
    write = {
        "Effect": "Allow",
        "Action": ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
        "Resource": [a for arn in arns for a in (arn, f"{arn}:*")],
    }
    return json.dumps({"Version": "2012-10-17", "Statement": [write, *more]})


def _sts_region(region: str) -> str | None:
    """Where the deploy role calls STS for a cluster in ``region``: an opt-in Region's STS answers only
    accounts that enabled it, and the deploy role's may not have (None: the region's own)."""
    return aws_kind.STS_HOME_REGION if catalog.aws_opt_in(region) else None


def _pod_identity_trust(cluster: str, namespace: str, service_account: str) -> str:
    """Trust for EKS Pod Identity, narrowed by the session tags it sets to one service account
    of one cluster (https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html)."""
    return _assume_role(
        "pods.eks.amazonaws.com",
        ("sts:AssumeRole", "sts:TagSession"),
        **{
            "aws:RequestTag/eks-cluster-name": cluster,
            "aws:RequestTag/kubernetes-namespace": namespace,
            "aws:RequestTag/kubernetes-service-account": service_account,
        },
    )


def _autoscaler_policy(cluster: str) -> str:
    """kubernetes/autoscaler cloudprovider/aws/README.md "Full Cluster Autoscaler Features Policy",
    with the two actions that change capacity limited to this cluster's node groups' ASGs."""
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Action": [
                        "autoscaling:DescribeAutoScalingGroups",
                        "autoscaling:DescribeAutoScalingInstances",
                        "autoscaling:DescribeLaunchConfigurations",
                        "autoscaling:DescribeScalingActivities",
                        "ec2:DescribeImages",
                        "ec2:DescribeInstanceTypes",
                        "ec2:DescribeLaunchTemplateVersions",
                        "ec2:GetInstanceTypesFromInstanceRequirements",
                        "eks:DescribeNodegroup",
                    ],
                    "Resource": "*",
                },
                {
                    "Effect": "Allow",
                    "Action": ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"],
                    "Resource": "*",
                    "Condition": {"StringEquals": {f"aws:ResourceTag/k8s.io/cluster-autoscaler/{cluster}": "owned"}},
                },
            ],
        }
    )


def _nth(index: int) -> Callable[[list[str]], str]:
    return lambda items: items[index]


def runner_routes(
    name: str,
    region: str,
    deployer: Deployer,
    network: ec2.Vpc,
    subnets: Sequence[ec2.Subnet],
    route_tables: Sequence[ec2.RouteTable],
    tags: dict[str, str],
    opts: pulumi.ResourceOptions,
) -> list[pulumi.Resource]:
    """The deploy runners' way to a private endpoint, created in the same `pulumi up` as the VPC:
    the VPC attached to the region's transit gateway (``deployer.aws.transitGateways``, which the
    runners' network is attached to) and, in every private route table, ``deployer.privateNetwork``
    routed to that gateway. What the gateway's owner sets up once (sharing, acceptance, the route
    back to this VPC) is in docs/DEPLOYING.md.

    Facts this relies on:
    - A VPC attachment takes one subnet per Availability Zone as the gateway's way in and out
      (docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html): the private subnets, where
      EKS also places the endpoint's network interfaces (the cluster's ``subnet_ids``), so the
      private route tables are the ones that carry the route back to the runners.
    - The endpoint's name needs no DNS work on the runners' side: with public access off, "the
      cluster's API server endpoint is resolved by public DNS servers to a private IP address from
      the VPC" (docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html; the VPC needs DNS
      hostnames and support on, set above). No Route 53 resolver rules are needed; the runners
      need a route and the 443 rule on the cluster security group.
    - A gateway shared from another account: its route tables, associations and propagations
      cannot be created or changed from this account (docs.aws.amazon.com/vpc/latest/tgw/
      transit-gateway-share.html), and the provider skips them (hashicorp/terraform-provider-aws
      internal/service/ec2/transitgateway_vpc_attachment.go, Create and Read act only when the
      gateway's owner is the VPC's owner, Read reports true otherwise). So the two
      transitGatewayDefaultRouteTable* inputs are left unset: whether the attachment is associated
      with and propagates into the default route table is the gateway's own setting.
    - Creating the attachment returns once it is "available" or "pendingAcceptance"
      (internal/service/ec2/wait.go waitTransitGatewayVPCAttachmentCreated). A shared gateway
      without AutoAcceptSharedAttachments leaves it pending until its owner accepts it, and the
      first Kubernetes object then fails; docs/DEPLOYING.md asks for auto-accept.
    - A route to a transit gateway fails with InvalidTransitGatewayID.NotFound when it is created
      before the VPC's attachment (hashicorp/terraform-provider-aws#10025,
      terraform-aws-modules/terraform-aws-transit-gateway#144): each route names the gateway
      through the attachment's output, so it waits for the attachment.
    - Replacement: a new gateway or VPC replaces the attachment (transit_gateway_id and vpc_id
      are ForceNew); subnets change in place (ModifyTransitGatewayVpcAttachment). A route is
      replaced only when its table or destination changes (fleet/review/facts/aws.json).
    """
    assert deployer.aws is not None and deployer.private_network is not None
    gateway = deployer.aws.transit_gateways.get(region)
    if gateway is None:  # the spec refuses this first (fleet.spec.checks._deploy_path)
        raise ValueError(f"deployer.aws.transitGateways has no gateway for {region}, where {name} is private")
    attachment = ec2transitgateway.VpcAttachment(
        f"{name}-runners",
        transit_gateway_id=gateway,
        vpc_id=network.id,
        subnet_ids=[subnet.id for subnet in subnets],
        tags={**tags, "Name": f"{name}-runners"},
        opts=opts,
    )
    routes = [
        ec2.Route(
            f"{name}-runners-{zone}",
            route_table_id=table.id,
            destination_cidr_block=deployer.private_network,
            transit_gateway_id=attachment.transit_gateway_id,
            opts=opts,
        )
        for zone, table in enumerate(route_tables)
    ]
    return [attachment, *routes]


def _compact(value: object) -> str:
    # The form EKS stores and returns; a spaced form would show as a change on every run.
    return json.dumps(value, separators=(",", ":"), sort_keys=True)


class EksCluster(FleetCluster):
    """An EKS cluster with production defaults.

    By default: API endpoint private (reachable from the deployer's ``privateNetwork``: the VPC is
    attached to the region's transit gateway in ``deployer.aws.transitGateways``, its private
    route tables send that range there, and a 443 rule on the cluster security group admits it)
    or public but restricted to the listed CIDRs; Secrets
    encrypted with a customer-managed KMS key with rotation; all control-plane logs to CloudWatch
    for 365 days; IRSA through an OIDC provider and EKS Pod Identity; VPC CNI network policy
    enforcement on (tenants rely on NetworkPolicy); Kubernetes access only through access entries
    (the deployer role is cluster admin, every bound group's IAM role is put in that group);
    managed node groups in private subnets that Cluster Autoscaler scales between minSize and
    maxSize; an encrypted gp3 default StorageClass on the EBS CSI driver. In production the
    cluster, its key, alias and log group are protected, and the cluster has deletion protection.

    Versions. Pinned here: the control plane's and node groups' Kubernetes minor (the spec's
    ``kubernetesVersion``), the Cluster Autoscaler chart and image. Resolved at deploy time: each
    add-on's version is EKS's default for that minor (so changing the minor moves them too).
    Chosen by AWS: the control plane's patch level (platform version) and the node AMI release,
    which is the newest at node group create or update. Upgraded by AWS without us: the control
    plane's minor, at the end of its standard support (upgrade policy STANDARD); bump
    ``kubernetesVersion`` before then, since EKS cannot go back to the older minor.
    """

    def __init__(self, name: str, args: ClusterArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__(aws_kind.KIND.component_type, name, args, opts)
        spec, endpoint_access, security = args.managed()
        if args.deployer.aws is None:
            raise ValueError(f"cluster {spec.name!r}: deployer.aws.roleArn is required for EKS clusters")
        build = _Build(self, name, args, spec, _provider(self, name, args, spec))
        net = _network(build, _zone_ids(build))
        roles = _roles(build)
        logs = _logs(build, net, security.audit_logs)
        cluster = _control_plane(build, net, roles, endpoint_access, security, logs)
        if security.workload_identity:
            iam.OpenIdConnectProvider(
                f"{name}-oidc",
                url=cluster.identities[0].oidcs[0].issuer,
                client_id_lists=["sts.amazonaws.com"],
                tags=build.tags,
                opts=build.opts,
            )
        ready = [_access(build, cluster)]
        if endpoint_access.access == "private" and args.deployer.private_network:
            ready += _runner_access(build, net, cluster)
        nodes_ready, autoscaler_identity = _nodes_and_addons(build, net, roles, cluster)
        ready += nodes_ready
        _metrics(build, net, cluster, nodes_ready)
        _container_logs(build, cluster, logs.containers, nodes_ready)
        self.finish(
            cluster.endpoint, _kubeconfig(spec, cluster), ready=ready, platform=_platform(build, autoscaler_identity)
        )


@dataclass
class _Build:
    """What every part of one EKS cluster is made with: the component, the spec, the provider."""

    component: EksCluster
    name: str
    args: ClusterArgs
    spec: ClusterBase
    provider: aws.Provider
    tags: dict[str, str] = field(init=False)
    opts: pulumi.ResourceOptions = field(init=False)
    kept: pulumi.ResourceOptions = field(init=False)
    invoke: pulumi.InvokeOutputOptions = field(init=False)

    def __post_init__(self) -> None:
        self.tags = self.args.tags
        self.opts = self.child()
        # The key that encrypts the cluster's Secrets, and what proves who used it, stay when code
        # that drops them is deployed: losing the key loses every Secret (encryption cannot be
        # turned off on a cluster).
        self.kept = self.child(protect=self.args.protect)
        self.invoke = pulumi.InvokeOutputOptions(parent=self.component, provider=self.provider)

    def child(self, **kwargs: object) -> pulumi.ResourceOptions:
        return self.component.child(self.provider, **kwargs)


@dataclass
class _Network:
    vpc: ec2.Vpc
    private_subnets: list[ec2.Subnet]
    private_routes: list[ec2.RouteTable]
    egress: list[pulumi.Resource]

    @property
    def subnet_ids(self) -> list[pulumi.Output[str]]:
        return [s.id for s in self.private_subnets]


@dataclass
class _Roles:
    cluster: iam.Role
    cluster_policy: iam.RolePolicyAttachment
    nodes: iam.Role
    node_policies: list[iam.RolePolicyAttachment]
    ebs: iam.Role
    ebs_policy: iam.RolePolicyAttachment
    autoscaler: iam.Role
    autoscaler_policy: iam.RolePolicy


def _provider(component: EksCluster, name: str, args: ClusterArgs, spec: ClusterBase) -> aws.Provider:
    """The cluster goes into the account its spec names, or the provider refuses to run
    (allowed_account_ids): credentials for another account never deploy it elsewhere. In an account
    other than the deploy role's, the deploy role assumes its counterpart there to create the
    cluster's resources; in Kubernetes the deploy role itself is admin."""
    deployer = args.deployer.aws
    assert deployer is not None
    account = getattr(spec, "account", None)
    deploy_role = deployer.role_in(account)
    return aws.Provider(
        f"{name}-aws",
        region=spec.region,
        default_tags={"tags": args.tags},
        allowed_account_ids=[account] if account else None,
        sts_region=_sts_region(spec.region),
        assume_roles=(
            [aws.ProviderAssumeRoleArgs(role_arn=deploy_role, session_name="fleet-deploy")]
            if deploy_role != deployer.role_arn
            else None
        ),
        opts=pulumi.ResourceOptions(parent=component),
    )


def _zone_ids(build: _Build) -> pulumi.Output[list[str]]:
    """The zones the cluster's subnets go into: regional zones that offer every machine type."""
    spec = build.spec
    machine_types = sorted({pool.machine_type for pool in spec.node_pools})
    available = aws.get_availability_zones_output(
        filters=[
            # Regional zones only: EKS cannot use Local or Wavelength Zones for the cluster,
            # nor run managed node groups there.
            {"name": "zone-type", "values": ["availability-zone"]},
            {"name": "opt-in-status", "values": ["opt-in-not-required"]},
        ],
        opts=build.invoke,
    )
    offered = ec2.get_instance_type_offerings_output(
        location_type="availability-zone-id",
        filters=[{"name": "instance-type", "values": machine_types}],
        opts=build.invoke,
    )
    return pulumi.Output.all(available.zone_ids, offered.instance_types, offered.locations).apply(
        lambda found: aws_zone_ids(spec.region, found[0], list(zip(found[1], found[2], strict=True)), machine_types)
    )


def _network(build: _Build, zone_ids: pulumi.Output[list[str]]) -> _Network:
    """A VPC across three zones: public subnets with a NAT gateway each, private subnets for the
    nodes and the control plane's interfaces, routed out through their zone's NAT gateway."""
    name, tags, opts_ = build.name, build.tags, build.opts
    network = ec2.Vpc(
        f"{name}-vpc",
        cidr_block=build.spec.network.node_cidr,
        enable_dns_hostnames=True,
        enable_dns_support=True,
        tags={**tags, "Name": f"{name}-vpc"},
        opts=opts_,
    )
    # The VPC's default security group, adopted and left with no rule ("When the provider first
    # begins managing the default security group, it immediately removes all ingress and egress
    # rules", pulumi-aws ec2.DefaultSecurityGroup): nothing fleet makes uses it, and a default group
    # that admits its members' traffic is what CIS AWS Foundations 5.4 and Security Hub EC2.2 flag.
    ec2.DefaultSecurityGroup(f"{name}-default-sg", vpc_id=network.id, tags=tags, opts=opts_)
    igw = ec2.InternetGateway(f"{name}-igw", vpc_id=network.id, tags=tags, opts=opts_)
    # Routes are separate resources, not inline: a route table with inline routes removes every
    # route it does not list, such as one a network team adds by hand.
    public_routes = ec2.RouteTable(f"{name}-public", vpc_id=network.id, tags=tags, opts=opts_)
    ec2.Route(
        f"{name}-public-internet",
        route_table_id=public_routes.id,
        destination_cidr_block="0.0.0.0/0",
        gateway_id=igw.id,
        opts=opts_,
    )
    private_cidrs, public_cidrs = aws_subnets(build.spec.network.node_cidr)
    built = _Network(network, [], [], [])
    for zone in range(ZONES):
        _zone(build, built, zone, zone_ids.apply(_nth(zone)), igw, public_routes, public_cidrs, private_cidrs)
    return built


def _zone(
    build: _Build,
    net: _Network,
    zone: int,
    zone_id: pulumi.Output[str],
    igw: ec2.InternetGateway,
    public_routes: ec2.RouteTable,
    public_cidrs: Sequence[str],
    private_cidrs: Sequence[str],
) -> None:
    name, tags, opts_ = build.name, build.tags, build.opts
    # A zone is chosen once, when its subnets are created: a later change in what AWS offers
    # must not move (replace) subnets that hold nodes and the control plane's interfaces.
    subnet_opts = build.child(ignore_changes=["availabilityZoneId"])
    # A public NAT gateway (and its address) needs the internet gateway attached first.
    after_igw = build.child(depends_on=[igw])
    public = ec2.Subnet(
        f"{name}-public-{zone}",
        vpc_id=net.vpc.id,
        cidr_block=public_cidrs[zone],
        availability_zone_id=zone_id,
        map_public_ip_on_launch=False,
        tags={**tags, "kubernetes.io/role/elb": "1"},
        opts=subnet_opts,
    )
    ec2.RouteTableAssociation(f"{name}-public-{zone}", subnet_id=public.id, route_table_id=public_routes.id, opts=opts_)
    # One NAT gateway per zone: losing a zone must not cut egress for the others.
    eip = ec2.Eip(f"{name}-nat-{zone}", domain="vpc", tags=tags, opts=after_igw)
    nat = ec2.NatGateway(f"{name}-nat-{zone}", allocation_id=eip.id, subnet_id=public.id, tags=tags, opts=after_igw)
    private = ec2.Subnet(
        f"{name}-private-{zone}",
        vpc_id=net.vpc.id,
        cidr_block=private_cidrs[zone],
        availability_zone_id=zone_id,
        tags={**tags, "kubernetes.io/role/internal-elb": "1"},
        opts=subnet_opts,
    )
    routes = ec2.RouteTable(f"{name}-private-{zone}", vpc_id=net.vpc.id, tags=tags, opts=opts_)
    net.egress += [
        ec2.Route(
            f"{name}-private-{zone}-internet",
            route_table_id=routes.id,
            destination_cidr_block="0.0.0.0/0",
            nat_gateway_id=nat.id,
            opts=opts_,
        ),
        ec2.RouteTableAssociation(f"{name}-private-{zone}", subnet_id=private.id, route_table_id=routes.id, opts=opts_),
    ]
    net.private_subnets.append(private)
    net.private_routes.append(routes)


def _roles(build: _Build) -> _Roles:
    """The IAM roles of the control plane, the nodes, the EBS CSI driver and Cluster Autoscaler."""
    name, tags, opts_, spec = build.name, build.tags, build.opts, build.spec
    # The longest role name fleet derives, which bounds the cluster's (fleet.core.kinds.aws).
    cluster_role = iam.Role(
        f"{name}{CONTROL_PLANE_ROLE_SUFFIX}",
        assume_role_policy=_assume_role("eks.amazonaws.com"),
        tags=tags,
        opts=opts_,
    )
    cluster_policy = iam.RolePolicyAttachment(
        f"{name}-control-plane",
        role=cluster_role.name,
        policy_arn="arn:aws:iam::aws:policy/AmazonEKSClusterPolicy",
        opts=opts_,
    )
    node_role = iam.Role(f"{name}-nodes", assume_role_policy=_assume_role("ec2.amazonaws.com"), tags=tags, opts=opts_)
    node_policies = [
        iam.RolePolicyAttachment(
            f"{name}-nodes-{arn.rsplit('/', 1)[1].lower().replace('_', '-')}",
            role=node_role.name,
            policy_arn=arn,
            opts=opts_,
        )
        for arn in NODE_POLICIES
    ]
    ebs_role = iam.Role(
        f"{name}-ebs-csi",
        assume_role_policy=_pod_identity_trust(spec.name, "kube-system", EBS_CSI_SERVICE_ACCOUNT),
        tags=tags,
        opts=opts_,
    )
    ebs_policy = iam.RolePolicyAttachment(f"{name}-ebs-csi", role=ebs_role.name, policy_arn=EBS_CSI_POLICY, opts=opts_)
    autoscaler_role = iam.Role(
        f"{name}-autoscaler",
        assume_role_policy=_pod_identity_trust(spec.name, AUTOSCALER_NAMESPACE, AUTOSCALER_SERVICE_ACCOUNT),
        tags=tags,
        opts=opts_,
    )
    autoscaler_policy = iam.RolePolicy(
        f"{name}-autoscaler", role=autoscaler_role.name, policy=_autoscaler_policy(spec.name), opts=opts_
    )
    return _Roles(
        cluster_role, cluster_policy, node_role, node_policies, ebs_role, ebs_policy, autoscaler_role, autoscaler_policy
    )


def _encryption(build: _Build) -> dict[str, object]:
    """A customer-managed KMS key with rotation for the cluster's Secrets, and its alias."""
    name, spec = build.name, build.spec
    key = kms.Key(
        f"{name}-secrets",
        description=f"Encrypts Kubernetes Secrets of EKS cluster {spec.name}",
        enable_key_rotation=True,
        deletion_window_in_days=30,
        tags=build.tags,
        opts=build.kept,
    )
    kms.Alias(f"{name}-secrets", name=f"alias/fleet/{spec.name}/secrets", target_key_id=key.key_id, opts=build.kept)
    return {"provider": {"key_arn": key.arn}, "resources": ["secrets"]}


def _log_group_name(cluster: str) -> str:
    """The log group EKS writes control-plane logs to (EKS user guide, control-plane-logs)."""
    return f"/aws/eks/{cluster}/cluster"


def _flow_log_group_name(cluster: str) -> str:
    return f"/fleet/{cluster}/vpc-flow-logs"


def _log_groups(cluster: str, audit: bool) -> dict[str, str]:
    """The cluster's log groups by logical name: the containers' always, and with audit logs the
    control plane's and the VPC's flow logs."""
    containers = {f"container-logs-{s}": f"/aws/containerinsights/{cluster}/{s}" for s in CONTAINER_LOG_STREAMS}
    if not audit:
        return containers
    return {"control-plane-logs": _log_group_name(cluster), "flow-logs": _flow_log_group_name(cluster), **containers}


@dataclass
class _Logs:
    control_plane: cloudwatch.LogGroup | None
    containers: list[cloudwatch.LogGroup]


def _logs(build: _Build, net: _Network, audit: bool) -> _Logs:
    """The cluster's log groups, each for 365 days and encrypted with the cluster's logs key: the
    containers' (created before the add-on that writes them), and with audit logs the control
    plane's, created before the cluster so EKS does not create it without retention or key, and the
    VPC's flow logs (every accepted and rejected flow, CIS AWS Foundations 3.7; issue 24)."""
    name, spec = build.name, build.spec
    account = aws.get_caller_identity_output(opts=build.invoke).account_id
    key = _logs_key(build, account, audit)
    made = {
        logical: cloudwatch.LogGroup(
            f"{name}-{logical}",
            name=group,
            retention_in_days=365,
            kms_key_id=key.arn,
            tags=build.tags,
            opts=build.kept,
        )
        for logical, group in _log_groups(spec.name, audit).items()
    }
    if audit:
        _flow_logs(build, net, made["flow-logs"], account)
    return _Logs(made.get("control-plane-logs"), [g for k, g in made.items() if k.startswith("container-logs-")])


def _flow_logs(build: _Build, net: _Network, flows: cloudwatch.LogGroup, account: pulumi.Output[str]) -> None:
    """Every flow of the VPC, accepted and rejected, into ``flows``."""
    name = build.name
    # "Trust relationship: vpc-flow-logs.amazonaws.com", narrowed to this account as the VPC
    # user guide's confused-deputy example does (flow-logs-iam-role).
    role = iam.Role(
        f"{name}-flow-logs",
        assume_role_policy=account.apply(
            lambda account: _assume_role(
                "vpc-flow-logs.amazonaws.com", ("sts:AssumeRole",), **{"aws:SourceAccount": account}
            )
        ),
        tags=build.tags,
        opts=build.opts,
    )
    policy = iam.RolePolicy(
        f"{name}-flow-logs",
        role=role.name,
        policy=flows.arn.apply(
            lambda arn: _log_writer_policy(
                [arn], {"Effect": "Allow", "Action": "logs:DescribeLogGroups", "Resource": "*"}
            )
        ),
        opts=build.opts,
    )
    ec2.FlowLog(
        f"{name}-flow-logs",
        vpc_id=net.vpc.id,
        traffic_type="ALL",
        log_destination_type="cloud-watch-logs",
        log_destination=flows.arn,
        iam_role_arn=role.arn,
        max_aggregation_interval=600,
        tags=build.tags,
        opts=build.child(depends_on=[policy]),
    )


def _logs_key(build: _Build, account: pulumi.Output[str], audit: bool) -> kms.Key:
    """A customer-managed key with rotation for the cluster's log groups. CloudWatch Logs uses it only
    for those: the key policy is the one "Encrypt log data in CloudWatch Logs using AWS KMS" gives (the
    account's root, and the regional logs service principal with the encryption context condition
    naming the log groups' ARNs); without it, associating the key fails."""
    spec = build.spec
    partition = aws.get_partition_output(opts=build.invoke)
    policy = pulumi.Output.all(account, partition.partition, partition.dns_suffix).apply(
        lambda found: json.dumps(_logs_key_policy(found[0], found[1], found[2], spec.region, spec.name, audit))
    )
    key = kms.Key(
        f"{build.name}-logs",
        description=f"Encrypts the log groups of EKS cluster {spec.name}",
        enable_key_rotation=True,
        deletion_window_in_days=30,
        policy=policy,
        tags=build.tags,
        opts=build.kept,
    )
    kms.Alias(f"{build.name}-logs", name=f"alias/fleet/{spec.name}/logs", target_key_id=key.key_id, opts=build.kept)
    return key


def _logs_key_policy(
    account: str, partition: str, dns_suffix: str, region: str, cluster: str, audit: bool
) -> dict[str, object]:
    groups = [
        f"arn:{partition}:logs:{region}:{account}:log-group:{group}" for group in _log_groups(cluster, audit).values()
    ]
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "AccountAdministers",
                "Effect": "Allow",
                "Principal": {"AWS": f"arn:{partition}:iam::{account}:root"},
                "Action": "kms:*",
                "Resource": "*",
            },
            {
                "Sid": "CloudWatchLogsEncryptsTheClusterLogGroups",
                "Effect": "Allow",
                "Principal": {"Service": f"logs.{region}.{dns_suffix}"},
                "Action": ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
                "Resource": "*",
                "Condition": {"ArnLike": {"kms:EncryptionContext:aws:logs:arn": groups}},
            },
        ],
    }


def _control_plane(
    build: _Build, net: _Network, roles: _Roles, endpoint_access: ApiEndpoint, security: Security, logs: _Logs
) -> eks.Cluster:
    name, spec, args = build.name, build.spec, build.args
    encryption = _encryption(build) if security.secrets_encryption else None
    depends: list[pulumi.Resource] = [roles.cluster_policy]
    if logs.control_plane is not None:
        depends.append(logs.control_plane)
    restricted = endpoint_access.access == "restricted"
    return eks.Cluster(
        f"{name}-eks",
        name=spec.name,
        version=spec.kubernetes_version,
        role_arn=roles.cluster.arn,
        vpc_config={
            "subnet_ids": net.subnet_ids,
            "endpoint_private_access": True,
            "endpoint_public_access": restricted,
            "public_access_cidrs": list(endpoint_access.allowed_cidrs) if restricted else None,
        },
        kubernetes_network_config={"service_ipv4_cidr": spec.network.service_cidr},
        encryption_config=encryption,
        enabled_cluster_log_types=CONTROL_PLANE_LOGS if security.audit_logs else [],
        # Only access entries grant access: no implicit admin for whoever ran CreateCluster
        # (that entry would be invisible here, and the flag cannot change without a new cluster).
        access_config={"authentication_mode": "API", "bootstrap_cluster_creator_admin_permissions": False},
        # No self-managed aws-node, kube-proxy and CoreDNS: the managed add-ons below own them,
        # with nothing to conflict with. Cannot change without a new cluster.
        bootstrap_self_managed_addons=False,
        upgrade_policy={"support_type": "STANDARD"},
        deletion_protection=args.protect,
        tags=build.tags,
        # The name is fixed (kubeconfigs and the log group use it), so a replacement must
        # delete the old cluster first; in production `protect` stops that before it starts.
        opts=build.child(depends_on=depends, protect=args.protect, delete_before_replace=True),
    )


def _access(build: _Build, cluster: eks.Cluster) -> eks.AccessPolicyAssociation:
    """Who may use the Kubernetes API: the deployer as cluster admin, and every group bound on this
    cluster through the IAM role its members assume (one entry per role, however many groups it
    stands for; RoleBindings grant the rights). Returns the deployer's admin association."""
    name, tags, opts_, args = build.name, build.tags, build.opts, build.args
    deployer = args.deployer.aws
    assert deployer is not None
    principals: dict[str, list[str]] = {}
    for group in args.groups:
        mapping = args.identity.groups.get(group)
        if mapping is not None and mapping.aws:
            principals.setdefault(mapping.aws, []).append(group)
    deployer_entry = eks.AccessEntry(
        f"{name}-deployer",
        cluster_name=cluster.name,
        # The deploy role itself, in whichever account: STANDARD access entries may name a
        # principal of another account (EKS user guide, creating-access-entries).
        principal_arn=deployer.role_arn,
        kubernetes_groups=sorted(principals.pop(deployer.role_arn, [])) or None,
        type="STANDARD",
        tags=tags,
        opts=opts_,
    )
    for role_arn, groups in principals.items():
        eks.AccessEntry(
            f"{name}-{groups[0]}-access",
            cluster_name=cluster.name,
            principal_arn=role_arn,
            kubernetes_groups=sorted(groups),
            type="STANDARD",
            tags=tags,
            opts=opts_,
        )
    _preview_access(build, cluster, {deployer.role_arn, *principals})
    return eks.AccessPolicyAssociation(
        f"{name}-deployer-admin",
        cluster_name=cluster.name,
        principal_arn=deployer_entry.principal_arn,
        policy_arn=CLUSTER_ADMIN_POLICY,
        access_scope={"type": "cluster"},
        opts=opts_,
    )


def _preview_access(build: _Build, cluster: eks.Cluster, entries: set[str]) -> None:
    """Pull-request previews' role reads the cluster as Kubernetes' `view` (no Secrets), as the deploy
    role is admin: an access entry of its own, unless it already has one as a group's role."""
    preview = build.args.deployer.preview
    role = preview.aws_role_arn if preview else None
    if role is None or role in entries:
        return
    entry = eks.AccessEntry(
        f"{build.name}-preview",
        cluster_name=cluster.name,
        principal_arn=role,
        type="STANDARD",
        tags=build.tags,
        opts=build.opts,
    )
    eks.AccessPolicyAssociation(
        f"{build.name}-preview-view",
        cluster_name=cluster.name,
        principal_arn=entry.principal_arn,
        policy_arn=VIEW_POLICY,
        access_scope={"type": "cluster"},
        opts=build.opts,
    )


def _runner_access(build: _Build, net: _Network, cluster: eks.Cluster) -> list[pulumi.Resource]:
    """The runners reach the private endpoint through their region's transit gateway: this VPC's
    attachment and its routes back to them come first (runner_routes). The cluster security group
    admits only itself; the runners reach the private endpoint from their own range."""
    name, args = build.name, build.args
    routes = runner_routes(
        name, build.spec.region, args.deployer, net.vpc, net.private_subnets, net.private_routes, build.tags, build.opts
    )
    ingress = vpc.SecurityGroupIngressRule(
        f"{name}-api-from-deployer",
        security_group_id=cluster.vpc_config.apply(lambda c: c.cluster_security_group_id),
        ip_protocol="tcp",
        from_port=443,
        to_port=443,
        cidr_ipv4=args.deployer.private_network,
        description="Kubernetes API from the deploy runners (deployer.privateNetwork)",
        tags=build.tags,
        opts=build.opts,
    )
    return [*routes, ingress]


def _addon(
    build: _Build, cluster: eks.Cluster, addon_name: str, depends_on: list[pulumi.Resource], **extra: object
) -> eks.Addon:
    return eks.Addon(
        f"{build.name}-{addon_name}",
        cluster_name=cluster.name,
        addon_name=addon_name,
        # Pinned per minor, never EKS's moving default (fleet.core.eks_addons).
        addon_version=eks_addons.version(addon_name, build.spec.kubernetes_version),
        resolve_conflicts_on_create="OVERWRITE",
        resolve_conflicts_on_update="OVERWRITE",
        tags=build.tags,
        opts=build.child(depends_on=depends_on),
        **extra,
    )


def _nodes_and_addons(
    build: _Build, net: _Network, roles: _Roles, cluster: eks.Cluster
) -> tuple[list[pulumi.Resource], eks.PodIdentityAssociation]:
    """The networking add-ons nodes need, the node groups, then the add-ons that need nodes, and the
    autoscaler's identity. Returns what the cluster is ready with, and that identity."""
    # Deleting the networking add-ons would leave nodes without pod networking; keep their
    # objects if one is ever removed from here.
    before_nodes = [
        _addon(
            build,
            cluster,
            "vpc-cni",
            [],
            preserve=True,
            # Tenants' default-deny NetworkPolicies are only enforced with this on.
            configuration_values=_compact({"enableNetworkPolicy": "true"}),
        ),
        _addon(build, cluster, "kube-proxy", [], preserve=True),
        _addon(build, cluster, "eks-pod-identity-agent", []),
    ]
    depends = [*roles.node_policies, *net.egress, *before_nodes]
    node_groups = [_node_group(build, net, roles, cluster, pool, depends) for pool in build.spec.node_pools]
    coredns = _addon(build, cluster, "coredns", node_groups, preserve=True)
    ebs_csi = _addon(
        build,
        cluster,
        "aws-ebs-csi-driver",
        [*node_groups, roles.ebs_policy],
        pod_identity_associations=[{"role_arn": roles.ebs.arn, "service_account": EBS_CSI_SERVICE_ACCOUNT}],
    )
    autoscaler_identity = eks.PodIdentityAssociation(
        f"{build.name}-autoscaler",
        cluster_name=cluster.name,
        namespace=AUTOSCALER_NAMESPACE,
        service_account=AUTOSCALER_SERVICE_ACCOUNT,
        role_arn=roles.autoscaler.arn,
        tags=build.tags,
        opts=build.child(depends_on=[roles.autoscaler_policy]),
    )
    return [*node_groups, coredns, ebs_csi], autoscaler_identity


def _metrics(build: _Build, net: _Network, cluster: eks.Cluster, nodes_ready: list[pulumi.Resource]) -> None:
    """Amazon Managed Service for Prometheus in the cluster's own region, and fleet's alert set over it.

    A workspace, kube-state-metrics (the EKS community add-on), a managed collector whose source is
    the cluster (in its private subnets and cluster security group, as AMP asks: "the security group
    and subnets for the cluster") and whose destination is the workspace, and the alert set as a
    rule groups namespace (fleet.observability.aws). A collector, its cluster and its workspace must
    be in one region (AMP user guide), and everything here is in the cluster's.
    """
    name, spec = build.name, build.spec
    # Metrics history is what an incident review reads: kept like the cluster's logs.
    workspace = amp.Workspace(
        f"{name}-prom", alias=spec.name, tags={**build.tags, **prometheus.SCRAPER_TAG}, opts=build.kept
    )
    kube_state_metrics = _addon(build, cluster, prometheus.KUBE_STATE_METRICS_ADDON, nodes_ready)
    amp.Scraper(
        f"{name}-prom-scraper",
        alias=spec.name,
        source={
            "eks": {
                "cluster_arn": cluster.arn,
                "subnet_ids": net.subnet_ids,
                "security_group_ids": [cluster.vpc_config.cluster_security_group_id],
            }
        },
        destination={"amp": {"workspace_arn": workspace.arn}},
        scrape_configuration=prometheus.scrape_configuration(spec.name),
        tags=build.tags,
        opts=build.child(depends_on=[kube_state_metrics]),
    )
    amp.RuleGroupNamespace(
        f"{name}-prom-rules",
        # Named: a rule groups namespace's name cannot change in place.
        name=prometheus.RULES_NAMESPACE,
        workspace_id=workspace.id,
        data=prometheus.rules_file(),
        tags=build.tags,
        opts=build.opts,
    )


def _container_logs(
    build: _Build, cluster: eks.Cluster, groups: list[cloudwatch.LogGroup], nodes_ready: list[pulumi.Resource]
) -> None:
    """Every container's logs into the cluster's own log groups, in its region: the CloudWatch
    Observability add-on with Container Insights metrics and Application Signals off, and its
    service account's EKS Pod Identity role (supported from add-on 3.1.0, CloudWatch user guide,
    "Install the CloudWatch agent with the Amazon CloudWatch Observability EKS add-on"). The role
    may only write streams into those groups: AWS's CloudWatchAgentServerPolicy would also let it
    create log groups anywhere and put metrics."""
    name, spec = build.name, build.spec
    role = iam.Role(
        f"{name}-cloudwatch",
        assume_role_policy=_pod_identity_trust(spec.name, CLOUDWATCH_NAMESPACE, CLOUDWATCH_SERVICE_ACCOUNT),
        tags=build.tags,
        opts=build.opts,
    )
    policy = iam.RolePolicy(
        f"{name}-cloudwatch",
        role=role.name,
        policy=pulumi.Output.all(*[g.arn for g in groups]).apply(_log_writer_policy),
        opts=build.opts,
    )
    _addon(
        build,
        cluster,
        eks_addons.CLOUDWATCH_OBSERVABILITY,
        [*nodes_ready, *groups, policy],
        configuration_values=_compact(CONTAINER_LOGS_ONLY),
        pod_identity_associations=[{"role_arn": role.arn, "service_account": CLOUDWATCH_SERVICE_ACCOUNT}],
    )


def _node_group(
    build: _Build, net: _Network, roles: _Roles, cluster: eks.Cluster, pool: NodePool, depends: list[pulumi.Resource]
) -> eks.NodeGroup:
    name, tags, spec = build.name, build.tags, build.spec
    # Instances and their volumes get the cluster's tags (residency included): EKS does not
    # copy node group tags to what the Auto Scaling group launches.
    template = ec2.LaunchTemplate(
        f"{name}-{pool.name}-nodes",
        block_device_mappings=[
            {
                "device_name": "/dev/xvda",
                "ebs": {
                    "volume_size": pool.disk_size_gb,
                    "volume_type": "gp3",
                    "encrypted": "true",
                    "delete_on_termination": "true",
                },
            }
        ],
        # IMDSv2 only, one hop: a pod behind the node's network cannot reach the node role's
        # credentials ("Metadata response hop limit - 1", EKS user guide, Security best practices,
        # managed nodes with a custom launch template; Security Hub AutoScaling.4). What needs AWS
        # credentials has its own: vpc-cni, kube-proxy and the Pod Identity agent run on the host
        # network; the EBS CSI driver and the cluster autoscaler use Pod Identity, and the
        # autoscaler is given its region.
        metadata_options={
            "http_endpoint": "enabled",
            "http_tokens": "required",
            "http_put_response_hop_limit": 1,
        },
        tag_specifications=[
            {"resource_type": "instance", "tags": tags},
            {"resource_type": "volume", "tags": tags},
        ],
        tags=tags,
        opts=build.opts,
    )
    return eks.NodeGroup(
        f"{name}-{pool.name}",
        cluster_name=cluster.name,
        # A prefix, not a name: changing the machine type replaces the group, and the
        # new one is created (next to the old one, which then drains) under a new name.
        node_group_name_prefix=f"{pool.name}-",
        node_role_arn=roles.nodes.arn,
        subnet_ids=net.subnet_ids,
        instance_types=[pool.machine_type],
        launch_template={"id": template.id, "version": template.latest_version.apply(str)},
        version=spec.kubernetes_version,
        scaling_config={
            "desired_size": max(pool.min_size, 1),
            "min_size": pool.min_size,
            "max_size": pool.max_size,
        },
        update_config={"max_unavailable": 1},
        tags=tags,
        # Nodes join only with their role's policies, a route out (image pulls) and
        # the networking add-ons in place. Cluster Autoscaler owns desiredSize.
        opts=build.child(depends_on=depends, ignore_changes=["scalingConfig.desiredSize"]),
    )


def _platform(
    build: _Build, autoscaler_identity: eks.PodIdentityAssociation
) -> Callable[[kubernetes.Provider], list[pulumi.Resource]]:
    """What the cluster provides its tenants, through its Kubernetes provider: a default StorageClass
    and Cluster Autoscaler."""
    name, tags, spec, component = build.name, build.tags, build.spec, build.component

    def platform(k8s: kubernetes.Provider) -> list[pulumi.Resource]:
        # Named like the fleet's other objects on a cluster ("<cluster>/guardrails-...",
        # "<cluster>/<tenant>-..."): "/" occurs in no cluster or tenant name.
        on_cluster = pulumi.ResourceOptions(parent=component, provider=k8s)
        # EKS has had no default StorageClass since Kubernetes 1.30; tenants' claims (and a
        # vcluster's control plane) need one. Volumes are encrypted whatever the account's
        # EBS default, and tagged like everything else of the cluster.
        storage = kubernetes.storage.v1.StorageClass(
            f"{name}/platform-storage-class",
            metadata={
                "name": DEFAULT_STORAGE_CLASS,
                "labels": tags,
                "annotations": {"storageclass.kubernetes.io/is-default-class": "true"},
            },
            provisioner=EBS_CSI_PROVISIONER,
            parameters={
                "type": "gp3",
                "encrypted": "true",
                **{f"tagSpecification_{i}": f"{k}={v}" for i, (k, v) in enumerate(sorted(tags.items()), 1)},
            },
            volume_binding_mode="WaitForFirstConsumer",
            allow_volume_expansion=True,
            reclaim_policy="Delete",
            opts=on_cluster,
        )
        autoscaler = kubernetes.helm.v3.Release(
            f"{name}/platform-cluster-autoscaler",
            name="cluster-autoscaler",
            chart=AUTOSCALER_CHART,
            version=AUTOSCALER_CHART_VERSION,
            repository_opts={"repo": AUTOSCALER_CHART_REPO},
            namespace=AUTOSCALER_NAMESPACE,
            values={
                "cloudProvider": "aws",
                "awsRegion": spec.region,
                "autoDiscovery": {"clusterName": spec.name},
                "image": {"tag": AUTOSCALER_IMAGE_TAGS[spec.kubernetes_version]},
                "fullnameOverride": "cluster-autoscaler",
                "rbac": {"serviceAccount": {"create": True, "name": AUTOSCALER_SERVICE_ACCOUNT}},
            },
            atomic=True,
            opts=pulumi.ResourceOptions(parent=component, provider=k8s, depends_on=[autoscaler_identity]),
        )
        return [storage, autoscaler]

    return platform


def _kubeconfig(spec: ClusterBase, cluster: eks.Cluster) -> pulumi.Output[str]:
    # get-token only presigns an STS call: its --region is STS's.
    sts = _sts_region(spec.region) or spec.region
    return pulumi.Output.all(cluster.endpoint, cluster.certificate_authority.data).apply(
        lambda parts: kubeconfig_yaml(
            spec.name,
            parts[0],
            parts[1],
            "aws",
            ["eks", "get-token", "--cluster-name", spec.name, "--region", sts, "--output", "json"],
        )
    )
