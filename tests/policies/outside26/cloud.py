"""Cloud residency cases of the twenty-sixth outside corpus, written from cloud-provider documentation and the
pack's user-facing contract (docs/RULES.md, docs/SPEC.md, docs/REVIEW.md, README.md) by a helper session
that had not read the pack's rules, its residency survey, its configs or its tests. It must never be used
to tune the pack (see README.md beside it).

Cases are built with the ``Case``/``Stack`` API of ``tests/policies/corpus.py`` and the helpers of the
earlier outside corpora. A case asks only whether a correct pack denies it: ``expect="DENY"`` (some
mandatory violation) or nothing (compliant: no mandatory violation at all). Each cites the page its outcome
rests on; a comment above it says why it violates or complies. The resource or property that decides each
case is one none of the twenty-five earlier corpora used: Amazon Chime SDK SIP rules whose failover SIP media
application is in another Region (N. Virginia, or London), AWS Transfer Family users whose home directory (or
one logical directory of it) is a bucket in another Region, Cloud Control API resources (a DynamoDB global
table's replicas in the desired state, a bucket with its own Region), AMI launch permissions for an AWS
organization or organizational unit; Cloud Run NFS volumes served by a Filestore instance in another region
(or by a NAS the stack does not manage), API Gateway configs whose OpenAPI ``x-google-backend`` is a Cloud Run
service in another region or a third party, Workflows call logging into the project's global ``_Default`` log
bucket, Storage Transfer Service jobs to and from an on-premises POSIX file system, an Apigee environment's
forward proxy; Azure Digital Twins endpoints (Event Hubs, Service Bus, Event Grid, and their dead-letter
storage), generic ARM resources (``resources:Resource``) for a storage account and a Cosmos DB account, API
Management self-hosted gateways by their declared location; Crossplane Transfer Family users, Config Connector
transfer jobs to a POSIX sink, an ASO PostgreSQL read replica labelled as holding no regulated data; two SCPs
on one account that only together keep to the EEA, gcp.resourceLocations values without a prefix, "Allowed
locations" with ``global`` in its list, and an assignment narrowed by a resource-type selector.

``UNKNOWN`` stands for a value the engine only learns at the update.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from typing import Any

from tests.policies.corpus import GDPR, NONE, UNKNOWN, Stack, secret
from tests.policies.outside.corpus import (
    ACCOUNT,
    GDPR_AWS,
    GDPR_AZURE,
    PROJECT,
    RG,
    aks_guarded,
    aws,
    azure,
    custom_resource,
    eks_guarded,
    gcp,
    gcs_bucket,
    gke_guarded,
    operator,
    put,
    s3_bucket,
    scp,
)
from tests.policies.outside4.cloud import aso_rg, retouch
from tests.policies.outside11.cloud import depends
from tests.policies.outside15.cloud import PARTNER_ACCOUNT
from tests.policies.outside25.cloud import ledger_group, locations_policy
from tests.policies.outside26.common import case

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
GCP_NONE = {"fleet-residency": "none"}
MGMT = "999999999999"  # the organization's management account (as in the earlier corpora's guardrail stacks)

# ============================================================================ AWS: copies
AWS_DOC = {
    "sip-rules": "https://docs.aws.amazon.com/chime-sdk/latest/ag/understand-sip-data-models.html",
    "sip-target": "https://docs.aws.amazon.com/chime-sdk/latest/APIReference/API_voice-chime_SipRuleTargetApplication.html",
    "transfer-storage": "https://docs.aws.amazon.com/transfer/latest/userguide/configure-storage.html",
    "transfer-logical": "https://docs.aws.amazon.com/transfer/latest/userguide/logical-dir-mappings.html",
    "ddb-replicas": "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-dynamodb-globaltable-replicaspecification.html",
    "cloudcontrol": "https://docs.aws.amazon.com/cloudcontrolapi/latest/userguide/resource-operations-create.html",
    "region-override": "https://www.pulumi.com/registry/packages/aws/how-to-guides/aws-enhanced-region-support",
}

# --- Amazon Chime SDK PSTN audio: the claims hotline's SIP rule and its SIP media applications
SMA_IDS = {
    "eu-central-1": "4a1e6c3b-2d7f-4b8a-9c1e-5f2a7d3b6e90",
    "us-east-1": "8c2d4e6f-1a3b-4c5d-8e7f-9a0b1c2d3e4f",
    "eu-west-2": "2f7b9d1c-6e3a-4f58-b2c4-7a9e1d3c5b08",
}
HOTLINE = "+4969945012345"


def sip_media_application(s: Stack, region: str, new: bool = False) -> str:
    """The claims IVR as a SIP media application in ``region`` (its Lambda function is in the same Region), tagged
    as holding no regulated data. ``new``: created in this update (its ID unknown to the SIP rule)."""
    sma = SMA_IDS[region]
    return put(
        s,
        "aws:chime/sdkvoiceSipMediaApplication:SdkvoiceSipMediaApplication",
        f"claims-ivr-{region}",
        aws(s, region),
        known=None if new else {"id": sma, "arn": f"arn:aws:chime:{region}:{ACCOUNT}:sma/{sma}"},
        name=f"claims-ivr-{region}",
        awsRegion=region,
        endpoints={"lambdaArn": f"arn:aws:lambda:{region}:{ACCOUNT}:function:claims-ivr"},
        tags=dict(NONE),
    )


def sip_rule(failover: str | None, new_failover: bool = False, targets: Any = None) -> Build:
    """The SIP rule (Frankfurt) that routes every call to the claims hotline (a German number; callers read out policy
    numbers and describe their claims) to the SIP media application in Frankfurt and, when it fails, to the one in
    ``failover``. ``new_failover``: the failover application is created in this update; ``targets``:
    targetApplications as given."""

    def build(s: Stack) -> None:
        deps: list[str] = []
        apps: list[dict[str, Any]] = []
        new_app = ""
        deps.append(sip_media_application(s, "eu-central-1"))
        apps.append({"sipMediaApplicationId": SMA_IDS["eu-central-1"], "priority": 1, "awsRegion": "eu-central-1"})
        if failover is not None:
            new_app = sip_media_application(s, failover, new=new_failover)
            deps.append(new_app)
            apps.append(
                {
                    "sipMediaApplicationId": UNKNOWN if new_failover else SMA_IDS[failover],
                    "priority": 2,
                    "awsRegion": failover,
                }
            )
        urn = put(
            s,
            "aws:chime/sdkvoiceSipRule:SdkvoiceSipRule",
            "claims-hotline",
            aws(s, "eu-central-1"),
            deps=deps,
            name="claims-hotline",
            triggerType="ToPhoneNumber",
            triggerValue=HOTLINE,
            targetApplications=apps if targets is None else targets,
        )
        if new_failover:
            depends(s, urn, targetApplications=[new_app])

    return build


# Violates: when the Frankfurt application fails, the hotline's calls fail over to the application in N. Virginia
# ("SIP rules can specify alternate target SIP media applications in different AWS regions ... for failover").
case("aws26-sip-rule-failover-virginia", AWS_COPIES, "DENY", AWS_DOC["sip-rules"], config=GDPR_STACK)(
    sip_rule("us-east-1")
)
# Violates: the failover application is in London (eu-west-2); the United Kingdom is not in the EEA.
case("aws26-sip-rule-failover-london", AWS_COPIES, "DENY", AWS_DOC["sip-target"], config=GDPR_STACK)(
    sip_rule("eu-west-2")
)
# Complies: the rule's only target is the application in Frankfurt.
case("aws26-sip-rule-frankfurt-only", AWS_COPIES, cite=AWS_DOC["sip-rules"], config=GDPR_STACK)(sip_rule(None))

# --- AWS Transfer Family: the brokers' SFTP drop for claim documents
TRANSFER_SERVER = "s-0a1b2c3d4e5f60718"
INTAKE = "claims-intake"
ARCHIVE = "claims-archive"


def transfer_server(s: Stack, protocol_details: Any = None) -> str:
    """The claims SFTP server (Ireland, service-managed users, S3 domain), tagged GDPR."""
    extra: dict[str, Any] = {} if protocol_details is None else {"protocolDetails": protocol_details}
    return put(
        s,
        "aws:transfer/server:Server",
        "claims-sftp",
        aws(s),
        known={"id": TRANSFER_SERVER, "arn": f"arn:aws:transfer:eu-west-1:{ACCOUNT}:server/{TRANSFER_SERVER}"},
        identityProviderType="SERVICE_MANAGED",
        domain="S3",
        endpointType="PUBLIC",
        protocols=["SFTP"],
        securityPolicyName="TransferSecurityPolicy-2024-01",
        tags=GDPR,
        **extra,
    )


def transfer_user(
    intake_region: str | None = "eu-west-1",
    archive_region: str | None = None,
    new_bucket: bool = False,
    home: Any = None,
    mappings: Any = None,
    protocol_details: Any = None,
) -> Build:
    """A broker's Transfer Family user (tagged GDPR) on the claims SFTP server: every file the broker uploads lands
    in bucket claims-intake in ``intake_region`` (None: a bucket the stack does not manage). With
    ``archive_region`` the user has logical directories: ``/`` is the intake bucket and ``/archive`` is bucket
    claims-archive in that Region. Both buckets are tagged as holding no regulated data. ``new_bucket``: the intake
    bucket is created in this update (its name unknown to the user); ``home``: homeDirectory as given;
    ``mappings``: homeDirectoryMappings as given; ``protocol_details``: the server's protocolDetails as given."""

    def build(s: Stack) -> None:
        server = transfer_server(s, protocol_details)
        deps = [server]
        intake = ""
        if intake_region is not None:
            if new_bucket:
                intake = put(s, "aws:s3/bucket:Bucket", INTAKE, aws(s, intake_region), bucket=INTAKE, tags=dict(NONE))
            else:
                intake = s3_bucket(s, INTAKE, intake_region, dict(NONE))
            deps.append(intake)
        if archive_region is not None:
            deps.append(s3_bucket(s, ARCHIVE, archive_region, dict(NONE)))
        inputs: dict[str, Any] = {}
        if archive_region is not None or mappings is not None:
            inputs["homeDirectoryType"] = "LOGICAL"
            inputs["homeDirectoryMappings"] = (
                [
                    {"entry": "/", "target": f"/{INTAKE}/uploads"},
                    {"entry": "/archive", "target": f"/{ARCHIVE}/closed-claims"},
                ]
                if mappings is None
                else mappings
            )
        else:
            inputs["homeDirectoryType"] = "PATH"
            inputs["homeDirectory"] = (UNKNOWN if new_bucket else f"/{INTAKE}/uploads") if home is None else home
        urn = put(
            s,
            "aws:transfer/user:User",
            "broker-northwind",
            aws(s),
            deps=deps,
            serverId=TRANSFER_SERVER,
            userName="broker-northwind",
            role=f"arn:aws:iam::{ACCOUNT}:role/claims-sftp-broker",
            tags=GDPR,
            **inputs,
        )
        if new_bucket:
            depends(s, urn, homeDirectory=[intake])

    return build


# Violates: the broker's uploads (claim documents) land in a bucket in N. Virginia; the server need not be in the
# bucket's Region ("You don't have to use a server and Amazon S3 bucket that are in the same AWS Region").
case("aws26-transfer-home-bucket-virginia", AWS_COPIES, "DENY", AWS_DOC["transfer-storage"])(transfer_user("us-east-1"))
# Complies: the home directory's bucket is in Ireland.
case("aws26-transfer-home-bucket-ireland", AWS_COPIES, cite=AWS_DOC["transfer-storage"])(transfer_user("eu-west-1"))
# Violates: ``/`` is the Ireland bucket, but the logical directory ``/archive`` is a bucket in N. Virginia.
case("aws26-transfer-logical-archive-virginia", AWS_COPIES, "DENY", AWS_DOC["transfer-logical"])(
    transfer_user("eu-west-1", archive_region="us-east-1")
)

# --- Cloud Control API: resources created by CloudFormation type name and desired state
LEDGER_KEYS = {
    "AttributeDefinitions": [{"AttributeName": "claimId", "AttributeType": "S"}],
    "KeySchema": [{"AttributeName": "claimId", "KeyType": "HASH"}],
}


def global_table_state(second: str) -> dict[str, Any]:
    return {
        "TableName": "claims-ledger",
        "BillingMode": "PAY_PER_REQUEST",
        **LEDGER_KEYS,
        "StreamSpecification": {"StreamViewType": "NEW_AND_OLD_IMAGES"},
        "Replicas": [{"Region": "eu-west-1"}, {"Region": second}],
    }


def cloudcontrol_global_table(second: str, state: Any = None) -> Build:
    """A Cloud Control resource (Ireland) of type AWS::DynamoDB::GlobalTable: the claims ledger with replicas in
    Ireland and ``second``. ``state``: desiredState as given (default: the JSON document)."""

    def build(s: Stack) -> None:
        put(
            s,
            "aws:cloudcontrol/resource:Resource",
            "claims-ledger",
            aws(s),
            typeName="AWS::DynamoDB::GlobalTable",
            desiredState=json.dumps(global_table_state(second)) if state is None else state,
        )

    return build


def cloudcontrol_bucket(region: str, new_key: bool = False) -> Build:
    """A Cloud Control resource of type AWS::S3::Bucket (the claims scan archive) created in ``region`` (its own
    ``region`` input; the provider is Ireland). ``new_key``: its desired state names a KMS key created in this
    update, so the whole desired state is unknown."""

    def build(s: Stack) -> None:
        deps: list[str] = []
        state: Any = json.dumps(
            {
                "BucketName": "claims-scan-archive",
                "BucketEncryption": {
                    "ServerSideEncryptionConfiguration": [
                        {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}, "BucketKeyEnabled": True}
                    ]
                },
                "PublicAccessBlockConfiguration": {
                    "BlockPublicAcls": True,
                    "BlockPublicPolicy": True,
                    "IgnorePublicAcls": True,
                    "RestrictPublicBuckets": True,
                },
            }
        )
        if new_key:
            key = put(
                s,
                "aws:kms/key:Key",
                "claims-scan-archive-key",
                aws(s, region),
                description="claims scan archive",
                enableKeyRotation=True,
                tags=dict(NONE),
            )
            deps.append(key)
            state = UNKNOWN
        urn = put(
            s,
            "aws:cloudcontrol/resource:Resource",
            "claims-scan-archive",
            aws(s),
            deps=deps,
            typeName="AWS::S3::Bucket",
            region=region,
            desiredState=state,
        )
        if new_key:
            depends(s, urn, desiredState=deps)

    return build


# Violates: the global table Cloud Control creates has a replica of the claims ledger in N. Virginia.
case(
    "aws26-cloudcontrol-global-table-replica-virginia", AWS_COPIES, "DENY", AWS_DOC["ddb-replicas"], config=GDPR_STACK
)(cloudcontrol_global_table("us-east-1"))
# Complies: its second replica is in Frankfurt.
case("aws26-cloudcontrol-global-table-replica-frankfurt", AWS_COPIES, cite=AWS_DOC["ddb-replicas"], config=GDPR_STACK)(
    cloudcontrol_global_table("eu-central-1")
)
# Violates: the bucket is created in N. Virginia, the Cloud Control resource's own Region (v7 per-resource region).
case("aws26-cloudcontrol-bucket-region-virginia", AWS_COPIES, "DENY", AWS_DOC["region-override"], config=GDPR_STACK)(
    cloudcontrol_bucket("us-east-1")
)


# ============================================================================ GCP: copies
GCP_DOC = {
    "run-nfs": "https://cloud.google.com/run/docs/configuring/services/nfs-volume-mounts",
    "filestore-locations": "https://cloud.google.com/filestore/docs/regions",
    "gateway-backend": "https://cloud.google.com/api-gateway/docs/openapi-overview",
    "workflow-logging": "https://cloud.google.com/workflows/docs/log-workflow",
    "log-regions": "https://cloud.google.com/logging/docs/regionalized-logs",
}
VPC = "claims-vpc"
FILESTORE_IP = "10.20.0.2"


def filestore(s: Stack, zone: str, new: bool = False) -> str:
    """The claims share: a Filestore instance (Basic HDD) in ``zone``, labelled as holding no regulated data, on the
    claims VPC. ``new``: created in this update (its IP address unknown)."""
    region = zone.rsplit("-", 1)[0]
    return put(
        s,
        "gcp:filestore/instance:Instance",
        "claims-share",
        gcp(s, region),
        known=None
        if new
        else {
            "id": f"projects/{PROJECT}/locations/{zone}/instances/claims-share",
            "networks": [{"network": VPC, "modes": ["MODE_IPV4"], "ipAddresses": [FILESTORE_IP]}],
        },
        name="claims-share",
        project=PROJECT,
        location=zone,
        tier="BASIC_HDD",
        fileShares={"name": "claims", "capacityGb": 1024},
        networks=[{"network": VPC, "modes": ["MODE_IPV4"]}],
        labels=dict(GCP_NONE),
    )


def run_nfs(
    zone: str | None, new_filestore: bool = False, server: str = FILESTORE_IP, read_only: bool = False, nfs: Any = None
) -> Build:
    """The claims intake Cloud Run service (Frankfurt, labelled GDPR) writes every uploaded claim document to an NFS
    volume: the Filestore instance in ``zone`` (None: the server ``server`` is no resource of the stack), reached
    through Direct VPC egress. ``read_only``: the volume is mounted read-only; ``nfs``: the volume's nfs block as
    given."""

    def build(s: Stack) -> None:
        deps: list[str] = []
        ip: Any = server
        share = ""
        if zone is not None:
            share = filestore(s, zone, new=new_filestore)
            deps.append(share)
            if new_filestore:
                ip = UNKNOWN
        urn = put(
            s,
            "gcp:cloudrunv2/service:Service",
            "claims-intake",
            gcp(s),
            deps=deps,
            name="claims-intake",
            location="europe-west3",
            project=PROJECT,
            ingress="INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER",
            labels=GDPR,
            template={
                "executionEnvironment": "EXECUTION_ENVIRONMENT_GEN2",
                "vpcAccess": {
                    "networkInterfaces": [{"network": VPC, "subnetwork": "claims-run-euw3"}],
                    "egress": "PRIVATE_RANGES_ONLY",
                },
                "containers": [
                    {
                        "image": f"europe-west3-docker.pkg.dev/{PROJECT}/claims/intake:3.2.0",
                        "volumeMounts": [{"name": "claims-share", "mountPath": "/mnt/claims"}],
                    }
                ],
                "volumes": [
                    {
                        "name": "claims-share",
                        "nfs": {"server": ip, "path": "/claims", "readOnly": read_only} if nfs is None else nfs,
                    }
                ],
            },
        )
        if new_filestore:
            depends(s, urn, template=[share])

    return build


# Violates: the service writes the claim documents to a Filestore share in Iowa.
case("gcp26-run-nfs-filestore-iowa", GCP_COPIES, "DENY", GCP_DOC["run-nfs"])(run_nfs("us-central1-a"))
# Complies: the Filestore share is in Frankfurt.
case("gcp26-run-nfs-filestore-frankfurt", GCP_COPIES, cite=GCP_DOC["run-nfs"])(run_nfs("europe-west3-a"))
# Violates: the Filestore share is in London (europe-west2), outside the EEA.
case("gcp26-run-nfs-filestore-london", GCP_COPIES, "DENY", GCP_DOC["filestore-locations"])(run_nfs("europe-west2-a"))
# Complies: the Iowa share is mounted read-only; the service reads reference files from it and writes nothing there.
case("gcp26-run-nfs-filestore-iowa-read-only", GCP_COPIES, cite=GCP_DOC["run-nfs"])(
    run_nfs("us-central1-a", read_only=True)
)

# --- API Gateway: the claims API in front of a Cloud Run backend
BACKENDS = {
    "us-central1": "https://claims-api-204781936512.us-central1.run.app",
    "europe-west1": "https://claims-api-204781936512.europe-west1.run.app",
    "europe-west2": "https://claims-api-204781936512.europe-west2.run.app",
}
CONFIG_ID = f"projects/{PROJECT}/locations/global/apis/claims/configs/claims-v1"


def openapi(address: str) -> str:
    """The claims API's OpenAPI 2.0 document, base64-encoded as API Gateway takes it, with ``address`` as its
    x-google-backend."""
    document = f"""swagger: '2.0'
info:
  title: claims
  version: 1.0.0
schemes:
  - https
produces:
  - application/json
x-google-backend:
  address: {address}
  deadline: 30.0
paths:
  /claims:
    post:
      operationId: submitClaim
      responses:
        '200':
          description: claim accepted
"""
    return base64.b64encode(document.encode()).decode()


def api_gateway(
    backend_region: str | None,
    address: str | None = None,
    new_backend: bool = False,
    region: str | None = "europe-west1",
    documents: Any = None,
    gateway_config: Any = None,
) -> Build:
    """The claims API gateway (labelled GDPR; policyholders submit claims through it) in ``region`` (None: not set,
    so the provider's region, Belgium). Its API config's OpenAPI backend is the Cloud Run service claims-api in
    ``backend_region`` (labelled as holding no regulated data), or the URL ``address``. The API and its config
    keep no request data and are labelled so. ``new_backend``: the backend service is created in this update (its
    URL, and so the document, unknown); ``documents``: openapiDocuments as given; ``gateway_config``:
    gatewayConfig as given."""

    def build(s: Stack) -> None:
        deps: list[str] = []
        target = address
        backend = ""
        if backend_region is not None:
            backend = put(
                s,
                "gcp:cloudrunv2/service:Service",
                "claims-api",
                gcp(s, backend_region),
                known=None
                if new_backend
                else {
                    "id": f"projects/{PROJECT}/locations/{backend_region}/services/claims-api",
                    "uri": BACKENDS[backend_region],
                },
                name="claims-api",
                location=backend_region,
                project=PROJECT,
                ingress="INGRESS_TRAFFIC_ALL",
                labels=dict(GCP_NONE),
                template={"containers": [{"image": f"europe-docker.pkg.dev/{PROJECT}/claims/api:5.0.1"}]},
            )
            deps.append(backend)
            target = BACKENDS[backend_region]
        api = put(
            s,
            "gcp:apigateway/api:Api",
            "claims",
            gcp(s, "europe-west1"),
            known={"id": f"projects/{PROJECT}/locations/global/apis/claims"},
            apiId="claims",
            project=PROJECT,
            labels=dict(GCP_NONE),
        )
        contents = UNKNOWN if new_backend else openapi(target or "")
        config = put(
            s,
            "gcp:apigateway/apiConfig:ApiConfig",
            "claims-v1",
            gcp(s, "europe-west1"),
            deps=[api, *deps],
            known=None if new_backend else {"id": CONFIG_ID},
            api="claims",
            apiConfigId="claims-v1",
            project=PROJECT,
            openapiDocuments=[{"document": {"path": "openapi.yaml", "contents": contents}}]
            if documents is None
            else documents,
            gatewayConfig={
                "backendConfig": {"googleServiceAccount": f"claims-gateway@{PROJECT}.iam.gserviceaccount.com"}
            }
            if gateway_config is None
            else gateway_config,
            labels=dict(GCP_NONE),
        )
        if new_backend:
            depends(s, config, openapiDocuments=[backend])
        extra: dict[str, Any] = {} if region is None else {"region": region}
        gateway = put(
            s,
            "gcp:apigateway/gateway:Gateway",
            "claims-gw",
            gcp(s, "europe-west1"),
            deps=[config],
            gatewayId="claims-gw",
            apiConfig=UNKNOWN if new_backend else CONFIG_ID,
            project=PROJECT,
            labels=GDPR,
            **extra,
        )
        if new_backend:
            depends(s, gateway, apiConfig=[config])

    return build


# Violates: the gateway in Belgium forwards every claim to its backend, a Cloud Run service in Iowa.
case("gcp26-api-gateway-backend-iowa", GCP_COPIES, "DENY", GCP_DOC["gateway-backend"])(api_gateway("us-central1"))
# Complies: the backend is in Belgium.
case("gcp26-api-gateway-backend-belgium", GCP_COPIES, cite=GCP_DOC["gateway-backend"])(api_gateway("europe-west1"))
# Violates: the backend is in London.
case("gcp26-api-gateway-backend-london", GCP_COPIES, "DENY", GCP_DOC["gateway-backend"])(api_gateway("europe-west2"))

# --- Workflows call logging
TRIAGE_SOURCE = """main:
  params: [claim]
  steps:
    - score:
        call: http.post
        args:
          url: https://claims-scoring-204781936512.europe-west3.run.app/score
          auth:
            type: OIDC
          body: ${claim}
        result: score
    - done:
        return: ${score.body}
"""
DEFAULT_SINK_FILTER = (
    'NOT LOG_ID("cloudaudit.googleapis.com/activity") AND NOT LOG_ID("externalaudit.googleapis.com/activity") AND '
    'NOT LOG_ID("cloudaudit.googleapis.com/system_event") AND NOT LOG_ID("externalaudit.googleapis.com/system_event") '
    'AND NOT LOG_ID("cloudaudit.googleapis.com/access_transparency") AND '
    'NOT LOG_ID("externalaudit.googleapis.com/access_transparency")'
)


def workflow_logs(level: str | None, takeover: bool = False) -> Build:
    """The claims triage workflow (Frankfurt, labelled GDPR), which passes each claim to a scoring service, with call
    logging at ``level`` (None: not set). ``takeover``: the stack takes over the project's ``_Default`` sink and
    routes it to log bucket claims-logs in Frankfurt."""

    def build(s: Stack) -> None:
        extra: dict[str, Any] = {} if level is None else {"callLogLevel": level}
        put(
            s,
            "gcp:workflows/workflow:Workflow",
            "claims-triage",
            gcp(s),
            name="claims-triage",
            region="europe-west3",
            project=PROJECT,
            description="Scores incoming claims",
            serviceAccount=f"projects/{PROJECT}/serviceAccounts/claims-triage@{PROJECT}.iam.gserviceaccount.com",
            sourceContents=TRIAGE_SOURCE,
            labels=GDPR,
            deletionProtection=True,
            **extra,
        )
        if takeover:
            bucket = put(
                s,
                "gcp:logging/projectBucketConfig:ProjectBucketConfig",
                "claims-logs",
                gcp(s),
                known={"id": f"projects/{PROJECT}/locations/europe-west3/buckets/claims-logs"},
                project=PROJECT,
                bucketId="claims-logs",
                location="europe-west3",
                retentionDays=365,
            )
            put(
                s,
                "gcp:logging/projectSink:ProjectSink",
                "default-sink",
                gcp(s),
                deps=[bucket],
                name="_Default",
                project=PROJECT,
                destination=f"logging.googleapis.com/projects/{PROJECT}/locations/europe-west3/buckets/claims-logs",
                filter=DEFAULT_SINK_FILTER,
            )

    return build


# Violates: every call's arguments and result (the claim, its score) are logged, and the project's untouched
# _Default sink stores them in the _Default bucket, which is global.
case("gcp26-workflow-call-logs-default-bucket", GCP_COPIES, "DENY", GCP_DOC["workflow-logging"])(
    workflow_logs("LOG_ALL_CALLS")
)
# Complies: the stack takes over the _Default sink and routes it to a log bucket in Frankfurt.
case("gcp26-workflow-call-logs-default-sink-frankfurt", GCP_COPIES, cite=GCP_DOC["log-regions"])(
    workflow_logs("LOG_ALL_CALLS", takeover=True)
)


# ============================================================================ Azure: copies
AZ_DOC = {
    "dt-routes": "https://learn.microsoft.com/en-us/azure/digital-twins/concepts-route-events",
    "dt-endpoints": "https://learn.microsoft.com/en-us/azure/digital-twins/how-to-create-endpoints",
    "dt-dead-letter": "https://learn.microsoft.com/en-us/azure/digital-twins/concepts-route-events#dead-letter-events",
    "generic-resource": "https://learn.microsoft.com/en-us/rest/api/resources/resources/create-or-update",
    "cosmos-regions": "https://learn.microsoft.com/en-us/azure/cosmos-db/distribute-data-globally",
}
TWINS_ID = f"{RG}/Microsoft.DigitalTwins/digitalTwinsInstances/claims-twins"
DL_ACCOUNT = "claimstwinsdl"


def twins_instance(s: Stack) -> str:
    """The claims digital twins (West Europe, tagged GDPR): insured buildings and the sensors that report damage."""
    return put(
        s,
        "azure-native:digitaltwins:DigitalTwin",
        "claims-twins",
        azure(s),
        known={"id": TWINS_ID, "hostName": "claims-twins.api.weu.digitaltwins.azure.net"},
        resourceGroupName="ledger",
        resourceName="claims-twins",
        location="westeurope",
        identity={"type": "SystemAssigned"},
        publicNetworkAccess="Disabled",
        tags=GDPR,
    )


def event_hubs(s: Stack, location: str, new: bool = False) -> str:
    name = "claims-twin-events"
    namespace = put(
        s,
        "azure-native:eventhub:Namespace",
        name,
        azure(s, location),
        known=None
        if new
        else {
            "id": f"{RG}/Microsoft.EventHub/namespaces/{name}",
            "serviceBusEndpoint": f"https://{name}.servicebus.windows.net:443/",
        },
        resourceGroupName="ledger",
        namespaceName=name,
        location=location,
        sku={"name": "Standard", "tier": "Standard"},
        tags=dict(NONE),
    )
    put(
        s,
        "azure-native:eventhub:EventHub",
        "twin-changes",
        azure(s, location),
        deps=[namespace],
        resourceGroupName="ledger",
        namespaceName=name,
        eventHubName="twin-changes",
        partitionCount=2,
        retentionDescription={"cleanupPolicy": "Delete", "retentionTimeInHours": 72},
    )
    return namespace


def service_bus(s: Stack, location: str) -> str:
    name = "claims-twin-bus"
    namespace = put(
        s,
        "azure-native:servicebus:Namespace",
        name,
        azure(s, location),
        known={
            "id": f"{RG}/Microsoft.ServiceBus/namespaces/{name}",
            "serviceBusEndpoint": f"https://{name}.servicebus.windows.net:443/",
        },
        resourceGroupName="ledger",
        namespaceName=name,
        location=location,
        sku={"name": "Standard", "tier": "Standard"},
        tags=dict(NONE),
    )
    put(
        s,
        "azure-native:servicebus:Topic",
        "twin-changes-topic",
        azure(s, location),
        deps=[namespace],
        resourceGroupName="ledger",
        namespaceName=name,
        topicName="twin-changes",
        defaultMessageTimeToLive="P3D",
    )
    return namespace


def event_grid_topic(s: Stack, location: str) -> tuple[str, str]:
    name = "claims-twin-topic"
    endpoint = f"https://{name}.{location}-1.eventgrid.azure.net/api/events"
    topic = put(
        s,
        "azure-native:eventgrid:Topic",
        name,
        azure(s, location),
        known={"id": f"{RG}/Microsoft.EventGrid/topics/{name}", "endpoint": endpoint},
        resourceGroupName="ledger",
        topicName=name,
        location=location,
        inputSchema="EventGridSchema",
        tags=dict(NONE),
    )
    return topic, endpoint


def dead_letter_account(s: Stack, location: str) -> str:
    return put(
        s,
        "azure-native:storage:StorageAccount",
        DL_ACCOUNT,
        azure(s, location),
        known={
            "id": f"{RG}/Microsoft.Storage/storageAccounts/{DL_ACCOUNT}",
            "primaryEndpoints": {"blob": f"https://{DL_ACCOUNT}.blob.core.windows.net/"},
        },
        resourceGroupName="ledger",
        accountName=DL_ACCOUNT,
        location=location,
        kind="StorageV2",
        sku={"name": "Standard_LRS"},
        allowBlobPublicAccess=False,
        minimumTlsVersion="TLS1_2",
        tags=dict(NONE),
    )


def twins_endpoint(
    location: str | None,
    kind: str = "EventHub",
    dead_letter: str | None = None,
    new_namespace: bool = False,
    host: str = "claims-twin-events.servicebus.windows.net",
    properties: Any = None,
) -> Build:
    """An endpoint of the claims digital twins to which an event route sends every twin change (damage readings
    with the insured's address): an Event Hubs namespace (``kind`` EventHub), a Service Bus namespace (ServiceBus)
    or an Event Grid topic (EventGrid) in ``location`` (None: ``host``, no resource of the stack), each tagged as
    holding no regulated data. ``dead_letter``: events it cannot deliver are kept in a storage account in that
    location; ``new_namespace``: the Event Hubs namespace is created in this update (its host unknown to the
    endpoint); ``properties``: the endpoint's properties as given."""

    def build(s: Stack) -> None:
        deps = [twins_instance(s)]
        props: dict[str, Any]
        target = host
        if kind == "EventGrid":
            assert location is not None
            topic, endpoint = event_grid_topic(s, location)
            deps.append(topic)
            props = {
                "endpointType": "EventGrid",
                "authenticationType": "KeyBased",
                "topicEndpoint": endpoint,
                "accessKey1": secret("x7Yq2Lm9Vt4Rb8Nc1Kd6Hs3Pf0Wg5Ja2Ze7Ub4Io9E="),
            }
        else:
            if location is not None:
                if kind == "ServiceBus":
                    deps.append(service_bus(s, location))
                    target = "claims-twin-bus.servicebus.windows.net"
                else:
                    deps.append(event_hubs(s, location, new=new_namespace))
            props = {
                "endpointType": kind,
                "authenticationType": "IdentityBased",
                "endpointUri": UNKNOWN if new_namespace else f"sb://{target}",
                "entityPath": "twin-changes",
            }
        if dead_letter is not None:
            deps.append(dead_letter_account(s, dead_letter))
            props["deadLetterUri"] = f"https://{DL_ACCOUNT}.blob.core.windows.net/twin-dead-letters"
        urn = put(
            s,
            "azure-native:digitaltwins:DigitalTwinsEndpoint",
            "claims-twins-changes",
            azure(s),
            deps=deps,
            resourceGroupName="ledger",
            resourceName="claims-twins",
            endpointName="twin-changes",
            properties=props if properties is None else properties,
        )
        if new_namespace:
            depends(s, urn, properties=deps[1:])

    return build


# Violates: the twins' change events are sent to an event hub in East US.
case("az26-digital-twins-endpoint-event-hub-east-us", AZURE_COPIES, "DENY", AZ_DOC["dt-routes"])(
    twins_endpoint("eastus")
)
# Complies: the Event Hubs namespace is in West Europe.
case("az26-digital-twins-endpoint-event-hub-west-europe", AZURE_COPIES, cite=AZ_DOC["dt-routes"])(
    twins_endpoint("westeurope")
)
# Violates: the event hub is in West Europe, but events it cannot take are dead-lettered to a storage account in
# East US.
case("az26-digital-twins-dead-letter-east-us", AZURE_COPIES, "DENY", AZ_DOC["dt-dead-letter"])(
    twins_endpoint("westeurope", dead_letter="eastus")
)
# Violates: the endpoint is a Service Bus topic in UK South, outside the EEA.
case("az26-digital-twins-endpoint-service-bus-uk-south", AZURE_COPIES, "DENY", AZ_DOC["dt-endpoints"])(
    twins_endpoint("uksouth", kind="ServiceBus")
)
# Complies: the Service Bus namespace is in North Europe.
case("az26-digital-twins-endpoint-service-bus-north-europe", AZURE_COPIES, cite=AZ_DOC["dt-endpoints"])(
    twins_endpoint("northeurope", kind="ServiceBus")
)
# Violates: the endpoint is an Event Grid topic in East US (its endpoint names the region).
case("az26-digital-twins-endpoint-event-grid-east-us", AZURE_COPIES, "DENY", AZ_DOC["dt-endpoints"])(
    twins_endpoint("eastus", kind="EventGrid")
)
# Complies: the Event Grid topic is in West Europe.
case("az26-digital-twins-endpoint-event-grid-west-europe", AZURE_COPIES, cite=AZ_DOC["dt-endpoints"])(
    twins_endpoint("westeurope", kind="EventGrid")
)

# --- Generic ARM resources (azure-native:resources:Resource)
VAULT_PROPERTIES = {"allowBlobPublicAccess": False, "minimumTlsVersion": "TLS1_2", "supportsHttpsTrafficOnly": True}


def generic_storage(location: Any, sku: Any = None) -> Build:
    """The claims document vault, a storage account created as a generic ARM resource (resources:Resource) in
    resource group ledger (West Europe), tagged GDPR, in ``location``. ``sku``: sku as given."""

    def build(s: Stack) -> None:
        group = ledger_group(s)
        put(
            s,
            "azure-native:resources:Resource",
            "claims-vault",
            azure(s),
            deps=[group],
            resourceGroupName="ledger",
            resourceProviderNamespace="Microsoft.Storage",
            parentResourcePath="",
            resourceType="storageAccounts",
            resourceName="claimsvault",
            apiVersion="2023-05-01",
            location=location,
            kind="StorageV2",
            sku={"name": "Standard_LRS"} if sku is None else sku,
            properties=VAULT_PROPERTIES,
            tags=GDPR,
        )

    return build


def generic_cosmos(second: str) -> Build:
    """The claims document database, a Cosmos DB account created as a generic ARM resource in West Europe (tagged
    GDPR) whose properties replicate it to ``second``."""

    def build(s: Stack) -> None:
        group = ledger_group(s)
        put(
            s,
            "azure-native:resources:Resource",
            "claims-docs",
            azure(s),
            deps=[group],
            resourceGroupName="ledger",
            resourceProviderNamespace="Microsoft.DocumentDB",
            parentResourcePath="",
            resourceType="databaseAccounts",
            resourceName="claims-docs",
            apiVersion="2024-05-15",
            location="westeurope",
            kind="GlobalDocumentDB",
            properties={
                "databaseAccountOfferType": "Standard",
                "consistencyPolicy": {"defaultConsistencyLevel": "Session"},
                "locations": [
                    {"locationName": "westeurope", "failoverPriority": 0},
                    {"locationName": second, "failoverPriority": 1},
                ],
            },
            tags=GDPR,
        )

    return build


# Violates: the generic resource creates the GDPR document vault in East US.
case("az26-generic-resource-storage-east-us", AZURE_COPIES, "DENY", AZ_DOC["generic-resource"])(
    generic_storage("eastus")
)
# Complies: the vault is created in West Europe.
case("az26-generic-resource-storage-west-europe", AZURE_COPIES, cite=AZ_DOC["generic-resource"])(
    generic_storage("westeurope")
)
# Violates: the Cosmos DB account's second region is Switzerland North, outside the EEA.
case("az26-generic-resource-cosmos-replica-switzerland", AZURE_COPIES, "DENY", AZ_DOC["cosmos-regions"])(
    generic_cosmos("switzerlandnorth")
)
# Complies: the second region is North Europe.
case("az26-generic-resource-cosmos-replica-north-europe", AZURE_COPIES, cite=AZ_DOC["cosmos-regions"])(
    generic_cosmos("northeurope")
)


# ============================================================================ outside destinations
OUT_DOC = {
    "ami-orgs": "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/share-amis-with-organizations-and-OUs.html",
    "sts-sinks": "https://cloud.google.com/storage-transfer/docs/sources-and-sinks",
    "apigee-environment": "https://cloud.google.com/apigee/docs/reference/apis/apigee/rest/v1/organizations.environments",
    "gateway-backend": "https://cloud.google.com/api-gateway/docs/openapi-overview",
    "apim-self-hosted": "https://learn.microsoft.com/en-us/azure/api-management/self-hosted-gateway-overview",
    "apim-gateway-contract": "https://learn.microsoft.com/en-us/rest/api/apimanagement/gateway/create-or-update",
}
AMI_ID = "ami-0c1d2e3f4a5b60718"
ORG_ID = "o-eea0fleet01"
ORG_ARN = f"arn:aws:organizations::{MGMT}:organization/{ORG_ID}"
OU_ARN = f"arn:aws:organizations::{MGMT}:ou/{ORG_ID}/ou-f1ee-claims01"
PARTNER_ORG_ARN = f"arn:aws:organizations::{PARTNER_ACCOUNT}:organization/o-7373tpa0000"


def org_provider(s: Stack) -> str:
    urn = s.urn("pulumi:providers:aws", "org")
    if all(r.urn != urn for r in s.resources):
        s.provider(
            "aws",
            "org",
            region="us-east-1",
            allowedAccountIds=[MGMT],
            assumeRoles=[{"roleArn": f"arn:aws:iam::{MGMT}:role/fleet-guardrails"}],
        )
    return urn


def ami_share(organization: str | None = None, ou: bool = False, new_org: bool = False) -> Build:
    """The claims scanner AMI (Ireland, tagged GDPR; its snapshot holds scanned claims), shared by a launch
    permission with an organization (``organization``; default our own) or with our claims OU (``ou``). The stack
    creates our organization and the OU. ``new_org``: the organization is created in this update (its ARN
    unknown)."""

    def build(s: Stack) -> None:
        ami = put(
            s,
            "aws:ec2/amiFromInstance:AmiFromInstance",
            "claims-scanner-ami",
            aws(s),
            known={"id": AMI_ID, "arn": f"arn:aws:ec2:eu-west-1::image/{AMI_ID}"},
            name="claims-scanner-2025-06",
            sourceInstanceId="i-0a1b2c3d4e5f60718",
            tags=GDPR,
        )
        org = put(
            s,
            "aws:organizations/organization:Organization",
            "org",
            org_provider(s),
            known=None
            if new_org
            else {"id": ORG_ID, "arn": ORG_ARN, "masterAccountId": MGMT, "roots": [{"id": "r-f1ee"}]},
            featureSet="ALL",
            enabledPolicyTypes=["SERVICE_CONTROL_POLICY"],
        )
        target: dict[str, Any]
        deps = [ami, org]
        if ou:
            unit = put(
                s,
                "aws:organizations/organizationalUnit:OrganizationalUnit",
                "claims-ou",
                org_provider(s),
                deps=[org],
                known={"id": "ou-f1ee-claims01", "arn": OU_ARN},
                name="claims",
                parentId="r-f1ee",
            )
            deps.append(unit)
            target = {"organizationalUnitArn": OU_ARN}
        else:
            target = {"organizationArn": UNKNOWN if new_org else (organization or ORG_ARN)}
        urn = put(
            s,
            "aws:ec2/amiLaunchPermission:AmiLaunchPermission",
            "claims-scanner-share",
            aws(s),
            deps=deps,
            imageId=AMI_ID,
            **target,
        )
        if new_org:
            depends(s, urn, organizationArn=[org])

    return build


# Violates: the AMI is shared with another company's organization (a claims administrator), whose accounts may
# copy it to any Region.
case("out26-ami-shared-partner-organization", OUTSIDE, "DENY", OUT_DOC["ami-orgs"])(ami_share(PARTNER_ORG_ARN))
# Complies: it is shared with our own organization, which the stack creates.
case("out26-ami-shared-own-organization", OUTSIDE, cite=OUT_DOC["ami-orgs"])(ami_share())
# Complies: it is shared with our claims OU only.
case("out26-ami-shared-own-ou", OUTSIDE, cite=OUT_DOC["ami-orgs"])(ami_share(ou=True))

# --- Storage Transfer Service and an on-premises file system
AGENT_POOL = f"projects/{PROJECT}/agentPools/branch-dc"


def storage_transfer(direction: str, labels: dict[str, str] | None = GDPR, spec: Any = None) -> Build:
    """A nightly Storage Transfer job between bucket claims-archive-eu (EU, labelled ``labels``) and a POSIX file
    system in a branch office's data centre, reached through the agents of agent pool branch-dc. ``direction``
    "to-posix": the bucket's closed claims are copied onto the file system; "from-posix": scanned claims on the
    file system are copied into the bucket. ``spec``: transferSpec as given."""

    def build(s: Stack) -> None:
        bucket = gcs_bucket(s, "claims-archive-eu", "EU", labels)
        pool = put(
            s,
            "gcp:storage/transferAgentPool:TransferAgentPool",
            "branch-dc",
            gcp(s),
            known={"id": AGENT_POOL},
            name="branch-dc",
            project=PROJECT,
            displayName="branch office data centre",
            bandwidthLimit={"limitMbps": "500"},
        )
        if direction == "to-posix":
            body = {
                "gcsDataSource": {"bucketName": "claims-archive-eu", "path": "closed/"},
                "posixDataSink": {"rootDirectory": "/srv/claims-archive"},
                "sinkAgentPoolName": AGENT_POOL,
            }
        else:
            body = {
                "posixDataSource": {"rootDirectory": "/srv/claims-scans"},
                "sourceAgentPoolName": AGENT_POOL,
                "gcsDataSink": {"bucketName": "claims-archive-eu", "path": "scans/"},
            }
        put(
            s,
            "gcp:storage/transferJob:TransferJob",
            "claims-archive-sync",
            gcp(s),
            deps=[bucket, pool],
            name="transferJobs/claims-archive-sync",
            description="claims archive and branch office file system",
            project=PROJECT,
            status="ENABLED",
            transferSpec=body if spec is None else spec,
            schedule={
                "scheduleStartDate": {"year": 2025, "month": 6, "day": 1},
                "startTimeOfDay": {"hours": 1, "minutes": 30, "seconds": 0, "nanos": 0},
            },
        )

    return build


# Violates: the closed GDPR claims are copied onto an on-premises file system, which no cloud region places.
case("out26-storage-transfer-to-onprem-posix", OUTSIDE, "DENY", OUT_DOC["sts-sinks"])(storage_transfer("to-posix"))
# Complies: the transfer runs the other way; scans from the file system land in the EU bucket.
case("out26-storage-transfer-from-onprem-posix", OUTSIDE, cite=OUT_DOC["sts-sinks"])(storage_transfer("from-posix"))
# Complies: the bucket copied onto the file system holds no regulated data (labelled none, no stack regime).
case("out26-storage-transfer-to-onprem-unregulated", OUTSIDE, cite=OUT_DOC["sts-sinks"])(
    storage_transfer("to-posix", labels=dict(GCP_NONE))
)

# --- Apigee environment forward proxy
APIGEE_ORG = f"organizations/{PROJECT}"


def apigee_environment(proxy: Any) -> Build:
    """The claims Apigee environment of our Apigee organization (analytics and consumer data in Frankfurt); with
    ``proxy``, every request its API proxies send to their targets goes through that forward proxy."""

    def build(s: Stack) -> None:
        org = put(
            s,
            "gcp:apigee/organization:Organization",
            "ledger-apigee",
            gcp(s),
            known={"id": APIGEE_ORG, "name": PROJECT},
            projectId=PROJECT,
            analyticsRegion="europe-west3",
            apiConsumerDataLocation="europe-west3",
            runtimeType="CLOUD",
            billingType="PAYG",
            disableVpcPeering=True,
        )
        extra: dict[str, Any] = {} if proxy is None else {"forwardProxyUri": proxy}
        put(
            s,
            "gcp:apigee/environment:Environment",
            "claims-env",
            gcp(s),
            deps=[org],
            orgId=APIGEE_ORG,
            name="claims",
            displayName="claims",
            deploymentType="PROXY",
            apiProxyType="PROGRAMMABLE",
            type="COMPREHENSIVE",
            **extra,
        )

    return build


# Violates: all target traffic (the claims sent to the backends) passes through a forward proxy run by a managed
# security provider outside the cloud.
case("out26-apigee-forward-proxy-partner", OUTSIDE, "DENY", OUT_DOC["apigee-environment"], config=GDPR_STACK)(
    apigee_environment("http://egress.mssp-partner.example:3128")
)
# Complies: no forward proxy; the proxies call their targets directly.
case("out26-apigee-no-forward-proxy", OUTSIDE, cite=OUT_DOC["apigee-environment"], config=GDPR_STACK)(
    apigee_environment(None)
)
# Violates: the gateway's backend is a third-party claims administrator's API, outside the cloud.
case("out26-api-gateway-backend-partner-host", OUTSIDE, "DENY", OUT_DOC["gateway-backend"])(
    api_gateway(None, address="https://claims.tpa-partner.example/api")
)

# --- API Management self-hosted gateways
APIM_ID = f"{RG}/Microsoft.ApiManagement/service/claims-apim"


def apim_gateway(location_data: Any, new_service: bool = False) -> Build:
    """The claims API (API Management service claims-apim, West Europe, Premium, tagged GDPR) deployed to a
    self-hosted gateway that runs in a data centre of ours, described by ``location_data`` (None: not given).
    ``new_service``: the service is created in this update."""

    def build(s: Stack) -> None:
        service = put(
            s,
            "azure-native:apimanagement:ApiManagementService",
            "claims-apim",
            azure(s),
            known=None if new_service else {"id": APIM_ID},
            resourceGroupName="ledger",
            serviceName="claims-apim",
            location="westeurope",
            publisherEmail="platform@ledger.example",
            publisherName="Ledger Insurance",
            sku={"name": "Premium", "capacity": 1},
            tags=GDPR,
        )
        api = put(
            s,
            "azure-native:apimanagement:Api",
            "claims-api",
            azure(s),
            deps=[service],
            resourceGroupName="ledger",
            serviceName="claims-apim",
            apiId="claims",
            displayName="Claims",
            path="claims",
            protocols=["https"],
        )
        extra: dict[str, Any] = {} if location_data is None else {"locationData": location_data}
        gateway = put(
            s,
            "azure-native:apimanagement:Gateway",
            "claims-dc",
            azure(s),
            deps=[service],
            resourceGroupName="ledger",
            serviceName="claims-apim",
            gatewayId="claims-dc",
            description="self-hosted gateway in the claims processing centre",
            **extra,
        )
        put(
            s,
            "azure-native:apimanagement:GatewayApiEntityTag",
            "claims-dc-claims",
            azure(s),
            deps=[gateway, api],
            resourceGroupName="ledger",
            serviceName="claims-apim",
            gatewayId="claims-dc",
            apiId="claims",
            provisioningState="created",
        )

    return build


ASHBURN = {"name": "claims processing centre", "city": "Ashburn", "district": "Virginia", "countryOrRegion": "US"}
FRANKFURT = {"name": "claims processing centre", "city": "Frankfurt am Main", "countryOrRegion": "DE"}
# Violates: the claims API's requests and responses pass through a self-hosted gateway declared to be in Ashburn,
# in the United States.
case("out26-apim-self-hosted-gateway-united-states", OUTSIDE, "DENY", OUT_DOC["apim-self-hosted"])(
    apim_gateway(ASHBURN)
)
# Complies: the self-hosted gateway is declared to be in Frankfurt, Germany.
case("out26-apim-self-hosted-gateway-germany", OUTSIDE, cite=OUT_DOC["apim-gateway-contract"])(apim_gateway(FRANKFURT))


# ============================================================================ unset location defaults
DEF_DOC = {
    "s3-bucket-names": "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html",
    "cloudcontrol": "https://docs.aws.amazon.com/cloudcontrolapi/latest/userguide/resource-operations-create.html",
    "run-nfs": "https://cloud.google.com/run/docs/configuring/services/nfs-volume-mounts",
    "gateway-region": "https://www.pulumi.com/registry/packages/gcp/api-docs/apigateway/gateway/",
    "workflow-call-log": "https://cloud.google.com/workflows/docs/reference/rest/v1/projects.locations.workflows#CallLogLevel",
    "dt-endpoints": "https://learn.microsoft.com/en-us/azure/digital-twins/how-to-create-endpoints",
    "apim-self-hosted": "https://learn.microsoft.com/en-us/azure/api-management/self-hosted-gateway-overview",
}

# Violates: the home directory is a bucket the stack does not manage; a bucket's name carries no Region.
case("def26-transfer-home-bucket-unmanaged", DEFAULTS, "DENY", DEF_DOC["s3-bucket-names"])(transfer_user(None))


def cloudcontrol_table(s: Stack) -> None:
    """A Cloud Control resource of type AWS::DynamoDB::Table (the claims index) with no Region of its own."""
    put(
        s,
        "aws:cloudcontrol/resource:Resource",
        "claims-index",
        aws(s),
        typeName="AWS::DynamoDB::Table",
        desiredState=json.dumps({"TableName": "claims-index", "BillingMode": "PAY_PER_REQUEST", **LEDGER_KEYS}),
    )


# Complies: without its own region, Cloud Control creates the table in the provider's Region, Ireland.
case("def26-cloudcontrol-table-provider-region", DEFAULTS, cite=DEF_DOC["cloudcontrol"], config=GDPR_STACK)(
    cloudcontrol_table
)
# Violates: the NFS server is a NAS in a branch office (an address no resource of the stack serves).
case("def26-run-nfs-server-unmanaged", DEFAULTS, "DENY", DEF_DOC["run-nfs"])(run_nfs(None, server="192.168.40.10"))
# Complies: the gateway sets no region, so it is created in the provider's region, Belgium; the backend is there too.
case("def26-api-gateway-region-unset", DEFAULTS, cite=DEF_DOC["gateway-region"])(
    api_gateway("europe-west1", region=None)
)
# Complies: with no call log level set, Workflows logs no calls (CALL_LOG_LEVEL_UNSPECIFIED: no call logging).
case("def26-workflow-call-log-level-unset", DEFAULTS, cite=DEF_DOC["workflow-call-log"])(workflow_logs(None))
# Violates: the endpoint names an Event Hubs namespace that is no resource of the stack.
case("def26-digital-twins-endpoint-namespace-unmanaged", DEFAULTS, "DENY", DEF_DOC["dt-endpoints"])(
    twins_endpoint(None, host="claims-analytics.servicebus.windows.net")
)
# Violates: the self-hosted gateway declares no location; it runs wherever it is deployed.
case("def26-apim-self-hosted-gateway-location-unset", DEFAULTS, "DENY", DEF_DOC["apim-self-hosted"])(apim_gateway(None))


# ============================================================================ Kubernetes operators
OP_DOC = {
    "crossplane-transfer-user": "https://marketplace.upbound.io/providers/upbound/provider-aws-transfer/latest/resources/transfer.aws.upbound.io/User/v1beta1",
    "transfer-storage": "https://docs.aws.amazon.com/transfer/latest/userguide/configure-storage.html",
    "kcc-transfer": "https://cloud.google.com/config-connector/docs/reference/resource-docs/storagetransfer/storagetransferjob",
    "sts-sinks": "https://cloud.google.com/storage-transfer/docs/sources-and-sinks",
    "aso-postgres": "https://azure.github.io/azure-service-operator/reference/dbforpostgresql/v1api20221201/",
    "pg-replicas": "https://learn.microsoft.com/en-us/azure/postgresql/flexible-server/concepts-read-replicas",
}
TENANT_GDPR = {**GDPR, "fleet-tenant": "acme"}
CROSSPLANE_NONE = {"fleet-residency": "none", "fleet-tenant": "acme"}


def crossplane_transfer_user(bucket_region: str, archive_region: str | None = None) -> Build:
    """The GDPR tenant's Crossplane Transfer Family server (Ireland) and user for its brokers, whose home directory is
    the tenant's Crossplane bucket acme-claims-intake in ``bucket_region`` (with ``archive_region``: logical
    directories, ``/archive`` being bucket acme-claims-archive there). The buckets are labelled as holding no
    regulated data."""

    def bucket(name: str, region: str) -> Callable[[Stack, str], str]:
        return custom_resource(
            "s3.aws.upbound.io/v1beta1",
            "Bucket",
            name,
            None,
            {"forProvider": {"region": region}, "providerConfigRef": {"name": "default"}},
            labels=CROSSPLANE_NONE,
        )

    user_spec: dict[str, Any] = {
        "region": "eu-west-1",
        "serverIdRef": {"name": "acme-sftp"},
        "role": f"arn:aws:iam::{ACCOUNT}:role/acme-sftp-broker",
    }
    if archive_region is None:
        user_spec.update(homeDirectoryType="PATH", homeDirectory="/acme-claims-intake/uploads")
    else:
        user_spec.update(
            homeDirectoryType="LOGICAL",
            homeDirectoryMappings=[
                {"entry": "/", "target": "/acme-claims-intake/uploads"},
                {"entry": "/archive", "target": "/acme-claims-archive/closed-claims"},
            ],
        )
    parts = [bucket("acme-claims-intake", bucket_region)]
    if archive_region is not None:
        parts.append(bucket("acme-claims-archive", archive_region))
    parts += [
        custom_resource(
            "transfer.aws.upbound.io/v1beta1",
            "Server",
            "acme-sftp",
            None,
            {
                "forProvider": {
                    "region": "eu-west-1",
                    "identityProviderType": "SERVICE_MANAGED",
                    "domain": "S3",
                    "endpointType": "PUBLIC",
                    "protocols": ["SFTP"],
                },
                "providerConfigRef": {"name": "default"},
            },
            labels=TENANT_GDPR,
        ),
        custom_resource(
            "transfer.aws.upbound.io/v1beta1",
            "User",
            "acme-broker",
            None,
            {"forProvider": user_spec, "providerConfigRef": {"name": "default"}},
            labels=TENANT_GDPR,
        ),
    ]

    def make(s: Stack, k8s: str) -> str:
        return [part(s, k8s) for part in parts][-1]

    return operator(make)


# Violates: the tenant's Crossplane user uploads into its Crossplane bucket in N. Virginia.
case("op26-crossplane-transfer-user-home-virginia", OPERATORS, "DENY", OP_DOC["transfer-storage"])(
    crossplane_transfer_user("us-east-1")
)
# Complies: the bucket is in Ireland.
case("op26-crossplane-transfer-user-home-ireland", OPERATORS, cite=OP_DOC["crossplane-transfer-user"])(
    crossplane_transfer_user("eu-west-1")
)
# Violates: ``/`` is the Ireland bucket, but ``/archive`` is a Crossplane bucket in N. Virginia.
case("op26-crossplane-transfer-user-archive-virginia", OPERATORS, "DENY", OP_DOC["transfer-storage"])(
    crossplane_transfer_user("eu-west-1", archive_region="us-east-1")
)


def kcc_posix_transfer(direction: str) -> Build:
    """The GDPR tenant's Config Connector bucket acme-claims-archive (EU) and a Config Connector Storage Transfer job
    between it and a POSIX file system in a branch office, through agent pool acme-branch: ``direction`` "to-posix"
    copies the bucket onto the file system, "from-posix" the other way."""
    if direction == "to-posix":
        transfer_spec = {
            "gcsDataSource": {"bucketRef": {"name": "acme-claims-archive"}},
            "posixDataSink": {"rootDirectory": "/srv/acme-archive"},
            "sinkAgentPoolName": "projects/acme-prod/agentPools/acme-branch",
        }
    else:
        transfer_spec = {
            "posixDataSource": {"rootDirectory": "/srv/acme-scans"},
            "sourceAgentPoolName": "projects/acme-prod/agentPools/acme-branch",
            "gcsDataSink": {"bucketRef": {"name": "acme-claims-archive"}},
        }
    annotations = {"cnrm.cloud.google.com/project-id": "acme-prod"}
    parts = [
        custom_resource(
            "storage.cnrm.cloud.google.com/v1beta1",
            "StorageBucket",
            "acme-claims-archive",
            "acme",
            {"location": "EU", "uniformBucketLevelAccess": True},
            annotations=annotations,
        ),
        custom_resource(
            "storagetransfer.cnrm.cloud.google.com/v1beta1",
            "StorageTransferJob",
            "acme-archive-sync",
            "acme",
            {
                "description": "claims archive and branch office file system",
                "status": "ENABLED",
                "schedule": {
                    "scheduleStartDate": {"year": 2025, "month": 6, "day": 1},
                    "startTimeOfDay": {"hours": 1, "minutes": 30, "seconds": 0, "nanos": 0},
                },
                "transferSpec": transfer_spec,
            },
            annotations=annotations,
        ),
    ]

    def make(s: Stack, k8s: str) -> str:
        return [part(s, k8s) for part in parts][-1]

    return operator(make, "gcp")


# Violates: the tenant's archive is copied onto an on-premises file system.
case("op26-kcc-transfer-job-posix-sink", OPERATORS, "DENY", OP_DOC["sts-sinks"])(kcc_posix_transfer("to-posix"))
# Complies: the job copies from the file system into the tenant's EU bucket.
case("op26-kcc-transfer-job-posix-source", OPERATORS, cite=OP_DOC["kcc-transfer"])(kcc_posix_transfer("from-posix"))


def aso_postgres_replica(location: str) -> Build:
    """The GDPR tenant's ASO PostgreSQL flexible server (West Europe) and an ASO read replica of it in ``location``;
    the replica is labelled as holding no regulated data."""
    server = {
        "owner": {"name": "acme-rg"},
        "version": "16",
        "sku": {"name": "Standard_D2ds_v5", "tier": "GeneralPurpose"},
        "storage": {"storageSizeGB": 128},
    }
    parts = [
        aso_rg("westeurope"),
        custom_resource(
            "dbforpostgresql.azure.com/v1api20221201",
            "FlexibleServer",
            "acme-claims-pg",
            "acme",
            {
                **server,
                "location": "westeurope",
                "administratorLogin": "claimsadmin",
                "administratorLoginPassword": {"name": "acme-claims-pg-admin", "key": "password"},
                "backup": {"backupRetentionDays": 14, "geoRedundantBackup": "Disabled"},
            },
        ),
        custom_resource(
            "dbforpostgresql.azure.com/v1api20221201",
            "FlexibleServer",
            "acme-claims-pg-replica",
            "acme",
            {
                **server,
                "location": location,
                "createMode": "Replica",
                "sourceServerResourceReference": {
                    "group": "dbforpostgresql.azure.com",
                    "kind": "FlexibleServer",
                    "name": "acme-claims-pg",
                },
            },
            labels={"fleet-residency": "none"},
        ),
    ]

    def make(s: Stack, k8s: str) -> str:
        return [part(s, k8s) for part in parts][-1]

    return operator(make, "azure-native")


# Violates: the replica, a full copy of the tenant's claims database, is in East US, whatever its label says.
case("op26-aso-postgres-replica-labelled-none-east-us", OPERATORS, "DENY", OP_DOC["pg-replicas"])(
    aso_postgres_replica("eastus")
)
# Complies: the replica is in North Europe.
case("op26-aso-postgres-replica-labelled-none-north-europe", OPERATORS, cite=OP_DOC["aso-postgres"])(
    aso_postgres_replica("northeurope")
)


# ============================================================================ cloud guardrails
GRD_DOC = {
    "scp-evaluation": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html",
    "org-policy-values": "https://cloud.google.com/php/docs/reference/cloud-org-policy/latest/V2.PolicySpec.PolicyRule.StringValues",
    "allowed-locations": "https://learn.microsoft.com/en-us/azure/governance/policy/samples/built-in-policies#general",
    "az-selectors": "https://learn.microsoft.com/en-us/azure/governance/policy/concepts/assignment-structure#resource-selectors",
}


def two_scps(first: list[str], second: list[str]) -> Build:
    """The GDPR EKS cluster's account with two region-deny SCPs attached, allowing ``first`` and ``second``."""
    base = eks_guarded(scp(first))

    def build(s: Stack) -> None:
        base(s)
        org = s.urn("pulumi:providers:aws", "org")
        policy = put(
            s,
            "aws:organizations/policy:Policy",
            "claims-regions-scp",
            org,
            known={"id": "p-claims0rgns2"},
            name="claims-regions",
            type="SERVICE_CONTROL_POLICY",
            content=scp(second),
            tags=NONE,
        )
        put(
            s,
            "aws:organizations/policyAttachment:PolicyAttachment",
            "claims-regions-scp-attachment",
            org,
            deps=[policy],
            policyId="p-claims0rgns2",
            targetId=ACCOUNT,
        )

    return build


# Violates: one SCP allows the EEA Regions and London, the other those and N. Virginia; together they still allow
# London.
case("grd26-aws-two-scps-together-allow-london", GUARDRAILS, "DENY", GRD_DOC["scp-evaluation"])(
    two_scps([*GDPR_AWS, "eu-west-2"], [*GDPR_AWS, "eu-west-2", "us-east-1"])
)
# Complies: one allows the EEA and London, the other the EEA and N. Virginia; a request must pass both, so only the
# EEA Regions are allowed.
case("grd26-aws-two-scps-intersect-to-eea", GUARDRAILS, cite=GRD_DOC["scp-evaluation"])(
    two_scps([*GDPR_AWS, "eu-west-2"], [*GDPR_AWS, "us-east-1"])
)
# Violates: gcp.resourceLocations allows the Frankfurt value group and the bare value europe-west2, which is the
# London region exactly ("Values prefixed with is: are treated the same as values with no prefix").
case("grd26-gcp-locations-bare-value-london", GUARDRAILS, "DENY", GRD_DOC["org-policy-values"])(
    gke_guarded(locations_policy(["in:europe-west3-locations", "europe-west2"]))
)
# Complies: the bare value is europe-west4, the Netherlands region.
case("grd26-gcp-locations-bare-value-netherlands", GUARDRAILS, cite=GRD_DOC["org-policy-values"])(
    gke_guarded(locations_policy(["in:europe-west3-locations", "europe-west4"]))
)
# Complies: "global" in the list of allowed locations changes nothing: the built-in "Allowed locations" policy
# already excludes resources that use the "global" region.
case("grd26-azure-allowed-locations-with-global", GUARDRAILS, cite=GRD_DOC["allowed-locations"])(
    retouch(
        aks_guarded(),
        "azure-native:authorization:PolicyAssignment",
        "eea-locations",
        parameters={"listOfAllowedLocations": {"value": [*GDPR_AZURE, "global"]}},
    )
)
# Violates: a resource selector limits "Allowed locations" to AKS clusters; every other resource type (storage
# accounts, databases) may be created anywhere.
case("grd26-azure-assignment-selector-clusters-only", GUARDRAILS, "DENY", GRD_DOC["az-selectors"])(
    retouch(
        aks_guarded(),
        "azure-native:authorization:PolicyAssignment",
        "eea-locations",
        resourceSelectors=[
            {
                "name": "clusters-only",
                "selectors": [{"kind": "resourceType", "in": ["Microsoft.ContainerService/managedClusters"]}],
            }
        ],
    )
)


# ============================================================================ unknown at preview
# UNKNOWN is a value the engine only learns at the update. When the decision does not need it, the outcome is as if
# it were known; when the deciding value is the unknown one, a correct pack defers.
PRE_DOC = {
    "unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
    "policy-preview": "https://www.pulumi.com/docs/iac/using-pulumi/crossguard/best-practices/",
    "stack-references": "https://www.pulumi.com/docs/iac/concepts/stacks/#stackreferences",
}

# Violates: the failover application is new (its ID unknown to the rule), but its Region, N. Virginia, is known.
case("pre26-sip-rule-new-failover-virginia", PREVIEW, "DENY", PRE_DOC["unknowns"], config=GDPR_STACK)(
    sip_rule("us-east-1", new_failover=True)
)
# Violates: the intake bucket is new (its name unknown to the user); it is created in N. Virginia.
case("pre26-transfer-home-new-bucket-virginia", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    transfer_user("us-east-1", new_bucket=True)
)
# Complies at preview: the new intake bucket is created in Ireland.
case("pre26-transfer-home-new-bucket-ireland", PREVIEW, cite=PRE_DOC["policy-preview"])(
    transfer_user("eu-west-1", new_bucket=True)
)
# Complies at preview: the home directory comes from another stack's outputs (a stack reference), unknown at preview
# and taken from no resource of this stack; the decision is deferred to the update, which is no mandatory violation.
case("pre26-transfer-home-directory-deferred", PREVIEW, cite=PRE_DOC["stack-references"])(
    transfer_user(None, home=UNKNOWN)
)
# Complies at preview: the organization is new (its ARN unknown to the launch permission), and it is our own.
case("pre26-ami-shared-new-own-organization", PREVIEW, cite=PRE_DOC["policy-preview"])(ami_share(new_org=True))
# Violates: the bucket's desired state is unknown (it names a new KMS key), but its Region, N. Virginia, is known.
case("pre26-cloudcontrol-bucket-unknown-state-virginia", PREVIEW, "DENY", PRE_DOC["unknowns"], config=GDPR_STACK)(
    cloudcontrol_bucket("us-east-1", new_key=True)
)
# Violates: the Filestore share is new (its address unknown to the service); it is created in Iowa.
case("pre26-run-nfs-new-filestore-iowa", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    run_nfs("us-central1-a", new_filestore=True)
)
# Complies at preview: the new Filestore share is created in Frankfurt.
case("pre26-run-nfs-new-filestore-frankfurt", PREVIEW, cite=PRE_DOC["policy-preview"])(
    run_nfs("europe-west3-a", new_filestore=True)
)
# Violates: the backend is new (its URL, and so the OpenAPI document, unknown); it is created in Iowa.
case("pre26-api-gateway-new-backend-iowa", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    api_gateway("us-central1", new_backend=True)
)
# Violates: the Event Hubs namespace is new (its host unknown to the endpoint); it is created in East US.
case("pre26-digital-twins-endpoint-new-namespace-east-us", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    twins_endpoint("eastus", new_namespace=True)
)
# Complies at preview: the new namespace is created in West Europe.
case("pre26-digital-twins-endpoint-new-namespace-west-europe", PREVIEW, cite=PRE_DOC["policy-preview"])(
    twins_endpoint("westeurope", new_namespace=True)
)
# Complies at preview: the generic resource's location comes from another stack's outputs, unknown at preview; the
# decision is deferred to the update.
case("pre26-generic-resource-location-deferred", PREVIEW, cite=PRE_DOC["stack-references"])(generic_storage(UNKNOWN))
# Complies at preview: the API Management service is new (its ID unknown), and the self-hosted gateway is declared
# in Frankfurt.
case("pre26-apim-gateway-new-service-germany", PREVIEW, cite=PRE_DOC["policy-preview"])(
    apim_gateway(FRANKFURT, new_service=True)
)


# ============================================================================ malformed shapes
BAD_DOC = {
    "sip-rule": "https://www.pulumi.com/registry/packages/aws/api-docs/chime/sdkvoicesiprule/",
    "transfer-user": "https://www.pulumi.com/registry/packages/aws/api-docs/transfer/user/",
    "cloudcontrol": "https://www.pulumi.com/registry/packages/aws/api-docs/cloudcontrol/resource/",
    "run-service": "https://www.pulumi.com/registry/packages/gcp/api-docs/cloudrunv2/service/",
    "transfer-job": "https://www.pulumi.com/registry/packages/gcp/api-docs/storage/transferjob/",
    "api-config": "https://www.pulumi.com/registry/packages/gcp/api-docs/apigateway/apiconfig/",
    "twins-endpoint": "https://www.pulumi.com/registry/packages/azure-native/api-docs/digitaltwins/digitaltwinsendpoint/",
    "generic-resource": "https://www.pulumi.com/registry/packages/azure-native/api-docs/resources/resource/",
    "apim-gateway": "https://www.pulumi.com/registry/packages/azure-native/api-docs/apimanagement/gateway/",
    "bridge": "https://github.com/pulumi/pulumi-terraform-bridge/blob/master/pkg/tfbridge/schema.go",
}

# Violates: a target application's awsRegion (one Region name) is an object naming Frankfurt.
case("mal26-sip-rule-target-region-object", MALFORMED, "DENY", BAD_DOC["sip-rule"], config=GDPR_STACK)(
    sip_rule(
        None,
        targets=[
            {"sipMediaApplicationId": SMA_IDS["eu-central-1"], "priority": 1, "awsRegion": {"name": "eu-central-1"}}
        ],
    )
)
# Violates: a mapping's target (one path) is an object naming the Ireland bucket.
case("mal26-transfer-mapping-target-object", MALFORMED, "DENY", BAD_DOC["transfer-user"])(
    transfer_user("eu-west-1", mappings=[{"entry": "/", "target": {"bucket": INTAKE, "prefix": "uploads"}}])
)
# Complies: the server's protocolDetails (a block the SDK flattens) as a one-item list; the home bucket is in
# Ireland.
case("mal26-transfer-server-protocol-details-one-item-list", MALFORMED, cite=BAD_DOC["bridge"])(
    transfer_user("eu-west-1", protocol_details=[{"passiveIp": "AUTO", "setStatOption": "ENABLE_NO_OP"}])
)
# Violates: desiredState (a JSON string) is an object, whose replicas are Ireland and Frankfurt.
case("mal26-cloudcontrol-desired-state-object", MALFORMED, "DENY", BAD_DOC["cloudcontrol"], config=GDPR_STACK)(
    cloudcontrol_global_table("eu-central-1", state=global_table_state("eu-central-1"))
)
FRANKFURT_NFS = {"server": FILESTORE_IP, "path": "/claims", "readOnly": False}
# Violates: the volume's nfs (one block) is a list of two blocks, both naming the Frankfurt share.
case("mal26-run-nfs-two-blocks", MALFORMED, "DENY", BAD_DOC["run-service"])(
    run_nfs("europe-west3-a", nfs=[FRANKFURT_NFS, {**FRANKFURT_NFS, "path": "/claims-archive"}])
)
# Complies: nfs (a block the SDK flattens) as a one-item list naming the Frankfurt share.
case("mal26-run-nfs-one-item-list", MALFORMED, cite=BAD_DOC["bridge"])(run_nfs("europe-west3-a", nfs=[FRANKFURT_NFS]))
# Violates: posixDataSource (one block) is a list of two blocks; the job copies from the file system into the EU
# bucket.
case("mal26-storage-transfer-posix-source-two-blocks", MALFORMED, "DENY", BAD_DOC["transfer-job"])(
    storage_transfer(
        "from-posix",
        spec={
            "posixDataSource": [{"rootDirectory": "/srv/claims-scans"}, {"rootDirectory": "/srv/claims-letters"}],
            "sourceAgentPoolName": AGENT_POOL,
            "gcsDataSink": {"bucketName": "claims-archive-eu", "path": "scans/"},
        },
    )
)
BELGIUM_DOCUMENT = {"path": "openapi.yaml", "contents": openapi(BACKENDS["europe-west1"])}
# Violates: an OpenAPI document's document (one block) is a list of two blocks, both with the Belgium backend.
case("mal26-api-config-document-two-blocks", MALFORMED, "DENY", BAD_DOC["api-config"])(
    api_gateway(
        "europe-west1",
        documents=[{"document": [BELGIUM_DOCUMENT, {**BELGIUM_DOCUMENT, "path": "openapi-v2.yaml"}]}],
    )
)
# Complies: gatewayConfig (a block the SDK flattens) as a one-item list; the backend is in Belgium.
case("mal26-api-config-gateway-config-one-item-list", MALFORMED, cite=BAD_DOC["bridge"])(
    api_gateway(
        "europe-west1",
        gateway_config=[
            {"backendConfig": {"googleServiceAccount": f"claims-gateway@{PROJECT}.iam.gserviceaccount.com"}}
        ],
    )
)
# Violates: the endpoint's properties (an object) is a one-item list naming the West Europe namespace
# (azure-native).
case("mal26-digital-twins-endpoint-properties-list", MALFORMED, "DENY", BAD_DOC["twins-endpoint"])(
    twins_endpoint(
        "westeurope",
        properties=[
            {
                "endpointType": "EventHub",
                "authenticationType": "IdentityBased",
                "endpointUri": "sb://claims-twin-events.servicebus.windows.net",
                "entityPath": "twin-changes",
            }
        ],
    )
)
# Violates: the generic resource's sku (an object) is a one-item list; the vault is in West Europe (azure-native).
case("mal26-generic-resource-sku-list", MALFORMED, "DENY", BAD_DOC["generic-resource"])(
    generic_storage("westeurope", sku=[{"name": "Standard_LRS"}])
)
# Violates: the gateway's locationData (an object) is a one-item list declaring Frankfurt (azure-native).
case("mal26-apim-gateway-location-data-list", MALFORMED, "DENY", BAD_DOC["apim-gateway"])(apim_gateway([FRANKFURT]))
