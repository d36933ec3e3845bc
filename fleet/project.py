"""Where the fleet project is: the directory that holds Pulumi.yaml (its stacks/ and policies/ beside
it), found from the working directory, as the Pulumi CLI finds a project. Nothing is located by
counting directories up from a module's own file: an installed fleet is not a checkout.

Pulumi.yaml is read too, as strictly as a stack file: a branch can change it, and the review must
not pass a project the real CLI would refuse, or review stacks/ while the CLI reads config elsewhere.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

PROJECT_FILE = "Pulumi.yaml"
STACKS = "stacks"
MAX_BYTES = 2**20
# A Pulumi project or stack name: 1-100 of alphanumerics, '-', '_', '.' (sdk/go/common/tokens:
# project.go ValidateProjectName, stack_name.go ParseStackName; both IsName and 100 characters).
PULUMI_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,100}$")


class NotAProject(Exception):
    """No Pulumi.yaml at or above the directory, or one the Pulumi CLI would not load."""


def root(start: Path | None = None) -> Path:
    """The nearest directory at or above ``start`` (default: the working directory) that holds Pulumi.yaml."""
    here = (start or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        project_file = directory / PROJECT_FILE
        if project_file.exists():
            stat = project_file.stat()
            _check(project_file, stat.st_mtime_ns, stat.st_size)
            return directory
    raise NotAProject(f"no Pulumi.yaml in {here} or above; run fleet inside the fleet project")


def name(start: Path | None = None) -> str:
    """The project's name, as Pulumi.yaml gives it (checked): the second part of every URN."""
    path = root(start) / PROJECT_FILE
    stat = path.stat()
    return _check(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=8)
def _check(path: Path, _mtime: int, _size: int) -> str:
    """The project's name; refuses a Pulumi.yaml the CLI would not load, or one that moves stack
    config away from stacks/."""
    from fleet.spec.source import SourceError, read, short

    try:
        document = read(path, "Pulumi.yaml", MAX_BYTES).data
    except SourceError as err:
        raise NotAProject(str(err)) from None
    if not isinstance(document, dict):
        raise NotAProject(f"{path}: is not a map of project settings; the Pulumi CLI needs at least name and runtime")
    name, runtime = document.get("name"), document.get("runtime")
    if not isinstance(name, str) or not PULUMI_NAME.match(name):
        raise NotAProject(
            f"{path}: name {short(name)} is not a Pulumi project name (1-100 of A-Z, a-z, 0-9, '-', '_', '.')"
        )
    runtime_name = runtime.get("name") if isinstance(runtime, dict) else runtime
    if runtime_name != "python":
        raise NotAProject(f"{path}: runtime {short(runtime_name)} is not python; fleet is a Python Pulumi program")
    if document.get("stackConfigDir", STACKS) != STACKS:
        raise NotAProject(
            f"{path}: stackConfigDir {short(document.get('stackConfigDir'))} moves stack config away from "
            f"{STACKS}/, where fleet reviews it; keep stackConfigDir: {STACKS}"
        )
    return name


def policies(start: Path | None = None) -> Path:
    """The project's policy pack."""
    return root(start) / "policies"
