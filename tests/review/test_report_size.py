"""The pull-request comment fits GitHub at any fleet size, and the map fits Mermaid.

Synthetic reviews (no rendering) of growing fleets, each with a cordon-like change: every tenant
of one cluster moves, and its objects are deleted and created elsewhere. The measured numbers for
real renders of 10x100 and 30x500 fleets are in benchmarks/results/review-size.md.
"""

from __future__ import annotations

import pytest

from fleet.review import report
from fleet.review.document import (
    Changes,
    Cluster,
    ResourceChange,
    Review,
    StackReview,
    Tenant,
    TenantMove,
    ValueChange,
    Violation,
)


def synthetic(clusters: int, tenants: int, stacks: int = 1) -> Review:
    reviews = []
    for s in range(stacks):
        names = [f"s{s}-c{i:03d}-{('aws', 'gcp', 'azure')[i % 3]}" for i in range(clusters)]
        cluster_rows = tuple(
            Cluster(n, n.rsplit("-", 1)[1], f"region-{i % 7}", "DE", None, None, i == 0) for i, n in enumerate(names)
        )
        tenant_rows = tuple(
            Tenant(f"t{j:05d}", "namespace", "gdpr", (names[j % clusters], names[(j + 1) % clusters]), ("DE",), "r")
            for j in range(tenants)
        )
        moved = [t for t in tenant_rows if names[0] in t.clusters]
        changes = []
        for t in moved:
            for kind in ("Namespace", "ResourceQuota", "LimitRange", "NetworkPolicy", "RoleBinding"):
                old = f"urn:pulumi:x::fleet::fleet:clusters:EksCluster$kubernetes:core/v1:{kind}::{names[0]}/{t.name}"
                new = old.replace(names[0], names[2])
                changes.append(
                    ResourceChange(old, f"kubernetes:core/v1:{kind}", "delete", protected=kind == "Namespace")
                )
                changes.append(ResourceChange(new, f"kubernetes:core/v1:{kind}", "create"))
            changes.append(
                ResourceChange(
                    f"urn:x::{names[1]}/{t.name}-quota",
                    "kubernetes:core/v1:ResourceQuota",
                    "update",
                    (ValueChange('spec.hard["requests.cpu"]', "2", "4"),),
                )
            )
        violations = tuple(
            Violation("residency-tenant-cluster", "FLEET-RES-004", "advisory", "x" * 200, f"urn:x::{names[0]}/{j}")
            for j in range(min(tenants, 300))
        )
        moves = tuple(TenantMove(t.name, t.clusters, (names[2],)) for t in moved)
        reviews.append(
            StackReview(
                f"stack-{s}",
                f"stacks/Pulumi.stack-{s}.yaml",
                "prod",
                True,
                cluster_rows,
                tenant_rows,
                violations,
                {"kubernetes:core/v1:Namespace": tenants * 12},
                tuple(f"urn:x::{names[i % clusters]}/p{i}" for i in range(tenants)),
                Changes("main", tuple(changes), moves),
            )
        )
    return Review(tuple(reviews))


@pytest.mark.parametrize(("clusters", "tenants", "stacks"), [(3, 10, 1), (10, 100, 1), (30, 500, 1), (30, 500, 5)])
def test_the_comment_always_fits_github(clusters: int, tenants: int, stacks: int) -> None:
    review = synthetic(clusters, tenants, stacks)
    comment = report.markdown(review)
    assert len(comment) <= report.BUDGET < report.COMMENT_LIMIT
    lines = comment.splitlines()
    assert lines[0].startswith("### fleet review: BLOCKED")
    assert lines[2].startswith("| stack | verdict |")  # the summary table comes first, at every size
    assert "> [!CAUTION]" in comment  # what blocks the deploy is never cut


def test_a_small_review_is_not_cut_and_a_large_one_says_where_the_rest_is() -> None:
    small = report.markdown(synthetic(3, 10))
    assert "Details are cut" not in small
    large = report.markdown(synthetic(30, 500, 5), report.Links(artifact="https://example.com/run/1"))
    assert "Details are cut to fit a comment; see [the full report](https://example.com/run/1)." in large


@pytest.mark.parametrize(("clusters", "tenants"), [(3, 10), (30, 500), (300, 5000)])
def test_the_map_stays_within_mermaid_limits(clusters: int, tenants: int) -> None:
    stack = synthetic(clusters, tenants).stacks[0]
    diagram = report.mermaid(stack)
    if diagram is not None:
        assert diagram.count("-->") <= report.MERMAID_MAX_EDGES
        assert len(diagram) <= report.MERMAID_MAX_TEXT
    if clusters == 3:
        assert diagram is not None and f'["{stack.clusters[0].name} (cordoned)"]' in diagram


def test_a_large_map_shows_regions_and_the_clusters_a_change_touches() -> None:
    stack = synthetic(30, 500).stacks[0]
    diagram = report.mermaid(stack)
    assert diagram is not None
    assert "clusters," in diagram  # regions summarised
    assert f'["{stack.clusters[0].name} (cordoned)"]' in diagram  # the cordoned cluster is drawn


def test_when_even_the_summary_is_too_long_whole_rows_are_kept_and_the_link_ends_it() -> None:
    review = synthetic(3, 10, 1500)
    artifact = "https://example.com/run/7"
    comment = report.markdown(review, report.Links(artifact=artifact))
    assert len(comment) <= report.BUDGET
    assert comment.rstrip().endswith(f"see [the full report]({artifact}).")
    table = [line for line in comment.splitlines() if line.startswith("| `stack-")]
    assert 0 < len(table) < 1500
    for line in table:  # every row whole: its ten cells, its code span closed
        assert line.endswith(" |") and line.count(" | ") == 9 and line.count("`") == 2
