"""Placement decisions, one constraint at a time."""

from __future__ import annotations

import pytest

from fleet.core.placement import Demand, PlacementError, Site, place
from fleet.core.residency import builtin

GI = 2**30
REGIMES = builtin()


def site(name: str, cloud: str, region: str, country: str, cpu: int = 64, **kw) -> Site:  # type: ignore[no-untyped-def]
    return Site(name, cloud, region, country, cpu * 1000, cpu * 4 * GI, **kw)


FLEET = [
    site("aws-fra", "aws", "eu-central-1", "DE", labels={"tier": "gold"}),
    site("aws-zrh", "aws", "eu-central-2", "CH"),
    site("aws-lon", "aws", "eu-west-2", "GB"),
    site("gcp-ams", "gcp", "europe-west4", "NL", labels={"tier": "gold"}),
    site("gcp-lon", "gcp", "europe-west2", "GB"),
    site("azure-osl", "azure", "norwayeast", "NO"),
    site("azure-fra", "azure", "germanywestcentral", "DE"),
    site("aws-use1", "aws", "us-east-1", "US"),
]


def demand(name: str, **kw) -> Demand:  # type: ignore[no-untyped-def]
    kw.setdefault("cpu_millicores", 1000)
    kw.setdefault("memory_bytes", GI)
    return Demand(name, **kw)


def test_gdpr_tenant_never_lands_outside_the_eea() -> None:
    tenants = [demand(f"t{i}", regime="gdpr", replicas=3, spread="region") for i in range(50)]
    placement = place(FLEET, tenants, REGIMES)
    allowed = {"aws-fra", "gcp-ams", "azure-osl", "azure-fra"}
    for clusters in placement.assignments.values():
        assert set(clusters) <= allowed and len(set(clusters)) == 3


def test_eu_tenant_skips_norway_and_the_prefix_traps() -> None:
    placement = place(FLEET, [demand("t", regime="eu", replicas=3)], REGIMES)
    assert set(placement.assignments["t"]) == {"aws-fra", "gcp-ams", "azure-fra"}


def test_swiss_tenant_has_one_place() -> None:
    assert place(FLEET, [demand("t", regime="ch")], REGIMES).assignments["t"] == ("aws-zrh",)


def test_spread_by_cloud() -> None:
    placement = place(FLEET, [demand("t", regime="gdpr", replicas=3, spread="cloud")], REGIMES)
    clouds = [next(s.cloud for s in FLEET if s.name == c) for c in placement.assignments["t"]]
    assert sorted(clouds) == ["aws", "azure", "gcp"]


def test_spread_by_region_counts_cloud_and_region() -> None:
    fleet = [site("a", "aws", "eu-central-1", "DE"), site("b", "aws", "eu-central-1", "DE")]
    with pytest.raises(PlacementError) as caught:
        place(fleet, [demand("t", replicas=2, spread="region")], REGIMES)
    [failure] = caught.value.failures
    assert failure.constraint == "needs 2 clusters in distinct regions satisfying regime none (any country), found 1"


def test_hints_narrow_the_choice() -> None:
    placement = place(
        FLEET,
        [
            demand("by-label", labels={"tier": "gold"}, replicas=2),
            demand("by-cloud", clouds=("azure",), regime="gdpr", replicas=2),
            demand("by-region", regions=("us-east-1",)),
            demand("by-name", clusters=("gcp-lon",)),
        ],
        REGIMES,
    )
    assert set(placement.assignments["by-label"]) == {"aws-fra", "gcp-ams"}
    assert set(placement.assignments["by-cloud"]) == {"azure-osl", "azure-fra"}
    assert placement.assignments["by-region"] == ("aws-use1",)
    assert placement.assignments["by-name"] == ("gcp-lon",)


def test_named_cluster_outside_the_regime_is_refused() -> None:
    with pytest.raises(PlacementError) as caught:
        place(FLEET, [demand("t", regime="eu", clusters=("aws-lon",))], REGIMES)
    rejections = dict(caught.value.failures[0].rejections)
    assert rejections["aws-lon"] == (
        "region eu-west-2 is in GB, outside regime eu (AT, BE, BG, CY, CZ, DE, DK, EE, ES, FI, FR, GR, HR, "
        "HU, IE, IT, LT, LU, LV, MT, NL, PL, PT, RO, SE, SI, SK)"
    )
    assert rejections["aws-fra"] == "not one of the named clusters (aws-lon)"


def test_capacity_is_respected_with_overcommit() -> None:
    fleet = [site("small", "aws", "eu-central-1", "DE", cpu=4)]
    tenants = [demand(f"t{i}", cpu_millicores=2000) for i in range(4)]
    with pytest.raises(PlacementError) as caught:
        place(fleet, tenants, REGIMES)
    assert [f.tenant for f in caught.value.failures] == ["t2", "t3"]
    assert dict(caught.value.failures[0].rejections)["small"] == (
        "not enough capacity left: 0 cpu and 14Gi free, tenant needs 2 cpu and 1Gi"
    )
    placement = place(fleet, tenants, REGIMES, overcommit_cpu=2.0)
    assert placement.used["small"][0] == 8000


def test_cordoned_cluster_is_drained_within_the_regime() -> None:
    tenants = [demand(f"t{i}", regime="gdpr") for i in range(40)]
    before = place(FLEET, tenants, REGIMES)
    cordoned = [Site(**{**s.__dict__, "cordoned": s.name == "aws-fra"}) for s in FLEET]
    after = place(cordoned, tenants, REGIMES)
    assert "aws-fra" not in {c for cs in after.assignments.values() for c in cs}
    moved = {t for t in before.assignments if before.assignments[t] != after.assignments[t]}
    assert moved == set(before.tenants_on("aws-fra")) and moved
    for tenant in moved:
        assert set(after.assignments[tenant]) <= {"gcp-ams", "azure-osl", "azure-fra"}


def test_a_retired_tenant_takes_no_cluster_and_moves_no_one() -> None:
    tenants = [demand(f"t{i}", regime="gdpr", cpu_millicores=8000) for i in range(12)]
    before = place(FLEET, tenants, REGIMES)
    retired = [Demand(**{**d.__dict__, "retired": d.name == "t3"}) for d in tenants]
    after = place(FLEET, retired, REGIMES)
    assert after.assignments["t3"] == () and after.reasons["t3"] == "retired: placed on no cluster"
    assert {t: c for t, c in after.assignments.items() if t != "t3"} == {
        t: c for t, c in before.assignments.items() if t != "t3"
    }
    freed = before.assignments["t3"][0]
    assert after.used[freed][0] == before.used[freed][0] - 8000


def test_dedicated_clusters_take_only_their_tenant() -> None:
    fleet = [*FLEET, site("ledger-1", "aws", "eu-west-3", "FR", dedicated_to="ledger")]
    tenants = [demand(f"t{i}") for i in range(60)] + [demand("ledger", clusters=("ledger-1",))]
    placement = place(fleet, tenants, REGIMES)
    assert placement.tenants_on("ledger-1") == ["ledger"]


def test_every_decision_has_a_reason() -> None:
    placement = place(FLEET, [demand("t", regime="gdpr", replicas=2, spread="cloud", labels={"tier": "gold"})], REGIMES)
    assert placement.reasons["t"] == (
        "regime gdpr (30 countries), hints labels tier=gold: 2 of 8 clusters eligible; "
        f"{', '.join(placement.assignments['t'])} first on the tenant's hash ring with capacity, spread by cloud"
    )


def test_failure_lists_every_cluster_with_its_reason() -> None:
    with pytest.raises(PlacementError) as caught:
        place(FLEET, [demand("t", regime="ch", replicas=2)], REGIMES)
    text = caught.value.render().splitlines()
    assert text[0] == "tenant 't' cannot be placed: needs 2 clusters satisfying regime ch (CH), found 1"
    assert len(text) == 1 + len(FLEET)
    assert "    aws-zrh: would be used" in text
    assert "    aws-lon: region eu-west-2 is in GB, outside regime ch (CH)" in text


def test_order_of_the_spec_does_not_matter() -> None:
    tenants = [demand(f"t{i}", regime="gdpr", replicas=2, cpu_millicores=1000 * (i % 5 + 1)) for i in range(30)]
    assert place(FLEET, tenants, REGIMES).assignments == place(FLEET, list(reversed(tenants)), REGIMES).assignments
