"""`fleet preflight`: what a stack's first `pulumi up` needs to exist already, from the spec."""

from __future__ import annotations

from fleet.core import catalog
from fleet.preflight.checklist import checklist, render
from tests.conftest import fleet_of


def items(stack: str, with_waves: bool = True) -> dict[tuple[str, str], list[str]]:
    return {(s.cloud, s.name): s.items for s in checklist(fleet_of(stack), with_waves=with_waves)}


def test_an_opt_in_region_is_listed_in_the_account_of_its_cluster_only() -> None:
    """prod-aws-euzh (eu-central-2, Zurich) is in account 333333333366; the others are default regions."""
    found = items("prod")
    opt_in = {key for key, listed in found.items() if any("eu-central-2 enabled" in i for i in listed)}
    assert opt_in == {("aws", "333333333366")}
    assert catalog.aws_opt_in("eu-central-2") and not catalog.aws_opt_in("eu-central-1")
    assert not catalog.aws_opt_in("us-east-1")


def test_the_aws_regions_on_by_default_are_the_seventeen_older_than_2019_03_20() -> None:
    # "AWS Regions introduced before March 20, 2019 are enabled by default" (AWS Account Management).
    commercial = {r.name for r in catalog.regions("aws") if r.scope == "aws"}
    assert commercial - {r for r in commercial if catalog.aws_opt_in(r)} == {
        "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "sa-east-1",
        "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1",
        "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-southeast-1", "ap-southeast-2",
    }  # fmt: skip
    assert {"af-south-1", "ap-east-1", "eu-south-1", "me-south-1", "il-central-1"} <= {
        r for r in commercial if catalog.aws_opt_in(r)
    }


def test_group_roles_are_listed_in_the_account_their_arn_names_and_deploy_roles_in_each_account() -> None:
    found = items("prod")
    home = found[("aws", "333333333333")]
    assert (
        "IAM role arn:aws:iam::333333333333:role/fleet-deployer (the deploy role there), trusted as "
        "docs/DEPLOYING.md shows" in home
    )
    assert any(
        i.startswith("IAM role arn:aws:iam::333333333333:role/fleet/wealth-admins (group wealth-admins") for i in home
    )
    for account in ("333333333344", "333333333355", "333333333366", "333333333377"):
        assert found[("aws", account)][0] == (
            f"IAM role arn:aws:iam::{account}:role/fleet-deployer (the deploy role there), trusted as "
            "docs/DEPLOYING.md shows"
        )
        assert not any("role/fleet/" in i for i in found[("aws", account)])


def test_gcp_projects_get_their_apis_and_groups_and_the_fleet_api_only_with_waves() -> None:
    with_waves, without = items("staging"), items("staging", with_waves=False)
    project = next(k for k in with_waves if k[0] == "gcp")
    assert "API gkehub.googleapis.com enabled" in with_waves[project]
    assert "API gkehub.googleapis.com enabled" not in without[project]
    assert "API container.googleapis.com enabled" in without[project]
    assert any(i.startswith("Google group platform-admins@acme.example (group platform-admins, a member of "
                            "gke-security-groups@acme.example") for i in with_waves[project])  # fmt: skip


def test_the_perimeter_that_guards_a_dns_endpoint_is_listed_in_its_project() -> None:
    found = items("prod")
    perimeter = "accessPolicies/482913650184/servicePerimeters/fleet_prod"
    for project, cluster in (("acme-fleet-prod", "prod-gcp-euw4"), ("acme-fleet-prod-us", "prod-gcp-usc1")):
        assert (
            f"project {project} inside VPC Service Controls perimeter {perimeter}, which restricts "
            "container.googleapis.com and kubernetesmetadata.googleapis.com and admits the deploy runners (an access "
            f"level or ingress rule): it guards {cluster}'s DNS endpoint"
        ) in found[("gcp", project)]
    assert not any("perimeter" in i for listed in items("staging").values() for i in listed)


def test_azure_subscriptions_get_their_providers_and_groups() -> None:
    found = items("prod")
    subscriptions = [k for k in found if k[0] == "azure"]
    assert len(subscriptions) == 2
    for key in subscriptions:
        assert "resource provider Microsoft.ContainerService registered" in found[key]
        assert (
            "Entra ID group 8881bfd0-537a-5159-a3d0-b5d631c667ad (group platform-admins: Azure RBAC names it)"
            in (found[key])
        )


def test_the_rendering_says_nothing_was_called() -> None:
    text = render("prod", checklist(fleet_of("prod")))
    assert text.splitlines()[0] == (
        "stack prod: what must exist before the first `pulumi up` (from the spec; nothing was called)"
    )
    assert "  AWS account 333333333366:" in text and "    [ ] region eu-central-2 enabled" in text


def test_the_lists_are_the_ones_docs_deploying_gives() -> None:
    import re

    from fleet.preflight.checklist import AZURE_PROVIDERS, GCP_APIS, GCP_FLEET_API
    from tests.conftest import ROOT

    doc = (ROOT / "docs" / "DEPLOYING.md").read_text()
    enable = doc.split("gcloud services enable", 1)[1].split("```", 1)[0]
    assert set(re.findall(r"[a-z]+\.googleapis\.com", enable)) == {*GCP_APIS, GCP_FLEET_API}
    register = doc.split("for ns in", 1)[1].split("; do", 1)[0]
    assert tuple(w for w in register.split() if w != "\\") == AZURE_PROVIDERS


def test_each_transit_gateway_gets_the_peering_and_static_routes_the_network_team_builds() -> None:
    # Issue 24: peered gateways need static routes the program does not create; the checklist says,
    # per gateway, exactly which.
    found = items("prod")[("aws", "that owns the transit gateways")]
    hub, zurich = "tgw-0a3c5e7f9b1d24680", "tgw-0b4d6f8a0c2e35791"
    assert found[0].startswith(f"{hub} (eu-central-1, the runners' own): each cluster attachment associated")
    assert (
        f"{zurich} (eu-central-2): in the route table of its cluster attachments, a static route 10.250.0.0/24 "
        f"to the peering attachment with {hub}"
    ) in found
    assert (
        f"{hub} (eu-central-1): in the runners' route table, static routes 10.213.0.0/16 (prod-aws-euzh) to the "
        f"peering attachment with {zurich}"
    ) in found
    # One peering per region other than the runners', each with its two static routes.
    peered = [i for i in found if " peered with " in i]
    assert len(peered) == 4 and len(found) == 1 + 3 * len(peered)
    # Without a private network there is nothing to route.
    assert ("aws", "that owns the transit gateways") not in items("staging")
