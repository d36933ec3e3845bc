"""GKE as rendered for every stack: what a first `pulumi up` needs to succeed, what keeps the
second from changing anything, and what the README promises.

Each test reads the rendered resources of one stack (the program under the SDK's mock runtime,
tests/conftest.py); the mocks answer as GKE does (fleet/review/mocks.py).
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from functools import cache

from fleet.clusters.gke import NODE_ROLES, node_account_id
from fleet.review.mocks import project_number
from fleet.review.render import Rendering, Resource, render
from fleet.review.secrets import reveal
from fleet.spec.model import GcpCluster
from tests.conftest import by_type, fleet_of, raw_spec, rendered

CLUSTER = "gcp:container/cluster:Cluster"
POOL = "gcp:container/nodePool:NodePool"
KEY_TYPES = ("gcp:kms/keyRing:KeyRing", "gcp:kms/cryptoKey:CryptoKey", "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember")
# Compute Engine names (RFC 1035, at most 63); what Pulumi adds when it names a resource itself.
GCE_NAME = re.compile(r"^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$")
AUTONAME_SUFFIX = 8  # "-" and 7 random hex characters
EXACT_GKE_VERSION = re.compile(r"^\d+\.\d+\.\d+-gke\.\d+$")


def gke_clusters(stack: str, rendering: Rendering | None = None) -> list[tuple[GcpCluster, Resource]]:
    """Each GCP cluster of the stack's spec with its rendered Cluster resource."""
    rendering = rendering or rendered(stack)
    specs = {c.name: c for c in fleet_of(stack).deployed_clusters if isinstance(c, GcpCluster)}
    found = [(specs[reveal(r.inputs)["name"]], r) for r in by_type(rendering, CLUSTER)]
    assert len(found) == len(specs)
    return found


def children(rendering: Rendering, cluster: Resource, type_: str) -> list[Resource]:
    """The resources of ``type_`` in the same GKE component as ``cluster``."""
    return [r for r in by_type(rendering, type_) if r.parent == cluster.parent]


def kubeconfig(rendering: Rendering, cluster: Resource) -> dict:
    provider = next(p for p in by_type(rendering, "pulumi:providers:kubernetes") if p.parent == cluster.parent)
    return json.loads(reveal(provider.inputs["kubeconfig"]))


@cache
def dns_endpoint_dev() -> Rendering:
    """dev, with its GKE cluster behind the DNS-based endpoint and Workload Identity off."""
    raw = raw_spec("dev")
    gke = next(c for c in raw["clusters"] if c["cloud"] == "gcp")
    gke["apiEndpoint"] = {
        "access": "private",
        "dnsEndpoint": True,
        "dnsEndpointPerimeter": "accessPolicies/482913650184/servicePerimeters/fleet_dev",
    }
    gke["security"] = {"auditLogs": False, "workloadIdentity": False}
    return render(raw, "dev")


def test_names_are_within_gcp_limits(stack: str) -> None:
    rendering = rendered(stack)
    accounts: dict[str, set[str]] = {}
    for spec, cluster in gke_clusters(stack):
        inputs = reveal(cluster.inputs)
        # GKE: at most 40 characters, a letter first, a letter or digit last (Terraform provider
        # google, resource_container_cluster.go name ValidateFunc).
        assert len(inputs["name"]) <= 40 and GCE_NAME.match(inputs["name"]), inputs["name"]
        for pool in children(rendering, cluster, POOL):
            name = reveal(pool.inputs)["name"]
            assert len(name) <= 40 and GCE_NAME.match(name), name
        for account in children(rendering, cluster, "gcp:serviceaccount/account:Account"):
            account_id = account.inputs["accountId"]
            # IAM: 6-30 characters, RFC 1035 (resource_google_service_account.go ValidateRFC1035Name(6, 30)).
            assert 6 <= len(account_id) <= 30 and GCE_NAME.match(account_id), account_id
            assert account_id not in accounts.setdefault(spec.project, set()), f"{account_id} twice in {spec.project}"
            accounts[spec.project].add(account_id)
        # Named by Pulumi (logical name plus a random suffix), so a re-created stack never meets
        # the remains of a destroyed one (Cloud KMS never deletes key rings or keys).
        for type_ in (
            "gcp:compute/network:Network",
            "gcp:compute/subnetwork:Subnetwork",
            "gcp:compute/router:Router",
            "gcp:compute/routerNat:RouterNat",
            "gcp:kms/keyRing:KeyRing",
            "gcp:kms/cryptoKey:CryptoKey",
        ):
            for resource in children(rendering, cluster, type_):
                assert "name" not in resource.inputs, f"{resource.name} has a fixed name"
                assert len(resource.name) + AUTONAME_SUFFIX <= 63 and GCE_NAME.match(resource.name), resource.name


def test_long_cluster_names_get_distinct_node_accounts() -> None:
    first, second = "a" * 20 + "-gcp-europe-west4-x", "a" * 20 + "-gcp-europe-west4-y"
    assert node_account_id("prod-gcp-euw4") == "prod-gcp-euw4-nodes"
    assert node_account_id(first) != node_account_id(second)
    for name in (first, second, "a" * 24, "a" * 25, "a" * 16 + "-" + "b" * 23, "x"):
        account_id = node_account_id(name)
        assert 6 <= len(account_id) <= 30 and GCE_NAME.match(account_id), account_id


def test_node_account_roles_exist_before_nodes_use_them(stack: str) -> None:
    rendering = rendered(stack)
    for _, cluster in gke_clusters(stack):
        account = children(rendering, cluster, "gcp:serviceaccount/account:Account")[0]
        member = f"serviceAccount:{account.outputs['email']}"
        grants = [
            r for r in children(rendering, cluster, "gcp:projects/iAMMember:IAMMember") if r.inputs["member"] == member
        ]
        assert sorted(g.inputs["role"] for g in grants) == sorted(NODE_ROLES)
        inputs = reveal(cluster.inputs)
        # The transient default pool runs as the node account too, never the Compute Engine default.
        assert inputs["nodeConfig"]["serviceAccount"] == account.outputs["email"]
        assert "nodeConfig" in cluster.ignore_changes
        for user in (cluster, *children(rendering, cluster, POOL)):
            assert {g.urn for g in grants} <= set(user.dependencies), f"{user.name} may start before its roles"


def test_secrets_key_is_granted_to_the_gke_agent_before_the_cluster(stack: str) -> None:
    rendering = rendered(stack)
    spec_of = fleet_of(stack).spec
    for spec, cluster in gke_clusters(stack):
        if not spec_of.security(spec).secrets_encryption:
            continue
        (key,) = children(rendering, cluster, "gcp:kms/cryptoKey:CryptoKey")
        (grant,) = children(rendering, cluster, "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember")
        agent = f"serviceAccount:service-{project_number(spec.project)}@container-engine-robot.iam.gserviceaccount.com"
        assert grant.inputs == {
            "cryptoKeyId": key.outputs["id"],
            "role": "roles/cloudkms.cryptoKeyEncrypterDecrypter",
            "member": agent,
        }
        assert grant.urn in cluster.dependencies
        assert reveal(cluster.inputs)["databaseEncryption"] == {"state": "ENCRYPTED", "keyName": key.outputs["id"]}
        (ring,) = children(rendering, cluster, KEY_TYPES[0])
        assert key.inputs["keyRing"] == ring.outputs["id"] and ring.inputs["location"] == spec.region


def test_keys_that_encrypt_secrets_are_protected_in_production(stack: str) -> None:
    rendering = rendered(stack)
    protect = fleet_of(stack).spec.protects_data
    for _, cluster in gke_clusters(stack):
        assert cluster.protect is protect
        assert reveal(cluster.inputs)["deletionProtection"] is protect
        for type_ in KEY_TYPES:
            for resource in children(rendering, cluster, type_):
                assert resource.protect is protect, resource.name
        for key in children(rendering, cluster, "gcp:kms/cryptoKey:CryptoKey"):
            # The provider itself refuses to destroy it (a second lock), only where data is protected:
            # a dev stack must stay destroyable.
            assert key.inputs.get("deletionPolicy") == ("PREVENT" if protect else None)


def test_versions_are_held_and_exact(stack: str) -> None:
    rendering = rendered(stack)
    for spec, cluster in gke_clusters(stack):
        inputs = reveal(cluster.inputs)
        assert inputs["minMasterVersion"] == spec.kubernetes_version
        assert inputs["releaseChannel"] == {"channel": "REGULAR"}
        policy = inputs["maintenancePolicy"]
        (hold,) = policy["maintenanceExclusions"]
        assert hold["exclusionOptions"] == {
            "scope": "NO_MINOR_OR_NODE_UPGRADES",
            "endTimeBehavior": "UNTIL_END_OF_SUPPORT",
        }
        assert "endTime" not in hold
        assert hold["startTime"] == "2026-01-01T00:00:00Z"  # a literal: now() would change every run
        assert weekly_window_hours(policy["recurringWindow"]) * 32 / 7 >= 48, "GKE wants 48 h in any 32 days"
        master_version = cluster.outputs["masterVersion"]
        assert master_version.startswith(spec.kubernetes_version + ".")
        for pool in children(rendering, cluster, POOL):
            pool_inputs = reveal(pool.inputs)
            # The control plane's exact version (a fuzzy "1.35" diffs on every run).
            assert pool_inputs["version"] == master_version
            assert EXACT_GKE_VERSION.match(pool_inputs["version"])
            assert cluster.urn in pool.dependencies
            # A release channel requires node auto-upgrade; the exclusion is what holds nodes.
            assert pool_inputs["management"] == {"autoRepair": True, "autoUpgrade": True}


def weekly_window_hours(window: dict) -> float:
    start = datetime.fromisoformat(window["startTime"].replace("Z", "+00:00"))
    end = datetime.fromisoformat(window["endTime"].replace("Z", "+00:00"))
    days = re.fullmatch(r"FREQ=WEEKLY;BYDAY=([A-Z,]+)", window["recurrence"])
    assert days and timedelta(hours=4) <= end - start < timedelta(days=1)
    return len(days.group(1).split(",")) * (end - start).total_seconds() / 3600


def test_node_pools_autoscale_in_total_and_never_resize_on_create(stack: str) -> None:
    rendering = rendered(stack)
    for spec, cluster in gke_clusters(stack):
        pools = {reveal(p.inputs)["name"]: reveal(p.inputs) for p in children(rendering, cluster, POOL)}
        assert sorted(pools) == sorted(p.name for p in spec.node_pools)
        for pool in spec.node_pools:
            rendered_pool = pools[pool.name]
            assert rendered_pool["autoscaling"] == {
                "totalMinNodeCount": pool.min_size,
                "totalMaxNodeCount": pool.max_size,
                "locationPolicy": "BALANCED",
            }
            # Per zone and ForceNew: a constant, so changing minSize never replaces the pool.
            assert rendered_pool["initialNodeCount"] == 1
            assert rendered_pool["nodeConfig"]["machineType"] == pool.machine_type


def test_storage_for_vcluster_tenants(stack: str) -> None:
    for _, cluster in gke_clusters(stack):
        # GKE's default StorageClass standard-rwo (pd-balanced) is provisioned by this driver.
        assert reveal(cluster.inputs)["addonsConfig"] == {"gcePersistentDiskCsiDriverConfig": {"enabled": True}}


def test_google_groups_for_rbac(stack: str) -> None:
    rendering = rendered(stack)
    identity = fleet_of(stack).spec.identity
    emails = {m.gcp for m in identity.groups.values() if m.gcp}
    for _, cluster in gke_clusters(stack):
        assert reveal(cluster.inputs)["authenticatorGroupsConfig"] == {"securityGroup": identity.gcp_security_group}
        provider = next(p for p in by_type(rendering, "pulumi:providers:kubernetes") if p.parent == cluster.parent)
        subjects = [
            s["name"]
            for r in rendering.resources
            if r.type.startswith("kubernetes:rbac.authorization.k8s.io/v1:") and r.provider == provider.urn
            for s in reveal(r.inputs).get("subjects", [])
            if s["kind"] == "Group"
        ]
        assert subjects and set(subjects) <= emails, "GKE sees Google Groups by email only"


def test_deploy_runners_reach_the_endpoint(stack: str) -> None:
    rendering = rendered(stack)
    spec_of = fleet_of(stack).spec
    deployer = spec_of.deployer
    for spec, cluster in gke_clusters(stack):
        endpoint = spec_of.api_endpoint(spec)
        inputs = reveal(cluster.inputs)
        private, networks = inputs["privateClusterConfig"], inputs["masterAuthorizedNetworksConfig"]
        cidrs = [b["cidrBlock"] for b in networks["cidrBlocks"]]
        assert private["enablePrivateNodes"] is True
        assert private["privateEndpointSubnetwork"] == inputs["subnetwork"]
        assert networks["gcpPublicCidrsAccessEnabled"] is False
        server = kubeconfig(rendering, cluster)["clusters"][0]["cluster"]["server"]
        if endpoint.access == "private":
            assert private["enablePrivateEndpoint"] is True
            # Runners in another region, through peering or VPN, need global access.
            assert private["masterGlobalAccessConfig"] == {"enabled": True}
            assert networks["privateEndpointEnforcementEnabled"] is True
            assert cidrs[0] == deployer.private_network
            assert set(cidrs[1:]) == {spec.network.node_cidr, spec.network.pod_cidr}
            if endpoint.dns_endpoint:  # reached by name, whatever network the runner is on
                dns = cluster.outputs["controlPlaneEndpointsConfig"]["dnsEndpointConfig"]["endpoint"]
                assert server == f"https://{dns}"
            else:
                assert server == f"https://{cluster.outputs['privateClusterConfig']['privateEndpoint']}"
        else:
            assert private["enablePrivateEndpoint"] is False
            assert cidrs == list(endpoint.allowed_cidrs)
            assert server == f"https://{cluster.outputs['endpoint']}"
        assert (
            inputs["controlPlaneEndpointsConfig"]["dnsEndpointConfig"]["allowExternalTraffic"] is endpoint.dns_endpoint
        )


def test_kubeconfigs_log_in_without_a_person(stack: str) -> None:
    rendering = rendered(stack)
    for _, cluster in gke_clusters(stack):
        config = kubeconfig(rendering, cluster)
        (user,) = config["users"]
        assert user["user"]["exec"] == {
            "apiVersion": "client.authentication.k8s.io/v1beta1",
            "command": "gke-gcloud-auth-plugin",
            # Application Default Credentials: what google-github-actions/auth writes; the plugin
            # otherwise asks gcloud, which needs a login.
            "args": ["--use_application_default_credentials"],
            "interactiveMode": "Never",
        }
        # The DNS endpoint presents a publicly trusted certificate; the IP endpoints, the cluster's CA.
        assert bool(config["clusters"][0]["cluster"].get("certificate-authority-data")) is not (
            ".gke.goog" in config["clusters"][0]["cluster"]["server"]
        )


def test_nothing_is_deployed_onto_a_cluster_before_its_nodes(stack: str) -> None:
    rendering = rendered(stack)
    for _, cluster in gke_clusters(stack):
        provider = next(p for p in by_type(rendering, "pulumi:providers:kubernetes") if p.parent == cluster.parent)
        assert {p.urn for p in children(rendering, cluster, POOL)} <= set(provider.dependencies)


def test_workload_metadata_follows_workload_identity(stack: str) -> None:
    rendering = rendered(stack)
    spec_of = fleet_of(stack).spec
    for spec, cluster in gke_clusters(stack):
        assert spec_of.security(spec).workload_identity
        for pool in children(rendering, cluster, POOL):
            assert reveal(pool.inputs)["nodeConfig"]["workloadMetadataConfig"] == {"mode": "GKE_METADATA"}


def test_dns_endpoint_and_workload_identity_off() -> None:
    rendering = dns_endpoint_dev()
    ((_, cluster),) = gke_clusters("dev", rendering)
    inputs = reveal(cluster.inputs)
    assert inputs["controlPlaneEndpointsConfig"] == {
        "dnsEndpointConfig": {
            "allowExternalTraffic": True,
            "enableK8sTokensViaDns": False,
            "enableK8sCertsViaDns": False,
        }
    }
    assert inputs["privateClusterConfig"]["enablePrivateEndpoint"] is True
    config = kubeconfig(rendering, cluster)["clusters"][0]["cluster"]
    dns = cluster.outputs["controlPlaneEndpointsConfig"]["dnsEndpointConfig"]["endpoint"]
    assert dns.endswith(".europe-west1.gke.goog") and config["server"] == f"https://{dns}"
    # The DNS name serves a publicly trusted certificate: pinning the cluster CA would fail TLS.
    assert config["certificate-authority-data"] == ""
    assert "workloadIdentityConfig" not in inputs
    for pool in children(rendering, cluster, POOL):
        assert reveal(pool.inputs)["nodeConfig"]["workloadMetadataConfig"] == {"mode": "GCE_METADATA"}
