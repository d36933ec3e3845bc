"""Walk the installed provider SDKs' source and list every resource type with its input
properties, nested ones included, without importing the SDKs (pulumi-azure-native alone is
350 MB of Python; reading its source takes about a second, importing it minutes).

What is read, per package: each module's resource classes (``class X(pulumi.CustomResource)``)
with the type token they register, the ``XArgs`` class beside them (the resource's inputs, as
``@pulumi.getter`` properties with their wire names), and the module's ``_inputs.py`` for the
nested input types those properties name. Paths use wire (camelCase) names, ``[]`` for a list:
``rules[].copyActions[].destinationVaultArn``.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# The Python distributions surveyed, by the package prefix of their type tokens.
PACKAGES = {"aws": "pulumi_aws", "gcp": "pulumi_gcp", "azure-native": "pulumi_azure_native"}
DISTRIBUTIONS = {"aws": "pulumi-aws", "gcp": "pulumi-gcp", "azure-native": "pulumi-azure-native"}
MAX_DEPTH = 4  # nesting followed below a top-level input; deeper paths are configuration detail

_GETTER = re.compile(
    r'    @pulumi\.getter(?:\(name="(?P<wire>\w+)"\))?\n    def (?P<name>\w+)\(self\) -> (?P<ann>.+?):\n', re.S
)
_CLASS = re.compile(r"^class (\w+)(?:\(([\w.]+)\))?:", re.M)
_TOKEN = re.compile(r"super\(\w+, __self__\)\.__init__\(\s*'([^']+)'")
_ARG_TYPE = re.compile(r"'(\w+Args)'")
_SKIP_FILES = ("get_", "list_", "__init__", "_enums", "_utilities", "outputs")
# The provider's own settings (``pulumi_aws/config/vars.py``), not resources; a resource module may start
# with "config" (configuration_store.py, configuration_set_event_destination.py).
_SKIP_MODULES = ("config",)


@dataclass(frozen=True)
class Property:
    path: str  # wire names, "a.b[].c"
    annotation: str
    doc: str = ""  # a top-level input's description in the SDK (its ``:param`` text), whitespace collapsed


@dataclass(frozen=True)
class ResourceType:
    token: str
    properties: tuple[Property, ...]  # every input path, depth-first, top level first


def package_dir(package: str) -> Path:
    spec = importlib.util.find_spec(PACKAGES[package])
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"{PACKAGES[package]} is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def version(package: str) -> str:
    return importlib.metadata.version(DISTRIBUTIONS[package])


def _classes(text: str) -> Iterator[tuple[str, str]]:
    found = list(_CLASS.finditer(text))
    for i, match in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        yield match.group(1), text[match.start() : end]


def _getters(body: str) -> list[tuple[str, str]]:
    return [(m["wire"] or m["name"], m["ann"]) for m in _GETTER.finditer(body)]


_PARAM = re.compile(r":param [^\n]*? (?P<name>\w+): (?P<doc>.*?)(?=\n\s*:param |\n\s*\"\"\"|\n\s*\n)", re.S)


def _param_docs(text: str) -> dict[str, str]:
    """The first description of each input in a resource module (the resource's own docstring)."""
    found: dict[str, str] = {}
    for match in _PARAM.finditer(text):
        found.setdefault(match["name"], " ".join(match["doc"].split()))
    return found


def _snake(wire: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r"_\1", wire).lower()


@dataclass(frozen=True)
class Classes:
    """One package's input classes as its SDK source declares them: per resource type, its module and its
    ``XArgs`` getters (wire name, annotation); per (module, class name), a nested input class's getters; per
    type, its inputs' descriptions."""

    resources: dict[str, tuple[str, list[tuple[str, str]]]]
    inputs: dict[tuple[str, str], list[tuple[str, str]]]
    docs: dict[str, dict[str, str]]


def classes(package: str) -> Classes:
    root = package_dir(package)
    found = Classes({}, {}, {})
    for dirpath, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        module = str(Path(dirpath).relative_to(root))
        if module.split(os.sep)[0] in _SKIP_MODULES:
            continue
        for file in sorted(files):
            if not file.endswith(".py") or (file.startswith(_SKIP_FILES) and file != "_inputs.py"):
                continue
            text = (Path(dirpath) / file).read_text(encoding="utf-8")
            if file == "_inputs.py":
                for name, body in _classes(text):
                    if name.endswith("Args"):
                        found.inputs[(module, name)] = _getters(body)
                continue
            token = _TOKEN.search(text)
            if token is None or "(pulumi.CustomResource):" not in text:
                continue
            args = next((_getters(b) for n, b in _classes(text) if n.endswith("Args") and not n.startswith("_")), [])
            found.resources[token.group(1)] = (module, args)
            found.docs[token.group(1)] = _param_docs(text)
    return found


def nested(annotation: str) -> list[str]:
    """The nested input classes an annotation names (``'TableReplicaArgs'``)."""
    return _ARG_TYPE.findall(annotation)


def scan(package: str) -> list[ResourceType]:
    """Every resource type of one package, sorted by token."""
    found_classes = classes(package)
    inputs, docs = found_classes.inputs, found_classes.docs

    def walk(module: str, getters: list[tuple[str, str]], prefix: str, depth: int, seen: frozenset[str], token: str):
        for wire, annotation in getters:
            path = f"{prefix}{wire}{'[]' if 'Sequence[' in annotation else ''}"
            yield Property(path, annotation, "" if prefix else docs.get(token, {}).get(_snake(wire), ""))
            if depth >= MAX_DEPTH:
                continue
            for ref in _ARG_TYPE.findall(annotation):
                nested = inputs.get((module, ref))
                if nested is not None and ref not in seen:
                    yield from walk(module, nested, path + ".", depth + 1, seen | {ref}, token)

    found = {
        token: ResourceType(token, tuple(walk(module, args, "", 0, frozenset(), token)))
        for token, (module, args) in found_classes.resources.items()
    }
    return [found[t] for t in sorted(found)]
