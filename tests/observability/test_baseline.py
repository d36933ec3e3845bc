"""The per-cluster telemetry baseline each stack renders (issue 25)."""

from __future__ import annotations

import pytest

from fleet.core.alerts import AZURE_SEVERITY, iso_duration, rule_groups
from fleet.observability.azure import KUBESTATE_KEEP
from fleet.review.secrets import reveal
from fleet.spec.model import AzureCluster
from tests.conftest import STACKS, fleet_of, rendered

AKS_STACKS = [s for s in STACKS if any(isinstance(c, AzureCluster) for c in fleet_of(s).deployed_clusters)]


def _by_type(stack: str, type_: str) -> list[dict]:  # type: ignore[type-arg]
    return [
        {**reveal(r.inputs), "_urn": r.urn, "_id": r.outputs.get("id"), "_deps": r.dependencies}
        for r in rendered(stack).resources
        if r.type == type_
    ]


@pytest.mark.parametrize("stack", AKS_STACKS)
def test_every_aks_cluster_sends_its_metrics_to_a_workspace_in_its_own_region(stack: str) -> None:
    clusters = {c.name: c for c in fleet_of(stack).deployed_clusters if isinstance(c, AzureCluster)}
    workspaces = _by_type(stack, "azure-native:monitor:AzureMonitorWorkspace")
    endpoints = _by_type(stack, "azure-native:monitor:DataCollectionEndpoint")
    # The metrics' rules and associations; container logs have their own (tests/clusters/test_aks.py).
    dcrs = [d for d in _by_type(stack, "azure-native:monitor:DataCollectionRule") if "monitoringAccounts" in
            d["destinations"]]  # fmt: skip
    associations = [a for a in _by_type(stack, "azure-native:monitor:DataCollectionRuleAssociation")
                    if a["dataCollectionRuleId"] in {d["_id"] for d in dcrs}]  # fmt: skip
    managed = _by_type(stack, "azure-native:containerservice:ManagedCluster")
    assert len(workspaces) == len(endpoints) == len(dcrs) == len(associations) == len(clusters)
    for name, spec in clusters.items():
        group = f"fleet-{name}"
        [workspace] = [w for w in workspaces if w["resourceGroupName"] == group]
        [endpoint] = [e for e in endpoints if e["resourceGroupName"] == group]
        [dcr] = [d for d in dcrs if d["resourceGroupName"] == group]
        [cluster] = [m for m in managed if m["resourceName"] == name]
        [association] = [a for a in associations if a["resourceUri"] == cluster["_id"]]
        assert workspace["location"] == endpoint["location"] == dcr["location"] == spec.region
        assert endpoint["kind"] == "Linux" and dcr["dataCollectionEndpointId"] == endpoint["_id"]
        assert dcr["destinations"] == {
            "monitoringAccounts": [{"accountResourceId": workspace["_id"], "name": "MonitoringAccount1"}]
        }
        assert dcr["dataFlows"] == [
            {"streams": ["Microsoft-PrometheusMetrics"], "destinations": ["MonitoringAccount1"]}
        ]
        assert association["dataCollectionRuleId"] == dcr["_id"]
        assert cluster["azureMonitorProfile"] == {"metrics": {"enabled": True}}


@pytest.mark.parametrize("stack", AKS_STACKS)
def test_every_aks_cluster_evaluates_the_alert_set_over_its_own_metrics(stack: str) -> None:
    groups = _by_type(stack, "azure-native:alertsmanagement:PrometheusRuleGroup")
    workspaces = {w["resourceGroupName"]: w for w in _by_type(stack, "azure-native:monitor:AzureMonitorWorkspace")}
    expected = rule_groups()
    clusters = [c for c in fleet_of(stack).deployed_clusters if isinstance(c, AzureCluster)]
    assert len(groups) == len(expected) * len(clusters)
    for group in groups:
        workspace = workspaces[group["resourceGroupName"]]
        assert group["scopes"] == [workspace["_id"]] and group["location"] == workspace["location"]
        assert group["clusterName"] == group["resourceGroupName"].removeprefix("fleet-")
        [upstream] = [g for g in expected if g["name"] == group["ruleGroupName"]]
        assert [
            (r["alert"], r["expression"], r["for"], r["severity"]) for r in group["rules"]
        ] == [
            (r["alert"], r["expr"], iso_duration(r["for"]), AZURE_SEVERITY[r["labels"]["severity"]])
            for r in upstream["rules"]  # type: ignore[attr-defined]
        ]  # fmt: skip


@pytest.mark.parametrize("stack", AKS_STACKS)
def test_the_addon_keeps_the_metrics_the_alert_set_reads(stack: str) -> None:
    maps = [m for m in _by_type(stack, "kubernetes:core/v1:ConfigMap") if m["metadata"]["namespace"] == "kube-system"]
    assert maps
    for settings in maps:
        assert settings["metadata"]["name"] == "ama-metrics-settings-configmap"
        keep = settings["data"]["default-targets-metrics-keep-list"]
        assert all(metric in keep for metric in KUBESTATE_KEEP) and "minimalingestionprofile = true" in keep


def test_iso_durations() -> None:
    assert [iso_duration(d) for d in ("15m", "1h", "30s")] == ["PT15M", "PT1H", "PT30S"]
    with pytest.raises(ValueError, match="not a duration"):
        iso_duration("1h30m")
