"""What `fleet preflight --check` reports, in every cloud: one finding per thing checked."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    account: str  # the AWS account, GCP project or Azure subscription
    ok: bool
    what: str


def fits(
    scope: str, where: str, what: str, need: float, quotas: dict[str, tuple[float, float]], key: str, label: str = ""
) -> Finding:
    """``need`` more of ``what`` against the quota ``key`` of ``quotas`` (limit, in use)."""
    label = label or key
    if key not in quotas:
        return Finding(
            scope, False, f"{where}: {need:g} {what} with every pool at maxSize, and no {label} quota is listed"
        )
    limit, usage = quotas[key]
    ok = usage + need <= limit
    text = f"{where}: {need:g} {what} with every pool at maxSize, {usage:g} in use, quota {limit:g} ({label})"
    return Finding(scope, ok, text + ("" if ok else ": request more"))
