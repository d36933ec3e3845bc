"""Values for the upstream vcluster Helm chart (pure).

The chart runs the tenant's control plane inside a host namespace that has the same
guardrails as a namespace tenant. Its own isolation (policies.resourceQuota, limitRange,
networkPolicy) is switched on with the same numbers, and the control plane runs as non-root so
the host namespace can enforce Pod Security "restricted".
"""

from __future__ import annotations

from typing import Any

from fleet.spec.model import Quota, Tenant
from fleet.tenancy.manifests import quota_hard

CHART = "vcluster"
CHART_REPO = "https://charts.loft.sh"
CHART_VERSION = "0.36.1"
KUBECONFIG_SECRET = "vcluster-kubeconfig"
NON_ROOT = 12345

# What the vcluster control plane itself takes inside the host namespace's quota.
CONTROL_PLANE = Quota(
    cpu="1",
    memory="2Gi",
    storage="5Gi",
    persistent_volume_claims=1,
    pods=1,
    services=2,
    config_maps=5,
    secrets=10,
)


def values(tenant: Tenant) -> dict[str, Any]:
    hard = quota_hard(tenant.quota, CONTROL_PLANE)
    limits = tenant.limits
    return {
        "controlPlane": {
            "statefulSet": {
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
                    "containerSecurityContext": {
                        "allowPrivilegeEscalation": False,
                        "runAsNonRoot": True,
                        "runAsUser": NON_ROOT,
                        "runAsGroup": NON_ROOT,
                        "capabilities": {"drop": ["ALL"]},
                        "seccompProfile": {"type": "RuntimeDefault"},
                    },
                },
            }
        },
        "policies": {
            "resourceQuota": {
                "enabled": True,
                "quota": {
                    "requests.cpu": hard["requests.cpu"],
                    "requests.memory": hard["requests.memory"],
                    "limits.cpu": hard["limits.cpu"],
                    "limits.memory": hard["limits.memory"],
                    "requests.storage": hard["requests.storage"],
                    "services.nodeports": int(hard["services.nodeports"]),
                    "services.loadbalancers": int(hard["services.loadbalancers"]),
                    "count/pods": int(hard["pods"]),
                    "count/services": int(hard["services"]),
                    "count/secrets": int(hard["secrets"]),
                    "count/configmaps": int(hard["configmaps"]),
                    "count/persistentvolumeclaims": int(hard["persistentvolumeclaims"]),
                },
            },
            "limitRange": {
                "enabled": True,
                "default": {"cpu": str(limits.default_cpu), "memory": limits.default_memory},
                "defaultRequest": {"cpu": str(limits.default_request_cpu), "memory": limits.default_request_memory},
                "max": {"cpu": str(limits.max_cpu), "memory": limits.max_memory},
            },
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
