"""The world the end-to-end suite (and benchmarks/real_engine.py) runs in.

Two control planes on loopback, each with a kwok node, pre-provisioned volumes and a kubelet for
vcluster pods (tests/e2e/vcluster_pod.py), declared as existing clusters in a fresh stack of a
local file backend, with the project laid out as a user has it and the tools tools/build.sh built.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tests.e2e import vcluster_pod
from tests.e2e.apiserver import BIN, ROOT, TOOLS, ApiServer
from tests.e2e.vcluster_pod import VClusterKubelet

STACK = "e2e"
SPEC = yaml.safe_load((Path(__file__).parent / "spec.yaml").read_text())
PROVIDER_PLUGINS = TOOLS / "home" / "plugins"
CHARTS = TOOLS / "charts"
# prometheus-operator's CRD (tools/build.sh, build_prometheus).
PROMETHEUS_RULE_CRD = TOOLS / "share" / "crds" / "monitoring.coreos.com_prometheusrules.yaml"
TENANT_LABEL = "fleet-tenant"
VOLUMES_PER_SERVER = 3  # every vcluster tenant there, one that moves in on a cordon, one spare


@dataclass
class World:
    servers: dict[str, ApiServer]  # cluster name in the spec -> its API server
    kubelets: dict[str, VClusterKubelet]  # the same key -> what runs its vcluster pods
    project: Path
    env: dict[str, str]
    policy_config: Path

    def pulumi(self, *args: str, stdin: str | None = None, cwd: Path | None = None, timeout: int = 600) -> Any:
        started = time.monotonic()
        result = subprocess.run(
            [str(BIN / "pulumi"), *args, "--non-interactive"],
            cwd=cwd or self.project,
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            check=False,
            timeout=timeout,
        )
        result.seconds = time.monotonic() - started  # type: ignore[attr-defined]
        return result

    @property
    def stack_file(self) -> Path:
        return self.project / "stacks" / f"Pulumi.{STACK}.yaml"

    def write_spec(self, spec: dict[str, Any]) -> None:
        """Put the spec into the stack file, keeping what the CLI wrote there (salt, secrets)."""
        path = self.stack_file
        # `stack select --create` writes no stack file; the first `config set` or this does.
        document = (yaml.safe_load(path.read_text()) if path.exists() else None) or {}
        document.setdefault("config", {})["fleet:spec"] = spec
        path.write_text(yaml.safe_dump(document, sort_keys=False))

    def up(self) -> Any:
        return self.pulumi("up", "--yes", "--policy-pack", "policies", "--policy-pack-config", str(self.policy_config))

    def fleet(self, *args: str, with_pulumi: bool = False) -> subprocess.CompletedProcess[str]:
        """``with_pulumi``: with the CLI and the stack's backend and passphrase, as a deployer has them."""
        return subprocess.run(
            [sys.executable, "-m", "fleet", *args],
            cwd=self.project,
            capture_output=True,
            text=True,
            check=False,
            env=self.env if with_pulumi else None,
        )


def missing_tools() -> list[str]:
    tools = ("pulumi", "kube-apiserver", "kube-scheduler", "etcd", "kwok")
    missing = [name for name in tools if not (BIN / name).exists()]
    if not any(PROVIDER_PLUGINS.glob("resource-kubernetes-v*")):
        missing.append("the Kubernetes provider plugin")
    if not (CHARTS / "vcluster" / "Chart.yaml").exists():
        missing.append("the vcluster chart")
    if not PROMETHEUS_RULE_CRD.exists():
        missing.append("the PrometheusRule CRD")
    why = vcluster_pod.missing()
    return [*missing, why] if why else missing


def _check(result: subprocess.CompletedProcess[str]) -> None:
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, result.args))} failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")


@contextmanager
def world(base: Path) -> Iterator[World]:
    """Start the servers and set up the stack under ``base``; stop the servers on the way out."""
    servers: dict[str, ApiServer] = {}
    kubelets: dict[str, VClusterKubelet] = {}
    try:
        for index, cluster in enumerate(SPEC["clusters"], start=1):
            name = cluster["name"]
            servers[name] = server = ApiServer(name, base / name, index=index).start()
            server.add_volumes(VOLUMES_PER_SERVER)
            # As a cluster that runs prometheus-operator serves it: fleet applies its alert set there.
            served = server.kubectl("apply", "--server-side", "-f", str(PROMETHEUS_RULE_CRD))
            assert served.returncode == 0, served.stderr
            established = server.kubectl("wait", "--for=condition=Established", "--timeout=60s",
                                         "crd/prometheusrules.monitoring.coreos.com")  # fmt: skip
            assert established.returncode == 0, established.stderr
            kubelets[name] = VClusterKubelet(server, base / name).start()
        # The project as a user has it: Pulumi.yaml, the program, the pack, the virtualenv, the chart
        # the spec names (vcluster.chart.path: charts/vcluster); stacks/ of its own.
        project = base / "project"
        (project / "stacks").mkdir(parents=True)
        for name in ("Pulumi.yaml", "__main__.py", "policies", ".venv"):
            (project / name).symlink_to(ROOT / name)
        (project / "charts").symlink_to(CHARTS)
        home = base / "pulumi-home"
        home.mkdir()
        (home / "plugins").symlink_to(PROVIDER_PLUGINS)
        env = {
            **os.environ,
            "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
            "PULUMI_HOME": str(home),
            "PULUMI_CONFIG_PASSPHRASE": "e2e-only-passphrase",
            "PULUMI_SKIP_UPDATE_CHECK": "true",
            # Nothing can be downloaded here; the provider the program needs is in PULUMI_HOME/plugins.
            "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
            "PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK": "true",
        }
        env.pop("PULUMI_BACKEND_URL", None)
        world = World(servers, kubelets, project, env, base / "policy-config.json")
        # The README's commands on a fresh backend. `pulumi login --local` is file://~ with ~ the
        # OS user's home from the user database, not $HOME (pkg/backend/diy/backend.go), so the
        # suite names its own directory to keep away from the user's stacks.
        (base / "state").mkdir()
        for command in (("login", f"file://{base / 'state'}"), ("stack", "select", "--create", STACK)):
            _check(world.pulumi(*command))
        world.write_spec(SPEC)
        for cluster in SPEC["clusters"]:
            kubeconfig = servers[cluster["name"]].kubeconfig()
            _check(world.pulumi("config", "set", "--secret", cluster["kubeconfigSecret"], stdin=kubeconfig))
        config = ("--output", str(world.policy_config))
        _check(world.fleet("policy-config", "--stack-file", str(world.stack_file), *config))
        yield world
    finally:
        for kubelet in kubelets.values():
            kubelet.stop()
        for server in servers.values():
            server.stop()
        shutil.rmtree(base / "project" / "stacks", ignore_errors=True)
