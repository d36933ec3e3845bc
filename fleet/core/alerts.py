"""The fleet's alert set: rules of the Kubernetes community's kubernetes-mixin, rendered to each
cloud's rule resource and to Prometheus Operator ``PrometheusRule`` objects for existing clusters.

Taken from kubernetes-monitoring/kubernetes-mixin at aa38e2bfa7ea6ec6870420b483046afe790a6411
(2026-08-06), with its defaults (config.libsonnet: ``clusterLabel: 'cluster'``, single-cluster
expressions, no namespace selector) and these changes, each said where it is made:

- the recording rules ``namespace_{cpu,memory}:kube_pod_container_resource_requests:sum``
  (rules/apps.libsonnet), which the overcommit alerts read, are written out in place, so the alerts
  work where no recording rule is installed;
- the ``job`` selectors (``job="kube-state-metrics"``, ``job="kubelet"``) are parameters: each
  cloud's managed collector names its scrape jobs its own way.

Left out because they cannot work on a managed control plane, whose components no collector in
the cluster can scrape: kube_apiserver.libsonnet (KubeAPIDown, KubeAPIErrorBudgetBurn,
KubeClientCertificateExpiration, KubeAggregatedAPIDown), kube_controller_manager.libsonnet,
kube_scheduler.libsonnet, and the absent-target alerts of absent_alerts.libsonnet.

Pure: no Pulumi, no cloud.
"""

from __future__ import annotations

from dataclasses import dataclass

MIXIN = "kubernetes-monitoring/kubernetes-mixin@aa38e2bfa7ea6ec6870420b483046afe790a6411"


@dataclass(frozen=True)
class Selectors:
    """How the collector labels the two sources the rules read."""

    kube_state_metrics: str = 'job="kube-state-metrics"'
    kubelet: str = 'job="kubelet"'


@dataclass(frozen=True)
class AlertRule:
    alert: str  # the upstream alert name, unchanged
    group: str  # the upstream rule group
    source: str  # the upstream file that defines it
    expr: str
    duration: str  # Prometheus `for`
    severity: str
    summary: str
    description: str


def _requests(resource: str, s: Selectors) -> str:
    # rules/apps.libsonnet, record namespace_<resource>:kube_pod_container_resource_requests:sum,
    # summed over namespaces as the alert does.
    return (
        "sum(sum by (namespace, pod, cluster) (max by (namespace, pod, container, cluster) ("
        f'kube_pod_container_resource_requests{{resource="{resource}",{s.kube_state_metrics}}}'
        ") * on(namespace, pod, cluster) group_left() max by (namespace, pod, cluster) ("
        'kube_pod_status_phase{phase=~"Pending|Running"} == 1)))'
    )


def _overcommit(resource: str, s: Selectors) -> str:
    # resource_alerts.libsonnet, kubeOvercommitExpression (single cluster).
    allocatable = f'kube_node_status_allocatable{{resource="{resource}", {s.kube_state_metrics}}}'
    return (
        f"(({_requests(resource, s)} - sum({allocatable}) > 0) and "
        f'count(max by (node) (kube_node_role{{{s.kube_state_metrics}, role="control-plane"}})) < 3) or '
        f"({_requests(resource, s)} - ((sum({allocatable}) - max({allocatable})) > 0) > 0)"
    )


def _quota_overcommit(resource: str, s: Selectors) -> str:
    # resource_alerts.libsonnet, kubeQuotaOvercommitExpression (single cluster), namespaceOvercommitFactor 1.5.
    return (
        f'sum(min without(resource) (kube_resourcequota{{{s.kube_state_metrics}, type="hard", '
        f'resource=~"({resource}|requests.{resource})"}})) / '
        f'sum(kube_node_status_allocatable{{resource="{resource}", {s.kube_state_metrics}}}) > 1.5'
    )


def _quota_use(s: Selectors, comparison: str) -> str:
    # resource_alerts.libsonnet, KubeQuotaAlmostFull / KubeQuotaFullyUsed / KubeQuotaExceeded.
    key = "cluster, namespace, resource, resourcequota"
    return (
        f"topk by ({key}) (1, max without (instance, job, type) "
        f'(kube_resourcequota{{{s.kube_state_metrics}, type="used"}})) '
        f"/ on ({key}) group_left() topk by ({key}) (1, max without (instance, job, type) "
        f'(kube_resourcequota{{{s.kube_state_metrics}, type="hard"}}) > 0) {comparison}'
    )


def _volume(s: Selectors, threshold: str, predict: bool) -> str:
    # storage_alerts.libsonnet, KubePersistentVolumeFillingUp (volumeFreeSpacePercentageCritical
    # 0.03, volumeFreeSpacePercentageWarning 0.15, volumeFullPredictionSampleTime 6h).
    k = s.kubelet
    expr = (
        f"(kubelet_volume_stats_available_bytes{{{k}}} / kubelet_volume_stats_capacity_bytes{{{k}}}) < {threshold} "
        f"and kubelet_volume_stats_used_bytes{{{k}}} > 0"
    )
    if predict:
        expr += f" and predict_linear(kubelet_volume_stats_available_bytes{{{k}}}[6h], 4 * 24 * 3600) < 0"
    return (
        expr + " unless on(cluster, namespace, persistentvolumeclaim) "
        'kube_persistentvolumeclaim_access_mode{access_mode="ReadOnlyMany"} == 1 '
        "unless on(cluster, namespace, persistentvolumeclaim) "
        'kube_persistentvolumeclaim_labels{label_excluded_from_alerts="true"} == 1'
    )


def alert_rules(s: Selectors | None = None) -> tuple[AlertRule, ...]:
    s = s or Selectors()
    resources, apps, storage = "kubernetes-resources", "kubernetes-apps", "kubernetes-storage"
    quota = "Namespace {{ $labels.namespace }} is using {{ $value | humanizePercentage }} of its {{ $labels.resource }} quota."  # noqa: E501
    volume = "The PersistentVolume claimed by {{ $labels.persistentvolumeclaim }} in Namespace {{ $labels.namespace }}"
    return (
        AlertRule("KubeQuotaAlmostFull", resources, "alerts/resource_alerts.libsonnet", _quota_use(s, "> 0.9 < 1"),
                  "15m", "info", "Namespace quota is going to be full.", quota),
        AlertRule("KubeQuotaFullyUsed", resources, "alerts/resource_alerts.libsonnet", _quota_use(s, "== 1"),
                  "15m", "info", "Namespace quota is fully used.", quota),
        AlertRule("KubeQuotaExceeded", resources, "alerts/resource_alerts.libsonnet", _quota_use(s, "> 1"),
                  "15m", "warning", "Namespace quota has exceeded the limits.", quota),
        AlertRule("KubeCPUOvercommit", resources, "alerts/resource_alerts.libsonnet", _overcommit("cpu", s),
                  "10m", "warning", "Cluster has overcommitted CPU resource requests.",
                  'Cluster has overcommitted CPU resource requests for Pods by {{ printf "%.2f" $value }} CPU shares '
                  "and cannot tolerate node failure."),
        AlertRule("KubeMemoryOvercommit", resources, "alerts/resource_alerts.libsonnet", _overcommit("memory", s),
                  "10m", "warning", "Cluster has overcommitted memory resource requests.",
                  "Cluster has overcommitted memory resource requests for Pods by {{ $value | humanize }} bytes and "
                  "cannot tolerate node failure."),
        AlertRule("KubeCPUQuotaOvercommit", resources, "alerts/resource_alerts.libsonnet", _quota_overcommit("cpu", s),
                  "5m", "warning", "Cluster has overcommitted CPU resource requests.",
                  "Cluster has overcommitted CPU resource requests for Namespaces."),
        AlertRule("KubeMemoryQuotaOvercommit", resources, "alerts/resource_alerts.libsonnet",
                  _quota_overcommit("memory", s), "5m", "warning",
                  "Cluster has overcommitted memory resource requests.",
                  "Cluster has overcommitted memory resource requests for Namespaces."),
        AlertRule("KubePodCrashLooping", apps, "alerts/apps_alerts.libsonnet",
                  'max_over_time(kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff", '
                  f"{s.kube_state_metrics}}}[5m]) >= 1",
                  "15m", "warning", "Pod is crash looping.",
                  "Pod {{ $labels.namespace }}/{{ $labels.pod }} ({{ $labels.container }}) is in waiting state "
                  '(reason: "CrashLoopBackOff").'),
        AlertRule("KubePersistentVolumeFillingUp", storage, "alerts/storage_alerts.libsonnet",
                  _volume(s, "0.03", predict=False), "1m", "critical", "PersistentVolume is filling up.",
                  volume + " is only {{ $value | humanizePercentage }} free."),
        AlertRule("KubePersistentVolumeFillingUp", storage, "alerts/storage_alerts.libsonnet",
                  _volume(s, "0.15", predict=True), "1h", "warning", "PersistentVolume is filling up.",
                  volume + " is expected to fill up within four days. Currently {{ $value | humanizePercentage }} "
                  "is available."),
        AlertRule("KubeNodeNotReady", "kubernetes-system-kubelet", "alerts/kubelet.libsonnet",
                  f'kube_node_status_condition{{{s.kube_state_metrics},condition="Ready",status="true"}} == 0 '
                  f"and on (cluster, node) kube_node_spec_unschedulable{{{s.kube_state_metrics}}} == 0",
                  "15m", "warning", "Node is not ready.",
                  "{{ $labels.node }} has been unready for more than 15 minutes."),
    )  # fmt: skip


def rule_groups(s: Selectors | None = None) -> list[dict[str, object]]:
    """The alert set as Prometheus rule groups (the rule-file format PrometheusRule, Amazon Managed
    Service for Prometheus rule namespaces and GKE's Rules objects take), in upstream group order."""
    groups: dict[str, list[dict[str, object]]] = {}
    for rule in alert_rules(s):
        groups.setdefault(rule.group, []).append(
            {
                "alert": rule.alert,
                "expr": rule.expr,
                "for": rule.duration,
                "labels": {"severity": rule.severity},
                "annotations": {
                    "summary": rule.summary,
                    "description": rule.description,
                    "upstream": f"{MIXIN}/{rule.source}",
                },
            }
        )
    return [{"name": name, "rules": rules} for name, rules in groups.items()]


# Azure Monitor's Prometheus rule groups (alertsmanagement PrometheusRuleGroup, API 2023-03-01): `for`
# is an ISO 8601 duration and severity a number, "Must be between 0 and 4" (0 critical, 2 warning,
# 3 informational in Azure Monitor's alert severities).
AZURE_SEVERITY = {"critical": 0, "warning": 2, "info": 3}


def iso_duration(duration: str) -> str:
    """A Prometheus duration of one unit (``15m``, ``1h``) as ISO 8601 (``PT15M``, ``PT1H``)."""
    number, unit = duration[:-1], duration[-1]
    if not number.isdigit() or unit not in "smh":
        raise ValueError(f"{duration!r} is not a duration of seconds, minutes or hours")
    return f"PT{number}{unit.upper()}"
