"""Cloud residency cases of the twenty-eighth outside corpus, written from cloud-provider documentation and the
pack's user-facing contract (docs/RULES.md, docs/SPEC.md, docs/REVIEW.md, README.md) by a helper session
that had not read the pack's rules, its residency survey, its configs or its tests. It must never be used
to tune the pack (see README.md beside it).

Cases are built with the ``Case``/``Stack`` API of ``tests/policies/corpus.py`` and the helpers of the
earlier outside corpora. A case asks only whether a correct pack denies it: ``expect="DENY"`` (some
mandatory violation) or nothing (compliant: no mandatory violation at all). Each cites the page its outcome
rests on; a comment above it says why it violates or complies. The resource types that decide the cases are
ones none of the twenty-seven earlier corpora used: an AWS KMS multi-Region replica of an imported-key primary
(``aws:kms/replicaExternalKey``), an AWS RAM share whose principals and resources are set exclusively
(``aws:ram/resourceShareAssociationsExclusive``), a DynamoDB item written into a table (``aws:dynamodb/tableItem``);
a GCP Persistent Disk asynchronous replication resource (``gcp:compute/diskAsyncReplication``, the primary naming its
secondary), Cloud Storage objects, default object ACLs and object ACLs, Secret Manager versions, Spanner database
and Pub/Sub subscription IAM bindings; an Azure Import/Export export job that ships a storage account's blobs on
physical drives to a return address (``azure-native:importexport:Job``), blobs, Key Vault secrets and Cosmos DB
containers written into stores declared unregulated elsewhere; Crossplane ``ReplicaExternalKey``, Config Connector
``StorageDefaultObjectAccessControl`` and ASO Azure Monitor workspace objects; and guardrails whose region deny
exempts Secrets Manager, or whose region lists add Tel Aviv, Israel Central or Qatar Central.

``UNKNOWN`` stands for a value the engine only learns at the update.
"""

from __future__ import annotations

from typing import Any

from tests.policies.corpus import GDPR, NONE, UNKNOWN, Stack, secret
from tests.policies.outside.corpus import (
    ACCOUNT,
    GDPR_AWS,
    GDPR_AZURE,
    PROJECT,
    RG,
    SUB,
    aws,
    azure,
    custom_resource,
    eks_guarded,
    gcp,
    operator,
    put,
    scp,
)
from tests.policies.outside11.cloud import OWN_ACCOUNT, PARTNER_ACCOUNT, depends, own_account_provider
from tests.policies.outside14.cloud import az_allowed, scp_not_action
from tests.policies.outside28.common import Build, case

# Themes
AWS_COPIES = "aws-copies"
GCP_COPIES = "gcp-copies"
AZURE_COPIES = "azure-copies"
OUTSIDE = "outside-destinations"
DEFAULTS = "unset-location-defaults"
PREVIEW = "unknown-at-preview"
MALFORMED = "malformed"
OPERATORS = "k8s-operators"
GUARDRAILS = "cloud-guardrails"

GDPR_STACK = {"stackRegime": "gdpr"}

DOC = {
    "kms-import-mrk": "https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-import.html",
    "kms-mrk": "https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html",
    "ram-share": "https://docs.aws.amazon.com/ram/latest/userguide/working-with-sharing-create.html",
    "aurora-clone": "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Managing.Clone.html",
    "pd-async": "https://cloud.google.com/compute/docs/disks/async-pd/about",
    "pd-async-start": "https://cloud.google.com/compute/docs/disks/async-pd/configure",
    "ie-export": "https://learn.microsoft.com/en-us/azure/import-export/storage-import-export-data-from-blobs",
    "ie-requirements": "https://learn.microsoft.com/en-us/azure/import-export/storage-import-export-requirements",
    "regions-eea": "https://learn.microsoft.com/en-us/azure/reliability/regions-list",
    "ddb-item": "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithItems.html",
    "gcs-locations": "https://cloud.google.com/storage/docs/locations",
    "sm-replication": "https://cloud.google.com/secret-manager/docs/choosing-replication",
    "az-storage-redundancy": "https://learn.microsoft.com/en-us/azure/storage/common/storage-redundancy",
    "kv-redundancy": "https://learn.microsoft.com/en-us/azure/key-vault/general/disaster-recovery-guidance",
    "cosmos-distribution": "https://learn.microsoft.com/en-us/azure/cosmos-db/distribute-data-globally",
    "gcs-acl": "https://cloud.google.com/storage/docs/access-control/lists",
    "gcs-predefined": "https://cloud.google.com/storage/docs/access-control/lists#predefined-acl",
    "iam-principals": "https://cloud.google.com/iam/docs/principal-identifiers",
    "crossplane-kms": "https://marketplace.upbound.io/providers/upbound/provider-aws-kms/latest/resources/kms.aws.m.upbound.io/ReplicaExternalKey/v1beta1",
    "kcc-default-acl": "https://cloud.google.com/config-connector/docs/reference/resource-docs/storage/storagedefaultobjectaccesscontrol",
    "aso-monitor": "https://azure.github.io/azure-service-operator/reference/monitor/v1api20230403/",
    "scp-region": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html",
    "sm-regions": "https://docs.aws.amazon.com/secretsmanager/latest/userguide/create-manage-multi-region-secrets.html",
    "az-regions": "https://learn.microsoft.com/en-us/azure/reliability/regions-list",
}

# ============================================================================ AWS: KMS replica of an imported key
# A multi-Region key's replica shares the primary's key material and ID and lives in the Region it is created in
# ("a set of interoperable KMS keys in different AWS Regions"); for a primary with imported key material the
# replica is a ReplicaExternalKey, into which the same material is imported. The replica is a copy of the primary:
# it carries the primary's regime (contract: replica keys are ``source`` copies).

PRIMARY_KEY_ID = "mrk-1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6"
KEY_MATERIAL = "c2VjcmV0LWtleS1tYXRlcmlhbC0zMi1ieXRlcy1sb25nLi4uLg=="


def primary_key_arn(region: str = "eu-west-1") -> str:
    return f"arn:aws:kms:{region}:{ACCOUNT}:key/{PRIMARY_KEY_ID}"


def external_primary(s: Stack, tags: dict[str, str] = GDPR, new: bool = False) -> tuple[str, str]:
    """The ledger's multi-Region primary key with imported material, in Ireland: (urn, its ARN or UNKNOWN)."""
    arn = UNKNOWN if new else primary_key_arn()
    urn = put(
        s,
        "aws:kms/externalKey:ExternalKey",
        "ledger-primary",
        aws(s),
        known=None if new else {"id": PRIMARY_KEY_ID, "arn": arn},
        description="ledger multi-Region primary (imported material)",
        multiRegion=True,
        keyMaterialBase64=secret(KEY_MATERIAL),
        tags=tags,
    )
    return urn, arn


def external_replica(
    region: Any,
    tags: dict[str, str] | None = None,
    primary_tags: dict[str, str] = GDPR,
    new: bool = False,
    arn: Any = None,
) -> Build:
    """A ReplicaExternalKey of the ledger's primary, placed by its per-resource ``region`` (None: not set, the
    provider's Region decides). ``arn``: primaryKeyArn as given instead of the primary's."""

    def build(s: Stack) -> None:
        primary, primary_arn = external_primary(s, primary_tags, new)
        inputs: dict[str, Any] = {
            "primaryKeyArn": primary_arn if arn is None else arn,
            "keyMaterialBase64": secret(KEY_MATERIAL),
            "description": "ledger replica",
        }
        if region is not None:
            inputs["region"] = region
        if tags is not None:
            inputs["tags"] = tags
        urn = put(
            s, "aws:kms/replicaExternalKey:ReplicaExternalKey", "ledger-replica", aws(s), deps=[primary], **inputs
        )
        if new:
            depends(s, urn, primaryKeyArn=[primary])

    return build


# Violates: the replica of the GDPR ledger key is created in us-east-1 (N. Virginia), outside the EEA; its own
# tags say nothing, the key material is the primary's.
case("aws28-kms-external-replica-virginia", AWS_COPIES, expect="DENY", cite=DOC["kms-import-mrk"])(
    external_replica("us-east-1")
)
# Complies: the replica is created in eu-central-1 (Frankfurt), inside the EEA.
case("aws28-kms-external-replica-frankfurt", AWS_COPIES, cite=DOC["kms-import-mrk"])(external_replica("eu-central-1"))
# Violates: eu-central-2 is Zurich; Switzerland is not in the EEA although the Region's code begins with "eu".
case("aws28-kms-external-replica-zurich", AWS_COPIES, expect="DENY", cite=DOC["kms-mrk"])(
    external_replica("eu-central-2")
)
# Violates: the replica tags itself fleet-residency=none, but a copy carries its source's regime whatever its own
# tags say; the copy is in us-east-2 (Ohio).
case("aws28-kms-external-replica-tagged-none-ohio", AWS_COPIES, expect="DENY", cite=DOC["kms-mrk"])(
    external_replica("us-east-2", tags=NONE)
)
# Complies: the primary is unregulated (fleet-residency=none, no stackRegime): its replica may go to Virginia.
case("aws28-kms-external-replica-unregulated-virginia", AWS_COPIES, cite=DOC["kms-mrk"])(
    external_replica("us-east-1", tags=NONE, primary_tags=NONE)
)
# Complies: the replica is created in eu-north-1 (Stockholm).
case("aws28-kms-external-replica-stockholm", AWS_COPIES, cite=DOC["kms-mrk"])(external_replica("eu-north-1"))


# ============================================================================ AWS: RAM share, exclusive associations
# An Aurora DB cluster shared through AWS RAM lets the principal's account clone it ("cross-account cloning": the
# other account creates a clone, in its own account, of the shared cluster's data). ResourceShareAssociationsExclusive
# sets the share's principals and resources, replacing any others.

AURORA_ARN = f"arn:aws:rds:eu-west-1:{ACCOUNT}:cluster:ledger"
SHARE_ARN = f"arn:aws:ram:eu-west-1:{ACCOUNT}:resource-share/3f1a2b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b"


def ram_exclusive(principals: Any, cluster_tags: dict[str, str] = GDPR, own: bool = False) -> Build:
    def build(s: Stack) -> None:
        if own:
            own_account_provider(s)
        cluster = put(
            s,
            "aws:rds/cluster:Cluster",
            "ledger",
            aws(s),
            known={"id": "ledger", "arn": AURORA_ARN},
            clusterIdentifier="ledger",
            engine="aurora-postgresql",
            storageEncrypted=True,
            kmsKeyId=primary_key_arn(),
            masterUsername="ledger",
            manageMasterUserPassword=True,
            skipFinalSnapshot=False,
            finalSnapshotIdentifier="ledger-final",
            tags=cluster_tags,
        )
        share = put(
            s,
            "aws:ram/resourceShare:ResourceShare",
            "ledger-clones",
            aws(s),
            known={"id": SHARE_ARN, "arn": SHARE_ARN},
            name="ledger-clones",
            allowExternalPrincipals=False,
            tags=NONE,
        )
        put(
            s,
            "aws:ram/resourceShareAssociationsExclusive:ResourceShareAssociationsExclusive",
            "ledger-clones-assoc",
            aws(s),
            deps=[share, cluster],
            resourceShareArn=SHARE_ARN,
            principals=principals,
            resourceArns=[AURORA_ARN],
        )

    return build


# Violates: the GDPR ledger cluster is shared with another company's account, which may clone it and copy the clone
# to any Region.
case("out28-ram-exclusive-partner-account", OUTSIDE, expect="DENY", cite=DOC["aurora-clone"])(
    ram_exclusive([PARTNER_ACCOUNT])
)
# Complies: shared only with a second account of ours, which a provider of the stack names (allowedAccountIds).
case("out28-ram-exclusive-own-account", OUTSIDE, cite=DOC["aurora-clone"])(ram_exclusive([OWN_ACCOUNT], own=True))
# Violates: our own account and another company's: the second principal is enough.
case("out28-ram-exclusive-own-and-partner", OUTSIDE, expect="DENY", cite=DOC["ram-share"])(
    ram_exclusive([OWN_ACCOUNT, PARTNER_ACCOUNT], own=True)
)
# Complies: an unregulated cluster (fleet-residency=none, no stackRegime) may be shared with anyone.
case("out28-ram-exclusive-unregulated-partner", OUTSIDE, cite=DOC["ram-share"])(
    ram_exclusive([PARTNER_ACCOUNT], cluster_tags=NONE)
)


# ============================================================================ GCP: Persistent Disk async replication
# DiskAsyncReplication starts replication from a primary disk to a secondary disk in another region; the secondary
# holds a copy of every write ("replicates data from a primary disk to a secondary disk in another region").


def disk_path(zone: str, name: str) -> str:
    return f"projects/{PROJECT}/zones/{zone}/disks/{name}"


def gce_zonal_disk(s: Stack, zone: str, name: str, labels: dict[str, str] | None, new: bool = False) -> str:
    inputs: dict[str, Any] = {"name": name, "zone": zone, "size": 200, "type": "pd-balanced"}
    if labels is not None:
        inputs["labels"] = labels
    return put(
        s,
        "gcp:compute/disk:Disk",
        name,
        gcp(s, zone.rsplit("-", 1)[0]),
        known=None if new else {"id": disk_path(zone, name), "selfLink": disk_path(zone, name)},
        **inputs,
    )


def async_replication(
    secondary_zone: str,
    primary_labels: dict[str, str] = GDPR,
    managed: bool = True,
    new_secondary: bool = False,
    secondary: Any = None,
) -> Build:
    """A GDPR primary disk in europe-west4-a (Netherlands) replicated to a disk in ``secondary_zone``.
    ``managed``: the secondary disk is a resource of the stack (else only its path is named); ``new_secondary``:
    it is created in this update (its ID unknown); ``secondary``: the secondaryDisk value as given."""

    def build(s: Stack) -> None:
        primary = gce_zonal_disk(s, "europe-west4-a", "ledger", primary_labels)
        deps = [primary]
        value: Any = {"disk": disk_path(secondary_zone, "ledger-dr")}
        if managed:
            sec = gce_zonal_disk(s, secondary_zone, "ledger-dr", NONE, new=new_secondary)
            deps.append(sec)
            if new_secondary:
                value = {"disk": UNKNOWN}
        if secondary is not None:
            value = secondary
        urn = put(
            s,
            "gcp:compute/diskAsyncReplication:DiskAsyncReplication",
            "ledger-async",
            gcp(s, "europe-west4"),
            deps=deps,
            primaryDisk=disk_path("europe-west4-a", "ledger"),
            secondaryDisk=value,
        )
        if new_secondary:
            depends(s, urn, secondaryDisk=[deps[1]])

    return build


# Violates: the GDPR disk is replicated to us-central1-a (Iowa).
case("gcp28-disk-async-replication-iowa", GCP_COPIES, expect="DENY", cite=DOC["pd-async"])(
    async_replication("us-central1-a")
)
# Complies: replicated to europe-west1-b (Belgium).
case("gcp28-disk-async-replication-belgium", GCP_COPIES, cite=DOC["pd-async"])(async_replication("europe-west1-b"))
# Violates: replicated to europe-west2-a (London); the United Kingdom is not in the EEA.
case("gcp28-disk-async-replication-london", GCP_COPIES, expect="DENY", cite=DOC["pd-async"])(
    async_replication("europe-west2-a")
)
# Violates: replicated to europe-west6-a (Zurich); Switzerland is not in the EEA. The secondary disk is labelled
# none, but it is a copy of the GDPR disk.
case("gcp28-disk-async-replication-zurich", GCP_COPIES, expect="DENY", cite=DOC["pd-async"])(
    async_replication("europe-west6-a")
)
# Complies: an unregulated primary (label none, no stackRegime) may be replicated to Iowa.
case("gcp28-disk-async-replication-unregulated-iowa", GCP_COPIES, cite=DOC["pd-async"])(
    async_replication("us-central1-a", primary_labels=NONE)
)
# Complies: replicated to europe-north1-a (Finland).
case("gcp28-disk-async-replication-finland", GCP_COPIES, cite=DOC["pd-async"])(async_replication("europe-north1-a"))


# ============================================================================ Azure: Import/Export export job
# An export job copies blobs of a storage account onto drives the customer sends in, and Microsoft ships the drives
# back to the job's return address: the data leaves the datacenter for that address's country or region.

STORAGE_ID = f"{RG}/Microsoft.Storage/storageAccounts/ledgerarchive"
ADDRESSES = {
    "US": {
        "city": "Seattle",
        "countryOrRegion": "USA",
        "postalCode": "98101",
        "stateOrProvince": "WA",
        "streetAddress1": "1 Pike St",
    },
    "DE": {
        "city": "Frankfurt am Main",
        "countryOrRegion": "Germany",
        "postalCode": "60311",
        "streetAddress1": "Kaiserstrasse 1",
    },
    "CH": {
        "city": "Zurich",
        "countryOrRegion": "Switzerland",
        "postalCode": "8001",
        "streetAddress1": "Bahnhofstrasse 1",
    },
    "NL": {"city": "Amsterdam", "countryOrRegion": "Netherlands", "postalCode": "1012", "streetAddress1": "Dam 1"},
}


def export_job(
    country: str | None, account_tags: dict[str, str] = GDPR, job_type: str = "Export", address: Any = None
) -> Build:
    def build(s: Stack) -> None:
        account = put(
            s,
            "azure-native:storage:StorageAccount",
            "ledgerarchive",
            azure(s),
            known={"id": STORAGE_ID},
            resourceGroupName="ledger",
            location="westeurope",
            accountName="ledgerarchive",
            kind="StorageV2",
            sku={"name": "Standard_LRS"},
            allowBlobPublicAccess=False,
            minimumTlsVersion="TLS1_2",
            tags=account_tags,
        )
        details: dict[str, Any] = {
            "jobType": job_type,
            "storageAccountId": STORAGE_ID,
            "backupDriveManifest": True,
            "diagnosticsPath": "waimportexport",
            "logLevel": "Error",
            "shippingInformation": {
                "recipientName": "Microsoft Azure Import/Export Service",
                "streetAddress1": "Datacenter intake",
                "city": "Amsterdam",
                "postalCode": "1101",
                "countryOrRegion": "Netherlands",
            },
            "returnShipping": {"carrierName": "DHL", "carrierAccountNumber": "123456789"},
        }
        if job_type == "Export":
            details["export"] = {"blobPath": ["/claims/2025/"]}
        if country is not None:
            details["returnAddress"] = {
                "recipientName": "Ledger Archive Team",
                "email": "archive@example.com",
                "phone": "+10000000000",
                **ADDRESSES[country],
            }
        if address is not None:
            details["returnAddress"] = address
        put(
            s,
            "azure-native:importexport:Job",
            "ledger-export",
            azure(s),
            deps=[account],
            resourceGroupName="ledger",
            jobName="ledger-export",
            location="westeurope",
            properties=details,
            tags=NONE,
        )

    return build


# Violates: the claims container of the GDPR archive is copied onto drives shipped to Seattle, USA.
case("az28-import-export-return-usa", AZURE_COPIES, expect="DENY", cite=DOC["ie-export"])(export_job("US"))
# Complies: the drives come back to Frankfurt, Germany, inside the EEA.
case("az28-import-export-return-germany", AZURE_COPIES, cite=DOC["ie-export"])(export_job("DE"))
# Violates: the drives go to Zurich; Switzerland is not in the EEA.
case("az28-import-export-return-switzerland", AZURE_COPIES, expect="DENY", cite=DOC["ie-export"])(export_job("CH"))
# Complies: an unregulated archive (tag none, no stackRegime) may be exported to the USA.
case("az28-import-export-unregulated-usa", AZURE_COPIES, cite=DOC["ie-export"])(export_job("US", account_tags=NONE))
# Complies: an export job returned to Amsterdam, the Netherlands.
case("az28-import-export-return-netherlands", AZURE_COPIES, cite=DOC["ie-requirements"])(export_job("NL"))


# ============================================================================ data written into a store by the stack
# A stack that writes records itself (a DynamoDB item, a Cloud Storage object, a Secret Manager secret version, a
# blob, a Key Vault secret, a Cosmos DB container's documents) puts regulated data where the store keeps its data,
# whatever the store's own declaration: the store tagged none may hold unregulated data, but the record the stack
# writes carries its own regime (its tag, else the stack's regime).


def ddb_item(region: str, managed: bool = True, item: Any = None) -> Build:
    """A claim record written as a DynamoDB item into table ``claims-cache`` (tagged none) in ``region``."""

    def build(s: Stack) -> None:
        provider = aws(s, region)
        deps: list[str] = []
        if managed:
            deps.append(
                put(
                    s,
                    "aws:dynamodb/table:Table",
                    "claims-cache",
                    provider,
                    known={"id": "claims-cache", "arn": f"arn:aws:dynamodb:{region}:{ACCOUNT}:table/claims-cache"},
                    name="claims-cache",
                    billingMode="PAY_PER_REQUEST",
                    hashKey="claimId",
                    attributes=[{"name": "claimId", "type": "S"}],
                    tags=NONE,
                )
            )
        put(
            s,
            "aws:dynamodb/tableItem:TableItem",
            "claim-4711",
            provider,
            deps=deps,
            tableName="claims-cache",
            hashKey="claimId",
            item=item
            if item is not None
            else '{"claimId": {"S": "4711"}, "insured": {"S": "Jana Novak"}, "iban": {"S": "DE89370400440532013000"}}',
        )

    return build


# Violates: the claim record (no tags of its own: the stack's regime, GDPR) is written into a table in us-east-1;
# the table's own fleet-residency=none does not make the record unregulated.
case("aws28-ddb-item-table-virginia", AWS_COPIES, expect="DENY", cite=DOC["ddb-item"], config=GDPR_STACK)(
    ddb_item("us-east-1")
)
# Complies: the same record in the same kind of table in eu-west-1 (Ireland).
case("aws28-ddb-item-table-ireland", AWS_COPIES, cite=DOC["ddb-item"], config=GDPR_STACK)(ddb_item("eu-west-1"))


def gcs_object(location: str | None, bucket_labels: dict[str, str] | None = NONE, new_bucket: bool = False) -> Build:
    """A claims export written as object ``exports/claims.csv`` into bucket ``ledger-exports`` (labelled none)
    placed at ``location`` (None: the bucket is not a resource of the stack)."""

    def build(s: Stack) -> None:
        deps: list[str] = []
        bucket_name: Any = "ledger-exports"
        if location is not None:
            inputs: dict[str, Any] = {"name": "ledger-exports", "location": location, "uniformBucketLevelAccess": True}
            if bucket_labels is not None:
                inputs["labels"] = bucket_labels
            deps.append(
                put(
                    s,
                    "gcp:storage/bucket:Bucket",
                    "ledger-exports",
                    gcp(s),
                    known=None if new_bucket else {"id": "ledger-exports", "url": "gs://ledger-exports"},
                    **inputs,
                )
            )
            if new_bucket:
                bucket_name = UNKNOWN
        urn = put(
            s,
            "gcp:storage/bucketObject:BucketObject",
            "claims-export",
            gcp(s),
            deps=deps,
            bucket=bucket_name,
            name="exports/claims.csv",
            contentType="text/csv",
            content="claim_id,insured,iban\n4711,Jana Novak,DE89370400440532013000\n",
        )
        if new_bucket:
            depends(s, urn, bucket=deps)

    return build


# Violates: the export (the stack's regime, GDPR) is written into a bucket in the US multi-region.
case("gcp28-gcs-object-bucket-us", GCP_COPIES, expect="DENY", cite=DOC["gcs-locations"], config=GDPR_STACK)(
    gcs_object("US")
)
# Complies: the bucket is in europe-west3 (Frankfurt).
case("gcp28-gcs-object-bucket-frankfurt", GCP_COPIES, cite=DOC["gcs-locations"], config=GDPR_STACK)(
    gcs_object("EUROPE-WEST3")
)


def gcp_secret_version(replication: dict[str, Any]) -> Build:
    """A database password stored as a version of secret ``ledger-db`` (labelled none) with ``replication``."""

    def build(s: Stack) -> None:
        secret_urn = put(
            s,
            "gcp:secretmanager/secret:Secret",
            "ledger-db",
            gcp(s),
            known={"id": f"projects/{PROJECT}/secrets/ledger-db", "name": f"projects/{PROJECT}/secrets/ledger-db"},
            secretId="ledger-db",
            replication=replication,
            labels=NONE,
        )
        put(
            s,
            "gcp:secretmanager/secretVersion:SecretVersion",
            "ledger-db-v1",
            gcp(s),
            deps=[secret_urn],
            secret=f"projects/{PROJECT}/secrets/ledger-db",
            secretData=secret("postgres://claims:Zq8-unsafe@10.0.0.5/claims"),
        )

    return build


# Violates: the version (the stack's regime, GDPR) is stored in a secret with automatic replication, which Google
# places in any region it chooses.
case("gcp28-secret-version-automatic", GCP_COPIES, expect="DENY", cite=DOC["sm-replication"], config=GDPR_STACK)(
    gcp_secret_version({"auto": {}})
)
# Complies: the secret is replicated by the user to europe-west3 and europe-west4 only.
case("gcp28-secret-version-user-managed-eu", GCP_COPIES, cite=DOC["sm-replication"], config=GDPR_STACK)(
    gcp_secret_version({"userManaged": {"replicas": [{"location": "europe-west3"}, {"location": "europe-west4"}]}})
)
# Violates: user-managed replicas in europe-west3 and us-east1.
case("gcp28-secret-version-user-managed-us", GCP_COPIES, expect="DENY", cite=DOC["sm-replication"], config=GDPR_STACK)(
    gcp_secret_version({"userManaged": {"replicas": [{"location": "europe-west3"}, {"location": "us-east1"}]}})
)


def az_blob(location: str | None, account_name: Any = "claimsdrop") -> Build:
    """A claims spreadsheet uploaded as blob ``claims.xlsx`` into container ``inbox`` of account ``claimsdrop``
    (tagged none) in ``location`` (None: the account is not a resource of the stack)."""

    def build(s: Stack) -> None:
        deps: list[str] = []
        if location is not None:
            deps.append(
                put(
                    s,
                    "azure-native:storage:StorageAccount",
                    "claimsdrop",
                    azure(s, location),
                    known={"id": f"{RG}/Microsoft.Storage/storageAccounts/claimsdrop"},
                    resourceGroupName="ledger",
                    location=location,
                    accountName="claimsdrop",
                    kind="StorageV2",
                    sku={"name": "Standard_LRS"},
                    allowBlobPublicAccess=False,
                    minimumTlsVersion="TLS1_2",
                    tags=NONE,
                )
            )
        put(
            s,
            "azure-native:storage:Blob",
            "claims-xlsx",
            azure(s),
            deps=deps,
            resourceGroupName="ledger",
            accountName=account_name,
            containerName="inbox",
            blobName="claims.xlsx",
            type="Block",
            contentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            source=secret("claims.xlsx"),
        )

    return build


# Violates: the blob (the stack's regime, GDPR) is uploaded to an account in East US.
case("az28-blob-account-east-us", AZURE_COPIES, expect="DENY", cite=DOC["az-storage-redundancy"], config=GDPR_STACK)(
    az_blob("eastus")
)
# Complies: the account is in Sweden Central (locally redundant).
case("az28-blob-account-sweden-central", AZURE_COPIES, cite=DOC["az-storage-redundancy"], config=GDPR_STACK)(
    az_blob("swedencentral")
)


def kv_secret(vault_location: str, tags: dict[str, str] = GDPR) -> Build:
    """A claims-portal API secret tagged ``tags`` stored in Key Vault ``ledger-kv`` (tagged none) in
    ``vault_location``. Key Vault replicates its contents to the region's pair."""

    def build(s: Stack) -> None:
        vault = put(
            s,
            "azure-native:keyvault:Vault",
            "ledger-kv",
            azure(s, vault_location),
            known={"id": f"{RG}/Microsoft.KeyVault/vaults/ledger-kv"},
            resourceGroupName="ledger",
            vaultName="ledger-kv",
            location=vault_location,
            properties={
                "tenantId": "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0",
                "sku": {"family": "A", "name": "standard"},
                "enableRbacAuthorization": True,
            },
            tags=NONE,
        )
        put(
            s,
            "azure-native:keyvault:Secret",
            "portal-api",
            azure(s, vault_location),
            deps=[vault],
            resourceGroupName="ledger",
            vaultName="ledger-kv",
            secretName="portal-api",
            properties={
                "value": secret("kx-7Hq2"),
                "contentType": "text/plain",
            },
            tags=tags,
        )

    return build


# Violates: the GDPR secret is kept in a vault in UK South (and replicated to its pair, UK West): outside the EEA.
case("az28-keyvault-secret-uk-south", AZURE_COPIES, expect="DENY", cite=DOC["kv-redundancy"])(kv_secret("uksouth"))
# Complies: the vault is in France Central, paired with France South; both in the EEA.
case("az28-keyvault-secret-france-central", AZURE_COPIES, cite=DOC["kv-redundancy"])(kv_secret("francecentral"))
# Violates: the vault is in Switzerland North, paired with Switzerland West; Switzerland is not in the EEA.
case("az28-keyvault-secret-switzerland-north", AZURE_COPIES, expect="DENY", cite=DOC["kv-redundancy"])(
    kv_secret("switzerlandnorth")
)
# Complies: the secret itself is tagged none (and no stackRegime): a UK vault may keep it.
case("az28-keyvault-secret-unregulated-uk-south", AZURE_COPIES, cite=DOC["kv-redundancy"])(
    kv_secret("uksouth", tags=NONE)
)


def cosmos_container(locations: list[str], tags: dict[str, str] = GDPR) -> Build:
    """Container ``claims`` tagged ``tags`` in database ``ledger`` of Cosmos DB account ``ledger-docs`` (tagged
    none) whose regions are ``locations``: every region of the account keeps a replica of every container."""

    def build(s: Stack) -> None:
        account = put(
            s,
            "azure-native:cosmosdb:DatabaseAccount",
            "ledger-docs",
            azure(s, locations[0]),
            known={"id": f"{RG}/Microsoft.DocumentDB/databaseAccounts/ledger-docs"},
            resourceGroupName="ledger",
            accountName="ledger-docs",
            location=locations[0],
            databaseAccountOfferType="Standard",
            locations=[{"locationName": loc, "failoverPriority": i} for i, loc in enumerate(locations)],
            backupPolicy={"type": "Continuous", "continuousModeProperties": {"tier": "Continuous7Days"}},
            tags=NONE,
        )
        put(
            s,
            "azure-native:cosmosdb:SqlResourceSqlContainer",
            "claims",
            azure(s, locations[0]),
            deps=[account],
            resourceGroupName="ledger",
            accountName="ledger-docs",
            databaseName="ledger",
            containerName="claims",
            resource={"id": "claims", "partitionKey": {"paths": ["/policyId"], "kind": "Hash"}},
            tags=tags,
        )

    return build


# Violates: the GDPR container is replicated to every region of the account, East US among them.
case("az28-cosmos-container-account-east-us", AZURE_COPIES, expect="DENY", cite=DOC["cosmos-distribution"])(
    cosmos_container(["westeurope", "eastus"])
)
# Complies: the account's regions are West Europe and North Europe.
case("az28-cosmos-container-account-north-europe", AZURE_COPIES, cite=DOC["cosmos-distribution"])(
    cosmos_container(["westeurope", "northeurope"])
)
# Violates: the account's second region is UK South.
case("az28-cosmos-container-account-uk-south", AZURE_COPIES, expect="DENY", cite=DOC["cosmos-distribution"])(
    cosmos_container(["germanywestcentral", "uksouth"])
)


# ============================================================================ outside: grants on objects and databases
# Cloud Storage ACLs: allUsers is anyone on the internet, allAuthenticatedUsers anyone signed in to a Google account.
# IAM: a domain: member is every account of that Google Workspace domain; allAuthenticatedUsers anyone signed in.


def acl_bucket(s: Stack, labels: dict[str, str] = GDPR) -> str:
    return put(
        s,
        "gcp:storage/bucket:Bucket",
        "claim-photos",
        gcp(s),
        known={"id": "claim-photos", "url": "gs://claim-photos"},
        name="claim-photos",
        location="EUROPE-WEST3",
        uniformBucketLevelAccess=False,
        labels=labels,
    )


def default_object_acl(role_entities: Any, labels: dict[str, str] = GDPR) -> Build:
    def build(s: Stack) -> None:
        bucket = acl_bucket(s, labels)
        put(
            s,
            "gcp:storage/defaultObjectACL:DefaultObjectACL",
            "claim-photos-default-acl",
            gcp(s),
            deps=[bucket],
            bucket="claim-photos",
            roleEntities=role_entities,
        )

    return build


OWNERS = "OWNER:project-owners-482915063117"
# Violates: every object written to the GDPR bucket from now on is readable by anyone (READER:allUsers).
case("out28-gcs-default-object-acl-all-users", OUTSIDE, expect="DENY", cite=DOC["gcs-acl"])(
    default_object_acl([OWNERS, "READER:allUsers"])
)
# Complies: new objects are readable by the project's owners and viewers only.
case("out28-gcs-default-object-acl-project", OUTSIDE, cite=DOC["gcs-acl"])(
    default_object_acl([OWNERS, "READER:project-viewers-482915063117"])
)
# Violates: READER:allAuthenticatedUsers is anyone with a Google account, not only our users.
case("out28-gcs-default-object-acl-all-authenticated", OUTSIDE, expect="DENY", cite=DOC["gcs-acl"])(
    default_object_acl([OWNERS, "READER:allAuthenticatedUsers"])
)


def object_acl(role_entities: list[str] | None = None, predefined: str | None = None) -> Build:
    def build(s: Stack) -> None:
        bucket = acl_bucket(s)
        obj = put(
            s,
            "gcp:storage/bucketObject:BucketObject",
            "photo-4711",
            gcp(s),
            deps=[bucket],
            known={"id": "claim-photos-claims/4711/front.jpg", "outputName": "claims/4711/front.jpg"},
            bucket="claim-photos",
            name="claims/4711/front.jpg",
            source="front.jpg",
            contentType="image/jpeg",
        )
        inputs: dict[str, Any] = {}
        if role_entities is not None:
            inputs["roleEntities"] = role_entities
        if predefined is not None:
            inputs["predefinedAcl"] = predefined
        put(
            s,
            "gcp:storage/objectACL:ObjectACL",
            "photo-4711-acl",
            gcp(s),
            deps=[obj],
            bucket="claim-photos",
            object="claims/4711/front.jpg",
            **inputs,
        )

    return build


# Violates: the predefined ACL publicRead gives allUsers READER on the claim photo.
case("out28-gcs-object-acl-public-read", OUTSIDE, expect="DENY", cite=DOC["gcs-predefined"])(
    object_acl(predefined="publicRead")
)
# Complies: the predefined ACL projectPrivate gives the project's members only.
case("out28-gcs-object-acl-project-private", OUTSIDE, cite=DOC["gcs-predefined"])(
    object_acl(predefined="projectPrivate")
)
# Violates: a partner's whole Google Workspace domain may read the photo (READER:domain-...).
case("out28-gcs-object-acl-partner-domain", OUTSIDE, expect="DENY", cite=DOC["gcs-acl"])(
    object_acl(role_entities=[OWNERS, "READER:domain-partner-claims.example"])
)


def spanner_binding(members: list[str]) -> Build:
    def build(s: Stack) -> None:
        instance = put(
            s,
            "gcp:spanner/instance:Instance",
            "ledger",
            gcp(s),
            known={"id": f"{PROJECT}/ledger"},
            name="ledger",
            config="regional-europe-west3",
            displayName="ledger",
            numNodes=1,
            labels=GDPR,
        )
        database = put(
            s,
            "gcp:spanner/database:Database",
            "claims",
            gcp(s),
            deps=[instance],
            known={"id": "ledger/claims"},
            instance="ledger",
            name="claims",
        )
        put(
            s,
            "gcp:spanner/databaseIAMBinding:DatabaseIAMBinding",
            "claims-readers",
            gcp(s),
            deps=[database],
            instance="ledger",
            database="claims",
            role="roles/spanner.databaseReader",
            members=members,
        )

    return build


SA = f"serviceAccount:claims-reporting@{PROJECT}.iam.gserviceaccount.com"
# Violates: every account of another organization's domain may read the GDPR database.
case("out28-spanner-db-binding-partner-domain", OUTSIDE, expect="DENY", cite=DOC["iam-principals"])(
    spanner_binding([SA, "domain:partner-claims.example"])
)
# Complies: only a service account of our own project reads it.
case("out28-spanner-db-binding-own-service-account", OUTSIDE, cite=DOC["iam-principals"])(spanner_binding([SA]))


def subscription_binding(members: list[str]) -> Build:
    def build(s: Stack) -> None:
        topic = put(
            s,
            "gcp:pubsub/topic:Topic",
            "claims-events",
            gcp(s),
            known={"id": f"projects/{PROJECT}/topics/claims-events"},
            name="claims-events",
            messageStoragePolicy={"allowedPersistenceRegions": ["europe-west3"]},
            labels=GDPR,
        )
        sub = put(
            s,
            "gcp:pubsub/subscription:Subscription",
            "claims-audit",
            gcp(s),
            deps=[topic],
            known={"id": f"projects/{PROJECT}/subscriptions/claims-audit"},
            name="claims-audit",
            topic=f"projects/{PROJECT}/topics/claims-events",
            labels=GDPR,
        )
        put(
            s,
            "gcp:pubsub/subscriptionIAMBinding:SubscriptionIAMBinding",
            "claims-audit-subscribers",
            gcp(s),
            deps=[sub],
            subscription="claims-audit",
            role="roles/pubsub.subscriber",
            members=members,
        )

    return build


# Violates: anyone signed in to a Google account may pull the GDPR claim events from the subscription.
case("out28-pubsub-subscription-binding-all-authenticated", OUTSIDE, expect="DENY", cite=DOC["iam-principals"])(
    subscription_binding([SA, "allAuthenticatedUsers"])
)
# Complies: only our reporting service account pulls them.
case("out28-pubsub-subscription-binding-own-service-account", OUTSIDE, cite=DOC["iam-principals"])(
    subscription_binding([SA])
)


# ============================================================================ unset location defaults


def replica_by_provider(region: str) -> Build:
    """A replica without a per-resource region, made through a provider in ``region``."""

    def build(s: Stack) -> None:
        primary, arn = external_primary(s)
        put(
            s,
            "aws:kms/replicaExternalKey:ReplicaExternalKey",
            "ledger-replica",
            aws(s, region),
            deps=[primary],
            primaryKeyArn=arn,
            description="ledger replica",
        )

    return build


# Violates: the replica sets no Region of its own and its provider names none: where the key copy is made cannot be
# determined, which fails closed for a GDPR key.
def _replica_no_region(s: Stack) -> None:
    primary, arn = external_primary(s)
    bare = s.provider("aws", "aws-bare")
    put(
        s,
        "aws:kms/replicaExternalKey:ReplicaExternalKey",
        "ledger-replica",
        bare,
        deps=[primary],
        primaryKeyArn=arn,
        description="ledger replica",
    )


case("def28-kms-external-replica-no-region", DEFAULTS, expect="DENY", cite=DOC["kms-mrk"])(_replica_no_region)
# Complies: the replica sets no Region of its own; its provider is in eu-west-3 (Paris), which decides.
case("def28-kms-external-replica-provider-paris", DEFAULTS, cite=DOC["kms-mrk"])(replica_by_provider("eu-west-3"))
# Violates: the replica sets no Region of its own; its provider is in ap-southeast-2 (Sydney).
case("def28-kms-external-replica-provider-sydney", DEFAULTS, expect="DENY", cite=DOC["kms-mrk"])(
    replica_by_provider("ap-southeast-2")
)


# Complies: the secondary disk is not a resource of the stack, but its path names zone europe-west1-b (Belgium),
# which a GCP path that carries a region places directly.
case("def28-disk-async-unmanaged-secondary-belgium", DEFAULTS, cite=DOC["pd-async-start"])(
    async_replication("europe-west1-b", managed=False)
)
# Violates: the unmanaged secondary's path names us-east4-a (N. Virginia).
case("def28-disk-async-unmanaged-secondary-virginia", DEFAULTS, expect="DENY", cite=DOC["pd-async-start"])(
    async_replication("us-east4-a", managed=False)
)
# Violates: the export job has no return address: the drives go back to wherever the carrier is told later, which
# cannot be placed for GDPR data (fail closed).
case("def28-import-export-no-return-address", DEFAULTS, expect="DENY", cite=DOC["ie-export"])(export_job(None))


# ============================================================================ unknown at preview

# Violates: the primary key is created in this update (its ARN unknown), but its GDPR tags and the replica's Region
# (us-east-1) are known; the property dependency leads to the primary, so the copy is judged at preview.
case("pre28-kms-new-primary-replica-virginia", PREVIEW, expect="DENY", cite=DOC["kms-import-mrk"])(
    external_replica("us-east-1", new=True)
)
# Complies: the same with the replica in eu-south-1 (Milan).
case("pre28-kms-new-primary-replica-milan", PREVIEW, cite=DOC["kms-import-mrk"])(
    external_replica("eu-south-1", new=True)
)
# Violates: the secondary disk is created in this update (its path unknown) in us-west1-a (Oregon); its zone is
# known from the disk resource the dependency names.
case("pre28-disk-async-new-secondary-oregon", PREVIEW, expect="DENY", cite=DOC["pd-async"])(
    async_replication("us-west1-a", new_secondary=True)
)
# Complies: the same with the new secondary in europe-west1-c (Belgium).
case("pre28-disk-async-new-secondary-belgium", PREVIEW, cite=DOC["pd-async"])(
    async_replication("europe-west1-c", new_secondary=True)
)


# Complies (deferred): the share's principals come from another stack's outputs (unknown, no dependency in this
# stack); whether they are ours cannot be known at preview, so the decision is deferred, not refused.
def _ram_unknown_principals(s: Stack) -> None:
    ram_exclusive([UNKNOWN])(s)


case("pre28-ram-exclusive-principals-unknown", PREVIEW, cite=DOC["ram-share"])(_ram_unknown_principals)
# Violates: the principals are unknown, but the resources include the GDPR cluster and one principal is known to be
# another company's account: that one suffices at preview.
case("pre28-ram-exclusive-partner-beside-unknown", PREVIEW, expect="DENY", cite=DOC["ram-share"])(
    ram_exclusive([UNKNOWN, PARTNER_ACCOUNT])
)


# ============================================================================ malformed

# Violates: secondaryDisk is one block in the provider; two blocks (both in the EEA) is a shape it refuses.
case("mal28-disk-async-two-secondaries", MALFORMED, expect="DENY", cite=DOC["pd-async-start"])(
    async_replication(
        "europe-west1-b",
        managed=False,
        secondary=[{"disk": disk_path("europe-west1-b", "ledger-dr")}, {"disk": disk_path("europe-west1-c", "dr2")}],
    )
)
# Complies: a one-item list for the secondaryDisk block, which the bridge accepts as the block.
case("mal28-disk-async-one-item-list", MALFORMED, cite=DOC["pd-async-start"])(
    async_replication("europe-west1-b", managed=False, secondary=[{"disk": disk_path("europe-west1-b", "ledger-dr")}])
)
# Violates: primaryKeyArn is a string; an object holding the (EEA) ARN is a shape the provider refuses.
case("mal28-kms-replica-primary-arn-object", MALFORMED, expect="DENY", cite=DOC["kms-import-mrk"])(
    external_replica("eu-central-1", arn={"arn": primary_key_arn()})
)
# Violates: the replica's region is a string; a list of two (EEA) Regions is a shape the provider refuses.
case("mal28-kms-replica-region-list", MALFORMED, expect="DENY", cite=DOC["kms-mrk"])(
    external_replica(["eu-central-1", "eu-west-3"])
)
# Violates: azure-native takes returnAddress as an object; a one-item list (a German address) is refused.
case("mal28-import-export-return-address-list", MALFORMED, expect="DENY", cite=DOC["ie-export"])(
    export_job(
        None,
        address=[
            {
                "recipientName": "Ledger Archive Team",
                "email": "archive@example.com",
                "phone": "+490000000",
                **ADDRESSES["DE"],
            }
        ],
    )
)
# Violates: a principal is a string (an account ID); an object naming our own account is a shape the provider refuses.
case("mal28-ram-principal-object", MALFORMED, expect="DENY", cite=DOC["ram-share"])(
    ram_exclusive([{"accountId": OWN_ACCOUNT}], own=True)
)


# More unset locations: records written into stores the stack does not manage.
# Violates: the export is written into a bucket this stack does not manage and names only by name: a bucket name
# carries no location, so where the GDPR records land cannot be determined (fail closed).
case("def28-gcs-object-unmanaged-bucket", DEFAULTS, expect="DENY", cite=DOC["gcs-locations"], config=GDPR_STACK)(
    gcs_object(None)
)
# Violates: the blob is uploaded to an account this stack does not manage: its region cannot be determined.
case("def28-blob-unmanaged-account", DEFAULTS, expect="DENY", cite=DOC["az-storage-redundancy"], config=GDPR_STACK)(
    az_blob(None)
)
# Complies: the item's table is not a resource of the stack, but a DynamoDB table name resolves in the Region of
# the request, here the item's provider's eu-west-1 (Ireland): the item is written there.
case("def28-ddb-item-unmanaged-table-ireland", DEFAULTS, cite=DOC["ddb-item"], config=GDPR_STACK)(
    ddb_item("eu-west-1", managed=False)
)
# Violates: the same through a provider in us-west-2 (Oregon).
case("def28-ddb-item-unmanaged-table-oregon", DEFAULTS, expect="DENY", cite=DOC["ddb-item"], config=GDPR_STACK)(
    ddb_item("us-west-2", managed=False)
)

# More preview: the bucket is created in this update (its name output unknown), its location is known.
# Violates: the new bucket is in the US multi-region; the object's bucket comes from it.
case("pre28-gcs-object-new-bucket-us", PREVIEW, expect="DENY", cite=DOC["gcs-locations"], config=GDPR_STACK)(
    gcs_object("US", new_bucket=True)
)
# Complies: the new bucket is in the EU multi-region.
case("pre28-gcs-object-new-bucket-eu", PREVIEW, cite=DOC["gcs-locations"], config=GDPR_STACK)(
    gcs_object("EU", new_bucket=True)
)

# More malformed.
# Violates: a TableItem's item is a JSON string; an object (the same record, item in Ireland) is refused.
case("mal28-ddb-item-object", MALFORMED, expect="DENY", cite=DOC["ddb-item"], config=GDPR_STACK)(
    ddb_item("eu-west-1", item={"claimId": {"S": "4711"}})
)
# Violates: a role entity is a string ("READER:project-viewers-…"); an object is refused.
case("mal28-gcs-default-object-acl-entity-object", MALFORMED, expect="DENY", cite=DOC["gcs-acl"])(
    default_object_acl([OWNERS, {"role": "READER", "entity": "project-viewers-482915063117"}])
)
# Violates: azure-native takes the blob's accountName as a string; a one-item list (the Swedish account) is refused.
case("mal28-blob-account-name-list", MALFORMED, expect="DENY", cite=DOC["az-storage-redundancy"], config=GDPR_STACK)(
    az_blob("swedencentral", account_name=["claimsdrop"])
)
# Complies: a one-item list for the secret's userManaged block, which the bridge accepts as the block.
case("mal28-secret-user-managed-one-item-list", MALFORMED, cite=DOC["sm-replication"], config=GDPR_STACK)(
    gcp_secret_version({"userManaged": [{"replicas": [{"location": "europe-west3"}]}]})
)


# ============================================================================ operators


def crossplane_replica_key(region: str) -> Any:
    return custom_resource(
        "kms.aws.m.upbound.io/v1beta1",
        "ReplicaExternalKey",
        "acme-ledger-replica",
        "acme",
        {
            "forProvider": {
                "region": region,
                "primaryKeyArn": primary_key_arn(),
                "description": "acme ledger replica",
                "keyMaterialBase64SecretRef": {"name": "acme-ledger-key-material", "key": "material"},
            },
            "providerConfigRef": {"kind": "ProviderConfig", "name": "default"},
        },
    )


# Violates: the GDPR tenant's Crossplane replica key is created in us-east-1.
case("op28-crossplane-replica-external-key-virginia", OPERATORS, expect="DENY", cite=DOC["crossplane-kms"])(
    operator(crossplane_replica_key("us-east-1"))
)
# Complies: the replica is created in eu-central-1 (Frankfurt).
case("op28-crossplane-replica-external-key-frankfurt", OPERATORS, cite=DOC["crossplane-kms"])(
    operator(crossplane_replica_key("eu-central-1"))
)


def kcc_default_acl(entity: str) -> Any:
    bucket = custom_resource(
        "storage.cnrm.cloud.google.com/v1beta1",
        "StorageBucket",
        "acme-claim-photos",
        "acme",
        {"location": "EUROPE-WEST3", "uniformBucketLevelAccess": False},
    )
    acl = custom_resource(
        "storage.cnrm.cloud.google.com/v1beta1",
        "StorageDefaultObjectAccessControl",
        "acme-claim-photos-readers",
        "acme",
        {"bucketRef": {"name": "acme-claim-photos"}, "entity": entity, "role": "READER"},
    )

    def make(s: Stack, k8s: str) -> str:
        bucket(s, k8s)
        return acl(s, k8s)

    return make


# Violates: new objects in the GDPR tenant's bucket become readable by allUsers (anyone).
case("op28-kcc-default-object-acl-all-users", OPERATORS, expect="DENY", cite=DOC["kcc-default-acl"])(
    operator(kcc_default_acl("allUsers"), cloud="gcp")
)
# Complies: readable by the project's viewers only.
case("op28-kcc-default-object-acl-project-viewers", OPERATORS, cite=DOC["kcc-default-acl"])(
    operator(kcc_default_acl("project-viewers-482915063117"), cloud="gcp")
)


def aso_monitor_workspace(location: str) -> Any:
    """An Azure Monitor workspace (the store of a Prometheus metrics pipeline) made through ASO."""
    return custom_resource(
        "monitor.azure.com/v1api20230403",
        "Account",
        "acme-metrics",
        "acme",
        {"location": location, "owner": {"armId": f"/subscriptions/{SUB}/resourceGroups/acme"}},
    )


# Violates: the GDPR tenant's Azure Monitor workspace, which stores the metrics it is sent, is in East US 2.
case("op28-aso-monitor-workspace-east-us-2", OPERATORS, expect="DENY", cite=DOC["aso-monitor"])(
    operator(aso_monitor_workspace("eastus2"), cloud="azure-native")
)
# Complies: the workspace is in Italy North (Milan), in the EEA.
case("op28-aso-monitor-workspace-italy-north", OPERATORS, cite=DOC["aso-monitor"])(
    operator(aso_monitor_workspace("italynorth"), cloud="azure-native")
)


# ============================================================================ guardrails

# Violates: the documented region deny also exempts every Secrets Manager action, so secrets (and their replicas)
# can be created in any Region of the cluster's account.
case("grd28-aws-scp-exempts-secretsmanager", GUARDRAILS, expect="DENY", cite=DOC["sm-regions"])(
    eks_guarded(scp_not_action(["secretsmanager:*"]))
)
# Complies: the exemption covers only DynamoDB's read-only Describe and List calls; nothing can be created or
# written outside the EEA Regions.
case("grd28-aws-scp-exempts-dynamodb-describe-list", GUARDRAILS, cite=DOC["scp-region"])(
    eks_guarded(scp_not_action(["dynamodb:Describe*", "dynamodb:List*"]))
)
# Violates: the region list adds il-central-1 (Tel Aviv); Israel is not in the EEA.
case("grd28-aws-scp-adds-tel-aviv", GUARDRAILS, expect="DENY", cite=DOC["scp-region"])(
    eks_guarded(scp([*GDPR_AWS, "il-central-1"]))
)

# Complies: "Allowed locations" adds Poland Central, Italy North and Spain Central, all in the EEA.
case("grd28-azure-allowed-adds-poland-italy-spain", GUARDRAILS, cite=DOC["az-regions"])(
    az_allowed([*GDPR_AZURE, "polandcentral", "italynorth", "spaincentral"])
)
# Violates: "Allowed locations" adds Israel Central.
case("grd28-azure-allowed-adds-israel-central", GUARDRAILS, expect="DENY", cite=DOC["az-regions"])(
    az_allowed([*GDPR_AZURE, "israelcentral"])
)
# Violates: "Allowed locations" adds Qatar Central.
case("grd28-azure-allowed-adds-qatar-central", GUARDRAILS, expect="DENY", cite=DOC["az-regions"])(
    az_allowed([*GDPR_AZURE, "qatarcentral"])
)
