"""Properties of placement over random fleets (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fleet.core import catalog
from fleet.core.placement import Demand, Placement, PlacementError, Site, place
from fleet.core.residency import builtin

GI = 2**30
REGIMES = builtin()
REGIONS = [r for r in catalog.regions() if r.deployable and r.access == "public"]
# Bias towards Europe so regulated tenants are often placeable and often contended.
EUROPE = [r for r in REGIONS if r.country in {"DE", "FR", "NL", "IE", "NO", "CH", "GB", "SE", "IT"}]


@st.composite
def fleets(draw, roomy: bool = False):  # type: ignore[no-untyped-def]
    count = draw(st.integers(min_value=2, max_value=25))
    sites = []
    for index in range(count):
        region = draw(st.sampled_from(EUROPE if draw(st.booleans()) else REGIONS))
        cpu = draw(st.integers(min_value=8, max_value=128)) * (1000 if roomy else 1)
        sites.append(
            Site(
                name=f"c{index}",
                cloud=region.cloud,
                region=region.name,
                country=region.country,
                cpu_millicores=cpu * 1000,
                memory_bytes=cpu * 4 * GI,
                labels={"tier": draw(st.sampled_from(["gold", "std"]))},
            )
        )
    tenants = [
        Demand(
            name=f"t{index}",
            regime=draw(st.sampled_from(["none", "gdpr", "eu", "us", "uk", "ch"])),
            replicas=draw(st.integers(min_value=1, max_value=3)),
            spread=draw(st.sampled_from(["cluster", "region", "cloud"])),
            cpu_millicores=draw(st.sampled_from([250, 1000, 4000])),
            memory_bytes=draw(st.sampled_from([GI, 4 * GI])),
            labels=draw(st.sampled_from([{}, {}, {"tier": "gold"}])),
        )
        for index in range(draw(st.integers(min_value=1, max_value=40)))
    ]
    return sites, tenants


def try_place(sites: list[Site], tenants: list[Demand]) -> Placement | PlacementError:
    try:
        return place(sites, tenants, REGIMES)
    except PlacementError as err:
        return err


def spread_key(site: Site, spread: str) -> str:
    return {"cloud": site.cloud, "region": f"{site.cloud}:{site.region}", "cluster": site.name}[spread]


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(fleets())
def test_every_placement_satisfies_regime_capacity_and_spread(fleet) -> None:  # type: ignore[no-untyped-def]
    sites, tenants = fleet
    result = try_place(sites, tenants)
    by_name = {s.name: s for s in sites}
    if isinstance(result, PlacementError):
        for failure in result.failures:
            assert failure.constraint.startswith("needs ")
            assert [c for c, _ in failure.rejections] == [s.name for s in sites]
            assert all(why for _, why in failure.rejections)
        return
    used: dict[str, list[int]] = {s.name: [0, 0] for s in sites}
    for tenant in tenants:
        clusters = [by_name[c] for c in result.assignments[tenant.name]]
        assert len(clusters) == tenant.replicas
        assert len({spread_key(c, tenant.spread) for c in clusters}) == tenant.replicas
        for cluster in clusters:
            assert REGIMES[tenant.regime].allows(cluster.cloud, cluster.region)
            assert all(cluster.labels.get(k) == v for k, v in tenant.labels.items())
            used[cluster.name][0] += tenant.cpu_millicores
            used[cluster.name][1] += tenant.memory_bytes
    for name, (cpu, memory) in used.items():
        assert cpu <= by_name[name].cpu_millicores and memory <= by_name[name].memory_bytes


@SETTINGS
@given(fleets())
def test_same_input_same_output(fleet) -> None:  # type: ignore[no-untyped-def]
    sites, tenants = fleet
    first, second = try_place(sites, tenants), try_place(list(sites), list(tenants))
    if isinstance(first, PlacementError):
        assert isinstance(second, PlacementError) and first.render() == second.render()
    else:
        assert isinstance(second, Placement) and first.assignments == second.assignments


@SETTINGS
@given(fleets(roomy=True), st.data())
def test_removing_a_cluster_moves_only_its_tenants(fleet, data) -> None:  # type: ignore[no-untyped-def]
    sites, tenants = fleet
    before = try_place(sites, tenants)
    if isinstance(before, PlacementError):
        return
    removed = data.draw(st.sampled_from(sites)).name
    after = try_place([s for s in sites if s.name != removed], tenants)
    if isinstance(after, PlacementError):
        # Only tenants that lost a replica can become unplaceable.
        assert {f.tenant for f in after.failures} <= set(before.tenants_on(removed))
        return
    for tenant in tenants:
        old, new = before.assignments[tenant.name], after.assignments[tenant.name]
        if removed not in old:
            assert old == new, f"{tenant.name} moved although it was not on {removed}"
        else:
            # It keeps every replica it had elsewhere.
            assert set(old) - {removed} <= set(new)


@SETTINGS
@given(fleets())
def test_under_contention_only_full_clusters_cause_extra_moves(fleet) -> None:  # type: ignore[no-untyped-def]
    sites, tenants = fleet
    before = try_place(sites, tenants)
    if isinstance(before, PlacementError) or len(sites) < 3:
        return
    removed = sites[0].name
    after = try_place(sites[1:], tenants)
    if isinstance(after, PlacementError):
        return
    by_name = {s.name: s for s in sites}
    for tenant in tenants:
        old, new = before.assignments[tenant.name], after.assignments[tenant.name]
        if removed in old or old == new:
            continue
        # A tenant not on the removed cluster moved: one of its old clusters must have run
        # out of room for it after the removal.
        lost = [c for c in old if c not in new]
        assert any(
            after.used[c][0] + tenant.cpu_millicores > by_name[c].cpu_millicores
            or after.used[c][1] + tenant.memory_bytes > by_name[c].memory_bytes
            for c in lost
        ), f"{tenant.name} moved off {lost} with room to spare"
