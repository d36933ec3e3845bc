"""The restricted Pod Security level, evaluated offline: a compliant pod, and one refusal per way a
pod can fail it, with the reason the API server prints. tests/e2e/test_real_engine.py holds the
same evaluator against a real API server's verdicts."""

from __future__ import annotations

from typing import Any

import pytest

from fleet.core.podsecurity import restricted
from tests.tenancy.pod_security_cases import COMPLIANT, REFUSED, app, mutated


def test_compliant_pod_is_admitted() -> None:
    assert restricted(COMPLIANT) == []


def test_compliant_without_pod_level_settings_when_every_container_sets_them() -> None:
    def per_container(pod: dict[str, Any]) -> None:
        pod.pop("securityContext")
        for c in (*pod["initContainers"], *pod["containers"]):
            c["securityContext"].update(
                runAsNonRoot=True, seccompProfile={"type": "Localhost", "localhostProfile": "p"}
            )

    assert restricted(mutated(per_container)) == []


def test_compliant_user_namespace_pod_may_run_as_root() -> None:
    def root_in_user_namespace(pod: dict[str, Any]) -> None:
        pod["hostUsers"] = False
        pod["securityContext"].update(runAsNonRoot=False, runAsUser=0)

    assert restricted(mutated(root_in_user_namespace)) == []


@pytest.mark.parametrize(("change", "reason"), REFUSED)
def test_fails(change: Any, reason: str) -> None:
    assert [v.reason for v in restricted(mutated(change))] == [reason]


def test_fails_host_network_with_its_defaulted_host_ports() -> None:
    """Found by the API server (tests/e2e): on the host network every container port is a host port."""
    assert [v.reason for v in restricted(mutated(lambda p: p.update(hostNetwork=True)))] == [
        "host namespaces",
        "hostPort",
    ]


def test_fails_with_the_servers_wording() -> None:
    pod = mutated(lambda p: p["initContainers"][0]["securityContext"].pop("allowPrivilegeEscalation"))
    assert [str(v) for v in restricted(pod)] == [
        'allowPrivilegeEscalation != false (container "init" must set securityContext.allowPrivilegeEscalation=false)'
    ]


def test_fails_apparmor_annotation() -> None:
    annotations = {"container.apparmor.security.beta.kubernetes.io/app": "unconfined"}
    assert [v.reason for v in restricted(COMPLIANT, annotations)] == ["forbidden AppArmor profile"]


def test_windows_pods_skip_the_linux_only_checks() -> None:
    def windows(pod: dict[str, Any]) -> None:
        pod["os"] = {"name": "windows"}
        pod["securityContext"].pop("seccompProfile")
        app(pod).pop("capabilities")

    assert restricted(mutated(windows)) == []
