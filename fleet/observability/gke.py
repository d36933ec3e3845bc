"""GKE: managed collection (Google Cloud Managed Service for Prometheus) and fleet's alert set over it
(pure: the settings and the Kubernetes objects, created by fleet.clusters.gke).

GKE's own kube-state-metrics packages export no node and no ResourceQuota series (GKE "Collect and
view kube state metrics": the packages cover storage, pods, deployments, statefulsets, daemonsets,
HPA and JobSet), and six of the ten alerts read those. So each cluster also runs upstream
kube-state-metrics, limited to what the alert set reads, scraped by managed collection under the job
name the alert set selects (a ClusterPodMonitoring's name is its ``job``:
GoogleCloudPlatform/prometheus-engine pkg/operator/apis/monitoring/v1/pod_config.go). The kubelet's
volume statistics come the same way, through a ClusterNodeMonitoring named ``kubelet`` (as
prometheus-engine examples/kubelet-metrics.yaml reads the kubelet's ``/metrics``).

The alert set is a ``ClusterRules`` object: managed rule evaluation scopes each of its selectors to
the cluster's own project, location and cluster (prometheus-engine pkg/operator/rules_config.go).
"""

from __future__ import annotations

from typing import Any

from fleet.core.alerts import rule_groups
from fleet.observability.rules import LABELS, NAMESPACE

# container.Cluster monitoring_config.enable_components: the set replaces GKE's whole set, so it is
# stated in full: system metrics (which the packages require), GKE's kube-state-metrics packages and
# cAdvisor (what dashboards read; the kubelet package is replaced by the monitoring below, which keeps
# the series the alerts read under the job name they select).
MONITORING_COMPONENTS = [
    "SYSTEM_COMPONENTS", "STORAGE", "HPA", "POD", "DAEMONSET", "DEPLOYMENT", "STATEFULSET", "CADVISOR",
]  # fmt: skip
GMP_API = "monitoring.googleapis.com/v1"
KUBE_STATE_METRICS = "kube-state-metrics"
# Upstream kube-state-metrics (kubernetes/kube-state-metrics, examples/standard), by tag: the image
# registry publishes no digest we could read offline.
KUBE_STATE_METRICS_IMAGE = "registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.20.0"
# What the alert set reads of kube-state-metrics (fleet.core.alerts), and nothing else: managed
# collection bills by sample.
KUBE_STATE_METRICS_RESOURCES = "nodes,pods,resourcequotas,persistentvolumeclaims"
KUBE_STATE_METRICS_ALLOWLIST = ",".join((
    "kube_node_status_allocatable", "kube_node_status_condition", "kube_node_spec_unschedulable", "kube_node_role",
    "kube_pod_container_resource_requests", "kube_pod_status_phase", "kube_pod_container_status_waiting_reason",
    "kube_resourcequota", "kube_persistentvolumeclaim_access_mode", "kube_persistentvolumeclaim_labels",
))  # fmt: skip
KUBELET_VOLUME_SERIES = (
    "kubelet_volume_stats_available_bytes|kubelet_volume_stats_capacity_bytes|kubelet_volume_stats_used_bytes"
)
_SELECTOR = {"app.kubernetes.io/name": KUBE_STATE_METRICS}


def monitoring_config() -> dict[str, Any]:
    return {"enable_components": list(MONITORING_COMPONENTS), "managed_prometheus": {"enabled": True}}


def kube_state_metrics() -> list[dict[str, Any]]:
    """The service account, its read-only cluster role and binding, and the Deployment."""
    labels = {**LABELS, **_SELECTOR}
    meta = {"name": KUBE_STATE_METRICS, "namespace": NAMESPACE, "labels": labels}
    role_name = f"fleet-{KUBE_STATE_METRICS}"
    container = {
        "name": KUBE_STATE_METRICS,
        "image": KUBE_STATE_METRICS_IMAGE,
        "args": [
            "--port=8080",
            "--telemetry-port=8081",
            f"--resources={KUBE_STATE_METRICS_RESOURCES}",
            f"--metric-allowlist={KUBE_STATE_METRICS_ALLOWLIST}",
            # KubePersistentVolumeFillingUp skips claims labelled excluded_from_alerts=true.
            "--metric-labels-allowlist=persistentvolumeclaims=[excluded_from_alerts]",
        ],
        "ports": [{"name": "http-metrics", "containerPort": 8080}, {"name": "telemetry", "containerPort": 8081}],
        "livenessProbe": {"httpGet": {"path": "/livez", "port": "http-metrics"}, "initialDelaySeconds": 5},
        "readinessProbe": {"httpGet": {"path": "/readyz", "port": "telemetry"}, "initialDelaySeconds": 5},
        "resources": {"requests": {"cpu": "100m", "memory": "190Mi"}, "limits": {"memory": "512Mi"}},
        # Pod Security "restricted", which the namespace enforces.
        "securityContext": {
            "allowPrivilegeEscalation": False,
            "readOnlyRootFilesystem": True,
            "runAsNonRoot": True,
            "runAsUser": 65534,
            "runAsGroup": 65534,
            "capabilities": {"drop": ["ALL"]},
            "seccompProfile": {"type": "RuntimeDefault"},
        },
    }
    return [
        {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": meta},
        {
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "kind": "ClusterRole",
            "metadata": {"name": role_name, "labels": labels},
            "rules": [
                {
                    "apiGroups": [""],
                    "resources": ["nodes", "pods", "resourcequotas", "persistentvolumeclaims"],
                    "verbs": ["list", "watch"],
                },
            ],
        },
        {
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "kind": "ClusterRoleBinding",
            "metadata": {"name": role_name, "labels": labels},
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": role_name},
            "subjects": [{"kind": "ServiceAccount", "name": KUBE_STATE_METRICS, "namespace": NAMESPACE}],
        },
        {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": meta,
            "spec": {
                "replicas": 1,
                "selector": {"matchLabels": dict(_SELECTOR)},
                "template": {
                    "metadata": {"labels": labels},
                    "spec": {
                        "serviceAccountName": KUBE_STATE_METRICS,
                        "automountServiceAccountToken": True,
                        "nodeSelector": {"kubernetes.io/os": "linux"},
                        "containers": [container],
                    },
                },
            },
        },
    ]


def monitorings() -> list[dict[str, Any]]:
    """What managed collection scrapes for the alert set: kube-state-metrics and the kubelets."""
    return [
        {
            "apiVersion": GMP_API,
            "kind": "ClusterPodMonitoring",
            "metadata": {"name": KUBE_STATE_METRICS, "labels": dict(LABELS)},
            "spec": {
                "selector": {"matchLabels": dict(_SELECTOR)},
                "endpoints": [{"port": "http-metrics", "interval": "30s"}],
                # Explicitly empty: kube-state-metrics' namespace, pod and container labels name the
                # objects it describes, and a target label would overwrite them.
                "targetLabels": {"metadata": []},
            },
        },
        {
            "apiVersion": GMP_API,
            "kind": "ClusterNodeMonitoring",
            "metadata": {"name": "kubelet", "labels": dict(LABELS)},
            "spec": {
                "endpoints": [
                    {
                        "path": "/metrics",
                        "scheme": "https",
                        "interval": "30s",
                        "metricRelabeling": [
                            {"sourceLabels": ["__name__"], "regex": KUBELET_VOLUME_SERIES, "action": "keep"}
                        ],
                    }
                ]
            },
        },
    ]


def cluster_rules() -> dict[str, Any]:
    return {
        "apiVersion": GMP_API,
        "kind": "ClusterRules",
        "metadata": {"name": "fleet-alerts", "labels": dict(LABELS)},
        "spec": {"groups": rule_groups()},
    }
