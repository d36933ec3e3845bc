"""Cloud residency cases of the sixth outside corpus, written from cloud-provider documentation and the
pack's user-facing contract (docs/RULES.md, docs/SPEC.md, docs/REVIEW.md, README.md) by a helper session
that had not read the pack's rules, its residency survey, its configs or its tests. It must never be used
to tune the pack (see README.md beside it).

Cases are built with the ``Case``/``Stack`` API of ``tests/policies/corpus.py`` and the helpers of the
earlier outside corpora. A case asks only whether a correct pack denies it: ``expect="DENY"`` (some
mandatory violation) or nothing (compliant: no mandatory violation at all, so every compliant case is
complete and clean in every other respect). Each cites the page its outcome rests on; a comment above it
says why it violates or complies. None repeats a service or situation of the five earlier corpora: these
are KMS multi-Region replica keys, Amazon MQ cross-Region data replication, CloudWatch Logs cross-account
destinations, EC2 Image Builder distributions, Amazon Keyspaces multi-Region keyspaces, Route 53 query
logging, ECS task definitions' log drivers (awslogs, FireLens), GuardDuty findings export; Memorystore for
Valkey cross-region replication, Cloud CDN, Secret Manager regional secrets, Cloud Run Cloud Storage
volumes, log sinks to Pub/Sub, Cloud SQL for SQL Server audit uploads, Compute Engine snapshot settings;
Container Apps environment logs, Managed HSM, regional Azure Bot Service, Event Grid topics' data
residency boundary, diagnostic settings to a marketplace partner; IAM and DNS configuration in regulated
stacks; ACK, Crossplane, Config Connector and ASO kinds not used before; guardrails written with
``IfExists``, ``NotResource``, a shorter exemption list, an account pinned by role only, a defaulted
enforcement mode, and a GKE cluster whose own project differs from its provider's.

``UNKNOWN`` stands for a value the engine only learns at the update.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from tests.policies.corpus import GDPR, UNKNOWN, Stack, secret
from tests.policies.outside.corpus import (
    ACCOUNT,
    GDPR_AWS,
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
    eks_guarded,
    gcp,
    gcs_bucket,
    put,
    s3_bucket,
    scp,
)
from tests.policies.outside2.corpus import on_tenant
from tests.policies.outside4.cloud import AKS_LOC, OWN, gke, located_policy, retouch, scp_with
from tests.policies.outside5.cloud import ACME_GDPR, XP_REF, aso_rg, kcc
from tests.policies.outside6.common import case

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
CH = {"fleet-residency": "ch"}
IE_TAG = {"fleet-residency": "ie"}
IE_CONFIG = {"regimes": [{"name": "ie", "countries": ["IE"], "description": "Ireland only"}]}
PARTNER = "222222222222"  # another AWS account, outside this stack
KMS = f"arn:aws:kms:eu-west-1:{ACCOUNT}:key/5d6e7f80-91a2-43b4-c5d6-e7f8091a2b3c"
SUBNETS = ["subnet-0c1d2e3f4a5b60718", "subnet-0d1e2f3a4b5c60719"]
SGS = ["sg-0c1d2e3f4a5b60718"]
TENANT_ID = "0b6c1d2e-3f4a-4b5c-8d6e-7f8091a2b3c4"
ADMIN_OID = "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9"
VPC_NET = f"projects/{PROJECT}/global/networks/ledger-vpc"


def depend(s: Stack, urn: str, prop: str, *sources: str) -> None:
    """Record that ``prop`` of ``urn`` takes outputs of ``sources`` (the engine's property dependencies)."""
    resource = _find(s, urn)
    resource.dependencies = list(dict.fromkeys([*resource.dependencies, *sources]))
    resource.property_dependencies = {**resource.property_dependencies, prop: list(sources)}


# ============================================================================ AWS: copies
AWS_DOC = {
    "kms-mrk": "https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html",
    "mq-crdr": "https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/crdr-for-active-mq.html",
    "logs-destination": "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CreateDestination.html",
    "imagebuilder": "https://docs.aws.amazon.com/imagebuilder/latest/userguide/manage-distribution-settings.html",
    "keyspaces": "https://docs.aws.amazon.com/keyspaces/latest/devguide/multiRegion-replication.html",
    "keyspaces-create": "https://docs.aws.amazon.com/keyspaces/latest/devguide/getting-started.keyspaces.html",
    "r53-query-logs": "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/query-logs.html",
    "resolver-logs": "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-query-logs.html",
    "ecs-awslogs": "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html",
    "ecs-firelens": "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_firelens.html",
    "guardduty-export": "https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_exportfindings.html",
}
MRK_ARN = f"arn:aws:kms:eu-west-1:{ACCOUNT}:key/mrk-1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6"


def kms_replica(region: str, primary_arn: Any = MRK_ARN, description: Any = "ledger payments key") -> Build:
    """A GDPR multi-Region KMS key (Ireland) and a replica key of it: a replica shares the primary's key
    material and ID and can decrypt what the primary encrypted, in its own Region."""

    def build(s: Stack) -> None:
        primary = put(
            s,
            "aws:kms/key:Key",
            "ledger-mrk",
            aws(s),
            description="ledger payments key",
            multiRegion=True,
            enableKeyRotation=True,
            deletionWindowInDays=30,
            tags=GDPR,
            known={"arn": MRK_ARN, "keyId": MRK_ARN.rsplit("/", 1)[1]},
        )
        replica = put(
            s,
            "aws:kms/replicaKey:ReplicaKey",
            "ledger-mrk-replica",
            aws(s, region),
            deps=[primary],
            primaryKeyArn=primary_arn,
            description=description,
            deletionWindowInDays=30,
        )
        depend(s, replica, "primaryKeyArn", primary)

    return build


# Violates: the GDPR key's replica (the same key material, able to decrypt the ledger) is in N. Virginia.
case("aws-kms-replica-key-us", AWS_COPIES, "DENY", AWS_DOC["kms-mrk"])(kms_replica("us-east-1"))
# Complies: the replica is in Frankfurt.
case("aws-kms-replica-key-de", AWS_COPIES, cite=AWS_DOC["kms-mrk"])(kms_replica("eu-central-1"))

PRIMARY_BROKER = f"arn:aws:mq:eu-west-1:{ACCOUNT}:broker:ledger-orders:b-1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"


def mq_users() -> list[dict[str, Any]]:
    return [
        {"username": "ledger-app", "password": secret("Ch4ngeMe-ledger-app-2026"), "consoleAccess": False},
        {"username": "ledger-repl", "password": secret("Ch4ngeMe-ledger-repl-2026"), "replicationUser": True},
    ]


def broker(s: Stack, name: str, region: str, tags: dict[str, str] | None, **extra: Any) -> str:
    inputs: dict[str, Any] = {
        "brokerName": name,
        "engineType": "ActiveMQ",
        "engineVersion": "5.18",
        "hostInstanceType": "mq.m5.large",
        "deploymentMode": "ACTIVE_STANDBY_MULTI_AZ",
        "authenticationStrategy": "simple",
        "publiclyAccessible": False,
        "autoMinorVersionUpgrade": True,
        "subnetIds": SUBNETS,
        "securityGroups": SGS,
        "encryptionOptions": {"useAwsOwnedKey": False, "kmsKeyId": f"arn:aws:kms:{region}:{ACCOUNT}:key/ledger-mq"},
        "logs": {"general": True, "audit": True},
        "users": mq_users(),
        **extra,
    }
    if tags is not None:
        inputs["tags"] = tags
    return put(s, "aws:mq/broker:Broker", name, aws(s, region), **inputs)


def mq_crdr(replica_region: str | None, window: Any = None) -> Build:
    """A GDPR Amazon MQ for ActiveMQ broker (Ireland) holding the order queue; with ``replica_region``, a
    replica broker created with cross-Region data replication (CRDR) from it: every message is replicated."""

    def build(s: Stack) -> None:
        primary = broker(s, "ledger-orders", "eu-west-1", GDPR)
        _find(s, primary).outputs = {**_find(s, primary).inputs, "arn": PRIMARY_BROKER}
        if replica_region is None:
            return
        extra: dict[str, Any] = {}
        if window is not None:
            extra["maintenanceWindowStartTime"] = window
        replica = broker(
            s,
            "ledger-orders-dr",
            replica_region,
            None,
            dataReplicationMode="CRDR",
            dataReplicationPrimaryBrokerArn=PRIMARY_BROKER,
            **extra,
        )
        depend(s, replica, "dataReplicationPrimaryBrokerArn", primary)

    return build


# Violates: the DR replica broker, which receives every GDPR order message, is in Ohio.
case("aws-mq-crdr-replica-us", AWS_COPIES, "DENY", AWS_DOC["mq-crdr"])(mq_crdr("us-east-2"))
# Complies: the replica broker is in Frankfurt.
case("aws-mq-crdr-replica-de", AWS_COPIES, cite=AWS_DOC["mq-crdr"])(mq_crdr("eu-central-1"))


def log_destination(target: Callable[[Stack], tuple[list[str], str]]) -> Build:
    """A GDPR log group (Ireland) subscribed to a CloudWatch Logs destination in Ireland, which forwards every
    event to its target stream. "The log group and the destination must be in the same AWS Region. However,
    the AWS resource that the destination points to can be located in a different Region." """

    def build(s: Stack) -> None:
        group = put(
            s,
            "aws:cloudwatch/logGroup:LogGroup",
            "payments-logs",
            aws(s),
            name="/ledger/payments",
            retentionInDays=90,
            kmsKeyId=KMS,
            tags=GDPR,
            known={"arn": f"arn:aws:logs:eu-west-1:{ACCOUNT}:log-group:/ledger/payments"},
        )
        deps, target_arn = target(s)
        dest_arn = f"arn:aws:logs:eu-west-1:{ACCOUNT}:destination:ledger-central"
        dest = put(
            s,
            "aws:cloudwatch/logDestination:LogDestination",
            "ledger-central",
            aws(s),
            deps=deps,
            name="ledger-central",
            roleArn=f"arn:aws:iam::{ACCOUNT}:role/cwl-to-kinesis",
            targetArn=target_arn,
            known={"arn": dest_arn},
        )
        put(
            s,
            "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter",
            "payments-to-central",
            aws(s),
            deps=[group, dest],
            name="payments-to-central",
            logGroup="/ledger/payments",
            filterPattern="",
            destinationArn=dest_arn,
        )

    return build


def own_stream(region: str) -> Callable[[Stack], tuple[list[str], str]]:
    def make(s: Stack) -> tuple[list[str], str]:
        arn = f"arn:aws:kinesis:{region}:{ACCOUNT}:stream/ledger-central-logs"
        urn = put(
            s,
            "aws:kinesis/stream:Stream",
            "ledger-central-logs",
            aws(s, region),
            name="ledger-central-logs",
            streamModeDetails={"streamMode": "ON_DEMAND"},
            encryptionType="KMS",
            kmsKeyId="alias/aws/kinesis",
            retentionPeriod=24,
            known={"arn": arn},
        )
        return [urn], arn

    return make


def partner_stream(region: str) -> Callable[[Stack], tuple[list[str], str]]:
    return lambda _s: ([], f"arn:aws:kinesis:{region}:{PARTNER}:stream/siem-intake")


# Violates: the destination forwards the payment logs to a stream of this stack in N. Virginia.
case("aws-logs-destination-stream-us", AWS_COPIES, "DENY", AWS_DOC["logs-destination"])(
    log_destination(own_stream("us-east-1"))
)
# Complies: the stream is in Ireland.
case("aws-logs-destination-stream-ie", AWS_COPIES, cite=AWS_DOC["logs-destination"])(
    log_destination(own_stream("eu-west-1"))
)


def image_distribution(regions: list[str], kms: Any = KMS) -> Build:
    """A GDPR stack's EC2 Image Builder distribution configuration: each output AMI of the ledger's golden
    image (its snapshots: the baked application and its seed data) is copied to every listed Region."""

    def build(s: Stack) -> None:
        put(
            s,
            "aws:imagebuilder/distributionConfiguration:DistributionConfiguration",
            "ledger-golden",
            aws(s),
            name="ledger-golden",
            description="ledger base image",
            distributions=[
                {
                    "region": region,
                    "amiDistributionConfiguration": {
                        "name": "ledger-golden-{{ imagebuilder:buildDate }}",
                        "kmsKeyId": kms if region == "eu-west-1" else f"alias/ledger-ami-{region}",
                        "amiTags": {"app": "ledger"},
                    },
                }
                for region in regions
            ],
        )

    return build


# Violates: the golden image is also distributed to N. Virginia.
case("aws-imagebuilder-distribution-us", AWS_COPIES, "DENY", AWS_DOC["imagebuilder"], config=GDPR_STACK)(
    image_distribution(["eu-west-1", "us-east-1"])
)
# Violates: it is distributed to eu-central-2, which is Zurich, not the EU.
case("aws-imagebuilder-distribution-zurich", AWS_COPIES, "DENY", AWS_DOC["imagebuilder"], config=GDPR_STACK)(
    image_distribution(["eu-west-1", "eu-central-2"])
)
# Complies: Ireland and Frankfurt only.
case("aws-imagebuilder-distribution-eu", AWS_COPIES, cite=AWS_DOC["imagebuilder"], config=GDPR_STACK)(
    image_distribution(["eu-west-1", "eu-central-1"])
)


def keyspace(regions: Any, name: Any = "ledger") -> Build:
    """A GDPR Amazon Keyspaces keyspace (Ireland); with a MULTI_REGION replication specification its tables
    are replicated to every listed Region."""

    def build(s: Stack) -> None:
        inputs: dict[str, Any] = {"name": name, "tags": GDPR}
        if regions is not None:
            inputs["replicationSpecification"] = {"replicationStrategy": "MULTI_REGION", "regionLists": regions}
        put(s, "aws:keyspaces/keyspace:Keyspace", "ledger", aws(s), **inputs)

    return build


# Violates: the keyspace's tables are replicated to N. Virginia.
case("aws-keyspaces-multi-region-us", AWS_COPIES, "DENY", AWS_DOC["keyspaces"])(keyspace(["eu-west-1", "us-east-1"]))
# Violates: they are replicated to London, outside the EEA.
case("aws-keyspaces-multi-region-london", AWS_COPIES, "DENY", AWS_DOC["keyspaces"])(
    keyspace(["eu-west-1", "eu-west-2"])
)
# Complies: Ireland and Frankfurt.
case("aws-keyspaces-multi-region-eu", AWS_COPIES, cite=AWS_DOC["keyspaces"])(keyspace(["eu-west-1", "eu-central-1"]))


def public_query_logs(s: Stack) -> None:
    """A GDPR stack's public hosted zone with query logging: Route 53 writes every query (the resolver's IP,
    the name asked) to a log group that must be in US East (N. Virginia)."""
    use1 = aws(s, "us-east-1")
    zone = put(
        s, "aws:route53/zone:Zone", "ledger-zone", use1, name="ledger.example.com", known={"zoneId": "Z0123456789ABC"}
    )
    group = put(
        s,
        "aws:cloudwatch/logGroup:LogGroup",
        "zone-query-logs",
        use1,
        name="/aws/route53/ledger.example.com",
        retentionInDays=30,
        known={"arn": f"arn:aws:logs:us-east-1:{ACCOUNT}:log-group:/aws/route53/ledger.example.com"},
    )
    put(
        s,
        "aws:route53/queryLog:QueryLog",
        "ledger-zone-queries",
        use1,
        deps=[zone, group],
        zoneId="Z0123456789ABC",
        cloudwatchLogGroupArn=f"arn:aws:logs:us-east-1:{ACCOUNT}:log-group:/aws/route53/ledger.example.com",
    )


def resolver_query_logs(s: Stack) -> None:
    """The same stack's VPC DNS queries logged by Route 53 Resolver query logging to a log group in Ireland."""
    eu = aws(s)
    group = put(
        s,
        "aws:cloudwatch/logGroup:LogGroup",
        "resolver-query-logs",
        eu,
        name="/ledger/resolver-queries",
        retentionInDays=30,
        kmsKeyId=KMS,
        known={"arn": f"arn:aws:logs:eu-west-1:{ACCOUNT}:log-group:/ledger/resolver-queries"},
    )
    config = put(
        s,
        "aws:route53/resolverQueryLogConfig:ResolverQueryLogConfig",
        "ledger-resolver-logs",
        eu,
        deps=[group],
        name="ledger-resolver-logs",
        destinationArn=f"arn:aws:logs:eu-west-1:{ACCOUNT}:log-group:/ledger/resolver-queries",
        known={"id": "rqlc-0a1b2c3d4e5f6a7b"},
    )
    put(
        s,
        "aws:route53/resolverQueryLogConfigAssociation:ResolverQueryLogConfigAssociation",
        "ledger-vpc-queries",
        eu,
        deps=[config],
        resolverQueryLogConfigId="rqlc-0a1b2c3d4e5f6a7b",
        resourceId="vpc-0c1d2e3f4a5b60718",
    )


# Violates: public DNS query logs (client resolver addresses, names) land in a log group in N. Virginia.
case("aws-route53-query-logs-us-east-1", AWS_COPIES, "DENY", AWS_DOC["r53-query-logs"], config=GDPR_STACK)(
    public_query_logs
)
# Complies: the VPC's DNS queries are logged by Resolver query logging to a log group in Ireland.
case("aws-resolver-query-logs-ie", AWS_COPIES, cite=AWS_DOC["resolver-logs"], config=GDPR_STACK)(resolver_query_logs)


def container(log_configuration: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "name": "api",
        "image": f"{ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/ledger-api:1.4.2",
        "essential": True,
        "portMappings": [{"containerPort": 8080, "protocol": "tcp"}],
        "logConfiguration": log_configuration,
        **extra,
    }


def task_definition(
    containers: Any, log_group_region: str | None, execution_role: Any = ROLE, group: str = "/ecs/ledger-api"
) -> Build:
    """A GDPR Fargate task definition (Ireland) of the ledger API; its containers' stdout (request logs with
    customers' account numbers) goes where each container's log configuration says."""

    def build(s: Stack) -> None:
        deps = []
        if log_group_region is not None:
            deps.append(
                put(
                    s,
                    "aws:cloudwatch/logGroup:LogGroup",
                    "api-logs",
                    aws(s, log_group_region),
                    name=group,
                    retentionInDays=30,
                    known={"arn": f"arn:aws:logs:{log_group_region}:{ACCOUNT}:log-group:{group}"},
                )
            )
        put(
            s,
            "aws:ecs/taskDefinition:TaskDefinition",
            "ledger-api",
            aws(s),
            deps=deps,
            family="ledger-api",
            requiresCompatibilities=["FARGATE"],
            networkMode="awsvpc",
            cpu="512",
            memory="1024",
            executionRoleArn=execution_role,
            taskRoleArn=f"arn:aws:iam::{ACCOUNT}:role/ledger-api-task",
            containerDefinitions=containers if isinstance(containers, str) else json.dumps(containers),
            tags=GDPR,
        )

    return build


def awslogs(region: str) -> list[dict[str, Any]]:
    options = {"awslogs-group": "/ecs/ledger-api", "awslogs-region": region, "awslogs-stream-prefix": "api"}
    return [container({"logDriver": "awslogs", "options": options})]


# Violates: the awslogs driver sends the API's logs to CloudWatch Logs in N. Virginia ("awslogs-region").
case("aws-ecs-awslogs-region-us", AWS_COPIES, "DENY", AWS_DOC["ecs-awslogs"])(
    task_definition(awslogs("us-east-1"), "us-east-1")
)
# Complies: they go to the log group in Ireland.
case("aws-ecs-awslogs-region-ie", AWS_COPIES, cite=AWS_DOC["ecs-awslogs"])(
    task_definition(awslogs("eu-west-1"), "eu-west-1")
)


# ============================================================================ destinations outside
def firelens(options: dict[str, str], secrets: list[dict[str, str]] | None = None) -> list[dict[str, Any]]:
    log_config: dict[str, Any] = {"logDriver": "awsfirelens", "options": options}
    if secrets:
        log_config["secretOptions"] = secrets
    router = {
        "name": "log_router",
        "image": "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable",
        "essential": True,
        "firelensConfiguration": {"type": "fluentbit"},
    }
    return [router, container(log_config)]


DATADOG = {
    "Name": "datadog",
    "Host": "http-intake.logs.datadoghq.com",
    "TLS": "on",
    "dd_service": "ledger-api",
    "dd_source": "ecs",
    "provider": "ecs",
}
DD_KEY = [{"name": "apikey", "valueFrom": f"arn:aws:secretsmanager:eu-west-1:{ACCOUNT}:secret:datadog-api-key"}]
CWL = {
    "Name": "cloudwatch_logs",
    "region": "eu-west-1",
    "log_group_name": "/ecs/ledger-api",
    "log_stream_prefix": "api/",
    "auto_create_group": "false",
}
# Violates: FireLens ships the API's logs to Datadog's US intake, outside the cloud.
case("aws-ecs-firelens-datadog", OUTSIDE, "DENY", AWS_DOC["ecs-firelens"])(
    task_definition(firelens(DATADOG, DD_KEY), None)
)
# Complies: FireLens ships them to the stack's log group in Ireland.
case("aws-ecs-firelens-cloudwatch-ie", OUTSIDE, cite=AWS_DOC["ecs-firelens"])(
    task_definition(firelens(CWL), "eu-west-1")
)


def guardduty_export(bucket: str, kms: str, own: bool, detector: Any = "12abc34d567e8fa901bc2d34e56789f0") -> Build:
    """A GDPR stack's GuardDuty detector (Ireland) exporting its findings (IP addresses, principals,
    resource names) to ``bucket``; the bucket and the key "must belong to the same AWS Region", and
    findings may be exported to a bucket in any commercial Region."""

    def build(s: Stack) -> None:
        deps = [s3_bucket(s, bucket, "eu-west-1")] if own else []
        det = put(
            s,
            "aws:guardduty/detector:Detector",
            "ledger-detector",
            aws(s),
            enable=True,
            findingPublishingFrequency="FIFTEEN_MINUTES",
            known={"id": "12abc34d567e8fa901bc2d34e56789f0"},
        )
        put(
            s,
            "aws:guardduty/publishingDestination:PublishingDestination",
            "findings-export",
            aws(s),
            deps=[det, *deps],
            detectorId=detector,
            destinationType="S3",
            destinationArn=f"arn:aws:s3:::{bucket}",
            kmsKeyArn=kms,
        )

    return build


PARTNER_KMS = f"arn:aws:kms:us-east-1:{PARTNER}:key/7f8091a2-b3c4-45d6-e7f8-091a2b3c4d5e"
# Violates: the findings go to a managed-security vendor's bucket, whose key is in N. Virginia.
case("aws-guardduty-export-partner-bucket", OUTSIDE, "DENY", AWS_DOC["guardduty-export"], config=GDPR_STACK)(
    guardduty_export("soc-vendor-findings", PARTNER_KMS, own=False)
)
# Complies: the findings go to the stack's own bucket in Ireland.
case("aws-guardduty-export-own-bucket", OUTSIDE, cite=AWS_DOC["guardduty-export"], config=GDPR_STACK)(
    guardduty_export("ledger-guardduty-findings", KMS, own=True)
)
# Violates: the destination forwards the payment logs to a SIEM vendor's stream in N. Virginia (the ARN says so).
case("aws-logs-destination-partner-us", OUTSIDE, "DENY", AWS_DOC["logs-destination"])(
    log_destination(partner_stream("us-east-1"))
)
# Complies: the vendor's stream is in Ireland; an ARN that carries a Region is read directly (RULES.md).
case("aws-logs-destination-partner-ie", OUTSIDE, cite=AWS_DOC["logs-destination"])(
    log_destination(partner_stream("eu-west-1"))
)


# ============================================================================ GCP: copies
GCP_DOC = {
    "valkey-xr": "https://cloud.google.com/memorystore/docs/valkey/about-cross-region-replication",
    "cdn": "https://cloud.google.com/cdn/docs/overview",
    "regional-lb": "https://cloud.google.com/load-balancing/docs/https#regional-connections",
    "secret-locations": "https://cloud.google.com/secret-manager/docs/locations",
    "run-gcs": "https://cloud.google.com/run/docs/configuring/services/cloud-storage-volume-mounts",
    "sink-pubsub": "https://cloud.google.com/logging/docs/export/pubsub",
    "topic-policy": "https://cloud.google.com/pubsub/docs/resource-location-restriction",
    "mssql-audit": "https://cloud.google.com/sql/docs/sqlserver/db-audit",
}
PRIMARY_VALKEY = f"projects/{PROJECT}/locations/europe-west3/instances/ledger-sessions"


def valkey(s: Stack, instance: str, location: str, labels: dict[str, str] | None, **extra: Any) -> str:
    inputs: dict[str, Any] = {
        "instanceId": instance,
        "location": location,
        "shardCount": 1,
        "replicaCount": 1,
        "nodeType": "HIGHMEM_MEDIUM",
        "engineVersion": "VALKEY_8_0",
        "transitEncryptionMode": "SERVER_AUTHENTICATION",
        "authorizationMode": "IAM_AUTH",
        "deletionProtectionEnabled": True,
        "desiredAutoCreatedEndpoints": [{"network": VPC_NET, "projectId": PROJECT}],
        **extra,
    }
    if labels is not None:
        inputs["labels"] = labels
    path = f"projects/{PROJECT}/locations/{location}/instances/{instance}"
    return put(s, "gcp:memorystore/instance:Instance", instance, gcp(s, location), known={"id": path}, **inputs)


def valkey_xr(secondary: str | None, primary_ref: Any = PRIMARY_VALKEY, kms: Any = None) -> Build:
    """A GDPR Memorystore for Valkey instance (Frankfurt) holding sessions; with ``secondary``, a secondary
    instance there replicating it ("data is replicated asynchronously from the primary to the secondary")."""

    def build(s: Stack) -> None:
        if secondary is None:
            valkey(s, "ledger-sessions", "europe-west3", GDPR)
            return
        sec_path = f"projects/{PROJECT}/locations/{secondary}/instances/ledger-sessions-dr"
        primary = valkey(
            s,
            "ledger-sessions",
            "europe-west3",
            GDPR,
            crossInstanceReplicationConfig={"instanceRole": "PRIMARY", "secondaryInstances": [{"instance": sec_path}]},
        )
        extra = {"kmsKey": kms} if kms is not None else {}
        sec = valkey(
            s,
            "ledger-sessions-dr",
            secondary,
            None,
            crossInstanceReplicationConfig={"instanceRole": "SECONDARY", "primaryInstance": {"instance": primary_ref}},
            **extra,
        )
        depend(s, sec, "crossInstanceReplicationConfig", primary)

    return build


# Violates: the secondary instance (a full copy of the sessions) is in South Carolina.
case("gcp-valkey-secondary-us", GCP_COPIES, "DENY", GCP_DOC["valkey-xr"])(valkey_xr("us-east1"))
# Violates: the secondary is in Zurich (europe-west6), outside the EEA.
case("gcp-valkey-secondary-zurich", GCP_COPIES, "DENY", GCP_DOC["valkey-xr"])(valkey_xr("europe-west6"))
# Complies: the secondary is in the Netherlands.
case("gcp-valkey-secondary-nl", GCP_COPIES, cite=GCP_DOC["valkey-xr"])(valkey_xr("europe-west4"))

STATEMENTS_NEG = f"projects/{PROJECT}/regions/europe-west3/networkEndpointGroups/statements-neg"


def cdn_backend(s: Stack) -> None:
    """A GDPR stack's global external Application Load Balancer backend with Cloud CDN: responses (customers'
    statements) are cached at Google's edge locations worldwide."""
    put(
        s,
        "gcp:compute/backendService:BackendService",
        "statements",
        gcp(s),
        name="statements",
        project=PROJECT,
        loadBalancingScheme="EXTERNAL_MANAGED",
        protocol="HTTPS",
        enableCdn=True,
        cdnPolicy={"cacheMode": "CACHE_ALL_STATIC", "defaultTtl": 3600, "signedUrlCacheMaxAgeSec": 7200},
        backends=[{"group": STATEMENTS_NEG}],
    )


def regional_backend(s: Stack) -> None:
    """The same service behind a regional external Application Load Balancer in Frankfurt (no CDN)."""
    put(
        s,
        "gcp:compute/regionBackendService:RegionBackendService",
        "statements",
        gcp(s),
        name="statements",
        project=PROJECT,
        region="europe-west3",
        loadBalancingScheme="EXTERNAL_MANAGED",
        protocol="HTTPS",
        backends=[{"group": STATEMENTS_NEG}],
    )


# Violates: Cloud CDN caches the GDPR statements at edge locations in any country.
case("gcp-cdn-backend-gdpr", GCP_COPIES, "DENY", GCP_DOC["cdn"], config=GDPR_STACK)(cdn_backend)
# Complies: a regional load balancer in Frankfurt, no caching elsewhere.
case("gcp-regional-backend-de", GCP_COPIES, cite=GCP_DOC["regional-lb"], config=GDPR_STACK)(regional_backend)


def regional_secret(location: Any) -> Build:
    """A GDPR Secret Manager regional secret (the ledger database's credentials): stored in its location."""

    def build(s: Stack) -> None:
        put(
            s,
            "gcp:secretmanager/regionalSecret:RegionalSecret",
            "ledger-db-credentials",
            gcp(s),
            secretId="ledger-db-credentials",
            location=location,
            labels=GDPR,
            deletionProtection=True,
        )

    return build


# Violates: the regional secret is in London (europe-west2), outside the EEA.
case("gcp-regional-secret-london", GCP_COPIES, "DENY", GCP_DOC["secret-locations"])(regional_secret("europe-west2"))
# Complies: it is in Frankfurt.
case("gcp-regional-secret-de", GCP_COPIES, cite=GCP_DOC["secret-locations"])(regional_secret("europe-west3"))


def run_volume(bucket_location: str | None, bucket: str = "ledger-exports") -> Build:
    """A GDPR Cloud Run service (Frankfurt) writing customers' exports to a Cloud Storage volume mount."""

    def build(s: Stack) -> None:
        deps = [gcs_bucket(s, bucket, bucket_location)] if bucket_location else []
        put(
            s,
            "gcp:cloudrunv2/service:Service",
            "ledger-exporter",
            gcp(s),
            deps=deps,
            name="ledger-exporter",
            location="europe-west3",
            labels=GDPR,
            ingress="INGRESS_TRAFFIC_INTERNAL_ONLY",
            template={
                "serviceAccount": f"ledger-exporter@{PROJECT}.iam.gserviceaccount.com",
                "executionEnvironment": "EXECUTION_ENVIRONMENT_GEN2",
                "containers": [
                    {
                        "image": f"europe-west3-docker.pkg.dev/{PROJECT}/apps/exporter:2.1.0",
                        "volumeMounts": [{"name": "exports", "mountPath": "/mnt/exports"}],
                    }
                ],
                "volumes": [{"name": "exports", "gcs": {"bucket": bucket, "readOnly": False}}],
            },
        )

    return build


# Violates: the mounted bucket (every export the service writes) is in the US multi-region.
case("gcp-run-gcs-volume-us", GCP_COPIES, "DENY", GCP_DOC["run-gcs"])(run_volume("US"))
# Complies: the mounted bucket is in Frankfurt.
case("gcp-run-gcs-volume-de", GCP_COPIES, cite=GCP_DOC["run-gcs"])(run_volume("EUROPE-WEST3"))
# Violates: the mounted bucket belongs to a partner and is not in the stack: its location is unknown.
case("gcp-run-gcs-volume-partner", OUTSIDE, "DENY", GCP_DOC["run-gcs"])(run_volume(None, "partner-recon-drop"))


def sink_to_topic(regions: list[str]) -> Build:
    """A GDPR stack's log sink routing the project's Data Access audit logs (who read which customer's
    record) to a Pub/Sub topic of this stack, whose messages are stored where its storage policy allows."""

    def build(s: Stack) -> None:
        topic = put(
            s,
            "gcp:pubsub/topic:Topic",
            "audit-stream",
            gcp(s),
            name="audit-stream",
            messageStoragePolicy={"allowedPersistenceRegions": regions},
            known={"id": f"projects/{PROJECT}/topics/audit-stream"},
        )
        put(
            s,
            "gcp:logging/projectSink:ProjectSink",
            "audit-to-topic",
            gcp(s),
            deps=[topic],
            name="audit-to-topic",
            project=PROJECT,
            destination=f"pubsub.googleapis.com/projects/{PROJECT}/topics/audit-stream",
            filter='logName:"cloudaudit.googleapis.com%2Fdata_access"',
            uniqueWriterIdentity=True,
        )

    return build


# Violates: the topic may store the audit logs in Iowa.
case("gcp-log-sink-topic-us", GCP_COPIES, "DENY", GCP_DOC["sink-pubsub"], config=GDPR_STACK)(
    sink_to_topic(["europe-west3", "us-central1"])
)
# Violates: the topic may store them in London.
case("gcp-log-sink-topic-london", GCP_COPIES, "DENY", GCP_DOC["topic-policy"], config=GDPR_STACK)(
    sink_to_topic(["europe-west3", "europe-west2"])
)
# Complies: the topic stores them in Frankfurt only.
case("gcp-log-sink-topic-de", GCP_COPIES, cite=GCP_DOC["topic-policy"], config=GDPR_STACK)(
    sink_to_topic(["europe-west3"])
)


def mssql_audit(bucket_location: str, key: Any = None) -> Build:
    """A Cloud SQL for SQL Server instance (Frankfurt), GDPR by its user label, with SQL Server audit on:
    audit files (statements, logins) are uploaded to a Cloud Storage bucket of this stack."""

    def build(s: Stack) -> None:
        bucket = gcs_bucket(s, "ledger-mssql-audit", bucket_location)
        extra = {"encryptionKeyName": key} if key is not None else {}
        put(
            s,
            "gcp:sql/databaseInstance:DatabaseInstance",
            "ledger-mssql",
            gcp(s),
            deps=[bucket],
            name="ledger-mssql",
            region="europe-west3",
            databaseVersion="SQLSERVER_2022_STANDARD",
            rootPassword=secret("Ch4ngeMe-mssql-root-2026"),
            deletionProtection=True,
            settings={
                "tier": "db-custom-4-16384",
                "userLabels": GDPR,
                "ipConfiguration": {"ipv4Enabled": False, "privateNetwork": VPC_NET},
                "backupConfiguration": {"enabled": True, "location": "europe-west3"},
                "sqlServerAuditConfig": {
                    "bucket": "gs://ledger-mssql-audit",
                    "retentionInterval": "2592000s",
                    "uploadInterval": "600s",
                },
            },
            **extra,
        )

    return build


# Violates: the audit files are uploaded to a bucket in the US multi-region.
case("gcp-sqlserver-audit-bucket-us", GCP_COPIES, "DENY", GCP_DOC["mssql-audit"])(mssql_audit("US"))
# Complies: the audit bucket is in Frankfurt.
case("gcp-sqlserver-audit-bucket-de", GCP_COPIES, cite=GCP_DOC["mssql-audit"])(mssql_audit("EUROPE-WEST3"))


# ============================================================================ Azure: copies
AZ_DOC = {
    "aca-logs": "https://learn.microsoft.com/en-us/azure/container-apps/log-options",
    "mhsm": "https://learn.microsoft.com/en-us/azure/key-vault/managed-hsm/overview",
    "mhsm-replication": "https://learn.microsoft.com/en-us/azure/key-vault/managed-hsm/multi-region-replication",
    "bot-regional": "https://learn.microsoft.com/en-us/azure/bot-service/bot-builder-concept-regionalization",
    "eventgrid-dr": "https://learn.microsoft.com/en-us/azure/event-grid/geo-disaster-recovery",
    "pairs": "https://learn.microsoft.com/en-us/azure/reliability/cross-region-replication-azure",
    "diag-partner": "https://learn.microsoft.com/en-us/azure/partner-solutions/partners",
    "diagnostic": "https://learn.microsoft.com/en-us/azure/azure-monitor/platform/diagnostic-settings",
}
CUSTOMER_ID = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f"


def container_apps(
    workspace_location: str, shape: Callable[[dict[str, Any]], Any] = lambda c: c, subnet: Any = None
) -> Build:
    """A GDPR Container Apps environment (West Europe) whose apps' console and system logs (request bodies
    the ledger logs) go to the Log Analytics workspace its customer ID names, a workspace of this stack."""

    def build(s: Stack) -> None:
        law = put(
            s,
            "azure-native:operationalinsights:Workspace",
            "ledger-apps-logs",
            azure(s, workspace_location),
            resourceGroupName="ledger",
            workspaceName="ledger-apps-logs",
            location=workspace_location,
            sku={"name": "PerGB2018"},
            retentionInDays=90,
            known={
                "id": f"{RG}/Microsoft.OperationalInsights/workspaces/ledger-apps-logs",
                "customerId": CUSTOMER_ID,
            },
        )
        env = az(
            s,
            "azure-native:app:ManagedEnvironment",
            "ledger-apps",
            "westeurope",
            GDPR,
            "Microsoft.App/managedEnvironments/ledger-apps",
            environmentName="ledger-apps",
            zoneRedundant=True,
            vnetConfiguration={
                "infrastructureSubnetId": subnet
                or f"/subscriptions/{SUB}/resourceGroups/ledger/providers/"
                "Microsoft.Network/virtualNetworks/ledger/subnets/apps",
                "internal": True,
            },
            workloadProfiles=[{"name": "Consumption", "workloadProfileType": "Consumption"}],
            appLogsConfiguration={
                "destination": "log-analytics",
                "logAnalyticsConfiguration": shape(
                    {"customerId": CUSTOMER_ID, "sharedKey": secret("bGVkZ2VyLWFwcHMtbG9ncy1zaGFyZWQta2V5")}
                ),
            },
        )
        env_resource = _find(s, env)
        env_resource.outputs = {**env_resource.inputs, **env_resource.outputs}
        depend(s, env, "appLogsConfiguration", law)

    return build


# Violates: the environment's logs go to a workspace in East US.
case("az-container-apps-logs-us", AZURE_COPIES, "DENY", AZ_DOC["aca-logs"])(container_apps("eastus"))
# Violates: the workspace is in Switzerland North, outside the EEA.
case("az-container-apps-logs-switzerland", AZURE_COPIES, "DENY", AZ_DOC["aca-logs"])(container_apps("switzerlandnorth"))
# Complies: the workspace is in West Europe.
case("az-container-apps-logs-nl", AZURE_COPIES, cite=AZ_DOC["aca-logs"])(container_apps("westeurope"))


def managed_hsm(location: str, tags: dict[str, str]) -> Build:
    """A Managed HSM pool holding the ledger's customer-managed keys; a pool keeps its keys in its own region
    (replication to a secondary region is an explicit, separate step, not configured here)."""

    def build(s: Stack) -> None:
        az(
            s,
            "azure-native:keyvault:ManagedHsm",
            "ledger-hsm",
            location,
            tags,
            "Microsoft.KeyVault/managedHSMs/ledger-hsm",
            name="ledger-hsm",
            sku={"family": "B", "name": "Standard_B1"},
            properties={
                "tenantId": TENANT_ID,
                "initialAdminObjectIds": [ADMIN_OID],
                "enableSoftDelete": True,
                "softDeleteRetentionInDays": 90,
                "enablePurgeProtection": True,
                "publicNetworkAccess": "Disabled",
            },
        )

    return build


# Violates: the GDPR HSM pool is in UK South, outside the EEA.
case("az-managed-hsm-uk", AZURE_COPIES, "DENY", AZ_DOC["mhsm"])(managed_hsm("uksouth", GDPR))
# Complies: the pool is in North Europe.
case("az-managed-hsm-ie", AZURE_COPIES, cite=AZ_DOC["mhsm"])(managed_hsm("northeurope", GDPR))
# Complies: an Ireland-only pool in North Europe; unlike Key Vault, a Managed HSM is not copied to the
# paired region (multi-region replication is opt-in).
case("az-managed-hsm-ireland-only", AZURE_COPIES, cite=AZ_DOC["mhsm-replication"], config=IE_CONFIG)(
    managed_hsm("northeurope", IE_TAG)
)


def bot(location: str, app_id: Any = "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d") -> Build:
    """A GDPR Azure Bot (the ledger's customer assistant) whose messaging endpoint is a web app of this stack
    in West Europe; a bot's location decides where Bot Service processes and stores the conversations."""

    def build(s: Stack) -> None:
        plan = az(
            s,
            "azure-native:web:AppServicePlan",
            "ledger-assistant-plan",
            "westeurope",
            GDPR,
            "Microsoft.Web/serverfarms/ledger-assistant-plan",
            name="ledger-assistant-plan",
            kind="linux",
            reserved=True,
            sku={"name": "P1v3", "tier": "PremiumV3"},
        )
        app = az(
            s,
            "azure-native:web:WebApp",
            "ledger-assistant",
            "westeurope",
            GDPR,
            "Microsoft.Web/sites/ledger-assistant",
            name="ledger-assistant",
            serverFarmId=f"{RG}/Microsoft.Web/serverfarms/ledger-assistant-plan",
            httpsOnly=True,
            siteConfig={"linuxFxVersion": "NODE|20-lts", "minTlsVersion": "1.2", "ftpsState": "Disabled"},
        )
        web = _find(s, app)
        host = "ledger-assistant.azurewebsites.net"
        # The state the provider reports for an existing web app: its default, bound and enabled host names.
        web.outputs = {
            **web.outputs,
            "defaultHostName": host,
            "hostNames": [host],
            "enabledHostNames": [host, "ledger-assistant.scm.azurewebsites.net"],
        }
        web.dependencies = [plan]
        bot_urn = az(
            s,
            "azure-native:botservice:Bot",
            "ledger-assistant-bot",
            location,
            GDPR,
            "Microsoft.BotService/botServices/ledger-assistant",
            resourceName="ledger-assistant",
            kind="azurebot",
            sku={"name": "S1"},
            properties={
                "displayName": "Ledger assistant",
                "endpoint": "https://ledger-assistant.azurewebsites.net/api/messages",
                "msaAppId": app_id,
                "msaAppType": "SingleTenant",
                "msaAppTenantId": TENANT_ID,
                "disableLocalAuth": True,
                "publicNetworkAccess": "Disabled",
            },
        )
        _find(s, bot_urn).dependencies = [app]

    return build


# Violates: a global bot: Bot Service processes the conversations in any region.
case("az-bot-global", AZURE_COPIES, "DENY", AZ_DOC["bot-regional"])(bot("global"))
# Complies: a regional bot in West Europe keeps them in Europe.
case("az-bot-westeurope", AZURE_COPIES, cite=AZ_DOC["bot-regional"])(bot("westeurope"))


def eventgrid_topic(tags: dict[str, str], boundary: Any) -> Build:
    """An Event Grid custom topic in North Europe: "within a region and geo-pair" replicates its metadata to
    the paired region (West Europe) and, if Microsoft fails it over, new events flow there; "within a region"
    replicates nothing to another region."""

    def build(s: Stack) -> None:
        inputs: dict[str, Any] = {}
        if boundary is not None:
            inputs["dataResidencyBoundary"] = boundary
        az(
            s,
            "azure-native:eventgrid:Topic",
            "ledger-events",
            "northeurope",
            tags,
            "Microsoft.EventGrid/topics/ledger-events",
            topicName="ledger-events",
            inputSchema="CloudEventSchemaV1_0",
            publicNetworkAccess="Disabled",
            disableLocalAuth=True,
            minimumTlsVersionAllowed="1.2",
            **inputs,
        )

    return build


# Violates: an Ireland-only topic whose geo-pair failover sends new events to the Netherlands.
case("az-eventgrid-topic-geopair-ireland", AZURE_COPIES, "DENY", AZ_DOC["eventgrid-dr"], config=IE_CONFIG)(
    eventgrid_topic(IE_TAG, "WithinGeopair")
)
# Complies: within the region only.
case("az-eventgrid-topic-region-ireland", AZURE_COPIES, cite=AZ_DOC["eventgrid-dr"], config=IE_CONFIG)(
    eventgrid_topic(IE_TAG, "WithinRegion")
)
# Complies: for GDPR the geo-pair (West Europe) is inside the EEA.
case("az-eventgrid-topic-geopair-gdpr", AZURE_COPIES, cite=AZ_DOC["pairs"])(eventgrid_topic(GDPR, "WithinGeopair"))


def hsm_diagnostics(destination: dict[str, Any], with_workspace: bool) -> Build:
    """The GDPR Managed HSM's audit logs (every key operation: caller, IP address, key) sent by a diagnostic
    setting to ``destination``."""

    def build(s: Stack) -> None:
        managed_hsm("westeurope", GDPR)(s)
        deps = [s.urn("azure-native:keyvault:ManagedHsm", "ledger-hsm")]
        if with_workspace:
            deps.append(
                az(
                    s,
                    "azure-native:operationalinsights:Workspace",
                    "ledger-security",
                    "westeurope",
                    GDPR,
                    "Microsoft.OperationalInsights/workspaces/ledger-security",
                    workspaceName="ledger-security",
                    sku={"name": "PerGB2018"},
                    retentionInDays=365,
                )
            )
        put(
            s,
            "azure-native:monitor:DiagnosticSetting",
            "hsm-audit",
            azure(s),
            deps=deps,
            name="hsm-audit",
            resourceUri=f"{RG}/Microsoft.KeyVault/managedHSMs/ledger-hsm",
            logs=[{"categoryGroup": "audit", "enabled": True}],
            **destination,
        )

    return build


DATADOG_MONITOR = f"/subscriptions/{SUB}/resourceGroups/observability/providers/Microsoft.Datadog/monitors/acme-dd"
# Violates: the audit logs go to a marketplace partner's service (Datadog), outside the stack and the cloud.
case("az-hsm-diagnostics-partner", OUTSIDE, "DENY", AZ_DOC["diag-partner"])(
    hsm_diagnostics({"marketplacePartnerId": DATADOG_MONITOR}, False)
)
# Complies: they go to the stack's workspace in West Europe.
case("az-hsm-diagnostics-own-workspace", OUTSIDE, cite=AZ_DOC["diagnostic"])(
    hsm_diagnostics({"workspaceId": f"{RG}/Microsoft.OperationalInsights/workspaces/ledger-security"}, True)
)


# ============================================================================ defaults when unset
DEF_DOC = {
    "snapshot-settings": "https://cloud.google.com/compute/docs/disks/snapshot-settings",
    "image-location": "https://cloud.google.com/compute/docs/images/create-custom#selecting_image_storage_location",
    "aws-global": "https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/global-services.html",
    "azure-dns": "https://learn.microsoft.com/en-us/azure/dns/dns-zones-records",
    "azure-rbac": "https://learn.microsoft.com/en-us/azure/role-based-access-control/overview",
    "gcp-dns": "https://cloud.google.com/dns/docs/overview",
    "mq-crdr": AWS_DOC["mq-crdr"],
    "keyspaces": AWS_DOC["keyspaces-create"],
    "kms-keys": "https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#kms_keys",
    "valkey": "https://cloud.google.com/memorystore/docs/valkey/product-overview",
}
CH_DISK = f"projects/{PROJECT}/zones/europe-west6-a/disks/ledger-ch"


def ch_disk(s: Stack) -> str:
    return put(
        s,
        "gcp:compute/disk:Disk",
        "ledger-ch",
        gcp(s, "europe-west6"),
        name="ledger-ch",
        zone="europe-west6-a",
        size=200,
        type="pd-balanced",
        labels=CH,
        known={"id": CH_DISK, "selfLink": f"https://www.googleapis.com/compute/v1/{CH_DISK}"},
    )


def snapshot_settings(s: Stack, policy: Any) -> str:
    return put(
        s,
        "gcp:compute/snapshotSettings:SnapshotSettings",
        "project-snapshots",
        gcp(s, "europe-west6"),
        project=PROJECT,
        storageLocation={"policy": policy},
    )


def ch_snapshot(policy: Any) -> Build:
    """A Switzerland-only disk (Zurich) and an untagged snapshot of it without storageLocations, in a project
    whose snapshot settings say where such snapshots go: LOCAL_REGION "the same region as the source disk",
    NEAREST_MULTI_REGION the multi-region nearest to it (for Zurich, EU)."""

    def build(s: Stack) -> None:
        disk = ch_disk(s)
        settings = snapshot_settings(s, policy)
        put(
            s,
            "gcp:compute/snapshot:Snapshot",
            "ledger-ch-daily",
            gcp(s, "europe-west6"),
            deps=[disk, settings],
            name="ledger-ch-daily",
            sourceDisk=CH_DISK,
            zone="europe-west6-a",
        )

    return build


# Violates: the project's settings keep snapshots in the nearest multi-region: EU, outside Switzerland.
case("gcp-snapshot-settings-nearest-ch", DEFAULTS, "DENY", DEF_DOC["snapshot-settings"])(
    ch_snapshot("NEAREST_MULTI_REGION")
)
# Complies: the project's settings keep snapshots in the source disk's region, Zurich.
case("gcp-snapshot-settings-local-ch", DEFAULTS, cite=DEF_DOC["snapshot-settings"])(ch_snapshot("LOCAL_REGION"))


def ch_image(locations: list[str] | None) -> Build:
    """A custom image of the Switzerland-only disk in a project whose snapshot settings say LOCAL_REGION. The
    settings govern snapshots; an image without storageLocations goes to the multi-region nearest its source."""

    def build(s: Stack) -> None:
        disk = ch_disk(s)
        settings = snapshot_settings(s, "LOCAL_REGION")
        inputs: dict[str, Any] = {"name": "ledger-ch-golden", "sourceDisk": CH_DISK}
        if locations is not None:
            inputs["storageLocations"] = locations
        put(s, "gcp:compute/image:Image", "ledger-ch-golden", gcp(s, "europe-west6"), deps=[disk, settings], **inputs)

    return build


# Violates: the image of the Swiss disk is stored in the EU multi-region; snapshot settings do not apply to it.
case("gcp-image-ignores-snapshot-settings-ch", DEFAULTS, "DENY", DEF_DOC["image-location"])(ch_image(None))
# Complies: the image names Zurich as its storage location.
case("gcp-image-zurich-ch", DEFAULTS, cite=DEF_DOC["image-location"])(ch_image(["europe-west6"]))

ASSUME_ECS = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}
        ],
    }
)


def aws_identity_and_dns(s: Stack) -> None:
    """A GDPR stack's IAM role and policy and its public hosted zone, through the us-east-1 provider (IAM and
    Route 53 are global services; they keep no customer data in a Region)."""
    use1 = aws(s, "us-east-1")
    role = put(
        s,
        "aws:iam/role:Role",
        "ledger-api-task",
        use1,
        name="ledger-api-task",
        assumeRolePolicy=ASSUME_ECS,
        maxSessionDuration=3600,
        known={"arn": f"arn:aws:iam::{ACCOUNT}:role/ledger-api-task", "name": "ledger-api-task"},
    )
    put(
        s,
        "aws:iam/rolePolicy:RolePolicy",
        "ledger-api-task-sqs",
        use1,
        deps=[role],
        role="ledger-api-task",
        policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Action": ["sqs:SendMessage", "sqs:ReceiveMessage"],
                        "Resource": f"arn:aws:sqs:eu-west-1:{ACCOUNT}:ledger-orders",
                    }
                ],
            }
        ),
    )
    zone = put(
        s, "aws:route53/zone:Zone", "ledger-zone", use1, name="ledger.example.com", known={"zoneId": "Z0123456789ABC"}
    )
    put(
        s,
        "aws:route53/record:Record",
        "api-record",
        use1,
        deps=[zone],
        zoneId="Z0123456789ABC",
        name="api.ledger.example.com",
        type="CNAME",
        ttl=300,
        records=["ledger-api-1234567890.eu-west-1.elb.amazonaws.com"],
    )


# Complies: identity and DNS configuration are never judged by their provider's region.
case("aws-iam-and-route53-gdpr", DEFAULTS, cite=DEF_DOC["aws-global"], config=GDPR_STACK)(aws_identity_and_dns)


def azure_identity_and_dns(s: Stack) -> None:
    """A GDPR stack's public DNS zone (location global) and a role assignment on its resource group."""
    put(
        s,
        "azure-native:dns:Zone",
        "ledger-zone",
        azure(s),
        resourceGroupName="ledger",
        zoneName="ledger.example.com",
        location="global",
        zoneType="Public",
    )
    put(
        s,
        "azure-native:authorization:RoleAssignment",
        "ledger-readers",
        azure(s),
        scope=f"/subscriptions/{SUB}/resourceGroups/ledger",
        principalId=ADMIN_OID,
        principalType="Group",
        roleDefinitionId=f"/subscriptions/{SUB}/providers/Microsoft.Authorization/roleDefinitions/"
        "acdd72a7-3385-48ef-bd42-f606fba81ae7",
    )


# Complies: a DNS zone's "global" location and a role assignment hold no customer data.
case("az-dns-zone-and-role-assignment-gdpr", DEFAULTS, cite=DEF_DOC["azure-dns"], config=GDPR_STACK)(
    azure_identity_and_dns
)


def gcp_identity_and_dns(s: Stack) -> None:
    """A GDPR stack's service account, its IAM binding and a public Cloud DNS zone (none has a location)."""
    account = put(
        s,
        "gcp:serviceaccount/account:Account",
        "ledger-api",
        gcp(s),
        accountId="ledger-api",
        displayName="ledger API",
        project=PROJECT,
        known={"email": f"ledger-api@{PROJECT}.iam.gserviceaccount.com"},
    )
    put(
        s,
        "gcp:projects/iAMMember:IAMMember",
        "ledger-api-sql",
        gcp(s),
        deps=[account],
        project=PROJECT,
        role="roles/cloudsql.client",
        member=f"serviceAccount:ledger-api@{PROJECT}.iam.gserviceaccount.com",
    )
    put(
        s,
        "gcp:dns/managedZone:ManagedZone",
        "ledger-zone",
        gcp(s),
        name="ledger-zone",
        dnsName="ledger.example.com.",
        visibility="public",
        dnssecConfig={"state": "on"},
        labels=GDPR,
    )


# Complies: service accounts, IAM bindings and DNS zones keep no customer data in a location.
case("gcp-iam-and-dns-gdpr", DEFAULTS, cite=DEF_DOC["gcp-dns"], config=GDPR_STACK)(gcp_identity_and_dns)
# Complies: without a replication specification a keyspace is single-Region (Ireland).
case("aws-keyspaces-single-region-default", DEFAULTS, cite=DEF_DOC["keyspaces"])(keyspace(None))
# Complies: a broker without dataReplicationMode replicates nowhere.
case("aws-mq-broker-no-replication", DEFAULTS, cite=DEF_DOC["mq-crdr"])(mq_crdr(None))
# Complies: a Valkey instance without cross-instance replication stays in Frankfurt.
case("gcp-valkey-no-replication", DEFAULTS, cite=DEF_DOC["valkey"])(valkey_xr(None))


def single_region_key(s: Stack) -> None:
    put(
        s,
        "aws:kms/key:Key",
        "ledger-key",
        aws(s),
        description="ledger statements key",
        enableKeyRotation=True,
        deletionWindowInDays=30,
        tags=GDPR,
    )


# Complies: a key without multiRegion is a single-Region key in Ireland.
case("aws-kms-single-region-default", DEFAULTS, cite=DEF_DOC["kms-keys"])(single_region_key)


# ============================================================================ Kubernetes operators
OP_DOC = {
    "xp-secret": "https://marketplace.upbound.io/providers/upbound/provider-aws-secretsmanager/latest/resources/secretsmanager.aws.upbound.io/Secret/v1beta1",
    "xp-ecr-replication": "https://marketplace.upbound.io/providers/upbound/provider-aws-ecr/latest/resources/ecr.aws.upbound.io/ReplicationConfiguration/v1beta1",
    "ack-loggroup": "https://aws-controllers-k8s.github.io/community/reference/cloudwatchlogs/v1alpha1/loggroup/",
    "ack-region": "https://aws-controllers-k8s.github.io/community/docs/user-docs/multi-region-resource-management/",
    "ack-iam-role": "https://aws-controllers-k8s.github.io/community/reference/iam/v1alpha1/role/",
    "kcc-snapshot": "https://cloud.google.com/config-connector/docs/reference/resource-docs/compute/computesnapshot",
    "kcc-run": "https://cloud.google.com/config-connector/docs/reference/resource-docs/run/runservice",
    "kcc-iam": "https://cloud.google.com/config-connector/docs/reference/resource-docs/iam/iampolicymember",
    "aso-container": "https://azure.github.io/azure-service-operator/reference/storage/v1api20230101/",
    "aso-owner": "https://azure.github.io/azure-service-operator/guide/ownership/",
}


def xp_secret(replica: Any) -> Obj:
    return custom_resource(
        "secretsmanager.aws.upbound.io/v1beta1",
        "Secret",
        "acme-api-credentials",
        None,
        {
            "forProvider": {
                "region": "eu-west-1",
                "kmsKeyId": "alias/acme-secrets",
                "recoveryWindowInDays": 7,
                "replica": replica,
                "tags": GDPR,
            },
            **XP_REF,
        },
        labels=ACME_GDPR,
    )


# Violates: the tenant's Crossplane secret has a replica in N. Virginia.
case("op-crossplane-secret-replica-us", OPERATORS, "DENY", OP_DOC["xp-secret"])(
    on_tenant(xp_secret([{"region": "us-east-1"}]))
)
# Complies: the replica is in Frankfurt.
case("op-crossplane-secret-replica-de", OPERATORS, cite=OP_DOC["xp-secret"])(
    on_tenant(xp_secret([{"region": "eu-central-1"}]))
)


def xp_ecr_replication(region: str) -> Obj:
    return custom_resource(
        "ecr.aws.upbound.io/v1beta1",
        "ReplicationConfiguration",
        "acme-registry-replication",
        None,
        {
            "forProvider": {
                "region": "eu-west-1",
                "replicationConfiguration": [
                    {
                        "rule": [
                            {
                                "destination": [{"region": region, "registryId": ACCOUNT}],
                                "repositoryFilter": [{"filter": "acme/", "filterType": "PREFIX_MATCH"}],
                            }
                        ]
                    }
                ],
            },
            **XP_REF,
        },
        labels=ACME_GDPR,
    )


# Violates: the tenant's images (acme/...) are replicated to Oregon.
case("op-crossplane-ecr-replication-us", OPERATORS, "DENY", OP_DOC["xp-ecr-replication"])(
    on_tenant(xp_ecr_replication("us-west-2"))
)
# Complies: they are replicated to Stockholm.
case("op-crossplane-ecr-replication-se", OPERATORS, cite=OP_DOC["xp-ecr-replication"])(
    on_tenant(xp_ecr_replication("eu-north-1"))
)


def ack_log_group(region: str) -> Obj:
    return custom_resource(
        "cloudwatchlogs.services.k8s.aws/v1alpha1",
        "LogGroup",
        "acme-app-logs",
        "acme",
        {"name": "/acme/app", "retentionDays": 30},
        annotations={"services.k8s.aws/region": region},
    )


# Violates: the tenant's ACK log group (its application logs) is created in Ohio.
case("op-ack-log-group-us", OPERATORS, "DENY", OP_DOC["ack-region"])(on_tenant(ack_log_group("us-east-2")))
# Complies: it is created in Ireland.
case("op-ack-log-group-ie", OPERATORS, cite=OP_DOC["ack-loggroup"])(on_tenant(ack_log_group("eu-west-1")))


def kcc_snapshot(locations: Any) -> Obj:
    return kcc(
        "ComputeSnapshot",
        "compute",
        "acme-db-nightly",
        {"sourceDiskRef": {"name": "acme-db"}, "zone": "europe-west3-a", "storageLocations": locations},
    )


# Violates: the tenant's snapshot of its database disk is stored in the US multi-region.
case("op-kcc-snapshot-us", OPERATORS, "DENY", OP_DOC["kcc-snapshot"])(on_tenant(kcc_snapshot(["us"]), cloud="gcp"))
# Complies: it is stored in Frankfurt.
case("op-kcc-snapshot-de", OPERATORS, cite=OP_DOC["kcc-snapshot"])(
    on_tenant(kcc_snapshot(["europe-west3"]), cloud="gcp")
)


def kcc_run(location: str) -> Obj:
    return kcc(
        "RunService",
        "run",
        "acme-api",
        {
            "location": location,
            "ingress": "INGRESS_TRAFFIC_INTERNAL_ONLY",
            "template": {"containers": [{"image": "europe-west3-docker.pkg.dev/acme-prod/apps/api:1.2.0"}]},
        },
    )


# Violates: the tenant's Cloud Run service runs (and processes its requests) in Iowa.
case("op-kcc-run-service-us", OPERATORS, "DENY", OP_DOC["kcc-run"])(on_tenant(kcc_run("us-central1"), cloud="gcp"))
# Complies: it runs in Frankfurt.
case("op-kcc-run-service-de", OPERATORS, cite=OP_DOC["kcc-run"])(on_tenant(kcc_run("europe-west3"), cloud="gcp"))


def aso_account(location: str) -> Obj:
    return custom_resource(
        "storage.azure.com/v1api20230101",
        "StorageAccount",
        "acmecontracts",
        "acme",
        {
            "location": location,
            "owner": {"name": "acme-rg"},
            "kind": "StorageV2",
            "sku": {"name": "Standard_LRS"},
            "accessTier": "Hot",
            "minimumTlsVersion": "TLS1_2",
            "allowBlobPublicAccess": False,
        },
    )


ASO_BLOB = custom_resource(
    "storage.azure.com/v1api20230101",
    "StorageAccountsBlobService",
    "acmecontracts-blob",
    "acme",
    {"owner": {"name": "acmecontracts"}},
)
ASO_CONTAINER = custom_resource(
    "storage.azure.com/v1api20230101",
    "StorageAccountsBlobServicesContainer",
    "contracts",
    "acme",
    {"owner": {"name": "acmecontracts-blob"}, "publicAccess": "None"},
)
# Violates: the container's account (two owners up) is in East US.
case("op-aso-blob-container-account-us", OPERATORS, "DENY", OP_DOC["aso-owner"])(
    on_tenant(aso_rg("acme-rg", "westeurope"), aso_account("eastus"), ASO_BLOB, ASO_CONTAINER, cloud="azure-native")
)
# Complies: the container lives in its account in West Europe, found through its owner's owner.
case("op-aso-blob-container-account-nl", OPERATORS, cite=OP_DOC["aso-container"])(
    on_tenant(aso_rg("acme-rg", "westeurope"), aso_account("westeurope"), ASO_BLOB, ASO_CONTAINER, cloud="azure-native")
)

ACK_ROLE = custom_resource(
    "iam.services.k8s.aws/v1alpha1",
    "Role",
    "acme-reader",
    "acme",
    {
        "name": "acme-reader",
        "assumeRolePolicyDocument": json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {"Effect": "Allow", "Principal": {"Service": "pods.eks.amazonaws.com"}, "Action": "sts:AssumeRole"}
                ],
            }
        ),
        "policies": ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"],
    },
)
# Complies: an ACK IAM role names no region, and identity keeps no data in a location.
case("op-ack-iam-role-no-region", OPERATORS, cite=OP_DOC["ack-iam-role"])(on_tenant(ACK_ROLE))
KCC_MEMBER = kcc(
    "IAMPolicyMember",
    "iam",
    "acme-sql-client",
    {
        "member": "serviceAccount:acme-api@acme-prod.iam.gserviceaccount.com",
        "role": "roles/cloudsql.client",
        "resourceRef": {"kind": "Project", "external": "projects/acme-prod"},
    },
)
# Complies: a Config Connector IAM binding has no location and holds no data.
case("op-kcc-iam-member", OPERATORS, cite=OP_DOC["kcc-iam"])(on_tenant(KCC_MEMBER, cloud="gcp"))


# ============================================================================ cloud guardrails
GRD_DOC = {
    "if-exists": "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IfExists",
    "scp-region": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html",
    "not-resource": "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html",
    "aws-provider": "https://www.pulumi.com/registry/packages/aws/api-docs/provider/",
    "az-enforcement": "https://learn.microsoft.com/en-us/azure/governance/policy/concepts/assignment-structure#enforcement-mode",
    "gcp-hierarchy": "https://cloud.google.com/resource-manager/docs/organization-policy/understanding-hierarchy",
    "gke-project": "https://www.pulumi.com/registry/packages/gcp/api-docs/container/cluster/",
}
EEA_SPEC = {"inheritFromParent": False, "rules": [{"values": {"allowedValues": ["in:europe-west3-locations"]}}]}

# Complies: StringNotEqualsIfExists denies when aws:RequestedRegion is outside the list, and also when the key
# is absent; it is at least as strict as StringNotEquals.
case("grd-aws-scp-if-exists", GUARDRAILS, cite=GRD_DOC["if-exists"])(
    eks_guarded(scp_with({"StringNotEqualsIfExists": {"aws:RequestedRegion": GDPR_AWS}}))
)
# Complies: the deny exempts fewer global services than AWS documents: it is stricter.
case("grd-aws-scp-fewer-exemptions", GUARDRAILS, cite=GRD_DOC["scp-region"])(
    eks_guarded(scp_with(NotAction=["iam:*", "sts:*", "organizations:*", "route53:*", "support:*", "cloudfront:*"]))
)


def not_resource_scp() -> str:
    base = json.loads(scp())
    statement = {k: v for k, v in base["Statement"][0].items() if k != "Resource"}
    statement["NotResource"] = ["arn:aws:s3:::ledger-archive-*", "arn:aws:s3:::ledger-archive-*/*"]
    return json.dumps({**base, "Statement": [statement]})


# Violates: NotResource exempts the ledger-archive-* buckets from the deny: they may be created in any Region.
case("grd-aws-scp-not-resource-archive", GUARDRAILS, "DENY", GRD_DOC["not-resource"])(eks_guarded(not_resource_scp()))
# Violates: the cluster's provider names its account only through the role it assumes; RULES.md pins an
# account by allowedAccountIds, so the scope is not pinned.
case("grd-aws-account-by-assumed-role-only", GUARDRAILS, "DENY", GRD_DOC["aws-provider"])(
    retouch(
        eks_guarded(),
        "pulumi:providers:aws",
        "eu1-aws",
        drop=("allowedAccountIds",),
        assumeRoles=[{"roleArn": f"arn:aws:iam::{ACCOUNT}:role/fleet-deployer"}],
    )
)
# Complies: an assignment without enforcementMode is enforced (the default is "Default").
case("grd-azure-enforcement-mode-default", GUARDRAILS, cite=GRD_DOC["az-enforcement"])(
    retouch(aks_guarded(), AKS_LOC, "eea-locations", drop=("enforcementMode",))
)
# Violates: the GKE cluster is created in project ledger-analytics (its own project input); the location
# policy is on ledger-prod, its provider's project.
case("grd-gcp-cluster-in-other-project", GUARDRAILS, "DENY", GRD_DOC["gke-project"])(
    retouch(gke(located_policy(OWN, EEA_SPEC)), "gcp:container/cluster:Cluster", "eu1-gke", project="ledger-analytics")
)
# Complies: the provider's default project is another one, but the cluster names ledger-prod itself, where
# the policy is.
case("grd-gcp-cluster-project-over-provider", GUARDRAILS, cite=GRD_DOC["gke-project"])(
    retouch(gke(located_policy(OWN, EEA_SPEC)), "pulumi:providers:gcp", "eu1-gcp", project="ledger-shared")
)


# ============================================================================ unknown at preview
PRE_DOC = {"unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/"}

# Violates: the replica is in N. Virginia; its primary's ARN is unknown, but the engine's property
# dependencies say it is the GDPR key of this stack.
case("pre-kms-replica-us-primary-unknown", PREVIEW, "DENY", AWS_DOC["kms-mrk"])(kms_replica("us-east-1", UNKNOWN))
# Complies: the same in Frankfurt.
case("pre-kms-replica-de-primary-unknown", PREVIEW, cite=AWS_DOC["kms-mrk"])(kms_replica("eu-central-1", UNKNOWN))
# Violates: the logs go to N. Virginia; only the execution role is unknown.
case("pre-ecs-awslogs-us-role-unknown", PREVIEW, "DENY", AWS_DOC["ecs-awslogs"])(
    task_definition(awslogs("us-east-1"), "us-east-1", execution_role=UNKNOWN)
)
# Violates: the keyspace is replicated to N. Virginia; only its name is unknown.
case("pre-keyspaces-us-name-unknown", PREVIEW, "DENY", AWS_DOC["keyspaces"])(
    keyspace(["eu-west-1", "us-east-1"], name=UNKNOWN)
)
# Violates: the environment's workspace is in East US; only the infrastructure subnet is unknown.
case("pre-container-apps-us-subnet-unknown", PREVIEW, "DENY", AZ_DOC["aca-logs"])(
    container_apps("eastus", subnet=UNKNOWN)
)
# Violates: the Valkey secondary is in South Carolina; only its KMS key is unknown.
case("pre-valkey-secondary-us-kms-unknown", PREVIEW, "DENY", GCP_DOC["valkey-xr"])(valkey_xr("us-east1", kms=UNKNOWN))
# Complies: the findings go to the stack's bucket in Ireland; only the detector's ID is unknown.
case("pre-guardduty-own-bucket-detector-unknown", PREVIEW, cite=AWS_DOC["guardduty-export"], config=GDPR_STACK)(
    guardduty_export("ledger-guardduty-findings", KMS, own=True, detector=UNKNOWN)
)
# Complies: the audit bucket is in Frankfurt; only the instance's CMEK key is unknown.
case("pre-sqlserver-audit-de-key-unknown", PREVIEW, cite=GCP_DOC["mssql-audit"])(
    mssql_audit("EUROPE-WEST3", key=UNKNOWN)
)
# Complies: the bot is regional in West Europe; only its app ID is unknown.
case("pre-bot-westeurope-app-unknown", PREVIEW, cite=AZ_DOC["bot-regional"])(bot("westeurope", app_id=UNKNOWN))
# Complies: the image goes to Ireland and Frankfurt; only the Irish copy's KMS key is unknown.
case("pre-imagebuilder-eu-kms-unknown", PREVIEW, cite=AWS_DOC["imagebuilder"], config=GDPR_STACK)(
    image_distribution(["eu-west-1", "eu-central-1"], kms=UNKNOWN)
)
# Complies: the broker replicates to Frankfurt; only the replica's maintenance window is unknown.
case("pre-mq-crdr-de-window-unknown", PREVIEW, cite=AWS_DOC["mq-crdr"])(mq_crdr("eu-central-1", window=UNKNOWN))


# ============================================================================ malformed shapes
BAD_DOC = {
    "keyspace": "https://www.pulumi.com/registry/packages/aws/api-docs/keyspaces/keyspace/",
    "imagebuilder": "https://www.pulumi.com/registry/packages/aws/api-docs/imagebuilder/distributionconfiguration/",
    "valkey": "https://www.pulumi.com/registry/packages/gcp/api-docs/memorystore/instance/",
    "snapshot-settings": "https://www.pulumi.com/registry/packages/gcp/api-docs/compute/snapshotsettings/",
    "aca": "https://www.pulumi.com/registry/packages/azure-native/api-docs/app/managedenvironment/",
    "eventgrid": "https://www.pulumi.com/registry/packages/azure-native/api-docs/eventgrid/topic/",
    "xp-secret": OP_DOC["xp-secret"],
    "ecs": "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html",
}

# Cannot evaluate: the keyspace's Region list is one comma-separated string.
case("bad-keyspaces-region-list-string", MALFORMED, "DENY", BAD_DOC["keyspace"])(keyspace("eu-west-1,eu-central-1"))
# Cannot evaluate: the distributions are one object, not a list.
case("bad-imagebuilder-distributions-object", MALFORMED, "DENY", BAD_DOC["imagebuilder"], config=GDPR_STACK)(
    retouch(
        image_distribution(["eu-west-1"]),
        "aws:imagebuilder/distributionConfiguration:DistributionConfiguration",
        "ledger-golden",
        distributions={"region": "eu-central-1", "amiDistributionConfiguration": {"name": "ledger-golden"}},
    )
)
# Cannot evaluate: the secondary's primary instance is a list.
case("bad-valkey-primary-instance-list", MALFORMED, "DENY", BAD_DOC["valkey"])(
    valkey_xr("europe-west4", primary_ref=[PRIMARY_VALKEY])
)
# Cannot evaluate: the snapshot settings' policy is a list.
case("bad-snapshot-settings-policy-list", MALFORMED, "DENY", BAD_DOC["snapshot-settings"])(
    ch_snapshot(["LOCAL_REGION"])
)
# Cannot evaluate: the environment's Log Analytics configuration is a list.
case("bad-container-apps-log-config-list", MALFORMED, "DENY", BAD_DOC["aca"])(
    container_apps("westeurope", shape=lambda c: [c])
)
# Cannot evaluate: the Ireland-only topic's data residency boundary is a list.
case("bad-eventgrid-boundary-list", MALFORMED, "DENY", BAD_DOC["eventgrid"], config=IE_CONFIG)(
    eventgrid_topic(IE_TAG, ["WithinRegion"])
)
# Cannot evaluate: the Crossplane secret's replica is one object, not a list.
case("bad-crossplane-secret-replica-object", MALFORMED, "DENY", BAD_DOC["xp-secret"])(
    on_tenant(xp_secret({"region": "eu-central-1"}))
)
# Cannot evaluate: the container definitions are not JSON (cut off), so where the logs go cannot be read.
case("bad-ecs-container-definitions-truncated", MALFORMED, "DENY", BAD_DOC["ecs"])(
    task_definition(json.dumps(awslogs("eu-west-1"))[:120], "eu-west-1")
)
