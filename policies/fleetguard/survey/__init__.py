"""The residency survey as the rules read it: per resource type, where it keeps its data.

The table is generated (``generate.py``) from the installed provider SDKs and classified by
``classification.py``; this module only loads the committed CSV files. See README.md beside it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

TABLES = resources.files(__package__)  # the committed CSV files beside this module
PACKAGES = ("aws", "gcp", "azure-native")
# The broad patterns that classify what no specific pattern did as carrying no data
# (classification.py): a path they hold is treated as unclassified by the fallback checks.
CATCH_ALL = frozenset({"aws-none-counts", "aws-none-reviewed", "gcp-none", "az-none"})


@dataclass(frozen=True)
class Prop:
    path: str
    role: str  # home | copy | source | target | peer | within | labels | none
    reader: str
    unset: str
    pattern: str
    shape: str = ""  # what the SDK takes there: scalar, list or object ("" when not one thing)


@dataclass(frozen=True)
class TypeEntry:
    token: str
    kind: str  # regional | global | unplaceable | child
    reader: str  # type-level: "implicit-pair" for a type that always copies to its paired region
    pattern: str
    props: tuple[Prop, ...]
    # Paths a specific pattern classifies as carrying no data (identities, code, network, own names...);
    # the catch-all patterns' rows are not among them: those paths count as unclassified.
    quiet: frozenset[str] = frozenset()

    def role(self, *roles: str) -> Iterator[Prop]:
        return (p for p in self.props if p.role in roles)

    @property
    def homes(self) -> tuple[Prop, ...]:
        return tuple(self.role("home"))

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(p.path for p in self.role("labels"))


@cache
def _table(package: str) -> dict[str, TypeEntry]:
    path = TABLES.joinpath(f"{package}.csv")
    entries: dict[str, TypeEntry] = {}
    current: tuple[str, str, str, str] | None = None
    props: list[Prop] = []
    quiet: set[str] = set()

    def flush() -> None:
        if current is not None:
            token, kind, reader, pattern = current
            entries[token] = TypeEntry(token, kind, reader, pattern, tuple(props), frozenset(quiet))

    # The table is read whole: csv needs the text unsplit for quoted newlines.
    for row in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")):
        if not row["property"]:
            flush()
            current = (row["type"], row["role"], row["reader"], row["pattern"])
            props = []
            quiet = set()
        elif row["role"] in ("none", "within"):
            if row["pattern"] not in CATCH_ALL:
                quiet.add(row["property"])
            if row["role"] == "within":
                # A place inside the home: read only where it is not (an AWS Local Zone is outside its Region).
                props.append(Prop(row["property"], "within", "", "", row["pattern"], row.get("shape") or ""))
        else:
            # Rows that place no data stay in the table for review; the rules never need them.
            props.append(
                Prop(row["property"], row["role"], row["reader"], row["unset"], row["pattern"], row.get("shape") or "")
            )
    flush()
    return entries


def entry(token: str) -> TypeEntry | None:
    """The survey's entry for a type token, or None when the type was not surveyed."""
    package = token.split(":", 1)[0]
    if package not in PACKAGES:
        return None
    return _table(package).get(token)


def surveyed(package: str) -> bool:
    return package in PACKAGES
