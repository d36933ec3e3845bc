"""The resolved fleet: the spec plus everything derived from it before any resource exists.

Dedicated clusters are expanded from templates, regimes resolved, and every tenant placed.
Any problem on the way is a SpecError with the key path to fix, so the program registers
nothing unless the whole environment is consistent.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from fleet.core import quantity, residency, vcluster_chart
from fleet.core.placement import Demand, Placement, Site
from fleet.spec.errors import ROOT, Problem, from_validation_error, join
from fleet.spec.model import (
    AwsCluster,
    AwsTemplate,
    AzureCluster,
    AzureTemplate,
    ClusterBase,
    ClusterCommon,
    ClusterTenant,
    FleetSpec,
    GcpCluster,
    GcpTemplate,
    Tenant,
)

CLUSTER_MODELS: dict[str, type[ClusterBase]] = {"aws": AwsCluster, "gcp": GcpCluster, "azure": AzureCluster}


@dataclass(frozen=True)
class TenantPlacement:
    """Where a tenant runs and why: the one placement summary (stack output, plan, review)."""

    isolation: str
    regime: str
    clusters: tuple[str, ...]
    countries: tuple[str, ...]
    reason: str
    leaving: tuple[tuple[str, bool], ...] = ()
    """(cluster, data moved) for each cluster the tenant is being drained from (``leaving``)."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "isolation": self.isolation,
            "regime": self.regime,
            "clusters": list(self.clusters),
            "countries": list(self.countries),
            "reason": self.reason,
            "leaving": [{"cluster": c, "dataMoved": moved} for c, moved in self.leaving],
        }


@dataclass(frozen=True)
class Fleet:
    spec: FleetSpec
    clusters: tuple[ClusterCommon, ...]  # the spec's clusters, then tenants' dedicated clusters
    regimes: dict[str, residency.Regime]
    placement: Placement
    shard: str | None = None  # the shard this stack deploys; None: the whole environment

    @property
    def deployed_clusters(self) -> tuple[ClusterCommon, ...]:
        """The clusters this stack owns: its shard's, or all of them."""
        if self.shard is None:
            return self.clusters
        selector = next(s for s in self.spec.shards if s.name == self.shard).clusters
        return tuple(c for c in self.clusters if selector.matches(c))

    def cluster(self, name: str) -> ClusterCommon:
        return next(c for c in self.clusters if c.name == name)

    def tenants_on(self, cluster: str) -> list[Tenant]:
        """The tenants with a copy on the cluster: placed there, or leaving it with their data still there."""
        return [
            t
            for t in self.spec.tenants
            if cluster in self.placement.assignments[t.name] or any(e.cluster == cluster for e in t.leaving)
        ]

    def bound_groups(self, cluster: str) -> tuple[str, ...]:
        """The groups RBAC names on a cluster: its tenants' owners and the platform's cluster admins."""
        found: dict[str, None] = dict.fromkeys(self.spec.identity.cluster_admins)
        for tenant in self.tenants_on(cluster):
            found.update(dict.fromkeys((*tenant.owners.admin, *tenant.owners.edit, *tenant.owners.view)))
        return tuple(found)

    def regimes_held(self, cluster: ClusterCommon) -> list[str]:
        """The regimes a cluster holds: its own, and those of the tenants placed on it (none aside)."""
        own = {cluster.residency} if cluster.residency and cluster.residency != "none" else set()
        return sorted(own | {t.residency for t in self.tenants_on(cluster.name) if t.residency != "none"})

    def tenant_placements(self, clusters: Collection[str] | None = None) -> dict[str, TenantPlacement]:
        """Each tenant's placement, in spec order. With ``clusters`` (a shard's), only the
        placements on those clusters, and only tenants that have one there."""
        by_name = {c.name: c for c in self.clusters}
        found = {}
        for tenant in self.spec.tenants:
            placed = tuple(c for c in self.placement.assignments[tenant.name] if clusters is None or c in clusters)
            leaving = tuple(
                (e.cluster, e.data_moved) for e in tenant.leaving if clusters is None or e.cluster in clusters
            )
            if clusters is not None and not placed and not leaving:
                continue
            found[tenant.name] = TenantPlacement(
                isolation=tenant.isolation,
                regime=tenant.residency,
                clusters=placed,
                countries=tuple(sorted({by_name[c].country for c in placed})),
                reason=self.placement.reasons[tenant.name],
                leaving=leaving,
            )
        return found


@dataclass(frozen=True)
class Unparsed:
    """Names of spec entries that failed their own validation and were set aside (kinds:
    clusters, tenants, regimes, templates), so references to them are not reported again."""

    names: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def has(self, kind: str, name: str) -> bool:
        return name in self.names.get(kind, frozenset())


def dedicated_name(tenant: str, index: int) -> str:
    return f"{tenant}-dedicated-{index + 1}"


def expand_dedicated(spec: FleetSpec, unparsed: Unparsed | None = None) -> tuple[list[ClusterBase], list[Problem]]:
    """Clusters built from templates for isolation: cluster tenants."""
    unparsed = unparsed or Unparsed()
    templates = {}
    clusters: list[ClusterBase] = []
    problems: list[Problem] = []
    for index, template in enumerate(spec.cluster_templates):
        if template.name in templates:
            first = next(i for i, t in enumerate(spec.cluster_templates) if t.name == template.name)
            problems.append(
                Problem(
                    join(ROOT, "clusterTemplates", index, "name"),
                    f"{template.name!r} is already the name of clusterTemplates[{first}]; one would silently "
                    "replace the other: rename one",
                )
            )
        else:
            templates[template.name] = template
    for t_index, tenant in enumerate(spec.tenants):
        at = join(ROOT, "tenants", t_index)
        if not isinstance(tenant, ClusterTenant):
            continue
        found = templates.get(tenant.dedicated.template)
        if found is None and unparsed.has("templates", tenant.dedicated.template):
            continue  # its own problems are reported where it is defined
        if found is None:
            known = ", ".join(templates) or "none defined"
            problems.append(
                Problem(
                    join(at, "dedicated", "template"),
                    f"{tenant.dedicated.template!r} is not a cluster template; defined: {known}",
                )
            )
            continue
        template = found
        for c_index, entry in enumerate(tenant.dedicated.clusters):
            raw: dict[str, Any] = {
                "name": dedicated_name(tenant.name, c_index),
                "cloud": template.cloud,
                "region": entry.region,
                "kubernetesVersion": template.kubernetes_version,
                "network": {
                    "nodeCidr": entry.node_cidr,
                    "serviceCidr": template.service_cidr,
                    **({"podCidr": template.pod_cidr} if template.pod_cidr else {}),
                },
                "nodePools": [p.model_dump(by_alias=True) for p in template.node_pools],
                "capacity": template.capacity.model_dump(by_alias=True),
                "labels": {**template.labels, "fleet-dedicated": tenant.name},
            }
            if template.api_endpoint is not None:
                raw["apiEndpoint"] = template.api_endpoint.model_dump(by_alias=True)
            if template.security is not None:
                raw["security"] = template.security.model_dump(by_alias=True)
            if template.maintenance is not None:
                raw["maintenance"] = template.maintenance.model_dump(by_alias=True, exclude_none=True)
            if tenant.residency != "none":
                raw["residency"] = tenant.residency
            if isinstance(template, GcpTemplate):
                raw["project"] = template.project
            # Where the clusters are deployed: what a cloud guardrail covers (fleet.guardrails).
            if isinstance(template, AwsTemplate) and template.account is not None:
                raw["account"] = template.account
            if isinstance(template, AzureTemplate) and template.subscription is not None:
                raw["subscription"] = template.subscription
            model = CLUSTER_MODELS[template.cloud]
            try:
                cluster = model.model_validate(raw)
            except ValidationError as err:
                entry_path = join(at, "dedicated", "clusters", c_index)
                for problem in from_validation_error(model, err):
                    key = problem.path.removeprefix(ROOT)
                    # Name the key the user wrote (region, nodeCidr), or the template when the
                    # problem comes from it.
                    if key in (".region",):
                        path = join(entry_path, "region")
                    elif key == ".network.nodeCidr":
                        path = join(entry_path, "nodeCidr")
                    else:
                        path = f"{entry_path} (template {template.name}{key})"
                    problems.append(Problem(path, problem.message))
                continue
            clusters.append(cluster)
            cluster.dedicate(tenant.name)
    return clusters, problems


def sites(clusters: tuple[ClusterCommon, ...]) -> list[Site]:
    return [
        Site(
            name=c.name,
            cloud=c.cloud,
            region=c.region,
            country=c.country,
            cpu_millicores=c.capacity.millicores,
            memory_bytes=c.capacity.memory_bytes,
            labels=c.labels,
            cordoned=c.cordoned,
            dedicated_to=c.dedicated_to,
        )
        for c in clusters
    ]


def demands(spec: FleetSpec, clusters: tuple[ClusterCommon, ...]) -> list[Demand]:
    # A vcluster's control plane runs inside the tenant's host namespace and counts against it.
    control_plane_cpu = quantity.millicores(vcluster_chart.CONTROL_PLANE_SHARE["cpu"])
    control_plane_memory = quantity.bytes_(vcluster_chart.CONTROL_PLANE_SHARE["memory"])
    dedicated: dict[str, tuple[str, ...]] = {}
    for cluster in clusters:
        if cluster.dedicated_to:
            dedicated.setdefault(cluster.dedicated_to, ())
            dedicated[cluster.dedicated_to] += (cluster.name,)
    result = []
    for tenant in spec.tenants:
        own = dedicated.get(tenant.name)
        hints = tenant.placement
        result.append(
            Demand(
                name=tenant.name,
                regime=tenant.residency,
                replicas=len(own) if own else tenant.replicas,
                spread="cluster" if own else tenant.spread,
                cpu_millicores=tenant.quota.millicores + (control_plane_cpu if tenant.isolation == "vcluster" else 0),
                memory_bytes=tenant.quota.memory_bytes
                + (control_plane_memory if tenant.isolation == "vcluster" else 0),
                clouds=hints.clouds,
                regions=hints.regions,
                labels=hints.labels,
                clusters=own or hints.clusters,
                retired=tenant.retired,
            )
        )
    return result


def gcp_project_owners(fleets: Mapping[str, Fleet]) -> dict[str, str]:
    """The stack that owns what a GCP project has once (its fleet feature, its _Default log sink): the
    first by name of the stacks with GKE clusters there."""
    owners: dict[str, str] = {}
    for stack in sorted(fleets):
        for cluster in fleets[stack].deployed_clusters:
            if isinstance(cluster, GcpCluster):
                owners.setdefault(cluster.project, stack)
    return owners
