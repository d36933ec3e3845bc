"""Cloud residency cases of the twentieth outside corpus, written from cloud-provider documentation and the
pack's user-facing contract (docs/RULES.md, docs/SPEC.md, docs/REVIEW.md, README.md) by a helper session
that had not read the pack's rules, its residency survey, its configs or its tests. It must never be used
to tune the pack (see README.md beside it).

Cases are built with the ``Case``/``Stack`` API of ``tests/policies/corpus.py`` and the helpers of the
earlier outside corpora. A case asks only whether a correct pack denies it: ``expect="DENY"`` (some
mandatory violation) or nothing (compliant: no mandatory violation at all). Each cites the page its outcome
rests on; a comment above it says why it violates or complies. The resource or property that decides each
case is one none of the nineteen earlier corpora used: RDS DB snapshots' ``sharedAccounts``, S3 Tables table
bucket policies, OpenSearch Serverless data access policies; Dialogflow CX security settings' audio export,
Cloud Storage IAM convenience values (``projectViewer:``), Dataproc temp buckets; Entra ID tenant diagnostic
settings, Defender for Cloud workspace settings, Event Grid dead-letter destinations, Database Migration
Service migrations to Azure SQL; Detective behavior graph invitations, Verified Access log buckets of another
account, Container Apps Dapr components, SignalR upstreams, Dialogflow CX webhooks; Cognito e-mail through SES
in another Region, Azure Maps additional data processing locations, Apigee runtime instances, Dialogflow CX
agents in "global"; ACK DynamoDB global tables, Crossplane EBS snapshot copies, Config Connector resource
policies, ASO Data Protection backup vaults and Front Door profiles; SCPs whose deny names only some
resources, SCPs on a parent OU, policies on a parent folder merged with a child's, exemptions on a child
management group.

``UNKNOWN`` stands for a value the engine only learns at the update.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from tests.policies.corpus import GDPR, NONE, UNKNOWN, Stack, secret
from tests.policies.outside.corpus import (
    ACCOUNT,
    EEA_VALUES,
    PROJECT,
    RG,
    SUB,
    _find,
    aks_guarded,
    aws,
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
    scp,
    sql_server,
    storage_account,
    workspace,
)
from tests.policies.outside4.cloud import retouch
from tests.policies.outside11.cloud import OWN_ACCOUNT, depends, own_account_provider
from tests.policies.outside15.cloud import NL_REGIME, NL_TAG, PARTNER_ACCOUNT, kcc_object
from tests.policies.outside17.cloud import EEA_FOLDER, EEA_OU, MG_ROOT, ROOT, SANDBOX_OU
from tests.policies.outside18.cloud import PARTNER_PROJECT
from tests.policies.outside20.common import case

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

GDPR_STACK = {"stackRegime": "gdpr"}
ORG_ACCOUNT = "333344445555"  # an account of our organization, created by this stack's aws:organizations resources


def aws_doc(*statements: dict[str, Any]) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


# ============================================================================ AWS: copies
AWS_DOC = {
    "rds-share": "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ShareSnapshot.html",
    "rds-share-public": "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ShareSnapshot.html#USER_ShareSnapshot.Sharing",
    "rds-snapshot-registry": "https://www.pulumi.com/registry/packages/aws/api-docs/rds/snapshot/",
    "s3tables-policy": "https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-tables-resource-based-policies.html",
    "aoss-access": "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/serverless-data-access.html",
}


def org_account(s: Stack) -> str:
    """An account of our organization, created by this stack through the management account's provider."""
    org = s.provider(
        "aws",
        "org",
        region="us-east-1",
        allowedAccountIds=["999999999999"],
        assumeRoles=[{"roleArn": "arn:aws:iam::999999999999:role/fleet-accounts"}],
    )
    return put(
        s,
        "aws:organizations/account:Account",
        "ledger-restore-tests",
        org,
        known={"id": ORG_ACCOUNT, "arn": f"arn:aws:organizations::999999999999:account/o-a1b2c3d4e5/{ORG_ACCOUNT}"},
        name="ledger-restore-tests",
        email="aws-ledger-restore-tests@ledger.example",
        closeOnDeletion=False,
        tags=NONE,
    )


def rds_snapshot_share(accounts: Any, own: bool = False, org: bool = False) -> Build:
    """A manual snapshot of the GDPR ledger database (RDS PostgreSQL, Ireland), untagged, shared with
    ``accounts`` through its ``sharedAccounts``: each may copy it or restore it in any Region."""

    def build(s: Stack) -> None:
        if own:
            own_account_provider(s)
        deps = [rds_instance(s, aws(s))]
        if org:
            deps.append(org_account(s))
        put(
            s,
            "aws:rds/snapshot:Snapshot",
            "ledger-monthly",
            aws(s),
            deps=deps,
            dbInstanceIdentifier="ledger",
            dbSnapshotIdentifier="ledger-2026-05",
            sharedAccounts=accounts,
        )

    return build


# Violates: another company's account may restore or copy the GDPR database's snapshot in any Region.
case("aws20-rds-snapshot-shared-partner", AWS_COPIES, "DENY", AWS_DOC["rds-share"])(
    rds_snapshot_share([PARTNER_ACCOUNT])
)
# Violates: "all" makes the snapshot public: every AWS account may restore it.
case("aws20-rds-snapshot-shared-all", AWS_COPIES, "DENY", AWS_DOC["rds-share-public"])(rds_snapshot_share(["all"]))
# Violates: one of the two accounts is ours, the other is another company's.
case("aws20-rds-snapshot-shared-own-and-partner", AWS_COPIES, "DENY", AWS_DOC["rds-share"])(
    rds_snapshot_share([OWN_ACCOUNT, PARTNER_ACCOUNT], own=True)
)
# Complies: shared with our second account only (named by a provider of the stack).
case("aws20-rds-snapshot-shared-own-account", AWS_COPIES, cite=AWS_DOC["rds-snapshot-registry"])(
    rds_snapshot_share([OWN_ACCOUNT], own=True)
)
# Complies: shared with the restore-test account our organization creates in this stack.
case("aws20-rds-snapshot-shared-organization-account", AWS_COPIES, cite=AWS_DOC["rds-share"])(
    rds_snapshot_share([ORG_ACCOUNT], org=True)
)

LAKE_ARN = f"arn:aws:s3tables:eu-west-1:{ACCOUNT}:bucket/claims-lake"


def table_bucket_policy(principal: Any, new_bucket: bool = False, own: bool = False) -> Build:
    """The GDPR claims lake (an S3 table bucket of Iceberg tables, Ireland) whose resource policy lets
    ``principal`` read every table's data. The policy names the bucket by the ARN the program composes from
    its account, Region and name (known); the policy resource takes the bucket's ARN output (``new_bucket``:
    the bucket is created in this update, so that input is unknown). ``principal`` UNKNOWN: a role of ours
    created in this update, whose ARN the policy document takes."""

    def build(s: Stack) -> None:
        if own:
            own_account_provider(s)
        bucket = put(
            s,
            "aws:s3tables/tableBucket:TableBucket",
            "claims-lake",
            aws(s),
            known=None if new_bucket else {"id": LAKE_ARN, "arn": LAKE_ARN},
            name="claims-lake",
            tags=GDPR,
        )
        deps = [bucket]
        policy: Any = UNKNOWN
        if principal is UNKNOWN:
            deps.append(
                put(
                    s,
                    "aws:iam/role:Role",
                    "lake-reader",
                    aws(s),
                    name="claims-lake-reader",
                    assumeRolePolicy=aws_doc(
                        {
                            "Effect": "Allow",
                            "Principal": {"Service": "glue.amazonaws.com"},
                            "Action": "sts:AssumeRole",
                        }
                    ),
                )
            )
        else:
            policy = aws_doc(
                {
                    "Sid": "ReadClaimsTables",
                    "Effect": "Allow",
                    "Principal": {"AWS": principal},
                    "Action": [
                        "s3tables:GetTableBucket",
                        "s3tables:ListTables",
                        "s3tables:GetTable",
                        "s3tables:GetTableMetadataLocation",
                        "s3tables:GetTableData",
                    ],
                    "Resource": [LAKE_ARN, f"{LAKE_ARN}/table/*"],
                }
            )
        urn = put(
            s,
            "aws:s3tables/tableBucketPolicy:TableBucketPolicy",
            "claims-lake-policy",
            aws(s),
            deps=deps,
            tableBucketArn=UNKNOWN if new_bucket else LAKE_ARN,
            resourcePolicy=policy,
        )
        unknown: dict[str, list[str]] = {}
        if new_bucket:
            unknown["tableBucketArn"] = [bucket]
        if principal is UNKNOWN:
            unknown["resourcePolicy"] = [deps[1]]
        if unknown:
            depends(s, urn, **unknown)

    return build


PARTNER_ROOT = f"arn:aws:iam::{PARTNER_ACCOUNT}:root"
OWN_ANALYTICS_ROLE = f"arn:aws:iam::{OWN_ACCOUNT}:role/claims-analytics"

# Violates: another company's account may read every table of the GDPR lake.
case("aws20-table-bucket-policy-partner", AWS_COPIES, "DENY", AWS_DOC["s3tables-policy"])(
    table_bucket_policy(PARTNER_ROOT)
)
# Complies: only our analytics account's role reads them.
case("aws20-table-bucket-policy-own-account", AWS_COPIES, cite=AWS_DOC["s3tables-policy"])(
    table_bucket_policy(OWN_ANALYTICS_ROLE, own=True)
)

COLLECTION_ID = "kb7c1a2b3c4d5e6f7a8b"


def aoss_access(principal: str, own: bool = False) -> Build:
    """The GDPR claims search collection (OpenSearch Serverless, Ireland: claim texts and claimants' names)
    with a data access policy that lets ``principal`` read its indexes' documents."""

    def build(s: Stack) -> None:
        if own:
            own_account_provider(s)
        collection = put(
            s,
            "aws:opensearch/serverlessCollection:ServerlessCollection",
            "claims-search",
            aws(s),
            known={
                "id": COLLECTION_ID,
                "arn": f"arn:aws:aoss:eu-west-1:{ACCOUNT}:collection/{COLLECTION_ID}",
                "collectionEndpoint": f"https://{COLLECTION_ID}.eu-west-1.aoss.amazonaws.com",
            },
            name="claims-search",
            type="SEARCH",
            tags=GDPR,
        )
        put(
            s,
            "aws:opensearch/serverlessAccessPolicy:ServerlessAccessPolicy",
            "claims-search-readers",
            aws(s),
            deps=[collection],
            name="claims-search-readers",
            type="data",
            description="read access to the claims indexes",
            policy=json.dumps(
                [
                    {
                        "Rules": [
                            {
                                "ResourceType": "index",
                                "Resource": ["index/claims-search/*"],
                                "Permission": ["aoss:ReadDocument", "aoss:DescribeIndex"],
                            },
                            {
                                "ResourceType": "collection",
                                "Resource": ["collection/claims-search"],
                                "Permission": ["aoss:DescribeCollectionItems"],
                            },
                        ],
                        "Principal": [principal],
                        "Description": "claims readers",
                    }
                ]
            ),
        )

    return build


# Violates: a role of another company's account may read every claim document of the collection.
case("aws20-aoss-access-policy-partner-role", AWS_COPIES, "DENY", AWS_DOC["aoss-access"])(
    aoss_access(f"arn:aws:iam::{PARTNER_ACCOUNT}:role/claims-review")
)
# Complies: the reader is a role of our own account.
case("aws20-aoss-access-policy-own-role", AWS_COPIES, cite=AWS_DOC["aoss-access"])(
    aoss_access(f"arn:aws:iam::{ACCOUNT}:role/claims-review")
)


# ============================================================================ GCP: copies
GCP_DOC = {
    "dfcx-security": "https://cloud.google.com/dialogflow/cx/docs/concept/security-settings",
    "gcs-locations": "https://cloud.google.com/storage/docs/locations",
    "gcs-convenience": "https://cloud.google.com/storage/docs/access-control/iam#convenience-values",
    "dataproc-buckets": "https://cloud.google.com/dataproc/docs/concepts/configuring-clusters/staging-bucket",
}
DFCX_SETTINGS = f"projects/{PROJECT}/locations/europe-west3/securitySettings/claims-hotline"
DFCX_AGENT = f"projects/{PROJECT}/locations/europe-west3/agents/7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d"


def dfcx_agent(s: Stack, location: str = "europe-west3", deps: list[str] | None = None, known: bool = True) -> str:
    """The claims hotline's Dialogflow CX agent (callers' voice and the claim details they give)."""
    agent_id = f"projects/{PROJECT}/locations/{location}/agents/7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
    return put(
        s,
        "gcp:diagflow/cxAgent:CxAgent",
        "claims-hotline",
        gcp(s),
        deps=deps or [],
        known={"id": agent_id, "name": "7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d"} if known else None,
        project=PROJECT,
        displayName="claims-hotline",
        location=location,
        defaultLanguageCode="de",
        timeZone="Europe/Berlin",
        enableStackdriverLogging=False,
        **({"securitySettings": DFCX_SETTINGS} if location == "europe-west3" and deps else {}),
    )


def dfcx_audio(bucket_location: str, audio: Any = None) -> Build:
    """In a GDPR stack, the hotline agent's security settings export every call's audio to bucket
    claims-hotline-audio in ``bucket_location`` (labelled as holding no regulated data)."""

    def build(s: Stack) -> None:
        bucket = gcs_bucket(s, "claims-hotline-audio", bucket_location, dict(NONE))
        settings = put(
            s,
            "gcp:diagflow/cxSecuritySettings:CxSecuritySettings",
            "claims-hotline-settings",
            gcp(s),
            deps=[bucket],
            known={"id": DFCX_SETTINGS, "name": "claims-hotline"},
            project=PROJECT,
            displayName="claims-hotline",
            location="europe-west3",
            redactionStrategy="REDACT_WITH_SERVICE",
            redactionScope="REDACT_DISK_STORAGE",
            retentionWindowDays=30,
            purgeDataTypes=["DIALOGFLOW_HISTORY"],
            audioExportSettings={
                "gcsBucket": "claims-hotline-audio",
                "audioExportPattern": "export/$session",
                "enableAudioRedaction": False,
                "audioFormat": "OGG",
            }
            if audio is None
            else audio,
        )
        dfcx_agent(s, deps=[settings])

    return build


# Violates: the callers' recorded audio is exported to a bucket in the US multi-region.
case("gcp20-dfcx-audio-export-us", GCP_COPIES, "DENY", GCP_DOC["dfcx-security"], config=GDPR_STACK)(dfcx_audio("US"))
# Violates: europe-west2 is London, outside the EEA.
case("gcp20-dfcx-audio-export-london", GCP_COPIES, "DENY", GCP_DOC["gcs-locations"], config=GDPR_STACK)(
    dfcx_audio("EUROPE-WEST2")
)
# Complies: the audio bucket is in Frankfurt, beside the agent.
case("gcp20-dfcx-audio-export-frankfurt", GCP_COPIES, cite=GCP_DOC["dfcx-security"], config=GDPR_STACK)(
    dfcx_audio("EUROPE-WEST3")
)


def project_viewers(member: Any, new_bucket: bool = False) -> Build:
    """The GDPR claim-documents bucket (Frankfurt) granting roles/storage.objectViewer to ``member``, a
    convenience value naming the viewers of a project (``new_bucket``: created in this update)."""

    def build(s: Stack) -> None:
        bucket = put(
            s,
            "gcp:storage/bucket:Bucket",
            "claim-documents",
            gcp(s),
            known=None if new_bucket else {"id": "claim-documents", "url": "gs://claim-documents"},
            name="claim-documents",
            location="EUROPE-WEST3",
            uniformBucketLevelAccess=True,
            publicAccessPrevention="enforced",
            labels=GDPR,
        )
        grant = put(
            s,
            "gcp:storage/bucketIAMMember:BucketIAMMember",
            "claim-documents-viewers",
            gcp(s),
            deps=[bucket],
            bucket=UNKNOWN if new_bucket else "claim-documents",
            role="roles/storage.objectViewer",
            member=member,
        )
        if new_bucket:
            depends(s, grant, bucket=[bucket])

    return build


# Violates: every viewer of another company's project may read the GDPR claim documents.
case("gcp20-bucket-iam-partner-project-viewers", GCP_COPIES, "DENY", GCP_DOC["gcs-convenience"])(
    project_viewers(f"projectViewer:{PARTNER_PROJECT}")
)
# Complies: the viewers of our own project (the stack's provider project) read them.
case("gcp20-bucket-iam-own-project-viewers", GCP_COPIES, cite=GCP_DOC["gcs-convenience"])(
    project_viewers(f"projectViewer:{PROJECT}")
)


def dataproc_temp(temp_location: str) -> Build:
    """A GDPR Dataproc cluster (Frankfurt) with its staging bucket in Frankfurt and its temp bucket
    (Spark and MapReduce history, YARN aggregated logs with the jobs' output) in ``temp_location``."""

    def build(s: Stack) -> None:
        staging = gcs_bucket(s, "claims-dataproc-staging", "EUROPE-WEST3")
        temp = gcs_bucket(s, "claims-dataproc-temp", temp_location)
        put(
            s,
            "gcp:dataproc/cluster:Cluster",
            "claims-spark",
            gcp(s),
            deps=[staging, temp],
            name="claims-spark",
            region="europe-west3",
            labels=GDPR,
            clusterConfig={
                "stagingBucket": "claims-dataproc-staging",
                "tempBucket": "claims-dataproc-temp",
                "gceClusterConfig": {"zone": "europe-west3-b", "internalIpOnly": True},
                "masterConfig": {"numInstances": 1, "machineType": "n2-standard-4"},
                "workerConfig": {"numInstances": 2, "machineType": "n2-standard-8"},
            },
        )

    return build


# Violates: the cluster's temp bucket (job history and logs with claim data) is in the US multi-region.
case("gcp20-dataproc-temp-bucket-us", GCP_COPIES, "DENY", GCP_DOC["dataproc-buckets"])(dataproc_temp("US"))
# Violates: the temp bucket is in London.
case("gcp20-dataproc-temp-bucket-london", GCP_COPIES, "DENY", GCP_DOC["gcs-locations"])(dataproc_temp("EUROPE-WEST2"))
# Complies: the temp bucket is in Frankfurt.
case("gcp20-dataproc-temp-bucket-frankfurt", GCP_COPIES, cite=GCP_DOC["dataproc-buckets"])(
    dataproc_temp("EUROPE-WEST3")
)
# Complies: the temp bucket is in the EU multi-region.
case("gcp20-dataproc-temp-bucket-eu", GCP_COPIES, cite=GCP_DOC["gcs-locations"])(dataproc_temp("EU"))


# ============================================================================ Azure: copies
AZ_DOC = {
    "entra-diag": "https://learn.microsoft.com/en-us/entra/identity/monitoring-health/howto-configure-diagnostic-settings",
    "entra-logs": "https://learn.microsoft.com/en-us/entra/identity/monitoring-health/concept-sign-ins",
    "defender-workspace": "https://learn.microsoft.com/en-us/rest/api/defenderforcloud/workspace-settings/create",
    "defender-data": "https://learn.microsoft.com/en-us/azure/defender-for-cloud/data-security",
    "eg-deadletter": "https://learn.microsoft.com/en-us/azure/event-grid/manage-event-delivery",
    "eg-retry": "https://learn.microsoft.com/en-us/azure/event-grid/delivery-and-retry",
    "dms-sqldb": "https://learn.microsoft.com/en-us/azure/dms/tutorial-sql-server-azure-sql-database-offline",
    "regions": "https://learn.microsoft.com/en-us/azure/reliability/regions-list",
}


def entra_diagnostics(workspace_location: str, new_workspace: bool = False, logs: Any = None) -> Build:
    """In a GDPR stack, the tenant's Entra ID diagnostic setting sends its sign-in and audit logs (user
    names, IP addresses, devices) to Log Analytics workspace ``identity-logs`` in ``workspace_location``,
    tagged as holding no regulated data (``new_workspace``: created in this update)."""

    def build(s: Stack) -> None:
        if new_workspace:
            ws = put(
                s,
                "azure-native:operationalinsights:Workspace",
                "identity-logs-law",
                azure(s, workspace_location),
                resourceGroupName="ledger",
                workspaceName="identity-logs",
                location=workspace_location,
                sku={"name": "PerGB2018"},
                retentionInDays=180,
                tags=dict(NONE),
            )
        else:
            ws = workspace(s, workspace_location, "identity-logs", dict(NONE))
        setting = put(
            s,
            "azure-native:aadiam:DiagnosticSetting",
            "entra-sign-ins",
            azure(s),
            deps=[ws],
            name="entra-sign-ins",
            workspaceId=UNKNOWN if new_workspace else f"{RG}/Microsoft.OperationalInsights/workspaces/identity-logs",
            logs=[
                {"category": "SignInLogs", "enabled": True},
                {"category": "NonInteractiveUserSignInLogs", "enabled": True},
                {"category": "AuditLogs", "enabled": True},
            ]
            if logs is None
            else logs,
        )
        if new_workspace:
            depends(s, setting, workspaceId=[ws])

    return build


# Violates: the tenant's sign-in and audit logs are kept in a workspace in East US.
case("az20-entra-diagnostics-east-us", AZURE_COPIES, "DENY", AZ_DOC["entra-diag"], config=GDPR_STACK)(
    entra_diagnostics("eastus")
)
# Complies: the workspace is in West Europe.
case("az20-entra-diagnostics-west-europe", AZURE_COPIES, cite=AZ_DOC["entra-diag"], config=GDPR_STACK)(
    entra_diagnostics("westeurope")
)


def defender_workspace(workspace_location: str) -> Build:
    """In a GDPR stack, Defender for Cloud's workspace setting for the subscription sends the security data
    its agents collect from every VM (security events, logon names, process command lines) to workspace
    ``security`` in ``workspace_location``, tagged as holding no regulated data."""

    def build(s: Stack) -> None:
        ws = workspace(s, workspace_location, "security", dict(NONE))
        put(
            s,
            "azure-native:security:WorkspaceSetting",
            "defender-workspace",
            azure(s),
            deps=[ws],
            workspaceSettingName="default",
            scope=f"/subscriptions/{SUB}",
            workspaceId=f"{RG}/Microsoft.OperationalInsights/workspaces/security",
        )

    return build


# Violates: the subscription's security data is collected into a workspace in East US.
case("az20-defender-workspace-east-us", AZURE_COPIES, "DENY", AZ_DOC["defender-workspace"], config=GDPR_STACK)(
    defender_workspace("eastus")
)
# Complies: the workspace is in West Europe.
case("az20-defender-workspace-west-europe", AZURE_COPIES, cite=AZ_DOC["defender-data"], config=GDPR_STACK)(
    defender_workspace("westeurope")
)

TOPIC_ID = f"{RG}/Microsoft.EventGrid/topics/claims-events"


def eventgrid_deadletter(
    dlq_location: str, tags: dict[str, str] = GDPR, new_account: bool = False, deadletter: Any = None
) -> Build:
    """A regulated Event Grid custom topic of claim events (West Europe) whose subscription delivers them to a
    storage queue in West Europe; events that cannot be delivered are dead-lettered, whole, into a blob
    container of storage account ``claimsdlq`` in ``dlq_location`` (``new_account``: created in this
    update)."""

    def build(s: Stack) -> None:
        topic = put(
            s,
            "azure-native:eventgrid:Topic",
            "claims-events",
            azure(s),
            known={"id": TOPIC_ID, "endpoint": "https://claims-events.westeurope-1.eventgrid.azure.net/api/events"},
            resourceGroupName="ledger",
            topicName="claims-events",
            location="westeurope",
            inputSchema="CloudEventSchemaV1_0",
            publicNetworkAccess="Disabled",
            tags=tags,
        )
        queue = storage_account(s, "claimsq", "westeurope", None)
        if new_account:
            dlq = put(
                s,
                "azure-native:storage:StorageAccount",
                "claimsdlq",
                azure(s, dlq_location),
                resourceGroupName="ledger",
                accountName="claimsdlq",
                location=dlq_location,
                kind="StorageV2",
                sku={"name": "Standard_LRS"},
                allowBlobPublicAccess=False,
                minimumTlsVersion="TLS1_2",
            )
        else:
            dlq = storage_account(s, "claimsdlq", dlq_location, None)
        subscription = put(
            s,
            "azure-native:eventgrid:EventSubscription",
            "claims-events-to-queue",
            azure(s),
            deps=[topic, queue, dlq],
            scope=TOPIC_ID,
            eventSubscriptionName="claims-to-queue",
            eventDeliverySchema="CloudEventSchemaV1_0",
            destination={
                "endpointType": "StorageQueue",
                "resourceId": f"{RG}/Microsoft.Storage/storageAccounts/claimsq",
                "queueName": "claims-events",
            },
            retryPolicy={"maxDeliveryAttempts": 30, "eventTimeToLiveInMinutes": 1440},
            deadLetterDestination={
                "endpointType": "StorageBlob",
                "resourceId": UNKNOWN if new_account else f"{RG}/Microsoft.Storage/storageAccounts/claimsdlq",
                "blobContainerName": "claims-deadletters",
            }
            if deadletter is None
            else deadletter,
        )
        if new_account:
            depends(s, subscription, deadLetterDestination=[dlq])

    return build


# Violates: undeliverable claim events are dead-lettered into an account in East US.
case("az20-eventgrid-deadletter-east-us", AZURE_COPIES, "DENY", AZ_DOC["eg-deadletter"])(eventgrid_deadletter("eastus"))
# Complies: the dead-letter account is in West Europe.
case("az20-eventgrid-deadletter-west-europe", AZURE_COPIES, cite=AZ_DOC["eg-deadletter"])(
    eventgrid_deadletter("westeurope")
)
# Violates: under the Netherlands-only regime, the dead-letter account in North Europe is in Ireland.
case("az20-eventgrid-deadletter-north-europe-nl", AZURE_COPIES, "DENY", AZ_DOC["eg-retry"], config={**NL_REGIME})(
    eventgrid_deadletter("northeurope", NL_TAG)
)

DMS_ID = f"{RG}/Microsoft.DataMigration/sqlMigrationServices/claims-dms"


def dms_migration(target_location: str) -> Build:
    """In a GDPR stack, a Database Migration Service migration of the claims database from the SQL Server on
    VM claims-sqlvm (West Europe) to Azure SQL server claims-sql-target in ``target_location`` (tagged as
    holding no regulated data)."""

    def build(s: Stack) -> None:
        vm = put(
            s,
            "azure-native:compute:VirtualMachine",
            "claims-sqlvm",
            azure(s),
            known={"id": f"{RG}/Microsoft.Compute/virtualMachines/claims-sqlvm"},
            resourceGroupName="ledger",
            vmName="claims-sqlvm",
            location="westeurope",
            hardwareProfile={"vmSize": "Standard_E4s_v5"},
            tags=GDPR,
        )
        server = sql_server(s, "claims-sql-target", target_location, dict(NONE))
        dms = put(
            s,
            "azure-native:datamigration:SqlMigrationService",
            "claims-dms",
            azure(s),
            known={"id": DMS_ID},
            resourceGroupName="ledger",
            sqlMigrationServiceName="claims-dms",
            location="westeurope",
            tags=GDPR,
        )
        put(
            s,
            "azure-native:datamigration:DatabaseMigrationsSqlDb",
            "claims-migration",
            azure(s),
            deps=[vm, server, dms],
            resourceGroupName="ledger",
            sqlDbInstanceName="claims-sql-target",
            targetDbName="claims",
            properties={
                "kind": "SqlDb",
                "scope": f"{RG}/Microsoft.Sql/servers/claims-sql-target",
                "migrationService": DMS_ID,
                "sourceDatabaseName": "claims",
                "sourceSqlConnection": {
                    "dataSource": "claims-sqlvm.ledger.internal",
                    "authentication": "SqlAuthentication",
                    "userName": "dms_reader",
                    "password": secret("Dms-reader-7f3a!"),
                    "encryptConnection": True,
                    "trustServerCertificate": True,
                },
                "targetSqlConnection": {
                    "dataSource": "claims-sql-target.database.windows.net",
                    "authentication": "SqlAuthentication",
                    "userName": "dms_writer",
                    "password": secret("Dms-writer-2c9e!"),
                    "encryptConnection": True,
                    "trustServerCertificate": False,
                },
                "tableList": ["[dbo].[claims]", "[dbo].[claimants]"],
            },
        )

    return build


# Violates: the claims database is migrated onto a server in East US.
case("az20-dms-migration-target-east-us", AZURE_COPIES, "DENY", AZ_DOC["dms-sqldb"], config=GDPR_STACK)(
    dms_migration("eastus")
)
# Complies: the target server is in West Europe.
case("az20-dms-migration-target-west-europe", AZURE_COPIES, cite=AZ_DOC["dms-sqldb"], config=GDPR_STACK)(
    dms_migration("westeurope")
)


# ============================================================================ outside destinations
OUT_DOC = {
    "detective-accounts": "https://docs.aws.amazon.com/detective/latest/userguide/accounts-allowed-actions.html",
    "detective-accept": "https://www.pulumi.com/registry/packages/aws/api-docs/detective/invitationaccepter/",
    "va-logs": "https://docs.aws.amazon.com/verified-access/latest/ug/access-logs.html",
    "va-s3": "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VerifiedAccessLogS3DestinationOptions.html",
    "dapr": "https://learn.microsoft.com/en-us/azure/container-apps/dapr-components",
    "confluent-regions": "https://docs.confluent.io/cloud/current/clusters/regions.html",
    "eh-kafka": "https://learn.microsoft.com/en-us/azure/event-hubs/azure-event-hubs-apache-kafka-overview",
    "signalr-upstream": "https://learn.microsoft.com/en-us/azure/azure-signalr/concept-upstream",
    "dfcx-webhook": "https://cloud.google.com/dialogflow/cx/docs/concept/webhook",
    "run-locations": "https://cloud.google.com/run/docs/locations",
}


def detective_member(graph_account: str) -> Build:
    """In a GDPR stack, our account (Ireland) accepts an invitation to the Amazon Detective behavior graph of
    ``graph_account``: Detective then ingests our CloudTrail events, VPC flow logs and EKS audit logs into
    that graph."""

    def build(s: Stack) -> None:
        if graph_account == OWN_ACCOUNT:
            own_account_provider(s)
        put(
            s,
            "aws:detective/invitationAccepter:InvitationAccepter",
            "security-graph",
            aws(s),
            graphArn=f"arn:aws:detective:eu-west-1:{graph_account}:graph:b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8",
        )

    return build


# Violates: another company's security team (an MSSP) receives our account's activity and flow data.
case("out20-detective-partner-graph", OUTSIDE, "DENY", OUT_DOC["detective-accounts"], config=GDPR_STACK)(
    detective_member(PARTNER_ACCOUNT)
)
# Complies: the graph is our own security account's, in Ireland.
case("out20-detective-own-security-account", OUTSIDE, cite=OUT_DOC["detective-accept"], config=GDPR_STACK)(
    detective_member(OWN_ACCOUNT)
)

VA_INSTANCE = "vai-0a1b2c3d4e5f60718"


def va_logs(owner: str, new_instance: bool = False, access_logs: Any = None) -> Build:
    """The claims portal's Verified Access instance (GDPR, Ireland) logging every request, with the trust
    provider's claims about the user (e-mail, groups), to bucket va-logs owned by ``owner`` ("own": our
    bucket, managed by this stack; else that account's bucket)."""

    def build(s: Stack) -> None:
        deps = []
        instance = put(
            s,
            "aws:verifiedaccess/instance:Instance",
            "claims-portal",
            aws(s),
            known=None if new_instance else {"id": VA_INSTANCE},
            description="claims portal zero-trust access",
            tags=GDPR,
        )
        deps.append(instance)
        if owner == "own":
            deps.append(s3_bucket(s, "ledger-va-logs", "eu-west-1"))
            s3: dict[str, Any] = {"enabled": True, "bucketName": "ledger-va-logs", "bucketOwner": ACCOUNT}
        else:
            s3 = {"enabled": True, "bucketName": "mssp-va-logs", "bucketOwner": owner}
        s3["prefix"] = "claims-portal"
        config = put(
            s,
            "aws:verifiedaccess/instanceLoggingConfiguration:InstanceLoggingConfiguration",
            "claims-portal-logs",
            aws(s),
            deps=deps,
            verifiedaccessInstanceId=UNKNOWN if new_instance else VA_INSTANCE,
            accessLogs={"includeTrustContext": True, "logVersion": "ocsf-1.0.0-rc.2", "s3": s3}
            if access_logs is None
            else access_logs,
        )
        if new_instance:
            depends(s, config, verifiedaccessInstanceId=[instance])

    return build


# Violates: the access logs, with users' identities, are written to another company's bucket.
case("out20-verified-access-logs-partner-bucket", OUTSIDE, "DENY", OUT_DOC["va-s3"])(va_logs(PARTNER_ACCOUNT))
# Complies: they go to our own bucket in Ireland.
case("out20-verified-access-logs-own-bucket", OUTSIDE, cite=OUT_DOC["va-logs"])(va_logs("own"))

ENV_ID = f"{RG}/Microsoft.App/managedEnvironments/claims-apps"
CONFLUENT = "pkc-619z3.us-east-1.aws.confluent.cloud:9092"
EH_HOST = "ledger-events.servicebus.windows.net"


def dapr_pubsub(brokers: str, new_env: bool = False, metadata: Any = None) -> Build:
    """The GDPR claims apps' Container Apps environment (West Europe) with a Dapr pub/sub component: every
    claim event the apps publish goes to the Kafka brokers ``brokers`` ("eh": our Event Hubs namespace's
    Kafka endpoint, managed by this stack; "new-eh": the same namespace, created in this update)."""

    def build(s: Stack) -> None:
        deps = []
        env = put(
            s,
            "azure-native:app:ManagedEnvironment",
            "claims-apps",
            azure(s),
            known=None if new_env else {"id": ENV_ID},
            resourceGroupName="ledger",
            environmentName="claims-apps",
            location="westeurope",
            workloadProfiles=[{"name": "Consumption", "workloadProfileType": "Consumption"}],
            tags=GDPR,
        )
        deps.append(env)
        host: Any = brokers
        if brokers in ("eh", "new-eh"):
            namespace = put(
                s,
                "azure-native:eventhub:Namespace",
                "ledger-events",
                azure(s),
                known=None
                if brokers == "new-eh"
                else {
                    "id": f"{RG}/Microsoft.EventHub/namespaces/ledger-events",
                    "serviceBusEndpoint": f"https://{EH_HOST}:443/",
                },
                resourceGroupName="ledger",
                namespaceName="ledger-events",
                location="westeurope",
                sku={"name": "Standard", "tier": "Standard"},
                kafkaEnabled=True,
                minimumTlsVersion="1.2",
            )
            deps.append(namespace)
            host = UNKNOWN if brokers == "new-eh" else f"{EH_HOST}:9093"
        component = put(
            s,
            "azure-native:app:DaprComponent",
            "claims-pubsub",
            azure(s),
            deps=deps,
            resourceGroupName="ledger",
            environmentName="claims-apps",
            componentName="claims-pubsub",
            componentType="pubsub.kafka",
            version="v1",
            scopes=["claims-intake", "claims-notify"],
            secrets=[{"name": "kafka-password", "value": secret("kafka-9c2e7a1f")}],
            metadata=[
                {"name": "brokers", "value": host},
                {"name": "authType", "value": "password"},
                {"name": "saslUsername", "value": "$ConnectionString" if brokers in ("eh", "new-eh") else "CLAIMS"},
                {"name": "saslPassword", "secretRef": "kafka-password"},
                {"name": "consumerGroup", "value": "claims"},
            ]
            if metadata is None
            else metadata,
        )
        if brokers == "new-eh":
            depends(s, component, metadata=[deps[1]])

    return build


# Violates: the claim events go to a Confluent Cloud cluster (another company) in AWS us-east-1.
case("out20-dapr-pubsub-confluent-virginia", OUTSIDE, "DENY", OUT_DOC["confluent-regions"])(dapr_pubsub(CONFLUENT))
# Complies: they go to our Event Hubs namespace's Kafka endpoint in West Europe.
case("out20-dapr-pubsub-own-event-hubs", OUTSIDE, cite=OUT_DOC["eh-kafka"])(dapr_pubsub("eh"))

CHAT_HOST = "claims-chat.azurewebsites.net"


def signalr_upstream(url: str) -> Build:
    """The GDPR claims chat's serverless SignalR service (West Europe): every message a claimant sends is
    passed to the upstream ``url`` ("own": our Function App claims-chat in West Europe, managed by this
    stack)."""

    def build(s: Stack) -> None:
        deps = []
        target = url
        if url == "own":
            deps.append(
                put(
                    s,
                    "azure-native:web:WebApp",
                    "claims-chat",
                    azure(s),
                    known={"id": f"{RG}/Microsoft.Web/sites/claims-chat", "defaultHostName": CHAT_HOST},
                    resourceGroupName="ledger",
                    name="claims-chat",
                    location="westeurope",
                    kind="functionapp,linux",
                    serverFarmId=f"{RG}/Microsoft.Web/serverfarms/claims-plan",
                    httpsOnly=True,
                    tags=GDPR,
                )
            )
            target = f"https://{CHAT_HOST}/runtime/webhooks/signalr"
        put(
            s,
            "azure-native:signalrservice:SignalR",
            "claims-chat-signalr",
            azure(s),
            deps=deps,
            resourceGroupName="ledger",
            resourceName="claims-chat",
            location="westeurope",
            kind="SignalR",
            sku={"name": "Standard_S1", "tier": "Standard", "capacity": 1},
            features=[{"flag": "ServiceMode", "value": "Serverless"}],
            upstream={
                "templates": [
                    {
                        "urlTemplate": target,
                        "hubPattern": "claims",
                        "eventPattern": "*",
                        "categoryPattern": "messages",
                        "auth": {"type": "ManagedIdentity", "managedIdentity": {"resource": "api://claims-chat"}},
                    }
                ]
            },
            identity={"type": "SystemAssigned"},
            tags=GDPR,
        )

    return build


# Violates: every chat message is passed to another company's sentiment-analysis endpoint.
case("out20-signalr-upstream-partner", OUTSIDE, "DENY", OUT_DOC["signalr-upstream"])(
    signalr_upstream("https://chat-insights.partner-analytics.example/signalr/{hub}/{category}/{event}")
)
# Complies: the upstream is our own Function App in West Europe.
case("out20-signalr-upstream-own-function", OUTSIDE, cite=OUT_DOC["signalr-upstream"])(signalr_upstream("own"))

PARTNER_HOOK = "https://voicebot.partner-cx.example/dialogflow/fulfilment"


def dfcx_webhook(endpoint: str, run_location: str | None = None, new_agent: bool = False) -> Build:
    """In a GDPR stack, the hotline agent (Frankfurt) calls webhook ``endpoint`` with each turn's session
    parameters (policy numbers, names, dates of birth); ``run_location``: the endpoint is our Cloud Run
    service claims-fulfilment there, labelled as holding no regulated data (``endpoint`` "new": created in
    this update)."""

    def build(s: Stack) -> None:
        agent = dfcx_agent(s, known=not new_agent)
        deps = [agent]
        uri: Any = endpoint
        if run_location is not None:
            host = f"claims-fulfilment-123456789012.{run_location}.run.app"
            run = put(
                s,
                "gcp:cloudrunv2/service:Service",
                "claims-fulfilment",
                gcp(s, run_location),
                known=None
                if endpoint == "new"
                else {
                    "id": f"projects/{PROJECT}/locations/{run_location}/services/claims-fulfilment",
                    "uri": f"https://{host}",
                    "urls": [f"https://{host}"],
                },
                name="claims-fulfilment",
                location=run_location,
                ingress="INGRESS_TRAFFIC_ALL",
                labels=dict(NONE),
                template={"containers": [{"image": f"europe-west3-docker.pkg.dev/{PROJECT}/claims/fulfil:2.0.1"}]},
            )
            deps.append(run)
            uri = UNKNOWN if endpoint == "new" else f"https://{host}/webhook"
        hook = put(
            s,
            "gcp:diagflow/cxWebhook:CxWebhook",
            "claims-fulfilment-hook",
            gcp(s),
            deps=deps,
            parent=UNKNOWN if new_agent else DFCX_AGENT,
            displayName="claims-fulfilment",
            timeout="10s",
            genericWebService={"uri": uri, "requestHeaders": {"x-hotline": "claims"}},
        )
        unknown: dict[str, list[str]] = {}
        if new_agent:
            unknown["parent"] = [agent]
        if uri is UNKNOWN:
            unknown["genericWebService"] = [deps[1]]
        if unknown:
            depends(s, hook, **unknown)

    return build


# Violates: the callers' details go to another company's fulfilment service.
case("out20-dfcx-webhook-partner", OUTSIDE, "DENY", OUT_DOC["dfcx-webhook"], config=GDPR_STACK)(
    dfcx_webhook(PARTNER_HOOK)
)
# Violates: the webhook is our own Cloud Run service, in Iowa.
case("out20-dfcx-webhook-own-run-iowa", OUTSIDE, "DENY", OUT_DOC["run-locations"], config=GDPR_STACK)(
    dfcx_webhook("own", run_location="us-central1")
)
# Complies: the webhook is our own Cloud Run service in Frankfurt.
case("out20-dfcx-webhook-own-run-frankfurt", OUTSIDE, cite=OUT_DOC["dfcx-webhook"], config=GDPR_STACK)(
    dfcx_webhook("own", run_location="europe-west3")
)


# ============================================================================ unset location defaults
DEF_DOC = {
    "cognito-email": "https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-email.html",
    "cognito-email-regions": "https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-email.html#user-pool-email-developer-region-mapping",
    "maps-consent": "https://learn.microsoft.com/en-us/azure/azure-maps/how-to-manage-consent",
    "maps-consent-management": "https://learn.microsoft.com/en-us/azure/azure-maps/consent-management",
    "apigee-instance": "https://www.pulumi.com/registry/packages/gcp/api-docs/apigee/instance/",
    "apigee-drz": "https://cloud.google.com/apigee/docs/api-platform/get-started/drz-concepts",
    "dfcx-regions": "https://cloud.google.com/dialogflow/cx/docs/concept/region",
}


def cognito_email(ses_region: str, source: Any = None) -> Build:
    """The GDPR claims portal's Cognito user pool (Frankfurt) sending its messages (verification codes,
    invitations, to the users' addresses) through our SES identity claims.ledger.example in ``ses_region``
    (an SES configuration of our own, in a Region Cognito accepts)."""

    def build(s: Stack) -> None:
        arn = f"arn:aws:ses:{ses_region}:{ACCOUNT}:identity/claims.ledger.example"
        identity = put(
            s,
            "aws:sesv2/emailIdentity:EmailIdentity",
            "claims-mail",
            aws(s, ses_region),
            known={"id": "claims.ledger.example", "arn": arn},
            emailIdentity="claims.ledger.example",
        )
        put(
            s,
            "aws:cognito/userPool:UserPool",
            "claims-portal-users",
            aws(s, "eu-central-1"),
            deps=[identity],
            name="claims-portal-users",
            usernameAttributes=["email"],
            autoVerifiedAttributes=["email"],
            emailConfiguration={
                "emailSendingAccount": "DEVELOPER",
                "fromEmailAddress": "Ledger Claims <no-reply@claims.ledger.example>",
                "sourceArn": arn if source is None else source,
            },
            tags=GDPR,
        )

    return build


# Violates: the pool in Frankfurt sends its mail (users' addresses, codes) through SES in N. Virginia.
case("def20-cognito-email-ses-virginia", DEFAULTS, "DENY", DEF_DOC["cognito-email-regions"])(cognito_email("us-east-1"))
# Complies: SES in Ireland, one of the alternate Regions Cognito accepts, inside the EEA.
case("def20-cognito-email-ses-ireland", DEFAULTS, cite=DEF_DOC["cognito-email-regions"])(cognito_email("eu-west-1"))
# Complies: SES in Frankfurt, the pool's own Region.
case("def20-cognito-email-ses-frankfurt", DEFAULTS, cite=DEF_DOC["cognito-email"])(cognito_email("eu-central-1"))


def maps_account(extra: Any) -> Build:
    """The GDPR claims app's Azure Maps account (West Europe: address searches of claimants' homes) with
    ``extra`` additional data processing locations consented to (``None``: none)."""

    def build(s: Stack) -> None:
        properties: dict[str, Any] = {"disableLocalAuth": True}
        if extra is not None:
            properties["locations"] = extra
        put(
            s,
            "azure-native:maps:Account",
            "claims-maps",
            azure(s),
            resourceGroupName="ledger",
            accountName="claims-maps",
            location="westeurope",
            kind="Gen2",
            sku={"name": "G2"},
            properties=properties,
            tags=GDPR,
        )

    return build


# Violates: consent to process the account's requests in East US.
case("def20-maps-processing-east-us", DEFAULTS, "DENY", DEF_DOC["maps-consent-management"])(
    maps_account([{"locationName": "eastus"}])
)
# Violates: consent to process them in Korea Central (the documented cross-region case).
case("def20-maps-processing-korea", DEFAULTS, "DENY", DEF_DOC["maps-consent"])(
    maps_account([{"locationName": "koreacentral"}])
)
# Complies: no additional processing location: requests are processed in the account's region.
case("def20-maps-no-extra-processing", DEFAULTS, cite=DEF_DOC["maps-consent"])(maps_account(None))


def apigee_instance(location: str) -> Build:
    """In a GDPR stack, a runtime instance of the claims API's Apigee organization (which exists, made
    elsewhere) in ``location``: it processes every API call and its payloads (claims, claimants)."""

    def build(s: Stack) -> None:
        put(
            s,
            "gcp:apigee/instance:Instance",
            "claims-runtime",
            gcp(s),
            name="claims-runtime",
            orgId=f"organizations/{PROJECT}",
            location=location,
            ipRange="10.87.8.0/22",
            description="claims API runtime",
        )

    return build


# Violates: the runtime instance is in Iowa, though the API's consumers and data are in the EU.
case("def20-apigee-instance-iowa", DEFAULTS, "DENY", DEF_DOC["apigee-instance"], config=GDPR_STACK)(
    apigee_instance("us-central1")
)
# Complies: the instance is in Frankfurt.
case("def20-apigee-instance-frankfurt", DEFAULTS, cite=DEF_DOC["apigee-drz"], config=GDPR_STACK)(
    apigee_instance("europe-west3")
)


def dfcx_global_agent(s: Stack) -> None:
    dfcx_agent(s, location="global")


# Violates: a Dialogflow CX agent in "global" keeps its conversation data at rest in the US.
case("def20-dfcx-agent-global", DEFAULTS, "DENY", DEF_DOC["dfcx-regions"], config=GDPR_STACK)(dfcx_global_agent)


# ============================================================================ Kubernetes operators
OP_DOC = {
    "ack-globaltable": "https://aws-controllers-k8s.github.io/community/reference/dynamodb/v1alpha1/globaltable/",
    "ddb-global": "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GlobalTables.html",
    "xp-snapshot-copy": "https://marketplace.upbound.io/providers/upbound/provider-aws-ec2/latest/resources/ec2.aws.upbound.io/EBSSnapshotCopy/v1beta1",
    "ebs-copy": "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-copy-snapshot.html",
    "kcc-policy": "https://cloud.google.com/config-connector/docs/reference/resource-docs/compute/computeresourcepolicy",
    "snapshot-locations": "https://cloud.google.com/compute/docs/disks/snapshots#selecting_a_storage_location",
    "aso-dataprotection": "https://azure.github.io/azure-service-operator/reference/dataprotection/v1api20231101/",
    "backup-vault": "https://learn.microsoft.com/en-us/azure/backup/backup-vault-overview",
    "aso-cdn": "https://azure.github.io/azure-service-operator/reference/cdn/v1api20230501/",
    "afd-caching": "https://learn.microsoft.com/en-us/azure/frontdoor/front-door-caching",
}


def ack_global_table(regions: list[str]) -> Callable[[Stack, str], str]:
    """An ACK DynamoDB global table of the GDPR tenant, replicated to ``regions``."""
    return custom_resource(
        "dynamodb.services.k8s.aws/v1alpha1",
        "GlobalTable",
        "acme-sessions",
        "acme",
        {"globalTableName": "acme-sessions", "replicationGroup": [{"regionName": r} for r in regions]},
        annotations={"services.k8s.aws/region": "eu-west-1"},
    )


# Violates: the tenant's table has a replica in N. Virginia.
case("op20-ack-global-table-virginia", OPERATORS, "DENY", OP_DOC["ddb-global"])(
    operator(ack_global_table(["eu-west-1", "us-east-1"]))
)
# Complies: the replicas are in Ireland and Frankfurt.
case("op20-ack-global-table-eea", OPERATORS, cite=OP_DOC["ack-globaltable"])(
    operator(ack_global_table(["eu-west-1", "eu-central-1"]))
)


def xp_snapshot_copy(region: str) -> Callable[[Stack, str], str]:
    """A cluster-scoped Crossplane EBS snapshot copy labelled for the GDPR tenant: its volume's snapshot in
    Ireland copied into ``region``."""
    return custom_resource(
        "ec2.aws.upbound.io/v1beta1",
        "EBSSnapshotCopy",
        "acme-data-dr",
        None,
        {
            "forProvider": {
                "region": region,
                "sourceRegion": "eu-west-1",
                "sourceSnapshotId": "snap-0acme1b2c3d4e5f60",
                "encrypted": True,
                "description": "acme data volume, DR copy",
                "tags": {"team": "acme"},
            },
            "providerConfigRef": {"name": "default"},
        },
        labels={**GDPR, "fleet-tenant": "acme"},
    )


# Violates: the tenant's volume snapshot is copied to N. Virginia.
case("op20-crossplane-snapshot-copy-virginia", OPERATORS, "DENY", OP_DOC["ebs-copy"])(
    operator(xp_snapshot_copy("us-east-1"))
)
# Complies: the copy is in Frankfurt.
case("op20-crossplane-snapshot-copy-frankfurt", OPERATORS, cite=OP_DOC["xp-snapshot-copy"])(
    operator(xp_snapshot_copy("eu-central-1"))
)


def kcc_schedule(locations: list[str]) -> Callable[[Stack, str], str]:
    """A Config Connector snapshot schedule of the GDPR tenant (Frankfurt) keeping its snapshots in
    ``locations``."""
    return kcc_object(
        "ComputeResourcePolicy",
        "compute",
        "acme-daily-snapshots",
        {
            "region": "europe-west3",
            "snapshotSchedulePolicy": {
                "schedule": {"dailySchedule": {"daysInCycle": 1, "startTime": "03:00"}},
                "retentionPolicy": {"maxRetentionDays": 14, "onSourceDiskDelete": "KEEP_AUTO_SNAPSHOTS"},
                "snapshotProperties": {"storageLocations": locations, "guestFlush": False},
            },
        },
    )


# Violates: the tenant's disk snapshots are stored in the US multi-region.
case("op20-kcc-snapshot-schedule-us", OPERATORS, "DENY", OP_DOC["snapshot-locations"])(
    operator(kcc_schedule(["us"]), "gcp")
)
# Complies: they are stored in the EU multi-region.
case("op20-kcc-snapshot-schedule-eu", OPERATORS, cite=OP_DOC["kcc-policy"])(operator(kcc_schedule(["eu"]), "gcp"))


def aso_backup_vault(redundancy: str) -> Callable[[Stack, str], str]:
    """An ASO Data Protection backup vault of the tenant (West Europe) with storage redundancy
    ``redundancy``."""
    return custom_resource(
        "dataprotection.azure.com/v1api20231101",
        "BackupVault",
        "acme-vault",
        "acme",
        {
            "location": "westeurope",
            "owner": {"name": "acme-rg"},
            "identity": {"type": "SystemAssigned"},
            "properties": {
                "storageSettings": [{"datastoreType": "VaultStore", "type": redundancy}],
                "securitySettings": {"softDeleteSettings": {"state": "On", "retentionDurationInDays": 14}},
            },
        },
    )


# Violates: under the Netherlands-only regime, a geo-redundant vault copies the tenant's backups to the
# paired region, North Europe (Ireland).
case("op20-aso-backup-vault-geo-nl", OPERATORS, "DENY", OP_DOC["backup-vault"], config=NL_REGIME)(
    operator(aso_backup_vault("GeoRedundant"), "azure-native", residency="nl")
)
# Complies: a locally redundant vault keeps them in West Europe.
case("op20-aso-backup-vault-local-nl", OPERATORS, cite=OP_DOC["aso-dataprotection"], config=NL_REGIME)(
    operator(aso_backup_vault("LocallyRedundant"), "azure-native", residency="nl")
)


def aso_front_door() -> Callable[[Stack, str], str]:
    """An ASO Azure Front Door profile and endpoint of the tenant, caching its portal's responses."""
    profile = custom_resource(
        "cdn.azure.com/v1api20230501",
        "Profile",
        "acme-edge",
        "acme",
        {"location": "Global", "owner": {"name": "acme-rg"}, "sku": {"name": "Standard_AzureFrontDoor"}},
    )
    endpoint = custom_resource(
        "cdn.azure.com/v1api20230501",
        "AfdEndpoint",
        "acme-portal",
        "acme",
        {"location": "Global", "owner": {"name": "acme-edge"}, "enabledState": "Enabled"},
    )

    def make(s: Stack, k8s: str) -> str:
        profile(s, k8s)
        return endpoint(s, k8s)

    return make


# Violates: the GDPR tenant's Front Door caches its responses at edge locations worldwide.
case("op20-aso-front-door-gdpr", OPERATORS, "DENY", OP_DOC["afd-caching"])(operator(aso_front_door(), "azure-native"))
# Complies: the same Front Door for a tenant whose namespace is declared unregulated.
case("op20-aso-front-door-unregulated", OPERATORS, cite=OP_DOC["aso-cdn"])(
    operator(aso_front_door(), "azure-native", residency="none")
)


# ============================================================================ cloud guardrails
GRD_DOC = {
    "scp-syntax": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_syntax.html",
    "scp-region": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html",
    "scp-inheritance": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_inheritance_auth.html",
    "gcp-hierarchy": "https://cloud.google.com/resource-manager/docs/organization-policy/understanding-hierarchy",
    "az-mg": "https://learn.microsoft.com/en-us/azure/governance/management-groups/overview",
    "az-exemption": "https://learn.microsoft.com/en-us/azure/governance/policy/concepts/exemption-structure",
}


def narrowed_scp(resource: Any) -> str:
    """The documented region-deny SCP with its Resource changed to ``resource``."""
    document = json.loads(scp())
    document["Statement"][0]["Resource"] = resource
    return json.dumps(document)


def scp_with_extra_statement() -> str:
    document = json.loads(scp())
    document["Statement"].append(
        {"Sid": "DenyLeaveOrganization", "Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"}
    )
    return json.dumps(document)


# Violates: the region deny applies only to EC2 instances; databases, buckets and clusters may be created in
# any Region.
case("grd20-aws-scp-deny-instances-only", GUARDRAILS, "DENY", GRD_DOC["scp-syntax"])(
    eks_guarded(narrowed_scp("arn:aws:ec2:*:*:instance/*"))
)
# Complies: the documented region deny on every resource, plus an unrelated second deny statement.
case("grd20-aws-scp-extra-statement", GUARDRAILS, cite=GRD_DOC["scp-region"])(eks_guarded(scp_with_extra_statement()))

CLAIMS_OU = "ou-a1b2-clm00001"


def nested_ou(parent: str) -> Build:
    """The guarded EKS cluster's account, managed by the stack, in OU claims-workloads, whose parent OU is
    ``parent``; the region-deny SCP is attached to the EEA workloads OU."""
    built = retouch(
        eks_guarded(), "aws:organizations/policyAttachment:PolicyAttachment", "eea-scp-attachment", targetId=EEA_OU
    )

    def build(s: Stack) -> None:
        built(s)
        org = s.urn("pulumi:providers:aws", "org")
        for name, ou_id, ou_parent in (
            ("eea-workloads", EEA_OU, ROOT),
            ("sandbox", SANDBOX_OU, ROOT),
            ("claims-workloads", CLAIMS_OU, parent),
        ):
            put(
                s,
                "aws:organizations/organizationalUnit:OrganizationalUnit",
                name,
                org,
                known={
                    "id": ou_id,
                    "arn": f"arn:aws:organizations::999999999999:ou/o-a1b2c3d4e5/{ou_id}",
                    "parentId": ou_parent,
                },
                name=name,
                parentId=ou_parent,
            )
        put(
            s,
            "aws:organizations/account:Account",
            "ledger-prod-account",
            org,
            known={
                "id": ACCOUNT,
                "arn": f"arn:aws:organizations::999999999999:account/o-a1b2c3d4e5/{ACCOUNT}",
                "parentId": CLAIMS_OU,
            },
            name="ledger-prod",
            email="aws-ledger-prod@ledger.example",
            parentId=CLAIMS_OU,
            closeOnDeletion=False,
        )

    return build


# Complies: the account's OU is a child of the EEA workloads OU, and an SCP attached to an OU applies to every
# account below it.
case("grd20-aws-account-in-child-of-eea-ou", GUARDRAILS, cite=GRD_DOC["scp-inheritance"])(nested_ou(EEA_OU))
# Violates: the account's OU is a child of the sandbox OU, which has no region deny.
case("grd20-aws-account-in-child-of-sandbox-ou", GUARDRAILS, "DENY", GRD_DOC["scp-inheritance"])(nested_ou(SANDBOX_OU))

CLAIMS_FOLDER = "161803398874"


def nested_folder(child_values: list[str] | None) -> Build:
    """The guarded GKE cluster's project, managed by the stack, in folder claims, a child of the EEA folder,
    which sets gcp.resourceLocations to the EEA value groups; ``child_values``: the claims folder's own
    policy, which inherits from its parent and adds these values (``None``: no policy of its own)."""

    def own_sink(s: Stack, org: str) -> None:
        default_sink("europe-west3")(s)

    def hierarchy(s: Stack, org: str) -> None:
        for name, number, parent in (
            ("eea-workloads", EEA_FOLDER, "organizations/123456789012"),
            ("claims", CLAIMS_FOLDER, f"folders/{EEA_FOLDER}"),
        ):
            put(
                s,
                "gcp:organizations/folder:Folder",
                name,
                org,
                known={"id": f"folders/{number}", "name": f"folders/{number}", "folderId": number, "parent": parent},
                displayName=name,
                parent=parent,
            )
        put(
            s,
            "gcp:orgpolicy/policy:Policy",
            "eea-folder-locations",
            org,
            name=f"folders/{EEA_FOLDER}/policies/gcp.resourceLocations",
            parent=f"folders/{EEA_FOLDER}",
            spec={"inheritFromParent": False, "rules": [{"values": {"allowedValues": EEA_VALUES}}]},
        )
        if child_values is not None:
            put(
                s,
                "gcp:orgpolicy/policy:Policy",
                "claims-folder-locations",
                org,
                name=f"folders/{CLAIMS_FOLDER}/policies/gcp.resourceLocations",
                parent=f"folders/{CLAIMS_FOLDER}",
                spec={"inheritFromParent": True, "rules": [{"values": {"allowedValues": child_values}}]},
            )
        put(
            s,
            "gcp:organizations/project:Project",
            "ledger-project",
            org,
            known={"id": f"projects/{PROJECT}", "number": "123456789012", "folderId": CLAIMS_FOLDER},
            projectId=PROJECT,
            name=PROJECT,
            folderId=CLAIMS_FOLDER,
            billingAccount="012345-6789AB-CDEF01",
            deletionPolicy="PREVENT",
        )

    return gke_guarded(own_sink, hierarchy)


# Complies: the claims folder has no policy of its own, so it and its projects inherit the EEA folder's.
case("grd20-gcp-project-in-child-of-eea-folder", GUARDRAILS, cite=GRD_DOC["gcp-hierarchy"])(nested_folder(None))
# Violates: the claims folder's own policy inherits from its parent and merges in the US value group: the
# project may use the EEA regions and every US location.
case("grd20-gcp-child-folder-merges-us", GUARDRAILS, "DENY", GRD_DOC["gcp-hierarchy"])(
    nested_folder(["in:us-locations"])
)

ASSIGNMENT_ID = f"{MG_ROOT}/eea-workloads/providers/Microsoft.Authorization/policyAssignments/eea-locations"


def child_group(exempt: bool) -> Build:
    """The guarded AKS cluster with its allowed-locations assignments on management group eea-workloads; the
    stack places the cluster's subscription in management group claims, a child of eea-workloads;
    ``exempt``: a waiver on the claims group exempts it from the allowed-locations assignment."""

    def build(s: Stack) -> None:
        aks_guarded()(s)
        policy = s.urn("pulumi:providers:azure-native", "policy")
        scope = f"{MG_ROOT}/eea-workloads"
        for suffix in ("locations", "rg-locations"):
            r = _find(s, s.urn("azure-native:authorization:PolicyAssignment", f"eea-{suffix}"))
            r.inputs = {**r.inputs, "scope": scope}
            r.outputs = {
                **r.outputs,
                "scope": scope,
                "id": f"{scope}/providers/Microsoft.Authorization/policyAssignments/eea-{suffix}",
            }
        groups = []
        for name, parent in (("eea-workloads", "ledger-root"), ("claims", "eea-workloads")):
            groups.append(
                put(
                    s,
                    "azure-native:management:ManagementGroup",
                    f"mg-{name}",
                    policy,
                    known={"id": f"{MG_ROOT}/{name}"},
                    groupId=name,
                    displayName=name,
                    details={"parent": {"id": f"{MG_ROOT}/{parent}"}},
                )
            )
        put(
            s,
            "azure-native:management:ManagementGroupSubscription",
            "cluster-subscription",
            policy,
            deps=groups,
            groupId="claims",
        )
        if exempt:
            put(
                s,
                "azure-native:authorization:PolicyExemption",
                "claims-locations-waiver",
                policy,
                deps=groups,
                scope=f"{MG_ROOT}/claims",
                policyExemptionName="claims-locations-waiver",
                policyAssignmentId=ASSIGNMENT_ID,
                exemptionCategory="Waiver",
                displayName="claims: US analytics pilot",
                description="US analytics pilot for the claims group",
                expiresOn="2027-06-30T00:00:00Z",
            )

    return build


# Complies: the claims group is a child of eea-workloads and inherits its assignments.
case("grd20-azure-subscription-in-child-group", GUARDRAILS, cite=GRD_DOC["az-mg"])(child_group(False))
# Violates: a waiver on the claims group takes the subscription out of the allowed-locations assignment.
case("grd20-azure-child-group-exempted", GUARDRAILS, "DENY", GRD_DOC["az-exemption"])(child_group(True))


# ============================================================================ unknown at preview
PRE_DOC = {
    "unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
    "policy-preview": "https://www.pulumi.com/docs/iac/using-pulumi/crossguard/best-practices/",
}

# Violates: the table bucket is new (its ARN unknown to the policy resource); the partner account the policy
# names is known.
case("pre20-table-bucket-new-partner-policy", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    table_bucket_policy(PARTNER_ROOT, new_bucket=True)
)
# Complies at preview: the principal is a role created in this update (the policy is unknown until then).
case("pre20-table-bucket-policy-principal-unknown", PREVIEW, cite=PRE_DOC["policy-preview"])(
    table_bucket_policy(UNKNOWN)
)
# Violates: the claim-documents bucket is new (its name unknown to the grant); the partner project's viewers
# are known.
case("pre20-bucket-iam-new-bucket-partner-viewers", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    project_viewers(f"projectViewer:{PARTNER_PROJECT}", new_bucket=True)
)
# Complies: the same new bucket granted to our own project's viewers.
case("pre20-bucket-iam-new-bucket-own-viewers", PREVIEW, cite=PRE_DOC["unknowns"])(
    project_viewers(f"projectViewer:{PROJECT}", new_bucket=True)
)
# Violates: the workspace is new (its ID unknown); it is made in East US.
case("pre20-entra-diagnostics-new-workspace-east-us", PREVIEW, "DENY", PRE_DOC["unknowns"], config=GDPR_STACK)(
    entra_diagnostics("eastus", new_workspace=True)
)
# Complies: the same new workspace in West Europe.
case("pre20-entra-diagnostics-new-workspace-west-europe", PREVIEW, cite=PRE_DOC["unknowns"], config=GDPR_STACK)(
    entra_diagnostics("westeurope", new_workspace=True)
)
# Violates: the dead-letter account is new (its ID unknown); it is made in East US.
case("pre20-eventgrid-new-deadletter-east-us", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    eventgrid_deadletter("eastus", new_account=True)
)
# Complies: the same new account in West Europe.
case("pre20-eventgrid-new-deadletter-west-europe", PREVIEW, cite=PRE_DOC["unknowns"])(
    eventgrid_deadletter("westeurope", new_account=True)
)
# Violates: the agent is new (the webhook's parent unknown); the partner's endpoint is known.
case("pre20-dfcx-webhook-new-agent-partner", PREVIEW, "DENY", PRE_DOC["unknowns"], config=GDPR_STACK)(
    dfcx_webhook(PARTNER_HOOK, new_agent=True)
)
# Complies at preview: the endpoint is our Cloud Run service in Frankfurt, created in this update.
case("pre20-dfcx-webhook-endpoint-unknown", PREVIEW, cite=PRE_DOC["policy-preview"], config=GDPR_STACK)(
    dfcx_webhook("new", run_location="europe-west3")
)
# Violates: the Container Apps environment is new; the Confluent brokers in N. Virginia are known.
case("pre20-dapr-new-environment-confluent", PREVIEW, "DENY", PRE_DOC["unknowns"])(dapr_pubsub(CONFLUENT, new_env=True))
# Complies at preview: the brokers are our Event Hubs namespace's endpoint, created in this update.
case("pre20-dapr-brokers-unknown", PREVIEW, cite=PRE_DOC["policy-preview"])(dapr_pubsub("new-eh"))


# ============================================================================ malformed shapes
BAD_DOC = {
    "rds-snapshot": "https://www.pulumi.com/registry/packages/aws/api-docs/rds/snapshot/",
    "va-logging": "https://www.pulumi.com/registry/packages/aws/api-docs/verifiedaccess/instanceloggingconfiguration/",
    "dfcx-settings": "https://www.pulumi.com/registry/packages/gcp/api-docs/diagflow/cxsecuritysettings/",
    "bucket-iam": "https://www.pulumi.com/registry/packages/gcp/api-docs/storage/bucketiammember/",
    "aadiam": "https://www.pulumi.com/registry/packages/azure-native/api-docs/aadiam/diagnosticsetting/",
    "dapr": "https://www.pulumi.com/registry/packages/azure-native/api-docs/app/daprcomponent/",
    "maps": "https://www.pulumi.com/registry/packages/azure-native/api-docs/maps/account/",
    "bridge": "https://github.com/pulumi/pulumi-terraform-bridge/blob/master/pkg/tfbridge/schema.go",
}

# Violates: sharedAccounts (a list of account IDs) is an object.
case("bad20-rds-snapshot-shared-accounts-object", MALFORMED, "DENY", BAD_DOC["rds-snapshot"])(
    rds_snapshot_share({"accountId": OWN_ACCOUNT}, own=True)
)
# Complies: sharedAccounts given as one string, which the bridge wraps into a one-item list; the account is ours.
case("bad20-rds-snapshot-shared-accounts-string", MALFORMED, cite=BAD_DOC["bridge"])(
    rds_snapshot_share(OWN_ACCOUNT, own=True)
)
# Violates: the access logs' s3 (one block) is a list of two blocks, both our own bucket in Ireland.
case("bad20-verified-access-s3-two-blocks", MALFORMED, "DENY", BAD_DOC["va-logging"])(
    va_logs(
        "own",
        access_logs={
            "includeTrustContext": True,
            "s3": [
                {"enabled": True, "bucketName": "ledger-va-logs", "bucketOwner": ACCOUNT, "prefix": "a"},
                {"enabled": True, "bucketName": "ledger-va-logs", "bucketOwner": ACCOUNT, "prefix": "b"},
            ],
        },
    )
)
# Complies: accessLogs (one block, flattened by the SDK) given as a one-item list, as the bridge hands it to
# Terraform; the bucket is our own in Ireland.
case("bad20-verified-access-logs-one-item-list", MALFORMED, cite=BAD_DOC["bridge"])(
    va_logs(
        "own",
        access_logs=[
            {
                "includeTrustContext": True,
                "s3": {"enabled": True, "bucketName": "ledger-va-logs", "bucketOwner": ACCOUNT, "prefix": "portal"},
            }
        ],
    )
)
# Violates: audioExportSettings (one block) is a list of two blocks, both naming the Frankfurt bucket.
case("bad20-dfcx-audio-export-two-blocks", MALFORMED, "DENY", BAD_DOC["dfcx-settings"], config=GDPR_STACK)(
    dfcx_audio(
        "EUROPE-WEST3",
        audio=[
            {"gcsBucket": "claims-hotline-audio", "audioFormat": "OGG"},
            {"gcsBucket": "claims-hotline-audio", "audioFormat": "MP3"},
        ],
    )
)
# Complies: audioExportSettings given as a one-item list (the SDK flattens the block); the bucket is in
# Frankfurt.
case("bad20-dfcx-audio-export-one-item-list", MALFORMED, cite=BAD_DOC["bridge"], config=GDPR_STACK)(
    dfcx_audio("EUROPE-WEST3", audio=[{"gcsBucket": "claims-hotline-audio", "audioFormat": "OGG"}])
)
# Violates: the grant's member (one principal) is an object naming our own project's viewers.
case("bad20-bucket-iam-member-object", MALFORMED, "DENY", BAD_DOC["bucket-iam"])(
    project_viewers({"projectViewer": PROJECT})
)
# Violates: logs (a list of categories) is one object (azure-native takes a list).
case("bad20-entra-diagnostics-logs-object", MALFORMED, "DENY", BAD_DOC["aadiam"], config=GDPR_STACK)(
    entra_diagnostics("westeurope", logs={"category": "SignInLogs", "enabled": True})
)
# Violates: metadata (a list of name/value items) is a map of names to values; the brokers are ours.
case("bad20-dapr-metadata-map", MALFORMED, "DENY", BAD_DOC["dapr"])(
    dapr_pubsub("eh", metadata={"brokers": f"{EH_HOST}:9093", "authType": "password", "consumerGroup": "claims"})
)
# Violates: the account's additional processing locations (a list) is one object naming North Europe.
case("bad20-maps-locations-object", MALFORMED, "DENY", BAD_DOC["maps"])(maps_account({"locationName": "northeurope"}))
