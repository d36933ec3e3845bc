"""The service control policy: AWS's documented region deny, within AWS's size limit."""

from __future__ import annotations

import json

import pytest

from fleet.core import catalog
from fleet.core import guardrails as core
from fleet.core.residency import CustomRegime, resolve_all
from fleet.spec import SpecError, load
from fleet.spec import guardrails as spec_guardrails
from fleet.spec.model import ManagedGuardrail
from tests.conftest import raw_spec

ROLE = "arn:aws:iam::999999999999:role/fleet-guardrails"


def scp(
    regime: str = "gdpr", principals: list[str] | None = None, custom: list[CustomRegime] | None = None
) -> core.CloudGuardrail:
    aws = {"managementRoleArn": ROLE, "targets": ["333333333333"], "exemptPrincipals": principals or []}
    spec = ManagedGuardrail.model_validate({"name": "g", "regime": regime, "aws": aws})
    return spec_guardrails.build(spec, "aws", resolve_all(custom or [])[regime])


def test_the_document_is_the_documented_region_deny() -> None:
    g = scp(principals=["arn:aws:iam::*:role/break-glass"])
    text = core.scp_document(g)
    assert " " not in text and "\n" not in text  # minified: every character counts against the limit
    statement = json.loads(text)["Statement"]
    assert statement == [
        {
            "Sid": "FleetDenyOutsideRegime",
            "Effect": "Deny",
            "NotAction": list(core.FLEET_SCP_EXEMPTIONS),
            "Resource": "*",
            "Condition": {
                "StringNotEquals": {"aws:RequestedRegion": list(g.regions)},
                "ArnNotLike": {"aws:PrincipalARN": ["arn:aws:iam::*:role/break-glass"]},
            },
        }
    ]
    # The global services AWS's example exempts, and nothing that stores data wholesale.
    assert {"iam:*", "organizations:*", "sts:*", "route53:*", "cloudfront:*", "support:*", "budgets:*"} <= set(
        core.AWS_GLOBAL_SERVICE_EXEMPTIONS
    )
    assert not {"s3:*", "dynamodb:*", "rds:*", "*"} & set(core.AWS_GLOBAL_SERVICE_EXEMPTIONS)
    # Issue 24: AWS's list exempts kms:*, so keys could be made outside the regime; fleet's does not.
    assert "kms:*" in core.AWS_GLOBAL_SERVICE_EXEMPTIONS
    assert "kms:*" not in json.loads(core.scp_document(scp()))["Statement"][0]["NotAction"]
    assert "ArnNotLike" not in json.loads(core.scp_document(scp()))["Statement"][0]["Condition"]


def test_the_widest_possible_regime_fits_aws_s_size_limit() -> None:
    everywhere = [CustomRegime("everywhere", tuple(sorted({c.code for c in catalog.countries()})))]
    g = scp("everywhere", custom=everywhere)
    assert len(g.regions) == len([r for r in catalog.regions("aws") if r.scope == "aws" and r.deployable])
    assert len(core.scp_document(g)) < core.SCP_MAX_CHARACTERS


def test_an_scp_over_the_limit_is_refused_before_anything_is_created() -> None:
    principals = [f"arn:aws:iam::*:role/break-glass-team-number-{i:03d}" for i in range(120)]
    g = scp(principals=principals)
    with pytest.raises(core.GuardrailError, match=r"over AWS's limit of 5120"):
        core.scp_document(g)
    spec = raw_spec("dev")
    spec["guardrails"][0]["aws"]["exemptPrincipals"] = principals
    with pytest.raises(SpecError) as caught:
        load(spec)
    [problem] = [str(p) for p in caught.value.problems]
    size = len(core.scp_document(scp(principals=principals[:1]))) + sum(len(p) + 3 for p in principals[1:])
    assert problem == (
        f"fleet:spec.guardrails[0].aws.exemptPrincipals: the service control policy of guardrail 'dev-eea' is {size} "
        "characters, over AWS's limit of 5120 (orgs_reference_limits); list fewer exemptPrincipals or use a "
        "narrower regime"
    )


def test_only_aws_guardrails_have_an_scp() -> None:
    spec = ManagedGuardrail.model_validate({"name": "g", "regime": "eu", "gcp": {"projects": ["acme-prod-eu"]}})
    with pytest.raises(ValueError, match="has no service control policy"):
        core.scp_document(spec_guardrails.build(spec, "gcp", resolve_all()["eu"]))


def test_organizations_is_called_in_each_partition_s_global_region() -> None:
    # botocore partitions.json implicitGlobalRegion; every AWS partition of the catalogue has one.
    partitions = {r.scope for r in catalog.regions("aws")}
    assert set(core.ORGANIZATIONS_REGION) == partitions
    for partition, region in core.ORGANIZATIONS_REGION.items():
        found = catalog.lookup("aws", region)
        assert found is not None and found.scope == partition, partition


def test_organizations_regions_are_botocore_s_implicit_global_regions() -> None:
    botocore = pytest.importorskip("botocore")
    from pathlib import Path

    partitions = json.loads((Path(botocore.__file__).parent / "data" / "partitions.json").read_text())
    expected = {p["id"]: p["outputs"]["implicitGlobalRegion"] for p in partitions["partitions"]}
    assert expected == core.ORGANIZATIONS_REGION
