"""A property-based fuzzer of the stack format: mutated stack files are refused or accepted
cleanly, never crash.

For every mutation of our own stack files, `fleet validate` exits 0 or 2 (never 3, an internal
error), prints no traceback, every problem it prints names a key path or a file, and no message
grows with the input. Mutations are both structural (a value replaced by another type, a huge
number, a blank or very long string, a deleted or misspelled key, a duplicated entry) and textual
(duplicate keys, YAML tags that build bytes or sets, deep nesting, alias expansion, bytes that are
not UTF-8). The seed is fixed and the budget bounded, so the run is the same every time.
"""

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
from tests.conftest import ROOT

STACK_FILES = ["Pulumi.dev.yaml", "Pulumi.staging.yaml", "Pulumi.prod.yaml"]
BUDGET = settings(
    max_examples=120,
    derandomize=True,  # a fixed seed: the same mutations every run
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
LONGEST_LINE = 1_000

VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.just(10**400),
    st.floats(allow_nan=False),
    st.sampled_from(["", " ", "\t", "x" * 5_000, "Europe (Frankfurt)", "West Europe", "eu-central-1 ", "ÄÖÜ", "💥"]),
    st.text(max_size=20),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


def _parent(document: Any, path: tuple[Any, ...]) -> Any:
    for key in path[:-1]:
        document = document[key]
    return document


@st.composite
def structural(draw: st.DrawFn) -> tuple[str, Any]:
    name = draw(st.sampled_from(STACK_FILES))
    document = yaml.safe_load((ROOT / "stacks" / name).read_text())
    spec = copy.deepcopy(document["config"]["fleet:spec"])
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        paths = [p for p in _paths(spec) if p]
        path = draw(st.sampled_from(paths))
        parent, key = _parent(spec, path), path[-1]
        action = draw(st.sampled_from(["replace", "delete", "misspell", "duplicate"]))
        if action == "replace":
            parent[key] = draw(VALUES)
        elif action == "delete":
            del parent[key]
        elif action == "misspell" and isinstance(key, str):
            parent[key + draw(st.sampled_from(["s", "_", "X"]))] = parent.pop(key)
        elif action == "duplicate" and isinstance(key, int):
            parent.append(copy.deepcopy(parent[key]))
    document["config"]["fleet:spec"] = spec
    return name, json.loads(json.dumps(document, default=str))


TEXTUAL = st.sampled_from(
    [
        lambda text: text.replace("    environment:", "    owner: twice\n    environment:", 1),  # duplicate key
        lambda text: text.replace("environment: ", "environment: !!binary aGVsbG8= #", 1),
        lambda text: text.replace("owner: platform-team", "owner: !!set {a, b}", 1),
        lambda text: text.replace("owner: platform-team", "owner: 2026-11-26", 1),
        lambda text: text + "  x: " + "[" * 300 + "]" * 300 + "\n",
        lambda text: (
            "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + "".join(
                f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
                for p, c in zip("abcdefg", "bcdefgh", strict=True)
            )
            + text
        ),
        lambda text: text.replace("environment:", "environment: \x00", 1),
        lambda text: text[: len(text) // 2],
        lambda text: text.replace("  fleet:spec:", "  fleet:spec: [", 1),
    ]
)


def _run(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["validate", "--stack-file", str(path)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _judge(code: int, output: str, path: Path) -> None:
    assert code in (0, 2), output[-3000:]
    assert "Traceback" not in output and "internal error" not in output
    for line in output.splitlines():
        assert len(line) <= LONGEST_LINE, line[:200]
    if code == 2:
        # A problem is a line indented by two; deeper lines continue the one before (placement reasons).
        problems = [line.strip() for line in output.splitlines() if line.startswith("  ") and line[2] != " "]
        assert problems or output.startswith(f"fleet: {path}") or str(path) in output, output[-2000:]
        for problem in problems:
            if problem.startswith("..."):
                continue
            assert problem.startswith(("fleet:spec", "fleet:shard", "fleet:specFile", str(path))), problem


@BUDGET
@given(case=structural())
def test_structural_mutations_are_refused_or_accepted_cleanly(
    case: tuple[str, Any], tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    name, document = case
    path = tmp_path_factory.mktemp("fuzz") / name
    path.write_text(yaml.safe_dump(document, allow_unicode=True))
    _judge(*_run(path, capsys), path)


@settings(BUDGET, max_examples=40)
@given(mutate=TEXTUAL, name=st.sampled_from(STACK_FILES))
def test_textual_mutations_are_refused_or_accepted_cleanly(
    mutate: Any, name: str, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / name
    path.write_text(mutate((ROOT / "stacks" / name).read_text()))
    _judge(*_run(path, capsys), path)


def test_bytes_that_are_not_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "Pulumi.latin1.yaml"
    path.write_bytes(
        (ROOT / "stacks" / "Pulumi.dev.yaml").read_bytes().replace(b"platform-team", b"plattform-\xe9quipe")
    )
    code, output = _run(path, capsys)
    assert code == 2 and "is not UTF-8 text" in output and "Traceback" not in output


def test_an_alias_bomb_is_refused_in_a_few_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    levels = "".join(
        f"l{i}: &l{i} [*l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}]\n" for i in range(1, 12)
    )
    path = tmp_path / "Pulumi.bomb.yaml"
    path.write_text("l0: &l0 [x, x, x, x, x, x]\n" + levels + (ROOT / "stacks" / "Pulumi.dev.yaml").read_text())
    code, output = _run(path, capsys)
    assert code == 2 and len(output) < 2_000 and "values (aliases expanded)" in output
