"""Cloud residency cases of the ninth outside corpus, written from cloud-provider documentation and the
pack's user-facing contract (docs/RULES.md, docs/SPEC.md, docs/REVIEW.md, README.md) by a helper session
that had not read the pack's rules, its residency survey, its configs or its tests. It must never be used
to tune the pack (see README.md beside it).

Cases are built with the ``Case``/``Stack`` API of ``tests/policies/corpus.py`` and the helpers of the
earlier outside corpora. A case asks only whether a correct pack denies it: ``expect="DENY"`` (some
mandatory violation) or nothing (compliant: no mandatory violation at all). Each cites the page its outcome
rests on; a comment above it says why it violates or complies. None repeats a service or situation of the
eight earlier corpora: these are DynamoDB cross-Region point-in-time restores (``restoreSourceTableArn``),
CloudWatch Logs organization centralization rules, SSM parameters and Step Functions state machines; Cloud
Run jobs with Cloud Storage volume mounts, Cloud Scheduler jobs; Azure SignalR and Web PubSub replicas,
Managed Instance for Apache Cassandra data centers and hybrid seed nodes, VM restore point collection
copies, Container Instances container groups; ACK ElastiCache replication groups, Config Connector Cloud
Run jobs, Crossplane Cloud Run v2 jobs, ASO container groups; and SCPs for a UK cluster and a custom regime.

``UNKNOWN`` stands for a value the engine only learns at the update.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.policies.corpus import GDPR, IE, NONE, UNKNOWN, Stack, secret
from tests.policies.outside.corpus import (
    ACCOUNT,
    PROJECT,
    RG,
    _find,
    aws,
    azure,
    custom_resource,
    eks_guarded,
    gcp,
    put,
    scp,
)
from tests.policies.outside2.corpus import on_tenant
from tests.policies.outside4.cloud import retouch
from tests.policies.outside5.cloud import XP_REF
from tests.policies.outside9.common import case

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
CH_STACK = {"stackRegime": "ch"}
CH = {"fleet-residency": "ch"}
UK = {"fleet-residency": "uk"}
IE_TAG = {"fleet-residency": "ie"}
PARTNER_BUCKET = "northwind-claims-intake"  # another company's bucket, outside this stack


def kms_key(region: str) -> str:
    return f"arn:aws:kms:{region}:{ACCOUNT}:key/3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f"


# ============================================================================ AWS: copies
AWS_DOC = {
    "pitr-restore": "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery_Howitworks.html",
    "table-pulumi": "https://www.pulumi.com/registry/packages/aws/api-docs/dynamodb/table/",
    "logs-central": "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CloudWatchLogs_Centralization.html",
    "central-pulumi": "https://www.pulumi.com/registry/packages/aws/api-docs/observabilityadmin/centralizationrulefororganization/",
    "ssm-parameter": "https://www.pulumi.com/registry/packages/aws/api-docs/ssm/parameter/",
    "sfn": "https://www.pulumi.com/registry/packages/aws/api-docs/sfn/statemachine/",
    "v7-region": "https://www.pulumi.com/registry/packages/aws/how-to-guides/multi-region/",
}


def ddb_restore(
    home: str, to: str, tags: dict[str, str] = GDPR, by_arn: Any = True, name: Any = "payments-restored"
) -> Build:
    """A regulated DynamoDB table (payments) with point-in-time recovery, and a table restored from it into
    the Region of the second provider: the restored table holds a full copy of the source's items."""

    def build(s: Stack) -> None:
        arn = f"arn:aws:dynamodb:{home}:{ACCOUNT}:table/payments"
        source = put(
            s,
            "aws:dynamodb/table:Table",
            "payments",
            aws(s, home),
            name="payments",
            billingMode="PAY_PER_REQUEST",
            hashKey="paymentId",
            attributes=[{"name": "paymentId", "type": "S"}],
            pointInTimeRecovery={"enabled": True},
            serverSideEncryption={"enabled": True},
            tags=tags,
            known={"arn": arn},
        )
        restore: dict[str, Any] = {"restoreSourceTableArn": arn} if by_arn is True else {}
        if by_arn is not True and by_arn is not False:
            restore = {"restoreSourceTableArn": by_arn}
        if by_arn is False:
            restore = {"restoreSourceName": "payments"}
        put(
            s,
            "aws:dynamodb/table:Table",
            "payments-restored",
            aws(s, to),
            deps=[source],
            name=name,
            billingMode="PAY_PER_REQUEST",
            hashKey="paymentId",
            attributes=[{"name": "paymentId", "type": "S"}],
            restoreToLatestTime=True,
            serverSideEncryption={"enabled": True},
            **restore,
        )

    return build


# Violates: the GDPR payments table is restored (cross-Region point-in-time restore) into N. Virginia; the
# restored table is untagged but a copy of its source.
case("aws-ddb-pitr-restore-to-us", AWS_COPIES, "DENY", AWS_DOC["pitr-restore"])(ddb_restore("eu-west-1", "us-east-1"))
# Complies: it is restored into Frankfurt.
case("aws-ddb-pitr-restore-to-de", AWS_COPIES, cite=AWS_DOC["pitr-restore"])(ddb_restore("eu-west-1", "eu-central-1"))
# Violates: a Swiss table in Zurich restored into Frankfurt.
case("aws-ddb-pitr-restore-ch-to-de", AWS_COPIES, "DENY", AWS_DOC["table-pulumi"], config=CH_STACK)(
    ddb_restore("eu-central-2", "eu-central-1", tags=CH)
)
# Complies: the Swiss table is restored in Zurich, named by its table name (same-Region restore).
case("aws-ddb-pitr-restore-ch-same-region", AWS_COPIES, cite=AWS_DOC["table-pulumi"], config=CH_STACK)(
    ddb_restore("eu-central-2", "eu-central-2", tags=CH, by_arn=False)
)


def logs_central(dest: Any, backup: Any = None, rule_name: Any = "central-logs", source: Any = None) -> Build:
    """A CloudWatch Logs organization centralization rule in a GDPR stack: it copies the log events of every
    account's log groups in the source Regions to the destination account and Region, and a second copy to
    the backup Region."""

    def build(s: Stack) -> None:
        logs: dict[str, Any] = {"logsEncryptionConfiguration": {"encryptionStrategy": "AWS_OWNED"}}
        if backup is not None:
            logs["backupConfiguration"] = {"region": backup}
        put(
            s,
            "aws:observabilityadmin/centralizationRuleForOrganization:CentralizationRuleForOrganization",
            "central-logs",
            aws(s),
            ruleName=rule_name,
            rule={
                "source": {
                    "regions": ["eu-west-1", "eu-central-1"] if source is None else source,
                    "scope": "OrganizationId = 'o-a1b2c3d4e5'",
                    "sourceLogsConfiguration": {"encryptedLogGroupStrategy": "SKIP"},
                },
                "destination": {"account": ACCOUNT, "region": dest, "destinationLogsConfiguration": logs},
            },
        )

    return build


# Violates: the organization's Irish and German logs are centralized in N. Virginia.
case("aws-logs-central-dest-us", AWS_COPIES, "DENY", AWS_DOC["logs-central"], config=GDPR_STACK)(
    logs_central("us-east-1")
)
# Complies: they are centralized in Frankfurt, with a backup copy in Ireland.
case("aws-logs-central-dest-de", AWS_COPIES, cite=AWS_DOC["logs-central"], config=GDPR_STACK)(
    logs_central("eu-central-1", backup="eu-west-1")
)
# Violates: centralized in Frankfurt, but the backup copy goes to Oregon.
case("aws-logs-central-backup-us", AWS_COPIES, "DENY", AWS_DOC["central-pulumi"], config=GDPR_STACK)(
    logs_central("eu-central-1", backup="us-west-2")
)
# Complies: centralized in Stockholm, backed up in Paris.
case("aws-logs-central-backup-fr", AWS_COPIES, cite=AWS_DOC["central-pulumi"], config=GDPR_STACK)(
    logs_central("eu-north-1", backup="eu-west-3")
)


# ============================================================================ GCP: copies
GCP_DOC = {
    "run-gcs": "https://cloud.google.com/run/docs/configuring/jobs/cloud-storage-volume-mounts",
    "run-locations": "https://cloud.google.com/run/docs/locations",
    "run-job-pulumi": "https://www.pulumi.com/registry/packages/gcp/api-docs/cloudrunv2/job/",
    "scheduler": "https://www.pulumi.com/registry/packages/gcp/api-docs/cloudscheduler/job/",
}


def run_job(
    location: Any,
    bucket: Any,
    bucket_location: str | None = "EUROPE-WEST3",
    read_only: bool = False,
    labels: dict[str, str] = GDPR,
    account: Any = None,
) -> Build:
    """A regulated Cloud Run job (the nightly claims export) that mounts a Cloud Storage bucket as a volume
    and writes its export files there; the bucket is the stack's own (untagged) unless bucket_location is
    None."""

    def build(s: Stack) -> None:
        deps = []
        if bucket_location is not None and isinstance(bucket, str):
            deps.append(
                put(
                    s,
                    "gcp:storage/bucket:Bucket",
                    bucket,
                    gcp(s),
                    name=bucket,
                    location=bucket_location,
                    uniformBucketLevelAccess=True,
                    known={"id": bucket, "url": f"gs://{bucket}"},
                )
            )
        gcs: dict[str, Any] = {"bucket": bucket}
        if read_only:
            gcs["readOnly"] = True
        put(
            s,
            "gcp:cloudrunv2/job:Job",
            "claims-export",
            gcp(s),
            deps=deps,
            name="claims-export",
            location=location,
            labels=labels,
            deletionProtection=False,
            template={
                "template": {
                    "serviceAccount": f"claims-export@{PROJECT}.iam.gserviceaccount.com"
                    if account is None
                    else account,
                    "containers": [
                        {
                            "image": "europe-west3-docker.pkg.dev/ledger-prod/apps/claims-export:1.4.2",
                            "volumeMounts": [{"name": "exports", "mountPath": "/exports"}],
                        }
                    ],
                    "volumes": [{"name": "exports", "gcs": gcs}],
                }
            },
        )

    return build


# Violates: the GDPR export job writes its files to a bucket of the stack in the US multi-region.
case("gcp-run-job-mount-us-bucket", GCP_COPIES, "DENY", GCP_DOC["run-gcs"])(
    run_job("europe-west3", "ledger-claims-exports-us", "US")
)
# Complies: the bucket is in Frankfurt.
case("gcp-run-job-mount-de-bucket", GCP_COPIES, cite=GCP_DOC["run-gcs"])(
    run_job("europe-west3", "ledger-claims-exports", "EUROPE-WEST3")
)
# Complies: the job only reads reference data from an (unregulated) US bucket; a read-only mount sends it
# nothing.
case("gcp-run-job-mount-us-read-only", GCP_COPIES, cite=GCP_DOC["run-gcs"])(
    run_job("europe-west3", "ledger-reference-us", "US", read_only=True)
)
# Violates: a Swiss job in Zurich writes to a bucket in Frankfurt.
case("gcp-run-job-ch-mount-de-bucket", GCP_COPIES, "DENY", GCP_DOC["run-job-pulumi"])(
    run_job("europe-west6", "ledger-ch-exports-de", "EUROPE-WEST3", labels=CH)
)
# Complies: the Swiss job writes to a bucket in Zurich.
case("gcp-run-job-ch-mount-ch-bucket", GCP_COPIES, cite=GCP_DOC["run-job-pulumi"])(
    run_job("europe-west6", "ledger-ch-exports", "EUROPE-WEST6", labels=CH)
)
# Violates: the GDPR job itself runs in Iowa (its executions process the claims there).
case("gcp-run-job-in-iowa", GCP_COPIES, "DENY", GCP_DOC["run-locations"])(
    run_job("us-central1", "ledger-claims-exports", "EUROPE-WEST3")
)


# ============================================================================ Azure: copies
AZ_DOC = {
    "signalr-geo": "https://learn.microsoft.com/en-us/azure/azure-signalr/howto-enable-geo-replication",
    "webpubsub-geo": "https://learn.microsoft.com/en-us/azure/azure-web-pubsub/howto-enable-geo-replication",
    "cassandra-multi": "https://learn.microsoft.com/en-us/azure/managed-instance-apache-cassandra/create-multi-region-cluster",
    "cassandra-hybrid": "https://learn.microsoft.com/en-us/azure/managed-instance-apache-cassandra/configure-hybrid-cluster",
    "rpc-copy": "https://learn.microsoft.com/en-us/azure/virtual-machines/virtual-machines-restore-points-copy",
    "aci": "https://www.pulumi.com/registry/packages/azure-native/api-docs/containerinstance/containergroup/",
    "signalr-pulumi": "https://www.pulumi.com/registry/packages/azure-native/api-docs/signalrservice/signalr/",
}


def resource_group(s: Stack, location: str, name: str = "ledger", tags: dict[str, str] | None = None) -> str:
    inputs: dict[str, Any] = {"resourceGroupName": name, "location": location}
    if tags is not None:
        inputs["tags"] = tags
    return put(
        s,
        "azure-native:resources:ResourceGroup",
        name,
        azure(s),
        known={"id": f"/subscriptions/{RG.split('/')[2]}/resourceGroups/{name}"},
        **inputs,
    )


def realtime_replica(kind: str, location: Any, capacity: Any = 1, tags: dict[str, str] = GDPR) -> Build:
    """A GDPR Azure SignalR Service (or Web PubSub) in West Europe with a geo-replica: the replica serves
    clients and relays their messages in its own region."""
    service_type, replica_type, arm = {
        "signalr": ("azure-native:signalrservice:SignalR", "azure-native:signalrservice:SignalRReplica", "SignalR"),
        "webpubsub": ("azure-native:webpubsub:WebPubSub", "azure-native:webpubsub:WebPubSubReplica", "WebPubSub"),
    }[kind]

    def build(s: Stack) -> None:
        rg = resource_group(s, "westeurope")
        service = put(
            s,
            service_type,
            "notify",
            azure(s),
            deps=[rg],
            resourceGroupName="ledger",
            resourceName="ledger-notify",
            location="westeurope",
            sku={"name": "Premium_P1", "capacity": 1},
            tags=tags,
            known={"id": f"{RG}/Microsoft.SignalRService/{arm}/ledger-notify"},
        )
        put(
            s,
            replica_type,
            "notify-replica",
            azure(s),
            deps=[service],
            resourceGroupName="ledger",
            resourceName="ledger-notify",
            replicaName="ledger-notify-2",
            location=location,
            sku={"name": "Premium_P1", "capacity": capacity},
        )

    return build


# Violates: the GDPR SignalR service has a replica in East US (an untagged child: it carries its parent's
# regime).
case("az-signalr-replica-eastus", AZURE_COPIES, "DENY", AZ_DOC["signalr-geo"])(realtime_replica("signalr", "eastus"))
# Complies: the replica is in North Europe.
case("az-signalr-replica-northeurope", AZURE_COPIES, cite=AZ_DOC["signalr-geo"])(
    realtime_replica("signalr", "northeurope")
)
# Violates: the GDPR Web PubSub service has a replica in Japan East.
case("az-webpubsub-replica-japaneast", AZURE_COPIES, "DENY", AZ_DOC["webpubsub-geo"])(
    realtime_replica("webpubsub", "japaneast")
)
# Complies: the Web PubSub replica is in Sweden Central.
case("az-webpubsub-replica-swedencentral", AZURE_COPIES, cite=AZ_DOC["webpubsub-geo"])(
    realtime_replica("webpubsub", "swedencentral")
)


def cassandra(
    second: Any = None, seeds: list[dict[str, str]] | None = None, nodes: Any = 3, location: Any = "westeurope"
) -> Build:
    """A GDPR Managed Instance for Apache Cassandra cluster with a data center in West Europe, a second data
    center (Cassandra replicates keyspaces to every data center) and, in hybrid mode, external seed nodes of
    data centers run elsewhere that join the same ring."""

    def build(s: Stack) -> None:
        rg = resource_group(s, "westeurope")
        props: dict[str, Any] = {
            "delegatedManagementSubnetId": f"{RG}/Microsoft.Network/virtualNetworks/ledger/subnets/cassandra",
            "initialCassandraAdminPassword": secret("Cass-2f9a1c7e!"),
            "cassandraVersion": "4.0",
            "authenticationMethod": "Cassandra",
        }
        if seeds is not None:
            props["externalSeedNodes"] = seeds
        cluster = put(
            s,
            "azure-native:cosmosdb:CassandraCluster",
            "orders-cassandra",
            azure(s),
            deps=[rg],
            resourceGroupName="ledger",
            clusterName="orders",
            location=location,
            properties=props,
            tags=GDPR,
            known={"id": f"{RG}/Microsoft.DocumentDB/cassandraClusters/orders"},
        )
        dcs = [("dc-weu", "westeurope", 3)]
        if second is not None:
            dcs.append(("dc-2", second, nodes))
        for name, where, count in dcs:
            put(
                s,
                "azure-native:cosmosdb:CassandraDataCenter",
                name,
                azure(s),
                deps=[cluster],
                resourceGroupName="ledger",
                clusterName="orders",
                dataCenterName=name,
                properties={
                    "dataCenterLocation": where,
                    "delegatedSubnetId": f"{RG}/Microsoft.Network/virtualNetworks/ledger/subnets/{name}",
                    "nodeCount": count,
                    "sku": "Standard_E8s_v5",
                },
            )

    return build


# Violates: the GDPR Cassandra cluster's second data center is in East US: every keyspace replicated there.
case("az-cassandra-dc-eastus", AZURE_COPIES, "DENY", AZ_DOC["cassandra-multi"])(cassandra("eastus"))
# Complies: the second data center is in North Europe.
case("az-cassandra-dc-northeurope", AZURE_COPIES, cite=AZ_DOC["cassandra-multi"])(cassandra("northeurope"))


def rpc_copy(
    location: Any, tags_: dict[str, str] | None = None, source: Any = None, source_tags: dict[str, str] = GDPR
) -> Build:
    """A GDPR VM's restore point collection in West Europe, and a second collection that copies its restore
    points (the VM's disks) to another region, named by the source collection's ID."""

    def build(s: Stack) -> None:
        rg = resource_group(s, "westeurope")
        vm_id = f"{RG}/Microsoft.Compute/virtualMachines/ledger-app"
        src_id = f"{RG}/Microsoft.Compute/restorePointCollections/ledger-app-rpc"
        src = put(
            s,
            "azure-native:compute:RestorePointCollection",
            "ledger-app-rpc",
            azure(s),
            deps=[rg],
            resourceGroupName="ledger",
            restorePointCollectionName="ledger-app-rpc",
            location="westeurope",
            source={"id": vm_id},
            tags=source_tags,
            known={"id": src_id},
        )
        inputs: dict[str, Any] = {}
        if tags_ is not None:
            inputs["tags"] = tags_
        put(
            s,
            "azure-native:compute:RestorePointCollection",
            "ledger-app-rpc-copy",
            azure(s),
            deps=[src],
            resourceGroupName="ledger",
            restorePointCollectionName="ledger-app-rpc-copy",
            location=location,
            source={"id": src_id} if source is None else source,
            **inputs,
        )

    return build


# Violates: the GDPR VM's restore points are copied to a collection in East US (untagged: a copy of its
# source).
case("az-restore-point-copy-eastus", AZURE_COPIES, "DENY", AZ_DOC["rpc-copy"])(rpc_copy("eastus"))
# Complies: they are copied to Germany West Central.
case("az-restore-point-copy-germany", AZURE_COPIES, cite=AZ_DOC["rpc-copy"])(rpc_copy("germanywestcentral"))
# Violates: the copy in East US is tagged unregulated, but a copy carries its source's regime whatever its own
# tags say (RULES.md, FLEET-RES-003).
case("az-restore-point-copy-eastus-tagged-none", AZURE_COPIES, "DENY", AZ_DOC["rpc-copy"])(
    rpc_copy("eastus", tags_=NONE)
)
# Complies: the same copy to East US of a VM whose restore points are declared unregulated (a build agent).
case("az-restore-point-copy-eastus-source-none", AZURE_COPIES, cite=AZ_DOC["rpc-copy"])(
    rpc_copy("eastus", tags_=NONE, source_tags=NONE)
)


# ============================================================================ outside destinations
# Violates: the GDPR export job writes to a partner's bucket, not in the stack: where it is cannot be shown.
case("out-run-job-mount-partner-bucket", OUTSIDE, "DENY", GCP_DOC["run-gcs"])(
    run_job("europe-west3", PARTNER_BUCKET, None)
)
# Complies: the job only reads the partner's published bucket (read-only mount): no data goes there.
case("out-run-job-mount-partner-read-only", OUTSIDE, cite=GCP_DOC["run-gcs"])(
    run_job("europe-west3", PARTNER_BUCKET, None, read_only=True)
)
# Violates: the GDPR Cassandra cluster is hybrid: external seed nodes of a data center outside Azure join the
# ring, and its keyspaces replicate there.
case("out-cassandra-hybrid-external-seeds", OUTSIDE, "DENY", AZ_DOC["cassandra-hybrid"])(
    cassandra("northeurope", seeds=[{"ipAddress": "203.0.113.21"}, {"ipAddress": "203.0.113.22"}])
)
# Complies: the same cluster without external seed nodes (two Azure data centers in the EU).
case("out-cassandra-no-external-seeds", OUTSIDE, cite=AZ_DOC["cassandra-hybrid"])(cassandra("swedencentral"))


# ============================================================================ unset location defaults
def ssm_parameter(provider_region: str, region: str | None = None) -> Build:
    """A GDPR SecureString parameter (the ledger's database connection settings) on the provider of the given
    Region, with the v7 per-resource region when set."""

    def build(s: Stack) -> None:
        inputs: dict[str, Any] = {} if region is None else {"region": region}
        put(
            s,
            "aws:ssm/parameter:Parameter",
            "ledger-db-settings",
            aws(s, provider_region),
            name="/ledger/db/settings",
            type="SecureString",
            tier="Standard",
            value=secret("host=ledger-db.internal port=5432 sslmode=verify-full"),
            tags=GDPR,
            **inputs,
        )

    return build


# Violates: no region of its own; the provider is in N. Virginia.
case("def-ssm-parameter-provider-us", DEFAULTS, "DENY", AWS_DOC["ssm-parameter"])(ssm_parameter("us-east-1"))
# Complies: the provider is in N. Virginia, but the v7 per-resource region puts the parameter in Ireland.
case("def-ssm-parameter-region-ie", DEFAULTS, cite=AWS_DOC["v7-region"])(ssm_parameter("us-east-1", "eu-west-1"))


def state_machine(provider_region: str, region: str | None = None, name: Any = "claims-intake") -> Build:
    """A GDPR Step Functions state machine (its executions' input and output are the claims it handles)."""

    def build(s: Stack) -> None:
        inputs: dict[str, Any] = {} if region is None else {"region": region}
        put(
            s,
            "aws:sfn/stateMachine:StateMachine",
            "claims-intake",
            aws(s, provider_region),
            name=name,
            roleArn=f"arn:aws:iam::{ACCOUNT}:role/claims-intake-sfn",
            type="STANDARD",
            definition='{"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}',
            tags=GDPR,
            **inputs,
        )

    return build


# Violates: the state machine takes the provider's Region, Oregon.
case("def-state-machine-provider-us", DEFAULTS, "DENY", AWS_DOC["sfn"])(state_machine("us-west-2"))
# Complies: the provider is in Milan.
case("def-state-machine-provider-it", DEFAULTS, cite=AWS_DOC["sfn"])(state_machine("eu-south-1"))


def scheduler_job(provider_region: str, region: Any = None) -> Build:
    """A Cloud Scheduler job in a GDPR stack that publishes the nightly reconciliation request (customer
    account IDs in its payload) to a Pub/Sub topic; without region it takes the provider's."""

    def build(s: Stack) -> None:
        inputs: dict[str, Any] = {} if region is None else {"region": region}
        put(
            s,
            "gcp:cloudscheduler/job:Job",
            "nightly-reconcile",
            gcp(s, provider_region),
            name="nightly-reconcile",
            schedule="0 2 * * *",
            timeZone="Europe/Berlin",
            pubsubTarget={
                "topicName": f"projects/{PROJECT}/topics/reconcile",
                "data": "eyJhY2NvdW50cyI6IFsiQUMtMTAwMjMiLCAiQUMtMTAwMjQiXX0=",
            },
            **inputs,
        )

    return build


# Violates: the job names no region and the provider is in Iowa.
case("def-scheduler-job-provider-us", DEFAULTS, "DENY", GCP_DOC["scheduler"], config=GDPR_STACK)(
    scheduler_job("us-central1")
)
# Complies: the provider is in Frankfurt.
case("def-scheduler-job-provider-de", DEFAULTS, cite=GCP_DOC["scheduler"], config=GDPR_STACK)(
    scheduler_job("europe-west3")
)


def container_group(rg_location: str, location: Any = None, image: Any = None) -> Build:
    """A GDPR Azure container group (the claims OCR worker, its scratch volume holding scanned claims) in an
    untagged resource group; the Azure provider is in West Europe."""

    def build(s: Stack) -> None:
        rg = resource_group(s, rg_location)
        inputs: dict[str, Any] = {} if location is None else {"location": location}
        put(
            s,
            "azure-native:containerinstance:ContainerGroup",
            "claims-ocr",
            azure(s),
            deps=[rg],
            resourceGroupName="ledger",
            containerGroupName="claims-ocr",
            osType="Linux",
            restartPolicy="OnFailure",
            sku="Standard",
            containers=[
                {
                    "name": "ocr",
                    "image": "ledgerprod.azurecr.io/claims-ocr:2.3.0" if image is None else image,
                    "resources": {"requests": {"cpu": 1, "memoryInGB": 2}},
                    "volumeMounts": [{"name": "scratch", "mountPath": "/scratch"}],
                }
            ],
            volumes=[{"name": "scratch", "emptyDir": {}}],
            tags=GDPR,
            **inputs,
        )

    return build


# Violates: no location of its own; its resource group is in East US (the provider's West Europe does not
# decide).
case("def-container-group-rg-eastus", DEFAULTS, "DENY", AZ_DOC["aci"])(container_group("eastus"))
# Complies: its resource group is in West Europe.
case("def-container-group-rg-westeurope", DEFAULTS, cite=AZ_DOC["aci"])(container_group("westeurope"))


def signalr_no_location(rg_location: str) -> Build:
    """A GDPR SignalR service without a location of its own, in an untagged resource group."""

    def build(s: Stack) -> None:
        rg = resource_group(s, rg_location)
        put(
            s,
            "azure-native:signalrservice:SignalR",
            "notify",
            azure(s),
            deps=[rg],
            resourceGroupName="ledger",
            resourceName="ledger-notify",
            sku={"name": "Standard_S1", "capacity": 1},
            kind="SignalR",
            tags=GDPR,
        )

    return build


# Violates: the SignalR service takes its resource group's location, Brazil South.
case("def-signalr-rg-brazilsouth", DEFAULTS, "DENY", AZ_DOC["signalr-pulumi"])(signalr_no_location("brazilsouth"))
# Complies: its resource group is in France Central.
case("def-signalr-rg-francecentral", DEFAULTS, cite=AZ_DOC["signalr-pulumi"])(signalr_no_location("francecentral"))


# ============================================================================ Kubernetes operators
OP_DOC = {
    "ack-region": "https://aws-controllers-k8s.github.io/community/docs/user-docs/multi-region-resource-management/",
    "ack-elasticache": "https://aws-controllers-k8s.github.io/community/reference/elasticache/v1alpha1/replicationgroup/",
    "kcc-run-job": "https://cloud.google.com/config-connector/docs/reference/resource-docs/run/runjob",
    "xp-v2job": "https://marketplace.upbound.io/providers/upbound/provider-gcp-cloudrun/latest/resources/cloudrun.gcp.upbound.io/V2Job/v1beta1",
    "aso-aci": "https://azure.github.io/azure-service-operator/reference/containerinstance/v1api20211001/",
}


def ack_cache(region: Any, nodes: Any = 2) -> Obj:
    return custom_resource(
        "elasticache.services.k8s.aws/v1alpha1",
        "ReplicationGroup",
        "acme-sessions",
        "acme",
        {
            "replicationGroupID": "acme-sessions",
            "description": "acme session store",
            "engine": "redis",
            "cacheNodeType": "cache.t4g.small",
            "numNodeGroups": 1,
            "replicasPerNodeGroup": nodes,
            "atRestEncryptionEnabled": True,
            "transitEncryptionEnabled": True,
        },
        annotations={"services.k8s.aws/region": region},
    )


# Violates: the GDPR tenant's ACK Redis replication group (its users' sessions) is created in N. Virginia.
case("op-ack-elasticache-rg-us", OPERATORS, "DENY", OP_DOC["ack-region"])(on_tenant(ack_cache("us-east-1")))
# Complies: it is created in Ireland.
case("op-ack-elasticache-rg-ie", OPERATORS, cite=OP_DOC["ack-elasticache"])(on_tenant(ack_cache("eu-west-1")))


def kcc_run_job(location: Any) -> Obj:
    return custom_resource(
        "run.cnrm.cloud.google.com/v1beta1",
        "RunJob",
        "acme-nightly",
        "acme",
        {
            "location": location,
            "projectRef": {"external": "acme-prod"},
            "template": {"template": {"containers": [{"image": "europe-docker.pkg.dev/acme-prod/apps/nightly:3.1.0"}]}},
        },
        annotations={"cnrm.cloud.google.com/project-id": "acme-prod"},
    )


# Violates: the tenant's Config Connector Cloud Run job runs in South Carolina.
case("op-kcc-run-job-us", OPERATORS, "DENY", OP_DOC["kcc-run-job"])(on_tenant(kcc_run_job("us-east1"), cloud="gcp"))
# Complies: it runs in Warsaw.
case("op-kcc-run-job-pl", OPERATORS, cite=OP_DOC["kcc-run-job"])(on_tenant(kcc_run_job("europe-central2"), cloud="gcp"))


def xp_run_job(location: Any) -> Obj:
    return custom_resource(
        "cloudrun.gcp.upbound.io/v1beta1",
        "V2Job",
        "acme-billing-run",
        None,
        {
            "forProvider": {
                "location": location,
                "project": "acme-prod",
                "deletionProtection": False,
                "template": [
                    {"template": [{"containers": [{"image": "europe-docker.pkg.dev/acme-prod/apps/billing:1.0.0"}]}]}
                ],
            },
            **XP_REF,
        },
        labels={**GDPR, "fleet-tenant": "acme"},
    )


# Violates: a cluster-scoped Crossplane Cloud Run job labelled GDPR runs in Oregon.
case("op-crossplane-run-job-us", OPERATORS, "DENY", OP_DOC["xp-v2job"])(on_tenant(xp_run_job("us-west1"), cloud="gcp"))
# Complies: it runs in Finland.
case("op-crossplane-run-job-fi", OPERATORS, cite=OP_DOC["xp-v2job"])(
    on_tenant(xp_run_job("europe-north1"), cloud="gcp")
)


def aso_aci(location: Any) -> Obj:
    return custom_resource(
        "containerinstance.azure.com/v1api20211001",
        "ContainerGroup",
        "acme-worker",
        "acme",
        {
            "location": location,
            "owner": {"name": "acme-rg"},
            "osType": "Linux",
            "restartPolicy": "Always",
            "containers": [
                {
                    "name": "worker",
                    "image": "acmeprod.azurecr.io/worker:5.2.0",
                    "resources": {"requests": {"cpu": 1, "memoryInGB": 1.5}},
                }
            ],
        },
    )


# Violates: the tenant's ASO container group runs in East US.
case("op-aso-container-group-eastus", OPERATORS, "DENY", OP_DOC["aso-aci"])(
    on_tenant(aso_aci("eastus"), cloud="azure-native")
)
# Complies: it runs in West Europe.
case("op-aso-container-group-westeurope", OPERATORS, cite=OP_DOC["aso-aci"])(
    on_tenant(aso_aci("westeurope"), cloud="azure-native")
)


# ============================================================================ cloud guardrails
GRD_DOC = {
    "scp-region": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html#example-scp-deny-region",
}


def regime_guarded(regime: dict[str, str], region: str, country: str, regions: list[str]) -> Build:
    """The guarded EKS cluster of the first corpus in the given Region for a tenant of the given regime: the
    cluster is tagged with it, the tenant namespace labelled with it, and the account's SCP denies every
    Region but those listed."""
    built = eks_guarded(scp(regions))
    built = retouch(built, "fleet:clusters:EksCluster", "eu1", region=region, country=country)
    built = retouch(built, "pulumi:providers:aws", "eu1-aws", region=region)

    def build(s: Stack) -> None:
        built(s)
        eks = _find(s, s.urn("aws:eks/cluster:Cluster", "eu1-eks"))
        changes = {
            "tags": regime,
            "encryptionConfig": {"provider": {"keyArn": kms_key(region)}, "resources": ["secrets"]},
        }
        eks.inputs = {**eks.inputs, **changes}
        if eks.outputs:
            eks.outputs = {**eks.outputs, **changes}
        ns = _find(s, s.urn("kubernetes:core/v1:Namespace", "acme-ns"))
        meta = ns.inputs["metadata"]
        ns.inputs = {
            **ns.inputs,
            "metadata": {**meta, "labels": {**meta["labels"], "fleet-residency": regime["fleet-residency"]}},
        }

    return build


# Complies: a UK cluster in London whose account's SCP allows London only.
case("grd-aws-uk-cluster-scp-london", GUARDRAILS, cite=GRD_DOC["scp-region"])(
    regime_guarded(UK, "eu-west-2", "GB", ["eu-west-2"])
)
# Violates: the SCP allows London and Ireland; Ireland is outside the UK regime.
case("grd-aws-uk-cluster-scp-london-ireland", GUARDRAILS, "DENY", GRD_DOC["scp-region"])(
    regime_guarded(UK, "eu-west-2", "GB", ["eu-west-2", "eu-west-1"])
)
# Complies: a cluster of the custom Ireland-only regime whose SCP allows Ireland only.
case("grd-aws-custom-ie-scp-ireland", GUARDRAILS, cite=GRD_DOC["scp-region"], config={"regimes": IE})(
    regime_guarded(IE_TAG, "eu-west-1", "IE", ["eu-west-1"])
)
# Violates: the Ireland-only cluster's SCP allows every EEA Region of the documented example.
case("grd-aws-custom-ie-scp-eea", GUARDRAILS, "DENY", GRD_DOC["scp-region"], config={"regimes": IE})(
    regime_guarded(IE_TAG, "eu-west-1", "IE", ["eu-west-1", "eu-central-1", "eu-north-1", "eu-west-3"])
)


# ============================================================================ unknown at preview
# Violates: the restored table is in N. Virginia; only its name is unknown.
case("pre-ddb-restore-us-name-unknown", PREVIEW, "DENY", AWS_DOC["pitr-restore"])(
    ddb_restore("eu-west-1", "us-east-1", name=UNKNOWN)
)
# Complies: the restored table is in Frankfurt; only its name is unknown.
case("pre-ddb-restore-de-name-unknown", PREVIEW, cite=AWS_DOC["pitr-restore"])(
    ddb_restore("eu-west-1", "eu-central-1", name=UNKNOWN)
)
# Violates: logs are centralized in N. Virginia; only the rule's name is unknown.
case("pre-logs-central-us-name-unknown", PREVIEW, "DENY", AWS_DOC["logs-central"], config=GDPR_STACK)(
    logs_central("us-east-1", rule_name=UNKNOWN)
)
# Complies: logs are centralized in Frankfurt; only the rule's name is unknown.
case("pre-logs-central-de-name-unknown", PREVIEW, cite=AWS_DOC["logs-central"], config=GDPR_STACK)(
    logs_central("eu-central-1", rule_name=UNKNOWN)
)
# Violates: the SignalR replica is in East US; only its capacity is unknown.
case("pre-signalr-replica-us-capacity-unknown", PREVIEW, "DENY", AZ_DOC["signalr-geo"])(
    realtime_replica("signalr", "eastus", capacity=UNKNOWN)
)
# Complies: the SignalR replica is in North Europe; only its capacity is unknown.
case("pre-signalr-replica-ne-capacity-unknown", PREVIEW, cite=AZ_DOC["signalr-geo"])(
    realtime_replica("signalr", "northeurope", capacity=UNKNOWN)
)
# Violates: the job writes to a US bucket of the stack; only its service account is unknown.
case("pre-run-job-us-bucket-account-unknown", PREVIEW, "DENY", GCP_DOC["run-gcs"])(
    run_job("europe-west3", "ledger-claims-exports-us", "US", account=UNKNOWN)
)
# Complies: the job writes to a Frankfurt bucket; only its service account is unknown.
case("pre-run-job-de-bucket-account-unknown", PREVIEW, cite=GCP_DOC["run-gcs"])(
    run_job("europe-west3", "ledger-claims-exports", "EUROPE-WEST3", account=UNKNOWN)
)
# Violates: the second Cassandra data center is in East US; only its node count is unknown.
case("pre-cassandra-dc-us-nodes-unknown", PREVIEW, "DENY", AZ_DOC["cassandra-multi"])(
    cassandra("eastus", nodes=UNKNOWN)
)
# Complies: the container group's resource group is in West Europe; only its image is unknown.
case("pre-container-group-nl-image-unknown", PREVIEW, cite=AZ_DOC["aci"])(container_group("westeurope", image=UNKNOWN))


# ============================================================================ malformed
BAD_DOC = {
    "table": AWS_DOC["table-pulumi"],
    "central": AWS_DOC["central-pulumi"],
    "signalr-replica": "https://www.pulumi.com/registry/packages/azure-native/api-docs/signalrservice/signalrreplica/",
    "cassandra-dc": "https://www.pulumi.com/registry/packages/azure-native/api-docs/cosmosdb/cassandradatacenter/",
    "rpc": "https://www.pulumi.com/registry/packages/azure-native/api-docs/compute/restorepointcollection/",
    "run-job": GCP_DOC["run-job-pulumi"],
    "scheduler": GCP_DOC["scheduler"],
    "aci": AZ_DOC["aci"],
}

# Each violates: a value of another shape than the SDK's, which the provider refuses: the pack cannot
# evaluate it (RULES.md, FLEET-RES-001).
case("bad-ddb-restore-source-arn-list", MALFORMED, "DENY", BAD_DOC["table"])(
    ddb_restore("eu-west-1", "eu-central-1", by_arn=["arn:aws:dynamodb:eu-west-1:111111111111:table/payments"])
)
case("bad-logs-central-dest-region-list", MALFORMED, "DENY", BAD_DOC["central"], config=GDPR_STACK)(
    logs_central(["eu-central-1"])
)
case("bad-logs-central-source-regions-string", MALFORMED, "DENY", BAD_DOC["central"], config=GDPR_STACK)(
    logs_central("eu-central-1", source="eu-west-1")
)
case("bad-signalr-replica-location-object", MALFORMED, "DENY", BAD_DOC["signalr-replica"])(
    realtime_replica("signalr", {"name": "northeurope"})
)
case("bad-cassandra-dc-location-list", MALFORMED, "DENY", BAD_DOC["cassandra-dc"])(cassandra(["northeurope"]))
case("bad-restore-point-copy-source-list", MALFORMED, "DENY", BAD_DOC["rpc"])(
    rpc_copy(
        "germanywestcentral",
        source=[{"id": f"{RG}/Microsoft.Compute/restorePointCollections/ledger-app-rpc"}],
    )
)
case("bad-run-job-location-list", MALFORMED, "DENY", BAD_DOC["run-job"])(
    run_job(["europe-west3"], "ledger-claims-exports", "EUROPE-WEST3")
)
case("bad-scheduler-job-region-list", MALFORMED, "DENY", BAD_DOC["scheduler"], config=GDPR_STACK)(
    scheduler_job("europe-west3", region=["europe-west3"])
)
case("bad-container-group-location-object", MALFORMED, "DENY", BAD_DOC["aci"])(
    container_group("westeurope", location={"name": "westeurope"})
)
case("bad-kcc-run-job-location-list", MALFORMED, "DENY", OP_DOC["kcc-run-job"])(
    on_tenant(kcc_run_job(["europe-west3"]), cloud="gcp")
)
