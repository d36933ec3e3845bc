"""The outside corpus: residency and tenant-isolation cases written from cloud-provider and
Kubernetes documentation by someone who has not read the pack's rules, to measure the pack from
outside. It must never be used to tune the pack (see README.md beside it).

Each case is built with the same ``Case``/``Stack`` API as ``tests/policies/corpus.py`` and is driven
through the real Analyzer gRPC protocol by ``measure.py``. The only question a case asks is whether a
correct pack denies it: ``expect="DENY"`` (some mandatory violation) or nothing (compliant). Every
case cites the documentation that states the fact its outcome rests on, and a comment above it says
why it violates or complies.

Conventions of the fleet the cases follow: regulated cloud resources carry the tag or label
``fleet-residency: <regime>``, while copies made from them usually carry none; clusters are the
fleet's cluster components with a cloud provider and a Kubernetes provider beside them; a tenant
namespace carries ``fleet-tenant`` and every guardrail the fleet gives it.

Unknown values (``UNKNOWN``) stand for what the engine does not know at preview: when the decision
does not need the unknown value the outcome is as if it were known; when the deciding value is the
unknown one, a correct pack defers (does not deny) at preview.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from fleet.review.render import Resource
from tests.policies.corpus import BR, GDPR, IE, NONE, PRIVATE, UNKNOWN, Stack, secret
from tests.policies.outside.registry import Registry

Build = Callable[[Stack], None]

REGISTRY = Registry()
CASES = REGISTRY.cases
case = REGISTRY.case
by_area = REGISTRY.by_area


# Themes
AWS_COPIES = "aws-copies"
GCP_COPIES = "gcp-copies"
AZURE_COPIES = "azure-copies"
OPERATORS = "k8s-operators"
ISOLATION = "tenant-isolation"
PROVIDERS = "k8s-providers"
GUARDRAILS = "cloud-guardrails"
PREVIEW = "unknown-at-preview"
MALFORMED = "malformed"

GDPR_STACK = {"stackRegime": "gdpr"}
ACCOUNT = "111111111111"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/fleet-data-copy"
SUB = "7a3e1c90-5b2d-4e8f-a6c1-0d9b4f2e7a32"
PROJECT = "ledger-prod"
CH = {"fleet-residency": "ch"}


def regime(name: str) -> dict[str, str]:
    return {"fleet-residency": name}


# ------------------------------------------------------------------------------------ helpers


def _find(s: Stack, urn: str) -> Any:
    return next(r for r in s.resources if r.urn == urn)


def put(
    s: Stack,
    type_: str,
    name: str,
    provider: str,
    /,
    *,
    known: dict[str, Any] | None = None,
    deps: tuple[str, ...] | list[str] = (),
    under: str | None = None,
    **inputs: Any,
) -> str:
    """A custom resource. ``known``: outputs of a resource that already exists (the engine sends its
    state, inputs and computed outputs alike); ``deps``: the resources whose outputs it takes; ``under``:
    the parent resource (component)."""
    # As Stack.add does, built here so that an input may be called "parent" (GCP organization policies).
    urn = s.urn(type_, name)
    resource = Resource(urn, type_, name, under, provider, inputs, False, True)
    s.resources.append(resource)
    if known is not None:
        resource.outputs = {**inputs, **known}
    resource.dependencies = list(deps)
    return urn


def _provider(s: Stack, package: str, name: str, **inputs: Any) -> str:
    urn = s.urn(f"pulumi:providers:{package}", name)
    if all(r.urn != urn for r in s.resources):
        s.provider(package, name, **inputs)
    return urn


def aws(s: Stack, region: str = "eu-west-1") -> str:
    return _provider(s, "aws", f"aws-{region}", region=region)


def gcp(s: Stack, region: str = "europe-west3") -> str:
    return _provider(s, "gcp", f"gcp-{region}", project=PROJECT, region=region)


def azure(s: Stack, location: str = "westeurope") -> str:
    return _provider(s, "azure-native", f"azure-{location}", location=location)


COUNTRY = {"eu-west-1": "IE", "europe-west3": "DE", "westeurope": "NL", "us-east-1": "US"}


def cluster(s: Stack, name: str = "eu1", cloud: str = "aws", region: str = "eu-west-1") -> tuple[str, str]:
    """A fleet cluster component (with its registered outputs), its cloud provider and its Kubernetes
    provider: (component, Kubernetes provider)."""
    kind = {"aws": "EksCluster", "gcp": "GkeCluster", "azure-native": "AksCluster"}[cloud]
    component = s.add(
        f"fleet:clusters:{kind}",
        name,
        clusterName=name,
        cloud={"azure-native": "azure"}.get(cloud, cloud),
        region=region,
        country=COUNTRY[region],
    )
    location = {"aws": {"region": region}, "gcp": {"project": PROJECT, "region": region}}.get(
        cloud, {"location": region}
    )
    s.provider(cloud, f"{name}-{cloud}", parent=component, **location)
    k8s = s.provider("kubernetes", f"{name}-k8s", parent=component, kubeconfig=secret('{"apiVersion": "v1"}'))
    return component, k8s


QUOTA = {"requests.cpu": "4", "requests.memory": "8Gi", "limits.cpu": "8", "limits.memory": "16Gi", "pods": "50"}
LIMITS = [
    {
        "type": "Container",
        "default": {"cpu": "500m", "memory": "512Mi"},
        "defaultRequest": {"cpu": "100m", "memory": "128Mi"},
    }
]
DEFAULT_DENY = {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]}


def tenant(
    s: Stack,
    k8s: str,
    ns: str = "acme",
    name: str | None = None,
    residency: str = "gdpr",
    *,
    quota: dict[str, Any] | None = None,
    quota_ns: str | None = None,
    limits: list[Any] | None = None,
    pss: str = "restricted",
    deny: dict[str, Any] | None = None,
    quota_extra: dict[str, Any] | None = None,
    without: tuple[str, ...] = (),
) -> str:
    """A tenant namespace with the guardrails the fleet gives it: quota, limits with defaults, a
    default-deny NetworkPolicy, Pod Security restricted, the tenant's admins bound to ``admin``.
    Keyword arguments change one guardrail. Returns the namespace's URN."""
    tenant_name = name or ns
    labels = {
        "fleet-tenant": tenant_name,
        "fleet-isolation": "namespace",
        "fleet-residency": residency,
        "pod-security.kubernetes.io/enforce": pss,
    }
    namespace = s.add(
        "kubernetes:core/v1:Namespace",
        f"{ns}-ns",
        k8s,
        metadata={"name": ns, "labels": labels, "annotations": {"fleet.dev/owners-admin": f"{tenant_name}-admins"}},
    )
    meta = {"labels": {"fleet-tenant": tenant_name}}
    if "quota" not in without:
        s.add(
            "kubernetes:core/v1:ResourceQuota",
            f"{ns}-quota",
            k8s,
            metadata={"name": "tenant-quota", "namespace": quota_ns or ns, **meta},
            spec={"hard": QUOTA if quota is None else quota, **(quota_extra or {})},
        )
    s.add(
        "kubernetes:core/v1:LimitRange",
        f"{ns}-limits",
        k8s,
        metadata={"name": "tenant-limits", "namespace": ns, **meta},
        spec={"limits": LIMITS if limits is None else limits},
    )
    s.add(
        "kubernetes:networking.k8s.io/v1:NetworkPolicy",
        f"{ns}-deny",
        k8s,
        metadata={"name": "default-deny", "namespace": ns, **meta},
        spec=DEFAULT_DENY if deny is None else deny,
    )
    s.add(
        "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
        f"{ns}-admin",
        k8s,
        metadata={"name": "tenant-admin", "namespace": ns, **meta},
        roleRef={"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "admin"},
        subjects=[{"apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": f"{tenant_name}-admins"}],
    )
    return namespace


def on_acme(residency: str = "gdpr") -> Callable[[Stack], str]:
    def build(s: Stack) -> str:
        _, k8s = cluster(s)
        tenant(s, k8s, "acme", residency=residency)
        return k8s

    return build


def s3_bucket(s: Stack, name: str, region: str, tags: dict[str, str] | None = None) -> str:
    inputs: dict[str, Any] = {"bucket": name}
    if tags is not None:
        inputs["tags"] = tags
    return put(
        s,
        "aws:s3/bucket:Bucket",
        name,
        aws(s, region),
        known={
            "id": name,
            "arn": f"arn:aws:s3:::{name}",
            "region": region,
            "bucketRegionalDomainName": f"{name}.s3.{region}.amazonaws.com",
        },
        **inputs,
    )


# ============================================================================ AWS: copies
# A copy made from a regulated source is regulated data wherever it lands, tagged or not.

AWS_DOC = {
    "ebs": "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-copy-snapshot.html",
    "region-override": "https://www.pulumi.com/registry/packages/aws/how-to-guides/aws-enhanced-region-support",
    "regions": "https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html",
    "rds-snapshot": "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_CopySnapshot.html",
    "aurora-snapshot": "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-copy-snapshot.html",
    "rds-backups": "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReplicateBackups.html",
    "efs": "https://docs.aws.amazon.com/efs/latest/ug/efs-replication.html",
    "elasticache": "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Redis-Global-Datastore.html",
    "ddb-export": "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport.HowItWorks.html",
    "s3-replication": "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication.html",
    "s3-arn": "https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-arn-format.html",
    "mrap": "https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiRegionAccessPoints.html",
    "ecr": "https://docs.aws.amazon.com/AmazonECR/latest/userguide/replication.html",
    "backup": "https://docs.aws.amazon.com/aws-backup/latest/devguide/cross-region-backup.html",
    "cloudtrail": "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html",
    "config": "https://docs.aws.amazon.com/config/latest/developerguide/manage-delivery-channel.html",
    "sns": "https://docs.aws.amazon.com/sns/latest/dg/sns-cross-region-delivery.html",
    "sns-http": "https://docs.aws.amazon.com/sns/latest/dg/sns-http-https-endpoint-as-subscriber.html",
    "eventbridge": "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cross-region.html",
    "eb-global": "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-global-endpoints.html",
    "firehose-http": "https://docs.aws.amazon.com/firehose/latest/dev/create-destination.html",
    "dms": "https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Target.PostgreSQL.html",
    "aurora-global": "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html",
    "read-replica": "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.XRgn.html",
    "global-tables": "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GlobalTables.html",
    "dlm": "https://docs.aws.amazon.com/dlm/latest/APIReference/API_CrossRegionCopyRule.html",
    "logs": "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CrossAccountSubscriptions-Kinesis-Account.html",
    "ami": "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/CopyingAMIs.html",
    "redshift": "https://docs.aws.amazon.com/redshift/latest/mgmt/cross-region-snapshot-copy.html",
    "secrets": "https://docs.aws.amazon.com/secretsmanager/latest/userguide/create-manage-multi-region-secrets.html",
}

SNAP = "snap-0a1b2c3d4e5f60718"
VOL = "vol-0f1e2d3c4b5a69788"


def ebs_copy(to: str, source: dict[str, str] = GDPR, region: str | None = None, **copy: Any) -> Build:
    """A GDPR volume's snapshot in Ireland, copied by an EBS snapshot copy that carries no tag."""

    def build(s: Stack) -> None:
        eu = aws(s, "eu-west-1")
        vol = put(
            s,
            "aws:ebs/volume:Volume",
            "ledger-vol",
            eu,
            availabilityZone="eu-west-1a",
            size=100,
            type="gp3",
            encrypted=True,
            tags=source,
            known={"id": VOL, "arn": f"arn:aws:ec2:eu-west-1:{ACCOUNT}:volume/{VOL}"},
        )
        snap = put(
            s,
            "aws:ebs/snapshot:Snapshot",
            "ledger-snap",
            eu,
            volumeId=VOL,
            tags=source,
            deps=[vol],
            known={"id": SNAP, "arn": f"arn:aws:ec2:eu-west-1::snapshot/{SNAP}"},
        )
        inputs: dict[str, Any] = {"sourceSnapshotId": SNAP, "sourceRegion": "eu-west-1", "encrypted": True}
        if region is not None:
            inputs["region"] = region
        inputs.update(copy)
        put(s, "aws:ebs/snapshotCopy:SnapshotCopy", "ledger-snap-dr", aws(s, to), deps=[snap], **inputs)

    return build


# Violates: the copy of a GDPR snapshot is made in N. Virginia (outside the EEA); the copy has no tag.
case("aws-ebs-copy-us", AWS_COPIES, "DENY", AWS_DOC["ebs"])(ebs_copy("us-east-1"))
# Complies: the same untagged copy is made in Frankfurt, inside the EEA.
case("aws-ebs-copy-de", AWS_COPIES, cite=AWS_DOC["ebs"])(ebs_copy("eu-central-1"))
# Complies: the source is declared unregulated (fleet-residency none), so its copy may go anywhere.
case("aws-ebs-copy-us-of-unregulated", AWS_COPIES, cite=AWS_DOC["ebs"])(ebs_copy("us-east-1", NONE))
# Violates: eu-central-2 is Zurich, outside the EU/EEA, though its name starts like Frankfurt's.
case("aws-ebs-copy-zurich", AWS_COPIES, "DENY", AWS_DOC["regions"])(ebs_copy("eu-central-2"))
# Violates: an Irish provider, but the v7 per-resource region makes the copy in N. Virginia.
case("aws-ebs-copy-region-override-us", AWS_COPIES, "DENY", AWS_DOC["region-override"])(
    ebs_copy("eu-west-1", region="us-east-1")
)
# Complies: the per-resource region override moves the copy to Stockholm, inside the EEA.
case("aws-ebs-copy-region-override-se", AWS_COPIES, cite=AWS_DOC["region-override"])(
    ebs_copy("eu-west-1", region="eu-north-1")
)


def rds_instance(s: Stack, provider: str, tags: dict[str, str] | None = GDPR, name: str = "ledger") -> str:
    region = "eu-west-1"
    inputs: dict[str, Any] = {
        "identifier": name,
        "engine": "postgres",
        "engineVersion": "16.4",
        "instanceClass": "db.r6g.large",
        "allocatedStorage": 100,
        "storageEncrypted": True,
        "backupRetentionPeriod": 7,
        "skipFinalSnapshot": False,
        "manageMasterUserPassword": True,
        "username": "ledger",
    }
    if tags is not None:
        inputs["tags"] = tags
    return put(
        s,
        "aws:rds/instance:Instance",
        name,
        provider,
        **inputs,
        known={
            "id": name,
            "arn": f"arn:aws:rds:{region}:{ACCOUNT}:db:{name}",
            "address": f"{name}.c9akciq32rrw.{region}.rds.amazonaws.com",
        },
    )


def rds_snapshot_copy(to: str) -> Build:
    """An RDS snapshot copy made through the Irish provider with ``destinationRegion``."""

    def build(s: Stack) -> None:
        eu = aws(s)
        db = rds_instance(s, eu)
        arn = f"arn:aws:rds:eu-west-1:{ACCOUNT}:snapshot:ledger-2026-11"
        snap = put(
            s,
            "aws:rds/snapshot:Snapshot",
            "ledger-snap",
            eu,
            dbInstanceIdentifier="ledger",
            dbSnapshotIdentifier="ledger-2026-11",
            tags=GDPR,
            deps=[db],
            known={"id": "ledger-2026-11", "dbSnapshotArn": arn},
        )
        put(
            s,
            "aws:rds/snapshotCopy:SnapshotCopy",
            "ledger-snap-dr",
            eu,
            deps=[snap],
            sourceDbSnapshotIdentifier=arn,
            targetDbSnapshotIdentifier="ledger-2026-11-dr",
            destinationRegion=to,
            copyTags=False,
        )

    return build


# Violates: destinationRegion puts the copy of the GDPR database snapshot in N. Virginia.
case("aws-rds-snapshot-copy-us", AWS_COPIES, "DENY", AWS_DOC["rds-snapshot"])(rds_snapshot_copy("us-east-1"))
# Complies: the copy goes to Frankfurt.
case("aws-rds-snapshot-copy-de", AWS_COPIES, cite=AWS_DOC["rds-snapshot"])(rds_snapshot_copy("eu-central-1"))


def aurora(
    s: Stack, provider: str, name: str = "ledger-aurora", tags: dict[str, str] | None = GDPR, **extra: Any
) -> str:
    region = "eu-west-1"
    inputs: dict[str, Any] = {
        "clusterIdentifier": name,
        "engine": "aurora-postgresql",
        "engineVersion": "16.4",
        "storageEncrypted": True,
        "manageMasterUserPassword": True,
        "masterUsername": "ledger",
        **extra,
    }
    if tags is not None:
        inputs["tags"] = tags
    return put(
        s,
        "aws:rds/cluster:Cluster",
        name,
        provider,
        **inputs,
        known={"id": name, "arn": f"arn:aws:rds:{region}:{ACCOUNT}:cluster:{name}"},
    )


def aurora_snapshot_copy(to: str) -> Build:
    def build(s: Stack) -> None:
        eu = aws(s)
        db = aurora(s, eu)
        arn = f"arn:aws:rds:eu-west-1:{ACCOUNT}:cluster-snapshot:ledger-aurora-2026-11"
        snap = put(
            s,
            "aws:rds/clusterSnapshot:ClusterSnapshot",
            "ledger-csnap",
            eu,
            dbClusterIdentifier="ledger-aurora",
            dbClusterSnapshotIdentifier="ledger-aurora-2026-11",
            tags=GDPR,
            deps=[db],
            known={"id": "ledger-aurora-2026-11", "dbClusterSnapshotArn": arn},
        )
        put(
            s,
            "aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy",
            "ledger-csnap-dr",
            eu,
            deps=[snap],
            sourceDbClusterSnapshotIdentifier=arn,
            targetDbClusterSnapshotIdentifier="ledger-aurora-2026-11-dr",
            destinationRegion=to,
        )

    return build


# Violates: the Aurora cluster snapshot copy lands in Ohio.
case("aws-aurora-snapshot-copy-us", AWS_COPIES, "DENY", AWS_DOC["aurora-snapshot"])(aurora_snapshot_copy("us-east-2"))
# Complies: the copy lands in Paris.
case("aws-aurora-snapshot-copy-fr", AWS_COPIES, cite=AWS_DOC["aurora-snapshot"])(aurora_snapshot_copy("eu-west-3"))


def rds_backup_replication(to: str) -> Build:
    """Automated backups of the GDPR instance replicated to the region of the replication's provider."""

    def build(s: Stack) -> None:
        db = rds_instance(s, aws(s))
        put(
            s,
            "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication",
            "ledger-backups",
            aws(s, to),
            deps=[db],
            sourceDbInstanceArn=f"arn:aws:rds:eu-west-1:{ACCOUNT}:db:ledger",
            retentionPeriod=14,
        )

    return build


# Violates: the automated backups are replicated to N. Virginia (the replication is created there).
case("aws-rds-backup-replication-us", AWS_COPIES, "DENY", AWS_DOC["rds-backups"])(rds_backup_replication("us-east-1"))
# Complies: replicated to Frankfurt.
case("aws-rds-backup-replication-de", AWS_COPIES, cite=AWS_DOC["rds-backups"])(rds_backup_replication("eu-central-1"))


def efs_replication(to: str) -> Build:
    def build(s: Stack) -> None:
        eu = aws(s)
        fs = put(
            s,
            "aws:efs/fileSystem:FileSystem",
            "ledger-fs",
            eu,
            encrypted=True,
            tags=GDPR,
            known={
                "id": "fs-0123456789abcdef0",
                "arn": f"arn:aws:elasticfilesystem:eu-west-1:{ACCOUNT}:file-system/fs-0123456789abcdef0",
            },
        )
        put(
            s,
            "aws:efs/replicationConfiguration:ReplicationConfiguration",
            "ledger-fs-dr",
            eu,
            deps=[fs],
            sourceFileSystemId="fs-0123456789abcdef0",
            destination={"region": to},
        )

    return build


# Violates: EFS replication writes a read-only replica of the GDPR file system in N. Virginia.
case("aws-efs-replication-us", AWS_COPIES, "DENY", AWS_DOC["efs"])(efs_replication("us-east-1"))
# Complies: the replica is in Stockholm.
case("aws-efs-replication-se", AWS_COPIES, cite=AWS_DOC["efs"])(efs_replication("eu-north-1"))


def elasticache_global(to: str) -> Build:
    """A GDPR replication group made the primary of a global datastore; the secondary joins it."""

    def build(s: Stack) -> None:
        eu = aws(s)
        primary = put(
            s,
            "aws:elasticache/replicationGroup:ReplicationGroup",
            "ledger-cache",
            eu,
            replicationGroupId="ledger-cache",
            description="ledger sessions",
            engine="redis",
            nodeType="cache.r7g.large",
            numCacheClusters=2,
            atRestEncryptionEnabled=True,
            transitEncryptionEnabled=True,
            tags=GDPR,
            known={
                "id": "ledger-cache",
                "arn": f"arn:aws:elasticache:eu-west-1:{ACCOUNT}:replicationgroup:ledger-cache",
            },
        )
        group = put(
            s,
            "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup",
            "ledger-global",
            eu,
            deps=[primary],
            globalReplicationGroupIdSuffix="ledger",
            primaryReplicationGroupId="ledger-cache",
            known={"id": "ldgr-ledger", "globalReplicationGroupId": "ldgr-ledger"},
        )
        put(
            s,
            "aws:elasticache/replicationGroup:ReplicationGroup",
            "ledger-cache-dr",
            aws(s, to),
            deps=[group],
            replicationGroupId="ledger-cache-dr",
            description="ledger sessions, secondary",
            globalReplicationGroupId="ldgr-ledger",
            numCacheClusters=1,
        )

    return build


# Violates: the secondary of the global datastore replicates the GDPR cache to N. Virginia; untagged.
case("aws-elasticache-global-us", AWS_COPIES, "DENY", AWS_DOC["elasticache"])(elasticache_global("us-east-1"))
# Complies: the secondary is in Frankfurt.
case("aws-elasticache-global-de", AWS_COPIES, cite=AWS_DOC["elasticache"])(elasticache_global("eu-central-1"))


def ddb_table(s: Stack, provider: str, tags: dict[str, str] | None = GDPR, **extra: Any) -> str:
    inputs: dict[str, Any] = {
        "name": "ledger",
        "billingMode": "PAY_PER_REQUEST",
        "hashKey": "id",
        "attributes": [{"name": "id", "type": "S"}],
        "pointInTimeRecovery": {"enabled": True},
        "streamEnabled": True,
        "streamViewType": "NEW_AND_OLD_IMAGES",
        **extra,
    }
    if tags is not None:
        inputs["tags"] = tags
    return put(
        s,
        "aws:dynamodb/table:Table",
        "ledger-table",
        provider,
        **inputs,
        known={"id": "ledger", "arn": f"arn:aws:dynamodb:eu-west-1:{ACCOUNT}:table/ledger"},
    )


def ddb_export(bucket_region: str) -> Build:
    def build(s: Stack) -> None:
        eu = aws(s)
        table = ddb_table(s, eu)
        bucket = s3_bucket(s, "ledger-exports", bucket_region)
        put(
            s,
            "aws:dynamodb/tableExport:TableExport",
            "ledger-export",
            eu,
            deps=[table, bucket],
            tableArn=f"arn:aws:dynamodb:eu-west-1:{ACCOUNT}:table/ledger",
            s3Bucket="ledger-exports",
            exportFormat="DYNAMODB_JSON",
            s3SseAlgorithm="AES256",
        )

    return build


# Violates: the export writes the GDPR table to an S3 bucket in N. Virginia (exports may cross regions).
case("aws-ddb-export-us", AWS_COPIES, "DENY", AWS_DOC["ddb-export"])(ddb_export("us-east-1"))
# Complies: the export bucket is in Ireland with the table.
case("aws-ddb-export-ie", AWS_COPIES, cite=AWS_DOC["ddb-export"])(ddb_export("eu-west-1"))


def s3_replication(dest_region: str | None, dest_tags: dict[str, str] | None = None, **destination: Any) -> Build:
    """The GDPR bucket ledger-eu replicates to ledger-dr; ``dest_region`` None: ledger-dr is not in the stack."""

    def build(s: Stack) -> None:
        eu = aws(s)
        source = s3_bucket(s, "ledger-eu", "eu-west-1", GDPR)
        deps = [source]
        if dest_region is not None:
            deps.append(s3_bucket(s, "ledger-dr", dest_region, dest_tags))
        put(
            s,
            "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
            "ledger-eu-replication",
            eu,
            deps=deps,
            bucket="ledger-eu",
            role=ROLE,
            rules=[
                {
                    "id": "dr",
                    "status": "Enabled",
                    "filter": {},
                    "deleteMarkerReplication": {"status": "Disabled"},
                    "destination": {"bucket": "arn:aws:s3:::ledger-dr", "storageClass": "STANDARD", **destination},
                }
            ],
        )

    return build


# Violates: objects of the GDPR bucket are replicated to a bucket in N. Virginia (found in the stack).
case("aws-s3-replication-us", AWS_COPIES, "DENY", AWS_DOC["s3-replication"])(s3_replication("us-east-1"))
# Complies: the destination bucket is in Frankfurt.
case("aws-s3-replication-de", AWS_COPIES, cite=AWS_DOC["s3-replication"])(s3_replication("eu-central-1"))
# Violates: the destination declares itself unregulated, but it receives copies of GDPR objects.
case("aws-s3-replication-us-dest-says-none", AWS_COPIES, "DENY", AWS_DOC["s3-replication"])(
    s3_replication("us-east-1", NONE)
)
# Violates: the destination bucket is not in the stack and an S3 ARN carries no region: unplaceable.
case("aws-s3-replication-unknown-bucket", AWS_COPIES, "DENY", AWS_DOC["s3-arn"])(s3_replication(None))


def mrap(second: str) -> Build:
    """A multi-Region access point over the GDPR bucket and a second bucket (control plane: Oregon)."""

    def build(s: Stack) -> None:
        first = s3_bucket(s, "ledger-eu", "eu-west-1", GDPR)
        other = s3_bucket(s, "ledger-2", second)
        put(
            s,
            "aws:s3control/multiRegionAccessPoint:MultiRegionAccessPoint",
            "ledger-mrap",
            aws(s, "us-west-2"),
            deps=[first, other],
            details={"name": "ledger", "regions": [{"bucket": "ledger-eu"}, {"bucket": "ledger-2"}]},
        )

    return build


# Violates: the access point routes writes of the GDPR data set to whichever bucket is nearest,
# including one in N. Virginia.
case("aws-mrap-us-bucket", AWS_COPIES, "DENY", AWS_DOC["mrap"])(mrap("us-east-1"))
# Complies: both buckets are in the EEA; the access point's configuration (no data) is managed in Oregon.
case("aws-mrap-eu-buckets", AWS_COPIES, cite=AWS_DOC["mrap"])(mrap("eu-central-1"))


def ecr_replication(to: str) -> Build:
    def build(s: Stack) -> None:
        eu = aws(s)
        repo = put(
            s,
            "aws:ecr/repository:Repository",
            "ledger-repo",
            eu,
            name="ledger/api",
            imageTagMutability="IMMUTABLE",
            tags=GDPR,
            known={"arn": f"arn:aws:ecr:eu-west-1:{ACCOUNT}:repository/ledger/api"},
        )
        put(
            s,
            "aws:ecr/replicationConfiguration:ReplicationConfiguration",
            "registry-replication",
            eu,
            deps=[repo],
            replicationConfiguration={"rules": [{"destinations": [{"region": to, "registryId": ACCOUNT}]}]},
        )

    return build


# Violates: the registry's replication (no filter) copies the GDPR repository's images to N. Virginia.
case("aws-ecr-replication-us", AWS_COPIES, "DENY", AWS_DOC["ecr"])(ecr_replication("us-east-1"))
# Complies: images are replicated to Frankfurt.
case("aws-ecr-replication-de", AWS_COPIES, cite=AWS_DOC["ecr"])(ecr_replication("eu-central-1"))


def backup_copy(vault_region: str, **copy_action: Any) -> Build:
    def build(s: Stack) -> None:
        eu = aws(s)
        table = ddb_table(s, eu)
        vault = put(
            s,
            "aws:backup/vault:Vault",
            "ledger-vault",
            eu,
            name="ledger-eu",
            tags=GDPR,
            known={"arn": f"arn:aws:backup:eu-west-1:{ACCOUNT}:backup-vault:ledger-eu"},
        )
        action = {
            "destinationVaultArn": f"arn:aws:backup:{vault_region}:{ACCOUNT}:backup-vault:ledger-dr",
            **copy_action,
        }
        plan = put(
            s,
            "aws:backup/plan:Plan",
            "ledger-plan",
            eu,
            deps=[vault],
            name="ledger-daily",
            rules=[
                {
                    "ruleName": "daily",
                    "targetVaultName": "ledger-eu",
                    "schedule": "cron(0 3 * * ? *)",
                    "lifecycle": {"deleteAfter": 35},
                    "copyActions": [action],
                }
            ],
            known={"id": "3c1f2a9e-6b1d-4c7e-9a0f-2b8d4e6f1a3c"},
        )
        put(
            s,
            "aws:backup/selection:Selection",
            "ledger-selection",
            eu,
            deps=[plan, table],
            name="ledger",
            planId="3c1f2a9e-6b1d-4c7e-9a0f-2b8d4e6f1a3c",
            iamRoleArn=ROLE,
            resources=[f"arn:aws:dynamodb:eu-west-1:{ACCOUNT}:table/ledger"],
        )

    return build


# Violates: the backup plan's copy action sends recovery points of the GDPR table to a vault in Virginia.
case("aws-backup-copy-us", AWS_COPIES, "DENY", AWS_DOC["backup"])(backup_copy("us-east-1"))
# Complies: the copy goes to a vault in Frankfurt.
case("aws-backup-copy-de", AWS_COPIES, cite=AWS_DOC["backup"])(backup_copy("eu-central-1"))


def cloudtrail(bucket_region: str) -> Build:
    def build(s: Stack) -> None:
        eu = aws(s)
        data = s3_bucket(s, "ledger-eu", "eu-west-1", GDPR)
        audit = s3_bucket(s, "ledger-audit", bucket_region)
        put(
            s,
            "aws:cloudtrail/trail:Trail",
            "ledger-trail",
            eu,
            deps=[data, audit],
            name="ledger-data-events",
            s3BucketName="ledger-audit",
            isMultiRegionTrail=False,
            enableLogFileValidation=True,
            tags=GDPR,
            eventSelectors=[
                {
                    "readWriteType": "All",
                    "includeManagementEvents": False,
                    "dataResources": [{"type": "AWS::S3::Object", "values": ["arn:aws:s3:::ledger-eu/"]}],
                }
            ],
        )

    return build


# Violates: the GDPR trail (data events of the ledger bucket) delivers its logs to a bucket in Virginia.
case("aws-cloudtrail-bucket-us", AWS_COPIES, "DENY", AWS_DOC["cloudtrail"])(cloudtrail("us-east-1"))
# Complies: the trail delivers to a bucket in Ireland.
case("aws-cloudtrail-bucket-ie", AWS_COPIES, cite=AWS_DOC["cloudtrail"])(cloudtrail("eu-west-1"))


def config_delivery(in_stack: bool) -> Build:
    def build(s: Stack) -> None:
        eu = aws(s)
        deps = [s3_bucket(s, "config-ledger-eu", "eu-west-1")] if in_stack else []
        bucket = "config-ledger-eu" if in_stack else "aws-config-central-999999999999"
        put(
            s,
            "aws:cfg/deliveryChannel:DeliveryChannel",
            "config-channel",
            eu,
            deps=deps,
            name="default",
            s3BucketName=bucket,
        )

    return build


# Violates: in a GDPR stack, Config delivers to a bucket of another account that the stack cannot place.
case("aws-config-delivery-unplaceable", AWS_COPIES, "DENY", AWS_DOC["config"], config=GDPR_STACK)(
    config_delivery(False)
)
# Complies: Config delivers to a bucket of this stack in Ireland.
case("aws-config-delivery-ie", AWS_COPIES, cite=AWS_DOC["config"], config=GDPR_STACK)(config_delivery(True))


def sns_subscription(protocol: str, endpoint: str) -> Build:
    def build(s: Stack) -> None:
        eu = aws(s)
        topic = put(
            s,
            "aws:sns/topic:Topic",
            "ledger-events",
            eu,
            name="ledger-events",
            tags=GDPR,
            known={"arn": f"arn:aws:sns:eu-west-1:{ACCOUNT}:ledger-events"},
        )
        put(
            s,
            "aws:sns/topicSubscription:TopicSubscription",
            "ledger-events-sub",
            eu,
            deps=[topic],
            topic=f"arn:aws:sns:eu-west-1:{ACCOUNT}:ledger-events",
            protocol=protocol,
            endpoint=endpoint,
        )

    return build


# Violates: SNS delivers the GDPR topic's messages to an SQS queue in N. Virginia (the ARN says so).
case("aws-sns-sqs-us", AWS_COPIES, "DENY", AWS_DOC["sns"])(
    sns_subscription("sqs", f"arn:aws:sqs:us-east-1:{ACCOUNT}:analytics")
)
# Complies: the subscribed queue is in Ireland.
case("aws-sns-sqs-ie", AWS_COPIES, cite=AWS_DOC["sns"])(
    sns_subscription("sqs", f"arn:aws:sqs:eu-west-1:{ACCOUNT}:analytics")
)
# Violates: SNS posts the GDPR messages to an HTTPS endpoint on the internet, whose location is unknown.
case("aws-sns-https-external", AWS_COPIES, "DENY", AWS_DOC["sns-http"])(
    sns_subscription("https", "https://hooks.partner.example.com/ledger")
)
# Violates: a Lambda function in N. Virginia receives the GDPR messages.
case("aws-sns-lambda-us", AWS_COPIES, "DENY", AWS_DOC["sns"])(
    sns_subscription("lambda", f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:ledger-indexer")
)


def eventbridge_target(bus_region: str) -> Build:
    def build(s: Stack) -> None:
        eu = aws(s)
        bus = put(
            s,
            "aws:cloudwatch/eventBus:EventBus",
            "ledger-bus",
            eu,
            name="ledger-events",
            tags=GDPR,
            known={"arn": f"arn:aws:events:eu-west-1:{ACCOUNT}:event-bus/ledger-events"},
        )
        rule = put(
            s,
            "aws:cloudwatch/eventRule:EventRule",
            "ledger-all",
            eu,
            deps=[bus],
            name="ledger-all",
            eventBusName="ledger-events",
            eventPattern=json.dumps({"source": ["ledger"]}),
            tags=GDPR,
        )
        put(
            s,
            "aws:cloudwatch/eventTarget:EventTarget",
            "ledger-forward",
            eu,
            deps=[rule],
            rule="ledger-all",
            eventBusName="ledger-events",
            arn=f"arn:aws:events:{bus_region}:{ACCOUNT}:event-bus/central",
            roleArn=ROLE,
        )

    return build


# Violates: the rule forwards every GDPR event to an event bus in N. Virginia (cross-Region target).
case("aws-eventbridge-target-us", AWS_COPIES, "DENY", AWS_DOC["eventbridge"])(eventbridge_target("us-east-1"))
# Complies: the target bus is in Frankfurt.
case("aws-eventbridge-target-de", AWS_COPIES, cite=AWS_DOC["eventbridge"])(eventbridge_target("eu-central-1"))


def eventbridge_endpoint(secondary: str) -> Build:
    def build(s: Stack) -> None:
        eu = aws(s)
        primary = put(
            s,
            "aws:cloudwatch/eventBus:EventBus",
            "ledger-bus",
            eu,
            name="ledger-events",
            tags=GDPR,
            known={"arn": f"arn:aws:events:eu-west-1:{ACCOUNT}:event-bus/ledger-events"},
        )
        other = put(
            s,
            "aws:cloudwatch/eventBus:EventBus",
            "ledger-bus-2",
            aws(s, secondary),
            name="ledger-events",
            known={"arn": f"arn:aws:events:{secondary}:{ACCOUNT}:event-bus/ledger-events"},
        )
        put(
            s,
            "aws:cloudwatch/eventEndpoint:EventEndpoint",
            "ledger-global",
            eu,
            deps=[primary, other],
            name="ledger-global",
            roleArn=ROLE,
            replicationConfig={"state": "ENABLED"},
            eventBuses=[
                {"eventBusArn": f"arn:aws:events:eu-west-1:{ACCOUNT}:event-bus/ledger-events"},
                {"eventBusArn": f"arn:aws:events:{secondary}:{ACCOUNT}:event-bus/ledger-events"},
            ],
            routingConfig={
                "failoverConfig": {
                    "primary": {"healthCheck": "arn:aws:route53:::healthcheck/8a2b1c3d-ledger"},
                    "secondary": {"route": secondary},
                }
            },
        )

    return build


# Violates: the global endpoint replicates GDPR events to its secondary Region, N. Virginia.
case("aws-eventbridge-global-us", AWS_COPIES, "DENY", AWS_DOC["eb-global"])(eventbridge_endpoint("us-east-1"))
# Complies: the secondary Region is Frankfurt.
case("aws-eventbridge-global-de", AWS_COPIES, cite=AWS_DOC["eb-global"])(eventbridge_endpoint("eu-central-1"))


def firehose(http: bool) -> Build:
    def build(s: Stack) -> None:
        eu = aws(s)
        bucket = s3_bucket(s, "ledger-stream-archive", "eu-west-1", GDPR)
        s3 = {"bucketArn": "arn:aws:s3:::ledger-stream-archive", "roleArn": ROLE}
        target: dict[str, Any] = (
            {
                "destination": "http_endpoint",
                "httpEndpointConfiguration": {
                    "url": "https://ingest.observability.example.com/v1/firehose",
                    "name": "observability-saas",
                    "roleArn": ROLE,
                    "s3BackupMode": "FailedDataOnly",
                    "s3Configuration": s3,
                },
            }
            if http
            else {"destination": "extended_s3", "extendedS3Configuration": s3}
        )
        put(
            s,
            "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
            "ledger-stream",
            eu,
            deps=[bucket],
            name="ledger-stream",
            tags=GDPR,
            **target,
        )

    return build


# Violates: the GDPR delivery stream posts every record to a third-party HTTP endpoint of unknown location.
case("aws-firehose-http-endpoint", AWS_COPIES, "DENY", AWS_DOC["firehose-http"])(firehose(True))
# Complies: the stream delivers to an S3 bucket in Ireland.
case("aws-firehose-s3-ie", AWS_COPIES, cite=AWS_DOC["firehose-http"])(firehose(False))


def dms(target_region: str) -> Build:
    def build(s: Stack) -> None:
        eu = aws(s)
        source_db = aurora(s, eu)
        target_db = put(
            s,
            "aws:rds/instance:Instance",
            "ledger-target",
            aws(s, target_region),
            identifier="ledger-target",
            engine="postgres",
            instanceClass="db.r6g.large",
            allocatedStorage=100,
            manageMasterUserPassword=True,
            username="ledger",
            skipFinalSnapshot=True,
            known={
                "address": f"ledger-target.c9akciq32rrw.{target_region}.rds.amazonaws.com",
                "arn": f"arn:aws:rds:{target_region}:{ACCOUNT}:db:ledger-target",
            },
        )
        arn = f"arn:aws:dms:eu-west-1:{ACCOUNT}:endpoint:"
        source = put(
            s,
            "aws:dms/endpoint:Endpoint",
            "ledger-source",
            eu,
            deps=[source_db],
            endpointId="ledger-source",
            endpointType="source",
            engineName="aurora-postgresql",
            databaseName="ledger",
            port=5432,
            tags=GDPR,
            serverName="ledger-aurora.cluster-c9akciq32rrw.eu-west-1.rds.amazonaws.com",
            secretsManagerArn=f"arn:aws:secretsmanager:eu-west-1:{ACCOUNT}:secret:ledger-dms-src",
            secretsManagerAccessRoleArn=ROLE,
            known={"endpointArn": arn + "SRC"},
        )
        target = put(
            s,
            "aws:dms/endpoint:Endpoint",
            "ledger-target-ep",
            eu,
            deps=[target_db],
            endpointId="ledger-target",
            endpointType="target",
            engineName="postgres",
            databaseName="ledger",
            port=5432,
            serverName=f"ledger-target.c9akciq32rrw.{target_region}.rds.amazonaws.com",
            secretsManagerArn=f"arn:aws:secretsmanager:eu-west-1:{ACCOUNT}:secret:ledger-dms-dst",
            secretsManagerAccessRoleArn=ROLE,
            known={"endpointArn": arn + "DST"},
        )
        put(
            s,
            "aws:dms/replicationTask:ReplicationTask",
            "ledger-cdc",
            eu,
            deps=[source, target],
            replicationTaskId="ledger-cdc",
            migrationType="full-load-and-cdc",
            replicationInstanceArn=f"arn:aws:dms:eu-west-1:{ACCOUNT}:rep:LEDGER",
            sourceEndpointArn=arn + "SRC",
            targetEndpointArn=arn + "DST",
            tableMappings=json.dumps(
                {
                    "rules": [
                        {
                            "rule-type": "selection",
                            "rule-id": "1",
                            "rule-name": "all",
                            "object-locator": {"schema-name": "%", "table-name": "%"},
                            "rule-action": "include",
                        }
                    ]
                }
            ),
        )

    return build


# Violates: DMS continuously copies the GDPR database to a PostgreSQL instance in N. Virginia.
case("aws-dms-target-us", AWS_COPIES, "DENY", AWS_DOC["dms"])(dms("us-east-1"))
# Complies: the target database is in Frankfurt.
case("aws-dms-target-de", AWS_COPIES, cite=AWS_DOC["dms"])(dms("eu-central-1"))


def aurora_global(secondary: str) -> Build:
    def build(s: Stack) -> None:
        eu = aws(s)
        primary = aurora(s, eu)
        group = put(
            s,
            "aws:rds/globalCluster:GlobalCluster",
            "ledger-global",
            eu,
            deps=[primary],
            globalClusterIdentifier="ledger-global",
            sourceDbClusterIdentifier=f"arn:aws:rds:eu-west-1:{ACCOUNT}:cluster:ledger-aurora",
            forceDestroy=True,
            known={"id": "ledger-global", "arn": f"arn:aws:rds::{ACCOUNT}:global-cluster:ledger-global"},
        )
        put(
            s,
            "aws:rds/cluster:Cluster",
            "ledger-aurora-dr",
            aws(s, secondary),
            deps=[group],
            clusterIdentifier="ledger-aurora-dr",
            engine="aurora-postgresql",
            engineVersion="16.4",
            globalClusterIdentifier="ledger-global",
            storageEncrypted=True,
        )

    return build


# Violates: the untagged secondary cluster of the GDPR global database is in N. Virginia.
case("aws-aurora-global-us", AWS_COPIES, "DENY", AWS_DOC["aurora-global"])(aurora_global("us-east-1"))
# Complies: the secondary cluster is in Frankfurt.
case("aws-aurora-global-de", AWS_COPIES, cite=AWS_DOC["aurora-global"])(aurora_global("eu-central-1"))


def read_replica(region: str, **replica: Any) -> Build:
    def build(s: Stack) -> None:
        source = rds_instance(s, aws(s))
        inputs: dict[str, Any] = {
            "identifier": "ledger-replica",
            "instanceClass": "db.r6g.large",
            "skipFinalSnapshot": True,
            "replicateSourceDb": f"arn:aws:rds:eu-west-1:{ACCOUNT}:db:ledger",
            "storageEncrypted": True,
            "kmsKeyId": f"arn:aws:kms:{region}:{ACCOUNT}:alias/aws/rds",
            **replica,
        }
        put(s, "aws:rds/instance:Instance", "ledger-replica", aws(s, region), deps=[source], **inputs)

    return build


# Violates: a cross-Region read replica of the GDPR database in N. Virginia, untagged.
case("aws-rds-read-replica-us", AWS_COPIES, "DENY", AWS_DOC["read-replica"])(read_replica("us-east-1"))
# Complies: the read replica is in Frankfurt.
case("aws-rds-read-replica-de", AWS_COPIES, cite=AWS_DOC["read-replica"])(read_replica("eu-central-1"))


def table_replica(region: str, **replica: Any) -> Build:
    def build(s: Stack) -> None:
        table = ddb_table(s, aws(s))
        inputs: dict[str, Any] = {"globalTableArn": f"arn:aws:dynamodb:eu-west-1:{ACCOUNT}:table/ledger", **replica}
        put(s, "aws:dynamodb/tableReplica:TableReplica", "ledger-replica", aws(s, region), deps=[table], **inputs)

    return build


# Violates: a global-table replica of the GDPR table in N. Virginia, added as its own resource.
case("aws-ddb-table-replica-us", AWS_COPIES, "DENY", AWS_DOC["global-tables"])(table_replica("us-east-1"))
# Complies: the replica is in Stockholm.
case("aws-ddb-table-replica-se", AWS_COPIES, cite=AWS_DOC["global-tables"])(table_replica("eu-north-1"))


def table_replicas(region: str) -> Build:
    def build(s: Stack) -> None:
        ddb_table(s, aws(s), replicas=[{"regionName": region, "pointInTimeRecovery": True}])

    return build


# Violates: the GDPR table itself lists a replica in N. Virginia.
case("aws-ddb-replicas-us", AWS_COPIES, "DENY", AWS_DOC["global-tables"])(table_replicas("us-east-1"))
# Complies: its replica is in Paris.
case("aws-ddb-replicas-fr", AWS_COPIES, cite=AWS_DOC["global-tables"])(table_replicas("eu-west-3"))


def dlm(target: str) -> Build:
    """A lifecycle policy whose target tags select every GDPR volume, with a cross-Region copy rule."""

    def build(s: Stack) -> None:
        eu = aws(s)
        put(
            s,
            "aws:ebs/volume:Volume",
            "ledger-vol",
            eu,
            availabilityZone="eu-west-1a",
            size=100,
            encrypted=True,
            tags=GDPR,
        )
        put(
            s,
            "aws:dlm/lifecyclePolicy:LifecyclePolicy",
            "gdpr-volumes-daily",
            eu,
            description="daily snapshots",
            executionRoleArn=ROLE,
            state="ENABLED",
            policyDetails={
                "resourceTypes": ["VOLUME"],
                "targetTags": dict(GDPR),
                "schedules": [
                    {
                        "name": "daily",
                        "createRule": {"interval": 24, "intervalUnit": "HOURS", "times": ["03:00"]},
                        "retainRule": {"count": 7},
                        "copyTags": True,
                        "crossRegionCopyRules": [
                            {"target": target, "encrypted": True, "retainRule": {"interval": 7, "intervalUnit": "DAYS"}}
                        ],
                    }
                ],
            },
        )

    return build


# Violates: the policy snapshots every volume tagged fleet-residency=gdpr and copies them to Virginia.
case("aws-dlm-cross-region-us", AWS_COPIES, "DENY", AWS_DOC["dlm"])(dlm("us-east-1"))
# Complies: the cross-Region copies go to Frankfurt.
case("aws-dlm-cross-region-de", AWS_COPIES, cite=AWS_DOC["dlm"])(dlm("eu-central-1"))


def log_subscription(destination_region: str) -> Build:
    def build(s: Stack) -> None:
        eu = aws(s)
        group = put(
            s,
            "aws:cloudwatch/logGroup:LogGroup",
            "ledger-logs",
            eu,
            name="/fleet/ledger",
            retentionInDays=365,
            tags=GDPR,
            known={"arn": f"arn:aws:logs:eu-west-1:{ACCOUNT}:log-group:/fleet/ledger"},
        )
        put(
            s,
            "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter",
            "ledger-logs-central",
            eu,
            deps=[group],
            name="central",
            logGroup="/fleet/ledger",
            filterPattern="",
            destinationArn=f"arn:aws:logs:{destination_region}:999999999999:destination:central",
        )

    return build


# Violates: the GDPR log group streams to a cross-account destination in N. Virginia.
case("aws-logs-subscription-us", AWS_COPIES, "DENY", AWS_DOC["logs"])(log_subscription("us-east-1"))
# Complies: the destination is in Frankfurt.
case("aws-logs-subscription-de", AWS_COPIES, cite=AWS_DOC["logs"])(log_subscription("eu-central-1"))


def ami_copy(to: str) -> Build:
    def build(s: Stack) -> None:
        eu = aws(s)
        ami = put(
            s,
            "aws:ec2/amiFromInstance:AmiFromInstance",
            "ledger-golden",
            eu,
            name="ledger-golden",
            sourceInstanceId="i-0a1b2c3d4e5f60718",
            tags=GDPR,
            known={"id": "ami-0a1b2c3d4e5f60718", "arn": "arn:aws:ec2:eu-west-1::image/ami-0a1b2c3d4e5f60718"},
        )
        put(
            s,
            "aws:ec2/amiCopy:AmiCopy",
            "ledger-golden-dr",
            aws(s, to),
            deps=[ami],
            name="ledger-golden-dr",
            sourceAmiId="ami-0a1b2c3d4e5f60718",
            sourceAmiRegion="eu-west-1",
            encrypted=True,
        )

    return build


# Violates: the image of a GDPR instance (its disks' data) is copied to N. Virginia.
case("aws-ami-copy-us", AWS_COPIES, "DENY", AWS_DOC["ami"])(ami_copy("us-east-1"))
# Complies: the image is copied to Frankfurt.
case("aws-ami-copy-de", AWS_COPIES, cite=AWS_DOC["ami"])(ami_copy("eu-central-1"))


def redshift_copy(to: str) -> Build:
    def build(s: Stack) -> None:
        eu = aws(s)
        dw = put(
            s,
            "aws:redshift/cluster:Cluster",
            "ledger-dw",
            eu,
            clusterIdentifier="ledger-dw",
            nodeType="ra3.xlplus",
            numberOfNodes=2,
            encrypted=True,
            manageMasterPassword=True,
            masterUsername="ledger",
            tags=GDPR,
            known={"arn": f"arn:aws:redshift:eu-west-1:{ACCOUNT}:cluster:ledger-dw"},
        )
        put(
            s,
            "aws:redshift/snapshotCopy:SnapshotCopy",
            "ledger-dw-copy",
            eu,
            deps=[dw],
            clusterIdentifier="ledger-dw",
            destinationRegion=to,
            retentionPeriod=7,
        )

    return build


# Violates: automated snapshots of the GDPR warehouse are copied to N. Virginia.
case("aws-redshift-snapshot-copy-us", AWS_COPIES, "DENY", AWS_DOC["redshift"])(redshift_copy("us-east-1"))
# Complies: they are copied to Stockholm.
case("aws-redshift-snapshot-copy-se", AWS_COPIES, cite=AWS_DOC["redshift"])(redshift_copy("eu-north-1"))


def secret_replica(region: str) -> Build:
    def build(s: Stack) -> None:
        put(
            s,
            "aws:secretsmanager/secret:Secret",
            "ledger-secret",
            aws(s),
            name="ledger/db",
            tags=GDPR,
            replicas=[{"region": region}],
        )

    return build


# Violates: eu-west-2 is London; the United Kingdom is outside the EEA.
case("aws-secret-replica-london", AWS_COPIES, "DENY", AWS_DOC["secrets"])(secret_replica("eu-west-2"))
# Complies: the replica is in Paris.
case("aws-secret-replica-paris", AWS_COPIES, cite=AWS_DOC["secrets"])(secret_replica("eu-west-3"))


# ============================================================================ GCP: copies

GCP_DOC = {
    "snapshot": "https://cloud.google.com/compute/docs/disks/snapshots#selecting_a_storage_location",
    "snapshot-settings": "https://cloud.google.com/compute/docs/disks/snapshot-settings",
    "image": "https://cloud.google.com/compute/docs/images/create-custom#selecting_image_storage_location",
    "schedule": "https://cloud.google.com/compute/docs/disks/scheduled-snapshots",
    "bq-copy": "https://cloud.google.com/bigquery/docs/copying-datasets",
    "bq-locations": "https://cloud.google.com/bigquery/docs/locations",
    "pubsub-bq": "https://cloud.google.com/pubsub/docs/bigquery",
    "pubsub-gcs": "https://cloud.google.com/pubsub/docs/cloudstorage",
    "pubsub-push": "https://cloud.google.com/pubsub/docs/push",
    "log-buckets": "https://cloud.google.com/logging/docs/regionalized-logs",
    "sinks": "https://cloud.google.com/logging/docs/export/configure_export_v2",
    "sql-replica": "https://cloud.google.com/sql/docs/postgres/replication/cross-region-replicas",
    "sql-backup": "https://cloud.google.com/sql/docs/postgres/backup-recovery/backups#locations",
    "filestore": "https://cloud.google.com/filestore/docs/backups",
    "gke-backup": "https://cloud.google.com/kubernetes-engine/docs/add-on/backup-for-gke/concepts/backup-for-gke",
    "async": "https://cloud.google.com/compute/docs/disks/async-pd/about",
    "transfer": "https://cloud.google.com/storage-transfer/docs/overview",
    "gcs-locations": "https://cloud.google.com/storage/docs/locations",
    "secrets": "https://cloud.google.com/secret-manager/docs/choosing-replication",
    "regions": "https://cloud.google.com/compute/docs/regions-zones",
}


def gce_disk(s: Stack, zone: str, labels: dict[str, str], name: str = "ledger") -> str:
    path = f"projects/{PROJECT}/zones/{zone}/disks/{name}"
    return put(
        s,
        "gcp:compute/disk:Disk",
        name,
        gcp(s, zone.rsplit("-", 1)[0]),
        name=name,
        zone=zone,
        size=100,
        type="pd-balanced",
        labels=labels,
        known={"id": path, "selfLink": f"https://www.googleapis.com/compute/v1/{path}"},
    )


def gce_snapshot(zone: str, labels: dict[str, str], locations: list[str] | None, **snap: Any) -> Build:
    """A snapshot (untagged) of a regulated disk; ``locations`` None: storageLocations left unset."""

    def build(s: Stack) -> None:
        disk = gce_disk(s, zone, labels)
        inputs: dict[str, Any] = {
            "name": "ledger-snap",
            "sourceDisk": f"projects/{PROJECT}/zones/{zone}/disks/ledger",
            "zone": zone,
            **snap,
        }
        if locations is not None:
            inputs["storageLocations"] = locations
        put(s, "gcp:compute/snapshot:Snapshot", "ledger-snap", gcp(s, zone.rsplit("-", 1)[0]), deps=[disk], **inputs)

    return build


# Violates: without storageLocations the snapshot of a Swiss (ch) disk in Zurich is stored in the nearest
# multi-region, eu, outside Switzerland.
case("gcp-snapshot-ch-default-location", GCP_COPIES, "DENY", GCP_DOC["snapshot"])(
    gce_snapshot("europe-west6-a", CH, None)
)
# Complies: storageLocations keeps the snapshot in Zurich.
case("gcp-snapshot-ch-zurich", GCP_COPIES, cite=GCP_DOC["snapshot"])(
    gce_snapshot("europe-west6-a", CH, ["europe-west6"])
)
# Complies: for a GDPR disk in Frankfurt the nearest multi-region is eu, all of it inside the EU.
case("gcp-snapshot-gdpr-default-location", GCP_COPIES, cite=GCP_DOC["snapshot"])(
    gce_snapshot("europe-west3-a", GDPR, None)
)
# Violates: the snapshot of the GDPR disk is stored in the us multi-region.
case("gcp-snapshot-us", GCP_COPIES, "DENY", GCP_DOC["snapshot"])(gce_snapshot("europe-west3-a", GDPR, ["us"]))
# Complies: stored in the eu multi-region.
case("gcp-snapshot-eu", GCP_COPIES, cite=GCP_DOC["gcs-locations"])(gce_snapshot("europe-west3-a", GDPR, ["eu"]))
# Violates: europe-west2 is London, outside the EEA.
case("gcp-snapshot-london", GCP_COPIES, "DENY", GCP_DOC["regions"])(
    gce_snapshot("europe-west3-a", GDPR, ["europe-west2"])
)


def gce_image(locations: list[str] | None) -> Build:
    def build(s: Stack) -> None:
        disk = gce_disk(s, "europe-west6-a", CH)
        inputs: dict[str, Any] = {
            "name": "ledger-image",
            "sourceDisk": f"projects/{PROJECT}/zones/europe-west6-a/disks/ledger",
        }
        if locations is not None:
            inputs["storageLocations"] = locations
        put(s, "gcp:compute/image:Image", "ledger-image", gcp(s, "europe-west6"), deps=[disk], **inputs)

    return build


# Violates: an image of the Swiss disk without storageLocations is stored in the nearest multi-region (eu).
case("gcp-image-ch-default-location", GCP_COPIES, "DENY", GCP_DOC["image"])(gce_image(None))
# Complies: the image is stored in Zurich.
case("gcp-image-ch-zurich", GCP_COPIES, cite=GCP_DOC["image"])(gce_image(["europe-west6"]))


def snapshot_schedule(locations: str) -> Build:
    # pulumi_gcp: ResourcePolicySnapshotSchedulePolicySnapshotPropertiesArgs.storage_locations is a string
    # (the provider's one-item set, flattened), not the REST API's list: corrected after measuring (README).
    def build(s: Stack) -> None:
        disk = gce_disk(s, "europe-west3-a", GDPR)
        eu = gcp(s)
        policy = put(
            s,
            "gcp:compute/resourcePolicy:ResourcePolicy",
            "daily",
            eu,
            name="daily",
            region="europe-west3",
            snapshotSchedulePolicy={
                "schedule": {"dailySchedule": {"daysInCycle": 1, "startTime": "03:00"}},
                "retentionPolicy": {"maxRetentionDays": 14},
                "snapshotProperties": {"storageLocations": locations},
            },
            known={
                "selfLink": f"https://www.googleapis.com/compute/v1/projects/{PROJECT}/regions/europe-west3/resourcePolicies/daily"
            },
        )
        put(
            s,
            "gcp:compute/diskResourcePolicyAttachment:DiskResourcePolicyAttachment",
            "ledger-daily",
            eu,
            deps=[disk, policy],
            name="daily",
            disk="ledger",
            zone="europe-west3-a",
        )

    return build


# Violates: the schedule attached to the GDPR disk stores its snapshots in the us multi-region.
case("gcp-snapshot-schedule-us", GCP_COPIES, "DENY", GCP_DOC["schedule"])(snapshot_schedule("us"))
# Complies: the schedule stores them in Frankfurt.
case("gcp-snapshot-schedule-de", GCP_COPIES, cite=GCP_DOC["schedule"])(snapshot_schedule("europe-west3"))


def bq_dataset(s: Stack, dataset: str, location: str | None, labels: dict[str, str] | None = None) -> str:
    inputs: dict[str, Any] = {"datasetId": dataset, "project": PROJECT}
    if location is not None:
        inputs["location"] = location
    if labels is not None:
        inputs["labels"] = labels
    return put(
        s,
        "gcp:bigquery/dataset:Dataset",
        dataset,
        gcp(s),
        known={"id": f"projects/{PROJECT}/datasets/{dataset}"},
        **inputs,
    )


def bq_copy(location: str) -> Build:
    def build(s: Stack) -> None:
        source = bq_dataset(s, "ledger", "EU", GDPR)
        dest = bq_dataset(s, "ledger_copy", location)
        put(
            s,
            "gcp:bigquery/dataTransferConfig:DataTransferConfig",
            "ledger-copy",
            gcp(s),
            deps=[source, dest],
            displayName="ledger copy",
            location=location,
            dataSourceId="cross_region_copy",
            destinationDatasetId="ledger_copy",
            schedule="every 24 hours",
            params={"source_project_id": PROJECT, "source_dataset_id": "ledger", "overwrite_destination_table": "true"},
        )

    return build


# Violates: a dataset copy (cross_region_copy transfer) writes the GDPR dataset into a US dataset.
case("gcp-bq-dataset-copy-us", GCP_COPIES, "DENY", GCP_DOC["bq-copy"])(bq_copy("US"))
# Complies: the destination dataset is in Frankfurt.
case("gcp-bq-dataset-copy-de", GCP_COPIES, cite=GCP_DOC["bq-copy"])(bq_copy("europe-west3"))


def pubsub_topic(s: Stack) -> str:
    return put(
        s,
        "gcp:pubsub/topic:Topic",
        "ledger-events",
        gcp(s),
        name="ledger-events",
        labels=GDPR,
        messageStoragePolicy={"allowedPersistenceRegions": ["europe-west3"]},
        known={"id": f"projects/{PROJECT}/topics/ledger-events"},
    )


def pubsub_to_bq(location: str) -> Build:
    def build(s: Stack) -> None:
        topic = pubsub_topic(s)
        dataset = bq_dataset(s, "analytics", location)
        table = put(
            s,
            "gcp:bigquery/table:Table",
            "events",
            gcp(s),
            deps=[dataset],
            datasetId="analytics",
            tableId="events",
            project=PROJECT,
            deletionProtection=True,
        )
        put(
            s,
            "gcp:pubsub/subscription:Subscription",
            "ledger-to-bq",
            gcp(s),
            deps=[topic, table],
            name="ledger-to-bq",
            topic=f"projects/{PROJECT}/topics/ledger-events",
            bigqueryConfig={"table": f"{PROJECT}.analytics.events", "useTopicSchema": True},
        )

    return build


# Violates: a BigQuery subscription writes every GDPR message into a table of a US dataset.
case("gcp-pubsub-bigquery-us", GCP_COPIES, "DENY", GCP_DOC["pubsub-bq"])(pubsub_to_bq("US"))
# Complies: the table's dataset is in the EU multi-region.
case("gcp-pubsub-bigquery-eu", GCP_COPIES, cite=GCP_DOC["pubsub-bq"])(pubsub_to_bq("EU"))


def gcs_bucket(s: Stack, name: str, location: str | None, labels: dict[str, str] | None = None) -> str:
    inputs: dict[str, Any] = {"name": name, "uniformBucketLevelAccess": True}
    if location is not None:
        inputs["location"] = location
    if labels is not None:
        inputs["labels"] = labels
    return put(s, "gcp:storage/bucket:Bucket", name, gcp(s), known={"id": name, "url": f"gs://{name}"}, **inputs)


def pubsub_to_gcs(location: str) -> Build:
    def build(s: Stack) -> None:
        topic = pubsub_topic(s)
        bucket = gcs_bucket(s, "ledger-archive", location)
        put(
            s,
            "gcp:pubsub/subscription:Subscription",
            "ledger-to-gcs",
            gcp(s),
            deps=[topic, bucket],
            name="ledger-to-gcs",
            topic=f"projects/{PROJECT}/topics/ledger-events",
            cloudStorageConfig={"bucket": "ledger-archive", "filenamePrefix": "events/", "maxDuration": "300s"},
        )

    return build


# Violates: a Cloud Storage subscription writes the GDPR messages into a bucket in the US multi-region.
case("gcp-pubsub-gcs-us", GCP_COPIES, "DENY", GCP_DOC["pubsub-gcs"])(pubsub_to_gcs("US"))
# Complies: the bucket is in Frankfurt.
case("gcp-pubsub-gcs-de", GCP_COPIES, cite=GCP_DOC["pubsub-gcs"])(pubsub_to_gcs("EUROPE-WEST3"))


def pubsub_push(endpoint: str | None) -> Build:
    def build(s: Stack) -> None:
        topic = pubsub_topic(s)
        inputs: dict[str, Any] = {"name": "ledger-hook", "topic": f"projects/{PROJECT}/topics/ledger-events"}
        if endpoint is not None:
            inputs["pushConfig"] = {"pushEndpoint": endpoint}
        put(s, "gcp:pubsub/subscription:Subscription", "ledger-hook", gcp(s), deps=[topic], **inputs)

    return build


# Violates: a push subscription posts every GDPR message to a partner's HTTPS endpoint of unknown location.
case("gcp-pubsub-push-external", GCP_COPIES, "DENY", GCP_DOC["pubsub-push"])(
    pubsub_push("https://hooks.partner.example.com/ledger")
)
# Complies: a pull subscription; messages stay in the topic's storage regions until pulled.
case("gcp-pubsub-pull", GCP_COPIES, cite=GCP_DOC["pubsub-push"])(pubsub_push(None))


def default_log_bucket(location: str) -> Build:
    def build(s: Stack) -> None:
        put(
            s,
            "gcp:logging/projectBucketConfig:ProjectBucketConfig",
            "default-bucket",
            gcp(s),
            project=PROJECT,
            bucketId="_Default",
            location=location,
            retentionDays=30,
        )

    return build


# Violates: in a GDPR stack the project's _Default log bucket stays "global", which is no country.
case("gcp-default-log-bucket-global", GCP_COPIES, "DENY", GCP_DOC["log-buckets"], config=GDPR_STACK)(
    default_log_bucket("global")
)
# Complies: the _Default bucket is regionalised to Frankfurt.
case("gcp-default-log-bucket-de", GCP_COPIES, cite=GCP_DOC["log-buckets"], config=GDPR_STACK)(
    default_log_bucket("europe-west3")
)


def log_sink(destination: str) -> Build:
    def build(s: Stack) -> None:
        put(
            s,
            "gcp:logging/projectSink:ProjectSink",
            "k8s-audit",
            gcp(s),
            name="k8s-audit",
            project=PROJECT,
            destination=destination,
            uniqueWriterIdentity=True,
            filter='resource.type="k8s_cluster" logName:"cloudaudit.googleapis.com"',
        )

    return build


# Violates: in a GDPR stack, the sink routes the clusters' audit logs to a log bucket in Iowa.
case("gcp-log-sink-us-bucket", GCP_COPIES, "DENY", GCP_DOC["sinks"], config=GDPR_STACK)(
    log_sink("logging.googleapis.com/projects/central-logs/locations/us-central1/buckets/audit")
)
# Complies: the log bucket is in Frankfurt.
case("gcp-log-sink-de-bucket", GCP_COPIES, cite=GCP_DOC["sinks"], config=GDPR_STACK)(
    log_sink("logging.googleapis.com/projects/central-logs/locations/europe-west3/buckets/audit")
)
# Violates: the sink writes to a BigQuery dataset of another project whose location the stack cannot see.
case("gcp-log-sink-unplaceable-dataset", GCP_COPIES, "DENY", GCP_DOC["sinks"], config=GDPR_STACK)(
    log_sink("bigquery.googleapis.com/projects/central-logs/datasets/audit")
)


def sql_instance(s: Stack, name: str, region: str, labels: dict[str, str] | None, **extra: Any) -> str:
    settings: dict[str, Any] = {"tier": "db-custom-2-7680", **extra.pop("settings", {})}
    if labels is not None:
        settings["userLabels"] = labels
    return put(
        s,
        "gcp:sql/databaseInstance:DatabaseInstance",
        name,
        gcp(s, region),
        name=name,
        region=region,
        databaseVersion="POSTGRES_16",
        settings=settings,
        deletionProtection=True,
        known={
            "connectionName": f"{PROJECT}:{region}:{name}",
            "selfLink": f"https://sqladmin.googleapis.com/sql/v1beta4/projects/{PROJECT}/instances/{name}",
        },
        **extra,
    )


def sql_replica(region: str) -> Build:
    def build(s: Stack) -> None:
        primary = sql_instance(
            s, "ledger-db", "europe-west3", GDPR, settings={"backupConfiguration": {"enabled": True, "location": "eu"}}
        )
        replica = sql_instance(s, "ledger-db-replica", region, None, masterInstanceName="ledger-db")
        _find(s, replica).dependencies = [primary]

    return build


# Violates: a cross-region read replica of the GDPR Cloud SQL instance in Iowa, without labels.
case("gcp-sql-replica-us", GCP_COPIES, "DENY", GCP_DOC["sql-replica"])(sql_replica("us-central1"))
# Complies: the replica is in Belgium.
case("gcp-sql-replica-be", GCP_COPIES, cite=GCP_DOC["sql-replica"])(sql_replica("europe-west1"))


def sql_backup_location(location: str) -> Build:
    def build(s: Stack) -> None:
        sql_instance(
            s,
            "ledger-db",
            "europe-west3",
            GDPR,
            settings={"backupConfiguration": {"enabled": True, "location": location}},
        )

    return build


# Violates: the GDPR instance keeps its backups in the us multi-region.
case("gcp-sql-backup-us", GCP_COPIES, "DENY", GCP_DOC["sql-backup"])(sql_backup_location("us"))
# Complies: backups are kept in Frankfurt.
case("gcp-sql-backup-de", GCP_COPIES, cite=GCP_DOC["sql-backup"])(sql_backup_location("europe-west3"))


def filestore_backup(location: str) -> Build:
    def build(s: Stack) -> None:
        fs = put(
            s,
            "gcp:filestore/instance:Instance",
            "ledger-fs",
            gcp(s),
            name="ledger-fs",
            location="europe-west3-a",
            tier="BASIC_HDD",
            labels=GDPR,
            fileShares={"name": "share1", "capacityGb": 1024},
            networks=[{"network": "default", "modes": ["MODE_IPV4"]}],
            known={"id": f"projects/{PROJECT}/locations/europe-west3-a/instances/ledger-fs"},
        )
        put(
            s,
            "gcp:filestore/backup:Backup",
            "ledger-fs-backup",
            gcp(s),
            deps=[fs],
            name="ledger-fs-backup",
            location=location,
            sourceInstance=f"projects/{PROJECT}/locations/europe-west3-a/instances/ledger-fs",
            sourceFileShare="share1",
        )

    return build


# Violates: the backup of the GDPR file share is stored in Iowa.
case("gcp-filestore-backup-us", GCP_COPIES, "DENY", GCP_DOC["filestore"])(filestore_backup("us-central1"))
# Complies: the backup is stored in Frankfurt.
case("gcp-filestore-backup-de", GCP_COPIES, cite=GCP_DOC["filestore"])(filestore_backup("europe-west3"))


def gke_backup(location: str) -> Build:
    def build(s: Stack) -> None:
        _, k8s = cluster(s, "eu1", "gcp", "europe-west3")
        tenant(s, k8s, "acme")
        put(
            s,
            "gcp:gkebackup/backupPlan:BackupPlan",
            "eu1-daily",
            gcp(s),
            name="eu1-daily",
            location=location,
            cluster=f"projects/{PROJECT}/locations/europe-west3/clusters/eu1",
            backupConfig={"allNamespaces": True, "includeVolumeData": True, "includeSecrets": True},
            backupSchedule={"cronSchedule": "0 3 * * *"},
            retentionPolicy={"backupRetainDays": 14},
        )

    return build


# Violates: Backup for GKE stores the backups of the cluster (with the GDPR tenant's volumes and Secrets)
# in Iowa; the backup plan carries no label.
case("gcp-gke-backup-us", GCP_COPIES, "DENY", GCP_DOC["gke-backup"])(gke_backup("us-central1"))
# Complies: the backup plan (and its backups) is in Frankfurt.
case("gcp-gke-backup-de", GCP_COPIES, cite=GCP_DOC["gke-backup"])(gke_backup("europe-west3"))


def async_disk(zone: str) -> Build:
    def build(s: Stack) -> None:
        primary = gce_disk(s, "europe-west3-a", GDPR)
        put(
            s,
            "gcp:compute/disk:Disk",
            "ledger-dr",
            gcp(s, zone.rsplit("-", 1)[0]),
            deps=[primary],
            name="ledger-dr",
            zone=zone,
            type="pd-balanced",
            physicalBlockSizeBytes=4096,
            asyncPrimaryDisk={"disk": f"projects/{PROJECT}/zones/europe-west3-a/disks/ledger"},
        )

    return build


# Violates: asynchronous replication copies the GDPR disk to a secondary disk in Iowa.
case("gcp-async-replication-us", GCP_COPIES, "DENY", GCP_DOC["async"])(async_disk("us-central1-a"))
# Complies: the secondary disk is in the Netherlands.
case("gcp-async-replication-nl", GCP_COPIES, cite=GCP_DOC["async"])(async_disk("europe-west4-a"))


def transfer_job(location: str, spec: str = "transferSpec") -> Build:
    def build(s: Stack) -> None:
        source = gcs_bucket(s, "ledger-eu", "EUROPE-WEST3", GDPR)
        sink = gcs_bucket(s, "ledger-copy", location)
        buckets = {"gcsDataSource": {"bucketName": "ledger-eu"}, "gcsDataSink": {"bucketName": "ledger-copy"}}
        extra: dict[str, Any] = (
            {"schedule": {"scheduleStartDate": {"year": 2026, "month": 12, "day": 1}}} if spec == "transferSpec" else {}
        )
        put(
            s,
            "gcp:storage/transferJob:TransferJob",
            "ledger-copy",
            gcp(s),
            deps=[source, sink],
            project=PROJECT,
            description="copy ledger",
            **{spec: buckets},
            **extra,
        )

    return build


# Violates: Storage Transfer copies the GDPR bucket into a bucket in the US multi-region.
case("gcp-transfer-job-us", GCP_COPIES, "DENY", GCP_DOC["transfer"])(transfer_job("US"))
# Complies: the sink bucket is in the Netherlands.
case("gcp-transfer-job-nl", GCP_COPIES, cite=GCP_DOC["transfer"])(transfer_job("EUROPE-WEST4"))
# Violates: event-driven replication (replicationSpec) of the GDPR bucket into a US bucket.
case("gcp-transfer-replication-us", GCP_COPIES, "DENY", GCP_DOC["transfer"])(transfer_job("US", "replicationSpec"))
# Complies: the replication's sink bucket is in the EU multi-region.
case("gcp-transfer-replication-eu", GCP_COPIES, cite=GCP_DOC["gcs-locations"])(transfer_job("EU", "replicationSpec"))


def labelled_dataset(location: str | None) -> Build:
    def build(s: Stack) -> None:
        bq_dataset(s, "ledger", location, GDPR)

    return build


# Violates: a BigQuery dataset created without a location is created in the US multi-region.
case("gcp-bq-dataset-default-location", GCP_COPIES, "DENY", GCP_DOC["bq-locations"])(labelled_dataset(None))
# Complies: the dataset is in the EU multi-region.
case("gcp-bq-dataset-eu", GCP_COPIES, cite=GCP_DOC["bq-locations"])(labelled_dataset("EU"))


def gcp_secret(replication: dict[str, Any]) -> Build:
    def build(s: Stack) -> None:
        put(
            s,
            "gcp:secretmanager/secret:Secret",
            "ledger-db",
            gcp(s),
            secretId="ledger-db",
            labels=GDPR,
            replication=replication,
        )

    return build


# Violates: automatic replication lets Google place the GDPR secret anywhere.
case("gcp-secret-automatic", GCP_COPIES, "DENY", GCP_DOC["secrets"])(gcp_secret({"auto": {}}))
# Complies: user-managed replication in Frankfurt and Belgium.
case("gcp-secret-user-managed", GCP_COPIES, cite=GCP_DOC["secrets"])(
    gcp_secret({"userManaged": {"replicas": [{"location": "europe-west3"}, {"location": "europe-west1"}]}})
)


# ============================================================================ Azure: copies

AZ_DOC = {
    "geo-replication": "https://learn.microsoft.com/en-us/azure/azure-sql/database/active-geo-replication-overview",
    "failover-group": "https://learn.microsoft.com/en-us/azure/azure-sql/database/failover-group-sql-db",
    "pg-replicas": "https://learn.microsoft.com/en-us/azure/postgresql/flexible-server/concepts-read-replicas",
    "object-replication": "https://learn.microsoft.com/en-us/azure/storage/blobs/object-replication-overview",
    "dce": "https://learn.microsoft.com/en-us/azure/azure-monitor/essentials/data-collection-endpoint-overview",
    "diagnostic": "https://learn.microsoft.com/en-us/azure/azure-monitor/essentials/diagnostic-settings",
    "eh-geo-dr": "https://learn.microsoft.com/en-us/azure/event-hubs/event-hubs-geo-dr",
    "sb-geo-dr": "https://learn.microsoft.com/en-us/azure/service-bus-messaging/service-bus-geo-dr",
    "sb-geo-replication": "https://learn.microsoft.com/en-us/azure/service-bus-messaging/service-bus-geo-replication",
    "redis": "https://learn.microsoft.com/en-us/azure/azure-cache-for-redis/cache-how-to-geo-replication",
    "gallery": "https://learn.microsoft.com/en-us/azure/virtual-machines/azure-compute-gallery",
    "snapshot-copy": "https://learn.microsoft.com/en-us/azure/virtual-machines/disks-copy-incremental-snapshot-across-regions",
    "redundancy": "https://learn.microsoft.com/en-us/azure/storage/common/storage-redundancy",
    "pairs": "https://learn.microsoft.com/en-us/azure/reliability/cross-region-replication-azure",
    "vault-redundancy": "https://learn.microsoft.com/en-us/azure/backup/backup-create-recovery-services-vault#set-storage-redundancy",
    "sql-backup": "https://learn.microsoft.com/en-us/azure/azure-sql/database/automated-backups-overview#backup-storage-redundancy",
    "cosmos": "https://learn.microsoft.com/en-us/azure/cosmos-db/distribute-data-globally",
}
RG = f"/subscriptions/{SUB}/resourceGroups/ledger/providers"


def az(s: Stack, type_: str, name: str, location: str, tags: dict[str, str] | None, arm: str, /, **inputs: Any) -> str:
    """An azure-native resource in resource group ledger, with its ARM ID known (it exists)."""
    if tags is not None:
        inputs["tags"] = tags
    return put(
        s,
        type_,
        name,
        azure(s, location),
        resourceGroupName="ledger",
        location=location,
        known={"id": f"{RG}/{arm}"},
        **inputs,
    )


def sql_server(s: Stack, name: str, location: str, tags: dict[str, str] | None) -> str:
    return az(
        s,
        "azure-native:sql:Server",
        name,
        location,
        tags,
        f"Microsoft.Sql/servers/{name}",
        serverName=name,
        version="12.0",
        minimalTlsVersion="1.2",
        publicNetworkAccess="Disabled",
    )


def sql_primary(s: Stack, location: str = "westeurope", tags: dict[str, str] = GDPR, **db: Any) -> str:
    server = sql_server(s, "ledger-sql", location, tags)
    database = az(
        s,
        "azure-native:sql:Database",
        "ledger-db",
        location,
        tags,
        "Microsoft.Sql/servers/ledger-sql/databases/ledger",
        serverName="ledger-sql",
        databaseName="ledger",
        sku={"name": "GP_Gen5", "tier": "GeneralPurpose", "family": "Gen5", "capacity": 2},
        **db,
    )
    _find(s, database).dependencies = [server]
    return database


def sql_geo_secondary(location: str) -> Build:
    def build(s: Stack) -> None:
        primary = sql_primary(s)
        server = sql_server(s, "ledger-sql-dr", location, None)
        put(
            s,
            "azure-native:sql:Database",
            "ledger-db-dr",
            azure(s, location),
            deps=[primary, server],
            resourceGroupName="ledger",
            serverName="ledger-sql-dr",
            databaseName="ledger",
            location=location,
            createMode="Secondary",
            secondaryType="Geo",
            sourceDatabaseId=f"{RG}/Microsoft.Sql/servers/ledger-sql/databases/ledger",
        )

    return build


# Violates: an active geo-replication secondary of the GDPR database in East US, untagged.
case("az-sql-geo-secondary-us", AZURE_COPIES, "DENY", AZ_DOC["geo-replication"])(sql_geo_secondary("eastus"))
# Complies: the geo-secondary is in North Europe (Ireland).
case("az-sql-geo-secondary-ie", AZURE_COPIES, cite=AZ_DOC["geo-replication"])(sql_geo_secondary("northeurope"))


def sql_failover_group(partner_location: str) -> Build:
    def build(s: Stack) -> None:
        primary = sql_primary(s)
        partner = sql_server(s, "ledger-sql-dr", partner_location, None)
        put(
            s,
            "azure-native:sql:FailoverGroup",
            "ledger-fog",
            azure(s),
            deps=[primary, partner],
            resourceGroupName="ledger",
            serverName="ledger-sql",
            failoverGroupName="ledger-fog",
            partnerServers=[{"id": f"{RG}/Microsoft.Sql/servers/ledger-sql-dr"}],
            databases=[f"{RG}/Microsoft.Sql/servers/ledger-sql/databases/ledger"],
            readWriteEndpoint={"failoverPolicy": "Automatic", "failoverWithDataLossGracePeriodMinutes": 60},
        )

    return build


# Violates: the failover group's partner server (named by ID only) is in East US.
case("az-sql-failover-group-us", AZURE_COPIES, "DENY", AZ_DOC["failover-group"])(sql_failover_group("eastus"))
# Complies: the partner server is in Germany West Central.
case("az-sql-failover-group-de", AZURE_COPIES, cite=AZ_DOC["failover-group"])(sql_failover_group("germanywestcentral"))


def pg_replica(location: str) -> Build:
    def build(s: Stack) -> None:
        arm = "Microsoft.DBforPostgreSQL/flexibleServers/"
        primary = az(
            s,
            "azure-native:dbforpostgresql:Server",
            "ledger-pg",
            "westeurope",
            GDPR,
            arm + "ledger-pg",
            serverName="ledger-pg",
            version="16",
            sku={"name": "Standard_D2ds_v5", "tier": "GeneralPurpose"},
            storage={"storageSizeGB": 128},
        )
        put(
            s,
            "azure-native:dbforpostgresql:Server",
            "ledger-pg-replica",
            azure(s, location),
            deps=[primary],
            resourceGroupName="ledger",
            serverName="ledger-pg-replica",
            location=location,
            createMode="Replica",
            sourceServerResourceId=f"{RG}/{arm}ledger-pg",
        )

    return build


# Violates: a cross-region read replica of the GDPR PostgreSQL server in East US.
case("az-postgres-replica-us", AZURE_COPIES, "DENY", AZ_DOC["pg-replicas"])(pg_replica("eastus"))
# Complies: the replica is in Germany West Central.
case("az-postgres-replica-de", AZURE_COPIES, cite=AZ_DOC["pg-replicas"])(pg_replica("germanywestcentral"))


def storage_account(s: Stack, name: str, location: str, tags: dict[str, str] | None, sku: Any = None) -> str:
    return az(
        s,
        "azure-native:storage:StorageAccount",
        name,
        location,
        tags,
        f"Microsoft.Storage/storageAccounts/{name}",
        accountName=name,
        kind="StorageV2",
        sku={"name": "Standard_LRS"} if sku is None else sku,
        allowBlobPublicAccess=False,
        minimumTlsVersion="TLS1_2",
    )


def object_replication(dest_location: str) -> Build:
    def build(s: Stack) -> None:
        source = storage_account(s, "ledgereu", "westeurope", GDPR)
        dest = storage_account(s, "ledgerdr", dest_location, None)
        put(
            s,
            "azure-native:storage:ObjectReplicationPolicy",
            "ledger-or",
            azure(s, dest_location),
            deps=[source, dest],
            resourceGroupName="ledger",
            accountName="ledgerdr",
            objectReplicationPolicyId="default",
            sourceAccount=f"{RG}/Microsoft.Storage/storageAccounts/ledgereu",
            destinationAccount=f"{RG}/Microsoft.Storage/storageAccounts/ledgerdr",
            rules=[{"sourceContainer": "ledger", "destinationContainer": "ledger"}],
        )

    return build


# Violates: object replication copies the GDPR account's blobs into an account in East US.
case("az-object-replication-us", AZURE_COPIES, "DENY", AZ_DOC["object-replication"])(object_replication("eastus"))
# Complies: the destination account is in Germany West Central.
case("az-object-replication-de", AZURE_COPIES, cite=AZ_DOC["object-replication"])(
    object_replication("germanywestcentral")
)


def workspace(s: Stack, location: str, name: str = "central", tags: dict[str, str] | None = None) -> str:
    return az(
        s,
        "azure-native:operationalinsights:Workspace",
        f"{name}-law",
        location,
        tags,
        f"Microsoft.OperationalInsights/workspaces/{name}",
        workspaceName=name,
        sku={"name": "PerGB2018"},
        retentionInDays=90,
    )


def dcr(location: str) -> Build:
    """A GDPR VM in West Europe associated with a data collection rule that sends its syslog to a workspace."""

    def build(s: Stack) -> None:
        vm = az(
            s,
            "azure-native:compute:VirtualMachine",
            "ledger-vm",
            "westeurope",
            GDPR,
            "Microsoft.Compute/virtualMachines/ledger-vm",
            vmName="ledger-vm",
            hardwareProfile={"vmSize": "Standard_D2s_v5"},
        )
        law = workspace(s, location)
        rule = az(
            s,
            "azure-native:monitor:DataCollectionRule",
            "syslog-dcr",
            location,
            None,
            "Microsoft.Insights/dataCollectionRules/syslog",
            dataCollectionRuleName="syslog",
            kind="Linux",
            dataSources={
                "syslog": [
                    {"name": "syslog", "streams": ["Microsoft-Syslog"], "facilityNames": ["*"], "logLevels": ["*"]}
                ]
            },
            destinations={
                "logAnalytics": [
                    {"name": "central", "workspaceResourceId": f"{RG}/Microsoft.OperationalInsights/workspaces/central"}
                ]
            },
            dataFlows=[{"streams": ["Microsoft-Syslog"], "destinations": ["central"]}],
        )
        _find(s, rule).dependencies = [law]
        put(
            s,
            "azure-native:monitor:DataCollectionRuleAssociation",
            "ledger-vm-syslog",
            azure(s),
            deps=[vm, rule],
            associationName="ledger-vm-syslog",
            resourceUri=f"{RG}/Microsoft.Compute/virtualMachines/ledger-vm",
            dataCollectionRuleId=f"{RG}/Microsoft.Insights/dataCollectionRules/syslog",
        )

    return build


# Violates: the association sends the GDPR VM's syslog, through a rule in East US, to a workspace there.
case("az-dcr-association-us", AZURE_COPIES, "DENY", AZ_DOC["dce"])(dcr("eastus"))
# Complies: rule and workspace are in West Europe.
case("az-dcr-association-nl", AZURE_COPIES, cite=AZ_DOC["dce"])(dcr("westeurope"))


def diagnostic(workspace_location: str | None) -> Build:
    """A GDPR key vault's audit logs sent by a diagnostic setting; ``None``: a workspace outside the stack."""

    def build(s: Stack) -> None:
        vault = az(
            s,
            "azure-native:keyvault:Vault",
            "ledger-kv",
            "westeurope",
            GDPR,
            "Microsoft.KeyVault/vaults/ledger-kv",
            vaultName="ledger-kv",
            properties={
                "tenantId": "0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e",
                "sku": {"family": "A", "name": "standard"},
                "enableRbacAuthorization": True,
                "enablePurgeProtection": True,
            },
        )
        deps = [vault]
        ws = f"{RG}/Microsoft.OperationalInsights/workspaces/central"
        if workspace_location is not None:
            deps.append(workspace(s, workspace_location))
        else:
            soc = "/subscriptions/0f0e0d0c-0b0a-0908-0706-050403020100/resourceGroups/soc/providers"
            ws = f"{soc}/Microsoft.OperationalInsights/workspaces/soc"
        put(
            s,
            "azure-native:monitor:DiagnosticSetting",
            "ledger-kv-audit",
            azure(s),
            deps=deps,
            name="audit",
            resourceUri=f"{RG}/Microsoft.KeyVault/vaults/ledger-kv",
            workspaceId=ws,
            logs=[{"categoryGroup": "audit", "enabled": True}],
        )

    return build


# Violates: the diagnostic setting sends the GDPR vault's audit logs to a workspace in East US.
case("az-diagnostic-setting-us", AZURE_COPIES, "DENY", AZ_DOC["diagnostic"])(diagnostic("eastus"))
# Complies: the workspace is in West Europe.
case("az-diagnostic-setting-nl", AZURE_COPIES, cite=AZ_DOC["diagnostic"])(diagnostic("westeurope"))
# Violates: the workspace is in another subscription, named only by ID: its location cannot be known.
case("az-diagnostic-setting-unplaceable", AZURE_COPIES, "DENY", AZ_DOC["diagnostic"])(diagnostic(None))


def geo_dr(package: str, partner_location: str) -> Build:
    provider_ns = {"eventhub": "Microsoft.EventHub", "servicebus": "Microsoft.ServiceBus"}[package]

    def build(s: Stack) -> None:
        primary = az(
            s,
            f"azure-native:{package}:Namespace",
            "ledger-ns",
            "westeurope",
            GDPR,
            f"{provider_ns}/namespaces/ledger-ns",
            namespaceName="ledger-ns",
            sku={
                "name": "Standard" if package == "eventhub" else "Premium",
                "tier": "Standard" if package == "eventhub" else "Premium",
            },
        )
        partner = az(
            s,
            f"azure-native:{package}:Namespace",
            "ledger-ns-dr",
            partner_location,
            None,
            f"{provider_ns}/namespaces/ledger-ns-dr",
            namespaceName="ledger-ns-dr",
            sku={
                "name": "Standard" if package == "eventhub" else "Premium",
                "tier": "Standard" if package == "eventhub" else "Premium",
            },
        )
        put(
            s,
            f"azure-native:{package}:DisasterRecoveryConfig",
            "ledger-alias",
            azure(s),
            deps=[primary, partner],
            resourceGroupName="ledger",
            namespaceName="ledger-ns",
            alias="ledger-alias",
            partnerNamespace=f"{RG}/{provider_ns}/namespaces/ledger-ns-dr",
        )

    return build


# Violates: Event Hubs geo-disaster recovery pairs the GDPR namespace with a namespace in East US
# (metadata replication; after failover the data is written there).
case("az-eventhub-geo-dr-us", AZURE_COPIES, "DENY", AZ_DOC["eh-geo-dr"])(geo_dr("eventhub", "eastus"))
# Complies: the partner namespace is in North Europe.
case("az-eventhub-geo-dr-ie", AZURE_COPIES, cite=AZ_DOC["eh-geo-dr"])(geo_dr("eventhub", "northeurope"))
# Violates: Service Bus geo-disaster recovery with a partner namespace in East US.
case("az-servicebus-geo-dr-us", AZURE_COPIES, "DENY", AZ_DOC["sb-geo-dr"])(geo_dr("servicebus", "eastus"))
# Complies: the partner namespace is in Sweden Central.
case("az-servicebus-geo-dr-se", AZURE_COPIES, cite=AZ_DOC["sb-geo-dr"])(geo_dr("servicebus", "swedencentral"))


def servicebus_geo_replication(secondary: str) -> Build:
    def build(s: Stack) -> None:
        az(
            s,
            "azure-native:servicebus:Namespace",
            "ledger-ns",
            "westeurope",
            GDPR,
            "Microsoft.ServiceBus/namespaces/ledger-ns",
            namespaceName="ledger-ns",
            sku={"name": "Premium", "tier": "Premium", "capacity": 1},
            geoDataReplication={
                "maxReplicationLagDurationInSeconds": 300,
                "locations": [
                    {"locationName": "westeurope", "roleType": "Primary"},
                    {"locationName": secondary, "roleType": "Secondary"},
                ],
            },
        )

    return build


# Violates: Service Bus geo-replication replicates the GDPR namespace's messages to East US.
case("az-servicebus-geo-replication-us", AZURE_COPIES, "DENY", AZ_DOC["sb-geo-replication"])(
    servicebus_geo_replication("eastus")
)
# Complies: the secondary is North Europe.
case("az-servicebus-geo-replication-ie", AZURE_COPIES, cite=AZ_DOC["sb-geo-replication"])(
    servicebus_geo_replication("northeurope")
)


def redis_link(location: str) -> Build:
    def build(s: Stack) -> None:
        primary = az(
            s,
            "azure-native:redis:Redis",
            "ledger-redis",
            "westeurope",
            GDPR,
            "Microsoft.Cache/redis/ledger-redis",
            name="ledger-redis",
            sku={"name": "Premium", "family": "P", "capacity": 1},
        )
        secondary = az(
            s,
            "azure-native:redis:Redis",
            "ledger-redis-dr",
            location,
            None,
            "Microsoft.Cache/redis/ledger-redis-dr",
            name="ledger-redis-dr",
            sku={"name": "Premium", "family": "P", "capacity": 1},
        )
        put(
            s,
            "azure-native:redis:LinkedServer",
            "ledger-redis-link",
            azure(s),
            deps=[primary, secondary],
            resourceGroupName="ledger",
            name="ledger-redis",
            linkedServerName="ledger-redis-dr",
            serverRole="Secondary",
            linkedRedisCacheId=f"{RG}/Microsoft.Cache/redis/ledger-redis-dr",
            linkedRedisCacheLocation=location,
        )

    return build


# Violates: passive geo-replication links the GDPR cache to a secondary cache in East US.
case("az-redis-geo-replication-us", AZURE_COPIES, "DENY", AZ_DOC["redis"])(redis_link("eastus"))
# Complies: the secondary cache is in North Europe.
case("az-redis-geo-replication-ie", AZURE_COPIES, cite=AZ_DOC["redis"])(redis_link("northeurope"))


def gallery_version(target: str) -> Build:
    def build(s: Stack) -> None:
        vm = az(
            s,
            "azure-native:compute:VirtualMachine",
            "ledger-vm",
            "westeurope",
            GDPR,
            "Microsoft.Compute/virtualMachines/ledger-vm",
            vmName="ledger-vm",
            hardwareProfile={"vmSize": "Standard_D2s_v5"},
        )
        put(
            s,
            "azure-native:compute:GalleryImageVersion",
            "ledger-node-1",
            azure(s),
            deps=[vm],
            resourceGroupName="ledger",
            galleryName="ledger",
            galleryImageName="ledger-node",
            galleryImageVersionName="1.0.0",
            location="westeurope",
            storageProfile={"source": {"virtualMachineId": f"{RG}/Microsoft.Compute/virtualMachines/ledger-vm"}},
            publishingProfile={"targetRegions": [{"name": "West Europe"}, {"name": target}]},
        )

    return build


# Violates: the image version captured from the GDPR VM is replicated to East US.
case("az-gallery-replica-us", AZURE_COPIES, "DENY", AZ_DOC["gallery"])(gallery_version("East US"))
# Complies: the replica regions are West Europe and North Europe.
case("az-gallery-replica-ie", AZURE_COPIES, cite=AZ_DOC["gallery"])(gallery_version("North Europe"))


def snapshot_copy(location: str) -> Build:
    def build(s: Stack) -> None:
        source = az(
            s,
            "azure-native:compute:Snapshot",
            "ledger-snap",
            "westeurope",
            GDPR,
            "Microsoft.Compute/snapshots/ledger-snap",
            snapshotName="ledger-snap",
            incremental=True,
            creationData={"createOption": "Copy", "sourceResourceId": f"{RG}/Microsoft.Compute/disks/ledger-data"},
        )
        put(
            s,
            "azure-native:compute:Snapshot",
            "ledger-snap-dr",
            azure(s, location),
            deps=[source],
            resourceGroupName="ledger",
            snapshotName="ledger-snap-dr",
            location=location,
            incremental=True,
            creationData={
                "createOption": "CopyStart",
                "sourceResourceId": f"{RG}/Microsoft.Compute/snapshots/ledger-snap",
            },
        )

    return build


# Violates: CopyStart copies the GDPR disk's incremental snapshot into East US; the copy is untagged.
case("az-snapshot-copy-us", AZURE_COPIES, "DENY", AZ_DOC["snapshot-copy"])(snapshot_copy("eastus"))
# Complies: the copy is in North Europe.
case("az-snapshot-copy-ie", AZURE_COPIES, cite=AZ_DOC["snapshot-copy"])(snapshot_copy("northeurope"))


def account_redundancy(location: str, residency: str, sku: str) -> Build:
    def build(s: Stack) -> None:
        storage_account(s, "ledgerdata", location, regime(residency), {"name": sku})

    return build


# Violates: geo-redundant storage in Brazil South copies to its pair, South Central US (a Brazil-only regime).
case("az-storage-grs-brazil", AZURE_COPIES, "DENY", AZ_DOC["pairs"], config={"regimes": BR})(
    account_redundancy("brazilsouth", "br", "Standard_GRS")
)
# Complies: zone-redundant storage stays in Brazil South.
case("az-storage-zrs-brazil", AZURE_COPIES, cite=AZ_DOC["redundancy"], config={"regimes": BR})(
    account_redundancy("brazilsouth", "br", "Standard_ZRS")
)
# Violates: North Europe's pair is West Europe (the Netherlands), outside an Ireland-only regime.
case("az-storage-grs-ireland", AZURE_COPIES, "DENY", AZ_DOC["pairs"], config={"regimes": IE})(
    account_redundancy("northeurope", "ie", "Standard_RAGRS")
)
# Complies: locally redundant storage stays in North Europe.
case("az-storage-lrs-ireland", AZURE_COPIES, cite=AZ_DOC["redundancy"], config={"regimes": IE})(
    account_redundancy("northeurope", "ie", "Standard_LRS")
)
# Complies: Germany West Central's pair is Germany North; GZRS keeps both copies inside the EU.
case("az-storage-gzrs-germany", AZURE_COPIES, cite=AZ_DOC["pairs"])(
    account_redundancy("germanywestcentral", "gdpr", "Standard_GZRS")
)


def recovery_vault(redundancy: str | None) -> Build:
    def build(s: Stack) -> None:
        properties: dict[str, Any] = {"publicNetworkAccess": "Disabled"}
        if redundancy is not None:
            properties["redundancySettings"] = {
                "standardTierStorageRedundancy": redundancy,
                "crossRegionRestore": "Disabled",
            }
        az(
            s,
            "azure-native:recoveryservices:Vault",
            "ledger-rsv",
            "brazilsouth",
            regime("br"),
            "Microsoft.RecoveryServices/vaults/ledger-rsv",
            vaultName="ledger-rsv",
            sku={"name": "RS0", "tier": "Standard"},
            properties=properties,
        )

    return build


# Violates: a Recovery Services vault is geo-redundant by default: Brazil South's backups go to its pair.
case("az-recovery-vault-default-grs", AZURE_COPIES, "DENY", AZ_DOC["vault-redundancy"], config={"regimes": BR})(
    recovery_vault(None)
)
# Complies: the vault is locally redundant.
case("az-recovery-vault-lrs", AZURE_COPIES, cite=AZ_DOC["vault-redundancy"], config={"regimes": BR})(
    recovery_vault("LocallyRedundant")
)


def sql_backup_redundancy(redundancy: str) -> Build:
    def build(s: Stack) -> None:
        sql_primary(s, "brazilsouth", regime("br"), requestedBackupStorageRedundancy=redundancy)

    return build


# Violates: geo-redundant backup storage of a Brazil-only database is replicated to South Central US.
case("az-sql-backup-geo-brazil", AZURE_COPIES, "DENY", AZ_DOC["sql-backup"], config={"regimes": BR})(
    sql_backup_redundancy("Geo")
)
# Complies: locally redundant backup storage.
case("az-sql-backup-local-brazil", AZURE_COPIES, cite=AZ_DOC["sql-backup"], config={"regimes": BR})(
    sql_backup_redundancy("Local")
)


def cosmos(second: str) -> Build:
    def build(s: Stack) -> None:
        az(
            s,
            "azure-native:cosmosdb:DatabaseAccount",
            "ledger-cosmos",
            "westeurope",
            GDPR,
            "Microsoft.DocumentDB/databaseAccounts/ledger-cosmos",
            accountName="ledger-cosmos",
            databaseAccountOfferType="Standard",
            locations=[
                {"locationName": "westeurope", "failoverPriority": 0},
                {"locationName": second, "failoverPriority": 1},
            ],
        )

    return build


# Violates: the GDPR Cosmos DB account replicates to East US.
case("az-cosmos-region-us", AZURE_COPIES, "DENY", AZ_DOC["cosmos"])(cosmos("eastus"))
# Complies: its second region is North Europe.
case("az-cosmos-region-ie", AZURE_COPIES, cite=AZ_DOC["cosmos"])(cosmos("northeurope"))


# ============================================================================ Kubernetes operators
# Cloud resources made by a controller from a custom resource in a tenant's namespace: the data lives
# where the spec (or annotation) says, not where the cluster runs.

OP_DOC = {
    "ack": "https://aws-controllers-k8s.github.io/community/docs/user-docs/multi-region-resource-management/",
    "crossplane": "https://docs.crossplane.io/latest/get-started/get-started-with-managed-resources/",
    "kcc-bucket": "https://cloud.google.com/config-connector/docs/reference/resource-docs/storage/storagebucket",
    "kcc-sql": "https://cloud.google.com/config-connector/docs/reference/resource-docs/sql/sqlinstance",
    "kcc-bq": "https://cloud.google.com/config-connector/docs/reference/resource-docs/bigquery/bigquerydataset",
    "aso-storage": "https://azure.github.io/azure-service-operator/reference/storage/v1api20230101/",
    "aso-postgres": "https://azure.github.io/azure-service-operator/reference/dbforpostgresql/v1api20221201/",
}


def custom_resource(
    group_version: str,
    kind: str,
    name: str,
    ns: str | None,
    spec: dict[str, Any],
    annotations: dict[str, str] | None = None,
    labels: dict[str, str] | None = None,
) -> Callable[[Stack, str], str]:
    def make(s: Stack, k8s: str) -> str:
        metadata: dict[str, Any] = {"name": name}
        if ns is not None:
            metadata["namespace"] = ns
        if annotations:
            metadata["annotations"] = annotations
        if labels:
            metadata["labels"] = labels
        return s.add(
            f"kubernetes:{group_version}:{kind}",
            f"{name}-{kind.lower()}",
            k8s,
            apiVersion=group_version,
            kind=kind,
            metadata=metadata,
            spec=spec,
        )

    return make


def operator(make: Callable[[Stack, str], str], cloud: str = "aws", residency: str = "gdpr") -> Build:
    region = {"aws": "eu-west-1", "gcp": "europe-west3", "azure-native": "westeurope"}[cloud]

    def build(s: Stack) -> None:
        _, k8s = cluster(s, "eu1", cloud, region)
        tenant(s, k8s, "acme", residency=residency)
        make(s, k8s)

    return build


def ack_bucket(region: str) -> Callable[[Stack, str], str]:
    return custom_resource(
        "s3.services.k8s.aws/v1alpha1",
        "Bucket",
        "acme-ledger",
        "acme",
        {"name": "acme-ledger"},
        annotations={"services.k8s.aws/region": region},
    )


# Violates: ACK creates the GDPR tenant's bucket in N. Virginia (the region annotation on the resource).
case("op-ack-bucket-us", OPERATORS, "DENY", OP_DOC["ack"])(operator(ack_bucket("us-east-1")))
# Complies: the annotation puts the bucket in Frankfurt.
case("op-ack-bucket-de", OPERATORS, cite=OP_DOC["ack"])(operator(ack_bucket("eu-central-1")))
# Complies: the same bucket in N. Virginia for a tenant whose namespace is declared unregulated.
case("op-ack-bucket-us-unregulated", OPERATORS, cite=OP_DOC["ack"])(operator(ack_bucket("us-east-1"), residency="none"))


def ack_table(region: str) -> Callable[[Stack, str], str]:
    return custom_resource(
        "dynamodb.services.k8s.aws/v1alpha1",
        "Table",
        "acme-orders",
        "acme",
        {
            "tableName": "acme-orders",
            "billingMode": "PAY_PER_REQUEST",
            "attributeDefinitions": [{"attributeName": "id", "attributeType": "S"}],
            "keySchema": [{"attributeName": "id", "keyType": "HASH"}],
        },
        annotations={"services.k8s.aws/region": region},
    )


# Violates: an ACK DynamoDB table for the GDPR tenant in Oregon.
case("op-ack-table-us", OPERATORS, "DENY", OP_DOC["ack"])(operator(ack_table("us-west-2")))
# Complies: the table is in Ireland.
case("op-ack-table-ie", OPERATORS, cite=OP_DOC["ack"])(operator(ack_table("eu-west-1")))


def crossplane_bucket(region: str) -> Callable[[Stack, str], str]:
    return custom_resource(
        "s3.aws.m.upbound.io/v1beta1",
        "Bucket",
        "acme-exports",
        "acme",
        {"forProvider": {"region": region}, "providerConfigRef": {"kind": "ProviderConfig", "name": "default"}},
    )


# Violates: a namespaced Crossplane (v2) managed resource makes the tenant's bucket in Ohio.
case("op-crossplane-bucket-us", OPERATORS, "DENY", OP_DOC["crossplane"])(operator(crossplane_bucket("us-east-2")))
# Complies: forProvider.region is Ireland.
case("op-crossplane-bucket-ie", OPERATORS, cite=OP_DOC["crossplane"])(operator(crossplane_bucket("eu-west-1")))


def crossplane_rds(region: str) -> Callable[[Stack, str], str]:
    return custom_resource(
        "rds.aws.upbound.io/v1beta1",
        "Instance",
        "acme-db",
        None,
        {
            "forProvider": {
                "region": region,
                "engine": "postgres",
                "engineVersion": "16.4",
                "instanceClass": "db.t4g.micro",
                "allocatedStorage": 20,
                "username": "acme",
                "autoGeneratePassword": True,
                "passwordSecretRef": {"namespace": "crossplane-system", "name": "acme-db", "key": "password"},
                "skipFinalSnapshot": True,
            },
            "providerConfigRef": {"name": "default"},
        },
        labels={**GDPR, "fleet-tenant": "acme"},
    )


# Violates: a cluster-scoped Crossplane RDS instance labelled GDPR is created in N. Virginia.
case("op-crossplane-rds-us", OPERATORS, "DENY", OP_DOC["crossplane"])(operator(crossplane_rds("us-east-1")))
# Complies: it is created in Frankfurt.
case("op-crossplane-rds-de", OPERATORS, cite=OP_DOC["crossplane"])(operator(crossplane_rds("eu-central-1")))


def kcc(kind: str, group: str, name: str, spec: dict[str, Any]) -> Callable[[Stack, str], str]:
    return custom_resource(
        f"{group}.cnrm.cloud.google.com/v1beta1",
        kind,
        name,
        "acme",
        spec,
        annotations={"cnrm.cloud.google.com/project-id": "acme-prod"},
    )


# Violates: Config Connector creates the GDPR tenant's bucket in the US multi-region.
case("op-kcc-bucket-us", OPERATORS, "DENY", OP_DOC["kcc-bucket"])(
    operator(kcc("StorageBucket", "storage", "acme-files", {"location": "US", "uniformBucketLevelAccess": True}), "gcp")
)
# Complies: the bucket is in Frankfurt.
case("op-kcc-bucket-de", OPERATORS, cite=OP_DOC["kcc-bucket"])(
    operator(
        kcc("StorageBucket", "storage", "acme-files", {"location": "EUROPE-WEST3", "uniformBucketLevelAccess": True}),
        "gcp",
    )
)
# Violates: a Config Connector Cloud SQL instance in Iowa.
case("op-kcc-sql-us", OPERATORS, "DENY", OP_DOC["kcc-sql"])(
    operator(
        kcc(
            "SQLInstance",
            "sql",
            "acme-db",
            {"region": "us-central1", "databaseVersion": "POSTGRES_16", "settings": {"tier": "db-custom-1-3840"}},
        ),
        "gcp",
    )
)
# Complies: the instance is in Frankfurt.
case("op-kcc-sql-de", OPERATORS, cite=OP_DOC["kcc-sql"])(
    operator(
        kcc(
            "SQLInstance",
            "sql",
            "acme-db",
            {"region": "europe-west3", "databaseVersion": "POSTGRES_16", "settings": {"tier": "db-custom-1-3840"}},
        ),
        "gcp",
    )
)
# Violates: a Config Connector BigQuery dataset in the US multi-region.
case("op-kcc-bigquery-us", OPERATORS, "DENY", OP_DOC["kcc-bq"])(
    operator(kcc("BigQueryDataset", "bigquery", "acmeanalytics", {"location": "US"}), "gcp")
)
# Complies: the dataset is in the EU multi-region.
case("op-kcc-bigquery-eu", OPERATORS, cite=OP_DOC["kcc-bq"])(
    operator(kcc("BigQueryDataset", "bigquery", "acmeanalytics", {"location": "EU"}), "gcp")
)


def aso_storage(location: str) -> Callable[[Stack, str], str]:
    return custom_resource(
        "storage.azure.com/v1api20230101",
        "StorageAccount",
        "acmefiles",
        "acme",
        {"location": location, "kind": "StorageV2", "sku": {"name": "Standard_LRS"}, "owner": {"name": "acme-rg"}},
    )


def aso_postgres(location: str) -> Callable[[Stack, str], str]:
    return custom_resource(
        "dbforpostgresql.azure.com/v1api20221201",
        "FlexibleServer",
        "acme-pg",
        "acme",
        {
            "location": location,
            "version": "16",
            "owner": {"name": "acme-rg"},
            "sku": {"name": "Standard_B1ms", "tier": "Burstable"},
            "storage": {"storageSizeGB": 32},
        },
    )


# Violates: Azure Service Operator creates the GDPR tenant's storage account in East US.
case("op-aso-storage-us", OPERATORS, "DENY", OP_DOC["aso-storage"])(operator(aso_storage("eastus"), "azure-native"))
# Complies: the account is in West Europe.
case("op-aso-storage-nl", OPERATORS, cite=OP_DOC["aso-storage"])(operator(aso_storage("westeurope"), "azure-native"))
# Violates: an ASO PostgreSQL flexible server for the GDPR tenant in East US.
case("op-aso-postgres-us", OPERATORS, "DENY", OP_DOC["aso-postgres"])(operator(aso_postgres("eastus"), "azure-native"))
# Complies: the server is in Germany West Central.
case("op-aso-postgres-de", OPERATORS, cite=OP_DOC["aso-postgres"])(
    operator(aso_postgres("germanywestcentral"), "azure-native")
)


# ============================================================================ tenant isolation

K8S_DOC = {
    "netpol": "https://kubernetes.io/docs/concepts/services-networking/network-policies/",
    "netpol-api": "https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/",
    "selectors": "https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#set-based-requirement",
    "quota": "https://kubernetes.io/docs/concepts/policy/resource-quotas/",
    "quota-scopes": "https://kubernetes.io/docs/concepts/policy/resource-quotas/#quota-scopes",
    "limitrange": "https://kubernetes.io/docs/concepts/policy/limit-range/",
    "psa": "https://kubernetes.io/docs/concepts/security/pod-security-admission/",
    "rbac": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/",
    "rbac-default": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#default-roles-and-role-bindings",
    "rbac-subjects": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-subjects",
    "aggregation": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#aggregated-clusterroles",
    "escalation": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping",
    "rbac-good": "https://kubernetes.io/docs/concepts/security/rbac-good-practices/",
    "webhooks": "https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/",
    "external-ips": "https://kubernetes.io/docs/concepts/services-networking/service/#external-ips",
    "cve-2020-8554": "https://github.com/kubernetes/kubernetes/issues/97076",
    "namespace-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/core/v1/namespacepatch/",
    "provider": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/provider/",
}

Obj = Callable[[Stack, str], Any]


def isolation(*objects: Obj, neighbour: bool = False, **tenant_kw: Any) -> Build:
    """An EU cluster with the GDPR tenant acme (and, with ``neighbour``, the tenant globex) and the case's objects."""

    def build(s: Stack) -> None:
        _, k8s = cluster(s)
        tenant(s, k8s, "acme", **tenant_kw)
        if neighbour:
            tenant(s, k8s, "globex")
        for make in objects:
            make(s, k8s)

    return build


def netpol(spec: dict[str, Any], ns: str | None = "acme", name: str = "allow") -> Obj:
    def make(s: Stack, k8s: str) -> str:
        metadata: dict[str, Any] = {"name": name}
        if ns is not None:
            metadata["namespace"] = ns
        return s.add(
            "kubernetes:networking.k8s.io/v1:NetworkPolicy", f"{ns}-{name}-np", k8s, metadata=metadata, spec=spec
        )

    return make


def ingress(*peers: dict[str, Any], ports: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    rule: dict[str, Any] = {"from": list(peers)} if peers else {}
    if ports:
        rule["ports"] = ports
    return {"podSelector": {}, "policyTypes": ["Ingress"], "ingress": [rule]}


def egress(*peers: dict[str, Any], empty_to: bool = False) -> dict[str, Any]:
    rule: dict[str, Any] = {"to": list(peers)} if peers or empty_to else {}
    return {"podSelector": {}, "policyTypes": ["Egress"], "egress": [rule]}


def cidr(block: str, *except_: str) -> dict[str, Any]:
    ip: dict[str, Any] = {"cidr": block}
    if except_:
        ip["except"] = list(except_)
    return {"ipBlock": ip}


OWN_NS = {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "acme"}}}
WEB = [{"protocol": "TCP", "port": 8080}]

# Violates: ingress from 10.0.0.0/8, the range the cluster's pod and node addresses are drawn from,
# admits every other tenant's pods.
case("k8s-np-ingress-10-8", ISOLATION, "DENY", K8S_DOC["netpol"])(isolation(netpol(ingress(cidr("10.0.0.0/8")))))
# Complies: ingress from one public partner range (documentation range 203.0.113.0/24) only.
case("k8s-np-ingress-partner-cidr", ISOLATION, cite=K8S_DOC["netpol"])(
    isolation(netpol(ingress(cidr("203.0.113.0/24"))))
)
# Violates: egress to 10.0.0.0/8 reaches every other tenant's pods.
case("k8s-np-egress-10-8", ISOLATION, "DENY", K8S_DOC["netpol"])(isolation(netpol(egress(cidr("10.0.0.0/8")))))
# Complies: egress to one public range.
case("k8s-np-egress-public-cidr", ISOLATION, cite=K8S_DOC["netpol"])(isolation(netpol(egress(cidr("198.51.100.0/24")))))
# Violates: 0.0.0.0/1 and 128.0.0.0/1 together are the whole internet, private ranges included.
case("k8s-np-egress-split-internet", ISOLATION, "DENY", K8S_DOC["netpol-api"])(
    isolation(netpol(egress(cidr("0.0.0.0/1"), cidr("128.0.0.0/1"))))
)
# Complies: the split internet with the private ranges excepted from each half.
case("k8s-np-egress-split-internet-except-private", ISOLATION, cite=K8S_DOC["netpol-api"])(
    isolation(
        netpol(
            egress(
                cidr("0.0.0.0/1", "10.0.0.0/8", "100.64.0.0/10"),
                cidr("128.0.0.0/1", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16"),
            )
        )
    )
)
# Violates: egress to 0.0.0.0/0 without excepting the private ranges.
case("k8s-np-egress-internet", ISOLATION, "DENY", K8S_DOC["netpol"])(isolation(netpol(egress(cidr("0.0.0.0/0")))))
# Complies: internet egress that excepts the private ranges.
case("k8s-np-egress-internet-except-private", ISOLATION, cite=K8S_DOC["netpol"])(
    isolation(netpol(egress(cidr("0.0.0.0/0", *PRIVATE))))
)
# Violates: an empty namespaceSelector selects all namespaces.
case("k8s-np-ingress-all-namespaces", ISOLATION, "DENY", K8S_DOC["netpol-api"])(
    isolation(netpol(ingress({"namespaceSelector": {}})))
)
# Complies: the namespaceSelector selects the tenant's own namespace by its immutable name label.
case("k8s-np-ingress-own-namespace", ISOLATION, cite=K8S_DOC["netpol-api"])(isolation(netpol(ingress(OWN_NS))))
# Violates: matchExpressions "Exists" on kubernetes.io/metadata.name matches every namespace.
case("k8s-np-ingress-name-exists", ISOLATION, "DENY", K8S_DOC["selectors"])(
    isolation(
        netpol(
            ingress(
                {
                    "namespaceSelector": {
                        "matchExpressions": [{"key": "kubernetes.io/metadata.name", "operator": "Exists"}]
                    }
                }
            )
        )
    )
)
# Complies: matchExpressions "In [acme]" selects the tenant's own namespace only.
case("k8s-np-ingress-name-in-own", ISOLATION, cite=K8S_DOC["selectors"])(
    isolation(
        netpol(
            ingress(
                {
                    "namespaceSelector": {
                        "matchExpressions": [
                            {"key": "kubernetes.io/metadata.name", "operator": "In", "values": ["acme"]}
                        ]
                    }
                }
            )
        )
    )
)
# Violates: "NotIn [kube-system]" selects every other namespace, the neighbours' included.
case("k8s-np-egress-name-notin", ISOLATION, "DENY", K8S_DOC["selectors"])(
    isolation(
        netpol(
            egress(
                {
                    "namespaceSelector": {
                        "matchExpressions": [
                            {"key": "kubernetes.io/metadata.name", "operator": "NotIn", "values": ["kube-system"]}
                        ]
                    }
                }
            )
        ),
        neighbour=True,
    )
)
# Complies: egress to the tenant's own namespace selected with "In".
case("k8s-np-egress-name-in-own", ISOLATION, cite=K8S_DOC["selectors"])(
    isolation(
        netpol(
            egress(
                {
                    "namespaceSelector": {
                        "matchExpressions": [
                            {"key": "kubernetes.io/metadata.name", "operator": "In", "values": ["acme"]}
                        ]
                    }
                }
            )
        ),
        neighbour=True,
    )
)
# Violates: "fleet-tenant Exists" selects every tenant's namespace.
case("k8s-np-ingress-all-tenants", ISOLATION, "DENY", K8S_DOC["selectors"])(
    isolation(
        netpol(ingress({"namespaceSelector": {"matchExpressions": [{"key": "fleet-tenant", "operator": "Exists"}]}})),
        neighbour=True,
    )
)
# Complies: "fleet-tenant In [acme]" selects only the tenant's namespaces.
case("k8s-np-ingress-own-tenant", ISOLATION, cite=K8S_DOC["selectors"])(
    isolation(netpol(ingress({"namespaceSelector": {"matchLabels": {"fleet-tenant": "acme"}}})), neighbour=True)
)
# Violates: an ingress rule with ports but no "from" admits traffic from every source.
case("k8s-np-ingress-ports-only", ISOLATION, "DENY", K8S_DOC["netpol-api"])(isolation(netpol(ingress(ports=WEB))))
# Complies: the rule's source is the pods of the tenant's own namespace.
case("k8s-np-ingress-own-pods", ISOLATION, cite=K8S_DOC["netpol-api"])(
    isolation(netpol(ingress({"podSelector": {}}, ports=WEB)))
)
# Violates: "to: []" (empty) matches all destinations.
case("k8s-np-egress-empty-to", ISOLATION, "DENY", K8S_DOC["netpol-api"])(isolation(netpol(egress(empty_to=True))))
# Complies: egress to the tenant's own pods only.
case("k8s-np-egress-own-pods", ISOLATION, cite=K8S_DOC["netpol-api"])(isolation(netpol(egress({"podSelector": {}}))))
# Violates: namespaceSelector {} with a podSelector still selects those pods in every namespace.
case("k8s-np-ingress-all-namespaces-app", ISOLATION, "DENY", K8S_DOC["netpol-api"])(
    isolation(netpol(ingress({"namespaceSelector": {}, "podSelector": {"matchLabels": {"app": "gateway"}}})))
)
# Complies: the same podSelector restricted to the tenant's own namespace.
case("k8s-np-ingress-own-namespace-app", ISOLATION, cite=K8S_DOC["netpol-api"])(
    isolation(netpol(ingress({**OWN_NS, "podSelector": {"matchLabels": {"app": "gateway"}}})))
)
# Violates: ingress from 0.0.0.0/0.
case("k8s-np-ingress-internet", ISOLATION, "DENY", K8S_DOC["netpol"])(isolation(netpol(ingress(cidr("0.0.0.0/0")))))
# Complies: an allow-all policy in a namespace that belongs to no tenant (the platform's monitoring).
case("k8s-np-allow-all-platform-namespace", ISOLATION, cite=K8S_DOC["netpol"])(
    isolation(netpol(ingress({"namespaceSelector": {}}), ns="monitoring"))
)

# Violates: a ResourceQuota with "hard: {}" limits nothing.
case("k8s-quota-empty-hard", ISOLATION, "DENY", K8S_DOC["quota"])(isolation(quota={}))
# Complies: the quota limits CPU, memory and pods.
case("k8s-quota-limits-resources", ISOLATION, cite=K8S_DOC["quota"])(isolation())
# Violates: a quota scoped to BestEffort pods constrains none of the pods that request resources.
case("k8s-quota-besteffort-scope", ISOLATION, "DENY", K8S_DOC["quota-scopes"])(
    isolation(quota={"pods": "10"}, quota_extra={"scopes": ["BestEffort"]})
)
# Violates: the only quota is in namespace acme-typo; the tenant's namespace has none.
case("k8s-quota-wrong-namespace", ISOLATION, "DENY", K8S_DOC["quota"])(isolation(quota_ns="acme-typo"))
# Violates: a LimitRange without limits gives containers no defaults.
case("k8s-limitrange-empty", ISOLATION, "DENY", K8S_DOC["limitrange"])(isolation(limits=[]))
# Violates: the tenant namespace enforces Pod Security "baseline", not "restricted".
case("k8s-pss-baseline", ISOLATION, "DENY", K8S_DOC["psa"])(isolation(pss="baseline"))
# Violates: the default deny selects only app=web pods, so the tenant's other pods are open.
case("k8s-default-deny-partial", ISOLATION, "DENY", K8S_DOC["netpol"])(
    isolation(deny={"podSelector": {"matchLabels": {"app": "web"}}, "policyTypes": ["Ingress", "Egress"]})
)
# Violates: the default deny covers ingress only; egress stays open to every neighbour.
case("k8s-default-deny-ingress-only", ISOLATION, "DENY", K8S_DOC["netpol"])(
    isolation(deny={"podSelector": {}, "policyTypes": ["Ingress"]})
)


def namespace_patch(labels: dict[str, str]) -> Obj:
    def make(s: Stack, k8s: str) -> str:
        return s.add(
            "kubernetes:core/v1:NamespacePatch", "acme-ns-patch", k8s, metadata={"name": "acme", "labels": labels}
        )

    return make


# Violates: a NamespacePatch (server-side apply) sets the tenant namespace's Pod Security to privileged.
case("k8s-namespace-patch-privileged", ISOLATION, "DENY", K8S_DOC["namespace-patch"])(
    isolation(namespace_patch({"pod-security.kubernetes.io/enforce": "privileged"}))
)
# Complies: the patch adds a cost-centre label and leaves Pod Security alone.
case("k8s-namespace-patch-label", ISOLATION, cite=K8S_DOC["namespace-patch"])(
    isolation(namespace_patch({"example.com/cost-centre": "payments"}))
)


def role_binding(role: tuple[str, str], *subjects: dict[str, Any], ns: str | None = "acme", name: str = "extra") -> Obj:
    def make(s: Stack, k8s: str) -> str:
        metadata: dict[str, Any] = {"name": name}
        if ns is not None:
            metadata["namespace"] = ns
        return s.add(
            "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
            f"{ns}-{name}-rb",
            k8s,
            metadata=metadata,
            roleRef={"apiGroup": "rbac.authorization.k8s.io", "kind": role[0], "name": role[1]},
            subjects=list(subjects),
        )

    return make


def cluster_role_binding(role: str, *subjects: dict[str, Any], name: str = "extra") -> Obj:
    def make(s: Stack, k8s: str) -> str:
        return s.add(
            "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding",
            f"{name}-crb",
            k8s,
            metadata={"name": name},
            roleRef={"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": role},
            subjects=list(subjects),
        )

    return make


def role(name: str, rules: list[dict[str, Any]], ns: str = "acme") -> Obj:
    def make(s: Stack, k8s: str) -> str:
        return s.add(
            "kubernetes:rbac.authorization.k8s.io/v1:Role",
            f"{ns}-{name}-role",
            k8s,
            metadata={"name": name, "namespace": ns},
            rules=rules,
        )

    return make


def cluster_role(name: str, rules: list[dict[str, Any]], labels: dict[str, str] | None = None) -> Obj:
    def make(s: Stack, k8s: str) -> str:
        metadata: dict[str, Any] = {"name": name}
        if labels:
            metadata["labels"] = labels
        return s.add(
            "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole", f"{name}-cr", k8s, metadata=metadata, rules=rules
        )

    return make


def group(name: str) -> dict[str, Any]:
    return {"apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": name}


def service_account(ns: str, name: str) -> dict[str, Any]:
    return {"kind": "ServiceAccount", "namespace": ns, "name": name}


EDIT = ("ClusterRole", "edit")
VIEW = ("ClusterRole", "view")

# Violates: every authenticated user of the cluster (every other tenant) may edit the tenant's namespace.
case("k8s-rb-edit-system-authenticated", ISOLATION, "DENY", K8S_DOC["rbac-subjects"])(
    isolation(role_binding(EDIT, group("system:authenticated")))
)
# Complies: the tenant's own developer group gets edit.
case("k8s-rb-edit-tenant-group", ISOLATION, cite=K8S_DOC["rbac-subjects"])(
    isolation(role_binding(EDIT, group("acme-devs")))
)
# Violates: every service account of every namespace may view the tenant's namespace.
case("k8s-rb-view-all-serviceaccounts", ISOLATION, "DENY", K8S_DOC["rbac-subjects"])(
    isolation(role_binding(VIEW, group("system:serviceaccounts")))
)
# Complies: the service accounts of the tenant's own namespace only.
case("k8s-rb-view-own-serviceaccounts", ISOLATION, cite=K8S_DOC["rbac-subjects"])(
    isolation(role_binding(VIEW, group("system:serviceaccounts:acme")))
)
# Violates: another tenant's service account may edit this tenant's namespace.
case("k8s-rb-edit-neighbour-serviceaccount", ISOLATION, "DENY", K8S_DOC["rbac-subjects"])(
    isolation(role_binding(EDIT, service_account("globex", "deployer")), neighbour=True)
)
# Complies: the tenant's own CI service account.
case("k8s-rb-edit-own-serviceaccount", ISOLATION, cite=K8S_DOC["rbac-subjects"])(
    isolation(role_binding(EDIT, service_account("acme", "deployer")), neighbour=True)
)
# Violates: a ClusterRoleBinding gives the tenant's service accounts view on every namespace.
case("k8s-crb-view-tenant-serviceaccounts", ISOLATION, "DENY", K8S_DOC["rbac-default"])(
    isolation(cluster_role_binding("view", group("system:serviceaccounts:acme")))
)
# Complies: the platform's on-call group (no tenant's) gets cluster-wide view.
case("k8s-crb-view-platform-group", ISOLATION, cite=K8S_DOC["rbac-default"])(
    isolation(cluster_role_binding("view", group("platform-oncall")))
)
# Violates: every authenticated user, every tenant among them, gets cluster-wide view.
case("k8s-crb-view-system-authenticated", ISOLATION, "DENY", K8S_DOC["rbac-good"])(
    isolation(cluster_role_binding("view", group("system:authenticated")))
)

WILDCARD = [{"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}]
READ_CONFIG = [{"apiGroups": [""], "resources": ["configmaps"], "verbs": ["get", "list", "watch"]}]

# Violates: a wildcard Role bound to the tenant's developers equals cluster-admin inside the namespace
# (they can delete its quota and network policies).
case("k8s-role-wildcard-bound", ISOLATION, "DENY", K8S_DOC["rbac-good"])(
    isolation(role("everything", WILDCARD), role_binding(("Role", "everything"), group("acme-devs")))
)
# Complies: a Role that reads ConfigMaps.
case("k8s-role-read-configmaps-bound", ISOLATION, cite=K8S_DOC["rbac"])(
    isolation(role("config-reader", READ_CONFIG), role_binding(("Role", "config-reader"), group("acme-devs")))
)
# Violates: the tenant's developers may update and delete the namespace's ResourceQuota.
case("k8s-role-edit-quota-bound", ISOLATION, "DENY", K8S_DOC["quota"])(
    isolation(
        role(
            "quota-admin",
            [{"apiGroups": [""], "resources": ["resourcequotas"], "verbs": ["get", "update", "patch", "delete"]}],
        ),
        role_binding(("Role", "quota-admin"), group("acme-devs")),
    )
)
# Complies: they may only read it.
case("k8s-role-read-quota-bound", ISOLATION, cite=K8S_DOC["quota"])(
    isolation(
        role("quota-reader", [{"apiGroups": [""], "resources": ["resourcequotas"], "verbs": ["get", "list"]}]),
        role_binding(("Role", "quota-reader"), group("acme-devs")),
    )
)
# Violates: the tenant may delete and rewrite its NetworkPolicies, the default deny included.
case("k8s-role-edit-netpol-bound", ISOLATION, "DENY", K8S_DOC["netpol"])(
    isolation(
        role(
            "netpol-admin",
            [
                {
                    "apiGroups": ["networking.k8s.io"],
                    "resources": ["networkpolicies"],
                    "verbs": ["create", "update", "patch", "delete"],
                }
            ],
        ),
        role_binding(("Role", "netpol-admin"), group("acme-devs")),
    )
)
# Violates: "bind" on the cluster-admin ClusterRole lets the tenant grant itself cluster-admin in its namespace.
case("k8s-role-bind-cluster-admin", ISOLATION, "DENY", K8S_DOC["escalation"])(
    isolation(
        role(
            "binder",
            [
                {
                    "apiGroups": ["rbac.authorization.k8s.io"],
                    "resources": ["clusterroles"],
                    "verbs": ["bind"],
                    "resourceNames": ["cluster-admin"],
                },
                {"apiGroups": ["rbac.authorization.k8s.io"], "resources": ["rolebindings"], "verbs": ["create"]},
            ],
        ),
        role_binding(("Role", "binder"), group("acme-devs")),
    )
)
# Complies: the tenant may create RoleBindings, but holds no "bind" or "escalate" on any role.
case("k8s-role-create-rolebindings", ISOLATION, cite=K8S_DOC["escalation"])(
    isolation(
        role(
            "binder", [{"apiGroups": ["rbac.authorization.k8s.io"], "resources": ["rolebindings"], "verbs": ["create"]}]
        ),
        role_binding(("Role", "binder"), group("acme-devs")),
    )
)

ADMIN_AGG = {"rbac.authorization.k8s.io/aggregate-to-admin": "true"}
EDIT_AGG = {"rbac.authorization.k8s.io/aggregate-to-edit": "true"}
VIEW_AGG = {"rbac.authorization.k8s.io/aggregate-to-view": "true"}
WIDGETS = [{"apiGroups": ["example.com"], "resources": ["widgets"], "verbs": ["get", "list", "watch"]}]

# Violates: aggregated into admin, this ClusterRole gives every tenant admin the right to change quotas.
case("k8s-aggregate-admin-quota", ISOLATION, "DENY", K8S_DOC["aggregation"])(
    isolation(
        cluster_role(
            "quota-editor",
            [
                {
                    "apiGroups": [""],
                    "resources": ["resourcequotas", "limitranges"],
                    "verbs": ["update", "patch", "delete"],
                }
            ],
            ADMIN_AGG,
        )
    )
)
# Complies: aggregated into view, it adds read access to a custom resource.
case("k8s-aggregate-view-widgets", ISOLATION, cite=K8S_DOC["aggregation"])(
    isolation(cluster_role("widget-viewer", WIDGETS, VIEW_AGG))
)
# Violates: aggregated into edit, a wildcard rule gives every tenant editor every verb on everything.
case("k8s-aggregate-edit-wildcard", ISOLATION, "DENY", K8S_DOC["aggregation"])(
    isolation(cluster_role("everything", WILDCARD, EDIT_AGG))
)
# Violates: a copy of cluster-admin under another name, bound in the tenant's namespace.
case("k8s-rb-cluster-admin-copy", ISOLATION, "DENY", K8S_DOC["rbac-default"])(
    isolation(
        cluster_role("superuser", [*WILDCARD, {"nonResourceURLs": ["*"], "verbs": ["*"]}]),
        role_binding(("ClusterRole", "superuser"), group("acme-admins")),
    )
)
# Complies: a narrow ClusterRole bound in the tenant's namespace.
case("k8s-rb-widget-reader", ISOLATION, cite=K8S_DOC["rbac"])(
    isolation(
        cluster_role("widget-reader", WIDGETS), role_binding(("ClusterRole", "widget-reader"), group("acme-admins"))
    )
)
# Violates: cluster-admin bound in the tenant's namespace.
case("k8s-rb-cluster-admin", ISOLATION, "DENY", K8S_DOC["rbac-default"])(
    isolation(role_binding(("ClusterRole", "cluster-admin"), group("acme-admins")))
)


def webhook(kind: str, resources: list[str], namespace_selector: dict[str, Any] | None) -> Obj:
    def make(s: Stack, k8s: str) -> str:
        hook: dict[str, Any] = {
            "name": f"{kind.lower()}.acme.example.com",
            "admissionReviewVersions": ["v1"],
            "sideEffects": "None",
            "failurePolicy": "Fail",
            "clientConfig": {"service": {"namespace": "acme", "name": "acme-hooks", "path": "/hook"}},
            "rules": [
                {"operations": ["CREATE", "UPDATE"], "apiGroups": [""], "apiVersions": ["v1"], "resources": resources}
            ],
        }
        if namespace_selector is not None:
            hook["namespaceSelector"] = namespace_selector
        return s.add(
            f"kubernetes:admissionregistration.k8s.io/v1:{kind}WebhookConfiguration",
            f"acme-{kind.lower()}",
            k8s,
            metadata={"name": f"acme-{kind.lower()}", "labels": {"fleet-tenant": "acme"}},
            webhooks=[hook],
        )

    return make


OWN_ONLY = {"matchLabels": {"kubernetes.io/metadata.name": "acme"}}

# Violates: the tenant's mutating webhook sees and rewrites every pod of every namespace.
case("k8s-mutating-webhook-all-namespaces", ISOLATION, "DENY", K8S_DOC["webhooks"])(
    isolation(webhook("Mutating", ["pods"], None), neighbour=True)
)
# Complies: the webhook is limited to the tenant's own namespace.
case("k8s-mutating-webhook-own-namespace", ISOLATION, cite=K8S_DOC["webhooks"])(
    isolation(webhook("Mutating", ["pods"], OWN_ONLY), neighbour=True)
)
# Violates: the tenant's validating webhook receives every Secret written in the cluster, and can refuse them.
case("k8s-validating-webhook-secrets", ISOLATION, "DENY", K8S_DOC["webhooks"])(
    isolation(webhook("Validating", ["secrets"], {}), neighbour=True)
)
# Complies: limited to the tenant's own namespace.
case("k8s-validating-webhook-own-secrets", ISOLATION, cite=K8S_DOC["webhooks"])(
    isolation(webhook("Validating", ["secrets"], OWN_ONLY), neighbour=True)
)


def service(external_ips: list[str] | None) -> Obj:
    def make(s: Stack, k8s: str) -> str:
        spec: dict[str, Any] = {
            "type": "ClusterIP",
            "selector": {"app": "web"},
            "ports": [{"port": 443, "targetPort": 8443}],
        }
        if external_ips is not None:
            spec["externalIPs"] = external_ips
        return s.add(
            "kubernetes:core/v1:Service", "acme-web-svc", k8s, metadata={"name": "web", "namespace": "acme"}, spec=spec
        )

    return make


# Violates: externalIPs lets a tenant intercept traffic of other tenants to that address (CVE-2020-8554).
case("k8s-service-external-ips", ISOLATION, "DENY", K8S_DOC["cve-2020-8554"])(isolation(service(["203.0.113.10"])))
# Complies: an ordinary ClusterIP Service.
case("k8s-service-cluster-ip", ISOLATION, cite=K8S_DOC["external-ips"])(isolation(service(None)))


# ============================================================================ Kubernetes providers


def second_provider(s: Stack, *, namespace: str | None = None, parented: bool = False, component: str = "") -> str:
    inputs: dict[str, Any] = {"kubeconfig": secret('{"apiVersion": "v1"}')}
    if namespace is not None:
        inputs["namespace"] = namespace
    name = f"eu1-k8s-{namespace or 'ops'}"
    return s.provider("kubernetes", name, parent=component if parented else None, **inputs)


def through_second_provider(obj_spec: dict[str, Any], hand_written: bool) -> Build:
    def build(s: Stack) -> None:
        _, k8s = cluster(s)
        tenant(s, k8s, "acme")
        other = second_provider(s) if hand_written else k8s
        netpol(obj_spec)(s, other)

    return build


# Violates: a hand-written provider (same kubeconfig, not the cluster component's) puts an allow-all
# policy into the GDPR tenant's namespace: it reopens the namespace and its cluster cannot be traced.
case("k8s-second-provider-allow-all", PROVIDERS, "DENY", K8S_DOC["provider"])(
    through_second_provider(ingress({"namespaceSelector": {}}), True)
)
# Violates: even a narrow policy of the GDPR tenant's namespace through a provider no fleet cluster owns
# cannot be shown to run on an EU cluster.
case("k8s-second-provider-narrow", PROVIDERS, "DENY", K8S_DOC["provider"])(
    through_second_provider(ingress(OWN_NS), True)
)
# Complies: the narrow policy through the cluster's own provider.
case("k8s-own-provider-narrow", PROVIDERS, cite=K8S_DOC["provider"])(through_second_provider(ingress(OWN_NS), False))


def default_namespace(namespace: str, obj: Callable[[str | None], Obj]) -> Build:
    def build(s: Stack) -> None:
        component, k8s = cluster(s)
        tenant(s, k8s, "acme")
        scoped = second_provider(s, namespace=namespace, parented=True, component=component)
        obj(None)(s, scoped)

    return build


def admin_binding(ns: str | None) -> Obj:
    return role_binding(("ClusterRole", "cluster-admin"), group("platform-oncall"), ns=ns, name="oncall")


def open_policy(ns: str | None) -> Obj:
    return netpol(ingress({"namespaceSelector": {}}), ns=ns, name="open")


# Violates: the RoleBinding names no namespace; the provider's default namespace puts cluster-admin into acme.
case("k8s-provider-default-namespace-admin", PROVIDERS, "DENY", K8S_DOC["provider"])(
    default_namespace("acme", admin_binding)
)
# Complies: the same binding lands in the platform's namespace.
case("k8s-provider-default-namespace-admin-platform", PROVIDERS, cite=K8S_DOC["provider"])(
    default_namespace("platform", admin_binding)
)
# Violates: an allow-all policy without a namespace lands, through the provider's default, in acme.
case("k8s-provider-default-namespace-open", PROVIDERS, "DENY", K8S_DOC["provider"])(
    default_namespace("acme", open_policy)
)
# Complies: it lands in the platform's namespace.
case("k8s-provider-default-namespace-open-platform", PROVIDERS, cite=K8S_DOC["provider"])(
    default_namespace("platform", open_policy)
)


def quota_on(other_cluster: bool) -> Build:
    def build(s: Stack) -> None:
        _, k8s = cluster(s)
        _, k8s2 = cluster(s, "eu2", "aws", "eu-west-1")
        tenant(s, k8s, "acme", without=("quota",))
        s.add(
            "kubernetes:core/v1:ResourceQuota",
            "acme-quota",
            k8s2 if other_cluster else k8s,
            metadata={"name": "tenant-quota", "namespace": "acme"},
            spec={"hard": QUOTA},
        )

    return build


# Violates: the tenant's quota is created on another cluster (eu2); on its own cluster it has none.
case("k8s-quota-on-other-cluster", PROVIDERS, "DENY", K8S_DOC["quota"])(quota_on(True))
# Complies: the quota is created on the tenant's cluster.
case("k8s-quota-on-own-cluster", PROVIDERS, cite=K8S_DOC["quota"])(quota_on(False))


# ============================================================================ cloud guardrails
# A regulated cluster's account, project or subscription must be covered by the cloud's own location
# guardrail; a guardrail that is weakened does not count.

GRD_DOC = {
    "scp-region": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html",
    "condition-case": "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html",
    "principal-arn": "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn",
    "policy-types": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies.html",
    "gcp-locations": "https://cloud.google.com/resource-manager/docs/organization-policy/defining-locations",
    "gcp-v1": "https://cloud.google.com/resource-manager/docs/organization-policy/creating-managing-policies",
    "gcp-dry-run": "https://cloud.google.com/resource-manager/docs/organization-policy/dry-run-policy",
    "az-exemption": "https://learn.microsoft.com/en-us/azure/governance/policy/concepts/exemption-structure",
    "az-assignment": "https://learn.microsoft.com/en-us/azure/governance/policy/concepts/assignment-structure",
}

GDPR_AWS = ["eu-central-1", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-3"]
GLOBAL_SERVICES = [
    "a4b:*",
    "acm:*",
    "aws-marketplace-management:*",
    "aws-marketplace:*",
    "aws-portal:*",
    "budgets:*",
    "ce:*",
    "chime:*",
    "cloudfront:*",
    "config:*",
    "cur:*",
    "directconnect:*",
    "ec2:DescribeRegions",
    "ec2:DescribeTransitGateways",
    "ec2:DescribeVpnGateways",
    "fms:*",
    "globalaccelerator:*",
    "health:*",
    "iam:*",
    "importexport:*",
    "kms:*",
    "mobileanalytics:*",
    "networkmanager:*",
    "organizations:*",
    "pricing:*",
    "route53:*",
    "route53domains:*",
    "route53-recovery-cluster:*",
    "route53-recovery-control-config:*",
    "route53-recovery-readiness:*",
    "s3:GetAccountPublic*",
    "s3:ListAllMyBuckets",
    "s3:ListMultiRegionAccessPoints",
    "s3:PutAccountPublic*",
    "shield:*",
    "sts:*",
    "support:*",
    "trustedadvisor:*",
    "waf-regional:*",
    "waf:*",
    "wafv2:*",
    "wellarchitected:*",
]


def scp(regions: list[str] = GDPR_AWS, key: str = "aws:RequestedRegion", extra: dict[str, Any] | None = None) -> str:
    """The documented region-deny SCP ("Deny access to AWS based on the requested AWS Region")."""
    condition: dict[str, Any] = {"StringNotEquals": {key: regions}, **(extra or {})}
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "DenyOutsideEEA",
                    "Effect": "Deny",
                    "NotAction": GLOBAL_SERVICES,
                    "Resource": "*",
                    "Condition": condition,
                }
            ],
        }
    )


def eks_guarded(content: str | None = None, policy_type: str = "SERVICE_CONTROL_POLICY") -> Build:
    """A GDPR EKS cluster in account 111111111111 (private endpoint, Secrets encryption, audit logs), and an
    SCP attached to that account, written by hand."""

    def build(s: Stack) -> None:
        component = s.add(
            "fleet:clusters:EksCluster", "eu1", clusterName="eu1", cloud="aws", region="eu-west-1", country="IE"
        )
        prov = s.provider("aws", "eu1-aws", parent=component, region="eu-west-1", allowedAccountIds=[ACCOUNT])
        put(
            s,
            "aws:eks/cluster:Cluster",
            "eu1-eks",
            prov,
            under=component,
            name="eu1",
            version="1.33",
            roleArn=f"arn:aws:iam::{ACCOUNT}:role/eu1-cluster",
            tags=GDPR,
            vpcConfig={
                "subnetIds": ["subnet-0a1b2c3d4e5f60718", "subnet-0b1c2d3e4f5a60719"],
                "endpointPrivateAccess": True,
                "endpointPublicAccess": False,
            },
            encryptionConfig={
                "provider": {"keyArn": f"arn:aws:kms:eu-west-1:{ACCOUNT}:key/1f2e3d4c-5b6a-7980-a1b2-c3d4e5f60718"},
                "resources": ["secrets"],
            },
            enabledClusterLogTypes=["api", "audit", "authenticator", "controllerManager", "scheduler"],
            accessConfig={"authenticationMode": "API"},
        )
        k8s = s.provider("kubernetes", "eu1-k8s", parent=component, kubeconfig=secret('{"apiVersion": "v1"}'))
        tenant(s, k8s, "acme")
        org = s.provider(
            "aws",
            "org",
            region="us-east-1",
            allowedAccountIds=["999999999999"],
            assumeRoles=[{"roleArn": "arn:aws:iam::999999999999:role/fleet-guardrails"}],
        )
        policy = put(
            s,
            "aws:organizations/policy:Policy",
            "eea-scp",
            org,
            name="eea-only",
            type=policy_type,
            content=scp() if content is None else content,
            tags=NONE,
            known={"id": "p-eea0only1"},
        )
        put(
            s,
            "aws:organizations/policyAttachment:PolicyAttachment",
            "eea-scp-attachment",
            org,
            deps=[policy],
            policyId="p-eea0only1",
            targetId=ACCOUNT,
        )

    return build


# Complies: the documented region-deny SCP for the EEA regions, attached to the cluster's account.
case("grd-aws-scp", GUARDRAILS, cite=GRD_DOC["scp-region"])(eks_guarded())
# Violates: the deny exempts every role in every account (ArnNotLike arn:aws:iam::*:role/*), i.e. almost
# every principal that makes requests.
case("grd-aws-scp-exempts-all-roles", GUARDRAILS, "DENY", GRD_DOC["principal-arn"])(
    eks_guarded(scp(extra={"ArnNotLike": {"aws:PrincipalARN": ["arn:aws:iam::*:role/*"]}}))
)
# Complies: the deny exempts one break-glass role only.
case("grd-aws-scp-exempts-break-glass", GUARDRAILS, cite=GRD_DOC["principal-arn"])(
    eks_guarded(scp(extra={"ArnNotLike": {"aws:PrincipalARN": ["arn:aws:iam::*:role/fleet-break-glass"]}}))
)
# Violates: the same all-roles exemption, written with the condition key in another case.
case("grd-aws-scp-exempts-all-roles-key-case", GUARDRAILS, "DENY", GRD_DOC["condition-case"])(
    eks_guarded(scp(extra={"ArnNotLike": {"AWS:PrincipalArn": ["arn:aws:iam::*:role/*"]}}))
)
# Complies: condition key names are case-insensitive; "aws:requestedregion" is aws:RequestedRegion.
case("grd-aws-scp-key-lowercase", GUARDRAILS, cite=GRD_DOC["condition-case"])(
    eks_guarded(scp(key="aws:requestedregion"))
)
# Violates: the allowed regions include eu-central-2 (Zurich), outside the EEA.
case("grd-aws-scp-allows-zurich", GUARDRAILS, "DENY", GRD_DOC["scp-region"])(
    eks_guarded(scp([*GDPR_AWS, "eu-central-2"]))
)
# Violates: the same document as a tag policy denies nothing.
case("grd-aws-tag-policy", GUARDRAILS, "DENY", GRD_DOC["policy-types"])(eks_guarded(policy_type="TAG_POLICY"))


def gke_guarded(*guardrails: Callable[[Stack, str], Any]) -> Build:
    def build(s: Stack) -> None:
        component = s.add(
            "fleet:clusters:GkeCluster", "eu1", clusterName="eu1", cloud="gcp", region="europe-west3", country="DE"
        )
        prov = s.provider("gcp", "eu1-gcp", parent=component, project=PROJECT, region="europe-west3")
        put(
            s,
            "gcp:container/cluster:Cluster",
            "eu1-gke",
            prov,
            under=component,
            name="eu1",
            project=PROJECT,
            location="europe-west3",
            resourceLabels=GDPR,
            initialNodeCount=1,
            removeDefaultNodePool=True,
            privateClusterConfig={
                "enablePrivateNodes": True,
                "enablePrivateEndpoint": True,
                "masterIpv4CidrBlock": "172.16.0.0/28",
            },
            masterAuthorizedNetworksConfig={"cidrBlocks": [{"cidrBlock": "10.20.0.0/16", "displayName": "deployers"}]},
            databaseEncryption={
                "state": "ENCRYPTED",
                "keyName": f"projects/{PROJECT}/locations/europe-west3/keyRings/eu1/cryptoKeys/etcd",
            },
            loggingConfig={"enableComponents": ["SYSTEM_COMPONENTS", "APISERVER", "CONTROLLER_MANAGER", "SCHEDULER"]},
        )
        k8s = s.provider("kubernetes", "eu1-k8s", parent=component, kubeconfig=secret('{"apiVersion": "v1"}'))
        tenant(s, k8s, "acme")
        org = s.provider("gcp", "org", project=PROJECT)
        for make in guardrails:
            make(s, org)

    return build


EEA_VALUES = ["in:europe-west3-locations", "in:europe-west4-locations"]


def org_policy(spec_key: str = "spec", **spec: Any) -> Callable[[Stack, str], str]:
    body = {"inheritFromParent": False, "rules": [{"values": {"allowedValues": EEA_VALUES}}], **spec}

    def make(s: Stack, org: str) -> str:
        return put(
            s,
            "gcp:orgpolicy/policy:Policy",
            "locations",
            org,
            name=f"projects/{PROJECT}/policies/gcp.resourceLocations",
            parent=f"projects/{PROJECT}",
            **{spec_key: body},
        )

    return make


def legacy_policy(constraint: str = "constraints/gcp.resourceLocations", **policy: Any) -> Callable[[Stack, str], str]:
    def make(s: Stack, org: str) -> str:
        return put(
            s,
            "gcp:projects/organizationPolicy:OrganizationPolicy",
            f"legacy-{constraint.split('/')[-1]}",
            org,
            project=PROJECT,
            constraint=constraint,
            **policy,
        )

    return make


# Complies: gcp.resourceLocations on the cluster's project allows only Frankfurt and the Netherlands.
case("grd-gcp-org-policy", GUARDRAILS, cite=GRD_DOC["gcp-locations"])(gke_guarded(org_policy()))
# Violates: a legacy (v1) organization policy resource on the same project and constraint allows all
# values; both write the one policy of the project, so the guardrail may end up allowing everything.
case("grd-gcp-legacy-allow-all-overrides", GUARDRAILS, "DENY", GRD_DOC["gcp-v1"])(
    gke_guarded(org_policy(), legacy_policy(listPolicy={"allow": {"all": True}}))
)
# Complies: the legacy resource sets another constraint.
case("grd-gcp-legacy-other-constraint", GUARDRAILS, cite=GRD_DOC["gcp-v1"])(
    gke_guarded(
        org_policy(), legacy_policy("constraints/compute.vmExternalIpAccess", listPolicy={"deny": {"all": True}})
    )
)
# Complies: the guardrail is written with the legacy (v1) resource, allowing the EEA value groups only.
case("grd-gcp-legacy-only", GUARDRAILS, cite=GRD_DOC["gcp-v1"])(
    gke_guarded(legacy_policy(listPolicy={"inheritFromParent": False, "allow": {"values": EEA_VALUES}}))
)
# Violates: the only guardrail is a legacy policy restored to the constraint's default (allow all).
case("grd-gcp-legacy-restore-default", GUARDRAILS, "DENY", GRD_DOC["gcp-v1"])(
    gke_guarded(legacy_policy(restorePolicy={"default": True}))
)
# Violates: the policy exists only as a dry-run spec, which enforces nothing.
case("grd-gcp-dry-run-only", GUARDRAILS, "DENY", GRD_DOC["gcp-dry-run"])(gke_guarded(org_policy("dryRunSpec")))


GDPR_AZURE = ["westeurope", "northeurope", "germanywestcentral", "swedencentral", "francecentral"]
ALLOWED_LOCATIONS = "/providers/Microsoft.Authorization/policyDefinitions/e56962a6-4747-49cd-b67b-bf8b01975c4c"
ALLOWED_RG_LOCATIONS = "/providers/Microsoft.Authorization/policyDefinitions/e765b5de-1225-4ba3-bd56-1ac6695af988"


def aks_guarded(enforcement: str = "Default", exemption: str | None = None) -> Build:
    def build(s: Stack) -> None:
        component = s.add(
            "fleet:clusters:AksCluster", "eu1", clusterName="eu1", cloud="azure", region="westeurope", country="NL"
        )
        prov = s.provider("azure-native", "eu1-azure", parent=component, location="westeurope", subscriptionId=SUB)
        rg = f"/subscriptions/{SUB}/resourceGroups/fleet-eu1/providers"
        aks = put(
            s,
            "azure-native:containerservice:ManagedCluster",
            "eu1-aks",
            prov,
            under=component,
            resourceGroupName="fleet-eu1",
            resourceName="eu1",
            location="westeurope",
            tags=GDPR,
            dnsPrefix="eu1",
            disableLocalAccounts=True,
            aadProfile={"managed": True, "enableAzureRBAC": True},
            apiServerAccessProfile={"enablePrivateCluster": True},
            securityProfile={
                "azureKeyVaultKms": {
                    "enabled": True,
                    "keyVaultNetworkAccess": "Private",
                    "keyId": "https://eu1-kms.vault.azure.net/keys/etcd/0123456789abcdef",
                    "keyVaultResourceId": f"{rg}/Microsoft.KeyVault/vaults/eu1-kms",
                }
            },
            agentPoolProfiles=[{"name": "system", "mode": "System", "count": 3, "vmSize": "Standard_D4s_v5"}],
            known={"id": f"{rg}/Microsoft.ContainerService/managedClusters/eu1"},
        )
        law = put(
            s,
            "azure-native:operationalinsights:Workspace",
            "eu1-law",
            prov,
            under=component,
            resourceGroupName="fleet-eu1",
            workspaceName="eu1-audit",
            location="westeurope",
            tags=GDPR,
            sku={"name": "PerGB2018"},
            retentionInDays=365,
            known={"id": f"{rg}/Microsoft.OperationalInsights/workspaces/eu1-audit"},
        )
        put(
            s,
            "azure-native:monitor:DiagnosticSetting",
            "eu1-audit",
            prov,
            under=component,
            deps=[aks, law],
            name="audit",
            resourceUri=f"{rg}/Microsoft.ContainerService/managedClusters/eu1",
            workspaceId=f"{rg}/Microsoft.OperationalInsights/workspaces/eu1-audit",
            logs=[{"category": "kube-audit", "enabled": True}, {"category": "kube-apiserver", "enabled": True}],
        )
        k8s = s.provider("kubernetes", "eu1-k8s", parent=component, kubeconfig=secret('{"apiVersion": "v1"}'))
        tenant(s, k8s, "acme")
        policy = s.provider("azure-native", "policy", subscriptionId=SUB)
        scope = f"/subscriptions/{SUB}"
        for suffix, definition in (("locations", ALLOWED_LOCATIONS), ("rg-locations", ALLOWED_RG_LOCATIONS)):
            put(
                s,
                "azure-native:authorization:PolicyAssignment",
                f"eea-{suffix}",
                policy,
                scope=scope,
                policyAssignmentName=f"eea-{suffix}",
                policyDefinitionId=definition,
                enforcementMode=enforcement,
                parameters={"listOfAllowedLocations": {"value": GDPR_AZURE}},
                known={"id": f"{scope}/providers/Microsoft.Authorization/policyAssignments/eea-{suffix}"},
            )
        if exemption is not None:
            put(
                s,
                "azure-native:authorization:PolicyExemption",
                "waiver",
                policy,
                scope=scope,
                policyExemptionName="migration-waiver",
                exemptionCategory="Waiver",
                policyAssignmentId=f"{scope}/providers/Microsoft.Authorization/policyAssignments/{exemption}",
            )

    return build


# Complies: "Allowed locations" (and the resource-group variant) on the cluster's subscription, enforced.
case("grd-azure-allowed-locations", GUARDRAILS, cite=GRD_DOC["az-assignment"])(aks_guarded())
# Violates: a policy exemption (Waiver) of the allowed-locations assignment on the whole subscription.
case("grd-azure-exemption-of-locations", GUARDRAILS, "DENY", GRD_DOC["az-exemption"])(
    aks_guarded(exemption="eea-locations")
)
# Complies: the exemption waives an unrelated assignment.
case("grd-azure-exemption-of-other-policy", GUARDRAILS, cite=GRD_DOC["az-exemption"])(
    aks_guarded(exemption="require-cost-centre-tag")
)
# Violates: the assignments are not enforced (DoNotEnforce).
case("grd-azure-do-not-enforce", GUARDRAILS, "DENY", GRD_DOC["az-assignment"])(aks_guarded("DoNotEnforce"))


# ============================================================================ unknown at preview
# UNKNOWN is a value the engine only learns at the update. When the decision does not need it, the
# outcome is as if it were known; when the deciding value is the unknown one, a correct pack defers.

PRE_DOC = {
    "unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
    "policy-preview": "https://www.pulumi.com/docs/iac/using-pulumi/crossguard/best-practices/",
}


def copy_source_unknown(s: Stack) -> None:
    eu = aws(s)
    put(
        s, "aws:ebs/volume:Volume", "ledger-vol", eu, availabilityZone="eu-west-1a", size=100, encrypted=True, tags=GDPR
    )
    put(
        s,
        "aws:ebs/snapshotCopy:SnapshotCopy",
        "copy",
        aws(s, "us-east-1"),
        sourceSnapshotId=UNKNOWN,
        sourceRegion="eu-west-1",
        encrypted=True,
    )


def replica_source_unknown(tags: dict[str, str] | None) -> Build:
    def build(s: Stack) -> None:
        rds_instance(s, aws(s))
        inputs: dict[str, Any] = {
            "identifier": "reporting",
            "instanceClass": "db.r6g.large",
            "replicateSourceDb": UNKNOWN,
            "skipFinalSnapshot": True,
        }
        if tags is not None:
            inputs["tags"] = tags
        put(s, "aws:rds/instance:Instance", "reporting", aws(s, "us-east-1"), **inputs)

    return build


def diagnostic_unknown(workspace_id: str, **extra: Any) -> Build:
    def build(s: Stack) -> None:
        diagnostic("eastus")(s)
        setting = _find(s, s.urn("azure-native:monitor:DiagnosticSetting", "ledger-kv-audit"))
        setting.inputs = {**setting.inputs, "workspaceId": workspace_id, **extra}

    return build


def kubeconfig_unknown(spec: dict[str, Any]) -> Build:
    def build(s: Stack) -> None:
        component = s.add(
            "fleet:clusters:EksCluster", "eu1", clusterName="eu1", cloud="aws", region="eu-west-1", country="IE"
        )
        s.provider("aws", "eu1-aws", parent=component, region="eu-west-1")
        k8s = s.provider("kubernetes", "eu1-k8s", parent=component, kubeconfig=secret(UNKNOWN))
        tenant(s, k8s, "acme")
        netpol(spec)(s, k8s)

    return build


def only(make: Callable[[Stack], Any]) -> Build:
    """A builder from a helper that returns the URN it made."""

    def build(s: Stack) -> None:
        make(s)

    return build


def lone(type_: str, name: str, provider: Callable[[Stack], str], **inputs: Any) -> Build:
    """One resource beside a GDPR table (so the stack holds regulated data)."""

    def build(s: Stack) -> None:
        ddb_table(s, aws(s))
        put(s, type_, name, provider(s), **inputs)

    return build


# Defers: the destination bucket of the GDPR bucket's replication is unknown (created in this update).
case("pre-s3-replication-destination-unknown", PREVIEW, cite=PRE_DOC["unknowns"])(s3_replication(None, bucket=UNKNOWN))
# Violates: the destination (N. Virginia) is known; only its KMS key is unknown, which does not matter.
case("pre-s3-replication-us-kms-unknown", PREVIEW, "DENY", AWS_DOC["s3-replication"])(
    s3_replication("us-east-1", encryptionConfiguration={"replicaKmsKeyId": UNKNOWN})
)
# Violates: the copy of the GDPR snapshot is in N. Virginia; its unknown KMS key does not matter.
case("pre-ebs-copy-us-kms-unknown", PREVIEW, "DENY", AWS_DOC["ebs"])(ebs_copy("us-east-1", kmsKeyId=UNKNOWN))
# Defers: an untagged copy whose source snapshot is unknown; whether it holds regulated data is unknown.
case("pre-ebs-copy-source-unknown", PREVIEW, cite=PRE_DOC["unknowns"])(copy_source_unknown)
# Defers: an untagged replica in N. Virginia of an unknown source database.
case("pre-rds-replica-source-unknown", PREVIEW, cite=AWS_DOC["read-replica"])(replica_source_unknown(None))
# Violates: the replica itself is tagged GDPR and is in N. Virginia; its unknown source does not matter.
case("pre-rds-replica-tagged-source-unknown", PREVIEW, "DENY", AWS_DOC["read-replica"])(replica_source_unknown(GDPR))


def gcs_unknown(location: str, labels: Any) -> Build:
    def build(s: Stack) -> None:
        put(
            s,
            "gcp:storage/bucket:Bucket",
            "ledger-files",
            gcp(s),
            name="ledger-files",
            location=location,
            labels=labels,
        )

    return build


# Defers: the GDPR bucket's location comes from another resource's output.
case("pre-gcs-location-unknown", PREVIEW, cite=GCP_DOC["gcs-locations"])(gcs_unknown(UNKNOWN, GDPR))
# Defers: the bucket is in the US but its labels (its regime) are unknown.
case("pre-gcs-labels-unknown", PREVIEW, cite=GCP_DOC["gcs-locations"])(gcs_unknown("US", UNKNOWN))
# Defers: the GDPR vault's audit logs go to a workspace whose ID is unknown.
case("pre-diagnostic-workspace-unknown", PREVIEW, cite=AZ_DOC["diagnostic"])(diagnostic_unknown(UNKNOWN))
# Violates: the workspace (East US) is known; the unknown destination table type does not matter.
case("pre-diagnostic-us-destination-type-unknown", PREVIEW, "DENY", AZ_DOC["diagnostic"])(
    diagnostic_unknown(f"{RG}/Microsoft.OperationalInsights/workspaces/central", logAnalyticsDestinationType=UNKNOWN)
)
# Defers: the allowed CIDR of a tenant's policy is unknown.
case("pre-np-cidr-unknown", PREVIEW, cite=K8S_DOC["netpol"])(isolation(netpol(ingress({"ipBlock": {"cidr": UNKNOWN}}))))
# Violates: every namespace is admitted; only the port is unknown.
case("pre-np-all-namespaces-port-unknown", PREVIEW, "DENY", K8S_DOC["netpol-api"])(
    isolation(netpol(ingress({"namespaceSelector": {}}, ports=[{"protocol": "TCP", "port": UNKNOWN}])))
)
# Violates: cluster-admin in the tenant's namespace, whoever the (unknown) subject is.
case("pre-rb-cluster-admin-subject-unknown", PREVIEW, "DENY", K8S_DOC["rbac-default"])(
    isolation(role_binding(("ClusterRole", "cluster-admin"), group(UNKNOWN)))
)


def binding_in_unknown_namespace(s: Stack, k8s: str) -> str:
    return s.add(
        "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
        "generated-rb",
        k8s,
        metadata={"name": "oncall", "namespace": UNKNOWN},
        roleRef={"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "cluster-admin"},
        subjects=[group("platform-oncall")],
    )


# Defers: cluster-admin for the platform's on-call in a namespace whose name is unknown (generated).
case("pre-rb-cluster-admin-namespace-unknown", PREVIEW, cite=K8S_DOC["rbac-default"])(
    isolation(binding_in_unknown_namespace)
)
# Defers: the ACK region annotation of the GDPR tenant's bucket is unknown.
case("pre-ack-region-unknown", PREVIEW, cite=OP_DOC["ack"])(operator(ack_bucket(UNKNOWN)))


def kcc_bucket_unknown_name(s: Stack, k8s: str) -> str:
    return s.add(
        "kubernetes:storage.cnrm.cloud.google.com/v1beta1:StorageBucket",
        "acme-files",
        k8s,
        apiVersion="storage.cnrm.cloud.google.com/v1beta1",
        kind="StorageBucket",
        metadata={"name": UNKNOWN, "namespace": "acme"},
        spec={"location": "US"},
    )


# Violates: the Config Connector bucket is in the US; only its (generated) name is unknown.
case("pre-kcc-bucket-us-name-unknown", PREVIEW, "DENY", OP_DOC["kcc-bucket"])(operator(kcc_bucket_unknown_name, "gcp"))
# Violates: the GDPR table's replica is in N. Virginia; its unknown KMS key does not matter.
case("pre-ddb-replica-us-kms-unknown", PREVIEW, "DENY", AWS_DOC["global-tables"])(
    only(lambda s: ddb_table(s, aws(s), replicas=[{"regionName": "us-east-1", "kmsKeyArn": UNKNOWN}]))
)
# Defers: a table replica in N. Virginia of a global table whose ARN is unknown.
case("pre-ddb-table-replica-arn-unknown", PREVIEW, cite=AWS_DOC["global-tables"])(
    lone("aws:dynamodb/tableReplica:TableReplica", "replica", lambda s: aws(s, "us-east-1"), globalTableArn=UNKNOWN)
)
# Defers: the GDPR topic's subscription endpoint is unknown.
case("pre-sns-endpoint-unknown", PREVIEW, cite=AWS_DOC["sns"])(sns_subscription("sqs", UNKNOWN))


def gcp_snapshot_source_unknown(s: Stack) -> None:
    gce_disk(s, "europe-west3-a", GDPR)
    put(s, "gcp:compute/snapshot:Snapshot", "snap", gcp(s), name="snap", sourceDisk=UNKNOWN, zone="europe-west3-a")


# Defers: an untagged snapshot of an unknown disk.
case("pre-gcp-snapshot-source-unknown", PREVIEW, cite=GCP_DOC["snapshot"])(gcp_snapshot_source_unknown)
# Defers: the backup plan copies the GDPR table's recovery points to a vault whose ARN is unknown.
case("pre-backup-copy-vault-unknown", PREVIEW, cite=AWS_DOC["backup"])(
    backup_copy("us-east-1", destinationVaultArn=UNKNOWN)
)
# Violates: the copy goes to N. Virginia; its unknown retention does not matter.
case("pre-backup-copy-us-lifecycle-unknown", PREVIEW, "DENY", AWS_DOC["backup"])(
    backup_copy("us-east-1", lifecycle={"deleteAfter": UNKNOWN})
)


def provider_region_unknown(s: Stack) -> None:
    prov = s.provider("aws", "aws-dynamic", region=UNKNOWN)
    put(s, "aws:s3/bucket:Bucket", "ledger-files", prov, bucket="ledger-files", tags=GDPR)


# Defers: the GDPR bucket's provider takes its region from an output not known at preview.
case("pre-aws-provider-region-unknown", PREVIEW, cite=PRE_DOC["unknowns"])(provider_region_unknown)


def pubsub_table_unknown(s: Stack) -> None:
    topic = pubsub_topic(s)
    put(
        s,
        "gcp:pubsub/subscription:Subscription",
        "ledger-to-bq",
        gcp(s),
        deps=[topic],
        name="ledger-to-bq",
        topic=f"projects/{PROJECT}/topics/ledger-events",
        bigqueryConfig={"table": UNKNOWN},
    )


# Defers: the BigQuery table the GDPR messages are written to is unknown.
case("pre-pubsub-bigquery-table-unknown", PREVIEW, cite=GCP_DOC["pubsub-bq"])(pubsub_table_unknown)
# Defers: the registry replicates (the GDPR repository) to a region that is unknown.
case("pre-ecr-replication-region-unknown", PREVIEW, cite=AWS_DOC["ecr"])(ecr_replication(UNKNOWN))
# Violates: the new cluster's kubeconfig is unknown, but the allow-all policy in the tenant's namespace
# does not need it.
case("pre-kubeconfig-unknown-open-policy", PREVIEW, "DENY", K8S_DOC["netpol-api"])(
    kubeconfig_unknown(ingress({"namespaceSelector": {}}))
)
# Complies: the same new cluster with a narrow policy.
case("pre-kubeconfig-unknown-narrow-policy", PREVIEW, cite=K8S_DOC["netpol-api"])(kubeconfig_unknown(ingress(OWN_NS)))


# ============================================================================ malformed shapes
# A regulated resource whose property has the wrong shape cannot be evaluated: a correct pack refuses
# it (mandatory), it does not crash the analysis and does not pass it.

BAD_DOC = {
    "s3": "https://www.pulumi.com/registry/packages/aws/api-docs/s3/bucketreplicationconfig/",
    "ddb": "https://www.pulumi.com/registry/packages/aws/api-docs/dynamodb/table/",
    "gcs": "https://www.pulumi.com/registry/packages/gcp/api-docs/storage/bucket/",
    "storage": "https://www.pulumi.com/registry/packages/azure-native/api-docs/storage/storageaccount/",
    "np": "https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/",
    "rb": "https://kubernetes.io/docs/reference/kubernetes-api/authorization-resources/role-binding-v1/",
    "provider": "https://www.pulumi.com/registry/packages/aws/api-docs/provider/",
    "snapshot": "https://www.pulumi.com/registry/packages/gcp/api-docs/compute/snapshot/",
    "cosmos": "https://www.pulumi.com/registry/packages/azure-native/api-docs/cosmosdb/databaseaccount/",
    "ecr": "https://www.pulumi.com/registry/packages/aws/api-docs/ecr/replicationconfiguration/",
}


def s3_rules_map(s: Stack) -> None:
    s3_bucket(s, "ledger-eu", "eu-west-1", GDPR)
    put(
        s,
        "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
        "ledger-eu-replication",
        aws(s),
        bucket="ledger-eu",
        role=ROLE,
        rules={"id": "dr", "status": "Enabled", "destination": {"bucket": "arn:aws:s3:::ledger-dr"}},
    )


def bad_gcs_location(s: Stack) -> None:
    put(s, "gcp:storage/bucket:Bucket", "ledger-files", gcp(s), name="ledger-files", location=None, labels=GDPR)


def bad_provider_region(s: Stack) -> None:
    prov = s.provider("aws", "aws-list", region=["eu-west-1"])
    put(s, "aws:s3/bucket:Bucket", "ledger-files", prov, bucket="ledger-files", tags=GDPR)


def bad_ecr(s: Stack) -> None:
    eu = aws(s)
    put(s, "aws:ecr/repository:Repository", "ledger-repo", eu, name="ledger/api", tags=GDPR)
    put(
        s,
        "aws:ecr/replicationConfiguration:ReplicationConfiguration",
        "registry-replication",
        eu,
        replicationConfiguration={"rules": [{"destinations": {"region": "eu-central-1", "registryId": ACCOUNT}}]},
    )


# Cannot evaluate: the replication rules of the GDPR bucket are a map, not a list.
case("bad-s3-replication-rules-map", MALFORMED, "DENY", BAD_DOC["s3"])(s3_rules_map)
# Cannot evaluate: the GDPR table's replicas are a string, not a list of replica blocks.
case("bad-ddb-replicas-string", MALFORMED, "DENY", BAD_DOC["ddb"])(
    only(lambda s: ddb_table(s, aws(s), replicas="eu-central-1"))
)
# Cannot evaluate: the GDPR bucket's (required) location is null.
case("bad-gcs-location-null", MALFORMED, "DENY", BAD_DOC["gcs"])(bad_gcs_location)
# Cannot evaluate: the GDPR account's sku is a string, not an object with a name.
case("bad-azure-sku-string", MALFORMED, "DENY", BAD_DOC["storage"])(
    only(lambda s: storage_account(s, "ledgerdata", "westeurope", GDPR, "Standard_GRS"))
)
# Cannot evaluate: a tenant NetworkPolicy whose ingress is a map, not a list of rules.
case("bad-np-ingress-map", MALFORMED, "DENY", BAD_DOC["np"])(
    isolation(netpol({"podSelector": {}, "policyTypes": ["Ingress"], "ingress": {"from": [{"namespaceSelector": {}}]}}))
)
# Cannot evaluate: a RoleBinding in the tenant's namespace whose subjects are a map.
case("bad-rb-subjects-map", MALFORMED, "DENY", BAD_DOC["rb"])(
    isolation(
        lambda s, k8s: s.add(
            "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
            "acme-odd-rb",
            k8s,
            metadata={"name": "odd", "namespace": "acme"},
            roleRef={"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "edit"},
            subjects={"kind": "Group", "name": "acme-devs"},
        )
    )
)
# Cannot evaluate: the provider's region is a list, so the GDPR bucket cannot be placed.
case("bad-aws-provider-region-list", MALFORMED, "DENY", BAD_DOC["provider"])(bad_provider_region)
# Cannot evaluate: storageLocations of the GDPR disk's snapshot is a string, not a list.
case("bad-gcp-snapshot-locations-string", MALFORMED, "DENY", BAD_DOC["snapshot"])(
    gce_snapshot("europe-west3-a", GDPR, "eu")  # type: ignore[arg-type]
)
# Cannot evaluate: the GDPR Cosmos DB account's locations are a map.
case("bad-cosmos-locations-map", MALFORMED, "DENY", BAD_DOC["cosmos"])(
    only(
        lambda s: az(
            s,
            "azure-native:cosmosdb:DatabaseAccount",
            "ledger-cosmos",
            "westeurope",
            GDPR,
            "Microsoft.DocumentDB/databaseAccounts/ledger-cosmos",
            accountName="ledger-cosmos",
            databaseAccountOfferType="Standard",
            locations={"westeurope": 0, "northeurope": 1},
        )
    )
)
# Cannot evaluate: the registry replication's destinations are a map (the registry holds a GDPR repository).
case("bad-ecr-destinations-map", MALFORMED, "DENY", BAD_DOC["ecr"])(bad_ecr)


# ============================================================================ telemetry residency
# A regulated cluster (its own fleet-residency tag or label, or a regulated tenant namespace on it) must
# keep its metrics and logs inside its regime, whatever the telemetry destinations' own tags say.
# The clusters are the guardrail theme's compliant baselines (eks_guarded, gke_guarded, aks_guarded:
# private endpoint, Secrets encryption, audit logs, location guardrail), so that only their telemetry
# decides.

TELEMETRY = "telemetry"

TEL_DOC = {
    "amp-collector": "https://docs.aws.amazon.com/prometheus/latest/userguide/AMP-collector-how-to.html",
    "amp-arn": "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonmanagedserviceforprometheus.html",
    "az-prometheus": "https://learn.microsoft.com/en-us/azure/azure-monitor/essentials/prometheus-get-started",
    "az-dcr": "https://learn.microsoft.com/en-us/azure/azure-monitor/essentials/data-collection-rule-overview",
    "az-dce": "https://learn.microsoft.com/en-us/azure/azure-monitor/essentials/data-collection-endpoint-overview",
    "az-rule-groups": "https://learn.microsoft.com/en-us/azure/azure-monitor/essentials/prometheus-rule-groups",
    "az-diagnostic": "https://learn.microsoft.com/en-us/azure/azure-monitor/essentials/diagnostic-settings",
    "az-container-insights": "https://learn.microsoft.com/en-us/azure/azure-monitor/containers/container-insights-overview",
    "gcp-log-buckets": "https://cloud.google.com/logging/docs/regionalized-logs",
    "gcp-routing": "https://cloud.google.com/logging/docs/routing/overview",
    "gcp-sinks": "https://cloud.google.com/logging/docs/export/configure_export_v2",
    "gke-logging-service": "https://cloud.google.com/kubernetes-engine/docs/reference/rest/v1/projects.zones.clusters/logging",
    "unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
}


def _set(s: Stack, urn: str, drop: tuple[str, ...] = (), **inputs: Any) -> None:
    """Change inputs of a resource a builder made (and its known state, when it exists)."""
    r = _find(s, urn)
    r.inputs = {k: v for k, v in {**r.inputs, **inputs}.items() if k not in drop}
    if r.outputs:
        r.outputs = {k: v for k, v in {**r.outputs, **inputs}.items() if k not in drop}


def _tenant_residency(s: Stack, residency: str) -> None:
    ns = _find(s, s.urn("kubernetes:core/v1:Namespace", "acme-ns"))
    ns.inputs["metadata"]["labels"]["fleet-residency"] = residency


# ------------------------------------------------------------------------------------ EKS: AMP scrapers

EKS_ARN = f"arn:aws:eks:eu-west-1:{ACCOUNT}:cluster/eu1"
OBS_ACCOUNT = "222222222222"
AMP_WS = "ws-0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b"
SCRAPE_CONFIG = """global:
  scrape_interval: 30s
scrape_configs:
  - job_name: kubernetes-pods
    kubernetes_sd_configs:
      - role: pod
"""


def amp_arn(region: str, account: str = ACCOUNT) -> str:
    return f"arn:aws:aps:{region}:{account}:workspace/{AMP_WS}"


def eks_telemetry(
    workspace: str | None,
    *,
    in_stack: bool = True,
    workspace_known: bool = True,
    workspace_tags: dict[str, str] | None = None,
    workspace_arn: str | None = None,
    cluster_tags: dict[str, str] | None = GDPR,
    tenant_residency: str = "gdpr",
    **scraper: Any,
) -> Build:
    """The guarded GDPR EKS cluster eu1 (Ireland, existing: its ARN known) with a managed scraper writing to an
    AMP workspace in ``workspace``'s region: the cluster's own account in Ireland, else a central observability
    account (cross-account, with a role configuration). ``in_stack=False``: the workspace is only named by ARN."""

    def build(s: Stack) -> None:
        extra = dict(scraper)
        eks_guarded()(s)
        cluster = s.urn("aws:eks/cluster:Cluster", "eu1-eks")
        eks = _find(s, cluster)
        if cluster_tags is None:
            eks.inputs.pop("tags")
        else:
            eks.inputs["tags"] = cluster_tags
        eks.outputs = {**eks.inputs, "id": "eu1", "arn": EKS_ARN, "status": "ACTIVE"}
        if tenant_residency != "gdpr":
            _tenant_residency(s, tenant_residency)
        home = s.urn("pulumi:providers:aws", "eu1-aws")
        deps = [cluster]
        arn = workspace_arn
        if workspace is not None:
            account = ACCOUNT if workspace == "eu-west-1" else OBS_ACCOUNT
            arn = arn or amp_arn(workspace, account)
            if in_stack:
                prov = (
                    home
                    if account == ACCOUNT
                    else _provider(s, "aws", f"obs-{workspace}", region=workspace, allowedAccountIds=[OBS_ACCOUNT])
                )
                inputs: dict[str, Any] = {"alias": "fleet-eu1"}
                if workspace_tags is not None:
                    inputs["tags"] = workspace_tags
                known = {
                    "id": AMP_WS,
                    "arn": arn,
                    "prometheusEndpoint": f"https://aps-workspaces.{workspace}.amazonaws.com/workspaces/{AMP_WS}/",
                }
                deps.append(
                    put(
                        s,
                        "aws:amp/workspace:Workspace",
                        "eu1-metrics",
                        prov,
                        known=known if workspace_known else None,
                        **inputs,
                    )
                )
            if account != ACCOUNT:
                extra.setdefault(
                    "roleConfiguration",
                    {
                        "sourceRoleArn": f"arn:aws:iam::{ACCOUNT}:role/amp-scraper-source",
                        "targetRoleArn": f"arn:aws:iam::{OBS_ACCOUNT}:role/amp-scraper-target",
                    },
                )
        inputs = {
            "alias": "eu1",
            "scrapeConfiguration": SCRAPE_CONFIG,
            "source": {
                "eks": {
                    "clusterArn": EKS_ARN,
                    "subnetIds": ["subnet-0a1b2c3d4e5f60718", "subnet-0b1c2d3e4f5a60719"],
                    "securityGroupIds": ["sg-0c1d2e3f4a5b60718"],
                }
            },
            "destination": {"amp": {"workspaceArn": arn}},
            **extra,
        }
        put(s, "aws:amp/scraper:Scraper", "eu1-scraper", home, deps=deps, **inputs)

    return build


# Violates: the scraper ships the GDPR cluster's metrics to a central workspace in N. Virginia.
case("tel-eks-scraper-us-workspace", TELEMETRY, "DENY", TEL_DOC["amp-collector"])(eks_telemetry("us-east-1"))
# Complies: the scraper and its workspace are in Ireland, beside the cluster.
case("tel-eks-scraper-ie-workspace", TELEMETRY, cite=TEL_DOC["amp-collector"])(eks_telemetry("eu-west-1"))
# Violates: the workspace is in the US though it is tagged fleet-residency none: the regime follows the
# cluster's telemetry, not the destination's tag.
case("tel-eks-scraper-us-workspace-tagged-none", TELEMETRY, "DENY", TEL_DOC["amp-collector"])(
    eks_telemetry("us-east-1", workspace_tags=NONE)
)
# Violates: a workspace outside the stack, named only by its ARN, whose region is eu-central-2 (Zurich,
# outside the EEA); an AMP workspace ARN carries its region.
case("tel-eks-scraper-zurich-arn", TELEMETRY, "DENY", TEL_DOC["amp-arn"])(eks_telemetry("eu-central-2", in_stack=False))
# Violates: the workspace is in Ireland, but the scraper itself (which pulls and forwards the metrics) is
# made in N. Virginia by the v7 per-resource region.
case("tel-eks-scraper-region-us", TELEMETRY, "DENY", AWS_DOC["region-override"])(
    eks_telemetry("eu-west-1", region="us-east-1")
)
# Complies: an explicit per-resource region equal to the cluster's.
case("tel-eks-scraper-region-ie", TELEMETRY, cite=AWS_DOC["region-override"])(
    eks_telemetry("eu-west-1", region="eu-west-1")
)
# Violates: the cluster carries no tag, but the GDPR tenant namespace acme runs on it; its metrics go to the US.
case("tel-eks-tenant-only-us", TELEMETRY, "DENY", TEL_DOC["amp-collector"])(
    eks_telemetry("us-east-1", cluster_tags=None)
)
# Complies: the same untagged cluster with a GDPR tenant, its metrics written to Frankfurt (EEA).
case("tel-eks-tenant-only-de", TELEMETRY, cite=TEL_DOC["amp-collector"])(
    eks_telemetry("eu-central-1", cluster_tags=None)
)
# Complies: neither the (untagged) cluster nor its only tenant (fleet-residency none) is regulated, so its
# metrics may go to the US.
case("tel-eks-unregulated-us", TELEMETRY, cite=TEL_DOC["amp-collector"])(
    eks_telemetry("us-east-1", cluster_tags=None, tenant_residency="none")
)


# ------------------------------------------------------------------------------------ AKS: Azure Monitor

AKS_RG = f"/subscriptions/{SUB}/resourceGroups/fleet-eu1/providers"
AKS_ID = f"{AKS_RG}/Microsoft.ContainerService/managedClusters/eu1"
OBS_SUB = "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a"
OBS_RG = f"/subscriptions/{OBS_SUB}/resourceGroups/observability/providers"
PROM_STREAM = "Microsoft-PrometheusMetrics"
CI_STREAM = "Microsoft-ContainerInsights-Group-Default"


def az_mon(s: Stack, type_: str, name: str, location: str, arm: str, /, known: bool = True, **inputs: Any) -> str:
    """An Azure Monitor resource: in the cluster's resource group inside the EEA, else in resource group
    observability of a central subscription. Returns its ARM ID (known when the resource exists)."""
    if location in GDPR_AZURE:
        prov, rg, prefix = s.urn("pulumi:providers:azure-native", "eu1-azure"), "fleet-eu1", AKS_RG
    else:
        prov = _provider(s, "azure-native", f"obs-{location}", location=location, subscriptionId=OBS_SUB)
        rg, prefix = "observability", OBS_RG
    arm_id = f"{prefix}/{arm}"
    put(
        s, type_, name, prov, resourceGroupName=rg, location=location, known={"id": arm_id} if known else None, **inputs
    )
    return arm_id


def amw(s: Stack, location: str, name: str = "eu1-prom", known: bool = True) -> str:
    return az_mon(
        s,
        "azure-native:monitor:AzureMonitorWorkspace",
        f"{name}-amw",
        location,
        f"Microsoft.Monitor/accounts/{name}",
        known,
        azureMonitorWorkspaceName=name,
    )


def dce(s: Stack, location: str, name: str = "eu1-dce") -> str:
    return az_mon(
        s,
        "azure-native:monitor:DataCollectionEndpoint",
        name,
        location,
        f"Microsoft.Insights/dataCollectionEndpoints/{name}",
        dataCollectionEndpointName=name,
        kind="Linux",
    )


def law(s: Stack, location: str, name: str = "eu1-ci") -> str:
    return az_mon(
        s,
        "azure-native:operationalinsights:Workspace",
        f"{name}-law",
        location,
        f"Microsoft.OperationalInsights/workspaces/{name}",
        workspaceName=name,
        sku={"name": "PerGB2018"},
        retentionInDays=30,
    )


def cluster_dcr(
    s: Stack,
    name: str,
    location: str,
    destinations: dict[str, Any],
    data_sources: dict[str, Any],
    flows: list[dict[str, Any]],
    *,
    endpoint: str | None = None,
    association: str = "ContainerInsightsMetricsExtension",
    uri: str = AKS_ID,
) -> None:
    """A data collection rule and its association with the cluster (resourceUri)."""
    inputs: dict[str, Any] = {
        "dataCollectionRuleName": name,
        "kind": "Linux",
        "dataSources": data_sources,
        "destinations": destinations,
        "dataFlows": flows,
    }
    if endpoint is not None:
        inputs["dataCollectionEndpointId"] = endpoint
    rule = az_mon(
        s,
        "azure-native:monitor:DataCollectionRule",
        name,
        location,
        f"Microsoft.Insights/dataCollectionRules/{name}",
        **inputs,
    )
    put(
        s,
        "azure-native:monitor:DataCollectionRuleAssociation",
        f"{name}-association",
        s.urn("pulumi:providers:azure-native", "eu1-azure"),
        deps=[
            s.urn("azure-native:containerservice:ManagedCluster", "eu1-aks"),
            s.urn("azure-native:monitor:DataCollectionRule", name),
        ],
        associationName=association,
        resourceUri=uri,
        dataCollectionRuleId=rule,
    )


def prometheus_dcr(s: Stack, account: str, location: str, endpoint: str | None, uri: str = AKS_ID) -> None:
    """Managed Prometheus: the rule that sends the cluster's Prometheus metrics to an Azure Monitor workspace."""
    cluster_dcr(
        s,
        "MSProm-eu1",
        location,
        {"monitoringAccounts": [{"accountResourceId": account, "name": "MonitoringAccount1"}]},
        {"prometheusForwarder": [{"name": "PrometheusDataSource", "streams": [PROM_STREAM], "labelIncludeFilter": {}}]},
        [{"streams": [PROM_STREAM], "destinations": ["MonitoringAccount1"]}],
        endpoint=endpoint,
        uri=uri,
    )


def rule_group(s: Stack, location: str, scopes: list[str]) -> None:
    az_mon(
        s,
        "azure-native:alertsmanagement:PrometheusRuleGroup",
        "eu1-kube-alerts",
        location,
        "Microsoft.AlertsManagement/prometheusRuleGroups/eu1-kube-alerts",
        ruleGroupName="eu1-kube-alerts",
        clusterName="eu1",
        scopes=scopes,
        interval="PT1M",
        enabled=True,
        rules=[
            {
                "alert": "KubeQuotaExceeded",
                "expression": 'kube_resourcequota{job="kube-state-metrics", type="used"}'
                " / ignoring(instance, job, type)"
                ' (kube_resourcequota{job="kube-state-metrics", type="hard"} > 0) > 1.5',
                "for": "PT15M",
                "severity": 3,
                "labels": {"severity": "warning"},
                "enabled": True,
            }
        ],
    )


def aks_metrics(
    workspace: str = "westeurope",
    rule: str | None = None,
    endpoint: str | None = None,
    group: str | None = "westeurope",
    group_workspace: str | None = None,
    cluster_tags: dict[str, str] = GDPR,
) -> Build:
    """The guarded GDPR AKS cluster eu1 (West Europe) with managed Prometheus: an Azure Monitor workspace, a data
    collection endpoint and rule (default: the workspace's region) associated with the cluster, and the alert
    rule group evaluating the cluster (``group``: its region; ``group_workspace``: the region of the workspace
    it reads, default the cluster's workspace)."""

    def build(s: Stack) -> None:
        aks_guarded()(s)
        cluster = s.urn("azure-native:containerservice:ManagedCluster", "eu1-aks")
        _set(s, cluster, tags=cluster_tags, azureMonitorProfile={"metrics": {"enabled": True}})
        account = amw(s, workspace)
        prometheus_dcr(s, account, rule or workspace, dce(s, endpoint or rule or workspace))
        if group is not None:
            scope = account if group_workspace is None else amw(s, group_workspace, "central-prom")
            rule_group(s, group, [scope, AKS_ID])

    return build


# Complies: workspace, endpoint, rule and rule group are all in West Europe, as the fleet deploys them.
case("tel-aks-prometheus-nl", TELEMETRY, cite=TEL_DOC["az-prometheus"])(aks_metrics())
# Violates: the rule sends the GDPR cluster's Prometheus metrics to an Azure Monitor workspace in East US.
case("tel-aks-prometheus-workspace-us", TELEMETRY, "DENY", TEL_DOC["az-dcr"])(aks_metrics("eastus", group="eastus"))
# Violates: the workspace is in West Europe, but the data collection rule itself is in East US.
case("tel-aks-prometheus-rule-us", TELEMETRY, "DENY", TEL_DOC["az-dcr"])(
    aks_metrics(rule="eastus", endpoint="westeurope")
)
# Violates: the rule's data collection endpoint (where the metrics are ingested) is in East US.
case("tel-aks-prometheus-endpoint-us", TELEMETRY, "DENY", TEL_DOC["az-dce"])(aks_metrics(endpoint="eastus"))
# Complies: endpoint in North Europe (Ireland), workspace and rule in West Europe: all in the EEA.
case("tel-aks-prometheus-endpoint-ie", TELEMETRY, cite=TEL_DOC["az-dce"])(aks_metrics(endpoint="northeurope"))
# Violates: the alert rule group that evaluates the cluster's metrics (clusterName eu1) is placed in East US.
case("tel-aks-rule-group-us", TELEMETRY, "DENY", TEL_DOC["az-rule-groups"])(aks_metrics(group="eastus"))
# Violates: the rule group is in West Europe but reads a central workspace in East US.
case("tel-aks-rule-group-scope-us", TELEMETRY, "DENY", TEL_DOC["az-rule-groups"])(aks_metrics(group_workspace="eastus"))
# Violates: the cluster is tagged fleet-residency none but holds the GDPR tenant acme; its metrics go to East US.
case("tel-aks-tagged-none-gdpr-tenant-us", TELEMETRY, "DENY", TEL_DOC["az-dcr"])(
    aks_metrics("eastus", group="eastus", cluster_tags=NONE)
)


def aks_logs(*destinations: Callable[[Stack], tuple[str, dict[str, Any]]]) -> Build:
    """The guarded GDPR AKS cluster with a Container insights rule sending its container logs to the given
    destinations (each returns the destinations key and the entry)."""

    def build(s: Stack) -> None:
        aks_guarded()(s)
        merged: dict[str, list[Any]] = {}
        for make in destinations:
            key, entry = make(s)
            merged.setdefault(key, []).append(entry)
        names = [e["name"] for entries in merged.values() for e in entries]
        cluster_dcr(
            s,
            "MSCI-eu1",
            "westeurope",
            merged,
            {
                "extensions": [
                    {"name": "ContainerInsightsExtension", "extensionName": "ContainerInsights", "streams": [CI_STREAM]}
                ]
            },
            [{"streams": [CI_STREAM], "destinations": names}],
            association="ContainerInsightsExtension",
        )

    return build


def to_law(location: str) -> Callable[[Stack], tuple[str, dict[str, Any]]]:
    return lambda s: ("logAnalytics", {"workspaceResourceId": law(s, location), "name": "ciworkspace"})


def to_outside_law(s: Stack) -> tuple[str, dict[str, Any]]:
    soc = "/subscriptions/0f0e0d0c-0b0a-4908-8706-050403020100/resourceGroups/soc/providers"
    return "logAnalytics", {"workspaceResourceId": f"{soc}/Microsoft.OperationalInsights/workspaces/soc", "name": "soc"}


def to_storage(location: str) -> Callable[[Stack], tuple[str, dict[str, Any]]]:
    def make(s: Stack) -> tuple[str, dict[str, Any]]:
        account = az_mon(
            s,
            "azure-native:storage:StorageAccount",
            "ciarchive",
            location,
            "Microsoft.Storage/storageAccounts/ciarchive",
            accountName="ciarchive",
            kind="StorageV2",
            sku={"name": "Standard_LRS"},
        )
        return "storageAccounts", {
            "storageAccountResourceId": account,
            "containerName": "container-logs",
            "name": "archive",
        }

    return make


def to_event_hub(location: str) -> Callable[[Stack], tuple[str, dict[str, Any]]]:
    def make(s: Stack) -> tuple[str, dict[str, Any]]:
        ns = az_mon(
            s,
            "azure-native:eventhub:Namespace",
            "siem-ns",
            location,
            "Microsoft.EventHub/namespaces/siem",
            namespaceName="siem",
            sku={"name": "Standard", "tier": "Standard"},
        )
        prov, rg = _find(s, s.urn("azure-native:eventhub:Namespace", "siem-ns")).provider, "observability"
        if location in GDPR_AZURE:
            rg = "fleet-eu1"
        hub = f"{ns}/eventhubs/aks-logs"
        put(
            s,
            "azure-native:eventhub:EventHub",
            "siem-hub",
            prov,
            resourceGroupName=rg,
            namespaceName="siem",
            eventHubName="aks-logs",
            partitionCount=4,
            known={"id": hub},
        )
        return "eventHubs", {"eventHubResourceId": hub, "name": "siem"}

    return make


# Complies: the cluster's container logs go to a Log Analytics workspace in West Europe.
case("tel-aks-logs-law-nl", TELEMETRY, cite=TEL_DOC["az-container-insights"])(aks_logs(to_law("westeurope")))
# Violates: the container logs go to a Log Analytics workspace in East US.
case("tel-aks-logs-law-us", TELEMETRY, "DENY", TEL_DOC["az-container-insights"])(aks_logs(to_law("eastus")))
# Violates: the workspace is in another subscription, named only by ID and not in the stack: it cannot be placed.
case("tel-aks-logs-law-outside-stack", TELEMETRY, "DENY", TEL_DOC["az-dcr"])(aks_logs(to_outside_law))
# Violates: a West Europe workspace, and also a storage account in East US that archives the same logs.
case("tel-aks-logs-storage-us", TELEMETRY, "DENY", TEL_DOC["az-dcr"])(
    aks_logs(to_law("westeurope"), to_storage("eastus"))
)
# Violates: a West Europe workspace, and an event hub (the SIEM feed) whose namespace is in East US.
case("tel-aks-logs-event-hub-us", TELEMETRY, "DENY", TEL_DOC["az-dcr"])(
    aks_logs(to_law("westeurope"), to_event_hub("eastus"))
)
# Complies: the workspace and the event hub namespace are both in the EEA (West Europe, Sweden Central).
case("tel-aks-logs-event-hub-se", TELEMETRY, cite=TEL_DOC["az-dcr"])(
    aks_logs(to_law("westeurope"), to_event_hub("swedencentral"))
)


def aks_diagnostic_us(s: Stack) -> None:
    aks_guarded()(s)
    ws = law(s, "eastus", "central-audit")
    put(
        s,
        "azure-native:monitor:DiagnosticSetting",
        "eu1-export",
        s.urn("pulumi:providers:azure-native", "eu1-azure"),
        deps=[s.urn("azure-native:containerservice:ManagedCluster", "eu1-aks")],
        name="export",
        resourceUri=AKS_ID,
        workspaceId=ws,
        logs=[{"categoryGroup": "allLogs", "enabled": True}],
        metrics=[{"category": "AllMetrics", "enabled": True}],
    )


def aks_dormant_rule(s: Stack) -> None:
    aks_guarded()(s)
    account = amw(s, "eastus", "us-prom")
    az_mon(
        s,
        "azure-native:monitor:DataCollectionRule",
        "MSProm-us",
        "eastus",
        "Microsoft.Insights/dataCollectionRules/MSProm-us",
        dataCollectionRuleName="MSProm-us",
        kind="Linux",
        dataSources={"prometheusForwarder": [{"name": "PrometheusDataSource", "streams": [PROM_STREAM]}]},
        destinations={"monitoringAccounts": [{"accountResourceId": account, "name": "MonitoringAccount1"}]},
        dataFlows=[{"streams": [PROM_STREAM], "destinations": ["MonitoringAccount1"]}],
    )


def aks_oms_agent_us(s: Stack) -> None:
    aks_guarded()(s)
    ws = law(s, "eastus", "central-ci")
    _set(
        s,
        s.urn("azure-native:containerservice:ManagedCluster", "eu1-aks"),
        addonProfiles={
            "omsagent": {"enabled": True, "config": {"logAnalyticsWorkspaceResourceID": ws, "useAADAuth": "false"}}
        },
    )


# Violates: a second diagnostic setting on the GDPR cluster sends all its logs and metrics to a workspace in East US.
case("tel-aks-diagnostic-us", TELEMETRY, "DENY", TEL_DOC["az-diagnostic"])(aks_diagnostic_us)
# Complies: a rule with US destinations exists in the stack but is associated with nothing.
case("tel-aks-dormant-us-rule", TELEMETRY, cite=TEL_DOC["az-dcr"])(aks_dormant_rule)
# Violates: the cluster's monitoring add-on (omsagent, Container insights) sends its logs to a workspace in
# East US; no data collection rule appears in the stack.
case("tel-aks-omsagent-us", TELEMETRY, "DENY", TEL_DOC["az-container-insights"])(aks_oms_agent_us)


# ------------------------------------------------------------------------------------ GKE: Cloud Logging

DEFAULT_FILTER = (
    'NOT LOG_ID("cloudaudit.googleapis.com/activity") AND NOT LOG_ID("externalaudit.googleapis.com/activity")'
    ' AND NOT LOG_ID("cloudaudit.googleapis.com/system_event")'
    ' AND NOT LOG_ID("externalaudit.googleapis.com/system_event")'
    ' AND NOT LOG_ID("cloudaudit.googleapis.com/access_transparency")'
    ' AND NOT LOG_ID("externalaudit.googleapis.com/access_transparency")'
)
GLOBAL_DEFAULT = f"logging.googleapis.com/projects/{PROJECT}/locations/global/buckets/_Default"


def log_bucket_path(location: str, bucket: str = "fleet-logs") -> str:
    return f"logging.googleapis.com/projects/{PROJECT}/locations/{location}/buckets/{bucket}"


def log_bucket(s: Stack, location: str, bucket: str = "fleet-logs", known: bool = True) -> str:
    return put(
        s,
        "gcp:logging/projectBucketConfig:ProjectBucketConfig",
        f"{bucket}-bucket",
        gcp(s),
        project=PROJECT,
        bucketId=bucket,
        location=location,
        retentionDays=30,
        known={"id": f"projects/{PROJECT}/locations/{location}/buckets/{bucket}"} if known else None,
    )


def default_sink(
    location: str | None = "europe-west4", destination: str | None = None, **sink: Any
) -> Callable[[Stack], None]:
    """Take over the project's _Default sink (ProjectSink named _Default), pointed at bucket fleet-logs in
    ``location`` (``None``: it keeps writing to the global _Default bucket); ``destination``: the sink's
    destination as given, the bucket in ``location`` being created in this update."""

    def make(s: Stack) -> None:
        deps = []
        if location is not None:
            deps.append(log_bucket(s, location, known=destination is None))
        put(
            s,
            "gcp:logging/projectSink:ProjectSink",
            "default-sink",
            gcp(s),
            deps=deps,
            name="_Default",
            project=PROJECT,
            destination=destination or (log_bucket_path(location) if location else GLOBAL_DEFAULT),
            filter=DEFAULT_FILTER,
            uniqueWriterIdentity=True,
            **sink,
        )

    return make


def second_sink(
    destination: str, filter_: str | None, make_destination: Callable[[Stack], Any] | None = None
) -> Callable[[Stack], None]:
    def make(s: Stack) -> None:
        deps = [make_destination(s)] if make_destination else []
        inputs: dict[str, Any] = {
            "name": "k8s-export",
            "project": PROJECT,
            "destination": destination,
            "uniqueWriterIdentity": True,
        }
        if filter_ is not None:
            inputs["filter"] = filter_
        put(s, "gcp:logging/projectSink:ProjectSink", "k8s-export", gcp(s), deps=deps, **inputs)

    return make


def log_dataset(location: str) -> Callable[[Stack], str]:
    return lambda s: put(
        s,
        "gcp:bigquery/dataset:Dataset",
        "gke-logs",
        gcp(s),
        project=PROJECT,
        datasetId="gke_logs",
        location=location,
        known={"id": f"projects/{PROJECT}/datasets/gke_logs"},
    )


def gke_telemetry(*parts: Callable[[Stack], Any], drop: tuple[str, ...] = (), **cluster: Any) -> Build:
    """The guarded GDPR GKE cluster eu1 (Frankfurt, project ledger-prod) and the project's log routing."""

    def build(s: Stack) -> None:
        gke_guarded(org_policy())(s)
        gke = _find(s, s.urn("gcp:container/cluster:Cluster", "eu1-gke"))
        gke.outputs = {  # it exists
            **gke.inputs,
            "id": f"projects/{PROJECT}/locations/europe-west3/clusters/eu1",
            "selfLink": f"https://container.googleapis.com/v1/projects/{PROJECT}/locations/europe-west3/clusters/eu1",
            "loggingService": "logging.googleapis.com/kubernetes",
        }
        if cluster or drop:
            _set(s, s.urn("gcp:container/cluster:Cluster", "eu1-gke"), drop, **cluster)
        for make in parts:
            make(s)

    return build


CLUSTER_LOGS = 'resource.type=("k8s_container" OR "k8s_pod" OR "k8s_node" OR "k8s_cluster" OR "gke_cluster")'

# Violates: the project's _Default sink is not taken over, so the GDPR cluster's logs land in the global
# _Default bucket.
case("tel-gke-default-sink-global", TELEMETRY, "DENY", TEL_DOC["gcp-log-buckets"])(gke_telemetry())
# Complies: the _Default sink is taken over and redirected to a log bucket in the Netherlands (europe-west4).
case("tel-gke-default-sink-nl", TELEMETRY, cite=TEL_DOC["gcp-log-buckets"])(gke_telemetry(default_sink()))
# Violates: the _Default sink is redirected to a bucket in Iowa.
case("tel-gke-default-sink-us", TELEMETRY, "DENY", TEL_DOC["gcp-routing"])(gke_telemetry(default_sink("us-central1")))
# Violates: the _Default sink is redirected to London (europe-west2), outside the EEA.
case("tel-gke-default-sink-london", TELEMETRY, "DENY", TEL_DOC["gcp-log-buckets"])(
    gke_telemetry(default_sink("europe-west2"))
)
# Violates: the _Default sink is taken over but still writes to the global _Default bucket.
case("tel-gke-default-sink-taken-over-global", TELEMETRY, "DENY", TEL_DOC["gcp-log-buckets"])(
    gke_telemetry(default_sink(None))
)
# Complies: the _Default sink is taken over and disabled; the cluster's logs are stored nowhere outside.
case("tel-gke-default-sink-disabled", TELEMETRY, cite=TEL_DOC["gcp-routing"])(
    gke_telemetry(default_sink(None, disabled=True))
)
# Complies: the _Default sink keeps the global bucket but excludes every log of cluster eu1 (all GKE log
# resource types carry the cluster_name label).
case("tel-gke-default-sink-excludes-cluster", TELEMETRY, cite=TEL_DOC["gcp-routing"])(
    gke_telemetry(default_sink(None, exclusions=[{"name": "gke-eu1", "filter": 'resource.labels.cluster_name="eu1"'}]))
)
# Violates: the exclusion covers container logs only; node, pod, event and control-plane logs of the cluster
# still reach the global bucket.
case("tel-gke-default-sink-excludes-containers-only", TELEMETRY, "DENY", TEL_DOC["gcp-routing"])(
    gke_telemetry(default_sink(None, exclusions=[{"name": "containers", "filter": 'resource.type="k8s_container"'}]))
)
# Violates: _Default goes to the Netherlands, but a second sink without a filter copies every log of the
# project (the cluster's included) to a BigQuery dataset in the US multi-region.
case("tel-gke-second-sink-no-filter-bq-us", TELEMETRY, "DENY", TEL_DOC["gcp-sinks"])(
    gke_telemetry(
        default_sink(),
        second_sink(f"bigquery.googleapis.com/projects/{PROJECT}/datasets/gke_logs", None, log_dataset("US")),
    )
)
# Violates: a second sink takes the cluster's Kubernetes logs to a log bucket in Iowa.
case("tel-gke-second-sink-k8s-us", TELEMETRY, "DENY", TEL_DOC["gcp-sinks"])(
    gke_telemetry(
        default_sink(),
        second_sink(
            log_bucket_path("us-central1", "k8s-archive"),
            CLUSTER_LOGS,
            lambda s: log_bucket(s, "us-central1", "k8s-archive"),
        ),
    )
)
# Complies: the second sink to Iowa takes only Cloud SQL logs, none of the cluster's.
case("tel-gke-second-sink-unrelated-us", TELEMETRY, cite=TEL_DOC["gcp-sinks"])(
    gke_telemetry(
        default_sink(),
        second_sink(
            log_bucket_path("us-central1", "sql-archive"),
            'resource.type="cloudsql_database"',
            lambda s: log_bucket(s, "us-central1", "sql-archive"),
        ),
    )
)
# Complies for telemetry: loggingService "none", no logs are exported from the cluster, so none reach the global
# _Default bucket.
case("tel-gke-logging-none", TELEMETRY, cite=TEL_DOC["gke-logging-service"])(
    gke_telemetry(drop=("loggingConfig",), loggingService="none")
)


# ------------------------------------------------------------------------------------ telemetry at preview


def aks_new_cluster_association(s: Stack) -> None:
    """A new AKS cluster (its ID unknown at preview) associated with a rule sending to East US."""
    aks_metrics("eastus", group=None)(s)
    cluster = _find(s, s.urn("azure-native:containerservice:ManagedCluster", "eu1-aks"))
    cluster.outputs = {}
    for urn in (
        s.urn("azure-native:monitor:DataCollectionRuleAssociation", "MSProm-eu1-association"),
        s.urn("azure-native:monitor:DiagnosticSetting", "eu1-audit"),
    ):
        _set(s, urn, resourceUri=UNKNOWN)


def aks_account_unknown(s: Stack) -> None:
    """The rule names a new West Europe workspace whose ID is unknown at preview."""
    aks_guarded()(s)
    amw(s, "westeurope", known=False)
    prometheus_dcr(s, UNKNOWN, "westeurope", dce(s, "westeurope"))


def aks_group_us_scopes_unknown(s: Stack) -> None:
    aks_metrics(group=None)(s)
    rule_group(s, "eastus", [UNKNOWN])


def gke_new_cluster(s: Stack) -> None:
    gke_telemetry()(s)
    gke = s.urn("gcp:container/cluster:Cluster", "eu1-gke")
    _find(s, gke).outputs = {}  # created in this update
    _set(s, gke, network=UNKNOWN, subnetwork=UNKNOWN)


# Defers: the scraper writes to a workspace created in this update (in Ireland); its ARN is unknown.
case("tel-pre-eks-workspace-arn-unknown", TELEMETRY, cite=TEL_DOC["unknowns"])(
    eks_telemetry("eu-west-1", workspace_known=False, workspace_arn=UNKNOWN)
)
# Violates: the workspace ARN (N. Virginia) is known; only the scrape configuration is unknown.
case("tel-pre-eks-us-scrape-config-unknown", TELEMETRY, "DENY", TEL_DOC["amp-collector"])(
    eks_telemetry("us-east-1", scrapeConfiguration=UNKNOWN)
)
# Defers: the rule's Azure Monitor workspace is new and its ID unknown.
case("tel-pre-aks-account-unknown", TELEMETRY, cite=TEL_DOC["unknowns"])(aks_account_unknown)
# Defers: the association's resourceUri is the ID of a cluster created in this update, unknown at preview.
case("tel-pre-aks-association-uri-unknown", TELEMETRY, cite=TEL_DOC["unknowns"])(aks_new_cluster_association)
# Violates: the rule group evaluating cluster eu1 is in East US; its unknown scopes do not matter.
case("tel-pre-aks-rule-group-us-scopes-unknown", TELEMETRY, "DENY", TEL_DOC["az-rule-groups"])(
    aks_group_us_scopes_unknown
)
# Defers: the _Default sink's destination is built from a bucket created in this update.
case("tel-pre-gke-default-destination-unknown", TELEMETRY, cite=TEL_DOC["unknowns"])(
    gke_telemetry(default_sink(destination=UNKNOWN))
)
# Violates: a new cluster (network unknown) whose project's _Default sink is not taken over: the global bucket
# does not depend on the unknown values.
case("tel-pre-gke-new-cluster-default-global", TELEMETRY, "DENY", TEL_DOC["gcp-log-buckets"])(gke_new_cluster)
# Defers: a second sink to Iowa whose filter is unknown: whether it takes the cluster's logs is unknown.
case("tel-pre-gke-second-sink-filter-unknown", TELEMETRY, cite=TEL_DOC["unknowns"])(
    gke_telemetry(
        default_sink(),
        second_sink(
            log_bucket_path("us-central1", "k8s-archive"),
            UNKNOWN,
            lambda s: log_bucket(s, "us-central1", "k8s-archive"),
        ),
    )
)
