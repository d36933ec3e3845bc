"""Cloud residency cases of the twenty-fourth outside corpus, written from cloud-provider documentation and the
pack's user-facing contract (docs/RULES.md, docs/SPEC.md, docs/REVIEW.md, README.md) by a helper session
that had not read the pack's rules, its residency survey, its configs or its tests. It must never be used
to tune the pack (see README.md beside it).

Cases are built with the ``Case``/``Stack`` API of ``tests/policies/corpus.py`` and the helpers of the
earlier outside corpora. A case asks only whether a correct pack denies it: ``expect="DENY"`` (some
mandatory violation) or nothing (compliant: no mandatory violation at all). Each cites the page its outcome
rests on; a comment above it says why it violates or complies. The resource or property that decides each
case is one none of the twenty-three earlier corpora used: an EBS volume in the Istanbul Local Zone of the
Frankfurt Region, the S3 on-failure destination of a DynamoDB-stream event source mapping (which receives the
whole invocation record), an ECS Managed Daemon's task definition and an ECS service's Service Connect proxy
logs (awslogs-region), CloudFront real-time logs; Managed Microsoft AD domain locations, Agent Assist
new-message events, a Dataflow Data Pipeline's worker region, a Cloud Run worker pool's Cloud Storage volume
(read-write or read-only), the Cloud Trace ``_Trace`` observability bucket; an Azure Batch pool's blobfuse
mount, App Service connection strings, a Data Factory change data capture, an Azure Machine Learning datastore,
Azure Firewall policy analytics; Rekognition stream-processor data sharing (and an Organizations AI opt-out
policy that overrides it), AWS Managed Microsoft AD directory sharing, Security Hub connectors to Jira Cloud,
Agent Assist handoff to LivePerson, Secure Access Connect to Prisma Access, a private endpoint to another
tenant's Private Link service, a Confluent Cloud source connector; ACK ECS services, Crossplane EBS volumes,
ASO Redis Enterprise geo-replication and App Service sites, Config Connector Storage Transfer jobs; SCP
exemptions of the ``aws-reserved`` role path, of service-linked roles and of role sessions by ``aws:userid``,
a gcp.resourceLocations value group of the Stockholm region, an exemption of another subscription under a
management-group assignment and an initiative defined at a management group.

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
    GDPR_AZURE,
    PROJECT,
    RG,
    SUB,
    _find,
    aks_guarded,
    aws,
    azure,
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
from tests.policies.outside15.cloud import PARTNER_ACCOUNT
from tests.policies.outside17.cloud import MG_ROOT, subscription_in_group
from tests.policies.outside23.cloud import ACME_RG, PARTNER_SUB
from tests.policies.outside24.common import case

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
ROLE_PREFIX = f"arn:aws:iam::{ACCOUNT}:role"
KMS_IE = f"arn:aws:kms:eu-west-1:{ACCOUNT}:key/4b7e2c19-0d3a-4f65-8e21-9c5a7b3d1e08"


# ============================================================================ AWS: copies
AWS_DOC = {
    "local-zones": "https://docs.aws.amazon.com/local-zones/latest/ug/available-local-zones.html",
    "ddb-failures": "https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html",
    "daemons": "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/managed-daemons-task-definitions.html",
    "awslogs": "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html",
    "service-connect": "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceConnectConfiguration.html",
    "realtime-logs": "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/real-time-logs.html",
}


def local_zone_volume(zone: str, az: Any = None) -> Build:
    """The data volume of the claims intake server of a branch office, an EBS volume in Local Zone ``zone`` of the
    Frankfurt Region (eu-central-1): every claim form scanned at the branch is stored on it. The Local Zone's
    name starts with its parent Region's code; its infrastructure is in the city it names. ``az``: the
    availabilityZone value as given."""

    def build(s: Stack) -> None:
        put(
            s,
            "aws:ebs/volume:Volume",
            "branch-claim-scans",
            aws(s, "eu-central-1"),
            availabilityZone=zone if az is None else az,
            size=500,
            type="gp2",
            encrypted=True,
            kmsKeyId=f"arn:aws:kms:eu-central-1:{ACCOUNT}:key/7d2e9a41-3c6b-4f18-a05e-2b8c1d4f6e93",
            tags=GDPR,
        )

    return build


# Violates: eu-central-1-ist-1a is the Istanbul Local Zone; the volume is in Turkey, outside the EEA, although its
# parent Region is Frankfurt.
case("aws24-ebs-volume-istanbul-local-zone", AWS_COPIES, "DENY", AWS_DOC["local-zones"])(
    local_zone_volume("eu-central-1-ist-1a")
)
# Complies: eu-central-1-ham-1a is the Hamburg Local Zone, in Germany.
case("aws24-ebs-volume-hamburg-local-zone", AWS_COPIES, cite=AWS_DOC["local-zones"])(
    local_zone_volume("eu-central-1-ham-1a")
)

CLAIMS_TABLE_ARN = f"arn:aws:dynamodb:eu-west-1:{ACCOUNT}:table/claims"
CLAIMS_STREAM_ARN = f"{CLAIMS_TABLE_ARN}/stream/2025-03-04T09:12:44.581"
FAILED_BATCHES = "ledger-claims-failed-batches"


def claims_table(s: Stack) -> str:
    """The GDPR claims table (Ireland) with a stream of new and old item images."""
    return put(
        s,
        "aws:dynamodb/table:Table",
        "claims",
        aws(s),
        known={"id": "claims", "arn": CLAIMS_TABLE_ARN, "streamArn": CLAIMS_STREAM_ARN},
        name="claims",
        billingMode="PAY_PER_REQUEST",
        hashKey="claimId",
        attributes=[{"name": "claimId", "type": "S"}],
        streamEnabled=True,
        streamViewType="NEW_AND_OLD_IMAGES",
        tags=GDPR,
    )


def stream_failures(
    bucket_region: str, new_bucket: bool = False, in_stack: bool = True, destination: Any = None
) -> Build:
    """The claims search indexer's event source mapping on the claims table's stream (Ireland): a batch that fails
    three times is sent to its on-failure destination, bucket ledger-claims-failed-batches in ``bucket_region``
    (tagged as holding no regulated data), and for an S3 destination Lambda sends the entire invocation record,
    the stream records with the claims' item images included. ``new_bucket``: the bucket is created in this
    update; ``in_stack``: the stack manages the bucket (else it is named by its ARN only); ``destination``: the
    destinationConfig as given."""

    def build(s: Stack) -> None:
        deps = [claims_table(s)]
        bucket = ""
        if in_stack:
            if new_bucket:
                bucket = put(
                    s,
                    "aws:s3/bucket:Bucket",
                    FAILED_BATCHES,
                    aws(s, bucket_region),
                    bucket=FAILED_BATCHES,
                    tags=dict(NONE),
                )
            else:
                bucket = s3_bucket(s, FAILED_BATCHES, bucket_region, dict(NONE))
            deps.append(bucket)
        arn = UNKNOWN if new_bucket else f"arn:aws:s3:::{FAILED_BATCHES}"
        mapping = put(
            s,
            "aws:lambda/eventSourceMapping:EventSourceMapping",
            "claims-indexer-stream",
            aws(s),
            deps=deps,
            functionName=f"arn:aws:lambda:eu-west-1:{ACCOUNT}:function:claims-indexer",
            eventSourceArn=CLAIMS_STREAM_ARN,
            startingPosition="LATEST",
            batchSize=100,
            maximumRetryAttempts=3,
            bisectBatchOnFunctionError=True,
            destinationConfig={"onFailure": {"destinationArn": arn}} if destination is None else destination,
            tags=GDPR,
        )
        if new_bucket:
            depends(s, mapping, destinationConfig=[bucket])

    return build


# Violates: failed batches, with the claims' item images, are written to a bucket in N. Virginia.
case("aws24-ddb-stream-failed-batches-virginia-bucket", AWS_COPIES, "DENY", AWS_DOC["ddb-failures"])(
    stream_failures("us-east-1")
)
# Complies: the failed-batch bucket is in Ireland.
case("aws24-ddb-stream-failed-batches-ireland-bucket", AWS_COPIES, cite=AWS_DOC["ddb-failures"])(
    stream_failures("eu-west-1")
)


def awslogs(region: Any, group: str, prefix: str) -> dict[str, Any]:
    return {
        "logDriver": "awslogs",
        "options": {
            "awslogs-group": group,
            "awslogs-region": region,
            "awslogs-stream-prefix": prefix,
            "awslogs-create-group": "true",
        },
    }


def daemon_logs(log_region: str, log_configuration: Any = None) -> Build:
    """The claims cluster's attachment scanner, an ECS Managed Daemon (one task on every managed instance, Ireland)
    whose container logs every attachment it scans: file name, uploading claimant's e-mail address, verdict. Its
    logs go to CloudWatch Logs in ``log_region`` (awslogs-region); ``log_configuration``: the container's
    logConfiguration as given."""

    def build(s: Stack) -> None:
        put(
            s,
            "aws:ecs/daemonTaskDefinition:DaemonTaskDefinition",
            "claims-attachment-scanner",
            aws(s),
            family="claims-attachment-scanner",
            cpu="256",
            memory="512",
            executionRoleArn=f"{ROLE_PREFIX}/ecsTaskExecutionRole",
            containerDefinitions=[
                {
                    "name": "scanner",
                    "image": f"{ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/claims/attachment-scanner:3.1",
                    "essential": True,
                    "memory": 512,
                    "logConfiguration": awslogs(log_region, "/claims/attachment-scanner", "scanner")
                    if log_configuration is None
                    else log_configuration,
                }
            ],
            tags=GDPR,
        )

    return build


# Violates: the scanner's logs (claimants' e-mail addresses) are sent to CloudWatch Logs in N. Virginia.
case("aws24-ecs-daemon-logs-virginia", AWS_COPIES, "DENY", AWS_DOC["awslogs"])(daemon_logs("us-east-1"))
# Complies: awslogs-region is Ireland.
case("aws24-ecs-daemon-logs-ireland", AWS_COPIES, cite=AWS_DOC["daemons"])(daemon_logs("eu-west-1"))
CLAIMS_CLUSTER = f"arn:aws:ecs:eu-west-1:{ACCOUNT}:cluster/claims"


def service_connect(log_region: Any) -> Build:
    """The claims API's ECS service (Ireland) on Service Connect, whose Envoy proxy writes an access log line per
    request, query parameters included (claim numbers, claimants' e-mail addresses in searches), to CloudWatch
    Logs in ``log_region`` (the proxy's awslogs-region)."""

    def build(s: Stack) -> None:
        put(
            s,
            "aws:ecs/service:Service",
            "claims-api",
            aws(s),
            name="claims-api",
            cluster=CLAIMS_CLUSTER,
            taskDefinition=f"arn:aws:ecs:eu-west-1:{ACCOUNT}:task-definition/claims-api:41",
            desiredCount=3,
            launchType="FARGATE",
            networkConfiguration={
                "subnets": ["subnet-0a1b2c3d4e5f60718", "subnet-0b1c2d3e4f5a60719"],
                "securityGroups": ["sg-0c1d2e3f4a5b60718"],
                "assignPublicIp": False,
            },
            serviceConnectConfiguration={
                "enabled": True,
                "namespace": f"arn:aws:servicediscovery:eu-west-1:{ACCOUNT}:namespace/ns-4kq7bt2xz3mc9vpl",
                "accessLogConfiguration": {"format": "JSON", "includeQueryParameters": "ENABLED"},
                "logConfiguration": awslogs(log_region, "/claims/service-connect", "claims-api"),
                "services": [
                    {
                        "portName": "api",
                        "discoveryName": "claims-api",
                        "clientAlias": [{"port": 8080, "dnsName": "claims-api"}],
                    }
                ],
            },
            tags=GDPR,
        )

    return build


# Violates: the proxy's access logs, with the requests' query parameters, go to CloudWatch Logs in N. Virginia.
case("aws24-ecs-service-connect-logs-virginia", AWS_COPIES, "DENY", AWS_DOC["service-connect"])(
    service_connect("us-east-1")
)
# Complies: the proxy logs to Ireland.
case("aws24-ecs-service-connect-logs-ireland", AWS_COPIES, cite=AWS_DOC["awslogs"])(service_connect("eu-west-1"))


def realtime_logs(s: Stack) -> None:
    """In a GDPR stack, the claims portal's CloudFront real-time log configuration, sending every request's client
    IP address, path, query string and cookies to Kinesis stream portal-requests in N. Virginia (tagged as holding
    no regulated data)."""
    arn = f"arn:aws:kinesis:us-east-1:{ACCOUNT}:stream/portal-requests"
    stream = put(
        s,
        "aws:kinesis/stream:Stream",
        "portal-requests",
        aws(s, "us-east-1"),
        known={"id": arn, "arn": arn},
        name="portal-requests",
        streamModeDetails={"streamMode": "ON_DEMAND"},
        retentionPeriod=24,
        tags=dict(NONE),
    )
    put(
        s,
        "aws:cloudfront/realtimeLogConfig:RealtimeLogConfig",
        "claims-portal-requests",
        aws(s, "us-east-1"),
        deps=[stream],
        name="claims-portal-requests",
        samplingRate=100,
        fields=["timestamp", "c-ip", "cs-uri-stem", "cs-uri-query", "cs-cookie", "cs-user-agent"],
        endpoint={
            "streamType": "Kinesis",
            "kinesisStreamConfig": {"roleArn": f"{ROLE_PREFIX}/cloudfront-realtime-logs", "streamArn": arn},
        },
    )


# Violates: the portal's request records (client IPs, query strings, cookies) are delivered to a stream in
# N. Virginia.
case("aws24-cloudfront-realtime-logs-virginia-stream", AWS_COPIES, "DENY", AWS_DOC["realtime-logs"], config=GDPR_STACK)(
    realtime_logs
)


# ============================================================================ GCP: copies
GCP_DOC = {
    "managed-ad": "https://cloud.google.com/python/docs/reference/managedidentities/latest/google.cloud.managedidentities_v1.types.Domain",
    "managed-ad-registry": "https://www.pulumi.com/registry/packages/gcp/api-docs/activedirectory/domain/",
    "conversation-profiles": "https://cloud.google.com/dialogflow/es/docs/reference/rest/v2/projects.conversationProfiles",
    "dialogflow-regions": "https://cloud.google.com/dialogflow/es/docs/how/region",
    "data-pipelines": "https://cloud.google.com/dataflow/docs/reference/data-pipelines/rest/v1/projects.locations.pipelines",
    "regional-endpoints": "https://cloud.google.com/dataflow/docs/concepts/regional-endpoints",
    "worker-pool": "https://www.pulumi.com/registry/packages/gcp/api-docs/cloudrunv2/workerpool/",
    "trace-storage": "https://cloud.google.com/trace/docs/storage-overview",
}


def ad_domain(locations: Any) -> Build:
    """The claims staff's Managed Microsoft AD domain (users, groups, their e-mail addresses and phone numbers),
    with domain controllers, each holding the whole directory, in every one of ``locations``."""

    def build(s: Stack) -> None:
        put(
            s,
            "gcp:activedirectory/domain:Domain",
            "claims-ad",
            gcp(s),
            project=PROJECT,
            domainName="ad.ledger.example",
            locations=locations,
            reservedIpRange="10.200.0.0/24",
            authorizedNetworks=[f"projects/{PROJECT}/global/networks/ledger"],
            deletionProtection=True,
            labels=dict(GDPR),
        )

    return build


# Violates: the directory is also provisioned, domain controllers and data, in Iowa.
case("gcp24-managed-ad-domain-iowa-location", GCP_COPIES, "DENY", GCP_DOC["managed-ad"])(
    ad_domain(["europe-west3", "us-central1"])
)
# Complies: the two locations are Frankfurt and the Netherlands.
case("gcp24-managed-ad-domain-netherlands-location", GCP_COPIES, cite=GCP_DOC["managed-ad-registry"])(
    ad_domain(["europe-west3", "europe-west4"])
)
CHAT_TOPIC = "claims-chat-events"


def agent_assist(
    topic_region: str,
    new_topic: bool = False,
    handoff: bool = False,
    location: str = "europe-west1",
    notification: Any = None,
) -> Build:
    """In a GDPR stack, the claims hotline's Agent Assist conversation profile (Dialogflow, ``location``), which
    publishes every new message of a conversation (what the claimant typed or said) to topic claims-chat-events,
    whose messages Pub/Sub stores only in ``topic_region`` (the topic labelled as holding no regulated data);
    ``new_topic``: the topic is created in this update (the profile takes its ID); ``handoff``: conversations are
    handed over to the claims team's LivePerson account; ``notification``: the newMessageEventNotificationConfig
    as given."""

    def build(s: Stack) -> None:
        path = f"projects/{PROJECT}/topics/{CHAT_TOPIC}"
        topic = put(
            s,
            "gcp:pubsub/topic:Topic",
            CHAT_TOPIC,
            gcp(s),
            known=None if new_topic else {"id": path, "name": CHAT_TOPIC},
            project=PROJECT,
            name=CHAT_TOPIC,
            messageStoragePolicy={"allowedPersistenceRegions": [topic_region], "enforceInTransit": True},
            labels=dict(NONE),
        )
        extra: dict[str, Any] = {}
        if handoff:
            extra["humanAgentHandoffConfig"] = {"livePersonConfig": {"accountNumber": "58217493"}}
        profile = put(
            s,
            "gcp:diagflow/conversationProfile:ConversationProfile",
            "claims-hotline",
            gcp(s),
            deps=[topic],
            project=PROJECT,
            location=location,
            displayName="claims hotline",
            languageCode="de-DE",
            timeZone="Europe/Berlin",
            newMessageEventNotificationConfig={"topic": UNKNOWN if new_topic else path, "messageFormat": "JSON"}
            if notification is None
            else notification,
            **extra,
        )
        if new_topic:
            depends(s, profile, newMessageEventNotificationConfig=[topic])

    return build


# Violates: every message of every claims conversation is published to a topic stored only in Iowa.
case(
    "gcp24-agent-assist-message-events-iowa-topic",
    GCP_COPIES,
    "DENY",
    GCP_DOC["conversation-profiles"],
    config=GDPR_STACK,
)(agent_assist("us-central1"))
# Complies: the profile is in Belgium and the topic stores its messages in Belgium only.
case(
    "gcp24-agent-assist-message-events-belgium-topic", GCP_COPIES, cite=GCP_DOC["dialogflow-regions"], config=GDPR_STACK
)(agent_assist("europe-west1"))


def data_pipeline(worker_region: str | None, environment: Any = None) -> Build:
    """In a GDPR stack, the nightly claims de-duplication Data Pipeline (Frankfurt), which launches a Dataflow Flex
    Template job through the Frankfurt regional endpoint (``location``) with its workers, which read and shuffle
    the claims, in ``worker_region`` (``None``: not set); ``environment``: the launch environment as given."""

    def build(s: Stack) -> None:
        env: dict[str, Any] = {
            "numWorkers": 2,
            "maxWorkers": 10,
            "serviceAccountEmail": f"claims-dataflow@{PROJECT}.iam.gserviceaccount.com",
            "subnetwork": f"regions/{worker_region or 'europe-west3'}/subnetworks/dataflow",
            "ipConfiguration": "WORKER_IP_PRIVATE",
        }
        if worker_region is not None:
            env["workerRegion"] = worker_region
        put(
            s,
            "gcp:dataflow/pipeline:Pipeline",
            "claims-dedup",
            gcp(s),
            project=PROJECT,
            name="claims-dedup",
            displayName="claims de-duplication",
            type="PIPELINE_TYPE_BATCH",
            state="STATE_ACTIVE",
            region="europe-west3",
            scheduleInfo={"schedule": "0 2 * * *", "timeZone": "Europe/Berlin"},
            schedulerServiceAccountEmail=f"claims-scheduler@{PROJECT}.iam.gserviceaccount.com",
            workload={
                "dataflowFlexTemplateRequest": {
                    "projectId": PROJECT,
                    "location": "europe-west3",
                    "launchParameter": {
                        "jobName": "claims-dedup",
                        "containerSpecGcsPath": "gs://ledger-dataflow-templates/claims-dedup.json",
                        "parameters": {"dataset": "claims", "window": "P1D"},
                        "environment": env if environment is None else environment,
                    },
                }
            },
        )

    return build


# Violates: the job's control plane is in Frankfurt, but its workers, which process the claims, run in Iowa.
case("gcp24-data-pipeline-workers-iowa", GCP_COPIES, "DENY", GCP_DOC["regional-endpoints"], config=GDPR_STACK)(
    data_pipeline("us-central1")
)
# Complies: the workers run in the Netherlands.
case("gcp24-data-pipeline-workers-netherlands", GCP_COPIES, cite=GCP_DOC["data-pipelines"], config=GDPR_STACK)(
    data_pipeline("europe-west4")
)
OCR_BUCKET = "ledger-ocr-shared"


def worker_pool(
    bucket_location: str, read_only: bool, new_bucket: bool = False, in_stack: bool = True, volume: Any = None
) -> Build:
    """The claims OCR worker pool (Cloud Run, Frankfurt) with a Cloud Storage volume of bucket ledger-ocr-shared in
    ``bucket_location``, labelled as holding no regulated data; ``read_only``: the volume is mounted read-only
    (the workers read the shared OCR language models from it) else read-write (they write each claim's extracted
    text to it); ``new_bucket``: the bucket is created in this update; ``in_stack``: the stack manages the
    bucket; ``volume``: the gcs volume as given."""

    def build(s: Stack) -> None:
        deps = []
        if in_stack:
            if new_bucket:
                deps.append(
                    put(
                        s,
                        "gcp:storage/bucket:Bucket",
                        OCR_BUCKET,
                        gcp(s),
                        name=OCR_BUCKET,
                        location=bucket_location,
                        uniformBucketLevelAccess=True,
                        labels=dict(NONE),
                    )
                )
            else:
                deps.append(gcs_bucket(s, OCR_BUCKET, bucket_location, dict(NONE)))
        gcs = {"bucket": UNKNOWN if new_bucket else OCR_BUCKET, "readOnly": read_only}
        pool = put(
            s,
            "gcp:cloudrunv2/workerPool:WorkerPool",
            "claims-ocr",
            gcp(s),
            deps=deps,
            project=PROJECT,
            name="claims-ocr",
            location="europe-west3",
            deletionProtection=False,
            scaling={"manualInstanceCount": 2},
            template={
                "serviceAccount": f"claims-ocr@{PROJECT}.iam.gserviceaccount.com",
                "containers": [
                    {
                        "name": "ocr",
                        "image": "europe-west3-docker.pkg.dev/ledger-prod/claims/ocr:4.2",
                        "volumeMounts": [{"name": "shared", "mountPath": "/mnt/shared"}],
                    }
                ],
                "volumes": [{"name": "shared", "gcs": gcs if volume is None else volume}],
            },
            labels=dict(GDPR),
        )
        if new_bucket:
            depends(s, pool, template=deps)

    return build


# Violates: the workers write every claim's extracted text into a bucket in the US multi-region.
case("gcp24-worker-pool-writes-us-bucket", GCP_COPIES, "DENY", GCP_DOC["worker-pool"])(worker_pool("US", False))
# Complies: the US bucket is mounted read-only; the workers only read the shared OCR models from it.
case("gcp24-worker-pool-reads-us-bucket-read-only", GCP_COPIES, cite=GCP_DOC["worker-pool"])(worker_pool("US", True))


def trace_bucket(location: str) -> Build:
    """In a GDPR stack, the project's ``_Trace`` observability bucket, created by the stack in ``location``: the
    claims services' spans (span attributes carry claim numbers and claimant IDs) are stored in it."""

    def build(s: Stack) -> None:
        put(
            s,
            "gcp:observability/bucket:Bucket",
            "trace-bucket",
            gcp(s),
            project=PROJECT,
            location=location,
            bucketId="_Trace",
            displayName="_Trace",
            description="spans of the claims services",
        )

    return build


# Violates: the project's trace data is stored in the US multi-region.
case("gcp24-trace-bucket-us", GCP_COPIES, "DENY", GCP_DOC["trace-storage"], config=GDPR_STACK)(trace_bucket("us"))
# Complies: the trace bucket is in the EU multi-region.
case("gcp24-trace-bucket-eu", GCP_COPIES, cite=GCP_DOC["trace-storage"], config=GDPR_STACK)(trace_bucket("eu"))


# ============================================================================ Azure: copies
AZ_DOC = {
    "batch-mount": "https://learn.microsoft.com/en-us/azure/batch/virtual-file-mount",
    "connection-strings": "https://learn.microsoft.com/en-us/azure/app-service/configure-common#configure-connection-strings",
    "adf-cdc": "https://learn.microsoft.com/en-us/azure/data-factory/concepts-change-data-capture-resource",
    "ml-datastore": "https://learn.microsoft.com/en-us/azure/machine-learning/how-to-datastore",
    "policy-analytics": "https://learn.microsoft.com/en-us/azure/firewall/policy-analytics",
}
BATCH_ID = f"{RG}/Microsoft.Batch/batchAccounts/ledgerbatch"
OCR_IDENTITY = f"{RG}/Microsoft.ManagedIdentity/userAssignedIdentities/claims-ocr"


def batch_pool(
    account_location: str, new_account: bool = False, in_stack: bool = True, blob_config: Any = None
) -> Build:
    """In a GDPR stack, the claims OCR pool of Batch account ledgerbatch (West Europe), whose nodes mount a blob
    container of storage account claimsocr over blobfuse and write every claim's extracted text into it; the
    account is in ``account_location`` and tagged as holding no regulated data. ``new_account``: the account is
    created in this update (the pool takes its name); ``in_stack``: the stack manages the account;
    ``blob_config``: the azureBlobFileSystemConfiguration as given."""

    def build(s: Stack) -> None:
        put(
            s,
            "azure-native:batch:BatchAccount",
            "ledgerbatch",
            azure(s),
            known={"id": BATCH_ID},
            resourceGroupName="ledger",
            accountName="ledgerbatch",
            location="westeurope",
            poolAllocationMode="BatchService",
            publicNetworkAccess="Disabled",
            tags=dict(GDPR),
        )
        deps = []
        if in_stack:
            if new_account:
                deps.append(
                    put(
                        s,
                        "azure-native:storage:StorageAccount",
                        "claimsocr",
                        azure(s, account_location),
                        resourceGroupName="ledger",
                        accountName="claimsocr",
                        location=account_location,
                        kind="StorageV2",
                        sku={"name": "Standard_LRS"},
                        allowBlobPublicAccess=False,
                        minimumTlsVersion="TLS1_2",
                        tags=dict(NONE),
                    )
                )
            else:
                deps.append(storage_account(s, "claimsocr", account_location, dict(NONE)))
        blob = {
            "accountName": UNKNOWN if new_account else "claimsocr",
            "containerName": "ocr-text",
            "relativeMountPath": "ocr-text",
            "identityReference": {"resourceId": OCR_IDENTITY},
        }
        pool = put(
            s,
            "azure-native:batch:Pool",
            "claims-ocr",
            azure(s),
            deps=deps,
            resourceGroupName="ledger",
            accountName="ledgerbatch",
            poolName="claims-ocr",
            vmSize="Standard_D4s_v5",
            identity={"type": "UserAssigned", "userAssignedIdentities": [OCR_IDENTITY]},
            deploymentConfiguration={
                "virtualMachineConfiguration": {
                    "imageReference": {
                        "publisher": "canonical",
                        "offer": "ubuntu-24_04-lts",
                        "sku": "server",
                        "version": "latest",
                    },
                    "nodeAgentSkuId": "batch.node.ubuntu 24.04",
                }
            },
            scaleSettings={"fixedScale": {"targetDedicatedNodes": 4}},
            mountConfiguration=[{"azureBlobFileSystemConfiguration": blob if blob_config is None else blob_config}],
        )
        if new_account:
            depends(s, pool, mountConfiguration=deps)

    return build


# Violates: the pool writes every claim's extracted text into a storage account in East US.
case("az24-batch-pool-blobfuse-mount-east-us", AZURE_COPIES, "DENY", AZ_DOC["batch-mount"], config=GDPR_STACK)(
    batch_pool("eastus")
)
# Complies: the mounted account is in West Europe.
case("az24-batch-pool-blobfuse-mount-west-europe", AZURE_COPIES, cite=AZ_DOC["batch-mount"], config=GDPR_STACK)(
    batch_pool("westeurope")
)
PORTAL_ID = f"{RG}/Microsoft.Web/sites/claims-portal"


def connection_strings(server_location: str, new_server: bool = False, properties: Any = None) -> Build:
    """In a GDPR stack, the claims portal's (App Service, West Europe) connection strings: ClaimsDb, where the
    portal writes every claim, is a database on SQL server claims-sql-<location> in ``server_location``, tagged as
    holding no regulated data (Microsoft Entra authentication: no password in the string). ``new_server``: the
    server is created in this update (the string takes its host name); ``properties``: the connection strings as
    given."""

    def build(s: Stack) -> None:
        put(
            s,
            "azure-native:web:WebApp",
            "claims-portal",
            azure(s),
            known={"id": PORTAL_ID},
            resourceGroupName="ledger",
            name="claims-portal",
            location="westeurope",
            serverFarmId=f"{RG}/Microsoft.Web/serverfarms/claims-plan",
            httpsOnly=True,
            identity={"type": "SystemAssigned"},
            tags=dict(GDPR),
        )
        name = f"claims-sql-{server_location}"
        host = f"{name}.database.windows.net"
        if new_server:
            server = put(
                s,
                "azure-native:sql:Server",
                name,
                azure(s, server_location),
                resourceGroupName="ledger",
                serverName=name,
                location=server_location,
                version="12.0",
                minimalTlsVersion="1.2",
                publicNetworkAccess="Disabled",
                tags=dict(NONE),
            )
        else:
            server = sql_server(s, name, server_location, dict(NONE))
            _find(s, server).outputs["fullyQualifiedDomainName"] = host
        value = (
            UNKNOWN
            if new_server
            else f"Server=tcp:{host},1433;Database=claims;Authentication=Active Directory Managed Identity;"
            "Encrypt=True;"
        )
        strings = put(
            s,
            "azure-native:web:WebAppConnectionStrings",
            "claims-portal-connection-strings",
            azure(s),
            deps=[server],
            resourceGroupName="ledger",
            name="claims-portal",
            properties={"ClaimsDb": {"value": value, "type": "SQLAzure"}} if properties is None else properties,
        )
        if new_server:
            depends(s, strings, properties=[server])

    return build


# Violates: the portal writes the claims into a database on a server in East US.
case("az24-app-connection-string-sql-east-us", AZURE_COPIES, "DENY", AZ_DOC["connection-strings"], config=GDPR_STACK)(
    connection_strings("eastus")
)
# Complies: the server is in West Europe.
case("az24-app-connection-string-sql-west-europe", AZURE_COPIES, cite=AZ_DOC["connection-strings"], config=GDPR_STACK)(
    connection_strings("westeurope")
)
FACTORY_ID = f"{RG}/Microsoft.DataFactory/factories/ledger-adf"


def cdc(lake_location: str, new_lake: bool = False) -> Build:
    """The GDPR data factory's change data capture (West Europe) that continuously copies new and changed claim
    documents from the claims account (West Europe) into the analytics account claimslake in ``lake_location``,
    tagged as holding no regulated data; each account is named by a linked service. ``new_lake``: the analytics
    account is created in this update (its linked service takes the account's blob endpoint)."""

    def build(s: Stack) -> None:
        factory = put(
            s,
            "azure-native:datafactory:Factory",
            "ledger-adf",
            azure(s),
            known={"id": FACTORY_ID},
            resourceGroupName="ledger",
            factoryName="ledger-adf",
            location="westeurope",
            identity={"type": "SystemAssigned"},
            tags=dict(GDPR),
        )
        source = storage_account(s, "ledgerclaimsdocs", "westeurope", dict(GDPR))
        if new_lake:
            lake = put(
                s,
                "azure-native:storage:StorageAccount",
                "claimslake",
                azure(s, lake_location),
                resourceGroupName="ledger",
                accountName="claimslake",
                location=lake_location,
                kind="StorageV2",
                sku={"name": "Standard_LRS"},
                allowBlobPublicAccess=False,
                minimumTlsVersion="TLS1_2",
                tags=dict(NONE),
            )
        else:
            lake = storage_account(s, "claimslake", lake_location, dict(NONE))
        links = []
        for link, account, store in (("claims-docs", "ledgerclaimsdocs", source), ("claims-lake", "claimslake", lake)):
            endpoint = UNKNOWN if new_lake and account == "claimslake" else f"https://{account}.blob.core.windows.net/"
            links.append(
                put(
                    s,
                    "azure-native:datafactory:LinkedService",
                    link,
                    azure(s),
                    deps=[factory, store],
                    resourceGroupName="ledger",
                    factoryName="ledger-adf",
                    linkedServiceName=link,
                    properties={"type": "AzureBlobStorage", "serviceEndpoint": endpoint, "accountKind": "StorageV2"},
                )
            )
            if new_lake and account == "claimslake":
                depends(s, links[-1], properties=[lake])

        def connection(link: str) -> dict[str, Any]:
            return {
                "type": "linkedservicetype",
                "linkedService": {"referenceName": link, "type": "LinkedServiceReference"},
                "linkedServiceType": "AzureBlobStorage",
                "isInlineDataset": True,
            }

        put(
            s,
            "azure-native:datafactory:ChangeDataCapture",
            "claims-to-lake",
            azure(s),
            deps=links,
            resourceGroupName="ledger",
            factoryName="ledger-adf",
            changeDataCaptureName="claims-to-lake",
            description="claim documents to the analytics lake",
            policy={"mode": "Microbatch", "recurrence": {"frequency": "Minute", "interval": 15}},
            sourceConnectionsInfo=[
                {"connection": connection("claims-docs"), "sourceEntities": [{"name": "claims/intake"}]}
            ],
            targetConnectionsInfo=[
                {
                    "connection": connection("claims-lake"),
                    "targetEntities": [{"name": "raw/claims"}],
                    "dataMapperMappings": [
                        {
                            "targetEntityName": "raw/claims",
                            "sourceEntityName": "claims/intake",
                            "sourceConnectionReference": {"connectionName": "claims-docs", "type": "linkedservicetype"},
                        }
                    ],
                }
            ],
        )

    return build


# Violates: the change data capture copies every new claim document into an account in East US.
case("az24-adf-change-data-capture-east-us", AZURE_COPIES, "DENY", AZ_DOC["adf-cdc"])(cdc("eastus"))
# Complies: the analytics account is in North Europe.
case("az24-adf-change-data-capture-north-europe", AZURE_COPIES, cite=AZ_DOC["adf-cdc"])(cdc("northeurope"))
ML_ID = f"{RG}/Microsoft.MachineLearningServices/workspaces/claims-ml"


def ml_datastore(account_location: str, new_account: bool = False, in_stack: bool = True) -> Build:
    """In a GDPR stack, the claims-triage Machine Learning workspace (West Europe) and its datastore
    claims_training, to which training jobs read claim extracts and write scored claims: a pointer to a blob
    container of storage account claimstraining in ``account_location``, tagged as holding no regulated data.
    ``new_account``: the account is created in this update; ``in_stack``: the stack manages the account."""

    def build(s: Stack) -> None:
        home = storage_account(s, "claimsmlhome", "westeurope", dict(GDPR))
        vault = put(
            s,
            "azure-native:keyvault:Vault",
            "claims-ml-kv",
            azure(s),
            known={"id": f"{RG}/Microsoft.KeyVault/vaults/claims-ml-kv"},
            resourceGroupName="ledger",
            vaultName="claims-ml-kv",
            location="westeurope",
            properties={
                "tenantId": "2f4a6c8e-1b3d-4e5f-8a7b-9c0d1e2f3a4b",
                "sku": {"family": "A", "name": "standard"},
                "enableRbacAuthorization": True,
                "enablePurgeProtection": True,
            },
            tags=dict(GDPR),
        )
        put(
            s,
            "azure-native:machinelearningservices:Workspace",
            "claims-ml",
            azure(s),
            deps=[home, vault],
            known={"id": ML_ID},
            resourceGroupName="ledger",
            workspaceName="claims-ml",
            location="westeurope",
            identity={"type": "SystemAssigned"},
            storageAccount=f"{RG}/Microsoft.Storage/storageAccounts/claimsmlhome",
            keyVault=f"{RG}/Microsoft.KeyVault/vaults/claims-ml-kv",
            tags=dict(GDPR),
        )
        deps = []
        if in_stack:
            if new_account:
                deps.append(
                    put(
                        s,
                        "azure-native:storage:StorageAccount",
                        "claimstraining",
                        azure(s, account_location),
                        resourceGroupName="ledger",
                        accountName="claimstraining",
                        location=account_location,
                        kind="StorageV2",
                        sku={"name": "Standard_LRS"},
                        allowBlobPublicAccess=False,
                        minimumTlsVersion="TLS1_2",
                        tags=dict(NONE),
                    )
                )
            else:
                deps.append(storage_account(s, "claimstraining", account_location, dict(NONE)))
        store = put(
            s,
            "azure-native:machinelearningservices:Datastore",
            "claims-training",
            azure(s),
            deps=deps,
            resourceGroupName="ledger",
            workspaceName="claims-ml",
            name="claims_training",
            properties={
                "datastoreType": "AzureBlob",
                "accountName": UNKNOWN if new_account else "claimstraining",
                "containerName": "training",
                "endpoint": "core.windows.net",
                "protocol": "https",
                "resourceGroup": "ledger",
                "subscriptionId": SUB,
                "serviceDataAccessAuthIdentity": "WorkspaceSystemAssignedIdentity",
                "credentials": {"credentialsType": "None"},
                "description": "claim extracts for triage training, and scored claims",
            },
        )
        if new_account:
            depends(s, store, properties=deps)

    return build


# Violates: the workspace's training jobs read and write the claim extracts in an account in East US.
case("az24-ml-datastore-east-us", AZURE_COPIES, "DENY", AZ_DOC["ml-datastore"], config=GDPR_STACK)(
    ml_datastore("eastus")
)
# Complies: the datastore's account is in West Europe.
case("az24-ml-datastore-west-europe", AZURE_COPIES, cite=AZ_DOC["ml-datastore"], config=GDPR_STACK)(
    ml_datastore("westeurope")
)


def firewall_policy(workspace_location: str, resources: Any = None) -> Build:
    """The claims hub's Azure Firewall policy (West Europe) with policy analytics: the firewalls' flow and
    application rule logs (staff source IPs, the sites they reach) are sent to its default Log Analytics workspace,
    fw-analytics in ``workspace_location``, tagged as holding no regulated data; ``resources``: the
    logAnalyticsResources as given."""

    def build(s: Stack) -> None:
        law = workspace(s, workspace_location, "fw-analytics", dict(NONE))
        ws_id = f"{RG}/Microsoft.OperationalInsights/workspaces/fw-analytics"
        put(
            s,
            "azure-native:network:FirewallPolicy",
            "claims-hub-policy",
            azure(s),
            deps=[law],
            resourceGroupName="ledger",
            firewallPolicyName="claims-hub-policy",
            location="westeurope",
            sku={"tier": "Premium"},
            threatIntelMode="Deny",
            insights={
                "isEnabled": True,
                "retentionDays": 30,
                "logAnalyticsResources": {"defaultWorkspaceId": {"id": ws_id}} if resources is None else resources,
            },
            tags=dict(GDPR),
        )

    return build


# Violates: the firewalls' logs of the claims staff's traffic are analysed in a workspace in East US.
case("az24-firewall-policy-analytics-east-us", AZURE_COPIES, "DENY", AZ_DOC["policy-analytics"])(
    firewall_policy("eastus")
)


# ============================================================================ outside destinations
OUT_DOC = {
    "data-sharing": "https://docs.aws.amazon.com/rekognition/latest/APIReference/API_StreamProcessorDataSharingPreference.html",
    "ai-opt-out": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_ai-opt-out.html",
    "directory-sharing": "https://docs.aws.amazon.com/directoryservice/latest/admin-guide/ms_ad_directory_sharing.html",
    "securityhub-connector": "https://docs.aws.amazon.com/cli/latest/reference/securityhub/create-connector-v2.html",
    "liveperson": "https://cloud.google.com/dialogflow/es/docs/reference/rest/v2/projects.conversationProfiles#livepersonconfig",
    "sac": "https://www.pulumi.com/registry/packages/gcp/api-docs/networksecurity/sacrealm/",
    "private-link": "https://learn.microsoft.com/en-us/azure/private-link/private-endpoint-overview",
    "confluent": "https://learn.microsoft.com/en-us/azure/partner-solutions/apache-kafka-confluent-cloud/add-connectors",
}
HOME_WATCH_VIDEO = f"arn:aws:kinesisvideo:eu-west-1:{ACCOUNT}:stream/home-watch-doorbells/1712345678901"
MANAGEMENT = "999999999999"


def claims_provider(s: Stack) -> str:
    """The Ireland provider of the claims account, pinned to it."""
    urn = s.urn("pulumi:providers:aws", "claims-eu-west-1")
    if all(r.urn != urn for r in s.resources):
        s.provider("aws", "claims-eu-west-1", region="eu-west-1", allowedAccountIds=[ACCOUNT])
    return urn


def ai_opt_out(s: Stack) -> None:
    """An AWS Organizations AI services opt-out policy (every AI service, Rekognition included) attached to the
    claims account, made in the management account."""
    org = s.provider(
        "aws",
        "org",
        region="us-east-1",
        allowedAccountIds=[MANAGEMENT],
        assumeRoles=[{"roleArn": f"arn:aws:iam::{MANAGEMENT}:role/fleet-guardrails"}],
    )
    policy = put(
        s,
        "aws:organizations/policy:Policy",
        "ai-opt-out",
        org,
        known={"id": "p-a1opt0ut9"},
        name="ai-services-opt-out",
        type="AISERVICES_OPT_OUT_POLICY",
        content=json.dumps({"services": {"default": {"opt_out_policy": {"@@assign": "optOut"}}}}),
        tags=dict(NONE),
    )
    put(
        s,
        "aws:organizations/policyAttachment:PolicyAttachment",
        "ai-opt-out-claims",
        org,
        deps=[policy],
        policyId="p-a1opt0ut9",
        targetId=ACCOUNT,
    )


def home_watch(opt_in: bool, org_opt_out: bool = False) -> Build:
    """The home-insurance "home watch" Rekognition stream processor (Ireland, connected home): it analyses the
    policyholders' doorbell-camera video for people and packages and writes detections to a bucket in Ireland.
    ``opt_in``: its data sharing preference (sharing the video with Rekognition to improve the service); with
    ``org_opt_out`` the claims account is opted out of AI services' content use by an Organizations policy."""

    def build(s: Stack) -> None:
        prov = claims_provider(s)
        bucket = put(
            s,
            "aws:s3/bucket:Bucket",
            "ledger-home-watch-events",
            prov,
            known={
                "id": "ledger-home-watch-events",
                "arn": "arn:aws:s3:::ledger-home-watch-events",
                "region": "eu-west-1",
            },
            bucket="ledger-home-watch-events",
            tags=dict(GDPR),
        )
        if org_opt_out:
            ai_opt_out(s)
        put(
            s,
            "aws:rekognition/streamProcessor:StreamProcessor",
            "home-watch",
            prov,
            deps=[bucket],
            name="home-watch",
            roleArn=f"{ROLE_PREFIX}/rekognition-home-watch",
            kmsKeyId=KMS_IE,
            input={"kinesisVideoStream": {"arn": HOME_WATCH_VIDEO}},
            output={"s3Destination": {"bucket": "ledger-home-watch-events", "keyPrefix": "detections/"}},
            notificationChannel={"snsTopicArn": f"arn:aws:sns:eu-west-1:{ACCOUNT}:home-watch-detections"},
            settings={"connectedHome": {"labels": ["PERSON", "PACKAGE"], "minConfidence": 80}},
            dataSharingPreference={"optIn": opt_in},
            tags=dict(GDPR),
        )

    return build


# Violates: the stream processor shares the doorbell video with Rekognition, which may store such content in a
# Region outside the one where the service is used.
case("out24-rekognition-stream-data-sharing-opt-in", OUTSIDE, "DENY", OUT_DOC["ai-opt-out"])(home_watch(True))
# Complies: the stream processor opts out of data sharing.
case("out24-rekognition-stream-data-sharing-opt-out", OUTSIDE, cite=OUT_DOC["data-sharing"])(home_watch(False))
# Complies: the processor opts in, but its account is opted out at the account level by the organization's AI
# services opt-out policy, and "if you opt out at the account level this setting is ignored on individual
# streams".
case("out24-rekognition-opt-in-ignored-under-org-opt-out", OUTSIDE, cite=OUT_DOC["data-sharing"])(
    home_watch(True, org_opt_out=True)
)
DIRECTORY_ID = "d-9367a1b2c3"


def directory_share(target: str, new_directory: bool = False) -> Build:
    """The GDPR AWS Managed Microsoft AD of the claims staff (Ireland: users, groups, their contact details) shared
    with account ``target`` by handshake, so that its instances can join the domain and read it;
    ``new_directory``: the directory is created in this update (the share takes its ID)."""

    def build(s: Stack) -> None:
        if target == OWN_ACCOUNT:
            own_account_provider(s)
        prov = claims_provider(s)
        directory = put(
            s,
            "aws:directoryservice/directory:Directory",
            "claims-ad",
            prov,
            known=None if new_directory else {"id": DIRECTORY_ID},
            name="corp.ledger.example",
            shortName="LEDGER",
            password=secret("Zq7!xLp2#Vm9@Rt4"),
            type="MicrosoftAD",
            edition="Enterprise",
            vpcSettings={
                "vpcId": "vpc-0a1b2c3d4e5f60718",
                "subnetIds": ["subnet-0a1b2c3d4e5f60718", "subnet-0b1c2d3e4f5a60719"],
            },
            tags=dict(GDPR),
        )
        share = put(
            s,
            "aws:directoryservice/sharedDirectory:SharedDirectory",
            "claims-ad-share",
            prov,
            deps=[directory],
            directoryId=UNKNOWN if new_directory else DIRECTORY_ID,
            method="HANDSHAKE",
            notes="domain join for the claims adjusters' workstations",
            target={"id": target, "type": "ACCOUNT"},
        )
        if new_directory:
            depends(s, share, directoryId=[directory])

    return build


# Violates: the directory is shared with another company's account, whose instances can read every user in it.
case("out24-directory-shared-with-partner-account", OUTSIDE, "DENY", OUT_DOC["directory-sharing"])(
    directory_share(PARTNER_ACCOUNT)
)
# Complies: the consumer is our second account, named by a provider of the stack.
case("out24-directory-shared-with-own-account", OUTSIDE, cite=OUT_DOC["directory-sharing"])(
    directory_share(OWN_ACCOUNT)
)


def jira_connector(s: Stack) -> None:
    """The claims account's Security Hub connector to the security team's Jira Cloud site: a ticket is opened in
    Jira with each finding's details (the claims resources, principals, source IP addresses involved)."""
    put(
        s,
        "aws:securityhub/connectorV2:ConnectorV2",
        "claims-findings-jira",
        claims_provider(s),
        name="claims-findings-jira",
        description="findings of the claims account as Jira tickets",
        connectorProvider={"jiraCloud": {"projectKey": "CLAIMSEC"}},
        kmsKeyArn=KMS_IE,
        tags=dict(GDPR),
    )


# Violates: findings are sent to Jira Cloud, Atlassian's service outside the cloud.
case("out24-security-hub-connector-jira-cloud", OUTSIDE, "DENY", OUT_DOC["securityhub-connector"])(jira_connector)
# Violates: the hotline's conversations (the claimants' messages) are handed over to LivePerson, a service outside
# the cloud, although the profile and its topic are in Belgium.
case("out24-agent-assist-handoff-liveperson", OUTSIDE, "DENY", OUT_DOC["liveperson"], config=GDPR_STACK)(
    agent_assist("europe-west1", handoff=True)
)


def prisma_access(s: Stack) -> None:
    """The claims VPC's Secure Access Connect realm and its Frankfurt attachment: the claims staff's internet-bound
    traffic (uploads to insurers' portals included) is sent through Palo Alto Networks' Prisma Access."""
    realm = put(
        s,
        "gcp:networksecurity/sacRealm:SacRealm",
        "claims-sse",
        gcp(s),
        known={"id": f"projects/{PROJECT}/locations/global/sacRealms/claims-sse"},
        project=PROJECT,
        name="claims-sse",
        securityService="PALO_ALTO_PRISMA_ACCESS",
        labels=dict(GDPR),
    )
    put(
        s,
        "gcp:networksecurity/sacAttachment:SacAttachment",
        "claims-sse-frankfurt",
        gcp(s),
        deps=[realm],
        project=PROJECT,
        name="claims-sse-frankfurt",
        location="europe-west3",
        sacRealm=f"projects/{PROJECT}/locations/global/sacRealms/claims-sse",
        nccGateway=f"projects/{PROJECT}/locations/europe-west3/spokes/claims-gateway",
        labels=dict(GDPR),
    )


# Violates: the traffic is inspected in a third party's cloud.
case("out24-secure-access-connect-prisma-access", OUTSIDE, "DENY", OUT_DOC["sac"])(prisma_access)
PARTNER_PLS = (
    f"/subscriptions/{PARTNER_SUB}/resourceGroups/scoring/providers/Microsoft.Network/privateLinkServices/fraud-scoring"
)
DOCS_ACCOUNT_ID = f"{RG}/Microsoft.Storage/storageAccounts/ledgerclaimsdocs"


def claims_endpoint(partner: bool) -> Build:
    """The claims app's private endpoint (West Europe VNet) through which it sends data: ``partner``, to the
    fraud-scoring Private Link service of a third-party administrator, in that company's own subscription and
    tenant (East US), approved manually; else to the blob service of our claims documents account (West Europe)."""

    def build(s: Stack) -> None:
        deps = []
        if partner:
            connections: dict[str, Any] = {
                "manualPrivateLinkServiceConnections": [
                    {
                        "name": "tpa-fraud-scoring",
                        "privateLinkServiceId": PARTNER_PLS,
                        "requestMessage": "Ledger claims app, fraud scoring of new claims",
                    }
                ]
            }
        else:
            deps.append(storage_account(s, "ledgerclaimsdocs", "westeurope", dict(GDPR)))
            connections = {
                "privateLinkServiceConnections": [
                    {"name": "claims-docs-blob", "privateLinkServiceId": DOCS_ACCOUNT_ID, "groupIds": ["blob"]}
                ]
            }
        put(
            s,
            "azure-native:network:PrivateEndpoint",
            "claims-app-endpoint",
            azure(s),
            deps=deps,
            resourceGroupName="ledger",
            privateEndpointName="claims-app-endpoint",
            location="westeurope",
            subnet={"id": f"{RG}/Microsoft.Network/virtualNetworks/claims-weu/subnets/endpoints"},
            tags=dict(GDPR),
            **connections,
        )

    return build


# Violates: every new claim is sent for scoring to another company's service, in its own tenant.
case("out24-private-endpoint-partner-service", OUTSIDE, "DENY", OUT_DOC["private-link"])(claims_endpoint(partner=True))
# Complies: the endpoint reaches our own claims documents account in West Europe.
case("out24-private-endpoint-own-storage", OUTSIDE, cite=OUT_DOC["private-link"])(claims_endpoint(partner=False))


def confluent_source(tags: dict[str, str]) -> Build:
    """A Confluent Cloud (Azure Native ISV service) Azure Blob Storage source connector that reads every blob of
    container claims of account ledgerclaimsdocs (West Europe, ``tags``) into Kafka topic claims-documents of the
    claims team's Confluent Cloud cluster."""

    def build(s: Stack) -> None:
        account = storage_account(s, "ledgerclaimsdocs", "westeurope", dict(tags))
        put(
            s,
            "azure-native:confluent:Connector",
            "claims-docs-source",
            azure(s),
            deps=[account],
            resourceGroupName="ledger",
            organizationName="ledger-confluent",
            environmentId="env-7q2m9w",
            clusterId="lkc-9x8y7z",
            connectorName="claims-docs-source",
            connectorBasicInfo={
                "connectorName": "claims-docs-source",
                "connectorClass": "AZUREBLOBSOURCE",
                "connectorType": "SOURCE",
            },
            connectorServiceTypeInfo={
                "connectorServiceType": "AzureBlobStorageSourceConnector",
                "storageAccountName": "ledgerclaimsdocs",
                "storageContainerName": "claims",
                "storageAccountKey": secret("c2VjcmV0LXN0b3JhZ2Uta2V5LWZvci10aGUtY2FzZQ=="),
            },
            partnerConnectorInfo={
                "partnerConnectorType": "KafkaAzureBlobStorageSource",
                "authType": "KAFKA_API_KEY",
                "apiKey": secret("NQ7XK2M4PL9TRW3B"),
                "apiSecret": secret("q8Vn2Lk5Xw9Zr3Ty7Bm1Hc6Jd4Fs0Ga2"),
                "inputFormat": "BYTES",
                "outputFormat": "BYTES",
                "topics": ["claims-documents"],
                "maxTasks": "1",
            },
        )

    return build


# Violates: every claim document is copied into Confluent Cloud, a service outside the cloud provider.
case("out24-confluent-blob-source-connector-claims", OUTSIDE, "DENY", OUT_DOC["confluent"])(confluent_source(GDPR))
# Complies: the same connector reads an account that holds no regulated data (tagged none).
case("out24-confluent-blob-source-connector-unregulated", OUTSIDE, cite=OUT_DOC["confluent"])(confluent_source(NONE))


# ============================================================================ unset location defaults
DEF_DOC = {
    "worker-region": "https://cloud.google.com/dataflow/docs/reference/data-pipelines/rest/v1/projects.locations.pipelines#flextemplateruntimeenvironment",
    "dialogflow-global": "https://cloud.google.com/dialogflow/es/docs/how/region",
    "s3-arn": "https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-arn-format.html",
    "gcs-volume": "https://cloud.google.com/run/docs/configuring/services/cloud-storage-volume-mounts",
    "batch-mount": "https://learn.microsoft.com/en-us/rest/api/batchmanagement/pool/create",
}

# Complies: no workerRegion or workerZone: the workers run in the job's control-plane region, Frankfurt.
case("def24-data-pipeline-workers-default-region", DEFAULTS, cite=DEF_DOC["worker-region"], config=GDPR_STACK)(
    data_pipeline(None)
)
# Complies: no workerRegion, but workerZone europe-west4-a: the workers run in that zone, in the Netherlands.
case("def24-data-pipeline-worker-zone-netherlands", DEFAULTS, cite=DEF_DOC["worker-region"], config=GDPR_STACK)(
    data_pipeline(
        None,
        environment={
            "numWorkers": 2,
            "maxWorkers": 10,
            "serviceAccountEmail": f"claims-dataflow@{PROJECT}.iam.gserviceaccount.com",
            "subnetwork": "regions/europe-west4/subnetworks/dataflow",
            "ipConfiguration": "WORKER_IP_PRIVATE",
            "workerZone": "europe-west4-a",
        },
    )
)
# Violates: the profile's location is global; Dialogflow's global location keeps its data at rest in the US.
case("def24-agent-assist-profile-global", DEFAULTS, "DENY", DEF_DOC["dialogflow-global"], config=GDPR_STACK)(
    agent_assist("europe-west1", location="global")
)
# Violates: the failed-batch bucket is named only by its ARN, which carries no Region, and the stack does not
# manage it; where the failed records land cannot be determined.
case("def24-ddb-stream-failed-batches-bucket-unplaced", DEFAULTS, "DENY", DEF_DOC["s3-arn"])(
    stream_failures("eu-west-1", in_stack=False)
)
# Violates: the worker pool writes into a bucket the stack does not manage; its location is unknown.
case("def24-worker-pool-bucket-unplaced", DEFAULTS, "DENY", DEF_DOC["gcs-volume"])(
    worker_pool("EUROPE-WEST3", False, in_stack=False)
)
# Violates: the mounted account is named only by its name and the stack does not manage it; where the extracted
# text is written cannot be determined.
case("def24-batch-pool-mount-account-unplaced", DEFAULTS, "DENY", DEF_DOC["batch-mount"], config=GDPR_STACK)(
    batch_pool("westeurope", in_stack=False)
)


# ============================================================================ Kubernetes operators
OP_DOC = {
    "ack-ecs-service": "https://aws-controllers-k8s.github.io/community/reference/ecs/v1alpha1/service/",
    "crossplane-ebs": "https://marketplace.upbound.io/providers/upbound/provider-aws-ec2/latest/resources/ec2.aws.upbound.io/EBSVolume/v1beta1",
    "aso-redis": "https://azure.github.io/azure-service-operator/reference/cache/v1api20230701/",
    "redis-geo": "https://learn.microsoft.com/en-us/azure/azure-cache-for-redis/cache-how-to-active-geo-replication",
    "aso-web": "https://azure.github.io/azure-service-operator/reference/web/v1api20220301/",
    "kcc-transfer": "https://cloud.google.com/config-connector/docs/reference/resource-docs/storagetransfer/storagetransferjob",
}


def ack_service_connect(log_region: str) -> Build:
    """The GDPR tenant's ACK ECS service (Ireland) on Service Connect, whose proxy's access logs (query parameters
    included) go to CloudWatch Logs in ``log_region``."""
    service = custom_resource(
        "ecs.services.k8s.aws/v1alpha1",
        "Service",
        "acme-claims-api",
        "acme",
        {
            "serviceName": "acme-claims-api",
            "cluster": f"arn:aws:ecs:eu-west-1:{ACCOUNT}:cluster/acme",
            "taskDefinition": f"arn:aws:ecs:eu-west-1:{ACCOUNT}:task-definition/acme-claims-api:7",
            "desiredCount": 2,
            "launchType": "FARGATE",
            "networkConfiguration": {
                "awsvpcConfiguration": {
                    "subnets": ["subnet-0a1b2c3d4e5f60718"],
                    "securityGroups": ["sg-0c1d2e3f4a5b60718"],
                }
            },
            "serviceConnectConfiguration": {
                "enabled": True,
                "namespace": "acme-claims",
                "accessLogConfiguration": {"format": "JSON", "includeQueryParameters": "ENABLED"},
                "logConfiguration": awslogs(log_region, "/acme/service-connect", "acme-claims-api"),
                "services": [{"portName": "api", "discoveryName": "acme-claims-api"}],
            },
        },
        annotations={"services.k8s.aws/region": "eu-west-1"},
    )
    return operator(service)


# Violates: the tenant's request logs go to CloudWatch Logs in N. Virginia.
case("op24-ack-ecs-service-connect-logs-virginia", OPERATORS, "DENY", OP_DOC["ack-ecs-service"])(
    ack_service_connect("us-east-1")
)
# Complies: they go to Ireland.
case("op24-ack-ecs-service-connect-logs-ireland", OPERATORS, cite=OP_DOC["ack-ecs-service"])(
    ack_service_connect("eu-west-1")
)


def crossplane_volume(zone: str) -> Build:
    """The GDPR tenant's cluster-scoped Crossplane EBS volume for its branch scanning server, region Frankfurt,
    availability zone ``zone`` (a Local Zone of Frankfurt)."""
    volume = custom_resource(
        "ec2.aws.upbound.io/v1beta1",
        "EBSVolume",
        "acme-branch-scans",
        None,
        {
            "forProvider": {
                "region": "eu-central-1",
                "availabilityZone": zone,
                "size": 200,
                "type": "gp2",
                "encrypted": True,
            },
            "providerConfigRef": {"name": "default"},
        },
        labels={**GDPR, "fleet-tenant": "acme"},
    )
    return operator(volume)


# Violates: the volume is in the Istanbul Local Zone, in Turkey.
case("op24-crossplane-ebs-volume-istanbul-local-zone", OPERATORS, "DENY", AWS_DOC["local-zones"])(
    crossplane_volume("eu-central-1-ist-1a")
)
# Complies: the Hamburg Local Zone, in Germany.
case("op24-crossplane-ebs-volume-hamburg-local-zone", OPERATORS, cite=OP_DOC["crossplane-ebs"])(
    crossplane_volume("eu-central-1-ham-1a")
)
REDIS_ID = f"{ACME_RG}/Microsoft.Cache/redisEnterprise"


def aso_redis_geo(linked_location: str) -> Build:
    """The GDPR tenant's ASO Redis Enterprise session cache (West Europe) whose default database is actively
    geo-replicated with the default database of a second cluster in ``linked_location``, labelled as holding no
    regulated data: every session (claimants' logins, drafts) is written to both."""
    linked = f"acme-sessions-{linked_location}"

    def cluster_object(name: str, location: str, labels: dict[str, str] | None) -> Callable[[Stack, str], str]:
        return custom_resource(
            "cache.azure.com/v1api20230701",
            "RedisEnterprise",
            name,
            "acme",
            {"location": location, "owner": {"name": "acme-rg"}, "sku": {"name": "Enterprise_E10", "capacity": 2}},
            labels=labels,
        )

    def database(name: str, owner: str, labels: dict[str, str] | None) -> Callable[[Stack, str], str]:
        return custom_resource(
            "cache.azure.com/v1api20230701",
            "RedisEnterpriseDatabase",
            name,
            "acme",
            {
                "azureName": "default",
                "owner": {"name": owner},
                "clientProtocol": "Encrypted",
                "clusteringPolicy": "EnterpriseCluster",
                "evictionPolicy": "NoEviction",
                "port": 10000,
                "geoReplication": {
                    "groupNickname": "acme-sessions",
                    "linkedDatabases": [
                        {"reference": {"armId": f"{REDIS_ID}/acme-sessions/databases/default"}},
                        {"reference": {"armId": f"{REDIS_ID}/{linked}/databases/default"}},
                    ],
                },
            },
            labels=labels,
        )

    parts = [
        cluster_object("acme-sessions", "westeurope", None),
        cluster_object(linked, linked_location, dict(NONE)),
        database("acme-sessions-default", "acme-sessions", None),
        database(f"{linked}-default", linked, dict(NONE)),
    ]

    def make(s: Stack, k8s: str) -> str:
        return [part(s, k8s) for part in parts][-1]

    return operator(make, "azure-native")


# Violates: the tenant's sessions are replicated to a cluster in East US.
case("op24-aso-redis-enterprise-geo-link-east-us", OPERATORS, "DENY", OP_DOC["redis-geo"])(aso_redis_geo("eastus"))
# Complies: the linked cluster is in North Europe.
case("op24-aso-redis-enterprise-geo-link-north-europe", OPERATORS, cite=OP_DOC["aso-redis"])(
    aso_redis_geo("northeurope")
)


def aso_site(sql_location: str) -> Build:
    """The GDPR tenant's ASO App Service site (West Europe) whose ClaimsDb connection string names an ASO SQL server
    in ``sql_location``, labelled as holding no regulated data: the site writes every claim there."""
    server_name = f"acme-claims-{sql_location}"
    server = custom_resource(
        "sql.azure.com/v1api20211101",
        "Server",
        server_name,
        "acme",
        {
            "azureName": server_name,
            "location": sql_location,
            "owner": {"name": "acme-rg"},
            "version": "12.0",
            "minimalTlsVersion": "1.2",
            "publicNetworkAccess": "Disabled",
        },
        labels=dict(NONE),
    )
    site = custom_resource(
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
                "connectionStrings": [
                    {
                        "name": "ClaimsDb",
                        "connectionString": f"Server=tcp:{server_name}.database.windows.net,1433;Database=claims;"
                        "Authentication=Active Directory Managed Identity;Encrypt=True;",
                        "type": "SQLAzure",
                    }
                ]
            },
        },
    )

    def make(s: Stack, k8s: str) -> str:
        server(s, k8s)
        return site(s, k8s)

    return operator(make, "azure-native")


# Violates: the tenant's portal writes its claims into a database on a server in East US.
case("op24-aso-site-connection-string-east-us", OPERATORS, "DENY", OP_DOC["aso-web"])(aso_site("eastus"))
# Complies: the server is in West Europe.
case("op24-aso-site-connection-string-west-europe", OPERATORS, cite=OP_DOC["aso-web"])(aso_site("westeurope"))


def kcc_transfer_job(copy_location: str) -> Build:
    """The GDPR tenant's Config Connector Storage Transfer job copying its claim documents bucket (Frankfurt) every
    night into bucket acme-claim-docs-copy, a Config Connector bucket in ``copy_location`` labelled as holding no
    regulated data."""

    def bucket(name: str, location: str, labels: dict[str, str] | None) -> Callable[[Stack, str], str]:
        return custom_resource(
            "storage.cnrm.cloud.google.com/v1beta1",
            "StorageBucket",
            name,
            "acme",
            {"location": location, "uniformBucketLevelAccess": True},
            annotations={"cnrm.cloud.google.com/project-id": "acme-prod"},
            labels=labels,
        )

    job = custom_resource(
        "storagetransfer.cnrm.cloud.google.com/v1beta1",
        "StorageTransferJob",
        "acme-claim-docs-nightly",
        "acme",
        {
            "description": "nightly copy of the claim documents",
            "status": "ENABLED",
            "schedule": {
                "scheduleStartDate": {"year": 2025, "month": 6, "day": 1},
                "startTimeOfDay": {"hours": 2, "minutes": 0, "seconds": 0, "nanos": 0},
            },
            "transferSpec": {
                "gcsDataSource": {"bucketRef": {"name": "acme-claim-docs"}},
                "gcsDataSink": {"bucketRef": {"name": "acme-claim-docs-copy"}},
            },
        },
        annotations={"cnrm.cloud.google.com/project-id": "acme-prod"},
    )
    parts = [
        bucket("acme-claim-docs", "EUROPE-WEST3", None),
        bucket("acme-claim-docs-copy", copy_location, dict(NONE)),
        job,
    ]

    def make(s: Stack, k8s: str) -> str:
        return [part(s, k8s) for part in parts][-1]

    return operator(make, "gcp")


# Violates: the tenant's claim documents are copied every night into a bucket in the US multi-region.
case("op24-kcc-storage-transfer-to-us", OPERATORS, "DENY", OP_DOC["kcc-transfer"])(kcc_transfer_job("US"))
# Complies: the copy bucket is in the EU multi-region.
case("op24-kcc-storage-transfer-to-eu", OPERATORS, cite=OP_DOC["kcc-transfer"])(kcc_transfer_job("EU"))


# ============================================================================ cloud guardrails
GRD_DOC = {
    "sso-roles": "https://docs.aws.amazon.com/singlesignon/latest/userguide/referencingpermissionsets.html",
    "scp-effects": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html",
    "userid": "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-userid",
    "gcp-value-groups": "https://cloud.google.com/resource-manager/docs/organization-policy/defining-locations",
    "az-exemption": "https://learn.microsoft.com/en-us/azure/governance/policy/concepts/exemption-structure",
    "az-initiative": "https://learn.microsoft.com/en-us/azure/governance/policy/concepts/initiative-definition-structure",
}

# Violates: the deny exempts every role under the path /aws-reserved/, which holds every IAM Identity Center
# permission-set role (aws-reserved/sso.amazonaws.com/...): the people who sign in through Identity Center may
# create resources in any Region.
case("grd24-aws-scp-exempts-aws-reserved-path", GUARDRAILS, "DENY", GRD_DOC["sso-roles"])(
    eks_guarded(scp(extra={"ArnNotLike": {"aws:PrincipalARN": ["arn:aws:iam::*:role/aws-reserved/*"]}}))
)
# Complies: the exemption names service-linked roles only, which SCPs do not affect in the first place; the region
# deny still applies to every principal SCPs restrict.
case("grd24-aws-scp-exempts-service-linked-roles", GUARDRAILS, cite=GRD_DOC["scp-effects"])(
    eks_guarded(scp(extra={"ArnNotLike": {"aws:PrincipalARN": ["arn:aws:iam::*:role/aws-service-role/*"]}}))
)
# Violates: the deny applies only when aws:userid is not like AROA*: every assumed-role session (role IDs start with
# AROA) is exempt, that is, almost every principal that makes requests.
case("grd24-aws-scp-exempts-role-sessions-by-userid", GUARDRAILS, "DENY", GRD_DOC["userid"])(
    eks_guarded(scp(extra={"StringNotLike": {"aws:userid": ["AROA*"]}}))
)


def stockholm_policy(s: Stack, org: str) -> None:
    """The project's gcp.resourceLocations policy allowing the Frankfurt and Stockholm value groups only; the
    project's _Default sink taken over, to Frankfurt."""
    default_sink("europe-west3")(s)
    put(
        s,
        "gcp:orgpolicy/policy:Policy",
        "locations",
        org,
        name=f"projects/{PROJECT}/policies/gcp.resourceLocations",
        parent=f"projects/{PROJECT}",
        spec={
            "inheritFromParent": False,
            "rules": [{"values": {"allowedValues": ["in:europe-west3-locations", "in:europe-north2-locations"]}}],
        },
    )


# Complies: the value groups of Frankfurt (europe-west3) and Stockholm (europe-north2) are both inside the EEA.
case("grd24-gcp-locations-frankfurt-stockholm-groups", GUARDRAILS, cite=GRD_DOC["gcp-value-groups"])(
    gke_guarded(stockholm_policy)
)
SANDBOX_SUB = "e2b7c4d1-6f3a-4a8e-9c5b-1d0e7f2a3b46"  # our sandbox subscription, in the same management group


def mg_exemption(scope: str) -> Build:
    """The guarded AKS cluster whose allowed-locations assignments are at management group eea-workloads, with the
    cluster's subscription and the sandbox subscription placed in it, and a waiver of the "Allowed locations"
    assignment at ``scope``."""
    base = subscription_in_group("eea-workloads")

    def build(s: Stack) -> None:
        base(s)
        sandbox = s.provider("azure-native", "sandbox", subscriptionId=SANDBOX_SUB)
        put(
            s,
            "azure-native:management:ManagementGroupSubscription",
            "sandbox-subscription",
            sandbox,
            deps=[s.urn("azure-native:management:ManagementGroup", "mg-eea-workloads")],
            groupId="eea-workloads",
        )
        provider = (
            sandbox
            if scope.startswith(f"/subscriptions/{SANDBOX_SUB}")
            else s.urn("pulumi:providers:azure-native", "policy")
        )
        put(
            s,
            "azure-native:authorization:PolicyExemption",
            "locations-waiver",
            provider,
            scope=scope,
            policyExemptionName="locations-waiver",
            exemptionCategory="Waiver",
            displayName="experiments may be created in any region",
            policyAssignmentId=f"{MG_ROOT}/eea-workloads/providers/Microsoft.Authorization/policyAssignments/eea-locations",
        )

    return build


# Complies: the waiver covers the sandbox subscription only; no scope of the cluster's subscription is exempt, so
# the management group's assignment still answers for it.
case("grd24-azure-mg-exemption-other-subscription", GUARDRAILS, cite=GRD_DOC["az-exemption"])(
    mg_exemption(f"/subscriptions/{SANDBOX_SUB}")
)
# Violates: the waiver takes a resource group of the cluster's own subscription out of the guardrail.
case("grd24-azure-mg-exemption-cluster-subscription-group", GUARDRAILS, "DENY", GRD_DOC["az-exemption"])(
    mg_exemption(f"/subscriptions/{SUB}/resourceGroups/claims-experiments")
)


def mg_initiative(s: Stack) -> None:
    """The guarded AKS cluster whose guardrail is an initiative wrapping "Allowed locations" defined at the
    ledger-root management group, assigned (enforced) on the cluster's subscription with the EEA regions."""
    aks_guarded()(s)
    s.resources = [r for r in s.resources if r.type != "azure-native:authorization:PolicyAssignment"]
    policy = s.urn("pulumi:providers:azure-native", "policy")
    set_id = f"{MG_ROOT}/ledger-root/providers/Microsoft.Authorization/policySetDefinitions/eea-residency"
    initiative = put(
        s,
        "azure-native:authorization:PolicySetDefinitionAtManagementGroup",
        "eea-residency",
        policy,
        known={"id": set_id},
        managementGroupId="ledger-root",
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
    scope = f"/subscriptions/{SUB}"
    put(
        s,
        "azure-native:authorization:PolicyAssignment",
        "eea-residency",
        policy,
        deps=[initiative],
        known={"id": f"{scope}/providers/Microsoft.Authorization/policyAssignments/eea-residency"},
        scope=scope,
        policyAssignmentName="eea-residency",
        policyDefinitionId=set_id,
        enforcementMode="Default",
        parameters={"allowed": {"value": GDPR_AZURE}},
    )


# Complies: an enforced assignment of an initiative holding "Allowed locations" with the EEA regions covers the
# subscription; that the initiative is defined at a management group does not change what it enforces.
case("grd24-azure-initiative-defined-at-management-group", GUARDRAILS, cite=GRD_DOC["az-initiative"])(mg_initiative)


# ============================================================================ unknown at preview
PRE_DOC = {
    "unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
    "policy-preview": "https://www.pulumi.com/docs/iac/using-pulumi/crossguard/best-practices/",
    "stack-references": "https://www.pulumi.com/docs/iac/concepts/stacks/#stackreferences",
}

# Violates: the failed-batch bucket is new (its ARN unknown to the mapping); it is created in N. Virginia.
case("pre24-ddb-stream-new-bucket-virginia", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    stream_failures("us-east-1", new_bucket=True)
)
# Complies at preview: the new bucket is created in Ireland.
case("pre24-ddb-stream-new-bucket-ireland", PREVIEW, cite=PRE_DOC["policy-preview"])(
    stream_failures("eu-west-1", new_bucket=True)
)
# Violates: the topic is new (its ID unknown to the profile); its messages are stored only in Iowa.
case("pre24-agent-assist-new-topic-iowa", PREVIEW, "DENY", PRE_DOC["unknowns"], config=GDPR_STACK)(
    agent_assist("us-central1", new_topic=True)
)
# Complies at preview: the new topic stores its messages in Belgium only.
case("pre24-agent-assist-new-topic-belgium", PREVIEW, cite=PRE_DOC["policy-preview"], config=GDPR_STACK)(
    agent_assist("europe-west1", new_topic=True)
)
# Violates: the mounted account is new (its name unknown to the pool); it is created in East US.
case("pre24-batch-pool-new-account-east-us", PREVIEW, "DENY", PRE_DOC["unknowns"], config=GDPR_STACK)(
    batch_pool("eastus", new_account=True)
)
# Complies at preview: the datastore's new account is created in West Europe.
case("pre24-ml-datastore-new-account-west-europe", PREVIEW, cite=PRE_DOC["policy-preview"], config=GDPR_STACK)(
    ml_datastore("westeurope", new_account=True)
)
# Violates: the directory is new (its ID unknown to the share); the consumer, another company's account, is known.
case("pre24-directory-share-new-directory-partner", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    directory_share(PARTNER_ACCOUNT, new_directory=True)
)
# Violates: the analytics account is new (its endpoint unknown to the linked service); it is created in East US.
case("pre24-adf-cdc-new-lake-east-us", PREVIEW, "DENY", PRE_DOC["unknowns"])(cdc("eastus", new_lake=True))
# Complies at preview: the SQL server is new (the connection string waits for its host name); it is created in
# West Europe.
case("pre24-connection-string-new-server-west-europe", PREVIEW, cite=PRE_DOC["policy-preview"], config=GDPR_STACK)(
    connection_strings("westeurope", new_server=True)
)
# Violates: the bucket is new (its name unknown to the worker pool); it is created, read-write, in the US.
case("pre24-worker-pool-new-us-bucket", PREVIEW, "DENY", PRE_DOC["unknowns"])(worker_pool("US", False, new_bucket=True))
# Complies at preview: the proxy's awslogs-region comes from another stack's output (a stack reference), unknown at
# preview and taken from no resource of this stack; the decision is deferred to the update, which is no mandatory
# violation.
case("pre24-service-connect-log-region-deferred", PREVIEW, cite=PRE_DOC["stack-references"])(service_connect(UNKNOWN))


# ============================================================================ malformed shapes
BAD_DOC = {
    "ebs-volume": "https://www.pulumi.com/registry/packages/aws/api-docs/ebs/volume/",
    "esm": "https://www.pulumi.com/registry/packages/aws/api-docs/lambda/eventsourcemapping/",
    "daemon": "https://www.pulumi.com/registry/packages/aws/api-docs/ecs/daemontaskdefinition/",
    "ad-domain": "https://www.pulumi.com/registry/packages/gcp/api-docs/activedirectory/domain/",
    "pipeline": "https://www.pulumi.com/registry/packages/gcp/api-docs/dataflow/pipeline/",
    "batch-pool": "https://www.pulumi.com/registry/packages/azure-native/api-docs/batch/pool/",
    "connection-strings": "https://www.pulumi.com/registry/packages/azure-native/api-docs/web/webappconnectionstrings/",
    "firewall-policy": "https://www.pulumi.com/registry/packages/azure-native/api-docs/network/firewallpolicy/",
    "bridge": "https://github.com/pulumi/pulumi-terraform-bridge/blob/master/pkg/tfbridge/schema.go",
}
FAILED_BATCHES_ARN = f"arn:aws:s3:::{FAILED_BATCHES}"

# Violates: availabilityZone (one zone name) is an object naming the Hamburg Local Zone.
case("mal24-ebs-volume-availability-zone-object", MALFORMED, "DENY", BAD_DOC["ebs-volume"])(
    local_zone_volume("eu-central-1-ham-1a", az={"name": "eu-central-1-ham-1a", "type": "local-zone"})
)
# Violates: destinationConfig (one block) is a list of two blocks, both naming the Ireland bucket.
case("mal24-esm-destination-config-two-blocks", MALFORMED, "DENY", BAD_DOC["esm"])(
    stream_failures(
        "eu-west-1",
        destination=[
            {"onFailure": {"destinationArn": FAILED_BATCHES_ARN}},
            {"onFailure": {"destinationArn": FAILED_BATCHES_ARN}},
        ],
    )
)
# Complies: destinationConfig (a block the SDK flattens) as a one-item list, which the bridge hands to Terraform as
# it reads it; the bucket is in Ireland.
case("mal24-esm-destination-config-one-item-list", MALFORMED, cite=BAD_DOC["bridge"])(
    stream_failures("eu-west-1", destination=[{"onFailure": {"destinationArn": FAILED_BATCHES_ARN}}])
)
# Violates: the container's logConfiguration (one block) is a list of two, both logging to Ireland.
case("mal24-daemon-log-configuration-two-blocks", MALFORMED, "DENY", BAD_DOC["daemon"])(
    daemon_logs(
        "eu-west-1",
        log_configuration=[
            awslogs("eu-west-1", "/claims/attachment-scanner", "scanner"),
            awslogs("eu-west-1", "/claims/attachment-scanner", "scanner-2"),
        ],
    )
)
# Violates: each item of locations (a list of region names) is an object naming a European region.
case("mal24-ad-domain-locations-objects", MALFORMED, "DENY", BAD_DOC["ad-domain"])(
    ad_domain([{"region": "europe-west3"}, {"region": "europe-west4"}])
)
PIPELINE_ENV = {
    "numWorkers": 2,
    "maxWorkers": 10,
    "serviceAccountEmail": f"claims-dataflow@{PROJECT}.iam.gserviceaccount.com",
    "subnetwork": "regions/europe-west4/subnetworks/dataflow",
    "ipConfiguration": "WORKER_IP_PRIVATE",
}
# Violates: workerRegion (one region) is a list of two, both in the EEA.
case("mal24-data-pipeline-worker-region-two-values", MALFORMED, "DENY", BAD_DOC["pipeline"], config=GDPR_STACK)(
    data_pipeline(None, environment={**PIPELINE_ENV, "workerRegion": ["europe-west4", "europe-west1"]})
)
# Complies: the launch environment (a block the SDK flattens) as a one-item list; the workers run in the
# Netherlands.
case("mal24-data-pipeline-environment-one-item-list", MALFORMED, cite=BAD_DOC["bridge"], config=GDPR_STACK)(
    data_pipeline(None, environment=[{**PIPELINE_ENV, "workerRegion": "europe-west4"}])
)
# Violates: azureBlobFileSystemConfiguration (an object) is a one-item list naming the West Europe account
# (azure-native).
case("mal24-batch-pool-blob-mount-list", MALFORMED, "DENY", BAD_DOC["batch-pool"], config=GDPR_STACK)(
    batch_pool(
        "westeurope",
        blob_config=[
            {
                "accountName": "claimsocr",
                "containerName": "ocr-text",
                "relativeMountPath": "ocr-text",
                "identityReference": {"resourceId": OCR_IDENTITY},
            }
        ],
    )
)
# Violates: the ClaimsDb entry (an object of value and type) is a one-item list naming the West Europe server
# (azure-native).
case("mal24-connection-string-entry-list", MALFORMED, "DENY", BAD_DOC["connection-strings"], config=GDPR_STACK)(
    connection_strings(
        "westeurope",
        properties={
            "ClaimsDb": [
                {
                    "value": "Server=tcp:claims-sql-westeurope.database.windows.net,1433;Database=claims;"
                    "Authentication=Active Directory Managed Identity;Encrypt=True;",
                    "type": "SQLAzure",
                }
            ]
        },
    )
)
# Violates: defaultWorkspaceId (an object with an id) is a one-item list naming the West Europe workspace
# (azure-native).
case("mal24-firewall-policy-default-workspace-list", MALFORMED, "DENY", BAD_DOC["firewall-policy"])(
    firewall_policy(
        "westeurope",
        resources={"defaultWorkspaceId": [{"id": f"{RG}/Microsoft.OperationalInsights/workspaces/fw-analytics"}]},
    )
)
# Complies: newMessageEventNotificationConfig (a block the SDK flattens) as a one-item list; the topic stores its
# messages in Belgium.
case("mal24-agent-assist-notification-one-item-list", MALFORMED, cite=BAD_DOC["bridge"], config=GDPR_STACK)(
    agent_assist(
        "europe-west1",
        notification=[{"topic": f"projects/{PROJECT}/topics/{CHAT_TOPIC}", "messageFormat": "JSON"}],
    )
)
