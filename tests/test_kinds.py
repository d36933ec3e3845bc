"""The kinds of cluster (fleet/core/kinds/): every fact stated once, and how far a fifth kind would
reach. A new kind should be a module in fleet/core/kinds/ and a component in fleet/clusters/; every
other place that branches on a cloud's name is a place it would have to be added by hand.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from fleet.core import catalog, kinds
from fleet.core.kinds import KINDS
from tests.conftest import ROOT

NAMES = frozenset(KINDS)
# Where a kind's own code lives: its facts, and its component.
KIND_HOMES = {"fleet/core/kinds", "fleet/clusters/eks.py", "fleet/clusters/gke.py", "fleet/clusters/aks.py"}
# The places that still branch on a cloud's name (counted below); lower it as they move into kinds.
BRANCHES_TODAY = 46


def branches() -> list[str]:
    """Every comparison with, membership test in, or mapping keyed by a kind's name, outside the
    kinds' own modules and components."""
    found = []
    for folder in ("fleet", "policies/fleetguard"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if any(relative == home or relative.startswith(f"{home}/") for home in KIND_HOMES):
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if _names_a_kind(node):
                    found.append(f"{relative}:{node.lineno}")
    return found


def _is_name(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value in NAMES


def _names_a_kind(node: ast.AST) -> bool:
    if isinstance(node, ast.Compare):
        operands = [node.left, *node.comparators]
        return any(
            _is_name(o) or (isinstance(o, ast.Tuple | ast.List | ast.Set) and any(_is_name(e) for e in o.elts))
            for o in operands
        )
    if isinstance(node, ast.Dict):
        return any(k is not None and _is_name(k) for k in node.keys)
    return isinstance(node, ast.MatchValue) and _is_name(node.value)


def test_a_fifth_kind_reaches_no_further_than_today() -> None:
    found = branches()
    print(f"\nplaces outside fleet/core/kinds and the components that branch on a cloud's name: {len(found)}")
    assert len(found) <= BRANCHES_TODAY, "a new branch on a cloud's name; state the fact in fleet/core/kinds:\n" + (
        "\n".join(found)
    )


def test_every_kind_is_complete() -> None:
    for kind in kinds.BUILT:
        assert kind.cluster_type and kind.cluster_type.startswith(f"{kind.provider_package}:"), kind.name
        assert kind.max_cluster_name and kind.machine_type is not None and kind.scope and kind.guardrail, kind.name
        assert kind.located_by == "catalogue" and kind.name in catalog.CLOUDS, kind.name
    assert kinds.kind(catalog.EXISTING).located_by == "declared"


@pytest.mark.parametrize("kind", sorted(NAMES))
def test_each_kind_has_a_module_of_its_own(kind: str) -> None:
    assert (ROOT / "fleet" / "core" / "kinds" / f"{kind}.py").is_file()
    assert KINDS[kind] is __import__(f"fleet.core.kinds.{kind}", fromlist=["KIND"]).KIND


def test_the_spec_allows_exactly_the_kinds() -> None:
    from fleet.spec.model import Cluster

    allowed = set()
    for member in Cluster.__args__[0].__args__:  # type: ignore[attr-defined]  # Annotated[Union[...], ...]
        allowed.add(member.model_fields["cloud"].default)
    assert allowed == NAMES


def test_no_fact_is_stated_twice() -> None:
    """The limits used to live in the spec checks and the EKS component both."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "fleet").rglob("*.py") if "kinds" not in p.parts)
    for literal in ("eks/cluster:Cluster", "container/cluster:Cluster", "containerservice:ManagedCluster"):
        assert literal not in text, f"{literal} is stated outside fleet/core/kinds"
    pack = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "policies" / "fleetguard").rglob("*.py"))
    assert "fleet:clusters:EksCluster" not in pack and '"azure-native": "azure"' not in pack


def test_branches_are_counted_from_the_code(tmp_path: Path) -> None:
    # Guards the count above: a comparison, a membership test and a mapping are each found.
    sample = 'if cloud == "aws": pass\nif cloud in ("gcp", "azure"): pass\nX = {"existing": 1}\n'
    found = [n for n in ast.walk(ast.parse(sample)) if _names_a_kind(n)]
    assert len(found) == 3
