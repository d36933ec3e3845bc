"""FLEET-RES-003: copies and locations named by reference to another resource stay inside the regime.

Protects: residency where one resource's data lands in, or comes from, another one it names
by ARN, name or ID instead of by region. The residency survey marks those properties:
``target`` (S3 and object replication destinations, failover partner servers, geo-DR partner
namespaces, log sinks, Event Hubs capture accounts: this resource's data goes there; a
configuration resource such as an S3 replication configuration or a diagnostic setting carries the
regime of the resource it configures), ``source``
(read replicas, replica keys, table replicas, registry replications: this resource is a copy of
the one it names), ``peer`` (members of an Aurora/DocumentDB/Neptune global cluster or an
ElastiCache/MemoryDB multi-Region group replicate to each other), and a home that is inherited
(an Azure resource without a location takes its resource group's; a GCP image, snapshot or machine
image without storage locations is stored in the multi-region nearest its source, looked up here
when its source's path names no zone or region).

Destinations named by a BigQuery table reference are placed by their dataset, gs:// URIs by their
bucket; an HTTPS endpoint (a Pub/Sub push subscription) only by the stack resource that serves its
host, since a URL names no region: any other endpoint is refused for regulated data.

The named resource is looked up in the stack; an ARN or GCP path that carries a region is read
directly. A regulated resource whose copy target cannot be found or placed is refused, since it
cannot be proven compliant (S3 ARNs carry no region). Values unknown at preview (the ARN of a
bucket not created yet) defer only the decisions that need them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from fleet.core.residency import Regime
from fleetguard import locations, survey
from fleetguard.model import (
    Context,
    Deferred,
    Finding,
    RegimeSource,
    Resource,
    Rule,
    each,
    effective_regime,
    values_at,
)
from fleetguard.references import (
    Stack,
    homes_of,
    last_segment,
    names_of,
    outside_regime,
    reference_for,
    reference_text,
    where,
)

# Anchors of a replication group: they hold no data of their own, their members do.
GROUP_ANCHORS = frozenset(
    {
        "aws:rds/globalCluster:GlobalCluster",
        "aws:docdb/globalCluster:GlobalCluster",
        "aws:neptune/globalCluster:GlobalCluster",
        "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup",
        "aws:memorydb/multiRegionCluster:MultiRegionCluster",
    }
)


def _regime(resource: Resource, ctx: Context, stack: Stack | None = None) -> tuple[RegimeSource, Regime] | None:
    """The resource's regime; for a configuration resource that declares none, the regime of the
    resource it configures (an S3 replication configuration carries its bucket's)."""
    entry = survey.entry(resource.type)
    found = effective_regime(resource, ctx, entry.labels if entry else ())
    if found is None and entry is not None and stack is not None:
        for prop in entry.role("subject"):
            for value in values_at(resource.props, prop.path):
                reference = reference_for(value, prop.reader)
                subject = stack.find(reference, resource) if reference else None
                if subject is not None:
                    return _regime(subject, ctx)
    if found is None or not found.regulated:
        return None
    regime = ctx.regimes.get(found.name)
    if regime is None or regime.countries is None:
        return None
    return found, regime


def check(resources: list[Resource], ctx: Context) -> Iterator[Finding]:
    stack = Stack.index(resources)

    def decide(resource: Resource) -> Iterator[Finding]:
        entry = survey.entry(resource.type)
        if entry is None:
            return
        name = f"{resource.type} {resource.name!r}"
        # Only a regional resource that sets none of its home properties inherits a location; the home
        # is not read otherwise (a region unknown at preview must not defer unrelated decisions).
        inherits = (
            entry.kind == "regional"
            and (
                any(p.unset.startswith("inherit:") or p.unset == locations.NEAREST for p in entry.homes)
                or entry.reader == locations.NEAREST
            )
            and not any(values_at(resource.props, p.path) for p in entry.homes)
            and locations.home(resource, entry).inherit is not None
        )
        targets = [(p, v) for p in entry.role("target") for v in values_at(resource.props, p.path)]
        # The regime is only looked up when something here depends on it (a configuration resource's
        # regime may need a value that is unknown at preview).
        mine = _regime(resource, ctx, stack) if inherits or targets else None
        if mine is not None:
            _, regime = mine
            if inherits and locations.home(resource, entry).nearest:
                yield from _nearest(resource, name, regime, stack)
            elif inherits:
                homes = homes_of(resource, stack)
                if isinstance(homes, str):
                    yield Finding(
                        f"{name} (regime {regime.name}) sets no location and takes its resource group's, but {homes}, "
                        "so where it keeps data cannot be checked; set its location or manage the resource group in "
                        "this stack",
                        urn=resource.urn,
                    )
                elif bad := outside_regime(homes, regime):
                    yield Finding(
                        f"{name} (regime {regime.name}) takes its location from its resource group: {where(bad)}, "
                        f"outside the regime ({regime.summary()}); set a location inside the regime",
                        urn=resource.urn,
                    )
            for prop, value in targets:
                reference = reference_for(value, prop.reader)
                if reference:
                    yield from _target(resource, name, regime, prop.path, prop.reader, reference, stack)
        for prop in entry.role("source"):
            for value in values_at(resource.props, prop.path):
                reference = reference_for(value, prop.reader)
                origin = stack.find(reference, resource) if reference else None
                theirs = _regime(origin, ctx) if origin is not None else None
                if theirs is None or origin is None:
                    continue
                homes = homes_of(resource, stack)
                if isinstance(homes, str):
                    continue  # FLEET-RES-001 reports a copy that cannot be placed when it is regulated itself
                if bad := outside_regime(homes, theirs[1]):
                    yield Finding(
                        f"{name} is a copy ({prop.path}) of {origin.type} {origin.name!r} (regime {theirs[1].name}) "
                        f"and keeps it in {where(bad)}, outside the regime ({theirs[1].summary()}); put the "
                        "replica in an allowed region",
                        urn=resource.urn,
                    )

    yield from each(resources, decide, "the replication check")
    yield from _peers(resources, stack, ctx)


def _nearest(resource: Resource, name: str, regime: Regime, stack: Stack) -> Iterator[Finding]:
    """A GCP image, snapshot or machine image without storage locations, whose source names no zone or region:
    stored in the multi-region nearest the source, which is looked up in the stack."""
    homes = homes_of(resource, stack)
    if isinstance(homes, str):
        yield Finding(
            f"{name} (regime {regime.name}) sets no storage location, so Google stores it in the multi-region "
            f"nearest its source, but {homes}, so where it keeps data cannot be checked; set storageLocations to a "
            "location inside the regime",
            urn=resource.urn,
        )
    elif bad := outside_regime(homes, regime):
        yield Finding(
            f"{name} (regime {regime.name}) sets no storage location and is stored in the multi-region nearest its "
            f"source: {where(bad)}, outside the regime ({regime.summary()}); set storageLocations to a location "
            "inside the regime",
            urn=resource.urn,
        )


def _target(
    resource: Resource, name: str, regime: Regime, path: str, reader: str, reference: str, stack: Stack
) -> Iterator[Finding]:
    # A reference that names its region (an ARN with a region field, a GCP path with a location)
    # is read directly; one that does not is looked up in the stack (a URL by the resource that serves it).
    direct = locations.read(resource.cloud or "", reader, reference, path)
    if direct:
        target = None
    elif reader == "url":
        target = stack.find_url(reference, resource)
        if target is None:
            yield Finding(
                f"{name} (regime {regime.name}) sends data ({path}) to the endpoint {reference!r}, which no resource "
                "of this stack serves; a URL names no region, so where the data goes cannot be checked; send it to a "
                "service this stack manages in an allowed region, or exempt it with a reason",
                urn=resource.urn,
            )
            return
    else:
        target = stack.find(reference, resource)
    if target is not None:
        homes = homes_of(target, stack)
        if isinstance(homes, str):
            yield Finding(
                f"{name} (regime {regime.name}) sends data ({path}) to {target.type} {target.name!r}, whose location "
                f"cannot be checked: {homes}; send it to a resource inside the regime",
                urn=resource.urn,
            )
        elif bad := outside_regime(homes, regime):
            yield Finding(
                f"{name} (regime {regime.name}) sends data ({path}) to {target.type} {target.name!r} in "
                f"{where(bad)}, outside the regime ({regime.summary()}); send it to a resource in an allowed "
                "region",
                urn=resource.urn,
            )
    elif direct:
        if bad := outside_regime(direct, regime):
            yield Finding(
                f"{name} (regime {regime.name}) sends data ({path}) to {reference!r} in {where(bad)}, outside the "
                f"regime ({regime.summary()}); send it to a resource in an allowed region",
                urn=resource.urn,
            )
    else:
        yield Finding(
            f"{name} (regime {regime.name}) sends data ({path}) to {reference!r}, which is not in this stack and "
            "names no region, so where the copy goes cannot be checked; manage the destination in this stack or "
            "exempt it with a reason",
            urn=resource.urn,
        )


def _peers(resources: list[Resource], stack: Stack, ctx: Context) -> Iterator[Finding]:
    """Members of one replication group (sharing a peer value, or the anchor the value names)."""
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        while parent.get(node, node) != node:
            node = parent[node]
        return node

    def join(a: str, b: str) -> None:
        parent[root(a)] = root(b)

    members: dict[str, Resource] = {}
    for resource in resources:
        entry = survey.entry(resource.type)
        if entry is None:
            continue
        rows = list(entry.role("peer"))
        if resource.type in GROUP_ANCHORS:
            for key in names_of(resource):
                members[resource.urn] = resource
                join(resource.urn, f"ref:{key}")
        for prop in rows:
            try:
                values = [reference_text(v) for v in values_at(resource.props, prop.path)]
            except Deferred:
                continue  # an unknown group reference: the member's own region is still checked by FLEET-RES-001
            for value in values:
                if not value:
                    continue
                members[resource.urn] = resource
                join(resource.urn, f"ref:{value}")
                join(resource.urn, f"ref:{last_segment(value)}")
    groups: dict[str, list[Resource]] = defaultdict(list)
    for urn, resource in members.items():
        groups[root(urn)].append(resource)
    for group in groups.values():
        if len(group) < 2:
            continue
        regimes = [(r, found) for r in group if (found := _regime(r, ctx)) is not None]

        def decide(member: Resource, regimes: list = regimes) -> Iterator[Finding]:
            if member.type in GROUP_ANCHORS:
                return
            homes = homes_of(member, stack)
            if isinstance(homes, str):
                return
            for owner, (_, regime) in regimes:
                if owner.urn == member.urn:
                    continue
                if bad := outside_regime(homes, regime):
                    yield Finding(
                        f"{member.type} {member.name!r} replicates with {owner.type} {owner.name!r} (regime "
                        f"{regime.name}) in one global group and keeps its copy in {where(bad)}, outside the "
                        f"regime ({regime.summary()}); remove it from the group or move it to an allowed region",
                        urn=member.urn,
                    )

        yield from each(group, decide, "the replication-group check")


RULE = Rule(
    id="FLEET-RES-003",
    name="residency-copy-targets",
    title=(
        "Ensure copies named by reference (replication targets, replicas, global groups, inherited locations) stay "
        "inside the regime"
    ),
    severity="critical",
    default_level="mandatory",
    rationale=(
        "Replication targets, replicas and global groups name each other by ARN or ID, which hides the region the "
        "copy goes to; a destination that cannot be found cannot be proven compliant."
    ),
    remediation=(
        "Point replication at a resource in an allowed region that this stack manages, or exempt it with a reason."
    ),
    stack_check=check,
)
