"""Cloud residency cases of the eighth outside corpus, written from cloud-provider documentation and the
pack's user-facing contract (docs/RULES.md, docs/SPEC.md, docs/REVIEW.md, README.md) by a helper session
that had not read the pack's rules, its residency survey, its configs or its tests. It must never be used
to tune the pack (see README.md beside it).

Cases are built with the ``Case``/``Stack`` API of ``tests/policies/corpus.py`` and the helpers of the
earlier outside corpora. A case asks only whether a correct pack denies it: ``expect="DENY"`` (some
mandatory violation) or nothing (compliant: no mandatory violation at all). Each cites the page its outcome
rests on; a comment above it says why it violates or complies. None repeats a service or situation of the
seven earlier corpora: these are DynamoDB global tables (version 2017.11.29, ``aws:dynamodb/globalTable``),
Aurora MySQL cross-Region read replica clusters (``replicationSourceIdentifier``), CloudTrail Lake event data
stores, OpenSearch Service domains; Backup for GKE restore plans, regional persistent disks, Cloud Run
functions (1st and 2nd gen), Vertex AI datasets, Dataform repositories; Azure SQL geo-restore
(``createMode: Recovery``), Azure AI Search, Azure Managed Grafana, App Service storage mounts; ACK
OpenSearch domains and MSK clusters, Crossplane Cloud Functions and Azure AI Search services, Config
Connector compute disks, ASO SQL servers; and an SCP for a Switzerland-only cluster.

``UNKNOWN`` stands for a value the engine only learns at the update.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.policies.corpus import GDPR, UNKNOWN, Stack, secret
from tests.policies.outside.corpus import (
    ACCOUNT,
    PROJECT,
    RG,
    _find,
    aws,
    az,
    azure,
    custom_resource,
    eks_guarded,
    gcp,
    gcs_bucket,
    put,
    scp,
)
from tests.policies.outside2.corpus import on_tenant
from tests.policies.outside4.cloud import retouch
from tests.policies.outside5.cloud import XP_REF, aso_rg, kcc
from tests.policies.outside7.cloud import account
from tests.policies.outside8.common import case

Build = Callable[[Stack], None]
Obj = Callable[[Stack, str], Any]

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

GDPR_STACK = {"stackRegime": "gdpr"}
CH_STACK = {"stackRegime": "ch"}
CH = {"fleet-residency": "ch"}
PARTNER_PROJECT = "claims-partner-prod"  # another company's project, outside this stack
SUBNETS = ["subnet-0c1d2e3f4a5b60718", "subnet-0d1e2f3a4b5c60719"]


def kms_key(region: str) -> str:
    return f"arn:aws:kms:{region}:{ACCOUNT}:key/7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d"


# ============================================================================ AWS: copies
AWS_DOC = {
    "global-table-v1": "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/globaltables.V1.html",
    "global-table-pulumi": "https://www.pulumi.com/registry/packages/aws/api-docs/dynamodb/globaltable/",
    "aurora-cross-region": "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Replication.CrossRegion.html",
    "lake-eds": "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/query-event-data-store-cloudtrail.html",
    "eds-pulumi": "https://www.pulumi.com/registry/packages/aws/api-docs/cloudtrail/eventdatastore/",
    "opensearch-pulumi": "https://www.pulumi.com/registry/packages/aws/api-docs/opensearch/domain/",
}


def global_table(home: str, replicas: Any, table_name: Any = "ledger-balances") -> Build:
    """A regulated DynamoDB table (the ledger's balances) and a version 2017.11.29 global table over it:
    DynamoDB replicates every write to the table of the same name in each replica Region."""

    def build(s: Stack) -> None:
        prov = aws(s, home)
        table = put(
            s,
            "aws:dynamodb/table:Table",
            "ledger-balances",
            prov,
            name="ledger-balances",
            billingMode="PAY_PER_REQUEST",
            hashKey="accountId",
            attributes=[{"name": "accountId", "type": "S"}],
            streamEnabled=True,
            streamViewType="NEW_AND_OLD_IMAGES",
            serverSideEncryption={"enabled": True},
            pointInTimeRecovery={"enabled": True},
            known={"arn": f"arn:aws:dynamodb:{home}:{ACCOUNT}:table/ledger-balances"},
        )
        regions = replicas if not isinstance(replicas, list) else [{"regionName": r} for r in replicas]
        put(
            s,
            "aws:dynamodb/globalTable:GlobalTable",
            "ledger-balances-global",
            prov,
            deps=[table],
            name=table_name,
            replicas=regions,
        )

    return build


# Violates: the global table replicates the GDPR balances to N. Virginia.
case("aws-global-table-v1-replica-us", AWS_COPIES, "DENY", AWS_DOC["global-table-v1"], config=GDPR_STACK)(
    global_table("eu-west-1", ["eu-west-1", "us-east-1"])
)
# Complies: the replicas are in Ireland and Frankfurt.
case("aws-global-table-v1-replica-de", AWS_COPIES, cite=AWS_DOC["global-table-v1"], config=GDPR_STACK)(
    global_table("eu-west-1", ["eu-west-1", "eu-central-1"])
)
# Violates: a Switzerland-only table in Zurich replicated to Frankfurt.
case("aws-global-table-v1-ch-replica-de", AWS_COPIES, "DENY", AWS_DOC["global-table-pulumi"], config=CH_STACK)(
    global_table("eu-central-2", ["eu-central-2", "eu-central-1"])
)
# Complies: the Swiss global table names Zurich only.
case("aws-global-table-v1-ch-zurich-only", AWS_COPIES, cite=AWS_DOC["global-table-pulumi"], config=CH_STACK)(
    global_table("eu-central-2", ["eu-central-2"])
)


def aurora_replica(region: str, kms: Any = None) -> Build:
    """A GDPR Aurora MySQL cluster in Ireland and an untagged cross-Region read replica cluster (binlog
    replication) that names it by ARN: the replica holds a full copy of the primary's data."""

    def build(s: Stack) -> None:
        source_arn = f"arn:aws:rds:eu-west-1:{ACCOUNT}:cluster:ledger"
        source = put(
            s,
            "aws:rds/cluster:Cluster",
            "ledger",
            aws(s),
            clusterIdentifier="ledger",
            engine="aurora-mysql",
            engineVersion="8.0.mysql_aurora.3.08.0",
            masterUsername="ledger_admin",
            manageMasterUserPassword=True,
            storageEncrypted=True,
            kmsKeyId=kms_key("eu-west-1"),
            backupRetentionPeriod=14,
            dbClusterParameterGroupName="ledger-binlog",
            dbSubnetGroupName="ledger",
            skipFinalSnapshot=False,
            finalSnapshotIdentifier="ledger-final",
            tags=GDPR,
            known={"arn": source_arn},
        )
        put(
            s,
            "aws:rds/cluster:Cluster",
            "ledger-replica",
            aws(s, region),
            deps=[source],
            clusterIdentifier="ledger-replica",
            engine="aurora-mysql",
            engineVersion="8.0.mysql_aurora.3.08.0",
            replicationSourceIdentifier=source_arn,
            sourceRegion="eu-west-1",
            storageEncrypted=True,
            kmsKeyId=kms_key(region) if kms is None else kms,
            dbSubnetGroupName="ledger-replica",
            skipFinalSnapshot=True,
        )

    return build


# Violates: the replica cluster copying the GDPR ledger is in N. Virginia (its own tags say nothing).
case("aws-aurora-cross-region-replica-us", AWS_COPIES, "DENY", AWS_DOC["aurora-cross-region"])(
    aurora_replica("us-east-1")
)
# Complies: the replica cluster is in Frankfurt.
case("aws-aurora-cross-region-replica-de", AWS_COPIES, cite=AWS_DOC["aurora-cross-region"])(
    aurora_replica("eu-central-1")
)


def event_store(region: str, multi: Any = True, retention: Any = 365) -> Build:
    """A GDPR CloudTrail Lake event data store: a multi-Region store collects the management events (who did
    what to which resource, source IPs) of every Region into the Region where it is created."""

    def build(s: Stack) -> None:
        inputs: dict[str, Any] = {}
        if multi is not None:
            inputs["multiRegionEnabled"] = multi
        put(
            s,
            "aws:cloudtrail/eventDataStore:EventDataStore",
            "ledger-activity",
            aws(s, region),
            name="ledger-activity",
            organizationEnabled=False,
            retentionPeriod=retention,
            terminationProtectionEnabled=True,
            kmsKeyId=kms_key(region),
            tags=GDPR,
            **inputs,
        )

    return build


# Violates: the event data store, with the Irish account's activity, is in N. Virginia.
case("aws-cloudtrail-lake-store-us", AWS_COPIES, "DENY", AWS_DOC["lake-eds"])(event_store("us-east-1"))
# Complies: the store is in Ireland.
case("aws-cloudtrail-lake-store-ie", AWS_COPIES, cite=AWS_DOC["lake-eds"])(event_store("eu-west-1"))


# ============================================================================ GCP: copies
GCP_DOC = {
    "restore-plan": "https://cloud.google.com/kubernetes-engine/docs/add-on/backup-for-gke/how-to/restore-plan",
    "regional-disk": "https://cloud.google.com/compute/docs/disks/regional-persistent-disk",
    "functions-locations": "https://cloud.google.com/functions/docs/locations",
    "functions-v1": "https://www.pulumi.com/registry/packages/gcp/api-docs/cloudfunctions/function/",
    "vertex-dataset": "https://www.pulumi.com/registry/packages/gcp/api-docs/vertex/aidataset/",
    "dataform": "https://www.pulumi.com/registry/packages/gcp/api-docs/dataform/repository/",
}


def restore_plan(location: str, project: str = PROJECT, description: Any = "Restore ledger into DR cluster") -> Build:
    """A Backup for GKE restore plan for the GDPR cluster's backup plan (Frankfurt): it restores the backed-up
    namespaces and their volume data into the cluster it names, which need not be in the backup's region."""

    def build(s: Stack) -> None:
        put(
            s,
            "gcp:gkebackup/restorePlan:RestorePlan",
            "ledger-dr-restore",
            gcp(s, location),
            name="ledger-dr-restore",
            location=location,
            description=description,
            backupPlan=f"projects/{PROJECT}/locations/europe-west3/backupPlans/eu1-nightly",
            cluster=f"projects/{project}/locations/{location}/clusters/dr1",
            restoreConfig={
                "allNamespaces": True,
                "namespacedResourceRestoreMode": "FAIL_ON_CONFLICT",
                "volumeDataRestorePolicy": "RESTORE_VOLUME_DATA_FROM_BACKUP",
                "clusterResourceRestoreScope": {"allGroupKinds": True},
                "clusterResourceConflictPolicy": "USE_EXISTING_VERSION",
            },
            labels=GDPR,
        )

    return build


# Violates: the restore plan restores the GDPR cluster's namespaces and volumes into a cluster in Iowa.
case("gcp-gke-restore-plan-us", GCP_COPIES, "DENY", GCP_DOC["restore-plan"])(restore_plan("us-central1"))
# Complies: the DR cluster is in the Netherlands.
case("gcp-gke-restore-plan-nl", GCP_COPIES, cite=GCP_DOC["restore-plan"])(restore_plan("europe-west4"))


def region_disk(
    region: str | None, labels: dict[str, str] = GDPR, size: Any = 200, provider: str = "europe-west3"
) -> Build:
    """A regional persistent disk (the ledger database's volume), replicated synchronously between two zones
    of its region."""

    def build(s: Stack) -> None:
        where = region if isinstance(region, str) else provider
        inputs: dict[str, Any] = {"region": region} if region is not None else {}
        put(
            s,
            "gcp:compute/regionDisk:RegionDisk",
            "ledger-data",
            gcp(s, provider),
            name="ledger-data",
            type="pd-balanced",
            size=size,
            replicaZones=[f"{where}-a", f"{where}-b"],
            labels=labels,
            **inputs,
        )

    return build


# Violates: the GDPR regional disk's two zones are in Iowa.
case("gcp-regional-disk-us", GCP_COPIES, "DENY", GCP_DOC["regional-disk"])(region_disk("us-central1"))
# Complies: both zones are in Frankfurt.
case("gcp-regional-disk-de", GCP_COPIES, cite=GCP_DOC["regional-disk"])(region_disk("europe-west3"))
# Violates: a Switzerland-only disk replicated between two zones of Frankfurt.
case("gcp-regional-disk-ch-in-frankfurt", GCP_COPIES, "DENY", GCP_DOC["regional-disk"])(region_disk("europe-west3", CH))
# Complies: the Swiss disk's zones are in Zurich.
case("gcp-regional-disk-ch-in-zurich", GCP_COPIES, cite=GCP_DOC["regional-disk"])(
    region_disk("europe-west6", CH, provider="europe-west6")
)


def function_v2(location: Any, account: Any = None) -> Build:
    """A GDPR Cloud Run function (2nd gen) that renders invoices from the ledger; it runs and keeps its
    build in the function's location."""

    def build(s: Stack) -> None:
        source = gcs_bucket(s, "ledger-fn-source", "EUROPE-WEST1")
        put(
            s,
            "gcp:cloudfunctionsv2/function:Function",
            "invoice-renderer",
            gcp(s, "europe-west1"),
            deps=[source],
            name="invoice-renderer",
            location=location,
            buildConfig={
                "runtime": "python312",
                "entryPoint": "render",
                "source": {"storageSource": {"bucket": "ledger-fn-source", "object": "invoice-renderer.zip"}},
            },
            serviceConfig={
                "availableMemory": "512M",
                "timeoutSeconds": 60,
                "maxInstanceCount": 10,
                "ingressSettings": "ALLOW_INTERNAL_ONLY",
                "serviceAccountEmail": account or f"invoice-renderer@{PROJECT}.iam.gserviceaccount.com",
            },
            labels=GDPR,
        )

    return build


# Violates: the invoice function runs in Iowa.
case("gcp-function-v2-us", GCP_COPIES, "DENY", GCP_DOC["functions-locations"])(function_v2("us-central1"))
# Complies: it runs in Belgium.
case("gcp-function-v2-be", GCP_COPIES, cite=GCP_DOC["functions-locations"])(function_v2("europe-west1"))
# Violates: Zurich is in Europe but outside the EU and the EEA, so outside the GDPR regime.
case("gcp-function-v2-zurich-gdpr", GCP_COPIES, "DENY", GCP_DOC["functions-locations"])(function_v2("europe-west6"))


# ============================================================================ Azure: copies
AZ_DOC = {
    "geo-restore": "https://learn.microsoft.com/en-us/azure/azure-sql/database/recovery-using-backups#geo-restore",
    "search": "https://learn.microsoft.com/en-us/azure/search/search-create-service-portal",
    "grafana": "https://learn.microsoft.com/en-us/azure/managed-grafana/quickstart-managed-grafana-portal",
    "storage-mount": "https://learn.microsoft.com/en-us/azure/app-service/configure-connect-to-azure-storage",
}


def geo_restore(location: str, max_size: Any = 34359738368) -> Build:
    """A GDPR Azure SQL database (West Europe) geo-restored from its geo-replicated backup into a database
    on another, untagged server: the restored database is a full copy of the GDPR data."""

    def build(s: Stack) -> None:
        server = az(
            s,
            "azure-native:sql:Server",
            "ledger-sql",
            "westeurope",
            GDPR,
            "Microsoft.Sql/servers/ledger-sql",
            serverName="ledger-sql",
            version="12.0",
            minimalTlsVersion="1.2",
            publicNetworkAccess="Disabled",
        )
        db = az(
            s,
            "azure-native:sql:Database",
            "ledger-db",
            "westeurope",
            GDPR,
            "Microsoft.Sql/servers/ledger-sql/databases/ledger",
            serverName="ledger-sql",
            databaseName="ledger",
            sku={"name": "GP_Gen5", "tier": "GeneralPurpose", "family": "Gen5", "capacity": 2},
            requestedBackupStorageRedundancy="Zone",
        )
        dr = az(
            s,
            "azure-native:sql:Server",
            "ledger-sql-restore",
            location,
            None,
            "Microsoft.Sql/servers/ledger-sql-restore",
            serverName="ledger-sql-restore",
            version="12.0",
            minimalTlsVersion="1.2",
            publicNetworkAccess="Disabled",
        )
        restored = az(
            s,
            "azure-native:sql:Database",
            "ledger-db-restored",
            location,
            None,
            "Microsoft.Sql/servers/ledger-sql-restore/databases/ledger",
            serverName="ledger-sql-restore",
            databaseName="ledger",
            createMode="Recovery",
            recoverableDatabaseId=f"{RG}/Microsoft.Sql/servers/ledger-sql/recoverabledatabases/ledger",
            maxSizeBytes=max_size,
            sku={"name": "GP_Gen5", "tier": "GeneralPurpose", "family": "Gen5", "capacity": 2},
            requestedBackupStorageRedundancy="Local",
        )
        _find(s, restored).dependencies = [server, db, dr]

    return build


# Violates: the GDPR database is geo-restored onto a server in East US.
case("az-sql-geo-restore-us", AZURE_COPIES, "DENY", AZ_DOC["geo-restore"])(geo_restore("eastus"))
# Complies: it is restored in North Europe.
case("az-sql-geo-restore-ie", AZURE_COPIES, cite=AZ_DOC["geo-restore"])(geo_restore("northeurope"))


def search_service(location: Any, replicas: Any = 2) -> Build:
    """An Azure AI Search service indexing the ledger's support cases (the index holds the documents' text)."""

    def build(s: Stack) -> None:
        az(
            s,
            "azure-native:search:Service",
            "support-search",
            location,
            None,
            "Microsoft.Search/searchServices/ledger-support",
            searchServiceName="ledger-support",
            sku={"name": "standard"},
            replicaCount=replicas,
            partitionCount=1,
            hostingMode="Default",
            publicNetworkAccess="Disabled",
            disableLocalAuth=True,
        )

    return build


# Violates: the GDPR stack's search index is in East US.
case("az-search-service-us", AZURE_COPIES, "DENY", AZ_DOC["search"], config=GDPR_STACK)(search_service("eastus"))
# Complies: it is in Sweden Central.
case("az-search-service-se", AZURE_COPIES, cite=AZ_DOC["search"], config=GDPR_STACK)(search_service("swedencentral"))
# Violates: a Switzerland-only stack's index in West Europe.
case("az-search-service-ch-in-nl", AZURE_COPIES, "DENY", AZ_DOC["search"], config=CH_STACK)(
    search_service("westeurope")
)
# Complies: the Swiss index is in Switzerland North.
case("az-search-service-ch-in-zurich", AZURE_COPIES, cite=AZ_DOC["search"], config=CH_STACK)(
    search_service("switzerlandnorth")
)


def grafana(location: Any, sku: Any = "Standard") -> Build:
    """A GDPR Azure Managed Grafana workspace (dashboards over the ledger's metrics and logs)."""

    def build(s: Stack) -> None:
        az(
            s,
            "azure-native:dashboard:Grafana",
            "ledger-grafana",
            location,
            GDPR,
            "Microsoft.Dashboard/grafana/ledger-grafana",
            workspaceName="ledger-grafana",
            sku={"name": sku},
            identity={"type": "SystemAssigned"},
            properties={"publicNetworkAccess": "Disabled", "zoneRedundancy": "Enabled", "apiKey": "Disabled"},
        )

    return build


# Violates: the Grafana workspace is in East US.
case("az-managed-grafana-us", AZURE_COPIES, "DENY", AZ_DOC["grafana"])(grafana("eastus"))
# Violates: it is in UK South, outside the EEA.
case("az-managed-grafana-uk", AZURE_COPIES, "DENY", AZ_DOC["grafana"])(grafana("uksouth"))
# Complies: it is in West Europe.
case("az-managed-grafana-nl", AZURE_COPIES, cite=AZ_DOC["grafana"])(grafana("westeurope"))


def storage_mount(account_name: str, account_location: str | None) -> Build:
    """A GDPR App Service web app (West Europe) that mounts an Azure Files share at /mnt/uploads: the
    customers' uploaded documents are written to the storage account the mount names (by name)."""

    def build(s: Stack) -> None:
        deps = [account(s, account_name, account_location, None)] if account_location else []
        app = az(
            s,
            "azure-native:web:WebApp",
            "claims-portal",
            "westeurope",
            GDPR,
            "Microsoft.Web/sites/claims-portal",
            name="claims-portal",
            serverFarmId=f"{RG}/Microsoft.Web/serverfarms/claims-plan",
            httpsOnly=True,
            siteConfig={"linuxFxVersion": "PYTHON|3.12", "minTlsVersion": "1.2", "ftpsState": "Disabled"},
        )
        put(
            s,
            "azure-native:web:WebAppAzureStorageAccounts",
            "claims-portal-mounts",
            azure(s),
            deps=[app, *deps],
            resourceGroupName="ledger",
            name="claims-portal",
            properties={
                "uploads": {
                    "type": "AzureFiles",
                    "accountName": account_name,
                    "shareName": "uploads",
                    "mountPath": "/mnt/uploads",
                    "accessKey": secret("c2VjcmV0LWtleS1mb3ItdGhlLXNoYXJl"),
                }
            },
        )

    return build


# Violates: the uploads share is in the stack's storage account in East US.
case("az-app-service-mount-us", AZURE_COPIES, "DENY", AZ_DOC["storage-mount"])(storage_mount("claimsuploads", "eastus"))


# ============================================================================ destinations outside
# Violates: the uploads share belongs to the claims partner's storage account, not in the stack: a storage
# account name carries no region.
case("az-app-service-mount-partner-account", OUTSIDE, "DENY", AZ_DOC["storage-mount"])(
    storage_mount("partnerclaimsdrop", None)
)
# Complies: the share is in the stack's own storage account in West Europe.
case("az-app-service-mount-own-account-nl", OUTSIDE, cite=AZ_DOC["storage-mount"])(
    storage_mount("claimsuploads", "westeurope")
)
# Violates: the GDPR backups are restored into the partner's cluster in South Carolina (the cluster's path
# names its region).
case("gcp-gke-restore-plan-partner-us", OUTSIDE, "DENY", GCP_DOC["restore-plan"])(
    restore_plan("us-east1", PARTNER_PROJECT)
)
# Complies: the partner's cluster is in Belgium (read from its path, as RULES.md reads a GCP path).
case("gcp-gke-restore-plan-partner-be", OUTSIDE, cite=GCP_DOC["restore-plan"])(
    restore_plan("europe-west1", PARTNER_PROJECT)
)


# ============================================================================ unset-location defaults
def function_v1(provider: str) -> Build:
    """A GDPR Cloud Run function (1st gen) without ``region``: it is deployed in the provider's region."""

    def build(s: Stack) -> None:
        put(
            s,
            "gcp:cloudfunctions/function:Function",
            "statement-webhook",
            gcp(s, provider),
            name="statement-webhook",
            runtime="python312",
            entryPoint="handle",
            sourceArchiveBucket="ledger-fn-source",
            sourceArchiveObject="statement-webhook.zip",
            triggerHttp=True,
            ingressSettings="ALLOW_INTERNAL_ONLY",
            availableMemoryMb=256,
            labels=GDPR,
        )

    return build


# Complies: the function takes the provider's region, Frankfurt.
case("gcp-function-v1-provider-region-de", DEFAULTS, cite=GCP_DOC["functions-v1"])(function_v1("europe-west3"))
# Violates: the same function on a provider in Iowa.
case("gcp-function-v1-provider-region-us", DEFAULTS, "DENY", GCP_DOC["functions-v1"])(function_v1("us-central1"))


def vertex_dataset(provider: str) -> Build:
    """A GDPR Vertex AI dataset (labelled claim images) without ``region``: it is created in the provider's."""

    def build(s: Stack) -> None:
        put(
            s,
            "gcp:vertex/aiDataset:AiDataset",
            "claim-images",
            gcp(s, provider),
            displayName="claim-images",
            metadataSchemaUri="gs://google-cloud-aiplatform/schema/dataset/metadata/image_1.0.0.yaml",
            labels=GDPR,
        )

    return build


# Complies: the dataset is in the Netherlands (provider region).
case("gcp-vertex-dataset-provider-region-nl", DEFAULTS, cite=GCP_DOC["vertex-dataset"])(vertex_dataset("europe-west4"))
# Violates: the provider's region is Iowa.
case("gcp-vertex-dataset-provider-region-us", DEFAULTS, "DENY", GCP_DOC["vertex-dataset"])(
    vertex_dataset("us-central1")
)


def dataform(provider: str) -> Build:
    """A GDPR Dataform repository (SQL workflows over the ledger's warehouse) without ``region``."""

    def build(s: Stack) -> None:
        put(
            s,
            "gcp:dataform/repository:Repository",
            "ledger-transforms",
            gcp(s, provider),
            name="ledger-transforms",
            displayName="Ledger transforms",
            labels=GDPR,
        )

    return build


# Complies: the repository is in the provider's region, Frankfurt.
case("gcp-dataform-provider-region-de", DEFAULTS, cite=GCP_DOC["dataform"])(dataform("europe-west3"))
# Violates: the provider's region is Oregon.
case("gcp-dataform-provider-region-us", DEFAULTS, "DENY", GCP_DOC["dataform"])(dataform("us-west1"))
# Complies: a regional disk without ``region`` takes the provider's (Frankfurt).
case("gcp-regional-disk-provider-region-de", DEFAULTS, cite=GCP_DOC["regional-disk"])(region_disk(None))
# Violates: the same disk on a provider in Iowa.
case("gcp-regional-disk-provider-region-us", DEFAULTS, "DENY", GCP_DOC["regional-disk"])(
    region_disk(None, provider="us-central1")
)
# Complies: multiRegionEnabled unset (the default, true) collects every Region's events into Ireland.
case("aws-cloudtrail-lake-default-multi-region-ie", DEFAULTS, cite=AWS_DOC["eds-pulumi"])(
    event_store("eu-west-1", multi=None)
)


def opensearch(region: str | None) -> Build:
    """A GDPR OpenSearch Service domain (the ledger's search) on the Irish provider, optionally with the
    pulumi-aws v7 per-resource ``region``."""

    def build(s: Stack) -> None:
        inputs: dict[str, Any] = {"region": region} if region is not None else {}
        put(
            s,
            "aws:opensearch/domain:Domain",
            "ledger-search",
            aws(s),
            domainName="ledger-search",
            engineVersion="OpenSearch_2.17",
            clusterConfig={"instanceType": "r6g.large.search", "instanceCount": 2, "zoneAwarenessEnabled": True},
            ebsOptions={"ebsEnabled": True, "volumeSize": 100, "volumeType": "gp3"},
            encryptAtRest={"enabled": True},
            nodeToNodeEncryption={"enabled": True},
            domainEndpointOptions={"enforceHttps": True, "tlsSecurityPolicy": "Policy-Min-TLS-1-2-2019-07"},
            vpcOptions={"subnetIds": SUBNETS},
            tags=GDPR,
            **inputs,
        )

    return build


# Complies: the domain takes the Irish provider's region.
case("aws-opensearch-provider-region-ie", DEFAULTS, cite=AWS_DOC["opensearch-pulumi"])(opensearch(None))
# Violates: the per-resource region puts the domain in Ohio.
case("aws-opensearch-region-override-us", DEFAULTS, "DENY", AWS_DOC["opensearch-pulumi"])(opensearch("us-east-2"))
# Complies: the per-resource region puts it in Stockholm.
case("aws-opensearch-region-override-se", DEFAULTS, cite=AWS_DOC["opensearch-pulumi"])(opensearch("eu-north-1"))


# ============================================================================ Kubernetes operators
OP_DOC = {
    "ack-region": "https://aws-controllers-k8s.github.io/community/docs/user-docs/multi-region-resource-management/",
    "ack-opensearch": "https://aws-controllers-k8s.github.io/community/reference/opensearchservice/v1alpha1/domain/",
    "ack-kafka": "https://aws-controllers-k8s.github.io/community/reference/kafka/v1alpha1/cluster/",
    "xp-function": "https://marketplace.upbound.io/providers/upbound/provider-gcp-cloudfunctions2/latest/resources/cloudfunctions2.gcp.upbound.io/Function/v1beta1",
    "xp-search": "https://marketplace.upbound.io/providers/upbound/provider-azure-search/latest/resources/search.azure.upbound.io/Service/v1beta1",
    "kcc-disk": "https://cloud.google.com/config-connector/docs/reference/resource-docs/compute/computedisk",
    "aso-sql": "https://azure.github.io/azure-service-operator/reference/sql/v1api20211101/",
}


def ack_domain(region: Any, regime: str | None = None) -> Obj:
    return custom_resource(
        "opensearchservice.services.k8s.aws/v1alpha1",
        "Domain",
        "acme-search",
        "acme",
        {
            "name": "acme-search",
            "engineVersion": "OpenSearch_2.17",
            "clusterConfig": {"instanceType": "r6g.large.search", "instanceCount": 2},
            "ebsOptions": {"ebsEnabled": True, "volumeSize": 50},
            "encryptionAtRestOptions": {"enabled": True},
            "nodeToNodeEncryptionOptions": {"enabled": True},
        },
        annotations={"services.k8s.aws/region": region},
        labels={"fleet-residency": regime} if regime else None,
    )


# Violates: the GDPR tenant's ACK OpenSearch domain is created in N. Virginia.
case("op-ack-opensearch-domain-us", OPERATORS, "DENY", OP_DOC["ack-region"])(on_tenant(ack_domain("us-east-1")))
# Complies: it is created in Ireland.
case("op-ack-opensearch-domain-ie", OPERATORS, cite=OP_DOC["ack-opensearch"])(on_tenant(ack_domain("eu-west-1")))
# Violates: the domain's own label says Switzerland only (it wins over the GDPR namespace); Frankfurt is not.
case("op-ack-opensearch-labelled-ch-in-frankfurt", OPERATORS, "DENY", OP_DOC["ack-opensearch"])(
    on_tenant(ack_domain("eu-central-1", "ch"))
)
# Complies: the Swiss-labelled domain is in Zurich.
case("op-ack-opensearch-labelled-ch-in-zurich", OPERATORS, cite=OP_DOC["ack-opensearch"])(
    on_tenant(ack_domain("eu-central-2", "ch"))
)


def ack_kafka(region: str, brokers: Any = 3) -> Obj:
    return custom_resource(
        "kafka.services.k8s.aws/v1alpha1",
        "Cluster",
        "acme-events",
        "acme",
        {
            "name": "acme-events",
            "kafkaVersion": "3.6.0",
            "numberOfBrokerNodes": brokers,
            "brokerNodeGroupInfo": {"instanceType": "kafka.m5.large", "clientSubnets": SUBNETS},
            "encryptionInfo": {"encryptionInTransit": {"clientBroker": "TLS", "inCluster": True}},
        },
        annotations={"services.k8s.aws/region": region},
    )


# Violates: the tenant's MSK cluster (ACK) is in Oregon.
case("op-ack-msk-cluster-us", OPERATORS, "DENY", OP_DOC["ack-region"])(on_tenant(ack_kafka("us-west-2")))
# Complies: it is in Stockholm.
case("op-ack-msk-cluster-se", OPERATORS, cite=OP_DOC["ack-kafka"])(on_tenant(ack_kafka("eu-north-1")))


def xp_function(location: Any) -> Obj:
    return custom_resource(
        "cloudfunctions2.gcp.upbound.io/v1beta1",
        "Function",
        "acme-thumbnails",
        None,
        {
            "forProvider": {
                "location": location,
                "project": "acme-prod",
                "buildConfig": [{"runtime": "nodejs22", "entryPoint": "thumbnail"}],
                "serviceConfig": [{"availableMemory": "256M", "ingressSettings": "ALLOW_INTERNAL_ONLY"}],
                "labels": {"fleet-residency": "gdpr", "fleet-tenant": "acme"},
            },
            **XP_REF,
        },
        labels={"fleet-tenant": "acme"},
    )


# Violates: the tenant's Crossplane function is in South Carolina (its spec's label says gdpr).
case("op-crossplane-gcp-function-us", OPERATORS, "DENY", OP_DOC["xp-function"])(
    on_tenant(xp_function("us-east1"), cloud="gcp")
)
# Complies: it is in Frankfurt.
case("op-crossplane-gcp-function-de", OPERATORS, cite=OP_DOC["xp-function"])(
    on_tenant(xp_function("europe-west3"), cloud="gcp")
)


def xp_search(location: Any) -> Obj:
    return custom_resource(
        "search.azure.upbound.io/v1beta1",
        "Service",
        "acme-catalogue",
        None,
        {
            "forProvider": {
                "location": location,
                "resourceGroupName": "acme-rg",
                "sku": "standard",
                "replicaCount": 1,
                "partitionCount": 1,
                "publicNetworkAccessEnabled": False,
            },
            **XP_REF,
        },
        labels={"fleet-residency": "gdpr", "fleet-tenant": "acme"},
    )


# Violates: the tenant's Crossplane AI Search service is in Central India.
case("op-crossplane-azure-search-india", OPERATORS, "DENY", OP_DOC["xp-search"])(
    on_tenant(xp_search("centralindia"), cloud="azure-native")
)
# Complies: it is in France Central.
case("op-crossplane-azure-search-fr", OPERATORS, cite=OP_DOC["xp-search"])(
    on_tenant(xp_search("francecentral"), cloud="azure-native")
)


def kcc_disk(zone: Any) -> Obj:
    return kcc("ComputeDisk", "compute", "acme-scratch", {"location": zone, "size": 100, "type": "pd-balanced"})


# Violates: the tenant's Config Connector disk is in zone us-central1-c (Iowa).
case("op-kcc-compute-disk-us", OPERATORS, "DENY", OP_DOC["kcc-disk"])(on_tenant(kcc_disk("us-central1-c"), cloud="gcp"))
# Complies: it is in zone europe-west3-b (Frankfurt).
case("op-kcc-compute-disk-de", OPERATORS, cite=OP_DOC["kcc-disk"])(on_tenant(kcc_disk("europe-west3-b"), cloud="gcp"))


def aso_sql(location: Any) -> Obj:
    return custom_resource(
        "sql.azure.com/v1api20211101",
        "Server",
        "acme-sql",
        "acme",
        {
            "location": location,
            "owner": {"name": "acme-rg"},
            "version": "12.0",
            "minimalTlsVersion": "1.2",
            "publicNetworkAccess": "Disabled",
            "administrators": {"administratorType": "ActiveDirectory", "azureADOnlyAuthentication": True},
        },
    )


# Violates: the tenant's Azure SQL server (ASO) is in Australia East.
case("op-aso-sql-server-au", OPERATORS, "DENY", OP_DOC["aso-sql"])(
    on_tenant(aso_rg("acme-rg", "westeurope"), aso_sql("australiaeast"), cloud="azure-native")
)
# Complies: it is in West Europe.
case("op-aso-sql-server-nl", OPERATORS, cite=OP_DOC["aso-sql"])(
    on_tenant(aso_rg("acme-rg", "westeurope"), aso_sql("westeurope"), cloud="azure-native")
)


# ============================================================================ cloud guardrails
GRD_DOC = {
    "scp-region": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html#example-scp-deny-region",
}


def ch_guarded(regions: list[str]) -> Build:
    """The guarded EKS cluster moved to Zurich for a Switzerland-only tenant: the cluster is tagged ch, the
    tenant namespace labelled ch, and the account's SCP denies every Region but those listed."""
    built = eks_guarded(scp(regions))
    built = retouch(built, "fleet:clusters:EksCluster", "eu1", region="eu-central-2", country="CH")
    built = retouch(built, "pulumi:providers:aws", "eu1-aws", region="eu-central-2")

    def build(s: Stack) -> None:
        built(s)
        eks = _find(s, s.urn("aws:eks/cluster:Cluster", "eu1-eks"))
        changes = {
            "tags": CH,
            "encryptionConfig": {"provider": {"keyArn": kms_key("eu-central-2")}, "resources": ["secrets"]},
        }
        eks.inputs = {**eks.inputs, **changes}
        if eks.outputs:
            eks.outputs = {**eks.outputs, **changes}
        ns = _find(s, s.urn("kubernetes:core/v1:Namespace", "acme-ns"))
        meta = ns.inputs["metadata"]
        ns.inputs = {**ns.inputs, "metadata": {**meta, "labels": {**meta["labels"], "fleet-residency": "ch"}}}

    return build


# Complies: the SCP allows Zurich only, inside the cluster's Swiss regime.
case("grd-aws-ch-cluster-scp-zurich", GUARDRAILS, cite=GRD_DOC["scp-region"])(ch_guarded(["eu-central-2"]))
# Violates: the SCP allows the EEA Regions: they keep to GDPR, not to the cluster's Swiss regime.
case("grd-aws-ch-cluster-scp-eea", GUARDRAILS, "DENY", GRD_DOC["scp-region"])(
    ch_guarded(["eu-central-1", "eu-north-1", "eu-west-1", "eu-west-3"])
)
# Violates: the SCP allows Zurich and Frankfurt.
case("grd-aws-ch-cluster-scp-zurich-frankfurt", GUARDRAILS, "DENY", GRD_DOC["scp-region"])(
    ch_guarded(["eu-central-2", "eu-central-1"])
)


# ============================================================================ unknown at preview
# Violates: the replica cluster is in N. Virginia; only its KMS key is unknown.
case("pre-aurora-replica-us-kms-unknown", PREVIEW, "DENY", AWS_DOC["aurora-cross-region"])(
    aurora_replica("us-east-1", kms=UNKNOWN)
)
# Complies: the replica is in Frankfurt; only its KMS key is unknown.
case("pre-aurora-replica-de-kms-unknown", PREVIEW, cite=AWS_DOC["aurora-cross-region"])(
    aurora_replica("eu-central-1", kms=UNKNOWN)
)
# Violates: the global table replicates to N. Virginia; only its name is unknown.
case("pre-global-table-us-name-unknown", PREVIEW, "DENY", AWS_DOC["global-table-v1"], config=GDPR_STACK)(
    global_table("eu-west-1", ["eu-west-1", "us-east-1"], table_name=UNKNOWN)
)
# Complies: the event data store is in Ireland; only its retention is unknown.
case("pre-cloudtrail-lake-ie-retention-unknown", PREVIEW, cite=AWS_DOC["lake-eds"])(
    event_store("eu-west-1", retention=UNKNOWN)
)
# Violates: the restore plan targets Iowa; only its description is unknown.
case("pre-gke-restore-plan-us-description-unknown", PREVIEW, "DENY", GCP_DOC["restore-plan"])(
    restore_plan("us-central1", description=UNKNOWN)
)
# Complies: the restore plan targets the Netherlands; only its description is unknown.
case("pre-gke-restore-plan-nl-description-unknown", PREVIEW, cite=GCP_DOC["restore-plan"])(
    restore_plan("europe-west4", description=UNKNOWN)
)
# Violates: the regional disk is in Iowa; only its size is unknown.
case("pre-regional-disk-us-size-unknown", PREVIEW, "DENY", GCP_DOC["regional-disk"])(
    region_disk("us-central1", size=UNKNOWN)
)
# Complies: the function runs in Belgium; only its service account is unknown.
case("pre-function-v2-be-account-unknown", PREVIEW, cite=GCP_DOC["functions-locations"])(
    function_v2("europe-west1", account=UNKNOWN)
)
# Complies: the database is restored in North Europe; only its maximum size is unknown.
case("pre-sql-geo-restore-ie-size-unknown", PREVIEW, cite=AZ_DOC["geo-restore"])(
    geo_restore("northeurope", max_size=UNKNOWN)
)
# Violates: the search service is in East US; only its replica count is unknown.
case("pre-search-service-us-replicas-unknown", PREVIEW, "DENY", AZ_DOC["search"], config=GDPR_STACK)(
    search_service("eastus", replicas=UNKNOWN)
)
# Complies: the Grafana workspace is in West Europe; only its SKU is unknown.
case("pre-grafana-nl-sku-unknown", PREVIEW, cite=AZ_DOC["grafana"])(grafana("westeurope", sku=UNKNOWN))
# Violates: the ACK MSK cluster is in Oregon; only its broker count is unknown.
case("pre-ack-msk-us-brokers-unknown", PREVIEW, "DENY", OP_DOC["ack-region"])(
    on_tenant(ack_kafka("us-west-2", brokers=UNKNOWN))
)


# ============================================================================ malformed shapes
BAD_DOC = {
    "global-table": AWS_DOC["global-table-pulumi"],
    "rds-cluster": "https://www.pulumi.com/registry/packages/aws/api-docs/rds/cluster/",
    "eds": AWS_DOC["eds-pulumi"],
    "restore-plan": "https://www.pulumi.com/registry/packages/gcp/api-docs/gkebackup/restoreplan/",
    "region-disk": "https://www.pulumi.com/registry/packages/gcp/api-docs/compute/regiondisk/",
    "function-v2": "https://www.pulumi.com/registry/packages/gcp/api-docs/cloudfunctionsv2/function/",
    "search": "https://www.pulumi.com/registry/packages/azure-native/api-docs/search/service/",
    "mount": "https://www.pulumi.com/registry/packages/azure-native/api-docs/web/webappazurestorageaccounts/",
}

# Cannot evaluate: the replica Regions are one comma-separated string.
case("bad-global-table-replicas-string", MALFORMED, "DENY", BAD_DOC["global-table"], config=GDPR_STACK)(
    global_table("eu-west-1", "eu-west-1,eu-central-1")
)
# Cannot evaluate: the replication source is a list.
case("bad-aurora-replication-source-list", MALFORMED, "DENY", BAD_DOC["rds-cluster"])(
    retouch(
        aurora_replica("eu-central-1"),
        "aws:rds/cluster:Cluster",
        "ledger-replica",
        replicationSourceIdentifier=[f"arn:aws:rds:eu-west-1:{ACCOUNT}:cluster:ledger"],
    )
)
# Cannot evaluate: the event data store's per-resource region is a list.
case("bad-cloudtrail-lake-region-list", MALFORMED, "DENY", BAD_DOC["eds"])(
    retouch(
        event_store("eu-west-1"),
        "aws:cloudtrail/eventDataStore:EventDataStore",
        "ledger-activity",
        region=["eu-west-1"],
    )
)
# Cannot evaluate: the restore plan's target cluster is a list.
case("bad-gke-restore-plan-cluster-list", MALFORMED, "DENY", BAD_DOC["restore-plan"])(
    retouch(
        restore_plan("europe-west4"),
        "gcp:gkebackup/restorePlan:RestorePlan",
        "ledger-dr-restore",
        cluster=[f"projects/{PROJECT}/locations/europe-west4/clusters/dr1"],
    )
)
# Cannot evaluate: the regional disk's region is an object.
case("bad-regional-disk-region-object", MALFORMED, "DENY", BAD_DOC["region-disk"])(
    region_disk({"name": "europe-west3"})  # type: ignore[arg-type]
)
# Cannot evaluate: the function's location is a list.
case("bad-function-v2-location-list", MALFORMED, "DENY", BAD_DOC["function-v2"])(function_v2(["europe-west1"]))
# Cannot evaluate: the search service's location is an object.
case("bad-search-service-location-object", MALFORMED, "DENY", BAD_DOC["search"], config=GDPR_STACK)(
    search_service({"name": "swedencentral"})
)
# Cannot evaluate: the mounts are a list instead of a map of mount names.
case("bad-app-service-mounts-list", MALFORMED, "DENY", BAD_DOC["mount"])(
    retouch(
        storage_mount("claimsuploads", "westeurope"),
        "azure-native:web:WebAppAzureStorageAccounts",
        "claims-portal-mounts",
        properties=[{"type": "AzureFiles", "accountName": "claimsuploads", "shareName": "uploads"}],
    )
)
# Cannot evaluate: the ASO SQL server's location is an object.
case("bad-aso-sql-location-object", MALFORMED, "DENY", OP_DOC["aso-sql"])(
    on_tenant(aso_rg("acme-rg", "westeurope"), aso_sql({"name": "westeurope"}), cloud="azure-native")
)
# Cannot evaluate: the Crossplane function's location is a list.
case("bad-crossplane-function-location-list", MALFORMED, "DENY", OP_DOC["xp-function"])(
    on_tenant(xp_function(["europe-west3"]), cloud="gcp")
)
