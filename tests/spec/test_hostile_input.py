"""The classes of bad input a fuzzer found, each pinned: refused with a key path, never accepted
silently, never an internal error, never an unbounded message."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from fleet.spec import SpecError, load
from fleet.spec.load import read_stack
from tests.conftest import ROOT, raw_spec


def problems(spec: dict[str, Any]) -> list[str]:
    with pytest.raises(SpecError) as caught:
        load(spec)
    return [str(p) for p in caught.value.problems]


def read_problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "Pulumi.hostile.yaml"
    path.write_text(text)
    with pytest.raises(SpecError) as caught:
        read_stack(path)
    return [str(p) for p in caught.value.problems]


def test_a_second_regime_of_the_same_name_is_refused_not_merged() -> None:
    spec = raw_spec("prod")
    spec["regimes"].append({"name": spec["regimes"][0]["name"], "countries": ["US"]})
    assert problems(spec) == [
        f"fleet:spec.regimes[{len(spec['regimes']) - 1}].name: 'dach' is already the name of regimes[0]; one would "
        "silently replace the other: rename one or merge them"
    ]


def test_a_second_template_of_the_same_name_is_refused() -> None:
    spec = raw_spec("prod")
    spec["clusterTemplates"].append(dict(spec["clusterTemplates"][0]))
    assert problems(spec)[0].startswith(
        "fleet:spec.clusterTemplates[1].name: 'eks-dedicated' is already the name of clusterTemplates[0]"
    )


def test_an_unused_template_is_still_validated() -> None:
    spec = raw_spec("prod")
    unused = dict(spec["clusterTemplates"][0], name="spare")
    unused["nodePools"] = [{"name": "general", "machineType": "n2-standard-8", "minSize": 1, "maxSize": 2}]
    spec["clusterTemplates"].append(unused)
    assert problems(spec) == [
        "fleet:spec.clusterTemplates[1].nodePools[0].machineType: 'n2-standard-8' is not an EC2 instance type such "
        "as m7i.xlarge (AWS)"
    ]


def test_a_region_as_the_console_writes_it_suggests_the_code() -> None:
    spec = raw_spec("dev")
    spec["clusters"][0]["region"] = "Europe (Frankfurt)"
    assert problems(spec) == [
        "fleet:spec.clusters[0].region: 'Europe (Frankfurt)' is not a region of AWS; did you mean 'eu-central-1' "
        "(Europe (Frankfurt)), in DE? run `fleet regions --cloud aws` for the list"
    ]


@pytest.mark.parametrize("blank", ["", "   "])
def test_blank_names_are_refused(blank: str) -> None:
    spec = raw_spec("dev")
    spec["tenants"][0]["owners"]["admin"] = [blank]
    spec["clusters"][0]["name"] = blank
    found = problems(spec)
    assert any(p.startswith("fleet:spec.clusters[0].name:") for p in found)
    assert any(p.startswith("fleet:spec.tenants[0].owners.admin[0]:") for p in found)


def test_a_structural_problem_does_not_hide_a_cross_key_one() -> None:
    spec = raw_spec("dev")
    spec["clusters"][1]["nodePools"][0]["minSize"] = "three"  # structure: one cluster entry is broken
    spec["tenants"][1]["network"]["allowFrom"] = [{"tenant": "nobody"}]  # cross-key, elsewhere
    assert problems(spec) == [
        "fleet:spec.clusters[1].nodePools[0].minSize: expected a whole number, got str 'three'; write it unquoted, "
        "e.g. 3",
        "fleet:spec.tenants[1].network.allowFrom[0].tenant: 'nobody' is not a tenant; name one of data-lab, "
        "payments, web",
    ]


def test_references_to_a_broken_entry_are_not_reported_twice() -> None:
    spec = raw_spec("prod")
    spec["regimes"][0]["countries"] = ["XX"]  # the regime is broken; tenants naming it are not
    found = problems(spec)
    assert len(found) == 1 and found[0].startswith("fleet:spec.regimes[0].countries: 'XX' is not a country")


def test_a_huge_value_is_quoted_briefly() -> None:
    spec = raw_spec("dev")
    spec["clusters"][0]["region"] = "x" * 100_000
    (problem,) = problems(spec)
    assert len(problem) < 400 and "…" in problem


def test_too_many_problems_are_counted_not_listed() -> None:
    spec = raw_spec("dev")
    spec["tenants"] = [dict(spec["tenants"][0], name=f"t{i}", residency="nowhere") for i in range(80)]
    with pytest.raises(SpecError) as caught:
        load(spec)
    rendered = caught.value.render().splitlines()
    assert len(rendered) == 52 and rendered[-1].startswith("  ... and ")


def test_numbers_too_large_to_compute_with_are_refused() -> None:
    spec = raw_spec("dev")
    spec["tenants"][0]["quota"]["cpu"] = 10**400
    spec["clusters"][0]["nodePools"][0]["maxSize"] = 10**30
    found = problems(spec)
    assert any(p.startswith("fleet:spec.tenants[0].quota.cpu:") for p in found)
    assert any(p.startswith("fleet:spec.clusters[0].nodePools[0].maxSize:") for p in found)


def test_duplicate_keys_are_refused_with_their_lines(tmp_path: Path) -> None:
    text = (
        (ROOT / "stacks" / "Pulumi.dev.yaml").read_text().replace("    owner:", "    environment: twice\n    owner:", 1)
    )
    (problem,) = read_problems(tmp_path, text)
    first, second = (n for n, line in enumerate(text.splitlines(), 1) if line.startswith("    environment:"))
    assert f"key 'environment' appears twice in one map (first on line {first})" in problem
    assert problem.startswith(f"{tmp_path / 'Pulumi.hostile.yaml'}:{second}: key 'environment'")


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ("owner: !!binary aGVsbG8=", "the tag 'tag:yaml.org,2002:binary' builds a value a stack spec cannot hold"),
        ("owner: !!set {a, b}", "the tag 'tag:yaml.org,2002:set' builds a value a stack spec cannot hold"),
        ("owner: !!python/name:os.system", "the tag 'tag:yaml.org,2002:python/name:os.syste…' builds a value"),
    ],
)
def test_tags_that_build_other_values_are_refused(tmp_path: Path, snippet: str, expected: str) -> None:
    text = (ROOT / "stacks" / "Pulumi.dev.yaml").read_text().replace("owner: platform-team", snippet, 1)
    (problem,) = read_problems(tmp_path, text)
    assert expected in problem


def test_an_unquoted_date_is_refused(tmp_path: Path) -> None:
    # The Pulumi CLI reads it as a timestamp and gives the program "2026-11-26 00:00:00 +0000 UTC"
    # (tests/spec/test_cli_reading.py asks the CLI's own code); our reading must equal it or refuse.
    text = (ROOT / "stacks" / "Pulumi.dev.yaml").read_text().replace("owner: platform-team", "owner: 2026-11-26", 1)
    (problem,) = read_problems(tmp_path, text)
    line = next(n for n, text in enumerate(text.splitlines(), 1) if "2026-11-26" in text)
    assert f":{line}: '2026-11-26' reads as a string in YAML 1.1 but as a timestamp" in problem


def test_a_number_of_thousands_of_digits_is_refused(tmp_path: Path) -> None:
    text = (
        (ROOT / "stacks" / "Pulumi.dev.yaml").read_text().replace("owner: platform-team", "owner: " + "9" * 100_000, 1)
    )
    (problem,) = read_problems(tmp_path, text)
    assert "holds a number with thousands of digits" in problem


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    text = (ROOT / "stacks" / "Pulumi.dev.yaml").read_text() + "  deep: " + "[" * 100 + "]" * 100 + "\n"
    (problem,) = read_problems(tmp_path, text)
    assert "nested more than 64 levels deep" in problem


def test_a_stack_file_that_is_not_a_map(tmp_path: Path) -> None:
    assert read_problems(tmp_path, "- just\n- a list\n") == [
        f"{tmp_path / 'Pulumi.hostile.yaml'}: has no config.fleet:spec; add the fleet spec there"
    ]


def test_the_spec_itself_must_be_a_map() -> None:
    with pytest.raises(SpecError) as caught:
        load(yaml.safe_load("[1, 2]"))
    assert str(caught.value.problems[0]) == "fleet:spec: expected a map of settings, got list [1, 2]"


def test_a_stack_file_that_is_not_a_regular_file_is_refused_without_being_read(tmp_path: Path) -> None:
    import os

    endless = tmp_path / "Pulumi.zero.yaml"
    endless.symlink_to("/dev/zero")
    fifo = tmp_path / "Pulumi.fifo.yaml"
    os.mkfifo(fifo)  # opening it would wait for a writer forever
    for path in (endless, fifo):
        with pytest.raises(SpecError) as caught:
            read_stack(path)
        assert "is not a regular file" in str(caught.value)


def test_an_oversized_stack_file_is_refused_after_reading_past_the_limit_only(tmp_path: Path) -> None:
    from fleet.spec import source

    path = tmp_path / "Pulumi.big.yaml"
    path.write_bytes(b"#" * (source.MAX_BYTES + 10))
    with pytest.raises(SpecError) as caught:
        read_stack(path)
    assert f"is over {source.MAX_BYTES} bytes" in str(caught.value)


@pytest.mark.parametrize(
    ("setting", "says"),
    [
        ('  fleet:specFile: "a\\0b"\n', "must name a file in the stack's directory"),
        ('  fleet:specFile: "../../etc/passwd"\n', "must name a file in the stack's directory"),
        ('  fleet:specFile: "' + "x" * 300 + '"\n', "must name a file in the stack's directory"),
        ("  fleet:specFile: global.fleet.yaml\n", "is set beside fleet:spec"),
    ],
)
def test_a_spec_file_setting_is_checked_before_it_is_opened(tmp_path: Path, setting: str, says: str) -> None:
    beside = "beside" in says
    text = (ROOT / "stacks" / "Pulumi.dev.yaml").read_text() if beside else "config:\n  fleet:shard: a\n"
    text = text.replace("config:\n", "config:\n" + setting, 1)
    (problem,) = read_problems(tmp_path, text)
    assert problem.startswith("fleet:specFile: ") and says in problem, problem
