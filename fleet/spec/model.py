"""The fleet spec: one typed, frozen model of an environment, parsed once at the edge.

Everything downstream (placement, components, review) takes these objects, never raw dicts.
Keys are camelCase in the stack file, as Pulumi config keys conventionally are.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    StrictBool,
    StrictInt,
    Tag,
    field_validator,
    model_validator,
)
from pydantic.alias_generators import to_camel

from fleet.core import catalog, guardrails, kinds, maintenance, quantity, vcluster_chart
from fleet.core.catalog.kubernetes import SUPPORTED_KUBERNETES_VERSIONS

DNS_LABEL = re.compile(r"^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$")
# The intersection of what AWS tags, GCP labels, Azure tags and Kubernetes labels accept, so a
# label written once can be applied everywhere unchanged.
LABEL_KEY = re.compile(r"^[a-z][a-z0-9_-]{0,62}$")
LABEL_VALUE = re.compile(r"^[a-z0-9_-]{0,63}$")


class Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        alias_generator=to_camel,
        populate_by_name=True,
        str_strip_whitespace=True,
        # Built on first use: `fleet validate` builds the whole spec's schema once, not each model's too.
        defer_build=True,
    )


def dns_label(value: str) -> str:
    if not DNS_LABEL.match(value):
        raise ValueError(
            f"{value!r} is not a DNS-1123 label; use 1-63 lowercase letters, digits and '-', "
            "starting with a letter and ending with a letter or digit"
        )
    return value


def check_labels(labels: dict[str, str]) -> dict[str, str]:
    for key, value in labels.items():
        if not LABEL_KEY.match(key):
            raise ValueError(
                f"label key {key!r} is not portable; use 1-63 of a-z, 0-9, '_' and '-', "
                "starting with a letter (valid as AWS tag, GCP label, Azure tag and Kubernetes label)"
            )
        if not LABEL_VALUE.match(value):
            raise ValueError(
                f"label {key}={value!r} has a value that is not portable; use up to 63 of a-z, 0-9, '_' and '-'"
            )
    return labels


Name = Annotated[str, Field(min_length=1, max_length=40)]
# What dns_label() enforces, said to the JSON Schema too, so an editor flags it as it is typed;
# validation itself stays with the validator and its message (fleet.spec.reference).
DnsLabel = Annotated[str, Field(json_schema_extra={"pattern": DNS_LABEL.pattern, "maxLength": 63})]
MAX_TENANT_NAME = 30
TenantName = Annotated[str, Field(json_schema_extra={"pattern": DNS_LABEL.pattern, "maxLength": MAX_TENANT_NAME})]
Labels = Annotated[dict[str, str], Field(default_factory=dict)]


WIDEST_IPV4_SOURCE = 8
WIDEST_IPV6_SOURCE = 32


class ApiEndpoint(Model):
    """Who can reach the Kubernetes API server.

    ``private`` (default): only from inside the cluster's network (and, with the deployer's
    ``privateNetwork``, from the deploy runners routed into it). ``restricted``: a public endpoint
    that answers only the listed public CIDRs (a public endpoint sees public source addresses, so
    private ranges there would admit nobody). There is deliberately no ``public``: an API server
    open to the internet is the most common way managed clusters are compromised.

    ``dnsEndpoint`` (GKE only): also serve GKE's DNS-based control-plane endpoint, which any
    network can reach and IAM (container.clusters.connect) authorizes; the IP endpoint stays as
    ``access`` says. It needs ``dnsEndpointPerimeter``, the VPC Service Controls perimeter that
    guards it, so IAM is not the only guard.
    """

    access: Literal["private", "restricted"] = "private"
    """``private`` (the default): the API server is reachable only from inside the cluster's network and the
    deployer's ``privateNetwork``. ``restricted``: a public endpoint that answers only ``allowedCidrs``. There
    is no ``public``."""
    allowed_cidrs: tuple[str, ...] = ()
    """The public source ranges a ``restricted`` endpoint answers, in CIDR notation (office or CI egress).
    Required with ``access: restricted`` and refused with ``private``; each must be a public range no wider than
    a /8 (IPv4) or /32 (IPv6). EKS takes at most 40, GKE 50, AKS 200, and the deployer's ``publicEgress`` must
    lie inside them."""
    dns_endpoint: StrictBool = False
    """GKE only: also serve GKE's DNS-based control-plane endpoint, which any network can reach and IAM
    (container.clusters.connect) authorizes, so a deploy job outside the cluster's network can reach a private
    cluster. The IP endpoint stays as ``access`` says. Set on another cloud, it is a spec error. It needs
    ``dnsEndpointPerimeter``."""
    dns_endpoint_perimeter: str | None = Field(
        default=None, pattern=r"^accessPolicies/[0-9]+/servicePerimeters/[A-Za-z][A-Za-z0-9_]{0,49}$"
    )
    """With ``dnsEndpoint``, required: the VPC Service Controls perimeter (``accessPolicies/<number>/
    servicePerimeters/<name>``) that holds the cluster's project and restricts ``container.googleapis.com``
    and ``kubernetesmetadata.googleapis.com``, which is how GKE guards the DNS endpoint beyond IAM: a request
    from outside the perimeter is refused whoever makes it. The organization's security team owns the
    perimeter and admits the deploy runners (an access level or ingress rule); fleet does not change it, and
    `fleet preflight` lists it."""

    @field_validator("allowed_cidrs")
    @classmethod
    def _cidrs(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for cidr in value:
            network = _network(cidr)
            if network.prefixlen < (WIDEST_IPV4_SOURCE if network.version == 4 else WIDEST_IPV6_SOURCE):
                # 0.0.0.0/1 and 128.0.0.0/1 together are the whole internet; no office or CI egress
                # is wider than a /8 (IPv4) or a /32 (IPv6, a whole RIR allocation).
                raise ValueError(
                    f"{cidr!r} opens the API server to "
                    f"{'the whole internet' if network.prefixlen == 0 else 'a large part of the internet'}; "
                    "list your office or CI egress ranges instead"
                )
            if not network.is_global:
                raise ValueError(
                    f"{cidr!r} is a private or reserved range, which a public endpoint never sees as a source; "
                    "list public egress ranges here, and reach private endpoints through deployer.privateNetwork"
                )
        return value

    @model_validator(mode="after")
    def _consistent(self) -> ApiEndpoint:
        if self.access == "restricted" and not self.allowed_cidrs:
            raise ValueError("access 'restricted' needs allowedCidrs; list at least one CIDR")
        if self.access == "private" and self.allowed_cidrs:
            raise ValueError("allowedCidrs is only used with access 'restricted'; remove it or set access: restricted")
        return self


def _network(value: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network:
    try:
        return ipaddress.ip_network(value, strict=True)
    except ValueError as err:
        raise ValueError(f"{value!r} is not a network in CIDR notation ({err})") from None


ROLE_ARN = r"^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+$"


# EC2 resource IDs have 8 or 17 hex digits after the prefix, nothing in between
# (docs.aws.amazon.com/AWSEC2/latest/UserGuide/resource-ids.html).
TRANSIT_GATEWAY_ID = re.compile(r"^tgw-(?:[0-9a-f]{8}|[0-9a-f]{17})$")


def _transit_gateway(value: str) -> str:
    if not TRANSIT_GATEWAY_ID.match(value):
        raise ValueError(
            f"{value!r} is not a transit gateway ID; write tgw- and its 8 or 17 hex digits, as "
            "`aws ec2 describe-transit-gateways` shows it (a tgw-attach-... is an attachment, not the gateway)"
        )
    return value


TransitGatewayId = Annotated[str, AfterValidator(_transit_gateway)]


class AwsDeployer(Model):
    role_arn: str = Field(max_length=2048, pattern=ROLE_ARN)
    """The IAM role the deploy job assumes. It gets an EKS access entry with cluster admin on every
    EKS cluster in its own account; nobody else is given admin implicitly (bootstrap admin is off)."""
    account_role: str = Field(default="", max_length=512, pattern=r"^$|^[A-Za-z0-9+=,.@_/-]+$")
    """For clusters whose ``account`` is not the deployer role's: the name (with path) of the role
    the deploy role assumes in that account to create the cluster's cloud resources (it must
    trust the deploy role). Default: the deployer role's own name, the usual convention of one
    deploy role per account. In Kubernetes the deploy role itself is the cluster admin."""

    @property
    def account(self) -> str:
        return self.role_arn.split(":")[4]

    def role_in(self, account: str | None) -> str:
        """The role that deploys into ``account`` (None: wherever the credentials point)."""
        if account is None or account == self.account:
            return self.role_arn
        partition = self.role_arn.split(":")[1]
        name = self.account_role or self.role_arn.split(":role/", 1)[1]
        return f"arn:{partition}:iam::{account}:role/{name}"

    opt_in_regions: tuple[str, ...] = ()
    """The opt-in AWS Regions (those introduced after 2019-03-20, off in every account until enabled there)
    that are enabled in the accounts of the clusters placed in them. A cluster in an opt-in Region not listed
    here is a spec error: the first `up` would fail on its first call there. The deploy role's own account
    need not enable them: fleet makes its STS calls for those clusters in us-east-1 (the provider's
    ``stsRegion``, and ``aws eks get-token --region``)."""
    runner_region: str | None = None
    """With ``transitGateways``, required: the region whose gateway the runners' network itself is attached to.
    Every other region's gateway reaches the runners through a peering with that one, and peered gateways
    exchange no routes: each side needs static routes, which `fleet preflight` lists per gateway for the
    network team (the program cannot change route tables of gateways shared with it)."""
    transit_gateways: dict[str, TransitGatewayId] = Field(default_factory=dict)
    """Per AWS region, the transit gateway the runners' network (``privateNetwork``) is attached to
    (it may be shared from the network account through RAM). Every EKS cluster with a private
    endpoint attaches its VPC to its region's gateway and routes ``privateNetwork`` to it; a region
    with such a cluster and no gateway here is a spec error. Nothing is attached by default."""


# The ARM ID of a virtual network, in the casing ARM returns it: a peering's remoteVirtualNetwork
# is compared as written, so another casing would show as a change on every run.
# Names: resource group 1-90 of letters, digits, _ . - ( ) not ending in '.'; VNet 2-64 of letters,
# digits, _ . - starting alphanumeric, ending alphanumeric or '_'
# (learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules, Microsoft.Network).
VIRTUAL_NETWORK_ID = re.compile(
    r"^/subscriptions/(?P<subscription>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
    r"/resourceGroups/(?P<group>[-\w.()]{0,89}[-\w()])"
    r"/providers/Microsoft\.Network/virtualNetworks/(?P<name>[A-Za-z0-9](?:[-\w.]{0,62}\w))$"
)
VIRTUAL_NETWORK_ID_EXAMPLE = (
    "/subscriptions/<subscription id>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<name>"
)


class AzureDeployer(Model):
    principal_object_id: str = Field(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
    """The Entra object ID of the service principal the deploy job signs in as. It gets "Azure
    Kubernetes Service RBAC Cluster Admin" on every AKS cluster and "Key Vault Crypto Officer" on
    their key vaults (to replace or delete keys)."""
    runner_virtual_network_id: str | None = None
    """The ARM ID of the runners' virtual network (``privateNetwork`` is in it), in any subscription
    of the same tenant. Every AKS cluster with a private endpoint is peered with it, in both
    directions; the deployer needs Network Contributor on it. Required with private AKS clusters
    and self-hosted runners; nothing is peered by default."""

    @field_validator("runner_virtual_network_id")
    @classmethod
    def _vnet_id(cls, value: str | None) -> str | None:
        if value is None or VIRTUAL_NETWORK_ID.match(value):
            return value
        if re.match(VIRTUAL_NETWORK_ID.pattern, value, re.IGNORECASE):
            raise ValueError(
                f"{value!r} is a virtual network ID in another casing; write it as Azure returns it "
                f"({VIRTUAL_NETWORK_ID_EXAMPLE}, the subscription ID in lowercase; "
                "`az network vnet show --query id`), or every run shows the peering as changed"
            )
        raise ValueError(f"{value!r} is not the ARM ID of a virtual network; write {VIRTUAL_NETWORK_ID_EXAMPLE}")


def _tag(key: str, default: object, tags: dict[object, str] | None = None) -> Callable[[object], str | None]:
    """The discriminator of a union whose tag key may be left out (then ``default``): the tag, or
    the value as written so the error names it. ``tags`` maps YAML values to tag names (a bool key)."""

    def tag(value: object) -> str | None:
        found = value.get(key, default) if isinstance(value, dict) else getattr(value, key, default)
        if tags is not None:
            # bool is a subclass of int: look up by identity so 1 is not taken for true
            return next((name for v, name in tags.items() if v is found), None if found is None else str(found))
        return found if isinstance(found, str) else None if found is None else str(found)

    tag.key = key  # type: ignore[attr-defined]  # the spec's error messages name the key
    return tag


class Preview(Model):
    """Where pull-request previews run and as whom: never the deploy runners or the deploy identities.

    A preview runs the pull request's code, which nobody has reviewed yet, and GitHub warns that a
    self-hosted runner "can be persistently compromised by untrusted code in a workflow" (Security
    hardening for GitHub Actions, "Hardening for self-hosted runners"). So previews get runners of
    their own (ephemeral, or a runner group the deploy workflow does not use) and a read-only
    identity per cloud, each trusted only for the ``pull_request`` subject."""

    runs_on: tuple[str, ...] = Field(min_length=1)
    """The preview job's `runs-on` labels. They must include a label the deploy runners do not carry (such as
    ``fleet-preview``): GitHub gives a job to any runner that has all of its labels."""
    aws_role_arn: str | None = Field(default=None, max_length=2048, pattern=ROLE_ARN)
    """The IAM role previews assume (read-only: ``ReadOnlyAccess``), trusted for ``pull_request`` only.
    Required when the stack has EKS clusters; never a deploy role."""
    gcp_service_account: str | None = Field(default=None, pattern=r"^[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}$")
    """The service account previews impersonate (``roles/viewer``), trusted for ``pull_request`` only.
    Required when the stack has GKE clusters."""
    azure_principal_object_id: str | None = Field(
        default=None, pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )
    """The object ID of the service principal previews sign in as (Reader), federated for ``pull_request``
    only. Required when the stack has AKS clusters; never ``deployer.azure.principalObjectId``."""


class DeployerBase(Model):
    """Where this environment's `pulumi up` runs, and so which API endpoints it can reach.

    A private endpoint is reachable only from ``privateNetwork`` (self-hosted runners whose range
    is routed into every cluster network) or, on GKE, through the DNS endpoint. A restricted one
    only from ``publicEgress`` (the runners' static public addresses; GitHub-hosted runners have
    none that can be listed). `fleet review` and the program refuse a spec whose deploy job
    could not reach a cluster it manages.
    """

    public_egress: tuple[str, ...] = ()
    """Static public CIDRs the runners' traffic leaves from (self-hosted, or GitHub larger runners
    with static addresses)."""
    aws: AwsDeployer | None = None
    """The deploy job's AWS identity (``roleArn``) and, for private EKS endpoints, the ``transitGateways`` its
    runners are routed through. Required when any cluster is on AWS."""
    azure: AzureDeployer | None = None
    """The deploy job's Azure identity (``principalObjectId``) and, for private AKS endpoints, the runners'
    virtual network to peer with. Required when any cluster is on Azure."""
    preview: Preview | None = None
    """Where pull-request previews run and as whom (``runsOn`` and a read-only identity per cloud). Required
    with self-hosted runners: previews never run on the deploy runners or as the deploy identities."""

    @field_validator("public_egress")
    @classmethod
    def _egress(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for cidr in value:
            if not _network(cidr).is_global:
                raise ValueError(
                    f"{cidr!r} is not a public range; publicEgress lists where traffic leaves to the internet"
                )
        return value


class GithubHostedDeployer(DeployerBase):
    """GitHub-hosted runners (the default): on the internet, in no network of ours."""

    runner: Literal["github-hosted"] = "github-hosted"
    """``github-hosted`` (the default when ``runner`` is left out) selects GitHub-hosted runners, in no network
    of ours. They reach a private API endpoint only through GKE's DNS endpoint, and a restricted one only from a
    ``publicEgress`` inside its ``allowedCidrs``."""
    # What the program reads of every deployer; GitHub-hosted runners are in no private network.
    private_network: ClassVar[None] = None
    runs_on: ClassVar[tuple[str, ...]] = ("ubuntu-latest",)


class SelfHostedDeployer(DeployerBase):
    """Runners of our own, possibly inside a network routed to the clusters."""

    runner: Literal["self-hosted"]
    """``self-hosted`` selects runners of our own, chosen by ``runsOn``; with ``privateNetwork`` they can reach
    private API endpoints."""
    runs_on: tuple[str, ...] = Field(min_length=1)
    """The deploy job's `runs-on` labels: the runners that deploy this environment."""
    private_network: str | None = None
    """The runners' private range, routed (peering, transit gateway, VPN) into every cluster's
    network; private endpoints admit it."""

    @field_validator("private_network")
    @classmethod
    def _private(cls, value: str | None) -> str | None:
        return value if value is None else _cidr(value)


Deployer = Annotated[
    Annotated[GithubHostedDeployer, Tag("github-hosted")] | Annotated[SelfHostedDeployer, Tag("self-hosted")],
    Discriminator(_tag("runner", "github-hosted")),
]


class GroupMapping(Model):
    """How one of the tenants' groups is known to each cloud's Kubernetes authentication."""

    aws: str | None = Field(default=None, max_length=2048, pattern=ROLE_ARN)
    """The IAM role whose sessions are the group's members (an EKS access entry puts them in it)."""
    gcp: str | None = Field(default=None, pattern=r"^[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}$")
    """The Google Group's email (Google Groups for RBAC)."""
    azure: str | None = Field(default=None, pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
    """The Entra group's object ID (AKS puts object IDs, not names, in tokens)."""


class Identity(Model):
    """The groups tenants and platform admins are bound by, as each cloud names them.

    RoleBindings name groups; EKS, GKE and AKS each authenticate people differently, so every
    group a tenant on a cluster of a cloud uses must be mapped for that cloud (a spec error
    otherwise). Existing clusters use the group names as written.
    """

    groups: dict[GroupName, GroupMapping] = Field(default_factory=dict)
    """For each group the spec binds (in tenants' ``owners`` and in ``clusterAdmins``), its principal on each
    cloud: ``aws`` an IAM role ARN, ``gcp`` a Google Group's email, ``azure`` an Entra group's object ID. A
    group bound on a cluster must be mapped for that cluster's cloud, and no two groups may map to one
    principal; existing clusters use the group names as written."""
    cluster_admins: tuple[GroupName, ...] = ()
    """Groups bound to ``cluster-admin`` on every cluster, existing ones included (the platform team); on AKS
    they are also the cluster's admin groups. Each must be mapped in ``groups`` for every cloud fleet builds
    clusters on."""

    @field_validator("groups")
    @classmethod
    def _one_principal_one_group(cls, value: dict[str, GroupMapping]) -> dict[str, GroupMapping]:
        # Two groups mapped to one principal are one group to the cloud: whoever holds it gets the
        # bindings of both, which the spec would show as separate.
        for cloud in ("aws", "gcp", "azure"):
            seen: dict[str, str] = {}
            for group, mapping in value.items():
                principal = getattr(mapping, cloud)
                if principal is None:
                    continue
                if principal.lower() in seen:
                    raise ValueError(
                        f"groups {seen[principal.lower()]!r} and {group!r} map to the same {cloud} principal "
                        f"{principal!r}; to the cloud they are one group, holding the bindings of both: map each "
                        "group to its own principal"
                    )
                seen[principal.lower()] = group
        return value

    """Groups that are cluster-admin on every cluster (the platform team)."""
    gcp_security_group: str | None = Field(default=None, pattern=r"^gke-security-groups@[a-z0-9.-]+\.[a-z]{2,}$")
    """Google Groups for RBAC: the gke-security-groups@<domain> group every mapped group is nested in."""


class Security(Model):
    """Hardening switches. Every default is the production setting; dev may turn some off."""

    secrets_encryption: StrictBool = True
    """Kubernetes Secrets encrypted at rest with a customer-managed key (KMS / Cloud KMS / Key Vault)."""
    audit_logs: StrictBool = True
    """Control-plane audit logs shipped to the cloud's log service."""
    workload_identity: StrictBool = True
    """Pods get cloud identities (IRSA / GKE Workload Identity / Azure workload identity)."""


class NodePool(Model):
    name: DnsLabel
    """The pool's name: a DNS-1123 label, unique in its cluster. EKS allows at most 36 characters and GKE 40;
    AKS takes only 1-12 lowercase letters and digits, starting with a letter."""
    machine_type: str
    """The nodes' machine type as the cloud names it: an EC2 instance type (``m7i.2xlarge``), a Compute Engine
    machine type (``n2-standard-4``) or an Azure VM size (``Standard_D4s_v5``). On EKS every pool's type must be
    offered in three of the region's availability zones that support EKS."""
    min_size: StrictInt = Field(ge=0, le=1000)
    """The fewest nodes the pool's autoscaler keeps, counted across all the cluster's zones; at most
    ``maxSize``."""
    max_size: StrictInt = Field(ge=1, le=1000)
    """The most nodes the pool's autoscaler may run, counted across all the cluster's zones."""
    disk_size_gb: StrictInt = Field(default=100, ge=20, le=4096)
    """The size of each node's root disk in GB: an encrypted gp3 volume on EKS, the boot disk on GKE, the OS
    disk on AKS."""

    _name = field_validator("name")(classmethod(lambda cls, v: dns_label(v)))

    @model_validator(mode="after")
    def _sizes(self) -> NodePool:
        if self.min_size > self.max_size:
            raise ValueError(
                f"minSize {self.min_size} is greater than maxSize {self.max_size}; raise maxSize or lower minSize"
            )
        return self


TIME_OF_DAY = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


class MaintenanceWindow(Model):
    """When the cloud may update the cluster on its own, every week, in UTC."""

    days: tuple[Weekday, ...] = Field(min_length=1, max_length=7)
    """The days of the week the window opens, lowercase (``saturday``); each at most once. AKS takes one day."""
    start: str = Field(json_schema_extra={"pattern": TIME_OF_DAY.pattern})
    """The time it opens on each of its days, ``HH:MM`` in UTC (00:00 to 23:59)."""
    hours: StrictInt = Field(ge=1, le=24)
    """How long it stays open. GKE needs at least 4, and 48 in any 32 days in all; AKS 4 to 24."""

    @field_validator("start", mode="before")
    @classmethod
    def _time_of_day(cls, value: object) -> object:
        if isinstance(value, int) and not isinstance(value, bool):
            # YAML 1.1 reads an unquoted 22:00 as the base-60 number 1320.
            raise ValueError(f'{value} is a number (YAML reads an unquoted time as one); quote it: start: "22:00"')
        if not isinstance(value, str) or not TIME_OF_DAY.match(value):
            raise ValueError(f"{value!r} is not a time of day; write HH:MM in UTC, 00:00 to 23:59 (quoted in YAML)")
        return value

    @field_validator("days")
    @classmethod
    def _once(cls, days: tuple[str, ...]) -> tuple[str, ...]:
        repeated = sorted({d for d in days if days.count(d) > 1})
        if repeated:
            raise ValueError(f"{', '.join(repeated)} named more than once; name each day once")
        return days


class MaintenanceExclusion(Model):
    """Whole UTC days on which no automatic maintenance may start (a release freeze, a sales event)."""

    name: DnsLabel
    """The exclusion's name: a DNS-1123 label, unique among the cluster's exclusions."""
    start: dt.date
    """The first day excluded, ``YYYY-MM-DD``."""
    end: dt.date
    """The last day excluded, ``YYYY-MM-DD``, on or after ``start``. GKE takes at most 30 days in one exclusion."""

    _name = field_validator("name")(classmethod(lambda cls, v: dns_label(v)))

    @model_validator(mode="after")
    def _ordered(self) -> MaintenanceExclusion:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}; the last day comes on or after the first")
        return self

    def core(self) -> maintenance.Exclusion:
        return maintenance.Exclusion(self.name, self.start, self.end)


class Maintenance(Model):
    """When the cloud may update the cluster on its own (GKE, AKS; EKS has no such setting)."""

    window: MaintenanceWindow | None = None
    """The weekly window. Default: Saturday from 00:00 UTC for 16 hours. On EKS it is refused."""
    exclusions: tuple[MaintenanceExclusion, ...] = ()
    """Days on which no automatic maintenance starts, with unique names. On EKS they are refused."""

    @field_validator("exclusions")
    @classmethod
    def _unique(cls, exclusions: tuple[MaintenanceExclusion, ...]) -> tuple[MaintenanceExclusion, ...]:
        names = [e.name for e in exclusions]
        repeated = sorted({n for n in names if names.count(n) > 1})
        if repeated:
            raise ValueError(f"exclusion name {', '.join(repeated)} is used more than once; names must be unique")
        return exclusions

    def core_window(self) -> maintenance.Window:
        w = self.window
        return maintenance.DEFAULT_WINDOW if w is None else maintenance.Window(w.days, w.start, w.hours)

    def core_exclusions(self) -> tuple[maintenance.Exclusion, ...]:
        return tuple(e.core() for e in self.exclusions)


class Capacity(Model):
    """What the cluster offers to tenants' quotas (not its raw node capacity)."""

    cpu: str | int | float
    """The CPU that tenants' quota requests (``quota.cpu``) may add up to on this cluster, as a Kubernetes
    quantity: cores (``160``) or millicores (``"500m"``). Placement multiplies it by
    ``placement.overcommitCpu``; a cluster with more CPU also takes a larger share of tenants."""
    memory: str
    """The memory that tenants' quota requests (``quota.memory``) may add up to on this cluster, as a Kubernetes
    quantity such as ``640Gi``. Placement multiplies it by ``placement.overcommitMemory``."""

    @field_validator("cpu", "memory")
    @classmethod
    def _quantity(cls, value: str | int | float) -> str | int | float:
        quantity.parse(value)
        return value

    @property
    def millicores(self) -> int:
        return quantity.millicores(self.cpu)

    @property
    def memory_bytes(self) -> int:
        return quantity.bytes_(self.memory)


# Carrier-grade NAT space, widely used for pod ranges because it never collides with corporate
# RFC 1918 networks.
SHARED_ADDRESS_SPACE = ipaddress.IPv4Network("100.64.0.0/10")


def _cidr(value: str) -> str:
    try:
        network = ipaddress.ip_network(value, strict=True)
    except ValueError as err:
        raise ValueError(f"{value!r} is not a network in CIDR notation ({err})") from None
    if network.version != 4 or not (network.is_private or network.subnet_of(SHARED_ADDRESS_SPACE)):
        raise ValueError(
            f"{value!r} must be a private IPv4 range (RFC 1918, or RFC 6598 100.64.0.0/10), e.g. 10.20.0.0/16"
        )
    return value


class Network(Model):
    """Address ranges. Node ranges must not overlap across the fleet so clusters can peer."""

    node_cidr: str
    """The nodes' range in CIDR notation: a private IPv4 range (RFC 1918, or 100.64.0.0/10) from /16 to /22,
    disjoint from every other cluster's node range so clusters can peer. It is the VPC on EKS (pods take
    addresses from it too), the node subnet on GKE, and the VNet on AKS (nodes in its first half)."""
    service_cidr: str
    """The range Kubernetes Services get their cluster IPs from, in CIDR notation: a private IPv4 range
    (RFC 1918, or 100.64.0.0/10). Unlike ``nodeCidr``, it need not differ from other clusters'."""
    pod_cidr: str | None = None
    """The range pods get their addresses from, in CIDR notation (a private IPv4 range, e.g. 10.64.0.0/14).
    Required on GKE and AKS; refused on EKS, where pods take VPC addresses from ``nodeCidr``."""

    _cidrs = field_validator("node_cidr", "service_cidr", "pod_cidr")(
        classmethod(lambda cls, v: v if v is None else _cidr(v))
    )

    @field_validator("node_cidr")
    @classmethod
    def _node_size(cls, value: str) -> str:
        prefix = ipaddress.IPv4Network(value).prefixlen
        if not 16 <= prefix <= 22:
            raise ValueError(
                f"{value!r} is a /{prefix}; node ranges must be /16 to /22 so three zones of "
                "subnets fit (and AWS VPCs are at most /16)"
            )
        return value

    def ranges(self) -> dict[str, ipaddress.IPv4Network]:
        found = {"nodeCidr": self.node_cidr, "serviceCidr": self.service_cidr, "podCidr": self.pod_cidr}
        return {k: ipaddress.IPv4Network(v) for k, v in found.items() if v}


class ClusterCommon(Model):
    """What every cluster of the fleet declares, whether the fleet builds it or only uses it."""

    name: DnsLabel
    """The cluster's name: a DNS-1123 label, unique among the clusters of the spec; the cloud resources fleet
    creates for it are named after it. A cluster fleet builds may have at most 42 characters on AWS, 40 on GCP
    and 50 on Azure."""
    kubernetes_version: str
    """The Kubernetes minor version, quoted (``"1.35"``; unquoted, YAML reads 1.30 as the number 1.3); a version
    fleet does not support is refused with the list of those it does. Fleet builds the control plane and nodes
    at it; on an existing cluster it states what the cluster runs. Tenant namespaces enforce Pod Security at
    this version."""
    capacity: Capacity
    """What the cluster offers to tenants' quotas, not its raw node capacity: placement puts tenants on it only
    while the sum of their ``quota.cpu`` and ``quota.memory`` stays within these, times the ``placement``
    overcommit factors."""
    labels: Labels
    """Labels of the cluster: tagged on the cloud resources fleet creates for it, and matched by tenants'
    ``placement.labels`` and shards' ``clusters.labels``. Keys are 1-63 of a-z, 0-9, ``_`` and ``-``, starting
    with a letter; values up to 63 of the same (valid as a tag or label on every cloud and in Kubernetes). With
    the 7 fleet adds, AWS and Azure take at most 43, GCP 57."""
    residency: str | None = None
    """A regime this cluster is dedicated to: its location must satisfy it, and it is tagged on
    every resource of the cluster. Tenants still need their own regime satisfied."""
    cordoned: StrictBool = False
    """Drain the cluster: no tenant is placed on it; its tenants move elsewhere in their regime. A tenant's data on
    it stays until the tenant's ``leaving`` entry for it says it has moved (docs/OPERATING.md)."""
    # Set for clusters built from a tenant's dedicated template; not a key of the spec.
    _dedicated_to: str | None = PrivateAttr(default=None)

    @property
    def dedicated_to(self) -> str | None:
        return self._dedicated_to

    def dedicate(self, tenant: str) -> ClusterCommon:
        self._dedicated_to = tenant
        return self

    _name = field_validator("name")(classmethod(lambda cls, v: dns_label(v)))
    _labels = field_validator("labels")(classmethod(lambda cls, v: check_labels(v)))

    @field_validator("kubernetes_version", mode="before")
    @classmethod
    def _version(cls, value: object) -> object:
        text = str(value)
        if text not in SUPPORTED_KUBERNETES_VERSIONS:
            raise ValueError(
                f"Kubernetes {text!r} is not supported; pin one of "
                f'{", ".join(SUPPORTED_KUBERNETES_VERSIONS)} (quote it in YAML: "1.35")'
            )
        return text

    @property
    def managed(self) -> bool:
        """Whether the fleet builds this cluster (EKS, GKE, AKS), rather than only deploying onto it."""
        return self.cloud != catalog.EXISTING

    if TYPE_CHECKING:
        # Every kind of cluster has these; they are fields on some kinds and derived on others,
        # so pydantic must not see them here.
        @property
        def cloud(self) -> str: ...

        @property
        def region(self) -> str:
            """A cloud region, or an existing cluster's site."""

        @property
        def country(self) -> str: ...


class ClusterBase(ClusterCommon):
    """A cluster the fleet builds in a cloud region."""

    region: str
    """The cloud region the cluster is built in, e.g. ``eu-central-1``, ``europe-west4`` or ``westeurope``.
    It is matched exactly against fleet's region catalogue (`fleet regions --cloud <cloud>` lists them) and gives
    the cluster's country; with ``residency`` set, it must be in that regime."""
    network: Network
    """The cluster's private IPv4 address ranges: ``nodeCidr``, ``serviceCidr`` and (GKE, AKS) ``podCidr``.
    They must not overlap each other, nor the deployer's ``privateNetwork``."""
    node_pools: tuple[NodePool, ...] = Field(min_length=1)
    """The cluster's node pools, at least one, with names unique in the cluster.
    Each is autoscaled between its ``minSize`` and ``maxSize``."""
    api_endpoint: ApiEndpoint | None = None
    """Defaults to ``defaults.apiEndpoint`` (private unless the environment says otherwise)."""
    security: Security | None = None
    """Defaults to ``defaults.security`` (all hardening on)."""
    maintenance: Maintenance | None = None
    """When the cloud may update the cluster on its own. Defaults to ``defaults.maintenance``; on EKS, which has no
    such setting, it is refused."""

    @field_validator("region")
    @classmethod
    def _region(cls, value: str) -> str:
        cloud: str = cls.model_fields["cloud"].default
        found = catalog.lookup(cloud, value)
        title = kinds.TITLES[cloud]
        if found is None or not found.deployable:
            did_you_mean = catalog.did_you_mean(cloud, value)
            raise ValueError(
                f"{value!r} is not a region of {title}; {did_you_mean}run `fleet regions --cloud {cloud}` for the list"
            )
        return found.name

    @field_validator("node_pools")
    @classmethod
    def _unique_pools(cls, pools: tuple[NodePool, ...]) -> tuple[NodePool, ...]:
        seen: set[str] = set()
        for pool in pools:
            if pool.name in seen:
                raise ValueError(f"node pool name {pool.name!r} is used twice; pool names must be unique")
            seen.add(pool.name)
        return pools

    @model_validator(mode="after")
    def _network_inside(self) -> ClusterBase:
        ranges = list(self.network.ranges().items())
        for i, (key_a, net_a) in enumerate(ranges):
            for key_b, net_b in ranges[i + 1 :]:
                if net_a.overlaps(net_b):
                    raise ValueError(
                        f"network.{key_a} {net_a} overlaps network.{key_b} {net_b}; give each range its own addresses"
                    )
        return self

    @property
    def region_info(self) -> catalog.Region:
        found = catalog.lookup(self.cloud, self.region)
        assert found is not None  # validated
        return found

    @property
    def country(self) -> str:
        return self.region_info.country


AWS_ACCOUNT = re.compile(r"^[0-9]{12}$")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def aws_account(value: object) -> object:
    """A 12-digit AWS account ID, written as a string (YAML reads unquoted digits as a number and
    drops leading zeros)."""
    if value is None:
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        raise ValueError(f'{value} is a number; quote the account ID so YAML keeps all 12 digits, e.g. "{value:012d}"')
    if not isinstance(value, str) or not AWS_ACCOUNT.match(value):
        raise ValueError(f'{value!r} is not an AWS account ID; write its 12 digits in quotes, e.g. "333333333333"')
    return value


def azure_subscription(value: object) -> object:
    if value is None:
        return value
    if not isinstance(value, str) or not UUID.match(value):
        raise ValueError(
            f"{value!r} is not an Azure subscription ID; write it as a lowercase UUID, "
            "e.g. 6f1c3a2e-0d4b-4c8e-9a7f-2b5d8e1c4a90"
        )
    return value


class AwsCluster(ClusterBase):
    """An EKS cluster in its own VPC across three availability zones."""

    cloud: Literal["aws"] = "aws"
    """``aws`` selects this kind: an EKS cluster that fleet builds in its own VPC across three availability
    zones."""
    account: str | None = None
    """The 12-digit AWS account the cluster is deployed in: what a cloud guardrail covers. Unset:
    unknown, so no guardrail can be shown to cover it (FLEET-GRD-001 refuses a regulated one)."""

    _account = field_validator("account", mode="before")(classmethod(lambda cls, v: aws_account(v)))


class GcpCluster(ClusterBase):
    """A regional GKE Standard cluster with private nodes in its own VPC."""

    cloud: Literal["gcp"] = "gcp"
    """``gcp`` selects this kind: a regional GKE Standard cluster with private nodes, which fleet builds in its
    own VPC in ``project``."""
    project: str = Field(pattern=r"^[a-z][a-z0-9-]{4,28}[a-z0-9]$")
    """The ID of the GCP project the cluster and its VPC are created in.
    It has 6-30 lowercase letters, digits and ``-``, starting with a letter and not ending with ``-``. A
    guardrail covers the cluster by listing this project in its ``gcp.projects``."""


class AzureCluster(ClusterBase):
    """An AKS cluster with Azure CNI overlay in its own resource group and VNet."""

    cloud: Literal["azure"] = "azure"
    """``azure`` selects this kind: an AKS cluster with Azure CNI overlay, which fleet builds in its own
    resource group and VNet."""
    subscription: str | None = None
    """The subscription ID (a lowercase UUID) the cluster is deployed in: what a cloud guardrail
    covers. Unset: unknown, so no guardrail can be shown to cover it."""

    _subscription = field_validator("subscription", mode="before")(classmethod(lambda cls, v: azure_subscription(v)))
    admin_group_object_ids: tuple[str, ...] = ()
    """Entra ID groups that administer the cluster; local accounts are always disabled."""

    @field_validator("admin_group_object_ids")
    @classmethod
    def _uuids(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for item in value:
            if not re.match(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", item):
                raise ValueError(f"{item!r} is not an Entra ID object id (a lowercase UUID)")
        return value


CONFIG_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*:[A-Za-z][A-Za-z0-9_.-]*$")


# The stack config keys fleet itself reads (Pulumi.yaml declares them); no credential may be kept in one.
FLEET_CONFIG_KEYS = ("fleet:spec", "fleet:specFile", "fleet:shard")


class ExistingCluster(ClusterCommon):
    """A cluster the fleet does not build (on-premises, or made by another team) that tenants may
    be placed on. The fleet only deploys tenant objects onto it, through its kubeconfig.

    Its location is declared, not looked up: residency and placement trust ``country`` (and
    ``site``), so the team that runs the cluster owns that statement.
    """

    cloud: Literal["existing"] = "existing"
    """``existing`` selects this kind: a cluster fleet does not build (on premises, or run by another team).
    Fleet places tenants on it and deploys their objects through the kubeconfig in ``kubeconfigSecret``."""
    country: str
    """ISO 3166-1 alpha-2 code of the country its nodes and storage are in, e.g. DE."""
    site: str | None = None
    """The data centre or region it runs in (a DNS label, e.g. fra1): what `spread: region`
    tells apart. Clusters without one count as one site per country."""
    kubeconfig_secret: str
    """The stack config key whose secret value is the kubeconfig, e.g. fleet:onprem-fra1-kubeconfig;
    set it with `pulumi config set --secret <key> < kubeconfig.yaml`. A plain-text value is refused."""
    prometheus_rules: bool = True
    """Apply fleet's alert set as a Prometheus Operator ``PrometheusRule`` (``fleet-alerts`` in namespace
    ``fleet-system``, labelled ``app.kubernetes.io/part-of: fleet-alerts``). The cluster must serve
    prometheus-operator's PrometheusRule CRD, and its Prometheus must select that namespace and label.
    ``false`` where the cluster has no Prometheus Operator."""

    @field_validator("country")
    @classmethod
    def _country(cls, value: str) -> str:
        if catalog.country(value) is None:
            known = ", ".join(sorted(c.code for c in catalog.countries()))
            raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-2 country code we know; use one of {known}")
        return value

    @field_validator("site")
    @classmethod
    def _site(cls, value: str | None) -> str | None:
        return None if value is None else dns_label(value)

    @field_validator("kubeconfig_secret")
    @classmethod
    def _config_key(cls, value: str) -> str:
        if not CONFIG_KEY.match(value):
            raise ValueError(
                f"{value!r} is not a stack config key; write namespace:key, e.g. fleet:onprem-fra1-kubeconfig"
            )
        if value in FLEET_CONFIG_KEYS:
            # The fix a missing secret gets (`pulumi config set --secret <key> < kubeconfig.yaml`)
            # would then overwrite the spec itself.
            raise ValueError(
                f"{value!r} is fleet's own setting; name a key of its own, e.g. fleet:onprem-fra1-kubeconfig"
            )
        return value

    @property
    def region(self) -> str:
        return self.site or self.country.lower()


Cluster = Annotated[AwsCluster | GcpCluster | AzureCluster | ExistingCluster, Field(discriminator="cloud")]


class CustomRegimeSpec(Model):
    """A regime of the organisation's own: allowed countries and/or exact regions."""

    name: DnsLabel
    """The regime's name, which ``residency``, ``extends`` and a guardrail's ``regime`` refer to: a DNS-1123
    label, unique among ``regimes`` and not the name of a built-in regime."""
    countries: tuple[str, ...] = ()
    """ISO 3166-1 alpha-2 codes, e.g. DE, CH."""
    regions: tuple[str, ...] = ()
    """Exact regions as cloud:region, e.g. aws:eu-central-2."""
    extends: str | None = None
    """Another regime (built-in or custom) whose countries and regions are added to these."""
    description: str = ""
    """A short description, shown next to the regime's name in the evidence report. Empty: ``custom regime:``
    followed by its countries."""

    _name = field_validator("name")(classmethod(lambda cls, v: dns_label(v)))

    @field_validator("countries")
    @classmethod
    def _countries(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for index, code in enumerate(value):
            if code in value[:index]:
                raise ValueError(f"{code!r} is listed twice; keep one")
            if catalog.country(code) is None:
                known = ", ".join(sorted(c.code for c in catalog.countries()))
                raise ValueError(f"{code!r} is not a country with a cloud region; use one of {known}")
        return value

    @field_validator("regions")
    @classmethod
    def _regions(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for index, item in enumerate(value):
            cloud, _, region = item.partition(":")
            found = catalog.lookup(cloud, region)
            if found is None:
                raise ValueError(f"{item!r} is not cloud:region with a catalogued region, e.g. aws:eu-central-2")
            if found.name != region:
                # Placement and the policy pack compare region names exactly: a display name would
                # allow nothing, silently.
                raise ValueError(f"{item!r} is not how fleet names the region; write {cloud}:{found.name}")
            if item in value[:index]:
                raise ValueError(f"{item!r} is listed twice; keep one")
        return value

    @model_validator(mode="after")
    def _not_empty(self) -> CustomRegimeSpec:
        if not (self.countries or self.regions or self.extends):
            raise ValueError("a regime needs countries, regions or extends; it would allow nothing")
        return self


class Quota(Model):
    """The tenant's ResourceQuota. cpu and memory are requests; limits default to the same."""

    cpu: str | int | float
    """The total CPU the tenant's containers may request in its namespace on each cluster (``requests.cpu``), as
    a Kubernetes quantity: cores (``32``) or millicores (``"500m"``). Placement counts it against each cluster's
    ``capacity.cpu``. For a ``vcluster`` tenant, fleet adds its control plane's share to the quota and to what
    placement counts."""
    memory: str
    """The total memory the tenant's containers may request (``requests.memory``), as a Kubernetes quantity such
    as ``128Gi``. Placement counts it against each cluster's ``capacity.memory``."""
    limits_cpu: str | int | float | None = None
    """The total CPU limit of the tenant's containers (``limits.cpu``). Default: the same as ``cpu``, which it
    may not be below."""
    limits_memory: str | None = None
    """The total memory limit of the tenant's containers (``limits.memory``). Default: the same as ``memory``,
    which it may not be below."""
    storage: str = "100Gi"
    """The total storage the tenant's persistent volume claims may request (``requests.storage``), as a
    Kubernetes quantity such as ``2Ti``."""
    # Upper bounds: no namespace holds more than a cluster can. Kubernetes supports at most 150,000
    # pods per cluster (kubernetes.io/docs/setup/best-practices/cluster-large/) and 10,000 Services
    # (sig-scalability thresholds, github.com/kubernetes/community/blob/master/sig-scalability/
    # configs-and-limits/thresholds.md); NodePorts come from the 2,768 ports of the default
    # --service-node-port-range 30000-32767. Other object counts are bounded by the pods limit.
    persistent_volume_claims: StrictInt = Field(default=20, ge=0, le=150_000)
    """How many PersistentVolumeClaims the namespace may hold."""
    pods: StrictInt = Field(default=100, ge=1, le=150_000)
    """How many pods the namespace may hold."""
    services: StrictInt = Field(default=50, ge=0, le=10_000)
    """How many Services of any type the namespace may hold; ``loadBalancers`` and ``nodePorts`` limit those two
    types further."""
    load_balancers: StrictInt = Field(default=0, ge=0, le=10_000)
    """Services of type LoadBalancer: none by default, each one costs money and opens a door."""
    node_ports: StrictInt = Field(default=0, ge=0, le=2_768)
    """Services of type NodePort: none by default, they expose every node."""
    config_maps: StrictInt = Field(default=100, ge=1, le=150_000)
    """How many ConfigMaps the namespace may hold."""
    secrets: StrictInt = Field(default=100, ge=1, le=150_000)
    """How many Secrets the namespace may hold."""

    @field_validator("cpu", "memory", "limits_cpu", "limits_memory", "storage")
    @classmethod
    def _quantity(cls, value: str | int | float | None) -> str | int | float | None:
        if value is not None:
            quantity.parse(value)
        return value

    @model_validator(mode="after")
    def _limits(self) -> Quota:
        if self.limits_cpu is not None and quantity.parse(self.limits_cpu) < quantity.parse(self.cpu):
            raise ValueError(f"limitsCpu {self.limits_cpu} is below cpu {self.cpu}; limits must be >= requests")
        if self.limits_memory is not None and quantity.parse(self.limits_memory) < quantity.parse(self.memory):
            raise ValueError(
                f"limitsMemory {self.limits_memory} is below memory {self.memory}; limits must be >= requests"
            )
        return self

    @property
    def millicores(self) -> int:
        return quantity.millicores(self.cpu)

    @property
    def memory_bytes(self) -> int:
        return quantity.bytes_(self.memory)


class LimitDefaults(Model):
    """The tenant's LimitRange: what a container gets when it asks for nothing, and the most it may ask."""

    default_cpu: str = "500m"
    """The CPU limit a container gets when it sets none, as a Kubernetes quantity (quote whole cores: ``"1"``).
    At least ``defaultRequestCpu``, at most ``maxCpu``."""
    default_memory: str = "512Mi"
    """The memory limit a container gets when it sets none, as a Kubernetes quantity such as ``512Mi``. At least
    ``defaultRequestMemory``, at most ``maxMemory``."""
    default_request_cpu: str = "100m"
    """The CPU request a container gets when it sets none, as a Kubernetes quantity; at most ``defaultCpu``."""
    default_request_memory: str = "128Mi"
    """The memory request a container gets when it sets none, as a Kubernetes quantity; at most
    ``defaultMemory``."""
    max_cpu: str = "4"
    """The largest CPU limit one container may set, as a Kubernetes quantity (quote whole cores: ``"8"``); at
    least ``defaultCpu``."""
    max_memory: str = "16Gi"
    """The largest memory limit one container may set, as a Kubernetes quantity such as ``16Gi``; at least
    ``defaultMemory``."""

    @field_validator("*")
    @classmethod
    def _quantity(cls, value: str) -> str:
        quantity.parse(value)
        return value

    @model_validator(mode="after")
    def _ordered(self) -> LimitDefaults:
        pairs = [
            ("defaultRequestCpu", self.default_request_cpu, "defaultCpu", self.default_cpu),
            ("defaultCpu", self.default_cpu, "maxCpu", self.max_cpu),
            ("defaultRequestMemory", self.default_request_memory, "defaultMemory", self.default_memory),
            ("defaultMemory", self.default_memory, "maxMemory", self.max_memory),
        ]
        for low_key, low, high_key, high in pairs:
            if quantity.parse(low) > quantity.parse(high):
                raise ValueError(f"{low_key} {low} is above {high_key} {high}; lower {low_key} or raise {high_key}")
        return self


def _not_system_group(value: str) -> str:
    # Kubernetes reserves the system: prefix for its own users and groups, and EKS refuses it in
    # an access entry's kubernetesGroups (EKS API reference, CreateAccessEntry).
    if value.startswith("system:"):
        raise ValueError(f"{value!r} starts with 'system:', which Kubernetes reserves for its own groups; rename it")
    return value


GroupName = Annotated[str, Field(min_length=1, max_length=256, pattern=r"^[^\s,]+$"), AfterValidator(_not_system_group)]
"""A group as the spec names it: no blanks, no commas (the admission guard lists groups comma-separated)."""


class Owners(Model):
    """Identity-provider groups bound to the built-in admin, edit and view roles in the tenant's namespace."""

    admin: tuple[GroupName, ...] = Field(min_length=1)
    """Groups bound to the built-in ``admin`` role in the tenant's namespace, at least one; the first is
    recorded in the namespace's ``fleet-tenant-owner`` label. With ``isolation: cluster`` they are also
    ``cluster-admin`` on the tenant's own clusters. Each group must be mapped in ``identity.groups`` for every
    cloud whose clusters the tenant is placed on."""
    edit: tuple[GroupName, ...] = ()
    """Groups bound to the built-in ``edit`` role in the tenant's namespace (mapped in ``identity.groups`` like
    ``admin``)."""
    view: tuple[GroupName, ...] = ()
    """Groups bound to the built-in ``view`` role in the tenant's namespace (mapped in ``identity.groups`` like
    ``admin``)."""


class IngressPeer(Model):
    """Where traffic into the tenant may come from: another tenant, or a namespace by name."""

    tenant: str | None = None
    """Another tenant of this spec, by name: its namespace on the same cluster may connect in. Set this or
    ``namespace``, not both."""
    namespace: str | None = None
    """A namespace by name (such as an ingress controller's) on the same cluster that may connect in. Set this
    or ``tenant``, not both."""

    @model_validator(mode="after")
    def _one(self) -> IngressPeer:
        if (self.tenant is None) == (self.namespace is None):
            raise ValueError("set exactly one of tenant or namespace")
        return self


class TenantNetwork(Model):
    """Beyond the default deny: DNS and traffic inside the tenant are always allowed."""

    allow_from: tuple[IngressPeer, ...] = ()
    """Where connections into the tenant's pods may come from besides its own namespace: other tenants or
    namespaces by name. Empty (the default): nowhere else."""
    allow_internet_egress: StrictBool = False
    """Egress to addresses outside the cluster's private ranges. Off by default."""


class PlacementHints(Model):
    """Narrow where the tenant may land, on top of its regime."""

    clouds: tuple[Literal["aws", "gcp", "azure"], ...] = ()
    """Only clusters on these clouds; empty: any. Naming a cloud leaves out existing clusters."""
    regions: tuple[str, ...] = ()
    """Only clusters in these regions: a cloud region's name (``eu-central-1``) or an existing cluster's
    ``site``. Empty: any region the regime allows."""
    labels: Labels
    """Only clusters whose ``labels`` include every one of these key/value pairs."""
    clusters: tuple[str, ...] = ()
    """Named clusters; placement still checks regime and capacity."""


class DedicatedCluster(Model):
    region: str
    """The region of this cluster, in the template's cloud, matched exactly against the region catalogue; it
    must be in the tenant's ``residency`` regime."""
    node_cidr: str
    """This cluster's node range (its ``network.nodeCidr``): a private IPv4 /16 to /22 in CIDR notation,
    disjoint from every other cluster's node range and from the template's ``serviceCidr`` and ``podCidr``."""


class Dedicated(Model):
    """Dedicated clusters for an isolation: cluster tenant, built from a template."""

    template: str
    """The name of the ``clusterTemplates`` entry the tenant's clusters are built from; it must exist."""
    clusters: tuple[DedicatedCluster, ...] = Field(min_length=1)
    """One entry per cluster of the tenant's own, at least one. They are named ``<tenant>-dedicated-1``, ``-2``,
    ..., and the tenant is placed on all of them (its ``replicas`` and ``spread`` are not used)."""


class Leaving(Model):
    """A cluster the tenant is leaving (a cordon, a move, the tenant's retirement): fleet keeps the tenant's
    namespace or virtual cluster there, as it was, until the data has moved (docs/OPERATING.md)."""

    cluster: str
    """The cluster the tenant was placed on and is leaving. It must still be in ``clusters`` (cordon a cluster
    rather than remove it while tenants are leaving it), and the tenant must not be placed on it again."""
    data_moved: StrictBool = False
    """``false`` (step 1 of a drain): the old copy stays beside the new placement, protected in a stack that
    protects data. ``true`` (step 2): the tenant's data has moved; the next ``pulumi up`` lifts protection from
    the old copy. Removing the entry afterwards (step 3) deletes the old copy in the ``pulumi up`` after that."""


class TenantBase(Model):
    name: TenantName
    """The tenant's name, also its namespace's name on every cluster it is placed on: a DNS-1123 label of at
    most 30 characters (so derived names such as ``<name>-dedicated-1`` stay valid), unique among ``tenants``.
    System namespace names (``default``, ``fleet-system``, ``kube-*``) are refused."""
    owners: Owners
    """The identity-provider groups bound to the built-in ``admin``, ``edit`` and ``view`` roles in the tenant's
    namespace, never cluster-wide (except on its own clusters with ``isolation: cluster``). With
    ``isolation: vcluster`` every group gets only ``view`` on the host namespace and works through the virtual
    cluster's own API."""
    residency: str = "none"
    """The regime the tenant's data must stay in (built-in: none, eu, gdpr, ch, uk, us, ca)."""
    replicas: StrictInt = Field(default=1, ge=1, le=10)
    """How many clusters the tenant spans; no single cluster is a single point of failure when > 1."""
    spread: Literal["cluster", "region", "cloud"] = "cluster"
    """What the tenant's ``replicas`` must not share: ``cluster`` (the default) puts each on another cluster,
    ``region`` each in another region (an existing cluster's ``site`` counts as one), ``cloud`` each on another
    cloud. Not used with ``isolation: cluster``, whose tenant spans its dedicated clusters."""
    quota: Quota
    """The tenant's ResourceQuota, in its namespace on every cluster it is placed on; its ``cpu`` and ``memory``
    are what placement counts against the clusters' ``capacity``."""
    limits: LimitDefaults = LimitDefaults()
    """The tenant's LimitRange: the requests and limits a container gets when it sets none, and the most it may
    set."""
    network: TenantNetwork = TenantNetwork()
    """What the tenant's NetworkPolicies allow beyond the default deny; DNS and traffic inside the namespace are
    always allowed."""
    placement: PlacementHints = PlacementHints()
    """Hints that narrow the clusters the tenant may land on, on top of its ``residency`` regime; placement
    still checks capacity."""
    labels: Labels
    """Labels added to the tenant's namespace, by the portable rules of a cluster's ``labels``."""
    leaving: tuple[Leaving, ...] = ()
    """Clusters the tenant is being drained from, each kept until its data has moved: see ``dataMoved`` and
    docs/OPERATING.md. Not for ``isolation: cluster``, whose clusters are its own."""
    retired: StrictBool = False
    """The tenant is leaving the fleet: placement puts it on no cluster, and only its ``leaving`` entries are
    kept. Remove the tenant from the spec once it has none left."""

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        dns_label(value)
        if len(value) > MAX_TENANT_NAME:
            raise ValueError(
                f"{value!r} is {len(value)} characters; tenant names are at most 30 so derived names "
                "(namespaces, cluster names) stay valid"
            )
        return value

    _labels = field_validator("labels")(classmethod(lambda cls, v: check_labels(v)))


class NamespaceTenant(TenantBase):
    """A namespace on each placed cluster (the default)."""

    isolation: Literal["namespace"] = "namespace"
    """``namespace`` (the default when ``isolation`` is left out) selects this kind: a namespace on each placed
    cluster, with a ``tenant-deployer`` ServiceAccount for the tenant's CI."""


class VClusterTenant(TenantBase):
    """A virtual cluster (the vcluster chart) in a guarded host namespace on each placed cluster."""

    isolation: Literal["vcluster"]
    """``vcluster`` selects this kind: a virtual cluster (the upstream vcluster chart) in a guarded host
    namespace on each placed cluster. The top-level ``vcluster`` key says where the chart comes from."""


class ClusterTenant(TenantBase):
    """Clusters of its own, built from a template; placement may only choose among them."""

    isolation: Literal["cluster"]
    """``cluster`` selects this kind: clusters of the tenant's own, built from a cluster template as
    ``dedicated`` says. No other tenant is placed on them."""
    dedicated: Dedicated
    """The template and, per cluster, its region and node range."""


Tenant = Annotated[
    Annotated[NamespaceTenant, Tag("namespace")]
    | Annotated[VClusterTenant, Tag("vcluster")]
    | Annotated[ClusterTenant, Tag("cluster")],
    Discriminator(_tag("isolation", "namespace")),
]


class ClusterTemplateBase(Model):
    """A cluster without name, region and node range: those come from the tenant that uses it."""

    name: str
    """The template's name, which a tenant's ``dedicated.template`` refers to; unique among
    ``clusterTemplates``."""
    kubernetes_version: str
    """The Kubernetes minor version of the template's clusters, quoted (``"1.35"``); it must be one fleet
    supports, as a cluster's ``kubernetesVersion`` must."""
    service_cidr: str
    """The Service range of every cluster built from the template (its ``network.serviceCidr``): a private IPv4
    range in CIDR notation, not overlapping the tenant's ``nodeCidr`` or the template's ``podCidr``."""
    pod_cidr: str | None = None
    """The pod range of every cluster built from the template (its ``network.podCidr``): a private IPv4 range in
    CIDR notation. Required on GKE and AKS; refused on EKS, where pods take VPC addresses."""
    node_pools: tuple[NodePool, ...] = Field(min_length=1)
    """The node pools of every cluster built from the template, at least one, as a cluster's ``nodePools``;
    their names and machine types are checked for the template's cloud even when no tenant uses it."""
    capacity: Capacity
    """What each cluster built from the template offers to its tenant's quota (as a cluster's ``capacity``)."""
    api_endpoint: ApiEndpoint | None = None
    """Who can reach the API server of each cluster built from the template. Default:
    ``defaults.apiEndpoint``."""
    security: Security | None = None
    """The hardening switches of each cluster built from the template. Default: ``defaults.security``."""
    maintenance: Maintenance | None = None
    """When the cloud may update each cluster built from the template. Default: ``defaults.maintenance``."""
    labels: Labels
    """Labels of every cluster built from the template, by the rules of a cluster's ``labels``; fleet adds
    ``fleet-dedicated: <tenant>``."""


class AwsTemplate(ClusterTemplateBase):
    cloud: Literal["aws"] = "aws"
    """``aws`` selects this kind: a template for EKS clusters."""
    account: str | None = None
    """The AWS account the template's clusters are deployed in (see AwsCluster.account)."""

    _account = field_validator("account", mode="before")(classmethod(lambda cls, v: aws_account(v)))


class GcpTemplate(ClusterTemplateBase):
    cloud: Literal["gcp"] = "gcp"
    """``gcp`` selects this kind: a template for GKE clusters, built in ``project``."""
    project: str
    """The ID of the GCP project every cluster built from the template is created in.
    The rules of a GCP cluster's ``project`` apply."""


class AzureTemplate(ClusterTemplateBase):
    cloud: Literal["azure"] = "azure"
    """``azure`` selects this kind: a template for AKS clusters."""
    subscription: str | None = None
    """The subscription the template's clusters are deployed in (see AzureCluster.subscription)."""

    _subscription = field_validator("subscription", mode="before")(classmethod(lambda cls, v: azure_subscription(v)))


ClusterTemplate = Annotated[AwsTemplate | GcpTemplate | AzureTemplate, Field(discriminator="cloud")]


class ShardSelector(Model):
    """Which clusters a shard owns; every given condition must hold."""

    clouds: tuple[Literal["aws", "gcp", "azure"], ...] = ()
    """Only clusters on these clouds; empty: any. Existing clusters match none of them."""
    regions: tuple[str, ...] = ()
    """Only clusters in these regions: a cloud region's name, or an existing cluster's ``site`` (without one,
    its ``country`` in lowercase)."""
    labels: Labels
    """Only clusters whose ``labels`` include every one of these key/value pairs."""
    clusters: tuple[str, ...] = ()
    """Only the clusters with these names; each must be a cluster of the spec."""

    def matches(self, cluster: ClusterCommon) -> bool:
        return (
            (not self.clouds or cluster.cloud in self.clouds)
            and (not self.regions or cluster.region in self.regions)
            and all(cluster.labels.get(k) == v for k, v in self.labels.items())
            and (not self.clusters or cluster.name in self.clusters)
        )


class Shard(Model):
    """A part of the environment deployed by its own stack (``fleet:shard``).

    Placement is still computed over the whole environment, so every shard agrees on it.
    """

    name: DnsLabel
    """The shard's name, which a stack's ``fleet:shard`` setting chooses: a DNS-1123 label, unique among
    ``shards``."""
    clusters: ShardSelector
    """Which clusters the shard's stack deploys. Every cluster of the spec (tenants' dedicated clusters
    included) must be selected by exactly one shard, and every shard must select at least one."""

    _name = field_validator("name")(classmethod(lambda cls, v: dns_label(v)))


# Organizations API patterns (botocore 1.44.8 data/organizations/2016-11-28/service-2.json:
# PolicyTargetId, PolicyId), so the spec refuses what CreatePolicy/AttachPolicy would.
AWS_POLICY_TARGET = re.compile(r"^(r-[0-9a-z]{4,32}|[0-9]{12}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$")
AWS_POLICY_ID = re.compile(r"^p-[0-9a-zA-Z_]{8,128}$")
# A role ARN pattern for ArnNotLike aws:PrincipalARN ('*' and '?' wildcards), never a bare '*'.
EXEMPT_PRINCIPAL = re.compile(r"^arn:aws[a-z-]*:iam::([0-9]{12}|\*):role/[A-Za-z0-9+=,.@_/*?-]+$")
GCP_PROJECT = re.compile(r"^[a-z][a-z0-9-]{4,28}[a-z0-9]$")
GCP_FOLDER = re.compile(r"^[0-9]{1,19}$")
# Resource group names: 1-90 of alphanumerics, '_', '(', ')', '-', '.', not ending in '.'
# (learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftresources).
AZURE_RESOURCE_GROUP = re.compile(
    r"^/subscriptions/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/resourceGroups/[-\w.()]{0,89}[-\w()]$"
)
# Policy assignment names at subscription and resource group scope: 1-64 characters, none of
# <>*%&:\?.+/ nor control characters, not ending in a space (resource-name-rules#microsoftauthorization;
# the REST API's pattern ^[^<>*%&:\?.+/]*[^<>*%&:\?.+/ ]+$, policy-assignments/create). At
# management group scope the limit is 24, but guardrails are never assigned there.
AZURE_ASSIGNMENT_NAME = re.compile(r"^[^<>*%&:\\?.+/\x00-\x1f]{0,63}[^<>*%&:\\?.+/ \x00-\x1f]$")
AZURE_ENVIRONMENTS = {"public": "AzureCloud", "usgovernment": "AzureUSGovernment", "china": "AzureChinaCloud"}


def _each(values: tuple[str, ...], pattern: re.Pattern[str], what: str, example: str) -> tuple[str, ...]:
    for value in values:
        if not isinstance(value, str) or not pattern.match(value):
            raise ValueError(f"{value!r} is not {what}; write e.g. {example}")
    return values


class AwsGuardrail(Model):
    """An AWS Organizations service control policy that denies requests to regions outside the
    regime (aws:RequestedRegion), with the documented global-service exemptions."""

    partition: str = "aws"
    """The AWS partition; only regions of this partition are listed (aws, aws-cn, aws-us-gov, aws-eusc, ...)."""
    management_role_arn: str
    """The IAM role in the organization's management account (or the delegated policy
    administrator account) that the program assumes to create, attach or read the policy."""
    targets: tuple[str, ...] = Field(min_length=1)
    """Where the policy attaches: 12-digit account IDs, OU IDs (ou-...) or the root (r-...)."""
    accounts: tuple[str, ...] = ()
    """Accounts the policy covers through an OU or root target; an account target covers itself.
    Only listed accounts count as covered (the program cannot see an OU's members)."""
    exempt_principals: tuple[str, ...] = ()
    """Role ARN patterns the deny does not apply to (break glass), via ArnNotLike aws:PrincipalARN."""

    @field_validator("partition")
    @classmethod
    def _partition(cls, value: str) -> str:
        known = sorted({r.scope for r in catalog.regions("aws")})
        if value not in known:
            raise ValueError(f"{value!r} is not an AWS partition; use one of {', '.join(known)}")
        return value

    @field_validator("management_role_arn")
    @classmethod
    def _role(cls, value: str) -> str:
        if not re.match(ROLE_ARN, value) or len(value) > 2048:
            raise ValueError(
                f"{value!r} is not an IAM role ARN; write e.g. arn:aws:iam::999999999999:role/fleet-guardrails"
            )
        return value

    _targets = field_validator("targets")(
        classmethod(
            lambda cls, v: _each(
                v, AWS_POLICY_TARGET, "an account ID, OU ID or root ID", '"333333333333", ou-ab12-cdefgh34 or r-ab12'
            )
        )
    )
    _accounts = field_validator("accounts")(
        classmethod(lambda cls, v: _each(v, AWS_ACCOUNT, "a 12-digit AWS account ID", '"333333333333"'))
    )

    @field_validator("targets", "accounts", mode="before")
    @classmethod
    def _quoted(cls, value: object) -> object:
        for item in value if isinstance(value, list | tuple) else ():
            if isinstance(item, int):
                aws_account(item)  # raises: YAML read unquoted digits as a number
        return value

    @field_validator("exempt_principals")
    @classmethod
    def _principals(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for item in value:
            swept = guardrails.sweeping_exemption(item) if EXEMPT_PRINCIPAL.match(item) else None
            if swept is not None:
                raise ValueError(
                    f"{item!r} matches {swept}{' of every account' if ':iam::*:' in item else ''}, so the "
                    "guardrail would deny nobody; name the break-glass roles, e.g. arn:aws:iam::*:role/break-glass"
                )
            if not EXEMPT_PRINCIPAL.match(item):
                raise ValueError(
                    f"{item!r} is not a role ARN pattern; write e.g. arn:aws:iam::*:role/break-glass "
                    "(a bare '*' would exempt everyone)"
                )
        return value

    @model_validator(mode="after")
    def _same_partition(self) -> AwsGuardrail:
        arn_partition = self.management_role_arn.split(":")[1]
        if arn_partition != self.partition:
            raise ValueError(
                f"managementRoleArn is in partition {arn_partition!r}, but partition is {self.partition!r}; "
                "the policy is created with a role of the organization it guards"
            )
        return self

    @property
    def existing(self) -> str | None:
        """What names the guardrail when it exists already (managed: false)."""
        return None

    @property
    def covers(self) -> tuple[str, ...]:
        """The accounts the policy covers: account targets, then the listed accounts."""
        found = [t for t in self.targets if AWS_ACCOUNT.match(t)]
        return tuple(dict.fromkeys([*found, *self.accounts]))


class GcpGuardrail(Model):
    """The organization policy gcp.resourceLocations on projects and folders."""

    projects: tuple[str, ...] = ()
    """Project IDs the policy is set on; each is covered."""
    folders: tuple[str, ...] = ()
    """Folder IDs (digits) the policy is set on. A folder covers none of its projects here (the
    program cannot see them): list the projects that hold clusters under projects."""

    _projects = field_validator("projects")(
        classmethod(lambda cls, v: _each(v, GCP_PROJECT, "a GCP project ID", "acme-prod-eu"))
    )

    @field_validator("folders", mode="before")
    @classmethod
    def _folders(cls, value: object) -> object:
        if isinstance(value, list | tuple):
            for item in value:
                if not isinstance(item, str) or not GCP_FOLDER.match(item):
                    raise ValueError(f'{item!r} is not a folder ID; write its digits in quotes, e.g. "123456789012"')
        return value

    @model_validator(mode="after")
    def _somewhere(self) -> GcpGuardrail:
        if not (self.projects or self.folders):
            raise ValueError("set projects or folders: where the organization policy is set")
        return self

    @property
    def covers(self) -> tuple[str, ...]:
        return self.projects


class AzureGuardrail(Model):
    """Assignments of the built-in "Allowed locations" (and, on subscriptions, "Allowed locations
    for resource groups") policies."""

    environment: Literal["public", "usgovernment", "china"] = "public"
    """The Azure cloud (as the azure-native provider names it); only its regions are listed."""
    subscriptions: tuple[str, ...] = ()
    """Subscription IDs the policies are assigned on; each is covered."""
    resource_groups: tuple[str, ...] = ()
    """Resource group IDs (/subscriptions/<id>/resourceGroups/<name>) "Allowed locations" is assigned
    on. A resource group covers no subscription."""

    _subscriptions = field_validator("subscriptions")(
        classmethod(
            lambda cls, v: _each(v, UUID, "a subscription ID (lowercase UUID)", "6f1c3a2e-0d4b-4c8e-9a7f-2b5d8e1c4a90")
        )
    )
    _groups = field_validator("resource_groups")(
        classmethod(
            lambda cls, v: _each(
                v, AZURE_RESOURCE_GROUP, "a resource group ID", "/subscriptions/<subscription>/resourceGroups/<name>"
            )
        )
    )

    @model_validator(mode="after")
    def _somewhere(self) -> AzureGuardrail:
        if not (self.subscriptions or self.resource_groups):
            raise ValueError("set subscriptions or resourceGroups: where the policies are assigned")
        return self

    @property
    def existing(self) -> str | None:
        """What names the guardrail when it exists already (managed: false)."""
        return None

    @property
    def scope(self) -> str:
        """The catalogue scope (Azure cloud environment) of this guardrail's regions."""
        return AZURE_ENVIRONMENTS[self.environment]

    @property
    def covers(self) -> tuple[str, ...]:
        return self.subscriptions


class ExistingAwsGuardrail(AwsGuardrail):
    policy_id: str
    """The existing policy's ID (p-...)."""

    @property
    def existing(self) -> str:
        return self.policy_id

    @field_validator("policy_id")
    @classmethod
    def _policy_id(cls, value: str) -> str:
        if not AWS_POLICY_ID.match(value):
            raise ValueError(
                f"{value!r} is not an Organizations policy ID; write p- and 8 or more letters, e.g. p-abcd1234"
            )
        return value


class ExistingAzureGuardrail(AzureGuardrail):
    assignment_name: str
    """The existing "Allowed locations" assignment's name at each scope."""

    @property
    def existing(self) -> str:
        return self.assignment_name

    @field_validator("assignment_name")
    @classmethod
    def _assignment(cls, value: str) -> str:
        if not AZURE_ASSIGNMENT_NAME.match(value):
            raise ValueError(
                f"{value!r} is not a policy assignment name: use 1-64 characters, none of <>*%&:\\?.+/, "
                "not ending in a space"
            )
        return value


class GuardrailBase(Model):
    """A cloud's own location guardrail, generated from a regime: the cloud refuses resources
    outside the regime's regions in the accounts, projects and subscriptions it covers, whoever
    creates them (this program, another tool, a person in the console)."""

    name: Name
    """A DNS label, unique in the stack; the cloud objects are named after it."""
    regime: str
    """The regime whose regions it allows (built-in or one of this spec's regimes)."""
    gcp: GcpGuardrail | None = None
    """The organization policy ``gcp.resourceLocations`` on the listed ``projects`` and ``folders``: set by
    fleet, or with ``managed: false`` read where it already is. At least one of ``aws``, ``gcp`` and ``azure``
    must be set."""

    _name = field_validator("name")(classmethod(lambda cls, v: dns_label(v)))

    @model_validator(mode="after")
    def _somewhere(self) -> GuardrailBase:
        if self.clouds() == {}:
            raise ValueError("set at least one of aws, gcp, azure: where the guardrail applies")
        return self

    def clouds(self) -> dict[str, AwsGuardrail | GcpGuardrail | AzureGuardrail]:
        found: dict[str, AwsGuardrail | GcpGuardrail | AzureGuardrail] = {}
        for cloud in ("aws", "gcp", "azure"):
            value = getattr(self, cloud)
            if value is not None:
                found[cloud] = value
        return found


class ManagedGuardrail(GuardrailBase):
    """The program creates the guardrail (the default)."""

    managed: Literal[True] = True
    """``true`` (the default when ``managed`` is left out) selects this kind: the program creates the
    guardrail's policies."""
    aws: AwsGuardrail | None = None
    """The service control policy to create and the ``targets`` it attaches to. At least one of ``aws``, ``gcp``
    and ``azure`` must be set."""
    azure: AzureGuardrail | None = None
    """The Azure Policy assignments to create ("Allowed locations", and on subscriptions also "Allowed locations
    for resource groups") on the listed subscriptions and resource groups. At least one of ``aws``, ``gcp`` and
    ``azure`` must be set."""


class ExistingGuardrail(GuardrailBase):
    """The guardrail exists, made elsewhere; the program reads it so the policy pack judges its
    real content at deploy time ("checked, not managed")."""

    managed: Literal[False]
    """``false`` selects this kind: the guardrail exists, made elsewhere. The program reads it, never changes
    it, and the policy pack judges its real content."""
    aws: ExistingAwsGuardrail | None = None
    """The existing service control policy (``policyId``) and the ``targets`` it is attached to. At least one of
    ``aws``, ``gcp`` and ``azure`` must be set."""
    azure: ExistingAzureGuardrail | None = None
    """The existing "Allowed locations" assignment (``assignmentName``) on the listed subscriptions and resource
    groups. At least one of ``aws``, ``gcp`` and ``azure`` must be set."""


Guardrail = Annotated[
    Annotated[ManagedGuardrail, Tag("true")] | Annotated[ExistingGuardrail, Tag("false")],
    Discriminator(_tag("managed", True, {True: "true", False: "false"})),
]


class PlacementSettings(Model):
    """How much quota may be placed on a cluster, relative to its declared capacity."""

    overcommit_cpu: float = Field(default=1.0, ge=1.0, le=10.0)
    """How far tenants' CPU quotas may exceed a cluster's declared capacity: placement fills a cluster up to
    ``capacity.cpu`` times this. ``1`` never overcommits."""
    overcommit_memory: float = Field(default=1.0, ge=1.0, le=4.0)
    """How far tenants' memory quotas may exceed a cluster's declared capacity: placement fills a cluster up to
    ``capacity.memory`` times this. ``1`` never overcommits."""


# A registry host with an optional port and path, no scheme: what Helm charts prefix image names with.
IMAGE_REGISTRY = r"^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?(/[a-z0-9._-]+)*$"


class ChartSource(Model):
    """Where the vcluster chart is installed from: exactly one of a Helm repository, an OCI
    registry or a local path. The version is always fleet's pin (fleet/core/vcluster_chart.py), so a
    mirror must hold that version."""

    repository: str | None = None
    """A Helm repository over HTTPS, such as the upstream https://charts.loft.sh."""
    oci: str | None = None
    """An OCI chart reference without tag, ending in /vcluster: oci://registry.example.com/charts/vcluster."""
    path: str | None = None
    """A chart directory (or packaged .tgz) relative to the project directory, for air-gapped
    installs: the unpacked chart, named vcluster, at the pinned version."""

    @model_validator(mode="after")
    def _one(self) -> ChartSource:
        given = [k for k in ("repository", "oci", "path") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(
                f"set exactly one of repository, oci or path (got {', '.join(given) or 'none'}); "
                f"the upstream default is repository: {vcluster_chart.UPSTREAM_REPOSITORY}"
            )
        if self.repository is not None and not vcluster_chart.HTTPS_REPOSITORY.match(self.repository):
            raise ValueError(
                f"repository {self.repository!r} is not an https:// URL; Helm repositories are read over HTTPS "
                "so the chart cannot be altered on the way"
            )
        if self.oci is not None and not vcluster_chart.OCI_REFERENCE.match(self.oci):
            raise ValueError(
                f"oci {self.oci!r} is not an OCI chart reference like oci://registry.example.com/charts/vcluster "
                "(lowercase, no tag or digest: fleet sets the version)"
            )
        if self.path is not None and (not self.path or "\0" in self.path):
            raise ValueError("path must name the chart directory, such as charts/vcluster")
        return self

    @property
    def kind(self) -> str:
        return "oci" if self.oci is not None else "path" if self.path is not None else "repository"

    @property
    def location(self) -> str:
        return self.oci or self.path or self.repository or ""


class VClusterSettings(Model):
    """How virtual-cluster tenants are installed, for every cluster of the environment."""

    chart: ChartSource = ChartSource(repository=vcluster_chart.UPSTREAM_REPOSITORY)
    """Where the vcluster chart is installed from: exactly one of ``repository`` (over HTTPS), ``oci`` or
    ``path``. The version is always fleet's pin, so a mirror must hold it. Default: the upstream repository
    https://charts.loft.sh."""
    image_registry: str | None = Field(default=None, pattern=IMAGE_REGISTRY)
    """A registry that mirrors the chart's images (controlPlane.advanced.defaultImageRegistry), such as
    registry.example.com/mirror; unset: the images' own registries (ghcr.io, registry.k8s.io)."""


class Defaults(Model):
    """Environment-wide settings a cluster inherits unless it sets its own."""

    api_endpoint: ApiEndpoint = ApiEndpoint()
    """Who can reach the API server of every cluster and template that sets no ``apiEndpoint`` of its own.
    Default: ``access: private``."""
    security: Security = Security()
    """The hardening switches of every cluster and template that sets no ``security`` of its own. Default: all
    on."""
    maintenance: Maintenance = Maintenance()
    """When the cloud may update every GKE and AKS cluster that sets no ``maintenance`` of its own. Default: Saturday
    from 00:00 UTC for 16 hours, no exclusions. EKS clusters have no such setting and do not take it."""


class FleetSpec(Model):
    environment: str
    """Environment name (dev, staging, prod, ...); tagged on every resource."""
    owner: str
    """Owning team; tagged on every resource."""
    defaults: Defaults = Defaults()
    """Environment-wide ``apiEndpoint`` and ``security`` settings that every cluster and cluster template uses
    unless it sets its own. Default: private API endpoints and every hardening switch on."""
    production: StrictBool = False
    """This environment serves production: it deploys behind the production approval (the required
    reviewers of its GitHub environment, docs/DEPLOYING.md), its data-holding resources are protected, and
    the review treats their deletion as blocking. A property of the environment, not its name."""
    protect: StrictBool | None = None
    """Protect resources that hold tenant data from deletion. Default: what ``production`` says."""
    clusters: tuple[Cluster, ...] = Field(min_length=1)
    """The environment's clusters, at least one: clusters fleet builds (``cloud: aws``, ``gcp``, ``azure``) and
    clusters it only deploys onto (``cloud: existing``). Cluster names must be unique and node ranges disjoint
    across all of them, tenants' dedicated clusters included."""
    regimes: tuple[CustomRegimeSpec, ...] = ()
    """Custom residency regimes, in addition to the built-in ones (``none``, ``eu``, ``gdpr``, ``ch``, ``uk``,
    ``us``, ``ca``): a tenant's or cluster's ``residency`` and a guardrail's ``regime`` may name them."""
    cluster_templates: tuple[ClusterTemplate, ...] = ()
    """Templates from which tenants with ``isolation: cluster`` get clusters of their own (their
    ``dedicated.template`` names one). Template names must be unique."""
    tenants: tuple[Tenant, ...] = ()
    """The teams that run workloads on the fleet, with unique names. Each is placed on the clusters its
    ``residency`` regime, ``placement`` hints and the clusters' capacity allow, and gets the same baseline
    (namespace, quota, limits, network policies, role bindings) on each."""
    placement: PlacementSettings = PlacementSettings()
    """How much of a cluster's declared ``capacity`` the tenants' quotas may take (the overcommit factors)."""
    shards: tuple[Shard, ...] = ()
    """Split the environment into stacks; each stack sets fleet:shard to one of these names."""
    deployer: Deployer = GithubHostedDeployer()
    """Where the deploy job (`pulumi up`) runs and the cloud identities it uses. Default: GitHub-hosted runners.
    Every API endpoint the program manages must be reachable from there; `fleet review` and the program refuse a
    spec where one is not."""
    identity: Identity = Identity()
    """How each cloud knows the groups named in tenants' ``owners`` and in ``clusterAdmins``, and which groups
    administer every cluster."""
    vcluster: VClusterSettings = VClusterSettings()
    """How tenants with isolation: vcluster are installed (chart source, image mirror)."""
    guardrails: tuple[Guardrail, ...] = ()
    """The clouds' own location guardrails (SCPs, organization policies, Azure Policy), generated
    from regimes, for the accounts, projects and subscriptions that hold regulated clusters."""

    _environment = field_validator("environment", "owner")(classmethod(lambda cls, v: dns_label(v)))

    @property
    def protects_data(self) -> bool:
        return self.protect if self.protect is not None else self.production

    def api_endpoint(self, cluster: ClusterBase) -> ApiEndpoint:
        return cluster.api_endpoint or self.defaults.api_endpoint

    def security(self, cluster: ClusterBase) -> Security:
        return cluster.security or self.defaults.security

    def maintenance(self, cluster: ClusterBase) -> Maintenance:
        return cluster.maintenance or self.defaults.maintenance
