"""The support calendar, evaluated at a date, and what the review makes of it: a new cluster on a minor
past its end of standard support is refused (its cloud would refuse it), an existing one is flagged."""

from __future__ import annotations

import datetime as dt

import pytest

from fleet.core import calendar
from fleet.core.catalog.kubernetes import SUPPORTED_KUBERNETES_VERSIONS
from fleet.review import report
from fleet.review.document import Review, StackReview
from fleet.review.versions import oldest, versions

TODAY = dt.date(2026, 12, 6)


def test_every_row_is_cited_and_every_service_covers_1_30_to_1_36() -> None:
    for service in ("eks", "gke", "aks"):
        assert calendar.minors(service) == tuple(f"1.{m}" for m in range(30, 37))
    for row in calendar.rows():
        assert row.source.startswith("https://") and row.release < row.end_of_standard
        assert row.end_of_extended is None or row.end_of_standard < row.end_of_extended
    assert all(calendar.release(cloud, v) for v in SUPPORTED_KUBERNETES_VERSIONS for cloud in ("aws", "gcp", "azure"))


@pytest.mark.parametrize(
    ("cloud", "phase", "days", "end"),
    [("aws", "past", -4, "2026-12-02"), ("azure", "past", -6, "2026-11-30"), ("gcp", "ending", 50, "2027-01-25")],
)
def test_1_34_as_of_today(cloud: str, phase: str, days: int, end: str) -> None:
    support = calendar.support(cloud, "1.34", TODAY)
    assert support is not None
    assert (support.phase, support.days_left, support.row.end_of_standard.isoformat()) == (phase, days, end)


def test_the_advisory_starts_90_days_before_and_the_phase_turns_on_the_day() -> None:
    end = calendar.release("aws", "1.35").end_of_standard  # type: ignore[union-attr]
    phases = [calendar.support("aws", "1.35", end - dt.timedelta(days=d)).phase for d in (91, 90, 1, 0)]  # type: ignore[union-attr]
    assert phases == ["standard", "ending", "ending", "past"]
    assert calendar.support("aws", "1.35", TODAY).extended_cost_per_month == 365  # type: ignore[union-attr]
    assert calendar.support("unknown-cloud", "1.35", TODAY) is None


def test_an_existing_cluster_is_judged_by_the_kubernetes_projects_own_patch_support() -> None:
    """1.34's last upstream patch was due 2026-10-27; 1.35's maintenance ends 2027-02-28, within 90 days."""
    old = calendar.support("existing", "1.34", TODAY)
    assert old is not None and old.phase == "past" and old.row.service == "upstream"
    assert old.describe() == "Kubernetes 1.34 left upstream patch support on 2026-10-27"
    current = calendar.support("existing", "1.35", TODAY)
    assert current is not None and current.phase == "ending" and current.days_left == 84
    assert "no more patches" in current.at_end


def snapshot(**clusters: tuple[str, str]) -> dict:  # type: ignore[type-arg]
    return {"clusters": {name: {"cloud": cloud, "kubernetesVersion": v} for name, (cloud, v) in clusters.items()}}


def test_a_new_cluster_past_standard_support_is_refused_and_an_existing_one_flagged() -> None:
    base = snapshot(old=("aws", "1.34"), gke=("gcp", "1.34"), fine=("azure", "1.36"))
    head = snapshot(old=("aws", "1.34"), gke=("gcp", "1.34"), fine=("azure", "1.36"), new=("aws", "1.34"),
                    onprem=("existing", "1.34"))  # fmt: skip
    found = {v.cluster: v for v in versions(head, base, TODAY)}
    assert set(found) == {"old", "gke", "fine", "new", "onprem"}
    assert not found["onprem"].refused and found["onprem"].phase == "past"  # fleet neither creates nor upgrades it
    assert found["new"].refused.startswith("EKS 1.34 left standard support on 2026-12-02; EKS offers this minor")
    assert not found["old"].refused and found["old"].phase == "past"
    assert found["gke"].phase == "ending" and found["fine"].phase == "standard"
    assert oldest(tuple(found.values())).cluster == "onprem"  # type: ignore[union-attr]
    review = StackReview(
        "s", "stacks/Pulumi.s.yaml", "s", False, as_of=TODAY.isoformat(), versions=tuple(found.values())
    )
    assert review.verdict == "blocked"
    line = report.verdict_line(review)
    assert line.startswith("BLOCKED: 1 clusters at a Kubernetes minor their cloud refuses")
    assert "WARNING: 3 clusters at or near the end of Kubernetes standard support" in line
    text = report.text(Review((review,)))
    assert "kubernetes support as of 2026-12-06: the first cluster to move is onprem (1.34), by 2026-10-27" in text
    assert (
        "!! onprem: 1.34 left upstream patch support on 2026-10-27: the Kubernetes project publishes no more patches"
    ) in text
    assert "!! REFUSED: new cluster new: EKS 1.34 left standard support" in text
    assert (
        "!! old: 1.34 left standard support on 2026-12-02: AWS upgrades the control plane to the next minor "
        "(fleet's upgrade policy is STANDARD); staying on it in extended support would cost $365 more per month "
        "(upgrade policy EXTENDED: $0.60 instead of $0.10 per cluster-hour)"
    ) in text
    assert "!! gke: 1.34 leaves standard support on 2027-01-25, in 50 days: GKE upgrades" in text
    markdown = report.markdown(Review((review,)))
    assert "> [!CAUTION]" in markdown and "Kubernetes support as of 2026-12-06" in markdown


def test_without_a_base_nothing_is_called_new() -> None:
    found = versions(snapshot(a=("aws", "1.34")), None, TODAY)
    assert found[0].new is None and not found[0].refused and found[0].phase == "past"


@pytest.mark.parametrize(
    ("cloud", "before", "after", "refused"),
    [
        ("aws", "1.35", "1.36", ""),
        ("aws", "1.34", "1.36", "EKS upgrades a control plane one minor at a time (1.34 to 1.36 skips 1.35): raise "
                                "kubernetesVersion to 1.35 first"),
        ("aws", "1.36", "1.35", "EKS cannot downgrade a cluster (1.36 to 1.35); build a new cluster instead"),
        ("azure", "1.35", "1.36", ""),
        ("azure", "1.35", "1.34", "AKS cannot downgrade a cluster (1.35 to 1.34); build a new cluster instead"),
        ("azure", "1.35", "1.37", "AKS upgrades a control plane one minor at a time (1.35 to 1.37 skips 1.36): raise "
                                  "kubernetesVersion to 1.36 first"),
        ("gcp", "1.34", "1.36", "GKE upgrades a control plane one minor at a time (1.34 to 1.36 skips 1.35): raise "
                                "kubernetesVersion to 1.35 first"),
        ("gcp", "1.35", "1.34", ""),  # GKE's downgrade rules are not modelled
        ("existing", "1.30", "1.36", ""),  # a cluster made elsewhere runs what it runs
    ],
)  # fmt: skip
def test_a_minor_moves_as_its_cloud_allows(cloud: str, before: str, after: str, refused: str) -> None:
    assert calendar.path_problem(cloud, before, after, TODAY) == refused


def test_an_aks_cluster_out_of_support_may_skip_to_a_supported_minor() -> None:
    assert calendar.lowest_supported("azure", TODAY) == "1.35"  # 1.34 left standard support on 2026-11-30
    assert calendar.path_problem("azure", "1.33", "1.35", TODAY) == ""  # to the lowest supported: allowed
    assert calendar.path_problem("azure", "1.34", "1.36", TODAY).startswith("AKS upgrades a control plane one minor")


def test_an_upgrade_over_two_minors_is_refused_in_the_review() -> None:
    found = versions(snapshot(a=("aws", "1.36")), snapshot(a=("aws", "1.34")), TODAY)
    assert found[0].before == "1.34" and found[0].refused.startswith("EKS upgrades a control plane one minor")
    review = StackReview("s", "stacks/Pulumi.s.yaml", "s", False, as_of=TODAY.isoformat(), versions=found)
    assert "!! REFUSED: a: EKS upgrades a control plane one minor at a time" in report.text(Review((review,)))
