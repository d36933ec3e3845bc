"""Every kind of bad input gets one message naming the key path, the value and the fix."""

from __future__ import annotations

import pytest

from fleet.spec import SpecError, load
from tests.conftest import raw_spec


def problems(mutate) -> list[str]:  # type: ignore[no-untyped-def]
    spec = raw_spec("dev")
    mutate(spec)
    with pytest.raises(SpecError) as caught:
        load(spec)
    return [str(p) for p in caught.value.problems]


def test_valid_stacks_load() -> None:
    for name in ("dev", "staging", "prod"):
        assert load(raw_spec(name)).clusters


def test_unknown_cloud() -> None:
    assert problems(lambda s: s["clusters"][1].update(cloud="google")) == [
        "fleet:spec.clusters[1].cloud: 'google' is not supported; use one of 'aws', 'gcp', 'azure', 'existing'"
    ]


def test_missing_cloud() -> None:
    assert problems(lambda s: s["clusters"][1].pop("cloud")) == [
        "fleet:spec.clusters[1]: the key 'cloud' is missing; set cloud to one of 'aws', 'gcp', 'azure', 'existing'"
    ]


def test_misspelled_region_suggests_the_nearest() -> None:
    assert problems(lambda s: s["clusters"][0].update(region="eu-centrl-1")) == [
        "fleet:spec.clusters[0].region: 'eu-centrl-1' is not a region of AWS; did you mean "
        "'eu-central-1' (Europe (Frankfurt)), in DE? run `fleet regions --cloud aws` for the list"
    ]


def test_region_of_another_cloud() -> None:
    [message] = problems(lambda s: s["clusters"][1].update(region="westeurope"))
    assert message.startswith("fleet:spec.clusters[1].region: 'westeurope' is not a region of GCP;")


def test_internal_azure_region_is_not_deployable() -> None:
    [message] = problems(lambda s: s["clusters"][2].update(region="eastus2euap"))
    assert message.startswith("fleet:spec.clusters[2].region: 'eastus2euap' is not a region of Azure;")


def test_azure_display_name_is_normalised() -> None:
    spec = raw_spec("dev")
    spec["clusters"][2]["region"] = "West Europe"
    assert load(spec).clusters[2].region == "westeurope"


def test_duplicate_cluster_names() -> None:
    assert problems(lambda s: s["clusters"][2].update(name="dev-aws-euc1")) == [
        "fleet:spec.clusters[2].name: 'dev-aws-euc1' is already the name of clusters[0]; cluster names must be unique"
    ]


@pytest.mark.parametrize("name", ["Prod_EU", "-edge", "a" * 64, "edge-"])
def test_invalid_dns_names(name: str) -> None:
    assert problems(lambda s: s["clusters"][0].update(name=name)) == [
        f"fleet:spec.clusters[0].name: {name!r} is not a DNS-1123 label; use 1-63 lowercase letters, "
        "digits and '-', starting with a letter and ending with a letter or digit"
    ]


def test_overlapping_node_ranges_across_clusters() -> None:
    assert problems(lambda s: s["clusters"][2]["network"].update(nodeCidr="10.10.128.0/17")) == [
        "fleet:spec.clusters[2].network.nodeCidr: '10.10.128.0/17' overlaps 10.10.0.0/16 of cluster "
        "'dev-aws-euc1'; node ranges must be disjoint so clusters can be peered"
    ]


def test_overlapping_ranges_inside_a_cluster() -> None:
    assert problems(lambda s: s["clusters"][1]["network"].update(podCidr="10.20.0.0/16")) == [
        "fleet:spec.clusters[1]: network.nodeCidr 10.20.0.0/20 overlaps network.podCidr 10.20.0.0/16; "
        "give each range its own addresses"
    ]


def test_unsupported_kubernetes_version() -> None:
    assert problems(lambda s: s["clusters"][0].update(kubernetesVersion="1.29")) == [
        "fleet:spec.clusters[0].kubernetesVersion: Kubernetes '1.29' is not supported; pin one of "
        '1.34, 1.35, 1.36 (quote it in YAML: "1.35")'
    ]


def test_unquoted_version_is_read_as_written() -> None:
    # YAML reads 1.35 as a float; it must not silently become "1.35000001" or be rejected.
    spec = raw_spec("dev")
    spec["clusters"][0]["kubernetesVersion"] = 1.35
    assert load(spec).clusters[0].kubernetes_version == "1.35"


def test_min_greater_than_max() -> None:
    assert problems(lambda s: s["clusters"][0]["nodePools"][0].update(minSize=5, maxSize=3)) == [
        "fleet:spec.clusters[0].nodePools[0]: minSize 5 is greater than maxSize 3; raise maxSize or lower minSize"
    ]


def test_wrong_types() -> None:
    def mutate(s):  # type: ignore[no-untyped-def]
        s["clusters"][0]["nodePools"][0]["maxSize"] = "lots"
        s["defaults"]["security"]["auditLogs"] = "maybe"

    assert problems(mutate) == [
        "fleet:spec.defaults.security.auditLogs: expected true or false, got str 'maybe'; write true or false",
        "fleet:spec.clusters[0].nodePools[0].maxSize: expected a whole number, got str 'lots'; write it unquoted, "
        "e.g. 3",
    ]


def test_unknown_keys_suggest_the_nearest() -> None:
    def mutate(s):  # type: ignore[no-untyped-def]
        s["clusters"][2]["netwrk"] = {}
        s["clusters"][0]["nodePools"][0]["machine_type"] = "m7i.large"

    assert problems(mutate) == [
        "fleet:spec.clusters[0].nodePools[0].machine_type: unknown key 'machine_type'; did you mean "
        "'machineType'? allowed keys here: name, machineType, minSize, maxSize, diskSizeGb",
        "fleet:spec.clusters[2].netwrk: unknown key 'netwrk'; did you mean 'network'? allowed keys here: "
        "name, kubernetesVersion, capacity, labels, residency, cordoned, region, network, nodePools, apiEndpoint, "
        "security, maintenance, cloud, subscription, adminGroupObjectIds",
    ]


def test_machine_type_of_another_cloud() -> None:
    assert problems(lambda s: s["clusters"][2]["nodePools"][0].update(machineType="m7i.large")) == [
        "fleet:spec.clusters[2].nodePools[0].machineType: 'm7i.large' is not an Azure VM size such as "
        "Standard_D4s_v5 (Azure)"
    ]


def test_api_open_to_the_internet() -> None:
    assert problems(lambda s: s["defaults"]["apiEndpoint"].update(allowedCidrs=["0.0.0.0/0"])) == [
        "fleet:spec.defaults.apiEndpoint.allowedCidrs: '0.0.0.0/0' opens the API server to the whole "
        "internet; list your office or CI egress ranges instead"
    ]


def test_pod_range_on_eks_is_rejected() -> None:
    assert problems(lambda s: s["clusters"][0]["network"].update(podCidr="10.64.0.0/14")) == [
        "fleet:spec.clusters[0].network.podCidr: '10.64.0.0/14' is not used on EKS: pods take VPC "
        "addresses (VPC CNI); remove podCidr"
    ]


def test_all_problems_are_reported_at_once() -> None:
    def mutate(s):  # type: ignore[no-untyped-def]
        s["clusters"][0]["region"] = "mars-1"
        s["clusters"][1]["kubernetesVersion"] = "1.20"
        s["clusters"][2]["capacity"]["memory"] = "lots"

    found = problems(mutate)
    assert [p.split(":")[1].split(" ")[0] for p in found] == [
        "spec.clusters[0].region",
        "spec.clusters[1].kubernetesVersion",
        "spec.clusters[2].capacity.memory",
    ]


def test_spec_must_be_a_map() -> None:
    with pytest.raises(SpecError) as caught:
        load(["not", "a", "map"])
    assert str(caught.value.problems[0]) == "fleet:spec: expected a map of settings, got list ['not', 'a', 'map']"


@pytest.mark.parametrize(
    ("key", "value"),
    [("environment", "Prod_1"), ("owner", 7), ("placement", {"overcommitCpu": "x"}), ("vcluster", []),
     ("production", "yes")],
)  # fmt: skip
def test_a_broken_setting_no_other_check_reads_does_not_hide_the_rest(key: str, value: object) -> None:
    """Validation in one pass: a malformed environment-wide setting that only its own check reads is
    reported together with the spec's other problems, not in a second round."""
    spec = raw_spec("prod")
    spec[key] = value
    spec["tenants"][1]["residency"] = "gdrp"
    with pytest.raises(SpecError) as caught:
        load(spec)
    paths = [p.path for p in caught.value.problems]
    assert any(p.startswith(f"fleet:spec.{key}") for p in paths)
    assert "fleet:spec.tenants[1].residency" in paths
