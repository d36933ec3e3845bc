"""Turn the rule catalogue into pulumi_policy policies.

Each rule becomes one ResourceValidationPolicy or StackValidationPolicy with its ID in the
description and in every message, its default enforcement level, its severity and remediation,
and a config schema for custom regimes, exemptions and the stack's regime. The SDK applies no
config defaults, so ``config.resolve`` does. Findings on exempted resources (valid exemptions
only) are dropped here.

Unknown values (a preview of resources that do not exist yet) are turned into ``model.Unknown``
before any rule runs. A resource rule that touches one is reported by the SDK as "can't run
policy during preview" for that resource, as before. A stack rule decides per resource: an
unknown value defers only the decisions that need it, and each deferred decision is reported as
an advisory finding naming the resource and the value it waits for. The SDK's own behaviour would
turn one unknown anywhere in the stack into "can't run policy" for the whole stack, and the first
preview of a new cluster always has unknowns. Deferred decisions are reported by FLEET-PRE-001
(advisory), never by the rule itself, so they never block at the rule's level.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
from collections.abc import Mapping, Sequence
from typing import Any

from pulumi_policy import (
    EnforcementLevel,
    Policy,
    PolicyConfigSchema,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
    StackValidationArgs,
    StackValidationPolicy,
)

from fleetguard import compat, config
from fleetguard.model import Context, Deferred, Resource, Rule, Unknown, cannot_evaluate
from fleetguard.rules import RULES

LEVELS = {
    "advisory": EnforcementLevel.ADVISORY,
    "mandatory": EnforcementLevel.MANDATORY,
    "disabled": EnforcementLevel.DISABLED,
}
SECRET_MARKER = "__fleet_secret_keys__"


def track_secrets() -> None:
    """Let rules know which top-level properties arrived as secrets, and deserialise each resource
    once for all rules.

    The SDK unwraps secrets before a policy sees them, so "is the kubeconfig secret?" could not
    be answered; and it deserialises every resource once per policy. Its top-level deserialisation
    is wrapped (fleetguard/compat.py, where every use of an SDK internal lives) to record the names
    of secret properties under a marker key, which ``_props`` leaves out of what rules see, and to
    give every policy the one result per resource, from which ``_resource`` builds one Resource.
    """
    compat.share_deserialisation_and_track_secrets(SECRET_MARKER)
    compat.build_stack_resources_once()


def _plain(value: Any, urn: str, path: str) -> Any:
    """The SDK's unknown-checking proxies as plain dicts and lists, unknowns as ``Unknown``."""
    if isinstance(value, str) and value in compat.POLICY_UNKNOWN_SENTINELS:
        return Unknown(urn, path or "(properties)")
    if isinstance(value, Mapping):
        mapping = value if isinstance(value, dict) else value["__target"]
        return {k: _plain(v, urn, f"{path}.{k}" if path else str(k)) for k, v in mapping.items()}
    if isinstance(value, Sequence) and not isinstance(value, (str, bytes)):
        items = value if isinstance(value, (list, tuple)) else value["__target"]  # type: ignore[call-overload]
        return [_plain(v, urn, f"{path}[{i}]") for i, v in enumerate(items)]
    return value


def _props(props: Any, urn: str) -> tuple[dict[str, Any], frozenset[str]]:
    target = props["__target"] if props is not None and not isinstance(props, dict) else (props or {})
    secrets: frozenset[str] = frozenset()
    if isinstance(target, dict) and SECRET_MARKER in target:
        secrets = frozenset(target[SECRET_MARKER])
        target = {k: v for k, v in target.items() if k != SECRET_MARKER}  # the SDK's dict is shared: never edit it
    return _plain(target, urn, ""), secrets


def _target(props: Any) -> Any:
    """The SDK's deserialised dict behind its unknown-checking proxy: one object per resource and
    request, shared by every policy (compat.share_deserialisation_and_track_secrets)."""
    return props["__target"] if props is not None and not isinstance(props, dict) else props


_RESOURCES = compat._Shared(compat.SHARED_LIMIT)
# The rules' view of a whole stack, per list of the SDK's resources (one list per AnalyzeStack
# request for every stack policy: compat.build_stack_resources_once).
_STACKS = compat._Shared(4)


def _stack(resources: Sequence[Any]) -> list[Resource]:
    found = []
    for r in resources:
        resource = _resource(r.resource_type, r.urn, r.name, r.props, r.provider, r.parent.urn if r.parent else None)
        depends = {key: tuple(d.urn for d in deps) for key, deps in (r.property_dependencies or {}).items() if deps}
        if depends and resource.depends != depends:
            # The shared Resource is the resource policies' view too; dependencies only the stack view has.
            resource = dataclasses.replace(resource, depends=depends)
        found.append(resource)
    return found


def _resource(type_: str, urn: str, name: str, props: Any, provider: Any, parent: str | None) -> Resource:
    """The rules' view of a resource, built once per resource and request for all rules."""
    key = (type_, urn, name, parent, id(_target(provider.props)) if provider is not None else None)
    return _RESOURCES.get(
        _target(props) if props is not None else urn, key, lambda: _build(type_, urn, name, props, provider, parent)
    )


def _build(type_: str, urn: str, name: str, props: Any, provider: Any, parent: str | None) -> Resource:
    props, secrets = _props(props, urn)
    provider_props: Mapping[str, Any] = {}
    if provider is not None:
        provider_props, _ = _props(provider.props, provider.urn)
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


@functools.lru_cache(maxsize=8)
def _settings(raw_json: str) -> config.Settings:
    return config.resolve(json.loads(raw_json))


def _context(raw_config: Mapping[str, Any] | None) -> tuple[Context, config.Settings]:
    # Every policy gets its own copy of the same config: resolve it once.
    settings = _settings(json.dumps(raw_config or {}, sort_keys=True, default=str))
    context = Context(
        settings.regimes,
        settings.exemptions,
        dt.date.today(),
        settings.stack_regime,
        settings.guardrail_accounts,
        aws_accounts=settings.aws_accounts,
        config_stack=settings.stack,
        config_project=settings.project,
    )
    return context, settings


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
        try:
            findings = list(rule.resource_check(resource, ctx))  # type: ignore[misc]
        except Deferred as err:
            # The SDK reports this as "can't run policy ... during preview" for this resource.
            raise compat.policy_unknown(err.path) from err
        except Exception as err:  # a shape the rule does not expect: judged, not a crash
            report(f"[{rule.id}] {_cannot_evaluate(resource, err)}", None)
            return
        for finding in findings:
            report(f"[{rule.id}] {finding.message}", None)

    return ResourceValidationPolicy(validate=validate, **_metadata(rule))


def _stack_policy(rule: Rule) -> StackValidationPolicy:
    assert rule.stack_check is not None

    def validate(args: StackValidationArgs, report: ReportViolation) -> None:
        ctx, settings = _context(args.get_config())
        resources = _STACKS.get(args.resources, None, lambda: _stack(args.resources))
        names = {r.urn: r.name for r in resources}
        try:
            findings, broken = _stack_findings(rule, resources, ctx)
        except Deferred:
            # A rule that could not set a value aside per resource waits for the update as a whole (FLEET-PRE-001
            # says so) rather than failing the preview's analysis.
            return
        for resource, err in broken:
            report(f"[{rule.id}] {_cannot_evaluate(resource, err)}", resource.urn)
        for finding in findings:
            if finding.deferred:
                continue  # reported, at advisory level, by FLEET-PRE-001
            if finding.urn and _exempt(settings, rule, finding.urn, names.get(finding.urn, "")):
                continue
            report(f"[{rule.id}] {finding.message}", finding.urn)

    return StackValidationPolicy(validate=validate, **_metadata(rule))


def _cannot_evaluate(resource: Resource, err: Exception) -> str:
    return cannot_evaluate(resource, err)


def _stack_findings(rule: Rule, resources: list[Resource], ctx: Context) -> tuple[list[Any], list[Any]]:
    """The rule's findings on the stack, and the resources it could not evaluate. When the rule
    fails, each resource is left out in turn; of those whose absence lets it run, the one whose
    absence costs the fewest findings is the malformed one (leaving out a namespace the malformed
    object sits in also lets the rule run, but hides every finding in that namespace). It is
    reported on its own, so one malformed resource never stops the judgement of the rest."""
    broken: list[tuple[Resource, Exception]] = []
    remaining = list(resources)
    while True:
        try:
            return list(rule.stack_check(remaining, ctx)), broken  # type: ignore[misc]
        except Deferred:
            raise
        except Exception as err:  # a shape the rule does not expect: judged, not a crash
            best: tuple[int, Resource] | None = None
            for candidate in remaining:
                found = _findings_without(rule, [x for x in remaining if x is not candidate], ctx)
                if found is not None and (best is None or found > best[0]):
                    best = (found, candidate)
            if best is None:
                raise
            broken.append((best[1], err))
            remaining = [x for x in remaining if x is not best[1]]


def _findings_without(rule: Rule, resources: list[Resource], ctx: Context) -> int | None:
    """How many findings the rule makes on ``resources``; None when it fails on them too."""
    try:
        return len(list(rule.stack_check(resources, ctx)))  # type: ignore[misc]
    except Deferred:
        return 0
    except Exception:
        return None


def policies() -> list[Policy]:
    return [_resource_policy(r) if r.kind == "resource" else _stack_policy(r) for r in RULES]
