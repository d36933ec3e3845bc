"""A drain in three steps the program owns (docs/OPERATING.md): the old copy is kept and protected,
then its protection is lifted, then it is deleted; the review names the step, and a step skipped is
blocked with the way back. Each step is diffed as `fleet review --base` diffs it."""

from __future__ import annotations

from typing import Any

import pytest

from fleet.review import report
from fleet.review.diff import diff
from fleet.review.document import Drain, Review
from fleet.spec import SpecError, load
from tests.conftest import raw_spec
from tests.review.test_review import cordoned, snap, stack_review

CLUSTER = "prod-aws-euc1"
LEAVING = ("payments", "partner-api")  # namespace and vcluster tenants placed on it


def drained(data_moved: bool | None) -> Any:
    """The prod spec with CLUSTER cordoned and its tenants at a step: None, no leaving entry."""
    spec = cordoned("prod", CLUSTER)
    if data_moved is not None:
        for tenant in spec["tenants"]:
            if tenant["name"] in LEAVING:
                tenant["leaving"] = [{"cluster": CLUSTER, "dataMoved": data_moved}]
    return spec


def copy_of(snapshot: dict[str, Any], tenant: str) -> list[dict[str, Any]]:
    return [r for r in snapshot["resources"] if f"::{CLUSTER}/{tenant}" in r["urn"]]


@pytest.fixture(scope="module")
def steps() -> dict[str, dict[str, Any]]:
    return {
        "placed": snap("prod"),
        "kept": snap("prod", drained(False)),
        "moved": snap("prod", drained(True)),
        "gone": snap("prod", drained(None)),
    }


def test_step_one_creates_the_new_placement_and_keeps_the_old_copy_as_it_was(steps) -> None:  # type: ignore[no-untyped-def]
    changes = diff(steps["placed"], steps["kept"], "main")
    assert changes.blocked_deletions == () and changes.of("delete") == ()
    touched = {r.urn for r in changes.resources}
    for tenant in LEAVING:
        kept = copy_of(steps["kept"], tenant)
        assert kept == copy_of(steps["placed"], tenant)  # every object, input and option unchanged
        assert any(r["protect"] for r in kept)
        assert not touched & {r["urn"] for r in kept}
    assert {m.tenant for m in changes.moves} == set(LEAVING)  # the new placements are created
    assert changes.drains == tuple(Drain(t, CLUSTER, 1) for t in sorted(LEAVING))
    assert stack_review("prod", changes).verdict == "pass"


def test_step_two_only_lifts_protection(steps) -> None:  # type: ignore[no-untyped-def]
    changes = diff(steps["kept"], steps["moved"], "main")
    assert {r.action for r in changes.resources} == {"update"}
    assert {v.key for r in changes.resources for v in r.values} == {"(protect)"}
    assert all(CLUSTER in r.urn for r in changes.resources)
    for tenant in LEAVING:
        assert copy_of(steps["moved"], tenant) and not any(r["protect"] for r in copy_of(steps["moved"], tenant))
    assert [d.step for d in changes.drains] == [2, 2]


def test_step_three_deletes_the_old_copy_without_a_state_edit(steps) -> None:  # type: ignore[no-untyped-def]
    changes = diff(steps["moved"], steps["gone"], "main")
    assert changes.blocked_deletions == ()
    deleted = {r.urn for r in changes.of("delete")}
    copies = {r["urn"] for t in LEAVING for r in copy_of(steps["moved"], t)}
    # With the copies go the EKS access entries of groups only those tenants bound on the cluster.
    assert copies <= deleted
    assert all(u.endswith("-access") and f"::{CLUSTER}-" in u for u in deleted - copies)
    assert {r.copy_of for r in changes.of("delete") if r.urn in copies} == {f"{t}@{CLUSTER}" for t in LEAVING}
    assert changes.drains == tuple(Drain(t, CLUSTER, 3) for t in sorted(LEAVING))
    review = stack_review("prod", changes)
    assert review.verdict == "pass"  # dangerous, so a warning, but nothing is refused
    text = report.text(Review((review,)))
    assert f"drain payments from {CLUSTER}: step 3 of 3, deleted" in text


def test_skipping_step_two_is_blocked_and_says_how_to_go_on(steps) -> None:  # type: ignore[no-untyped-def]
    changes = diff(steps["kept"], steps["gone"], "main")
    assert changes.drains == tuple(Drain(t, CLUSTER, 3, early=True) for t in sorted(LEAVING))
    review = stack_review("prod", changes)
    assert review.verdict == "blocked"
    text = report.text(Review((review,)))
    assert "tenant payments's copy on prod-aws-euc1 is still protected: set `dataMoved: true`" in text
    assert "pulumi state unprotect" not in text


def test_a_cordon_without_a_drain_is_blocked_and_names_the_drain(steps) -> None:  # type: ignore[no-untyped-def]
    review = stack_review("prod", diff(steps["placed"], steps["gone"], "main"))
    assert review.verdict == "blocked"
    markdown = report.markdown(Review((review,)))
    assert f"`leaving: [{{cluster: {CLUSTER}}}]` on tenant partner-api" in markdown
    assert "docs/OPERATING.md#draining-a-tenant" in markdown


def test_each_step_is_named_in_the_review(steps) -> None:  # type: ignore[no-untyped-def]
    review = stack_review("prod", diff(steps["placed"], steps["kept"], "main"))
    text = report.text(Review((review,)))
    assert f"drain payments from {CLUSTER}: step 1 of 3, kept: the old copy stays, protected" in text
    markdown = report.markdown(Review((review,)))
    assert "<summary>Drains (2)</summary>" in markdown


def test_a_retired_tenant_is_placed_nowhere_and_keeps_what_it_leaves() -> None:
    spec = raw_spec("prod")
    before = load(spec).placement.assignments["payments"]
    payments = next(t for t in spec["tenants"] if t["name"] == "payments")
    payments["retired"] = True
    payments["leaving"] = [{"cluster": c} for c in before]
    fleet = load(spec)
    assert fleet.placement.assignments["payments"] == ()
    after = snap("prod", spec)
    assert copy_of(after, "payments") == copy_of(snap("prod"), "payments")
    assert diff(snap("prod"), after, "main").resources == ()


def problems(spec: Any) -> list[str]:
    with pytest.raises(SpecError) as caught:
        load(spec)
    return [str(p) for p in caught.value.problems]


def tenant(spec: Any, name: str) -> dict[str, Any]:
    return next(t for t in spec["tenants"] if t["name"] == name)


def test_a_drain_names_a_cluster_that_still_exists() -> None:
    spec = raw_spec("prod")
    tenant(spec, "payments")["leaving"] = [{"cluster": "prod-aws-euc2"}]
    [problem] = problems(spec)
    assert problem.startswith("fleet:spec.tenants[1].leaving[0].cluster: 'prod-aws-euc2' is not a cluster; ")
    assert "keep a cluster in clusters (cordoned: true) until every tenant has left it" in problem


def test_a_drain_from_a_cluster_the_tenant_is_placed_on_is_refused() -> None:
    spec = raw_spec("prod")
    tenant(spec, "payments")["leaving"] = [{"cluster": CLUSTER}]
    assert problems(spec) == [
        f"fleet:spec.tenants[1].leaving[0].cluster: tenant 'payments' is placed on {CLUSTER!r}, so it is not "
        "leaving it: remove this entry, or cordon the cluster or change the tenant's placement to move it"
    ]


def test_a_drain_outside_the_regime_is_refused_with_the_order_that_works() -> None:
    spec = drained(False)
    tenant(spec, "payments")["leaving"].append({"cluster": "prod-aws-euzh"})  # Switzerland: not GDPR
    [problem] = problems(spec)
    assert "leaving[1].cluster: 'prod-aws-euzh' is in CH, outside the tenant's regime gdpr" in problem
    assert "Drain the tenant under the regime it had, then change residency" in problem


def test_a_listed_twice_and_a_retired_tenant_with_nothing_left_are_refused() -> None:
    spec = drained(False)
    tenant(spec, "payments")["leaving"].append({"cluster": CLUSTER, "dataMoved": True})
    tenant(spec, "web").update(retired=True)
    found = problems(spec)
    assert any(p.endswith(f"leaving[1].cluster: {CLUSTER!r} is already leaving[0]; list a cluster once") for p in found)
    assert any("is retired and leaves no cluster: nothing of it remains, so remove it from tenants" in p for p in found)


def test_a_dedicated_tenant_has_no_shared_cluster_to_leave() -> None:
    spec = raw_spec("prod")
    dedicated = next(t for t in spec["tenants"] if t.get("isolation") == "cluster")
    dedicated["leaving"] = [{"cluster": CLUSTER}]
    assert any("a tenant with isolation: cluster leaves no shared cluster" in p for p in problems(spec))
