"""`fleet status`'s capacity: declared, placed, allocatable and used, set side by side (the e2e suite
reads a real server's quota controller)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from fleet.clusters.reachability import ReadError
from fleet.spec.load import load
from fleet.status.capacity import LIVE_PODS, Pair, capacities, pod_requests

SPEC = yaml.safe_load((Path(__file__).parents[1] / "e2e" / "spec.yaml").read_text())
FLEET = load({k: v for k, v in SPEC.items() if k != "vcluster"})


def _pod(namespace: str, cpu: str, memory: str = "1Gi") -> dict[str, Any]:
    requests = {"requests": {"cpu": cpu, "memory": memory}}
    return {"metadata": {"namespace": namespace}, "spec": {"containers": [{"resources": requests}]}}


# kube-system's add-ons and a team's deployment fleet does not know of, beside a tenant's own pod
# (which its quota already counts).
PODS = [_pod("kube-system", "1500m"), _pod("analytics", "4"), _pod("payments", "1")]


def server(cpu_used: str, *, nodes: int = 2, fail: str = "", pods: list[dict[str, Any]] | None = None) -> Any:
    def get(kubeconfig: str, path: str) -> Any:
        if path == LIVE_PODS:
            if pods is None:
                raise ReadError(f"GET {path} answered 403 Forbidden")
            return {"items": pods}
        if path == "/api/v1/nodes":
            return {"items": [{"status": {"allocatable": {"cpu": "8", "memory": "32Gi"}}} for _ in range(nodes)]}
        tenant = path.split("/")[4]
        if tenant == fail:
            raise ReadError(f"GET {path} answered 403 Forbidden")
        return {"status": {"hard": {"requests.cpu": "2", "requests.memory": "2Gi"},
                           "used": {"requests.cpu": cpu_used, "requests.memory": "512Mi"}}}  # fmt: skip

    return get


def test_each_cluster_shows_declared_placed_allocatable_and_used() -> None:
    found = {c.cluster: c for c in capacities(FLEET, {"onprem-fra": "k", "onprem-nyc": "k"}, get=server("500m"))}
    fra = found["onprem-fra"]
    assert fra.declared == Pair(16000, 64 * 2**30)
    assert fra.assigned == Pair(*FLEET.placement.used["onprem-fra"])
    assert fra.allocatable == Pair(16000, 64 * 2**30)
    tenants = FLEET.tenants_on("onprem-fra")
    assert [t.tenant for t in fra.tenants] == [t.name for t in tenants]
    assert fra.used == Pair(500 * len(tenants), 512 * 2**20 * len(tenants))
    assert fra.findings == ()


def test_a_full_cluster_a_full_quota_and_too_few_nodes_are_flagged() -> None:
    [fra] = [c for c in capacities(FLEET, {"onprem-fra": "k"}, threshold=0.05, get=server("2", nodes=0))
             if c.cluster == "onprem-fra"]  # fmt: skip
    assert any("of its declared capacity (16 cpu, 64Gi; flagged above 5%)" in f for f in fra.findings), fra.findings
    assert any("more than its nodes' allocatable 0 cpu, 0Mi" in f for f in fra.findings), fra.findings
    assert any(f.startswith("tenant payments uses all of its quota") for f in fra.findings), fra.findings


def test_a_quota_that_cannot_be_read_is_said_and_a_cluster_without_kubeconfig_is_unread() -> None:
    found = {c.cluster: c for c in capacities(FLEET, {"onprem-fra": "k"}, get=server("0", fail="payments"))}
    assert (
        "tenant payments: its quota could not be read (GET /api/v1/namespaces/payments/resourcequotas/"
        "tenant-quota answered 403 Forbidden)" in found["onprem-fra"].findings
    )
    assert found["onprem-nyc"].unread == "no kubeconfig" and found["onprem-nyc"].findings == ()


def test_other_pods_requests_are_counted_and_lower_the_room_for_tenants() -> None:
    found = {c.cluster: c for c in capacities(FLEET, {"onprem-fra": "k"}, get=server("0", pods=PODS))}
    fra = found["onprem-fra"]
    assert fra.others == Pair(5500, 2 * 2**30)  # payments' pod is the quota's to count, not here
    assert fra.room == Pair(16000 - 5500, 62 * 2**30)
    placed = Pair(*FLEET.placement.used["onprem-fra"])
    assert (placed.cpu > fra.room.cpu) == any("other pods request" in f for f in fra.findings)


def test_other_pods_unread_leave_the_room_at_the_nodes_allocatable() -> None:
    fra = next(c for c in capacities(FLEET, {"onprem-fra": "k"}, get=server("0")) if c.cluster == "onprem-fra")
    assert fra.others is None and fra.room == fra.allocatable


def test_a_pods_request_is_what_the_scheduler_reserves() -> None:
    def container(cpu: str, memory: str, **extra: Any) -> dict[str, Any]:
        return {"resources": {"requests": {"cpu": cpu, "memory": memory}}, **extra}

    # An init container larger than the app containers sets the request while it runs.
    assert pod_requests({"spec": {"initContainers": [container("2", "1Gi")],
                                  "containers": [container("500m", "2Gi"), container("500m", "0")]}}) == Pair(
        2000, 2 * 2**30)  # fmt: skip
    # A sidecar (restartPolicy Always) runs beside the app containers and beside later init containers.
    sidecar = container("250m", "256Mi", restartPolicy="Always")
    assert pod_requests({"spec": {"initContainers": [sidecar, container("1", "128Mi")],
                                  "containers": [container("500m", "512Mi")]}}) == Pair(1250, 768 * 2**20)  # fmt: skip
    # RuntimeClass overhead is added on top.
    assert pod_requests({"spec": {"containers": [container("1", "1Gi")], "overhead": {"cpu": "250m"}}}) == Pair(
        1250, 2**30
    )
    assert pod_requests({"spec": {"containers": [{"name": "no-requests"}]}}) == Pair(0, 0)
