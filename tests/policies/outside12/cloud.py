"""Cloud residency cases of the twelfth outside corpus, written from cloud-provider documentation and the
pack's user-facing contract (docs/RULES.md, docs/SPEC.md, docs/REVIEW.md, README.md) by a helper session
that had not read the pack's rules, its residency survey, its configs or its tests. It must never be used
to tune the pack (see README.md beside it).

Cases are built with the ``Case``/``Stack`` API of ``tests/policies/corpus.py`` and the helpers of the
earlier outside corpora. A case asks only whether a correct pack denies it: ``expect="DENY"`` (some
mandatory violation) or nothing (compliant: no mandatory violation at all). Each cites the page its outcome
rests on; a comment above it says why it violates or complies. The resource that decides each case is of a
type none of the eleven earlier corpora created (sources, destinations and guardrail scaffolding around it
may be of known types): CodePipeline cross-Region artifact stores, Bedrock application inference profiles,
OpenSearch cross-cluster connections, Lightsail distributions, Batch job definitions, RAM shares, CloudWatch
Logs vended-log deliveries, AppStream storage connectors, Location Service trackers, Neptune Analytics
graphs; Spanner instance partitions, Transcoder jobs, Media CDN origins, regional-disk snapshot schedules,
BigQuery authorized datasets, image IAM, Vertex AI online stores, Dataflow Flex Template jobs; Data
Explorer Cosmos DB data connections, App Service diagnostic logs, DICOM data lake storage, VM application
versions, API Management Application Insights loggers, community galleries, connected registries, Azure
HorizonDB; ACK Kinesis streams, Crossplane BigQuery datasets, Config Connector Firestore databases, ASO App
Configuration stores; organization-level GCP policies, AWS root targets mapped by the policy config, and
clusters holding two regimes at once.

``UNKNOWN`` stands for a value the engine only learns at the update.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from tests.policies.corpus import GDPR, NONE, UNKNOWN, Stack, secret
from tests.policies.outside.corpus import (
    ACCOUNT,
    PROJECT,
    RG,
    SUB,
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
    org_policy,
    put,
    s3_bucket,
)
from tests.policies.outside4.cloud import retouch
from tests.policies.outside5.cloud import XP_REF
from tests.policies.outside9.cloud import resource_group
from tests.policies.outside10.cloud import _relabel, aks_regime, gke_regime
from tests.policies.outside11.cloud import depends, own_account_provider
from tests.policies.outside12.common import case

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

EU = {"fleet-residency": "eu"}
DE = {"fleet-residency": "de"}
DE_REGIME = {"regimes": [{"name": "de", "countries": ["DE"], "regions": [], "description": "Germany only"}]}
PARTNER_ACCOUNT = "444455556666"  # another company's AWS account, outside this stack
OWN_ACCOUNT = "222233334444"  # a second account of ours, named by a provider of the stack (own_account_provider)
PARTNER_PROJECT = "partner-analytics-4412"  # another company's Google Cloud project
AZ_RG = f"/subscriptions/{SUB}/resourceGroups/ledger"


def arm(path: str) -> str:
    """The ARM ID of a resource in resource group ledger."""
    return f"{RG}/{path}"


def blob_account(
    s: Stack, name: str, location: str, tags: dict[str, str] | None = None, hns: bool = False, known: bool = True
) -> str:
    """A storage account in resource group ledger; one that exists carries the blob endpoint its state holds
    (what a SAS URL or media link names)."""
    inputs: dict[str, Any] = {
        "resourceGroupName": "ledger",
        "accountName": name,
        "location": location,
        "kind": "StorageV2",
        "sku": {"name": "Standard_LRS"},
        "allowBlobPublicAccess": False,
        "minimumTlsVersion": "TLS1_2",
    }
    if hns:
        inputs["isHnsEnabled"] = True
    if tags is not None:
        inputs["tags"] = tags
    outputs = {
        "id": arm(f"Microsoft.Storage/storageAccounts/{name}"),
        "primaryEndpoints": {
            "blob": f"https://{name}.blob.core.windows.net/",
            "dfs": f"https://{name}.dfs.core.windows.net/",
        },
        "primaryLocation": location,
    }
    return put(
        s,
        "azure-native:storage:StorageAccount",
        name,
        azure(s, location),
        known=outputs if known else None,
        **inputs,
    )


# ============================================================================ AWS: copies
AWS_DOC = {
    "pipeline-cross-region": "https://docs.aws.amazon.com/codepipeline/latest/userguide/actions-create-cross-region.html",
    "pipeline-pulumi": "https://www.pulumi.com/registry/packages/aws/api-docs/codepipeline/pipeline/",
    "bedrock-global": "https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html",
    "bedrock-cris": "https://docs.aws.amazon.com/bedrock/latest/userguide/cross-region-inference.html",
    "bedrock-app-profile": "https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-create.html",
    "opensearch-ccr": "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/replication.html",
    "opensearch-pulumi": "https://www.pulumi.com/registry/packages/aws/api-docs/opensearch/outboundconnection/",
    "lightsail-cdn": "https://www.pulumi.com/registry/packages/aws/api-docs/lightsail/distribution/",
    "lightsail-bucket-origin": "https://docs.aws.amazon.com/lightsail/2016-11-28/api-reference/API_Origin.html",
    "batch-awslogs": "https://docs.aws.amazon.com/batch/latest/userguide/using_awslogs.html",
    "awslogs-region": "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html",
}


def release_pipeline(
    dr_region: str, store_region: Any = None, new_store: bool = False, store_bucket: Any = "ledger-pipeline-dr"
) -> Build:
    """A GDPR CodePipeline in Ireland whose source is the nightly claims export (an object of a GDPR bucket) and
    whose last stage deploys it to the DR bucket in a second Region. For a cross-Region action CodePipeline
    copies the input artifact into the artifact store of the action's Region. ``store_region`` overrides the
    DR artifact store's Region as written (malformed cases); ``new_store``: the DR store bucket is created in
    this update (its name is unknown, followed through the property's dependency)."""

    def build(s: Stack) -> None:
        src = s3_bucket(s, "ledger-exports", "eu-west-1", GDPR)
        home = s3_bucket(s, "ledger-pipeline-ie", "eu-west-1", GDPR)
        target = s3_bucket(s, "ledger-claims-dr", dr_region)
        if new_store:
            store = put(s, "aws:s3/bucket:Bucket", "pipeline-dr-store", aws(s, dr_region), bucketPrefix="pipeline-dr-")
        else:
            store = s3_bucket(s, "ledger-pipeline-dr", dr_region)
        urn = put(
            s,
            "aws:codepipeline/pipeline:Pipeline",
            "claims-release",
            aws(s),
            deps=[src, home, target, store],
            name="claims-release",
            pipelineType="V2",
            roleArn=f"arn:aws:iam::{ACCOUNT}:role/service-role/claims-release",
            artifactStores=[
                {"location": "ledger-pipeline-ie", "type": "S3", "region": "eu-west-1"},
                {"location": store_bucket, "type": "S3", "region": dr_region if store_region is None else store_region},
            ],
            stages=[
                {
                    "name": "Source",
                    "actions": [
                        {
                            "name": "NightlyExport",
                            "category": "Source",
                            "owner": "AWS",
                            "provider": "S3",
                            "version": "1",
                            "outputArtifacts": ["claims"],
                            "configuration": {
                                "S3Bucket": "ledger-exports",
                                "S3ObjectKey": "nightly/claims.zip",
                                "PollForSourceChanges": "false",
                            },
                        }
                    ],
                },
                {
                    "name": "DisasterRecovery",
                    "actions": [
                        {
                            "name": "DeployToDr",
                            "category": "Deploy",
                            "owner": "AWS",
                            "provider": "S3",
                            "version": "1",
                            "region": dr_region,
                            "inputArtifacts": ["claims"],
                            "configuration": {"BucketName": "ledger-claims-dr", "Extract": "true"},
                        }
                    ],
                },
            ],
            tags=GDPR,
        )
        if new_store:
            depends(s, urn, artifactStores=[store])

    return build


# Violates: the DR stage runs in N. Virginia, so CodePipeline copies the GDPR export into the artifact store
# there (and deploys it to a bucket there).
case("aws-pipeline-dr-artifacts-virginia", AWS_COPIES, "DENY", AWS_DOC["pipeline-cross-region"])(
    release_pipeline("us-east-1")
)
# Complies: the DR stage and its artifact store are in Frankfurt.
case("aws-pipeline-dr-artifacts-frankfurt", AWS_COPIES, cite=AWS_DOC["pipeline-cross-region"])(
    release_pipeline("eu-central-1")
)

EU_CLAUDE = "eu.anthropic.claude-sonnet-4-20250514-v1:0"
GLOBAL_CLAUDE = "global.anthropic.claude-sonnet-4-20250514-v1:0"


def system_profile(profile_id: str) -> str:
    return f"arn:aws:bedrock:eu-west-1:{ACCOUNT}:inference-profile/{profile_id}"


def inference_profile(source: Any, name: Any = "claims-triage", model_source: Any = None) -> Build:
    """A GDPR Bedrock application inference profile in Ireland for the claims-triage assistant (it reads
    claimants' letters), copied from a system-defined cross-Region inference profile: requests go to the
    Regions that profile routes to."""

    def build(s: Stack) -> None:
        put(
            s,
            "aws:bedrock/inferenceProfile:InferenceProfile",
            "claims-triage",
            aws(s),
            name=name,
            description="Claims triage assistant",
            modelSource={"copyFrom": source} if model_source is None else model_source,
            tags=GDPR,
        )

    return build


# Violates: a global cross-Region inference profile routes the claimants' letters to any commercial Region.
case("aws-bedrock-app-profile-global", AWS_COPIES, "DENY", AWS_DOC["bedrock-global"])(
    inference_profile(system_profile(GLOBAL_CLAUDE))
)
# Complies: the EU geographic profile routes only to EU Regions.
case("aws-bedrock-app-profile-eu", AWS_COPIES, cite=AWS_DOC["bedrock-cris"])(
    inference_profile(system_profile(EU_CLAUDE))
)


def search_follower(local_region: str, remote_region: Any = "eu-west-1", remote_name: Any = "claims-search") -> Build:
    """A GDPR OpenSearch domain in Ireland (claim notes) and a follower domain in another Region with a
    cross-cluster connection from the follower to it: cross-cluster replication copies the leader's indexes
    into the follower, which pulls them over this connection."""

    def build(s: Stack) -> None:
        leader = put(
            s,
            "aws:opensearch/domain:Domain",
            "claims-search",
            aws(s),
            domainName="claims-search",
            engineVersion="OpenSearch_2.17",
            clusterConfig={"instanceType": "r6g.large.search", "instanceCount": 3},
            ebsOptions={"ebsEnabled": True, "volumeSize": 100},
            encryptAtRest={"enabled": True},
            nodeToNodeEncryption={"enabled": True},
            tags=GDPR,
            known={
                "arn": f"arn:aws:es:eu-west-1:{ACCOUNT}:domain/claims-search",
                "domainId": f"{ACCOUNT}/claims-search",
                "endpoint": "search-claims-search-a1b2c3d4e5.eu-west-1.es.amazonaws.com",
            },
        )
        follower = put(
            s,
            "aws:opensearch/domain:Domain",
            "claims-search-follower",
            aws(s, local_region),
            domainName="claims-search-follower",
            engineVersion="OpenSearch_2.17",
            clusterConfig={"instanceType": "r6g.large.search", "instanceCount": 3},
            ebsOptions={"ebsEnabled": True, "volumeSize": 100},
            encryptAtRest={"enabled": True},
            nodeToNodeEncryption={"enabled": True},
            known={
                "arn": f"arn:aws:es:{local_region}:{ACCOUNT}:domain/claims-search-follower",
                "domainId": f"{ACCOUNT}/claims-search-follower",
                "endpoint": f"search-claims-search-follower-f6e5d4c3b2.{local_region}.es.amazonaws.com",
            },
        )
        put(
            s,
            "aws:opensearch/outboundConnection:OutboundConnection",
            "claims-leader",
            aws(s, local_region),
            deps=[follower] if remote_name == UNKNOWN else [leader, follower],
            connectionAlias="claims-leader",
            connectionMode="DIRECT",
            acceptConnection=True,
            localDomainInfo={"ownerId": ACCOUNT, "domainName": "claims-search-follower", "region": local_region},
            remoteDomainInfo={"ownerId": ACCOUNT, "domainName": remote_name, "region": remote_region},
        )

    return build


# Violates: the follower that replicates the GDPR claim notes is in N. Virginia.
case("aws-opensearch-follower-virginia", AWS_COPIES, "DENY", AWS_DOC["opensearch-ccr"])(search_follower("us-east-1"))
# Complies: the follower is in Frankfurt.
case("aws-opensearch-follower-frankfurt", AWS_COPIES, cite=AWS_DOC["opensearch-ccr"])(search_follower("eu-central-1"))


def lightsail_cdn(origin: str, origin_region: Any = "eu-west-1") -> Build:
    """Two Lightsail buckets in Ireland (scanned claim letters, GDPR; the web site's public assets, none) and a
    Lightsail distribution, which is created in N. Virginia and caches its origin's objects at the edge
    locations of the CloudFront network. The distribution says it holds no regulated data."""

    def build(s: Stack) -> None:
        for name, tags in (("claims-scans", GDPR), ("ledger-public-assets", NONE)):
            put(
                s,
                "aws:lightsail/bucket:Bucket",
                name,
                aws(s),
                name=name,
                bundleId="small_1_0",
                tags=tags,
                known={"arn": f"arn:aws:lightsail:eu-west-1:{ACCOUNT}:Bucket/{name}", "region": "eu-west-1"},
            )
        put(
            s,
            "aws:lightsail/distribution:Distribution",
            "ledger-cdn",
            aws(s, "us-east-1"),
            name="ledger-cdn",
            bundleId="small_1_0",
            origin={"name": origin, "regionName": origin_region, "protocolPolicy": "https-only"},
            defaultCacheBehavior={"behavior": "cache"},
            tags=NONE,
        )

    return build


# Violates: the distribution caches the GDPR scans at edge locations worldwide, whatever its own tag says.
case("aws-lightsail-cdn-origin-claims-scans", AWS_COPIES, "DENY", AWS_DOC["lightsail-bucket-origin"])(
    lightsail_cdn("claims-scans")
)
# Complies: it caches the unregulated public assets.
case("aws-lightsail-cdn-origin-public-assets", AWS_COPIES, cite=AWS_DOC["lightsail-cdn"])(
    lightsail_cdn("ledger-public-assets")
)


def scoring_container(log_region: str) -> dict[str, Any]:
    return {
        "image": f"{ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/claims-scoring:2025.11",
        "command": ["python", "-m", "scoring", "--input", "s3://ledger-exports/nightly/"],
        "jobRoleArn": f"arn:aws:iam::{ACCOUNT}:role/claims-scoring",
        "executionRoleArn": f"arn:aws:iam::{ACCOUNT}:role/batch-execution",
        "resourceRequirements": [{"type": "VCPU", "value": "2"}, {"type": "MEMORY", "value": "4096"}],
        "networkConfiguration": {"assignPublicIp": "DISABLED"},
        "logConfiguration": {
            "logDriver": "awslogs",
            "options": {
                "awslogs-group": "/batch/claims-scoring",
                "awslogs-region": log_region,
                "awslogs-stream-prefix": "scoring",
            },
        },
    }


def batch_logs(log_region: str, as_object: bool = False) -> Build:
    """A GDPR Batch job definition in Ireland (Fargate) that scores claims and logs each claim it scores; its
    container's awslogs driver sends the logs to the log group of the Region ``awslogs-region`` names."""

    def build(s: Stack) -> None:
        group = put(
            s,
            "aws:cloudwatch/logGroup:LogGroup",
            "scoring-logs",
            aws(s, log_region),
            name="/batch/claims-scoring",
            retentionInDays=30,
            known={"arn": f"arn:aws:logs:{log_region}:{ACCOUNT}:log-group:/batch/claims-scoring"},
        )
        container = scoring_container(log_region)
        put(
            s,
            "aws:batch/jobDefinition:JobDefinition",
            "claims-scoring",
            aws(s),
            deps=[group],
            name="claims-scoring",
            type="container",
            platformCapabilities=["FARGATE"],
            containerProperties=container if as_object else json.dumps(container),
            propagateTags=True,
            tags=GDPR,
        )

    return build


# Violates: the scoring job's logs (claim by claim) go to CloudWatch Logs in N. Virginia.
case("aws-batch-job-logs-virginia", AWS_COPIES, "DENY", AWS_DOC["awslogs-region"])(batch_logs("us-east-1"))
# Complies: they go to Ireland.
case("aws-batch-job-logs-ireland", AWS_COPIES, cite=AWS_DOC["batch-awslogs"])(batch_logs("eu-west-1"))


# ============================================================================ GCP: copies
GCP_DOC = {
    "spanner-geo": "https://cloud.google.com/spanner/docs/geo-partitioning",
    "spanner-partitions": "https://cloud.google.com/spanner/docs/create-manage-partitions",
    "transcoder-job": "https://cloud.google.com/transcoder/docs/how-to/jobs",
    "transcoder-pulumi": "https://www.pulumi.com/registry/packages/gcp/api-docs/transcoder/job/",
    "media-cdn": "https://cloud.google.com/media-cdn/docs/overview",
    "media-cdn-origins": "https://cloud.google.com/media-cdn/docs/origins",
    "snapshot-schedule": "https://cloud.google.com/compute/docs/disks/scheduled-snapshots",
    "snapshot-locations": "https://cloud.google.com/compute/docs/disks/snapshots",
    "regional-attach-pulumi": "https://www.pulumi.com/registry/packages/gcp/api-docs/compute/regiondiskresourcepolicyattachment/",
}


def spanner_partition(config: Any, display: Any = "Claims (west)") -> Build:
    """A GDPR Spanner instance (Enterprise Plus) in Frankfurt holding the claims database, with an instance
    partition in another instance configuration: rows placed in the partition are stored there."""

    def build(s: Stack) -> None:
        instance = put(
            s,
            "gcp:spanner/instance:Instance",
            "claims",
            gcp(s),
            name="claims",
            project=PROJECT,
            config="regional-europe-west3",
            displayName="Claims",
            edition="ENTERPRISE_PLUS",
            numNodes=1,
            labels=GDPR,
            known={"id": f"{PROJECT}/claims", "state": "READY"},
        )
        put(
            s,
            "gcp:spanner/instancePartition:InstancePartition",
            "claims-west",
            gcp(s),
            deps=[instance],
            name="claims-west",
            project=PROJECT,
            instance="claims",
            config=config,
            displayName=display,
            nodeCount=1,
        )

    return build


# Violates: the GDPR instance has a partition in Iowa.
case("gcp-spanner-partition-iowa", GCP_COPIES, "DENY", GCP_DOC["spanner-geo"])(
    spanner_partition("regional-us-central1")
)
# Complies: the partition is in Belgium.
case("gcp-spanner-partition-belgium", GCP_COPIES, cite=GCP_DOC["spanner-partitions"])(
    spanner_partition("regional-europe-west1")
)


def transcode(output_location: str, output_uri: Any = None, topic: Any = None) -> Build:
    """Recorded claim interviews in a GDPR bucket in the Netherlands, transcoded by a Transcoder API job (in
    the Netherlands) whose renditions are written to another bucket of the stack, untagged."""

    def build(s: Stack) -> None:
        src = gcs_bucket(s, "ledger-claim-interviews", "europe-west4", GDPR)
        dest = gcs_bucket(s, "ledger-claim-renditions", output_location)
        config: dict[str, Any] = {
            "inputs": [{"key": "interview", "uri": "gs://ledger-claim-interviews/2025/interview-1841.mp4"}],
            "output": {"uri": "gs://ledger-claim-renditions/interview-1841/" if output_uri is None else output_uri},
            "elementaryStreams": [
                {
                    "key": "video-sd",
                    "videoStream": {"h264": {"widthPixels": 640, "heightPixels": 360, "bitrateBps": 550000}},
                },
                {"key": "audio", "audioStream": {"codec": "aac", "bitrateBps": 64000}},
            ],
            "muxStreams": [{"key": "sd", "container": "mp4", "elementaryStreams": ["video-sd", "audio"]}],
        }
        if topic is not None:
            config["pubsubDestination"] = {"topic": topic}
        put(
            s,
            "gcp:transcoder/job:Job",
            "interview-1841",
            gcp(s, "europe-west4"),
            deps=[src, dest],
            project=PROJECT,
            location="europe-west4",
            config=config,
        )

    return build


# Violates: the renditions of the GDPR interviews are written to a bucket in the US multi-region.
case("gcp-transcoder-output-us", GCP_COPIES, "DENY", GCP_DOC["transcoder-job"])(transcode("US"))
# Complies: they are written to a bucket in the Netherlands.
case("gcp-transcoder-output-netherlands", GCP_COPIES, cite=GCP_DOC["transcoder-job"])(transcode("europe-west4"))


def media_cdn(origin_bucket: str, address: Any = None) -> Build:
    """Two buckets in Frankfurt (claim letters, GDPR; the web site's assets, none) and a Media CDN service
    whose origin is one of them: Media CDN caches the origin's objects at Google's edge locations. Origin and
    service say they hold no regulated data."""

    def build(s: Stack) -> None:
        gcs_bucket(s, "ledger-claim-letters", "europe-west3", GDPR)
        gcs_bucket(s, "ledger-web-assets", "europe-west3", NONE)
        origin = put(
            s,
            "gcp:networkservices/edgeCacheOrigin:EdgeCacheOrigin",
            "ledger-origin",
            gcp(s),
            name="ledger-origin",
            project=PROJECT,
            originAddress=f"gs://{origin_bucket}" if address is None else address,
            protocol="HTTP2",
            labels=NONE,
            known={"id": f"projects/{PROJECT}/locations/global/edgeCacheOrigins/ledger-origin"},
        )
        put(
            s,
            "gcp:networkservices/edgeCacheService:EdgeCacheService",
            "ledger-edge",
            gcp(s),
            deps=[origin],
            name="ledger-edge",
            project=PROJECT,
            labels=NONE,
            routing={
                "hostRules": [{"hosts": ["media.ledger.example"], "pathMatcher": "routes"}],
                "pathMatchers": [
                    {
                        "name": "routes",
                        "routeRules": [
                            {
                                "priority": "1",
                                "matchRules": [{"prefixMatch": "/"}],
                                "origin": "ledger-origin",
                                "routeAction": {"cdnPolicy": {"cacheMode": "CACHE_ALL_STATIC", "defaultTtl": "3600s"}},
                            }
                        ],
                    }
                ],
            },
        )

    return build


# Violates: Media CDN caches the GDPR claim letters at the edge, whatever the origin's own label says.
case("gcp-media-cdn-origin-claim-letters", GCP_COPIES, "DENY", GCP_DOC["media-cdn"])(media_cdn("ledger-claim-letters"))
# Complies: its origin is the unregulated assets bucket.
case("gcp-media-cdn-origin-web-assets", GCP_COPIES, cite=GCP_DOC["media-cdn-origins"])(media_cdn("ledger-web-assets"))


def regional_disk_schedule(storage_locations: Any) -> Build:
    """A GDPR regional persistent disk in Frankfurt (the claims database's volume) and an untagged daily
    snapshot schedule attached to it; the schedule's snapshots are stored where its snapshot properties
    say."""

    def build(s: Stack) -> None:
        disk = put(
            s,
            "gcp:compute/regionDisk:RegionDisk",
            "claims-db",
            gcp(s),
            name="claims-db",
            project=PROJECT,
            region="europe-west3",
            replicaZones=["europe-west3-a", "europe-west3-b"],
            size=500,
            type="pd-balanced",
            labels=GDPR,
            known={"id": f"projects/{PROJECT}/regions/europe-west3/disks/claims-db"},
        )
        policy = put(
            s,
            "gcp:compute/resourcePolicy:ResourcePolicy",
            "claims-daily",
            gcp(s),
            name="claims-daily",
            project=PROJECT,
            region="europe-west3",
            snapshotSchedulePolicy={
                "schedule": {"dailySchedule": {"daysInCycle": 1, "startTime": "02:00"}},
                "retentionPolicy": {"maxRetentionDays": 35, "onSourceDiskDelete": "KEEP_AUTO_SNAPSHOTS"},
                "snapshotProperties": {"storageLocations": storage_locations, "guestFlush": False},
            },
            known={"id": f"projects/{PROJECT}/regions/europe-west3/resourcePolicies/claims-daily"},
        )
        put(
            s,
            "gcp:compute/regionDiskResourcePolicyAttachment:RegionDiskResourcePolicyAttachment",
            "claims-daily-attachment",
            gcp(s),
            deps=[disk, policy],
            project=PROJECT,
            region="europe-west3",
            disk="claims-db",
            name="claims-daily",
        )

    return build


# Violates: the GDPR disk's daily snapshots are stored in the US multi-region.
case("gcp-regional-disk-schedule-us", GCP_COPIES, "DENY", GCP_DOC["snapshot-locations"])(regional_disk_schedule("us"))
# Complies: they are stored in Frankfurt.
case("gcp-regional-disk-schedule-frankfurt", GCP_COPIES, cite=GCP_DOC["snapshot-schedule"])(
    regional_disk_schedule("europe-west3")
)


# ============================================================================ Azure: copies
AZ_DOC = {
    "adx-cosmos": "https://learn.microsoft.com/en-us/azure/data-explorer/ingest-data-cosmos-db-connection",
    "adx-cosmos-pulumi": "https://www.pulumi.com/registry/packages/azure-native/api-docs/kusto/cosmosdbdataconnection/",
    "appservice-logs": "https://learn.microsoft.com/en-us/azure/app-service/troubleshoot-diagnostic-logs",
    "dicom-data-lake": "https://learn.microsoft.com/en-us/azure/healthcare-apis/dicom/dicom-data-lake",
    "dicom-deploy": "https://learn.microsoft.com/en-us/azure/healthcare-apis/dicom/deploy-dicom-services-in-azure-data-lake",
    "vm-apps": "https://learn.microsoft.com/en-us/azure/virtual-machines/vm-applications",
    "vm-apps-how": "https://learn.microsoft.com/en-us/azure/virtual-machines/vm-applications-how-to",
    "apim-appinsights": "https://learn.microsoft.com/en-us/azure/api-management/api-management-howto-app-insights",
}
COSMOS_ID = arm("Microsoft.DocumentDB/databaseAccounts/ledger-claims")


def cosmos_account(s: Stack) -> str:
    return put(
        s,
        "azure-native:cosmosdb:DatabaseAccount",
        "ledger-claims",
        azure(s),
        resourceGroupName="ledger",
        accountName="ledger-claims",
        location="westeurope",
        databaseAccountOfferType="Standard",
        locations=[{"locationName": "westeurope", "failoverPriority": 0, "isZoneRedundant": True}],
        tags=GDPR,
        known={"id": COSMOS_ID, "documentEndpoint": "https://ledger-claims.documents.azure.com:443/"},
    )


def adx_cosmos_feed(cluster_location: str, identity: Any = None, connection_location: Any = None) -> Build:
    """A GDPR Cosmos DB account in West Europe (claim cases) whose change feed a Data Explorer cluster
    ingests through a Cosmos DB data connection into a table of its own database; the cluster is
    untagged."""

    def build(s: Stack) -> None:
        cosmos = cosmos_account(s)
        cluster_id = arm("Microsoft.Kusto/clusters/ledgeradx")
        cluster = put(
            s,
            "azure-native:kusto:Cluster",
            "ledgeradx",
            azure(s, cluster_location),
            resourceGroupName="ledger",
            clusterName="ledgeradx",
            location=cluster_location,
            sku={"name": "Standard_E8ads_v5", "tier": "Standard", "capacity": 2},
            identity={"type": "SystemAssigned"},
            known={"id": cluster_id, "uri": f"https://ledgeradx.{cluster_location}.kusto.windows.net"},
        )
        database = put(
            s,
            "azure-native:kusto:ReadWriteDatabase",
            "claims-db",
            azure(s, cluster_location),
            deps=[cluster],
            resourceGroupName="ledger",
            clusterName="ledgeradx",
            databaseName="claims",
            kind="ReadWrite",
            location=cluster_location,
            softDeletePeriod="P365D",
            known={"id": f"{cluster_id}/databases/claims"},
        )
        deps = [cosmos, cluster, database]
        if identity == UNKNOWN:
            deps.append(
                put(
                    s,
                    "azure-native:managedidentity:UserAssignedIdentity",
                    "adx-ingest",
                    azure(s, cluster_location),
                    resourceGroupName="ledger",
                    resourceName="adx-ingest",
                    location=cluster_location,
                )
            )
        urn = put(
            s,
            "azure-native:kusto:CosmosDbDataConnection",
            "claims-feed",
            azure(s, cluster_location),
            deps=deps,
            resourceGroupName="ledger",
            clusterName="ledgeradx",
            databaseName="claims",
            dataConnectionName="claims-feed",
            kind="CosmosDb",
            location=cluster_location if connection_location is None else connection_location,
            cosmosDbAccountResourceId=COSMOS_ID,
            cosmosDbDatabase="claims",
            cosmosDbContainer="cases",
            tableName="Cases",
            mappingRuleName="CasesMapping",
            managedIdentityResourceId=cluster_id if identity is None else identity,
        )
        if identity == UNKNOWN:
            depends(s, urn, managedIdentityResourceId=[deps[-1]])

    return build


# Violates: the GDPR claim cases are ingested into a Data Explorer cluster in East US.
case("az-adx-cosmos-feed-eastus", AZURE_COPIES, "DENY", AZ_DOC["adx-cosmos"])(adx_cosmos_feed("eastus"))
# Complies: the cluster is in North Europe.
case("az-adx-cosmos-feed-northeurope", AZURE_COPIES, cite=AZ_DOC["adx-cosmos-pulumi"])(adx_cosmos_feed("northeurope"))

SAS = "sv=2022-11-02&ss=b&srt=co&sp=rwdlac&se=2026-12-31T00%3A00%3A00Z&spr=https&sig=q8ZkP3v0b7nYw1Jd4s2Lx9c%3D"


def portal_logs(account: str, location: str, http_blob: Any = None) -> Build:
    """A GDPR App Service web app in West Europe (the claims portal) whose HTTP and application logs (client
    IPs, URLs with claim numbers, log lines) go to blob containers of a storage account of the stack, named
    by SAS URL."""

    def build(s: Stack) -> None:
        store = blob_account(s, account, location)
        site = put(
            s,
            "azure-native:web:WebApp",
            "claims-portal",
            azure(s),
            resourceGroupName="ledger",
            name="claims-portal",
            location="westeurope",
            kind="app,linux",
            serverFarmId=arm("Microsoft.Web/serverfarms/ledger-plan"),
            httpsOnly=True,
            tags=GDPR,
            known={
                "id": arm("Microsoft.Web/sites/claims-portal"),
                "defaultHostName": "claims-portal.azurewebsites.net",
            },
        )
        url = f"https://{account}.blob.core.windows.net"
        put(
            s,
            "azure-native:web:WebAppDiagnosticLogsConfiguration",
            "claims-portal-logs",
            azure(s),
            deps=[site, store],
            resourceGroupName="ledger",
            name="claims-portal",
            httpLogs={
                "azureBlobStorage": {"enabled": True, "retentionInDays": 30, "sasUrl": f"{url}/http-logs?{SAS}"}
                if http_blob is None
                else http_blob
            },
            applicationLogs={
                "azureBlobStorage": {"level": "Information", "retentionInDays": 30, "sasUrl": f"{url}/app-logs?{SAS}"}
            },
            detailedErrorMessages={"enabled": True},
        )

    return build


# Violates: the portal's logs go to a storage account in East US.
case("az-webapp-logs-blob-eastus", AZURE_COPIES, "DENY", AZ_DOC["appservice-logs"])(
    portal_logs("ledgerlogsus", "eastus")
)
# Complies: they go to an account in North Europe.
case("az-webapp-logs-blob-northeurope", AZURE_COPIES, cite=AZ_DOC["appservice-logs"])(
    portal_logs("ledgerlogsne", "northeurope")
)


def dicom_lake(account: str, location: str, storage: Any = None, new_account: bool = False) -> Build:
    """A GDPR DICOM service in West Europe (claimants' medical images) deployed with Azure Data Lake Storage:
    the DICOM files are stored in the container of the storage account its storage configuration names,
    which is untagged. ``new_account``: the account is created in this update (its ID is unknown)."""

    def build(s: Stack) -> None:
        workspace = put(
            s,
            "azure-native:healthcareapis:Workspace",
            "ledgerhealth",
            azure(s),
            resourceGroupName="ledger",
            workspaceName="ledgerhealth",
            location="westeurope",
            tags=GDPR,
            known={"id": arm("Microsoft.HealthcareApis/workspaces/ledgerhealth")},
        )
        lake = blob_account(s, account, location, hns=True, known=not new_account)
        config = {"storageResourceId": arm(f"Microsoft.Storage/storageAccounts/{account}"), "fileSystemName": "dicom"}
        if new_account:
            config["storageResourceId"] = UNKNOWN
        urn = put(
            s,
            "azure-native:healthcareapis:DicomService",
            "claims-imaging",
            azure(s),
            deps=[workspace, lake],
            resourceGroupName="ledger",
            workspaceName="ledgerhealth",
            dicomServiceName="claims-imaging",
            location="westeurope",
            identity={"type": "SystemAssigned"},
            storageConfiguration=config if storage is None else storage,
            tags=GDPR,
        )
        if new_account:
            depends(s, urn, storageConfiguration=[lake])

    return build


# Violates: the GDPR DICOM files are stored in a data lake account in East US.
case("az-dicom-data-lake-eastus", AZURE_COPIES, "DENY", AZ_DOC["dicom-data-lake"])(
    dicom_lake("ledgerdicomus", "eastus")
)
# Complies: the data lake account is in North Europe.
case("az-dicom-data-lake-northeurope", AZURE_COPIES, cite=AZ_DOC["dicom-deploy"])(
    dicom_lake("ledgerdicomne", "northeurope")
)


def vm_application(second_region: Any) -> Build:
    """A VM application version in an untagged gallery in West Europe whose package (the claims-scoring
    reference data) is a blob of a GDPR storage account; the gallery replicates the package to each target
    Region."""

    def build(s: Stack) -> None:
        source = blob_account(s, "ledgerpackages", "westeurope", GDPR)
        gallery = put(
            s,
            "azure-native:compute:Gallery",
            "ledgergallery",
            azure(s),
            resourceGroupName="ledger",
            galleryName="ledgergallery",
            location="westeurope",
            known={"id": arm("Microsoft.Compute/galleries/ledgergallery")},
        )
        app = put(
            s,
            "azure-native:compute:GalleryApplication",
            "claims-reference",
            azure(s),
            deps=[gallery],
            resourceGroupName="ledger",
            galleryName="ledgergallery",
            galleryApplicationName="claims-reference",
            location="westeurope",
            supportedOSType="Linux",
            known={"id": arm("Microsoft.Compute/galleries/ledgergallery/applications/claims-reference")},
        )
        put(
            s,
            "azure-native:compute:GalleryApplicationVersion",
            "claims-reference-1-4-0",
            azure(s),
            deps=[source, gallery, app],
            resourceGroupName="ledger",
            galleryName="ledgergallery",
            galleryApplicationName="claims-reference",
            galleryApplicationVersionName="1.4.0",
            location="westeurope",
            publishingProfile={
                "source": {
                    "mediaLink": "https://ledgerpackages.blob.core.windows.net/packages/claims-reference-1.4.0.tgz"
                },
                "manageActions": {
                    "install": "tar -xzf claims-reference -C /opt/claims",
                    "remove": "rm -rf /opt/claims/reference",
                },
                "replicaCount": 1,
                "storageAccountType": "Standard_LRS",
                "targetRegions": [
                    {"name": "westeurope", "regionalReplicaCount": 1},
                    {"name": second_region, "regionalReplicaCount": 1}
                    if not isinstance(second_region, dict)
                    else second_region,
                ],
            },
        )

    return build


# Violates: the package of GDPR reference data is replicated to East US.
case("az-vm-application-replica-eastus", AZURE_COPIES, "DENY", AZ_DOC["vm-apps"])(vm_application("eastus"))
# Complies: it is replicated to North Europe.
case("az-vm-application-replica-northeurope", AZURE_COPIES, cite=AZ_DOC["vm-apps-how"])(vm_application("northeurope"))


def apim_insights(location: str) -> Build:
    """A GDPR API Management instance in West Europe (the claims API) with an Application Insights logger and
    the API-wide diagnostic that sends request and response bodies to it; the Application Insights
    component (workspace-based: its data is kept in a Log Analytics workspace beside it) is untagged."""

    def build(s: Stack) -> None:
        service = put(
            s,
            "azure-native:apimanagement:ApiManagementService",
            "ledger-api",
            azure(s),
            resourceGroupName="ledger",
            serviceName="ledger-api",
            location="westeurope",
            publisherEmail="api@ledger.example",
            publisherName="Ledger Insurance",
            sku={"name": "Premium", "capacity": 1},
            tags=GDPR,
            known={"id": arm("Microsoft.ApiManagement/service/ledger-api")},
        )
        key = "5f1c2b7e-8d3a-4c6f-9b2e-1a7d4e8c3f60"
        workspace_id = arm("Microsoft.OperationalInsights/workspaces/api-insights-logs")
        workspace = put(
            s,
            "azure-native:operationalinsights:Workspace",
            "api-insights-logs",
            azure(s, location),
            resourceGroupName="ledger",
            workspaceName="api-insights-logs",
            location=location,
            sku={"name": "PerGB2018"},
            retentionInDays=90,
            known={"id": workspace_id},
        )
        component = put(
            s,
            "azure-native:applicationinsights:Component",
            "api-insights",
            azure(s, location),
            deps=[workspace],
            resourceGroupName="ledger",
            resourceName="api-insights",
            location=location,
            kind="web",
            applicationType="web",
            workspaceResourceId=workspace_id,
            known={
                "id": arm("Microsoft.Insights/components/api-insights"),
                "instrumentationKey": key,
                "connectionString": f"InstrumentationKey={key};IngestionEndpoint=https://{location}-8.in.applicationinsights.azure.com/",
            },
        )
        logger = put(
            s,
            "azure-native:apimanagement:Logger",
            "api-insights-logger",
            azure(s),
            deps=[service, component],
            resourceGroupName="ledger",
            serviceName="ledger-api",
            loggerId="api-insights",
            loggerType="applicationInsights",
            resourceId=arm("Microsoft.Insights/components/api-insights"),
            credentials={"instrumentationKey": key},
            isBuffered=True,
            known={"id": arm("Microsoft.ApiManagement/service/ledger-api/loggers/api-insights")},
        )
        bodies = {"body": {"bytes": 8192}, "headers": ["Content-Type"]}
        put(
            s,
            "azure-native:apimanagement:Diagnostic",
            "api-insights-diagnostic",
            azure(s),
            deps=[service, logger],
            resourceGroupName="ledger",
            serviceName="ledger-api",
            diagnosticId="applicationinsights",
            loggerId=arm("Microsoft.ApiManagement/service/ledger-api/loggers/api-insights"),
            alwaysLog="allErrors",
            verbosity="information",
            logClientIp=True,
            sampling={"samplingType": "fixed", "percentage": 100},
            frontend={"request": bodies, "response": bodies},
            backend={"request": bodies, "response": bodies},
        )

    return build


# Violates: request and response bodies of the GDPR claims API are logged to Application Insights in East US.
case("az-apim-insights-logger-eastus", AZURE_COPIES, "DENY", AZ_DOC["apim-appinsights"])(apim_insights("eastus"))
# Complies: the Application Insights component is in North Europe.
case("az-apim-insights-logger-northeurope", AZURE_COPIES, cite=AZ_DOC["apim-appinsights"])(apim_insights("northeurope"))


# ============================================================================ destinations outside the stack
OUT_DOC = {
    "aurora-cross-account-clone": "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Managing.Clone.html",
    "ram-external": "https://docs.aws.amazon.com/ram/latest/userguide/working-with-sharing-create.html",
    "vended-logs-cross-account": "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-and-resource-policy.html",
    "logs-delivery-api": "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateDelivery.html",
    "appstream-google-drive": "https://docs.aws.amazon.com/appstream2/latest/developerguide/google-drive.html",
    "appstream-home-folders": "https://docs.aws.amazon.com/appstream2/latest/developerguide/home-folders.html",
    "bq-authorized-datasets": "https://cloud.google.com/bigquery/docs/authorized-datasets",
    "image-sharing": "https://cloud.google.com/compute/docs/images/managing-access-custom-images",
    "gallery-community": "https://learn.microsoft.com/en-us/azure/virtual-machines/share-gallery-community",
    "gallery-sharing": "https://learn.microsoft.com/en-us/azure/virtual-machines/azure-compute-gallery",
    "acr-connected": "https://learn.microsoft.com/en-us/azure/container-registry/intro-connected-registry",
}
SHARE_ARN = f"arn:aws:ram:eu-west-1:{ACCOUNT}:resource-share/7f3c2a91-4b6e-4d8a-9c1f-2e5d8b0a6c47"


def aurora_clone_share(principal: str, external: bool, new_share: bool = False) -> Build:
    """A GDPR Aurora PostgreSQL cluster in Ireland shared through AWS RAM for cross-account cloning: an account
    the cluster is shared with can create a clone of it, a full copy of its data, in that account.
    ``new_share``: the share is created in this update (its ARN is unknown)."""

    def build(s: Stack) -> None:
        cluster_arn = f"arn:aws:rds:eu-west-1:{ACCOUNT}:cluster:claims-aurora"
        cluster = put(
            s,
            "aws:rds/cluster:Cluster",
            "claims-aurora",
            aws(s),
            clusterIdentifier="claims-aurora",
            engine="aurora-postgresql",
            engineVersion="16.4",
            storageEncrypted=True,
            manageMasterUserPassword=True,
            masterUsername="claims",
            tags=GDPR,
            known={"arn": cluster_arn, "id": "claims-aurora"},
        )
        share = put(
            s,
            "aws:ram/resourceShare:ResourceShare",
            "claims-clone-share",
            aws(s),
            name="claims-clone-share",
            allowExternalPrincipals=external,
            tags=GDPR,
            known=None if new_share else {"arn": SHARE_ARN, "id": SHARE_ARN},
        )
        share_arn = UNKNOWN if new_share else SHARE_ARN
        resource = put(
            s,
            "aws:ram/resourceAssociation:ResourceAssociation",
            "claims-clone-resource",
            aws(s),
            deps=[cluster, share],
            resourceArn=cluster_arn,
            resourceShareArn=share_arn,
        )
        principal_urn = put(
            s,
            "aws:ram/principalAssociation:PrincipalAssociation",
            "claims-clone-principal",
            aws(s),
            deps=[share],
            principal=principal,
            resourceShareArn=share_arn,
        )
        if principal == OWN_ACCOUNT:
            own_account_provider(s)
        if new_share:
            depends(s, resource, resourceArn=[cluster], resourceShareArn=[share])
            depends(s, principal_urn, resourceShareArn=[share])

    return build


# Violates: the GDPR cluster is shared with a partner's account, which may clone it into any Region.
case("out-aurora-clone-share-partner", OUTSIDE, "DENY", OUT_DOC["aurora-cross-account-clone"])(
    aurora_clone_share(PARTNER_ACCOUNT, external=True)
)
# Complies: it is shared with a second account of ours that a provider of the stack names.
case("out-aurora-clone-share-own-account", OUTSIDE, cite=OUT_DOC["aurora-cross-account-clone"])(
    aurora_clone_share(OWN_ACCOUNT, external=False)
)

USER_POOL_ARN = f"arn:aws:cognito-idp:eu-west-1:{ACCOUNT}:userpool/eu-west-1_Qx7Lm2Rt9"
OWN_DESTINATION = f"arn:aws:logs:eu-west-1:{ACCOUNT}:delivery-destination:claims-auth-archive"
PARTNER_DESTINATION = f"arn:aws:logs:eu-west-1:{PARTNER_ACCOUNT}:delivery-destination:siem-intake"


def auth_log_delivery(destination: Any, new_destination: bool = False) -> Build:
    """A GDPR Cognito user pool in Ireland (claimants' sign-ins, Plus tier) whose user authentication events
    (user names, IP addresses, devices) are delivered as vended logs to a delivery destination: the stack's
    own (a log group in Ireland), or one named by ARN. ``new_destination``: the stack's destination is
    created in this update (its ARN is unknown)."""

    def build(s: Stack) -> None:
        pool = put(
            s,
            "aws:cognito/userPool:UserPool",
            "claimants",
            aws(s),
            name="claimants",
            userPoolTier="PLUS",
            mfaConfiguration="OPTIONAL",
            tags=GDPR,
            known={"arn": USER_POOL_ARN, "id": "eu-west-1_Qx7Lm2Rt9"},
        )
        group = put(
            s,
            "aws:cloudwatch/logGroup:LogGroup",
            "auth-archive",
            aws(s),
            name="/cognito/claimants/auth-events",
            retentionInDays=365,
            tags=GDPR,
            known={"arn": f"arn:aws:logs:eu-west-1:{ACCOUNT}:log-group:/cognito/claimants/auth-events"},
        )
        own = put(
            s,
            "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination",
            "claims-auth-archive",
            aws(s),
            deps=[group],
            name="claims-auth-archive",
            outputFormat="json",
            deliveryDestinationConfiguration={
                "destinationResourceArn": f"arn:aws:logs:eu-west-1:{ACCOUNT}:log-group:/cognito/claimants/auth-events"
            },
            tags=GDPR,
            known=None if new_destination else {"arn": OWN_DESTINATION},
        )
        source = put(
            s,
            "aws:cloudwatch/logDeliverySource:LogDeliverySource",
            "claimants-auth-events",
            aws(s),
            deps=[pool],
            name="claimants-auth-events",
            logType="USER_AUTH_EVENTS",
            resourceArn=USER_POOL_ARN,
            known={"arn": f"arn:aws:logs:eu-west-1:{ACCOUNT}:delivery-source:claimants-auth-events"},
        )
        urn = put(
            s,
            "aws:cloudwatch/logDelivery:LogDelivery",
            "claimants-auth-delivery",
            aws(s),
            deps=[source, own] if destination in (OWN_DESTINATION, UNKNOWN) else [source],
            deliverySourceName="claimants-auth-events",
            deliveryDestinationArn=destination,
        )
        if new_destination:
            depends(s, urn, deliveryDestinationArn=[own])

    return build


# Violates: the claimants' authentication events are delivered to a partner's delivery destination (a SIEM
# vendor's account).
case("out-cognito-auth-logs-partner-account", OUTSIDE, "DENY", OUT_DOC["vended-logs-cross-account"])(
    auth_log_delivery(PARTNER_DESTINATION)
)
# Complies: they are delivered to the stack's own destination, a log group in Ireland.
case("out-cognito-auth-logs-own-destination", OUTSIDE, cite=OUT_DOC["logs-delivery-api"])(
    auth_log_delivery(OWN_DESTINATION)
)


def appstream_storage(connector: dict[str, Any]) -> Build:
    """A GDPR AppStream 2.0 stack in Ireland where claims handlers work on claim files, with one persistent
    storage connector for the files users save."""

    def build(s: Stack) -> None:
        put(
            s,
            "aws:appstream/stack:Stack",
            "claims-desk",
            aws(s),
            name="claims-desk",
            storageConnectors=[connector],
            userSettings=[
                {"action": "CLIPBOARD_COPY_FROM_LOCAL_DEVICE", "permission": "DISABLED"},
                {"action": "CLIPBOARD_COPY_TO_LOCAL_DEVICE", "permission": "DISABLED"},
                {"action": "FILE_DOWNLOAD", "permission": "DISABLED"},
            ],
            tags=GDPR,
        )

    return build


# Violates: files users save are kept in their Google Drive for Google Workspace (outside AWS).
case("out-appstream-google-drive", OUTSIDE, "DENY", OUT_DOC["appstream-google-drive"])(
    appstream_storage({"connectorType": "GOOGLE_DRIVE", "domains": ["ledger.example"]})
)
# Complies: home folders, kept in an S3 bucket AppStream creates in the stack's Region.
case("out-appstream-home-folders", OUTSIDE, cite=OUT_DOC["appstream-home-folders"])(
    appstream_storage({"connectorType": "HOMEFOLDERS"})
)


def authorized_dataset(project: str) -> Build:
    """A GDPR BigQuery dataset in Frankfurt (claims) that authorizes every view of another dataset to query
    it: whoever may query those views reads the claims."""

    def build(s: Stack) -> None:
        claims = bq_dataset(s, "claims", "europe-west3", GDPR)
        deps = [claims]
        if project == PROJECT:
            deps.append(bq_dataset(s, "claims_views", "europe-west3", GDPR))
        put(
            s,
            "gcp:bigquery/datasetAccess:DatasetAccess",
            "claims-authorized-views",
            gcp(s),
            deps=deps,
            project=PROJECT,
            datasetId="claims",
            authorizedDataset={
                "dataset": {
                    "projectId": project,
                    "datasetId": "claims_views" if project == PROJECT else "shared_views",
                },
                "targetTypes": ["VIEWS"],
            },
        )

    return build


# Violates: the views of a partner's project may query the GDPR claims.
case("out-bq-authorized-dataset-partner-project", OUTSIDE, "DENY", OUT_DOC["bq-authorized-datasets"])(
    authorized_dataset(PARTNER_PROJECT)
)
# Complies: the authorized dataset is the stack's own, in Frankfurt.
case("out-bq-authorized-dataset-own-project", OUTSIDE, cite=OUT_DOC["bq-authorized-datasets"])(
    authorized_dataset(PROJECT)
)


def public_image(member: str) -> Build:
    """A GDPR custom image in Frankfurt made from the claims database's disk, and an IAM binding that lets a
    member create disks from it."""

    def build(s: Stack) -> None:
        image = put(
            s,
            "gcp:compute/image:Image",
            "claims-db-image",
            gcp(s),
            name="claims-db-image",
            project=PROJECT,
            sourceDisk=f"projects/{PROJECT}/zones/europe-west3-a/disks/claims-db",
            storageLocations=["europe-west3"],
            labels=GDPR,
            known={"id": f"projects/{PROJECT}/global/images/claims-db-image"},
        )
        put(
            s,
            "gcp:compute/imageIamMember:ImageIamMember",
            "claims-db-image-user",
            gcp(s),
            deps=[image],
            project=PROJECT,
            image="claims-db-image",
            role="roles/compute.imageUser",
            member=member,
        )

    return build


# Violates: every Google account may create disks (full copies) from the GDPR image, in any region.
case("out-gcp-image-all-authenticated-users", OUTSIDE, "DENY", OUT_DOC["image-sharing"])(
    public_image("allAuthenticatedUsers")
)
# Complies: only the stack project's own DR service account may use it.
case("out-gcp-image-own-service-account", OUTSIDE, cite=OUT_DOC["image-sharing"])(
    public_image(f"serviceAccount:dr-restore@{PROJECT}.iam.gserviceaccount.com")
)


def shared_gallery(sharing: dict[str, Any]) -> Build:
    """A GDPR Azure Compute Gallery in West Europe holding images of the claims servers (their data disks
    included)."""

    def build(s: Stack) -> None:
        put(
            s,
            "azure-native:compute:Gallery",
            "claimsgallery",
            azure(s),
            resourceGroupName="ledger",
            galleryName="claimsgallery",
            location="westeurope",
            description="Images of the claims servers",
            sharingProfile=sharing,
            tags=GDPR,
        )

    return build


# Violates: a community gallery is shared with every Azure user.
case("out-az-gallery-community", OUTSIDE, "DENY", OUT_DOC["gallery-community"])(
    shared_gallery(
        {
            "permissions": "Community",
            "communityGalleryInfo": {
                "publisherUri": "https://ledger.example",
                "publisherContact": "images@ledger.example",
                "eula": "https://ledger.example/eula",
                "publicNamePrefix": "ledger",
            },
        }
    )
)
# Complies: the gallery is private (shared through Azure RBAC only).
case("out-az-gallery-private", OUTSIDE, cite=OUT_DOC["gallery-sharing"])(shared_gallery({"permissions": "Private"}))


def connected_registry(registry_tags: dict[str, str]) -> Build:
    """A Premium container registry in West Europe (the claims services' images, with their bundled reference
    data) and a connected registry: an on-premises replica in a branch office that synchronizes the
    registry's repositories."""

    def build(s: Stack) -> None:
        registry = put(
            s,
            "azure-native:containerregistry:Registry",
            "ledgeracr",
            azure(s),
            resourceGroupName="ledger",
            registryName="ledgeracr",
            location="westeurope",
            sku={"name": "Premium"},
            dataEndpointEnabled=True,
            tags=registry_tags,
            known={
                "id": arm("Microsoft.ContainerRegistry/registries/ledgeracr"),
                "loginServer": "ledgeracr.azurecr.io",
            },
        )
        put(
            s,
            "azure-native:containerregistry:ConnectedRegistry",
            "branch-office",
            azure(s),
            deps=[registry],
            resourceGroupName="ledger",
            registryName="ledgeracr",
            connectedRegistryName="branchoffice",
            mode="ReadOnly",
            parent={
                "syncProperties": {
                    "tokenId": arm("Microsoft.ContainerRegistry/registries/ledgeracr/tokens/branchoffice-sync-token"),
                    "schedule": "0 21 * * *",
                    "syncWindow": "PT3H",
                    "messageTtl": "P2D",
                }
            },
            clientTokenIds=[arm("Microsoft.ContainerRegistry/registries/ledgeracr/tokens/branchoffice-client")],
            logging={"logLevel": "Information", "auditLogStatus": "Enabled"},
        )

    return build


# Violates: the GDPR registry's repositories are replicated to an on-premises server.
case("out-az-connected-registry-gdpr", OUTSIDE, "DENY", OUT_DOC["acr-connected"])(connected_registry(GDPR))
# Complies: the replicated registry holds no regulated data.
case("out-az-connected-registry-unregulated", OUTSIDE, cite=OUT_DOC["acr-connected"])(connected_registry(NONE))


# ============================================================================ unset locations
DEF_DOC = {
    "neptune-analytics-pulumi": "https://www.pulumi.com/registry/packages/aws/api-docs/neptunegraph/graph/",
    "location-tracker-pulumi": "https://www.pulumi.com/registry/packages/aws/api-docs/location/tracker/",
    "aws-region-override": "https://www.pulumi.com/registry/packages/aws/how-to-guides/aws-enhanced-region-support",
    "vertex-online-store": "https://www.pulumi.com/registry/packages/gcp/api-docs/vertex/aifeatureonlinestore/",
    "vertex-locations": "https://cloud.google.com/vertex-ai/docs/general/locations",
    "dataflow-flex": "https://www.pulumi.com/registry/packages/gcp/api-docs/dataflow/flextemplatejob/",
    "dataflow-regions": "https://cloud.google.com/dataflow/docs/concepts/regional-endpoints",
    "horizondb-pulumi": "https://www.pulumi.com/registry/packages/azure-native/api-docs/horizondb/horizondbcluster/",
    "azure-rg-location": "https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/overview#resource-group-location-alignment",
}


def claims_graph(provider_region: str) -> Build:
    """A GDPR Neptune Analytics graph (claims, claimants and the links between them for fraud detection) with no
    Region of its own."""

    def build(s: Stack) -> None:
        put(
            s,
            "aws:neptunegraph/graph:Graph",
            "claims-fraud-graph",
            aws(s, provider_region),
            graphName="claims-fraud-graph",
            provisionedMemory=16,
            publicConnectivity=False,
            replicaCount=1,
            deletionProtection=True,
            tags=GDPR,
        )

    return build


# Violates: the graph is created in the provider's Region, Ohio.
case("def-neptune-analytics-provider-ohio", DEFAULTS, "DENY", DEF_DOC["aws-region-override"])(claims_graph("us-east-2"))
# Complies: the provider is in Frankfurt.
case("def-neptune-analytics-provider-frankfurt", DEFAULTS, cite=DEF_DOC["neptune-analytics-pulumi"])(
    claims_graph("eu-central-1")
)


def adjuster_tracker(provider_region: str) -> Build:
    """A GDPR Amazon Location Service tracker (the positions of the claims adjusters' phones) with no Region of
    its own."""

    def build(s: Stack) -> None:
        put(
            s,
            "aws:location/tracker:Tracker",
            "adjusters",
            aws(s, provider_region),
            trackerName="adjusters",
            positionFiltering="AccuracyBased",
            tags=GDPR,
        )

    return build


# Violates: the positions are stored in the provider's Region, Oregon.
case("def-location-tracker-provider-oregon", DEFAULTS, "DENY", DEF_DOC["aws-region-override"])(
    adjuster_tracker("us-west-2")
)
# Complies: the provider is in Stockholm.
case("def-location-tracker-provider-stockholm", DEFAULTS, cite=DEF_DOC["location-tracker-pulumi"])(
    adjuster_tracker("eu-north-1")
)


def online_store(provider_region: str) -> Build:
    """A GDPR Vertex AI Feature Store online store (claimant features served to the fraud model) with no region
    of its own: "If it is not provided, the provider region is used"."""

    def build(s: Stack) -> None:
        put(
            s,
            "gcp:vertex/aiFeatureOnlineStore:AiFeatureOnlineStore",
            "claimant-features",
            gcp(s, provider_region),
            name="claimant_features",
            project=PROJECT,
            optimized={},
            labels=GDPR,
        )

    return build


# Violates: the online store is created in the provider's region, Iowa.
case("def-vertex-online-store-provider-iowa", DEFAULTS, "DENY", DEF_DOC["vertex-online-store"])(
    online_store("us-central1")
)
# Complies: the provider's region is the Netherlands.
case("def-vertex-online-store-provider-netherlands", DEFAULTS, cite=DEF_DOC["vertex-online-store"])(
    online_store("europe-west4")
)


def flex_job(provider_region: str) -> Build:
    """A GDPR Dataflow Flex Template job that rescores the claims table nightly, with no region of its own: it
    runs (workers, job metadata) in the provider's region."""

    def build(s: Stack) -> None:
        put(
            s,
            "gcp:dataflow/flexTemplateJob:FlexTemplateJob",
            "claims-rescore",
            gcp(s, provider_region),
            name="claims-rescore",
            project=PROJECT,
            containerSpecGcsPath="gs://ledger-dataflow-templates/claims-rescore.json",
            parameters={"inputTable": f"{PROJECT}:claims.cases", "outputTable": f"{PROJECT}:claims.scores"},
            serviceAccountEmail=f"dataflow-claims@{PROJECT}.iam.gserviceaccount.com",
            ipConfiguration="WORKER_IP_PRIVATE",
            labels=GDPR,
        )

    return build


# Violates: the job runs in the provider's region, South Carolina.
case("def-dataflow-flex-provider-south-carolina", DEFAULTS, "DENY", DEF_DOC["dataflow-regions"])(flex_job("us-east1"))
# Complies: the provider's region is Belgium.
case("def-dataflow-flex-provider-belgium", DEFAULTS, cite=DEF_DOC["dataflow-flex"])(flex_job("europe-west1"))


def horizon_without_location(rg_location: str, provider_location: str) -> Build:
    """A GDPR Azure HorizonDB cluster (PostgreSQL) without a location in an untagged resource group: it takes
    its resource group's location, not the provider's."""

    def build(s: Stack) -> None:
        rg = resource_group(s, rg_location)
        put(
            s,
            "azure-native:horizondb:HorizonDbCluster",
            "claims-horizon",
            azure(s, provider_location),
            deps=[rg],
            resourceGroupName="ledger",
            clusterName="claims-horizon",
            properties={
                "administratorLogin": "claimsadmin",
                "administratorLoginPassword": secret("Hz-7c1e9a4b!q2"),
                "version": "17",
                "vCores": 4,
                "replicaCount": 1,
            },
            tags=GDPR,
        )

    return build


# Violates: the resource group is in East US (the provider's West Europe does not decide).
case("def-horizondb-rg-eastus", DEFAULTS, "DENY", DEF_DOC["horizondb-pulumi"])(
    horizon_without_location("eastus", "westeurope")
)
# Complies: the resource group is in North Europe, although the provider is in East US.
case("def-horizondb-rg-northeurope", DEFAULTS, cite=DEF_DOC["horizondb-pulumi"])(
    horizon_without_location("northeurope", "eastus")
)


# ============================================================================ Kubernetes operators
OP_DOC = {
    "ack-region": "https://aws-controllers-k8s.github.io/community/docs/user-docs/multi-region-resource-management/",
    "ack-kinesis": "https://aws-controllers-k8s.github.io/community/reference/kinesis/v1alpha1/stream/",
    "xp-bigquery": "https://marketplace.upbound.io/providers/upbound/provider-gcp-bigquery/latest/resources/bigquery.gcp.upbound.io/Dataset/v1beta1",
    "kcc-firestore": "https://cloud.google.com/config-connector/docs/reference/resource-docs/firestore/firestoredatabase",
    "firestore-locations": "https://cloud.google.com/firestore/docs/locations",
    "aso-appconfig": "https://azure.github.io/azure-service-operator/reference/appconfiguration/v1api20220501/",
}
ACME_GDPR = {**GDPR, "fleet-tenant": "acme"}


def ack_stream(region: str) -> Callable[[Stack, str], str]:
    return custom_resource(
        "kinesis.services.k8s.aws/v1alpha1",
        "Stream",
        "acme-claim-events",
        "acme",
        {"name": "acme-claim-events", "shardCount": 2, "streamModeDetails": {"streamMode": "PROVISIONED"}},
        annotations={"services.k8s.aws/region": region},
    )


# Violates: ACK creates the GDPR tenant's Kinesis stream in Oregon (the region annotation on the object).
case("op-ack-kinesis-stream-oregon", OPERATORS, "DENY", OP_DOC["ack-region"])(operator(ack_stream("us-west-2")))
# Complies: the annotation puts the stream in Ireland.
case("op-ack-kinesis-stream-ireland", OPERATORS, cite=OP_DOC["ack-kinesis"])(operator(ack_stream("eu-west-1")))


def xp_dataset(location: Any) -> Callable[[Stack, str], str]:
    return custom_resource(
        "bigquery.gcp.upbound.io/v1beta1",
        "Dataset",
        "acme-claims",
        None,
        {"forProvider": {"location": location, "project": PROJECT, "description": "acme claims"}, **XP_REF},
        labels=ACME_GDPR,
    )


# Violates: a cluster-scoped Crossplane dataset labelled GDPR is created in the US multi-region.
case("op-crossplane-bq-dataset-us", OPERATORS, "DENY", OP_DOC["xp-bigquery"])(operator(xp_dataset("US"), "gcp"))
# Complies: forProvider.location is Frankfurt.
case("op-crossplane-bq-dataset-frankfurt", OPERATORS, cite=OP_DOC["xp-bigquery"])(
    operator(xp_dataset("europe-west3"), "gcp")
)


def kcc_firestore(location: Any) -> Callable[[Stack, str], str]:
    return custom_resource(
        "firestore.cnrm.cloud.google.com/v1beta1",
        "FirestoreDatabase",
        "acme-orders",
        "acme",
        {"locationID": location, "concurrencyMode": "OPTIMISTIC", "projectRef": {"external": PROJECT}},
    )


# Violates: Config Connector creates the GDPR tenant's Firestore database in nam5 (a US multi-region).
case("op-kcc-firestore-nam5", OPERATORS, "DENY", OP_DOC["firestore-locations"])(operator(kcc_firestore("nam5"), "gcp"))
# Complies: spec.locationID is Frankfurt.
case("op-kcc-firestore-frankfurt", OPERATORS, cite=OP_DOC["kcc-firestore"])(
    operator(kcc_firestore("europe-west3"), "gcp")
)


def aso_config_store(location: Any) -> Callable[[Stack, str], str]:
    return custom_resource(
        "appconfiguration.azure.com/v1api20220501",
        "ConfigurationStore",
        "acme-config",
        "acme",
        {"location": location, "owner": {"name": "acme-rg"}, "sku": {"name": "standard"}, "disableLocalAuth": True},
    )


# Violates: Azure Service Operator creates the GDPR tenant's App Configuration store in East US.
case("op-aso-app-config-eastus", OPERATORS, "DENY", OP_DOC["aso-appconfig"])(
    operator(aso_config_store("eastus"), "azure-native")
)
# Complies: the store is in West Europe.
case("op-aso-app-config-westeurope", OPERATORS, cite=OP_DOC["aso-appconfig"])(
    operator(aso_config_store("westeurope"), "azure-native")
)


# ============================================================================ cloud guardrails
GRD_DOC = {
    "scp-attach": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_attach.html",
    "scp-inheritance": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_inheritance_auth.html",
    "gcp-hierarchy": "https://cloud.google.com/resource-manager/docs/organization-policy/understanding-hierarchy",
    "gcp-v1-org": "https://www.pulumi.com/registry/packages/gcp/api-docs/organizations/policy/",
    "gcp-locations": "https://cloud.google.com/resource-manager/docs/organization-policy/defining-locations",
    "az-allowed": "https://learn.microsoft.com/en-us/azure/governance/policy/samples/built-in-policies#general",
    "norway-eea": "https://learn.microsoft.com/en-us/azure/reliability/regions-list",
}
ROOT = "r-4g8k"


def scp_on_root() -> Build:
    """The guarded EKS cluster of the first corpus, its SCP attached to the organization's root instead of the
    account; the policy config's guardrailAccounts lists the accounts the root target covers."""
    built = eks_guarded()
    return retouch(built, "aws:organizations/policyAttachment:PolicyAttachment", "eea-scp-attachment", targetId=ROOT)


# Complies: the root the SCP is attached to covers the cluster's account (the policy config says so).
case(
    "grd-aws-scp-on-root-mapped",
    GUARDRAILS,
    cite=GRD_DOC["scp-inheritance"],
    config={"guardrailAccounts": {ROOT: [ACCOUNT, OWN_ACCOUNT]}},
)(scp_on_root())
# Violates: the policy config maps the root to other accounts only, so the cluster's account is not shown to be
# covered.
case(
    "grd-aws-scp-on-root-other-accounts",
    GUARDRAILS,
    "DENY",
    GRD_DOC["scp-attach"],
    config={"guardrailAccounts": {ROOT: [OWN_ACCOUNT]}},
)(scp_on_root())


def org_level_policy(s: Stack, org: str) -> str:
    """The v1 organization policy gcp.resourceLocations set on the organization (not the project)."""
    return put(
        s,
        "gcp:organizations/policy:Policy",
        "org-locations",
        org,
        orgId="405126338915",
        constraint="constraints/gcp.resourceLocations",
        listPolicy={
            "inheritFromParent": False,
            "allow": {"values": ["in:europe-west3-locations", "in:europe-west4-locations"]},
        },
    )


def own_default_sink(s: Stack, org: str) -> None:
    """The project's _Default sink taken over and routed to a log bucket in Frankfurt (so the cluster's logs
    stay in its region, as FLEET-TEL-001 requires of a GKE cluster)."""
    default_sink("europe-west3")(s)


# Violates: the only location guardrail is set on the organization; the contract counts a policy whose parent
# is the cluster's project.
case("grd-gcp-org-level-policy-only", GUARDRAILS, "DENY", GRD_DOC["gcp-hierarchy"])(
    gke_guarded(own_default_sink, org_level_policy)
)
# Complies: the project carries its own policy besides the organization's.
case("grd-gcp-org-level-plus-project-policy", GUARDRAILS, cite=GRD_DOC["gcp-locations"])(
    gke_guarded(own_default_sink, org_level_policy, org_policy())
)


def two_regime_aks(allowed: list[str]) -> Build:
    """A GDPR AKS cluster in West Europe that holds a tenant of the eu regime: its subscription's guardrail
    must be inside both."""
    return _relabel(aks_regime(GDPR, "westeurope", "NL", allowed), "eu")


GDPR_AZURE = ["westeurope", "northeurope", "germanywestcentral", "swedencentral", "francecentral"]
# Violates: the subscription also allows Norway East: inside the EEA (gdpr) but outside the EU, the tenant's
# regime.
case("grd-azure-gdpr-cluster-eu-tenant-plus-norway", GUARDRAILS, "DENY", GRD_DOC["norway-eea"])(
    two_regime_aks([*GDPR_AZURE, "norwayeast"])
)
# Complies: every allowed region is in the EU.
case("grd-azure-gdpr-cluster-eu-tenant-eu-regions", GUARDRAILS, cite=GRD_DOC["az-allowed"])(two_regime_aks(GDPR_AZURE))


def two_regime_gke(values: list[str]) -> Build:
    """A GDPR GKE cluster in Frankfurt that holds a tenant of a custom Germany-only regime."""
    return _relabel(gke_regime(GDPR, "europe-west3", "DE", values), "de")


# Violates: the project also allows the Netherlands' value group, outside the tenant's Germany-only regime.
case("grd-gcp-gdpr-cluster-de-tenant-plus-netherlands", GUARDRAILS, "DENY", GRD_DOC["gcp-locations"], config=DE_REGIME)(
    two_regime_gke(["in:europe-west3-locations", "in:europe-west4-locations"])
)
# Complies: only Frankfurt's value group is allowed.
case("grd-gcp-gdpr-cluster-de-tenant-frankfurt", GUARDRAILS, cite=GRD_DOC["gcp-locations"], config=DE_REGIME)(
    two_regime_gke(["in:europe-west3-locations"])
)


# ============================================================================ unknown at preview
PRE_DOC = {"unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/"}

# Violates: the partition is in Iowa; only its display name is unknown.
case("pre-spanner-partition-iowa-name-unknown", PREVIEW, "DENY", GCP_DOC["spanner-geo"])(
    spanner_partition("regional-us-central1", display=UNKNOWN)
)
# Complies: the partition is in Belgium; only its display name is unknown.
case("pre-spanner-partition-belgium-name-unknown", PREVIEW, cite=GCP_DOC["spanner-partitions"])(
    spanner_partition("regional-europe-west1", display=UNKNOWN)
)
# Violates: the profile copies the global profile; only its name is unknown.
case("pre-bedrock-app-profile-global-name-unknown", PREVIEW, "DENY", AWS_DOC["bedrock-global"])(
    inference_profile(system_profile(GLOBAL_CLAUDE), name=UNKNOWN)
)
# Complies: the EU profile; only the name is unknown.
case("pre-bedrock-app-profile-eu-name-unknown", PREVIEW, cite=AWS_DOC["bedrock-app-profile"])(
    inference_profile(system_profile(EU_CLAUDE), name=UNKNOWN)
)
# Violates: the change feed goes to East US; only the ingestion identity (created in this update) is unknown.
case("pre-adx-cosmos-feed-eastus-identity-unknown", PREVIEW, "DENY", AZ_DOC["adx-cosmos"])(
    adx_cosmos_feed("eastus", identity=UNKNOWN)
)
# Complies: North Europe; only the identity is unknown.
case("pre-adx-cosmos-feed-northeurope-identity-unknown", PREVIEW, cite=AZ_DOC["adx-cosmos-pulumi"])(
    adx_cosmos_feed("northeurope", identity=UNKNOWN)
)
# Violates: the share (created in this update, its ARN unknown) holds the GDPR cluster and names a partner's
# account; the property dependencies tie both associations to it.
case("pre-aurora-clone-share-partner-share-unknown", PREVIEW, "DENY", OUT_DOC["aurora-cross-account-clone"])(
    aurora_clone_share(PARTNER_ACCOUNT, external=True, new_share=True)
)
# Complies: the same new share names our second account.
case("pre-aurora-clone-share-own-account-share-unknown", PREVIEW, cite=OUT_DOC["ram-external"])(
    aurora_clone_share(OWN_ACCOUNT, external=False, new_share=True)
)
# Violates: the DICOM data lake account's ID is unknown, but it comes from an account this update creates in
# East US.
case("pre-dicom-data-lake-new-account-eastus", PREVIEW, "DENY", AZ_DOC["dicom-data-lake"])(
    dicom_lake("ledgerdicomus", "eastus", new_account=True)
)
# Complies: the new account is in North Europe.
case("pre-dicom-data-lake-new-account-northeurope", PREVIEW, cite=PRE_DOC["unknowns"])(
    dicom_lake("ledgerdicomne", "northeurope", new_account=True)
)
# Violates: the DR artifact store's bucket (created in this update) is unknown, but the store's Region is N.
# Virginia.
case("pre-pipeline-dr-artifacts-virginia-bucket-unknown", PREVIEW, "DENY", AWS_DOC["pipeline-cross-region"])(
    release_pipeline("us-east-1", new_store=True, store_bucket=UNKNOWN)
)
# Complies: the destination ARN is unknown, but it comes from the stack's own delivery destination (a log group
# in Ireland) created in this update.
case("pre-cognito-auth-logs-new-own-destination", PREVIEW, cite=PRE_DOC["unknowns"])(
    auth_log_delivery(UNKNOWN, new_destination=True)
)
# Defers: the remote domain of the connection is unknown and comes from nothing in the stack, so whether the
# follower copies GDPR data waits for the update (FLEET-PRE-001 lists it, advisory).
case("pre-opensearch-follower-remote-unknown", PREVIEW, cite=PRE_DOC["unknowns"])(
    search_follower("us-east-1", remote_name=UNKNOWN)
)


# ============================================================================ malformed
# A value of a shape the provider refuses, at a property that decides where data goes: a correct pack reports
# the resource as one it cannot evaluate (mandatory) and does not crash. pulumi-aws and pulumi-gcp take a list
# of at most one item for a flattened block and wrap a single value given for a list, so these use shapes the
# bridge refuses; pulumi-azure-native refuses any shape its SDK types exclude.
BAD_DOC = {
    "bedrock": "https://www.pulumi.com/registry/packages/aws/api-docs/bedrock/inferenceprofile/",
    "opensearch": AWS_DOC["opensearch-pulumi"],
    "lightsail": "https://www.pulumi.com/registry/packages/aws/api-docs/lightsail/distribution/",
    "pipeline": AWS_DOC["pipeline-pulumi"],
    "log-delivery": "https://www.pulumi.com/registry/packages/aws/api-docs/cloudwatch/logdelivery/",
    "batch": "https://www.pulumi.com/registry/packages/aws/api-docs/batch/jobdefinition/",
    "spanner": "https://www.pulumi.com/registry/packages/gcp/api-docs/spanner/instancepartition/",
    "transcoder": GCP_DOC["transcoder-pulumi"],
    "edge-origin": "https://www.pulumi.com/registry/packages/gcp/api-docs/networkservices/edgecacheorigin/",
    "resource-policy": "https://www.pulumi.com/registry/packages/gcp/api-docs/compute/resourcepolicy/",
    "adx": AZ_DOC["adx-cosmos-pulumi"],
    "dicom": "https://www.pulumi.com/registry/packages/azure-native/api-docs/healthcareapis/dicomservice/",
    "vm-app": "https://www.pulumi.com/registry/packages/azure-native/api-docs/compute/galleryapplicationversion/",
    "webapp-logs": "https://www.pulumi.com/registry/packages/azure-native/api-docs/web/webappdiagnosticlogsconfiguration/",
}

# Depth 1, AWS: the profile's model source as a string (the ARN) where the block goes.
case("bad-bedrock-model-source-string", MALFORMED, "DENY", BAD_DOC["bedrock"])(
    inference_profile(None, model_source=system_profile(EU_CLAUDE))
)
# Depth 2, AWS: the leader's Region as a two-item list.
case("bad-opensearch-remote-region-two-item-list", MALFORMED, "DENY", BAD_DOC["opensearch"])(
    search_follower("eu-central-1", remote_region=["eu-west-1", "eu-central-1"])
)
# Depth 2, AWS: the origin's Region name as an object.
case("bad-lightsail-origin-region-object", MALFORMED, "DENY", BAD_DOC["lightsail"])(
    lightsail_cdn("ledger-public-assets", origin_region={"name": "eu-west-1"})
)
# Depth 3, AWS: the DR artifact store's Region (an item of a list) as a two-item list.
case("bad-pipeline-artifact-store-region-two-item-list", MALFORMED, "DENY", BAD_DOC["pipeline"])(
    release_pipeline("eu-central-1", store_region=["eu-central-1", "eu-west-3"])
)
# Depth 1, AWS: the delivery destination as a two-item list of ARNs.
case("bad-log-delivery-destination-two-item-list", MALFORMED, "DENY", BAD_DOC["log-delivery"])(
    auth_log_delivery([OWN_DESTINATION, OWN_DESTINATION])
)
# Depth 1, AWS: the container properties (a JSON document, a string) as an object.
case("bad-batch-container-properties-object", MALFORMED, "DENY", BAD_DOC["batch"])(
    batch_logs("eu-west-1", as_object=True)
)
# Depth 1, GCP: the partition's instance configuration as an object.
case("bad-spanner-partition-config-object", MALFORMED, "DENY", BAD_DOC["spanner"])(
    spanner_partition({"name": "regional-europe-west1"})
)
# Depth 3, GCP: the job's output URI as a two-item list.
case("bad-transcoder-output-uri-two-item-list", MALFORMED, "DENY", BAD_DOC["transcoder"])(
    transcode("europe-west4", output_uri=["gs://ledger-claim-renditions/a/", "gs://ledger-claim-renditions/b/"])
)
# Depth 1, GCP: the origin address as an object.
case("bad-media-cdn-origin-address-object", MALFORMED, "DENY", BAD_DOC["edge-origin"])(
    media_cdn("ledger-web-assets", address={"bucket": "ledger-web-assets"})
)
# Depth 3, GCP: the snapshot storage location (a single value) as a two-item list.
case("bad-snapshot-schedule-storage-locations-two-item-list", MALFORMED, "DENY", BAD_DOC["resource-policy"])(
    regional_disk_schedule(["europe-west3", "europe-west4"])
)
# Depth 1, Azure: the data connection's location as an object.
case("bad-adx-cosmos-connection-location-object", MALFORMED, "DENY", BAD_DOC["adx"])(
    adx_cosmos_feed("northeurope", connection_location={"name": "northeurope"})
)
# Depth 2, Azure: the DICOM data lake account's ID as a one-item list.
case("bad-dicom-storage-resource-id-list", MALFORMED, "DENY", BAD_DOC["dicom"])(
    dicom_lake(
        "ledgerdicomne",
        "northeurope",
        storage={
            "storageResourceId": [arm("Microsoft.Storage/storageAccounts/ledgerdicomne")],
            "fileSystemName": "dicom",
        },
    )
)
# Depth 4, Azure: a target Region's name as an object.
case("bad-vm-application-target-region-name-object", MALFORMED, "DENY", BAD_DOC["vm-app"])(
    vm_application({"name": {"name": "northeurope"}, "regionalReplicaCount": 1})
)
# Depth 2, Azure: the HTTP logs' blob storage (an object) as a string (the SAS URL).
case("bad-webapp-http-logs-blob-string", MALFORMED, "DENY", BAD_DOC["webapp-logs"])(
    portal_logs("ledgerlogsne", "northeurope", http_blob=f"https://ledgerlogsne.blob.core.windows.net/http-logs?{SAS}")
)
