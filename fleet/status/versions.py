"""Each cluster's Kubernetes minor as its API server reports it, judged by the support calendar.

The spec's ``kubernetesVersion`` is what fleet builds (or, for an existing cluster, what its owner
says it runs); the server's ``GET /version`` is what runs. Both are set beside the calendar of the
cluster's service (fleet.core.calendar; ``upstream`` for existing clusters) at the day asked: a
server that runs another minor than the spec says, or a minor past its end of support, is flagged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import yaml

from fleet.clusters import reachability
from fleet.core import calendar
from fleet.spec.model import ClusterCommon
from fleet.status.reader import Get, plugin_get


@dataclass(frozen=True)
class LiveVersion:
    cluster: str
    cloud: str
    declared: str
    runs: str | None  # None: not read (no kubeconfig, unreachable, or no answer)
    unread: str  # why the running minor could not be read; "" when it was
    phase: str  # of the minor that runs (or the declared one when unread): standard, ending, past, unknown
    end_of_standard: str
    days_left: int | None
    at_end: str
    nodes: dict[str, int] = field(default_factory=dict)  # kubelet minor -> nodes running it
    node_findings: tuple[str, ...] = ()

    @property
    def mismatch(self) -> bool:
        return self.runs is not None and self.runs != self.declared

    @property
    def flagged(self) -> bool:
        return (
            bool(self.unread)
            or self.mismatch
            or bool(self.node_findings)
            or self.phase in ("ending", "past", "unknown")
        )

    def findings(self) -> list[str]:
        out = []
        if self.unread:
            out.append(f"its version could not be read: {self.unread}")
        if self.mismatch:
            said = f"its API server runs {self.runs}, but kubernetesVersion says {self.declared}"
            if calendar.judged_upstream(self.cloud):  # fleet does not build it: the spec follows the server
                out.append(f'{said}: set kubernetesVersion: "{self.runs}" (tenants\' Pod Security is pinned to it)')
            else:
                out.append(f"{said}: an upgrade is under way, or it was changed outside fleet")
        if self.phase == "unknown":
            out.append(f"the support calendar has no row for {self.runs} on this cloud")
        elif self.phase in ("ending", "past"):
            minor = self.runs or self.declared
            when = "left" if self.phase == "past" else "leaves"
            days = "" if self.phase == "past" else f", in {self.days_left} days"
            out.append(f"{minor} {when} its support on {self.end_of_standard}{days}: {self.at_end}")
        return [*out, *self.node_findings]


Probe = Callable[[str], str | None]
NodesProbe = Callable[[str], dict[str, int]]


def _running_minor(kubeconfig: str) -> str | None:
    return reachability.running_minor(kubeconfig, run_plugin=True)


def node_minors(kubeconfig: str, get: Get = plugin_get) -> dict[str, int]:
    """kubelet minor -> how many nodes report it (``status.nodeInfo.kubeletVersion``)."""
    listed = get(kubeconfig, "/api/v1/nodes")
    counts: dict[str, int] = {}
    for node in listed.get("items") or [] if isinstance(listed, dict) else []:
        version = ((node.get("status") or {}).get("nodeInfo") or {}).get("kubeletVersion", "")
        minor = reachability.minor_of(str(version)) or f"unreadable ({version or 'none'})"
        counts[minor] = counts.get(minor, 0) + 1
    return counts


def live_versions(
    clusters: tuple[ClusterCommon, ...],
    kubeconfigs: Mapping[str, str],
    missing: Mapping[str, str],
    as_of: dt.date,
    probe: Probe = _running_minor,
    nodes_probe: NodesProbe = node_minors,
) -> list[LiveVersion]:
    found = []
    for cluster in clusters:
        kubeconfig = kubeconfigs.get(cluster.name)
        runs, unread = None, missing.get(cluster.name, "")
        if kubeconfig is not None:
            try:
                why = reachability.unreachable_reason(kubeconfig)
            except (ValueError, AttributeError, yaml.YAMLError) as err:  # not a kubeconfig
                why = f"its kubeconfig {err}"
            if why is not None:
                unread = f"its API server does not answer ({why})"
            else:
                runs = probe(kubeconfig)
                unread = "" if runs else "GET /version gave no Kubernetes version"
        nodes: dict[str, int] = {}
        node_findings: list[str] = []
        if kubeconfig is not None and runs:
            try:
                nodes = nodes_probe(kubeconfig)
            except reachability.ReadError as err:
                node_findings.append(f"its nodes could not be listed: {err}")
            readable = {m: n for m, n in nodes.items() if not m.startswith("unreadable")}
            node_findings += calendar.node_problems(cluster.cloud, runs, readable)
            node_findings += [f"{n} node(s) report a kubelet version that is not one: {m}" for m, n in nodes.items()
                              if m.startswith("unreadable")]  # fmt: skip
        minor = runs or cluster.kubernetes_version
        support = calendar.support(cluster.cloud, minor, as_of)
        found.append(
            LiveVersion(
                cluster=cluster.name,
                cloud=cluster.cloud,
                declared=cluster.kubernetes_version,
                runs=runs,
                unread=unread,
                phase=support.phase if support else "unknown",
                end_of_standard=support.row.end_of_standard.isoformat() if support else "",
                days_left=support.days_left if support else None,
                at_end=support.at_end if support else "",
                nodes=nodes,
                node_findings=tuple(node_findings),
            )
        )
    return found
