"""Cloud residency cases of the twenty-seventh outside corpus, written from cloud-provider documentation and the
pack's user-facing contract (docs/RULES.md, docs/SPEC.md, docs/REVIEW.md, README.md) by a helper session
that had not read the pack's rules, its residency survey, its configs or its tests. It must never be used
to tune the pack (see README.md beside it).

Cases are built with the ``Case``/``Stack`` API of ``tests/policies/corpus.py`` and the helpers of the
earlier outside corpora. A case asks only whether a correct pack denies it: ``expect="DENY"`` (some
mandatory violation) or nothing (compliant: no mandatory violation at all). Each cites the page its outcome
rests on; a comment above it says why it violates or complies. The resource or property that decides each
case is one none of the twenty-six earlier corpora used: the witness Region of a DynamoDB multi-Region strong
consistency global table (London is in the EU Region set), FSx for Lustre data repository associations that
export a file system to a bucket in another Region, ECR repository policies for another account or another
organization, Aurora cluster snapshots shared with another account or made public; Cloud Run services and jobs
whose Cloud SQL volumes name an instance in another region, Managed Service for Apache Kafka Cloud Storage sink
connectors, public generic Artifact Registry repositories, Firebase Security Rules for Cloud Storage; App
Service application settings that send telemetry to an Application Insights component (or Durable Functions
state to an AzureWebJobsStorage account) in another region, Azure Data Explorer database scripts that define a
continuous export to an external table, an Arc-enabled SQL Managed Instance whose Azure location is not where
its data lives; ACK ECR repository policies, Crossplane FSx data repository associations, ASO web apps'
application settings; SCPs whose deny exempts calls made through CloudFormation (``aws:CalledVia``) or sessions
with MFA, an SCP whose Statement is a single object, an SCP exemption written for assumed-role ARNs (which
aws:PrincipalArn never holds), a conditional denyAll rule beside gcp.resourceLocations' EEA values, and a policy
exemption of the "Allowed locations for resource groups" assignment only.

``UNKNOWN`` stands for a value the engine only learns at the update.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from tests.policies.corpus import GDPR, IE, NONE, UNKNOWN, Stack, secret
from tests.policies.outside.corpus import (
    ACCOUNT,
    GDPR_AWS,
    GLOBAL_SERVICES,
    PROJECT,
    RG,
    SUB,
    aks_guarded,
    aws,
    azure,
    custom_resource,
    eks_guarded,
    gcp,
    gcs_bucket,
    gke_guarded,
    operator,
    put,
    s3_bucket,
    scp,
)
from tests.policies.outside4.cloud import aso_rg
from tests.policies.outside11.cloud import OWN_ACCOUNT, depends, own_account_provider
from tests.policies.outside15.cloud import PARTNER_ACCOUNT
from tests.policies.outside25.cloud import ledger_group
from tests.policies.outside26.cloud import ORG_ID, org_provider
from tests.policies.outside27.common import case

Build = Callable[[Stack], None]
Obj = Callable[[Stack, str], str]

# Themes
AWS_COPIES = "aws-copies"
GCP_COPIES = "gcp-copies"
AZURE_COPIES = "azure-copies"
OUTSIDE = "outside-destinations"
DEFAULTS = "unset-location-defaults"
OPERATORS = "k8s-operators"
GUARDRAILS = "cloud-guardrails"
PREVIEW = "unknown-at-preview"
MALFORMED = "malformed"

IE_CONFIG = {"regimes": IE}  # a custom regime: Ireland only
PARTNER_ORG_ID = "o-7373tpa0000"  # another company's AWS organization (a claims administrator's)
TENANT_GDPR = {**GDPR, "fleet-tenant": "acme"}
CROSSPLANE_NONE = {"fleet-residency": "none", "fleet-tenant": "acme"}

# ============================================================================ AWS: copies
AWS_DOC = {
    "ddb-witness": "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-dynamodb-globaltable-globaltablewitness.html",
    "ddb-witness-data": "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTable.html",
    "ddb-global": "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html",
    "fsx-export": "https://docs.aws.amazon.com/fsx/latest/LustreGuide/autoexport-data-repo-dra.html",
    "fsx-dra": "https://docs.aws.amazon.com/fsx/latest/LustreGuide/create-dra-linked-data-repo.html",
}


def mrsc_table(
    replicas: list[str],
    witness: Any = "eu-west-3",
    tags: dict[str, str] | None = GDPR,
    default_tags: bool = False,
    new_key: bool = False,
) -> Build:
    """The claims ledger: a DynamoDB table in Ireland made a multi-Region strongly consistent global table with
    replicas in ``replicas`` and a witness in ``witness`` (None: no witness; anything else: globalTableWitness as
    given, a dict or list kept as is). ``default_tags``: the table carries no tags of its own and its provider's
    default tags declare GDPR; ``new_key``: it is encrypted with a KMS key created in this update (its ARN unknown)."""

    def build(s: Stack) -> None:
        if default_tags:
            provider = s.provider(
                "aws", "aws-ledger", region="eu-west-1", defaultTags={"tags": {"fleet-residency": "gdpr"}}
            )
        else:
            provider = aws(s)
        deps: list[str] = []
        extra: dict[str, Any] = {}
        if tags is not None:
            extra["tags"] = tags
        if witness is not None:
            extra["globalTableWitness"] = {"regionName": witness} if isinstance(witness, str) else witness
        key = ""
        if new_key:
            key = put(
                s,
                "aws:kms/key:Key",
                "claims-ledger-key",
                aws(s),
                description="claims ledger",
                enableKeyRotation=True,
                multiRegion=True,
                tags=GDPR,
            )
            deps.append(key)
            extra["serverSideEncryption"] = {"enabled": True, "kmsKeyArn": UNKNOWN}
        urn = put(
            s,
            "aws:dynamodb/table:Table",
            "claims-ledger",
            provider,
            deps=deps,
            name="claims-ledger",
            billingMode="PAY_PER_REQUEST",
            hashKey="claimId",
            attributes=[{"name": "claimId", "type": "S"}],
            streamEnabled=True,
            streamViewType="NEW_AND_OLD_IMAGES",
            replicas=[{"regionName": region, "consistencyMode": "STRONG"} for region in replicas],
            **extra,
        )
        if new_key:
            depends(s, urn, serverSideEncryption=[key])

    return build


# Violates: the witness keeps the replicated change data written to the table's replicas ("maintaining replicated
# change data written to global table replicas"), and it is in London; the EU Region set includes Europe (London),
# which is outside the EEA.
case("aws27-ddb-mrsc-witness-london", AWS_COPIES, "DENY", AWS_DOC["ddb-witness"])(
    mrsc_table(["eu-central-1"], "eu-west-2")
)
# Complies: replicas in Ireland and Frankfurt, the witness in Paris.
case("aws27-ddb-mrsc-witness-paris", AWS_COPIES, cite=AWS_DOC["ddb-witness"])(mrsc_table(["eu-central-1"], "eu-west-3"))
# Violates: the same London witness on a table without tags of its own; its provider's default tags declare GDPR.
case("aws27-ddb-mrsc-witness-london-provider-default-tags", AWS_COPIES, "DENY", AWS_DOC["ddb-witness-data"])(
    mrsc_table(["eu-central-1"], "eu-west-2", tags=None, default_tags=True)
)
# Complies: a strongly consistent global table with three replicas (Ireland, Paris, Frankfurt) and no witness.
case("aws27-ddb-mrsc-three-replicas-eea", AWS_COPIES, cite=AWS_DOC["ddb-global"])(
    mrsc_table(["eu-west-3", "eu-central-1"], None)
)

# --- FSx for Lustre: the sequencing scratch file system and its S3 data repository
FSX_ID = "fs-0a1b2c3d4e5f60718"
RESULTS = "sequencing-results"


def lustre(s: Stack, tags: dict[str, str]) -> str:
    """The clinical sequencing scratch file system (Ireland, Persistent 2): patients' genome reads and variant
    calls."""
    return put(
        s,
        "aws:fsx/lustreFileSystem:LustreFileSystem",
        "sequencing-scratch",
        aws(s),
        known={"id": FSX_ID, "arn": f"arn:aws:fsx:eu-west-1:{ACCOUNT}:file-system/{FSX_ID}"},
        storageCapacity=1200,
        subnetIds="subnet-0a1b2c3d4e5f60718",
        deploymentType="PERSISTENT_2",
        perUnitStorageThroughput=125,
        fileSystemTypeVersion="2.15",
        tags=tags,
    )


EXPORT_ALL = {"autoExportPolicy": {"events": ["NEW", "CHANGED", "DELETED"]}}


def fsx_export(
    bucket_region: str | None,
    s3: Any = None,
    tags: dict[str, str] = GDPR,
    new_bucket: bool = False,
    path: str | None = None,
    provider_region: bool = False,
) -> Build:
    """A data repository association (no tags of its own) linking /results of the sequencing file system (tagged
    ``tags``) to bucket sequencing-results in ``bucket_region`` (tagged as holding no regulated data; None: ``path``,
    a bucket the stack does not manage), exporting every new, changed and deleted file (``s3``: the s3 block as
    given). ``new_bucket``: the bucket is created in this update (its name unknown to the association);
    ``provider_region``: the bucket sets no Region of its own and is placed by its provider's."""

    def build(s: Stack) -> None:
        fs = lustre(s, tags)
        deps = [fs]
        target: Any = path or f"s3://{RESULTS}/runs/"
        bucket = ""
        if bucket_region is not None:
            if new_bucket:
                bucket = put(s, "aws:s3/bucket:Bucket", RESULTS, aws(s, bucket_region), tags=dict(NONE))
                target = UNKNOWN
            elif provider_region:
                bucket = put(
                    s,
                    "aws:s3/bucket:Bucket",
                    RESULTS,
                    aws(s, bucket_region),
                    known={"id": RESULTS, "arn": f"arn:aws:s3:::{RESULTS}"},
                    bucket=RESULTS,
                    tags=dict(NONE),
                )
            else:
                bucket = s3_bucket(s, RESULTS, bucket_region, dict(NONE))
            deps.append(bucket)
        urn = put(
            s,
            "aws:fsx/dataRepositoryAssociation:DataRepositoryAssociation",
            "sequencing-results-link",
            aws(s),
            deps=deps,
            fileSystemId=FSX_ID,
            fileSystemPath="/results",
            dataRepositoryPath=target,
            batchImportMetaDataOnCreate=False,
            s3=EXPORT_ALL if s3 is None else s3,
        )
        if new_bucket:
            depends(s, urn, dataRepositoryPath=[bucket])

    return build


# Violates: every result file written to /results is exported to a bucket in N. Virginia ("You can export to a data
# repository that is in the same AWS Region as the file system or in a different AWS Region").
case("aws27-fsx-dra-export-virginia", AWS_COPIES, "DENY", AWS_DOC["fsx-export"])(fsx_export("us-east-1"))
# Complies: the linked bucket is in Frankfurt.
case("aws27-fsx-dra-export-frankfurt", AWS_COPIES, cite=AWS_DOC["fsx-export"])(fsx_export("eu-central-1"))
# Violates: the file system holds an Ireland-only tenant's data (custom regime ie); the Frankfurt bucket is in
# Germany.
case("aws27-fsx-dra-export-frankfurt-ireland-regime", AWS_COPIES, "DENY", AWS_DOC["fsx-export"], config=IE_CONFIG)(
    fsx_export("eu-central-1", tags={"fleet-residency": "ie"})
)
# Complies: the file system holds no regulated data (tagged none, no stack regime); its exports may go to
# N. Virginia.
case("aws27-fsx-dra-export-virginia-unregulated-file-system", AWS_COPIES, cite=AWS_DOC["fsx-export"])(
    fsx_export("us-east-1", tags=dict(NONE))
)


# ============================================================================ GCP: copies
GCP_DOC = {
    "run-sql": "https://cloud.google.com/sql/docs/postgres/connect-run",
    "sql-locations": "https://cloud.google.com/sql/docs/postgres/instance-locations",
    "kafka-gcs": "https://cloud.google.com/managed-service-for-apache-kafka/docs/connect-cluster/create-cloud-storage-connector",
    "gcs-locations": "https://cloud.google.com/storage/docs/locations",
}
SQL_REGIONS = {
    "europe-west3": "claims-db",
    "europe-west4": "claims-db-nl",
    "us-central1": "claims-db-us",
    "europe-west2": "claims-db-uk",
}


def connection(region: str) -> str:
    return f"{PROJECT}:{region}:{SQL_REGIONS[region]}"


def sql_instance(s: Stack, region: str, new: bool = False) -> str:
    """A Cloud SQL for PostgreSQL instance in ``region``, labelled as holding no regulated data."""
    name = SQL_REGIONS[region]
    return put(
        s,
        "gcp:sql/databaseInstance:DatabaseInstance",
        name,
        gcp(s, region),
        known=None
        if new
        else {"id": name, "connectionName": connection(region), "selfLink": f"projects/{PROJECT}/instances/{name}"},
        name=name,
        project=PROJECT,
        region=region,
        databaseVersion="POSTGRES_16",
        deletionProtection=True,
        settings={"tier": "db-custom-2-7680", "userLabels": {"fleet-residency": "none"}},
    )


def run_cloudsql(
    regions: list[str],
    job: bool = False,
    new: bool = False,
    unmanaged: str | None = None,
    volume: Any = None,
) -> Build:
    """The claims intake Cloud Run service (Frankfurt, labelled GDPR; or, with ``job``, the nightly claims import
    job) stores every claim it receives in the Cloud SQL instances its Cloud SQL volume names: one per region of
    ``regions``, all of the stack (``unmanaged``: a connection name of an instance the stack does not manage).
    ``new``: the instances are created in this update (their connection names unknown); ``volume``: the volume's
    cloudSqlInstance as given."""

    def build(s: Stack) -> None:
        deps = [sql_instance(s, region, new) for region in regions]
        names: list[Any] = [UNKNOWN if new else connection(region) for region in regions]
        if unmanaged is not None:
            names.append(unmanaged)
        sql = {"instances": names} if volume is None else volume
        container = {
            "image": f"europe-west3-docker.pkg.dev/{PROJECT}/claims/intake:4.1.0",
            "volumeMounts": [{"name": "cloudsql", "mountPath": "/cloudsql"}],
        }
        template = {
            "serviceAccount": f"claims-intake@{PROJECT}.iam.gserviceaccount.com",
            "containers": [container],
            "volumes": [{"name": "cloudsql", "cloudSqlInstance": sql}],
        }
        if job:
            urn = put(
                s,
                "gcp:cloudrunv2/job:Job",
                "claims-import",
                gcp(s),
                deps=deps,
                name="claims-import",
                location="europe-west3",
                project=PROJECT,
                labels=GDPR,
                template={"taskCount": 1, "template": template},
            )
        else:
            urn = put(
                s,
                "gcp:cloudrunv2/service:Service",
                "claims-intake",
                gcp(s),
                deps=deps,
                name="claims-intake",
                location="europe-west3",
                project=PROJECT,
                ingress="INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER",
                labels=GDPR,
                template=template,
            )
        if new:
            depends(s, urn, template=deps)

    return build


# Violates: the service writes every claim into a Cloud SQL instance in Iowa (the connection name's location).
case("gcp27-run-cloudsql-iowa", GCP_COPIES, "DENY", GCP_DOC["run-sql"])(run_cloudsql(["us-central1"]))
# Complies: the instance is in Frankfurt.
case("gcp27-run-cloudsql-frankfurt", GCP_COPIES, cite=GCP_DOC["run-sql"])(run_cloudsql(["europe-west3"]))
# Violates: the volume names two instances, Frankfurt and London; claims reach the London one too.
case("gcp27-run-cloudsql-frankfurt-and-london", GCP_COPIES, "DENY", GCP_DOC["sql-locations"])(
    run_cloudsql(["europe-west3", "europe-west2"])
)
# Complies: both instances are in the EEA (Frankfurt, the Netherlands).
case("gcp27-run-cloudsql-two-eea-instances", GCP_COPIES, cite=GCP_DOC["run-sql"])(
    run_cloudsql(["europe-west3", "europe-west4"])
)
# Violates: the nightly import job (a Cloud Run job) loads the claims into the instance in Iowa.
case("gcp27-run-job-cloudsql-iowa", GCP_COPIES, "DENY", GCP_DOC["run-sql"])(run_cloudsql(["us-central1"], job=True))

# --- Managed Service for Apache Kafka: a Cloud Storage sink connector archives the claims events topic
KAFKA = f"projects/{PROJECT}/locations/europe-west3/clusters/claims-events"
CONNECT = f"projects/{PROJECT}/locations/europe-west3/connectClusters/claims-connect"
ARCHIVE_BUCKET = "claims-events-archive"


def kafka_sink(
    bucket_location: str | None,
    labels: dict[str, str] = GDPR,
    new_bucket: bool = False,
    bucket: str = ARCHIVE_BUCKET,
    configs: Any = None,
) -> Build:
    """The claims events Kafka cluster (Frankfurt, labelled ``labels``) and its Connect cluster, whose Cloud Storage
    sink connector archives topic claims.submitted into ``bucket`` in ``bucket_location`` (labelled as holding no
    regulated data; None: a bucket the stack does not manage). ``new_bucket``: the bucket is created in this
    update (its name unknown to the connector); ``configs``: the connector's configs as given."""

    def build(s: Stack) -> None:
        cluster = put(
            s,
            "gcp:managedkafka/cluster:Cluster",
            "claims-events",
            gcp(s),
            known={"id": KAFKA},
            clusterId="claims-events",
            location="europe-west3",
            project=PROJECT,
            capacityConfig={"vcpuCount": "3", "memoryBytes": "3221225472"},
            gcpConfig={
                "accessConfig": {
                    "networkConfigs": [{"subnet": f"projects/{PROJECT}/regions/europe-west3/subnetworks/claims"}]
                }
            },
            labels=labels,
        )
        connect = put(
            s,
            "gcp:managedkafka/connectCluster:ConnectCluster",
            "claims-connect",
            gcp(s),
            deps=[cluster],
            known={"id": CONNECT},
            connectClusterId="claims-connect",
            kafkaCluster=KAFKA,
            location="europe-west3",
            project=PROJECT,
            capacityConfig={"vcpuCount": "3", "memoryBytes": "3221225472"},
            gcpConfig={
                "accessConfig": {
                    "networkConfigs": [
                        {"primarySubnet": f"projects/{PROJECT}/regions/europe-west3/subnetworks/claims-connect"}
                    ]
                }
            },
            labels=labels,
        )
        deps = [connect]
        sink = ""
        if bucket_location is not None:
            if new_bucket:
                sink = put(
                    s,
                    "gcp:storage/bucket:Bucket",
                    bucket,
                    gcp(s),
                    name=bucket,
                    location=bucket_location,
                    uniformBucketLevelAccess=True,
                    labels={"fleet-residency": "none"},
                )
            else:
                sink = gcs_bucket(s, bucket, bucket_location, {"fleet-residency": "none"})
            deps.append(sink)
        urn = put(
            s,
            "gcp:managedkafka/connector:Connector",
            "claims-archive-sink",
            gcp(s),
            deps=deps,
            connectorId="claims-archive-sink",
            connectCluster="claims-connect",
            location="europe-west3",
            project=PROJECT,
            configs={
                "connector.class": "io.aiven.kafka.connect.gcs.GcsSinkConnector",
                "tasks.max": "3",
                "topics": "claims.submitted",
                "gcs.bucket.name": UNKNOWN if new_bucket else bucket,
                "file.name.prefix": "claims/",
                "format.output.type": "jsonl",
                "value.converter": "org.apache.kafka.connect.json.JsonConverter",
                "value.converter.schemas.enable": "false",
            }
            if configs is None
            else configs,
        )
        if new_bucket:
            depends(s, urn, configs=[sink])

    return build


# Violates: the connector writes every claims.submitted message (the claim as submitted) into a bucket in the US
# multi-region.
case("gcp27-kafka-gcs-sink-us", GCP_COPIES, "DENY", GCP_DOC["kafka-gcs"])(kafka_sink("US"))
# Complies: the archive bucket is in the EU multi-region.
case("gcp27-kafka-gcs-sink-eu", GCP_COPIES, cite=GCP_DOC["kafka-gcs"])(kafka_sink("EU"))
# Violates: the archive bucket is in Zurich (europe-west6); Switzerland is not in the EEA.
case("gcp27-kafka-gcs-sink-zurich", GCP_COPIES, "DENY", GCP_DOC["gcs-locations"])(kafka_sink("EUROPE-WEST6"))
# Complies: the Kafka cluster and its Connect cluster hold no regulated data (labelled none, no stack regime); the US
# archive is not held to a regime.
case("gcp27-kafka-gcs-sink-us-unregulated", GCP_COPIES, cite=GCP_DOC["kafka-gcs"])(
    kafka_sink("US", labels={"fleet-residency": "none"})
)


# ============================================================================ Azure: copies
AZ_DOC = {
    "ai-connection": "https://learn.microsoft.com/en-us/azure/azure-monitor/app/connection-strings",
    "webjobs-storage": "https://learn.microsoft.com/en-us/azure/azure-functions/functions-app-settings#azurewebjobsstorage",
    "task-hubs": "https://learn.microsoft.com/en-us/azure/azure-functions/durable/durable-functions-task-hubs",
    "continuous-export": "https://learn.microsoft.com/en-us/kusto/management/data-export/continuous-data-export",
    "external-table": "https://learn.microsoft.com/en-us/kusto/management/external-tables-azure-storage",
    "kusto-script": "https://learn.microsoft.com/en-us/azure/data-explorer/database-script",
}
AI_KEYS = {
    "eastus": "5d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6",
    "westeurope": "0f9e8d7c-6b5a-4c3d-9e2f-1a0b9c8d7e6f",
}
AI_HOSTS = {"eastus": "eastus-8", "westeurope": "westeurope-5"}


def ai_connection(location: str, key: str | None = None) -> str:
    return (
        f"InstrumentationKey={key or AI_KEYS[location]};"
        f"IngestionEndpoint=https://{AI_HOSTS[location]}.in.applicationinsights.azure.com/;"
        f"LiveEndpoint=https://{location}.livediagnostics.monitor.azure.com/"
    )


def app_insights(s: Stack, location: str, new: bool = False) -> str:
    """The claims portal's Application Insights component (workspace-based) in ``location``, tagged as holding no
    regulated data."""
    workspace_id = f"{RG}/Microsoft.OperationalInsights/workspaces/claims-telemetry-{location}"
    workspace = put(
        s,
        "azure-native:operationalinsights:Workspace",
        f"claims-telemetry-{location}",
        azure(s, location),
        known={"id": workspace_id},
        resourceGroupName="ledger",
        workspaceName=f"claims-telemetry-{location}",
        location=location,
        sku={"name": "PerGB2018"},
        retentionInDays=90,
        tags=dict(NONE),
    )
    return put(
        s,
        "azure-native:applicationinsights:Component",
        f"claims-portal-ai-{location}",
        azure(s, location),
        deps=[workspace],
        known=None
        if new
        else {
            "id": f"{RG}/Microsoft.Insights/components/claims-portal-ai-{location}",
            "instrumentationKey": AI_KEYS[location],
            "connectionString": ai_connection(location),
        },
        resourceGroupName="ledger",
        resourceName=f"claims-portal-ai-{location}",
        location=location,
        kind="web",
        applicationType="web",
        workspaceResourceId=workspace_id,
        tags=dict(NONE),
    )


def web_app(s: Stack, name: str, kind: str, tags: dict[str, str], site_config: Any = None) -> str:
    return put(
        s,
        "azure-native:web:WebApp",
        name,
        azure(s),
        known={"id": f"{RG}/Microsoft.Web/sites/{name}", "defaultHostName": f"{name}.azurewebsites.net"},
        resourceGroupName="ledger",
        name=name,
        location="westeurope",
        kind=kind,
        serverFarmId=f"{RG}/Microsoft.Web/serverfarms/claims-plan",
        httpsOnly=True,
        siteConfig={"minTlsVersion": "1.2", "ftpsState": "Disabled"} if site_config is None else site_config,
        tags=tags,
    )


def portal_telemetry(
    location: str | None,
    tags: dict[str, str] = GDPR,
    new: bool = False,
    connection_string: str | None = None,
    properties: Any = None,
) -> Build:
    """The claims portal (App Service, West Europe, tagged ``tags``), whose application settings send its
    telemetry (requests with claim numbers, exceptions with the claim being processed, custom events) to the
    Application Insights component in ``location`` (None: ``connection_string``, a component the stack does not
    manage). ``new``: the component is created in this update (its connection string unknown); ``properties``:
    the settings as given."""

    def build(s: Stack) -> None:
        app = web_app(s, "claims-portal", "app", tags)
        deps = [app]
        value: Any = connection_string
        component = ""
        if location is not None:
            component = app_insights(s, location, new)
            deps.append(component)
            value = UNKNOWN if new else ai_connection(location)
        urn = put(
            s,
            "azure-native:web:WebAppApplicationSettings",
            "claims-portal-settings",
            azure(s),
            deps=deps,
            name="claims-portal",
            resourceGroupName="ledger",
            properties={
                "APPLICATIONINSIGHTS_CONNECTION_STRING": value,
                "ApplicationInsightsAgent_EXTENSION_VERSION": "~3",
                "WEBSITE_RUN_FROM_PACKAGE": "1",
            }
            if properties is None
            else properties,
        )
        if new:
            depends(s, urn, properties=[component])

    return build


# Violates: the portal's telemetry goes to a component (and its workspace) in East US; the connection string's
# ingestion endpoint names the region too.
case("az27-webapp-appinsights-east-us", AZURE_COPIES, "DENY", AZ_DOC["ai-connection"])(portal_telemetry("eastus"))
# Complies: the component is in West Europe.
case("az27-webapp-appinsights-west-europe", AZURE_COPIES, cite=AZ_DOC["ai-connection"])(portal_telemetry("westeurope"))
# Complies: the portal holds no regulated data (tagged none, no stack regime); its telemetry may go to East US.
case("az27-webapp-appinsights-east-us-unregulated-app", AZURE_COPIES, cite=AZ_DOC["ai-connection"])(
    portal_telemetry("eastus", tags=dict(NONE))
)

# --- Durable Functions state in AzureWebJobsStorage
STATE_ACCOUNTS = {"eastus": "claimsfnstateeus", "westeurope": "claimsfnstateweu", "uksouth": "claimsfnstateuks"}
ACCOUNT_KEY = "q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c2v3b4n5m6q7w8e9r0t1y2u3i4o5p6a7s8d9f0g1h2==="


def state_account(s: Stack, location: str, new: bool = False) -> str:
    name = STATE_ACCOUNTS[location]
    return put(
        s,
        "azure-native:storage:StorageAccount",
        name,
        azure(s, location),
        known=None
        if new
        else {
            "id": f"{RG}/Microsoft.Storage/storageAccounts/{name}",
            "primaryEndpoints": {
                "blob": f"https://{name}.blob.core.windows.net/",
                "queue": f"https://{name}.queue.core.windows.net/",
                "table": f"https://{name}.table.core.windows.net/",
            },
        },
        resourceGroupName="ledger",
        accountName=name,
        location=location,
        kind="StorageV2",
        sku={"name": "Standard_LRS"},
        allowBlobPublicAccess=False,
        minimumTlsVersion="TLS1_2",
        tags=dict(NONE),
    )


def storage_connection(name: str) -> str:
    return f"DefaultEndpointsProtocol=https;AccountName={name};AccountKey={ACCOUNT_KEY};EndpointSuffix=core.windows.net"


def claims_orchestrator(
    location: str | None, new: bool = False, site_config: Any = None, unmanaged: str | None = None
) -> Build:
    """The claims settlement orchestrator (a Durable Functions app in West Europe, tagged GDPR): its task hub, the
    orchestrations' inputs, outputs and history (the claims being settled), lives in the AzureWebJobsStorage account
    in ``location`` (tagged as holding no regulated data; None: ``unmanaged``, an account the stack does not
    manage). ``new``: the account is created in this update (its connection string unknown); ``site_config``: the
    function app's siteConfig as given."""

    def build(s: Stack) -> None:
        app = web_app(s, "claims-settlement", "functionapp,linux", GDPR, site_config)
        deps = [app]
        account = ""
        if location is not None:
            account = state_account(s, location, new)
            deps.append(account)
            value: Any = UNKNOWN if new else secret(storage_connection(STATE_ACCOUNTS[location]))
        else:
            value = secret(storage_connection(unmanaged or ""))
        urn = put(
            s,
            "azure-native:web:WebAppApplicationSettings",
            "claims-settlement-settings",
            azure(s),
            deps=deps,
            name="claims-settlement",
            resourceGroupName="ledger",
            properties={
                "FUNCTIONS_EXTENSION_VERSION": "~4",
                "FUNCTIONS_WORKER_RUNTIME": "python",
                "AzureWebJobsStorage": value,
            },
        )
        if new:
            depends(s, urn, properties=[account])

    return build


# Violates: the orchestrations' state (inputs, outputs, history) is kept in a storage account in East US.
case("az27-function-webjobs-storage-east-us", AZURE_COPIES, "DENY", AZ_DOC["task-hubs"])(claims_orchestrator("eastus"))
# Complies: the storage account is in West Europe.
case("az27-function-webjobs-storage-west-europe", AZURE_COPIES, cite=AZ_DOC["webjobs-storage"])(
    claims_orchestrator("westeurope")
)
# Violates: the storage account is in UK South, outside the EEA.
case("az27-function-webjobs-storage-uk-south", AZURE_COPIES, "DENY", AZ_DOC["task-hubs"])(
    claims_orchestrator("uksouth")
)

# --- Azure Data Explorer: a database script that archives the claims table
ADX_ACCOUNTS = {
    "eastus": "claimsarchiveeus",
    "westeurope": "claimsarchiveweu",
    "switzerlandnorth": "claimsarchivechn",
}
CLAIMS_SCHEMA = "ClaimId:string, PolicyNumber:string, Insured:string, Address:string, Amount:real, FiledAt:datetime"


def adx_script(account: str, export: bool = True) -> str:
    """The script: an external table over ``account``'s container claims and, with ``export``, a continuous export
    of the Claims table into it every hour."""
    lines = [
        f".create-or-alter external table ClaimsArchive ({CLAIMS_SCHEMA})",
        "kind=storage",
        "dataformat=parquet",
        "(",
        f"    h@'https://{account}.blob.core.windows.net/claims;managed_identity=system'",
        ")",
    ]
    if export:
        lines += [
            "",
            ".create-or-alter continuous-export ClaimsToArchive",
            "over (Claims)",
            "to table ClaimsArchive",
            "with (intervalBetweenRuns=1h, managedIdentity='system')",
            "<| Claims",
        ]
    return "\n".join(lines) + "\n"


def adx_archive(
    location: str | None,
    export: bool = True,
    account: str | None = None,
    content: Any = None,
    new_account: bool = False,
) -> Build:
    """The claims analytics cluster (West Europe, tagged GDPR) and its database claims, with a database script
    that archives the Claims table to an external table in storage account ``ADX_ACCOUNTS[location]`` (tagged as
    holding no regulated data; None: ``account``, one the stack does not manage). ``export``: the script defines the
    continuous export (else only the external table); ``content``: scriptContent as given; ``new_account``: the
    storage account is created in this update (none of its outputs known)."""

    def build(s: Stack) -> None:
        cluster = put(
            s,
            "azure-native:kusto:Cluster",
            "claims-adx",
            azure(s),
            known={"id": f"{RG}/Microsoft.Kusto/clusters/claimsadx"},
            resourceGroupName="ledger",
            clusterName="claimsadx",
            location="westeurope",
            sku={"name": "Standard_E8ads_v5", "tier": "Standard", "capacity": 2},
            identity={"type": "SystemAssigned"},
            tags=GDPR,
        )
        database = put(
            s,
            "azure-native:kusto:ReadWriteDatabase",
            "claims-adx-db",
            azure(s),
            deps=[cluster],
            resourceGroupName="ledger",
            clusterName="claimsadx",
            databaseName="claims",
            kind="ReadWrite",
            location="westeurope",
            softDeletePeriod="P365D",
            hotCachePeriod="P31D",
        )
        deps = [cluster, database]
        name = account or ""
        if location is not None:
            name = ADX_ACCOUNTS[location]
            deps.append(
                put(
                    s,
                    "azure-native:storage:StorageAccount",
                    name,
                    azure(s, location),
                    known=None
                    if new_account
                    else {
                        "id": f"{RG}/Microsoft.Storage/storageAccounts/{name}",
                        "primaryEndpoints": {"blob": f"https://{name}.blob.core.windows.net/"},
                    },
                    resourceGroupName="ledger",
                    accountName=name,
                    location=location,
                    kind="StorageV2",
                    sku={"name": "Standard_LRS"},
                    isHnsEnabled=True,
                    allowBlobPublicAccess=False,
                    minimumTlsVersion="TLS1_2",
                    tags=dict(NONE),
                )
            )
        put(
            s,
            "azure-native:kusto:Script",
            "claims-archive-script",
            azure(s),
            deps=deps,
            resourceGroupName="ledger",
            clusterName="claimsadx",
            databaseName="claims",
            scriptName="claims-archive",
            scriptContent=adx_script(name, export) if content is None else content,
            continueOnErrors=False,
        )

    return build


# Violates: the continuous export writes the Claims table, every hour, to an external table in a storage account in
# East US.
case("az27-kusto-continuous-export-east-us", AZURE_COPIES, "DENY", AZ_DOC["continuous-export"])(adx_archive("eastus"))
# Complies: the external table's storage account is in West Europe.
case("az27-kusto-continuous-export-west-europe", AZURE_COPIES, cite=AZ_DOC["continuous-export"])(
    adx_archive("westeurope")
)
# Violates: the storage account is in Switzerland North, outside the EEA.
case("az27-kusto-continuous-export-switzerland", AZURE_COPIES, "DENY", AZ_DOC["external-table"])(
    adx_archive("switzerlandnorth")
)
# Complies: the script only defines the external table over the East US account (reference data the cluster
# queries); no command writes the claims to it.
case("az27-kusto-external-table-without-export-east-us", AZURE_COPIES, cite=AZ_DOC["external-table"])(
    adx_archive("eastus", export=False)
)


# ============================================================================ outside destinations
OUT_DOC = {
    "ecr-policies": "https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policy-examples.html",
    "principal-org": "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid",
    "aurora-share": "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBClusterSnapshotAttribute.html",
    "cluster-snapshot": "https://www.pulumi.com/registry/packages/aws/api-docs/rds/clustersnapshot/",
    "ar-public": "https://cloud.google.com/artifact-registry/docs/access-control",
    "ar-generic": "https://cloud.google.com/artifact-registry/docs/generic",
    "storage-rules": "https://firebase.google.com/docs/storage/security",
    "rules-insecure": "https://firebase.google.com/docs/rules/insecure-rules",
}
PULL = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"]


def ecr_policy(principal: str | None = None, org: str | None = None) -> str:
    """A repository policy letting ``principal`` (an IAM ARN) pull, or, with ``org``, every principal of that
    organization (Principal "*" bounded by aws:PrincipalOrgID)."""
    statement: dict[str, Any] = {"Sid": "ClaimsOcrPull", "Effect": "Allow", "Action": PULL}
    if org is not None:
        statement["Principal"] = "*"
        statement["Condition"] = {"StringEquals": {"aws:PrincipalOrgID": org}}
    else:
        statement["Principal"] = {"AWS": principal}
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


PARTNER_PULL = ecr_policy(f"arn:aws:iam::{PARTNER_ACCOUNT}:root")
OWN_PULL = ecr_policy(f"arn:aws:iam::{OWN_ACCOUNT}:role/claims-ocr-runner")


def ecr_share(policy: str, own_org: bool = False, own_account: bool = False, new_repository: bool = False) -> Build:
    """The claims OCR repository (Ireland, tagged GDPR: its images bundle the recognition model fine-tuned on
    scanned claims and the scans it is regression-tested against) and its repository policy ``policy``.
    ``own_org``: the stack creates our organization; ``own_account``: a provider of the stack names our second
    account; ``new_repository``: the repository is created in this update (its name unknown to the policy)."""

    def build(s: Stack) -> None:
        repository = put(
            s,
            "aws:ecr/repository:Repository",
            "claims-ocr",
            aws(s),
            known=None
            if new_repository
            else {
                "id": "claims-ocr",
                "arn": f"arn:aws:ecr:eu-west-1:{ACCOUNT}:repository/claims-ocr",
                "repositoryUrl": f"{ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/claims-ocr",
            },
            name="claims-ocr",
            imageTagMutability="IMMUTABLE",
            imageScanningConfiguration={"scanOnPush": True},
            tags=GDPR,
        )
        if own_org:
            put(
                s,
                "aws:organizations/organization:Organization",
                "org",
                org_provider(s),
                known={"id": ORG_ID, "masterAccountId": "999999999999", "roots": [{"id": "r-f1ee"}]},
                featureSet="ALL",
                enabledPolicyTypes=["SERVICE_CONTROL_POLICY"],
            )
        if own_account:
            own_account_provider(s)
        urn = put(
            s,
            "aws:ecr/repositoryPolicy:RepositoryPolicy",
            "claims-ocr-policy",
            aws(s),
            deps=[repository],
            repository=UNKNOWN if new_repository else "claims-ocr",
            policy=policy,
        )
        if new_repository:
            depends(s, urn, repository=[repository])

    return build


# Violates: another company's account (a claims administrator) may pull the images, and with them the scans, into
# any Region.
case("out27-ecr-policy-partner-account", OUTSIDE, "DENY", OUT_DOC["ecr-policies"])(ecr_share(PARTNER_PULL))
# Complies: the principal is a role in our second account, which a provider of the stack names.
case("out27-ecr-policy-own-account", OUTSIDE, cite=OUT_DOC["ecr-policies"])(ecr_share(OWN_PULL, own_account=True))
# Violates: every principal of another company's organization may pull (Principal "*" bounded by its
# aws:PrincipalOrgID).
case("out27-ecr-policy-partner-organization", OUTSIDE, "DENY", OUT_DOC["principal-org"])(
    ecr_share(ecr_policy(org=PARTNER_ORG_ID))
)
# Complies: the bound is our own organization, which the stack creates.
case("out27-ecr-policy-own-organization", OUTSIDE, cite=OUT_DOC["principal-org"])(
    ecr_share(ecr_policy(org=ORG_ID), own_org=True)
)

# --- Aurora cluster snapshots shared with other accounts
LEDGER_CLUSTER = "claims-ledger-pg"
LEDGER_KEY = "6f1e2d3c-4b5a-4968-8a7b-1c2d3e4f5a6b"


def aurora_snapshot(shared: Any) -> Build:
    """A manual snapshot of the claims Aurora PostgreSQL cluster (Ireland, tagged GDPR) shared with ``shared``
    (sharedAccounts as given). A provider of the stack names our second account. The cluster is encrypted with a
    customer managed key (a snapshot encrypted with the default AWS managed key cannot be shared), except when the
    snapshot is shared with "all", which RDS refuses for an encrypted snapshot."""

    def build(s: Stack) -> None:
        own_account_provider(s)
        public = isinstance(shared, list) and "all" in shared
        encryption: dict[str, Any] = (
            {"storageEncrypted": False}
            if public
            else {"storageEncrypted": True, "kmsKeyId": f"arn:aws:kms:eu-west-1:{ACCOUNT}:key/{LEDGER_KEY}"}
        )
        cluster = put(
            s,
            "aws:rds/cluster:Cluster",
            LEDGER_CLUSTER,
            aws(s),
            known={
                "id": LEDGER_CLUSTER,
                "arn": f"arn:aws:rds:eu-west-1:{ACCOUNT}:cluster:{LEDGER_CLUSTER}",
                "clusterIdentifier": LEDGER_CLUSTER,
            },
            clusterIdentifier=LEDGER_CLUSTER,
            engine="aurora-postgresql",
            engineVersion="16.4",
            masterUsername="claims_admin",
            manageMasterUserPassword=True,
            tags=GDPR,
            **encryption,
        )
        put(
            s,
            "aws:rds/clusterSnapshot:ClusterSnapshot",
            "claims-ledger-quarter-close",
            aws(s),
            deps=[cluster],
            dbClusterIdentifier=LEDGER_CLUSTER,
            dbClusterSnapshotIdentifier="claims-ledger-2025-q2-close",
            sharedAccounts=shared,
            tags=GDPR,
        )

    return build


# Violates: the snapshot is shared with another company's account, which may copy it to any Region.
case("out27-aurora-snapshot-shared-partner", OUTSIDE, "DENY", OUT_DOC["aurora-share"])(
    aurora_snapshot([PARTNER_ACCOUNT])
)
# Violates: "all" makes the snapshot public: every AWS account may copy or restore it (the cluster is unencrypted, as
# RDS requires for a public snapshot).
case("out27-aurora-snapshot-shared-all", OUTSIDE, "DENY", OUT_DOC["cluster-snapshot"])(aurora_snapshot(["all"]))
# Complies: the snapshot is shared with our second account only.
case("out27-aurora-snapshot-shared-own-account", OUTSIDE, cite=OUT_DOC["aurora-share"])(aurora_snapshot([OWN_ACCOUNT]))

# --- A generic Artifact Registry repository of claim exports


def ar_exports(member: str) -> Build:
    """The claims exports repository (generic format, Frankfurt, labelled GDPR: monthly exports of settled claims
    for the regulator, uploaded as versioned packages) and a reader grant to ``member``."""

    def build(s: Stack) -> None:
        repository = put(
            s,
            "gcp:artifactregistry/repository:Repository",
            "claims-exports",
            gcp(s),
            known={"id": f"projects/{PROJECT}/locations/europe-west3/repositories/claims-exports"},
            repositoryId="claims-exports",
            location="europe-west3",
            project=PROJECT,
            format="GENERIC",
            description="monthly exports of settled claims",
            labels=GDPR,
        )
        put(
            s,
            "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember",
            "claims-exports-reader",
            gcp(s),
            deps=[repository],
            project=PROJECT,
            location="europe-west3",
            repository="claims-exports",
            role="roles/artifactregistry.reader",
            member=member,
        )

    return build


# Violates: allUsers may download every export; the repository is public to the internet.
case("out27-ar-generic-repo-all-users", OUTSIDE, "DENY", OUT_DOC["ar-public"])(ar_exports("allUsers"))
# Violates: allAuthenticatedUsers is every Google account, anyone's.
case("out27-ar-generic-repo-all-authenticated-users", OUTSIDE, "DENY", OUT_DOC["ar-public"])(
    ar_exports("allAuthenticatedUsers")
)
# Complies: the reader is a service account of the stack's own project (the regulator reporting job).
case("out27-ar-generic-repo-project-service-account", OUTSIDE, cite=OUT_DOC["ar-generic"])(
    ar_exports(f"serviceAccount:claims-reporting@{PROJECT}.iam.gserviceaccount.com")
)

# --- Firebase Security Rules for Cloud Storage
PHOTOS = "claims-photos-eu"
STORAGE_RULESET = f"projects/{PROJECT}/rulesets/7c3e9a1b-5d2f-4e8a-b6c4-0d1e2f3a4b5c"
SIGNED_IN_READ = """rules_version = '2';
service firebase.storage {
  match /b/{bucket}/o {
    match /claims/{userId}/{photo} {
      allow read: if request.auth != null;
      allow write: if request.auth != null && request.auth.uid == userId;
    }
  }
}
"""
PUBLIC_READ = """rules_version = '2';
service firebase.storage {
  match /b/{bucket}/o {
    match /claims/{userId}/{photo} {
      allow read: if true;
      allow write: if request.auth != null && request.auth.uid == userId;
    }
  }
}
"""
OWNER_READ = """rules_version = '2';
service firebase.storage {
  match /b/{bucket}/o {
    match /claims/{userId}/{photo} {
      allow read, write: if request.auth != null && request.auth.uid == userId;
    }
  }
}
"""


def storage_rules(rules: str, source: Any = None) -> Build:
    """The claims app's photo bucket (Frankfurt, labelled GDPR: photos of damaged property, with the insured's
    home), linked to Firebase, and the Cloud Storage security rules released for it: ``rules`` (``source``: the
    ruleset's source as given)."""

    def build(s: Stack) -> None:
        bucket = gcs_bucket(s, PHOTOS, "EUROPE-WEST3", GDPR)
        linked = put(
            s,
            "gcp:firebase/storageBucket:StorageBucket",
            "claims-photos-firebase",
            gcp(s),
            deps=[bucket],
            project=PROJECT,
            bucketId=PHOTOS,
        )
        ruleset = put(
            s,
            "gcp:firebaserules/ruleset:Ruleset",
            "claims-photos-rules",
            gcp(s),
            deps=[linked],
            known={"id": STORAGE_RULESET, "name": STORAGE_RULESET},
            project=PROJECT,
            source={"files": [{"name": "storage.rules", "content": rules}]} if source is None else source,
        )
        put(
            s,
            "gcp:firebaserules/release:Release",
            "claims-photos-release",
            gcp(s),
            deps=[ruleset, linked],
            name=f"firebase.storage/{PHOTOS}",
            project=PROJECT,
            rulesetName=STORAGE_RULESET,
        )

    return build


# Violates: any signed-in user (anyone may sign up to the app) may read every claimant's photos.
case("out27-firebase-storage-rules-any-signed-in-read", OUTSIDE, "DENY", OUT_DOC["rules-insecure"])(
    storage_rules(SIGNED_IN_READ)
)
# Violates: "allow read: if true" lets anyone on the internet download every claimant's photos.
case("out27-firebase-storage-rules-public-read", OUTSIDE, "DENY", OUT_DOC["rules-insecure"])(storage_rules(PUBLIC_READ))
# Complies: only the claimant may read the photos in their own folder.
case("out27-firebase-storage-rules-owner-read", OUTSIDE, cite=OUT_DOC["storage-rules"])(storage_rules(OWNER_READ))


# ============================================================================ unset location defaults
DEF_DOC = {
    "s3-bucket-names": "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html",
    "s3-region": "https://www.pulumi.com/registry/packages/aws/how-to-guides/aws-enhanced-region-support",
    "kafka-gcs": "https://cloud.google.com/managed-service-for-apache-kafka/docs/connect-cluster/create-cloud-storage-connector",
    "sql-connection-name": "https://cloud.google.com/sql/docs/postgres/connect-run",
    "blob-endpoints": "https://learn.microsoft.com/en-us/azure/storage/common/storage-account-overview#standard-endpoints",
    "ai-connection": "https://learn.microsoft.com/en-us/azure/azure-monitor/app/connection-strings",
    "arc-custom-location": "https://learn.microsoft.com/en-us/azure/azure-arc/platform/conceptual-custom-locations",
    "arc-data": "https://learn.microsoft.com/en-us/azure/azure-arc/data/overview",
}

# Violates: the association exports to a bucket the stack does not manage; a bucket's name carries no Region.
case("def27-fsx-dra-bucket-unmanaged", DEFAULTS, "DENY", DEF_DOC["s3-bucket-names"])(
    fsx_export(None, path="s3://genomics-partner-drop/runs/")
)
# Complies: the bucket sets no Region of its own; its provider's is Frankfurt.
case("def27-fsx-dra-bucket-provider-region", DEFAULTS, cite=DEF_DOC["s3-region"])(
    fsx_export("eu-central-1", provider_region=True)
)
# Violates: the sink's bucket is no resource of the stack; its location cannot be read from its name.
case("def27-kafka-gcs-sink-bucket-unmanaged", DEFAULTS, "DENY", DEF_DOC["kafka-gcs"])(
    kafka_sink(None, bucket="claims-analytics-landing")
)
# Complies: the volume names an instance the stack does not manage, but its connection name carries its region,
# Frankfurt ({project}:{location}:{instance}).
case("def27-run-cloudsql-unmanaged-frankfurt", DEFAULTS, cite=DEF_DOC["sql-connection-name"])(
    run_cloudsql([], unmanaged=f"{PROJECT}:europe-west3:claims-legacy")
)
# Violates: the external table is in a storage account the stack does not manage; a blob endpoint names no region.
case("def27-kusto-export-storage-unmanaged", DEFAULTS, "DENY", DEF_DOC["blob-endpoints"])(
    adx_archive(None, account="claimsdatalakepartner")
)
# Complies: the component is not in the stack, but the connection string's ingestion endpoint is West Europe's.
case("def27-webapp-appinsights-unmanaged-west-europe", DEFAULTS, cite=DEF_DOC["ai-connection"])(
    portal_telemetry(None, connection_string=ai_connection("westeurope", "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f"))
)
# Violates: the component is not in the stack and the ingestion endpoint is East US's.
case("def27-webapp-appinsights-unmanaged-east-us", DEFAULTS, "DENY", DEF_DOC["ai-connection"])(
    portal_telemetry(None, connection_string=ai_connection("eastus", "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d"))
)

# Violates: the orchestrations' state is kept in a storage account the stack does not manage; an account name (and
# its blob, queue and table endpoints) names no region.
case("def27-function-webjobs-storage-unmanaged", DEFAULTS, "DENY", DEF_DOC["blob-endpoints"])(
    claims_orchestrator(None, unmanaged="claimsopsshared")
)

CUSTOM_LOCATION = f"{RG}/Microsoft.ExtendedLocation/customLocations/branch-dc"


def arc_sql(extended_location: Any = None) -> Build:
    """The claims branch database: an Azure Arc-enabled SQL Managed Instance (tagged GDPR) whose Azure resource is in
    West Europe and which runs on the Arc-enabled Kubernetes cluster behind custom location branch-dc
    (``extended_location``: extendedLocation as given)."""

    def build(s: Stack) -> None:
        group = ledger_group(s)
        put(
            s,
            "azure-native:azurearcdata:SqlManagedInstance",
            "claims-branch-sql",
            azure(s),
            deps=[group],
            resourceGroupName="ledger",
            sqlManagedInstanceName="claims-branch-sql",
            location="westeurope",
            extendedLocation={"name": CUSTOM_LOCATION, "type": "CustomLocation"}
            if extended_location is None
            else extended_location,
            properties={
                "admin": "claimsadmin",
                "licenseType": "LicenseIncluded",
                "dataControllerId": f"{RG}/Microsoft.AzureArcData/dataControllers/branch-dc",
            },
            sku={"name": "vCore", "tier": "GeneralPurpose"},
            tags=GDPR,
        )

    return build


# Violates: the instance's data lives on the cluster behind the custom location, which no Azure region places; its
# "location" is only where Azure keeps the resource's record.
case("def27-arc-sql-mi-custom-location", DEFAULTS, "DENY", DEF_DOC["arc-custom-location"])(arc_sql())


# ============================================================================ Kubernetes operators
OP_DOC = {
    "ack-ecr": "https://github.com/aws-controllers-k8s/ecr-controller/blob/main/config/crd/bases/ecr.services.k8s.aws_repositories.yaml",
    "ecr-policies": "https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policy-examples.html",
    "crossplane-dra": "https://marketplace.upbound.io/providers/upbound/provider-aws-fsx/latest/resources/fsx.aws.upbound.io/DataRepositoryAssociation/v1beta1",
    "fsx-export": "https://docs.aws.amazon.com/fsx/latest/LustreGuide/autoexport-data-repo-dra.html",
    "aso-web": "https://azure.github.io/azure-service-operator/reference/web/v1api20220301/",
    "ai-connection": "https://learn.microsoft.com/en-us/azure/azure-monitor/app/connection-strings",
}


def ack_repository(policy: str) -> Obj:
    return custom_resource(
        "ecr.services.k8s.aws/v1alpha1",
        "Repository",
        "acme-claims-ocr",
        "acme",
        {"name": "acme-claims-ocr", "imageTagMutability": "IMMUTABLE", "policy": policy},
        annotations={"services.k8s.aws/region": "eu-west-1"},
    )


# Violates: the GDPR tenant's ACK repository (Ireland) lets another company's account pull its images.
case("op27-ack-ecr-repository-policy-partner", OPERATORS, "DENY", OP_DOC["ecr-policies"])(
    operator(ack_repository(PARTNER_PULL))
)


def ack_repository_own(s: Stack, k8s: str) -> str:
    own_account_provider(s)
    return ack_repository(OWN_PULL)(s, k8s)


# Complies: the policy names a role of our second account, which a provider of the stack names.
case("op27-ack-ecr-repository-policy-own-account", OPERATORS, cite=OP_DOC["ack-ecr"])(operator(ack_repository_own))


def crossplane_dra(bucket_region: str) -> Build:
    """The GDPR tenant's Crossplane FSx for Lustre file system (Ireland), its Crossplane bucket acme-sequencing-results
    in ``bucket_region`` (labelled as holding no regulated data) and a data repository association exporting the
    file system's /results to it."""
    parts = [
        custom_resource(
            "s3.aws.upbound.io/v1beta1",
            "Bucket",
            "acme-sequencing-results",
            None,
            {"forProvider": {"region": bucket_region}, "providerConfigRef": {"name": "default"}},
            labels=CROSSPLANE_NONE,
        ),
        custom_resource(
            "fsx.aws.upbound.io/v1beta1",
            "LustreFileSystem",
            "acme-sequencing-scratch",
            None,
            {
                "forProvider": {
                    "region": "eu-west-1",
                    "storageCapacity": 1200,
                    "subnetIds": ["subnet-0a1b2c3d4e5f60718"],
                    "deploymentType": "PERSISTENT_2",
                    "perUnitStorageThroughput": 125,
                },
                "providerConfigRef": {"name": "default"},
            },
            labels=TENANT_GDPR,
        ),
        custom_resource(
            "fsx.aws.upbound.io/v1beta1",
            "DataRepositoryAssociation",
            "acme-sequencing-results-link",
            None,
            {
                "forProvider": {
                    "region": "eu-west-1",
                    "fileSystemIdRef": {"name": "acme-sequencing-scratch"},
                    "fileSystemPath": "/results",
                    "dataRepositoryPath": "s3://acme-sequencing-results/runs/",
                    "s3": [{"autoExportPolicy": [{"events": ["NEW", "CHANGED", "DELETED"]}]}],
                },
                "providerConfigRef": {"name": "default"},
            },
            labels=TENANT_GDPR,
        ),
    ]

    def make(s: Stack, k8s: str) -> str:
        return [part(s, k8s) for part in parts][-1]

    return operator(make)


# Violates: the tenant's Crossplane association exports its sequencing results to a Crossplane bucket in
# N. Virginia.
case("op27-crossplane-fsx-dra-export-virginia", OPERATORS, "DENY", OP_DOC["fsx-export"])(crossplane_dra("us-east-1"))
# Complies: the bucket is in Frankfurt.
case("op27-crossplane-fsx-dra-export-frankfurt", OPERATORS, cite=OP_DOC["crossplane-dra"])(
    crossplane_dra("eu-central-1")
)

ACME_RG = f"/subscriptions/{SUB}/resourceGroups/acme-rg/providers"


def aso_portal(component_location: str) -> Build:
    """The GDPR tenant's ASO web app (West Europe) whose application settings send its telemetry to its ASO
    Application Insights component in ``component_location`` (labelled as holding no regulated data)."""
    key = AI_KEYS[component_location]
    parts = [
        aso_rg("westeurope"),
        custom_resource(
            "insights.azure.com/v1api20200202",
            "Component",
            "acme-portal-telemetry",
            "acme",
            {
                "location": component_location,
                "kind": "web",
                "Application_Type": "web",
                "owner": {"name": "acme-rg"},
            },
            labels={"fleet-residency": "none"},
        ),
        custom_resource(
            "web.azure.com/v1api20220301",
            "Site",
            "acme-claims-portal",
            "acme",
            {
                "location": "westeurope",
                "owner": {"name": "acme-rg"},
                "serverFarmReference": {"armId": f"{ACME_RG}/Microsoft.Web/serverfarms/acme-plan"},
                "httpsOnly": True,
                "siteConfig": {
                    "appSettings": [
                        {
                            "name": "APPLICATIONINSIGHTS_CONNECTION_STRING",
                            "value": ai_connection(component_location, key),
                        },
                        {"name": "ApplicationInsightsAgent_EXTENSION_VERSION", "value": "~3"},
                    ]
                },
            },
        ),
    ]

    def make(s: Stack, k8s: str) -> str:
        return [part(s, k8s) for part in parts][-1]

    return operator(make, "azure-native")


# Violates: the tenant's portal sends its telemetry to a component in East US.
case("op27-aso-site-appinsights-east-us", OPERATORS, "DENY", OP_DOC["ai-connection"])(aso_portal("eastus"))
# Complies: the component is in West Europe.
case("op27-aso-site-appinsights-west-europe", OPERATORS, cite=OP_DOC["aso-web"])(aso_portal("westeurope"))


# ============================================================================ cloud guardrails
GRD_DOC = {
    "called-via": "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-calledvia",
    "statement": "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_statement.html",
    "mfa": "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent",
    "principal-arn": "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn",
    "conditional-rules": "https://cloud.google.com/resource-manager/docs/organization-policy/tags-organization-policy",
    "az-exemption": "https://learn.microsoft.com/en-us/azure/governance/policy/concepts/exemption-structure",
}

# Violates: the deny does not apply to requests CloudFormation makes on the caller's behalf (aws:CalledVia holds
# cloudformation.amazonaws.com), so anyone may create any resource in any Region through a stack.
case("grd27-aws-scp-exempts-calls-via-cloudformation", GUARDRAILS, "DENY", GRD_DOC["called-via"])(
    eks_guarded(scp(extra={"ForAllValues:StringNotEquals": {"aws:CalledVia": ["cloudformation.amazonaws.com"]}}))
)
SINGLE_STATEMENT = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": {
            "Sid": "DenyOutsideEEA",
            "Effect": "Deny",
            "NotAction": GLOBAL_SERVICES,
            "Resource": "*",
            "Condition": {"StringNotEquals": {"aws:RequestedRegion": GDPR_AWS}},
        },
    }
)
# Complies: the documented region deny, with its Statement written as a single object instead of a list ("The
# Statement element can contain a single statement or an array of individual statements").
case("grd27-aws-scp-statement-single-object", GUARDRAILS, cite=GRD_DOC["statement"])(eks_guarded(SINGLE_STATEMENT))


# Violates: the deny applies only to sessions without MFA ("aws:MultiFactorAuthPresent" false or absent); anyone who
# signs in with MFA may create resources in any Region.
case("grd27-aws-scp-deny-only-without-mfa", GUARDRAILS, "DENY", GRD_DOC["mfa"])(
    eks_guarded(scp(extra={"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}))
)
# Complies: the deny exempts principals whose aws:PrincipalArn is like arn:aws:sts::*:assumed-role/*; for a role
# session the key holds the role's ARN (arn:aws:iam::...:role/...), never an assumed-role ARN, so the exemption
# matches nobody and the deny applies to everyone.
case("grd27-aws-scp-exempts-assumed-role-arns", GUARDRAILS, cite=GRD_DOC["principal-arn"])(
    eks_guarded(scp(extra={"ArnNotLike": {"aws:PrincipalARN": ["arn:aws:sts::*:assumed-role/*"]}}))
)
SANDBOX_TAG = {"title": "sandbox", "expression": "resource.matchTag('123456789012/environment', 'sandbox')"}
# Complies: besides the unconditional EEA rule, a conditional rule denies every location to resources tagged
# environment=sandbox; a conditional denyAll only restricts further.
case("grd27-gcp-conditional-deny-all-rule", GUARDRAILS, cite=GRD_DOC["conditional-rules"])(
    gke_guarded(
        lambda s, org: put(
            s,
            "gcp:orgpolicy/policy:Policy",
            "locations",
            org,
            name=f"projects/{PROJECT}/policies/gcp.resourceLocations",
            parent=f"projects/{PROJECT}",
            spec={
                "inheritFromParent": False,
                "rules": [
                    {"values": {"allowedValues": ["in:europe-west3-locations", "in:europe-west4-locations"]}},
                    {"condition": SANDBOX_TAG, "denyAll": "TRUE"},
                ],
            },
        )
    )
)
# Complies: the exemption names only the "Allowed locations for resource groups" assignment; "Allowed locations",
# which decides where resources are created, still applies to the whole subscription.
case("grd27-azure-exemption-of-resource-group-assignment-only", GUARDRAILS, cite=GRD_DOC["az-exemption"])(
    aks_guarded(exemption="eea-rg-locations")
)


# ============================================================================ unknown at preview
# UNKNOWN is a value the engine only learns at the update. When the decision does not need it, the outcome is as if
# it were known; when the deciding value is the unknown one, a correct pack defers.
PRE_DOC = {
    "unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
    "policy-preview": "https://www.pulumi.com/docs/iac/using-pulumi/crossguard/best-practices/",
    "stack-references": "https://www.pulumi.com/docs/iac/concepts/stacks/#stackreferences",
}

# Violates: the results bucket is new (its name unknown to the association); it is created in N. Virginia.
case("pre27-fsx-dra-new-bucket-virginia", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    fsx_export("us-east-1", new_bucket=True)
)
# Complies at preview: the new bucket is created in Frankfurt.
case("pre27-fsx-dra-new-bucket-frankfurt", PREVIEW, cite=PRE_DOC["policy-preview"])(
    fsx_export("eu-central-1", new_bucket=True)
)
# Violates: the table's KMS key is new (its ARN unknown), but the London witness is known.
case("pre27-ddb-witness-london-new-key", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    mrsc_table(["eu-central-1"], "eu-west-2", new_key=True)
)
# Violates: the Cloud SQL instance is new (its connection name unknown to the service); it is created in Iowa.
case("pre27-run-cloudsql-new-instance-iowa", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    run_cloudsql(["us-central1"], new=True)
)
# Complies at preview: the new instance is created in Frankfurt.
case("pre27-run-cloudsql-new-instance-frankfurt", PREVIEW, cite=PRE_DOC["policy-preview"])(
    run_cloudsql(["europe-west3"], new=True)
)
# Violates: the archive bucket is new (its name unknown to the connector); it is created in the US multi-region.
case("pre27-kafka-sink-new-bucket-us", PREVIEW, "DENY", PRE_DOC["unknowns"])(kafka_sink("US", new_bucket=True))
# Complies at preview: the new bucket is created in the EU multi-region.
case("pre27-kafka-sink-new-bucket-eu", PREVIEW, cite=PRE_DOC["policy-preview"])(kafka_sink("EU", new_bucket=True))
# Violates: the component is new (its connection string unknown to the settings); it is created in East US.
case("pre27-webapp-appinsights-new-component-east-us", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    portal_telemetry("eastus", new=True)
)
# Complies at preview: the new component is created in West Europe.
case("pre27-webapp-appinsights-new-component-west-europe", PREVIEW, cite=PRE_DOC["policy-preview"])(
    portal_telemetry("westeurope", new=True)
)
# Complies at preview: the storage account is new (its connection string unknown); it is created in West Europe.
case("pre27-function-webjobs-new-account-west-europe", PREVIEW, cite=PRE_DOC["policy-preview"])(
    claims_orchestrator("westeurope", new=True)
)
# Violates: the storage account is new (none of its outputs known), but the script names it, and it is created in
# East US.
case("pre27-kusto-export-new-storage-east-us", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    adx_archive("eastus", new_account=True)
)
# Complies at preview: the accounts the snapshot is shared with come from another stack's outputs, unknown at
# preview and taken from no resource of this stack; the decision is deferred to the update.
case("pre27-aurora-snapshot-shared-accounts-deferred", PREVIEW, cite=PRE_DOC["stack-references"])(
    aurora_snapshot(UNKNOWN)
)
# Complies at preview: the script's content comes from another stack's outputs; the decision is deferred.
case("pre27-kusto-script-content-deferred", PREVIEW, cite=PRE_DOC["stack-references"])(
    adx_archive("westeurope", content=UNKNOWN)
)


# ============================================================================ malformed shapes
BAD_DOC = {
    "ddb-table": "https://www.pulumi.com/registry/packages/aws/api-docs/dynamodb/table/",
    "fsx-dra": "https://www.pulumi.com/registry/packages/aws/api-docs/fsx/datarepositoryassociation/",
    "cluster-snapshot": "https://www.pulumi.com/registry/packages/aws/api-docs/rds/clustersnapshot/",
    "run-service": "https://www.pulumi.com/registry/packages/gcp/api-docs/cloudrunv2/service/",
    "kafka-connector": "https://www.pulumi.com/registry/packages/gcp/api-docs/managedkafka/connector/",
    "ruleset": "https://www.pulumi.com/registry/packages/gcp/api-docs/firebaserules/ruleset/",
    "app-settings": "https://www.pulumi.com/registry/packages/azure-native/api-docs/web/webappapplicationsettings/",
    "kusto-script": "https://www.pulumi.com/registry/packages/azure-native/api-docs/kusto/script/",
    "web-app": "https://www.pulumi.com/registry/packages/azure-native/api-docs/web/webapp/",
    "bridge": "https://github.com/pulumi/pulumi-terraform-bridge/blob/master/pkg/tfbridge/schema.go",
}
PARIS = {"regionName": "eu-west-3"}

# Violates: globalTableWitness (one block) is a list of two blocks, both naming Paris.
case("mal27-ddb-witness-two-blocks", MALFORMED, "DENY", BAD_DOC["ddb-table"])(
    mrsc_table(["eu-central-1"], [PARIS, dict(PARIS)])
)
# Complies: globalTableWitness (a block the SDK flattens) as a one-item list naming Paris.
case("mal27-ddb-witness-one-item-list", MALFORMED, cite=BAD_DOC["bridge"])(mrsc_table(["eu-central-1"], [PARIS]))
# Violates: the association's s3 (one block) is a list of two blocks; the bucket is in Frankfurt.
case("mal27-fsx-dra-s3-two-blocks", MALFORMED, "DENY", BAD_DOC["fsx-dra"])(
    fsx_export("eu-central-1", s3=[EXPORT_ALL, {"autoExportPolicy": {"events": ["NEW", "CHANGED"]}}])
)
# Complies: s3.autoExportPolicy (a block the SDK flattens) as a one-item list; the bucket is in Frankfurt.
case("mal27-fsx-dra-auto-export-one-item-list", MALFORMED, cite=BAD_DOC["bridge"])(
    fsx_export("eu-central-1", s3={"autoExportPolicy": [{"events": ["NEW", "CHANGED", "DELETED"]}]})
)
# Violates: an item of sharedAccounts (account IDs) is an object naming our second account.
case("mal27-aurora-snapshot-shared-account-object", MALFORMED, "DENY", BAD_DOC["cluster-snapshot"])(
    aurora_snapshot([{"accountId": OWN_ACCOUNT}])
)
FRANKFURT_SQL = {"instances": [f"{PROJECT}:europe-west3:claims-db"]}
# Violates: the volume's cloudSqlInstance (one block) is a list of two blocks, both naming the Frankfurt instance.
case("mal27-run-cloudsql-two-blocks", MALFORMED, "DENY", BAD_DOC["run-service"])(
    run_cloudsql(["europe-west3"], volume=[FRANKFURT_SQL, dict(FRANKFURT_SQL)])
)
# Complies: cloudSqlInstance (a block the SDK flattens) as a one-item list naming the Frankfurt instance.
case("mal27-run-cloudsql-one-item-list", MALFORMED, cite=BAD_DOC["bridge"])(
    run_cloudsql(["europe-west3"], volume=[FRANKFURT_SQL])
)
# Violates: the connector's gcs.bucket.name (a string in the configs map) is an object naming the EU bucket.
case("mal27-kafka-configs-bucket-object", MALFORMED, "DENY", BAD_DOC["kafka-connector"])(
    kafka_sink(
        "EU",
        configs={
            "connector.class": "io.aiven.kafka.connect.gcs.GcsSinkConnector",
            "tasks.max": "3",
            "topics": "claims.submitted",
            "gcs.bucket.name": {"name": ARCHIVE_BUCKET},
        },
    )
)
OWNER_FILE = {"name": "storage.rules", "content": OWNER_READ}
# Violates: the ruleset's source (one block) is a list of two blocks, both with the owner-only rules.
case("mal27-firebase-rules-source-two-blocks", MALFORMED, "DENY", BAD_DOC["ruleset"])(
    storage_rules(OWNER_READ, source=[{"files": [OWNER_FILE]}, {"files": [dict(OWNER_FILE)]}])
)
# Violates: the settings' properties (a map) is a one-item list; the component is in West Europe (azure-native).
case("mal27-webapp-settings-properties-list", MALFORMED, "DENY", BAD_DOC["app-settings"])(
    portal_telemetry(
        "westeurope",
        properties=[{"APPLICATIONINSIGHTS_CONNECTION_STRING": ai_connection("westeurope")}],
    )
)
# Violates: scriptContent (a string) is a one-item list; the export goes to West Europe (azure-native).
case("mal27-kusto-script-content-list", MALFORMED, "DENY", BAD_DOC["kusto-script"])(
    adx_archive("westeurope", content=[adx_script(ADX_ACCOUNTS["westeurope"])])
)
# Violates: the function app's siteConfig (an object) is a one-item list; its state is in West Europe
# (azure-native).
case("mal27-function-site-config-list", MALFORMED, "DENY", BAD_DOC["web-app"])(
    claims_orchestrator("westeurope", site_config=[{"minTlsVersion": "1.2", "ftpsState": "Disabled"}])
)
