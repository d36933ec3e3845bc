"""Cloud residency cases of the third outside corpus, written from cloud-provider documentation and the
pack's user-facing contract (docs/RULES.md, docs/SPEC.md, docs/REVIEW.md, README.md) by a helper session
that had not read the pack's rules, its residency survey, its configs or its tests. It must never be used
to tune the pack (see README.md beside it).

Cases are built with the ``Case``/``Stack`` API of ``tests/policies/corpus.py`` and the helpers of the
first two outside corpora. A case asks only whether a correct pack denies it: ``expect="DENY"`` (some
mandatory violation) or nothing (compliant: no mandatory violation at all, so every compliant case is
complete and clean in every other respect). Each cites the page its outcome rests on; a comment above it
says why it violates or complies. None repeats a case of the earlier corpora: these are services and
properties they did not try (Neptune and MemoryDB multi-Region groups, MSK Replicator, DataSync, Lambda
destinations, Timestream rejected-record buckets, Spanner configurations, AlloyDB and Memorystore
secondaries, Datastream dataset templates, Filestore replicas, dual-region buckets, App Configuration and
Container Registry replicas, NetApp cross-region replication, Kusto followers, database copies, ...).

``UNKNOWN`` stands for a value the engine only learns at the update.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from tests.policies.corpus import GDPR, IE, UNKNOWN, Stack
from tests.policies.outside.corpus import (
    ACCOUNT,
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
    default_sink,
    eks_guarded,
    gcp,
    gcs_bucket,
    gke_guarded,
    put,
    s3_bucket,
    scp,
    sql_instance,
    storage_account,
)
from tests.policies.outside2.corpus import CH, IE_TAG, on_tenant, tweak
from tests.policies.outside3.common import case

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
UK_TAG = {"fleet-residency": "uk"}
IE_CONFIG = {"regimes": IE}
KMS = f"arn:aws:kms:eu-west-1:{ACCOUNT}:key/1f2e3d4c-5b6a-7980-a1b2-c3d4e5f60718"


# ============================================================================ AWS: copies
AWS_DOC = {
    "neptune-global": "https://docs.aws.amazon.com/neptune/latest/userguide/neptune-global-database.html",
    "memorydb-mr": "https://docs.aws.amazon.com/memorydb/latest/devguide/multi-region.html",
    "msk-replicator": "https://docs.aws.amazon.com/msk/latest/developerguide/msk-replicator.html",
    "datasync-s3": "https://docs.aws.amazon.com/datasync/latest/userguide/create-s3-location.html",
    "lambda-destinations": "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html",
    "timestream-rejected": "https://docs.aws.amazon.com/timestream/latest/developerguide/API_MagneticStoreRejectedDataLocation.html",
    "athena-results": "https://docs.aws.amazon.com/athena/latest/ug/query-results-specify-location.html",
    "firehose-kinesis": "https://docs.aws.amazon.com/firehose/latest/dev/writing-with-kinesis-streams.html",
}


def neptune_global(secondary: str) -> Build:
    """A GDPR Neptune cluster (Ireland) made the primary of a global database; a second, untagged cluster
    joins the global database in ``secondary``."""

    def build(s: Stack) -> None:
        eu = aws(s)
        arn = f"arn:aws:rds:eu-west-1:{ACCOUNT}:cluster:ledger-graph"
        primary = put(
            s,
            "aws:neptune/cluster:Cluster",
            "ledger-graph",
            eu,
            clusterIdentifier="ledger-graph",
            engine="neptune",
            storageEncrypted=True,
            kmsKeyArn=KMS,
            skipFinalSnapshot=False,
            finalSnapshotIdentifier="ledger-graph-final",
            tags=GDPR,
            known={"arn": arn, "id": "ledger-graph"},
        )
        glob = put(
            s,
            "aws:neptune/globalCluster:GlobalCluster",
            "ledger-graph-global",
            eu,
            deps=[primary],
            globalClusterIdentifier="ledger-graph-global",
            sourceDbClusterIdentifier=arn,
            known={"id": "ledger-graph-global"},
        )
        put(
            s,
            "aws:neptune/cluster:Cluster",
            "ledger-graph-secondary",
            aws(s, secondary),
            deps=[glob],
            clusterIdentifier="ledger-graph-secondary",
            engine="neptune",
            storageEncrypted=True,
            skipFinalSnapshot=True,
            globalClusterIdentifier="ledger-graph-global",
        )

    return build


# Violates: the untagged secondary of the GDPR graph's global database (storage-level replication) is in
# N. Virginia.
case("aws-neptune-global-us", AWS_COPIES, "DENY", AWS_DOC["neptune-global"])(neptune_global("us-east-1"))
# Complies: the secondary cluster is in Frankfurt.
case("aws-neptune-global-de", AWS_COPIES, cite=AWS_DOC["neptune-global"])(neptune_global("eu-central-1"))


def memorydb_multi_region(second: str) -> Build:
    """A MemoryDB multi-Region cluster with a GDPR regional cluster in Ireland and an untagged one in
    ``second``; the regional clusters replicate to each other (active-active)."""

    def build(s: Stack) -> None:
        eu = aws(s)
        group_ = put(
            s,
            "aws:memorydb/multiRegionCluster:MultiRegionCluster",
            "sessions-mr",
            eu,
            multiRegionClusterNameSuffix="sessions",
            nodeType="db.r7g.xlarge",
            engine="valkey",
            tlsEnabled=True,
            known={"multiRegionClusterName": "virxk-sessions", "id": "virxk-sessions"},
        )
        for name, provider, tags in (("sessions-ie", eu, GDPR), ("sessions-2", aws(s, second), None)):
            inputs: dict[str, Any] = {
                "name": name,
                "aclName": "open-access",
                "nodeType": "db.r7g.xlarge",
                "multiRegionClusterName": "virxk-sessions",
                "tlsEnabled": True,
                "kmsKeyArn": KMS if tags else None,
            }
            if tags:
                inputs["tags"] = tags
            put(
                s,
                "aws:memorydb/cluster:Cluster",
                name,
                provider,
                deps=[group_],
                **{k: v for k, v in inputs.items() if v is not None},
            )

    return build


# Violates: the GDPR sessions cluster's multi-Region group has a second regional cluster in Oregon.
case("aws-memorydb-multi-region-us", AWS_COPIES, "DENY", AWS_DOC["memorydb-mr"])(memorydb_multi_region("us-west-2"))
# Complies: the second regional cluster is in Stockholm.
case("aws-memorydb-multi-region-se", AWS_COPIES, cite=AWS_DOC["memorydb-mr"])(memorydb_multi_region("eu-north-1"))


def msk_cluster(s: Stack, name: str, region: str, tags: dict[str, str] | None) -> str:
    inputs: dict[str, Any] = {
        "clusterName": name,
        "kafkaVersion": "3.6.0",
        "numberOfBrokerNodes": 3,
        "brokerNodeGroupInfo": {
            "instanceType": "kafka.m7g.large",
            "clientSubnets": ["subnet-0a1b2c3d4e5f60718", "subnet-0b1c2d3e4f5a60719", "subnet-0c1d2e3f4a5b6071a"],
            "securityGroups": ["sg-0a1b2c3d4e5f60718"],
        },
        "encryptionInfo": {"encryptionInTransit": {"clientBroker": "TLS", "inCluster": True}},
    }
    if tags is not None:
        inputs["tags"] = tags
    return put(
        s,
        "aws:msk/cluster:Cluster",
        name,
        aws(s, region),
        known={"arn": f"arn:aws:kafka:{region}:{ACCOUNT}:cluster/{name}/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b-1"},
        **inputs,
    )


def msk_arn(name: str, region: str) -> str:
    return f"arn:aws:kafka:{region}:{ACCOUNT}:cluster/{name}/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b-1"


def msk_replicator(target: str, role: str = ROLE, target_arn: str | None = None) -> Build:
    """MSK Replicator copying every topic of the GDPR payments cluster (Ireland) to an untagged cluster in
    ``target``; the replicator itself carries no tag."""

    def build(s: Stack) -> None:
        source = msk_cluster(s, "payments", "eu-west-1", GDPR)
        dest = msk_cluster(s, "payments-dr", target, None)
        arn = target_arn or msk_arn("payments-dr", target)
        vpc = {"subnetIds": ["subnet-0a1b2c3d4e5f60718", "subnet-0b1c2d3e4f5a60719"]}
        put(
            s,
            "aws:msk/replicator:Replicator",
            "payments-replicator",
            aws(s, target),
            deps=[source, dest],
            replicatorName="payments-dr",
            serviceExecutionRoleArn=role,
            kafkaClusters=[
                {"amazonMskCluster": {"mskClusterArn": msk_arn("payments", "eu-west-1")}, "vpcConfig": vpc},
                {"amazonMskCluster": {"mskClusterArn": arn}, "vpcConfig": vpc},
            ],
            replicationInfoList=[
                {
                    "sourceKafkaClusterArn": msk_arn("payments", "eu-west-1"),
                    "targetKafkaClusterArn": arn,
                    "targetCompressionType": "NONE",
                    "topicReplications": [{"topicsToReplicates": [".*"]}],
                    "consumerGroupReplications": [{"consumerGroupsToReplicates": [".*"]}],
                }
            ],
        )

    return build


# Violates: MSK Replicator copies every topic of the GDPR Kafka cluster to a cluster in N. Virginia.
case("aws-msk-replicator-us", AWS_COPIES, "DENY", AWS_DOC["msk-replicator"])(msk_replicator("us-east-1"))
# Complies: the target cluster is in Frankfurt.
case("aws-msk-replicator-de", AWS_COPIES, cite=AWS_DOC["msk-replicator"])(msk_replicator("eu-central-1"))


def datasync(dest_region: str) -> Build:
    """A DataSync task (Ireland) from a location on the GDPR bucket to a location on a bucket in
    ``dest_region``. DataSync location ARNs carry the task's Region, not the bucket's: only the location's
    s3BucketArn, which names a bucket of this stack, says where the copy lands."""

    def build(s: Stack) -> None:
        eu = aws(s)
        src_bucket = s3_bucket(s, "ledger-docs", "eu-west-1", GDPR)
        dst_bucket = s3_bucket(s, "ledger-docs-archive", dest_region)
        locations = []
        for name, bucket, dep in (("src", "ledger-docs", src_bucket), ("dst", "ledger-docs-archive", dst_bucket)):
            locations.append(
                put(
                    s,
                    "aws:datasync/s3Location:S3Location",
                    f"docs-{name}",
                    eu,
                    deps=[dep],
                    s3BucketArn=f"arn:aws:s3:::{bucket}",
                    subdirectory="/",
                    s3Config={"bucketAccessRoleArn": ROLE},
                    known={"arn": f"arn:aws:datasync:eu-west-1:{ACCOUNT}:location/loc-0{name}1a2b3c4d5e6f7"},
                )
            )
        put(
            s,
            "aws:datasync/task:Task",
            "docs-archive",
            eu,
            deps=locations,
            name="docs-archive",
            sourceLocationArn=f"arn:aws:datasync:eu-west-1:{ACCOUNT}:location/loc-0src1a2b3c4d5e6f7",
            destinationLocationArn=f"arn:aws:datasync:eu-west-1:{ACCOUNT}:location/loc-0dst1a2b3c4d5e6f7",
        )

    return build


# Violates: the task copies the GDPR bucket into a bucket in N. Virginia, though every DataSync ARN says
# eu-west-1.
case("aws-datasync-s3-us", AWS_COPIES, "DENY", AWS_DOC["datasync-s3"])(datasync("us-east-1"))
# Complies: the destination bucket is in Paris.
case("aws-datasync-s3-fr", AWS_COPIES, cite=AWS_DOC["datasync-s3"])(datasync("eu-west-3"))


def lambda_destinations(region: str) -> Build:
    """A GDPR function whose asynchronous invocation records (request and response payloads) go to an SQS
    queue in ``region`` named by ARN."""

    def build(s: Stack) -> None:
        eu = aws(s)
        fn = put(
            s,
            "aws:lambda/function:Function",
            "ledger-notify",
            eu,
            name="ledger-notify",
            role=ROLE,
            packageType="Image",
            imageUri=f"{ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/ledger/notify:1.4.2",
            tags=GDPR,
        )
        queue = put(
            s,
            "aws:sqs/queue:Queue",
            "ledger-notify-failures",
            aws(s, region),
            name="ledger-notify-failures",
            sqsManagedSseEnabled=True,
            known={"arn": f"arn:aws:sqs:{region}:{ACCOUNT}:ledger-notify-failures"},
        )
        put(
            s,
            "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
            "ledger-notify-async",
            eu,
            deps=[fn, queue],
            functionName="ledger-notify",
            maximumRetryAttempts=2,
            destinationConfig={
                "onFailure": {"destination": f"arn:aws:sqs:{region}:{ACCOUNT}:ledger-notify-failures"},
            },
        )

    return build


# Violates: failed invocations of the GDPR function (with their event payloads) are sent to a queue in
# N. Virginia; the invoke config and the queue carry no tag.
case("aws-lambda-destination-us", AWS_COPIES, "DENY", AWS_DOC["lambda-destinations"])(lambda_destinations("us-east-1"))
# Complies: the failure queue is in Ireland.
case("aws-lambda-destination-ie", AWS_COPIES, cite=AWS_DOC["lambda-destinations"])(lambda_destinations("eu-west-1"))


def timestream(bucket_region: str, kms: Any = None) -> Build:
    """A GDPR Timestream table whose rejected magnetic-store records are written to a bucket of this stack
    in ``bucket_region``."""

    def build(s: Stack) -> None:
        eu = aws(s)
        db = put(s, "aws:timestreamwrite/database:Database", "telemetry-db", eu, databaseName="telemetry", tags=GDPR)
        bucket = s3_bucket(s, "telemetry-rejects", bucket_region)
        s3: dict[str, Any] = {"bucketName": "telemetry-rejects", "encryptionOption": "SSE_S3"}
        if kms is not None:
            s3 = {"bucketName": "telemetry-rejects", "encryptionOption": "SSE_KMS", "kmsKeyId": kms}
        put(
            s,
            "aws:timestreamwrite/table:Table",
            "telemetry-readings",
            eu,
            deps=[db, bucket],
            databaseName="telemetry",
            tableName="readings",
            tags=GDPR,
            retentionProperties={"memoryStoreRetentionPeriodInHours": 24, "magneticStoreRetentionPeriodInDays": 365},
            magneticStoreWriteProperties={
                "enableMagneticStoreWrites": True,
                "magneticStoreRejectedDataLocation": {"s3Configuration": s3},
            },
        )

    return build


# Violates: records the GDPR table rejects are written, in full, to a bucket in Ohio.
case("aws-timestream-rejected-us", AWS_COPIES, "DENY", AWS_DOC["timestream-rejected"])(timestream("us-east-2"))
# Complies: the rejected-records bucket is in Ireland.
case("aws-timestream-rejected-ie", AWS_COPIES, cite=AWS_DOC["timestream-rejected"])(timestream("eu-west-1"))


def athena(bucket_region: str) -> Build:
    """A GDPR Athena workgroup (it queries the ledger data) whose query results go to s3://ledger-athena/."""

    def build(s: Stack) -> None:
        bucket = s3_bucket(s, "ledger-athena", bucket_region)
        put(
            s,
            "aws:athena/workgroup:Workgroup",
            "ledger-analysts",
            aws(s),
            deps=[bucket],
            name="ledger-analysts",
            tags=GDPR,
            configuration={
                "enforceWorkgroupConfiguration": True,
                "resultConfiguration": {
                    "outputLocation": "s3://ledger-athena/results/",
                    "encryptionConfiguration": {"encryptionOption": "SSE_S3"},
                },
            },
        )

    return build


# Violates: query results of the GDPR workgroup (rows of the ledger tables) are written to a bucket in
# N. California.
case("aws-athena-results-us", AWS_COPIES, "DENY", AWS_DOC["athena-results"])(athena("us-west-1"))
# Complies: the results bucket is in Ireland.
case("aws-athena-results-ie", AWS_COPIES, cite=AWS_DOC["athena-results"])(athena("eu-west-1"))


def firehose_from_stream(bucket_region: str) -> Build:
    """An untagged Firehose stream reading the GDPR Kinesis stream and delivering to a bucket of this stack."""

    def build(s: Stack) -> None:
        eu = aws(s)
        stream = put(
            s,
            "aws:kinesis/stream:Stream",
            "clicks",
            eu,
            name="clicks",
            encryptionType="KMS",
            kmsKeyId="alias/aws/kinesis",
            streamModeDetails={"streamMode": "ON_DEMAND"},
            tags=GDPR,
            known={"arn": f"arn:aws:kinesis:eu-west-1:{ACCOUNT}:stream/clicks"},
        )
        bucket = s3_bucket(s, "clicks-archive", bucket_region)
        put(
            s,
            "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
            "clicks-archive",
            eu,
            deps=[stream, bucket],
            name="clicks-archive",
            destination="extended_s3",
            kinesisSourceConfiguration={
                "kinesisStreamArn": f"arn:aws:kinesis:eu-west-1:{ACCOUNT}:stream/clicks",
                "roleArn": ROLE,
            },
            extendedS3Configuration={"roleArn": ROLE, "bucketArn": "arn:aws:s3:::clicks-archive"},
        )

    return build


# Violates: the Firehose stream (no tag) archives every record of the GDPR stream in a bucket in Oregon.
case("aws-firehose-kinesis-source-us", AWS_COPIES, "DENY", AWS_DOC["firehose-kinesis"])(
    firehose_from_stream("us-west-2")
)
# Complies: the archive bucket is in Frankfurt.
case("aws-firehose-kinesis-source-de", AWS_COPIES, cite=AWS_DOC["firehose-kinesis"])(
    firehose_from_stream("eu-central-1")
)
# Violates: a cross-account copy: the replicator writes into another account's cluster in Ohio, named only
# by its ARN (that cluster is not in the stack; the ARN says where it is).
case("aws-msk-replicator-partner-us", AWS_COPIES, "DENY", AWS_DOC["msk-replicator"])(
    tweak(
        msk_replicator("eu-west-1"),
        "aws:msk/replicator:Replicator",
        "payments-replicator",
        replicationInfoList=[
            {
                "sourceKafkaClusterArn": msk_arn("payments", "eu-west-1"),
                "targetKafkaClusterArn": f"arn:aws:kafka:us-east-2:{PARTNER}:cluster/analytics/9a8b7c6d-1-2",
                "targetCompressionType": "NONE",
                "topicReplications": [{"topicsToReplicates": ["ledger\\..*"]}],
                "consumerGroupReplications": [{"consumerGroupsToReplicates": [".*"]}],
            }
        ],
    )
)


# ============================================================================ GCP: copies
GCP_DOC = {
    "spanner-configs": "https://cloud.google.com/spanner/docs/instance-configurations",
    "spanner-custom": "https://cloud.google.com/spanner/docs/create-manage-configurations",
    "alloydb-secondary": "https://cloud.google.com/alloydb/docs/cross-region-replication/about-cross-region-replication",
    "redis-ccr": "https://cloud.google.com/memorystore/docs/cluster/about-cross-region-replication",
    "datastream-bq": "https://cloud.google.com/datastream/docs/destination-bigquery",
    "dataflow-temp": "https://cloud.google.com/dataflow/docs/guides/setting-pipeline-options",
    "gcs-dual-region": "https://cloud.google.com/storage/docs/locations#location-dr",
    "gcs-turbo": "https://cloud.google.com/storage/docs/availability-durability#turbo-replication",
    "filestore-replication": "https://cloud.google.com/filestore/docs/replication-overview",
}
NETWORK = f"projects/{PROJECT}/global/networks/default"


def spanner(config: str, labels: dict[str, str] = GDPR, **extra: Any) -> Build:
    def build(s: Stack) -> None:
        put(
            s,
            "gcp:spanner/instance:Instance",
            "ledger-spanner",
            gcp(s),
            name="ledger",
            config=config,
            displayName="ledger",
            processingUnits=1000,
            labels=labels,
            **extra,
        )

    return build


# Violates: the GDPR Spanner instance uses nam-eur-asia1, whose replicas are in the US, Belgium and Taiwan.
case("gcp-spanner-multi-continent", GCP_COPIES, "DENY", GCP_DOC["spanner-configs"])(spanner("nam-eur-asia1"))
# Complies: eur3 keeps every replica in Belgium and the Netherlands.
case("gcp-spanner-eur3", GCP_COPIES, cite=GCP_DOC["spanner-configs"])(spanner("eur3"))
# Violates: a Swiss instance in eur6 (the Netherlands and Frankfurt, witness in Zurich) keeps its
# read-write replicas outside Switzerland.
case("gcp-spanner-ch-eur6", GCP_COPIES, "DENY", GCP_DOC["spanner-configs"])(spanner("eur6", CH))
# Complies: the Swiss instance uses the regional configuration in Zurich.
case("gcp-spanner-ch-regional", GCP_COPIES, cite=GCP_DOC["spanner-configs"])(spanner("regional-europe-west6", CH))


def spanner_custom(read_only: str) -> Build:
    """A custom instance configuration (no label) built on eur3 with an extra read-only replica in
    ``read_only``; the GDPR instance uses it, so its data is copied to every replica of the configuration."""

    def build(s: Stack) -> None:
        config = put(
            s,
            "gcp:spanner/instanceConfig:InstanceConfig",
            "custom-eur3-reads",
            gcp(s),
            name="custom-eur3-reads",
            displayName="eur3 with a read replica",
            baseConfig="eur3",
            replicas=[
                {"location": "europe-west1", "type": "READ_WRITE", "defaultLeaderLocation": True},
                {"location": "europe-west4", "type": "READ_WRITE", "defaultLeaderLocation": False},
                {"location": "europe-north1", "type": "WITNESS", "defaultLeaderLocation": False},
                {"location": read_only, "type": "READ_ONLY", "defaultLeaderLocation": False},
            ],
            known={"id": f"projects/{PROJECT}/instanceConfigs/custom-eur3-reads"},
        )
        spanner(f"projects/{PROJECT}/instanceConfigs/custom-eur3-reads")(s)
        _find(s, s.urn("gcp:spanner/instance:Instance", "ledger-spanner")).dependencies = [config]

    return build


# Violates: the custom configuration the GDPR instance uses adds a read-only replica in South Carolina.
case("gcp-spanner-custom-config-us", GCP_COPIES, "DENY", GCP_DOC["spanner-custom"])(spanner_custom("us-east1"))
# Complies: the read-only replica is in Frankfurt.
case("gcp-spanner-custom-config-de", GCP_COPIES, cite=GCP_DOC["spanner-custom"])(spanner_custom("europe-west3"))


def alloydb_secondary(location: str) -> Build:
    def build(s: Stack) -> None:
        path = f"projects/{PROJECT}/locations/europe-west3/clusters/ledger"
        primary = put(
            s,
            "gcp:alloydb/cluster:Cluster",
            "ledger-alloy",
            gcp(s),
            clusterId="ledger",
            location="europe-west3",
            networkConfig={"network": NETWORK},
            labels=GDPR,
            known={"id": path, "name": path},
        )
        put(
            s,
            "gcp:alloydb/cluster:Cluster",
            "ledger-alloy-dr",
            gcp(s),
            deps=[primary],
            clusterId="ledger-dr",
            location=location,
            clusterType="SECONDARY",
            secondaryConfig={"primaryClusterName": path},
            networkConfig={"network": NETWORK},
            deletionProtection=False,
        )

    return build


# Violates: an untagged AlloyDB secondary cluster replicating the GDPR cluster in Iowa.
case("gcp-alloydb-secondary-us", GCP_COPIES, "DENY", GCP_DOC["alloydb-secondary"])(alloydb_secondary("us-central1"))
# Complies: the secondary cluster is in Belgium.
case("gcp-alloydb-secondary-be", GCP_COPIES, cite=GCP_DOC["alloydb-secondary"])(alloydb_secondary("europe-west1"))


def redis_ccr(region: str) -> Build:
    def build(s: Stack) -> None:
        path = f"projects/{PROJECT}/locations/europe-west3/clusters/ledger-cache"
        primary = put(
            s,
            "gcp:redis/cluster:Cluster",
            "ledger-cache",
            gcp(s),
            name="ledger-cache",
            region="europe-west3",
            shardCount=3,
            replicaCount=1,
            pscConfigs=[{"network": NETWORK}],
            transitEncryptionMode="TRANSIT_ENCRYPTION_MODE_SERVER_AUTHENTICATION",
            labels=GDPR,
            known={"id": path},
        )
        put(
            s,
            "gcp:redis/cluster:Cluster",
            "ledger-cache-dr",
            gcp(s),
            deps=[primary],
            name="ledger-cache-dr",
            region=region,
            shardCount=3,
            replicaCount=1,
            pscConfigs=[{"network": NETWORK}],
            transitEncryptionMode="TRANSIT_ENCRYPTION_MODE_SERVER_AUTHENTICATION",
            crossClusterReplicationConfig={"clusterRole": "SECONDARY", "primaryCluster": {"cluster": path}},
        )

    return build


# Violates: a Memorystore for Redis Cluster secondary (cross-region replication) of the GDPR cache in
# South Carolina.
case("gcp-redis-cluster-secondary-us", GCP_COPIES, "DENY", GCP_DOC["redis-ccr"])(redis_ccr("us-east1"))
# Complies: the secondary is in the Netherlands.
case("gcp-redis-cluster-secondary-nl", GCP_COPIES, cite=GCP_DOC["redis-ccr"])(redis_ccr("europe-west4"))


def datastream(destination: dict[str, Any], dataset_location: str | None = None) -> Build:
    """A GDPR change stream from the ledger database (Cloud SQL, Frankfurt) into BigQuery."""

    def build(s: Stack) -> None:
        sql_instance(s, "ledger-db", "europe-west3", GDPR)
        deps = []
        if dataset_location is not None:
            deps.append(bq_dataset(s, "ledger_cdc", dataset_location))
        profiles = {}
        for name, profile in (
            (
                "ledger-pg",
                {
                    "postgresqlProfile": {
                        "hostname": "10.20.0.5",
                        "port": 5432,
                        "username": "datastream",
                        "database": "ledger",
                        "secretManagerStoredPassword": f"projects/{PROJECT}/secrets/datastream-pg/versions/1",
                    }
                },
            ),
            ("ledger-bq", {"bigqueryProfile": {}}),
        ):
            path = f"projects/{PROJECT}/locations/europe-west3/connectionProfiles/{name}"
            profiles[name] = path
            deps.append(
                put(
                    s,
                    "gcp:datastream/connectionProfile:ConnectionProfile",
                    name,
                    gcp(s),
                    connectionProfileId=name,
                    displayName=name,
                    location="europe-west3",
                    labels=GDPR,
                    known={"id": path, "name": path},
                    **profile,
                )
            )
        put(
            s,
            "gcp:datastream/stream:Stream",
            "ledger-cdc",
            gcp(s),
            deps=deps,
            streamId="ledger-cdc",
            displayName="ledger-cdc",
            location="europe-west3",
            labels=GDPR,
            backfillNone={},
            sourceConfig={
                "sourceConnectionProfile": profiles["ledger-pg"],
                "postgresqlSourceConfig": {
                    "publication": "ledger_pub",
                    "replicationSlot": "ledger_slot",
                    "includeObjects": {"postgresqlSchemas": [{"schema": "public"}]},
                },
            },
            destinationConfig={
                "destinationConnectionProfile": profiles["ledger-bq"],
                "bigqueryDestinationConfig": {"dataFreshness": "900s", **destination},
            },
        )

    return build


def template(location: str) -> dict[str, Any]:
    return {"sourceHierarchyDatasets": {"datasetTemplate": {"location": location, "datasetIdPrefix": "cdc_"}}}


def single(dataset: str) -> dict[str, Any]:
    return {"singleTargetDataset": {"datasetId": f"{PROJECT}:{dataset}"}}


# Violates: the stream creates one dataset per schema from a template whose location is the US
# multi-region; every change of the GDPR database lands there.
case("gcp-datastream-template-us", GCP_COPIES, "DENY", GCP_DOC["datastream-bq"])(datastream(template("US")))
# Complies: the template's location is the EU multi-region.
case("gcp-datastream-template-eu", GCP_COPIES, cite=GCP_DOC["datastream-bq"])(datastream(template("EU")))
# Violates: the stream writes into one dataset of this stack, which is in the US multi-region.
case("gcp-datastream-dataset-us", GCP_COPIES, "DENY", GCP_DOC["datastream-bq"])(datastream(single("ledger_cdc"), "US"))
# Complies: that dataset is in Frankfurt.
case("gcp-datastream-dataset-de", GCP_COPIES, cite=GCP_DOC["datastream-bq"])(
    datastream(single("ledger_cdc"), "europe-west3")
)


def dataflow(temp_location: str) -> Build:
    """A GDPR streaming job (Frankfurt workers) whose temporary files (shuffled and staged records) go to
    gs://ledger-df-tmp, a bucket of this stack."""

    def build(s: Stack) -> None:
        out = bq_dataset(s, "ledger", "EU", GDPR)
        tmp = gcs_bucket(s, "ledger-df-tmp", temp_location)
        put(
            s,
            "gcp:dataflow/job:Job",
            "ledger-ingest",
            gcp(s),
            deps=[out, tmp],
            name="ledger-ingest",
            region="europe-west3",
            labels=GDPR,
            templateGcsPath="gs://dataflow-templates-europe-west3/latest/PubSub_Subscription_to_BigQuery",
            tempGcsLocation="gs://ledger-df-tmp/tmp",
            parameters={
                "inputSubscription": f"projects/{PROJECT}/subscriptions/ledger-events",
                "outputTableSpec": f"{PROJECT}:ledger.events",
            },
            maxWorkers=4,
            ipConfiguration="WORKER_IP_PRIVATE",
        )

    return build


# Violates: the job's temporary location is a bucket in the US multi-region, outside the EEA.
case("gcp-dataflow-temp-us", GCP_COPIES, "DENY", GCP_DOC["dataflow-temp"])(dataflow("US"))
# Complies: the temporary bucket is in Frankfurt.
case("gcp-dataflow-temp-de", GCP_COPIES, cite=GCP_DOC["dataflow-temp"])(dataflow("EUROPE-WEST3"))


def bucket_at(location: str, labels: dict[str, str] = GDPR, **extra: Any) -> Build:
    def build(s: Stack) -> None:
        put(
            s,
            "gcp:storage/bucket:Bucket",
            "ledger-docs",
            gcp(s),
            name="ledger-docs",
            location=location,
            uniformBucketLevelAccess=True,
            publicAccessPrevention="enforced",
            labels=labels,
            **extra,
        )

    return build


# Violates: NAM4 is the predefined dual-region Iowa + South Carolina.
case("gcp-gcs-dual-region-nam4", GCP_COPIES, "DENY", GCP_DOC["gcs-dual-region"])(bucket_at("NAM4"))
# Complies: EUR4 is Finland + the Netherlands.
case("gcp-gcs-dual-region-eur4", GCP_COPIES, cite=GCP_DOC["gcs-dual-region"])(bucket_at("EUR4"))
# Violates: a Swiss bucket in EUR4 keeps both copies outside Switzerland.
case("gcp-gcs-dual-region-ch-eur4", GCP_COPIES, "DENY", GCP_DOC["gcs-dual-region"])(bucket_at("EUR4", CH))
# Complies: a configurable dual-region (Frankfurt + the Netherlands) with turbo replication.
case("gcp-gcs-configurable-dual-region-eu", GCP_COPIES, cite=GCP_DOC["gcs-turbo"])(
    bucket_at("EU", customPlacementConfig={"dataLocations": ["EUROPE-WEST3", "EUROPE-WEST4"]}, rpo="ASYNC_TURBO")
)
# Violates: a configurable dual-region in the US multi-region (Virginia + Oregon).
case("gcp-gcs-configurable-dual-region-us", GCP_COPIES, "DENY", GCP_DOC["gcs-dual-region"])(
    bucket_at("US", customPlacementConfig={"dataLocations": ["US-EAST4", "US-WEST1"]})
)


def filestore_replica(location: str) -> Build:
    def build(s: Stack) -> None:
        path = f"projects/{PROJECT}/locations/europe-west3/instances/ledger-fs"
        common = {
            "tier": "REGIONAL",
            "fileShares": {"name": "share1", "capacityGb": 1024},
            "networks": [{"network": "default", "modes": ["MODE_IPV4"]}],
        }
        active = put(
            s,
            "gcp:filestore/instance:Instance",
            "ledger-fs",
            gcp(s),
            name="ledger-fs",
            location="europe-west3",
            labels=GDPR,
            known={"id": path},
            **common,
        )
        put(
            s,
            "gcp:filestore/instance:Instance",
            "ledger-fs-replica",
            gcp(s),
            deps=[active],
            name="ledger-fs-replica",
            location=location,
            initialReplication={"role": "STANDBY", "replicas": [{"peerInstance": path}]},
            **common,
        )

    return build


# Violates: a Filestore standby replica of the GDPR share in Iowa (it names the active instance).
case("gcp-filestore-replica-us", GCP_COPIES, "DENY", GCP_DOC["filestore-replication"])(filestore_replica("us-central1"))
# Complies: the standby replica is in the Netherlands.
case("gcp-filestore-replica-nl", GCP_COPIES, cite=GCP_DOC["filestore-replication"])(filestore_replica("europe-west4"))


# ============================================================================ Azure: copies
AZ_DOC = {
    "appconfig-replicas": "https://learn.microsoft.com/en-us/azure/azure-app-configuration/concept-geo-replication",
    "acr-replication": "https://learn.microsoft.com/en-us/azure/container-registry/container-registry-geo-replication",
    "keyvault": "https://learn.microsoft.com/en-us/azure/key-vault/general/disaster-recovery-guidance",
    "pairs": "https://learn.microsoft.com/en-us/azure/reliability/cross-region-replication-azure",
    "asa-blob": "https://learn.microsoft.com/en-us/azure/stream-analytics/blob-storage-azure-data-lake-gen2-output",
    "netapp-crr": "https://learn.microsoft.com/en-us/azure/azure-netapp-files/cross-region-replication-introduction",
    "mysql-backup": "https://learn.microsoft.com/en-us/azure/mysql/flexible-server/concepts-backup-restore",
    "kusto-follower": "https://learn.microsoft.com/en-us/azure/data-explorer/follower",
    "sql-copy": "https://learn.microsoft.com/en-us/azure/azure-sql/database/database-copy",
    "vault-redundancy": "https://learn.microsoft.com/en-us/azure/backup/backup-create-recovery-services-vault#set-storage-redundancy",
}


def app_config_replica(location: str) -> Build:
    def build(s: Stack) -> None:
        store = az(
            s,
            "azure-native:appconfiguration:ConfigurationStore",
            "ledger-config",
            "westeurope",
            GDPR,
            "Microsoft.AppConfiguration/configurationStores/ledger-config",
            configStoreName="ledger-config",
            sku={"name": "standard"},
            disableLocalAuth=True,
            publicNetworkAccess="Disabled",
        )
        put(
            s,
            "azure-native:appconfiguration:Replica",
            "ledger-config-replica",
            azure(s, location),
            deps=[store],
            resourceGroupName="ledger",
            configStoreName="ledger-config",
            replicaName="dr",
            location=location,
        )

    return build


# Violates: a geo-replica of the GDPR configuration store (every key-value) in East US.
case("az-appconfig-replica-us", AZURE_COPIES, "DENY", AZ_DOC["appconfig-replicas"])(app_config_replica("eastus"))
# Complies: the replica is in North Europe.
case("az-appconfig-replica-ie", AZURE_COPIES, cite=AZ_DOC["appconfig-replicas"])(app_config_replica("northeurope"))


def acr_replication(location: str) -> Build:
    def build(s: Stack) -> None:
        registry = az(
            s,
            "azure-native:containerregistry:Registry",
            "ledgerimages",
            "westeurope",
            GDPR,
            "Microsoft.ContainerRegistry/registries/ledgerimages",
            registryName="ledgerimages",
            sku={"name": "Premium"},
            adminUserEnabled=False,
            publicNetworkAccess="Disabled",
        )
        put(
            s,
            "azure-native:containerregistry:Replication",
            "ledgerimages-replica",
            azure(s, location),
            deps=[registry],
            resourceGroupName="ledger",
            registryName="ledgerimages",
            replicationName=location,
            location=location,
            zoneRedundancy="Enabled",
        )

    return build


# Violates: the GDPR registry is geo-replicated to Australia East.
case("az-acr-replication-au", AZURE_COPIES, "DENY", AZ_DOC["acr-replication"])(acr_replication("australiaeast"))
# Complies: the replica is in Germany West Central.
case("az-acr-replication-de", AZURE_COPIES, cite=AZ_DOC["acr-replication"])(acr_replication("germanywestcentral"))


def key_vault(location: str, tags: dict[str, str]) -> Build:
    def build(s: Stack) -> None:
        az(
            s,
            "azure-native:keyvault:Vault",
            "ledger-kv",
            location,
            tags,
            "Microsoft.KeyVault/vaults/ledger-kv",
            vaultName="ledger-kv",
            properties={
                "tenantId": "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e",
                "sku": {"family": "A", "name": "standard"},
                "enableRbacAuthorization": True,
                "enablePurgeProtection": True,
                "publicNetworkAccess": "Disabled",
            },
        )

    return build


# Violates: Key Vault replicates its contents to the paired region; an Ireland-only vault in North Europe
# is copied to West Europe (the Netherlands).
case("az-keyvault-pair-ireland", AZURE_COPIES, "DENY", AZ_DOC["keyvault"], config=IE_CONFIG)(
    key_vault("northeurope", IE_TAG)
)
# Complies: a Swiss vault in Switzerland North is paired with Switzerland West, inside Switzerland.
case("az-keyvault-pair-switzerland", AZURE_COPIES, cite=AZ_DOC["pairs"])(key_vault("switzerlandnorth", CH))


def asa_blob(account_location: str) -> Build:
    """A GDPR Stream Analytics job whose output writes into a storage account of this stack, named only by
    its account name."""

    def build(s: Stack) -> None:
        job = az(
            s,
            "azure-native:streamanalytics:StreamingJob",
            "ledger-asa",
            "westeurope",
            GDPR,
            "Microsoft.StreamAnalytics/streamingjobs/ledger-asa",
            jobName="ledger-asa",
            sku={"name": "StandardV2"},
            eventsOutOfOrderPolicy="Adjust",
            outputErrorPolicy="Stop",
        )
        account = storage_account(s, "ledgerasaout", account_location, None)
        put(
            s,
            "azure-native:streamanalytics:Output",
            "ledger-asa-archive",
            azure(s),
            deps=[job, account],
            resourceGroupName="ledger",
            jobName="ledger-asa",
            outputName="archive",
            datasource={
                "type": "Microsoft.Storage/Blob",
                "storageAccounts": [{"accountName": "ledgerasaout"}],
                "container": "archive",
                "pathPattern": "{date}/{time}",
                "dateFormat": "yyyy/MM/dd",
                "timeFormat": "HH",
                "authenticationMode": "Msi",
            },
            serialization={"type": "Json", "encoding": "UTF8", "format": "LineSeparated"},
        )

    return build


# Violates: the job's output account is in East US.
case("az-stream-analytics-blob-us", AZURE_COPIES, "DENY", AZ_DOC["asa-blob"])(asa_blob("eastus"))
# Complies: the output account is in West Europe.
case("az-stream-analytics-blob-nl", AZURE_COPIES, cite=AZ_DOC["asa-blob"])(asa_blob("westeurope"))


NETAPP = f"{RG}/Microsoft.NetApp/netAppAccounts"


def netapp_volume(s: Stack, name: str, location: str, tags: dict[str, str] | None, **extra: Any) -> str:
    account = f"anf-{location}"
    return az(
        s,
        "azure-native:netapp:CapacityPoolVolume",
        name,
        location,
        tags,
        f"Microsoft.NetApp/netAppAccounts/{account}/capacityPools/pool1/volumes/{name}",
        accountName=account,
        poolName="pool1",
        volumeName=name,
        creationToken=name,
        serviceLevel="Premium",
        usageThreshold=107374182400,
        protocolTypes=["NFSv4.1"],
        subnetId=f"/subscriptions/{SUB}/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/anf-{location}"
        "/subnets/anf",
        **extra,
    )


def netapp_crr(location: str) -> Build:
    def build(s: Stack) -> None:
        source = netapp_volume(s, "ledger-vol", "westeurope", GDPR)
        dest = netapp_volume(
            s,
            "ledger-vol-dr",
            location,
            None,
            volumeType="DataProtection",
            dataProtection={
                "replication": {
                    "endpointType": "dst",
                    "remoteVolumeRegion": "westeurope",
                    "remoteVolumeResourceId": f"{NETAPP}/anf-westeurope/capacityPools/pool1/volumes/ledger-vol",
                    "replicationSchedule": "hourly",
                }
            },
        )
        _find(s, dest).dependencies = [source]

    return build


# Violates: an Azure NetApp Files destination volume in East US replicates the GDPR volume.
case("az-netapp-crr-us", AZURE_COPIES, "DENY", AZ_DOC["netapp-crr"])(netapp_crr("eastus"))
# Complies: the destination volume is in North Europe.
case("az-netapp-crr-ie", AZURE_COPIES, cite=AZ_DOC["netapp-crr"])(netapp_crr("northeurope"))


def mysql(backup: dict[str, Any] | None) -> Build:
    def build(s: Stack) -> None:
        inputs: dict[str, Any] = {
            "serverName": "ledger-mysql",
            "version": "8.0.21",
            "sku": {"name": "Standard_D2ds_v4", "tier": "GeneralPurpose"},
            "storage": {"storageSizeGB": 128, "autoGrow": "Enabled"},
        }
        if backup is not None:
            inputs["backup"] = backup
        az(
            s,
            "azure-native:dbformysql:Server",
            "ledger-mysql",
            "northeurope",
            IE_TAG,
            "Microsoft.DBforMySQL/flexibleServers/ledger-mysql",
            **inputs,
        )

    return build


# Violates: geo-redundant backups of an Ireland-only MySQL server are kept in the paired region (West
# Europe, the Netherlands).
case("az-mysql-geo-backup-ireland", AZURE_COPIES, "DENY", AZ_DOC["mysql-backup"], config=IE_CONFIG)(
    mysql({"backupRetentionDays": 14, "geoRedundantBackup": "Enabled"})
)
# Complies: geo-redundant backup disabled: backups stay in North Europe.
case("az-mysql-local-backup-ireland", AZURE_COPIES, cite=AZ_DOC["mysql-backup"], config=IE_CONFIG)(
    mysql({"backupRetentionDays": 14, "geoRedundantBackup": "Disabled"})
)


def kusto_follower(location: str) -> Build:
    def build(s: Stack) -> None:
        sku = {"name": "Standard_E8ads_v5", "tier": "Standard", "capacity": 2}
        leader = az(
            s,
            "azure-native:kusto:Cluster",
            "ledgeradx",
            "westeurope",
            GDPR,
            "Microsoft.Kusto/clusters/ledgeradx",
            clusterName="ledgeradx",
            sku=sku,
            enableDiskEncryption=True,
        )
        follower = az(
            s,
            "azure-native:kusto:Cluster",
            "reportsadx",
            location,
            None,
            "Microsoft.Kusto/clusters/reportsadx",
            clusterName="reportsadx",
            sku=sku,
            enableDiskEncryption=True,
        )
        put(
            s,
            "azure-native:kusto:AttachedDatabaseConfiguration",
            "reports-follows-ledger",
            azure(s, location),
            deps=[leader, follower],
            resourceGroupName="ledger",
            clusterName="reportsadx",
            attachedDatabaseConfigurationName="ledger",
            clusterResourceId=f"{RG}/Microsoft.Kusto/clusters/ledgeradx",
            databaseName="ledger",
            defaultPrincipalsModificationKind="Union",
            location=location,
        )

    return build


# Violates: a follower cluster in East US attaches the GDPR cluster's ledger database (its data is cached
# on the follower's disks).
case("az-kusto-follower-us", AZURE_COPIES, "DENY", AZ_DOC["kusto-follower"])(kusto_follower("eastus"))
# Complies: the follower cluster is in Sweden Central.
case("az-kusto-follower-se", AZURE_COPIES, cite=AZ_DOC["kusto-follower"])(kusto_follower("swedencentral"))


def sql_server_(s: Stack, name: str, location: str, tags: dict[str, str] | None) -> str:
    return az(
        s,
        "azure-native:sql:Server",
        name,
        location,
        tags,
        f"Microsoft.Sql/servers/{name}",
        serverName=name,
        administrators={"azureADOnlyAuthentication": True, "login": "sql-admins", "sid": SUB, "principalType": "Group"},
        minimalTlsVersion="1.2",
        publicNetworkAccess="Disabled",
    )


def sql_copy(location: str) -> Build:
    """A database copy (createMode Copy) of the GDPR ledger database on an untagged server in ``location``."""

    def build(s: Stack) -> None:
        sql_server_(s, "ledger-nl", "westeurope", GDPR)
        az(
            s,
            "azure-native:sql:Database",
            "ledger-nl-db",
            "westeurope",
            GDPR,
            "Microsoft.Sql/servers/ledger-nl/databases/ledger",
            serverName="ledger-nl",
            databaseName="ledger",
            sku={"name": "GP_Gen5_2"},
            requestedBackupStorageRedundancy="Local",
        )
        sql_server_(s, "reports-sql", location, None)
        az(
            s,
            "azure-native:sql:Database",
            "reports-ledger-copy",
            location,
            None,
            "Microsoft.Sql/servers/reports-sql/databases/ledger-copy",
            serverName="reports-sql",
            databaseName="ledger-copy",
            createMode="Copy",
            sourceDatabaseId=f"{RG}/Microsoft.Sql/servers/ledger-nl/databases/ledger",
            requestedBackupStorageRedundancy="Local",
        )

    return build


# Violates: a transactionally consistent copy of the GDPR database on a server in Central US.
case("az-sql-database-copy-us", AZURE_COPIES, "DENY", AZ_DOC["sql-copy"])(sql_copy("centralus"))
# Complies: the copy is on a server in France Central.
case("az-sql-database-copy-fr", AZURE_COPIES, cite=AZ_DOC["sql-copy"])(sql_copy("francecentral"))


def protected_vm(redundancy: str) -> Build:
    """An Ireland-only VM backed up (ProtectedItem) into an untagged Recovery Services vault in North Europe."""

    def build(s: Stack) -> None:
        vm = az(
            s,
            "azure-native:compute:VirtualMachine",
            "ledger-vm",
            "northeurope",
            IE_TAG,
            "Microsoft.Compute/virtualMachines/ledger-vm",
            vmName="ledger-vm",
            hardwareProfile={"vmSize": "Standard_D4s_v5"},
            storageProfile={
                "imageReference": {
                    "publisher": "Canonical",
                    "offer": "ubuntu-24_04-lts",
                    "sku": "server",
                    "version": "latest",
                },
                "osDisk": {"createOption": "FromImage", "managedDisk": {"storageAccountType": "Premium_LRS"}},
            },
            networkProfile={
                "networkInterfaces": [
                    {"id": f"{RG}/Microsoft.Network/networkInterfaces/ledger-vm-nic", "primary": True}
                ]
            },
        )
        vault = az(
            s,
            "azure-native:recoveryservices:Vault",
            "ledger-rsv",
            "northeurope",
            None,
            "Microsoft.RecoveryServices/vaults/ledger-rsv",
            vaultName="ledger-rsv",
            sku={"name": "RS0", "tier": "Standard"},
            properties={
                "publicNetworkAccess": "Disabled",
                "redundancySettings": {"standardTierStorageRedundancy": redundancy, "crossRegionRestore": "Disabled"},
            },
        )
        put(
            s,
            "azure-native:recoveryservices:ProtectedItem",
            "ledger-vm-backup",
            azure(s, "northeurope"),
            deps=[vm, vault],
            resourceGroupName="ledger",
            vaultName="ledger-rsv",
            fabricName="Azure",
            containerName="iaasvmcontainer;iaasvmcontainerv2;ledger;ledger-vm",
            protectedItemName="vm;iaasvmcontainerv2;ledger;ledger-vm",
            properties={
                "protectedItemType": "Microsoft.Compute/virtualMachines",
                "sourceResourceId": f"{RG}/Microsoft.Compute/virtualMachines/ledger-vm",
                "policyId": f"{RG}/Microsoft.RecoveryServices/vaults/ledger-rsv/backupPolicies/DefaultPolicy",
            },
        )

    return build


# Violates: the Ireland-only VM's recovery points go to a geo-redundant vault, copied to West Europe (the
# Netherlands); the vault carries no tag, the backup (ProtectedItem) names the VM.
case("az-vm-backup-grs-vault-ireland", AZURE_COPIES, "DENY", AZ_DOC["vault-redundancy"], config=IE_CONFIG)(
    protected_vm("GeoRedundant")
)
# Complies: the vault is locally redundant.
case("az-vm-backup-lrs-vault-ireland", AZURE_COPIES, cite=AZ_DOC["vault-redundancy"], config=IE_CONFIG)(
    protected_vm("LocallyRedundant")
)


# ============================================================================ destinations outside
OUT_DOC = {
    "appflow-salesforce": "https://docs.aws.amazon.com/appflow/latest/userguide/salesforce.html",
    "appflow-s3": "https://docs.aws.amazon.com/appflow/latest/userguide/s3.html",
    "iot-https": "https://docs.aws.amazon.com/iot/latest/developerguide/https-rule-action.html",
    "iot-s3": "https://docs.aws.amazon.com/iot/latest/developerguide/s3-rule-action.html",
    "firehose-snowflake": "https://docs.aws.amazon.com/firehose/latest/dev/create-destination.html#create-destination-snowflake",
    "asa-powerbi": "https://learn.microsoft.com/en-us/azure/stream-analytics/power-bi-output",
    "data-share": "https://learn.microsoft.com/en-us/azure/data-share/share-your-data",
    "pipes-target": "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-pipes-event-target.html",
    "eventarc-run": "https://cloud.google.com/eventarc/docs/run/route-trigger-cloud-storage",
}


def appflow(destination: dict[str, Any], bucket: str | None = None) -> Build:
    """An AppFlow flow reading the GDPR bucket's customers/ prefix and writing it to ``destination``."""

    def build(s: Stack) -> None:
        deps = [s3_bucket(s, "ledger-crm-export", "eu-west-1", GDPR)]
        if bucket is not None:
            deps.append(s3_bucket(s, bucket, "eu-west-1"))
        put(
            s,
            "aws:appflow/flow:Flow",
            "crm-sync",
            aws(s),
            deps=deps,
            name="crm-sync",
            sourceFlowConfig={
                "connectorType": "S3",
                "sourceConnectorProperties": {
                    "s3": {
                        "bucketName": "ledger-crm-export",
                        "bucketPrefix": "customers",
                        "s3InputFormatConfig": {"s3InputFileType": "CSV"},
                    }
                },
            },
            destinationFlowConfigs=[destination],
            tasks=[{"taskType": "Map_all", "sourceFields": [], "connectorOperators": [{"s3": "NO_OP"}]}],
            triggerConfig={"triggerType": "OnDemand"},
        )

    return build


SALESFORCE = {
    "connectorType": "Salesforce",
    "connectorProfileName": "acme-salesforce",
    "destinationConnectorProperties": {"salesforce": {"object": "Contact", "writeOperationType": "UPSERT"}},
}
S3_DEST = {
    "connectorType": "S3",
    "destinationConnectorProperties": {
        "s3": {"bucketName": "ledger-crm-staging", "s3OutputFormatConfig": {"fileType": "PARQUET"}}
    },
}

# Violates: the flow writes the GDPR customer records into Salesforce, a SaaS outside the cloud whose
# location the stack cannot show.
case("aws-appflow-salesforce", OUTSIDE, "DENY", OUT_DOC["appflow-salesforce"])(appflow(SALESFORCE))
# Complies: the flow writes them to a bucket of this stack in Ireland.
case("aws-appflow-s3-ie", OUTSIDE, cite=OUT_DOC["appflow-s3"])(appflow(S3_DEST, "ledger-crm-staging"))


def iot_rule(**action: Any) -> Build:
    """A GDPR IoT rule forwarding every meter reading (device telemetry of customers' homes)."""

    def build(s: Stack) -> None:
        if "s3" in action:
            s3_bucket(s, "meter-readings", "eu-west-1")
        put(
            s,
            "aws:iot/topicRule:TopicRule",
            "meter-readings",
            aws(s),
            name="meter_readings",
            enabled=True,
            sql="SELECT * FROM 'meters/+/readings'",
            sqlVersion="2016-03-23",
            tags=GDPR,
            **action,
        )

    return build


# Violates: the rule POSTs every reading to a partner's HTTPS endpoint, outside the cloud.
case("aws-iot-rule-https-external", OUTSIDE, "DENY", OUT_DOC["iot-https"])(
    iot_rule(https=[{"url": "https://ingest.metering-partner.example.com/v1/readings"}])
)
# Complies: the rule writes the readings to a bucket of this stack in Ireland.
case("aws-iot-rule-s3-ie", OUTSIDE, cite=OUT_DOC["iot-s3"])(
    iot_rule(s3=[{"bucketName": "meter-readings", "key": "${topic()}/${timestamp()}", "roleArn": ROLE}])
)


def firehose_snowflake(s: Stack) -> None:
    firehose_from_stream("eu-west-1")(s)
    stream = _find(s, s.urn("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "clicks-archive"))
    stream.inputs = {k: v for k, v in stream.inputs.items() if k not in ("extendedS3Configuration", "destination")} | {
        "destination": "snowflake",
        "snowflakeConfiguration": {
            "accountUrl": "https://acme-analytics.snowflakecomputing.com",
            "database": "CLICKS",
            "schema": "RAW",
            "table": "EVENTS",
            "user": "FIREHOSE",
            "roleArn": ROLE,
            "secretsManagerConfiguration": {
                "enabled": True,
                "secretArn": f"arn:aws:secretsmanager:eu-west-1:{ACCOUNT}:secret:snowflake-firehose-a1b2c3",
                "roleArn": ROLE,
            },
            "s3BackupMode": "FailedDataOnly",
            "s3Configuration": {"roleArn": ROLE, "bucketArn": "arn:aws:s3:::clicks-archive"},
        },
    }


# Violates: the stream reading the GDPR clickstream delivers it to a Snowflake account, a third-party
# service whose URL names no cloud region.
case("aws-firehose-snowflake", OUTSIDE, "DENY", OUT_DOC["firehose-snowflake"])(firehose_snowflake)


def asa_powerbi(s: Stack) -> None:
    asa_blob("westeurope")(s)
    put(
        s,
        "azure-native:streamanalytics:Output",
        "ledger-asa-dashboard",
        azure(s),
        resourceGroupName="ledger",
        jobName="ledger-asa",
        outputName="dashboard",
        datasource={
            "type": "PowerBI",
            "dataset": "ledger-live",
            "table": "payments",
            "groupId": "5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c",
            "groupName": "Finance",
            "authenticationMode": "Msi",
        },
    )


# Violates: besides its archive in West Europe, the GDPR job streams payments into a Power BI dataset, a
# SaaS whose data location the stack does not show.
case("az-stream-analytics-powerbi", OUTSIDE, "DENY", OUT_DOC["asa-powerbi"])(asa_powerbi)


def data_share(s: Stack) -> None:
    storage_account(s, "ledgerdocs", "westeurope", GDPR)
    az(
        s,
        "azure-native:datashare:Account",
        "ledger-share-account",
        "westeurope",
        GDPR,
        "Microsoft.DataShare/accounts/ledger-share",
        accountName="ledger-share",
        identity={"type": "SystemAssigned"},
    )
    put(
        s,
        "azure-native:datashare:Share",
        "ledger-docs-share",
        azure(s),
        resourceGroupName="ledger",
        accountName="ledger-share",
        shareName="ledger-docs",
        shareKind="CopyBased",
    )
    put(
        s,
        "azure-native:datashare:Invitation",
        "ledger-docs-auditor",
        azure(s),
        resourceGroupName="ledger",
        accountName="ledger-share",
        shareName="ledger-docs",
        invitationName="auditor",
        targetEmail="data-team@auditor.example.com",
    )


# Violates: a copy-based share of the GDPR account invites an outside recipient by email; the recipient
# chooses where the copy lands.
case("az-data-share-email-invitation", OUTSIDE, "DENY", OUT_DOC["data-share"])(data_share)


def pipe_to_lambda(region: str) -> Build:
    def build(s: Stack) -> None:
        queue = put(
            s,
            "aws:sqs/queue:Queue",
            "orders",
            aws(s),
            name="orders",
            sqsManagedSseEnabled=True,
            tags=GDPR,
            known={"arn": f"arn:aws:sqs:eu-west-1:{ACCOUNT}:orders"},
        )
        put(
            s,
            "aws:pipes/pipe:Pipe",
            "orders-to-fulfilment",
            aws(s),
            deps=[queue],
            name="orders-to-fulfilment",
            roleArn=ROLE,
            source=f"arn:aws:sqs:eu-west-1:{ACCOUNT}:orders",
            target=f"arn:aws:lambda:{region}:{ACCOUNT}:function:fulfilment",
        )

    return build


# Violates: the pipe takes every GDPR order message to a function in N. Virginia (the ARN says so).
case("aws-pipe-lambda-us", OUTSIDE, "DENY", OUT_DOC["pipes-target"])(pipe_to_lambda("us-east-1"))
# Complies: the target function is in Ireland.
case("aws-pipe-lambda-ie", OUTSIDE, cite=OUT_DOC["pipes-target"])(pipe_to_lambda("eu-west-1"))


def eventarc(run_region: str, service_account: str = f"eventarc@{PROJECT}.iam.gserviceaccount.com") -> Build:
    """Object-finalized events of the GDPR bucket (object names, metadata) routed to a Cloud Run service."""

    def build(s: Stack) -> None:
        bucket = gcs_bucket(s, "ledger-uploads", "EUROPE-WEST3", GDPR)
        svc = put(
            s,
            "gcp:cloudrunv2/service:Service",
            "ingest",
            gcp(s),
            name="ingest",
            location=run_region,
            ingress="INGRESS_TRAFFIC_INTERNAL_ONLY",
            template={"containers": [{"image": "europe-docker.pkg.dev/ledger-prod/app/ingest:1.4.2"}]},
        )
        put(
            s,
            "gcp:eventarc/trigger:Trigger",
            "uploads-to-ingest",
            gcp(s),
            deps=[bucket, svc],
            name="uploads-to-ingest",
            location="europe-west3",
            serviceAccount=service_account,
            matchingCriterias=[
                {"attribute": "type", "value": "google.cloud.storage.object.v1.finalized"},
                {"attribute": "bucket", "value": "ledger-uploads"},
            ],
            destination={"cloudRunService": {"service": "ingest", "region": run_region, "path": "/events"}},
        )

    return build


# Violates: the trigger delivers the GDPR bucket's events to a Cloud Run service in Iowa.
case("gcp-eventarc-run-us", OUTSIDE, "DENY", OUT_DOC["eventarc-run"])(eventarc("us-central1"))
# Complies: the service is in Frankfurt.
case("gcp-eventarc-run-de", OUTSIDE, cite=OUT_DOC["eventarc-run"])(eventarc("europe-west3"))


# ============================================================================ defaults when unset
DEF_DOC = {
    "transfer-location": "https://www.pulumi.com/registry/packages/gcp/api-docs/bigquery/datatransferconfig/",
    "sql-backup-default": "https://cloud.google.com/sql/docs/postgres/backup-recovery/backups#default-locations",
    "sql-backup-custom": "https://cloud.google.com/sql/docs/postgres/backup-recovery/backups#custom-locations",
    "ecr-public": "https://www.pulumi.com/registry/packages/aws/api-docs/ecrpublic/repository/",
    "ecr-private": "https://docs.aws.amazon.com/AmazonECR/latest/userguide/Repositories.html",
    "aws-provider": "https://www.pulumi.com/registry/packages/aws/installation-configuration/",
    "az-sql-backup": "https://learn.microsoft.com/en-us/azure/azure-sql/database/automated-backups-overview#backup-storage-redundancy",
    "mysql-backup": "https://learn.microsoft.com/en-us/azure/mysql/flexible-server/concepts-backup-restore#backup-redundancy-options",
    "redis-region": "https://www.pulumi.com/registry/packages/gcp/api-docs/redis/instance/",
    "cosmos-continuous": "https://learn.microsoft.com/en-us/azure/cosmos-db/continuous-backup-restore-introduction",
}


def scheduled_query(location: str | None) -> Build:
    """A scheduled query over the ledger dataset (EU) writing a daily summary; in a GDPR stack."""

    def build(s: Stack) -> None:
        src = bq_dataset(s, "ledger", "EU", GDPR)
        dest = bq_dataset(s, "ledger_reports", "EU", GDPR)
        inputs: dict[str, Any] = {
            "displayName": "daily ledger summary",
            "dataSourceId": "scheduled_query",
            "schedule": "every 24 hours",
            "destinationDatasetId": "ledger_reports",
            "params": {
                "destination_table_name_template": "summary_{run_date}",
                "write_disposition": "WRITE_TRUNCATE",
                "query": "SELECT account, SUM(amount) AS total FROM ledger.payments GROUP BY account",
            },
        }
        if location is not None:
            inputs["location"] = location
        put(
            s,
            "gcp:bigquery/dataTransferConfig:DataTransferConfig",
            "ledger-summary",
            gcp(s),
            deps=[src, dest],
            **inputs,
        )

    return build


# Violates: the transfer configuration has no location; the provider documents US as the default, so the
# configuration (with its query and run history) is kept in the US.
case("gcp-scheduled-query-default-location", DEFAULTS, "DENY", DEF_DOC["transfer-location"], config=GDPR_STACK)(
    scheduled_query(None)
)
# Complies: the configuration is in the EU multi-region, with its datasets.
case("gcp-scheduled-query-eu", DEFAULTS, cite=DEF_DOC["transfer-location"], config=GDPR_STACK)(scheduled_query("EU"))


def sql_backups(region: str, labels: dict[str, str], location: str | None) -> Build:
    def build(s: Stack) -> None:
        backup: dict[str, Any] = {"enabled": True, "pointInTimeRecoveryEnabled": True}
        if location is not None:
            backup["location"] = location
        sql_instance(s, "ledger-db", region, labels, settings={"backupConfiguration": backup})

    return build


# Violates: backups of a Swiss instance in Zurich without a backup location go to the nearest
# multi-region, eu, outside Switzerland.
case("gcp-sql-backup-default-ch", DEFAULTS, "DENY", DEF_DOC["sql-backup-default"])(
    sql_backups("europe-west6", CH, None)
)
# Complies: the Swiss instance's backups are kept in Zurich (a custom location).
case("gcp-sql-backup-custom-ch", DEFAULTS, cite=DEF_DOC["sql-backup-custom"])(
    sql_backups("europe-west6", CH, "europe-west6")
)
# Violates: a UK instance in London without a backup location: its backups go to the eu multi-region.
case("gcp-sql-backup-default-uk", DEFAULTS, "DENY", DEF_DOC["sql-backup-default"])(
    sql_backups("europe-west2", UK_TAG, None)
)
# Complies: a GDPR instance in Frankfurt without a backup location: the nearest multi-region is eu, whose
# regions are all in the EU.
case("gcp-sql-backup-default-gdpr", DEFAULTS, cite=DEF_DOC["sql-backup-default"])(
    sql_backups("europe-west3", GDPR, None)
)


def ecr_repo(public: bool) -> Build:
    def build(s: Stack) -> None:
        if public:
            put(
                s,
                "aws:ecrpublic/repository:Repository",
                "ledger-sdk",
                aws(s),
                repositoryName="ledger-sdk",
                catalogData={"description": "ledger SDK images"},
                tags=GDPR,
            )
        else:
            put(
                s,
                "aws:ecr/repository:Repository",
                "ledger-sdk",
                aws(s),
                name="ledger-sdk",
                imageTagMutability="IMMUTABLE",
                encryptionConfigurations=[{"encryptionType": "KMS", "kmsKey": KMS}],
                tags=GDPR,
            )

    return build


# Violates: an ECR Public repository lives in us-east-1 whatever the provider's Region (here Ireland) says.
case("aws-ecr-public-repository", DEFAULTS, "DENY", DEF_DOC["ecr-public"])(ecr_repo(True))
# Complies: a private repository in the provider's Region, Ireland.
case("aws-ecr-private-repository", DEFAULTS, cite=DEF_DOC["ecr-private"])(ecr_repo(False))


def provider_region(region: str | None) -> Build:
    def build(s: Stack) -> None:
        prov = s.provider("aws", "ledger-aws", **({"region": region} if region else {}))
        put(
            s,
            "aws:dynamodb/table:Table",
            "ledger",
            prov,
            name="ledger",
            billingMode="PAY_PER_REQUEST",
            hashKey="id",
            attributes=[{"name": "id", "type": "S"}],
            serverSideEncryption={"enabled": True},
            tags=GDPR,
        )

    return build


# Violates: an explicit provider without a region takes it from AWS_REGION or the profile of whoever runs
# the update: the GDPR table's location is not in the program.
case("aws-provider-without-region", DEFAULTS, "DENY", DEF_DOC["aws-provider"])(provider_region(None))
# Complies: the provider names Ireland.
case("aws-provider-with-region", DEFAULTS, cite=DEF_DOC["aws-provider"])(provider_region("eu-west-1"))


def az_sql_backup(redundancy: str | None) -> Build:
    def build(s: Stack) -> None:
        sql_server_(s, "ledger-ie", "northeurope", IE_TAG)
        db: dict[str, Any] = {"serverName": "ledger-ie", "databaseName": "ledger", "sku": {"name": "GP_Gen5_2"}}
        if redundancy is not None:
            db["requestedBackupStorageRedundancy"] = redundancy
        az(
            s,
            "azure-native:sql:Database",
            "ledger-ie-db",
            "northeurope",
            IE_TAG,
            "Microsoft.Sql/servers/ledger-ie/databases/ledger",
            **db,
        )

    return build


# Violates: backup storage redundancy unset is geo-redundant: the Ireland-only database's backups are
# copied to West Europe (the Netherlands).
case("az-sql-db-default-backup-ireland", DEFAULTS, "DENY", DEF_DOC["az-sql-backup"], config=IE_CONFIG)(
    az_sql_backup(None)
)
# Complies: zone-redundant backup storage stays in North Europe.
case("az-sql-db-zone-backup-ireland", DEFAULTS, cite=DEF_DOC["az-sql-backup"], config=IE_CONFIG)(az_sql_backup("Zone"))
# Complies: a MySQL flexible server without a backup block: geo-redundant backup is off by default.
case("az-mysql-default-backup-ireland", DEFAULTS, cite=DEF_DOC["mysql-backup"], config=IE_CONFIG)(mysql(None))


def redis_instance(provider_region_: str) -> Build:
    def build(s: Stack) -> None:
        put(
            s,
            "gcp:redis/instance:Instance",
            "sessions",
            gcp(s, provider_region_),
            name="sessions",
            memorySizeGb=4,
            tier="STANDARD_HA",
            authEnabled=True,
            transitEncryptionMode="SERVER_AUTHENTICATION",
            labels=GDPR,
        )

    return build


# Violates: the GDPR Memorystore instance names no region, so it is created in the provider's, Iowa.
case("gcp-redis-instance-provider-us", DEFAULTS, "DENY", DEF_DOC["redis-region"])(redis_instance("us-central1"))
# Complies: the provider's region is Frankfurt.
case("gcp-redis-instance-provider-de", DEFAULTS, cite=DEF_DOC["redis-region"])(redis_instance("europe-west3"))


def cosmos_continuous(s: Stack) -> None:
    az(
        s,
        "azure-native:cosmosdb:DatabaseAccount",
        "ledger-cosmos",
        "northeurope",
        IE_TAG,
        "Microsoft.DocumentDB/databaseAccounts/ledger-cosmos",
        accountName="ledger-cosmos",
        databaseAccountOfferType="Standard",
        locations=[{"locationName": "northeurope", "failoverPriority": 0}],
        backupPolicy={"type": "Continuous", "continuousModeProperties": {"tier": "Continuous7Days"}},
    )


# Complies: continuous backup keeps an Ireland-only account's backups in each region the account is in
# (North Europe only), not in geo-redundant storage.
case("az-cosmos-continuous-backup-ireland", DEFAULTS, cite=DEF_DOC["cosmos-continuous"], config=IE_CONFIG)(
    cosmos_continuous
)


# ============================================================================ Kubernetes operators
OP_DOC = {
    "ack-region": "https://aws-controllers-k8s.github.io/community/docs/user-docs/multi-region-resource-management/",
    "ack-ddb": "https://aws-controllers-k8s.github.io/community/reference/dynamodb/v1alpha1/table/",
    "aws-regions": "https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html",
    "xp-gcp-bucket": "https://marketplace.upbound.io/providers/upbound/provider-gcp-storage/latest/resources/storage.gcp.upbound.io/Bucket/v1beta1",
    "xp-azure-account": "https://marketplace.upbound.io/providers/upbound/provider-azure-storage/latest/resources/storage.azure.upbound.io/Account/v1beta1",
    "azure-regions": "https://learn.microsoft.com/en-us/azure/reliability/regions-list",
    "kcc-bucket": "https://cloud.google.com/config-connector/docs/reference/resource-docs/storage/storagebucket",
    "kcc-redis": "https://cloud.google.com/config-connector/docs/reference/resource-docs/redis/redisinstance",
    "kcc-spanner": "https://cloud.google.com/config-connector/docs/reference/resource-docs/spanner/spannerinstance",
    "aso-cosmos": "https://azure.github.io/azure-service-operator/reference/documentdb/v1api20231115/",
}


def ack_bucket(region: Any, labels: dict[str, str] | None = None, ns: str = "acme") -> Obj:
    return custom_resource(
        "s3.services.k8s.aws/v1alpha1",
        "Bucket",
        "acme-invoices",
        ns,
        {"name": "acme-invoices"},
        annotations={"services.k8s.aws/region": region},
        labels=labels,
    )


# Violates: the namespace's default region is Frankfurt, but the bucket's own region annotation (which wins)
# puts it in N. Virginia.
case("op-ack-object-region-overrides-namespace-us", OPERATORS, "DENY", OP_DOC["ack-region"])(
    on_tenant(ack_bucket("us-east-1"), ns_annotations={"services.k8s.aws/default-region": "eu-central-1"})
)
# Complies: the namespace's default region is N. Virginia, but the bucket's annotation puts it in Frankfurt.
case("op-ack-object-region-overrides-namespace-de", OPERATORS, cite=OP_DOC["ack-region"])(
    on_tenant(ack_bucket("eu-central-1"), ns_annotations={"services.k8s.aws/default-region": "us-east-1"})
)
# Violates: eu-central-2 is Zurich, outside the EEA.
case("op-ack-bucket-zurich", OPERATORS, "DENY", OP_DOC["aws-regions"])(on_tenant(ack_bucket("eu-central-2")))


def ack_global_table(replica: str) -> Obj:
    return custom_resource(
        "dynamodb.services.k8s.aws/v1alpha1",
        "Table",
        "acme-carts",
        "acme",
        {
            "tableName": "acme-carts",
            "billingMode": "PAY_PER_REQUEST",
            "attributeDefinitions": [{"attributeName": "id", "attributeType": "S"}],
            "keySchema": [{"attributeName": "id", "keyType": "HASH"}],
            "streamSpecification": {"streamEnabled": True, "streamViewType": "NEW_AND_OLD_IMAGES"},
            "tableReplicas": [{"regionName": replica}],
        },
        annotations={"services.k8s.aws/region": "eu-west-1"},
    )


# Violates: the GDPR tenant's ACK table (Ireland) has a replica in N. Virginia.
case("op-ack-table-replica-us", OPERATORS, "DENY", OP_DOC["ack-ddb"])(on_tenant(ack_global_table("us-east-1")))
# Complies: its replica is in Frankfurt.
case("op-ack-table-replica-de", OPERATORS, cite=OP_DOC["ack-ddb"])(on_tenant(ack_global_table("eu-central-1")))


def xp_gcp_bucket(location: str) -> Obj:
    return custom_resource(
        "storage.gcp.upbound.io/v1beta1",
        "Bucket",
        "acme-scans",
        None,
        {
            "forProvider": {"location": location, "uniformBucketLevelAccess": True, "labels": GDPR},
            "providerConfigRef": {"name": "default"},
        },
        labels={**GDPR, "fleet-tenant": "acme"},
    )


# Violates: a Crossplane GCP bucket of the GDPR tenant in the US multi-region.
case("op-crossplane-gcp-bucket-us", OPERATORS, "DENY", OP_DOC["xp-gcp-bucket"])(
    on_tenant(xp_gcp_bucket("US"), cloud="gcp")
)
# Complies: the bucket is in the EU multi-region.
case("op-crossplane-gcp-bucket-eu", OPERATORS, cite=OP_DOC["xp-gcp-bucket"])(
    on_tenant(xp_gcp_bucket("EU"), cloud="gcp")
)


def xp_azure_account(location: str, replication: str = "LRS", labels: dict[str, str] = GDPR) -> Obj:
    return custom_resource(
        "storage.azure.upbound.io/v1beta1",
        "Account",
        "acmestatements",
        None,
        {
            "forProvider": {
                "location": location,
                "resourceGroupName": "acme",
                "accountTier": "Standard",
                "accountReplicationType": replication,
                "tags": labels,
            },
            "providerConfigRef": {"name": "default"},
        },
        labels={**labels, "fleet-tenant": "acme"},
    )


# Violates: the Crossplane storage account's location is the display name "East US" (the United States).
case("op-crossplane-azure-account-east-us", OPERATORS, "DENY", OP_DOC["azure-regions"])(
    on_tenant(xp_azure_account("East US"), cloud="azure-native")
)
# Complies: "West Europe" is the display name of westeurope (the Netherlands).
case("op-crossplane-azure-account-west-europe", OPERATORS, cite=OP_DOC["azure-regions"])(
    on_tenant(xp_azure_account("West Europe"), cloud="azure-native")
)
# Violates: an Ireland-only account in North Europe with geo-redundant replication copies to West Europe.
case("op-crossplane-azure-account-grs-ireland", OPERATORS, "DENY", OP_DOC["xp-azure-account"], config=IE_CONFIG)(
    on_tenant(xp_azure_account("North Europe", "GRS", IE_TAG), cloud="azure-native")
)


def kcc_obj(kind: str, group: str, name: str, spec: dict[str, Any]) -> Obj:
    return custom_resource(
        f"{group}.cnrm.cloud.google.com/v1beta1",
        kind,
        name,
        "acme",
        spec,
        annotations={"cnrm.cloud.google.com/project-id": "acme-prod"},
    )


# Violates: a Config Connector bucket in NAM4 (Iowa + South Carolina).
case("op-kcc-bucket-nam4", OPERATORS, "DENY", OP_DOC["kcc-bucket"])(
    on_tenant(kcc_obj("StorageBucket", "storage", "acme-ledger-docs", {"location": "NAM4"}), cloud="gcp")
)
# Complies: the bucket is in EUR4 (Finland + the Netherlands).
case("op-kcc-bucket-eur4", OPERATORS, cite=OP_DOC["kcc-bucket"])(
    on_tenant(kcc_obj("StorageBucket", "storage", "acme-ledger-docs", {"location": "EUR4"}), cloud="gcp")
)


def kcc_redis(region: str) -> Obj:
    return kcc_obj("RedisInstance", "redis", "acme-sessions", {"region": region, "tier": "BASIC", "memorySizeGb": 2})


# Violates: a Config Connector Memorystore instance in South Carolina.
case("op-kcc-redis-us", OPERATORS, "DENY", OP_DOC["kcc-redis"])(on_tenant(kcc_redis("us-east1"), cloud="gcp"))
# Complies: it is in Frankfurt.
case("op-kcc-redis-de", OPERATORS, cite=OP_DOC["kcc-redis"])(on_tenant(kcc_redis("europe-west3"), cloud="gcp"))
# Violates: a Config Connector Spanner instance in nam3 (Virginia and South Carolina); it has no location
# field, so it is either placed by its configuration (the US) or cannot be placed.
case("op-kcc-spanner-nam3", OPERATORS, "DENY", OP_DOC["kcc-spanner"])(
    on_tenant(
        kcc_obj("SpannerInstance", "spanner", "acme-ledger", {"config": "nam3", "displayName": "acme", "numNodes": 1}),
        cloud="gcp",
    )
)


def aso_rg(location: str) -> Obj:
    return custom_resource(
        "resources.azure.com/v1api20200601", "ResourceGroup", "acme-rg", "acme", {"location": location}
    )


def aso_cosmos(second: str) -> Obj:
    return custom_resource(
        "documentdb.azure.com/v1api20231115",
        "DatabaseAccount",
        "acme-orders",
        "acme",
        {
            "location": "westeurope",
            "owner": {"name": "acme-rg"},
            "databaseAccountOfferType": "Standard",
            "locations": [
                {"locationName": "westeurope", "failoverPriority": 0},
                {"locationName": second, "failoverPriority": 1},
            ],
            "backupPolicy": {
                "periodic": {
                    "backupIntervalInMinutes": 240,
                    "backupRetentionIntervalInHours": 8,
                    "backupStorageRedundancy": "Local",
                }
            },
        },
    )


# Violates: the ASO Cosmos DB account (West Europe) replicates to a second region, East US.
case("op-aso-cosmos-second-region-us", OPERATORS, "DENY", OP_DOC["aso-cosmos"])(
    on_tenant(aso_rg("westeurope"), aso_cosmos("eastus"), cloud="azure-native")
)
# Complies: the second region is North Europe.
case("op-aso-cosmos-second-region-ie", OPERATORS, cite=OP_DOC["aso-cosmos"])(
    on_tenant(aso_rg("westeurope"), aso_cosmos("northeurope"), cloud="azure-native")
)


def on_gdpr_eks(obj: Obj) -> Build:
    """The guarded GDPR EKS cluster (its own resource tagged gdpr) with an operator object in a platform
    namespace that no tenant owns and the stack does not label."""

    def build(s: Stack) -> None:
        eks_guarded()(s)
        obj(s, s.urn("pulumi:providers:kubernetes", "eu1-k8s"))

    return build


# Violates: an unlabelled ACK bucket in an unlabelled platform namespace carries the regime of its cluster's
# own resource (gdpr), and it is created in N. Virginia.
case("op-ack-platform-namespace-gdpr-cluster-us", OPERATORS, "DENY", OP_DOC["ack-region"])(
    on_gdpr_eks(ack_bucket("us-east-1", ns="platform-data"))
)
# Complies: the same bucket is created in Frankfurt.
case("op-ack-platform-namespace-gdpr-cluster-de", OPERATORS, cite=OP_DOC["ack-region"])(
    on_gdpr_eks(ack_bucket("eu-central-1", ns="platform-data"))
)


# ============================================================================ cloud guardrails
GRD_DOC = {
    "scp-region": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html",
    "scp-syntax": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_syntax.html",
    "scp-eval": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html",
    "via-service": "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-viaawsservice",
    "allowed-accounts": "https://www.pulumi.com/registry/packages/aws/api-docs/provider/#allowedaccountids_nodejs",
    "gcp-hierarchy": "https://cloud.google.com/resource-manager/docs/organization-policy/understanding-hierarchy",
    "gcp-locations": "https://cloud.google.com/resource-manager/docs/organization-policy/defining-locations",
    "gcp-allow-all": "https://cloud.google.com/resource-manager/docs/organization-policy/creating-managing-policies",
    "az-overrides": "https://learn.microsoft.com/en-us/azure/governance/policy/concepts/assignment-structure#overrides",
    "az-selectors": "https://learn.microsoft.com/en-us/azure/governance/policy/concepts/assignment-structure#resource-selectors",
    "az-scope": "https://learn.microsoft.com/en-us/azure/governance/policy/concepts/scope",
    "az-exemption": "https://learn.microsoft.com/en-us/azure/governance/policy/concepts/exemption-structure",
    "az-allowed-locations": "https://learn.microsoft.com/en-us/azure/governance/policy/samples/built-in-policies#general",
}
EKS_ORG = "aws:organizations/policy:Policy"
AKS_LOC = "azure-native:authorization:PolicyAssignment"


def scp_doc(**statement: Any) -> str:
    base = json.loads(scp())
    return json.dumps({**base, "Statement": [{**base["Statement"][0], **statement}]})


# Violates: the "deny" is written as an Allow with the same condition; an Allow in an SCP refuses nothing.
case("grd-aws-scp-allow-not-deny", GUARDRAILS, "DENY", GRD_DOC["scp-eval"])(eks_guarded(scp_doc(Effect="Allow")))


def action_only_ec2() -> str:
    base = json.loads(scp())
    statement = {k: v for k, v in base["Statement"][0].items() if k != "NotAction"}
    return json.dumps({**base, "Statement": [{**statement, "Action": ["ec2:*"]}]})


# Violates: the deny covers only ec2:* (Action instead of NotAction): S3, RDS, DynamoDB... anywhere.
case("grd-aws-scp-action-ec2-only", GUARDRAILS, "DENY", GRD_DOC["scp-region"])(eks_guarded(action_only_ec2()))
# Violates: an extra condition (aws:ViaAWSService false) exempts every request a service makes on a
# principal's behalf.
case("grd-aws-scp-via-service-condition", GUARDRAILS, "DENY", GRD_DOC["via-service"])(
    eks_guarded(scp(extra={"Bool": {"aws:ViaAWSService": "false"}}))
)
# Violates: the SCP is attached to an OU; the policy config maps no account to it, so the cluster's
# account is not shown to be covered.
case("grd-aws-scp-on-unmapped-ou", GUARDRAILS, "DENY", GRD_DOC["scp-eval"])(
    tweak(
        eks_guarded(),
        "aws:organizations/policyAttachment:PolicyAttachment",
        "eea-scp-attachment",
        targetId="ou-a1b2-ledger01",
    )
)
# Violates: the cluster's provider allows two accounts; the guarded one is not pinned.
case("grd-aws-two-allowed-accounts", GUARDRAILS, "DENY", GRD_DOC["allowed-accounts"])(
    tweak(eks_guarded(), "pulumi:providers:aws", "eu1-aws", allowedAccountIds=[ACCOUNT, "444444444444"])
)


def scp_two_statements() -> str:
    base = json.loads(scp())
    leave = {"Sid": "DenyLeaveOrg", "Effect": "Deny", "Action": ["organizations:LeaveOrganization"], "Resource": "*"}
    return json.dumps({**base, "Statement": [*base["Statement"], leave]})


# Complies: the region deny plus an unrelated second statement (no leaving the organization).
case("grd-aws-scp-second-statement", GUARDRAILS, cite=GRD_DOC["scp-syntax"])(eks_guarded(scp_two_statements()))
# Complies: the SCP allows a strict subset of the EEA regions (Ireland and Frankfurt).
case("grd-aws-scp-subset", GUARDRAILS, cite=GRD_DOC["scp-region"])(eks_guarded(scp(["eu-west-1", "eu-central-1"])))


def gke(*makers: Callable[[Stack, str], Any]) -> Build:
    """The guarded GDPR GKE cluster with the project's _Default sink taken over (kept in Frankfurt)."""
    return gke_guarded(lambda s, org: default_sink("europe-west3")(s), *makers)


def located_policy(parent: str, rules: list[dict[str, Any]]) -> Callable[[Stack, str], str]:
    def make(s: Stack, org: str) -> str:
        return put(
            s,
            "gcp:orgpolicy/policy:Policy",
            "locations",
            org,
            name=f"{parent}/policies/gcp.resourceLocations",
            parent=parent,
            spec={"inheritFromParent": False, "rules": rules},
        )

    return make


EEA_RULE = [{"values": {"allowedValues": ["in:europe-west3-locations", "in:europe-west4-locations"]}}]

# Violates: the policy is set on a folder only; the contract counts a folder as covering none of its
# projects, so the cluster's project is not shown to be guarded.
case("grd-gcp-folder-only", GUARDRAILS, "DENY", GRD_DOC["gcp-hierarchy"])(
    gke(located_policy("folders/123456789012", EEA_RULE))
)
# Violates: the project's policy allows all values.
case("grd-gcp-allow-all", GUARDRAILS, "DENY", GRD_DOC["gcp-allow-all"])(
    gke(located_policy(f"projects/{PROJECT}", [{"allowAll": "TRUE"}]))
)
# Violates: the allowed values include London's value group (in:europe-west2-locations), outside the EU.
case("grd-gcp-london-group", GUARDRAILS, "DENY", GRD_DOC["gcp-locations"])(
    gke(
        located_policy(
            f"projects/{PROJECT}",
            [{"values": {"allowedValues": ["in:europe-west3-locations", "in:europe-west2-locations"]}}],
        )
    )
)
# Complies: only Frankfurt's value group.
case("grd-gcp-frankfurt-group", GUARDRAILS, cite=GRD_DOC["gcp-locations"])(
    gke(located_policy(f"projects/{PROJECT}", [{"values": {"allowedValues": ["in:europe-west3-locations"]}}]))
)

# Violates: an override turns the assignment's effect into Audit: nothing outside the list is refused.
case("grd-azure-override-audit", GUARDRAILS, "DENY", GRD_DOC["az-overrides"])(
    tweak(aks_guarded(), AKS_LOC, "eea-locations", overrides=[{"kind": "policyEffect", "value": "Audit"}])
)
# Violates: a resource selector limits the assignment to resources in East US: resources elsewhere (Brazil
# South, say) are not evaluated.
case("grd-azure-resource-selector", GUARDRAILS, "DENY", GRD_DOC["az-selectors"])(
    tweak(
        aks_guarded(),
        AKS_LOC,
        "eea-locations",
        resourceSelectors=[{"name": "only-eastus", "selectors": [{"kind": "resourceLocation", "in": ["eastus"]}]}],
    )
)
RG_SCOPE = f"/subscriptions/{SUB}/resourceGroups/fleet-eu1"
# Violates: "Allowed locations" is assigned on the cluster's resource group only; the subscription is not
# covered (the contract: a resource group covers no subscription).
case("grd-azure-resource-group-scope", GUARDRAILS, "DENY", GRD_DOC["az-scope"])(
    tweak(tweak(aks_guarded(), AKS_LOC, "eea-locations", scope=RG_SCOPE), AKS_LOC, "eea-rg-locations", scope=RG_SCOPE)
)
# Violates: the assignment named like the guardrail assigns "Allowed resource types", not "Allowed locations".
case("grd-azure-wrong-definition", GUARDRAILS, "DENY", GRD_DOC["az-allowed-locations"])(
    tweak(
        aks_guarded(),
        AKS_LOC,
        "eea-locations",
        policyDefinitionId="/providers/Microsoft.Authorization/policyDefinitions/a08ec900-254a-4555-9bf5-e42af04b5c5c",
    )
)
# Complies: an exemption of the allowed-locations assignment that expired in 2020 exempts nothing.
case("grd-azure-exemption-expired", GUARDRAILS, cite=GRD_DOC["az-exemption"])(
    tweak(
        aks_guarded(exemption="eea-locations"),
        "azure-native:authorization:PolicyExemption",
        "waiver",
        expiresOn="2020-01-01T00:00:00Z",
    )
)
# Complies: the exemption takes only a sandbox resource group out; the cluster's group stays covered.
case("grd-azure-exemption-sandbox-rg", GUARDRAILS, cite=GRD_DOC["az-exemption"])(
    tweak(
        aks_guarded(exemption="eea-locations"),
        "azure-native:authorization:PolicyExemption",
        "waiver",
        scope=f"/subscriptions/{SUB}/resourceGroups/sandbox",
    )
)
# Complies: an override that restates the policy's Deny effect.
case("grd-azure-override-deny", GUARDRAILS, cite=GRD_DOC["az-overrides"])(
    tweak(aks_guarded(), AKS_LOC, "eea-locations", overrides=[{"kind": "policyEffect", "value": "Deny"}])
)


# ============================================================================ unknown at preview
PRE_DOC = {"unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/"}

# Violates: the configuration is known (nam-eur-asia1); only the processing units are unknown.
case("pre-spanner-multi-continent-units-unknown", PREVIEW, "DENY", GCP_DOC["spanner-configs"])(
    tweak(spanner("nam-eur-asia1"), "gcp:spanner/instance:Instance", "ledger-spanner", processingUnits=UNKNOWN)
)
# Violates: the replica's location (East US) is known; its name is unknown.
case("pre-appconfig-replica-us-name-unknown", PREVIEW, "DENY", AZ_DOC["appconfig-replicas"])(
    tweak(
        app_config_replica("eastus"),
        "azure-native:appconfiguration:Replica",
        "ledger-config-replica",
        replicaName=UNKNOWN,
    )
)
# Violates: the target cluster (N. Virginia) is known; only the replicator's role is unknown.
case("pre-msk-replicator-us-role-unknown", PREVIEW, "DENY", AWS_DOC["msk-replicator"])(
    msk_replicator("us-east-1", role=UNKNOWN)
)
# Violates: the rejected-records bucket is in Ohio; only its KMS key is unknown.
case("pre-timestream-rejected-us-kms-unknown", PREVIEW, "DENY", AWS_DOC["timestream-rejected"])(
    timestream("us-east-2", kms=UNKNOWN)
)
# Violates: the secondary is in Iowa; only its network is unknown.
case("pre-alloydb-secondary-us-network-unknown", PREVIEW, "DENY", GCP_DOC["alloydb-secondary"])(
    tweak(
        alloydb_secondary("us-central1"),
        "gcp:alloydb/cluster:Cluster",
        "ledger-alloy-dr",
        networkConfig={"network": UNKNOWN},
    )
)
# Violates: a configurable dual-region in the US multi-region; one of its two regions is unknown, the
# multi-region (US) already decides.
case("pre-gcs-us-dual-region-location-unknown", PREVIEW, "DENY", GCP_DOC["gcs-dual-region"])(
    bucket_at("US", customPlacementConfig={"dataLocations": ["US-EAST4", UNKNOWN]})
)
# Defers: the replicator's target cluster is created in this update; its ARN (and Region) is unknown.
case("pre-msk-replicator-target-unknown", PREVIEW, cite=PRE_DOC["unknowns"])(
    msk_replicator("eu-central-1", target_arn=UNKNOWN)
)
# Defers: the template's dataset location comes from another resource's output.
case("pre-datastream-template-location-unknown", PREVIEW, cite=PRE_DOC["unknowns"])(datastream(template(UNKNOWN)))
# Defers: the follower in East US attaches a cluster whose ID is unknown: whether it follows regulated data
# is only known at the update.
case("pre-kusto-follower-leader-unknown", PREVIEW, cite=PRE_DOC["unknowns"])(
    tweak(
        kusto_follower("eastus"),
        "azure-native:kusto:AttachedDatabaseConfiguration",
        "reports-follows-ledger",
        clusterResourceId=UNKNOWN,
    )
)
# Complies: the trigger's Cloud Run service is in Frankfurt; only its service account is unknown.
case("pre-eventarc-run-de-account-unknown", PREVIEW, cite=OUT_DOC["eventarc-run"])(
    eventarc("europe-west3", service_account=UNKNOWN)
)
# Complies: the DataSync copy ends in Paris; only the task's log group is unknown.
case("pre-datasync-fr-log-group-unknown", PREVIEW, cite=AWS_DOC["datasync-s3"])(
    tweak(datasync("eu-west-3"), "aws:datasync/task:Task", "docs-archive", cloudwatchLogGroupArn=UNKNOWN)
)


# ============================================================================ malformed shapes
BAD_DOC = {
    "spanner": "https://www.pulumi.com/registry/packages/gcp/api-docs/spanner/instance/",
    "replica": "https://www.pulumi.com/registry/packages/azure-native/api-docs/appconfiguration/replica/",
    "netapp": "https://www.pulumi.com/registry/packages/azure-native/api-docs/netapp/capacitypoolvolume/",
    "gcs": "https://www.pulumi.com/registry/packages/gcp/api-docs/storage/bucket/",
    "lambda": "https://www.pulumi.com/registry/packages/aws/api-docs/lambda/functioneventinvokeconfig/",
    "annotations": "https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations/",
    "scp": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_syntax.html",
    "datastream": "https://www.pulumi.com/registry/packages/gcp/api-docs/datastream/stream/",
}

# Cannot evaluate: the GDPR Spanner instance's config is a list.
case("bad-spanner-config-list", MALFORMED, "DENY", BAD_DOC["spanner"])(spanner(["eur3"]))  # type: ignore[arg-type]
# Cannot evaluate: the replica's location is an object, not a region name.
case("bad-appconfig-replica-location-object", MALFORMED, "DENY", BAD_DOC["replica"])(
    tweak(
        app_config_replica("northeurope"),
        "azure-native:appconfiguration:Replica",
        "ledger-config-replica",
        location={"name": "northeurope"},
    )
)
# Cannot evaluate: the destination volume's replication block is a list.
case("bad-netapp-replication-list", MALFORMED, "DENY", BAD_DOC["netapp"])(
    tweak(
        netapp_crr("northeurope"),
        "azure-native:netapp:CapacityPoolVolume",
        "ledger-vol-dr",
        dataProtection={
            "replication": [
                {
                    "endpointType": "dst",
                    "remoteVolumeResourceId": f"{NETAPP}/anf-westeurope/capacityPools/pool1/volumes/ledger-vol",
                }
            ]
        },
    )
)
# Cannot evaluate: the GDPR bucket's data locations are one comma-separated string.
case("bad-gcs-data-locations-string", MALFORMED, "DENY", BAD_DOC["gcs"])(
    bucket_at("EU", customPlacementConfig={"dataLocations": "EUROPE-WEST3,EUROPE-WEST4"})
)
# Cannot evaluate: the GDPR function's onFailure destination is a list.
case("bad-lambda-destination-list", MALFORMED, "DENY", BAD_DOC["lambda"])(
    tweak(
        lambda_destinations("eu-west-1"),
        "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
        "ledger-notify-async",
        destinationConfig={"onFailure": [{"destination": f"arn:aws:sqs:eu-west-1:{ACCOUNT}:ledger-notify-failures"}]},
    )
)
# Cannot evaluate: the ACK region annotation is a list (annotation values are strings).
case("bad-ack-region-annotation-list", MALFORMED, "DENY", BAD_DOC["annotations"])(
    on_tenant(ack_bucket(["eu-central-1"]))
)
# Cannot evaluate: the SCP guarding the GDPR cluster's account is not a JSON document.
case("bad-scp-content-not-json", MALFORMED, "DENY", BAD_DOC["scp"])(
    eks_guarded("Deny everything outside the EEA regions")
)
# Cannot evaluate: the stream's dataset template is a list.
case("bad-datastream-template-list", MALFORMED, "DENY", BAD_DOC["datastream"])(
    datastream({"sourceHierarchyDatasets": {"datasetTemplate": [{"location": "EU"}]}})
)
