"""FLEET-TEL-001: a regulated cluster's telemetry stays in its regime, per cloud, each way it can fail."""

from __future__ import annotations

from fleetguard.model import Unknown
from fleetguard.rules.tel_001_telemetry_with_cluster import RULE
from tests.policies.conftest import messages, resource


def named(type_: str, name: str, **props: object):  # type: ignore[no-untyped-def]
    """A resource whose own ``name`` property is set (the helper takes ``name`` as the logical name)."""
    found = resource(type_, name, **props)
    found.props = {**found.props, "name": name}
    return found


GDPR = {"fleet-residency": "gdpr"}
SUB = "/subscriptions/s/resourceGroups/fleet-c/providers"


def _aks(workspace_location: str = "westeurope", dcr_location: str = "westeurope", **dcr: object) -> list:
    cluster = resource("azure-native:containerservice:ManagedCluster", "c", resourceName="c", tags=GDPR,
                       id=f"{SUB}/Microsoft.ContainerService/managedClusters/c", location="westeurope")  # fmt: skip
    workspace = resource("azure-native:monitor:AzureMonitorWorkspace", "amw", azureMonitorWorkspaceName="amw",
                         id=f"{SUB}/Microsoft.Monitor/accounts/amw", location=workspace_location)  # fmt: skip
    endpoint = resource("azure-native:monitor:DataCollectionEndpoint", "dce", dataCollectionEndpointName="dce",
                        id=f"{SUB}/Microsoft.Insights/dataCollectionEndpoints/dce", location=dcr_location)  # fmt: skip
    rule = resource(
        "azure-native:monitor:DataCollectionRule", "dcr", dataCollectionRuleName="dcr",
        id=f"{SUB}/Microsoft.Insights/dataCollectionRules/dcr", location=dcr_location,
        dataCollectionEndpointId=endpoint.props["id"],
        destinations=dcr.get("destinations", {"monitoringAccounts": [{"accountResourceId": workspace.props["id"],
                                                                      "name": "m"}]}),
    )  # fmt: skip
    association = resource("azure-native:monitor:DataCollectionRuleAssociation", "dcra", associationName="dcra",
                           resourceUri=cluster.props["id"], dataCollectionRuleId=rule.props["id"])  # fmt: skip
    group = resource("azure-native:alertsmanagement:PrometheusRuleGroup", "g", ruleGroupName="g", clusterName="c",
                     location=workspace_location, scopes=[workspace.props["id"]])  # fmt: skip
    return [cluster, workspace, endpoint, rule, association, group]


def test_compliant_aks_metrics_in_the_regime() -> None:
    assert messages(RULE, _aks()) == []


def test_compliant_unregulated_cluster_is_not_followed() -> None:
    items = _aks("eastus", "eastus")
    items[0].props = {**items[0].props, "tags": {"fleet-residency": "none"}}
    assert messages(RULE, items) == []


def test_fails_aks_workspace_in_another_region_of_the_world() -> None:
    found = messages(RULE, _aks(workspace_location="eastus"))
    assert any("AzureMonitorWorkspace 'amw' in" in m and "eastus" in m and "outside the regime" in m for m in found)
    assert any("PrometheusRuleGroup 'g' carries telemetry" in m for m in found)  # the rule group sits with it


def test_fails_aks_collection_rule_and_endpoint_outside_even_with_the_workspace_inside() -> None:
    found = messages(RULE, _aks(dcr_location="eastus"))
    assert any("DataCollectionRule 'dcr' in" in m for m in found)
    assert any("DataCollectionEndpoint 'dce' in" in m for m in found)


def test_fails_aks_destination_the_stack_does_not_hold() -> None:
    elsewhere = "/subscriptions/x/resourceGroups/y/providers/Microsoft.OperationalInsights/workspaces/la"
    found = messages(RULE, _aks(destinations={"logAnalytics": [{"workspaceResourceId": elsewhere, "name": "l"}]}))
    assert any("which is not in this stack and names no region" in m for m in found)


def test_aks_unknown_rule_id_defers_only_that_decision() -> None:
    items = _aks()
    items[4].props = {**items[4].props, "dataCollectionRuleId": Unknown(items[4].urn, "dataCollectionRuleId")}
    found = messages(RULE, items)
    assert found and all("deferred until the update" in m for m in found)


def _eks(workspace_region: str = "eu-central-1", scraper_region: str = "eu-central-1") -> list:
    arn = "arn:aws:eks:eu-central-1:111111111111:cluster/c"
    cluster = named("aws:eks/cluster:Cluster", "c", arn=arn, region="eu-central-1", tags=GDPR)
    workspace = f"arn:aws:aps:{workspace_region}:111111111111:workspace/ws-1"
    scraper = resource("aws:amp/scraper:Scraper", "s", region=scraper_region,
                       source={"eks": {"clusterArn": arn, "subnetIds": ["a", "b"]}},
                       destination={"amp": {"workspaceArn": workspace}})  # fmt: skip
    return [cluster, scraper]


def test_compliant_eks_scraper_and_workspace_in_the_regime() -> None:
    assert messages(RULE, _eks()) == []


def test_fails_eks_scraper_writing_to_another_region() -> None:
    [message] = messages(RULE, _eks(workspace_region="us-east-1"))
    assert "destination.amp.workspaceArn" in message and "us-east-1" in message and "outside the regime" in message


def test_fails_eks_scraper_itself_outside() -> None:
    assert any("Scraper 's' carries telemetry" in m for m in messages(RULE, _eks(scraper_region="us-east-1")))


def _gke(default: dict | None, bucket_location: str = "europe-west4", **sink: object) -> list:
    cluster = named("gcp:container/cluster:Cluster", "c", project="p", location="europe-west4",
                       resourceLabels=GDPR)  # fmt: skip
    items = [
        cluster,
        named(
            "gcp:logging/projectSink:ProjectSink",
            "fleet-c",
            project="p",
            destination=f"logging.googleapis.com/projects/p/locations/{bucket_location}/buckets/fleet-c",
            filter=sink.get("filter", 'resource.labels.cluster_name="c"'),
        ),
    ]
    if default is not None:
        default = {"destination": "logging.googleapis.com/projects/p/locations/global/buckets/_Default", **default}
        items.append(named("gcp:logging/projectSink:ProjectSink", "_Default", project="p", **default))
    return items


EXCLUDED = {"exclusions": [{"name": "fleet-c", "filter": 'resource.labels.cluster_name="c"'}]}


REDIRECTED = {"destination": "logging.googleapis.com/projects/p/locations/europe-west4/buckets/fleet-logs"}


def test_compliant_gke_logs_routed_to_a_regional_bucket_and_kept_out_of_default() -> None:
    assert messages(RULE, _gke(EXCLUDED)) == []
    assert messages(RULE, _gke({"disabled": True})) == []


def test_compliant_gke_default_sink_redirected_to_a_bucket_inside() -> None:
    assert messages(RULE, _gke(REDIRECTED)) == []


def test_fails_gke_default_sink_redirected_outside() -> None:
    outside = {"destination": "logging.googleapis.com/projects/p/locations/us-central1/buckets/fleet-logs"}
    [message] = messages(RULE, _gke(outside))
    assert "ProjectSink '_Default'" in message and "us-central1" in message


def test_fails_gke_logs_left_in_the_global_default_bucket() -> None:
    [message] = messages(RULE, _gke(None))
    assert "whose _Default sink is not managed in this stack" in message
    [message] = messages(RULE, _gke({"exclusions": [{"name": "other", "filter": 'resource.labels.cluster_name="x"'}]}))
    assert "ProjectSink '_Default'" in message and "global" in message


def test_fails_gke_logs_routed_to_a_bucket_outside() -> None:
    [message] = messages(RULE, _gke(EXCLUDED, bucket_location="us-central1"))
    assert "us-central1" in message and "outside the regime" in message


def test_compliant_gke_sink_for_other_logs_is_not_judged() -> None:
    items = _gke(EXCLUDED, bucket_location="us-central1", filter='resource.type="gce_instance"')
    assert messages(RULE, items) == []


def test_fails_a_cluster_holding_a_regulated_tenant_namespace() -> None:
    """The cluster declares no regime; a tenant namespace on it does (through its provider and component)."""
    items = _aks(workspace_location="eastus")
    component = "urn:pulumi:s::p::fleet:clusters:AksCluster::c"
    items[0].props = {**items[0].props, "tags": {"fleet-residency": "none"}}
    items[0].parent = component
    provider = resource("pulumi:providers:kubernetes", "c-k8s")
    provider.parent = component
    namespace = resource("kubernetes:core/v1:Namespace", "payments",
                         metadata={"name": "payments", "labels": {"fleet-tenant": "payments", **GDPR}})  # fmt: skip
    namespace.provider_urn = provider.urn
    found = messages(RULE, [*items, provider, namespace])
    assert any("AzureMonitorWorkspace 'amw' in" in m and "(regime gdpr)" in m for m in found)
    namespace.props = {"metadata": {"name": "payments", "labels": {"fleet-tenant": "payments"}}}
    assert messages(RULE, [*items, provider, namespace]) == []


def test_an_unknown_value_defers_only_its_own_decision() -> None:
    """A rule group placed in the US is refused even while the workspaces it reads are unknown."""
    items = _aks(workspace_location="westeurope")
    group = items[5]
    group.props = {**group.props, "location": "eastus", "scopes": Unknown(group.urn, "scopes")}
    found = messages(RULE, items)
    assert any("PrometheusRuleGroup 'g' carries telemetry" in m and "eastus" in m for m in found)
    assert any("deferred until the update" in m and "scopes" in m for m in found)


def _oms(location: str, *, key: str = "logAnalyticsWorkspaceResourceID", enabled: bool = True) -> list:
    cluster, *_ = _aks()
    ws = f"{SUB}/Microsoft.OperationalInsights/workspaces/logs"
    cluster.props = {**cluster.props, "addonProfiles": {"omsagent": {"enabled": enabled, "config": {key: ws}}}}
    workspace = resource("azure-native:operationalinsights:Workspace", "logs", workspaceName="logs", location=location)
    return [cluster, workspace]


def test_compliant_container_insights_workspace_in_the_regime_or_add_on_off() -> None:
    assert messages(RULE, _oms("westeurope")) == []
    assert messages(RULE, _oms("eastus", enabled=False)) == []


def test_fails_container_insights_sending_logs_outside_the_regime_whatever_the_key_case() -> None:
    for key in ("logAnalyticsWorkspaceResourceID", "loganalyticsworkspaceresourceid"):
        assert messages(RULE, _oms("eastus", key=key)) == [
            "azure-native:containerservice:ManagedCluster 'c' (regime gdpr) sends telemetry "
            "(azure-native:containerservice:ManagedCluster 'c', addonProfiles.omsagent.config."
            f"{key}) to azure-native:operationalinsights:Workspace 'logs' in eastus (US), outside the regime "
            "(30 countries); keep its metrics and logs in an allowed region"
        ]
