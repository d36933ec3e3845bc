"""Pod Security Standards, the "restricted" level at its latest version, evaluated on a pod spec (pure).

A faithful copy of the checks the API server runs (k8s.io/pod-security-admission/policy, v0.36:
every check_*.go at its newest VersionedCheck; restricted overrides the baseline capabilities,
seccomp and hostPath checks). Used where no server is at hand: the offline review of a Helm
release whose pods we cannot see until the chart is rendered on a cluster. The end-to-end suite
holds this evaluator against a real API server's verdicts on a corpus of pod specs
(tests/e2e/test_vcluster.py), so a drift from upstream fails a test rather than a deploy.

Pod specs are plain dicts in the API's camelCase shape, as in a manifest.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

# check_restrictedVolumes.go: the only volume sources "restricted" admits.
RESTRICTED_VOLUMES = frozenset(
    {
        "configMap",
        "csi",
        "downwardAPI",
        "emptyDir",
        "ephemeral",
        "image",
        "persistentVolumeClaim",
        "projected",
        "secret",
    }
)
# check_sysctls.go, sysctlsAllowedV1Dot32.
SAFE_SYSCTLS = frozenset(
    {
        "kernel.shm_rmid_forced",
        "net.ipv4.ip_local_port_range",
        "net.ipv4.tcp_syncookies",
        "net.ipv4.ping_group_range",
        "net.ipv4.ip_unprivileged_port_start",
        "net.ipv4.ip_local_reserved_ports",
        "net.ipv4.tcp_keepalive_time",
        "net.ipv4.tcp_fin_timeout",
        "net.ipv4.tcp_keepalive_intvl",
        "net.ipv4.tcp_keepalive_probes",
        "net.ipv4.tcp_rmem",
        "net.ipv4.tcp_wmem",
    }
)
# check_seLinuxOptions.go, selinuxAllowedTypes1_31.
SELINUX_TYPES = frozenset({"", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"})
SECCOMP_TYPES = frozenset({"RuntimeDefault", "Localhost"})
APPARMOR_TYPES = frozenset({"RuntimeDefault", "Localhost"})
APPARMOR_ANNOTATION = "container.apparmor.security.beta.kubernetes.io/"


@dataclass(frozen=True)
class Violation:
    reason: str
    """The upstream check's ForbiddenReason, as the API server prints it ("allowPrivilegeEscalation != false")."""
    detail: str

    def __str__(self) -> str:
        return f"{self.reason} ({self.detail})"


def _containers(spec: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    """Init containers, containers and ephemeral containers, in the order the server visits them."""
    for key in ("initContainers", "containers", "ephemeralContainers"):
        yield from spec.get(key) or ()


def _context(container: Mapping[str, Any]) -> Mapping[str, Any]:
    return container.get("securityContext") or {}


def _quote(names: list[str]) -> str:
    return ", ".join(f'"{n}"' for n in names)


def _names(names: list[str], singular: str = "container") -> str:
    """As the server words it (helpers.go pluralize, joinQuote): container "a", containers "a", "b"."""
    return f"{singular if len(names) == 1 else singular + 's'} {_quote(names)}"


def _volume_sources(volume: Mapping[str, Any]) -> set[str]:
    # A volume that names no source is an emptyDir once the API server applies its defaults
    # (SetDefaults_Volume), and admission sees the defaulted pod.
    return (set(volume) - {"name"}) or {"emptyDir"}


def restricted(spec: Mapping[str, Any], annotations: Mapping[str, str] | None = None) -> list[Violation]:
    """Every reason the restricted level refuses a pod with this spec; empty when it admits it."""
    found: list[Violation] = []
    pod = spec.get("securityContext") or {}
    containers = list(_containers(spec))
    windows = (spec.get("os") or {}).get("name") == "windows"
    user_namespace = spec.get("hostUsers") is False

    def name(container: Mapping[str, Any]) -> str:
        return str(container.get("name", ""))

    def bad(reason: str, test: Any, detail: str) -> None:
        names = [name(c) for c in containers if test(c)]
        if names:
            found.append(Violation(reason, f"{_names(names)} {detail}"))

    # Baseline.
    host_process = ((pod.get("windowsOptions") or {}).get("hostProcess") is True) or any(
        (_context(c).get("windowsOptions") or {}).get("hostProcess") is True for c in containers
    )
    if host_process:
        found.append(
            Violation("hostProcess", "pod or containers must not set securityContext.windowsOptions.hostProcess=true")
        )
    shared = [f"{k}=true" for k in ("hostNetwork", "hostPID", "hostIPC") if spec.get(k) is True]
    if shared:
        found.append(Violation("host namespaces", ", ".join(shared)))
    bad("privileged", lambda c: _context(c).get("privileged") is True, "must not set securityContext.privileged=true")
    # On the host network every port is a host port: the API server defaults hostPort to containerPort
    # before admission (pkg/apis/core/v1/defaults.go, defaultHostNetworkPorts; init containers too).
    host_network = spec.get("hostNetwork") is True
    bad(
        "hostPort",
        lambda c: any(p.get("hostPort") or (host_network and p.get("containerPort")) for p in c.get("ports") or ()),
        "must not use hostPorts",
    )
    bad("probe or lifecycle host", _host_probe_or_lifecycle, "must not set a host in probes or lifecycle handlers")
    if not user_namespace:
        bad("procMount", lambda c: _context(c).get("procMount") not in (None, "Default"), "must not set procMount")
    annotated = [
        k
        for k, v in (annotations or {}).items()
        if k.startswith(APPARMOR_ANNOTATION) and not _apparmor_annotation_ok(v)
    ]
    if _apparmor_bad(pod) or any(_apparmor_bad(_context(c)) for c in containers) or annotated:
        found.append(
            Violation("forbidden AppArmor profile", "AppArmor profile type must be RuntimeDefault or Localhost")
        )
    if _selinux_bad(pod.get("seLinuxOptions")) or any(
        _selinux_bad(_context(c).get("seLinuxOptions")) for c in containers
    ):
        found.append(Violation("seLinuxOptions", "seLinuxOptions may set only an allowed type, and no user or role"))
    sysctls = [str(s.get("name")) for s in pod.get("sysctls") or () if s.get("name") not in SAFE_SYSCTLS]
    if sysctls:
        found.append(Violation("forbidden sysctls", ", ".join(sysctls)))

    # Restricted.
    volumes = [str(v.get("name", "")) for v in spec.get("volumes") or () if not RESTRICTED_VOLUMES & _volume_sources(v)]
    if volumes:
        found.append(Violation("restricted volume types", f"{_names(volumes, 'volume')} use a forbidden volume type"))
    if not windows:
        bad(
            "allowPrivilegeEscalation != false",
            lambda c: _context(c).get("allowPrivilegeEscalation") is not False,
            "must set securityContext.allowPrivilegeEscalation=false",
        )
        bad(
            "unrestricted capabilities",
            _capabilities_bad,
            'must set securityContext.capabilities.drop=["ALL"] and add nothing but "NET_BIND_SERVICE"',
        )
        _seccomp(pod, containers, found)
    if not user_namespace:
        _run_as_non_root(pod, containers, found)
        if pod.get("runAsUser") == 0 or any(_context(c).get("runAsUser") == 0 for c in containers):
            found.append(Violation("runAsUser=0", "pod and containers must not set runAsUser=0"))
    return found


def _host_probe_or_lifecycle(container: Mapping[str, Any]) -> bool:
    handlers = [container.get(k) for k in ("livenessProbe", "readinessProbe", "startupProbe")]
    lifecycle = container.get("lifecycle") or {}
    handlers += [lifecycle.get("postStart"), lifecycle.get("preStop")]
    return any(((h or {}).get(kind) or {}).get("host") for h in handlers for kind in ("httpGet", "tcpSocket"))


def _apparmor_bad(context: Mapping[str, Any]) -> bool:
    profile = context.get("appArmorProfile")
    return profile is not None and profile.get("type") not in APPARMOR_TYPES


def _apparmor_annotation_ok(value: str) -> bool:
    return value in ("", "runtime/default") or value.startswith("localhost/")


def _selinux_bad(options: Mapping[str, Any] | None) -> bool:
    if options is None:
        return False
    return options.get("type", "") not in SELINUX_TYPES or bool(options.get("user")) or bool(options.get("role"))


def _capabilities_bad(container: Mapping[str, Any]) -> bool:
    capabilities = _context(container).get("capabilities")
    if capabilities is None:
        return True
    return "ALL" not in (capabilities.get("drop") or ()) or any(
        c != "NET_BIND_SERVICE" for c in capabilities.get("add") or ()
    )


def _seccomp(pod: Mapping[str, Any], containers: list[Mapping[str, Any]], found: list[Violation]) -> None:
    pod_profile = pod.get("seccompProfile")
    pod_set = pod_profile is not None and pod_profile.get("type") in SECCOMP_TYPES
    explicit = pod_profile is not None and not pod_set
    unset = []
    for container in containers:
        profile = _context(container).get("seccompProfile")
        if profile is not None:
            explicit |= profile.get("type") not in SECCOMP_TYPES
        elif not pod_set:
            unset.append(str(container.get("name", "")))
    if explicit:
        found.append(Violation("seccompProfile", 'seccompProfile.type must be "RuntimeDefault" or "Localhost"'))
    elif unset:
        found.append(
            Violation(
                "seccompProfile",
                f"pod or {_names(unset)} must set securityContext.seccompProfile.type to "
                '"RuntimeDefault" or "Localhost"',
            )
        )


def _run_as_non_root(pod: Mapping[str, Any], containers: list[Mapping[str, Any]], found: list[Violation]) -> None:
    pod_value = pod.get("runAsNonRoot")
    explicit = [str(c.get("name", "")) for c in containers if _context(c).get("runAsNonRoot") is False]
    if pod_value is False or explicit:
        found.append(
            Violation("runAsNonRoot != true", "pod and containers must not set securityContext.runAsNonRoot=false")
        )
        return
    implicit = [str(c.get("name", "")) for c in containers if _context(c).get("runAsNonRoot") is None]
    if implicit and pod_value is not True:
        found.append(
            Violation("runAsNonRoot != true", f"pod or {_names(implicit)} must set securityContext.runAsNonRoot=true")
        )
