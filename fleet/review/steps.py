"""The engine's steps for a change, planned the way the engine plans them (pure; on two snapshots).

The engine diffs each resource's new inputs with its old state through its provider: an input the
provider cannot update in place replaces the resource (``fleet.review.facts``). A resource being
created or replaced has no outputs yet, so during the plan the provider-computed ones (its ID, ARN,
self link; not the copies of its own inputs) are unknown, and so is every input of another
resource that takes one. An unknown input counts as changed: the dependent is replaced when that
input forces replacement and updated otherwise, and a dependent replaced this way makes its own
dependents' inputs unknown in turn, until nothing changes (pulumi/pkg resource/deploy
step_generator.go: ``generateSteps`` diffs with the unknowns the plan carries; a replacement's
outputs are its provider's preview of Create).

Which input takes what comes from the registrations themselves: the SDK sends, with each
resource, the resources each of its inputs depends on (``propertyDependencies``); the value says
which output (the computed strings of the dependency found in it).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from fleet.review import facts
from fleet.review.secrets import is_secret

Path = tuple[str, ...]
MIN_COMPUTED = 6  # shorter strings ("true", "1", a zone letter) say nothing about where a value came from


@dataclass
class Cascade:
    """Inputs of one dependent that are unknown in the plan, and the created or replaced
    resources whose outputs they take."""

    paths: dict[Path, set[str]] = field(default_factory=dict)  # input path -> source URNs


def _strings(value: Any, path: Path = ()) -> Iterator[tuple[Path, str]]:
    if is_secret(value):
        return
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, str(key)))
    elif isinstance(value, list):
        for item in value:
            # a list compares whole (as the providers' diffs of a set or list do): its path is the list's
            yield from _strings(item, path)


def computed(resource: Mapping[str, Any]) -> frozenset[str]:
    """The string values the provider computes for ``resource``: its ID and every output that is
    not a copy of one of its inputs."""
    given = {value for _, value in _strings(resource.get("inputs", {}))}
    found = {value for _, value in _strings(resource.get("outputs", {})) if value not in given}
    if resource.get("id"):
        found.add(resource["id"])
    return frozenset(v for v in found if len(v) >= MIN_COMPUTED)


def unknown_paths(value: Any, key: str, outputs: frozenset[str]) -> list[Path]:
    """The paths under input ``key`` whose value is, or has inside it, one of ``outputs``."""
    found: list[Path] = []
    for path, text in _strings(value, (key,)):
        if path not in found and any(output in text for output in outputs):
            found.append(path)
    return found


def ignores(ignored: Iterable[str], path: Path) -> bool:
    """Whether the resource's ``ignoreChanges`` covers ``path``: the engine puts the old value back
    for an ignored property (and everything under it) before it diffs, so a change or an unknown
    there plans nothing (pulumi/pkg v3.274.1 resource/deploy/step_generator.go
    ``processIgnoreChanges``). Paths here are dotted, as the fleet's components write them."""
    return any(path[: len(parts)] == parts for parts in (tuple(i.split(".")) for i in ignored))


def forces_replacement(type_: str, path: Path) -> bool:
    """Whether changing the input at ``path`` of a ``type_`` resource replaces the resource: the
    path is, contains or lies inside one the provider replaces on."""
    rule = facts.replacements().get(type_)
    return rule is not None and any(facts.covers(path, declared) for declared in rule["properties"])


def cascade(
    new: Mapping[str, Mapping[str, Any]],
    existing: set[str],
    starting: Mapping[str, str],
) -> tuple[dict[str, str], dict[str, Cascade]]:
    """Follow unknown outputs through the graph.

    ``new``: the head's resources by URN; ``existing``: URNs the base has too (only those can be
    updated or replaced); ``starting``: URN -> "create" | "replace" | "update" | "delete" from the
    inputs alone. Returns every URN's action after the cascade and, per dependent the cascade
    reached, which inputs became unknown and from where.
    """
    actions = dict(starting)
    reached: dict[str, Cascade] = {}
    takers: dict[str, list[tuple[str, str]]] = {}  # source URN -> (dependent URN, input key)
    for urn, resource in new.items():
        for key, sources in (resource.get("propertyDependencies") or {}).items():
            for source in sources:
                takers.setdefault(source, []).append((urn, key))
    pending = [urn for urn, action in actions.items() if action in ("create", "replace") and urn in new]
    while pending:
        source = pending.pop()
        outputs = computed(new[source])
        if not outputs:
            continue
        for dependent, key in takers.get(source, ()):
            if dependent not in existing or dependent not in new:
                continue  # created anyway
            ignored = new[dependent].get("ignoreChanges") or ()
            found = unknown_paths(new[dependent]["inputs"].get(key), key, outputs)
            paths = [p for p in found if not ignores(ignored, p)]
            if not paths:
                continue
            entry = reached.setdefault(dependent, Cascade())
            for path in paths:
                entry.paths.setdefault(path, set()).add(source)
            before = actions.get(dependent)
            replace = before == "replace" or any(forces_replacement(new[dependent]["type"], p) for p in paths)
            actions[dependent] = "replace" if replace else "update"
            if replace and before != "replace":
                pending.append(dependent)
    return actions, reached


def deleted_with(old: Mapping[str, Mapping[str, Any]], roots: set[str]) -> dict[str, str]:
    """What the engine deletes first along with resources it replaces delete-first.

    When a replacement deletes first, the engine deletes before it every resource of the old state
    that depends on it and would be replaced once it is gone: whose provider is being replaced, or
    one of whose inputs takes a value from it, with that whole input unknown, where the provider's
    diff replaces on that input. It follows the old state's graph in order, so what it adds reaches
    further (pulumi/pkg v3.274.1 resource/deploy/step_generator.go ``calculateDependentReplacements``:
    "substituting unknowns for input properties that may change due to deletion"; the Kubernetes
    provider's ``DiffConfig`` replaces on an unknown kubeconfig, provider.go).

    ``old``: the base's resources by URN; ``roots``: URNs replaced delete-first. Returns each URN
    deleted first this way -> the root-side URN it was reached from.
    """
    dependents: dict[str, set[str]] = {}
    for urn, resource in old.items():
        for target in {*resource.get("dependencies", ()), resource.get("provider") or ""}:
            dependents.setdefault(target, set()).add(urn)
        for sources in (resource.get("propertyDependencies") or {}).values():
            for target in sources:
                dependents.setdefault(target, set()).add(urn)
    replacing = set(roots)
    found: dict[str, str] = {}
    pending = sorted(roots)
    while pending:
        source = pending.pop(0)
        for urn in sorted(dependents.get(source, ())):
            if urn in replacing:
                continue
            resource = old[urn]
            if not resource.get("custom", True):
                continue  # components are not replaced
            if (resource.get("provider") or "") in replacing:
                hit = True
            else:
                keys = [
                    key
                    for key, sources in (resource.get("propertyDependencies") or {}).items()
                    if replacing.intersection(sources)
                ]
                hit = any(forces_replacement(resource["type"], (key,)) for key in keys)
            if hit:
                replacing.add(urn)
                found[urn] = source
                pending.append(urn)
    return found
