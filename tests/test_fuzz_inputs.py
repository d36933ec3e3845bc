"""The hypothesis fuzzer for everything else a branch writes (issue 21): exemptions files, saved
reviews given to `fleet report --input`, and command-line values. Each is accepted or refused with
exit 2 and a message naming where; nothing raises, nothing prints a traceback, no message grows
with the input. Fixed seed, bounded budget: the same cases every run.

Stack and spec files have their own fuzzer (tests/spec/test_fuzz.py); the output edges theirs
(tests/report/test_output_safety.py)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fleet.cli import main
from fleet.review import policy_config
from fleet.spec import SpecError
from tests.conftest import ROOT

BUDGET = settings(
    max_examples=150,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
LONGEST_LINE = 1_000
HOSTILE = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "\x1b[31mPASS\x1b[0m",
        "\u202e",
        "\u200b",
        "</details>",
        "@team",
        "a\nPASS",
        "x" * 5_000,
        "\u0435",
    ]
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    HOSTILE,
)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
VALID_ENTRY = {
    "ruleId": "FLEET-CLU-003",
    "resource": "*::dev-*",
    "reason": "no audit logs in dev, to save cost",
    "expires": "2027-06-30",
}
TEXTUAL = st.sampled_from(
    [
        "- {ruleId: FLEET-CLU-003, ruleId: x}\n",
        "- !!binary aGVsbG8=\n",
        "- !!python/object:os.system [ls]\n",
        "%YAML 1.2\n---\n- x\n",
        "a0: &a0 [x, x, x, x, x, x, x, x]\n"
        + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 8)}]\n" for i in range(1, 12)),
        "- " + "[" * 500 + "]" * 500 + "\n",
        "\ufeff- x\n",
        "- {ruleId: FLEET-CLU-003, resource: x, reason: long enough reason, expires: 2027-06-30}\n",
        "- {expires: 1:00}\n",
        "[",
    ]
)


def _clean(code: int, output: str, allowed: tuple[int, ...] = (0, 1, 2)) -> None:
    assert code in allowed, output[-3000:]
    assert "Traceback" not in output and "internal error" not in output, output[-3000:]
    for line in output.splitlines():
        assert len(line) <= LONGEST_LINE, line[:200]


def _exemptions(tmp: Path, data: bytes) -> None:
    policies = tmp / "policies"
    (policies / "exemptions").mkdir(parents=True, exist_ok=True)
    (policies / "exemptions" / "s.yaml").write_bytes(data)
    try:
        entries = policy_config.exemptions("s", policies)
    except SpecError as err:
        assert err.problems
        for problem in err.problems:
            assert problem.path.startswith("policies/exemptions/s.yaml"), problem
        _clean(2, err.render())
        return
    for entry in entries:
        assert set(entry) == set(VALID_ENTRY) and all(isinstance(v, str) for v in entry.values()), entry


@BUDGET
@given(document=JSON)
def test_any_exemptions_document_is_read_or_refused_with_its_line(
    document: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    _exemptions(tmp_path_factory.mktemp("ex"), yaml.safe_dump(document, allow_unicode=True).encode())


@BUDGET
@given(key=st.sampled_from(sorted(VALID_ENTRY)), value=JSON, drop=st.booleans(), extra=st.booleans())
def test_mutated_exemption_entries_are_read_or_refused(
    key: str, value: Any, drop: bool, extra: bool, tmp_path_factory: pytest.TempPathFactory
) -> None:
    entry: dict[str, Any] = dict(VALID_ENTRY)
    if drop:
        del entry[key]
    else:
        entry[key] = value
    if extra:
        entry["note"] = value
    _exemptions(tmp_path_factory.mktemp("ex"), yaml.safe_dump([VALID_ENTRY, entry], allow_unicode=True).encode())


@settings(BUDGET, max_examples=30)
@given(text=TEXTUAL)
def test_textual_attacks_on_an_exemptions_file(text: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    _exemptions(tmp_path_factory.mktemp("ex"), text.encode())


@pytest.fixture(scope="module")
def saved_review(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A real review's JSON, made once (the stack is rendered; each case only re-reads it)."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "fleet", "review", "--stack", "dev", "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr[-2000:]
    return json.loads(result.stdout)


def _nodes(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _nodes(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _nodes(item, (*prefix, index))
    return found


@BUDGET
@given(data=st.data(), form=st.sampled_from(["text", "markdown", "sarif"]))
def test_mutated_saved_reviews_are_rendered_or_refused(
    data: st.DataObject,
    form: str,
    saved_review: dict[str, Any],
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    document = copy.deepcopy(saved_review)
    for _ in range(data.draw(st.integers(min_value=1, max_value=3))):
        path = data.draw(st.sampled_from([p for p in _nodes(document) if p]))
        parent = document
        for key in path[:-1]:
            parent = parent[key]
        if data.draw(st.booleans()) and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = data.draw(JSON)
    target = tmp_path_factory.mktemp("report") / "review.json"
    target.write_text(json.dumps(document))
    monkeypatch.chdir(ROOT)
    code = main(["report", "--input", str(target), "--format", form])
    captured = capsys.readouterr()
    _clean(code, captured.err)


@BUDGET
@given(
    option=st.sampled_from(["--stack", "--environment", "--base", "--output", "--stack-file"]),
    value=st.one_of(st.text(max_size=40), HOSTILE, st.just("x" * 300), st.just("/dev/zero"), st.just(".")),
)
def test_odd_command_line_values_are_refused_before_any_work(
    option: str, value: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    if "\x00" in value:
        value = value.replace("\x00", "")  # the operating system cannot pass a NUL in an argument
    monkeypatch.chdir(ROOT)
    if option in ("--stack", "--stack-file"):
        argv = ["validate", option, value]
    elif option == "--environment":
        argv = ["review", option, value, "--format", "json"]
    else:
        # --base and --output are checked before anything is rendered; a stack that cannot be found
        # keeps a case that passes the checks from rendering at all.
        argv = ["review", "--stack", "no-such-stack", option, value]
    try:
        code = main(argv)
    except SystemExit as exit:  # argparse's own refusal (a value that looks like an option): usage, exit 2
        code = int(exit.code or 0)
    captured = capsys.readouterr()
    _clean(code, captured.err, allowed=(0, 2))
