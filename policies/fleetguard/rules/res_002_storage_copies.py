"""FLEET-RES-002: copies of regulated data stay inside the regime too.

Protects: residency of the second copy, which is where it usually leaks. Azure geo-redundant
storage (GRS, RA-GRS, GZRS, RA-GZRS and the V2 SKUs) copies every write to the paired region,
which can be in another country (brazilsouth -> southcentralus). GCS buckets in a multi- or
dual-region and BigQuery datasets in a multi-region store data in several regions (and a
dataset without a location lands in "US").
"""

from __future__ import annotations

from collections.abc import Iterator

from fleet.residency import Regime
from fleetguard.locations import azure_copy_location, effective_location
from fleetguard.model import Context, Finding, Resource, Rule
from fleetguard.rules.res_001_cloud_location import tagged_regime

TYPES = frozenset({"azure-native:storage:StorageAccount", "gcp:storage/bucket:Bucket", "gcp:bigquery/dataset:Dataset"})


def check(resource: Resource, ctx: Context) -> Iterator[Finding]:
    if resource.type not in TYPES:
        return
    regime = tagged_regime(resource, ctx)
    if isinstance(regime, Finding):
        yield regime
    if not isinstance(regime, Regime):
        return
    if regime.countries is None:
        return
    if resource.type.startswith("azure-native:"):
        copy = azure_copy_location(resource.props, resource.provider_props)
        what = "copies data to"
        fix = "use a locally or zone-redundant SKU (Standard_LRS, Standard_ZRS) or a region whose pair is allowed"
    else:
        copy = effective_location(resource.type, resource.props, resource.provider_props)
        what = "stores data in"
        fix = "set location to a single allowed region (or EU for an EU regime, or an allowed dual-region)"
    if copy is None:
        return
    inside = bool(copy.countries) and copy.countries is not None and copy.countries <= regime.countries
    if not inside:
        yield Finding(
            f"{resource.type} {resource.name!r} {what} {copy.describe()} ({copy.source}), outside regime "
            f"{regime.name} ({regime.summary()}); {fix}"
        )


RULE = Rule(
    id="FLEET-RES-002",
    name="residency-storage-copies",
    title="Ensure replicated and multi-region storage keeps every copy inside the regime",
    severity="critical",
    default_level="mandatory",
    rationale="Geo-redundancy and multi-regions copy data to places a region check alone does not see.",
    remediation="Choose a redundancy option or location whose every copy is inside the regime.",
    resource_check=check,
)
