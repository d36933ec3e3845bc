"""Reading stack and spec files as the Pulumi CLI would accept them, and finding a key's line.

PyYAML's safe loader accepts documents the Pulumi CLI refuses (duplicate keys), builds values a
spec cannot hold (``!!binary`` bytes, ``!!set``, timestamps), and expands aliases and nesting
without bound. Stack files are read here instead: JSON-compatible values only, duplicate keys and
unknown tags refused with their line, depth and alias expansion capped. Every problem names the
file and line; no value from the file is echoed beyond a short prefix.

The composed node tree is kept, so a key path (``fleet:spec.clusters[2].region``) can be turned
into the file and line it is written on, for SARIF and for reports of invalid specs.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass
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
            raise SourceError(str(path), f"has more than {MAX_NODES} values once aliases are expanded; remove aliases")
        if depth > MAX_DEPTH:
            raise SourceError(_where(path, current), f"nested more than {MAX_DEPTH} levels deep")
        if current.tag not in PLAIN_TAGS:
            raise SourceError(
                _where(path, current),
                f"the tag {short(current.tag)} builds a value a stack spec cannot hold; "
                "write a plain string, number, boolean, list or map",
            )
        if isinstance(current, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in current.value:
                if not isinstance(key, yaml.ScalarNode):
                    raise SourceError(_where(path, key), "a key must be a plain string")
                if key.value in seen:
                    raise SourceError(
                        _where(path, key),
                        f"key {short(key.value)} appears twice in one map (first on line {seen[key.value]}); "
                        "the Pulumi CLI refuses duplicate keys, keep one",
                    )
                seen[key.value] = key.start_mark.line + 1
                stack.append((value, depth + 1))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend((item, depth + 1) for item in current.value)


# libyaml's parser where PyYAML was built with it (the wheels are): the same YAML, read several
# times faster than the pure-Python one, which `fleet validate` otherwise spends most of its time in.
_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _PlainLoader(_Base):  # type: ignore[valid-type,misc]
    """SafeLoader that resolves only JSON-compatible scalars: no timestamps, no sexagesimal."""


_PlainLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


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
    loader = _PlainLoader(text)
    try:
        # One parse: the node tree (kept for key paths and line numbers), checked, then its data.
        root = loader.get_single_node()
        if root is None:
            return Source(path, None, None)
        _check(path, root)
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
