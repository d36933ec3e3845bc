"""Tenant, regime and placement problems are reported like any other spec problem."""

from __future__ import annotations

import pytest

from fleet.spec import SpecError, load
from tests.conftest import raw_spec


def problems(stack: str, mutate) -> list[str]:  # type: ignore[no-untyped-def]
    spec = raw_spec(stack)
    mutate(spec)
    with pytest.raises(SpecError) as caught:
        load(spec)
    return [str(p) for p in caught.value.problems]


def tenant(spec, name):  # type: ignore[no-untyped-def]
    return next(t for t in spec["tenants"] if t["name"] == name)


def test_unknown_regime() -> None:
    assert problems("dev", lambda s: tenant(s, "payments").update(residency="gdrp")) == [
        "fleet:spec.tenants[1].residency: 'gdrp' is not a regime; did you mean 'gdpr'? use one of none, eu, gdpr, "
        "ch, uk, us, ca or define it under regimes"
    ]


def test_a_regime_typo_between_two_countries_suggests_neither() -> None:
    # 'cb' is one edit from 'ch' (Switzerland) and from 'ca' (Canada): a guess could move the data.
    (message,) = problems("dev", lambda s: tenant(s, "payments").update(residency="cb"))
    assert "did you mean" not in message and "'cb' is not a regime; use one of" in message


def test_values_out_of_a_list_get_did_you_mean_in_the_specs_own_words() -> None:
    (message,) = problems("dev", lambda s: s["defaults"]["apiEndpoint"].update(access="restrcted"))
    assert message.endswith(
        "apiEndpoint.access: 'restrcted' is not one of 'private', 'restricted'; did you mean 'restricted'? "
        "write one of them"
    )
    (message,) = problems("dev", lambda s: tenant(s, "data-lab").update(isolation="vcluser"))
    assert "'vcluser' is not supported; did you mean 'vcluster'? use one of" in message
    assert "Input should" not in message


def test_cluster_region_outside_its_own_regime() -> None:
    def move(s):  # type: ignore[no-untyped-def]
        s["clusters"][0].update(region="eu-central-2", residency="eu")
        s["deployer"]["aws"]["optInRegions"] = ["eu-central-2"]  # enabled there, as the spec asks

    assert problems("dev", move) == [
        "fleet:spec.clusters[0].region: 'eu-central-2' is in CH, outside regime eu (AT, BE, BG, CY, CZ, DE, DK, "
        "EE, ES, FI, FR, GR, HR, HU, IE, IT, LT, LU, LV, MT, NL, PL, PT, RO, SE, SI, SK); pick a region from "
        "`fleet regions --regime eu`",
        # The account's cloud guardrail (gdpr) would deny the moved cluster's own API calls.
        "fleet:spec.guardrails[0].regime: cluster 'dev-aws-euc1' (clusters[0]) in account 111111111111 runs in "
        "eu-central-2 (CH), which regime gdpr (30 countries) does not allow: the AWS guardrail would deny the "
        "cluster's own API calls; move the cluster to a scope of its own, or cover this account with a guardrail "
        "whose regime allows eu-central-2",
    ]


def test_duplicate_and_reserved_tenant_names() -> None:
    def mutate(s):  # type: ignore[no-untyped-def]
        s["tenants"][1]["name"] = "web"
        s["tenants"][2]["name"] = "kube-system"

    assert problems("dev", mutate) == [
        "fleet:spec.tenants[1].name: 'web' is already the name of tenants[0]; tenant names must be unique",
        "fleet:spec.tenants[2].name: 'kube-system' is a system namespace name; choose another tenant name",
    ]


def test_unknown_peer_tenant() -> None:
    assert problems("dev", lambda s: tenant(s, "payments")["network"].update(allowFrom=[{"tenant": "wbe"}])) == [
        "fleet:spec.tenants[1].network.allowFrom[0].tenant: 'wbe' is not a tenant; name one of data-lab, payments, web"
    ]


def test_unknown_placement_cluster() -> None:
    assert problems("dev", lambda s: tenant(s, "web").update(placement={"clusters": ["dev-aws"]})) == [
        "fleet:spec.tenants[0].placement.clusters[0]: 'dev-aws' is not a cluster; name one of dev-aws-euc1, "
        "dev-azure-weu, dev-gcp-euw1"
    ]


def test_quota_that_fits_nowhere_lists_every_cluster() -> None:
    [message] = problems("dev", lambda s: tenant(s, "payments")["quota"].update(cpu=64))
    lines = message.splitlines()
    assert lines[0] == (
        "fleet:spec.tenants[1]: cannot be placed: needs 1 cluster satisfying regime gdpr (30 countries), found 0; "
        "add capacity or a cluster, or relax the constraint:"
    )
    assert sorted(line.strip() for line in lines[1:]) == [
        # Larger tenants are placed first, so this one saw every cluster empty.
        "dev-aws-euc1: not enough capacity left: 8 cpu and 32Gi free, tenant needs 64 cpu and 8Gi",
        "dev-azure-weu: not enough capacity left: 8 cpu and 32Gi free, tenant needs 64 cpu and 8Gi",
        "dev-gcp-euw1: not enough capacity left: 8 cpu and 32Gi free, tenant needs 64 cpu and 8Gi",
    ]


def test_overcommit_makes_room() -> None:
    spec = raw_spec("dev")
    tenant(spec, "payments")["quota"]["cpu"] = 12
    with pytest.raises(SpecError):
        load(spec)
    spec["placement"] = {"overcommitCpu": 2.0}
    assert load(spec).placement.assignments["payments"]


def test_regime_with_too_few_clusters_for_its_replicas() -> None:
    [message] = problems("prod", lambda s: tenant(s, "swiss-wealth").update(replicas=2))
    assert message.splitlines()[0] == (
        "fleet:spec.tenants[2]: cannot be placed: needs 2 clusters satisfying regime ch (CH), found 1; add "
        "capacity or a cluster, or relax the constraint:"
    )
    assert "      prod-aws-euzh: would be used" in message.splitlines()
    assert "      prod-aws-euc1: region eu-central-1 is in DE, outside regime ch (CH)" in message.splitlines()


def test_cordoning_moves_tenants_within_their_regime() -> None:
    before = load(raw_spec("prod")).placement
    spec = raw_spec("prod")
    next(c for c in spec["clusters"] if c["name"] == "prod-aws-euc1")["cordoned"] = True
    after = load(spec).placement
    moved = {t for t in before.assignments if before.assignments[t] != after.assignments[t]}
    assert moved == set(before.tenants_on("prod-aws-euc1"))
    assert after.tenants_on("prod-aws-euc1") == []


def test_dedicated_cluster_problems() -> None:
    def mutate(s):  # type: ignore[no-untyped-def]
        ledger = tenant(s, "ledger")
        ledger["dedicated"]["clusters"][0]["region"] = "eu-west-2"  # London: outside gdpr
        s["deployer"]["aws"]["transitGateways"]["eu-west-2"] = "tgw-0123456789abcdef0"  # reachable, not compliant
        ledger["dedicated"]["clusters"][1]["nodeCidr"] = "10.210.0.0/16"  # prod-aws-euc1's range

    assert problems("prod", mutate) == [
        "fleet:spec.tenants[6].dedicated.clusters[1].nodeCidr: '10.210.0.0/16' overlaps 10.210.0.0/16 of cluster "
        "'prod-aws-euc1'; node ranges must be disjoint so clusters can be peered",
        "fleet:spec.tenants[6].dedicated.clusters[0].region: 'eu-west-2' is in GB, outside regime gdpr (AT, BE, "
        "BG, CY, CZ, DE, DK, EE, ES, FI, FR, GR, HR, HU, IE, IS, IT, LI, LT, LU, LV, MT, NL, NO, PL, PT, RO, SE, "
        "SI, SK); pick a region from `fleet regions --regime gdpr`",
        "fleet:spec.tenants[6].dedicated.clusters[0].region: 'eu-west-2' is in GB, outside the tenant's regime "
        "gdpr (AT, BE, BG, CY, CZ, DE, DK, EE, ES, FI, FR, GR, HR, HU, IE, IS, IT, LI, LT, LU, LV, MT, NL, NO, "
        "PL, PT, RO, SE, SI, SK)",
        # The ledger account's guardrail (gdpr) would deny the moved cluster's own API calls.
        "fleet:spec.guardrails[4].regime: cluster 'ledger-dedicated-1' (tenants[6].dedicated.clusters[0]) in "
        "account 333333333377 runs in eu-west-2 (GB), which regime gdpr (30 countries) does not allow: the AWS "
        "guardrail would deny the cluster's own API calls; move the cluster to a scope of its own, or cover this "
        "account with a guardrail whose regime allows eu-west-2",
    ]


def test_dedicated_needs_a_known_template() -> None:
    assert problems("prod", lambda s: tenant(s, "ledger")["dedicated"].update(template="eks-dedicatd")) == [
        "fleet:spec.tenants[6].dedicated.template: 'eks-dedicatd' is not a cluster template; defined: eks-dedicated"
    ]


def test_bad_region_in_a_dedicated_cluster() -> None:
    [message] = problems("prod", lambda s: tenant(s, "ledger")["dedicated"]["clusters"][0].update(region="eu-nrth-1"))
    assert message.startswith(
        "fleet:spec.tenants[6].dedicated.clusters[0].region: 'eu-nrth-1' is not a region of AWS; did you mean"
    )


def test_custom_regime_problems() -> None:
    def mutate(s):  # type: ignore[no-untyped-def]
        s["regimes"][0] = {"name": "dach", "countries": ["DE", "XX"]}

    assert problems("prod", mutate) == [
        "fleet:spec.regimes[0].countries: 'XX' is not a country with a cloud region; use one of AD, AE, AR, AT, "
        "AU, BE, BG, BH, BR, CA, CH, CL, CN, CY, CZ, DE, DK, EE, ES, FI, FO, FR, GB, GG, GI, GR, HK, HR, HU, ID, "
        "IE, IL, IM, IN, IS, IT, JE, JP, KR, LI, LT, LU, LV, MC, MT, MX, MY, NL, NO, NZ, PL, PT, QA, RO, SA, SE, "
        "SG, SI, SK, TH, TW, US, UY, ZA"
    ]


def test_quota_limits_below_requests() -> None:
    assert problems("dev", lambda s: tenant(s, "web")["quota"].update(limitsCpu="1")) == [
        "fleet:spec.tenants[0].quota: limitsCpu 1 is below cpu 2; limits must be >= requests"
    ]


def test_isolation_cluster_without_dedicated() -> None:
    assert problems("dev", lambda s: tenant(s, "web").update(isolation="cluster")) == [
        "fleet:spec.tenants[0].dedicated: required with isolation: cluster; add it: The template and, per "
        "cluster, its region and node range."
    ]


def test_dedicated_only_with_isolation_cluster() -> None:
    dedicated = {"template": "t", "clusters": [{"region": "eu-central-1", "nodeCidr": "10.90.0.0/16"}]}
    assert problems("dev", lambda s: tenant(s, "web").update(isolation="vcluster", dedicated=dedicated)) == [
        "fleet:spec.tenants[0].dedicated: 'dedicated' is only used with isolation: cluster; this one has "
        "isolation: vcluster (its keys: name, owners, residency, replicas, spread, quota, limits, network, "
        "placement, labels, leaving, retired, isolation)"
    ]


def test_unknown_isolation_names_the_key_and_the_choices() -> None:
    assert problems("dev", lambda s: tenant(s, "web").update(isolation="vm")) == [
        "fleet:spec.tenants[0].isolation: 'vm' is not supported; use one of 'namespace', 'vcluster', 'cluster'"
    ]
