"""Cloud residency cases of the fifth outside corpus, written from cloud-provider documentation and the
pack's user-facing contract (docs/RULES.md, docs/SPEC.md, docs/REVIEW.md, README.md) by a helper session
that had not read the pack's rules, its residency survey, its configs or its tests. It must never be used
to tune the pack (see README.md beside it).

Cases are built with the ``Case``/``Stack`` API of ``tests/policies/corpus.py`` and the helpers of the
earlier outside corpora. A case asks only whether a correct pack denies it: ``expect="DENY"`` (some
mandatory violation) or nothing (compliant: no mandatory violation at all, so every compliant case is
complete and clean in every other respect). Each cites the page its outcome rests on; a comment above it
says why it violates or complies. None repeats a service or situation of the four earlier corpora: these
are Aurora DSQL witness Regions, Glue catalog tables, Systems Manager resource data syncs and association
output, MSK Connect sink connectors, SageMaker Studio notebook sharing, EMR on EKS job logs, CloudFront;
Cloud Composer environment buckets, Dataplex profile exports, Security Command Center BigQuery exports,
Cloud Asset feeds, Cloud Storage usage logs, Apigee analytics, Parameter Manager; API Management regions,
SignalR and Web PubSub replicas, Redis Enterprise active geo-replication, Cosmos DB for MongoDB vCore geo
replicas, Front Door, Static Web Apps, Databricks DBFS storage, Event Grid namespace push delivery;
DataSync to Azure Blob, Chatbot to Slack, VPC flow logs to another account; ACK, Crossplane, Config
Connector and ASO kinds not used before; and guardrails with tag exemptions, conditional org-policy rules,
inheritance, ``is:`` values, case-insensitive scopes and version pins.

``UNKNOWN`` stands for a value the engine only learns at the update.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from tests.policies.corpus import GDPR, NONE, UNKNOWN, Stack
from tests.policies.outside.corpus import (
    ACCOUNT,
    ALLOWED_LOCATIONS,
    EEA_VALUES,
    GDPR_AWS,
    GDPR_AZURE,
    PROJECT,
    RG,
    ROLE,
    SUB,
    _find,
    aks_guarded,
    aws,
    az,
    azure,
    bq_dataset,
    custom_resource,
    eks_guarded,
    gcp,
    gcs_bucket,
    put,
    s3_bucket,
    scp,
)
from tests.policies.outside2.corpus import on_tenant
from tests.policies.outside4.cloud import AKS_LOC, OWN, gke, located_policy, retouch, scp_with
from tests.policies.outside5.common import case

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
KMS = f"arn:aws:kms:eu-west-1:{ACCOUNT}:key/4c5d6e7f-8091-42a3-b4c5-d6e7f8091a2b"
IE_TAG = {"fleet-residency": "ie"}
IE_CONFIG = {"regimes": [{"name": "ie", "countries": ["IE"], "description": "Ireland only"}]}
EUUK_TAG = {"fleet-residency": "euuk"}
EUUK_CONFIG = {
    "regimes": [{"name": "euuk", "countries": ["IE", "FR", "GB"], "description": "Ireland, France and the UK"}]
}
VPC = "vpc-0a1b2c3d4e5f60718"
SUBNETS = ["subnet-0a1b2c3d4e5f60718", "subnet-0b1c2d3e4f5a60719"]


def with_bucket(bucket: str, region: str, make: Callable[[Stack, str], Any]) -> Build:
    """A bucket of this stack in ``region`` and a resource ``make`` that sends data to it."""

    def build(s: Stack) -> None:
        make(s, s3_bucket(s, bucket, region))

    return build


# ============================================================================ AWS: copies
AWS_DOC = {
    "dsql-multi": "https://docs.aws.amazon.com/aurora-dsql/latest/userguide/what-is-aurora-dsql.html",
    "dsql-witness": "https://docs.aws.amazon.com/aurora-dsql/latest/userguide/disaster-recovery-resiliency.html",
    "glue-table": "https://docs.aws.amazon.com/glue/latest/dg/tables-described.html",
    "ssm-sync": "https://docs.aws.amazon.com/systems-manager/latest/userguide/inventory-create-resource-data-sync.html",
    "ssm-output": "https://docs.aws.amazon.com/systems-manager/latest/userguide/state-manager-about.html",
    "msk-connect": "https://docs.aws.amazon.com/msk/latest/developerguide/mkc-S3sink-connector-example.html",
    "studio-share": "https://docs.aws.amazon.com/sagemaker/latest/dg/notebooks-sharing.html",
    "emr-eks-logs": "https://docs.aws.amazon.com/emr/latest/EMR-on-EKS-DevelopmentGuide/emr-eks-jobs-s3.html",
    "cloudfront": "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/HowCloudFrontWorks.html",
}


def dsql(regime: dict[str, str], witness: Any, kms: Any = None) -> Build:
    """A peered multi-Region Aurora DSQL cluster pair (Ireland and Paris) holding the ledger; the witness
    Region keeps a window of the encrypted transaction log and takes part in every commit."""

    def build(s: Stack) -> None:
        arns = {
            "eu-west-1": f"arn:aws:dsql:eu-west-1:{ACCOUNT}:cluster/abcdefghijklmnopqrst12345",
            "eu-west-3": f"arn:aws:dsql:eu-west-3:{ACCOUNT}:cluster/bcdefghijklmnopqrstu23456",
        }
        for region, other in (("eu-west-1", "eu-west-3"), ("eu-west-3", "eu-west-1")):
            inputs: dict[str, Any] = {
                "deletionProtectionEnabled": True,
                "tags": regime,
                "multiRegionProperties": {"witnessRegion": witness, "clusters": [arns[other]]},
            }
            if kms is not None:
                inputs["kmsEncryptionKey"] = kms
            put(s, "aws:dsql/cluster:Cluster", f"ledger-{region}", aws(s, region), **inputs)

    return build


# Violates: the GDPR clusters' witness Region is London, outside the EEA; it stores transaction logs.
case("aws-dsql-witness-london-gdpr", AWS_COPIES, "DENY", AWS_DOC["dsql-witness"])(dsql(GDPR, "eu-west-2"))
# Complies: for a regime that covers Ireland, France and the UK, the London witness is inside.
case("aws-dsql-witness-london-euuk", AWS_COPIES, cite=AWS_DOC["dsql-multi"], config=EUUK_CONFIG)(
    dsql(EUUK_TAG, "eu-west-2")
)


def glue_table(bucket_region: str, owner: Any = "ledger-data-eng") -> Build:
    """A GDPR stack's Glue Data Catalog table (Ireland) of card transactions; the table's data is the
    objects under its storage descriptor's location, in a bucket of this stack."""

    def make(s: Stack, bucket: str) -> None:
        db = put(s, "aws:glue/catalogDatabase:CatalogDatabase", "ledger", aws(s), name="ledger")
        put(
            s,
            "aws:glue/catalogTable:CatalogTable",
            "transactions",
            aws(s),
            deps=[db, bucket],
            name="transactions",
            databaseName="ledger",
            tableType="EXTERNAL_TABLE",
            owner=owner,
            parameters={"classification": "parquet", "EXTERNAL": "TRUE"},
            storageDescriptor={
                "location": "s3://ledger-lake/transactions/",
                "inputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
                "outputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
                "serDeInfo": {"serializationLibrary": "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"},
                "columns": [{"name": "iban", "type": "string"}, {"name": "amount", "type": "decimal(18,2)"}],
            },
        )

    return with_bucket("ledger-lake", bucket_region, make)


# Violates: the table's data (card transactions) lives in a bucket in N. Virginia.
case("aws-glue-table-location-us", AWS_COPIES, "DENY", AWS_DOC["glue-table"], config=GDPR_STACK)(
    glue_table("us-east-1")
)
# Complies: the table's bucket is in Ireland.
case("aws-glue-table-location-ie", AWS_COPIES, cite=AWS_DOC["glue-table"], config=GDPR_STACK)(glue_table("eu-west-1"))


def data_sync(bucket_region: str, kms: Any = KMS) -> Build:
    """A GDPR stack's Systems Manager resource data sync (Ireland): the inventory of every managed node
    (installed software, files, users, custom inventory) is synced into a bucket of this stack."""

    def make(s: Stack, bucket: str) -> None:
        put(
            s,
            "aws:ssm/resourceDataSync:ResourceDataSync",
            "inventory-sync",
            aws(s),
            deps=[bucket],
            name="inventory-sync",
            s3Destination={
                "bucketName": "ledger-ssm-inventory",
                "region": bucket_region,
                "prefix": "inventory",
                "syncFormat": "JsonSerDe",
                "kmsKeyArn": kms,
            },
        )

    return with_bucket("ledger-ssm-inventory", bucket_region, make)


# Violates: the nodes' inventory is synced to a bucket in Oregon.
case("aws-ssm-data-sync-us", AWS_COPIES, "DENY", AWS_DOC["ssm-sync"], config=GDPR_STACK)(data_sync("us-west-2"))
# Complies: the sync bucket is in Ireland.
case("aws-ssm-data-sync-ie", AWS_COPIES, cite=AWS_DOC["ssm-sync"], config=GDPR_STACK)(data_sync("eu-west-1"))


def association(bucket_region: str, document_version: Any = "$DEFAULT") -> Build:
    """A GDPR State Manager association (Frankfurt) that runs the customer report on the ledger database
    hosts; the command output (the report) is written to a bucket of this stack."""

    def make(s: Stack, bucket: str) -> None:
        put(
            s,
            "aws:ssm/association:Association",
            "customer-report",
            aws(s, "eu-central-1"),
            deps=[bucket],
            name="AWS-RunShellScript",
            associationName="customer-report",
            documentVersion=document_version,
            scheduleExpression="cron(0 2 ? * * *)",
            targets=[{"key": "tag:role", "values": ["ledger-db"]}],
            parameters={"commands": "/opt/ledger/bin/customer-report --all"},
            outputLocation={"s3BucketName": "ledger-ssm-output", "s3KeyPrefix": "reports/", "s3Region": bucket_region},
            tags=GDPR,
        )

    return with_bucket("ledger-ssm-output", bucket_region, make)


# Violates: the report is written to a bucket in N. Virginia (the output location names its Region).
case("aws-ssm-association-output-us", AWS_COPIES, "DENY", AWS_DOC["ssm-output"])(association("us-east-1"))
# Complies: the output bucket is in Frankfurt.
case("aws-ssm-association-output-de", AWS_COPIES, cite=AWS_DOC["ssm-output"])(association("eu-central-1"))


def msk_connector(config: dict[str, str], bucket_region: str | None) -> Build:
    """A GDPR MSK Connect connector (Ireland) that reads the payments topic of the stack's MSK cluster
    and writes every record where its connector configuration says."""

    def build(s: Stack) -> None:
        deps = [s3_bucket(s, "ledger-payments-archive", bucket_region)] if bucket_region else []
        put(
            s,
            "aws:mskconnect/connector:Connector",
            "payments-sink",
            aws(s),
            deps=deps,
            name="payments-sink",
            kafkaconnectVersion="2.7.1",
            serviceExecutionRoleArn=ROLE,
            capacity={"provisionedCapacity": {"mcuCount": 1, "workerCount": 2}},
            connectorConfiguration={"tasks.max": "2", "topics": "payments", **config},
            kafkaCluster={
                "apacheKafkaCluster": {
                    "bootstrapServers": "b-1.ledger.a1b2c3.c2.kafka.eu-west-1.amazonaws.com:9098",
                    "vpc": {"securityGroups": ["sg-0a1b2c3d4e5f60718"], "subnets": SUBNETS},
                }
            },
            kafkaClusterClientAuthentication={"authenticationType": "IAM"},
            kafkaClusterEncryptionInTransit={"encryptionType": "TLS"},
            plugins=[
                {
                    "customPlugin": {
                        "arn": f"arn:aws:kafkaconnect:eu-west-1:{ACCOUNT}:custom-plugin/sink/0a1b2c3d",
                        "revision": 1,
                    }
                }
            ],
            tags=GDPR,
        )

    return build


def s3_sink(region: str) -> dict[str, str]:
    return {
        "connector.class": "io.confluent.connect.s3.S3SinkConnector",
        "s3.region": region,
        "s3.bucket.name": "ledger-payments-archive",
        "flush.size": "1000",
        "storage.class": "io.confluent.connect.s3.storage.S3Storage",
        "format.class": "io.confluent.connect.s3.format.json.JsonFormat",
    }


# Violates: the S3 sink connector writes every payment record to a bucket in Ohio (its s3.region).
case("aws-msk-connect-s3-sink-us", AWS_COPIES, "DENY", AWS_DOC["msk-connect"])(
    msk_connector(s3_sink("us-east-2"), "us-east-2")
)
# Complies: the sink bucket is in Ireland.
case("aws-msk-connect-s3-sink-ie", AWS_COPIES, cite=AWS_DOC["msk-connect"])(
    msk_connector(s3_sink("eu-west-1"), "eu-west-1")
)


def studio_domain(share_uri: str, bucket_region: str | None, vpc: Any = VPC) -> Build:
    """A GDPR SageMaker Studio domain (Ireland) whose users may share notebooks: a shared notebook is
    copied, with its cell outputs, to the domain's sharing S3 path."""

    def build(s: Stack) -> None:
        deps = [s3_bucket(s, "ledger-notebook-shares", bucket_region)] if bucket_region else []
        put(
            s,
            "aws:sagemaker/domain:Domain",
            "ledger-studio",
            aws(s),
            deps=deps,
            domainName="ledger-studio",
            authMode="IAM",
            vpcId=vpc,
            subnetIds=SUBNETS,
            appNetworkAccessType="VpcOnly",
            kmsKeyId=KMS,
            defaultUserSettings={
                "executionRole": ROLE,
                "sharingSettings": {"notebookOutputOption": "Allowed", "s3OutputPath": share_uri, "s3KmsKeyId": KMS},
            },
            tags=GDPR,
        )

    return build


# Violates: shared notebooks (with their outputs: customers' rows) are copied to a bucket in Oregon.
case("aws-studio-notebook-sharing-us", AWS_COPIES, "DENY", AWS_DOC["studio-share"])(
    studio_domain("s3://ledger-notebook-shares/shared", "us-west-2")
)
# Complies: the sharing bucket is in Ireland.
case("aws-studio-notebook-sharing-ie", AWS_COPIES, cite=AWS_DOC["studio-share"])(
    studio_domain("s3://ledger-notebook-shares/shared", "eu-west-1")
)


def emr_eks_template(bucket_region: str) -> Build:
    """A GDPR EMR on EKS job template (Ireland): the Spark driver and executor logs of every job run from
    it (which print the records the reconciliation rejects) are uploaded to its S3 log URI."""

    def make(s: Stack, bucket: str) -> None:
        put(
            s,
            "aws:emrcontainers/jobTemplate:JobTemplate",
            "reconcile",
            aws(s),
            deps=[bucket],
            name="reconcile",
            kmsKeyArn=KMS,
            jobTemplateData={
                "executionRoleArn": ROLE,
                "releaseLabel": "emr-7.5.0-latest",
                "jobDriver": {"sparkSubmitJobDriver": {"entryPoint": "local:///opt/ledger/reconcile.py"}},
                "configurationOverrides": {
                    "monitoringConfiguration": {"s3MonitoringConfiguration": {"logUri": "s3://ledger-emr-eks-logs/"}}
                },
            },
            tags=GDPR,
        )

    return with_bucket("ledger-emr-eks-logs", bucket_region, make)


# Violates: the jobs' logs are uploaded to a bucket in N. California.
case("aws-emr-eks-job-logs-us", AWS_COPIES, "DENY", AWS_DOC["emr-eks-logs"])(emr_eks_template("us-west-1"))
# Complies: the log bucket is in Ireland.
case("aws-emr-eks-job-logs-ie", AWS_COPIES, cite=AWS_DOC["emr-eks-logs"])(emr_eks_template("eu-west-1"))


def cloudfront(tags: dict[str, str]) -> Build:
    """A CloudFront distribution in front of the statements bucket (Ireland): CloudFront caches what it
    serves at edge locations worldwide (PriceClass_100 still includes North America)."""

    def build(s: Stack) -> None:
        bucket = s3_bucket(s, "ledger-statements", "eu-west-1", tags)
        put(
            s,
            "aws:cloudfront/distribution:Distribution",
            "statements",
            aws(s, "us-east-1"),
            deps=[bucket],
            enabled=True,
            priceClass="PriceClass_100",
            origins=[
                {
                    "domainName": "ledger-statements.s3.eu-west-1.amazonaws.com",
                    "originId": "statements",
                    "originAccessControlId": "E2QWRUHAPOMQZL",
                }
            ],
            defaultCacheBehavior={
                "targetOriginId": "statements",
                "viewerProtocolPolicy": "https-only",
                "allowedMethods": ["GET", "HEAD"],
                "cachedMethods": ["GET", "HEAD"],
                "cachePolicyId": "658327ea-f89d-4fab-a63d-7e88639e58f6",
            },
            restrictions={"geoRestriction": {"restrictionType": "none"}},
            viewerCertificate={"cloudfrontDefaultCertificate": True},
            tags=tags,
        )

    return build


# Violates: a GDPR distribution caches customers' statements at edge locations in any country.
case("aws-cloudfront-gdpr-statements", AWS_COPIES, "DENY", AWS_DOC["cloudfront"])(cloudfront(GDPR))
# Complies: an unregulated stack (everything declared none) may cache public content at the edge.
case("aws-cloudfront-unregulated", AWS_COPIES, cite=AWS_DOC["cloudfront"])(cloudfront(NONE))


# ============================================================================ GCP: copies
GCP_DOC = {
    "composer-bucket": "https://cloud.google.com/composer/docs/composer-3/configure-custom-environment-bucket",
    "dataplex-export": "https://cloud.google.com/dataplex/docs/use-data-profiling#export",
    "scc-bigquery": "https://cloud.google.com/security-command-center/docs/how-to-analyze-findings-in-big-query",
    "asset-feed": "https://cloud.google.com/asset-inventory/docs/monitor-asset-changes",
    "gcs-usage-logs": "https://cloud.google.com/storage/docs/access-logs",
    "apigee-region": "https://cloud.google.com/apigee/docs/api-platform/get-started/create-org",
}


def composer(bucket_location: str, size: Any = "ENVIRONMENT_SIZE_SMALL") -> Build:
    """A GDPR Cloud Composer environment (Frankfurt) whose environment bucket (DAGs, task logs, the data/
    folder its tasks exchange) is a custom bucket of this stack."""

    def build(s: Stack) -> None:
        bucket = gcs_bucket(s, "ledger-composer", bucket_location)
        put(
            s,
            "gcp:composer/environment:Environment",
            "ledger-airflow",
            gcp(s),
            deps=[bucket],
            name="ledger-airflow",
            region="europe-west3",
            labels=GDPR,
            storageConfig={"bucket": "ledger-composer"},
            config={"softwareConfig": {"imageVersion": "composer-3-airflow-2.10.5"}, "environmentSize": size},
        )

    return build


# Violates: the environment's bucket (task logs and exchanged data) is in the US multi-region.
case("gcp-composer-bucket-us", GCP_COPIES, "DENY", GCP_DOC["composer-bucket"])(composer("US"))
# Complies: the bucket is in Frankfurt.
case("gcp-composer-bucket-de", GCP_COPIES, cite=GCP_DOC["composer-bucket"])(composer("EUROPE-WEST3"))


def profile_scan(results_table: str, dataset_location: str | None, sampling: Any = 100) -> Build:
    """A GDPR Dataplex data profile scan (Frankfurt) of the customers table; its results (null ratios,
    top values and quartiles: customers' actual values) are exported to ``results_table``."""

    def build(s: Stack) -> None:
        deps = [bq_dataset(s, "ledger", "europe-west3", GDPR)]
        if dataset_location is not None:
            deps.append(bq_dataset(s, "dq_results", dataset_location))
        put(
            s,
            "gcp:dataplex/datascan:Datascan",
            "customers-profile",
            gcp(s),
            deps=deps,
            dataScanId="customers-profile",
            location="europe-west3",
            labels=GDPR,
            data={"resource": f"//bigquery.googleapis.com/projects/{PROJECT}/datasets/ledger/tables/customers"},
            executionSpec={"trigger": {"onDemand": {}}},
            dataProfileSpec={
                "samplingPercent": sampling,
                "postScanActions": {"bigqueryExport": {"resultsTable": results_table}},
            },
        )

    return build


OWN_RESULTS = f"//bigquery.googleapis.com/projects/{PROJECT}/datasets/dq_results/tables/customers_profile"
# Violates: the profile (top values of each column) is exported to a dataset in the US multi-region.
case("gcp-dataplex-profile-export-us", GCP_COPIES, "DENY", GCP_DOC["dataplex-export"])(profile_scan(OWN_RESULTS, "US"))
# Complies: the results dataset is in the EU multi-region.
case("gcp-dataplex-profile-export-eu", GCP_COPIES, cite=GCP_DOC["dataplex-export"])(profile_scan(OWN_RESULTS, "EU"))


def scc_export(dataset: str, dataset_location: str | None) -> Build:
    """A GDPR stack's Security Command Center export of the project's findings (resource names, IP
    addresses, principals' e-mail addresses) to a BigQuery dataset."""

    def build(s: Stack) -> None:
        deps = [bq_dataset(s, "scc_findings", dataset_location)] if dataset_location else []
        put(
            s,
            "gcp:securitycenter/projectSccBigQueryExport:ProjectSccBigQueryExport",
            "findings",
            gcp(s),
            deps=deps,
            bigQueryExportId="ledger-findings",
            project=PROJECT,
            dataset=dataset,
            description="active findings of the ledger project",
            filter='state="ACTIVE"',
        )

    return build


OWN_SCC = f"projects/{PROJECT}/datasets/scc_findings"
# Violates: findings are exported to a dataset in the US multi-region.
case("gcp-scc-bigquery-export-us", GCP_COPIES, "DENY", GCP_DOC["scc-bigquery"], config=GDPR_STACK)(
    scc_export(OWN_SCC, "US")
)
# Complies: the findings dataset is in Frankfurt.
case("gcp-scc-bigquery-export-de", GCP_COPIES, cite=GCP_DOC["scc-bigquery"], config=GDPR_STACK)(
    scc_export(OWN_SCC, "europe-west3")
)


def asset_feed(topic: str, regions: list[str] | None) -> Build:
    """A GDPR stack's Cloud Asset feed: every change to the project's Cloud SQL instances and buckets is
    published, with the resource's full metadata, to a Pub/Sub topic."""

    def build(s: Stack) -> None:
        deps = []
        if regions is not None:
            deps.append(
                put(
                    s,
                    "gcp:pubsub/topic:Topic",
                    "asset-changes",
                    gcp(s),
                    name="asset-changes",
                    messageStoragePolicy={"allowedPersistenceRegions": regions},
                    known={"id": f"projects/{PROJECT}/topics/asset-changes"},
                )
            )
        put(
            s,
            "gcp:cloudasset/projectFeed:ProjectFeed",
            "ledger-assets",
            gcp(s),
            deps=deps,
            feedId="ledger-assets",
            project=PROJECT,
            billingProject=PROJECT,
            contentType="RESOURCE",
            assetTypes=["sqladmin.googleapis.com/Instance", "storage.googleapis.com/Bucket"],
            feedOutputConfig={"pubsubDestination": {"topic": topic}},
        )

    return build


OWN_TOPIC = f"projects/{PROJECT}/topics/asset-changes"
# Violates: the feed's topic stores its messages in Iowa.
case("gcp-asset-feed-topic-us", GCP_COPIES, "DENY", GCP_DOC["asset-feed"], config=GDPR_STACK)(
    asset_feed(OWN_TOPIC, ["us-central1"])
)
# Complies: the topic stores its messages in Frankfurt.
case("gcp-asset-feed-topic-de", GCP_COPIES, cite=GCP_DOC["asset-feed"], config=GDPR_STACK)(
    asset_feed(OWN_TOPIC, ["europe-west3"])
)


def usage_logs(log_location: str, prefix: Any = "ledger-exports") -> Build:
    """A GDPR bucket (Frankfurt) of customer exports whose usage logs (every request: object names,
    requester IP addresses) are written hourly to a log bucket of this stack."""

    def build(s: Stack) -> None:
        logs = gcs_bucket(s, "ledger-access-logs", log_location)
        put(
            s,
            "gcp:storage/bucket:Bucket",
            "ledger-exports",
            gcp(s),
            deps=[logs],
            name="ledger-exports",
            location="EUROPE-WEST3",
            uniformBucketLevelAccess=True,
            labels=GDPR,
            logging={"logBucket": "ledger-access-logs", "logObjectPrefix": prefix},
        )

    return build


# Violates: the usage logs are written to a bucket in the US multi-region.
case("gcp-gcs-usage-logs-us", GCP_COPIES, "DENY", GCP_DOC["gcs-usage-logs"])(usage_logs("US"))
# Complies: the log bucket is in Frankfurt.
case("gcp-gcs-usage-logs-de", GCP_COPIES, cite=GCP_DOC["gcs-usage-logs"])(usage_logs("EUROPE-WEST3"))


def apigee(s: Stack) -> None:
    put(
        s,
        "gcp:apigee/organization:Organization",
        "ledger-apigee",
        gcp(s),
        projectId=PROJECT,
        analyticsRegion="us-central1",
        runtimeType="CLOUD",
        billingType="PAYG",
        authorizedNetwork="ledger-vpc",
    )


# Violates: the Apigee organization keeps its analytics data (API calls, client IPs) in Iowa.
case("gcp-apigee-analytics-us", GCP_COPIES, "DENY", GCP_DOC["apigee-region"], config=GDPR_STACK)(apigee)


# ============================================================================ Azure: copies
AZ_DOC = {
    "apim-regions": "https://learn.microsoft.com/en-us/azure/api-management/api-management-howto-deploy-multi-region",
    "signalr-replica": "https://learn.microsoft.com/en-us/azure/azure-signalr/howto-enable-geo-replication",
    "webpubsub-replica": "https://learn.microsoft.com/en-us/azure/azure-web-pubsub/howto-enable-geo-replication",
    "redis-geo": "https://learn.microsoft.com/en-us/azure/redis/how-to-active-geo-replication",
    "mongo-replica": "https://learn.microsoft.com/en-us/azure/cosmos-db/mongodb/vcore/cross-region-replication",
    "front-door": "https://learn.microsoft.com/en-us/azure/frontdoor/front-door-overview",
    "static-web-apps": "https://learn.microsoft.com/en-us/azure/static-web-apps/overview",
}


def apim(second: str, publisher: Any = "platform@ledger.example.com") -> Build:
    """A GDPR API Management service (West Europe, Premium) whose gateway is also deployed in a second
    region: that gateway receives, processes and caches the API traffic routed to it."""

    def build(s: Stack) -> None:
        az(
            s,
            "azure-native:apimanagement:ApiManagementService",
            "ledger-apim",
            "westeurope",
            GDPR,
            "Microsoft.ApiManagement/service/ledger-apim",
            serviceName="ledger-apim",
            publisherEmail=publisher,
            publisherName="Ledger platform",
            sku={"name": "Premium", "capacity": 1},
            additionalLocations=[{"location": second, "sku": {"name": "Premium", "capacity": 1}}],
        )

    return build


# Violates: the second gateway is in East US.
case("az-apim-additional-region-us", AZURE_COPIES, "DENY", AZ_DOC["apim-regions"])(apim("eastus"))
# Complies: the second gateway is in North Europe.
case("az-apim-additional-region-ie", AZURE_COPIES, cite=AZ_DOC["apim-regions"])(apim("northeurope"))


def replica(package: str, kind: str, service: str, location: str, capacity: Any = 1) -> Build:
    """A GDPR SignalR or Web PubSub service (West Europe, Premium) with a replica in ``location``:
    clients connect to the replica, and messages are relayed between the regions."""

    def build(s: Stack) -> None:
        primary = az(
            s,
            f"azure-native:{package}:{kind}",
            "ledger-realtime",
            "westeurope",
            GDPR,
            f"Microsoft.{service}/ledger-realtime",
            resourceName="ledger-realtime",
            sku={"name": "Premium_P1", "capacity": 1},
        )
        put(
            s,
            f"azure-native:{package}:{kind}Replica",
            "ledger-realtime-replica",
            azure(s, location),
            deps=[primary],
            resourceGroupName="ledger",
            resourceName="ledger-realtime",
            replicaName=f"ledger-realtime-{location}",
            location=location,
            sku={"name": "Premium_P1", "capacity": capacity},
        )

    return build


# Violates: the SignalR replica (relaying the GDPR app's messages) is in East US.
case("az-signalr-replica-us", AZURE_COPIES, "DENY", AZ_DOC["signalr-replica"], config=GDPR_STACK)(
    replica("signalrservice", "SignalR", "SignalRService/signalR", "eastus")
)
# Complies: the replica is in North Europe.
case("az-signalr-replica-ie", AZURE_COPIES, cite=AZ_DOC["signalr-replica"], config=GDPR_STACK)(
    replica("signalrservice", "SignalR", "SignalRService/signalR", "northeurope")
)
# Violates: the Web PubSub replica is in Australia East.
case("az-webpubsub-replica-au", AZURE_COPIES, "DENY", AZ_DOC["webpubsub-replica"], config=GDPR_STACK)(
    replica("webpubsub", "WebPubSub", "SignalRService/webPubSub", "australiaeast")
)
# Complies: the replica is in Sweden Central.
case("az-webpubsub-replica-se", AZURE_COPIES, cite=AZ_DOC["webpubsub-replica"], config=GDPR_STACK)(
    replica("webpubsub", "WebPubSub", "SignalRService/webPubSub", "swedencentral")
)


def redis_geo(second: str, protocol: Any = "Encrypted") -> Build:
    """Two Azure Managed Redis (Redis Enterprise) clusters of this stack whose databases are linked by
    active geo-replication: every write to the GDPR sessions database is replicated to the other."""

    def build(s: Stack) -> None:
        ids = {}
        for name, location, tags in (("ledger-cache-we", "westeurope", GDPR), (f"ledger-cache-{second}", second, None)):
            cluster = az(
                s,
                "azure-native:redisenterprise:RedisEnterprise",
                name,
                location,
                tags,
                f"Microsoft.Cache/redisEnterprise/{name}",
                clusterName=name,
                sku={"name": "Enterprise_E10", "capacity": 2},
                minimumTlsVersion="1.2",
            )
            ids[name] = (cluster, f"{RG}/Microsoft.Cache/redisEnterprise/{name}/databases/default")
        linked = [{"id": db} for _, db in ids.values()]
        for name, (_cluster, db) in ids.items():
            put(
                s,
                "azure-native:redisenterprise:Database",
                f"{name}-default",
                azure(s),
                deps=[c for c, _ in ids.values()],
                resourceGroupName="ledger",
                clusterName=name,
                databaseName="default",
                clientProtocol=protocol,
                clusteringPolicy="EnterpriseCluster",
                evictionPolicy="NoEviction",
                geoReplication={"groupNickname": "ledger-sessions", "linkedDatabases": linked},
                known={"id": db},
            )

    return build


# Violates: the GDPR sessions database is actively replicated to a cluster in East US 2.
case("az-redis-enterprise-geo-us", AZURE_COPIES, "DENY", AZ_DOC["redis-geo"])(redis_geo("eastus2"))
# Complies: the linked cluster is in North Europe.
case("az-redis-enterprise-geo-ie", AZURE_COPIES, cite=AZ_DOC["redis-geo"])(redis_geo("northeurope"))


def mongo_replica(location: str, source_location: Any = "westeurope") -> Build:
    """A GDPR Azure Cosmos DB for MongoDB (vCore) cluster (West Europe) and a cluster of this stack created
    as its cross-region replica (createMode GeoReplica): every write is replicated to it."""

    def build(s: Stack) -> None:
        primary = az(
            s,
            "azure-native:mongocluster:MongoCluster",
            "ledger-mongo",
            "westeurope",
            GDPR,
            "Microsoft.DocumentDB/mongoClusters/ledger-mongo",
            mongoClusterName="ledger-mongo",
            properties={
                "serverVersion": "7.0",
                "compute": {"tier": "M30"},
                "storage": {"sizeGb": 128},
                "sharding": {"shardCount": 1},
                "highAvailability": {"targetMode": "ZoneRedundantPreferred"},
                "publicNetworkAccess": "Disabled",
            },
        )
        second = az(
            s,
            "azure-native:mongocluster:MongoCluster",
            "ledger-mongo-replica",
            location,
            None,
            "Microsoft.DocumentDB/mongoClusters/ledger-mongo-replica",
            mongoClusterName="ledger-mongo-replica",
            properties={
                "createMode": "GeoReplica",
                "replicaParameters": {
                    "sourceResourceId": f"{RG}/Microsoft.DocumentDB/mongoClusters/ledger-mongo",
                    "sourceLocation": source_location,
                },
            },
        )
        _find(s, second).dependencies = [primary]

    return build


# Violates: the replica of the GDPR cluster is in Canada Central.
case("az-mongo-vcore-geo-replica-ca", AZURE_COPIES, "DENY", AZ_DOC["mongo-replica"])(mongo_replica("canadacentral"))
# Complies: the replica is in Sweden Central.
case("az-mongo-vcore-geo-replica-se", AZURE_COPIES, cite=AZ_DOC["mongo-replica"])(mongo_replica("swedencentral"))


def front_door(s: Stack) -> None:
    az(
        s,
        "azure-native:cdn:Profile",
        "ledger-edge",
        "global",
        GDPR,
        "Microsoft.Cdn/profiles/ledger-edge",
        profileName="ledger-edge",
        sku={"name": "Standard_AzureFrontDoor"},
    )


# Violates: a GDPR Front Door profile serves and caches the portal at Microsoft's edge locations worldwide.
case("az-front-door-gdpr", AZURE_COPIES, "DENY", AZ_DOC["front-door"])(front_door)


def static_site(s: Stack) -> None:
    az(
        s,
        "azure-native:web:StaticSite",
        "ledger-statements-app",
        "westeurope",
        GDPR,
        "Microsoft.Web/staticSites/ledger-statements-app",
        name="ledger-statements-app",
        sku={"name": "Standard", "tier": "Standard"},
        repositoryUrl="https://github.com/acme/ledger-statements",
        branch="main",
    )


# Violates: Static Web Apps distributes a site's static content globally; its location is the API's only.
case("az-static-web-app-gdpr", AZURE_COPIES, "DENY", AZ_DOC["static-web-apps"])(static_site)


# ============================================================================ destinations outside
OUT_DOC = {
    "datasync-azure": "https://docs.aws.amazon.com/datasync/latest/userguide/creating-azure-blob-location.html",
    "datasync-efs": "https://docs.aws.amazon.com/datasync/latest/userguide/create-efs-location.html",
    "chatbot": "https://docs.aws.amazon.com/chatbot/latest/adminguide/what-is.html",
    "flow-logs-s3": "https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3.html",
    "eventgrid-push": "https://learn.microsoft.com/en-us/azure/event-grid/push-delivery-overview",
    "msk-http": "https://docs.aws.amazon.com/msk/latest/developerguide/msk-connect-connectors.html",
    "dataplex-export": GCP_DOC["dataplex-export"],
    "asset-feed": GCP_DOC["asset-feed"],
    "scc-bigquery": GCP_DOC["scc-bigquery"],
    "studio-share": AWS_DOC["studio-share"],
}


def datasync_to(destination: Callable[[Stack], tuple[str, str]]) -> Build:
    """A GDPR DataSync task (Ireland) copying the stack's statements bucket to ``destination``."""

    def build(s: Stack) -> None:
        bucket = s3_bucket(s, "ledger-statements", "eu-west-1", GDPR)
        src_arn = f"arn:aws:datasync:eu-west-1:{ACCOUNT}:location/loc-0a1b2c3d4e5f60718"
        src = put(
            s,
            "aws:datasync/s3Location:S3Location",
            "statements-src",
            aws(s),
            deps=[bucket],
            s3BucketArn="arn:aws:s3:::ledger-statements",
            subdirectory="/",
            s3Config={"bucketAccessRoleArn": ROLE},
            known={"arn": src_arn},
        )
        dest, dest_arn = destination(s)
        put(
            s,
            "aws:datasync/task:Task",
            "statements-copy",
            aws(s),
            deps=[src, dest],
            name="statements-copy",
            sourceLocationArn=src_arn,
            destinationLocationArn=dest_arn,
            tags=GDPR,
        )

    return build


def azure_blob(s: Stack) -> tuple[str, str]:
    arn = f"arn:aws:datasync:eu-west-1:{ACCOUNT}:location/loc-1b2c3d4e5f6a70819"
    urn = put(
        s,
        "aws:datasync/locationAzureBlob:LocationAzureBlob",
        "partner-blob",
        aws(s),
        agentArns=[f"arn:aws:datasync:eu-west-1:{ACCOUNT}:agent/agent-0a1b2c3d4e5f60718"],
        authenticationType="SAS",
        containerUrl="https://partnerarchive.blob.core.windows.net/ledger",
        blobType="BLOCK",
        accessTier="COOL",
        known={"arn": arn},
    )
    return urn, arn


def own_efs(s: Stack) -> tuple[str, str]:
    fs_arn = f"arn:aws:elasticfilesystem:eu-west-1:{ACCOUNT}:file-system/fs-0a1b2c3d4e5f60718"
    fs = put(
        s,
        "aws:efs/fileSystem:FileSystem",
        "statements-archive",
        aws(s),
        encrypted=True,
        kmsKeyId=KMS,
        tags=GDPR,
        known={"arn": fs_arn, "id": "fs-0a1b2c3d4e5f60718"},
    )
    arn = f"arn:aws:datasync:eu-west-1:{ACCOUNT}:location/loc-2c3d4e5f6a7b8091a"
    urn = put(
        s,
        "aws:datasync/efsLocation:EfsLocation",
        "statements-efs",
        aws(s),
        deps=[fs],
        efsFileSystemArn=fs_arn,
        ec2Config={
            "securityGroupArns": [f"arn:aws:ec2:eu-west-1:{ACCOUNT}:security-group/sg-0a1b2c3d4e5f60718"],
            "subnetArn": f"arn:aws:ec2:eu-west-1:{ACCOUNT}:subnet/{SUBNETS[0]}",
        },
        known={"arn": arn},
    )
    return urn, arn


# Violates: the task copies customers' statements to a partner's Azure Blob container, outside the stack.
case("aws-datasync-to-azure-blob", OUTSIDE, "DENY", OUT_DOC["datasync-azure"])(datasync_to(azure_blob))
# Complies: the task copies them to an EFS file system of this stack in Ireland.
case("aws-datasync-to-own-efs", OUTSIDE, cite=OUT_DOC["datasync-efs"])(datasync_to(own_efs))


def chatbot(s: Stack) -> None:
    arn = f"arn:aws:sns:eu-west-1:{ACCOUNT}:ledger-disputes"
    topic = put(
        s,
        "aws:sns/topic:Topic",
        "ledger-disputes",
        aws(s),
        name="ledger-disputes",
        kmsMasterKeyId=KMS,
        tags=GDPR,
        known={"arn": arn},
    )
    put(
        s,
        "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration",
        "disputes-to-slack",
        aws(s),
        deps=[topic],
        configurationName="disputes-to-slack",
        iamRoleArn=ROLE,
        slackChannelId="C07QWERTY12",
        slackTeamId="T01ABCDEF23",
        snsTopicArns=[arn],
        loggingLevel="ERROR",
        tags=GDPR,
    )


# Violates: every message of the GDPR disputes topic is posted into a Slack workspace, outside the cloud.
case("aws-chatbot-slack-disputes", OUTSIDE, "DENY", OUT_DOC["chatbot"])(chatbot)


def flow_logs(destination: str, bucket: bool) -> Build:
    """VPC flow logs (source and destination addresses of every connection of the GDPR VPC) in S3."""

    def build(s: Stack) -> None:
        deps = [s3_bucket(s, "ledger-flow-logs", "eu-west-1")] if bucket else []
        put(
            s,
            "aws:ec2/flowLog:FlowLog",
            "ledger-vpc-flows",
            aws(s),
            deps=deps,
            vpcId=VPC,
            trafficType="ALL",
            logDestinationType="s3",
            logDestination=destination,
            tags=GDPR,
        )

    return build


# Violates: the flow logs go to a bucket of a partner's account, which the stack cannot place.
case("aws-flow-logs-partner-bucket", OUTSIDE, "DENY", OUT_DOC["flow-logs-s3"], config=GDPR_STACK)(
    flow_logs("arn:aws:s3:::partner-netflow/ledger/", False)
)
# Complies: they go to the stack's own bucket in Ireland.
case("aws-flow-logs-own-bucket", OUTSIDE, cite=OUT_DOC["flow-logs-s3"], config=GDPR_STACK)(
    flow_logs("arn:aws:s3:::ledger-flow-logs/vpc/", True)
)


def eventgrid(destination: Callable[[Stack], tuple[list[str], dict[str, Any]]], expires: Any = None) -> Build:
    """A GDPR Event Grid namespace (West Europe) whose orders topic pushes every event (the order, with
    the customer's address) to the subscription's destination."""

    def build(s: Stack) -> None:
        ns = az(
            s,
            "azure-native:eventgrid:Namespace",
            "ledger-events",
            "westeurope",
            GDPR,
            "Microsoft.EventGrid/namespaces/ledger-events",
            namespaceName="ledger-events",
            sku={"name": "Standard", "capacity": 1},
        )
        topic = put(
            s,
            "azure-native:eventgrid:NamespaceTopic",
            "orders",
            azure(s),
            deps=[ns],
            resourceGroupName="ledger",
            namespaceName="ledger-events",
            topicName="orders",
            eventRetentionInDays=1,
            inputSchema="CloudEventSchemaV1_0",
        )
        deps, dest = destination(s)
        inputs: dict[str, Any] = {}
        if expires is not None:
            inputs["expirationTimeUtc"] = expires
        put(
            s,
            "azure-native:eventgrid:NamespaceTopicEventSubscription",
            "orders-out",
            azure(s),
            deps=[topic, *deps],
            resourceGroupName="ledger",
            namespaceName="ledger-events",
            topicName="orders",
            eventSubscriptionName="orders-out",
            eventDeliverySchema="CloudEventSchemaV1_0",
            deliveryConfiguration={"deliveryMode": "Push", "push": {"maxDeliveryCount": 10, "destination": dest}},
            **inputs,
        )

    return build


def partner_webhook(_: Stack) -> tuple[list[str], dict[str, Any]]:
    return [], {"endpointType": "WebHook", "endpointUrl": "https://hooks.partner-crm.example.com/orders"}


def own_hub(s: Stack) -> tuple[list[str], dict[str, Any]]:
    ns = az(
        s,
        "azure-native:eventhub:Namespace",
        "ledger-hub",
        "westeurope",
        None,
        "Microsoft.EventHub/namespaces/ledger-hub",
        namespaceName="ledger-hub",
        sku={"name": "Standard"},
    )
    hub_id = f"{RG}/Microsoft.EventHub/namespaces/ledger-hub/eventhubs/orders"
    hub = put(
        s,
        "azure-native:eventhub:EventHub",
        "orders-hub",
        azure(s),
        deps=[ns],
        resourceGroupName="ledger",
        namespaceName="ledger-hub",
        eventHubName="orders",
        partitionCount=2,
        known={"id": hub_id},
    )
    return [ns, hub], {"endpointType": "EventHub", "resourceId": hub_id}


# Violates: the orders are pushed to a CRM partner's webhook, outside the cloud.
case("az-eventgrid-namespace-webhook", OUTSIDE, "DENY", OUT_DOC["eventgrid-push"], config=GDPR_STACK)(
    eventgrid(partner_webhook)
)
# Complies: the orders are pushed to an event hub of this stack in West Europe.
case("az-eventgrid-namespace-own-hub", OUTSIDE, cite=OUT_DOC["eventgrid-push"], config=GDPR_STACK)(eventgrid(own_hub))

HTTP_SINK = {
    "connector.class": "io.confluent.connect.http.HttpSinkConnector",
    "http.api.url": "https://ingest.fraud-scoring.example.com/v1/payments",
    "request.method": "POST",
}
# Violates: the HTTP sink posts every payment record to a fraud-scoring vendor's API.
case("aws-msk-connect-http-sink", OUTSIDE, "DENY", OUT_DOC["msk-http"])(msk_connector(HTTP_SINK, None))
# Violates: the profile results go to a table in a partner's project, not in this stack.
case("gcp-dataplex-export-partner-project", OUTSIDE, "DENY", OUT_DOC["dataplex-export"])(
    profile_scan("//bigquery.googleapis.com/projects/partner-analytics/datasets/dq/tables/ledger_profile", None)
)
# Violates: the asset feed publishes to a topic of a security vendor's project.
case("gcp-asset-feed-partner-topic", OUTSIDE, "DENY", OUT_DOC["asset-feed"], config=GDPR_STACK)(
    asset_feed("projects/partner-soc/topics/customer-assets", None)
)
# Violates: findings are exported to a dataset of another project, not in this stack.
case("gcp-scc-export-partner-dataset", OUTSIDE, "DENY", OUT_DOC["scc-bigquery"], config=GDPR_STACK)(
    scc_export("projects/partner-soc/datasets/ledger_findings", None)
)
# Violates: shared notebooks are copied to a bucket the stack does not manage (S3 names carry no Region).
case("aws-studio-sharing-partner-bucket", OUTSIDE, "DENY", OUT_DOC["studio-share"])(
    studio_domain("s3://partner-ml-reviews/ledger", None)
)


# ============================================================================ defaults when unset
DEF_DOC = {
    "dbfs": "https://learn.microsoft.com/en-us/azure/databricks/getting-started/overview#workspace-storage",
    "dbx-template": "https://learn.microsoft.com/en-us/azure/templates/microsoft.databricks/workspaces",
    "redundancy": "https://learn.microsoft.com/en-us/azure/storage/common/storage-redundancy",
    "pm-locations": "https://cloud.google.com/secret-manager/parameter-manager/docs/locations",
}


def databricks(regime: dict[str, str], sku: Any = None) -> Build:
    """A Databricks workspace (North Europe): its workspace storage account (DBFS root: notebooks' results,
    uploaded files, job outputs) is created in the managed resource group with ``storageAccountSkuName``."""

    def build(s: Stack) -> None:
        parameters: dict[str, Any] = {"enableNoPublicIp": {"value": True}}
        if sku is not None:
            parameters["storageAccountSkuName"] = {"value": sku} if isinstance(sku, str) else sku
        az(
            s,
            "azure-native:databricks:Workspace",
            "ledger-dbx",
            "northeurope",
            regime,
            "Microsoft.Databricks/workspaces/ledger-dbx",
            workspaceName="ledger-dbx",
            managedResourceGroupId=f"/subscriptions/{SUB}/resourceGroups/ledger-dbx-managed",
            sku={"name": "premium"},
            publicNetworkAccess="Disabled",
            requiredNsgRules="NoAzureDatabricksRules",
            parameters=parameters,
        )

    return build


IE_REGIME = {"regimes": [{"name": "ie", "countries": ["IE"], "description": "Ireland only"}]}
# Violates: without storageAccountSkuName the workspace storage is Standard_GRS: copied to West Europe
# (the Netherlands), outside the Ireland-only regime.
case("az-databricks-default-grs-ireland", DEFAULTS, "DENY", DEF_DOC["dbx-template"], config=IE_REGIME)(
    databricks(IE_TAG)
)
# Complies: Standard_LRS keeps the workspace storage in North Europe.
case("az-databricks-lrs-ireland", DEFAULTS, cite=DEF_DOC["dbx-template"], config=IE_REGIME)(
    databricks(IE_TAG, "Standard_LRS")
)
# Complies: for GDPR the default GRS copy in West Europe (North Europe's pair) is inside the EU.
case("az-databricks-default-grs-gdpr", DEFAULTS, cite=DEF_DOC["redundancy"])(databricks(GDPR))


def parameter(regional: bool, fmt: Any = "JSON") -> Build:
    """A GDPR stack's Parameter Manager parameter holding the ledger's per-customer configuration."""

    def build(s: Stack) -> None:
        if regional:
            put(
                s,
                "gcp:parametermanager/regionalParameter:RegionalParameter",
                "ledger-config",
                gcp(s),
                parameterId="ledger-config",
                location="europe-west3",
                format=fmt,
                labels=GDPR,
            )
        else:
            put(
                s,
                "gcp:parametermanager/parameter:Parameter",
                "ledger-config",
                gcp(s),
                parameterId="ledger-config",
                format=fmt,
                labels=GDPR,
            )

    return build


# Violates: a Parameter (no location input) is a global parameter, stored in no one region.
case("gcp-parameter-global", DEFAULTS, "DENY", DEF_DOC["pm-locations"])(parameter(False))
# Complies: a regional parameter in Frankfurt.
case("gcp-regional-parameter-de", DEFAULTS, cite=DEF_DOC["pm-locations"])(parameter(True))


# ============================================================================ Kubernetes operators
OP_DOC = {
    "ack-sqs": "https://aws-controllers-k8s.github.io/community/reference/sqs/v1alpha1/queue/",
    "ack-region": "https://aws-controllers-k8s.github.io/community/docs/user-docs/multi-region-resource-management/",
    "xp-topic": "https://marketplace.upbound.io/providers/upbound/provider-gcp-pubsub/latest/resources/pubsub.gcp.upbound.io/Topic/v1beta1",
    "xp-redis": "https://marketplace.upbound.io/providers/upbound/provider-azure-cache/latest/resources/cache.azure.upbound.io/RedisCache/v1beta1",
    "xp-kinesis": "https://marketplace.upbound.io/providers/upbound/provider-aws-kinesis/latest/resources/kinesis.aws.upbound.io/Stream/v1beta1",
    "kcc-secret": "https://cloud.google.com/config-connector/docs/reference/resource-docs/secretmanager/secretmanagersecret",
    "kcc-bigtable": "https://cloud.google.com/config-connector/docs/reference/resource-docs/bigtable/bigtableinstance",
    "kcc-topic": "https://cloud.google.com/config-connector/docs/reference/resource-docs/pubsub/pubsubtopic",
    "aso-mysql": "https://azure.github.io/azure-service-operator/reference/dbformysql/v1api20231230/",
    "aso-servicebus": "https://azure.github.io/azure-service-operator/reference/servicebus/v1api20211101/",
    "mysql-backup": "https://learn.microsoft.com/en-us/azure/mysql/flexible-server/concepts-backup-restore#backup-redundancy-options",
}
XP_REF = {"providerConfigRef": {"name": "default"}}
ACME_GDPR = {**GDPR, "fleet-tenant": "acme"}


def ack_queue(region: str, kms: Any = "alias/acme-orders") -> Obj:
    return custom_resource(
        "sqs.services.k8s.aws/v1alpha1",
        "Queue",
        "acme-orders",
        "acme",
        {"queueName": "acme-orders", "kmsMasterKeyID": kms, "messageRetentionPeriod": "345600"},
        annotations={"services.k8s.aws/region": region},
    )


# Violates: the GDPR tenant's ACK queue (orders in flight) is created in N. Virginia.
case("op-ack-sqs-queue-us", OPERATORS, "DENY", OP_DOC["ack-region"])(on_tenant(ack_queue("us-east-1")))
# Complies: the queue is created in Ireland.
case("op-ack-sqs-queue-ie", OPERATORS, cite=OP_DOC["ack-sqs"])(on_tenant(ack_queue("eu-west-1")))


def xp_topic(region: Any) -> Obj:
    return custom_resource(
        "pubsub.gcp.upbound.io/v1beta1",
        "Topic",
        "acme-events",
        None,
        {"forProvider": {"messageStoragePolicy": [{"allowedPersistenceRegions": region}], "labels": GDPR}, **XP_REF},
        labels=ACME_GDPR,
    )


# Violates: the Crossplane topic may persist the tenant's messages in South Carolina.
case("op-crossplane-pubsub-topic-us", OPERATORS, "DENY", OP_DOC["xp-topic"])(
    on_tenant(xp_topic(["us-east1"]), cloud="gcp")
)
# Complies: messages are persisted in Frankfurt only.
case("op-crossplane-pubsub-topic-de", OPERATORS, cite=OP_DOC["xp-topic"])(
    on_tenant(xp_topic(["europe-west3"]), cloud="gcp")
)


def xp_redis(location: str) -> Obj:
    return custom_resource(
        "cache.azure.upbound.io/v1beta1",
        "RedisCache",
        "acme-sessions",
        None,
        {
            "forProvider": {
                "location": location,
                "resourceGroupName": "acme",
                "capacity": 1,
                "family": "C",
                "skuName": "Standard",
                "minimumTlsVersion": "1.2",
                "tags": GDPR,
            },
            **XP_REF,
        },
        labels=ACME_GDPR,
    )


# Violates: the Crossplane cache (the tenant's sessions) is in Japan East.
case("op-crossplane-redis-japan", OPERATORS, "DENY", OP_DOC["xp-redis"])(
    on_tenant(xp_redis("japaneast"), cloud="azure-native")
)
# Complies: the cache is in West Europe.
case("op-crossplane-redis-nl", OPERATORS, cite=OP_DOC["xp-redis"])(
    on_tenant(xp_redis("westeurope"), cloud="azure-native")
)


def xp_stream(region: str) -> Obj:
    return custom_resource(
        "kinesis.aws.upbound.io/v1beta1",
        "Stream",
        "acme-clicks",
        None,
        {
            "forProvider": {
                "region": region,
                "retentionPeriod": 24,
                "shardCount": 1,
                "streamModeDetails": [{"streamMode": "PROVISIONED"}],
                "tags": GDPR,
            },
            **XP_REF,
        },
        labels=ACME_GDPR,
    )


# Violates: the Crossplane stream (the tenant's click events) is in Sao Paulo.
case("op-crossplane-kinesis-stream-brazil", OPERATORS, "DENY", OP_DOC["xp-kinesis"])(on_tenant(xp_stream("sa-east-1")))
# Complies: the stream is in Stockholm.
case("op-crossplane-kinesis-stream-se", OPERATORS, cite=OP_DOC["xp-kinesis"])(on_tenant(xp_stream("eu-north-1")))


def kcc(kind: str, group: str, name: str, spec: dict[str, Any]) -> Obj:
    return custom_resource(
        f"{group}.cnrm.cloud.google.com/v1beta1",
        kind,
        name,
        "acme",
        spec,
        annotations={"cnrm.cloud.google.com/project-id": "acme-prod"},
    )


def kcc_secret(replication: dict[str, Any]) -> Obj:
    return kcc("SecretManagerSecret", "secretmanager", "acme-api-key", {"replication": replication})


# Violates: automatic replication lets Google keep the tenant's secret in any region.
case("op-kcc-secret-automatic", OPERATORS, "DENY", OP_DOC["kcc-secret"])(
    on_tenant(kcc_secret({"auto": {}}), cloud="gcp")
)
# Complies: user-managed replicas in Frankfurt and the Netherlands.
case("op-kcc-secret-user-managed-eu", OPERATORS, cite=OP_DOC["kcc-secret"])(
    on_tenant(
        kcc_secret({"userManaged": {"replicas": [{"location": "europe-west3"}, {"location": "europe-west4"}]}}),
        cloud="gcp",
    )
)


def kcc_bigtable(zones: Any) -> Obj:
    clusters = [{"clusterId": f"acme-events-c{i}", "zone": z, "numNodes": 1} for i, z in enumerate(zones)]
    return kcc("BigtableInstance", "bigtable", "acme-events", {"instanceType": "PRODUCTION", "cluster": clusters})


# Violates: the tenant's Bigtable instance has a second (replicating) cluster in Oregon.
case("op-kcc-bigtable-cluster-us", OPERATORS, "DENY", OP_DOC["kcc-bigtable"])(
    on_tenant(kcc_bigtable(["europe-west3-b", "us-west1-a"]), cloud="gcp")
)
# Complies: both clusters are in the EU (Frankfurt, Belgium).
case("op-kcc-bigtable-cluster-eu", OPERATORS, cite=OP_DOC["kcc-bigtable"])(
    on_tenant(kcc_bigtable(["europe-west3-b", "europe-west1-c"]), cloud="gcp")
)


def kcc_topic(regions: list[str]) -> Obj:
    return kcc("PubSubTopic", "pubsub", "acme-orders", {"messageStoragePolicy": {"allowedPersistenceRegions": regions}})


# Violates: the tenant's Config Connector topic may persist messages in Singapore.
case("op-kcc-pubsub-topic-sg", OPERATORS, "DENY", OP_DOC["kcc-topic"])(
    on_tenant(kcc_topic(["europe-west3", "asia-southeast1"]), cloud="gcp")
)
# Complies: messages are persisted in Frankfurt only.
case("op-kcc-pubsub-topic-de", OPERATORS, cite=OP_DOC["kcc-topic"])(on_tenant(kcc_topic(["europe-west3"]), cloud="gcp"))


def aso_rg(name: str, location: str, labels: dict[str, str] | None = None) -> Obj:
    return custom_resource(
        "resources.azure.com/v1api20200601", "ResourceGroup", name, "acme", {"location": location}, labels=labels
    )


def aso_mysql(geo: Any) -> Obj:
    return custom_resource(
        "dbformysql.azure.com/v1api20231230",
        "FlexibleServer",
        "acme-billing-db",
        "acme",
        {
            "location": "northeurope",
            "owner": {"name": "acme-ie-rg"},
            "version": "8.0.21",
            "sku": {"name": "Standard_D2ds_v4", "tier": "GeneralPurpose"},
            "storage": {"storageSizeGB": 128},
            "backup": {"backupRetentionDays": 14, "geoRedundantBackup": geo},
        },
        labels=IE_TAG,
    )


# Violates: an Ireland-only ASO MySQL server in North Europe with geo-redundant backups: they are copied to
# the paired region, West Europe (the Netherlands).
case("op-aso-mysql-geo-backup-ireland", OPERATORS, "DENY", OP_DOC["mysql-backup"], config=IE_REGIME)(
    on_tenant(aso_rg("acme-ie-rg", "northeurope", IE_TAG), aso_mysql("Enabled"), cloud="azure-native")
)
# Complies: backups stay in North Europe.
case("op-aso-mysql-local-backup-ireland", OPERATORS, cite=OP_DOC["aso-mysql"], config=IE_REGIME)(
    on_tenant(aso_rg("acme-ie-rg", "northeurope", IE_TAG), aso_mysql("Disabled"), cloud="azure-native")
)


def aso_bus(location: str) -> Obj:
    return custom_resource(
        "servicebus.azure.com/v1api20211101",
        "Namespace",
        "acme-bus",
        "acme",
        {"location": location, "owner": {"name": "acme-rg"}, "sku": {"name": "Standard"}},
    )


# Violates: the tenant's ASO Service Bus namespace is in UAE North, its resource group in West Europe.
case("op-aso-servicebus-uae", OPERATORS, "DENY", OP_DOC["aso-servicebus"])(
    on_tenant(aso_rg("acme-rg", "westeurope"), aso_bus("uaenorth"), cloud="azure-native")
)
# Complies: the namespace is in West Europe.
case("op-aso-servicebus-nl", OPERATORS, cite=OP_DOC["aso-servicebus"])(
    on_tenant(aso_rg("acme-rg", "westeurope"), aso_bus("westeurope"), cloud="azure-native")
)


# ============================================================================ cloud guardrails
GRD_DOC = {
    "scp-region": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html",
    "scp-syntax": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_syntax.html",
    "multi-value": "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html",
    "gcp-conditions": "https://cloud.google.com/resource-manager/docs/organization-policy/tags-organization-policy",
    "gcp-inherit": "https://cloud.google.com/resource-manager/docs/organization-policy/understanding-hierarchy#reconciling_policy_conflicts",
    "gcp-locations": "https://cloud.google.com/resource-manager/docs/organization-policy/defining-locations",
    "gcp-values": "https://cloud.google.com/resource-manager/docs/organization-policy/using-constraints#list-constraint",
    "az-case": "https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/resource-name-rules",
    "az-assignment": "https://learn.microsoft.com/en-us/azure/governance/policy/concepts/assignment-structure",
    "az-exemption": "https://learn.microsoft.com/en-us/azure/governance/policy/concepts/exemption-structure",
    "az-version": "https://learn.microsoft.com/en-us/azure/governance/policy/concepts/assignment-structure#policy-definition-id-and-version-preview",
}

# Violates: a second key in the same StringNotEquals block (aws:PrincipalTag/team) ANDs with the region:
# principals tagged team=platform may create resources in any Region.
case("grd-aws-scp-principal-tag-exemption", GUARDRAILS, "DENY", GRD_DOC["multi-value"])(
    eks_guarded(scp_with({"StringNotEquals": {"aws:RequestedRegion": GDPR_AWS, "aws:PrincipalTag/team": "platform"}}))
)
# Violates: the allowed Regions include us-east-1 ("for global services"): anything may be created there.
case("grd-aws-scp-allows-us-east-1", GUARDRAILS, "DENY", GRD_DOC["scp-region"])(
    eks_guarded(scp([*GDPR_AWS, "us-east-1"]))
)


def statement_object() -> str:
    base = json.loads(scp())
    return json.dumps({**base, "Statement": base["Statement"][0]})


# Complies: the policy's Statement is one object instead of a one-element list (the grammar allows both).
case("grd-aws-scp-statement-object", GUARDRAILS, cite=GRD_DOC["scp-syntax"])(eks_guarded(statement_object()))

EEA_RULE = {"values": {"allowedValues": EEA_VALUES}}
SANDBOX = {"title": "sandbox", "expression": "resource.matchTag('123456789012/env', 'sandbox')"}
# Violates: a conditional rule allows every location for resources tagged env=sandbox.
case("grd-gcp-conditional-allow-all", GUARDRAILS, "DENY", GRD_DOC["gcp-conditions"])(
    gke(
        located_policy(
            OWN, {"inheritFromParent": False, "rules": [{"condition": SANDBOX, "allowAll": "TRUE"}, EEA_RULE]}
        )
    )
)
# Violates: the project policy inherits from its parent and merges with it: whatever the folder or the
# organization allows (nothing here says) is allowed too.
case("grd-gcp-inherit-from-parent", GUARDRAILS, "DENY", GRD_DOC["gcp-inherit"])(
    gke(located_policy(OWN, {"inheritFromParent": True, "rules": [EEA_RULE]}))
)
# Complies: values written with the explicit "is:" prefix name the same regions.
case("grd-gcp-is-prefix-values", GUARDRAILS, cite=GRD_DOC["gcp-values"])(
    gke(
        located_policy(
            OWN,
            {
                "inheritFromParent": False,
                "rules": [{"values": {"allowedValues": ["is:europe-west3", "is:europe-west4"]}}],
            },
        )
    )
)
# Complies: two rules, each allowing one EEA value group; together they allow only those.
case("grd-gcp-two-allow-rules", GUARDRAILS, cite=GRD_DOC["gcp-locations"])(
    gke(
        located_policy(
            OWN,
            {
                "inheritFromParent": False,
                "rules": [{"values": {"allowedValues": [value]}} for value in EEA_VALUES],
            },
        )
    )
)
# Complies: ARM resource IDs are case-insensitive; "/Subscriptions/<id>" is the cluster's subscription.
case("grd-azure-scope-case", GUARDRAILS, cite=GRD_DOC["az-case"])(
    retouch(aks_guarded(), AKS_LOC, "eea-locations", scope=f"/Subscriptions/{SUB.upper()}")
)
# Complies: the assignment pins the definition's major version.
case("grd-azure-definition-version", GUARDRAILS, cite=GRD_DOC["az-version"])(
    retouch(aks_guarded(), AKS_LOC, "eea-locations", definitionVersion="1.*.*")
)


def with_audit_only(s: Stack) -> None:
    aks_guarded()(s)
    scope = f"/subscriptions/{SUB}"
    put(
        s,
        AKS_LOC,
        "world-locations",
        s.urn("pulumi:providers:azure-native", "policy"),
        scope=scope,
        policyAssignmentName="world-locations",
        policyDefinitionId=ALLOWED_LOCATIONS,
        enforcementMode="DoNotEnforce",
        parameters={"listOfAllowedLocations": {"value": [*GDPR_AZURE, "eastus", "southeastasia"]}},
        known={"id": f"{scope}/providers/Microsoft.Authorization/policyAssignments/world-locations"},
    )


# Complies: a second, wider assignment that is not enforced adds nothing; the enforced one still refuses.
case("grd-azure-extra-unenforced-assignment", GUARDRAILS, cite=GRD_DOC["az-assignment"])(with_audit_only)
# Violates: an exemption with a future expiry still waives the allowed-locations assignment until then.
case("grd-azure-exemption-until-next-year", GUARDRAILS, "DENY", GRD_DOC["az-exemption"])(
    retouch(
        aks_guarded(exemption="eea-locations"),
        "azure-native:authorization:PolicyExemption",
        "waiver",
        expiresOn="2099-01-01T00:00:00Z",
    )
)


# ============================================================================ unknown at preview
PRE_DOC = {"unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/"}

# Violates: the sync bucket is in Oregon; only the sync's KMS key is unknown.
case("pre-ssm-data-sync-us-kms-unknown", PREVIEW, "DENY", AWS_DOC["ssm-sync"], config=GDPR_STACK)(
    data_sync("us-west-2", kms=UNKNOWN)
)
# Violates: the environment's bucket is in the US; only its size is unknown.
case("pre-composer-bucket-us-size-unknown", PREVIEW, "DENY", GCP_DOC["composer-bucket"])(composer("US", size=UNKNOWN))
# Violates: the notebook sharing bucket is in Oregon; only the domain's VPC is unknown.
case("pre-studio-sharing-us-vpc-unknown", PREVIEW, "DENY", AWS_DOC["studio-share"])(
    studio_domain("s3://ledger-notebook-shares/shared", "us-west-2", vpc=UNKNOWN)
)
# Violates: the second gateway is in East US; only the publisher's e-mail is unknown.
case("pre-apim-region-us-publisher-unknown", PREVIEW, "DENY", AZ_DOC["apim-regions"])(apim("eastus", publisher=UNKNOWN))
# Violates: the linked cache is in East US 2; only the client protocol is unknown.
case("pre-redis-geo-us-protocol-unknown", PREVIEW, "DENY", AZ_DOC["redis-geo"])(redis_geo("eastus2", protocol=UNKNOWN))
# Violates: the ACK queue is in N. Virginia; only its KMS key is unknown.
case("pre-ack-sqs-us-kms-unknown", PREVIEW, "DENY", OP_DOC["ack-region"])(
    on_tenant(ack_queue("us-east-1", kms=UNKNOWN))
)
# Violates: profile results go to a US dataset; only the sampling percentage is unknown.
case("pre-dataplex-export-us-sampling-unknown", PREVIEW, "DENY", GCP_DOC["dataplex-export"])(
    profile_scan(OWN_RESULTS, "US", sampling=UNKNOWN)
)
# Violates: the Web PubSub replica is in Australia East; only its capacity is unknown.
case("pre-webpubsub-replica-au-capacity-unknown", PREVIEW, "DENY", AZ_DOC["webpubsub-replica"], config=GDPR_STACK)(
    replica("webpubsub", "WebPubSub", "SignalRService/webPubSub", "australiaeast", capacity=UNKNOWN)
)
# Complies: the association output is in Frankfurt; only the document version is unknown.
case("pre-ssm-association-de-version-unknown", PREVIEW, cite=AWS_DOC["ssm-output"])(
    association("eu-central-1", document_version=UNKNOWN)
)
# Complies: the usage logs go to Frankfurt; only the log object prefix is unknown.
case("pre-gcs-usage-logs-de-prefix-unknown", PREVIEW, cite=GCP_DOC["gcs-usage-logs"])(
    usage_logs("EUROPE-WEST3", prefix=UNKNOWN)
)
# Complies: the SignalR replica is in North Europe; only its capacity is unknown.
case("pre-signalr-replica-ie-capacity-unknown", PREVIEW, cite=AZ_DOC["signalr-replica"], config=GDPR_STACK)(
    replica("signalrservice", "SignalR", "SignalRService/signalR", "northeurope", capacity=UNKNOWN)
)
# Complies: events go to the stack's own event hub; only the subscription's expiry is unknown.
case("pre-eventgrid-own-hub-expiry-unknown", PREVIEW, cite=OUT_DOC["eventgrid-push"], config=GDPR_STACK)(
    eventgrid(own_hub, expires=UNKNOWN)
)
# Complies: the table's bucket is in Ireland; only the table's owner is unknown.
case("pre-glue-table-ie-owner-unknown", PREVIEW, cite=AWS_DOC["glue-table"], config=GDPR_STACK)(
    glue_table("eu-west-1", owner=UNKNOWN)
)
# Complies: the parameter is regional in Frankfurt; only its format is unknown.
case("pre-regional-parameter-de-format-unknown", PREVIEW, cite=DEF_DOC["pm-locations"])(parameter(True, fmt=UNKNOWN))


# ============================================================================ malformed shapes
BAD_DOC = {
    "ssm-sync": "https://www.pulumi.com/registry/packages/aws/api-docs/ssm/resourcedatasync/",
    "ssm-association": "https://www.pulumi.com/registry/packages/aws/api-docs/ssm/association/",
    "dsql": "https://www.pulumi.com/registry/packages/aws/api-docs/dsql/cluster/",
    "composer": "https://www.pulumi.com/registry/packages/gcp/api-docs/composer/environment/",
    "gcs": "https://www.pulumi.com/registry/packages/gcp/api-docs/storage/bucket/",
    "apim": "https://www.pulumi.com/registry/packages/azure-native/api-docs/apimanagement/apimanagementservice/",
    "mongo": "https://www.pulumi.com/registry/packages/azure-native/api-docs/mongocluster/mongocluster/",
    "databricks": "https://www.pulumi.com/registry/packages/azure-native/api-docs/databricks/workspace/",
    "kcc-bigtable": OP_DOC["kcc-bigtable"],
    "orgpolicy": "https://www.pulumi.com/registry/packages/gcp/api-docs/orgpolicy/policy/",
    "scp": "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html",
    "eventgrid": "https://www.pulumi.com/registry/packages/azure-native/api-docs/eventgrid/namespacetopiceventsubscription/",
}
SYNC = "aws:ssm/resourceDataSync:ResourceDataSync"

# Cannot evaluate: the sync's S3 destination is a list.
case("bad-ssm-data-sync-destination-list", MALFORMED, "DENY", BAD_DOC["ssm-sync"], config=GDPR_STACK)(
    retouch(
        data_sync("eu-west-1"),
        SYNC,
        "inventory-sync",
        s3Destination=[{"bucketName": "ledger-ssm-inventory", "region": "eu-west-1", "syncFormat": "JsonSerDe"}],
    )
)
# Cannot evaluate: the association output Region is a list.
case("bad-ssm-association-region-list", MALFORMED, "DENY", BAD_DOC["ssm-association"])(
    retouch(
        association("eu-central-1"),
        "aws:ssm/association:Association",
        "customer-report",
        outputLocation={"s3BucketName": "ledger-ssm-output", "s3Region": ["eu-central-1"]},
    )
)
# Cannot evaluate: the DSQL witness Region is an object.
case("bad-dsql-witness-object", MALFORMED, "DENY", BAD_DOC["dsql"], config=EUUK_CONFIG)(
    dsql(EUUK_TAG, {"region": "eu-west-2"})
)
# Cannot evaluate: the Composer environment's bucket is a list.
case("bad-composer-bucket-list", MALFORMED, "DENY", BAD_DOC["composer"])(
    retouch(
        composer("EUROPE-WEST3"),
        "gcp:composer/environment:Environment",
        "ledger-airflow",
        storageConfig={"bucket": ["ledger-composer"]},
    )
)
# Cannot evaluate: the bucket's logging block is a list.
case("bad-gcs-logging-list", MALFORMED, "DENY", BAD_DOC["gcs"])(
    retouch(
        usage_logs("EUROPE-WEST3"),
        "gcp:storage/bucket:Bucket",
        "ledger-exports",
        logging=[{"logBucket": "ledger-access-logs"}],
    )
)
# Cannot evaluate: the additional locations are one object, not a list.
case("bad-apim-additional-locations-object", MALFORMED, "DENY", BAD_DOC["apim"])(
    retouch(
        apim("northeurope"),
        "azure-native:apimanagement:ApiManagementService",
        "ledger-apim",
        additionalLocations={"location": "northeurope", "sku": {"name": "Premium", "capacity": 1}},
    )
)
# Cannot evaluate: the replica's source location is a list.
case("bad-mongo-source-location-list", MALFORMED, "DENY", BAD_DOC["mongo"])(
    mongo_replica("swedencentral", ["westeurope"])
)
# Cannot evaluate: the Ireland-only workspace's storage SKU parameter is a list.
case("bad-databricks-sku-list", MALFORMED, "DENY", BAD_DOC["databricks"], config=IE_REGIME)(
    databricks(IE_TAG, {"value": ["Standard_LRS"]})
)
# Cannot evaluate: the tenant's Bigtable clusters are one object, not a list.
case("bad-kcc-bigtable-cluster-object", MALFORMED, "DENY", BAD_DOC["kcc-bigtable"])(
    on_tenant(
        kcc(
            "BigtableInstance",
            "bigtable",
            "acme-events",
            {"cluster": {"clusterId": "acme-events-c0", "zone": "europe-west3-b", "numNodes": 1}},
        ),
        cloud="gcp",
    )
)
# Cannot evaluate: the organization policy's allowed values are one string.
case("bad-gcp-allowed-values-string", MALFORMED, "DENY", BAD_DOC["orgpolicy"])(
    gke(located_policy(OWN, {"inheritFromParent": False, "rules": [{"values": {"allowedValues": "in:eu-locations"}}]}))
)
# Cannot evaluate: the SCP's Condition is a list.
case("bad-scp-condition-list", MALFORMED, "DENY", BAD_DOC["scp"])(
    eks_guarded(scp_with([{"StringNotEquals": {"aws:RequestedRegion": GDPR_AWS}}]))  # type: ignore[arg-type]
)
# Cannot evaluate: the push destination is a list.
case("bad-eventgrid-destination-list", MALFORMED, "DENY", BAD_DOC["eventgrid"], config=GDPR_STACK)(
    retouch(
        eventgrid(own_hub),
        "azure-native:eventgrid:NamespaceTopicEventSubscription",
        "orders-out",
        deliveryConfiguration={
            "deliveryMode": "Push",
            "push": {
                "destination": [
                    {
                        "endpointType": "EventHub",
                        "resourceId": f"{RG}/Microsoft.EventHub/namespaces/ledger-hub/eventhubs/orders",
                    }
                ]
            },
        },
    )
)
