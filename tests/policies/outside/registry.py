"""The registry each later outside corpus keeps its cases in: ``case`` registers one, ``by_area`` groups them
by theme. One registry per corpus (its ``common.py``), so the corpora stay apart."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.policies.corpus import Case, Stack

Build = Callable[[Stack], None]
DENY = frozenset({"DENY"})


class Registry:
    def __init__(self) -> None:
        self.cases: list[Case] = []

    def case(self, id_: str, area: str, expect: str = "", cite: str = "", **kw: Any) -> Callable[[Build], Build]:
        """Register a case; ``expect="DENY"`` when a correct pack gives some mandatory violation."""
        assert expect in ("", "DENY"), expect
        assert cite.startswith("https://"), id_

        def register(build: Build) -> Build:
            assert all(c.id != id_ for c in self.cases), f"duplicate case id {id_}"
            self.cases.append(Case(id_, area, DENY if expect else frozenset(), build, cite, **kw))
            return build

        return register

    def by_area(self) -> dict[str, list[Case]]:
        areas: dict[str, list[Case]] = {}
        for c in self.cases:
            areas.setdefault(c.area, []).append(c)
        return areas
