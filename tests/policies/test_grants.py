"""Who a resource-based policy lets read data (fleetguard/grants.py)."""

import json

import pytest

from fleetguard.grants import named, outsiders
from fleetguard.model import Unknown
from tests.policies.conftest import resource

OWN, PARTNER = "111111111111", "555566667777"
ORG, PARTNER_ORG = "o-a1b2c3d4e5", "o-p4r7n3r0rg1"


def policy(principal=None, action="s3:GetObject", effect="Allow", condition=None, **extra) -> dict:
    statement = {"Effect": effect, "Action": action, "Resource": "arn:aws:s3:::data/*", **extra}
    if principal is not None:
        statement["Principal"] = principal
    if condition is not None:
        statement["Condition"] = condition
    return {"policy": json.dumps({"Version": "2012-10-17", "Statement": [statement]})}


def whos(props: dict, accounts=(OWN,)) -> list[str]:
    return [g.who for g in outsiders(props, accounts)]


@pytest.mark.parametrize(
    "principal",
    [{"AWS": OWN}, {"AWS": f"arn:aws:iam::{OWN}:root"}, {"AWS": [f"arn:aws:iam::{OWN}:role/reader"]},
     {"Service": "cloudfront.amazonaws.com"}],
)  # fmt: skip
def test_compliant_own_accounts_and_services(principal) -> None:
    assert whos(policy(principal)) == []


def test_fails_another_account_by_id_or_arn() -> None:
    assert whos(policy({"AWS": PARTNER})) == [f"AWS account {PARTNER}"]
    assert whos(policy({"AWS": [f"arn:aws:iam::{PARTNER}:role/etl"]})) == [f"AWS account {PARTNER}"]


def test_fails_everyone() -> None:
    assert whos(policy("*")) == ["every AWS account (*)"]
    assert whos(policy({"AWS": "*"})) == ["every AWS account (*)"]


def test_fails_not_principal_lets_everyone_else_in() -> None:
    assert whos(policy(None, NotPrincipal={"AWS": OWN})) == ["every AWS account but those it names (NotPrincipal)"]


@pytest.mark.parametrize(
    "condition",
    [{"StringEquals": {"aws:PrincipalOrgID": ORG}}, {"StringEquals": {"aws:PrincipalOrgPaths": f"{ORG}/r-ab12/"}},
     {"StringEquals": {"aws:SourceVpce": "vpce-1"}}, {"StringEquals": {"AWS:PrincipalAccount": OWN}}],
)  # fmt: skip
def test_compliant_everyone_bounded_by_a_condition(condition) -> None:
    assert [g.who for g in outsiders(policy("*", condition=condition), (OWN,), (ORG,))] == []


def test_fails_everyone_bounded_by_an_organization_the_stack_does_not_name() -> None:
    # Failing closed: an organization ID says nothing about whose it is.
    bounded = policy("*", condition={"StringEquals": {"aws:PrincipalOrgID": PARTNER_ORG}})
    expected = [f"every account of AWS organization {PARTNER_ORG} (not one the stack names)"]
    assert [g.who for g in outsiders(bounded, (OWN,), (ORG,))] == expected
    assert whos(bounded) == expected


def test_fails_everyone_bounded_to_another_account() -> None:
    assert whos(policy("*", condition={"StringEquals": {"aws:SourceAccount": PARTNER}})) == [f"AWS account {PARTNER}"]


@pytest.mark.parametrize("action", ["s3:PutObject", ["s3:ListBucket", "s3:DeleteObject"], "sqs:SendMessage"])
def test_compliant_actions_that_read_nothing(action) -> None:
    assert whos(policy("*", action=action)) == []


@pytest.mark.parametrize(
    "action",
    [
        "*",
        "s3:*",
        "s3:Get*",
        "s3:*Object",
        "redshift-serverless:RestoreFromSnapshot",
        "sqs:ReceiveMessage",
        "events:PutRule",
    ],
)
def test_fails_actions_that_read(action) -> None:
    assert whos(policy("*", action=action)) == ["every AWS account (*)"]


def test_compliant_deny_statements_share_nothing() -> None:
    assert whos(policy("*", action="s3:*", effect="Deny")) == []


def test_named_accounts_are_judged_only_when_the_stacks_are_known() -> None:
    assert whos(policy({"AWS": PARTNER}), accounts=()) == []
    assert whos(policy("*"), accounts=()) == ["every AWS account (*)"]


def test_documents_anywhere_and_as_objects() -> None:
    nested = {"accessPolicies": {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "es:ESHttpGet"}]}}
    assert whos(nested) == ["every AWS account (*)"]
    assert [g.path for g in outsiders({"config": [policy("*")]}, (OWN,))] == ["config[].policy"]


def test_unknown_principals_and_documents_defer() -> None:
    assert whos({"policy": Unknown("urn:x", "policy")}) == []
    unknown = Unknown("urn:x", "policy")
    assert whos({"policy": {"Statement": [{"Effect": "Allow", "Principal": {"AWS": unknown}, "Action": "*"}]}}) == []


def test_not_a_document() -> None:
    assert whos({"policy": "{not json Statement"}) == []


def named_whos(type_: str, accounts=(OWN,), **props) -> list[tuple[str, str]]:
    return [(g.path, g.who) for g in named(resource(type_, **props), accounts)]


def test_named_principals_and_accounts_of_other_accounts_are_given_the_data() -> None:
    grant = "aws:s3control/accessGrant:AccessGrant"
    partner_role = {"granteeType": "IAM", "granteeIdentifier": f"arn:aws:iam::{PARTNER}:role/analytics"}
    assert named_whos(grant, grantee=partner_role) == [("grantee.granteeIdentifier", f"AWS account {PARTNER}")]
    own_role = {"granteeType": "IAM", "granteeIdentifier": f"arn:aws:iam::{OWN}:role/analytics"}
    assert named_whos(grant, grantee=own_role) == []
    room = "aws:cleanrooms/collaboration:Collaboration"
    members = [{"accountId": PARTNER, "memberAbilities": ["CAN_QUERY"]}]
    assert named_whos(room, members=members) == [("members[].accountId", f"AWS account {PARTNER}")]
    assert named_whos(room, members=[{"accountId": OWN}]) == []
    session = f"arn:aws:sts::{PARTNER}:assumed-role/etl/session"
    assert named_whos("aws:eks/accessEntry:AccessEntry", principalArn=session) == [
        ("principalArn", f"AWS account {PARTNER}")
    ]


@pytest.mark.parametrize(
    "props",
    [
        {"accountId": PARTNER},  # the resource's own account, at the top level
        {"excludedAccounts": [PARTNER]},
        {"filters": {"awsAccountIds": [PARTNER]}},
        {"bucketOwnerAccountId": PARTNER},
        {"sourceAccount": PARTNER},
        {"serviceRoleArn": f"arn:aws:iam::{PARTNER}:role/service"},
        {"crossAccountRole": f"arn:aws:iam::{PARTNER}:role/x"},
        {"targetKeyArn": f"arn:aws:kms:eu-west-1:{PARTNER}:key/k"},  # a key, not a principal
        {"description": PARTNER},  # a number under a name that is not an account's
        {"policy": {"Statement": [{"Effect": "Allow", "Principal": {"AWS": PARTNER}, "Action": "s3:GetObject"}]}},
    ],
)
def test_named_accounts_that_are_not_given_the_data(props) -> None:
    assert named_whos("aws:some/thing:Thing", **props) == []


def test_named_accounts_are_judged_only_in_aws_resources_and_when_the_stacks_are_known() -> None:
    room = "aws:cleanrooms/collaboration:Collaboration"
    assert named_whos(room, accounts=(), members=[{"accountId": PARTNER}]) == []
    assert named_whos("gcp:some/thing:Thing", members=[{"accountId": PARTNER}]) == []
    assert [g.path for g in named(resource(room, members=[{"accountId": PARTNER}]), (OWN,), {"members"})] == []


def test_a_non_iam_document_held_as_text_names_its_principals() -> None:
    # An OpenSearch Serverless data access policy: rules and the principals they let read.
    document = json.dumps([{"Rules": [{"ResourceType": "index", "Resource": ["index/claims/*"],
                                       "Permission": ["aoss:ReadDocument"]}],
                            "Principal": [f"arn:aws:iam::{PARTNER}:role/review"]}])  # fmt: skip
    kind = "aws:opensearch/serverlessAccessPolicy:ServerlessAccessPolicy"
    assert named_whos(kind, name="readers", type="data", policy=document) == [
        ("policy[].Principal[]", f"AWS account {PARTNER}")
    ]
    assert named_whos(kind, name="readers", type="data", policy=document.replace(PARTNER, OWN)) == []
