"""Turn the rule catalogue into pulumi_policy policies.

Each rule becomes one ResourceValidationPolicy or StackValidationPolicy with its ID in the
description and in every message, its default enforcement level, its severity and remediation,
and a config schema for custom regimes and exemptions. The SDK applies no config defaults, so
``config.resolve`` does. Findings on exempted resources (valid exemptions only) are dropped here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from pulumi_policy import (
    EnforcementLevel,
    PolicyConfigSchema,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
    StackValidationArgs,
    StackValidationPolicy,
)

from fleetguard import config
from fleetguard.model import Context, Resource, Rule
from fleetguard.rules import RULES

LEVELS = {
    "advisory": EnforcementLevel.ADVISORY,
    "mandatory": EnforcementLevel.MANDATORY,
    "disabled": EnforcementLevel.DISABLED,
}
SECRET_MARKER = "__fleet_secret_keys__"
_SIG_KEY = "4dabf18193072939515e22adb298388d"
_SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"


def track_secrets() -> None:
    """Let rules know which top-level properties arrived as secrets.

    The SDK unwraps secrets before a policy sees them, so "is the kubeconfig secret?" could not
    be answered. This wraps the SDK's top-level deserialisation to record the names of secret
    properties under a marker key, which ``_props`` removes again before any rule runs.
    """
    import pulumi_policy.policy as sdk

    original = sdk.deserialize_properties
    if getattr(original, "fleet_tracking", False):
        return

    def deserialize(props: dict[str, Any], proxy_secrets: bool = False) -> dict[str, Any]:
        result = original(props, proxy_secrets)
        secret = [k for k, v in props.items() if isinstance(v, dict) and v.get(_SIG_KEY) == _SECRET_SIG]
        if secret:
            result[SECRET_MARKER] = secret
        return result

    deserialize.fleet_tracking = True  # type: ignore[attr-defined]
    sdk.deserialize_properties = deserialize


def _props(props: Any) -> tuple[Any, frozenset[str]]:
    target = props["__target"] if hasattr(props, "__getitem__") and not isinstance(props, dict) else props
    if isinstance(target, dict) and SECRET_MARKER in target:
        return props, frozenset(target.pop(SECRET_MARKER))
    return props, frozenset()


def _resource(type_: str, urn: str, name: str, props: Any, provider: Any, parent: str | None) -> Resource:
    props, secrets = _props(props)
    provider_props: Mapping[str, Any] = {}
    if provider is not None:
        provider_props, _ = _props(provider.props)
    return Resource(
        type=type_,
        urn=urn,
        name=name,
        props=props,
        provider_type=provider.resource_type if provider is not None else None,
        provider_props=provider_props,
        provider_urn=provider.urn if provider is not None else None,
        provider_name=provider.name if provider is not None else None,
        parent=parent,
        secret_paths=secrets,
    )


def _context(raw_config: Mapping[str, Any] | None) -> tuple[Context, config.Settings]:
    settings = config.resolve(raw_config)
    return Context(settings.regimes, settings.exemptions, dt.date.today()), settings


def _exempt(settings: config.Settings, rule: Rule, urn: str, name: str) -> bool:
    today = dt.date.today()
    return any(e.rule_id == rule.id and not e.problem(today) and e.matches(urn, name) for e in settings.exemptions)


def _metadata(rule: Rule) -> dict[str, Any]:
    """What every policy of the pack declares besides its validate function."""
    return {
        "name": rule.name,
        "description": f"{rule.id}: {rule.title}",
        "enforcement_level": LEVELS[rule.default_level],
        "config_schema": PolicyConfigSchema(properties=config.SCHEMA_PROPERTIES),
        "severity": Severity(rule.severity),
        "remediation_steps": rule.remediation,
    }


def _resource_policy(rule: Rule) -> ResourceValidationPolicy:
    assert rule.resource_check is not None

    def validate(args: ResourceValidationArgs, report: ReportViolation) -> None:
        ctx, settings = _context(args.get_config())
        resource = _resource(
            args.resource_type, args.urn, args.name, args.props, args.provider, args.opts.parent if args.opts else None
        )
        if _exempt(settings, rule, resource.urn, resource.name):
            return
        for finding in rule.resource_check(resource, ctx):  # type: ignore[misc]
            report(f"[{rule.id}] {finding.message}", None)

    return ResourceValidationPolicy(validate=validate, **_metadata(rule))


def _stack_policy(rule: Rule) -> StackValidationPolicy:
    assert rule.stack_check is not None

    def validate(args: StackValidationArgs, report: ReportViolation) -> None:
        ctx, settings = _context(args.get_config())
        resources = [
            _resource(r.resource_type, r.urn, r.name, r.props, r.provider, r.parent.urn if r.parent else None)
            for r in args.resources
        ]
        names = {r.urn: r.name for r in resources}
        for finding in rule.stack_check(resources, ctx):  # type: ignore[misc]
            if finding.urn and _exempt(settings, rule, finding.urn, names.get(finding.urn, "")):
                continue
            report(f"[{rule.id}] {finding.message}", finding.urn)

    return StackValidationPolicy(validate=validate, **_metadata(rule))


def policies() -> list[ResourceValidationPolicy | StackValidationPolicy]:
    return [_resource_policy(r) if r.kind == "resource" else _stack_policy(r) for r in RULES]
