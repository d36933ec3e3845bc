"""The region catalogue: every region of AWS, GCP and Azure with the country it is in.

One source of truth for the program and the policy pack. Regions are matched exactly, never by
prefix: AWS ``eu-central-2`` is Zurich and GCP ``europe-west2`` is London, so a prefix test for
"Europe" would be wrong in both directions.

The data files beside this module are generated from ``shared/reference/regions`` (collected
2026-11-25); ``tests/catalog`` checks them against that source and against botocore.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from fleet.core import lookalikes
from fleet.core.kinds import aws as aws_kind
from fleet.core.kinds import existing
from fleet.core.spelling import MAX_TYPO, edits

Cloud = Literal["aws", "gcp", "azure"]
CLOUDS: tuple[Cloud, ...] = ("aws", "gcp", "azure")
# Clusters the fleet does not build: their country is declared in the spec, not catalogued.
EXISTING = existing.KIND.name

# "public": anyone can deploy there. "restricted": needs an access request or a special
# contract. "sovereign": a separate cloud (AWS China/GovCloud, Azure China/Government).
# "internal": provider canary/stage regions, never a valid target.
Access = Literal["public", "restricted", "sovereign", "internal"]


@dataclass(frozen=True, slots=True)
class Region:
    cloud: Cloud
    name: str
    country: str  # ISO 3166-1 alpha-2 of the data centres; "" when unknown
    display_name: str
    scope: str  # AWS partition, "gcp", or Azure cloud environment
    access: Access
    zones: int  # Azure availability zones (0 = none); unused for AWS and GCP
    paired_region: str  # Azure pair used by geo-redundant storage; "" when unpaired
    # An AWS Region "introduced after March 20, 2019", disabled in every account until enabled there
    # (AWS Account Management, "Specify which AWS Regions your account can use").
    opt_in: bool = False

    @property
    def deployable(self) -> bool:
        """A region a fleet cluster may be placed in: known country, not an internal region."""
        return bool(self.country) and self.access != "internal"


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name: str
    eu: bool
    eea: bool
    efta: bool


@cache
def _regions() -> dict[tuple[str, str], Region]:
    text = resources.files(__package__).joinpath("regions.csv").read_text(encoding="utf-8")
    table: dict[tuple[str, str], Region] = {}
    for row in csv.DictReader(text.splitlines()):
        region = Region(
            cloud=row["cloud"],  # type: ignore[arg-type]
            name=row["region"],
            country=row["country"],
            display_name=row["display_name"],
            scope=row["scope"],
            access=row["access"],  # type: ignore[arg-type]
            zones=int(row["zones"] or 0),
            paired_region=row["paired_region"],
            opt_in=row["opt_in"] == "yes",
        )
        table[(region.cloud, region.name)] = region
    return table


@cache
def _countries() -> dict[str, Country]:
    text = resources.files(__package__).joinpath("countries.csv").read_text(encoding="utf-8")
    return {
        row["country"]: Country(
            code=row["country"],
            name=row["name"],
            eu=row["eu"] == "yes",
            eea=row["eea"] == "yes",
            efta=row["efta"] == "yes",
        )
        for row in csv.DictReader(text.splitlines())
    }


def regions(cloud: str | None = None) -> tuple[Region, ...]:
    """All catalogued regions, optionally of one cloud, in catalogue order."""
    return tuple(r for r in _regions().values() if cloud is None or r.cloud == cloud)


def lookup(cloud: str, region: str) -> Region | None:
    """The exact region, or None. No normalisation beyond what each cloud itself accepts."""
    if cloud == "azure":
        region = normalise_azure_location(region)
    return _regions().get((cloud, region))


def aws_opt_in(region: str) -> bool:
    """An AWS Region that must be enabled in an account before anything can be made there."""
    found = _regions().get((aws_kind.KIND.name, region))
    return found is not None and found.opt_in


def country(code: str) -> Country | None:
    return _countries().get(code)


def countries() -> tuple[Country, ...]:
    return tuple(_countries().values())


def _nearest(cloud: str, region: str) -> list[Region]:
    """The deployable regions fewest edits away (at most MAX_TYPO), in catalogue order."""
    deployable = [r for r in regions(cloud) if r.deployable]
    written = region.strip().lower()
    distances = {r.name: edits(written, r.name) for r in deployable}
    best = min(distances.values(), default=MAX_TYPO + 1)
    return [r for r in deployable if distances[r.name] == best] if best <= MAX_TYPO else []


def suggest(cloud: str, region: str, limit: int = 1) -> list[str]:
    """Nearest deployable region names, for 'did you mean' in error messages. A region written as
    the cloud's console displays it ("Europe (Frankfurt)") suggests its code (eu-central-1).

    In a residency tool a suggestion must never move data across a border: when the regions
    nearest a typo are in different countries ("eu-central-" is one edit from Frankfurt, DE, and
    from Zurich, CH), none is suggested. Every region one edit from a typo is among the nearest, so
    a suggestion is always in the country of the region that was mistyped."""
    deployable = [r for r in regions(cloud) if r.deployable]
    shown = region.strip().casefold()
    by_display = [r.name for r in deployable if r.display_name.casefold() == shown]
    if by_display:
        return by_display[:limit]
    # Spelled with a look-alike letter or an invisible character, it is the region it looks like.
    plain = lookalikes.folded(region.strip()).lower()
    if any(r.name == plain for r in deployable):
        return [plain]
    nearest = _nearest(cloud, region)
    if len({r.country for r in nearest}) != 1:
        return []
    return [r.name for r in nearest][:limit]


def did_you_mean(cloud: str, region: str) -> str:
    """'did you mean ...? ' naming the suggested regions' places and country, or why there is none."""
    hint = suggest(cloud, region, limit=3)
    if hint:
        found = [_regions()[(cloud, name)] for name in hint]
        names = " or ".join(f"{r.name!r} ({r.display_name})" for r in found)
        return f"did you mean {names}, in {found[0].country or 'an unknown country'}? "
    nearest = _nearest(cloud, region)
    if nearest:
        places = ", ".join(f"{r.name} in {r.country}" for r in nearest[:4])
        return f"the regions spelled nearest to it are in different countries ({places}), so none is suggested; "
    return ""


def normalise_azure_location(location: str) -> str:
    """Azure accepts display names ("West Europe") and programmatic names ("westeurope")."""
    return location.replace(" ", "").lower()


def azure_pair(region: str) -> Region | None:
    """The region that geo-redundant storage in ``region`` copies to, if it has one."""
    found = lookup("azure", region)
    if found is None or not found.paired_region:
        return None
    return lookup("azure", found.paired_region)
