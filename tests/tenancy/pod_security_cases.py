"""Pods and the one reason each is refused by Pod Security "restricted": the cases the offline
evaluator (fleet/core/podsecurity.py) is tested on, here and, against a real API server, in
tests/e2e/test_real_engine.py."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

COMPLIANT: dict[str, Any] = {
    "securityContext": {"runAsNonRoot": True, "seccompProfile": {"type": "RuntimeDefault"}},
    "initContainers": [
        {
            "name": "init",
            "securityContext": {"allowPrivilegeEscalation": False, "capabilities": {"drop": ["ALL"]}},
        }
    ],
    "containers": [
        {
            "name": "app",
            "ports": [{"containerPort": 8080}],
            "securityContext": {
                "allowPrivilegeEscalation": False,
                "capabilities": {"drop": ["ALL"], "add": ["NET_BIND_SERVICE"]},
                "runAsUser": 1000,
            },
            "readinessProbe": {"httpGet": {"path": "/", "port": 8080}},
        }
    ],
    "volumes": [
        {"name": "cache", "emptyDir": {}},
        {"name": "config", "configMap": {"name": "c"}},
        {"name": "defaulted"},  # no source: the API server defaults it to emptyDir
    ],
}


def mutated(change: Callable[[dict[str, Any]], Any]) -> dict[str, Any]:
    pod = copy.deepcopy(COMPLIANT)
    change(pod)
    return pod


def app(pod: dict[str, Any]) -> dict[str, Any]:
    return pod["containers"][0]["securityContext"]


REFUSED: list[tuple[Callable[[dict[str, Any]], Any], str]] = [
    (lambda p: p.update(hostPID=True, hostIPC=True), "host namespaces"),
    (lambda p: p.update(hostPID=True), "host namespaces"),
    (lambda p: p.update(hostIPC=True), "host namespaces"),
    (lambda p: app(p).update(privileged=True), "privileged"),
    (lambda p: p["containers"][0]["ports"][0].update(hostPort=80), "hostPort"),
    (lambda p: p["containers"][0]["readinessProbe"]["httpGet"].update(host="10.0.0.1"), "probe or lifecycle host"),
    (lambda p: app(p).update(procMount="Unmasked"), "procMount"),
    (lambda p: app(p).update(appArmorProfile={"type": "Unconfined"}), "forbidden AppArmor profile"),
    (lambda p: app(p).update(seLinuxOptions={"type": "spc_t"}), "seLinuxOptions"),
    (lambda p: app(p).update(seLinuxOptions={"user": "system_u"}), "seLinuxOptions"),
    (lambda p: p["securityContext"].update(sysctls=[{"name": "kernel.msgmax", "value": "1"}]), "forbidden sysctls"),
    (lambda p: app(p).update(windowsOptions={"hostProcess": True}), "hostProcess"),
    (lambda p: p["volumes"].append({"name": "h", "hostPath": {"path": "/"}}), "restricted volume types"),
    (lambda p: p["volumes"].append({"name": "n", "nfs": {"server": "s", "path": "/"}}), "restricted volume types"),
    (
        lambda p: p["initContainers"][0]["securityContext"].pop("allowPrivilegeEscalation"),
        "allowPrivilegeEscalation != false",
    ),
    (lambda p: app(p).update(allowPrivilegeEscalation=True), "allowPrivilegeEscalation != false"),
    (lambda p: app(p).pop("capabilities"), "unrestricted capabilities"),
    (lambda p: app(p)["capabilities"].update(drop=["NET_RAW"]), "unrestricted capabilities"),
    (lambda p: app(p)["capabilities"].update(add=["NET_ADMIN"]), "unrestricted capabilities"),
    (lambda p: p["securityContext"].pop("seccompProfile"), "seccompProfile"),
    (lambda p: app(p).update(seccompProfile={"type": "Unconfined"}), "seccompProfile"),
    (lambda p: p["securityContext"].pop("runAsNonRoot"), "runAsNonRoot != true"),
    (lambda p: app(p).update(runAsNonRoot=False), "runAsNonRoot != true"),
    (lambda p: app(p).update(runAsUser=0), "runAsUser=0"),
    (lambda p: p["securityContext"].update(runAsUser=0), "runAsUser=0"),
]

# Changes the API server alone judges (tests/e2e), each with more than one consequence.
MORE: list[Callable[[dict[str, Any]], Any]] = [
    lambda p: p.update(hostNetwork=True),  # every container port becomes a host port (API defaulting)
    lambda p: (p.update(hostNetwork=True), p["initContainers"][0].update(ports=[{"containerPort": 9000}])),
    lambda p: p["containers"].append({"name": "bare"}),
    lambda p: p["securityContext"].update(runAsNonRoot=False, seccompProfile={"type": "Unconfined"}),
    lambda p: p.update(hostUsers=False, hostNetwork=True),
    lambda p: p.update(os={"name": "windows"}),
]
