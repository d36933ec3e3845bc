"""The preflight that tells an unreachable existing cluster apart before anything is deployed."""

from __future__ import annotations

import json
import socket

import pytest

from fleet.clusters.reachability import preflight, unreachable_reason


def kubeconfig(server: str, proxy: str | None = None) -> str:
    cluster = {"server": server, **({"proxy-url": proxy} if proxy else {})}
    return json.dumps(
        {
            "apiVersion": "v1",
            "kind": "Config",
            "clusters": [{"name": "c", "cluster": cluster}],
            "contexts": [{"name": "c", "context": {"cluster": "c", "user": "u"}}],
            "current-context": "c",
            "users": [{"name": "u", "user": {"token": "t"}}],
        }
    )


@pytest.fixture
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTPS_PROXY", "https_proxy"):
        monkeypatch.delenv(name, raising=False)


def test_a_listening_server_is_reachable_and_a_closed_port_is_not(no_proxy: None) -> None:
    with socket.socket() as listening:
        listening.bind(("127.0.0.1", 0))
        listening.listen()
        port = listening.getsockname()[1]
        assert unreachable_reason(kubeconfig(f"https://127.0.0.1:{port}")) is None
    # The same port, now closed: the connection is refused.
    why = unreachable_reason(kubeconfig(f"https://127.0.0.1:{port}"))
    assert why is not None and why.startswith(f"127.0.0.1:{port}: ")


def test_the_default_port_is_443_and_a_proxy_is_not_second_guessed(no_proxy: None) -> None:
    asked = []
    unreachable_reason(kubeconfig("https://api.example.test"), lambda h, p, t: asked.append((h, p)))
    assert asked == [("api.example.test", 443)]
    assert unreachable_reason(kubeconfig("https://10.0.0.1:6443", proxy="socks5://bastion:1080"), _refuse) is None


def test_https_proxy_in_the_environment_skips_the_probe(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy:3128")
    assert unreachable_reason(kubeconfig("https://10.0.0.1:6443"), _refuse) is None


def _refuse(host: str, port: int, timeout: float) -> None:
    raise ConnectionRefusedError(111, "Connection refused")


def test_a_preview_warns_and_an_up_refuses_naming_every_unreachable_cluster(no_proxy: None) -> None:
    found = preflight({"fra": kubeconfig("https://10.0.0.1:6443"), "nyc": kubeconfig("https://10.0.0.2")}, _refuse)
    assert found.unreachable == {"fra": "10.0.0.1:6443: Connection refused", "nyc": "10.0.0.2:443: Connection refused"}
    preview = found.message(dry_run=True)
    assert preview.splitlines()[:2] == [
        "fra: its API server does not answer (10.0.0.1:6443: Connection refused)",
        "nyc: its API server does not answer (10.0.0.2:443: Connection refused)",
    ]
    assert "this preview plans every object on these clusters as a create" in preview
    assert found.message(dry_run=False).splitlines()[2].startswith("nothing was deployed")
    assert preflight({"fra": kubeconfig("https://10.0.0.1")}, lambda h, p, t: None).unreachable == {}


def test_an_existing_cluster_running_another_minor_is_named(no_proxy: None) -> None:
    found = preflight(
        {"fra": kubeconfig("https://10.0.0.1"), "nyc": kubeconfig("https://10.0.0.2")},
        lambda h, p, t: None,
        lambda config: "1.36",
    )
    assert found.runs == {"fra": "1.36", "nyc": "1.36"}
    assert found.version_warnings({"fra": "1.35", "nyc": "1.36"}) == [
        'fra: its API server runs Kubernetes 1.36, but its kubernetesVersion says 1.35; set kubernetesVersion: "1.36" '
        "(tenant namespaces enforce Pod Security at that version)"
    ]


def test_a_server_that_does_not_say_its_version_is_not_guessed(no_proxy: None) -> None:
    from fleet.clusters.reachability import running_minor

    with socket.socket() as listening:  # accepts the connection, never speaks TLS
        listening.bind(("127.0.0.1", 0))
        listening.listen()
        assert running_minor(kubeconfig(f"https://127.0.0.1:{listening.getsockname()[1]}"), timeout=0.5) is None
