"""Cloud residency cases of the fifteenth outside corpus, written from cloud-provider documentation and the
pack's user-facing contract (docs/RULES.md, docs/SPEC.md, docs/REVIEW.md, README.md) by a helper session
that had not read the pack's rules, its residency survey, its configs or its tests. It must never be used
to tune the pack (see README.md beside it).

Cases are built with the ``Case``/``Stack`` API of ``tests/policies/corpus.py`` and the helpers of the
earlier outside corpora. A case asks only whether a correct pack denies it: ``expect="DENY"`` (some
mandatory violation) or nothing (compliant: no mandatory violation at all). Each cites the page its outcome
rests on; a comment above it says why it violates or complies. The resource or property that decides each
case is one none of the fourteen earlier corpora used: SQS queue policies, SNS topic policies, Secrets Manager
secret policies, EFS file system policies, OpenSearch domain policies, Glacier vault access policies, Redshift
datashare consumer associations, S3 bucket policies, AppSync HTTP data sources, Timestream for InfluxDB and EMR
Serverless; snapshot, BigQuery table, Pub/Sub topic and managed-folder IAM members, bucket and object ACLs,
Cloud Storage notifications, Identity Platform tenants, Vertex AI (legacy) feature stores; Cosmos DB
point-in-time restores, Azure SQL long-term-retention restores and database auditing, Event Grid event
subscriptions, classic Azure CDN endpoints, Purview accounts, HDInsight clusters, policy exemptions of one
initiative member and custom location definitions; ACK Amazon MQ brokers and Keyspaces, Crossplane OpenSearch
domains, Config Connector Spanner and AlloyDB, ASO Synapse workspaces and Event Grid topics; SCPs narrowed to
one resource type or with a single-string region list.

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
    GLOBAL_SERVICES,
    PROJECT,
    RG,
    SUB,
    _find,
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
    org_policy,
    put,
    s3_bucket,
    storage_account,
)
from tests.policies.outside4.cloud import retouch
from tests.policies.outside9.cloud import resource_group
from tests.policies.outside11.cloud import depends, own_account_provider
from tests.policies.outside14.cloud import az_initiative
from tests.policies.outside15.common import case

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

PARTNER_ACCOUNT = "737373737373"  # another company's AWS account, outside this stack
OWN_ACCOUNT = "222233334444"  # a second account of ours, named by a provider of the stack (own_account_provider)
NL = [{"name": "nl", "countries": ["NL"], "description": "Netherlands only"}]
NL_REGIME = {"regimes": NL}
NL_TAG = {"fleet-residency": "nl"}
GDPR_STACK = {"stackRegime": "gdpr"}
NONE_STACK = {"stackRegime": "none"}


def statement(principal: Any, actions: list[str], resource: str, **extra: Any) -> str:
    """A resource policy with one Allow statement for ``principal`` (an account ID, an ARN or "*")."""
    if principal == "*":
        who: Any = "*"
    elif isinstance(principal, str) and principal.isdigit():
        who = {"AWS": f"arn:aws:iam::{principal}:root"}
    else:
        who = {"AWS": principal}
    body = {"Effect": "Allow", "Principal": who, "Action": actions, "Resource": resource, **extra}
    return json.dumps({"Version": "2012-10-17", "Statement": [body]})


# ============================================================================ AWS: copies (shares)
AWS_DOC = {
    "sqs-policy": "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-examples-of-sqs-policies.html",
    "sns-policy": "https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html",
    "secret-policy": "https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_resource-policies.html",
    "efs-policy": "https://docs.aws.amazon.com/efs/latest/ug/iam-access-control-nfs-efs.html",
    "efs-cross-account": "https://docs.aws.amazon.com/efs/latest/ug/manage-fs-access-vpc-peering.html",
    "os-policy": "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ac.html",
    "glacier-policy": "https://docs.aws.amazon.com/amazonglacier/latest/dev/vault-access-policy.html",
    "redshift-cross-region": "https://docs.aws.amazon.com/redshift/latest/dg/across-region.html",
    "redshift-assoc": "https://www.pulumi.com/registry/packages/aws/api-docs/redshift/datashareconsumerassociation/",
}
QUEUE_URL = f"https://sqs.eu-west-1.amazonaws.com/{ACCOUNT}/claims-intake"
QUEUE_ARN = f"arn:aws:sqs:eu-west-1:{ACCOUNT}:claims-intake"


def queue_share(principal: str) -> Build:
    """A queue policy on the GDPR claims intake queue letting ``principal`` receive (and delete) its messages."""

    def build(s: Stack) -> None:
        own_account_provider(s)
        queue = put(
            s,
            "aws:sqs/queue:Queue",
            "claims-intake",
            aws(s),
            known={"id": QUEUE_URL, "arn": QUEUE_ARN, "url": QUEUE_URL},
            name="claims-intake",
            sqsManagedSseEnabled=True,
            tags=GDPR,
        )
        put(
            s,
            "aws:sqs/queuePolicy:QueuePolicy",
            "claims-intake-policy",
            aws(s),
            deps=[queue],
            queueUrl=QUEUE_URL,
            policy=statement(principal, ["sqs:ReceiveMessage", "sqs:DeleteMessage"], QUEUE_ARN),
        )

    return build


# Violates: another company's account may receive every GDPR message on the queue (and keep it anywhere).
case("aws15-queue-policy-partner-account", AWS_COPIES, "DENY", AWS_DOC["sqs-policy"])(queue_share(PARTNER_ACCOUNT))
# Complies: only our own second account (named by a provider of the stack) may receive them.
case("aws15-queue-policy-own-account", AWS_COPIES, cite=AWS_DOC["sqs-policy"])(queue_share(OWN_ACCOUNT))

TOPIC_ARN = f"arn:aws:sns:eu-west-1:{ACCOUNT}:claims-events"


def topic_share(principal: str) -> Build:
    """A topic policy on the GDPR claims topic letting ``principal`` subscribe an endpoint of its choosing."""

    def build(s: Stack) -> None:
        own_account_provider(s)
        topic = put(
            s,
            "aws:sns/topic:Topic",
            "claims-events",
            aws(s),
            known={"id": TOPIC_ARN, "arn": TOPIC_ARN},
            name="claims-events",
            kmsMasterKeyId="alias/aws/sns",
            tags=GDPR,
        )
        put(
            s,
            "aws:sns/topicPolicy:TopicPolicy",
            "claims-events-policy",
            aws(s),
            deps=[topic],
            arn=TOPIC_ARN,
            policy=statement(principal, ["sns:Subscribe", "sns:Receive"], TOPIC_ARN),
        )

    return build


# Violates: any AWS principal may subscribe to the GDPR topic (SQS, HTTPS, email, anywhere).
case("aws15-topic-policy-everyone-subscribes", AWS_COPIES, "DENY", AWS_DOC["sns-policy"])(topic_share("*"))
# Complies: a role of our own second account may subscribe.
case("aws15-topic-policy-own-account-role", AWS_COPIES, cite=AWS_DOC["sns-policy"])(
    topic_share(f"arn:aws:iam::{OWN_ACCOUNT}:role/claims-archiver")
)

SECRET_ARN = f"arn:aws:secretsmanager:eu-west-1:{ACCOUNT}:secret:claims/db-export-AbCdEf"


def secret_share(s: Stack) -> None:
    """A resource policy on a GDPR secret (the credentials of the claims export database) for a partner."""
    secret = put(
        s,
        "aws:secretsmanager/secret:Secret",
        "db-export",
        aws(s),
        known={"id": SECRET_ARN, "arn": SECRET_ARN},
        name="claims/db-export",
        tags=GDPR,
    )
    put(
        s,
        "aws:secretsmanager/secretPolicy:SecretPolicy",
        "db-export-policy",
        aws(s),
        deps=[secret],
        secretArn=SECRET_ARN,
        policy=statement(PARTNER_ACCOUNT, ["secretsmanager:GetSecretValue"], "*"),
    )


# Violates: another company's account may read the GDPR secret's value from its own account.
case("aws15-secret-policy-partner-account", AWS_COPIES, "DENY", AWS_DOC["secret-policy"])(secret_share)

FS_ID = "fs-0c7a1e9b3d5f24680"
FS_ARN = f"arn:aws:elasticfilesystem:eu-west-1:{ACCOUNT}:file-system/{FS_ID}"


def efs_share(principal: str, fs_arg: Any = FS_ID) -> Build:
    """A file system policy on the GDPR claims scans file system letting ``principal`` mount and read it."""

    def build(s: Stack) -> None:
        own_account_provider(s)
        fs = put(
            s,
            "aws:efs/fileSystem:FileSystem",
            "claims-scans",
            aws(s),
            known={"id": FS_ID, "arn": FS_ARN},
            creationToken="claims-scans",
            encrypted=True,
            tags=GDPR,
        )
        put(
            s,
            "aws:efs/fileSystemPolicy:FileSystemPolicy",
            "claims-scans-policy",
            aws(s),
            deps=[fs],
            fileSystemId=fs_arg,
            policy=statement(
                principal,
                ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientRead"],
                FS_ARN,
                Condition={"Bool": {"aws:SecureTransport": "true"}},
            ),
        )

    return build


# Violates: another company's account may mount the GDPR file system (cross-account mount over peering).
case("aws15-efs-policy-partner-mount", AWS_COPIES, "DENY", AWS_DOC["efs-cross-account"])(efs_share(PARTNER_ACCOUNT))
# Complies: only our own second account may mount it.
case("aws15-efs-policy-own-account-mount", AWS_COPIES, cite=AWS_DOC["efs-policy"])(efs_share(OWN_ACCOUNT))

DOMAIN_ARN = f"arn:aws:es:eu-west-1:{ACCOUNT}:domain/claims-search"


def domain_share(principal: str) -> Build:
    """An access policy on the GDPR claims search domain letting ``principal`` read its indices over HTTP."""

    def build(s: Stack) -> None:
        domain = put(
            s,
            "aws:opensearch/domain:Domain",
            "claims-search",
            aws(s),
            known={"id": DOMAIN_ARN, "arn": DOMAIN_ARN, "domainName": "claims-search"},
            domainName="claims-search",
            engineVersion="OpenSearch_2.17",
            clusterConfig={"instanceType": "r7g.large.search", "instanceCount": 3},
            ebsOptions={"ebsEnabled": True, "volumeSize": 100},
            encryptAtRest={"enabled": True},
            nodeToNodeEncryption={"enabled": True},
            tags=GDPR,
        )
        put(
            s,
            "aws:opensearch/domainPolicy:DomainPolicy",
            "claims-search-policy",
            aws(s),
            deps=[domain],
            domainName="claims-search",
            accessPolicies=statement(principal, ["es:ESHttpGet", "es:ESHttpPost"], f"{DOMAIN_ARN}/*"),
        )

    return build


# Violates: the domain's indices (GDPR claims) are open to every principal (an open access policy).
case("aws15-opensearch-domain-policy-open", AWS_COPIES, "DENY", AWS_DOC["os-policy"])(domain_share("*"))
# Complies: only the search role of this account may query them.
case("aws15-opensearch-domain-policy-own-role", AWS_COPIES, cite=AWS_DOC["os-policy"])(
    domain_share(f"arn:aws:iam::{ACCOUNT}:role/claims-search-api")
)


def glacier_vault(principal: str, notification: Any = None) -> Build:
    """A Glacier vault for GDPR claim archives whose access policy lets ``principal`` retrieve archives."""

    def build(s: Stack) -> None:
        own_account_provider(s)
        arn = f"arn:aws:glacier:eu-west-1:{ACCOUNT}:vaults/claims-archive"
        extra = {} if notification is None else {"notification": notification}
        put(
            s,
            "aws:glacier/vault:Vault",
            "claims-archive",
            aws(s),
            name="claims-archive",
            accessPolicy=statement(principal, ["glacier:InitiateJob", "glacier:GetJobOutput"], arn),
            tags=GDPR,
            **extra,
        )

    return build


# Violates: another company's account may start retrieval jobs on the GDPR archive vault and download archives.
case("aws15-glacier-vault-partner-retrieval", AWS_COPIES, "DENY", AWS_DOC["glacier-policy"])(
    glacier_vault(PARTNER_ACCOUNT)
)

NAMESPACE_ID = "5f2a9c1e-7b3d-4e8f-a6c2-0d9b1e3f5a7c"
DATASHARE_ARN = f"arn:aws:redshift:eu-west-1:{OWN_ACCOUNT}:datashare:{NAMESPACE_ID}/claims_share"


def datashare_consumer(region: Any) -> Build:
    """Our analytics account's Redshift Serverless namespace (GDPR, Ireland) shares the claims schema; this
    account associates the datashare with its namespaces in ``region`` (cross-Region data sharing)."""

    def build(s: Stack) -> None:
        producer = put(
            s,
            "aws:redshiftserverless/namespace:Namespace",
            "claims-producer",
            own_account_provider(s),
            known={
                "id": "claims-producer",
                "namespaceId": NAMESPACE_ID,
                "arn": f"arn:aws:redshift-serverless:eu-west-1:{OWN_ACCOUNT}:namespace/{NAMESPACE_ID}",
            },
            namespaceName="claims-producer",
            dbName="claims",
            tags=GDPR,
        )
        put(
            s,
            "aws:redshift/dataShareConsumerAssociation:DataShareConsumerAssociation",
            "claims-share-consumer",
            aws(s),
            deps=[producer],
            dataShareArn=DATASHARE_ARN,
            consumerRegion=region,
        )

    return build


# Violates: the GDPR datashare is made queryable by every namespace of the account in N. Virginia.
case("aws15-datashare-consumer-region-virginia", AWS_COPIES, "DENY", AWS_DOC["redshift-cross-region"])(
    datashare_consumer("us-east-1")
)
# Complies: it is associated with the account's namespaces in Frankfurt.
case("aws15-datashare-consumer-region-frankfurt", AWS_COPIES, cite=AWS_DOC["redshift-assoc"])(
    datashare_consumer("eu-central-1")
)


# ============================================================================ GCP: copies (shares)
GCP_DOC = {
    "all-authenticated": "https://cloud.google.com/iam/docs/principals-overview#all-authenticated-users",
    "snapshot-iam": "https://www.pulumi.com/registry/packages/gcp/api-docs/compute/snapshotiammember/",
    "bq-table-iam": "https://cloud.google.com/bigquery/docs/control-access-to-resources-iam",
    "acl": "https://cloud.google.com/storage/docs/access-control/lists",
    "public": "https://cloud.google.com/storage/docs/access-control/making-data-public",
    "pubsub-iam": "https://cloud.google.com/pubsub/docs/access-control",
    "managed-folders": "https://cloud.google.com/storage/docs/managed-folders",
}
SNAPSHOT_ID = f"projects/{PROJECT}/global/snapshots/ledger-nightly"


def snapshot_member(member: Any) -> Build:
    """An IAM member on a GDPR disk snapshot kept in Frankfurt: whoever it names may create disks from it."""

    def build(s: Stack) -> None:
        snap = put(
            s,
            "gcp:compute/snapshot:Snapshot",
            "ledger-nightly",
            gcp(s),
            known={"id": SNAPSHOT_ID, "selfLink": f"https://www.googleapis.com/compute/v1/{SNAPSHOT_ID}"},
            name="ledger-nightly",
            sourceDisk=f"projects/{PROJECT}/zones/europe-west3-a/disks/ledger",
            storageLocations=["europe-west3"],
            labels=GDPR,
        )
        put(
            s,
            "gcp:compute/snapshotIamMember:SnapshotIamMember",
            "ledger-nightly-user",
            gcp(s),
            deps=[snap],
            project=PROJECT,
            name="ledger-nightly",
            role="roles/compute.storageAdmin",
            member=member,
        )

    return build


# Violates: every Google account may create disks (copies, in any region of its own) from the GDPR snapshot.
case("gcp15-snapshot-iam-all-authenticated", GCP_COPIES, "DENY", GCP_DOC["all-authenticated"])(
    snapshot_member("allAuthenticatedUsers")
)
# Complies: the project's own restore service account may use it.
case("gcp15-snapshot-iam-own-service-account", GCP_COPIES, cite=GCP_DOC["snapshot-iam"])(
    snapshot_member(f"serviceAccount:dr-restore@{PROJECT}.iam.gserviceaccount.com")
)


def table_member(member: str) -> Build:
    """A table-level IAM member on the GDPR claims table of the EU dataset."""

    def build(s: Stack) -> None:
        dataset = put(
            s,
            "gcp:bigquery/dataset:Dataset",
            "claims",
            gcp(s),
            known={"id": f"projects/{PROJECT}/datasets/claims"},
            datasetId="claims",
            project=PROJECT,
            location="EU",
            labels=GDPR,
        )
        table = put(
            s,
            "gcp:bigquery/table:Table",
            "claimants",
            gcp(s),
            deps=[dataset],
            known={"id": f"projects/{PROJECT}/datasets/claims/tables/claimants"},
            datasetId="claims",
            tableId="claimants",
            project=PROJECT,
            labels=GDPR,
        )
        put(
            s,
            "gcp:bigquery/iamMember:IamMember",
            "claimants-viewer",
            gcp(s),
            deps=[table],
            project=PROJECT,
            datasetId="claims",
            tableId="claimants",
            role="roles/bigquery.dataViewer",
            member=member,
        )

    return build


# Violates: anyone on the internet may read the GDPR table (and copy it into a dataset anywhere).
case("gcp15-bigquery-table-iam-all-users", GCP_COPIES, "DENY", GCP_DOC["bq-table-iam"])(table_member("allUsers"))
# Complies: the company's claims analysts group may read it.
case("gcp15-bigquery-table-iam-own-group", GCP_COPIES, cite=GCP_DOC["bq-table-iam"])(
    table_member("group:claims-analysts@ledger.example")
)


def fine_grained_bucket(s: Stack, new: bool = False) -> str:
    """The GDPR letters bucket in Frankfurt with fine-grained (ACL) access; ``new``: created in this update."""
    if new:
        return put(
            s,
            "gcp:storage/bucket:Bucket",
            "ledger-letters",
            gcp(s),
            name="ledger-letters",
            location="EUROPE-WEST3",
            uniformBucketLevelAccess=False,
            labels=GDPR,
        )
    bucket = gcs_bucket(s, "ledger-letters", "EUROPE-WEST3", GDPR)
    for attrs in (_find(s, bucket).inputs, _find(s, bucket).outputs):
        attrs["uniformBucketLevelAccess"] = False
    return bucket


def bucket_acl(entity: Any, new_bucket: bool = False) -> Build:
    """A bucket ACL entry on the GDPR letters bucket giving ``entity`` READER (list and read its objects)."""

    def build(s: Stack) -> None:
        bucket = fine_grained_bucket(s, new_bucket)
        deps = [bucket]
        if entity == UNKNOWN:
            deps.append(
                put(s, "gcp:serviceaccount/account:Account", "auditor", gcp(s), accountId="auditor", project=PROJECT)
            )
        acl = put(
            s,
            "gcp:storage/bucketAccessControl:BucketAccessControl",
            "letters-reader",
            gcp(s),
            deps=deps,
            bucket=UNKNOWN if new_bucket else "ledger-letters",
            entity=entity,
            role="READER",
        )
        if new_bucket:
            depends(s, acl, bucket=[bucket])
        if entity == UNKNOWN:
            depends(s, acl, entity=[deps[-1]])

    return build


# Violates: the bucket ACL makes the GDPR letters bucket readable by anyone on the internet.
case("gcp15-bucket-acl-all-users", GCP_COPIES, "DENY", GCP_DOC["public"])(bucket_acl("allUsers"))
# Complies: the reader is the company's auditors group.
case("gcp15-bucket-acl-own-group", GCP_COPIES, cite=GCP_DOC["acl"])(bucket_acl("group-claims-auditors@ledger.example"))


def object_acl(s: Stack) -> None:
    bucket = fine_grained_bucket(s)
    put(
        s,
        "gcp:storage/objectAccessControl:ObjectAccessControl",
        "letter-public",
        gcp(s),
        deps=[bucket],
        bucket="ledger-letters",
        object="letters/2026/11/claim-88213.pdf",
        entity="allAuthenticatedUsers",
        role="READER",
    )


# Violates: one GDPR claim letter is readable by every Google account.
case("gcp15-object-acl-all-authenticated", GCP_COPIES, "DENY", GCP_DOC["acl"])(object_acl)

GCP_TOPIC = f"projects/{PROJECT}/topics/claims-events"


def topic_member(member: str) -> Build:
    """An IAM member on the GDPR claims topic (stored in Frankfurt) with the subscriber role: it may attach
    subscriptions of its own projects to the topic."""

    def build(s: Stack) -> None:
        topic = put(
            s,
            "gcp:pubsub/topic:Topic",
            "claims-events",
            gcp(s),
            known={"id": GCP_TOPIC},
            name="claims-events",
            project=PROJECT,
            messageStoragePolicy={"allowedPersistenceRegions": ["europe-west3"], "enforceInTransit": True},
            labels=GDPR,
        )
        put(
            s,
            "gcp:pubsub/topicIAMMember:TopicIAMMember",
            "claims-events-subscriber",
            gcp(s),
            deps=[topic],
            project=PROJECT,
            topic=GCP_TOPIC,
            role="roles/pubsub.subscriber",
            member=member,
        )

    return build


# Violates: every Google account may attach a subscription (in any project, any region) to the GDPR topic.
case("gcp15-topic-iam-all-authenticated", GCP_COPIES, "DENY", GCP_DOC["pubsub-iam"])(
    topic_member("allAuthenticatedUsers")
)
# Complies: the project's own archiver service account may.
case("gcp15-topic-iam-own-service-account", GCP_COPIES, cite=GCP_DOC["pubsub-iam"])(
    topic_member(f"serviceAccount:claims-archiver@{PROJECT}.iam.gserviceaccount.com")
)


def managed_folder_public(s: Stack) -> None:
    bucket = gcs_bucket(s, "ledger-reports", "EUROPE-WEST3", GDPR)
    put(
        s,
        "gcp:storage/managedFolderIamMember:ManagedFolderIamMember",
        "reports-public",
        gcp(s),
        deps=[bucket],
        bucket="ledger-reports",
        managedFolder="claimant-statements/",
        role="roles/storage.objectViewer",
        member="allUsers",
    )


# Violates: a managed folder of the GDPR reports bucket (claimant statements) is public.
case("gcp15-managed-folder-iam-all-users", GCP_COPIES, "DENY", GCP_DOC["managed-folders"])(managed_folder_public)


# ============================================================================ Azure: copies
AZ_DOC = {
    "cosmos-restore": "https://learn.microsoft.com/en-us/azure/cosmos-db/restore-account-continuous-backup",
    "cosmos-restore-api": "https://www.pulumi.com/registry/packages/azure-native/api-docs/cosmosdb/databaseaccount/",
    "sql-ltr": "https://learn.microsoft.com/en-us/azure/azure-sql/database/long-term-backup-retention-configure",
    "sql-audit": "https://learn.microsoft.com/en-us/azure/azure-sql/database/auditing-setup",
}
COSMOS_INSTANCE = "0f3b6a2c-9d1e-4c7b-8a5f-2e6d4c1b9a07"
RESTORABLE = (
    f"/subscriptions/{SUB}/providers/Microsoft.DocumentDB/locations/westeurope/"
    f"restorableDatabaseAccounts/{COSMOS_INSTANCE}"
)


def cosmos_restore(location: str, source_tags: dict[str, str] = GDPR, restore_source: Any = RESTORABLE) -> Build:
    """A Cosmos DB account (continuous backup) in West Europe, and an untagged account restored from it to a
    point in time, created in ``location``."""

    def build(s: Stack) -> None:
        src = az(
            s,
            "azure-native:cosmosdb:DatabaseAccount",
            "ledger-docs",
            "westeurope",
            source_tags,
            "Microsoft.DocumentDB/databaseAccounts/ledger-docs",
            accountName="ledger-docs",
            databaseAccountOfferType="Standard",
            locations=[{"locationName": "westeurope", "failoverPriority": 0}],
            backupPolicy={"type": "Continuous", "continuousModeProperties": {"tier": "Continuous30Days"}},
        )
        _find(s, src).outputs["instanceId"] = COSMOS_INSTANCE
        put(
            s,
            "azure-native:cosmosdb:DatabaseAccount",
            "ledger-docs-restored",
            azure(s, location),
            deps=[src],
            resourceGroupName="ledger",
            accountName="ledger-docs-restored",
            location=location,
            databaseAccountOfferType="Standard",
            locations=[{"locationName": location, "failoverPriority": 0}],
            createMode="Restore",
            restoreParameters={
                "restoreMode": "PointInTime",
                "restoreSource": restore_source,
                "restoreTimestampInUtc": "2026-12-01T03:00:00Z",
            },
        )

    return build


# Violates: the restored copy of the GDPR account is created in East US.
case("az15-cosmos-restore-east-us", AZURE_COPIES, "DENY", AZ_DOC["cosmos-restore"])(cosmos_restore("eastus"))
# Complies: it is restored in West Europe.
case("az15-cosmos-restore-west-europe", AZURE_COPIES, cite=AZ_DOC["cosmos-restore"])(cosmos_restore("westeurope"))
# Violates: the source account is held to a Netherlands-only regime; the restore goes to North Europe (Ireland).
case("az15-cosmos-restore-nl-to-north-europe", AZURE_COPIES, "DENY", AZ_DOC["cosmos-restore"], config=NL_REGIME)(
    cosmos_restore("northeurope", NL_TAG)
)

LTR_BACKUP = (
    f"/subscriptions/{SUB}/resourceGroups/ledger/providers/Microsoft.Sql/locations/westeurope/"
    "longTermRetentionServers/ledger-sql/longTermRetentionDatabases/claims/longTermRetentionBackups/"
    "2d6e1f0a-3b7c-4d8e-9f1a-5c2b7e4d0a93;134093112000000000"
)


def ltr_restore(location: str, tags: dict[str, str] = GDPR) -> Build:
    """The claims database (tagged ``tags``) on a server in West Europe keeps long-term-retention backups; an
    untagged database is restored from one onto a server of the stack in ``location``."""

    def build(s: Stack) -> None:
        az(
            s,
            "azure-native:sql:Server",
            "ledger-sql",
            "westeurope",
            tags,
            "Microsoft.Sql/servers/ledger-sql",
            serverName="ledger-sql",
            administrators={"azureADOnlyAuthentication": True, "login": "sql-admins", "sid": SUB},
        )
        src = az(
            s,
            "azure-native:sql:Database",
            "claims",
            "westeurope",
            tags,
            "Microsoft.Sql/servers/ledger-sql/databases/claims",
            serverName="ledger-sql",
            databaseName="claims",
            sku={"name": "GP_Gen5_2"},
            # Corrected after the measurement: SQL Database keeps backups geo-redundant by default, in the paired
            # region (North Europe for West Europe), outside a Netherlands-only regime; local backups stay in the
            # region (https://learn.microsoft.com/azure/azure-sql/database/automated-backups-overview).
            requestedBackupStorageRedundancy="Local",
        )
        target = az(
            s,
            "azure-native:sql:Server",
            "ledger-sql-restore",
            location,
            None,
            "Microsoft.Sql/servers/ledger-sql-restore",
            serverName="ledger-sql-restore",
            administrators={"azureADOnlyAuthentication": True, "login": "sql-admins", "sid": SUB},
        )
        put(
            s,
            "azure-native:sql:Database",
            "claims-2019",
            azure(s, location),
            deps=[src, target],
            resourceGroupName="ledger",
            serverName="ledger-sql-restore",
            databaseName="claims-2019",
            location=location,
            createMode="RestoreLongTermRetentionBackup",
            longTermRetentionBackupResourceId=LTR_BACKUP,
            requestedBackupStorageRedundancy="Local",  # corrected after the measurement, as the source above
        )

    return build


# Violates: a yearly long-term-retention backup of the GDPR database is restored onto a server in East US.
case("az15-sql-ltr-restore-east-us", AZURE_COPIES, "DENY", AZ_DOC["sql-ltr"])(ltr_restore("eastus"))
# Complies: it is restored onto a server in Sweden Central.
case("az15-sql-ltr-restore-sweden", AZURE_COPIES, cite=AZ_DOC["sql-ltr"])(ltr_restore("swedencentral"))
# Complies: the database is held to a Netherlands-only regime and restored in West Europe (the Netherlands).
case("az15-sql-ltr-restore-nl-west-europe", AZURE_COPIES, cite=AZ_DOC["sql-ltr"], config=NL_REGIME)(
    ltr_restore("westeurope", NL_TAG)
)


def sql_audit(account_location: str, endpoint: Any = None, new_account: bool = False) -> Build:
    """Auditing of the GDPR claims database (audit records hold the statements run, with their values) written
    to an untagged storage account of the stack in ``account_location``."""

    def build(s: Stack) -> None:
        az(
            s,
            "azure-native:sql:Server",
            "ledger-sql",
            "westeurope",
            GDPR,
            "Microsoft.Sql/servers/ledger-sql",
            serverName="ledger-sql",
            administrators={"azureADOnlyAuthentication": True, "login": "sql-admins", "sid": SUB},
        )
        db = az(
            s,
            "azure-native:sql:Database",
            "claims",
            "westeurope",
            GDPR,
            "Microsoft.Sql/servers/ledger-sql/databases/claims",
            serverName="ledger-sql",
            databaseName="claims",
            sku={"name": "GP_Gen5_2"},
        )
        account = storage_account(s, "ledgeraudit", account_location, None)
        if new_account:
            _find(s, account).outputs = {}
        url = "https://ledgeraudit.blob.core.windows.net/"
        audit = put(
            s,
            "azure-native:sql:DatabaseBlobAuditingPolicy",
            "claims-audit",
            azure(s),
            deps=[db, account],
            resourceGroupName="ledger",
            serverName="ledger-sql",
            databaseName="claims",
            blobAuditingPolicyName="default",
            state="Enabled",
            storageEndpoint=(UNKNOWN if new_account else url) if endpoint is None else endpoint,
            isManagedIdentityInUse=True,
            retentionDays=90,
            auditActionsAndGroups=["BATCH_COMPLETED_GROUP", "SUCCESSFUL_DATABASE_AUTHENTICATION_GROUP"],
        )
        if new_account:
            depends(s, audit, storageEndpoint=[account])

    return build


# Violates: the GDPR database's audit records are written to a storage account in East US.
case("az15-sql-audit-storage-east-us", AZURE_COPIES, "DENY", AZ_DOC["sql-audit"])(sql_audit("eastus"))
# Complies: the audit account is in West Europe.
case("az15-sql-audit-storage-west-europe", AZURE_COPIES, cite=AZ_DOC["sql-audit"])(sql_audit("westeurope"))


# ============================================================================ outside destinations
OUT_DOC = {
    "eg-webhook": "https://learn.microsoft.com/en-us/azure/event-grid/handler-webhooks",
    "eg-blob-events": "https://learn.microsoft.com/en-us/azure/storage/blobs/storage-blob-event-overview",
    "cdn": "https://learn.microsoft.com/en-us/azure/cdn/cdn-overview",
    "appsync-http": "https://docs.aws.amazon.com/appsync/latest/devguide/tutorial-http-resolvers-js.html",
    "appsync-ddb": "https://docs.aws.amazon.com/appsync/latest/devguide/data-source-components.html",
    "gcs-notify": "https://cloud.google.com/storage/docs/pubsub-notifications",
    "s3-bucket-policy": "https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html",
}
ACCOUNT_ID = f"{RG}/Microsoft.Storage/storageAccounts/ledgerclaims"
HOOK = "https://hooks.claims-partner.example/azure/blob-events"


def event_subscription(destination: str, new_account: bool = False, scope: Any = None) -> Build:
    """An Event Grid subscription on the GDPR claims storage account (blob created and deleted events carry
    each blob's URL, i.e. the claimant's file name). ``destination``: "webhook" (a partner's endpoint),
    "eventhub" (an event hub of the stack in West Europe) or "unknown" (a web app created in this update)."""

    def build(s: Stack) -> None:
        account = storage_account(s, "ledgerclaims", "westeurope", GDPR)
        if new_account:
            _find(s, account).outputs = {}
        deps = [account]
        if destination == "webhook":
            dest: dict[str, Any] = {"endpointType": "WebHook", "endpointUrl": HOOK}
        elif destination == "eventhub":
            ns = az(
                s,
                "azure-native:eventhub:Namespace",
                "ledger-events",
                "westeurope",
                None,
                "Microsoft.EventHub/namespaces/ledger-events",
                namespaceName="ledger-events",
                sku={"name": "Standard", "tier": "Standard"},
            )
            hub = put(
                s,
                "azure-native:eventhub:EventHub",
                "blob-events",
                azure(s),
                deps=[ns],
                known={"id": f"{RG}/Microsoft.EventHub/namespaces/ledger-events/eventhubs/blob-events"},
                resourceGroupName="ledger",
                namespaceName="ledger-events",
                eventHubName="blob-events",
                partitionCount=2,
            )
            deps.append(hub)
            dest = {
                "endpointType": "EventHub",
                "resourceId": f"{RG}/Microsoft.EventHub/namespaces/ledger-events/eventhubs/blob-events",
            }
        else:
            app = put(
                s,
                "azure-native:web:WebApp",
                "claims-hooks",
                azure(s),
                resourceGroupName="ledger",
                name="claims-hooks",
                location="westeurope",
                serverFarmId=f"{RG}/Microsoft.Web/serverfarms/ledger-plan",
                httpsOnly=True,
            )
            deps.append(app)
            dest = {"endpointType": "WebHook", "endpointUrl": UNKNOWN}
        sub = put(
            s,
            "azure-native:eventgrid:EventSubscription",
            "claims-blob-events",
            azure(s),
            deps=deps,
            scope=(UNKNOWN if new_account else ACCOUNT_ID) if scope is None else scope,
            eventSubscriptionName="claims-blob-events",
            destination=dest,
            filter={"includedEventTypes": ["Microsoft.Storage.BlobCreated", "Microsoft.Storage.BlobDeleted"]},
            eventDeliverySchema="CloudEventSchemaV1_0",
        )
        if new_account:
            depends(s, sub, scope=[account])
        if destination == "unknown":
            depends(s, sub, destination=[deps[-1]])

    return build


# Violates: the GDPR account's blob events are delivered to another company's webhook.
case("out15-event-grid-blob-events-partner-webhook", OUTSIDE, "DENY", OUT_DOC["eg-webhook"])(
    event_subscription("webhook")
)
# Complies: they are delivered to an event hub of the stack in West Europe.
case("out15-event-grid-blob-events-event-hub", OUTSIDE, cite=OUT_DOC["eg-blob-events"])(event_subscription("eventhub"))


def classic_cdn(s: Stack) -> None:
    """A classic Azure CDN (Microsoft) endpoint whose origin is the GDPR claims storage account."""
    account = storage_account(s, "ledgerclaims", "westeurope", GDPR)
    profile = put(
        s,
        "azure-native:cdn:Profile",
        "ledger-cdn",
        azure(s),
        known={"id": f"{RG}/Microsoft.Cdn/profiles/ledger-cdn"},
        resourceGroupName="ledger",
        profileName="ledger-cdn",
        location="global",
        sku={"name": "Standard_Microsoft"},
    )
    put(
        s,
        "azure-native:cdn:Endpoint",
        "claim-docs",
        azure(s),
        deps=[profile, account],
        resourceGroupName="ledger",
        profileName="ledger-cdn",
        endpointName="claim-docs",
        location="global",
        isHttpAllowed=False,
        originHostHeader="ledgerclaims.blob.core.windows.net",
        origins=[{"name": "claims-blob", "hostName": "ledgerclaims.blob.core.windows.net", "httpsPort": 443}],
        queryStringCachingBehavior="IgnoreQueryString",
    )


# Violates: claim documents of the GDPR account are cached at CDN edge locations worldwide.
case("out15-azure-classic-cdn-endpoint-claims", OUTSIDE, "DENY", OUT_DOC["cdn"])(classic_cdn)

API_ID = "q4w7e2r9t5y1u8i3o6p0a2sd"


def appsync_source(kind: str, ddb_config: Any = None) -> Build:
    """A data source of the GDPR claims GraphQL API (resolvers send it the claim fields of each request):
    "http" a partner's fraud-scoring API, "dynamodb" a GDPR table of the stack in Ireland."""

    def build(s: Stack) -> None:
        api = put(
            s,
            "aws:appsync/graphQLApi:GraphQLApi",
            "claims-api",
            aws(s),
            known={
                "id": API_ID,
                "arn": f"arn:aws:appsync:eu-west-1:{ACCOUNT}:apis/{API_ID}",
            },
            name="claims-api",
            authenticationType="AMAZON_COGNITO_USER_POOLS",
            userPoolConfig={"userPoolId": "eu-west-1_Ab12Cd34E", "defaultAction": "ALLOW", "awsRegion": "eu-west-1"},
            tags=GDPR,
        )
        deps = [api]
        if kind == "http":
            extra: dict[str, Any] = {"type": "HTTP", "httpConfig": {"endpoint": "https://score.fraud-partner.example"}}
        else:
            table = put(
                s,
                "aws:dynamodb/table:Table",
                "claims",
                aws(s),
                known={"id": "claims", "arn": f"arn:aws:dynamodb:eu-west-1:{ACCOUNT}:table/claims"},
                name="claims",
                billingMode="PAY_PER_REQUEST",
                hashKey="id",
                attributes=[{"name": "id", "type": "S"}],
                tags=GDPR,
            )
            deps.append(table)
            extra = {
                "type": "AMAZON_DYNAMODB",
                "dynamodbConfig": {"tableName": "claims", "region": "eu-west-1"} if ddb_config is None else ddb_config,
                "serviceRoleArn": f"arn:aws:iam::{ACCOUNT}:role/claims-api-ddb",
            }
        put(
            s,
            "aws:appsync/dataSource:DataSource",
            "claims-source",
            aws(s),
            deps=deps,
            apiId=API_ID,
            name="claims_source",
            **extra,
        )

    return build


# Violates: the GDPR API's resolvers call a partner's HTTP endpoint with each claim.
case("out15-appsync-http-source-partner", OUTSIDE, "DENY", OUT_DOC["appsync-http"])(appsync_source("http"))
# Complies: the data source is the GDPR table in Ireland.
case("out15-appsync-dynamodb-source-ireland", OUTSIDE, cite=OUT_DOC["appsync-ddb"])(appsync_source("dynamodb"))


def gcs_notification(topic: str) -> Build:
    """Pub/Sub notifications of the GDPR letters bucket (each names the object and carries its metadata)."""

    def build(s: Stack) -> None:
        bucket = gcs_bucket(s, "ledger-letters", "EUROPE-WEST3", GDPR)
        deps = [bucket]
        if topic.startswith(f"projects/{PROJECT}/"):
            deps.append(
                put(
                    s,
                    "gcp:pubsub/topic:Topic",
                    "letter-objects",
                    gcp(s),
                    known={"id": topic},
                    name="letter-objects",
                    project=PROJECT,
                    messageStoragePolicy={"allowedPersistenceRegions": ["europe-west3"], "enforceInTransit": True},
                )
            )
        put(
            s,
            "gcp:storage/notification:Notification",
            "letters-notify",
            gcp(s),
            deps=deps,
            bucket="ledger-letters",
            topic=topic,
            payloadFormat="JSON_API_V1",
            eventTypes=["OBJECT_FINALIZE"],
        )

    return build


# Violates: the notifications go to a topic in another company's project (not in this stack).
case("out15-gcs-notification-partner-topic", OUTSIDE, "DENY", OUT_DOC["gcs-notify"])(
    gcs_notification("projects/claims-partner-ops/topics/ledger-letters")
)
# Complies: they go to a topic of the stack stored only in Frankfurt.
case("out15-gcs-notification-own-topic-frankfurt", OUTSIDE, cite=OUT_DOC["gcs-notify"])(
    gcs_notification(f"projects/{PROJECT}/topics/letter-objects")
)


def bucket_policy(principal: Any, new_bucket: bool = False) -> Build:
    """A bucket policy on the GDPR claim-scans bucket in Ireland letting ``principal`` get its objects."""

    def build(s: Stack) -> None:
        own_account_provider(s)
        if new_bucket:
            bucket = put(s, "aws:s3/bucket:Bucket", "ledger-scans", aws(s), bucket="ledger-scans", tags=GDPR)
        else:
            bucket = s3_bucket(s, "ledger-scans", "eu-west-1", GDPR)
        deps = [bucket]
        if principal == UNKNOWN:
            deps.append(put(s, "aws:iam/role:Role", "scan-reader", aws(s), name="scan-reader", assumeRolePolicy="{}"))
        policy = put(
            s,
            "aws:s3/bucketPolicy:BucketPolicy",
            "ledger-scans-policy",
            aws(s),
            deps=deps,
            bucket=UNKNOWN if new_bucket else "ledger-scans",
            policy=UNKNOWN
            if principal == UNKNOWN
            else statement(principal, ["s3:GetObject"], "arn:aws:s3:::ledger-scans/*"),
        )
        if new_bucket:
            depends(s, policy, bucket=[bucket])
        if principal == UNKNOWN:
            depends(s, policy, policy=[deps[-1]])

    return build


# Violates: anyone on the internet may get the GDPR scans (a public bucket policy).
case("out15-s3-bucket-policy-public-read", OUTSIDE, "DENY", OUT_DOC["s3-bucket-policy"])(bucket_policy("*"))
# Complies: a role of our own second account may read them.
case("out15-s3-bucket-policy-own-account-role", OUTSIDE, cite=OUT_DOC["s3-bucket-policy"])(
    bucket_policy(f"arn:aws:iam::{OWN_ACCOUNT}:role/claims-reporting")
)


# ============================================================================ unset location defaults
DEF_DOC = {
    "influx": "https://www.pulumi.com/registry/packages/aws/api-docs/timestreaminfluxdb/dbinstance/",
    "aws-region": "https://www.pulumi.com/registry/packages/aws/installation-configuration/",
    "region-override": "https://www.pulumi.com/registry/packages/aws/how-to-guides/aws-enhanced-region-support",
    "idp-tenant": "https://www.pulumi.com/registry/packages/gcp/api-docs/identityplatform/tenant/",
    "idp-users": "https://cloud.google.com/identity-platform/docs/concepts-manage-users",
    "featurestore": "https://www.pulumi.com/registry/packages/gcp/api-docs/vertex/aifeaturestore/",
    "purview": "https://www.pulumi.com/registry/packages/azure-native/api-docs/purview/account/",
    "hdinsight": "https://www.pulumi.com/registry/packages/azure-native/api-docs/hdinsight/cluster/",
    "arm-location": "https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/overview#resource-group-location-alignment",
}


def influx(provider_region: str | None) -> Build:
    """A GDPR Timestream for InfluxDB instance (claimants' telematics), with no region of its own, through a
    provider with region ``provider_region`` (None: none, the region comes from the environment)."""

    def build(s: Stack) -> None:
        prov = s.provider("aws", "aws-env") if provider_region is None else aws(s, provider_region)
        put(
            s,
            "aws:timestreaminfluxdb/dbInstance:DbInstance",
            "telematics",
            prov,
            name="telematics",
            allocatedStorage=50,
            bucket="trips",
            organization="ledger",
            username="admin",
            password=secret("influx-admin-2026-rotated"),
            dbInstanceType="db.influx.medium",
            vpcSubnetIds=["subnet-0a1b2c3d4e5f60718"],
            vpcSecurityGroupIds=["sg-0a1b2c3d4e5f60718"],
            tags=GDPR,
        )

    return build


# Violates: neither the instance nor its provider names a region.
case("def15-influxdb-no-region", DEFAULTS, "DENY", DEF_DOC["aws-region"])(influx(None))
# Complies: the provider's region is Ireland.
case("def15-influxdb-provider-ireland", DEFAULTS, cite=DEF_DOC["influx"])(influx("eu-west-1"))


def emr_serverless(region: str) -> Build:
    """A GDPR EMR Serverless Spark application through the Ireland provider, with its own region (v7)."""

    def build(s: Stack) -> None:
        put(
            s,
            "aws:emrserverless/application:Application",
            "claims-spark",
            aws(s),
            name="claims-spark",
            releaseLabel="emr-7.5.0",
            type="spark",
            region=region,
            tags=GDPR,
        )

    return build


# Violates: the application's own region (Oregon) overrides the provider's Ireland.
case("def15-emr-serverless-region-oregon", DEFAULTS, "DENY", DEF_DOC["region-override"])(emr_serverless("us-west-2"))
# Complies: its own region is Stockholm.
case("def15-emr-serverless-region-stockholm", DEFAULTS, cite=DEF_DOC["region-override"])(emr_serverless("eu-north-1"))


def identity_tenant(s: Stack) -> None:
    """An Identity Platform tenant (claimants' sign-in accounts: emails, phone numbers) in the project; the
    resource takes no location at all."""
    put(
        s,
        "gcp:identityplatform/tenant:Tenant",
        "claimants",
        gcp(s),
        project=PROJECT,
        displayName="claimants",
        allowPasswordSignup=True,
        enableEmailLinkSignin=False,
    )


# Violates: in a GDPR stack, the tenant's user accounts have no location that can be placed.
case("def15-identity-platform-tenant-gdpr", DEFAULTS, "DENY", DEF_DOC["idp-tenant"], config=GDPR_STACK)(identity_tenant)
# Complies: the same tenant in a stack declared unregulated.
case("def15-identity-platform-tenant-unregulated", DEFAULTS, cite=DEF_DOC["idp-users"], config=NONE_STACK)(
    identity_tenant
)


def feature_store(provider_region: str) -> Build:
    """A GDPR Vertex AI (legacy) featurestore without a region: it takes the provider's."""

    def build(s: Stack) -> None:
        put(
            s,
            "gcp:vertex/aiFeatureStore:AiFeatureStore",
            "claimant-features",
            gcp(s, provider_region),
            name="claimant_features",
            project=PROJECT,
            onlineServingConfig={"fixedNodeCount": 1},
            labels=GDPR,
        )

    return build


# Violates: the provider's region is Iowa.
case("def15-featurestore-provider-iowa", DEFAULTS, "DENY", DEF_DOC["featurestore"])(feature_store("us-central1"))
# Complies: the provider's region is Frankfurt.
case("def15-featurestore-provider-frankfurt", DEFAULTS, cite=DEF_DOC["featurestore"])(feature_store("europe-west3"))


def purview(rg_location: str) -> Build:
    """A GDPR Microsoft Purview account (scans the claims stores, keeps their classifications) without a
    location, in resource group "governance" of the stack in ``rg_location``."""

    def build(s: Stack) -> None:
        rg = resource_group(s, rg_location, "governance")
        put(
            s,
            "azure-native:purview:Account",
            "ledger-purview",
            azure(s),
            deps=[rg],
            resourceGroupName="governance",
            accountName="ledger-purview",
            identity={"type": "SystemAssigned"},
            publicNetworkAccess="Disabled",
            tags=GDPR,
        )

    return build


# Violates: the account takes its resource group's location, East US.
case("def15-purview-group-east-us", DEFAULTS, "DENY", DEF_DOC["arm-location"])(purview("eastus"))
# Complies: the resource group is in West Europe.
case("def15-purview-group-west-europe", DEFAULTS, cite=DEF_DOC["purview"])(purview("westeurope"))


def hdinsight(s: Stack) -> None:
    """A GDPR HDInsight Spark cluster without a location in resource group "analytics" (Central US)."""
    rg = resource_group(s, "centralus", "analytics")
    put(
        s,
        "azure-native:hdinsight:Cluster",
        "claims-spark",
        azure(s),
        deps=[rg],
        resourceGroupName="analytics",
        clusterName="claims-spark",
        properties={
            "clusterVersion": "5.1",
            "osType": "Linux",
            "tier": "Standard",
            "clusterDefinition": {"kind": "spark", "componentVersion": {"Spark": "3.3"}},
            "storageProfile": {
                "storageaccounts": [
                    {
                        "name": "ledgerlake.dfs.core.windows.net",
                        "isDefault": True,
                        "fileSystem": "claims",
                        "resourceId": f"{RG}/Microsoft.Storage/storageAccounts/ledgerlake",
                        "msiResourceId": f"{RG}/Microsoft.ManagedIdentity/userAssignedIdentities/hdi",
                    }
                ]
            },
        },
        tags=GDPR,
    )


# Violates: the cluster takes its resource group's location, Central US.
case("def15-hdinsight-group-central-us", DEFAULTS, "DENY", DEF_DOC["hdinsight"])(hdinsight)


# ============================================================================ Kubernetes operators
OP_DOC = {
    "ack-region": "https://aws-controllers-k8s.github.io/community/docs/user-docs/multi-region-resource-management/",
    "ack-mq": "https://aws-controllers-k8s.github.io/community/reference/mq/v1alpha1/broker/",
    "ack-keyspaces": "https://aws-controllers-k8s.github.io/community/reference/keyspaces/v1alpha1/keyspace/",
    "keyspaces-mr": "https://docs.aws.amazon.com/keyspaces/latest/devguide/multiRegion-replication.html",
    "xp-opensearch": "https://marketplace.upbound.io/providers/upbound/provider-aws-opensearch/latest/resources/opensearch.aws.upbound.io/Domain/v1beta1",
    "kcc-spanner": "https://cloud.google.com/config-connector/docs/reference/resource-docs/spanner/spannerinstance",
    "kcc-alloydb": "https://cloud.google.com/config-connector/docs/reference/resource-docs/alloydb/alloydbcluster",
    "aso-synapse": "https://azure.github.io/azure-service-operator/reference/synapse/v1api20210601/",
    "aso-eventgrid": "https://azure.github.io/azure-service-operator/reference/eventgrid/v1api20200601/",
}


def ack_broker(region: str) -> Callable[[Stack, str], str]:
    return custom_resource(
        "mq.services.k8s.aws/v1alpha1",
        "Broker",
        "acme-claims-bus",
        "acme",
        {
            "name": "acme-claims-bus",
            "engineType": "RABBITMQ",
            "engineVersion": "3.13",
            "hostInstanceType": "mq.m7g.large",
            "deploymentMode": "SINGLE_INSTANCE",
            "autoMinorVersionUpgrade": True,
            "publiclyAccessible": False,
            "users": [{"username": "acme", "password": {"name": "acme-mq", "key": "password"}}],
        },
        annotations={"services.k8s.aws/region": region},
    )


# Violates: ACK creates the GDPR tenant's RabbitMQ broker (claims messages) in N. Virginia.
case("op15-ack-mq-broker-virginia", OPERATORS, "DENY", OP_DOC["ack-mq"])(operator(ack_broker("us-east-1")))
# Complies: the broker is in Frankfurt.
case("op15-ack-mq-broker-frankfurt", OPERATORS, cite=OP_DOC["ack-region"])(operator(ack_broker("eu-central-1")))


def ack_keyspace(regions: list[str]) -> Callable[[Stack, str], str]:
    return custom_resource(
        "keyspaces.services.k8s.aws/v1alpha1",
        "Keyspace",
        "acme-policies",
        "acme",
        {
            "keyspaceName": "acme_policies",
            "replicationSpecification": {"replicationStrategy": "MULTI_REGION", "regionList": regions},
        },
        annotations={"services.k8s.aws/region": "eu-west-1"},
    )


# Violates: the tenant's multi-Region keyspace (created in Ireland) replicates to N. Virginia as well.
case("op15-ack-keyspace-replicates-virginia", OPERATORS, "DENY", OP_DOC["keyspaces-mr"])(
    operator(ack_keyspace(["eu-west-1", "us-east-1"]))
)
# Complies: the keyspace replicates between Ireland and Frankfurt only.
case("op15-ack-keyspace-replicates-frankfurt", OPERATORS, cite=OP_DOC["ack-keyspaces"])(
    operator(ack_keyspace(["eu-west-1", "eu-central-1"]))
)


def xp_opensearch(region: str) -> Callable[[Stack, str], str]:
    return custom_resource(
        "opensearch.aws.upbound.io/v1beta1",
        "Domain",
        "acme-claims-search",
        None,
        {
            "forProvider": {
                "region": region,
                "engineVersion": "OpenSearch_2.17",
                "clusterConfig": [{"instanceType": "r7g.large.search", "instanceCount": 2}],
                "ebsOptions": [{"ebsEnabled": True, "volumeSize": 50}],
                "encryptAtRest": [{"enabled": True}],
                "tags": {"fleet-tenant": "acme", **GDPR},
            },
            "providerConfigRef": {"name": "default"},
        },
        labels={**GDPR, "fleet-tenant": "acme"},
    )


# Violates: a Crossplane OpenSearch domain labelled GDPR (the tenant's claim search) is created in Oregon.
case("op15-crossplane-opensearch-oregon", OPERATORS, "DENY", OP_DOC["xp-opensearch"])(
    operator(xp_opensearch("us-west-2"))
)
# Complies: it is created in Paris.
case("op15-crossplane-opensearch-paris", OPERATORS, cite=OP_DOC["xp-opensearch"])(operator(xp_opensearch("eu-west-3")))


def kcc_object(kind: str, group: str, name: str, spec: dict[str, Any]) -> Callable[[Stack, str], str]:
    return custom_resource(
        f"{group}.cnrm.cloud.google.com/v1beta1",
        kind,
        name,
        "acme",
        spec,
        annotations={"cnrm.cloud.google.com/project-id": "acme-prod"},
    )


def kcc_spanner(config: str) -> Callable[[Stack, str], str]:
    return kcc_object(
        "SpannerInstance",
        "spanner",
        "acme-policies",
        {"config": config, "displayName": "acme policies", "processingUnits": 100},
    )


# Violates: Config Connector creates the GDPR tenant's Spanner instance with the Iowa configuration.
case("op15-kcc-spanner-iowa", OPERATORS, "DENY", OP_DOC["kcc-spanner"])(
    operator(kcc_spanner("regional-us-central1"), "gcp")
)
# Complies: the instance's configuration is Frankfurt.
case("op15-kcc-spanner-frankfurt", OPERATORS, cite=OP_DOC["kcc-spanner"])(
    operator(kcc_spanner("regional-europe-west3"), "gcp")
)


def kcc_alloydb(location: str) -> Callable[[Stack, str], str]:
    return kcc_object(
        "AlloyDBCluster",
        "alloydb",
        "acme-claims-db",
        {
            "location": location,
            "networkConfig": {"networkRef": {"external": "projects/acme-prod/global/networks/acme"}},
            "projectRef": {"external": "acme-prod"},
            "initialUser": {
                "user": "acme",
                "password": {"valueFrom": {"secretKeyRef": {"name": "acme-db", "key": "pw"}}},
            },
        },
    )


# Violates: a Config Connector AlloyDB cluster for the GDPR tenant in N. Virginia (us-east4).
case("op15-kcc-alloydb-virginia", OPERATORS, "DENY", OP_DOC["kcc-alloydb"])(operator(kcc_alloydb("us-east4"), "gcp"))


def aso_synapse(location: str) -> Callable[[Stack, str], str]:
    return custom_resource(
        "synapse.azure.com/v1api20210601",
        "Workspace",
        "acme-analytics",
        "acme",
        {
            "location": location,
            "owner": {"name": "acme-rg"},
            "identity": {"type": "SystemAssigned"},
            "defaultDataLakeStorage": {
                "accountUrl": "https://acmelake.dfs.core.windows.net",
                "filesystem": "claims",
            },
            "publicNetworkAccess": "Disabled",
        },
    )


# Violates: Azure Service Operator creates the GDPR tenant's Synapse workspace in East US.
case("op15-aso-synapse-east-us", OPERATORS, "DENY", OP_DOC["aso-synapse"])(
    operator(aso_synapse("eastus"), "azure-native")
)
# Complies: the workspace is in West Europe.
case("op15-aso-synapse-west-europe", OPERATORS, cite=OP_DOC["aso-synapse"])(
    operator(aso_synapse("westeurope"), "azure-native")
)


def aso_topic(location: str) -> Callable[[Stack, str], str]:
    return custom_resource(
        "eventgrid.azure.com/v1api20200601",
        "Topic",
        "acme-claim-events",
        "acme",
        {"location": location, "owner": {"name": "acme-rg"}, "publicNetworkAccess": "Disabled"},
    )


# Violates: an ASO Event Grid topic for the GDPR tenant's claim events in East US 2.
case("op15-aso-eventgrid-topic-east-us-2", OPERATORS, "DENY", OP_DOC["aso-eventgrid"])(
    operator(aso_topic("eastus2"), "azure-native")
)


# ============================================================================ cloud guardrails
GRD_DOC = {
    "scp-region": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html",
    "scp-syntax": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_syntax.html",
    "iam-condition": "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html",
    "gcp-locations": "https://cloud.google.com/resource-manager/docs/organization-policy/defining-locations",
    "gcp-supported": "https://cloud.google.com/resource-manager/docs/organization-policy/defining-locations-supported-services",
    "az-exemption": "https://learn.microsoft.com/en-us/azure/governance/policy/concepts/exemption-structure",
    "az-definition": "https://learn.microsoft.com/en-us/azure/governance/policy/concepts/definition-structure-basics",
}


def scp_document(resource: str = "*", regions: Any = None) -> str:
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "DenyOutsideEEA",
                    "Effect": "Deny",
                    "NotAction": GLOBAL_SERVICES,
                    "Resource": resource,
                    "Condition": {"StringNotEquals": {"aws:RequestedRegion": GDPR_AWS if regions is None else regions}},
                }
            ],
        }
    )


# Violates: the region deny covers only EC2 instances (its Resource), so every other resource, S3 buckets and
# databases included, may be created in any Region.
case("grd15-aws-scp-resource-instances-only", GUARDRAILS, "DENY", GRD_DOC["scp-syntax"])(
    eks_guarded(scp_document(resource="arn:aws:ec2:*:*:instance/*"))
)
# Complies: the allowed Region is written as a single string (Ireland only), which IAM accepts for one value.
case("grd15-aws-scp-single-region-string", GUARDRAILS, cite=GRD_DOC["iam-condition"])(
    eks_guarded(scp_document(regions="eu-west-1"))
)


def gcp_values(values: list[str]) -> Build:
    def own_sink(s: Stack, org: str) -> None:
        default_sink("europe-west3")(s)

    return gke_guarded(own_sink, org_policy(rules=[{"values": {"allowedValues": values}}]))


# Violates: the allowed value groups add Zurich (europe-west6), outside the EU.
case("grd15-gcp-locations-plus-zurich", GUARDRAILS, "DENY", GRD_DOC["gcp-locations"])(
    gcp_values(["in:europe-west3-locations", "in:europe-west6-locations"])
)
# Complies: Frankfurt, Berlin (europe-west10) and Turin (europe-west12), all in the EU.
case("grd15-gcp-locations-frankfurt-berlin-turin", GUARDRAILS, cite=GRD_DOC["gcp-supported"])(
    gcp_values(["in:europe-west3-locations", "in:europe-west10-locations", "in:europe-west12-locations"])
)

CUSTOM_DEF = f"/subscriptions/{SUB}/providers/Microsoft.Authorization/policyDefinitions/eea-locations-custom"


def custom_definition(s: Stack) -> None:
    """The guarded AKS cluster whose only location guardrail is a custom policy definition (the same rule
    as "Allowed locations", written by the team) assigned to the subscription."""
    aks_guarded()(s)
    s.resources = [r for r in s.resources if r.type != "azure-native:authorization:PolicyAssignment"]
    policy = s.urn("pulumi:providers:azure-native", "policy")
    scope = f"/subscriptions/{SUB}"
    definition = put(
        s,
        "azure-native:authorization:PolicyDefinition",
        "eea-locations-custom",
        policy,
        known={"id": CUSTOM_DEF},
        policyDefinitionName="eea-locations-custom",
        policyType="Custom",
        mode="Indexed",
        displayName="EEA locations (custom)",
        parameters={"allowed": {"type": "Array"}},
        policyRule={
            "if": {"not": {"field": "location", "in": "[parameters('allowed')]"}},
            "then": {"effect": "deny"},
        },
    )
    put(
        s,
        "azure-native:authorization:PolicyAssignment",
        "eea-custom",
        policy,
        deps=[definition],
        known={"id": f"{scope}/providers/Microsoft.Authorization/policyAssignments/eea-custom"},
        scope=scope,
        policyAssignmentName="eea-custom",
        policyDefinitionId=CUSTOM_DEF,
        enforcementMode="Default",
        parameters={"allowed": {"value": ["westeurope", "northeurope"]}},
    )


# Violates: the contract counts assignments of "Allowed locations" (or an initiative holding it); a custom
# definition is not one, so the subscription is not shown to be guarded.
case("grd15-azure-custom-definition-only", GUARDRAILS, "DENY", GRD_DOC["az-definition"])(custom_definition)


TAG_RULE = "/providers/Microsoft.Authorization/policyDefinitions/871b6d14-10aa-478d-b590-94f262ecfa99"


def initiative_exemption(reference_ids: list[str]) -> Build:
    """The EEA initiative (members: "Allowed locations" as allowedLocations, "Require a tag on resources" as
    requireCostCentreTag) assigned to the cluster's subscription, and a policy exemption of that assignment
    on the sandbox resource group limited to the members ``reference_ids`` names."""
    built = az_initiative(["westeurope", "northeurope", "germanywestcentral", "swedencentral", "francecentral"])

    def build(s: Stack) -> None:
        built(s)
        initiative = _find(s, s.urn("azure-native:authorization:PolicySetDefinition", "eea-residency"))
        tag_member = {
            "policyDefinitionId": TAG_RULE,
            "policyDefinitionReferenceId": "requireCostCentreTag",
            "parameters": {"tagName": {"value": "cost-centre"}},
        }
        for attrs in (initiative.inputs, initiative.outputs):
            attrs["policyDefinitions"] = [*attrs["policyDefinitions"], tag_member]
        scope = f"/subscriptions/{SUB}"
        put(
            s,
            "azure-native:authorization:PolicyExemption",
            "sandbox-waiver",
            s.urn("pulumi:providers:azure-native", "policy"),
            scope=f"{scope}/resourceGroups/sandbox",
            policyExemptionName="sandbox-waiver",
            exemptionCategory="Waiver",
            policyAssignmentId=f"{scope}/providers/Microsoft.Authorization/policyAssignments/eea-residency",
            policyDefinitionReferenceIds=reference_ids,
            description="Sandbox experiments",
        )

    return build


# Violates: the exemption takes the sandbox resource group out of the initiative's allowedLocations member.
case("grd15-azure-initiative-exemption-allowed-locations", GUARDRAILS, "DENY", GRD_DOC["az-exemption"])(
    initiative_exemption(["allowedLocations"])
)
# Complies: the exemption is limited to the initiative's tag member (policyDefinitionReferenceIds); the
# allowed-locations member still applies to the whole subscription.
case("grd15-azure-initiative-exemption-tag-member-only", GUARDRAILS, cite=GRD_DOC["az-exemption"])(
    initiative_exemption(["requireCostCentreTag"])
)


# ============================================================================ unknown at preview
PRE_DOC = {
    "unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
    "policy-preview": "https://www.pulumi.com/docs/iac/using-pulumi/crossguard/best-practices/",
}

# Violates: the GDPR bucket is new (its name unknown to the policy, followed through the dependency); the
# public principal is known.
case("pre15-s3-new-bucket-public-policy", PREVIEW, "DENY", PRE_DOC["unknowns"])(bucket_policy("*", new_bucket=True))
# Complies at preview: the policy document is built from a role created in this update (unknown).
case("pre15-s3-bucket-policy-document-unknown", PREVIEW, cite=PRE_DOC["policy-preview"])(bucket_policy(UNKNOWN))
# Violates: the GDPR account is new (its ID unknown to the subscription); the partner webhook is known.
case("pre15-event-grid-new-account-partner-webhook", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    event_subscription("webhook", new_account=True)
)
# Complies at preview: the webhook's URL is that of a web app created in this update (unknown).
case("pre15-event-grid-webhook-url-unknown", PREVIEW, cite=PRE_DOC["policy-preview"])(event_subscription("unknown"))
# Violates: the GDPR bucket is new (unknown to the ACL); allUsers is known.
case("pre15-gcs-new-bucket-acl-all-users", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    bucket_acl("allUsers", new_bucket=True)
)
# Complies at preview: the ACL's entity is a service account created in this update (unknown).
case("pre15-gcs-bucket-acl-entity-unknown", PREVIEW, cite=PRE_DOC["policy-preview"])(bucket_acl(UNKNOWN))
# Violates: the audit storage account is new (its endpoint unknown to the policy), but its location, East US,
# is known from its inputs and followed through the dependency.
case("pre15-sql-audit-new-account-east-us", PREVIEW, "DENY", PRE_DOC["unknowns"])(sql_audit("eastus", new_account=True))
# Complies: the same new account in West Europe.
case("pre15-sql-audit-new-account-west-europe", PREVIEW, cite=PRE_DOC["unknowns"])(
    sql_audit("westeurope", new_account=True)
)


# ============================================================================ malformed shapes
BAD_DOC = {
    "gcs-acl": "https://www.pulumi.com/registry/packages/gcp/api-docs/storage/bucketaccesscontrol/",
    "snapshot-iam": "https://www.pulumi.com/registry/packages/gcp/api-docs/compute/snapshotiammember/",
    "efs-policy": "https://www.pulumi.com/registry/packages/aws/api-docs/efs/filesystempolicy/",
    "purview": "https://www.pulumi.com/registry/packages/azure-native/api-docs/purview/account/",
    "cosmos": "https://www.pulumi.com/registry/packages/azure-native/api-docs/cosmosdb/databaseaccount/",
    "sql-audit": "https://www.pulumi.com/registry/packages/azure-native/api-docs/sql/databaseblobauditingpolicy/",
    "glacier": "https://www.pulumi.com/registry/packages/aws/api-docs/glacier/vault/",
    "appsync": "https://www.pulumi.com/registry/packages/aws/api-docs/appsync/datasource/",
}

# Violates: the ACL's entity (one string) is a list of two entities, one of them allUsers.
case("bad15-gcs-acl-entity-two", MALFORMED, "DENY", BAD_DOC["gcs-acl"])(
    bucket_acl(["group-claims-auditors@ledger.example", "allUsers"])
)
# Violates: the snapshot IAM member (one string) is an object.
case("bad15-snapshot-iam-member-object", MALFORMED, "DENY", BAD_DOC["snapshot-iam"])(
    snapshot_member({"serviceAccount": f"dr-restore@{PROJECT}.iam.gserviceaccount.com"})
)
# Violates: the file system policy's fileSystemId is a list of two file systems.
case("bad15-efs-policy-file-system-two", MALFORMED, "DENY", BAD_DOC["efs-policy"])(
    efs_share(OWN_ACCOUNT, [FS_ID, "fs-0d8b2f0a4e6c13579"])
)
# Violates: the Purview account's location is a one-item list (azure-native takes one string).
case("bad15-purview-location-list", MALFORMED, "DENY", BAD_DOC["purview"])(
    retouch(purview("westeurope"), "azure-native:purview:Account", "ledger-purview", location=["westeurope"])
)
# Violates: the restore source (an ID string) is an object.
case("bad15-cosmos-restore-source-object", MALFORMED, "DENY", BAD_DOC["cosmos"])(
    cosmos_restore("westeurope", restore_source={"id": RESTORABLE})
)
# Violates: the audit policy's storageEndpoint is a one-item list.
case("bad15-sql-audit-endpoint-list", MALFORMED, "DENY", BAD_DOC["sql-audit"])(
    sql_audit("westeurope", endpoint=["https://ledgeraudit.blob.core.windows.net/"])
)
# Complies: the vault's notification block (MaxItems=1, flattened by the SDK) given as a one-item list, as the
# bridge hands it to Terraform; the access policy admits our own second account only.
case("bad15-glacier-notification-one-item-list", MALFORMED, cite=BAD_DOC["glacier"])(
    glacier_vault(
        OWN_ACCOUNT,
        [
            {
                "events": ["ArchiveRetrievalCompleted"],
                "snsTopic": f"arn:aws:sns:eu-west-1:{ACCOUNT}:claims-archive-jobs",
            }
        ],
    )
)
# Complies: the DynamoDB data source's dynamodbConfig (one block) given as a one-item list.
case("bad15-appsync-dynamodb-config-one-item-list", MALFORMED, cite=BAD_DOC["appsync"])(
    appsync_source("dynamodb", [{"tableName": "claims", "region": "eu-west-1"}])
)
