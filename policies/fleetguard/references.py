"""How resources of one stack name each other (by ARN, ID, name or self link) and where a named
resource keeps its data: shared by the rules that follow data from one resource to another."""

from __future__ import annotations

import base64
import binascii
import contextlib
import ipaddress
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import yaml

from fleet.core.residency import Regime
from fleetguard import locations, survey
from fleetguard.model import (
    FLEET_CLUSTERS,
    Deferred,
    Malformed,
    Resource,
    Unknown,
    as_map,
    is_list,
    is_map,
    policy_documents,
    resource_values,
    text_leaves,
    values_at,
)

# Properties that name a resource, per type, besides arn / id / name / selfLink.
KEY_PROPS = {
    "aws:s3/bucket:Bucket": ("bucket",),
    "aws:s3/bucketV2:BucketV2": ("bucket",),
    "aws:rds/instance:Instance": ("identifier",),
    "aws:rds/cluster:Cluster": ("clusterIdentifier",),
    "aws:rds/globalCluster:GlobalCluster": ("globalClusterIdentifier",),
    "aws:docdb/cluster:Cluster": ("clusterIdentifier",),
    "aws:docdb/globalCluster:GlobalCluster": ("globalClusterIdentifier",),
    "aws:neptune/cluster:Cluster": ("clusterIdentifier",),
    "aws:neptune/globalCluster:GlobalCluster": ("globalClusterIdentifier",),
    "aws:elasticache/replicationGroup:ReplicationGroup": ("replicationGroupId",),
    "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup": ("globalReplicationGroupId",),
    "aws:rds/snapshot:Snapshot": ("dbSnapshotIdentifier",),
    "aws:rds/clusterSnapshot:ClusterSnapshot": ("dbClusterSnapshotIdentifier",),
    "aws:rds/snapshotCopy:SnapshotCopy": ("targetDbSnapshotIdentifier",),
    "aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy": ("targetDbClusterSnapshotIdentifier",),
    "aws:redshift/cluster:Cluster": ("clusterIdentifier",),
    "aws:dms/endpoint:Endpoint": ("endpointArn",),
    "aws:dms/s3Endpoint:S3Endpoint": ("endpointArn",),
    "aws:kms/key:Key": ("keyId",),
    "azure-native:resources:ResourceGroup": ("resourceGroupName",),
    "azure-native:storage:StorageAccount": ("accountName",),
    "azure-native:containerregistry:Registry": ("registryName",),
    "azure-native:appconfiguration:ConfigurationStore": ("configStoreName",),
    "azure-native:sql:Server": ("serverName",),
    "azure-native:sql:ManagedInstance": ("managedInstanceName",),
    "azure-native:servicebus:Namespace": ("namespaceName",),
    "azure-native:eventhub:Namespace": ("namespaceName",),
    "azure-native:search:Service": ("searchServiceName",),
    "azure-native:cognitiveservices:Account": ("accountName",),
    "gcp:bigquery/dataset:Dataset": ("datasetId",),
    "gcp:sql/databaseInstance:DatabaseInstance": ("connectionName",),
    # An Application Insights component is named by its connection string or instrumentation key (app settings).
    "azure-native:applicationinsights:Component": ("connectionString", "instrumentationKey"),
    # Container Apps environments and agents name their workspace by its workspace (customer) ID.
    "azure-native:operationalinsights:Workspace": ("customerId",),
}
GENERIC_KEYS = ("arn", "id", "name", "selfLink")
MIRROR_SOURCE = "source.cluster.bootstrap.servers"  # MirrorMaker 2's source cluster in a connector's configs
# Where a Managed Kafka sink connector writes, by its configs: a bucket, a Pub/Sub topic, a BigQuery dataset.
KAFKA_SINKS = (
    ("gcs.bucket.name", lambda configs, bucket: bucket),
    ("cps.topic", lambda configs, topic: f"projects/{configs.get('cps.project') or '-'}/topics/{topic}"),
    ("defaultDataset", lambda configs, dataset: f"projects/{configs.get('project') or '-'}/datasets/{dataset}"),
)
RESOURCE_GROUP = "azure-native:resources:ResourceGroup"
AZURE_STORAGE_ACCOUNT = "azure-native:storage:StorageAccount"
# Azure service hosts whose first label is the resource's name: Event Hubs and Service Bus namespaces
# (<namespace>.servicebus.windows.net, https://learn.microsoft.com/azure/event-hubs/event-hubs-for-kafka-ecosystem-overview),
# Cosmos DB accounts (<account>.documents.azure.com), SQL servers (<server>.database.windows.net), Azure Cache for
# Redis (<name>.redis.cache.windows.net), AI Search services (<service>.search.windows.net) and Foundry (AI Services)
# and Azure OpenAI accounts by their custom subdomain, which Foundry makes the account's name
# (<name>.openai.azure.com, <name>.cognitiveservices.azure.com, <name>.services.ai.azure.com:
# https://learn.microsoft.com/azure/ai-services/cognitive-services-custom-subdomains).
AZURE_SERVICE_HOSTS = {
    "servicebus.windows.net": ("azure-native:eventhub:Namespace", "azure-native:servicebus:Namespace"),
    "documents.azure.com": ("azure-native:cosmosdb:DatabaseAccount",),
    "database.windows.net": ("azure-native:sql:Server",),
    "redis.cache.windows.net": ("azure-native:cache:Redis", "azure-native:redis:Redis"),
    "search.windows.net": ("azure-native:search:Service",),
    "openai.azure.com": ("azure-native:cognitiveservices:Account",),
    "cognitiveservices.azure.com": ("azure-native:cognitiveservices:Account",),
    "services.ai.azure.com": ("azure-native:cognitiveservices:Account",),
}
AZURE_STORAGE_HOST = re.compile(
    r"(?P<account>[a-z0-9]{3,24})\.(z\d+\.)?(blob|dfs|file|queue|table|web)\.core\.windows\.net"
)
# An AWS database endpoint: <identifier>.[cluster-[ro-]]<hash>.<region>.<service>.amazonaws.com names the instance or
# cluster by its identifier (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ConnectToInstance.html).
AWS_DATABASE_HOST = re.compile(
    r"(?P<identifier>[a-z][a-z0-9-]*)\.(cluster-(ro-)?)?[a-z0-9]+\.[a-z]{2}(-[a-z]+)+-\d\.(rds|docdb|neptune|redshift)"
    r"\.amazonaws\.com"
)


# A reference to a Kubernetes cluster: a GKE or AKS path, an EKS ARN.
_CLUSTER_REFERENCE = re.compile(r"/clusters/[^/]+$|/managedClusters/[^/]+$|:cluster/[^/]+$", re.IGNORECASE)


def names_of(resource: Resource) -> set[str]:
    """The values other resources may use to name this one (unknown ones skipped)."""
    found = set()
    cluster_keys = ("clusterName",) if resource.type in FLEET_CLUSTERS else ()
    for key in GENERIC_KEYS + KEY_PROPS.get(resource.type, ()) + own_name_keys(resource.type) + cluster_keys:
        value = resource.props.get(key)
        if isinstance(value, Unknown) or not isinstance(value, str) or not value:
            continue
        found.add(value)
        if key == "bucket":
            found |= {f"arn:aws:s3:::{value}", f"s3://{value}"}
    own = unconventional_name(resource)
    if own is not None and isinstance(resource.props[own], str) and resource.props[own]:
        found.add(resource.props[own])
    return found


def unconventional_name(resource: Resource) -> str | None:
    """The name input of a top-level Azure resource whose SDK breaks the ``<type>Name`` convention (a
    VirtualMachine's ``vmName``, a PrometheusRuleGroup's ``ruleGroupName``): the one name input it has (a nested
    resource also names its parents)."""
    own = arm_own_name(resource.type)
    if not own or own[0] in resource.props or entry_kind(resource) != "regional":
        return None
    if f"{own[0].removesuffix('Name')}Id" in resource.props:
        return None  # named by <type>Id instead (an API Management gateway's gatewayId)
    named = sorted(_path_names(resource))
    return named[0] if len(named) == 1 else None


def own_name_keys(type_: str) -> tuple[str, ...]:
    """The inputs a resource names itself by, by its SDK's convention (Azure, AWS, GCP)."""
    return arm_own_name(type_) + aws_own_name(type_) + gcp_own_id(type_)


def arm_own_name(type_: str) -> tuple[str, ...]:
    """An azure-native resource's own name input, by the SDK's convention: the type's last segment
    as ``<type>Name`` (``Namespace``: ``namespaceName``, ``EventHub``: ``eventHubName``)."""
    if not type_.startswith("azure-native:"):
        return ()
    kind = type_.rsplit(":", 1)[-1]
    return (kind[:1].lower() + kind[1:] + "Name",)


def aws_own_name(type_: str) -> tuple[str, ...]:
    """An AWS resource's own name input, by the SDK's convention: ``<type>Name``, ``<type>Id`` or
    ``<type>Identifier`` (``Domain``: ``domainName``, ``ReplicationGroup``: ``replicationGroupId``)."""
    if not type_.startswith("aws:"):
        return ()
    kind = type_.rsplit(":", 1)[-1]
    # A kind whose token repeats its module (VectorsVectorBucket: vectorBucketName) names itself by a shorter stem
    # of two words or more.
    words = re.findall(r"[A-Z][a-z0-9]*", kind)
    stems = [kind, *("".join(words[i:]) for i in range(1, len(words) - 1))]
    return tuple(f"{stem[:1].lower()}{stem[1:]}{suffix}" for stem in stems for suffix in ("Name", "Id", "Identifier"))


def gcp_own_id(type_: str) -> tuple[str, ...]:
    """A GCP resource's own short ID input, by the SDK's convention: the type's last segment as ``<type>Id``
    (``BackupVault``: ``backupVaultId``, ``Cluster``: ``clusterId``), the last segment of its resource name."""
    if not type_.startswith("gcp:"):
        return ()
    kind = type_.rsplit(":", 1)[-1]
    return (kind[:1].lower() + kind[1:] + "Id",)


def reference_text(value: Any) -> str | None:
    if isinstance(value, Unknown):
        str(value)  # raises Deferred: the decision waits for this value
    if is_map(value):
        # An Event Hubs endpoint object names its namespace by host (a Web PubSub event listener's
        # {type: EventHub, fullyQualifiedNamespace, eventHubName}).
        for key in ("bucket", "id", "resourceId", "name", "arn", "fullyQualifiedNamespace"):
            if value.get(key):
                return reference_text(value[key])
        return None
    return None if value is None else str(value)


_BQ_PATH = re.compile(r"(?:^|/)datasets/(?P<dataset>[^/]+)")
_BQ_DOTTED = re.compile(r"^(?:[^.:]+[.:])?(?P<dataset>[^.:/]+)\.[^.:/]+$")
_BQ_COLON = re.compile(r"^[^.:/]+:(?P<dataset>[^.:/]+)$")  # project:dataset, BigQuery's legacy form
# Keys of a BigQuery table reference (jobs' destinationTable/sourceTables, a transfer's params) that name
# the dataset, which is what has a location.
_BQ_KEYS = ("datasetId", "source_dataset_id")


def uri_bucket(value: str) -> str | None:
    """The bucket a Cloud Storage or S3 URI names (gs://<bucket>/<object>, s3://<bucket>/<key>), else None."""
    scheme, sep, rest = value.partition("://")
    return (rest.split("/", 1)[0] or None) if sep and scheme.lower() in ("gs", "s3") else None


def path_head(value: str) -> str | None:
    """The first segment of an absolute path that is not an ARM ID: /<bucket>/<prefix> names the bucket."""
    if not value.startswith("/") or value.lower().startswith("/subscriptions/"):
        return None
    return value.strip("/").split("/", 1)[0] or None


def organization_of(arn: str) -> str | None:
    """The organization an AWS Organizations ARN names (an organization's, OU's, account's or policy's)."""
    match = _ORGANIZATION_ARN.match(arn)
    return match["org"] if match else None


def bigquery_dataset(value: Any) -> str | None:
    """The dataset a BigQuery table reference names: {projectId, datasetId, tableId}, a transfer's
    params.source_dataset_id, ``projects/p/datasets/d/tables/t`` or ``project.dataset.table``
    (Pub/Sub BigQuery subscriptions, https://cloud.google.com/pubsub/docs/bigquery)."""
    if isinstance(value, Unknown):
        str(value)  # raises Deferred
    if is_map(value):
        for key in _BQ_KEYS:
            if value.get(key):
                return bigquery_dataset(value[key]) if "/" in str(value[key]) else str(value[key])
        return bigquery_dataset(value["tableId"]) if value.get("tableId") else None
    if value is None:
        return None
    # Vertex AI and Healthcare name datasets and tables as bq://project.dataset[.table]
    # (https://cloud.google.com/vertex-ai/docs/predictions/online-prediction-logging,
    # https://cloud.google.com/healthcare-api/docs/how-tos/fhir-bigquery-streaming).
    if str(value).startswith("bq://"):
        parts = str(value).removeprefix("bq://").split(".")
        return parts[1] if len(parts) >= 2 and parts[1] else None
    text = str(value)
    match = _BQ_PATH.search(text) or _BQ_DOTTED.match(text) or _BQ_COLON.match(text)
    return match["dataset"] if match else (text if text and not any(c in text for c in "./:") else None)


# Dapr component metadata names that hold where the component connects (pub/sub brokers, state stores, bindings).
ADDRESS_NAMES = frozenset(
    {"brokers", "host", "redishost", "url", "endpoint", "connectionstring", "accountname", "namespacename",
     "eventhubnamespace", "queueendpointurl", "serviceurl", "server", "address"}
)  # fmt: skip


def reference_for(value: Any, reader: str) -> str | None:
    """What a survey row's value names, as looked up in the stack: the dataset of a BigQuery table
    reference, the bucket of a gs:// URI, else the reference itself."""
    if reader == "bq-table" or (isinstance(value, str) and value.startswith("bq://")):
        return bigquery_dataset(value)
    if reader == "jdbc-url":
        # A Glue connection's properties: the database its JDBC_CONNECTION_URL names.
        url = value.get("JDBC_CONNECTION_URL") if is_map(value) else None
        if isinstance(url, Unknown):
            str(url)  # defers
        return url if isinstance(url, str) and url else None
    if reader == "connection" and isinstance(value, str):
        # A connection string (Server=host;..., host:port,password=...): the host it names, never its credentials.
        return connection_host(value) or locations.url_host(value) or None
    if reader == "kafka-connect":
        # A MirrorMaker 2 connector's source cluster, by its Managed Service for Apache Kafka bootstrap address
        # (bootstrap.<cluster>.<region>.managedkafka.<project>.cloud.goog:9092).
        servers = value.get(MIRROR_SOURCE) if is_map(value) else None
        if isinstance(servers, Unknown):
            str(servers)  # defers
        host = str(servers or "").split(",", 1)[0].strip().split(":", 1)[0]
        labels = host.split(".")
        return labels[1] if len(labels) > 3 and labels[0] == "bootstrap" and labels[3] == "managedkafka" else None
    if reader == "kafka-sink":
        # A Managed Kafka sink connector's destination, by its configs: Cloud Storage, Pub/Sub or BigQuery
        # (https://cloud.google.com/managed-service-for-apache-kafka/docs/connect-cluster/create-connectors).
        configs = value if is_map(value) else {}
        if MIRROR_SOURCE in configs:
            return None  # a MirrorMaker source connector writes into its own cluster
        for key, make in KAFKA_SINKS:
            found = configs.get(key)
            if isinstance(found, Unknown):
                str(found)  # defers
            if isinstance(found, str) and found:
                return make(configs, found)
        return None
    if reader == "name-value":
        # A Dapr component's metadata item ({name, value}): the address its name says it holds (brokers, host, url,
        # endpoint, connection string, storage account), not its settings
        # (https://learn.microsoft.com/azure/container-apps/dapr-components).
        if not is_map(value) or str(value.get("name") or "").lower() not in ADDRESS_NAMES:
            return None
        address = value.get("value")
        if isinstance(address, Unknown):
            str(address)  # defers
        first = str(address or "").split(",", 1)[0].strip()
        if str(value.get("name")).lower() == "accountname" and first:
            return f"https://{first}.blob.core.windows.net"  # a storage account by name
        return first or None
    if reader == "path-head":
        # A Transfer Family home directory or logical directory target, /<bucket or file system>/<path>.
        text = reference_text(value)
        return path_head(text.strip()) if text else text
    if reader == "s3-object":
        # CopySource: "bucket/key" (URL-encoded, optionally with a leading slash), or an access point ARN.
        text = reference_text(value)
        return text if text is None or text.startswith("arn:") else text.lstrip("/").split("/", 1)[0]
    text = reference_text(value)
    if text and text.startswith("gs://"):  # a Cloud Storage URL names its bucket, whatever the row's reader
        return uri_bucket(text) or ""
    return text


# An ARN with an account: the service and the account (arn:aws:sqs:eu-west-1:111111111111:queue).
_ARN = re.compile(r"arn:aws[a-z-]*:(?P<service>[a-z0-9-]+):[a-z0-9-]*:(?P<account>\d{12}):")
_ARN_SERVICE = re.compile(r"arn:aws[a-z-]*:(?P<service>[a-z0-9-]+):")


ORGANIZATION_ACCOUNT = "aws:organizations/account:Account"
ACCOUNT_ID = re.compile(r"^\d{12}$")  # an AWS account ID


def aws_accounts(resources: Iterable[Resource]) -> frozenset[str]:
    """The AWS accounts the stack's own resources and providers are in, and the accounts it creates in its
    organization: the accounts of the resources' own ARNs (``arn``, or an ``id`` that is one) and of the roles they
    run as (a service assumes a role of its own account), the ARN its own resource-based policy names it by (a
    statement's ``Resource`` ending in its own name, or in the name of what it is attached to), and the providers'
    ``allowedAccountIds`` and assumed roles. ARNs a resource names as a destination say nothing about whose account
    it is."""
    found: set[str] = set()
    resources = list(resources)
    by_urn = {r.urn: r for r in resources}
    for resource in resources:
        if resource.type == ORGANIZATION_ACCOUNT and ACCOUNT_ID.match(str(resource.props.get("id") or "")):
            # An account the stack creates in its organization
            # (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_accounts_create.html).
            found.add(str(resource.props["id"]))
        identity = resource.props.get("id")
        if isinstance(identity, str) and identity.startswith("arn:"):
            # A resource whose ID is its ARN (an S3 Vectors bucket, whose arn is vectorBucketArn) is in that account.
            found.update(m["account"] for m in _ARN.finditer(identity))
        own = set(names_of(resource))
        for urns in resource.depends.values():
            # A policy resource attached to a resource created in the same update names it by the ARN it will have.
            own.update(n for urn in urns if urn in by_urn for n in names_of(by_urn[urn]))
        for arn in _policy_resources(resource.props):
            if own & set(re.split(r"[/:]", arn)[5:]):  # the resource's own name in the ARN's resource part
                found.update(m["account"] for m in _ARN.finditer(arn))
        for props in (resource.props, resource.provider_props):
            for path, text in text_leaves(props):
                if path == "arn" or "role" in path.lower():  # its own ARN, or a role it runs as (at any depth)
                    found.update(m["account"] for m in _ARN.finditer(text))
            allowed = props.get("allowedAccountIds")
            if isinstance(allowed, str) and allowed[:1] == "[":
                # The engine sends a provider's list inputs as JSON text.
                try:
                    allowed = json.loads(allowed)
                except ValueError:
                    allowed = None
            if is_list(allowed):
                found.update(str(a) for a in allowed or () if isinstance(a, (str, int)))
    return frozenset(found)


# An organization's ID, and the ARNs of it and of its accounts, units and policies, which carry it
# (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsorganizations.html#awsorganizations-resources-for-iam-policies).
_ORGANIZATION_ID = re.compile(r"^o-[a-z0-9]{10,32}$")
_ORGANIZATION_ARN = re.compile(r"^arn:aws[a-z-]*:organizations::\d{12}:[a-z]+/(?P<org>o-[a-z0-9]{10,32})(?:/|$)")
ORGANIZATION_TYPES = "aws:organizations/"


def aws_organizations(resources: Iterable[Resource]) -> frozenset[str]:
    """The AWS organizations the stack manages or reads: the IDs and ARNs of its ``aws:organizations/*``
    resources (the organization, its accounts, units and policies). An organization a policy document or a
    permission names as a bound says nothing about whose it is."""
    found: set[str] = set()
    for resource in resources:
        if not resource.type.startswith(ORGANIZATION_TYPES):
            continue
        for key in ("id", "arn"):
            value = resource.props.get(key)
            if not isinstance(value, str):
                continue
            if _ORGANIZATION_ID.match(value) and resource.type == "aws:organizations/organization:Organization":
                found.add(value)
            elif org := organization_of(value):
                found.add(org)
    return frozenset(found)


# A GCP IAM member that is one user or group, by email (https://cloud.google.com/iam/docs/principals-overview).
_GCP_PERSON = re.compile(r"^(?:user|group):[^@\s]+@(?P<domain>[a-z0-9.-]+\.[a-z]{2,})$", re.I)


def gcp_domains(resources: Iterable[Resource]) -> frozenset[str]:
    """The domains of the users and groups the stack's GCP resources name as IAM members: a ``domain:`` member of
    any other domain grants to another organization's accounts."""
    found: set[str] = set()
    for resource in resources:
        if resource.type.startswith("gcp:"):
            for _, text in text_leaves(resource.props):
                if match := _GCP_PERSON.match(text):
                    found.add(match["domain"].lower())
    return frozenset(found)


def _policy_resources(props: Any) -> Iterator[str]:
    """The ``Resource`` ARNs of the IAM policy documents among a resource's top-level inputs (JSON text)."""
    for value in props.values() if is_map(props) else ():
        for _, document in policy_documents(value) if isinstance(value, str) else ():
            statements: Any = document.get("Statement")
            for statement in statements if is_list(statements) else [statements]:
                items: Any = statement.get("Resource") if isinstance(statement, Mapping) else None
                yield from (i for i in (items if is_list(items) else [items]) if isinstance(i, str))


# /subscriptions/<id>[/...]: the Azure subscription an ARM ID or scope is in.
ARM_SUBSCRIPTION = re.compile(r"^/subscriptions/(?P<subscription>[0-9a-fA-F-]{36})(?:/|$)")
AZURE_TYPES = ("azure-native:", "pulumi:providers:azure-native")


def arm_subscription(value: object) -> str | None:
    match = ARM_SUBSCRIPTION.match(str(value))
    return match["subscription"].lower() if match else None


def azure_subscriptions(resources: Iterable[Resource]) -> frozenset[str]:
    """The Azure subscriptions the stack's own resources and providers are in: the providers' and resources'
    ``subscriptionId``, the resources' own ARM IDs (``id``) and the scopes they are assigned at (a policy or role
    assignment's ``scope``, a Defender automation's ``scopes[].scopePath``). An ARM ID a resource names as a
    destination says nothing about whose subscription it is."""
    found: set[str] = set()
    for resource in resources:
        if not resource.type.startswith(AZURE_TYPES):
            continue
        for props in (resource.props, resource.provider_props):
            for value in (props.get("subscriptionId"), props.get("id"), props.get("scope")):
                if isinstance(value, str):
                    found.add(value.lower() if ARM_SUBSCRIPTION.match(f"/subscriptions/{value}") else "")
                    found.add(arm_subscription(value) or "")
        try:
            scopes = values_at(resource.props, "scopes[].scopePath")
        except Malformed:
            scopes = []  # FLEET-PRV-002 reports it
        found.update(arm_subscription(value) or "" for value in scopes if isinstance(value, str))
    return frozenset(found - {""})


# Services whose ARNs name who acts or what code and keys are used, never where data goes: a role, key,
# certificate, parameter, image or layer of another account is not a destination (Lambda layers by ":layer:").
NOT_DATA_SERVICES = frozenset(
    {"iam", "sts", "kms", "organizations", "acm", "acm-pca", "ssm", "secretsmanager", "ecr", "cloudformation",
     "signer", "codeartifact", "codecommit", "codebuild", "servicecatalog", "imagebuilder", "license-manager"}
)  # fmt: skip


def arn_account(value: str) -> str | None:
    """The account an ARN names, if it names one."""
    match = _ARN.match(str(value))
    return match["account"] if match else None


def identity_arn(value: str) -> bool:
    """An ARN of who acts or what code and keys are used (a role, a key, a layer), not of where data goes."""
    match = _ARN_SERVICE.match(str(value))
    return match is not None and (match["service"] in NOT_DATA_SERVICES or ":layer:" in str(value))


def foreign_account(value: str, stack: Stack) -> str | None:
    """The AWS account a data service's ARN is in, when it is none of the stack's accounts (``aws_accounts``)."""
    account = arn_account(value)
    if account is None or not stack.aws_accounts or account in stack.aws_accounts or identity_arn(value):
        return None
    return account


def bucket_arn(reference: str) -> str:
    """An S3 ARN of objects under a prefix (``arn:aws:s3:::logs/vpc/``, a flow log's destination) names its
    bucket (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-arn-format.html)."""
    if reference.startswith("arn:aws:s3:::") and "/" in reference:
        return reference.split("/", 1)[0]
    return reference


def last_segment(reference: str) -> str:
    """The last segment of a path-like reference: s3://bucket/key, projects/p/datasets/d, /subscriptions/.../x."""
    text = reference.removeprefix("s3://").rstrip("/")
    if reference.startswith("s3://"):
        return text.split("/", 1)[0]
    return text.rsplit("/", 1)[-1].rsplit(":", 1)[-1]


GCP_PROJECT = "gcp:organizations/project:Project"


def project_numbers(resources: list[Resource]) -> dict[str, str]:
    """The stack's projects by number: a policy may name its project either way ("projects/{project_number}" or
    "projects/{project_id}", https://cloud.google.com/resource-manager/docs/organization-policy/creating-managing-policies)."""
    found = {}
    for project in (r for r in resources if r.type == GCP_PROJECT):
        number, project_id = project.props.get("number"), project.props.get("projectId")
        if isinstance(number, (str, int)) and str(number).isdigit() and isinstance(project_id, str):
            found[str(number)] = project_id
    return found


@dataclass
class Stack:
    resources: list[Resource]
    by_urn: dict[str, Resource]
    by_key: dict[str, list[Resource]]
    by_tail: dict[str, list[Resource]]
    opaque: list[tuple[Resource, Deferred]]  # resources with no name known at preview: any reference may be theirs
    # The GCP projects the stack works in (its providers' and resources' project): a path of another project
    # names something outside the stack.
    gcp_projects: frozenset[str] = frozenset()
    aws_accounts: frozenset[str] = frozenset()  # the AWS accounts the stack is in (aws_accounts)
    azure_subscriptions: frozenset[str] = frozenset()  # the Azure subscriptions it is in (azure_subscriptions)
    aws_organizations: frozenset[str] = frozenset()  # the AWS organizations it names (aws_organizations)
    gcp_domains: frozenset[str] = frozenset()  # the domains of its GCP users and groups (gcp_domains)

    @classmethod
    def index(cls, resources: list[Resource], own_accounts: Iterable[str] = ()) -> Stack:
        """The stack's resources by the keys they are named by; ``own_accounts``: AWS accounts the policy config
        says are the organization's, beside those the resources and providers are in."""
        by_key: dict[str, list[Resource]] = defaultdict(list)
        by_tail: dict[str, list[Resource]] = defaultdict(list)
        opaque = []
        for resource in resources:
            keys = names_of(resource)
            for key in keys:
                by_key[key].append(resource)
                by_tail[last_segment(key)].append(resource)
            unknown = [
                k for k in GENERIC_KEYS + KEY_PROPS.get(resource.type, ()) if isinstance(resource.props.get(k), Unknown)
            ]
            if unknown and not keys:
                opaque.append((resource, Deferred(resource.urn, unknown[0])))
        projects = frozenset(
            str(props["project"])
            for r in resources
            if r.type.startswith(("gcp:", "pulumi:providers:gcp"))
            for props in (r.props, r.provider_props)
            if isinstance(props.get("project"), str) and props.get("project")
        ) | frozenset(  # and the projects it creates
            str(r.props["projectId"]) for r in resources if r.type == GCP_PROJECT and r.props.get("projectId")
        )
        return cls(
            resources,
            {r.urn: r for r in resources},
            by_key,
            by_tail,
            opaque,
            projects,
            aws_accounts(resources) | frozenset(own_accounts),
            azure_subscriptions(resources),
            aws_organizations(resources),
            gcp_domains(resources),
        )

    def exact(self, reference: str, asking: Resource) -> Resource | None:
        """The resource this exact ARN, ID or name is of (never a guess by its last segment), or None."""
        reference = bucket_arn(reference)
        return next((r for r in self.by_key.get(reference, []) if r.urn != asking.urn), None)

    def dependencies(self, resource: Resource, key: str) -> list[Resource]:
        """The stack's resources the engine says a top-level input of ``resource`` came from (known at preview
        when the value itself is not)."""
        return [self.by_urn[u] for u in resource.depends.get(key, ()) if u in self.by_urn]

    def find_url(self, url: str, asking: Resource) -> Resource | None:
        """The resource of the stack that serves an HTTPS URL (its ``uri`` or ``url`` has the same host), or None:
        a URL names no region, so only a resource the stack manages can place it."""
        host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
        if not host:
            return None
        storage = AZURE_STORAGE_HOST.fullmatch(host)
        if storage is not None:
            # <account>.<service>.core.windows.net names the storage account
            # (https://learn.microsoft.com/azure/storage/common/storage-account-overview#standard-endpoints).
            return self.find(storage["account"], asking, AZURE_STORAGE_ACCOUNT)
        name, _, domain = host.partition(".")
        for type_ in AZURE_SERVICE_HOSTS.get(domain, ()):
            if (found := self.find(name, asking, type_)) is not None:
                return found
        database = AWS_DATABASE_HOST.fullmatch(host)
        if database is not None and (found := self.find(database["identifier"], asking)) is not None:
            return found
        if _is_ip(host):
            # An IP address names the resource that has it as its address (a Filestore instance's
            # networks[].ipAddresses[], a VM's networkInterfaces[].networkIp).
            owner = next((r for r in self.resources if r.urn != asking.urn and host in _addresses(r.props)), None)
            if owner is not None:
                return owner
        for resource in self.resources:
            if resource.urn == asking.urn:
                continue
            for value in _strings(resource.props):
                if "://" in value and (urlsplit(value).hostname or "").lower() == host:
                    return resource
                if value.lower() == host and "." in host:
                    return resource  # a host name output (an App Service's defaultHostName, hostNames[])
        return None

    def find(self, reference: str, asking: Resource, type_: str | None = None) -> Resource | None:
        """The resource a reference names, or None; Deferred when an unknown name might be it."""
        reference = bucket_arn(reference)
        candidates = [r for r in self.by_key.get(reference, []) if r.urn != asking.urn]
        if not candidates:
            tail = last_segment(reference)
            candidates = [r for r in self.by_tail.get(tail, []) if r.urn != asking.urn and r.package == asking.package]
            if (path := _GCP_PATH.search(reference)) is not None:
                # projects/p/topics/t names a topic of project p: not a bucket called t, nor another project's.
                foreign = self.gcp_projects and path["project"] not in self.gcp_projects
                candidates = [] if foreign else [r for r in candidates if _collection_of(r, path["collection"])]
        if not candidates and _CLUSTER_REFERENCE.search(reference):
            # A cluster the stack knows only as a fleet cluster component (an existing cluster, or one whose
            # cloud resource the reference does not name exactly): the component is the cluster.
            candidates = [r for r in self.by_tail.get(last_segment(reference), []) if r.type in FLEET_CLUSTERS]
        if type_:
            candidates = [r for r in candidates if r.type == type_]
        if candidates:
            return candidates[0]
        parent = arm_parent(reference)
        if parent is not None and type_ is None:
            # An ARM child the stack does not manage (an Event Hubs namespace's RootManageSharedAccessKey rule)
            # lives in its parent: https://learn.microsoft.com/azure/azure-resource-manager/templates/child-resource-name-type
            found = self.find(parent, asking)
            if found is not None:
                return found
        for resource, err in self.opaque:
            if resource.package == asking.package and (type_ is None or resource.type == type_):
                raise err
        return None


# A GCP resource path: projects/<project>/[locations/<l>/...]<collection>/<name>.
_GCP_PATH = re.compile(
    r"(?:^|/)projects/(?P<project>[a-z][a-z0-9-]{4,28}[a-z0-9])/(?:.*/)?(?P<collection>[a-zA-Z]+)/[^/]+$"
)


def _collection_of(resource: Resource, collection: str) -> bool:
    """Whether a GCP resource is of the collection a path names it in (topics: a Topic, buckets: a Bucket)."""
    if not resource.type.startswith("gcp:"):
        return True
    kind, plural = resource.type.rsplit(":", 1)[-1].lower(), collection.lower()
    if plural.endswith("ies"):
        singular = plural[:-3] + "y"  # repositories, policies
    elif plural.endswith(("sses", "xes")):
        singular = plural[:-2]  # addresses, indexes
    else:
        singular = plural.removesuffix("s")
    return singular in kind


def arm_parent(reference: str) -> str | None:
    """The ARM ID of the resource an ARM child ID is nested in (``.../namespaces/n/authorizationRules/r`` ->
    ``.../namespaces/n``; an extension resource ``<id>/providers/Microsoft.Insights/x/y`` -> ``<id>``), or None
    for a top-level resource, whose parent is its resource group and holds no data."""
    parts = reference.strip("/").split("/")
    if len(parts) < 8 or parts[0].lower() != "subscriptions" or "providers" not in (p.lower() for p in parts):
        return None
    parent = parts[:-2]
    if len(parent) >= 2 and parent[-2].lower() == "providers":
        parent = parent[:-2]  # an extension resource: its parent is the resource it extends
    if len(parent) <= 6 or parent[-2].lower() == "providers":
        return None  # up to /subscriptions/s/resourceGroups/rg/providers/NS: no resource left
    return "/" + "/".join(parent)


# Pointers hold no data: they name the storage a job reads or writes, and their home is that storage's.
# A DataSync location names a file server or object store on premises or in another cloud by its host name, or
# an AWS storage service by its ARN (https://docs.aws.amazon.com/datasync/latest/userguide/working-with-locations.html);
# a Data Factory dataset names its linked service, and a linked service the store by its endpoint URL or
# connection string (https://learn.microsoft.com/azure/data-factory/concepts-datasets-linked-services).
# The first path with a value is the one read.
QUICKSIGHT_HOSTS = (
    "aurora", "auroraPostgresql", "databricks", "mariaDb", "mysql", "oracle", "postgresql", "presto", "redshift",
    "snowflake", "spark", "sqlServer", "teradata",
)  # fmt: skip
STORAGE_OF: dict[str, tuple[tuple[str, str], ...]] = {
    "aws:datasync/nfsLocation:NfsLocation": (("serverHostname", "url"),),
    "aws:datasync/locationSmb:LocationSmb": (("serverHostname", "url"),),
    "aws:datasync/locationObjectStorage:LocationObjectStorage": (("serverHostname", "url"),),
    "aws:datasync/locationHdfs:LocationHdfs": (("nameNodes[].hostname", "url"),),
    "aws:datasync/locationAzureBlob:LocationAzureBlob": (("containerUrl", "url"),),
    "aws:datasync/efsLocation:EfsLocation": (("efsFileSystemArn", "arn"),),
    "aws:datasync/s3Location:S3Location": (("s3BucketArn", "arn"),),
    "aws:datasync/locationFsxLustre:LocationFsxLustre": (("fsxFilesystemArn", "arn"),),
    "aws:datasync/locationFsxOntapFileSystem:LocationFsxOntapFileSystem": (("fsxFilesystemArn", "arn"),),
    "aws:datasync/locationFsxWindows:LocationFsxWindows": (("fsxFilesystemArn", "arn"),),
    "aws:datasync/locationFsxOpenZfs:LocationFsxOpenZfs": (("fsxFilesystemArn", "arn"),),
    # A QuickSight data source names the database, warehouse or bucket its datasets read
    # (https://docs.aws.amazon.com/quicksight/latest/APIReference/API_DataSourceParameters.html).
    "aws:quicksight/dataSource:DataSource": (
        *((f"parameters.{engine}.host", "url") for engine in QUICKSIGHT_HOSTS),
        ("parameters.rds.instanceId", "ref"),
        ("parameters.redshift.clusterId", "ref"),
        ("parameters.s3.manifestFileLocation.bucket", "ref"),
        ("parameters.amazonElasticsearch.domain", "ref"),
        ("parameters.amazonOpensearch.domain", "ref"),
    ),
    "azure-native:datafactory:Dataset": (("properties.linkedServiceName.referenceName", "ref"),),
    "azure-native:datafactory:LinkedService": (
        ("properties.serviceEndpoint", "url"),
        ("properties.url", "url"),
        ("properties.accountEndpoint", "url"),
        ("properties.connectionString", "connection"),
    ),
}
# The host a connection string names: an Azure Storage account, a SQL server, a Cosmos DB endpoint.
_CONNECTION = re.compile(
    r"(?i)(?:^|;)\s*(?P<key>AccountName|Server|Data Source|Host|AccountEndpoint)\s*=\s*(?:tcp:)?(?P<value>[^;,]+)"
)


def connection_string_host(value: str) -> str | None:
    """The host a connection string names (Server=tcp:<host>,1433;...), None for a URL or any other text."""
    return connection_host(value) if "://" not in value else None


def connection_host(text: str) -> str | None:
    match = _CONNECTION.search(text)
    if match is None:
        return None
    if match["key"].lower() == "accountname":
        return f"https://{match['value'].strip()}.blob.core.windows.net"
    return match["value"].strip()


def _pointer_values(resource: Resource) -> tuple[str, str, list[Any]]:
    for path, reader in STORAGE_OF.get(resource.type, ()):
        try:
            values = resource_values(resource, path)
        except Malformed:
            return path, reader, []  # FLEET-PRV-002 reports it
        if values:
            return path, reader, values
    return "", "", []


def pointed(resource: Resource, stack: Stack) -> tuple[str, list[Resource]]:
    """The stack resources a pointer (``STORAGE_OF``) names, and the path it names them by."""
    path, reader, values = _pointer_values(resource)
    found = []
    for value in values:
        if isinstance(value, Unknown) or not isinstance(value, str):
            continue
        target = _pointer_target(resource, reader, value, stack)
        if target is not None:
            found.append(target)
    return path, found


def _pointer_target(resource: Resource, reader: str, value: str, stack: Stack) -> Resource | None:
    if reader == "connection":
        host = connection_host(value)
        return stack.find_url(host, resource) if host else None
    if reader == "url":
        return stack.find_url(value, resource)
    if reader == "ref":
        return stack.find(value, resource)
    return stack.exact(value, resource)


def storage_homes(resource: Resource, stack: Stack, seen: frozenset[str]) -> list[locations.Location] | str | None:
    """Where the storage a pointer (``STORAGE_OF``) names keeps its data; None when it is not a pointer, or the
    value is unknown at preview (its own region stands in until then)."""
    path, reader, values = _pointer_values(resource)
    if not values or any(isinstance(v, Unknown) or not isinstance(v, str) for v in values):
        return None
    found: list[locations.Location] = []
    for value in values:
        target = _pointer_target(resource, reader, value, stack)
        if target is not None and target.urn not in seen:
            homes = homes_of(target, stack, seen | {resource.urn})
            if isinstance(homes, str):
                return homes
            found += homes
            continue
        if reader == "ref":
            return f"the {path} it names ({value!r}) is not in this stack"
        address = connection_host(value) if reader == "connection" else value
        where = f"{path} of {resource.name!r}"
        direct = locations.read(resource.cloud or "", "arn" if reader == "arn" else "url", address or "", where)
        if not direct:
            return f"the storage it names ({path} {value!r}) is not in this stack and names no region"
        found += direct
    return found


def homes_of(resource: Resource, stack: Stack, seen: frozenset[str] = frozenset()) -> list[locations.Location] | str:
    """Where a resource keeps its data, following an inherited location; a reason when unknown."""
    if resource.type in STORAGE_OF and resource.urn not in seen and (stored := storage_homes(resource, stack, seen)):
        return stored
    entry = survey.entry(resource.type)
    if entry is None:
        return "its type is not in the residency survey"
    if entry.kind == "unplaceable":
        return "it keeps data at edge locations or undisclosed places"
    if entry.kind == "child" and resource.urn not in seen:
        parent = arm_parent_of(resource, stack)
        if parent is not None:
            return homes_of(parent, stack, seen | {resource.urn})
        if resource.type.startswith("gcp:") and (homes := _gcp_parent_homes(resource, stack, seen)):
            return homes
        bucket = resource.props.get("bucket")
        if resource.type.startswith("gcp:storage/") and isinstance(bucket, Unknown):
            made = stack.dependencies(resource, "bucket")
            if made:  # a bucket created in the same update, by the engine's dependency
                return homes_of(made[0], stack, seen | {resource.urn})
        if resource.type.startswith("gcp:storage/") and isinstance(bucket, str) and bucket:
            # A Cloud Storage object or ACL is kept in the bucket it names.
            holder = stack.find(bucket, resource)
            if holder is not None:
                return homes_of(holder, stack, seen | {resource.urn})
            return f"its bucket {bucket!r} is not in this stack"
    if entry.kind in ("global", "child"):
        return f"it is a {entry.kind} resource with no location of its own"
    home = locations.home(resource, entry)
    if home.inherit is not None and resource.urn not in seen and resource.type.startswith("azure-native:"):
        # A nested resource without a location of its own (a Cosmos DB container) is where its parent is.
        parent = arm_parent_of(resource, stack)
        if parent is not None and parent.type != RESOURCE_GROUP:
            return homes_of(parent, stack, seen | {resource.urn})
    if home.inherit is not None and resource.urn not in seen:
        prop, value = home.inherit
        parent = stack.find(
            str(reference_text(value)), resource, RESOURCE_GROUP if prop == "resourceGroupName" else None
        )
        if parent is None:
            return f"its {prop} {value!r} is not in this stack"
        found = homes_of(parent, stack, seen | {resource.urn})
        if home.nearest and not isinstance(found, str):
            # GCP keeps it in the multi-region nearest its source, not in the source's own location.
            return [locations.nearest_multiregion(f"{prop} {parent.name!r}", h) for h in found]
        return found
    if home.missing:
        return home.missing
    return home.locations


def _gcp_parent_homes(resource: Resource, stack: Stack, seen: frozenset[str]) -> list[locations.Location] | str:
    # A string only when the parent's own home cannot be said (homes_of's reason).
    """Where a nested GCP resource's data lives: in the parent its path names (a FHIR store's ``dataset``,
    projects/p/locations/l/datasets/d), where that parent is in the stack, else at the location the path carries
    (https://cloud.google.com/apis/design/resource_names); nothing when no path names one."""
    for key, value in resource.props.items():
        if not isinstance(value, str) or not value.startswith("projects/") or key in ("id", "name"):
            continue
        parent = stack.find(value, resource)
        if parent is not None and parent.urn not in seen:
            return homes_of(parent, stack, seen | {resource.urn})
        if where := locations.gcp_path_location(value):
            return [locations.gcp_location(where, f"{key} of {resource.name!r}")]
    own = resource.props.get("id")
    where = locations.gcp_path_location(own) if isinstance(own, str) else None
    return [locations.gcp_location(where, f"id of {resource.name!r}")] if where else []


def entry_kind(resource: Resource) -> str | None:
    found = survey.entry(resource.type)
    return found.kind if found is not None else None


def arm_parent_of(resource: Resource, stack: Stack) -> Resource | None:
    """The resource a nested resource lives in: an ARM child names its parents by their names
    (``namespaceName``, ``serverName``; the resource group last, since the nearest parent has the
    location: https://learn.microsoft.com/azure/azure-resource-manager/templates/child-resource-name-type)."""
    own = {unconventional_name(resource), *arm_own_name(resource.type)}  # its own name names no parent
    keys = sorted((k for k in _path_names(resource) if k not in own), key=len)
    if entry_kind(resource) == "child":
        keys.append("name")  # the App Service children name their site by ``name`` (WebAppBackupConfiguration)
    for key in [*keys, "resourceGroupName"]:
        value = resource.props.get(key)
        if not isinstance(value, str) or not value:
            continue
        found = stack.find(value, resource, RESOURCE_GROUP if key == "resourceGroupName" else None)
        if found is not None and found.package == resource.package:
            return found
        if key != "resourceGroupName" and (found := _named_alike(resource, key, value, stack)) is not None:
            return found
    return None


# Inputs named ``...Name`` that name no resource of the path: addresses, labels, SKUs, accounts inside a machine.
NOT_PATH_NAMES = ("resourceGroupName", "hostName", "HostName", "domainName", "DomainName", "dnsName", "displayName",
                  "friendlyName", "computerName", "userName", "UserName", "skuName")  # fmt: skip


def _path_names(resource: Resource) -> set[str]:
    """The inputs that name a resource of the ARM path: its parents' names and its own."""
    return {k for k in resource.props if k.endswith("Name") and not k.endswith(NOT_PATH_NAMES)}


def _named_alike(resource: Resource, key: str, value: str, stack: Stack) -> Resource | None:
    """The parent whose own name input has the key the child names it by, when that is not the SDK's
    ``<type>Name`` convention (a SignalR service's and its replica's ``resourceName``): one resource of the
    same provider module, with fewer name inputs than the child (a parent's path is shorter)."""
    module = resource.type.split(":")[1]
    names = _path_names(resource)
    found = [
        r
        for r in stack.resources
        if r.urn != resource.urn
        and r.type.split(":")[1:2] == [module]
        and isinstance(r.props.get(key), str)  # a name unknown at preview is no parent's own yet
        and r.props.get(key) == value
        and len(_path_names(r)) < len(names)
    ]
    return found[0] if len(found) == 1 else None


# Kusto management commands (https://learn.microsoft.com/kusto/management/data-export/): an external table's storage
# connection strings, and the exports that write to storage URIs or to an external table.
_KUSTO_COMMAND = re.compile(r"(?m)^\s*(?=\.)")
_KUSTO_EXTERNAL = re.compile(r"(?is)^\.(?:create|alter|create-or-alter)\s+external\s+table\s+\[?'?(?P<name>[\w-]+)")
_KUSTO_EXPORT = re.compile(r"(?is)^\.(?:export|create\s+continuous-export|create-or-alter\s+continuous-export)\b")
_KUSTO_TO_TABLE = re.compile(r"(?is)\bto\s+table\s+\[?'?(?P<name>[\w-]+)")
_KUSTO_URI = re.compile(r"(?i)[hH]?@?['\"](?P<uri>(?:https?|abfss?)://[^'\";]+)")


def kusto_exports(script: str) -> list[str]:
    """The storage URIs a Kusto database script's export commands write to: the URIs an .export names, or the
    storage of the external table an export or continuous export writes to (which the script defines)."""
    commands = [c.strip() for c in _KUSTO_COMMAND.split(script) if c.strip().startswith(".")]
    tables: dict[str, list[str]] = {}
    for command in commands:
        if external := _KUSTO_EXTERNAL.match(command):
            tables[external["name"].lower()] = [m["uri"] for m in _KUSTO_URI.finditer(command)]
    found: list[str] = []
    for command in (c for c in commands if _KUSTO_EXPORT.match(c)):
        head = command.split("<|", 1)[0]
        if table := _KUSTO_TO_TABLE.search(head):
            found += tables.get(table["name"].lower(), [f"external table {table['name']}"])
        else:
            found += [m["uri"] for m in _KUSTO_URI.finditer(head)]
    return found


def openapi_backends(contents: str) -> list[str]:
    """The backend addresses an OpenAPI document names with x-google-backend, for the whole API and per operation
    (https://cloud.google.com/api-gateway/docs/openapi-overview); API Gateway takes the document base64-encoded."""
    text = contents
    with contextlib.suppress(ValueError, binascii.Error, UnicodeDecodeError):
        text = base64.b64decode(contents, validate=True).decode("utf-8")
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError:
        return []
    found: list[str] = []
    blocks = [document] if is_map(document) else []
    paths = as_map(document.get("paths")) if is_map(document) else {}
    for operations in paths.values():
        blocks += [o for o in operations.values() if is_map(o)] if is_map(operations) else []
    for block in blocks:
        backend = block.get("x-google-backend")
        address = backend.get("address") if is_map(backend) else None
        if isinstance(address, str) and address:
            found.append(address)
    return found


_ADDRESS_KEY = re.compile(r"(?i)^(ip_?addresses|ip_?address|network_?ip|private_?ip(_?address)?|ip)$")


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _addresses(value: Any, depth: int = 0, keyed: bool = False) -> set[str]:
    """The strings held under address keys (ipAddresses, networkIp, privateIpAddress, ...) anywhere in a resource's
    properties, a few levels down."""
    found: set[str] = set()
    if depth > 4:
        return found
    if isinstance(value, str):
        return {value} if keyed else found
    if is_map(value):
        for key, item in value.items():
            found |= _addresses(item, depth + 1, bool(_ADDRESS_KEY.match(str(key))))
    elif isinstance(value, list):
        for item in value:
            found |= _addresses(item, depth + 1, keyed)
    return found


def _strings(props: Any) -> Iterator[str]:
    """The resource's string values at the top level and one level down (``uri``, ``primaryEndpoints.blob``,
    ``hostNames[]``)."""
    for value in props.values() if is_map(props) else ():
        if isinstance(value, str):
            yield value
        elif is_map(value):
            yield from (v for v in value.values() if isinstance(v, str))
        elif isinstance(value, list):
            yield from (v for v in value if isinstance(v, str))


def outside_regime(homes: list[locations.Location], regime: Regime) -> list[locations.Location]:
    return [h for h in homes if not locations.inside(h, regime)]


def where(found: list[locations.Location]) -> str:
    return ", ".join(h.describe() for h in found)
