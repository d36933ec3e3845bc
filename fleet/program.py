"""The Pulumi program: read the spec, validate it whole, then declare the fleet.

Nothing is registered until the whole spec has validated; a bad spec stops the program with a
message for the person editing the stack file, never a traceback.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pulumi
from pulumi.runtime import config as runtime_config
from pulumi.runtime import settings as runtime_settings
from pulumi.runtime.mocks import MockMonitor

from fleet.clusters import cluster_component
from fleet.clusters.contract import ClusterArgs, FleetCluster
from fleet.clusters.reachability import preflight
from fleet.core import kinds
from fleet.core.waves import AksUpgrades, GkeFleet
from fleet.observability.components import PrometheusRules
from fleet.observability.plan import project_logs
from fleet.spec import Fleet, SpecError, from_config
from fleet.spec.guardrails import covering, deployed
from fleet.spec.load import STACKS_DIR, ConfigKeys, stack_fleets
from fleet.spec.model import AzureCluster, ExistingCluster, GcpCluster, Tenant
from fleet.spec.waves import aks_upgrades, gke_fleets, read_upgrades, waves_of
from fleet.tenancy.components import COMPONENTS, ClusterGuardrails, TenantArgs, VirtualClusterTenant
from fleet.tenancy.manifests import Context, accepting


class _Keys:
    """A container of the stack's config keys for which ``test`` holds."""

    def __init__(self, test: Callable[[str], bool]) -> None:
        self.test = test

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.test(key)


def stack_config_keys() -> ConfigKeys:
    """The stack's config as the program sees it (the CLI passes values decrypted, with the names
    of the secret ones)."""
    return ConfigKeys(
        present=_Keys(lambda key: runtime_config.get_config(key) is not None),
        secret=_Keys(runtime_config.is_config_secret),
        read=runtime_config.get_config,
    )


def subject_names(fleet: Fleet, cloud: str, groups: tuple[str, ...]) -> dict[str, str]:
    """How RBAC subjects are named on a cluster of this kind (fleet.core.kinds, ``identity``): the
    mapped Google Group email or Entra object ID; as written where the kind names none (EKS access
    entries map roles into the spec's group names; existing clusters)."""
    key = kinds.kind(cloud).identity
    if key is None:
        return {}
    mappings = fleet.spec.identity.groups
    return {g: getattr(mappings[g], key) for g in groups if g in mappings and getattr(mappings[g], key)}


def copies(fleet: Fleet, tenant: Tenant) -> list[tuple[str, bool]]:
    """Each cluster the tenant has a copy on, and whether the copy still holds data worth protecting:
    where it is placed, and where it is leaving until its ``leaving`` entry says the data has moved.
    Setting protect to false and running `pulumi up` is how the engine lifts protection; the next
    update may then delete the resource (https://www.pulumi.com/docs/iac/concepts/resources/options/protect/)."""
    placed = [(name, True) for name in fleet.placement.assignments[tenant.name]]
    return placed + [(entry.cluster, not entry.data_moved) for entry in tenant.leaving]


def main() -> None:
    config = pulumi.Config("fleet")
    try:
        fleet = from_config(config.get("spec"), config.get("specFile"), config.get("shard"), stack_config_keys())
    except SpecError as err:
        # RunError is reported by the CLI as a plain message, without a stack trace.
        raise pulumi.RunError(err.render()) from None
    if not isinstance(runtime_settings.SETTINGS.monitor, MockMonitor):  # offline renders reach no cluster
        check_reachable(fleet)
    build(fleet)


def check_reachable(fleet: Fleet) -> None:
    """Every existing cluster this stack deploys onto answers, or a preview says so and an `up`
    stops before registering anything (fleet.clusters.reachability)."""
    existing = [c for c in fleet.deployed_clusters if isinstance(c, ExistingCluster)]
    found = preflight({c.name: runtime_config.get_config(c.kubeconfig_secret) or "" for c in existing})
    for warning in found.version_warnings({c.name: c.kubernetes_version for c in existing}):
        pulumi.log.warn(warning)
    if not found.unreachable:
        return
    if pulumi.runtime.is_dry_run():
        pulumi.log.warn(found.message(dry_run=True))
        return
    raise pulumi.RunError(found.message(dry_run=False))


def build_guardrails(fleet: Fleet) -> dict[tuple[str, str], pulumi.Resource]:
    """The cloud guardrails this stack creates or reads, by (cloud, guardrail name); built before
    any cluster, so a cluster can wait for the guardrails of its scope."""
    found: dict[tuple[str, str], pulumi.Resource] = {}
    here = deployed(fleet)
    if not here:
        return found
    from fleet.guardrails.components import CloudGuardrail, GuardrailArgs

    spec = fleet.spec
    for guardrail in here:
        found[(guardrail.cloud, guardrail.name)] = CloudGuardrail(
            f"{guardrail.name}-{guardrail.cloud}",
            GuardrailArgs(guardrail, spec.owner, spec.environment, protect=spec.protects_data),
        )
    return found


def every_stack(fleet: Fleet) -> dict[str, Fleet]:
    """This stack's spec with every other valid stack file's, by stack name; only this one when no
    decision needs the others (they decide GKE and AKS sequencing and GCP log routing)."""
    stack = pulumi.get_stack()
    if not any(isinstance(c, (GcpCluster, AzureCluster)) for c in fleet.deployed_clusters):
        return {stack: fleet}
    return {**stack_fleets(STACKS_DIR, skip=STACKS_DIR / f"Pulumi.{stack}.yaml"), stack: fleet}


def build_project_logs(fleet: Fleet, everyone: dict[str, Fleet]) -> None:
    """Each GCP project's logs in a regional bucket (fleet.observability.gcp), taken over by the first
    stack by name with GKE clusters in the project."""
    mine = {c.project for c in fleet.deployed_clusters if isinstance(c, GcpCluster)}
    if not mine:
        return
    from fleet.observability.gcp import ProjectLogs  # pulumi_gcp only where needed

    stack = pulumi.get_stack()
    for project, plan in sorted(project_logs(everyone).items()):
        if project in mine and plan.owner == stack:
            ProjectLogs(f"{project}-logs", plan, protect=fleet.spec.protects_data)


@dataclasses.dataclass(frozen=True)
class Rollout:
    """This stack's part of the native sequencing the upgrade waves make (stacks/waves.yaml, read with
    every stack's clusters): the GKE fleets of its clusters' projects and the projects whose sequencing
    it creates; the Fleet Manager sequence of its AKS clusters."""

    gke: dict[str, GkeFleet] = dataclasses.field(default_factory=dict)
    gke_owned: set[str] = dataclasses.field(default_factory=set)
    aks: AksUpgrades | None = None


def rollout(fleet: Fleet, everyone: dict[str, Fleet]) -> Rollout:
    """A sequence a cloud would refuse stops the run before anything is registered."""
    mine = {c.project for c in fleet.deployed_clusters if isinstance(c, GcpCluster)}
    has_aks = any(isinstance(c, AzureCluster) for c in fleet.deployed_clusters)
    if not (mine or has_aks):
        return Rollout()
    try:
        upgrades = read_upgrades(STACKS_DIR)
    except SpecError as err:
        raise pulumi.RunError(err.render()) from None
    if upgrades is None:
        return Rollout()
    waves = waves_of(upgrades)
    stack = pulumi.get_stack()
    sequence, problems, owners = gke_fleets(waves, everyone) if mine else ({}, [], {})
    if problems:
        raise pulumi.RunError("the upgrade waves (stacks/waves.yaml) make a GKE rollout sequence GKE refuses:\n"
                              + "\n".join(problems))  # fmt: skip
    aks = None
    if has_aks and upgrades.azure_fleet_manager is not None:
        aks = aks_upgrades(waves, everyone, upgrades.azure_fleet_manager.manager())
        if aks.problems:
            raise pulumi.RunError("the upgrade waves (stacks/waves.yaml) make a Fleet Manager sequence Azure "
                                  "refuses:\n" + "\n".join(aks.problems))  # fmt: skip
    return Rollout(
        {p: f for p, f in sequence.items() if p in mine},
        {p for p in mine if p in sequence and owners[p] == stack},
        aks,
    )


def build_rollout(fleet: Fleet, plan: Rollout, clusters: dict[str, FleetCluster]) -> None:
    """The native sequencing components, once this stack's clusters are declared."""
    if plan.gke_owned:
        from fleet.waves.gke import FleetUpgradesArgs, GkeFleetUpgrades  # pulumi_gcp only where needed
    for project in sorted(plan.gke_owned):
        members = [clusters[c.name] for c in fleet.deployed_clusters if getattr(c, "project", None) == project]
        GkeFleetUpgrades(f"{project}-upgrades", FleetUpgradesArgs(plan.gke[project], members))
    stack = pulumi.get_stack()
    aks = plan.aks
    if aks is None or not (aks.members.get(stack) or aks.creates_manager == stack):
        return
    from fleet.clusters.aks import AksCluster
    from fleet.waves.aks import AksFleetUpgrades, AksUpgradesArgs

    mine = aks.members.get(stack, ())
    joining = [clusters[cluster] for cluster, _ in mine]
    ids = [c.resource_id for c in joining if isinstance(c, AksCluster)]
    assert len(ids) == len(mine)  # aks_upgrades takes AzureCluster specs only
    AksFleetUpgrades(
        f"{aks.manager.name}-upgrades",
        AksUpgradesArgs(
            aks.manager,
            [(cluster, wave, i) for (cluster, wave), i in zip(mine, ids, strict=True)],
            create_manager=aks.creates_manager == stack,
            strategy=aks.stages if aks.writes_strategy == stack else None,
            protect=fleet.spec.protects_data,
        ),
    )


def build(fleet: Fleet) -> dict[str, FleetCluster]:
    spec = fleet.spec
    protect = spec.protects_data
    everyone = every_stack(fleet)  # every stack file read once per run
    plan = rollout(fleet, everyone)
    location_guardrails = build_guardrails(fleet)
    clusters: dict[str, FleetCluster] = {}
    guardrails: dict[str, ClusterGuardrails] = {}
    contexts: dict[str, Context] = {}
    for cluster_spec in fleet.deployed_clusters:
        cluster_class = cluster_component(cluster_spec.cloud)
        kubeconfig = None
        if isinstance(cluster_spec, ExistingCluster):
            kubeconfig = runtime_config.get_config(cluster_spec.kubeconfig_secret)  # checked present and secret
        groups = fleet.bound_groups(cluster_spec.name)
        # The location guardrails of the cluster's account, project or subscription exist before
        # anything of the cluster does.
        covered_by = [
            location_guardrails[(g.cloud, g.name)]
            for g in covering(fleet, cluster_spec)
            if (g.cloud, g.name) in location_guardrails
        ]
        args = ClusterArgs.of(
            spec, cluster_spec, protect=protect, regime=cluster_spec.residency, kubeconfig=kubeconfig, groups=groups
        )
        if isinstance(cluster_spec, GcpCluster) and cluster_spec.project in plan.gke:
            args = dataclasses.replace(args, gke_fleet=cluster_spec.project)
        cluster = cluster_class(
            cluster_spec.name, args, pulumi.ResourceOptions(depends_on=covered_by) if covered_by else None
        )
        clusters[cluster_spec.name] = cluster
        contexts[cluster_spec.name] = context = Context(
            spec.owner,
            spec.environment,
            cluster_spec.name,
            cluster_spec.kubernetes_version,
            subject_names(fleet, cluster_spec.cloud, groups),
            accepting(spec.tenants),
        )
        if isinstance(cluster_spec, ExistingCluster) and cluster_spec.prometheus_rules:
            PrometheusRules(
                f"{cluster_spec.name}/platform-alerts", cluster.provider, pulumi.ResourceOptions(parent=cluster)
            )
        guardrails[cluster_spec.name] = ClusterGuardrails(
            f"{cluster_spec.name}/guardrails",
            context,
            cluster.provider,
            spec.identity.cluster_admins,
            pulumi.ResourceOptions(parent=cluster),
        )

    build_rollout(fleet, plan, clusters)
    build_project_logs(fleet, everyone)

    vcluster_access: dict[str, pulumi.Output[dict[str, str]]] = {}
    for tenant in spec.tenants:
        tenant_class = COMPONENTS[tenant.isolation]
        for cluster_name, keep in copies(fleet, tenant):
            if cluster_name not in clusters:
                continue  # another shard's cluster: that shard's stack deploys the tenant there
            cluster = clusters[cluster_name]
            context = contexts[cluster_name]
            placed = tenant_class(
                # "/" cannot occur in either name, so cluster/tenant pairs never collide; a copy being
                # drained keeps the name, and so every object of it, as it was.
                f"{cluster_name}/{tenant.name}",
                TenantArgs(tenant, context, cluster.provider, protect=protect and keep, vcluster=spec.vcluster),
                # No tenant exists on a cluster before the admission policy that guards its objects,
                # nor before what the cluster provides them (storage, autoscaling).
                pulumi.ResourceOptions(parent=cluster, depends_on=[guardrails[cluster_name], *cluster.platform]),
            )
            if isinstance(placed, VirtualClusterTenant):
                vcluster_access[f"{tenant.name}@{cluster_name}"] = placed.access

    pulumi.export("placement", {name: p.as_dict() for name, p in fleet.tenant_placements().items()})
    # Where each virtual cluster's admin kubeconfig is (tenant@cluster: namespace, Secret, field), not the
    # credential itself (fleet/tenancy/components.py, VirtualClusterTenant).
    pulumi.export("vclusterAccess", vcluster_access)
    if fleet.shard is not None:
        pulumi.export("shard", fleet.shard)
    pulumi.export(
        "inventory",
        {
            name: {
                "cloud": c.cloud,
                "region": c.region,
                "country": c.country,
                "endpoint": c.endpoint,
            }
            for name, c in clusters.items()
        },
    )
    pulumi.export("kubeconfigs", pulumi.Output.secret({name: c.kubeconfig for name, c in clusters.items()}))
    return clusters
