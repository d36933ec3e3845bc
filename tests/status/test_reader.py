"""`fleet status` runs a kubeconfig's exec plugin once per cluster while its token is valid, not once
per request (fleet.clusters.reachability)."""

from __future__ import annotations

import sys
from pathlib import Path

from fleet.clusters import reachability


def plugin(tmp_path: Path, expires: str | None) -> dict:  # type: ignore[type-arg]
    runs = tmp_path / "runs"
    status = {"token": "t"} | ({"expirationTimestamp": expires} if expires else {})
    script = (
        f"import json, pathlib; p = pathlib.Path({str(runs)!r}); p.write_text(p.read_text() + 'x' if p.exists() "
        f"else 'x'); print(json.dumps({{'kind': 'ExecCredential', 'status': {status!r}}}))"
    )
    return {
        "exec": {"command": sys.executable, "args": ["-c", script], "env": [{"name": "RUN", "value": expires or ""}]}
    }


def runs(tmp_path: Path) -> int:
    return len((tmp_path / "runs").read_text())


def test_a_valid_token_is_reused_and_an_expired_one_is_not(tmp_path: Path) -> None:
    valid = plugin(tmp_path, "2999-01-01T00:00:00Z")
    assert [reachability._exec_token(valid, 5) for _ in range(3)] == ["t", "t", "t"]
    assert runs(tmp_path) == 1
    expired = plugin(tmp_path, "2000-01-01T00:00:00Z")
    assert [reachability._exec_token(expired, 5) for _ in range(2)] == ["t", "t"]
    assert runs(tmp_path) == 3
