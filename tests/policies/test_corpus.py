"""Every case of the residency corpus, driven through the real Analyzer gRPC protocol.

A violating case must be denied by exactly the rules it names (mandatory level); a compliant case
must get no mandatory violation at all; a preview case must list its deferred decisions
(FLEET-PRE-001, advisory) and still decide everything else. Each case cites the cloud
documentation its expected outcome rests on (see corpus.py).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fleet.review.policy import PolicyPack, Violation, stack_resources
from tests.policies.corpus import CASES, Case


@pytest.fixture(scope="module")
def pack() -> Iterator[PolicyPack]:
    with PolicyPack(stack="corpus") as running:
        yield running


def run(pack: PolicyPack, case: Case) -> list[Violation]:
    """What the pack reports for one case, as the CLI would see it at preview."""
    names = [p.name for p in pack.info().policies]
    # As `fleet policy-config` makes it: for this stack (FLEET-EXM-003), with the case's settings.
    pack.configure({name: {"stack": "corpus", "project": "fleet", **case.config} for name in names})
    rendering = case.rendering()
    by_urn = rendering.by_urn()
    violations = pack.analyze_many(
        (r, by_urn.get(r.provider or ""))
        for r in rendering.resources
        if r.custom and not r.type.startswith("pulumi:providers:")
    )
    return violations + pack.analyze_stack(stack_resources(rendering))


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(pack: PolicyPack, case: Case) -> None:
    assert case.cite.startswith("https://"), "every case cites the documentation it rests on"
    violations = run(pack, case)
    mandatory = {v.rule_id for v in violations if v.level == "mandatory"}
    assert mandatory == case.expect, [v.line() for v in violations if v.level == "mandatory"]
    deferred = {v.message.split(":", 1)[0] for v in violations if v.rule_id == "FLEET-PRE-001"}
    assert deferred == case.deferred
    assert not [v for v in violations if "can't run policy" in v.message and v.policy != "residency-cloud-location"]


def test_corpus_covers_every_class_of_the_issue_both_ways() -> None:
    areas: dict[str, set[bool]] = {}
    for case in CASES:
        areas.setdefault(case.area, set()).add(case.violating)
    assert areas == {area: {True, False} for area in areas}
    assert len(areas) == 8
