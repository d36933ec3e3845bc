"""Every guardrail lists exactly the catalogue regions its regime allows, on every cloud.

Expectations are computed here from the catalogue's CSV rows and the countries table, with the
csv module, not through fleet.core.catalog or fleet.core.residency: a bug there would otherwise be
repeated in the expectation. Nothing is matched by prefix.
"""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from fleet.core import guardrails as core
from fleet.core.residency import CustomRegime, resolve_all
from fleet.spec import guardrails as spec_guardrails
from fleet.spec.model import ManagedGuardrail
from tests.conftest import SHARED

CATALOG = resources.files("fleet.core.catalog")
REGIONS = list(csv.DictReader(CATALOG.joinpath("regions.csv").read_text().splitlines()))
COUNTRIES = list(csv.DictReader(CATALOG.joinpath("countries.csv").read_text().splitlines()))
# The regimes as the README and residency docstrings define them, from the countries table.
REGIME_COUNTRIES = {
    "eu": {c["country"] for c in COUNTRIES if c["eu"] == "yes"},
    "gdpr": {c["country"] for c in COUNTRIES if c["eea"] == "yes"},
    "ch": {"CH"},
    "uk": {"GB"},
    "us": {"US"},
    "ca": {"CA"},
    # A custom regime: DACH countries plus one region allowed by name.
    "dach-plus": {"DE", "AT", "CH"},
}
EXTRA_REGIONS = {"dach-plus": {("gcp", "europe-west1")}}
SCOPES = {"aws": "aws", "gcp": "gcp", "azure": "AzureCloud"}
ROLE = "arn:aws:iam::999999999999:role/fleet-guardrails"


def regimes() -> dict:  # type: ignore[type-arg]
    return resolve_all([CustomRegime("dach-plus", ("DE", "AT", "CH"), ("gcp:europe-west1",))])


def expected(regime: str, cloud: str, scope: str) -> list[str]:
    """Deployable rows (known country, not an internal region) of the cloud and scope whose country
    the regime allows, or that it allows by name."""
    return sorted(
        row["region"]
        for row in REGIONS
        if row["cloud"] == cloud
        and row["scope"] == scope
        and row["country"]
        and row["access"] != "internal"
        and (row["country"] in REGIME_COUNTRIES[regime] or (cloud, row["region"]) in EXTRA_REGIONS.get(regime, ()))
    )


def build(regime: str, cloud: str, **settings: object) -> core.CloudGuardrail:
    defaults = {
        "aws": {"managementRoleArn": ROLE, "targets": ["333333333333"]},
        "gcp": {"projects": ["acme-prod-eu"]},
        "azure": {"subscriptions": ["7a3e1c90-5b2d-4e8f-a6c1-0d9b4f2e7a31"]},
    }[cloud]
    spec = ManagedGuardrail.model_validate({"name": "g", "regime": regime, cloud: {**defaults, **settings}})
    return spec_guardrails.build(spec, cloud, regimes()[regime])


@pytest.mark.parametrize("regime", sorted(REGIME_COUNTRIES))
@pytest.mark.parametrize("cloud", ["aws", "gcp", "azure"])
def test_a_guardrail_lists_exactly_the_regions_its_regime_allows(regime: str, cloud: str) -> None:
    g = build(regime, cloud)
    assert list(g.regions) == expected(regime, cloud, SCOPES[cloud])
    assert g.regions, f"{regime} allows no region of {cloud}"
    # What the cloud object holds means exactly those regions again.
    resolved, unknown = core.resolve_values(cloud, g.values)
    assert (sorted(resolved), unknown) == (list(g.regions), [])


def test_prefixes_lie_and_are_not_used() -> None:
    eu, gdpr = build("eu", "aws"), build("gdpr", "aws")
    for g in (eu, gdpr):
        assert "eu-central-2" not in g.regions  # Zurich
        assert "eu-west-2" not in g.regions  # London
        assert "eu-central-1" in g.regions
    assert "europe-west6" not in build("gdpr", "gcp").regions  # Zurich
    assert "europe-west2" not in build("eu", "gcp").regions  # London
    assert "norwayeast" in build("gdpr", "azure").regions and "norwayeast" not in build("eu", "azure").regions
    assert build("ch", "aws").regions == ("eu-central-2",)
    assert build("uk", "gcp").values == ("in:europe-west2-locations",)


def test_the_aws_partition_decides_which_regions_are_listed() -> None:
    # The European Sovereign Cloud is its own partition: not in an aws-partition guardrail.
    assert "eusc-de-east-1" not in build("gdpr", "aws").regions
    eusc = build("gdpr", "aws", partition="aws-eusc", managementRoleArn="arn:aws-eusc:iam::999999999999:role/g")
    assert eusc.regions == ("eusc-de-east-1",)
    assert list(eusc.regions) == expected("gdpr", "aws", "aws-eusc")
    assert build("us", "aws").regions == ("us-east-1", "us-east-2", "us-west-1", "us-west-2")
    gov = build("us", "aws", partition="aws-us-gov", managementRoleArn="arn:aws-us-gov:iam::999999999999:role/g")
    assert gov.regions == ("us-gov-east-1", "us-gov-west-1")


def test_the_azure_cloud_decides_which_regions_are_listed() -> None:
    public = build("us", "azure")
    assert not any(r.startswith("usgov") or r.startswith("usdod") for r in public.regions)
    assert "eastus2euap" not in public.regions  # internal canary
    government = build("us", "azure", environment="usgovernment")
    assert list(government.regions) == expected("us", "azure", "AzureUSGovernment")
    assert "usgovvirginia" in government.regions


def test_gcp_uses_a_value_group_only_where_it_matches_exactly() -> None:
    # in:canada-locations: every row high in the reference, both members in Canada.
    assert build("ca", "gcp").values == ("in:canada-locations",)
    # in:eu-locations and in:us-locations are not known exactly: regions one by one instead.
    assert "in:eu-locations" not in build("eu", "gcp").values
    assert build("us", "gcp").values == tuple(sorted(f"in:{r}-locations" for r in expected("us", "gcp", "gcp")))
    # A custom regime that allows only one Canadian region by name does not get the whole group.
    custom = resolve_all([CustomRegime("montreal", (), ("gcp:northamerica-northeast1",))])["montreal"]
    assert core.gcp_values(["northamerica-northeast1"], custom) == ("in:northamerica-northeast1-locations",)


def test_every_value_group_used_is_high_confidence_in_the_reference() -> None:
    reference = SHARED / "regions" / "gcp_value_groups.csv"
    if not reference.is_file():
        pytest.skip("the shared reference is not beside this checkout")
    rows = list(csv.DictReader(reference.read_text().splitlines()))
    for name, group in core.gcp_value_groups().items():
        mine = [r for r in rows if r["value_group"] == name]
        assert mine and all(r["confidence"] == "high" for r in mine), name
        members = {r["member"].removeprefix("in:").removesuffix("-locations") for r in mine}
        assert members == set(group.members), name
        assert {
            c for row in REGIONS if row["cloud"] == "gcp" and row["region"] in members for c in [row["country"]]
        } == {group.country}
