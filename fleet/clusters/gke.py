"""GKE: a regional Standard cluster with private nodes in its own VPC."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import pulumi
import pulumi_gcp as gcp
from pulumi_gcp import compute, container, kms, organizations, projects, serviceaccount

from fleet.clusters.contract import ClusterArgs, FleetCluster, kubeconfig_yaml
from fleet.core import maintenance
from fleet.core.kinds import gcp as gcp_kind
from fleet.observability import gke as managed_prometheus
from fleet.observability.components import GkeMetrics
from fleet.spec.model import ApiEndpoint, GcpCluster, Maintenance, NodePool, Security

# GKE's predefined role for custom node service accounts (logs, metrics, resource metadata,
# autoscaler status), so the list never falls behind what nodes need; plus pulling images.
NODE_ROLES = ["roles/container.defaultNodeServiceAccount", "roles/artifactregistry.reader"]
# APISERVER sends the API server's logs; GKE's Admin Activity audit logs are always on.
LOG_COMPONENTS = ["SYSTEM_COMPONENTS", "APISERVER", "CONTROLLER_MANAGER", "SCHEDULER", "WORKLOADS"]

# GKE upgrades every control plane, channel or not (and "no channel" is closed to new
# customers); a channel plus a maintenance policy is what says how. REGULAR is GKE's default
# channel. On a channel node auto-upgrade cannot be turned off (GKE API, ReleaseChannel).
RELEASE_CHANNEL = "REGULAR"
# Hold the minor version and the nodes until the minor's end of support: only control-plane
# patches happen on their own. Node patches and minor upgrades go through review (node pools
# follow the control plane's version; kubernetesVersion raises the minor). A literal start,
# never now(): a moving start time would be a change on every run.
HOLD_MINOR_AND_NODES = {
    "exclusion_name": "fleet-hold-minor-and-nodes",
    "start_time": "2026-01-01T00:00:00Z",
    "exclusion_options": {"scope": "NO_MINOR_OR_NODE_UPGRADES", "end_time_behavior": "UNTIL_END_OF_SUPPORT"},
}
CLOUD_PLATFORM = ["https://www.googleapis.com/auth/cloud-platform"]


def _maintenance_policy(settings: Maintenance) -> dict[str, object]:
    return {
        "recurring_window": maintenance.gke_window(settings.core_window()),
        "maintenance_exclusions": [HOLD_MINOR_AND_NODES, *maintenance.gke_exclusions(settings.core_exclusions())],
    }


def node_account_id(cluster: str) -> str:
    """The node service account's id: 6-30 characters (IAM), unique per project.

    Short names keep the readable ``<cluster>-nodes``; longer ones are cut and made unique with a
    digest of the whole name, so two clusters of one project never collide.
    """
    if len(cluster) <= 24:
        return f"{cluster}-nodes"
    digest = hashlib.sha256(cluster.encode()).hexdigest()[:6]
    return f"{cluster[:17].rstrip('-')}-{digest}-nodes"


class GkeCluster(FleetCluster):
    """A GKE cluster with production defaults.

    By default: private nodes behind Cloud NAT; a private control-plane endpoint that admits the
    deployer's runner network from any region (or a public one restricted to authorized
    networks), and with ``apiEndpoint.dnsEndpoint`` GKE's DNS-based endpoint, authorized by IAM,
    which the kubeconfig then uses; Secrets encrypted at the application layer with a rotating
    Cloud KMS key; API server logs in Cloud Logging; Workload Identity; Dataplane V2 (enforces
    NetworkPolicy); shielded nodes; a least-privilege node service account; Google Groups for
    RBAC; the Compute Engine persistent disk CSI driver (GKE's default StorageClass
    ``standard-rwo`` uses it). Versions: REGULAR channel, the minor version and the nodes held
    until end of support, control-plane patches automatic in the maintenance window, node pools on the
    control plane's exact version. Node pools autoscale between minSize and maxSize in total.
    """

    def __init__(self, name: str, args: ClusterArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__(gcp_kind.KIND.component_type, name, args, opts)
        spec = args.spec
        assert isinstance(spec, GcpCluster)
        _, endpoint_access, security = args.managed()
        provider = gcp.Provider(
            f"{name}-gcp",
            project=spec.project,
            region=spec.region,
            default_labels=args.tags,
            opts=pulumi.ResourceOptions(parent=self),
        )
        build = _Build(self, name, args, spec, provider)
        network, subnet = _network(build)
        nodes_account, node_roles = _node_identity(build)
        before_cluster: list[pulumi.Resource] = list(node_roles)  # the transient default pool runs as it
        encryption: dict[str, object] = (
            _encryption(build, before_cluster) if security.secrets_encryption else {"state": "DECRYPTED"}
        )
        cluster = _control_plane(
            build, network, subnet, nodes_account, encryption, before_cluster, endpoint_access, security
        )
        pools = [_node_pool(build, cluster, nodes_account, node_roles, pool, security) for pool in spec.node_pools]
        server, kubeconfig = _kubeconfig(spec, cluster, endpoint_access)
        self.finish(
            server,
            kubeconfig,
            ready=pools,
            platform=lambda k8s: [
                GkeMetrics(f"{name}/platform-metrics", k8s, opts=pulumi.ResourceOptions(parent=self))
            ],
        )


@dataclass
class _Build:
    """What every part of one GKE cluster is made with: the component, the spec, the provider."""

    component: GkeCluster
    name: str
    args: ClusterArgs
    spec: GcpCluster
    provider: gcp.Provider
    tags: dict[str, str] = field(init=False)
    opts: pulumi.ResourceOptions = field(init=False)
    kept: pulumi.ResourceOptions = field(init=False)

    def __post_init__(self) -> None:
        self.tags = self.args.tags
        self.opts = self.child()
        # Deleting these loses tenant data or the means to read it: protected in production.
        self.kept = self.child(protect=self.args.protect)

    def child(self, **kwargs: object) -> pulumi.ResourceOptions:
        return self.component.child(self.provider, **kwargs)


def _network(build: _Build) -> tuple[compute.Network, compute.Subnetwork]:
    """A VPC with one subnet for the nodes (pods and services as its secondary ranges), and Cloud NAT."""
    name, spec, opts_ = build.name, build.spec, build.opts
    network = compute.Network(f"{name}-vpc", auto_create_subnetworks=False, routing_mode="REGIONAL", opts=opts_)
    subnet = compute.Subnetwork(
        f"{name}-nodes",
        network=network.id,
        region=spec.region,
        ip_cidr_range=spec.network.node_cidr,
        private_ip_google_access=True,
        secondary_ip_ranges=[
            {"range_name": "pods", "ip_cidr_range": spec.network.pod_cidr},
            {"range_name": "services", "ip_cidr_range": spec.network.service_cidr},
        ],
        log_config={"aggregation_interval": "INTERVAL_5_SEC", "flow_sampling": 0.5},
        opts=opts_,
    )
    router = compute.Router(f"{name}-router", network=network.id, region=spec.region, opts=opts_)
    compute.RouterNat(
        f"{name}-nat",
        router=router.name,
        region=spec.region,
        nat_ip_allocate_option="AUTO_ONLY",
        source_subnetwork_ip_ranges_to_nat="ALL_SUBNETWORKS_ALL_IP_RANGES",
        log_config={"enable": True, "filter": "ERRORS_ONLY"},
        opts=opts_,
    )
    return network, subnet


def _node_identity(build: _Build) -> tuple[serviceaccount.Account, list[projects.IAMMember]]:
    """The nodes' own service account, with GKE's node role and image pulls."""
    name, spec, opts_ = build.name, build.spec, build.opts
    nodes_account = serviceaccount.Account(
        f"{name}-nodes",
        account_id=node_account_id(spec.name),
        display_name=f"GKE nodes of {spec.name}",
        opts=opts_,
    )
    node_member = nodes_account.email.apply(lambda email: f"serviceAccount:{email}")
    node_roles = [
        projects.IAMMember(
            f"{name}-nodes-{role.split('/')[1].replace('.', '-').lower()}",
            project=spec.project,
            role=role,
            member=node_member,
            opts=opts_,
        )
        for role in NODE_ROLES
    ]
    return nodes_account, node_roles


def _encryption(build: _Build, before_cluster: list[pulumi.Resource]) -> dict[str, object]:
    """A rotating Cloud KMS key for the cluster's Secrets, and the GKE service agent's grant on it
    (appended to ``before_cluster``: without it the cluster cannot read its own Secrets)."""
    name, spec, kept = build.name, build.spec, build.kept
    # No fixed names: Cloud KMS never deletes a key ring or a key, so a fixed name would
    # collide with the remains of a destroyed stack. Pulumi adds a random suffix.
    ring = kms.KeyRing(f"{name}-keys", location=spec.region, opts=kept)
    key = kms.CryptoKey(
        f"{name}-secrets",
        key_ring=ring.id,
        purpose="ENCRYPT_DECRYPT",
        rotation_period="7776000s",
        labels=build.tags,
        # PREVENT makes the provider itself refuse to destroy the key (a second lock
        # beside protect): destroying it destroys every version, and Secrets with it.
        deletion_policy="PREVENT" if build.args.protect else None,
        opts=kept,
    )
    # The GKE service agent, named from the project number: it exists once the Kubernetes
    # Engine API is enabled, and this needs no generateServiceIdentity call (whose answer
    # may lack the email).
    project = organizations.get_project_output(
        project_id=spec.project, opts=pulumi.InvokeOutputOptions(parent=build.component, provider=build.provider)
    )
    before_cluster.append(
        kms.CryptoKeyIAMMember(
            f"{name}-secrets-gke",
            crypto_key_id=key.id,
            role="roles/cloudkms.cryptoKeyEncrypterDecrypter",
            member=project.number.apply(
                lambda number: f"serviceAccount:service-{number}@container-engine-robot.iam.gserviceaccount.com"
            ),
            opts=kept,
        )
    )
    return {"state": "ENCRYPTED", "key_name": key.id}


def _endpoint(build: _Build, subnet: compute.Subnetwork, endpoint_access: ApiEndpoint) -> dict[str, object]:
    """How the control plane is reached: the cluster's private, authorized-networks and DNS endpoint
    settings. A private endpoint answers only the runners' network (and GKE's own nodes and pods,
    listed so that enforcing authorized networks on it can never lock them out); a public one only
    the listed public ranges."""
    spec, deployer = build.spec, build.args.deployer
    private = endpoint_access.access == "private"
    authorized = (
        [
            *([deployer.private_network] if deployer.private_network else []),
            spec.network.node_cidr,
            *([spec.network.pod_cidr] if spec.network.pod_cidr else []),
        ]
        if private
        else list(endpoint_access.allowed_cidrs)
    )
    return {
        "private_cluster_config": {
            "enable_private_nodes": True,
            "enable_private_endpoint": private,
            # Stated, not left to GKE: it is ForceNew, and the value GKE picks is read back.
            "private_endpoint_subnetwork": subnet.id,
            # Runners in another region reach the private endpoint only with global access.
            "master_global_access_config": {"enabled": private},
        },
        "master_authorized_networks_config": {
            "gcp_public_cidrs_access_enabled": False,
            "private_endpoint_enforcement_enabled": private,
            "cidr_blocks": [
                {"cidr_block": cidr, "display_name": f"allowed-{index}"} for index, cidr in enumerate(authorized)
            ],
        },
        # The DNS endpoint is reachable from any network and authorized by IAM
        # (container.clusters.connect); Google OAuth only, never Kubernetes tokens or certs.
        "control_plane_endpoints_config": {
            "dns_endpoint_config": {
                "allow_external_traffic": endpoint_access.dns_endpoint,
                "enable_k8s_tokens_via_dns": False,
                "enable_k8s_certs_via_dns": False,
            }
        },
    }


def _control_plane(
    build: _Build,
    network: compute.Network,
    subnet: compute.Subnetwork,
    nodes_account: serviceaccount.Account,
    encryption: dict[str, object],
    before_cluster: list[pulumi.Resource],
    endpoint_access: ApiEndpoint,
    security: Security,
) -> container.Cluster:
    name, spec, args = build.name, build.spec, build.args
    return container.Cluster(
        f"{name}-gke",
        name=spec.name,
        location=spec.region,
        network=network.id,
        subnetwork=subnet.id,
        remove_default_node_pool=True,
        initial_node_count=1,
        # The transient default pool runs as the node account, not the Compute Engine default
        # account (which organisations often disable or delete).
        node_config={"service_account": nodes_account.email, "oauth_scopes": CLOUD_PLATFORM},
        min_master_version=spec.kubernetes_version,
        release_channel={"channel": RELEASE_CHANNEL},
        # The spec's window and exclusions (fleet.core.maintenance, checked against GKE's limits),
        # beside fleet's hold of minors and nodes.
        maintenance_policy=_maintenance_policy(args.maintenance or Maintenance()),
        # In a rollout sequence of the upgrade waves, the cluster joins its project's fleet
        # (an in-place update, GKE's desiredFleet): GKE orders its own upgrades by fleet.
        fleet={"project": args.gke_fleet} if args.gke_fleet else None,
        networking_mode="VPC_NATIVE",
        ip_allocation_policy={"cluster_secondary_range_name": "pods", "services_secondary_range_name": "services"},
        **_endpoint(build, subnet, endpoint_access),
        authenticator_groups_config=(
            {"security_group": args.identity.gcp_security_group} if args.identity.gcp_security_group else None
        ),
        addons_config={"gce_persistent_disk_csi_driver_config": {"enabled": True}},
        database_encryption=encryption,
        workload_identity_config=(
            {"workload_pool": f"{spec.project}.svc.id.goog"} if security.workload_identity else None
        ),
        datapath_provider="ADVANCED_DATAPATH",
        enable_shielded_nodes=True,
        enable_legacy_abac=False,
        master_auth={"client_certificate_config": {"issue_client_certificate": False}},
        # Containers' logs whatever auditLogs says, as on EKS and AKS; it turns off the control plane's.
        logging_config={
            "enable_components": LOG_COMPONENTS if security.audit_logs else ["SYSTEM_COMPONENTS", "WORKLOADS"]
        },
        # Managed collection (Managed Service for Prometheus) and GKE's metric packages, stated in
        # full: the set replaces GKE's. fleet's alert set runs on it (fleet.observability.gke).
        monitoring_config=managed_prometheus.monitoring_config(),
        deletion_protection=args.protect,
        resource_labels=build.tags,
        opts=build.child(
            depends_on=before_cluster,
            protect=args.protect,
            # node_config describes only the default pool, deleted right after create; GKE
            # then reports another pool's config there, and the block is ForceNew.
            ignore_changes=["nodeConfig"],
        ),
    )


def _node_pool(
    build: _Build,
    cluster: container.Cluster,
    nodes_account: serviceaccount.Account,
    node_roles: list[projects.IAMMember],
    pool: NodePool,
    security: Security,
) -> container.NodePool:
    return container.NodePool(
        f"{build.name}-{pool.name}",
        name=pool.name,
        cluster=cluster.id,
        location=build.spec.region,
        # The control plane's exact version: no diff until GKE patches the control plane,
        # and then the nodes follow through review (a fuzzy "1.35" diffs on every run).
        version=cluster.master_version,
        # Per zone, and ForceNew: a constant, so resizing the pool never replaces it.
        initial_node_count=1,
        autoscaling={
            "total_min_node_count": pool.min_size,
            "total_max_node_count": pool.max_size,
            "location_policy": "BALANCED",
        },
        # A release channel requires node auto-upgrade; the maintenance exclusion holds it.
        management={"auto_repair": True, "auto_upgrade": True},
        node_config={
            "machine_type": pool.machine_type,
            "disk_size_gb": pool.disk_size_gb,
            "service_account": nodes_account.email,
            "oauth_scopes": CLOUD_PLATFORM,
            # GKE_METADATA needs the cluster's workload pool; GKE refuses it without one.
            "workload_metadata_config": {"mode": "GKE_METADATA" if security.workload_identity else "GCE_METADATA"},
            "shielded_instance_config": {"enable_secure_boot": True, "enable_integrity_monitoring": True},
            "resource_labels": build.tags,
        },
        opts=build.child(depends_on=node_roles),
    )


def _kubeconfig(
    spec: GcpCluster, cluster: container.Cluster, endpoint_access: ApiEndpoint
) -> tuple[pulumi.Output[str], pulumi.Output[str]]:
    """The API server's address and a kubeconfig for it."""
    if endpoint_access.dns_endpoint:
        # The DNS name serves a publicly trusted certificate, not one from the cluster CA, so
        # the kubeconfig carries no CA data (pinning the cluster CA would fail TLS).
        server = cluster.control_plane_endpoints_config.apply(lambda c: f"https://{c.dns_endpoint_config.endpoint}")
        ca = pulumi.Output.from_input("")
    else:
        # With the private endpoint on, the public one is off: address the private one.
        private = endpoint_access.access == "private"
        host = cluster.private_cluster_config.private_endpoint if private else cluster.endpoint
        server = host.apply(lambda h: f"https://{h}")
        ca = cluster.master_auth.cluster_ca_certificate.apply(lambda data: data or "")
    kubeconfig = pulumi.Output.all(server, ca).apply(
        # ADC (what google-github-actions/auth writes, or `gcloud auth application-default
        # login`), so the plugin never needs an interactive gcloud login.
        lambda parts: kubeconfig_yaml(
            spec.name, parts[0], parts[1], "gke-gcloud-auth-plugin", ["--use_application_default_credentials"]
        )
    )
    return server, kubeconfig
