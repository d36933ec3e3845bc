"""Whether each existing cluster's API server answers, asked before anything is registered.

The Kubernetes provider does not fail a preview when its cluster is unreachable: it plans every
object as a create. Only a real ``Create`` fails, with "configured Kubernetes cluster is
unreachable" (``pkg/provider/provider.go`` of the provider build tools/build.sh pins:
``!req.GetPreview() && k.clusterUnreachable``). A preview then promises "+47 to create", and
``pulumi up`` stops half-way, after the objects of the clusters it could reach. A TCP connection
to each kubeconfig's server settles it first: a preview warns, and an ``up`` registers nothing.

The minor each server reports (``GET /version``) is compared with the cluster's
``kubernetesVersion``: tenants' Pod Security is pinned to that minor, so a cluster upgraded
out of band is said in the preview and the ``up``.

A kubeconfig that reaches its server through a proxy (``proxy-url``, or the ``HTTPS_PROXY``
environment client-go honours) is not probed: only the proxy knows the way.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import re
import socket
import ssl
import subprocess
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from fleet.spec.checks import kubeconfig_server

TIMEOUT_SECONDS = 5.0

Connect = Callable[[str, int, float], None]


def _connect(host: str, port: int, timeout: float) -> None:
    with socket.create_connection((host, port), timeout=timeout):
        pass


def _current(kubeconfig: str) -> tuple[Mapping[str, Any], Mapping[str, Any]]:
    """The cluster and user entries of the kubeconfig's current context (empty where it has none;
    ``kubeconfig_server`` says what is missing)."""
    document = yaml.safe_load(kubeconfig)
    document = document if isinstance(document, dict) else {}
    named = {
        key: {e.get("name"): e.get(field_) or {} for e in document.get(key) or [] if isinstance(e, dict)}
        for key, field_ in (("contexts", "context"), ("clusters", "cluster"), ("users", "user"))
    }
    context = named["contexts"].get(document.get("current-context"), {})
    return named["clusters"].get(context.get("cluster"), {}), named["users"].get(context.get("user"), {})


def _proxied(kubeconfig: str) -> bool:
    if os.environ.get("HTTPS_PROXY") or os.environ.get("https_proxy"):
        return True
    return bool(_current(kubeconfig)[0].get("proxy-url"))


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


def _tls(cluster: Mapping[str, Any]) -> ssl.SSLContext:
    """Verify the server as the kubeconfig says: its CA, or none when it says to skip verification."""
    if cluster.get("insecure-skip-tls-verify"):
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        return context
    data = cluster.get("certificate-authority-data")
    if data:
        return ssl.create_default_context(cadata=base64.b64decode(data).decode())
    return ssl.create_default_context()


class ReadError(Exception):
    """The API server could not be read; the message says why."""


# Exec plugins' tokens by plugin invocation, with the expiry the plugin gave (None: none given).
_TOKENS: dict[str, tuple[str, dt.datetime | None]] = {}


def _exec_token(user: Mapping[str, Any], timeout: float) -> str | None:
    """The token a kubeconfig's exec plugin prints (client.authentication.k8s.io ExecCredential
    ``status.token``), as kubectl runs it: the managed clusters' kubeconfigs use one (aws eks get-token,
    gke-gcloud-auth-plugin, kubelogin)."""
    spec = user.get("exec")
    if not isinstance(spec, dict) or not spec.get("command"):
        return None
    key = json.dumps(spec, sort_keys=True, default=str)
    kept = _TOKENS.get(key)
    if kept is not None and (kept[1] is None or kept[1] > dt.datetime.now(dt.UTC)):
        return kept[0]  # one plugin run per cluster, not per request, while the token is valid
    env = {**os.environ, **{e["name"]: e["value"] for e in spec.get("env") or [] if isinstance(e, dict)}}
    try:
        result = subprocess.run(
            [str(spec["command"]), *(str(a) for a in spec.get("args") or [])],
            capture_output=True, text=True, timeout=timeout * 6, env=env, check=False,
        )  # fmt: skip
    except (OSError, subprocess.TimeoutExpired) as err:
        raise ReadError(f"its credential plugin {spec['command']} did not run: {err}") from None
    if result.returncode != 0:
        raise ReadError(f"its credential plugin {spec['command']} failed: {result.stderr.strip()[-300:]}")
    try:
        status = json.loads(result.stdout)["status"]
        token = str(status["token"])
        expires = status.get("expirationTimestamp")
        until = dt.datetime.fromisoformat(expires.replace("Z", "+00:00")) if expires else None
    except (ValueError, KeyError, TypeError, AttributeError):
        raise ReadError(f"its credential plugin {spec['command']} printed no token") from None
    _TOKENS[key] = (token, until)
    return token


def get_json(kubeconfig: str, path: str, timeout: float = TIMEOUT_SECONDS, run_plugin: bool = False) -> Any:
    """``GET path`` on the kubeconfig's API server with its credential (a token, a client certificate,
    or with ``run_plugin`` an exec plugin's token), as JSON; ReadError with the reason otherwise.
    The program's preflight runs no plugin: one may prompt (kubelogin opens a browser)."""
    cluster, user = _current(kubeconfig)
    token = user.get("token") or (_exec_token(user, timeout) if run_plugin else None)
    context = _tls(cluster)
    if user.get("client-certificate-data") and user.get("client-key-data"):
        with tempfile.TemporaryDirectory() as directory:
            cert, key = Path(directory) / "cert.pem", Path(directory) / "key.pem"
            cert.write_bytes(base64.b64decode(user["client-certificate-data"]))
            key.write_bytes(base64.b64decode(user["client-key-data"]))
            context.load_cert_chain(cert, key)
    request = urllib.request.Request(kubeconfig_server(kubeconfig).rstrip("/") + path)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=timeout, context=context) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as err:
        raise ReadError(f"GET {path} answered {err.code} {err.reason}") from None
    except (OSError, ValueError, ssl.SSLError) as err:
        raise ReadError(f"GET {path} failed: {err}") from None


def running_minor(kubeconfig: str, timeout: float = TIMEOUT_SECONDS, run_plugin: bool = False) -> str | None:
    """The minor the API server says it runs (``GET /version``, which Kubernetes' default RBAC lets
    anyone read: ClusterRole system:public-info-viewer), e.g. "1.36"; None when it cannot be read.
    Managed services report the same (EKS ``v1.36.3-eks-...``)."""
    try:
        reported = get_json(kubeconfig, "/version", timeout, run_plugin)
    except ReadError:
        return None
    return minor_of(str(reported.get("gitVersion", "")) if isinstance(reported, dict) else "")


def minor_of(version: str) -> str | None:
    """ "1.36" of "v1.36.3-eks-b2f1e8a" (a server's gitVersion, a kubelet's version)."""
    found = re.match(r"v?(\d+)\.(\d+)", version)
    return f"{found.group(1)}.{found.group(2)}" if found else None


@dataclass(frozen=True)
class Preflight:
    unreachable: Mapping[str, str]  # cluster name -> why
    runs: Mapping[str, str] = field(default_factory=dict)  # cluster name -> the minor it reports

    def version_warnings(self, declared: Mapping[str, str]) -> list[str]:
        """An existing cluster that runs another minor than its ``kubernetesVersion`` says: the spec
        pins its tenants' Pod Security version and checks their objects against that minor."""
        return [
            f"{name}: its API server runs Kubernetes {runs}, but its kubernetesVersion says {declared[name]}; set "
            f'kubernetesVersion: "{runs}" (tenant namespaces enforce Pod Security at that version)'
            for name, runs in self.runs.items()
            if name in declared and runs != declared[name]
        ]

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


def preflight(
    kubeconfigs: Mapping[str, str],
    connect: Connect = _connect,
    read_version: Callable[[str], str | None] = running_minor,
) -> Preflight:
    """Probe every existing cluster's API server (cluster name -> kubeconfig), and read the minor
    each one that answers runs."""
    found, runs = {}, {}
    for name, kubeconfig in kubeconfigs.items():
        why = unreachable_reason(kubeconfig, connect)
        if why is not None:
            found[name] = why
            continue
        minor = read_version(kubeconfig)
        if minor is not None:
            runs[name] = minor
    return Preflight(found, runs)
