"""Who a resource-based policy lets read a resource's data.

An AWS resource-based policy (a bucket policy, a queue or topic policy, a snapshot's or a catalog's resource
policy, a domain's access policy) is a JSON document attached to the resource, whose ``Allow`` statements name
the principals that may act on it: an account ID or ``arn:aws:iam::<account>:root`` (the whole account), a role
or user ARN of an account, or ``*`` (everyone)
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html). A principal of
another account that may read the data can copy it to any Region it chooses, like the account a snapshot is
shared with. Whichever property carries the document (``policy``, ``accessPolicies``, ``resourcePolicy``, a
document inside a larger object), it is read here, whatever the residency survey says of that property.

A statement only shares data when it allows reading it. IAM action names begin with a verb, and the reading
verbs (Get, Query, Scan, Select, Receive, Restore, Copy, Download, Export, Subscribe, Search, Consume, Read,
Retrieve, Filter, an EFS ClientMount, an OpenSearch ESHttp request, EventBridge's PutRule and PutTargets, which
route a bus's events to the caller; ``*`` and ``service:*``) are the ones that
return or copy the data; List and Describe return names and settings, writes bring data in ("Access level" in
https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html).
A ``Deny`` statement shares nothing; ``NotPrincipal`` with ``Allow`` lets everyone else in. ``Service`` principals
are AWS services acting for the account (CloudFront, log delivery), and condition keys that bound the callers to
accounts or an organization (``aws:PrincipalAccount``, ``aws:SourceAccount``, ``aws:PrincipalOrgID``, ...) or to a
network path (``aws:SourceVpc``, ``aws:SourceVpce``) make ``*`` mean those callers only
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html); an organization only
when it is one the stack names, since an organization ID says nothing about whose it is.

A resource can also give its data to a principal by naming it outside any document (``named``): an S3 Access
Grants grantee, a Clean Rooms collaboration member, an EKS access entry.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from fleetguard.model import Resource, Unknown, is_list, is_map, policy_documents, text_leaves
from fleetguard.references import ACCOUNT_ID, arn_account

READ_VERBS = (
    "Get", "BatchGet", "Query", "Scan", "Select", "Receive", "Restore", "Copy", "Download", "Export",
    "Subscribe", "Search", "Consume", "Read", "Retrieve", "Filter", "ClientMount", "ESHttp",
    # An event bus that lets another account create rules and targets on it sends it the matching events
    # (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-bus-perms.html).
    "PutRule", "PutTargets",
)  # fmt: skip
# Condition keys that say which accounts or organization a caller belongs to, and keys that bound it to a
# network path of the account's own.
ACCOUNT_KEYS = frozenset({"aws:principalaccount", "aws:sourceaccount", "aws:resourceaccount"})
# An organization bounds the callers to the stack's own only when it is the stack's: an organization ID (o-...) or
# an organization path (o-.../r-.../ou-.../) whose organization the stack names.
ORGANIZATION_KEYS = frozenset({"aws:principalorgid", "aws:principalorgpaths", "aws:sourceorgid", "aws:sourceorgpaths"})
BOUNDING_KEYS = frozenset(
    {"aws:sourcevpc", "aws:sourcevpce", "aws:sourcearn", "aws:principalarn", "aws:calledvia",
     "aws:principalservicename"}
)  # fmt: skip
AWS_TYPES = "aws:"  # pulumi-aws's type tokens: the documents in their properties are IAM's


@dataclass(frozen=True)
class Grant:
    """One principal outside the stack's accounts that a policy lets read the data."""

    path: str  # the property the document is in
    who: str  # "every AWS account (*)", "AWS account 222222222222"
    resources: tuple[str, ...]  # the statement's Resource ARNs (what it is on), when it names them


def of(resource: Resource, accounts: Collection[str], organizations: Collection[str] = ()) -> list[Grant]:
    """The outsiders an AWS resource's own properties let read data (``outsiders``)."""
    return outsiders(resource.props, accounts, organizations) if resource.type.startswith(AWS_TYPES) else []


def outsiders(props: Mapping[str, Any], accounts: Collection[str], organizations: Collection[str] = ()) -> list[Grant]:
    """The principals outside ``accounts`` that the policy documents in ``props`` let read data. A named
    account is only judged when the stack's accounts are known; an organization bound counts only when it is one
    of ``organizations`` (failing closed: another company's organization is as outside as its account)."""
    found: list[Grant] = []
    for path, document in policy_documents(props):
        for statement in _list(document.get("Statement")):
            if not is_map(statement) or str(statement.get("Effect", "")).lower() != "allow":
                continue
            if not _reads(statement.get("Action", statement.get("NotAction"))):
                continue
            resources = tuple(str(r) for r in _list(statement.get("Resource")) if isinstance(r, str))
            for who in _principals(statement, accounts, organizations):
                found.append(Grant(path, who, resources))
    return found


def _list(value: Any) -> list[Any]:
    return list(value) if is_list(value) else [] if value is None else [value]


def _reads(actions: Any) -> bool:
    for action in _list(actions):
        if not isinstance(action, str):
            return True  # unknown at preview, or not a name: it may read
        verb = action.split(":", 1)[-1]
        if "*" in verb:
            # A wildcard reads when some reading verb fits what comes before it (s3:Get*, s3:*Object, *).
            head = verb.split("*", 1)[0]
            if any(v.startswith(head) or head.startswith(v) for v in READ_VERBS):
                return True
        elif verb.startswith(READ_VERBS):
            return True
    return False


def _principals(statement: dict[str, Any], accounts: Collection[str], organizations: Collection[str]) -> Iterator[str]:
    condition = statement.get("Condition")
    tests = condition.values() if isinstance(condition, Mapping) else ()
    keys = {k.lower(): v for test in tests if isinstance(test, Mapping) for k, v in test.items()}
    bound = [str(a) for k, v in keys.items() if k in ACCOUNT_KEYS for a in _list(v)]
    orgs = [str(o).split("/", 1)[0] for k, v in keys.items() if k in ORGANIZATION_KEYS for o in _list(v)]
    foreign = sorted({o for o in orgs if o not in organizations})
    if "NotPrincipal" in statement:
        yield "every AWS account but those it names (NotPrincipal)"
        return
    principal = statement.get("Principal")
    values: list[Any] = []
    if principal == "*":
        values = ["*"]
    elif isinstance(principal, Mapping):
        values = _list(principal.get("AWS"))
    for value in values:
        if isinstance(value, Unknown) or not isinstance(value, str):
            continue  # unknown at preview: the grant is decided when it is known
        if value == "*":
            if bound:
                yield from (f"AWS account {a}" for a in bound if accounts and a not in accounts)
            elif foreign:
                yield from (f"every account of AWS organization {o} (not one the stack names)" for o in foreign)
            elif not orgs and not any(k in BOUNDING_KEYS for k in keys):
                yield "every AWS account (*)"
            continue
        account = value if ACCOUNT_ID.match(value) else arn_account(value)
        if account and accounts and account not in accounts and not (bound and set(bound) <= set(accounts)):
            yield f"AWS account {account}"


# An IAM principal: an account's root, a role, user or group of it, or a session of a role assumed in it
# (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns).
_IAM_PRINCIPAL = re.compile(
    r"^arn:aws[a-z-]*:(?:iam::(?P<iam>\d{12}):(?:root$|role/|user/|group/)|sts::(?P<sts>\d{12}):assumed-role/)"
)
# Words of a property path whose accounts are not given the data: the resource's own account and its owners,
# the organization's administrators, the accounts a filter or an exclusion names, where data comes from
# (source), roles the service assumes, and accounts a deployment or a network is in.
NOT_GIVEN = (
    "owner", "admin", "master", "delegat", "exclud", "filter", "criteria", "source", "role", "serviceaccount",
    "deploymenttarget", "stackset", "metered", "linked", "payer", "peer", "scope", "alias", "accountname",
)  # fmt: skip
# The resource's own account, at the top level of its inputs.
OWN_ACCOUNT_KEYS = frozenset({"accountId", "awsAccountId"})


def named(resource: Resource, accounts: Collection[str], skip: Collection[str] = ()) -> list[Grant]:
    """The accounts outside ``accounts`` an AWS resource gives its data to by naming them rather than through a
    policy document: an IAM principal ARN anywhere in its inputs (an S3 Access Grants grantee, an EKS access
    entry, a Clean Rooms member's role), or an account ID under a property named for an account (a Clean Rooms
    collaboration's ``members[].accountId``, a snapshot copy's ``sharedAccounts``, a replication rule's
    ``destination.account``). A principal of another account that may read the data can copy it to any Region,
    as a policy document's can. Paths in ``skip`` are judged elsewhere; the stack's accounts must be known."""
    if not accounts or not resource.type.startswith(AWS_TYPES):
        return []
    found: list[Grant] = []
    for path, value in text_leaves(resource.props, "", 0, OWN_ACCOUNT_KEYS, skip):
        words = path.lower().replace("_", "")
        if any(w in words for w in NOT_GIVEN):
            continue
        match = _IAM_PRINCIPAL.match(value)
        account = (match["iam"] or match["sts"]) if match else None
        if account is None and ACCOUNT_ID.match(value) and "account" in words:
            account = value
        if account and account not in accounts:
            found.append(Grant(path, f"AWS account {account}", ()))
    return found
