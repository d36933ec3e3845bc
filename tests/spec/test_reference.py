"""The spec reference (docs/SPEC.md and the JSON Schemas) is generated from the model, up to date,
documents every key, and agrees with the validator: what the project's stacks and the reference's
own examples hold passes both, and what the schema refuses the validator refuses too."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from fleet.spec import reference
from fleet.spec.errors import SpecError
from fleet.spec.load import from_stack_file

ROOT = Path(__file__).resolve().parents[2]
STACK_FILES = sorted((ROOT / "stacks").glob("Pulumi.*.yaml"))
SPEC_FILES = sorted((ROOT / "stacks").glob("*.fleet.yaml"))


def _schema(path: Path) -> jsonschema.Draft7Validator:
    schema = json.loads((ROOT / path).read_text())
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def test_the_generated_files_are_up_to_date() -> None:
    stale = [str(p) for p, text in reference.rendered(ROOT).items() if (ROOT / p).read_text() != text]
    assert not stale, f"run `.venv/bin/python -m fleet.spec.reference` and commit: {stale} are out of date"


def test_every_key_says_what_it_means() -> None:
    schema = json.loads((ROOT / reference.SPEC_SCHEMA).read_text())
    silent = [
        f"{name}.{key}"
        for name, definition in [("FleetSpec", schema), *schema["definitions"].items()]
        for key, node in definition.get("properties", {}).items()
        if not node.get("description")
    ]
    assert not silent, f"add a docstring under these fields in fleet/spec/model.py: {silent}"


@pytest.mark.parametrize(
    ("path", "modeline", "schema"),
    [pytest.param(p, reference.STACK_MODELINE, reference.STACK_SCHEMA, id=p.name) for p in STACK_FILES]
    + [pytest.param(p, reference.SPEC_MODELINE, reference.SPEC_SCHEMA, id=p.name) for p in SPEC_FILES],
)
def test_every_stack_and_spec_file_names_its_schema_and_meets_it(path: Path, modeline: str, schema: Path) -> None:
    text = path.read_text()
    assert modeline in text.splitlines()[:5]
    errors = list(_schema(schema).iter_errors(yaml.safe_load(text)))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]


def _examples_in_the_reference() -> list[str]:
    text = (ROOT / reference.SPEC_DOC).read_text()
    examples = text.split("## Keys", 1)[0]
    return re.findall(r"```yaml\n(.*?)```", examples, flags=re.S)[1:]  # the first is the modeline


def test_a_new_stack_written_from_the_reference_alone_validates(tmp_path: Path) -> None:
    """Issue 22: each example, copied out of docs/SPEC.md as a user would, into a new project's
    stacks/ directory, is accepted by the schema and by the validator."""
    examples = _examples_in_the_reference()
    assert len(examples) >= 2
    validator = _schema(reference.STACK_SCHEMA)
    (tmp_path / "stacks").mkdir()
    for index, example in enumerate(examples):
        path = tmp_path / "stacks" / f"Pulumi.example{index}.yaml"
        path.write_text(example)
        assert not list(validator.iter_errors(yaml.safe_load(example)))
        fleet = from_stack_file(path)
        assert fleet.clusters and fleet.spec.tenants


def _with(spec: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    found = json.loads(json.dumps(spec))
    node = found["config"]["fleet:spec"]
    *parents, last = path.split(".")
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return found


BAD = {
    "an unknown key": ("clusters.0.kubernetesVerison", "1.35"),
    "a value outside the enum": ("tenants.0.isolation", "vm"),
    "a quota above the bound": ("tenants.0.quota.pods", 1_000_000),
    "a wrong type": ("production", "yes"),
    "a name too long": ("tenants.0.name", "t" * 41),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_what_the_schema_refuses_the_validator_refuses_too(case: str, tmp_path: Path) -> None:
    """An editor's red line is never a false alarm: the same file fails `fleet validate`."""
    example = yaml.safe_load((ROOT / reference.EXAMPLES_DIR / "on-premises.yaml").read_text())
    path, value = BAD[case]
    bad = _with(example, path, value)
    assert list(_schema(reference.STACK_SCHEMA).iter_errors(bad))
    (tmp_path / "stacks").mkdir()
    stack = tmp_path / "stacks" / "Pulumi.bad.yaml"
    stack.write_text(yaml.safe_dump(bad))
    with pytest.raises(SpecError):
        from_stack_file(stack)


def test_the_readmes_error_sample_is_what_validate_prints(tmp_path: Path, monkeypatch: Any, capsys: Any) -> None:
    from fleet.cli import main

    readme = (ROOT / "README.md").read_text()
    sample = readme.split("A mistake is reported with its file and line", 1)[1].split("```\n", 2)[1].splitlines()
    (tmp_path / "stacks").mkdir()
    text = (ROOT / reference.EXAMPLES_DIR / "three-clouds.yaml").read_text()
    pool = "{name: system, machineType: Standard_D4s_v5, minSize: 2, maxSize: 4}"
    assert "region: eu-central-1" in text and pool in text
    text = text.replace("region: eu-central-1", "region: eu-centrl-1").replace(
        pool, pool.replace("2", "5").replace("4}", "3}")
    )
    (tmp_path / "stacks" / "Pulumi.staging.yaml").write_text(text)
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "--stack-file", "stacks/Pulumi.staging.yaml"]) == 2
    assert capsys.readouterr().err.splitlines() == sample


def _yaml_blocks(path: Path) -> list[tuple[int, str]]:
    """(line, text) of every ```yaml block of a Markdown file."""
    found, block, start = [], None, 0
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if block is None and line.strip() == "```yaml":
            block, start = [], number + 1
        elif block is not None and line.strip() == "```":
            found.append((start, textwrap.dedent("\n".join(block))))
            block = None
        elif block is not None:
            block.append(line)
    return found


DOCS = [ROOT / "README.md", *sorted(p for p in (ROOT / "docs").glob("*.md") if p.name != "SPEC.md")]
BLOCKS = [(path, line, text) for path in DOCS for line, text in _yaml_blocks(path)]


@pytest.mark.parametrize(("path", "line", "text"), BLOCKS, ids=[f"{p.name}:{n}" for p, n, _ in BLOCKS])
def test_every_yaml_example_in_the_docs_meets_the_schema(
    path: Path, line: int, text: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Issue 22: an example a reader copies is valid where it goes. A whole stack file is checked
    as one; a fragment (some keys of the spec, or one cluster) against the keys it shows: each
    key it writes must be a key of the spec, each value complete and valid."""
    data = yaml.safe_load(text)
    if data is None:
        return  # a comment only (the modeline)
    if isinstance(data, dict) and set(data) == {"waves"}:  # stacks/waves.yaml, read as the review reads it
        from fleet.spec.waves import FILE, read_waves

        directory = tmp_path_factory.mktemp("waves")
        (directory / FILE).write_text(text)
        assert read_waves(directory)
        return
    stack = json.loads((ROOT / reference.STACK_SCHEMA).read_text())
    definitions = stack["definitions"]
    spec = definitions["FleetSpec"]
    if isinstance(data, list):  # list items: clusters, by their `cloud`
        schema = {"items": spec["properties"]["clusters"]["items"]}
    else:
        fragment = {k: v for k, v in spec.items() if k != "required"}
        schema = {
            **fragment,
            "properties": {**spec["properties"], "config": stack["properties"]["config"]},
        }
    errors = list(jsonschema.Draft7Validator({**schema, "definitions": definitions}).iter_errors(data))
    where = f"{path.relative_to(ROOT)}:{line}"
    assert not errors, [f"{where}: {list(e.absolute_path)}: {e.message}" for e in errors]


def test_an_existing_cluster_example_reviews_offline_with_placeholder_secrets(capsys: Any) -> None:
    """The README says offline commands need a kubeconfig key set as a secret, never its value:
    the example's `secure:` values are placeholders no passphrase decrypts."""
    from fleet.cli import main

    path = ROOT / reference.EXAMPLES_DIR / "on-premises.yaml"
    assert "fleet:fra-1-kubeconfig:\n    secure: " in path.read_text()
    assert main(["review", "--stack-file", str(path)]) == 0
    assert "PASS (2 clusters, 3 tenants" in capsys.readouterr().out
