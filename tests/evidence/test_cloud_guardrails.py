"""Cloud guardrails in the evidence: what covers each regulated cluster (fleet.guardrails), and a
regulated cluster that nothing covers is said plainly, never left out."""

from __future__ import annotations

import dataclasses
import json

import pytest

from fleet.evidence.document import COVERED, NOT_COVERED
from fleet.evidence.report import html_page, json_text, markdown
from fleet.spec import guardrails
from tests.conftest import STACKS
from tests.evidence.support import evidence, evidence_from, inspected, schema_errors


@pytest.mark.parametrize("stack", STACKS)
def test_every_regulated_cluster_has_the_guardrails_that_cover_it(stack: str) -> None:
    found = evidence(stack)
    fleet = inspected(stack)[1].fleet
    assert found.cloud_guardrails is not None
    for cluster in found.clusters:
        spec = fleet.cluster(cluster.name)
        covering = sorted(g.name for g in guardrails.covering(fleet, spec))
        assert cluster.coverage is not None
        assert cluster.coverage.guardrails == tuple(covering)
        assert cluster.coverage.status == (COVERED if covering else NOT_COVERED)
        assert cluster.coverage.scope == guardrails.cluster_scope(spec)
    for tenant in found.tenants:
        for placed in tenant.clusters:
            assert placed.coverage is not None
            assert (
                placed.coverage.guardrails
                == next(c for c in found.clusters if c.name == placed.name).coverage.guardrails
            )  # type: ignore[union-attr]
    listed = {(g.name, g.cloud) for g in found.cloud_guardrails}
    assert listed == {(name, c.cloud) for c in found.clusters for name in c.coverage.guardrails}  # type: ignore[union-attr]
    real = {(g.name, g.cloud): g for g in guardrails.guardrails(fleet)}
    for g in found.cloud_guardrails:
        expected = real[(g.name, g.cloud)]
        assert (g.regions, g.values, g.managed, g.kind, g.targets, g.covers) == (
            expected.regions,
            expected.values,
            expected.managed,
            expected.kind,
            expected.targets,
            expected.covers,
        )


def test_prod_guardrails_are_listed_with_regions() -> None:
    found = evidence("prod")
    listed = {(g.name, g.cloud): g for g in found.cloud_guardrails or ()}
    swiss = next(c for c in found.clusters if c.name == "prod-aws-euzh")
    assert swiss.coverage is not None and swiss.coverage.status == COVERED
    (name,) = swiss.coverage.guardrails
    assert listed[(name, "aws")].regions == ("eu-central-2",)
    text = markdown(found)
    assert "## Cloud guardrails" in text
    assert "Every regulated cluster in a cloud account is covered by a cloud guardrail." in text


def _without_guardrails(stack: str):  # type: ignore[no-untyped-def]
    review, inspection = inspected(stack)
    fleet = dataclasses.replace(inspection.fleet, spec=inspection.fleet.spec.model_copy(update={"guardrails": ()}))
    return evidence_from(review, dataclasses.replace(inspection, fleet=fleet))


def test_a_regulated_cluster_without_a_guardrail_is_said_plainly() -> None:
    found = _without_guardrails("dev")
    assert [c.name for c in found.clusters] == ["dev-aws-euc1"]
    (cluster,) = found.clusters
    assert cluster.coverage is not None
    assert (cluster.coverage.status, cluster.coverage.guardrails) == ("not covered by a cloud guardrail", ())
    assert found.uncovered == ("dev-aws-euc1",)
    document = json.loads(json_text(found))
    assert schema_errors(document) == []
    assert document["summary"]["uncoveredClusters"] == ["dev-aws-euc1"]
    assert document["tenants"][0]["clusters"][0]["coverage"]["status"] == "not covered by a cloud guardrail"
    text = markdown(found)
    assert "**1 regulated cluster not covered by a cloud guardrail: dev-aws-euc1.**" in text
    row = next(line for line in text.splitlines() if line.startswith("| `dev-aws-euc1` | aws | eu-central-1 |"))
    assert row.endswith("| **not covered by a cloud guardrail** |")
    assert "<strong>not covered by a cloud guardrail</strong>" in html_page(found)


def test_a_guardrail_wider_than_the_tenants_regime_is_flagged() -> None:
    review, inspection = inspected("dev")
    spec = inspection.fleet.spec
    wide = tuple(g.model_copy(update={"regime": "none"}) for g in spec.guardrails)
    fleet = dataclasses.replace(inspection.fleet, spec=spec.model_copy(update={"guardrails": wide}))
    found = evidence_from(review, dataclasses.replace(inspection, fleet=fleet))
    coverage = found.tenants[0].clusters[0].coverage
    assert coverage is not None and coverage.status == COVERED
    assert "aws:us-east-1" in coverage.outside_regime and "aws:eu-central-1" not in coverage.outside_regime
    assert "outside the regime" in markdown(found)
    assert evidence("dev").tenants[0].clusters[0].coverage.outside_regime == ()  # type: ignore[union-attr]
