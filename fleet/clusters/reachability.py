"""Whether each existing cluster's API server answers, asked before anything is registered.

The Kubernetes provider does not fail a preview when its cluster is unreachable: it plans every
object as a create. Only a real ``Create`` fails, with "configured Kubernetes cluster is
unreachable" (``pkg/provider/provider.go`` of the provider build tools/build.sh pins:
``!req.GetPreview() && k.clusterUnreachable``). A preview then promises "+47 to create", and
``pulumi up`` stops half-way, after the objects of the clusters it could reach. A TCP connection
to each kubeconfig's server settles it first: a preview warns, and an ``up`` registers nothing.

A kubeconfig that reaches its server through a proxy (``proxy-url``, or the ``HTTPS_PROXY``
environment client-go honours) is not probed: only the proxy knows the way.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

import yaml

from fleet.spec.checks import kubeconfig_server

TIMEOUT_SECONDS = 5.0

Connect = Callable[[str, int, float], None]


def _connect(host: str, port: int, timeout: float) -> None:
    with socket.create_connection((host, port), timeout=timeout):
        pass


def _proxied(kubeconfig: str) -> bool:
    if os.environ.get("HTTPS_PROXY") or os.environ.get("https_proxy"):
        return True
    document = yaml.safe_load(kubeconfig)
    clusters = document.get("clusters") if isinstance(document, dict) else None
    return any(isinstance(c, dict) and (c.get("cluster") or {}).get("proxy-url") for c in clusters or [])


def unreachable_reason(kubeconfig: str, connect: Connect = _connect, timeout: float = TIMEOUT_SECONDS) -> str | None:
    """Why the kubeconfig's API server cannot be reached from here, or None when it answers (or
    sits behind a proxy this check cannot see through)."""
    if _proxied(kubeconfig):
        return None
    server = urlsplit(kubeconfig_server(kubeconfig))
    host, port = server.hostname or "", server.port or 443
    try:
        connect(host, port, timeout)
    except OSError as err:
        return f"{host}:{port}: {err.strerror or err}"
    return None


@dataclass(frozen=True)
class Preflight:
    unreachable: Mapping[str, str]  # cluster name -> why

    def message(self, dry_run: bool) -> str:
        lines = [f"{name}: its API server does not answer ({why})" for name, why in self.unreachable.items()]
        if dry_run:
            after = (
                "this preview plans every object on these clusters as a create, and `pulumi up` would stop at the "
                "first of them; check the network path and the kubeconfig (`pulumi config set --secret <key>`)"
            )
        else:
            after = (
                "nothing was deployed: the Kubernetes provider would fail at the first object on these clusters, "
                "after changing the others; check the network path and the kubeconfig (`pulumi config set --secret "
                "<key>`), or cordon the cluster and drain its tenants (docs/OPERATING.md)"
            )
        return "\n".join([*lines, after])


def preflight(kubeconfigs: Mapping[str, str], connect: Connect = _connect) -> Preflight:
    """Probe every existing cluster's API server (cluster name -> kubeconfig)."""
    found = {}
    for name, kubeconfig in kubeconfigs.items():
        why = unreachable_reason(kubeconfig, connect)
        if why is not None:
            found[name] = why
    return Preflight(found)
