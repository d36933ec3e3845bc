"""Rule tests run the pure checks directly; the pack's own directory is put on sys.path the way
the Pulumi CLI runs it (cwd = pack dir)."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "policies"))

from fleet.core.residency import builtin
from fleetguard.model import Context, Resource, Rule

TODAY = dt.date(2026, 11, 25)
CTX = Context(regimes=builtin(), exemptions=(), today=TODAY)


def resource(type_: str, name: str = "r", provider: dict[str, Any] | None = None, **props: Any) -> Resource:
    provider_type = "pulumi:providers:" + type_.split(":", 1)[0]
    return Resource(
        type=type_,
        urn=f"urn:pulumi:s::p::{type_}::{name}",
        name=name,
        props=props,
        provider_type=provider_type,
        provider_props=provider or {},
        provider_urn=f"urn:pulumi:s::p::{provider_type}::prov",
        provider_name="prov",
    )


def messages(rule: Rule, subject: Resource | list[Resource], ctx: Context = CTX) -> list[str]:
    if rule.resource_check is not None:
        assert isinstance(subject, Resource)
        return [f.message for f in rule.resource_check(subject, ctx)]
    assert rule.stack_check is not None
    items = subject if isinstance(subject, list) else [subject]
    return [f.message for f in rule.stack_check(items, ctx)]
