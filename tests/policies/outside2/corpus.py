"""The second outside corpus: residency and tenant-isolation cases written from cloud-provider and
Kubernetes documentation and the pack's user-facing contract (docs/RULES.md) by someone who has not
read the pack's rules or its tests, to measure the pack from outside. It must never be used to tune
the pack (see README.md beside it).

Cases are built with the ``Case``/``Stack`` API of ``tests/policies/corpus.py`` and the helpers of the
first outside corpus (``tests/policies/outside/corpus.py``), and are driven through the real Analyzer
gRPC protocol by ``measure.py``. A case asks only whether a correct pack denies it: ``expect="DENY"``
(some mandatory violation) or nothing (compliant). Each cites the documentation its outcome rests on;
a comment above it says why it violates or complies. None repeats a case of the first outside corpus:
these are chains (a copy of a copy), copies made by what selects its sources, destinations outside the
stack or the cloud, the clouds' defaults when a location is unset, operator objects placed by their
namespace or owner, and isolation objects the first corpus did not try.

``UNKNOWN`` stands for a value the engine only learns at the update; in the cases of the preview
theme the decision does not need it, so a correct pack decides as if it were known.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from tests.policies.corpus import GDPR, IE, NONE, UNKNOWN, Stack
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
    bq_dataset,
    cidr,
    cluster,
    cluster_role,
    cluster_role_binding,
    custom_resource,
    ddb_table,
    default_sink,
    egress,
    eks_guarded,
    gce_disk,
    gcp,
    gcs_bucket,
    gke_guarded,
    group,
    ingress,
    netpol,
    put,
    rds_instance,
    role,
    role_binding,
    s3_bucket,
    scp,
    second_provider,
    service_account,
    sql_instance,
    storage_account,
    tenant,
)
from tests.policies.outside.registry import Registry

Build = Callable[[Stack], None]
Obj = Callable[[Stack, str], Any]

REGISTRY = Registry()
CASES = REGISTRY.cases
case = REGISTRY.case
by_area = REGISTRY.by_area


# Themes
AWS_COPIES = "aws-copies"
GCP_COPIES = "gcp-copies"
AZURE_COPIES = "azure-copies"
OUTSIDE = "outside-destinations"
DEFAULTS = "unset-location-defaults"
OPERATORS = "k8s-operators"
ISOLATION = "tenant-isolation"
PROVIDERS = "k8s-providers-and-patches"
GUARDRAILS = "cloud-guardrails"
PREVIEW = "unknown-at-preview"
MALFORMED = "malformed"

GDPR_STACK = {"stackRegime": "gdpr"}
PARTNER = "222222222222"  # another AWS account, outside this stack
CH = {"fleet-residency": "ch"}
IE_TAG = {"fleet-residency": "ie"}
BR_TAG = {"fleet-residency": "br"}
BR = [{"name": "br", "countries": ["BR"], "description": "Brazil only"}]


def tweak(build: Build, type_: str, name: str, drop: tuple[str, ...] = (), **changes: Any) -> Build:
    """The same stack with one resource's inputs changed (and ``drop``ped): a twin differs in one fact."""

    def built(s: Stack) -> None:
        build(s)
        resource = _find(s, s.urn(type_, name))
        resource.inputs = {k: v for k, v in {**resource.inputs, **changes}.items() if k not in drop}
        if resource.outputs:  # the state the engine sends of a resource that exists, changed alike
            resource.outputs = {k: v for k, v in {**resource.outputs, **changes}.items() if k not in drop}

    return built


def both(*builds: Callable[[Stack], Any]) -> Build:
    def build(s: Stack) -> None:
        for make in builds:
            make(s)

    return build


# ============================================================================ AWS: copies
AWS_DOC = {
    "ebs-copy": "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-copy-snapshot.html",
    "rds-cascade": "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PostgreSQL.Replication.ReadReplicas.html",
    "s3-chain": "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-what-is-isnot-replicated.html",
    "s3-filter": "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-add-config.html",
    "backup-tags": "https://docs.aws.amazon.com/aws-backup/latest/devguide/assigning-resources.html",
    "backup-xacct": "https://docs.aws.amazon.com/aws-backup/latest/devguide/create-cross-account-backup.html",
    "backup-xregion": "https://docs.aws.amazon.com/aws-backup/latest/devguide/cross-region-backup.html",
    "dlm-ami": "https://docs.aws.amazon.com/ebs/latest/userguide/ami-policy.html",
    "ecr-filter": "https://docs.aws.amazon.com/AmazonECR/latest/userguide/registry-settings-examples.html",
    "ami-copy": "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/CopyingAMIs.html",
    "docdb-global": "https://docs.aws.amazon.com/documentdb/latest/developerguide/global-clusters.html",
    "eb-xacct": "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cross-account.html",
    "ddb-export": "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport_Requesting.html",
}

SNAP = "snap-0a1b2c3d4e5f60718"
VOL = "vol-0f1e2d3c4b5a69788"


def ledger_volume_snapshot(s: Stack) -> str:
    """A GDPR volume in Ireland and an (untagged) snapshot of it: the regime is only on the volume."""
    eu = aws(s)
    vol = put(
        s,
        "aws:ebs/volume:Volume",
        "ledger-vol",
        eu,
        availabilityZone="eu-west-1a",
        size=100,
        type="gp3",
        encrypted=True,
        tags=GDPR,
        known={"id": VOL, "arn": f"arn:aws:ec2:eu-west-1:{ACCOUNT}:volume/{VOL}"},
    )
    return put(
        s,
        "aws:ebs/snapshot:Snapshot",
        "ledger-snap",
        eu,
        volumeId=VOL,
        deps=[vol],
        known={"id": SNAP, "arn": f"arn:aws:ec2:eu-west-1::snapshot/{SNAP}"},
    )


def ebs_chain(to: str, kms: Any = None) -> Build:
    """Snapshot of a GDPR volume -> copy in Frankfurt -> copy of that copy in ``to``; no copy is tagged."""

    def build(s: Stack) -> None:
        snap = ledger_volume_snapshot(s)
        first = put(
            s,
            "aws:ebs/snapshotCopy:SnapshotCopy",
            "ledger-snap-fra",
            aws(s, "eu-central-1"),
            deps=[snap],
            sourceSnapshotId=SNAP,
            sourceRegion="eu-west-1",
            encrypted=True,
            known={"id": "snap-0b2c3d4e5f6071829"},
        )
        second: dict[str, Any] = {"sourceSnapshotId": "snap-0b2c3d4e5f6071829", "sourceRegion": "eu-central-1"}
        if kms is not None:
            second["kmsKeyId"] = kms
        put(
            s, "aws:ebs/snapshotCopy:SnapshotCopy", "ledger-snap-dr", aws(s, to), deps=[first], encrypted=True, **second
        )

    return build


# Violates: a copy of a copy of the GDPR volume's snapshot lands in N. Virginia; no copy carries a tag.
case("aws-ebs-copy-chain-us", AWS_COPIES, "DENY", AWS_DOC["ebs-copy"])(ebs_chain("us-east-1"))
# Complies: the second copy lands in Stockholm, inside the EEA.
case("aws-ebs-copy-chain-se", AWS_COPIES, cite=AWS_DOC["ebs-copy"])(ebs_chain("eu-north-1"))


def rds_cascade(to: str) -> Build:
    """GDPR database -> cross-Region read replica in Frankfurt -> cascaded replica (of the replica) in ``to``."""

    def build(s: Stack) -> None:
        db = rds_instance(s, aws(s))
        fra = "arn:aws:rds:eu-central-1:" + ACCOUNT + ":db:ledger-fra"
        first = put(
            s,
            "aws:rds/instance:Instance",
            "ledger-fra",
            aws(s, "eu-central-1"),
            deps=[db],
            identifier="ledger-fra",
            instanceClass="db.r6g.large",
            replicateSourceDb=f"arn:aws:rds:eu-west-1:{ACCOUNT}:db:ledger",
            storageEncrypted=True,
            skipFinalSnapshot=True,
            known={"id": "ledger-fra", "arn": fra},
        )
        put(
            s,
            "aws:rds/instance:Instance",
            "ledger-dr",
            aws(s, to),
            deps=[first],
            identifier="ledger-dr",
            instanceClass="db.r6g.large",
            replicateSourceDb=fra,
            storageEncrypted=True,
            skipFinalSnapshot=True,
        )

    return build


# Violates: a cascaded read replica (a replica of the Frankfurt replica of the GDPR database) in N. Virginia.
case("aws-rds-cascade-replica-us", AWS_COPIES, "DENY", AWS_DOC["rds-cascade"])(rds_cascade("us-east-1"))
# Complies: the cascaded replica is in Paris.
case("aws-rds-cascade-replica-fr", AWS_COPIES, cite=AWS_DOC["rds-cascade"])(rds_cascade("eu-west-3"))


def s3_replicate(s: Stack, name: str, source: str, dest: str, **rule: Any) -> str:
    return put(
        s,
        "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
        f"{source}-replication",
        aws(s, {"ledger-eu": "eu-west-1", "ledger-fra": "eu-central-1"}.get(source, "eu-west-1")),
        bucket=source,
        role=ROLE,
        rules=[
            {
                "id": name,
                "status": "Enabled",
                "filter": rule.pop("filter", {}),
                "deleteMarkerReplication": {"status": "Disabled"},
                "destination": {"bucket": f"arn:aws:s3:::{dest}", "storageClass": "STANDARD_IA", **rule},
            }
        ],
    )


def s3_chain(to: str) -> Build:
    """GDPR bucket -> replicated to an untagged bucket in Frankfurt -> which replicates to a bucket in ``to``."""

    def build(s: Stack) -> None:
        s3_bucket(s, "ledger-eu", "eu-west-1", GDPR)
        s3_bucket(s, "ledger-fra", "eu-central-1")
        s3_bucket(s, "ledger-far", to)
        s3_replicate(s, "to-fra", "ledger-eu", "ledger-fra")
        s3_replicate(s, "onwards", "ledger-fra", "ledger-far")

    return build


# Violates: the Frankfurt replica of the GDPR bucket replicates onwards to N. Virginia (replication chains
# are configured bucket by bucket; the second hop carries no tag).
case("aws-s3-replication-chain-us", AWS_COPIES, "DENY", AWS_DOC["s3-chain"])(s3_chain("us-east-1"))
# Complies: the second hop ends in Stockholm.
case("aws-s3-replication-chain-se", AWS_COPIES, cite=AWS_DOC["s3-chain"])(s3_chain("eu-north-1"))


def s3_prefix(to: str) -> Build:
    def build(s: Stack) -> None:
        s3_bucket(s, "ledger-eu", "eu-west-1", GDPR)
        s3_bucket(s, "ledger-reports", to)
        s3_replicate(s, "reports", "ledger-eu", "ledger-reports", filter={"prefix": "reports/"})

    return build


# Violates: a rule filtered to the prefix reports/ still replicates objects of the GDPR bucket to Virginia.
case("aws-s3-replication-prefix-us", AWS_COPIES, "DENY", AWS_DOC["s3-filter"])(s3_prefix("us-east-1"))
# Complies: the filtered rule replicates to Paris.
case("aws-s3-replication-prefix-fr", AWS_COPIES, cite=AWS_DOC["s3-filter"])(s3_prefix("eu-west-3"))


def backup_selecting(vault_arn: str, **selection: Any) -> Build:
    """A backup plan with a copy action to ``vault_arn``; the selection picks its resources by ``selection``
    (tags or ARN patterns), never by the GDPR table's exact ARN."""

    def build(s: Stack) -> None:
        eu = aws(s)
        table = ddb_table(s, eu)
        vault = put(
            s,
            "aws:backup/vault:Vault",
            "main-vault",
            eu,
            name="main",
            known={"arn": f"arn:aws:backup:eu-west-1:{ACCOUNT}:backup-vault:main"},
        )
        plan = put(
            s,
            "aws:backup/plan:Plan",
            "daily-plan",
            eu,
            deps=[vault],
            name="daily",
            rules=[
                {
                    "ruleName": "daily",
                    "targetVaultName": "main",
                    "schedule": "cron(0 2 * * ? *)",
                    "lifecycle": {"deleteAfter": 35},
                    "copyActions": [{"destinationVaultArn": vault_arn, "lifecycle": {"deleteAfter": 90}}],
                }
            ],
            known={"id": "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a"},
        )
        put(
            s,
            "aws:backup/selection:Selection",
            "daily-selection",
            eu,
            deps=[plan, table],
            name="everything-tagged",
            planId="9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a",
            iamRoleArn=ROLE,
            **selection,
        )

    return build


BY_TAG = {"selectionTags": [{"type": "STRINGEQUALS", "key": "fleet-residency", "value": "gdpr"}]}
BY_PATTERN = {"resources": [f"arn:aws:dynamodb:*:{ACCOUNT}:table/*"]}


def vault(region: str, account: str = ACCOUNT) -> str:
    return f"arn:aws:backup:{region}:{account}:backup-vault:dr"


# Violates: the selection picks every resource tagged fleet-residency=gdpr (the ledger table) and the plan
# copies its recovery points to a vault in N. Virginia.
case("aws-backup-tag-selection-us", AWS_COPIES, "DENY", AWS_DOC["backup-tags"])(
    backup_selecting(vault("us-east-1"), **BY_TAG)
)
# Complies: the same tag selection, copied to Frankfurt.
case("aws-backup-tag-selection-de", AWS_COPIES, cite=AWS_DOC["backup-tags"])(
    backup_selecting(vault("eu-central-1"), **BY_TAG)
)
# Violates: a wildcard ARN pattern selects every DynamoDB table of the account, the GDPR one included.
case("aws-backup-pattern-selection-us", AWS_COPIES, "DENY", AWS_DOC["backup-tags"])(
    backup_selecting(vault("us-west-2"), **BY_PATTERN)
)
# Complies: the wildcard selection is copied to Stockholm.
case("aws-backup-pattern-selection-se", AWS_COPIES, cite=AWS_DOC["backup-tags"])(
    backup_selecting(vault("eu-north-1"), **BY_PATTERN)
)
# Violates: the copy goes to a vault of another account (the backup account) in Ohio; the ARN says where.
case("aws-backup-cross-account-us", AWS_COPIES, "DENY", AWS_DOC["backup-xacct"])(
    backup_selecting(vault("us-east-2", PARTNER), resources=[f"arn:aws:dynamodb:eu-west-1:{ACCOUNT}:table/ledger"])
)
# Complies: the other account's vault is in Frankfurt, which its ARN names.
case("aws-backup-cross-account-de", AWS_COPIES, cite=AWS_DOC["backup-xacct"])(
    backup_selecting(vault("eu-central-1", PARTNER), resources=[f"arn:aws:dynamodb:eu-west-1:{ACCOUNT}:table/ledger"])
)


def dlm_images(target: str, instance_tags: dict[str, str]) -> Build:
    """A DLM AMI policy selecting instances tagged app=ledger, with a cross-Region copy of every AMI."""

    def build(s: Stack) -> None:
        eu = aws(s)
        put(
            s,
            "aws:ec2/instance:Instance",
            "ledger-app",
            eu,
            ami="ami-0c1d2e3f4a5b6c7d8",
            instanceType="m7g.large",
            subnetId="subnet-0a1b2c3d4e5f60718",
            rootBlockDevice={"encrypted": True, "volumeSize": 50},
            tags={"app": "ledger", **instance_tags},
        )
        put(
            s,
            "aws:dlm/lifecyclePolicy:LifecyclePolicy",
            "ledger-amis",
            eu,
            description="weekly AMIs of the ledger app servers",
            executionRoleArn=ROLE,
            state="ENABLED",
            policyDetails={
                "policyType": "IMAGE_MANAGEMENT",
                "resourceTypes": ["INSTANCE"],
                "targetTags": {"app": "ledger"},
                "schedules": [
                    {
                        "name": "weekly",
                        "createRule": {"cronExpression": "cron(0 4 ? * SUN *)"},
                        "retainRule": {"count": 4},
                        "crossRegionCopyRules": [
                            {
                                "target": target,
                                "encrypted": True,
                                "retainRule": {"interval": 30, "intervalUnit": "DAYS"},
                            }
                        ],
                    }
                ],
            },
        )

    return build


# Violates: the AMI policy selects instances by app=ledger (a GDPR instance among them) and copies their
# images (every attached volume's data) to N. Virginia.
case("aws-dlm-ami-copy-us", AWS_COPIES, "DENY", AWS_DOC["dlm-ami"])(dlm_images("us-east-1", GDPR))
# Complies: the images are copied to Frankfurt.
case("aws-dlm-ami-copy-de", AWS_COPIES, cite=AWS_DOC["dlm-ami"])(dlm_images("eu-central-1", GDPR))
# Complies: the only instance the tags select is declared unregulated, so its images may go anywhere.
case("aws-dlm-ami-copy-us-unregulated", AWS_COPIES, cite=AWS_DOC["dlm-ami"])(dlm_images("us-east-1", NONE))


def ecr_filtered(prefix: str) -> Build:
    """Two repositories (the GDPR ledger/api and the unregulated tools/ci); replication to N. Virginia of
    the repositories whose names start with ``prefix``."""

    def build(s: Stack) -> None:
        eu = aws(s)
        repos = [
            put(s, "aws:ecr/repository:Repository", name.replace("/", "-"), eu, name=name, tags=tags)
            for name, tags in (("ledger/api", GDPR), ("tools/ci", NONE))
        ]
        put(
            s,
            "aws:ecr/replicationConfiguration:ReplicationConfiguration",
            "registry-replication",
            eu,
            deps=repos,
            replicationConfiguration={
                "rules": [
                    {
                        "destinations": [{"region": "us-east-1", "registryId": ACCOUNT}],
                        "repositoryFilters": [{"filter": prefix, "filterType": "PREFIX_MATCH"}],
                    }
                ]
            },
        )

    return build


# Violates: the prefix filter "ledger" matches the GDPR repository ledger/api; its images go to Virginia.
case("aws-ecr-filter-matches-gdpr", AWS_COPIES, "DENY", AWS_DOC["ecr-filter"])(ecr_filtered("ledger"))
# Complies: the filter "tools" matches only the unregulated tools/ci repository.
case("aws-ecr-filter-misses-gdpr", AWS_COPIES, cite=AWS_DOC["ecr-filter"])(ecr_filtered("tools"))


def ami_chain(to: str) -> Build:
    """An AMI registered from the (untagged) snapshot of a GDPR volume, then copied to ``to``."""

    def build(s: Stack) -> None:
        snap = ledger_volume_snapshot(s)
        ami = put(
            s,
            "aws:ec2/ami:Ami",
            "ledger-ami",
            aws(s),
            deps=[snap],
            name="ledger-2026-11",
            rootDeviceName="/dev/xvda",
            virtualizationType="hvm",
            architecture="arm64",
            ebsBlockDevices=[{"deviceName": "/dev/xvda", "snapshotId": SNAP, "volumeSize": 100}],
            known={"id": "ami-0a9b8c7d6e5f40312"},
        )
        put(
            s,
            "aws:ec2/amiCopy:AmiCopy",
            "ledger-ami-dr",
            aws(s, to),
            deps=[ami],
            name="ledger-2026-11-dr",
            sourceAmiId="ami-0a9b8c7d6e5f40312",
            sourceAmiRegion="eu-west-1",
            encrypted=True,
        )

    return build


# Violates: snapshot -> AMI -> AMI copy: the GDPR volume's data ends in N. Virginia, two untagged steps away.
case("aws-ami-from-snapshot-copy-us", AWS_COPIES, "DENY", AWS_DOC["ami-copy"])(ami_chain("us-east-1"))
# Complies: the AMI copy is in Milan.
case("aws-ami-from-snapshot-copy-it", AWS_COPIES, cite=AWS_DOC["ami-copy"])(ami_chain("eu-south-1"))


def docdb_global(secondary: str) -> Build:
    def build(s: Stack) -> None:
        eu = aws(s)
        arn = f"arn:aws:rds:eu-west-1:{ACCOUNT}:cluster:ledger-docs"
        primary = put(
            s,
            "aws:docdb/cluster:Cluster",
            "ledger-docs",
            eu,
            clusterIdentifier="ledger-docs",
            engine="docdb",
            storageEncrypted=True,
            masterUsername="ledger",
            manageMasterUserPassword=True,
            tags=GDPR,
            known={"arn": arn, "id": "ledger-docs"},
        )
        put(
            s,
            "aws:docdb/globalCluster:GlobalCluster",
            "ledger-global",
            eu,
            deps=[primary],
            globalClusterIdentifier="ledger-global",
            sourceDbClusterIdentifier=arn,
            known={"id": "ledger-global"},
        )
        put(
            s,
            "aws:docdb/cluster:Cluster",
            "ledger-docs-secondary",
            aws(s, secondary),
            clusterIdentifier="ledger-docs-secondary",
            engine="docdb",
            storageEncrypted=True,
            globalClusterIdentifier="ledger-global",
        )

    return build


# Violates: the untagged secondary of the GDPR DocumentDB global cluster replicates it to N. Virginia.
case("aws-docdb-global-us", AWS_COPIES, "DENY", AWS_DOC["docdb-global"])(docdb_global("us-east-1"))
# Complies: the secondary cluster is in Frankfurt.
case("aws-docdb-global-de", AWS_COPIES, cite=AWS_DOC["docdb-global"])(docdb_global("eu-central-1"))


def eventbridge_cross_account(region: str) -> Build:
    def build(s: Stack) -> None:
        eu = aws(s)
        bus = put(s, "aws:cloudwatch/eventBus:EventBus", "ledger-bus", eu, name="ledger", tags=GDPR)
        rule = put(
            s,
            "aws:cloudwatch/eventRule:EventRule",
            "ledger-all",
            eu,
            deps=[bus],
            name="ledger-all",
            eventBusName="ledger",
            eventPattern=json.dumps({"source": [{"prefix": "ledger."}]}),
        )
        put(
            s,
            "aws:cloudwatch/eventTarget:EventTarget",
            "to-analytics",
            eu,
            deps=[rule],
            rule="ledger-all",
            eventBusName="ledger",
            arn=f"arn:aws:events:{region}:{PARTNER}:event-bus/analytics",
            roleArn=ROLE,
        )

    return build


# Violates: every ledger event goes to the analytics account's event bus in Oregon (the ARN names it).
case("aws-eventbridge-cross-account-us", AWS_COPIES, "DENY", AWS_DOC["eb-xacct"])(
    eventbridge_cross_account("us-west-2")
)
# Complies: the other account's bus is in Stockholm.
case("aws-eventbridge-cross-account-se", AWS_COPIES, cite=AWS_DOC["eb-xacct"])(eventbridge_cross_account("eu-north-1"))


def ddb_export_to(bucket: str, owner: str | None, in_stack: bool) -> Build:
    def build(s: Stack) -> None:
        ddb_table(s, aws(s))
        if in_stack:
            s3_bucket(s, bucket, "eu-west-1")
        extra = {"s3BucketOwner": owner} if owner else {}
        put(
            s,
            "aws:dynamodb/tableExport:TableExport",
            "ledger-export",
            aws(s),
            tableArn=f"arn:aws:dynamodb:eu-west-1:{ACCOUNT}:table/ledger",
            s3Bucket=bucket,
            exportFormat="DYNAMODB_JSON",
            **extra,
        )

    return build


# Violates: the GDPR table is exported to a bucket the partner account owns, which is not in the stack; an
# S3 bucket name carries no region, so the export's location cannot be shown.
case("aws-ddb-export-partner-bucket", AWS_COPIES, "DENY", AWS_DOC["ddb-export"])(
    ddb_export_to("partner-dwh-landing", PARTNER, False)
)
# Complies: exported to a bucket of this stack in Ireland.
case("aws-ddb-export-own-bucket-ie", AWS_COPIES, cite=AWS_DOC["ddb-export"])(
    ddb_export_to("ledger-exports", None, True)
)


# ============================================================================ GCP: copies
GCP_DOC = {
    "image": "https://cloud.google.com/compute/docs/images/create-custom#selecting_image_storage_location",
    "machine-image": "https://cloud.google.com/compute/docs/machine-images#storage-location",
    "schedule": "https://cloud.google.com/compute/docs/disks/scheduled-snapshots",
    "bq-copy": "https://cloud.google.com/bigquery/docs/managing-tables#copy-table",
    "bq-extract": "https://cloud.google.com/bigquery/docs/exporting-data#data-locations",
    "bigtable": "https://cloud.google.com/bigtable/docs/replication-overview",
    "sql-cascade": "https://cloud.google.com/sql/docs/postgres/replication/cascading-replicas",
    "gcs-locations": "https://cloud.google.com/storage/docs/locations",
}


def image_chain(locations: list[str]) -> Build:
    """GDPR disk -> snapshot (untagged, Frankfurt) -> image from that snapshot stored in ``locations``."""

    def build(s: Stack) -> None:
        disk = gce_disk(s, "europe-west3-a", GDPR)
        path = f"projects/{PROJECT}/global/snapshots/ledger-snap"
        snap = put(
            s,
            "gcp:compute/snapshot:Snapshot",
            "ledger-snap",
            gcp(s),
            deps=[disk],
            name="ledger-snap",
            sourceDisk=f"projects/{PROJECT}/zones/europe-west3-a/disks/ledger",
            zone="europe-west3-a",
            storageLocations=["europe-west3"],
            known={"id": path, "selfLink": f"https://www.googleapis.com/compute/v1/{path}"},
        )
        put(
            s,
            "gcp:compute/image:Image",
            "ledger-image",
            gcp(s),
            deps=[snap],
            name="ledger-image",
            sourceSnapshot=path,
            storageLocations=locations,
        )

    return build


# Violates: the image made from the GDPR disk's snapshot is stored in the us multi-region.
case("gcp-image-from-snapshot-us", GCP_COPIES, "DENY", GCP_DOC["image"])(image_chain(["us"]))
# Complies: the image is stored in the eu multi-region.
case("gcp-image-from-snapshot-eu", GCP_COPIES, cite=GCP_DOC["image"])(image_chain(["eu"]))


def machine_image(zone: str, labels: dict[str, str]) -> Build:
    """A machine image of a regulated VM; the provider exposes no storage location, so it is stored in the
    multi-region nearest the source instance."""

    def build(s: Stack) -> None:
        path = f"projects/{PROJECT}/zones/{zone}/instances/ledger-vm"
        vm = put(
            s,
            "gcp:compute/instance:Instance",
            "ledger-vm",
            gcp(s, zone.rsplit("-", 1)[0]),
            name="ledger-vm",
            zone=zone,
            machineType="n2-standard-4",
            bootDisk={"initializeParams": {"image": "debian-cloud/debian-12"}},
            networkInterfaces=[{"subnetwork": "default"}],
            labels=labels,
            known={"id": path, "selfLink": f"https://www.googleapis.com/compute/v1/{path}"},
        )
        put(
            s,
            "gcp:compute/machineImage:MachineImage",
            "ledger-vm-image",
            gcp(s, zone.rsplit("-", 1)[0]),
            deps=[vm],
            name="ledger-vm-image",
            sourceInstance=path,
        )

    return build


# Violates: a Swiss (ch) VM in Zurich; its machine image goes to the nearest multi-region, eu, outside
# Switzerland.
case("gcp-machine-image-ch-default", GCP_COPIES, "DENY", GCP_DOC["machine-image"])(machine_image("europe-west6-a", CH))
# Complies: for a GDPR VM in Frankfurt the nearest multi-region is eu, inside the EU.
case("gcp-machine-image-gdpr-default", GCP_COPIES, cite=GCP_DOC["machine-image"])(machine_image("europe-west3-a", GDPR))


def schedule_attachment(locations: list[str]) -> Build:
    """A snapshot schedule attached to the GDPR disk by a separate DiskResourcePolicyAttachment."""

    def build(s: Stack) -> None:
        disk = gce_disk(s, "europe-west3-a", GDPR)
        policy = put(
            s,
            "gcp:compute/resourcePolicy:ResourcePolicy",
            "nightly",
            gcp(s),
            name="nightly",
            region="europe-west3",
            snapshotSchedulePolicy={
                "schedule": {"dailySchedule": {"daysInCycle": 1, "startTime": "02:00"}},
                "retentionPolicy": {"maxRetentionDays": 14},
                # A string: the pulumi-gcp SDK flattens the provider's one-item set (corrected 2026-12-07).
                "snapshotProperties": {"storageLocations": locations[0]},
            },
            known={"id": f"projects/{PROJECT}/regions/europe-west3/resourcePolicies/nightly"},
        )
        put(
            s,
            "gcp:compute/diskResourcePolicyAttachment:DiskResourcePolicyAttachment",
            "ledger-nightly",
            gcp(s),
            deps=[disk, policy],
            name="nightly",
            disk="ledger",
            zone="europe-west3-a",
        )

    return build


# Violates: the schedule, attached to the GDPR disk, stores its snapshots in the us multi-region; the
# schedule carries no tag and names no disk itself.
case("gcp-schedule-attachment-us", GCP_COPIES, "DENY", GCP_DOC["schedule"])(schedule_attachment(["us"]))
# Complies: the snapshots are stored in Frankfurt.
case("gcp-schedule-attachment-de", GCP_COPIES, cite=GCP_DOC["schedule"])(schedule_attachment(["europe-west3"]))


def bq_job(kind: str, where: str) -> Build:
    """A BigQuery job that copies (``copy``) the GDPR table into a dataset in ``where`` or extracts
    (``extract``) it to a bucket in ``where``."""

    def build(s: Stack) -> None:
        src = bq_dataset(s, "ledger", "europe-west3", GDPR)
        source = {"projectId": PROJECT, "datasetId": "ledger", "tableId": "payments"}
        if kind == "copy":
            dest = bq_dataset(s, "analytics", where)
            job = {
                "copy": {
                    "sourceTables": [source],
                    "destinationTable": {"projectId": PROJECT, "datasetId": "analytics", "tableId": "payments"},
                    "writeDisposition": "WRITE_TRUNCATE",
                }
            }
        else:
            dest = gcs_bucket(s, "ledger-extracts", where)
            job = {
                "extract": {
                    "sourceTable": source,
                    "destinationUris": ["gs://ledger-extracts/payments/*.avro"],
                    "destinationFormat": "AVRO",
                }
            }
        put(s, "gcp:bigquery/job:Job", f"{kind}-payments", gcp(s), deps=[src, dest], jobId=f"{kind}-payments-1", **job)

    return build


# Violates: a copy job writes the GDPR payments table into a dataset in the US multi-region.
case("gcp-bq-copy-job-us", GCP_COPIES, "DENY", GCP_DOC["bq-copy"])(bq_job("copy", "US"))
# Complies: the destination dataset is in the EU multi-region.
case("gcp-bq-copy-job-eu", GCP_COPIES, cite=GCP_DOC["bq-copy"])(bq_job("copy", "EU"))
# Violates: an extract job writes the GDPR table to gs://ledger-extracts, a bucket in the US multi-region.
case("gcp-bq-extract-job-us", GCP_COPIES, "DENY", GCP_DOC["bq-extract"])(bq_job("extract", "US"))
# Complies: the bucket is in Frankfurt.
case("gcp-bq-extract-job-de", GCP_COPIES, cite=GCP_DOC["bq-extract"])(bq_job("extract", "EUROPE-WEST3"))


def bigtable(second_zone: str) -> Build:
    def build(s: Stack) -> None:
        put(
            s,
            "gcp:bigtable/instance:Instance",
            "ledger-bt",
            gcp(s),
            name="ledger-bt",
            labels=GDPR,
            clusters=[
                {"clusterId": "ledger-fra", "zone": "europe-west3-a", "numNodes": 1, "storageType": "SSD"},
                {"clusterId": "ledger-2", "zone": second_zone, "numNodes": 1, "storageType": "SSD"},
            ],
            deletionProtection=True,
        )

    return build


# Violates: the GDPR Bigtable instance replicates to a second cluster in Iowa.
case("gcp-bigtable-cluster-us", GCP_COPIES, "DENY", GCP_DOC["bigtable"])(bigtable("us-central1-b"))
# Complies: its second cluster is in Belgium.
case("gcp-bigtable-cluster-be", GCP_COPIES, cite=GCP_DOC["bigtable"])(bigtable("europe-west1-b"))


def sql_cascade(region: str) -> Build:
    """GDPR primary (Frankfurt) -> untagged replica in Belgium -> cascaded replica of that replica."""

    def build(s: Stack) -> None:
        sql_instance(s, "ledger-db", "europe-west3", GDPR)
        sql_instance(s, "ledger-db-be", "europe-west1", None, masterInstanceName="ledger-db")
        sql_instance(s, "ledger-db-far", region, None, masterInstanceName="ledger-db-be")

    return build


# Violates: a cascaded replica (replica of the Belgian replica of the GDPR database) in Iowa.
case("gcp-sql-cascade-replica-us", GCP_COPIES, "DENY", GCP_DOC["sql-cascade"])(sql_cascade("us-central1"))
# Complies: the cascaded replica is in Finland.
case("gcp-sql-cascade-replica-fi", GCP_COPIES, cite=GCP_DOC["sql-cascade"])(sql_cascade("europe-north1"))


# ============================================================================ Azure: copies
AZ_DOC = {
    "geo-chain": "https://learn.microsoft.com/en-us/azure/azure-sql/database/active-geo-replication-overview",
    "snapshot-copy": "https://learn.microsoft.com/en-us/azure/virtual-machines/disks-copy-incremental-snapshot-across-regions",
    "capture": "https://learn.microsoft.com/en-us/azure/event-hubs/event-hubs-capture-overview",
    "diagnostic": "https://learn.microsoft.com/en-us/azure/azure-monitor/essentials/diagnostic-settings",
    "pairs": "https://learn.microsoft.com/en-us/azure/reliability/cross-region-replication-azure",
    "backup-vault": "https://learn.microsoft.com/en-us/azure/backup/backup-vault-overview",
    "pg-geo-backup": "https://learn.microsoft.com/en-us/azure/postgresql/flexible-server/concepts-backup-restore",
    "cosmos-backup": "https://learn.microsoft.com/en-us/azure/cosmos-db/periodic-backup-storage-redundancy",
    "mi-backup": "https://learn.microsoft.com/en-us/azure/azure-sql/managed-instance/automated-backups-overview",
    "rg-location": "https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/overview#resource-group-location-alignment",
}


def sql_db(s: Stack, server: str, location: str, tags: dict[str, str] | None, **db: Any) -> str:
    az(
        s,
        "azure-native:sql:Server",
        server,
        location,
        None,
        f"Microsoft.Sql/servers/{server}",
        serverName=server,
        administrators={"azureADOnlyAuthentication": True, "login": "sql-admins", "sid": SUB, "principalType": "Group"},
        minimalTlsVersion="1.2",
    )
    return az(
        s,
        "azure-native:sql:Database",
        f"{server}-ledger",
        location,
        tags,
        f"Microsoft.Sql/servers/{server}/databases/ledger",
        serverName=server,
        databaseName="ledger",
        sku={"name": "GP_Gen5_2"},
        requestedBackupStorageRedundancy="Local",
        **db,
    )


def sql_geo_chain(location: str) -> Build:
    """GDPR database (West Europe) -> geo-secondary in North Europe -> geo-secondary of the secondary."""

    def build(s: Stack) -> None:
        sql_db(s, "ledger-nl", "westeurope", GDPR)
        sql_db(
            s,
            "ledger-ie",
            "northeurope",
            None,
            createMode="Secondary",
            secondaryType="Geo",
            sourceDatabaseId=f"{RG}/Microsoft.Sql/servers/ledger-nl/databases/ledger",
        )
        sql_db(
            s,
            "ledger-far",
            location,
            None,
            createMode="Secondary",
            secondaryType="Geo",
            sourceDatabaseId=f"{RG}/Microsoft.Sql/servers/ledger-ie/databases/ledger",
        )

    return build


# Violates: a chained geo-secondary (of the North Europe secondary of the GDPR database) in East US.
case("az-sql-geo-chain-us", AZURE_COPIES, "DENY", AZ_DOC["geo-chain"])(sql_geo_chain("eastus"))
# Complies: the chained secondary is in Sweden Central.
case("az-sql-geo-chain-se", AZURE_COPIES, cite=AZ_DOC["geo-chain"])(sql_geo_chain("swedencentral"))


def az_snapshot_chain(location: str) -> Build:
    """GDPR disk -> untagged incremental snapshot (West Europe) -> CopyStart copy of it in ``location``."""

    def build(s: Stack) -> None:
        az(
            s,
            "azure-native:compute:Disk",
            "ledger-disk",
            "westeurope",
            GDPR,
            "Microsoft.Compute/disks/ledger-disk",
            diskName="ledger-disk",
            diskSizeGB=256,
            sku={"name": "Premium_LRS"},
            creationData={"createOption": "Empty"},
        )
        az(
            s,
            "azure-native:compute:Snapshot",
            "ledger-snap",
            "westeurope",
            None,
            "Microsoft.Compute/snapshots/ledger-snap",
            snapshotName="ledger-snap",
            incremental=True,
            creationData={"createOption": "Copy", "sourceResourceId": f"{RG}/Microsoft.Compute/disks/ledger-disk"},
        )
        az(
            s,
            "azure-native:compute:Snapshot",
            "ledger-snap-dr",
            location,
            None,
            "Microsoft.Compute/snapshots/ledger-snap-dr",
            snapshotName="ledger-snap-dr",
            incremental=True,
            creationData={
                "createOption": "CopyStart",
                "sourceResourceId": f"{RG}/Microsoft.Compute/snapshots/ledger-snap",
            },
        )

    return build


# Violates: the snapshot of the GDPR disk is copied (CopyStart) to East US; neither snapshot is tagged.
case("az-snapshot-chain-us", AZURE_COPIES, "DENY", AZ_DOC["snapshot-copy"])(az_snapshot_chain("eastus"))
# Complies: the copy is in Germany West Central.
case("az-snapshot-chain-de", AZURE_COPIES, cite=AZ_DOC["snapshot-copy"])(az_snapshot_chain("germanywestcentral"))


def capture(account_location: str) -> Build:
    """A GDPR event hub (West Europe) captured into an untagged storage account in ``account_location``."""

    def build(s: Stack) -> None:
        az(
            s,
            "azure-native:eventhub:Namespace",
            "ledger-ns",
            "westeurope",
            GDPR,
            "Microsoft.EventHub/namespaces/ledger-ns",
            namespaceName="ledger-ns",
            sku={"name": "Standard", "tier": "Standard"},
        )
        storage_account(s, "ledgercapture", account_location, None)
        put(
            s,
            "azure-native:eventhub:EventHub",
            "payments-hub",
            azure(s),
            resourceGroupName="ledger",
            namespaceName="ledger-ns",
            eventHubName="payments",
            partitionCount=4,
            captureDescription={
                "enabled": True,
                "encoding": "Avro",
                "intervalInSeconds": 300,
                "destination": {
                    "name": "EventHubArchive.AzureBlockBlob",
                    "storageAccountResourceId": f"{RG}/Microsoft.Storage/storageAccounts/ledgercapture",
                    "blobContainer": "capture",
                    "archiveNameFormat": "{Namespace}/{EventHub}/{PartitionId}/"
                    "{Year}/{Month}/{Day}/{Hour}/{Minute}/{Second}",
                },
            },
        )

    return build


# Violates: Event Hubs Capture writes every GDPR event into a storage account in East US.
case("az-eventhub-capture-us", AZURE_COPIES, "DENY", AZ_DOC["capture"])(capture("eastus"))
# Complies: the capture account is in West Europe.
case("az-eventhub-capture-nl", AZURE_COPIES, cite=AZ_DOC["capture"])(capture("westeurope"))


def sql_diagnostic(**destination: Any) -> Build:
    """A diagnostic setting streaming a GDPR SQL database's logs (query text, errors) elsewhere."""

    def build(s: Stack) -> None:
        sql_db(s, "ledger-nl", "westeurope", GDPR)
        put(
            s,
            "azure-native:monitor:DiagnosticSetting",
            "ledger-db-logs",
            azure(s),
            name="stream",
            resourceUri=f"{RG}/Microsoft.Sql/servers/ledger-nl/databases/ledger",
            logs=[{"categoryGroup": "allLogs", "enabled": True}],
            **destination,
        )

    return build


def hub_rule(s: Stack, location: str) -> dict[str, Any]:
    az(
        s,
        "azure-native:eventhub:Namespace",
        "siem-ns",
        location,
        None,
        "Microsoft.EventHub/namespaces/siem-ns",
        namespaceName="siem-ns",
        sku={"name": "Standard", "tier": "Standard"},
    )
    return {
        "eventHubAuthorizationRuleId": f"{RG}/Microsoft.EventHub/namespaces/siem-ns"
        "/authorizationRules/RootManageSharedAccessKey",
        "eventHubName": "sql-logs",
    }


def to_hub(location: str) -> Build:
    def build(s: Stack) -> None:
        sql_diagnostic(**hub_rule(s, location))(s)

    return build


# Violates: the GDPR database's logs stream to an event hub namespace in East US.
case("az-sql-diagnostic-eventhub-us", AZURE_COPIES, "DENY", AZ_DOC["diagnostic"])(to_hub("eastus"))
# Complies: the namespace is in North Europe.
case("az-sql-diagnostic-eventhub-ie", AZURE_COPIES, cite=AZ_DOC["diagnostic"])(to_hub("northeurope"))


def backup_vault(redundancy: str) -> Build:
    def build(s: Stack) -> None:
        az(
            s,
            "azure-native:dataprotection:BackupVault",
            "ledger-bv",
            "northeurope",
            IE_TAG,
            "Microsoft.DataProtection/backupVaults/ledger-bv",
            vaultName="ledger-bv",
            identity={"type": "SystemAssigned"},
            properties={"storageSettings": [{"datastoreType": "VaultStore", "type": redundancy}]},
        )

    return build


# Violates: an Ireland-only backup vault in North Europe with geo-redundant storage copies to its pair,
# West Europe (the Netherlands).
case("az-backup-vault-grs-ireland", AZURE_COPIES, "DENY", AZ_DOC["backup-vault"], config={"regimes": IE})(
    backup_vault("GeoRedundant")
)
# Complies: locally redundant storage stays in North Europe.
case("az-backup-vault-lrs-ireland", AZURE_COPIES, cite=AZ_DOC["backup-vault"], config={"regimes": IE})(
    backup_vault("LocallyRedundant")
)


def pg_flexible(geo: str) -> Build:
    def build(s: Stack) -> None:
        az(
            s,
            "azure-native:dbforpostgresql:Server",
            "ledger-pg",
            "northeurope",
            IE_TAG,
            "Microsoft.DBforPostgreSQL/flexibleServers/ledger-pg",
            serverName="ledger-pg",
            version="16",
            sku={"name": "Standard_D2ds_v5", "tier": "GeneralPurpose"},
            storage={"storageSizeGB": 128},
            authConfig={"activeDirectoryAuth": "Enabled", "passwordAuth": "Disabled"},
            backup={"backupRetentionDays": 14, "geoRedundantBackup": geo},
        )

    return build


# Violates: geo-redundant backups of an Ireland-only server are copied to the paired region (West Europe).
case("az-postgres-geo-backup-ireland", AZURE_COPIES, "DENY", AZ_DOC["pg-geo-backup"], config={"regimes": IE})(
    pg_flexible("Enabled")
)
# Complies: geo-redundant backup disabled.
case("az-postgres-local-backup-ireland", AZURE_COPIES, cite=AZ_DOC["pg-geo-backup"], config={"regimes": IE})(
    pg_flexible("Disabled")
)


# ============================================================================ destinations outside
OUT_DOC = {
    "sns-email": "https://docs.aws.amazon.com/sns/latest/dg/sns-email-notifications.html",
    "sns-sms": "https://docs.aws.amazon.com/sns/latest/dg/sns-mobile-phone-number-as-subscriber.html",
    "sns-firehose": "https://docs.aws.amazon.com/sns/latest/dg/sns-firehose-as-subscriber.html",
    "api-destination": "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-api-destinations.html",
    "splunk": "https://docs.aws.amazon.com/firehose/latest/dev/create-destination.html#create-destination-splunk",
    "logs-firehose": "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html#FirehoseExample",
    "pubsub-run": "https://cloud.google.com/run/docs/triggering/pubsub-push",
    "partner": "https://learn.microsoft.com/en-us/azure/partner-solutions/partners",
    "event-grid": "https://learn.microsoft.com/en-us/azure/event-grid/handler-webhooks",
    "event-grid-queue": "https://learn.microsoft.com/en-us/azure/event-grid/handler-storage-queues",
}


def ledger_topic(s: Stack) -> str:
    return put(
        s,
        "aws:sns/topic:Topic",
        "ledger-topic",
        aws(s),
        name="ledger-events",
        kmsMasterKeyId="alias/aws/sns",
        tags=GDPR,
        known={"arn": f"arn:aws:sns:eu-west-1:{ACCOUNT}:ledger-events"},
    )


def sns_to(protocol: str, endpoint: str, **extra: Any) -> Build:
    def build(s: Stack) -> None:
        topic = ledger_topic(s)
        put(
            s,
            "aws:sns/topicSubscription:TopicSubscription",
            f"ledger-{protocol}",
            aws(s),
            deps=[topic],
            topic=f"arn:aws:sns:eu-west-1:{ACCOUNT}:ledger-events",
            protocol=protocol,
            endpoint=endpoint,
            **extra,
        )

    return build


# Violates: every GDPR message is mailed to an address; an email address is outside the cloud.
case("aws-sns-email-json", OUTSIDE, "DENY", OUT_DOC["sns-email"])(sns_to("email-json", "ledger-ops@example.com"))
# Violates: every GDPR message is sent by SMS to a phone number.
case("aws-sns-sms", OUTSIDE, "DENY", OUT_DOC["sns-sms"])(sns_to("sms", "+353861234567"))
# Complies: the subscription delivers to a Firehose stream in Ireland (its ARN names the region).
case("aws-sns-firehose-ie", OUTSIDE, cite=OUT_DOC["sns-firehose"])(
    sns_to(
        "firehose",
        f"arn:aws:firehose:eu-west-1:{ACCOUNT}:deliverystream/ledger-archive",
        subscriptionRoleArn=ROLE,
    )
)


def api_destination(url: str) -> Build:
    def build(s: Stack) -> None:
        eu = aws(s)
        bus = put(s, "aws:cloudwatch/eventBus:EventBus", "ledger-bus", eu, name="ledger", tags=GDPR)
        conn = put(
            s,
            "aws:cloudwatch/eventConnection:EventConnection",
            "partner-conn",
            eu,
            name="partner",
            authorizationType="API_KEY",
            authParameters={
                "apiKey": {
                    "key": "x-api-key",
                    "value": {"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "value": "k"},
                }
            },
            known={"arn": f"arn:aws:events:eu-west-1:{ACCOUNT}:connection/partner/1a2b"},
        )
        dest = put(
            s,
            "aws:cloudwatch/eventApiDestination:EventApiDestination",
            "partner-api",
            eu,
            deps=[conn],
            name="partner",
            connectionArn=f"arn:aws:events:eu-west-1:{ACCOUNT}:connection/partner/1a2b",
            invocationEndpoint=url,
            httpMethod="POST",
            known={"arn": f"arn:aws:events:eu-west-1:{ACCOUNT}:api-destination/partner/3c4d"},
        )
        rule = put(
            s,
            "aws:cloudwatch/eventRule:EventRule",
            "ledger-all",
            eu,
            deps=[bus],
            name="ledger-all",
            eventBusName="ledger",
            eventPattern=json.dumps({"source": [{"prefix": "ledger."}]}),
        )
        put(
            s,
            "aws:cloudwatch/eventTarget:EventTarget",
            "to-partner",
            eu,
            deps=[rule, dest],
            rule="ledger-all",
            eventBusName="ledger",
            arn=f"arn:aws:events:eu-west-1:{ACCOUNT}:api-destination/partner/3c4d",
            roleArn=ROLE,
        )

    return build


# Violates: the rule sends every GDPR event to an API destination on a partner's host, outside the cloud.
case("aws-api-destination-external", OUTSIDE, "DENY", OUT_DOC["api-destination"])(
    api_destination("https://hooks.partner.example.com/ledger")
)
# Complies: the API destination is an API Gateway endpoint in Ireland (the URL names the region).
case("aws-api-destination-apigw-ie", OUTSIDE, cite=OUT_DOC["api-destination"])(
    api_destination("https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/ledger")
)


def logs_to_firehose(splunk: bool) -> Build:
    """The GDPR application log group subscribed to a Firehose stream (this stack, Ireland) that delivers
    to Splunk Cloud or to an S3 bucket in Frankfurt."""

    def build(s: Stack) -> None:
        eu = aws(s)
        group_ = put(
            s,
            "aws:cloudwatch/logGroup:LogGroup",
            "ledger-logs",
            eu,
            name="/ledger/api",
            retentionInDays=30,
            tags=GDPR,
        )
        if splunk:
            dest: dict[str, Any] = {
                "destination": "splunk",
                "splunkConfiguration": {
                    "hecEndpoint": "https://http-inputs-acme.splunkcloud.com:443",
                    "hecToken": {"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "value": "t"},
                    "hecEndpointType": "Raw",
                    "s3BackupMode": "FailedEventsOnly",
                    "s3Configuration": {"roleArn": ROLE, "bucketArn": "arn:aws:s3:::ledger-logs-fra"},
                },
            }
        else:
            dest = {
                "destination": "extended_s3",
                "extendedS3Configuration": {"roleArn": ROLE, "bucketArn": "arn:aws:s3:::ledger-logs-fra"},
            }
        bucket = s3_bucket(s, "ledger-logs-fra", "eu-central-1")
        stream = put(
            s,
            "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
            "ledger-logs-stream",
            eu,
            deps=[bucket],
            name="ledger-logs",
            known={"arn": f"arn:aws:firehose:eu-west-1:{ACCOUNT}:deliverystream/ledger-logs"},
            **dest,
        )
        put(
            s,
            "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter",
            "ledger-logs-sub",
            eu,
            deps=[group_, stream],
            name="all",
            logGroup="/ledger/api",
            filterPattern="",
            destinationArn=f"arn:aws:firehose:eu-west-1:{ACCOUNT}:deliverystream/ledger-logs",
            roleArn=ROLE,
        )

    return build


# Violates: the GDPR logs go to a stream of this stack in Ireland, which passes them on to Splunk Cloud,
# a host outside the cloud whose location is unknown.
case("aws-logs-firehose-splunk", OUTSIDE, "DENY", OUT_DOC["splunk"])(logs_to_firehose(True))
# Complies: the stream delivers them to a bucket in Frankfurt.
case("aws-logs-firehose-s3-de", OUTSIDE, cite=OUT_DOC["logs-firehose"])(logs_to_firehose(False))


def push_to_run(location: str) -> Build:
    """The GDPR topic pushed to a Cloud Run service of this stack (its run.app URL names no region)."""

    def build(s: Stack) -> None:
        topic = put(
            s,
            "gcp:pubsub/topic:Topic",
            "ledger-events",
            gcp(s),
            name="ledger-events",
            labels=GDPR,
            messageStoragePolicy={"allowedPersistenceRegions": ["europe-west3"], "enforceInTransit": True},
        )
        url = "https://ledger-ingest-7fq2mk4x3a-ez.a.run.app"
        svc = put(
            s,
            "gcp:cloudrunv2/service:Service",
            "ledger-ingest",
            gcp(s),
            name="ledger-ingest",
            location=location,
            ingress="INGRESS_TRAFFIC_INTERNAL_ONLY",
            template={"containers": [{"image": "europe-docker.pkg.dev/ledger-prod/app/ingest:1.4.2"}]},
            known={"uri": url, "urls": [url]},
        )
        put(
            s,
            "gcp:pubsub/subscription:Subscription",
            "ledger-push",
            gcp(s),
            deps=[topic, svc],
            name="ledger-push",
            topic=f"projects/{PROJECT}/topics/ledger-events",
            pushConfig={
                "pushEndpoint": f"{url}/push",
                "oidcToken": {"serviceAccountEmail": f"pubsub-push@{PROJECT}.iam.gserviceaccount.com"},
            },
        )

    return build


# Violates: the push endpoint is served by a Cloud Run service of this stack in Iowa.
case("gcp-pubsub-push-run-us", OUTSIDE, "DENY", OUT_DOC["pubsub-run"])(push_to_run("us-central1"))
# Complies: the Cloud Run service that serves the endpoint is in Frankfurt.
case("gcp-pubsub-push-run-de", OUTSIDE, cite=OUT_DOC["pubsub-run"])(push_to_run("europe-west3"))

# Violates: the GDPR database's logs go to a marketplace partner's monitoring (outside the cloud's regions).
case("az-sql-diagnostic-partner", OUTSIDE, "DENY", OUT_DOC["partner"])(
    sql_diagnostic(
        marketplacePartnerId=f"/subscriptions/{SUB}/resourceGroups/monitoring/providers/Microsoft.Datadog/monitors/acme-dd"
    )
)


def to_storage(location: str) -> Build:
    def build(s: Stack) -> None:
        storage_account(s, "ledgerlogs", location, None)
        sql_diagnostic(storageAccountId=f"{RG}/Microsoft.Storage/storageAccounts/ledgerlogs")(s)

    return build


# Complies: the GDPR database's logs are archived in a storage account of this stack in West Europe.
case("az-sql-diagnostic-storage-nl", OUTSIDE, cite=AZ_DOC["diagnostic"])(to_storage("westeurope"))
# Violates: the archive account is in Brazil South.
case("az-sql-diagnostic-storage-br", OUTSIDE, "DENY", AZ_DOC["diagnostic"])(to_storage("brazilsouth"))


def grid(destination: Callable[[Stack], dict[str, Any]]) -> Build:
    """Blob events of the GDPR storage account (blob URLs, names) delivered by an Event Grid system topic."""

    def build(s: Stack) -> None:
        storage_account(s, "ledgerdocs", "westeurope", GDPR)
        topic = az(
            s,
            "azure-native:eventgrid:SystemTopic",
            "ledgerdocs-events",
            "westeurope",
            GDPR,
            "Microsoft.EventGrid/systemTopics/ledgerdocs-events",
            systemTopicName="ledgerdocs-events",
            source=f"{RG}/Microsoft.Storage/storageAccounts/ledgerdocs",
            topicType="Microsoft.Storage.StorageAccounts",
        )
        put(
            s,
            "azure-native:eventgrid:SystemTopicEventSubscription",
            "ledgerdocs-created",
            azure(s),
            deps=[topic],
            resourceGroupName="ledger",
            systemTopicName="ledgerdocs-events",
            eventSubscriptionName="created",
            destination=destination(s),
            filter={"includedEventTypes": ["Microsoft.Storage.BlobCreated"]},
        )

    return build


def webhook_out(_: Stack) -> dict[str, Any]:
    return {"endpointType": "WebHook", "endpointUrl": "https://ingest.partner.example.com/azure-events"}


def queue_in(location: str) -> Callable[[Stack], dict[str, Any]]:
    def make(s: Stack) -> dict[str, Any]:
        storage_account(s, "ledgerqueue", location, None)
        return {
            "endpointType": "StorageQueue",
            "resourceId": f"{RG}/Microsoft.Storage/storageAccounts/ledgerqueue",
            "queueName": "blob-created",
        }

    return make


# Violates: the GDPR system topic delivers every event to a partner's webhook, outside the cloud.
case("az-event-grid-webhook-external", OUTSIDE, "DENY", OUT_DOC["event-grid"])(grid(webhook_out))
# Complies: it delivers to a storage queue of this stack in West Europe.
case("az-event-grid-queue-nl", OUTSIDE, cite=OUT_DOC["event-grid-queue"])(grid(queue_in("westeurope")))
# Violates: the queue's account is in East US.
case("az-event-grid-queue-us", OUTSIDE, "DENY", OUT_DOC["event-grid-queue"])(grid(queue_in("eastus")))


# ============================================================================ defaults when unset
DEF_DOC = {
    "pubsub-storage": "https://cloud.google.com/pubsub/docs/resource-location-restriction",
    "firestore": "https://cloud.google.com/firestore/docs/locations",
    "artifact": "https://cloud.google.com/artifact-registry/docs/repositories/repo-locations",
    "kcc-bucket": "https://cloud.google.com/config-connector/docs/reference/resource-docs/storage/storagebucket",
    "kcc-bq": "https://cloud.google.com/config-connector/docs/reference/resource-docs/bigquery/bigquerydataset",
}


def topic(policy: dict[str, Any] | None) -> Build:
    def build(s: Stack) -> None:
        inputs: dict[str, Any] = {"name": "ledger-events", "labels": GDPR}
        if policy is not None:
            inputs["messageStoragePolicy"] = policy
        put(s, "gcp:pubsub/topic:Topic", "ledger-events", gcp(s), **inputs)

    return build


# Violates: without a message storage policy Pub/Sub stores a GDPR topic's messages in the region nearest
# each publisher (any region the organization policy allows), which no country bounds.
case("gcp-pubsub-topic-no-storage-policy", DEFAULTS, "DENY", DEF_DOC["pubsub-storage"])(topic(None))
# Complies: the storage policy keeps the messages in Frankfurt.
case("gcp-pubsub-topic-storage-de", DEFAULTS, cite=DEF_DOC["pubsub-storage"])(
    topic({"allowedPersistenceRegions": ["europe-west3"], "enforceInTransit": True})
)


def firestore(location: str) -> Build:
    return lambda s: (
        put(
            s,
            "gcp:firestore/database:Database",
            "ledger-fs",
            gcp(s),
            name="ledger",
            project=PROJECT,
            locationId=location,
            type="FIRESTORE_NATIVE",
        )
        and None
    )


# Violates: in a GDPR stack, the Firestore database is in the nam5 multi-region (United States).
case("gcp-firestore-nam5", DEFAULTS, "DENY", DEF_DOC["firestore"], config=GDPR_STACK)(firestore("nam5"))
# Complies: the eur3 multi-region (Belgium and the Netherlands).
case("gcp-firestore-eur3", DEFAULTS, cite=DEF_DOC["firestore"], config=GDPR_STACK)(firestore("eur3"))


def registry(location: str) -> Build:
    return lambda s: (
        put(
            s,
            "gcp:artifactregistry/repository:Repository",
            "ledger-images",
            gcp(s),
            repositoryId="ledger",
            format="DOCKER",
            location=location,
            labels=GDPR,
        )
        and None
    )


# Violates: the GDPR image repository is in the us multi-region.
case("gcp-artifact-registry-us", DEFAULTS, "DENY", DEF_DOC["artifact"])(registry("us"))
# Complies: the repository is in Frankfurt.
case("gcp-artifact-registry-europe-west3", DEFAULTS, cite=DEF_DOC["artifact"])(registry("europe-west3"))


def inherits_rg(rg_location: str) -> Build:
    """A GDPR storage account without a location, in a resource group this stack creates."""

    def build(s: Stack) -> None:
        prov = azure(s, rg_location)
        rg = put(
            s,
            "azure-native:resources:ResourceGroup",
            "ledger-rg",
            prov,
            resourceGroupName="ledger",
            location=rg_location,
            tags=GDPR,
            known={"id": f"/subscriptions/{SUB}/resourceGroups/ledger", "location": rg_location},
        )
        put(
            s,
            "azure-native:storage:StorageAccount",
            "ledgerdata",
            prov,
            deps=[rg],
            resourceGroupName="ledger",
            accountName="ledgerdata",
            kind="StorageV2",
            sku={"name": "Standard_LRS"},
            tags=GDPR,
        )

    return build


# Violates: the account has no location, so ARM puts it in its resource group's, East US.
case("az-account-inherits-rg-us", DEFAULTS, "DENY", AZ_DOC["rg-location"])(inherits_rg("eastus"))
# Complies: the resource group is in West Europe.
case("az-account-inherits-rg-nl", DEFAULTS, cite=AZ_DOC["rg-location"])(inherits_rg("westeurope"))


def cosmos_backup(policy: dict[str, Any] | None) -> Build:
    def build(s: Stack) -> None:
        inputs: dict[str, Any] = {
            "accountName": "ledger-cosmos",
            "databaseAccountOfferType": "Standard",
            "locations": [{"locationName": "northeurope", "failoverPriority": 0}],
        }
        if policy is not None:
            inputs["backupPolicy"] = policy
        az(
            s,
            "azure-native:cosmosdb:DatabaseAccount",
            "ledger-cosmos",
            "northeurope",
            IE_TAG,
            "Microsoft.DocumentDB/databaseAccounts/ledger-cosmos",
            **inputs,
        )

    return build


# Violates: no backup policy: periodic backups go to geo-redundant storage, replicated to the paired region
# (West Europe, the Netherlands) of an Ireland-only account.
case("az-cosmos-default-backup-ireland", DEFAULTS, "DENY", AZ_DOC["cosmos-backup"], config={"regimes": IE})(
    cosmos_backup(None)
)
# Complies: periodic backups in locally redundant storage.
case("az-cosmos-local-backup-ireland", DEFAULTS, cite=AZ_DOC["cosmos-backup"], config={"regimes": IE})(
    cosmos_backup(
        {
            "type": "Periodic",
            "periodicModeProperties": {
                "backupIntervalInMinutes": 240,
                "backupRetentionIntervalInHours": 48,
                "backupStorageRedundancy": "Local",
            },
        }
    )
)


def managed_instance(redundancy: str | None) -> Build:
    def build(s: Stack) -> None:
        inputs: dict[str, Any] = {
            "managedInstanceName": "ledger-mi",
            "administrators": {"azureADOnlyAuthentication": True, "login": "sql-admins", "sid": SUB},
            "subnetId": f"/subscriptions/{SUB}/resourceGroups/net/providers"
            "/Microsoft.Network/virtualNetworks/mi/subnets/mi",
            "sku": {"name": "GP_Gen5", "tier": "GeneralPurpose"},
            "vCores": 8,
            "storageSizeInGB": 256,
        }
        if redundancy is not None:
            inputs["requestedBackupStorageRedundancy"] = redundancy
        az(
            s,
            "azure-native:sql:ManagedInstance",
            "ledger-mi",
            "brazilsouth",
            BR_TAG,
            "Microsoft.Sql/managedInstances/ledger-mi",
            **inputs,
        )

    return build


# Violates: backup storage redundancy unset defaults to geo-redundant: a Brazil-only instance's backups
# are copied to Brazil South's pair, South Central US.
case("az-managed-instance-default-backup-brazil", DEFAULTS, "DENY", AZ_DOC["mi-backup"], config={"regimes": BR})(
    managed_instance(None)
)
# Complies: locally redundant backup storage.
case("az-managed-instance-local-backup-brazil", DEFAULTS, cite=AZ_DOC["mi-backup"], config={"regimes": BR})(
    managed_instance("Local")
)


# ============================================================================ Kubernetes operators
OP_DOC = {
    "ack-region": "https://aws-controllers-k8s.github.io/community/docs/user-docs/multi-region-resource-management/",
    "ack-rds": "https://aws-controllers-k8s.github.io/community/reference/rds/v1alpha1/dbinstance/",
    "crossplane-ddb": "https://marketplace.upbound.io/providers/upbound/provider-aws-dynamodb/latest/resources/dynamodb.aws.upbound.io/Table/v1beta1",
    "crossplane": "https://docs.crossplane.io/latest/concepts/managed-resources/",
    "kcc-sql": "https://cloud.google.com/config-connector/docs/reference/resource-docs/sql/sqlinstance",
    "aso-owner": "https://azure.github.io/azure-service-operator/guide/frequently-asked-questions/#what-is-the-owner-field",
    "aso-storage": "https://azure.github.io/azure-service-operator/reference/storage/v1api20230101/",
}


def on_tenant(
    *objects: Obj, cloud: str = "aws", residency: str = "gdpr", ns_annotations: dict[str, str] | None = None
) -> Build:
    region = {"aws": "eu-west-1", "gcp": "europe-west3", "azure-native": "westeurope"}[cloud]

    def build(s: Stack) -> None:
        _, k8s = cluster(s, "eu1", cloud, region)
        ns = tenant(s, k8s, "acme", residency=residency)
        if ns_annotations:
            namespace = _find(s, ns)
            meta = namespace.inputs["metadata"]
            namespace.inputs = {
                **namespace.inputs,
                "metadata": {**meta, "annotations": {**meta["annotations"], **ns_annotations}},
            }
        for make in objects:
            make(s, k8s)

    return build


ACK_BUCKET = custom_resource("s3.services.k8s.aws/v1alpha1", "Bucket", "acme-reports", "acme", {"name": "acme-reports"})

# Violates: the ACK bucket names no region; the tenant namespace's default-region annotation puts it in
# N. Virginia.
case("op-ack-namespace-default-region-us", OPERATORS, "DENY", OP_DOC["ack-region"])(
    on_tenant(ACK_BUCKET, ns_annotations={"services.k8s.aws/default-region": "us-east-1"})
)
# Complies: the namespace's default region is Frankfurt.
case("op-ack-namespace-default-region-de", OPERATORS, cite=OP_DOC["ack-region"])(
    on_tenant(ACK_BUCKET, ns_annotations={"services.k8s.aws/default-region": "eu-central-1"})
)
# Violates: neither the bucket nor its namespace names a region, and no controller's region is in the stack:
# the bucket lands wherever the controller runs.
case("op-ack-no-region", OPERATORS, "DENY", OP_DOC["ack-region"])(on_tenant(ACK_BUCKET))
# Complies: the object itself is labelled unregulated (a public assets bucket) in the GDPR namespace.
case("op-ack-labelled-none-us", OPERATORS, cite=OP_DOC["ack-region"])(
    on_tenant(
        custom_resource(
            "s3.services.k8s.aws/v1alpha1",
            "Bucket",
            "acme-public-assets",
            "acme",
            {"name": "acme-public-assets"},
            annotations={"services.k8s.aws/region": "us-east-1"},
            labels=NONE,
        )
    )
)
# Violates: an unregulated tenant's object labelled gdpr itself is created in N. Virginia.
case("op-ack-labelled-gdpr-unregulated-ns-us", OPERATORS, "DENY", OP_DOC["ack-region"])(
    on_tenant(
        custom_resource(
            "s3.services.k8s.aws/v1alpha1",
            "Bucket",
            "acme-claims",
            "acme",
            {"name": "acme-claims"},
            annotations={"services.k8s.aws/region": "us-east-1"},
            labels=GDPR,
        ),
        residency="none",
    )
)


def ack_rds(region: str) -> Obj:
    return custom_resource(
        "rds.services.k8s.aws/v1alpha1",
        "DBInstance",
        "acme-orders",
        "acme",
        {
            "dbInstanceIdentifier": "acme-orders",
            "dbInstanceClass": "db.t4g.medium",
            "engine": "postgres",
            "engineVersion": "16.4",
            "allocatedStorage": 50,
            "storageEncrypted": True,
            "masterUsername": "orders",
            "manageMasterUserPassword": True,
        },
        annotations={"services.k8s.aws/region": region},
    )


# Violates: the GDPR tenant's ACK database instance is created in Oregon.
case("op-ack-rds-us", OPERATORS, "DENY", OP_DOC["ack-rds"])(on_tenant(ack_rds("us-west-2")))
# Complies: it is created in Ireland.
case("op-ack-rds-ie", OPERATORS, cite=OP_DOC["ack-rds"])(on_tenant(ack_rds("eu-west-1")))


def crossplane_table(replica: str) -> Obj:
    return custom_resource(
        "dynamodb.aws.upbound.io/v1beta1",
        "Table",
        "acme-sessions",
        None,
        {
            "forProvider": {
                "region": "eu-west-1",
                "billingMode": "PAY_PER_REQUEST",
                "hashKey": "id",
                "attribute": [{"name": "id", "type": "S"}],
                "streamEnabled": True,
                "streamViewType": "NEW_AND_OLD_IMAGES",
                "replica": [{"regionName": replica}],
            },
            "providerConfigRef": {"name": "default"},
        },
        labels=GDPR,
    )


# Violates: a GDPR Crossplane table in Ireland lists a replica in N. Virginia.
case("op-crossplane-table-replica-us", OPERATORS, "DENY", OP_DOC["crossplane-ddb"])(
    on_tenant(crossplane_table("us-east-1"))
)
# Complies: its replica is in Frankfurt.
case("op-crossplane-table-replica-de", OPERATORS, cite=OP_DOC["crossplane-ddb"])(
    on_tenant(crossplane_table("eu-central-1"))
)


def crossplane_unlabelled(region: str) -> Obj:
    return custom_resource(
        "rds.aws.upbound.io/v1beta1",
        "Instance",
        "reporting-db",
        None,
        {
            "forProvider": {
                "region": region,
                "engine": "postgres",
                "engineVersion": "16.4",
                "instanceClass": "db.t4g.medium",
                "allocatedStorage": 50,
                "storageEncrypted": True,
                "username": "reporting",
                "manageMasterUserPassword": True,
                "skipFinalSnapshot": True,
            },
            "providerConfigRef": {"name": "default"},
        },
    )


# Violates: in a GDPR stack, a cluster-scoped Crossplane instance with no label is held to the stack's
# regime, and it is created in N. Virginia.
case("op-crossplane-unlabelled-gdpr-stack-us", OPERATORS, "DENY", OP_DOC["crossplane"], config=GDPR_STACK)(
    on_tenant(crossplane_unlabelled("us-east-1"))
)
# Complies: it is created in Frankfurt.
case("op-crossplane-unlabelled-gdpr-stack-de", OPERATORS, cite=OP_DOC["crossplane"], config=GDPR_STACK)(
    on_tenant(crossplane_unlabelled("eu-central-1"))
)


def kcc_bucket(location: str | None) -> Obj:
    spec: dict[str, Any] = {"uniformBucketLevelAccess": True}
    if location is not None:
        spec["location"] = location
    return custom_resource("storage.cnrm.cloud.google.com/v1beta1", "StorageBucket", "acme-uploads", "acme", spec)


# Violates: a Config Connector StorageBucket without spec.location is created in the US multi-region.
case("op-kcc-bucket-no-location", OPERATORS, "DENY", DEF_DOC["kcc-bucket"])(on_tenant(kcc_bucket(None), cloud="gcp"))
# Complies: the bucket's location is the EU multi-region.
case("op-kcc-bucket-eu", OPERATORS, cite=DEF_DOC["kcc-bucket"])(on_tenant(kcc_bucket("EU"), cloud="gcp"))


def kcc_dataset(location: str | None) -> Obj:
    spec: dict[str, Any] = {"defaultTableExpirationMs": 3600000}
    if location is not None:
        spec["location"] = location
    return custom_resource("bigquery.cnrm.cloud.google.com/v1beta1", "BigQueryDataset", "acmeevents", "acme", spec)


# Violates: a Config Connector BigQueryDataset without location is created in the US multi-region.
case("op-kcc-dataset-no-location", OPERATORS, "DENY", DEF_DOC["kcc-bq"])(on_tenant(kcc_dataset(None), cloud="gcp"))
# Complies: the dataset is in the EU multi-region.
case("op-kcc-dataset-eu", OPERATORS, cite=DEF_DOC["kcc-bq"])(on_tenant(kcc_dataset("EU"), cloud="gcp"))


def kcc_sql_backup(location: str) -> Obj:
    return custom_resource(
        "sql.cnrm.cloud.google.com/v1beta1",
        "SQLInstance",
        "acme-db",
        "acme",
        {
            "region": "europe-west3",
            "databaseVersion": "POSTGRES_16",
            "settings": {
                "tier": "db-custom-2-7680",
                "backupConfiguration": {"enabled": True, "location": location, "pointInTimeRecoveryEnabled": True},
            },
        },
    )


# Violates: the GDPR tenant's Cloud SQL instance (Frankfurt) keeps its backups in the us multi-region.
case("op-kcc-sql-backup-us", OPERATORS, "DENY", OP_DOC["kcc-sql"])(on_tenant(kcc_sql_backup("us"), cloud="gcp"))
# Complies: its backups stay in Frankfurt.
case("op-kcc-sql-backup-de", OPERATORS, cite=OP_DOC["kcc-sql"])(on_tenant(kcc_sql_backup("europe-west3"), cloud="gcp"))


def aso_rg(location: str) -> Obj:
    return custom_resource(
        "resources.azure.com/v1api20200601", "ResourceGroup", "acme-rg", "acme", {"location": location}
    )


def aso_account(owner: dict[str, str], sku: str = "Standard_LRS", labels: dict[str, str] | None = None) -> Obj:
    return custom_resource(
        "storage.azure.com/v1api20230101",
        "StorageAccount",
        "acmefiles",
        "acme",
        {"owner": owner, "kind": "StorageV2", "sku": {"name": sku}, "allowBlobPublicAccess": False},
        labels=labels,
    )


# Violates: the ASO storage account names no location; it takes its owner's, a resource group in East US.
case("op-aso-owner-rg-us", OPERATORS, "DENY", OP_DOC["aso-owner"])(
    on_tenant(aso_rg("eastus"), aso_account({"name": "acme-rg"}), cloud="azure-native")
)
# Complies: the owner resource group is in West Europe.
case("op-aso-owner-rg-nl", OPERATORS, cite=OP_DOC["aso-owner"])(
    on_tenant(aso_rg("westeurope"), aso_account({"name": "acme-rg"}), cloud="azure-native")
)
# Violates: the owner is a resource group outside the stack (armId): the account's location is unknown.
case("op-aso-owner-arm-id", OPERATORS, "DENY", OP_DOC["aso-owner"])(
    on_tenant(aso_account({"armId": f"/subscriptions/{SUB}/resourceGroups/shared-data"}), cloud="azure-native")
)
# Violates: an account labelled Ireland-only (in the GDPR namespace) with geo-redundant storage in North
# Europe copies to its pair, West Europe.
case("op-aso-grs-ireland", OPERATORS, "DENY", OP_DOC["aso-storage"], config={"regimes": IE})(
    on_tenant(aso_rg("northeurope"), aso_account({"name": "acme-rg"}, "Standard_GRS", IE_TAG), cloud="azure-native")
)
# Complies: locally redundant storage in North Europe.
case("op-aso-lrs-ireland", OPERATORS, cite=OP_DOC["aso-storage"], config={"regimes": IE})(
    on_tenant(aso_rg("northeurope"), aso_account({"name": "acme-rg"}, "Standard_LRS", IE_TAG), cloud="azure-native")
)


# ============================================================================ tenant isolation
K8S_DOC = {
    "netpol": "https://kubernetes.io/docs/concepts/services-networking/network-policies/",
    "special-ranges": "https://www.rfc-editor.org/rfc/rfc6890",
    "imds": "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html",
    "quota": "https://kubernetes.io/docs/concepts/policy/resource-quotas/",
    "quota-scopes": "https://kubernetes.io/docs/concepts/policy/resource-quotas/#quota-scopes",
    "limitrange": "https://kubernetes.io/docs/concepts/policy/limit-range/",
    "psa": "https://kubernetes.io/docs/concepts/security/pod-security-admission/#pod-security-admission-labels-for-namespaces",
    "rbac-subjects": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-subjects",
    "rbac-discovery": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#discovery-roles",
    "impersonation": "https://kubernetes.io/docs/reference/access-authn-authz/authentication/#user-impersonation",
    "escalation": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping",
    "aggregation": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#aggregated-clusterroles",
    "user-facing": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles",
    "webhooks": "https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/#matching-requests-namespaceselector",
    "match-conditions": "https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/#matching-requests-matchconditions",
    "webhook-url": "https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/#url",
    "external-ips": "https://kubernetes.io/docs/concepts/services-networking/service/#external-ips",
    "service-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/core/v1/servicepatch/",
    "np-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/networking/v1/networkpolicypatch/",
    "ns-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/core/v1/namespacepatch/",
    "provider": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/provider/",
}


def iso(*objects: Obj, neighbour: bool = False, isolation: str = "namespace", **tenant_kw: Any) -> Build:
    """An EU cluster with the GDPR tenant acme (and, with ``neighbour``, globex) and the case's objects."""

    def build(s: Stack) -> None:
        _, k8s = cluster(s)
        ns = tenant(s, k8s, "acme", **tenant_kw)
        if isolation != "namespace":
            namespace = _find(s, ns)
            meta = namespace.inputs["metadata"]
            namespace.inputs = {
                **namespace.inputs,
                "metadata": {**meta, "labels": {**meta["labels"], "fleet-isolation": isolation}},
            }
        if neighbour:
            tenant(s, k8s, "globex")
        for make in objects:
            make(s, k8s)

    return build


DNS = {
    "namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "kube-system"}},
    "podSelector": {"matchLabels": {"k8s-app": "kube-dns"}},
}
OWN_TENANT = {
    "namespaceSelector": {"matchLabels": {"fleet-tenant": "acme"}},
    "podSelector": {"matchLabels": {"app": "api"}},
}

# Complies: egress to the cluster DNS pods in kube-system, a namespace named by its name label.
case("k8s-np-egress-dns", ISOLATION, cite=K8S_DOC["netpol"])(iso(netpol(egress(DNS), name="dns")))
# Complies: ingress from the api pods of the tenant's own namespaces (fleet-tenant=acme).
case("k8s-np-ingress-own-tenant-api", ISOLATION, cite=K8S_DOC["netpol"])(iso(netpol(ingress(OWN_TENANT))))
# Violates: ingress from namespaces labelled team=payments: any namespace can carry that label.
case("k8s-np-ingress-team-label", ISOLATION, "DENY", K8S_DOC["netpol"])(
    iso(netpol(ingress({"namespaceSelector": {"matchLabels": {"team": "payments"}}})), neighbour=True)
)
# Violates: ingress from the shared address space 100.64.0.0/10 (carrier-grade NAT, used for pod ranges).
case("k8s-np-ingress-shared-range", ISOLATION, "DENY", K8S_DOC["special-ranges"])(
    iso(netpol(ingress(cidr("100.64.0.0/10"))))
)
# Violates: egress to the instance metadata service 169.254.169.254 (link-local, on every node).
case("k8s-np-egress-imds", ISOLATION, "DENY", K8S_DOC["imds"])(iso(netpol(egress(cidr("169.254.169.254/32")))))
# Violates: internet egress that excepts the RFC 1918 ranges but not 100.64.0.0/10 nor 169.254.0.0/16.
case("k8s-np-egress-internet-except-rfc1918-only", ISOLATION, "DENY", K8S_DOC["special-ranges"])(
    iso(netpol(egress(cidr("0.0.0.0/0", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"))))
)
# Violates: ingress from four public /9 blocks (two /8s of addresses together): ingress from the internet.
case("k8s-np-ingress-public-split-blocks", ISOLATION, "DENY", K8S_DOC["netpol"])(
    iso(netpol(ingress(*(cidr(b) for b in ("44.0.0.0/9", "44.128.0.0/9", "45.0.0.0/9", "45.128.0.0/9")))))
)
# Complies: ingress from one partner's public /24.
case("k8s-np-ingress-partner-24", ISOLATION, cite=K8S_DOC["netpol"])(iso(netpol(ingress(cidr("198.51.100.0/24")))))
# Violates: the first rule is narrow, but a second rule with ports only admits every source.
case("k8s-np-second-rule-open", ISOLATION, "DENY", K8S_DOC["netpol"])(
    iso(
        netpol(
            {
                "podSelector": {"matchLabels": {"app": "api"}},
                "policyTypes": ["Ingress"],
                "ingress": [{"from": [OWN_TENANT]}, {"ports": [{"protocol": "TCP", "port": 8443}]}],
            }
        )
    )
)

QUOTA_FULL = {"requests.cpu": "4", "requests.memory": "8Gi", "limits.cpu": "8", "limits.memory": "16Gi"}

# Violates: the quota bounds only the number of pods and services, not their CPU or memory.
case("k8s-quota-counts-only", ISOLATION, "DENY", K8S_DOC["quota"])(iso(quota={"pods": "50", "services": "10"}))
# Complies: "cpu" and "memory" are the same as requests.cpu and requests.memory, with limits bounded too.
case("k8s-quota-short-names", ISOLATION, cite=K8S_DOC["quota"])(
    iso(quota={"cpu": "4", "memory": "8Gi", "limits.cpu": "8", "limits.memory": "16Gi", "pods": "50"})
)
# Violates: the only quota is scoped to pods of PriorityClass "high"; every other pod is unbounded.
case("k8s-quota-priority-scope", ISOLATION, "DENY", K8S_DOC["quota-scopes"])(
    iso(
        quota=QUOTA_FULL,
        quota_extra={
            "scopeSelector": {
                "matchExpressions": [{"scopeName": "PriorityClass", "operator": "In", "values": ["high"]}]
            }
        },
    )
)
# Violates: a LimitRange of type Pod (a maximum) gives containers no default limits.
case("k8s-limitrange-pod-max-only", ISOLATION, "DENY", K8S_DOC["limitrange"])(
    iso(limits=[{"type": "Pod", "max": {"cpu": "4", "memory": "8Gi"}}])
)
# Violates: defaultRequest only: containers get requests but no default limits.
case("k8s-limitrange-default-request-only", ISOLATION, "DENY", K8S_DOC["limitrange"])(
    iso(limits=[{"type": "Container", "defaultRequest": {"cpu": "100m", "memory": "128Mi"}}])
)
# Violates: a default CPU limit but no default memory limit.
case("k8s-limitrange-cpu-only", ISOLATION, "DENY", K8S_DOC["limitrange"])(
    iso(limits=[{"type": "Container", "default": {"cpu": "500m"}}])
)
# Complies: container defaults for both, plus a Pod maximum.
case("k8s-limitrange-container-and-pod", ISOLATION, cite=K8S_DOC["limitrange"])(
    iso(
        limits=[
            {"type": "Container", "default": {"cpu": "500m", "memory": "512Mi"}},
            {"type": "Pod", "max": {"cpu": "4", "memory": "8Gi"}},
        ]
    )
)


def ns_labels(drop: tuple[str, ...] = (), **labels: str) -> Obj:
    """Change the acme namespace's own labels (after the fact, as a hand-edited namespace would be)."""

    def make(s: Stack, _: str) -> None:
        namespace = _find(s, s.urn("kubernetes:core/v1:Namespace", "acme-ns"))
        meta = namespace.inputs["metadata"]
        kept = {k: v for k, v in {**meta["labels"], **labels}.items() if k not in drop}
        namespace.inputs = {**namespace.inputs, "metadata": {**meta, "labels": kept}}

    return make


ENFORCE = "pod-security.kubernetes.io/enforce"
# Violates: Pod Security "restricted" is only audited and warned about; nothing is enforced.
case("k8s-pss-audit-warn-only", ISOLATION, "DENY", K8S_DOC["psa"])(
    iso(
        ns_labels(
            (ENFORCE,),
            **{"pod-security.kubernetes.io/audit": "restricted", "pod-security.kubernetes.io/warn": "restricted"},
        )
    )
)
# Complies: restricted is enforced, pinned to a version.
case("k8s-pss-enforce-restricted-pinned", ISOLATION, cite=K8S_DOC["psa"])(
    iso(ns_labels(**{"pod-security.kubernetes.io/enforce-version": "v1.33"}))
)


def user(name: str) -> dict[str, Any]:
    return {"apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": name}


EDIT = ("ClusterRole", "edit")
VIEW = ("ClusterRole", "view")

# Violates: the user system:serviceaccount:globex:deployer is the neighbour's service account.
case("k8s-rb-user-neighbour-sa", ISOLATION, "DENY", K8S_DOC["rbac-subjects"])(
    iso(role_binding(EDIT, user("system:serviceaccount:globex:deployer")), neighbour=True)
)
# Complies: the user form of the tenant's own service account.
case("k8s-rb-user-own-sa", ISOLATION, cite=K8S_DOC["rbac-subjects"])(
    iso(role_binding(EDIT, user("system:serviceaccount:acme:deployer")), neighbour=True)
)
# Violates: the group of all service accounts of the neighbour's namespace.
case("k8s-rb-group-neighbour-sas", ISOLATION, "DENY", K8S_DOC["rbac-subjects"])(
    iso(role_binding(VIEW, group("system:serviceaccounts:globex")), neighbour=True)
)
# Violates: a service account of the argocd namespace (neither the tenant's nor a platform namespace).
case("k8s-rb-argocd-sa", ISOLATION, "DENY", K8S_DOC["rbac-subjects"])(
    iso(role_binding(EDIT, service_account("argocd", "argocd-application-controller")))
)
# Complies: a service account of fleet-system, the fleet's own platform namespace.
case("k8s-rb-fleet-system-sa", ISOLATION, cite=K8S_DOC["rbac-subjects"])(
    iso(role_binding(EDIT, service_account("fleet-system", "deployer")))
)
# Violates: the user system:anonymous (every request without credentials) may view the namespace.
case("k8s-rb-anonymous", ISOLATION, "DENY", K8S_DOC["rbac-subjects"])(iso(role_binding(VIEW, user("system:anonymous"))))
# Violates: the neighbour tenant's owner group gets edit in acme.
case("k8s-rb-neighbour-owner-group", ISOLATION, "DENY", K8S_DOC["rbac-subjects"])(
    iso(role_binding(EDIT, group("globex-admins")), neighbour=True)
)
# Complies: the platform team's on-call group gets view (not a tenant's group).
case("k8s-rb-platform-group-view", ISOLATION, cite=K8S_DOC["rbac-subjects"])(
    iso(role_binding(VIEW, group("platform-oncall")), neighbour=True)
)
# Violates: a ClusterRoleBinding gives the tenant's service account (user form) view on every namespace.
case("k8s-crb-tenant-sa-user-form", ISOLATION, "DENY", K8S_DOC["rbac-subjects"])(
    iso(cluster_role_binding("view", user("system:serviceaccount:acme:reporter")), neighbour=True)
)
# Violates: a ClusterRoleBinding names the tenant's owner group (from its owners annotation).
case("k8s-crb-tenant-owner-group", ISOLATION, "DENY", K8S_DOC["rbac-subjects"])(
    iso(cluster_role_binding("view", group("acme-admins")), neighbour=True)
)
# Complies: the public-info-viewer role to unauthenticated users, as Kubernetes itself binds it.
case("k8s-crb-public-info-viewer", ISOLATION, cite=K8S_DOC["rbac-discovery"])(
    iso(cluster_role_binding("system:public-info-viewer", group("system:unauthenticated"), name="public-info"))
)
DEDICATED = cluster_role_binding("cluster-admin", group("acme-admins"), name="acme-cluster-admin")


def labelled(make: Obj, labels: dict[str, str]) -> Obj:
    def wrapped(s: Stack, k8s: str) -> Any:
        urn = make(s, k8s)
        obj = _find(s, urn)
        meta = obj.inputs["metadata"]
        obj.inputs = {**obj.inputs, "metadata": {**meta, "labels": {**meta.get("labels", {}), **labels}}}
        return urn

    return wrapped


CLAIM = {"fleet-isolation": "cluster", "fleet-tenant": "acme"}
# Complies: acme is alone on its dedicated cluster, whose admins the fleet binds to cluster-admin.
case("k8s-dedicated-cluster-admin-alone", ISOLATION, cite=K8S_DOC["rbac-subjects"])(
    iso(labelled(DEDICATED, CLAIM), isolation="cluster")
)
# Violates: the same claim on a cluster that also holds globex's namespace.
case("k8s-dedicated-cluster-admin-shared", ISOLATION, "DENY", K8S_DOC["rbac-subjects"])(
    iso(labelled(DEDICATED, CLAIM), isolation="cluster", neighbour=True)
)


def bound_role(rules: list[dict[str, Any]]) -> Build:
    return iso(role("extra", rules), role_binding(("Role", "extra"), group("acme-devs")))


# Violates: impersonating any user lets the tenant's developers act as anyone.
case("k8s-role-impersonate-users", ISOLATION, "DENY", K8S_DOC["impersonation"])(
    bound_role([{"apiGroups": [""], "resources": ["users", "groups"], "verbs": ["impersonate"]}])
)
# Complies: impersonating service accounts of the tenant's own namespace.
case("k8s-role-impersonate-own-sas", ISOLATION, cite=K8S_DOC["impersonation"])(
    bound_role([{"apiGroups": [""], "resources": ["serviceaccounts"], "verbs": ["impersonate"]}])
)
# Violates: "escalate" on roles lets the developers grant themselves rights they do not hold.
case("k8s-role-escalate", ISOLATION, "DENY", K8S_DOC["escalation"])(
    bound_role([{"apiGroups": ["rbac.authorization.k8s.io"], "resources": ["roles"], "verbs": ["escalate", "update"]}])
)
# Violates: deleting the namespace's LimitRanges lifts the container defaults.
case("k8s-role-delete-limitranges", ISOLATION, "DENY", K8S_DOC["limitrange"])(
    bound_role([{"apiGroups": [""], "resources": ["limitranges"], "verbs": ["get", "list", "delete"]}])
)
# Violates: a ClusterRole the stack does not define (it cannot be judged) bound in the tenant's namespace.
case("k8s-rb-undefined-cluster-role", ISOLATION, "DENY", K8S_DOC["user-facing"])(
    iso(role_binding(("ClusterRole", "ops-debugger"), group("acme-devs")))
)
# Complies: a Role the stack does not define lives in the tenant's own namespace.
case("k8s-rb-undefined-role", ISOLATION, cite=K8S_DOC["user-facing"])(
    iso(role_binding(("Role", "app-reader"), group("acme-devs")))
)

ADMIN_AGG = {"rbac.authorization.k8s.io/aggregate-to-admin": "true"}
EDIT_AGG = {"rbac.authorization.k8s.io/aggregate-to-edit": "true"}
VIEW_AGG = {"rbac.authorization.k8s.io/aggregate-to-view": "true"}
WIDGETS_RW = [
    {
        "apiGroups": ["example.com"],
        "resources": ["widgets"],
        "verbs": ["get", "list", "watch", "create", "update", "delete"],
    }
]

# Violates: aggregated into view, it lets every viewer read Secrets (view leaves them out on purpose).
case("k8s-aggregate-view-secrets", ISOLATION, "DENY", K8S_DOC["user-facing"])(
    iso(
        cluster_role(
            "secret-viewer", [{"apiGroups": [""], "resources": ["secrets"], "verbs": ["get", "list"]}], VIEW_AGG
        )
    )
)
# Violates: aggregated into view, it grants writes.
case("k8s-aggregate-view-writes", ISOLATION, "DENY", K8S_DOC["aggregation"])(
    iso(cluster_role("widget-writer-view", WIDGETS_RW, VIEW_AGG))
)
# Complies: the same writes on a custom resource aggregated into edit.
case("k8s-aggregate-edit-widgets", ISOLATION, cite=K8S_DOC["aggregation"])(
    iso(cluster_role("widget-writer", WIDGETS_RW, EDIT_AGG))
)
# Violates: aggregated into admin, it lets every tenant admin list and patch nodes.
case("k8s-aggregate-admin-nodes", ISOLATION, "DENY", K8S_DOC["aggregation"])(
    iso(
        cluster_role(
            "node-patcher", [{"apiGroups": [""], "resources": ["nodes"], "verbs": ["get", "list", "patch"]}], ADMIN_AGG
        )
    )
)
# Violates: aggregated into edit, it lets every editor change admission webhooks.
case("k8s-aggregate-edit-webhooks", ISOLATION, "DENY", K8S_DOC["aggregation"])(
    iso(
        cluster_role(
            "hook-editor",
            [
                {
                    "apiGroups": ["admissionregistration.k8s.io"],
                    "resources": ["mutatingwebhookconfigurations", "validatingwebhookconfigurations"],
                    "verbs": ["get", "list", "update"],
                }
            ],
            EDIT_AGG,
        )
    )
)
# Violates: aggregated into view, it lets every viewer read PersistentVolumes (cluster-scoped storage).
case("k8s-aggregate-view-pvs", ISOLATION, "DENY", K8S_DOC["aggregation"])(
    iso(
        cluster_role(
            "pv-viewer", [{"apiGroups": [""], "resources": ["persistentvolumes"], "verbs": ["get", "list"]}], VIEW_AGG
        )
    )
)


def hook(
    kind: str,
    served_by: dict[str, Any],
    selector: dict[str, Any] | None,
    tenant_label: str | None = "acme",
    **extra: Any,
) -> Obj:
    def make(s: Stack, k8s: str) -> str:
        h: dict[str, Any] = {
            "name": f"{kind.lower()}.hooks.example.com",
            "admissionReviewVersions": ["v1"],
            "sideEffects": "None",
            "failurePolicy": "Ignore",
            "clientConfig": served_by,
            "rules": [
                {
                    "operations": ["CREATE", "UPDATE"],
                    "apiGroups": ["apps"],
                    "apiVersions": ["v1"],
                    "resources": ["deployments"],
                }
            ],
            **extra,
        }
        if selector is not None:
            h["namespaceSelector"] = selector
        metadata: dict[str, Any] = {"name": f"hooks-{kind.lower()}"}
        if tenant_label:
            metadata["labels"] = {"fleet-tenant": tenant_label}
        return s.add(
            f"kubernetes:admissionregistration.k8s.io/v1:{kind}WebhookConfiguration",
            f"hooks-{kind.lower()}",
            k8s,
            metadata=metadata,
            webhooks=[h],
        )

    return make


URL = {"url": "https://policy.acme.example.com/validate"}
ACME_SVC = {"service": {"namespace": "acme", "name": "acme-hooks", "path": "/mutate"}}
PLATFORM_SVC = {"service": {"namespace": "cert-manager", "name": "cert-manager-webhook", "path": "/mutate"}}
OWN = {"matchLabels": {"kubernetes.io/metadata.name": "acme"}}

# Violates: a webhook called by URL (someone outside the cluster), labelled for acme, with no
# namespaceSelector: it receives every tenant's Deployments.
case("k8s-webhook-url-no-selector", ISOLATION, "DENY", K8S_DOC["webhook-url"])(
    iso(hook("Validating", URL, None), neighbour=True)
)
# Complies: the URL webhook is limited to acme's namespace.
case("k8s-webhook-url-own-namespace", ISOLATION, cite=K8S_DOC["webhook-url"])(
    iso(hook("Validating", URL, OWN), neighbour=True)
)
# Violates: served from acme, the webhook is scoped only by an objectSelector, which object writers control.
case("k8s-webhook-object-selector-only", ISOLATION, "DENY", K8S_DOC["webhooks"])(
    iso(hook("Mutating", ACME_SVC, None, objectSelector={"matchLabels": {"team": "acme"}}), neighbour=True)
)
# Violates: scoped only by matchConditions on the object's namespace field.
case("k8s-webhook-match-conditions-only", ISOLATION, "DENY", K8S_DOC["match-conditions"])(
    iso(
        hook(
            "Mutating",
            ACME_SVC,
            None,
            matchConditions=[{"name": "acme-only", "expression": "object.metadata.namespace == 'acme'"}],
        ),
        neighbour=True,
    )
)
# Violates: served from acme with a selector NotIn [kube-system]: every other namespace.
case("k8s-webhook-notin-kube-system", ISOLATION, "DENY", K8S_DOC["webhooks"])(
    iso(
        hook(
            "Mutating",
            ACME_SVC,
            {
                "matchExpressions": [
                    {"key": "kubernetes.io/metadata.name", "operator": "NotIn", "values": ["kube-system"]}
                ]
            },
        ),
        neighbour=True,
    )
)
# Complies: served from acme, selecting the namespaces labelled fleet-tenant=acme.
case("k8s-webhook-own-tenant-label", ISOLATION, cite=K8S_DOC["webhooks"])(
    iso(hook("Mutating", ACME_SVC, {"matchLabels": {"fleet-tenant": "acme"}}), neighbour=True)
)
# Complies: cert-manager's webhook, served from a platform namespace, cluster-wide.
case("k8s-webhook-platform-cluster-wide", ISOLATION, cite=K8S_DOC["webhooks"])(
    iso(hook("Mutating", PLATFORM_SVC, None, tenant_label=None), neighbour=True)
)


def svc(ns: str | None, spec: dict[str, Any], name: str = "web", patch: bool = False) -> Obj:
    def make(s: Stack, k8s: str) -> str:
        metadata: dict[str, Any] = {"name": name}
        if ns is not None:
            metadata["namespace"] = ns
        kind = "ServicePatch" if patch else "Service"
        return s.add(f"kubernetes:core/v1:{kind}", f"{ns}-{name}-{kind.lower()}", k8s, metadata=metadata, spec=spec)

    return make


LB = {"type": "LoadBalancer", "selector": {"app": "web"}, "ports": [{"port": 443, "targetPort": 8443}]}

# Violates: a ServicePatch adds externalIPs to a Service of the tenant's namespace.
case("k8s-service-patch-external-ips", ISOLATION, "DENY", K8S_DOC["service-patch"])(
    iso(svc("acme", {"externalIPs": ["10.20.30.40"]}, patch=True))
)
# Complies: a LoadBalancer Service in the tenant's namespace.
case("k8s-service-load-balancer", ISOLATION, cite=K8S_DOC["external-ips"])(iso(svc("acme", LB)))
# Complies: externalIPs on a Service in the platform's ingress namespace (no tenant's).
case("k8s-service-external-ips-platform", ISOLATION, cite=K8S_DOC["external-ips"])(
    iso(svc("ingress-nginx", {**LB, "type": "ClusterIP", "externalIPs": ["203.0.113.7"]}))
)


# ============================================================================ providers and patches


def through_second(obj: Obj, namespace: str | None = None) -> Build:
    """The object sent through a hand-written Kubernetes provider (same kubeconfig as the cluster's)."""

    def build(s: Stack) -> None:
        _, k8s = cluster(s)
        tenant(s, k8s, "acme")
        tenant(s, k8s, "globex")
        obj(s, second_provider(s, namespace=namespace))

    return build


def through_default_ns(obj: Obj, namespace: str) -> Build:
    """The object, with no namespace, sent through a provider of the cluster component whose default
    namespace is ``namespace``."""

    def build(s: Stack) -> None:
        component, k8s = cluster(s)
        tenant(s, k8s, "acme")
        tenant(s, k8s, "globex")
        obj(s, second_provider(s, namespace=namespace, parented=True, component=component))

    return build


# Violates: a ClusterRoleBinding naming the tenant's service account, sent through a second provider:
# whatever provider sends it, the binding reaches every namespace of a cluster it may be on.
case("k8s-second-provider-crb-tenant-sa", PROVIDERS, "DENY", K8S_DOC["provider"])(
    through_second(cluster_role_binding("edit", service_account("acme", "ci")))
)
# Violates: a tenant-served cluster-wide webhook sent through a second provider.
case("k8s-second-provider-webhook", PROVIDERS, "DENY", K8S_DOC["provider"])(
    through_second(hook("Mutating", ACME_SVC, {}))
)
# Violates: a Service with externalIPs and no namespace lands, through the provider's default, in acme.
case("k8s-default-namespace-external-ips", PROVIDERS, "DENY", K8S_DOC["provider"])(
    through_default_ns(svc(None, {**LB, "type": "ClusterIP", "externalIPs": ["203.0.113.9"]}), "acme")
)
# Complies: the same Service lands in the platform's ingress namespace.
case("k8s-default-namespace-external-ips-platform", PROVIDERS, cite=K8S_DOC["provider"])(
    through_default_ns(svc(None, {**LB, "type": "ClusterIP", "externalIPs": ["203.0.113.9"]}), "ingress-nginx")
)
# Violates: a RoleBinding with no namespace binds every authenticated user in acme (the provider's default).
case("k8s-default-namespace-rb-authenticated", PROVIDERS, "DENY", K8S_DOC["provider"])(
    through_default_ns(role_binding(VIEW, group("system:authenticated"), ns=None), "acme")
)
# Complies: it lands in the platform's status-page namespace.
case("k8s-default-namespace-rb-authenticated-platform", PROVIDERS, cite=K8S_DOC["provider"])(
    through_default_ns(role_binding(VIEW, group("system:authenticated"), ns=None), "status-page")
)


def np_patch(spec: dict[str, Any]) -> Obj:
    def make(s: Stack, k8s: str) -> str:
        return s.add(
            "kubernetes:networking.k8s.io/v1:NetworkPolicyPatch",
            "acme-deny-patch",
            k8s,
            metadata={"name": "default-deny", "namespace": "acme"},
            spec=spec,
        )

    return make


def ns_patch(labels: dict[str, str]) -> Obj:
    def make(s: Stack, k8s: str) -> str:
        return s.add(
            "kubernetes:core/v1:NamespacePatch", "acme-ns-patch", k8s, metadata={"name": "acme", "labels": labels}
        )

    return make


# Violates: a patch of the default deny adds an ingress rule without peers: it now admits everything.
case("k8s-np-patch-default-deny-open", PROVIDERS, "DENY", K8S_DOC["np-patch"])(iso(np_patch({"ingress": [{}]})))
# Violates: a patch of the default deny leaves only Ingress in policyTypes: egress is no longer isolated.
case("k8s-np-patch-default-deny-ingress-only", PROVIDERS, "DENY", K8S_DOC["np-patch"])(
    iso(np_patch({"policyTypes": ["Ingress"]}))
)
# Complies: the patch only re-states both policy types.
case("k8s-np-patch-default-deny-same", PROVIDERS, cite=K8S_DOC["np-patch"])(
    iso(np_patch({"podSelector": {}, "policyTypes": ["Ingress", "Egress"]}))
)
# Violates: a NamespacePatch lowers the tenant namespace's enforced Pod Security to baseline.
case("k8s-ns-patch-baseline", PROVIDERS, "DENY", K8S_DOC["ns-patch"])(iso(ns_patch({ENFORCE: "baseline"})))
# Violates: a NamespacePatch changes the tenant label to another tenant's name.
case("k8s-ns-patch-tenant-label", PROVIDERS, "DENY", K8S_DOC["ns-patch"])(
    iso(ns_patch({"fleet-tenant": "globex"}), neighbour=True)
)
# Complies: a NamespacePatch adds the restricted warn label.
case("k8s-ns-patch-warn-restricted", PROVIDERS, cite=K8S_DOC["ns-patch"])(
    iso(ns_patch({"pod-security.kubernetes.io/warn": "restricted"}))
)


# ============================================================================ cloud guardrails
GRD_DOC = {
    "scp-attach": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_attach.html",
    "scp-region": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html",
    "scp-eval": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html",
    "condition-ops": "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String",
    "aws-regions": "https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html",
    "gcp-groups": "https://cloud.google.com/resource-manager/docs/organization-policy/defining-locations#value_groups",
    "az-notscopes": "https://learn.microsoft.com/en-us/azure/governance/policy/concepts/assignment-structure#excluded-scopes",
    "az-assignment": "https://learn.microsoft.com/en-us/azure/governance/policy/concepts/assignment-structure",
}
EKS_ORG = "aws:organizations/policy:Policy"
AKS_LOC = "azure-native:authorization:PolicyAssignment"


def second_scp(content: str) -> Callable[[Stack], None]:
    def make(s: Stack) -> None:
        org = s.urn("pulumi:providers:aws", "org")
        put(
            s,
            EKS_ORG,
            "eea-scp-2",
            org,
            name="eea-only-2",
            type="SERVICE_CONTROL_POLICY",
            content=content,
            tags=NONE,
            known={"id": "p-eea0only2"},
        )
        put(
            s,
            "aws:organizations/policyAttachment:PolicyAttachment",
            "eea-scp-2-attachment",
            org,
            policyId="p-eea0only2",
            targetId=ACCOUNT,
        )

    return make


# Violates: the SCP is attached to another account, not the cluster's.
case("grd-aws-scp-other-account", GUARDRAILS, "DENY", GRD_DOC["scp-attach"])(
    tweak(
        eks_guarded(),
        "aws:organizations/policyAttachment:PolicyAttachment",
        "eea-scp-attachment",
        targetId="333333333333",
    )
)
# Violates: the cluster's AWS provider pins no account: which account the SCP must cover is unknown.
case("grd-aws-account-not-pinned", GUARDRAILS, "DENY", GRD_DOC["scp-attach"])(
    tweak(eks_guarded(), "pulumi:providers:aws", "eu1-aws", drop=("allowedAccountIds",))
)
# Violates: the deny's NotAction also exempts s3:* and dynamodb:*, regional services, from the region rule.
case("grd-aws-scp-exempts-regional-services", GUARDRAILS, "DENY", GRD_DOC["scp-region"])(
    tweak(
        eks_guarded(),
        EKS_ORG,
        "eea-scp",
        content=json.dumps(
            {
                **json.loads(scp()),
                "Statement": [
                    {
                        **json.loads(scp())["Statement"][0],
                        "NotAction": [*json.loads(scp())["Statement"][0]["NotAction"], "s3:*", "dynamodb:*"],
                    }
                ],
            }
        ),
    )
)
# Complies: a second SCP on the account that would also allow N. Virginia; SCPs intersect, so the EEA
# SCP still bounds the account.
case("grd-aws-two-scps-intersect", GUARDRAILS, cite=GRD_DOC["scp-eval"])(
    both(eks_guarded(), second_scp(scp([*GDPR_AWS, "us-east-1"])))
)
# Violates: StringNotLike "eu-*" allows every eu- region, London (eu-west-2) and Zurich (eu-central-2) too.
case("grd-aws-scp-eu-wildcard", GUARDRAILS, "DENY", GRD_DOC["aws-regions"])(
    eks_guarded(
        json.dumps(
            {
                **json.loads(scp()),
                "Statement": [
                    {
                        **json.loads(scp())["Statement"][0],
                        "Condition": {"StringNotLike": {"aws:RequestedRegion": ["eu-*"]}},
                    }
                ],
            }
        )
    )
)


def gke_values(values: list[str]) -> Build:
    def policy(s: Stack, org: str) -> None:
        default_sink("europe-west3")(s)
        put(
            s,
            "gcp:orgpolicy/policy:Policy",
            "locations",
            org,
            name=f"projects/{PROJECT}/policies/gcp.resourceLocations",
            parent=f"projects/{PROJECT}",
            spec={"inheritFromParent": False, "rules": [{"values": {"allowedValues": values}}]},
        )

    return gke_guarded(policy)


# Complies: the value group in:eu-locations holds EU regions only (the project's _Default sink is taken over).
case("grd-gcp-eu-locations-group", GUARDRAILS, cite=GRD_DOC["gcp-groups"])(gke_values(["in:eu-locations"]))
# Violates: in:europe-locations also holds London and Zurich.
case("grd-gcp-europe-locations-group", GUARDRAILS, "DENY", GRD_DOC["gcp-groups"])(gke_values(["in:europe-locations"]))
# Violates: the EEA values plus in:us-locations.
case("grd-gcp-plus-us-group", GUARDRAILS, "DENY", GRD_DOC["gcp-groups"])(
    gke_values(["in:europe-west3-locations", "in:us-locations"])
)

# Violates: the "Allowed locations" assignment excludes the cluster's resource group (notScopes).
case("grd-azure-not-scopes-cluster-rg", GUARDRAILS, "DENY", GRD_DOC["az-notscopes"])(
    tweak(aks_guarded(), AKS_LOC, "eea-locations", notScopes=[f"/subscriptions/{SUB}/resourceGroups/fleet-eu1"])
)
# Violates (corrected 2026-12-07, see README): it excludes a sandbox resource group of the cluster's
# subscription, where anything may then be created anywhere; the contract (docs/RULES.md, FLEET-GRD-001)
# guards the whole subscription and does not count an assignment that excludes scopes.
case("grd-azure-not-scopes-sandbox", GUARDRAILS, "DENY", GRD_DOC["az-notscopes"])(
    tweak(aks_guarded(), AKS_LOC, "eea-locations", notScopes=[f"/subscriptions/{SUB}/resourceGroups/sandbox"])
)
# Violates: the allowed list includes East US.
case("grd-azure-allows-eastus", GUARDRAILS, "DENY", GRD_DOC["az-assignment"])(
    tweak(
        aks_guarded(),
        AKS_LOC,
        "eea-locations",
        parameters={"listOfAllowedLocations": {"value": ["westeurope", "northeurope", "eastus"]}},
    )
)
# Violates: the cluster's azure-native provider pins no subscription.
case("grd-azure-subscription-not-pinned", GUARDRAILS, "DENY", GRD_DOC["az-assignment"])(
    tweak(aks_guarded(), "pulumi:providers:azure-native", "eu1-azure", drop=("subscriptionId",))
)


# ============================================================================ unknown at preview
PRE_DOC = {"unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/"}

# Violates: the tag selection and the copy to Virginia are known; only the selection's role is unknown.
case("pre-backup-tag-selection-us-role-unknown", PREVIEW, "DENY", AWS_DOC["backup-tags"])(
    tweak(
        backup_selecting(vault("us-east-1"), **BY_TAG),
        "aws:backup/selection:Selection",
        "daily-selection",
        iamRoleArn=UNKNOWN,
    )
)
# Complies: the chain ends in Stockholm; only the last copy's KMS key is unknown.
case("pre-ebs-chain-se-kms-unknown", PREVIEW, cite=AWS_DOC["ebs-copy"])(ebs_chain("eu-north-1", kms=UNKNOWN))
# Violates: the chain ends in Virginia; only the last copy's KMS key is unknown.
case("pre-ebs-chain-us-kms-unknown", PREVIEW, "DENY", AWS_DOC["ebs-copy"])(ebs_chain("us-east-1", kms=UNKNOWN))
# Violates: the email address is known; the subscription's delivery policy is unknown and does not matter.
case("pre-sns-email-policy-unknown", PREVIEW, "DENY", OUT_DOC["sns-email"])(
    sns_to("email", "ledger-ops@example.com", deliveryPolicy=UNKNOWN)
)
# Violates: the capture account is in East US; only the hub's message retention is unknown.
case("pre-eventhub-capture-us-interval-unknown", PREVIEW, "DENY", AZ_DOC["capture"])(
    tweak(
        capture("eastus"),
        "azure-native:eventhub:EventHub",
        "payments-hub",
        messageRetentionInDays=UNKNOWN,
    )
)
# Violates: the Crossplane table's replica in Virginia is known; its provider config name is unknown.
case("pre-crossplane-replica-us-config-unknown", PREVIEW, "DENY", OP_DOC["crossplane-ddb"])(
    on_tenant(lambda s, k8s: _set_spec(crossplane_table("us-east-1")(s, k8s), s, providerConfigRef={"name": UNKNOWN}))
)
# Violates: ingress from a team label is known; the port is unknown.
case("pre-np-team-label-port-unknown", PREVIEW, "DENY", K8S_DOC["netpol"])(
    iso(
        netpol(
            ingress(
                {"namespaceSelector": {"matchLabels": {"team": "payments"}}},
                ports=[{"protocol": "TCP", "port": UNKNOWN}],
            )
        ),
        neighbour=True,
    )
)
# Violates: externalIPs are known; the Service's selector is unknown.
case("pre-service-external-ips-selector-unknown", PREVIEW, "DENY", K8S_DOC["external-ips"])(
    iso(svc("acme", {"type": "ClusterIP", "selector": UNKNOWN, "ports": [{"port": 80}], "externalIPs": ["10.1.2.3"]}))
)
# Complies: a narrow own-tenant ingress policy whose port is unknown.
case("pre-np-own-tenant-port-unknown", PREVIEW, cite=K8S_DOC["netpol"])(
    iso(netpol(ingress(OWN_TENANT, ports=[{"protocol": "TCP", "port": UNKNOWN}])))
)
# Complies: the Firestore database is in eur3; its concurrency mode is unknown.
case("pre-firestore-eur3-mode-unknown", PREVIEW, cite=DEF_DOC["firestore"], config=GDPR_STACK)(
    tweak(firestore("eur3"), "gcp:firestore/database:Database", "ledger-fs", concurrencyMode=UNKNOWN)
)


def _set_spec(urn: str, s: Stack, **spec: Any) -> str:
    obj = _find(s, urn)
    obj.inputs = {**obj.inputs, "spec": {**obj.inputs["spec"], **spec}}
    return urn


# ============================================================================ malformed shapes
BAD_DOC = {
    "backup-plan": "https://www.pulumi.com/registry/packages/aws/api-docs/backup/plan/",
    "np": "https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/",
    "quota": "https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/resource-quota-v1/",
    "webhook": "https://kubernetes.io/docs/reference/kubernetes-api/extend-resources/mutating-webhook-configuration-v1/",
    "cluster-role": "https://kubernetes.io/docs/reference/kubernetes-api/authorization-resources/cluster-role-v1/",
    "subscription": "https://www.pulumi.com/registry/packages/gcp/api-docs/pubsub/subscription/",
    "eventhub": "https://www.pulumi.com/registry/packages/azure-native/api-docs/eventhub/eventhub/",
}

# Cannot evaluate: the copy actions of the plan that selects the GDPR table are a map, not a list.
case("bad-backup-copy-actions-map", MALFORMED, "DENY", BAD_DOC["backup-plan"])(
    tweak(
        backup_selecting(vault("eu-central-1"), **BY_TAG),
        "aws:backup/plan:Plan",
        "daily-plan",
        rules=[
            {
                "ruleName": "daily",
                "targetVaultName": "main",
                "copyActions": {"destinationVaultArn": vault("eu-central-1")},
            }
        ],
    )
)
# Cannot evaluate: an ipBlock whose cidr is a list.
case("bad-np-cidr-list", MALFORMED, "DENY", BAD_DOC["np"])(iso(netpol(ingress({"ipBlock": {"cidr": ["10.0.0.0/8"]}}))))
# Cannot evaluate: the tenant quota's hard is a list.
case("bad-quota-hard-list", MALFORMED, "DENY", BAD_DOC["quota"])(iso(quota=[{"requests.cpu": "4"}]))
# Cannot evaluate: a tenant-served webhook whose namespaceSelector is a string.
case("bad-webhook-selector-string", MALFORMED, "DENY", BAD_DOC["webhook"])(
    iso(hook("Mutating", ACME_SVC, "kubernetes.io/metadata.name=acme"), neighbour=True)  # type: ignore[arg-type]
)
# Cannot evaluate: an aggregated ClusterRole whose rules are a map.
case("bad-aggregated-rules-map", MALFORMED, "DENY", BAD_DOC["cluster-role"])(
    iso(cluster_role("odd", {"apiGroups": [""], "resources": ["secrets"], "verbs": ["get"]}, VIEW_AGG))  # type: ignore[arg-type]
)
# Cannot evaluate: the GDPR topic's push subscription has a pushConfig that is a string.
case("bad-pubsub-push-config-string", MALFORMED, "DENY", BAD_DOC["subscription"])(
    tweak(
        push_to_run("europe-west3"),
        "gcp:pubsub/subscription:Subscription",
        "ledger-push",
        pushConfig="https://x.example.com",
    )
)
# Cannot evaluate: the GDPR event hub's capture destination is a list.
case("bad-eventhub-capture-destination-list", MALFORMED, "DENY", BAD_DOC["eventhub"])(
    tweak(
        capture("westeurope"),
        "azure-native:eventhub:EventHub",
        "payments-hub",
        captureDescription={
            "enabled": True,
            "encoding": "Avro",
            "destination": [{"name": "EventHubArchive.AzureBlockBlob"}],
        },
    )
)
