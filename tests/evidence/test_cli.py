"""`fleet evidence`: the deploy workflow's exact command, determinism across runs, exemptions from a
temporary exemptions file, no secret material, exit codes and error messages."""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from fleet.cli import main
from fleet.evidence import build, collect
from fleet.evidence.report import html_page, json_text, markdown
from fleet.evidence.stamp import stamp
from fleet.review import snapshot
from fleet.review.review import inspect_stack
from tests.conftest import ROOT, raw_spec
from tests.evidence.support import NOW, PACK, schema_errors, target

WORKFLOW = ROOT / ".github" / "workflows" / "pulumi-up.yml"


def _stack_file(directory: Path, name: str, spec: Any, extra: dict[str, Any] | None = None) -> Path:
    path = directory / f"Pulumi.{name}.yaml"
    path.write_text(yaml.safe_dump({"config": {"fleet:spec": spec, **(extra or {})}}, sort_keys=False))
    return path


def test_the_deploy_workflow_runs_the_command_this_test_runs() -> None:
    steps = yaml.safe_load(WORKFLOW.read_text())["jobs"]["up"]["steps"]
    run = next(s["run"] for s in steps if "fleet evidence" in s.get("run", ""))
    assert run == '.venv/bin/fleet evidence --stack "$STACK" --format json --output "evidence-$STACK.json"'


def test_two_runs_on_one_commit_differ_only_in_the_time() -> None:
    """The workflow's command, twice, each in its own process (own hash seed, own review key)."""
    fleet = Path(sys.executable).parent / "fleet"
    command = [str(fleet), "evidence", "--stack", "staging", "--format", "json", "--output", "evidence-staging.json"]
    output = ROOT / "evidence-staging.json"
    texts = []
    try:
        for seed in ("1", "2"):
            result = subprocess.run(
                command, cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True, text=True,
                timeout=600, check=False,
            )  # fmt: skip
            assert result.returncode in (0, 1), result.stderr  # the document is written whatever the verdict
            assert "fleet: wrote evidence-staging.json" in result.stderr
            texts.append(output.read_text(encoding="utf-8"))
    finally:
        output.unlink(missing_ok=True)
    first, second = (json.loads(t) for t in texts)
    assert schema_errors(first) == []
    changed = [
        line
        for line in difflib.unified_diff(texts[0].splitlines(), texts[1].splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert all('"generatedAt":' in line for line in changed), changed
    first["stamp"].pop("generatedAt"), second["stamp"].pop("generatedAt")
    assert first == second


def test_exemptions_from_an_exemptions_file_with_reason_expiry_and_what_they_waive(tmp_path: Path) -> None:
    pack = tmp_path / "policies"
    shutil.copytree(PACK, pack, ignore=shutil.ignore_patterns("__pycache__", "wheels", "exemptions"))
    (pack / "exemptions").mkdir()
    entries = [
        {
            "ruleId": "FLEET-CLU-003",
            "resource": "*$aws:eks/cluster:Cluster::dev-aws-*",
            "reason": "Audit logs ship through the central <SIEM> pipeline & are reviewed there.",
            "expires": "2099-12-31",
        },
        {
            "ruleId": "FLEET-CLU-003",
            "resource": "*::dev-gcp-euw1-gke",
            "reason": "Temporary waiver while the log sink is migrated.",
            "expires": "2020-01-01",
        },
        {
            "ruleId": "FLEET-TEN-001",
            "resource": "*::nothing-matches-this",
            "reason": "An exemption that waives nothing in this stack.",
            "expires": "2099-12-31",
        },
    ]
    (pack / "exemptions" / "dev.yaml").write_text(yaml.safe_dump(entries, sort_keys=False))
    found = collect(target("dev"), "test", pack_dir=pack, now=NOW)

    exemptions = found.policy.exemptions
    assert [(e.rule_id, e.resource, e.expires, e.status) for e in exemptions] == [
        ("FLEET-CLU-003", "*$aws:eks/cluster:Cluster::dev-aws-*", "2099-12-31", "in force"),
        ("FLEET-CLU-003", "*::dev-gcp-euw1-gke", "2020-01-01", "not applied"),
        ("FLEET-TEN-001", "*::nothing-matches-this", "2099-12-31", "in force"),
    ]
    assert exemptions[0].reason == entries[0]["reason"] and exemptions[0].problem is None
    assert [u.rsplit("::", 1)[1] for u in exemptions[0].waived] == ["dev-aws-euc1-eks"]
    assert (
        exemptions[1].problem == ("expired on 2020-01-01; fix the resource or renew the exemption with a reason")
        and exemptions[1].waived == ()
    )
    assert exemptions[2].waived == ()
    # The expired one is not applied: GKE and AKS miss audit logs and nothing waives them.
    rules = {r.id: r for r in found.policy.rules}
    assert (rules["FLEET-CLU-003"].outcome, rules["FLEET-CLU-003"].findings) == ("violated", 2)
    assert (rules["FLEET-EXM-001"].outcome, rules["FLEET-EXM-001"].findings) == ("violated", 1)
    assert found.policy.verdict == "blocked"

    document = json.loads(json_text(found))
    assert schema_errors(document) == []
    assert document["summary"]["exemptionsInForce"] == 2
    text = markdown(found)
    assert "| `FLEET-CLU-003` | `*$aws:eks/cluster:Cluster::dev-aws-*` | in force | 2099-12-31 |" in text
    assert "Audit logs ship through the central \\<SIEM\\> pipeline \\& are reviewed there." in text
    assert "not applied: expired on 2020-01-01" in text
    page = html_page(found)
    assert "Audit logs ship through the central &lt;SIEM&gt; pipeline &amp; are reviewed there." in page
    assert "<td>2099-12-31</td>" in page


PLANTED_TOKEN = "planted-token-5c8e1f0a9b7d4e62"
PLANTED_CIPHERTEXT = "v1:plantedCiphertextQmFzZTY0Tm90QVJlYWxTZWNyZXQ="


def test_no_secret_material_reaches_the_evidence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import fleet.review.render as render_module
    import fleet.review.review as review_module

    spec = yaml.safe_load((ROOT / "tests" / "e2e" / "spec.yaml").read_text())
    del spec["vcluster"]  # a chart path inside the end-to-end project
    path = _stack_file(
        tmp_path,
        "secrets",
        spec,
        {
            "fleet:onprem-fra-kubeconfig": {"secure": PLANTED_CIPHERTEXT},
            "fleet:onprem-nyc-kubeconfig": {"secure": PLANTED_CIPHERTEXT},
        },
    )
    real = render_module.mock_credentials

    def planted(raw: Any) -> dict[str, str]:
        return {
            key: value.replace('"token": "mock"', f'"token": "{PLANTED_TOKEN}"') for key, value in real(raw).items()
        }

    key = bytes(range(32))
    monkeypatch.setattr(render_module, "mock_credentials", planted)
    monkeypatch.setattr(review_module.os, "urandom", lambda n: key[:n])
    review, inspection = inspect_stack(target("secrets", path))
    assert inspection is not None, review.problems
    rendered = json.dumps([r.inputs for r in inspection.rendering.resources]) + json.dumps(inspection.rendering.outputs)
    assert PLANTED_TOKEN in rendered  # the secret is really in what the evidence is built from
    digests = re.findall(
        r'"digest": "([0-9a-f]+)"', json.dumps(snapshot.take(inspection.fleet, inspection.rendering, key))
    )
    assert digests  # and the review's keyed digests exist

    found = build(review, inspection, stamp(ROOT, inspection.spec, PACK, "test", NOW))
    assert [t.name for t in found.tenants] == ["payments", "billing", "research"]
    for text in (json_text(found), markdown(found), html_page(found)):
        assert PLANTED_TOKEN not in text and PLANTED_CIPHERTEXT not in text and "plantedCiphertext" not in text
        assert key.hex() not in text and not any(d in text for d in digests)
        assert "certificate-authority-data" not in text and "current-context" not in text
        # Every long hex string is the commit or the spec hash: nothing keyed, nothing random.
        allowed = {found.stamp.commit, found.stamp.spec_sha256}
        assert set(re.findall(r"[0-9a-f]{32,}", text)) <= allowed


def test_a_blocked_stack_still_gets_its_evidence_and_exits_1(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    # dev under another name: dev's exemptions file does not apply, its missing audit logs are violations.
    path = _stack_file(tmp_path, "dev-copy", raw_spec("dev"))
    output = tmp_path / "evidence.json"
    assert main(["evidence", "--stack-file", str(path), "--format", "json", "--output", str(output)]) == 1
    document = json.loads(output.read_text())
    assert document["policy"]["verdict"] == "blocked" and document["summary"]["rulesViolated"] >= 1
    clu_003 = [v["urn"].rsplit("::", 1)[1] for v in document["policy"]["violations"] if v["ruleId"] == "FLEET-CLU-003"]
    assert sorted(clu_003) == ["dev-aws-euc1-eks", "dev-azure-weu-aks", "dev-gcp-euw1-gke"]
    assert next(r for r in document["policy"]["rules"] if r["id"] == "FLEET-CLU-003")["outcome"] == "violated"
    assert document["stack"] == "dev-copy" and schema_errors(document) == []
    assert f"fleet: wrote {output}" in capsys.readouterr().err


def test_a_stack_without_regulated_tenants_gets_a_valid_document_that_says_so(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    spec = raw_spec("dev")
    for tenant in spec["tenants"]:
        tenant.pop("residency", None)
    path = _stack_file(tmp_path, "dev", spec)  # named dev: dev's exemptions apply
    assert main(["evidence", "--stack-file", str(path), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert schema_errors(document) == []
    assert document["regulated"] is False and document["tenants"] == [] and document["clusters"] == []
    assert document["summary"]["regulatedTenants"] == 0 and document["policy"]["verdict"] == "pass"
    assert main(["evidence", "--stack-file", str(path)]) == 0
    text = capsys.readouterr().out
    assert "**No regulated tenants or clusters in this stack**" in text and "## Regulated tenants" not in text


def test_unknown_stack(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["evidence", "--stack", "prdo"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("fleet: no stack 'prdo'") and "did you mean 'prod'?" in err


def test_bad_spec_names_the_key_path_and_value_without_a_traceback(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    spec = raw_spec("dev")
    spec["clusters"][0]["region"] = "mars-1"
    path = _stack_file(tmp_path, "bad", spec)
    assert main(["evidence", "--stack-file", str(path), "--format", "json"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "fleet:spec.clusters[0].region: 'mars-1' is not a region of AWS" in err and "Traceback" not in err


def test_unreadable_stack_file(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "Pulumi.broken.yaml"
    path.write_text("config:\n  fleet:spec: {environment: dev\n")
    assert main(["evidence", "--stack-file", str(path)]) == 2
    assert "Traceback" not in capsys.readouterr().err
    assert main(["evidence", "--stack-file", str(tmp_path / "Pulumi.missing.yaml")]) == 2
    assert "Pulumi.missing.yaml: no such file" in capsys.readouterr().err


def test_output_into_a_missing_directory_fails_before_any_work(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "nope" / "evidence.json"
    assert main(["evidence", "--stack", "prod", "--format", "json", "--output", str(missing)]) == 2
    assert f"--output {missing}: the directory {missing.parent} does not exist" in capsys.readouterr().err


def test_bad_options(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exit_info:
        main(["evidence", "--stack", "dev", "--format", "pdf"])
    assert exit_info.value.code == 2 and "invalid choice: 'pdf'" in capsys.readouterr().err
    assert main(["evidence", "--stack", "dev", "--ouput", "x.json"]) == 2
    assert "did you mean '--output'?" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["evidence"])
    assert (
        exit_info.value.code == 2 and "one of the arguments --stack --stack-file is required" in capsys.readouterr().err
    )


def test_internal_error_exits_3_without_a_traceback(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    import fleet.review.review as review_module

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("mock runtime exploded")

    monkeypatch.setattr(review_module, "render", broken)
    monkeypatch.delenv("FLEET_DEBUG", raising=False)
    assert main(["evidence", "--stack", "dev"]) == 3
    err = capsys.readouterr().err
    assert "fleet: internal error: RuntimeError: mock runtime exploded" in err and "Traceback" not in err
