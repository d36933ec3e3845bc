"""Values for the upstream vcluster Helm chart, from a tenant of the spec (pure).

The chart runs the tenant's control plane inside a host namespace that has the same guardrails
as a namespace tenant: Pod Security "restricted", quota, limits, default deny. Every pod the
release and the virtual cluster put into that namespace must therefore be admitted by the
restricted level. The chart's defaults are not (values.yaml of chart 0.36.1):

* the control plane's init container ``kubernetes`` (it copies the API server binaries) gets
  ``controlPlane.distro.k8s.securityContext``, empty by default: no allowPrivilegeEscalation=false,
  no dropped capabilities;
* the syncer container defaults to ``runAsUser: 0``;
* CoreDNS, which the virtual cluster deploys and syncs into the host namespace, gets a seccomp
  profile only when ``policies.podSecurityStandard`` is set (pkg/coredns/template.go);
* tenants' own pods are synced to the host as written, so unless the virtual cluster enforces
  restricted too, a pod the host refuses is accepted inside and never runs.

Running the chart on a real API server with the vcluster binary showed two more things the values
schema accepts and a server does not (tests/e2e/test_real_engine.py):

* the control plane's serving certificate names ``<name>`` and ``<name>.<namespace>`` but not the
  ``.svc`` name the exported kubeconfig uses, so the kubeconfig did not verify: the name is added
  (``controlPlane.proxy.extraSANs``);
* the virtual cluster becomes Ready before it writes the kubeconfig Secret, so reading the Secret
  right after the release is installed failed the first ``pulumi up`` (the component no longer reads
  it; fleet/tenancy/components.py).

fleet's own quota and limit range are the host namespace's only ones: the chart's
(``policies.resourceQuota``, ``policies.limitRange``) would repeat them with rules of their own the
spec never asked for (ephemeral-storage quotas and per-container defaults).

fleet.core.vcluster_chart pins the chart and models what it renders from these values; the offline
review and the policy pack judge that model, and the end-to-end suite holds it against a real
API server.
"""

from __future__ import annotations

from typing import Any

from fleet.core import vcluster_chart
from fleet.spec.model import Quota, Tenant, VClusterSettings

KUBECONFIG_SECRET = "vcluster-kubeconfig"
NON_ROOT = 12345
# The image built from the chart's own Go module (cmd/vcluster), which is what the end-to-end suite
# runs; the chart's default, loft-sh/vcluster-pro, adds closed-source modules (values.yaml:
# "If you still want to use the pure OSS build, set the repository to 'loft-sh/vcluster-oss'").
IMAGE_REPOSITORY = "loft-sh/vcluster-oss"
# What the control plane takes inside the host namespace's quota (fleet.core.vcluster_chart).
CONTROL_PLANE = Quota.model_validate(vcluster_chart.CONTROL_PLANE_SHARE)

RESTRICTED_CONTAINER: dict[str, Any] = {
    "allowPrivilegeEscalation": False,
    "runAsNonRoot": True,
    "runAsUser": NON_ROOT,
    "runAsGroup": NON_ROOT,
    "capabilities": {"drop": ["ALL"]},
    "seccompProfile": {"type": "RuntimeDefault"},
}


def values(tenant: Tenant, settings: VClusterSettings | None = None) -> dict[str, Any]:
    settings = settings or VClusterSettings()
    control_plane: dict[str, Any] = {
        "distro": {"k8s": {"securityContext": dict(RESTRICTED_CONTAINER)}},
        "statefulSet": {
            "image": {"repository": IMAGE_REPOSITORY},
            "persistence": {
                "volumeClaim": {"enabled": True, "size": CONTROL_PLANE.storage, "retentionPolicy": "Retain"}
            },
            "resources": {
                "requests": {"cpu": "200m", "memory": "256Mi"},
                "limits": {"cpu": str(CONTROL_PLANE.cpu), "memory": CONTROL_PLANE.memory},
            },
            "security": {
                "podSecurityContext": {
                    "runAsNonRoot": True,
                    "fsGroup": NON_ROOT,
                    "seccompProfile": {"type": "RuntimeDefault"},
                },
                "containerSecurityContext": dict(RESTRICTED_CONTAINER),
            },
        },
    }
    if settings.image_registry:
        control_plane["advanced"] = {"defaultImageRegistry": settings.image_registry}
    control_plane["proxy"] = {"extraSANs": [service_name(tenant)]}
    return {
        "controlPlane": control_plane,
        "policies": {
            "podSecurityStandard": vcluster_chart.POD_SECURITY_STANDARD,
            # fleet's own quota and limit range guard the host namespace (manifests.guardrails).
            "resourceQuota": {"enabled": False},
            "limitRange": {"enabled": False},
            "networkPolicy": {
                "enabled": True,
                "workload": {"publicEgress": {"enabled": tenant.network.allow_internet_egress}},
            },
        },
        "exportKubeConfig": {
            "additionalSecrets": [
                {
                    "name": KUBECONFIG_SECRET,
                    "namespace": tenant.name,
                    "server": f"https://{tenant.name}.{tenant.name}.svc:443",
                    "context": tenant.name,
                }
            ]
        },
        "telemetry": {"enabled": False},
    }


def service_name(tenant: Tenant) -> str:
    """The control plane's Service as clusters resolve it: the server of the exported kubeconfig."""
    return f"{tenant.name}.{tenant.name}.svc"


def access(tenant: Tenant) -> dict[str, str]:
    """Where the virtual cluster writes its admin kubeconfig for the tenant (``exportKubeConfig``): a
    Secret ``name`` in ``namespace`` of the host, its data ``field``, for the ``server`` inside the host."""
    return {
        "namespace": tenant.name,
        "name": KUBECONFIG_SECRET,
        "field": "config",
        "server": f"https://{service_name(tenant)}:443",
    }


def release_args(settings: VClusterSettings) -> dict[str, Any]:
    """How ``kubernetes.helm.v3.Release`` names the chart for each source. A local chart is used as
    it is (Helm ignores a version for a path); fleet's spec checks read its Chart.yaml instead."""
    source = settings.chart
    if source.oci is not None:
        return {"chart": source.oci, "version": vcluster_chart.VERSION}
    if source.path is not None:
        return {"chart": source.path}
    return {
        "chart": vcluster_chart.NAME,
        "version": vcluster_chart.VERSION,
        "repository_opts": {"repo": source.repository},
    }
