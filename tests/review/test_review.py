"""`fleet review`: each part of the summary and the diff, exit codes, and a real git diff."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from fleet.cli import main
from fleet.review import report, snapshot
from fleet.review.diff import changed_paths, diff, render_path
from fleet.review.document import (
    Changes,
    Cluster,
    ResourceChange,
    Review,
    StackReview,
    Tenant,
    Violation,
    from_json,
    to_json,
)
from fleet.review.render import render
from fleet.review.secrets import mask, wrap
from tests.conftest import ROOT, fleet_of, raw_spec, rendered


def snap(stack: str, spec=None, key: bytes | None = None):  # type: ignore[no-untyped-def]
    spec = spec if spec is not None else raw_spec(stack)
    rendering = rendered(stack) if spec == raw_spec(stack) else render(spec, stack)
    return snapshot.take(fleet_of(stack, spec), rendering, key)


def cordoned(stack: str, cluster: str):  # type: ignore[no-untyped-def]
    spec = raw_spec(stack)
    next(c for c in spec["clusters"] if c["name"] == cluster)["cordoned"] = True
    return spec


def by_name(changes: Changes) -> dict[str, ResourceChange]:
    return {r.urn.rsplit("::", 1)[1]: r for r in changes.resources}


def stack_review(stack: str, changes: Changes | None = None, violations: tuple[Violation, ...] = ()) -> StackReview:
    head = snap(stack)
    return StackReview(
        stack,
        f"stacks/Pulumi.{stack}.yaml",
        head["environment"],
        production=fleet_of(stack).spec.production,
        clusters=tuple(
            Cluster(n, c["cloud"], c["region"], c["country"], c["residency"], c["dedicatedTo"], c["cordoned"])
            for n, c in head["clusters"].items()
        ),
        tenants=tuple(
            Tenant(n, t["isolation"], t["regime"], tuple(t["clusters"]), tuple(t["countries"]), t["reason"])
            for n, t in head["tenants"].items()
        ),
        violations=violations,
        resource_types={"x": len(head["resources"])},
        protected=tuple(r["urn"] for r in head["resources"] if r["protect"]),
        changes=changes,
    )


def test_snapshots_never_hold_secret_values() -> None:
    text = json.dumps(snap("dev", key=b"k" * 32))
    assert "[secret]" in text
    assert "certificate-authority-data" not in text and "get-token" not in text


def test_changed_paths_are_dotted() -> None:
    before = {"spec": {"hard": {"pods": "10", "services": "5"}}, "metadata": {"name": "a"}}
    after = {"spec": {"hard": {"pods": "20", "services": "5"}}, "metadata": {"name": "a"}, "extra": 1}
    assert changed_paths(before, after) == [("extra",), ("spec", "hard", "pods")]
    assert render_path(("spec", "hard", "limits.cpu")) == 'spec.hard["limits.cpu"]'


def test_tenant_move_and_residency_change() -> None:
    changes = diff(snap("prod"), snap("prod", cordoned("prod", "prod-aws-euc1")), "main")
    moves = {m.tenant: m for m in changes.moves}
    assert moves["payments"].before == ("prod-aws-euc1", "prod-azure-noe", "prod-gcp-euw4")
    assert "prod-aws-euc1" not in moves["payments"].after
    countries = {c.tenant: c for c in changes.countries}
    assert countries["partner-api"].new == ("CH",) and countries["partner-api"].regime == "dach"


def test_deleting_a_protected_resource_blocks_with_the_way_out() -> None:
    changes = diff(snap("prod"), snap("prod", cordoned("prod", "prod-aws-euc1")), "main")
    blocked = {r.urn.rsplit("::", 1)[1] for r in changes.blocked_deletions}
    assert {"prod-aws-euc1/payments-ns", "prod-aws-euc1/partner-api-ns"} <= blocked
    review = stack_review("prod", changes)
    assert review.verdict == "blocked"
    assert report.verdict_line(review).startswith("BLOCKED: 2 protected resources deleted or replaced")
    text = report.markdown(Review((review,)))
    assert "> [!CAUTION]" in text and "`pulumi up` refuses each one and stops half-way" in text
    # The way out for a tenant's copy is the drain the program owns, not a state edit.
    way_out = "tenant payments's data is on prod-aws-euc1: keep the copy while it moves, with "
    assert way_out + "`leaving: [{cluster: prod-aws-euc1}]`" in text
    assert "pulumi state unprotect" not in text


def test_protection_follows_the_production_property_not_the_name() -> None:
    for shard in ("global-eu", "global-us"):
        assert any(r["protect"] for r in snap(shard)["resources"]), shard
    spec = raw_spec("prod")
    spec["production"] = False
    assert not any(r["protect"] for r in snap("prod", spec)["resources"])


def test_removing_a_cluster_flags_the_cluster_itself() -> None:
    spec = raw_spec("staging")
    spec["clusters"] = [c for c in spec["clusters"] if c["name"] != "stg-aws-use1"]
    changes = diff(snap("staging"), snap("staging", spec), "main")
    deleted = {r.type for r in changes.dangerous}
    assert "aws:eks/cluster:Cluster" in deleted and "aws:kms/key:Key" in deleted


def test_changed_inputs_show_old_and_new_values() -> None:
    spec = raw_spec("dev")
    next(t for t in spec["tenants"] if t["name"] == "web")["quota"]["cpu"] = 3
    changes = diff(snap("dev"), snap("dev", spec), "main")
    quota = by_name(changes)["dev-azure-weu/web-quota"]
    assert quota.action == "update"
    assert [(v.key, v.old, v.new) for v in quota.values] == [
        ('spec.hard["limits.cpu"]', "2", "3"),
        ('spec.hard["requests.cpu"]', "2", "3"),
    ]


def _with_secret(value: dict[str, Any]) -> dict[str, Any]:
    return {
        "resources": [
            {"urn": "urn:x::p", "type": "pulumi:providers:kubernetes", "inputs": {"kubeconfig": value},
             "protect": False, "provider": None, "dependencies": []}
        ],
        "tenants": {},
    }  # fmt: skip


def test_a_changed_secret_says_it_changed_without_showing_it() -> None:
    key = b"k" * 32
    old, new = mask(wrap("one"), key), mask(wrap("two"), key)
    changes = diff(_with_secret(old), _with_secret(new), "main")
    (value,) = changes.resources[0].values
    assert (value.key, value.old, value.new) == ("kubeconfig", "[secret]", "[secret] (changed)")
    assert "one" not in json.dumps(to_json(changes)) and "two" not in json.dumps(to_json(changes))
    assert diff(_with_secret(old), _with_secret(mask(wrap("one"), key)), "main").resources == ()
    # A base made without digests (older code) says nothing rather than crying wolf.
    assert diff(_with_secret(mask(wrap("one"))), _with_secret(new), "main").resources == ()


def test_a_replaced_provider_replaces_everything_it_manages() -> None:
    spec = raw_spec("dev")
    spec["clusters"][0]["name"] = "dev-aws-euc1b"  # a renamed cluster: new provider, new objects
    changes = diff(snap("dev"), snap("dev", spec), "main")
    deleted = {r.urn.rsplit("::", 1)[1] for r in changes.of("delete")}
    assert "dev-aws-euc1-k8s" in deleted and "dev-aws-euc1/payments-ns" in deleted
    provider = by_name(changes)["dev-aws-euc1-k8s"]
    assert "dev-aws-euc1/payments-ns" in {u.rsplit("::", 1)[1] for u in provider.dependents}


def violation(rule: str = "FLEET-CLU-001", level: str = "mandatory") -> Violation:
    return Violation("cluster-private-endpoint", rule, level, "exposes its API server", "urn:x::c", "high")


def test_new_violation_is_reported_and_blocks() -> None:
    head = snap("dev")
    review = stack_review("dev", diff(head, head, "main", [violation()]), (violation(),))
    assert review.verdict == "blocked"
    assert to_json(review)["changes"]["newViolations"][0]["ruleId"] == "FLEET-CLU-001"
    assert report.verdict_line(review).startswith("BLOCKED: 1 mandatory policy violation")


def test_markdown_leads_with_one_summary_table_and_draws_the_fleet() -> None:
    review = Review((stack_review("prod", violations=(violation(level="advisory"),)),))
    text = report.markdown(review, report.Links.for_project(ROOT, "https://example.com/RULES.md"))
    lines = text.splitlines()
    assert lines[0] == "### fleet review: PASS (1 stacks)"
    assert lines[2].startswith("| stack | verdict | added | removed | changed | replaced | dangerous |")
    assert "```mermaid" in lines and "flowchart LR" in lines
    assert '  cloud_aws --> region_aws_eu_central_2__CH_["eu-central-2 (CH)"]' in lines
    assert any(line.endswith('(["swiss-wealth (namespace, ch)"])') for line in lines)
    assert "[FLEET-CLU-001](https://example.com/RULES.md#fleet-clu-001-" in text
    assert "<details><summary>Protected resources (" in text


def test_unchanged_stacks_collapse_to_a_line() -> None:
    head = snap("dev")
    quiet = stack_review("dev", diff(head, head, "main"))
    busy = stack_review("prod", diff(snap("prod"), snap("prod", cordoned("prod", "prod-aws-euc1")), "main"))
    text = report.markdown(Review((busy, quiet)))
    assert "No changes and no findings: `dev`." in text
    assert "#### `dev`" not in text and "#### `prod`" in text


def test_json_document_is_stable() -> None:
    document = to_json(Review((stack_review("prod"),)))
    assert list(document) == ["version", "verdict", "stacks"]
    stack = document["stacks"][0]
    assert list(stack)[:4] == ["stack", "stackFile", "environment", "production"]
    assert stack["summary"] == {
        "clusters": 10, "tenants": 7, "resources": 915, "protected": 123, "mandatory": 0, "advisory": 0,
    }  # fmt: skip
    payments = next(t for t in stack["tenants"] if t["name"] == "payments")
    assert set(payments["countries"]) == {"DE", "NL", "NO"}
    assert from_json(StackReview, stack) == stack_review("prod")


def test_prod_protects_tenant_data() -> None:
    protected = {urn.rsplit("$", 1)[1].split("::")[0] for urn in stack_review("prod").protected}
    assert {
        "aws:eks/cluster:Cluster",
        "gcp:container/cluster:Cluster",
        "azure-native:containerservice:ManagedCluster",
        "kubernetes:core/v1:Namespace",
        "kubernetes:helm.sh/v3:Release",
    } <= protected
    assert stack_review("dev").protected == ()


def test_exit_0_when_clean(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["review", "--stack", "prod", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["verdict"] == "pass"


def test_exit_1_on_mandatory_violations_with_the_spec_line(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    # dev without its exemptions file: its clusters' missing audit logs are mandatory violations.
    path = tmp_path / "Pulumi.dev-copy.yaml"
    path.write_text(yaml.safe_dump({"config": {"fleet:spec": raw_spec("dev")}}, sort_keys=False))
    assert main(["review", "--stack-file", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[1].startswith("BLOCKED: 3 mandatory policy violations")
    assert out.count("FLEET-CLU-003") == 3
    assert f"{path}:" in out  # each violation points at its cluster's line in the stack file


def test_exit_2_on_spec_error_with_a_report(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    spec = raw_spec("dev")
    spec["clusters"][0]["region"] = "mars-1"
    path = tmp_path / "Pulumi.bad.yaml"
    path.write_text(yaml.safe_dump({"config": {"fleet:spec": spec}}, sort_keys=False))
    assert main(["review", "--stack-file", str(path), "--format", "markdown"]) == 2
    out = capsys.readouterr().out
    assert out.startswith("### fleet review: INVALID SPEC")
    line = next(i + 1 for i, text in enumerate(path.read_text().splitlines()) if "mars-1" in text)
    assert f"{path}:{line}" in out and "'mars-1' is not a region of AWS" in out


def test_exit_3_on_internal_error_without_traceback(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    import fleet.review.review as review_module

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("mock runtime exploded")

    monkeypatch.setattr(review_module, "render", broken)
    monkeypatch.delenv("FLEET_DEBUG", raising=False)
    assert main(["review", "--stack", "dev"]) == 3
    err = capsys.readouterr().err
    assert "fleet: internal error: RuntimeError: mock runtime exploded" in err
    assert "Traceback" not in err


def test_review_across_two_commits_of_a_git_repository(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    for item in ("fleet", "stacks", "policies", "docs", "Pulumi.yaml", "pyproject.toml"):
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
    # Cordoning moves tenants off the cluster, deleting their protected namespaces: blocked.
    assert result.returncode == 1, result.stderr
    changes = json.loads(result.stdout)["stacks"][0]["changes"]
    assert changes["base"] == "HEAD~1"
    assert {m["tenant"] for m in changes["moves"]} == {"payments", "partner-api"}
    assert any(u.endswith("prod-aws-euc1/payments-ns") for u in changes["blockedDeletions"])
    assert "fleet: rendering prod at HEAD~1" in result.stderr  # progress goes to stderr


def test_unknown_base_ref_is_a_usage_error_found_before_rendering(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["review", "--stack", "dev", "--base", "no-such-ref"]) == 2
    err = capsys.readouterr().err
    assert "--base 'no-such-ref' is not a commit in this repository" in err and "fetch-depth: 0" in err
    assert "rendering" not in err
