"""What each cluster has, what placement gave out, and what tenants use, read from the API server.

Placement trusts a cluster's declared ``capacity`` and adds up the quotas it places there
(fleet.core.placement); the server knows the rest: the nodes' allocatable CPU and memory, each
tenant namespace's ResourceQuota ``status.used`` (the requests its pods hold), and what every other
pod requests (system add-ons, and on a shared cluster workloads fleet does not know of). Set side by
side, a cluster that is fuller in use than the model says, or whose quotas exceed its nodes, is
flagged; `fleet review --live-capacity` places tenants with these numbers (fleet.review.live).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from fleet.clusters import reachability
from fleet.core import quantity
from fleet.spec import Fleet
from fleet.status.reader import Get, plugin_get
from fleet.tenancy.manifests import QUOTA

DEFAULT_THRESHOLD = 0.8  # of declared capacity in use: above it, a cluster is flagged


@dataclass(frozen=True)
class Pair:
    """CPU in millicores and memory in bytes."""

    cpu: int
    memory: int

    def __add__(self, other: Pair) -> Pair:
        return Pair(self.cpu + other.cpu, self.memory + other.memory)

    def less(self, other: Pair) -> Pair:
        """What is left after ``other``, never below zero."""
        return Pair(max(self.cpu - other.cpu, 0), max(self.memory - other.memory, 0))

    def larger(self, other: Pair) -> Pair:
        """The larger CPU and the larger memory of the two."""
        return Pair(max(self.cpu, other.cpu), max(self.memory, other.memory))

    def smaller(self, other: Pair) -> Pair:
        """The smaller CPU and the smaller memory of the two."""
        return Pair(min(self.cpu, other.cpu), min(self.memory, other.memory))

    def share_of(self, whole: Pair) -> float:
        """The larger of the two fractions."""
        return max(self.cpu / whole.cpu if whole.cpu else 0.0, self.memory / whole.memory if whole.memory else 0.0)

    def describe(self) -> str:
        memory = f"{self.memory / 2**30:.4g}Gi" if self.memory >= 2**30 else f"{self.memory / 2**20:.4g}Mi"
        return f"{self.cpu / 1000:g} cpu, {memory}"


ZERO = Pair(0, 0)


def _pair(values: Mapping[str, Any], cpu: str, memory: str) -> Pair:
    return Pair(quantity.millicores(values.get(cpu) or 0), quantity.bytes_(values.get(memory) or 0))


@dataclass(frozen=True)
class TenantUse:
    tenant: str
    hard: Pair  # the quota's requests.cpu and requests.memory, as the server holds them
    used: Pair  # what its pods request now
    unread: str = ""


@dataclass(frozen=True)
class ClusterCapacity:
    cluster: str
    declared: Pair  # the spec's capacity
    assigned: Pair  # what placement put there (quota requests of its tenants)
    allocatable: Pair | None  # its nodes'; None when not read
    tenants: tuple[TenantUse, ...] = ()
    others: Pair | None = None  # requests of pods outside its tenants' namespaces; None when not read
    unread: str = ""
    findings: tuple[str, ...] = field(default=())

    @property
    def room(self) -> Pair | None:
        """What the nodes hold for tenants now: allocatable less the other pods' requests."""
        return None if self.allocatable is None else self.allocatable.less(self.others or ZERO)

    @property
    def used(self) -> Pair:
        total = ZERO
        for t in self.tenants:
            total = total + t.used
        return total


def _container_requests(container: Mapping[str, Any]) -> Pair:
    requests = (container.get("resources") or {}).get("requests") or {}
    return _pair(requests, "cpu", "memory")


def pod_requests(pod: Mapping[str, Any]) -> Pair:
    """What the scheduler reserves for a pod, per Kubernetes' "Resource Management for Pods and
    Containers" and "Sidecar Containers": the larger of the app containers' sum (sidecars, init
    containers with ``restartPolicy: Always``, run beside them and count in it) and each ordinary
    init container's request plus the sidecars started before it; plus the pod's ``overhead``."""
    spec = pod.get("spec") or {}
    sidecars = ZERO
    peak = ZERO
    for init in spec.get("initContainers") or []:
        own = _container_requests(init)
        if init.get("restartPolicy") == "Always":
            sidecars = sidecars + own
        else:
            peak = peak.larger(sidecars + own)
    running = sidecars
    for container in spec.get("containers") or []:
        running = running + _container_requests(container)
    return peak.larger(running) + _pair(spec.get("overhead") or {}, "cpu", "memory")


# Pods that hold no resources any more (the scheduler and the quota controller skip them too).
LIVE_PODS = "/api/v1/pods?fieldSelector=status.phase!%3DSucceeded,status.phase!%3DFailed"


def _others(pods: Mapping[str, Any], tenants: set[str]) -> Pair:
    total = ZERO
    for pod in pods.get("items") or []:
        if (pod.get("metadata") or {}).get("namespace") not in tenants:
            total = total + pod_requests(pod)
    return total


def _findings(c: ClusterCapacity, threshold: float) -> tuple[str, ...]:
    out = []
    share = c.used.share_of(c.declared)
    if share > threshold:
        out.append(
            f"tenants' pods request {c.used.describe()}, {share:.0%} of its declared capacity "
            f"({c.declared.describe()}; flagged above {threshold:.0%})"
        )
    room = c.room
    if c.allocatable is not None and room is not None and c.assigned.less(room) != ZERO:
        others = f" less {c.others.describe()} other pods request" if c.others and c.others != ZERO else ""
        out.append(
            f"placement gave out {c.assigned.describe()} of quota, more than its nodes' allocatable "
            f"{c.allocatable.describe()}{others}: lower capacity in the spec, or add nodes"
        )
    for t in c.tenants:
        if t.unread:
            out.append(f"tenant {t.tenant}: its quota could not be read ({t.unread})")
        elif t.hard.cpu and t.used.share_of(t.hard) >= 1:
            out.append(f"tenant {t.tenant} uses all of its quota ({t.used.describe()} of {t.hard.describe()})")
    return tuple(out)


def capacities(
    fleet: Fleet,
    kubeconfigs: Mapping[str, str],
    threshold: float = DEFAULT_THRESHOLD,
    get: Get = plugin_get,
) -> list[ClusterCapacity]:
    found = []
    for cluster in fleet.deployed_clusters:
        declared = Pair(cluster.capacity.millicores, cluster.capacity.memory_bytes)
        cpu, memory = fleet.placement.used.get(cluster.name, (0, 0))
        base = ClusterCapacity(cluster.name, declared, Pair(cpu, memory), None)
        kubeconfig = kubeconfigs.get(cluster.name)
        if kubeconfig is None:
            found.append(replace(base, unread="no kubeconfig"))
            continue
        try:
            nodes = get(kubeconfig, "/api/v1/nodes")
        except reachability.ReadError as err:
            found.append(replace(base, unread=str(err)))
            continue
        allocatable = ZERO
        for node in nodes.get("items") or []:
            allocatable = allocatable + _pair((node.get("status") or {}).get("allocatable") or {}, "cpu", "memory")
        tenants = []
        for tenant in fleet.tenants_on(cluster.name):
            try:
                quota = get(kubeconfig, f"/api/v1/namespaces/{tenant.name}/resourcequotas/{QUOTA}")
            except reachability.ReadError as err:
                tenants.append(TenantUse(tenant.name, ZERO, ZERO, unread=str(err)))
                continue
            status = quota.get("status") or {}
            tenants.append(
                TenantUse(
                    tenant.name,
                    _pair(status.get("hard") or {}, "requests.cpu", "requests.memory"),
                    _pair(status.get("used") or {}, "requests.cpu", "requests.memory"),
                )
            )
        try:
            others: Pair | None = _others(get(kubeconfig, LIVE_PODS), {t.tenant for t in tenants})
        except reachability.ReadError:
            others = None  # the quotas say what tenants use; only the others' share is unknown
        read = replace(base, allocatable=allocatable, tenants=tuple(tenants), others=others)
        found.append(replace(read, findings=_findings(read, threshold)))
    return found
