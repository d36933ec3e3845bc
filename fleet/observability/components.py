"""The alert set on a cluster fleet does not build, as Prometheus Operator objects."""

from __future__ import annotations

import pulumi
import pulumi_kubernetes as kubernetes

from fleet.observability import rules


class PrometheusRules(pulumi.ComponentResource):
    """fleet's alert set (fleet.core.alerts) as a ``PrometheusRule`` in ``fleet-system``, applied
    through the cluster's Kubernetes provider. The cluster must serve prometheus-operator's
    PrometheusRule CRD; the API server validates the object against it."""

    def __init__(self, name: str, provider: kubernetes.Provider, opts: pulumi.ResourceOptions | None = None):
        super().__init__("fleet:observability:PrometheusRules", name, None, opts)
        child = pulumi.ResourceOptions(parent=self, provider=provider)
        ns = rules.namespace()
        namespace = kubernetes.core.v1.Namespace(f"{name}-ns", metadata=ns["metadata"], opts=child)
        rule = rules.prometheus_rule()
        kubernetes.apiextensions.CustomResource(
            f"{name}-rule",
            api_version=rule["apiVersion"],
            kind=rule["kind"],
            metadata=rule["metadata"],
            spec=rule["spec"],
            opts=pulumi.ResourceOptions.merge(child, pulumi.ResourceOptions(depends_on=[namespace])),
        )
        self.register_outputs({"namespace": rules.NAMESPACE, "rule": rules.RULE_NAME})
