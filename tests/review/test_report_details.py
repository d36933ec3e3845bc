"""What the review reports besides the comment's size: SARIF for code scanning, removed tenants,
stacks compared with nothing, protected resources with their types."""

from __future__ import annotations

import json

from fleet.review import report
from fleet.review.document import Changes, ResourceChange, Review, SpecLocation, TenantMove, Violation
from tests.review.test_review import stack_review

URN = "urn:pulumi:prod::fleet::fleet:clusters:EksCluster$aws:eks/cluster:Cluster::prod-aws-euc1-eks"


def test_every_sarif_result_has_a_line_and_a_fingerprint_that_survives_moving_lines() -> None:
    located = Violation("data-residency", "FLEET-RES-001", "mandatory", "outside gdpr", URN,
                        source=SpecLocation("fleet:spec.clusters[0]", "stacks/Pulumi.prod.yaml", 40))  # fmt: skip
    moved = Violation("data-residency", "FLEET-RES-001", "mandatory", "outside gdpr", URN,
                      source=SpecLocation("fleet:spec.clusters[0]", "stacks/Pulumi.prod.yaml", 52))  # fmt: skip
    protected = ResourceChange(URN, "aws:eks/cluster:Cluster", "replace", protected=True)
    refused = ResourceChange(URN, "aws:eks/cluster:Cluster", "update", refused="EKS cannot move a cluster")
    changes = Changes("main", (protected, refused))
    links = report.Links(rules="https://github.com/acme/fleet/blob/abc/docs/RULES.md", anchors={"FLEET-RES-001": "x"})

    def results(violation: Violation) -> list[dict]:  # type: ignore[type-arg]
        review = Review((stack_review("prod", changes, (violation,)),))
        document = json.loads(report.sarif(review, links, "1.0"))
        assert document["version"] == "2.1.0"
        rules = {r["id"]: r for r in document["runs"][0]["tool"]["driver"]["rules"]}
        assert rules["FLEET-RES-001"]["helpUri"].endswith("RULES.md#x") and rules["FLEET-RES-001"]["help"]["text"]
        return document["runs"][0]["results"]  # type: ignore[no-any-return]

    first, second = results(located), results(moved)
    assert {r["ruleId"] for r in first} == {"FLEET-RES-001", "FLEET-DEPLOY-PROTECTED", "FLEET-DEPLOY-REFUSED"}
    for result in first:
        assert result["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1
    assert [
        r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in first if r["ruleId"] == "FLEET-RES-001"
    ] == [40]
    assert [r["partialFingerprints"] for r in first] == [r["partialFingerprints"] for r in second]


def test_a_removed_tenant_is_removed_and_a_new_one_new() -> None:
    moves = (TenantMove("billing", ("onprem-fra",), ()), TenantMove("search", (), ("onprem-nyc",)))
    text = report.markdown(Review((stack_review("dev", Changes("main", (), moves)),)))
    assert "| billing | onprem-fra | (removed) |" in text
    assert "| search | (new tenant) | onprem-nyc |" in text


def test_without_a_base_the_change_columns_say_not_compared() -> None:
    text = report.markdown(Review((stack_review("dev"),)))
    row = next(line for line in text.splitlines() if line.startswith("| `dev` |"))
    assert row.count("not compared") == 7
    compared = report.markdown(Review((stack_review("dev", Changes("main", ())),)))
    assert "not compared" not in compared


def test_protected_resources_show_their_type() -> None:
    change = ResourceChange(URN, "aws:eks/cluster:Cluster", "update")
    text = report.markdown(Review((stack_review("prod", Changes("main", (change,))),)))
    protected = text[text.index("Protected resources") :]
    assert "(Namespace)" in protected and "(Key)" in protected


def test_a_problem_of_several_lines_is_one_report_line_without_escapes() -> None:
    """A placement failure lists a line per cluster; a report prints it as one line with its parts
    separated, never escape codes and never a line break a value could use to forge a line."""
    from fleet.review.document import Problem, StackReview

    message = "cannot be placed: needs 2 clusters; relax the constraint:\n      onprem-fra: cordoned\n      zrh: full"
    stack = StackReview("trial", "stacks/Pulumi.trial.yaml", "trial", False,
                        problems=(Problem("fleet:spec.tenants[0]", message),))  # fmt: skip
    text = report.text(Review((stack,)))
    assert "\\u{000A}" not in text
    assert (
        "  fleet:spec.tenants[0]: cannot be placed: needs 2 clusters; relax the constraint: onprem-fra: cordoned; "
        "zrh: full"
    ) in text.splitlines()
    markdown = report.markdown(Review((stack,)))
    assert "relax the constraint: onprem-fra: cordoned; zrh: full" in markdown


def test_a_long_list_of_dependents_says_how_many_are_left_out() -> None:
    change = ResourceChange("urn:pulumi:s::p::t::a", "t", "delete", dependents=tuple(f"urn:x::d{i}" for i in range(9)))
    assert report._change_text(change, report.COMPACT).endswith("9 dependents: d0, d1, d2, d3, d4, … 4 more")
