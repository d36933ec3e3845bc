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

The named resource is looked up in the stack; an ARN or GCP path that carries a region is read
directly. A regulated resource whose copy target cannot be found or placed is refused, since it
cannot be proven compliant (S3 ARNs carry no region). Values unknown at preview (the ARN of a
bucket not created yet) defer only the decisions that need them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from fleet.core.residency import Regime
from fleetguard import locations, survey
from fleetguard.model import (
    Context,
    Deferred,
    Finding,
    RegimeSource,
    Resource,
    Rule,
    Unknown,
    each,
    effective_regime,
    is_map,
    values_at,
)

# Properties that name a resource, per type, besides arn / id / name / selfLink.
KEY_PROPS = {
    "aws:s3/bucket:Bucket": ("bucket",),
    "aws:s3/bucketV2:BucketV2": ("bucket",),
    "aws:rds/instance:Instance": ("identifier",),
    "aws:rds/cluster:Cluster": ("clusterIdentifier",),
    "aws:rds/globalCluster:GlobalCluster": ("globalClusterIdentifier",),
    "aws:docdb/cluster:Cluster": ("clusterIdentifier",),
    "aws:docdb/globalCluster:GlobalCluster": ("globalClusterIdentifier",),
    "aws:neptune/cluster:Cluster": ("clusterIdentifier",),
    "aws:neptune/globalCluster:GlobalCluster": ("globalClusterIdentifier",),
    "aws:elasticache/replicationGroup:ReplicationGroup": ("replicationGroupId",),
    "aws:kms/key:Key": ("keyId",),
    "azure-native:resources:ResourceGroup": ("resourceGroupName",),
    "azure-native:storage:StorageAccount": ("accountName",),
    "azure-native:containerregistry:Registry": ("registryName",),
    "azure-native:appconfiguration:ConfigurationStore": ("configStoreName",),
    "azure-native:sql:Server": ("serverName",),
    "azure-native:sql:ManagedInstance": ("managedInstanceName",),
    "azure-native:servicebus:Namespace": ("namespaceName",),
    "azure-native:eventhub:Namespace": ("namespaceName",),
    "gcp:bigquery/dataset:Dataset": ("datasetId",),
}
GENERIC_KEYS = ("arn", "id", "name", "selfLink")
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
RESOURCE_GROUP = "azure-native:resources:ResourceGroup"


def _keys(resource: Resource) -> set[str]:
    """The values other resources may use to name this one (unknown ones skipped)."""
    found = set()
    for key in GENERIC_KEYS + KEY_PROPS.get(resource.type, ()):
        value = resource.props.get(key)
        if isinstance(value, Unknown) or not isinstance(value, str) or not value:
            continue
        found.add(value)
        if key == "bucket":
            found |= {f"arn:aws:s3:::{value}", f"s3://{value}"}
    return found


def _text(value: Any) -> str | None:
    if isinstance(value, Unknown):
        str(value)  # raises Deferred: the decision waits for this value
    if is_map(value):
        for key in ("bucket", "id", "resourceId", "name", "arn"):
            if value.get(key):
                return _text(value[key])
        return None
    return None if value is None else str(value)


def _tail(reference: str) -> str:
    """The last segment of a path-like reference: s3://bucket/key, projects/p/datasets/d, /subscriptions/.../x."""
    text = reference.removeprefix("s3://").rstrip("/")
    if reference.startswith("s3://"):
        return text.split("/", 1)[0]
    return text.rsplit("/", 1)[-1].rsplit(":", 1)[-1]


@dataclass
class Stack:
    resources: list[Resource]
    by_key: dict[str, list[Resource]]
    by_tail: dict[str, list[Resource]]
    opaque: list[tuple[Resource, Deferred]]  # resources with no name known at preview: any reference may be theirs

    @classmethod
    def index(cls, resources: list[Resource]) -> Stack:
        by_key: dict[str, list[Resource]] = defaultdict(list)
        by_tail: dict[str, list[Resource]] = defaultdict(list)
        opaque = []
        for resource in resources:
            keys = _keys(resource)
            for key in keys:
                by_key[key].append(resource)
                by_tail[_tail(key)].append(resource)
            unknown = [
                k for k in GENERIC_KEYS + KEY_PROPS.get(resource.type, ()) if isinstance(resource.props.get(k), Unknown)
            ]
            if unknown and not keys:
                opaque.append((resource, Deferred(resource.urn, unknown[0])))
        return cls(resources, by_key, by_tail, opaque)

    def find(self, reference: str, asking: Resource, type_: str | None = None) -> Resource | None:
        """The resource a reference names, or None; Deferred when an unknown name might be it."""
        candidates = [r for r in self.by_key.get(reference, []) if r.urn != asking.urn]
        if not candidates:
            tail = _tail(reference)
            candidates = [r for r in self.by_tail.get(tail, []) if r.urn != asking.urn and r.package == asking.package]
        if type_:
            candidates = [r for r in candidates if r.type == type_]
        if candidates:
            return candidates[0]
        for resource, err in self.opaque:
            if resource.package == asking.package and (type_ is None or resource.type == type_):
                raise err
        return None


def _regime(resource: Resource, ctx: Context, stack: Stack | None = None) -> tuple[RegimeSource, Regime] | None:
    """The resource's regime; for a configuration resource that declares none, the regime of the
    resource it configures (an S3 replication configuration carries its bucket's)."""
    entry = survey.entry(resource.type)
    found = effective_regime(resource, ctx, entry.labels if entry else ())
    if found is None and entry is not None and stack is not None:
        for prop in entry.role("subject"):
            for value in values_at(resource.props, prop.path):
                reference = _text(value)
                subject = stack.find(reference, resource) if reference else None
                if subject is not None:
                    return _regime(subject, ctx)
    if found is None or not found.regulated:
        return None
    regime = ctx.regimes.get(found.name)
    if regime is None or regime.countries is None:
        return None
    return found, regime


def _homes(resource: Resource, stack: Stack, seen: frozenset[str] = frozenset()) -> list[locations.Location] | str:
    """Where a resource keeps its data, following an inherited location; a reason when unknown."""
    entry = survey.entry(resource.type)
    if entry is None:
        return "its type is not in the residency survey"
    if entry.kind == "unplaceable":
        return "it keeps data at edge locations or undisclosed places"
    if entry.kind in ("global", "child"):
        return f"it is a {entry.kind} resource with no location of its own"
    home = locations.home(resource, entry)
    if home.inherit is not None and resource.urn not in seen:
        prop, value = home.inherit
        parent = stack.find(str(_text(value)), resource, RESOURCE_GROUP if prop == "resourceGroupName" else None)
        if parent is None:
            return f"its {prop} {value!r} is not in this stack"
        return _homes(parent, stack, seen | {resource.urn})
    if home.missing:
        return home.missing
    return home.locations


def _outside(homes: list[locations.Location], regime: Regime) -> list[locations.Location]:
    return [h for h in homes if not locations.inside(h, regime)]


def _describe(found: list[locations.Location]) -> str:
    return ", ".join(h.describe() for h in found)


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
            and any(p.unset.startswith("inherit:") for p in entry.homes)
            and not any(values_at(resource.props, p.path) for p in entry.homes)
            and locations.home(resource, entry).inherit is not None
        )
        targets = [(p, v) for p in entry.role("target") for v in values_at(resource.props, p.path)]
        # The regime is only looked up when something here depends on it (a configuration resource's
        # regime may need a value that is unknown at preview).
        mine = _regime(resource, ctx, stack) if inherits or targets else None
        if mine is not None:
            _, regime = mine
            if inherits:
                homes = _homes(resource, stack)
                if isinstance(homes, str):
                    yield Finding(
                        f"{name} (regime {regime.name}) sets no location and takes its resource group's, but {homes}, "
                        "so where it keeps data cannot be checked; set its location or manage the resource group in "
                        "this stack",
                        urn=resource.urn,
                    )
                elif bad := _outside(homes, regime):
                    yield Finding(
                        f"{name} (regime {regime.name}) takes its location from its resource group: {_describe(bad)}, "
                        f"outside the regime ({regime.summary()}); set a location inside the regime",
                        urn=resource.urn,
                    )
            for prop, value in targets:
                reference = _text(value)
                if reference:
                    yield from _target(resource, name, regime, prop.path, prop.reader, reference, stack)
        for prop in entry.role("source"):
            for value in values_at(resource.props, prop.path):
                reference = _text(value)
                origin = stack.find(reference, resource) if reference else None
                theirs = _regime(origin, ctx) if origin is not None else None
                if theirs is None or origin is None:
                    continue
                homes = _homes(resource, stack)
                if isinstance(homes, str):
                    continue  # FLEET-RES-001 reports a copy that cannot be placed when it is regulated itself
                if bad := _outside(homes, theirs[1]):
                    yield Finding(
                        f"{name} is a copy ({prop.path}) of {origin.type} {origin.name!r} (regime {theirs[1].name}) "
                        f"and keeps it in {_describe(bad)}, outside the regime ({theirs[1].summary()}); put the "
                        "replica in an allowed region",
                        urn=resource.urn,
                    )

    yield from each(resources, decide, "the replication check")
    yield from _peers(resources, stack, ctx)


def _target(
    resource: Resource, name: str, regime: Regime, path: str, reader: str, reference: str, stack: Stack
) -> Iterator[Finding]:
    # A reference that names its region (an ARN with a region field, a GCP path with a location)
    # is read directly; one that does not is looked up in the stack.
    direct = locations.read(resource.cloud or "", reader, reference, path)
    target = None if direct else stack.find(reference, resource)
    if target is not None:
        homes = _homes(target, stack)
        if isinstance(homes, str):
            yield Finding(
                f"{name} (regime {regime.name}) sends data ({path}) to {target.type} {target.name!r}, whose location "
                f"cannot be checked: {homes}; send it to a resource inside the regime",
                urn=resource.urn,
            )
        elif bad := _outside(homes, regime):
            yield Finding(
                f"{name} (regime {regime.name}) sends data ({path}) to {target.type} {target.name!r} in "
                f"{_describe(bad)}, outside the regime ({regime.summary()}); send it to a resource in an allowed "
                "region",
                urn=resource.urn,
            )
    elif direct:
        if bad := _outside(direct, regime):
            yield Finding(
                f"{name} (regime {regime.name}) sends data ({path}) to {reference!r} in {_describe(bad)}, outside the "
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
            for key in _keys(resource):
                members[resource.urn] = resource
                join(resource.urn, f"ref:{key}")
        for prop in rows:
            try:
                values = [_text(v) for v in values_at(resource.props, prop.path)]
            except Deferred:
                continue  # an unknown group reference: the member's own region is still checked by FLEET-RES-001
            for value in values:
                if not value:
                    continue
                members[resource.urn] = resource
                join(resource.urn, f"ref:{value}")
                join(resource.urn, f"ref:{_tail(value)}")
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
            homes = _homes(member, stack)
            if isinstance(homes, str):
                return
            for owner, (_, regime) in regimes:
                if owner.urn == member.urn:
                    continue
                if bad := _outside(homes, regime):
                    yield Finding(
                        f"{member.type} {member.name!r} replicates with {owner.type} {owner.name!r} (regime "
                        f"{regime.name}) in one global group and keeps its copy in {_describe(bad)}, outside the "
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
