"""Cloud residency cases of the eighteenth outside corpus, written from cloud-provider documentation and the
pack's user-facing contract (docs/RULES.md, docs/SPEC.md, docs/REVIEW.md, README.md) by a helper session
that had not read the pack's rules, its residency survey, its configs or its tests. It must never be used
to tune the pack (see README.md beside it).

Cases are built with the ``Case``/``Stack`` API of ``tests/policies/corpus.py`` and the helpers of the
earlier outside corpora. A case asks only whether a correct pack denies it: ``expect="DENY"`` (some
mandatory violation) or nothing (compliant: no mandatory violation at all). Each cites the page its outcome
rests on; a comment above it says why it violates or complies. The resource or property that decides each
case is one none of the seventeen earlier corpora used: MSK cluster policies, S3 Access Grants, EventBridge
event bus policies, Clean Rooms collaborations; Bigtable and Spanner instance IAM members, Storage Insights
inventory report configurations, HL7v2 store IAM members; Azure Managed Lustre file systems importing from
blob storage, SQL server security alert policies, Network Watcher packet captures; OpenSearch Ingestion
pipelines with S3 sinks, internet network endpoints of load balancers, BigQuery Omni connections, Elastic
monitors on Azure; CloudWatch RUM app monitors and App Runner services without a region, Document AI
processors, Health Bots and Health Data de-identification services without a location; ACK Neptune
clusters, Crossplane Spanner instances, Config Connector Dataflow flex template jobs, ASO Data Factories;
AWS organizations whose SCPs are not in force (consolidated billing, SCP type not enabled), the resource-group
variant of "Allowed locations" alone, assignments scoped to one resource group, legacy organization policies
that merge with their parent.

``UNKNOWN`` stands for a value the engine only learns at the update.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from tests.policies.corpus import GDPR, UNKNOWN, Stack
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
    gke_guarded,
    legacy_policy,
    operator,
    put,
    s3_bucket,
    sql_server,
    storage_account,
)
from tests.policies.outside9.cloud import resource_group
from tests.policies.outside11.cloud import OWN_ACCOUNT, depends, own_account_provider
from tests.policies.outside15.cloud import NL_REGIME, NL_TAG, PARTNER_ACCOUNT, kcc_object
from tests.policies.outside18.common import case

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
DE = [{"name": "de", "countries": ["DE"], "description": "Germany only"}]
DE_STACK = {"regimes": DE, "stackRegime": "de"}  # a custom Germany-only regime for the whole stack
PARTNER_PROJECT = "partner-lab-analytics"  # another company's GCP project
PARTNER_SA = f"serviceAccount:etl@{PARTNER_PROJECT}.iam.gserviceaccount.com"
OWN_SA = f"serviceAccount:claims-etl@{PROJECT}.iam.gserviceaccount.com"
OWN_GROUP = "group:claims-analysts@ledger.example"


def aws_policy(*statements: dict[str, Any]) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


# ============================================================================ AWS: copies (shares)
AWS_DOC = {
    "msk-multi-vpc": "https://docs.aws.amazon.com/msk/latest/developerguide/aws-access-mult-vpc.html",
    "msk-cluster-policy": "https://docs.aws.amazon.com/msk/latest/developerguide/mvpc-cluster-owner-action-policy.html",
    "access-grants": "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-grants-grant-create.html",
    "access-grants-cross-account": "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-grants-cross-accounts.html",
    "bus-perms": "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-bus-perms.html",
    "cleanrooms": "https://docs.aws.amazon.com/clean-rooms/latest/userguide/create-collaboration.html",
}
MSK_ARN = f"arn:aws:kafka:eu-west-1:{ACCOUNT}:cluster/claims-events/5a1e2b3c-4d5e-6f70-8192-a3b4c5d6e7f8-3"


def msk_policy(account: Any, new_cluster: bool = False, policy: Any = None) -> Build:
    """A cluster policy on the GDPR MSK cluster carrying claim events: ``account`` may connect through a
    multi-VPC private connection and read every topic."""

    def build(s: Stack) -> None:
        own_account_provider(s)
        cluster = put(
            s,
            "aws:msk/cluster:Cluster",
            "claims-events",
            aws(s),
            known=None if new_cluster else {"id": MSK_ARN, "arn": MSK_ARN},
            clusterName="claims-events",
            kafkaVersion="3.8.x",
            numberOfBrokerNodes=3,
            brokerNodeGroupInfo={
                "instanceType": "kafka.m7g.large",
                "clientSubnets": ["subnet-0a1b2c3d4e5f60718", "subnet-0b1c2d3e4f5a60719", "subnet-0c1d2e3f4a5b6071a"],
                "securityGroups": ["sg-0a1b2c3d4e5f60718"],
            },
            tags=GDPR,
        )
        topics = MSK_ARN.replace(":cluster/", ":topic/")
        groups = MSK_ARN.replace(":cluster/", ":group/")
        document = aws_policy(
            {
                "Effect": "Allow",
                "Principal": {"AWS": f"arn:aws:iam::{account}:root"},
                "Action": [
                    "kafka:CreateVpcConnection",
                    "kafka:GetBootstrapBrokers",
                    "kafka:DescribeClusterV2",
                    "kafka-cluster:Connect",
                    "kafka-cluster:DescribeTopic",
                    "kafka-cluster:ReadData",
                    "kafka-cluster:DescribeGroup",
                    "kafka-cluster:AlterGroup",
                ],
                "Resource": [MSK_ARN, f"{topics}/*", f"{groups}/*"],
            }
        )
        deps = [cluster]
        if policy is UNKNOWN:
            deps.append(
                put(
                    s,
                    "aws:iam/role:Role",
                    "claims-consumer",
                    own_account_provider(s),
                    name="claims-consumer",
                    assumeRolePolicy=aws_policy(
                        {
                            "Effect": "Allow",
                            "Principal": {"Service": "ec2.amazonaws.com"},
                            "Action": "sts:AssumeRole",
                        }
                    ),
                )
            )
        resource = put(
            s,
            "aws:msk/clusterPolicy:ClusterPolicy",
            "claims-events-policy",
            aws(s),
            deps=deps,
            clusterArn=UNKNOWN if new_cluster else MSK_ARN,
            policy=document if policy is None else policy,
        )
        unknown: dict[str, list[str]] = {}
        if new_cluster:
            unknown["clusterArn"] = [cluster]
        if policy is UNKNOWN:
            unknown["policy"] = [deps[1]]
        if unknown:
            depends(s, resource, **unknown)

    return build


# Violates: another company's account may open a private connection to the GDPR cluster and read every topic.
case("aws18-msk-cluster-policy-partner", AWS_COPIES, "DENY", AWS_DOC["msk-cluster-policy"])(msk_policy(PARTNER_ACCOUNT))
# Complies: our own second account (named by a provider of the stack) reads them.
case("aws18-msk-cluster-policy-own-account", AWS_COPIES, cite=AWS_DOC["msk-multi-vpc"])(msk_policy(OWN_ACCOUNT))

GRANTS_LOCATION = "a1b2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d"


def access_grant(grantee: Any, new_location: bool = False, raw: Any = None) -> Build:
    """An S3 Access Grant: ``grantee`` (an IAM role ARN) may READ claims/* of the GDPR bucket ledger-claims,
    registered as an Access Grants location."""

    def build(s: Stack) -> None:
        own_account_provider(s)
        bucket = s3_bucket(s, "ledger-claims", "eu-west-1", GDPR)
        instance = put(
            s,
            "aws:s3control/accessGrantsInstance:AccessGrantsInstance",
            "grants",
            aws(s),
            known={
                "id": ACCOUNT,
                "accessGrantsInstanceArn": f"arn:aws:s3:eu-west-1:{ACCOUNT}:access-grants/default",
            },
            tags=GDPR,
        )
        location = put(
            s,
            "aws:s3control/accessGrantsLocation:AccessGrantsLocation",
            "ledger-claims",
            aws(s),
            deps=[instance, bucket],
            known=None
            if new_location
            else {"id": f"{ACCOUNT},{GRANTS_LOCATION}", "accessGrantsLocationId": GRANTS_LOCATION},
            iamRoleArn=f"arn:aws:iam::{ACCOUNT}:role/access-grants-location",
            locationScope="s3://ledger-claims/",
            tags=GDPR,
        )
        deps = [location]
        grantee_block: Any = {"granteeType": "IAM", "granteeIdentifier": grantee} if raw is None else raw
        if grantee is UNKNOWN:
            deps.append(
                put(
                    s,
                    "aws:iam/role:Role",
                    "claims-reviewer",
                    aws(s),
                    name="claims-reviewer",
                    assumeRolePolicy=aws_policy(
                        {
                            "Effect": "Allow",
                            "Principal": {"Service": "ecs-tasks.amazonaws.com"},
                            "Action": "sts:AssumeRole",
                        }
                    ),
                    tags=GDPR,
                )
            )
        grant = put(
            s,
            "aws:s3control/accessGrant:AccessGrant",
            "claims-read",
            aws(s),
            deps=deps,
            accessGrantsLocationId=UNKNOWN if new_location else GRANTS_LOCATION,
            accessGrantsLocationConfiguration={"s3SubPrefix": "claims/*"},
            grantee=grantee_block,
            permission="READ",
            tags=GDPR,
        )
        unknown: dict[str, list[str]] = {}
        if new_location:
            unknown["accessGrantsLocationId"] = [location]
        if grantee is UNKNOWN:
            unknown["grantee"] = [deps[1]]
        if unknown:
            depends(s, grant, **unknown)

    return build


PARTNER_ROLE = f"arn:aws:iam::{PARTNER_ACCOUNT}:role/claims-analytics"
OWN_ROLE = f"arn:aws:iam::{OWN_ACCOUNT}:role/claims-analytics"

# Violates: a role of another company's account may read every object under claims/ of the GDPR bucket.
case("aws18-access-grant-partner-role", AWS_COPIES, "DENY", AWS_DOC["access-grants-cross-account"])(
    access_grant(PARTNER_ROLE)
)
# Complies: the grantee is a role of our own second account.
case("aws18-access-grant-own-account-role", AWS_COPIES, cite=AWS_DOC["access-grants"])(access_grant(OWN_ROLE))

BUS_ARN = f"arn:aws:events:eu-west-1:{ACCOUNT}:event-bus/claims"


def bus_policy(account: str, org: str | None = None) -> Build:
    """A resource policy on the GDPR claims event bus letting ``account`` create rules (and their targets) on
    it: its rules route the bus's claim events to its own targets."""

    def build(s: Stack) -> None:
        own_account_provider(s)
        bus = put(
            s,
            "aws:cloudwatch/eventBus:EventBus",
            "claims",
            aws(s),
            known={"id": "claims", "arn": BUS_ARN},
            name="claims",
            tags=GDPR,
        )
        put(
            s,
            "aws:cloudwatch/eventBusPolicy:EventBusPolicy",
            "claims-bus-policy",
            aws(s),
            deps=[bus],
            eventBusName="claims",
            policy=aws_policy(
                {
                    "Sid": "AllowRulesFromAccount",
                    "Effect": "Allow",
                    "Principal": {"AWS": f"arn:aws:iam::{account}:root"} if org is None else "*",
                    "Action": ["events:PutRule", "events:PutTargets", "events:DeleteRule", "events:RemoveTargets"],
                    "Resource": f"arn:aws:events:eu-west-1:{ACCOUNT}:rule/claims/*",
                    "Condition": {"StringEqualsIfExists": {"events:creatorAccount": account}}
                    if org is None
                    else {"StringEquals": {"aws:PrincipalOrgID": org}},
                }
            ),
        )

    return build


# Violates: another company's account may put rules on the GDPR bus and send its claim events to its targets.
case("aws18-event-bus-policy-partner-rules", AWS_COPIES, "DENY", AWS_DOC["bus-perms"])(bus_policy(PARTNER_ACCOUNT))
# Complies: our own second account may.
case("aws18-event-bus-policy-own-account-rules", AWS_COPIES, cite=AWS_DOC["bus-perms"])(bus_policy(OWN_ACCOUNT))
# Violates: every principal of another company's organization may put rules on the bus ("*" narrowed only by
# aws:PrincipalOrgID).
case("aws18-event-bus-policy-partner-organization", AWS_COPIES, "DENY", AWS_DOC["bus-perms"])(
    bus_policy("*", org="o-p4r7n3r0rg1")
)


def clean_room(member: str, members: Any = None) -> Build:
    """A Clean Rooms collaboration created by the GDPR account, with its claims table configured for it; the
    invited member ``member`` may query and receive results."""

    def build(s: Stack) -> None:
        own_account_provider(s)
        collab = put(
            s,
            "aws:cleanrooms/collaboration:Collaboration",
            "claims-insights",
            aws(s),
            name="claims-insights",
            description="claim outcomes joined with the member's data",
            creatorDisplayName="ledger",
            creatorMemberAbilities=[],
            members=[
                {
                    "accountId": member,
                    "displayName": "analytics",
                    "memberAbilities": ["CAN_QUERY", "CAN_RECEIVE_RESULTS"],
                }
            ]
            if members is None
            else members,
            queryLogStatus="DISABLED",
            tags=GDPR,
        )
        put(
            s,
            "aws:cleanrooms/configuredTable:ConfiguredTable",
            "claims-table",
            aws(s),
            deps=[collab],
            name="claims",
            analysisMethod="DIRECT_QUERY",
            allowedColumns=["claim_id", "postcode", "date_of_birth", "amount", "outcome"],
            tableReference={"databaseName": "claims", "tableName": "claims"},
            tags=GDPR,
        )

    return build


# Violates: another company's account may query the GDPR claims table and receive the results.
case("aws18-clean-rooms-partner-member", AWS_COPIES, "DENY", AWS_DOC["cleanrooms"])(clean_room(PARTNER_ACCOUNT))
# Complies: the member is our own second account.
case("aws18-clean-rooms-own-account-member", AWS_COPIES, cite=AWS_DOC["cleanrooms"])(clean_room(OWN_ACCOUNT))


# ============================================================================ GCP: copies (shares)
GCP_DOC = {
    "bigtable-iam": "https://cloud.google.com/bigtable/docs/access-control",
    "spanner-iam": "https://cloud.google.com/spanner/docs/iam",
    "principals": "https://cloud.google.com/iam/docs/principals-overview#all-authenticated-users",
    "inventory": "https://cloud.google.com/storage/docs/insights/inventory-reports",
    "healthcare-iam": "https://cloud.google.com/healthcare-api/docs/access-control",
}


def bigtable_member(member: Any, new_instance: bool = False) -> Build:
    """An IAM member on the GDPR Bigtable instance of claim events (its cluster in Frankfurt)."""

    def build(s: Stack) -> None:
        instance = put(
            s,
            "gcp:bigtable/instance:Instance",
            "claims-events",
            gcp(s),
            known=None if new_instance else {"id": f"projects/{PROJECT}/instances/claims-events"},
            name="claims-events",
            clusters=[{"clusterId": "claims-events-c1", "zone": "europe-west3-b", "numNodes": 1}],
            labels=GDPR,
        )
        deps = [instance]
        if member is UNKNOWN:
            deps.append(
                put(
                    s,
                    "gcp:serviceaccount/account:Account",
                    "claims-scorer",
                    gcp(s),
                    accountId="claims-scorer",
                    displayName="claims scoring job",
                )
            )
        binding = put(
            s,
            "gcp:bigtable/instanceIamMember:InstanceIamMember",
            "claims-events-reader",
            gcp(s),
            deps=deps,
            project=PROJECT,
            instance=UNKNOWN if new_instance else "claims-events",
            role="roles/bigtable.reader",
            member=member,
        )
        unknown: dict[str, list[str]] = {}
        if new_instance:
            unknown["instance"] = [instance]
        if member is UNKNOWN:
            unknown["member"] = [deps[1]]
        if unknown:
            depends(s, binding, **unknown)

    return build


# Violates: another company's service account may read every table of the GDPR instance.
case("gcp18-bigtable-instance-iam-partner", GCP_COPIES, "DENY", GCP_DOC["bigtable-iam"])(bigtable_member(PARTNER_SA))
# Complies: our own service account reads them.
case("gcp18-bigtable-instance-iam-own", GCP_COPIES, cite=GCP_DOC["bigtable-iam"])(bigtable_member(OWN_SA))


def spanner_member(member: str) -> Build:
    def build(s: Stack) -> None:
        instance = put(
            s,
            "gcp:spanner/instance:Instance",
            "policies",
            gcp(s),
            known={"id": f"{PROJECT}/policies"},
            name="policies",
            config="regional-europe-west3",
            displayName="policies",
            processingUnits=100,
            labels=GDPR,
        )
        put(
            s,
            "gcp:spanner/instanceIAMMember:InstanceIAMMember",
            "policies-reader",
            gcp(s),
            deps=[instance],
            project=PROJECT,
            instance="policies",
            role="roles/spanner.databaseReader",
            member=member,
        )

    return build


# Violates: at instance level, any signed-in Google account may read every database of the GDPR instance.
case("gcp18-spanner-instance-iam-all-authenticated", GCP_COPIES, "DENY", GCP_DOC["principals"])(
    spanner_member("allAuthenticatedUsers")
)
# Violates: every account of another company's Google Workspace domain may read them.
case("gcp18-spanner-instance-iam-partner-domain", GCP_COPIES, "DENY", GCP_DOC["principals"])(
    spanner_member("domain:partner-analytics.example")
)
# Complies: our analysts' group reads them.
case("gcp18-spanner-instance-iam-own-group", GCP_COPIES, cite=GCP_DOC["spanner-iam"])(spanner_member(OWN_GROUP))


def inventory_report(dest_location: str, destination: Any = None) -> Build:
    """A Storage Insights inventory report of the GDPR claims bucket (object names carry claimants' names)
    written daily to bucket ledger-inventory in ``dest_location``."""

    def build(s: Stack) -> None:
        source = gcs_bucket(s, "ledger-claims", "europe-west3", GDPR)
        dest = gcs_bucket(s, "ledger-inventory", dest_location)
        put(
            s,
            "gcp:storage/insightsReportConfig:InsightsReportConfig",
            "claims-inventory",
            gcp(s),
            deps=[source, dest],
            project=PROJECT,
            location="europe-west3",
            displayName="claims inventory",
            frequencyOptions={
                "frequency": "DAILY",
                "startDate": {"day": 1, "month": 1, "year": 2027},
                "endDate": {"day": 31, "month": 12, "year": 2027},
            },
            csvOptions={"delimiter": ",", "headerRequired": True, "recordSeparator": "\n"},
            objectMetadataReportOptions={
                "metadataFields": ["bucket", "name", "size", "updated"],
                "storageFilters": {"bucket": "ledger-claims"},
                "storageDestinationOptions": {"bucket": "ledger-inventory", "destinationPath": "claims/"}
                if destination is None
                else destination,
            },
        )

    return build


# Violates: the inventory of the GDPR bucket (every object name) is written to a bucket in the US multi-region.
case("gcp18-inventory-report-us-bucket", GCP_COPIES, "DENY", GCP_DOC["inventory"])(inventory_report("US"))
# Complies: the destination bucket is in Frankfurt.
case("gcp18-inventory-report-frankfurt-bucket", GCP_COPIES, cite=GCP_DOC["inventory"])(inventory_report("europe-west3"))

HL7_DATASET = f"projects/{PROJECT}/locations/europe-west3/datasets/admissions"


def hl7_member(member: str) -> Build:
    def build(s: Stack) -> None:
        dataset = put(
            s,
            "gcp:healthcare/dataset:Dataset",
            "admissions",
            gcp(s),
            known={"id": HL7_DATASET},
            name="admissions",
            location="europe-west3",
        )
        store = put(
            s,
            "gcp:healthcare/hl7Store:Hl7Store",
            "adt-feed",
            gcp(s),
            deps=[dataset],
            known={"id": f"{HL7_DATASET}/hl7V2Stores/adt-feed"},
            name="adt-feed",
            dataset=HL7_DATASET,
            labels=GDPR,
        )
        put(
            s,
            "gcp:healthcare/hl7StoreIamMember:Hl7StoreIamMember",
            "adt-feed-consumer",
            gcp(s),
            deps=[store],
            hl7V2StoreId=f"{HL7_DATASET}/hl7V2Stores/adt-feed",
            role="roles/healthcare.hl7V2Consumer",
            member=member,
        )

    return build


# Violates: anyone on the internet may read the HL7v2 admission messages (patients' names and diagnoses).
case("gcp18-hl7-store-iam-all-users", GCP_COPIES, "DENY", GCP_DOC["healthcare-iam"])(hl7_member("allUsers"))
# Complies: our own ETL service account consumes them.
case("gcp18-hl7-store-iam-own-service-account", GCP_COPIES, cite=GCP_DOC["healthcare-iam"])(hl7_member(OWN_SA))


# ============================================================================ Azure: copies
AZ_DOC = {
    "amlfs-blob": "https://learn.microsoft.com/en-us/azure/azure-managed-lustre/blob-integration",
    "threat-detection": "https://learn.microsoft.com/en-us/azure/azure-sql/database/threat-detection-overview",
    "alert-policy": "https://www.pulumi.com/registry/packages/azure-native/api-docs/sql/serversecurityalertpolicy/",
    "packet-capture": "https://learn.microsoft.com/en-us/azure/network-watcher/packet-capture-overview",
}


def lustre(location: str, regime: dict[str, str] = GDPR, container: Any = None) -> Build:
    """An Azure Managed Lustre file system (untagged) in ``location`` whose blob integration imports the claims
    container of the regulated account ledgerclaims (West Europe): the file system holds a copy of every file."""

    def build(s: Stack) -> None:
        account = storage_account(s, "ledgerclaims", "westeurope", regime)
        base = f"{RG}/Microsoft.Storage/storageAccounts/ledgerclaims/blobServices/default/containers"
        deps = [account]
        if container is UNKNOWN:
            deps.append(
                put(
                    s,
                    "azure-native:storage:BlobContainer",
                    "claims-hpc",
                    azure(s),
                    deps=[account],
                    resourceGroupName="ledger",
                    accountName="ledgerclaims",
                    containerName="claims-hpc",
                )
            )
        fs = put(
            s,
            "azure-native:storagecache:AmlFilesystem",
            "claims-scratch",
            azure(s, location),
            deps=deps,
            resourceGroupName="ledger",
            amlFilesystemName="claims-scratch",
            location=location,
            sku={"name": "AMLFS-Durable-Premium-250"},
            storageCapacityTiB=16,
            zones=["1"],
            filesystemSubnet=f"{RG}/Microsoft.Network/virtualNetworks/hpc/subnets/lustre",
            maintenanceWindow={"dayOfWeek": "Sunday", "timeOfDayUTC": "02:00"},
            hsm={
                "settings": {
                    "container": f"{base}/claims" if container is None else container,
                    "loggingContainer": f"{base}/amlfs-logs",
                    "importPrefix": "/",
                }
            },
        )
        if container is UNKNOWN:
            depends(s, fs, hsm=[deps[1]])

    return build


# Violates: the file system that imports the GDPR claims files is in East US.
case("az18-lustre-import-east-us", AZURE_COPIES, "DENY", AZ_DOC["amlfs-blob"])(lustre("eastus"))
# Complies: it is in West Europe.
case("az18-lustre-import-west-europe", AZURE_COPIES, cite=AZ_DOC["amlfs-blob"])(lustre("westeurope"))
# Violates: under a Netherlands-only regime, the file system is in North Europe (Ireland).
case("az18-lustre-import-north-europe-nl", AZURE_COPIES, "DENY", AZ_DOC["amlfs-blob"], config=NL_REGIME)(
    lustre("northeurope", NL_TAG)
)
# Complies: under the same regime it is in West Europe (the Netherlands).
case("az18-lustre-import-west-europe-nl", AZURE_COPIES, cite=AZ_DOC["amlfs-blob"], config=NL_REGIME)(
    lustre("westeurope", NL_TAG)
)


def threat_alerts(account_location: str, new_account: bool = False, **over: Any) -> Build:
    """Microsoft Defender for SQL alert policy of the GDPR server: its threat detection records (with the
    suspicious statements) are kept in storage account ledgerthreats in ``account_location``."""

    def build(s: Stack) -> None:
        server = sql_server(s, "ledger-sql", "westeurope", GDPR)
        if new_account:
            account = put(
                s,
                "azure-native:storage:StorageAccount",
                "ledgerthreats",
                azure(s, account_location),
                resourceGroupName="ledger",
                location=account_location,
                accountName="ledgerthreats",
                kind="StorageV2",
                sku={"name": "Standard_LRS"},
                allowBlobPublicAccess=False,
                minimumTlsVersion="TLS1_2",
            )
        else:
            account = storage_account(s, "ledgerthreats", account_location, None)
        inputs: dict[str, Any] = {
            "resourceGroupName": "ledger",
            "serverName": "ledger-sql",
            "securityAlertPolicyName": "Default",
            "state": "Enabled",
            "storageEndpoint": UNKNOWN if new_account else "https://ledgerthreats.blob.core.windows.net/",
            "retentionDays": 90,
            "emailAccountAdmins": True,
            **over,
        }
        policy = put(
            s,
            "azure-native:sql:ServerSecurityAlertPolicy",
            "ledger-threats",
            azure(s),
            deps=[server, account],
            **inputs,
        )
        if new_account:
            depends(s, policy, storageEndpoint=[account])

    return build


# Violates: the GDPR server's threat detection records are kept in East US.
case("az18-sql-alert-policy-storage-east-us", AZURE_COPIES, "DENY", AZ_DOC["threat-detection"])(threat_alerts("eastus"))
# Violates: UK South is outside the EEA.
case("az18-sql-alert-policy-storage-uk-south", AZURE_COPIES, "DENY", AZ_DOC["threat-detection"])(
    threat_alerts("uksouth")
)
# Complies: they are kept in West Europe.
case("az18-sql-alert-policy-storage-west-europe", AZURE_COPIES, cite=AZ_DOC["alert-policy"])(
    threat_alerts("westeurope")
)


def packet_capture(account_location: str, storage: Any = None) -> Build:
    """A Network Watcher packet capture of the GDPR claims API VM (full packets; the VM serves plain HTTP behind
    its gateway), saved to storage account ledgercaptures in ``account_location``."""

    def build(s: Stack) -> None:
        vm = az(
            s,
            "azure-native:compute:VirtualMachine",
            "claims-api",
            "westeurope",
            GDPR,
            "Microsoft.Compute/virtualMachines/claims-api",
            vmName="claims-api",
            hardwareProfile={"vmSize": "Standard_D4s_v5"},
        )
        account = storage_account(s, "ledgercaptures", account_location, None)
        put(
            s,
            "azure-native:network:PacketCapture",
            "claims-api-capture",
            azure(s),
            deps=[vm, account],
            resourceGroupName="NetworkWatcherRG",
            networkWatcherName="NetworkWatcher_westeurope",
            packetCaptureName="claims-api-capture",
            target=f"{RG}/Microsoft.Compute/virtualMachines/claims-api",
            targetType="AzureVM",
            bytesToCapturePerPacket=0,
            timeLimitInSeconds=3600,
            storageLocation={"storageId": f"{RG}/Microsoft.Storage/storageAccounts/ledgercaptures"}
            if storage is None
            else storage,
        )

    return build


# Violates: the captured packets of the GDPR API (request bodies) are saved in East US.
case("az18-packet-capture-storage-east-us", AZURE_COPIES, "DENY", AZ_DOC["packet-capture"])(packet_capture("eastus"))
# Complies: they are saved in West Europe.
case("az18-packet-capture-storage-west-europe", AZURE_COPIES, cite=AZ_DOC["packet-capture"])(
    packet_capture("westeurope")
)


# ============================================================================ outside destinations
OUT_DOC = {
    "osi-s3-sink": "https://opensearch.org/docs/latest/data-prepper/pipelines/configuration/sinks/s3/",
    "osi": "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/creating-pipeline.html",
    "internet-neg": "https://cloud.google.com/load-balancing/docs/negs/internet-neg-concepts",
    "omni-aws": "https://cloud.google.com/bigquery/docs/omni-aws-create-connection",
    "omni-locations": "https://cloud.google.com/bigquery/docs/omni-introduction#locations",
    "elastic": "https://learn.microsoft.com/en-us/azure/partner-solutions/elastic/create",
}


def ingestion_pipeline(sink: str, partner_region: str = "us-east-1") -> Build:
    """An OpenSearch Ingestion pipeline (tagged GDPR) taking the claims portal's events over HTTP and writing
    them to an S3 sink: ``sink`` is "partner" (another company's bucket in N. Virginia) or "own" (our GDPR
    bucket in Ireland, managed by this stack)."""

    def build(s: Stack) -> None:
        deps = []
        if sink == "own":
            deps.append(s3_bucket(s, "ledger-claim-events", "eu-west-1", GDPR))
            bucket, region, owner = "ledger-claim-events", "eu-west-1", ACCOUNT
        else:
            bucket, region, owner = "partner-claims-drop", partner_region, PARTNER_ACCOUNT
        body = (
            'version: "2"\n'
            "claims-pipeline:\n"
            "  source:\n"
            "    http:\n"
            '      path: "/claims/events"\n'
            "  sink:\n"
            "    - s3:\n"
            f"        bucket: {bucket}\n"
            f"        bucket_owners:\n"
            f"          {bucket}: '{owner}'\n"
            "        object_key:\n"
            "          path_prefix: claims/%{yyyy}/%{MM}/%{dd}/\n"
            "        codec:\n"
            "          ndjson:\n"
            "        aws:\n"
            f"          region: {region}\n"
            f"          sts_role_arn: arn:aws:iam::{ACCOUNT}:role/osi-claims-pipeline\n"
        )
        put(
            s,
            "aws:opensearchingest/pipeline:Pipeline",
            "claims-pipeline",
            aws(s),
            deps=deps,
            pipelineName="claims-pipeline",
            minUnits=1,
            maxUnits=4,
            pipelineConfigurationBody=body,
            tags=GDPR,
        )

    return build


# Violates: the pipeline writes the GDPR claim events to another company's bucket in N. Virginia.
case("out18-ingestion-pipeline-partner-bucket", OUTSIDE, "DENY", OUT_DOC["osi-s3-sink"])(ingestion_pipeline("partner"))
# Complies: it writes them to our own GDPR bucket in Ireland.
case("out18-ingestion-pipeline-own-bucket", OUTSIDE, cite=OUT_DOC["osi"])(ingestion_pipeline("own"))
# Violates: the other company's bucket is in Ireland, but it is theirs: the events leave our control.
case("out18-ingestion-pipeline-partner-bucket-ireland", OUTSIDE, "DENY", OUT_DOC["osi-s3-sink"])(
    ingestion_pipeline("partner", partner_region="eu-west-1")
)

OWN_RUN_HOST = "claims-api-123456789012.europe-west3.run.app"


def internet_neg(fqdn: str) -> Build:
    """The GDPR claims portal's global external load balancer sends requests under /verify to an internet NEG
    whose one endpoint is ``fqdn``."""

    def build(s: Stack) -> None:
        deps = []
        if fqdn == OWN_RUN_HOST:
            deps.append(
                put(
                    s,
                    "gcp:cloudrunv2/service:Service",
                    "claims-api",
                    gcp(s),
                    known={
                        "id": f"projects/{PROJECT}/locations/europe-west3/services/claims-api",
                        "uri": f"https://{OWN_RUN_HOST}",
                        "urls": [f"https://{OWN_RUN_HOST}"],
                    },
                    name="claims-api",
                    location="europe-west3",
                    labels=GDPR,
                    template={"containers": [{"image": "europe-west3-docker.pkg.dev/ledger-prod/claims/api:1.5.0"}]},
                )
            )
        neg_link = f"https://www.googleapis.com/compute/v1/projects/{PROJECT}/global/networkEndpointGroups/verify"
        neg = put(
            s,
            "gcp:compute/globalNetworkEndpointGroup:GlobalNetworkEndpointGroup",
            "verify",
            gcp(s),
            known={"id": f"projects/{PROJECT}/global/networkEndpointGroups/verify", "selfLink": neg_link},
            name="verify",
            networkEndpointType="INTERNET_FQDN_PORT",
            defaultPort=443,
        )
        put(
            s,
            "gcp:compute/globalNetworkEndpoint:GlobalNetworkEndpoint",
            "verify-endpoint",
            gcp(s),
            deps=[neg, *deps],
            project=PROJECT,
            globalNetworkEndpointGroup="verify",
            fqdn=fqdn,
            port=443,
        )
        put(
            s,
            "gcp:compute/backendService:BackendService",
            "verify-backend",
            gcp(s),
            deps=[neg],
            name="verify-backend",
            protocol="HTTPS",
            loadBalancingScheme="EXTERNAL_MANAGED",
            backends=[{"group": neg_link}],
        )

    return build


# Violates: the GDPR portal's identity-verification requests go to another company's host on the internet.
case("out18-internet-neg-partner-host", OUTSIDE, "DENY", OUT_DOC["internet-neg"], config=GDPR_STACK)(
    internet_neg("verify.partner-kyc.example")
)
# Complies: the endpoint is our own Cloud Run service in Frankfurt, managed by this stack.
case("out18-internet-neg-own-cloud-run", OUTSIDE, cite=OUT_DOC["internet-neg"], config=GDPR_STACK)(
    internet_neg(OWN_RUN_HOST)
)


def omni_connection(location: str) -> Build:
    """A BigQuery Omni connection of the GDPR project to AWS: EXPORT DATA through it writes query results to
    S3 in the connection's AWS Region."""

    def build(s: Stack) -> None:
        put(
            s,
            "gcp:bigquery/connection:Connection",
            "claims-s3",
            gcp(s),
            project=PROJECT,
            connectionId="claims-s3",
            friendlyName="claims export to S3",
            location=location,
            aws={"accessRole": {"iamRoleId": f"arn:aws:iam::{ACCOUNT}:role/bigquery-omni-claims"}},
        )

    return build


# Violates: in a GDPR stack, the connection exports to S3 in N. Virginia (aws-us-east-1).
case("out18-bigquery-omni-aws-us-east-1", OUTSIDE, "DENY", OUT_DOC["omni-aws"], config=GDPR_STACK)(
    omni_connection("aws-us-east-1")
)
# Complies: the connection's location is aws-eu-west-1 (Ireland).
case("out18-bigquery-omni-aws-eu-west-1", OUTSIDE, cite=OUT_DOC["omni-locations"], config=GDPR_STACK)(
    omni_connection("aws-eu-west-1")
)


def elastic_monitor(location: str) -> Build:
    """An Elastic monitor (Elastic Cloud through Azure) that ships the subscription's activity logs and the
    resource logs of every resource tagged fleet-residency=gdpr to an Elastic deployment in ``location``."""

    def build(s: Stack) -> None:
        monitor = put(
            s,
            "azure-native:elastic:Monitor",
            "ledger-elastic",
            azure(s, location),
            resourceGroupName="ledger",
            monitorName="ledger-elastic",
            location=location,
            sku={"name": "ess-consumption-2024_Monthly"},
            identity={"type": "SystemAssigned"},
            properties={
                "monitoringStatus": "Enabled",
                "userInfo": {
                    "firstName": "Platform",
                    "lastName": "Team",
                    "companyName": "Ledger",
                    "emailAddress": "platform@ledger.example",
                },
            },
            tags=GDPR,
        )
        put(
            s,
            "azure-native:elastic:TagRule",
            "ledger-elastic-rules",
            azure(s, location),
            deps=[monitor],
            resourceGroupName="ledger",
            monitorName="ledger-elastic",
            ruleSetName="default",
            properties={
                "logRules": {
                    "sendActivityLogs": True,
                    "sendSubscriptionLogs": True,
                    "sendAadLogs": False,
                    "filteringTags": [{"name": "fleet-residency", "value": "gdpr", "action": "Include"}],
                }
            },
        )

    return build


# Violates: the GDPR resources' logs are shipped to an Elastic deployment in East US.
case("out18-elastic-monitor-east-us", OUTSIDE, "DENY", OUT_DOC["elastic"])(elastic_monitor("eastus"))
# Complies: the Elastic deployment is in West Europe.
case("out18-elastic-monitor-west-europe", OUTSIDE, cite=OUT_DOC["elastic"])(elastic_monitor("westeurope"))


# ============================================================================ unset location defaults
DEF_DOC = {
    "aws-region": "https://www.pulumi.com/registry/packages/aws/installation-configuration/",
    "rum": "https://www.pulumi.com/registry/packages/aws/api-docs/rum/appmonitor/",
    "apprunner": "https://www.pulumi.com/registry/packages/aws/api-docs/apprunner/service/",
    "documentai": "https://cloud.google.com/document-ai/docs/regions",
    "healthbot": "https://www.pulumi.com/registry/packages/azure-native/api-docs/healthbot/bot/",
    "deid": "https://www.pulumi.com/registry/packages/azure-native/api-docs/healthdataaiservices/deidservice/",
    "arm-location": "https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/overview#resource-group-location-alignment",
}


def rum_monitor(region: str | None, provider_region: str | None = None) -> Build:
    """A CloudWatch RUM app monitor of the GDPR claims portal (sessions, pages, user agents, cookies' user
    IDs), under a provider that names no region unless ``provider_region``; ``region`` is its own (AWS v7)."""

    def build(s: Stack) -> None:
        prov = s.provider("aws", "aws-no-region") if provider_region is None else aws(s, provider_region)
        extra: dict[str, Any] = {} if region is None else {"region": region}
        put(
            s,
            "aws:rum/appMonitor:AppMonitor",
            "claims-portal",
            prov,
            name="claims-portal",
            domain="claims.ledger.example",
            cwLogEnabled=True,
            appMonitorConfiguration={
                "allowCookies": True,
                "enableXray": False,
                "sessionSampleRate": 1.0,
                "telemetries": ["errors", "performance", "http"],
            },
            tags=GDPR,
            **extra,
        )

    return build


# Violates: neither the app monitor nor its provider names a region.
case("def18-rum-app-monitor-no-region", DEFAULTS, "DENY", DEF_DOC["aws-region"])(rum_monitor(None))
# Complies: the app monitor names its own region, Frankfurt.
case("def18-rum-app-monitor-own-region", DEFAULTS, cite=DEF_DOC["rum"])(rum_monitor("eu-central-1"))
# Violates: the app monitor's own region (Ohio) overrides its provider's Ireland.
case("def18-rum-app-monitor-region-overrides-provider", DEFAULTS, "DENY", DEF_DOC["rum"])(
    rum_monitor("us-east-2", provider_region="eu-west-1")
)


def app_runner(region: str | None) -> Build:
    """An App Runner service of the GDPR claims intake API, under a provider that names no region."""

    def build(s: Stack) -> None:
        prov = s.provider("aws", "aws-no-region")
        extra: dict[str, Any] = {} if region is None else {"region": region}
        put(
            s,
            "aws:apprunner/service:Service",
            "claims-intake",
            prov,
            serviceName="claims-intake",
            sourceConfiguration={
                "authenticationConfiguration": {"accessRoleArn": f"arn:aws:iam::{ACCOUNT}:role/apprunner-ecr"},
                "imageRepository": {
                    "imageIdentifier": f"{ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/claims-intake:1.2.0",
                    "imageRepositoryType": "ECR",
                    "imageConfiguration": {"port": "8080"},
                },
                "autoDeploymentsEnabled": False,
            },
            tags=GDPR,
            **extra,
        )

    return build


# Violates: the service and its provider name no region (it runs wherever the environment points the provider).
case("def18-app-runner-no-region", DEFAULTS, "DENY", DEF_DOC["aws-region"])(app_runner(None))
# Complies: the service names Ireland.
case("def18-app-runner-own-region", DEFAULTS, cite=DEF_DOC["apprunner"])(app_runner("eu-west-1"))


def document_processor(location: Any) -> Build:
    """A Document AI form parser for scanned claim forms; Document AI processes and keeps documents in its
    multi-region ``location`` ("us" or "eu"), not in the provider's region."""

    def build(s: Stack) -> None:
        put(
            s,
            "gcp:essentialcontacts/documentAiProcessor:DocumentAiProcessor",
            "claim-forms",
            gcp(s),
            project=PROJECT,
            location=location,
            type="FORM_PARSER_PROCESSOR",
            displayName="claim-forms",
        )

    return build


# Violates: in a GDPR stack, the processor is in the "us" multi-region though the provider is Frankfurt.
case("def18-document-ai-us", DEFAULTS, "DENY", DEF_DOC["documentai"], config=GDPR_STACK)(document_processor("us"))
# Complies: it is in the "eu" multi-region.
case("def18-document-ai-eu", DEFAULTS, cite=DEF_DOC["documentai"], config=GDPR_STACK)(document_processor("eu"))
# Violates: under a Germany-only stack regime, the "eu" multi-region spans other EU countries.
case("def18-document-ai-eu-de-regime", DEFAULTS, "DENY", DEF_DOC["documentai"], config=DE_STACK)(
    document_processor("eu")
)


def no_location_provider(s: Stack) -> str:
    urn = s.urn("pulumi:providers:azure-native", "azure-no-location")
    if all(r.urn != urn for r in s.resources):
        s.provider("azure-native", "azure-no-location")
    return urn


def health_bot(group_location: str) -> Build:
    """A GDPR Azure Health Bot (patients describe their symptoms to it) with no location of its own, under a
    provider with no location, in resource group claims-bot (managed by this stack) in ``group_location``."""

    def build(s: Stack) -> None:
        group = resource_group(s, group_location, "claims-bot", GDPR)
        put(
            s,
            "azure-native:healthbot:Bot",
            "claims-triage",
            no_location_provider(s),
            deps=[group],
            resourceGroupName="claims-bot",
            botName="claims-triage",
            sku={"name": "S1"},
            identity={"type": "SystemAssigned"},
            tags=GDPR,
        )

    return build


# Violates: the bot takes its resource group's location, East US.
case("def18-health-bot-group-east-us", DEFAULTS, "DENY", DEF_DOC["arm-location"])(health_bot("eastus"))
# Complies: its resource group is in West Europe.
case("def18-health-bot-group-west-europe", DEFAULTS, cite=DEF_DOC["healthbot"])(health_bot("westeurope"))


def deid_service(group_location: str) -> Build:
    """A GDPR de-identification service (it reads clinical notes to redact them) with no location of its own,
    under a provider with no location, in resource group claims-deid in ``group_location``."""

    def build(s: Stack) -> None:
        group = resource_group(s, group_location, "claims-deid", GDPR)
        put(
            s,
            "azure-native:healthdataaiservices:DeidService",
            "claims-deid",
            no_location_provider(s),
            deps=[group],
            resourceGroupName="claims-deid",
            deidServiceName="claims-deid",
            properties={"publicNetworkAccess": "Disabled"},
            tags=GDPR,
        )

    return build


# Violates: the service takes its resource group's location, East US.
case("def18-deid-service-group-east-us", DEFAULTS, "DENY", DEF_DOC["arm-location"])(deid_service("eastus"))
# Complies: its resource group is in West Europe.
case("def18-deid-service-group-west-europe", DEFAULTS, cite=DEF_DOC["deid"])(deid_service("westeurope"))


# ============================================================================ Kubernetes operators
OP_DOC = {
    "ack-neptune": "https://aws-controllers-k8s.github.io/community/reference/neptune/v1alpha1/dbcluster/",
    "ack-region": "https://aws-controllers-k8s.github.io/community/docs/user-docs/multi-region-resource-management/",
    "xp-spanner": "https://marketplace.upbound.io/providers/upbound/provider-gcp-spanner/latest/resources/spanner.gcp.upbound.io/Instance/v1beta1",
    "kcc-dataflow": "https://cloud.google.com/config-connector/docs/reference/resource-docs/dataflow/dataflowflextemplatejob",
    "aso-datafactory": "https://azure.github.io/azure-service-operator/reference/datafactory/v1api20180601/",
}


def ack_neptune(region: str) -> Callable[[Stack, str], str]:
    return custom_resource(
        "neptune.services.k8s.aws/v1alpha1",
        "DBCluster",
        "acme-graph",
        "acme",
        {
            "dbClusterIdentifier": "acme-graph",
            "engine": "neptune",
            "engineVersion": "1.4.5.0",
            "storageEncrypted": True,
        },
        annotations={"services.k8s.aws/region": region},
    )


# Violates: ACK creates the GDPR tenant's Neptune graph (its customers' relations) in N. Virginia.
case("op18-ack-neptune-us", OPERATORS, "DENY", OP_DOC["ack-neptune"])(operator(ack_neptune("us-east-1")))
# Complies: the graph is in Frankfurt.
case("op18-ack-neptune-de", OPERATORS, cite=OP_DOC["ack-region"])(operator(ack_neptune("eu-central-1")))
# Violates: eu-west-2 is London, outside the EEA.
case("op18-ack-neptune-london", OPERATORS, "DENY", OP_DOC["ack-region"])(operator(ack_neptune("eu-west-2")))


def xp_spanner(config: str) -> Callable[[Stack, str], str]:
    return custom_resource(
        "spanner.gcp.upbound.io/v1beta1",
        "Instance",
        "acme-ledger",
        None,
        {
            "forProvider": {
                "config": config,
                "displayName": "acme ledger",
                "processingUnits": 100,
                "labels": {"team": "acme"},
            },
            "providerConfigRef": {"name": "default"},
        },
        labels={**GDPR, "fleet-tenant": "acme"},
    )


# Violates: the Crossplane Spanner instance labelled GDPR uses the N. Virginia configuration.
case("op18-crossplane-spanner-us", OPERATORS, "DENY", OP_DOC["xp-spanner"])(
    operator(xp_spanner("regional-us-east4"), "gcp")
)
# Complies: the eur3 multi-region configuration keeps its replicas in Belgium and the Netherlands.
case(
    "op18-crossplane-spanner-eur3",
    OPERATORS,
    cite="https://cloud.google.com/spanner/docs/instance-configurations#configs-multi-region",
)(operator(xp_spanner("eur3"), "gcp"))
# Complies: it uses the Frankfurt configuration.
case("op18-crossplane-spanner-frankfurt", OPERATORS, cite=OP_DOC["xp-spanner"])(
    operator(xp_spanner("regional-europe-west3"), "gcp")
)


def kcc_flex_job(region: str) -> Callable[[Stack, str], str]:
    return kcc_object(
        "DataflowFlexTemplateJob",
        "dataflow",
        "acme-claims-etl",
        {
            "region": region,
            "containerSpecGcsPath": "gs://acme-templates/claims-etl.json",
            "parameters": {
                "inputSubscription": "projects/acme-prod/subscriptions/claims",
                "outputTable": "acme:claims.events",
            },
        },
    )


# Violates: Config Connector runs the GDPR tenant's Dataflow job (its workers process every claim) in Iowa.
case("op18-kcc-dataflow-flex-us", OPERATORS, "DENY", OP_DOC["kcc-dataflow"])(
    operator(kcc_flex_job("us-central1"), "gcp")
)
# Complies: it runs in Frankfurt.
case("op18-kcc-dataflow-flex-frankfurt", OPERATORS, cite=OP_DOC["kcc-dataflow"])(
    operator(kcc_flex_job("europe-west3"), "gcp")
)


def aso_factory(location: str) -> Callable[[Stack, str], str]:
    return custom_resource(
        "datafactory.azure.com/v1api20180601",
        "Factory",
        "acme-etl",
        "acme",
        {"location": location, "owner": {"name": "acme-rg"}, "identity": {"type": "SystemAssigned"}},
    )


# Violates: ASO creates the GDPR tenant's Data Factory (its pipelines move the tenant's data) in East US.
case("op18-aso-data-factory-east-us", OPERATORS, "DENY", OP_DOC["aso-datafactory"])(
    operator(aso_factory("eastus"), "azure-native")
)
# Violates: Switzerland North is outside the EEA.
case("op18-aso-data-factory-switzerland", OPERATORS, "DENY", OP_DOC["aso-datafactory"])(
    operator(aso_factory("switzerlandnorth"), "azure-native")
)
# Complies: it is in Germany West Central.
case("op18-aso-data-factory-germany", OPERATORS, cite=OP_DOC["aso-datafactory"])(
    operator(aso_factory("germanywestcentral"), "azure-native")
)


# ============================================================================ cloud guardrails
GRD_DOC = {
    "all-features": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_org_support-all-features.html",
    "enable-policy-type": "https://docs.aws.amazon.com/organizations/latest/userguide/enable-policy-type.html",
    "az-builtin": "https://learn.microsoft.com/en-us/azure/governance/policy/samples/built-in-policies#general",
    "az-scope": "https://learn.microsoft.com/en-us/azure/governance/policy/concepts/scope",
    "gcp-v1-inherit": "https://cloud.google.com/resource-manager/docs/organization-policy/understanding-hierarchy#inheritance",
    "gcp-v1": "https://cloud.google.com/resource-manager/reference/rest/v1/Policy#ListPolicy",
}


def organization(feature_set: str, types: list[str] | None) -> Build:
    """The guarded EKS cluster with the region-deny SCP attached to its account; the stack also manages the
    organization itself, with ``feature_set`` and the enabled policy types ``types``."""

    def build(s: Stack) -> None:
        eks_guarded()(s)
        inputs: dict[str, Any] = {"featureSet": feature_set, "awsServiceAccessPrincipals": ["sso.amazonaws.com"]}
        if types is not None:
            inputs["enabledPolicyTypes"] = types
        put(
            s,
            "aws:organizations/organization:Organization",
            "ledger-org",
            s.urn("pulumi:providers:aws", "org"),
            known={
                "id": "o-a1b2c3d4e5",
                "arn": "arn:aws:organizations::999999999999:organization/o-a1b2c3d4e5",
                "masterAccountId": "999999999999",
                **inputs,
            },
            **inputs,
        )

    return build


# Violates: an organization with only consolidated-billing features has no SCPs in force: the attached region
# deny restricts nothing.
case("grd18-aws-org-consolidated-billing", GUARDRAILS, "DENY", GRD_DOC["all-features"])(
    organization("CONSOLIDATED_BILLING", None)
)
# Violates: all features, but the SCP policy type is not enabled in the root (only tag policies are).
case("grd18-aws-org-scp-type-not-enabled", GUARDRAILS, "DENY", GRD_DOC["enable-policy-type"])(
    organization("ALL", ["TAG_POLICY"])
)
# Complies: all features with service control policies enabled.
case("grd18-aws-org-scp-type-enabled", GUARDRAILS, cite=GRD_DOC["enable-policy-type"])(
    organization("ALL", ["SERVICE_CONTROL_POLICY", "TAG_POLICY"])
)


def azure_only(keep: str) -> Build:
    """The guarded AKS cluster keeping only the ``keep`` assignment ("locations": Allowed locations;
    "rg-locations": Allowed locations for resource groups)."""

    def build(s: Stack) -> None:
        aks_guarded()(s)
        drop = s.urn(
            "azure-native:authorization:PolicyAssignment",
            "eea-rg-locations" if keep == "locations" else "eea-locations",
        )
        s.resources = [r for r in s.resources if r.urn != drop]

    return build


# Violates: only "Allowed locations for resource groups" is assigned: resource groups must be in the EEA, the
# resources in them may be anywhere.
case("grd18-azure-rg-locations-only", GUARDRAILS, "DENY", GRD_DOC["az-builtin"])(azure_only("rg-locations"))
# Complies: "Allowed locations" alone is assigned to the subscription.
case("grd18-azure-allowed-locations-only", GUARDRAILS, cite=GRD_DOC["az-builtin"])(azure_only("locations"))


def azure_rg_scope(s: Stack) -> None:
    """The guarded AKS cluster whose assignments are scoped to its own resource group fleet-eu1, not to the
    subscription."""
    aks_guarded()(s)
    scope = f"/subscriptions/{SUB}/resourceGroups/fleet-eu1"
    for suffix in ("locations", "rg-locations"):
        r = _find(s, s.urn("azure-native:authorization:PolicyAssignment", f"eea-{suffix}"))
        r.inputs = {**r.inputs, "scope": scope}
        r.outputs = {
            **r.outputs,
            "scope": scope,
            "id": f"{scope}/providers/Microsoft.Authorization/policyAssignments/eea-{suffix}",
        }


# Violates: the assignments cover only the cluster's resource group; every other resource group of the
# subscription may hold resources anywhere.
case("grd18-azure-assignment-cluster-group-only", GUARDRAILS, "DENY", GRD_DOC["az-scope"])(azure_rg_scope)

EEA_VALUES = ["in:europe-west3-locations", "in:europe-west4-locations"]

# Violates: the legacy (v1) list policy allows the EEA values but inherits from its parent, so the parent's
# allowed values are merged in.
case("grd18-gcp-legacy-list-inherits", GUARDRAILS, "DENY", GRD_DOC["gcp-v1-inherit"])(
    gke_guarded(legacy_policy(listPolicy={"inheritFromParent": True, "allow": {"values": EEA_VALUES}}))
)
# Complies: the same legacy list policy, not inheriting: only the EEA values are allowed.
case("grd18-gcp-legacy-list-not-inheriting", GUARDRAILS, cite=GRD_DOC["gcp-v1"])(
    gke_guarded(legacy_policy(listPolicy={"inheritFromParent": False, "allow": {"values": EEA_VALUES}}))
)


# ============================================================================ unknown at preview
PRE_DOC = {
    "unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
    "policy-preview": "https://www.pulumi.com/docs/iac/using-pulumi/crossguard/best-practices/",
}

# Violates: the Bigtable instance is new (its name unknown to the member); the partner member is known.
case("pre18-bigtable-iam-new-instance-partner", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    bigtable_member(PARTNER_SA, new_instance=True)
)
# Complies at preview: the member is a service account created in this update.
case("pre18-bigtable-iam-member-unknown", PREVIEW, cite=PRE_DOC["policy-preview"])(bigtable_member(UNKNOWN))
# Violates: the Access Grants location is new (its ID unknown to the grant); the partner role is known.
case("pre18-access-grant-new-location-partner", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    access_grant(PARTNER_ROLE, new_location=True)
)
# Complies at preview: the grantee is a role of our account created in this update (its ARN unknown).
case("pre18-access-grant-grantee-unknown", PREVIEW, cite=PRE_DOC["policy-preview"])(access_grant(UNKNOWN))
# Violates: the imported container is new (its ID unknown to the file system); East US is known.
case("pre18-lustre-new-container-east-us", PREVIEW, "DENY", PRE_DOC["unknowns"])(lustre("eastus", container=UNKNOWN))
# Complies: the same new container imported into a file system in West Europe.
case("pre18-lustre-new-container-west-europe", PREVIEW, cite=PRE_DOC["unknowns"])(
    lustre("westeurope", container=UNKNOWN)
)
# Violates: the alert policy's storage account is new (its endpoint unknown); its location, East US, is known.
case("pre18-sql-alert-new-account-east-us", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    threat_alerts("eastus", new_account=True)
)
# Complies: the same new account in West Europe.
case("pre18-sql-alert-new-account-west-europe", PREVIEW, cite=PRE_DOC["unknowns"])(
    threat_alerts("westeurope", new_account=True)
)
# Complies at preview: the MSK cluster policy document is unknown (it embeds a role created in this update).
case("pre18-msk-cluster-policy-document-unknown", PREVIEW, cite=PRE_DOC["policy-preview"])(
    msk_policy(OWN_ACCOUNT, policy=UNKNOWN)
)
# Violates: the MSK cluster is new (its ARN unknown to the policy); the partner account in the policy is known.
case("pre18-msk-cluster-policy-new-cluster-partner", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    msk_policy(PARTNER_ACCOUNT, new_cluster=True)
)


# ============================================================================ malformed shapes
BAD_DOC = {
    "bigtable-iam": "https://www.pulumi.com/registry/packages/gcp/api-docs/bigtable/instanceiammember/",
    "access-grant": "https://www.pulumi.com/registry/packages/aws/api-docs/s3control/accessgrant/",
    "insights": "https://www.pulumi.com/registry/packages/gcp/api-docs/storage/insightsreportconfig/",
    "amlfs": "https://www.pulumi.com/registry/packages/azure-native/api-docs/storagecache/amlfilesystem/",
    "packet-capture": "https://www.pulumi.com/registry/packages/azure-native/api-docs/network/packetcapture/",
    "alert-policy": "https://www.pulumi.com/registry/packages/azure-native/api-docs/sql/serversecurityalertpolicy/",
    "cleanrooms": "https://www.pulumi.com/registry/packages/aws/api-docs/cleanrooms/collaboration/",
    "bridge": "https://github.com/pulumi/pulumi-terraform-bridge/blob/master/pkg/tfbridge/schema.go",
}

# Violates: the Bigtable member (one principal) is a list of two of our own principals.
case("bad18-bigtable-iam-member-two", MALFORMED, "DENY", BAD_DOC["bigtable-iam"])(bigtable_member([OWN_SA, OWN_GROUP]))
# Violates: the access grant's grantee (one block) is a string.
case("bad18-access-grant-grantee-string", MALFORMED, "DENY", BAD_DOC["access-grant"])(
    access_grant(OWN_ROLE, raw=OWN_ROLE)
)
# Violates: the report's storageDestinationOptions (one block) is a list of two destinations.
case("bad18-inventory-destination-two", MALFORMED, "DENY", BAD_DOC["insights"])(
    inventory_report(
        "europe-west3",
        destination=[
            {"bucket": "ledger-inventory", "destinationPath": "claims/"},
            {"bucket": "ledger-inventory-us", "destinationPath": "claims/"},
        ],
    )
)
# Violates: the file system's hsm.settings.container (one resource ID) is a one-item list (azure-native takes one
# string).
case("bad18-lustre-container-list", MALFORMED, "DENY", BAD_DOC["amlfs"])(
    lustre(
        "westeurope",
        container=[f"{RG}/Microsoft.Storage/storageAccounts/ledgerclaims/blobServices/default/containers/claims"],
    )
)
# Violates: the packet capture's storageLocation (an object) is a one-item list.
case("bad18-packet-capture-storage-location-list", MALFORMED, "DENY", BAD_DOC["packet-capture"])(
    packet_capture("westeurope", storage=[{"storageId": f"{RG}/Microsoft.Storage/storageAccounts/ledgercaptures"}])
)
# Violates: the alert policy's storageEndpoint (one string) is an object.
case("bad18-sql-alert-endpoint-object", MALFORMED, "DENY", BAD_DOC["alert-policy"])(
    threat_alerts("westeurope", storageEndpoint={"url": "https://ledgerthreats.blob.core.windows.net/"})
)
# Complies: storageDestinationOptions (one block, flattened by the SDK) given as a one-item list, as the bridge
# hands it to Terraform; the destination is in Frankfurt.
case("bad18-inventory-destination-one-item-list", MALFORMED, cite=BAD_DOC["bridge"])(
    inventory_report("europe-west3", destination=[{"bucket": "ledger-inventory", "destinationPath": "claims/"}])
)
# Complies: the collaboration's members (a list) given as one object, which the bridge wraps into a one-item
# list; the member is our own second account.
case("bad18-clean-rooms-members-single-object", MALFORMED, cite=BAD_DOC["cleanrooms"])(
    clean_room(
        OWN_ACCOUNT,
        members={
            "accountId": OWN_ACCOUNT,
            "displayName": "analytics",
            "memberAbilities": ["CAN_QUERY", "CAN_RECEIVE_RESULTS"],
        },
    )
)
