"""FLEET-GRD-001: a regulated cluster runs where the cloud's own location guardrail keeps to its regimes.

Protects: residency of everything in a regulated cluster's account, project or subscription, not
only what this program deploys. The other residency rules see what Pulumi deploys; a database made
by hand, by another tool or by a script in the same account is outside their view. The clouds
refuse it themselves when the scope carries their location guardrail: an AWS Organizations service
control policy that denies requests outside the regime's regions (aws:RequestedRegion), the GCP
organization policy gcp.resourceLocations, or the Azure "Allowed locations" policy.

In a regulated stack, every EKS, GKE and AKS cluster that holds a regime (its own fleet-residency tag, or the label
of a tenant namespace on it) must sit in a scope the stack pins: the AWS provider's allowedAccountIds (exactly one),
the cluster's or GCP provider's project, the azure-native provider's subscriptionId. A scope that is not pinned
cannot be shown to be guarded and is refused. The scope must be covered by a guardrail in the stack, created or read
(a read guardrail, managed elsewhere, is judged on the content its fleet:guardrails:CloudGuardrail component
republishes, because the engine does not send read resources to the pack): an SCP attached to the account, or to an
OU or root the policy config's guardrailAccounts maps to the account; an organization policy whose parent is the
project, by ID or number (gcp.orgpolicy.Policy, or the v1 API's gcp.projects.OrganizationPolicy with a listPolicy, or
its folder and organization forms); an assignment of "Allowed locations" (e56962a6-4747-49cd-b67b-bf8b01975c4c) on
the subscription, or of an initiative of the stack that holds it (its locations passed through the initiative's
parameters). What the guardrails allow together (several SCPs or assignments on one scope intersect) must be inside
every regime the cluster holds, region by region through the catalogue: GCP value groups are resolved (a group Google
bounds by countries, in:eu-locations "All locations within the European Union", as every catalogue region in them;
``is:`` names one value exactly), values the catalogue does not know exactly count as outside, except Azure's global,
which the built-in Allowed locations never restricts (listing it allows nothing more). Azure scopes are compared in
any case, as ARM compares them. The region deny may use StringNotEquals, its IgnoreCase form, or either's IfExists
form (which denies at least as much). A guardrail that is weakened does not count: an SCP whose deny has extra
conditions, exempts every role (or every IAM Identity Center role), or exempts services beyond AWS's documented
global ones (Describe and List calls, which store nothing, excepted; condition key names match in any case, as IAM
matches them), an organization policy that inherits from its parent, resets the constraint or allows all, an
assignment that is not enforced, excludes scopes, overrides its effect with anything but Deny, evaluates only
selected resources (resource selectors that leave some resource outside its locations unevaluated; notIn a subset of
its locations evaluates them all), or that a policy exemption (azure-native PolicyExemption naming it) takes any
scope of the subscription out of, a sandbox resource group included: the guardrail answers for the whole subscription
(an exemption scoped to another subscription leaves this one guarded, and one whose resource selectors take out only
resources in the assignment's locations changes nothing). An SCP exemption pattern that matches any permission set's
role (role/aws-reserved/*) exempts every IAM Identity Center role. A guardrail on a container covers what the stack
places below it: an SCP attached to an OU or root the accounts the stack puts there, a folder's or organization's
policy its projects (the nearest policy above a project decides for it, one that merges in its parent's values is
weakened, and a farther one does not count), a management group's assignment its subscriptions (a subscription alias
puts its subscription in the management group it names, else in the default one a hierarchy setting names). An
initiative (defined at a subscription or a management group) parameter the assignment does not pass takes its
defaultValue. A cluster in the organization's management account (the account the stack creates the organization
from) is not guarded: SCPs do not restrict the management account. Nor is one whose SCPs the stack's organization
does not put in force: an organization with only consolidated billing (featureSet), or one whose enabledPolicyTypes
leaves out SERVICE_CONTROL_POLICY."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

from fleet.core import guardrails as core
from fleet.core import kinds
from fleet.core.residency import Regime
from fleetguard.model import (
    AKS,
    CLUSTER_TYPES,
    EKS,
    GKE,
    Context,
    Deferred,
    Finding,
    Resource,
    Rule,
    Tenancy,
    Unknown,
    as_map,
    each,
    held_regimes,
    is_list,
    is_map,
    regulated_stack,
    values_at,
)
from fleetguard.references import GCP_PROJECT, project_numbers

COMPONENT = "fleet:guardrails:CloudGuardrail"
SCP = "aws:organizations/policy:Policy"
SCP_TYPE = "SERVICE_CONTROL_POLICY"
ATTACHMENT = "aws:organizations/policyAttachment:PolicyAttachment"
ORG_POLICY = "gcp:orgpolicy/policy:Policy"
# The Resource Manager v1 resource for the same policy (google_project_organization_policy): the
# legacy API writes the policy the v2 one reads, so it guards a project just as well.
LEGACY_ORG_POLICY = "gcp:projects/organizationPolicy:OrganizationPolicy"
# The same v1 policy set on a folder (google_folder_organization_policy) or the organization
# (google_organization_policy): it guards the projects below it.
LEGACY_FOLDER_POLICY = "gcp:folder/organizationPolicy:OrganizationPolicy"
LEGACY_ORGANIZATION_POLICY = "gcp:organizations/policy:Policy"
LEGACY_POLICIES = (LEGACY_ORG_POLICY, LEGACY_FOLDER_POLICY, LEGACY_ORGANIZATION_POLICY)
ASSIGNMENT = "azure-native:authorization:PolicyAssignment"
EXEMPTION = "azure-native:authorization:PolicyExemption"
# An initiative, defined at a subscription or at a management group (one definition, either scope).
INITIATIVES = (
    "azure-native:authorization:PolicySetDefinition",
    "azure-native:authorization:PolicySetDefinitionAtManagementGroup",
)
CLOUD_OF = {EKS: "aws", GKE: "gcp", AKS: "azure"}
AWS_CLOUD = CLOUD_OF[EKS]  # the cloud whose guardrails are service control policies
GCP_CLOUD = CLOUD_OF[GKE]  # the cloud whose nearest policy decides
SCOPE = {"aws": "account", "gcp": "project", "azure": "subscription"}
ARTICLE = {"aws": "an", "gcp": "a", "azure": "a"}
# The only extra conditions a region deny may carry: exempting principals (break glass).
PRINCIPAL_EXEMPTIONS = {"ArnNotLike", "ArnNotLikeIfExists"}
# Operators of a region deny: region names are lower case, so the case-insensitive one denies the same
# requests (IAM condition operators, #Conditions_String).
REGION_DENY_OPERATORS = (
    "StringNotEquals",
    "StringNotEqualsIgnoreCase",
    # ...IfExists: a request without the key matches too, so the deny reaches further, never less far.
    "StringNotEqualsIfExists",
    "StringNotEqualsIgnoreCaseIfExists",
)
OBSERVED = "#observed["  # URN suffix of an object a read guardrail's component republishes


@dataclass(frozen=True)
class Verdict:
    """What a guardrail object allows: catalogue regions (None: it restricts nothing), values the
    catalogue does not know exactly, and why it does not count as a location guardrail, if so."""

    allowed: frozenset[str] | None = None
    unknown: tuple[str, ...] = ()
    defect: str | None = None


@dataclass
class View:
    """A guardrail object the rule judges: its cloud, the scopes it covers, its verdict (computed
    when a cluster needs it, since its values may be unknown during preview)."""

    cloud: str
    what: str
    scopes: frozenset[str]
    judge: Callable[[], Verdict]
    read: bool = False
    _verdict: Verdict | None = field(default=None, repr=False)
    # A GCP policy's container (a project ID, folders/<n>, organizations/<n>): the nearest one decides.
    container: str | None = None

    def verdict(self) -> Verdict:
        if self._verdict is None:
            self._verdict = self.judge()
        return self._verdict


def _true(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.upper() == "TRUE")


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        try:
            value = json.loads(value) if value.startswith("[") else [value]
        except ValueError:
            return [value]
    return [str(v) for v in value] if is_list(value) else []


def _verdict(cloud: str, values: list[str]) -> Verdict:
    regions, unknown = core.resolve_values(cloud, values)
    return Verdict(frozenset(regions), tuple(unknown))


# ------------------------------------------------------------------------------------ AWS SCPs


def judge_scp(content: Any) -> Verdict:
    """The regions an SCP's region deny allows: every Deny statement on aws:RequestedRegion
    (StringNotEquals) that is not weakened; several intersect."""
    document = content if is_map(content) else json.loads(str(content))
    statements = document.get("Statement") or []
    statements = [statements] if is_map(statements) else list(statements)
    allowed: frozenset[str] | None = None
    unknown: list[str] = []
    defects: list[str] = []
    for statement in statements:
        if not is_map(statement) or statement.get("Effect") != "Deny":
            continue
        condition = as_map(statement.get("Condition"))
        operator = next((o for o in REGION_DENY_OPERATORS if o in condition), "StringNotEquals")
        regions = _condition_key(as_map(condition.get(operator)), "aws:RequestedRegion")
        if regions is None:
            continue
        defect = _scp_defect(statement, condition, operator)
        if not defect and not (
            isinstance(regions, str) or (is_list(regions) and all(isinstance(r, str) for r in regions))
        ):
            defect = f"lists aws:RequestedRegion as {type(regions).__name__}, not region names"
        if defect:
            defects.append(defect)
            continue
        found = _verdict("aws", _strings(regions))
        allowed = found.allowed if allowed is None else allowed & (found.allowed or frozenset())
        unknown += found.unknown
    if allowed is None and not unknown:
        why = "; ".join(defects) or "has no Deny statement on aws:RequestedRegion (StringNotEquals)"
        return Verdict(None, (), why)
    return Verdict(allowed or frozenset(), tuple(unknown))


# Exempted actions that only describe or list (service:Describe*, service:List*, "List" and "Describe" access levels:
# https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html)
# create and store nothing, so the deny still keeps data out of the other Regions.
READ_ONLY_ACTION = re.compile(r"^[a-z0-9-]+:(Describe|List)[A-Za-z]*\*?$")


def _scp_defect(statement: Any, condition: Any, operator: str = "StringNotEquals") -> str | None:
    if "NotAction" in statement:
        extra = sorted(set(_strings(statement["NotAction"])) - set(core.AWS_GLOBAL_SERVICE_EXEMPTIONS))
        extra = [a for a in extra if not READ_ONLY_ACTION.match(a)]
        if extra:
            return f"exempts {', '.join(extra)} beyond AWS's documented global services"
    elif _strings(statement.get("Action")) != ["*"]:
        return "denies only some actions outside the regions"
    if _strings(statement.get("Resource")) != ["*"]:
        return "denies outside the regions only for some resources"
    if {k.lower() for k in as_map(condition.get(operator))} != {"aws:requestedregion"}:
        return f"adds conditions to {operator}, which narrow the deny"
    for other, keys in condition.items():
        if other == operator:
            continue
        if other not in PRINCIPAL_EXEMPTIONS or {k.lower() for k in as_map(keys)} != {"aws:principalarn"}:
            return f"adds the condition {other}, which narrows the deny"
        for pattern in _strings(_condition_key(as_map(keys), "aws:PrincipalARN")):
            if (swept := core.sweeping_exemption(pattern)) is not None:
                return f"exempts {swept} ({pattern}), which voids the deny"
    return None


def _condition_key(condition: Any, key: str) -> Any:
    """A condition key's values, its name matched as IAM matches it: "Condition key names are not
    case-sensitive" (IAM User Guide, IAM JSON policy elements: Condition)."""
    return next((v for k, v in condition.items() if str(k).lower() == key.lower()), None)


# -------------------------------------------------------------------------------------- views


def scps_off(resources: list[Resource]) -> str | None:
    """Why the stack's organization enforces no SCP, if it says so. An organization with only consolidated billing
    has no policy types, and an SCP takes effect only in a root where the SERVICE_CONTROL_POLICY type is enabled
    (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_org_support-all-features.html,
    https://docs.aws.amazon.com/organizations/latest/userguide/enable-policy-type.html). An organization that
    leaves ``enabledPolicyTypes`` unset does not say (the provider then leaves the root's types as they are)."""
    for org in (r for r in resources if r.type == ORGANIZATION):
        feature_set = org.props.get("featureSet")
        if isinstance(feature_set, str) and feature_set.upper() == "CONSOLIDATED_BILLING":
            return (
                f"is not in force: organization {org.name!r} has only consolidated billing (featureSet), where no "
                "SCP applies"
            )
        enabled: Any = org.props.get("enabledPolicyTypes")
        if is_list(enabled) and not any(isinstance(v, Unknown) for v in enabled) and SCP_TYPE not in enabled:
            return (
                f"is not in force: organization {org.name!r} does not enable the {SCP_TYPE} type (enabledPolicyTypes)"
            )
    return None


def _aws_views(
    policies: list[Resource],
    attachments: list[Resource],
    ctx: Context,
    tree: Mapping[str, frozenset[str]],
    off: str | None = None,
) -> Iterator[View | tuple[str, Deferred]]:
    by_parent: dict[str | None, list[Resource]] = {}
    for policy in policies:
        by_parent.setdefault(policy.parent, []).append(policy)
    for policy in policies:
        read = OBSERVED in policy.urn
        try:
            policy_type = policy.props.get("policyType" if read else "type") or SCP_TYPE
            if policy_type != SCP_TYPE:
                continue
            targets = [str(a.props["targetId"]) for a in attachments if _attached(a, policy, by_parent)]
        except Deferred as err:
            yield ("aws", err)
            continue
        scopes = set()
        for target in targets:
            scopes |= {target} if target.isdigit() else {*ctx.guardrail_accounts.get(target, ()), *tree.get(target, ())}
        content = policy.props.get("content")
        yield View(
            "aws",
            f"{'read ' if read else ''}SCP {policy.name!r}",
            frozenset(scopes),
            partial(Verdict, None, (), off) if off else partial(_scp_content, policy, content),
            read,
        )


def _attached(attachment: Resource, policy: Resource, by_parent: dict[str | None, list[Resource]]) -> bool:
    if "targetId" not in attachment.props or attachment.props.get("targetId") is None:
        raise Deferred(attachment.urn, "targetId")
    siblings = by_parent.get(policy.parent, [])
    component = policy.parent is not None and f"::{COMPONENT}::" in policy.parent
    if component and attachment.parent == policy.parent and len(siblings) == 1:
        return True  # a guardrail component's policy and its attachments (not the stack's top-level resources)
    try:
        return bool(attachment.props.get("policyId") == policy.props.get("id"))
    except Deferred:
        return False


def _scp_content(policy: Resource, content: Any) -> Verdict:
    if content is None:
        raise Deferred(policy.urn, "content")
    try:
        return judge_scp(content)
    except (ValueError, AttributeError):
        return Verdict(None, (), "is not a JSON policy document")


def _gcp_view(
    policy: Resource, read: bool, tree: Mapping[str, frozenset[str]], numbers: Mapping[str, str] | None = None
) -> View | None:
    name, parent = str(policy.props.get("name") or ""), str(policy.props.get("parent") or "")
    if not read and not name.endswith(f"/policies/{core.GCP_CONSTRAINT}"):
        return None  # another constraint (a read guardrail reads only this one)
    scope = parent.removeprefix("projects/") if parent.startswith("projects/") else None
    scope = (numbers or {}).get(scope, scope) if scope else None
    return View(
        "gcp",
        f"{'read ' if read else ''}organization policy {policy.name!r}",
        frozenset({scope}) if scope else tree.get(parent, frozenset()),  # a folder's or organization's projects
        lambda: judge_org_policy(policy, read),
        read,
        container=scope or parent,
    )


def judge_org_policy(policy: Resource, read: bool = False) -> Verdict:
    """What a gcp.resourceLocations policy allows at its parent."""
    spec = policy.props.get("spec")
    if spec is None:
        if read and policy.props.get("etag") is None:
            raise Deferred(policy.urn, "spec")  # not read yet: the update reads it
        return Verdict(None, (), "has no spec, so it sets no rule here")
    if _true(spec.get("reset")):
        return Verdict(None, (), "resets the constraint to its default (every location)")
    if spec.get("inheritFromParent") is not False:
        return Verdict(
            None, (), "inherits from its parent, whose values the stack cannot see: set inheritFromParent false"
        )
    rules = spec.get("rules") or []
    if not rules:
        return Verdict(None, (), "has no rules")
    allowed: set[str] = set()
    unknown: list[str] = []
    for rule in rules:
        if _true(rule.get("allowAll")):
            return Verdict(None, (), "allows all locations (allowAll)")
        if _true(rule.get("denyAll")):
            continue
        values = rule.get("values") or {}
        if not values.get("allowedValues"):
            return Verdict(None, (), "has a rule without allowedValues, which allows every location it does not deny")
        found = _verdict("gcp", _strings(values["allowedValues"]))
        allowed |= found.allowed or set()
        unknown += found.unknown
    return Verdict(frozenset(allowed), tuple(unknown))


def _gcp_legacy_view(
    policy: Resource, tree: Mapping[str, frozenset[str]] | None = None, numbers: Mapping[str, str] | None = None
) -> View | None:
    if str(policy.props.get("constraint") or "").removeprefix("constraints/") != core.GCP_CONSTRAINT:
        return None
    if policy.type == LEGACY_FOLDER_POLICY:
        folder = str(policy.props.get("folder") or "")
        container = folder if folder.startswith("folders/") else f"folders/{folder}"
        scopes = (tree or {}).get(container, frozenset())
    elif policy.type == LEGACY_ORGANIZATION_POLICY:
        container = f"organizations/{policy.props.get('orgId')}"
        scopes = (tree or {}).get(container, frozenset())
    else:
        project = str(policy.props.get("project") or "").removeprefix("projects/")
        container = (numbers or {}).get(project, project)
        scopes = frozenset({container} if project else ())
    return View(
        "gcp",
        f"organization policy {policy.name!r} (v1 API)",
        scopes,
        lambda: judge_legacy_org_policy(policy),
        container=container,
    )


def judge_legacy_org_policy(policy: Resource) -> Verdict:
    """What a v1 gcp.resourceLocations list policy allows at its project (listPolicy.allow.values)."""
    if _true(as_map(policy.props.get("restorePolicy")).get("default")):
        return Verdict(None, (), "restores the constraint's default (every location)")
    rule = as_map(policy.props.get("listPolicy"))
    if not rule:
        return Verdict(None, (), "has no listPolicy, so it sets no rule here")
    if _true(rule.get("inheritFromParent")):
        return Verdict(
            None, (), "inherits from its parent, whose values the stack cannot see: set inheritFromParent false"
        )
    allow = as_map(rule.get("allow"))
    if _true(allow.get("all")):
        return Verdict(None, (), "allows all locations (listPolicy.allow.all)")
    if not allow.get("values"):
        return Verdict(None, (), "lists no allowed values, so it allows every location it does not deny")
    return _verdict("gcp", _strings(allow["values"]))


def _azure_view(
    assignment: Resource,
    read: bool,
    exemptions: Sequence[Resource] = (),
    tree: Mapping[str, frozenset[str]] | None = None,
) -> list[View] | None:
    definition = assignment.props.get("policyDefinitionId")
    if definition is None and read:
        return [
            View(
                "azure",
                f"read assignment {assignment.name!r}",
                _subscription(assignment, tree),
                _unread(assignment),
                read,
            )
        ]
    if str(definition or "").lower() != core.AZURE_ALLOWED_LOCATIONS.lower():
        return None  # another policy ("Allowed locations for resource groups" judges resource groups only)
    what = f"{'read ' if read else ''}assignment {assignment.name!r}"
    covered = _subscription(assignment, tree)
    applicable = [e for e in exemptions if _exempts(e, assignment)]
    # An exemption takes only its own scope out (a subscription, or a management group's subscriptions): the
    # assignment still guards the other subscriptions it covers.
    exempted: dict[str, list[Resource]] = {}
    for exemption in applicable:
        for subscription in _subscription(exemption, tree) or covered:
            exempted.setdefault(subscription, []).append(exemption)
    if not covered or not exempted:
        return [View("azure", what, covered, lambda: judge_assignment(assignment, applicable), read)]
    views = [
        View("azure", what, frozenset({sub}), partial(judge_assignment, assignment, found), read)
        for sub, found in exempted.items()
        if sub in covered
    ]
    if rest := covered - exempted.keys():
        views.append(View("azure", what, rest, lambda: judge_assignment(assignment), read))
    return views


# An initiative (policy set definition) groups definitions; assigned, each member applies with the parameters the
# member passes it, which may be the initiative's own ("[parameters('allowed')]") set by the assignment
# (https://learn.microsoft.com/azure/governance/policy/concepts/initiative-definition-structure).
MEMBER = "fleet:initiativeMember"  # the reference ID of the "Allowed locations" member it came from
_PARAMETER = re.compile(r"^\[parameters\('(?P<name>[^']+)'\)\]$")


def _through_initiative(assignment: Resource, resources: list[Resource]) -> Resource:
    """An assignment of an initiative of the stack that holds "Allowed locations", as the assignment of that
    member it amounts to (its locations resolved); any other assignment as it is."""
    definition = assignment.props.get("policyDefinitionId")
    if not isinstance(definition, str) or "/policysetdefinitions/" not in definition.lower():
        return assignment
    name = definition.rstrip("/").rsplit("/", 1)[-1].lower()
    for initiative in (r for r in resources if r.type in INITIATIVES):
        own = initiative.props.get("policySetDefinitionName") or initiative.props.get("name")
        if str(own or "").lower() != name:
            continue
        for member in initiative.props.get("policyDefinitions") or []:
            if (
                not is_map(member)
                or str(member.get("policyDefinitionId") or "").lower() != core.AZURE_ALLOWED_LOCATIONS.lower()
            ):
                continue
            passed = as_map(as_map(member.get("parameters")).get(core.AZURE_PARAMETER)).get("value")
            if isinstance(passed, str) and (match := _PARAMETER.match(passed)):
                given = as_map(as_map(assignment.props.get("parameters")).get(match["name"]))
                # An initiative parameter the assignment does not pass takes its defaultValue
                # (https://learn.microsoft.com/azure/governance/policy/concepts/definition-structure-parameters).
                declared = as_map(as_map(initiative.props.get("parameters")).get(match["name"]))
                passed = given.get("value") if "value" in given else declared.get("defaultValue")
            parameters = {core.AZURE_PARAMETER: {"value": passed}}
            props = {**assignment.props, "policyDefinitionId": core.AZURE_ALLOWED_LOCATIONS, "parameters": parameters,
                     MEMBER: member.get("policyDefinitionReferenceId")}  # fmt: skip
            return replace(assignment, props=props)
    return assignment


def _exempts(exemption: Resource, assignment: Resource) -> bool:
    """Whether a policy exemption names this assignment: by the assignment's ID, its name (the last
    segment of the ID), or, while the ID is unknown at preview, by depending on it. An exemption of an initiative's
    assignment that lists ``policyDefinitionReferenceIds`` exempts only those members ("If no
    policyDefinitionReferenceIds are provided, the exemption applies to all definitions":
    https://learn.microsoft.com/azure/governance/policy/concepts/exemption-structure)."""
    members = exemption.props.get("policyDefinitionReferenceIds")
    member = assignment.props.get(MEMBER)
    if member is not None and is_list(members) and members and member not in members:
        return False
    named = exemption.props.get("policyAssignmentId")
    if assignment.urn in exemption.depends.get("policyAssignmentId", ()):
        return True
    text = str(named or "")  # an unknown ID no dependency explains waits for the update (Deferred)
    keys = {str(assignment.props.get(k) or "").lower() for k in ("id", "policyAssignmentName")} - {""}
    return text.lower() in keys or text.rstrip("/").rsplit("/", 1)[-1].lower() in keys


def _unread(resource: Resource) -> Callable[[], Verdict]:
    def judge() -> Verdict:
        raise Deferred(resource.urn, "policyDefinitionId")  # not read yet: the update reads it

    return judge


def _subscription(assignment: Resource, tree: Mapping[str, frozenset[str]] | None = None) -> frozenset[str]:
    # ARM IDs are case-insensitive (/SUBSCRIPTIONS/<id> is the same scope); subscription IDs are compared lower.
    scope = str(assignment.props.get("scope") or "")
    parts = scope.strip("/").split("/")
    if len(parts) == 2 and parts[0].lower() == "subscriptions":
        return frozenset({parts[1].lower()})
    return (tree or {}).get(_management_group(scope), frozenset())  # a management group's subscriptions


def judge_assignment(assignment: Resource, exemptions: Sequence[Resource] = ()) -> Verdict:
    """What an "Allowed locations" assignment allows on its scope.

    An exemption of the assignment, at the subscription or any scope inside it, takes that scope
    out of its evaluation, so the subscription is no longer guarded as a whole; an exemption whose
    ``expiresOn`` has passed is no longer honoured (https://learn.microsoft.com/azure/governance/
    policy/concepts/exemption-structure)."""
    props = assignment.props
    parameter = as_map(as_map(props.get("parameters")).get(core.AZURE_PARAMETER))
    values = _strings(parameter.get("value"))
    for exemption in exemptions:
        expires = str(exemption.props.get("expiresOn") or "")
        if expires and expires[:10] < dt.date.today().isoformat():
            continue
        if _selects_only_allowed(exemption.props.get("resourceSelectors"), values):
            continue  # it exempts only resources the assignment allows anyway
        scope = str(exemption.props.get("scope") or "the subscription")
        return Verdict(None, (), f"is exempted at {scope} by policy exemption {exemption.name!r}")
    if str(props.get("enforcementMode") or "Default") != "Default":
        return Verdict(None, (), f"is not enforced (enforcementMode {props.get('enforcementMode')})")
    for key, why in (
        ("notScopes", "excludes scopes (notScopes)"),
        ("overrides", "overrides the policy's effect"),
        ("resourceSelectors", "applies only to selected resources, not to every resource outside its locations"),
    ):
        if key == "overrides" and _only_deny(props.get(key)):
            continue  # an override that restates the definition's own effect changes nothing
        if key == "resourceSelectors" and _selects_all_outside(props.get(key), values):
            continue  # every resource it would deny is still evaluated
        if props.get(key):
            return Verdict(None, (), why)
    # "Allowed locations" never restricts resources in the global location ("excludes ... resources that use the
    # 'global' region": https://learn.microsoft.com/azure/governance/policy/samples/built-in-policies#general), so
    # listing global allows nothing more.
    values = [v for v in values if v.strip().lower() != "global"]
    if not values:
        return Verdict(None, (), f"sets no {core.AZURE_PARAMETER}")
    return _verdict("azure", values)


# Resource selectors: a resource is evaluated (or exempted) when it satisfies any one of the resource selectors, and
# satisfies one when it meets all of its selectors; a selector of kind resourceLocation lists locations ``in`` or
# ``notIn`` (https://learn.microsoft.com/azure/governance/policy/concepts/assignment-structure#resource-selectors,
# https://learn.microsoft.com/azure/governance/policy/concepts/exemption-structure#resource-selectors).


def _location_selectors(resource_selector: Any) -> list[tuple[str, set[str]]] | None:
    """A resource selector's selectors as (operator, locations), or None when one is not a resourceLocation
    selector (by type, or without location) or not a plain list."""
    found: list[tuple[str, set[str]]] = []
    for selector in as_map(resource_selector).get("selectors") or [None]:
        selector = as_map(selector)
        if str(selector.get("kind") or "").lower() != "resourcelocation":
            return None
        for operator in ("in", "notIn"):
            if is_list(selector.get(operator)):
                found.append((operator, {str(v).lower() for v in selector[operator]}))
                break
        else:
            return None
    return found


def _selects_all_outside(resource_selectors: Any, allowed: list[str]) -> bool:
    """Whether an assignment's resource selectors still evaluate every resource outside its allowed locations: one
    resource selector whose every selector is resourceLocation notIn a subset of them."""
    kept = {a.lower() for a in allowed}
    return is_list(resource_selectors) and any(
        (selectors := _location_selectors(rs)) and all(op == "notIn" and names <= kept for op, names in selectors)
        for rs in resource_selectors
    )


def _selects_only_allowed(resource_selectors: Any, allowed: list[str]) -> bool:
    """Whether an exemption's resource selectors take out only resources in the assignment's allowed locations:
    every resource selector has a resourceLocation ``in`` selector listing only those."""
    kept = {a.lower() for a in allowed}
    return (
        is_list(resource_selectors)
        and bool(resource_selectors)
        and all(
            (selectors := _location_selectors(rs)) is not None
            and any(op == "in" and names <= kept for op, names in selectors)
            for rs in resource_selectors
        )
    )


def _only_deny(overrides: Any) -> bool:
    """Every override sets the effect to Deny, the built-in definition's own effect: "Overrides ... change the
    effect of a policy definition" (https://learn.microsoft.com/azure/governance/policy/concepts/
    assignment-structure#overrides), so one to Deny leaves the assignment as strict as it was."""
    items = list(overrides) if is_list(overrides) else []
    return bool(items) and all(
        is_map(o) and str(o.get("kind", "")).lower() == "policyeffect" and str(o.get("value", "")).lower() == "deny"
        for o in items
    )


def views(resources: list[Resource], ctx: Context) -> tuple[list[View], dict[str, Deferred]]:
    """Every cloud location guardrail in the stack (created resources, and the objects a read
    guardrail's component republishes), and per cloud the first one that cannot be placed yet."""
    items = [r for r in resources if r.type in (SCP, ATTACHMENT, ORG_POLICY, *LEGACY_POLICIES, ASSIGNMENT)]
    for component in (r for r in resources if r.type == COMPONENT):
        if component.props.get("managed") is False:
            for index, observed in enumerate(component.props.get("observed") or []):
                if is_map(observed):
                    items.append(
                        Resource(
                            str(observed.get("type")),
                            f"{component.urn}{OBSERVED}{index}]",
                            component.name,
                            observed,
                            parent=component.urn,
                        )
                    )
    found: list[View] = []
    pending: dict[str, Deferred] = {}
    tree = hierarchy(resources)
    numbers = project_numbers(resources)
    scps = [r for r in items if r.type == SCP]
    for item in _aws_views(scps, [r for r in items if r.type == ATTACHMENT], ctx, tree, scps_off(resources)):
        if isinstance(item, View):
            found.append(item)
        else:
            pending.setdefault(*item)
    for resource in items:
        read = OBSERVED in resource.urn
        cloud = "gcp" if resource.type in (ORG_POLICY, *LEGACY_POLICIES) else "azure"
        try:
            if resource.type == ORG_POLICY:
                view = _gcp_view(resource, read, tree, numbers)
            elif resource.type in LEGACY_POLICIES:
                view = _gcp_legacy_view(resource, tree, numbers)
            elif resource.type == ASSIGNMENT:
                exemptions = [r for r in resources if r.type == EXEMPTION]
                found += _azure_view(_through_initiative(resource, resources), read, exemptions, tree) or []
                continue
            else:
                continue
        except Deferred as err:
            pending.setdefault(cloud, err)
            continue
        if view is not None:
            found.append(view)
    return found, pending


# ----------------------------------------------------------------------------------- clusters


def cluster_scope(cluster: Resource) -> tuple[str | None, str]:
    """The account, project or subscription the cluster is pinned to, or None and why not."""
    cloud = CLOUD_OF[cluster.type]
    provider = repr(cluster.provider_name or "")
    if cloud == "aws":
        ids = _strings(cluster.provider_props.get("allowedAccountIds"))
        if len(ids) == 1:
            return ids[0], ""
        if not ids:
            return None, f"its AWS provider {provider} sets no allowedAccountIds"
        return None, f"its AWS provider {provider} allows {len(ids)} accounts ({', '.join(ids)}), not one"
    if cloud == "gcp":
        project = cluster.props.get("project") or cluster.provider_props.get("project")
        return (
            (str(project), "")
            if project
            else (None, f"neither the cluster nor its GCP provider {provider} sets project")
        )
    subscription = cluster.provider_props.get("subscriptionId")
    return (
        (str(subscription).lower(), "")
        if subscription
        else (None, f"its azure-native provider {provider} sets no subscriptionId")
    )


# Guardrails set on a container apply to everything below it: an SCP attached to an OU or root to its accounts
# (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_inheritance_auth.html), a folder's
# or organization's policy to its projects (https://cloud.google.com/resource-manager/docs/organization-policy/
# understanding-hierarchy), a management group's assignment to its subscriptions
# (https://learn.microsoft.com/azure/governance/management-groups/overview). The stack shows where it places them.
HIERARCHY_SETTING = "azure-native:management:HierarchySetting"
SUBSCRIPTION_ALIAS = "azure-native:subscription:Alias"
HIERARCHY = {
    "aws:organizations/account:Account": ("id", "parentId"),
    "aws:organizations/organizationalUnit:OrganizationalUnit": ("id", "parentId"),
    "gcp:organizations/project:Project": ("projectId", "folderId"),
    "gcp:organizations/folder:Folder": ("name", "parent"),
    "azure-native:management:ManagementGroupSubscription": ("subscriptionId", "groupId"),
    "azure-native:management:ManagementGroup": ("groupId", "details.parent.id"),
    # A subscription alias creates the subscription in the management group it names
    # (https://learn.microsoft.com/rest/api/subscription/alias/create, additionalProperties.managementGroupId).
    "azure-native:subscription:Alias": (
        "properties.subscriptionId",
        "properties.additionalProperties.managementGroupId",
    ),
}


def _management_group(reference: str) -> str:
    """The key of a management group (its ID, or /providers/Microsoft.Management/managementGroups/<ID>)."""
    return "managementgroup:" + reference.rstrip("/").rsplit("/", 1)[-1].lower()


def hierarchy(resources: list[Resource]) -> dict[str, frozenset[str]]:
    """Per container the stack places things in (an OU or root ID, folders/<n> or organizations/<n>, a management
    group), the accounts, projects and subscriptions below it, at any depth."""
    parent_of, leaves = _parents(resources)
    below: dict[str, set[str]] = {}
    for leaf in leaves:
        for node in ancestors(leaf, parent_of):
            below.setdefault(node, set()).add(leaf)
    return {container: frozenset(found) for container, found in below.items()}


def ancestors(leaf: str, parent_of: Mapping[str, str]) -> list[str]:
    """The containers above a leaf, nearest first."""
    found, node, seen = [], leaf, {leaf}
    while node in parent_of and parent_of[node] not in seen:
        node = parent_of[node]
        seen.add(node)
        found.append(node)
    return found


def _parents(resources: list[Resource]) -> tuple[dict[str, str], set[str]]:
    """Each account, project, subscription and container's parent, as the stack places them, and the leaves."""
    parent_of: dict[str, str] = {}
    leaves: set[str] = set()
    # A new subscription goes to the tenant's default management group, which a hierarchy setting may name
    # (https://learn.microsoft.com/azure/governance/management-groups/how-to/protect-resource-hierarchy#setting-define-the-default-management-group).
    defaults = [
        str(r.props["defaultManagementGroup"])
        for r in resources
        if r.type == HIERARCHY_SETTING and isinstance(r.props.get("defaultManagementGroup"), str)
    ]
    for resource in resources:
        keys = HIERARCHY.get(resource.type)
        if keys is None:
            continue
        own = values_at(resource.props, keys[0]) if "." in keys[0] else [resource.props.get(keys[0])]
        child = (own[0] if own else None) or (
            resource.provider_props.get(keys[0]) if keys[0] == "subscriptionId" else None
        )
        found = values_at(resource.props, keys[1]) if isinstance(resource.props, Mapping) else []
        parent = found[0] if found else None
        if resource.type == SUBSCRIPTION_ALIAS and parent is None and len(defaults) == 1:
            parent = defaults[0]
        if resource.type == GCP_PROJECT and parent is None and isinstance(resource.props.get("orgId"), str):
            parent = f"organizations/{resource.props['orgId']}"  # a project directly under the organization
        elif resource.type == GCP_PROJECT and isinstance(parent, str):
            parent = f"folders/{parent}"
        if not isinstance(child, str) or not isinstance(parent, str) or not child or not parent:
            continue  # unknown at preview or unset: no placement known
        if resource.type.startswith("azure-native:"):
            child = child.lower() if keys[0].endswith("subscriptionId") else _management_group(child)
            parent = _management_group(parent)
        if resource.type in LEAVES:
            leaves.add(child)
        parent_of[child] = parent
    return parent_of, leaves


LEAVES = frozenset(
    {"aws:organizations/account:Account", GCP_PROJECT, "azure-native:management:ManagementGroupSubscription",
     "azure-native:subscription:Alias"}
)  # fmt: skip


# An organization is created from its management account, which SCPs never restrict: "SCPs don't affect users or
# roles in the management account" (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html).
ORGANIZATION = "aws:organizations/organization:Organization"


def management_accounts(resources: list[Resource]) -> frozenset[str]:
    """The accounts the stack creates an organization from: its provider's one pinned account, or the
    organization's own ``masterAccountId`` output."""
    found: set[str] = set()
    for org in (r for r in resources if r.type == ORGANIZATION):
        ids = _strings(org.provider_props.get("allowedAccountIds"))
        if len(ids) == 1:
            found.add(ids[0])
        master = org.props.get("masterAccountId")
        if isinstance(master, str) and master:
            found.add(master)
    return frozenset(found)


def _nearest(covering: list[View], chain: list[str]) -> list[View]:
    """The GCP policies that decide for a project: those of the nearest container in its ancestry that sets one.
    A project's effective policy is the nearest ancestor's; with inheritFromParent it merges the parent's values in,
    widening what is allowed, and otherwise replaces them
    (https://cloud.google.com/resource-manager/docs/organization-policy/understanding-hierarchy)."""
    for container in chain:
        found = [v for v in covering if v.container == container]
        if found:
            return found
    return covering  # placed by a container the stack does not chain (a read guardrail's): each one as it says


def check(resources: list[Resource], ctx: Context) -> Iterator[Finding]:
    if regulated_stack(resources, ctx) is None:
        return
    tenancy = Tenancy.index(resources)
    guardrails, pending = views(resources, ctx)
    management = management_accounts(resources)
    parent_of, _ = _parents(resources)

    def decide(cluster: Resource) -> Iterator[Finding]:
        regimes: list[tuple[Regime, str]] = []
        for name, source in held_regimes(cluster, tenancy):
            regime = ctx.regimes.get(name)
            if regime is not None and regime.countries is not None:  # unknown names: FLEET-RES-001/004
                regimes.append((regime, source))
        if not regimes:
            return
        cloud = CLOUD_OF[cluster.type]
        what = f"{cluster.type} {cluster.name!r} (" + ", ".join(f"regime {r.name} from {s}" for r, s in regimes) + ")"
        scope, why = cluster_scope(cluster)
        if scope is None:
            yield Finding(
                f"{what} runs in {ARTICLE[cloud]} {SCOPE[cloud]} the stack does not pin: {why}; pin it so the cloud "
                "guardrail that "
                f"covers the {SCOPE[cloud]} can be checked",
                urn=cluster.urn,
            )
            return
        where = f"{kinds.TITLES[cloud]} {SCOPE[cloud]} {scope}"
        if cloud == AWS_CLOUD and scope in management:
            yield Finding(
                f"{what} runs in {where}, the organization's management account (the stack creates the "
                f"organization there), which service control policies do not restrict; run regulated clusters in a "
                "member account",
                urn=cluster.urn,
            )
            return
        if cloud in pending:
            raise pending[cloud]  # a guardrail of this cloud whose scope is not known yet
        covering = [v for v in guardrails if v.cloud == cloud and scope in v.scopes]
        if cloud == GCP_CLOUD:
            covering = _nearest(covering, [scope, *ancestors(scope, parent_of)])
        if not covering:
            yield Finding(
                f"{what} runs in {where}, which no cloud location guardrail in this stack covers, so what is created "
                f"there outside this program can land outside the regime; add a guardrail for the {SCOPE[cloud]} "
                "(spec guardrails) or exempt the cluster with a reason",
                urn=cluster.urn,
            )
            return
        counted = [v for v in covering if v.verdict().defect is None]
        if not counted:
            defects = "; ".join(f"{v.what} {v.verdict().defect}" for v in covering)
            yield Finding(
                f"{what} runs in {where}, whose guardrails do not restrict locations: {defects}; fix "
                f"{'them where they are managed' if any(v.read for v in covering) else 'the guardrail'}",
                urn=cluster.urn,
            )
            return
        allowed = frozenset.intersection(*(v.verdict().allowed or frozenset() for v in counted))
        unknown = sorted({value for v in counted for value in v.verdict().unknown})
        names = ", ".join(v.what for v in counted)
        for regime, _ in regimes:
            wider = [*core.outside(regime, cloud, allowed), *unknown]
            if wider:
                yield Finding(
                    f"{what} runs in {where}, whose guardrail ({names}) allows {', '.join(wider)}, outside regime "
                    f"{regime.name} ({regime.summary()}); narrow the guardrail to a regime inside {regime.name}"
                    + (" where it is managed" if any(v.read for v in counted) else ""),
                    urn=cluster.urn,
                )

    yield from each((r for r in resources if r.type in CLUSTER_TYPES), decide, "the cloud location guardrail check")


RULE = Rule(
    id="FLEET-GRD-001",
    name="residency-cloud-guardrail",
    title=(
        "Ensure regulated clusters run in accounts, projects and subscriptions whose cloud location guardrail keeps "
        "to their regimes"
    ),
    severity="high",
    default_level="mandatory",
    rationale=(
        "The pack sees only what Pulumi deploys; the cloud's own location guardrail (SCP, organization policy, "
        "Azure Policy) also refuses what anyone else creates in the scope outside the regime."
    ),
    remediation=(
        "Pin the cluster's account, project or subscription in the spec and cover it with a guardrail whose regime "
        "is inside every regime the cluster holds (spec guardrails), or exempt the cluster with a reason."
    ),
    stack_check=check,
)
