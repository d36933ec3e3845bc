"""FLEET-RES-004: a regulated Kubernetes object runs on a cluster inside its regime.

Protects: residency of tenant workloads. Kubernetes objects have no region of their own; they
live where their cluster lives. An object is regulated by its own ``fleet-residency`` label, or,
when it has none, by its namespace's. The rule follows the object to its Kubernetes provider and
from the provider to the cluster component that owns it. The cluster's location is the cluster
resource's own (EKS/GKE/AKS, with a per-resource region override or a GCP zone), else the cloud
provider's region or zone beside it; for an existing cluster (on-premises, or made elsewhere) the
country its component declares decides. An object whose cluster cannot be traced (a hand-written
provider with a kubeconfig) or placed cannot be proven compliant and is reported. Objects of
Kubernetes operators that create cloud resources (ACK, Crossplane, Config Connector, Azure Service
Operator) keep their data where their spec says, not at the cluster: FLEET-RES-007 judges them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from fleet.core import catalog
from fleetguard import locations, operators, survey
from fleetguard.model import (
    CLOUDS,
    CLUSTER_TYPES,
    EXISTING_CLUSTER,
    RESIDENCY,
    Context,
    Finding,
    RegimeSource,
    Resource,
    Rule,
    each,
    tag_map,
    unknown_regime,
)

NAMESPACE = "kubernetes:core/v1:Namespace"


@dataclass(frozen=True)
class Place:
    cloud: str
    where: str  # for messages: "aws eu-central-2 (CH)"
    locations: tuple[locations.Location, ...] = ()
    country: str | None = None  # an existing cluster's declared country
    site: str = ""


def cluster_place(
    provider: Resource | None, by_urn: dict[str, Resource], by_parent: dict[str, list[Resource]]
) -> Place | None:
    """Where the cluster a Kubernetes provider belongs to runs, or None when it cannot be traced."""
    if provider is None or provider.parent is None:
        return None
    owner = by_urn.get(provider.parent)
    if owner is not None and owner.type == EXISTING_CLUSTER:
        country, site = owner.props.get("country"), owner.props.get("region")
        if not country:
            return None
        return Place(
            catalog.EXISTING, f"{catalog.EXISTING} {site or ''} ({country})", country=str(country), site=str(site or "")
        )
    siblings = by_parent.get(provider.parent, [])
    for cluster in (s for s in siblings if s.type in CLUSTER_TYPES):
        entry = survey.entry(cluster.type)
        if entry is None:
            continue
        home = locations.home(cluster, entry)
        if home.locations:
            cloud = cluster.cloud or ""
            return Place(cloud, f"{cloud} " + ", ".join(h.describe() for h in home.locations), tuple(home.locations))
    for sibling in siblings:
        sibling_cloud = CLOUDS.get(sibling.type.removeprefix("pulumi:providers:"))
        if sibling_cloud is None or not sibling.type.startswith("pulumi:providers:"):
            continue
        default = locations.provider_default(sibling_cloud, sibling.props)
        if default is not None:
            return Place(sibling_cloud, f"{sibling_cloud} {default.describe()}", (default,))
    return None


def check(resources: list[Resource], ctx: Context) -> Iterator[Finding]:
    by_urn = {r.urn: r for r in resources}
    by_parent: dict[str, list[Resource]] = {}
    for r in resources:
        if r.parent:
            by_parent.setdefault(r.parent, []).append(r)
    namespace_labels: dict[tuple[str | None, str], Resource] = {}
    for ns in (r for r in resources if r.type == NAMESPACE):
        name = (ns.props.get("metadata") or {}).get("name")
        if isinstance(name, str):
            namespace_labels[(ns.provider_urn, name)] = ns

    def regime_label(resource: Resource) -> tuple[str, str] | None:
        metadata = resource.props.get("metadata") or {}
        own = tag_map(metadata.get("labels")).get(RESIDENCY)
        if own:
            return str(own), "label"
        namespace = metadata.get("namespace")
        ns = namespace_labels.get((resource.provider_urn, namespace)) if isinstance(namespace, str) else None
        if ns is not None:
            inherited = tag_map((ns.props.get("metadata") or {}).get("labels")).get(RESIDENCY)
            if inherited:
                return str(inherited), f"namespace {namespace}"
        return None

    def decide(resource: Resource) -> Iterator[Finding]:
        if operators.identify(resource) is not None:
            return  # FLEET-RES-007: judged where its cloud resource is
        found = regime_label(resource)
        if found is None:
            return
        name, source = found
        regime = ctx.regimes.get(name)
        what = f"{resource.type} {resource.name!r}"
        if regime is None:
            yield unknown_regime(resource, RegimeSource(name, source), ctx)
            return
        if regime.countries is None:
            return
        what = f"{what} (regime {regime.name}" + ("" if source == "label" else f", from its {source}") + ")"
        place = cluster_place(by_urn.get(resource.provider_urn or ""), by_urn, by_parent)
        if place is None:
            yield Finding(
                f"{what} targets a Kubernetes provider that belongs to no fleet cluster in this "
                "stack, so where it runs cannot be checked; deploy it through a fleet cluster's provider",
                urn=resource.urn,
            )
            return
        if place.cloud == catalog.EXISTING:
            inside = regime.allows(catalog.EXISTING, place.site, place.country)
        else:
            inside = all(locations.inside(loc, regime) for loc in place.locations)
        if not inside:
            yield Finding(
                f"{what} runs on a cluster in {place.where}, outside the regime "
                f"({regime.summary()}); place the tenant on a cluster in an allowed region",
                urn=resource.urn,
            )

    yield from each(
        (r for r in resources if r.is_kubernetes and r.is_custom), decide, "the tenant-cluster residency check"
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
