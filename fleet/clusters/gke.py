"""GKE: a regional Standard cluster with private nodes in its own VPC."""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp
from pulumi_gcp import compute, container, kms, projects, serviceaccount

from fleet.clusters.contract import ClusterArgs, FleetCluster, kubeconfig_yaml
from fleet.spec.model import GcpCluster

NODE_ROLES = [
    "roles/logging.logWriter",
    "roles/monitoring.metricWriter",
    "roles/monitoring.viewer",
    "roles/artifactregistry.reader",
]
# APISERVER sends the API server's logs; GKE's Admin Activity audit logs are always on.
LOG_COMPONENTS = ["SYSTEM_COMPONENTS", "APISERVER", "CONTROLLER_MANAGER", "SCHEDULER", "WORKLOADS"]


class GkeCluster(FleetCluster):
    """A GKE cluster with production defaults.

    By default: private nodes behind Cloud NAT, a private control-plane endpoint (or one
    restricted to authorized networks), Secrets encrypted at the application layer with a
    rotating Cloud KMS key, API server logs in Cloud Logging, Workload Identity, Dataplane V2
    (enforces NetworkPolicy), shielded nodes, a least-privilege node service account, and node
    pools pinned to the cluster version that autoscale between minSize and maxSize in total.
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
            account_id=f"{spec.name[:22]}-nodes",
            display_name=f"GKE nodes of {spec.name}",
            opts=opts_,
        )
        node_member = nodes_account.email.apply(lambda email: f"serviceAccount:{email}")
        for role in NODE_ROLES:
            projects.IAMMember(
                f"{name}-nodes-{role.split('/')[1].replace('.', '-').lower()}",
                project=spec.project,
                role=role,
                member=node_member,
                opts=opts_,
            )

        encryption: dict[str, object] = {"state": "DECRYPTED"}
        depends: list[pulumi.Resource] = []
        if security.secrets_encryption:
            ring = kms.KeyRing(f"{name}-keys", name=f"fleet-{spec.name}", location=spec.region, opts=opts_)
            key = kms.CryptoKey(
                f"{name}-secrets",
                name="kubernetes-secrets",
                key_ring=ring.id,
                purpose="ENCRYPT_DECRYPT",
                rotation_period="7776000s",
                labels=tags,
                opts=self.child(provider, protect=args.protect),
            )
            gke_agent = projects.ServiceIdentity(
                f"{name}-gke-agent", project=spec.project, service="container.googleapis.com", opts=opts_
            )
            depends.append(
                kms.CryptoKeyIAMMember(
                    f"{name}-secrets-gke",
                    crypto_key_id=key.id,
                    role="roles/cloudkms.cryptoKeyEncrypterDecrypter",
                    member=gke_agent.email.apply(lambda email: f"serviceAccount:{email}"),
                    opts=opts_,
                )
            )
            encryption = {"state": "ENCRYPTED", "key_name": key.id}

        private_endpoint = endpoint_access.access == "private"
        cluster = container.Cluster(
            f"{name}-gke",
            name=spec.name,
            location=spec.region,
            network=network.id,
            subnetwork=subnet.id,
            remove_default_node_pool=True,
            initial_node_count=1,
            min_master_version=spec.kubernetes_version,
            # Versions are pinned in the spec; upgrades go through review like any change.
            release_channel={"channel": "UNSPECIFIED"},
            networking_mode="VPC_NATIVE",
            ip_allocation_policy={
                "cluster_secondary_range_name": "pods",
                "services_secondary_range_name": "services",
            },
            private_cluster_config={
                "enable_private_nodes": True,
                "enable_private_endpoint": private_endpoint,
            },
            master_authorized_networks_config={
                "gcp_public_cidrs_access_enabled": False,
                "cidr_blocks": [
                    {"cidr_block": cidr, "display_name": f"allowed-{index}"}
                    for index, cidr in enumerate(endpoint_access.allowed_cidrs)
                ],
            },
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
            opts=self.child(provider, depends_on=depends, protect=args.protect),
        )

        for pool in spec.node_pools:
            container.NodePool(
                f"{name}-{pool.name}",
                name=pool.name,
                cluster=cluster.id,
                location=spec.region,
                version=spec.kubernetes_version,
                initial_node_count=max(pool.min_size // 3, 1),
                autoscaling={
                    "total_min_node_count": pool.min_size,
                    "total_max_node_count": pool.max_size,
                    "location_policy": "BALANCED",
                },
                management={"auto_repair": True, "auto_upgrade": False},
                node_config={
                    "machine_type": pool.machine_type,
                    "disk_size_gb": pool.disk_size_gb,
                    "service_account": nodes_account.email,
                    "oauth_scopes": ["https://www.googleapis.com/auth/cloud-platform"],
                    "workload_metadata_config": {"mode": "GKE_METADATA"},
                    "shielded_instance_config": {"enable_secure_boot": True, "enable_integrity_monitoring": True},
                    "resource_labels": tags,
                },
                opts=opts_,
            )

        endpoint = cluster.endpoint.apply(lambda host: f"https://{host}")
        kubeconfig = pulumi.Output.all(endpoint, cluster.master_auth.cluster_ca_certificate).apply(
            lambda parts: kubeconfig_yaml(spec.name, parts[0], parts[1] or "", "gke-gcloud-auth-plugin", [])
        )
        self.finish(endpoint, kubeconfig)
