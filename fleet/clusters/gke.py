"""GKE: a regional Standard cluster with private nodes in its own VPC."""

from __future__ import annotations

import hashlib

import pulumi
import pulumi_gcp as gcp
from pulumi_gcp import compute, container, kms, organizations, projects, serviceaccount

from fleet.clusters.contract import ClusterArgs, FleetCluster, kubeconfig_yaml
from fleet.spec.model import GcpCluster

# GKE's predefined role for custom node service accounts (logs, metrics, resource metadata,
# autoscaler status), so the list never falls behind what nodes need; plus pulling images.
NODE_ROLES = ["roles/container.defaultNodeServiceAccount", "roles/artifactregistry.reader"]
# APISERVER sends the API server's logs; GKE's Admin Activity audit logs are always on.
LOG_COMPONENTS = ["SYSTEM_COMPONENTS", "APISERVER", "CONTROLLER_MANAGER", "SCHEDULER", "WORKLOADS"]

# GKE upgrades every control plane, channel or not (and "no channel" is closed to new
# customers); a channel plus a maintenance policy is what says how. REGULAR is GKE's default
# channel. On a channel node auto-upgrade cannot be turned off (GKE API, ReleaseChannel).
RELEASE_CHANNEL = "REGULAR"
# Automatic maintenance only at weekends (Saturday and Sunday 01:00-09:00 UTC): GKE refuses a
# window that leaves under 48 hours of maintenance in any 32 days; this leaves about 64.
MAINTENANCE_WINDOW = {
    "start_time": "2026-01-03T01:00:00Z",
    "end_time": "2026-01-03T09:00:00Z",
    "recurrence": "FREQ=WEEKLY;BYDAY=SA,SU",
}
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
    until end of support, control-plane patches automatic at weekends, node pools on the
    control plane's exact version. Node pools autoscale between minSize and maxSize in total.
    """

    def __init__(self, name: str, args: ClusterArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__("fleet:clusters:GkeCluster", name, args, opts)
        spec = args.spec
        assert isinstance(spec, GcpCluster)
        _, endpoint_access, security = args.managed()
        tags = args.tags

        provider = gcp.Provider(
            f"{name}-gcp",
            project=spec.project,
            region=spec.region,
            default_labels=tags,
            opts=pulumi.ResourceOptions(parent=self),
        )
        opts_ = self.child(provider)
        # Deleting these loses tenant data or the means to read it: protected in production.
        kept = self.child(provider, protect=args.protect)

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

        encryption: dict[str, object] = {"state": "DECRYPTED"}
        # Nodes (the transient default pool too) run as the node account: its roles come first.
        before_cluster: list[pulumi.Resource] = list(node_roles)
        if security.secrets_encryption:
            # No fixed names: Cloud KMS never deletes a key ring or a key, so a fixed name would
            # collide with the remains of a destroyed stack. Pulumi adds a random suffix.
            ring = kms.KeyRing(f"{name}-keys", location=spec.region, opts=kept)
            key = kms.CryptoKey(
                f"{name}-secrets",
                key_ring=ring.id,
                purpose="ENCRYPT_DECRYPT",
                rotation_period="7776000s",
                labels=tags,
                # PREVENT makes the provider itself refuse to destroy the key (a second lock
                # beside protect): destroying it destroys every version, and Secrets with it.
                deletion_policy="PREVENT" if args.protect else None,
                opts=kept,
            )
            # The GKE service agent, named from the project number: it exists once the Kubernetes
            # Engine API is enabled, and this needs no generateServiceIdentity call (whose answer
            # may lack the email).
            project = organizations.get_project_output(
                project_id=spec.project, opts=pulumi.InvokeOutputOptions(parent=self, provider=provider)
            )
            before_cluster.append(
                kms.CryptoKeyIAMMember(
                    f"{name}-secrets-gke",
                    crypto_key_id=key.id,
                    role="roles/cloudkms.cryptoKeyEncrypterDecrypter",
                    member=project.number.apply(
                        lambda number: f"serviceAccount:service-{number}@container-engine-robot.iam.gserviceaccount.com"
                    ),
                    # Without this grant the cluster cannot read its own Secrets.
                    opts=kept,
                )
            )
            encryption = {"state": "ENCRYPTED", "key_name": key.id}

        private = endpoint_access.access == "private"
        deployer = args.deployer
        # A private endpoint answers only the runners' network (and GKE's own nodes and pods,
        # listed so that enforcing authorized networks on it can never lock them out); a public
        # one only the listed public ranges.
        authorized = (
            [
                *([deployer.private_network] if deployer.private_network else []),
                spec.network.node_cidr,
                *([spec.network.pod_cidr] if spec.network.pod_cidr else []),
            ]
            if private
            else list(endpoint_access.allowed_cidrs)
        )
        cluster = container.Cluster(
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
            maintenance_policy={
                "recurring_window": MAINTENANCE_WINDOW,
                "maintenance_exclusions": [HOLD_MINOR_AND_NODES],
            },
            networking_mode="VPC_NATIVE",
            ip_allocation_policy={
                "cluster_secondary_range_name": "pods",
                "services_secondary_range_name": "services",
            },
            private_cluster_config={
                "enable_private_nodes": True,
                "enable_private_endpoint": private,
                # Stated, not left to GKE: it is ForceNew, and the value GKE picks is read back.
                "private_endpoint_subnetwork": subnet.id,
                # Runners in another region reach the private endpoint only with global access.
                "master_global_access_config": {"enabled": private},
            },
            master_authorized_networks_config={
                "gcp_public_cidrs_access_enabled": False,
                "private_endpoint_enforcement_enabled": private,
                "cidr_blocks": [
                    {"cidr_block": cidr, "display_name": f"allowed-{index}"} for index, cidr in enumerate(authorized)
                ],
            },
            # The DNS endpoint is reachable from any network and authorized by IAM
            # (container.clusters.connect); Google OAuth only, never Kubernetes tokens or certs.
            control_plane_endpoints_config={
                "dns_endpoint_config": {
                    "allow_external_traffic": endpoint_access.dns_endpoint,
                    "enable_k8s_tokens_via_dns": False,
                    "enable_k8s_certs_via_dns": False,
                }
            },
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
            logging_config={"enable_components": LOG_COMPONENTS if security.audit_logs else ["SYSTEM_COMPONENTS"]},
            deletion_protection=args.protect,
            resource_labels=tags,
            opts=self.child(
                provider,
                depends_on=before_cluster,
                protect=args.protect,
                # node_config describes only the default pool, deleted right after create; GKE
                # then reports another pool's config there, and the block is ForceNew.
                ignore_changes=["nodeConfig"],
            ),
        )

        pools = [
            container.NodePool(
                f"{name}-{pool.name}",
                name=pool.name,
                cluster=cluster.id,
                location=spec.region,
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
                    "workload_metadata_config": {
                        "mode": "GKE_METADATA" if security.workload_identity else "GCE_METADATA"
                    },
                    "shielded_instance_config": {"enable_secure_boot": True, "enable_integrity_monitoring": True},
                    "resource_labels": tags,
                },
                opts=self.child(provider, depends_on=node_roles),
            )
            for pool in spec.node_pools
        ]

        if endpoint_access.dns_endpoint:
            # The DNS name serves a publicly trusted certificate, not one from the cluster CA, so
            # the kubeconfig carries no CA data (pinning the cluster CA would fail TLS).
            server = cluster.control_plane_endpoints_config.apply(lambda c: f"https://{c.dns_endpoint_config.endpoint}")
            ca = pulumi.Output.from_input("")
        else:
            # With the private endpoint on, the public one is off: address the private one.
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
        self.finish(server, kubeconfig, ready=pools)
