"""The shape every input of every known resource type takes, as its provider's SDK or schema gives it.

The tables are generated (``generate.py``) from the pinned cloud SDKs' input classes and the upstream
Kubernetes OpenAPI definitions; this module loads the committed JSON and compares a resource's inputs
with them. A value of another shape (a list where a single region goes, a string where a list of rules
goes, a list where an object goes) is one the provider refuses, and one the rules must not read
leniently: the value the pack cannot read might be the one that breaks a rule.

Only shapes are compared: a number where a string goes passes (the bridged providers convert it), a field
the table does not know is not judged (FLEET-RES-006 and the provider itself deal with unknown types),
and an unknown value at preview is not judged.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from functools import cache
from importlib import resources
from typing import Any

from fleetguard.model import BRIDGED_PACKAGES, PATCH_SUFFIX, Resource, Unknown, describe_shape, is_list, is_map

TABLES = resources.files(__package__)
PACKAGES = ("aws", "gcp", "azure-native", "kubernetes")
LIMIT = 5  # problems named per resource: the first few say what to fix


@cache
def _table(package: str) -> Mapping[str, Any]:
    loaded: Mapping[str, Any] = json.loads(TABLES.joinpath(f"{package}.json").read_text(encoding="utf-8"))
    return loaded


def _fields(resource_type: str) -> tuple[Mapping[str, str], Mapping[str, Mapping[str, str]]] | None:
    """The top-level fields of a type, and its package's classes; None for a type no table knows."""
    package = resource_type.split(":", 1)[0]
    if package not in PACKAGES:
        return None
    table = _table(package)
    if package == "kubernetes":
        token = resource_type.removesuffix(PATCH_SUFFIX)  # a server-side apply patch takes the kind's shape
        name = table["types"].get(token)
        return (table["classes"][name], table["classes"]) if name in table["classes"] else None
    fields = table["types"].get(resource_type)
    return (fields, table["classes"]) if fields is not None else None


def problems(resource: Resource) -> list[str]:
    """What in the resource's inputs has another shape than its provider takes (at most ``LIMIT``)."""
    found = _fields(resource.type)
    if found is None:
        return []
    fields, classes = found
    out: list[str] = []
    for problem in _object(resource.props, fields, classes, "", resource.package in BRIDGED_PACKAGES):
        out.append(problem)
        if len(out) >= LIMIT:
            break
    return out


def _object(
    value: Mapping[str, Any], fields: Mapping[str, str], classes: Mapping[str, Any], path: str, bridged: bool
) -> Iterator[str]:
    for key, item in value.items():
        code = fields.get(key)
        if code:
            yield from _value(item, code, classes, f"{path}.{key}" if path else str(key), bridged)


def _value(value: Any, code: str, classes: Mapping[str, Any], path: str, bridged: bool) -> Iterator[str]:
    if value is None or isinstance(value, Unknown):
        return
    kind, _, name = code.partition(":")
    if bridged and is_list(value) and kind in ("s", "o") and len(value) <= 1:
        # Terraform keeps a one-item block or value as a list the SDK flattens (MaxItems 1), and the
        # bridge passes a list given there to Terraform as it is: a list of at most one item may be one.
        if not value:
            return
        value = value[0]
        if value is None or isinstance(value, Unknown):
            return
    if bridged and kind == "l" and not is_list(value):
        value = [value]  # the bridge wraps a single value given for a list in a one-item list
    if kind == "s":
        if is_list(value) or is_map(value):
            yield f"{path}: expected a single value, got {describe_shape(value)}"
    elif kind == "l":
        if not is_list(value):
            yield f"{path}: expected a list, got {describe_shape(value)}"
            return
        item_code = "s" if code == "l" else (f"o:{name}" if name else "")  # "l:" is a list of anything
        for i, item in enumerate(value):
            if item_code:
                yield from _value(item, item_code, classes, f"{path}[{i}]", bridged)
    elif kind == "m":
        if not is_map(value):
            yield f"{path}: expected an object, got {describe_shape(value)}"
        elif name == "s" or name.startswith("o:"):
            for key, item in value.items():  # a map of strings, or of objects of one class
                yield from _value(item, name, classes, f"{path}.{key}", bridged)
    elif kind == "o":
        if not is_map(value):
            yield f"{path}: expected an object, got {describe_shape(value)}"
        elif name in classes:
            yield from _object(value, classes[name], classes, path, bridged)


@cache
def cluster_scoped() -> Mapping[str, frozenset[str]]:
    """The Kubernetes resources served outside namespaces, per API group ("" the core group), as the pinned
    release's OpenAPI lists them, and the cluster-scoped kinds of widely installed CRDs (Gateway API, ...);
    ``generate_scopes.py`` writes ``kubernetes-scopes.json``. Namespaces themselves are not listed."""
    document = json.loads(TABLES.joinpath("kubernetes-scopes.json").read_text(encoding="utf-8"))
    return {group: frozenset(names) for group, names in document["cluster_scoped"].items()}
