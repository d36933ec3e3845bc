"""The policy pack's config for a stack, in the Pulumi CLI's --policy-pack-config format.

One source of truth: custom regimes come from the stack's own spec, exemptions from
``policies/exemptions/<stack>.yaml``. Every policy gets both (the SDK gives a policy only its
own config), so the generated file is what `pulumi preview --policy-pack-config` reads.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from fleet.spec import Fleet

POLICIES_DIR = Path(__file__).resolve().parents[2] / "policies"


def exemptions(stack: str, policies_dir: Path = POLICIES_DIR) -> list[dict[str, Any]]:
    path = policies_dir / "exemptions" / f"{stack}.yaml"
    if not path.is_file():
        return []
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return [{**e, "expires": str(e.get("expires", ""))} for e in entries]


def build(fleet: Fleet, stack: str, policy_names: list[str], policies_dir: Path = POLICIES_DIR) -> dict[str, Any]:
    regimes = [
        {
            "name": r.name,
            "countries": list(r.countries),
            "regions": list(r.regions),
            **({"extends": r.extends} if r.extends else {}),
            **({"description": r.description} if r.description else {}),
        }
        for r in fleet.spec.regimes
    ]
    settings = {"regimes": regimes, "exemptions": exemptions(stack, policies_dir)}
    return {name: dict(settings) for name in sorted(policy_names)}
