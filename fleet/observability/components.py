"""The alert set on a cluster, as the custom resources its collector reads: Prometheus Operator's on
clusters fleet does not build, managed collection's on GKE."""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi_kubernetes as kubernetes

from fleet.observability import gke, rules


def _custom(
    name: str, manifest: dict[str, Any], opts: pulumi.ResourceOptions
) -> kubernetes.apiextensions.CustomResource:
    return kubernetes.apiextensions.CustomResource(
        name,
        api_version=manifest["apiVersion"],
        kind=manifest["kind"],
        metadata=manifest["metadata"],
        spec=manifest["spec"],
        opts=opts,
    )


class PrometheusRules(pulumi.ComponentResource):
    """fleet's alert set (fleet.core.alerts) as a ``PrometheusRule`` in ``fleet-system``, applied
    through the cluster's Kubernetes provider. The cluster must serve prometheus-operator's
    PrometheusRule CRD; the API server validates the object against it."""

    def __init__(self, name: str, provider: kubernetes.Provider, opts: pulumi.ResourceOptions | None = None):
        super().__init__("fleet:observability:PrometheusRules", name, None, opts)
        child = pulumi.ResourceOptions(parent=self, provider=provider)
        ns = rules.namespace()
        namespace = kubernetes.core.v1.Namespace(f"{name}-ns", metadata=ns["metadata"], opts=child)
        inside = pulumi.ResourceOptions.merge(child, pulumi.ResourceOptions(depends_on=[namespace]))
        _custom(f"{name}-rule", rules.prometheus_rule(), inside)
        self.register_outputs({"namespace": rules.NAMESPACE, "rule": rules.RULE_NAME})


class GkeMetrics(pulumi.ComponentResource):
    """What managed collection needs on a GKE cluster for fleet's alert set (fleet.observability.gke):
    kube-state-metrics in ``fleet-system``, the ClusterPodMonitoring and ClusterNodeMonitoring that
    scrape it and the kubelets, and the alert set as ClusterRules. The monitoring.googleapis.com
    CRDs are GKE's, served once managed collection is on (the cluster's monitoring_config)."""

    def __init__(self, name: str, provider: kubernetes.Provider, opts: pulumi.ResourceOptions | None = None):
        super().__init__("fleet:observability:GkeMetrics", name, None, opts)
        child = pulumi.ResourceOptions(parent=self, provider=provider)
        namespace = kubernetes.core.v1.Namespace(f"{name}-ns", metadata=rules.namespace()["metadata"], opts=child)
        inside = pulumi.ResourceOptions.merge(child, pulumi.ResourceOptions(depends_on=[namespace]))
        account, role, binding, deployment = gke.kube_state_metrics()
        kubernetes.core.v1.ServiceAccount(f"{name}-ksm-sa", metadata=account["metadata"], opts=inside)
        kubernetes.rbac.v1.ClusterRole(f"{name}-ksm-role", metadata=role["metadata"], rules=role["rules"], opts=child)
        kubernetes.rbac.v1.ClusterRoleBinding(
            f"{name}-ksm-binding",
            metadata=binding["metadata"],
            role_ref=binding["roleRef"],
            subjects=binding["subjects"],
            opts=child,
        )
        kubernetes.apps.v1.Deployment(
            f"{name}-ksm", metadata=deployment["metadata"], spec=deployment["spec"], opts=inside
        )
        for manifest in [*gke.monitorings(), gke.cluster_rules()]:
            _custom(f"{name}-{manifest['kind'].lower()}-{manifest['metadata']['name']}", manifest, child)
        self.register_outputs({"namespace": rules.NAMESPACE})
