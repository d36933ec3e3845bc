"""Why each other cluster was not chosen (fleet.placement.rejections): what eligibility refused,
what the walk passed over and why, and what it never reached."""

from __future__ import annotations

from fleet.core.placement import NOT_REACHED, Demand, Site, place, rejections
from fleet.core.residency import builtin

GI = 2**30


def test_passed_over_clusters_say_why_and_the_rest_were_not_reached() -> None:
    sites = [
        Site("small-1", "aws", "eu-central-1", "DE", 1000, 4 * GI),
        Site("small-2", "gcp", "europe-west3", "DE", 1000, 4 * GI),
        Site("big", "azure", "germanywestcentral", "DE", 64000, 256 * GI),
        Site("spare", "azure", "westeurope", "NL", 64000, 256 * GI),
        Site("us", "aws", "us-east-1", "US", 64000, 256 * GI),
        Site("off", "aws", "eu-west-3", "FR", 64000, 256 * GI, cordoned=True),
    ]
    kinds = set()
    for index in range(40):
        demand = Demand(f"t{index}", regime="eu", replicas=1, cpu_millicores=8000, memory_bytes=16 * GI)
        placement = place(sites, [demand], builtin())
        why = dict(rejections(sites, demand, builtin(), placement))
        assert set(why) == {s.name for s in sites} - set(placement.assignments[demand.name])
        assert why["us"].startswith("region us-east-1 is in US, outside regime eu")
        assert why["off"] == "cordoned"
        for name in ("small-1", "small-2"):
            assert why[name] in (
                NOT_REACHED,
                "not enough capacity left: 1 cpu and 4Gi free, tenant needs 8 cpu and 16Gi",
            )
            kinds.add(why[name])
        other = ({"big", "spare"} - set(placement.assignments[demand.name])).pop()
        assert why[other] == NOT_REACHED  # both fit: the one after the chosen one is never reached
    assert kinds == {NOT_REACHED, "not enough capacity left: 1 cpu and 4Gi free, tenant needs 8 cpu and 16Gi"}


def test_a_spread_conflict_is_named() -> None:
    sites = [Site(f"aws-{i}", "aws", "eu-central-1", "DE", 64000, 256 * GI) for i in range(4)]
    sites.append(Site("gcp", "gcp", "europe-west3", "DE", 64000, 256 * GI))
    seen = set()
    for index in range(40):
        demand = Demand(f"t{index}", regime="gdpr", replicas=2, spread="cloud")
        placement = place(sites, [demand], builtin())
        chosen = placement.assignments[demand.name]
        assert "gcp" in chosen
        first_aws = next(c for c in chosen if c != "gcp")
        for cluster, why in rejections(sites, demand, builtin(), placement):
            assert why in (NOT_REACHED, f"same cloud as {first_aws} (spread cloud)"), (cluster, why)
            seen.add(why.split(" as ")[0])
    assert seen == {NOT_REACHED, "same cloud"}
