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
when its source's path names no zone or region; a project's snapshot settings in the stack that
name specific locations replace that default for snapshots and snapshot schedules).

Destinations named by a BigQuery table reference are placed by their dataset, gs:// URIs by their
bucket; a URL that names no region (a Pub/Sub push endpoint) only by the stack resource that
serves its host: any other endpoint is refused for regulated data.

Regimes follow the data (``fleetguard/lineage.py``): a copy carries the regime of its source, transitively and
whatever its own tags say, so an untagged copy of a copy of a regulated volume is held to the volume's regime, for
where it keeps the copy and for every copy its own properties make; a configuration resource carries its subject's
(an EFS replication configuration, a Redshift snapshot copy: their copy locations are judged here). An edge whose
value is unknown at preview is followed through the engine's property dependencies. A resource that copies what it
selects rather than names carries the regimes of what it selects: an AWS Backup plan (its selections' resources, by
ARN pattern or tag), a Data Lifecycle Manager policy (volumes and instances with its target tags), an ECR registry
replication configuration (the repositories its filters match), a GCP snapshot schedule (the disks it is attached
to). A cluster carries the regimes of the tenant namespaces on it, so its backups do too; a fleet cluster component
with no cloud cluster in the stack (an existing cluster) is the cluster a backup plan's path names. A resource of the
stack that another sends data to carries the sender's regimes (the replica bucket of a replication rule, the API
destination of an event rule), so where it passes the data on is judged too, at every step of a chain (S3 replication
is configured bucket by bucket:
https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-what-is-isnot-replicated.html); a nested resource
(an event hub, an event subscription, an Azure replica with a location of its own such as a SignalR replica, judged
there) carries its parent's. A target mounted read-only (a Cloud Run volume with readOnly, an Azure Files mount with
accessMode ReadOnly) receives nothing. Data shared with an AWS account (a snapshot's create-volume permission, an AMI
launch permission, RDS snapshot sharedAccounts, a Redshift datashare authorization) is refused unless the account is
one the stack's own ARNs or providers name: another account, or every account, may copy it to any Region. So is data
made public (an S3 public canned ACL, a Cloud Storage ACL for allUsers, an Azure container with anonymous access) and
data a resource-based policy lets another account, or everyone, read (``fleetguard/grants.py``: a queue's or bucket's
policy, a snapshot's resource policy), on the resource itself or on the resources the policy resource names; or that
it gives a principal of another account by naming it (an S3 Access Grants grantee, a Clean Rooms member's account). A
statement bounded by an organization (``aws:PrincipalOrgID``, a Lambda permission's ``principalOrgId``) is bounded
only when the stack names that organization (its ``aws:organizations`` resources): another company's organization is
as far outside as its account (the policy config's awsAccounts, from the spec, names the organization's own accounts
beside those the stack's resources are in). A GCP IAM grant to a convenience member of another project
(``projectViewer:p``) or to a ``domain:`` none of the stack's users or groups is in is a grant to another
organization's accounts; a Backup for GKE channel's destination project (backups created in it, or restored into it)
is refused unless it is one of the stack's projects (by ID, or by the number of a project the stack creates), as an
AWS account is. A target named without its Region (an S3 bucket ARN) is placed by the Region the resource gives
beside it (a file share's ``bucketRegion``), and a connection string by the host it names (never printing its
credentials). A pointer holds no data and is placed where the storage it names is: a DataSync location (its file
server, object store or AWS storage service), a Data Factory dataset (its linked service) and linked service (the
store its endpoint or connection string names); a DataSync task and a Data Factory pipeline's activities move the
data of their source or input to their destination or output. An ECS task definition is judged where its containers'
log configurations send their logs (awslogs-region; FireLens outputs, outside AWS for any but its AWS outputs). A GCP
project's snapshot settings replace the nearest multi-region: SPECIFIC_LOCATIONS the locations they name,
LOCAL_REGION the source disk's region. A Transfer Family user's files go to the bucket (or EFS file system) its home
directory or logical directory targets name (/<bucket>/<prefix>); an NFS volume to the server it mounts, a Filestore
instance by its IP address; an API Gateway gateway's requests to the x-google-backend addresses of its API config's
OpenAPI documents; a Workflows execution's call logs to where its project's log sinks route them (the _Default sink,
unless the stack takes it over, to the _Default bucket, which is global); an AMI shared with an organization or
organizational unit by ARN is refused unless the organization is the stack's own; an Apigee environment's forward
proxy sees every request to its targets. An API Management self-hosted gateway is where its location data's
countryOrRegion says, and anywhere without it. A Cloud SQL volume writes to the instances its connection names name
(<project>:<region>:<instance>); a Managed Kafka sink connector to the bucket, topic or dataset its configs name; a
Kusto database script's exports to the URIs they name or to their external table's storage; an FSx data repository
association to its bucket. A Firebase Security Rules ruleset carries the regime of the bucket or Firestore database
each release of it governs. A Confluent Cloud source connector is a copy of the Azure store it reads, which it copies
into Confluent Cloud, outside Azure; an Import/Export export job is a copy of its account, shipped to its return
address's country. A data item (a Cloud Storage object, a blob, a Key Vault secret) with a regime of its own is kept
where its container is; a nested Azure resource without a location (a Cosmos DB container) is where its parent is,
and goes where the parent replicates. A RAM share's exclusive associations share their resources with their
principals. Each destination is decided on its own: one unknown at preview does not hold back a known one beside it.

The named resource is looked up in the stack (a nested resource is placed where its parent is);
an ARN, AWS endpoint URL or GCP path that carries a region is read directly, unless it names a
resource of this stack exactly, which is then judged where it keeps the data (and, as a receiver,
where it passes it on); an ARM ID of a child the stack does not manage (an Event Hubs namespace's
RootManageSharedAccessKey rule) is placed at its parent. A regulated resource whose copy target
cannot be found or placed is refused, since it cannot be proven compliant (S3 ARNs carry no region;
an external URL, an email address or a phone number is outside the cloud).
A resource a peer value names joins the group (the primary of
a global datastore, the buckets of a Multi-Region Access Point), and a peer value not in the stack
is refused when the group is regulated. Values unknown at preview (the ARN of a bucket not created
yet) defer only the decisions that need them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from fleet.core.residency import Regime
from fleetguard import grants, locations, survey
from fleetguard.copies import copies_outside
from fleetguard.lineage import (
    AZURE,
    PART,
    READS_FROM,
    RECEIVER,
    REFERENCE,
    Carried,
    Lineage,
    replica_source,
    unknown_value,
    written_values,
)
from fleetguard.model import (
    Context,
    Deferred,
    Finding,
    Resource,
    Rule,
    as_block,
    each,
    effective_regime,
    known,
    resource_values,
    values_at,
)
from fleetguard.references import (
    ORGANIZATION_TYPES,
    RESOURCE_GROUP,
    Stack,
    arm_parent_of,
    arn_account,
    bucket_arn,
    homes_of,
    identity_arn,
    kusto_exports,
    last_segment,
    names_of,
    openapi_backends,
    organization_of,
    outside_regime,
    project_numbers,
    reference_for,
    reference_text,
    where,
)
from fleetguard.survey import TypeEntry
from fleetguard.unclassified import Named

# Anchors of a replication group: they hold no data of their own, their members do.
GROUP_ANCHORS = frozenset(
    {
        "aws:rds/globalCluster:GlobalCluster",
        "aws:docdb/globalCluster:GlobalCluster",
        "aws:neptune/globalCluster:GlobalCluster",
        "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup",
        "aws:memorydb/multiRegionCluster:MultiRegionCluster",
        "aws:s3control/multiRegionAccessPoint:MultiRegionAccessPoint",
        "aws:cloudwatch/eventEndpoint:EventEndpoint",
    }
)
# Readers whose values are URLs or addresses: never looked up in the stack by name.
ADDRESS_READERS = frozenset({"url", "endpoint"})
# Readers whose value places every destination it names itself (JSON an ECS task carries).
SELF_PLACED = frozenset({"ecs-logs"})


def check(resources: list[Resource], ctx: Context) -> Iterator[Finding]:
    stack = Stack.index(resources, ctx.aws_accounts)
    lineage = Lineage(stack, ctx)
    settings = [r for r in resources if r.type == SNAPSHOT_SETTINGS]

    def decide(resource: Resource) -> Iterator[Finding]:
        entry = survey.entry(resource.type)
        if entry is None:
            return
        name = f"{resource.type} {resource.name!r}"
        if resource.type in DATA_ITEMS:
            yield from _item(resource, name, entry, stack, ctx)
        # Only a regional resource that sets none of its home properties inherits a location; the home
        # is not read otherwise (a region unknown at preview must not defer unrelated decisions).
        home = (
            locations.home(resource, entry)
            if entry.kind == "regional"
            and (
                any(p.unset.startswith("inherit:") or p.unset == locations.NEAREST for p in entry.homes)
                or entry.reader == locations.NEAREST
            )
            and not any(resource_values(resource, p.path) for p in entry.homes)
            else None
        )
        inherits = home is not None and home.inherit is not None
        nearest = inherits and home is not None and home.nearest
        peer = replica_source(resource)  # a replica's target row that names its source
        targets = [
            (p, as_block(resource, p.shape, v))
            for p in entry.role("target")
            if p.path != peer
            for v in written_values(resource, p.path)
        ]
        if targets and resource.props.get(READS_FROM[0]) == READS_FROM[1]:
            targets = []
        # A Kafka connector's configs name where a sink connector writes (the row is its MirrorMaker source).
        targets += [
            (replace(p, role="target", reader="kafka-sink"), v)
            for p in entry.role("source")
            if p.reader == "kafka-connect"
            for v in written_values(resource, p.path)
        ]
        copies = any(entry.role("source", "copy"))
        names = lineage.unclassified(resource)
        # The regimes are only looked up when something here depends on them (a configuration
        # resource's regime may need a value that is unknown at preview).
        # A nested Azure resource with a location of its own (a SignalR replica) may be part of a regulated one.
        nested = resource.package == AZURE and entry.kind == "regional" and not inherits
        # A CDN: what it carries from its origin is cached at the edge (a Front Door route only with caching on).
        edge = entry.kind == "unplaceable" and _caches(resource)
        carried = lineage.regimes(resource) if inherits or targets or copies or names or peer or nested or edge else []
        if carried:
            locations.check_shapes(resource, entry)  # a value of a shape the provider refuses is not read

        def _one_target(prop: Any, value: Any, label: str, regime: Regime) -> Iterator[Finding]:
            if prop.reader == "gcp-project":
                yield from _project(resource, label, regime, prop.path, value, stack)
                return
            if prop.reader in ACCOUNT_READERS:
                shared = list(_account(resource, label, regime, prop.path, value, stack, prop.reader))
                yield from shared
                text = str(value)
                if shared or prop.reader != "account-arn" or not text.startswith("arn:") or identity_arn(text):
                    return  # a resource ARN of the stack's own accounts is then judged as any other target
            if prop.reader == "kusto-exports":
                for uri in kusto_exports(str(reference_text(value) or "")):
                    yield from _target(resource, label, regime, prop.path, "url", uri, stack)
                return
            if prop.reader == "aws-organization":
                yield from _organization(resource, label, regime, prop.path, value, stack)
                return
            if prop.reader == "project-logs":
                yield from _project_logs(resource, label, regime, prop.path, value, stack)
                return
            if prop.reader == "api-config":
                yield from _api_backends(resource, label, regime, prop.path, value, stack, lineage)
                return
            if unknown_value(value) and (placed := lineage.dependencies(resource, prop.path)):
                # Unknown at preview, but the engine says which resources of the stack it comes from.
                for target in placed:
                    yield from _placed(resource, label, regime, prop.path, target, stack)
                return
            reader = "arn" if prop.reader == "account-arn" else prop.reader
            reference = reference_for(value, reader)
            beside = REGION_BESIDE.get(prop.path)
            if beside and reference and resource.props.get(beside) and stack.exact(reference, resource) is None:
                return  # placed by the Region given beside it, which FLEET-RES-002 judges as a copy
            reader = URL_READERS.get(reader, reader)  # what the reference is, once taken out of its container
            if reference:
                yield from _target(resource, label, regime, prop.path, reader, reference, stack)

        pending: Deferred | None = None
        decided = False
        for item in carried:
            regime = item.regime
            if edge and item.inherited and item.edge != REFERENCE:
                yield Finding(
                    f"{name} carries the data of {item.origin} ({item.described()}) and keeps it at edge locations "
                    f"or in places the cloud does not disclose, so it cannot be placed under regime {regime.name}; "
                    "serve regulated content from a service in the regime's regions, or exempt it with a reason",
                    urn=resource.urn,
                )
            if item.edge == REFERENCE:
                pass  # an unclassified edge: where this resource is, is judged by _unclassified when it is known
            elif nearest and (settled := _settled_homes(resource, entry, settings, lineage)) is not None:
                # The project's snapshot settings replace the nearest multi-region.
                if bad := ([] if isinstance(settled, str) else outside_regime(settled, regime)):
                    yield Finding(
                        f"{name} (regime {regime.name}) is stored in its source's region (the project's snapshot "
                        f"settings say LOCAL_REGION): {where(bad)}, outside the regime ({regime.summary()}); set "
                        "storageLocations to a location inside the regime",
                        urn=resource.urn,
                    )
            elif nearest:
                # Its home is its source's nearest multi-region: judged here, not again as a copy.
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
                        f"{name} (regime {regime.name}) takes its location from its parent or resource group: "
                        f"{where(bad)}, "
                        f"outside the regime ({regime.summary()}); set a location inside the regime",
                        urn=resource.urn,
                    )
                holder = arm_parent_of(resource, stack) if resource.package == AZURE else None
                if holder is not None and holder.type != RESOURCE_GROUP and (kept := survey.entry(holder.type)):
                    # Kept in its parent (a Cosmos DB container in its account): where the parent copies, it goes.
                    yield from copies_outside(holder, kept, regime, f" (holding {name}, regime {regime.name})")
            label = f"{name} (receiving data from {item.origin})" if item.edge in (RECEIVER, REFERENCE) else name
            for prop, value in targets:
                # One target at a time: a value unknown at preview defers only its own decision, so a known
                # destination beside it (a partner account listed after an unknown one) is still judged.
                try:
                    found = list(_one_target(prop, value, label, regime))
                except Deferred as err:
                    pending = pending or err
                    continue
                decided = decided or bool(found)
                yield from found
            if item.edge == "source" and not nearest:
                yield from _copy(resource, name, entry, item, stack, _settled_homes(resource, entry, settings, lineage))
            elif item.edge == "subject":
                # Copy rows are FLEET-RES-002's when the resource declares the regime itself.
                yield from copies_outside(resource, entry, regime, f" (configuring {item.origin}, {item.described()})")
            elif item.edge == PART:
                part = f" (part of {item.origin}, {item.described()})"
                if nested and (bad := outside_regime(locations.home(resource, entry).locations, regime)):
                    yield Finding(
                        f"{name}{part} is in {where(bad)}, outside the regime ({regime.summary()}); a nested "
                        "resource holds its parent's data: keep it in a location inside the regime",
                        urn=resource.urn,
                    )
                yield from copies_outside(resource, entry, regime, part)
            elif item.edge in (RECEIVER, REFERENCE):
                # Where it keeps the data is the sender's target check; where it copies it onwards is here.
                yield from copies_outside(resource, entry, regime, f" (receiving data from {item.origin})")
            yield from _snapshot_settings(resource, name, regime, settings)
        if pending is not None and not decided:
            raise pending
        yield from _unclassified(resource, name, names, carried, stack, lineage)
        yield from _grants(resource, name, entry, stack, lineage)

    yield from each(resources, decide, "the replication check")
    yield from _peers(resources, stack, lineage)


# Front Door caches what a route serves only when the route has a cache configuration; without one, requests pass
# through to the origin (https://learn.microsoft.com/azure/frontdoor/front-door-caching).
CACHE_SWITCH = {"azure-native:cdn:Route": "cacheConfiguration"}


def _caches(resource: Resource) -> bool:
    switch = CACHE_SWITCH.get(resource.type)
    return switch is None or resource.props.get(switch) is not None


# A project's snapshot settings decide where snapshots that name no storage location go
# (https://cloud.google.com/compute/docs/disks/snapshot-settings): SPECIFIC_LOCATIONS overrides the
# nearest multi-region the survey assumes. Read from the stack; a project's settings made elsewhere
# are not visible to the pack.
SNAPSHOT_SETTINGS = "gcp:compute/snapshotSettings:SnapshotSettings"
UNSET_SNAPSHOT_LOCATIONS = {
    "gcp:compute/snapshot:Snapshot": "storageLocations",
    "gcp:compute/resourcePolicy:ResourcePolicy": "snapshotSchedulePolicy.snapshotProperties.storageLocations",
}


LOCAL_REGION, SPECIFIC_LOCATIONS = "LOCAL_REGION", "SPECIFIC_LOCATIONS"


def _settings_of(resource: Resource, settings: list[Resource]) -> list[tuple[Resource, str]]:
    """The project's snapshot settings that decide where this resource's snapshots go, with their policy:
    only for a snapshot or schedule that names no storage location itself."""
    path = UNSET_SNAPSHOT_LOCATIONS.get(resource.type)
    if path is None or resource_values(resource, path):
        return []
    if resource.type.endswith("ResourcePolicy") and not resource_values(resource, "snapshotSchedulePolicy"):
        return []  # not a snapshot schedule
    project = resource.props.get("project") or resource.provider_props.get("project")
    found = []
    for setting in settings:
        if (setting.props.get("project") or setting.provider_props.get("project")) != project:
            continue
        policy = str(next(iter(values_at(setting.props, "storageLocation.policy")), "")).upper()
        if policy in (LOCAL_REGION, SPECIFIC_LOCATIONS):
            found.append((setting, policy))
    return found


def _settings_policy(resource: Resource, settings: list[Resource]) -> str | None:
    return next((policy for _, policy in _settings_of(resource, settings)), None)


def _snapshot_settings(resource: Resource, name: str, regime: Regime, settings: list[Resource]) -> Iterator[Finding]:
    path = UNSET_SNAPSHOT_LOCATIONS.get(resource.type, "")
    for setting, policy in _settings_of(resource, settings):
        if policy != SPECIFIC_LOCATIONS:
            continue
        for value in values_at(setting.props, "storageLocation.locations[].name"):
            place = locations.gcp_location(str(value), f"snapshot settings {setting.name!r}")
            if not locations.inside(place, regime):
                yield Finding(
                    f"{name} (regime {regime.name}) sets no {path}, so its snapshots go where the project's snapshot "
                    f"settings {setting.name!r} say: {place.describe()}, outside the regime ({regime.summary()}); set "
                    f"{path} to a location inside the regime",
                    urn=resource.urn,
                )


def _settled_homes(
    resource: Resource, entry: TypeEntry, settings: list[Resource], lineage: Lineage
) -> list[locations.Location] | str | None:
    """Where the project's snapshot settings keep this copy instead of its default, if they do: its source's
    region for LOCAL_REGION; [] for SPECIFIC_LOCATIONS (judged in _snapshot_settings); None: no settings."""
    policy = _settings_policy(resource, settings)
    if policy is None:
        return None
    if policy == SPECIFIC_LOCATIONS:
        return []
    sources = [o for p in entry.role("source") for o in lineage.named(resource, p.path, p.reader)]
    return homes_of(sources[0], lineage.stack) if sources else "its source is not in this stack"


def _copy(
    resource: Resource,
    name: str,
    entry: TypeEntry,
    item: Carried,
    stack: Stack,
    settled: list[locations.Location] | str | None = None,
) -> Iterator[Finding]:
    """A copy whose regime comes from its source: where it keeps the data, and where it copies it."""
    regime = item.regime
    copy = f"{name} is a copy ({item.via}) of {item.origin} ({item.described()})"
    homes = homes_of(resource, stack) if settled is None else settled
    if isinstance(homes, str):
        yield Finding(
            f"{copy}, but where it keeps the copy cannot be determined: {homes}; give it a location inside the regime",
            urn=resource.urn,
        )
    elif bad := outside_regime(homes, regime):
        yield Finding(
            f"{copy} and keeps it in {where(bad)}, outside the regime ({regime.summary()}); put the copy in an "
            "allowed region",
            urn=resource.urn,
        )
    yield from copies_outside(resource, entry, regime, f" (a copy of {item.origin}, {item.described()})")
    # A copy kept inside another resource (a backup instance in its vault) is replicated where that resource
    # replicates (the vault's geo-redundant storage).
    parent = arm_parent_of(resource, stack) if resource.package == AZURE else None
    if parent is not None and (kept_in := survey.entry(parent.type)) is not None:
        why = f" (holding {name}, a copy of {item.origin}, {item.described()})"
        yield from copies_outside(parent, kept_in, regime, why)


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
    # A reference that names its region (an ARN with a region field, an AWS endpoint URL, a GCP path with a
    # location) is read directly, unless it names a resource of this stack exactly, which is then judged where it
    # keeps the data and where it forwards it; an address outside the cloud (an external URL, an email address)
    # cannot be placed; any other reference is looked up in the stack.
    direct = locations.read(resource.cloud or "", reader, reference, path)
    if reader in SELF_PLACED:
        # The value says where each of its destinations is (an ECS task's log configurations): nothing to look up.
        for place in direct:
            if locations.external(place):
                yield Finding(
                    f"{name} (regime {regime.name}) sends data ({place.source}) to {place.value!r}, outside the "
                    "cloud, so where it keeps the data cannot be checked; send it to a service in an allowed region, "
                    "or exempt it with a reason",
                    urn=resource.urn,
                )
            elif not locations.inside(place, regime):
                yield Finding(
                    f"{name} (regime {regime.name}) sends data ({place.source}) to {place.describe()}, outside the "
                    f"regime ({regime.summary()}); send it to a resource in an allowed region",
                    urn=resource.urn,
                )
        return
    if reader == "url" and (not direct or any(locations.external(d) for d in direct)):
        # A URL that names no region is placed by the stack resource that serves its host, if any.
        served = stack.find_url(reference, resource)
        if served is not None:
            yield from _placed(resource, name, regime, path, served, stack)
            return
    if any(locations.external(d) for d in direct) or (reader == "url" and not direct):
        cloud_host = locations.cloud_service_host(reference)
        what = "a cloud service host this stack does not hold" if cloud_host else "an address outside the cloud"
        yield Finding(
            f"{name} (regime {regime.name}) sends data ({path}) to {reference!r}, {what} that names no region, so "
            "where it keeps the data cannot be checked; send it to a resource in an allowed region, or exempt it with "
            "a reason",
            urn=resource.urn,
        )
        return
    if direct:
        target = stack.exact(reference, resource)
    else:
        target = None if reader in ADDRESS_READERS else stack.find(reference, resource)
    if target is not None:
        yield from _placed(resource, name, regime, path, target, stack)
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


def _organization(
    resource: Resource, name: str, regime: Regime, path: str, value: Any, stack: Stack
) -> Iterator[Finding]:
    """Data shared with every account of an AWS organization or organizational unit, by ARN
    (arn:aws:organizations::<account>:organization/o-x, .../ou/o-x/ou-y): only the stack's own organization (one it
    creates or reads) keeps it among the stack's accounts. While the ARN is unknown, an organization resource of the
    stack it comes from is the stack's own."""
    if unknown_value(value):
        if any(o.type.startswith(ORGANIZATION_TYPES) for o in stack.dependencies(resource, path)):
            return
        str(value)  # raises Deferred
    if organization_of(str(value)) in stack.aws_organizations:
        return
    yield Finding(
        f"{name} (regime {regime.name}) shares its data ({path}) with every account of {value!r}, an AWS organization "
        "this stack does not create or read, whose accounts may copy it to any Region; share it only with the "
        "stack's own organization or accounts, or exempt it with a reason",
        urn=resource.urn,
    )


LOG_SINK = "gcp:logging/projectSink:ProjectSink"
# Values that turn a resource's logging into Cloud Logging off.
LOGS_OFF = frozenset({"", "false", "none", "log_none", "call_log_level_unspecified"})


def _project_logs(
    resource: Resource, name: str, regime: Regime, path: str, value: Any, stack: Stack
) -> Iterator[Finding]:
    """A resource that writes its data into its project's Cloud Logging: where the project's sinks route it. The
    _Default sink writes to the _Default bucket, created in the global location
    (https://cloud.google.com/logging/docs/regionalized-logs#default-storage-location), unless the stack takes the
    sink over and routes it; every other sink of the project whose filter may take the logs sends them on too."""
    if str(value if value is not None else "").lower() in LOGS_OFF:
        return
    str(value)  # an unknown level defers
    project = resource.props.get("project") or resource.provider_props.get("project")
    sinks = [
        s
        for s in stack.resources
        if s.type == LOG_SINK and (s.props.get("project") or s.provider_props.get("project")) == project
    ]
    if not any(s.props.get("name") == "_Default" for s in sinks):
        yield Finding(
            f"{name} (regime {regime.name}) writes its data ({path}={value}) to the Cloud Logging of project "
            f"{project}, whose _Default sink is not managed in this stack and writes to the _Default log bucket, which "
            "is global; take over the project's _Default sink (a ProjectSink named _Default) and route it to a log "
            "bucket inside the regime, or turn the logging off",
            urn=resource.urn,
        )
    service = resource.type.split(":")[1].split("/")[0]
    for sink in sinks:
        text = str(sink.props.get("filter") or "")
        if sink.props.get("disabled") is True or ("resource.type" in text and service not in text):
            continue
        destination = str(reference_text(sink.props.get("destination")) or "")
        reference = destination.split(".googleapis.com/", 1)[-1]
        reader = "gcp-ref" if "/locations/" in reference else "ref"
        via = f"{path}, routed by log sink {sink.name!r}"
        yield from _target(resource, name, regime, via, reader, reference, stack)


API_CONFIG = "gcp:apigateway/apiConfig:ApiConfig"


def _api_backends(
    resource: Resource, name: str, regime: Regime, path: str, value: Any, stack: Stack, lineage: Lineage
) -> Iterator[Finding]:
    """An API Gateway gateway sends each request to the backends of the API config it serves: the config is looked up
    in the stack (by the engine's dependency while its ID is unknown), and each x-google-backend address placed by
    its host. A config the stack does not hold cannot be checked."""
    if unknown_value(value):
        configs = [c for c in stack.dependencies(resource, path) if c.type == API_CONFIG]
        if not configs:
            str(value)  # raises Deferred: the decision waits for the config's ID
    else:
        found = stack.find(str(reference_text(value) or ""), resource, API_CONFIG)
        if found is None:
            yield Finding(
                f"{name} (regime {regime.name}) sends requests ({path}) to the backends of API config {value!r}, "
                "which is not in this stack, so where they go cannot be checked; manage the API config in this stack "
                "or exempt it with a reason",
                urn=resource.urn,
            )
            return
        configs = [found]
    for config in configs:
        via = f"{path} ({config.type} {config.name!r}, x-google-backend)"
        for contents in values_at(config.props, "openapiDocuments[].document.contents"):
            if unknown_value(contents):
                placed = lineage.dependencies(config, "openapiDocuments")
                if not placed:
                    str(contents)  # raises Deferred
                for target in placed:
                    yield from _placed(resource, name, regime, via, target, stack)
                continue
            for address in openapi_backends(str(contents)):
                yield from _target(resource, name, regime, via, "url", address, stack)


# Child resources that are data themselves, kept in their container: a Cloud Storage object in its bucket, a blob in
# its storage account, a Key Vault secret in its vault. Their own regime (their tags, or the stack's) holds their
# container to it, whatever the container declares.
DATA_ITEMS = frozenset(
    {"gcp:storage/bucketObject:BucketObject", "azure-native:storage:Blob", "azure-native:keyvault:Secret"}
)


def _item(resource: Resource, name: str, entry: TypeEntry, stack: Stack, ctx: Context) -> Iterator[Finding]:
    found = effective_regime(resource, ctx, entry.labels)
    if found is None or not found.regulated:
        return
    regime = ctx.regimes.get(found.name)
    if regime is None or regime.countries is None:
        return
    homes = homes_of(resource, stack)
    if isinstance(homes, str):
        yield Finding(
            f"{name} (regime {regime.name}, from its {found.source}) is kept in its container, but {homes}, so where "
            "it keeps the data cannot be checked; put it in a container this stack manages inside the regime",
            urn=resource.urn,
        )
    elif bad := outside_regime(homes, regime):
        yield Finding(
            f"{name} (regime {regime.name}, from its {found.source}) is kept where its container is: {where(bad)}, "
            f"outside the regime ({regime.summary()}); put it in a container inside the regime",
            urn=resource.urn,
        )


ACCOUNT_READERS = ("account", "account-arn", "principal")
# A target named without its Region (an S3 bucket ARN) whose Region the resource gives beside it: a file share's
# bucketRegion (https://docs.aws.amazon.com/storagegateway/latest/APIReference/API_CreateNFSFileShare.html).
REGION_BESIDE = {"locationArn": "bucketRegion"}
URL_READERS = {"jdbc-url": "url", "name-value": "url", "connection": "url", "path-head": "ref", "kafka-sink": "ref"}


def _account(
    resource: Resource, name: str, regime: Regime, path: str, value: Any, stack: Stack, reader: str
) -> Iterator[Finding]:
    """Data shared with an AWS account (named, or the account of the ARN it is shared through): only the stack's
    own accounts keep it where the stack says; another account (or every account) may copy it to any Region."""
    accounts = stack.aws_accounts
    text = str(value).strip()  # an unknown account defers
    if reader == "account-arn":
        text = arn_account(text) or text
    if reader == "principal":
        # A Lambda permission's principal: an AWS service acts for the account; "*" bounded by an organization or
        # a source account is those callers only; otherwise an account ID or ARN, or everyone.
        # An organization bounds it only when it is the stack's own (fleetguard/grants.py).
        org = resource.props.get("principalOrgId")
        bounded = bool(resource.props.get("sourceAccount")) or (bool(org) and org in stack.aws_organizations)
        if text.endswith(".amazonaws.com") or (text == "*" and bounded):
            return
        if text == "*" and org and isinstance(org, str):
            yield Finding(
                f"{name} (regime {regime.name}) shares its data ({path}) with every account of AWS organization "
                f"{org}, which no resource of this stack names, and whose accounts may copy it to any Region; bound "
                "it by the stack's own organization or accounts, or exempt it with a reason",
                urn=resource.urn,
            )
            return
        text = "all" if text == "*" else (arn_account(text) or text)
    if text.lower() == "all":
        yield Finding(
            f"{name} (regime {regime.name}) shares its data ({path}) with every AWS account (public), which may copy "
            "it to any Region; share it only with the stack's own accounts",
            urn=resource.urn,
        )
    elif text not in accounts:
        yield Finding(
            f"{name} (regime {regime.name}) shares its data ({path}) with AWS account {text}, which no resource or "
            "provider of this stack is in, and which may copy it to any Region; share it only with the stack's own "
            "accounts, or exempt it with a reason",
            urn=resource.urn,
        )


def _project(resource: Resource, name: str, regime: Regime, path: str, value: Any, stack: Stack) -> Iterator[Finding]:
    """Data shared with or copied into a GCP project (a Backup for GKE channel's destinationProject, by ID or number):
    only the stack's own projects keep it where the stack says; another project's principals may restore or copy it
    anywhere."""
    if unknown_value(value) or not isinstance(value, str) or not value.strip():
        return  # unknown at preview: decided at the update
    named = value.strip().removeprefix("projects/")
    project = project_numbers(stack.resources).get(named, named)
    if project not in stack.gcp_projects:
        yield Finding(
            f"{name} (regime {regime.name}) shares its data ({path}) with GCP project {named}, which no resource or "
            "provider of this stack is in, and whose principals may restore or copy it anywhere; name one of the "
            "stack's own projects, or exempt it with a reason",
            urn=resource.urn,
        )


def _grants(resource: Resource, name: str, entry: TypeEntry, stack: Stack, lineage: Lineage) -> Iterator[Finding]:
    """A resource-based policy that lets an account outside the stack, or everyone, read regulated data: the
    data of the resource it is on, or of the resources it names (a snapshot's resource policy, a bucket policy)."""
    judged = {p.path for p in entry.role("target") if p.reader in ACCOUNT_READERS}
    found = [
        *grants.of(resource, stack.aws_accounts, stack.aws_organizations),
        *grants.named(resource, stack.aws_accounts, judged),
    ]
    if not found:
        return
    subjects = {resource.urn: resource}
    subjects.update((n.resource.urn, n.resource) for n in lineage.unclassified(resource) if n.resource)
    for value in resource.props.values():
        # What the policy is attached to, however the survey classifies the input (a bucket policy's bucket).
        try:
            target = stack.find(value, resource) if isinstance(value, str) and value else None
        except Deferred:
            target = None
        if target is not None and target.urn != resource.urn:
            subjects[target.urn] = target
    for top in resource.depends:
        subjects.update((d.urn, d) for d in lineage.dependencies(resource, top))
    for grant in found:
        for arn in grant.resources:
            if (target := stack.exact(bucket_arn(arn), resource)) is not None:
                subjects[target.urn] = target
    reported: set[tuple[str, str]] = set()
    for subject in subjects.values():
        of = "its data" if subject is resource else f"the data of {subject.type} {subject.name!r}"
        for held in lineage.regimes(subject):
            for grant in found:
                if (grant.who, held.regime.name) in reported:
                    continue
                reported.add((grant.who, held.regime.name))
                yield Finding(
                    f"{name} ({grant.path}) lets {grant.who} read {of} ({held.described()}), and an "
                    "account outside the stack may copy it to any Region; allow only the stack's own accounts (or "
                    "bound the statement with the stack's own aws:PrincipalOrgID, or aws:SourceVpce), or exempt it "
                    "with a reason",
                    urn=resource.urn,
                )


def _placed(
    resource: Resource, name: str, regime: Regime, path: str, target: Resource, stack: Stack
) -> Iterator[Finding]:
    """A destination this stack holds: where it keeps the data."""
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
    # Where it passes the data on is judged at the target itself, which carries the regime it receives
    # (lineage: a receiver).


CLASSIFY = (
    "if it carries no data, classify the property as none in policies/fleetguard/survey/classification.py (or "
    "exempt the resource with a reason)"
)


def _unclassified(
    resource: Resource, name: str, names: list[Named], carried: list[Carried], stack: Stack, lineage: Lineage
) -> Iterator[Finding]:
    """What a resource names through a property the survey does not classify (``fleetguard/unclassified.py``):
    failing closed, an edge between a regulated resource and a place outside its regime is refused, whichever
    way the data may flow, with the way to classify the property."""
    homes: list[locations.Location] | str | None = None
    reported: set[tuple[str, str]] = set()
    parent = arm_parent_of(resource, stack) if resource.package == AZURE else None
    for item in names:
        if parent is not None and item.resource is parent:
            continue  # a part names the parent that holds it: a PART edge, judged as where the part is
        if item.resource is not None:
            other = f"{item.resource.type} {item.resource.name!r}"
            for held in lineage.regimes(item.resource):
                if held.edge == REFERENCE:
                    continue
                homes = homes_of(resource, stack) if homes is None else homes
                bad = [] if isinstance(homes, str) else outside_regime(homes, held.regime)
                if bad and (item.path, held.regime.name) not in reported:
                    reported.add((item.path, held.regime.name))
                    yield Finding(
                        f"{name} names {other} ({held.described()}) through {item.path}, a property the residency "
                        f"survey does not classify, and is in {where(bad)}, outside the regime "
                        f"({held.regime.summary()}); if {item.path} carries that data, move {name} inside the regime; "
                        f"{CLASSIFY}",
                        urn=resource.urn,
                    )
        if item.origin:
            continue  # where the data comes from, not where it goes
        for held in carried:
            if item.resource is not None:
                if held.edge == REFERENCE and held.origin == f"{item.resource.type} {item.resource.name!r}":
                    continue
                places = homes_of(item.resource, stack)
                what = f"{item.resource.type} {item.resource.name!r}"
            else:
                places = [item.place] if item.place is not None else []
                what = repr(item.value)
            bad = [] if isinstance(places, str) else outside_regime(places, held.regime)
            if bad and (item.path, held.regime.name) not in reported:
                reported.add((item.path, held.regime.name))
                yield Finding(
                    f"{name} ({held.described()}) names {what} through {item.path}, a property the residency survey "
                    f"does not classify, in {where(bad)}, outside the regime ({held.regime.summary()}); if it sends "
                    f"data there, name a place inside the regime; {CLASSIFY}",
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
    unresolved: dict[str, list[tuple[str, str]]] = defaultdict(list)
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
                values = [reference_text(v) for v in resource_values(resource, prop.path)]
            except Deferred:
                continue  # an unknown group reference: the member's own region is still checked by FLEET-RES-001
            for value in values:
                if not value:
                    continue
                members[resource.urn] = resource
                join(resource.urn, f"ref:{value}")
                join(resource.urn, f"ref:{last_segment(value)}")
                # The resource a value names is a member too, though it names no group itself: the primary of
                # an ElastiCache global datastore or Aurora global database joins only through the group
                # resource, and a Multi-Region Access Point's buckets only through it.
                if value in names_of(resource):
                    continue
                try:
                    named = stack.find(value, resource)
                except Deferred:
                    continue  # an unknown name might be it: the member's own region is still checked
                if named is None:
                    unresolved[resource.urn].append((prop.path, value))
                else:
                    members[named.urn] = named
                    join(resource.urn, named.urn)
    groups: dict[str, list[Resource]] = defaultdict(list)
    for urn, resource in members.items():
        groups[root(urn)].append(resource)
    for group in groups.values():
        # A member whose regime waits for an unknown value still has its own region checked (FLEET-RES-001).
        regimes = [(r, item.regime) for r in group for item in (known(r, lineage.regimes)[0] or [])]
        if regimes:
            owner, regime = regimes[0]
            for member in group:
                for path, value in unresolved.get(member.urn, []):
                    yield Finding(
                        f"{member.type} {member.name!r} replicates ({path}) with {value!r}, which is not in this "
                        f"stack, in a group holding {owner.type} {owner.name!r} (regime {regime.name}), so where "
                        "those copies are kept cannot be checked; manage every member in this stack or exempt it "
                        "with a reason",
                        urn=member.urn,
                    )
        if len(group) < 2:
            continue

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
