"""Render the same stack as it was at a git ref, with the code of that ref.

The ref's tree is exported with `git archive` into a temporary directory and its own `fleet`
package renders its own stack file there (PYTHONPATH puts it ahead of the installed one), so a
change to the program shows up in the diff as well as a change to the stack file.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any


class BaseError(Exception):
    """The base could not be rendered; the message says why and what to do."""


def _git(repo: Path, *args: str) -> bytes:
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, check=False)
    if result.returncode != 0:
        raise BaseError(f"git {' '.join(args)} failed: {result.stderr.decode().strip()}")
    return result.stdout


DIGEST_KEY_VARIABLE = "FLEET_SECRET_DIGEST_KEY"


def verify(ref: str, repo: Path) -> str:
    """The commit ``ref`` names, or BaseError saying how to make it available."""
    if ref.startswith("-"):
        raise BaseError(f"--base {ref!r} is not a git ref")
    try:
        _git(repo, "rev-parse", "--show-toplevel")
    except BaseError:
        raise BaseError(f"--base needs a git repository; {repo} is not in one") from None
    try:
        return _git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").decode().strip()
    except BaseError:
        raise BaseError(
            f"--base {ref!r} is not a commit in this repository; check the name, and in CI fetch history "
            "(actions/checkout with fetch-depth: 0) so the base branch exists locally"
        ) from None


def snapshot_at(ref: str, stack_path: Path, repo: Path, key: bytes | None = None) -> dict[str, Any] | None:
    """The snapshot of ``stack_path`` (relative to ``repo``) at ``ref``; None if the stack did not exist.

    ``key`` digests secrets as in the head's snapshot (passed in the environment, never on the
    command line)."""
    top = Path(_git(repo, "rev-parse", "--show-toplevel").decode().strip())
    relative = stack_path.resolve().relative_to(top)
    project = repo.resolve().relative_to(top)
    commit = verify(ref, repo)
    with tempfile.TemporaryDirectory(prefix="fleet-base-") as tmp:
        archive = _git(top, "archive", "--format=tar", commit)
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        base_root = Path(tmp) / project
        base_stack = Path(tmp) / relative
        if not base_stack.is_file():
            return None
        env = {**os.environ, "PYTHONPATH": str(base_root)}
        if key is not None:
            env[DIGEST_KEY_VARIABLE] = key.hex()
        result = subprocess.run(
            [sys.executable, "-m", "fleet", "plan", "--stack-file", str(base_stack), "--format", "snapshot"],
            cwd=base_root,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode == 2 and "usage:" in result.stderr:
            raise BaseError(
                f"{ref} ({commit[:12]}) predates `fleet plan --format snapshot`, so its stack cannot be rendered "
                "for a diff; use a newer base"
            )
        if result.returncode == 2:
            raise BaseError(f"the stack at {ref} does not validate:\n{result.stderr.strip()}")
        if result.returncode != 0:
            raise BaseError(
                f"rendering the stack at {ref} ({commit[:12]}) failed; a ref older than `fleet plan --format "
                f"snapshot` cannot be compared: {result.stderr.strip()[-500:]}"
            )
        return json.loads(result.stdout)
