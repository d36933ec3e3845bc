"""The sixth outside corpus's registry: ``case`` registers a case, ``by_area`` groups them by theme.
The cases live in ``cloud.py`` (cloud residency) and ``kube.py`` (Kubernetes isolation); ``corpus.py``
imports both."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.policies.corpus import Case, Stack

Build = Callable[[Stack], None]

CASES: list[Case] = []
DENY = frozenset({"DENY"})


def case(id_: str, area: str, expect: str = "", cite: str = "", **kw: Any) -> Callable[[Build], Build]:
    """Register a case; ``expect="DENY"`` when a correct pack gives some mandatory violation."""
    assert expect in ("", "DENY"), expect
    assert cite.startswith("https://"), id_

    def register(build: Build) -> Build:
        assert all(c.id != id_ for c in CASES), f"duplicate case id {id_}"
        CASES.append(Case(id_, area, DENY if expect else frozenset(), build, cite, **kw))
        return build

    return register


def by_area() -> dict[str, list[Case]]:
    areas: dict[str, list[Case]] = {}
    for c in CASES:
        areas.setdefault(c.area, []).append(c)
    return areas
