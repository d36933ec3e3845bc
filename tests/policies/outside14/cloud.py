"""Cloud residency cases of the fourteenth outside corpus, written from cloud-provider documentation and the
pack's user-facing contract (docs/RULES.md, docs/SPEC.md, docs/REVIEW.md, README.md) by a helper session
that had not read the pack's rules, its residency survey, its configs or its tests. It must never be used
to tune the pack (see README.md beside it).

Cases are built with the ``Case``/``Stack`` API of ``tests/policies/corpus.py`` and the helpers of the
earlier outside corpora. A case asks only whether a correct pack denies it: ``expect="DENY"`` (some
mandatory violation) or nothing (compliant: no mandatory violation at all). Each cites the page its outcome
rests on; a comment above it says why it violates or complies. The resource or property that decides each
case is one none of the thirteen earlier corpora used: DMS Serverless replication configs and S3 target
endpoints, ElastiCache Serverless caches seeded from snapshots, Glue ETL jobs, Bedrock custom models, Kinesis
and DynamoDB resource policies, Managed Grafana workspaces; AlloyDB restores from backups, Vertex AI feature views,
Dataproc Serverless batches, Cloud Data Fusion instances, default object ACLs, BigQuery dataset IAM members,
backend buckets with Cloud CDN, organization policy custom constraints; Data Factory pipelines, linked
services and managed integration runtimes, Data Protection backup instances, Notification Hubs namespaces'
replication region, anonymous blob containers, Front Door routes with caching, Logic Apps, Azure Policy
initiatives; ACK Lambda, Crossplane Firehose and Data Factory, Config Connector
Dataproc and Vertex AI, ASO AI Search objects; SCPs exempting Bedrock or every Identity Center role.

``UNKNOWN`` stands for a value the engine only learns at the update.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from tests.policies.corpus import GDPR, IE, NONE, UNKNOWN, Stack
from tests.policies.outside.corpus import (
    ACCOUNT,
    GDPR_AWS,
    GDPR_AZURE,
    GLOBAL_SERVICES,
    PROJECT,
    RG,
    ROLE,
    SUB,
    _find,
    aks_guarded,
    aws,
    az,
    azure,
    custom_resource,
    default_sink,
    eks_guarded,
    gcp,
    gcs_bucket,
    gke_guarded,
    operator,
    org_policy,
    put,
    rds_instance,
    s3_bucket,
    scp,
    storage_account,
)
from tests.policies.outside4.cloud import retouch
from tests.policies.outside9.cloud import resource_group
from tests.policies.outside11.cloud import depends, own_account_provider
from tests.policies.outside14.common import case

Build = Callable[[Stack], None]

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

IE_REGIME = {"regimes": IE}
IE_TAG = {"fleet-residency": "ie"}
PARTNER_ACCOUNT = "555566667777"  # another company's AWS account, outside this stack
OWN_ACCOUNT = "222233334444"  # a second account of ours, named by a provider of the stack (own_account_provider)
KMS = f"arn:aws:kms:eu-west-1:{ACCOUNT}:key/6c2f0a9e-1b3d-4e7f-8a5c-2d9e0f1b3a7c"


def kms(region: str) -> str:
    return f"arn:aws:kms:{region}:{ACCOUNT}:key/6c2f0a9e-1b3d-4e7f-8a5c-2d9e0f1b3a7c"


# ============================================================================ AWS: copies
AWS_DOC = {
    "dms-serverless": "https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Serverless.html",
    "dms-s3": "https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Target.S3.html",
    "ec-seed": "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-seeding-redis.html",
    "ec-restore": "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-restoring.html",
    "bedrock-custom": "https://docs.aws.amazon.com/bedrock/latest/userguide/custom-models.html",
    "glue-job": "https://docs.aws.amazon.com/glue/latest/dg/add-job.html",
}
DMS_SOURCE = f"arn:aws:dms:eu-west-1:{ACCOUNT}:endpoint:LEDGERSRC7Q2K4ZR"


def dms_to_s3(region: str, bucket_arg: Any = None, partner: bool = False) -> Build:
    """A DMS Serverless replication (full load and CDC) in ``region`` whose source endpoint connects to the GDPR
    RDS database in Ireland (by its address) and whose S3 target endpoint writes into an untagged bucket of the
    stack in the same Region (DMS requires it). ``partner``: the target bucket is not in the stack, and the
    endpoint says it belongs to a partner's account (ExpectedBucketOwner)."""

    def build(s: Stack) -> None:
        db = rds_instance(s, aws(s))
        prov = aws(s, region)
        src_arn = f"arn:aws:dms:{region}:{ACCOUNT}:endpoint:LEDGERSRC7Q2K4ZR"
        src = put(
            s,
            "aws:dms/endpoint:Endpoint",
            "ledger-src",
            prov,
            deps=[db],
            known={"id": "ledger-src", "endpointArn": src_arn},
            endpointId="ledger-src",
            endpointType="source",
            engineName="postgres",
            serverName="ledger.c9akciq32rrw.eu-west-1.rds.amazonaws.com",
            databaseName="ledger",
            port=5432,
            username="dms",
            sslMode="require",
        )
        target_arn = f"arn:aws:dms:{region}:{ACCOUNT}:endpoint:LEDGERLAKE3M8P0W"
        if partner:
            bucket_name, extra, deps = "reinsurer-claims-intake", {"expectedBucketOwner": PARTNER_ACCOUNT}, []
        else:
            bucket_name, extra, deps = "ledger-cdc-lake", {}, [s3_bucket(s, "ledger-cdc-lake", region)]
        target = put(
            s,
            "aws:dms/s3Endpoint:S3Endpoint",
            "ledger-lake",
            prov,
            deps=deps,
            known={"id": "ledger-lake", "endpointArn": target_arn},
            endpointId="ledger-lake",
            endpointType="target",
            bucketName=bucket_name if bucket_arg is None else bucket_arg,
            bucketFolder="ledger",
            serviceAccessRoleArn=ROLE,
            dataFormat="parquet",
            encryptionMode="SSE_KMS",
            serverSideEncryptionKmsKeyId=kms(region),
            **extra,
        )
        put(
            s,
            "aws:dms/replicationConfig:ReplicationConfig",
            "ledger-cdc",
            prov,
            deps=[src, target],
            replicationConfigIdentifier="ledger-cdc",
            replicationType="full-load-and-cdc",
            sourceEndpointArn=src_arn,
            targetEndpointArn=target_arn,
            tableMappings=json.dumps(
                {
                    "rules": [
                        {
                            "rule-type": "selection",
                            "rule-id": "1",
                            "rule-name": "all",
                            "object-locator": {"schema-name": "public", "table-name": "%"},
                            "rule-action": "include",
                        }
                    ]
                }
            ),
            computeConfig={"replicationSubnetGroupId": "ledger-dms", "maxCapacityUnits": 16},
            startReplication=True,
        )

    return build


# Violates: a replication running in Virginia reads every row of the GDPR database, and its changes, into a
# bucket there.
case("aws14-dms-serverless-s3-virginia", AWS_COPIES, "DENY", AWS_DOC["dms-s3"])(dms_to_s3("us-east-1"))
# Complies: the replication and its bucket are in Frankfurt.
case("aws14-dms-serverless-s3-frankfurt", AWS_COPIES, cite=AWS_DOC["dms-serverless"])(dms_to_s3("eu-central-1"))


def serverless_cache(region: Any, seed: Any = None, provider_region: str | None = None) -> Build:
    """An untagged ElastiCache Serverless (Valkey) cache seeded from an RDB file that the GDPR sessions cache
    exported to a GDPR bucket in Ireland (an S3 ARN carries no Region). ``region`` is where the cache runs."""

    def build(s: Stack) -> None:
        bucket = s3_bucket(s, "ledger-cache-exports", "eu-west-1", GDPR)
        prov_region = provider_region or (region if isinstance(region, str) else "eu-west-1")
        extra = {"region": region} if provider_region else {}
        put(
            s,
            "aws:elasticache/serverlessCache:ServerlessCache",
            "sessions-copy",
            aws(s, prov_region),
            deps=[bucket],
            name="sessions-copy",
            engine="valkey",
            majorEngineVersion="8",
            snapshotArnsToRestores=["arn:aws:s3:::ledger-cache-exports/sessions/2026-11-30.rdb"]
            if seed is None
            else seed,
            kmsKeyId=kms(prov_region),
            **extra,
        )

    return build


# Complies: the seeded cache runs in Ireland, beside the export (the RDB file must be in the cache's Region).
case("aws14-serverless-cache-seeded-ireland", AWS_COPIES, cite=AWS_DOC["ec-seed"])(serverless_cache("eu-west-1"))


def cache_from_snapshot(s: Stack) -> None:
    """A GDPR serverless cache exists in Ireland with a snapshot; an untagged cache there is restored from it."""
    snap = f"arn:aws:elasticache:eu-west-1:{ACCOUNT}:serverlesscachesnapshot:sessions-nightly"
    src = put(
        s,
        "aws:elasticache/serverlessCache:ServerlessCache",
        "sessions",
        aws(s),
        known={"id": "sessions", "arn": f"arn:aws:elasticache:eu-west-1:{ACCOUNT}:serverlesscache:sessions"},
        name="sessions",
        engine="valkey",
        majorEngineVersion="8",
        dailySnapshotTime="03:00",
        snapshotRetentionLimit=7,
        tags=GDPR,
    )
    put(
        s,
        "aws:elasticache/serverlessCache:ServerlessCache",
        "sessions-restored",
        aws(s),
        deps=[src],
        name="sessions-restored",
        engine="valkey",
        majorEngineVersion="8",
        snapshotArnsToRestores=[snap],
    )


# Complies: restored from a snapshot of the GDPR cache in the same Region (Ireland); the copy is untagged.
case("aws14-serverless-cache-restored-same-region", AWS_COPIES, cite=AWS_DOC["ec-restore"])(cache_from_snapshot)


def custom_model(region: str, role: Any = ROLE, training: Any = None, new_role: bool = False) -> Build:
    """A Bedrock fine-tuned model (untagged) trained on the GDPR claims transcripts in an Ireland bucket; the
    custom model, a derivative of that data, is kept in ``region``."""

    def build(s: Stack) -> None:
        bucket = s3_bucket(s, "ledger-training", "eu-west-1", GDPR)
        out = s3_bucket(s, f"ledger-models-{region}", region, NONE)
        deps = [bucket, out]
        if new_role:
            deps.append(
                put(s, "aws:iam/role:Role", "bedrock-tuning", aws(s), name="bedrock-tuning", assumeRolePolicy="{}")
            )
        urn = put(
            s,
            "aws:bedrock/customModel:CustomModel",
            "claims-tuned",
            aws(s, region),
            deps=deps,
            customModelName="claims-tuned",
            jobName="claims-tuning-2026-12",
            baseModelIdentifier=f"arn:aws:bedrock:{region}::foundation-model/amazon.titan-text-express-v1",
            customizationType="FINE_TUNING",
            roleArn=role,
            hyperparameters={"epochCount": "2", "batchSize": "1", "learningRate": "0.00001"},
            trainingDataConfig={"s3Uri": "s3://ledger-training/claims/train.jsonl"} if training is None else training,
            outputDataConfig={"s3Uri": f"s3://ledger-models-{region}/claims-tuned/"},
        )
        if new_role:
            depends(s, urn, roleArn=[deps[-1]])

    return build


# Violates: a model fine-tuned on GDPR transcripts is kept in Oregon (the Region of the customization job).
case("aws14-bedrock-custom-model-oregon", AWS_COPIES, "DENY", AWS_DOC["bedrock-custom"])(custom_model("us-west-2"))
# Complies: the model is tuned and kept in Frankfurt.
case("aws14-bedrock-custom-model-frankfurt", AWS_COPIES, cite=AWS_DOC["bedrock-custom"])(custom_model("eu-central-1"))


def glue_job(region: str) -> Build:
    """A GDPR-tagged Glue ETL job (Spark) that reads the claims lake in Ireland and writes curated tables back;
    the job's Region is where its workers process the data."""

    def build(s: Stack) -> None:
        lake = s3_bucket(s, "ledger-claims-lake", "eu-west-1", GDPR)
        put(
            s,
            "aws:glue/job:Job",
            "claims-curate",
            aws(s, region),
            deps=[lake],
            name="claims-curate",
            roleArn=ROLE,
            glueVersion="5.0",
            workerType="G.1X",
            numberOfWorkers=10,
            command={
                "name": "glueetl",
                "scriptLocation": "s3://ledger-claims-lake/jobs/curate.py",
                "pythonVersion": "3",
            },
            defaultArguments={
                "--source_path": "s3://ledger-claims-lake/raw/",
                "--target_path": "s3://ledger-claims-lake/curated/",
                "--enable-job-insights": "true",
            },
            tags=GDPR,
        )

    return build


# Violates: the GDPR ETL job runs in Virginia (Glue reads the Irish bucket across Regions).
case("aws14-glue-job-virginia", AWS_COPIES, "DENY", AWS_DOC["glue-job"])(glue_job("us-east-1"))
# Complies: the job runs in Ireland.
case("aws14-glue-job-ireland", AWS_COPIES, cite=AWS_DOC["glue-job"])(glue_job("eu-west-1"))


# ============================================================================ GCP: copies
GCP_DOC = {
    "alloydb-restore": "https://cloud.google.com/sdk/gcloud/reference/alloydb/clusters/restore",
    "feature-view": "https://cloud.google.com/vertex-ai/docs/featurestore/latest/create-featureview",
    "dataproc-batch": "https://cloud.google.com/dataproc-serverless/docs/quickstarts/spark-batch",
}
ALLOY_BACKUP = f"projects/{PROJECT}/locations/europe-west3/backups/ledger-nightly"


def alloydb_restore(location: Any, source: Any = None) -> Build:
    """An untagged AlloyDB cluster restored from the nightly backup of the GDPR cluster in Frankfurt."""

    def build(s: Stack) -> None:
        src = put(
            s,
            "gcp:alloydb/cluster:Cluster",
            "ledger",
            gcp(s),
            known={"id": f"projects/{PROJECT}/locations/europe-west3/clusters/ledger", "name": "ledger"},
            clusterId="ledger",
            location="europe-west3",
            project=PROJECT,
            networkConfig={"network": f"projects/{PROJECT}/global/networks/ledger"},
            automatedBackupPolicy={"enabled": True, "location": "europe-west3"},
            labels=GDPR,
        )
        put(
            s,
            "gcp:alloydb/cluster:Cluster",
            "ledger-restored",
            gcp(s, location if isinstance(location, str) else "europe-west3"),
            deps=[src],
            clusterId="ledger-restored",
            location=location,
            project=PROJECT,
            networkConfig={"network": f"projects/{PROJECT}/global/networks/ledger"},
            restoreBackupSource={"backupName": ALLOY_BACKUP} if source is None else source,
        )

    return build


# Violates: the restored cluster, a full copy of the GDPR database, runs in Iowa.
case("gcp14-alloydb-restore-iowa", GCP_COPIES, "DENY", GCP_DOC["alloydb-restore"])(alloydb_restore("us-central1"))
# Complies: restored in Frankfurt.
case("gcp14-alloydb-restore-frankfurt", GCP_COPIES, cite=GCP_DOC["alloydb-restore"])(alloydb_restore("europe-west3"))


def feature_view(store_region: str) -> Build:
    """A Vertex AI feature view that syncs a table of the GDPR BigQuery dataset (EU) into an existing, untagged
    Bigtable online store in ``store_region`` every night."""

    def build(s: Stack) -> None:
        ds = put(
            s,
            "gcp:bigquery/dataset:Dataset",
            "claims",
            gcp(s),
            known={"id": f"projects/{PROJECT}/datasets/claims"},
            datasetId="claims",
            project=PROJECT,
            location="EU",
            labels=GDPR,
        )
        store = put(
            s,
            "gcp:vertex/aiFeatureOnlineStore:AiFeatureOnlineStore",
            "serving",
            gcp(s, store_region),
            known={"id": f"projects/{PROJECT}/locations/{store_region}/featureOnlineStores/serving", "name": "serving"},
            name="serving",
            project=PROJECT,
            region=store_region,
            bigtable={"autoScaling": {"minNodeCount": 1, "maxNodeCount": 3, "cpuUtilizationTarget": 60}},
            labels=NONE,
        )
        put(
            s,
            "gcp:vertex/aiFeatureOnlineStoreFeatureview:AiFeatureOnlineStoreFeatureview",
            "claimant-features",
            gcp(s, store_region),
            deps=[ds, store],
            name="claimant_features",
            project=PROJECT,
            region=store_region,
            featureOnlineStore="serving",
            bigQuerySource={"uri": f"bq://{PROJECT}.claims.claimant_features", "entityIdColumns": ["claimant_id"]},
            syncConfig={"cron": "0 2 * * *"},
        )

    return build


# Violates: the feature view copies GDPR claimant features into an online store in Iowa.
case("gcp14-feature-view-gdpr-table-iowa", GCP_COPIES, "DENY", GCP_DOC["feature-view"])(feature_view("us-central1"))
# Complies: the online store is in the Netherlands, inside the EU multi-region's countries.
case("gcp14-feature-view-gdpr-table-netherlands", GCP_COPIES, cite=GCP_DOC["feature-view"])(
    feature_view("europe-west4")
)


def spark_batch(
    location: str | None, provider_region: str = "europe-west3", labels: dict[str, str] | None = GDPR
) -> Build:
    """A Dataproc Serverless PySpark batch (GDPR-labelled) that de-duplicates the claims files of a GDPR bucket
    into another GDPR bucket. ``location`` None: unset (the provider's region)."""

    def build(s: Stack) -> None:
        src = gcs_bucket(s, "ledger-claims-raw", "EUROPE-WEST3", GDPR)
        inputs: dict[str, Any] = {
            "batchId": "claims-dedupe-2026-12",
            "project": PROJECT,
            "pysparkBatch": {
                "mainPythonFileUri": "gs://ledger-claims-raw/jobs/dedupe.py",
                "args": ["--in=gs://ledger-claims-raw/claims/", "--out=gs://ledger-claims-raw/dedup/"],
            },
            "runtimeConfig": {"version": "2.2"},
            "environmentConfig": {"executionConfig": {"subnetworkUri": "ledger-dataproc"}},
        }
        if labels is not None:
            inputs["labels"] = labels
        if location is not None:
            inputs["location"] = location
        put(s, "gcp:dataproc/batch:Batch", "claims-dedupe", gcp(s, provider_region), deps=[src], **inputs)

    return build


# Violates: the batch that reads and writes the GDPR claims runs its executors in South Carolina.
case("gcp14-dataproc-batch-carolina", GCP_COPIES, "DENY", GCP_DOC["dataproc-batch"])(spark_batch("us-east1"))
# Complies: the batch runs in Frankfurt.
case("gcp14-dataproc-batch-frankfurt", GCP_COPIES, cite=GCP_DOC["dataproc-batch"])(spark_batch("europe-west3"))


# ============================================================================ Azure: copies
AZ_DOC = {
    "adf-copy": "https://learn.microsoft.com/en-us/azure/data-factory/copy-activity-overview",
    "adf-ir-location": "https://learn.microsoft.com/en-us/azure/data-factory/concepts-integration-runtime#integration-runtime-location",
    "backup-instance": "https://learn.microsoft.com/en-us/azure/backup/backup-vault-overview",
    "nh-recovery": "https://learn.microsoft.com/en-us/azure/notification-hubs/cross-region-recovery",
    "pairs": "https://learn.microsoft.com/en-us/azure/reliability/cross-region-replication-azure",
}
ADF = f"{RG}/Microsoft.DataFactory/factories/ledger-etl"


def adf_base(s: Stack, factory_location: Any = "westeurope", factory_tags: dict[str, str] | None = GDPR) -> str:
    inputs: dict[str, Any] = {"resourceGroupName": "ledger", "factoryName": "ledger-etl"}
    if factory_location is not None:
        inputs["location"] = factory_location
    if factory_tags is not None:
        inputs["tags"] = factory_tags
    return put(
        s,
        "azure-native:datafactory:Factory",
        "ledger-etl",
        azure(s),
        known={"id": ADF},
        identity={"type": "SystemAssigned"},
        **inputs,
    )


def adf_copy(sink_location: str, ir_location: str | None = None, ir_compute: Any = None) -> Build:
    """A GDPR Data Factory in West Europe with a pipeline whose Copy activity moves the claims container of the
    GDPR storage account into an untagged account in ``sink_location``; ``ir_location``: the activity runs on a
    managed integration runtime placed there."""

    def build(s: Stack) -> None:
        factory = adf_base(s)
        src = storage_account(s, "ledgerclaims", "westeurope", GDPR)
        sink = storage_account(s, "ledgerarchive", sink_location, None)
        common = {"resourceGroupName": "ledger", "factoryName": "ledger-etl"}
        connect: dict[str, Any] = {}
        deps_ir: list[str] = []
        if ir_location is not None or ir_compute is not None:
            deps_ir.append(
                put(
                    s,
                    "azure-native:datafactory:IntegrationRuntime",
                    "copy-ir",
                    azure(s),
                    deps=[factory],
                    integrationRuntimeName="copy-ir",
                    properties={
                        "type": "Managed",
                        "computeProperties": {
                            "location": ir_location,
                            "dataFlowProperties": {"computeType": "General", "coreCount": 8},
                        }
                        if ir_compute is None
                        else ir_compute,
                    },
                    **common,
                )
            )
            connect = {"connectVia": {"referenceName": "copy-ir", "type": "IntegrationRuntimeReference"}}
        links = []
        for ls, account in (("claims-src", "ledgerclaims"), ("archive-sink", "ledgerarchive")):
            links.append(
                put(
                    s,
                    "azure-native:datafactory:LinkedService",
                    ls,
                    azure(s),
                    deps=[factory, src if account == "ledgerclaims" else sink, *deps_ir],
                    linkedServiceName=ls,
                    properties={
                        "type": "AzureBlobStorage",
                        "serviceEndpoint": f"https://{account}.blob.core.windows.net/",
                        "accountKind": "StorageV2",
                        **connect,
                    },
                    **common,
                )
            )
        datasets = []
        for ds, ls, container in (("claims", "claims-src", "claims"), ("archive", "archive-sink", "claims-archive")):
            datasets.append(
                put(
                    s,
                    "azure-native:datafactory:Dataset",
                    ds,
                    azure(s),
                    deps=links,
                    datasetName=ds,
                    properties={
                        "type": "Binary",
                        "linkedServiceName": {"referenceName": ls, "type": "LinkedServiceReference"},
                        "location": {"type": "AzureBlobStorageLocation", "container": container},
                    },
                    **common,
                )
            )
        put(
            s,
            "azure-native:datafactory:Pipeline",
            "nightly-archive",
            azure(s),
            deps=datasets,
            pipelineName="nightly-archive",
            activities=[
                {
                    "name": "copy-claims",
                    "type": "Copy",
                    "inputs": [{"referenceName": "claims", "type": "DatasetReference"}],
                    "outputs": [{"referenceName": "archive", "type": "DatasetReference"}],
                    "source": {
                        "type": "BinarySource",
                        "storeSettings": {"type": "AzureBlobStorageReadSettings", "recursive": True},
                    },
                    "sink": {"type": "BinarySink", "storeSettings": {"type": "AzureBlobStorageWriteSettings"}},
                }
            ],
            **common,
        )

    return build


# Violates: the nightly Copy activity writes the GDPR claims into a storage account in East US.
case("az14-adf-copy-to-east-us", AZURE_COPIES, "DENY", AZ_DOC["adf-copy"])(adf_copy("eastus"))
# Complies: the archive account is in North Europe.
case("az14-adf-copy-to-north-europe", AZURE_COPIES, cite=AZ_DOC["adf-copy"])(adf_copy("northeurope"))
# Violates: both accounts are in Europe, but the copy runs on a managed integration runtime in East US, which
# moves the data through that region.
case("az14-adf-managed-ir-east-us", AZURE_COPIES, "DENY", AZ_DOC["adf-ir-location"])(adf_copy("northeurope", "eastus"))
# Complies: the managed integration runtime is in West Europe.
case("az14-adf-managed-ir-west-europe", AZURE_COPIES, cite=AZ_DOC["adf-ir-location"])(
    adf_copy("northeurope", "westeurope")
)


def backup_instance(protected: str) -> Build:
    """An untagged geo-redundant Backup vault in North Europe (its copy is in the paired region, West Europe)
    with a vaulted blob backup instance of ``protected``: the Irish-regime account or an unregulated one."""

    def build(s: Stack) -> None:
        ie = storage_account(s, "ledgerie", "northeurope", IE_TAG)
        other = storage_account(s, "ledgertools", "northeurope", NONE)
        vault = az(
            s,
            "azure-native:dataprotection:BackupVault",
            "ledger-vault",
            "northeurope",
            None,
            "Microsoft.DataProtection/backupVaults/ledger-vault",
            vaultName="ledger-vault",
            identity={"type": "SystemAssigned"},
            properties={"storageSettings": [{"datastoreType": "VaultStore", "type": "GeoRedundant"}]},
        )
        policy_id = f"{RG}/Microsoft.DataProtection/backupVaults/ledger-vault/backupPolicies/blob-daily"
        acct = f"{RG}/Microsoft.Storage/storageAccounts/{protected}"
        put(
            s,
            "azure-native:dataprotection:BackupInstance",
            "blob-backup",
            azure(s, "northeurope"),
            deps=[vault, ie if protected == "ledgerie" else other],
            resourceGroupName="ledger",
            vaultName="ledger-vault",
            backupInstanceName=f"{protected}-blobs",
            properties={
                "objectType": "BackupInstance",
                "friendlyName": f"{protected}-blobs",
                "dataSourceInfo": {
                    "objectType": "Datasource",
                    "datasourceType": "Microsoft.Storage/storageAccounts/blobServices",
                    "resourceID": acct,
                    "resourceLocation": "northeurope",
                    "resourceName": protected,
                    "resourceType": "Microsoft.Storage/storageAccounts",
                    "resourceUri": acct,
                },
                "policyInfo": {"policyId": policy_id},
            },
        )

    return build


# Violates: the vaulted backup of the Irish-only account goes to a geo-redundant vault, whose copy is kept in
# West Europe (Netherlands).
case("az14-backup-instance-irish-account-grs-vault", AZURE_COPIES, "DENY", AZ_DOC["backup-instance"], config=IE_REGIME)(
    backup_instance("ledgerie")
)
# Complies: the instance in that vault backs up an unregulated account.
case("az14-backup-instance-unregulated-account", AZURE_COPIES, cite=AZ_DOC["backup-instance"], config=IE_REGIME)(
    backup_instance("ledgertools")
)


def notification_hubs(location: str, replication: Any, tags: dict[str, str] = GDPR) -> Build:
    def build(s: Stack) -> None:
        inputs: dict[str, Any] = {}
        if replication is not None:
            inputs["replicationRegion"] = replication
        put(
            s,
            "azure-native:notificationhubs:Namespace",
            "ledger-push",
            azure(s, location),
            resourceGroupName="ledger",
            namespaceName="ledger-push",
            location=location,
            namespaceType="NotificationHub",
            sku={"name": "Standard"},
            tags=tags,
            **inputs,
        )

    return build


# Violates: the namespace's metadata (device registrations of GDPR users) is recovered to West US 2.
case("az14-notification-hubs-recovery-west-us2", AZURE_COPIES, "DENY", AZ_DOC["nh-recovery"])(
    notification_hubs("westeurope", "WestUs2")
)
# Complies: the flexible recovery region is North Europe.
case("az14-notification-hubs-recovery-north-europe", AZURE_COPIES, cite=AZ_DOC["nh-recovery"])(
    notification_hubs("westeurope", "NorthEurope")
)
# Violates: an Irish-only namespace in North Europe with the paired-region option ("Default") keeps its
# recovery copy in West Europe (the Netherlands).
case("az14-notification-hubs-paired-irish", AZURE_COPIES, "DENY", AZ_DOC["pairs"], config=IE_REGIME)(
    notification_hubs("northeurope", "Default", IE_TAG)
)


# ============================================================================ outside destinations
OUT_DOC = {
    "kinesis-policy": "https://docs.aws.amazon.com/streams/latest/dev/resource-based-policy-examples.html",
    "ddb-policy": "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/access-control-resource-based.html",
    "dms-owner": "https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Target.S3.html#CHAP_Target.S3.Configuring",
    "gcs-default-acl": "https://cloud.google.com/storage/docs/access-control/create-manage-lists#defaultobjects",
    "all-authenticated": "https://cloud.google.com/iam/docs/principals-overview#all-authenticated-users",
    "cdn-bucket": "https://cloud.google.com/cdn/docs/setting-up-cdn-with-bucket",
    "blob-anonymous": "https://learn.microsoft.com/en-us/azure/storage/blobs/anonymous-read-access-configure",
    "afd-caching": "https://learn.microsoft.com/en-us/azure/frontdoor/front-door-caching",
}
STREAM_ARN = f"arn:aws:kinesis:eu-west-1:{ACCOUNT}:stream/claims-events"


def kinesis_share(principal: Any, new_stream: bool = False) -> Build:
    """A resource policy on the GDPR claims event stream letting ``principal`` read it (a consumer in that
    account can copy the records anywhere). ``new_stream``: the stream is created in this update."""

    def build(s: Stack) -> None:
        own_account_provider(s)
        stream = put(
            s,
            "aws:kinesis/stream:Stream",
            "claims-events",
            aws(s),
            known=None if new_stream else {"id": STREAM_ARN, "arn": STREAM_ARN, "name": "claims-events"},
            name="claims-events",
            streamModeDetails={"streamMode": "ON_DEMAND"},
            encryptionType="KMS",
            kmsKeyId=KMS,
            tags=GDPR,
        )
        deps = [stream]
        if principal == UNKNOWN:
            deps.append(put(s, "aws:iam/role:Role", "consumer", aws(s), name="claims-consumer", assumeRolePolicy="{}"))
        policy = put(
            s,
            "aws:kinesis/resourcePolicy:ResourcePolicy",
            "claims-events-share",
            aws(s),
            deps=deps,
            resourceArn=UNKNOWN if new_stream else STREAM_ARN,
            policy=UNKNOWN
            if principal == UNKNOWN
            else json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Sid": "ConsumerRead",
                            "Effect": "Allow",
                            "Principal": {"AWS": f"arn:aws:iam::{principal}:root"},
                            "Action": [
                                "kinesis:DescribeStreamSummary",
                                "kinesis:GetShardIterator",
                                "kinesis:GetRecords",
                                "kinesis:ListShards",
                            ],
                            "Resource": STREAM_ARN,
                        }
                    ],
                }
            ),
        )
        if new_stream:
            depends(s, policy, resourceArn=[stream])
        if principal == UNKNOWN:
            depends(s, policy, policy=[deps[-1]])

    return build


# Violates: another company's account may read the GDPR event stream.
case("out14-kinesis-policy-partner-account", OUTSIDE, "DENY", OUT_DOC["kinesis-policy"])(kinesis_share(PARTNER_ACCOUNT))
# Complies: only our own second account (named by a provider of the stack) may read it.
case("out14-kinesis-policy-own-account", OUTSIDE, cite=OUT_DOC["kinesis-policy"])(kinesis_share(OWN_ACCOUNT))


def dynamodb_share(principal: Any) -> Build:
    def build(s: Stack) -> None:
        own_account_provider(s)
        arn = f"arn:aws:dynamodb:eu-west-1:{ACCOUNT}:table/policyholders"
        table = put(
            s,
            "aws:dynamodb/table:Table",
            "policyholders",
            aws(s),
            known={"id": "policyholders", "arn": arn},
            name="policyholders",
            billingMode="PAY_PER_REQUEST",
            hashKey="id",
            attributes=[{"name": "id", "type": "S"}],
            tags=GDPR,
        )
        put(
            s,
            "aws:dynamodb/resourcePolicy:ResourcePolicy",
            "policyholders-share",
            aws(s),
            deps=[table],
            resourceArn=arn,
            policy=json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Principal": {"AWS": principal},
                            "Action": ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan"],
                            "Resource": arn,
                        }
                    ],
                }
            ),
        )

    return build


# Violates: every AWS principal of every account may read the GDPR table.
case("out14-dynamodb-policy-everyone", OUTSIDE, "DENY", OUT_DOC["ddb-policy"])(dynamodb_share("*"))
# Complies: a role of our own second account may read it.
case("out14-dynamodb-policy-own-account-role", OUTSIDE, cite=OUT_DOC["ddb-policy"])(
    dynamodb_share(f"arn:aws:iam::{OWN_ACCOUNT}:role/claims-reporting")
)
# Violates: the DMS target endpoint declares the bucket belongs to a partner's account (ExpectedBucketOwner):
# the replicated GDPR rows are written into another company's bucket.
case("out14-dms-s3-partner-owned-bucket", OUTSIDE, "DENY", OUT_DOC["dms-owner"])(dms_to_s3("eu-west-1", partner=True))


def default_object_acl(entity: Any, new_bucket: bool = False) -> Build:
    """A default object ACL on the GDPR bucket: every object uploaded afterwards gets ``entity`` as READER."""

    def build(s: Stack) -> None:
        if new_bucket:
            bucket = put(
                s,
                "gcp:storage/bucket:Bucket",
                "ledger-letters",
                gcp(s),
                name="ledger-letters",
                location="EUROPE-WEST3",
                uniformBucketLevelAccess=False,
                labels=GDPR,
            )
        else:
            bucket = gcs_bucket(s, "ledger-letters", "EUROPE-WEST3", GDPR)
            # Fine-grained access: object ACLs only apply without uniform bucket-level access.
            for attrs in (_find(s, bucket).inputs, _find(s, bucket).outputs):
                attrs["uniformBucketLevelAccess"] = False
        deps = [bucket]
        if entity == UNKNOWN:
            deps.append(
                put(s, "gcp:serviceaccount/account:Account", "mailer", gcp(s), accountId="mailer", project=PROJECT)
            )
        acl = put(
            s,
            "gcp:storage/defaultObjectAccessControl:DefaultObjectAccessControl",
            "letters-default",
            gcp(s),
            deps=deps,
            bucket=UNKNOWN if new_bucket else "ledger-letters",
            entity=entity,
            role="READER",
        )
        if new_bucket:
            depends(s, acl, bucket=[bucket])
        if entity == UNKNOWN:
            depends(s, acl, entity=[deps[-1]])

    return build


# Violates: every new object in the GDPR bucket is readable by anyone on the internet.
case("out14-gcs-default-acl-all-users", OUTSIDE, "DENY", OUT_DOC["gcs-default-acl"])(default_object_acl("allUsers"))
# Complies: the default reader is the project's viewers.
case("out14-gcs-default-acl-project-viewers", OUTSIDE, cite=OUT_DOC["gcs-default-acl"])(
    default_object_acl("project-viewers-318204567781")
)


def dataset_member(member: str) -> Build:
    def build(s: Stack) -> None:
        ds = put(
            s,
            "gcp:bigquery/dataset:Dataset",
            "claims",
            gcp(s),
            known={"id": f"projects/{PROJECT}/datasets/claims"},
            datasetId="claims",
            project=PROJECT,
            location="EU",
            labels=GDPR,
        )
        put(
            s,
            "gcp:bigquery/datasetIamMember:DatasetIamMember",
            "claims-viewer",
            gcp(s),
            deps=[ds],
            datasetId="claims",
            project=PROJECT,
            role="roles/bigquery.dataViewer",
            member=member,
        )

    return build


# Violates: any Google account (allAuthenticatedUsers) may read the GDPR dataset and copy it anywhere.
case("out14-bq-dataset-all-authenticated", OUTSIDE, "DENY", OUT_DOC["all-authenticated"])(
    dataset_member("allAuthenticatedUsers")
)
# Complies: the project's own reporting service account may read it.
case("out14-bq-dataset-own-service-account", OUTSIDE, cite=OUT_DOC["all-authenticated"])(
    dataset_member(f"serviceAccount:reporting@{PROJECT}.iam.gserviceaccount.com")
)


def cdn_bucket(enable: bool, cdn_policy: Any = None) -> Build:
    """A backend bucket serving the GDPR letters bucket behind an external Application Load Balancer."""

    def build(s: Stack) -> None:
        bucket = gcs_bucket(s, "ledger-letters", "EUROPE-WEST3", GDPR)
        inputs: dict[str, Any] = {"enableCdn": enable}
        if enable or cdn_policy is not None:
            inputs["cdnPolicy"] = (
                {"cacheMode": "CACHE_ALL_STATIC", "defaultTtl": 3600, "signedUrlCacheMaxAgeSec": 600}
                if cdn_policy is None
                else cdn_policy
            )
        put(
            s,
            "gcp:compute/backendBucket:BackendBucket",
            "letters",
            gcp(s),
            deps=[bucket],
            name="ledger-letters",
            project=PROJECT,
            bucketName="ledger-letters",
            **inputs,
        )

    return build


# Violates: Cloud CDN caches the GDPR letters at Google's edge locations worldwide.
case("out14-backend-bucket-cdn-enabled", OUTSIDE, "DENY", OUT_DOC["cdn-bucket"])(cdn_bucket(True))
# Complies: the backend bucket serves the letters without Cloud CDN (nothing is cached at the edge).
case("out14-backend-bucket-cdn-disabled", OUTSIDE, cite=OUT_DOC["cdn-bucket"])(cdn_bucket(False))


def blob_container(public: Any, account_name: Any = "ledgerclaims", new_account: bool = False) -> Build:
    def build(s: Stack) -> None:
        if new_account:
            acct = put(
                s,
                "azure-native:storage:StorageAccount",
                "ledgerclaims",
                azure(s),
                resourceGroupName="ledger",
                accountName="ledgerclaims",
                location="westeurope",
                kind="StorageV2",
                sku={"name": "Standard_LRS"},
                allowBlobPublicAccess=True,
                tags=GDPR,
            )
        else:
            acct = storage_account(s, "ledgerclaims", "westeurope", GDPR)
            _find(s, acct).inputs["allowBlobPublicAccess"] = True
            _find(s, acct).outputs["allowBlobPublicAccess"] = True
        urn = put(
            s,
            "azure-native:storage:BlobContainer",
            "letters",
            azure(s),
            deps=[acct],
            resourceGroupName="ledger",
            accountName=account_name,
            containerName="letters",
            publicAccess=public,
        )
        if new_account:
            depends(s, urn, accountName=[acct])

    return build


# Violates: anonymous clients may read every blob of the container in the GDPR account.
case("out14-blob-container-anonymous-blob", OUTSIDE, "DENY", OUT_DOC["blob-anonymous"])(blob_container("Blob"))
# Complies: the container allows no anonymous access.
case("out14-blob-container-private", OUTSIDE, cite=OUT_DOC["blob-anonymous"])(blob_container("None"))

AFD_RG = f"{RG}/Microsoft.Cdn/profiles/ledger-edge"


def front_door(caching: bool) -> Build:
    """An Azure Front Door Standard profile whose route serves the GDPR storage account's static site."""

    def build(s: Stack) -> None:
        acct = storage_account(s, "ledgerportal", "westeurope", GDPR)
        common = {"resourceGroupName": "ledger", "profileName": "ledger-edge"}
        profile = put(
            s,
            "azure-native:cdn:Profile",
            "ledger-edge",
            azure(s),
            known={"id": AFD_RG},
            resourceGroupName="ledger",
            profileName="ledger-edge",
            location="Global",
            sku={"name": "Standard_AzureFrontDoor"},
            tags=NONE,
        )
        endpoint = put(
            s,
            "azure-native:cdn:AFDEndpoint",
            "portal",
            azure(s),
            deps=[profile],
            known={"id": f"{AFD_RG}/afdEndpoints/portal"},
            endpointName="portal",
            location="Global",
            enabledState="Enabled",
            tags=NONE,
            **common,
        )
        group = put(
            s,
            "azure-native:cdn:AFDOriginGroup",
            "portal-origins",
            azure(s),
            deps=[profile],
            known={"id": f"{AFD_RG}/originGroups/portal-origins"},
            originGroupName="portal-origins",
            loadBalancingSettings={"sampleSize": 4, "successfulSamplesRequired": 3},
            **common,
        )
        origin = put(
            s,
            "azure-native:cdn:AFDOrigin",
            "portal-blob",
            azure(s),
            deps=[group, acct],
            originGroupName="portal-origins",
            originName="portal-blob",
            hostName="ledgerportal.z6.web.core.windows.net",
            originHostHeader="ledgerportal.z6.web.core.windows.net",
            azureOrigin={"id": f"{RG}/Microsoft.Storage/storageAccounts/ledgerportal"},
            httpsPort=443,
            **common,
        )
        extra: dict[str, Any] = {}
        if caching:
            extra["cacheConfiguration"] = {
                "queryStringCachingBehavior": "IgnoreQueryString",
                "compressionSettings": {"isCompressionEnabled": True, "contentTypesToCompress": ["text/html"]},
            }
        put(
            s,
            "azure-native:cdn:Route",
            "portal-route",
            azure(s),
            deps=[endpoint, origin],
            endpointName="portal",
            routeName="portal-route",
            originGroup={"id": f"{AFD_RG}/originGroups/portal-origins"},
            supportedProtocols=["Https"],
            patternsToMatch=["/*"],
            forwardingProtocol="HttpsOnly",
            linkToDefaultDomain="Enabled",
            httpsRedirect="Enabled",
            **extra,
            **common,
        )

    return build


# Violates: the route caches the GDPR portal's responses at Front Door's edge locations around the world.
case("out14-front-door-route-caching", OUTSIDE, "DENY", OUT_DOC["afd-caching"])(front_door(True))
# Complies: the route has no cache configuration, so Front Door caches nothing (it only proxies).
case("out14-front-door-route-no-caching", OUTSIDE, cite=OUT_DOC["afd-caching"])(front_door(False))


# ============================================================================ unset location defaults
DEF_DOC = {
    "aws-provider-region": "https://www.pulumi.com/registry/packages/aws/installation-configuration/",
    "grafana": "https://docs.aws.amazon.com/grafana/latest/userguide/AMG-create-workspace.html",
    "datafusion": "https://www.pulumi.com/registry/packages/gcp/api-docs/datafusion/instance/",
    "dataproc-batch": "https://www.pulumi.com/registry/packages/gcp/api-docs/dataproc/batch/",
    "arm-location": "https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/overview#resource-group-location",
}


def grafana(provider_region: str | None) -> Build:
    def build(s: Stack) -> None:
        if provider_region is None:
            prov = s.provider("aws", "aws-env", allowedAccountIds=[ACCOUNT])
        else:
            prov = aws(s, provider_region)
        put(
            s,
            "aws:grafana/workspace:Workspace",
            "claims-ops",
            prov,
            name="claims-ops",
            accountAccessType="CURRENT_ACCOUNT",
            authenticationProviders=["AWS_SSO"],
            permissionType="SERVICE_MANAGED",
            dataSources=["CLOUDWATCH", "ATHENA"],
            tags=GDPR,
        )

    return build


# Violates: the GDPR Grafana workspace's provider pins the account but no Region (it comes from the environment).
case("def14-grafana-provider-without-region", DEFAULTS, "DENY", DEF_DOC["aws-provider-region"])(grafana(None))
# Complies: the provider's Region is Frankfurt.
case("def14-grafana-provider-frankfurt", DEFAULTS, cite=DEF_DOC["grafana"])(grafana("eu-central-1"))


def data_fusion(provider_region: str, region: Any = None, service_account: Any = None) -> Build:
    """A GDPR Cloud Data Fusion instance (the claims ETL pipelines); ``region`` None: unset (the provider's)."""

    def build(s: Stack) -> None:
        inputs: dict[str, Any] = {
            "name": "claims-etl",
            "project": PROJECT,
            "type": "BASIC",
            "labels": GDPR,
            "enableStackdriverLogging": True,
        }
        if region is not None:
            inputs["region"] = region
        deps: list[str] = []
        if service_account is not None:
            deps.append(
                put(s, "gcp:serviceaccount/account:Account", "etl-sa", gcp(s), accountId="claims-etl", project=PROJECT)
            )
            inputs["dataprocServiceAccount"] = service_account
        urn = put(s, "gcp:datafusion/instance:Instance", "claims-etl", gcp(s, provider_region), deps=deps, **inputs)
        if service_account == UNKNOWN:
            depends(s, urn, dataprocServiceAccount=deps)

    return build


# Violates: the instance sets no region; its provider's region is Iowa.
case("def14-data-fusion-provider-iowa", DEFAULTS, "DENY", DEF_DOC["datafusion"])(data_fusion("us-central1"))
# Complies: unset on the instance, the provider's region (Belgium) decides.
case("def14-data-fusion-provider-belgium", DEFAULTS, cite=DEF_DOC["datafusion"])(data_fusion("europe-west1"))
# Violates: the batch sets no location; its provider's region is Oregon.
case("def14-dataproc-batch-provider-oregon", DEFAULTS, "DENY", DEF_DOC["dataproc-batch"])(spark_batch(None, "us-west1"))
# Complies: unset on the batch, the provider's region is the Netherlands.
case("def14-dataproc-batch-provider-netherlands", DEFAULTS, cite=DEF_DOC["dataproc-batch"])(
    spark_batch(None, "europe-west4")
)


def factory_in_group(rg_location: str | None) -> Build:
    """A GDPR Data Factory without a location in resource group ``ledger``; ``rg_location`` None: the group
    is not in the stack."""

    def build(s: Stack) -> None:
        if rg_location is not None:
            resource_group(s, rg_location)
        adf_base(s, None)

    return build


# Violates: the factory (its pipelines' metadata and run history) takes its group's location, East US.
case("def14-data-factory-group-east-us", DEFAULTS, "DENY", DEF_DOC["arm-location"])(factory_in_group("eastus"))
# Complies: the group is in West Europe.
case("def14-data-factory-group-west-europe", DEFAULTS, cite=DEF_DOC["arm-location"])(factory_in_group("westeurope"))


def logic_app(s: Stack) -> None:
    put(
        s,
        "azure-native:logic:Workflow",
        "claims-intake",
        azure(s),
        resourceGroupName="claims-integration",
        workflowName="claims-intake",
        state="Enabled",
        definition={
            "$schema": "https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#",
            "contentVersion": "1.0.0.0",
            "triggers": {"manual": {"type": "Request", "kind": "Http"}},
            "actions": {},
        },
        tags=GDPR,
    )


# Violates: the GDPR Logic App sets no location and its resource group is not in the stack: it cannot be placed.
case("def14-logic-app-group-not-in-stack", DEFAULTS, "DENY", DEF_DOC["arm-location"])(logic_app)


# ============================================================================ Kubernetes operators
OP_DOC = {
    "ack-region": "https://aws-controllers-k8s.github.io/community/docs/user-docs/multi-region-resource-management/",
    "ack-lambda": "https://aws-controllers-k8s.github.io/community/reference/lambda/v1alpha1/function/",
    "xp-firehose": "https://marketplace.upbound.io/providers/upbound/provider-aws-firehose/latest/resources/firehose.aws.upbound.io/DeliveryStream/v1beta2",
    "xp-adf": "https://marketplace.upbound.io/providers/upbound/provider-azure-datafactory/latest/resources/datafactory.azure.upbound.io/Factory/v1beta1",
    "kcc-dataproc": "https://cloud.google.com/config-connector/docs/reference/resource-docs/dataproc/dataproccluster",
    "kcc-vertex": "https://cloud.google.com/config-connector/docs/reference/resource-docs/vertexai/vertexaidataset",
    "aso-search": "https://azure.github.io/azure-service-operator/reference/search/v1api20220901/",
}


def ack_lambda(region: str) -> Callable[[Stack, str], str]:
    return custom_resource(
        "lambda.services.k8s.aws/v1alpha1",
        "Function",
        "acme-claims-ocr",
        "acme",
        {
            "name": "acme-claims-ocr",
            "packageType": "Image",
            "code": {"imageURI": f"{ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/acme/ocr:1.4.2"},
            "role": f"arn:aws:iam::{ACCOUNT}:role/acme-ocr",
            "memorySize": 2048,
            "timeout": 120,
        },
        annotations={"services.k8s.aws/region": region},
    )


# Violates: ACK creates the GDPR tenant's Lambda function (which processes claim scans) in Ohio.
case("op14-ack-lambda-ohio", OPERATORS, "DENY", OP_DOC["ack-lambda"])(operator(ack_lambda("us-east-2")))
# Complies: the function is in Ireland.
case("op14-ack-lambda-ireland", OPERATORS, cite=OP_DOC["ack-region"])(operator(ack_lambda("eu-west-1")))


def crossplane_firehose(region: str) -> Callable[[Stack, str], str]:
    return custom_resource(
        "firehose.aws.upbound.io/v1beta2",
        "DeliveryStream",
        "acme-clickstream",
        None,
        {
            "forProvider": {
                "region": region,
                "destination": "extended_s3",
                "extendedS3Configuration": {
                    "bucketArn": "arn:aws:s3:::acme-clickstream",
                    "roleArn": f"arn:aws:iam::{ACCOUNT}:role/acme-firehose",
                    "bufferingInterval": 300,
                },
            },
            "providerConfigRef": {"name": "default"},
        },
        labels={**GDPR, "fleet-tenant": "acme"},
    )


# Violates: a cluster-scoped Crossplane Firehose stream labelled GDPR is created in Mumbai.
case("op14-crossplane-firehose-mumbai", OPERATORS, "DENY", OP_DOC["xp-firehose"])(
    operator(crossplane_firehose("ap-south-1"))
)
# Complies: the stream is in Spain.
case("op14-crossplane-firehose-spain", OPERATORS, cite=OP_DOC["xp-firehose"])(
    operator(crossplane_firehose("eu-south-2"))
)


def crossplane_adf(location: str) -> Callable[[Stack, str], str]:
    return custom_resource(
        "datafactory.azure.upbound.io/v1beta1",
        "Factory",
        "acme-etl",
        None,
        {
            "forProvider": {
                "location": location,
                "resourceGroupName": "acme-rg",
                "identity": {"type": "SystemAssigned"},
            },
            "providerConfigRef": {"name": "default"},
        },
        labels={**GDPR, "fleet-tenant": "acme"},
    )


# Violates: the GDPR tenant's Data Factory (Crossplane) is created in Central India.
case("op14-crossplane-data-factory-india", OPERATORS, "DENY", OP_DOC["xp-adf"])(
    operator(crossplane_adf("centralindia"), "azure-native")
)
# Complies: the factory is in Germany West Central.
case("op14-crossplane-data-factory-germany", OPERATORS, cite=OP_DOC["xp-adf"])(
    operator(crossplane_adf("germanywestcentral"), "azure-native")
)


def kcc_dataproc(location: str) -> Callable[[Stack, str], str]:
    return custom_resource(
        "dataproc.cnrm.cloud.google.com/v1beta1",
        "DataprocCluster",
        "acme-spark",
        "acme",
        {
            "location": location,
            "config": {
                "masterConfig": {"numInstances": 1, "machineType": "n2-standard-4"},
                "workerConfig": {"numInstances": 2, "machineType": "n2-standard-4"},
            },
        },
        annotations={"cnrm.cloud.google.com/project-id": "acme-prod"},
    )


# Violates: Config Connector creates the GDPR tenant's Dataproc cluster in Singapore.
case("op14-kcc-dataproc-singapore", OPERATORS, "DENY", OP_DOC["kcc-dataproc"])(
    operator(kcc_dataproc("asia-southeast1"), "gcp")
)
# Complies: the cluster is in Finland.
case("op14-kcc-dataproc-finland", OPERATORS, cite=OP_DOC["kcc-dataproc"])(
    operator(kcc_dataproc("europe-north1"), "gcp")
)


def kcc_vertex(region: str) -> Callable[[Stack, str], str]:
    return custom_resource(
        "vertexai.cnrm.cloud.google.com/v1beta1",
        "VertexAIDataset",
        "acme-claims-images",
        "acme",
        {
            "displayName": "acme-claims-images",
            "region": region,
            "metadataSchemaUri": "gs://google-cloud-aiplatform/schema/dataset/metadata/image_1.0.0.yaml",
            "projectRef": {"external": "acme-prod"},
        },
    )


# Violates: the GDPR tenant's Vertex AI dataset (claim photos) is created in Iowa.
case("op14-kcc-vertex-dataset-iowa", OPERATORS, "DENY", OP_DOC["kcc-vertex"])(
    operator(kcc_vertex("us-central1"), "gcp")
)
# Complies: the dataset is in the Netherlands.
case("op14-kcc-vertex-dataset-netherlands", OPERATORS, cite=OP_DOC["kcc-vertex"])(
    operator(kcc_vertex("europe-west4"), "gcp")
)


def aso_search(location: str) -> Callable[[Stack, str], str]:
    return custom_resource(
        "search.azure.com/v1api20220901",
        "SearchService",
        "acme-claims-search",
        "acme",
        {"location": location, "owner": {"name": "acme-rg"}, "sku": {"name": "standard"}, "replicaCount": 1},
    )


# Violates: Azure Service Operator creates the GDPR tenant's AI Search service (an index of claims) in Japan East.
case("op14-aso-search-japan", OPERATORS, "DENY", OP_DOC["aso-search"])(
    operator(aso_search("japaneast"), "azure-native")
)
# Complies: the search service is in France Central.
case("op14-aso-search-france", OPERATORS, cite=OP_DOC["aso-search"])(
    operator(aso_search("francecentral"), "azure-native")
)


# ============================================================================ cloud guardrails
GRD_DOC = {
    "scp-region": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html",
    "bedrock-scp": "https://docs.aws.amazon.com/bedrock/latest/userguide/cross-region-inference.html",
    "sso-roles": "https://docs.aws.amazon.com/singlesignon/latest/userguide/referencingpermissionsets.html",
    "az-initiative": "https://learn.microsoft.com/en-us/azure/governance/policy/concepts/initiative-definition-structure",
    "az-allowed-locations": "https://learn.microsoft.com/en-us/azure/governance/policy/samples/built-in-policies#general",
    "gcp-custom": "https://cloud.google.com/resource-manager/docs/organization-policy/creating-managing-custom-constraints",
}


def scp_not_action(extra_not_actions: list[str]) -> str:
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "DenyOutsideEEA",
                    "Effect": "Deny",
                    "NotAction": [*GLOBAL_SERVICES, *extra_not_actions],
                    "Resource": "*",
                    "Condition": {"StringNotEquals": {"aws:RequestedRegion": GDPR_AWS}},
                }
            ],
        }
    )


# Violates: the region deny also exempts every Bedrock action (so that cross-Region inference works), so
# Bedrock may be called, with GDPR prompts, in any Region.
case("grd14-aws-scp-exempts-bedrock", GUARDRAILS, "DENY", GRD_DOC["bedrock-scp"])(
    eks_guarded(scp_not_action(["bedrock:*"]))
)
SSO_ALL = "arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*"
SSO_BREAK_GLASS = "arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_BreakGlass_*"
# Violates: the deny exempts every IAM Identity Center role, i.e. every person who signs in.
case("grd14-aws-scp-exempts-all-sso-roles", GUARDRAILS, "DENY", GRD_DOC["sso-roles"])(
    eks_guarded(scp(extra={"ArnNotLike": {"aws:PrincipalARN": [SSO_ALL]}}))
)
# Complies: the deny exempts the one break-glass permission set's role only.
case("grd14-aws-scp-exempts-break-glass-sso-role", GUARDRAILS, cite=GRD_DOC["scp-region"])(
    eks_guarded(scp(extra={"ArnNotLike": {"aws:PrincipalARN": [SSO_BREAK_GLASS]}}))
)
ALLOWED_LOCATIONS = "/providers/Microsoft.Authorization/policyDefinitions/e56962a6-4747-49cd-b67b-bf8b01975c4c"
ASSIGNMENT = "azure-native:authorization:PolicyAssignment"


def az_allowed(values: list[str]) -> Build:
    """The guarded AKS cluster, its two "Allowed locations" assignments listing ``values``."""
    built = aks_guarded()
    for name in ("eea-locations", "eea-rg-locations"):
        built = retouch(built, ASSIGNMENT, name, parameters={"listOfAllowedLocations": {"value": values}})
    return built


# Violates: the allowed list adds "global", which no country places.
case("grd14-azure-allowed-locations-plus-global", GUARDRAILS, "DENY", GRD_DOC["az-allowed-locations"])(
    az_allowed([*GDPR_AZURE, "global"])
)


def az_initiative(values: list[str]) -> Build:
    """The guarded AKS cluster whose guardrail is an initiative (policy set) wrapping "Allowed locations",
    assigned to the subscription, instead of direct assignments of the definition."""
    built = aks_guarded()

    def build(s: Stack) -> None:
        built(s)
        s.resources = [r for r in s.resources if r.type != ASSIGNMENT]
        policy = s.urn("pulumi:providers:azure-native", "policy")
        scope = f"/subscriptions/{SUB}"
        set_id = f"{scope}/providers/Microsoft.Authorization/policySetDefinitions/eea-residency"
        initiative = put(
            s,
            "azure-native:authorization:PolicySetDefinition",
            "eea-residency",
            policy,
            known={"id": set_id},
            policySetDefinitionName="eea-residency",
            policyType="Custom",
            displayName="EEA residency",
            parameters={"allowed": {"type": "Array"}},
            policyDefinitions=[
                {
                    "policyDefinitionId": ALLOWED_LOCATIONS,
                    "policyDefinitionReferenceId": "allowedLocations",
                    "parameters": {"listOfAllowedLocations": {"value": "[parameters('allowed')]"}},
                }
            ],
        )
        put(
            s,
            ASSIGNMENT,
            "eea-residency",
            policy,
            deps=[initiative],
            known={"id": f"{scope}/providers/Microsoft.Authorization/policyAssignments/eea-residency"},
            scope=scope,
            policyAssignmentName="eea-residency",
            policyDefinitionId=set_id,
            enforcementMode="Default",
            parameters={"allowed": {"value": values}},
        )

    return build


# Complies: an enforced initiative containing "Allowed locations" with the EEA regions covers the subscription.
case("grd14-azure-initiative-eea", GUARDRAILS, cite=GRD_DOC["az-initiative"])(az_initiative(GDPR_AZURE))
# Violates: the initiative's allowed list includes East US.
case("grd14-azure-initiative-plus-east-us", GUARDRAILS, "DENY", GRD_DOC["az-initiative"])(
    az_initiative([*GDPR_AZURE, "eastus"])
)


def gcp_custom_constraint(s: Stack, org: str) -> str:
    default_sink("europe-west3")(s)  # the cluster's logs stay in Frankfurt (as the earlier corpora's GKE cases)
    constraint = put(
        s,
        "gcp:orgpolicy/customConstraint:CustomConstraint",
        "gke-locations",
        org,
        name="custom.gkeEeaLocations",
        parent="organizations/480195736254",
        actionType="ALLOW",
        methodTypes=["CREATE", "UPDATE"],
        resourceTypes=["container.googleapis.com/Cluster"],
        condition="resource.location.startsWith('europe-west3') || resource.location.startsWith('europe-west4')",
        displayName="GKE clusters in the EEA",
    )
    return put(
        s,
        "gcp:orgpolicy/policy:Policy",
        "gke-locations",
        org,
        deps=[constraint],
        name=f"projects/{PROJECT}/policies/custom.gkeEeaLocations",
        parent=f"projects/{PROJECT}",
        spec={"rules": [{"enforce": "TRUE"}]},
    )


# Violates: the only guardrail is a custom constraint on GKE clusters' locations; every other service may
# create resources anywhere (it is not gcp.resourceLocations).
case("grd14-gcp-custom-constraint-only", GUARDRAILS, "DENY", GRD_DOC["gcp-custom"])(gke_guarded(gcp_custom_constraint))
# Complies: the custom constraint sits beside gcp.resourceLocations limited to EEA value groups.
case("grd14-gcp-custom-constraint-plus-locations", GUARDRAILS, cite=GRD_DOC["gcp-custom"])(
    gke_guarded(gcp_custom_constraint, org_policy())
)


# ============================================================================ unknown at preview
PRE_DOC = {
    "unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
    "policy-preview": "https://www.pulumi.com/docs/iac/using-pulumi/crossguard/best-practices/",
}

# Violates: the customization job's role is created in this update (unknown), but the model's Region,
# Oregon, is known.
case("pre14-bedrock-custom-model-oregon-role-unknown", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    custom_model("us-west-2", UNKNOWN, new_role=True)
)
# Complies: the same in Frankfurt.
case("pre14-bedrock-custom-model-frankfurt-role-unknown", PREVIEW, cite=PRE_DOC["unknowns"])(
    custom_model("eu-central-1", UNKNOWN, new_role=True)
)
# Violates: the GDPR stream is new (its ARN unknown, followed through the policy's property dependency); the
# partner account it is shared with is known.
case("pre14-kinesis-new-stream-shared-partner", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    kinesis_share(PARTNER_ACCOUNT, new_stream=True)
)
# Complies at preview: the policy document is built from a role created in this update (unknown); whom it
# admits is decided at the update.
case("pre14-kinesis-policy-unknown", PREVIEW, cite=PRE_DOC["policy-preview"])(kinesis_share(UNKNOWN))
# Violates: the GDPR bucket is new (its name unknown, followed through the dependency); allUsers is known.
case("pre14-gcs-default-acl-new-bucket-all-users", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    default_object_acl("allUsers", new_bucket=True)
)
# Complies at preview: the default reader is a service account created in this update (unknown entity).
case("pre14-gcs-default-acl-entity-unknown", PREVIEW, cite=PRE_DOC["policy-preview"])(default_object_acl(UNKNOWN))
# Violates: the Dataproc service account is new (unknown); the instance's region, Iowa, is known.
case("pre14-data-fusion-iowa-account-unknown", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    data_fusion("europe-west3", "us-central1", UNKNOWN)
)
# Complies: the same instance in Frankfurt.
case("pre14-data-fusion-frankfurt-account-unknown", PREVIEW, cite=PRE_DOC["unknowns"])(
    data_fusion("europe-west3", "europe-west3", UNKNOWN)
)
# Violates: the GDPR account is new (its name unknown to the container); anonymous access is known.
case("pre14-blob-container-new-account-anonymous", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    blob_container("Container", UNKNOWN, new_account=True)
)


def backup_instance_new_vault(s: Stack) -> None:
    """A new geo-redundant vault (its name unknown to the instance) backing up the Irish-only account."""
    backup_instance("ledgerie")(s)
    vault = _find(s, s.urn("azure-native:dataprotection:BackupVault", "ledger-vault"))
    vault.outputs = {}
    inst = _find(s, s.urn("azure-native:dataprotection:BackupInstance", "blob-backup"))
    inst.inputs["vaultName"] = UNKNOWN
    depends(s, inst.urn, vaultName=[vault.urn])


# Violates: the vault is created in this update (its name unknown to the instance), but both its geo-redundant
# storage and the Irish account it backs up are known.
case("pre14-backup-instance-new-grs-vault-irish", PREVIEW, "DENY", PRE_DOC["unknowns"], config=IE_REGIME)(
    backup_instance_new_vault
)


# ============================================================================ malformed shapes
BAD_DOC = {
    "dms-s3": "https://www.pulumi.com/registry/packages/aws/api-docs/dms/s3endpoint/",
    "serverless-cache": "https://www.pulumi.com/registry/packages/aws/api-docs/elasticache/serverlesscache/",
    "custom-model": "https://www.pulumi.com/registry/packages/aws/api-docs/bedrock/custommodel/",
    "backend-bucket": "https://www.pulumi.com/registry/packages/gcp/api-docs/compute/backendbucket/",
    "datafusion": "https://www.pulumi.com/registry/packages/gcp/api-docs/datafusion/instance/",
    "alloydb": "https://www.pulumi.com/registry/packages/gcp/api-docs/alloydb/cluster/",
    "blob-container": "https://www.pulumi.com/registry/packages/azure-native/api-docs/storage/blobcontainer/",
    "nh-namespace": "https://www.pulumi.com/registry/packages/azure-native/api-docs/notificationhubs/namespace/",
    "adf-ir": "https://www.pulumi.com/registry/packages/azure-native/api-docs/datafactory/integrationruntime/",
}

# Violates: the S3 endpoint's bucket name is an object.
case("bad14-dms-s3-bucket-object", MALFORMED, "DENY", BAD_DOC["dms-s3"])(
    dms_to_s3("eu-central-1", bucket_arg={"name": "ledger-cdc-lake"})
)
# Violates: the serverless cache's own region (v7) is a list of two Regions.
case("bad14-serverless-cache-region-two", MALFORMED, "DENY", BAD_DOC["serverless-cache"])(
    serverless_cache(["eu-west-1", "us-east-1"], provider_region="eu-west-1")
)
# Complies: one snapshot ARN given as a string where the SDK takes a list; the bridge wraps it.
case("bad14-serverless-cache-single-snapshot-string", MALFORMED, cite=BAD_DOC["serverless-cache"])(
    serverless_cache("eu-west-1", "arn:aws:s3:::ledger-cache-exports/sessions/2026-11-30.rdb")
)
# Violates: trainingDataConfig (one object) is a list of two objects.
case("bad14-custom-model-training-two", MALFORMED, "DENY", BAD_DOC["custom-model"])(
    custom_model(
        "eu-central-1",
        training=[{"s3Uri": "s3://ledger-training/claims/train.jsonl"}, {"s3Uri": "s3://partner-drop/train.jsonl"}],
    )
)
# Complies: a one-item list for the flattened trainingDataConfig is what the bridge hands Terraform.
case("bad14-custom-model-training-one-item-list", MALFORMED, cite=BAD_DOC["custom-model"])(
    custom_model("eu-central-1", training=[{"s3Uri": "s3://ledger-training/claims/train.jsonl"}])
)
# Violates: the backend bucket's cdnPolicy (an object) is a string.
case("bad14-backend-bucket-cdn-policy-string", MALFORMED, "DENY", BAD_DOC["backend-bucket"])(
    cdn_bucket(False, "CACHE_ALL_STATIC")
)
# Violates: the Data Fusion instance's region is an object.
case("bad14-data-fusion-region-object", MALFORMED, "DENY", BAD_DOC["datafusion"])(
    data_fusion("europe-west3", {"name": "europe-west3"})
)
# Violates: restoreBackupSource (an object naming the backup) is a string.
case("bad14-alloydb-restore-source-string", MALFORMED, "DENY", BAD_DOC["alloydb"])(
    alloydb_restore("europe-west3", ALLOY_BACKUP)
)
# Violates: the container's publicAccess is a one-item list (azure-native takes one string).
case("bad14-blob-container-public-access-list", MALFORMED, "DENY", BAD_DOC["blob-container"])(blob_container(["None"]))
# Violates: the namespace's replicationRegion is an object.
case("bad14-notification-hubs-replication-object", MALFORMED, "DENY", BAD_DOC["nh-namespace"])(
    notification_hubs("westeurope", {"name": "NorthEurope"})
)
# Violates: the managed integration runtime's computeProperties (an object) is a list.
case("bad14-adf-ir-compute-list", MALFORMED, "DENY", BAD_DOC["adf-ir"])(
    adf_copy("northeurope", ir_compute=[{"location": "westeurope"}])
)
