"""Cloud residency cases of the sixteenth outside corpus, written from cloud-provider documentation and the
pack's user-facing contract (docs/RULES.md, docs/SPEC.md, docs/REVIEW.md, README.md) by a helper session
that had not read the pack's rules, its residency survey, its configs or its tests. It must never be used
to tune the pack (see README.md beside it).

Cases are built with the ``Case``/``Stack`` API of ``tests/policies/corpus.py`` and the helpers of the
earlier outside corpora. A case asks only whether a correct pack denies it: ``expect="DENY"`` (some
mandatory violation) or nothing (compliant: no mandatory violation at all). Each cites the page its outcome
rests on; a comment above it says why it violates or complies. The resource or property that decides each
case is one none of the fifteen earlier corpora used: S3 access point policies, S3 inventory destinations,
S3 bucket ACL resources, Redshift endpoint authorizations, Lambda function URLs, API Gateway HTTP API
integrations, CloudFront KeyValueStores; Secret Manager secret, FHIR store, DICOM store, Spanner database,
Pub/Sub subscription and Bigtable table IAM members, HL7v2 store notifications, Firebase Hosting sites and
Realtime Database instances, App Engine applications, Vertex AI metadata stores; Azure Resource Mover move
collections, Azure Lighthouse registrations, SQL threat-detection alert policies and vulnerability
assessments, Data Explorer database principals in other tenants, API Management backends, Web PubSub hub
event handlers, Azure AD B2C tenants; ACK Managed Prometheus workspaces and CloudFront distributions,
Crossplane Redshift clusters and Data Explorer clusters, Config Connector Memcached instances, ASO Machine
Learning workspaces; SCPs keyed on a service-specific Region key or attached to the management account,
legacy organization policies with only a suggested value, Azure scopes written in another case.

``UNKNOWN`` stands for a value the engine only learns at the update.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from tests.policies.corpus import GDPR, NONE, UNKNOWN, Stack
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
    default_sink,
    eks_guarded,
    gcp,
    gke_guarded,
    legacy_policy,
    operator,
    put,
    s3_bucket,
    scp,
    sql_primary,
    sql_server,
    storage_account,
)
from tests.policies.outside4.cloud import retouch
from tests.policies.outside9.cloud import resource_group
from tests.policies.outside11.cloud import OWN_ACCOUNT, depends, own_account_provider
from tests.policies.outside15.cloud import PARTNER_ACCOUNT, gcp_values, kcc_object, statement
from tests.policies.outside16.common import case

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
NONE_STACK = {"stackRegime": "none"}
PARTNER_TENANT = "9f8e7d6c-5b4a-4392-8170-6e5d4c3b2a19"  # another company's Entra ID tenant
PARTNER_PROJECT = "partner-lab-analytics"  # another company's GCP project, outside this stack


# ============================================================================ AWS: copies (shares)
AWS_DOC = {
    "ap-policy": "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html",
    "inventory": "https://docs.aws.amazon.com/AmazonS3/latest/userguide/configure-inventory.html",
    "canned-acl": "https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl",
    "redshift-endpoint": "https://docs.aws.amazon.com/redshift/latest/mgmt/managing-cluster-cross-vpc.html",
    "function-url": "https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html",
}
CLAIMS_BUCKET = "ledger-claims-docs"
AP_ARN = f"arn:aws:s3:eu-west-1:{ACCOUNT}:accesspoint/claims-partner"


def claims_bucket(s: Stack, new: bool = False) -> str:
    """The GDPR bucket of scanned claim documents (existing, or created in this update)."""
    if new:
        return put(s, "aws:s3/bucket:Bucket", CLAIMS_BUCKET, aws(s), bucket=CLAIMS_BUCKET, tags=GDPR)
    return s3_bucket(s, CLAIMS_BUCKET, "eu-west-1", GDPR)


def access_point(principal: Any, bucket: Any = CLAIMS_BUCKET) -> Build:
    """An access point on the GDPR claims bucket whose policy lets ``principal`` read every object."""

    def build(s: Stack) -> None:
        own_account_provider(s)
        source = claims_bucket(s)
        policy = principal if principal is UNKNOWN else statement(principal, ["s3:GetObject"], f"{AP_ARN}/object/*")
        point = put(
            s,
            "aws:s3/accessPoint:AccessPoint",
            "claims-ap",
            aws(s),
            deps=[source],
            bucket=bucket,
            name="claims-partner",
            policy=policy,
            tags=GDPR,
        )
        if principal is UNKNOWN:
            role = put(
                s,
                "aws:iam/role:Role",
                "claims-reader",
                aws(s),
                name="claims-reader",
                assumeRolePolicy=json.dumps(
                    {
                        "Version": "2012-10-17",
                        "Statement": [
                            {
                                "Effect": "Allow",
                                "Principal": {"Service": "ec2.amazonaws.com"},
                                "Action": "sts:AssumeRole",
                            }
                        ],
                    }
                ),
                tags=NONE,
            )
            _find(s, point).dependencies = [source, role]
            depends(s, point, policy=[role])

    return build


# Violates: the access point's policy lets another company's account read every GDPR claim document (it may
# copy them to any Region).
case("aws16-access-point-partner-account", AWS_COPIES, "DENY", AWS_DOC["ap-policy"])(access_point(PARTNER_ACCOUNT))
# Violates: the access point's policy lets any principal read them.
case("aws16-access-point-public", AWS_COPIES, "DENY", AWS_DOC["ap-policy"])(access_point("*"))
# Complies: only a role of our own second account (named by a provider of the stack) may read through it.
case("aws16-access-point-own-role", AWS_COPIES, cite=AWS_DOC["ap-policy"])(
    access_point(f"arn:aws:iam::{OWN_ACCOUNT}:role/claims-reader")
)


def inventory(owner: str, schedule: Any = None) -> Build:
    """A weekly S3 Inventory report of the GDPR claims bucket (object keys are claimants' file names),
    delivered to a bucket of ``owner``: our own (in this stack, Ireland) or a partner's."""

    def build(s: Stack) -> None:
        source = claims_bucket(s)
        deps = [source]
        if owner == "own":
            deps.append(s3_bucket(s, "ledger-inventory", "eu-west-1", GDPR))
            bucket = {"bucketArn": "arn:aws:s3:::ledger-inventory", "format": "CSV"}
        else:
            bucket = {
                "bucketArn": "arn:aws:s3:::partner-audit-inventory",
                "accountId": PARTNER_ACCOUNT,
                "format": "CSV",
            }
        put(
            s,
            "aws:s3/inventory:Inventory",
            "claims-inventory",
            aws(s),
            deps=deps,
            bucket=CLAIMS_BUCKET,
            name="weekly",
            includedObjectVersions="Current",
            schedule={"frequency": "Weekly"} if schedule is None else schedule,
            optionalFields=["Size", "LastModifiedDate", "ETag"],
            destination={"bucket": bucket},
        )

    return build


# Violates: the inventory of the GDPR bucket (every object key) is delivered to another company's bucket.
case("aws16-inventory-partner-bucket", AWS_COPIES, "DENY", AWS_DOC["inventory"])(inventory("partner"))
# Complies: it is delivered to our own GDPR bucket in Ireland, managed by this stack.
case("aws16-inventory-own-bucket", AWS_COPIES, cite=AWS_DOC["inventory"])(inventory("own"))


def bucket_acl(s: Stack) -> None:
    source = claims_bucket(s)
    put(s, "aws:s3/bucketAcl:BucketAcl", "claims-acl", aws(s), deps=[source], bucket=CLAIMS_BUCKET, acl="public-read")


# Violates: the bucket ACL resource applies the public-read canned ACL (AllUsers may list the GDPR bucket).
case("aws16-bucket-acl-public-read", AWS_COPIES, "DENY", AWS_DOC["canned-acl"])(bucket_acl)

DW_ARN = f"arn:aws:redshift:eu-west-1:{ACCOUNT}:cluster:claims-dw"


def redshift_endpoint(account: str) -> Build:
    """A Redshift-managed VPC endpoint authorization letting ``account`` connect to the GDPR claims warehouse."""

    def build(s: Stack) -> None:
        own_account_provider(s)
        cluster = put(
            s,
            "aws:redshift/cluster:Cluster",
            "claims-dw",
            aws(s),
            known={"id": "claims-dw", "arn": DW_ARN},
            clusterIdentifier="claims-dw",
            nodeType="ra3.xlplus",
            numberOfNodes=2,
            masterUsername="claims",
            manageMasterPassword=True,
            encrypted=True,
            publiclyAccessible=False,
            tags=GDPR,
        )
        put(
            s,
            "aws:redshift/endpointAuthorization:EndpointAuthorization",
            "claims-dw-endpoint",
            aws(s),
            deps=[cluster],
            account=account,
            clusterIdentifier="claims-dw",
            vpcIds=["vpc-0a1b2c3d4e5f60718"],
        )

    return build


# Violates: another company's account may create an endpoint into the GDPR warehouse and query it.
case("aws16-redshift-endpoint-partner-account", AWS_COPIES, "DENY", AWS_DOC["redshift-endpoint"])(
    redshift_endpoint(PARTNER_ACCOUNT)
)
# Complies: our own second account (named by a provider of the stack) is authorized.
case("aws16-redshift-endpoint-own-account", AWS_COPIES, cite=AWS_DOC["redshift-endpoint"])(
    redshift_endpoint(OWN_ACCOUNT)
)

FN_ARN = f"arn:aws:lambda:eu-west-1:{ACCOUNT}:function:claims-docs"


def function_url(auth: Any, new_function: bool = False) -> Build:
    """A function URL on the GDPR function that serves claim documents by claim number."""

    def build(s: Stack) -> None:
        fn = put(
            s,
            "aws:lambda/function:Function",
            "claims-docs",
            aws(s),
            known=None if new_function else {"id": "claims-docs", "arn": FN_ARN},
            name="claims-docs",
            role=f"arn:aws:iam::{ACCOUNT}:role/claims-docs",
            runtime="python3.13",
            handler="app.handler",
            s3Bucket="ledger-artifacts",
            s3Key="claims-docs.zip",
            tags=GDPR,
        )
        url = put(
            s,
            "aws:lambda/functionUrl:FunctionUrl",
            "claims-docs-url",
            aws(s),
            deps=[fn],
            functionName=UNKNOWN if new_function else "claims-docs",
            authorizationType=auth,
        )
        if new_function:
            depends(s, url, functionName=[fn])

    return build


# Violates: the function URL takes no authentication: anyone on the internet can fetch GDPR claim documents.
case("aws16-function-url-public", AWS_COPIES, "DENY", AWS_DOC["function-url"])(function_url("NONE"))
# Complies: callers must sign with IAM credentials of this account.
case("aws16-function-url-iam", AWS_COPIES, cite=AWS_DOC["function-url"])(function_url("AWS_IAM"))


# ============================================================================ GCP: copies (shares)
GCP_DOC = {
    "principals": "https://cloud.google.com/iam/docs/principals-overview#all-users",
    "secret-iam": "https://cloud.google.com/secret-manager/docs/access-control",
    "healthcare-iam": "https://cloud.google.com/healthcare-api/docs/access-control",
    "spanner-iam": "https://cloud.google.com/spanner/docs/grant-permissions",
    "pubsub-iam": "https://cloud.google.com/pubsub/docs/access-control",
    "bigtable-iam": "https://cloud.google.com/bigtable/docs/access-control",
}
SECRET_ID = f"projects/{PROJECT}/secrets/claims-db"
HC_DATASET = f"projects/{PROJECT}/locations/europe-west3/datasets/claims"
OWN_SA = f"serviceAccount:claims-etl@{PROJECT}.iam.gserviceaccount.com"


def secret_member(member: Any, new_secret: bool = False, **extra: Any) -> Build:
    def build(s: Stack) -> None:
        secret = put(
            s,
            "gcp:secretmanager/secret:Secret",
            "claims-db",
            gcp(s),
            known=None if new_secret else {"id": SECRET_ID, "name": SECRET_ID},
            secretId="claims-db",
            labels=GDPR,
            replication={"userManaged": {"replicas": [{"location": "europe-west3"}]}},
        )
        binding = put(
            s,
            "gcp:secretmanager/secretIamMember:SecretIamMember",
            "claims-db-accessor",
            gcp(s),
            deps=[secret],
            secretId=UNKNOWN if new_secret else SECRET_ID,
            role="roles/secretmanager.secretAccessor",
            member=member,
            **extra,
        )
        if new_secret:
            depends(s, binding, secretId=[secret])
        if member is UNKNOWN:
            sa = put(
                s,
                "gcp:serviceaccount/account:Account",
                "claims-rotator",
                gcp(s),
                accountId="claims-rotator",
                displayName="claims credential rotation",
            )
            _find(s, binding).dependencies = [secret, sa]
            depends(s, binding, member=[sa])

    return build


# Violates: every user on the internet may read the GDPR database credentials (and the data behind them).
case("gcp16-secret-iam-all-users", GCP_COPIES, "DENY", GCP_DOC["secret-iam"])(secret_member("allUsers"))
# Complies: our ETL service account may read the secret.
case("gcp16-secret-iam-own-service-account", GCP_COPIES, cite=GCP_DOC["secret-iam"])(secret_member(OWN_SA))


def healthcare_store(kind: str, member: str) -> Build:
    """A GDPR FHIR or DICOM store in Frankfurt and an IAM member on it."""
    type_, iam, role, id_key = {
        "fhir": (
            "gcp:healthcare/fhirStore:FhirStore",
            "gcp:healthcare/fhirStoreIamMember:FhirStoreIamMember",
            "roles/healthcare.fhirResourceReader",
            "fhirStoreId",
        ),
        "dicom": (
            "gcp:healthcare/dicomStore:DicomStore",
            "gcp:healthcare/dicomStoreIamMember:DicomStoreIamMember",
            "roles/healthcare.dicomViewer",
            "dicomStoreId",
        ),
    }[kind]
    store_id = f"{HC_DATASET}/{kind}Stores/claims"

    def build(s: Stack) -> None:
        dataset = put(
            s,
            "gcp:healthcare/dataset:Dataset",
            "claims-hc",
            gcp(s),
            known={"id": HC_DATASET},
            name="claims",
            location="europe-west3",
        )
        extra: dict[str, Any] = {"version": "R4"} if kind == "fhir" else {}
        store = put(
            s,
            type_,
            f"claims-{kind}",
            gcp(s),
            deps=[dataset],
            known={"id": store_id},
            name="claims",
            dataset=HC_DATASET,
            labels=GDPR,
            **extra,
        )
        put(s, iam, f"claims-{kind}-reader", gcp(s), deps=[store], role=role, member=member, **{id_key: store_id})

    return build


# Violates: any signed-in Google account may read the GDPR FHIR resources (patients' claims records).
case("gcp16-fhir-iam-all-authenticated", GCP_COPIES, "DENY", GCP_DOC["healthcare-iam"], config=GDPR_STACK)(
    healthcare_store("fhir", "allAuthenticatedUsers")
)
# Complies: our ETL service account reads them.
case("gcp16-fhir-iam-own-service-account", GCP_COPIES, cite=GCP_DOC["healthcare-iam"], config=GDPR_STACK)(
    healthcare_store("fhir", OWN_SA)
)
# Violates: every user on the internet may view the GDPR DICOM studies.
case("gcp16-dicom-iam-all-users", GCP_COPIES, "DENY", GCP_DOC["principals"], config=GDPR_STACK)(
    healthcare_store("dicom", "allUsers")
)


def spanner_member(member: str, database: Any = "claims") -> Build:
    def build(s: Stack) -> None:
        instance = put(
            s,
            "gcp:spanner/instance:Instance",
            "claims-sp",
            gcp(s),
            known={"id": "claims-sp"},
            name="claims-sp",
            config="regional-europe-west3",
            displayName="claims",
            numNodes=1,
            labels=GDPR,
        )
        db = put(
            s,
            "gcp:spanner/database:Database",
            "claims-spdb",
            gcp(s),
            deps=[instance],
            known={"id": "claims-sp/claims"},
            instance="claims-sp",
            name="claims",
        )
        put(
            s,
            "gcp:spanner/databaseIAMMember:DatabaseIAMMember",
            "claims-spdb-reader",
            gcp(s),
            deps=[db],
            instance="claims-sp",
            database=database,
            role="roles/spanner.databaseReader",
            member=member,
        )

    return build


# Violates: every user on the internet may read the GDPR Spanner database.
case("gcp16-spanner-db-iam-all-users", GCP_COPIES, "DENY", GCP_DOC["spanner-iam"])(spanner_member("allUsers"))
# Complies: our analysts' group may read it.
case("gcp16-spanner-db-iam-own-group", GCP_COPIES, cite=GCP_DOC["spanner-iam"])(
    spanner_member("group:claims-analysts@ledger.example")
)

TOPIC_ID = f"projects/{PROJECT}/topics/claims-events"


def subscription_member(member: str) -> Build:
    def build(s: Stack) -> None:
        topic = put(
            s,
            "gcp:pubsub/topic:Topic",
            "claims-events",
            gcp(s),
            known={"id": TOPIC_ID},
            name="claims-events",
            labels=GDPR,
            messageStoragePolicy={"allowedPersistenceRegions": ["europe-west3"], "enforceInTransit": True},
        )
        sub = put(
            s,
            "gcp:pubsub/subscription:Subscription",
            "claims-events-audit",
            gcp(s),
            deps=[topic],
            known={"id": f"projects/{PROJECT}/subscriptions/claims-events-audit"},
            name="claims-events-audit",
            topic=TOPIC_ID,
            labels=GDPR,
            messageRetentionDuration="604800s",
        )
        put(
            s,
            "gcp:pubsub/subscriptionIAMMember:SubscriptionIAMMember",
            "claims-events-audit-subscriber",
            gcp(s),
            deps=[sub],
            subscription="claims-events-audit",
            role="roles/pubsub.subscriber",
            member=member,
        )

    return build


# Violates: any signed-in Google account may pull the GDPR claim events from the subscription.
case("gcp16-subscription-iam-all-authenticated", GCP_COPIES, "DENY", GCP_DOC["pubsub-iam"])(
    subscription_member("allAuthenticatedUsers")
)
# Complies: our audit service account pulls them.
case("gcp16-subscription-iam-own-service-account", GCP_COPIES, cite=GCP_DOC["pubsub-iam"])(subscription_member(OWN_SA))


def bigtable_member(s: Stack) -> None:
    instance = put(
        s,
        "gcp:bigtable/instance:Instance",
        "claims-bt",
        gcp(s),
        known={"id": f"projects/{PROJECT}/instances/claims-bt"},
        name="claims-bt",
        clusters=[{"clusterId": "claims-bt-c1", "zone": "europe-west3-b", "storageType": "SSD", "numNodes": 1}],
        labels=GDPR,
    )
    table = put(
        s,
        "gcp:bigtable/table:Table",
        "claims-bt-events",
        gcp(s),
        deps=[instance],
        known={"id": f"projects/{PROJECT}/instances/claims-bt/tables/events"},
        name="events",
        instanceName="claims-bt",
        columnFamilies=[{"family": "d"}],
    )
    put(
        s,
        "gcp:bigtable/tableIamMember:TableIamMember",
        "claims-bt-events-reader",
        gcp(s),
        deps=[table],
        instanceName="claims-bt",
        table="events",
        role="roles/bigtable.reader",
        member="allAuthenticatedUsers",
    )


# Violates: any signed-in Google account may read the GDPR Bigtable table.
case("gcp16-bigtable-table-iam-all-authenticated", GCP_COPIES, "DENY", GCP_DOC["bigtable-iam"])(bigtable_member)


# ============================================================================ Azure: copies and shares
AZ_DOC = {
    "mover": "https://learn.microsoft.com/en-us/azure/resource-mover/overview",
    "mover-pulumi": "https://www.pulumi.com/registry/packages/azure-native/api-docs/migrate/movecollection/",
    "lighthouse": "https://learn.microsoft.com/en-us/azure/lighthouse/concepts/architecture",
    "alert-policy": "https://learn.microsoft.com/en-us/rest/api/sql/database-security-alert-policies/create-or-update",
    "va": "https://learn.microsoft.com/en-us/azure/defender-for-cloud/sql-azure-vulnerability-assessment-manage",
    "kusto-principals": "https://learn.microsoft.com/en-us/azure/data-explorer/manage-database-permissions",
}
MOVER_RG = f"/subscriptions/{SUB}/resourceGroups/ledger-move"


def move_collection(target: Any) -> Build:
    """An Azure Resource Mover collection moving the GDPR SQL server out of West Europe to ``target``."""

    def build(s: Stack) -> None:
        server = sql_server(s, "ledger-sql", "westeurope", GDPR)
        collection = put(
            s,
            "azure-native:migrate:MoveCollection",
            "ledger-move",
            azure(s),
            known={"id": f"{MOVER_RG}/providers/Microsoft.Migrate/moveCollections/ledger-move"},
            resourceGroupName="ledger-move",
            moveCollectionName="ledger-move",
            location="westeurope",
            identity={"type": "SystemAssigned"},
            properties={"sourceRegion": "westeurope", "targetRegion": target, "moveType": "RegionToRegion"},
            tags=GDPR,
        )
        put(
            s,
            "azure-native:migrate:MoveResource",
            "ledger-sql-move",
            azure(s),
            deps=[collection, server],
            resourceGroupName="ledger-move",
            moveCollectionName="ledger-move",
            moveResourceName="ledger-sql",
            properties={
                "sourceId": f"{RG}/Microsoft.Sql/servers/ledger-sql",
                "resourceSettings": {"resourceType": "Microsoft.Sql/servers", "targetResourceName": "ledger-sql"},
            },
        )

    return build


# Violates: the move collection takes the GDPR SQL server to East US.
case("az16-resource-mover-east-us", AZURE_COPIES, "DENY", AZ_DOC["mover"])(move_collection("eastus"))
# Complies: it moves it to North Europe (Ireland).
case("az16-resource-mover-north-europe", AZURE_COPIES, cite=AZ_DOC["mover-pulumi"])(move_collection("northeurope"))

DEF_ID = "5f1c7a3e-2b4d-4e6f-8a9b-0c1d2e3f4a5b"
CONTRIBUTOR = "b24988ac-6180-42a0-ab88-20f7382dd24c"


def lighthouse(delegated: str) -> Build:
    """Azure Lighthouse: a registration definition granting another company's tenant Contributor, assigned to
    resource group ``delegated`` (ledger holds the GDPR SQL server; sandbox is declared unregulated)."""

    def build(s: Stack) -> None:
        resource_group(s, "westeurope", "ledger", GDPR)
        resource_group(s, "westeurope", "sandbox", NONE)
        sql_server(s, "ledger-sql", "westeurope", GDPR)
        scope = f"/subscriptions/{SUB}/resourceGroups/{delegated}"
        definition_id = f"{scope}/providers/Microsoft.ManagedServices/registrationDefinitions/{DEF_ID}"
        definition = put(
            s,
            "azure-native:managedservices:RegistrationDefinition",
            "msp-operations",
            azure(s),
            known={"id": definition_id},
            scope=scope,
            registrationDefinitionId=DEF_ID,
            properties={
                "registrationDefinitionName": "MSP operations",
                "description": "Managed service provider runs the workloads",
                "managedByTenantId": PARTNER_TENANT,
                "authorizations": [
                    {
                        "principalId": "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                        "principalIdDisplayName": "MSP operators",
                        "roleDefinitionId": CONTRIBUTOR,
                    }
                ],
            },
        )
        put(
            s,
            "azure-native:managedservices:RegistrationAssignment",
            "msp-operations-assignment",
            azure(s),
            deps=[definition],
            scope=scope,
            registrationAssignmentId="7c6b5a49-3827-4165-9a4b-3c2d1e0f9a8b",
            properties={"registrationDefinitionId": definition_id},
        )

    return build


# Violates: another company's tenant manages (Contributor: keys, exports, copies) the GDPR resource group.
case("az16-lighthouse-gdpr-resource-group", AZURE_COPIES, "DENY", AZ_DOC["lighthouse"])(lighthouse("ledger"))
# Complies: the delegation covers only the sandbox resource group, declared unregulated.
case("az16-lighthouse-sandbox-resource-group", AZURE_COPIES, cite=AZ_DOC["lighthouse"])(lighthouse("sandbox"))


def alert_policy(account_location: str, emails: list[str] | None = None, new_account: bool = False) -> Build:
    """Microsoft Defender for SQL threat detection on the GDPR database; its audit logs (the suspicious
    statements) go to storage account ledgerthreat in ``account_location``."""

    def build(s: Stack) -> None:
        db = sql_primary(s)
        if new_account:
            account = put(
                s,
                "azure-native:storage:StorageAccount",
                "ledgerthreat",
                azure(s, account_location),
                resourceGroupName="ledger",
                location=account_location,
                accountName="ledgerthreat",
                kind="StorageV2",
                sku={"name": "Standard_LRS"},
                allowBlobPublicAccess=False,
                minimumTlsVersion="TLS1_2",
            )
        else:
            account = storage_account(s, "ledgerthreat", account_location, None)
        inputs: dict[str, Any] = {}
        if emails is not None:
            inputs["emailAddresses"] = emails
        policy = put(
            s,
            "azure-native:sql:DatabaseSecurityAlertPolicy",
            "ledger-threat-detection",
            azure(s),
            deps=[db, account],
            resourceGroupName="ledger",
            serverName="ledger-sql",
            databaseName="ledger",
            securityAlertPolicyName="default",
            state="Enabled",
            storageEndpoint=UNKNOWN if new_account else "https://ledgerthreat.blob.core.windows.net/",
            retentionDays=90,
            emailAccountAdmins=False,
            **inputs,
        )
        if new_account:
            depends(s, policy, storageEndpoint=[account])

    return build


# Violates: the threat-detection audit logs of the GDPR database are kept in East US.
case("az16-threat-detection-logs-east-us", AZURE_COPIES, "DENY", AZ_DOC["alert-policy"])(alert_policy("eastus"))
# Complies: they are kept in West Europe.
case("az16-threat-detection-logs-west-europe", AZURE_COPIES, cite=AZ_DOC["alert-policy"])(alert_policy("westeurope"))
# Violates: the alerts (with the suspicious statements) are also mailed to an outside security provider.
case("az16-threat-detection-alerts-outside-email", AZURE_COPIES, "DENY", AZ_DOC["alert-policy"])(
    alert_policy("westeurope", emails=["soc@partner-mssp.example"])
)


def vulnerability_assessment(s: Stack) -> None:
    server = sql_server(s, "ledger-sql", "westeurope", GDPR)
    account = storage_account(s, "ledgerva", "eastus", None)
    put(
        s,
        "azure-native:sql:ServerVulnerabilityAssessment",
        "ledger-va",
        azure(s),
        deps=[server, account],
        resourceGroupName="ledger",
        serverName="ledger-sql",
        vulnerabilityAssessmentName="default",
        storageContainerPath="https://ledgerva.blob.core.windows.net/vulnerability-assessment/",
        recurringScans={"isEnabled": True, "emailSubscriptionAdmins": False},
    )


# Violates: the vulnerability-assessment scan results of the GDPR server (its schema, users, and the query
# results of each check) are stored in East US.
case("az16-sql-vulnerability-assessment-east-us", AZURE_COPIES, "DENY", AZ_DOC["va"])(vulnerability_assessment)


def kusto_principal(tenant: str | None) -> Build:
    """A Viewer principal assignment on the GDPR Data Explorer database, for a group of ``tenant``
    (``None``: the cluster's own tenant)."""

    def build(s: Stack) -> None:
        cluster = az(
            s,
            "azure-native:kusto:Cluster",
            "claims-adx",
            "westeurope",
            GDPR,
            "Microsoft.Kusto/clusters/claimsadx",
            clusterName="claimsadx",
            sku={"name": "Standard_E2ads_v5", "tier": "Standard", "capacity": 2},
        )
        db = az(
            s,
            "azure-native:kusto:ReadWriteDatabase",
            "claims-adx-db",
            "westeurope",
            None,
            "Microsoft.Kusto/clusters/claimsadx/databases/claims",
            clusterName="claimsadx",
            databaseName="claims",
            kind="ReadWrite",
        )
        _find(s, db).dependencies = [cluster]
        inputs: dict[str, Any] = {} if tenant is None else {"tenantId": tenant}
        put(
            s,
            "azure-native:kusto:DatabasePrincipalAssignment",
            "claims-adx-viewers",
            azure(s),
            deps=[db],
            resourceGroupName="ledger",
            clusterName="claimsadx",
            databaseName="claims",
            principalAssignmentName="claims-viewers",
            principalId="5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716",
            principalType="Group",
            role="Viewer",
            **inputs,
        )

    return build


# Violates: a group of another company's tenant may query the GDPR database.
case("az16-kusto-viewer-partner-tenant", AZURE_COPIES, "DENY", AZ_DOC["kusto-principals"])(
    kusto_principal(PARTNER_TENANT)
)
# Complies: the viewers are a group of our own tenant (the default when no tenant is given).
case("az16-kusto-viewer-own-tenant", AZURE_COPIES, cite=AZ_DOC["kusto-principals"])(kusto_principal(None))


# ============================================================================ outside destinations
OUT_DOC = {
    "http-integration": "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-http.html",
    "lambda-integration": "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html",
    "rest-http": "https://docs.aws.amazon.com/apigateway/latest/developerguide/setup-http-integrations.html",
    "hl7-notifications": "https://cloud.google.com/healthcare-api/docs/how-tos/pubsub-hl7v2",
    "firebase-hosting": "https://firebase.google.com/docs/hosting/cdn-cache",
    "apim-backends": "https://learn.microsoft.com/en-us/azure/api-management/backends",
    "webpubsub-handler": "https://learn.microsoft.com/en-us/azure/azure-web-pubsub/howto-develop-eventhandler",
}
API_ID = "a1b2c3d4e5"
INTAKE_FN = f"arn:aws:lambda:eu-west-1:{ACCOUNT}:function:claims-intake"


def http_integration(target: str, new_api: bool = False) -> Build:
    """An HTTP API in front of the GDPR claims intake; its integration sends each request (the claim form)
    to ``target``: "partner" (another company's URL), "lambda" (our Irish function) or "unknown" (a function
    created in this update)."""

    def build(s: Stack) -> None:
        api = put(
            s,
            "aws:apigatewayv2/api:Api",
            "claims-api",
            aws(s),
            known=None
            if new_api
            else {
                "id": API_ID,
                "arn": f"arn:aws:apigateway:eu-west-1::/apis/{API_ID}",
                "apiEndpoint": f"https://{API_ID}.execute-api.eu-west-1.amazonaws.com",
            },
            name="claims-api",
            protocolType="HTTP",
            tags=GDPR,
        )
        deps = [api]
        if target == "partner":
            inputs = {
                "integrationType": "HTTP_PROXY",
                "integrationMethod": "POST",
                "integrationUri": "https://intake.partner-claims.example/v1/claims",
                "payloadFormatVersion": "1.0",
            }
        else:
            fn = put(
                s,
                "aws:lambda/function:Function",
                "claims-intake",
                aws(s),
                known=None if target == "unknown" else {"id": "claims-intake", "arn": INTAKE_FN},
                name="claims-intake",
                role=f"arn:aws:iam::{ACCOUNT}:role/claims-intake",
                runtime="python3.13",
                handler="app.handler",
                s3Bucket="ledger-artifacts",
                s3Key="claims-intake.zip",
                tags=GDPR,
            )
            deps.append(fn)
            inputs = {
                "integrationType": "AWS_PROXY",
                "integrationUri": UNKNOWN if target == "unknown" else INTAKE_FN,
                "payloadFormatVersion": "2.0",
            }
        integration = put(
            s,
            "aws:apigatewayv2/integration:Integration",
            "claims-intake",
            aws(s),
            deps=deps,
            apiId=UNKNOWN if new_api else API_ID,
            **inputs,
        )
        unknown_deps: dict[str, list[str]] = {}
        if new_api:
            unknown_deps["apiId"] = [api]
        if target == "unknown":
            unknown_deps["integrationUri"] = [deps[1]]
        if unknown_deps:
            depends(s, integration, **unknown_deps)

    return build


# Violates: the API proxies every GDPR claim form to another company's URL, outside the cloud.
case("out16-http-api-partner-url", OUTSIDE, "DENY", OUT_DOC["http-integration"])(http_integration("partner"))
# Complies: it invokes our function in Ireland (its ARN names the Region).
case("out16-http-api-lambda-ireland", OUTSIDE, cite=OUT_DOC["lambda-integration"])(http_integration("lambda"))


REST_API_ID = "k7l8m9n0p1"


def rest_api_proxy(s: Stack) -> None:
    """A REST API (API Gateway v1) of the GDPR claims service whose /documents method proxies the uploaded
    claim documents to another company's OCR service on the internet."""
    api = put(
        s,
        "aws:apigateway/restApi:RestApi",
        "claims-rest",
        aws(s),
        known={"id": REST_API_ID, "rootResourceId": "r00tr3s0ur"},
        name="claims-rest",
        endpointConfiguration={"types": "REGIONAL"},
        tags=GDPR,
    )
    put(
        s,
        "aws:apigateway/integration:Integration",
        "claims-rest-ocr",
        aws(s),
        deps=[api],
        restApi=REST_API_ID,
        resourceId="d0cum3nts1",
        httpMethod="POST",
        type="HTTP_PROXY",
        integrationHttpMethod="POST",
        uri="https://ocr.partner-docs.example/v2/extract",
    )


# Violates: the REST API's integration sends every uploaded GDPR claim document to a partner on the internet.
case("out16-rest-api-partner-ocr", OUTSIDE, "DENY", OUT_DOC["rest-http"])(rest_api_proxy)


def hl7_notifications(topic: str) -> Build:
    """A GDPR HL7v2 store publishing a notification for every message it ingests to ``topic``."""

    def build(s: Stack) -> None:
        dataset = put(
            s,
            "gcp:healthcare/dataset:Dataset",
            "claims-hc",
            gcp(s),
            known={"id": HC_DATASET},
            name="claims",
            location="europe-west3",
        )
        deps = [dataset]
        if topic.startswith(f"projects/{PROJECT}/"):
            deps.append(
                put(
                    s,
                    "gcp:pubsub/topic:Topic",
                    "hl7-events",
                    gcp(s),
                    known={"id": topic},
                    name=topic.rsplit("/", 1)[-1],
                    labels=GDPR,
                    messageStoragePolicy={"allowedPersistenceRegions": ["europe-west3"], "enforceInTransit": True},
                )
            )
        put(
            s,
            "gcp:healthcare/hl7Store:Hl7Store",
            "claims-hl7",
            gcp(s),
            deps=deps,
            name="claims-hl7",
            dataset=HC_DATASET,
            labels=GDPR,
            notificationConfigs=[{"pubsubTopic": topic}],
        )

    return build


# Violates: the notifications (message names, types and labels of GDPR HL7v2 messages) go to a topic in another
# company's project, which the stack cannot place.
case("out16-hl7-notifications-partner-topic", OUTSIDE, "DENY", OUT_DOC["hl7-notifications"], config=GDPR_STACK)(
    hl7_notifications(f"projects/{PARTNER_PROJECT}/topics/hl7-feed")
)
# Complies: they go to our own topic, stored only in Frankfurt.
case("out16-hl7-notifications-own-topic", OUTSIDE, cite=OUT_DOC["hl7-notifications"], config=GDPR_STACK)(
    hl7_notifications(f"projects/{PROJECT}/topics/hl7-events")
)


def hosting_site(s: Stack) -> None:
    put(
        s,
        "gcp:firebase/hostingSite:HostingSite",
        "claims-portal",
        gcp(s),
        project=PROJECT,
        siteId="ledger-claims-portal",
        appId="1:123456789012:web:0a1b2c3d4e5f60718293a4",
    )


# Violates: Firebase Hosting serves (and caches) the claims portal from Google's global CDN edge, which no
# regime can place.
case("out16-firebase-hosting-gdpr-stack", OUTSIDE, "DENY", OUT_DOC["firebase-hosting"], config=GDPR_STACK)(hosting_site)
# Complies: the same site in a stack declared unregulated.
case("out16-firebase-hosting-unregulated-stack", OUTSIDE, cite=OUT_DOC["firebase-hosting"], config=NONE_STACK)(
    hosting_site
)

WEB_APP_HOST = "claims-scoring.azurewebsites.net"


def own_web_app(s: Stack) -> str:
    app = az(
        s,
        "azure-native:web:WebApp",
        "claims-scoring",
        "westeurope",
        GDPR,
        "Microsoft.Web/sites/claims-scoring",
        name="claims-scoring",
        serverFarmId=f"{RG}/Microsoft.Web/serverfarms/ledger-plan",
        httpsOnly=True,
    )
    resource = _find(s, app)
    resource.outputs = {**resource.outputs, "defaultHostName": WEB_APP_HOST}
    return app


def apim_backend(url: Any, new_service: bool = False) -> Build:
    """A backend of the GDPR API Management service (claims API): every request it forwards goes to ``url``."""

    def build(s: Stack) -> None:
        service = put(
            s,
            "azure-native:apimanagement:ApiManagementService",
            "claims-apim",
            azure(s),
            known=None if new_service else {"id": f"{RG}/Microsoft.ApiManagement/service/claims-apim"},
            resourceGroupName="ledger",
            location="westeurope",
            serviceName="claims-apim",
            publisherEmail="platform@ledger.example",
            publisherName="Ledger",
            sku={"name": "StandardV2", "capacity": 1},
            tags=GDPR,
        )
        deps = [service]
        if url == f"https://{WEB_APP_HOST}/api":
            deps.append(own_web_app(s))
        put(
            s,
            "azure-native:apimanagement:Backend",
            "claims-backend",
            azure(s),
            deps=deps,
            resourceGroupName="ledger",
            serviceName="claims-apim",
            backendId="claims-scoring",
            protocol="http",
            url=url,
        )

    return build


# Violates: the backend is another company's scoring service, outside the cloud.
case("out16-apim-backend-partner-url", OUTSIDE, "DENY", OUT_DOC["apim-backends"])(
    apim_backend("https://scoring.partner-analytics.example/api")
)
# Complies: the backend is our own web app in West Europe, managed by this stack.
case("out16-apim-backend-own-web-app", OUTSIDE, cite=OUT_DOC["apim-backends"])(
    apim_backend(f"https://{WEB_APP_HOST}/api")
)


def webpubsub_handler(url: str) -> Build:
    """A hub of the GDPR Web PubSub service (adjusters' chat): every user message is posted to ``url``."""

    def build(s: Stack) -> None:
        service = az(
            s,
            "azure-native:webpubsub:WebPubSub",
            "claims-chat",
            "westeurope",
            GDPR,
            "Microsoft.SignalRService/webPubSub/claims-chat",
            resourceName="claims-chat",
            sku={"name": "Standard_S1", "capacity": 1},
        )
        deps = [service]
        if WEB_APP_HOST in url:
            deps.append(own_web_app(s))
        put(
            s,
            "azure-native:webpubsub:WebPubSubHub",
            "claims-chat-hub",
            azure(s),
            deps=deps,
            resourceGroupName="ledger",
            resourceName="claims-chat",
            hubName="adjusters",
            properties={
                "anonymousConnectPolicy": "Deny",
                "eventHandlers": [
                    {"urlTemplate": url, "userEventPattern": "*", "systemEvents": ["connected", "disconnected"]}
                ],
            },
        )

    return build


# Violates: the hub posts every chat message about GDPR claims to another company's webhook.
case("out16-webpubsub-handler-partner-url", OUTSIDE, "DENY", OUT_DOC["webpubsub-handler"])(
    webpubsub_handler("https://hooks.partner-chatops.example/webpubsub/{event}")
)
# Complies: it posts them to our own web app in West Europe.
case("out16-webpubsub-handler-own-web-app", OUTSIDE, cite=OUT_DOC["webpubsub-handler"])(
    webpubsub_handler(f"https://{WEB_APP_HOST}/api/webpubsub/{{event}}")
)


# ============================================================================ unset location defaults
DEF_DOC = {
    "appengine-locations": "https://cloud.google.com/appengine/docs/standard/locations",
    "b2c-residency": "https://learn.microsoft.com/en-us/azure/active-directory-b2c/data-residency",
    "kvs": "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/kvs-with-functions.html",
    "metadata-store": "https://www.pulumi.com/registry/packages/gcp/api-docs/vertex/aimetadatastore/",
    "rtdb-locations": "https://firebase.google.com/docs/database/locations",
}


def app_engine(location: Any, **extra: Any) -> Build:
    """The project's App Engine application (its location also holds the project's Cloud Tasks queues and
    legacy Datastore data, and cannot be changed)."""

    def build(s: Stack) -> None:
        put(
            s,
            "gcp:appengine/application:Application",
            "ledger-app",
            gcp(s),
            project=PROJECT,
            locationId=location,
            databaseType="CLOUD_FIRESTORE",
            **extra,
        )

    return build


# Violates: "us-central" is Iowa (App Engine location IDs drop the trailing digit).
case("def16-app-engine-us-central", DEFAULTS, "DENY", DEF_DOC["appengine-locations"], config=GDPR_STACK)(
    app_engine("us-central")
)
# Complies: europe-west3 is Frankfurt.
case("def16-app-engine-europe-west3", DEFAULTS, cite=DEF_DOC["appengine-locations"], config=GDPR_STACK)(
    app_engine("europe-west3")
)


def b2c_tenant(location: Any, country: str) -> Build:
    """An Azure AD B2C tenant for the claims portal's customers (their identities: names, emails, phones)."""

    def build(s: Stack) -> None:
        put(
            s,
            "azure-native:azureactivedirectory:B2CTenant",
            "ledger-customers",
            azure(s),
            resourceGroupName="ledger",
            resourceName="ledgercustomers.onmicrosoft.com",
            location=location,
            countryCode=country,
            displayName="Ledger customers",
            sku={"name": "PremiumP1", "tier": "A0"},
            tags=GDPR,
        )

    return build


# Violates: the B2C directory's data resides in the United States, whatever region the provider names.
case("def16-b2c-tenant-united-states", DEFAULTS, "DENY", DEF_DOC["b2c-residency"])(b2c_tenant("United States", "US"))
# Complies: created for Germany, its data resides in Europe.
case("def16-b2c-tenant-europe", DEFAULTS, cite=DEF_DOC["b2c-residency"])(b2c_tenant("Europe", "DE"))


def key_value_store(s: Stack) -> None:
    put(
        s,
        "aws:cloudfront/keyValueStore:KeyValueStore",
        "claim-redirects",
        aws(s),
        name="claim-redirects",
        comment="claim number to adjuster mailbox, read by CloudFront Functions",
    )


# Violates: a CloudFront KeyValueStore is a global data store read at the edge; with an Irish provider it
# still has no place a regime can check.
case("def16-cloudfront-kvs-gdpr-stack", DEFAULTS, "DENY", DEF_DOC["kvs"], config=GDPR_STACK)(key_value_store)
# Complies: the same store in a stack declared unregulated.
case("def16-cloudfront-kvs-unregulated-stack", DEFAULTS, cite=DEF_DOC["kvs"], config=NONE_STACK)(key_value_store)


def metadata_store(provider_region: str | None) -> Build:
    """A Vertex AI metadata store (lineage of the claims models' training data) with no region of its own."""

    def build(s: Stack) -> None:
        if provider_region is None:
            prov = s.provider("gcp", "gcp-no-region", project=PROJECT)
        else:
            prov = gcp(s, provider_region)
        put(
            s,
            "gcp:vertex/aiMetadataStore:AiMetadataStore",
            "claims-lineage",
            prov,
            name="claims-lineage",
            project=PROJECT,
            description="lineage of the claims scoring models",
        )

    return build


# Violates: neither the store nor its provider names a region.
case("def16-vertex-metadata-store-no-region", DEFAULTS, "DENY", DEF_DOC["metadata-store"], config=GDPR_STACK)(
    metadata_store(None)
)
# Complies: the provider's region, Frankfurt, is the store's.
case("def16-vertex-metadata-store-provider-frankfurt", DEFAULTS, cite=DEF_DOC["metadata-store"], config=GDPR_STACK)(
    metadata_store("europe-west3")
)


def realtime_database(s: Stack) -> None:
    put(
        s,
        "gcp:firebase/databaseInstance:DatabaseInstance",
        "claims-presence",
        gcp(s),
        project=PROJECT,
        instanceId="ledger-claims-presence",
        region="us-central1",
        type="USER_DATABASE",
    )


# Violates: the Realtime Database instance is in us-central1 (the Firebase console's default), over a Frankfurt
# provider.
case("def16-firebase-rtdb-us-central1", DEFAULTS, "DENY", DEF_DOC["rtdb-locations"], config=GDPR_STACK)(
    realtime_database
)


# ============================================================================ Kubernetes operators
OP_DOC = {
    "ack-amp": "https://aws-controllers-k8s.github.io/community/reference/prometheusservice/v1alpha1/workspace",
    "ack-region": "https://aws-controllers-k8s.github.io/community/docs/user-docs/multi-region-resource-management/",
    "ack-cloudfront": "https://aws-controllers-k8s.github.io/community/reference/cloudfront/v1alpha1/distribution/",
    "xp-redshift": "https://marketplace.upbound.io/providers/upbound/provider-aws-redshift/latest/resources/redshift.aws.upbound.io/Cluster/v1beta1",
    "xp-kusto": "https://marketplace.upbound.io/providers/upbound/provider-azure-kusto/latest/resources/kusto.azure.upbound.io/Cluster/v1beta1",
    "kcc-memcache": "https://cloud.google.com/config-connector/docs/reference/resource-docs/memcache/memcacheinstance",
    "aso-ml": "https://azure.github.io/azure-service-operator/reference/machinelearningservices/v1api20240401/",
}


def ack_amp(region: str) -> Callable[[Stack, str], str]:
    return custom_resource(
        "prometheusservice.services.k8s.aws/v1alpha1",
        "Workspace",
        "acme-metrics",
        "acme",
        {"alias": "acme-metrics"},
        annotations={"services.k8s.aws/region": region},
    )


# Violates: ACK creates the GDPR tenant's Managed Prometheus workspace (its application metrics, with customer
# IDs in labels) in N. Virginia.
case("op16-ack-prometheus-workspace-us", OPERATORS, "DENY", OP_DOC["ack-amp"])(operator(ack_amp("us-east-1")))
# Complies: the workspace is in Frankfurt.
case("op16-ack-prometheus-workspace-de", OPERATORS, cite=OP_DOC["ack-region"])(operator(ack_amp("eu-central-1")))


def ack_distribution(s: Stack, k8s: str) -> str:
    return custom_resource(
        "cloudfront.services.k8s.aws/v1alpha1",
        "Distribution",
        "acme-portal",
        "acme",
        {
            "distributionConfig": {
                "callerReference": "acme-portal",
                "comment": "acme claims portal",
                "enabled": True,
                "origins": {
                    "quantity": 1,
                    "items": [
                        {
                            "id": "acme-origin",
                            "domainName": "acme-portal.s3.eu-west-1.amazonaws.com",
                            "s3OriginConfig": {"originAccessIdentity": ""},
                        }
                    ],
                },
                "defaultCacheBehavior": {
                    "targetOriginID": "acme-origin",
                    "viewerProtocolPolicy": "redirect-to-https",
                    "cachePolicyID": "658327ea-f89d-4fab-a63d-7e88639e58f6",
                },
            }
        },
        annotations={"services.k8s.aws/region": "eu-west-1"},
    )(s, k8s)


# Violates: the GDPR tenant's CloudFront distribution caches its portal at edge locations worldwide (the Region
# annotation only says where the API call goes).
case("op16-ack-cloudfront-distribution", OPERATORS, "DENY", OP_DOC["ack-cloudfront"])(operator(ack_distribution))


def xp_redshift(region: str) -> Callable[[Stack, str], str]:
    return custom_resource(
        "redshift.aws.upbound.io/v1beta1",
        "Cluster",
        "acme-dw",
        None,
        {
            "forProvider": {
                "region": region,
                "nodeType": "ra3.xlplus",
                "numberOfNodes": 2,
                "masterUsername": "acme",
                "manageMasterPassword": True,
                "encrypted": True,
                "skipFinalSnapshot": True,
            },
            "providerConfigRef": {"name": "default"},
        },
        labels={**GDPR, "fleet-tenant": "acme"},
    )


# Violates: a cluster-scoped Crossplane Redshift cluster labelled GDPR is created in Oregon.
case("op16-crossplane-redshift-us", OPERATORS, "DENY", OP_DOC["xp-redshift"])(operator(xp_redshift("us-west-2")))
# Complies: it is created in Stockholm.
case("op16-crossplane-redshift-se", OPERATORS, cite=OP_DOC["xp-redshift"])(operator(xp_redshift("eu-north-1")))


def xp_kusto(location: str) -> Callable[[Stack, str], str]:
    return custom_resource(
        "kusto.azure.upbound.io/v1beta1",
        "Cluster",
        "acme-adx",
        None,
        {
            "forProvider": {
                "location": location,
                "resourceGroupName": "acme-rg",
                "sku": [{"name": "Standard_E2ads_v5", "capacity": 2}],
            },
            "providerConfigRef": {"name": "default"},
        },
        labels={**GDPR, "fleet-tenant": "acme"},
    )


# Violates: the Crossplane Data Explorer cluster's location is "East US" (the Terraform display-name form).
case("op16-crossplane-kusto-east-us", OPERATORS, "DENY", OP_DOC["xp-kusto"])(
    operator(xp_kusto("East US"), "azure-native")
)
# Complies: "West Europe" (the Netherlands), in the same display-name form.
case("op16-crossplane-kusto-west-europe", OPERATORS, cite=OP_DOC["xp-kusto"])(
    operator(xp_kusto("West Europe"), "azure-native")
)


def kcc_memcache(region: str) -> Callable[[Stack, str], str]:
    return kcc_object(
        "MemcacheInstance",
        "memcache",
        "acme-sessions",
        {
            "region": region,
            "nodeCount": 1,
            "nodeConfig": {"cpuCount": 1, "memorySizeMb": 1024},
            "memcacheVersion": "MEMCACHE_1_6_15",
        },
    )


# Violates: Config Connector creates the GDPR tenant's Memcached instance (its session cache) in Iowa.
case("op16-kcc-memcache-us", OPERATORS, "DENY", OP_DOC["kcc-memcache"])(operator(kcc_memcache("us-central1"), "gcp"))
# Complies: it is in Frankfurt.
case("op16-kcc-memcache-de", OPERATORS, cite=OP_DOC["kcc-memcache"])(operator(kcc_memcache("europe-west3"), "gcp"))


def aso_ml(location: str) -> Callable[[Stack, str], str]:
    return custom_resource(
        "machinelearningservices.azure.com/v1api20240401",
        "Workspace",
        "acme-ml",
        "acme",
        {
            "location": location,
            "owner": {"name": "acme-rg"},
            "sku": {"name": "Basic", "tier": "Basic"},
            "identity": {"type": "SystemAssigned"},
            "friendlyName": "acme claims models",
        },
    )


# Violates: ASO creates the GDPR tenant's Machine Learning workspace (training data, models) in East US 2.
case("op16-aso-ml-workspace-east-us2", OPERATORS, "DENY", OP_DOC["aso-ml"])(operator(aso_ml("eastus2"), "azure-native"))
# Complies: it is in Sweden Central.
case("op16-aso-ml-workspace-sweden", OPERATORS, cite=OP_DOC["aso-ml"])(
    operator(aso_ml("swedencentral"), "azure-native")
)


# ============================================================================ cloud guardrails
GRD_DOC = {
    "ec2-keys": "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html#amazonec2-policy-keys",
    "scp-mgmt": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html",
    "scp-syntax": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_syntax.html",
    "list-policy": "https://cloud.google.com/resource-manager/reference/rest/v1/Policy#ListPolicy",
    "gcp-supported": "https://cloud.google.com/resource-manager/docs/organization-policy/defining-locations-supported-services",
    "arm-case": "https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/resource-name-rules",
    "az-exemption": "https://learn.microsoft.com/en-us/azure/governance/policy/concepts/exemption-structure",
}

# Violates: the region deny is keyed on ec2:Region, which only EC2 actions carry: S3, RDS, DynamoDB and every
# other service may be used in any Region.
case("grd16-aws-scp-ec2-region-key", GUARDRAILS, "DENY", GRD_DOC["ec2-keys"])(eks_guarded(scp(key="ec2:Region")))


def scp_with_second_statement() -> str:
    document = json.loads(scp())
    document["Statement"].append(
        {"Sid": "DenyLeaveOrg", "Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"}
    )
    return json.dumps(document)


# Complies: the documented region deny plus a second, unrelated deny statement (leaving the organization).
case("grd16-aws-scp-second-statement", GUARDRAILS, cite=GRD_DOC["scp-syntax"])(eks_guarded(scp_with_second_statement()))

MGMT = "999999999999"


def in_account(account: str) -> Build:
    """The guarded EKS cluster placed in ``account``, with the SCP attached to that account and the
    organization (management account 999999999999) read into the stack."""
    built = eks_guarded()

    def build(s: Stack) -> None:
        built(s)
        org = s.urn("pulumi:providers:aws", "org")
        put(
            s,
            "aws:organizations/organization:Organization",
            "org",
            org,
            known={
                "id": "o-a1b2c3d4e5",
                "arn": f"arn:aws:organizations::{MGMT}:organization/o-a1b2c3d4e5",
                "masterAccountId": MGMT,
                "masterAccountArn": f"arn:aws:organizations::{MGMT}:account/o-a1b2c3d4e5/{MGMT}",
            },
            featureSet="ALL",
            enabledPolicyTypes=["SERVICE_CONTROL_POLICY"],
            awsServiceAccessPrincipals=["sso.amazonaws.com"],
        )
        if account != ACCOUNT:
            _find(s, s.urn("pulumi:providers:aws", "eu1-aws")).inputs["allowedAccountIds"] = [account]
            _find(s, s.urn("aws:organizations/policyAttachment:PolicyAttachment", "eea-scp-attachment")).inputs[
                "targetId"
            ] = account
            eks = _find(s, s.urn("aws:eks/cluster:Cluster", "eu1-eks"))
            eks.inputs = json.loads(json.dumps(eks.inputs).replace(ACCOUNT, account))

    return build


# Violates: the cluster runs in the organization's management account, which no SCP restricts (the attachment
# to it changes nothing).
case("grd16-aws-scp-management-account", GUARDRAILS, "DENY", GRD_DOC["scp-mgmt"])(in_account(MGMT))
# Complies: the same stack with the cluster in a member account.
case("grd16-aws-scp-member-account", GUARDRAILS, cite=GRD_DOC["scp-mgmt"])(in_account(ACCOUNT))


def own_sink(s: Stack, org: str) -> None:
    default_sink("europe-west3")(s)


def suggested_only(s: Stack) -> None:
    gke_guarded(own_sink, legacy_policy(listPolicy={"suggestedValue": "in:europe-west3-locations"}))(s)


# Violates: a legacy list policy with only a suggested value restricts nothing (it is a hint for the console).
case("grd16-gcp-legacy-suggested-value-only", GUARDRAILS, "DENY", GRD_DOC["list-policy"])(suggested_only)
# Complies: Frankfurt and Madrid (europe-southwest1), both in the EU.
case("grd16-gcp-locations-frankfurt-madrid", GUARDRAILS, cite=GRD_DOC["gcp-supported"])(
    gcp_values(["in:europe-west3-locations", "in:europe-southwest1-locations"])
)

ASSIGNMENT = "azure-native:authorization:PolicyAssignment"
UPPER_SCOPE = f"/SUBSCRIPTIONS/{SUB.upper()}"

# Violates: the exemption of the allowed-locations assignment names it in another case (ARM IDs are
# case-insensitive), waiving it for the whole subscription.
case("grd16-azure-exemption-id-other-case", GUARDRAILS, "DENY", GRD_DOC["arm-case"])(
    retouch(
        aks_guarded(exemption="eea-locations"),
        "azure-native:authorization:PolicyExemption",
        "waiver",
        policyAssignmentId=f"{UPPER_SCOPE}/providers/microsoft.authorization/policyassignments/EEA-LOCATIONS",
    )
)
# Complies: the assignments' scope is written in upper case; it is the cluster's subscription.
case("grd16-azure-assignment-scope-upper-case", GUARDRAILS, cite=GRD_DOC["arm-case"])(
    retouch(
        retouch(aks_guarded(), ASSIGNMENT, "eea-locations", scope=UPPER_SCOPE),
        ASSIGNMENT,
        "eea-rg-locations",
        scope=UPPER_SCOPE,
    )
)


# ============================================================================ unknown at preview
PRE_DOC = {
    "unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
    "policy-preview": "https://www.pulumi.com/docs/iac/using-pulumi/crossguard/best-practices/",
}

# Violates: the GDPR function is new (its name unknown to the URL, followed through the dependency); the URL
# takes no authentication, which is known.
case("pre16-function-url-new-function-public", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    function_url("NONE", new_function=True)
)
# Complies at preview: the access point's policy is built from a role created in this update (unknown).
case("pre16-access-point-policy-unknown", PREVIEW, cite=PRE_DOC["policy-preview"])(access_point(UNKNOWN))
# Violates: the GDPR secret is new (its ID unknown to the member); allUsers is known.
case("pre16-secret-iam-new-secret-all-users", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    secret_member("allUsers", new_secret=True)
)
# Complies at preview: the member is a service account created in this update (unknown).
case("pre16-secret-iam-member-unknown", PREVIEW, cite=PRE_DOC["policy-preview"])(secret_member(UNKNOWN))
# Violates: the threat-detection storage account is new (its endpoint unknown), but its location, East US, is
# known from its inputs and followed through the dependency.
case("pre16-threat-detection-new-account-east-us", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    alert_policy("eastus", new_account=True)
)
# Complies: the same new account in West Europe.
case("pre16-threat-detection-new-account-west-europe", PREVIEW, cite=PRE_DOC["unknowns"])(
    alert_policy("westeurope", new_account=True)
)
# Violates: the HTTP API is new (its ID unknown to the integration); the partner URL is known.
case("pre16-http-api-new-api-partner-url", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    http_integration("partner", new_api=True)
)
# Complies at preview: the integration invokes a function created in this update (its ARN unknown).
case("pre16-http-api-integration-uri-unknown", PREVIEW, cite=PRE_DOC["policy-preview"])(http_integration("unknown"))


# ============================================================================ malformed shapes
BAD_DOC = {
    "access-point": "https://www.pulumi.com/registry/packages/aws/api-docs/s3/accesspoint/",
    "function-url": "https://www.pulumi.com/registry/packages/aws/api-docs/lambda/functionurl/",
    "inventory": "https://www.pulumi.com/registry/packages/aws/api-docs/s3/inventory/",
    "appengine": "https://www.pulumi.com/registry/packages/gcp/api-docs/appengine/application/",
    "spanner-iam": "https://www.pulumi.com/registry/packages/gcp/api-docs/spanner/databaseiammember/",
    "secret-iam": "https://www.pulumi.com/registry/packages/gcp/api-docs/secretmanager/secretiammember/",
    "mover": "https://www.pulumi.com/registry/packages/azure-native/api-docs/migrate/movecollection/",
}

# Violates: the access point's bucket (one name) is a list of two buckets.
case("bad16-access-point-bucket-two", MALFORMED, "DENY", BAD_DOC["access-point"])(
    access_point(f"arn:aws:iam::{OWN_ACCOUNT}:role/claims-reader", bucket=[CLAIMS_BUCKET, "ledger-claims-archive"])
)
# Violates: the function URL's authorizationType (a string) is an object.
case("bad16-function-url-auth-type-object", MALFORMED, "DENY", BAD_DOC["function-url"])(
    function_url({"type": "AWS_IAM"})
)
# Violates: the App Engine application's locationId (one string) is a list of two locations.
case("bad16-app-engine-location-two", MALFORMED, "DENY", BAD_DOC["appengine"], config=GDPR_STACK)(
    app_engine(["europe-west3", "us-central"])
)
# Violates: the Spanner IAM member's database (a name) is an object.
case("bad16-spanner-iam-database-object", MALFORMED, "DENY", BAD_DOC["spanner-iam"])(
    spanner_member("group:claims-analysts@ledger.example", database={"name": "claims"})
)
# Violates: the move collection's targetRegion is a one-item list (azure-native takes one string).
case("bad16-resource-mover-target-region-list", MALFORMED, "DENY", BAD_DOC["mover"])(move_collection(["northeurope"]))
# Complies: the inventory's schedule (one block, flattened by the SDK) given as a one-item list, as the bridge
# hands it to Terraform; the report goes to our own bucket.
case("bad16-inventory-schedule-one-item-list", MALFORMED, cite=BAD_DOC["inventory"])(
    inventory("own", schedule=[{"frequency": "Weekly"}])
)
# Complies: the IAM member's condition (one block) given as a one-item list; the member is our service account.
case("bad16-secret-iam-condition-one-item-list", MALFORMED, cite=BAD_DOC["secret-iam"])(
    secret_member(
        OWN_SA,
        condition=[
            {
                "title": "until-2027",
                "expression": 'request.time < timestamp("2027-01-01T00:00:00Z")',
            }
        ],
    )
)
# Complies: the application's featureSettings (one block) given as a one-item list; it is in Frankfurt.
case("bad16-app-engine-feature-settings-one-item-list", MALFORMED, cite=BAD_DOC["appengine"], config=GDPR_STACK)(
    app_engine("europe-west3", featureSettings=[{"splitHealthChecks": True}])
)
