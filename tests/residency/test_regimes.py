"""The regime catalogue, with the prefix traps pinned."""

from __future__ import annotations

import pytest

from fleet.core import residency
from fleet.core.residency import CustomRegime, RegimeError, resolve_all

REGIMES = residency.builtin()

ALLOWS = [
    # regime, cloud, region, allowed
    ("eu", "aws", "eu-central-1", True),
    ("eu", "aws", "eu-central-2", False),  # Zurich
    ("eu", "aws", "eu-west-2", False),  # London
    ("eu", "aws", "eusc-de-east-1", True),  # European Sovereign Cloud, Brandenburg
    ("eu", "gcp", "europe-west2", False),  # London
    ("eu", "gcp", "europe-west6", False),  # Zurich
    ("eu", "gcp", "europe-west4", True),
    ("eu", "azure", "norwayeast", False),  # EEA, not EU
    ("eu", "azure", "westeurope", True),
    ("eu", "azure", "uksouth", False),
    ("gdpr", "azure", "norwayeast", True),
    ("gdpr", "azure", "norwaywest", True),
    ("gdpr", "aws", "eu-central-2", False),
    ("gdpr", "gcp", "europe-west2", False),
    ("gdpr", "aws", "us-east-1", False),
    ("ch", "aws", "eu-central-2", True),
    ("ch", "gcp", "europe-west6", True),
    ("ch", "azure", "switzerlandnorth", True),
    ("ch", "aws", "eu-central-1", False),
    ("uk", "aws", "eu-west-2", True),
    ("uk", "gcp", "europe-west2", True),
    ("uk", "azure", "ukwest", True),
    ("uk", "aws", "eu-west-1", False),  # Ireland
    ("us", "aws", "us-gov-west-1", True),
    ("us", "gcp", "us-central1", True),
    ("us", "aws", "ca-central-1", False),
    ("ca", "aws", "ca-west-1", True),
    ("ca", "gcp", "northamerica-northeast2", True),
    ("ca", "azure", "canadacentral", True),
    ("ca", "gcp", "northamerica-south1", False),  # Queretaro, Mexico
    ("none", "aws", "ap-southeast-7", True),
    ("eu", "aws", "eu-centrl-1", False),  # unknown regions never satisfy a regime
]


@pytest.mark.parametrize(("regime", "cloud", "region", "allowed"), ALLOWS)
def test_regime_allows(regime: str, cloud: str, region: str, allowed: bool) -> None:
    assert REGIMES[regime].allows(cloud, region) is allowed


def test_where_may_a_gdpr_tenant_run() -> None:
    regions = {(r.cloud, r.name) for r in REGIMES["gdpr"].allowed_regions()}
    assert len(regions) == 34
    assert ("azure", "norwayeast") in regions and ("aws", "eu-central-2") not in regions
    assert {r.country for r in REGIMES["gdpr"].allowed_regions()} <= {c for c in REGIMES["gdpr"].countries or ()}


def test_eu_is_the_27_member_states() -> None:
    assert len(REGIMES["eu"].countries or ()) == 27
    assert (REGIMES["gdpr"].countries or frozenset()) - (REGIMES["eu"].countries or frozenset()) == {"IS", "LI", "NO"}


def test_custom_regime_with_countries_and_regions() -> None:
    regimes = resolve_all([CustomRegime("dach", countries=("DE", "AT"), regions=("aws:eu-central-2",))])
    dach = regimes["dach"]
    assert dach.allows("aws", "eu-central-2") and dach.allows("azure", "austriaeast")
    assert not dach.allows("gcp", "europe-west6")  # Zurich on GCP was not listed


def test_custom_regime_extends_another() -> None:
    regimes = resolve_all([CustomRegime("gdpr-ch", countries=("CH",), extends="gdpr")])
    assert regimes["gdpr-ch"].allows("gcp", "europe-west6")
    assert regimes["gdpr-ch"].allows("azure", "norwayeast")
    assert not regimes["gdpr-ch"].allows("gcp", "europe-west2")


def test_custom_regime_extending_none_allows_everything() -> None:
    assert resolve_all([CustomRegime("any", extends="none")])["any"].countries is None


def test_extension_cycle_is_an_error() -> None:
    with pytest.raises(RegimeError, match="extends itself through a -> b -> a"):
        resolve_all([CustomRegime("a", extends="b"), CustomRegime("b", extends="a")])


def test_builtin_names_cannot_be_redefined() -> None:
    with pytest.raises(RegimeError, match="'gdpr' is a built-in regime"):
        resolve_all([CustomRegime("gdpr", countries=("DE",))])


def test_satisfied_by_lists_every_regime() -> None:
    assert residency.satisfied_by("azure", "norwayeast", REGIMES) == ["none", "gdpr"]
    assert residency.satisfied_by("aws", "eu-west-3", REGIMES) == ["none", "eu", "gdpr"]
