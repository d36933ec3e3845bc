"""The project files the Pulumi CLI reads are valid."""

from __future__ import annotations

import json

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
