"""Synthetic fleets for benchmarks: deterministic, realistic mixes of clouds, regions and regimes."""

from __future__ import annotations

import random
import uuid

from fleet.core import catalog
from fleet.core.placement import Demand, Site

GI = 2**30
EU = {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT",
      "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"}  # fmt: skip
JURISDICTION = {"NO": "gdpr", "IS": "gdpr", "LI": "gdpr", "US": "us"}
MANAGEMENT_ROLE = "arn:aws:iam::999999999999:role/fleet-guardrails"
REGIMES = ["none", "none", "none", "gdpr", "gdpr", "eu", "us", "uk", "ch", "ca"]


def sites(count: int, seed: int = 7) -> list[Site]:
    rnd = random.Random(seed)
    regions = [r for r in catalog.regions() if r.deployable and r.access == "public"]
    result = []
    for index in range(count):
        region = rnd.choice(regions)
        cpu = rnd.choice([64, 96, 128, 192])
        result.append(
            Site(
                name=f"c{index:04d}-{region.cloud}-{region.name}",
                cloud=region.cloud,
                region=region.name,
                country=region.country,
                cpu_millicores=cpu * 1000,
                memory_bytes=cpu * 4 * GI,
                labels={"tier": rnd.choice(["gold", "standard"])},
            )
        )
    return result


def demands(count: int, seed: int = 11) -> list[Demand]:
    rnd = random.Random(seed)
    result = []
    for index in range(count):
        regime = rnd.choice(REGIMES)
        # Single-country regimes have a handful of regions in the whole catalogue: like a real
        # platform team, give their tenants one or two replicas and no label hints.
        narrow = regime in ("ch", "uk", "ca")
        replicas = rnd.choice([1, 2] if narrow else [1, 1, 2, 2, 3])
        result.append(
            Demand(
                name=f"tenant-{index:05d}",
                regime=regime,
                replicas=replicas,
                spread="cluster" if replicas == 1 or narrow else rnd.choice(["cluster", "region", "cloud"]),
                cpu_millicores=rnd.choice([250, 500, 1000, 2000]),
                memory_bytes=rnd.choice([1, 2, 4]) * GI,
                labels={} if narrow else rnd.choice([{}, {}, {}, {"tier": "gold"}]),
            )
        )
    return result


# EU and US regions alternate so that even a small fleet has clusters for every regime.
AWS_REGIONS = ["eu-central-1", "us-east-1", "eu-west-1", "us-west-2", "eu-west-3", "eu-north-1", "ca-central-1"]
GCP_REGIONS = ["us-central1", "europe-west4", "us-east4", "europe-west1", "europe-west3"]
AZURE_REGIONS = ["westeurope", "eastus", "germanywestcentral", "eastus2", "norwayeast", "swedencentral"]


def spec(clusters: int, tenants: int, seed: int = 3) -> dict:  # type: ignore[type-arg]
    """A raw fleet spec (as in a stack file) with clusters on all three clouds and tenants in all
    isolation modes, sized so that placement always succeeds."""
    rnd = random.Random(seed)
    cluster_specs = []
    per_cluster_cpu = max(64, (tenants * 3 * 2) // max(clusters, 1) + 32)
    for index in range(clusters):
        cloud = ("aws", "gcp", "azure")[index % 3]
        regions = {"aws": AWS_REGIONS, "gcp": GCP_REGIONS, "azure": AZURE_REGIONS}[cloud]
        region = regions[(index // 3) % len(regions)]  # every regime finds clusters at any size
        item: dict = {  # type: ignore[type-arg]
            "name": f"c{index:03d}-{cloud}",
            "cloud": cloud,
            "region": region,
            "kubernetesVersion": "1.35",
            "network": {
                "nodeCidr": f"10.{index // 64}.{(index % 64) * 4}.0/22",
                "serviceCidr": "172.20.0.0/16",
                **({"podCidr": "100.64.0.0/14"} if cloud != "aws" else {}),
            },
            "nodePools": [
                {
                    "name": "general",
                    "machineType": {"aws": "m7i.2xlarge", "gcp": "n2-standard-8", "azure": "Standard_D8s_v5"}[cloud],
                    "minSize": 3,
                    "maxSize": 30,
                }
            ],
            "capacity": {"cpu": per_cluster_cpu, "memory": f"{per_cluster_cpu * 4}Gi"},
            "labels": {"tier": rnd.choice(["gold", "standard"])},
        }
        # Each cluster in a scope of its own, as the pack requires of a regulated one (FLEET-GRD-001).
        if cloud == "aws":
            item["account"] = f"{200_000_000_000 + index:012d}"
        if cloud == "gcp":
            item["project"] = f"acme-fleet-bench-{index:03d}"
        if cloud == "azure":
            item["subscription"] = str(uuid.uuid5(uuid.NAMESPACE_DNS, f"bench-{index}"))
            item["adminGroupObjectIds"] = ["3f2b8a41-6c1d-4e7a-9b0c-2d5e8f1a7c39"]
        cluster_specs.append(item)
    tenant_specs = []
    for index in range(tenants):
        isolation = rnd.choice(["namespace"] * 8 + ["vcluster"] * 2)
        regime = rnd.choice(["none", "none", "gdpr", "eu", "us"])
        replicas = rnd.choice([1, 1, 2])
        tenant_specs.append(
            {
                "name": f"t{index:05d}",
                "owners": {"admin": [f"t{index:05d}-admins"], "edit": [f"t{index:05d}-devs"]},
                "isolation": isolation,
                "residency": regime,
                "replicas": replicas,
                "quota": {"cpu": rnd.choice([1, 2, 4]), "memory": "4Gi"},
            }
        )
    # One location guardrail per jurisdiction over the clusters there: EU regions hold eu and gdpr
    # tenants (an eu guardrail keeps within both), Norway gdpr ones, the US us ones.
    guarded: dict[str, dict[str, list[str]]] = {}
    for item in cluster_specs:
        country = catalog.lookup(item["cloud"], item["region"]).country  # type: ignore[union-attr]
        regime = JURISDICTION.get(country, "eu" if country in EU else None)
        if regime is not None:
            scope = item.get("account") or item.get("project") or item.get("subscription")
            guarded.setdefault(regime, {}).setdefault(item["cloud"], []).append(scope)
    guardrails = [
        {
            "name": f"bench-{regime}",
            "regime": regime,
            **({"aws": {"managementRoleArn": MANAGEMENT_ROLE, "targets": clouds["aws"]}} if "aws" in clouds else {}),
            **({"gcp": {"projects": clouds["gcp"]}} if "gcp" in clouds else {}),
            **({"azure": {"subscriptions": clouds["azure"]}} if "azure" in clouds else {}),
        }
        for regime, clouds in sorted(guarded.items())
    ]
    groups = [g for t in tenant_specs for role in ("admin", "edit") for g in t["owners"][role]] + ["platform-admins"]
    return {
        "environment": "bench",
        "owner": "platform-team",
        # Self-hosted runners routed into every cluster network: the private endpoints are reachable.
        "deployer": {
            "runner": "self-hosted",
            "runsOn": ["self-hosted", "fleet-bench"],
            "privateNetwork": "10.255.0.0/24",
            # Routes into the private clusters' networks, as the spec requires of a private fleet: a transit
            # gateway per AWS region the runners' network is attached to, and the runners' VNet to peer with.
            "aws": {
                "roleArn": "arn:aws:iam::123456789012:role/fleet-deployer",
                "runnerRegion": AWS_REGIONS[0],
                "transitGateways": {
                    region: f"tgw-{uuid.uuid5(uuid.NAMESPACE_DNS, region).hex[:17]}" for region in AWS_REGIONS
                },
            },
            # Pull-request previews: runners and read-only identities of their own.
            "preview": {
                "runsOn": ["self-hosted", "fleet-preview"],
                "awsRoleArn": "arn:aws:iam::123456789012:role/fleet-preview",
                "gcpServiceAccount": "fleet-preview@bench.iam.gserviceaccount.com",
                "azurePrincipalObjectId": "00000000-0000-4000-8000-00000000b1e3",
            },
            "azure": {
                "principalObjectId": "00000000-0000-4000-8000-00000000d3a1",
                "runnerVirtualNetworkId": (
                    "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/runners"
                    "/providers/Microsoft.Network/virtualNetworks/runners-bench"
                ),
            },
        },
        "identity": {
            "clusterAdmins": ["platform-admins"],
            "gcpSecurityGroup": "gke-security-groups@acme.example",
            "groups": {
                g: {
                    "aws": f"arn:aws:iam::123456789012:role/fleet/{g}",
                    "gcp": f"{g}@acme.example",
                    "azure": str(uuid.uuid5(uuid.NAMESPACE_DNS, g)),
                }
                for g in groups
            },
        },
        "clusters": cluster_specs,
        "guardrails": guardrails,
        "tenants": tenant_specs,
    }
