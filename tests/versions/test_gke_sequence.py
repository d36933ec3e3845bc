"""GKE rollout sequencing from the upgrade waves (fleet.core.waves.gke_sequence): each rule GKE
states passes and fails, and the stacks render their part of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pulumi
import pytest

from fleet.core.waves import Wave, gke_sequence
from fleet.review.render import render
from fleet.review.secrets import reveal
from tests.conftest import ROOT, raw_spec, rendered

WAVES = (Wave("dev", soak_days=3), Wave("staging", soak_days=7), Wave("prod"))


def test_each_project_follows_the_nearest_earlier_wave_with_gke_clusters() -> None:
    fleets, problems = gke_sequence(WAVES, [("p-dev", 0), ("p-prod", 2), ("p-prod-us", 2), ("p-dev", 0)])
    assert problems == []
    assert {p: (f.upstream, f.soak_days) for p, f in fleets.items()} == {
        "p-dev": (None, 3),
        "p-prod": ("p-dev", 0),  # staging has no GKE cluster: prod follows dev
        "p-prod-us": ("p-dev", 0),
    }


def test_a_project_in_two_waves_is_refused() -> None:
    fleets, problems = gke_sequence(WAVES, [("shared", 0), ("shared", 2), ("p-stg", 1), ("loose", None), ("loose", 1)])
    assert problems == [
        "GCP project loose holds GKE clusters of waves (no wave), staging; GKE rollout sequencing orders fleets, one "
        "per project: give each wave's GKE clusters their own project",
        "GCP project shared holds GKE clusters of waves dev, prod; GKE rollout sequencing orders fleets, one per "
        "project: give each wave's GKE clusters their own project",
    ]
    assert set(fleets) == {"p-stg"}


def test_two_upstream_fleets_are_refused_and_one_is_fine() -> None:
    _, problems = gke_sequence(WAVES, [("a", 0), ("b", 0), ("c", 1)])
    assert problems == [
        "wave staging's GKE fleets would follow 2 fleets of the wave before (a, b); a GKE fleet takes at most one "
        "upstream fleet: put that wave's GKE clusters in one project"
    ]
    assert gke_sequence(WAVES, [("a", 0), ("b", 0)])[1] == []  # nothing follows them


def test_a_soak_over_30_days_and_a_sixth_group_are_refused() -> None:
    long = (Wave("dev", soak_days=30), Wave("staging", soak_days=31))
    assert gke_sequence(long, [("a", 0), ("b", 1)])[1] == [
        "wave staging soaks 31 days; GKE rollout sequencing soaks a fleet at most 30"
    ]
    six = tuple(Wave(f"w{i}") for i in range(6))
    assert gke_sequence(six[:5], [(f"p{i}", i) for i in range(5)])[1] == []
    assert gke_sequence(six, [(f"p{i}", i) for i in range(6)])[1] == [
        "6 waves hold GKE clusters, a GKE rollout sequence of 6 groups; GKE takes at most 5"
    ]


def test_the_stacks_render_their_fleets_and_features() -> None:
    """stacks/waves.yaml: dev (3 days) -> staging (7) -> prod and global."""
    staging = rendered("staging")
    cluster = next(r for r in staging.resources if r.type == "gcp:container/cluster:Cluster")
    assert reveal(cluster.inputs)["fleet"] == {"project": "acme-fleet-staging"}
    [feature] = [r for r in staging.resources if r.type == "gcp:gkehub/feature:Feature"]
    assert reveal(feature.inputs) == {
        "name": "clusterupgrade",
        "location": "global",
        "project": "acme-fleet-staging",
        "spec": {"clusterupgrade": {"upstreamFleets": ["acme-fleet-dev"], "postConditions": {"soaking": "604800s"}}},
    }
    assert cluster.urn in feature.dependencies
    prod = [reveal(r.inputs) for r in rendered("prod").resources if r.type == "gcp:gkehub/feature:Feature"]
    assert sorted((f["project"], f["spec"]["clusterupgrade"]["upstreamFleets"][0]) for f in prod) == [
        ("acme-fleet-prod", "acme-fleet-staging"),
        ("acme-fleet-prod-us", "acme-fleet-staging"),
    ]


def test_the_program_stops_before_registering_anything_when_gke_would_refuse_the_sequence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stacks = tmp_path / "stacks"
    shutil.copytree(ROOT / "stacks", stacks)
    waves = (stacks / "waves.yaml").read_text().replace("soakDays: 7", "soakDays: 31")
    (stacks / "waves.yaml").write_text(waves)
    monkeypatch.chdir(tmp_path)
    # Raised at the start of build(), before the first resource (fleet.program.gke_rollout).
    with pytest.raises(
        pulumi.RunError, match="wave staging soaks 31 days; GKE rollout sequencing soaks a fleet at most"
    ):
        render(raw_spec("staging"), "staging")
