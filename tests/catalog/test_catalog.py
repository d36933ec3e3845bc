"""The region catalogue: exact matches, the prefix traps, and agreement with its sources."""

from __future__ import annotations

import csv
import json
from importlib import resources as importlib_resources

import pytest

from fleet.core import catalog
from tests.conftest import SHARED

COUNTRY = [
    # Prefixes lie: these are the regions a prefix test gets wrong.
    ("aws", "eu-central-2", "CH"),
    ("aws", "eu-west-2", "GB"),
    ("aws", "eusc-de-east-1", "DE"),
    ("gcp", "europe-west2", "GB"),
    ("gcp", "europe-west6", "CH"),
    ("azure", "norwayeast", "NO"),
    ("azure", "uksouth", "GB"),
    ("azure", "switzerlandnorth", "CH"),
    ("azure", "westeurope", "NL"),
    ("azure", "northeurope", "IE"),
]


@pytest.mark.parametrize(("cloud", "region", "country"), COUNTRY)
def test_region_country(cloud: str, region: str, country: str) -> None:
    found = catalog.lookup(cloud, region)
    assert found is not None and found.country == country


def test_every_cloud_is_complete_enough() -> None:
    counts = {
        cloud: sum(r.deployable and r.access == "public" for r in catalog.regions(cloud)) for cloud in catalog.CLOUDS
    }
    assert counts == {"aws": 37, "gcp": 43, "azure": 49}


def test_no_prefix_matching() -> None:
    assert catalog.lookup("aws", "eu-central") is None
    assert catalog.lookup("gcp", "europe-west") is None
    assert catalog.lookup("aws", "EU-CENTRAL-1") is None


def test_azure_names_are_normalised_like_azure_does() -> None:
    assert catalog.lookup("azure", "West Europe") == catalog.lookup("azure", "westeurope")


def test_azure_pairs_can_leave_the_country() -> None:
    pair = catalog.azure_pair("brazilsouth")
    assert pair is not None and (pair.name, pair.country) == ("southcentralus", "US")
    assert catalog.azure_pair("italynorth") is None


def test_unknown_country_regions_are_not_deployable() -> None:
    region = catalog.lookup("aws", "eu-isoe-west-1")
    assert region is not None and not region.deployable


def test_european_sovereign_cloud_is_its_own_partition() -> None:
    region = catalog.lookup("aws", "eusc-de-east-1")
    assert region is not None and region.scope == "aws-eusc" and region.deployable


def _shared_rows(name: str) -> list[dict[str, str]]:
    path = SHARED / "regions" / name
    if not path.is_file():
        pytest.skip(f"{path} is not present on this machine")
    return list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))


@pytest.mark.parametrize(
    ("cloud", "source"), [("aws", "aws_regions.csv"), ("gcp", "gcp_regions.csv"), ("azure", "azure_regions.csv")]
)
def test_catalogue_matches_the_reference(cloud: str, source: str) -> None:
    expected = {(row["region"], row["country_iso2"]) for row in _shared_rows(source)}
    assert {(r.name, r.country) for r in catalog.regions(cloud)} == expected


def test_azure_pairs_match_the_reference() -> None:
    expected = {row["region"]: row["paired_region"] for row in _shared_rows("azure_pairs.csv")}
    assert {r.name: r.paired_region for r in catalog.regions("azure") if r.paired_region} == expected


def test_aws_regions_match_botocore_partitions() -> None:
    botocore = pytest.importorskip("botocore")
    data = importlib_resources.files(botocore).joinpath("data/partitions.json")
    partitions = json.loads(data.read_text())["partitions"]
    botocore_regions = {
        region for partition in partitions for region in partition["regions"] if not region.endswith("-global")
    }
    ours = {r.name for r in catalog.regions("aws")}
    # botocore may be older or newer than our snapshot: every region it knows must be ours, and
    # ours may only lead it by regions announced after its release.
    assert botocore_regions - ours == set()
    assert ours - botocore_regions <= {"me-west-1", "sa-west-1"}


def test_aws_opt_in_regions_are_the_references() -> None:
    # "enablement=opt-in" (and "opt-in(assumed)" for Regions newer than the AWS page read): every
    # Region introduced after 2019-03-20 is disabled until an account enables it.
    expected = {
        row["region"] for row in _shared_rows("aws_regions.csv") if "enablement=opt-in" in row["jurisdiction_notes"]
    }
    assert {r.name for r in catalog.regions("aws") if r.opt_in} == expected
    assert not [r for r in catalog.regions() if r.opt_in and r.cloud != "aws"]
