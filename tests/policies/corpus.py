"""The residency corpus: resources written by hand in a regulated stack, as a compliance team
would try the pack, each case with the outcome a correct pack gives and the cloud documentation
that states the location fact it rests on.

``test_corpus.py`` drives every case through the real Analyzer gRPC protocol (the pack as a
subprocess, like the Pulumi CLI); ``measure_corpus.py`` counts how many cases a pack gets wrong
(false negatives: violating cases it lets through; false positives: compliant cases it denies).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fleet.review.render import Rendering, Resource

UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"  # the engine's unknown string at preview
SECRET_SIG = {"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270"}
GDPR = {"fleet-residency": "gdpr"}
NONE = {"fleet-residency": "none"}
IE = [{"name": "ie", "countries": ["IE"], "description": "Ireland only"}]
BR = [{"name": "br", "countries": ["BR"], "description": "Brazil only"}]
PRIVATE = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16"]


def secret(value: Any) -> dict[str, Any]:
    return {**SECRET_SIG, "value": value}


@dataclass
class Case:
    id: str
    area: str  # the class of the issue it exercises
    expect: frozenset[str]  # mandatory rule IDs a correct pack reports; empty: compliant
    build: Callable[[Stack], None]
    cite: str  # where the cloud documents the fact
    config: dict[str, Any] = field(default_factory=dict)  # per-policy properties (regimes, stackRegime)
    deferred: frozenset[str] = frozenset()  # rule IDs FLEET-PRE-001 reports as deferred

    @property
    def violating(self) -> bool:
        return bool(self.expect)

    def rendering(self) -> Rendering:
        stack = Stack(self.id)
        self.build(stack)
        return Rendering(
            project="fleet",
            stack="corpus",
            resources=stack.resources,
            outputs=stack.outputs,
            stack_urn=f"urn:pulumi:corpus::fleet::pulumi:pulumi:Stack::{self.id}",
        )


class Stack:
    """Builds one case's resources with URNs unique to the case."""

    def __init__(self, case: str):
        self.case = case
        self.resources: list[Resource] = []
        self.outputs: dict[str, Any] = {}

    def urn(self, type_: str, name: str) -> str:
        return f"urn:pulumi:corpus::fleet::{type_}::{self.case}-{name}"

    def add(
        self, type_: str, name: str, /, provider: str | None = None, parent: str | None = None, **inputs: Any
    ) -> str:
        urn = self.urn(type_, name)
        custom = provider is not None or type_.startswith("pulumi:providers:")
        self.resources.append(Resource(urn, type_, name, parent, provider, inputs, False, custom))
        return urn

    def provider(self, package: str, name: str = "prov", parent: str | None = None, **inputs: Any) -> str:
        return self.add(f"pulumi:providers:{package}", name, parent=parent, **inputs)

    def aws(self, region: str | None = "eu-west-1", **inputs: Any) -> str:
        return self.provider("aws", f"aws-{region}", **({"region": region} if region else {}), **inputs)

    def gcp(self, region: str = "europe-west3", **inputs: Any) -> str:
        return self.provider("gcp", f"gcp-{region}", project="p", region=region, **inputs)

    def azure(self, location: str = "westeurope") -> str:
        return self.provider("azure-native", f"azure-{location}", location=location)

    def cluster(self, kind: str, name: str, cloud: str, **cloud_inputs: Any) -> tuple[str, str]:
        """A fleet cluster component with its cloud provider and Kubernetes provider: (component, k8s provider)."""
        component = self.add(f"fleet:clusters:{kind}", name)
        self.provider(cloud, f"{name}-{cloud}", parent=component, **cloud_inputs)
        # Each cluster's kubeconfig is its own (as the program renders it from the cluster's endpoint).
        kubeconfig = f"apiVersion: v1\ncurrent-context: {name}"
        k8s = self.provider("kubernetes", f"{name}-k8s", parent=component, kubeconfig=secret(kubeconfig))
        return component, k8s

    def tenant(self, k8s: str, namespace: str, tenant: str, isolation: str = "namespace", regime: str = "gdpr") -> None:
        """A tenant namespace with every guardrail the fleet creates (so only the case's own objects matter)."""
        labels = {
            "fleet-tenant": tenant,
            "fleet-isolation": isolation,
            "fleet-residency": regime,
            "pod-security.kubernetes.io/enforce": "restricted",
        }
        annotations = {"fleet.dev/owners-admin": f"{tenant}-admins"}
        self.add(
            "kubernetes:core/v1:Namespace",
            f"{namespace}-ns",
            k8s,
            metadata={"name": namespace, "labels": labels, "annotations": annotations},
        )
        meta = {"namespace": namespace, "labels": {"fleet-tenant": tenant}}
        self.add(
            "kubernetes:core/v1:ResourceQuota",
            f"{namespace}-quota",
            k8s,
            metadata={"name": "tenant-quota", **meta},
            # As fleet/tenancy/manifests.py renders them: the pack judges what they bound.
            spec={
                "hard": {
                    "requests.cpu": "2",
                    "requests.memory": "4Gi",
                    "limits.cpu": "2",
                    "limits.memory": "4Gi",
                    "pods": "10",
                }
            },
        )
        self.add(
            "kubernetes:core/v1:LimitRange",
            f"{namespace}-limits",
            k8s,
            metadata={"name": "tenant-limits", **meta},
            spec={"limits": [{"type": "Container", "default": {"cpu": "500m", "memory": "512Mi"}}]},
        )
        self.add(
            "kubernetes:networking.k8s.io/v1:NetworkPolicy",
            f"{namespace}-deny",
            k8s,
            metadata={"name": "default-deny", **meta},
            spec={"podSelector": {}, "policyTypes": ["Ingress", "Egress"]},
        )
        self.add(
            "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
            f"{namespace}-admin",
            k8s,
            metadata={"name": "tenant-admin", **meta},
            roleRef={"kind": "ClusterRole", "name": "admin"},
            subjects=[{"kind": "Group", "name": f"{tenant}-admins"}],
        )


CASES: list[Case] = []


def case(
    id_: str, area: str, expect: str | tuple[str, ...] = (), cite: str = "", **kw: Any
) -> Callable[[Callable[[Stack], None]], Callable[[Stack], None]]:
    def register(build: Callable[[Stack], None]) -> Callable[[Stack], None]:
        rules = (expect,) if isinstance(expect, str) else expect
        CASES.append(Case(id_, area, frozenset(rules), build, cite, **kw))
        return build

    return register


# ------------------------------------------------------------------------- copies and replicas
COPIES = "copies and replicas"
DYNAMO = "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GlobalTables.html"


@case("dynamo-replica-us", COPIES, "FLEET-RES-002", DYNAMO)
def _(s: Stack) -> None:
    s.add("aws:dynamodb/table:Table", "orders", s.aws(), tags=GDPR, replicas=[{"regionName": "us-east-1"}])


@case("dynamo-replica-eu", COPIES, cite=DYNAMO)
def _(s: Stack) -> None:
    s.add("aws:dynamodb/table:Table", "orders", s.aws(), tags=GDPR, replicas=[{"regionName": "eu-central-1"}])


SM = "https://docs.aws.amazon.com/secretsmanager/latest/userguide/create-manage-multi-region-secrets.html"


@case("secret-replica-us", COPIES, "FLEET-RES-002", SM)
def _(s: Stack) -> None:
    s.add("aws:secretsmanager/secret:Secret", "db", s.aws(), tags=GDPR, replicas=[{"region": "us-west-2"}])


@case("secret-replica-eu", COPIES, cite=SM)
def _(s: Stack) -> None:
    s.add("aws:secretsmanager/secret:Secret", "db", s.aws(), tags=GDPR, replicas=[{"region": "eu-west-3"}])


RDS_XR = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.XRgn.html"


def _primary(s: Stack) -> None:
    s.add(
        "aws:rds/instance:Instance",
        "primary",
        s.aws(),
        tags=GDPR,
        identifier="orders",
        arn="arn:aws:rds:eu-west-1:111122223333:db:orders",
    )


@case("rds-read-replica-us", COPIES, "FLEET-RES-003", RDS_XR)
def _(s: Stack) -> None:
    _primary(s)
    s.add(
        "aws:rds/instance:Instance",
        "replica",
        s.aws("us-east-1"),
        replicateSourceDb="arn:aws:rds:eu-west-1:111122223333:db:orders",
    )


@case("rds-read-replica-eu", COPIES, cite=RDS_XR)
def _(s: Stack) -> None:
    _primary(s)
    s.add(
        "aws:rds/instance:Instance",
        "replica",
        s.aws("eu-central-1"),
        replicateSourceDb="arn:aws:rds:eu-west-1:111122223333:db:orders",
    )


AURORA = "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html"


def _global_cluster(s: Stack, secondary: str) -> None:
    s.add(
        "aws:rds/globalCluster:GlobalCluster",
        "global",
        s.aws(),
        globalClusterIdentifier="orders-global",
        engine="aurora-postgresql",
    )
    s.add("aws:rds/cluster:Cluster", "primary", s.aws(), tags=GDPR, globalClusterIdentifier="orders-global")
    s.add("aws:rds/cluster:Cluster", "secondary", s.aws(secondary), globalClusterIdentifier="orders-global")


@case("aurora-global-us", COPIES, "FLEET-RES-003", AURORA)
def _(s: Stack) -> None:
    _global_cluster(s, "us-east-1")


@case("aurora-global-eu", COPIES, cite=AURORA)
def _(s: Stack) -> None:
    _global_cluster(s, "eu-central-1")


BACKUP = "https://docs.aws.amazon.com/aws-backup/latest/devguide/cross-region-backup.html"


@case("backup-copy-us", COPIES, "FLEET-RES-002", BACKUP)
def _(s: Stack) -> None:
    s.add(
        "aws:backup/plan:Plan",
        "plan",
        s.aws(),
        tags=GDPR,
        rules=[
            {
                "ruleName": "daily",
                "targetVaultName": "main",
                "copyActions": [{"destinationVaultArn": "arn:aws:backup:us-west-2:111122223333:backup-vault:dr"}],
            }
        ],
    )


@case("backup-copy-eu", COPIES, cite=BACKUP)
def _(s: Stack) -> None:
    s.add(
        "aws:backup/plan:Plan",
        "plan",
        s.aws(),
        tags=GDPR,
        rules=[
            {
                "ruleName": "daily",
                "targetVaultName": "main",
                "copyActions": [{"destinationVaultArn": "arn:aws:backup:eu-central-1:111122223333:backup-vault:dr"}],
            }
        ],
    )


@case(
    "ecr-replication-us",
    COPIES,
    "FLEET-RES-002",
    "https://docs.aws.amazon.com/AmazonECR/latest/userguide/replication.html",
)
def _(s: Stack) -> None:
    provider = s.aws(defaultTags='{"tags": {"fleet-residency": "gdpr"}}')
    s.add(
        "aws:ecr/replicationConfiguration:ReplicationConfiguration",
        "ecr",
        provider,
        replicationConfiguration={"rules": [{"destinations": [{"region": "us-east-1", "registryId": "1"}]}]},
    )


S3_REPL = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication.html"


def _s3(s: Stack, destination: str | None, arn: str = "arn:aws:s3:::orders-copy") -> None:
    s.add("aws:s3/bucket:Bucket", "orders", s.aws(), bucket="orders", tags=GDPR)
    if destination:
        s.add("aws:s3/bucket:Bucket", "copy", s.aws(destination), bucket="orders-copy", tags=GDPR)
    s.add(
        "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
        "repl",
        s.aws(),
        bucket="orders",
        role="r",
        rules=[{"status": "Enabled", "destination": {"bucket": arn}}],
    )


@case("s3-replication-us", COPIES, ("FLEET-RES-001", "FLEET-RES-003"), S3_REPL)
def _(s: Stack) -> None:
    _s3(s, "us-east-1")


@case("s3-replication-outside-stack", COPIES, "FLEET-RES-003", S3_REPL)
def _(s: Stack) -> None:
    _s3(s, None, "arn:aws:s3:::somewhere-else")


@case("s3-replication-eu", COPIES, cite=S3_REPL)
def _(s: Stack) -> None:
    _s3(s, "eu-central-1")


@case("efs-replication-us", COPIES, "FLEET-RES-002", "https://docs.aws.amazon.com/efs/latest/ug/efs-replication.html")
def _(s: Stack) -> None:
    s.add(
        "aws:efs/replicationConfiguration:ReplicationConfiguration",
        "efs",
        s.aws(defaultTags='{"tags": {"fleet-residency": "gdpr"}}'),
        sourceFileSystemId="fs-1",
        destination={"region": "us-east-1"},
    )


@case(
    "dlm-cross-region-copy",
    COPIES,
    "FLEET-RES-002",
    "https://docs.aws.amazon.com/ebs/latest/userguide/snapshot-ami-policy.html",
)
def _(s: Stack) -> None:
    s.add(
        "aws:dlm/lifecyclePolicy:LifecyclePolicy",
        "snapshots",
        s.aws(),
        tags=GDPR,
        description="daily",
        executionRoleArn="arn:aws:iam::1:role/dlm",
        state="ENABLED",
        policyDetails={
            "schedules": [{"name": "d", "crossRegionCopyRules": [{"targetRegion": "us-east-1", "encrypted": True}]}]
        },
    )


GSM = "https://cloud.google.com/secret-manager/docs/choosing-replication"


@case("gcp-secret-automatic", COPIES, "FLEET-RES-001", GSM)
def _(s: Stack) -> None:
    s.add("gcp:secretmanager/secret:Secret", "db", s.gcp(), secretId="db", labels=GDPR, replication={"auto": {}})


@case("gcp-secret-user-managed", COPIES, cite=GSM)
def _(s: Stack) -> None:
    s.add(
        "gcp:secretmanager/secret:Secret",
        "db",
        s.gcp(),
        secretId="db",
        labels=GDPR,
        replication={"userManaged": {"replicas": [{"location": "europe-west1"}, {"location": "europe-west4"}]}},
    )


PUBSUB = "https://cloud.google.com/pubsub/docs/resource-location-restriction"


@case("pubsub-no-storage-policy", COPIES, "FLEET-RES-001", PUBSUB)
def _(s: Stack) -> None:
    s.add("gcp:pubsub/topic:Topic", "events", s.gcp(), labels=GDPR)


@case("pubsub-storage-policy-eu", COPIES, cite=PUBSUB)
def _(s: Stack) -> None:
    s.add(
        "gcp:pubsub/topic:Topic",
        "events",
        s.gcp(),
        labels=GDPR,
        messageStoragePolicy={"allowedPersistenceRegions": ["europe-west3", "europe-west1"]},
    )


SPANNER = "https://cloud.google.com/spanner/docs/instance-configurations"


@case("spanner-multi-continent", COPIES, "FLEET-RES-001", SPANNER)
def _(s: Stack) -> None:
    s.add("gcp:spanner/instance:Instance", "ledger", s.gcp(), config="nam-eur-asia1", displayName="l", labels=GDPR)


@case("spanner-regional-eu", COPIES, cite=SPANNER)
def _(s: Stack) -> None:
    s.add(
        "gcp:spanner/instance:Instance", "ledger", s.gcp(), config="regional-europe-west3", displayName="l", labels=GDPR
    )


FIRESTORE = "https://cloud.google.com/firestore/docs/locations"


@case("firestore-nam5", COPIES, "FLEET-RES-001", FIRESTORE, config={"stackRegime": "gdpr"})
def _(s: Stack) -> None:
    s.add("gcp:firestore/database:Database", "app", s.gcp(), locationId="nam5", type="FIRESTORE_NATIVE")


@case("firestore-eur3", COPIES, cite=FIRESTORE, config={"stackRegime": "gdpr"})
def _(s: Stack) -> None:
    s.add("gcp:firestore/database:Database", "app", s.gcp(), locationId="eur3", type="FIRESTORE_NATIVE")


CLOUDSQL = "https://cloud.google.com/sql/docs/mysql/backup-recovery/backups#custom-backup-location"


@case("cloudsql-backups-nearest-multiregion", COPIES, "FLEET-RES-002", CLOUDSQL)
def _(s: Stack) -> None:
    s.add(
        "gcp:sql/databaseInstance:DatabaseInstance",
        "uk-db",
        s.gcp("europe-west2"),
        region="europe-west2",
        databaseVersion="POSTGRES_16",
        settings={"tier": "db-f1-micro", "userLabels": {"fleet-residency": "uk"}},
    )


@case("cloudsql-backups-pinned", COPIES, cite=CLOUDSQL)
def _(s: Stack) -> None:
    s.add(
        "gcp:sql/databaseInstance:DatabaseInstance",
        "uk-db",
        s.gcp("europe-west2"),
        region="europe-west2",
        databaseVersion="POSTGRES_16",
        settings={
            "tier": "db-f1-micro",
            "userLabels": {"fleet-residency": "uk"},
            "backupConfiguration": {"enabled": True, "location": "europe-west2"},
        },
    )


AZ_STORAGE = "https://learn.microsoft.com/en-us/azure/storage/common/storage-redundancy"


@case("azure-grs-pair-outside", COPIES, "FLEET-RES-002", AZ_STORAGE, config={"regimes": IE})
def _(s: Stack) -> None:
    s.add(
        "azure-native:storage:StorageAccount",
        "acct",
        s.azure("northeurope"),
        location="northeurope",
        resourceGroupName="rg",
        kind="StorageV2",
        sku={"name": "Standard_GRS"},
        tags={"fleet-residency": "ie"},
    )


@case("azure-lrs", COPIES, cite=AZ_STORAGE, config={"regimes": IE})
def _(s: Stack) -> None:
    s.add(
        "azure-native:storage:StorageAccount",
        "acct",
        s.azure("northeurope"),
        location="northeurope",
        resourceGroupName="rg",
        kind="StorageV2",
        sku={"name": "Standard_ZRS"},
        tags={"fleet-residency": "ie"},
    )


AZ_SQL_BACKUP = "https://learn.microsoft.com/en-us/azure/azure-sql/database/automated-backups-overview"


@case("azure-sql-default-geo-backup", COPIES, "FLEET-RES-002", AZ_SQL_BACKUP, config={"regimes": IE})
def _(s: Stack) -> None:
    s.add(
        "azure-native:sql:Database",
        "db",
        s.azure("northeurope"),
        location="northeurope",
        resourceGroupName="rg",
        serverName="sql",
        tags={"fleet-residency": "ie"},
    )


@case("azure-sql-local-backup", COPIES, cite=AZ_SQL_BACKUP, config={"regimes": IE})
def _(s: Stack) -> None:
    s.add(
        "azure-native:sql:Database",
        "db",
        s.azure("northeurope"),
        location="northeurope",
        resourceGroupName="rg",
        serverName="sql",
        requestedBackupStorageRedundancy="Local",
        tags={"fleet-residency": "ie"},
    )


@case(
    "azure-postgres-geo-backup",
    COPIES,
    "FLEET-RES-002",
    "https://learn.microsoft.com/en-us/azure/postgresql/flexible-server/concepts-backup-restore",
    config={"regimes": BR},
)
def _(s: Stack) -> None:
    s.add(
        "azure-native:dbforpostgresql:Server",
        "pg",
        s.azure("brazilsouth"),
        location="brazilsouth",
        resourceGroupName="rg",
        backup={"geoRedundantBackup": "Enabled"},
        tags={"fleet-residency": "br"},
    )


COSMOS = "https://learn.microsoft.com/en-us/azure/cosmos-db/distribute-data-globally"


@case("cosmos-second-region-us", COPIES, "FLEET-RES-002", COSMOS)
def _(s: Stack) -> None:
    s.add(
        "azure-native:cosmosdb:DatabaseAccount",
        "docs",
        s.azure(),
        location="westeurope",
        resourceGroupName="rg",
        databaseAccountOfferType="Standard",
        tags=GDPR,
        backupPolicy={"type": "Continuous"},
        locations=[
            {"locationName": "westeurope", "failoverPriority": 0},
            {"locationName": "eastus", "failoverPriority": 1},
        ],
    )


@case("cosmos-two-eu-regions", COPIES, cite=COSMOS)
def _(s: Stack) -> None:
    s.add(
        "azure-native:cosmosdb:DatabaseAccount",
        "docs",
        s.azure(),
        location="westeurope",
        resourceGroupName="rg",
        databaseAccountOfferType="Standard",
        tags=GDPR,
        backupPolicy={"type": "Periodic", "periodicModeProperties": {"backupStorageRedundancy": "Local"}},
        locations=[
            {"locationName": "westeurope", "failoverPriority": 0},
            {"locationName": "northeurope", "failoverPriority": 1},
        ],
    )


FAILOVER = "https://learn.microsoft.com/en-us/azure/azure-sql/database/failover-group-sql-db"


def _failover(s: Stack, partner_location: str) -> None:
    provider = s.azure()
    s.add(
        "azure-native:sql:Server",
        "primary",
        provider,
        location="westeurope",
        resourceGroupName="rg",
        serverName="sql-eu",
        tags=GDPR,
        id="/subscriptions/s/resourceGroups/rg/providers/Microsoft.Sql/servers/sql-eu",
    )
    partner = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Sql/servers/sql-dr"
    s.add(
        "azure-native:sql:Server",
        "partner",
        provider,
        location=partner_location,
        resourceGroupName="rg",
        serverName="sql-dr",
        id=partner,
    )
    s.add(
        "azure-native:sql:FailoverGroup",
        "fog",
        provider,
        resourceGroupName="rg",
        serverName="sql-eu",
        tags=GDPR,
        partnerServers=[{"id": partner}],
        readWriteEndpoint={"failoverPolicy": "Automatic", "failoverWithDataLossGracePeriodMinutes": 60},
    )


@case("sql-failover-partner-us", COPIES, "FLEET-RES-003", FAILOVER)
def _(s: Stack) -> None:
    _failover(s, "eastus")


@case("sql-failover-partner-eu", COPIES, cite=FAILOVER)
def _(s: Stack) -> None:
    _failover(s, "northeurope")


KV = "https://learn.microsoft.com/en-us/azure/key-vault/general/disaster-recovery-guidance"


@case("key-vault-pair-outside", COPIES, "FLEET-RES-002", KV, config={"regimes": IE})
def _(s: Stack) -> None:
    s.add(
        "azure-native:keyvault:Vault",
        "kv",
        s.azure("northeurope"),
        location="northeurope",
        resourceGroupName="rg",
        properties={"tenantId": "t", "sku": {"family": "A", "name": "standard"}},
        tags={"fleet-residency": "ie"},
    )


@case("key-vault-single-region-geography", COPIES, cite=KV, config={"regimes": BR})
def _(s: Stack) -> None:
    s.add(
        "azure-native:keyvault:Vault",
        "kv",
        s.azure("brazilsouth"),
        location="brazilsouth",
        resourceGroupName="rg",
        properties={"tenantId": "t", "sku": {"family": "A", "name": "standard"}},
        tags={"fleet-residency": "br"},
    )


@case(
    "acr-replication-us",
    COPIES,
    "FLEET-RES-003",
    "https://learn.microsoft.com/en-us/azure/container-registry/container-registry-geo-replication",
)
def _(s: Stack) -> None:
    provider = s.azure()
    s.add(
        "azure-native:containerregistry:Registry",
        "acr",
        provider,
        location="westeurope",
        resourceGroupName="rg",
        registryName="acmeacr",
        sku={"name": "Premium"},
        tags=GDPR,
    )
    s.add(
        "azure-native:containerregistry:Replication",
        "acr-us",
        provider,
        location="eastus",
        resourceGroupName="rg",
        registryName="acmeacr",
    )


@case(
    "gallery-target-region-us",
    COPIES,
    "FLEET-RES-002",
    "https://learn.microsoft.com/en-us/azure/virtual-machines/azure-compute-gallery",
)
def _(s: Stack) -> None:
    s.add(
        "azure-native:compute:GalleryImageVersion",
        "img",
        s.azure(),
        location="westeurope",
        resourceGroupName="rg",
        galleryName="g",
        galleryImageName="base",
        tags=GDPR,
        publishingProfile={"targetRegions": [{"name": "westeurope"}, {"name": "eastus"}]},
    )


@case("gcs-dual-region-london", COPIES, "FLEET-RES-001", "https://cloud.google.com/storage/docs/locations#predefined")
def _(s: Stack) -> None:
    s.add("gcp:storage/bucket:Bucket", "b", s.gcp(), location="EUR5", labels=GDPR)


@case(
    "bigquery-default-us", COPIES, "FLEET-RES-001", "https://cloud.google.com/bigquery/docs/locations#specify_locations"
)
def _(s: Stack) -> None:
    s.add("gcp:bigquery/dataset:Dataset", "ds", s.gcp(), datasetId="ds", labels=GDPR)


# ------------------------------------------------------------------------- global services
GLOBAL = "global services"
IAM = "https://docs.aws.amazon.com/IAM/latest/UserGuide/introduction.html"


@case("iam-role-provider-us", GLOBAL, cite=IAM)
def _(s: Stack) -> None:
    s.add("aws:iam/role:Role", "app", s.aws("us-east-1"), tags=GDPR, assumeRolePolicy="{}")


@case("iam-policy-provider-us", GLOBAL, cite=IAM)
def _(s: Stack) -> None:
    s.add("aws:iam/policy:Policy", "app", s.aws("us-east-1"), tags=GDPR, policy="{}")


@case("route53-zone-provider-us", GLOBAL, cite="https://docs.aws.amazon.com/general/latest/gr/r53.html")
def _(s: Stack) -> None:
    s.add("aws:route53/zone:Zone", "zone", s.aws("us-east-1"), name="example.eu", tags=GDPR)


@case(
    "cloudfront-distribution",
    GLOBAL,
    "FLEET-RES-001",
    "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/HowCloudFrontWorks.html",
)
def _(s: Stack) -> None:
    s.add("aws:cloudfront/distribution:Distribution", "cdn", s.aws(), tags=GDPR, enabled=True)


@case(
    "azure-front-door", GLOBAL, "FLEET-RES-001", "https://learn.microsoft.com/en-us/azure/frontdoor/front-door-overview"
)
def _(s: Stack) -> None:
    s.add(
        "azure-native:cdn:Profile",
        "afd",
        s.azure(),
        location="global",
        resourceGroupName="rg",
        sku={"name": "Standard_AzureFrontDoor"},
        tags=GDPR,
    )


@case("kms-keyring-global", GLOBAL, "FLEET-RES-001", "https://cloud.google.com/kms/docs/locations")
def _(s: Stack) -> None:
    s.add(
        "gcp:kms/keyRing:KeyRing",
        "ring",
        s.gcp(defaultLabels='{"fleet-residency": "gdpr"}'),
        location="global",
        name="ring",
    )


@case("backend-bucket-cdn", GLOBAL, "FLEET-RES-002", "https://cloud.google.com/cdn/docs/overview")
def _(s: Stack) -> None:
    s.add(
        "gcp:compute/backendBucket:BackendBucket",
        "static",
        s.gcp(defaultLabels='{"fleet-residency": "gdpr"}'),
        bucketName="static",
        enableCdn=True,
    )


@case("kms-key-inside", GLOBAL, cite="https://docs.aws.amazon.com/kms/latest/developerguide/overview.html")
def _(s: Stack) -> None:
    s.add("aws:kms/key:Key", "key", s.aws("eu-central-1"), tags=GDPR)
    s.add("aws:iam/role:Role", "key-user", s.aws("eu-central-1"), tags=GDPR, assumeRolePolicy="{}")


@case("key-vault-inside", GLOBAL, cite=KV)
def _(s: Stack) -> None:
    s.add(
        "azure-native:keyvault:Vault",
        "kv",
        s.azure("germanywestcentral"),
        location="germanywestcentral",
        resourceGroupName="rg",
        properties={"tenantId": "t", "sku": {"family": "A", "name": "standard"}},
        tags=GDPR,
    )


# ------------------------------------------------------------------------- where the regime comes from
REGIME = "regime sources"
DEFAULT_TAGS = "https://www.pulumi.com/registry/packages/aws/api-docs/provider/#default_tags"


@case("aws-default-tags-outside", REGIME, "FLEET-RES-001", DEFAULT_TAGS)
def _(s: Stack) -> None:
    s.add("aws:sqs/queue:Queue", "q", s.aws("us-east-1", defaultTags='{"tags": {"fleet-residency": "gdpr"}}'))


@case("aws-default-tags-inside", REGIME, cite=DEFAULT_TAGS)
def _(s: Stack) -> None:
    s.add("aws:sqs/queue:Queue", "q", s.aws("eu-west-1", defaultTags='{"tags": {"fleet-residency": "gdpr"}}'))


@case(
    "gcp-default-labels-outside",
    REGIME,
    "FLEET-RES-001",
    "https://www.pulumi.com/registry/packages/gcp/api-docs/provider/",
)
def _(s: Stack) -> None:
    s.add("gcp:storage/bucket:Bucket", "b", s.gcp(defaultLabels='{"fleet-residency": "gdpr"}'), location="US")


@case(
    "cloudsql-user-labels-outside",
    REGIME,
    ("FLEET-RES-001", "FLEET-RES-002"),
    "https://cloud.google.com/sql/docs/mysql/label-instance",
)
def _(s: Stack) -> None:
    s.add(
        "gcp:sql/databaseInstance:DatabaseInstance",
        "db",
        s.gcp("us-central1"),
        region="us-central1",
        databaseVersion="MYSQL_8_0",
        settings={"tier": "db-f1-micro", "userLabels": GDPR},
    )


@case("cloudsql-user-labels-inside", REGIME, cite="https://cloud.google.com/sql/docs/mysql/label-instance")
def _(s: Stack) -> None:
    s.add(
        "gcp:sql/databaseInstance:DatabaseInstance",
        "db",
        s.gcp(),
        region="europe-west3",
        databaseVersion="MYSQL_8_0",
        settings={"tier": "db-f1-micro", "userLabels": GDPR, "backupConfiguration": {"location": "europe-west3"}},
    )


@case("stack-regime-untagged-outside", REGIME, "FLEET-RES-001", S3_REPL, config={"stackRegime": "gdpr"})
def _(s: Stack) -> None:
    s.add("aws:s3/bucket:Bucket", "b", s.aws("us-east-1"), bucket="b")


# ------------------------------------------------------------------------- other packages
PACKAGES = "other packages"


@case(
    "aws-native-in-regulated-stack", PACKAGES, "FLEET-RES-006", "https://www.pulumi.com/registry/packages/aws-native/"
)
def _(s: Stack) -> None:
    s.add("aws:sqs/queue:Queue", "q", s.aws(), tags=GDPR)
    s.add(
        "aws-native:s3:Bucket",
        "native",
        s.provider("aws-native", region="us-east-1"),
        tags=[{"key": "team", "value": "x"}],
    )


@case("classic-azure-tagged", PACKAGES, "FLEET-RES-006", "https://www.pulumi.com/registry/packages/azure/")
def _(s: Stack) -> None:
    s.add(
        "azure:storage/account:Account",
        "acct",
        s.provider("azure", location="eastus"),
        location="eastus",
        accountReplicationType="GRS",
        tags=GDPR,
    )


@case(
    "google-native-in-regulated-stack",
    PACKAGES,
    "FLEET-RES-006",
    "https://www.pulumi.com/registry/packages/google-native/",
)
def _(s: Stack) -> None:
    s.add("gcp:storage/bucket:Bucket", "b", s.gcp(), location="EU", labels=GDPR)
    s.add("google-native:storage/v1:Bucket", "native", s.provider("google-native", project="p"), location="US")


@case("aws-native-unregulated-stack", PACKAGES, cite="https://www.pulumi.com/registry/packages/aws-native/")
def _(s: Stack) -> None:
    s.add("aws:sqs/queue:Queue", "q", s.aws(), tags=NONE)
    s.add("aws-native:s3:Bucket", "native", s.provider("aws-native", region="us-east-1"))


@case("random-in-regulated-stack", PACKAGES, cite="https://www.pulumi.com/registry/packages/random/")
def _(s: Stack) -> None:
    s.add("aws:sqs/queue:Queue", "q", s.aws(), tags=GDPR)
    s.add("random:index/randomPassword:RandomPassword", "pw", s.provider("random"), length=24)


# ------------------------------------------------------------------------- fail closed
CLOSED = "fail closed"


@case(
    "no-region-anywhere",
    CLOSED,
    "FLEET-RES-001",
    "https://www.pulumi.com/registry/packages/aws/installation-configuration/",
)
def _(s: Stack) -> None:
    s.add("aws:sqs/queue:Queue", "q", s.aws(None), tags=GDPR)


@case("unsurveyed-type", CLOSED, "FLEET-RES-001", "https://www.pulumi.com/registry/packages/aws/")
def _(s: Stack) -> None:
    s.add("aws:futureservice/store:Store", "x", s.aws(), tags=GDPR)


AZ_RG = "https://github.com/pulumi/pulumi-azure-native/issues/66"


@case("azure-location-from-group-outside", CLOSED, "FLEET-RES-003", AZ_RG)
def _(s: Stack) -> None:
    provider = s.azure("westeurope")
    s.add("azure-native:resources:ResourceGroup", "rg", provider, resourceGroupName="rg-us", location="eastus")
    s.add(
        "azure-native:storage:StorageAccount",
        "acct",
        provider,
        resourceGroupName="rg-us",
        kind="StorageV2",
        sku={"name": "Standard_LRS"},
        tags=GDPR,
    )


@case("azure-location-from-group-inside", CLOSED, cite=AZ_RG)
def _(s: Stack) -> None:
    provider = s.azure("westeurope")
    s.add("azure-native:resources:ResourceGroup", "rg", provider, resourceGroupName="rg-eu", location="westeurope")
    s.add(
        "azure-native:storage:StorageAccount",
        "acct",
        provider,
        resourceGroupName="rg-eu",
        kind="StorageV2",
        sku={"name": "Standard_LRS"},
        tags=GDPR,
    )


@case("regional-inside", CLOSED, cite="https://docs.aws.amazon.com/general/latest/gr/rande.html")
def _(s: Stack) -> None:
    s.add("aws:s3/bucket:Bucket", "b", s.aws(), bucket="b", tags=GDPR, region="eu-north-1")
    s.add("gcp:storage/bucket:Bucket", "g", s.gcp(), location="europe-west4", labels=GDPR)


# ------------------------------------------------------------------------- Kubernetes
K8S = "kubernetes"
NETPOL = "https://kubernetes.io/docs/concepts/services-networking/network-policies/"


def _tenant_cluster(s: Stack) -> str:
    _, k8s = s.cluster("EksCluster", "c1", "aws", region="eu-central-1")
    s.tenant(k8s, "team", "team")
    return k8s


@case("netpol-ingress-anywhere", K8S, "FLEET-TEN-003", NETPOL)
def _(s: Stack) -> None:
    k8s = _tenant_cluster(s)
    s.add(
        "kubernetes:networking.k8s.io/v1:NetworkPolicy",
        "open",
        k8s,
        metadata={"name": "open", "namespace": "team"},
        spec={"podSelector": {}, "policyTypes": ["Ingress"], "ingress": [{}]},
    )


@case("netpol-egress-all-addresses", K8S, "FLEET-TEN-003", NETPOL)
def _(s: Stack) -> None:
    k8s = _tenant_cluster(s)
    s.add(
        "kubernetes:networking.k8s.io/v1:NetworkPolicy",
        "out",
        k8s,
        metadata={"name": "out", "namespace": "team"},
        spec={"podSelector": {}, "policyTypes": ["Egress"], "egress": [{"to": [{"ipBlock": {"cidr": "0.0.0.0/0"}}]}]},
    )


SERVER_KUBECONFIG = (
    "apiVersion: v1\nclusters: [{name: c1, cluster: {server: 'https://10.0.0.1'}}]\n"
    "contexts: [{name: c1, context: {cluster: c1}}]\ncurrent-context: c1\n"
)
PROVIDER_DOC = "https://www.pulumi.com/registry/packages/kubernetes/api-docs/provider/"


def _cluster_with_server(s: Stack) -> str:
    """A tenant cluster whose kubeconfig names its API server, so another provider can be matched to it."""
    component = s.add("fleet:clusters:EksCluster", "c1")
    s.provider("aws", "c1-aws", parent=component, region="eu-central-1")
    k8s = s.provider("kubernetes", "c1-k8s", parent=component, kubeconfig=secret(SERVER_KUBECONFIG))
    s.tenant(k8s, "team", "team")
    return k8s


@case("netpol-through-a-second-provider-default-namespace", K8S, "FLEET-TEN-003", PROVIDER_DOC)
def _(s: Stack) -> None:
    _cluster_with_server(s)
    side = s.provider("kubernetes", "side", kubeconfig=secret(SERVER_KUBECONFIG), namespace="team")
    s.add(
        "kubernetes:networking.k8s.io/v1:NetworkPolicy",
        "open",
        side,
        metadata={"name": "open"},
        spec={"podSelector": {}, "ingress": [{"from": [{"ipBlock": {"cidr": "10.0.0.0/8"}}]}]},
    )


@case("netpol-peers-named-through-a-second-provider", K8S, cite=PROVIDER_DOC)
def _(s: Stack) -> None:
    _cluster_with_server(s)
    side = s.provider("kubernetes", "side", kubeconfig=secret(SERVER_KUBECONFIG), namespace="team")
    peer = {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "web"}}}
    s.add(
        "kubernetes:networking.k8s.io/v1:NetworkPolicy",
        "peers",
        side,
        metadata={"name": "peers"},
        spec={"podSelector": {}, "policyTypes": ["Ingress"], "ingress": [{"from": [peer]}]},
    )


@case("quota-bounding-nothing", K8S, "FLEET-TEN-001", "https://kubernetes.io/docs/concepts/policy/resource-quotas/")
def _(s: Stack) -> None:
    k8s = _tenant_cluster(s)
    s.add("kubernetes:core/v1:ResourceQuotaPatch", "q", k8s, metadata={"name": "tenant-quota", "namespace": "team"},
          spec={"scopes": ["BestEffort"]})  # fmt: skip


@case(
    "service-external-ips",
    K8S,
    "FLEET-TEN-007",
    "https://kubernetes.io/docs/concepts/services-networking/service/#external-ips",
)
def _(s: Stack) -> None:
    k8s = _tenant_cluster(s)
    s.add("kubernetes:core/v1:Service", "svc", k8s, metadata={"name": "web", "namespace": "team"},
          spec={"ports": [{"port": 80}], "externalIPs": ["10.0.0.9"]})  # fmt: skip


@case(
    "tenant-webhook-sees-every-namespace",
    K8S,
    "FLEET-TEN-008",
    "https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/#matching-requests-namespaceselector",
)
def _(s: Stack) -> None:
    k8s = _tenant_cluster(s)
    hook = {"name": "v.team.example.com", "clientConfig": {"service": {"namespace": "team", "name": "hook"}},
            "rules": [{"apiGroups": [""], "apiVersions": ["v1"], "resources": ["secrets"], "operations": ["CREATE"]}],
            "sideEffects": "None", "admissionReviewVersions": ["v1"]}  # fmt: skip
    s.add("kubernetes:admissionregistration.k8s.io/v1:ValidatingWebhookConfiguration", "hooks", k8s,
          metadata={"name": "team-hooks"}, webhooks=[hook])  # fmt: skip


@case("netpol-internet-egress-like-the-fleet", K8S, cite=NETPOL)
def _(s: Stack) -> None:
    k8s = _tenant_cluster(s)
    s.add(
        "kubernetes:networking.k8s.io/v1:NetworkPolicy",
        "out",
        k8s,
        metadata={"name": "out", "namespace": "team"},
        spec={
            "podSelector": {},
            "policyTypes": ["Egress"],
            "egress": [{"to": [{"ipBlock": {"cidr": "0.0.0.0/0", "except": PRIVATE}}]}],
        },
    )


RBAC = "https://kubernetes.io/docs/reference/access-authn-authz/rbac/"


@case("rolebinding-cluster-admin", K8S, "FLEET-TEN-004", RBAC)
def _(s: Stack) -> None:
    k8s = _tenant_cluster(s)
    s.add(
        "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
        "god",
        k8s,
        metadata={"name": "god", "namespace": "team"},
        roleRef={"kind": "ClusterRole", "name": "cluster-admin"},
        subjects=[{"kind": "Group", "name": "team-admins"}],
    )


@case("rolebinding-edit", K8S, cite=RBAC)
def _(s: Stack) -> None:
    k8s = _tenant_cluster(s)
    s.add(
        "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
        "ci",
        k8s,
        metadata={"name": "ci", "namespace": "team"},
        roleRef={"kind": "ClusterRole", "name": "edit"},
        subjects=[{"kind": "ServiceAccount", "name": "ci", "namespace": "team"}],
    )


@case("crb-tenant-service-account-group", K8S, "FLEET-TEN-002", RBAC)
def _(s: Stack) -> None:
    k8s = _tenant_cluster(s)
    s.add(
        "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding",
        "sa-view",
        k8s,
        metadata={"name": "sa-view"},
        roleRef={"kind": "ClusterRole", "name": "view"},
        subjects=[{"kind": "Group", "name": "system:serviceaccounts:team"}],
    )


RB = "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding"
ROLE = "kubernetes:rbac.authorization.k8s.io/v1:Role"
CLUSTER_ROLE = "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole"
RBAC_DEFAULTS = "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles"
AGGREGATED = "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#aggregated-clusterroles"


@case("rolebinding-all-authenticated-users", K8S, "FLEET-TEN-009", RBAC)
def _(s: Stack) -> None:
    k8s = _tenant_cluster(s)
    s.add(
        RB,
        "everyone",
        k8s,
        metadata={"name": "everyone", "namespace": "team"},
        roleRef={"kind": "ClusterRole", "name": "view"},
        subjects=[{"kind": "Group", "name": "system:authenticated"}],
    )


@case("rolebinding-other-tenants-service-account", K8S, "FLEET-TEN-009", RBAC)
def _(s: Stack) -> None:
    k8s = _tenant_cluster(s)
    s.tenant(k8s, "web", "web")
    s.add(
        RB,
        "web-ci",
        k8s,
        metadata={"name": "web-ci", "namespace": "team"},
        roleRef={"kind": "ClusterRole", "name": "edit"},
        subjects=[{"kind": "ServiceAccount", "name": "ci", "namespace": "web"}],
    )


@case("rolebinding-wildcard-role", K8S, "FLEET-TEN-004", RBAC)
def _(s: Stack) -> None:
    k8s = _tenant_cluster(s)
    s.add(
        ROLE,
        "all",
        k8s,
        metadata={"name": "all", "namespace": "team"},
        rules=[{"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}],
    )
    s.add(
        RB,
        "all",
        k8s,
        metadata={"name": "all", "namespace": "team"},
        roleRef={"kind": "Role", "name": "all"},
        subjects=[{"kind": "Group", "name": "team-admins"}],
    )


@case("rolebinding-quota-writer", K8S, "FLEET-TEN-004", RBAC_DEFAULTS)
def _(s: Stack) -> None:
    k8s = _tenant_cluster(s)
    s.add(
        CLUSTER_ROLE,
        "quota",
        k8s,
        metadata={"name": "quota-editor"},
        rules=[{"apiGroups": [""], "resources": ["resourcequotas"], "verbs": ["get", "update", "patch"]}],
    )
    s.add(
        RB,
        "quota",
        k8s,
        metadata={"name": "quota", "namespace": "team"},
        roleRef={"kind": "ClusterRole", "name": "quota-editor"},
        subjects=[{"kind": "Group", "name": "team-admins"}],
    )


@case("rolebinding-narrow-role", K8S, cite=RBAC_DEFAULTS)
def _(s: Stack) -> None:
    k8s = _tenant_cluster(s)
    s.add(
        ROLE,
        "reader",
        k8s,
        metadata={"name": "reader", "namespace": "team"},
        rules=[
            {"apiGroups": [""], "resources": ["configmaps", "resourcequotas"], "verbs": ["get", "list"]},
            {"apiGroups": ["rbac.authorization.k8s.io"], "resources": ["rolebindings"], "verbs": ["create"]},
        ],
    )
    s.add(
        RB,
        "reader",
        k8s,
        metadata={"name": "reader", "namespace": "team"},
        roleRef={"kind": "Role", "name": "reader"},
        subjects=[{"kind": "ServiceAccount", "name": "app", "namespace": "team"}],
    )


@case("aggregate-wildcard-into-edit", K8S, "FLEET-TEN-010", AGGREGATED)
def _(s: Stack) -> None:
    k8s = _tenant_cluster(s)
    s.add(
        CLUSTER_ROLE,
        "agg",
        k8s,
        metadata={"name": "extra-edit", "labels": {"rbac.authorization.k8s.io/aggregate-to-edit": "true"}},
        rules=[{"apiGroups": [""], "resources": ["*"], "verbs": ["*"]}],
    )


@case("aggregate-crd-read-into-view", K8S, cite=AGGREGATED)
def _(s: Stack) -> None:
    k8s = _tenant_cluster(s)
    s.add(
        CLUSTER_ROLE,
        "agg",
        k8s,
        metadata={"name": "crontab-view", "labels": {"rbac.authorization.k8s.io/aggregate-to-view": "true"}},
        rules=[{"apiGroups": ["stable.example.com"], "resources": ["crontabs"], "verbs": ["get", "list", "watch"]}],
    )


# Kubernetes binds this role to every service account; binding it to unauthenticated callers too, so
# outside verifiers can read the OIDC discovery document and keys, is the documented setup for them
# (https://developer.hashicorp.com/vault/docs/auth/jwt/oidc-providers/kubernetes).
ISSUER_DISCOVERY = (
    "https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/"
    "#service-account-issuer-discovery"
)


@case("crb-oidc-discovery-unauthenticated", K8S, cite=ISSUER_DISCOVERY)
def _(s: Stack) -> None:
    k8s = _tenant_cluster(s)
    s.add(
        "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding",
        "oidc",
        k8s,
        metadata={"name": "oidc-reviewer"},
        roleRef={"kind": "ClusterRole", "name": "system:service-account-issuer-discovery"},
        subjects=[{"kind": "Group", "name": "system:unauthenticated"}],
    )


def _dedicated(s: Stack, shared: bool) -> None:
    _, k8s = s.cluster("EksCluster", "ledger", "aws", region="eu-central-1")
    s.tenant(k8s, "ledger", "ledger", isolation="cluster")
    if shared:
        s.tenant(k8s, "web", "web")
    s.add(
        "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding",
        "ledger-admins",
        k8s,
        metadata={
            "name": "fleet-tenant-ledger-cluster-admin",
            "labels": {"fleet-tenant": "ledger", "fleet-isolation": "cluster"},
        },
        roleRef={"kind": "ClusterRole", "name": "cluster-admin"},
        subjects=[{"kind": "Group", "name": "ledger-admins"}],
    )


@case("dedicated-claim-on-shared-cluster", K8S, ("FLEET-TEN-002", "FLEET-TEN-005"), RBAC)
def _(s: Stack) -> None:
    _dedicated(s, shared=True)


@case("dedicated-cluster-admins", K8S, cite=RBAC)
def _(s: Stack) -> None:
    _dedicated(s, shared=False)


CONFIG = "https://kubernetes.io/docs/concepts/configuration/configmap/"


@case("configmap-password", K8S, "FLEET-SEC-002", CONFIG)
def _(s: Stack) -> None:
    k8s = _tenant_cluster(s)
    s.add(
        "kubernetes:core/v1:ConfigMap",
        "app",
        k8s,
        metadata={"name": "app", "namespace": "team"},
        data={"DB_HOST": "db", "DB_PASSWORD": "hunter2"},
    )


@case("configmap-plain-settings", K8S, cite=CONFIG)
def _(s: Stack) -> None:
    k8s = _tenant_cluster(s)
    s.add(
        "kubernetes:core/v1:ConfigMap",
        "app",
        k8s,
        metadata={"name": "app", "namespace": "team"},
        data={"LOG_LEVEL": "info"},
    )


SECRETS = "https://www.pulumi.com/docs/iac/concepts/secrets/"


@case("secret-unmasked", K8S, "FLEET-SEC-002", SECRETS)
def _(s: Stack) -> None:
    k8s = _tenant_cluster(s)
    s.add(
        "kubernetes:core/v1:Secret",
        "db",
        k8s,
        metadata={"name": "db", "namespace": "team"},
        stringData={"password": "hunter2"},
    )


@case("secret-masked", K8S, cite=SECRETS)
def _(s: Stack) -> None:
    k8s = _tenant_cluster(s)
    s.add(
        "kubernetes:core/v1:Secret",
        "db",
        k8s,
        metadata={"name": "db", "namespace": "team"},
        stringData=secret({"password": "hunter2"}),
    )


@case("helm-values-password", K8S, "FLEET-SEC-002", SECRETS)
def _(s: Stack) -> None:
    k8s = _tenant_cluster(s)
    s.add(
        "kubernetes:helm.sh/v3:Release",
        "db",
        k8s,
        chart="postgresql",
        namespace="team",
        values={"auth": {"postgresPassword": "hunter2"}},
    )


@case("output-connection-string", K8S, "FLEET-SEC-001", SECRETS)
def _(s: Stack) -> None:
    s.add("aws:sqs/queue:Queue", "q", s.aws(), tags=NONE)
    s.outputs["dbConnectionString"] = "postgres://app@db:5432/app"


@case("output-nested-password", K8S, "FLEET-SEC-001", SECRETS)
def _(s: Stack) -> None:
    s.add("aws:sqs/queue:Queue", "q", s.aws(), tags=NONE)
    s.outputs["database"] = {"host": "db", "password": "hunter2"}


@case("output-secret", K8S, cite=SECRETS)
def _(s: Stack) -> None:
    s.add("aws:sqs/queue:Queue", "q", s.aws(), tags=NONE)
    s.outputs["database"] = secret({"host": "db", "password": "hunter2"})


# ------------------------------------------------------------------------- tenants on clusters
CLUSTERS = "tenants on clusters"
V7 = "https://www.pulumi.com/registry/packages/aws/how-to-guides/aws-enhanced-region-support/"


# The cluster resources of these cases hold a gdpr tenant in an account or project that neither
# the provider pins nor a cloud guardrail covers: FLEET-GRD-001 refuses that too.
@case("eks-region-override", CLUSTERS, ("FLEET-RES-001", "FLEET-RES-004", "FLEET-GRD-001"), V7)
def _(s: Stack) -> None:
    component, k8s = s.cluster("EksCluster", "c1", "aws", region="eu-central-1")
    aws = s.resources[-2].urn
    s.add(
        "aws:eks/cluster:Cluster",
        "c1-eks",
        aws,
        parent=component,
        region="us-east-1",
        tags=GDPR,
        roleArn="r",
        vpcConfig={"endpointPublicAccess": False},
        encryptionConfig={"resources": ["secrets"], "provider": {"keyArn": "k"}},
        enabledClusterLogTypes=["audit"],
    )
    s.tenant(k8s, "team", "team")


@case("gke-zone-only-provider-inside", CLUSTERS, cite="https://cloud.google.com/compute/docs/regions-zones")
def _(s: Stack) -> None:
    _, k8s = s.cluster("GkeCluster", "c2", "gcp", project="p", zone="europe-west3-a")
    s.tenant(k8s, "team", "team")


@case("gke-zone-only-provider-zurich", CLUSTERS, "FLEET-RES-004", "https://cloud.google.com/compute/docs/regions-zones")
def _(s: Stack) -> None:
    _, k8s = s.cluster("GkeCluster", "c2", "gcp", project="p", zone="europe-west6-a")
    s.tenant(k8s, "team", "team")


@case(
    "gke-cluster-location-overrides-provider",
    CLUSTERS,
    # FLEET-TEL-001 too: the regulated cluster's project keeps its _Default log sink, which is global.
    ("FLEET-RES-004", "FLEET-GRD-001", "FLEET-TEL-001"),
    "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster#location",
)
def _(s: Stack) -> None:
    component, k8s = s.cluster("GkeCluster", "c2", "gcp", project="p", region="europe-west3")
    gcp = s.resources[-2].urn
    s.add(
        "gcp:container/cluster:Cluster",
        "c2-gke",
        gcp,
        parent=component,
        location="europe-west6",
        privateClusterConfig={"enablePrivateEndpoint": True},
        loggingConfig={"enableComponents": ["APISERVER"]},
        databaseEncryption={"state": "ENCRYPTED", "keyName": "k"},
    )
    s.tenant(k8s, "team", "team")


@case(
    "namespace-regime-reaches-its-objects",
    CLUSTERS,
    "FLEET-RES-004",
    "https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/",
)
def _(s: Stack) -> None:
    _, k8s = s.cluster("EksCluster", "c3", "aws", region="us-east-1")
    s.add("kubernetes:core/v1:Namespace", "shop-ns", k8s, metadata={"name": "shop", "labels": GDPR})
    s.add("kubernetes:apps/v1:Deployment", "api", k8s, metadata={"name": "api", "namespace": "shop"}, spec={})


@case("aks-tenant-inside", CLUSTERS, cite="https://learn.microsoft.com/en-us/azure/aks/concepts-clusters-workloads")
def _(s: Stack) -> None:
    _, k8s = s.cluster("AksCluster", "c4", "azure-native", location="westeurope")
    s.tenant(k8s, "team", "team")


# Operator objects (ACK, Crossplane, Config Connector, ASO) are judged where their spec puts the
# cloud resource, not at the cluster they are applied to (FLEET-RES-007).
ACK_REGION = "https://aws-controllers-k8s.github.io/community/docs/user-docs/multi-region-resource-management"
KCC_BUCKET = "https://cloud.google.com/config-connector/docs/reference/resource-docs/storage/storagebucket"
ASO_REF = "https://azure.github.io/azure-service-operator/reference/storage/v1api20230101/"


def _ack_bucket(s: Stack, region: str) -> None:
    _, k8s = s.cluster("EksCluster", "c5", "aws", region="eu-central-1")
    s.tenant(k8s, "team", "team")
    s.add(
        "kubernetes:s3.services.k8s.aws/v1alpha1:Bucket",
        "orders",
        k8s,
        metadata={"name": "orders", "namespace": "team", "annotations": {"services.k8s.aws/region": region}},
        spec={"name": "orders"},
    )


@case("ack-bucket-outside-tenant-regime", CLUSTERS, "FLEET-RES-007", ACK_REGION)
def _(s: Stack) -> None:
    _ack_bucket(s, "us-east-1")


@case("ack-bucket-inside-tenant-regime", CLUSTERS, cite=ACK_REGION)
def _(s: Stack) -> None:
    _ack_bucket(s, "eu-west-1")


@case("ack-bucket-region-from-namespace-outside", CLUSTERS, "FLEET-RES-007", ACK_REGION)
def _(s: Stack) -> None:
    _, k8s = s.cluster("EksCluster", "c5", "aws", region="eu-central-1")
    s.add(
        "kubernetes:core/v1:Namespace",
        "shop-ns",
        k8s,
        metadata={"name": "shop", "labels": GDPR, "annotations": {"services.k8s.aws/default-region": "us-west-2"}},
    )
    s.add("kubernetes:s3.services.k8s.aws/v1alpha1:Bucket", "b", k8s, metadata={"name": "b", "namespace": "shop"},
          spec={"name": "b"})  # fmt: skip


@case("kcc-bucket-without-location-is-us", CLUSTERS, "FLEET-RES-007", KCC_BUCKET)
def _(s: Stack) -> None:
    _, k8s = s.cluster("GkeCluster", "c6", "gcp", project="p", region="europe-west3")
    s.tenant(k8s, "team", "team")
    s.add("kubernetes:storage.cnrm.cloud.google.com/v1beta1:StorageBucket", "data", k8s,
          metadata={"name": "data", "namespace": "team"}, spec={})  # fmt: skip


@case("kcc-bucket-in-eu", CLUSTERS, cite=KCC_BUCKET)
def _(s: Stack) -> None:
    _, k8s = s.cluster("GkeCluster", "c6", "gcp", project="p", region="europe-west3")
    s.tenant(k8s, "team", "team")
    s.add("kubernetes:storage.cnrm.cloud.google.com/v1beta1:StorageBucket", "data", k8s,
          metadata={"name": "data", "namespace": "team"}, spec={"location": "EU"})  # fmt: skip


@case("crossplane-unregulated-tenant-us-bucket", CLUSTERS, cite="https://docs.crossplane.io/latest/managed-resources/")
def _(s: Stack) -> None:
    _, k8s = s.cluster("EksCluster", "c7", "aws", region="eu-central-1")
    s.tenant(k8s, "lab", "lab", regime="none")
    s.add("kubernetes:s3.aws.m.upbound.io/v1beta1:Bucket", "b", k8s, metadata={"name": "b", "namespace": "lab"},
          spec={"forProvider": {"region": "us-east-1"}})  # fmt: skip


@case("aso-account-outside-tenant-regime", CLUSTERS, "FLEET-RES-007", ASO_REF)
def _(s: Stack) -> None:
    _, k8s = s.cluster("AksCluster", "c8", "azure-native", location="westeurope")
    s.tenant(k8s, "team", "team")
    s.add("kubernetes:storage.azure.com/v1api20230101:StorageAccount", "acct", k8s,
          metadata={"name": "acct", "namespace": "team"},
          spec={"location": "eastus", "owner": {"name": "rg"}, "sku": {"name": "Standard_LRS"}})  # fmt: skip


# ------------------------------------------------------------------------- unknowns at preview
PREVIEW = "unknowns at preview"
PREVIEW_DOC = "https://www.pulumi.com/docs/iac/using-pulumi/crossguard/core-concepts/"


@case(
    "new-aks-beside-eks-without-audit",
    PREVIEW,
    "FLEET-CLU-003",
    PREVIEW_DOC,
    deferred=frozenset({"FLEET-CLU-003", "FLEET-RES-003"}),
)
def _(s: Stack) -> None:
    azure = s.azure()
    s.add(
        "azure-native:containerservice:ManagedCluster",
        "aks",
        azure,
        location="westeurope",
        resourceGroupName="rg",
        id=UNKNOWN,
        tags=NONE,
        apiServerAccessProfile={"enablePrivateCluster": True},
        securityProfile={"azureKeyVaultKms": {"enabled": True, "keyId": "k"}},
    )
    s.add(
        "azure-native:monitor:DiagnosticSetting",
        "aks-audit",
        azure,
        resourceUri=UNKNOWN,
        workspaceId="w",
        logs=[{"category": "kube-audit", "enabled": True}],
    )
    s.add(
        "aws:eks/cluster:Cluster",
        "eks",
        s.aws(),
        tags=NONE,
        roleArn="r",
        vpcConfig={"endpointPublicAccess": False},
        encryptionConfig={"resources": ["secrets"], "provider": {"keyArn": "k"}},
        enabledClusterLogTypes=["api"],
    )


@case("new-cluster-kubeconfig-beside-plain-one", PREVIEW, "FLEET-SEC-001", PREVIEW_DOC)
def _(s: Stack) -> None:
    s.provider("kubernetes", "new-k8s", kubeconfig=secret(UNKNOWN))
    s.provider("kubernetes", "old-k8s", kubeconfig="apiVersion: v1\nclusters: []")


@case("new-tenant-beside-broken-tenant", PREVIEW, "FLEET-TEN-001", PREVIEW_DOC, deferred=frozenset({"FLEET-TEN-001"}))
def _(s: Stack) -> None:
    _, new = s.cluster("EksCluster", "new", "aws", region="eu-central-1")
    s.add(
        "kubernetes:core/v1:Namespace",
        "team-ns",
        new,
        metadata={
            "name": "team",
            "labels": {"fleet-tenant": "team", "pod-security.kubernetes.io/enforce": "restricted"},
        },
    )
    s.add("kubernetes:core/v1:ResourceQuota", "team-quota", new, metadata={"name": "q", "namespace": UNKNOWN}, spec={})
    _, old = s.cluster("EksCluster", "old", "aws", region="eu-west-1")
    s.add(
        "kubernetes:core/v1:Namespace",
        "web-ns",
        old,
        metadata={"name": "web", "labels": {"fleet-tenant": "web", "pod-security.kubernetes.io/enforce": "restricted"}},
    )
    s.add("kubernetes:core/v1:ResourceQuota", "web-quota", old, metadata={"name": "q", "namespace": "web"}, spec={})
    s.add(
        "kubernetes:networking.k8s.io/v1:NetworkPolicy",
        "web-deny",
        old,
        metadata={"name": "d", "namespace": "web"},
        spec={"podSelector": {}, "policyTypes": ["Ingress", "Egress"]},
    )


@case("new-replication-target", PREVIEW, cite=PREVIEW_DOC, deferred=frozenset({"FLEET-RES-003"}))
def _(s: Stack) -> None:
    s.add("aws:s3/bucket:Bucket", "orders", s.aws(), bucket="orders", tags=GDPR)
    s.add("aws:s3/bucket:Bucket", "copy", s.aws("eu-central-1"), bucket=UNKNOWN, arn=UNKNOWN, tags=GDPR)
    s.add(
        "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
        "repl",
        s.aws(),
        bucket="orders",
        role="r",
        tags=GDPR,
        rules=[{"status": "Enabled", "destination": {"bucket": UNKNOWN}}],
    )


def by_area() -> dict[str, list[Case]]:
    areas: dict[str, list[Case]] = {}
    for c in CASES:
        areas.setdefault(c.area, []).append(c)
    return areas


# ------------------------------------------------------------ copies: destinations named by bucket, URL or URI
DEST = COPIES
RDS_EXPORT = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ExportSnapshot.html"


def _rds_export(s: Stack, bucket_region: str) -> None:
    s.add(
        "aws:rds/snapshot:Snapshot",
        "snap",
        s.aws(),
        tags=GDPR,
        dbSnapshotIdentifier="orders-snap",
        arn="arn:aws:rds:eu-west-1:111122223333:snapshot:orders-snap",
    )
    s.add("aws:s3/bucket:Bucket", "exports", s.aws(bucket_region), bucket="orders-exports")
    s.add(
        "aws:rds/exportTask:ExportTask",
        "export",
        s.aws(),
        exportTaskIdentifier="orders-export",
        sourceArn="arn:aws:rds:eu-west-1:111122223333:snapshot:orders-snap",
        s3BucketName="orders-exports",
        iamRoleArn="arn:aws:iam::111122223333:role/export",
        kmsKeyId="arn:aws:kms:eu-west-1:111122223333:key/1",
    )


@case("rds-export-task-us-bucket", DEST, "FLEET-RES-003", RDS_EXPORT)
def _(s: Stack) -> None:
    _rds_export(s, "us-east-1")


@case("rds-export-task-eu-bucket", DEST, cite=RDS_EXPORT)
def _(s: Stack) -> None:
    _rds_export(s, "eu-central-1")


EMR_LOGS = "https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-plan-debugging.html"


def _emr(s: Stack, bucket_region: str) -> None:
    s.add("aws:s3/bucket:Bucket", "logs", s.aws(bucket_region), bucket="emr-logs")
    s.add("aws:emr/cluster:Cluster", "etl", s.aws(), tags=GDPR, releaseLabel="emr-7.0.0", logUri="s3://emr-logs/etl/")


@case("emr-logs-us-bucket", DEST, "FLEET-RES-003", EMR_LOGS)
def _(s: Stack) -> None:
    _emr(s, "us-east-1")


@case("emr-logs-eu-bucket", DEST, cite=EMR_LOGS)
def _(s: Stack) -> None:
    _emr(s, "eu-west-1")


IOT_HTTPS = "https://docs.aws.amazon.com/iot/latest/developerguide/https-rule-action.html"


@case("iot-rule-https-external", DEST, "FLEET-RES-003", IOT_HTTPS)
def _(s: Stack) -> None:
    s.add(
        "aws:iot/topicRule:TopicRule",
        "telemetry",
        s.aws(),
        tags=GDPR,
        enabled=True,
        sql="SELECT * FROM 'devices/+/telemetry'",
        sqlVersion="2016-03-23",
        https=[{"url": "https://ingest.example.com/telemetry"}],
    )


@case("iot-rule-sqs-eu", DEST, cite=IOT_HTTPS)
def _(s: Stack) -> None:
    s.add(
        "aws:iot/topicRule:TopicRule",
        "telemetry",
        s.aws(),
        tags=GDPR,
        enabled=True,
        sql="SELECT * FROM 'devices/+/telemetry'",
        sqlVersion="2016-03-23",
        sqs=[{"queueUrl": "https://sqs.eu-west-1.amazonaws.com/111122223333/telemetry", "roleArn": "r"}],
    )


ALB_LOGS = "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html"


@case("alb-logs-bucket-outside-stack", DEST, cite=ALB_LOGS)
def _(s: Stack) -> None:
    # AWS requires the access-log bucket in the load balancer's Region: a bucket this stack does not manage is fine.
    s.add(
        "aws:lb/loadBalancer:LoadBalancer",
        "web",
        s.aws(),
        tags=GDPR,
        loadBalancerType="application",
        accessLogs={"bucket": "central-elb-logs", "enabled": True},
    )
