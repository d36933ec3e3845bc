"""What Azure Monitor managed Prometheus needs inside an AKS cluster for fleet's alert set (pure)."""

from __future__ import annotations

from typing import Any

# The addon's settings ConfigMap (Azure/prometheus-collector, otelcollector/configmaps/
# ama-metrics-settings-configmap.yaml): "None of the four configmaps exist by default". Its minimal
# ingestion profile keeps a list of metrics per default target
# (otelcollector/shared/configmap/mp/tomlparser-default-targets-metrics-keep-list.go); a target's
# keep-list here is added to it. KubeNodeNotReady reads kube_node_spec_unschedulable and
# KubePersistentVolumeFillingUp kube_persistentvolumeclaim_access_mode, which that list leaves out.
KUBESTATE_KEEP = ("kube_node_spec_unschedulable", "kube_persistentvolumeclaim_access_mode")
NAME = "ama-metrics-settings-configmap"
# The targets and the defaults upstream's ConfigMap gives them.
DEFAULT_TARGETS = (
    ("kubelet", True), ("coredns", False), ("cadvisor", True), ("kubeproxy", False), ("apiserver", False),
    ("kubestate", True), ("nodeexporter", True), ("windowsexporter", False), ("windowskubeproxy", False),
)  # fmt: skip
NAMESPACE = "kube-system"


def metrics_settings() -> dict[str, Any]:
    """The ConfigMap as upstream ships it, with the defaults it documents, and the kube-state-metrics
    keep-list the alert set needs."""
    keep = "|".join(KUBESTATE_KEEP)
    return {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": NAME, "namespace": NAMESPACE, "labels": {"app.kubernetes.io/managed-by": "fleet"}},
        "data": {
            "schema-version": "v1",
            "config-version": "fleet1",
            "prometheus-collector-settings": 'cluster_alias = ""\nhttps_config = true',
            "default-scrape-settings-enabled": "\n".join(f"{t} = {str(on).lower()}" for t, on in DEFAULT_TARGETS),
            "default-targets-metrics-keep-list": f'kubestate = "{keep}"\nminimalingestionprofile = true',
            "debug-mode": "enabled = false",
        },
    }
