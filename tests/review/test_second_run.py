"""A second `pulumi up` shows no changes, and the review knows what each change replaces.

Two things make a second run differ from the first: a program that is not deterministic, and a
cloud that changes or expands a value after create (fleet.review.facts, refresh). The mocks
return those values as the clouds do; every input they touch must be left unset or covered by
``ignore_changes``. Every resource type the program creates has its replacement facts.
"""

from __future__ import annotations

import pytest

from fleet.review import facts
from fleet.review.diff import changed_paths
from fleet.review.render import Resource, render
from tests.conftest import STACKS, raw_spec, rendered, stack_config


def _at(value: object, path: str) -> object:
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def drift(resource: Resource) -> list[str]:
    """Inputs the cloud will report differently after create, that the program neither leaves
    unset nor ignores: each one is a change on every later `pulumi up`."""
    found = []
    for path, fact in facts.refreshed().get(resource.type, {}).items():
        given = _at(resource.inputs, path)
        if given is None or any(facts.covers(tuple(path.split(".")), ignored) for ignored in resource.ignore_changes):
            continue
        reported = _at(resource.outputs, path)
        if reported != given:
            found.append(f"{resource.name}: {path} is set to {given!r}, the cloud reports {reported!r} ({fact['why']})")
    return found


def test_every_stack_renders_the_same_twice(stack: str) -> None:
    again = render(raw_spec(stack), stack, shard=stack_config(stack).shard)
    first = {r.urn: r.inputs for r in rendered(stack).resources}
    second = {r.urn: r.inputs for r in again.resources}
    assert first.keys() == second.keys()
    assert [(urn, changed_paths(first[urn], second[urn])) for urn in first if first[urn] != second[urn]] == []


def test_no_input_the_cloud_changes_is_fought_over(stack: str) -> None:
    found = [line for resource in rendered(stack).resources for line in drift(resource)]
    assert found == []


@pytest.mark.parametrize("stack", STACKS)
def test_every_type_created_has_replacement_facts(stack: str) -> None:
    known = facts.replacements()
    types = {r.type for r in rendered(stack).resources if r.custom or r.type.startswith("pulumi:providers:")}
    missing = sorted(t for t in types if t not in known)
    assert missing == [], "add these types to fleet/review/facts/<provider>.json"


def test_every_fact_names_its_source() -> None:
    for type_, rule in facts.replacements().items():
        assert rule["source"] and isinstance(rule["properties"], list), type_
    for type_, paths in facts.refreshed().items():
        for path, fact in paths.items():
            assert {"value", "why", "source"} <= set(fact), (type_, path)
