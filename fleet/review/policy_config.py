"""The policy pack's config for a stack, in the Pulumi CLI's --policy-pack-config format.

One source of truth: custom regimes come from the stack's own spec, exemptions from
``policies/exemptions/<stack>.yaml``. Every policy gets both (the SDK gives a policy only its
own config), so the generated file is what `pulumi preview --policy-pack-config` reads.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from fleet import project
from fleet.spec import Fleet, guardrails


def exemptions(stack: str, policies_dir: Path | None = None) -> list[dict[str, Any]]:
    path = (policies_dir or project.policies()) / "exemptions" / f"{stack}.yaml"
    if not path.is_file():
        return []
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return [{**e, "expires": str(e.get("expires", ""))} for e in entries]


def guardrail_accounts(fleet: Fleet) -> dict[str, list[str]]:
    """The accounts each OU or root target of this stack's AWS guardrails covers, as the spec lists
    them: FLEET-GRD-001 cannot see an OU's members, so it takes the spec's word for these."""
    found: dict[str, list[str]] = {}
    for g in guardrails.deployed(fleet):
        if g.cloud != "aws":
            continue
        listed = [a for a in g.covers if a not in g.targets]  # accounts under the OU or root targets
        for target in g.targets:
            if not target.isdigit():
                found.setdefault(target, [])
                found[target] += [a for a in listed if a not in found[target]]
    return dict(sorted(found.items()))


def build(fleet: Fleet, stack: str, policy_names: list[str], policies_dir: Path | None = None) -> dict[str, Any]:
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
    settings = {
        "regimes": regimes,
        "exemptions": exemptions(stack, policies_dir),
        "guardrailAccounts": guardrail_accounts(fleet),
    }
    return {name: dict(settings) for name in sorted(policy_names)}
