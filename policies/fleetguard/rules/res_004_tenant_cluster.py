"""FLEET-RES-004: a Kubernetes object labelled with a regime runs on a cluster inside it.

Protects: residency of tenant workloads. Kubernetes objects have no region of their own; they
live where their cluster lives. The rule follows each labelled object to its Kubernetes
provider, from the provider to the cluster component that owns it, and from there to that
cluster's cloud provider, whose region decides; for an existing cluster (on-premises, or made
elsewhere) the country its component declares decides. An object whose cluster cannot be traced
(a hand-written provider with a kubeconfig) cannot be proven compliant and is reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from fleet import catalog
from fleetguard.model import Context, Finding, Resource, Rule, regime_of

CLOUD_PROVIDERS = {
    "pulumi:providers:aws": "aws",
    "pulumi:providers:gcp": "gcp",
    "pulumi:providers:azure-native": "azure",
}


EXISTING_CLUSTER = "fleet:clusters:ExistingCluster"


def _cluster_location(
    provider: Resource | None, by_urn: dict[str, Resource], by_parent: dict[str, list[Resource]]
) -> tuple[str, str, str | None] | None:
    """(cloud, region, declared country) of the cluster a Kubernetes provider belongs to.

    A fleet cluster's provider is a child of its cluster component. A cloud cluster's location is
    the region of the cloud provider beside it; an existing cluster's is what its component
    declares (its spec's country and site)."""
    if provider is None or provider.parent is None:
        return None
    owner = by_urn.get(provider.parent)
    if owner is not None and owner.type == EXISTING_CLUSTER:
        country, site = owner.props.get("country"), owner.props.get("region")
        return (catalog.EXISTING, str(site or ""), str(country)) if country else None
    for sibling in by_parent.get(provider.parent, []):
        cloud = CLOUD_PROVIDERS.get(sibling.type)
        if cloud is None:
            continue
        region = sibling.props.get("region") or sibling.props.get("location")
        if region:
            region = catalog.normalise_azure_location(str(region)) if cloud == "azure" else str(region)
            return cloud, region, None
    return None


def check(resources: list[Resource], ctx: Context) -> Iterator[Finding]:
    by_urn = {r.urn: r for r in resources}
    by_parent: dict[str, list[Resource]] = {}
    for r in resources:
        if r.parent:
            by_parent.setdefault(r.parent, []).append(r)
    for resource in resources:
        if not resource.is_kubernetes or resource.type.startswith("pulumi:"):
            continue
        regime_name = regime_of(resource)
        if regime_name is None:
            continue
        regime = ctx.regimes.get(regime_name)
        if regime is None:
            yield Finding(
                f"{resource.type} {resource.name!r} is labelled fleet-residency={regime_name!r}, which is not a "
                f"regime (known: {', '.join(ctx.regimes)}); fix the label or add the regime to the policy config",
                urn=resource.urn,
            )
            continue
        if regime.countries is None:
            continue
        located = _cluster_location(by_urn.get(resource.provider_urn or ""), by_urn, by_parent)
        if located is None:
            yield Finding(
                f"{resource.type} {resource.name!r} (regime {regime.name}) targets a Kubernetes provider that "
                "belongs to no fleet cluster in this stack, so where it runs cannot be checked; deploy it "
                "through a fleet cluster's provider",
                urn=resource.urn,
            )
            continue
        cloud, region, declared = located
        if not regime.allows(cloud, region, declared):
            found = catalog.lookup(cloud, region)
            country = declared or (found.country if found else "an unknown country")
            yield Finding(
                f"{resource.type} {resource.name!r} (regime {regime.name}) runs on a cluster in {cloud} {region} "
                f"({country}), outside the regime ({regime.summary()}); place the tenant on a cluster in an "
                "allowed region",
                urn=resource.urn,
            )


RULE = Rule(
    id="FLEET-RES-004",
    name="residency-tenant-cluster",
    title="Ensure regulated Kubernetes objects run on clusters inside their regime",
    severity="critical",
    default_level="mandatory",
    rationale="A tenant's data lives where its cluster lives; a label without that link proves nothing.",
    remediation="Deploy the object through the provider of a fleet cluster whose region satisfies the regime.",
    stack_check=check,
)
