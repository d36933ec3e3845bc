"""Who may import what: the dependency-free core, the pack that installs without the program, and no
circles anywhere (a circle hidden behind an import inside a function is still a circle).

Read from the source (every import statement, at any depth), and, for what actually loads,
checked by importing in a clean interpreter.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml

from tests.conftest import ROOT

CORE_THIRD_PARTY = {"yaml"}  # PyYAML: the region and value-group tables, the chart's Chart.yaml
PACK_THIRD_PARTY = {"pulumi", "pulumi_policy", "grpc", "google", "yaml"}  # the policy SDK and what it brings


def modules(folder: Path, package: str) -> dict[str, Path]:
    found = {}
    for path in sorted(folder.rglob("*.py")):
        parts = list(path.relative_to(folder).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join([package, *parts])] = path
    return found


def imports(path: Path, name: str) -> Iterator[tuple[str, int]]:
    """Every module an import statement in ``path`` names (relative imports resolved), with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base]) if base else ".".join(anchor)
            yield base, node.lineno
            for alias in node.names:  # `from fleet.core import catalog` imports fleet.core.catalog
                yield f"{base}.{alias.name}", node.lineno


FLEET = modules(ROOT / "fleet", "fleet")
PACK = modules(ROOT / "policies" / "fleetguard", "fleetguard")


def _resolve(target: str, known: dict[str, Path]) -> str | None:
    while target and target not in known:
        target = target.rpartition(".")[0]
    return target or None


def _offenders(names: dict[str, Path], fleet_prefix: str, third_party: set[str]) -> list[str]:
    """Imports of fleet outside ``fleet_prefix``, and of third-party packages outside ``third_party``."""
    bad = []
    for name, path in names.items():
        for target, line in imports(path, name):
            top = target.split(".")[0]
            if top == "fleet":
                allowed = target == "fleet" or target.startswith(fleet_prefix)
            else:
                allowed = top in sys.stdlib_module_names or top in third_party | {"fleetguard", "__future__"}
            if not allowed:
                bad.append(f"{path.relative_to(ROOT)}:{line} imports {target}")
    return bad


def test_the_core_imports_only_itself_the_standard_library_and_pyyaml() -> None:
    core = {n: p for n, p in FLEET.items() if n.startswith("fleet.core")}
    assert core and _offenders(core, "fleet.core", CORE_THIRD_PARTY) == []


def test_the_pack_imports_only_the_core_of_fleet_and_the_policy_sdk() -> None:
    # The survey and shape generators and the docs writer are tools of the project, not what the pack runs.
    tools = ("fleetguard.survey.generate", "fleetguard.shapes.generate")
    shipped = {n: p for n, p in PACK.items() if not n.startswith(tools) and n != "fleetguard.docs"}
    assert _offenders(shipped, "fleet.core", PACK_THIRD_PARTY) == []


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_no_circle_of_imports_at_any_depth() -> None:
    graph: dict[str, set[str]] = {}
    for known in (FLEET, PACK):
        for name, path in known.items():
            for target, _ in imports(path, name):
                resolved = _resolve(target, {**FLEET, **PACK})
                # A package's own __init__ importing its submodules is how a package is made, not a circle.
                if resolved and resolved != name and not name.startswith(f"{resolved}."):
                    graph.setdefault(name, set()).add(resolved)
    assert _cycle(graph) is None, " -> ".join(_cycle(graph) or [])


def test_importing_the_core_and_the_pack_loads_no_program_and_no_cloud_sdk() -> None:
    program = (
        "import json, sys\n"
        "import fleet.core.catalog, fleet.core.residency, fleet.core.labels, fleet.core.quantity\n"
        "import fleet.core.placement, fleet.core.guardrails, fleet.core.podsecurity, fleet.core.vcluster_chart\n"
        "core = sorted(m for m in sys.modules if m.split('.')[0] in ('fleet', 'pulumi', 'pydantic'))\n"
        "import fleetguard.pack, fleetguard.rules\n"
        "pack = sorted(m for m in sys.modules if m.startswith(('fleet.', 'pulumi_aws', 'pulumi_gcp', "
        "'pulumi_azure_native', 'pulumi_kubernetes', 'pydantic')))\n"
        "print(json.dumps([core, pack]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], cwd=ROOT / "policies", capture_output=True, text=True, check=True
    )
    core, pack = json.loads(result.stdout)
    assert all(m == "fleet" or m.startswith("fleet.core") for m in core), core
    assert all(m.startswith("fleet.core") for m in pack), pack


def test_nothing_is_found_by_counting_directories_up_from_a_module() -> None:
    """Files are found through the package (importlib.resources) or the project (fleet/project.py),
    never from where a module's own file happens to be: an installed fleet is not a checkout."""
    offenders = [
        f"{path.relative_to(ROOT)}:{n}"
        for folder in ("fleet", "policies")
        for path in (ROOT / folder).rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if "__file__" in line or ".parents[" in line
    ]
    assert offenders == []


def test_a_stack_loads_only_the_cloud_sdks_it_uses(tmp_path: Path) -> None:
    """Each cloud SDK costs hundreds of milliseconds to import (pulumi-gcp the most): planning a
    stack with clusters in one cloud loads that cloud's SDK and no other."""
    document = yaml.safe_load((ROOT / "stacks" / "Pulumi.dev.yaml").read_text(encoding="utf-8"))
    spec = document["config"]["fleet:spec"]
    spec["clusters"] = [c for c in spec["clusters"] if c["cloud"] == "aws"]
    for guardrail in spec["guardrails"]:
        guardrail.pop("gcp", None)
        guardrail.pop("azure", None)
    spec["tenants"] = [t for t in spec["tenants"] if t.get("placement", {}).get("clouds", ["aws"]) == ["aws"]]
    spec["deployer"].pop("azure", None)
    path = tmp_path / "Pulumi.aws-only.yaml"
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    program = (
        "import contextlib, io, json, sys\n"
        "from fleet.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    code = main(['plan', '--stack-file', {str(path)!r}])\n"
        "print(json.dumps([code, sorted({m.split('.')[0] for m in sys.modules if m.startswith('pulumi_')})]))\n"
    )
    result = subprocess.run([sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, check=True)
    code, sdks = json.loads(result.stdout.splitlines()[-1])
    assert (code, sdks) == (0, ["pulumi_aws", "pulumi_kubernetes"]), result.stderr[-2000:]
