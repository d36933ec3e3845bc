"""Command-line values are input too (a workflow passes a branch's stack names through): each odd
one is a usage error found before any work, exit 2 with the option named, never an internal error."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from fleet.cli import EXIT_SPEC, main
from tests.conftest import ROOT


@pytest.fixture(autouse=True)
def _in_project(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def _refused(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(argv) == EXIT_SPEC
    err = capsys.readouterr().err
    assert "internal error" not in err and "Traceback" not in err
    return err


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["validate", "--stack", "x" * 300], "is not a Pulumi stack name"),
        (["review", "--stack", "x" * 300], "is not a Pulumi stack name"),
        (["validate", "--stack", "../stacks/Pulumi.dev"], "is not a Pulumi stack name"),
        (["validate", "--stack", "dev\x1b[31m"], "'dev\\x1b[31m' is not a Pulumi stack name"),
        (["validate", "--stack", ""], "is not a Pulumi stack name"),
        (["review", "--environment", ""], "--environment is empty"),
        (["review", "--stack", "dev", "--output", ""], "--output is empty"),
        (["report", "--input", "x.json", "--output", " "], "--output is empty"),
        (["review", "--stack", "dev", "--base", ""], "--base is empty"),
        (["review", "--stack", "dev", "--output", "/tmp"], "is a directory"),
        (["review", "--stack", "dev", "--output", "/dev/full"], "is not a regular file"),
        (["review", "--stack", "dev", "--output", "stacks/Pulumi.dev.yaml"], "is the file this command reads"),
        (["evidence", "--stack", "dev", "--output", "stacks/Pulumi.dev.yaml"], "is the file this command reads"),
        (["report", "--input", "/dev/zero"], "is not a regular file"),
        (["review", "--stack", "dev", "--rules-url", "javascript:alert(1)"], "is not a web address"),
        (["review", "--stack", "dev", "--artifact-url", "data:text/html,x"], "is not a web address"),
        (["report", "--input", "x.json", "--rules-url", "//evil.example/x"], "is not a web address"),
        (["review", "--stack", "dev", "--output", "stacks/review.md"], "is among the files fleet reads"),
        (["review", "--stack", "dev", "--output", "Pulumi.yaml"], "is among the files fleet reads"),
        (["review", "--stack", "dev", "--output", "policies/exemptions/dev.yaml"], "is among the files fleet reads"),
        (["report", "--input", "stacks"], "is not a regular file"),
    ],
)
def test_odd_values_are_refused_before_any_work(argv: list[str], says: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert says in _refused(argv, capsys)


def test_a_stack_file_named_unlike_a_stack_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "Pulumi.a b.yaml"
    path.write_text((ROOT / "stacks" / "Pulumi.dev.yaml").read_text())
    assert "names stack" in _refused(["validate", "--stack-file", str(path)], capsys)


def test_a_fifo_as_output_is_refused_without_blocking(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "out"
    os.mkfifo(fifo)  # opening it for writing would block until a reader comes
    assert "is not a regular file" in _refused(["review", "--stack", "dev", "--output", str(fifo)], capsys)


@pytest.mark.parametrize(
    "document",
    [
        "[1, 2]",
        '{"stacks": {}}',
        '{"stacks": [1]}',
        '{"stacks": [{"name": 1}]}',
        '{"stacks": [{"stack": 1, "stackFile": "x", "environment": "e", "production": false}]}',
        '{"stacks": [{"stack": "s", "stackFile": "x", "environment": "e", "production": "yes"}]}',
        '{"stacks": [{"stack": "s", "stackFile": "x", "environment": "e", "production": false, "problems": 3}]}',
        "[" * 100_000,
        "\xff",
        "",
    ],
)
def test_a_malformed_saved_review_is_refused(tmp_path: Path, document: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "review.json"
    path.write_text(document, encoding="latin-1")
    assert "not a `fleet review --format json` document" in _refused(["report", "--input", str(path)], capsys)


def test_a_saved_review_cannot_be_overwritten_by_its_own_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "review.json"
    path.write_text(json.dumps({"stacks": []}))
    assert "is the file this command reads" in _refused(["report", "--input", str(path), "--output", str(path)], capsys)
    assert json.loads(path.read_text()) == {"stacks": []}


def test_review_all_of_no_stacks_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "Pulumi.yaml").write_text((ROOT / "Pulumi.yaml").read_text())
    (tmp_path / "stacks").mkdir()
    monkeypatch.chdir(tmp_path)
    assert "no stacks to review" in _refused(["review", "--all"], capsys)
