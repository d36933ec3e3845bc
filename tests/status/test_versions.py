"""`fleet status`'s judgement of what each server runs (the e2e suite reads real servers)."""

from __future__ import annotations

import datetime as dt
import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from fleet.core import calendar
from fleet.spec.model import ExistingCluster
from fleet.status.versions import live_versions

TODAY = dt.date(2026, 12, 6)


def cluster(name: str, minor: str) -> ExistingCluster:
    return ExistingCluster.model_validate(
        {"name": name, "kubernetesVersion": minor, "country": "DE", "kubeconfigSecret": f"fleet:{name}",
         "capacity": {"cpu": 8, "memory": "32Gi"}}
    )  # fmt: skip


def kubeconfig(server: str) -> str:
    return (
        "apiVersion: v1\nkind: Config\ncurrent-context: c\n"
        f"clusters: [{{name: c, cluster: {{server: '{server}'}}}}]\n"
        "contexts: [{name: c, context: {cluster: c, user: u}}]\nusers: [{name: u, user: {token: t}}]\n"
    )


@pytest.fixture
def server() -> Iterator[str]:
    """A plain-HTTP stand-in that answers GET /version as kube-apiserver does (gitVersion)."""

    class Version(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = json.dumps({"major": "1", "minor": "36", "gitVersion": "v1.36.2"}).encode()
            self.send_response(200 if self.path == "/version" else 404)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = HTTPServer(("127.0.0.1", 0), Version)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"  # running_minor is judged on real servers in e2e
    httpd.shutdown()
    httpd.server_close()


def closed_port() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"https://127.0.0.1:{s.getsockname()[1]}"


def test_what_runs_is_judged_and_a_spec_that_says_otherwise_is_flagged(server: str) -> None:
    up = server.replace("http://", "https://")  # the reachability check wants the kubeconfig's https server
    found = live_versions(
        (cluster("same", "1.36"), cluster("behind", "1.35"), cluster("down", "1.35"), cluster("nokey", "1.36"),
         cluster("bad", "1.36")),
        {"same": kubeconfig(up), "behind": kubeconfig(up), "down": kubeconfig(closed_port()), "bad": "- a list"},
        {"nokey": "the stack has no config value fleet:nokey"},
        TODAY,
        probe=lambda _: "1.36",
        nodes_probe=lambda _: {"1.36": 3},
    )  # fmt: skip
    by = {v.cluster: v for v in found}
    assert by["same"].runs == "1.36" and not by["same"].flagged
    assert by["same"].end_of_standard == "2027-06-28" and by["same"].days_left == 204
    assert by["behind"].findings() == [
        'its API server runs 1.36, but kubernetesVersion says 1.35: set kubernetesVersion: "1.36" '
        "(tenants' Pod Security is pinned to it)"
    ]
    # Unread: judged on the declared minor, and the reason is said.
    assert by["down"].runs is None and by["down"].phase == "ending"
    assert by["down"].findings()[0].startswith("its version could not be read: its API server does not answer")
    assert by["nokey"].findings()[0] == "its version could not be read: the stack has no config value fleet:nokey"
    assert by["bad"].findings()[0].startswith("its version could not be read: its API server does not answer (its kube")


def test_the_same_minor_is_past_its_support_a_year_on(server: str) -> None:
    up = server.replace("http://", "https://")
    [later] = live_versions(
        (cluster("same", "1.36"),),
        {"same": kubeconfig(up)},
        {},
        dt.date(2027, 12, 6),
        probe=lambda _: "1.36",
        nodes_probe=lambda _: {"1.36": 3},
    )
    assert later.phase == "past" and later.flagged
    assert later.findings() == [
        "1.36 left its support on 2027-06-28: the Kubernetes project publishes no more patches for it, security "
        "fixes included; only the cluster's own vendor may still support it"
    ]


@pytest.mark.parametrize(
    ("cloud", "nodes", "finding"),
    [
        ("existing", {"1.33": 2}, ""),  # three behind: the Kubernetes skew policy allows it
        ("existing", {"1.32": 1}, "1 node(s) run 1.32, 4 minors behind the control plane's 1.36; Kubernetes allows 3"),
        ("existing", {"1.37": 1}, "1 node(s) run 1.37, newer than the control plane's 1.36"),
        ("gcp", {"1.34": 4}, ""),
        ("gcp", {"1.33": 4}, "4 node(s) run 1.33, 3 minors behind the control plane's 1.36; GKE allows 2"),
        ("azure", {"1.33": 1}, "1 node(s) run 1.33, 3 minors behind the control plane's 1.36; AKS allows 2"),
        ("aws", {"1.36": 5}, ""),
        ("aws", {"1.35": 2, "1.36": 3}, "2 node(s) run 1.35 behind the control plane's 1.36: EKS refuses the next "
                                        "control-plane upgrade until every managed node runs its minor"),
    ],
)  # fmt: skip
def test_nodes_stay_within_their_services_skew(cloud: str, nodes: dict[str, int], finding: str) -> None:
    found = calendar.node_problems(cloud, "1.36", nodes)
    assert found[0].startswith(finding) if finding else found == [], found
