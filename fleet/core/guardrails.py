"""Cloud location guardrails generated from regimes: what each cloud itself is told to refuse (pure).

The policy pack sees only what Pulumi deploys; an account, project or subscription can still get
a database made by hand or by another tool. Each cloud has its own location guardrail, and the
fleet knows which regions each regime allows, so a guardrail becomes:

- AWS: an Organizations service control policy that denies requests to regions outside the
  regime (``aws:RequestedRegion``), except the global services AWS documents;
- GCP: the organization policy ``gcp.resourceLocations`` with the regime's regions as values
  (``in:<region>-locations``, or a multi-region value group where it matches exactly);
- Azure: the built-in "Allowed locations" (and "Allowed locations for resource groups") policy
  with the regime's regions as ``listOfAllowedLocations``.

A guardrail lists exactly the catalogue regions its regime allows on its cloud (and AWS partition
or Azure cloud), looked up in the one region catalogue, never by prefix: AWS eu-central-2
(Zurich) and London are absent from an EU guardrail. The spec's guardrails become
``CloudGuardrail`` objects in ``fleet.guardrails``; the program (``fleet/guardrails/components.py``),
the spec checks, the policy pack (FLEET-GRD-001) and ``fleet evidence`` all use these functions.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import cache
from importlib import resources

from fleet.core import catalog, kinds
from fleet.core.residency import Regime, builtin

# The guardrail kind of each cloud that has one (fleet.core.kinds).
KINDS = {k.name: k.guardrail for k in kinds.BUILT if k.guardrail}
CLOUDS = tuple(KINDS)

# ---------------------------------------------------------------------------------------- AWS

# The NotAction list of AWS's documented region-deny SCP, "Deny access to AWS based on the
# requested AWS Region" (AWS Organizations User Guide, General examples:
# https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html),
# as AWS publishes it in aws-samples/service-control-policy-examples
# Region-controls/Deny-access-to-AWS-based-on-the-requested-AWS-region.json (last changed
# 2025-10-29, commit d6e8a43; read 2026-11-26). Global services have their endpoints in us-east-1,
# so a region deny must exempt them or it denies IAM, STS, Organizations, Route 53, CloudFront,
# support and billing everywhere. Chosen over the Control Tower "Region deny" control
# (https://docs.aws.amazon.com/controltower/latest/controlreference/primary-region-deny-policy.html,
# GRREGIONDENY), whose list is about twice as long (it adds e.g. devicefarm, ecr-public,
# lightsail:Get*, notifications): every exemption is a service that may run outside the regime, so
# the shorter documented list is the tighter guardrail. The Organizations page itself warns that
# the list may lag new global services: extend it here, with the source, when one is needed.
AWS_GLOBAL_SERVICE_EXEMPTIONS: tuple[str, ...] = (
    "a4b:*",
    "acm:*",
    "aws-marketplace-management:*",
    "aws-marketplace:*",
    "aws-portal:*",
    "budgets:*",
    "ce:*",
    "chime:*",
    "cloudfront:*",
    "config:*",
    "cur:*",
    "directconnect:*",
    "ec2:DescribeRegions",
    "ec2:DescribeTransitGateways",
    "ec2:DescribeVpnGateways",
    "fms:*",
    "globalaccelerator:*",
    "health:*",
    "iam:*",
    "importexport:*",
    "kms:*",
    "mobileanalytics:*",
    "networkmanager:*",
    "organizations:*",
    "pricing:*",
    "route53:*",
    "route53domains:*",
    "route53-recovery-cluster:*",
    "route53-recovery-control-config:*",
    "route53-recovery-readiness:*",
    "s3:GetAccountPublic*",
    "s3:ListAllMyBuckets",
    "s3:ListMultiRegionAccessPoints",
    "s3:PutAccountPublic*",
    "shield:*",
    "sts:*",
    "support:*",
    "trustedadvisor:*",
    "waf-regional:*",
    "waf:*",
    "wafv2:*",
    "wellarchitected:*",
)
# What fleet's own SCP does not exempt of AWS's list: KMS is a regional service whose keys guard
# regulated data, and exempting it lets a key be created, and data encrypted, in any region
# (issue 24). Without the exemption, KMS calls outside the regime's regions are denied like any
# other regional call. FLEET-GRD-001 still accepts an SCP written elsewhere that follows AWS's list.
NOT_EXEMPTED_BY_FLEET = ("kms:*",)
FLEET_SCP_EXEMPTIONS: tuple[str, ...] = tuple(
    a for a in AWS_GLOBAL_SERVICE_EXEMPTIONS if a not in NOT_EXEMPTED_BY_FLEET
)
# "Maximum size of a policy document: Service control policies: 5,120 characters" (Quotas for AWS
# Organizations, https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html;
# every character counts, so the document is minified).
SCP_MAX_CHARACTERS = 5120
SCP_SID = "FleetDenyOutsideRegime"
# What an SCP does not restrict (Service control policies,
# https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html):
# users and roles in the organization's management account ("SCPs don't affect users or roles in
# the management account") and service-linked roles ("SCPs do not affect any service-linked
# role"). So no regulated cluster may run in the management account (the spec refuses a guardrail
# covering the account its managementRoleArn is in), and a service-linked role acting for a
# service is not held to the regions: the policy pack's residency rules still judge what the
# program deploys.
#
# Organizations is a global service with one endpoint per partition, in the partition's
# "implicitGlobalRegion" (botocore 1.44.8 data/partitions.json and
# data/organizations/2016-11-28/endpoint-rule-set-1.json: organizations.us-east-1.amazonaws.com,
# signed for us-east-1, in the aws partition; AWS Organizations endpoints and quotas,
# https://docs.aws.amazon.com/general/latest/gr/ao.html). The provider that creates or reads a
# policy is configured for that region.
ORGANIZATIONS_REGION = {
    "aws": "us-east-1",
    "aws-cn": "cn-northwest-1",
    "aws-us-gov": "us-gov-west-1",
    "aws-eusc": "eusc-de-east-1",
    "aws-iso": "us-iso-east-1",
    "aws-iso-b": "us-isob-east-1",
    "aws-iso-e": "eu-isoe-west-1",
    "aws-iso-f": "us-isof-south-1",
}

# ---------------------------------------------------------------------------------------- GCP

# Restricting Resource Locations (https://docs.cloud.google.com/resource-manager/docs/organization-policy/defining-locations):
# a region entered as a value is expanded to the value group in:<region>-locations, and the
# in: prefix makes every location of the group part of the policy.
GCP_CONSTRAINT = "gcp.resourceLocations"
# "Organization policies that use list constraints cannot have more than 500 individual allowed or
# denied values" (Creating and managing organization policies, using-constraints).
GCP_MAX_VALUES = 500
_GCP_REGION_GROUP = re.compile(r"^in:(?P<region>[a-z]+-[a-z]+\d+)-locations$")
_GCP_ZONE = re.compile(r"^(?P<region>[a-z]+-[a-z]+\d+)-[a-z]$")

# -------------------------------------------------------------------------------------- Azure

# Built-in definitions (Azure/azure-policy built-in-policies/policyDefinitions/General/
# AllowedLocations_Deny.json at commit f7319d6 and ResourceGroupAllowedLocations_Deny.json at
# 8f5ad30, both version 1.0.0, effect deny): "Allowed locations" excludes resource groups and
# resources in 'global'; "Allowed locations for resource groups" covers resource groups. Both take
# one Array parameter, listOfAllowedLocations.
AZURE_ALLOWED_LOCATIONS = "/providers/Microsoft.Authorization/policyDefinitions/e56962a6-4747-49cd-b67b-bf8b01975c4c"
AZURE_ALLOWED_RG_LOCATIONS = "/providers/Microsoft.Authorization/policyDefinitions/e765b5de-1225-4ba3-bd56-1ac6695af988"
AZURE_PARAMETER = "listOfAllowedLocations"


class GuardrailError(ValueError):
    """A guardrail the cloud would refuse (an SCP over its size limit)."""


@dataclass(frozen=True)
class CloudGuardrail:
    """One spec guardrail on one cloud: where it attaches, what it covers, what it allows."""

    name: str
    cloud: str
    regime: str
    managed: bool
    kind: str  # "aws-scp" | "gcp-resource-locations" | "azure-allowed-locations"
    targets: tuple[str, ...]  # AWS account/OU/root IDs; "projects/<id>", "folders/<id>"; ARM scopes
    covers: tuple[str, ...]  # the accounts / projects / subscriptions it covers (a cluster's scope)
    regions: tuple[str, ...]  # exactly the catalogue regions the regime allows there, sorted
    values: tuple[str, ...]  # what the cloud object holds: AWS regions, GCP values, Azure locations
    scope: str = ""  # the catalogue scope of ``regions``: AWS partition, "gcp", Azure cloud environment
    existing: str | None = None  # managed: false: the AWS policy ID or Azure assignment name to read
    role_arn: str | None = None  # AWS: the management role the policy is created or read with
    exempt_principals: tuple[str, ...] = ()  # AWS: role ARN patterns the deny does not apply to


# ------------------------------------------------------------------------------------ building


@dataclass(frozen=True)
class ValueGroup:
    """A GCP multi-region value group the fleet uses: every member is a region of ``country``."""

    name: str
    country: str
    members: tuple[str, ...]


@cache
def gcp_value_groups() -> dict[str, ValueGroup]:
    """The multi-region value groups known exactly (gcp_value_groups.csv beside this module: only
    groups whose every row the reference marks ``high``)."""
    text = resources.files(__package__).joinpath("gcp_value_groups.csv").read_text(encoding="utf-8")
    return {
        row["value_group"]: ValueGroup(row["value_group"], row["country"], tuple(row["members"].split()))
        for row in csv.DictReader(text.splitlines())
        if row["confidence"] == "high"
    }


def regions_for(regime: Regime, cloud: str, scope: str) -> tuple[str, ...]:
    """Exactly the deployable catalogue regions of ``cloud`` in ``scope`` that ``regime`` allows."""
    return tuple(sorted(r.name for r in regime.allowed_regions(cloud) if r.scope == scope))


def gcp_values(regions: Sequence[str], regime: Regime) -> tuple[str, ...]:
    """``gcp.resourceLocations`` values for exactly ``regions``: a multi-region value group where
    all its members are among them and its whole country is in the regime (so a region Google adds
    to the group later is still allowed), ``in:<region>-locations`` for the rest."""
    remaining = set(regions)
    values = []
    for group in gcp_value_groups().values():
        members = set(group.members)
        if regime.countries is not None and group.country in regime.countries and members <= remaining:
            values.append(group.name)
            remaining -= members
    values += [f"in:{region}-locations" for region in remaining]
    return tuple(sorted(values))


# IAM Identity Center creates one role per permission set and account, under this path, named
# AWSReservedSSO_<permission set>_<suffix>: everyone who signs in through it acts as one of them
# (https://docs.aws.amazon.com/singlesignon/latest/userguide/referencingpermissionsets.html).
IDENTITY_CENTER_PATH = "aws-reserved/sso.amazonaws.com/"
IDENTITY_CENTER_PREFIX = "AWSReservedSSO_"


def sweeping_exemption(pattern: str) -> str | None:
    """What an SCP's ``aws:PrincipalARN`` exemption pattern sweeps in when it is more than a few named roles:
    every role (a role part of wildcards only), or every IAM Identity Center role (every person who signs in);
    None for a pattern that names roles."""
    resource = pattern.split(":", 5)[5] if pattern.count(":") >= 5 else pattern
    if resource == "*" or (resource.startswith("role/") and not resource.removeprefix("role/").strip("*?/")):
        return "every role"
    name = resource.removeprefix("role/")
    if name.startswith(IDENTITY_CENTER_PATH):
        rest = name.removeprefix(IDENTITY_CENTER_PATH).rsplit("/", 1)[-1]  # past a region segment
        if not rest.removeprefix(IDENTITY_CENTER_PREFIX).strip("*?"):
            return "every IAM Identity Center role (everyone who signs in)"
    # A wider pattern (role/aws-reserved/*) that matches any permission set's role: ArnLike's wildcards match
    # across "/" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN).
    if any(fnmatchcase(sample, resource) for sample in _ANY_IDENTITY_CENTER_ROLE):
        return "every IAM Identity Center role (everyone who signs in)"
    return None


# Identity Center roles of a permission set no pattern would name on purpose, with and without a Region segment.
_ANY_IDENTITY_CENTER_ROLE = (
    f"role/{IDENTITY_CENTER_PATH}{IDENTITY_CENTER_PREFIX}Zq7AnySet_0a1b2c3d4e5f6a7b",
    f"role/{IDENTITY_CENTER_PATH}eu-west-1/{IDENTITY_CENTER_PREFIX}Zq7AnySet_0a1b2c3d4e5f6a7b",
)


def scp_document(g: CloudGuardrail, exempt_principals: Sequence[str] = ()) -> str:
    """The SCP for an AWS guardrail, minified: deny every action outside ``g.regions`` except the
    documented global services, for everyone but the exempt role patterns (the guardrail's own and
    ``exempt_principals``). Raises GuardrailError when AWS would refuse its size."""
    if g.cloud != "aws":
        raise ValueError(f"guardrail {g.name!r} on {g.cloud} has no service control policy")
    condition: dict[str, dict[str, list[str]]] = {"StringNotEquals": {"aws:RequestedRegion": list(g.regions)}}
    principals = list(dict.fromkeys((*g.exempt_principals, *exempt_principals)))
    if principals:
        condition["ArnNotLike"] = {"aws:PrincipalARN": principals}
    document = json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": SCP_SID,
                    "Effect": "Deny",
                    "NotAction": list(FLEET_SCP_EXEMPTIONS),
                    "Resource": "*",
                    "Condition": condition,
                }
            ],
        },
        separators=(",", ":"),
    )
    if len(document) > SCP_MAX_CHARACTERS:
        raise GuardrailError(
            f"the service control policy of guardrail {g.name!r} is {len(document)} characters, over AWS's limit of "
            f"{SCP_MAX_CHARACTERS} (orgs_reference_limits); list fewer exemptPrincipals or use a narrower regime"
        )
    return document


# ------------------------------------------------------------------------------------ judging


def resolve_values(cloud: str, values: Iterable[str]) -> tuple[set[str], list[str]]:
    """The catalogue regions a guardrail's values allow, and the values that are not known
    exactly (those could allow anything). GCP: ``in:<region>-locations``, a known multi-region
    group, a bare region, or a zone (which allows only part of its region); Azure: location names
    in any spelling Azure accepts; AWS: region names."""
    regions: set[str] = set()
    unknown: list[str] = []
    for value in values:
        found = _resolve(cloud, str(value))
        if found is None:
            unknown.append(str(value))
        else:
            regions.update(found)
    return regions, unknown


# Value groups Google defines by a country bound instead of a published member list: "in:eu-locations:
# All locations within the European Union", "in:us-locations: All locations within the USA"
# (defining-locations#value_groups). Whatever Google puts in one is inside its bound, so it is read as
# every catalogue GCP region in those countries: a region it does not hold yet only makes the judgement
# stricter. (in:europe-locations, in:asia-locations: no country list bounds
# "Europe" or "Asia", so those stay unknown values.)
# group -> the built-in regime whose countries bound it, or the one country (ISO 3166-1) that does
GCP_BOUNDED_GROUPS = {"in:eu-locations": "regime:eu", "in:us-locations": "US"}


def _bounded(value: str) -> tuple[str, ...] | None:
    bound = GCP_BOUNDED_GROUPS.get(value)
    if bound is None:
        return None
    if bound.startswith("regime:"):
        return tuple(sorted(r.name for r in builtin()[bound.removeprefix("regime:")].allowed_regions("gcp")))
    return tuple(sorted(r.name for r in catalog.regions("gcp") if r.deployable and r.country == bound))


def _resolve(cloud: str, value: str) -> tuple[str, ...] | None:
    if cloud == "gcp":
        # "is:" names exactly one value ("is:europe-west3"), as a value without a prefix does
        # (defining-locations#value_groups; the org policy constraint syntax).
        value = value.removeprefix("is:")
        group = gcp_value_groups().get(value)
        if group is not None:
            return group.members
        bounded = _bounded(value)
        if bounded is not None:
            return bounded
        match = _GCP_REGION_GROUP.match(value) or _GCP_ZONE.match(value)
        region = match["region"] if match else value
        found = catalog.lookup("gcp", region)
        return (found.name,) if found is not None else None
    found = catalog.lookup(cloud, value)
    return (found.name,) if found is not None else None


def outside(regime: Regime, cloud: str, regions: Iterable[str]) -> list[str]:
    """The regions the regime does not allow, sorted."""
    return sorted(r for r in set(regions) if not regime.allows(cloud, r))


# -------------------------------------------------------------------------------- across stacks


def scope_keys(g: CloudGuardrail) -> tuple[str, ...]:
    """Every scope a guardrail is attached to or covers, in one spelling per cloud."""
    if g.cloud == "gcp":
        covered = tuple(f"projects/{p}" for p in g.covers)
    elif g.cloud == "azure":
        covered = tuple(f"/subscriptions/{s}" for s in g.covers)
    else:
        covered = g.covers
    return tuple(dict.fromkeys((*g.targets, *covered)))
