"""The vcluster Helm chart as fleet pins it and as far as Pod Security is concerned (pure).

The pin: one chart version for every source (a Helm repository, an OCI registry, a local copy),
because fleet's values (fleet/tenancy/vcluster.py) are written and tested against this version's
templates; tools/build.sh reads ``VERSION`` here and refuses to build another chart.

The model: ``pods(values)`` reproduces the security-relevant part of what the chart's templates
and the running virtual cluster put into the host namespace for given values, and
``admission_problems`` judges it with the restricted level (fleet/core/podsecurity.py), so the
offline review and the policy pack refuse values a cluster would refuse. The end-to-end suite
holds the model against the chart as the Kubernetes provider renders it and the evaluator against
a real API server.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from fleet.core import podsecurity

NAME = "vcluster"
VERSION = "0.36.1"
UPSTREAM_REPOSITORY = "https://charts.loft.sh"

# `helm push` stores a chart under <registry>/<path>/<chart name> (Helm docs, "Use OCI-based
# registries": the chart name becomes the last path segment), so a reference ends in /vcluster; the
# version is given separately, never as a tag or digest on the reference.
OCI_REFERENCE = re.compile(r"^oci://[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?(/[a-z0-9._-]+)*/vcluster$")
HTTPS_REPOSITORY = re.compile(r"^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~%/-]*)?$")
LOCAL_NAMES = (NAME, f"{NAME}-{VERSION}.tgz")


def local_problem(path: str, base: Path) -> str | None:
    """Why the chart at ``path`` (relative to ``base``, the project directory, where the Pulumi
    program and its providers run) cannot be the pinned chart; None when it is."""
    where = PurePosixPath(path)
    if where.name not in LOCAL_NAMES:
        return (
            f"name the chart directory {NAME!r} (or the packaged chart {LOCAL_NAMES[1]!r}), so the policy pack "
            "and reviewers can tell the chart from its path"
        )
    full = base / path
    if where.name.endswith(".tgz"):
        if not full.is_file():
            return f"no packaged chart at {full}"
        return None  # helm package names the archive <name>-<version>.tgz: the name says it all
    chart_file = full / "Chart.yaml"
    if not chart_file.is_file():
        return f"{full} holds no Chart.yaml; point path at the unpacked chart directory"
    try:
        chart = yaml.safe_load(chart_file.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        return f"cannot read {chart_file}: {type(err).__name__}"
    if not isinstance(chart, dict):
        return f"{chart_file} is not a chart description"
    name, version = chart.get("name"), str(chart.get("version"))
    if name != NAME or version != VERSION:
        return (
            f"{chart_file} describes chart {name!r} version {version!r}; fleet pins {NAME} {VERSION} "
            f"(mirror that version: helm pull {NAME} --repo {UPSTREAM_REPOSITORY} --version {VERSION} --untar)"
        )
    return None


POD_SECURITY_STANDARD = "restricted"

# What the vcluster control plane itself takes inside the host namespace's quota, in ResourceQuota
# terms (the control-plane container's limits, its volume, its own objects).
CONTROL_PLANE_SHARE: dict[str, str | int] = {
    "cpu": "1",
    "memory": "2Gi",
    "storage": "5Gi",
    "persistent_volume_claims": 1,
    "pods": 1,
    "services": 2,
    "config_maps": 5,
    "secrets": 10,
}


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
