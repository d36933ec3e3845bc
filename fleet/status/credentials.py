"""The kubeconfigs of a stack's clusters, as the deploy job has them, through the Pulumi CLI.

An existing cluster's kubeconfig is the secret config value its ``kubeconfigSecret`` names; a
cluster fleet builds has its kubeconfig in the stack output ``kubeconfigs`` once deployed. Both are
read with the CLI (``pulumi config --show-secrets --json``, ``pulumi stack output --show-secrets
--json``), so whatever decrypts the stack's secrets for ``pulumi up`` (the passphrase or the secrets
provider) decrypts them here, and fleet keeps no copy.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path

from fleet.spec import Fleet
from fleet.spec.model import ExistingCluster

TIMEOUT_SECONDS = 120


class CredentialError(Exception):
    """The CLI could not give the stack's secrets; the message says what to do."""


def _pulumi(project: Path, stack: str, *args: str) -> object:
    binary = shutil.which("pulumi")
    if binary is None:
        raise CredentialError("the `pulumi` CLI is not on PATH; install it (README) to read the stack's kubeconfigs")
    command = [binary, *args, "--show-secrets", "--json", "--stack", stack, "--non-interactive"]
    try:
        result = subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        raise CredentialError(f"`pulumi {' '.join(args)}` did not answer in {TIMEOUT_SECONDS} s") from None
    if result.returncode != 0:
        why = (result.stderr.strip().splitlines() or ["no message"])[-1]
        raise CredentialError(
            f"`pulumi {' '.join(args)} --stack {stack}` failed: {why} (log in to the stack's backend, and set "
            "PULUMI_CONFIG_PASSPHRASE or the secrets provider's credentials as for `pulumi up`)"
        )
    try:
        return json.loads(result.stdout or "null")
    except ValueError:
        raise CredentialError(f"`pulumi {' '.join(args)}` printed no JSON") from None


def kubeconfigs(fleet: Fleet, stack: str, project: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(cluster -> kubeconfig, cluster -> why there is none) for every cluster of the stack."""
    found: dict[str, str] = {}
    missing: dict[str, str] = {}
    existing = [c for c in fleet.deployed_clusters if isinstance(c, ExistingCluster)]
    built = [c for c in fleet.deployed_clusters if not isinstance(c, ExistingCluster)]
    if existing:
        config = _pulumi(project, stack, "config")
        values: Mapping[str, object] = config if isinstance(config, dict) else {}
        for cluster in existing:
            entry = values.get(cluster.kubeconfig_secret)
            value = entry.get("value") if isinstance(entry, dict) else None
            if isinstance(value, str) and value:
                found[cluster.name] = value
            else:
                missing[cluster.name] = f"the stack has no config value {cluster.kubeconfig_secret}"
    if built:
        try:
            outputs = _pulumi(project, stack, "stack", "output", "kubeconfigs")
        except CredentialError:
            outputs = None  # never deployed: the stack has no outputs yet
        deployed: Mapping[str, object] = outputs if isinstance(outputs, dict) else {}
        for built_cluster in built:
            value = deployed.get(built_cluster.name)
            if isinstance(value, str) and value:
                found[built_cluster.name] = value
            else:
                missing[built_cluster.name] = "not deployed yet: the stack output kubeconfigs has no entry for it"
    return found, missing
