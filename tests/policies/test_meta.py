"""Every rule has metadata, a stable ID, and tests: a compliant case and a failing case."""

from __future__ import annotations

import re
from pathlib import Path

from fleetguard.rules import MODULES, RULES

HERE = Path(__file__).parent
ROOT = HERE.parents[1]


def test_every_rule_module_has_a_test_module_with_both_outcomes() -> None:
    missing = []
    for module in MODULES:
        short = module.__name__.rsplit(".", 1)[1]
        path = HERE / f"test_{short}.py"
        if not path.is_file():
            missing.append(f"{path.name} (no tests)")
            continue
        text = path.read_text()
        if not re.search(r"^def test_compliant", text, re.M):
            missing.append(f"{path.name} (no compliant case)")
        if not re.search(r"^def test_fails", text, re.M):
            missing.append(f"{path.name} (no failing case)")
    assert missing == []


def test_rule_ids_and_names_are_unique_and_well_formed() -> None:
    ids = [r.id for r in RULES]
    names = [r.name for r in RULES]
    assert len(set(ids)) == len(ids) and len(set(names)) == len(names)
    for rule in RULES:
        assert re.fullmatch(r"FLEET-[A-Z]{3}-\d{3}", rule.id), rule.id
        assert re.fullmatch(r"[a-z][a-z0-9-]+", rule.name), rule.name
        assert rule.title.startswith(("Ensure", "Report")), rule.title
        assert rule.rationale and rule.remediation


def test_every_rule_module_says_what_it_protects() -> None:
    for module in MODULES:
        doc = module.__doc__ or ""
        rule = module.RULE
        assert doc.startswith(rule.id), module.__name__
        assert "Protects" in doc, module.__name__


def test_one_rule_per_module() -> None:
    assert len(MODULES) == len(RULES) == len({m.__name__ for m in MODULES})


def test_rule_modules_are_discovered() -> None:
    """Every rule module in the package is in the catalogue, without a hand-kept list."""
    files = sorted(p.stem for p in (ROOT / "policies" / "fleetguard" / "rules").glob("[a-z][a-z][a-z]_[0-9]*.py"))
    assert sorted(m.__name__.rsplit(".", 1)[1] for m in MODULES) == files


def test_rules_share_the_models_vocabulary_instead_of_importing_each_other() -> None:
    offenders = []
    for path in (ROOT / "policies" / "fleetguard" / "rules").glob("[a-z][a-z][a-z]_[0-9]*.py"):
        for line in path.read_text().splitlines():
            if re.match(r"\s*from fleetguard\.rules\.", line):
                offenders.append(f"{path.name}: {line.strip()}")
    assert offenders == []


def test_label_keys_are_defined_once() -> None:
    from fleet.core import labels
    from fleetguard import model

    assert (model.RESIDENCY, model.TENANT, model.ISOLATION) == (labels.RESIDENCY, labels.TENANT, labels.ISOLATION)
    for path in (ROOT / "policies" / "fleetguard").rglob("*.py"):
        code = [line for line in path.read_text().splitlines() if not line.lstrip().startswith(("#", '"', "'"))]
        assert not [line for line in code if re.search(r'= "fleet-(residency|tenant|isolation)"', line)], path
