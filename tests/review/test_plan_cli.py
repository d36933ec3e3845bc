"""`fleet plan` as a user runs it: exit codes, output shapes, secrets never in plain text."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

from fleet.cli import main
from tests.conftest import ROOT, raw_spec


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fleet", *args], cwd=cwd, capture_output=True, text=True, timeout=300, check=False
    )


def write_stack(tmp_path: Path, spec: object, name: str = "broken") -> Path:
    path = tmp_path / f"Pulumi.{name}.yaml"
    path.write_text(yaml.safe_dump({"config": {"fleet:spec": spec}}))
    return path


def test_plan_json_shape(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["plan", "--stack", "dev", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["stack"] == "dev"
    resources = document["resources"]
    base = ("inputs", "name", "parent", "protect", "provider", "type", "urn")
    assert {tuple(k for k in sorted(r) if k not in ("mockInputs", "read")) for r in resources} == {base}
    urns = {r["urn"] for r in resources}
    for resource in resources:
        assert resource["parent"] is None or resource["parent"] in urns
        assert resource["provider"] is None or resource["provider"] in urns
    eks = next(r for r in resources if r["type"] == "aws:eks/cluster:Cluster")
    assert eks["provider"].endswith("pulumi:providers:aws::dev-aws-euc1-aws")


def test_plan_json_never_shows_secrets(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["plan", "--stack", "dev", "--format", "json"]) == 0
    out = capsys.readouterr().out
    document = json.loads(out)
    assert document["outputs"]["kubeconfigs"] == "[secret]"
    for provider in (r for r in document["resources"] if r["type"] == "pulumi:providers:kubernetes"):
        assert provider["inputs"]["kubeconfig"] == "[secret]"
    assert "certificate-authority-data" not in out
    assert "get-token" not in out


def test_plan_text_shows_a_tree_per_cluster(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["plan", "--stack", "prod"]) == 0
    out = capsys.readouterr().out
    assert "fleet:clusters:EksCluster  prod-aws-euc1" in out
    assert "aws:eks/cluster:Cluster  prod-aws-euc1-eks [protected]" in out
    assert "prod-azure-noe: azure norwayeast (NO)" in out


def test_bad_spec_exits_2_with_the_message_only(tmp_path: Path) -> None:
    spec = raw_spec("dev")
    spec["clusters"][0]["region"] = "eu-centrl-1"
    path = write_stack(tmp_path, spec)
    result = run("plan", "--stack-file", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if "eu-centrl-1" in text)
    assert result.stderr.splitlines() == [
        "the fleet spec has 1 problem; nothing was created:",
        f"  {path}:{line}: fleet:spec.clusters[0].region: 'eu-centrl-1' is not a region of AWS; did you mean "
        "'eu-central-1' (Europe (Frankfurt)), in DE? run `fleet regions --cloud aws` for the list",
    ]


def test_stack_file_without_spec(tmp_path: Path) -> None:
    path = tmp_path / "Pulumi.empty.yaml"
    path.write_text("config: {}\n")
    result = run("plan", "--stack-file", str(path))
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        "the fleet spec has 1 problem; nothing was created:",
        f"  {path}: has no config.fleet:spec; add the fleet spec there",
    ]


def test_unknown_stack_lists_the_stacks() -> None:
    result = run("plan", "--stack", "qa")
    assert result.returncode == 2
    assert result.stderr.strip().endswith("stacks here: dev, global-eu, global-us, prod, staging")
    assert "Traceback" not in result.stderr


def test_program_stops_a_bad_spec_without_registering_anything() -> None:
    # The Pulumi program itself (not only the CLI) refuses a bad spec before any resource exists.
    import pulumi
    import pytest

    from fleet.review.render import RecordingMonitor, render

    spec = raw_spec("dev")
    spec["clusters"][1]["kubernetesVersion"] = "1.20"
    registered: list[str] = []
    original = RecordingMonitor.RegisterResource

    def spy(self, request):  # type: ignore[no-untyped-def]
        registered.append(request.type)
        return original(self, request)

    RecordingMonitor.RegisterResource = spy  # type: ignore[method-assign]
    try:
        with pytest.raises(pulumi.RunError) as caught:
            render(spec, "dev")
    finally:
        RecordingMonitor.RegisterResource = original  # type: ignore[method-assign]
    assert "fleet:spec.clusters[1].kubernetesVersion: Kubernetes '1.20' is not supported" in str(caught.value)
    assert registered == ["pulumi:pulumi:Stack"]


def test_plan_labels_what_the_mocks_made_up(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["plan", "--stack", "dev", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert "made up offline" in document["mock"]
    by_name = {r["name"]: r for r in document["resources"]}
    subnet = next(r for r in document["resources"] if r["type"] == "aws:ec2/subnet:Subnet")
    # The VPC's ID comes from the mock; the subnet's range and tags come from the spec.
    assert "vpcId" in subnet["mockInputs"]
    assert not any(p.startswith(("cidrBlock", "tags")) for p in subnet["mockInputs"])
    namespace = next(r for r in document["resources"] if r["type"] == "kubernetes:core/v1:Namespace")
    assert "mockInputs" not in namespace
    assert by_name  # every resource is listed once
    assert sorted(document["mockOutputs"]) == sorted(
        f"inventory.{c}.endpoint" for c in document["outputs"]["inventory"]
    )

    assert main(["plan", "--stack", "dev"]) == 0
    text = capsys.readouterr().out
    assert "made up offline" in text.splitlines()[0]
    endpoints = [line for line in text.splitlines() if line.startswith("  dev-") and "https://" in line]
    assert endpoints and all(line.endswith("(mock)") for line in endpoints)
