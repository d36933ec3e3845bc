"""FLEET-RES-007: a regulated cloud resource created through a Kubernetes operator keeps its data
inside its regime, where its own spec puts it.

Protects: data residency of cloud resources that a stack creates as Kubernetes custom resources (AWS Controllers
for Kubernetes, Crossplane, Config Connector, Azure Service Operator v2). Their controller creates the cloud
resource in the location the object names, not where the cluster runs: an S3 bucket in the region of its
``services.k8s.aws/region`` annotation (else its namespace's ``services.k8s.aws/default-region``), a Crossplane
managed resource in its ``spec.forProvider.region``/``location``, a Config Connector resource in its
``spec.location``/ ``region``/``zone`` (a StorageBucket without one in ``US``), an ASO resource in its
``spec.location`` or its owner's (``fleetguard/operators.py`` cites each controller). So these objects are judged
here as the cloud resources they create, not by FLEET-RES-004. The regime such an object carries is its own
``fleet-residency`` label or annotation, else the tag its spec gives the cloud resource, else (lineage) its
namespace's label, else the regime its cluster's own resource declares, else the stack's. An unregulated tenant or
cluster may create resources anywhere. It fails closed: a regulated object whose location cannot be read (no
annotation and the controller's region is not in the stack, an owner outside the stack), or that keeps data at edge
locations, is refused; a kind that says where it is under another name (a Bigtable instance's ``cluster[].zone``,
an image's ``storageLocations``) is placed at every place its spec names. Copies the spec names by region (DynamoDB
replicas, geo-redundant storage and backups, Cloud SQL backup locations, multi-Region keyspaces) are held to the
same regime, and so is an ARN the spec names (an event rule's target, a backup rule's copy vault): its Region, or
outside the stack when it is another account's (not a role or a key, which name who acts); so is a cloud resource
of the stack it names by ARN, ARM ID or path (where that resource is), the host of an endpoint URL, and another
object of the same operator it names where data goes, by a reference (a transfer job's sink bucketRef), a
connection string's host or an ARM ID (where that object's resource is), a gs:// or s3:// URI, or a path whose
first segment is a bucket (a Transfer Family user's home directory). A Storage Transfer job's POSIX sink is outside
the cloud, an Application Insights connection string sends telemetry to its ingestion endpoint's region, and a
resource policy in an AWS object's spec that lets another account read the data shares it with that account. An
object whose spec names another as its source (an ASO replica's sourceServerResourceReference) holds
that object's data and carries its regime too, whatever its own label says. A Config Connector log sink and Storage
Transfer job keep nothing and are judged by their destination. An Azure SQL database keeps geo-redundant
backups, in the paired region, unless its backup storage redundancy says Local or Zone. Identity, policy and DNS
configuration objects keep no data in a location and are not judged.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from fleetguard import locations, operators
from fleetguard.model import (
    RESIDENCY,
    Context,
    Deferred,
    Finding,
    RegimeSource,
    Resource,
    Rule,
    each,
    known,
    unknown_regime,
)
from fleetguard.references import Stack


def check(resources: list[Resource], ctx: Context) -> Iterator[Finding]:
    index = operators.Index.build(resources)
    stack = Stack.index(resources, ctx.aws_accounts)
    found: list[operators.OperatorResource] = []
    for resource in resources:
        obj, _ = known(resource, operators.identify)
        if obj is None:
            continue
        found.append(obj)
        with contextlib.suppress(Deferred):  # an object whose name is unknown at preview owns nothing yet
            index.add(obj)
    by_urn = {obj.resource.urn: obj for obj in found}

    def decide(resource: Resource) -> Iterator[Finding]:
        obj = by_urn.get(resource.urn) or operators.identify(resource)
        if obj is None:
            return
        held = [operators.regime(obj, index, ctx)]
        # A replica or restore of another object is a copy of its data, whatever it declares itself.
        for origin in operators.sources(obj, index):
            found = operators.regime(origin, index, ctx)
            if found is not None:
                held.append(RegimeSource(found.name, f"source {origin.kind} {origin.resource.name!r}"))
        seen: set[str] = set()
        for source in held:
            if source is None or not source.regulated or source.name in seen:
                continue
            seen.add(source.name)
            yield from judge(obj, resource, source)

    def judge(obj: operators.OperatorResource, resource: Resource, source: RegimeSource) -> Iterator[Finding]:
        regime = ctx.regimes.get(source.name)
        if regime is None:
            yield unknown_regime(resource, source, ctx)
            return
        if regime.countries is None:
            return
        origin = "" if source.source == "label" else f" from its {source.source}"
        what = f"{resource.type} {resource.name!r} ({obj.describe}, regime {regime.name}{origin})"
        fix = f"{obj.operator.fix} to a region from `fleet regions --regime {regime.name}`"
        placed = operators.place(obj, index)
        if placed.not_placed and not placed.routes:
            return
        if placed.edge:
            yield Finding(
                f"{what} creates a resource that keeps data at edge locations, so it cannot be placed under regime "
                f"{regime.name}; keep regulated data out of it and label it {RESIDENCY}=none, or exempt it with a "
                "reason",
                urn=resource.urn,
            )
            return
        if placed.missing:
            yield Finding(
                f"{what} creates a cloud resource whose location cannot be determined: {placed.missing}; {fix}",
                urn=resource.urn,
            )
            return
        for location in placed.locations:
            if not locations.inside(location, regime):
                yield Finding(
                    f"{what} creates its cloud resource in {location.describe()} by its {location.source}, outside "
                    f"regime {regime.name} ({regime.summary()}); {fix}",
                    urn=resource.urn,
                )
        for copy in operators.copies(obj, placed.locations, stack, index):
            if not locations.inside(copy, regime):
                yield Finding(
                    f"{what} keeps a copy in {copy.describe()} by its {copy.source}, outside regime {regime.name} "
                    f"({regime.summary()}); choose replicas, backup locations and redundancy inside the regime",
                    urn=resource.urn,
                )

    candidates = (r for r in resources if r.is_kubernetes and r.is_custom and not r.type.startswith("pulumi:"))
    yield from each(candidates, decide, "the operator-resource residency check")


RULE = Rule(
    id="FLEET-RES-007",
    name="residency-operator-resources",
    title="Ensure regulated cloud resources created through Kubernetes operators keep their data inside their regime",
    severity="critical",
    default_level="mandatory",
    rationale=(
        "An ACK, Crossplane, Config Connector or Azure Service Operator object creates its cloud resource where its "
        "spec says, not where the cluster runs; the tenant that creates it carries its regime to it."
    ),
    remediation=(
        "Set the object's region or location (ACK services.k8s.aws/region annotation, Crossplane "
        "spec.forProvider.region/location, Config Connector spec.location, ASO spec.location) to a region the regime "
        "allows, or label it with the regime it really has."
    ),
    stack_check=check,
)
