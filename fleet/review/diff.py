"""What deploying a change does to a stack: creates, deletes, updates and replacements, tenant
moves and country changes (pure; works on two snapshots).

A changed input replaces a resource when the provider cannot update it in place; which inputs do
that, per resource type, is data taken from the providers (``fleet.review.facts``), checked by a
test to cover every type the program creates.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from fleet.core import kinds
from fleet.review import facts, steps
from fleet.review.document import (
    Action,
    Changes,
    CountryChange,
    Drain,
    ResourceChange,
    TenantMove,
    ValueChange,
    Violation,
)
from fleet.review.secrets import DIGEST, SHOWN, is_secret
from fleet.review.steps import forces_replacement

# Resources that hold tenant data or are the cluster itself: deleting one loses data.
STATEFUL_TYPES = frozenset(
    {
        *kinds.BY_CLUSTER_TYPE,
        "kubernetes:helm.sh/v3:Release",
        "kubernetes:core/v1:Namespace",
        "aws:kms/key:Key",
        "gcp:kms/cryptoKey:CryptoKey",
        "azure-native:keyvault:Vault",
        "azure-native:keyvault:Key",
    }
)
SHOWN_CHARS = 80


Path = tuple[str, ...]


def render_path(path: Path) -> str:
    """A key path as text: dotted, with keys that hold dots quoted (spec.hard["limits.cpu"])."""
    if not path:
        return "(value)"
    text = ""
    for part in path:
        text += f'["{part}"]' if "." in part or " " in part else (f".{part}" if text else part)
    return text


def changed_paths(before: Any, after: Any, path: Path = ()) -> list[Path]:
    """Key paths of the input values that differ (lists compare whole)."""
    if before == after:
        return []
    if is_secret(before) and is_secret(after):
        # Secrets compare by their keyed digests; without one on both sides nothing can be said.
        digests = before.get(DIGEST), after.get(DIGEST)
        return [path] if None not in digests and digests[0] != digests[1] else []
    if not (isinstance(before, dict) and isinstance(after, dict)) or is_secret(before) or is_secret(after):
        return [path]
    found: list[Path] = []
    for key in sorted(set(before) | set(after)):
        found += changed_paths(before.get(key), after.get(key), (*path, key))
    return found


def _at(value: Any, path: Path) -> Any:
    for part in path:
        if not isinstance(value, dict) or is_secret(value):
            return value
        value = value.get(part)
    return value


def shown(value: Any) -> str:
    """A value as one short line; secrets as "[secret]"."""
    if value is None:
        return "-"
    if is_secret(value):
        return SHOWN
    text = value if isinstance(value, str) else json.dumps(_masked(value), sort_keys=True)
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def _masked(value: Any) -> Any:
    if is_secret(value):
        return SHOWN
    if isinstance(value, dict):
        return {k: _masked(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_masked(v) for v in value]
    return value


def _value_changes(
    type_: str, before: Mapping[str, Any], after: Mapping[str, Any], ignored: Sequence[str] = ()
) -> tuple[tuple[ValueChange, ...], tuple[ValueChange, ...]]:
    """The changed input values the engine acts on, and those ``ignored`` (the resource's
    ignoreChanges) keeps it from touching."""
    acted: list[ValueChange] = []
    skipped: list[ValueChange] = []
    for path in changed_paths(dict(before), dict(after)):
        old, new = _at(before, path), _at(after, path)
        if is_secret(old) and is_secret(new):
            # Both are secrets; a keyed digest (when the snapshots have one) tells whether it changed.
            old_text, new_text = SHOWN, f"{SHOWN} (changed)"
        else:
            old_text, new_text = shown(old), shown(new)
        change = ValueChange(render_path(path), old_text, new_text, forces_replacement(type_, path))
        (skipped if steps.ignores(ignored, path) else acted).append(change)
    return tuple(acted), tuple(skipped)


def _dependents(urns: Iterable[str], resources: Mapping[str, Mapping[str, Any]]) -> dict[str, tuple[str, ...]]:
    """For each URN, the resources that depend on it (explicitly, or through it as their provider)."""
    wanted = set(urns)
    found: dict[str, set[str]] = {u: set() for u in wanted}
    for urn, resource in resources.items():
        for target in {*resource.get("dependencies", ()), resource.get("provider") or ""} & wanted:
            found[target].add(urn)
    return {u: tuple(sorted(v)) for u, v in found.items()}


def _cascade(
    changes: list[ResourceChange], old: Mapping[str, Mapping[str, Any]], new: Mapping[str, Mapping[str, Any]]
) -> list[ResourceChange]:
    """The changes with what the engine plans beyond the inputs: dependents whose inputs take an
    output of a created or replaced resource (``fleet.review.steps``), and changes the cloud
    refuses (``fleet.review.facts`` refused)."""
    by_urn = {c.urn: c for c in changes}
    actions, reached = steps.cascade(new, set(old), {c.urn: c.action for c in changes})
    for urn, cascade in reached.items():
        type_ = new[urn]["type"]
        current = by_urn.get(urn) or ResourceChange(
            urn, type_, "update", protected=old[urn]["protect"], stateful=type_ in STATEFUL_TYPES
        )
        known = set(current.keys)
        added = tuple(
            ValueChange(
                render_path(path),
                shown(_at(old[urn]["inputs"], path)),
                "(known after "
                + ", ".join(f"{_short(s)} is {actions.get(s, 'create')}d" for s in sorted(sources))
                + ")",
                forces_replacement(type_, path),
            )
            for path, sources in sorted(cascade.paths.items())
            if render_path(path) not in known
        )
        by_urn[urn] = replace(current, action=actions[urn], values=current.values + added)  # type: ignore[arg-type]
    causes = _roots(by_urn, reached)
    for urn, change in list(by_urn.items()):
        why = _refused(change, causes.get(urn, set()), {**old, **new})
        if why:
            by_urn[urn] = replace(change, refused=why)
    return sorted(by_urn.values(), key=lambda c: c.urn)


def _short(urn: str) -> str:
    return urn.rsplit("::", 1)[-1]


def _roots(by_urn: Mapping[str, ResourceChange], reached: Mapping[str, steps.Cascade]) -> dict[str, set[str]]:
    """Per changed resource, every resource whose change reached it through the cascade (itself included)."""
    roots: dict[str, set[str]] = {}

    def of(urn: str, seen: frozenset[str] = frozenset()) -> set[str]:
        if urn in roots:
            return roots[urn]
        found = {urn}
        cascade = reached.get(urn)
        if cascade is not None:
            for sources in cascade.paths.values():
                for source in sources - seen:
                    found |= of(source, seen | {urn})
        roots[urn] = found
        return found

    for urn in by_urn:
        of(urn)
    return roots


def _refused(change: ResourceChange, roots: set[str], resources: Mapping[str, Mapping[str, Any]]) -> str:
    """Why the cloud refuses this change (``fleet.review.facts`` refused), or ""."""
    if change.action != "update":
        return ""
    for fact in facts.refused().get(change.type, ()):
        if not any(facts.covers(tuple(v.key.split(".")), fact["property"]) for v in change.values):
            continue
        moved = {resources[r]["type"] for r in roots if r in resources and r != change.urn}
        if fact["when"] == "changed" or moved & set(fact["from"]):
            return f"{fact['why']} ({fact['source']})"
    return ""


def _named_alike(old: Mapping[str, Any], new: Mapping[str, Any]) -> bool:
    """The Kubernetes provider's own test for deleting first: the object keeps a name the user gave
    it (not ``generateName``, not autonamed) in the same namespace, so old and new cannot exist at
    once (pulumi-kubernetes provider/pkg/provider/provider.go ``Diff``, ``deleteBeforeReplace``).
    Helm releases decide otherwise: their ``Diff`` never deletes first (helm_release.go)."""
    before, after = old.get("metadata"), new.get("metadata")
    if not isinstance(before, dict) or not isinstance(after, dict) or not after.get("name"):
        return False
    annotations = after.get("annotations")
    return (
        not (isinstance(annotations, dict) and "pulumi.com/autonamed" in annotations)
        and after.get("name") == before.get("name")
        and after.get("namespace") == before.get("namespace")
    )


def _deleting_first(
    changes: list[ResourceChange], old: Mapping[str, Mapping[str, Any]], new: Mapping[str, Mapping[str, Any]]
) -> list[ResourceChange]:
    """The replacements the engine performs delete-first, and what it deletes first with them.

    The engine deletes first when the resource's ``deleteBeforeReplace`` option says so, or else
    when its provider's diff asks to; a replacement because the resource moves to another provider
    is the engine's own decision and creates first (pulumi/pkg v3.274.1
    resource/deploy/step_generator.go: ``deleteBeforeReplace := diff.DeleteBeforeReplace``,
    overridden by ``goal.DeleteBeforeReplace``; ``diff`` returns ``ReplaceKeys: ["provider"]``
    and nothing else when the provider changed). Everything it deletes first with them
    (``steps.deleted_with``) is replaced too, and their outputs are unknown in turn."""
    first: dict[str, str] = {}  # URN -> why it goes first ("" for a root)
    while True:
        replaced = {c.urn for c in changes if c.action == "replace"}
        roots = set(first)
        for change in changes:
            if change.action != "replace" or change.urn not in old or change.urn not in new:
                continue
            resource = new[change.urn]
            provider = resource.get("provider") or ""
            moved = provider != (old[change.urn].get("provider") or "") or provider in replaced
            if resource.get("deleteBeforeReplace") or (
                not moved
                and change.type.startswith("kubernetes:")
                and change.type != "kubernetes:helm.sh/v3:Release"
                and _named_alike(old[change.urn]["inputs"], resource["inputs"])
            ):
                roots.add(change.urn)
        for urn in roots:
            first.setdefault(urn, "")
        reached = {u: s for u, s in steps.deleted_with(old, roots).items() if u not in first}
        if not reached:
            break
        by_urn = {c.urn: c for c in changes}
        for urn, source in reached.items():
            first[urn] = source
            if urn not in new:
                continue  # deleted by the change anyway, now earlier
            type_ = old[urn]["type"]
            current = by_urn.get(urn) or ResourceChange(
                urn, type_, "update", protected=old[urn]["protect"], stateful=type_ in STATEFUL_TYPES
            )
            via = ValueChange("(deleted first)", "-", f"with {_short(source)}, which is replaced delete-first", True)
            by_urn[urn] = replace(current, action="replace", values=(*current.values, via))
        changes = _cascade(sorted(by_urn.values(), key=lambda c: c.urn), old, new)
    return [replace(c, delete_first=True) if c.urn in first else c for c in changes]


def diff(
    base: Mapping[str, Any], head: Mapping[str, Any], base_ref: str, new_violations: Iterable[Violation] = ()
) -> Changes:
    old = {r["urn"]: r for r in base["resources"]}
    new = {r["urn"]: r for r in head["resources"]}
    changes: list[ResourceChange] = []
    without_effect: list[ResourceChange] = []
    for urn in sorted(set(new) - set(old)):
        changes.append(ResourceChange(urn, new[urn]["type"], "create"))
    for urn in sorted(set(old) - set(new)):
        type_ = old[urn]["type"]
        changes.append(
            ResourceChange(urn, type_, "delete", protected=old[urn]["protect"], stateful=type_ in STATEFUL_TYPES)
        )
    for urn in sorted(set(old) & set(new)):
        type_ = new[urn]["type"]
        ignored = new[urn].get("ignoreChanges") or ()
        values, dropped = _value_changes(type_, old[urn]["inputs"], new[urn]["inputs"], ignored)
        if dropped:
            # What the spec changed that `pulumi up` will not touch: the program ignores it after
            # creation, so the change has no effect until the resource is made again.
            without_effect.append(ResourceChange(urn, type_, "update", dropped))
        if old[urn]["protect"] != new[urn]["protect"]:
            values += (ValueChange("(protect)", str(old[urn]["protect"]).lower(), str(new[urn]["protect"]).lower()),)
        if values:
            action: Action = "replace" if any(v.forces_replacement for v in values) else "update"
            changes.append(
                ResourceChange(
                    urn, type_, action, values, protected=old[urn]["protect"], stateful=type_ in STATEFUL_TYPES
                )
            )
    # A replaced provider replaces every resource it manages (the engine creates them anew
    # through the new provider and deletes the old ones).
    replaced_providers = {c.urn for c in changes if c.action == "replace" and c.type.startswith("pulumi:providers:")}
    if replaced_providers:
        managed = {u for u in set(old) & set(new) if new[u].get("provider") in replaced_providers}
        by_urn = {c.urn: c for c in changes}
        for urn in managed:
            current = by_urn.get(urn)
            via = ValueChange("(provider)", new[urn]["provider"].rsplit("::", 1)[-1], "replaced", True)
            type_ = new[urn]["type"]
            by_urn[urn] = ResourceChange(
                urn,
                type_,
                "replace",
                (current.values if current else ()) + (via,),
                protected=old[urn]["protect"],
                stateful=type_ in STATEFUL_TYPES,
            )
        changes = sorted(by_urn.values(), key=lambda c: c.urn)
    changes = _deleting_first(_cascade(changes, old, new), old, new)
    # Who depends on what goes away: the engine deletes or replaces those first, or fails.
    gone = [c.urn for c in changes if c.action in ("delete", "replace")]
    dependents = _dependents(gone, {**old, **new})
    changes = [replace(c, dependents=dependents[c.urn]) if c.urn in dependents else c for c in changes]
    changes = [_with_copy(c, old) for c in changes]
    moves, countries = [], []
    old_tenants, new_tenants = base.get("tenants", {}), head.get("tenants", {})
    for tenant in sorted(set(old_tenants) | set(new_tenants)):
        before, after = old_tenants.get(tenant), new_tenants.get(tenant)
        from_clusters = tuple(sorted(before["clusters"])) if before else ()
        to_clusters = tuple(sorted(after["clusters"])) if after else ()
        if from_clusters != to_clusters:
            moves.append(TenantMove(tenant, from_clusters, to_clusters))
        if before and after and before["countries"] != after["countries"]:
            countries.append(
                CountryChange(tenant, after["regime"], tuple(before["countries"]), tuple(after["countries"]))
            )
    return Changes(
        base_ref,
        tuple(changes),
        tuple(moves),
        tuple(countries),
        tuple(new_violations),
        tuple(without_effect),
        drains(old_tenants, new_tenants),
    )


def _with_copy(change: ResourceChange, old: Mapping[str, Any]) -> ResourceChange:
    """Name the tenant copy a deleted or replaced resource belongs to: its parent is the tenant's
    component on the cluster, named ``cluster/tenant`` (fleet/program.py)."""
    if change.action not in ("delete", "replace") or change.urn not in old:
        return change
    own = change.type.startswith("fleet:tenancy:") and change.type != "fleet:tenancy:ClusterGuardrails"
    component = change.urn if own else old[change.urn].get("parent") or ""
    kind = component.split("::")[2].rsplit("$", 1)[-1] if component.count("::") >= 3 else ""
    cluster, _, tenant = component.rsplit("::", 1)[-1].partition("/")
    if not kind.startswith("fleet:tenancy:") or not tenant:
        return change
    return replace(change, copy_of=f"{tenant}@{cluster}")


def drains(old_tenants: Mapping[str, Any], new_tenants: Mapping[str, Any]) -> tuple[Drain, ...]:
    """Each drain's step after the change: the head's ``leaving`` entries (step 1 or 2), and the
    base's entries the head no longer has, for a cluster the tenant is not placed on (step 3)."""
    found: list[Drain] = []
    for tenant in sorted(set(old_tenants) | set(new_tenants)):
        before = {e["cluster"]: e["dataMoved"] for e in (old_tenants.get(tenant) or {}).get("leaving", [])}
        after_tenant = new_tenants.get(tenant) or {}
        after = {e["cluster"]: e["dataMoved"] for e in after_tenant.get("leaving", [])}
        for cluster in sorted(set(before) | set(after)):
            if cluster in after:
                found.append(Drain(tenant, cluster, 2 if after[cluster] else 1))
            elif cluster not in after_tenant.get("clusters", []):
                found.append(Drain(tenant, cluster, 3, early=not before[cluster]))
    return tuple(found)
