"""`fleet preflight --check` for AWS (issue 24): each call goes through a real botocore client with
botocore's Stubber, which refuses parameters the service model does not define and answers that do
not fit its output shape; the answers come from a small account world each test sets up."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import botocore.session
import pytest
from botocore.stub import Stubber

from fleet.core import catalog, eks_addons
from fleet.preflight import aws
from tests.conftest import fleet_of

PROD = fleet_of("prod")
DEPLOYER = "333333333333"
VCPUS = {"m7i.large": 2, "m7i.xlarge": 4, "m7i.2xlarge": 8}


@dataclass
class World:
    """What the accounts hold: regions enabled beyond the defaults, roles, quotas, addresses."""

    opted_in: dict[str, set[str]] = field(default_factory=dict)
    roles: set[str] = field(default_factory=set)
    eip_quota: float = 5
    vcpu_quota: float = 1000
    addresses: int = 0
    denied: set[str] = field(default_factory=set)  # operations answered AccessDenied
    # What EKS offers per region, add-on and minor: fleet's pins unless a test takes one away.
    withdrawn: set[tuple[str, str, str]] = field(default_factory=set)
    calls: list[tuple[str, str, str, str]] = field(default_factory=list)

    def answer(self, service: str, region: str, account: str, op: str, params: dict[str, Any]) -> Any:
        if op == "describe_regions":
            return {"Regions": [
                {"RegionName": r, "OptInStatus": "opt-in-not-required" if not catalog.aws_opt_in(r)
                 else ("opted-in" if r in self.opted_in.get(account, set()) else "not-opted-in")}
                for r in params["RegionNames"]
            ]}  # fmt: skip
        if op == "get_role":
            arn = next((r for r in self.roles if r.split(":")[4] == account and r.endswith("/" + params["RoleName"])),
                       None)  # fmt: skip
            if arn is None:
                return ("NoSuchEntity", 404)
            return {"Role": {"Path": "/", "RoleName": params["RoleName"], "RoleId": "AROAEXAMPLE0000000000",
                             "Arn": arn, "CreateDate": "2026-01-01T00:00:00Z"}}  # fmt: skip
        if op == "describe_addresses":
            return {"Addresses": [{"PublicIp": f"198.51.100.{i}"} for i in range(self.addresses)]}
        if op == "describe_instance_types":
            return {"InstanceTypes": [{"InstanceType": t, "VCpuInfo": {"DefaultVCpus": VCPUS[t]}}
                                      for t in params["InstanceTypes"]]}  # fmt: skip
        if op == "describe_addon_versions":
            addon, minor = params["addonName"], params["kubernetesVersion"]
            pinned = eks_addons.VERSIONS[addon][minor]
            offered = ["v0.0.1-eksbuild.1", *([pinned] if (region, addon, minor) not in self.withdrawn else [])]
            return {"addons": [{"addonName": addon, "type": "networking", "addonVersions": [
                {"addonVersion": v, "architecture": ["amd64", "arm64"], "requiresConfiguration": False,
                 "compatibilities": [{"clusterVersion": minor, "platformVersions": ["*"], "defaultVersion": False}]}
                for v in offered
            ]}]}  # fmt: skip
        if op == "get_service_quota":
            value = self.eip_quota if params["QuotaCode"] == "L-0263D0A3" else self.vcpu_quota
            return {"Quota": {"ServiceCode": "ec2", "QuotaCode": params["QuotaCode"], "Value": value}}
        raise AssertionError(f"unexpected call {service}.{op}")


class _Stubbed:
    """A client whose every call is answered through botocore's Stubber from the world."""

    def __init__(self, world: World, service: str, region: str, account: str) -> None:
        self.world, self.service, self.region, self.account = world, service, region, account

    def __getattr__(self, op: str) -> Callable[..., Any]:
        def call(**params: Any) -> Any:
            self.world.calls.append((self.account, self.region, self.service, op))
            client = botocore.session.get_session().create_client(
                self.service, region_name=self.region, aws_access_key_id="x", aws_secret_access_key="x"
            )
            with Stubber(client) as stubber:
                answer = (("AccessDenied", 403) if op in self.world.denied
                          else self.world.answer(self.service, self.region, self.account, op, params))  # fmt: skip
                if isinstance(answer, tuple):
                    stubber.add_client_error(op, service_error_code=answer[0], http_status_code=answer[1],
                                             expected_params=params)  # fmt: skip
                else:
                    stubber.add_response(op, answer, expected_params=params)
                result = getattr(client, op)(**params)
                stubber.assert_no_pending_responses()
                return result

        return call


@contextmanager
def clients(world: World) -> Iterator[aws.Clients]:
    yield lambda service, region, account: _Stubbed(world, service, region, account)


def everything_there() -> World:
    deploy = [PROD.spec.deployer.aws.role_in(a) for a in  # type: ignore[union-attr]
              ("333333333333", "333333333344", "333333333355", "333333333366", "333333333377")]  # fmt: skip
    groups = [g.aws for g in PROD.spec.identity.groups.values() if g.aws]
    return World(opted_in={"333333333366": {"eu-central-2"}}, roles={*deploy, *groups})


def problems(world: World) -> list[str]:
    with clients(world) as make:
        return [f"{f.account}: {f.what}" for f in aws.check(PROD, make) if not f.ok]


def test_a_ready_set_of_accounts_has_no_problem_and_every_call_is_read_only() -> None:
    world = everything_there()
    with clients(world) as make:
        findings = aws.check(PROD, make)
    assert [f.what for f in findings if not f.ok] == []
    assert {op for *_, op in world.calls} == {"describe_regions", "get_role", "describe_addresses",
                                              "describe_instance_types", "get_service_quota",
                                              "describe_addon_versions"}  # fmt: skip
    # Every account of the stack is looked at; an opt-in Region only where its cluster is (STS for it
    # runs in us-east-1, so the deployer's own account need not enable it).
    assert {f.account for f in findings} == {"333333333333", "333333333344", "333333333355", "333333333366",
                                             "333333333377"}  # fmt: skip
    assert [f.account for f in findings if "eu-central-2 is enabled" in f.what] == ["333333333366"]


def test_an_opt_in_region_not_enabled_where_the_cluster_is() -> None:
    world = everything_there()
    world.opted_in = {}
    found = problems(world)
    assert found == [
        "333333333366: region eu-central-2 is not enabled (clusters there): "
        "`aws account enable-region --region-name eu-central-2`"
    ]
    # The deployer's own account is not asked about it: STS for that cluster runs in us-east-1.
    asked = {(a, r) for a, r, _, op in world.calls if op == "describe_regions"}
    assert (DEPLOYER, "us-east-1") in asked  # for its own clusters' default Regions only


def test_a_missing_group_role_and_a_missing_deploy_role() -> None:
    world = everything_there()
    world.roles -= {"arn:aws:iam::333333333333:role/fleet/auditors", "arn:aws:iam::333333333377:role/fleet-deployer"}
    found = problems(world)
    assert ("333333333333: IAM role arn:aws:iam::333333333333:role/fleet/auditors does not exist "
            "(group auditors: an EKS access entry names it)") in found  # fmt: skip
    assert (
        "333333333377: IAM role arn:aws:iam::333333333377:role/fleet-deployer does not exist (the deploy role)" in found
    )
    assert len(found) == 2


def test_quotas_below_what_the_stack_needs() -> None:
    world = everything_there()
    world.eip_quota, world.addresses, world.vcpu_quota = 5, 3, 200
    found = problems(world)
    # One cluster of three zones per account and region: three NAT gateway addresses; 3 held + 3 > 5.
    assert "333333333333: eu-central-1: Elastic IPs: 3 for NAT gateways, 3 allocated, quota 5: request more " \
           "(L-0263D0A3)" in found  # fmt: skip
    # prod-aws-euc1 at maxSize: 6 m7i.large (2 vCPUs) and 30 m7i.2xlarge (8): 252 vCPUs.
    assert "333333333333: eu-central-1: 252 vCPUs of standard instances with every pool at maxSize, quota 200: " \
           "request more (L-1216C47A)" in found  # fmt: skip
    # prod-aws-euzh: 12 m7i.xlarge, 48 vCPUs, fits.
    assert not any(p.startswith("333333333366: eu-central-2: 48 vCPUs") for p in found)


def test_a_denied_call_is_a_finding_not_a_traceback() -> None:
    world = everything_there()
    world.denied = {"get_service_quota"}
    found = problems(world)
    assert found and all("could not read the" in p and "AccessDenied" in p for p in found)


def test_the_stubber_refuses_a_call_the_service_does_not_define() -> None:
    # What makes the stubbed calls worth something: botocore checks each against the service model.
    client = botocore.session.get_session().create_client(
        "ec2", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    with Stubber(client) as stubber, pytest.raises(Exception, match='Unknown parameter in input: "Regions"'):
        stubber.add_response("describe_regions", {"Regions": []})
        client.describe_regions(AllRegions=True, Regions=["eu-central-2"])
    # And an answer the service could not give.
    with Stubber(client) as stubber, pytest.raises(Exception, match="Unknown parameter in Regions"):
        stubber.add_response("describe_regions", {"Regions": [{"Name": "eu-central-2"}]})


def test_without_credentials_the_check_says_so_once_and_exits_2(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from fleet.cli import main

    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
                 "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                 "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent")
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    assert main(["preflight", "--stack", "prod", "--check"]) == 2
    captured = capsys.readouterr()
    assert "--check needs AWS credentials" in captured.err and "Traceback" not in captured.err
    assert "what must exist before the first `pulumi up`" in captured.out  # the checklist still printed


def test_an_addon_pin_eks_does_not_offer_for_the_minor_in_the_region() -> None:
    # Issue 24: add-ons pinned per minor; a pin EKS does not offer would fail CreateAddon mid-`up`.
    world = everything_there()
    pinned = eks_addons.VERSIONS[eks_addons.CLOUDWATCH_OBSERVABILITY]["1.35"]
    world.withdrawn.add(("eu-central-2", eks_addons.CLOUDWATCH_OBSERVABILITY, "1.35"))
    assert problems(world) == [
        f"333333333366: eu-central-2: add-on amazon-cloudwatch-observability {pinned} for Kubernetes 1.35 is not "
        "offered there (v0.0.1-eksbuild.1, …): pin one of those in fleet/core/eks_addons.py"
    ]
    # Every pin is asked about once per region and minor of the stack's EKS clusters.
    asked = [(r, a) for a, r, s, op in world.calls if op == "describe_addon_versions"]
    regions = {c.region for c in PROD.deployed_clusters if c.cloud == "aws"}
    assert len(asked) >= len(regions) * len(eks_addons.VERSIONS)
