"""The cluster components are split by concern (network, identity, encryption, control plane, node
pools, add-ons, access) into functions no longer than a screen, and the split changed nothing a
cloud would see: every stack renders, URN for URN and input for input, as it did at the commit
before (issue 18), rendered there with that commit's own code as `fleet review --base` does.
"""

from __future__ import annotations

import ast
import os
import subprocess

import pytest

from fleet.review import base, snapshot
from fleet.spec.load import read_stack
from tests.conftest import ROOT, STACKS, fleet_of, rendered

# The last commit before the core package, the kinds and the split components (afce0f1), moved
# forward only with a change that means to alter what clusters deploy: a6adadc, where allowFrom
# began to open the client's egress too; e809d98, where GKE and AKS clusters took the spec's
# maintenance window; 31c7fb4, where GKE clusters joined their fleets for the waves (issue 23);
# 0eb4a0e, where EKS nodes' metadata went to one hop and default security groups lost their rules
# (issue 24); 7e802d6, where the control-plane log group got a key of its own; 47ef806, where the VPCs got flow
# logs (issue 24); c519b14, where AKS clusters joined the Fleet Manager of the waves (issue 23); 6d8cbce,
# where AKS clusters got managed Prometheus and GKE projects a regional log bucket (issue 25); 10b75eb, where
# the managed Prometheus settings ConfigMap was renamed as a platform object; 102be61, where EKS clusters got
# Amazon Managed Service for Prometheus (issue 25); c933ad8, where GKE clusters got managed collection's
# alert set (issue 25); 30f397a, where AKS clusters got container logs (issue 25); 365c3f8, where the AKS key
# vault closed to public networks and the API server moved into its own subnet (issue 24); 94d2d61, where EKS
# add-ons were pinned per minor (issue 24) and EKS clusters got container logs (issue 25); 2427286, where GKE
# clusters kept workload logs with audit logs off; e8be72a, where STS for opt-in Regions moved to us-east-1;
# a487358, where the preview identities got read access to EKS and AKS clusters (issue 24).
BEFORE_THE_SPLIT = "a487358"
LONGEST = 60  # lines of code in one function, its docstring not counted
COMPONENTS = ("eks.py", "gke.py", "aks.py", "existing.py", "contract.py", "network.py")


def _git_has(commit: str) -> bool:
    found = subprocess.run(["git", "cat-file", "-e", f"{commit}^{{commit}}"], cwd=ROOT, capture_output=True)
    return found.returncode == 0


@pytest.mark.parametrize("stack", STACKS)
def test_every_stack_renders_as_before_the_split(stack: str) -> None:
    if not _git_has(BEFORE_THE_SPLIT):
        pytest.fail(f"commit {BEFORE_THE_SPLIT} is not in this clone; fetch the history (git fetch --unshallow)")
    path = ROOT / "stacks" / f"Pulumi.{stack}.yaml"
    key = os.urandom(16)
    before = base.snapshot_at(BEFORE_THE_SPLIT, path, ROOT, key)
    now = snapshot.take(fleet_of(stack), rendered(stack), key)
    assert before is not None
    old = {r["urn"]: _canonical(r) for r in before["resources"]}
    new = {r["urn"]: _canonical(r) for r in now["resources"]}
    assert sorted(set(old) ^ set(new)) == [], "URNs added or gone"
    # What snapshots record has grown since (IDs, input dependencies); what both record must be equal.
    changed = [urn for urn in new if old[urn] != {key: new[urn][key] for key in old[urn]}]
    assert changed == [], f"inputs changed: {changed[:5]}"
    assert read_stack(path).raw  # the stack file itself is today's, compared with the code of both


def _canonical(resource: dict) -> dict:  # type: ignore[type-arg]
    """A resource as the engine reads it: the order in which the SDK happened to resolve its
    dependencies (which follows the order of the program's statements) is not part of it."""
    return {**resource, "dependencies": sorted(resource.get("dependencies") or [])}


def _code_lines(function: ast.FunctionDef) -> int:
    body = function.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]  # the docstring
    if not body:
        return 0
    end = function.end_lineno or function.lineno
    return end - body[0].lineno + 1


@pytest.mark.parametrize("module", COMPONENTS)
def test_no_function_of_a_cluster_component_is_longer_than_a_screen(module: str) -> None:
    tree = ast.parse((ROOT / "fleet" / "clusters" / module).read_text(encoding="utf-8"))
    long = {
        node.name: _code_lines(node)
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and _code_lines(node) > LONGEST
    }
    assert long == {}
