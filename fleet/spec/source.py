"""Reading stack and spec files as the Pulumi CLI would accept them, and finding a key's line.

PyYAML's safe loader accepts documents the Pulumi CLI refuses (duplicate keys), builds values a
spec cannot hold (``!!binary`` bytes, ``!!set``, timestamps), and expands aliases and nesting
without bound. Stack files are read here instead: JSON-compatible values only, duplicate keys and
unknown tags refused with their line, depth and alias expansion capped. Every problem names the
file and line; no value from the file is echoed beyond a short prefix.

PyYAML reads YAML 1.1; the CLI reads with go-yaml v3 (through the Pulumi SDK), which resolves plain
scalars its own way. Where the two would build different values from one plain scalar (``1:00`` is 60
in YAML 1.1 and a string in the CLI, ``yes`` a boolean and a string, ``0o17`` a string and 15,
``2026-01-01`` a string and a timestamp the CLI turns into ``2026-01-01 00:00:00 +0000 UTC``), the
scalar is refused at its line with the advice to quote it; so are the directives and tags the CLI
refuses or reads otherwise (``%YAML 1.2``, the non-specific tag ``!``), keys that are not strings,
and the strings the CLI's own rewrite of the file changes. A scalar directly under a stack file's
``config`` reaches the program as text (``config.Value``): ``3`` and ``true`` are read as the strings
``"3"`` and ``"true"``, and a scalar whose text the CLI would change (``True``, ``1.0``, empty) is refused.
tests/spec/test_cli_reading.py checks all of this against the CLI's own reading (tools/stack-reader).

The composed node tree is kept, so a key path (``fleet:spec.clusters[2].region``) can be turned
into the file and line it is written on, for SARIF and for reports of invalid specs.
"""

from __future__ import annotations

import math
import re
import stat
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

MAX_DEPTH = 64
MAX_NODES = 200_000  # after alias expansion: a stack spec is a few thousand at most
MAX_BYTES = 8 * 2**20
PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}
SHOWN = 40
STR, INT, FLOAT, BOOL, NULL = (f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null"))
MERGE = "tag:yaml.org,2002:merge"
# What the resolver gives a plain scalar that PyYAML and the Pulumi CLI would read as different values.
DISAGREES = "tag:fleet,2026:reads-otherwise-in-the-pulumi-cli"


class SourceError(ValueError):
    """The file cannot be read as a stack or spec file: ``where`` (file, and line when known) and why."""

    def __init__(self, where: str, why: str) -> None:
        self.where, self.why = where, why
        super().__init__(f"{where}: {why}")


def short(value: Any) -> str:
    """A value for a message: its repr, cut to a bounded length."""
    text = repr(value)
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…'"


@dataclass(frozen=True)
class Source:
    """A parsed file: its data and its node tree, for finding where a key is written."""

    path: Path
    data: Any
    root: yaml.Node | None

    def line_of(self, keys: list[str | int]) -> int:
        """The 1-based line of the deepest node along ``keys`` that exists (0 if none does)."""
        node, line = self.root, 0
        for key in keys:
            if isinstance(node, yaml.MappingNode):
                match = next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
                if match is None:
                    break
                key_node = next(k for k, v in node.value if v is match)
                line, node = key_node.start_mark.line + 1, match
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
                node = node.value[key]
                line = node.start_mark.line + 1
            else:
                break
        return line


def _where(path: Path, node: yaml.Node) -> str:
    return f"{path}:{node.start_mark.line + 1}"


def _check(path: Path, node: yaml.Node) -> None:
    """Refuse what the CLI refuses or a spec cannot hold; count nodes with aliases expanded."""
    count = 0
    stack: list[tuple[yaml.Node, int]] = [(node, 0)]
    while stack:
        current, depth = stack.pop()
        count += 1
        if count > MAX_NODES:
            raise SourceError(
                str(path), f"has more than {MAX_NODES} values (aliases expanded); a stack spec holds a few thousand"
            )
        if depth > MAX_DEPTH:
            raise SourceError(_where(path, current), f"nested more than {MAX_DEPTH} levels deep")
        if isinstance(current, yaml.ScalarNode) and (current.tag != STR or current.value[:1] in _BREAKS):
            _check_scalar(path, current)
        if current.tag not in PLAIN_TAGS:
            raise SourceError(
                _where(path, current),
                f"the tag {short(current.tag)} builds a value a stack spec cannot hold; "
                "write a plain string, number, boolean, list or map",
            )
        if isinstance(current, yaml.MappingNode):
            seen: dict[str, int] = {}
            merges = False
            for key, value in current.value:
                if not isinstance(key, yaml.ScalarNode):
                    raise SourceError(_where(path, key), "a key must be a plain string")
                if key.tag != STR or key.value[:1] in _BREAKS:
                    _check_scalar(path, key)
                merges = merges or key.tag == MERGE
                if key.tag == STR and key.value == "<<":
                    raise SourceError(
                        _where(path, key),
                        "the key '<<' written as a string: PyYAML keeps it a key, the Pulumi CLI rewrites it "
                        "plain and merges it (a merge key); rename it",
                    )
                if key.tag not in (STR, MERGE):
                    raise SourceError(
                        _where(path, key),
                        f"the key {short(key.value)} is not a string (the Pulumi CLI turns it into its text, "
                        "PyYAML keeps its type); quote it",
                    )
                if key.value in seen:
                    raise SourceError(
                        _where(path, key),
                        f"key {short(key.value)} appears twice in one map (first on line {seen[key.value]}); "
                        "the Pulumi CLI refuses duplicate keys, keep one",
                    )
                seen[key.value] = key.start_mark.line + 1
                stack.append((value, depth + 1))
            if merges:
                _check_merge(path, current)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend((item, depth + 1) for item in current.value)


def _merged_keys(node: yaml.MappingNode) -> list[str]:
    """The keys a map brings when merged, in order, a key written twice (merged and overridden) twice."""
    keys: list[str] = []
    for key, value in node.value:
        if key.tag != MERGE:
            keys.append(key.value)
            continue
        for source in value.value if isinstance(value, yaml.SequenceNode) else [value]:
            if isinstance(source, yaml.MappingNode):
                keys += _merged_keys(source)
    return keys


def _check_merge(path: Path, node: yaml.MappingNode) -> None:
    """Refuse a merge that brings one key from two places: go-yaml takes the first (and a merged map's own
    key over what that map merges), PyYAML 6 keeps whichever key string it saw first by identity."""
    seen: set[str] = set()
    for key, value in node.value:
        if key.tag != MERGE:
            continue
        for name in _merged_keys(yaml.MappingNode(MERGE, [(key, value)])):
            if name in seen:
                raise SourceError(
                    _where(path, key),
                    f"the merge (<<) brings the key {short(name)} from more than one map, which PyYAML and "
                    "the Pulumi CLI resolve differently; write that key out",
                )
            seen.add(name)


_BREAKS = ("\n", "\t", "\u2028", "\u2029")  # a string starting so and spanning lines is changed by the CLI


def _check_scalar(path: Path, node: yaml.ScalarNode) -> None:
    """Refuse a scalar that PyYAML and the Pulumi CLI read as different values, or that the CLI changes."""
    if node.tag == DISAGREES:
        raise SourceError(_where(path, node), _disagreement(node.value))
    if node.tag == STR:
        value = node.value
        # The CLI writes the file back out and reads it again (LoadProjectStackBytes); go-yaml emits such
        # a string as a block scalar and drops its first line break (or fails on the tab).
        if value[:1] in _BREAKS and "\n" in value:
            raise SourceError(
                _where(path, node),
                f"the string {short(value)} starts with a line break or tab and spans lines: the Pulumi CLI "
                "drops that first line break (or refuses the tab); remove it",
            )
    elif node.tag in (INT, FLOAT, BOOL, NULL) and (node.style not in ("", None) or _implicit(node.value) != node.tag):
        # An explicit tag: go-yaml v3 refuses `!!int 1:00` or `!!bool yes` that PyYAML builds.
        raise SourceError(
            _where(path, node),
            f"{short(node.value)} has the tag !!{node.tag.rsplit(':', 1)[1]}: the Pulumi CLI and PyYAML read "
            "tagged scalars differently; remove the tag (or quote the value for a string)",
        )


# How go-yaml v3 (v3.0.1, resolve.go `resolve`) reads an untagged plain scalar, as (kind, value); the
# CLI then passes values through JSON, so a number must also be finite and within 64 bits to survive.
_GO_MAP: dict[str, tuple[str, Any]] = {
    **{w: ("bool", True) for w in ("true", "True", "TRUE")},
    **{w: ("bool", False) for w in ("false", "False", "FALSE")},
    **{w: ("null", None) for w in ("", "~", "null", "Null", "NULL")},
    **{w: ("float", math.nan) for w in (".nan", ".NaN", ".NAN")},
    **{s + w: ("float", -math.inf if s == "-" else math.inf) for s in ("", "+", "-") for w in (".inf", ".Inf", ".INF")},
    "<<": ("merge", "<<"),
}
_GO_HINT = frozenset("+-.0123456789")
_GO_DOT_FLOAT = re.compile(r"\.[0-9](?:_?[0-9])*(?:[eE][-+]?[0-9](?:_?[0-9])*)?")  # strconv.ParseFloat's
_GO_INT = re.compile(r"([-+]?)(?:0[xX]([0-9a-fA-F]+)|0[bB]([01]+)|0[oO]([0-7]+)|(0[0-7]*)|([1-9][0-9]*))")
_GO_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")  # yamlStyleFloat
# parseTimestamp's formats all begin so (time.Parse takes 1- or 2-digit months and days); refusing a
# near-miss that go-yaml would keep as a string costs nothing but a pair of quotes.
_GO_TIME = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?", re.DOTALL)
_INT64 = range(-(2**63), 2**63)
# Read alike by both, and most of what a spec holds besides strings: a shortcut past _agrees.
_SAME = re.compile(r"-?(?:0|[1-9][0-9]{0,17})|true|false|True|False|TRUE|FALSE|null|Null|NULL|~")


def _go_plain(text: str) -> tuple[str, Any]:
    if text in _GO_MAP:
        return _GO_MAP[text]
    if text[:1] not in _GO_HINT:
        return "str", text
    if text[0] == ".":
        if _GO_DOT_FLOAT.fullmatch(text):
            value = float(text.replace("_", ""))
            return ("float", value) if math.isfinite(value) else ("str", text)  # ParseFloat: out of range
        return "str", text
    if _GO_TIME.fullmatch(text):
        return "timestamp", text
    plain = text.replace("_", "")
    match = _GO_INT.fullmatch(plain)  # strconv.ParseInt/ParseUint(plain, 0, 64), then the 0b/0o branches
    if match:
        sign, *groups = match.groups()
        digits, base = next((d, b) for d, b in zip(groups, (16, 2, 8, 8, 10), strict=True) if d)
        value = int(digits, base) * (-1 if sign == "-" else 1)
        if value in _INT64 or (0 <= value < 2**64 and not sign):
            return "int", value
    if _GO_FLOAT.fullmatch(plain):
        value = float(plain)
        if math.isfinite(value):
            return "float", value
    return "str", text


_CONSTRUCT = yaml.constructor.SafeConstructor()
_BUILD = {INT: _CONSTRUCT.construct_yaml_int, FLOAT: _CONSTRUCT.construct_yaml_float}
_BUILD[BOOL] = _CONSTRUCT.construct_yaml_bool
_KIND = {STR: "str", INT: "int", FLOAT: "float", BOOL: "bool", NULL: "null", MERGE: "merge"}


def _py_plain(text: str, tag: str) -> tuple[str, Any]:
    """What PyYAML builds from a plain scalar it resolved to ``tag``: (kind, value), or ("error", ...)."""
    try:
        value = _BUILD[tag](yaml.ScalarNode(tag, text)) if tag in _BUILD else None if tag == NULL else text
    except ValueError:  # `0b_`: the YAML 1.1 pattern matches, int() does not
        return "error", None
    return _KIND.get(tag, tag), value


def _agrees(text: str, tag: str) -> bool:
    go_kind, go_value = _go_plain(text)
    if go_kind == "str" and tag == STR:
        return True
    py_kind, py_value = _py_plain(text, tag)
    if go_kind != py_kind or go_kind in ("timestamp", "error"):
        return False
    if go_kind == "int":
        return py_value == go_value and go_value in _INT64
    if go_kind == "float":  # JSON has no infinity or NaN
        return py_value == go_value and math.isfinite(go_value) and _survives_json(go_value)
    return py_value == go_value  # bool, null, merge


def _survives_json(value: float) -> bool:
    """The CLI passes objects on as JSON, where Go writes an integral float without a fraction (5e16 as
    50000000000000000) and the reader takes it for an integer: past 2**53 that can be another number."""
    text = _go_json("float", value)
    return text is None or "." in text or int(text) == value


def _describe(kind: str, value: Any, text: str) -> str:
    if kind == "str":
        return "a string"
    if kind == "timestamp":
        date = re.fullmatch(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})", text)
        shown = f"'{date[1]}-{int(date[2]):02}-{int(date[3]):02} 00:00:00 +0000 UTC'" if date else "'… +0000 UTC'"
        return f"a timestamp (the program gets the string {shown})"
    if kind == "float" and not math.isfinite(value):
        return f"the number {value}, which the CLI refuses (JSON has no {value})"
    if kind == "float" and not _survives_json(value):
        return f"the number {value!r}, which the CLI passes on as {_go_json(kind, value)}"
    if kind == "int" and value not in _INT64:
        return f"the number {value}, which the CLI does not keep exactly (past 64 bits)"
    if kind in ("int", "float"):
        return f"the number {value:g}" if kind == "float" else f"the number {value}"
    if kind == "bool":
        return f"the boolean {str(value).lower()}"
    return {"null": "null", "merge": "a merge key"}.get(kind, "nothing (PyYAML fails on it)")


def _disagreement(text: str) -> str:
    py = _py_plain(text, _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)))
    go = _go_plain(text)
    return (
        f"{short(text)} reads as {_describe(*py, text)} in YAML 1.1 but as {_describe(*go, text)} in the "
        "Pulumi CLI; quote it"
    )


# libyaml's parser where PyYAML was built with it (the wheels are): the same YAML, read several
# times faster than the pure-Python one, which `fleet validate` otherwise spends most of its time in.
_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _PlainLoader(_Base):  # type: ignore[valid-type,misc]
    """SafeLoader that resolves only JSON-compatible scalars, and marks a plain scalar the Pulumi CLI
    reads as another value (``DISAGREES``, refused by ``_check``)."""

    def resolve(self, kind: Any, value: str, implicit: tuple[bool, bool]) -> str:
        tag = super().resolve(kind, value, implicit)
        if (tag != STR or value[:1] in _GO_HINT) and kind is yaml.ScalarNode and implicit[0]:
            return _marked(value, tag)
        return tag


def _marked(value: str, tag: str) -> str:
    """The tag of a plain scalar PyYAML resolved to ``tag``, or DISAGREES where the CLI reads it otherwise."""
    if tag == VALUE:  # YAML 1.1's `=`: a string to go-yaml, and to us
        return STR
    if _SAME.fullmatch(value):
        return tag
    if (tag != STR or value[:1] in _GO_HINT) and not _agrees(value, tag):
        return DISAGREES
    return tag


VALUE = "tag:yaml.org,2002:value"
_PlainLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _Resolver(yaml.resolver.BaseResolver):
    yaml_implicit_resolvers = _PlainLoader.yaml_implicit_resolvers


_RESOLVER = _Resolver()


def _implicit(text: str) -> str:
    """The tag our loader gives ``text`` written as an untagged plain scalar."""
    return _marked(text, _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)))


# A directive is a line starting with `%` (libyaml and go-yaml scan one at any column 0); the CLI
# refuses every %YAML version but 1.1 (go-yaml v3 parserc.go, yaml_parser_process_directives).
_DIRECTIVE = re.compile(r"(?:\A|(?<=[\n\r\x85\u2028\u2029]))%[^\n\r\x85\u2028\u2029]*")
_YAML_11 = re.compile(r"%YAML[ \t]+1\.1[ \t]*(?:#.*)?")
# The non-specific tag `!` on its own: PyYAML resolves the scalar after it as if plain (`! 17` is 17),
# go-yaml keeps it a string. A cheap test first; events are read only when it matches.
_BANG = re.compile(r"(?<![^\s\[\]{},])!(?=[\s\[\]{},]|\Z)")


def _check_text(path: Path, text: str) -> None:
    """Refuse the directives and the non-specific tag that the CLI reads otherwise than PyYAML."""
    if "%" in text:
        for match in _DIRECTIVE.finditer(text):
            if not _YAML_11.fullmatch(match[0]):
                line = text.count("\n", 0, match.start()) + 1
                raise SourceError(
                    f"{path}:{line}",
                    f"the directive {short(match[0])} is not read by the Pulumi CLI (go-yaml v3 reads YAML 1.1 "
                    "documents, and no %TAG); remove it",
                )
    if "!" in text and _BANG.search(text):
        try:
            for event in yaml.parse(text, Loader=_PlainLoader):
                if isinstance(event, yaml.ScalarEvent) and event.tag == "!":
                    line = event.start_mark.line + 1 if event.start_mark else 0
                    raise SourceError(
                        f"{path}:{line}",
                        f"the non-specific tag `!` before {short(event.value)}: PyYAML reads the value as "
                        "if untagged, the Pulumi CLI as a string; remove the tag (quote the value for a string)",
                    )
        except yaml.YAMLError:
            pass  # reported with its line by the parse in read()


def _config_text(path: Path, root: yaml.Node) -> None:
    """A scalar directly under a stack file's ``config`` reaches the program as text: the CLI keeps a
    config value that is not a list or map as a string (config.Value, MarshalString), so ``3`` is "3".
    Read it as that string when it is the text written, else refuse it."""
    if not isinstance(root, yaml.MappingNode):
        return
    config = next((v for k, v in root.value if k.tag == STR and k.value == "config"), None)
    if not isinstance(config, yaml.MappingNode):
        return
    for index, (key, value) in enumerate(config.value):
        if key.tag == MERGE:
            raise SourceError(_where(path, key), "a merge key (<<) directly under config: write the keys out")
        if not isinstance(value, yaml.ScalarNode) or value.tag == STR:
            continue
        kind, built = _py_plain(value.value, value.tag)
        if kind == "null":
            raise SourceError(
                _where(path, value),
                f"{key.value} is empty: the Pulumi CLI reads an empty config value as the string ''; "
                "write '' or remove the key",
            )
        text = _go_json(kind, built)
        if text != value.value:
            spelled = f"the string {short(text)}" if text is not None else "text spelled otherwise"
            raise SourceError(
                _where(path, value),
                f"{short(value.value)} reaches the program as {spelled} in the Pulumi CLI "
                "(a config value that is not a list or map is text); quote it",
            )
        config.value[index] = (key, yaml.ScalarNode(STR, value.value, value.start_mark, value.end_mark, value.style))


def _go_json(kind: str, value: Any) -> str | None:
    """Go's encoding/json text for a bool, an int or a float (None where it has none we accept)."""
    if kind == "bool":
        return "true" if value else "false"
    if kind == "int":
        return str(value) if value in _INT64 else None
    if kind == "float" and (value == 0 or 1e-6 <= abs(value) < 1e21):  # 'f' format, shortest digits
        text = format(Decimal(repr(value)), "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return None


def read_bounded(path: Path, limit: int, what: str) -> bytes:
    """At most ``limit`` bytes of a regular file, or SourceError: a FIFO would block the read and a
    device (a link to /dev/zero) never ends, so neither is opened; a larger file is refused after
    reading one byte past the limit, never read whole."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise SourceError(
                str(path), f"is not a regular file (a directory, FIFO or device); {what} is a regular file"
            )
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as err:
        raise SourceError(str(path), f"cannot be read: {err.strerror}") from None
    if len(raw) > limit:
        raise SourceError(str(path), f"is over {limit} bytes; {what} is at most {limit} bytes")
    return raw


def read(path: Path, what: str = "a stack file", limit: int = MAX_BYTES) -> Source:
    """Parse a YAML file strictly; SourceError with the file and line of the first problem.

    Every YAML file fleet opens is read here (stack and spec files, exemptions, Pulumi.yaml), so
    each gets the same bounds and the same reading as the Pulumi CLI's."""
    raw = read_bounded(path, limit, what)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise SourceError(f"{path}:{line}", f"is not UTF-8 text (byte {err.start}); save the file as UTF-8") from None
    if "\x00" in text:
        raise SourceError(str(path), "contains NUL characters; save the file as UTF-8 text")
    _check_text(path, text)
    loader = _PlainLoader(text)
    try:
        # One parse: the node tree (kept for key paths and line numbers), checked, then its data.
        root = loader.get_single_node()
        if root is None:
            return Source(path, None, None)
        _check(path, root)
        if what == "a stack file":
            _config_text(path, root)
        data = loader.construct_document(root)
    except SourceError:
        raise
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise SourceError(where, f"is not valid YAML: {err.problem or err.context}") from None
    except yaml.YAMLError as err:
        raise SourceError(str(path), f"is not valid YAML: {short(str(err))}") from None
    except RecursionError:
        raise SourceError(str(path), "nested too deeply to read") from None
    except ValueError:
        # Python refuses to convert integers of more than 4,300 digits (sys.int_info.str_digits_check_threshold):
        # no value a spec holds is one.
        raise SourceError(str(path), "holds a number with thousands of digits; no setting takes one") from None
    finally:
        loader.dispose()
    return Source(path, data, root)


_KEY = re.compile(r"\.([^.\[\] ]+)|\[(\d+)\]")
ROOT = "fleet:spec"


def key_path(path: str) -> list[str | int]:
    """``fleet:spec.clusters[2].region`` as ["clusters", 2, "region"]; [] for other paths."""
    if not path.startswith(ROOT):
        return []
    rest = path[len(ROOT) :].split(" ", 1)[0]
    return [int(index) if index else name for name, index in _KEY.findall(rest)]
