"""The world the end-to-end suite (and benchmarks/real_engine.py) runs in.

Two control planes on loopback, declared as existing clusters in a fresh stack of a local file
backend, with the project laid out as a user has it and the tools tools/build.sh built.
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

from tests.e2e.apiserver import BIN, ROOT, TOOLS, ApiServer

STACK = "e2e"
SPEC = yaml.safe_load((Path(__file__).parent / "spec.yaml").read_text())
PROVIDER_PLUGINS = TOOLS / "home" / "plugins"
TENANT_LABEL = "fleet-tenant"


@dataclass
class World:
    servers: dict[str, ApiServer]  # cluster name in the spec -> its API server
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

    def fleet(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "fleet", *args], cwd=self.project, capture_output=True, text=True, check=False
        )


def missing_tools() -> list[str]:
    missing = [p.name for p in (BIN / "pulumi", BIN / "kube-apiserver", BIN / "etcd") if not p.exists()]
    if not any(PROVIDER_PLUGINS.glob("resource-kubernetes-v*")):
        missing.append("the Kubernetes provider plugin")
    return missing


def _check(result: subprocess.CompletedProcess[str]) -> None:
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, result.args))} failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")


@contextmanager
def world(base: Path) -> Iterator[World]:
    """Start the servers and set up the stack under ``base``; stop the servers on the way out."""
    servers: dict[str, ApiServer] = {}
    try:
        for cluster in SPEC["clusters"]:
            servers[cluster["name"]] = ApiServer(cluster["name"], base / cluster["name"]).start()
        # The project as a user has it: Pulumi.yaml, the program, the pack, the virtualenv; stacks/ of its own.
        project = base / "project"
        (project / "stacks").mkdir(parents=True)
        for name in ("Pulumi.yaml", "__main__.py", "policies", ".venv"):
            (project / name).symlink_to(ROOT / name)
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
        world = World(servers, project, env, base / "policy-config.json")
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
        for server in servers.values():
            server.stop()
        shutil.rmtree(base / "project" / "stacks", ignore_errors=True)
