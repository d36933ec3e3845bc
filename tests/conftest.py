"""Shared fixtures: stack specs as users write them, and their renderings under the mock runtime."""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from fleet.review.render import Rendering, render
from fleet.spec import Fleet
from fleet.spec.load import StackConfig, load, read_stack

ROOT = Path(__file__).resolve().parent.parent
STACKS = sorted(p.name.removeprefix("Pulumi.").removesuffix(".yaml") for p in (ROOT / "stacks").glob("Pulumi.*.yaml"))
SHARED = ROOT.parent / "shared" / "reference"


@cache
def stack_config(stack: str) -> StackConfig:
    return read_stack(ROOT / "stacks" / f"Pulumi.{stack}.yaml")


def raw_spec(stack: str) -> Any:
    """A fresh, mutable copy of a stack's fleet spec, for tests that break it."""
    return copy.deepcopy(stack_config(stack).raw)


def fleet_of(stack: str, raw: Any = None) -> Fleet:
    """The resolved fleet of a stack (or of ``raw`` as that stack), shard included."""
    return load(raw if raw is not None else raw_spec(stack), stack_config(stack).shard)


@cache
def rendered(stack: str) -> Rendering:
    """Rendering a stack is deterministic, so each is done once per session."""
    return render(raw_spec(stack), stack, shard=stack_config(stack).shard)


@pytest.fixture(params=STACKS)
def stack(request: pytest.FixtureRequest) -> str:
    return request.param


def by_type(rendering: Rendering, type_: str) -> list:
    return [r for r in rendering.resources if r.type == type_]
