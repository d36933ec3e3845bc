"""Upgrade waves across clouds and stacks, judged from the stack files' git history: a later wave's
cluster raised to a minor before every earlier wave's cluster has run it for its soak time is held,
with the day it may proceed."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from fleet.core.waves import Member, Wave, gate
from fleet.review import report, versions, waves
from fleet.review.document import Review, StackReview
from fleet.spec import SpecError
from fleet.spec.waves import read_waves
from tests.conftest import ROOT, fleet_of

WAVES = """\
waves:
  - name: dev
    select: {environments: [dev]}
    soakDays: 3
  - name: staging
    select: {environments: [staging]}
    soakDays: 7
  - name: prod
    select: {environments: [prod]}
"""
OLD, NEW = 'kubernetesVersion: "1.35"', 'kubernetesVersion: "1.36"'


def _commit(repo: Path, day: str, message: str) -> None:
    when = f"{day}T12:00:00+00:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=repo, env=env, check=True)


def _raise(stacks: Path, stack: str) -> None:
    path = stacks / f"Pulumi.{stack}.yaml"
    path.write_text(path.read_text().replace(OLD, NEW))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """dev, staging and prod (AWS, GCP and Azure clusters each) on 1.35 since November; dev took 1.36
    on 2026-12-01 and staging on 2026-12-03."""
    stacks = tmp_path / "stacks"
    stacks.mkdir()
    for stack in ("dev", "staging", "prod"):
        shutil.copy(ROOT / "stacks" / f"Pulumi.{stack}.yaml", stacks)
    (stacks / "waves.yaml").write_text(WAVES)
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "config", "user.email", "t@example.invalid"], cwd=tmp_path, check=True)
    subprocess.run(["git", "config", "user.name", "t"], cwd=tmp_path, check=True)
    _commit(tmp_path, "2026-11-01", "all on 1.35")
    _raise(stacks, "dev")
    _commit(tmp_path, "2026-12-01", "dev to 1.36")
    _raise(stacks, "staging")
    _commit(tmp_path, "2026-12-03", "staging to 1.36")
    return tmp_path


def _prod_raised(stacks: Path, as_of: dt.date) -> StackReview:
    """The review's version findings for prod raised to 1.36 in the working tree, against 1.35."""
    fleet = fleet_of("prod")
    clusters = {c.name: {"cloud": c.cloud} for c in fleet.deployed_clusters}
    head = {"clusters": {n: {**c, "kubernetesVersion": "1.36"} for n, c in clusters.items()}}
    base = {"clusters": {n: {**c, "kubernetesVersion": "1.35"} for n, c in clusters.items()}}
    found = versions.versions(head, base, as_of)
    held = waves.hold(found, fleet, read_waves(stacks) or (), stacks, as_of)
    return StackReview("prod", "stacks/Pulumi.prod.yaml", "prod", True, as_of=as_of.isoformat(), versions=held)


def test_prod_ahead_of_staging_s_soak_is_held_with_the_day_it_may_proceed(repo: Path) -> None:
    stacks = repo / "stacks"
    _raise(stacks, "prod")
    review = _prod_raised(stacks, dt.date(2026, 12, 6))
    built = [v for v in review.versions]
    assert {v.cloud for v in built} == {"aws", "gcp", "azure"} and {v.wave for v in built} == {"prod"}
    assert all(v.held for v in built)
    assert built[0].held == (
        "wave prod may take 1.36 on 2026-12-10, when every cluster of the earlier waves has run it for its "
        "wave's soak time"
    )
    assert review.verdict == "blocked"
    assert report.verdict_line(review).startswith(f"BLOCKED: {len(built)} clusters ahead of their upgrade wave")
    assert "!! HELD: prod-aws-euc1 (1.35 -> 1.36): wave prod may take 1.36 on 2026-12-10" in report.text(
        Review((review,))
    )


def test_after_the_soak_the_wave_proceeds(repo: Path) -> None:
    _raise(repo / "stacks", "prod")
    review = _prod_raised(repo / "stacks", dt.date(2026, 12, 10))
    assert not any(v.held for v in review.versions) and review.verdict == "pass"


def test_an_earlier_wave_not_on_the_minor_is_named(repo: Path) -> None:
    stacks = repo / "stacks"
    path = stacks / "Pulumi.staging.yaml"
    path.write_text(path.read_text().replace(NEW, OLD, 1))  # one staging cluster back on 1.35, uncommitted
    held = _prod_raised(stacks, dt.date(2026, 12, 20)).versions[0].held
    assert held.startswith("wave prod takes 1.36 only after the earlier waves: ")
    assert "(staging) not on 1.36 yet" in held


def test_history_is_read_from_git_commit_by_commit(repo: Path) -> None:
    found = {
        m.cluster: m for m in waves.members(repo / "stacks", read_waves(repo / "stacks") or (), dt.date(2026, 12, 6))
    }
    dev = next(m for name, m in found.items() if name.startswith("dev-"))
    assert dev.reached("1.36") == dt.date(2026, 12, 1) and dev.reached("1.35") == dt.date(2026, 11, 1)
    prod = next(m for name, m in found.items() if name.startswith("prod-"))
    assert prod.reached("1.36") is None and prod.wave == 2


def test_a_break_in_the_run_restarts_the_soak() -> None:
    member = Member("s", "c", 0, ((dt.date(2026, 1, 1), "1.36"), (dt.date(2026, 2, 1), "1.35"),
                                  (dt.date(2026, 3, 1), "1.36")))  # fmt: skip
    assert member.reached("1.36") == dt.date(2026, 3, 1)
    later = gate((Wave("a", soak_days=7), Wave("b")), [member], 1, "1.36", dt.date(2026, 3, 5))
    assert later.proceed_on == dt.date(2026, 3, 8) and not later.open


def test_the_waves_file_is_checked_with_file_line_and_key(tmp_path: Path) -> None:
    (tmp_path / "waves.yaml").write_text("waves:\n  - name: dev\n    soakDays: -1\n  - name: dev\n")
    with pytest.raises(SpecError) as caught:
        read_waves(tmp_path)
    [problem] = caught.value.problems
    assert problem.path == "tmp/waves.yaml:3: waves[0].soakDays".replace("tmp", tmp_path.name)
    assert problem.message == "-1 is out of range; it must be at least 0"
    (tmp_path / "waves.yaml").write_text("waves:\n  - name: dev\n  - name: dev\n")
    with pytest.raises(SpecError) as caught:
        read_waves(tmp_path)
    assert str(caught.value.problems[0]).endswith("waves[1].name: 'dev' is already waves[0]; wave names are unique")
    assert read_waves(tmp_path / "none") is None


def test_the_project_s_waves_order_every_cluster_it_builds() -> None:
    from fleet.core.waves import wave_of
    from tests.conftest import STACKS

    project_waves = read_waves(ROOT / "stacks")
    assert project_waves is not None and [w.name for w in project_waves] == ["dev", "staging", "prod"]
    for stack in STACKS:
        fleet = fleet_of(stack)
        for cluster in fleet.spec.clusters:
            if cluster.cloud != "existing":
                assert wave_of(project_waves, fleet.spec.environment, cluster.cloud, cluster.labels) is not None
