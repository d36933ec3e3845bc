"""The fleet spec: one typed, frozen model of an environment, parsed once at the edge.

Everything downstream (placement, components, review) takes these objects, never raw dicts.
Keys are camelCase in the stack file, as Pulumi config keys conventionally are.
"""

from __future__ import annotations

import ipaddress
import re
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)
from pydantic.alias_generators import to_camel

from fleet import catalog
from fleet.catalog.kubernetes import SUPPORTED_KUBERNETES_VERSIONS
from fleet.spec import quantity

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
Labels = Annotated[dict[str, str], Field(default_factory=dict)]


class ApiEndpoint(Model):
    """Who can reach the Kubernetes API server.

    ``private`` (default): only from inside the cluster's network. ``restricted``: also from
    the listed CIDRs. There is deliberately no ``public``: an API server open to the internet
    is the most common way managed clusters are compromised.
    """

    access: Literal["private", "restricted"] = "private"
    allowed_cidrs: tuple[str, ...] = ()

    @field_validator("allowed_cidrs")
    @classmethod
    def _cidrs(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for cidr in value:
            network = ipaddress.ip_network(cidr, strict=True)
            if network.prefixlen == 0:
                raise ValueError(
                    f"{cidr!r} opens the API server to the whole internet; list your office or CI egress ranges instead"
                )
        return value

    @model_validator(mode="after")
    def _consistent(self) -> ApiEndpoint:
        if self.access == "restricted" and not self.allowed_cidrs:
            raise ValueError("access 'restricted' needs allowedCidrs; list at least one CIDR")
        if self.access == "private" and self.allowed_cidrs:
            raise ValueError("allowedCidrs is only used with access 'restricted'; remove it or set access: restricted")
        return self


class Security(Model):
    """Hardening switches. Every default is the production setting; dev may turn some off."""

    secrets_encryption: bool = True
    """Kubernetes Secrets encrypted at rest with a customer-managed key (KMS / Cloud KMS / Key Vault)."""
    audit_logs: bool = True
    """Control-plane audit logs shipped to the cloud's log service."""
    workload_identity: bool = True
    """Pods get cloud identities (IRSA / GKE Workload Identity / Azure workload identity)."""


class NodePool(Model):
    name: str
    machine_type: str
    min_size: int = Field(ge=0, le=1000)
    max_size: int = Field(ge=1, le=1000)
    disk_size_gb: int = Field(default=100, ge=20, le=4096)

    _name = field_validator("name")(classmethod(lambda cls, v: dns_label(v)))

    @model_validator(mode="after")
    def _sizes(self) -> NodePool:
        if self.min_size > self.max_size:
            raise ValueError(
                f"minSize {self.min_size} is greater than maxSize {self.max_size}; raise maxSize or lower minSize"
            )
        return self


class Capacity(Model):
    """What the cluster offers to tenants' quotas (not its raw node capacity)."""

    cpu: str | int | float
    memory: str

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


def _cidr(value: str) -> str:
    try:
        network = ipaddress.ip_network(value, strict=True)
    except ValueError as err:
        raise ValueError(f"{value!r} is not a network in CIDR notation ({err})") from None
    if network.version != 4 or not network.is_private:
        raise ValueError(f"{value!r} must be a private IPv4 range (RFC 1918), e.g. 10.20.0.0/16")
    return value


class Network(Model):
    """Address ranges. Node ranges must not overlap across the fleet so clusters can peer."""

    node_cidr: str
    service_cidr: str
    pod_cidr: str | None = None

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


class ClusterBase(Model):
    name: str
    region: str
    kubernetes_version: str
    network: Network
    node_pools: tuple[NodePool, ...] = Field(min_length=1)
    capacity: Capacity
    api_endpoint: ApiEndpoint | None = None
    """Defaults to ``defaults.apiEndpoint`` (private unless the environment says otherwise)."""
    security: Security | None = None
    """Defaults to ``defaults.security`` (all hardening on)."""
    labels: Labels

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

    @field_validator("region")
    @classmethod
    def _region(cls, value: str, info) -> str:  # type: ignore[no-untyped-def]
        cloud: str = cls.model_fields["cloud"].default
        found = catalog.lookup(cloud, value)
        title = catalog.CLOUD_TITLES[cloud]
        if found is None or not found.deployable:
            hint = catalog.suggest(cloud, value)
            did_you_mean = f"did you mean {' or '.join(repr(h) for h in hint)}? " if hint else ""
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
        found = catalog.lookup(self.cloud, self.region)  # type: ignore[attr-defined]
        assert found is not None  # validated
        return found


class AwsCluster(ClusterBase):
    """An EKS cluster in its own VPC across three availability zones."""

    cloud: Literal["aws"] = "aws"


class GcpCluster(ClusterBase):
    """A regional GKE Standard cluster with private nodes in its own VPC."""

    cloud: Literal["gcp"] = "gcp"
    project: str = Field(pattern=r"^[a-z][a-z0-9-]{4,28}[a-z0-9]$")


class AzureCluster(ClusterBase):
    """An AKS cluster with Azure CNI overlay in its own resource group and VNet."""

    cloud: Literal["azure"] = "azure"
    admin_group_object_ids: tuple[str, ...] = ()
    """Entra ID groups that administer the cluster; local accounts are always disabled."""

    @field_validator("admin_group_object_ids")
    @classmethod
    def _uuids(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for item in value:
            if not re.match(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", item):
                raise ValueError(f"{item!r} is not an Entra ID object id (a lowercase UUID)")
        return value


Cluster = Annotated[AwsCluster | GcpCluster | AzureCluster, Field(discriminator="cloud")]


class Defaults(Model):
    """Environment-wide settings a cluster inherits unless it sets its own."""

    api_endpoint: ApiEndpoint = ApiEndpoint()
    security: Security = Security()


class FleetSpec(Model):
    environment: str
    """Environment name (dev, staging, prod, ...); tagged on every resource."""
    owner: str
    """Owning team; tagged on every resource."""
    defaults: Defaults = Defaults()
    protect: bool | None = None
    """Protect resources that hold tenant data from deletion. Default: on when environment is prod."""
    clusters: tuple[Cluster, ...] = Field(min_length=1)

    _environment = field_validator("environment", "owner")(classmethod(lambda cls, v: dns_label(v)))

    @property
    def protects_data(self) -> bool:
        return self.protect if self.protect is not None else self.environment == "prod"

    def api_endpoint(self, cluster: ClusterBase) -> ApiEndpoint:
        return cluster.api_endpoint or self.defaults.api_endpoint

    def security(self, cluster: ClusterBase) -> Security:
        return cluster.security or self.defaults.security
