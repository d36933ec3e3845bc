"""Where the fleet project is: the directory that holds Pulumi.yaml (its stacks/ and policies/ beside
it), found from the working directory, as the Pulumi CLI finds a project. Nothing is located by
counting directories up from a module's own file: an installed fleet is not a checkout."""

from __future__ import annotations

from pathlib import Path


class NotAProject(Exception):
    """No Pulumi.yaml at or above the directory."""


def root(start: Path | None = None) -> Path:
    """The nearest directory at or above ``start`` (default: the working directory) that holds Pulumi.yaml."""
    here = (start or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        if (directory / "Pulumi.yaml").is_file():
            return directory
    raise NotAProject(f"no Pulumi.yaml in {here} or above; run fleet inside the fleet project")


def policies(start: Path | None = None) -> Path:
    """The project's policy pack."""
    return root(start) / "policies"
