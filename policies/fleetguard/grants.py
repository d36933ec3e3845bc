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
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from fleetguard.model import Resource, Unknown, is_list, is_map, policy_documents
from fleetguard.references import arn_account

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
BOUNDING_KEYS = frozenset(
    {"aws:principalorgid", "aws:principalorgpaths", "aws:sourceorgid", "aws:sourceorgpaths", "aws:sourcevpc",
     "aws:sourcevpce", "aws:sourcearn", "aws:principalarn", "aws:calledvia", "aws:principalservicename"}
)  # fmt: skip
_ACCOUNT = re.compile(r"^\d{12}$")
AWS_TYPES = "aws:"  # pulumi-aws's type tokens: the documents in their properties are IAM's


@dataclass(frozen=True)
class Grant:
    """One principal outside the stack's accounts that a policy lets read the data."""

    path: str  # the property the document is in
    who: str  # "every AWS account (*)", "AWS account 222222222222"
    resources: tuple[str, ...]  # the statement's Resource ARNs (what it is on), when it names them


def of(resource: Resource, accounts: Collection[str]) -> list[Grant]:
    """The outsiders an AWS resource's own properties let read data (``outsiders``)."""
    return outsiders(resource.props, accounts) if resource.type.startswith(AWS_TYPES) else []


def outsiders(props: Mapping[str, Any], accounts: Collection[str]) -> list[Grant]:
    """The principals outside ``accounts`` that the policy documents in ``props`` let read data. A named
    account is only judged when the stack's accounts are known."""
    found: list[Grant] = []
    for path, document in policy_documents(props):
        for statement in _list(document.get("Statement")):
            if not is_map(statement) or str(statement.get("Effect", "")).lower() != "allow":
                continue
            if not _reads(statement.get("Action", statement.get("NotAction"))):
                continue
            resources = tuple(str(r) for r in _list(statement.get("Resource")) if isinstance(r, str))
            for who in _principals(statement, accounts):
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


def _principals(statement: dict[str, Any], accounts: Collection[str]) -> Iterator[str]:
    condition = statement.get("Condition")
    tests = condition.values() if isinstance(condition, Mapping) else ()
    keys = {k.lower(): v for test in tests if isinstance(test, Mapping) for k, v in test.items()}
    bound = [str(a) for k, v in keys.items() if k in ACCOUNT_KEYS for a in _list(v)]
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
            elif not any(k in BOUNDING_KEYS for k in keys):
                yield "every AWS account (*)"
            continue
        account = value if _ACCOUNT.match(value) else arn_account(value)
        if account and accounts and account not in accounts and not (bound and set(bound) <= set(accounts)):
            yield f"AWS account {account}"
