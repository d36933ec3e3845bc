"""Cloud residency cases of the nineteenth outside corpus, written from cloud-provider documentation and the
pack's user-facing contract (docs/RULES.md, docs/SPEC.md, docs/REVIEW.md, README.md) by a helper session
that had not read the pack's rules, its residency survey, its configs or its tests. It must never be used
to tune the pack (see README.md beside it).

Cases are built with the ``Case``/``Stack`` API of ``tests/policies/corpus.py`` and the helpers of the
earlier outside corpora. A case asks only whether a correct pack denies it: ``expect="DENY"`` (some
mandatory violation) or nothing (compliant: no mandatory violation at all). Each cites the page its outcome
rests on; a comment above it says why it violates or complies. The resource or property that decides each
case is one none of the eighteen earlier corpora used: EC2 traffic mirror sessions aimed at another
account's target, Data Lifecycle Manager share rules, Cognito app clients' Pinpoint analytics, QuickSight
SPICE data sets; Cloud SQL for SQL Server audit buckets, Cloud Logging log views shared through IAM, GKE usage
metering exports; Entra Domain Services replica sets, database watchers' Data Explorer stores, Azure SQL
database copies; Augmented AI human review work teams, Container Apps OpenTelemetry destinations, BigQuery
remote functions; Chime voice connectors' default Region, Virtual Desktop host pool metadata, Apigee
organizations without a consumer data location, Translator resources in "global"; ACK EventBridge rules,
Crossplane AWS Backup plans, Config Connector Pub/Sub topics, ASO Azure SQL databases' backup redundancy;
Control Tower's Region deny control, legacy folder policies, organization policies on a project named by its
number, subscriptions placed by a subscription alias.

``UNKNOWN`` stands for a value the engine only learns at the update.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from tests.policies.corpus import GDPR, UNKNOWN, Stack, secret
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
    org_policy,
    put,
    rds_instance,
    s3_bucket,
    sql_primary,
    sql_server,
)
from tests.policies.outside11.cloud import OWN_ACCOUNT, depends, own_account_provider
from tests.policies.outside15.cloud import NL_REGIME, NL_TAG, PARTNER_ACCOUNT, kcc_object
from tests.policies.outside17.cloud import EEA_FOLDER, MG_ROOT
from tests.policies.outside18.cloud import OWN_GROUP, OWN_SA, PARTNER_SA
from tests.policies.outside19.common import case

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
CH_TAG = {"fleet-residency": "ch"}  # the built-in Switzerland regime


def aws_policy(*statements: dict[str, Any]) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def change(s: Stack, type_: str, name: str, **inputs: Any) -> None:
    """Change inputs of a resource the build made (and its state, when it exists), as outside4's retouch."""
    resource = _find(s, s.urn(type_, name))
    resource.inputs = {**resource.inputs, **inputs}
    if resource.outputs:
        resource.outputs = {**resource.outputs, **inputs}


# ============================================================================ AWS: copies
AWS_DOC = {
    "tm-accounts": "https://docs.aws.amazon.com/vpc/latest/mirroring/traffic-mirroring-connection.html",
    "tm-how": "https://docs.aws.amazon.com/vpc/latest/mirroring/traffic-mirroring-how-it-works.html",
    "dlm-share": "https://docs.aws.amazon.com/dlm/latest/APIReference/API_ShareRule.html",
    "cognito-regions": "https://docs.aws.amazon.com/cognito/latest/developerguide/security-cognito-regional-data-considerations.html",
    "cognito-analytics": "https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AnalyticsConfigurationType.html",
    "spice-region": "https://docs.aws.amazon.com/quick/latest/userguide/managing-spice-capacity.html",
    "spice": "https://docs.aws.amazon.com/quick/latest/userguide/spice.html",
}
CLAIMS_INSTANCE = "i-0c1a2b3d4e5f60718"
CLAIMS_ENI = "eni-0c1a2b3d4e5f60718"
OWN_TMT = "tmt-0a1b2c3d4e5f60718"
OWN_TMT_2 = "tmt-0b2c3d4e5f6071829"
PARTNER_TMT = "tmt-07f3e2d1c0b9a8765"  # a target another company shares with our account through AWS RAM
MIRROR_FILTER = "tmf-0d1e2f3a4b5c60718"
OWN_NLB = f"arn:aws:elasticloadbalancing:eu-west-1:{ACCOUNT}:loadbalancer/net/ids-collectors/50dc6c495c0c9188"


def mirror_target(s: Stack, name: str, target_id: str | None) -> str:
    """One of our traffic mirror targets (an NLB of IDS collectors in Ireland); ``None``: created in this
    update."""
    return put(
        s,
        "aws:ec2/trafficMirrorTarget:TrafficMirrorTarget",
        name,
        aws(s),
        known=None
        if target_id is None
        else {
            "id": target_id,
            "arn": f"arn:aws:ec2:eu-west-1:{ACCOUNT}:traffic-mirror-target/{target_id}",
            "ownerId": ACCOUNT,
        },
        description="IDS collectors of the claims VPC",
        networkLoadBalancerArn=OWN_NLB,
        tags={"fleet-residency": "gdpr"},
    )


def traffic_mirror(target: str, new_instance: bool = False, target_id: Any = None) -> Build:
    """A traffic mirror session copying every packet of the GDPR claims API instance's network interface
    (request bodies included: the instance serves plain HTTP behind its load balancer) to a mirror target.
    ``target``: "own" (our target, managed by this stack), "partner" (another company's target, shared with
    us), "new" (our target, created in this update), "two" (our two targets at once)."""

    def build(s: Stack) -> None:
        instance = put(
            s,
            "aws:ec2/instance:Instance",
            "claims-api",
            aws(s),
            known=None
            if new_instance
            else {
                "id": CLAIMS_INSTANCE,
                "arn": f"arn:aws:ec2:eu-west-1:{ACCOUNT}:instance/{CLAIMS_INSTANCE}",
                "primaryNetworkInterfaceId": CLAIMS_ENI,
            },
            ami="ami-0a1b2c3d4e5f60718",
            instanceType="m7i.large",
            subnetId="subnet-0a1b2c3d4e5f60718",
            tags=GDPR,
        )
        mirror_filter = put(
            s,
            "aws:ec2/trafficMirrorFilter:TrafficMirrorFilter",
            "all-traffic",
            aws(s),
            known={"id": MIRROR_FILTER},
            description="every packet",
            tags=GDPR,
        )
        deps = [instance, mirror_filter]
        if target == "own":
            deps.append(mirror_target(s, "ids", OWN_TMT))
            target_value: Any = OWN_TMT
        elif target == "new":
            deps.append(mirror_target(s, "ids", None))
            target_value = UNKNOWN
        elif target == "two":
            deps += [mirror_target(s, "ids", OWN_TMT), mirror_target(s, "ids-b", OWN_TMT_2)]
            target_value = [OWN_TMT, OWN_TMT_2]
        else:
            target_value = PARTNER_TMT
        if target_id is not None:
            target_value = target_id
        session = put(
            s,
            "aws:ec2/trafficMirrorSession:TrafficMirrorSession",
            "claims-api-mirror",
            aws(s),
            deps=deps,
            description="claims API traffic for inspection",
            networkInterfaceId=UNKNOWN if new_instance else CLAIMS_ENI,
            trafficMirrorFilterId=MIRROR_FILTER,
            trafficMirrorTargetId=target_value,
            sessionNumber=1,
            tags=GDPR,
        )
        unknown: dict[str, list[str]] = {}
        if new_instance:
            unknown["networkInterfaceId"] = [instance]
        if target == "new":
            unknown["trafficMirrorTargetId"] = [deps[2]]
        if unknown:
            depends(s, session, **unknown)

    return build


# Violates: every packet of the GDPR API instance is mirrored to a target another company owns and shares with
# us; its appliances (and their owner) see the traffic.
case("aws19-traffic-mirror-partner-target", AWS_COPIES, "DENY", AWS_DOC["tm-accounts"])(traffic_mirror("partner"))
# Complies: the target is our own NLB of IDS collectors in Ireland, managed by this stack.
case("aws19-traffic-mirror-own-target", AWS_COPIES, cite=AWS_DOC["tm-how"])(traffic_mirror("own"))

CLAIMS_VOLUME = "vol-0e1d2c3b4a5968778"


def dlm_share(accounts: Any) -> Build:
    """A Data Lifecycle Manager policy snapshotting every volume tagged fleet-residency=gdpr daily, whose
    schedule shares each snapshot with ``accounts`` (unshared after 30 days)."""

    def build(s: Stack) -> None:
        own_account_provider(s)
        volume = put(
            s,
            "aws:ebs/volume:Volume",
            "claims-data",
            aws(s),
            known={"id": CLAIMS_VOLUME, "arn": f"arn:aws:ec2:eu-west-1:{ACCOUNT}:volume/{CLAIMS_VOLUME}"},
            availabilityZone="eu-west-1a",
            size=500,
            type="gp3",
            encrypted=True,
            kmsKeyId=f"arn:aws:kms:eu-west-1:{ACCOUNT}:key/4c1d2e3f-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
            tags=GDPR,
        )
        put(
            s,
            "aws:dlm/lifecyclePolicy:LifecyclePolicy",
            "gdpr-volumes-shared",
            aws(s),
            deps=[volume],
            description="daily snapshots of GDPR volumes, shared for restore tests",
            executionRoleArn=f"arn:aws:iam::{ACCOUNT}:role/AWSDataLifecycleManagerDefaultRole",
            state="ENABLED",
            policyDetails={
                "policyType": "EBS_SNAPSHOT_MANAGEMENT",
                "resourceTypes": ["VOLUME"],
                "targetTags": dict(GDPR),
                "schedules": [
                    {
                        "name": "daily-shared",
                        "createRule": {"interval": 24, "intervalUnit": "HOURS", "times": "02:00"},
                        "retainRule": {"count": 14},
                        "copyTags": True,
                        "shareRule": {
                            "targetAccounts": accounts,
                            "unshareInterval": 30,
                            "unshareIntervalUnit": "DAYS",
                        },
                    }
                ],
            },
            tags=GDPR,
        )

    return build


# Violates: every daily snapshot of the GDPR volumes is shared with another company's account, which may copy
# it to any Region.
case("aws19-dlm-share-partner-account", AWS_COPIES, "DENY", AWS_DOC["dlm-share"])(dlm_share([PARTNER_ACCOUNT]))
# Complies: the snapshots are shared with our own second account (named by a provider of the stack).
case("aws19-dlm-share-own-account", AWS_COPIES, cite=AWS_DOC["dlm-share"])(dlm_share([OWN_ACCOUNT]))

PINPOINT_APP = "d4f1a9e2b3c84567a1b2c3d4e5f60718"


def cognito_analytics(pool_region: str, app_region: str, new_app: bool = False) -> Build:
    """The GDPR claims portal's Cognito user pool (customers' identities) in ``pool_region``; its web app
    client publishes user events (sign-ins, with user attributes: userDataShared) to an Amazon Pinpoint
    project in ``app_region``, managed by this stack (``new_app``: created in this update)."""

    def build(s: Stack) -> None:
        pool_id = f"{pool_region}_Ab12Cd34E"
        pool = put(
            s,
            "aws:cognito/userPool:UserPool",
            "claims-portal-users",
            aws(s, pool_region),
            known={"id": pool_id, "arn": f"arn:aws:cognito-idp:{pool_region}:{ACCOUNT}:userpool/{pool_id}"},
            name="claims-portal-users",
            usernameAttributes=["email"],
            autoVerifiedAttributes=["email"],
            tags=GDPR,
        )
        app_arn = f"arn:aws:mobiletargeting:{app_region}:{ACCOUNT}:apps/{PINPOINT_APP}"
        app = put(
            s,
            "aws:pinpoint/app:App",
            "portal-engagement",
            aws(s, app_region),
            known=None if new_app else {"id": PINPOINT_APP, "applicationId": PINPOINT_APP, "arn": app_arn},
            name="claims-portal-engagement",
        )
        client = put(
            s,
            "aws:cognito/userPoolClient:UserPoolClient",
            "claims-portal-web",
            aws(s, pool_region),
            deps=[pool, app],
            name="claims-portal-web",
            userPoolId=pool_id,
            generateSecret=False,
            explicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
            analyticsConfiguration={"applicationArn": UNKNOWN if new_app else app_arn, "userDataShared": True},
        )
        if new_app:
            depends(s, client, analyticsConfiguration=[app])

    return build


# Violates: the user pool is in Stockholm, where Pinpoint is not offered, so its events (with user data) go to
# the project in N. Virginia, as Cognito documents.
case("aws19-cognito-analytics-stockholm-to-virginia", AWS_COPIES, "DENY", AWS_DOC["cognito-regions"])(
    cognito_analytics("eu-north-1", "us-east-1")
)
# Complies: pool and Pinpoint project are both in Frankfurt (Cognito sends events to the same Region).
case("aws19-cognito-analytics-frankfurt", AWS_COPIES, cite=AWS_DOC["cognito-analytics"])(
    cognito_analytics("eu-central-1", "eu-central-1")
)

RDS_HOST = "ledger.c9akciq32rrw.eu-west-1.rds.amazonaws.com"


def quicksight(region: str, new_source: bool = False) -> Build:
    """A QuickSight data source for the GDPR claims database (RDS PostgreSQL in Ireland, by its endpoint)
    and a data set importing its claims table into SPICE, both in ``region`` (untagged)."""

    def build(s: Stack) -> None:
        db = rds_instance(s, aws(s))
        qs = aws(s, region)
        source_arn = f"arn:aws:quicksight:{region}:{ACCOUNT}:datasource/claims-db"
        source = put(
            s,
            "aws:quicksight/dataSource:DataSource",
            "claims-db",
            qs,
            deps=[db],
            known=None if new_source else {"id": f"{ACCOUNT},claims-db", "arn": source_arn},
            dataSourceId="claims-db",
            name="claims database",
            type="POSTGRESQL",
            parameters={"postgresql": {"host": RDS_HOST, "port": 5432, "database": "claims"}},
            credentials={"secretArn": f"arn:aws:secretsmanager:eu-west-1:{ACCOUNT}:secret:quicksight-claims-ro"},
            sslProperties={"disableSsl": False},
        )
        data_set = put(
            s,
            "aws:quicksight/dataSet:DataSet",
            "claims-analytics",
            qs,
            deps=[source],
            dataSetId="claims-analytics",
            name="claims analytics",
            importMode="SPICE",
            physicalTableMaps=[
                {
                    "physicalTableMapId": "claims",
                    "relationalTable": {
                        "dataSourceArn": UNKNOWN if new_source else source_arn,
                        "schema": "public",
                        "name": "claims",
                        "inputColumns": [
                            {"name": "claim_id", "type": "STRING"},
                            {"name": "policyholder_name", "type": "STRING"},
                            {"name": "date_of_birth", "type": "DATETIME"},
                            {"name": "amount", "type": "DECIMAL"},
                        ],
                    },
                }
            ],
        )
        if new_source:
            depends(s, data_set, physicalTableMaps=[source])

    return build


# Violates: SPICE keeps the imported claims (names, dates of birth) in N. Virginia.
case("aws19-quicksight-spice-virginia", AWS_COPIES, "DENY", AWS_DOC["spice-region"])(quicksight("us-east-1"))
# Violates: London is outside the EEA.
case("aws19-quicksight-spice-london", AWS_COPIES, "DENY", AWS_DOC["spice-region"])(quicksight("eu-west-2"))
# Complies: the SPICE copy is in Ireland, beside the database.
case("aws19-quicksight-spice-ireland", AWS_COPIES, cite=AWS_DOC["spice"])(quicksight("eu-west-1"))


# ============================================================================ GCP: copies
GCP_DOC = {
    "sql-audit": "https://cloud.google.com/sql/docs/sqlserver/db-audit",
    "gcs-locations": "https://cloud.google.com/storage/docs/locations",
    "log-views": "https://cloud.google.com/logging/docs/logs-views",
    "principals": "https://cloud.google.com/iam/docs/principals-overview#all-authenticated-users",
    "usage-metering": "https://cloud.google.com/kubernetes-engine/docs/how-to/cluster-usage-metering",
    "bq-locations": "https://cloud.google.com/bigquery/docs/locations",
}


def sql_audit(bucket_location: str, audit: Any = None, buckets: tuple[str, ...] = ("ledger-sql-audit",)) -> Build:
    """A GDPR Cloud SQL for SQL Server instance in Frankfurt whose SQL Server audit files (the audited
    statements, with their parameters) are uploaded to bucket ledger-sql-audit in ``bucket_location``."""

    def build(s: Stack) -> None:
        deps = [gcs_bucket(s, name, bucket_location) for name in buckets]
        put(
            s,
            "gcp:sql/databaseInstance:DatabaseInstance",
            "claims-mssql",
            gcp(s),
            deps=deps,
            name="claims-mssql",
            region="europe-west3",
            databaseVersion="SQLSERVER_2022_STANDARD",
            rootPassword=secret("Mssql-9c4e2a7f!b1"),
            deletionProtection=True,
            settings={
                "tier": "db-custom-2-7680",
                "userLabels": dict(GDPR),
                "ipConfiguration": {
                    "ipv4Enabled": False,
                    "privateNetwork": f"projects/{PROJECT}/global/networks/ledger",
                },
                "backupConfiguration": {"enabled": True, "location": "europe-west3"},
                "sqlServerAuditConfig": {
                    "bucket": "gs://ledger-sql-audit",
                    "retentionInterval": "2592000s",
                    "uploadInterval": "600s",
                }
                if audit is None
                else audit,
            },
        )

    return build


# Violates: the GDPR database's audit files are kept in the US multi-region.
case("gcp19-sql-server-audit-bucket-us", GCP_COPIES, "DENY", GCP_DOC["sql-audit"])(sql_audit("US"))
# Violates: europe-west2 is London, outside the EEA.
case("gcp19-sql-server-audit-bucket-london", GCP_COPIES, "DENY", GCP_DOC["gcs-locations"])(sql_audit("europe-west2"))
# Complies: the audit bucket is in Frankfurt.
case("gcp19-sql-server-audit-bucket-frankfurt", GCP_COPIES, cite=GCP_DOC["sql-audit"])(sql_audit("europe-west3"))
# Complies: the EU multi-region keeps the files inside the EU.
case("gcp19-sql-server-audit-bucket-eu", GCP_COPIES, cite=GCP_DOC["gcs-locations"])(sql_audit("EU"))

LOG_BUCKET = f"projects/{PROJECT}/locations/europe-west1/buckets/claims-requests"


def log_view_member(member: Any, new_view: bool = False) -> Build:
    """In a GDPR stack, the claims portal's request logs (client IPs, claim numbers, e-mail addresses in
    query strings) kept in log bucket claims-requests (Belgium); a log view of the bucket's Cloud Run logs is
    granted roles/logging.viewAccessor to ``member``."""

    def build(s: Stack) -> None:
        bucket = put(
            s,
            "gcp:logging/projectBucketConfig:ProjectBucketConfig",
            "claims-requests",
            gcp(s),
            known={"id": LOG_BUCKET},
            project=PROJECT,
            location="europe-west1",
            bucketId="claims-requests",
            retentionDays=90,
            description="claims portal request logs",
        )
        view = put(
            s,
            "gcp:logging/logView:LogView",
            "support-view",
            gcp(s),
            deps=[bucket],
            known=None if new_view else {"id": f"{LOG_BUCKET}/views/support"},
            name="support",
            bucket=LOG_BUCKET,
            parent=f"projects/{PROJECT}",
            location="europe-west1",
            filter='resource.type = "cloud_run_revision"',
            description="portal logs for the support desk",
        )
        deps = [view]
        if member is UNKNOWN:
            deps.append(
                put(
                    s,
                    "gcp:serviceaccount/account:Account",
                    "support-desk",
                    gcp(s),
                    accountId="support-desk",
                    displayName="support desk log reader",
                )
            )
        grant = put(
            s,
            "gcp:logging/logViewIamMember:LogViewIamMember",
            "support-view-accessor",
            gcp(s),
            deps=deps,
            parent=f"projects/{PROJECT}",
            location="europe-west1",
            bucket=LOG_BUCKET,
            name=UNKNOWN if new_view else "support",
            role="roles/logging.viewAccessor",
            member=member,
        )
        unknown: dict[str, list[str]] = {}
        if new_view:
            unknown["name"] = [view]
        if member is UNKNOWN:
            unknown["member"] = [deps[1]]
        if unknown:
            depends(s, grant, **unknown)

    return build


# Violates: another company's service account may read the GDPR portal's request logs through the view.
case("gcp19-log-view-partner-service-account", GCP_COPIES, "DENY", GCP_DOC["log-views"], config=GDPR_STACK)(
    log_view_member(PARTNER_SA)
)
# Violates: any signed-in Google account may read them.
case("gcp19-log-view-all-authenticated-users", GCP_COPIES, "DENY", GCP_DOC["principals"], config=GDPR_STACK)(
    log_view_member("allAuthenticatedUsers")
)
# Complies: our own analysts' group reads them.
case("gcp19-log-view-own-group", GCP_COPIES, cite=GCP_DOC["log-views"], config=GDPR_STACK)(log_view_member(OWN_GROUP))


def gke_usage(dataset_location: str, export: Any = None) -> Build:
    """The guarded GDPR GKE cluster (Frankfurt, its _Default sink taken over) with usage metering: the
    resource use of every namespace and label value of its tenants is exported daily to BigQuery dataset
    gke_usage in ``dataset_location``."""

    def sink(s: Stack, org: str) -> None:
        default_sink("europe-west3")(s)

    base = gke_guarded(org_policy(), sink)

    def build(s: Stack) -> None:
        base(s)
        put(
            s,
            "gcp:bigquery/dataset:Dataset",
            "gke-usage",
            gcp(s),
            known={"id": f"projects/{PROJECT}/datasets/gke_usage"},
            project=PROJECT,
            datasetId="gke_usage",
            location=dataset_location,
        )
        change(
            s,
            "gcp:container/cluster:Cluster",
            "eu1-gke",
            resourceUsageExportConfig={
                "enableResourceConsumptionMetering": True,
                "enableNetworkEgressMetering": False,
                "bigqueryDestination": {"datasetId": "gke_usage"},
            }
            if export is None
            else export,
        )

    return build


# Violates: the GDPR cluster's per-namespace usage records (tenant namespaces and label values) are exported to
# a dataset in the US multi-region.
case("gcp19-gke-usage-metering-us-dataset", GCP_COPIES, "DENY", GCP_DOC["usage-metering"])(gke_usage("US"))
# Complies: the dataset is in Frankfurt.
case("gcp19-gke-usage-metering-frankfurt-dataset", GCP_COPIES, cite=GCP_DOC["usage-metering"])(
    gke_usage("europe-west3")
)
# Complies: the dataset is in the EU multi-region.
case("gcp19-gke-usage-metering-eu-dataset", GCP_COPIES, cite=GCP_DOC["bq-locations"])(gke_usage("EU"))


# ============================================================================ Azure: copies
AZ_DOC = {
    "aadds-replicas": "https://learn.microsoft.com/en-us/entra/identity/domain-services/concepts-replica-sets",
    "watcher-data": "https://learn.microsoft.com/en-us/azure/azure-sql/database-watcher-data",
    "watcher": "https://learn.microsoft.com/en-us/azure/azure-sql/database-watcher-overview",
    "db-copy": "https://learn.microsoft.com/en-us/azure/azure-sql/database/database-copy",
    "regions": "https://learn.microsoft.com/en-us/azure/reliability/regions-list",
}
IDENTITY_RG = f"/subscriptions/{SUB}/resourceGroups/identity/providers"


def aadds_subnet(location: str) -> str:
    return f"{IDENTITY_RG}/Microsoft.Network/virtualNetworks/aadds-{location}/subnets/aadds"


def domain_services(
    replica_location: str, tags: dict[str, str] = GDPR, new_subnet: bool = False, replicas: Any = None
) -> Build:
    """The claims company's Entra Domain Services managed domain (its users, groups and password hashes)
    in West Europe, with a second replica set in ``replica_location`` (a peered virtual network there):
    "each replica set contains the same data"."""

    def build(s: Stack) -> None:
        deps = []
        subnet: Any = aadds_subnet(replica_location)
        if new_subnet:
            deps.append(
                put(
                    s,
                    "azure-native:network:Subnet",
                    f"aadds-{replica_location}",
                    azure(s, replica_location),
                    resourceGroupName="identity",
                    virtualNetworkName=f"aadds-{replica_location}",
                    subnetName="aadds",
                    addressPrefix="10.42.1.0/24",
                )
            )
            subnet = UNKNOWN
        domain = put(
            s,
            "azure-native:aad:DomainService",
            "corp-domain",
            azure(s),
            deps=deps,
            resourceGroupName="identity",
            domainServiceName="corp.ledger.example",
            domainName="corp.ledger.example",
            location="westeurope",
            sku="Enterprise",
            filteredSync="Disabled",
            domainSecuritySettings={
                "ntlmV1": "Disabled",
                "tlsV1": "Disabled",
                "syncNtlmPasswords": "Disabled",
                "kerberosRc4Encryption": "Disabled",
            },
            ldapsSettings={"ldaps": "Disabled"},
            replicaSets=[
                {"location": "westeurope", "subnetId": aadds_subnet("westeurope")},
                {"location": replica_location, "subnetId": subnet},
            ]
            if replicas is None
            else replicas,
            tags=tags,
        )
        if new_subnet:
            depends(s, domain, replicaSets=deps)

    return build


# Violates: the replica set in East US holds the whole directory (users, groups, password hashes).
case("az19-domain-services-replica-east-us", AZURE_COPIES, "DENY", AZ_DOC["aadds-replicas"])(domain_services("eastus"))
# Complies: the replica set is in North Europe (Ireland).
case("az19-domain-services-replica-north-europe", AZURE_COPIES, cite=AZ_DOC["aadds-replicas"])(
    domain_services("northeurope")
)
# Complies: the replica set is in Germany West Central.
case("az19-domain-services-replica-germany", AZURE_COPIES, cite=AZ_DOC["aadds-replicas"])(
    domain_services("germanywestcentral")
)
# Violates: under the Netherlands-only regime, the North Europe replica set copies the directory to Ireland.
case("az19-domain-services-replica-north-europe-nl", AZURE_COPIES, "DENY", AZ_DOC["aadds-replicas"], config=NL_REGIME)(
    domain_services("northeurope", NL_TAG)
)

WATCH_ID = f"{RG}/Microsoft.Kusto/clusters/ledgerwatch"


def db_watcher(adx_location: str, new_cluster: bool = False, datastore: Any = None) -> Build:
    """A database watcher of the GDPR Azure SQL database (West Europe): it samples the database's system views
    (query texts, parameters of running requests, session logins) every few seconds into its data store, an
    Azure Data Explorer cluster in ``adx_location`` managed by this stack (``new_cluster``: created in this
    update)."""

    def build(s: Stack) -> None:
        sql_primary(s, requestedBackupStorageRedundancy="Zone")
        adx = put(
            s,
            "azure-native:kusto:Cluster",
            "ledgerwatch",
            azure(s, adx_location),
            known=None
            if new_cluster
            else {
                "id": WATCH_ID,
                "uri": f"https://ledgerwatch.{adx_location}.kusto.windows.net",
                "dataIngestionUri": f"https://ingest-ledgerwatch.{adx_location}.kusto.windows.net",
            },
            resourceGroupName="ledger",
            clusterName="ledgerwatch",
            location=adx_location,
            sku={"name": "Standard_E2ads_v5", "tier": "Standard", "capacity": 2},
        )
        store: Any = {
            "adxClusterResourceId": UNKNOWN if new_cluster else WATCH_ID,
            "kustoClusterDisplayName": "ledgerwatch",
            "kustoClusterUri": UNKNOWN if new_cluster else f"https://ledgerwatch.{adx_location}.kusto.windows.net",
            "kustoDataIngestionUri": UNKNOWN
            if new_cluster
            else f"https://ingest-ledgerwatch.{adx_location}.kusto.windows.net",
            "kustoDatabaseName": "sqlmonitoring",
            "kustoManagementUrl": UNKNOWN if new_cluster else f"https://ledgerwatch.{adx_location}.kusto.windows.net",
            "kustoOfferingType": "adx",
        }
        watcher = put(
            s,
            "azure-native:databasewatcher:Watcher",
            "ledger-sql-watcher",
            azure(s),
            deps=[adx],
            resourceGroupName="ledger",
            watcherName="ledger-sql-watcher",
            location="westeurope",
            identity={"type": "SystemAssigned"},
            datastore=store if datastore is None else datastore,
            tags=GDPR,
        )
        put(
            s,
            "azure-native:databasewatcher:Target",
            "ledger-db-target",
            azure(s),
            deps=[watcher, s.urn("azure-native:sql:Database", "ledger-db")],
            resourceGroupName="ledger",
            watcherName="ledger-sql-watcher",
            targetName="ledger-db",
            properties={
                "targetType": "SqlDb",
                "sqlDbResourceId": f"{RG}/Microsoft.Sql/servers/ledger-sql/databases/ledger",
                "connectionServerName": "ledger-sql.database.windows.net",
                "targetAuthenticationType": "Aad",
                "readIntent": False,
            },
        )
        if new_cluster:
            depends(s, watcher, datastore=[adx])

    return build


# Violates: the samples of the GDPR database (query texts and parameters) are ingested into a cluster in East US.
case("az19-database-watcher-store-east-us", AZURE_COPIES, "DENY", AZ_DOC["watcher-data"])(db_watcher("eastus"))
# Complies: the data store is in West Europe.
case("az19-database-watcher-store-west-europe", AZURE_COPIES, cite=AZ_DOC["watcher"])(db_watcher("westeurope"))


def db_copy(target_location: str, tags: dict[str, str] = GDPR) -> Build:
    """A transactionally consistent copy (createMode Copy) of the regulated ledger database onto server
    ledger-sql-dr in ``target_location``, both servers managed by this stack (the copy and its server
    untagged)."""

    def build(s: Stack) -> None:
        source = sql_primary(s, "westeurope", tags, requestedBackupStorageRedundancy="Zone")
        server = sql_server(s, "ledger-sql-dr", target_location, None)
        put(
            s,
            "azure-native:sql:Database",
            "ledger-copy",
            azure(s, target_location),
            deps=[source, server],
            resourceGroupName="ledger",
            serverName="ledger-sql-dr",
            databaseName="ledger-copy",
            location=target_location,
            createMode="Copy",
            sourceDatabaseId=f"{RG}/Microsoft.Sql/servers/ledger-sql/databases/ledger",
            requestedBackupStorageRedundancy="Local",
        )

    return build


# Violates: the copy of the GDPR database lives in East US.
case("az19-sql-database-copy-east-us", AZURE_COPIES, "DENY", AZ_DOC["db-copy"])(db_copy("eastus"))
# Complies: the copy is in North Europe.
case("az19-sql-database-copy-north-europe", AZURE_COPIES, cite=AZ_DOC["db-copy"])(db_copy("northeurope"))
# Violates: under the Netherlands-only regime, the copy in North Europe is in Ireland.
case("az19-sql-database-copy-north-europe-nl", AZURE_COPIES, "DENY", AZ_DOC["db-copy"], config=NL_REGIME)(
    db_copy("northeurope", NL_TAG)
)


# ============================================================================ outside destinations
OUT_DOC = {
    "mturk": "https://docs.aws.amazon.com/sagemaker/latest/dg/sms-workforce-management-public.html",
    "vendor": "https://docs.aws.amazon.com/sagemaker/latest/dg/sms-workforce-management-vendor.html",
    "private": "https://docs.aws.amazon.com/sagemaker/latest/dg/sms-workforce-private.html",
    "aca-datadog": "https://learn.microsoft.com/en-us/azure/container-apps/opentelemetry-export-datadog",
    "aca-otel": "https://learn.microsoft.com/en-us/azure/container-apps/opentelemetry-agents",
    "bq-remote": "https://cloud.google.com/bigquery/docs/remote-functions",
    "run-urls": "https://cloud.google.com/run/docs/triggering/https-request",
}
MTURK_WORKTEAM = "arn:aws:sagemaker:eu-west-1:394669845002:workteam/public-crowd/default"
VENDOR_WORKTEAM = "arn:aws:sagemaker:eu-west-1:555566667777:workteam/vendor-crowd/doc-review-partners"
OWN_WORKTEAM = f"arn:aws:sagemaker:eu-west-1:{ACCOUNT}:workteam/private-crowd/claims-adjusters"


def human_review(workteam: str) -> Build:
    """An Augmented AI human review workflow for scanned claim forms (names, addresses, diagnoses) that
    Textract reads with low confidence: the form and the fields go to the work team ``workteam`` ("public":
    the Amazon Mechanical Turk workforce; "vendor": a vendor workforce from AWS Marketplace; "private": our
    adjusters, a private work team managed by this stack)."""

    def build(s: Stack) -> None:
        deps = [s3_bucket(s, "ledger-claim-reviews", "eu-west-1", GDPR)]
        loop: dict[str, Any] = {
            "humanTaskUiArn": f"arn:aws:sagemaker:eu-west-1:{ACCOUNT}:human-task-ui/claim-form-review",
            "taskCount": 1,
            "taskTitle": "Claim form review",
            "taskDescription": "Check the fields read from a scanned claim form",
            "taskAvailabilityLifetimeInSeconds": 86400,
        }
        if workteam == "private":
            deps.append(
                put(
                    s,
                    "aws:sagemaker/workteam:Workteam",
                    "claims-adjusters",
                    aws(s),
                    known={"id": "claims-adjusters", "arn": OWN_WORKTEAM},
                    workteamName="claims-adjusters",
                    workforceName="default",
                    description="claims adjusters",
                    memberDefinitions=[
                        {
                            "cognitoMemberDefinition": {
                                "clientId": "6f1e2d3c4b5a69788796a5b4c3",
                                "userGroup": "claims-adjusters",
                                "userPool": "eu-west-1_Ab12Cd34E",
                            }
                        }
                    ],
                    tags=GDPR,
                )
            )
            loop["workteamArn"] = OWN_WORKTEAM
        elif workteam == "vendor":
            loop["workteamArn"] = VENDOR_WORKTEAM
        else:
            loop["workteamArn"] = MTURK_WORKTEAM
            loop["publicWorkforceTaskPrice"] = {"amountInUsd": {"cents": 3, "tenthFractionsOfACent": 6}}
        put(
            s,
            "aws:sagemaker/flowDefinition:FlowDefinition",
            "claim-form-review",
            aws(s),
            deps=deps,
            flowDefinitionName="claim-form-review",
            roleArn=f"arn:aws:iam::{ACCOUNT}:role/a2i-claim-forms",
            humanLoopConfig=loop,
            humanLoopRequestSource={"awsManagedHumanLoopRequestSource": "AWS/Textract/AnalyzeDocument/Forms/V1"},
            humanLoopActivationConfig={
                "humanLoopActivationConditionsConfig": {
                    "humanLoopActivationConditions": json.dumps(
                        {
                            "Conditions": [
                                {
                                    "ConditionType": "ImportantFormKeyConfidenceCheck",
                                    "ConditionParameters": {
                                        "ImportantFormKey": "Policy number",
                                        "KeyValueBlockConfidenceLessThan": 90,
                                        "WordBlockConfidenceLessThan": 90,
                                    },
                                }
                            ]
                        }
                    )
                }
            },
            outputConfig={"s3OutputPath": "s3://ledger-claim-reviews/a2i/"},
            tags=GDPR,
        )

    return build


# Violates: the GDPR claim forms are shown to Amazon Mechanical Turk workers, "a world-wide resource" (the work
# team's ARN names Ireland, but its account is AWS's and its workers are anyone, anywhere).
case("out19-a2i-mechanical-turk", OUTSIDE, "DENY", OUT_DOC["mturk"])(human_review("public"))
# Violates: a vendor workforce is another company's staff.
case("out19-a2i-vendor-workforce", OUTSIDE, "DENY", OUT_DOC["vendor"])(human_review("vendor"))
# Complies: our own adjusters review them (a private work team of our account, in Ireland).
case("out19-a2i-private-workteam", OUTSIDE, cite=OUT_DOC["private"])(human_review("private"))

AI_CONNECTION = (
    "InstrumentationKey=5c2a7e91-3f4b-4d8a-9e6c-1b0f2d3e4a5b;"
    "IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/;"
    "LiveEndpoint=https://westeurope.livediagnostics.monitor.azure.com/"
)


def aca_telemetry(destination: str, otel: Any = None) -> Build:
    """The GDPR claims apps' Container Apps environment (West Europe) with its managed OpenTelemetry agent
    forwarding the apps' traces and logs (request attributes, claimant e-mails in log lines) to
    ``destination``: "datadog" (Datadog's US1 site, datadoghq.com), "otlp" (another company's OTLP endpoint) or
    "appinsights" (our Application Insights component in West Europe, managed by this stack)."""

    def build(s: Stack) -> None:
        inputs: dict[str, Any] = {}
        deps = []
        if destination == "appinsights":
            deps.append(
                put(
                    s,
                    "azure-native:operationalinsights:Workspace",
                    "claims-apps-law",
                    azure(s),
                    known={"id": f"{RG}/Microsoft.OperationalInsights/workspaces/claims-apps"},
                    resourceGroupName="ledger",
                    workspaceName="claims-apps",
                    location="westeurope",
                    sku={"name": "PerGB2018"},
                    retentionInDays=90,
                    tags=GDPR,
                )
            )
            deps.append(
                put(
                    s,
                    "azure-native:applicationinsights:Component",
                    "claims-apps-ai",
                    azure(s),
                    known={
                        "id": f"{RG}/Microsoft.Insights/components/claims-apps-ai",
                        "connectionString": AI_CONNECTION,
                    },
                    resourceGroupName="ledger",
                    resourceName="claims-apps-ai",
                    location="westeurope",
                    kind="web",
                    applicationType="web",
                    workspaceResourceId=f"{RG}/Microsoft.OperationalInsights/workspaces/claims-apps",
                    tags=GDPR,
                )
            )
            inputs["appInsightsConfiguration"] = {"connectionString": AI_CONNECTION}
            name = "appInsights"
            destinations: dict[str, Any] = {}
        elif destination == "datadog":
            name = "dataDog"
            destinations = {"dataDogConfiguration": {"site": "datadoghq.com", "key": secret("3f9a1c7e5b2d4f6a")}}
        else:
            name = "partner-apm"
            destinations = {
                "otlpConfigurations": [
                    {
                        "name": "partner-apm",
                        "endpoint": "https://otlp.apm-partner.example:4317",
                        "insecure": False,
                        "headers": [{"key": "x-api-key", "value": secret("pk_live_7d3e9a1c")}],
                    }
                ]
            }
        config: dict[str, Any] = {
            "tracesConfiguration": {"destinations": [name]},
            "logsConfiguration": {"destinations": [name]},
        }
        if destinations:
            config["destinationsConfiguration"] = destinations
        put(
            s,
            "azure-native:app:ManagedEnvironment",
            "claims-apps",
            azure(s),
            deps=deps,
            resourceGroupName="ledger",
            environmentName="claims-apps",
            location="westeurope",
            workloadProfiles=[{"name": "Consumption", "workloadProfileType": "Consumption"}],
            openTelemetryConfiguration=config if otel is None else otel,
            tags=GDPR,
            **inputs,
        )

    return build


# Violates: the GDPR apps' traces and logs are forwarded to Datadog's US1 site, another company in the US.
case("out19-container-apps-otel-datadog-us", OUTSIDE, "DENY", OUT_DOC["aca-datadog"])(aca_telemetry("datadog"))
# Violates: they are forwarded to another company's OTLP endpoint on the internet.
case("out19-container-apps-otel-partner-otlp", OUTSIDE, "DENY", OUT_DOC["aca-otel"])(aca_telemetry("otlp"))
# Complies: they go to our own Application Insights component in West Europe.
case("out19-container-apps-otel-own-app-insights", OUTSIDE, cite=OUT_DOC["aca-otel"])(aca_telemetry("appinsights"))

PARTNER_RUN = "https://claims-risk-7x2k4p9q3a-uc.a.run.app"  # another company's Cloud Run service (Iowa)
SCORING_CONNECTION = f"projects/{PROJECT}/locations/europe-west3/connections/claims-remote"


def remote_function(endpoint: str, run_location: str | None = None, new_connection: bool = False) -> Build:
    """A BigQuery remote function in the GDPR claims dataset (Frankfurt): every row a query passes to it is
    sent, in batches of 50, to ``endpoint``. ``run_location``: the endpoint is our Cloud Run service
    claims-scoring in that region, managed by this stack and untagged (``endpoint`` "new": created in this
    update)."""

    def build(s: Stack) -> None:
        dataset = put(
            s,
            "gcp:bigquery/dataset:Dataset",
            "claims",
            gcp(s),
            known={"id": f"projects/{PROJECT}/datasets/claims"},
            project=PROJECT,
            datasetId="claims",
            location="europe-west3",
            labels=GDPR,
        )
        connection = put(
            s,
            "gcp:bigquery/connection:Connection",
            "claims-remote",
            gcp(s),
            known=None if new_connection else {"id": SCORING_CONNECTION, "name": SCORING_CONNECTION},
            project=PROJECT,
            connectionId="claims-remote",
            location="europe-west3",
            cloudResource={},
        )
        deps = [dataset, connection]
        url: Any = endpoint
        if run_location is not None:
            host = f"claims-scoring-123456789012.{run_location}.run.app"
            deps.append(
                put(
                    s,
                    "gcp:cloudrunv2/service:Service",
                    "claims-scoring",
                    gcp(s, run_location),
                    known=None
                    if endpoint == "new"
                    else {
                        "id": f"projects/{PROJECT}/locations/{run_location}/services/claims-scoring",
                        "uri": f"https://{host}",
                        "urls": [f"https://{host}"],
                    },
                    name="claims-scoring",
                    location=run_location,
                    ingress="INGRESS_TRAFFIC_INTERNAL_ONLY",
                    template={"containers": [{"image": f"europe-west3-docker.pkg.dev/{PROJECT}/claims/scoring:3.1.0"}]},
                )
            )
            url = UNKNOWN if endpoint == "new" else f"https://{host}"
        routine = put(
            s,
            "gcp:bigquery/routine:Routine",
            "score-claim",
            gcp(s),
            deps=deps,
            project=PROJECT,
            datasetId="claims",
            routineId="score_claim",
            routineType="SCALAR_FUNCTION",
            definitionBody="",
            arguments=[{"name": "claim", "dataType": json.dumps({"typeKind": "JSON"})}],
            returnType=json.dumps({"typeKind": "FLOAT64"}),
            remoteFunctionOptions={
                "endpoint": url,
                "connection": UNKNOWN if new_connection else SCORING_CONNECTION,
                "maxBatchingRows": "50",
            },
        )
        unknown: dict[str, list[str]] = {}
        if new_connection:
            unknown["remoteFunctionOptions"] = [connection]
        if url is UNKNOWN:
            unknown["remoteFunctionOptions"] = [*unknown.get("remoteFunctionOptions", []), deps[2]]
        if unknown:
            depends(s, routine, **unknown)

    return build


# Violates: the claims rows are sent to another company's Cloud Run service (in Iowa, by its URL).
case("out19-bigquery-remote-function-partner-run", OUTSIDE, "DENY", OUT_DOC["bq-remote"])(remote_function(PARTNER_RUN))
# Violates: the endpoint is our own Cloud Run service, but in Iowa.
case("out19-bigquery-remote-function-own-run-iowa", OUTSIDE, "DENY", OUT_DOC["run-urls"])(
    remote_function("own", run_location="us-central1")
)
# Complies: the endpoint is our own Cloud Run service in Frankfurt.
case("out19-bigquery-remote-function-own-run-frankfurt", OUTSIDE, cite=OUT_DOC["bq-remote"])(
    remote_function("own", run_location="europe-west3")
)


# ============================================================================ unset location defaults
DEF_DOC = {
    "chime-registry": "https://www.pulumi.com/registry/packages/aws/api-docs/chime/voiceconnector/",
    "chime-api": "https://docs.aws.amazon.com/chime-sdk/latest/APIReference/API_voice-chime_CreateVoiceConnector.html",
    "region-v7": "https://www.pulumi.com/registry/packages/aws/how-to-guides/aws-enhanced-region-support",
    "avd": "https://learn.microsoft.com/en-us/azure/virtual-desktop/data-locations",
    "apigee-drz": "https://cloud.google.com/apigee/docs/api-platform/get-started/drz-concepts",
    "apigee-registry": "https://www.pulumi.com/registry/packages/gcp/api-docs/apigee/organization/",
    "translator": "https://learn.microsoft.com/en-us/azure/ai-services/translator/region-support",
}


def voice_connector(aws_region: Any = None, region: str | None = None) -> Build:
    """A Chime SDK Voice Connector carrying the GDPR claims hotline's calls (callers' numbers, voice), under
    the Irish provider; ``aws_region`` is where the connector is created ("Default value: us-east-1"),
    ``region`` the AWS v7 per-resource Region it is managed through."""

    def build(s: Stack) -> None:
        extra: dict[str, Any] = {}
        if aws_region is not None:
            extra["awsRegion"] = aws_region
        if region is not None:
            extra["region"] = region
        put(
            s,
            "aws:chime/voiceConnector:VoiceConnector",
            "claims-hotline",
            aws(s),
            name="claims-hotline",
            requireEncryption=True,
            tags=GDPR,
            **extra,
        )

    return build


# Violates: no awsRegion: the connector is created in its documented default, us-east-1, whatever the
# provider's Region.
case("def19-voice-connector-default-region", DEFAULTS, "DENY", DEF_DOC["chime-registry"])(voice_connector())
# Violates: the v7 region names where the resource is managed; awsRegion, unset, still defaults to us-east-1.
case("def19-voice-connector-managed-region-only", DEFAULTS, "DENY", DEF_DOC["chime-api"])(
    voice_connector(region="eu-central-1")
)
# Complies: awsRegion puts the connector in Frankfurt.
case("def19-voice-connector-frankfurt", DEFAULTS, cite=DEF_DOC["chime-registry"])(voice_connector("eu-central-1"))


def host_pool(location: Any) -> Build:
    """An Azure Virtual Desktop host pool for the claims adjusters (their session hosts run in West Europe);
    Virtual Desktop stores the pool's information (user principal names, session diagnostics) in the
    geography of the pool object's own ``location``."""

    def build(s: Stack) -> None:
        put(
            s,
            "azure-native:desktopvirtualization:HostPool",
            "claims-desktops",
            azure(s),
            resourceGroupName="ledger",
            hostPoolName="claims-desktops",
            location=location,
            hostPoolType="Pooled",
            loadBalancerType="BreadthFirst",
            preferredAppGroupType="Desktop",
            maxSessionLimit=10,
            startVmOnConnect=True,
            tags=GDPR,
        )

    return build


# Violates: the host pool object is in East US, so its metadata (user principal names) is stored in the US,
# though the desktops run in West Europe.
case("def19-avd-host-pool-metadata-east-us", DEFAULTS, "DENY", DEF_DOC["avd"])(host_pool("eastus"))
# Complies: the host pool object is in West Europe.
case("def19-avd-host-pool-metadata-west-europe", DEFAULTS, cite=DEF_DOC["avd"])(host_pool("westeurope"))
# Complies: the host pool object is in North Europe (the Europe geography).
case("def19-avd-host-pool-metadata-north-europe", DEFAULTS, cite=DEF_DOC["avd"])(host_pool("northeurope"))


def apigee(consumer_location: str | None) -> Build:
    """In a GDPR stack, the claims API's Apigee organization: runtime and analytics in Frankfurt;
    ``consumer_location`` is its API consumer data location (data residency), unset by default."""

    def build(s: Stack) -> None:
        extra = {} if consumer_location is None else {"apiConsumerDataLocation": consumer_location}
        put(
            s,
            "gcp:apigee/organization:Organization",
            "ledger-apigee",
            gcp(s),
            projectId=PROJECT,
            analyticsRegion="europe-west3",
            runtimeType="CLOUD",
            billingType="PAYG",
            authorizedNetwork=f"projects/{PROJECT}/global/networks/ledger",
            **extra,
        )

    return build


# Violates: without data residency, Apigee keeps customer content (API products, developers and their apps,
# key value maps) on its global infrastructure; only runtime and analytics are in Frankfurt.
case("def19-apigee-no-consumer-data-location", DEFAULTS, "DENY", DEF_DOC["apigee-drz"], config=GDPR_STACK)(apigee(None))
# Complies: the consumer data location is Frankfurt.
case("def19-apigee-consumer-data-frankfurt", DEFAULTS, cite=DEF_DOC["apigee-registry"], config=GDPR_STACK)(
    apigee("europe-west3")
)


def translator(location: Any) -> Build:
    """A Translator resource for the Swiss claims desk (claim letters translated), in the built-in
    Switzerland regime."""

    def build(s: Stack) -> None:
        put(
            s,
            "azure-native:cognitiveservices:Account",
            "ch-claims-translator",
            azure(s, "switzerlandnorth"),
            resourceGroupName="ledger-ch",
            accountName="ch-claims-translator",
            kind="TextTranslation",
            location=location,
            sku={"name": "S1"},
            properties={"customSubDomainName": "ch-claims-translator", "publicNetworkAccess": "Disabled"},
            tags=CH_TAG,
        )

    return build


# Violates: a "global" Translator resource is served by the closest available data center, anywhere.
case("def19-translator-global-ch", DEFAULTS, "DENY", DEF_DOC["translator"])(translator("global"))
# Complies: a resource in Switzerland North, called on its own endpoint, is processed in Switzerland.
case("def19-translator-switzerland-north-ch", DEFAULTS, cite=DEF_DOC["translator"])(translator("switzerlandnorth"))


# ============================================================================ Kubernetes operators
OP_DOC = {
    "ack-rule": "https://aws-controllers-k8s.github.io/community/reference/eventbridge/v1alpha1/rule/",
    "eb-cross-account": "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cross-account.html",
    "xp-backup": "https://marketplace.upbound.io/providers/upbound/provider-aws-backup/latest/resources/backup.aws.upbound.io/Plan/v1beta1",
    "backup-cross-region": "https://docs.aws.amazon.com/aws-backup/latest/devguide/cross-region-backup.html",
    "kcc-topic": "https://cloud.google.com/config-connector/docs/reference/resource-docs/pubsub/pubsubtopic",
    "pubsub-locations": "https://cloud.google.com/pubsub/docs/resource-location-restriction",
    "aso-sql": "https://azure.github.io/azure-service-operator/reference/sql/v1api20211101/",
    "sql-backup-redundancy": "https://learn.microsoft.com/en-us/azure/azure-sql/database/automated-backups-overview#backup-storage-redundancy",
}


def ack_rule(bus_arn: str) -> Callable[[Stack, str], str]:
    """An ACK EventBridge rule in the GDPR tenant's namespace forwarding its claim events to ``bus_arn``."""
    return custom_resource(
        "eventbridge.services.k8s.aws/v1alpha1",
        "Rule",
        "acme-claims-forward",
        "acme",
        {
            "name": "acme-claims-forward",
            "eventBusName": "acme-claims",
            "eventPattern": json.dumps({"source": ["acme.claims"], "detail-type": ["ClaimFiled", "ClaimUpdated"]}),
            "state": "ENABLED",
            "targets": [
                {"id": "forward", "arn": bus_arn, "roleARN": f"arn:aws:iam::{ACCOUNT}:role/acme-event-forwarder"}
            ],
        },
        annotations={"services.k8s.aws/region": "eu-west-1"},
    )


# Violates: the tenant's claim events are forwarded to an event bus in N. Virginia.
case("op19-ack-eventbridge-rule-bus-virginia", OPERATORS, "DENY", OP_DOC["ack-rule"])(
    operator(ack_rule(f"arn:aws:events:us-east-1:{ACCOUNT}:event-bus/acme-claims-dr"))
)
# Violates: they are forwarded to another company's event bus (in Ireland, but theirs).
case("op19-ack-eventbridge-rule-partner-bus", OPERATORS, "DENY", OP_DOC["eb-cross-account"])(
    operator(ack_rule(f"arn:aws:events:eu-west-1:{PARTNER_ACCOUNT}:event-bus/claims-intake"))
)
# Complies: they are forwarded to our own bus in Frankfurt.
case("op19-ack-eventbridge-rule-bus-frankfurt", OPERATORS, cite=OP_DOC["ack-rule"])(
    operator(ack_rule(f"arn:aws:events:eu-central-1:{ACCOUNT}:event-bus/acme-claims-dr"))
)


def xp_backup_plan(vault_region: str) -> Callable[[Stack, str], str]:
    """A cluster-scoped Crossplane AWS Backup plan labelled for the GDPR tenant: daily backups in Ireland,
    each copied to vault acme-dr in ``vault_region``."""
    return custom_resource(
        "backup.aws.upbound.io/v1beta1",
        "Plan",
        "acme-daily",
        None,
        {
            "forProvider": {
                "region": "eu-west-1",
                "name": "acme-daily",
                "rule": [
                    {
                        "ruleName": "daily",
                        "targetVaultName": "acme-vault",
                        "schedule": "cron(0 3 * * ? *)",
                        "lifecycle": [{"deleteAfter": 35}],
                        "copyAction": [
                            {
                                "destinationVaultArn": f"arn:aws:backup:{vault_region}:{ACCOUNT}:backup-vault:acme-dr",
                                "lifecycle": [{"deleteAfter": 35}],
                            }
                        ],
                    }
                ],
                "tags": {"team": "acme"},
            },
            "providerConfigRef": {"name": "default"},
        },
        labels={**GDPR, "fleet-tenant": "acme"},
    )


# Violates: the tenant's backups are copied to a vault in N. Virginia.
case("op19-crossplane-backup-plan-copy-virginia", OPERATORS, "DENY", OP_DOC["backup-cross-region"])(
    operator(xp_backup_plan("us-east-1"))
)
# Complies: the copies go to a vault in Frankfurt.
case("op19-crossplane-backup-plan-copy-frankfurt", OPERATORS, cite=OP_DOC["xp-backup"])(
    operator(xp_backup_plan("eu-central-1"))
)


def kcc_topic(regions: list[str]) -> Callable[[Stack, str], str]:
    return kcc_object(
        "PubSubTopic",
        "pubsub",
        "acme-claim-events",
        {"messageStoragePolicy": {"allowedPersistenceRegions": regions}, "messageRetentionDuration": "86400s"},
    )


# Violates: the GDPR tenant's topic may store its messages in Iowa as well as Frankfurt.
case("op19-kcc-pubsub-topic-iowa-allowed", OPERATORS, "DENY", OP_DOC["pubsub-locations"])(
    operator(kcc_topic(["europe-west3", "us-central1"]), "gcp")
)
# Complies: only Frankfurt and the Netherlands.
case("op19-kcc-pubsub-topic-eea-only", OPERATORS, cite=OP_DOC["kcc-topic"])(
    operator(kcc_topic(["europe-west3", "europe-west4"]), "gcp")
)


def aso_database(redundancy: str) -> Callable[[Stack, str], str]:
    """An ASO Azure SQL server and database of the tenant (West Europe); ``redundancy`` is the database's
    backup storage redundancy."""
    server = custom_resource(
        "sql.azure.com/v1api20211101",
        "Server",
        "acme-sql",
        "acme",
        {
            "location": "westeurope",
            "owner": {"name": "acme-rg"},
            "version": "12.0",
            "minimalTlsVersion": "1.2",
            "publicNetworkAccess": "Disabled",
            "administrators": {
                "administratorType": "ActiveDirectory",
                "azureADOnlyAuthentication": True,
                "login": "acme-dbas",
                "sid": "5d3c2b1a-0f9e-4d8c-b7a6-958473625140",
            },
        },
    )
    database = custom_resource(
        "sql.azure.com/v1api20211101",
        "ServersDatabase",
        "acme-claims",
        "acme",
        {
            "location": "westeurope",
            "owner": {"name": "acme-sql"},
            "azureName": "claims",
            "sku": {"name": "GP_Gen5", "tier": "GeneralPurpose", "family": "Gen5", "capacity": 2},
            "requestedBackupStorageRedundancy": redundancy,
        },
    )

    def make(s: Stack, k8s: str) -> str:
        server(s, k8s)
        return database(s, k8s)

    return make


# Violates: under the Netherlands-only regime, geo-redundant backups of the tenant's database are copied to the
# paired region, North Europe (Ireland).
case("op19-aso-sql-database-geo-backups-nl", OPERATORS, "DENY", OP_DOC["sql-backup-redundancy"], config=NL_REGIME)(
    operator(aso_database("Geo"), "azure-native", residency="nl")
)
# Complies: zone-redundant backups stay in West Europe.
case("op19-aso-sql-database-zone-backups-nl", OPERATORS, cite=OP_DOC["aso-sql"], config=NL_REGIME)(
    operator(aso_database("Zone"), "azure-native", residency="nl")
)


# ============================================================================ cloud guardrails
GRD_DOC = {
    "ct-region-deny": "https://docs.aws.amazon.com/controltower/latest/controlreference/primary-region-deny-policy.html",
    "ct-registry": "https://www.pulumi.com/registry/packages/aws/api-docs/controltower/controltowercontrol/",
    "gcp-hierarchy": "https://cloud.google.com/resource-manager/docs/organization-policy/understanding-hierarchy",
    "gcp-folder-v1": "https://www.pulumi.com/registry/packages/gcp/api-docs/folder/organizationpolicy/",
    "gcp-policy-names": "https://cloud.google.com/resource-manager/docs/organization-policy/creating-managing-policies",
    "gcp-project-ids": "https://cloud.google.com/resource-manager/docs/creating-managing-projects#identifying_projects",
    "az-alias": "https://learn.microsoft.com/en-us/rest/api/subscription/alias/create",
    "az-mg": "https://learn.microsoft.com/en-us/azure/governance/management-groups/overview",
}
EEA_OU = "ou-a1b2-eea00001"
REGION_DENY = "arn:aws:controltower:us-east-1::control/AWS-GR_REGION_DENY"


def control_tower(allowed: list[str], keep_scp: bool) -> Build:
    """The guarded EKS cluster's account in the EEA workloads OU, with Control Tower's Region deny control
    enabled on that OU (``allowed`` Regions); ``keep_scp``: the region-deny SCP attached to the account stays,
    else the control is the only guardrail."""

    def build(s: Stack) -> None:
        eks_guarded()(s)
        if not keep_scp:
            drop = {
                s.urn("aws:organizations/policy:Policy", "eea-scp"),
                s.urn("aws:organizations/policyAttachment:PolicyAttachment", "eea-scp-attachment"),
            }
            s.resources = [r for r in s.resources if r.urn not in drop]
        put(
            s,
            "aws:controltower/controlTowerControl:ControlTowerControl",
            "eea-region-deny",
            s.urn("pulumi:providers:aws", "org"),
            controlIdentifier=REGION_DENY,
            targetIdentifier=f"arn:aws:organizations::999999999999:ou/o-a1b2c3d4e5/{EEA_OU}",
            parameters=[
                {"key": "AllowedRegions", "value": json.dumps(allowed)},
                {"key": "ExemptedPrincipalArns", "value": json.dumps([])},
            ],
        )

    return build


# Violates: the only guardrail is Control Tower's Region deny control, and it allows N. Virginia (for "global
# services"), where anything may then be created.
case("grd19-aws-control-tower-region-deny-allows-virginia", GUARDRAILS, "DENY", GRD_DOC["ct-region-deny"])(
    control_tower(["eu-west-1", "eu-central-1", "us-east-1"], keep_scp=False)
)
# Complies: the documented region-deny SCP is attached to the account, and the Control Tower control on its OU
# allows only EEA Regions as well.
case("grd19-aws-control-tower-plus-account-scp", GUARDRAILS, cite=GRD_DOC["ct-registry"])(
    control_tower(["eu-west-1", "eu-central-1"], keep_scp=True)
)


def own_sink(s: Stack, org: str) -> None:
    default_sink("europe-west3")(s)


def folder_v1(values: list[str]) -> Build:
    """The guarded GKE cluster's project, managed by this stack, in the EEA workloads folder; the location
    guardrail is a legacy (v1) folder organization policy allowing ``values``."""

    def hierarchy(s: Stack, org: str) -> None:
        put(
            s,
            "gcp:organizations/folder:Folder",
            "eea-workloads",
            org,
            known={"id": f"folders/{EEA_FOLDER}", "name": f"folders/{EEA_FOLDER}", "folderId": EEA_FOLDER},
            displayName="eea-workloads",
            parent="organizations/123456789012",
        )
        put(
            s,
            "gcp:folder/organizationPolicy:OrganizationPolicy",
            "eea-folder-locations",
            org,
            folder=f"folders/{EEA_FOLDER}",
            constraint="constraints/gcp.resourceLocations",
            listPolicy={"inheritFromParent": False, "allow": {"values": values}},
        )
        put(
            s,
            "gcp:organizations/project:Project",
            "ledger-project",
            org,
            known={"id": f"projects/{PROJECT}", "number": "123456789012", "folderId": EEA_FOLDER},
            projectId=PROJECT,
            name=PROJECT,
            folderId=EEA_FOLDER,
            billingAccount="012345-6789AB-CDEF01",
            deletionPolicy="PREVENT",
        )

    return gke_guarded(own_sink, hierarchy)


# Violates: the folder's legacy policy also allows London's value group, outside the EEA.
case("grd19-gcp-folder-v1-policy-plus-london", GUARDRAILS, "DENY", GRD_DOC["gcp-hierarchy"])(
    folder_v1([*EEA_VALUES, "in:europe-west2-locations"])
)
# Complies: the folder's legacy policy allows only the Frankfurt and Netherlands value groups.
case("grd19-gcp-folder-v1-policy-eea", GUARDRAILS, cite=GRD_DOC["gcp-folder-v1"])(folder_v1(EEA_VALUES))

LEDGER_ORG = "480195736254"
LEDGER_NUMBER = "123456789012"
SANDBOX_NUMBER = "987654321098"


def policy_by_number(number: str) -> Build:
    """The guarded GKE cluster in project ledger-prod (number 123456789012) and sandbox project ledger-sandbox
    (number 987654321098), both managed by this stack; gcp.resourceLocations is set on ``projects/<number>``."""

    def numbered(s: Stack, org: str) -> None:
        for name, project_id, project_number in (
            ("ledger-project", PROJECT, LEDGER_NUMBER),
            ("sandbox-project", "ledger-sandbox", SANDBOX_NUMBER),
        ):
            put(
                s,
                "gcp:organizations/project:Project",
                name,
                org,
                known={"id": f"projects/{project_id}", "number": project_number, "orgId": LEDGER_ORG},
                projectId=project_id,
                name=project_id,
                orgId=LEDGER_ORG,
                billingAccount="012345-6789AB-CDEF01",
                deletionPolicy="PREVENT",
            )
        put(
            s,
            "gcp:orgpolicy/policy:Policy",
            "locations-by-number",
            org,
            name=f"projects/{number}/policies/gcp.resourceLocations",
            parent=f"projects/{number}",
            spec={"inheritFromParent": False, "rules": [{"values": {"allowedValues": EEA_VALUES}}]},
        )

    return gke_guarded(own_sink, numbered)


# Complies: the policy names the cluster's project by its number; projects/123456789012 is ledger-prod.
case("grd19-gcp-policy-on-project-number", GUARDRAILS, cite=GRD_DOC["gcp-project-ids"])(policy_by_number(LEDGER_NUMBER))
# Violates: the number is the sandbox project's; the cluster's project has no location policy.
case("grd19-gcp-policy-on-sandbox-project-number", GUARDRAILS, "DENY", GRD_DOC["gcp-policy-names"])(
    policy_by_number(SANDBOX_NUMBER)
)


def subscription_alias(group: str) -> Build:
    """The guarded AKS cluster with its allowed-locations assignments on management group eea-workloads; the
    stack's subscription alias places the cluster's subscription in management group ``group``."""

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
        for name in ("eea-workloads", "sandbox"):
            groups.append(
                put(
                    s,
                    "azure-native:management:ManagementGroup",
                    f"mg-{name}",
                    policy,
                    known={"id": f"{MG_ROOT}/{name}"},
                    groupId=name,
                    displayName=name,
                    details={"parent": {"id": f"{MG_ROOT}/ledger-root"}},
                )
            )
        properties = {
            "displayName": "ledger-prod",
            "workload": "Production",
            "billingScope": "/providers/Microsoft.Billing/billingAccounts/7654321/enrollmentAccounts/1234567",
            "additionalProperties": {"managementGroupId": f"{MG_ROOT}/{group}"},
        }
        put(
            s,
            "azure-native:subscription:Alias",
            "ledger-prod-subscription",
            policy,
            deps=groups,
            known={
                "id": "/providers/Microsoft.Subscription/aliases/ledger-prod",
                "name": "ledger-prod",
                "properties": {**properties, "subscriptionId": SUB, "provisioningState": "Succeeded"},
            },
            aliasName="ledger-prod",
            properties=properties,
        )

    return build


# Violates: the alias places the cluster's subscription in the sandbox management group, which the allowed-
# locations assignments do not cover.
case("grd19-azure-subscription-alias-sandbox-group", GUARDRAILS, "DENY", GRD_DOC["az-mg"])(
    subscription_alias("sandbox")
)
# Complies: the alias places it in eea-workloads, whose assignments it inherits.
case("grd19-azure-subscription-alias-eea-group", GUARDRAILS, cite=GRD_DOC["az-alias"])(
    subscription_alias("eea-workloads")
)


# ============================================================================ unknown at preview
PRE_DOC = {
    "unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
    "policy-preview": "https://www.pulumi.com/docs/iac/using-pulumi/crossguard/best-practices/",
}

# Violates: the instance is new (its network interface unknown to the session); the partner's target is known.
case("pre19-traffic-mirror-new-instance-partner-target", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    traffic_mirror("partner", new_instance=True)
)
# Complies at preview: the target is our own, created in this update (its ID unknown).
case("pre19-traffic-mirror-target-unknown", PREVIEW, cite=PRE_DOC["policy-preview"])(traffic_mirror("new"))
# Violates: the Pinpoint project is new (its ARN unknown to the client), but it is made through the N. Virginia
# provider and the pool is in Stockholm.
case("pre19-cognito-new-pinpoint-virginia", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    cognito_analytics("eu-north-1", "us-east-1", new_app=True)
)
# Complies: the same new project in Frankfurt, beside its pool.
case("pre19-cognito-new-pinpoint-frankfurt", PREVIEW, cite=PRE_DOC["unknowns"])(
    cognito_analytics("eu-central-1", "eu-central-1", new_app=True)
)
# Violates: the replica set's subnet is new (its ID unknown); its location, East US, is known.
case("pre19-domain-services-new-subnet-east-us", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    domain_services("eastus", new_subnet=True)
)
# Complies: the same new subnet in North Europe.
case("pre19-domain-services-new-subnet-north-europe", PREVIEW, cite=PRE_DOC["unknowns"])(
    domain_services("northeurope", new_subnet=True)
)
# Violates: the Data Explorer cluster is new (its ID and URIs unknown to the watcher); it is in East US.
case("pre19-database-watcher-new-cluster-east-us", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    db_watcher("eastus", new_cluster=True)
)
# Complies: the same new cluster in West Europe.
case("pre19-database-watcher-new-cluster-west-europe", PREVIEW, cite=PRE_DOC["unknowns"])(
    db_watcher("westeurope", new_cluster=True)
)
# Violates: the log view is new (its name unknown to the grant); the partner member is known.
case("pre19-log-view-new-view-partner", PREVIEW, "DENY", PRE_DOC["unknowns"], config=GDPR_STACK)(
    log_view_member(PARTNER_SA, new_view=True)
)
# Complies at preview: the member is a service account created in this update.
case("pre19-log-view-member-unknown", PREVIEW, cite=PRE_DOC["policy-preview"], config=GDPR_STACK)(
    log_view_member(UNKNOWN)
)
# Violates: the connection is new (its name unknown to the function); the partner endpoint is known.
case("pre19-remote-function-new-connection-partner", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    remote_function(PARTNER_RUN, new_connection=True)
)
# Complies at preview: the endpoint is the URL of our Cloud Run service in Frankfurt, created in this update.
case("pre19-remote-function-endpoint-unknown", PREVIEW, cite=PRE_DOC["policy-preview"])(
    remote_function("new", run_location="europe-west3")
)


# ============================================================================ malformed shapes
BAD_DOC = {
    "tm-session": "https://www.pulumi.com/registry/packages/aws/api-docs/ec2/trafficmirrorsession/",
    "voice-connector": "https://www.pulumi.com/registry/packages/aws/api-docs/chime/voiceconnector/",
    "sql-instance": "https://www.pulumi.com/registry/packages/gcp/api-docs/sql/databaseinstance/",
    "log-view-iam": "https://www.pulumi.com/registry/packages/gcp/api-docs/logging/logviewiammember/",
    "domain-service": "https://www.pulumi.com/registry/packages/azure-native/api-docs/aad/domainservice/",
    "watcher": "https://www.pulumi.com/registry/packages/azure-native/api-docs/databasewatcher/watcher/",
    "host-pool": "https://www.pulumi.com/registry/packages/azure-native/api-docs/desktopvirtualization/hostpool/",
    "dlm": "https://www.pulumi.com/registry/packages/aws/api-docs/dlm/lifecyclepolicy/",
    "gke": "https://www.pulumi.com/registry/packages/gcp/api-docs/container/cluster/",
    "bridge": "https://github.com/pulumi/pulumi-terraform-bridge/blob/master/pkg/tfbridge/schema.go",
}

# Violates: the session's trafficMirrorTargetId (one ID) is a list of two of our own targets.
case("bad19-traffic-mirror-target-two", MALFORMED, "DENY", BAD_DOC["tm-session"])(traffic_mirror("two"))
# Violates: the connector's awsRegion (one Region) is a list of two EEA Regions.
case("bad19-voice-connector-region-two", MALFORMED, "DENY", BAD_DOC["voice-connector"])(
    voice_connector(["eu-central-1", "eu-west-1"])
)
# Violates: the instance's sqlServerAuditConfig (one block) is a list of two blocks, both buckets in Frankfurt.
case("bad19-sql-server-audit-config-two", MALFORMED, "DENY", BAD_DOC["sql-instance"])(
    sql_audit(
        "europe-west3",
        audit=[
            {"bucket": "gs://ledger-sql-audit", "uploadInterval": "600s"},
            {"bucket": "gs://ledger-sql-audit-b", "uploadInterval": "600s"},
        ],
        buckets=("ledger-sql-audit", "ledger-sql-audit-b"),
    )
)
# Violates: the grant's member (one principal) is an object.
case("bad19-log-view-member-object", MALFORMED, "DENY", BAD_DOC["log-view-iam"], config=GDPR_STACK)(
    log_view_member({"serviceAccount": OWN_SA.split(":", 1)[1]})
)
# Violates: the managed domain's replicaSets (a list) is one object (azure-native takes a list).
case("bad19-domain-services-replica-sets-object", MALFORMED, "DENY", BAD_DOC["domain-service"])(
    domain_services("northeurope", replicas={"location": "westeurope", "subnetId": aadds_subnet("westeurope")})
)
# Violates: the watcher's datastore (an object) is a one-item list.
case("bad19-database-watcher-datastore-list", MALFORMED, "DENY", BAD_DOC["watcher"])(
    db_watcher(
        "westeurope",
        datastore=[
            {
                "adxClusterResourceId": WATCH_ID,
                "kustoClusterUri": "https://ledgerwatch.westeurope.kusto.windows.net",
                "kustoDataIngestionUri": "https://ingest-ledgerwatch.westeurope.kusto.windows.net",
                "kustoDatabaseName": "sqlmonitoring",
                "kustoManagementUrl": "https://ledgerwatch.westeurope.kusto.windows.net",
                "kustoOfferingType": "adx",
            }
        ],
    )
)
# Violates: the host pool's location (one string) is a one-item list.
case("bad19-avd-host-pool-location-list", MALFORMED, "DENY", BAD_DOC["host-pool"])(host_pool(["westeurope"]))
# Complies: the share rule's targetAccounts (a list) given as one string, which the bridge wraps into a one-item
# list; the account is our own second account.
case("bad19-dlm-share-accounts-single-string", MALFORMED, cite=BAD_DOC["bridge"])(dlm_share(OWN_ACCOUNT))
# Complies: resourceUsageExportConfig (one block, flattened by the SDK) given as a one-item list, as the bridge
# hands it to Terraform; the dataset is in Frankfurt.
case("bad19-gke-usage-export-one-item-list", MALFORMED, cite=BAD_DOC["bridge"])(
    gke_usage(
        "europe-west3",
        export=[
            {
                "enableResourceConsumptionMetering": True,
                "bigqueryDestination": [{"datasetId": "gke_usage"}],
            }
        ],
    )
)
