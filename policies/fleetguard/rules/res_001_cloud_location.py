"""FLEET-RES-001: a cloud resource tagged with a regime is located inside that regime.

Protects: data residency of everything the fleet (or anyone else in the stack) creates in a
cloud. The tag ``fleet-residency`` is the contract: whoever sets it promises the resource stays
in the regime's countries, and this rule holds them to it whether the resource came from our
components or was written by hand.

Location is the resource's own region/location/zone, else its provider's (AWS v7 resources can
override the provider's region per resource). Resolved through the region catalogue, so AWS
eu-central-2 (Zurich) does not pass as EU. GCS buckets and BigQuery datasets, whose location can
span several regions, are judged by FLEET-RES-002.
"""

from __future__ import annotations

from collections.abc import Iterator

from fleet.residency import Regime
from fleetguard.locations import effective_location
from fleetguard.model import Context, Finding, Resource, Rule, regime_of

MULTI_REGION_TYPES = frozenset({"gcp:storage/bucket:Bucket", "gcp:bigquery/dataset:Dataset"})


def tagged_regime(resource: Resource, ctx: Context) -> Regime | Finding | None:
    """The regime a resource's tag names; a Finding when the tag names no regime; None untagged."""
    name = regime_of(resource)
    if name is None:
        return None
    regime = ctx.regimes.get(name)
    if regime is None:
        return Finding(
            f"{resource.type} {resource.name!r} is tagged fleet-residency={name!r}, which is not a regime "
            f"(known: {', '.join(ctx.regimes)}); fix the tag or add the regime to the policy config"
        )
    return regime


def check(resource: Resource, ctx: Context) -> Iterator[Finding]:
    if resource.cloud is None or resource.type in MULTI_REGION_TYPES:
        return
    regime = tagged_regime(resource, ctx)
    if isinstance(regime, Finding):
        yield regime
    if not isinstance(regime, Regime):
        return
    location = effective_location(resource.type, resource.props, resource.provider_props)
    if location is None or regime.countries is None:
        return
    inside = (
        location.countries is not None
        and location.countries
        and (location.countries <= regime.countries or all(regime.allows(c, r) for c, r in location.regions))
    )
    if not inside:
        yield Finding(
            f"{resource.type} {resource.name!r} is in {location.describe()} by its {location.source}, outside "
            f"regime {regime.name} ({regime.summary()}); move it to a region from `fleet regions --regime "
            f"{regime.name}` or correct its fleet-residency tag"
        )


RULE = Rule(
    id="FLEET-RES-001",
    name="residency-cloud-location",
    title="Ensure cloud resources tagged with a regime are located inside it",
    severity="critical",
    default_level="mandatory",
    rationale="Regulated data must stay in the countries its regime allows; a resource's tag is the promise.",
    remediation="Deploy the resource (or its provider) in a region the regime allows, or fix its fleet-residency tag.",
    resource_check=check,
)
