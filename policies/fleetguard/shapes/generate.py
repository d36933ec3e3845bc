"""Generate the shape tables: for every resource type of the pinned cloud SDKs and every built-in
Kubernetes kind, the shape each input takes (a single value, a list, an object of known fields, a map),
nested inputs included.

Run from the repository root: ``.venv/bin/python policies/fleetguard/shapes/generate.py``. It rewrites
``shapes/<package>.json``; ``tests/policies/test_shapes.py`` fails when they differ from what the installed
SDKs and schemas give.

Where the shapes come from:

- the cloud packages: each SDK's ``XArgs`` classes as ``survey/scan.py`` reads them (the annotations of
  their ``@pulumi.getter`` properties); an annotation that takes several kinds (``Union[str,
  'PolicyDocumentArgs']``: pulumi-aws turns a policy object into its JSON text) or ``Any`` says nothing;
- Kubernetes: the upstream OpenAPI definitions as kubernetes-validate carries them (strict JSON schema)
  for the minor versions fleet pins (``fleet/core/catalog/kubernetes.py``), newest first; ``IntOrString``,
  ``Quantity`` and ``Time`` are single values, ``RawExtension`` and ``JSON`` say nothing.

A table maps a class to ``{field: code}``; ``types`` maps a type token to its class. Codes: ``s`` a
single value (string, number, boolean, enum), ``l`` a list of single values, ``l:C`` a list of objects
of class ``C``, ``o:C`` an object of class ``C`` (``o:A|B``: of one of several classes, whose fields are
read where the classes agree), ``m`` a map, ``m:s`` a map of single values, ``""``
anything.
"""

from __future__ import annotations

import json
import sys
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from fleet import project
from fleet.core.catalog.kubernetes import PINNED

if __package__ in (None, ""):
    sys.path.insert(0, str(project.policies()))

from fleetguard.survey import scan
from fleetguard.survey.generate import union_members, write

HERE = project.policies() / "fleetguard" / "shapes"
KUBERNETES = "kubernetes"
_SCALARS = frozenset({"str", "int", "float", "bool"})
_WRAPPERS = ("Optional[", "pulumi.Input[", "Input[")


def _unwrap(annotation: str) -> str:
    text = annotation.strip()
    while True:
        for wrapper in _WRAPPERS:
            if text.startswith(wrapper) and text.endswith("]"):
                text = text[len(wrapper) : -1].strip()
                break
        else:
            return text


def sdk_code(annotation: str, module: str, known: set[tuple[str, str]]) -> str:
    """The code of a Python SDK annotation; nested classes named ``module.Class``."""
    text = _unwrap(annotation)
    bare = text.removeprefix("_builtins.").strip("'\"")
    if text.startswith("Sequence["):
        item = sdk_code(text[len("Sequence[") : -1], module, known)
        if item == "s":
            return "l"
        return f"l:{item[2:]}" if item.startswith("o:") else ("l:" if item else "")
    if text.startswith("Mapping["):
        key_value = union_members(text[len("Mapping[") : -1])
        value = sdk_code(key_value[1], module, known) if len(key_value) == 2 else ""
        # A map of strings, or of one input class (a web app's connection strings: {name: {value, type}}).
        return "m:s" if value == "s" else (f"m:{value}" if value.startswith("o:") else "m")
    if text.startswith("Union["):
        codes = {sdk_code(m, module, known) for m in union_members(text[len("Union[") : -1])}
        if len(codes) > 1 and all(c.startswith("o:") for c in codes):
            # A discriminated union of input classes (azure-native's providerSpecificDetails): an object whose
            # fields are read as every member has them (``_merged``).
            return "o:" + "|".join(sorted(c[2:] for c in codes))
        return codes.pop() if len(codes) == 1 else ""
    if bare.endswith("Args"):
        return f"o:{module}.{bare}" if (module, bare) in known else ""
    if bare in _SCALARS or (text.startswith("'") and bare[:1].isupper()):
        return "s"  # a builtin, or a quoted enum type
    return ""


def cloud_table(package: str) -> dict[str, Any]:
    found = scan.classes(package)
    known = set(found.inputs)

    def fields(module: str, getters: list[tuple[str, str]]) -> dict[str, str]:
        return {wire: sdk_code(annotation, module, known) for wire, annotation in getters}

    types = {token: fields(module, getters) for token, (module, getters) in sorted(found.resources.items())}
    classes = {f"{module}.{name}": fields(module, getters) for (module, name), getters in found.inputs.items()}
    _merged(classes, [*types.values(), *classes.values()])
    roots = {code.partition(":")[2].removeprefix("o:") for fields_ in types.values() for code in fields_.values()}
    reachable = _reachable(roots - {""}, classes)
    return {
        "source": f"{scan.DISTRIBUTIONS[package]} {scan.version(package)}",
        "types": types,
        "classes": {k: v for k, v in sorted(classes.items()) if k in reachable},
    }


# --------------------------------------------------------------------------------------- Kubernetes

_SINGLE = frozenset({"string", "integer", "number", "boolean"})
_ANYTHING = ("io.k8s.apimachinery.pkg.runtime.RawExtension", "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions")


def _schema_dir(minor: str) -> Traversable:
    return resources.files("kubernetes_validate") / "kubernetes-json-schema" / f"v{minor}.0-local-strict"


def _types(schema: dict[str, Any]) -> set[str]:
    kinds = schema.get("type", [])
    return {kinds} - {"null"} if isinstance(kinds, str) else set(kinds) - {"null"}


def k8s_code(schema: dict[str, Any], definitions: dict[str, Any]) -> str:
    ref = schema.get("$ref")
    if ref:
        name = ref.rsplit("/", 1)[1]
        if name.startswith(_ANYTHING):
            return ""
        target = definitions[name]
        if "properties" in target:
            return f"o:{name}"
        return k8s_code(target, definitions)
    if "oneOf" in schema or "anyOf" in schema:
        codes = {k8s_code(s, definitions) for s in schema.get("oneOf") or schema.get("anyOf") or []}
        return codes.pop() if len(codes) == 1 else ""
    kinds = _types(schema)
    if kinds and kinds <= _SINGLE:
        return "s"
    if kinds == {"array"}:
        item = k8s_code(schema.get("items", {}), definitions)
        if item == "s":
            return "l"
        return f"l:{item[2:]}" if item.startswith("o:") else "l:"
    if kinds == {"object"}:
        if "properties" in schema:
            return ""  # inline objects do not occur in the built-in definitions
        extra = schema.get("additionalProperties")
        return "m:s" if isinstance(extra, dict) and k8s_code(extra, definitions) == "s" else "m"
    return ""


def kubernetes_table() -> dict[str, Any]:
    types: dict[str, str] = {}
    classes: dict[str, dict[str, str]] = {}
    sources = []
    for minor in sorted(PINNED, reverse=True):
        definitions = json.loads(_schema_dir(minor).joinpath("_definitions.json").read_text(encoding="utf-8"))["$defs"]
        sources.append(f"v{minor}.0")
        for name, definition in definitions.items():
            for gvk in definition.get("x-kubernetes-group-version-kind", []):
                group = gvk["group"] or "core"
                token = f"kubernetes:{group}/{gvk['version']}:{gvk['kind']}"
                if token not in types and "properties" in definition and "items" not in definition["properties"]:
                    types[token] = name
        for name, definition in definitions.items():
            if name not in classes and "properties" in definition:
                classes[name] = {
                    field: k8s_code(schema, definitions) for field, schema in sorted(definition["properties"].items())
                }
    reachable = _reachable(set(types.values()), classes)
    return {
        "source": "kubernetes-validate (upstream OpenAPI) " + ", ".join(sources),
        "types": dict(sorted(types.items())),
        "classes": {k: v for k, v in sorted(classes.items()) if k in reachable},
    }


def _merged(classes: dict[str, dict[str, str]], tables: list[dict[str, str]]) -> None:
    """Add a class for each union of classes the tables name (``A|B``): a field keeps its code where every
    member that has it agrees, and says nothing ("") where they differ."""
    for code in {c for table in tables for c in table.values() if "|" in c}:
        name = code.partition(":")[2].removeprefix("o:")
        merged: dict[str, str] = {}
        for member in name.split("|"):
            for field, member_code in classes.get(member, {}).items():
                merged[field] = member_code if merged.get(field, member_code) == member_code else ""
        classes[name] = merged


def _reachable(roots: set[str], classes: dict[str, dict[str, str]]) -> set[str]:
    seen: set[str] = set()
    pending = list(roots)
    while pending:
        name = pending.pop()
        if name in seen or name not in classes:
            continue
        seen.add(name)
        # o:Class, l:Class and m:o:Class name the class after their first colon (m: past its o:).
        pending += [code.partition(":")[2].removeprefix("o:") for code in classes[name].values() if ":" in code]
    return seen


def build() -> dict[str, str]:
    """File name -> content of every generated table (one JSON object per line of classes, for diffs)."""
    tables = {package: cloud_table(package) for package in scan.PACKAGES}
    tables[KUBERNETES] = kubernetes_table()
    return {f"{package}.json": _render(table) for package, table in tables.items()}


def _render(table: dict[str, Any]) -> str:
    lines = ["{", f'"source": {json.dumps(table["source"])},']
    for section in ("types", "classes"):
        entries = [f"{json.dumps(k)}: {json.dumps(v, separators=(',', ':'))}" for k, v in table[section].items()]
        lines.append(f'"{section}": {{')
        lines.append(",\n".join(entries))
        lines.append("}" + ("," if section == "types" else ""))
    lines.append("}")
    return "\n".join(lines) + "\n"


def main() -> None:
    write(build(), HERE)


if __name__ == "__main__":
    main()
