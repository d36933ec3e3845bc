"""Azure Kubernetes Fleet Manager sequencing from the upgrade waves (fleet.core.waves.aks_stages,
fleet.waves.aks): what Fleet Manager would refuse, and what each stack renders of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pulumi
import pytest

from fleet.core.waves import AksStage, Wave, aks_stages
from fleet.review.render import render
from fleet.review.secrets import reveal
from fleet.spec.errors import SpecError
from fleet.spec.waves import read_upgrades
from tests.conftest import ROOT, raw_spec, rendered

WAVES = (Wave("dev", soak_days=3), Wave("staging", soak_days=7), Wave("prod", soak_days=2))
FLEET_TYPES = ("azure-native:containerservice:Fleet", "azure-native:containerservice:FleetUpdateStrategy")


def test_each_wave_with_aks_clusters_is_a_stage_that_soaks_before_the_next() -> None:
    stages, problems = aks_stages(WAVES, [("a", 0), ("b", 2), ("c", None), ("d", 2)])
    assert problems == []
    # staging holds no AKS cluster: no stage; the last stage has nothing to wait for.
    assert stages == [AksStage("dev", 3 * 86400), AksStage("prod", 0)]
    assert aks_stages(WAVES, [("c", None)]) == ([], [])


def test_names_fleet_manager_refuses_are_refused() -> None:
    long_wave = (Wave("w" * 51),)
    _, problems = aks_stages(long_wave, [("a" * 51, 0), ("x", 0), ("x", 0)])
    assert problems == [
        f"AKS cluster {'a' * 51} is 51 characters; a Fleet Manager member name is at most 50: shorten the "
        "cluster's name",
        "AKS cluster name x is used by two stacks; Fleet Manager names each member once: rename one of them",
        f"wave {'w' * 51} is 51 characters; a Fleet Manager stage and group name is at most 50: shorten the wave's "
        "name",
    ]
    assert aks_stages((Wave("w" * 50),), [("a" * 50, 0)])[1] == []


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        (
            "location",
            "westeurop",
            "'westeurop' is not a region of Azure; did you mean 'westeurope' (West Europe), in NL?",
        ),
        ("subscription", "NOT-A-UUID", "'NOT-A-UUID' is not an Azure subscription ID"),
        ("name", "Acme_Fleet", "'Acme_Fleet' does not have the required form"),
        ("resourceGroup", "ends-in-a-dot.", "'ends-in-a-dot.' does not have the required form"),
    ],
)
def test_the_fleet_manager_block_is_checked_with_file_line_and_key(
    tmp_path: Path, key: str, value: str, message: str
) -> None:
    text = (ROOT / "stacks" / "waves.yaml").read_text()
    good = {"location": "germanywestcentral", "subscription": "3c5a9e20-7d1f-4b6e-a8c3-2f9d0b1e4a66",
            "name": "acme-fleet-upgrades", "resourceGroup": "fleet-upgrades"}  # fmt: skip
    assert f"  {key}: {good[key]}" in text
    (tmp_path / "waves.yaml").write_text(text.replace(f"  {key}: {good[key]}", f"  {key}: {value}"))
    with pytest.raises(SpecError) as caught:
        read_upgrades(tmp_path)
    [problem] = caught.value.problems
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t.startswith(f"  {key}:"))
    assert problem.path == f"{tmp_path.name}/waves.yaml:{line}: azureFleetManager.{key}"
    assert message in problem.message


def _fleet_parts(stack: str) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for r in rendered(stack).resources:
        if r.type.startswith("azure-native:containerservice:Fleet") or r.urn.endswith(
            "acme-fleet-upgrades-upgrades-rg"
        ):
            found.setdefault(r.type.rsplit(":", 1)[1], []).append({**reveal(r.inputs), "_deps": r.dependencies})
    return found


def test_the_first_wave_s_stack_creates_the_manager_and_every_stack_joins_its_clusters() -> None:
    dev = _fleet_parts("dev")
    assert [f["fleetName"] for f in dev["Fleet"]] == ["acme-fleet-upgrades"]
    assert "hubProfile" not in dev["Fleet"][0]  # hubless: it orders updates, runs nothing
    assert [(m["fleetMemberName"], m["group"]) for m in dev["FleetMember"]] == [("dev-azure-weu", "dev")]
    assert "FleetUpdateStrategy" not in dev
    staging = _fleet_parts("staging")
    assert set(staging) == {"FleetMember"}  # joins the manager dev made
    assert [(m["fleetMemberName"], m["group"]) for m in staging["FleetMember"]] == [("stg-azure-swc", "staging")]
    prod = _fleet_parts("prod")
    assert sorted((m["fleetMemberName"], m["group"]) for m in prod["FleetMember"]) == [
        ("prod-azure-gwc", "prod"),
        ("prod-azure-noe", "prod"),
    ]
    assert all(m["clusterResourceId"].endswith(m["fleetMemberName"]) for m in prod["FleetMember"])


def test_the_last_wave_s_first_stack_writes_the_strategy_after_its_members_join() -> None:
    parts = _fleet_parts("global-eu")  # before prod by name, in the last wave
    [strategy] = parts["FleetUpdateStrategy"]
    assert strategy["updateStrategyName"] == "waves"
    assert strategy["strategy"]["stages"] == [
        {"name": "dev", "groups": [{"name": "dev"}], "afterStageWaitInSeconds": 259200},
        {"name": "staging", "groups": [{"name": "staging"}], "afterStageWaitInSeconds": 604800},
        {"name": "prod", "groups": [{"name": "prod"}], "afterStageWaitInSeconds": 0},
    ]
    [member] = parts["FleetMember"]
    assert any(d.endswith("acme-fleet-upgrades-upgrades-glb-azure-weu") for d in strategy["_deps"])
    assert member["group"] == "prod"
    assert "FleetUpdateStrategy" not in _fleet_parts("prod")


def test_the_program_stops_before_registering_anything_when_fleet_manager_would_refuse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stacks = tmp_path / "stacks"
    shutil.copytree(ROOT / "stacks", stacks)
    long_name = "staging-" + "x" * 43
    (stacks / "waves.yaml").write_text(
        (stacks / "waves.yaml").read_text().replace("name: staging", f"name: {long_name}")
    )
    monkeypatch.chdir(tmp_path)
    with pytest.raises(pulumi.RunError, match=f"wave {long_name} is 51 characters; a Fleet Manager stage"):
        render(raw_spec("staging"), "staging")
