"""Every `fleet` command the README and docs/ show parses as written, and the quick ones run: a
renamed option or a removed subcommand fails here, not in a reader's terminal. (The `pulumi`
commands of "Run it for real" are the ones the end-to-end suite runs: tests/e2e/world.py.)"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from fleet.cli import main, parser
from tests.conftest import ROOT

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def _commands() -> list[tuple[str, str]]:
    found = []
    for path in DOCS:
        for block in re.findall(r"```bash\n(.*?)```", path.read_text(), re.S):
            for line in block.splitlines():
                line = line.split("  #", 1)[0].strip()
                for part in line.split("&&"):
                    part = part.strip()
                    if part.startswith(".venv/bin/fleet "):
                        found.append((path.name, part))
    return found


COMMANDS = _commands()


def _argv(command: str) -> list[str]:
    """The command as a reader types it with no optional part: `[--format text|json]` left out."""
    while "[" in command:
        command = re.sub(r"\[[^\[\]]*\]", "", command)
    return shlex.split(command)[1:]


def test_the_docs_show_fleet_commands() -> None:
    assert len(COMMANDS) >= 8


@pytest.mark.parametrize(("doc", "command"), COMMANDS, ids=[c for _, c in COMMANDS])
def test_each_documented_fleet_command_parses(doc: str, command: str) -> None:
    parser().parse_args(_argv(command))


@pytest.mark.parametrize(
    "command", [c for _, c in COMMANDS if c.startswith(".venv/bin/fleet regions")], ids=lambda c: c
)
def test_the_documented_region_queries_run(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(_argv(command)) == 0
    assert capsys.readouterr().out.strip()


def test_the_documented_policy_config_command_writes_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    [command] = [c for _, c in COMMANDS if c.startswith(".venv/bin/fleet policy-config")]
    argv = _argv(command)
    output = tmp_path / "dev.json"
    argv[argv.index("--output") + 1] = str(output)
    monkeypatch.chdir(ROOT)
    assert main(argv) == 0
    assert '"stack": "dev"' in output.read_text()


def test_the_documented_tools_answer_help() -> None:
    """The tools the README shows (tools/local_clusters.py) start and parse their arguments; starting
    control planes for real is what the end-to-end suite does with the same code."""
    import subprocess
    import sys

    tools = sorted({c.split()[1] for _, c in _python_commands()})
    assert tools == ["tools/local_clusters.py"]
    for tool in tools:
        result = subprocess.run([sys.executable, tool, "--help"], cwd=ROOT, capture_output=True, text=True)
        assert result.returncode == 0 and "usage:" in result.stdout, result.stderr


def _python_commands() -> list[tuple[str, str]]:
    found = []
    for path in DOCS:
        for block in re.findall(r"```bash\n(.*?)```", path.read_text(), re.S):
            found += [
                (path.name, line.strip()) for line in block.splitlines() if line.startswith(".venv/bin/python tools/")
            ]
    return found
