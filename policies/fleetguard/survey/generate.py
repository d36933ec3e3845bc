"""Generate the residency survey: every resource type of the pinned provider SDKs with every
input property that names a region, zone, location, replica or copy destination, classified.

Run from the repository root: ``.venv/bin/python policies/fleetguard/survey/generate.py``.
It rewrites ``survey/<package>.csv`` and ``survey/README.md``; ``tests/policies/test_survey.py``
fails when the installed SDKs hold a type or property the committed table does not classify.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from fleet import project

if __package__ in (None, ""):
    sys.path.insert(0, str(project.policies()))

from fleetguard.survey import classification, scan

HERE = project.policies() / "fleetguard" / "survey"  # where the generated tables are committed
COLUMNS = ("type", "property", "role", "reader", "unset", "pattern", "shape")
# A property is surveyed when a word of its name says it places data: camelCase words of the
# last path segment are compared whole ("allocation" does not match "location").
LOCATION_WORDS = frozenset(
    {
        "region", "regions", "zone", "zones", "location", "locations", "replica", "replicas",
        "replication", "replications", "replicate", "destination", "destinations", "geo",
        "failover", "persistence", "partner", "partners", "paired", "pair", "redundancy",
        "multiregion",
    }
)  # fmt: skip
# Words of a name that can point at where data goes (issue 20): a destination named by account,
# endpoint, bucket, workspace or URL is surveyed too, so each is classified as moving data or not.
DESTINATION_WORDS = frozenset(
    {"account", "accounts", "endpoint", "endpoints", "bucket", "buckets", "workspace", "workspaces", "url", "urls",
     "uri", "uris"}
)  # fmt: skip
# How the SDKs document a location input whose default is global rather than the provider's region.
GLOBAL_DEFAULT = re.compile(
    r"If not specified, \W?global\W? is used|[Dd]efaults to \W?global\b|[Tt]he default value is \W?global\b"
)
LABEL_SEGMENTS = frozenset({"tags", "labels", "userLabels", "resourceLabels"})
_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
METHOD = f"""\
`scan.py` reads each SDK's source (it imports nothing): every `pulumi.CustomResource` class with
the type token it registers, its `Args` class, and the nested input types those name, down to
{scan.MAX_DEPTH} levels below a top-level input. Every type gets a row. A property gets a row when a
whole camelCase word of its name is one of: {", ".join(sorted(LOCATION_WORDS))}, or one that can name where data
goes: {", ".join(sorted(DESTINATION_WORDS))}; or when it is a
nested `tags`/`labels`/`userLabels`/`resourceLabels`; or when a pattern names it explicitly (a copy
or reference whose name has no such word: S3 replication `rules[].destination.bucket`, Azure
storage `sku.name`, Spanner `config`, ...).

Each row is classified by the first pattern of `classification.py` that matches its type and
path. The patterns for copies, replicas, references, edge services and non-standard homes each
state one documented fact and cite it. The broad patterns classify by a documented convention and
say so: `aws-region` (pulumi-aws v7's per-resource region), `gcp-location`, `az-location` and
`az-child` (ARM nested resources without a location), the `*-global` type patterns, and the
catch-all `*-none` patterns, whose rows were reviewed by searching them for geo, replica,
replication, failover, secondary, partner, pair, region and destination. The rules read only the
rows that place data (`home`, `copy`, `source`, `target`, `peer`, `subject`, `labels`) and the type
rows; `within` and `none` rows stay for review. A type or property no pattern matches is
`unclassified`, which the test refuses. A top-level home property the SDK requires (its `Args`
annotation is not `Optional`) has `unset` `required` whatever the pattern says: absent or null, no
default applies and the resource cannot be placed.

The last column, `shape`, says what the SDK's annotation takes at that property: `scalar` (a string,
number, boolean or enum), `list` or `object` (an Args type or a map); blank for a Union of kinds. The pack
refuses a value of another shape as one it cannot evaluate.
"""


@dataclass(frozen=True)
class Row:
    type: str
    property: str
    role: str
    reader: str
    unset: str
    pattern: str
    shape: str = ""  # what the SDK takes: scalar, list or object ("" when it says no one thing)

    def cells(self) -> tuple[str, ...]:
        return (self.type, self.property, self.role, self.reader, self.unset, self.pattern, self.shape)


def located(path: str) -> bool:
    """Whether a property is surveyed for a location word (or as nested labels), not only for a
    word that can name a destination."""
    segments = path.replace("[]", "").split(".")
    last = segments[-1]
    if len(segments) > 1 and last in LABEL_SEGMENTS:
        return True
    return any(word.lower() in LOCATION_WORDS for word in _WORDS.findall(last))


def surveyed(path: str) -> bool:
    """Whether a property belongs in the survey by its name."""
    segments = path.replace("[]", "").split(".")
    last = segments[-1]
    if len(segments) > 1 and last in LABEL_SEGMENTS:
        return True  # nested labels: where a type keeps its regime besides top-level tags/labels
    return any(word.lower() in LOCATION_WORDS | DESTINATION_WORDS for word in _WORDS.findall(last))


_SCALARS = frozenset({"str", "int", "float", "bool"})


def shape(annotation: str) -> str:
    """What an input's annotation takes: ``scalar`` (a string, number, boolean or enum), ``list``, ``object``
    (a map or an Args type), or "" when it takes several (a Union of kinds) or says nothing."""
    text = annotation.strip()
    while True:
        for wrapper in ("Optional[", "pulumi.Input[", "Input["):
            if text.startswith(wrapper) and text.endswith("]"):
                text = text[len(wrapper) : -1].strip()
                break
        else:
            break
    bare = text.removeprefix("_builtins.").strip("'\"")
    if text.startswith("Sequence["):
        return "list"
    if text.startswith("Mapping[") or bare.endswith("Args"):
        return "object"
    if text.startswith("Union["):
        kinds = {shape(part) for part in union_members(text[len("Union[") : -1])}
        return kinds.pop() if len(kinds) == 1 else ""
    if bare in _SCALARS or (text.startswith("'") and bare[:1].isupper() and not bare.endswith("Args")):
        return "scalar"  # a builtin, or a quoted enum type
    return ""


def union_members(body: str) -> list[str]:
    members, depth, start = [], 0, 0
    for i, char in enumerate(body):
        depth += char == "["
        depth -= char == "]"
        if char == "," and depth == 0:
            members.append(body[start:i].strip())
            start = i + 1
    members.append(body[start:].strip())
    return members


def _required(annotation: str) -> bool:
    """Whether an Args annotation is a required input (``pulumi.Input[str]``, not ``Optional[...]``)."""
    return bool(annotation) and "Optional[" not in annotation


def classify(package: str, types: list[scan.ResourceType]) -> list[Row]:
    rows: list[Row] = []
    patterns = classification.for_package(package)
    for resource in types:
        mine = classification.applicable(patterns, resource.token)
        props: list[Row] = []
        seen: set[str] = set()
        for prop in resource.properties:
            if prop.path in seen:
                continue
            explicit = classification.explicit(mine, prop.path)
            if explicit is None and not surveyed(prop.path):
                continue
            seen.add(prop.path)
            reviewed = mine if located(prop.path) else [p for p in mine if p.destinations]
            match = explicit or classification.match(reviewed, prop.path)
            cells = match.cells() if match else ("unclassified", "", "", "")
            if cells[0] == "home" and "." not in prop.path and _required(prop.annotation):
                # The SDK requires it (no Optional): absent or null, the program is malformed, and no
                # default of the provider or the cloud applies (the provider refuses it).
                cells = (cells[0], cells[1], "required", cells[3])
            elif cells[0] == "home" and cells[2] == "provider" and GLOBAL_DEFAULT.search(prop.doc):
                # The SDK documents the default as global ("If not specified, "global" is used"; "Defaults to
                # `global`"; "The default value is `global`"), not the provider's region: unset, the resource is
                # not placed in a region.
                cells = (cells[0], cells[1], "default:global", cells[3])
            props.append(Row(resource.token, prop.path, *cells, shape(prop.annotation)))
        homes = any(r.role == "home" for r in props)
        kind = classification.match(mine, None, has_home=homes)
        rows.append(Row(resource.token, "", *(kind.cells() if kind else ("unclassified", "", "", ""))))
        rows += props
    return rows


def render_csv(rows: list[Row]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(r.cells() for r in rows)
    return out.getvalue()


def build() -> dict[str, str]:
    """File name -> content of every generated file."""
    files: dict[str, str] = {}
    summary: dict[str, tuple[str, list[Row]]] = {}
    for package in scan.PACKAGES:
        rows = classify(package, scan.scan(package))
        files[f"{package}.csv"] = render_csv(rows)
        summary[package] = (scan.version(package), rows)
    files["README.md"] = readme(summary)
    return files


def readme(summary: dict[str, tuple[str, list[Row]]]) -> str:
    lines = [
        "# Residency survey",
        "",
        "Generated by `policies/fleetguard/survey/generate.py` from the installed provider SDKs; do not edit by",
        "hand. Change `classification.py` (the patterns, with the documented fact behind each) and regenerate.",
        "`tests/policies/test_survey.py` fails when an installed SDK has a type or property this table does not",
        "classify, or when the table was made from other versions.",
        "",
        "| package | version | types | surveyed properties |",
        "|---|---|---|---|",
    ]
    for package, (version, rows) in summary.items():
        types = sum(1 for r in rows if not r.property)
        lines.append(f"| {scan.DISTRIBUTIONS[package]} | {version} | {types} | {len(rows) - types} |")
    lines += ["", "## How it was made", "", METHOD, "", "## What each row says", "", classification.ROLES_DOC]
    lines += ["", "## Counts", ""]
    lines += ["| package | row | role | count |", "|---|---|---|---|"]
    for package, (_, rows) in summary.items():
        counts = Counter(("type" if not r.property else "property", r.role) for r in rows)
        for (kind, role), count in sorted(counts.items()):
            lines.append(f"| {package} | {kind} | {role} | {count} |")
    lines += ["", "## Patterns", "", "First match wins, in this order. `rows` is how many rows each classified.", ""]
    used = Counter(r.pattern for _, rows in summary.values() for r in rows)
    lines += ["| pattern | types | property | role | reader | unset | rows | why | source |"]
    lines += ["|---|---|---|---|---|---|---|---|---|"]
    merged: dict[str, list[classification.Pattern]] = {}
    for p in classification.PATTERNS:
        merged.setdefault(p.id, []).append(p)
    for pid, group in merged.items():
        p = group[0]
        globs = " ".join(f"`{g.types}`" for g in group)
        path = "(type)" if p.path is None else f"`{p.path}`"
        why = p.why.replace("|", "\\|")
        cells = (pid, globs, path, p.role, p.reader, p.unset, str(used.get(pid, 0)), why, p.source)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def write(files: dict[str, str], where: Path) -> None:
    """Write each generated file into ``where``."""
    for name, content in files.items():
        (where / name).write_text(content, encoding="utf-8")
    print(f"wrote {', '.join(sorted(files))} in {where}")


def main() -> None:
    write(build(), HERE)


if __name__ == "__main__":
    main()
