"""Clusters fleet does not build (on premises, or made elsewhere): tenants are placed on them through
their kubeconfig, and their country is what the spec declares."""

from __future__ import annotations

from fleet.core.kinds.base import Kind

KIND = Kind(
    name="existing",
    title="existing cluster",
    located_by="declared",
    component_type="fleet:clusters:ExistingCluster",
    # Whoever runs it, its minor is supported by the Kubernetes project's own patch releases only
    # as long as upstream supports it (fleet.core.calendar).
    kubernetes_service="upstream",
)
