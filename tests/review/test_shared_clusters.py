"""Two stacks of one project must not deploy the same cloud cluster: each would create, change and
delete the other's resources. A branch that copies a stack file is refused before rendering."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fleet.cli import EXIT_SPEC, main
from tests.conftest import ROOT


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("Pulumi.yaml", "stacks", "policies"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_copied_stack_deploys_the_same_clusters(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(project / "stacks" / "Pulumi.dev.yaml", project / "stacks" / "Pulumi.dev2.yaml")
    assert main(["review", "--stack", "dev"]) == EXIT_SPEC
    out = capsys.readouterr().out
    assert (
        "fleet:spec.clusters[0].name: cluster 'dev-aws-euc1' in account 111111111111 is also deployed by stack 'dev2'"
        in out
    )
    assert out.count("is also deployed by stack 'dev2'") == 3


def test_a_renamed_cluster_in_the_copy_is_its_own(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (project / "stacks" / "Pulumi.dev.yaml").read_text()
    renamed = text.replace("dev-aws-euc1", "dev2-aws-euc1").replace("dev-gcp-euw1", "dev2-gcp-euw1")
    renamed = renamed.replace("dev-azure-weu", "dev2-azure-weu")
    (project / "stacks" / "Pulumi.dev2.yaml").write_text(renamed)
    assert main(["validate", "--stack", "dev2"]) == 0
    from fleet.review.review import Target, _siblings
    from fleet.spec.checks import shared_clusters
    from fleet.spec.load import from_stack_file

    target = Target("dev", project / "stacks" / "Pulumi.dev.yaml", project)
    assert shared_clusters(from_stack_file(target.path), _siblings(target)) == []


def test_the_projects_own_stacks_share_no_cluster() -> None:
    from fleet.review.review import Target, _siblings
    from fleet.spec.checks import shared_clusters
    from fleet.spec.load import from_stack_file

    for path in sorted((ROOT / "stacks").glob("Pulumi.*.yaml")):
        target = Target(path.stem.removeprefix("Pulumi."), path, ROOT)
        assert shared_clusters(from_stack_file(path), _siblings(target)) == [], path
