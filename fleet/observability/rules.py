"""The alert set as Prometheus Operator objects, for clusters fleet does not build (pure)."""

from __future__ import annotations

from typing import Any

from fleet.core.alerts import rule_groups

NAMESPACE = "fleet-system"  # reserved: no tenant may take it (fleet.spec.checks.RESERVED_NAMESPACES)
RULE_NAME = "fleet-alerts"
# prometheus-operator's PrometheusRule (monitoring.coreos.com/v1), from its CRD
# example/prometheus-operator-crd/monitoring.coreos.com_prometheusrules.yaml.
API_VERSION = "monitoring.coreos.com/v1"
KIND = "PrometheusRule"
LABELS = {"app.kubernetes.io/managed-by": "fleet", "app.kubernetes.io/part-of": "fleet-alerts"}


def namespace() -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Namespace",
        "metadata": {
            "name": NAMESPACE,
            # Rule objects, and on GKE the kube-state-metrics Deployment, which runs as "restricted" admits.
            "labels": {**LABELS, "pod-security.kubernetes.io/enforce": "restricted"},
        },
    }


def prometheus_rule() -> dict[str, Any]:
    """One PrometheusRule with every group. A Prometheus run by prometheus-operator loads it when its
    ``ruleNamespaceSelector`` and ``ruleSelector`` select this namespace and these labels."""
    return {
        "apiVersion": API_VERSION,
        "kind": KIND,
        "metadata": {"name": RULE_NAME, "namespace": NAMESPACE, "labels": dict(LABELS)},
        "spec": {"groups": rule_groups()},
    }
