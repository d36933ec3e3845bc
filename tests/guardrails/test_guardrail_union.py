"""Stacks that share an account, project or subscription agree on one guardrail there."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from fleet.review.document import StackReview
from fleet.review.review import Target, with_union_problems
from fleet.spec import guardrails as spec_guardrails
from fleet.spec import load
from tests.conftest import ROOT, STACKS, fleet_of, raw_spec

SHARED = "222222222244"  # staging's ledger account


def staging_with_prod_in_its_ledger_account(regime: str, managed: bool) -> dict[str, Any]:
    """prod, with its ledger account moved into staging's: both stacks now cover one account."""
    spec = copy.deepcopy(raw_spec("prod"))
    template = next(t for t in spec["clusterTemplates"] if t["name"] == "eks-dedicated")
    template["account"] = SHARED
    eea = next(g for g in spec["guardrails"] if g["name"] == "prod-eea")
    eea["regime"] = regime
    eea["aws"] = {"managementRoleArn": eea["aws"]["managementRoleArn"], "targets": [SHARED]}
    if not managed:
        eea["managed"] = False
        eea["aws"]["policyId"] = "p-stg0ledger"
        eea["azure"]["assignmentName"] = "prod-eea-locations"
    return spec


def test_the_real_stacks_agree() -> None:
    assert spec_guardrails.union_problems({s: fleet_of(s) for s in STACKS}) == []


def test_shards_of_one_environment_deploy_each_guardrail_once() -> None:
    eu, us = fleet_of("global-eu"), fleet_of("global-us")
    assert [g.name for g in spec_guardrails.deployed(eu)] == ["glb-eea", "glb-eea", "glb-eea"]
    assert [g.name for g in spec_guardrails.deployed(us)] == ["glb-us", "glb-us"]
    assert spec_guardrails.union_problems({"global-eu": eu, "global-us": us}) == []


def test_two_stacks_may_not_both_manage_one_scope() -> None:
    prod = load(staging_with_prod_in_its_ledger_account("gdpr", managed=True))
    assert [str(p) for p in spec_guardrails.union_problems({"staging": fleet_of("staging"), "prod": prod})] == [
        f"prod: fleet:spec.guardrails[4].aws: AWS {SHARED} is also covered by stack staging's guardrail 'stg-eea', "
        "which creates it too; exactly one stack may manage a scope's guardrail: set managed: false here and name "
        "the existing one"
    ]


def test_one_manages_and_the_other_reads_the_same_guardrail() -> None:
    prod = load(staging_with_prod_in_its_ledger_account("gdpr", managed=False))
    assert spec_guardrails.union_problems({"staging": fleet_of("staging"), "prod": prod}) == []


def test_the_union_may_not_widen_a_regime() -> None:
    # prod reads a gdpr guardrail on the subscription where staging creates an eu one: together they
    # allow Norway's regions, outside eu.
    staging_sub = "5d8b2f14-9c3a-4b7e-8f20-6a1e3c9d5b40"
    spec = copy.deepcopy(raw_spec("prod"))
    next(c for c in spec["clusters"] if c["name"] == "prod-azure-noe")["subscription"] = staging_sub
    eea = next(g for g in spec["guardrails"] if g["name"] == "prod-eea")
    eea.update(managed=False)
    eea["aws"]["policyId"] = "p-prod0eea1"
    eea["azure"] = {"subscriptions": [staging_sub], "assignmentName": "stg-eu-locations"}
    problems = [str(p) for p in spec_guardrails.union_problems({"staging": fleet_of("staging"), "prod": load(spec)})]
    assert problems == [
        f"staging: fleet:spec.guardrails[1].azure: Azure /subscriptions/{staging_sub} is also covered by prod "
        "(prod-eea); together they allow norwayeast, norwaywest, outside regime eu (27 countries) of this "
        "guardrail: make the stacks agree on one regime for the scope"
    ]


def test_review_of_several_stacks_reports_a_disagreement_as_a_spec_problem(tmp_path: Path) -> None:
    prod = staging_with_prod_in_its_ledger_account("gdpr", managed=True)
    targets = []
    for name, spec in (("staging", raw_spec("staging")), ("prod", prod)):
        path = tmp_path / f"Pulumi.{name}.yaml"
        path.write_text(yaml.safe_dump({"config": {"fleet:spec": spec}}, sort_keys=False))
        targets.append(Target(name, path, ROOT))
    reviews = [StackReview(t.name, t.relative, "", production=False) for t in targets]
    found = with_union_problems(reviews, targets)
    assert [r.verdict for r in found] == ["pass", "invalid"]
    [problem] = found[1].problems
    assert problem.path == "fleet:spec.guardrails[4].aws"
    assert problem.source is not None and problem.source.line > 0
