"""An exemptions file is written by whoever opens the pull request: every shape that is not a list
of well-formed entries is refused with the file and line, before anything is rendered."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fleet.review import policy_config
from fleet.spec import SpecError

VALID = (
    '- {ruleId: FLEET-CLU-003, resource: "*::dev-*", reason: "no audit logs in dev, to save cost", '
    'expires: "2027-06-30"}\n'
)


def _write(tmp_path: Path, content: bytes | str) -> Path:
    policies = tmp_path / "policies"
    (policies / "exemptions").mkdir(parents=True)
    data = content.encode() if isinstance(content, str) else content
    (policies / "exemptions" / "s.yaml").write_bytes(data)
    return policies


def _refusal(tmp_path: Path, content: bytes | str) -> str:
    with pytest.raises(SpecError) as err:
        policy_config.exemptions("s", _write(tmp_path, content))
    return err.value.render()


def test_a_well_formed_file_is_read(tmp_path: Path) -> None:
    entries = policy_config.exemptions("s", _write(tmp_path, VALID))
    assert entries == [
        {
            "ruleId": "FLEET-CLU-003",
            "resource": "*::dev-*",
            "reason": "no audit logs in dev, to save cost",
            "expires": "2027-06-30",
        }
    ]


def test_no_file_and_an_empty_file_mean_no_exemptions(tmp_path: Path) -> None:
    assert policy_config.exemptions("absent", _write(tmp_path, "")) == []
    assert policy_config.exemptions("s", tmp_path / "policies") == []


def test_a_short_reason_or_past_expiry_is_left_to_the_pack(tmp_path: Path) -> None:
    # FLEET-EXM-001 reports these as findings, so the review shows them; only shapes are refused here.
    text = '- {ruleId: FLEET-CLU-003, resource: x, reason: "short", expires: "2001-01-01"}\n'
    assert policy_config.exemptions("s", _write(tmp_path, text))[0]["reason"] == "short"


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("ruleId: FLEET-CLU-003\n", "s.yaml:1: is a map"),
        ("- just a string\n", "s.yaml:1: entry 1: is text 'just a string', not an entry"),
        ("42\n", "is a number 42, not a list of exemptions"),
        ("[unclosed\n", "is not valid YAML"),
        ("- !!binary aGVsbG8=\n", "the tag"),
        ("- &a [*a]\n", "nested more than"),
        (b"\xff\xfe- x\n", "is not UTF-8 text"),
        ("- {ruleId: FLEET-CLU-003, ruleId: FLEET-CLU-004}\n", "appears twice"),
        (VALID.replace('"no audit logs in dev, to save cost"', "12345678901"), "entry 1 reason: is a number"),
        (VALID.replace('"no audit logs in dev, to save cost"', "[a, b]"), "entry 1 reason: is a list"),
        (VALID.replace('"2027-06-30"', '"2027-13-01"'), "entry 1 expires: '2027-13-01' is not a date"),
        (VALID.replace('"2027-06-30"', '"next year"'), "is not a date"),
        (VALID.replace('"2027-06-30"', "20270630"), "entry 1 expires: is a number"),
        (VALID.replace("FLEET-CLU-003", "CLU-3"), "entry 1 ruleId"),
        (VALID.replace("ruleId", "rule"), "entry 1 rule: unknown key"),
        (VALID.replace(', expires: "2027-06-30"', ""), "entry 1 expires: required"),
        ("- x\n" * 3 + VALID, "entry 3: is text"),
    ],
)
def test_every_malformed_shape_is_refused_with_file_and_line(tmp_path: Path, content: str | bytes, says: str) -> None:
    message = _refusal(tmp_path, content)
    assert message.startswith("the exemptions file has"), message
    assert "exemptions/s.yaml" in message and says in message, message


def test_an_alias_bomb_is_refused_without_expanding_it(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 12)]
    assert "values (aliases expanded)" in _refusal(tmp_path, "\n".join(lines) + "\n")


def test_a_special_file_is_not_opened(tmp_path: Path) -> None:
    policies = _write(tmp_path, VALID)
    target = policies / "exemptions" / "s.yaml"
    target.unlink()
    os.mkfifo(target)  # opening a FIFO for reading blocks until a writer comes: it must not be opened
    with pytest.raises(SpecError, match="is not a regular file"):
        policy_config.exemptions("s", policies)


def test_a_file_over_the_limit_is_refused_unread(tmp_path: Path) -> None:
    big = VALID * (policy_config.MAX_EXEMPTIONS_BYTES // len(VALID) + 1)
    assert "is over" in _refusal(tmp_path, big)


def test_the_review_points_at_the_exemptions_file_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import json
    import shutil

    from fleet.cli import EXIT_SPEC, main
    from tests.conftest import ROOT

    for name in ("Pulumi.yaml", "stacks", "policies"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    exemptions = tmp_path / "policies" / "exemptions" / "dev.yaml"
    lines = exemptions.read_text().count("\n")
    exemptions.write_text(exemptions.read_text() + VALID.replace('"no audit logs in dev, to save cost"', "12345678901"))
    monkeypatch.chdir(tmp_path)
    assert main(["review", "--stack", "dev", "--format", "sarif"]) == EXIT_SPEC
    [result] = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "policies/exemptions/dev.yaml"
    assert location["region"]["startLine"] == lines + 1
    assert (
        result["message"]["text"]
        == "entry 4 reason: is a number 12345678901; write it as text (quoted if YAML would read it otherwise)"
    )
