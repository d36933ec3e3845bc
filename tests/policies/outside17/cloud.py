"""Cloud residency cases of the seventeenth outside corpus, written from cloud-provider documentation and the
pack's user-facing contract (docs/RULES.md, docs/SPEC.md, docs/REVIEW.md, README.md) by a helper session
that had not read the pack's rules, its residency survey, its configs or its tests. It must never be used
to tune the pack (see README.md beside it).

Cases are built with the ``Case``/``Stack`` API of ``tests/policies/corpus.py`` and the helpers of the
earlier outside corpora. A case asks only whether a correct pack denies it: ``expect="DENY"`` (some
mandatory violation) or nothing (compliant: no mandatory violation at all). Each cites the page its outcome
rests on; a comment above it says why it violates or complies. The resource or property that decides each
case is one none of the sixteen earlier corpora used: Lambda resource-based permissions, OpenSearch VPC
endpoint authorizations, Security Lake subscribers, RDS zero-ETL integrations, CloudWatch Logs account-level
subscription policies; Cloud Run v2 service, Cloud Functions v2 function, machine image, disk and Healthcare
dataset IAM members; SQL server auditing policies, Storage Mover endpoints and job definitions, Search shared
private links, Data Explorer Event Hubs data connections and cluster principal assignments; Glue connections,
Apigee target servers, Application Gateway backend pools, App Service hybrid connections; SES contact lists
under a provider with no region, Dataform release configurations (BigQuery default location), Batch accounts
without a location, Communication Services email data locations; ACK SageMaker notebook instances, Crossplane
Bigtable instances, Config Connector compute images, ASO SignalR services and Data Explorer clusters; AWS
account placement in organizational units, Azure subscription placement in management groups, GCP project
placement in folders, allow-list SCPs.

``UNKNOWN`` stands for a value the engine only learns at the update.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from tests.policies.corpus import GDPR, NONE, UNKNOWN, Stack
from tests.policies.outside.corpus import (
    ACCOUNT,
    GDPR_AWS,
    PROJECT,
    RG,
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
    operator,
    put,
    s3_bucket,
    sql_server,
    storage_account,
)
from tests.policies.outside4.cloud import retouch
from tests.policies.outside9.cloud import resource_group
from tests.policies.outside11.cloud import OWN_ACCOUNT, depends, own_account_provider
from tests.policies.outside15.cloud import NL_REGIME, NL_TAG, PARTNER_ACCOUNT, kcc_object
from tests.policies.outside16.cloud import PARTNER_PROJECT, PARTNER_TENANT
from tests.policies.outside17.common import case

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
CH_TAG = {"fleet-residency": "ch"}  # the built-in Switzerland regime
PARTNER_ORG = "o-p4r7n3r0rg1"  # another company's AWS organization
PARTNER_SA = f"serviceAccount:etl@{PARTNER_PROJECT}.iam.gserviceaccount.com"
OWN_SA = f"serviceAccount:claims-etl@{PROJECT}.iam.gserviceaccount.com"


# ============================================================================ AWS: copies (shares)
AWS_DOC = {
    "lambda-cross-account": "https://docs.aws.amazon.com/lambda/latest/dg/permissions-function-cross-account.html",
    "lambda-org": "https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html",
    "os-vpc-endpoint": "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/vpc-interface-endpoints.html",
    "seclake-subscriber": "https://docs.aws.amazon.com/security-lake/latest/userguide/subscriber-management.html",
    "zero-etl": "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/zero-etl.creating.html",
    "zero-etl-auth": "https://docs.aws.amazon.com/redshift/latest/mgmt/zero-etl-using.redshift-iam.html",
    "account-subscription": "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CreateSubscriptionFilterFirehose-Account.html",
}
LOOKUP_ARN = f"arn:aws:lambda:eu-west-1:{ACCOUNT}:function:claims-lookup"


def lambda_permission(principal: Any, new_function: bool = False, **extra: Any) -> Build:
    """A resource-based permission on the GDPR claims-lookup function (it returns a claim by its number)
    letting ``principal`` invoke it."""

    def build(s: Stack) -> None:
        own_account_provider(s)
        fn = put(
            s,
            "aws:lambda/function:Function",
            "claims-lookup",
            aws(s),
            known=None if new_function else {"id": "claims-lookup", "arn": LOOKUP_ARN},
            name="claims-lookup",
            role=f"arn:aws:iam::{ACCOUNT}:role/claims-lookup",
            runtime="python3.13",
            handler="app.handler",
            s3Bucket="ledger-artifacts",
            s3Key="claims-lookup.zip",
            tags=GDPR,
        )
        deps = [fn]
        if principal is UNKNOWN:
            deps.append(
                put(
                    s,
                    "aws:iam/role:Role",
                    "claims-consumer",
                    aws(s),
                    name="claims-consumer",
                    assumeRolePolicy=json.dumps(
                        {
                            "Version": "2012-10-17",
                            "Statement": [
                                {
                                    "Effect": "Allow",
                                    "Principal": {"Service": "ecs-tasks.amazonaws.com"},
                                    "Action": "sts:AssumeRole",
                                }
                            ],
                        }
                    ),
                    tags=NONE,
                )
            )
        perm = put(
            s,
            "aws:lambda/permission:Permission",
            "claims-lookup-invoke",
            aws(s),
            deps=deps,
            statementId="consumer-invoke",
            action="lambda:InvokeFunction",
            function=UNKNOWN if new_function else "claims-lookup",
            principal=principal,
            **extra,
        )
        unknown: dict[str, list[str]] = {}
        if new_function:
            unknown["function"] = [fn]
        if principal is UNKNOWN:
            unknown["principal"] = [deps[1]]
        if unknown:
            depends(s, perm, **unknown)

    return build


# Violates: another company's account may invoke the GDPR function and read any claim it returns.
case("aws17-lambda-permission-partner-account", AWS_COPIES, "DENY", AWS_DOC["lambda-cross-account"])(
    lambda_permission(PARTNER_ACCOUNT)
)
# Violates: every principal of another company's organization may invoke it (principal "*" narrowed only to
# the partner's organization ID).
case("aws17-lambda-permission-partner-organization", AWS_COPIES, "DENY", AWS_DOC["lambda-org"])(
    lambda_permission("*", principalOrgId=PARTNER_ORG)
)
# Complies: our own second account (named by a provider of the stack) invokes it.
case("aws17-lambda-permission-own-account", AWS_COPIES, cite=AWS_DOC["lambda-cross-account"])(
    lambda_permission(OWN_ACCOUNT)
)

DOMAIN_ARN = f"arn:aws:es:eu-west-1:{ACCOUNT}:domain/claims-search"


def opensearch_endpoint_access(account: str) -> Build:
    """An authorization letting ``account`` create an OpenSearch-managed VPC endpoint into the GDPR domain."""

    def build(s: Stack) -> None:
        own_account_provider(s)
        domain = put(
            s,
            "aws:opensearch/domain:Domain",
            "claims-search",
            aws(s),
            known={
                "id": DOMAIN_ARN,
                "arn": DOMAIN_ARN,
                "endpoint": "vpc-claims-search-a1b2c3d4e5.eu-west-1.es.amazonaws.com",
            },
            domainName="claims-search",
            engineVersion="OpenSearch_2.17",
            clusterConfig={"instanceType": "r7g.large.search", "instanceCount": 3},
            vpcOptions={"subnetIds": ["subnet-0a1b2c3d4e5f60718"]},
            encryptAtRest={"enabled": True},
            tags=GDPR,
        )
        put(
            s,
            "aws:opensearch/authorizeVpcEndpointAccess:AuthorizeVpcEndpointAccess",
            "claims-search-endpoint",
            aws(s),
            deps=[domain],
            domainName="claims-search",
            account=account,
        )

    return build


# Violates: another company's account may open an endpoint into the GDPR search domain and query every document.
case("aws17-opensearch-endpoint-access-partner", AWS_COPIES, "DENY", AWS_DOC["os-vpc-endpoint"])(
    opensearch_endpoint_access(PARTNER_ACCOUNT)
)
# Complies: our own second account is authorized.
case("aws17-opensearch-endpoint-access-own-account", AWS_COPIES, cite=AWS_DOC["os-vpc-endpoint"])(
    opensearch_endpoint_access(OWN_ACCOUNT)
)


def security_lake_subscriber(account: str, sources: Any = None) -> Build:
    """A Security Lake data-access subscriber: ``account`` reads the GDPR data lake's Route 53 resolver and
    CloudTrail logs (client IPs, user names, requested names) straight from its S3 bucket."""

    def build(s: Stack) -> None:
        own_account_provider(s)
        lake = put(
            s,
            "aws:securitylake/dataLake:DataLake",
            "ledger-lake",
            aws(s),
            known={"id": f"arn:aws:securitylake:eu-west-1:{ACCOUNT}:data-lake/default"},
            metaStoreManagerRoleArn=f"arn:aws:iam::{ACCOUNT}:role/AmazonSecurityLakeMetaStoreManager",
            configuration={"region": "eu-west-1", "lifecycleConfiguration": {"expiration": {"days": 365}}},
            tags=GDPR,
        )
        put(
            s,
            "aws:securitylake/subscriber:Subscriber",
            "siem-subscriber",
            aws(s),
            deps=[lake],
            subscriberName="siem",
            accessType="S3",
            sources=[
                {"awsLogSourceResource": {"sourceName": "ROUTE53", "sourceVersion": "2.0"}},
                {"awsLogSourceResource": {"sourceName": "CLOUD_TRAIL_MGMT", "sourceVersion": "2.0"}},
            ]
            if sources is None
            else sources,
            subscriberIdentity={"externalId": "ledger-siem-7f3a", "principal": account},
            tags=GDPR,
        )

    return build


# Violates: an outside SIEM provider's account subscribes to the GDPR security logs.
case("aws17-security-lake-subscriber-partner", AWS_COPIES, "DENY", AWS_DOC["seclake-subscriber"], config=GDPR_STACK)(
    security_lake_subscriber(PARTNER_ACCOUNT)
)
# Complies: our own security account (named by a provider of the stack) subscribes.
case("aws17-security-lake-subscriber-own", AWS_COPIES, cite=AWS_DOC["seclake-subscriber"], config=GDPR_STACK)(
    security_lake_subscriber(OWN_ACCOUNT)
)

AURORA_ARN = f"arn:aws:rds:eu-west-1:{ACCOUNT}:cluster:claims-aurora"
OWN_NS_ARN = f"arn:aws:redshift-serverless:eu-west-1:{ACCOUNT}:namespace/3f2e1d0c-9b8a-4765-8432-10fedcba9876"
PARTNER_NS_ARN = (
    f"arn:aws:redshift-serverless:eu-west-1:{PARTNER_ACCOUNT}:namespace/8a7b6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d"
)


def zero_etl(target: str, new_source: bool = False) -> Build:
    """An Aurora zero-ETL integration replicating every row of the GDPR claims database into a Redshift
    Serverless namespace: ``target`` is "own" (ours, in Ireland, in the stack), "partner" (another company's) or
    "new" (ours, created in this update)."""

    def build(s: Stack) -> None:
        source = put(
            s,
            "aws:rds/cluster:Cluster",
            "claims-aurora",
            aws(s),
            known=None if new_source else {"id": "claims-aurora", "arn": AURORA_ARN},
            clusterIdentifier="claims-aurora",
            engine="aurora-mysql",
            engineVersion="8.0.mysql_aurora.3.08.0",
            masterUsername="claims",
            manageMasterUserPassword=True,
            storageEncrypted=True,
            tags=GDPR,
        )
        deps = [source]
        target_arn = PARTNER_NS_ARN
        if target in ("own", "new"):
            ns = put(
                s,
                "aws:redshiftserverless/namespace:Namespace",
                "claims-dw",
                aws(s),
                known=None if target == "new" else {"id": "claims-dw", "arn": OWN_NS_ARN},
                namespaceName="claims-dw",
                dbName="claims",
                tags=GDPR,
            )
            deps.append(ns)
            target_arn = UNKNOWN if target == "new" else OWN_NS_ARN
        integration = put(
            s,
            "aws:rds/integration:Integration",
            "claims-zero-etl",
            aws(s),
            deps=deps,
            integrationName="claims-zero-etl",
            sourceArn=UNKNOWN if new_source else AURORA_ARN,
            targetArn=target_arn,
            tags=GDPR,
        )
        unknown: dict[str, list[str]] = {}
        if new_source:
            unknown["sourceArn"] = [source]
        if target == "new":
            unknown["targetArn"] = [deps[1]]
        if unknown:
            depends(s, integration, **unknown)

    return build


# Violates: the integration replicates the GDPR database into another company's Redshift namespace.
case("aws17-zero-etl-partner-namespace", AWS_COPIES, "DENY", AWS_DOC["zero-etl-auth"])(zero_etl("partner"))
# Complies: the target is our own namespace in Ireland, managed by this stack.
case("aws17-zero-etl-own-namespace", AWS_COPIES, cite=AWS_DOC["zero-etl"])(zero_etl("own"))

FIREHOSE_ARN = f"arn:aws:firehose:eu-west-1:{ACCOUNT}:deliverystream/central-logs"
PARTNER_LOG_DEST = f"arn:aws:logs:eu-west-1:{PARTNER_ACCOUNT}:destination:mssp-siem"


def account_subscription(destination: str, document: Any = None) -> Build:
    """An account-level subscription filter policy: every log event of every log group of the (GDPR) account
    is delivered to ``destination``: "own" (our Firehose stream into a GDPR bucket in Ireland) or "partner"
    (another company's cross-account logs destination)."""

    def build(s: Stack) -> None:
        deps = []
        if destination == "own":
            bucket = s3_bucket(s, "ledger-central-logs", "eu-west-1", GDPR)
            deps.append(
                put(
                    s,
                    "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
                    "central-logs",
                    aws(s),
                    deps=[bucket],
                    known={"id": FIREHOSE_ARN, "arn": FIREHOSE_ARN},
                    name="central-logs",
                    destination="extended_s3",
                    extendedS3Configuration={
                        "bucketArn": "arn:aws:s3:::ledger-central-logs",
                        "roleArn": f"arn:aws:iam::{ACCOUNT}:role/central-logs-firehose",
                    },
                    tags=GDPR,
                )
            )
            arn = FIREHOSE_ARN
        else:
            arn = PARTNER_LOG_DEST
        body = {
            "DestinationArn": arn,
            "RoleArn": f"arn:aws:iam::{ACCOUNT}:role/cwl-account-subscription",
            "FilterPattern": "",
            "Distribution": "Random",
        }
        put(
            s,
            "aws:cloudwatch/logAccountPolicy:LogAccountPolicy",
            "all-logs",
            aws(s),
            deps=deps,
            policyName="all-logs",
            policyType="SUBSCRIPTION_FILTER_POLICY",
            scope="ALL",
            policyDocument=json.dumps(body) if document is None else document,
        )

    return build


# Violates: every log event of the GDPR account goes to another company's logs destination.
case(
    "aws17-log-account-policy-partner-destination",
    AWS_COPIES,
    "DENY",
    AWS_DOC["account-subscription"],
    config=GDPR_STACK,
)(account_subscription("partner"))
# Complies: they go to our own Firehose stream, which writes to a GDPR bucket in Ireland.
case("aws17-log-account-policy-own-firehose", AWS_COPIES, cite=AWS_DOC["account-subscription"], config=GDPR_STACK)(
    account_subscription("own")
)


# ============================================================================ GCP: copies (shares)
GCP_DOC = {
    "run-public": "https://cloud.google.com/run/docs/authenticating/public",
    "run-iam": "https://cloud.google.com/run/docs/securing/managing-access",
    "functions-public": "https://cloud.google.com/functions/docs/securing/managing-access-iam",
    "machine-image-iam": "https://www.pulumi.com/registry/packages/gcp/api-docs/compute/machineimageiammember/",
    "compute-iam": "https://cloud.google.com/compute/docs/access/iam",
    "principals": "https://cloud.google.com/iam/docs/principals-overview#all-users",
    "healthcare-iam": "https://cloud.google.com/healthcare-api/docs/access-control",
}
RUN_ID = f"projects/{PROJECT}/locations/europe-west3/services/claims-api"


def run_invoker(member: Any, new_service: bool = False, location: Any = "europe-west3") -> Build:
    """An invoker IAM member on the GDPR Cloud Run service that serves claim records."""

    def build(s: Stack) -> None:
        service = put(
            s,
            "gcp:cloudrunv2/service:Service",
            "claims-api",
            gcp(s),
            known=None
            if new_service
            else {"id": RUN_ID, "uri": "https://claims-api-123456789012.europe-west3.run.app"},
            name="claims-api",
            location="europe-west3",
            labels=GDPR,
            ingress="INGRESS_TRAFFIC_ALL",
            template={"containers": [{"image": "europe-west3-docker.pkg.dev/ledger-prod/claims/api:1.4.2"}]},
        )
        deps = [service]
        if member is UNKNOWN:
            deps.append(
                put(
                    s,
                    "gcp:serviceaccount/account:Account",
                    "claims-portal",
                    gcp(s),
                    accountId="claims-portal",
                    displayName="claims portal backend",
                )
            )
        binding = put(
            s,
            "gcp:cloudrunv2/serviceIamMember:ServiceIamMember",
            "claims-api-invoker",
            gcp(s),
            deps=deps,
            project=PROJECT,
            location=location,
            name=UNKNOWN if new_service else "claims-api",
            role="roles/run.invoker",
            member=member,
        )
        unknown: dict[str, list[str]] = {}
        if new_service:
            unknown["name"] = [service]
        if member is UNKNOWN:
            unknown["member"] = [deps[1]]
        if unknown:
            depends(s, binding, **unknown)

    return build


# Violates: allUsers may invoke the GDPR service: anyone on the internet reads claim records.
case("gcp17-run-service-iam-all-users", GCP_COPIES, "DENY", GCP_DOC["run-public"])(run_invoker("allUsers"))
# Complies: only our portal's service account invokes it.
case("gcp17-run-service-iam-own-service-account", GCP_COPIES, cite=GCP_DOC["run-iam"])(run_invoker(OWN_SA))


def function_invoker(member: str) -> Build:
    def build(s: Stack) -> None:
        fn = put(
            s,
            "gcp:cloudfunctionsv2/function:Function",
            "claims-export",
            gcp(s),
            known={"id": f"projects/{PROJECT}/locations/europe-west3/functions/claims-export"},
            name="claims-export",
            location="europe-west3",
            labels=GDPR,
            buildConfig={"runtime": "python313", "entryPoint": "export"},
            serviceConfig={"availableMemory": "512M", "ingressSettings": "ALLOW_ALL"},
        )
        put(
            s,
            "gcp:cloudfunctionsv2/functionIamMember:FunctionIamMember",
            "claims-export-invoker",
            gcp(s),
            deps=[fn],
            project=PROJECT,
            location="europe-west3",
            cloudFunction="claims-export",
            role="roles/cloudfunctions.invoker",
            member=member,
        )

    return build


# Violates: anyone on the internet may call the GDPR export function.
case("gcp17-function-iam-all-users", GCP_COPIES, "DENY", GCP_DOC["functions-public"])(function_invoker("allUsers"))
# Complies: our ETL service account calls it.
case("gcp17-function-iam-own-service-account", GCP_COPIES, cite=GCP_DOC["functions-public"])(function_invoker(OWN_SA))


def machine_image_member(member: Any, new_image: bool = False) -> Build:
    """An IAM member on the machine image of the GDPR claims worker (its disks hold the claims cache)."""

    def build(s: Stack) -> None:
        image = put(
            s,
            "gcp:compute/machineImage:MachineImage",
            "claims-worker-image",
            gcp(s),
            known=None
            if new_image
            else {
                "id": f"projects/{PROJECT}/global/machineImages/claims-worker",
                "selfLink": f"https://www.googleapis.com/compute/v1/projects/{PROJECT}/global/machineImages/claims-worker",
                "storageLocations": ["europe-west3"],
            },
            name="claims-worker",
            project=PROJECT,
            sourceInstance=f"projects/{PROJECT}/zones/europe-west3-b/instances/claims-worker",
        )
        binding = put(
            s,
            "gcp:compute/machineImageIamMember:MachineImageIamMember",
            "claims-worker-image-user",
            gcp(s),
            deps=[image],
            project=PROJECT,
            machineImage=UNKNOWN if new_image else "claims-worker",
            role="roles/compute.admin",
            member=member,
        )
        if new_image:
            depends(s, binding, machineImage=[image])

    return build


# Violates: any signed-in Google account may create instances (and disks) from the GDPR machine image, in any
# region of its own projects.
case("gcp17-machine-image-iam-all-authenticated", GCP_COPIES, "DENY", GCP_DOC["principals"], config=GDPR_STACK)(
    machine_image_member("allAuthenticatedUsers")
)
# Complies: our platform group may use it.
case("gcp17-machine-image-iam-own-group", GCP_COPIES, cite=GCP_DOC["machine-image-iam"], config=GDPR_STACK)(
    machine_image_member("group:platform@ledger.example")
)


def disk_member(member: Any) -> Build:
    """An IAM member on the GDPR claims data disk in Frankfurt."""

    def build(s: Stack) -> None:
        disk = put(
            s,
            "gcp:compute/disk:Disk",
            "claims-data",
            gcp(s),
            known={"id": f"projects/{PROJECT}/zones/europe-west3-b/disks/claims-data"},
            name="claims-data",
            zone="europe-west3-b",
            size=500,
            type="pd-balanced",
            labels=GDPR,
        )
        deps = [disk]
        if member is UNKNOWN:
            deps.append(
                put(
                    s,
                    "gcp:serviceaccount/account:Account",
                    "claims-backup",
                    gcp(s),
                    accountId="claims-backup",
                    displayName="claims disk backups",
                )
            )
        binding = put(
            s,
            "gcp:compute/diskIamMember:DiskIamMember",
            "claims-data-user",
            gcp(s),
            deps=deps,
            project=PROJECT,
            zone="europe-west3-b",
            name="claims-data",
            role="roles/compute.storageAdmin",
            member=member,
        )
        if member is UNKNOWN:
            depends(s, binding, member=[deps[1]])

    return build


# Violates: another company's service account may snapshot or image the GDPR disk into its own project (and any
# location).
case("gcp17-disk-iam-partner-service-account", GCP_COPIES, "DENY", GCP_DOC["compute-iam"])(disk_member(PARTNER_SA))
# Complies: our own backup service account holds the role.
case("gcp17-disk-iam-own-service-account", GCP_COPIES, cite=GCP_DOC["compute-iam"])(disk_member(OWN_SA))

HC17_DATASET = f"projects/{PROJECT}/locations/europe-west3/datasets/claims-records"


def healthcare_dataset_member(s: Stack) -> None:
    dataset = put(
        s,
        "gcp:healthcare/dataset:Dataset",
        "claims-records",
        gcp(s),
        known={"id": HC17_DATASET},
        name="claims-records",
        location="europe-west3",
    )
    put(
        s,
        "gcp:healthcare/datasetIamMember:DatasetIamMember",
        "claims-records-reader",
        gcp(s),
        deps=[dataset],
        datasetId=HC17_DATASET,
        role="roles/healthcare.fhirResourceReader",
        member="allAuthenticatedUsers",
    )


# Violates: at dataset level, any signed-in Google account may read the FHIR resources of every store in the
# GDPR dataset.
case(
    "gcp17-healthcare-dataset-iam-all-authenticated", GCP_COPIES, "DENY", GCP_DOC["healthcare-iam"], config=GDPR_STACK
)(healthcare_dataset_member)


# ============================================================================ Azure: copies
AZ_DOC = {
    "sql-auditing": "https://learn.microsoft.com/en-us/azure/azure-sql/database/auditing-overview",
    "mover-endpoints": "https://learn.microsoft.com/en-us/azure/storage-mover/endpoint-manage",
    "mover-jobs": "https://learn.microsoft.com/en-us/azure/storage-mover/job-definition-create",
    "search-spl": "https://learn.microsoft.com/en-us/azure/search/search-indexer-howto-access-private",
    "adx-eventhub": "https://learn.microsoft.com/en-us/azure/data-explorer/ingest-data-event-hub-overview",
    "adx-cluster-principals": "https://learn.microsoft.com/en-us/azure/data-explorer/manage-cluster-permissions",
}


def server_auditing(account_location: str, regime: dict[str, str] = GDPR, new_account: bool = False, **over: Any):
    """Server-level auditing of the SQL server: every audited statement (with its parameters) is written to
    storage account ledgeraudit in ``account_location``."""

    def build(s: Stack) -> None:
        server = sql_server(s, "ledger-sql", "westeurope", regime)
        if new_account:
            account = put(
                s,
                "azure-native:storage:StorageAccount",
                "ledgeraudit",
                azure(s, account_location),
                resourceGroupName="ledger",
                location=account_location,
                accountName="ledgeraudit",
                kind="StorageV2",
                sku={"name": "Standard_LRS"},
                allowBlobPublicAccess=False,
                minimumTlsVersion="TLS1_2",
            )
        else:
            account = storage_account(s, "ledgeraudit", account_location, None)
        inputs: dict[str, Any] = {
            "resourceGroupName": "ledger",
            "serverName": "ledger-sql",
            "blobAuditingPolicyName": "default",
            "state": "Enabled",
            "storageEndpoint": UNKNOWN if new_account else "https://ledgeraudit.blob.core.windows.net/",
            "retentionDays": 180,
            "isAzureMonitorTargetEnabled": False,
            "auditActionsAndGroups": [
                "BATCH_COMPLETED_GROUP",
                "SUCCESSFUL_DATABASE_AUTHENTICATION_GROUP",
                "FAILED_DATABASE_AUTHENTICATION_GROUP",
            ],
            **over,
        }
        policy = put(
            s,
            "azure-native:sql:ServerBlobAuditingPolicy",
            "ledger-auditing",
            azure(s),
            deps=[server, account],
            **inputs,
        )
        if new_account:
            depends(s, policy, storageEndpoint=[account])

    return build


# Violates: the audit records of the GDPR server (its statements and their values) are kept in East US.
case("az17-sql-server-auditing-east-us", AZURE_COPIES, "DENY", AZ_DOC["sql-auditing"])(server_auditing("eastus"))
# Complies: they are kept in West Europe.
case("az17-sql-server-auditing-west-europe", AZURE_COPIES, cite=AZ_DOC["sql-auditing"])(server_auditing("westeurope"))
# Violates: under a Netherlands-only regime, the server's audit records are kept in North Europe (Ireland).
case("az17-sql-server-auditing-north-europe-nl", AZURE_COPIES, "DENY", AZ_DOC["sql-auditing"], config=NL_REGIME)(
    server_auditing("northeurope", regime=NL_TAG)
)
# Complies: under the same regime they are kept in West Europe (the Netherlands).
case("az17-sql-server-auditing-west-europe-nl", AZURE_COPIES, cite=AZ_DOC["sql-auditing"], config=NL_REGIME)(
    server_auditing("westeurope", regime=NL_TAG)
)

MOVER = "ledger-mover"


def storage_mover(target_location: str, new_account: bool = False) -> Build:
    """An Azure Storage Mover (tagged GDPR) migrating the claims archive from the on-premises NFS export into a
    blob container of storage account ledgerarchive in ``target_location``."""

    def build(s: Stack) -> None:
        mover = put(
            s,
            "azure-native:storagemover:StorageMover",
            MOVER,
            azure(s),
            known={"id": f"{RG}/Microsoft.StorageMover/storageMovers/{MOVER}"},
            resourceGroupName="ledger",
            storageMoverName=MOVER,
            location="westeurope",
            description="claims archive migration",
            tags=GDPR,
        )
        if new_account:
            account = put(
                s,
                "azure-native:storage:StorageAccount",
                "ledgerarchive",
                azure(s, target_location),
                resourceGroupName="ledger",
                location=target_location,
                accountName="ledgerarchive",
                kind="StorageV2",
                sku={"name": "Standard_LRS"},
                allowBlobPublicAccess=False,
                minimumTlsVersion="TLS1_2",
            )
        else:
            account = storage_account(s, "ledgerarchive", target_location, None)
        project = put(
            s,
            "azure-native:storagemover:Project",
            "claims-archive",
            azure(s),
            deps=[mover],
            resourceGroupName="ledger",
            storageMoverName=MOVER,
            projectName="claims-archive",
        )
        source = put(
            s,
            "azure-native:storagemover:Endpoint",
            "claims-nfs",
            azure(s),
            deps=[mover],
            resourceGroupName="ledger",
            storageMoverName=MOVER,
            endpointName="claims-nfs",
            properties={"endpointType": "NfsMount", "host": "10.40.2.15", "export": "/claims", "nfsVersion": "NFSv4"},
        )
        target = put(
            s,
            "azure-native:storagemover:Endpoint",
            "claims-blob",
            azure(s),
            deps=[mover, account],
            resourceGroupName="ledger",
            storageMoverName=MOVER,
            endpointName="claims-blob",
            properties={
                "endpointType": "AzureStorageBlobContainer",
                "storageAccountResourceId": UNKNOWN
                if new_account
                else f"{RG}/Microsoft.Storage/storageAccounts/ledgerarchive",
                "blobContainerName": "claims",
            },
        )
        if new_account:
            depends(s, target, properties=[account])
        put(
            s,
            "azure-native:storagemover:JobDefinition",
            "claims-copy",
            azure(s),
            deps=[project, source, target],
            resourceGroupName="ledger",
            storageMoverName=MOVER,
            projectName="claims-archive",
            jobDefinitionName="claims-copy",
            sourceName="claims-nfs",
            targetName="claims-blob",
            copyMode="Additive",
            agentName="ledger-agent-1",
        )

    return build


# Violates: the GDPR mover copies the claims archive into a container in East US.
case("az17-storage-mover-target-east-us", AZURE_COPIES, "DENY", AZ_DOC["mover-endpoints"])(storage_mover("eastus"))
# Complies: the target container is in West Europe.
case("az17-storage-mover-target-west-europe", AZURE_COPIES, cite=AZ_DOC["mover-jobs"])(storage_mover("westeurope"))


def search_private_link(search_location: str) -> Build:
    """A search service (untagged) whose indexer reads the GDPR claims account through a shared private link;
    the index it builds holds the documents' text where the search service is."""

    def build(s: Stack) -> None:
        account = storage_account(s, "ledgerclaims", "westeurope", GDPR)
        search = az(
            s,
            "azure-native:search:Service",
            "claims-search",
            search_location,
            None,
            "Microsoft.Search/searchServices/claims-search",
            searchServiceName="claims-search",
            sku={"name": "standard"},
            replicaCount=1,
            partitionCount=1,
        )
        put(
            s,
            "azure-native:search:SharedPrivateLinkResource",
            "claims-search-blob",
            azure(s),
            deps=[search, account],
            resourceGroupName="ledger",
            searchServiceName="claims-search",
            sharedPrivateLinkResourceName="ledgerclaims-blob",
            properties={
                "privateLinkResourceId": f"{RG}/Microsoft.Storage/storageAccounts/ledgerclaims",
                "groupId": "blob",
                "requestMessage": "claims indexer",
            },
        )

    return build


# Violates: the search service in East US indexes (copies) the GDPR account's documents.
case("az17-search-private-link-east-us", AZURE_COPIES, "DENY", AZ_DOC["search-spl"])(search_private_link("eastus"))
# Complies: the search service is in West Europe.
case("az17-search-private-link-west-europe", AZURE_COPIES, cite=AZ_DOC["search-spl"])(search_private_link("westeurope"))


def adx_event_hub(cluster_location: str) -> Build:
    """A Data Explorer cluster (untagged) ingesting the GDPR claim events from an Event Hub in West Europe."""

    def build(s: Stack) -> None:
        ns = az(
            s,
            "azure-native:eventhub:Namespace",
            "ledger-events",
            "westeurope",
            GDPR,
            "Microsoft.EventHub/namespaces/ledger-events",
            namespaceName="ledger-events",
            sku={"name": "Standard", "tier": "Standard"},
        )
        hub = put(
            s,
            "azure-native:eventhub:EventHub",
            "claim-events",
            azure(s),
            deps=[ns],
            known={"id": f"{RG}/Microsoft.EventHub/namespaces/ledger-events/eventhubs/claim-events"},
            resourceGroupName="ledger",
            namespaceName="ledger-events",
            eventHubName="claim-events",
            partitionCount=4,
        )
        cluster = az(
            s,
            "azure-native:kusto:Cluster",
            "ops-adx",
            cluster_location,
            None,
            "Microsoft.Kusto/clusters/opsadx",
            clusterName="opsadx",
            sku={"name": "Standard_E2ads_v5", "tier": "Standard", "capacity": 2},
        )
        db = az(
            s,
            "azure-native:kusto:ReadWriteDatabase",
            "ops-adx-db",
            cluster_location,
            None,
            "Microsoft.Kusto/clusters/opsadx/databases/claims",
            clusterName="opsadx",
            databaseName="claims",
            kind="ReadWrite",
        )
        _find(s, db).dependencies = [cluster]
        put(
            s,
            "azure-native:kusto:EventHubDataConnection",
            "claims-ingest",
            azure(s, cluster_location),
            deps=[db, hub],
            resourceGroupName="ledger",
            clusterName="opsadx",
            databaseName="claims",
            dataConnectionName="claims-ingest",
            kind="EventHub",
            location=cluster_location,
            eventHubResourceId=f"{RG}/Microsoft.EventHub/namespaces/ledger-events/eventhubs/claim-events",
            consumerGroup="$Default",
            tableName="ClaimEvents",
            dataFormat="JSON",
        )

    return build


# Violates: a Data Explorer cluster in East US ingests (stores) the GDPR claim events.
case("az17-adx-event-hub-ingest-east-us", AZURE_COPIES, "DENY", AZ_DOC["adx-eventhub"])(adx_event_hub("eastus"))
# Complies: the cluster is in West Europe.
case("az17-adx-event-hub-ingest-west-europe", AZURE_COPIES, cite=AZ_DOC["adx-eventhub"])(adx_event_hub("westeurope"))


def adx_cluster_viewer(tenant: str | None) -> Build:
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
        inputs: dict[str, Any] = {} if tenant is None else {"tenantId": tenant}
        put(
            s,
            "azure-native:kusto:ClusterPrincipalAssignment",
            "claims-adx-all-viewers",
            azure(s),
            deps=[cluster],
            resourceGroupName="ledger",
            clusterName="claimsadx",
            principalAssignmentName="auditors",
            principalId="6f5e4d3c-2b1a-4098-8f7e-6d5c4b3a2918",
            principalType="Group",
            role="AllDatabasesViewer",
            **inputs,
        )

    return build


# Violates: a group of another company's tenant may read every database of the GDPR cluster.
case("az17-adx-cluster-viewer-partner-tenant", AZURE_COPIES, "DENY", AZ_DOC["adx-cluster-principals"])(
    adx_cluster_viewer(PARTNER_TENANT)
)
# Complies: the group is in our own tenant (the default when none is given).
case("az17-adx-cluster-viewer-own-tenant", AZURE_COPIES, cite=AZ_DOC["adx-cluster-principals"])(
    adx_cluster_viewer(None)
)


# ============================================================================ outside destinations
OUT_DOC = {
    "glue-jdbc": "https://docs.aws.amazon.com/glue/latest/dg/connection-properties.html",
    "apigee-targets": "https://cloud.google.com/apigee/docs/api-platform/deploy/load-balancing-across-backend-servers",
    "run-urls": "https://cloud.google.com/run/docs/triggering/https-request#deterministic",
    "agw-backends": "https://learn.microsoft.com/en-us/azure/application-gateway/application-gateway-components#backend-pools",
    "hybrid-connections": "https://learn.microsoft.com/en-us/azure/app-service/app-service-hybrid-connections",
}
OWN_DW = "claims-dw.c1a2b3c4d5e6.eu-west-1.rds.amazonaws.com"


def glue_connection(url: str) -> Build:
    """A GDPR Glue ETL job that writes the claims mart through JDBC connection ``url``."""

    def build(s: Stack) -> None:
        conn = put(
            s,
            "aws:glue/connection:Connection",
            "claims-mart",
            aws(s),
            known={"id": f"{ACCOUNT}:claims-mart", "arn": f"arn:aws:glue:eu-west-1:{ACCOUNT}:connection/claims-mart"},
            name="claims-mart",
            connectionType="JDBC",
            connectionProperties={"JDBC_CONNECTION_URL": url, "SECRET_ID": "claims-mart-etl"},
            physicalConnectionRequirements={
                "subnetId": "subnet-0a1b2c3d4e5f60718",
                "securityGroupIdLists": ["sg-0a1b2c3d4e5f60718"],
                "availabilityZone": "eu-west-1a",
            },
            tags=GDPR,
        )
        put(
            s,
            "aws:glue/job:Job",
            "claims-mart-load",
            aws(s),
            deps=[conn],
            name="claims-mart-load",
            roleArn=f"arn:aws:iam::{ACCOUNT}:role/claims-glue",
            glueVersion="5.0",
            command={"name": "glueetl", "scriptLocation": "s3://ledger-artifacts/glue/claims_mart_load.py"},
            connections=["claims-mart"],
            defaultArguments={"--target_connection": "claims-mart", "--source_table": "claims.claims"},
            tags=GDPR,
        )

    return build


# Violates: the job loads GDPR claims into another company's warehouse on the internet.
case("out17-glue-connection-partner-warehouse", OUTSIDE, "DENY", OUT_DOC["glue-jdbc"])(
    glue_connection("jdbc:postgresql://warehouse.partner-analytics.example:5432/claims")
)
# Complies: the connection names our RDS endpoint in Ireland (the host carries the Region).
case("out17-glue-connection-own-rds-ireland", OUTSIDE, cite=OUT_DOC["glue-jdbc"])(
    glue_connection(f"jdbc:postgresql://{OWN_DW}:5432/claims")
)

SCORING_RUN_HOST = "claims-scoring-123456789012.europe-west3.run.app"


def apigee_target(host: str, ssl: Any = None) -> Build:
    """A target server of the GDPR Apigee environment: the claims API proxies forward every request to ``host``."""

    def build(s: Stack) -> None:
        org = put(
            s,
            "gcp:apigee/organization:Organization",
            "ledger-apigee",
            gcp(s),
            known={"id": f"organizations/{PROJECT}", "name": PROJECT},
            projectId=PROJECT,
            analyticsRegion="europe-west3",
            runtimeType="CLOUD",
            apiConsumerDataLocation="europe-west3",
        )
        deps = [org]
        if host == SCORING_RUN_HOST:
            deps.append(
                put(
                    s,
                    "gcp:cloudrunv2/service:Service",
                    "claims-scoring",
                    gcp(s),
                    known={
                        "id": f"projects/{PROJECT}/locations/europe-west3/services/claims-scoring",
                        "uri": f"https://{SCORING_RUN_HOST}",
                        "urls": [f"https://{SCORING_RUN_HOST}"],
                    },
                    name="claims-scoring",
                    location="europe-west3",
                    labels=GDPR,
                    template={"containers": [{"image": "europe-west3-docker.pkg.dev/ledger-prod/claims/scoring:2.0"}]},
                )
            )
        put(
            s,
            "gcp:apigee/targetServer:TargetServer",
            "claims-scoring-target",
            gcp(s),
            deps=deps,
            envId=f"organizations/{PROJECT}/environments/prod",
            name="claims-scoring",
            host=host,
            port=443,
            protocol="HTTP",
            sSlInfo={"enabled": True} if ssl is None else ssl,
        )

    return build


# Violates: the GDPR API's proxies forward claims to another company's scoring service.
case("out17-apigee-target-partner", OUTSIDE, "DENY", OUT_DOC["apigee-targets"], config=GDPR_STACK)(
    apigee_target("api.partner-scoring.example")
)
# Complies: the target is our own Cloud Run service in Frankfurt, managed by this stack.
case("out17-apigee-target-own-cloud-run", OUTSIDE, cite=OUT_DOC["run-urls"], config=GDPR_STACK)(
    apigee_target(SCORING_RUN_HOST)
)

OWN_APP_HOST = "claims-intake.azurewebsites.net"


def own_app(s: Stack, tags: dict[str, str] = GDPR) -> str:
    app = az(
        s,
        "azure-native:web:WebApp",
        "claims-intake",
        "westeurope",
        tags,
        "Microsoft.Web/sites/claims-intake",
        name="claims-intake",
        serverFarmId=f"{RG}/Microsoft.Web/serverfarms/ledger-plan",
        httpsOnly=True,
    )
    resource = _find(s, app)
    resource.outputs = {**resource.outputs, "defaultHostName": OWN_APP_HOST}
    return app


def app_gateway(fqdn: str) -> Build:
    """The GDPR claims portal's Application Gateway; its backend pool receives every request (claim forms)."""

    def build(s: Stack) -> None:
        deps = [own_app(s)] if fqdn == OWN_APP_HOST else []
        gw = f"{RG}/Microsoft.Network/applicationGateways/claims-agw"
        put(
            s,
            "azure-native:network:ApplicationGateway",
            "claims-agw",
            azure(s),
            deps=deps,
            resourceGroupName="ledger",
            applicationGatewayName="claims-agw",
            location="westeurope",
            tags=GDPR,
            sku={"name": "WAF_v2", "tier": "WAF_v2", "capacity": 2},
            gatewayIPConfigurations=[
                {"name": "gw-ip", "subnet": {"id": f"{RG}/Microsoft.Network/virtualNetworks/ledger/subnets/agw"}}
            ],
            frontendIPConfigurations=[
                {"name": "public", "publicIPAddress": {"id": f"{RG}/Microsoft.Network/publicIPAddresses/claims-agw"}}
            ],
            frontendPorts=[{"name": "https", "port": 443}],
            backendAddressPools=[{"name": "intake", "backendAddresses": [{"fqdn": fqdn}]}],
            backendHttpSettingsCollection=[
                {"name": "intake-https", "port": 443, "protocol": "Https", "pickHostNameFromBackendAddress": True}
            ],
            httpListeners=[
                {
                    "name": "portal",
                    "frontendIPConfiguration": {"id": f"{gw}/frontendIPConfigurations/public"},
                    "frontendPort": {"id": f"{gw}/frontendPorts/https"},
                    "protocol": "Https",
                    "sslCertificate": {"id": f"{gw}/sslCertificates/portal"},
                }
            ],
            requestRoutingRules=[
                {
                    "name": "portal-to-intake",
                    "ruleType": "Basic",
                    "priority": 100,
                    "httpListener": {"id": f"{gw}/httpListeners/portal"},
                    "backendAddressPool": {"id": f"{gw}/backendAddressPools/intake"},
                    "backendHttpSettings": {"id": f"{gw}/backendHttpSettingsCollection/intake-https"},
                }
            ],
        )

    return build


# Violates: the gateway forwards the GDPR portal's requests to another company's intake service.
case("out17-app-gateway-partner-backend", OUTSIDE, "DENY", OUT_DOC["agw-backends"])(
    app_gateway("intake.partner-claims.example")
)
# Complies: the backend is our own web app in West Europe, managed by this stack.
case("out17-app-gateway-own-web-app", OUTSIDE, cite=OUT_DOC["agw-backends"])(app_gateway(OWN_APP_HOST))


def hybrid_connection(tags: dict[str, str]) -> Build:
    """A hybrid connection of the claims intake web app to host ocr.partner-docs.example:443, reached through
    an Azure Relay from the partner's network: the app sends the uploaded documents there."""

    def build(s: Stack) -> None:
        app = own_app(s, tags)
        put(
            s,
            "azure-native:web:WebAppHybridConnection",
            "claims-intake-ocr",
            azure(s),
            deps=[app],
            resourceGroupName="ledger",
            name="claims-intake",
            namespaceName="ledger-relay",
            relayName="partner-ocr",
            hostname="ocr.partner-docs.example",
            port=443,
            relayArmUri=f"{RG}/Microsoft.Relay/namespaces/ledger-relay/hybridConnections/partner-ocr",
            sendKeyName="defaultSender",
            serviceBusNamespace="ledger-relay",
        )

    return build


# Violates: the GDPR web app sends claim documents to a partner's host outside the cloud.
case("out17-hybrid-connection-partner-host", OUTSIDE, "DENY", OUT_DOC["hybrid-connections"])(hybrid_connection(GDPR))
# Complies: the same connection from a web app declared unregulated, in a stack declared unregulated.
case("out17-hybrid-connection-unregulated-app", OUTSIDE, cite=OUT_DOC["hybrid-connections"], config=NONE_STACK)(
    hybrid_connection(NONE)
)


# ============================================================================ unset location defaults
DEF_DOC = {
    "aws-region": "https://www.pulumi.com/registry/packages/aws/installation-configuration/",
    "contact-list": "https://www.pulumi.com/registry/packages/aws/api-docs/sesv2/contactlist/",
    "dataform-release": "https://www.pulumi.com/registry/packages/gcp/api-docs/dataform/repositoryreleaseconfig/",
    "batch-account": "https://www.pulumi.com/registry/packages/azure-native/api-docs/batch/batchaccount/",
    "email-service": "https://www.pulumi.com/registry/packages/azure-native/api-docs/communication/emailservice/",
    "acs-privacy": "https://learn.microsoft.com/en-us/azure/communication-services/concepts/privacy",
}


def contact_list(region: str | None) -> Build:
    """An SES contact list of claimants' email addresses, under a provider that names no region; ``region``
    is the resource's own region (AWS v7)."""

    def build(s: Stack) -> None:
        prov = s.provider("aws", "aws-no-region")
        extra: dict[str, Any] = {} if region is None else {"region": region}
        put(
            s,
            "aws:sesv2/contactList:ContactList",
            "claimants",
            prov,
            contactListName="claimants",
            description="claimants who opted in to claim status emails",
            topics=[
                {
                    "topicName": "claim-status",
                    "displayName": "Claim status",
                    "defaultSubscriptionStatus": "OPT_OUT",
                }
            ],
            tags=GDPR,
            **extra,
        )

    return build


# Violates: neither the contact list nor its provider names a region (the provider takes whatever region its
# environment gives).
case("def17-ses-contact-list-no-region", DEFAULTS, "DENY", DEF_DOC["aws-region"])(contact_list(None))
# Complies: the contact list names its own region, Frankfurt.
case("def17-ses-contact-list-own-region", DEFAULTS, cite=DEF_DOC["contact-list"])(contact_list("eu-central-1"))


def dataform_release(default_location: Any) -> Build:
    """A Dataform release configuration of the GDPR claims mart repository; compiled workflows create their
    BigQuery tables and datasets in ``codeCompilationConfig.defaultLocation`` (unset: US)."""

    def build(s: Stack) -> None:
        repo = put(
            s,
            "gcp:dataform/repository:Repository",
            "claims-mart",
            gcp(s),
            known={"id": f"projects/{PROJECT}/locations/europe-west3/repositories/claims-mart"},
            name="claims-mart",
            region="europe-west3",
            labels=GDPR,
        )
        compile_config: dict[str, Any] = {"defaultDatabase": PROJECT, "defaultSchema": "claims_mart"}
        if default_location is not None:
            compile_config["defaultLocation"] = default_location
        put(
            s,
            "gcp:dataform/repositoryReleaseConfig:RepositoryReleaseConfig",
            "claims-mart-nightly",
            gcp(s),
            deps=[repo],
            project=PROJECT,
            region="europe-west3",
            repository="claims-mart",
            name="nightly",
            gitCommitish="main",
            cronSchedule="0 2 * * *",
            timeZone="Europe/Berlin",
            codeCompilationConfig=compile_config,
        )

    return build


# Violates: no default location: the release's workflows write the claims mart to BigQuery's US multi-region.
case("def17-dataform-release-default-location-unset", DEFAULTS, "DENY", DEF_DOC["dataform-release"], config=GDPR_STACK)(
    dataform_release(None)
)
# Complies: the default location is the EU multi-region.
case("def17-dataform-release-default-location-eu", DEFAULTS, cite=DEF_DOC["dataform-release"], config=GDPR_STACK)(
    dataform_release("EU")
)


def batch_account(group_location: str) -> Build:
    """A GDPR Batch account (claim-scoring jobs, their input and output files) with no location of its own, in
    resource group claims-batch, managed by this stack in ``group_location``."""

    def build(s: Stack) -> None:
        group = resource_group(s, group_location, "claims-batch", GDPR)
        put(
            s,
            "azure-native:batch:BatchAccount",
            "claimsbatch",
            azure(s),
            deps=[group],
            resourceGroupName="claims-batch",
            accountName="claimsbatch",
            poolAllocationMode="BatchService",
            publicNetworkAccess="Disabled",
            tags=GDPR,
        )

    return build


# Violates: the account takes its resource group's location, East US, over a West Europe provider.
case("def17-batch-account-group-east-us", DEFAULTS, "DENY", DEF_DOC["batch-account"])(batch_account("eastus"))
# Complies: its resource group is in West Europe.
case("def17-batch-account-group-west-europe", DEFAULTS, cite=DEF_DOC["batch-account"])(batch_account("westeurope"))


def email_service(data_location: Any, tags: dict[str, str] = GDPR) -> Build:
    """An Email Communication Service sending claim letters: its location is "global"; where it keeps the
    messages' data is its dataLocation."""

    def build(s: Stack) -> None:
        put(
            s,
            "azure-native:communication:EmailService",
            "claims-mail",
            azure(s),
            resourceGroupName="ledger",
            emailServiceName="claims-mail",
            location="global",
            dataLocation=data_location,
            tags=tags,
        )

    return build


# Violates: the email service keeps its data in the United States (the API's own example value).
case("def17-email-service-united-states", DEFAULTS, "DENY", DEF_DOC["acs-privacy"])(email_service("United States"))
# Complies: it keeps its data in Europe.
case("def17-email-service-europe", DEFAULTS, cite=DEF_DOC["email-service"])(email_service("Europe"))
# Violates: the data location "UK" is outside the EEA that the GDPR regime allows.
case("def17-email-service-uk", DEFAULTS, "DENY", DEF_DOC["acs-privacy"])(email_service("UK"))
# Violates: under the built-in Switzerland regime, "Europe" (the EU data centres) is outside Switzerland.
case("def17-email-service-europe-ch-regime", DEFAULTS, "DENY", DEF_DOC["acs-privacy"])(email_service("Europe", CH_TAG))
# Complies: under the same regime the data location is Switzerland.
case("def17-email-service-switzerland-ch-regime", DEFAULTS, cite=DEF_DOC["acs-privacy"])(
    email_service("Switzerland", CH_TAG)
)


# ============================================================================ Kubernetes operators
OP_DOC = {
    "ack-notebook": "https://aws-controllers-k8s.github.io/community/reference/sagemaker/v1alpha1/notebookinstance/",
    "ack-region": "https://aws-controllers-k8s.github.io/community/docs/user-docs/multi-region-resource-management/",
    "xp-bigtable": "https://marketplace.upbound.io/providers/upbound/provider-gcp-bigtable/latest/resources/bigtable.gcp.upbound.io/Instance/v1beta1",
    "kcc-image": "https://cloud.google.com/config-connector/docs/reference/resource-docs/compute/computeimage",
    "aso-signalr": "https://azure.github.io/azure-service-operator/reference/signalrservice/v1api20211001/",
    "aso-kusto": "https://azure.github.io/azure-service-operator/reference/kusto/v1api20230815/",
}


def ack_notebook(region: str) -> Callable[[Stack, str], str]:
    return custom_resource(
        "sagemaker.services.k8s.aws/v1alpha1",
        "NotebookInstance",
        "acme-analysis",
        "acme",
        {
            "notebookInstanceName": "acme-analysis",
            "instanceType": "ml.t3.medium",
            "roleARN": f"arn:aws:iam::{ACCOUNT}:role/acme-sagemaker",
            "volumeSizeInGB": 50,
        },
        annotations={"services.k8s.aws/region": region},
    )


# Violates: ACK creates the GDPR tenant's SageMaker notebook (its volume holds the analysts' data extracts) in
# N. Virginia.
case("op17-ack-sagemaker-notebook-us", OPERATORS, "DENY", OP_DOC["ack-notebook"])(operator(ack_notebook("us-east-1")))
# Complies: the notebook is in Frankfurt.
case("op17-ack-sagemaker-notebook-de", OPERATORS, cite=OP_DOC["ack-region"])(operator(ack_notebook("eu-central-1")))
# Violates: eu-central-2 is Zurich, outside the EEA, though its name reads like an EU Region.
case("op17-ack-sagemaker-notebook-zurich", OPERATORS, "DENY", OP_DOC["ack-region"])(
    operator(ack_notebook("eu-central-2"))
)


def xp_bigtable(zone: str) -> Callable[[Stack, str], str]:
    return custom_resource(
        "bigtable.gcp.upbound.io/v1beta1",
        "Instance",
        "acme-events",
        None,
        {
            "forProvider": {
                "cluster": [{"clusterId": "acme-events-c1", "zone": zone, "numNodes": 1, "storageType": "SSD"}],
                "deletionProtection": False,
                "labels": {"team": "acme"},
            },
            "providerConfigRef": {"name": "default"},
        },
        labels={**GDPR, "fleet-tenant": "acme"},
    )


# Violates: the Crossplane Bigtable instance labelled GDPR has its only cluster in an Iowa zone (Bigtable keeps
# the data where its clusters are; the instance has no region field).
case("op17-crossplane-bigtable-us-zone", OPERATORS, "DENY", OP_DOC["xp-bigtable"])(
    operator(xp_bigtable("us-central1-b"), "gcp")
)
# Complies: its cluster is in a Frankfurt zone.
case("op17-crossplane-bigtable-de-zone", OPERATORS, cite=OP_DOC["xp-bigtable"])(
    operator(xp_bigtable("europe-west3-b"), "gcp")
)


def kcc_image(locations: list[str]) -> Callable[[Stack, str], str]:
    return kcc_object(
        "ComputeImage",
        "compute",
        "acme-golden",
        {
            "storageLocations": locations,
            "diskRef": {"external": "projects/acme-prod/zones/europe-west3-b/disks/acme-data"},
            "description": "acme worker image with the seeded claims cache",
        },
    )


# Violates: Config Connector stores the GDPR tenant's image (made from its data disk) in the US multi-region.
case("op17-kcc-compute-image-us", OPERATORS, "DENY", OP_DOC["kcc-image"])(operator(kcc_image(["us"]), "gcp"))
# Complies: the image is stored in Frankfurt.
case("op17-kcc-compute-image-frankfurt", OPERATORS, cite=OP_DOC["kcc-image"])(
    operator(kcc_image(["europe-west3"]), "gcp")
)


def aso_signalr(location: str) -> Callable[[Stack, str], str]:
    return custom_resource(
        "signalrservice.azure.com/v1api20211001",
        "SignalR",
        "acme-live",
        "acme",
        {
            "location": location,
            "owner": {"name": "acme-rg"},
            "kind": "SignalR",
            "sku": {"name": "Standard_S1", "capacity": 1},
        },
    )


# Violates: under a Netherlands-only regime, ASO creates the tenant's SignalR service (it relays every message)
# in Germany West Central.
case("op17-aso-signalr-germany-nl-regime", OPERATORS, "DENY", OP_DOC["aso-signalr"], config=NL_REGIME)(
    operator(aso_signalr("germanywestcentral"), "azure-native", residency="nl")
)
# Complies: under the same regime it is in West Europe (the Netherlands).
case("op17-aso-signalr-west-europe-nl-regime", OPERATORS, cite=OP_DOC["aso-signalr"], config=NL_REGIME)(
    operator(aso_signalr("westeurope"), "azure-native", residency="nl")
)


def aso_kusto(location: str) -> Callable[[Stack, str], str]:
    return custom_resource(
        "kusto.azure.com/v1api20230815",
        "Cluster",
        "acme-adx",
        "acme",
        {
            "location": location,
            "owner": {"name": "acme-rg"},
            "sku": {"name": "Standard_E2ads_v5", "tier": "Standard", "capacity": 2},
        },
    )


# Violates: ASO creates the GDPR tenant's Data Explorer cluster in East US.
case("op17-aso-kusto-east-us", OPERATORS, "DENY", OP_DOC["aso-kusto"])(operator(aso_kusto("eastus"), "azure-native"))
# Complies: it is in Sweden Central.
case("op17-aso-kusto-sweden", OPERATORS, cite=OP_DOC["aso-kusto"])(operator(aso_kusto("swedencentral"), "azure-native"))


# ============================================================================ cloud guardrails
GRD_DOC = {
    "scp-inheritance": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_inheritance_auth.html",
    "scp-evaluation": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html",
    "az-scope": "https://learn.microsoft.com/en-us/azure/governance/policy/concepts/scope",
    "az-mg": "https://learn.microsoft.com/en-us/azure/governance/management-groups/overview",
    "gcp-hierarchy": "https://cloud.google.com/resource-manager/docs/organization-policy/understanding-hierarchy",
}
ROOT = "r-a1b2"
EEA_OU = "ou-a1b2-eea00001"
SANDBOX_OU = "ou-a1b2-sbx00001"


def account_in_ou(ou: str) -> Build:
    """The guarded EKS cluster's account, managed by the stack as an organization account, placed in ``ou``;
    the region-deny SCP is attached to the EEA workloads OU (not to the account)."""
    built = retouch(
        eks_guarded(), "aws:organizations/policyAttachment:PolicyAttachment", "eea-scp-attachment", targetId=EEA_OU
    )

    def build(s: Stack) -> None:
        built(s)
        org = s.urn("pulumi:providers:aws", "org")
        for name, ou_id in (("eea-workloads", EEA_OU), ("sandbox", SANDBOX_OU)):
            put(
                s,
                "aws:organizations/organizationalUnit:OrganizationalUnit",
                name,
                org,
                known={"id": ou_id, "arn": f"arn:aws:organizations::999999999999:ou/o-a1b2c3d4e5/{ou_id}"},
                name=name,
                parentId=ROOT,
            )
        put(
            s,
            "aws:organizations/account:Account",
            "ledger-prod-account",
            org,
            known={
                "id": ACCOUNT,
                "arn": f"arn:aws:organizations::999999999999:account/o-a1b2c3d4e5/{ACCOUNT}",
                "parentId": ou,
            },
            name="ledger-prod",
            email="aws-ledger-prod@ledger.example",
            parentId=ou,
            closeOnDeletion=False,
        )

    return build


# Violates: the cluster's account is in the sandbox OU; the SCP is attached to the EEA workloads OU, a sibling,
# so nothing restricts the account's Regions.
case("grd17-aws-account-in-sandbox-ou", GUARDRAILS, "DENY", GRD_DOC["scp-inheritance"])(account_in_ou(SANDBOX_OU))
# Complies: the account is in the EEA workloads OU, which inherits nothing weaker.
case("grd17-aws-account-in-eea-ou", GUARDRAILS, cite=GRD_DOC["scp-inheritance"])(account_in_ou(EEA_OU))


def allow_list_scp() -> str:
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "AllowOnlyEEA",
                    "Effect": "Allow",
                    "Action": "*",
                    "Resource": "*",
                    "Condition": {"StringEquals": {"aws:RequestedRegion": GDPR_AWS}},
                }
            ],
        }
    )


# Violates: an SCP Allow statement limited to EEA Regions denies nothing while FullAWSAccess stays attached
# (SCPs grant nothing; only an explicit Deny removes a permission).
case("grd17-aws-scp-allow-list", GUARDRAILS, "DENY", GRD_DOC["scp-evaluation"])(eks_guarded(allow_list_scp()))

MG_ROOT = "/providers/Microsoft.Management/managementGroups"


def subscription_in_group(group: str) -> Build:
    """The guarded AKS cluster with its allowed-locations assignments at management group eea-workloads; the
    stack places the cluster's subscription into management group ``group``."""

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
        for name in ("eea-workloads", "sandbox"):
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
        put(
            s,
            "azure-native:management:ManagementGroupSubscription",
            "cluster-subscription",
            policy,
            deps=[s.urn("azure-native:management:ManagementGroup", f"mg-{group}")],
            groupId=group,
        )

    return build


# Violates: the subscription is moved into the sandbox management group, outside the one the allowed-locations
# assignments cover.
case("grd17-azure-subscription-in-sandbox-group", GUARDRAILS, "DENY", GRD_DOC["az-scope"])(
    subscription_in_group("sandbox")
)
# Complies: it is placed in eea-workloads, whose assignments it inherits.
case("grd17-azure-subscription-in-eea-group", GUARDRAILS, cite=GRD_DOC["az-mg"])(subscription_in_group("eea-workloads"))

EEA_FOLDER = "271828182845"
SANDBOX_FOLDER = "314159265358"


def project_in_folder(folder: str) -> Build:
    """The guarded GKE cluster's project, managed by the stack, in folder ``folder``; gcp.resourceLocations is
    set on the EEA folder."""

    def own_sink(s: Stack, org: str) -> None:
        default_sink("europe-west3")(s)

    def hierarchy(s: Stack, org: str) -> None:
        for name, number in (("eea-workloads", EEA_FOLDER), ("sandbox", SANDBOX_FOLDER)):
            put(
                s,
                "gcp:organizations/folder:Folder",
                name,
                org,
                known={"id": f"folders/{number}", "name": f"folders/{number}", "folderId": number},
                displayName=name,
                parent="organizations/123456789012",
            )
        put(
            s,
            "gcp:orgpolicy/policy:Policy",
            "eea-folder-locations",
            org,
            name=f"folders/{EEA_FOLDER}/policies/gcp.resourceLocations",
            parent=f"folders/{EEA_FOLDER}",
            spec={
                "inheritFromParent": False,
                "rules": [{"values": {"allowedValues": ["in:europe-west3-locations", "in:europe-west4-locations"]}}],
            },
        )
        put(
            s,
            "gcp:organizations/project:Project",
            "ledger-project",
            org,
            known={"id": f"projects/{PROJECT}", "number": "123456789012", "folderId": folder},
            projectId=PROJECT,
            name=PROJECT,
            folderId=folder,
            billingAccount="012345-6789AB-CDEF01",
            deletionPolicy="PREVENT",
        )

    return gke_guarded(own_sink, hierarchy)


# Violates: the cluster's project sits in the sandbox folder; the locations policy is on the EEA folder.
case("grd17-gcp-project-in-sandbox-folder", GUARDRAILS, "DENY", GRD_DOC["gcp-hierarchy"])(
    project_in_folder(SANDBOX_FOLDER)
)
# Complies: the project is in the EEA folder and inherits its policy.
case("grd17-gcp-project-in-eea-folder", GUARDRAILS, cite=GRD_DOC["gcp-hierarchy"])(project_in_folder(EEA_FOLDER))


# ============================================================================ unknown at preview
PRE_DOC = {
    "unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
    "policy-preview": "https://www.pulumi.com/docs/iac/using-pulumi/crossguard/best-practices/",
}

# Violates: the GDPR function is new (its name unknown to the permission); the partner account is known.
case("pre17-lambda-permission-new-function-partner", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    lambda_permission(PARTNER_ACCOUNT, new_function=True)
)
# Complies at preview: the principal is a role created in this update (its ARN unknown).
case("pre17-lambda-permission-principal-unknown", PREVIEW, cite=PRE_DOC["policy-preview"])(lambda_permission(UNKNOWN))
# Violates: the audit storage account is new (its endpoint unknown); its location, East US, is known from its
# inputs.
case("pre17-sql-auditing-new-account-east-us", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    server_auditing("eastus", new_account=True)
)
# Complies: the same new account in West Europe.
case("pre17-sql-auditing-new-account-west-europe", PREVIEW, cite=PRE_DOC["unknowns"])(
    server_auditing("westeurope", new_account=True)
)
# Violates: the Cloud Run service is new (its name unknown to the member); allUsers is known.
case("pre17-run-iam-new-service-all-users", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    run_invoker("allUsers", new_service=True)
)
# Complies at preview: the member is a service account created in this update.
case("pre17-run-iam-member-unknown", PREVIEW, cite=PRE_DOC["policy-preview"])(run_invoker(UNKNOWN))
# Violates: the Aurora cluster is new (its ARN unknown); the target is another company's namespace, known.
case("pre17-zero-etl-new-cluster-partner-namespace", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    zero_etl("partner", new_source=True)
)
# Complies at preview: the target namespace is ours, created in this update in Ireland (its ARN unknown).
case("pre17-zero-etl-new-own-namespace", PREVIEW, cite=PRE_DOC["policy-preview"])(zero_etl("new"))
# Violates: the machine image is new (its name unknown to the member); allAuthenticatedUsers is known.
case("pre17-machine-image-new-image-all-authenticated", PREVIEW, "DENY", PRE_DOC["unknowns"], config=GDPR_STACK)(
    machine_image_member("allAuthenticatedUsers", new_image=True)
)
# Complies at preview: the disk's member is a service account created in this update.
case("pre17-disk-iam-member-unknown", PREVIEW, cite=PRE_DOC["policy-preview"])(disk_member(UNKNOWN))
# Violates: the mover's target storage account is new (its ID unknown to the endpoint); East US is known.
case("pre17-storage-mover-new-account-east-us", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    storage_mover("eastus", new_account=True)
)
# Complies: the same new account in West Europe.
case("pre17-storage-mover-new-account-west-europe", PREVIEW, cite=PRE_DOC["unknowns"])(
    storage_mover("westeurope", new_account=True)
)


# ============================================================================ malformed shapes
BAD_DOC = {
    "lambda-permission": "https://www.pulumi.com/registry/packages/aws/api-docs/lambda/permission/",
    "log-account-policy": "https://www.pulumi.com/registry/packages/aws/api-docs/cloudwatch/logaccountpolicy/",
    "seclake-subscriber": "https://www.pulumi.com/registry/packages/aws/api-docs/securitylake/subscriber/",
    "run-iam": "https://www.pulumi.com/registry/packages/gcp/api-docs/cloudrunv2/serviceiammember/",
    "machine-image-iam": "https://www.pulumi.com/registry/packages/gcp/api-docs/compute/machineimageiammember/",
    "dataform-release": "https://www.pulumi.com/registry/packages/gcp/api-docs/dataform/repositoryreleaseconfig/",
    "apigee-target": "https://www.pulumi.com/registry/packages/gcp/api-docs/apigee/targetserver/",
    "sql-auditing": "https://www.pulumi.com/registry/packages/azure-native/api-docs/sql/serverblobauditingpolicy/",
    "email-service": "https://www.pulumi.com/registry/packages/azure-native/api-docs/communication/emailservice/",
}

# Violates: the permission's principal (one principal) is a list of two accounts.
case("bad17-lambda-permission-principal-two", MALFORMED, "DENY", BAD_DOC["lambda-permission"])(
    lambda_permission([OWN_ACCOUNT, ACCOUNT])
)
# Violates: the account policy's document (a JSON string) is an object.
case("bad17-log-account-policy-document-object", MALFORMED, "DENY", BAD_DOC["log-account-policy"], config=GDPR_STACK)(
    account_subscription("own", document={"DestinationArn": FIREHOSE_ARN, "FilterPattern": ""})
)
# Violates: the Cloud Run IAM member's member (one principal) is a list of two of our own principals.
case("bad17-run-iam-member-two", MALFORMED, "DENY", BAD_DOC["run-iam"])(
    run_invoker([OWN_SA, "group:claims-analysts@ledger.example"])
)
# Violates: the machine image member (one principal) is an object.
case("bad17-machine-image-member-object", MALFORMED, "DENY", BAD_DOC["machine-image-iam"], config=GDPR_STACK)(
    machine_image_member({"group": "platform@ledger.example"})
)
# Violates: the release configuration's default location (one location) is a list of two.
case("bad17-dataform-default-location-two", MALFORMED, "DENY", BAD_DOC["dataform-release"], config=GDPR_STACK)(
    dataform_release(["EU", "europe-west3"])
)
# Violates: the auditing policy's storageEndpoint is a one-item list (azure-native takes one string).
case("bad17-sql-auditing-endpoint-list", MALFORMED, "DENY", BAD_DOC["sql-auditing"])(
    server_auditing("westeurope", storageEndpoint=["https://ledgeraudit.blob.core.windows.net/"])
)
# Violates: the email service's dataLocation is a one-item list.
case("bad17-email-service-data-location-list", MALFORMED, "DENY", BAD_DOC["email-service"])(email_service(["Europe"]))
# Complies: the target server's sSlInfo (one block, flattened by the SDK) given as a one-item list, as the
# bridge hands it to Terraform; the target is our own Cloud Run service.
case("bad17-apigee-ssl-info-one-item-list", MALFORMED, cite=BAD_DOC["apigee-target"], config=GDPR_STACK)(
    apigee_target(SCORING_RUN_HOST, ssl=[{"enabled": True}])
)
# Complies: the subscriber's sources (a list) given as one object, which the bridge wraps into a one-item list;
# the subscriber is our own account.
case("bad17-security-lake-sources-single-object", MALFORMED, cite=BAD_DOC["seclake-subscriber"], config=GDPR_STACK)(
    security_lake_subscriber(OWN_ACCOUNT, sources={"awsLogSourceResource": {"sourceName": "ROUTE53"}})
)
