"""Values for the upstream vcluster Helm chart, and the pods they make it render (pure).

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

``pods(values)`` reproduces the security-relevant part of what the chart and the syncer render
for given values, and ``admission_problems`` judges it with the restricted level
(fleet/tenancy/podsecurity.py), so the offline review and the policy pack refuse values a cluster
would refuse. The end-to-end suite compares both with what a real API server admits.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from fleet.spec.model import Quota, Tenant, VClusterSettings
from fleet.tenancy import chart, podsecurity

KUBECONFIG_SECRET = "vcluster-kubeconfig"
NON_ROOT = 12345
# The image built from the chart's own Go module (cmd/vcluster), which is what the end-to-end suite
# runs; the chart's default, loft-sh/vcluster-pro, adds closed-source modules (values.yaml:
# "If you still want to use the pure OSS build, set the repository to 'loft-sh/vcluster-oss'").
IMAGE_REPOSITORY = "loft-sh/vcluster-oss"
POD_SECURITY_STANDARD = "restricted"

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
            "podSecurityStandard": POD_SECURITY_STANDARD,
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
        return {"chart": source.oci, "version": chart.VERSION}
    if source.path is not None:
        return {"chart": source.path}
    return {"chart": chart.NAME, "version": chart.VERSION, "repository_opts": {"repo": source.repository}}


# ---- What chart 0.36.1 renders, as far as Pod Security is concerned ----

# The chart's defaults for the keys read below (chart/values.yaml).
_DEFAULTS: dict[str, Any] = {
    "controlPlane": {
        "distro": {"k8s": {"securityContext": {}}},
        "statefulSet": {
            "security": {
                "podSecurityContext": {},
                "containerSecurityContext": {"allowPrivilegeEscalation": False, "runAsUser": 0, "runAsGroup": 0},
            },
            "persistence": {
                "addVolumes": [],
                "dataVolume": [],
                "binariesVolume": [{"name": "binaries", "emptyDir": {}}],
            },
            "initContainers": [],
            "sidecarContainers": [],
        },
        "advanced": {"kubeVip": {"enabled": False}},
        "backingStore": {
            "etcd": {
                "deploy": {
                    "enabled": False,
                    "statefulSet": {"security": {"podSecurityContext": {}, "containerSecurityContext": {}}},
                }
            }
        },
        "coredns": {
            "enabled": True,
            "embedded": False,
            "security": {"podSecurityContext": {}, "containerSecurityContext": {}},
        },
    },
    "policies": {"podSecurityStandard": ""},
    "plugin": {},
    "plugins": {},
    "experimental": {"syncSettings": {"disableSync": False}},
}


def _coredns_container(uid: Any, gid: Any) -> dict[str, Any]:
    """pkg/coredns/template.go: the container's securityContext when values give none; the IDs are
    the syncer's own (coredns.GetUserID/GetGroupID), 1001 when it runs as root."""
    return {
        "runAsNonRoot": True,
        "runAsUser": uid or 1001,
        "runAsGroup": gid or 1001,
        "allowPrivilegeEscalation": False,
        "capabilities": {"add": ["NET_BIND_SERVICE"], "drop": ["ALL"]},
        "readOnlyRootFilesystem": True,
    }


def _merge(base: Any, override: Any) -> Any:
    """Helm's coalescing of user values over chart defaults: maps merge key by key, anything else
    (lists included) is replaced."""
    if isinstance(base, Mapping) and isinstance(override, Mapping):
        merged = dict(base)
        for key, value in override.items():
            merged[key] = _merge(base.get(key), value) if key in base else copy.deepcopy(value)
        return merged
    return copy.deepcopy(override)


def _get(tree: Mapping[str, Any], *keys: str) -> Any:
    for key in keys:
        tree = tree.get(key) if isinstance(tree, Mapping) else None  # type: ignore[assignment]
    return tree


def pods(release_values: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The pod specs (security-relevant fields only) that the chart and the running virtual
    cluster put into the host namespace, by the name of what owns them."""
    v = _merge(_DEFAULTS, release_values)
    cp = v["controlPlane"]
    sts = cp["statefulSet"]
    container_context = dict(sts["security"]["containerSecurityContext"] or {})
    if _get(cp, "advanced", "kubeVip", "enabled"):
        # statefulset.yaml adds these capabilities for kube-vip.
        capabilities = dict(container_context.get("capabilities") or {})
        capabilities["add"] = [*dict.fromkeys([*(capabilities.get("add") or []), "NET_ADMIN", "NET_RAW"])]
        container_context["capabilities"] = capabilities
    volumes = [
        {"name": "helm-cache", "emptyDir": {}},
        *(sts["persistence"]["binariesVolume"] or []),
        {"name": "tmp", "emptyDir": {}},
        {"name": "certs", "emptyDir": {}},
        {"name": "vcluster-config", "secret": {}},
        *(sts["persistence"]["dataVolume"] or []),
        *(sts["persistence"]["addVolumes"] or []),
    ]
    init = (
        []
        if _get(v, "experimental", "syncSettings", "disableSync")
        else [
            {"name": "kubernetes", "securityContext": cp["distro"]["k8s"]["securityContext"] or None},
            *(sts["initContainers"] or []),
        ]
    )
    found: dict[str, dict[str, Any]] = {
        "control plane": {
            "securityContext": sts["security"]["podSecurityContext"] or None,
            "initContainers": init,
            "containers": [
                {"name": "syncer", "securityContext": container_context or None},
                *(sts["sidecarContainers"] or []),
            ],
            "volumes": volumes,
        }
    }
    etcd = _get(cp, "backingStore", "etcd", "deploy")
    if etcd.get("enabled"):
        security = _get(etcd, "statefulSet", "security") or {}
        found["etcd"] = {
            "securityContext": security.get("podSecurityContext") or None,
            "containers": [{"name": "etcd", "securityContext": security.get("containerSecurityContext") or None}],
        }
    coredns = cp["coredns"]
    if coredns.get("enabled") and not coredns.get("embedded"):
        pod_context = coredns["security"].get("podSecurityContext") or (
            {"seccompProfile": {"type": "RuntimeDefault"}} if v["policies"].get("podSecurityStandard") else None
        )
        found["coredns"] = {
            "securityContext": pod_context,
            "containers": [
                {
                    "name": "coredns",
                    "securityContext": coredns["security"].get("containerSecurityContext")
                    or _coredns_container(container_context.get("runAsUser"), container_context.get("runAsGroup")),
                }
            ],
        }
    return found


def admission_problems(release_values: Mapping[str, Any]) -> list[str]:
    """Why a host namespace at Pod Security "restricted" would refuse what these values deploy;
    empty when every pod is admitted. Values fleet does not model (plugins) are refused, not guessed."""
    problems = []
    v = _merge(_DEFAULTS, release_values)
    if v.get("plugin") or v.get("plugins"):
        problems.append(
            "plugins: fleet cannot judge plugin containers offline; run the virtual cluster without plugins"
        )
    for owner, spec in pods(release_values).items():
        for violation in podsecurity.restricted(spec):
            problems.append(f"{owner} pod: {violation}")
    if v["policies"].get("podSecurityStandard") != POD_SECURITY_STANDARD:
        problems.append(
            "policies.podSecurityStandard must be 'restricted': tenants' pods are synced into a restricted host "
            "namespace, and a pod the virtual cluster accepts but the host refuses never runs"
        )
    return problems
