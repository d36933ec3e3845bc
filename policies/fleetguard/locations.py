"""Where a cloud resource keeps its data: its effective location, resolved to countries.

Effective location = the resource's own region/location/zone, else its provider's. GCP zones
map to their region, GCP multi- and dual-regions to the countries they span, Azure display
names are normalised. Everything is looked up in the fleet's region catalogue, never by prefix.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from fleet import catalog

# GCS/BigQuery multi-regions and predefined dual-regions. "EU" keeps data in EU member states
# only (GCS docs: not in europe-west2/London or europe-west6/Zurich). Rows marked medium in the
# reference are used as listed; "europe"/"ASIA" cross borders and match no single-country regime.
_EU = frozenset(c.code for c in catalog.countries() if c.eu)
GCP_MULTI_REGIONS: dict[str, frozenset[str] | None] = {
    "eu": _EU,
    "us": frozenset({"US"}),
    "asia": None,  # several Asian countries, exact set not documented
    "europe": None,  # KMS/Artifact Registry "europe": may include GB/CH
    "asia1": frozenset({"JP"}),
    "eur4": frozenset({"FI", "NL"}),
    "eur5": frozenset({"BE", "GB"}),
    "eur7": frozenset({"GB", "DE"}),
    "eur8": frozenset({"DE", "CH"}),
    "nam4": frozenset({"US"}),
}
_GCP_ZONE = re.compile(r"^(?P<region>[a-z]+-[a-z]+\d+)-[a-z]$")
NON_REGIONAL = frozenset({"global", ""})


@dataclass(frozen=True)
class Location:
    """A resolved location: where it was read from, what it says, and the countries it means.

    ``countries`` is None when the location is known to span countries we cannot enumerate
    (GCP "ASIA", "europe"), which satisfies no regime but "none".
    """

    source: str  # e.g. "region", "location", "provider region"
    value: str
    countries: frozenset[str] | None
    regions: tuple[tuple[str, str], ...] = ()  # (cloud, region) pairs, when known

    def describe(self) -> str:
        where = ", ".join(sorted(self.countries)) if self.countries is not None else "several countries"
        return f"{self.value} ({where})"


def cloud_of(resource_type: str) -> str | None:
    package = resource_type.split(":", 1)[0]
    return {"aws": "aws", "gcp": "gcp", "azure-native": "azure"}.get(package)


def _region(cloud: str, name: str, source: str) -> Location | None:
    found = catalog.lookup(cloud, name)
    if found is None or not found.country:
        return Location(source, name, frozenset())  # unknown region: no country satisfies
    return Location(source, found.name, frozenset({found.country}), ((cloud, found.name),))


def gcp_location(value: str, source: str, data_locations: Any = None) -> Location | None:
    text = str(value)
    lower = text.lower()
    if lower in NON_REGIONAL:
        return None
    if data_locations:
        # Configurable dual-region: the bucket's location names the multi-region; the data
        # lives in exactly these regions.
        resolved = [gcp_location(str(d), "customPlacementConfig.dataLocations") for d in data_locations]
        countries: set[str] = set()
        regions: list[tuple[str, str]] = []
        for item in resolved:
            if item is None or item.countries is None:
                return Location(source, text, None)
            countries |= item.countries
            regions += item.regions
        return Location(
            source, f"{text}[{', '.join(str(d) for d in data_locations)}]", frozenset(countries), tuple(regions)
        )
    if lower in GCP_MULTI_REGIONS:
        return Location(source, text, GCP_MULTI_REGIONS[lower])
    zone = _GCP_ZONE.match(lower)
    if zone and catalog.lookup("gcp", zone["region"]):
        return _region("gcp", zone["region"], source)
    return _region("gcp", lower, source)


def effective_location(
    resource_type: str, props: Mapping[str, Any], provider_props: Mapping[str, Any] | None
) -> Location | None:
    """The location that decides residency, or None for non-regional (global) resources."""
    cloud = cloud_of(resource_type)
    provider_props = provider_props or {}
    if cloud == "aws":
        region = props.get("region") or provider_props.get("region")
        if not region:
            return None
        return _region("aws", str(region), "region" if props.get("region") else "provider region")
    if cloud == "gcp":
        for key in ("location", "region", "zone"):
            if props.get(key):
                placement = props.get("customPlacementConfig") or {}
                return gcp_location(str(props[key]), key, placement.get("dataLocations"))
        if resource_type == "gcp:bigquery/dataset:Dataset":
            return Location("location (unset: BigQuery defaults to US)", "US", frozenset({"US"}))
        for key in ("region", "zone"):
            if provider_props.get(key):
                return gcp_location(str(provider_props[key]), f"provider {key}")
        return None
    if cloud == "azure":
        location = props.get("location") or provider_props.get("location")
        if not location or catalog.normalise_azure_location(str(location)) in NON_REGIONAL:
            return None
        source = "location" if props.get("location") else "provider location"
        return _region("azure", catalog.normalise_azure_location(str(location)), source)
    return None


GEO_REDUNDANT_SKUS = frozenset(
    {
        "standard_grs",
        "standard_ragrs",
        "standard_gzrs",
        "standard_ragzrs",
        "standardv2_grs",
        "standardv2_gzrs",
    }
)


def azure_copy_location(props: Mapping[str, Any], provider_props: Mapping[str, Any] | None) -> Location | None:
    """Where geo-redundant Azure storage copies data to: the primary region's pair."""
    sku = props.get("sku") or {}
    name = str(sku.get("name", "")).lower()
    if name not in GEO_REDUNDANT_SKUS:
        return None
    primary = effective_location("azure-native:storage:StorageAccount", props, provider_props)
    if primary is None or not primary.regions:
        return None
    pair = catalog.azure_pair(primary.regions[0][1])
    if pair is None:
        return Location(f"sku {sku.get('name')}", f"pair of {primary.value}", frozenset())
    return Location(
        f"sku {sku.get('name')} (paired region)", pair.name, frozenset({pair.country}), (("azure", pair.name),)
    )
