"""Spec problems as the person editing the stack file needs them: key path, value, fix."""

from __future__ import annotations

import difflib
import re
import types
import typing
from dataclasses import dataclass
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

ROOT = "fleet:spec"


MAX_QUOTED = 80  # characters of a value quoted in a message (a DNS label is at most 63)
MAX_MESSAGE = 600  # characters per line of a message
MAX_LINES = 40  # lines per message (a placement failure lists clusters, grouped when many)
MAX_SHOWN = 50  # problems listed; the rest are counted
# A quoted value: opened after a space or bracket, closed before one (so the text between two
# quoted values is never taken for one).
_QUOTED = re.compile(r"(?:(?<=^)|(?<=[\s(\[{,:=]))'([^'\n]{" + str(MAX_QUOTED + 1) + r",}?)'(?=$|[\s)\]},;:.])")


def bounded(text: str) -> str:
    """A message with every quoted value cut to MAX_QUOTED characters, and the whole capped: a
    spec can hold values of any size, a message about one must not."""
    text = _QUOTED.sub(lambda m: "'" + m.group(1)[: MAX_QUOTED - 1] + "…'", text)
    lines = [line if len(line) <= MAX_MESSAGE else line[: MAX_MESSAGE - 1] + "…" for line in text.split("\n")]
    if len(lines) > MAX_LINES:
        lines = [*lines[: MAX_LINES - 1], f"      ... and {len(lines) - MAX_LINES + 1} more lines"]
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class Problem:
    path: str  # full key path, e.g. "fleet:spec.clusters[2].region"
    message: str  # what is wrong with which value, and how to fix it

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", bounded(self.path))
        object.__setattr__(self, "message", bounded(self.message))

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class SpecError(Exception):
    """The spec is invalid. Carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(self.render())

    def render(self) -> str:
        count = len(self.problems)
        head = f"the fleet spec has {count} problem{'s' if count != 1 else ''}; nothing was created:"
        shown = [f"  {p}" for p in self.problems[:MAX_SHOWN]]
        if count > MAX_SHOWN:
            shown.append(f"  ... and {count - MAX_SHOWN} more; fix these first")
        return "\n".join([head, *shown])


def join(path: str, *parts: str | int) -> str:
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated/Optional layers down to the type that shapes the next key."""
    while True:
        origin = get_origin(annotation)
        if origin is typing.Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            members = [a for a in get_args(annotation) if a is not type(None)]
            if len(members) == 1:
                annotation = members[0]
            else:
                return annotation
        else:
            return annotation


def _union_models(annotation: Any) -> dict[str, type[BaseModel]]:
    """tag -> model for a discriminated union on a Literal field; {} otherwise."""
    tags: dict[str, type[BaseModel]] = {}
    if get_origin(annotation) in (Union, types.UnionType):
        for member in get_args(annotation):
            if isinstance(member, type) and issubclass(member, BaseModel):
                for field in member.model_fields.values():
                    if get_origin(field.annotation) is typing.Literal:
                        tags[str(get_args(field.annotation)[0])] = member
    return tags


def _locate(model: type[BaseModel], loc: tuple[str | int, ...]) -> tuple[str, type[BaseModel] | None]:
    """Render a pydantic location as a stack-file key path, dropping union tags.

    Returns the path and the model that owns the last key, for "allowed keys" hints.
    """
    path = ROOT
    current: Any = model
    owner: type[BaseModel] | None = model
    for item in loc:
        current = _unwrap(current)
        tags = _union_models(current)
        if tags and isinstance(item, str) and item in tags:
            current = tags[item]
            owner = current
            continue
        if isinstance(item, int):
            path = join(path, item)
            args = get_args(current)
            current = _unwrap(args[0]) if args else Any
            if isinstance(current, type) and issubclass(current, BaseModel):
                owner = current
            continue
        path = join(path, item)
        if isinstance(current, type) and issubclass(current, BaseModel):
            owner = current
            field = next((f for name, f in current.model_fields.items() if item in (name, f.alias)), None)
            current = field.annotation if field else Any
        else:
            args = get_args(current)
            current = args[-1] if args else Any
            owner = None
    return path, owner


def _aliases(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def _describe(error: ErrorDetails, owner: type[BaseModel] | None) -> str:
    kind = error["type"]
    value = error.get("input")
    message = error["msg"]
    if kind == "missing":
        return "required key is missing; add it"
    if kind == "extra_forbidden":
        key = str(error["loc"][-1])
        allowed = _aliases(owner) if owner is not None else []
        near = difflib.get_close_matches(key, allowed, n=1)
        hint = f"did you mean {near[0]!r}? " if near else ""
        return f"unknown key {key!r}; {hint}allowed keys here: {', '.join(allowed)}"
    if kind == "union_tag_invalid":
        expected = error.get("ctx", {}).get("expected_tags", "")
        return f"{error['ctx']['tag']!r} is not supported; use one of {expected}"
    if kind == "union_tag_not_found":
        return "the key 'cloud' is missing; set cloud to one of 'aws', 'gcp', 'azure', 'existing'"
    if kind == "value_error":
        return message.removeprefix("Value error, ")
    if kind == "assertion_error":
        return message.removeprefix("Assertion failed, ")
    return f"{message} (got {type(value).__name__} {value!r})"


def from_validation_error(model: type[BaseModel], error: ValidationError) -> list[Problem]:
    details = error.errors(include_url=False)
    nested = {d["loc"][:i] for d in details for i in range(len(d["loc"]))}
    problems = []
    for detail in details:
        loc = detail["loc"]
        if detail["type"] == "too_short" and loc in nested:
            # pydantic repeats an item's error as "too short" on the sequence holding it.
            continue
        if detail["type"] == "extra_forbidden":
            path, _ = _locate(model, loc)
            _, owner = _locate(model, loc[:-1])
        else:
            path, owner = _locate(model, loc)
        problems.append(Problem(path, _describe(detail, owner)))
    return problems
