"""Shared fixtures: stack specs as users write them, and their renderings under the mock runtime."""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from fleet.review.render import Rendering, render
from fleet.spec.load import read_stack_file

ROOT = Path(__file__).resolve().parent.parent
STACKS = sorted(p.name.removeprefix("Pulumi.").removesuffix(".yaml") for p in (ROOT / "stacks").glob("Pulumi.*.yaml"))
SHARED = ROOT.parent / "shared" / "reference"


@cache
def _raw(stack: str) -> Any:
    return read_stack_file(ROOT / "stacks" / f"Pulumi.{stack}.yaml")


def raw_spec(stack: str) -> Any:
    """A fresh, mutable copy of a stack's fleet:spec, for tests that break it."""
    return copy.deepcopy(_raw(stack))


@cache
def rendered(stack: str) -> Rendering:
    """Rendering a stack is deterministic, so each is done once per session."""
    return render(raw_spec(stack), stack)


@pytest.fixture(params=STACKS)
def stack(request: pytest.FixtureRequest) -> str:
    return request.param


def by_type(rendering: Rendering, type_: str) -> list:
    return [r for r in rendering.resources if r.type == type_]
