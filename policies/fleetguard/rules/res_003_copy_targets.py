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
(an Azure resource without a location takes its resource group's).

Regimes follow the data (``fleetguard/lineage.py``): a copy carries the regime of its source,
transitively and whatever its own tags say, so an untagged copy of a copy of a regulated volume is
held to the volume's regime, for where it keeps the copy and for every copy its own properties
make; a configuration resource carries its subject's. An edge whose value is unknown at preview is
followed through the engine's property dependencies.

The named resource is looked up in the stack (a nested resource is placed where its parent is); an
ARN or GCP path that carries a region is read directly. A regulated resource whose copy target cannot be found or placed is refused, since it
cannot be proven compliant (S3 ARNs carry no region). Values unknown at preview (the ARN of a
bucket not created yet) defer only the decisions that need them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from fleet.core.residency import Regime
from fleetguard import locations, survey
from fleetguard.copies import copies_outside
from fleetguard.lineage import Carried, Lineage
from fleetguard.model import (
    Context,
    Deferred,
    Finding,
    Resource,
    Rule,
    each,
    known,
    values_at,
)
from fleetguard.references import (
    Stack,
    homes_of,
    last_segment,
    names_of,
    outside_regime,
    reference_text,
    where,
)
from fleetguard.survey import TypeEntry

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


def check(resources: list[Resource], ctx: Context) -> Iterator[Finding]:
    stack = Stack.index(resources)
    lineage = Lineage(stack, ctx)

    def decide(resource: Resource) -> Iterator[Finding]:
        entry = survey.entry(resource.type)
        if entry is None:
            return
        name = f"{resource.type} {resource.name!r}"
        # Only a regional resource that sets none of its home properties inherits a location; the home
        # is not read otherwise (a region unknown at preview must not defer unrelated decisions).
        inherits = (
            entry.kind == "regional"
            and any(p.unset.startswith("inherit:") for p in entry.homes)
            and not any(values_at(resource.props, p.path) for p in entry.homes)
            and locations.home(resource, entry).inherit is not None
        )
        targets = [(p, v) for p in entry.role("target") for v in values_at(resource.props, p.path)]
        copies = any(entry.role("source"))
        # The regimes are only looked up when something here depends on them (a configuration
        # resource's regime may need a value that is unknown at preview).
        carried = lineage.regimes(resource) if inherits or targets or copies else []
        for item in carried:
            regime = item.regime
            if inherits:
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
                reference = reference_text(value)
                if reference:
                    yield from _target(resource, name, regime, prop.path, prop.reader, reference, stack)
            if item.edge == "source":
                yield from _copy(resource, name, entry, item, stack)

    yield from each(resources, decide, "the replication check")
    yield from _peers(resources, stack, lineage)


def _copy(resource: Resource, name: str, entry: TypeEntry, item: Carried, stack: Stack) -> Iterator[Finding]:
    """A copy whose regime comes from its source: where it keeps the data, and where it copies it."""
    regime = item.regime
    copy = f"{name} is a copy ({item.via}) of {item.origin} ({item.described()})"
    homes = homes_of(resource, stack)
    if isinstance(homes, str):
        yield Finding(
            f"{copy}, but where it keeps the copy cannot be determined: {homes}; give it a location inside the regime",
            urn=resource.urn,
        )
        return
    if bad := outside_regime(homes, regime):
        yield Finding(
            f"{copy} and keeps it in {where(bad)}, outside the regime ({regime.summary()}); put the copy in an "
            "allowed region",
            urn=resource.urn,
        )
    yield from copies_outside(resource, entry, regime, f" (a copy of {item.origin}, {item.described()})")


def _target(
    resource: Resource, name: str, regime: Regime, path: str, reader: str, reference: str, stack: Stack
) -> Iterator[Finding]:
    # A reference that names its region (an ARN with a region field, a GCP path with a location)
    # is read directly; one that does not is looked up in the stack.
    direct = locations.read(resource.cloud or "", reader, reference, path)
    target = None if direct else stack.find(reference, resource)
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


def _peers(resources: list[Resource], stack: Stack, lineage: Lineage) -> Iterator[Finding]:
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
        # A member whose regime waits for an unknown value still has its own region checked (FLEET-RES-001).
        regimes = [(r, item.regime) for r in group for item in (known(r, lineage.regimes)[0] or [])]

        def decide(member: Resource, regimes: list = regimes) -> Iterator[Finding]:
            if member.type in GROUP_ANCHORS:
                return
            homes = homes_of(member, stack)
            if isinstance(homes, str):
                return
            for owner, regime in regimes:
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
