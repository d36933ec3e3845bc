"""Evidence of the real stacks, built once per session (each is a full review: render and pack)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from fleet.evidence import SCHEMA, build, guardrails_module
from fleet.evidence.document import Evidence
from fleet.evidence.stamp import stamp
from fleet.review.document import StackReview
from fleet.review.review import Inspection, Target, inspect_stack
from tests.conftest import ROOT

NOW = "2026-01-02T03:04:05Z"
PACK = ROOT / "policies"


def target(stack: str, path: Path | None = None) -> Target:
    return Target(stack, path or ROOT / "stacks" / f"Pulumi.{stack}.yaml", ROOT)


@cache
def inspected(stack: str) -> tuple[StackReview, Inspection]:
    review, inspection = inspect_stack(target(stack))
    assert inspection is not None, review.problems
    return review, inspection


def evidence_from(review: StackReview, inspection: Inspection) -> Evidence:
    return build(review, inspection, stamp(ROOT, inspection.spec, PACK, "test", NOW), guardrails_module())


@cache
def evidence(stack: str) -> Evidence:
    return evidence_from(*inspected(stack))


@cache
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


def schema_errors(document: Any) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker())
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(document)]
