"""What a hostile or careless branch can write that parses but is wrong (issue 21's second fuzzing
round): each is refused with its key path and the limit it breaks, where a cloud or Kubernetes
documents one."""

from __future__ import annotations

from typing import Any

import pytest

from fleet.spec import SpecError, load
from tests.conftest import raw_spec

EXISTING = {
    "name": "onprem-a",
    "cloud": "existing",
    "country": "DE",
    "site": "fra1",
    "kubernetesVersion": "1.35",
    "capacity": {"cpu": 8, "memory": "32Gi"},
    "kubeconfigSecret": "fleet:kc-a",
}


def problems(spec: dict[str, Any]) -> list[str]:
    with pytest.raises(SpecError) as caught:
        load(spec)
    return [str(p) for p in caught.value.problems]


def one(spec: dict[str, Any]) -> str:
    found = problems(spec)
    assert len(found) == 1, found
    return found[0]


def test_one_existing_cluster_declared_twice() -> None:
    spec = raw_spec("dev")
    spec["clusters"] += [EXISTING, dict(EXISTING, name="onprem-b")]
    assert one(spec).startswith("fleet:spec.clusters[4].kubeconfigSecret: 'fleet:kc-a' is also the kubeconfig of")


@pytest.mark.parametrize(("site", "where"), [("us-east-1", "US"), ("eu-central-2", "CH"), ("eastus", "US")])
def test_an_existing_sites_region_in_another_country(site: str, where: str) -> None:
    spec = raw_spec("dev")
    spec["clusters"].append(dict(EXISTING, site=site))
    message = one(spec)
    assert message.startswith(f"fleet:spec.clusters[3].site: '{site}' is the ") and f" in {where}, " in message


def test_an_existing_site_in_its_own_country_is_fine() -> None:
    spec = raw_spec("dev")
    spec["clusters"].append(dict(EXISTING, site="eu-central-1"))
    load(spec)


@pytest.mark.parametrize("cidrs", [["0.0.0.0/1", "128.0.0.0/1"], ["64.0.0.0/2"], ["2000::/3"]])
def test_allowed_cidrs_that_split_the_internet(cidrs: list[str]) -> None:
    spec = raw_spec("dev")
    spec["defaults"] = {"apiEndpoint": {"access": "restricted", "allowedCidrs": cidrs}}
    assert "opens the API server to a large part of the internet" in problems(spec)[0]


def test_more_allowed_cidrs_than_the_cloud_takes() -> None:
    spec = raw_spec("dev")
    spec["defaults"] = {"apiEndpoint": {"access": "restricted", "allowedCidrs": [f"81.{i}.0.0/16" for i in range(41)]}}
    assert problems(spec) == [
        "fleet:spec.defaults.apiEndpoint.allowedCidrs: the defaults' apiEndpoint lists 41 ranges; AWS takes at most "
        "40 for cluster 'dev-aws-euc1': merge ranges"
    ]


@pytest.mark.parametrize(
    "pattern", ["arn:aws:iam::*:role/*", "arn:aws:iam::111111111111:role/*", "arn:aws:iam::*:role/?*"]
)
def test_scp_exemptions_that_match_every_role(pattern: str) -> None:
    spec = raw_spec("dev")
    spec["guardrails"][0]["aws"]["exemptPrincipals"] = [pattern]
    assert "matches every role" in one(spec)


@pytest.mark.parametrize(
    "pattern",
    ["arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*",
     "arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_*",
     "arn:aws:iam::*:role/aws-reserved/*", "arn:aws:iam::*:role/aws-*/sso.amazonaws.com/*"],
)  # fmt: skip
def test_scp_exemptions_that_match_every_identity_center_role(pattern: str) -> None:
    spec = raw_spec("dev")
    spec["guardrails"][0]["aws"]["exemptPrincipals"] = [pattern]
    assert "matches every IAM Identity Center role (everyone who signs in)" in one(spec)


def test_a_named_break_glass_role_is_fine() -> None:
    spec = raw_spec("dev")
    spec["guardrails"][0]["aws"]["exemptPrincipals"] = ["arn:aws:iam::*:role/break-glass-*"]
    load(spec)
    # One Identity Center permission set is named roles too.
    spec["guardrails"][0]["aws"]["exemptPrincipals"] = [
        "arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_BreakGlass_*"
    ]
    load(spec)


def test_deployer_and_group_roles_from_another_partition() -> None:
    spec = raw_spec("dev")
    spec["deployer"]["aws"]["roleArn"] = "arn:aws-cn:iam::111111111111:role/fleet-deployer"
    spec["identity"]["groups"]["web-admins"]["aws"] = "arn:aws-us-gov:iam::111111111111:role/web-admins"
    found = problems(spec)
    assert [p.split(":", 2)[1] for p in found] == ["spec.deployer.aws.roleArn", "spec.identity.groups.web-admins.aws"]
    assert all("but the AWS clusters are in partition 'aws'" in p for p in found)


@pytest.mark.parametrize("gateway", ["tgw-0123456789ab", "tgw-0123456789abcdef01", "tgw-0123456"])
def test_malformed_transit_gateway_ids(gateway: str) -> None:
    spec = raw_spec("prod")
    spec["deployer"]["aws"]["transitGateways"]["eu-central-1"] = gateway
    assert "is not a transit gateway ID" in one(spec)


def test_two_groups_mapped_to_one_principal() -> None:
    spec = raw_spec("dev")
    groups = spec["identity"]["groups"]
    groups["support"] = dict(groups["support"], azure=groups["web-admins"]["azure"])
    message = one(spec)
    assert "groups 'web-admins' and 'support' map to the same azure principal" in message


def test_shard_selectors_naming_nothing() -> None:
    spec = raw_spec("dev")
    spec["shards"] = [
        {"name": "a", "clusters": {"clusters": ["dev-aws-euc1", "no-such-cluster"]}},
        {"name": "b", "clusters": {"regions": ["mars-1"]}},
        {"name": "c", "clusters": {"clouds": ["gcp", "azure"]}},
    ]
    found = problems(spec)
    assert any(
        p.startswith("fleet:spec.shards[0].clusters.clusters[1]: 'no-such-cluster' is not a cluster") for p in found
    )
    assert any(p.startswith("fleet:spec.shards[1].clusters.regions[0]: 'mars-1' is no cloud's region") for p in found)
    assert any(p.startswith("fleet:spec.shards[1].clusters: shard 'b' selects no cluster") for p in found)


def test_more_labels_than_a_cloud_accepts_as_tags() -> None:
    spec = raw_spec("dev")
    spec["clusters"][0]["labels"] = {f"k{i}": "v" for i in range(44)}
    assert one(spec) == (
        "fleet:spec.clusters[0].labels: 44 labels and the 7 fleet adds are more than the 50 tags AWS accepts on a "
        "resource; keep at most 43"
    )


@pytest.mark.parametrize(
    ("key", "value"),
    [("pods", 10**30), ("pods", 150_001), ("services", 10_001), ("nodePorts", 2_769), ("secrets", 2**63)],
)
def test_absurd_quotas(key: str, value: int) -> None:
    spec = raw_spec("dev")
    spec["tenants"][0]["quota"][key] = value
    assert one(spec).startswith(f"fleet:spec.tenants[0].quota.{key}: {value!r} is out of range; it must be at most")


@pytest.mark.parametrize(
    ("path", "value"),
    [(("production",), 1), (("production",), "yes"), (("tenants", 0, "network", "allowInternetEgress"), 0)],
)
def test_booleans_written_as_numbers_or_words(path: tuple[Any, ...], value: Any) -> None:
    spec = raw_spec("dev")
    target = spec
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    assert "expected true or false" in one(spec)


def test_a_whole_number_written_as_a_boolean() -> None:
    spec = raw_spec("dev")
    spec["tenants"][0]["quota"]["pods"] = True
    assert "expected a whole number, got bool True" in one(spec)


def test_a_long_extends_chain_is_refused_not_recursed() -> None:
    spec = raw_spec("dev")
    spec["regimes"] = [{"name": f"r{i}", "extends": f"r{i + 1}"} for i in range(3000)] + [
        {"name": "r3000", "countries": ["DE"]}
    ]
    assert "extends a chain of more than 16 regimes" in one(spec)


@pytest.mark.parametrize(
    ("regions", "countries", "says"),
    [
        (["azure:West Europe"], [], "'azure:West Europe' is not how fleet names the region; write azure:westeurope"),
        (["aws:eu-central-1", "aws:eu-central-1"], [], "'aws:eu-central-1' is listed twice"),
        ([], ["DE", "DE"], "'DE' is listed twice"),
    ],
)
def test_regime_regions_and_countries_are_written_once_as_fleet_names_them(
    regions: list[str], countries: list[str], says: str
) -> None:
    spec = raw_spec("dev")
    spec["regimes"] = [{"name": "mine", "regions": regions, "countries": countries}]
    assert says in one(spec)
