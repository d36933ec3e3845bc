"""`fleet review`: each part of the summary and the diff, exit codes, and a real git diff."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from fleet.cli import main
from fleet.review import report, snapshot
from fleet.review.diff import changed_keys, diff
from fleet.review.policy import Violation
from fleet.review.render import render
from fleet.spec import load
from tests.conftest import ROOT, raw_spec, rendered


def snap(stack: str, spec=None):  # type: ignore[no-untyped-def]
    spec = spec if spec is not None else raw_spec(stack)
    rendering = rendered(stack) if spec == raw_spec(stack) else render(spec, stack)
    return snapshot.take(load(spec), rendering)


def cordoned(stack: str, cluster: str):  # type: ignore[no-untyped-def]
    spec = raw_spec(stack)
    next(c for c in spec["clusters"] if c["name"] == cluster)["cordoned"] = True
    return spec


def test_snapshots_never_hold_secret_values() -> None:
    text = json.dumps(snap("dev"))
    assert "[secret]" in text
    assert "certificate-authority-data" not in text and "get-token" not in text


def test_changed_keys_are_dotted_paths() -> None:
    before = {"spec": {"hard": {"pods": "10", "services": "5"}}, "metadata": {"name": "a"}}
    after = {"spec": {"hard": {"pods": "20", "services": "5"}}, "metadata": {"name": "a"}, "extra": 1}
    assert changed_keys(before, after) == ["extra", "spec.hard.pods"]


def test_tenant_move_and_residency_change() -> None:
    changes = diff(snap("prod"), snap("prod", cordoned("prod", "prod-aws-euc1")))
    moves = {m["tenant"]: m for m in changes["tenantMoves"]}
    assert moves["payments"]["from"] == ["prod-aws-euc1", "prod-azure-noe", "prod-gcp-euw4"]
    assert "prod-aws-euc1" not in moves["payments"]["to"]
    residency = {c["tenant"]: c for c in changes["residencyChanges"]}
    assert residency["partner-api"]["new"] == ["CH"] and residency["partner-api"]["regime"] == "dach"


def test_protected_deletion_is_flagged() -> None:
    changes = diff(snap("prod"), snap("prod", cordoned("prod", "prod-aws-euc1")))
    dangerous = {r["urn"].rsplit("::", 1)[1] for r in changes["dangerousDeletions"]}
    assert {"prod-aws-euc1/payments-ns", "prod-aws-euc1/partner-api-ns"} <= dangerous
    assert all(r["protected"] for r in changes["dangerousDeletions"] if r["type"] == "kubernetes:core/v1:Namespace")


def test_removing_a_cluster_flags_the_cluster_itself() -> None:
    spec = raw_spec("staging")
    spec["clusters"] = [c for c in spec["clusters"] if c["name"] != "stg-aws-use1"]
    changes = diff(snap("staging"), snap("staging", spec))
    deleted = {r["type"] for r in changes["dangerousDeletions"]}
    assert "aws:eks/cluster:Cluster" in deleted and "aws:kms/key:Key" in deleted


def test_changed_inputs_name_their_keys() -> None:
    spec = raw_spec("dev")
    next(t for t in spec["tenants"] if t["name"] == "web")["quota"]["cpu"] = 3
    changes = diff(snap("dev"), snap("dev", spec))
    quota = [c for c in changes["changed"] if c["urn"].endswith("/web-quota")]
    assert quota and quota[0]["keys"] == ["spec.hard.limits.cpu", "spec.hard.requests.cpu"]


def violation(rule: str = "FLEET-CLU-001", level: str = "mandatory") -> Violation:
    return Violation("cluster-private-endpoint", rule, level, "exposes its API server", "urn:x::c", "high")


def test_new_violation_is_reported_and_blocks() -> None:
    head = snap("dev")
    document = report.build(head, [violation()], diff(head, head), "main", [violation()])
    assert document["verdict"] == "blocked"
    assert document["base"]["newViolations"] == [
        {"level": "mandatory", "rule": "FLEET-CLU-001", "urn": "urn:x::c", "message": "exposes its API server"}
    ]
    assert report.verdict_line(document).startswith("BLOCKED: 1 mandatory policy violation")


def test_markdown_leads_with_the_verdict_and_draws_the_fleet() -> None:
    document = report.build(snap("prod"), [violation(level="advisory")])
    text = report.markdown(document)
    lines = text.splitlines()
    assert lines[0].startswith("### fleet review `prod`: PASS: no mandatory policy violations (10 clusters, 7 tenants")
    assert "```mermaid" in lines and "flowchart LR" in lines
    assert '  cloud_aws --> region_aws_eu_central_2__CH_["eu-central-2 (CH)"]' in lines
    assert any(line.endswith('(["swiss-wealth (namespace, ch)"])') for line in lines)
    assert "| tenant | isolation | regime | clusters | countries |" in lines


def test_json_document_is_stable() -> None:
    document = report.build(snap("prod"), [])
    assert list(document) == [
        "version", "stack", "environment", "verdict", "summary", "clusters", "tenants", "residency",
        "violations", "resourceTypes", "protectedResources", "base",
    ]  # fmt: skip
    assert document["summary"] == {
        "clusters": 10, "tenants": 7, "resources": 513, "protected": 31, "mandatory": 0, "advisory": 0,
    }  # fmt: skip
    payments = next(r for r in document["residency"] if r["tenant"] == "payments")
    assert {p["country"] for p in payments["placements"]} == {"DE", "NL", "NO"}


def test_prod_protects_tenant_data() -> None:
    protected = {urn.rsplit("$", 1)[1].split("::")[0] for urn in report.build(snap("prod"), [])["protectedResources"]}
    assert {
        "aws:eks/cluster:Cluster",
        "gcp:container/cluster:Cluster",
        "azure-native:containerservice:ManagedCluster",
        "kubernetes:core/v1:Namespace",
        "kubernetes:helm.sh/v3:Release",
    } <= protected
    assert report.build(snap("dev"), [])["protectedResources"] == []


def test_exit_0_when_clean(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["review", "--stack", "prod", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["verdict"] == "pass"


def test_exit_1_on_mandatory_violations(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    # dev without its exemptions file: its clusters' missing audit logs are mandatory violations.
    path = tmp_path / "Pulumi.dev-copy.yaml"
    path.write_text(yaml.safe_dump({"config": {"fleet:spec": raw_spec("dev")}}))
    assert main(["review", "--stack-file", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("BLOCKED: 3 mandatory policy violations")
    assert out.count("FLEET-CLU-003") == 3


def test_exit_2_on_spec_error(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    spec = raw_spec("dev")
    spec["clusters"][0]["region"] = "mars-1"
    path = tmp_path / "Pulumi.bad.yaml"
    path.write_text(yaml.safe_dump({"config": {"fleet:spec": spec}}))
    assert main(["review", "--stack-file", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "fleet:spec.clusters[0].region: 'mars-1' is not a region of AWS" in captured.err


def test_exit_3_on_internal_error_without_traceback(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    import fleet.review.render as render_module

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("mock runtime exploded")

    monkeypatch.setattr(render_module, "render", broken)
    monkeypatch.delenv("FLEET_DEBUG", raising=False)
    assert main(["review", "--stack", "dev"]) == 3
    err = capsys.readouterr().err
    assert "fleet: internal error: RuntimeError: mock runtime exploded" in err
    assert "Traceback" not in err


def test_review_across_two_commits_of_a_git_repository(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    for item in ("fleet", "stacks", "policies", "Pulumi.yaml", "pyproject.toml"):
        source = ROOT / item
        if source.is_dir():
            shutil.copytree(source, repo / item, ignore=shutil.ignore_patterns("__pycache__", "wheels"))
        else:
            shutil.copy(source, repo / item)

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "base")
    stack = repo / "stacks" / "Pulumi.prod.yaml"
    document = yaml.safe_load(stack.read_text())
    next(c for c in document["config"]["fleet:spec"]["clusters"] if c["name"] == "prod-aws-euc1")["cordoned"] = True
    stack.write_text(yaml.safe_dump(document))
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qam", "cordon prod-aws-euc1")

    result = subprocess.run(
        [sys.executable, "-m", "fleet", "review", "--stack", "prod", "--base", "HEAD~1", "--format", "json"],
        cwd=repo,
        env={**os.environ, "PYTHONPATH": str(repo)},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    base = json.loads(result.stdout)["base"]
    assert base["ref"] == "HEAD~1"
    assert {m["tenant"] for m in base["tenantMoves"]} == {"payments", "partner-api"}
    assert any(r["urn"].endswith("prod-aws-euc1/payments-ns") for r in base["dangerousDeletions"])
    assert "fleet: rendering prod at HEAD~1" in result.stderr  # progress goes to stderr


def test_unknown_base_ref_is_a_clear_error(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["review", "--stack", "dev", "--base", "no-such-ref"]) == 2
    assert "git rev-parse --verify no-such-ref^{commit} failed" in capsys.readouterr().err


@pytest.mark.parametrize("workflow", sorted((ROOT / ".github" / "workflows").glob("*.yml")), ids=lambda p: p.name)
def test_workflows_validate_against_the_github_schema(workflow: Path) -> None:
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "check-jsonschema"),
            "--builtin-schema",
            "vendor.github-workflows",
            str(workflow),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
