"""`fleet policy-pack`: the pack as `pulumi policy publish` uploads it.

The end-to-end suite runs the bundle with the real CLI; these check what it must contain.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
import yaml

from fleet.cli import main
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("publish") / "pack"
    assert main(["policy-pack", "--output", str(output)]) == 0
    return output


def test_published_pack_has_its_own_virtualenv(bundle: Path) -> None:
    source = yaml.safe_load((ROOT / "policies" / "PulumiPolicy.yaml").read_text())
    published = yaml.safe_load((bundle / "PulumiPolicy.yaml").read_text())
    assert source["runtime"]["options"]["virtualenv"] == "../.venv"
    assert published["runtime"]["options"]["virtualenv"] == "venv"
    assert {k: v for k, v in published.items() if k != "runtime"} == {k: v for k, v in source.items() if k != "runtime"}


def test_published_pack_has_every_rule_and_no_stack_files(bundle: Path) -> None:
    rules = sorted(p.name for p in (ROOT / "policies" / "fleetguard" / "rules").glob("*.py"))
    assert sorted(p.name for p in (bundle / "fleetguard" / "rules").glob("*.py")) == rules
    assert not (bundle / "config").exists() and not (bundle / "exemptions").exists()
    assert not list(bundle.rglob("__pycache__"))


def test_the_wheel_is_the_core_alone_with_every_data_file(bundle: Path) -> None:
    (wheel,) = (bundle / "wheels").glob("*.whl")
    tracked = subprocess.run(
        ["git", "ls-files", "fleet/core"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert any(not f.endswith(".py") for f in tracked), "the core has data files (the region catalogue at least)"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    package = {n for n in names if not n.startswith("fleet_core-")}
    assert package == {*tracked, "fleet/__init__.py"}, "the wheel holds fleet.core and nothing else of fleet"
    assert "Name: fleet-core" in metadata
    assert [line for line in metadata.splitlines() if line.startswith("Requires-Dist")] == ["Requires-Dist: pyyaml>=6"]


def test_requirements_are_the_policy_sdk_and_the_core(bundle: Path) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = [
        line for line in (bundle / "requirements.txt").read_text().splitlines() if line and not line.startswith("#")
    ]
    policy_pin = next(d for d in project["dependencies"] if d.startswith("pulumi-policy=="))
    assert requirements == [policy_pin, "--find-links wheels", f"fleet-core=={project['version']}"]
    (wheel,) = (bundle / "wheels").glob("*.whl")
    assert wheel.name == f"fleet_core-{project['version']}-py3-none-any.whl"


def test_the_wheel_is_reproducible(tmp_path: Path) -> None:
    from fleet.review.publish import core_wheel

    first = core_wheel(tmp_path / "a", "0.1.0").read_bytes()
    assert core_wheel(tmp_path / "b", "0.1.0").read_bytes() == first


def test_an_existing_output_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "pack").mkdir()
    assert main(["policy-pack", "--output", str(tmp_path / "pack")]) == 2
    assert "already exists" in capsys.readouterr().err


def test_command_line_entry_point(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "fleet", "policy-pack"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 2 and "--output" in result.stderr
