"""Where each regulated cluster's telemetry lives, read from the rendered stack (pure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from fleet.core import catalog, residency
from fleet.evidence.document import TelemetryDestination
from fleet.review.render import Resource
from fleet.spec.model import AwsCluster, AzureCluster, ClusterCommon, ExistingCluster, GcpCluster

AMW = "azure-native:monitor:AzureMonitorWorkspace"
DCE = "azure-native:monitor:DataCollectionEndpoint"
DCR = "azure-native:monitor:DataCollectionRule"
RULE_GROUP = "azure-native:alertsmanagement:PrometheusRuleGroup"
LOG_ANALYTICS = "azure-native:operationalinsights:Workspace"
LOG_BUCKET = "gcp:logging/projectBucketConfig:ProjectBucketConfig"
LOG_SINK = "gcp:logging/projectSink:ProjectSink"
LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup"
PROMETHEUS_RULE = "kubernetes:monitoring.coreos.com/v1:PrometheusRule"
AMP_WORKSPACE = "aws:amp/workspace:Workspace"
AMP_SCRAPER = "aws:amp/scraper:Scraper"
AMP_RULES = "aws:amp/ruleGroupNamespace:RuleGroupNamespace"
GKE_RULES = "kubernetes:monitoring.googleapis.com/v1:ClusterRules"


def _inputs(resource: Resource) -> Mapping[str, Any]:
    return resource.inputs or {}


def _azure(cluster: AzureCluster, resources: Sequence[Resource]) -> list[tuple[str, Resource, str]]:
    group = f"fleet-{cluster.name}"
    what = {
        AMW: "metrics",
        DCE: "metrics ingestion",
        DCR: "metrics collection",
        LOG_ANALYTICS: "logs (audit, containers)",
    }

    def named(r: Resource) -> str:
        return "container logs collection" if r.type == DCR and r.name.endswith("-container-logs") else what[r.type]

    found = [
        (named(r), r, str(_inputs(r).get("location")))
        for r in resources
        if r.type in what and _inputs(r).get("resourceGroupName") == group
    ]
    found += [
        ("alert rules", r, str(_inputs(r).get("location")))
        for r in resources
        if r.type == RULE_GROUP and _inputs(r).get("clusterName") == cluster.name
    ]
    return found


def _gcp(cluster: GcpCluster, resources: Sequence[Resource]) -> list[tuple[str, Resource | None, str]]:
    sink = next(
        (r for r in resources if r.type == LOG_SINK and _inputs(r).get("name") == "_Default"
         and _inputs(r).get("project") == cluster.project),
        None,
    )  # fmt: skip
    if sink is None:
        return [("logs (the project's _Default sink, not managed here)", None, "global")]
    destination = str(_inputs(sink).get("destination", ""))
    location = destination.split("/locations/", 1)[1].split("/", 1)[0] if "/locations/" in destination else "unknown"
    bucket = next((r for r in resources if r.type == LOG_BUCKET and _inputs(r).get("project") == cluster.project), sink)
    found: list[tuple[str, Resource | None, str]] = [("logs", bucket, location)]
    # Managed collection stores a series where its monitored resource's location label says (Cloud
    # Monitoring, "Regionalization"): for prometheus_target on GKE, the cluster's location. Rules are
    # evaluated in the cluster, reading through Monarch's global query path, which nothing pins.
    found += [
        ("metrics and alert rules (queries through Monarch's global path)", r, cluster.region)
        for r in resources
        if r.type == GKE_RULES and r.name.startswith(f"{cluster.name}/")
    ]
    return found


def _aws(cluster: AwsCluster, resources: Sequence[Resource]) -> list[tuple[str, Resource, str]]:
    # The control plane's log group and the managed Prometheus pieces, in the cluster's region (its
    # provider's): an AMP collector writes only to a workspace of its own region.
    logs = {f"/aws/eks/{cluster.name}/": "audit logs", f"/aws/containerinsights/{cluster.name}/": "container logs"}
    found = [
        (what, r, cluster.region)
        for r in resources
        if r.type == LOG_GROUP
        for prefix, what in logs.items()
        if str(_inputs(r).get("name", "")).startswith(prefix)
    ]
    what = {AMP_WORKSPACE: "metrics", AMP_SCRAPER: "metrics collection"}
    found += [(what[r.type], r, cluster.region) for r in resources
              if r.type in what and _inputs(r).get("alias") == cluster.name]  # fmt: skip
    found += [("alert rules", r, cluster.region) for r in resources
              if r.type == AMP_RULES and r.name == f"{cluster.name}-prom-rules"]  # fmt: skip
    return found


def _existing(cluster: ExistingCluster, resources: Sequence[Resource]) -> list[tuple[str, Resource, str]]:
    # Evaluated by the cluster's own Prometheus, on the cluster.
    return [
        ("alert rules", r, cluster.region)
        for r in resources
        if r.type == PROMETHEUS_RULE and r.name.startswith(f"{cluster.name}/")
    ]


def destinations(
    cluster: ClusterCommon, regimes: Sequence[residency.Regime], resources: Sequence[Resource]
) -> tuple[TelemetryDestination, ...]:
    """The places the rendered stack sends the cluster's telemetry to, and whether each is inside every
    regime the cluster holds."""
    if isinstance(cluster, AzureCluster):
        found: list[tuple[str, Resource | None, str]] = list(_azure(cluster, resources))
    elif isinstance(cluster, GcpCluster):
        found = list(_gcp(cluster, resources))
    elif isinstance(cluster, AwsCluster):
        found = list(_aws(cluster, resources))
    elif isinstance(cluster, ExistingCluster):
        found = list(_existing(cluster, resources))
    else:
        found = []
    out = []
    for what, resource, location in found:
        if isinstance(cluster, ExistingCluster):
            inside = all(r.allows(catalog.EXISTING, location, cluster.country) for r in regimes)
        else:
            inside = location != "global" and all(r.allows(cluster.cloud, location) for r in regimes)
        out.append(
            TelemetryDestination(
                what=what,
                resource=f"{resource.type} {resource.name}" if resource is not None else "",
                location=location,
                inside=inside,
            )
        )
    return tuple(sorted(out, key=lambda d: (d.what, d.resource)))
