"""Cloud resources made through Kubernetes operators: where each one keeps its data and which
regime it carries.

A custom resource of AWS Controllers for Kubernetes (ACK), Crossplane, Config Connector (KCC) or
Azure Service Operator v2 (ASO), applied through pulumi-kubernetes, is a Kubernetes object whose
controller creates a cloud resource. The data lives in that cloud resource, in the location the
object's spec (or, for ACK, its annotations) names, not at the cluster the object is stored on.
This module recognises such objects by their API group, reads that location the way each
controller does, and finds the regime the object carries: its own labels, annotations or tags,
else the namespace it is created in, else the cluster's own regime, else the stack's.

Every fact about a controller is cited where it is used. Values unknown at preview raise
``Deferred`` only where they are read.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from fleet.core import kinds
from fleetguard import grants, locations
from fleetguard.model import (
    CLUSTER_TYPES,
    K8S_PROVIDER,
    NAMESPACE,
    RESIDENCY,
    Clusters,
    Context,
    Deferred,
    RegimeSource,
    Resource,
    Unknown,
    as_map,
    is_list,
    is_map,
    labels_of,
    namespace_of,
    tag_map,
    values_at,
)
from fleetguard.references import (
    ACCOUNT_ID,
    Stack,
    arn_account,
    connection_string_host,
    homes_of,
    identity_arn,
    path_head,
    uri_bucket,
)

AWS, GCP, AZURE = kinds.aws.KIND.name, kinds.gcp.KIND.name, kinds.azure.KIND.name
# pulumi-kubernetes' generic custom resource: apiVersion and kind are in its properties. Its typed
# form registers as kubernetes:<apiVersion>:<kind>.
# https://www.pulumi.com/registry/packages/kubernetes/api-docs/apiextensions/customresource/
GENERIC_CUSTOM_RESOURCE = "kubernetes:apiextensions.k8s.io/v1:CustomResource"
# Objects in these operators' groups that configure the controller itself, not a cloud resource
# (Crossplane provider configs, Config Connector's own configuration).
# https://docs.crossplane.io/latest/managed-resources/managed-resources/ (providerConfigRef)
# https://cloud.google.com/config-connector/docs/how-to/install-manually (ConfigConnector, ConfigConnectorContext)
CONTROLLER_KINDS = frozenset(
    {"ProviderConfig", "ClusterProviderConfig", "ProviderConfigUsage", "ClusterProviderConfigUsage", "StoreConfig"}
)

# ACK: "the ACK service controller looks for region information in the following order: the
# region annotation services.k8s.aws/region on the resource; the services.k8s.aws/default-region
# annotation on the resource's namespace; the --aws-region controller flag". The controller's flag
# is not in the stack, so an object with neither annotation cannot be placed.
# https://aws-controllers-k8s.github.io/community/docs/user-docs/multi-region-resource-management
# https://github.com/aws-controllers-k8s/runtime/blob/main/pkg/runtime/cache/namespace.go (reads only default-region)
ACK_REGION = "services.k8s.aws/region"
ACK_DEFAULT_REGION = "services.k8s.aws/default-region"
CROSSPLANE = "Crossplane"
ASO_OWNER_DOC = "https://azure.github.io/azure-service-operator/guide/ownership/"
CROSSPLANE_EXTERNAL_NAME = "crossplane.io/external-name"


@dataclass(frozen=True)
class Operator:
    """One operator family: the API groups it owns and what the pack knows about its objects."""

    name: str
    cloud: str  # the catalogue's cloud name, for reading locations
    suffixes: tuple[str, ...]  # API groups end in one of these (``s3.services.k8s.aws``)
    bare_groups: frozenset[str]  # groups that are exactly a suffix and still hold cloud resources
    skip_groups: frozenset[str]  # groups of the controller's own configuration
    homes: tuple[tuple[str, str], ...]  # (path, reader) of the properties that place the resource
    fix: str  # what to set, for messages
    # Services (first label of the group) whose resources keep no data in a location: identity,
    # access policy, DNS configuration, organisation structure. As the residency survey treats them.
    global_services: frozenset[str] = frozenset()
    global_kinds: frozenset[str] = frozenset()  # kinds of other services with no location (networks, firewalls)
    edge_services: frozenset[str] = frozenset()  # keep or serve data at edge locations: never placeable
    cluster_scoped: tuple[str, ...] = ()  # group suffixes whose objects have no namespace
    source: str = ""


# https://aws-controllers-k8s.github.io/community/docs/user-docs/multi-region-resource-management
ACK = Operator(
    name="ACK",
    cloud=AWS,
    suffixes=(".services.k8s.aws",),
    bare_groups=frozenset(),
    skip_groups=frozenset({"services.k8s.aws"}),  # AdoptedResource, FieldExport: the runtime's own kinds
    homes=(),  # read from annotations, see _ack_home
    fix=f"set the {ACK_REGION} annotation on it (or {ACK_DEFAULT_REGION} on its namespace)",
    # IAM, Organizations and Route 53 are global services: https://docs.aws.amazon.com/IAM/latest/UserGuide/introduction.html
    # https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/Welcome.html
    global_services=frozenset({"iam", "organizations", "route53"}),
    # CloudFront serves content from edge locations worldwide:
    # https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/Introduction.html
    edge_services=frozenset({"cloudfront"}),
    source="https://aws-controllers-k8s.github.io/community/docs/user-docs/multi-region-resource-management",
)
# Crossplane managed resources take their location in spec.forProvider: Upbound/upjet providers
# require forProvider.region on every regional AWS resource (the CRD lists it as required, e.g.
# package/crds/s3.aws.upbound.io_buckets.yaml), forProvider.location / region / zone on GCP and
# location on Azure. The classic crossplane-contrib providers (*.aws.crossplane.io, ...) use the
# same forProvider.region/location, and S3 buckets forProvider.locationConstraint.
# https://github.com/crossplane-contrib/provider-upjet-aws/tree/main/package/crds
# https://github.com/crossplane-contrib/provider-upjet-gcp/tree/main/package/crds
# https://github.com/crossplane-contrib/provider-upjet-azure/tree/main/package/crds
# Crossplane v2's namespaced providers use *.m.upbound.io; the others are cluster scoped.
# https://docs.crossplane.io/latest/whats-crossplane/#crossplane-v2
_CROSSPLANE_HOMES = (
    ("spec.forProvider.region", "region"),
    ("spec.forProvider.location", "location"),
    ("spec.forProvider.zone", "zone"),
    ("spec.forProvider.locationConstraint", "region"),
)
CROSSPLANE_AWS = Operator(
    name=CROSSPLANE,
    cloud=AWS,
    suffixes=(".aws.upbound.io", ".aws.m.upbound.io", ".aws.crossplane.io"),
    bare_groups=frozenset(),
    skip_groups=frozenset({"aws.upbound.io", "aws.m.upbound.io", "aws.crossplane.io"}),
    # forProvider.location of a few AWS kinds is an object, not a place (DocumentationPart, Device, ...):
    # only the region places an AWS managed resource.
    homes=(("spec.forProvider.region", "region"), ("spec.forProvider.locationConstraint", "region")),
    fix="set spec.forProvider.region",
    global_services=frozenset({"iam", "organizations", "route53"}),
    edge_services=frozenset({"cloudfront"}),
    cluster_scoped=(".aws.upbound.io", ".aws.crossplane.io"),
    source="https://marketplace.upbound.io/providers/upbound/provider-aws/",
)
CROSSPLANE_GCP = Operator(
    name=CROSSPLANE,
    cloud=GCP,
    suffixes=(".gcp.upbound.io", ".gcp.m.upbound.io", ".gcp.crossplane.io"),
    bare_groups=frozenset(),
    skip_groups=frozenset({"gcp.upbound.io", "gcp.m.upbound.io", "gcp.crossplane.io"}),
    homes=(*_CROSSPLANE_HOMES, ("spec.forProvider.customPlacementConfig[].dataLocations", "narrows")),
    fix="set spec.forProvider.location (or region / zone)",
    # Projects, IAM and DNS configuration are global: https://cloud.google.com/compute/docs/regions-zones/global-regional-zonal-resources
    global_services=frozenset({"cloudplatform", "iam", "dns", "organization", "tags", "accesscontextmanager"}),
    cluster_scoped=(".gcp.upbound.io", ".gcp.crossplane.io"),
    source="https://marketplace.upbound.io/providers/upbound/provider-gcp/",
)
CROSSPLANE_AZURE = Operator(
    name=CROSSPLANE,
    cloud=AZURE,
    suffixes=(".azure.upbound.io", ".azure.m.upbound.io", ".azure.crossplane.io"),
    # provider-upjet-azure's ResourceGroup is azure.upbound.io/v1beta1 ResourceGroup.
    bare_groups=frozenset({"azure.upbound.io", "azure.m.upbound.io", "azure.crossplane.io"}),
    skip_groups=frozenset(),
    homes=_CROSSPLANE_HOMES,
    fix="set spec.forProvider.location",
    # Role assignments and definitions keep no data: https://learn.microsoft.com/en-us/azure/role-based-access-control/overview
    global_services=frozenset({"authorization"}),
    cluster_scoped=(".azure.upbound.io", ".azure.crossplane.io", "azure.upbound.io", "azure.crossplane.io"),
    source="https://marketplace.upbound.io/providers/upbound/provider-azure/",
)
# Config Connector resources name their location in spec.location, spec.region or spec.zone
# (per CRD); StorageBucket's location defaults to US in its CRD (`default: US`), as the GCS API's
# does. Some kinds place data with their own properties: Pub/Sub message storage policies,
# Spanner instance configurations, Secret Manager replication, Bigtable clusters' zones,
# Firestore locationID.
# https://github.com/GoogleCloudPlatform/k8s-config-connector/tree/master/config/crds/resources
# https://cloud.google.com/config-connector/docs/reference/resource-docs/storage/storagebucket
KCC = Operator(
    name="Config Connector",
    cloud=GCP,
    suffixes=(".cnrm.cloud.google.com",),
    bare_groups=frozenset(),
    skip_groups=frozenset({"core.cnrm.cloud.google.com", "customize.core.cnrm.cloud.google.com"}),
    homes=(
        ("spec.location", "location"),
        ("spec.region", "region"),
        ("spec.zone", "zone"),
        ("spec.locationID", "location"),
        ("spec.customPlacementConfig.dataLocations", "narrows"),
    ),
    fix="set spec.location (or spec.region / spec.zone, as its kind documents)",
    global_services=frozenset(
        {
            "iam",
            "resourcemanager",
            "serviceusage",
            "dns",
            "orgpolicy",
            "accesscontextmanager",
            "tags",
            "billingbudgets",
            "essentialcontacts",
            "cloudidentity",
            "identityplatform",
            "iap",
        }
    ),
    # Global network configuration: https://cloud.google.com/compute/docs/regions-zones/global-regional-zonal-resources
    global_kinds=frozenset(
        {
            "ComputeNetwork",
            "ComputeFirewall",
            "ComputeFirewallPolicy",
            "ComputeFirewallPolicyAssociation",
            "ComputeFirewallPolicyRule",
            "ComputeNetworkFirewallPolicy",
            "ComputeNetworkFirewallPolicyAssociation",
            "ComputeNetworkFirewallPolicyRule",
            "ComputeRoute",
            "ComputeSSLPolicy",
            "ComputeHTTPHealthCheck",
            "ComputeHTTPSHealthCheck",
            "ComputeNetworkPeering",
            "ComputeSharedVPCHostProject",
            "ComputeSharedVPCServiceProject",
            "ComputeProjectMetadata",
        }
    ),
    source="https://cloud.google.com/config-connector/docs/reference/overview",
)
# ASO v2: spec.location ("The geo-location where the resource lives"), spec.owner ("The owner
# controls where the resource goes when it is deployed", a ResourceGroup or parent resource by
# name, or an ARM ID). A child resource (blob service, container, database) has no location: it
# lives in its owner. https://azure.github.io/azure-service-operator/reference/storage/v1api20230101/
ASO = Operator(
    name="Azure Service Operator",
    cloud=AZURE,
    suffixes=(".azure.com",),
    bare_groups=frozenset(),
    skip_groups=frozenset(),
    homes=(("spec.location", "location"),),
    fix="set spec.location (or give it an owner in this stack whose location is set)",
    global_services=frozenset({"authorization", "managedidentity"}),
    source=ASO_OWNER_DOC,
)
OPERATORS = (ACK, CROSSPLANE_AWS, CROSSPLANE_GCP, CROSSPLANE_AZURE, KCC, ASO)
# Kinds that place their data with properties of their own (read only on these kinds: other kinds
# use the same names for other things, e.g. DataprocCluster's spec.config is an object).
KIND_HOMES: dict[tuple[str, str, str], tuple[tuple[str, str], ...]] = {
    # https://cloud.google.com/pubsub/docs/resource-location-restriction
    (KCC.name, "pubsub", "PubSubTopic"): (("spec.messageStoragePolicy.allowedPersistenceRegions[]", "region"),),
    # The Upbound provider's Topic: a list-wrapped block, as Upjet renders Terraform's one-item blocks.
    # https://marketplace.upbound.io/providers/upbound/provider-gcp-pubsub/latest/resources/pubsub.gcp.upbound.io/Topic/v1beta1
    (CROSSPLANE, "pubsub", "Topic"): (
        ("spec.forProvider.messageStoragePolicy[].allowedPersistenceRegions[]", "region"),
    ),
    # https://cloud.google.com/spanner/docs/instance-configurations
    (KCC.name, "spanner", "SpannerInstance"): (("spec.config", "gcp-config"),),
    # The Upbound provider's Instance takes the same instance configuration (regional-europe-west3, eur3, ...).
    # https://marketplace.upbound.io/providers/upbound/provider-gcp-spanner/latest/resources/spanner.gcp.upbound.io/Instance/v1beta1
    (CROSSPLANE, "spanner", "Instance"): (("spec.forProvider.config", "gcp-config"),),
    # https://cloud.google.com/secret-manager/docs/choosing-replication
    (KCC.name, "secretmanager", "SecretManagerSecret"): (
        ("spec.replication.userManaged.replicas[].location", "location"),
    ),
    # https://cloud.google.com/bigtable/docs/locations
    (KCC.name, "bigtable", "BigtableInstance"): (("spec.cluster[].zone", "zone"),),
}

# Kinds that keep no data and send it where their spec names: a log sink is a global routing rule
# (https://cloud.google.com/logging/docs/routing/overview#sinks), judged by its destination.
# A Storage Transfer job is global too and copies its source into its sink
# (https://cloud.google.com/storage-transfer/docs/reference/rest/v1/transferJobs).
ROUTING_KINDS = frozenset(
    {(KCC.name, "logging", "LoggingLogSink"), (KCC.name, "storagetransfer", "StorageTransferJob")}
)

# Copies the spec names by region (cheap ones; the rest is the cloud rules' business).
COPIES: dict[tuple[str, str, str], tuple[tuple[str, str], ...]] = {
    # https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GlobalTables.html
    # ACK dynamodb Table spec.replicationGroup[] (CreateReplicationGroupMemberAction.RegionName):
    # https://github.com/aws-controllers-k8s/dynamodb-controller/blob/main/apis/v1alpha1/table.go
    (ACK.name, "dynamodb", "Table"): (("spec.replicationGroup[].regionName", "region"),),
    (CROSSPLANE_AWS.name, "dynamodb", "Table"): (("spec.forProvider.replica[].regionName", "region"),),
    # ACK keyspaces Keyspace spec.replicationSpecification.regionList (a multi-Region keyspace's replica Regions):
    # https://docs.aws.amazon.com/keyspaces/latest/devguide/multiRegion-replication.html
    (ACK.name, "keyspaces", "Keyspace"): (("spec.replicationSpecification.regionList[]", "region"),),
    # https://cloud.google.com/sql/docs/mysql/backup-recovery/backups#custom-backup-location
    (KCC.name, "sql", "SQLInstance"): (("spec.settings.backupConfiguration.location", "location"),),
}
# Geo-redundant storage keeps a copy in the paired region:
# https://learn.microsoft.com/en-us/azure/storage/common/storage-redundancy
GEO_REPLICATION = {
    (ASO.name, "storage", "StorageAccount"): "spec.sku.name",
    # A Backup vault's GeoRedundant datastore (https://learn.microsoft.com/azure/backup/backup-vault-overview).
    (ASO.name, "dataprotection", "BackupVault"): "spec.properties.storageSettings[].type",
    (CROSSPLANE_AZURE.name, "storage", "Account"): "spec.forProvider.accountReplicationType",
}
# Geo-redundant backups of a flexible server are kept in the paired region
# (https://learn.microsoft.com/azure/mysql/flexible-server/concepts-backup-restore#backup-redundancy-options,
# https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-backup-restore): ASO's
# spec.backup.geoRedundantBackup (Enabled/Disabled), Crossplane's spec.forProvider.geoRedundantBackupEnabled.
GEO_BACKUP = {
    (ASO.name, "dbformysql", "FlexibleServer"): "spec.backup.geoRedundantBackup",
    (ASO.name, "dbforpostgresql", "FlexibleServer"): "spec.backup.geoRedundantBackup",
    (CROSSPLANE_AZURE.name, "dbformysql", "FlexibleServer"): "spec.forProvider.geoRedundantBackupEnabled",
    (CROSSPLANE_AZURE.name, "dbforpostgresql", "FlexibleServer"): "spec.forProvider.geoRedundantBackupEnabled",
}

# Azure SQL Database keeps its backups in geo-redundant storage, in the paired region, unless its backup storage
# redundancy says Local or Zone: "By default, SQL Database stores backups in geo-redundant storage"
# (https://learn.microsoft.com/azure/azure-sql/database/automated-backups-overview#backup-storage-redundancy).
# ASO's spec.requestedBackupStorageRedundancy (Geo, GeoZone, Local, Zone); the Upbound provider's
# spec.forProvider.storageAccountType, as Terraform's azurerm_mssql_database storage_account_type ("Defaults to
# Geo").
GEO_BACKUP_REDUNDANCY = {
    (ASO.name, "sql", "ServersDatabase"): "spec.requestedBackupStorageRedundancy",
    (CROSSPLANE_AZURE.name, "sql", "MSSQLDatabase"): "spec.forProvider.storageAccountType",
}


@dataclass(frozen=True)
class OperatorResource:
    """A Kubernetes object an operator turns into a cloud resource."""

    resource: Resource
    operator: Operator
    group: str
    kind: str

    @property
    def service(self) -> str:
        return self.group.split(".", 1)[0]

    @property
    def describe(self) -> str:
        return f"{self.operator.name} {self.group} {self.kind}"

    @property
    def metadata(self) -> Mapping[str, Any]:
        metadata = self.resource.props.get("metadata") or {}
        if not is_map(metadata):
            raise TypeError(f"metadata is a {type(metadata).__name__}, not an object")
        return metadata

    @property
    def namespaced(self) -> bool:
        return not any(
            self.group.endswith(s) if s.startswith(".") else self.group == s for s in self.operator.cluster_scoped
        )

    def namespace(self) -> str | None:
        """The namespace the object is created in (``model.namespace_of``: its own, else its
        provider's default); an unknown one makes the decision wait."""
        if not self.namespaced:
            return None
        value = self.metadata.get("namespace")
        if value is not None and not isinstance(value, (str, Unknown)):
            raise TypeError(f"metadata.namespace is a {type(value).__name__}, not a string")
        return namespace_of(self.resource)

    def annotation(self, key: str) -> Any:
        annotations = self.metadata.get("annotations") or {}
        if not is_map(annotations):
            raise TypeError(f"metadata.annotations is a {type(annotations).__name__}, not an object")
        return annotations.get(key)


def api_of(resource: Resource) -> tuple[str, str] | None:
    """(API group, kind) of a pulumi-kubernetes object; None for core objects and non-Kubernetes types."""
    if not resource.is_kubernetes:
        return None
    if resource.type == GENERIC_CUSTOM_RESOURCE:
        api_version, kind = resource.props.get("apiVersion"), resource.props.get("kind")
        if not isinstance(api_version, str) or not isinstance(kind, str):
            raise TypeError("a CustomResource needs string apiVersion and kind")
    else:
        parts = resource.type.split(":")
        if len(parts) != 3:
            return None
        api_version, kind = parts[1], parts[2]
    if "/" not in api_version:
        return None
    return api_version.rsplit("/", 1)[0], kind


def identify(resource: Resource) -> OperatorResource | None:
    """The operator object this resource is, or None. Raises Deferred when a generic
    CustomResource's apiVersion is unknown at preview."""
    if not resource.is_kubernetes or not resource.is_custom:
        return None
    found = api_of(resource)
    if found is None:
        return None
    group, kind = found
    if kind in CONTROLLER_KINDS:
        return None
    for operator in OPERATORS:
        if group in operator.skip_groups:
            return None
        if group in operator.bare_groups or any(group.endswith(s) for s in operator.suffixes):
            return OperatorResource(resource, operator, group, kind)
    return None


# ---------------------------------------------------------------------------------- the stack


@dataclass
class Index:
    """What an operator object's location and regime may come from, elsewhere in the stack."""

    clusters: Clusters
    namespaces: dict[tuple[str, str], Resource] = field(default_factory=dict)
    objects: dict[tuple[str, str | None, str], list[OperatorResource]] = field(default_factory=dict)
    by_urn: dict[str, Resource] = field(default_factory=dict)
    by_parent: dict[str, list[Resource]] = field(default_factory=dict)

    @classmethod
    def build(cls, resources: Iterable[Resource]) -> Index:
        """Namespaces and ownership, by the cluster each object reaches (whichever provider sends
        it); operator objects are added one by one (``add``), since reading one may wait for a
        value unknown at preview."""
        resources = list(resources)
        index = cls(Clusters.index(resources))
        for r in resources:
            index.by_urn[r.urn] = r
            if r.parent:
                index.by_parent.setdefault(r.parent, []).append(r)
            if r.type == NAMESPACE:
                name = (r.props.get("metadata") or {}).get("name") if is_map(r.props.get("metadata")) else None
                if isinstance(name, str):
                    index.namespaces[(index.clusters.of(r), name)] = r
        return index

    def add(self, obj: OperatorResource) -> None:
        name = obj.metadata.get("name")
        namespace = obj.namespace()
        if isinstance(name, str):
            self.objects.setdefault((self.clusters.of(obj.resource), namespace, name), []).append(obj)

    def namespace_of(self, obj: OperatorResource) -> Resource | None:
        name = obj.namespace()
        return None if name is None else self.namespaces.get((self.clusters.of(obj.resource), name))

    def named(self, obj: OperatorResource, name: str, namespace: str | None = None) -> list[OperatorResource]:
        """Objects of the same operator family on the same cluster with this name."""
        ns = namespace if namespace is not None else obj.namespace()
        return [
            o
            for o in self.objects.get((self.clusters.of(obj.resource), ns, name), [])
            if o.operator.name == obj.operator.name and o.operator.cloud == obj.operator.cloud and o is not obj
        ]

    def cluster_regime(self, obj: OperatorResource) -> tuple[str, str] | None:
        """The regime the cluster's own resource declares, for objects on a fleet cluster's provider."""
        provider = self.by_urn.get(obj.resource.provider_urn or "")
        if provider is None or provider.type != K8S_PROVIDER or provider.parent is None:
            return None
        for sibling in self.by_parent.get(provider.parent, []):
            if sibling.type in CLUSTER_TYPES:
                value = labels_of(sibling).get(RESIDENCY)
                if value:
                    return str(value), f"cluster {sibling.name}"
        return None


# ---------------------------------------------------------------------------------- regime


def spec_tags(obj: OperatorResource) -> dict[str, Any]:
    """The cloud tags or labels the object's spec gives the resource it creates."""
    props = obj.resource.props
    paths: tuple[str, ...]
    if obj.operator is ACK:
        # Most ACK kinds: spec.tags, a list of {key, value} or a map; S3 buckets spec.tagging.tagSet.
        # https://github.com/aws-controllers-k8s/s3-controller/blob/main/apis/v1alpha1/bucket.go
        paths = ("spec.tags", "spec.tagging.tagSet")
    elif obj.operator.name == CROSSPLANE:
        paths = ("spec.forProvider.tags", "spec.forProvider.labels")
    elif obj.operator is ASO:
        paths = ("spec.tags",)
    else:
        # Config Connector copies metadata.labels to the GCP resource's labels:
        # https://cloud.google.com/config-connector/docs/how-to/managing-resources-with-labels (read as own labels)
        paths = ("spec.labels", "spec.resourceLabels")
    found: dict[str, Any] = {}
    for path in paths:
        for value in values_at(props, path):
            if not (is_map(value) or is_list(value)):
                raise TypeError(f"{path} is a {type(value).__name__}, not tags")
            found.update(tag_map(value))
    return found


def regime(obj: OperatorResource, index: Index, ctx: Context) -> RegimeSource | None:
    """The regime the object carries: its own label or annotation, else the tags its spec gives
    the cloud resource, else (lineage) its namespace's label, else its cluster's own tag, else the
    stack's regime. Its own declaration wins, as a resource's own tags win over its provider's
    default tags."""
    labels = tag_map(obj.metadata.get("labels"))
    if labels.get(RESIDENCY):
        return RegimeSource(str(labels[RESIDENCY]), "label")
    own = obj.annotation(RESIDENCY)
    if own:
        return RegimeSource(str(own), "annotation")
    tagged = spec_tags(obj).get(RESIDENCY)
    if tagged:
        return RegimeSource(str(tagged), "spec tags")
    namespace = index.namespace_of(obj)
    if namespace is not None:
        inherited = tag_map((namespace.props.get("metadata") or {}).get("labels")).get(RESIDENCY)
        if inherited:
            return RegimeSource(str(inherited), f"namespace {obj.namespace()}")
    cluster = index.cluster_regime(obj)
    if cluster is not None:
        return RegimeSource(*cluster)
    if ctx.stack_regime:
        return RegimeSource(ctx.stack_regime, "stack config (stackRegime)")
    return None


# ---------------------------------------------------------------------------------- location


@dataclass
class Placement:
    """Where the object's cloud resource keeps its data, or why that cannot be said."""

    locations: list[locations.Location] = field(default_factory=list)
    missing: str | None = None
    not_placed: bool = False  # a global resource: keeps no data in a location
    routes: bool = False  # with not_placed: it sends data to the destinations its spec names (a log sink)
    edge: bool = False  # keeps data at edge locations: never placeable


def _read(obj: OperatorResource, homes: Iterable[tuple[str, str]]) -> list[locations.Location]:
    props = obj.resource.props
    found: list[locations.Location] = []
    homes = list(homes)
    narrows = [p for p, r in homes if r == "narrows"]
    for path in narrows:
        data_locations = values_at(props, path)
        if data_locations:
            flat = [d for item in data_locations for d in (item if is_list(item) else [item])]
            base = next((values_at(props, p) for p, r in homes if r == "location" and values_at(props, p)), [])
            return [locations.gcp_location(str(base[0]) if base else "", path, flat)]
    for path, reader in homes:
        if reader == "narrows":
            continue
        for value in values_at(props, path):
            if is_map(value) or is_list(value):
                raise TypeError(f"{path} is a {type(value).__name__}, not a location name")
            found += locations.read(obj.operator.cloud, reader, value, path)
    return found


def _ack_home(obj: OperatorResource, index: Index) -> Placement:
    found: list[locations.Location] = []
    if obj.service == "s3" and obj.kind == "Bucket":
        # S3 CreateBucket: LocationConstraint "specifies the Region where the bucket will be
        # created"; the ACK controller sets it to its own region when it is unset.
        # https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html
        # https://github.com/aws-controllers-k8s/s3-controller/blob/main/pkg/resource/bucket/sdk.go
        for value in values_at(obj.resource.props, "spec.createBucketConfiguration.locationConstraint"):
            found += locations.read(
                AWS, "region", _text(value, "locationConstraint"), "spec.createBucketConfiguration.locationConstraint"
            )
    region = obj.annotation(ACK_REGION)
    if region:
        found += locations.read(AWS, "region", _text(region, ACK_REGION), f"annotation {ACK_REGION}")
        return Placement(found)
    namespace = index.namespace_of(obj)
    if namespace is not None:
        annotations = (namespace.props.get("metadata") or {}).get("annotations") or {}
        default = annotations.get(ACK_DEFAULT_REGION) if is_map(annotations) else None
        if default:
            source = f"namespace {obj.namespace()}'s annotation {ACK_DEFAULT_REGION}"
            found += locations.read(AWS, "region", _text(default, ACK_DEFAULT_REGION), source)
            return Placement(found)
    if found:
        return Placement(found)
    return Placement(
        missing=(
            f"neither its annotation {ACK_REGION} nor its namespace's {ACK_DEFAULT_REGION} is set, and the "
            "controller's --aws-region is not in the stack"
        )
    )


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what} is a {type(value).__name__}, not a string")
    return value


def _kcc_unset(obj: OperatorResource) -> Placement | None:
    """Config Connector's documented defaults for an unset location."""
    if obj.service == "storage" and obj.kind == "StorageBucket":
        # The StorageBucket CRD: location "default: US".
        return Placement([locations.gcp_location("US", "spec.location (unset: the CRD's default US)")])
    if obj.service == "pubsub" and obj.kind == "PubSubTopic":
        # Without a message storage policy Pub/Sub stores messages in the region nearest the publisher.
        # https://cloud.google.com/pubsub/docs/resource-location-restriction
        return Placement(
            [locations.anywhere("spec.messageStoragePolicy (unset)", "unset", "the region nearest each publisher")]
        )
    if obj.service == "secretmanager" and obj.kind == "SecretManagerSecret":
        automatic = values_at(obj.resource.props, "spec.replication.automatic")
        if (automatic and automatic[0] is True) or values_at(obj.resource.props, "spec.replication.auto"):
            # https://cloud.google.com/secret-manager/docs/choosing-replication (automatic: Google chooses)
            return Placement([locations.anywhere("spec.replication.automatic", "automatic")])
    return None


def _parents(obj: OperatorResource, index: Index) -> tuple[list[OperatorResource], str]:
    """The objects in this stack the object lives in (its owner or the parent it references), and
    the property that names them."""
    spec: Any = obj.resource.props.get("spec") or {}
    if not is_map(spec):
        raise TypeError(f"spec is a {type(spec).__name__}, not an object")
    if obj.operator is ASO:
        owner: Any = spec.get("owner")
        if is_map(owner) and isinstance(owner.get("name"), str):
            return index.named(obj, owner["name"]), "spec.owner.name"
        return [], "spec.owner"
    base: Any = spec.get("forProvider") if obj.operator.name == CROSSPLANE else spec
    if not is_map(base):
        return [], "spec"
    prefix = "spec.forProvider" if base is not spec else "spec"
    parents: list[OperatorResource] = []
    names: list[str] = []
    for key, value in base.items():
        if key.endswith("Ref") and is_map(value) and isinstance(value.get("name"), str):
            namespace = value.get("namespace") if isinstance(value.get("namespace"), str) else None
            parents += index.named(obj, value["name"], namespace)
            names.append(f"{prefix}.{key}")
        elif key == "resourceGroupName" and isinstance(value, str):
            # Crossplane Azure: the resource group by its Azure name (external name, else metadata.name).
            parents += [
                o
                for objs in index.objects.values()
                for o in objs
                if o.operator is obj.operator
                and o.kind == "ResourceGroup"
                and value in (o.annotation(CROSSPLANE_EXTERNAL_NAME), o.metadata.get("name"))
                and index.clusters.of(o.resource) == index.clusters.of(obj.resource)
            ]
            names.append(f"{prefix}.resourceGroupName")
    return parents, " / ".join(names) or f"{prefix} (no parent reference)"


def place(obj: OperatorResource, index: Index, seen: frozenset[str] = frozenset()) -> Placement:
    """Where the object's cloud resource keeps its data."""
    operator = obj.operator
    if obj.service in operator.edge_services:
        return Placement(edge=True)
    if obj.service in operator.global_services or obj.kind in operator.global_kinds:
        return Placement(not_placed=True)
    if (operator.name, obj.service, obj.kind) in ROUTING_KINDS:
        return Placement(not_placed=True, routes=True)
    if operator is ACK:
        return _ack_home(obj, index)
    found = _read(obj, operator.homes + KIND_HOMES.get((operator.name, obj.service, obj.kind), ()))
    if found:
        return Placement(found)
    # A kind that says where it is under another name (a Bigtable instance's cluster[].zone, an image's
    # storageLocations): every place its spec names, all of which must be inside the regime.
    named = _named_places(obj, [], [])
    if named:
        return Placement(named)
    if operator is KCC:
        default = _kcc_unset(obj)
        if default is not None:
            return default
    parents, prop = _parents(obj, index)
    if parents and obj.resource.urn not in seen:
        inherited: list[locations.Location] = []
        for parent in parents:
            placed = place(parent, index, seen | {obj.resource.urn})
            if placed.edge or placed.missing or placed.not_placed:
                continue
            inherited += [
                replace(loc, source=f"{prop} {parent.kind} {parent.resource.name!r}, whose {loc.source}")
                for loc in placed.locations
            ]
        if inherited:
            return Placement(inherited)
    what = " / ".join(p for p, r in operator.homes if r != "narrows")
    if "no parent reference" in prop:
        return Placement(missing=f"its {what} is not set")
    return Placement(
        missing=f"its {what} is not set, and its {prop} names no object in this stack whose location is set"
    )


def _named_places(
    obj: OperatorResource, homes: list[locations.Location], known: list[locations.Location]
) -> list[locations.Location]:
    """Failing closed: any other region or location the spec names (a replica's ``tableReplicas[].regionName``,
    a Cosmos DB account's ``locations[].locationName``) is a place the controller may put data, unless it names
    where the data comes from (``source...``). Places already read are not read twice."""
    seen = {h.value.lower() for h in (*homes, *known)}
    read = {h.source for h in (*homes, *known)}  # a home read from this very path (cluster[].zone) is no copy
    found = []
    for path, value in _spec_strings(obj.resource.props.get("spec"), "spec"):
        leaf = path.rsplit(".", 1)[-1].removesuffix("[]")
        if leaf.startswith("source") or not locations.PLACE_WORD.search(leaf) or value.lower() in seen or path in read:
            continue
        place = locations.read(obj.operator.cloud, "location", value, path)
        places = [p for p in place if p.countries or locations.is_edge_zone(value)]
        found += places
        seen.add(value.lower())
    return found


_GIVEN = re.compile(r"principal|account|grantee|consumer|member", re.IGNORECASE)


def _named_arns(obj: OperatorResource, accounts: Collection[str]) -> list[locations.Location]:
    """Failing closed, as ``_named_places``: an ARN the spec names (an event rule's ``targets[].arn``, a backup
    rule's ``copyAction[].destinationVaultArn``) is where the controller's resource may send data: its Region, or
    outside the stack when it is of another account. Not an ARN of where data comes from (``source...``) or of who
    acts and which keys are used (a role, a key: ``references.identity_arn``)."""
    if obj.operator.cloud != AWS:
        return []
    found: list[locations.Location] = []
    for path, value in _spec_strings(obj.resource.props.get("spec"), "spec"):
        leaf = path.rsplit(".", 1)[-1].removesuffix("[]")
        if ACCOUNT_ID.match(value) and value not in accounts and _GIVEN.search(leaf):
            # An account a share names (a RAM share's principals): another account may copy the data anywhere. One
            # the stack does not name (nor the policy config's awsAccounts) cannot be shown to be its own.
            found.append(locations.anywhere(path, value, f"AWS account {value}, which the stack does not name"))
            continue
        if not value.startswith("arn:") or leaf.lower().startswith(("source", "resource")) or identity_arn(value):
            continue  # where data comes from, what the object acts on (a share's resourceARNs), who acts
        account = arn_account(value)
        if account and accounts and account not in accounts:
            found.append(locations.anywhere(path, value, f"AWS account {account}, outside the stack"))
        elif region := locations.arn_region(value):
            found += [p for p in locations.read(AWS, "region", region, path) if p.countries]
    return found


NO_OWN_ACCOUNTS = frozenset({"(the stack names no AWS account)"})
# Keys that name where data goes by a resource's name: a bucket, a reference's external name, a destination.
_DESTINATION_KEY = re.compile(r"bucket(name)?$|^external$|destination|target|sink", re.IGNORECASE)
# Keys whose URL is where the controller's resource sends data (an SNS subscription's endpoint, a webhook's url).
_ENDPOINT_KEY = re.compile(r"(endpoint|url|uri|webhook)$", re.IGNORECASE)


def _named_references(obj: OperatorResource, stack: Stack | None) -> list[locations.Location]:
    """Failing closed, as ``_named_places``: a cloud resource of the stack the spec names by ARN or ARM ID (a
    replication rule's destination bucket, a diagnostic setting's workspace, a failover group's partner server) is
    where the controller's resource may send data, as is the host of an endpoint URL (an SNS subscription's
    endpoint): outside the cloud unless it names an AWS Region. Not what the data comes from (``source...``), not
    roles and keys."""
    if stack is None:
        return []
    found: list[locations.Location] = []
    for path, value in _spec_strings(obj.resource.props.get("spec"), "spec"):
        leaf = path.rsplit(".", 1)[-1].removesuffix("[]")
        if leaf.lower().startswith("source") or identity_arn(value):
            continue
        if leaf == "entity" and (public := locations.public_entity(value, path)):
            found += public  # a Cloud Storage access control's entity: allUsers, allAuthenticatedUsers, a domain
            continue
        if (ingested := locations.telemetry_ingestion(value, path)) is not None:
            found.append(ingested)  # an Application Insights connection string: where its telemetry is ingested
            continue
        if POSIX_SINK in path:
            # A Storage Transfer job's POSIX sink: a file system its agents mount, outside the cloud
            # (https://cloud.google.com/storage-transfer/docs/sources-and-sinks).
            found.append(locations.anywhere(path, value, locations.EXTERNAL))
            continue
        if value.startswith(("arn:", "/subscriptions/", "projects/", "//")):
            target = stack.exact(value, obj.resource)
            if target is None and not value.startswith("arn:"):
                with contextlib.suppress(Deferred):
                    target = stack.find(value, obj.resource)
            found += _where(target, path, stack)
        elif (bucket := uri_bucket(value)) and (target := stack.exact(bucket, obj.resource)) is not None:
            found += _where(target, path, stack)  # a bucket of the stack by URI (gs://<bucket>/<path>)
        elif _DESTINATION_KEY.search(leaf) and (target := stack.exact(value, obj.resource)) is not None:
            # A stack resource named by its name where the spec says where data goes (a trail's s3BucketName, a
            # subscription's cloudStorageConfig.bucketRef.external).
            found += _where(target, path, stack)
        elif value.startswith(("https://", "http://")) and _ENDPOINT_KEY.search(leaf):
            served = stack.find_url(value, obj.resource)
            if served is not None:
                found += _where(served, path, stack)
            elif not locations.cloud_service_host(value):
                found.append(locations.endpoint_location(value, path))
    return found


POSIX_SINK = ".posixDataSink."
# Keys whose /<bucket>/<path> value is where the object's files are kept (a Transfer Family user's home directory).
HOME_KEYS = frozenset({"homeDirectory"})


def _where(target: Resource | None, path: str, stack: Stack) -> list[locations.Location]:
    """Where a cloud resource of the stack an operator spec names keeps its data, read through ``path``."""
    if target is None or target.is_kubernetes or isinstance(homes := homes_of(target, stack), str):
        return []
    return [replace(h, source=f"{path} ({target.type} {target.name!r})") for h in homes]


def _spec_strings(value: Any, path: str) -> Iterable[tuple[str, str]]:
    if is_map(value):
        for key, item in value.items():
            yield from _spec_strings(item, f"{path}.{key}")
    elif is_list(value):
        for item in value:
            yield from _spec_strings(item, f"{path}[]")
    elif isinstance(value, str) and value:
        yield path, value


def _named_objects(obj: OperatorResource, index: Index | None) -> list[locations.Location]:
    """Failing closed, as ``_named_places``: another object of the same operator family the spec names where data
    goes, by a reference (a transfer job's ``gcsDataSink.bucketRef.name``), by the host of a connection string
    (an App Service site's ``connectionStrings[].connectionString``, Server=<server>.database.windows.net) or by an
    ARM ID (a geo-replicated database's ``linkedDatabases[].reference.armId``): where that object's cloud resource
    is. Not what the data comes from (a path through ``source...``)."""
    if index is None:
        return []
    found: list[locations.Location] = []
    for path, value in _spec_strings(obj.resource.props.get("spec"), "spec"):
        where, _, leaf = path.rpartition(".")
        if "source" in where.lower():
            continue
        names: list[str] = []
        if leaf == "name" and where.endswith("Ref") and _DESTINATION_KEY.search(where.rsplit(".", 1)[0]):
            names = [value]
        elif bucket := uri_bucket(value):
            names = [bucket]  # a table's locationURI, gs://<bucket>/<path>
        elif (leaf in HOME_KEYS or _DESTINATION_KEY.search(leaf)) and (head := path_head(value)):
            names = [head]  # a Transfer Family user's home directory or logical directory target, /<bucket>/<path>
        elif host := connection_string_host(value):
            names = [host.split(".", 1)[0]]
        elif value.lower().startswith("/subscriptions/") and "/providers/" in value.lower():
            # An ARM ID (a linked database's reference.armId): the objects its path names, nearest parent first.
            parts = value.split("/providers/", 1)[1].strip("/").split("/")
            names = parts[2::2][::-1]
        others = [index.named(obj, n) for n in names]
        for other in next((o for o in others if o), []):
            placed = place(other, index, frozenset({obj.resource.urn}))
            found += [replace(h, source=f"{path} ({other.kind} {other.resource.name!r})") for h in placed.locations]
    return found


def sources(obj: OperatorResource, index: Index) -> list[OperatorResource]:
    """Other objects of the same operator family the spec names as where its data comes from, under a key starting
    with ``source`` (an ASO replica's ``sourceServerResourceReference.name``, a restore's ``sourceServerRef``), by
    name or ARM ID: a replica, restore or copy of them holds their data."""
    found: list[OperatorResource] = []
    for path, value in _spec_strings(obj.resource.props.get("spec"), "spec"):
        segments = path.split(".")
        origin = next((i for i, s in enumerate(segments) if s.lower().startswith("source")), None)
        if origin is None:
            continue
        names: list[str] = []
        if segments[-1] == "name" and origin < len(segments) - 1:
            names = [value]
        elif value.lower().startswith("/subscriptions/") and "/providers/" in value.lower():
            names = value.split("/providers/", 1)[1].strip("/").split("/")[2::2][-1:]
        for name in names:
            found += [o for o in index.named(obj, name) if o not in found]
    return found


def copies(
    obj: OperatorResource, homes: list[locations.Location], stack: Stack | None = None, index: Index | None = None
) -> list[locations.Location]:
    """Places copies of the object's data go that its spec names by region (replicas, geo-redundancy), by an ARN of
    another Region or of an account outside the ``stack``'s, by the ARN or ARM ID of a cloud resource of the stack
    (where that resource is), or by an endpoint URL."""
    key = (obj.operator.name, obj.service, obj.kind)
    found = _read(obj, COPIES.get(key, ()))
    if key == (KCC.name, "sql", "SQLInstance") and not found:
        backup = values_at(obj.resource.props, "spec.settings.backupConfiguration.enabled")
        if backup and backup[0] is True:
            # Unset backup location: the multi-region nearest the instance.
            # https://cloud.google.com/sql/docs/mysql/backup-recovery/backups#custom-backup-location
            found += [locations.nearest_multiregion("spec.settings.backupConfiguration.location", h) for h in homes]
    found += _named_places(obj, homes, found)
    flag = GEO_BACKUP.get(key)
    if flag:
        for value in values_at(obj.resource.props, flag):
            if value is True or _text(value, flag).lower() in ("enabled", "true"):
                found += [replace(locations.paired(h), source=f"{flag}={value} (paired region)") for h in homes]
    found += _named_arns(obj, stack.aws_accounts if stack is not None else ())
    if stack is not None and obj.operator.cloud == AWS:
        # A resource policy in the spec (an ACK repository's policy): another account it lets read the data may copy
        # it to any Region (fleetguard/grants.py). As for a share, an account a stack that names none of its own
        # cannot be shown to be its own.
        accounts = stack.aws_accounts or NO_OWN_ACCOUNTS
        for grant in grants.outsiders(as_map(obj.resource.props.get("spec")), accounts, stack.aws_organizations):
            found.append(locations.anywhere(f"spec.{grant.path}", grant.who, "may copy the data to any Region"))
    found += _named_references(obj, stack)
    found += _named_objects(obj, index)
    redundancy = GEO_BACKUP_REDUNDANCY.get(key)
    if redundancy:
        values = values_at(obj.resource.props, redundancy) or ["Geo (unset)"]
        for value in values:
            if _text(value, redundancy).lower().startswith("geo"):
                found += [replace(locations.paired(h), source=f"{redundancy}={value} (paired region)") for h in homes]
    path = GEO_REPLICATION.get(key)
    if path:
        for value in values_at(obj.resource.props, path):
            name = _text(value, path).lower()
            if name.removeprefix("standard_").removeprefix("premium_") in (
                "grs",
                "ragrs",
                "gzrs",
                "ragzrs",
                "georedundant",
            ):
                found += [replace(locations.paired(h), source=f"{path}={value} (paired region)") for h in homes]
    return found
