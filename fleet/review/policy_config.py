"""The policy pack's config for a stack, in the Pulumi CLI's --policy-pack-config format.

One source of truth: custom regimes come from the stack's own spec, exemptions from
``policies/exemptions/<stack>.yaml``. Every policy gets both (the SDK gives a policy only its
own config), so the generated file is what `pulumi preview --policy-pack-config` reads.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictStr, ValidationError, field_validator
from pydantic.alias_generators import to_camel

from fleet import project
from fleet.spec import Fleet, guardrails
from fleet.spec.errors import Problem, SpecError
from fleet.spec.source import SourceError, read, short

MAX_EXEMPTIONS_BYTES = 2**20  # a few hundred entries at most; anything larger is not a list of waivers


class Exemption(BaseModel):
    """One entry of an exemptions file, as FLEET-EXM-001 and FLEET-EXM-002 read it.

    Only the shape is refused here (a branch's file is checked before anything is rendered); a
    short reason or a past expiry is the pack's to report, so it shows in the review as a finding."""

    model_config = ConfigDict(extra="forbid", frozen=True, alias_generator=to_camel, strict=True)

    # Each description is also the fix a missing key's message gives.
    rule_id: StrictStr = Field(pattern=r"^FLEET-[A-Z]+-[0-9]{3}$", description="the rule waived, e.g. FLEET-CLU-003")
    resource: StrictStr = Field(
        min_length=1, max_length=1024, description="a URN or resource name ('*' and '?' are wildcards)"
    )
    reason: StrictStr = Field(max_length=2000, description="why, in at least ten characters")
    expires: StrictStr = Field(description='the day it must be reviewed again, e.g. "2027-06-30"')

    @field_validator("expires")
    @classmethod
    def _date(cls, value: str) -> str:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f'{short(value)} is not a date; write YYYY-MM-DD, e.g. "2027-06-30"') from None
        if len(value) != 10:
            raise ValueError(f'{short(value)} is not a date in the form YYYY-MM-DD; write e.g. "2027-06-30"')
        return value


def _problems(path: Path, source: Any, index: int, error: ValidationError) -> list[Problem]:
    problems = []
    for detail in error.errors(include_url=False):
        loc = [index, *(k for k in detail["loc"] if isinstance(k, int | str))]
        line = source.line_of(loc)
        where = f"{path}:{line}" if line else str(path)
        key = ".".join(str(k) for k in loc[1:])
        message = str(detail["msg"]).removeprefix("Value error, ")
        if detail["type"] == "extra_forbidden":
            message = f"unknown key; an entry has {', '.join(repr(to_camel(f)) for f in Exemption.model_fields)}"
        elif detail["type"] == "model_type":
            message = (
                f"is {_kind(detail['input'])}, not an entry; write a map with ruleId, resource, reason and expires"
            )
        elif detail["type"] == "string_type":
            message = f"is {_kind(detail['input'])}; write it as text (quoted if YAML would read it otherwise)"
        elif detail["type"] == "missing":
            field = next(f for name, f in Exemption.model_fields.items() if to_camel(name) == loc[-1])
            message = f"required; add it: {field.description}"
        problems.append(Problem(where, f"entry {index + 1}{' ' + key if key else ''}: {message}"))
    return problems


WHAT = "the exemptions file"


def _kind(value: Any) -> str:
    kinds = {bool: "a boolean", int: "a number", float: "a number", str: "text", list: "a list", dict: "a map"}
    return f"{kinds.get(type(value), type(value).__name__)} {short(value)}" if value is not None else "empty"


def exemptions(stack: str, policies_dir: Path | None = None) -> list[dict[str, Any]]:
    """The stack's exemptions, read strictly: a file a pull request can write is bounded, must be a
    YAML list of entries of the documented shape, or the review stops with the file and line (SpecError)."""
    policies = policies_dir or project.policies()
    path = policies / "exemptions" / f"{stack}.yaml"
    # Named as the pull request shows it (relative to the project), not where this machine keeps it.
    shown = Path(os.path.relpath(path, policies.parent)) if policies.is_absolute() else path
    if not path.exists() and not path.is_symlink():
        return []
    try:
        source = read(path, "an exemptions file", MAX_EXEMPTIONS_BYTES)
    except SourceError as err:
        raise SpecError([Problem(err.where.replace(str(path), str(shown), 1), err.why)], WHAT) from None
    if source.data is None:
        return []
    if not isinstance(source.data, list):
        raise SpecError(
            [
                Problem(
                    f"{shown}:{source.line_of([]) or 1}",
                    f"is {_kind(source.data)}, not a list of exemptions; write a YAML list of entries "
                    "with ruleId, resource, reason and expires",
                )
            ],
            WHAT,
        )
    entries, problems = [], []
    for index, item in enumerate(source.data):
        try:
            entries.append(Exemption.model_validate(item).model_dump(by_alias=True))
        except ValidationError as err:
            problems += _problems(shown, source, index, err)
    if problems:
        raise SpecError(problems, WHAT)
    return entries


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


_ROLE_ACCOUNT = re.compile(r"^arn:aws[a-z-]*:iam::(?P<account>\d{12}):")
_ACCOUNT = re.compile(r"^\d{12}$")


def aws_accounts(fleet: Fleet) -> list[str]:
    """Every AWS account the spec names as the organization's own: its clusters' and guardrails' accounts, and the
    accounts of the roles it deploys, previews and maps groups with. FLEET-RES-003 takes the spec's word that a
    principal of these accounts (a group's role in an identity account, given an EKS access entry) is not
    another company's."""
    found: set[str] = set()

    def walk(value: Any, key: str = "") -> None:
        if isinstance(value, dict):
            for k, item in value.items():
                walk(item, str(k))
        elif isinstance(value, list):
            for item in value:
                walk(item, key)
        elif isinstance(value, str):
            if match := _ROLE_ACCOUNT.match(value):
                found.add(match["account"])
            elif _ACCOUNT.match(value) and key.lower() in ("account", "accounts", "targets", "covers"):
                found.add(value)

    walk(fleet.spec.model_dump(mode="json"))
    return sorted(found)


def build(
    fleet: Fleet,
    stack: str,
    policy_names: list[str],
    policies_dir: Path | None = None,
    entries: list[dict[str, Any]] | None = None,
    project_name: str | None = None,
) -> dict[str, Any]:
    """The config for every policy; ``entries`` are the stack's exemptions where already read;
    ``project_name``: the stack's project (default: the project around the working directory)."""
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
        # Which stack this is for: FLEET-EXM-003 refuses it on another stack of the project.
        "stack": stack,
        "project": project_name or project.name(),
        "regimes": regimes,
        "exemptions": exemptions(stack, policies_dir) if entries is None else entries,
        "guardrailAccounts": guardrail_accounts(fleet),
        "awsAccounts": aws_accounts(fleet),
    }
    return {name: dict(settings) for name in sorted(policy_names)}
