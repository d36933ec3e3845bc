"""Cloud residency cases of the thirteenth outside corpus, written from cloud-provider documentation and the
pack's user-facing contract (docs/RULES.md, docs/SPEC.md, docs/REVIEW.md, README.md) by a helper session
that had not read the pack's rules, its residency survey, its configs or its tests. It must never be used
to tune the pack (see README.md beside it).

Cases are built with the ``Case``/``Stack`` API of ``tests/policies/corpus.py`` and the helpers of the
earlier outside corpora. A case asks only whether a correct pack denies it: ``expect="DENY"`` (some
mandatory violation) or nothing (compliant: no mandatory violation at all). Each cites the page its outcome
rests on; a comment above it says why it violates or complies. The resource that decides each case is of a
type (or uses a property) none of the twelve earlier corpora used: AWS Backup logically air-gapped vaults,
RDS snapshot export tasks, DynamoDB imports from S3, RDS restores from replicated automated backups, Neptune
cluster snapshots, Lake Formation grants, Redshift Serverless snapshots and resource policies, DataSync NFS and
object-storage locations, Kendra indexes; regional and zonal managed instance groups, Vertex AI Vector Search
indexes and TensorBoards, instant snapshots, Cloud Storage IAM members; Azure Database for MySQL flexible
restores, replicas and geo-redundant backups, Elastic SAN, blob inventory policies, Azure Policy exemptions
on single resources; ACK EFS, Crossplane SQS, Config Connector Artifact Registry and ASO Application
Insights objects; declarative and account-exempting AWS Organizations policies.

``UNKNOWN`` stands for a value the engine only learns at the update.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from tests.policies.corpus import GDPR, IE, NONE, UNKNOWN, Stack
from tests.policies.outside.corpus import (
    ACCOUNT,
    GDPR_AWS,
    GLOBAL_SERVICES,
    PROJECT,
    RG,
    ROLE,
    SUB,
    aks_guarded,
    aws,
    az,
    azure,
    custom_resource,
    default_sink,
    eks_guarded,
    gcp,
    gcs_bucket,
    gke_guarded,
    operator,
    put,
    rds_instance,
    s3_bucket,
    storage_account,
)
from tests.policies.outside4.cloud import retouch
from tests.policies.outside9.cloud import resource_group
from tests.policies.outside11.cloud import depends, own_account_provider
from tests.policies.outside13.common import case

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

IE_REGIME = {"regimes": IE}
IE_TAG = {"fleet-residency": "ie"}
PARTNER_ACCOUNT = "555566667777"  # another company's AWS account, outside this stack
OWN_ACCOUNT = "222233334444"  # a second account of ours, named by a provider of the stack (own_account_provider)
KMS = f"arn:aws:kms:eu-west-1:{ACCOUNT}:key/4b1e7c2a-9d3f-4a61-8e5b-7c0d2f1a9e34"


def kms(region: str) -> str:
    return f"arn:aws:kms:{region}:{ACCOUNT}:key/4b1e7c2a-9d3f-4a61-8e5b-7c0d2f1a9e34"


# ============================================================================ AWS: copies
AWS_DOC = {
    "lag-vault": "https://docs.aws.amazon.com/aws-backup/latest/devguide/logicallyairgappedvault.html",
    "backup-copy": "https://docs.aws.amazon.com/aws-backup/latest/devguide/cross-region-backup.html",
    "rds-export": "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ExportSnapshot.html",
    "s3-replication": "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication.html",
    "ddb-import": "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataImport.HowItWorks.html",
    "rds-backup-replication": "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReplicateBackups.html",
    "neptune-snapshot": "https://docs.aws.amazon.com/neptune/latest/userguide/backup-restore-create-snapshot.html",
    "aws-region-v7": "https://www.pulumi.com/registry/packages/aws/how-to-guides/enhanced-region-support/",
}
TABLE_ARN = f"arn:aws:dynamodb:eu-west-1:{ACCOUNT}:table/claims"


def claims_table(s: Stack) -> str:
    """The GDPR DynamoDB table of claims in Ireland (it exists)."""
    return put(
        s,
        "aws:dynamodb/table:Table",
        "claims",
        aws(s),
        known={"id": "claims", "arn": TABLE_ARN},
        name="claims",
        billingMode="PAY_PER_REQUEST",
        hashKey="id",
        attributes=[{"name": "id", "type": "S"}],
        pointInTimeRecovery={"enabled": True},
        tags=GDPR,
    )


def air_gapped_copy(vault_region: Any, per_resource: bool = False) -> Build:
    """A backup plan over the GDPR claims table whose copy action sends every recovery point to a logically
    air-gapped vault (tagged none). ``per_resource``: the vault's Region is set by its own ``region`` input
    (pulumi-aws v7) on the Ireland provider instead of by a provider of that Region."""

    def build(s: Stack) -> None:
        table = claims_table(s)
        arn_region = vault_region if isinstance(vault_region, str) else "eu-north-1"
        lag_arn = f"arn:aws:backup:{arn_region}:{ACCOUNT}:backup-vault:ledger-airgap"
        extra = {"region": vault_region} if per_resource else {}
        lag = put(
            s,
            "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault",
            "airgap",
            aws(s) if per_resource else aws(s, arn_region),
            known={"id": "ledger-airgap", "arn": lag_arn},
            name="ledger-airgap",
            minRetentionDays=7,
            maxRetentionDays=90,
            tags=NONE,
            **extra,
        )
        vault = put(
            s,
            "aws:backup/vault:Vault",
            "primary",
            aws(s),
            known={"id": "ledger-primary", "arn": f"arn:aws:backup:eu-west-1:{ACCOUNT}:backup-vault:ledger-primary"},
            name="ledger-primary",
            kmsKeyArn=KMS,
            tags=GDPR,
        )
        plan = put(
            s,
            "aws:backup/plan:Plan",
            "daily",
            aws(s),
            deps=[lag, vault],
            known={"id": "0b7c1f3e-2d4a-4e8b-9a61-5c3f0e2d1b7a"},
            name="ledger-daily",
            rules=[
                {
                    "ruleName": "daily",
                    "targetVaultName": "ledger-primary",
                    "schedule": "cron(0 3 * * ? *)",
                    "lifecycle": {"deleteAfter": 35},
                    "copyActions": [{"destinationVaultArn": lag_arn, "lifecycle": {"deleteAfter": 35}}],
                }
            ],
            tags=GDPR,
        )
        put(
            s,
            "aws:backup/selection:Selection",
            "claims",
            aws(s),
            deps=[plan, table],
            name="claims",
            planId="0b7c1f3e-2d4a-4e8b-9a61-5c3f0e2d1b7a",
            iamRoleArn=ROLE,
            resources=[TABLE_ARN],
        )

    return build


# Violates: the copy action puts every recovery point of the GDPR table in an air-gapped vault in N. Virginia;
# the vault's own tag (none) does not change whose data it holds.
case("aws13-airgap-copy-virginia", AWS_COPIES, "DENY", AWS_DOC["lag-vault"])(air_gapped_copy("us-east-1"))
# Complies: the air-gapped vault is in Stockholm.
case("aws13-airgap-copy-stockholm", AWS_COPIES, cite=AWS_DOC["lag-vault"])(air_gapped_copy("eu-north-1"))
# Violates: the vault is on the Ireland provider, but its own region input (v7) puts it in Oregon.
case("aws13-airgap-copy-region-override-oregon", AWS_COPIES, "DENY", AWS_DOC["aws-region-v7"])(
    air_gapped_copy("us-west-2", per_resource=True)
)


def export_chain(dr_region: str) -> Build:
    """A snapshot of the GDPR RDS instance is exported (Parquet) to an untagged bucket in Ireland, which
    replicates everything it holds to a DR bucket (untagged) in ``dr_region``. The export task only writes to
    a bucket in the snapshot's Region; the replication rule is where the data would leave."""

    def build(s: Stack) -> None:
        db = rds_instance(s, aws(s))
        snap = put(
            s,
            "aws:rds/snapshot:Snapshot",
            "monthly",
            aws(s),
            deps=[db],
            known={
                "id": "ledger-monthly",
                "dbSnapshotArn": f"arn:aws:rds:eu-west-1:{ACCOUNT}:snapshot:ledger-monthly",
            },
            dbInstanceIdentifier="ledger",
            dbSnapshotIdentifier="ledger-monthly",
        )
        lake = s3_bucket(s, "ledger-export-lake", "eu-west-1")
        put(
            s,
            "aws:rds/exportTask:ExportTask",
            "monthly-export",
            aws(s),
            deps=[snap, lake],
            exportTaskIdentifier="ledger-monthly-export",
            sourceArn=f"arn:aws:rds:eu-west-1:{ACCOUNT}:snapshot:ledger-monthly",
            s3BucketName="ledger-export-lake",
            s3Prefix="rds/",
            iamRoleArn=ROLE,
            kmsKeyId=KMS,
        )
        dr = s3_bucket(s, "ledger-export-dr", dr_region)
        put(
            s,
            "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
            "lake-dr",
            aws(s),
            deps=[lake, dr],
            bucket="ledger-export-lake",
            role=ROLE,
            rules=[
                {
                    "id": "everything",
                    "status": "Enabled",
                    "filter": {},
                    "deleteMarkerReplication": {"status": "Disabled"},
                    "destination": {"bucket": "arn:aws:s3:::ledger-export-dr", "storageClass": "STANDARD"},
                }
            ],
        )

    return build


# Violates: the untagged export bucket receives the GDPR database's export and replicates it to Ohio.
case("aws13-rds-export-then-replicated-ohio", AWS_COPIES, "DENY", AWS_DOC["rds-export"])(export_chain("us-east-2"))
# Complies: the export's replica bucket is in Frankfurt.
case("aws13-rds-export-then-replicated-frankfurt", AWS_COPIES, cite=AWS_DOC["rds-export"])(export_chain("eu-central-1"))


def import_from_gdpr_bucket(region: str, source: Any = None) -> Build:
    """A new, untagged DynamoDB table created by importing the GDPR claims export (DynamoDB JSON) from the
    Ireland bucket. ``source``: the s3BucketSource value as written (malformed cases)."""

    def build(s: Stack) -> None:
        src = s3_bucket(s, "ledger-exports", "eu-west-1", GDPR)
        bucket_source = {"bucket": "ledger-exports", "keyPrefix": "claims/"} if source is None else source
        put(
            s,
            "aws:dynamodb/table:Table",
            "claims-imported",
            aws(s, region),
            deps=[src],
            name="claims-imported",
            billingMode="PAY_PER_REQUEST",
            hashKey="id",
            attributes=[{"name": "id", "type": "S"}],
            importTable={"inputFormat": "DYNAMODB_JSON", "s3BucketSource": bucket_source},
        )

    return build


# Violates: the imported copy of the GDPR export is a table in N. Virginia.
case("aws13-ddb-import-gdpr-export-virginia", AWS_COPIES, "DENY", AWS_DOC["ddb-import"])(
    import_from_gdpr_bucket("us-east-1")
)
# Complies: the imported table is in Ireland.
case("aws13-ddb-import-gdpr-export-ireland", AWS_COPIES, cite=AWS_DOC["ddb-import"])(
    import_from_gdpr_bucket("eu-west-1")
)


def restore_from_replicated_backups(region: str) -> Build:
    """The GDPR instance's automated backups are replicated to ``region``, and an untagged instance there is
    restored from the replicated backups (restoreToPointInTime names them by ARN)."""

    def build(s: Stack) -> None:
        db = rds_instance(s, aws(s))
        ab_arn = f"arn:aws:rds:{region}:{ACCOUNT}:auto-backup:ab-7q2kzr4mdx5vnyb3hc6wlp0fgs"
        repl = put(
            s,
            "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication",
            "ledger-backups",
            aws(s, region),
            deps=[db],
            known={"id": ab_arn},
            sourceDbInstanceArn=f"arn:aws:rds:eu-west-1:{ACCOUNT}:db:ledger",
            kmsKeyId=kms(region),
            retentionPeriod=7,
        )
        put(
            s,
            "aws:rds/instance:Instance",
            "ledger-restored",
            aws(s, region),
            deps=[repl],
            identifier="ledger-restored",
            instanceClass="db.r6g.large",
            restoreToPointInTime={"sourceDbInstanceAutomatedBackupsArn": ab_arn, "useLatestRestorableTime": True},
            skipFinalSnapshot=True,
        )

    return build


# Violates: the restored instance (a copy of the GDPR database) runs in N. Virginia.
case("aws13-restore-replicated-backups-virginia", AWS_COPIES, "DENY", AWS_DOC["rds-backup-replication"])(
    restore_from_replicated_backups("us-east-1")
)
# Complies: backups replicated to and restored in Frankfurt.
case("aws13-restore-replicated-backups-frankfurt", AWS_COPIES, cite=AWS_DOC["rds-backup-replication"])(
    restore_from_replicated_backups("eu-central-1")
)


def neptune_snapshot(s: Stack) -> None:
    cluster = put(
        s,
        "aws:neptune/cluster:Cluster",
        "graph",
        aws(s),
        known={"id": "ledger-graph", "arn": f"arn:aws:rds:eu-west-1:{ACCOUNT}:cluster:ledger-graph"},
        clusterIdentifier="ledger-graph",
        engine="neptune",
        storageEncrypted=True,
        kmsKeyArn=KMS,
        skipFinalSnapshot=False,
        tags=GDPR,
    )
    put(
        s,
        "aws:neptune/clusterSnapshot:ClusterSnapshot",
        "graph-weekly",
        aws(s),
        deps=[cluster],
        dbClusterIdentifier="ledger-graph",
        dbClusterSnapshotIdentifier="ledger-graph-weekly",
    )


# Complies: a manual snapshot of the GDPR Neptune cluster stays in the cluster's Region (Ireland); it carries
# no tag of its own.
case("aws13-neptune-snapshot-untagged", AWS_COPIES, cite=AWS_DOC["neptune-snapshot"])(neptune_snapshot)


# ============================================================================ GCP: copies
GCP_DOC = {
    "mig-template": "https://cloud.google.com/compute/docs/instance-templates",
    "regional-mig": "https://cloud.google.com/compute/docs/instance-groups/regional-migs",
    "images": "https://cloud.google.com/compute/docs/images/create-custom",
    "vector-index": "https://cloud.google.com/vertex-ai/docs/vector-search/create-manage-index",
    "instant-snapshot": "https://cloud.google.com/compute/docs/disks/instant-snapshots",
    "vertex-locations": "https://cloud.google.com/vertex-ai/docs/general/locations",
}
IMAGE = f"https://www.googleapis.com/compute/v1/projects/{PROJECT}/global/images/ledger-golden"
TEMPLATE = f"https://www.googleapis.com/compute/v1/projects/{PROJECT}/global/instanceTemplates/ledger-workers"


def golden_template(s: Stack) -> str:
    """A GDPR image built from the ledger disk (stored in Frankfurt), and an untagged instance template whose
    boot disk is created from it."""
    image = put(
        s,
        "gcp:compute/image:Image",
        "golden",
        gcp(s),
        known={"id": f"projects/{PROJECT}/global/images/ledger-golden", "selfLink": IMAGE},
        name="ledger-golden",
        project=PROJECT,
        sourceDisk=f"projects/{PROJECT}/zones/europe-west3-a/disks/ledger",
        storageLocations=["europe-west3"],
        labels=GDPR,
    )
    return put(
        s,
        "gcp:compute/instanceTemplate:InstanceTemplate",
        "workers",
        gcp(s),
        deps=[image],
        known={"id": f"projects/{PROJECT}/global/instanceTemplates/ledger-workers", "selfLink": TEMPLATE},
        name="ledger-workers",
        project=PROJECT,
        machineType="e2-standard-4",
        disks=[{"sourceImage": IMAGE, "boot": True, "autoDelete": True}],
        networkInterfaces=[{"network": "default"}],
    )


def regional_mig(region: Any, versions: Any = None) -> Build:
    """A regional managed instance group whose VMs boot from disks made from the GDPR image."""

    def build(s: Stack) -> None:
        tmpl = golden_template(s)
        put(
            s,
            "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager",
            "workers",
            gcp(s, region if isinstance(region, str) else "europe-west3"),
            deps=[tmpl],
            name="ledger-workers",
            project=PROJECT,
            region=region,
            baseInstanceName="ledger-worker",
            targetSize=3,
            versions=[{"name": "primary", "instanceTemplate": TEMPLATE}] if versions is None else versions,
        )

    return build


# Violates: the group's VMs, each with a boot disk copied from the GDPR image, run in Iowa.
case("gcp13-mig-from-gdpr-image-iowa", GCP_COPIES, "DENY", GCP_DOC["regional-mig"])(regional_mig("us-central1"))
# Violates: the same group in London, outside the EEA.
case("gcp13-mig-from-gdpr-image-london", GCP_COPIES, "DENY", GCP_DOC["regional-mig"])(regional_mig("europe-west2"))
# Complies: the group runs in Frankfurt.
case("gcp13-mig-from-gdpr-image-frankfurt", GCP_COPIES, cite=GCP_DOC["regional-mig"])(regional_mig("europe-west3"))


def zonal_mig(zone: str) -> Build:
    def build(s: Stack) -> None:
        tmpl = golden_template(s)
        put(
            s,
            "gcp:compute/instanceGroupManager:InstanceGroupManager",
            "batch",
            gcp(s, zone.rsplit("-", 1)[0]),
            deps=[tmpl],
            name="ledger-batch",
            project=PROJECT,
            zone=zone,
            baseInstanceName="ledger-batch",
            targetSize=2,
            versions=[{"name": "primary", "instanceTemplate": TEMPLATE}],
        )

    return build


# Violates: a zonal group in South Carolina boots from the GDPR image.
case("gcp13-zonal-mig-gdpr-image-carolina", GCP_COPIES, "DENY", GCP_DOC["mig-template"])(zonal_mig("us-east1-b"))
# Complies: the zonal group is in the Netherlands.
case("gcp13-zonal-mig-gdpr-image-netherlands", GCP_COPIES, cite=GCP_DOC["mig-template"])(zonal_mig("europe-west4-a"))


def vector_index(region: Any = "europe-west3", metadata: Any = None, provider_region: str = "europe-west3") -> Build:
    """A Vertex AI Vector Search index built (batch) from embeddings of GDPR documents in a Frankfurt bucket;
    the index holds a copy of them in its own region. ``region`` None: unset (the provider's)."""

    def build(s: Stack) -> None:
        src = gcs_bucket(s, "ledger-embeddings", "EUROPE-WEST3", GDPR)
        inputs: dict[str, Any] = {
            "displayName": "claims-similarity",
            "project": PROJECT,
            "indexUpdateMethod": "BATCH_UPDATE",
            "metadata": metadata
            if metadata is not None
            else {
                "contentsDeltaUri": "gs://ledger-embeddings/claims",
                "config": {
                    "dimensions": 768,
                    "approximateNeighborsCount": 150,
                    "shardSize": "SHARD_SIZE_SMALL",
                    "distanceMeasureType": "DOT_PRODUCT_DISTANCE",
                    "algorithmConfig": {"treeAhConfig": {"leafNodeEmbeddingCount": 500}},
                },
            },
        }
        if region is not None:
            inputs["region"] = region
        put(s, "gcp:vertex/aiIndex:AiIndex", "claims-index", gcp(s, provider_region), deps=[src], **inputs)

    return build


# Violates: the index (a copy of the GDPR embeddings) is built in Iowa.
case("gcp13-vector-index-gdpr-embeddings-iowa", GCP_COPIES, "DENY", GCP_DOC["vector-index"])(
    vector_index("us-central1")
)
# Complies: the index is in Frankfurt.
case("gcp13-vector-index-gdpr-embeddings-frankfurt", GCP_COPIES, cite=GCP_DOC["vector-index"])(vector_index())
# Violates: the index sets no region, so it is created in its provider's region, Iowa.
case("gcp13-vector-index-provider-region-iowa", GCP_COPIES, "DENY", GCP_DOC["vertex-locations"])(
    vector_index(None, provider_region="us-central1")
)


def instant_snapshot(zone: Any = "europe-west3-a") -> Build:
    def build(s: Stack) -> None:
        disk = put(
            s,
            "gcp:compute/disk:Disk",
            "ledger",
            gcp(s),
            known={
                "id": f"projects/{PROJECT}/zones/europe-west3-a/disks/ledger",
                "selfLink": f"https://www.googleapis.com/compute/v1/projects/{PROJECT}/zones/europe-west3-a/disks/ledger",
            },
            name="ledger",
            project=PROJECT,
            zone="europe-west3-a",
            size=200,
            type="pd-balanced",
            labels=GDPR,
        )
        put(
            s,
            "gcp:compute/instantSnapshot:InstantSnapshot",
            "ledger-instant",
            gcp(s),
            deps=[disk],
            name="ledger-before-upgrade",
            project=PROJECT,
            zone=zone,
            sourceDisk=f"projects/{PROJECT}/zones/europe-west3-a/disks/ledger",
        )

    return build


# Complies: an instant snapshot lives in its source disk's zone (Frankfurt); it has no label of its own.
case("gcp13-instant-snapshot-untagged", GCP_COPIES, cite=GCP_DOC["instant-snapshot"])(instant_snapshot())


# ============================================================================ Azure: copies
AZ_DOC = {
    "mysql-backup": "https://learn.microsoft.com/en-us/azure/mysql/flexible-server/concepts-backup-restore",
    "mysql-replica": "https://learn.microsoft.com/en-us/azure/mysql/flexible-server/concepts-read-replicas",
    "pairs": "https://learn.microsoft.com/en-us/azure/reliability/cross-region-replication-azure",
    "esan-snapshot": "https://learn.microsoft.com/en-us/azure/storage/elastic-san/elastic-san-snapshots",
    "blob-inventory": "https://learn.microsoft.com/en-us/azure/storage/blobs/blob-inventory",
}
MYSQL_ID = f"{RG}/Microsoft.DBforMySQL/flexibleServers/ledger-mysql"


def mysql_source(s: Stack, geo_backup: str = "Disabled") -> str:
    """The Irish-regime MySQL flexible server in North Europe (Dublin)."""
    return az(
        s,
        "azure-native:dbformysql:Server",
        "ledger-mysql",
        "northeurope",
        IE_TAG,
        "Microsoft.DBforMySQL/flexibleServers/ledger-mysql",
        serverName="ledger-mysql",
        version="8.0.21",
        administratorLogin="ledger",
        sku={"name": "Standard_D2ds_v4", "tier": "GeneralPurpose"},
        storage={"storageSizeGB": 64},
        backup={"backupRetentionDays": 14, "geoRedundantBackup": geo_backup},
    )


def mysql_copy(location: str, create_mode: str, source_id: Any = MYSQL_ID, **extra: Any) -> Build:
    """An untagged MySQL flexible server made from the Irish server: a restore or a read replica."""

    def build(s: Stack) -> None:
        src = mysql_source(s)
        put(
            s,
            "azure-native:dbformysql:Server",
            "ledger-mysql-copy",
            azure(s, location),
            deps=[src],
            resourceGroupName="ledger",
            serverName="ledger-mysql-copy",
            location=location,
            createMode=create_mode,
            sourceServerResourceId=source_id,
            **extra,
        )

    return build


# Violates: a geo-restore puts the Irish server's data in its paired region, West Europe (Netherlands).
case("az13-mysql-geo-restore-paired-netherlands", AZURE_COPIES, "DENY", AZ_DOC["mysql-backup"], config=IE_REGIME)(
    mysql_copy("westeurope", "GeoRestore")
)
# Complies: a point-in-time restore in North Europe.
case("az13-mysql-point-in-time-restore-dublin", AZURE_COPIES, cite=AZ_DOC["mysql-backup"], config=IE_REGIME)(
    mysql_copy("northeurope", "PointInTimeRestore", restorePointInTime="2025-06-01T03:00:00Z")
)
# Violates: a cross-region read replica of the Irish server in East US.
case("az13-mysql-replica-east-us", AZURE_COPIES, "DENY", AZ_DOC["mysql-replica"], config=IE_REGIME)(
    mysql_copy("eastus", "Replica")
)
# Complies: the replica is in North Europe.
case("az13-mysql-replica-dublin", AZURE_COPIES, cite=AZ_DOC["mysql-replica"], config=IE_REGIME)(
    mysql_copy("northeurope", "Replica")
)


def mysql_geo_backup(setting: str) -> Build:
    def build(s: Stack) -> None:
        mysql_source(s, setting)

    return build


# Violates: geo-redundant backups of the Irish server are kept in the paired region (West Europe).
case("az13-mysql-geo-backup-irish", AZURE_COPIES, "DENY", AZ_DOC["pairs"], config=IE_REGIME)(
    mysql_geo_backup("Enabled")
)
# Complies: backups stay in the server's region.
case("az13-mysql-local-backup-irish", AZURE_COPIES, cite=AZ_DOC["mysql-backup"], config=IE_REGIME)(
    mysql_geo_backup("Disabled")
)


def elastic_san(s: Stack, location: Any = "westeurope", tags: dict[str, str] | None = GDPR) -> str:
    return az(
        s,
        "azure-native:elasticsan:ElasticSan",
        "ledger-san",
        location,
        tags,
        "Microsoft.ElasticSan/elasticSans/ledger-san",
        elasticSanName="ledger-san",
        baseSizeTiB=1,
        extendedCapacitySizeTiB=0,
        sku={"name": "Premium_LRS"},
    )


def san_snapshot(s: Stack) -> None:
    san = elastic_san(s)
    base = f"{RG}/Microsoft.ElasticSan/elasticSans/ledger-san/volumegroups/claims"
    group = put(
        s,
        "azure-native:elasticsan:VolumeGroup",
        "claims",
        azure(s),
        deps=[san],
        known={"id": base},
        resourceGroupName="ledger",
        elasticSanName="ledger-san",
        volumeGroupName="claims",
        protocolType="Iscsi",
    )
    vol = put(
        s,
        "azure-native:elasticsan:Volume",
        "claims-data",
        azure(s),
        deps=[group],
        known={"id": f"{base}/volumes/data"},
        resourceGroupName="ledger",
        elasticSanName="ledger-san",
        volumeGroupName="claims",
        volumeName="data",
        sizeGiB=512,
    )
    put(
        s,
        "azure-native:elasticsan:VolumeSnapshot",
        "claims-data-snap",
        azure(s),
        deps=[vol],
        resourceGroupName="ledger",
        elasticSanName="ledger-san",
        volumeGroupName="claims",
        snapshotName="data-nightly",
        creationData={"sourceId": f"{base}/volumes/data"},
    )


# Complies: an Elastic SAN volume snapshot is a child of its SAN (West Europe); it has no location or tag.
case("az13-elastic-san-snapshot-untagged", AZURE_COPIES, cite=AZ_DOC["esan-snapshot"])(san_snapshot)


def blob_inventory(rules: Any = None) -> Build:
    def build(s: Stack) -> None:
        acct = storage_account(s, "ledgerclaims", "westeurope", GDPR)
        put(
            s,
            "azure-native:storage:BlobInventoryPolicy",
            "inventory",
            azure(s),
            deps=[acct],
            resourceGroupName="ledger",
            accountName="ledgerclaims",
            blobInventoryPolicyName="default",
            policy={
                "enabled": True,
                "type": "Inventory",
                "rules": rules
                if rules is not None
                else [
                    {
                        "enabled": True,
                        "name": "daily",
                        "destination": "inventory",
                        "definition": {
                            "format": "Csv",
                            "schedule": "Daily",
                            "objectType": "Blob",
                            "schemaFields": ["Name", "Content-Length", "LastAccessTime"],
                            "filters": {"blobTypes": ["blockBlob"]},
                        },
                    }
                ],
            },
        )

    return build


# Complies: the inventory report is written to a container of the same GDPR account in West Europe.
case("az13-blob-inventory-same-account", AZURE_COPIES, cite=AZ_DOC["blob-inventory"])(blob_inventory())


# ============================================================================ outside destinations
OUT_DOC = {
    "lf-cross-account": "https://docs.aws.amazon.com/lake-formation/latest/dg/cross-account-permissions.html",
    "rsl-share": "https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-snapshots-recovery-points.html",
    "datasync-nfs": "https://docs.aws.amazon.com/datasync/latest/userguide/create-nfs-location.html",
    "datasync-object": "https://docs.aws.amazon.com/datasync/latest/userguide/create-object-location.html",
    "gcs-public": "https://cloud.google.com/storage/docs/access-control/making-data-public",
}


def lake_formation_grant(principal: Any, table: Any = None) -> Build:
    """A Lake Formation grant of SELECT on the GDPR claims table (its data is the Ireland claims bucket)."""

    def build(s: Stack) -> None:
        own_account_provider(s)
        bucket = s3_bucket(s, "ledger-exports", "eu-west-1", GDPR)
        db = put(
            s,
            "aws:glue/catalogDatabase:CatalogDatabase",
            "ledger",
            aws(s),
            known={"id": f"{ACCOUNT}:ledger", "arn": f"arn:aws:glue:eu-west-1:{ACCOUNT}:database/ledger"},
            name="ledger",
            tags=GDPR,
        )
        tbl = put(
            s,
            "aws:glue/catalogTable:CatalogTable",
            "claims",
            aws(s),
            deps=[db, bucket],
            known={"id": f"{ACCOUNT}:ledger:claims", "arn": f"arn:aws:glue:eu-west-1:{ACCOUNT}:table/ledger/claims"},
            databaseName="ledger",
            name="claims",
            tableType="EXTERNAL_TABLE",
            storageDescriptor={"location": "s3://ledger-exports/claims/"},
        )
        put(
            s,
            "aws:lakeformation/permissions:Permissions",
            "claims-select",
            aws(s),
            deps=[tbl],
            principal=principal,
            permissions=["SELECT", "DESCRIBE"],
            catalogId=ACCOUNT,
            table={"databaseName": "ledger", "name": "claims"} if table is None else table,
        )

    return build


# Violates: another company's account may query, and so copy to any Region, the GDPR claims table.
case("out13-lakeformation-partner-account", OUTSIDE, "DENY", OUT_DOC["lf-cross-account"])(
    lake_formation_grant(PARTNER_ACCOUNT)
)
# Complies: the grant is to our own second account, which a provider of the stack names.
case("out13-lakeformation-own-account", OUTSIDE, cite=OUT_DOC["lf-cross-account"])(lake_formation_grant(OWN_ACCOUNT))

RSL_SNAPSHOT = f"arn:aws:redshift-serverless:eu-west-1:{ACCOUNT}:snapshot/3c9e1b0a-7d4f-4e2a-b8c6-1f0e9d2a7b54"


def shared_rsl_snapshot(principal: Any, snapshot_arn: Any = RSL_SNAPSHOT) -> Build:
    """A resource policy on a snapshot of the GDPR Redshift Serverless namespace letting ``principal`` restore
    it (RestoreFromSnapshot)."""

    def build(s: Stack) -> None:
        own_account_provider(s)
        ns = put(
            s,
            "aws:redshiftserverless/namespace:Namespace",
            "ledger",
            aws(s),
            known={
                "id": "ledger",
                "arn": f"arn:aws:redshift-serverless:eu-west-1:{ACCOUNT}:namespace/8f2d6a1c-0b3e-4c7d-9e5f",
            },
            namespaceName="ledger",
            kmsKeyId=KMS,
            tags=GDPR,
        )
        snap = put(
            s,
            "aws:redshiftserverless/snapshot:Snapshot",
            "ledger-q2",
            aws(s),
            deps=[ns],
            known=None if snapshot_arn == UNKNOWN else {"id": "ledger-q2", "arn": RSL_SNAPSHOT},
            namespaceName="ledger",
            snapshotName="ledger-q2",
            retentionPeriod=-1,
        )
        policy = put(
            s,
            "aws:redshiftserverless/resourcePolicy:ResourcePolicy",
            "ledger-q2-share",
            aws(s),
            deps=[snap],
            resourceArn=snapshot_arn,
            policy=json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Principal": {"AWS": principal},
                            "Action": ["redshift-serverless:RestoreFromSnapshot", "redshift-serverless:GetSnapshot"],
                        }
                    ],
                }
            ),
        )
        if snapshot_arn == UNKNOWN:
            depends(s, policy, resourceArn=[snap])

    return build


# Violates: the GDPR warehouse's snapshot is shared with another company's account.
case("out13-rsl-snapshot-shared-partner", OUTSIDE, "DENY", OUT_DOC["rsl-share"])(shared_rsl_snapshot([PARTNER_ACCOUNT]))
# Violates: the snapshot is shared with every account.
case("out13-rsl-snapshot-shared-everyone", OUTSIDE, "DENY", OUT_DOC["rsl-share"])(shared_rsl_snapshot("*"))
# Complies: shared with our own second account only.
case("out13-rsl-snapshot-shared-own-account", OUTSIDE, cite=OUT_DOC["rsl-share"])(shared_rsl_snapshot([OWN_ACCOUNT]))

EFS_LOC = f"arn:aws:datasync:eu-west-1:{ACCOUNT}:location/loc-0efs1a2b3c4d5e6f7"
AGENT = f"arn:aws:datasync:eu-west-1:{ACCOUNT}:agent/agent-0b1c2d3e4f5a6b7c8"


def datasync_out(kind: str, source_arn: Any = EFS_LOC) -> Build:
    """A DataSync task copying the GDPR EFS file system to ``kind``: an NFS export in our own data centre, an
    S3-compatible object store of a partner, or an S3 bucket of the stack in Ireland."""

    def build(s: Stack) -> None:
        fs = put(
            s,
            "aws:efs/fileSystem:FileSystem",
            "claims-share",
            aws(s),
            known={
                "id": "fs-0c1d2e3f4a5b6c7d8",
                "arn": f"arn:aws:elasticfilesystem:eu-west-1:{ACCOUNT}:file-system/fs-0c1d2e3f4a5b6c7d8",
            },
            encrypted=True,
            tags=GDPR,
        )
        src = put(
            s,
            "aws:datasync/efsLocation:EfsLocation",
            "efs-src",
            aws(s),
            deps=[fs],
            known=None if source_arn == UNKNOWN else {"id": EFS_LOC, "arn": EFS_LOC},
            efsFileSystemArn=f"arn:aws:elasticfilesystem:eu-west-1:{ACCOUNT}:file-system/fs-0c1d2e3f4a5b6c7d8",
            ec2Config={
                "securityGroupArns": [f"arn:aws:ec2:eu-west-1:{ACCOUNT}:security-group/sg-0a1b2c3d4e5f60718"],
                "subnetArn": f"arn:aws:ec2:eu-west-1:{ACCOUNT}:subnet/subnet-0a1b2c3d4e5f60718",
            },
        )
        if kind == "nfs":
            dest_arn = f"arn:aws:datasync:eu-west-1:{ACCOUNT}:location/loc-0nfs7f6e5d4c3b2a1"
            dest = put(
                s,
                "aws:datasync/nfsLocation:NfsLocation",
                "onprem",
                aws(s),
                known={"id": dest_arn, "arn": dest_arn},
                serverHostname="filer01.dc-rotterdam.ledger.example",
                subdirectory="/exports/claims",
                onPremConfig={"agentArns": [AGENT]},
            )
        elif kind == "object":
            dest_arn = f"arn:aws:datasync:eu-west-1:{ACCOUNT}:location/loc-0obj7f6e5d4c3b2a1"
            dest = put(
                s,
                "aws:datasync/locationObjectStorage:LocationObjectStorage",
                "partner",
                aws(s),
                known={"id": dest_arn, "arn": dest_arn},
                serverHostname="objects.partner-archive.example",
                bucketName="ledger-drop",
                serverProtocol="HTTPS",
                agentArns=[AGENT],
            )
        else:
            bucket = s3_bucket(s, "ledger-efs-copy", "eu-west-1")
            dest_arn = f"arn:aws:datasync:eu-west-1:{ACCOUNT}:location/loc-0s3a7f6e5d4c3b2a1"
            dest = put(
                s,
                "aws:datasync/s3Location:S3Location",
                "copy",
                aws(s),
                deps=[bucket],
                known={"id": dest_arn, "arn": dest_arn},
                s3BucketArn="arn:aws:s3:::ledger-efs-copy",
                subdirectory="/claims",
                s3Config={"bucketAccessRoleArn": ROLE},
            )
        task = put(
            s,
            "aws:datasync/task:Task",
            "claims-sync",
            aws(s),
            deps=[src, dest],
            name="claims-sync",
            sourceLocationArn=source_arn,
            destinationLocationArn=dest_arn,
        )
        if source_arn == UNKNOWN:
            depends(s, task, sourceLocationArn=[src])

    return build


# Violates: the GDPR file share is copied to an NFS filer in a data centre no cloud region places.
case("out13-datasync-efs-to-onprem-nfs", OUTSIDE, "DENY", OUT_DOC["datasync-nfs"])(datasync_out("nfs"))
# Violates: the GDPR file share is copied to a partner's S3-compatible object store.
case("out13-datasync-efs-to-partner-object-store", OUTSIDE, "DENY", OUT_DOC["datasync-object"])(datasync_out("object"))
# Complies: the copy goes to an S3 bucket of the stack in Ireland.
case("out13-datasync-efs-to-stack-bucket", OUTSIDE, cite=OUT_DOC["datasync-nfs"])(datasync_out("s3"))


def gcs_member(member: str) -> Build:
    def build(s: Stack) -> None:
        bucket = gcs_bucket(s, "ledger-files", "EUROPE-WEST3", GDPR)
        put(
            s,
            "gcp:storage/bucketIAMMember:BucketIAMMember",
            "readers",
            gcp(s),
            deps=[bucket],
            bucket="ledger-files",
            role="roles/storage.objectViewer",
            member=member,
        )

    return build


# Violates: every internet user may read (and so copy anywhere) the GDPR bucket's objects.
case("out13-gcs-gdpr-bucket-all-users", OUTSIDE, "DENY", OUT_DOC["gcs-public"])(gcs_member("allUsers"))
# Complies: read access for the project's own service account.
case("out13-gcs-gdpr-bucket-own-service-account", OUTSIDE, cite=OUT_DOC["gcs-public"])(
    gcs_member(f"serviceAccount:claims-api@{PROJECT}.iam.gserviceaccount.com")
)


# ============================================================================ unset location defaults
DEF_DOC = {
    "aws-region-v7": "https://www.pulumi.com/registry/packages/aws/how-to-guides/enhanced-region-support/",
    "aws-provider-region": "https://www.pulumi.com/registry/packages/aws/installation-configuration/",
    "gcp-provider-region": "https://www.pulumi.com/registry/packages/gcp/installation-configuration/",
    "tensorboard": "https://www.pulumi.com/registry/packages/gcp/api-docs/vertex/aitensorboard/",
    "arm-location": "https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/overview#resource-group-location",
}


def kendra(provider: Callable[[Stack], str], role: Any = ROLE, **extra: Any) -> Build:
    def build(s: Stack) -> None:
        put(
            s,
            "aws:kendra/index:Index",
            "claims-search",
            provider(s),
            name="claims-search",
            edition="DEVELOPER_EDITION",
            roleArn=role,
            tags=GDPR,
            **extra,
        )

    return build


def no_region(s: Stack) -> str:
    urn = s.urn("pulumi:providers:aws", "aws-noregion")
    if all(r.urn != urn for r in s.resources):
        s.provider("aws", "aws-noregion")
    return urn


# Violates: neither the GDPR index nor its provider sets a Region (it comes from the environment).
case("def13-kendra-no-region-anywhere", DEFAULTS, "DENY", DEF_DOC["aws-provider-region"])(kendra(no_region))
# Complies: the index's own region input (v7) puts it in Ireland, whatever the environment says.
case("def13-kendra-own-region-ireland", DEFAULTS, cite=DEF_DOC["aws-region-v7"])(kendra(no_region, region="eu-west-1"))


def tensorboard(provider_region: str | None, region: Any = None, **extra: Any) -> Build:
    def build(s: Stack) -> None:
        if provider_region is None:
            prov = s.provider("gcp", "gcp-noregion", project=PROJECT)
        else:
            prov = gcp(s, provider_region)
        inputs: dict[str, Any] = {"displayName": "claims-experiments", "project": PROJECT, "labels": GDPR, **extra}
        if region is not None:
            inputs["region"] = region
        put(s, "gcp:vertex/aiTensorboard:AiTensorboard", "experiments", prov, **inputs)

    return build


# Violates: the GDPR TensorBoard sets no region and its provider none either.
case("def13-tensorboard-no-region-anywhere", DEFAULTS, "DENY", DEF_DOC["gcp-provider-region"])(tensorboard(None))
# Complies: unset on the resource, the provider's region (Frankfurt) decides.
case("def13-tensorboard-provider-frankfurt", DEFAULTS, cite=DEF_DOC["tensorboard"])(tensorboard("europe-west3"))


def san_in_group(rg_location: str | None) -> Build:
    """A GDPR Elastic SAN without a location in resource group ``ledger``; ``rg_location`` None: the group is
    not in the stack."""

    def build(s: Stack) -> None:
        if rg_location is not None:
            resource_group(s, rg_location)
        put(
            s,
            "azure-native:elasticsan:ElasticSan",
            "ledger-san",
            azure(s),
            resourceGroupName="ledger",
            elasticSanName="ledger-san",
            baseSizeTiB=1,
            extendedCapacitySizeTiB=0,
            sku={"name": "Premium_LRS"},
            tags=GDPR,
        )

    return build


# Violates: the SAN takes its resource group's location, East US.
case("def13-elastic-san-group-east-us", DEFAULTS, "DENY", DEF_DOC["arm-location"])(san_in_group("eastus"))
# Violates: the resource group is not in the stack, so the SAN's location cannot be determined.
case("def13-elastic-san-group-unknown", DEFAULTS, "DENY", DEF_DOC["arm-location"])(san_in_group(None))
# Complies: the resource group is in West Europe.
case("def13-elastic-san-group-west-europe", DEFAULTS, cite=DEF_DOC["arm-location"])(san_in_group("westeurope"))


# ============================================================================ Kubernetes operators
OP_DOC = {
    "ack": "https://aws-controllers-k8s.github.io/community/docs/user-docs/multi-region-resource-management/",
    "crossplane-sqs": "https://marketplace.upbound.io/providers/upbound/provider-aws-sqs/latest/resources/sqs.aws.upbound.io/Queue/v1beta1",
    "kcc-ar": "https://cloud.google.com/config-connector/docs/reference/resource-docs/artifactregistry/artifactregistryrepository",
    "aso-insights": "https://azure.github.io/azure-service-operator/reference/insights/v1api20200202/",
}


def ack_efs(region: str) -> Callable[[Stack, str], str]:
    return custom_resource(
        "efs.services.k8s.aws/v1alpha1",
        "FileSystem",
        "acme-share",
        "acme",
        {"encrypted": True, "performanceMode": "generalPurpose", "throughputMode": "elastic"},
        annotations={"services.k8s.aws/region": region},
    )


# Violates: ACK creates the GDPR tenant's EFS file system in Oregon.
case("op13-ack-efs-oregon", OPERATORS, "DENY", OP_DOC["ack"])(operator(ack_efs("us-west-2")))
# Complies: the file system is in Paris.
case("op13-ack-efs-paris", OPERATORS, cite=OP_DOC["ack"])(operator(ack_efs("eu-west-3")))


def crossplane_queue(region: str) -> Callable[[Stack, str], str]:
    return custom_resource(
        "sqs.aws.upbound.io/v1beta1",
        "Queue",
        "acme-claims-queue",
        None,
        {
            "forProvider": {"region": region, "messageRetentionSeconds": 345600, "sqsManagedSseEnabled": True},
            "providerConfigRef": {"name": "default"},
        },
        labels={**GDPR, "fleet-tenant": "acme"},
    )


# Violates: a cluster-scoped Crossplane SQS queue labelled GDPR is created in São Paulo.
case("op13-crossplane-sqs-sao-paulo", OPERATORS, "DENY", OP_DOC["crossplane-sqs"])(
    operator(crossplane_queue("sa-east-1"))
)
# Complies: the queue is in Milan.
case("op13-crossplane-sqs-milan", OPERATORS, cite=OP_DOC["crossplane-sqs"])(operator(crossplane_queue("eu-south-1")))


def kcc_registry(location: str) -> Callable[[Stack, str], str]:
    return custom_resource(
        "artifactregistry.cnrm.cloud.google.com/v1beta1",
        "ArtifactRegistryRepository",
        "acme-images",
        "acme",
        {"location": location, "format": "DOCKER"},
        annotations={"cnrm.cloud.google.com/project-id": "acme-prod"},
    )


# Violates: Config Connector creates the GDPR tenant's repository in the US multi-region.
case("op13-kcc-artifact-registry-us", OPERATORS, "DENY", OP_DOC["kcc-ar"])(operator(kcc_registry("us"), "gcp"))
# Complies: the repository is in Frankfurt.
case("op13-kcc-artifact-registry-frankfurt", OPERATORS, cite=OP_DOC["kcc-ar"])(
    operator(kcc_registry("europe-west3"), "gcp")
)


def aso_insights(location: str) -> Callable[[Stack, str], str]:
    return custom_resource(
        "insights.azure.com/v1api20200202",
        "Component",
        "acme-telemetry",
        "acme",
        {"location": location, "kind": "web", "Application_Type": "web", "owner": {"name": "acme-rg"}},
    )


# Violates: Azure Service Operator creates the GDPR tenant's Application Insights component in Australia East.
case("op13-aso-app-insights-australia", OPERATORS, "DENY", OP_DOC["aso-insights"])(
    operator(aso_insights("australiaeast"), "azure-native")
)
# Complies: the component is in Sweden Central.
case("op13-aso-app-insights-sweden", OPERATORS, cite=OP_DOC["aso-insights"])(
    operator(aso_insights("swedencentral"), "azure-native")
)


# ============================================================================ cloud guardrails
GRD_DOC = {
    "declarative": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_declarative.html",
    "scp-region": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html",
    "principal-account": "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalaccount",
    "az-exemption": "https://learn.microsoft.com/en-us/azure/governance/policy/concepts/exemption-structure",
    "gcp-locations": "https://cloud.google.com/resource-manager/docs/organization-policy/defining-locations",
}


def scp_document(condition: dict[str, Any], action_star: bool = False) -> str:
    statement: dict[str, Any] = {"Sid": "DenyOutsideEEA", "Effect": "Deny", "Resource": "*", "Condition": condition}
    if action_star:
        statement["Action"] = "*"
    else:
        statement["NotAction"] = GLOBAL_SERVICES
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


# Violates: the region document is attached as an EC2 declarative policy, which denies no request.
case("grd13-aws-declarative-policy-type", GUARDRAILS, "DENY", GRD_DOC["declarative"])(
    eks_guarded(policy_type="DECLARATIVE_POLICY_EC2")
)
# Violates: the deny applies only to principals of other accounts (aws:PrincipalAccount), so nothing in the
# cluster's own account is refused.
case("grd13-aws-scp-exempts-own-account", GUARDRAILS, "DENY", GRD_DOC["principal-account"])(
    eks_guarded(scp_document({"StringNotEquals": {"aws:RequestedRegion": GDPR_AWS, "aws:PrincipalAccount": [ACCOUNT]}}))
)
# Complies: the deny covers every action outside the EEA regions, global services included (stricter).
case("grd13-aws-scp-action-star", GUARDRAILS, cite=GRD_DOC["scp-region"])(
    eks_guarded(scp_document({"StringNotEquals": {"aws:RequestedRegion": GDPR_AWS}}, action_star=True))
)


def resource_exemption(assignment: str) -> Build:
    """The guarded AKS cluster, plus a policy exemption on one storage account of the subscription."""
    built = aks_guarded()

    def build(s: Stack) -> None:
        built(s)
        scope = f"/subscriptions/{SUB}"
        put(
            s,
            "azure-native:authorization:PolicyExemption",
            "account-waiver",
            s.urn("pulumi:providers:azure-native", "policy"),
            scope=f"{RG}/Microsoft.Storage/storageAccounts/ledgerarchive",
            policyExemptionName="archive-waiver",
            exemptionCategory="Waiver",
            displayName="Archive account",
            policyAssignmentId=f"{scope}/providers/Microsoft.Authorization/policyAssignments/{assignment}",
        )

    return build


# Violates: the exemption takes one storage account of the subscription out of "Allowed locations".
case("grd13-azure-exemption-single-resource", GUARDRAILS, "DENY", GRD_DOC["az-exemption"])(
    resource_exemption("eea-locations")
)
# Complies: the exemption on that account waives another assignment.
case("grd13-azure-exemption-single-resource-other-policy", GUARDRAILS, cite=GRD_DOC["az-exemption"])(
    resource_exemption("require-owner-tag")
)


def gcp_values(values: list[str]) -> Callable[[Stack, str], str]:
    def make(s: Stack, org: str) -> str:
        default_sink("europe-west3")(s)
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


# Complies: Belgium, Frankfurt and Finland value groups, all inside the EEA.
case("grd13-gcp-three-eea-groups", GUARDRAILS, cite=GRD_DOC["gcp-locations"])(
    gke_guarded(gcp_values(["in:europe-west1-locations", "in:europe-west3-locations", "in:europe-north1-locations"]))
)


# ============================================================================ unknown at preview
PRE_DOC = {
    "unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
    "policy-preview": "https://www.pulumi.com/docs/iac/using-pulumi/crossguard/best-practices/",
}


def new_role(s: Stack) -> str:
    return put(s, "aws:iam/role:Role", "kendra-role", aws(s), name="kendra-claims", assumeRolePolicy="{}", tags=NONE)


def kendra_unknown_role(region: str) -> Build:
    def build(s: Stack) -> None:
        role = new_role(s)
        urn = put(
            s,
            "aws:kendra/index:Index",
            "claims-search",
            aws(s, region),
            deps=[role],
            name="claims-search",
            edition="DEVELOPER_EDITION",
            roleArn=UNKNOWN,
            tags=GDPR,
        )
        depends(s, urn, roleArn=[role])

    return build


# Violates: the index's role is created in this update (unknown), but its Region, N. Virginia, is known.
case("pre13-kendra-unknown-role-virginia", PREVIEW, "DENY", PRE_DOC["unknowns"])(kendra_unknown_role("us-east-1"))
# Complies: the same in Ireland.
case("pre13-kendra-unknown-role-ireland", PREVIEW, cite=PRE_DOC["unknowns"])(kendra_unknown_role("eu-west-1"))


def tensorboard_unknown_key(region: str) -> Build:
    def build(s: Stack) -> None:
        key = put(
            s,
            "gcp:kms/cryptoKey:CryptoKey",
            "tb-key",
            gcp(s),
            name="tensorboard",
            keyRing=f"projects/{PROJECT}/locations/{region}/keyRings/ml",
            labels=NONE,
        )
        urn = put(
            s,
            "gcp:vertex/aiTensorboard:AiTensorboard",
            "experiments",
            gcp(s),
            deps=[key],
            displayName="claims-experiments",
            project=PROJECT,
            region=region,
            labels=GDPR,
            encryptionSpec={"kmsKeyName": UNKNOWN},
        )
        depends(s, urn, encryptionSpec=[key])

    return build


# Violates: the CMEK key is new (unknown), the TensorBoard's region (Iowa) is not.
case("pre13-tensorboard-unknown-key-iowa", PREVIEW, "DENY", PRE_DOC["unknowns"])(tensorboard_unknown_key("us-central1"))
# Complies: the same TensorBoard in Frankfurt.
case("pre13-tensorboard-unknown-key-frankfurt", PREVIEW, cite=PRE_DOC["unknowns"])(
    tensorboard_unknown_key("europe-west3")
)
# Violates: the EFS location is created in this update (its ARN unknown, followed through the task's property
# dependency to the GDPR file system); the on-premises destination is known.
case("pre13-datasync-unknown-source-to-nfs", PREVIEW, "DENY", PRE_DOC["unknowns"])(datasync_out("nfs", UNKNOWN))
# Violates: the snapshot is new (its ARN unknown); sharing it with a partner account is known.
case("pre13-rsl-unknown-snapshot-shared-partner", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    shared_rsl_snapshot([PARTNER_ACCOUNT], UNKNOWN)
)
# Complies: the new snapshot is shared with our own second account only.
case("pre13-rsl-unknown-snapshot-shared-own", PREVIEW, cite=PRE_DOC["policy-preview"])(
    shared_rsl_snapshot([OWN_ACCOUNT], UNKNOWN)
)


def lake_formation_unknown_principal(s: Stack) -> None:
    lake_formation_grant(UNKNOWN)(s)
    role = put(s, "aws:iam/role:Role", "analysts", aws(s), name="claims-analysts", assumeRolePolicy="{}", tags=NONE)
    grant = s.urn("aws:lakeformation/permissions:Permissions", "claims-select")
    depends(s, grant, principal=[role])


# Complies at preview: the grantee is a role of this stack created in this update (its ARN unknown); the
# decision waits for the update (deferred), no mandatory violation now.
case("pre13-lakeformation-unknown-own-role", PREVIEW, cite=PRE_DOC["policy-preview"])(lake_formation_unknown_principal)


# ============================================================================ malformed shapes
BAD_DOC = {
    "bridge": "https://www.pulumi.com/docs/iac/concepts/resources/providers/",
    "aws-region-v7": "https://www.pulumi.com/registry/packages/aws/how-to-guides/enhanced-region-support/",
    "ddb-import": "https://www.pulumi.com/registry/packages/aws/api-docs/dynamodb/table/#importtable",
    "rds-export": "https://www.pulumi.com/registry/packages/aws/api-docs/rds/exporttask/",
    "lf": "https://www.pulumi.com/registry/packages/aws/api-docs/lakeformation/permissions/",
    "tensorboard": "https://www.pulumi.com/registry/packages/gcp/api-docs/vertex/aitensorboard/",
    "ai-index": "https://www.pulumi.com/registry/packages/gcp/api-docs/vertex/aiindex/",
    "rmig": "https://www.pulumi.com/registry/packages/gcp/api-docs/compute/regioninstancegroupmanager/",
    "instant": "https://www.pulumi.com/registry/packages/gcp/api-docs/compute/instantsnapshot/",
    "esan": "https://www.pulumi.com/registry/packages/azure-native/api-docs/elasticsan/elasticsan/",
    "mysql": "https://www.pulumi.com/registry/packages/azure-native/api-docs/dbformysql/server/",
    "inventory": "https://www.pulumi.com/registry/packages/azure-native/api-docs/storage/blobinventorypolicy/",
}

# Violates: the index's region is an object; a region is one string (cannot evaluate).
case("bad13-kendra-region-object", MALFORMED, "DENY", BAD_DOC["aws-region-v7"])(
    kendra(no_region, region={"name": "eu-west-1"})
)
# Violates: the air-gapped vault's region is a list of two Regions.
case("bad13-airgap-vault-region-two", MALFORMED, "DENY", BAD_DOC["aws-region-v7"])(
    air_gapped_copy(["eu-north-1", "us-east-1"], per_resource=True)
)
# Violates: importTable.s3BucketSource (one object) is a list of two buckets.
case("bad13-ddb-import-two-sources", MALFORMED, "DENY", BAD_DOC["ddb-import"])(
    import_from_gdpr_bucket(
        "eu-west-1", [{"bucket": "ledger-exports", "keyPrefix": "claims/"}, {"bucket": "partner-drop"}]
    )
)
# Complies: a one-item list where the SDK flattens an object is what the bridge hands Terraform.
case("bad13-ddb-import-one-item-list", MALFORMED, cite=BAD_DOC["ddb-import"])(
    import_from_gdpr_bucket("eu-west-1", [{"bucket": "ledger-exports", "keyPrefix": "claims/"}])
)
# Violates: the export task's bucket name is an object.
case("bad13-rds-export-bucket-object", MALFORMED, "DENY", BAD_DOC["rds-export"])(
    retouch(
        export_chain("eu-central-1"),
        "aws:rds/exportTask:ExportTask",
        "monthly-export",
        s3BucketName={"name": "ledger-export-lake"},
    )
)
# Violates: the shared table is a string where Lake Formation takes an object (database and name).
case("bad13-lakeformation-table-string", MALFORMED, "DENY", BAD_DOC["lf"])(
    lake_formation_grant(OWN_ACCOUNT, table="ledger.claims")
)
# Violates: the TensorBoard's region is a list of two regions.
case("bad13-tensorboard-region-two", MALFORMED, "DENY", BAD_DOC["tensorboard"])(
    tensorboard("europe-west3", region=["europe-west3", "us-central1"])
)
# Violates: the index metadata (an object naming the embeddings' bucket) is a string.
case("bad13-ai-index-metadata-string", MALFORMED, "DENY", BAD_DOC["ai-index"])(
    vector_index("europe-west3", metadata="gs://ledger-embeddings/claims")
)
# Violates: the group's region is an object.
case("bad13-rmig-region-object", MALFORMED, "DENY", BAD_DOC["rmig"])(regional_mig({"name": "europe-west3"}))
# Complies: one version given as an object where the SDK takes a list; the bridge wraps it in a one-item list.
case("bad13-rmig-single-version-object", MALFORMED, cite=BAD_DOC["rmig"])(
    regional_mig("europe-west3", {"name": "primary", "instanceTemplate": TEMPLATE})
)
# Violates: the instant snapshot's zone is a list of two zones.
case("bad13-instant-snapshot-zone-two", MALFORMED, "DENY", BAD_DOC["instant"])(
    instant_snapshot(["europe-west3-a", "us-central1-a"])
)


def bad_san_location(s: Stack) -> None:
    put(
        s,
        "azure-native:elasticsan:ElasticSan",
        "ledger-san",
        azure(s),
        resourceGroupName="ledger",
        elasticSanName="ledger-san",
        location=["westeurope"],
        baseSizeTiB=1,
        extendedCapacitySizeTiB=0,
        sku={"name": "Premium_LRS"},
        tags=GDPR,
    )


# Violates: the Elastic SAN's location is a list (azure-native takes one string).
case("bad13-elastic-san-location-list", MALFORMED, "DENY", BAD_DOC["esan"])(bad_san_location)
# Violates: the restore's source server ID is an object.
case("bad13-mysql-source-id-object", MALFORMED, "DENY", BAD_DOC["mysql"], config=IE_REGIME)(
    mysql_copy("northeurope", "PointInTimeRestore", {"id": MYSQL_ID}, restorePointInTime="2025-06-01T03:00:00Z")
)
# Violates: the inventory policy's rules are one object, not a list.
case("bad13-blob-inventory-rules-object", MALFORMED, "DENY", BAD_DOC["inventory"])(
    blob_inventory(
        {
            "enabled": True,
            "name": "daily",
            "destination": "inventory",
            "definition": {"format": "Csv", "schedule": "Daily", "objectType": "Blob", "schemaFields": ["Name"]},
        }
    )
)
