"""The stamp on an evidence document: which code, spec and pack produced it, and when.

The spec hash is over canonical bytes, so reformatting the YAML (comments, key order, quoting,
flow or block style) does not change it and any change of value does: ``SPEC_HASHED`` says which.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import subprocess
from pathlib import Path
from typing import Any

import yaml

from fleet.evidence.document import Stamp

SPEC_HASHED = (
    "UTF-8 bytes of the fleet spec (config fleet:spec, or the file fleet:specFile names) as parsed "
    "from YAML and serialised as JSON with sorted keys, separators ',' and ':' and no ASCII escaping: "
    "json.dumps(spec, sort_keys=True, separators=(',', ':'), ensure_ascii=False)"
)
GIT_TIMEOUT = 30  # seconds


def canonical_spec(spec: Any) -> bytes:
    """The bytes ``spec_sha256`` hashes (see SPEC_HASHED)."""
    return json.dumps(spec, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def spec_sha256(spec: Any) -> str:
    return hashlib.sha256(canonical_spec(spec)).hexdigest()


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, check=False, timeout=GIT_TIMEOUT
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def git_state(root: Path) -> tuple[str | None, bool | None]:
    """The checked-out commit and whether the working tree differs from it (a tracked file changed,
    or an untracked file that .gitignore does not cover). (None, None) outside a git checkout."""
    head = _git(root, "rev-parse", "HEAD")
    if head is None:
        return None, None
    status = _git(root, "status", "--porcelain", "--untracked-files=normal")
    return head.strip(), (bool(status.strip()) if status is not None else None)


def pack_version(pack_dir: Path) -> str:
    """The ``version`` of the pack's PulumiPolicy.yaml: the only source of a Python pack's version."""
    try:
        document = yaml.safe_load((pack_dir / "PulumiPolicy.yaml").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return "unknown"
    version = document.get("version") if isinstance(document, dict) else None
    return str(version) if version is not None else "unversioned"


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def stamp(root: Path, spec: Any, pack_dir: Path, fleet_version: str, now: str | None = None) -> Stamp:
    commit, dirty = git_state(root)
    return Stamp(
        commit=commit,
        dirty=dirty,
        spec_sha256=spec_sha256(spec),
        spec_hashed=SPEC_HASHED,
        pack_version=pack_version(pack_dir),
        fleet_version=fleet_version,
        generated_at=now or utc_now(),
    )
