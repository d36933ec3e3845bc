"""Cloud residency cases of the twenty-fifth outside corpus, written from cloud-provider documentation and the
pack's user-facing contract (docs/RULES.md, docs/SPEC.md, docs/REVIEW.md, README.md) by a helper session
that had not read the pack's rules, its residency survey, its configs or its tests. It must never be used
to tune the pack (see README.md beside it).

Cases are built with the ``Case``/``Stack`` API of ``tests/policies/corpus.py`` and the helpers of the
earlier outside corpora. A case asks only whether a correct pack denies it: ``expect="DENY"`` (some
mandatory violation) or nothing (compliant: no mandatory violation at all). Each cites the page its outcome
rests on; a comment above it says why it violates or complies. The resource or property that decides each
case is one none of the twenty-four earlier corpora used: data stores that the clouds' own template engines
create where the stack says (CloudFormation StackSet instances by Region and by account, an ARM template
deployment whose storage account or Cosmos DB replica is in another region, or takes its resource group's
location); Amazon Chime SDK call detail records, SageMaker asynchronous inference responses and failures,
Amazon Location place-index queries sent to HERE, an Incident Manager response plan that opens incidents in
PagerDuty; Dialogflow CX audio export, BigLake metastore tables (classic and Hive) whose data files are in
another bucket, a Datastream change stream into Cloud Storage, a Dataproc Metastore warehouse directory,
Firestore security rules that let anyone (or any signed-in user) read the database; Container Instances logs,
Web PubSub event listeners to Event Hubs, a Compute Gallery image version replicated to the Perth Extended
Zone; Crossplane StackSet instances, container-registry geo-replications and snapshot storage locations, ASO
diagnostic settings, Config Connector BigLake tables; an SCP whose Effect is written "deny", an SCP that
exempts ``s3:*``, the ``in:europe-locations`` value group, "Allowed locations" limited by resource selectors,
and an exemption limited to West Europe.

``UNKNOWN`` stands for a value the engine only learns at the update.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from tests.policies.corpus import GDPR, NONE, UNKNOWN, Stack, secret
from tests.policies.outside.corpus import (
    ACCOUNT,
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
from tests.policies.outside4.cloud import aso_rg, retouch
from tests.policies.outside11.cloud import OWN_ACCOUNT, depends, own_account_provider
from tests.policies.outside15.cloud import PARTNER_ACCOUNT
from tests.policies.outside23.cloud import PARTNER_SUB
from tests.policies.outside25.common import case

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

GDPR_STACK = {"stackRegime": "gdpr"}
GCP_NONE = {"fleet-residency": "none"}
KMS_IE = f"arn:aws:kms:eu-west-1:{ACCOUNT}:key/8c2f4e61-7a3b-4d95-b1e0-5f6a7b8c9d01"


# ============================================================================ AWS: copies
AWS_DOC = {
    "stack-instances": "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-cloudformation-stackset-stackinstances.html",
    "stacksets": "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/what-is-cfnstacksets.html",
    "stack-set-instance": "https://www.pulumi.com/registry/packages/aws/api-docs/cloudformation/stacksetinstance/",
    "chime-cdr": "https://docs.aws.amazon.com/chime-sdk/latest/ag/manage-global.html",
    "chime-settings": "https://docs.aws.amazon.com/chime-sdk/latest/APIReference/API_voice-chime_VoiceConnectorSettings.html",
    "async-output": "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_AsyncInferenceOutputConfig.html",
}

# A StackSet's template: the claims intake table of a branch office (a DynamoDB table, tagged GDPR inside the
# template). CloudFormation creates it in every account and Region the stack set's instances name.
CLAIMS_TEMPLATE = json.dumps(
    {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": "Claims intake table of a branch office",
        "Resources": {
            "ClaimsTable": {
                "Type": "AWS::DynamoDB::Table",
                "Properties": {
                    "TableName": "branch-claims",
                    "BillingMode": "PAY_PER_REQUEST",
                    "AttributeDefinitions": [{"AttributeName": "claimId", "AttributeType": "S"}],
                    "KeySchema": [{"AttributeName": "claimId", "KeyType": "HASH"}],
                    "SSESpecification": {"SSEEnabled": True},
                    "Tags": [{"Key": "fleet-residency", "Value": "gdpr"}],
                },
            }
        },
    }
)
STACK_SET = "branch-claims"


def stack_set(s: Stack, new: bool = False) -> str:
    """The branch-claims stack set (self-managed, administered from Ireland), tagged GDPR. ``new``: created in
    this update."""
    return put(
        s,
        "aws:cloudformation/stackSet:StackSet",
        STACK_SET,
        aws(s),
        known=None
        if new
        else {"id": STACK_SET, "arn": f"arn:aws:cloudformation:eu-west-1:{ACCOUNT}:stackset/{STACK_SET}:3f9c2b7e"},
        name=STACK_SET,
        permissionModel="SELF_MANAGED",
        administrationRoleArn=f"arn:aws:iam::{ACCOUNT}:role/AWSCloudFormationStackSetAdministrationRole",
        executionRoleName="AWSCloudFormationStackSetExecutionRole",
        templateBody=CLAIMS_TEMPLATE,
        tags=GDPR,
    )


def stack_instances(
    regions: list[str],
    accounts: list[str] | None = None,
    new_set: bool = False,
    own_second_account: bool = False,
    targets: Any = None,
) -> Build:
    """Stack instances of the branch-claims stack set in ``accounts`` (default: the claims account) and every Region
    of ``regions``: CloudFormation creates the claims table in each. ``new_set``: the stack set is created in this
    update (its name unknown to the instances); ``own_second_account``: a provider of the stack names our second
    account; ``targets``: deploymentTargets as given (instead of accounts)."""

    def build(s: Stack) -> None:
        if own_second_account:
            own_account_provider(s)
        the_set = stack_set(s, new=new_set)
        inputs: dict[str, Any] = {"regions": regions}
        if targets is None:
            inputs["accounts"] = [ACCOUNT] if accounts is None else accounts
        else:
            inputs["deploymentTargets"] = targets
        urn = put(
            s,
            "aws:cloudformation/stackInstances:StackInstances",
            "branch-claims-instances",
            aws(s),
            deps=[the_set],
            stackSetName=UNKNOWN if new_set else STACK_SET,
            operationPreferences={"failureToleranceCount": 0, "maxConcurrentCount": 1},
            **inputs,
        )
        if new_set:
            depends(s, urn, stackSetName=[the_set])

    return build


# Violates: the stack set's instances create the GDPR claims table in Ireland and in N. Virginia.
case("aws25-stackset-instances-virginia", AWS_COPIES, "DENY", AWS_DOC["stack-instances"], config=GDPR_STACK)(
    stack_instances(["eu-west-1", "us-east-1"])
)
# Complies: the instances are in Ireland and Frankfurt.
case("aws25-stackset-instances-frankfurt", AWS_COPIES, cite=AWS_DOC["stack-instances"], config=GDPR_STACK)(
    stack_instances(["eu-west-1", "eu-central-1"])
)


def stack_set_instance(region: Any = None, region_missing: bool = False) -> Build:
    """One stack instance of the branch-claims stack set in the claims account, in ``region`` (the
    stackSetInstanceRegion as given; ``region_missing``: not set, so the provider's Region, Ireland, applies)."""

    def build(s: Stack) -> None:
        the_set = stack_set(s)
        inputs: dict[str, Any] = {} if region_missing else {"stackSetInstanceRegion": region}
        put(
            s,
            "aws:cloudformation/stackSetInstance:StackSetInstance",
            "branch-claims-instance",
            aws(s),
            deps=[the_set],
            stackSetName=STACK_SET,
            accountId=ACCOUNT,
            retainStack=False,
            **inputs,
        )

    return build


# Violates: the instance creates the claims table in Zurich (eu-central-2), outside the EEA.
case("aws25-stackset-instance-zurich", AWS_COPIES, "DENY", AWS_DOC["stacksets"], config=GDPR_STACK)(
    stack_set_instance("eu-central-2")
)
# Complies: the instance is in Frankfurt.
case("aws25-stackset-instance-frankfurt", AWS_COPIES, cite=AWS_DOC["stacksets"], config=GDPR_STACK)(
    stack_set_instance("eu-central-1")
)

CDR_BUCKET = "ledger-voice-cdrs"


def chime_cdrs(
    bucket_region: str, new_bucket: bool = False, in_stack: bool = True, voice_connector: Any = None
) -> Build:
    """The account's Amazon Chime SDK global settings: every Voice Connector's call detail records (calling and
    called phone numbers, times, durations) are written to bucket ledger-voice-cdrs in ``bucket_region``, which is
    tagged as holding no regulated data. ``new_bucket``: the bucket is created in this update (its name unknown to
    the settings); ``in_stack``: the stack manages the bucket; ``voice_connector``: the block as given."""

    def build(s: Stack) -> None:
        deps: list[str] = []
        bucket = ""
        if in_stack:
            if new_bucket:
                bucket = put(
                    s, "aws:s3/bucket:Bucket", CDR_BUCKET, aws(s, bucket_region), bucket=CDR_BUCKET, tags=dict(NONE)
                )
            else:
                bucket = s3_bucket(s, CDR_BUCKET, bucket_region, dict(NONE))
            deps.append(bucket)
        block = {"cdrBucket": UNKNOWN if new_bucket else CDR_BUCKET} if voice_connector is None else voice_connector
        urn = put(
            s,
            "aws:chime/sdkvoiceGlobalSettings:SdkvoiceGlobalSettings",
            "voice-global-settings",
            aws(s, "eu-central-1"),
            deps=deps,
            voiceConnector=block,
        )
        if new_bucket:
            depends(s, urn, voiceConnector=[bucket])

    return build


# Violates: the call detail records of every GDPR caller are written to a bucket in N. Virginia.
case("aws25-chime-cdr-bucket-virginia", AWS_COPIES, "DENY", AWS_DOC["chime-cdr"], config=GDPR_STACK)(
    chime_cdrs("us-east-1")
)
# Complies: the records bucket is in Frankfurt.
case("aws25-chime-cdr-bucket-frankfurt", AWS_COPIES, cite=AWS_DOC["chime-cdr"], config=GDPR_STACK)(
    chime_cdrs("eu-central-1")
)

ASYNC_OUT = "claims-triage-responses"
ASYNC_FAIL = "claims-triage-failures"


def async_output(out: str, fail: str) -> dict[str, Any]:
    return {
        "s3OutputPath": f"s3://{ASYNC_OUT}/{out}/",
        "s3FailurePath": f"s3://{ASYNC_FAIL}/{fail}/",
        "kmsKeyId": KMS_IE,
    }


def async_inference(
    out_region: str, fail_region: str = "eu-west-1", new_bucket: bool = False, config: Any = None
) -> Build:
    """The claims triage model's SageMaker endpoint configuration (Ireland, tagged GDPR) for asynchronous
    inference: each response (the model's reading of a claimant's letter) is written to bucket
    claims-triage-responses in ``out_region``, each failed request's response to claims-triage-failures in
    ``fail_region``; both buckets are tagged as holding no regulated data. ``new_bucket``: the response bucket is
    created in this update (its name unknown to the endpoint configuration); ``config``: asyncInferenceConfig as
    given."""

    def build(s: Stack) -> None:
        if new_bucket:
            out = put(s, "aws:s3/bucket:Bucket", ASYNC_OUT, aws(s, out_region), bucket=ASYNC_OUT, tags=dict(NONE))
        else:
            out = s3_bucket(s, ASYNC_OUT, out_region, dict(NONE))
        fail = s3_bucket(s, ASYNC_FAIL, fail_region, dict(NONE))
        output = async_output("responses", "failures")
        if new_bucket:
            output["s3OutputPath"] = UNKNOWN
        urn = put(
            s,
            "aws:sagemaker/endpointConfiguration:EndpointConfiguration",
            "claims-triage-async",
            aws(s),
            deps=[out, fail],
            name="claims-triage-async",
            kmsKeyArn=KMS_IE,
            productionVariants=[
                {
                    "variantName": "primary",
                    "modelName": "claims-triage",
                    "instanceType": "ml.m5.xlarge",
                    "initialInstanceCount": 1,
                }
            ],
            asyncInferenceConfig={"outputConfig": output} if config is None else config,
            tags=GDPR,
        )
        if new_bucket:
            depends(s, urn, asyncInferenceConfig=[out])

    return build


# Violates: the model's responses about GDPR claims are written to a bucket in N. Virginia.
case("aws25-sagemaker-async-output-virginia", AWS_COPIES, "DENY", AWS_DOC["async-output"])(async_inference("us-east-1"))
# Complies: responses and failures are written to buckets in Ireland.
case("aws25-sagemaker-async-output-ireland", AWS_COPIES, cite=AWS_DOC["async-output"])(async_inference("eu-west-1"))
# Violates: responses stay in Ireland, but the responses of failed requests go to a bucket in N. Virginia.
case("aws25-sagemaker-async-failure-path-virginia", AWS_COPIES, "DENY", AWS_DOC["async-output"])(
    async_inference("eu-west-1", fail_region="us-east-1")
)


# ============================================================================ GCP: copies
GCP_DOC = {
    "cx-audio": "https://cloud.google.com/dialogflow/cx/docs/reference/rest/v3/projects.locations.agents#AdvancedSettings",
    "biglake-descriptor": "https://cloud.google.com/python/docs/reference/biglake/latest/google.cloud.bigquery_biglake_v1.types.HiveTableOptions.StorageDescriptor",
    "biglake-hive": "https://www.pulumi.com/registry/packages/gcp/api-docs/biglake/hivetable/",
    "datastream-gcs": "https://cloud.google.com/datastream/docs/destination-gcs",
    "metastore-warehouse": "https://cloud.google.com/dataproc-metastore/docs/hive-metastore",
}
AUDIO_BUCKET = "claims-calls-audio"


def cx_audio(
    bucket_location: str, new_bucket: bool = False, in_stack: bool = True, uri: Any = None, advanced: Any = None
) -> Build:
    """The claims hotline's Dialogflow CX agent (Belgium): the callers' audio is exported to bucket
    claims-calls-audio in ``bucket_location``, labelled as holding no regulated data. ``new_bucket``: the bucket is
    created in this update (the export URI unknown to the agent); ``in_stack``: the stack manages the bucket;
    ``uri``: the audioExportGcsDestination uri as given; ``advanced``: advancedSettings as given."""

    def build(s: Stack) -> None:
        deps: list[str] = []
        bucket = ""
        if in_stack:
            if new_bucket:
                bucket = put(
                    s,
                    "gcp:storage/bucket:Bucket",
                    AUDIO_BUCKET,
                    gcp(s),
                    name=AUDIO_BUCKET,
                    location=bucket_location,
                    uniformBucketLevelAccess=True,
                    labels=dict(GCP_NONE),
                )
            else:
                bucket = gcs_bucket(s, AUDIO_BUCKET, bucket_location, dict(GCP_NONE))
            deps.append(bucket)
        export_uri = uri
        if export_uri is None:
            export_uri = UNKNOWN if new_bucket else f"gs://{AUDIO_BUCKET}/hotline"
        settings = {"audioExportGcsDestination": {"uri": export_uri}} if advanced is None else advanced
        agent = put(
            s,
            "gcp:diagflow/cxAgent:CxAgent",
            "claims-hotline",
            gcp(s, "europe-west1"),
            deps=deps,
            displayName="claims-hotline",
            location="europe-west1",
            project=PROJECT,
            defaultLanguageCode="de",
            supportedLanguageCodes=["fr", "nl"],
            timeZone="Europe/Brussels",
            advancedSettings=settings,
        )
        if new_bucket:
            depends(s, agent, advancedSettings=[bucket])

    return build


# Violates: the callers' audio is exported to a bucket in the US multi-region.
case("gcp25-cx-agent-audio-export-us-bucket", GCP_COPIES, "DENY", GCP_DOC["cx-audio"], config=GDPR_STACK)(
    cx_audio("US")
)
# Complies: the audio bucket is in the EU multi-region.
case("gcp25-cx-agent-audio-export-eu-bucket", GCP_COPIES, cite=GCP_DOC["cx-audio"], config=GDPR_STACK)(cx_audio("EU"))

LAKE_CATALOG = f"projects/{PROJECT}/locations/europe-west3/catalogs/claims"
LAKE_DATABASE = f"{LAKE_CATALOG}/databases/intake"
PARQUET = {
    "inputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
    "outputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
}
PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"


def biglake_table(table_bucket: str | None, database_bucket: str = "claims-lake-eu", hive_options: Any = None) -> Build:
    """The claims lake's BigLake metastore (classic): catalog claims (Frankfurt), database intake whose location is
    ``database_bucket``, and table statements (the claimants' bank statements) whose data files are under
    ``table_bucket`` (None: the table sets no location of its own). Buckets claims-lake-eu (EU) and claims-lake-us
    (US) are labelled as holding no regulated data. ``hive_options``: the table's hiveOptions as given."""

    def build(s: Stack) -> None:
        buckets = [
            gcs_bucket(s, "claims-lake-eu", "EU", dict(GCP_NONE)),
            gcs_bucket(s, "claims-lake-us", "US", dict(GCP_NONE)),
        ]
        catalog = put(
            s,
            "gcp:biglake/catalog:Catalog",
            "claims",
            gcp(s),
            known={"id": LAKE_CATALOG},
            name="claims",
            location="europe-west3",
            project=PROJECT,
        )
        database = put(
            s,
            "gcp:biglake/database:Database",
            "intake",
            gcp(s),
            deps=[catalog, *buckets],
            known={"id": LAKE_DATABASE},
            name="intake",
            catalog=LAKE_CATALOG,
            type="HIVE",
            hiveOptions={"locationUri": f"gs://{database_bucket}/intake", "parameters": {"owner": "claims-analytics"}},
        )
        descriptor: dict[str, Any] = {**PARQUET, "serdeInfo": {"serializationLib": PARQUET_SERDE}}
        if table_bucket is not None:
            descriptor["locationUri"] = f"gs://{table_bucket}/intake/statements"
        put(
            s,
            "gcp:biglake/table:Table",
            "statements",
            gcp(s),
            deps=[database, *buckets],
            name="statements",
            database=LAKE_DATABASE,
            type="HIVE",
            hiveOptions={
                "tableType": "MANAGED_TABLE",
                "storageDescriptor": descriptor,
                "parameters": {"format": "parquet"},
            }
            if hive_options is None
            else hive_options,
        )

    return build


# Violates: the table's data files (bank statements of GDPR claimants) are in the US bucket.
case("gcp25-biglake-table-us-bucket", GCP_COPIES, "DENY", GCP_DOC["biglake-descriptor"], config=GDPR_STACK)(
    biglake_table("claims-lake-us")
)
# Complies: they are in the EU bucket.
case("gcp25-biglake-table-eu-bucket", GCP_COPIES, cite=GCP_DOC["biglake-descriptor"], config=GDPR_STACK)(
    biglake_table("claims-lake-eu")
)


def hive_table(table_bucket: str) -> Build:
    """The claims lake in BigLake metastore's Hive catalog claims-hive (primary location Frankfurt, default
    location the EU bucket): table payouts of database intake keeps its data files under ``table_bucket``."""

    def build(s: Stack) -> None:
        buckets = [
            gcs_bucket(s, "claims-hive-eu", "EU", dict(GCP_NONE)),
            gcs_bucket(s, "claims-hive-us", "US", dict(GCP_NONE)),
        ]
        catalog = put(
            s,
            "gcp:biglake/hiveCatalog:HiveCatalog",
            "claims-hive",
            gcp(s),
            deps=buckets,
            known={"id": f"projects/{PROJECT}/catalogs/claims-hive"},
            name="claims-hive",
            project=PROJECT,
            primaryLocation="europe-west3",
            locationUri="gs://claims-hive-eu",
        )
        database = put(
            s,
            "gcp:biglake/hiveDatabase:HiveDatabase",
            "intake",
            gcp(s),
            deps=[catalog],
            known={"id": f"projects/{PROJECT}/catalogs/claims-hive/databases/intake"},
            catalog="claims-hive",
            name="intake",
            project=PROJECT,
            locationUri="gs://claims-hive-eu/intake",
        )
        put(
            s,
            "gcp:biglake/hiveTable:HiveTable",
            "payouts",
            gcp(s),
            deps=[catalog, database, *buckets],
            catalog="claims-hive",
            database="intake",
            name="payouts",
            project=PROJECT,
            storageDescriptor={
                **PARQUET,
                "locationUri": f"gs://{table_bucket}/intake/payouts",
                "columns": [
                    {"name": "claim_id", "type": "string"},
                    {"name": "iban", "type": "string"},
                    {"name": "amount", "type": "decimal(12,2)"},
                ],
                "serdeInfo": {"serializationLib": PARQUET_SERDE},
            },
        )

    return build


# Violates: the payouts table (claimants' IBANs) keeps its data files in the US bucket.
case("gcp25-biglake-hive-table-us-bucket", GCP_COPIES, "DENY", GCP_DOC["biglake-hive"], config=GDPR_STACK)(
    hive_table("claims-hive-us")
)
# Complies: in the EU bucket.
case("gcp25-biglake-hive-table-eu-bucket", GCP_COPIES, cite=GCP_DOC["biglake-hive"], config=GDPR_STACK)(
    hive_table("claims-hive-eu")
)

CDC_MYSQL = f"projects/{PROJECT}/locations/europe-west3/connectionProfiles/claims-mysql"
CDC_LANDING = f"projects/{PROJECT}/locations/europe-west3/connectionProfiles/claims-landing"


def datastream_gcs(bucket_location: str, new_profile: bool = False, gcs_profile: Any = None) -> Build:
    """Datastream (Frankfurt) streams every change of the claims MySQL database into Cloud Storage, through
    connection profile claims-landing whose bucket claims-cdc-landing is in ``bucket_location`` and labelled as
    holding no regulated data. ``new_profile``: the landing profile is created in this update (its name unknown to
    the stream); ``gcs_profile``: the profile's gcsProfile as given."""

    def build(s: Stack) -> None:
        bucket = gcs_bucket(s, "claims-cdc-landing", bucket_location, dict(GCP_NONE))
        source = put(
            s,
            "gcp:datastream/connectionProfile:ConnectionProfile",
            "claims-mysql",
            gcp(s),
            known={"id": CDC_MYSQL, "name": CDC_MYSQL},
            connectionProfileId="claims-mysql",
            displayName="claims-mysql",
            location="europe-west3",
            project=PROJECT,
            mysqlProfile={
                "hostname": "10.20.0.5",
                "port": 3306,
                "username": "datastream",
                "password": secret("Zt7q-4Rw!mK2pLx9"),
            },
            labels=GDPR,
        )
        landing = put(
            s,
            "gcp:datastream/connectionProfile:ConnectionProfile",
            "claims-landing",
            gcp(s),
            deps=[bucket],
            known=None if new_profile else {"id": CDC_LANDING, "name": CDC_LANDING},
            connectionProfileId="claims-landing",
            displayName="claims-landing",
            location="europe-west3",
            project=PROJECT,
            gcsProfile={"bucket": "claims-cdc-landing", "rootPath": "/cdc"} if gcs_profile is None else gcs_profile,
        )
        stream = put(
            s,
            "gcp:datastream/stream:Stream",
            "claims-cdc",
            gcp(s),
            deps=[source, landing],
            streamId="claims-cdc",
            displayName="claims-cdc",
            location="europe-west3",
            project=PROJECT,
            labels=GDPR,
            sourceConfig={"sourceConnectionProfile": CDC_MYSQL, "mysqlSourceConfig": {}},
            destinationConfig={
                "destinationConnectionProfile": UNKNOWN if new_profile else CDC_LANDING,
                "gcsDestinationConfig": {
                    "path": "/claims",
                    "fileRotationMb": 100,
                    "fileRotationInterval": "60s",
                    "jsonFileFormat": {"schemaFileFormat": "NO_SCHEMA_FILE", "compression": "GZIP"},
                },
            },
            backfillAll={},
        )
        if new_profile:
            depends(s, stream, destinationConfig=[landing])

    return build


# Violates: the change stream of the claims database lands in a bucket in the US multi-region.
case("gcp25-datastream-gcs-landing-us", GCP_COPIES, "DENY", GCP_DOC["datastream-gcs"])(datastream_gcs("US"))
# Complies: the landing bucket is in Frankfurt.
case("gcp25-datastream-gcs-landing-frankfurt", GCP_COPIES, cite=GCP_DOC["datastream-gcs"])(
    datastream_gcs("EUROPE-WEST3")
)


def metastore_warehouse(bucket_location: str) -> Build:
    """The claims Dataproc Metastore service (Frankfurt, labelled GDPR) whose Hive warehouse directory, where the
    data of its internal tables is stored, is overridden to bucket claims-warehouse in ``bucket_location``
    (labelled as holding no regulated data)."""

    def build(s: Stack) -> None:
        bucket = gcs_bucket(s, "claims-warehouse", bucket_location, dict(GCP_NONE))
        put(
            s,
            "gcp:dataproc/metastoreService:MetastoreService",
            "claims-hms",
            gcp(s),
            deps=[bucket],
            serviceId="claims-hms",
            location="europe-west3",
            project=PROJECT,
            tier="DEVELOPER",
            port=9080,
            hiveMetastoreConfig={
                "version": "3.1.2",
                "configOverrides": {"hive.metastore.warehouse.dir": "gs://claims-warehouse/hive-warehouse"},
            },
            labels=GDPR,
        )

    return build


# Violates: the internal tables' data is written to a warehouse bucket in the US multi-region.
case("gcp25-metastore-warehouse-us-bucket", GCP_COPIES, "DENY", GCP_DOC["metastore-warehouse"])(
    metastore_warehouse("US")
)
# Complies: the warehouse bucket is in the EU multi-region.
case("gcp25-metastore-warehouse-eu-bucket", GCP_COPIES, cite=GCP_DOC["metastore-warehouse"])(metastore_warehouse("EU"))


# ============================================================================ Azure: copies
AZ_DOC = {
    "arm-templates": "https://learn.microsoft.com/en-us/azure/azure-resource-manager/templates/overview",
    "arm-location": "https://learn.microsoft.com/en-us/azure/azure-resource-manager/templates/resource-location",
    "cosmos-regions": "https://learn.microsoft.com/en-us/azure/cosmos-db/distribute-data-globally",
    "aci-logs": "https://learn.microsoft.com/en-us/azure/container-instances/container-instances-log-analytics",
    "webpubsub-listener": "https://learn.microsoft.com/en-us/javascript/api/@azure/arm-webpubsub/eventhubendpoint",
    "extended-zones": "https://learn.microsoft.com/en-us/azure/extended-zones/overview",
    "gallery-extended": "https://learn.microsoft.com/en-us/python/api/azure-mgmt-compute/azure.mgmt.compute.models.gallerytargetextendedlocation",
}
ARM_SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
TAGS_GDPR_ARM = {"fleet-residency": "gdpr"}


def arm_template(resource: dict[str, Any], parameters: dict[str, Any] | None = None) -> dict[str, Any]:
    template: dict[str, Any] = {"$schema": ARM_SCHEMA, "contentVersion": "1.0.0.0", "resources": [resource]}
    if parameters:
        template["parameters"] = parameters
    return template


def archive_account(location: str) -> dict[str, Any]:
    """An ARM template resource: the claims archive storage account, tagged GDPR, in ``location``."""
    return {
        "type": "Microsoft.Storage/storageAccounts",
        "apiVersion": "2023-05-01",
        "name": "claimsarchive",
        "location": location,
        "sku": {"name": "Standard_LRS"},
        "kind": "StorageV2",
        "tags": TAGS_GDPR_ARM,
        "properties": {"allowBlobPublicAccess": False, "minimumTlsVersion": "TLS1_2"},
    }


def claims_cosmos(second: str) -> dict[str, Any]:
    """An ARM template resource: the claims Cosmos DB account (West Europe), tagged GDPR, replicated to ``second``."""
    return {
        "type": "Microsoft.DocumentDB/databaseAccounts",
        "apiVersion": "2024-05-15",
        "name": "claims-docs",
        "location": "westeurope",
        "kind": "GlobalDocumentDB",
        "tags": TAGS_GDPR_ARM,
        "properties": {
            "databaseAccountOfferType": "Standard",
            "consistencyPolicy": {"defaultConsistencyLevel": "Session"},
            "locations": [
                {"locationName": "westeurope", "failoverPriority": 0},
                {"locationName": second, "failoverPriority": 1},
            ],
        },
    }


def ledger_group(s: Stack) -> str:
    return put(
        s,
        "azure-native:resources:ResourceGroup",
        "ledger-rg",
        azure(s),
        known={"id": f"/subscriptions/{SUB}/resourceGroups/ledger"},
        resourceGroupName="ledger",
        location="westeurope",
        tags=GDPR,
    )


def arm_deployment(template: dict[str, Any], parameters: dict[str, Any] | None = None, properties: Any = None) -> Build:
    """An ARM template deployment (incremental) into resource group ledger (West Europe), tagged GDPR, which creates
    the resources of ``template``. ``properties``: the deployment's properties as given."""

    def build(s: Stack) -> None:
        group = ledger_group(s)
        body: dict[str, Any] = {"mode": "Incremental", "template": template}
        if parameters:
            body["parameters"] = parameters
        put(
            s,
            "azure-native:resources:Deployment",
            "claims-store",
            azure(s),
            deps=[group],
            resourceGroupName="ledger",
            deploymentName="claims-store",
            properties=body if properties is None else properties,
            tags=GDPR,
        )

    return build


# Violates: the deployment creates the GDPR claims archive account in East US.
case("az25-arm-deployment-storage-east-us", AZURE_COPIES, "DENY", AZ_DOC["arm-templates"])(
    arm_deployment(arm_template(archive_account("eastus")))
)
# Complies: the template puts the account in West Europe.
case("az25-arm-deployment-storage-west-europe", AZURE_COPIES, cite=AZ_DOC["arm-templates"])(
    arm_deployment(arm_template(archive_account("westeurope")))
)
# Violates: the Cosmos DB account the template creates in West Europe is replicated to East US.
case("az25-arm-deployment-cosmos-replica-east-us", AZURE_COPIES, "DENY", AZ_DOC["cosmos-regions"])(
    arm_deployment(arm_template(claims_cosmos("eastus")))
)
# Complies: its second region is North Europe.
case("az25-arm-deployment-cosmos-replica-north-europe", AZURE_COPIES, cite=AZ_DOC["cosmos-regions"])(
    arm_deployment(arm_template(claims_cosmos("northeurope")))
)

SECOPS_SUB = "3e8f1a2b-6c4d-4e9f-a0b1-7c2d8e3f4a5b"  # our security operations subscription, named by a provider
SECOPS_WORKSPACE = f"/subscriptions/{SECOPS_SUB}/resourceGroups/soc/providers/" + (
    "Microsoft.OperationalInsights/workspaces/claims-containers"
)
OCR_WORKSPACE_ID = "5b0d2c7e-8f41-4a93-b6e2-1c9d3f7a0e54"  # the workspace (customer) ID of claims-containers
OCR_WORKSPACE_KEY = "k3Vq9xZl2Jm8Rt4Wb7Yc1Nd6Hf0Sg5Pe2Ua8Io3Ly9Tz4Xw7Qv1Mn6Bk0Dj5Ch2Gf8Ep3Ar9Os4Iu7Yt1Re6=="


def aci_logs(
    workspace_location: str | None = "westeurope",
    workspace_id: Any = None,
    new_workspace: bool = False,
    second_subscription: bool = False,
    log_analytics: Any = None,
) -> Build:
    """The claims OCR container group (West Europe, tagged GDPR), whose containers' output (the text read from
    claimants' letters) Container Instances sends to a Log Analytics workspace: claims-containers in
    ``workspace_location`` (None: not in the stack), or the ARM ID ``workspace_id``. ``new_workspace``: the
    workspace is created in this update; ``second_subscription``: it is in our security subscription, which a
    provider of the stack names; ``log_analytics``: diagnostics.logAnalytics as given."""

    def build(s: Stack) -> None:
        deps: list[str] = []
        ws = ""
        ws_id = workspace_id
        if workspace_location is not None:
            if second_subscription:
                prov = s.provider("azure-native", "security", location=workspace_location, subscriptionId=SECOPS_SUB)
                ws_id = SECOPS_WORKSPACE
                ws = put(
                    s,
                    "azure-native:operationalinsights:Workspace",
                    "claims-containers-law",
                    prov,
                    known={"id": ws_id, "customerId": OCR_WORKSPACE_ID},
                    resourceGroupName="soc",
                    workspaceName="claims-containers",
                    location=workspace_location,
                    sku={"name": "PerGB2018"},
                    retentionInDays=90,
                )
            elif new_workspace:
                ws = put(
                    s,
                    "azure-native:operationalinsights:Workspace",
                    "claims-containers-law",
                    azure(s, workspace_location),
                    resourceGroupName="ledger",
                    workspaceName="claims-containers",
                    location=workspace_location,
                    sku={"name": "PerGB2018"},
                    retentionInDays=90,
                )
                ws_id = UNKNOWN
            else:
                ws = put(
                    s,
                    "azure-native:operationalinsights:Workspace",
                    "claims-containers-law",
                    azure(s, workspace_location),
                    known={
                        "id": f"{RG}/Microsoft.OperationalInsights/workspaces/claims-containers",
                        "customerId": OCR_WORKSPACE_ID,
                    },
                    resourceGroupName="ledger",
                    workspaceName="claims-containers",
                    location=workspace_location,
                    sku={"name": "PerGB2018"},
                    retentionInDays=90,
                )
                ws_id = f"{RG}/Microsoft.OperationalInsights/workspaces/claims-containers"
            deps.append(ws)
        settings: dict[str, Any] = {
            "workspaceId": UNKNOWN if new_workspace else OCR_WORKSPACE_ID,
            "workspaceKey": secret(UNKNOWN if new_workspace else OCR_WORKSPACE_KEY),
            "logType": "ContainerInstanceLogs",
        }
        if ws_id is not None:
            settings["workspaceResourceId"] = ws_id
        urn = put(
            s,
            "azure-native:containerinstance:ContainerGroup",
            "claims-ocr",
            azure(s),
            deps=deps,
            resourceGroupName="ledger",
            containerGroupName="claims-ocr",
            location="westeurope",
            osType="Linux",
            restartPolicy="OnFailure",
            containers=[
                {
                    "name": "ocr",
                    "image": "ledgeracr.azurecr.io/claims-ocr:2.4.1",
                    "resources": {"requests": {"cpu": 1, "memoryInGB": 2}},
                }
            ],
            diagnostics={"logAnalytics": settings if log_analytics is None else log_analytics},
            tags=GDPR,
        )
        if new_workspace:
            depends(s, urn, diagnostics=[ws])

    return build


# Violates: the OCR containers' output is sent to a workspace in East US.
case("az25-aci-logs-workspace-east-us", AZURE_COPIES, "DENY", AZ_DOC["aci-logs"])(aci_logs("eastus"))
# Complies: the workspace is in West Europe.
case("az25-aci-logs-workspace-west-europe", AZURE_COPIES, cite=AZ_DOC["aci-logs"])(aci_logs("westeurope"))

CHAT_EVENTHUB = "chat-events"


def webpubsub_listener(
    namespace_location: str | None, host: str | None = None, new_namespace: bool = False, endpoint: Any = None
) -> Build:
    """The claims chat's Web PubSub service (West Europe, tagged GDPR), whose hub adjusters sends every client event
    (adjusters' and claimants' messages) to event hub chat-events of an Event Hubs namespace: claims-chat-events in
    ``namespace_location`` (None: not in the stack), tagged as holding no regulated data, or the host ``host``.
    ``new_namespace``: the namespace is created in this update (its host unknown to the hub); ``endpoint``: the
    listener's endpoint as given."""

    def build(s: Stack) -> None:
        service = put(
            s,
            "azure-native:webpubsub:WebPubSub",
            "claims-chat",
            azure(s),
            known={"id": f"{RG}/Microsoft.SignalRService/webPubSub/claims-chat"},
            resourceGroupName="ledger",
            resourceName="claims-chat",
            location="westeurope",
            sku={"name": "Standard_S1", "tier": "Standard", "capacity": 1},
            identity={"type": "SystemAssigned"},
            tags=GDPR,
        )
        deps = [service]
        fqdn = host
        namespace = ""
        if namespace_location is not None:
            name = "claims-chat-events"
            inputs: dict[str, Any] = {
                "resourceGroupName": "ledger",
                "namespaceName": name,
                "location": namespace_location,
                "sku": {"name": "Standard", "tier": "Standard"},
                "tags": dict(NONE),
            }
            known = None
            if not new_namespace:
                known = {
                    "id": f"{RG}/Microsoft.EventHub/namespaces/{name}",
                    "serviceBusEndpoint": f"https://{name}.servicebus.windows.net:443/",
                }
            namespace = put(
                s, "azure-native:eventhub:Namespace", name, azure(s, namespace_location), known=known, **inputs
            )
            put(
                s,
                "azure-native:eventhub:EventHub",
                CHAT_EVENTHUB,
                azure(s, namespace_location),
                deps=[namespace],
                resourceGroupName="ledger",
                namespaceName=name,
                eventHubName=CHAT_EVENTHUB,
                partitionCount=4,
                retentionDescription={"cleanupPolicy": "Delete", "retentionTimeInHours": 168},
            )
            deps.append(namespace)
            fqdn = UNKNOWN if new_namespace else f"{name}.servicebus.windows.net"
        urn = put(
            s,
            "azure-native:webpubsub:WebPubSubHub",
            "claims-chat-adjusters",
            azure(s),
            deps=deps,
            resourceGroupName="ledger",
            resourceName="claims-chat",
            hubName="adjusters",
            properties={
                "anonymousConnectPolicy": "Deny",
                "eventListeners": [
                    {
                        "filter": {
                            "type": "EventName",
                            "userEventPattern": "*",
                            "systemEvents": ["connected", "disconnected"],
                        },
                        "endpoint": {"type": "EventHub", "fullyQualifiedNamespace": fqdn, "eventHubName": CHAT_EVENTHUB}
                        if endpoint is None
                        else endpoint,
                    }
                ],
            },
        )
        if new_namespace:
            depends(s, urn, properties=[namespace])

    return build


# Violates: the chat's events are sent to an event hub in East US.
case("az25-webpubsub-listener-east-us", AZURE_COPIES, "DENY", AZ_DOC["webpubsub-listener"])(
    webpubsub_listener("eastus")
)
# Complies: the namespace is in West Europe.
case("az25-webpubsub-listener-west-europe", AZURE_COPIES, cite=AZ_DOC["webpubsub-listener"])(
    webpubsub_listener("westeurope")
)
SCANNER_VM = f"{RG}/Microsoft.Compute/virtualMachines/claims-scanner"


def gallery_extended_zone(new_vm: bool = False) -> Build:
    """Version 1.4.0 of the claims scanner image (gallery ledgerimages, West Europe, tagged GDPR), captured from the
    scanner VM whose disks hold scanned claims, replicated to West Europe and to the Perth Extended Zone (parent
    Region Australia East). ``new_vm``: the VM is created in this update (its ID unknown to the version)."""

    def build(s: Stack) -> None:
        deps: list[str] = []
        if new_vm:
            vm = put(
                s,
                "azure-native:compute:VirtualMachine",
                "claims-scanner",
                azure(s),
                resourceGroupName="ledger",
                vmName="claims-scanner",
                location="westeurope",
                hardwareProfile={"vmSize": "Standard_D4s_v5"},
                networkProfile={"networkInterfaces": [{"id": f"{RG}/Microsoft.Network/networkInterfaces/scanner-nic"}]},
                storageProfile={
                    "imageReference": {
                        "publisher": "Canonical",
                        "offer": "ubuntu-24_04-lts",
                        "sku": "server",
                        "version": "latest",
                    },
                    "osDisk": {"createOption": "FromImage", "managedDisk": {"storageAccountType": "Premium_LRS"}},
                },
                tags=GDPR,
            )
            deps.append(vm)
        urn = put(
            s,
            "azure-native:compute:GalleryImageVersion",
            "claims-scanner-1.4.0",
            azure(s),
            deps=deps,
            resourceGroupName="ledger",
            galleryName="ledgerimages",
            galleryImageName="claims-scanner",
            galleryImageVersionName="1.4.0",
            location="westeurope",
            storageProfile={"source": {"virtualMachineId": UNKNOWN if new_vm else SCANNER_VM}},
            publishingProfile={
                "targetRegions": [{"name": "westeurope", "regionalReplicaCount": 1}],
                "targetExtendedLocations": [
                    {
                        "name": "australiaeast",
                        "extendedLocation": {"name": "perth", "type": "EdgeZone"},
                        "extendedLocationReplicaCount": 1,
                    }
                ],
            },
            tags=GDPR,
        )
        if new_vm:
            depends(s, urn, storageProfile=deps)

    return build


# Violates: the image version, with scanned GDPR claims on its disks, is replicated to Perth, in Australia.
case("az25-gallery-version-perth-extended-zone", AZURE_COPIES, "DENY", AZ_DOC["extended-zones"])(
    gallery_extended_zone()
)


# ============================================================================ outside destinations
OUT_DOC = {
    "stack-instances": "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-cloudformation-stackset-stackinstances.html",
    "location-providers": "https://docs.aws.amazon.com/govcloud-us/latest/UserGuide/govcloud-geo.html",
    "location-features": "https://docs.aws.amazon.com/location/latest/developerguide/data-provider-features.html",
    "pagerduty": "https://docs.aws.amazon.com/incident-manager/latest/APIReference/API_Integration.html",
    "firebase-insecure": "https://firebase.google.com/docs/rules/insecure-rules",
    "aci-logs": "https://learn.microsoft.com/en-us/azure/container-instances/container-instances-log-analytics",
    "webpubsub-listener": "https://learn.microsoft.com/en-us/javascript/api/@azure/arm-webpubsub/eventhubendpoint",
}

# Violates: the stack set's instance creates the GDPR claims table in another company's AWS account (Ireland).
case("out25-stackset-instances-partner-account", OUTSIDE, "DENY", OUT_DOC["stack-instances"], config=GDPR_STACK)(
    stack_instances(["eu-west-1"], accounts=[PARTNER_ACCOUNT])
)
# Complies: the instance is in our second account (a provider of the stack names it), in Ireland.
case("out25-stackset-instances-own-second-account", OUTSIDE, cite=OUT_DOC["stack-instances"], config=GDPR_STACK)(
    stack_instances(["eu-west-1"], accounts=[OWN_ACCOUNT], own_second_account=True)
)


def place_index(s: Stack) -> None:
    """The claims portal's address lookup (Frankfurt, tagged GDPR): an Amazon Location place index on HERE data,
    which geocodes the addresses claimants type."""
    put(
        s,
        "aws:location/placeIndex:PlaceIndex",
        "claims-address-lookup",
        aws(s, "eu-central-1"),
        indexName="claims-address-lookup",
        dataSource="Here",
        dataSourceConfiguration={"intendedUse": "SingleUse"},
        tags=GDPR,
    )


def open_data_map(s: Stack) -> None:
    """The claims portal's map (Frankfurt, tagged GDPR): an Amazon Location map in an Open Data style."""
    put(
        s,
        "aws:location/map:Map",
        "claims-portal-map",
        aws(s, "eu-central-1"),
        mapName="claims-portal-map",
        configuration={"style": "VectorOpenDataStandardLight"},
        tags=GDPR,
    )


# Violates: every address a claimant searches is sent to HERE for geocoding, "which may be outside of the AWS
# Region in which your request was made".
case("out25-location-place-index-here", OUTSIDE, "DENY", OUT_DOC["location-providers"])(place_index)
# Complies: requests for Open Data maps are processed by AWS in the Region (the documented exception).
case("out25-location-map-open-data", OUTSIDE, cite=OUT_DOC["location-providers"])(open_data_map)
INCIDENT_TOPIC = f"arn:aws:sns:eu-west-1:{ACCOUNT}:claims-incidents"


def response_plan(pagerduty: bool) -> Build:
    """Incident Manager's response plan for claims-intake outages (Ireland, tagged GDPR; the replication set keeps
    incidents in Ireland and Frankfurt): it notifies an SNS topic in Ireland and, with ``pagerduty``, opens each
    incident (title, summary, impact) in a PagerDuty service as well."""

    def build(s: Stack) -> None:
        put(
            s,
            "aws:ssmincidents/replicationSet:ReplicationSet",
            "incident-replication",
            aws(s),
            regions=[{"name": "eu-west-1", "kmsKeyArn": KMS_IE}, {"name": "eu-central-1"}],
            tags=GDPR,
        )
        extra: dict[str, Any] = {}
        if pagerduty:
            extra["integration"] = {
                "pagerduties": [{"name": "claims-oncall", "serviceId": "PX7Q2ZB", "secretId": "pagerduty/claims"}]
            }
        put(
            s,
            "aws:ssmincidents/responsePlan:ResponsePlan",
            "claims-outage",
            aws(s),
            name="claims-outage",
            displayName="Claims intake outage",
            incidentTemplate={
                "title": "Claims intake outage",
                "impact": 2,
                "summary": "Claims cannot be submitted or are stuck in triage",
                "notificationTargets": [{"snsTopicArn": INCIDENT_TOPIC}],
            },
            tags=GDPR,
            **extra,
        )

    return build


# Violates: each claims incident is opened in PagerDuty, a service outside the cloud.
case("out25-incident-response-plan-pagerduty", OUTSIDE, "DENY", OUT_DOC["pagerduty"])(response_plan(True))
# Complies: the plan only notifies the SNS topic in Ireland.
case("out25-incident-response-plan-sns-only", OUTSIDE, cite=OUT_DOC["pagerduty"])(response_plan(False))

PUBLIC_READ = """rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    match /claims/{claimId} {
      allow read: if true;
      allow write: if request.auth != null && request.auth.uid == request.resource.data.ownerId;
    }
  }
}
"""
SIGNED_IN_READ = PUBLIC_READ.replace("allow read: if true;", "allow read: if request.auth != null;")
OWNER_READ = PUBLIC_READ.replace(
    "allow read: if true;", "allow read: if request.auth != null && request.auth.uid == resource.data.ownerId;"
)
RULESET = f"projects/{PROJECT}/rulesets/4f0c2a9e-7b31-4d58-9e62-a1c3b5d7f908"


def firestore_rules(rules: str) -> Build:
    """The claims app's Firestore database (Frankfurt) and the security rules released for it: ``rules``."""

    def build(s: Stack) -> None:
        database = put(
            s,
            "gcp:firestore/database:Database",
            "claims-db",
            gcp(s),
            known={"id": f"projects/{PROJECT}/databases/(default)"},
            name="(default)",
            project=PROJECT,
            locationId="europe-west3",
            type="FIRESTORE_NATIVE",
            deleteProtectionState="DELETE_PROTECTION_ENABLED",
        )
        ruleset = put(
            s,
            "gcp:firebaserules/ruleset:Ruleset",
            "claims-rules",
            gcp(s),
            deps=[database],
            known={"id": RULESET, "name": RULESET},
            project=PROJECT,
            source={"files": [{"name": "firestore.rules", "content": rules}]},
        )
        put(
            s,
            "gcp:firebaserules/release:Release",
            "cloud-firestore",
            gcp(s),
            deps=[ruleset, database],
            name="cloud.firestore",
            project=PROJECT,
            rulesetName=RULESET,
        )

    return build


# Violates: "allow read: if true" lets anyone on the internet read every GDPR claim.
case("out25-firestore-rules-public-read", OUTSIDE, "DENY", OUT_DOC["firebase-insecure"], config=GDPR_STACK)(
    firestore_rules(PUBLIC_READ)
)
# Violates: any signed-in user of the project's Firebase Authentication (which anyone can sign up to) may read
# every claim, not only its owner.
case("out25-firestore-rules-any-signed-in-read", OUTSIDE, "DENY", OUT_DOC["firebase-insecure"], config=GDPR_STACK)(
    firestore_rules(SIGNED_IN_READ)
)
# Complies: only the claim's owner may read it.
case("out25-firestore-rules-owner-read", OUTSIDE, cite=OUT_DOC["firebase-insecure"], config=GDPR_STACK)(
    firestore_rules(OWNER_READ)
)
PARTNER_SOC = (
    f"/subscriptions/{PARTNER_SUB}/resourceGroups/soc/providers/Microsoft.OperationalInsights/workspaces/mssp-soc"
)

# Violates: the OCR containers' output goes to a workspace in another company's subscription (a managed SOC).
case("out25-aci-logs-partner-workspace", OUTSIDE, "DENY", OUT_DOC["aci-logs"])(aci_logs(None, workspace_id=PARTNER_SOC))
# Complies: the workspace is in our security subscription (a provider of the stack names it), in West Europe.
case("out25-aci-logs-own-security-subscription", OUTSIDE, cite=OUT_DOC["aci-logs"])(
    aci_logs("westeurope", second_subscription=True)
)
# Violates: the chat's events go to an Event Hubs namespace the stack does not manage (a partner's).
case("out25-webpubsub-listener-partner-namespace", OUTSIDE, "DENY", OUT_DOC["webpubsub-listener"])(
    webpubsub_listener(None, host="claims-analytics-partner.servicebus.windows.net")
)


# ============================================================================ unset location defaults
DEF_DOC = {
    "stack-set-instance": "https://www.pulumi.com/registry/packages/aws/api-docs/cloudformation/stacksetinstance/",
    "arm-location": "https://learn.microsoft.com/en-us/azure/azure-resource-manager/templates/resource-location",
    "chime-settings": "https://docs.aws.amazon.com/chime-sdk/latest/APIReference/API_voice-chime_VoiceConnectorSettings.html",
    "cx-audio": "https://cloud.google.com/dialogflow/cx/docs/reference/rest/v3/projects.locations.agents#AdvancedSettings",
    "hive-location": "https://cloud.google.com/python/docs/reference/biglake/latest/google.cloud.bigquery_biglake_v1.types.HiveDatabaseOptions",
    "aci-logs": "https://learn.microsoft.com/en-us/azure/container-instances/container-instances-log-analytics",
}

# Complies: with no stackSetInstanceRegion the instance is created in the provider's Region, Ireland ("Defaults to
# current region").
case("def25-stackset-instance-region-unset", DEFAULTS, cite=DEF_DOC["stack-set-instance"], config=GDPR_STACK)(
    stack_set_instance(region_missing=True)
)
# Complies: the template's account takes its resource group's location ("[resourceGroup().location]"); the group,
# ledger, is in West Europe.
case("def25-arm-template-resource-group-location", DEFAULTS, cite=DEF_DOC["arm-location"])(
    arm_deployment(arm_template(archive_account("[resourceGroup().location]")))
)
# Violates: the call detail records go to a bucket the stack does not manage; S3 bucket names carry no Region.
case("def25-chime-cdr-bucket-unmanaged", DEFAULTS, "DENY", DEF_DOC["chime-settings"], config=GDPR_STACK)(
    chime_cdrs("eu-central-1", in_stack=False)
)
# Violates: the hotline's audio is exported to a bucket the stack does not manage.
case("def25-cx-agent-audio-bucket-unmanaged", DEFAULTS, "DENY", DEF_DOC["cx-audio"], config=GDPR_STACK)(
    cx_audio("EU", in_stack=False)
)
# Violates: the table sets no location, so its data files go under its database's location, the US bucket.
case("def25-biglake-table-database-location-us", DEFAULTS, "DENY", DEF_DOC["hive-location"], config=GDPR_STACK)(
    biglake_table(None, database_bucket="claims-lake-us")
)
# Violates: the containers' output goes to a workspace named only by its workspace (customer) ID and key, which
# no resource of the stack has: where it is cannot be found.
case("def25-aci-logs-workspace-id-only", DEFAULTS, "DENY", DEF_DOC["aci-logs"])(aci_logs(None))


# ============================================================================ Kubernetes operators
OP_DOC = {
    "crossplane-stackset": "https://marketplace.upbound.io/providers/upbound/provider-aws-cloudformation/latest/resources/cloudformation.aws.upbound.io/StackSetInstance/v1beta1",
    "crossplane-acr": "https://marketplace.upbound.io/providers/upbound/provider-azure-containerregistry/latest/resources/containerregistry.azure.upbound.io/Registry/v1beta2",
    "acr-geo": "https://learn.microsoft.com/en-us/azure/container-registry/container-registry-geo-replication",
    "aso-diagnostic": "https://azure.github.io/azure-service-operator/reference/insights/v1api20210501preview",
    "crossplane-snapshot": "https://marketplace.upbound.io/providers/upbound/provider-gcp-compute/latest/resources/compute.gcp.upbound.io/Snapshot/v1beta1",
    "snapshot-locations": "https://cloud.google.com/compute/docs/disks/snapshots#selecting_a_storage_location",
    "kcc-biglake": "https://cloud.google.com/config-connector/docs/reference/resource-docs/bigquerybiglake/biglaketable",
}
TENANT_GDPR = {**GDPR, "fleet-tenant": "acme"}


def crossplane_stack_set_instance(region: str) -> Build:
    """The GDPR tenant's Crossplane stack set (managed from Ireland) of its branch claims table, and a
    cluster-scoped stack set instance in its account and ``region`` (stackSetInstanceRegion)."""
    stack_set_object = custom_resource(
        "cloudformation.aws.upbound.io/v1beta1",
        "StackSet",
        "acme-branch-claims",
        None,
        {
            "forProvider": {
                "region": "eu-west-1",
                "permissionModel": "SELF_MANAGED",
                "administrationRoleArn": f"arn:aws:iam::{ACCOUNT}:role/AWSCloudFormationStackSetAdministrationRole",
                "executionRoleName": "AWSCloudFormationStackSetExecutionRole",
                "templateBody": CLAIMS_TEMPLATE,
            },
            "providerConfigRef": {"name": "default"},
        },
        labels=TENANT_GDPR,
    )
    instance = custom_resource(
        "cloudformation.aws.upbound.io/v1beta1",
        "StackSetInstance",
        "acme-branch-claims-instance",
        None,
        {
            "forProvider": {
                "region": "eu-west-1",
                "stackSetNameRef": {"name": "acme-branch-claims"},
                "accountId": ACCOUNT,
                "stackSetInstanceRegion": region,
            },
            "providerConfigRef": {"name": "default"},
        },
        labels=TENANT_GDPR,
    )

    def make(s: Stack, k8s: str) -> str:
        stack_set_object(s, k8s)
        return instance(s, k8s)

    return operator(make)


# Violates: the instance creates the tenant's claims table in N. Virginia, though the object's region is Ireland.
case("op25-crossplane-stackset-instance-virginia", OPERATORS, "DENY", OP_DOC["crossplane-stackset"])(
    crossplane_stack_set_instance("us-east-1")
)
# Complies: the instance is in Frankfurt.
case("op25-crossplane-stackset-instance-frankfurt", OPERATORS, cite=OP_DOC["crossplane-stackset"])(
    crossplane_stack_set_instance("eu-central-1")
)


def crossplane_acr(replica: str) -> Build:
    """The GDPR tenant's cluster-scoped Crossplane container registry (West Europe, Premium) with a geo-replication
    to ``replica``: every image it pushes (its claims scanner, with reference data) is copied there."""
    registry = custom_resource(
        "containerregistry.azure.upbound.io/v1beta2",
        "Registry",
        "acmeimages",
        None,
        {
            "forProvider": {
                "location": "westeurope",
                "resourceGroupName": "acme-rg",
                "sku": "Premium",
                "adminEnabled": False,
                "publicNetworkAccessEnabled": False,
                "georeplications": [{"location": replica, "zoneRedundancyEnabled": True}],
            },
            "providerConfigRef": {"name": "default"},
        },
        labels=TENANT_GDPR,
    )
    return operator(registry, "azure-native")


# Violates: the tenant's images are geo-replicated to East US.
case("op25-crossplane-acr-georeplication-east-us", OPERATORS, "DENY", OP_DOC["acr-geo"])(crossplane_acr("eastus"))
# Complies: the replica is in North Europe.
case("op25-crossplane-acr-georeplication-north-europe", OPERATORS, cite=OP_DOC["crossplane-acr"])(
    crossplane_acr("northeurope")
)


def aso_diagnostic(workspace_location: str) -> Build:
    """The GDPR tenant's ASO SQL database (server in West Europe) whose security audit events (the statements run
    against the claims database) an ASO diagnostic setting sends to the tenant's ASO Log Analytics workspace in
    ``workspace_location``."""
    parts = [
        aso_rg("westeurope"),
        custom_resource(
            "sql.azure.com/v1api20211101",
            "Server",
            "acme-sql",
            "acme",
            {
                "location": "westeurope",
                "owner": {"name": "acme-rg"},
                "version": "12.0",
                "minimalTlsVersion": "1.2",
                "publicNetworkAccess": "Disabled",
                "administrators": {
                    "administratorType": "ActiveDirectory",
                    "azureADOnlyAuthentication": True,
                    "login": "acme-admins",
                    "principalType": "Group",
                    "sid": "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b",
                },
            },
        ),
        custom_resource(
            "sql.azure.com/v1api20211101",
            "ServersDatabase",
            "acme-claims",
            "acme",
            {
                "location": "westeurope",
                "owner": {"name": "acme-sql"},
                "sku": {"name": "GP_S_Gen5_2"},
                "requestedBackupStorageRedundancy": "Local",
            },
        ),
        custom_resource(
            "operationalinsights.azure.com/v1api20210601",
            "Workspace",
            "acme-audit",
            "acme",
            {
                "location": workspace_location,
                "owner": {"name": "acme-rg"},
                "sku": {"name": "PerGB2018"},
                "retentionInDays": 90,
            },
        ),
        custom_resource(
            "insights.azure.com/v1api20210501preview",
            "DiagnosticSetting",
            "acme-claims-audit",
            "acme",
            {
                "owner": {"group": "sql.azure.com", "kind": "ServersDatabase", "name": "acme-claims"},
                "logs": [{"category": "SQLSecurityAuditEvents", "enabled": True}],
                "workspaceReference": {
                    "group": "operationalinsights.azure.com",
                    "kind": "Workspace",
                    "name": "acme-audit",
                },
            },
        ),
    ]

    def make(s: Stack, k8s: str) -> str:
        return [part(s, k8s) for part in parts][-1]

    return operator(make, "azure-native")


# Violates: the claims database's audit events go to a workspace in East US.
case("op25-aso-diagnostic-setting-east-us", OPERATORS, "DENY", OP_DOC["aso-diagnostic"])(aso_diagnostic("eastus"))
# Complies: the workspace is in West Europe.
case("op25-aso-diagnostic-setting-west-europe", OPERATORS, cite=OP_DOC["aso-diagnostic"])(aso_diagnostic("westeurope"))


def crossplane_snapshot(location: str) -> Build:
    """A cluster-scoped Crossplane snapshot of the GDPR tenant's ledger disk (Frankfurt zone a), stored in
    ``location`` (storageLocations)."""
    snapshot = custom_resource(
        "compute.gcp.upbound.io/v1beta1",
        "Snapshot",
        "acme-ledger-nightly",
        None,
        {
            "forProvider": {
                "project": PROJECT,
                "zone": "europe-west3-a",
                "sourceDisk": f"projects/{PROJECT}/zones/europe-west3-a/disks/acme-ledger",
                "storageLocations": [location],
                "labels": {"fleet-residency": "gdpr"},
            },
            "providerConfigRef": {"name": "default"},
        },
        labels=TENANT_GDPR,
    )
    return operator(snapshot, "gcp")


# Violates: the snapshot of the tenant's ledger disk is stored in the US multi-region.
case("op25-crossplane-snapshot-storage-us", OPERATORS, "DENY", OP_DOC["snapshot-locations"])(crossplane_snapshot("us"))
# Complies: it is stored in Frankfurt.
case("op25-crossplane-snapshot-storage-frankfurt", OPERATORS, cite=OP_DOC["crossplane-snapshot"])(
    crossplane_snapshot("europe-west3")
)


def kcc_biglake(table_bucket_location: str) -> Build:
    """The GDPR tenant's Config Connector BigLake catalog (Frankfurt), database and table statements, whose data
    files are in the tenant's Config Connector bucket acme-claims-lake in ``table_bucket_location``, labelled as
    holding no regulated data."""
    parts = [
        custom_resource(
            "storage.cnrm.cloud.google.com/v1beta1",
            "StorageBucket",
            "acme-claims-lake",
            "acme",
            {"location": table_bucket_location, "uniformBucketLevelAccess": True},
            labels=dict(GCP_NONE),
        ),
        custom_resource(
            "bigquerybiglake.cnrm.cloud.google.com/v1alpha1",
            "BigLakeCatalog",
            "acme-claims",
            "acme",
            {"location": "europe-west3", "projectRef": {"external": PROJECT}},
        ),
        custom_resource(
            "bigquerybiglake.cnrm.cloud.google.com/v1alpha1",
            "BigLakeDatabase",
            "acme-intake",
            "acme",
            {
                "catalogRef": {"name": "acme-claims"},
                "type": "HIVE",
                "hiveOptions": {"locationUri": "gs://acme-claims-lake/intake"},
            },
        ),
        custom_resource(
            "bigquerybiglake.cnrm.cloud.google.com/v1alpha1",
            "BigLakeTable",
            "acme-statements",
            "acme",
            {
                "parentDatabaseRef": {"name": "acme-intake"},
                "type": "HIVE",
                "hiveOptions": {
                    "tableType": "MANAGED_TABLE",
                    "storageDescriptor": {
                        **PARQUET,
                        "locationURI": "gs://acme-claims-lake/intake/statements",
                        "serdeInfo": {"serializationLib": PARQUET_SERDE},
                    },
                },
            },
        ),
    ]

    def make(s: Stack, k8s: str) -> str:
        return [part(s, k8s) for part in parts][-1]

    return operator(make, "gcp")


# Violates: the tenant's table keeps its data files in a bucket in the US multi-region.
case("op25-kcc-biglake-table-us-bucket", OPERATORS, "DENY", OP_DOC["kcc-biglake"])(kcc_biglake("US"))
# Complies: the bucket is in the EU multi-region.
case("op25-kcc-biglake-table-eu-bucket", OPERATORS, cite=OP_DOC["kcc-biglake"])(kcc_biglake("EU"))


# ============================================================================ cloud guardrails
GRD_DOC = {
    "iam-effect": "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_effect.html",
    "scp-region": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html",
    "value-groups": "https://cloud.google.com/resource-manager/docs/organization-policy/defining-locations",
    "az-selectors": "https://learn.microsoft.com/en-us/azure/governance/policy/concepts/assignment-structure#resource-selectors",
    "az-exemption-selectors": "https://learn.microsoft.com/en-us/azure/governance/policy/concepts/exemption-structure#resource-selectors",
}
EEA_AZURE = ["westeurope", "northeurope", "germanywestcentral", "swedencentral", "francecentral"]


def scp_with(effect: str = "Deny", not_action: list[str] | None = None) -> str:
    """The documented region-deny SCP for the EEA Regions with its Effect, or its NotAction list, changed."""
    document = json.loads(scp())
    statement = document["Statement"][0]
    statement["Effect"] = effect
    if not_action is not None:
        statement["NotAction"] = not_action
    return json.dumps(document)


# Violates: the SCP's Effect is "deny"; the Effect value is case sensitive (Allow or Deny), so this is not the
# region deny.
case("grd25-aws-scp-effect-lowercase", GUARDRAILS, "DENY", GRD_DOC["iam-effect"])(eks_guarded(scp_with("deny")))
# Violates: the deny also exempts every S3 action (s3:*), so buckets can be created in any Region; only four S3
# account-level actions are among AWS's documented global exemptions.
case("grd25-aws-scp-exempts-s3", GUARDRAILS, "DENY", GRD_DOC["scp-region"])(
    eks_guarded(scp_with(not_action=[*GLOBAL_SERVICES, "s3:*"]))
)


def locations_policy(values: list[str]) -> Callable[[Stack, str], str]:
    """gcp.resourceLocations on the cluster's project, allowing ``values`` only."""

    def make(s: Stack, org: str) -> str:
        return put(
            s,
            "gcp:orgpolicy/policy:Policy",
            "locations",
            org,
            name=f"projects/{PROJECT}/policies/gcp.resourceLocations",
            parent=f"projects/{PROJECT}",
            spec={"inheritFromParent": False, "rules": [{"values": {"allowedValues": values}}]},
        )

    return make


# Violates: in:europe-locations is every location in Europe, London and Zurich included, not the EEA.
case("grd25-gcp-europe-locations-group", GUARDRAILS, "DENY", GRD_DOC["value-groups"])(
    gke_guarded(locations_policy(["in:europe-locations"]))
)
# Complies: in:eu-locations is bounded by the European Union ("All locations within the European Union").
case("grd25-gcp-eu-locations-group", GUARDRAILS, cite=GRD_DOC["value-groups"])(
    gke_guarded(locations_policy(["in:eu-locations"]))
)


def selected(operator_: str) -> list[dict[str, Any]]:
    return [{"name": "by-location", "selectors": [{"kind": "resourceLocation", operator_: EEA_AZURE}]}]


# Violates: the "Allowed locations" assignment evaluates only resources whose location is in the EEA list (its
# resource selector), so a resource in East US is never evaluated and never denied.
case("grd25-azure-assignment-selector-in-eea", GUARDRAILS, "DENY", GRD_DOC["az-selectors"])(
    retouch(
        aks_guarded(), "azure-native:authorization:PolicyAssignment", "eea-locations", resourceSelectors=selected("in")
    )
)
# Complies: the selector evaluates every resource whose location is not in the EEA list; those are denied, and the
# others are allowed either way.
case("grd25-azure-assignment-selector-not-in-eea", GUARDRAILS, cite=GRD_DOC["az-selectors"])(
    retouch(
        aks_guarded(),
        "azure-native:authorization:PolicyAssignment",
        "eea-locations",
        resourceSelectors=selected("notIn"),
    )
)
# Complies: the exemption of "Allowed locations" applies only to resources in West Europe (its resource selector),
# which the assignment allows anyway; nothing outside the EEA is taken out of it.
case("grd25-azure-exemption-selector-west-europe", GUARDRAILS, cite=GRD_DOC["az-exemption-selectors"])(
    retouch(
        aks_guarded(exemption="eea-locations"),
        "azure-native:authorization:PolicyExemption",
        "waiver",
        resourceSelectors=[{"name": "west-europe", "selectors": [{"kind": "resourceLocation", "in": ["westeurope"]}]}],
    )
)


# ============================================================================ unknown at preview
# UNKNOWN is a value the engine only learns at the update. When the decision does not need it, the outcome is as if
# it were known; when the deciding value is the unknown one, a correct pack defers.
PRE_DOC = {
    "unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
    "policy-preview": "https://www.pulumi.com/docs/iac/using-pulumi/crossguard/best-practices/",
    "stack-references": "https://www.pulumi.com/docs/iac/concepts/stacks/#stackreferences",
}

# Violates: the stack set is new (its name unknown to the instances); the instances' Regions include N. Virginia.
case("pre25-stackset-new-set-instances-virginia", PREVIEW, "DENY", PRE_DOC["unknowns"], config=GDPR_STACK)(
    stack_instances(["eu-west-1", "us-east-1"], new_set=True)
)
# Complies at preview: the new stack set's instances are in Ireland and Frankfurt.
case("pre25-stackset-new-set-instances-frankfurt", PREVIEW, cite=PRE_DOC["policy-preview"], config=GDPR_STACK)(
    stack_instances(["eu-west-1", "eu-central-1"], new_set=True)
)
# Violates: the records bucket is new (its name unknown to the settings); it is created in N. Virginia.
case("pre25-chime-cdr-new-bucket-virginia", PREVIEW, "DENY", PRE_DOC["unknowns"], config=GDPR_STACK)(
    chime_cdrs("us-east-1", new_bucket=True)
)
# Complies at preview: the new records bucket is created in Frankfurt.
case("pre25-chime-cdr-new-bucket-frankfurt", PREVIEW, cite=PRE_DOC["policy-preview"], config=GDPR_STACK)(
    chime_cdrs("eu-central-1", new_bucket=True)
)
# Violates: the audio bucket is new (the export URI unknown to the agent); it is created in the US multi-region.
case("pre25-cx-agent-audio-new-bucket-us", PREVIEW, "DENY", PRE_DOC["unknowns"], config=GDPR_STACK)(
    cx_audio("US", new_bucket=True)
)
# Complies at preview: the landing profile is new (its name unknown to the stream); its bucket is in Frankfurt.
case("pre25-datastream-new-landing-profile-frankfurt", PREVIEW, cite=PRE_DOC["policy-preview"])(
    datastream_gcs("EUROPE-WEST3", new_profile=True)
)
# Violates: the workspace is new (its IDs unknown to the container group); it is created in East US.
case("pre25-aci-logs-new-workspace-east-us", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    aci_logs("eastus", new_workspace=True)
)
# Complies at preview: the namespace is new (its host unknown to the hub); it is created in West Europe.
case("pre25-webpubsub-listener-new-namespace-west-europe", PREVIEW, cite=PRE_DOC["policy-preview"])(
    webpubsub_listener("westeurope", new_namespace=True)
)
# Violates: the response bucket is new (its path unknown to the endpoint configuration); it is created in
# N. Virginia.
case("pre25-sagemaker-async-new-bucket-virginia", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    async_inference("us-east-1", new_bucket=True)
)
# Violates: the scanner VM is new (its ID unknown to the image version), but the version's replication to the Perth
# Extended Zone is known.
case("pre25-gallery-version-new-vm-perth", PREVIEW, "DENY", PRE_DOC["unknowns"])(gallery_extended_zone(new_vm=True))
# Complies at preview: the template's location is a parameter whose value comes from another stack's outputs (a
# stack reference), unknown at preview and taken from no resource of this stack; the decision is deferred to the
# update, which is no mandatory violation.
case("pre25-arm-deployment-location-deferred", PREVIEW, cite=PRE_DOC["stack-references"])(
    arm_deployment(
        arm_template(archive_account("[parameters('location')]"), parameters={"location": {"type": "string"}}),
        parameters={"location": {"value": UNKNOWN}},
    )
)


# ============================================================================ malformed shapes
BAD_DOC = {
    "stack-set-instance": "https://www.pulumi.com/registry/packages/aws/api-docs/cloudformation/stacksetinstance/",
    "stack-instances": "https://www.pulumi.com/registry/packages/aws/api-docs/cloudformation/stackinstances/",
    "endpoint-configuration": "https://www.pulumi.com/registry/packages/aws/api-docs/sagemaker/endpointconfiguration/",
    "cx-agent": "https://www.pulumi.com/registry/packages/gcp/api-docs/diagflow/cxagent/",
    "datastream-profile": "https://www.pulumi.com/registry/packages/gcp/api-docs/datastream/connectionprofile/",
    "arm-deployment": "https://www.pulumi.com/registry/packages/azure-native/api-docs/resources/deployment/",
    "container-group": "https://www.pulumi.com/registry/packages/azure-native/api-docs/containerinstance/containergroup/",
    "bridge": "https://github.com/pulumi/pulumi-terraform-bridge/blob/master/pkg/tfbridge/schema.go",
}
OWN_TARGETS = {"accounts": [ACCOUNT]}

# Violates: stackSetInstanceRegion (one Region name) is an object naming Frankfurt.
case("mal25-stackset-instance-region-object", MALFORMED, "DENY", BAD_DOC["stack-set-instance"], config=GDPR_STACK)(
    stack_set_instance({"name": "eu-central-1"})
)
# Violates: deploymentTargets (one block) is a list of two blocks, both naming the claims account.
case("mal25-stack-instances-targets-two-blocks", MALFORMED, "DENY", BAD_DOC["stack-instances"], config=GDPR_STACK)(
    stack_instances(["eu-west-1"], targets=[OWN_TARGETS, {"accounts": [ACCOUNT], "accountFilterType": "NONE"}])
)
# Complies: deploymentTargets (a block the SDK flattens) as a one-item list, which the bridge hands to Terraform as
# it reads it; the instance is in the claims account, in Ireland.
case("mal25-stack-instances-targets-one-item-list", MALFORMED, cite=BAD_DOC["bridge"], config=GDPR_STACK)(
    stack_instances(["eu-west-1"], targets=[OWN_TARGETS])
)
IRELAND_OUTPUT = async_output("responses", "failures")
# Violates: outputConfig (one block) is a list of two blocks, both writing to the Ireland buckets.
case("mal25-sagemaker-async-output-config-two-blocks", MALFORMED, "DENY", BAD_DOC["endpoint-configuration"])(
    async_inference(
        "eu-west-1",
        config={"outputConfig": [IRELAND_OUTPUT, {**IRELAND_OUTPUT, "s3OutputPath": f"s3://{ASYNC_OUT}/replays/"}]},
    )
)
# Complies: asyncInferenceConfig (a block the SDK flattens) as a one-item list; the responses go to Ireland.
case("mal25-sagemaker-async-config-one-item-list", MALFORMED, cite=BAD_DOC["bridge"])(
    async_inference("eu-west-1", config=[{"outputConfig": IRELAND_OUTPUT}])
)
# Violates: the export uri (one string) is an object naming the EU bucket.
case("mal25-cx-agent-audio-uri-object", MALFORMED, "DENY", BAD_DOC["cx-agent"], config=GDPR_STACK)(
    cx_audio("EU", uri={"bucket": AUDIO_BUCKET, "prefix": "hotline"})
)
# Complies: advancedSettings (a block the SDK flattens) as a one-item list; the audio goes to the EU bucket.
case("mal25-cx-agent-advanced-settings-one-item-list", MALFORMED, cite=BAD_DOC["bridge"], config=GDPR_STACK)(
    cx_audio("EU", advanced=[{"audioExportGcsDestination": {"uri": f"gs://{AUDIO_BUCKET}/hotline"}}])
)
# Violates: the landing profile's gcsProfile (one block) is a list of two blocks, both naming the Frankfurt bucket.
case("mal25-datastream-gcs-profile-two-blocks", MALFORMED, "DENY", BAD_DOC["datastream-profile"])(
    datastream_gcs(
        "EUROPE-WEST3",
        gcs_profile=[
            {"bucket": "claims-cdc-landing", "rootPath": "/cdc"},
            {"bucket": "claims-cdc-landing", "rootPath": "/cdc-replay"},
        ],
    )
)
# Complies: the table's hiveOptions (a block the SDK flattens) as a one-item list; its data files are in the EU
# bucket.
case("mal25-biglake-table-hive-options-one-item-list", MALFORMED, cite=BAD_DOC["bridge"], config=GDPR_STACK)(
    biglake_table(
        None,
        hive_options=[
            {
                "tableType": "MANAGED_TABLE",
                "storageDescriptor": {
                    **PARQUET,
                    "locationUri": "gs://claims-lake-eu/intake/statements",
                    "serdeInfo": {"serializationLib": PARQUET_SERDE},
                },
            }
        ],
    )
)
# Violates: the deployment's properties (an object) is a one-item list whose template puts the account in West
# Europe (azure-native).
case("mal25-arm-deployment-properties-list", MALFORMED, "DENY", BAD_DOC["arm-deployment"])(
    arm_deployment(
        arm_template(archive_account("westeurope")),
        properties=[{"mode": "Incremental", "template": arm_template(archive_account("westeurope"))}],
    )
)
# Violates: logAnalytics (an object) is a one-item list naming the West Europe workspace (azure-native).
case("mal25-aci-log-analytics-list", MALFORMED, "DENY", BAD_DOC["container-group"])(
    aci_logs(
        "westeurope",
        log_analytics=[
            {
                "workspaceId": OCR_WORKSPACE_ID,
                "workspaceKey": secret(OCR_WORKSPACE_KEY),
                "workspaceResourceId": f"{RG}/Microsoft.OperationalInsights/workspaces/claims-containers",
                "logType": "ContainerInstanceLogs",
            }
        ],
    )
)
