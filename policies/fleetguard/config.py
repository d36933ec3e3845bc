"""Policy configuration: its JSON schema and the defaults the pack applies itself.

The Pulumi CLI validates config against each policy's schema and applies schema defaults; the
Python SDK does not, so tests and ``fleet review`` would otherwise see raw config. ``resolve``
applies the same defaults everywhere.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from fleet.core import residency

MIN_REASON = 10

REGIME_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["name"],
    "properties": {
        "name": {"type": "string", "pattern": "^[a-z][-a-z0-9]{0,62}$"},
        "countries": {"type": "array", "items": {"type": "string", "pattern": "^[A-Z]{2}$"}},
        "regions": {"type": "array", "items": {"type": "string", "pattern": "^(aws|gcp|azure):[-a-z0-9]+$"}},
        "extends": {"type": "string"},
        "description": {"type": "string"},
    },
}
EXEMPTION_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["ruleId", "resource", "reason", "expires"],
    "properties": {
        "ruleId": {"type": "string", "pattern": "^FLEET-[A-Z]+-[0-9]{3}$"},
        "resource": {"type": "string", "description": "URN or name, '*' and '?' as wildcards"},
        "reason": {"type": "string", "minLength": MIN_REASON},
        "expires": {"type": "string", "format": "date"},
    },
}
SCHEMA_PROPERTIES: dict[str, Any] = {
    "regimes": {"type": "array", "items": REGIME_SCHEMA, "default": []},
    "exemptions": {"type": "array", "items": EXEMPTION_SCHEMA, "default": []},
    "guardrailAccounts": {
        "type": "object",
        "additionalProperties": {"type": "array", "items": {"type": "string", "pattern": "^[0-9]{12}$"}},
        "default": {},
        "description": (
            "AWS Organizations OU and root IDs mapped to the accounts an SCP attached there covers (from the "
            "spec's guardrails); an account target covers itself."
        ),
    },
    "awsAccounts": {
        "type": "array",
        "items": {"type": "string", "pattern": "^[0-9]{12}$"},
        "default": [],
        "description": (
            "The AWS accounts the spec names as the organization's own (clusters, guardrails, the roles it "
            "deploys, previews and maps groups with): principals of these are not another company's."
        ),
    },
    "stack": {
        "type": "string",
        "description": "The stack this config was generated for (fleet policy-config); FLEET-EXM-003 refuses it "
        "on another stack of the same project.",
    },
    "project": {"type": "string", "description": "The Pulumi project of that stack."},
    "stackRegime": {
        "type": "string",
        "pattern": "^[a-z][-a-z0-9]{0,62}$",
        "description": (
            "The regime of the whole stack: every cloud resource that declares none of its own (no "
            "fleet-residency tag, label or provider default) is held to it, and the stack counts as regulated."
        ),
    },
}


@dataclass(frozen=True)
class Exemption:
    rule_id: str
    resource: str
    reason: str
    expires: dt.date | None
    raw_expires: str

    def problem(self, today: dt.date) -> str | None:
        """Why this exemption may not be used, or None when it is valid."""
        if len(self.reason.strip()) < MIN_REASON:
            return f"has no real reason ({self.reason!r}); write at least {MIN_REASON} characters saying why"
        if self.expires is None:
            return f"has expiry {self.raw_expires!r}, not a date (YYYY-MM-DD); set when it must be reviewed"
        if self.expires < today:
            return f"expired on {self.expires.isoformat()}; fix the resource or renew the exemption with a reason"
        return None

    def matches(self, urn: str, name: str) -> bool:
        return fnmatch.fnmatchcase(urn, self.resource) or fnmatch.fnmatchcase(name, self.resource)


@dataclass(frozen=True)
class Settings:
    regimes: Mapping[str, residency.Regime]
    exemptions: tuple[Exemption, ...]
    stack_regime: str | None = None
    guardrail_accounts: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    aws_accounts: tuple[str, ...] = ()
    stack: str | None = None
    project: str | None = None


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        return None


def resolve(config: Mapping[str, Any] | None) -> Settings:
    """Settings from one policy's config, with the schema's defaults applied.

    Every policy resolves its config for every resource, so results are cached by content.
    """
    return _resolve(json.dumps(config or {}, sort_keys=True, default=str))


@lru_cache(maxsize=64)
def _resolve(text: str) -> Settings:
    config = json.loads(text)
    custom = [
        residency.CustomRegime(
            name=str(r["name"]),
            countries=tuple(r.get("countries", ())),
            regions=tuple(r.get("regions", ())),
            extends=r.get("extends"),
            description=str(r.get("description", "")),
        )
        for r in config.get("regimes") or []
    ]
    exemptions = tuple(
        Exemption(
            rule_id=str(e.get("ruleId", "")),
            resource=str(e.get("resource", "")),
            reason=str(e.get("reason", "")),
            expires=_date(str(e.get("expires", ""))),
            raw_expires=str(e.get("expires", "")),
        )
        for e in config.get("exemptions") or []
    )
    stack_regime = config.get("stackRegime")
    return Settings(
        regimes=residency.resolve_all(custom),
        exemptions=exemptions,
        stack_regime=str(stack_regime) if stack_regime else None,
        guardrail_accounts={
            str(target): tuple(str(a) for a in accounts)
            for target, accounts in (config.get("guardrailAccounts") or {}).items()
            if isinstance(accounts, list)
        },
        aws_accounts=tuple(str(a) for a in config.get("awsAccounts") or () if isinstance(a, (str, int))),
        stack=str(config["stack"]) if config.get("stack") else None,
        project=str(config["project"]) if config.get("project") else None,
    )
