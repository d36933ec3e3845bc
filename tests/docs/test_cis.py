"""docs/CIS.md stays true to kube-bench's control lists, the policy pack and the code it cites.

- every FLEET-XXX-NNN it names is a rule of policies/fleetguard/rules (``id="..."`` in a rule module);
- every code reference written as `path` `name` names a file that exists and a function, class or
  assignment of that name in it; the settings after it (`path` `name`: `setting`, `setting`) appear
  in that definition's source; every other backticked repository path exists;
- each benchmark has its table, listing every kube-bench control of its version exactly once;
- every row in scope says Met, Partly met or Not met; the counts table and the Not met list agree
  with the rows.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "CIS.md"
RULES = ROOT / "policies" / "fleetguard" / "rules"

HEADER = ["ID", "Control (short)", "In scope", "What fleet renders", "Rule"]
STATUSES = ("Met", "Partly met", "Not met")

# kube-bench (aquasecurity/kube-bench a73ce378418c71c5861e6963753f50dec3badadf), the check IDs of
# cfg/<folder>/{master,controlplane,node,policies,managedservices}.yaml, in file order.
BENCHMARKS = {
    "EKS": (
        "CIS Amazon EKS Benchmark v1.8.0",
        """2.1.1 2.1.2 3.1.1 3.1.2 3.1.3 3.1.4 3.2.1 3.2.2 3.2.3 3.2.4 3.2.5 3.2.6 3.2.7 3.2.8 3.2.9
        4.1.1 4.1.2 4.1.3 4.1.4 4.1.5 4.1.6 4.1.7 4.1.8 4.1.9 4.1.10 4.1.11 4.1.12 4.2.1 4.2.2 4.2.3
        4.2.4 4.2.5 4.3.1 4.3.2 4.4.1 4.4.2 4.5.1 4.5.2 5.1.1 5.1.2 5.1.3 5.1.4 5.2.1 5.3.1 5.4.1
        5.4.2 5.4.3 5.4.4 5.4.5 5.5.1""",
    ),
    "GKE": (
        "CIS Google Kubernetes Engine (GKE) Benchmark v1.9.0",
        """3.1.1 3.1.2 3.1.3 3.1.4 4.1.1 4.1.2 4.1.3 4.1.4 4.1.5 4.1.6 4.1.7 4.1.8 4.1.9 4.1.10 4.2.1
        4.3.1 4.3.2 4.4.1 4.4.2 4.5.1 4.6.1 4.6.2 4.6.3 4.6.4 5.1.1 5.1.2 5.1.3 5.1.4 5.2.1 5.2.2
        5.3.1 5.4.1 5.5.1 5.5.2 5.5.3 5.5.4 5.5.5 5.5.6 5.5.7 5.6.1 5.6.2 5.6.3 5.6.4 5.6.5 5.6.6
        5.6.7 5.7.1 5.7.2 5.8.1 5.8.2 5.8.3 5.9.1 5.9.2 5.10.1 5.10.2 5.10.3 5.10.4""",
    ),
    "AKS": (
        "CIS Azure Kubernetes Service (AKS) Benchmark v1.8.0",
        """2.1.1 3.1.1 3.1.2 3.1.3 3.1.4 3.2.1 3.2.2 3.2.3 3.2.4 3.2.5 3.2.6 3.2.7 3.2.8 3.2.9 4.1.1
        4.1.2 4.1.3 4.1.4 4.1.5 4.1.6 4.1.7 4.1.8 4.1.9 4.1.10 4.1.11 4.1.12 4.2.1 4.2.2 4.2.3 4.2.4
        4.2.5 4.4.1 4.4.2 4.5.1 4.5.2 4.6.1 4.6.2 4.6.3 5.1.1 5.1.2 5.1.3 5.1.4 5.2.1 5.3.1 5.4.1
        5.4.2 5.4.3 5.4.4 5.4.5 5.5.1 5.5.2""",
    ),
}

RULE_ID = re.compile(r"\bFLEET-[A-Z]{3}-\d{3}\b")
RULE_DEFINITION = re.compile(r"""\bid\s*=\s*["'](FLEET-[A-Z]{3}-\d{3})["']""")
CODE_REFERENCE = re.compile(
    r"`(?P<path>[\w./-]+\.(?:py|ya?ml|json|csv|toml|md))`\s+`(?P<name>[A-Za-z_]\w*)`"
    r"(?P<settings>:\s*`[^`\n]+`(?:,\s*`[^`\n]+`)*)?"
)
BACKTICKED = re.compile(r"`([^`\n]+)`")
REPOSITORY_PATH = re.compile(r"(?:fleet|policies|tests|docs|stacks|tools|\.github)/[\w./-]*")
CONTROL_ID = re.compile(r"\d+(?:\.\d+)+")
GAP_MENTION = re.compile(r"\b(EKS|GKE|AKS)\s+(\d+(?:\.\d+)+(?:,\s*\d+(?:\.\d+)+)*)")


@dataclass(frozen=True)
class Row:
    benchmark: str
    id: str
    control: str
    in_scope: str
    renders: str
    rule: str

    @property
    def status(self) -> str | None:
        """Met, Partly met or Not met: the words a row in scope starts with."""
        return next((s for s in STATUSES if re.match(rf"{s}\b", self.renders)), None)


@cache
def text() -> str:
    return DOC.read_text(encoding="utf-8")


def sections(level: str = "## ") -> dict[str, str]:
    """The document's sections at one heading level: title -> body (up to the next such heading)."""
    found: dict[str, str] = {}
    title = None
    for line in text().splitlines():
        if line.startswith(level):
            title = line[len(level) :].strip()
            found[title] = ""
        elif title is not None:
            found[title] += line + "\n"
    return found


def cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def tables(body: str) -> list[list[list[str]]]:
    """Markdown tables in ``body``: each a list of rows (header first, the separator dropped)."""
    found: list[list[list[str]]] = []
    current: list[list[str]] | None = None
    for line in body.splitlines():
        if line.startswith("|"):
            if current is None:
                current = []
                found.append(current)
            if not re.fullmatch(r"\|(\s*:?-+:?\s*\|)+", line.strip()):
                current.append(cells(line))
        else:
            current = None
    return found


def benchmark_tables(tag: str) -> list[list[list[str]]]:
    title = BENCHMARKS[tag][0]
    body = sections().get(title)
    assert body is not None, f"docs/CIS.md has no section '## {title}'"
    return [t for t in tables(body) if t and t[0] == HEADER]


@cache
def rows() -> list[Row]:
    found = []
    for tag in BENCHMARKS:
        for table in benchmark_tables(tag):
            for line in table[1:]:
                assert len(line) == len(HEADER), f"{tag}: a row without {len(HEADER)} cells: {line}"
                if line[0].startswith("**"):  # a section or group heading row
                    continue
                found.append(Row(tag, *line))
    return found


@cache
def defined_rules() -> set[str]:
    found = set()
    for module in RULES.glob("*.py"):
        found.update(RULE_DEFINITION.findall(module.read_text(encoding="utf-8")))
    return found


@cache
def definitions(path: Path) -> dict[str, list[str]]:
    """Name -> the source of each function, class or assignment of that name, at any depth."""
    source = path.read_text(encoding="utf-8")
    found: dict[str, list[str]] = {}
    for node in ast.walk(ast.parse(source)):
        names: list[str] = []
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names = [node.name]
        elif isinstance(node, ast.Assign):
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names = [node.target.id]
        for name in names:
            found.setdefault(name, []).append(ast.get_source_segment(source, node) or "")
    return found


def mentions(source: str, word: str) -> bool:
    return re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", source) is not None


def code_problems(doc: str) -> list[str]:
    """What is wrong with the code references of ``doc``: each a sentence."""
    problems = []
    for ref in CODE_REFERENCE.finditer(doc):
        path, name = ROOT / ref["path"], ref["name"]
        settings = BACKTICKED.findall(ref["settings"] or "")
        if not path.is_file():
            problems.append(f"`{ref['path']}` does not exist")
            continue
        if path.suffix == ".py":
            sources = definitions(path).get(name)
            if not sources:
                problems.append(f"`{ref['path']}` defines no function, class or name `{name}`")
                continue
        else:
            sources = [path.read_text(encoding="utf-8")]
            if not mentions(sources[0], name):
                problems.append(f"`{ref['path']}` does not mention `{name}`")
                continue
        for setting in settings:
            if not any(mentions(source, setting) for source in sources):
                problems.append(f"`{ref['path']}` `{name}` does not contain `{setting}`")
    return problems


def test_every_benchmark_has_a_table() -> None:
    for tag, (title, _) in BENCHMARKS.items():
        assert benchmark_tables(tag), f"'## {title}' has no table with the columns {HEADER}"


def test_each_table_lists_every_kube_bench_control_once() -> None:
    for tag, (title, expected) in BENCHMARKS.items():
        ids = [r.id for r in rows() if r.benchmark == tag]
        for table in benchmark_tables(tag):
            listed = [line[0] for line in table[1:] if not line[0].startswith("**")]
            twice = sorted(i for i, n in Counter(listed).items() if n > 1)
            assert not twice, f"{title}: controls listed twice in one table: {twice}"
        twice = sorted(i for i, n in Counter(ids).items() if n > 1)
        assert not twice, f"{title}: controls listed twice: {twice}"
        assert all(CONTROL_ID.fullmatch(i) for i in ids), f"{title}: not a control ID: {ids}"
        missing = [i for i in expected.split() if i not in ids]
        extra = [i for i in ids if i not in expected.split()]
        assert not missing and not extra, f"{title}: missing {missing}, not in kube-bench {extra}"


def test_rows_say_whether_fleet_meets_each_control_in_scope() -> None:
    for row in rows():
        where = f"{row.benchmark} {row.id}"
        assert row.in_scope in ("yes", "no"), f"{where}: In scope is {row.in_scope!r}, not yes or no"
        assert row.control and row.renders, f"{where}: empty control or renders cell"
        if row.in_scope == "yes":
            assert row.status, f"{where}: in scope, but does not start with one of {STATUSES}: {row.renders!r}"
            assert RULE_ID.search(row.rule) or row.rule == "—", f"{where}: Rule is {row.rule!r}"
        else:
            assert not row.status, f"{where}: out of scope, yet says {row.status!r}"
            assert not row.rule, f"{where}: out of scope, yet names a rule"


def test_named_rules_exist() -> None:
    named = set(RULE_ID.findall(text()))
    assert named, "docs/CIS.md names no rule"
    assert defined_rules(), "no rule IDs found in policies/fleetguard/rules"
    unknown = sorted(named - defined_rules())
    assert not unknown, f"docs/CIS.md names rules that policies/fleetguard/rules does not define: {unknown}"


def test_code_references_exist() -> None:
    assert len(list(CODE_REFERENCE.finditer(text()))) > 50, "the code references were not recognised"
    problems = code_problems(text())
    assert not problems, "docs/CIS.md cites code that is not there:\n" + "\n".join(problems)


def test_repository_paths_exist() -> None:
    for token in BACKTICKED.findall(text()):
        if REPOSITORY_PATH.fullmatch(token):
            assert (ROOT / token).exists(), f"docs/CIS.md names `{token}`, which does not exist"


def test_counts_agree_with_the_tables() -> None:
    counts = {line[0].split()[0]: line[1:] for table in tables(sections()["Counts"]) for line in table[1:]}
    assert set(counts) == set(BENCHMARKS), f"the counts table covers {sorted(counts)}"
    for tag in BENCHMARKS:
        mine = [r for r in rows() if r.benchmark == tag]
        in_scope = [r for r in mine if r.in_scope == "yes"]
        expected = [len(mine), len(in_scope), *(sum(r.status == s for r in in_scope) for s in STATUSES)]
        assert [int(c) for c in counts[tag]] == expected, f"{tag}: counts {counts[tag]}, the table says {expected}"


def test_not_met_list_collects_every_gap() -> None:
    body = sections()["Not met"]
    listed = {(tag, i) for tag, ids in GAP_MENTION.findall(body) for i in re.split(r",\s*", ids)}
    gaps = {(r.benchmark, r.id) for r in rows() if r.status in ("Partly met", "Not met")}
    assert sorted(gaps - listed) == [], "gaps missing from the Not met list"
    assert sorted(listed - gaps) == [], "the Not met list names controls the tables say are met or out of scope"


@pytest.mark.parametrize(
    ("reference", "problem"),
    [
        ("`fleet/clusters/eks.py` `_control_plane`: `enabled_cluster_log_types`", None),
        ("`fleet/clusters/eks.py` `_no_such_function`", "defines no function"),
        ("`fleet/clusters/eks.py` `_control_plane`: `no_such_setting`", "does not contain"),
        ("`fleet/clusters/nowhere.py` `_control_plane`", "does not exist"),
    ],
)
def test_the_reference_check_catches_what_is_not_there(reference: str, problem: str | None) -> None:
    problems = code_problems(reference)
    if problem is None:
        assert problems == []
    else:
        assert len(problems) == 1 and problem in problems[0]
