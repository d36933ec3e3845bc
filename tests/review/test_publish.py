"""`fleet policy-pack`: the pack as `pulumi policy publish` uploads it.

The end-to-end suite runs the bundle with the real CLI; these check what it must contain.
"""

from __future__ import annotations

import re
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


def test_wheel_carries_every_data_file_of_the_package(bundle: Path) -> None:
    (wheel,) = (bundle / "wheels").glob("fleet-*.whl")
    tracked = subprocess.run(
        ["git", "ls-files", "fleet"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    data = {f for f in tracked if not f.endswith(".py")}
    assert data, "the package has data files (the region catalogue at least)"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert data <= names, f"missing from the wheel (add them to package-data): {sorted(data - names)}"


def test_requirements_install_exactly_the_pinned_versions(bundle: Path) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = (bundle / "requirements.txt").read_text()
    policy_pin = next(d for d in project["dependencies"] if d.startswith("pulumi-policy=="))
    assert re.search(rf"^{re.escape(policy_pin)}$", requirements, re.M)
    assert re.search(rf"^fleet=={re.escape(project['version'])}$", requirements, re.M)
    assert re.search(r"^--find-links wheels$", requirements, re.M)
    (wheel,) = (bundle / "wheels").glob("fleet-*.whl")
    assert wheel.name.startswith(f"fleet-{project['version']}-")


def test_an_existing_output_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "pack").mkdir()
    assert main(["policy-pack", "--output", str(tmp_path / "pack")]) == 2
    assert "already exists" in capsys.readouterr().err


def test_command_line_entry_point(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "fleet", "policy-pack"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 2 and "--output" in result.stderr
