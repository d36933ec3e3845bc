"""The stamp: commit and dirt, the spec's hash over canonical bytes, the pack's version."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import yaml

from fleet.evidence.stamp import SPEC_HASHED, canonical_spec, git_state, pack_version, spec_sha256, stamp
from tests.conftest import ROOT, raw_spec
from tests.evidence.support import NOW, evidence


def test_the_spec_hash_is_sha256_of_the_canonical_json() -> None:
    spec = raw_spec("prod")
    expected = hashlib.sha256(
        json.dumps(spec, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    ).hexdigest()
    assert spec_sha256(spec) == expected == evidence("prod").stamp.spec_sha256
    assert canonical_spec({"b": 1, "a": "ü"}) == '{"a":"ü","b":1}'.encode()
    assert "sort_keys=True" in SPEC_HASHED and "UTF-8" in SPEC_HASHED


def test_reformatting_the_yaml_keeps_the_hash_and_a_changed_value_changes_it(tmp_path: Path) -> None:
    spec = raw_spec("dev")
    reformatted = tmp_path / "Pulumi.dev.yaml"
    # Block style, reversed key order, no comments: the same values.
    reordered = dict(reversed(list(spec.items())))
    reformatted.write_text(yaml.safe_dump({"config": {"fleet:spec": reordered}}, default_flow_style=False))
    from fleet.spec.load import read_stack

    assert spec_sha256(read_stack(reformatted).raw) == spec_sha256(spec)
    spec["clusters"][0]["capacity"]["cpu"] = 9
    assert spec_sha256(spec) != spec_sha256(raw_spec("dev"))


def test_the_commit_is_head_and_dirt_is_what_git_status_lists(tmp_path: Path) -> None:
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True)
    status = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True, check=True)
    assert git_state(ROOT) == (head.stdout.strip(), bool(status.stdout.strip()))

    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args], cwd=tmp_path, check=True,
                       capture_output=True)  # fmt: skip

    git("init", "-q")
    (tmp_path / "a.txt").write_text("one\n")
    git("add", "a.txt")
    git("commit", "-qm", "one")
    commit, dirty = git_state(tmp_path)
    assert commit is not None and len(commit) == 40 and dirty is False
    (tmp_path / "a.txt").write_text("two\n")
    assert git_state(tmp_path) == (commit, True)
    git("checkout", "-q", "a.txt")
    (tmp_path / "untracked.txt").write_text("new\n")
    assert git_state(tmp_path) == (commit, True)


def test_outside_a_checkout_commit_and_dirt_are_unknown(tmp_path: Path) -> None:
    assert git_state(tmp_path) == (None, None)
    found = stamp(tmp_path, {"a": 1}, ROOT / "policies", "9.9.9", NOW)
    assert (found.commit, found.dirty, found.fleet_version, found.generated_at) == (None, None, "9.9.9", NOW)


def test_the_pack_version_is_pulumipolicy_yaml_version(tmp_path: Path) -> None:
    declared = yaml.safe_load((ROOT / "policies" / "PulumiPolicy.yaml").read_text())["version"]
    assert pack_version(ROOT / "policies") == str(declared) == evidence("dev").stamp.pack_version
    (tmp_path / "PulumiPolicy.yaml").write_text("runtime: python\nversion: 7.1.0\n")
    assert pack_version(tmp_path) == "7.1.0"
    (tmp_path / "PulumiPolicy.yaml").write_text("runtime: python\n")
    assert pack_version(tmp_path) == "unversioned"
