"""FLEET-TEL-001: a regulated cluster's metrics and logs stay inside its regime.

Protects: residency of what a cluster reports about itself and its tenants. A cluster is held to its
own ``fleet-residency`` tag or label and to the regime of every tenant namespace on it (namespace ->
its Kubernetes provider -> the cluster component that owns the provider -> the cluster). Metrics and logs carry
namespace, pod and object names and often tenant data, and every cloud lets a cluster ship them to
a workspace or bucket elsewhere, which carries no tag saying where the data came from. So the
regime comes from the cluster, along the edges that carry its telemetry, whatever the destination's
own tags say:

- AKS: the monitoring add-on (``omsagent``) names the Log Analytics workspace it sends the cluster's
  logs to; a data collection rule association on the cluster names a data collection rule; the rule, its
  data collection endpoint and every destination it names (Azure Monitor workspaces, Log Analytics
  workspaces, storage accounts, event hubs) must be inside the regime, and so must each Prometheus
  rule group that evaluates the cluster (``clusterName``) and the workspaces it reads (``scopes``).
- EKS: an Amazon Managed Service for Prometheus scraper whose source is the cluster, and the workspace
  it writes to (``destination.amp.workspaceArn``).
- GKE: Cloud Logging stores a project's logs through its log sinks. The ``_Default`` sink writes to
  the ``_Default`` bucket, "which is global" ("after you create your bucket, you can't change your
  bucket's location"; Cloud Logging, "Regionalize your project's logs using log buckets"). So the
  stack must take over the project's ``_Default`` sink (pulumi_gcp ProjectSink named ``_Default``
  acquires it: terraform-provider-google resource_logging_project_sink.go,
  ``resourceLoggingProjectSinkAcquireOrCreate``) and route it inside the regime, disable it, or
  exclude the cluster's logs from it; and every sink that may take the cluster's logs must write
  inside the regime. A project's ``_Required`` bucket
  (admin-activity audit logs) is outside any stack's reach; docs/OPERATING.md says so.

A destination that cannot be found or placed is refused: it cannot be shown to be inside the regime.
Values unknown at preview defer only the decisions that need them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import Any

from fleet.core.residency import Regime
from fleetguard import locations
from fleetguard.model import (
    AKS,
    EKS,
    GKE,
    Context,
    Deferred,
    Finding,
    Resource,
    Rule,
    Tenancy,
    as_map,
    deferred,
    each,
    effective_regime,
    held_regimes,
    is_map,
    resource_values,
    values_at,
)
from fleetguard.references import Stack, homes_of, outside_regime, reference_text, where

DCRA = "azure-native:monitor:DataCollectionRuleAssociation"
DCR = "azure-native:monitor:DataCollectionRule"
RULE_GROUP = "azure-native:alertsmanagement:PrometheusRuleGroup"
SCRAPER = "aws:amp/scraper:Scraper"
SINK = "gcp:logging/projectSink:ProjectSink"
# Where a data collection rule sends what it collects (REST API 2022-06-01, DataCollectionRule.destinations).
DCR_DESTINATIONS = (
    "destinations.monitoringAccounts[].accountResourceId",
    "destinations.logAnalytics[].workspaceResourceId",
    "destinations.storageAccounts[].storageAccountResourceId",
    "destinations.storageBlobsDirect[].storageAccountResourceId",
    "destinations.eventHubs[].eventHubResourceId",
    "destinations.eventHubsDirect[].eventHubResourceId",
    "dataCollectionEndpointId",
)


def _regimes(cluster: Resource, ctx: Context, tenancy: Tenancy) -> list[Regime]:
    """The cluster's own regime and those of the tenants it holds: its telemetry must keep to each."""
    names = {name for name, _ in held_regimes(cluster, tenancy)}
    found = effective_regime(cluster, ctx)
    if found is not None and found.regulated:
        names.add(found.name)
    regimes = [ctx.regimes.get(name) for name in sorted(names)]
    return [r for r in regimes if r is not None and r.countries is not None]


def _receiver(
    cluster: Resource, regime: Regime, sender: Resource, path: str, reference: str, stack: Stack
) -> Iterator[Finding]:
    """The destination a reference names must keep the data inside the regime."""
    about = f"{cluster.type} {cluster.name!r} (regime {regime.name})"
    # An ARN with a region, or a GCP path with a location, says where it is without a lookup.
    reader = "arn" if reference.startswith("arn:") else "gcp-ref" if "/locations/" in reference else None
    direct = locations.read(sender.cloud or "", reader, reference, path) if reader else []
    target = None if direct else stack.find(reference, sender)
    if target is None and not direct:
        yield Finding(
            f"{about} sends telemetry through {sender.type} {sender.name!r} ({path}) to {reference!r}, which is not "
            "in this stack and names no region, so where it lands cannot be checked; manage the destination in this "
            "stack or exempt it with a reason",
            urn=sender.urn,
        )
        return
    homes = direct or homes_of(target, stack)  # type: ignore[arg-type]
    name = f"{target.type} {target.name!r}" if target is not None else repr(reference)
    if isinstance(homes, str):
        yield Finding(
            f"{about} sends telemetry ({sender.type} {sender.name!r}, {path}) to {name}, whose location cannot be "
            f"checked: {homes}; send it to a resource inside the regime",
            urn=sender.urn,
        )
    elif bad := outside_regime(homes, regime):
        yield Finding(
            f"{about} sends telemetry ({sender.type} {sender.name!r}, {path}) to {name} in {where(bad)}, outside "
            f"the regime ({regime.summary()}); keep its metrics and logs in an allowed region",
            urn=target.urn if target is not None else sender.urn,
        )


def _itself(cluster: Resource, regime: Regime, carrier: Resource, stack: Stack) -> Iterator[Finding]:
    """A resource that holds or evaluates the telemetry itself (a rule, a rule group, a scraper)."""
    homes = homes_of(carrier, stack)
    if not isinstance(homes, str) and (bad := outside_regime(homes, regime)):
        yield Finding(
            f"{carrier.type} {carrier.name!r} carries telemetry of {cluster.type} {cluster.name!r} (regime "
            f"{regime.name}) in {where(bad)}, outside the regime ({regime.summary()}); put it in an allowed region",
            urn=carrier.urn,
        )


def _refs(resource: Resource, *paths: str) -> Iterator[tuple[str, str]]:
    for path in paths:
        for value in resource_values(resource, path):
            text = reference_text(value)
            if text:
                yield path, text


def _names(resource: Resource, stack: Stack, reference: str, cluster: Resource) -> bool:
    return stack.find(reference, resource) is cluster


def _apart(carrier: Resource, decide: Callable[[], Iterable[Finding]]) -> Iterator[Finding]:
    """One decision about one carrier of telemetry: a value unknown at preview defers it alone, not
    the cluster's other decisions."""
    try:
        yield from list(decide())
    except Deferred as err:
        yield deferred(carrier, err, "following the cluster's telemetry")


def _receivers(cluster: Resource, regime: Regime, sender: Resource, path: str, stack: Stack) -> Iterator[Finding]:
    for found, ref in _refs(sender, path):
        yield from _receiver(cluster, regime, sender, found, ref, stack)


def _association(cluster: Resource, regime: Regime, association: Resource, stack: Stack) -> Iterator[Finding]:
    if not any(_names(association, stack, ref, cluster) for _, ref in _refs(association, "resourceUri")):
        return
    for path, ref in _refs(association, "dataCollectionRuleId", "dataCollectionEndpointId"):
        rule = stack.find(ref, association)
        yield from _receiver(cluster, regime, association, path, ref, stack)
        if rule is not None and rule.type == DCR:
            for dest_path, dest in _refs(rule, *DCR_DESTINATIONS):
                yield from _apart(rule, partial(_receiver, cluster, regime, rule, dest_path, dest, stack))


def _container_insights(cluster: Resource) -> Iterator[tuple[str, str]]:
    """The Log Analytics workspace the monitoring add-on (``omsagent``, Container Insights) sends the
    cluster's logs to. Add-on names and their config keys are matched in any case, as AKS reads
    them (https://learn.microsoft.com/azure/aks/integrations#add-ons; AKS returns the config key in
    another case than it was sent, https://github.com/Azure/azure-rest-api-specs/issues/10716; the
    config key is ``logAnalyticsWorkspaceResourceID``, https://learn.microsoft.com/azure/azure-monitor/
    containers/kubernetes-monitoring-enable)."""
    for name, profile in as_map(cluster.props.get("addonProfiles")).items():
        if str(name).lower() != "omsagent" or not is_map(profile) or profile.get("enabled") is False:
            continue
        for key, value in as_map(profile.get("config")).items():
            if str(key).lower() == "loganalyticsworkspaceresourceid" and (text := reference_text(value)):
                yield f"addonProfiles.{name}.config.{key}", text


def _azure(cluster: Resource, regime: Regime, resources: list[Resource], stack: Stack) -> Iterator[Finding]:
    for path, ref in _container_insights(cluster):
        yield from _receiver(cluster, regime, cluster, path, ref, stack)
    for association in (r for r in resources if r.type == DCRA):
        yield from _apart(association, partial(_association, cluster, regime, association, stack))
    name = cluster.props.get("resourceName")
    for group in (r for r in resources if r.type == RULE_GROUP):
        if name is None or group.props.get("clusterName") != name:
            continue
        yield from _apart(group, partial(_itself, cluster, regime, group, stack))
        yield from _apart(group, partial(_receivers, cluster, regime, group, "scopes[]", stack))


def _aws(cluster: Resource, regime: Regime, resources: list[Resource], stack: Stack) -> Iterator[Finding]:
    for scraper in (r for r in resources if r.type == SCRAPER):
        try:
            mine = any(_names(scraper, stack, ref, cluster) for _, ref in _refs(scraper, "source.eks.clusterArn"))
        except Deferred as err:
            yield deferred(scraper, err, "following the cluster's telemetry")
            continue
        if not mine:
            continue
        yield from _apart(scraper, partial(_itself, cluster, regime, scraper, stack))
        yield from _apart(scraper, partial(_receivers, cluster, regime, scraper, "destination.amp.workspaceArn", stack))


def _takes(sink: Resource, cluster_name: Any) -> bool:
    """Whether a sink's filter may let the cluster's logs through: no filter, one naming the cluster (in
    quotes, as ``resource.labels.cluster_name="c"``) or a Kubernetes resource type, or one that does
    not narrow by resource type at all."""
    text = sink.props.get("filter")
    if not text:
        return True
    text = str(text)
    return f'"{cluster_name}"' in text or "k8s_" in text or "resource.type" not in text


def _excludes(sink: Resource, cluster_name: Any) -> bool:
    """Whether one of the sink's exclusions names the cluster (``resource.labels.cluster_name="c"``)."""
    for exclusion in values_at(sink.props, "exclusions[]"):
        if (
            isinstance(exclusion, dict)
            and not exclusion.get("disabled")
            and f'"{cluster_name}"' in str(exclusion.get("filter", ""))
        ):
            return True
    return False


def _gcp(cluster: Resource, regime: Regime, resources: list[Resource], stack: Stack) -> Iterator[Finding]:
    if cluster.props.get("loggingService") == "none":
        return
    project = cluster.props.get("project") or cluster.provider_props.get("project")
    name = cluster.props.get("name")
    sinks = [r for r in resources if r.type == SINK and _project(r) == project]
    default = next((s for s in sinks if s.props.get("name") == "_Default"), None)
    if default is None:
        yield Finding(
            f"{cluster.type} {cluster.name!r} (regime {regime.name}) logs to project {project}, whose _Default sink "
            "is not managed in this stack and writes to the _Default log bucket, which is global; take over the "
            "project's _Default sink (a ProjectSink named _Default) and route it to a log bucket inside the regime, "
            "or exclude the cluster's logs from it",
            urn=cluster.urn,
        )
    for sink in sinks:
        yield from _apart(sink, partial(_sink, cluster, regime, sink, sink is default, name, stack))


def _sink(
    cluster: Resource, regime: Regime, sink: Resource, is_default: bool, name: Any, stack: Stack
) -> Iterator[Finding]:
    if sink.props.get("disabled") is True or not _takes(sink, name):
        return
    if is_default and _excludes(sink, name):
        return
    for path, ref in _refs(sink, "destination"):
        yield from _receiver(cluster, regime, sink, path, ref, stack)


def _project(resource: Resource) -> Any:
    return resource.props.get("project") or resource.provider_props.get("project")


def check(resources: list[Resource], ctx: Context) -> Iterator[Finding]:
    stack = Stack.index(resources, ctx.aws_accounts)
    tenancy = Tenancy.index(resources)
    follow = {AKS: _azure, EKS: _aws, GKE: _gcp}

    def decide(cluster: Resource) -> Iterator[Finding]:
        if cluster.type not in follow:
            return
        for regime in _regimes(cluster, ctx, tenancy):
            yield from follow[cluster.type](cluster, regime, resources, stack)

    yield from each(resources, decide, "following the cluster's telemetry")


RULE = Rule(
    id="FLEET-TEL-001",
    name="telemetry-with-cluster",
    title="Ensure a regulated cluster's metrics and logs are kept inside its regime",
    severity="critical",
    default_level="mandatory",
    rationale=(
        "Every cloud lets a cluster ship its metrics and logs to another region's workspace or bucket, and the "
        "destination carries no tag saying whose data it holds; the regime has to follow the cluster's telemetry."
    ),
    remediation=(
        "Send the cluster's metrics and logs to a workspace or log bucket in an allowed region; on GKE take over the "
        "project's _Default sink and exclude the cluster's logs from it."
    ),
    stack_check=check,
)
