"""Spec problems as the person editing the stack file needs them: key path, value, fix."""

from __future__ import annotations

import ast
import difflib
import functools
import inspect
import itertools
import re
import textwrap
import types
import typing
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, Tag, ValidationError
from pydantic_core import ErrorDetails

from fleet.core import spelling
from fleet.core.lookalikes import looks_like
from fleet.report.text import HIDDEN, visible

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


_HIDDEN = re.compile(f"[{HIDDEN}]")
_ESCAPE = re.compile(r"\\(?:x([0-9a-f]{2})|u([0-9a-f]{4})|U([0-9a-f]{8}))")
MAX_POINTED = 3


def pointed_out(text: str) -> str:
    """A note naming the invisible characters and look-alike letters in ``text``, or ''."""
    found: dict[str, str] = {}
    # A value quoted with repr() shows an invisible character as an escape (\u200b): name it too.
    escaped = [chr(int(next(g for g in m.groups() if g), 16)) for m in _ESCAPE.finditer(text)]
    for char in [*text, *escaped]:
        if char in found or (char.isascii() and not _HIDDEN.match(char)):
            continue
        name = unicodedata.name(char, "unnamed")
        if _HIDDEN.match(char):
            found[char] = f"U+{ord(char):04X} {name} (invisible)"
        elif looks_like(char):
            found[char] = f"U+{ord(char):04X} {name}, which looks like '{looks_like(char)}'"
    if not found:
        return ""
    named = list(found.values())
    more = f" and {len(named) - MAX_POINTED} more" if len(named) > MAX_POINTED else ""
    return f" (note: it contains {'; '.join(named[:MAX_POINTED])}{more}; retype it in plain ASCII)"


@dataclass(frozen=True, slots=True)
class Problem:
    path: str  # full key path, e.g. "fleet:spec.clusters[2].region"
    message: str  # what is wrong with which value, and how to fix it

    def __post_init__(self) -> None:
        # Printed to terminals and logs: control and reordering characters in a value are shown, not obeyed,
        # and named, with the letters that only look like Latin ones, so "did you mean" is never a riddle.
        note = pointed_out(self.path + " " + self.message)
        object.__setattr__(self, "path", bounded(visible(self.path)))
        object.__setattr__(self, "message", bounded(visible(self.message)) + note)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class SpecError(Exception):
    """The spec is invalid. Carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem], what: str = "the fleet spec") -> None:
        self.problems, self.what = problems, what
        super().__init__(self.render())

    def render(self) -> str:
        count = len(self.problems)
        head = f"{self.what} has {count} problem{'s' if count != 1 else ''}; nothing was created:"
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


@dataclass(frozen=True, slots=True)
class _Union:
    """A discriminated union of the spec: the key that chooses, and the model each value chooses."""

    key: str
    models: dict[str, type[BaseModel]]


def _union(annotation: Any) -> _Union | None:
    key: str | None = None
    while True:
        origin = get_origin(annotation)
        if origin is typing.Annotated:
            for meta in annotation.__metadata__:
                chooser = getattr(meta, "discriminator", None)
                chooser = getattr(chooser, "discriminator", chooser)  # a field's Discriminator(fn)
                # Field(discriminator="cloud") names the key; Discriminator(fn) carries it on fn.
                key = chooser if isinstance(chooser, str) else getattr(chooser, "key", key)
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            members = [a for a in get_args(annotation) if a is not type(None)]
            if len(members) > 1:
                break
            annotation = members[0]
        else:
            return None
    if key is None:
        return None
    models: dict[str, type[BaseModel]] = {}
    for member in members:
        tag = None
        if get_origin(member) is typing.Annotated:
            tag = next((m.tag for m in member.__metadata__ if isinstance(m, Tag)), None)
            member = get_args(member)[0]
        if tag is None:
            tag = str(get_args(member.model_fields[key].annotation)[0])
        models[tag] = member
    return _Union(key, models)


@dataclass(frozen=True, slots=True)
class _Located:
    path: str  # the key path in the stack file
    owner: type[BaseModel] | None  # the model that owns the last key
    chosen: tuple[_Union, str, int] | None  # the last union passed: it, the tag taken, where in loc
    pending: _Union | None  # the union the location ends at (a tag error)


def _locate(model: type[BaseModel], loc: tuple[str | int, ...]) -> _Located:
    """Render a pydantic location as a stack-file key path, dropping union tags."""
    path = ROOT
    current: Any = model
    owner: type[BaseModel] | None = model
    chosen: tuple[_Union, str, int] | None = None
    for position, item in enumerate(loc):
        union = _union(current)
        current = _unwrap(current)
        if union is not None and isinstance(item, str) and item in union.models:
            current = owner = union.models[item]
            chosen = (union, item, position)
            continue
        if isinstance(item, int):
            path = join(path, item)
            args = get_args(current)
            current = args[0] if args else Any
            if isinstance(_unwrap(current), type) and issubclass(_unwrap(current), BaseModel):
                owner = _unwrap(current)
            continue
        path = join(path, item)
        if isinstance(current, type) and issubclass(current, BaseModel):
            owner = current
            field = _field(current, item)
            current = field.annotation if field else Any
            if field is not None and (field.discriminator is not None or field.metadata):
                # pydantic moves a field's own Annotated metadata onto the field
                current = typing.Annotated[(current, field, *field.metadata)]
        else:
            args = get_args(current)
            current = args[-1] if args else Any
            owner = None
    return _Located(path, owner, chosen, _union(current))


def _field(model: type[BaseModel], key: str | int, spelled: bool = False) -> Any:
    """The field ``key`` names; with ``spelled``, only as the stack file spells it (its alias)."""
    return next(
        (f for name, f in model.model_fields.items() if key == (f.alias or name) or (not spelled and key == name)),
        None,
    )


@functools.cache
def field_docstring(model: type[BaseModel], key: str) -> str:
    """The docstring written under a field in the model's source (``key``: its name or alias),
    read only when a message needs it: pydantic's use_attribute_docstrings would read every
    model's source on every start."""
    for owner in model.__mro__:
        if not (isinstance(owner, type) and issubclass(owner, BaseModel)) or owner is BaseModel:
            continue
        try:
            tree = ast.parse(textwrap.dedent(inspect.getsource(owner)))
        except (OSError, TypeError, SyntaxError):
            continue
        body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
        for statement, following in itertools.pairwise(body):
            if (
                isinstance(statement, ast.AnnAssign)
                and isinstance(statement.target, ast.Name)
                and key in (statement.target.id, _field_alias(model, statement.target.id))
                and isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)
            ):
                return inspect.cleandoc(following.value.value)
    return ""


def first_sentence(doc: str) -> str:
    """A docstring's first sentence on one line, with reST's ``code`` as Markdown's `code`."""
    text = " ".join(doc.replace("``", "`").split())
    end = re.search(r"\.(\s|$)", text)
    return text[: end.start() + 1] if end else text


def _field_alias(model: type[BaseModel], name: str) -> str | None:
    field = model.model_fields.get(name)
    return field.alias if field is not None else None


def _spelled(union: _Union, tag: str) -> str:
    return f"{union.key}: {tag}"


def _either(tags: list[str]) -> str:
    return tags[0] if len(tags) == 1 else f"{', '.join(tags[:-1])} or {tags[-1]}"


def _elsewhere(model: type[BaseModel], loc: tuple[str | int, ...], chosen: tuple[_Union, str, int]) -> list[str]:
    """The other members of the union where the last key of ``loc`` is allowed."""
    union, tag, position = chosen
    found = []
    for other in union.models:
        if other == tag:
            continue
        owner = _locate(model, (*loc[:position], other, *loc[position + 1 :])).owner
        if owner is not None and _field(owner, loc[-1], spelled=True) is not None:
            found.append(other)
    return found


def _aliases(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def _describe(model: type[BaseModel], error: ErrorDetails) -> tuple[str, str]:
    """The key path and the message for one pydantic error."""
    kind = error["type"]
    loc = error["loc"]
    value = error.get("input")
    message = error["msg"]
    at = _locate(model, loc)
    if kind == "missing":
        field = _field(at.owner, loc[-1]) if at.owner is not None and at.chosen else None
        if at.chosen is not None and field is not None and not _in_every_member(model, loc, at.chosen):
            union, tag, _ = at.chosen
            described = field.description or field_docstring(at.owner, str(loc[-1]))
            what = f": {first_sentence(described)}" if described else ""
            return at.path, f"required with {_spelled(union, tag)}; add it{what}"
        return at.path, "required key is missing; add it"
    if kind == "extra_forbidden":
        key = str(loc[-1])
        allowed = _aliases(at.owner) if at.owner is not None else []
        others = _elsewhere(model, loc, at.chosen) if at.chosen is not None else []
        if at.chosen is not None and others:
            union, tag, _ = at.chosen
            return at.path, (
                f"{key!r} is only used with {union.key}: {_either(others)}; this one has {union.key}: {tag} "
                f"(its keys: {', '.join(allowed)})"
            )
        near = difflib.get_close_matches(key, allowed, n=1)
        hint = f"did you mean {near[0]!r}? " if near else ""
        return at.path, f"unknown key {key!r}; {hint}allowed keys here: {', '.join(allowed)}"
    if kind in ("union_tag_invalid", "union_tag_not_found") and at.pending is not None:
        union = at.pending
        tags = ", ".join(repr(t) for t in union.models)
        if kind == "union_tag_not_found":
            return at.path, f"the key {union.key!r} is missing; set {union.key} to one of {tags}"
        tag = str(error["ctx"]["tag"])
        hint = spelling.did_you_mean(tag, [str(m) for m in union.models])
        return join(at.path, union.key), f"{tag!r} is not supported; {hint}use one of {tags}"
    if kind == "value_error":
        return at.path, message.removeprefix("Value error, ")
    if kind == "assertion_error":
        return at.path, message.removeprefix("Assertion failed, ")
    if kind == "bool_type":
        # Strict: a number or a word for a switch is a typo as often as a choice (YAML 1.1 read `yes`
        # as true, the Pulumi CLI reads it as text), so only true and false are taken.
        return at.path, f"expected true or false, got {type(value).__name__} {value!r}; write true or false"
    if kind == "int_type":
        return at.path, f"expected a whole number, got {type(value).__name__} {value!r}; write it unquoted, e.g. 3"
    plain = _plain(kind, error.get("ctx") or {}, value)
    if plain:
        return at.path, plain
    return at.path, f"{message} (got {type(value).__name__} {value!r})"


def _plain(kind: str, ctx: Mapping[str, Any], value: Any) -> str:
    """pydantic's constraint errors in the spec's own voice: the value, what is wrong, the fix."""
    got = f"{type(value).__name__} {value!r}"
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        hint = spelling.did_you_mean(str(value), choices) if isinstance(value, str) else ""
        return f"{value!r} is not one of {', '.join(repr(c) for c in choices)}; {hint}write one of them"
    if kind == "string_too_short":
        return f"{value!r} is shorter than {ctx.get('min_length')} characters; write a longer value"
    if kind == "string_too_long":
        return f"{value!r} is {len(str(value))} characters, more than {ctx.get('max_length')}; shorten it"
    if kind == "string_pattern_mismatch":
        return f"{value!r} does not have the required form (pattern {ctx.get('pattern')}); see docs/SPEC.md"
    bounds = {
        "greater_than_equal": ("at least", "ge"),
        "less_than_equal": ("at most", "le"),
        "greater_than": ("more than", "gt"),
        "less_than": ("less than", "lt"),
    }
    if kind in bounds:
        words, key = bounds[kind]
        return f"{value!r} is out of range; it must be {words} {ctx.get(key)}"
    if kind == "too_short":
        return f"has {ctx.get('actual_length')} items; add at least {ctx.get('min_length')}"
    if kind == "too_long":
        return f"has {ctx.get('actual_length')} items, more than {ctx.get('max_length')}; remove some"
    if kind == "string_type":
        return f"expected text, got {got}; quote it"
    if kind in ("list_type", "tuple_type", "set_type"):
        return f"expected a list, got {got}; write [a, b] or one '- item' per line"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"expected a map of settings, got {got}; write key: value pairs under it"
    if kind in ("float_type", "float_parsing", "int_parsing", "int_from_float"):
        return f"expected a number, got {got}; write it unquoted, e.g. 2 or 0.5"
    return ""


def _in_every_member(model: type[BaseModel], loc: tuple[str | int, ...], chosen: tuple[_Union, str, int]) -> bool:
    """Whether every member of the union has the last key of ``loc`` (so it is not the tag's doing)."""
    union = chosen[0]
    return len(_elsewhere(model, loc, chosen)) == len(union.models) - 1


def from_validation_error(model: type[BaseModel], error: ValidationError) -> list[Problem]:
    details = error.errors(include_url=False)
    nested = {d["loc"][:i] for d in details for i in range(len(d["loc"]))}
    problems = []
    for detail in details:
        if detail["type"] == "too_short" and detail["loc"] in nested:
            # pydantic repeats an item's error as "too short" on the sequence holding it.
            continue
        problems.append(Problem(*_describe(model, detail)))
    return problems
