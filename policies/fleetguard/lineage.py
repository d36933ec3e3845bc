"""Which regimes a resource's data carries, following the data: lineage.

A copy carries no tags of its own more often than not (an EBS snapshot copy, an AMI copied to
another Region, a table export), and the tags it does carry are the copy's author's word, not the
data's. So a resource's regimes are its own (tag, nested label, provider default tags, else the
stack's configured regime) plus, along every edge the residency survey classifies as carrying
data, the regimes of where its data came from:

- ``source``: this resource is a copy of the one it names (a snapshot of a volume, a copy of a
  snapshot, a read replica): it carries every regime of its source, whatever its own tags say;
- ``subject``: this resource configures the one it names and has no data of its own (an S3
  replication configuration, a table export, a topic subscription): it carries its subject's;
- ``part``: a nested resource (an event hub of a namespace, an event subscription of a topic) holds
  its parent's data: it carries its parent's regimes
  (https://learn.microsoft.com/azure/azure-resource-manager/templates/child-resource-name-type);
- ``reference``: a property the survey does not classify names a regulated resource; failing
  closed, the resource carries that regime one hop (``fleetguard/unclassified.py``);
- ``receiver``: a resource of the stack that another one sends data to (the destination bucket of a
  replication rule, the topic a bucket notifies, the stream a log subscription feeds) holds that
  data: it carries the sender's regimes, so where it sends the data onwards is judged too (S3
  replication chains: https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-what-is-isnot-replicated.html).

Edges are followed transitively (a copy of a snapshot of a tagged volume carries the volume's
regime). The named resource is found by the reference's value (ARN, ID, name, self link), or,
while that value is unknown at preview, by the engine's property dependencies, which name the
resource the value will come from; only when neither says does the decision wait (``Deferred``).
Edges the survey classifies as carrying no data (an IAM policy naming an ARN) are never followed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from functools import cached_property
from typing import Any

from fleet.core.residency import Regime
from fleetguard import survey, unclassified
from fleetguard.model import (
    BRIDGED_PACKAGES,
    CLUSTER_TYPES,
    FLEET_CLUSTERS,
    NO_REGIME,
    Context,
    Deferred,
    Malformed,
    RegimeSource,
    Resource,
    Tenancy,
    Unknown,
    as_map,
    effective_regime,
    held_regimes,
    is_map,
    labels_of,
    resource_values,
    values_at,
)
from fleetguard.references import STORAGE_OF, Stack, arm_parent_of, last_segment, names_of, pointed, reference_for
from fleetguard.survey import TypeEntry

EDGES = ("source", "subject")
RECEIVER = "receiver"
PART = "part"
AZURE = "azure-native"  # whose nested resources name their parents by name (arm_parent_of)
REFERENCE = "reference"  # a property the survey does not classify names the resource: one hop, never onwards
# Target rows of a resource with this property value name where it reads from, not where it sends data:
# a DMS source endpoint (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Endpoints.html).
READS_FROM = ("endpointType", "source")
# A replica that names its peer where the value of a role property says it is the copy: the peer is
# its source. A Filestore STANDBY instance replicates from the ACTIVE one it names
# (https://cloud.google.com/filestore/docs/replication); an Azure NetApp Files volume with endpointType
# dst is the destination of the volume it names
# (https://learn.microsoft.com/azure/azure-netapp-files/cross-region-replication-create-peering).
REPLICA_OF = {
    "gcp:filestore/instance:Instance": (
        "initialReplication.role",
        "STANDBY",
        "initialReplication.replicas[].peerInstance",
    ),
    "azure-native:netapp:CapacityPoolVolume": (
        "dataProtection.replication.endpointType",
        "dst",
        "dataProtection.replication.remoteVolumeResourceId",
    ),
}


@dataclass(frozen=True)
class Carried:
    """One regime a resource's data carries, and how it came to carry it."""

    found: RegimeSource
    regime: Regime
    edge: str | None = None  # "source" or "subject" when inherited through that edge; None when declared
    via: str = ""  # the property the edge runs through
    origin: str = ""  # the resource at the other end of the edge ("type 'name'")
    root: str = ""  # the resource that declares the regime, at the end of the chain

    def described(self) -> str:
        """``regime gdpr``, and where it is declared when that is further up the chain."""
        return f"regime {self.regime.name}" + ("" if self.root == self.origin else f", declared by {self.root}")

    @property
    def inherited(self) -> bool:
        return self.edge is not None


@dataclass
class Lineage:
    stack: Stack
    ctx: Context
    _memo: dict[str, list[Carried]] = field(default_factory=dict)
    _named: dict[str, list[unclassified.Named]] = field(default_factory=dict)

    @cached_property
    def tenancy(self) -> Tenancy:
        return Tenancy.index(self.stack.resources)

    def regimes(self, resource: Resource, visiting: frozenset[str] = frozenset()) -> list[Carried]:
        """Every regulated regime with countries the resource's data carries (unknown regimes and
        regimes without a country list are FLEET-RES-001's)."""
        if resource.urn in self._memo:
            return self._memo[resource.urn]
        entry = survey.entry(resource.type)
        carried: dict[str, Carried] = {}
        inherited = list(self._inherited(resource, visiting | {resource.urn}))
        found = effective_regime(resource, self.ctx, entry.labels if entry else ())
        # The stack's configured regime is a default for resources that say nothing; a copy says
        # where it came from.
        if found is not None and not (inherited and found.source.startswith("stack config")):
            regime = self.ctx.regimes.get(found.name)
            if found.regulated and regime is not None and regime.countries is not None:
                carried[regime.name] = Carried(found, regime, None)
        for item in inherited:
            carried.setdefault(item.regime.name, item)
        result = list(carried.values())
        if not visiting:
            self._memo[resource.urn] = result
        return result

    def _inherited(self, resource: Resource, visiting: frozenset[str]) -> Iterator[Carried]:
        if resource.type in CLUSTER_TYPES or resource.type in FLEET_CLUSTERS:
            # A cluster holds its tenants' data: it carries the regime of every tenant namespace on it
            # (as FLEET-TEL-001 and FLEET-GRD-001 hold it), so do its backups and snapshots.
            for name, where in held_regimes(resource, self.tenancy):
                regime = self.ctx.regimes.get(name)
                if regime is not None and regime.countries is not None and name != NO_REGIME:
                    yield Carried(RegimeSource(name, where), regime, None)
        entry = survey.entry(resource.type)
        if entry is None:
            return
        edges = [(p.role, p.path, o) for p in entry.role(*EDGES) for o in self.named(resource, p.path, p.reader)]
        if resource.type in STORAGE_OF:
            # A pointer to storage (a DataSync location, a Data Factory dataset) carries the regimes of the storage
            # it names.
            path, found = pointed(resource, self.stack)
            edges += [("subject", path, o) for o in found]
        if (peer := replica_source(resource)) is not None:
            edges += [("source", peer, o) for o in self.named(resource, peer)]
        edges += [("subject", how, o) for how, o in selected(resource, self.stack)]
        edges += [("subject", key, o) for key, o in _granted_on(resource, self.stack, self.dependencies)]
        edges += [("subject", how, o) for how, o in _released_for(resource, self.stack)]
        edges += [("source", how, o) for how, o in _confluent_source(resource, self.stack)]
        edges += [("source", how, o) for how, o in _exported_from(resource, self.stack)]
        edges += [(RECEIVER, via, sender) for via, sender in self._senders.get(resource.urn, ())]
        if (entry.kind == "child" or resource.package == AZURE) and not _names_subject(resource, entry):
            # A nested resource holds its parent's data (an event hub in a namespace, an event subscription
            # of a topic, a SignalR replica with a location of its own): it carries the parent's regimes. One
            # that names its subject carries the subject's.
            parent = arm_parent_of(resource, self.stack) or self._unknown_parent(resource)
            if parent is not None and parent.urn != resource.urn:
                edges.append((PART, "its parent", parent))
        edges += [(REFERENCE, n.path, n.resource) for n in self.unclassified(resource) if n.resource]
        for role, via, origin in edges:
            if origin.urn in visiting:
                continue
            described = f"{origin.type} {origin.name!r}"
            for item in self.regimes(origin, visiting):
                if item.edge == REFERENCE:
                    continue  # what an unclassified edge carries is judged where it lands, not passed on
                yield Carried(
                    RegimeSource(item.regime.name, f"{via} of {described}"),
                    item.regime,
                    role,
                    via,
                    described,
                    item.root if item.inherited else described,
                )

    def _unknown_parent(self, resource: Resource) -> Resource | None:
        """The parent an Azure part names by a name or scope unknown at preview (a container of a new storage
        account, an event subscription on it), by the engine's property dependency."""
        unknown = [k for k, v in resource.props.items() if isinstance(v, Unknown)]
        for key in sorted(k for k in unknown if k.endswith("Name") or k == "scope"):
            found = [d for d in self.dependencies(resource, key) if d.package == resource.package]
            if len(found) == 1:
                return found[0]
        return None

    def unclassified(self, resource: Resource) -> list[unclassified.Named]:
        """What the resource names through properties the survey does not classify (read once per resource); an
        input unknown at preview names what the engine says it comes from (a new storage account's ID)."""
        if resource.urn not in self._named:
            found = unclassified.named(resource, self.stack)
            for key in unclassified.unknown_inputs(resource):
                found += [unclassified.Named(key, "(unknown at preview)", resource=d)
                          for d in self.dependencies(resource, key) if d.urn != resource.urn]  # fmt: skip
            self._named[resource.urn] = found
        return self._named[resource.urn]

    @cached_property
    def _senders(self) -> dict[str, list[tuple[str, Resource]]]:
        """For each resource of the stack, the resources that send it data along a surveyed target edge."""
        senders: dict[str, list[tuple[str, Resource]]] = {}
        for sender in self.stack.resources:
            entry = survey.entry(sender.type)
            if entry is None or sender.props.get(READS_FROM[0]) == READS_FROM[1]:
                continue
            peer = replica_source(sender)
            for row in (r for r in entry.role("target") if r.path != peer):
                try:
                    receivers = list(self.named(sender, row.path, row.reader, target=True))
                    if row.reader == "url" and not receivers:
                        # A URL is served by the stack resource whose own URL has its host (a Cloud Run service).
                        receivers = [
                            served
                            for value in values_at(sender.props, row.path)
                            if isinstance(value, str) and (served := self.stack.find_url(value, sender)) is not None
                        ]
                except (Deferred, Malformed):
                    continue  # the sender's own check defers or reports it
                for receiver in receivers:
                    if receiver.urn != sender.urn:
                        senders.setdefault(receiver.urn, []).append((row.path, sender))
        return senders

    def dependencies(self, resource: Resource, path: str) -> list[Resource]:
        """The stack's resources that hold data and that the top-level input of ``path`` came from (the engine's
        property dependencies, known at preview when the value itself is not)."""
        return [d for d in self.stack.dependencies(resource, _top(path)) if _holds_data(d)]

    def named(self, resource: Resource, path: str, reader: str = "ref", target: bool = False) -> Iterator[Resource]:
        """The stack's resources that a reference property names; by property dependency while the
        value is unknown. For a target row, only those it writes to (``written_values``)."""
        for value in written_values(resource, path) if target else resource_values(resource, path):
            if unknown_value(value):
                placed = self.dependencies(resource, path)
                if placed:
                    yield from placed
                    continue
            reference = reference_for(value, reader)  # Deferred while unknown and no dependency says
            found = self.stack.find(reference, resource) if reference else None
            if found is None and reader == "url" and reference:
                found = self.stack.find_url(reference, resource)  # a blob URL names its storage account
            if found is not None:
                yield found


# A target whose object says it is mounted read-only receives nothing: a Cloud Run volume of a Cloud Storage
# bucket or an NFS share with readOnly true (https://cloud.google.com/run/docs/configuring/jobs/cloud-storage-volume-mounts,
# https://cloud.google.com/run/docs/reference/rest/v2/Volume#gcsvolumesource).
READ_ONLY = "readOnly"
# Or whose access mode says so: a Container Apps environment's Azure Files storage with accessMode ReadOnly
# (https://learn.microsoft.com/azure/container-apps/storage-mounts).
ACCESS_MODE = "accessMode"


def written_values(resource: Resource, path: str) -> list[Any]:
    """The values at a target path, without those whose enclosing object is marked read-only."""
    bridged = resource.package in BRIDGED_PACKAGES
    parent, _, leaf = path.rpartition(".")
    if not parent:
        return values_at(resource.props, path, bridged)
    found: list[Any] = []
    for item in values_at(resource.props, parent, bridged):
        if isinstance(item, Unknown):
            found.append(item)
        elif not (is_map(item) and (str(item.get(READ_ONLY)).lower() == "true" or item.get(ACCESS_MODE) == "ReadOnly")):
            found += values_at(item, leaf, bridged)
    return found


def replica_source(resource: Resource) -> str | None:
    """The target path that names this resource's source, when its role property says it is a replica."""
    flip = REPLICA_OF.get(resource.type)
    if flip is None:
        return None
    role = next(iter(resource_values(resource, flip[0])), None)
    return flip[2] if str(role or "").lower() == flip[1].lower() else None


def _top(path: str) -> str:
    return path.split(".", 1)[0].removesuffix("[]")


def unknown_value(value: object) -> bool:
    if isinstance(value, Unknown):
        return True
    return isinstance(value, dict) and any(isinstance(v, Unknown) for v in value.values())


# A GCP IAM member, binding or policy grants its members access to the resource its other inputs name (a bucket,
# a snapshot by its name, a managed folder's bucket): https://cloud.google.com/iam/docs/resource-hierarchy-access-control.
GCP_IAM = re.compile(r"^gcp:[^:]+:\w+Iam(Member|Binding|Policy)$")
NOT_GRANTED_ON = frozenset({"role", "member", "members", "condition", "policyData", "project", "etag"})


def _granted_on(
    resource: Resource, stack: Stack, dependencies: Callable[[Resource, str], list[Resource]]
) -> Iterator[tuple[str, Resource]]:
    if not GCP_IAM.match(resource.type):
        return
    for key, value in resource.props.items():
        if key in NOT_GRANTED_ON:
            continue
        if isinstance(value, Unknown):
            # Unknown at preview (a secret created in the same update): the engine says which resource it names.
            yield from ((key, d) for d in dependencies(resource, key))
            continue
        if not isinstance(value, str) or not value:
            continue
        try:
            found = stack.find(value, resource)
        except Deferred:
            continue  # a resource whose name is unknown yet may be it: the grant is judged by what is known
        if found is not None and found.urn != resource.urn:
            yield key, found


RULESET, RELEASE = "gcp:firebaserules/ruleset:Ruleset", "gcp:firebaserules/release:Release"


def _released_for(resource: Resource, stack: Stack) -> Iterator[tuple[str, Resource]]:
    """What a Firebase Security Rules ruleset governs: the Cloud Storage bucket (firebase.storage/<bucket>) or the
    Firestore database (cloud.firestore, cloud.firestore/<database>) of each release that names it
    (https://firebase.google.com/docs/reference/rules/rest/v1/projects.releases): it sets who may read their data."""
    if resource.type != RULESET:
        return
    own = names_of(resource)
    for release in (r for r in stack.resources if r.type == RELEASE):
        named = release.props.get("rulesetName")
        if not (isinstance(named, str) and (named in own or resource.urn in release.depends.get("rulesetName", ()))):
            continue
        service, _, target = str(release.props.get("name") or "").partition("/")
        if service == "firebase.storage" and target:
            found = stack.find(target, release)
        elif service == "cloud.firestore":
            database = target or "(default)"
            found = next((r for r in stack.resources if r.type == FIRESTORE and r.props.get("name") == database), None)
        else:
            found = None
        if found is not None:
            yield f"release {release.name!r}", found


FIRESTORE = "gcp:firestore/database:Database"
CONFLUENT_CONNECTOR = "azure-native:confluent:Connector"
IMPORT_EXPORT_JOB = "azure-native:importexport:Job"


def _exported_from(resource: Resource, stack: Stack) -> Iterator[tuple[str, Resource]]:
    """An Import/Export export job copies blobs of the storage account it names onto drives shipped to its return
    address (https://learn.microsoft.com/azure/import-export/storage-import-export-data-from-blobs): it carries a copy
    of the account's data (an import job writes into the account instead, a target row)."""
    if resource.type != IMPORT_EXPORT_JOB:
        return
    details = as_map(resource.props.get("properties"))
    account = details.get("storageAccountId")
    if str(details.get("jobType") or "").lower() == "export" and isinstance(account, str) and account:
        found = stack.find(account, resource)
        if found is not None:
            yield "properties.storageAccountId", found


def _confluent_source(resource: Resource, stack: Stack) -> Iterator[tuple[str, Resource]]:
    """A Confluent Cloud source connector reads the Azure store it names into the Confluent Cloud cluster's topics
    (https://learn.microsoft.com/azure/partner-solutions/apache-kafka-confluent-cloud/add-connectors): it carries a
    copy of the store's data; a sink connector writes into the store instead (a target row)."""
    if resource.type != CONFLUENT_CONNECTOR:
        return
    if str(as_map(resource.props.get("connectorBasicInfo")).get("connectorType") or "").upper() != "SOURCE":
        return
    account = as_map(resource.props.get("connectorServiceTypeInfo")).get("storageAccountName")
    if isinstance(account, str) and account and (found := stack.find(account, resource)) is not None:
        yield "connectorServiceTypeInfo.storageAccountName", found


def _names_subject(resource: Resource, entry: TypeEntry) -> bool:
    """Whether the resource names its subject (a pipeline its input datasets): one that names none carries its
    parent's regimes."""
    try:
        return any(resource_values(resource, p.path) for p in entry.role("subject"))
    except (Malformed, Deferred):
        return True  # a wrong shape is FLEET-PRV-002's; an unknown subject is one it names


def _holds_data(resource: Resource) -> bool:
    """A dependency that can be a reference's target: not identity, policy or configuration."""
    entry = survey.entry(resource.type)
    return entry is not None and entry.kind == "regional"


# ----------------------------------------------------------------------------- selected resources
# Some resources copy data they select rather than name: a backup plan copies what its selections
# pick, a lifecycle policy the volumes carrying its target tags, a registry replication rule every
# repository its filters match. They carry the regimes of everything they select.

BACKUP_PLAN, BACKUP_SELECTION = "aws:backup/plan:Plan", "aws:backup/selection:Selection"
DLM_POLICY = "aws:dlm/lifecyclePolicy:LifecyclePolicy"
DLM_TARGETS = ("aws:ebs/volume:Volume", "aws:ec2/instance:Instance")
ECR_REPLICATION, ECR_REPOSITORY = (
    "aws:ecr/replicationConfiguration:ReplicationConfiguration",
    "aws:ecr/repository:Repository",
)
GCP_RESOURCE_POLICY = "gcp:compute/resourcePolicy:ResourcePolicy"
GCP_ATTACHMENTS = frozenset(
    {
        "gcp:compute/diskResourcePolicyAttachment:DiskResourcePolicyAttachment",
        "gcp:compute/regionDiskResourcePolicyAttachment:RegionDiskResourcePolicyAttachment",
    }
)
GCP_DISKS = ("gcp:compute/disk:Disk", "gcp:compute/regionDisk:RegionDisk")


def selected(resource: Resource, stack: Stack) -> Iterator[tuple[str, Resource]]:
    """The resources of the stack whose data ``resource`` copies by selecting them, and how."""
    if resource.type == BACKUP_PLAN:
        yield from _backup_selections(resource, stack)
    elif resource.type == DLM_POLICY:
        yield from _dlm_targets(resource, stack)
    elif resource.type == ECR_REPLICATION:
        yield from _ecr_repositories(resource, stack)
    elif resource.type == GCP_RESOURCE_POLICY:
        yield from _policy_disks(resource, stack)
    elif resource.type == AFD_ROUTE:
        yield from _route_origins(resource, stack)


# A Front Door route serves the origins of its origin group: the AFDOrigins of that group (same profile), each an
# Azure resource (azureOrigin.id) or a host name (https://learn.microsoft.com/azure/frontdoor/origin).
AFD_ROUTE, AFD_ORIGIN = "azure-native:cdn:Route", "azure-native:cdn:AFDOrigin"


def _route_origins(route: Resource, stack: Stack) -> Iterator[tuple[str, Resource]]:
    group = route.props.get("originGroup")
    reference = group.get("id") if isinstance(group, Mapping) else None
    if not isinstance(reference, str):
        return
    name, profile = last_segment(reference), route.props.get("profileName")
    for origin in stack.resources:
        # A name unknown at preview matches nothing yet (an unknown value cannot be compared).
        own = (origin.props.get("originGroupName"), origin.props.get("profileName"))
        if origin.type != AFD_ORIGIN or not all(isinstance(v, str) for v in own) or own != (name, profile):
            continue
        azure = origin.props.get("azureOrigin")
        target = azure.get("id") if isinstance(azure, Mapping) else None
        found = stack.find(target, origin) if isinstance(target, str) else None
        host = origin.props.get("hostName")
        if found is None and isinstance(host, str):
            found = stack.find_url(host, origin)
        if found is not None:
            yield f"originGroup {name!r}'s origin {origin.name!r}", found


def _refers(resource: Resource, prop: str, target: Resource) -> bool:
    """Whether ``resource``'s ``prop`` names ``target``: by the engine's dependency, or by value."""
    if target.urn in resource.depends.get(prop, ()):
        return True
    value = resource.props.get(prop)
    if not isinstance(value, str) or not value:
        return False
    keys = names_of(target)
    return value in keys or last_segment(value) in {last_segment(k) for k in keys}


def _backup_selections(plan: Resource, stack: Stack) -> Iterator[tuple[str, Resource]]:
    """AWS Backup assigns resources to a plan by ARN (wildcards allowed) or by tag, narrows them by
    every condition on their tags, and leaves out ``notResources``
    (https://docs.aws.amazon.com/aws-backup/latest/devguide/assigning-resources.html)."""
    for selection in stack.resources:
        if selection.type != BACKUP_SELECTION or not _refers(selection, "planId", plan):
            continue
        how = f"backup selection {selection.name!r}"
        patterns = [str(v) for v in values_at(selection.props, "resources[]") if not isinstance(v, Unknown)]
        excluded = [str(v) for v in values_at(selection.props, "notResources[]") if not isinstance(v, Unknown)]
        by_dependency = set(selection.depends.get("resources", ()))
        tags = [
            (str(t.get("key")), str(t.get("value")))
            for t in values_at(selection.props, "selectionTags[]")
            if is_map(t) and str(t.get("type", "STRINGEQUALS")).upper() == "STRINGEQUALS"
        ]
        conditions = values_at(selection.props, "conditions[]")
        everything = not patterns and not tags and not by_dependency and bool(conditions)
        for candidate in stack.resources:
            if candidate.urn == selection.urn or candidate.urn == plan.urn:
                continue
            arns = [n for n in names_of(candidate) if n.startswith("arn:")]
            chosen = (
                everything
                or candidate.urn in by_dependency
                or any(fnmatchcase(n, p) for p in patterns for n in arns)
                or any(str(labels_of(candidate).get(k)) == v for k, v in tags)
            )
            if (
                chosen
                and not any(fnmatchcase(n, p) for p in excluded for n in arns)
                and all(_meets(labels_of(candidate), c) for c in conditions)
            ):
                yield how, candidate


# A selection condition's operators on a resource tag: (match?, negated?)
CONDITIONS = {"stringEquals": (False, False), "stringLikes": (True, False),
              "stringNotEquals": (False, True), "stringNotLikes": (True, True)}  # fmt: skip
TAG_KEY = "aws:ResourceTag/"


def _meets(labels: Any, condition: Any) -> bool:
    """Whether a resource's tags meet every test of one selection condition (``aws:ResourceTag/<key>``)."""
    for operator, (like, negated) in CONDITIONS.items():
        for test in condition.get(operator) or [] if is_map(condition) else []:
            key = str(test.get("key", "")).removeprefix(TAG_KEY)
            value, wanted = labels.get(key), str(test.get("value", ""))
            hit = value is not None and (fnmatchcase(str(value), wanted) if like else str(value) == wanted)
            if hit == negated:
                return False
    return True


def _dlm_targets(policy: Resource, stack: Stack) -> Iterator[tuple[str, Resource]]:
    """A lifecycle policy targets the volumes or instances that carry any of its target tags
    (https://docs.aws.amazon.com/ebs/latest/userguide/snapshot-ami-policy.html)."""
    tags = {
        str(k): str(v) for t in values_at(policy.props, "policyDetails.targetTags") if is_map(t) for k, v in t.items()
    }
    for candidate in stack.resources:
        if candidate.type in DLM_TARGETS and any(str(labels_of(candidate).get(k)) == v for k, v in tags.items()):
            yield "policyDetails.targetTags", candidate


def _ecr_repositories(config: Resource, stack: Stack) -> Iterator[tuple[str, Resource]]:
    """Registry replication copies every repository of the registry its rules' filters match; a
    rule without filters, all of them (https://docs.aws.amazon.com/AmazonECR/latest/userguide/replication.html)."""
    rules = values_at(config.props, "replicationConfiguration.rules[]")
    prefixes: list[str] = []
    for rule in rules:
        filters = values_at(rule, "repositoryFilters[]")
        if not filters:
            prefixes.append("")  # the whole registry
        prefixes += [str(f.get("filter") or "") for f in filters if is_map(f)]
    region = _region(config)
    for candidate in stack.resources:
        if candidate.type != ECR_REPOSITORY or _region(candidate) != region:
            continue
        name = str(candidate.props.get("name") or "")
        if any(name.startswith(p) for p in prefixes):
            yield "replicationConfiguration.rules[]", candidate


def _region(resource: Resource) -> object:
    return resource.props.get("region") or resource.provider_props.get("region")


def _policy_disks(policy: Resource, stack: Stack) -> Iterator[tuple[str, Resource]]:
    """A snapshot schedule snapshots every disk it is attached to, by an attachment or by the disk's
    own ``resourcePolicies`` (https://cloud.google.com/compute/docs/disks/scheduled-snapshots)."""
    for other in stack.resources:
        if other.type in GCP_ATTACHMENTS and _refers(other, "name", policy):
            disk = other.props.get("disk")
            found = [stack.by_urn[u] for u in other.depends.get("disk", ()) if u in stack.by_urn]
            if not found and isinstance(disk, str) and disk:
                named = stack.find(disk, other)
                found = [named] if named is not None else []
            yield from ((f"attachment {other.name!r}", d) for d in found)
        elif other.type in GCP_DISKS:
            names = {
                last_segment(str(v)) for v in values_at(other.props, "resourcePolicies[]") if not isinstance(v, Unknown)
            }
            if policy.urn in other.depends.get("resourcePolicies", ()) or names & {
                last_segment(k) for k in names_of(policy)
            }:
                yield "resourcePolicies of the disk", other
