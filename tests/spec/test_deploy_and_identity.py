"""The deploy path (can `pulumi up` reach every API server it manages?) and identity mappings
(is every group bound on a cluster known to that cluster's cloud?)."""

from __future__ import annotations

from typing import Any

import pytest

from fleet.spec import SpecError, load
from tests.conftest import raw_spec


def problems(spec: dict[str, Any]) -> list[str]:
    with pytest.raises(SpecError) as caught:
        load(spec)
    return [str(p) for p in caught.value.problems]


def test_a_private_endpoint_needs_runners_routed_into_the_cluster_networks() -> None:
    spec = raw_spec("prod")
    del spec["deployer"]["privateNetwork"]
    for cluster in spec["clusters"]:
        cluster.pop("apiEndpoint", None)  # the GKE clusters' DNS endpoint, tested below
    found = problems(spec)
    assert len(found) == 10  # every prod cluster, one problem each
    assert found[0] == (
        "fleet:spec.defaults.apiEndpoint: cluster 'prod-aws-euc1' has a private API endpoint, but the deployer "
        "(self-hosted runners) has no privateNetwork routed into cluster networks, so `pulumi up` could not create "
        "its Kubernetes objects; deploy from self-hosted runners (deployer.runner, runsOn, privateNetwork)"
    )
    assert any(p.endswith("or on GKE set apiEndpoint.dnsEndpoint: true and its dnsEndpointPerimeter") for p in found)


PERIMETER = "accessPolicies/482913650184/servicePerimeters/fleet_prod"


def test_gke_can_be_reached_through_its_dns_endpoint() -> None:
    spec = raw_spec("prod")
    del spec["deployer"]["privateNetwork"]
    for cluster in spec["clusters"]:
        if cluster["cloud"] == "gcp":
            cluster["apiEndpoint"] = {"access": "private", "dnsEndpoint": True, "dnsEndpointPerimeter": PERIMETER}
    assert not any("prod-gcp" in p for p in problems(spec))


def test_the_dns_endpoint_is_guarded_by_a_perimeter_not_by_iam_alone() -> None:
    # Issue 24: "GKE control planes reachable from the internet through the DNS endpoint with IAM
    # as the only guard".
    spec = raw_spec("prod")
    gcp = next(i for i, c in enumerate(spec["clusters"]) if c["cloud"] == "gcp")
    spec["clusters"][gcp]["apiEndpoint"] = {"access": "private", "dnsEndpoint": True}
    (found,) = problems(spec)
    assert found.startswith(
        f"fleet:spec.clusters[{gcp}].apiEndpoint.dnsEndpoint: serves 'prod-gcp-euw4''s control plane to any network "
        "with IAM as its only guard; name the VPC Service Controls perimeter"
    )
    spec["clusters"][gcp]["apiEndpoint"] = {"access": "private", "dnsEndpointPerimeter": PERIMETER}
    (found,) = problems(spec)
    assert found.startswith(f"fleet:spec.clusters[{gcp}].apiEndpoint.dnsEndpointPerimeter: names the perimeter")


def test_a_perimeter_is_written_as_its_resource_name() -> None:
    spec = raw_spec("prod")
    gcp = next(i for i, c in enumerate(spec["clusters"]) if c["cloud"] == "gcp")
    spec["clusters"][gcp]["apiEndpoint"]["dnsEndpointPerimeter"] = "fleet_prod"
    (found,) = problems(spec)
    assert f"clusters[{gcp}].apiEndpoint.dnsEndpointPerimeter" in found and "'fleet_prod'" in found


def test_dns_endpoint_is_gke_only() -> None:
    spec = raw_spec("prod")
    spec["clusters"][0]["apiEndpoint"] = {"access": "private", "dnsEndpoint": True}
    assert problems(spec) == [
        "fleet:spec.clusters[0].apiEndpoint.dnsEndpoint: only GKE has a DNS-based endpoint; 'prod-aws-euc1' is on "
        "AWS: remove dnsEndpoint"
    ]


def test_a_restricted_endpoint_must_admit_the_runners_public_egress() -> None:
    spec = raw_spec("dev")
    spec["deployer"]["publicEgress"] = ["81.2.71.0/28"]
    found = problems(spec)
    assert len(found) == 3
    assert found[0] == (
        "fleet:spec.defaults.apiEndpoint: cluster 'dev-aws-euc1' answers only 81.2.69.160/28, 81.2.70.16/28, but "
        "deployer.publicEgress 81.2.71.0/28 is not inside allowedCidrs; `pulumi up` could not create its Kubernetes "
        "objects: add the runners' static egress to allowedCidrs and deployer.publicEgress"
    )


def test_github_hosted_runners_cannot_be_allow_listed() -> None:
    spec = raw_spec("dev")
    spec["deployer"] = {"runner": "github-hosted", **{k: spec["deployer"][k] for k in ("aws", "azure")}}
    assert "GitHub-hosted runners have no addresses that can be listed" in problems(spec)[0]


def test_private_ranges_are_refused_where_a_public_endpoint_looks() -> None:
    spec = raw_spec("dev")
    spec["defaults"]["apiEndpoint"]["allowedCidrs"] = ["10.200.0.0/16"]
    assert problems(spec) == [
        "fleet:spec.defaults.apiEndpoint.allowedCidrs: '10.200.0.0/16' is a private or reserved range, which a "
        "public endpoint never sees as a source; list public egress ranges here, and reach private endpoints "
        "through deployer.privateNetwork"
    ]


def test_the_runners_network_must_not_overlap_a_cluster() -> None:
    spec = raw_spec("prod")
    spec["deployer"]["privateNetwork"] = spec["clusters"][0]["network"]["nodeCidr"]
    assert problems(spec)[0].startswith(
        "fleet:spec.deployer.privateNetwork: '10.210.0.0/16' overlaps network.nodeCidr 10.210.0.0/16 of cluster "
        "'prod-aws-euc1'"
    )


def test_the_deployer_identity_is_required_per_cloud() -> None:
    spec = raw_spec("dev")
    del spec["deployer"]["aws"], spec["deployer"]["azure"]
    assert [p.split(":", 2)[1] for p in problems(spec)] == ["spec.deployer.aws", "spec.deployer.azure"]


def test_every_group_bound_on_a_cloud_is_mapped_for_it() -> None:
    spec = raw_spec("dev")
    del spec["identity"]["groups"]["web-admins"]["azure"]  # web is placed on AKS
    spec["identity"]["groups"]["data-admins"].pop("gcp")  # data-lab is placed on GKE
    assert problems(spec) == [
        "fleet:spec.tenants[0].owners.admin[0]: group 'web-admins' has no azure mapping, but tenant 'web' is placed "
        "on Azure; add identity.groups.web-admins.azure (the Entra group's object ID)",
        "fleet:spec.tenants[2].owners.admin[0]: group 'data-admins' has no gcp mapping, but tenant 'data-lab' is "
        "placed on GCP; add identity.groups.data-admins.gcp (the Google Group's email)",
    ]


def test_cluster_admins_are_mapped_for_every_cloud_of_the_fleet() -> None:
    spec = raw_spec("dev")
    spec["identity"]["groups"]["platform-admins"].pop("aws")
    assert problems(spec) == [
        "fleet:spec.identity.clusterAdmins[0]: group 'platform-admins' has no aws mapping, but the fleet has AWS "
        "clusters; add identity.groups.platform-admins.aws (the IAM role ARN whose sessions belong to the group)"
    ]


def test_gke_needs_the_google_groups_security_group() -> None:
    spec = raw_spec("dev")
    del spec["identity"]["gcpSecurityGroup"]
    assert problems(spec)[0].startswith("fleet:spec.identity.gcpSecurityGroup: required when groups are bound on GKE")


def test_mappings_are_checked_for_shape() -> None:
    spec = raw_spec("dev")
    spec["identity"]["groups"]["web-admins"] = {"aws": "web-admins", "gcp": "web admins", "azure": "Web-Admins"}
    found = problems(spec)
    assert [p.split(":", 2)[1].split(" ")[0] for p in found] == [
        "spec.identity.groups.web-admins.aws",
        "spec.identity.groups.web-admins.gcp",
        "spec.identity.groups.web-admins.azure",
    ]


def test_runner_settings_belong_to_self_hosted_runners() -> None:
    spec = raw_spec("prod")
    spec["deployer"]["runner"] = "github-hosted"
    assert problems(spec) == [
        "fleet:spec.deployer.runsOn: 'runsOn' is only used with runner: self-hosted; this one has runner: "
        "github-hosted (its keys: publicEgress, aws, azure, preview, runner)",
        "fleet:spec.deployer.privateNetwork: 'privateNetwork' is only used with runner: self-hosted; this one has "
        "runner: github-hosted (its keys: publicEgress, aws, azure, preview, runner)",
    ]
    spec = raw_spec("prod")
    del spec["deployer"]["runsOn"]
    assert problems(spec) == [
        "fleet:spec.deployer.runsOn: required with runner: self-hosted; add it: The deploy job's `runs-on` "
        "labels: the runners that deploy this environment."
    ]


def test_an_opt_in_region_is_refused_until_the_deployer_says_it_is_enabled() -> None:
    # Issue 24: opt-in Regions are a fact of the catalogue; a cluster there waits for the deployer's word.
    spec = raw_spec("prod")
    del spec["deployer"]["aws"]["optInRegions"]
    euzh = next(i for i, c in enumerate(spec["clusters"]) if c.get("region") == "eu-central-2")
    assert problems(spec) == [
        f"fleet:spec.clusters[{euzh}].region: eu-central-2 is an opt-in AWS Region, off in every account until "
        "enabled there: enable it in account 333333333366 (`aws account enable-region --region-name eu-central-2`), "
        "then list it in deployer.aws.optInRegions"
    ]
    spec["deployer"]["aws"]["optInRegions"] = ["eu-central-2", "eu-central-1"]
    assert problems(spec) == [
        "fleet:spec.deployer.aws.optInRegions.1: 'eu-central-1' is not an opt-in AWS Region (those introduced "
        "after 2019-03-20); list only the opt-in Regions enabled for your clusters"
    ]


def test_previews_get_runners_and_identities_of_their_own() -> None:
    # Issue 24: "Pull-request previews run the branch's code on the same self-hosted runners (and with
    # the same identities) that deploy prod."
    spec = raw_spec("prod")
    del spec["deployer"]["preview"]
    [found] = problems(spec)
    assert found.startswith("fleet:spec.deployer.preview: is missing: previews run unreviewed code")
    spec = raw_spec("prod")
    spec["deployer"]["preview"]["runsOn"] = ["self-hosted", "fleet-prod"]
    assert problems(spec) == [
        "fleet:spec.deployer.preview.runsOn: ['self-hosted', 'fleet-prod'] are all labels the deploy runners carry "
        "(['self-hosted', 'linux', 'fleet-prod']), so a preview could run on one; add a label only preview runners "
        "carry, such as fleet-preview"
    ]
    spec = raw_spec("prod")
    spec["deployer"]["preview"]["awsRoleArn"] = "arn:aws:iam::333333333344:role/fleet-deployer"  # prod's, there
    spec["deployer"]["preview"]["azurePrincipalObjectId"] = spec["deployer"]["azure"]["principalObjectId"]
    del spec["deployer"]["preview"]["gcpServiceAccount"]
    assert problems(spec) == [
        "fleet:spec.deployer.preview.gcpServiceAccount: is missing: the stack has GCP clusters, which previews read "
        "as this identity",
        "fleet:spec.deployer.preview.awsRoleArn: is a deploy role; previews need a read-only role of their own",
        "fleet:spec.deployer.preview.azurePrincipalObjectId: is the deploy principal; previews need a read-only one",
    ]
