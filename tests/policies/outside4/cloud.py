"""Cloud residency cases of the fourth outside corpus, written from cloud-provider documentation and the
pack's user-facing contract (docs/RULES.md, docs/SPEC.md, docs/REVIEW.md, README.md) by a helper session
that had not read the pack's rules, its residency survey, its configs or its tests. It must never be used
to tune the pack (see README.md beside it).

Cases are built with the ``Case``/``Stack`` API of ``tests/policies/corpus.py`` and the helpers of the
earlier outside corpora. A case asks only whether a correct pack denies it: ``expect="DENY"`` (some
mandatory violation) or nothing (compliant: no mandatory violation at all, so every compliant case is
complete and clean in every other respect). Each cites the page its outcome rests on; a comment above it
says why it violates or complies. None repeats a service or situation of the three earlier corpora: these
are SageMaker data capture and feature stores, EMR logs, Storage Gateway shares, Transfer Family
workflows and connectors, SES receipt rules, Amazon Connect recordings, Bedrock inference profiles,
Redshift data shares; Dataproc staging buckets and the global region, Vertex AI request logging, Cloud
Healthcare FHIR streaming, Pub/Sub dead-letter topics, Cloud KMS key rings, Cloud Build triggers and log
buckets, Cloud Tasks HTTP targets; RA-GZRS and RA-GRS pairs outside Europe, Synapse lakes and SQL pool
backups, workspace-based Application Insights, Azure OpenAI deployment types, App Service backups,
Azure Machine Learning storage, Communication Services data locations, Azure File Sync server endpoints,
Log Analytics data export; ACK, Crossplane, Config Connector and ASO kinds not used before; and guardrails
inverted, narrowed to one service, of the wrong Organizations policy type, reset, written as a deny list,
on the wrong project, on a management group, or waived as "Mitigated".

``UNKNOWN`` stands for a value the engine only learns at the update.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from tests.policies.corpus import GDPR, UNKNOWN, Stack
from tests.policies.outside.corpus import (
    ACCOUNT,
    GDPR_AWS,
    PROJECT,
    RG,
    ROLE,
    _find,
    aks_guarded,
    aws,
    az,
    azure,
    bq_dataset,
    custom_resource,
    default_sink,
    eks_guarded,
    gcp,
    gcs_bucket,
    gke_guarded,
    put,
    s3_bucket,
    scp,
    storage_account,
)
from tests.policies.outside2.corpus import IE_TAG, on_tenant
from tests.policies.outside4.common import case

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
PARTNER = "222222222222"  # another AWS account, outside this stack
KMS = f"arn:aws:kms:eu-west-1:{ACCOUNT}:key/2a3b4c5d-6e7f-4081-92a3-b4c5d6e7f809"
IE_CONFIG = {"regimes": [{"name": "ie", "countries": ["IE"], "description": "Ireland only"}]}
HK_TAG = {"fleet-residency": "hk"}
HK_CONFIG = {"regimes": [{"name": "hk", "countries": ["HK"], "description": "Hong Kong only"}]}
JP_TAG = {"fleet-residency": "jp"}
JP_CONFIG = {"regimes": [{"name": "jp", "countries": ["JP"], "description": "Japan only"}]}


def retouch(build: Build, type_: str, name: str, drop: tuple[str, ...] = (), **changes: Any) -> Build:
    """The same stack with one resource's inputs changed (and ``drop``ped); a resource that exists (sent
    with its outputs) gets the same change in its outputs, so inputs and state agree."""

    def built(s: Stack) -> None:
        build(s)
        resource = _find(s, s.urn(type_, name))
        resource.inputs = {k: v for k, v in {**resource.inputs, **changes}.items() if k not in drop}
        if resource.outputs:
            resource.outputs = {k: v for k, v in {**resource.outputs, **changes}.items() if k not in drop}

    return built


# ============================================================================ AWS: copies
AWS_DOC = {
    "sagemaker-capture": "https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-data-capture.html",
    "feature-offline": "https://docs.aws.amazon.com/sagemaker/latest/dg/feature-store-offline.html",
    "emr-logs": "https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-plan-debugging.html",
    "sgw-smb": "https://docs.aws.amazon.com/filegateway/latest/files3/CreatingAnSMBFileShare.html",
    "transfer-copy": "https://docs.aws.amazon.com/transfer/latest/userguide/nominal-steps-workflow.html",
    "ses-s3": "https://docs.aws.amazon.com/ses/latest/dg/receiving-email-action-s3.html",
    "connect-storage": "https://docs.aws.amazon.com/connect/latest/adminguide/amazon-connect-data-storage.html",
    "bedrock-cris": "https://docs.aws.amazon.com/bedrock/latest/userguide/cross-region-inference.html",
}


def sagemaker_capture(bucket_region: str, kms: Any = KMS) -> Build:
    """A GDPR SageMaker endpoint configuration (Ireland) that captures every request and response of the
    credit-scoring model into s3://ledger-inference-capture, a bucket of this stack."""

    def build(s: Stack) -> None:
        bucket = s3_bucket(s, "ledger-inference-capture", bucket_region)
        put(
            s,
            "aws:sagemaker/endpointConfiguration:EndpointConfiguration",
            "ledger-scoring",
            aws(s),
            deps=[bucket],
            name="ledger-scoring",
            kmsKeyArn=kms,
            tags=GDPR,
            productionVariants=[
                {
                    "variantName": "primary",
                    "modelName": "ledger-scoring",
                    "instanceType": "ml.m5.large",
                    "initialInstanceCount": 1,
                }
            ],
            dataCaptureConfig={
                "enableCapture": True,
                "initialSamplingPercentage": 100,
                "destinationS3Uri": "s3://ledger-inference-capture/capture",
                "captureOptions": [{"captureMode": "Input"}, {"captureMode": "Output"}],
            },
        )

    return build


# Violates: the inference payloads (customers' features and scores) are captured into a bucket in Oregon.
case("aws-sagemaker-capture-us", AWS_COPIES, "DENY", AWS_DOC["sagemaker-capture"])(sagemaker_capture("us-west-2"))
# Complies: the capture bucket is in Ireland, beside the endpoint.
case("aws-sagemaker-capture-ie", AWS_COPIES, cite=AWS_DOC["sagemaker-capture"])(sagemaker_capture("eu-west-1"))


def feature_group(bucket_region: str) -> Build:
    """A GDPR feature group whose offline store (every record ever ingested) is written to
    s3://ledger-feature-store, a bucket of this stack."""

    def build(s: Stack) -> None:
        bucket = s3_bucket(s, "ledger-feature-store", bucket_region)
        put(
            s,
            "aws:sagemaker/featureGroup:FeatureGroup",
            "customer-features",
            aws(s),
            deps=[bucket],
            featureGroupName="customer-features",
            recordIdentifierFeatureName="customer_id",
            eventTimeFeatureName="event_time",
            roleArn=ROLE,
            featureDefinitions=[
                {"featureName": "customer_id", "featureType": "String"},
                {"featureName": "event_time", "featureType": "Fractional"},
                {"featureName": "lifetime_value", "featureType": "Fractional"},
            ],
            offlineStoreConfig={"s3StorageConfig": {"s3Uri": "s3://ledger-feature-store/offline", "kmsKeyId": KMS}},
            tags=GDPR,
        )

    return build


# Violates: the offline store of the GDPR feature group is a bucket in N. Virginia.
case("aws-feature-store-offline-us", AWS_COPIES, "DENY", AWS_DOC["feature-offline"])(feature_group("us-east-1"))
# Complies: the offline store is a bucket in Stockholm.
case("aws-feature-store-offline-se", AWS_COPIES, cite=AWS_DOC["feature-offline"])(feature_group("eu-north-1"))


def emr_logs(bucket_region: str, role: Any = f"arn:aws:iam::{ACCOUNT}:role/EMR_DefaultRole") -> Build:
    """A GDPR EMR cluster (Ireland) that archives its step, application and YARN container logs (which
    hold records the jobs print) to s3://ledger-emr-logs, a bucket of this stack."""

    def build(s: Stack) -> None:
        bucket = s3_bucket(s, "ledger-emr-logs", bucket_region)
        put(
            s,
            "aws:emr/cluster:Cluster",
            "ledger-etl",
            aws(s),
            deps=[bucket],
            name="ledger-etl",
            releaseLabel="emr-7.5.0",
            applications=["Spark"],
            serviceRole=role,
            logUri="s3://ledger-emr-logs/etl/",
            ec2Attributes={
                "instanceProfile": f"arn:aws:iam::{ACCOUNT}:instance-profile/EMR_EC2_DefaultRole",
                "subnetId": "subnet-0a1b2c3d4e5f60718",
            },
            masterInstanceGroup={"instanceType": "m7g.xlarge"},
            coreInstanceGroup={"instanceType": "m7g.xlarge", "instanceCount": 2},
            tags=GDPR,
        )

    return build


# Violates: the GDPR cluster's logs are archived in a bucket in Ohio.
case("aws-emr-log-uri-us", AWS_COPIES, "DENY", AWS_DOC["emr-logs"])(emr_logs("us-east-2"))
# Complies: the log bucket is in Ireland.
case("aws-emr-log-uri-ie", AWS_COPIES, cite=AWS_DOC["emr-logs"])(emr_logs("eu-west-1"))


def smb_share(bucket_region: str) -> Build:
    """An S3 File Gateway (Ireland) SMB share of the GDPR finance team: every file written to it is stored
    as an object in the bucket its location ARN names (a bucket of this stack)."""

    def build(s: Stack) -> None:
        bucket = s3_bucket(s, "ledger-file-share", bucket_region)
        put(
            s,
            "aws:storagegateway/smbFileShare:SmbFileShare",
            "finance-share",
            aws(s),
            deps=[bucket],
            gatewayArn=f"arn:aws:storagegateway:eu-west-1:{ACCOUNT}:gateway/sgw-12A3456B",
            locationArn="arn:aws:s3:::ledger-file-share",
            roleArn=ROLE,
            authentication="ActiveDirectory",
            fileShareName="finance",
            kmsEncrypted=True,
            kmsKeyArn=KMS,
            tags=GDPR,
        )

    return build


# Violates: the share's files are stored in a bucket in N. Virginia.
case("aws-storage-gateway-share-us", AWS_COPIES, "DENY", AWS_DOC["sgw-smb"])(smb_share("us-east-1"))
# Complies: the bucket is in Ireland.
case("aws-storage-gateway-share-ie", AWS_COPIES, cite=AWS_DOC["sgw-smb"])(smb_share("eu-west-1"))


def transfer_workflow(archive_region: str) -> Build:
    """A GDPR Transfer Family SFTP server (Ireland) whose upload workflow copies every uploaded file to
    the archive bucket named in its copy step (a bucket of this stack)."""

    def build(s: Stack) -> None:
        inbox = s3_bucket(s, "ledger-sftp-inbox", "eu-west-1", GDPR)
        archive = s3_bucket(s, "ledger-sftp-archive", archive_region)
        flow = put(
            s,
            "aws:transfer/workflow:Workflow",
            "archive-uploads",
            aws(s),
            deps=[inbox, archive],
            description="copy every upload to the archive",
            steps=[
                {
                    "type": "COPY",
                    "copyStepDetails": {
                        "name": "archive",
                        "sourceFileLocation": "${original.file}",
                        "overwriteExisting": "FALSE",
                        "destinationFileLocation": {
                            "s3FileLocation": {"bucket": "ledger-sftp-archive", "key": "uploads/"}
                        },
                    },
                }
            ],
            known={
                "id": "w-0a1b2c3d4e5f60718",
                "arn": f"arn:aws:transfer:eu-west-1:{ACCOUNT}:workflow/w-0a1b2c3d4e5f60718",
            },
        )
        put(
            s,
            "aws:transfer/server:Server",
            "ledger-sftp",
            aws(s),
            deps=[flow],
            protocols=["SFTP"],
            identityProviderType="SERVICE_MANAGED",
            domain="S3",
            endpointType="PUBLIC",
            workflowDetails={"onUpload": {"executionRole": ROLE, "workflowId": "w-0a1b2c3d4e5f60718"}},
            tags=GDPR,
        )

    return build


# Violates: the workflow copies each file the GDPR server receives into a bucket in Oregon.
case("aws-transfer-workflow-copy-us", AWS_COPIES, "DENY", AWS_DOC["transfer-copy"])(transfer_workflow("us-west-2"))
# Complies: the archive bucket is in Frankfurt.
case("aws-transfer-workflow-copy-de", AWS_COPIES, cite=AWS_DOC["transfer-copy"])(transfer_workflow("eu-central-1"))


def ses_receipt(bucket: str, bucket_region: str | None) -> Build:
    """A GDPR stack's SES receipt rule (Ireland) that stores every incoming support e-mail, in full, in
    ``bucket``; ``bucket_region`` None: the bucket is not in this stack."""

    def build(s: Stack) -> None:
        deps = []
        if bucket_region is not None:
            deps.append(s3_bucket(s, bucket, bucket_region))
        rules = put(s, "aws:ses/receiptRuleSet:ReceiptRuleSet", "support-inbound", aws(s), ruleSetName="support")
        put(
            s,
            "aws:ses/receiptRule:ReceiptRule",
            "support-to-s3",
            aws(s),
            deps=[rules, *deps],
            name="support-to-s3",
            ruleSetName="support",
            recipients=["support@ledger.example.com"],
            enabled=True,
            scanEnabled=True,
            tlsPolicy="Require",
            s3Actions=[{"bucketName": bucket, "objectKeyPrefix": "inbound/", "position": 1, "kmsKeyArn": KMS}],
        )

    return build


# Violates: customers' e-mails are stored in a bucket in N. California.
case("aws-ses-receipt-s3-us", AWS_COPIES, "DENY", AWS_DOC["ses-s3"], config=GDPR_STACK)(
    ses_receipt("ledger-support-mail", "us-west-1")
)
# Complies: the mail bucket is in Ireland.
case("aws-ses-receipt-s3-ie", AWS_COPIES, cite=AWS_DOC["ses-s3"], config=GDPR_STACK)(
    ses_receipt("ledger-support-mail", "eu-west-1")
)


def connect_recordings(bucket_region: str) -> Build:
    """A GDPR Amazon Connect contact centre (Frankfurt) whose call recordings are stored in a bucket of
    this stack."""

    def build(s: Stack) -> None:
        de = aws(s, "eu-central-1")
        bucket = s3_bucket(s, "ledger-call-recordings", bucket_region)
        instance = put(
            s,
            "aws:connect/instance:Instance",
            "ledger-contact",
            de,
            identityManagementType="CONNECT_MANAGED",
            inboundCallsEnabled=True,
            outboundCallsEnabled=False,
            instanceAlias="ledger-contact",
            tags=GDPR,
            known={"id": "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"},
        )
        put(
            s,
            "aws:connect/instanceStorageConfig:InstanceStorageConfig",
            "ledger-contact-recordings",
            de,
            deps=[instance, bucket],
            instanceId="aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee",
            resourceType="CALL_RECORDINGS",
            storageConfig={
                "storageType": "S3",
                "s3Config": {
                    "bucketName": "ledger-call-recordings",
                    "bucketPrefix": "recordings",
                    "encryptionConfig": {"encryptionType": "KMS", "keyId": KMS},
                },
            },
        )

    return build


# Violates: the GDPR contact centre's call recordings go to a bucket in N. Virginia.
case("aws-connect-recordings-us", AWS_COPIES, "DENY", AWS_DOC["connect-storage"])(connect_recordings("us-east-1"))
# Complies: the recordings bucket is in Frankfurt.
case("aws-connect-recordings-de", AWS_COPIES, cite=AWS_DOC["connect-storage"])(connect_recordings("eu-central-1"))


def bedrock_agent(model: str) -> Build:
    """A GDPR Bedrock agent (Frankfurt) answering customers' questions, whose model is an inference
    profile: a geographic or global profile routes each request to any Region of its set."""

    def build(s: Stack) -> None:
        put(
            s,
            "aws:bedrock/agentAgent:AgentAgent",
            "ledger-assistant",
            aws(s, "eu-central-1"),
            agentName="ledger-assistant",
            agentResourceRoleArn=f"arn:aws:iam::{ACCOUNT}:role/bedrock-agent",
            foundationModel=model,
            instruction="Answer questions about the customer's own ledger entries only.",
            idleSessionTtlInSeconds=600,
            customerEncryptionKeyArn=f"arn:aws:kms:eu-central-1:{ACCOUNT}:key/3b4c5d6e-7f80-4192-a3b4-c5d6e7f80910",
            tags=GDPR,
        )

    return build


# Violates: a global cross-Region inference profile sends prompts (customer data) to any commercial Region.
case("aws-bedrock-agent-global-profile", AWS_COPIES, "DENY", AWS_DOC["bedrock-cris"])(
    bedrock_agent("global.anthropic.claude-sonnet-4-20250514-v1:0")
)
# Complies: the EU profile routes only to EU Regions (Frankfurt, Ireland, Paris, Stockholm, Milan, Spain).
case("aws-bedrock-agent-eu-profile", AWS_COPIES, cite=AWS_DOC["bedrock-cris"])(
    bedrock_agent("eu.anthropic.claude-3-7-sonnet-20250219-v1:0")
)


# ============================================================================ GCP: copies
GCP_DOC = {
    "dataproc-staging": "https://cloud.google.com/dataproc/docs/concepts/configuring-clusters/staging-bucket",
    "vertex-logging": "https://cloud.google.com/vertex-ai/docs/predictions/online-prediction-logging",
    "fhir-bigquery": "https://cloud.google.com/healthcare-api/docs/how-tos/fhir-bigquery-streaming",
    "dead-letter": "https://cloud.google.com/pubsub/docs/handling-failures#dead_letter_topic",
    "kms-locations": "https://cloud.google.com/kms/docs/locations",
    "build-logs": "https://cloud.google.com/build/docs/securing-builds/store-manage-build-logs",
}


def dataproc(staging_location: str, service_account: Any = f"dataproc@{PROJECT}.iam.gserviceaccount.com") -> Build:
    """A GDPR Dataproc cluster (Frankfurt) whose staging bucket (job dependencies, driver output, history
    files) is a bucket of this stack."""

    def build(s: Stack) -> None:
        bucket = gcs_bucket(s, "ledger-dataproc-staging", staging_location)
        put(
            s,
            "gcp:dataproc/cluster:Cluster",
            "ledger-spark",
            gcp(s),
            deps=[bucket],
            name="ledger-spark",
            region="europe-west3",
            labels=GDPR,
            clusterConfig={
                "stagingBucket": "ledger-dataproc-staging",
                "gceClusterConfig": {
                    "zone": "europe-west3-a",
                    "internalIpOnly": True,
                    "serviceAccount": service_account,
                },
                "masterConfig": {"numInstances": 1, "machineType": "n2-standard-4"},
            },
        )

    return build


# Violates: the cluster's staging bucket (driver output with job results) is in the US multi-region.
case("gcp-dataproc-staging-us", GCP_COPIES, "DENY", GCP_DOC["dataproc-staging"])(dataproc("US"))
# Complies: the staging bucket is in Frankfurt.
case("gcp-dataproc-staging-de", GCP_COPIES, cite=GCP_DOC["dataproc-staging"])(dataproc("EUROPE-WEST3"))


def vertex_logging(dataset_location: str) -> Build:
    """A GDPR Vertex AI endpoint (Frankfurt) logging every prediction request and response to BigQuery
    dataset vertex_logs of this stack."""

    def build(s: Stack) -> None:
        dataset = bq_dataset(s, "vertex_logs", dataset_location)
        put(
            s,
            "gcp:vertex/aiEndpoint:AiEndpoint",
            "ledger-scoring",
            gcp(s),
            deps=[dataset],
            name="ledger-scoring",
            displayName="ledger-scoring",
            location="europe-west3",
            region="europe-west3",
            labels=GDPR,
            predictRequestResponseLoggingConfig={
                "enabled": True,
                "samplingRate": 1.0,
                "bigqueryDestination": {"outputUri": f"bq://{PROJECT}.vertex_logs"},
            },
        )

    return build


# Violates: prediction requests and responses are logged into a dataset in the US multi-region.
case("gcp-vertex-request-logging-us", GCP_COPIES, "DENY", GCP_DOC["vertex-logging"])(vertex_logging("US"))
# Complies: the logging dataset is in the EU multi-region.
case("gcp-vertex-request-logging-eu", GCP_COPIES, cite=GCP_DOC["vertex-logging"])(vertex_logging("EU"))


def fhir_stream(dataset_uri: str, dataset_location: str | None, notification: Any = None) -> Build:
    """A GDPR FHIR store (patients' records, Healthcare dataset in Frankfurt) streaming every resource
    change into BigQuery."""

    def build(s: Stack) -> None:
        deps = []
        if dataset_location is not None:
            deps.append(bq_dataset(s, "fhir_analytics", dataset_location))
        path = f"projects/{PROJECT}/locations/europe-west3/datasets/clinic"
        deps.append(
            put(
                s,
                "gcp:healthcare/dataset:Dataset",
                "clinic",
                gcp(s),
                name="clinic",
                location="europe-west3",
                timeZone="Europe/Berlin",
                known={"id": path},
            )
        )
        store: dict[str, Any] = {
            "name": "patients",
            "dataset": path,
            "version": "R4",
            "enableUpdateCreate": False,
            "disableReferentialIntegrity": False,
            "labels": GDPR,
            "streamConfigs": [
                {
                    "resourceTypes": ["Patient", "Observation", "Encounter"],
                    "bigqueryDestination": {
                        "datasetUri": dataset_uri,
                        "schemaConfig": {"recursiveStructureDepth": 3, "schemaType": "ANALYTICS_V2"},
                    },
                }
            ],
        }
        if notification is not None:
            store["notificationConfigs"] = [{"pubsubTopic": notification}]
        put(s, "gcp:healthcare/fhirStore:FhirStore", "patients", gcp(s), deps=deps, **store)

    return build


# Violates: patient records stream into a BigQuery dataset of this stack in the US multi-region.
case("gcp-fhir-bigquery-stream-us", GCP_COPIES, "DENY", GCP_DOC["fhir-bigquery"])(
    fhir_stream(f"bq://{PROJECT}.fhir_analytics", "US")
)
# Complies: the dataset is in Frankfurt.
case("gcp-fhir-bigquery-stream-de", GCP_COPIES, cite=GCP_DOC["fhir-bigquery"])(
    fhir_stream(f"bq://{PROJECT}.fhir_analytics", "europe-west3")
)


def dead_letter(regions: list[str]) -> Build:
    """A GDPR subscription whose undeliverable messages are forwarded to a dead-letter topic of this stack
    that persists messages in ``regions``."""

    def build(s: Stack) -> None:
        topic_path = f"projects/{PROJECT}/topics/payments"
        dlq_path = f"projects/{PROJECT}/topics/payments-dead-letter"
        topic = put(
            s,
            "gcp:pubsub/topic:Topic",
            "payments",
            gcp(s),
            name="payments",
            labels=GDPR,
            messageStoragePolicy={"allowedPersistenceRegions": ["europe-west3"]},
            known={"id": topic_path},
        )
        dlq = put(
            s,
            "gcp:pubsub/topic:Topic",
            "payments-dead-letter",
            gcp(s),
            name="payments-dead-letter",
            messageStoragePolicy={"allowedPersistenceRegions": regions},
            known={"id": dlq_path},
        )
        put(
            s,
            "gcp:pubsub/subscription:Subscription",
            "payments-settlement",
            gcp(s),
            deps=[topic, dlq],
            name="payments-settlement",
            topic=topic_path,
            labels=GDPR,
            ackDeadlineSeconds=60,
            deadLetterPolicy={"deadLetterTopic": dlq_path, "maxDeliveryAttempts": 10},
        )

    return build


# Violates: messages the settlement service cannot process are republished to a topic stored in Iowa.
case("gcp-pubsub-dead-letter-us", GCP_COPIES, "DENY", GCP_DOC["dead-letter"])(dead_letter(["us-central1"]))
# Complies: the dead-letter topic stores its messages in Frankfurt and Belgium.
case("gcp-pubsub-dead-letter-eu", GCP_COPIES, cite=GCP_DOC["dead-letter"])(
    dead_letter(["europe-west3", "europe-west1"])
)


def key_ring(location: str) -> Build:
    """A GDPR stack's Cloud KMS key ring and the key that encrypts the ledger (key material is kept where
    the key ring is)."""

    def build(s: Stack) -> None:
        path = f"projects/{PROJECT}/locations/{location}/keyRings/ledger"
        ring = put(s, "gcp:kms/keyRing:KeyRing", "ledger", gcp(s), name="ledger", location=location, known={"id": path})
        put(
            s,
            "gcp:kms/cryptoKey:CryptoKey",
            "ledger-data",
            gcp(s),
            deps=[ring],
            name="ledger-data",
            keyRing=path,
            purpose="ENCRYPT_DECRYPT",
            rotationPeriod="7776000s",
            labels=GDPR,
        )

    return build


# Violates: a key ring in "global" is served from Google data centres worldwide, in no one country.
case("gcp-kms-key-ring-global", GCP_COPIES, "DENY", GCP_DOC["kms-locations"], config=GDPR_STACK)(key_ring("global"))
# Complies: the key ring is in Frankfurt.
case("gcp-kms-key-ring-de", GCP_COPIES, cite=GCP_DOC["kms-locations"], config=GDPR_STACK)(key_ring("europe-west3"))


def build_trigger(location: str | None, logs_bucket_location: str | None) -> Build:
    """A GDPR stack's Cloud Build trigger that runs the ledger's data-migration build; its logs (which
    echo migrated rows) go to the logs bucket named in the build, a bucket of this stack."""

    def build(s: Stack) -> None:
        deps = []
        build_: dict[str, Any] = {
            "steps": [{"name": "gcr.io/cloud-builders/gcloud", "args": ["builds", "submit", "--config=migrate.yaml"]}],
            "options": {"logging": "GCS_ONLY"},
        }
        if logs_bucket_location is not None:
            deps.append(gcs_bucket(s, "ledger-build-logs", logs_bucket_location))
            build_["logsBucket"] = "gs://ledger-build-logs"
        inputs: dict[str, Any] = {
            "name": "ledger-migrate",
            "serviceAccount": f"projects/{PROJECT}/serviceAccounts/builder@{PROJECT}.iam.gserviceaccount.com",
            "github": {"owner": "acme", "name": "ledger", "push": {"branch": "^main$"}},
            "build": build_,
        }
        if location is not None:
            inputs["location"] = location
        put(s, "gcp:cloudbuild/trigger:Trigger", "ledger-migrate", gcp(s), deps=deps, **inputs)

    return build


# Violates: the regional trigger's build logs go to a bucket in the US multi-region.
case("gcp-build-logs-bucket-us", GCP_COPIES, "DENY", GCP_DOC["build-logs"], config=GDPR_STACK)(
    build_trigger("europe-west3", "US")
)
# Complies: the logs bucket is in Frankfurt, like the trigger.
case("gcp-build-logs-bucket-de", GCP_COPIES, cite=GCP_DOC["build-logs"], config=GDPR_STACK)(
    build_trigger("europe-west3", "EUROPE-WEST3")
)


# ============================================================================ Azure: copies
AZ_DOC = {
    "redundancy": "https://learn.microsoft.com/en-us/azure/storage/common/storage-redundancy",
    "pairs": "https://learn.microsoft.com/en-us/azure/reliability/cross-region-replication-azure",
    "synapse-lake": "https://learn.microsoft.com/en-us/azure/synapse-analytics/quickstart-create-workspace",
    "appinsights-workspace": "https://learn.microsoft.com/en-us/azure/azure-monitor/app/create-workspace-resource",
    "openai-types": "https://learn.microsoft.com/en-us/azure/ai-foundry/openai/how-to/deployment-types",
    "webapp-backup": "https://learn.microsoft.com/en-us/azure/app-service/manage-backup",
    "aml-storage": "https://learn.microsoft.com/en-us/azure/machine-learning/concept-workspace#associated-resources",
    "acs-data-location": "https://learn.microsoft.com/en-us/azure/communication-services/concepts/privacy",
}


def geo_account(location: str, tags: dict[str, str], sku: str, kms_key: Any = None) -> Build:
    def build(s: Stack) -> None:
        storage_account(s, "ledgerarchive", location, tags, sku={"name": sku})
        if kms_key is not None:
            account = _find(s, s.urn("azure-native:storage:StorageAccount", "ledgerarchive"))
            encryption = {
                "keySource": "Microsoft.Keyvault",
                "keyVaultProperties": {"keyName": kms_key, "keyVaultUri": "https://ledger-kv.vault.azure.net/"},
                "services": {"blob": {"enabled": True, "keyType": "Account"}},
            }
            account.inputs = {**account.inputs, "encryption": encryption}
            account.outputs = {**account.outputs, "encryption": encryption}

    return build


# Violates: a Hong Kong-only account in East Asia with RA-GZRS is copied to its pair, Southeast Asia
# (Singapore).
case("az-storage-ragzrs-hong-kong", AZURE_COPIES, "DENY", AZ_DOC["pairs"], config=HK_CONFIG)(
    geo_account("eastasia", HK_TAG, "Standard_RAGZRS")
)
# Complies: a Japan-only account in Japan East with RA-GRS is copied to its pair, Japan West.
case("az-storage-ragrs-japan", AZURE_COPIES, cite=AZ_DOC["pairs"], config=JP_CONFIG)(
    geo_account("japaneast", JP_TAG, "Standard_RAGRS")
)


def synapse(lake_location: str) -> Build:
    """A GDPR Synapse workspace (West Europe) whose primary Data Lake Storage Gen2 account (where its
    tables and Spark data are stored) is an account of this stack."""

    def build(s: Stack) -> None:
        lake = storage_account(s, "ledgerlake", lake_location, None)
        account = _find(s, lake)
        endpoints = {"dfs": "https://ledgerlake.dfs.core.windows.net/"}
        account.inputs = {**account.inputs, "isHnsEnabled": True}
        account.outputs = {**account.outputs, "isHnsEnabled": True, "primaryEndpoints": endpoints}
        workspace = az(
            s,
            "azure-native:synapse:Workspace",
            "ledger-synapse",
            "westeurope",
            GDPR,
            "Microsoft.Synapse/workspaces/ledger-synapse",
            workspaceName="ledger-synapse",
            identity={"type": "SystemAssigned"},
            azureADOnlyAuthentication=True,
            publicNetworkAccess="Disabled",
            defaultDataLakeStorage={
                "accountUrl": "https://ledgerlake.dfs.core.windows.net",
                "filesystem": "ledger",
                "resourceId": f"{RG}/Microsoft.Storage/storageAccounts/ledgerlake",
            },
        )
        _find(s, workspace).dependencies = [lake]

    return build


# Violates: the workspace's primary lake is an account in East US.
case("az-synapse-primary-lake-us", AZURE_COPIES, "DENY", AZ_DOC["synapse-lake"])(synapse("eastus"))
# Complies: the lake account is in West Europe.
case("az-synapse-primary-lake-nl", AZURE_COPIES, cite=AZ_DOC["synapse-lake"])(synapse("westeurope"))


def app_insights(workspace_location: str, sampling: Any = 100) -> Build:
    """A GDPR workspace-based Application Insights component (West Europe): its telemetry (requests with
    their URLs and users) is stored in the Log Analytics workspace it names, a workspace of this stack."""

    def build(s: Stack) -> None:
        ws = az(
            s,
            "azure-native:operationalinsights:Workspace",
            "apps-law",
            workspace_location,
            None,
            "Microsoft.OperationalInsights/workspaces/apps-law",
            workspaceName="apps-law",
            sku={"name": "PerGB2018"},
            retentionInDays=90,
        )
        component = az(
            s,
            "azure-native:applicationinsights:Component",
            "ledger-web-ai",
            "westeurope",
            GDPR,
            "Microsoft.Insights/components/ledger-web-ai",
            resourceName="ledger-web-ai",
            kind="web",
            applicationType="web",
            ingestionMode="LogAnalytics",
            disableLocalAuth=True,
            samplingPercentage=sampling,
            workspaceResourceId=f"{RG}/Microsoft.OperationalInsights/workspaces/apps-law",
        )
        _find(s, component).dependencies = [ws]

    return build


# Violates: the GDPR application's telemetry lands in a workspace in East US.
case("az-app-insights-workspace-us", AZURE_COPIES, "DENY", AZ_DOC["appinsights-workspace"])(app_insights("eastus"))
# Complies: the workspace is in West Europe.
case("az-app-insights-workspace-nl", AZURE_COPIES, cite=AZ_DOC["appinsights-workspace"])(app_insights("westeurope"))


def openai(sku: str) -> Build:
    """A GDPR Azure OpenAI account (Sweden Central) and a model deployment of type ``sku``."""

    def build(s: Stack) -> None:
        account = az(
            s,
            "azure-native:cognitiveservices:Account",
            "ledger-openai",
            "swedencentral",
            GDPR,
            "Microsoft.CognitiveServices/accounts/ledger-openai",
            accountName="ledger-openai",
            kind="OpenAI",
            sku={"name": "S0"},
            properties={"customSubDomainName": "ledger-openai", "publicNetworkAccess": "Disabled"},
        )
        put(
            s,
            "azure-native:cognitiveservices:Deployment",
            "ledger-gpt",
            azure(s, "swedencentral"),
            deps=[account],
            resourceGroupName="ledger",
            accountName="ledger-openai",
            deploymentName="ledger-gpt",
            sku={"name": sku, "capacity": 50},
            properties={"model": {"format": "OpenAI", "name": "gpt-4o", "version": "2024-11-20"}},
        )

    return build


# Violates: a Global Standard deployment may process prompts (customer data) in any Azure region.
case("az-openai-global-standard", AZURE_COPIES, "DENY", AZ_DOC["openai-types"])(openai("GlobalStandard"))
# Complies: a Data Zone Standard deployment of an EU account processes prompts inside the EU data zone.
case("az-openai-data-zone-eu", AZURE_COPIES, cite=AZ_DOC["openai-types"])(openai("DataZoneStandard"))


def webapp_backup(account_location: str) -> Build:
    """A GDPR App Service app (West Europe) backed up with its database into a container of an account
    of this stack, named by its blob URL."""

    def build(s: Stack) -> None:
        plan = az(
            s,
            "azure-native:web:AppServicePlan",
            "ledger-plan",
            "westeurope",
            GDPR,
            "Microsoft.Web/serverfarms/ledger-plan",
            name="ledger-plan",
            kind="linux",
            reserved=True,
            sku={"name": "P1v3", "tier": "PremiumV3"},
        )
        app = az(
            s,
            "azure-native:web:WebApp",
            "ledger-portal",
            "westeurope",
            GDPR,
            "Microsoft.Web/sites/ledger-portal",
            name="ledger-portal",
            serverFarmId=f"{RG}/Microsoft.Web/serverfarms/ledger-plan",
            httpsOnly=True,
            publicNetworkAccess="Disabled",
        )
        account = storage_account(s, "ledgerappbackups", account_location, None)
        backup_account = _find(s, account)
        endpoints = {"blob": "https://ledgerappbackups.blob.core.windows.net/"}
        backup_account.outputs = {**backup_account.outputs, "primaryEndpoints": endpoints}
        put(
            s,
            "azure-native:web:WebAppBackupConfiguration",
            "ledger-portal-backup",
            azure(s),
            deps=[plan, app, account],
            resourceGroupName="ledger",
            name="ledger-portal",
            backupName="nightly",
            enabled=True,
            storageAccountUrl="https://ledgerappbackups.blob.core.windows.net/portal?sv=2024-11-04&sr=c&sp=rwdl&sig=REDACTED",
            backupSchedule={
                "frequencyInterval": 1,
                "frequencyUnit": "Day",
                "keepAtLeastOneBackup": True,
                "retentionPeriodInDays": 30,
            },
        )

    return build


# Violates: the app's backups (content and linked database) go to an account in East US 2.
case("az-webapp-backup-us", AZURE_COPIES, "DENY", AZ_DOC["webapp-backup"])(webapp_backup("eastus2"))
# Complies: the backup account is in West Europe.
case("az-webapp-backup-nl", AZURE_COPIES, cite=AZ_DOC["webapp-backup"])(webapp_backup("westeurope"))


def ml_workspace(account_location: str) -> Build:
    """A GDPR Azure Machine Learning workspace (North Europe) whose associated storage account (datasets,
    job outputs, models) is an account of this stack."""

    def build(s: Stack) -> None:
        account = storage_account(s, "ledgermlstore", account_location, None)
        ws = az(
            s,
            "azure-native:machinelearningservices:Workspace",
            "ledger-ml",
            "northeurope",
            GDPR,
            "Microsoft.MachineLearningServices/workspaces/ledger-ml",
            workspaceName="ledger-ml",
            identity={"type": "SystemAssigned"},
            sku={"name": "Basic", "tier": "Basic"},
            storageAccount=f"{RG}/Microsoft.Storage/storageAccounts/ledgermlstore",
            keyVault=f"{RG}/Microsoft.KeyVault/vaults/ledger-ml-kv",
            publicNetworkAccess="Disabled",
        )
        _find(s, ws).dependencies = [account]

    return build


# Violates: the workspace's storage account (its datasets and models) is in West US 2.
case("az-ml-workspace-storage-us", AZURE_COPIES, "DENY", AZ_DOC["aml-storage"])(ml_workspace("westus2"))
# Complies: the storage account is in North Europe.
case("az-ml-workspace-storage-ie", AZURE_COPIES, cite=AZ_DOC["aml-storage"])(ml_workspace("northeurope"))


def communication(data_location: Any) -> Build:
    """A GDPR Communication Services resource: its location is always "global"; where chat threads,
    messages and recordings are kept at rest is its data location."""

    def build(s: Stack) -> None:
        az(
            s,
            "azure-native:communication:CommunicationService",
            "ledger-acs",
            "global",
            GDPR,
            "Microsoft.Communication/communicationServices/ledger-acs",
            communicationServiceName="ledger-acs",
            dataLocation=data_location,
            disableLocalAuth=True,
        )

    return build


# Violates: the resource's data is stored at rest in the United States.
case("az-communication-data-location-us", AZURE_COPIES, "DENY", AZ_DOC["acs-data-location"])(
    communication("United States")
)
# Complies: its data is stored at rest in Germany.
case("az-communication-data-location-de", AZURE_COPIES, cite=AZ_DOC["acs-data-location"])(communication("Germany"))


def run_regions(regions: list[str], image: Any = "europe-docker.pkg.dev/ledger-prod/app/portal:2.3.0") -> Build:
    """A GDPR Cloud Run service (Frankfurt) deployed as a multi-region service: Cloud Run runs a copy of
    it, serving customers' requests, in every region listed."""

    def build(s: Stack) -> None:
        put(
            s,
            "gcp:cloudrunv2/service:Service",
            "portal",
            gcp(s),
            name="portal",
            location="europe-west3",
            labels=GDPR,
            ingress="INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER",
            multiRegionSettings={"regions": regions},
            template={"containers": [{"image": image}]},
        )

    return build


RUN_DOC = "https://cloud.google.com/run/docs/multiple-regions"
# Violates: the multi-region service also runs in South Carolina.
case("gcp-run-multi-region-us", GCP_COPIES, "DENY", RUN_DOC)(run_regions(["europe-west3", "us-east1"]))
# Complies: it runs in Frankfurt and the Netherlands.
case("gcp-run-multi-region-eu", GCP_COPIES, cite=RUN_DOC)(run_regions(["europe-west3", "europe-west4"]))


# ============================================================================ destinations outside
OUT_DOC = {
    "tasks-http": "https://cloud.google.com/tasks/docs/creating-http-target-tasks",
    "transfer-connector": "https://docs.aws.amazon.com/transfer/latest/userguide/configure-sftp-connector.html",
    "redshift-share": "https://docs.aws.amazon.com/redshift/latest/dg/across-account.html",
    "file-sync": "https://learn.microsoft.com/en-us/azure/storage/file-sync/file-sync-server-endpoint-create",
    "la-export": "https://learn.microsoft.com/en-us/azure/azure-monitor/logs/logs-data-export",
    "fhir-bigquery": GCP_DOC["fhir-bigquery"],
    "ses-s3": AWS_DOC["ses-s3"],
}
RUN_HOST = "ingest-7x2k4q-ey.a.run.app"


def tasks_queue(host: str, service_account: Any = f"tasks@{PROJECT}.iam.gserviceaccount.com") -> Build:
    """A GDPR stack's Cloud Tasks queue (Frankfurt) whose HTTP target override sends every task (with its
    payload: invoices to settle) to ``host``; the stack also runs a Cloud Run service in Frankfurt."""

    def build(s: Stack) -> None:
        svc = put(
            s,
            "gcp:cloudrunv2/service:Service",
            "ingest",
            gcp(s),
            name="ingest",
            location="europe-west3",
            ingress="INGRESS_TRAFFIC_ALL",
            template={"containers": [{"image": "europe-docker.pkg.dev/ledger-prod/app/ingest:1.4.2"}]},
            known={"uri": f"https://{RUN_HOST}", "urls": [f"https://{RUN_HOST}"]},
        )
        put(
            s,
            "gcp:cloudtasks/queue:Queue",
            "settlements",
            gcp(s),
            deps=[svc],
            name="settlements",
            location="europe-west3",
            httpTarget={
                "httpMethod": "POST",
                "uriOverride": {"scheme": "HTTPS", "host": host, "pathOverride": {"path": "/tasks/settle"}},
                "oidcToken": {"serviceAccountEmail": service_account},
            },
        )

    return build


# Violates: every task is delivered to a partner's host outside the cloud.
case("gcp-tasks-http-target-external", OUTSIDE, "DENY", OUT_DOC["tasks-http"], config=GDPR_STACK)(
    tasks_queue("hooks.billing-partner.example.com")
)
# Complies: the host is the stack's own Cloud Run service in Frankfurt.
case("gcp-tasks-http-target-own-run", OUTSIDE, cite=OUT_DOC["tasks-http"], config=GDPR_STACK)(tasks_queue(RUN_HOST))

SFTP_SERVER = "s-0a1b2c3d4e5f60718"


def transfer_connector(url: str, logging_role: Any = ROLE) -> Build:
    """A GDPR stack's Transfer Family SFTP connector (Ireland): StartFileTransfer sends files of the
    stack's buckets to the server at ``url``. The stack also runs a Transfer Family server in Ireland."""

    def build(s: Stack) -> None:
        server = put(
            s,
            "aws:transfer/server:Server",
            "partner-drop",
            aws(s),
            protocols=["SFTP"],
            identityProviderType="SERVICE_MANAGED",
            domain="S3",
            endpointType="PUBLIC",
            known={
                "id": SFTP_SERVER,
                "arn": f"arn:aws:transfer:eu-west-1:{ACCOUNT}:server/{SFTP_SERVER}",
                "endpoint": f"{SFTP_SERVER}.server.transfer.eu-west-1.amazonaws.com",
            },
        )
        put(
            s,
            "aws:transfer/connector:Connector",
            "payroll-out",
            aws(s),
            deps=[server],
            url=url,
            accessRole=ROLE,
            loggingRole=logging_role,
            sftpConfig={
                "trustedHostKeys": ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx0ZWRnZXItaG9zdC1rZXktcGxhY2Vob2xkZXI"],
                "userSecretId": f"arn:aws:secretsmanager:eu-west-1:{ACCOUNT}:secret:payroll-sftp-a1b2c3",
            },
        )

    return build


# Violates: the connector sends payroll files to a partner's SFTP server outside the cloud.
case("aws-transfer-connector-external", OUTSIDE, "DENY", OUT_DOC["transfer-connector"], config=GDPR_STACK)(
    transfer_connector("sftp://files.payroll-partner.example.com")
)
# Complies: the connector's server is the stack's own Transfer Family server in Ireland (its endpoint URL
# names the Region).
case("aws-transfer-connector-own-server", OUTSIDE, cite=OUT_DOC["transfer-connector"], config=GDPR_STACK)(
    transfer_connector(f"sftp://{SFTP_SERVER}.server.transfer.eu-west-1.amazonaws.com")
)


def redshift_share(s: Stack) -> None:
    namespace = "0f1e2d3c-4b5a-4697-8a9b-0c1d2e3f4a5b"
    dw = put(
        s,
        "aws:redshift/cluster:Cluster",
        "ledger-dw",
        aws(s),
        clusterIdentifier="ledger-dw",
        nodeType="ra3.xlplus",
        numberOfNodes=2,
        encrypted=True,
        manageMasterPassword=True,
        masterUsername="ledger",
        tags=GDPR,
        known={"clusterNamespaceArn": f"arn:aws:redshift:eu-west-1:{ACCOUNT}:namespace:{namespace}"},
    )
    put(
        s,
        "aws:redshift/dataShareAuthorization:DataShareAuthorization",
        "ledger-share-partner",
        aws(s),
        deps=[dw],
        dataShareArn=f"arn:aws:redshift:eu-west-1:{ACCOUNT}:datashare:{namespace}/ledger_share",
        consumerIdentifier=PARTNER,
    )


# Violates: the GDPR warehouse's data share is authorized to another account, which may consume it from a
# cluster in any Region.
case("aws-redshift-datashare-other-account", OUTSIDE, "DENY", OUT_DOC["redshift-share"])(redshift_share)


def file_sync(s: Stack) -> None:
    storage_account(s, "ledgershares", "westeurope", GDPR)
    service = az(
        s,
        "azure-native:storagesync:StorageSyncService",
        "ledger-sync",
        "westeurope",
        GDPR,
        "Microsoft.StorageSync/storageSyncServices/ledger-sync",
        storageSyncServiceName="ledger-sync",
        incomingTrafficPolicy="AllowVirtualNetworksOnly",
    )
    common = {"resourceGroupName": "ledger", "storageSyncServiceName": "ledger-sync", "syncGroupName": "finance"}
    group = put(s, "azure-native:storagesync:SyncGroup", "finance", azure(s), deps=[service], **common)
    put(
        s,
        "azure-native:storagesync:CloudEndpoint",
        "finance-cloud",
        azure(s),
        deps=[group],
        cloudEndpointName="finance-cloud",
        azureFileShareName="finance",
        storageAccountResourceId=f"{RG}/Microsoft.Storage/storageAccounts/ledgershares",
        storageAccountTenantId="0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e",
        **common,
    )
    put(
        s,
        "azure-native:storagesync:ServerEndpoint",
        "finance-branch",
        azure(s),
        deps=[group],
        serverEndpointName="finance-branch",
        serverLocalPath="D:\\Finance",
        serverResourceId=f"{RG}/Microsoft.StorageSync/storageSyncServices/ledger-sync/registeredServers/"
        "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9",
        cloudTiering="Off",
        initialDownloadPolicy="NamespaceThenModifiedFiles",
        **common,
    )


# Violates: the sync group copies the GDPR file share onto a registered server (a branch office's
# Windows Server), whose country the stack cannot show.
case("az-file-sync-server-endpoint", OUTSIDE, "DENY", OUT_DOC["file-sync"])(file_sync)


def la_export(destination: str, in_stack_account: bool) -> Build:
    """A GDPR Log Analytics workspace (West Europe) exporting its SigninLogs and AppRequests tables to
    ``destination`` (a resource ID) as the rows arrive."""

    def build(s: Stack) -> None:
        deps = []
        if in_stack_account:
            deps.append(storage_account(s, "ledgerlogarchive", "westeurope", None))
        deps.append(
            az(
                s,
                "azure-native:operationalinsights:Workspace",
                "ledger-law",
                "westeurope",
                GDPR,
                "Microsoft.OperationalInsights/workspaces/ledger-law",
                workspaceName="ledger-law",
                sku={"name": "PerGB2018"},
                retentionInDays=90,
            )
        )
        put(
            s,
            "azure-native:operationalinsights:DataExport",
            "ledger-law-export",
            azure(s),
            deps=deps,
            resourceGroupName="ledger",
            workspaceName="ledger-law",
            dataExportName="archive",
            enable=True,
            tableNames=["SigninLogs", "AppRequests"],
            resourceId=destination,
        )

    return build


OTHER_SUB = "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a"
# Violates: the rows are exported to an event hub namespace of another subscription, outside the stack.
case("az-log-analytics-export-outside", OUTSIDE, "DENY", OUT_DOC["la-export"])(
    la_export(f"/subscriptions/{OTHER_SUB}/resourceGroups/siem/providers/Microsoft.EventHub/namespaces/siem", False)
)
# Complies: they are exported to a storage account of this stack in West Europe.
case("az-log-analytics-export-own-account", OUTSIDE, cite=OUT_DOC["la-export"])(
    la_export(f"{RG}/Microsoft.Storage/storageAccounts/ledgerlogarchive", True)
)
# Violates: patient records stream into a dataset of a research partner's project, not in this stack.
case("gcp-fhir-bigquery-partner-project", OUTSIDE, "DENY", OUT_DOC["fhir-bigquery"])(
    fhir_stream("bq://partner-research.fhir_share", None)
)
# Violates: support e-mails are stored in another account's bucket, which the stack cannot place (S3 names
# carry no Region).
case("aws-ses-receipt-partner-bucket", OUTSIDE, "DENY", OUT_DOC["ses-s3"], config=GDPR_STACK)(
    ses_receipt("partner-mail-archive", None)
)


# ============================================================================ defaults when unset
DEF_DOC = {
    "dataproc-region": "https://www.pulumi.com/registry/packages/gcp/api-docs/dataproc/cluster/",
    "build-trigger": "https://www.pulumi.com/registry/packages/gcp/api-docs/cloudbuild/trigger/",
    "build-locations": "https://cloud.google.com/build/docs/locations",
    "synapse-backups": "https://learn.microsoft.com/en-us/azure/synapse-analytics/sql-data-warehouse/backup-and-restore#geo-backups-and-disaster-recovery",
    "dialogflow-regions": "https://cloud.google.com/dialogflow/es/docs/how/region",
    "dialogflow-cx": "https://cloud.google.com/dialogflow/cx/docs/concept/region",
}


def dataproc_region(region: str | None) -> Build:
    def build(s: Stack) -> None:
        inputs: dict[str, Any] = {
            "name": "ledger-batch",
            "labels": GDPR,
            "clusterConfig": {
                "gceClusterConfig": {"internalIpOnly": True},
                "masterConfig": {"numInstances": 1, "machineType": "n2-standard-4"},
            },
        }
        if region is not None:
            inputs["region"] = region
        put(s, "gcp:dataproc/cluster:Cluster", "ledger-batch", gcp(s), **inputs)

    return build


# Violates: a Dataproc cluster without a region is created in "global" (no zone is named either), which
# places it in no one country.
case("gcp-dataproc-region-default-global", DEFAULTS, "DENY", DEF_DOC["dataproc-region"])(dataproc_region(None))
# Complies: the cluster names Frankfurt.
case("gcp-dataproc-region-de", DEFAULTS, cite=DEF_DOC["dataproc-region"])(dataproc_region("europe-west3"))
# Violates: a Cloud Build trigger without a location is global (the provider's documented default): its
# builds run wherever Cloud Build places them.
case("gcp-build-trigger-location-default", DEFAULTS, "DENY", DEF_DOC["build-trigger"], config=GDPR_STACK)(
    build_trigger(None, "EUROPE-WEST1")
)
# Complies: the trigger (and its logs bucket) are in Belgium.
case("gcp-build-trigger-location-be", DEFAULTS, cite=DEF_DOC["build-locations"], config=GDPR_STACK)(
    build_trigger("europe-west1", "EUROPE-WEST1")
)


def synapse_pool(storage_type: str | None, sku_name: Any = "DW100c") -> Build:
    """An Ireland-only dedicated SQL pool (North Europe) of an Ireland-only Synapse workspace."""

    def build(s: Stack) -> None:
        lake = storage_account(s, "ledgerielake", "northeurope", IE_TAG)
        ws = az(
            s,
            "azure-native:synapse:Workspace",
            "ledger-ie-synapse",
            "northeurope",
            IE_TAG,
            "Microsoft.Synapse/workspaces/ledger-ie-synapse",
            workspaceName="ledger-ie-synapse",
            identity={"type": "SystemAssigned"},
            azureADOnlyAuthentication=True,
            publicNetworkAccess="Disabled",
            defaultDataLakeStorage={
                "accountUrl": "https://ledgerielake.dfs.core.windows.net",
                "filesystem": "ledger",
                "resourceId": f"{RG}/Microsoft.Storage/storageAccounts/ledgerielake",
            },
        )
        _find(s, ws).dependencies = [lake]
        pool: dict[str, Any] = {
            "sqlPoolName": "ledger",
            "workspaceName": "ledger-ie-synapse",
            "sku": {"name": sku_name},
        }
        if storage_type is not None:
            pool["storageAccountType"] = storage_type
        az(
            s,
            "azure-native:synapse:SqlPool",
            "ledger-pool",
            "northeurope",
            IE_TAG,
            "Microsoft.Synapse/workspaces/ledger-ie-synapse/sqlPools/ledger",
            **pool,
        )
        _find(s, s.urn("azure-native:synapse:SqlPool", "ledger-pool")).dependencies = [ws]

    return build


# Violates: a dedicated SQL pool's backup storage type unset is GRS (the SDK and the service default): a
# daily geo-backup is copied to the paired region, West Europe (the Netherlands).
case("az-synapse-pool-default-geo-backup-ireland", DEFAULTS, "DENY", DEF_DOC["synapse-backups"], config=IE_CONFIG)(
    synapse_pool(None)
)
# Complies: locally redundant backup storage keeps the pool's backups in North Europe.
case("az-synapse-pool-lrs-ireland", DEFAULTS, cite=DEF_DOC["synapse-backups"], config=IE_CONFIG)(synapse_pool("LRS"))


def dialogflow_es(s: Stack) -> None:
    put(
        s,
        "gcp:diagflow/agent:Agent",
        "ledger-helpdesk",
        gcp(s),
        displayName="ledger-helpdesk",
        defaultLanguageCode="de",
        timeZone="Europe/Berlin",
        enableLogging=True,
    )


def dialogflow_cx(s: Stack) -> None:
    put(
        s,
        "gcp:diagflow/cxAgent:CxAgent",
        "ledger-helpdesk",
        gcp(s),
        displayName="ledger-helpdesk",
        location="europe-west3",
        defaultLanguageCode="de",
        timeZone="Europe/Berlin",
        enableStackdriverLogging=True,
    )


# Violates: a Dialogflow ES agent has no location input: it is created in the "global" location, whose
# conversation data is stored at rest in the US.
case("gcp-dialogflow-es-agent-global", DEFAULTS, "DENY", DEF_DOC["dialogflow-regions"], config=GDPR_STACK)(
    dialogflow_es
)
# Complies: a Dialogflow CX agent created in Frankfurt.
case("gcp-dialogflow-cx-agent-de", DEFAULTS, cite=DEF_DOC["dialogflow-cx"], config=GDPR_STACK)(dialogflow_cx)


# ============================================================================ Kubernetes operators
OP_DOC = {
    "ack-secret": "https://aws-controllers-k8s.github.io/community/reference/secretsmanager/v1alpha1/secret/",
    "xp-cosmos": "https://marketplace.upbound.io/providers/upbound/provider-azure-cosmosdb/latest/resources/cosmosdb.azure.upbound.io/Account/v1beta1",
    "xp-sql": "https://marketplace.upbound.io/providers/upbound/provider-gcp-sql/latest/resources/sql.gcp.upbound.io/DatabaseInstance/v1beta1",
    "sql-backup-custom": "https://cloud.google.com/sql/docs/postgres/backup-recovery/backups#custom-locations",
    "kcc-log-bucket": "https://cloud.google.com/config-connector/docs/reference/resource-docs/logging/logginglogbucket",
    "kcc-ar": "https://cloud.google.com/config-connector/docs/reference/resource-docs/artifactregistry/artifactregistryrepository",
    "kcc-keyring": "https://cloud.google.com/config-connector/docs/reference/resource-docs/kms/kmskeyring",
    "aso-redis": "https://azure.github.io/azure-service-operator/reference/cache/v1api20230801/",
}


def ack_secret(replica: str, kms: Any = None) -> Obj:
    replica_region: dict[str, Any] = {"region": replica}
    if kms is not None:
        replica_region["kmsKeyID"] = kms
    return custom_resource(
        "secretsmanager.services.k8s.aws/v1alpha1",
        "Secret",
        "acme-db-credentials",
        "acme",
        {"name": "acme/db", "replicaRegions": [replica_region]},
        annotations={"services.k8s.aws/region": "eu-west-1"},
    )


# Violates: the GDPR tenant's ACK secret (Ireland) is replicated to N. Virginia.
case("op-ack-secret-replica-us", OPERATORS, "DENY", OP_DOC["ack-secret"])(on_tenant(ack_secret("us-east-1")))
# Complies: its replica is in Paris.
case("op-ack-secret-replica-fr", OPERATORS, cite=OP_DOC["ack-secret"])(on_tenant(ack_secret("eu-west-3")))


def xp_cosmos(second: str) -> Obj:
    return custom_resource(
        "cosmosdb.azure.upbound.io/v1beta1",
        "Account",
        "acme-orders",
        None,
        {
            "forProvider": {
                "location": "westeurope",
                "resourceGroupName": "acme",
                "offerType": "Standard",
                "kind": "GlobalDocumentDB",
                "consistencyPolicy": [{"consistencyLevel": "Session"}],
                "geoLocation": [
                    {"location": "westeurope", "failoverPriority": 0},
                    {"location": second, "failoverPriority": 1},
                ],
                "tags": GDPR,
            },
            "providerConfigRef": {"name": "default"},
        },
        labels={**GDPR, "fleet-tenant": "acme"},
    )


# Violates: the Crossplane Cosmos DB account replicates to a second region, Canada Central.
case("op-crossplane-cosmos-geo-location-ca", OPERATORS, "DENY", OP_DOC["xp-cosmos"])(
    on_tenant(xp_cosmos("canadacentral"), cloud="azure-native")
)
# Complies: the second region is France Central.
case("op-crossplane-cosmos-geo-location-fr", OPERATORS, cite=OP_DOC["xp-cosmos"])(
    on_tenant(xp_cosmos("francecentral"), cloud="azure-native")
)


def xp_sql(backup_location: str) -> Obj:
    return custom_resource(
        "sql.gcp.upbound.io/v1beta1",
        "DatabaseInstance",
        "acme-ledger-db",
        None,
        {
            "forProvider": {
                "region": "europe-west3",
                "databaseVersion": "POSTGRES_16",
                "deletionProtection": True,
                "settings": [
                    {
                        "tier": "db-custom-2-7680",
                        "userLabels": GDPR,
                        "backupConfiguration": [{"enabled": True, "location": backup_location}],
                    }
                ],
            },
            "providerConfigRef": {"name": "default"},
        },
        labels={**GDPR, "fleet-tenant": "acme"},
    )


# Violates: the Crossplane Cloud SQL instance (Frankfurt) keeps its backups in the us multi-region.
case("op-crossplane-sql-backup-us", OPERATORS, "DENY", OP_DOC["sql-backup-custom"])(
    on_tenant(xp_sql("us"), cloud="gcp")
)
# Complies: its backups are kept in Frankfurt.
case("op-crossplane-sql-backup-de", OPERATORS, cite=OP_DOC["xp-sql"])(on_tenant(xp_sql("europe-west3"), cloud="gcp"))


def kcc(kind: str, group: str, name: str, spec: dict[str, Any]) -> Obj:
    return custom_resource(
        f"{group}.cnrm.cloud.google.com/v1beta1",
        kind,
        name,
        "acme",
        spec,
        annotations={"cnrm.cloud.google.com/project-id": "acme-prod"},
    )


def kcc_log_bucket(location: Any) -> Obj:
    return kcc(
        "LoggingLogBucket",
        "logging",
        "acme-app-logs",
        {"location": location, "retentionDays": 30, "projectRef": {"external": "projects/acme-prod"}},
    )


# Violates: the tenant's Config Connector log bucket (its application logs) is in "global".
case("op-kcc-log-bucket-global", OPERATORS, "DENY", OP_DOC["kcc-log-bucket"])(
    on_tenant(kcc_log_bucket("global"), cloud="gcp")
)
# Complies: the log bucket is in Frankfurt.
case("op-kcc-log-bucket-de", OPERATORS, cite=OP_DOC["kcc-log-bucket"])(
    on_tenant(kcc_log_bucket("europe-west3"), cloud="gcp")
)


def kcc_repository(location: str) -> Obj:
    return kcc(
        "ArtifactRegistryRepository", "artifactregistry", "acme-images", {"location": location, "format": "DOCKER"}
    )


# Violates: the tenant's Config Connector repository (images with its data baked in) is in the us
# multi-region.
case("op-kcc-artifact-registry-us", OPERATORS, "DENY", OP_DOC["kcc-ar"])(on_tenant(kcc_repository("us"), cloud="gcp"))
# Complies: the repository is in Frankfurt.
case("op-kcc-artifact-registry-de", OPERATORS, cite=OP_DOC["kcc-ar"])(
    on_tenant(kcc_repository("europe-west3"), cloud="gcp")
)


def kcc_keyring(location: str) -> Obj:
    return kcc("KMSKeyRing", "kms", "acme-keys", {"location": location})


# Violates: the tenant's Config Connector key ring is in "global" (served worldwide).
case("op-kcc-key-ring-global", OPERATORS, "DENY", OP_DOC["kcc-keyring"])(on_tenant(kcc_keyring("global"), cloud="gcp"))
# Complies: the key ring is in Frankfurt.
case("op-kcc-key-ring-de", OPERATORS, cite=OP_DOC["kcc-keyring"])(on_tenant(kcc_keyring("europe-west3"), cloud="gcp"))


def aso_rg(location: str) -> Obj:
    return custom_resource(
        "resources.azure.com/v1api20200601", "ResourceGroup", "acme-rg", "acme", {"location": location}
    )


def aso_redis(location: str) -> Obj:
    return custom_resource(
        "cache.azure.com/v1api20230801",
        "Redis",
        "acme-sessions",
        "acme",
        {
            "location": location,
            "owner": {"name": "acme-rg"},
            "sku": {"family": "C", "name": "Standard", "capacity": 1},
            "enableNonSslPort": False,
            "minimumTlsVersion": "1.2",
        },
    )


# Violates: the tenant's ASO cache (sessions) is in Brazil South, though its resource group is in West
# Europe (the object's own location decides).
case("op-aso-redis-brazil", OPERATORS, "DENY", OP_DOC["aso-redis"])(
    on_tenant(aso_rg("westeurope"), aso_redis("brazilsouth"), cloud="azure-native")
)
# Complies: the cache is in West Europe.
case("op-aso-redis-nl", OPERATORS, cite=OP_DOC["aso-redis"])(
    on_tenant(aso_rg("westeurope"), aso_redis("westeurope"), cloud="azure-native")
)


# ============================================================================ cloud guardrails
GRD_DOC = {
    "scp-region": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html",
    "scp-syntax": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_syntax.html",
    "scp-eval": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html",
    "rcp": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html",
    "condition-operators": "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String",
    "gcp-reset": "https://cloud.google.com/resource-manager/docs/organization-policy/creating-managing-policies#restoring-default",
    "gcp-locations": "https://cloud.google.com/resource-manager/docs/organization-policy/defining-locations",
    "gcp-hierarchy": "https://cloud.google.com/resource-manager/docs/organization-policy/understanding-hierarchy",
    "az-scope": "https://learn.microsoft.com/en-us/azure/governance/policy/concepts/scope",
    "az-exemption": "https://learn.microsoft.com/en-us/azure/governance/policy/concepts/exemption-structure",
    "az-assignment": "https://learn.microsoft.com/en-us/azure/governance/policy/concepts/assignment-structure",
}
AKS_LOC = "azure-native:authorization:PolicyAssignment"


def scp_with(condition: dict[str, Any] | None = None, **statement: Any) -> str:
    """The documented region-deny SCP with its statement changed."""
    base = json.loads(scp())
    first = {**base["Statement"][0], **statement}
    if condition is not None:
        first["Condition"] = condition
    return json.dumps({**base, "Statement": [first]})


# Violates: StringEquals instead of StringNotEquals: the SCP denies the EEA regions and allows the rest.
case("grd-aws-scp-inverted-operator", GUARDRAILS, "DENY", GRD_DOC["scp-region"])(
    eks_guarded(scp_with({"StringEquals": {"aws:RequestedRegion": GDPR_AWS}}))
)
# Violates: the deny covers only S3 resources; a database or a cluster may be created in any region.
case("grd-aws-scp-resource-s3-only", GUARDRAILS, "DENY", GRD_DOC["scp-syntax"])(
    eks_guarded(scp_with(Resource=["arn:aws:s3:::*", "arn:aws:s3:::*/*"]))
)
# Violates: the document is attached as a resource control policy, which limits access to resources, not
# the Regions the account's principals create them in.
case("grd-aws-rcp-not-scp", GUARDRAILS, "DENY", GRD_DOC["rcp"])(eks_guarded(policy_type="RESOURCE_CONTROL_POLICY"))
# Violates: the attachment attaches another policy (p-fullaws00) to the account; the region deny is
# attached nowhere.
case("grd-aws-attachment-other-policy", GUARDRAILS, "DENY", GRD_DOC["scp-eval"])(
    retouch(
        eks_guarded(),
        "aws:organizations/policyAttachment:PolicyAttachment",
        "eea-scp-attachment",
        policyId="p-fullaws00",
    )
)
# Complies: the same operator ignoring case (aws:RequestedRegion values are lower case anyway).
case("grd-aws-scp-ignore-case-operator", GUARDRAILS, cite=GRD_DOC["condition-operators"])(
    eks_guarded(scp_with({"StringNotEqualsIgnoreCase": {"aws:RequestedRegion": GDPR_AWS}}))
)


def with_full_access(s: Stack) -> None:
    eks_guarded()(s)
    org = s.urn("pulumi:providers:aws", "org")
    full = put(
        s,
        "aws:organizations/policy:Policy",
        "full-access",
        org,
        name="allow-all",
        type="SERVICE_CONTROL_POLICY",
        content=json.dumps(
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
        ),
        tags={"fleet-residency": "none"},
        known={"id": "p-fullaws00"},
    )
    put(
        s,
        "aws:organizations/policyAttachment:PolicyAttachment",
        "full-access-attachment",
        org,
        deps=[full],
        policyId="p-fullaws00",
        targetId=ACCOUNT,
    )


# Complies: an Allow-everything SCP attached beside the region deny; an explicit deny in any SCP wins.
case("grd-aws-scp-plus-allow-all", GUARDRAILS, cite=GRD_DOC["scp-eval"])(with_full_access)


def gke(*makers: Callable[[Stack, str], Any]) -> Build:
    """The guarded GDPR GKE cluster with the project's _Default sink taken over (kept in Frankfurt)."""
    return gke_guarded(lambda s, org: default_sink("europe-west3")(s), *makers)


def located_policy(parent: str, spec: dict[str, Any]) -> Callable[[Stack, str], str]:
    def make(s: Stack, org: str) -> str:
        return put(
            s,
            "gcp:orgpolicy/policy:Policy",
            "locations",
            org,
            name=f"{parent}/policies/gcp.resourceLocations",
            parent=parent,
            spec=spec,
        )

    return make


OWN = f"projects/{PROJECT}"
# Violates: the project's policy resets the constraint to its default, which allows every location.
case("grd-gcp-reset", GUARDRAILS, "DENY", GRD_DOC["gcp-reset"])(gke(located_policy(OWN, {"reset": True})))
# Violates: a deny list of the US locations only: Asia, London, Zurich and the rest stay allowed.
case("grd-gcp-denied-us-only", GUARDRAILS, "DENY", GRD_DOC["gcp-locations"])(
    gke(located_policy(OWN, {"inheritFromParent": False, "rules": [{"values": {"deniedValues": ["in:us-locations"]}}]}))
)
# Violates: the policy is set on a sandbox project, not on the cluster's project.
case("grd-gcp-policy-other-project", GUARDRAILS, "DENY", GRD_DOC["gcp-hierarchy"])(
    gke(
        located_policy(
            "projects/ledger-sandbox",
            {"inheritFromParent": False, "rules": [{"values": {"allowedValues": ["in:europe-west3-locations"]}}]},
        )
    )
)
# Complies: individual regions (Frankfurt, the Netherlands) instead of value groups.
case("grd-gcp-individual-regions", GUARDRAILS, cite=GRD_DOC["gcp-locations"])(
    gke(
        located_policy(
            OWN,
            {"inheritFromParent": False, "rules": [{"values": {"allowedValues": ["europe-west3", "europe-west4"]}}]},
        )
    )
)

MG = "/providers/Microsoft.Management/managementGroups/eea-landing-zone"


def on_management_group(s: Stack) -> None:
    aks_guarded()(s)
    for suffix in ("locations", "rg-locations"):
        assignment = _find(s, s.urn(AKS_LOC, f"eea-{suffix}"))
        assignment.inputs = {**assignment.inputs, "scope": MG}
        assignment.outputs = {
            **assignment.outputs,
            "scope": MG,
            "id": f"{MG}/providers/Microsoft.Authorization/policyAssignments/eea-{suffix}",
        }


# Violates: "Allowed locations" is assigned on a management group; the contract asks for the assignment on
# the cluster's subscription (the program cannot see which subscriptions the group holds).
case("grd-azure-management-group-scope", GUARDRAILS, "DENY", GRD_DOC["az-scope"])(on_management_group)
# Violates: a "Mitigated" exemption of the allowed-locations assignment still exempts the subscription.
case("grd-azure-exemption-mitigated", GUARDRAILS, "DENY", GRD_DOC["az-exemption"])(
    retouch(
        aks_guarded(exemption="eea-locations"),
        "azure-native:authorization:PolicyExemption",
        "waiver",
        exemptionCategory="Mitigated",
    )
)
# Violates: an exemption with a resource selector exempts every resource in East US from the assignment:
# resources may be created there.
case("grd-azure-exemption-selector-eastus", GUARDRAILS, "DENY", GRD_DOC["az-exemption"])(
    retouch(
        aks_guarded(exemption="eea-locations"),
        "azure-native:authorization:PolicyExemption",
        "waiver",
        resourceSelectors=[{"name": "eastus-only", "selectors": [{"kind": "resourceLocation", "in": ["eastus"]}]}],
    )
)
# Complies: a non-compliance message changes only what a refused request is told.
case("grd-azure-non-compliance-message", GUARDRAILS, cite=GRD_DOC["az-assignment"])(
    retouch(
        aks_guarded(),
        AKS_LOC,
        "eea-locations",
        nonComplianceMessages=[{"message": "Only EEA regions are allowed in this subscription."}],
    )
)
# Complies: the allowed locations are a subset of the EEA (the Netherlands and Germany West Central).
case("grd-azure-allowed-subset", GUARDRAILS, cite=GRD_DOC["az-assignment"])(
    retouch(
        aks_guarded(),
        AKS_LOC,
        "eea-locations",
        parameters={"listOfAllowedLocations": {"value": ["westeurope", "germanywestcentral"]}},
    )
)


# ============================================================================ unknown at preview
PRE_DOC = {"unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/"}

# Violates: the capture bucket is in Oregon; only the endpoint configuration's KMS key is unknown.
case("pre-sagemaker-capture-us-kms-unknown", PREVIEW, "DENY", AWS_DOC["sagemaker-capture"])(
    sagemaker_capture("us-west-2", kms=UNKNOWN)
)
# Violates: the log bucket is in Ohio; only the cluster's service role is unknown.
case("pre-emr-log-uri-us-role-unknown", PREVIEW, "DENY", AWS_DOC["emr-logs"])(emr_logs("us-east-2", role=UNKNOWN))
# Violates: the staging bucket is in the US; only the cluster's service account is unknown.
case("pre-dataproc-staging-us-account-unknown", PREVIEW, "DENY", GCP_DOC["dataproc-staging"])(
    dataproc("US", service_account=UNKNOWN)
)
# Violates: the telemetry workspace is in East US; only the sampling percentage is unknown.
case("pre-app-insights-us-sampling-unknown", PREVIEW, "DENY", AZ_DOC["appinsights-workspace"])(
    app_insights("eastus", sampling=UNKNOWN)
)
# Violates: RA-GZRS copies the Hong Kong-only account to Singapore; only its key name is unknown.
case("pre-storage-ragzrs-hong-kong-key-unknown", PREVIEW, "DENY", AZ_DOC["pairs"], config=HK_CONFIG)(
    geo_account("eastasia", HK_TAG, "Standard_RAGZRS", kms_key=UNKNOWN)
)
# Violates: the ACK secret is replicated to N. Virginia; only the replica's KMS key is unknown.
case("pre-ack-secret-replica-us-kms-unknown", PREVIEW, "DENY", OP_DOC["ack-secret"])(
    on_tenant(ack_secret("us-east-1", kms=UNKNOWN))
)
# Complies: patient records stream into a dataset in Frankfurt; only the store's notification topic is
# unknown.
case("pre-fhir-bigquery-de-topic-unknown", PREVIEW, cite=GCP_DOC["fhir-bigquery"])(
    fhir_stream(f"bq://{PROJECT}.fhir_analytics", "europe-west3", notification=UNKNOWN)
)
# Complies: the connector's server is the stack's own in Ireland; only its logging role is unknown.
case("pre-transfer-connector-own-server-role-unknown", PREVIEW, cite=OUT_DOC["transfer-connector"], config=GDPR_STACK)(
    transfer_connector(f"sftp://{SFTP_SERVER}.server.transfer.eu-west-1.amazonaws.com", logging_role=UNKNOWN)
)
# Complies: tasks go to the stack's Cloud Run service; only the OIDC service account is unknown.
case("pre-tasks-own-run-account-unknown", PREVIEW, cite=OUT_DOC["tasks-http"], config=GDPR_STACK)(
    tasks_queue(RUN_HOST, service_account=UNKNOWN)
)
# Complies: the Ireland-only pool keeps LRS backups; only its performance level is unknown.
case("pre-synapse-pool-lrs-sku-unknown", PREVIEW, cite=DEF_DOC["synapse-backups"], config=IE_CONFIG)(
    synapse_pool("LRS", sku_name=UNKNOWN)
)
# Complies: the multi-region service runs in Frankfurt and the Netherlands; only its image is unknown.
case("pre-run-multi-region-eu-image-unknown", PREVIEW, cite=RUN_DOC)(
    run_regions(["europe-west3", "europe-west4"], image=UNKNOWN)
)


# ============================================================================ malformed shapes
BAD_DOC = {
    "sagemaker": "https://www.pulumi.com/registry/packages/aws/api-docs/sagemaker/endpointconfiguration/",
    "emr": "https://www.pulumi.com/registry/packages/aws/api-docs/emr/cluster/",
    "dataproc": "https://www.pulumi.com/registry/packages/gcp/api-docs/dataproc/cluster/",
    "appinsights": "https://www.pulumi.com/registry/packages/azure-native/api-docs/applicationinsights/component/",
    "acs": "https://www.pulumi.com/registry/packages/azure-native/api-docs/communication/communicationservice/",
    "scp": "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html",
    "orgpolicy": "https://www.pulumi.com/registry/packages/gcp/api-docs/orgpolicy/policy/",
    "az-parameters": "https://learn.microsoft.com/en-us/azure/governance/policy/concepts/assignment-structure#parameters",
    "kcc-log-bucket": OP_DOC["kcc-log-bucket"],
    "run": "https://www.pulumi.com/registry/packages/gcp/api-docs/cloudrunv2/service/",
}

# Cannot evaluate: the GDPR endpoint configuration's data capture block is a list.
case("bad-sagemaker-capture-list", MALFORMED, "DENY", BAD_DOC["sagemaker"])(
    retouch(
        sagemaker_capture("eu-west-1"),
        "aws:sagemaker/endpointConfiguration:EndpointConfiguration",
        "ledger-scoring",
        dataCaptureConfig=[
            {"destinationS3Uri": "s3://ledger-inference-capture/capture", "initialSamplingPercentage": 100}
        ],
    )
)
# Cannot evaluate: the GDPR cluster's log URI is an object.
case("bad-emr-log-uri-object", MALFORMED, "DENY", BAD_DOC["emr"])(
    retouch(emr_logs("eu-west-1"), "aws:emr/cluster:Cluster", "ledger-etl", logUri={"bucket": "ledger-emr-logs"})
)


def dataproc_staging_list(s: Stack) -> None:
    dataproc("EUROPE-WEST3")(s)
    cluster = _find(s, s.urn("gcp:dataproc/cluster:Cluster", "ledger-spark"))
    cluster.inputs = {
        **cluster.inputs,
        "clusterConfig": {**cluster.inputs["clusterConfig"], "stagingBucket": ["ledger-dataproc-staging"]},
    }


# Cannot evaluate: the GDPR cluster's staging bucket is a list.
case("bad-dataproc-staging-list", MALFORMED, "DENY", BAD_DOC["dataproc"])(dataproc_staging_list)
# Cannot evaluate: the component's workspace is a list of IDs.
case("bad-app-insights-workspace-list", MALFORMED, "DENY", BAD_DOC["appinsights"])(
    retouch(
        app_insights("westeurope"),
        "azure-native:applicationinsights:Component",
        "ledger-web-ai",
        workspaceResourceId=[f"{RG}/Microsoft.OperationalInsights/workspaces/apps-law"],
    )
)
# Cannot evaluate: the Communication Services data location is a list.
case("bad-communication-data-location-list", MALFORMED, "DENY", BAD_DOC["acs"])(communication(["Germany"]))
# Cannot evaluate: the SCP's allowed regions are an object, not a list of strings.
case("bad-scp-regions-object", MALFORMED, "DENY", BAD_DOC["scp"])(
    eks_guarded(scp_with({"StringNotEquals": {"aws:RequestedRegion": {"eea": GDPR_AWS}}}))
)
# Cannot evaluate: the organization policy's rules are an object, not a list.
case("bad-gcp-org-policy-rules-object", MALFORMED, "DENY", BAD_DOC["orgpolicy"])(
    gke(
        located_policy(
            OWN, {"inheritFromParent": False, "rules": {"values": {"allowedValues": ["in:europe-west3-locations"]}}}
        )
    )
)
# Cannot evaluate: the allowed locations are one comma-separated string.
case("bad-azure-allowed-locations-string", MALFORMED, "DENY", BAD_DOC["az-parameters"])(
    retouch(
        aks_guarded(),
        AKS_LOC,
        "eea-locations",
        parameters={"listOfAllowedLocations": {"value": "westeurope,northeurope"}},
    )
)
# Cannot evaluate: the tenant's Config Connector log bucket location is a list.
case("bad-kcc-log-bucket-location-list", MALFORMED, "DENY", BAD_DOC["kcc-log-bucket"])(
    on_tenant(kcc_log_bucket(["europe-west3"]), cloud="gcp")
)
# Cannot evaluate: the multi-region service's regions are one comma-separated string.
case("bad-run-multi-region-string", MALFORMED, "DENY", BAD_DOC["run"])(
    run_regions("europe-west3,europe-west4")  # type: ignore[arg-type]
)
