"""FLEET-TEN-008: an admission webhook a tenant serves sees only that tenant's namespaces.

Protects: isolation between tenants. Webhook configurations are cluster-wide: the API server sends
every matching request, object included, to the webhook, which may read it and (mutating) change
it. A webhook intercepts requests in the namespaces its ``namespaceSelector`` matches, and without
one in every namespace
(https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/#matching-requests-namespaceselector),
so a webhook served from a tenant's namespace (``clientConfig.service``) that matches other
namespaces sees and can rewrite other tenants' objects: a validating webhook on Secrets receives
every Secret. A webhook called by URL is served by someone outside the cluster: on a cluster with
tenants it may match only namespaces of the tenant its configuration is labelled for
(``fleet-tenant``), or namespaces it names that are no tenant's. The namespaceSelector bounds
namespaces only by name (``kubernetes.io/metadata.name``) or tenant (``fleet-tenant``); an
objectSelector or matchConditions select by what the object's writer controls, so they do not; and
no namespaceSelector bounds a rule on cluster-scoped objects (scope Cluster, or a kind such as
persistentvolumes or ``*`` under scope ``*``): "if the object is a cluster scoped resource other than
a Namespace, namespaceSelector has no effect". A ``<Kind>Patch`` of a configuration the stack makes is
judged merged into it, as server-side apply merges it (webhooks by name, ``rules`` replaced whole).
Webhooks served from platform namespaces are not this rule's concern.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from fleetguard import shapes
from fleetguard.model import (
    MUTATING_WEBHOOKS,
    PATCH_SUFFIX,
    TENANT,
    VALIDATING_WEBHOOKS,
    Context,
    Deferred,
    Finding,
    Resource,
    Rule,
    Selection,
    TenantNamespace,
    describe_selector,
    each,
    kind_of,
    namespace_selection,
    own_namespaces,
    tag_map,
    tenant_namespaces,
)


def _reaches_tenants(selection: Selection, on_cluster: list[TenantNamespace]) -> bool:
    """Whether the selection can match a tenant namespace of the cluster (or one not in the stack)."""
    if not selection.bounded:
        return True
    return any(
        (selection.names is None or t.name in selection.names)
        and (selection.tenants is None or t.tenant in selection.tenants)
        for t in on_cluster
    ) or (selection.names is None and selection.tenants is not None)


# Cluster-scoped kinds a webhook rule may name: every built-in resource the pinned release serves outside
# namespaces (shapes.cluster_scoped, generated from its OpenAPI). "If the object is a cluster scoped resource
# other than a Namespace, namespaceSelector has no effect"
# (https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/#matching-requests-namespaceselector).
CLUSTER_SCOPED = frozenset(name for names in shapes.cluster_scoped().values() for name in names)


def _own_or_untenanted(
    selection: Selection,
    owner: TenantNamespace,
    tenants: dict[tuple[str | None, str], TenantNamespace],
    on_cluster: list[TenantNamespace],
) -> bool:
    """The selection matches only the owner's namespaces, or namespaces it names that are no tenant's."""
    own = own_namespaces(tenants, owner)
    if selection.within(own, owner.tenant):
        return True
    others = {t.name for t in on_cluster} - own
    return (
        selection.names is not None
        and not (selection.names & others)
        and (selection.tenants is None or selection.tenants <= {owner.tenant})
    )


def _cluster_scoped(hook: Any) -> str:
    """The cluster-scoped objects a webhook's rules match (which its namespaceSelector cannot bound), or ""."""
    found = []
    for rule in hook.get("rules") or []:
        scope = rule.get("scope") or "*"
        resources = [str(r).split("/", 1)[0] for r in rule.get("resources") or []]
        if scope == "Namespaced":
            continue
        if scope == "Cluster":
            found += [r for r in resources if r != "namespaces"] or ["every cluster-scoped kind"]
        else:
            found += [
                "every cluster-scoped kind" if r == "*" else r for r in resources if r == "*" or r in CLUSTER_SCOPED
            ]
    return ", ".join(dict.fromkeys(found))


def check(resources: list[Resource], ctx: Context) -> Iterator[Finding]:
    tenants, unknown = tenant_namespaces(resources)

    def decide(config: Resource) -> Iterator[Finding]:
        if unknown:
            raise unknown[0]  # a namespace whose labels are unknown may be the server's or a matched one
        labelled = tag_map((config.props.get("metadata") or {}).get("labels")).get(TENANT)
        on_cluster = list({t.urn: t for (p, _), t in tenants.items() if p == config.provider_urn}.values())
        kind = config.type.rsplit(":", 1)[-1]
        for hook in config.props.get("webhooks") or []:
            client = hook.get("clientConfig") or {}
            service = client.get("service")
            selector: Any = hook.get("namespaceSelector")
            selection = namespace_selection(selector if selector is not None else {})
            scope = "every namespace (no namespaceSelector)"
            if selector is not None:
                scope = f"namespaces matching {describe_selector(selector)}"
            if service:
                ns = tenants.get((config.provider_urn, str(service.get("namespace"))))
                if ns is None:
                    continue  # a platform namespace's webhook
                cluster_wide = _cluster_scoped(hook)
                if selection.within(own_namespaces(tenants, ns), ns.tenant) and not cluster_wide:
                    continue
                if cluster_wide:
                    scope = f"cluster-scoped objects ({cluster_wide}), which no namespaceSelector bounds"
                served = f"served from tenant {ns.tenant!r}'s namespace {ns.name!r}"
            elif client.get("url") is not None:
                owner = next((t for t in on_cluster if labelled and t.tenant == str(labelled)), None)
                cluster_wide = _cluster_scoped(hook) if owner is not None else ""
                if cluster_wide:
                    scope = f"cluster-scoped objects ({cluster_wide}), which no namespaceSelector bounds"
                elif owner is not None and _own_or_untenanted(selection, owner, tenants, on_cluster):
                    continue
                if owner is None and (not on_cluster or not _reaches_tenants(selection, on_cluster)):
                    continue
                served = f"served by URL {client.get('url')}"
            else:
                continue
            yield Finding(
                f"{kind} {config.name!r}: webhook {hook.get('name')!r}, {served}, intercepts requests in {scope}, "
                "so it sees (and a mutating one changes) other tenants' objects; give it a namespaceSelector on "
                "kubernetes.io/metadata.name that lists only the tenant's own namespaces",
                urn=config.urn,
            )

    configs = [r for r in resources if kind_of(r.type) in (MUTATING_WEBHOOKS, VALIDATING_WEBHOOKS)]
    yield from each(_applied(configs), decide, "the webhook-scope check")


def _applied(configs: list[Resource]) -> list[Resource]:
    """The configurations as the API server holds them: a ``<Kind>Patch`` of a configuration the stack makes
    changes it by server-side apply, so it is judged merged into it (labels key by key; webhooks by their
    ``name``, the list's merge key, each webhook's fields replaced by the patch's, ``rules`` whole, as an
    atomic list); a patch of a configuration made elsewhere is judged as what it writes
    (https://kubernetes.io/docs/reference/using-api/server-side-apply/#merge-strategy)."""
    made = {(c.provider_urn, kind_of(c.type), _name(c)): c for c in configs if not c.type.endswith(PATCH_SUFFIX)}
    merged = {c.urn: c for c in configs}
    for patch in (c for c in configs if c.type.endswith(PATCH_SUFFIX)):
        base = made.get((patch.provider_urn, kind_of(patch.type), _name(patch)))
        if base is None:
            continue
        try:
            merged[base.urn] = _merge(merged[base.urn], patch)
        except (Deferred, TypeError, AttributeError):
            continue  # an unknown or malformed part: the patch is judged alone (and reported there)
        merged.pop(patch.urn)
    return list(merged.values())


def _merge(current: Resource, patch: Resource) -> Resource:
    hooks = {str(h["name"]): dict(h) for h in current.props.get("webhooks") or []}
    for hook in patch.props.get("webhooks") or []:
        hooks[str(hook["name"])] = {**hooks.get(str(hook["name"]), {}), **hook}
    meta = dict(current.props.get("metadata") or {})
    labels = {**tag_map(meta.get("labels")), **tag_map((patch.props.get("metadata") or {}).get("labels"))}
    return replace(
        current, props={**current.props, "metadata": {**meta, "labels": labels}, "webhooks": list(hooks.values())}
    )


def _name(config: Resource) -> str | None:
    metadata = config.props.get("metadata")
    name = metadata.get("name") if isinstance(metadata, Mapping) else None
    return name if isinstance(name, str) else None


RULE = Rule(
    id="FLEET-TEN-008",
    name="tenant-webhooks-scoped",
    title="Ensure admission webhooks served by a tenant intercept only that tenant's namespaces",
    severity="high",
    default_level="mandatory",
    rationale="A cluster-wide webhook a tenant serves receives, and can change, every other tenant's objects.",
    remediation="Give the webhook a namespaceSelector on kubernetes.io/metadata.name listing the tenant's namespaces.",
    stack_check=check,
)
