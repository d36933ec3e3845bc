"""Where a regulated resource's own properties send copies of its data, judged against its regime:
shared by FLEET-RES-002 (the resource's declared regime) and FLEET-RES-003 (the regime a copy
carries from its source)."""

from __future__ import annotations

from collections.abc import Iterator

from fleet.core.residency import Regime
from fleetguard import locations
from fleetguard.model import Finding, Resource
from fleetguard.survey import TypeEntry

FIXES = {
    "geo-sku": "use a locally or zone-redundant SKU (Standard_LRS, Standard_ZRS) or a region whose pair is allowed",
    "geo-flag": "turn geo-redundant backup off or choose a region whose pair is allowed",
    "geo-redundancy": "use locally or zone-redundant backup storage or a region whose pair is allowed",
    "implicit-pair": "choose a region whose paired region is allowed",
    "auto": "use user-managed replication with locations inside the regime",
    "edge-flag": "turn edge caching off for regulated content",
    "edge-mode": "serve regulated content from its region only (REGIONAL_STRICT)",
    "residency-flag": "set the data-residency switch to true (it keeps the data in its region and turns off the "
    "paired-region disaster recovery) or choose a region whose pair is allowed",
}
DEFAULT_FIX = "keep every replica, copy and backup location inside the regime"


def copies_outside(resource: Resource, entry: TypeEntry, regime: Regime, why: str = "") -> Iterator[Finding]:
    """A finding per copy the resource's own properties send outside the regime (also used by
    FLEET-RES-003 for a resource whose regime comes from its source, ``why`` saying so)."""
    if entry.reader != "implicit-pair" and not any(entry.role("copy")):
        return
    home = locations.home(resource, entry)
    for copy in locations.copy_locations(resource, entry, home.locations):
        if locations.inside(copy.location, regime):
            continue
        reader = copy.prop.reader if copy.prop else "implicit-pair"
        if copy.unset and reader not in ("geo-redundancy", "geo-flag", "residency-flag"):
            fix = f"set {copy.prop.path} to a location inside the regime"  # type: ignore[union-attr]
        else:
            fix = FIXES.get(reader, DEFAULT_FIX)
        yield Finding(
            f"{resource.type} {resource.name!r}{why} copies data to {copy.location.describe()} "
            f"({copy.location.source}), outside regime {regime.name} ({regime.summary()}); {fix}",
            urn=resource.urn,
        )
