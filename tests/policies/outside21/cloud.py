"""Cloud residency cases of the twenty-first outside corpus, written from cloud-provider documentation and the
pack's user-facing contract (docs/RULES.md, docs/SPEC.md, docs/REVIEW.md, README.md) by a helper session
that had not read the pack's rules, its residency survey, its configs or its tests. It must never be used
to tune the pack (see README.md beside it).

Cases are built with the ``Case``/``Stack`` API of ``tests/policies/corpus.py`` and the helpers of the
earlier outside corpora. A case asks only whether a correct pack denies it: ``expect="DENY"`` (some
mandatory violation) or nothing (compliant: no mandatory violation at all). Each cites the page its outcome
rests on; a comment above it says why it violates or complies. The resource or property that decides each
case is one none of the twenty earlier corpora used: Amazon MQ configurations' network connectors, S3 Vectors
bucket policies, Aurora DSQL cluster peerings, Macie discovery-result exports, Cognito user-activity log
deliveries; Gemini Enterprise for Customer Experience (CES) apps' audio recordings and BigQuery exports, Colab
Enterprise notebook executions, the Firebase "Stream Firestore to BigQuery" extension's locations; SQL Server on
Azure VMs' automated backups, elastic job step outputs, Speech resources' own storage, subscription activity-log
diagnostic settings; Azure Bot channels, Identity Platform blocking functions, WorkSpaces Secure Browser session
loggers, AgentCore gateway MCP targets, log-based alert notification channels; Azure Monitor action groups'
processing region, dedicated SQL pools' default geo-backups, AWS User Notifications, Cloud Observability and
Cloud Logging default storage settings; Config Connector log sinks, Crossplane S3 replication configurations, ASO
diagnostic settings and SQL failover groups, ACK SNS subscriptions; guardrails read through the program's
``fleet:guardrails:CloudGuardrail`` component (``managed: false``), judged on the content it republishes.

``UNKNOWN`` stands for a value the engine only learns at the update.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from tests.policies.corpus import GDPR, NONE, UNKNOWN, Stack, secret
from tests.policies.outside.corpus import (
    ACCOUNT,
    ALLOWED_LOCATIONS,
    EEA_VALUES,
    GDPR_AWS,
    GDPR_AZURE,
    PROJECT,
    RG,
    SUB,
    aks_guarded,
    aso_storage,
    aws,
    azure,
    bq_dataset,
    custom_resource,
    default_sink,
    eks_guarded,
    gcp,
    gcs_bucket,
    gke_guarded,
    operator,
    put,
    s3_bucket,
    scp,
    sql_server,
    storage_account,
    workspace,
)
from tests.policies.outside11.cloud import OWN_ACCOUNT, depends, own_account_provider
from tests.policies.outside15.cloud import NL_REGIME, NL_TAG, PARTNER_ACCOUNT, kcc_object
from tests.policies.outside17.cloud import EEA_FOLDER
from tests.policies.outside19.cloud import aso_database
from tests.policies.outside21.common import case

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

GDPR_STACK = {"stackRegime": "gdpr"}
KMS_IE = f"arn:aws:kms:eu-west-1:{ACCOUNT}:key/7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f"


def aws_doc(*statements: dict[str, Any]) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def without(build: Build, *types: str) -> Build:
    """The stack ``build`` makes, less its resources of the given types (and providers named in ``types``)."""

    def built(s: Stack) -> None:
        build(s)
        s.resources[:] = [r for r in s.resources if r.type not in types and r.urn not in types]

    return built


# ============================================================================ AWS: copies
AWS_DOC = {
    "mq-network": "https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/network-of-brokers.html",
    "mq-configuration": "https://www.pulumi.com/registry/packages/aws/api-docs/mq/configuration/",
    "vectors-policy": "https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-vectors-resource-based-policies.html",
    "vectors-bucket-policy": "https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-vectors-bucket-policy.html",
    "dsql-multi-region": "https://docs.aws.amazon.com/aurora-dsql/latest/userguide/configuring-multi-region-clusters.html",
    "dsql-peering": "https://www.pulumi.com/registry/packages/aws/api-docs/dsql/clusterpeering/",
    "macie-export": "https://docs.aws.amazon.com/macie/latest/APIReference/classification-export-configuration.html",
    "cognito-logs": "https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_LogConfigurationType.html",
    "regions": "https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html",
}
MQ_CONFIG_ID = "c-3f1a2b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b"
MQ_BROKERS = {
    "us-east-1": "b-7f3c2a1e-9d84-4b2f-8e61-0c5a9b3d2e71-1.mq.us-east-1.amazonaws.com",
    "eu-central-1": "b-2c4e6a8b-1d3f-4a5c-9e7b-6d8f0a2c4e61-1.mq.eu-central-1.amazonaws.com",
}


def mesh_xml(host: str) -> str:
    """An ActiveMQ broker configuration whose duplex network connector forwards messages to broker ``host``."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<broker xmlns="http://activemq.apache.org/schema/core">\n'
        "  <networkConnectors>\n"
        f'    <networkConnector name="claims-to-peer" userName="mesh" duplex="true" uri="static:(ssl://{host}:61617)"/>\n'
        "  </networkConnectors>\n"
        "</broker>\n"
    )


def mq_mesh(peer_region: str, new_config: bool = False, peer_unknown: bool = False, data: Any = None) -> Build:
    """In a GDPR stack, the claims broker (ActiveMQ, Ireland: claim events and claimants' details on its queues)
    uses configuration claims-mesh, whose network connector joins it to the broker in ``peer_region`` (another
    stack's); ``new_config``: the configuration is created in this update (the broker takes its ID);
    ``peer_unknown``: the peer is a broker in Frankfurt created in this update, whose endpoint the
    configuration's XML takes (the configuration is new too)."""

    new_config = new_config or peer_unknown

    def build(s: Stack) -> None:
        deps = []
        xml: Any = mesh_xml(MQ_BROKERS[peer_region]) if data is None else data
        if peer_unknown:
            deps.append(
                put(
                    s,
                    "aws:mq/broker:Broker",
                    "claims-broker-de",
                    aws(s, "eu-central-1"),
                    brokerName="claims-broker-de",
                    engineType="ActiveMQ",
                    engineVersion="5.18",
                    hostInstanceType="mq.m5.large",
                    deploymentMode="ACTIVE_STANDBY_MULTI_AZ",
                    publiclyAccessible=False,
                    users=[{"username": "mesh", "password": secret("mesh-3c9f1e7a2b")}],
                    tags=GDPR,
                )
            )
            xml = UNKNOWN
        config = put(
            s,
            "aws:mq/configuration:Configuration",
            "claims-mesh",
            aws(s),
            deps=deps,
            known=None
            if new_config
            else {
                "id": MQ_CONFIG_ID,
                "arn": f"arn:aws:mq:eu-west-1:{ACCOUNT}:configuration:{MQ_CONFIG_ID}",
                "latestRevision": 3,
            },
            name="claims-mesh",
            description="claims broker mesh",
            engineType="ActiveMQ",
            engineVersion="5.18",
            data=xml,
            tags=GDPR,
        )
        if peer_unknown:
            depends(s, config, data=deps)
        broker = put(
            s,
            "aws:mq/broker:Broker",
            "claims-broker",
            aws(s),
            deps=[config],
            brokerName="claims-broker",
            engineType="ActiveMQ",
            engineVersion="5.18",
            hostInstanceType="mq.m5.large",
            deploymentMode="ACTIVE_STANDBY_MULTI_AZ",
            publiclyAccessible=False,
            subnetIds=["subnet-0a1b2c3d4e5f60718", "subnet-0b1c2d3e4f5a60719"],
            configuration={"id": UNKNOWN if new_config else MQ_CONFIG_ID, "revision": 3},
            users=[{"username": "claims-app", "password": secret("claims-7d2e9a4f1c")}],
            tags=GDPR,
        )
        if new_config:
            depends(s, broker, configuration=[config])

    return build


# Violates: the network connector forwards the claims queues' messages to a broker in N. Virginia.
case("aws21-mq-network-connector-virginia", AWS_COPIES, "DENY", AWS_DOC["mq-network"], config=GDPR_STACK)(
    mq_mesh("us-east-1")
)
# Complies: the peer broker is in Frankfurt.
case("aws21-mq-network-connector-frankfurt", AWS_COPIES, cite=AWS_DOC["mq-network"], config=GDPR_STACK)(
    mq_mesh("eu-central-1")
)

VECTORS_ARN = f"arn:aws:s3vectors:eu-west-1:{ACCOUNT}:bucket/claims-embeddings"


def vectors_policy(principal: Any, own: bool = False, new_bucket: bool = False) -> Build:
    """The GDPR claims embeddings (an S3 Vectors bucket in Ireland: embeddings of claim texts, with claimant
    names as metadata) and a bucket policy letting ``principal`` query and read its vectors. ``new_bucket``: the
    vector bucket is created in this update (the policy takes its ARN); ``principal`` UNKNOWN: a role created in
    this update, whose ARN the policy document takes."""

    def build(s: Stack) -> None:
        if own:
            own_account_provider(s)
        bucket = put(
            s,
            "aws:s3/vectorsVectorBucket:VectorsVectorBucket",
            "claims-embeddings",
            aws(s),
            known=None if new_bucket else {"id": VECTORS_ARN, "vectorBucketArn": VECTORS_ARN},
            vectorBucketName="claims-embeddings",
            tags=GDPR,
        )
        deps = [bucket]
        policy: Any = UNKNOWN
        if principal is UNKNOWN:
            deps.append(
                put(
                    s,
                    "aws:iam/role:Role",
                    "claims-search",
                    aws(s),
                    name="claims-search",
                    assumeRolePolicy=aws_doc(
                        {
                            "Effect": "Allow",
                            "Principal": {"Service": "bedrock.amazonaws.com"},
                            "Action": "sts:AssumeRole",
                        }
                    ),
                )
            )
        else:
            policy = aws_doc(
                {
                    "Sid": "QueryClaimVectors",
                    "Effect": "Allow",
                    "Principal": {"AWS": principal},
                    "Action": ["s3vectors:QueryVectors", "s3vectors:GetVectors", "s3vectors:ListIndexes"],
                    "Resource": [VECTORS_ARN, f"{VECTORS_ARN}/index/*"],
                }
            )
        urn = put(
            s,
            "aws:s3/vectorsVectorBucketPolicy:VectorsVectorBucketPolicy",
            "claims-embeddings-policy",
            aws(s),
            deps=deps,
            vectorBucketArn=UNKNOWN if new_bucket else VECTORS_ARN,
            policy=policy,
        )
        unknown: dict[str, list[str]] = {}
        if new_bucket:
            unknown["vectorBucketArn"] = [bucket]
        if principal is UNKNOWN:
            unknown["policy"] = [deps[1]]
        if unknown:
            depends(s, urn, **unknown)

    return build


PARTNER_ROLE = f"arn:aws:iam::{PARTNER_ACCOUNT}:role/claims-triage-assistant"

# Violates: another company's role may query and read every claim embedding of the bucket.
case("aws21-s3-vectors-policy-partner", AWS_COPIES, "DENY", AWS_DOC["vectors-policy"])(vectors_policy(PARTNER_ROLE))
# Complies: the reader is a role of our second account (named by a provider of the stack).
case("aws21-s3-vectors-policy-own-account", AWS_COPIES, cite=AWS_DOC["vectors-bucket-policy"])(
    vectors_policy(f"arn:aws:iam::{OWN_ACCOUNT}:role/claims-search", own=True)
)

DSQL_IDS = {
    "eu-west-1": "abcdefghijklmnopqrstuvwx12",
    "eu-west-2": "bcdefghijklmnopqrstuvwxy23",
    "eu-west-3": "cdefghijklmnopqrstuvwxyz34",
}


def dsql_arn(region: str) -> str:
    return f"arn:aws:dsql:{region}:{ACCOUNT}:cluster/{DSQL_IDS[region]}"


def dsql_peering(peer: str, witness: Any = "eu-west-3", clusters: Any = None) -> Build:
    """The GDPR ledger's Aurora DSQL cluster in Ireland peered with the (untagged) cluster in ``peer``: both
    hold the whole database and take writes; the witness Region keeps a window of the transaction log."""

    def build(s: Stack) -> None:
        ledger = put(
            s,
            "aws:dsql/cluster:Cluster",
            "ledger-ireland",
            aws(s),
            known={"id": DSQL_IDS["eu-west-1"], "identifier": DSQL_IDS["eu-west-1"], "arn": dsql_arn("eu-west-1")},
            deletionProtectionEnabled=True,
            multiRegionProperties={"witnessRegion": witness[0] if isinstance(witness, list) else witness},
            tags=GDPR,
        )
        other = put(
            s,
            "aws:dsql/cluster:Cluster",
            f"ledger-{peer}",
            aws(s, peer),
            known={"id": DSQL_IDS[peer], "identifier": DSQL_IDS[peer], "arn": dsql_arn(peer)},
            deletionProtectionEnabled=True,
            multiRegionProperties={"witnessRegion": witness[0] if isinstance(witness, list) else witness},
        )
        put(
            s,
            "aws:dsql/clusterPeering:ClusterPeering",
            "ledger-peering",
            aws(s),
            deps=[ledger, other],
            identifier=DSQL_IDS["eu-west-1"],
            clusters=[dsql_arn(peer)] if clusters is None else clusters,
            witnessRegion=witness,
        )

    return build


# Violates: the peer cluster, a full read-write copy of the GDPR ledger, is in London.
case("aws21-dsql-peering-london", AWS_COPIES, "DENY", AWS_DOC["dsql-multi-region"])(dsql_peering("eu-west-2"))


def macie_results(bucket_region: str, destination: Any = None) -> Build:
    """In a GDPR stack, Macie (Ireland) stores its sensitive-data discovery results (per object of our buckets:
    the object's key and where in it which kinds of personal data were found) in bucket ledger-macie-results in
    ``bucket_region``, tagged as holding no regulated data."""

    def build(s: Stack) -> None:
        bucket = s3_bucket(s, "ledger-macie-results", bucket_region, dict(NONE))
        account = put(
            s,
            "aws:macie2/account:Account",
            "macie",
            aws(s),
            findingPublishingFrequency="FIFTEEN_MINUTES",
            status="ENABLED",
        )
        put(
            s,
            "aws:macie2/classificationExportConfiguration:ClassificationExportConfiguration",
            "macie-results",
            aws(s),
            deps=[account, bucket],
            s3Destination={"bucketName": "ledger-macie-results", "keyPrefix": "discovery/", "kmsKeyArn": KMS_IE}
            if destination is None
            else destination,
        )

    return build


# Violates: the discovery results about the GDPR buckets' objects are written to a bucket in N. Virginia.
case("aws21-macie-results-bucket-virginia", AWS_COPIES, "DENY", AWS_DOC["macie-export"], config=GDPR_STACK)(
    macie_results("us-east-1")
)
# Complies: the results bucket is in Ireland.
case("aws21-macie-results-bucket-ireland", AWS_COPIES, cite=AWS_DOC["macie-export"], config=GDPR_STACK)(
    macie_results("eu-west-1")
)

POOL_ID = "eu-central-1_Q7cL2mN4x"


def cognito_activity(bucket_region: str, configurations: Any = None) -> Build:
    """The GDPR claims portal's Cognito user pool (Frankfurt, Plus plan) exporting its user-activity logs
    (user names, IP addresses, devices, risk decisions) to bucket claims-auth-events in ``bucket_region``."""

    def build(s: Stack) -> None:
        pool = put(
            s,
            "aws:cognito/userPool:UserPool",
            "claims-portal-users",
            aws(s, "eu-central-1"),
            known={"id": POOL_ID, "arn": f"arn:aws:cognito-idp:eu-central-1:{ACCOUNT}:userpool/{POOL_ID}"},
            name="claims-portal-users",
            usernameAttributes=["email"],
            userPoolTier="PLUS",
            tags=GDPR,
        )
        bucket = s3_bucket(s, "claims-auth-events", bucket_region, dict(NONE))
        put(
            s,
            "aws:cognito/logDeliveryConfiguration:LogDeliveryConfiguration",
            "claims-auth-logs",
            aws(s, "eu-central-1"),
            deps=[pool, bucket],
            userPoolId=POOL_ID,
            logConfigurations=[
                {
                    "eventSource": "userAuthEvents",
                    "logLevel": "INFO",
                    "s3Configuration": {"bucketArn": "arn:aws:s3:::claims-auth-events"},
                }
            ]
            if configurations is None
            else configurations,
        )

    return build


# Violates: the users' sign-in activity is exported to a bucket in N. Virginia.
case("aws21-cognito-activity-logs-virginia", AWS_COPIES, "DENY", AWS_DOC["cognito-logs"])(cognito_activity("us-east-1"))
# Complies: the bucket is in Frankfurt, beside the pool.
case("aws21-cognito-activity-logs-frankfurt", AWS_COPIES, cite=AWS_DOC["cognito-logs"])(
    cognito_activity("eu-central-1")
)


# ============================================================================ GCP: copies
GCP_DOC = {
    "ces-audio": "https://docs.cloud.google.com/php/docs/reference/cloud-ces/latest/V1.AudioRecordingConfig",
    "ces-logging": "https://docs.cloud.google.com/php/docs/reference/cloud-ces/latest/V1.LoggingSettings",
    "colab-execution": "https://www.pulumi.com/registry/packages/gcp/api-docs/colab/notebookexecution/",
    "colab-run": "https://cloud.google.com/colab/docs/schedule-notebook-run",
    "ext-bq": "https://github.com/firebase/extensions/blob/master/firestore-bigquery-export/extension.yaml",
    "ext-locations": "https://firebase.google.com/docs/extensions/manage-installed-extensions",
    "gcs-locations": "https://cloud.google.com/storage/docs/locations",
    "bq-locations": "https://cloud.google.com/bigquery/docs/locations",
}
CES_APP = f"projects/{PROJECT}/locations/eu/apps/claims-voice"


def ces_app(
    audio_location: str | None = None,
    export_location: str | None = None,
    new_bucket: bool = False,
    audio: Any = None,
) -> Build:
    """In a GDPR stack, the claims hotline's CES (Gemini Enterprise for Customer Experience) voice agent app in
    the EU, recording every call's audio into bucket claims-voice-audio in ``audio_location`` and/or exporting
    its conversations to BigQuery dataset claims_conversations in ``export_location`` (destinations labelled as
    holding no regulated data); ``new_bucket``: the audio bucket is created in this update."""

    def build(s: Stack) -> None:
        deps = []
        logging: dict[str, Any] = {"redactionConfig": {"enableRedaction": False}}
        if audio_location is not None:
            if new_bucket:
                deps.append(
                    put(
                        s,
                        "gcp:storage/bucket:Bucket",
                        "claims-voice-audio",
                        gcp(s),
                        name="claims-voice-audio",
                        location=audio_location,
                        uniformBucketLevelAccess=True,
                        labels=dict(NONE),
                    )
                )
            else:
                deps.append(gcs_bucket(s, "claims-voice-audio", audio_location, dict(NONE)))
            logging["audioRecordingConfig"] = {
                "gcsBucket": UNKNOWN if new_bucket else "gs://claims-voice-audio",
                "gcsPathPrefix": "$app/$date/$session",
            }
        if audio is not None:
            logging["audioRecordingConfig"] = audio
        if export_location is not None:
            deps.append(bq_dataset(s, "claims_conversations", export_location, dict(NONE)))
            logging["bigqueryExportSettings"] = {
                "enabled": True,
                "project": PROJECT,
                "dataset": "claims_conversations",
            }
        app = put(
            s,
            "gcp:ces/app:App",
            "claims-voice",
            gcp(s),
            deps=deps,
            project=PROJECT,
            location="eu",
            appId="claims-voice",
            displayName="claims hotline voice agent",
            description="answers claimants' calls about open claims",
            loggingSettings=logging,
        )
        if new_bucket:
            depends(s, app, loggingSettings=deps[:1])

    return build


# Violates: the callers' recorded audio is stored in a bucket in the US multi-region.
case("gcp21-ces-audio-recording-us", GCP_COPIES, "DENY", GCP_DOC["ces-audio"], config=GDPR_STACK)(ces_app("US"))
# Complies: the audio bucket is in Frankfurt.
case("gcp21-ces-audio-recording-frankfurt", GCP_COPIES, cite=GCP_DOC["ces-audio"], config=GDPR_STACK)(
    ces_app("EUROPE-WEST3")
)
# Violates: the conversations (transcripts with claim details) are exported to a dataset in the US.
case("gcp21-ces-bigquery-export-us", GCP_COPIES, "DENY", GCP_DOC["ces-logging"], config=GDPR_STACK)(
    ces_app(export_location="US")
)
# Complies: the export dataset is in the EU multi-region.
case("gcp21-ces-bigquery-export-eu", GCP_COPIES, cite=GCP_DOC["bq-locations"], config=GDPR_STACK)(
    ces_app(export_location="EU")
)
RUNTIME_TEMPLATE = f"projects/{PROJECT}/locations/europe-west3/notebookRuntimeTemplates/claims-analytics"


def colab_run(output_location: str, new_template: bool = False) -> Build:
    """In a GDPR stack, a Colab Enterprise execution (Frankfurt) of the monthly claims report notebook, which
    queries the claims tables; the executed notebook, cell outputs included, is written to bucket
    claims-notebook-runs in ``output_location`` (labelled as holding no regulated data). ``new_template``: the
    runtime template is created in this update."""

    def build(s: Stack) -> None:
        source = gcs_bucket(s, "claims-notebooks", "EUROPE-WEST3", dict(GDPR))
        output = gcs_bucket(s, "claims-notebook-runs", output_location, dict(NONE))
        template = put(
            s,
            "gcp:colab/runtimeTemplate:RuntimeTemplate",
            "claims-analytics",
            gcp(s),
            known=None if new_template else {"id": RUNTIME_TEMPLATE, "name": "claims-analytics"},
            project=PROJECT,
            location="europe-west3",
            displayName="claims analytics",
            machineSpec={"machineType": "e2-standard-4"},
            networkSpec={"enableInternetAccess": False, "network": f"projects/{PROJECT}/global/networks/ledger"},
            labels=dict(GDPR),
        )
        run = put(
            s,
            "gcp:colab/notebookExecution:NotebookExecution",
            "claims-monthly-report",
            gcp(s),
            deps=[source, output, template],
            project=PROJECT,
            location="europe-west3",
            displayName="claims monthly report",
            notebookExecutionJobId="claims-monthly-2026-06",
            gcsNotebookSource={"uri": "gs://claims-notebooks/monthly_report.ipynb"},
            gcsOutputUri="gs://claims-notebook-runs/monthly",
            notebookRuntimeTemplateResourceName=UNKNOWN if new_template else RUNTIME_TEMPLATE,
            executionUser="claims-analyst@ledger.example",
            executionTimeout="3600s",
        )
        if new_template:
            depends(s, run, notebookRuntimeTemplateResourceName=[template])

    return build


# Violates: the executed notebook, with query results about claimants, is written to a bucket in the US.
case("gcp21-colab-notebook-output-us", GCP_COPIES, "DENY", GCP_DOC["colab-run"], config=GDPR_STACK)(colab_run("US"))
# Complies: the output bucket is in the EU multi-region.
case("gcp21-colab-notebook-output-eu", GCP_COPIES, cite=GCP_DOC["colab-execution"], config=GDPR_STACK)(colab_run("EU"))


def firestore_export(dataset_location: str, function_location: str) -> Build:
    """In a GDPR stack, the "Stream Firestore to BigQuery" extension mirrors every change of the claims
    collection (Firestore, eur3) into a BigQuery dataset in ``dataset_location``, through functions deployed in
    ``function_location``."""

    def build(s: Stack) -> None:
        database = put(
            s,
            "gcp:firestore/database:Database",
            "claims-db",
            gcp(s),
            known={"id": f"projects/{PROJECT}/databases/(default)"},
            project=PROJECT,
            name="(default)",
            locationId="eur3",
            type="FIRESTORE_NATIVE",
        )
        put(
            s,
            "gcp:firebase/extensionsInstance:ExtensionsInstance",
            "claims-bigquery-export",
            gcp(s),
            deps=[database],
            project=PROJECT,
            instanceId="firestore-bigquery-export",
            config={
                "extensionRef": "firebase/firestore-bigquery-export",
                "extensionVersion": "0.1.56",
                "params": {
                    "DATASET_LOCATION": dataset_location,
                    "BIGQUERY_PROJECT_ID": PROJECT,
                    "COLLECTION_PATH": "claims",
                    "DATASET_ID": "firestore_export",
                    "TABLE_ID": "claims",
                    "DO_BACKFILL": "yes",
                },
                "systemParams": {"firebaseextensions.v1beta.function/location": function_location},
            },
        )

    return build


# Violates: the mirror dataset is in the US multi-region (the extension's default).
case("gcp21-firestore-export-dataset-us", GCP_COPIES, "DENY", GCP_DOC["ext-bq"], config=GDPR_STACK)(
    firestore_export("us", "europe-west3")
)
# Violates: the dataset is in Frankfurt, but the functions that read every changed claim document run in Iowa.
case("gcp21-firestore-export-functions-iowa", GCP_COPIES, "DENY", GCP_DOC["ext-locations"], config=GDPR_STACK)(
    firestore_export("europe-west3", "us-central1")
)
# Complies: dataset and functions in Frankfurt.
case("gcp21-firestore-export-frankfurt", GCP_COPIES, cite=GCP_DOC["ext-bq"], config=GDPR_STACK)(
    firestore_export("europe-west3", "europe-west3")
)


# ============================================================================ Azure: copies
AZ_DOC = {
    "sqlvm-backup": "https://learn.microsoft.com/en-us/azure/azure-sql/virtual-machines/windows/automated-backup",
    "job-output": "https://learn.microsoft.com/en-us/azure/azure-sql/database/elastic-jobs-tsql-create-manage",
    "job-step": "https://learn.microsoft.com/en-us/rest/api/sql/job-steps/create-or-update",
    "speech-byos": "https://learn.microsoft.com/en-us/azure/ai-services/speech-service/bring-your-own-storage-speech-resource",
    "activity-log": "https://learn.microsoft.com/en-us/azure/azure-monitor/platform/activity-log",
    "sub-diagnostic": "https://learn.microsoft.com/en-us/rest/api/monitor/subscription-diagnostic-settings/create-or-update",
    "pairs": "https://learn.microsoft.com/en-us/azure/reliability/cross-region-replication-azure",
}
SQLVM_ID = f"{RG}/Microsoft.Compute/virtualMachines/claims-sqlvm"


def sqlvm_backup(
    account_location: str,
    regime: dict[str, str] = GDPR,
    new_vm: bool = False,
    new_account: bool = False,
    settings: Any = None,
) -> Build:
    """SQL Server on Azure VM claims-sqlvm (West Europe) with automated backups of its databases to storage
    account ``account`` in ``account_location`` (tagged as holding no regulated data). ``new_vm``: the VM is
    created in this update; ``new_account``: the account is, and its blob endpoint is taken from it."""

    def build(s: Stack) -> None:
        vm = put(
            s,
            "azure-native:compute:VirtualMachine",
            "claims-sqlvm",
            azure(s),
            known=None if new_vm else {"id": SQLVM_ID},
            resourceGroupName="ledger",
            vmName="claims-sqlvm",
            location="westeurope",
            hardwareProfile={"vmSize": "Standard_E8s_v5"},
            tags=regime,
        )
        account = "claimssqlbak" + account_location[:4]
        if new_account:
            store = put(
                s,
                "azure-native:storage:StorageAccount",
                account,
                azure(s, account_location),
                resourceGroupName="ledger",
                accountName=account,
                location=account_location,
                kind="StorageV2",
                sku={"name": "Standard_LRS"},
                allowBlobPublicAccess=False,
                minimumTlsVersion="TLS1_2",
                tags=dict(NONE),
            )
        else:
            store = storage_account(s, account, account_location, dict(NONE))
        sql_vm = put(
            s,
            "azure-native:sqlvirtualmachine:SqlVirtualMachine",
            "claims-sqlvm-sql",
            azure(s),
            deps=[vm, store],
            resourceGroupName="ledger",
            sqlVirtualMachineName="claims-sqlvm",
            location="westeurope",
            virtualMachineResourceId=UNKNOWN if new_vm else SQLVM_ID,
            sqlServerLicenseType="PAYG",
            sqlManagement="Full",
            autoBackupSettings={
                "enable": True,
                "enableEncryption": True,
                "password": secret("Backup-enc-5d8f2a!"),
                "retentionPeriod": 30,
                "storageAccountUrl": UNKNOWN if new_account else f"https://{account}.blob.core.windows.net/",
                "storageContainerName": "sqlbackups",
                "storageAccessKey": secret("c3RvcmFnZS1rZXktcmVkYWN0ZWQ="),
                "backupScheduleType": "Automated",
                "backupSystemDbs": True,
            }
            if settings is None
            else settings,
            tags=regime,
        )
        unknown: dict[str, list[str]] = {}
        if new_vm:
            unknown["virtualMachineResourceId"] = [vm]
        if new_account:
            unknown["autoBackupSettings"] = [store]
        if unknown:
            depends(s, sql_vm, **unknown)

    return build


# Violates: the claims databases' backups are written to a storage account in East US.
case("az21-sqlvm-auto-backup-east-us", AZURE_COPIES, "DENY", AZ_DOC["sqlvm-backup"])(sqlvm_backup("eastus"))
# Complies: the backup account is in West Europe.
case("az21-sqlvm-auto-backup-west-europe", AZURE_COPIES, cite=AZ_DOC["sqlvm-backup"])(sqlvm_backup("westeurope"))
# Violates: under the Netherlands-only regime, backups in North Europe are in Ireland.
case("az21-sqlvm-auto-backup-north-europe-nl", AZURE_COPIES, "DENY", AZ_DOC["pairs"], config={**NL_REGIME})(
    sqlvm_backup("northeurope", regime=NL_TAG)
)

JOB_AGENT = "claims-jobs"


def job_step_output(output_location: str, output: Any = None) -> Build:
    """An elastic job agent on the GDPR claims server (West Europe) runs a nightly step that selects claimants'
    open claims from every claims database and writes the result rows into table dbo.claims_extract of
    database reports on server reports-sql in ``output_location`` (tagged as holding no regulated data)."""

    def build(s: Stack) -> None:
        source = sql_server(s, "claims-sql", "westeurope", GDPR)
        target = sql_server(s, "reports-sql", output_location, dict(NONE))
        agent = put(
            s,
            "azure-native:sql:JobAgent",
            "claims-jobs",
            azure(s),
            deps=[source],
            known={"id": f"{RG}/Microsoft.Sql/servers/claims-sql/jobAgents/{JOB_AGENT}"},
            resourceGroupName="ledger",
            serverName="claims-sql",
            jobAgentName=JOB_AGENT,
            location="westeurope",
            databaseId=f"{RG}/Microsoft.Sql/servers/claims-sql/databases/jobs",
            sku={"name": "JA100"},
            tags=GDPR,
        )
        common = {"resourceGroupName": "ledger", "serverName": "claims-sql", "jobAgentName": JOB_AGENT}
        group = put(
            s,
            "azure-native:sql:JobTargetGroup",
            "claims-databases",
            azure(s),
            deps=[agent],
            targetGroupName="claims-databases",
            members=[
                {"type": "SqlServer", "serverName": "claims-sql.database.windows.net", "membershipType": "Include"}
            ],
            **common,
        )
        job = put(
            s,
            "azure-native:sql:Job",
            "nightly-extract",
            azure(s),
            deps=[agent],
            jobName="nightly-extract",
            description="open claims per claimant, for the reporting team",
            schedule={"type": "Recurring", "interval": "P1D", "enabled": True, "startTime": "2026-07-01T02:00:00Z"},
            **common,
        )
        put(
            s,
            "azure-native:sql:JobStep",
            "nightly-extract-step",
            azure(s),
            deps=[job, group, target],
            jobName="nightly-extract",
            stepName="extract",
            stepId=1,
            targetGroup=f"{RG}/Microsoft.Sql/servers/claims-sql/jobAgents/{JOB_AGENT}/targetGroups/claims-databases",
            action={
                "type": "TSql",
                "source": "Inline",
                "value": "SELECT claim_id, claimant_name, iban, amount FROM dbo.claims WHERE status = 'open'",
            },
            output={
                "type": "SqlDatabase",
                "subscriptionId": SUB,
                "resourceGroupName": "ledger",
                "serverName": "reports-sql",
                "databaseName": "reports",
                "schemaName": "dbo",
                "tableName": "claims_extract",
            }
            if output is None
            else output,
            **common,
        )

    return build


# Violates: the selected claimant rows are written into a database on a server in East US.
case("az21-sql-job-step-output-east-us", AZURE_COPIES, "DENY", AZ_DOC["job-output"])(job_step_output("eastus"))
# Complies: the output server is in West Europe.
case("az21-sql-job-step-output-west-europe", AZURE_COPIES, cite=AZ_DOC["job-step"])(job_step_output("westeurope"))


def speech_byos(account_location: str) -> Build:
    """The GDPR claims hotline's Speech resource (West Europe) bound to its own storage account (batch
    transcription results, audio and transcription logs, custom speech datasets) claimsspeech in
    ``account_location``, tagged as holding no regulated data."""

    def build(s: Stack) -> None:
        account = "claimsspeech" + account_location[:4]
        store = storage_account(s, account, account_location, dict(NONE))
        put(
            s,
            "azure-native:cognitiveservices:Account",
            "claims-speech",
            azure(s),
            deps=[store],
            resourceGroupName="ledger",
            accountName="claims-speech",
            location="westeurope",
            kind="SpeechServices",
            sku={"name": "S0"},
            identity={"type": "SystemAssigned"},
            properties={
                "customSubDomainName": "claims-speech",
                "publicNetworkAccess": "Disabled",
                "userOwnedStorage": [{"resourceId": f"{RG}/Microsoft.Storage/storageAccounts/{account}"}],
            },
            tags=GDPR,
        )

    return build


# Violates: the hotline's transcriptions and audio logs are kept in a storage account in East US.
case("az21-speech-own-storage-east-us", AZURE_COPIES, "DENY", AZ_DOC["speech-byos"])(speech_byos("eastus"))
# Complies: the storage account is in West Europe.
case("az21-speech-own-storage-west-europe", AZURE_COPIES, cite=AZ_DOC["speech-byos"])(speech_byos("westeurope"))


def activity_log(workspace_location: str) -> Build:
    """In a GDPR stack, the subscription's activity log (every control-plane operation with the caller's user
    name and IP address, and the claims apps' resource names) is sent to workspace activity in
    ``workspace_location``, tagged as holding no regulated data."""

    def build(s: Stack) -> None:
        ws = workspace(s, workspace_location, "activity", dict(NONE))
        put(
            s,
            "azure-native:monitor:SubscriptionDiagnosticSetting",
            "activity-log",
            azure(s),
            deps=[ws],
            name="activity-to-law",
            workspaceId=f"{RG}/Microsoft.OperationalInsights/workspaces/activity",
            logs=[
                {"category": "Administrative", "enabled": True},
                {"category": "Security", "enabled": True},
                {"category": "Policy", "enabled": True},
            ],
        )

    return build


# Violates: the activity log is kept in a workspace in East US.
case("az21-activity-log-east-us", AZURE_COPIES, "DENY", AZ_DOC["activity-log"], config=GDPR_STACK)(
    activity_log("eastus")
)
# Complies: the workspace is in West Europe.
case("az21-activity-log-west-europe", AZURE_COPIES, cite=AZ_DOC["sub-diagnostic"], config=GDPR_STACK)(
    activity_log("westeurope")
)


# ============================================================================ outside destinations
OUT_DOC = {
    "bot-regions": "https://learn.microsoft.com/en-us/azure/bot-service/bot-builder-concept-regionalization",
    "bot-telegram": "https://learn.microsoft.com/en-us/azure/bot-service/bot-service-channel-connect-telegram",
    "bot-directline": "https://learn.microsoft.com/en-us/azure/bot-service/bot-service-channel-directline",
    "blocking": "https://cloud.google.com/identity-platform/docs/blocking-functions",
    "run-locations": "https://cloud.google.com/run/docs/locations",
    "wsw-logger": "https://docs.aws.amazon.com/cli/latest/reference/workspaces-web/create-session-logger.html",
    "agentcore-targets": "https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/gateway-target-MCPservers.html",
    "log-alert": "https://cloud.google.com/monitoring/alerts/log-based-alerts",
    "log-alert-labels": "https://cloud.google.com/python/docs/reference/monitoring/latest/google.cloud.monitoring_v3.types.AlertPolicy.Condition.LogMatch",
    "channels": "https://cloud.google.com/monitoring/support/notification-options",
}
BOT_ID = f"{RG}/Microsoft.BotService/botServices/claims-bot"


def bot_channel(channel: dict[str, Any], new_bot: bool = False) -> Build:
    """The GDPR claims assistant, a regional Azure Bot in West Europe (its conversations: claimants' questions,
    policy numbers, names), connected to ``channel``; ``new_bot``: the bot is created in this update (the
    channel takes its name)."""

    def build(s: Stack) -> None:
        bot = put(
            s,
            "azure-native:botservice:Bot",
            "claims-bot",
            azure(s),
            known=None if new_bot else {"id": BOT_ID, "name": "claims-bot"},
            resourceGroupName="ledger",
            resourceName="claims-bot",
            location="westeurope",
            kind="azurebot",
            sku={"name": "S1"},
            properties={
                "displayName": "Claims assistant",
                "endpoint": "https://claims-bot.azurewebsites.net/api/messages",
                "msaAppId": "3f2e1d0c-9b8a-4765-8432-10fedcba9876",
                "msaAppType": "SingleTenant",
                "msaAppTenantId": "0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a",
                "disableLocalAuth": True,
            },
            tags=GDPR,
        )
        urn = put(
            s,
            "azure-native:botservice:Channel",
            f"claims-bot-{channel['channelName'].lower()}",
            azure(s),
            deps=[bot],
            resourceGroupName="ledger",
            resourceName=UNKNOWN if new_bot else "claims-bot",
            channelName=channel["channelName"],
            location="westeurope",
            properties=channel,
        )
        if new_bot:
            depends(s, urn, resourceName=[bot])

    return build


TELEGRAM = {
    "channelName": "TelegramChannel",
    "properties": {"accessToken": secret("7351942868:AAF3kq-claims-bot-token"), "isEnabled": True},
}
DIRECT_LINE = {
    "channelName": "DirectLineChannel",
    "properties": {
        "sites": [
            {
                "siteName": "claims-portal",
                "isEnabled": True,
                "isV1Enabled": False,
                "isV3Enabled": True,
                "isSecureSiteEnabled": True,
                "trustedOrigins": ["https://claims.ledger.example"],
            }
        ]
    },
}

# Violates: the bot's conversations are relayed through Telegram, a third-party channel outside Azure's regional
# boundary.
case("out21-bot-telegram-channel", OUTSIDE, "DENY", OUT_DOC["bot-regions"])(bot_channel(TELEGRAM))
# Complies: the claims portal talks to the regional bot over Direct Line.
case("out21-bot-direct-line-channel", OUTSIDE, cite=OUT_DOC["bot-directline"])(bot_channel(DIRECT_LINE))

IP_FUNCTION = "claims-risk-hook"


def blocking_function(uri: str, run_location: str | None = None) -> Build:
    """In a GDPR stack, the claims portal's Identity Platform calls a beforeSignIn blocking function at
    ``uri`` with every sign-in (the user's e-mail, IP address, user agent, and the ID token it forwards);
    ``run_location``: the function is our Cloud Run service claims-risk-hook there, labelled as holding no
    regulated data (``uri`` "new": created in this update)."""

    def build(s: Stack) -> None:
        deps = []
        function_uri: Any = uri
        if run_location is not None:
            host = f"{IP_FUNCTION}-123456789012.{run_location}.run.app"
            deps.append(
                put(
                    s,
                    "gcp:cloudrunv2/service:Service",
                    IP_FUNCTION,
                    gcp(s, run_location),
                    known=None
                    if uri == "new"
                    else {
                        "id": f"projects/{PROJECT}/locations/{run_location}/services/{IP_FUNCTION}",
                        "uri": f"https://{host}",
                        "urls": [f"https://{host}"],
                    },
                    project=PROJECT,
                    name=IP_FUNCTION,
                    location=run_location,
                    ingress="INGRESS_TRAFFIC_ALL",
                    labels=dict(NONE),
                    template={"containers": [{"image": f"europe-west3-docker.pkg.dev/{PROJECT}/auth/risk-hook:1.4.0"}]},
                )
            )
            function_uri = UNKNOWN if uri == "new" else f"https://{host}/beforeSignIn"
        config = put(
            s,
            "gcp:identityplatform/config:Config",
            "claims-identity",
            gcp(s),
            deps=deps,
            project=PROJECT,
            signIn={"email": {"enabled": True, "passwordRequired": True}},
            blockingFunctions={
                "triggers": [{"eventType": "beforeSignIn", "functionUri": function_uri}],
                "forwardInboundCredentials": {"idToken": True, "accessToken": False, "refreshToken": False},
            },
        )
        if function_uri is UNKNOWN:
            depends(s, config, blockingFunctions=deps)

    return build


PARTNER_RISK = "https://api.fraudscore-partner.example/v2/identity/before-sign-in"

# Violates: every sign-in, with the user's ID token, is sent to another company's fraud-scoring service.
case("out21-identity-blocking-partner", OUTSIDE, "DENY", OUT_DOC["blocking"], config=GDPR_STACK)(
    blocking_function(PARTNER_RISK)
)
# Violates: the blocking function is our own Cloud Run service, in Iowa.
case("out21-identity-blocking-own-iowa", OUTSIDE, "DENY", OUT_DOC["run-locations"], config=GDPR_STACK)(
    blocking_function("own", run_location="us-central1")
)
# Complies: the blocking function is our own Cloud Run service in Frankfurt.
case("out21-identity-blocking-own-frankfurt", OUTSIDE, cite=OUT_DOC["blocking"], config=GDPR_STACK)(
    blocking_function("own", run_location="europe-west3")
)
PORTAL_ARN = f"arn:aws:workspaces-web:eu-west-1:{ACCOUNT}:portal/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"


def secure_browser_logs(owner: str) -> Build:
    """The GDPR claims handlers' WorkSpaces Secure Browser portal (Ireland) with a session logger recording every
    website interaction and file transfer (URLs with claim numbers, the handler's identity) into bucket
    ``bucket`` owned by ``owner`` ("own": our bucket in Ireland, managed by this stack)."""

    def build(s: Stack) -> None:
        portal = put(
            s,
            "aws:workspacesweb/portal:Portal",
            "claims-handlers",
            aws(s),
            known={"id": PORTAL_ARN, "portalArn": PORTAL_ARN},
            displayName="claims handlers",
            authenticationType="IAM_Identity_Center",
            instanceType="standard.regular",
            tags=GDPR,
        )
        deps = [portal]
        if owner == "own":
            deps.append(s3_bucket(s, "ledger-browser-sessions", "eu-west-1"))
            destination = {"bucket": "ledger-browser-sessions", "bucketOwner": ACCOUNT}
        else:
            destination = {"bucket": "mssp-browser-sessions", "bucketOwner": owner}
        logger = put(
            s,
            "aws:workspacesweb/sessionLogger:SessionLogger",
            "claims-sessions",
            aws(s),
            deps=deps,
            known={"id": "claims-sessions", "sessionLoggerArn": f"{PORTAL_ARN.split(':portal')[0]}:sessionLogger/7e6d"},
            displayName="claims sessions",
            eventFilter={"all": {}},
            logConfiguration={
                "s3": {
                    **destination,
                    "folderStructure": "NestedByDate",
                    "logFileFormat": "JsonLines",
                    "keyPrefix": "claims",
                }
            },
            tags=GDPR,
        )
        put(
            s,
            "aws:workspacesweb/sessionLoggerAssociation:SessionLoggerAssociation",
            "claims-sessions-portal",
            aws(s),
            deps=[portal, logger],
            portalArn=PORTAL_ARN,
            sessionLoggerArn=f"{PORTAL_ARN.split(':portal')[0]}:sessionLogger/7e6d",
        )

    return build


# Violates: the session logs are written to a bucket owned by another company's account (a managed SOC).
case("out21-secure-browser-logs-partner-bucket", OUTSIDE, "DENY", OUT_DOC["wsw-logger"])(
    secure_browser_logs(PARTNER_ACCOUNT)
)
# Complies: they go to our own bucket in Ireland.
case("out21-secure-browser-logs-own-bucket", OUTSIDE, cite=OUT_DOC["wsw-logger"])(secure_browser_logs("own"))
GATEWAY_ID = "claims-tools-7h3k9m2p4q"


def agentcore_mcp_target(s: Stack) -> None:
    """The GDPR claims agent's AgentCore gateway (Ireland) exposes a partner's MCP server as a tool: every tool
    call the agent makes (claim numbers, claimant names and addresses from the conversation) is sent there."""
    gateway = put(
        s,
        "aws:bedrock/agentcoreGateway:AgentcoreGateway",
        "claims-tools",
        aws(s),
        known={"id": GATEWAY_ID, "gatewayId": GATEWAY_ID},
        name="claims-tools",
        roleArn=f"arn:aws:iam::{ACCOUNT}:role/claims-agent-gateway",
        authorizerType="AWS_IAM",
        protocolType="MCP",
        tags=GDPR,
    )
    put(
        s,
        "aws:bedrock/agentcoreGatewayTarget:AgentcoreGatewayTarget",
        "address-verification",
        aws(s),
        deps=[gateway],
        gatewayIdentifier=GATEWAY_ID,
        name="address-verification",
        description="verifies claimants' addresses",
        targetConfiguration={"mcp": {"mcpServer": {"endpoint": "https://mcp.addressvalidator-partner.example/mcp"}}},
    )


# Violates: the agent's tool calls, with claimants' details, go to another company's MCP server.
case("out21-agentcore-gateway-partner-mcp", OUTSIDE, "DENY", OUT_DOC["agentcore-targets"])(agentcore_mcp_target)


def log_alert(channel: str) -> Build:
    """In a GDPR stack, a log-based alerting policy on failed claim payouts extracts the claimant's e-mail and IBAN
    from the matching log entry into labels, which appear in each notification, sent to ``channel``:
    "webhook" (another company's incident-management service) or "pubsub" (our topic in Frankfurt)."""

    def build(s: Stack) -> None:
        deps = []
        if channel == "webhook":
            kind, labels = "webhook_tokenauth", {"url": "https://events.oncall-partner.example/integrations/gcp/ledger"}
        else:
            deps.append(
                put(
                    s,
                    "gcp:pubsub/topic:Topic",
                    "claims-alerts",
                    gcp(s),
                    known={"id": f"projects/{PROJECT}/topics/claims-alerts"},
                    project=PROJECT,
                    name="claims-alerts",
                    messageStoragePolicy={"allowedPersistenceRegions": ["europe-west3"], "enforceInTransit": True},
                    labels=dict(GDPR),
                )
            )
            kind, labels = "pubsub", {"topic": f"projects/{PROJECT}/topics/claims-alerts"}
        notify = put(
            s,
            "gcp:monitoring/notificationChannel:NotificationChannel",
            f"claims-oncall-{channel}",
            gcp(s),
            deps=deps,
            known={"id": f"projects/{PROJECT}/notificationChannels/4821937465"},
            project=PROJECT,
            type=kind,
            displayName="claims on-call",
            labels=labels,
            userLabels=dict(GDPR) if channel == "pubsub" else dict(NONE),
        )
        put(
            s,
            "gcp:monitoring/alertPolicy:AlertPolicy",
            "payout-failures",
            gcp(s),
            deps=[notify],
            project=PROJECT,
            displayName="claim payout failed",
            combiner="OR",
            conditions=[
                {
                    "displayName": "payout error logged",
                    "conditionMatchedLog": {
                        "filter": 'resource.type="k8s_container" AND jsonPayload.event="payout_failed"',
                        "labelExtractors": {
                            "claimant_email": "EXTRACT(jsonPayload.claimant.email)",
                            "iban": "EXTRACT(jsonPayload.payout.iban)",
                        },
                    },
                }
            ],
            alertStrategy={"notificationRateLimit": {"period": "300s"}, "autoClose": "1800s"},
            notificationChannels=[f"projects/{PROJECT}/notificationChannels/4821937465"],
            documentation={
                "content": "Payout to ${log.extracted_label.claimant_email} failed.",
                "mimeType": "text/markdown",
            },
            userLabels=dict(GDPR),
        )

    return build


# Violates: claimants' e-mail addresses and IBANs are sent to another company's webhook.
case("out21-log-alert-partner-webhook", OUTSIDE, "DENY", OUT_DOC["log-alert-labels"], config=GDPR_STACK)(
    log_alert("webhook")
)
# Complies: the notifications go to our Pub/Sub topic, stored only in Frankfurt.
case("out21-log-alert-own-pubsub", OUTSIDE, cite=OUT_DOC["channels"], config=GDPR_STACK)(log_alert("pubsub"))


# ============================================================================ unset location defaults
DEF_DOC = {
    "action-groups": "https://learn.microsoft.com/en-us/azure/azure-monitor/alerts/action-groups#global-and-regional-action-group-processing",
    "dw-geo-backup": "https://learn.microsoft.com/en-us/azure/synapse-analytics/sql-data-warehouse/backup-and-restore#geo-backups-and-disaster-recovery",
    "geo-backup-policy": "https://learn.microsoft.com/en-us/powershell/module/az.sql/set-azsqldatabasegeobackuppolicy",
    "notification-hubs": "https://docs.aws.amazon.com/notifications/latest/userguide/notification-hubs.html",
    "observability-buckets": "https://docs.cloud.google.com/trace/docs/create-observability-buckets",
    "observability-defaults": "https://docs.cloud.google.com/stackdriver/docs/observability/set-defaults-for-observability-buckets",
    "logging-defaults": "https://cloud.google.com/logging/docs/default-settings",
    "logging-storage": "https://cloud.google.com/logging/docs/regionalized-logs",
}
EH_NAMESPACE = "ledger-alerts"


def action_group(location: Any) -> Build:
    """In a GDPR stack, the claims platform's action group (alerts about the claims databases and apps, with the
    resources' names and the alerts' dimensions) in ``location``, publishing each alert to an event hub of our
    namespace in West Europe."""

    def build(s: Stack) -> None:
        namespace = put(
            s,
            "azure-native:eventhub:Namespace",
            EH_NAMESPACE,
            azure(s),
            known={"id": f"{RG}/Microsoft.EventHub/namespaces/{EH_NAMESPACE}"},
            resourceGroupName="ledger",
            namespaceName=EH_NAMESPACE,
            location="westeurope",
            sku={"name": "Standard", "tier": "Standard"},
            tags=GDPR,
        )
        put(
            s,
            "azure-native:monitor:ActionGroup",
            "claims-oncall",
            azure(s),
            deps=[namespace],
            resourceGroupName="ledger",
            actionGroupName="claims-oncall",
            groupShortName="claims",
            location=location,
            enabled=True,
            eventHubReceivers=[
                {
                    "name": "alerts-hub",
                    "eventHubNameSpace": EH_NAMESPACE,
                    "eventHubName": "alerts",
                    "subscriptionId": SUB,
                    "useCommonAlertSchema": True,
                }
            ],
            tags=GDPR,
        )

    return build


# Violates: "Global", the documented default: the group may be stored and its actions processed in any geography.
case("def21-action-group-global", DEFAULTS, "DENY", DEF_DOC["action-groups"], config=GDPR_STACK)(action_group("Global"))
# Complies: regional processing in Germany West Central, one of the regions that offer it.
case("def21-action-group-germany-west-central", DEFAULTS, cite=DEF_DOC["action-groups"], config=GDPR_STACK)(
    action_group("germanywestcentral")
)


def dw_geo_backup(state: str | None) -> Build:
    """A dedicated SQL pool (formerly SQL Data Warehouse) of the Netherlands-only claims analytics in West Europe,
    its backup storage locally redundant; ``state``: its geo-backup policy (``None``: none set, the service's
    default applies)."""

    def build(s: Stack) -> None:
        server = sql_server(s, "claims-dw", "westeurope", NL_TAG)
        pool = put(
            s,
            "azure-native:sql:Database",
            "claims-analytics",
            azure(s),
            deps=[server],
            known={"id": f"{RG}/Microsoft.Sql/servers/claims-dw/databases/claims-analytics"},
            resourceGroupName="ledger",
            serverName="claims-dw",
            databaseName="claims-analytics",
            location="westeurope",
            sku={"name": "DW100c", "tier": "DataWarehouse"},
            requestedBackupStorageRedundancy="Local",
            tags=NL_TAG,
        )
        if state is not None:
            put(
                s,
                "azure-native:sql:GeoBackupPolicy",
                "claims-analytics-geo",
                azure(s),
                deps=[pool],
                resourceGroupName="ledger",
                serverName="claims-dw",
                databaseName="claims-analytics",
                geoBackupPolicyName="Default",
                state=state,
            )

    return build


# Violates: without a policy the pool's daily geo-backup goes to the paired region, North Europe (Ireland).
case("def21-dw-geo-backup-default-nl", DEFAULTS, "DENY", DEF_DOC["dw-geo-backup"], config={**NL_REGIME})(
    dw_geo_backup(None)
)
# Complies: geo-backups are disabled; the pool's backups stay in West Europe.
case("def21-dw-geo-backup-disabled-nl", DEFAULTS, cite=DEF_DOC["geo-backup-policy"], config={**NL_REGIME})(
    dw_geo_backup("Disabled")
)


def user_notifications(s: Stack) -> None:
    """In a GDPR stack, AWS User Notifications with its only notification hub in Frankfurt, relaying GuardDuty
    findings about the claims account in Ireland (resource names, IP addresses, principals)."""
    virginia = aws(s, "us-east-1")
    put(
        s,
        "aws:notifications/notificationHub:NotificationHub",
        "hub-frankfurt",
        virginia,
        notificationHubRegion="eu-central-1",
    )
    config_arn = f"arn:aws:notifications::{ACCOUNT}:configuration/a01jzb3k5m7n9p1q3r5s7t9v1w"
    config = put(
        s,
        "aws:notifications/notificationConfiguration:NotificationConfiguration",
        "guardduty-findings",
        virginia,
        known={"id": config_arn, "arn": config_arn},
        name="guardduty-findings",
        description="GuardDuty findings for the claims account",
        aggregationDuration="SHORT",
        tags=GDPR,
    )
    put(
        s,
        "aws:notifications/eventRule:EventRule",
        "guardduty-findings-ireland",
        virginia,
        deps=[config],
        notificationConfigurationArn=config_arn,
        source="aws.guardduty",
        eventType="GuardDuty Finding",
        regions=["eu-west-1"],
    )


# Violates: User Notifications stores every notification configuration's data in N. Virginia, whatever the hubs.
case("def21-user-notifications-virginia", DEFAULTS, "DENY", DEF_DOC["notification-hubs"], config=GDPR_STACK)(
    user_notifications
)


def observability_defaults(location: str) -> Build:
    """In a GDPR stack, the claims project's Cloud Observability settings: the default storage location of the
    observability buckets Google creates when data arrives (the _Trace bucket: spans with request URLs and
    attributes naming claims and claimants)."""

    def build(s: Stack) -> None:
        put(
            s,
            "gcp:observability/projectSettings:ProjectSettings",
            "claims-observability",
            gcp(s),
            project=PROJECT,
            location="global",
            defaultStorageLocation=location,
        )

    return build


# Violates: the project's trace data will be stored in the US.
case("def21-observability-default-us", DEFAULTS, "DENY", DEF_DOC["observability-buckets"], config=GDPR_STACK)(
    observability_defaults("us")
)
# Complies: it will be stored in the EU.
case("def21-observability-default-eu", DEFAULTS, cite=DEF_DOC["observability-defaults"], config=GDPR_STACK)(
    observability_defaults("eu")
)


def logging_folder_defaults(location: str | None) -> Build:
    """In a GDPR stack, the Cloud Logging default settings of the EEA workloads folder: the location of the
    _Default and _Required log buckets of every project created in it (``None``: not set, Cloud Logging
    chooses)."""

    def build(s: Stack) -> None:
        inputs: dict[str, Any] = {
            "folder": EEA_FOLDER,
            "kmsKeyName": f"projects/{PROJECT}/locations/europe-west3/keyRings/logs/cryptoKeys/default",
            "disableDefaultSink": False,
        }
        if location is not None:
            inputs["storageLocation"] = location
        put(s, "gcp:logging/folderSettings:FolderSettings", "eea-logging-defaults", gcp(s), **inputs)

    return build


# Violates: no storage location: new projects' log buckets are placed where Cloud Logging chooses (global).
case("def21-logging-folder-defaults-unset", DEFAULTS, "DENY", DEF_DOC["logging-defaults"], config=GDPR_STACK)(
    logging_folder_defaults(None)
)
# Complies: new projects' log buckets are created in Frankfurt.
case("def21-logging-folder-defaults-frankfurt", DEFAULTS, cite=DEF_DOC["logging-storage"], config=GDPR_STACK)(
    logging_folder_defaults("europe-west3")
)


# ============================================================================ Kubernetes operators
OP_DOC = {
    "kcc-sink": "https://cloud.google.com/config-connector/docs/reference/resource-docs/logging/logginglogsink",
    "sink-destinations": "https://cloud.google.com/logging/docs/routing/overview#destinations",
    "xp-replication": "https://marketplace.upbound.io/providers/upbound/provider-aws-s3/latest/resources/s3.aws.upbound.io/BucketReplicationConfiguration/v1beta1",
    "s3-replication": "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication.html",
    "aso-diagnostic": "https://azure.github.io/azure-service-operator/reference/insights/v1api20210501preview/",
    "diagnostic": "https://learn.microsoft.com/en-us/azure/azure-monitor/platform/diagnostic-settings",
    "aso-failover": "https://azure.github.io/azure-service-operator/reference/sql/v1api20211101/",
    "failover-group": "https://learn.microsoft.com/en-us/azure/azure-sql/database/failover-group-sql-db",
    "ack-sns": "https://aws-controllers-k8s.github.io/community/reference/sns/v1alpha1/subscription/",
    "sns-https": "https://docs.aws.amazon.com/sns/latest/dg/sns-http-https-endpoint-as-subscriber.html",
}


def kcc_log_sink(dataset_location: str) -> Build:
    """The GDPR tenant's Config Connector log sink routes its project's application logs (claim handling,
    claimants' e-mail addresses in request logs) to the central BigQuery dataset tenant_logs, managed by this
    stack in ``dataset_location`` and labelled as holding no regulated data."""
    sink = kcc_object(
        "LoggingLogSink",
        "logging",
        "acme-app-logs",
        {
            "projectRef": {"external": "acme-prod"},
            "destination": {"bigQueryDatasetRef": {"external": f"projects/{PROJECT}/datasets/tenant_logs"}},
            "filter": 'resource.type="k8s_container" AND resource.labels.namespace_name="acme"',
            "bigqueryOptions": {"usePartitionedTables": True},
            "uniqueWriterIdentity": True,
        },
    )

    def make(s: Stack, k8s: str) -> str:
        bq_dataset(s, "tenant_logs", dataset_location, dict(NONE))
        return sink(s, k8s)

    return operator(make, "gcp")


# Violates: the tenant's logs are routed into a dataset in the US multi-region.
case("op21-kcc-log-sink-us", OPERATORS, "DENY", OP_DOC["sink-destinations"])(kcc_log_sink("US"))
# Complies: the dataset is in the EU multi-region.
case("op21-kcc-log-sink-eu", OPERATORS, cite=OP_DOC["kcc-sink"])(kcc_log_sink("EU"))


def xp_replication(destination_region: str) -> Build:
    """A cluster-scoped Crossplane S3 replication configuration labelled for the GDPR tenant: its claims bucket
    in Ireland replicates every object to bucket acme-claims-dr, managed by this stack in
    ``destination_region`` (untagged: a copy)."""
    replication = custom_resource(
        "s3.aws.upbound.io/v1beta1",
        "BucketReplicationConfiguration",
        "acme-claims-dr",
        None,
        {
            "forProvider": {
                "region": "eu-west-1",
                "bucket": "acme-claims",
                "role": f"arn:aws:iam::{ACCOUNT}:role/acme-s3-replication",
                "rule": [
                    {
                        "id": "everything",
                        "status": "Enabled",
                        "filter": [{"prefix": ""}],
                        "deleteMarkerReplication": [{"status": "Disabled"}],
                        "destination": [{"bucket": "arn:aws:s3:::acme-claims-dr", "storageClass": "STANDARD_IA"}],
                    }
                ],
            },
            "providerConfigRef": {"name": "default"},
        },
        labels={**GDPR, "fleet-tenant": "acme"},
    )

    def make(s: Stack, k8s: str) -> str:
        s3_bucket(s, "acme-claims-dr", destination_region)
        return replication(s, k8s)

    return operator(make)


# Violates: the tenant's claim documents are replicated to a bucket in N. Virginia.
case("op21-crossplane-s3-replication-virginia", OPERATORS, "DENY", OP_DOC["s3-replication"])(
    xp_replication("us-east-1")
)
# Complies: the replica bucket is in Frankfurt.
case("op21-crossplane-s3-replication-frankfurt", OPERATORS, cite=OP_DOC["xp-replication"])(
    xp_replication("eu-central-1")
)


def aso_diagnostics(workspace_location: str) -> Build:
    """The GDPR tenant's ASO storage account (West Europe) with an ASO diagnostic setting sending its blob logs
    (object names, caller identities and IP addresses) to the platform workspace tenant-logs, managed by this
    stack in ``workspace_location`` and tagged as holding no regulated data."""
    setting = custom_resource(
        "insights.azure.com/v1api20210501preview",
        "DiagnosticSetting",
        "acmefiles-logs",
        "acme",
        {
            "owner": {"group": "storage.azure.com", "kind": "StorageAccount", "name": "acmefiles"},
            "logs": [{"categoryGroup": "allLogs", "enabled": True}],
            "workspaceReference": {"armId": f"{RG}/Microsoft.OperationalInsights/workspaces/tenant-logs"},
        },
    )
    account = aso_storage("westeurope")

    def make(s: Stack, k8s: str) -> str:
        workspace(s, workspace_location, "tenant-logs", dict(NONE))
        account(s, k8s)
        return setting(s, k8s)

    return operator(make, "azure-native")


# Violates: the tenant's storage logs are kept in a workspace in East US.
case("op21-aso-diagnostic-setting-east-us", OPERATORS, "DENY", OP_DOC["diagnostic"])(aso_diagnostics("eastus"))
# Complies: the workspace is in West Europe.
case("op21-aso-diagnostic-setting-west-europe", OPERATORS, cite=OP_DOC["aso-diagnostic"])(aso_diagnostics("westeurope"))


def aso_failover(partner_location: str) -> Build:
    """The GDPR tenant's ASO Azure SQL server and claims database (West Europe) in an ASO failover group whose
    partner server, managed by this stack in ``partner_location`` (tagged as holding no regulated data), holds
    a continuously replicated secondary of the database."""
    group = custom_resource(
        "sql.azure.com/v1api20211101",
        "ServersFailoverGroup",
        "acme-claims-fog",
        "acme",
        {
            "owner": {"name": "acme-sql"},
            "partnerServers": [{"reference": {"armId": f"{RG}/Microsoft.Sql/servers/acme-sql-dr"}}],
            "databasesReferences": [{"group": "sql.azure.com", "kind": "ServersDatabase", "name": "acme-claims"}],
            "readWriteEndpoint": {"failoverPolicy": "Automatic", "failoverWithDataLossGracePeriodMinutes": 60},
        },
    )
    database = aso_database("Zone")

    def make(s: Stack, k8s: str) -> str:
        sql_server(s, "acme-sql-dr", partner_location, dict(NONE))
        database(s, k8s)
        return group(s, k8s)

    return operator(make, "azure-native")


# Violates: the failover group's secondary of the tenant's claims database is on a server in East US.
case("op21-aso-failover-group-east-us", OPERATORS, "DENY", OP_DOC["failover-group"])(aso_failover("eastus"))
# Complies: the partner server is in North Europe (Ireland), inside the EEA.
case("op21-aso-failover-group-north-europe", OPERATORS, cite=OP_DOC["aso-failover"])(aso_failover("northeurope"))


def ack_subscription(protocol: str, endpoint: str) -> Build:
    """The GDPR tenant's ACK SNS topic of claim events (Ireland) and an ACK subscription delivering every message
    (claim number, claimant, amount) to ``endpoint`` over ``protocol``."""
    topic = custom_resource(
        "sns.services.k8s.aws/v1alpha1",
        "Topic",
        "acme-claim-events",
        "acme",
        {"name": "acme-claim-events"},
        annotations={"services.k8s.aws/region": "eu-west-1"},
    )
    subscription = custom_resource(
        "sns.services.k8s.aws/v1alpha1",
        "Subscription",
        "acme-claim-events-crm",
        "acme",
        {
            "topicARN": f"arn:aws:sns:eu-west-1:{ACCOUNT}:acme-claim-events",
            "protocol": protocol,
            "endpoint": endpoint,
            "rawMessageDelivery": "true",
        },
        annotations={"services.k8s.aws/region": "eu-west-1"},
    )

    def make(s: Stack, k8s: str) -> str:
        topic(s, k8s)
        return subscription(s, k8s)

    return operator(make)


# Violates: the tenant's claim events are pushed to another company's CRM endpoint.
case("op21-ack-sns-subscription-partner-https", OPERATORS, "DENY", OP_DOC["sns-https"])(
    ack_subscription("https", "https://hooks.crm-partner.example/sns/acme-claims")
)
# Complies: they are delivered to the tenant's own SQS queue in Ireland.
case("op21-ack-sns-subscription-own-queue", OPERATORS, cite=OP_DOC["ack-sns"])(
    ack_subscription("sqs", f"arn:aws:sqs:eu-west-1:{ACCOUNT}:acme-claims-intake")
)


# ============================================================================ cloud guardrails
GRD_DOC = {
    "scp-region": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html",
    "scp-attach": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_attach.html",
    "condition-ifexists": "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IfExists",
    "gcp-locations": "https://cloud.google.com/resource-manager/docs/organization-policy/defining-locations",
    "gcp-policy": "https://cloud.google.com/resource-manager/reference/rest/v2/organizations.policies#Policy",
    "az-assignment": "https://learn.microsoft.com/en-us/azure/governance/policy/concepts/assignment-structure",
    "az-overrides": "https://learn.microsoft.com/en-us/azure/governance/policy/concepts/assignment-structure#overrides",
}
AWS_POLICY = "aws:organizations/policy:Policy"
AWS_ATTACHMENT = "aws:organizations/policyAttachment:PolicyAttachment"
GCP_POLICY = "gcp:orgpolicy/policy:Policy"
AZURE_ASSIGNMENT = "azure-native:authorization:PolicyAssignment"
READ_SCP = "p-eea0read1"
OTHER_ACCOUNT = "444455556666"  # an account of the organization that holds no cluster of this stack


def read_guardrail(cloud: str, targets: list[str], covers: list[str], values: list[str], observed: list[Any]) -> Build:
    """A guardrail made elsewhere and read by the program (``managed: false``): the
    ``fleet:guardrails:CloudGuardrail`` component with the outputs it registers, ``observed`` being what the
    read returned (fleet/guardrails/components.py)."""
    kind = {"aws": "aws-scp", "gcp": "gcp-resource-locations", "azure": "azure-allowed-locations"}[cloud]

    def build(s: Stack) -> None:
        s.add(
            "fleet:guardrails:CloudGuardrail",
            f"eea-{cloud}",
            guardrail="eea",
            cloud=cloud,
            kind=kind,
            regime="gdpr",
            managed=False,
            targets=targets,
            covers=covers,
            regions=values if cloud != "gcp" else ["europe-west3", "europe-west4"],
            values=values,
            observed=observed,
        )

    return build


def eks_read(content: str, target: str = ACCOUNT) -> Build:
    """The guarded GDPR EKS cluster of account 111111111111, with no Organizations resource of its own; the
    region-deny SCP ``content`` exists and is read (attached to ``target``)."""
    cluster = without(eks_guarded(), AWS_POLICY, AWS_ATTACHMENT)
    guardrail = read_guardrail(
        "aws",
        [target],
        [target],
        GDPR_AWS,
        [
            {"type": AWS_POLICY, "id": READ_SCP, "content": content, "policyType": "SERVICE_CONTROL_POLICY"},
            {"type": AWS_ATTACHMENT, "targetId": target, "policyId": READ_SCP},
        ],
    )

    def build(s: Stack) -> None:
        cluster(s)
        s.resources[:] = [r for r in s.resources if r.urn != s.urn("pulumi:providers:aws", "org")]
        guardrail(s)

    return build


def scp_operator(operator_: str) -> str:
    document = json.loads(scp())
    condition = document["Statement"][0]["Condition"]
    document["Statement"][0]["Condition"] = {operator_: condition["StringNotEquals"]}
    return json.dumps(document)


# Complies: the documented region-deny SCP, made elsewhere, is read attached to the cluster's account.
case("grd21-aws-read-scp", GUARDRAILS, cite=GRD_DOC["scp-region"])(eks_read(scp()))
# Violates: the SCP read from the organization allows N. Virginia too (edited by hand after it was agreed);
# what the guardrail holds is what the read returns, not the regions the spec meant.
case("grd21-aws-read-scp-allows-virginia", GUARDRAILS, "DENY", GRD_DOC["scp-region"])(
    eks_read(scp([*GDPR_AWS, "us-east-1"]))
)
# Violates: the SCP read is attached to another account of the organization, not the cluster's.
case("grd21-aws-read-scp-other-account", GUARDRAILS, "DENY", GRD_DOC["scp-attach"])(eks_read(scp(), OTHER_ACCOUNT))
# Complies: the read SCP denies with StringNotEqualsIfExists, which denies at least as much.
case("grd21-aws-read-scp-if-exists", GUARDRAILS, cite=GRD_DOC["condition-ifexists"])(
    eks_read(scp_operator("StringNotEqualsIfExists"))
)


def gke_read(spec: Any) -> Build:
    """The guarded GDPR GKE cluster of project ledger-prod (its _Default sink taken over, to Frankfurt); the
    project's gcp.resourceLocations policy exists and is read, ``spec`` being what the read returns."""

    def own_sink(s: Stack, org: str) -> None:
        default_sink("europe-west3")(s)

    cluster = gke_guarded(own_sink)
    guardrail = read_guardrail(
        "gcp",
        [f"projects/{PROJECT}"],
        [PROJECT],
        EEA_VALUES,
        [
            {
                "type": GCP_POLICY,
                "name": f"projects/{PROJECT}/policies/gcp.resourceLocations",
                "parent": f"projects/{PROJECT}",
                "spec": spec,
                "etag": "BwYb3kXcQ9E=",
            }
        ],
    )

    def build(s: Stack) -> None:
        cluster(s)
        guardrail(s)

    return build


EEA_SPEC = {
    "inheritFromParent": False,
    "reset": None,
    "rules": [
        {
            "allowAll": None,
            "denyAll": None,
            "condition": None,
            "values": {"allowedValues": EEA_VALUES, "deniedValues": []},
        }
    ],
}

# Complies: the project's policy, made elsewhere and read, allows only Frankfurt and the Netherlands.
case("grd21-gcp-read-policy", GUARDRAILS, cite=GRD_DOC["gcp-locations"])(gke_read(EEA_SPEC))
# Violates: the read found a policy (it has an etag) that sets nothing: no constraint on the project's locations.
case("grd21-gcp-read-policy-sets-nothing", GUARDRAILS, "DENY", GRD_DOC["gcp-policy"])(gke_read(None))


def aks_read(**assignment: Any) -> Build:
    """The guarded GDPR AKS cluster of the subscription, with no Azure Policy resource of its own; its "Allowed
    locations" assignment exists and is read (``assignment`` changes what the read returns)."""
    cluster = without(aks_guarded(), AZURE_ASSIGNMENT)
    scope = f"/subscriptions/{SUB}"
    guardrail = read_guardrail(
        "azure",
        [scope],
        [SUB],
        GDPR_AZURE,
        [
            {
                "type": AZURE_ASSIGNMENT,
                "scope": scope,
                "policyDefinitionId": ALLOWED_LOCATIONS,
                "parameters": {"listOfAllowedLocations": {"value": GDPR_AZURE}},
                "enforcementMode": "Default",
                "notScopes": [],
                "overrides": [],
                "resourceSelectors": [],
                **assignment,
            }
        ],
    )

    def build(s: Stack) -> None:
        cluster(s)
        s.resources[:] = [r for r in s.resources if r.urn != s.urn("pulumi:providers:azure-native", "policy")]
        guardrail(s)

    return build


# Complies: the subscription's "Allowed locations" assignment, made elsewhere and read, enforced.
case("grd21-azure-read-assignment", GUARDRAILS, cite=GRD_DOC["az-assignment"])(aks_read())
# Violates: the read assignment overrides the definition's effect with Audit: nothing is denied.
case("grd21-azure-read-assignment-audit-override", GUARDRAILS, "DENY", GRD_DOC["az-overrides"])(
    aks_read(overrides=[{"kind": "policyEffect", "value": "Audit"}])
)


# ============================================================================ unknown at preview
PRE_DOC = {
    "unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
    "policy-preview": "https://www.pulumi.com/docs/iac/using-pulumi/crossguard/best-practices/",
}

# Violates: the broker configuration is new (its ID unknown to the broker); its connector to N. Virginia is known.
case("pre21-mq-new-configuration-virginia", PREVIEW, "DENY", PRE_DOC["unknowns"], config=GDPR_STACK)(
    mq_mesh("us-east-1", new_config=True)
)
# Complies at preview: the configuration's XML names the endpoint of a Frankfurt broker created in this update.
case("pre21-mq-connector-peer-unknown", PREVIEW, cite=PRE_DOC["policy-preview"], config=GDPR_STACK)(
    mq_mesh("eu-central-1", peer_unknown=True)
)
# Violates: the vector bucket is new (its ARN unknown to the policy); the partner's role is known.
case("pre21-s3-vectors-new-bucket-partner", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    vectors_policy(PARTNER_ROLE, new_bucket=True)
)
# Complies at preview: the policy's principal is a role created in this update.
case("pre21-s3-vectors-principal-unknown", PREVIEW, cite=PRE_DOC["policy-preview"])(vectors_policy(UNKNOWN))
# Violates: the audio bucket is new (its URL unknown to the app); it is created in the US multi-region.
case("pre21-ces-audio-new-bucket-us", PREVIEW, "DENY", PRE_DOC["unknowns"], config=GDPR_STACK)(
    ces_app("US", new_bucket=True)
)
# Complies: the same new bucket in Frankfurt.
case("pre21-ces-audio-new-bucket-frankfurt", PREVIEW, cite=PRE_DOC["unknowns"], config=GDPR_STACK)(
    ces_app("EUROPE-WEST3", new_bucket=True)
)
# Violates: the runtime template is new (its name unknown to the execution); the US output bucket is known.
case("pre21-colab-new-template-output-us", PREVIEW, "DENY", PRE_DOC["unknowns"], config=GDPR_STACK)(
    colab_run("US", new_template=True)
)
# Violates: the VM is new (its ID unknown to the SQL VM resource); the backup account in East US is known.
case("pre21-sqlvm-new-vm-backup-east-us", PREVIEW, "DENY", PRE_DOC["unknowns"])(sqlvm_backup("eastus", new_vm=True))
# Complies at preview: the backup account is created in this update (its endpoint unknown), in West Europe.
case("pre21-sqlvm-backup-new-account-west-europe", PREVIEW, cite=PRE_DOC["policy-preview"])(
    sqlvm_backup("westeurope", new_account=True)
)
# Violates: the bot is new (its name unknown to the channel); the Telegram channel is known.
case("pre21-bot-new-bot-telegram", PREVIEW, "DENY", PRE_DOC["unknowns"])(bot_channel(TELEGRAM, new_bot=True))
# Complies at preview: the blocking function is our Cloud Run service in Frankfurt, created in this update.
case("pre21-identity-blocking-function-unknown", PREVIEW, cite=PRE_DOC["policy-preview"], config=GDPR_STACK)(
    blocking_function("new", run_location="europe-west3")
)


# ============================================================================ malformed shapes
BAD_DOC = {
    "mq-configuration": "https://www.pulumi.com/registry/packages/aws/api-docs/mq/configuration/",
    "dsql-peering": "https://www.pulumi.com/registry/packages/aws/api-docs/dsql/clusterpeering/",
    "macie-export": "https://www.pulumi.com/registry/packages/aws/api-docs/macie2/classificationexportconfiguration/",
    "cognito-logs": "https://www.pulumi.com/registry/packages/aws/api-docs/cognito/logdeliveryconfiguration/",
    "ces-app": "https://www.pulumi.com/registry/packages/gcp/api-docs/ces/app/",
    "sqlvm": "https://www.pulumi.com/registry/packages/azure-native/api-docs/sqlvirtualmachine/sqlvirtualmachine/",
    "action-group": "https://www.pulumi.com/registry/packages/azure-native/api-docs/monitor/actiongroup/",
    "job-step": "https://www.pulumi.com/registry/packages/azure-native/api-docs/sql/jobstep/",
    "bridge": "https://github.com/pulumi/pulumi-terraform-bridge/blob/master/pkg/tfbridge/schema.go",
}

# Violates: data (the configuration's XML, a string) is an object; the connector it describes goes to Frankfurt.
case("bad21-mq-configuration-data-object", MALFORMED, "DENY", BAD_DOC["mq-configuration"], config=GDPR_STACK)(
    mq_mesh(
        "eu-central-1",
        data={"networkConnectors": [{"name": "claims-to-peer", "uri": f"static:(ssl://{MQ_BROKERS['eu-central-1']})"}]},
    )
)
# Violates: witnessRegion (one Region) is a list of two Regions, both in the EEA; the peer cluster is in Paris.
case("bad21-dsql-peering-witness-two-regions", MALFORMED, "DENY", BAD_DOC["dsql-peering"])(
    dsql_peering("eu-west-3", witness=["eu-central-1", "eu-north-1"])
)
# Violates: s3Destination (one block) is a list of two blocks, both naming the Irish results bucket.
case("bad21-macie-destination-two-blocks", MALFORMED, "DENY", BAD_DOC["macie-export"], config=GDPR_STACK)(
    macie_results(
        "eu-west-1",
        destination=[
            {"bucketName": "ledger-macie-results", "keyPrefix": "a/", "kmsKeyArn": KMS_IE},
            {"bucketName": "ledger-macie-results", "keyPrefix": "b/", "kmsKeyArn": KMS_IE},
        ],
    )
)
# Complies: s3Destination given as a one-item list (the SDK flattens the block), as the bridge hands it to
# Terraform; the bucket is in Ireland.
case("bad21-macie-destination-one-item-list", MALFORMED, cite=BAD_DOC["bridge"], config=GDPR_STACK)(
    macie_results(
        "eu-west-1",
        destination=[{"bucketName": "ledger-macie-results", "keyPrefix": "discovery/", "kmsKeyArn": KMS_IE}],
    )
)
# Complies: logConfigurations (a list) given as one object, which the bridge wraps into a one-item list; the
# bucket is in Frankfurt.
case("bad21-cognito-log-configurations-object", MALFORMED, cite=BAD_DOC["bridge"])(
    cognito_activity(
        "eu-central-1",
        configurations={
            "eventSource": "userAuthEvents",
            "logLevel": "INFO",
            "s3Configuration": {"bucketArn": "arn:aws:s3:::claims-auth-events"},
        },
    )
)
# Violates: gcsBucket (a gs:// URI) is an object naming the Frankfurt bucket.
case("bad21-ces-audio-bucket-object", MALFORMED, "DENY", BAD_DOC["ces-app"], config=GDPR_STACK)(
    ces_app(audio={"gcsBucket": {"bucket": "claims-voice-audio", "location": "EUROPE-WEST3"}})
)
# Complies: audioRecordingConfig (one block, flattened by the SDK) given as a one-item list; the bucket is in
# Frankfurt.
case("bad21-ces-audio-config-one-item-list", MALFORMED, cite=BAD_DOC["bridge"], config=GDPR_STACK)(
    ces_app("EUROPE-WEST3", audio=[{"gcsBucket": "gs://claims-voice-audio", "gcsPathPrefix": "$app/$date"}])
)
# Violates: autoBackupSettings (an object) is a one-item list (azure-native takes the object); the account is in
# West Europe.
case("bad21-sqlvm-auto-backup-list", MALFORMED, "DENY", BAD_DOC["sqlvm"])(
    sqlvm_backup(
        "westeurope",
        settings=[
            {
                "enable": True,
                "retentionPeriod": 30,
                "storageAccountUrl": "https://claimssqlbakwest.blob.core.windows.net/",
                "storageContainerName": "sqlbackups",
            }
        ],
    )
)
# Violates: location (one region) is a one-item list naming Germany West Central.
case("bad21-action-group-location-list", MALFORMED, "DENY", BAD_DOC["action-group"], config=GDPR_STACK)(
    action_group(["germanywestcentral"])
)
# Violates: output (one destination) is a one-item list naming the West Europe server.
case("bad21-sql-job-step-output-list", MALFORMED, "DENY", BAD_DOC["job-step"])(
    job_step_output(
        "westeurope",
        output=[
            {
                "type": "SqlDatabase",
                "serverName": "reports-sql",
                "databaseName": "reports",
                "tableName": "claims_extract",
            }
        ],
    )
)
