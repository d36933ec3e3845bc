"""FLEET-RES-001: a regulated cloud resource keeps its data inside its regime, and a regulated
resource whose location cannot be determined is refused.

Protects: data residency of everything in the stack that a known cloud package creates, whether
our components made it or it was written by hand. A resource is regulated when its regime (the
``fleet-residency`` tag or label; labels the residency survey lists in nested properties such as
Cloud SQL ``settings.userLabels``; its provider's default tags/labels; else the policy config's
``stackRegime``) is anything but ``none``.

Where the data lives comes from the residency survey (``fleetguard/survey``): the type's home
properties (AWS v7 per-resource ``region``, GCP ``location``/``region``/``zone`` and the
non-standard ones: Pub/Sub storage policies, Secret Manager replication, Spanner configurations,
Bigtable clusters, ...; Azure ``location``), else the provider's region; a home the cloud defaults whatever the
others say counts when unset (a Chime Voice Connector's ``awsRegion``, us-east-1; an Apigee organization's
``apiConsumerDataLocation``, global without data residency). Resolved through the region
catalogue, so AWS eu-central-2 (Zurich) does not pass as EU and "global" or automatic placement
satisfies no country.

It fails closed: a regulated resource with no location on itself or its provider, a type the
survey does not list, and a type that keeps data at edge locations or in undisclosed places are
violations that say what is missing. It is not applicable to types that keep no customer data
(IAM, organization policy, DNS configuration: never judged by their provider's region) and to
nested resources whose parent carries the location. Azure resources without a location take their
resource group's, which FLEET-RES-003 resolves in the stack.

A value of another shape than the provider's SDK gives the property (a list or an object where it takes a
single location) is one the provider refuses: the resource is reported as one the pack cannot evaluate,
never read leniently (the residency survey records each surveyed property's shape).
"""

from __future__ import annotations

from collections.abc import Iterator

from fleetguard import locations, survey
from fleetguard.model import RESIDENCY, Context, Finding, Resource, Rule, effective_regime, unknown_regime


def check(resource: Resource, ctx: Context) -> Iterator[Finding]:
    if resource.cloud is None:
        return  # Kubernetes objects: FLEET-RES-004; unknown packages: FLEET-RES-006
    entry = survey.entry(resource.type)
    found = effective_regime(resource, ctx, entry.labels if entry else ())
    if found is None or not found.regulated:
        return
    regime = ctx.regimes.get(found.name)
    if regime is None:
        yield unknown_regime(resource, found, ctx)
        return
    if regime.countries is None:
        return
    if entry is not None:
        locations.check_shapes(resource, entry)  # a value of a shape the provider refuses is not read
    what = f"{resource.type} {resource.name!r} (regime {regime.name}, from its {found.source})"
    if entry is None:
        yield Finding(
            f"{what} is a type the residency survey does not list, so where it keeps data cannot be determined; "
            "regenerate the survey for this provider version (policies/fleetguard/survey/generate.py) or exempt "
            "it with a reason"
        )
        return
    if entry.kind in ("global", "child"):
        return
    if entry.kind == "unplaceable":
        yield Finding(
            f"{what} keeps data at edge locations or in places the cloud does not disclose, so it cannot be placed "
            f"under regime {regime.name}; keep regulated data out of it and tag it {RESIDENCY}=none, or exempt it "
            "with a reason"
        )
        return
    home = locations.home(resource, entry)
    if home.inherit is not None:
        return  # FLEET-RES-003 looks the inherited location up in the stack
    if home.missing:
        yield Finding(
            f"{what} has no location that residency can be checked against: {home.missing}; set it explicitly "
            f"to a region from `fleet regions --regime {regime.name}`"
        )
        return
    for location in home.locations:
        if not locations.inside(location, regime):
            yield Finding(
                f"{resource.type} {resource.name!r} is in {location.describe()} by its {location.source}, outside "
                f"regime {regime.name} ({regime.summary()}); move it to a region from `fleet regions --regime "
                f"{regime.name}` or correct its {RESIDENCY} tag"
            )


RULE = Rule(
    id="FLEET-RES-001",
    name="residency-cloud-location",
    title=(
        "Ensure regulated cloud resources keep their data inside their regime, and refuse those that cannot be placed"
    ),
    severity="critical",
    default_level="mandatory",
    rationale=(
        "Regulated data must stay in the countries its regime allows; a resource's regime (own tag, nested labels, "
        "provider default tags, or the stack's regime) is the promise, and a resource whose location cannot be "
        "determined cannot keep it."
    ),
    remediation=(
        "Deploy the resource (or its provider) in a region the regime allows, set the missing region or location, "
        "or fix its fleet-residency tag."
    ),
    resource_check=check,
)
