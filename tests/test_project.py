"""The project files the Pulumi CLI reads are valid."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from tests.conftest import ROOT, SHARED


def test_pulumi_yaml_matches_the_cli_schema() -> None:
    schema_path = SHARED / "pulumi" / "project.schema.json"
    if not schema_path.is_file():
        pytest.skip(f"{schema_path} is not present on this machine")
    project = yaml.safe_load((ROOT / "Pulumi.yaml").read_text())
    jsonschema.validate(project, json.loads(schema_path.read_text()))
    assert project["runtime"]["name"] == "python"
    assert project["stackConfigDir"] == "stacks"


def test_every_stack_file_only_uses_keys_the_cli_knows() -> None:
    for path in (ROOT / "stacks").glob("Pulumi.*.yaml"):
        document = yaml.safe_load(path.read_text())
        assert set(document) <= {"config", "secretsprovider", "encryptedkey", "encryptionsalt", "environment"}, path


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("name: [fleet\n", "is not valid YAML"),
        ("- fleet\n", "is not a map of project settings"),
        ("name: fleet\nname: other\nruntime: python\n", "appears twice"),
        ("name: 'a b'\nruntime: python\n", "is not a Pulumi project name"),
        ("name: fleet\nruntime: nodejs\n", "is not python"),
        ("name: fleet\nruntime: python\nstackConfigDir: elsewhere\n", "moves stack config away"),
    ],
)
def test_a_pulumi_yaml_the_cli_would_not_load_stops_fleet(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    text: str,
    says: str,
) -> None:
    from fleet.cli import EXIT_SPEC, main

    (tmp_path / "Pulumi.yaml").write_text(text)
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "--stack", "dev"]) == EXIT_SPEC
    err = capsys.readouterr().err
    assert says in err and "Pulumi.yaml" in err, err
