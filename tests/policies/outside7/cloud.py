"""Cloud residency cases of the seventh outside corpus, written from cloud-provider documentation and the
pack's user-facing contract (docs/RULES.md, docs/SPEC.md, docs/REVIEW.md, README.md) by a helper session
that had not read the pack's rules, its residency survey, its configs or its tests. It must never be used
to tune the pack (see README.md beside it).

Cases are built with the ``Case``/``Stack`` API of ``tests/policies/corpus.py`` and the helpers of the
earlier outside corpora. A case asks only whether a correct pack denies it: ``expect="DENY"`` (some
mandatory violation) or nothing (compliant: no mandatory violation at all, so every compliant case is
complete and clean in every other respect). Each cites the page its outcome rests on; a comment above it
says why it violates or complies. None repeats a service or situation of the six earlier corpora: these
are AWS WAF logging (CloudFront and regional web ACLs), Security Hub cross-Region aggregation, AWS Config
aggregators and aggregate authorizations, ECS Exec session logging, CloudWatch metric streams, Cognito user
pools (SES identity and SNS Region, per-resource region); Google Cloud NetApp Volumes backup vaults and
volume replication, Dataproc Metastore scheduled backups and default location, Vertex AI Search (Discovery
Engine) data stores, Workflows; Azure IoT Hub (data residency, routing to storage), Health Data Services FHIR
export, Network Watcher flow logs with traffic analytics, Defender for Cloud continuous export, Azure SQL
server auditing, user-assigned identities; ACK ECR and SNS, Crossplane EFS, ElastiCache and Cognito, Config
Connector Filestore and AlloyDB, ASO container registries, Event Hubs namespaces and identities; providers
that pin accounts only by ``forbiddenAccountIds``, several Azure location assignments on one subscription
and location lists written in mixed case.

``UNKNOWN`` stands for a value the engine only learns at the update.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.policies.corpus import BR, GDPR, UNKNOWN, Stack, secret
from tests.policies.outside.corpus import (
    ACCOUNT,
    PROJECT,
    RG,
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
)
from tests.policies.outside2.corpus import on_tenant
from tests.policies.outside4.cloud import AKS_LOC, retouch
from tests.policies.outside5.cloud import XP_REF, aso_rg, kcc
from tests.policies.outside6.cloud import depend
from tests.policies.outside7.common import case

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
BR_TAG = {"fleet-residency": "br"}
BR_CONFIG = {"regimes": BR}
PARTNER = "222222222222"  # another AWS account (a managed-security provider), outside this stack
KMS = f"arn:aws:kms:eu-west-1:{ACCOUNT}:key/6e7f8091-a2b3-44c5-d6e7-f8091a2b3c4d"
SUBNETS = ["subnet-0e1f2a3b4c5d60718", "subnet-0f1a2b3c4d5e60719"]
SGS = ["sg-0e1f2a3b4c5d60718"]
VPC_NET = f"projects/{PROJECT}/global/networks/ledger-vpc"


# ============================================================================ AWS: copies
AWS_DOC = {
    "waf-logging": "https://docs.aws.amazon.com/waf/latest/developerguide/logging.html",
    "waf-cwl": "https://docs.aws.amazon.com/waf/latest/developerguide/logging-cw-logs.html",
    "securityhub-aggregation": "https://docs.aws.amazon.com/securityhub/latest/userguide/finding-aggregation.html",
    "config-aggregator": "https://docs.aws.amazon.com/config/latest/developerguide/aggregate-data.html",
    "config-authorization": "https://docs.aws.amazon.com/config/latest/developerguide/authorize-aggregator-account-console.html",
    "ecs-exec": "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html",
    "metric-streams": "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch-Metric-Streams.html",
    "metric-streams-datadog": "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch-metric-streams-setup-datalake.html",
    "cognito-email": "https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-email.html",
    "cognito-sms": "https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-sms-settings.html",
    "aws-region-input": "https://www.pulumi.com/registry/packages/aws/api-docs/cognito/userpool/",
}
ACL_ID = "a1b2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d"


def waf_logs(scope: str, acl_arn: Any = None) -> Build:
    """A GDPR stack's AWS WAF web ACL and its logging configuration: WAF writes every inspected request (client
    IP, headers, URI, query string) to the log group. For a CloudFront web ACL the ACL and its log destination
    must be in US East (N. Virginia); a regional web ACL logs in its own Region."""

    def build(s: Stack) -> None:
        region = "us-east-1" if scope == "CLOUDFRONT" else "eu-west-1"
        prov = aws(s, region)
        arn_scope = "global" if scope == "CLOUDFRONT" else "regional"
        arn = f"arn:aws:wafv2:{region}:{ACCOUNT}:{arn_scope}/webacl/statements/{ACL_ID}"
        acl = put(
            s,
            "aws:wafv2/webAcl:WebAcl",
            "statements-acl",
            prov,
            name="statements",
            scope=scope,
            defaultAction={"allow": {}},
            visibilityConfig={
                "cloudwatchMetricsEnabled": True,
                "metricName": "statements",
                "sampledRequestsEnabled": True,
            },
            known={"arn": arn, "id": ACL_ID},
        )
        deps = [acl]
        if scope == "REGIONAL":
            logs_bucket = s3_bucket(s, "ledger-alb-access-logs", "eu-west-1")
            lb_arn = f"arn:aws:elasticloadbalancing:eu-west-1:{ACCOUNT}:loadbalancer/app/statements/50dc6c495c0c9188"
            lb = put(
                s,
                "aws:lb/loadBalancer:LoadBalancer",
                "statements-alb",
                prov,
                deps=[logs_bucket],
                name="statements",
                loadBalancerType="application",
                internal=False,
                subnets=SUBNETS,
                securityGroups=SGS,
                dropInvalidHeaderFields=True,
                accessLogs={"bucket": "ledger-alb-access-logs", "prefix": "statements", "enabled": True},
                known={"arn": lb_arn},
            )
            put(
                s,
                "aws:wafv2/webAclAssociation:WebAclAssociation",
                "statements-acl-alb",
                prov,
                deps=[acl, lb],
                resourceArn=lb_arn,
                webAclArn=arn,
            )
        group = put(
            s,
            "aws:cloudwatch/logGroup:LogGroup",
            "waf-logs",
            prov,
            name="aws-waf-logs-statements",
            retentionInDays=30,
            known={"arn": f"arn:aws:logs:{region}:{ACCOUNT}:log-group:aws-waf-logs-statements"},
        )
        deps.append(group)
        put(
            s,
            "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
            "statements-acl-logging",
            prov,
            deps=deps,
            resourceArn=arn if acl_arn is None else acl_arn,
            logDestinationConfigs=[f"arn:aws:logs:{region}:{ACCOUNT}:log-group:aws-waf-logs-statements"],
            redactedFields=[{"singleHeader": {"name": "authorization"}}],
        )

    return build


# Violates: the CloudFront web ACL's request logs (client IPs, URIs of the GDPR statements) go to N. Virginia,
# where a CloudFront web ACL's log destination has to be.
case("aws-waf-logs-cloudfront-acl-us-east-1", AWS_COPIES, "DENY", AWS_DOC["waf-logging"], config=GDPR_STACK)(
    waf_logs("CLOUDFRONT")
)
# Complies: a regional web ACL on the Irish load balancer logs to a log group in Ireland.
case("aws-waf-logs-regional-acl-ie", AWS_COPIES, cite=AWS_DOC["waf-cwl"], config=GDPR_STACK)(waf_logs("REGIONAL"))


def security_hub(home: str, linked: Any, mode: str = "SPECIFIED_REGIONS") -> Build:
    """A GDPR stack's Security Hub with cross-Region aggregation: findings (resource names, IP addresses,
    principals) of the linked Regions are replicated to the home Region, where the aggregator is created."""

    def build(s: Stack) -> None:
        regions = [home, *(linked if isinstance(linked, list) else [])]
        hubs = [
            put(
                s,
                "aws:securityhub/account:Account",
                f"hub-{region}",
                aws(s, region),
                enableDefaultStandards=True,
                autoEnableControls=True,
            )
            for region in dict.fromkeys(regions)
        ]
        inputs: dict[str, Any] = {"linkingMode": mode}
        if mode != "ALL_REGIONS":
            inputs["specifiedRegions"] = linked
        put(s, "aws:securityhub/findingAggregator:FindingAggregator", "findings", aws(s, home), deps=hubs, **inputs)

    return build


# Violates: the home Region is N. Virginia: the Irish and German findings are replicated there.
case("aws-securityhub-aggregator-home-us", AWS_COPIES, "DENY", AWS_DOC["securityhub-aggregation"], config=GDPR_STACK)(
    security_hub("us-east-1", ["eu-west-1", "eu-central-1"])
)
# Complies: the home Region is Frankfurt, linking Ireland.
case("aws-securityhub-aggregator-home-de", AWS_COPIES, cite=AWS_DOC["securityhub-aggregation"], config=GDPR_STACK)(
    security_hub("eu-central-1", ["eu-west-1"])
)


def config_aggregator(home: str, **source: Any) -> Build:
    """A GDPR AWS Config aggregator: it collects the configuration items (resource names, tags, IP addresses)
    of its source accounts and Regions into its own Region."""

    def build(s: Stack) -> None:
        put(
            s,
            "aws:cfg/configurationAggregator:ConfigurationAggregator",
            "ledger-config",
            aws(s, home),
            name="ledger-config",
            accountAggregationSource={
                "accountIds": [ACCOUNT],
                **(source or {"regions": ["eu-west-1", "eu-central-1"]}),
            },
            tags=GDPR,
        )

    return build


# Violates: the aggregator is in N. Virginia; the Irish and German configuration data is copied there.
case("aws-config-aggregator-home-us", AWS_COPIES, "DENY", AWS_DOC["config-aggregator"])(config_aggregator("us-east-1"))
# Complies: the aggregator is in Frankfurt.
case("aws-config-aggregator-home-de", AWS_COPIES, cite=AWS_DOC["config-aggregator"])(config_aggregator("eu-central-1"))


def ecs_exec(bucket: str, bucket_region: str | None, kms: Any = KMS) -> Build:
    """A GDPR ECS cluster (Ireland) with ECS Exec logging OVERRIDE: the commands run in the ledger's containers
    and their output (customers' records read in a shell) are uploaded to the named S3 bucket."""

    def build(s: Stack) -> None:
        deps = [s3_bucket(s, bucket, bucket_region)] if bucket_region else []
        put(
            s,
            "aws:ecs/cluster:Cluster",
            "ledger",
            aws(s),
            deps=deps,
            name="ledger",
            settings=[{"name": "containerInsights", "value": "enabled"}],
            configuration={
                "executeCommandConfiguration": {
                    "kmsKeyId": kms,
                    "logging": "OVERRIDE",
                    "logConfiguration": {
                        "s3BucketName": bucket,
                        "s3BucketEncryptionEnabled": True,
                        "s3KeyPrefix": "exec/",
                    },
                }
            },
            tags=GDPR,
        )

    return build


# Violates: the exec session logs land in the stack's bucket in N. Virginia.
case("aws-ecs-exec-logs-bucket-us", AWS_COPIES, "DENY", AWS_DOC["ecs-exec"])(ecs_exec("ledger-exec-audit", "us-east-1"))
# Complies: the bucket is in Ireland.
case("aws-ecs-exec-logs-bucket-ie", AWS_COPIES, cite=AWS_DOC["ecs-exec"])(ecs_exec("ledger-exec-audit", "eu-west-1"))


def user_pool(
    ses_region: str = "eu-west-1",
    sns_region: Any = "eu-west-1",
    ses_account: str = ACCOUNT,
    region: str | None = None,
    external_id: Any = "ledger-cognito-sms",
) -> Build:
    """A GDPR Cognito user pool (the ledger's customers: e-mail addresses, phone numbers) on the Irish
    provider. It sends its e-mail through the SES identity its sourceArn names, which may be in another
    Region, and its SMS through Amazon SNS in ``snsRegion``."""

    def build(s: Stack) -> None:
        inputs: dict[str, Any] = {}
        if region is not None:
            inputs["region"] = region
        put(
            s,
            "aws:cognito/userPool:UserPool",
            "ledger-customers",
            aws(s),
            name="ledger-customers",
            usernameAttributes=["email"],
            autoVerifiedAttributes=["email"],
            mfaConfiguration="OPTIONAL",
            deletionProtection="ACTIVE",
            passwordPolicy={"minimumLength": 14, "requireNumbers": True, "requireSymbols": True},
            emailConfiguration={
                "emailSendingAccount": "DEVELOPER",
                "sourceArn": f"arn:aws:ses:{ses_region}:{ses_account}:identity/ledger.example.com",
                "fromEmailAddress": "no-reply@ledger.example.com",
            },
            smsConfiguration={
                "externalId": external_id,
                "snsCallerArn": f"arn:aws:iam::{ACCOUNT}:role/ledger-cognito-sms",
                "snsRegion": sns_region,
            },
            tags=GDPR,
            **inputs,
        )

    return build


# Violates: the pool sends its customers' e-mail through an SES identity in N. Virginia.
case("aws-cognito-ses-identity-us", AWS_COPIES, "DENY", AWS_DOC["cognito-email"])(user_pool(ses_region="us-east-1"))
# Complies: the SES identity is in Ireland.
case("aws-cognito-ses-identity-ie", AWS_COPIES, cite=AWS_DOC["cognito-email"])(user_pool())
# Violates: SMS codes (customers' phone numbers) go through Amazon SNS in Oregon.
case("aws-cognito-sms-sns-region-us", AWS_COPIES, "DENY", AWS_DOC["cognito-sms"])(user_pool(sns_region="us-west-2"))
# Complies: the SNS Region is Frankfurt.
case("aws-cognito-sms-sns-region-de", AWS_COPIES, cite=AWS_DOC["cognito-sms"])(user_pool(sns_region="eu-central-1"))


# ============================================================================ destinations outside
def metric_stream(destination: str) -> Build:
    """A GDPR CloudWatch metric stream (Ireland) of the ledger's metrics (namespaces, dimension values naming
    its resources and customers' tables) to a Firehose stream of the stack, which delivers them on."""

    def build(s: Stack) -> None:
        backup = s3_bucket(s, "ledger-metrics", "eu-west-1")
        role = f"arn:aws:iam::{ACCOUNT}:role/ledger-metrics-firehose"
        s3_config = {"bucketArn": "arn:aws:s3:::ledger-metrics", "roleArn": role}
        if destination == "datadog":
            target: dict[str, Any] = {
                "destination": "http_endpoint",
                "httpEndpointConfiguration": {
                    "url": "https://awsmetrics-intake.datadoghq.com/api/v2/awsmetrics?dd-protocol=aws-kinesis-firehose",
                    "name": "Datadog",
                    "accessKey": secret("0123456789abcdef0123456789abcdef"),
                    "roleArn": role,
                    "s3BackupMode": "FailedDataOnly",
                    "s3Configuration": s3_config,
                },
            }
        else:
            target = {"destination": "extended_s3", "extendedS3Configuration": {**s3_config, "prefix": "metrics/"}}
        arn = f"arn:aws:firehose:eu-west-1:{ACCOUNT}:deliverystream/ledger-metrics"
        hose = put(
            s,
            "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
            "ledger-metrics",
            aws(s),
            deps=[backup],
            name="ledger-metrics",
            known={"arn": arn},
            **target,
        )
        stream = put(
            s,
            "aws:cloudwatch/metricStream:MetricStream",
            "ledger-metrics",
            aws(s),
            deps=[hose],
            name="ledger-metrics",
            firehoseArn=arn,
            roleArn=f"arn:aws:iam::{ACCOUNT}:role/ledger-metric-stream",
            outputFormat="opentelemetry1.0",
            includeFilters=[{"namespace": "AWS/DynamoDB"}, {"namespace": "Ledger/App"}],
            tags=GDPR,
        )
        depend(s, stream, "firehoseArn", hose)

    return build


# Violates: the Firehose stream delivers the metrics to Datadog's intake, outside the cloud.
case("aws-metric-stream-firehose-datadog", OUTSIDE, "DENY", AWS_DOC["metric-streams"])(metric_stream("datadog"))
# Complies: the Firehose stream delivers them to the stack's bucket in Ireland.
case("aws-metric-stream-firehose-s3-ie", OUTSIDE, cite=AWS_DOC["metric-streams-datadog"])(metric_stream("s3"))
# Violates: the exec session logs go to the managed-security provider's bucket: not in the stack, and an S3
# bucket name carries no Region.
case("aws-ecs-exec-logs-partner-bucket", OUTSIDE, "DENY", AWS_DOC["ecs-exec"])(ecs_exec("mssp-session-logs", None))


def aggregate_authorization(region: str) -> Build:
    """A GDPR account (Ireland) authorizing the managed-security provider's AWS Config aggregator, in the
    account and Region named, to collect its configuration data."""

    def build(s: Stack) -> None:
        put(
            s,
            "aws:cfg/aggregateAuthorization:AggregateAuthorization",
            "mssp-aggregator",
            aws(s),
            accountId=PARTNER,
            authorizedAwsRegion=region,
            tags=GDPR,
        )

    return build


# Violates: the provider's aggregator that collects the Irish configuration data is in N. Virginia.
case("aws-config-authorization-partner-us", OUTSIDE, "DENY", AWS_DOC["config-authorization"])(
    aggregate_authorization("us-east-1")
)
# Complies: the provider's aggregator is in Ireland.
case("aws-config-authorization-partner-ie", OUTSIDE, cite=AWS_DOC["config-authorization"])(
    aggregate_authorization("eu-west-1")
)
# Complies: the SES identity belongs to the e-mail provider's account, but its ARN says Ireland (RULES.md reads
# an ARN that carries a Region directly).
case("aws-cognito-ses-partner-identity-ie", OUTSIDE, cite=AWS_DOC["cognito-email"])(user_pool(ses_account=PARTNER))


# ============================================================================ GCP: copies
GCP_DOC = {
    "netapp-vault": "https://cloud.google.com/netapp/volumes/docs/protect-data/create-backup-vault",
    "netapp-backups": "https://cloud.google.com/netapp/volumes/docs/protect-data/about-volume-backups",
    "netapp-replication": "https://cloud.google.com/netapp/volumes/docs/protect-data/about-volume-replication",
    "metastore-backup": "https://cloud.google.com/dataproc-metastore/docs/backup-restore",
    "metastore-location": "https://www.pulumi.com/registry/packages/gcp/api-docs/dataproc/metastoreservice/",
    "search-locations": "https://cloud.google.com/generative-ai-app-builder/docs/locations",
    "workflows": "https://www.pulumi.com/registry/packages/gcp/api-docs/workflows/workflow/",
}


def netapp_pool(s: Stack, location: str, labels: dict[str, str]) -> str:
    return put(
        s,
        "gcp:netapp/storagePool:StoragePool",
        f"ledger-pool-{location}",
        gcp(s, location),
        name="ledger-pool",
        location=location,
        serviceLevel="PREMIUM",
        capacityGib="2048",
        network=VPC_NET,
        labels=labels,
        known={"id": f"projects/{PROJECT}/locations/{location}/storagePools/ledger-pool"},
    )


def netapp_backups(
    location: str, backup_region: str | None, labels: dict[str, str] = GDPR, pool: Any = "ledger-pool", **vault: Any
) -> Build:
    """A NetApp Volumes share and the backup vault its scheduled backups go to: "Cross-region" vaults store
    the backups in the destination region, "In-region" ones beside the volume."""

    def build(s: Stack) -> None:
        prov = gcp(s, location)
        pool_urn = netapp_pool(s, location, labels)
        vault_id = f"projects/{PROJECT}/locations/{location}/backupVaults/ledger-vault"
        inputs: dict[str, Any] = {**vault}
        if backup_region is not None:
            inputs.update(backupVaultType="CROSS_REGION", backupRegion=backup_region)
        vault_urn = put(
            s,
            "gcp:netapp/backupVault:BackupVault",
            "ledger-vault",
            prov,
            name="ledger-vault",
            location=location,
            labels=labels,
            known={"id": vault_id},
            **inputs,
        )
        policy_id = f"projects/{PROJECT}/locations/{location}/backupPolicies/ledger-nightly"
        policy = put(
            s,
            "gcp:netapp/backupPolicy:BackupPolicy",
            "ledger-nightly",
            prov,
            name="ledger-nightly",
            location=location,
            dailyBackupLimit=7,
            weeklyBackupLimit=4,
            monthlyBackupLimit=6,
            enabled=True,
            labels=labels,
            known={"id": policy_id},
        )
        put(
            s,
            "gcp:netapp/volume:Volume",
            "ledger-share",
            prov,
            deps=[pool_urn, vault_urn, policy],
            name="ledger-share",
            location=location,
            capacityGib="1024",
            shareName="ledger-share",
            storagePool=pool,
            protocols=["NFSV3"],
            backupConfig={"backupVault": vault_id, "backupPolicies": [policy_id], "scheduledBackupEnabled": True},
            labels=labels,
        )

    return build


# Violates: the Frankfurt share's backups are stored in Virginia (us-east4).
case("gcp-netapp-backup-vault-cross-region-us", GCP_COPIES, "DENY", GCP_DOC["netapp-vault"])(
    netapp_backups("europe-west3", "us-east4")
)
# Complies: they are stored in the Netherlands.
case("gcp-netapp-backup-vault-cross-region-nl", GCP_COPIES, cite=GCP_DOC["netapp-vault"])(
    netapp_backups("europe-west3", "europe-west4")
)
# Violates: a Switzerland-only share in Zurich whose backups are stored in Frankfurt.
case("gcp-netapp-backup-vault-ch-to-frankfurt", GCP_COPIES, "DENY", GCP_DOC["netapp-vault"])(
    netapp_backups("europe-west6", "europe-west3", CH)
)
# Complies: the Swiss share's vault is in-region (named explicitly): its backups stay in Zurich.
case("gcp-netapp-backup-vault-ch-in-region", GCP_COPIES, cite=GCP_DOC["netapp-vault"])(
    netapp_backups("europe-west6", None, CH, backupVaultType="IN_REGION")
)


def netapp_replication(destination: str) -> Build:
    """A GDPR share in Frankfurt replicated every ten minutes to a destination volume in the storage pool the
    replication names (the pool's path gives its region)."""

    def build(s: Stack) -> None:
        prov = gcp(s)
        pool = netapp_pool(s, "europe-west3", GDPR)
        dest_pool = netapp_pool(s, destination, GDPR)
        volume = put(
            s,
            "gcp:netapp/volume:Volume",
            "ledger-share",
            prov,
            deps=[pool],
            name="ledger-share",
            location="europe-west3",
            capacityGib="1024",
            shareName="ledger-share",
            storagePool="ledger-pool",
            protocols=["NFSV3"],
            labels=GDPR,
        )
        put(
            s,
            "gcp:netapp/volumeReplication:VolumeReplication",
            "ledger-share-dr",
            prov,
            deps=[volume, dest_pool],
            name="ledger-share-dr",
            location="europe-west3",
            volumeName="ledger-share",
            replicationSchedule="EVERY_10_MINUTES",
            destinationVolumeParameters={
                "storagePool": f"projects/{PROJECT}/locations/{destination}/storagePools/ledger-pool",
                "volumeId": "ledger-share-dr",
                "shareName": "ledger-share-dr",
            },
            labels=GDPR,
        )

    return build


# Violates: the replica volume is in a pool in Iowa.
case("gcp-netapp-replication-us", GCP_COPIES, "DENY", GCP_DOC["netapp-replication"])(netapp_replication("us-central1"))
# Complies: the replica is in a pool in the Netherlands.
case("gcp-netapp-replication-nl", GCP_COPIES, cite=GCP_DOC["netapp-replication"])(netapp_replication("europe-west4"))


def metastore(
    backup_bucket: str | None, bucket_location: str | None, location: Any = "europe-west3", **backup: Any
) -> Build:
    """A GDPR Dataproc Metastore service (the ledger lake's table metadata: schemas, partitions, paths); with
    a scheduled backup, its metadata is exported to the Cloud Storage folder backupLocation names."""

    def build(s: Stack) -> None:
        deps = [gcs_bucket(s, backup_bucket, bucket_location)] if backup_bucket and bucket_location else []
        inputs: dict[str, Any] = {}
        if location is not None:
            inputs["location"] = location
        if backup_bucket is not None:
            inputs["scheduledBackup"] = {
                "enabled": True,
                "cronSchedule": "0 2 * * *",
                "timeZone": "Europe/Berlin",
                "backupLocation": f"gs://{backup_bucket}/metastore",
                **backup,
            }
        put(
            s,
            "gcp:dataproc/metastoreService:MetastoreService",
            "ledger-lake",
            gcp(s),
            deps=deps,
            serviceId="ledger-lake",
            tier="DEVELOPER",
            port=9080,
            network=VPC_NET,
            hiveMetastoreConfig={"version": "3.1.2"},
            labels=GDPR,
            **inputs,
        )

    return build


# Violates: the metadata backups go to the stack's bucket in the US multi-region.
case("gcp-metastore-backup-bucket-us", GCP_COPIES, "DENY", GCP_DOC["metastore-backup"])(
    metastore("ledger-metastore-backups", "US")
)
# Complies: the backup bucket is in Frankfurt.
case("gcp-metastore-backup-bucket-de", GCP_COPIES, cite=GCP_DOC["metastore-backup"])(
    metastore("ledger-metastore-backups", "EUROPE-WEST3")
)


def search_store(location: Any, kms: Any = None) -> Build:
    """A GDPR Vertex AI Search (Discovery Engine) data store of the ledger's support documents and the search
    app over it; "global", "us" and "eu" are the only locations, and only the multi-regions keep data at rest
    in one jurisdiction."""

    def build(s: Stack) -> None:
        extra = {"kmsKeyName": kms} if kms is not None else {}
        store = put(
            s,
            "gcp:discoveryengine/dataStore:DataStore",
            "support-docs",
            gcp(s),
            dataStoreId="support-docs",
            displayName="Support documents",
            location=location,
            industryVertical="GENERIC",
            contentConfig="CONTENT_REQUIRED",
            solutionTypes=["SOLUTION_TYPE_SEARCH"],
            **extra,
        )
        put(
            s,
            "gcp:discoveryengine/searchEngine:SearchEngine",
            "support-search",
            gcp(s),
            deps=[store],
            engineId="support-search",
            collectionId="default_collection",
            location=location,
            displayName="Support search",
            dataStoreIds=["support-docs"],
            industryVertical="GENERIC",
            searchEngineConfig={"searchTier": "SEARCH_TIER_STANDARD"},
        )

    return build


# Violates: the data store is "global": Google may keep the documents anywhere.
case("gcp-search-datastore-global", GCP_COPIES, "DENY", GCP_DOC["search-locations"], config=GDPR_STACK)(
    search_store("global")
)
# Complies: the data store and the app are in the EU multi-region.
case("gcp-search-datastore-eu", GCP_COPIES, cite=GCP_DOC["search-locations"], config=GDPR_STACK)(search_store("eu"))


# ============================================================================ Azure: copies
AZ_DOC = {
    "iothub-dr": "https://learn.microsoft.com/en-us/azure/iot-hub/iot-hub-ha-dr",
    "iothub-routing": "https://learn.microsoft.com/en-us/azure/iot-hub/iot-hub-devguide-messages-d2c",
    "fhir-export": "https://learn.microsoft.com/en-us/azure/healthcare-apis/fhir/configure-export-data",
    "traffic-analytics": "https://learn.microsoft.com/en-us/azure/network-watcher/traffic-analytics",
    "defender-export": "https://learn.microsoft.com/en-us/azure/defender-for-cloud/continuous-export",
    "sql-auditing": "https://learn.microsoft.com/en-us/azure/azure-sql/database/auditing-setup",
    "mi-regions": "https://learn.microsoft.com/en-us/entra/identity/managed-identities-azure-resources/managed-identities-faq",
}


def account(s: Stack, name: str, location: str, tags: dict[str, str] | None = GDPR) -> str:
    urn = az(
        s,
        "azure-native:storage:StorageAccount",
        name,
        location,
        tags,
        f"Microsoft.Storage/storageAccounts/{name}",
        accountName=name,
        kind="StorageV2",
        sku={"name": "Standard_LRS"},
        minimumTlsVersion="TLS1_2",
        allowBlobPublicAccess=False,
    )
    res = _find(s, urn)
    res.outputs = {
        **res.outputs,
        "primaryLocation": location,
        "primaryEndpoints": {"blob": f"https://{name}.blob.core.windows.net/"},
    }
    return urn


def iot_hub(location: str, tags: dict[str, str], residency: bool | None, capacity: Any = 1, **properties: Any) -> Build:
    """An IoT hub (device telemetry and the device registry). IoT Hub fails over to the paired region
    (Microsoft-initiated) unless enableDataResidency turns disaster recovery off; Brazil South is paired with
    South Central US."""

    def build(s: Stack) -> None:
        props: dict[str, Any] = {"minTlsVersion": "1.2", "disableLocalAuth": True, "publicNetworkAccess": "Disabled"}
        if residency is not None:
            props["enableDataResidency"] = residency
        props.update(properties)
        az(
            s,
            "azure-native:iothub:IotHubResource",
            "meters",
            location,
            tags,
            "Microsoft.Devices/IotHubs/ledger-meters",
            resourceName="ledger-meters",
            sku={"name": "S1", "capacity": capacity},
            properties=props,
        )

    return build


def hub_routing(account_location: str) -> Build:
    """A GDPR IoT hub in West Europe (data residency on) routing the meters' messages to a blob container of a
    storage account of the stack, named by its endpoint URI (identity-based)."""

    def build(s: Stack) -> None:
        acct = account(s, "ledgertelemetry", account_location)
        routing = {
            "endpoints": {
                "storageContainers": [
                    {
                        "name": "archive",
                        "endpointUri": "https://ledgertelemetry.blob.core.windows.net/",
                        "containerName": "meters",
                        "authenticationType": "identityBased",
                        "encoding": "avro",
                        "batchFrequencyInSeconds": 300,
                        "fileNameFormat": "{iothub}/{partition}/{YYYY}/{MM}/{DD}/{HH}/{mm}",
                    }
                ]
            },
            "routes": [
                {"name": "to-archive", "source": "DeviceMessages", "endpointNames": ["archive"], "isEnabled": True}
            ],
        }
        iot_hub("westeurope", GDPR, True, routing=routing)(s)
        _find(s, s.urn("azure-native:iothub:IotHubResource", "meters")).dependencies = [acct]

    return build


# Violates: the hub archives the meters' messages to a storage account in East US.
case("az-iothub-route-storage-us", AZURE_COPIES, "DENY", AZ_DOC["iothub-routing"])(hub_routing("eastus"))
# Complies: the storage account is in West Europe.
case("az-iothub-route-storage-nl", AZURE_COPIES, cite=AZ_DOC["iothub-routing"])(hub_routing("westeurope"))


def fhir(export_account: str, account_location: str | None, authority: Any = None) -> Build:
    """A GDPR Health Data Services workspace and FHIR service (West Europe) whose $export writes patient
    resources to the storage account exportConfiguration names (by name)."""

    def build(s: Stack) -> None:
        deps = [account(s, export_account, account_location)] if account_location else []
        ws = az(
            s,
            "azure-native:healthcareapis:Workspace",
            "ledger-health",
            "westeurope",
            GDPR,
            "Microsoft.HealthcareApis/workspaces/ledgerhealth",
            workspaceName="ledgerhealth",
        )
        tenant = "0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5"
        az(
            s,
            "azure-native:healthcareapis:FhirService",
            "ledger-fhir",
            "westeurope",
            GDPR,
            "Microsoft.HealthcareApis/workspaces/ledgerhealth/fhirservices/patients",
            workspaceName="ledgerhealth",
            fhirServiceName="patients",
            kind="fhir-R4",
            identity={"type": "SystemAssigned"},
            authenticationConfiguration={
                "authority": authority or f"https://login.microsoftonline.com/{tenant}",
                "audience": "https://ledgerhealth-patients.fhir.azurehealthcareapis.com",
                "smartProxyEnabled": False,
            },
            exportConfiguration={"storageAccountName": export_account},
        )
        _find(s, s.urn("azure-native:healthcareapis:FhirService", "ledger-fhir")).dependencies = [ws, *deps]

    return build


# Violates: bulk exports of patient data go to the stack's storage account in East US.
case("az-fhir-export-account-us", AZURE_COPIES, "DENY", AZ_DOC["fhir-export"])(fhir("ledgerfhirexport", "eastus"))
# Complies: the export account is in West Europe.
case("az-fhir-export-account-nl", AZURE_COPIES, cite=AZ_DOC["fhir-export"])(fhir("ledgerfhirexport", "westeurope"))

LAW_CUSTOMER = "8a9b0c1d-2e3f-4a5b-9c6d-7e8f9a0b1c2d"


def flow_logs(workspace_location: str, target: Any = None) -> Build:
    """A GDPR stack's virtual network flow log (West Europe, stored in a storage account beside the network)
    with traffic analytics, which processes the flows (source and destination IPs, ports) into the Log
    Analytics workspace it names; the workspace may be in another region."""

    def build(s: Stack) -> None:
        acct = account(s, "ledgerflowlogs", "westeurope", None)
        law = az(
            s,
            "azure-native:operationalinsights:Workspace",
            "network-analytics",
            workspace_location,
            None,
            "Microsoft.OperationalInsights/workspaces/network-analytics",
            workspaceName="network-analytics",
            sku={"name": "PerGB2018"},
            retentionInDays=90,
        )
        _find(s, law).outputs = {**_find(s, law).outputs, "customerId": LAW_CUSTOMER}
        put(
            s,
            "azure-native:network:FlowLog",
            "ledger-vnet-flows",
            azure(s),
            deps=[acct, law],
            resourceGroupName="NetworkWatcherRG",
            networkWatcherName="NetworkWatcher_westeurope",
            flowLogName="ledger-vnet-flows",
            location="westeurope",
            targetResourceId=target
            or f"/subscriptions/{SUB}/resourceGroups/ledger/providers/Microsoft.Network/virtualNetworks/ledger",
            storageId=f"{RG}/Microsoft.Storage/storageAccounts/ledgerflowlogs",
            enabled=True,
            format={"type": "JSON", "version": 2},
            retentionPolicy={"days": 90, "enabled": True},
            flowAnalyticsConfiguration={
                "networkWatcherFlowAnalyticsConfiguration": {
                    "enabled": True,
                    "workspaceId": LAW_CUSTOMER,
                    "workspaceRegion": workspace_location,
                    "workspaceResourceId": f"{RG}/Microsoft.OperationalInsights/workspaces/network-analytics",
                    "trafficAnalyticsInterval": 10,
                }
            },
        )

    return build


# Violates: traffic analytics writes the flows to a workspace in East US.
case("az-flowlog-traffic-analytics-us", AZURE_COPIES, "DENY", AZ_DOC["traffic-analytics"], config=GDPR_STACK)(
    flow_logs("eastus")
)
# Complies: the workspace is in West Europe.
case("az-flowlog-traffic-analytics-nl", AZURE_COPIES, cite=AZ_DOC["traffic-analytics"], config=GDPR_STACK)(
    flow_logs("westeurope")
)


def defender_export(action: dict[str, Any], make: Callable[[Stack], list[str]], scope: Any = None) -> Build:
    """A GDPR stack's Defender for Cloud continuous export (West Europe): every security alert and
    recommendation (resource names, IP addresses, user names) is exported to the action's destination."""

    def build(s: Stack) -> None:
        deps = make(s)
        put(
            s,
            "azure-native:security:Automation",
            "defender-export",
            azure(s),
            deps=deps,
            resourceGroupName="ledger",
            automationName="ExportToWorkspace",
            location="westeurope",
            isEnabled=True,
            scopes=[{"description": "ledger subscription", "scopePath": scope or f"/subscriptions/{SUB}"}],
            sources=[{"eventSource": "Alerts"}, {"eventSource": "Assessments"}],
            actions=[action],
        )

    return build


def security_workspace(location: str) -> Callable[[Stack], list[str]]:
    def make(s: Stack) -> list[str]:
        return [
            az(
                s,
                "azure-native:operationalinsights:Workspace",
                "security-logs",
                location,
                None,
                "Microsoft.OperationalInsights/workspaces/security-logs",
                workspaceName="security-logs",
                sku={"name": "PerGB2018"},
                retentionInDays=365,
            )
        ]

    return make


TO_WORKSPACE = {
    "actionType": "Workspace",
    "workspaceResourceId": f"{RG}/Microsoft.OperationalInsights/workspaces/security-logs",
}
# Violates: the alerts are exported to a workspace in East US.
case("az-defender-export-workspace-us", AZURE_COPIES, "DENY", AZ_DOC["defender-export"], config=GDPR_STACK)(
    defender_export(TO_WORKSPACE, security_workspace("eastus"))
)
# Complies: the workspace is in West Europe.
case("az-defender-export-workspace-nl", AZURE_COPIES, cite=AZ_DOC["defender-export"], config=GDPR_STACK)(
    defender_export(TO_WORKSPACE, security_workspace("westeurope"))
)


def sql_auditing(account_location: str) -> Build:
    """A GDPR Azure SQL logical server (West Europe) whose auditing writes every query and login (statements
    with customers' data) to the blob endpoint of a storage account of the stack."""

    def build(s: Stack) -> None:
        acct = account(s, "ledgersqlaudit", account_location)
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
            administrators={
                "administratorType": "ActiveDirectory",
                "azureADOnlyAuthentication": True,
                "login": "ledger-dbas",
                "sid": "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9",
                "principalType": "Group",
            },
        )
        put(
            s,
            "azure-native:sql:ExtendedServerBlobAuditingPolicy",
            "ledger-sql-auditing",
            azure(s),
            deps=[server, acct],
            resourceGroupName="ledger",
            serverName="ledger-sql",
            blobAuditingPolicyName="default",
            state="Enabled",
            storageEndpoint="https://ledgersqlaudit.blob.core.windows.net/",
            isManagedIdentityInUse=True,
            retentionDays=90,
            auditActionsAndGroups=["BATCH_COMPLETED_GROUP", "SUCCESSFUL_DATABASE_AUTHENTICATION_GROUP"],
        )

    return build


# Violates: the audit records go to a storage account in East US.
case("az-sql-auditing-storage-us", AZURE_COPIES, "DENY", AZ_DOC["sql-auditing"])(sql_auditing("eastus"))
# Complies: the audit storage account is in West Europe.
case("az-sql-auditing-storage-nl", AZURE_COPIES, cite=AZ_DOC["sql-auditing"])(sql_auditing("westeurope"))

# ---------------------------------------------------------------------------- Azure and GCP: outside
PARTNER_HUB = (
    "/subscriptions/4b5c6d7e-8f90-4a1b-9c2d-3e4f5a6b7c8d/resourceGroups/soc/providers/"
    "Microsoft.EventHub/namespaces/soc-intake/eventhubs/defender"
)


def own_event_hub(location: str) -> Callable[[Stack], list[str]]:
    def make(s: Stack) -> list[str]:
        ns = az(
            s,
            "azure-native:eventhub:Namespace",
            "ledger-security",
            location,
            None,
            "Microsoft.EventHub/namespaces/ledger-security",
            namespaceName="ledger-security",
            sku={"name": "Standard", "tier": "Standard"},
            minimumTlsVersion="1.2",
            disableLocalAuth=False,
        )
        hub = put(
            s,
            "azure-native:eventhub:EventHub",
            "defender",
            azure(s, location),
            deps=[ns],
            resourceGroupName="ledger",
            namespaceName="ledger-security",
            eventHubName="defender",
            partitionCount=2,
            messageRetentionInDays=1,
            known={"id": f"{RG}/Microsoft.EventHub/namespaces/ledger-security/eventhubs/defender"},
        )
        return [ns, hub]

    return make


def to_hub(hub_id: str) -> dict[str, Any]:
    return {
        "actionType": "EventHub",
        "eventHubResourceId": hub_id,
        "connectionString": secret(
            "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=k"
        ),
    }


# Violates: the alerts are exported to the security provider's event hub, in a subscription outside the
# stack; an ARM ID carries no region.
case("az-defender-export-partner-event-hub", OUTSIDE, "DENY", AZ_DOC["defender-export"], config=GDPR_STACK)(
    defender_export(to_hub(PARTNER_HUB), lambda s: [])
)
# Complies: they are exported to the stack's own event hub in North Europe.
case("az-defender-export-own-event-hub-ie", OUTSIDE, cite=AZ_DOC["defender-export"], config=GDPR_STACK)(
    defender_export(
        to_hub(f"{RG}/Microsoft.EventHub/namespaces/ledger-security/eventhubs/defender"), own_event_hub("northeurope")
    )
)
# Violates: the FHIR export account is named only: no storage account of that name is in the stack.
case("az-fhir-export-unknown-account", OUTSIDE, "DENY", AZ_DOC["fhir-export"])(fhir("researchpartnerdrop", None))
# Violates: the metastore's backups go to a partner's bucket that is not in the stack: no location to judge.
case("gcp-metastore-backup-partner-bucket", OUTSIDE, "DENY", GCP_DOC["metastore-backup"])(
    metastore("lakehouse-partner-dr", None)
)


# ============================================================================ defaults when unset
DEF_DOC = {
    "metastore-location": GCP_DOC["metastore-location"],
    "iothub-dr": AZ_DOC["iothub-dr"],
    "pairs": "https://learn.microsoft.com/en-us/azure/reliability/cross-region-replication-azure",
    "aws-provider-region": "https://www.pulumi.com/registry/packages/aws/installation-configuration/",
    "workflows": GCP_DOC["workflows"],
    "netapp-vault": GCP_DOC["netapp-vault"],
    "mi": AZ_DOC["mi-regions"],
}

# Violates: a metastore service without a location is created in "global" (the provider's default), which
# satisfies no country.
case("gcp-metastore-no-location-global", DEFAULTS, "DENY", DEF_DOC["metastore-location"])(metastore(None, None, None))
# Complies: the same service located in Frankfurt, without backups.
case("gcp-metastore-located-de", DEFAULTS, cite=DEF_DOC["metastore-location"])(metastore(None, None))
# Violates: a Brazil-only hub in Brazil South keeps disaster recovery on by default: it can fail over to
# South Central US.
case("az-iothub-brazil-dr-default", DEFAULTS, "DENY", DEF_DOC["iothub-dr"], config=BR_CONFIG)(
    iot_hub("brazilsouth", BR_TAG, None)
)
# Complies: enableDataResidency disables disaster recovery: the hub stays in Brazil.
case("az-iothub-brazil-data-residency", DEFAULTS, cite=DEF_DOC["iothub-dr"], config=BR_CONFIG)(
    iot_hub("brazilsouth", BR_TAG, True)
)
# Complies: a GDPR hub in West Europe with the default disaster recovery fails over to North Europe, in the EEA.
case("az-iothub-westeurope-dr-default-gdpr", DEFAULTS, cite=DEF_DOC["pairs"])(iot_hub("westeurope", GDPR, None))
# Complies: the user pool names no region of its own: it is created in its provider's Region, Ireland.
case("aws-cognito-pool-provider-region", DEFAULTS, cite=DEF_DOC["aws-provider-region"])(user_pool())
# Violates: the pool's own region input (pulumi-aws v7) puts it in N. Virginia, whatever the provider says.
case("aws-cognito-pool-region-override-us", DEFAULTS, "DENY", AWS_DOC["aws-region-input"])(
    user_pool(region="us-east-1")
)


def workflow(s: Stack) -> None:
    """A GDPR workflow without a region: it is created in its provider's region (Frankfurt)."""
    put(
        s,
        "gcp:workflows/workflow:Workflow",
        "ledger-close",
        gcp(s),
        name="ledger-close",
        description="Nightly ledger close",
        serviceAccount=f"projects/{PROJECT}/serviceAccounts/ledger-close@{PROJECT}.iam.gserviceaccount.com",
        callLogLevel="LOG_ERRORS_ONLY",
        sourceContents="main:\n  steps:\n    - done:\n        return: ok\n",
        labels=GDPR,
        deletionProtection=True,
    )


# Complies: the workflow takes its provider's region, Frankfurt.
case("gcp-workflow-provider-region", DEFAULTS, cite=DEF_DOC["workflows"])(workflow)
# Complies: a backup vault without a type is IN_REGION: the Frankfurt backups stay in Frankfurt.
case("gcp-netapp-backup-vault-default-in-region", DEFAULTS, cite=DEF_DOC["netapp-vault"])(
    netapp_backups("europe-west3", None)
)


def identity(s: Stack) -> None:
    az(
        s,
        "azure-native:managedidentity:UserAssignedIdentity",
        "ledger-deployer",
        "eastus",
        None,
        "Microsoft.ManagedIdentity/userAssignedIdentities/ledger-deployer",
        resourceName="ledger-deployer",
    )


# Complies: a user-assigned identity keeps no customer data; RULES.md does not judge identity types by region.
case("az-managed-identity-eastus-gdpr", DEFAULTS, cite=DEF_DOC["mi"], config=GDPR_STACK)(identity)


# ============================================================================ Kubernetes operators
OP_DOC = {
    "ack-ecr": "https://aws-controllers-k8s.github.io/community/reference/ecr/v1alpha1/repository/",
    "ack-sns": "https://aws-controllers-k8s.github.io/community/reference/sns/v1alpha1/topic/",
    "ack-region": "https://aws-controllers-k8s.github.io/community/docs/user-docs/multi-region-resource-management/",
    "xp-efs": "https://marketplace.upbound.io/providers/upbound/provider-aws-efs/latest/resources/efs.aws.upbound.io/FileSystem/v1beta1",
    "xp-elasticache": "https://marketplace.upbound.io/providers/upbound/provider-aws-elasticache/latest/resources/elasticache.aws.upbound.io/ReplicationGroup/v1beta1",
    "xp-cognito": "https://marketplace.upbound.io/providers/upbound/provider-aws-cognitoidp/latest/resources/cognitoidp.aws.upbound.io/UserPool/v1beta1",
    "kcc-filestore": "https://cloud.google.com/config-connector/docs/reference/resource-docs/filestore/filestoreinstance",
    "kcc-alloydb": "https://cloud.google.com/config-connector/docs/reference/resource-docs/alloydb/alloydbcluster",
    "aso-acr": "https://azure.github.io/azure-service-operator/reference/containerregistry/v1api20210901/",
    "aso-eventhub": "https://azure.github.io/azure-service-operator/reference/eventhub/v1api20211101/",
    "aso-identity": "https://azure.github.io/azure-service-operator/reference/managedidentity/v1api20230131/",
}


def ack_repository(region: str, name: Any = "acme/api") -> Obj:
    return custom_resource(
        "ecr.services.k8s.aws/v1alpha1",
        "Repository",
        "acme-api",
        "acme",
        {
            "name": name,
            "imageTagMutability": "IMMUTABLE",
            "imageScanningConfiguration": {"scanOnPush": True},
            "encryptionConfiguration": {"encryptionType": "KMS"},
        },
        annotations={"services.k8s.aws/region": region},
    )


# Violates: the GDPR tenant's ACK image repository (its images, with baked configuration) is in N. Virginia.
case("op-ack-ecr-repository-us", OPERATORS, "DENY", OP_DOC["ack-region"])(on_tenant(ack_repository("us-east-1")))
# Complies: it is created in Ireland.
case("op-ack-ecr-repository-ie", OPERATORS, cite=OP_DOC["ack-ecr"])(on_tenant(ack_repository("eu-west-1")))


def ack_topic(region: str) -> Obj:
    return custom_resource(
        "sns.services.k8s.aws/v1alpha1",
        "Topic",
        "acme-invoices",
        "acme",
        {"name": "acme-invoices", "kmsMasterKeyID": "alias/aws/sns"},
        annotations={"services.k8s.aws/region": region},
    )


# Violates: the tenant's SNS topic (invoice events) is created in Oregon.
case("op-ack-sns-topic-us", OPERATORS, "DENY", OP_DOC["ack-region"])(on_tenant(ack_topic("us-west-2")))
# Complies: it is created in Frankfurt.
case("op-ack-sns-topic-de", OPERATORS, cite=OP_DOC["ack-sns"])(on_tenant(ack_topic("eu-central-1")))


def xp_efs(region: str) -> Obj:
    return custom_resource(
        "efs.aws.upbound.io/v1beta1",
        "FileSystem",
        "acme-shared",
        None,
        {
            "forProvider": {
                "region": region,
                "encrypted": True,
                "performanceMode": "generalPurpose",
                "tags": {"fleet-residency": "gdpr", "fleet-tenant": "acme"},
            },
            **XP_REF,
        },
        labels={"fleet-tenant": "acme"},
    )


# Violates: the tenant's Crossplane EFS file system is in Singapore (its spec's tag says gdpr).
case("op-crossplane-efs-singapore", OPERATORS, "DENY", OP_DOC["xp-efs"])(on_tenant(xp_efs("ap-southeast-1")))
# Complies: it is in Stockholm.
case("op-crossplane-efs-se", OPERATORS, cite=OP_DOC["xp-efs"])(on_tenant(xp_efs("eu-north-1")))


def xp_cache(region: str) -> Obj:
    return custom_resource(
        "elasticache.aws.upbound.io/v1beta1",
        "ReplicationGroup",
        "acme-sessions",
        None,
        {
            "forProvider": {
                "region": region,
                "description": "acme sessions",
                "engine": "valkey",
                "nodeType": "cache.t4g.small",
                "numCacheClusters": 2,
                "atRestEncryptionEnabled": True,
                "transitEncryptionEnabled": True,
            },
            **XP_REF,
        },
        labels={"fleet-residency": "gdpr", "fleet-tenant": "acme"},
    )


# Violates: the tenant's sessions cache (Crossplane) is in Ohio.
case("op-crossplane-elasticache-us", OPERATORS, "DENY", OP_DOC["xp-elasticache"])(on_tenant(xp_cache("us-east-2")))
# Complies: it is in Paris.
case("op-crossplane-elasticache-fr", OPERATORS, cite=OP_DOC["xp-elasticache"])(on_tenant(xp_cache("eu-west-3")))


def xp_user_pool(region: str) -> Obj:
    return custom_resource(
        "cognitoidp.aws.upbound.io/v1beta1",
        "UserPool",
        "acme-customers",
        None,
        {
            "forProvider": {
                "region": region,
                "name": "acme-customers",
                "usernameAttributes": ["email"],
                "mfaConfiguration": "OPTIONAL",
            },
            **XP_REF,
        },
        labels={"fleet-residency": "gdpr", "fleet-tenant": "acme"},
    )


# Violates: the tenant's customer directory (Cognito user pool) is in N. Virginia.
case("op-crossplane-cognito-pool-us", OPERATORS, "DENY", OP_DOC["xp-cognito"])(on_tenant(xp_user_pool("us-east-1")))
# Complies: it is in Ireland.
case("op-crossplane-cognito-pool-ie", OPERATORS, cite=OP_DOC["xp-cognito"])(on_tenant(xp_user_pool("eu-west-1")))


def kcc_filestore(zone: str) -> Obj:
    return kcc(
        "FilestoreInstance",
        "filestore",
        "acme-share",
        {
            "location": zone,
            "tier": "BASIC_HDD",
            "fileShares": [{"name": "share", "capacityGb": 1024}],
            "networks": [{"network": "acme-vpc", "modes": ["MODE_IPV4"]}],
        },
    )


# Violates: the tenant's Filestore share is in zone us-central1-a (Iowa).
case("op-kcc-filestore-us", OPERATORS, "DENY", OP_DOC["kcc-filestore"])(
    on_tenant(kcc_filestore("us-central1-a"), cloud="gcp")
)
# Complies: it is in zone europe-west3-a (Frankfurt).
case("op-kcc-filestore-de", OPERATORS, cite=OP_DOC["kcc-filestore"])(
    on_tenant(kcc_filestore("europe-west3-a"), cloud="gcp")
)


def kcc_alloydb(location: str) -> Obj:
    return kcc(
        "AlloyDBCluster",
        "alloydb",
        "acme-db",
        {
            "location": location,
            "networkConfig": {"networkRef": {"name": "acme-vpc"}},
            "automatedBackupPolicy": {"enabled": True, "weeklySchedule": {"daysOfWeek": ["MONDAY"]}},
        },
    )


# Violates: the tenant's AlloyDB cluster is in South Carolina.
case("op-kcc-alloydb-us", OPERATORS, "DENY", OP_DOC["kcc-alloydb"])(on_tenant(kcc_alloydb("us-east1"), cloud="gcp"))
# Complies: it is in Frankfurt.
case("op-kcc-alloydb-de", OPERATORS, cite=OP_DOC["kcc-alloydb"])(on_tenant(kcc_alloydb("europe-west3"), cloud="gcp"))


def aso_registry(location: str) -> Obj:
    return custom_resource(
        "containerregistry.azure.com/v1api20210901",
        "Registry",
        "acmeimages",
        "acme",
        {
            "location": location,
            "owner": {"name": "acme-rg"},
            "sku": {"name": "Premium"},
            "adminUserEnabled": False,
            "publicNetworkAccess": "Disabled",
        },
    )


# Violates: the tenant's container registry (ASO) is in East US.
case("op-aso-registry-us", OPERATORS, "DENY", OP_DOC["aso-acr"])(
    on_tenant(aso_rg("acme-rg", "westeurope"), aso_registry("eastus"), cloud="azure-native")
)
# Complies: it is in West Europe.
case("op-aso-registry-nl", OPERATORS, cite=OP_DOC["aso-acr"])(
    on_tenant(aso_rg("acme-rg", "westeurope"), aso_registry("westeurope"), cloud="azure-native")
)


def aso_eventhub(location: str) -> Obj:
    return custom_resource(
        "eventhub.azure.com/v1api20211101",
        "Namespace",
        "acme-events",
        "acme",
        {"location": location, "owner": {"name": "acme-rg"}, "sku": {"name": "Standard", "tier": "Standard"}},
    )


# Violates: the tenant's Event Hubs namespace is in UK South, outside the EEA.
case("op-aso-eventhub-uk", OPERATORS, "DENY", OP_DOC["aso-eventhub"])(
    on_tenant(aso_rg("acme-rg", "westeurope"), aso_eventhub("uksouth"), cloud="azure-native")
)
# Complies: it is in Sweden Central.
case("op-aso-eventhub-se", OPERATORS, cite=OP_DOC["aso-eventhub"])(
    on_tenant(aso_rg("acme-rg", "westeurope"), aso_eventhub("swedencentral"), cloud="azure-native")
)
ASO_IDENTITY = custom_resource(
    "managedidentity.azure.com/v1api20230131",
    "UserAssignedIdentity",
    "acme-workload",
    "acme",
    {"location": "eastus", "owner": {"name": "acme-rg"}},
)
# Complies: an ASO user-assigned identity holds no data; RULES.md does not judge identity objects by location.
case("op-aso-identity-eastus", OPERATORS, cite=OP_DOC["aso-identity"])(
    on_tenant(aso_rg("acme-rg", "westeurope"), ASO_IDENTITY, cloud="azure-native")
)


# ============================================================================ cloud guardrails
GRD_DOC = {
    "aws-provider": "https://www.pulumi.com/registry/packages/aws/api-docs/provider/",
    "az-assignments": "https://learn.microsoft.com/en-us/azure/governance/policy/concepts/effect-deny",
    "az-conditions": "https://learn.microsoft.com/en-us/azure/governance/policy/concepts/definition-structure-policy-rule#conditions",
}
# Violates: the cluster's provider forbids another account instead of allowing exactly one: its account is
# not pinned.
case("grd-aws-forbidden-accounts-only", GUARDRAILS, "DENY", GRD_DOC["aws-provider"])(
    retouch(
        eks_guarded(), "pulumi:providers:aws", "eu1-aws", drop=("allowedAccountIds",), forbiddenAccountIds=[PARTNER]
    )
)


def locations(values: list[str]) -> dict[str, Any]:
    return {"listOfAllowedLocations": {"value": values}}


def second_assignment(values: list[str], first: list[str] | None = None) -> Build:
    """The guarded AKS cluster's subscription with a second enforced "Allowed locations" assignment; two deny
    assignments on one scope both apply, so what they allow together is their intersection."""

    def build(s: Stack) -> None:
        base = aks_guarded()
        if first is not None:
            base = retouch(base, AKS_LOC, "eea-locations", parameters=locations(first))
        base(s)
        first_res = _find(s, s.urn(AKS_LOC, "eea-locations"))
        second = {
            k: v for k, v in first_res.inputs.items() if k not in ("policyAssignmentName", "parameters", "displayName")
        }
        put(
            s,
            AKS_LOC,
            "platform-locations",
            first_res.provider,
            **second,
            policyAssignmentName="platform-locations",
            displayName="Platform allowed locations",
            parameters=locations(values),
        )

    return build


GDPR_AZ = ["westeurope", "northeurope", "germanywestcentral", "swedencentral", "francecentral"]
# Complies: a second assignment also allows East US, but the first one does not: together they allow the
# EEA regions only.
case("grd-azure-two-assignments-intersect", GUARDRAILS, cite=GRD_DOC["az-assignments"])(
    second_assignment([*GDPR_AZ, "eastus"])
)
# Violates: both assignments allow UK South: together they allow a region outside the EEA.
case("grd-azure-two-assignments-both-uk", GUARDRAILS, "DENY", GRD_DOC["az-assignments"])(
    second_assignment([*GDPR_AZ, "uksouth"], first=[*GDPR_AZ, "uksouth"])
)
# Complies: the allowed locations written in display case; Azure Policy's "in" condition ignores case.
case("grd-azure-locations-mixed-case", GUARDRAILS, cite=GRD_DOC["az-conditions"])(
    retouch(
        aks_guarded(), AKS_LOC, "eea-locations", parameters=locations(["WestEurope", "NorthEurope", "SwedenCentral"])
    )
)
# Violates: the same, with "EastUS" among them.
case("grd-azure-locations-mixed-case-us", GUARDRAILS, "DENY", GRD_DOC["az-conditions"])(
    retouch(aks_guarded(), AKS_LOC, "eea-locations", parameters=locations(["WestEurope", "NorthEurope", "EastUS"]))
)


# ============================================================================ unknown at preview
PRE = "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/"

# Violates: the CloudFront ACL's logs go to N. Virginia; only the ACL's ARN is unknown.
case("pre-waf-cloudfront-logs-us-acl-unknown", PREVIEW, "DENY", AWS_DOC["waf-logging"], config=GDPR_STACK)(
    waf_logs("CLOUDFRONT", acl_arn=UNKNOWN)
)
# Complies: the regional ACL logs in Ireland; only its ARN is unknown.
case("pre-waf-regional-logs-ie-acl-unknown", PREVIEW, cite=AWS_DOC["waf-cwl"], config=GDPR_STACK)(
    waf_logs("REGIONAL", acl_arn=UNKNOWN)
)
# Violates: the aggregator's home Region is N. Virginia; only the linked Regions are unknown.
case("pre-securityhub-home-us-regions-unknown", PREVIEW, "DENY", AWS_DOC["securityhub-aggregation"], config=GDPR_STACK)(
    security_hub("us-east-1", UNKNOWN)
)
# Violates: the exec logs go to the bucket in N. Virginia; only the cluster's KMS key is unknown.
case("pre-ecs-exec-logs-us-kms-unknown", PREVIEW, "DENY", AWS_DOC["ecs-exec"])(
    ecs_exec("ledger-exec-audit", "us-east-1", kms=UNKNOWN)
)
# Complies: the bucket is in Ireland; only the KMS key is unknown.
case("pre-ecs-exec-logs-ie-kms-unknown", PREVIEW, cite=AWS_DOC["ecs-exec"])(
    ecs_exec("ledger-exec-audit", "eu-west-1", kms=UNKNOWN)
)
# Violates: SMS through SNS in Oregon; only the external ID is unknown.
case("pre-cognito-sms-us-external-id-unknown", PREVIEW, "DENY", AWS_DOC["cognito-sms"])(
    user_pool(sns_region="us-west-2", external_id=UNKNOWN)
)
# Violates: backups stored in us-east4; only the volume's storage pool is unknown.
case("pre-netapp-backup-us-pool-unknown", PREVIEW, "DENY", GCP_DOC["netapp-vault"])(
    netapp_backups("europe-west3", "us-east4", pool=UNKNOWN)
)
# Complies: backups stored in the Netherlands; only the vault's description is unknown.
case("pre-netapp-backup-nl-description-unknown", PREVIEW, cite=GCP_DOC["netapp-vault"])(
    netapp_backups("europe-west3", "europe-west4", description=UNKNOWN)
)
# Complies: the metastore's backups go to Frankfurt; only the schedule is unknown.
case("pre-metastore-backup-de-schedule-unknown", PREVIEW, cite=GCP_DOC["metastore-backup"])(
    metastore("ledger-metastore-backups", "EUROPE-WEST3", cronSchedule=UNKNOWN)
)
# Complies: the data store is in the EU multi-region; only its CMEK key is unknown.
case("pre-search-datastore-eu-kms-unknown", PREVIEW, cite=GCP_DOC["search-locations"], config=GDPR_STACK)(
    search_store("eu", kms=UNKNOWN)
)
# Violates: FHIR exports go to East US; only the authority URL is unknown.
case("pre-fhir-export-us-authority-unknown", PREVIEW, "DENY", AZ_DOC["fhir-export"])(
    fhir("ledgerfhirexport", "eastus", authority=UNKNOWN)
)
# Complies: traffic analytics writes to West Europe; only the flow log's target network is unknown.
case("pre-flowlog-analytics-nl-target-unknown", PREVIEW, cite=AZ_DOC["traffic-analytics"], config=GDPR_STACK)(
    flow_logs("westeurope", target=UNKNOWN)
)
# Violates: alerts exported to East US; only the export's scope is unknown.
case("pre-defender-export-us-scope-unknown", PREVIEW, "DENY", AZ_DOC["defender-export"], config=GDPR_STACK)(
    defender_export(TO_WORKSPACE, security_workspace("eastus"), scope=UNKNOWN)
)
# Violates: the Brazil-only hub keeps its default failover to South Central US; only its capacity is unknown.
case("pre-iothub-brazil-dr-capacity-unknown", PREVIEW, "DENY", AZ_DOC["iothub-dr"], config=BR_CONFIG)(
    iot_hub("brazilsouth", BR_TAG, None, capacity=UNKNOWN)
)
# Violates: the ACK repository is in N. Virginia; only its repository name is unknown.
case("pre-ack-ecr-us-name-unknown", PREVIEW, "DENY", OP_DOC["ack-region"])(
    on_tenant(ack_repository("us-east-1", name=UNKNOWN))
)


# ============================================================================ malformed shapes
BAD_DOC = {
    "waf": "https://www.pulumi.com/registry/packages/aws/api-docs/wafv2/webaclloggingconfiguration/",
    "securityhub": "https://www.pulumi.com/registry/packages/aws/api-docs/securityhub/findingaggregator/",
    "ecs": "https://www.pulumi.com/registry/packages/aws/api-docs/ecs/cluster/",
    "cognito": "https://www.pulumi.com/registry/packages/aws/api-docs/cognito/userpool/",
    "config": "https://www.pulumi.com/registry/packages/aws/api-docs/cfg/configurationaggregator/",
    "netapp": "https://www.pulumi.com/registry/packages/gcp/api-docs/netapp/backupvault/",
    "metastore": "https://www.pulumi.com/registry/packages/gcp/api-docs/dataproc/metastoreservice/",
    "iothub": "https://www.pulumi.com/registry/packages/azure-native/api-docs/iothub/iothubresource/",
    "fhir": "https://www.pulumi.com/registry/packages/azure-native/api-docs/healthcareapis/fhirservice/",
    "flowlog": "https://www.pulumi.com/registry/packages/azure-native/api-docs/network/flowlog/",
    "defender": "https://www.pulumi.com/registry/packages/azure-native/api-docs/security/automation/",
}
WAF_LOGGING = "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration"

# Cannot evaluate: the log destinations are one string, not a list.
case("bad-waf-log-destinations-string", MALFORMED, "DENY", BAD_DOC["waf"], config=GDPR_STACK)(
    retouch(
        waf_logs("REGIONAL"),
        WAF_LOGGING,
        "statements-acl-logging",
        logDestinationConfigs=f"arn:aws:logs:eu-west-1:{ACCOUNT}:log-group:aws-waf-logs-statements",
    )
)
# Cannot evaluate: the linked Regions are one comma-separated string.
case("bad-securityhub-regions-string", MALFORMED, "DENY", BAD_DOC["securityhub"], config=GDPR_STACK)(
    security_hub("eu-central-1", "eu-west-1,us-east-1")
)
# Cannot evaluate: the exec log configuration is a list.
case("bad-ecs-exec-log-configuration-list", MALFORMED, "DENY", BAD_DOC["ecs"])(
    retouch(
        ecs_exec("ledger-exec-audit", "eu-west-1"),
        "aws:ecs/cluster:Cluster",
        "ledger",
        configuration={
            "executeCommandConfiguration": {
                "logging": "OVERRIDE",
                "logConfiguration": [{"s3BucketName": "ledger-exec-audit"}],
            }
        },
    )
)
# Cannot evaluate: the SMS configuration is a list.
case("bad-cognito-sms-configuration-list", MALFORMED, "DENY", BAD_DOC["cognito"])(
    retouch(
        user_pool(),
        "aws:cognito/userPool:UserPool",
        "ledger-customers",
        smsConfiguration=[{"externalId": "ledger-cognito-sms", "snsRegion": "eu-west-1"}],
    )
)
# Cannot evaluate: the aggregator's Regions are a map.
case("bad-config-aggregator-regions-map", MALFORMED, "DENY", BAD_DOC["config"])(
    config_aggregator("eu-central-1", regions={"primary": "eu-west-1"})
)
# Cannot evaluate: the backup region is a list.
case("bad-netapp-backup-region-list", MALFORMED, "DENY", BAD_DOC["netapp"])(
    retouch(
        netapp_backups("europe-west3", "europe-west4"),
        "gcp:netapp/backupVault:BackupVault",
        "ledger-vault",
        backupRegion=["europe-west4"],
    )
)
# Cannot evaluate: the scheduled backup is a list.
case("bad-metastore-scheduled-backup-list", MALFORMED, "DENY", BAD_DOC["metastore"])(
    retouch(
        metastore(None, None),
        "gcp:dataproc/metastoreService:MetastoreService",
        "ledger-lake",
        scheduledBackup=[{"enabled": True, "backupLocation": "gs://ledger-metastore-backups/metastore"}],
    )
)
# Cannot evaluate: the Brazil-only hub's properties are a list.
case("bad-iothub-properties-list", MALFORMED, "DENY", BAD_DOC["iothub"], config=BR_CONFIG)(
    retouch(
        iot_hub("brazilsouth", BR_TAG, True),
        "azure-native:iothub:IotHubResource",
        "meters",
        properties=[{"enableDataResidency": True}],
    )
)
# Cannot evaluate: the export configuration is a string.
case("bad-fhir-export-configuration-string", MALFORMED, "DENY", BAD_DOC["fhir"])(
    retouch(
        fhir("ledgerfhirexport", "westeurope"),
        "azure-native:healthcareapis:FhirService",
        "ledger-fhir",
        exportConfiguration="ledgerfhirexport",
    )
)
# Cannot evaluate: the flow analytics configuration is a list.
case("bad-flowlog-analytics-list", MALFORMED, "DENY", BAD_DOC["flowlog"], config=GDPR_STACK)(
    retouch(
        flow_logs("westeurope"),
        "azure-native:network:FlowLog",
        "ledger-vnet-flows",
        flowAnalyticsConfiguration=[
            {"networkWatcherFlowAnalyticsConfiguration": {"enabled": True, "workspaceRegion": "westeurope"}}
        ],
    )
)
# Cannot evaluate: the export's actions are one object, not a list.
case("bad-defender-actions-object", MALFORMED, "DENY", BAD_DOC["defender"], config=GDPR_STACK)(
    retouch(
        defender_export(TO_WORKSPACE, security_workspace("westeurope")),
        "azure-native:security:Automation",
        "defender-export",
        actions=TO_WORKSPACE,
    )
)
