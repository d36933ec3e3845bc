"""Cloud residency cases of the twenty-third outside corpus, written from cloud-provider documentation and the
pack's user-facing contract (docs/RULES.md, docs/SPEC.md, docs/REVIEW.md, README.md) by a helper session
that had not read the pack's rules, its residency survey, its configs or its tests. It must never be used
to tune the pack (see README.md beside it).

Cases are built with the ``Case``/``Stack`` API of ``tests/policies/corpus.py`` and the helpers of the
earlier outside corpora. A case asks only whether a correct pack denies it: ``expect="DENY"`` (some
mandatory violation) or nothing (compliant: no mandatory violation at all). Each cites the page its outcome
rests on; a comment above it says why it violates or complies. The resource or property that decides each
case is one none of the twenty-two earlier corpora used: Bedrock guardrail profiles (cross-Region guardrail
inference), AgentCore Memory record streaming, SNS daily SMS usage reports, IAM Identity Center multi-Region
replication, an S3 File Gateway NFS share's bucket Region; Model Armor template locations, Google SecOps raw-log
exports, Vertex AI Agent Engine, Cloud Composer scheduled snapshots, Vector Search collections, Anywhere Cache;
API Management external caches, Azure Compute Fleet additional locations, Dev Box pools on Microsoft-hosted
networks, Service Connector links, VM Run Command output blobs; S3 Tables table policies, cross-Region
PrivateLink to our own endpoint service, Security Command Center notification configs, Cloud Storage bucket ACL
role entities, Gemini data sharing with Google, cross-tenant object replication, a Virtual WAN security partner
provider, an Integration Connectors connection to a SaaS; S3 on Outposts buckets, Gemini prompt logging, an API
Management cache known only by its connection string; ACK ECS task definitions and EventBridge Pipes, Config
Connector BigQuery data transfer configs, ASO snapshot copies, a namespaced Crossplane API Management service
with an additional location; an SCP region deny conditioned on the caller's IP address (and its twin, the IP
condition in a statement of its own), a deny written with StringNotEqualsIgnoreCaseIfExists, a cluster in a
delegated-administrator account, an Azure Policy assignment in Enroll mode, an exemption selecting every storage
account by resource type, and an organization policy that denies every location.

``UNKNOWN`` stands for a value the engine only learns at the update.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from tests.policies.corpus import GDPR, IE, NONE, UNKNOWN, Stack, secret
from tests.policies.outside.corpus import (
    ACCOUNT,
    GDPR_AWS,
    PROJECT,
    RG,
    SUB,
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
    s3_bucket,
    scp,
    storage_account,
)
from tests.policies.outside11.cloud import OWN_ACCOUNT, depends, own_account_provider
from tests.policies.outside15.cloud import PARTNER_ACCOUNT, kcc_object
from tests.policies.outside19.cloud import LEDGER_NUMBER
from tests.policies.outside22.cloud import PARTNER_PROJECT_ID
from tests.policies.outside23.common import case

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
LEDGER_ORG = "480195736254"
IE_CONFIG = {"regimes": IE}  # a custom regime: Ireland only
IE_TAG = {"fleet-residency": "ie"}
ROLE_PREFIX = f"arn:aws:iam::{ACCOUNT}:role"


def ledger_project(s: Stack) -> str:
    """Project ledger-prod as this stack manages it, so that its number (123456789012) is known to be ours."""
    return put(
        s,
        "gcp:organizations/project:Project",
        "ledger-project",
        gcp(s),
        known={"id": f"projects/{PROJECT}", "number": LEDGER_NUMBER, "orgId": LEDGER_ORG},
        projectId=PROJECT,
        name=PROJECT,
        orgId=LEDGER_ORG,
        billingAccount="012345-6789AB-CDEF01",
        deletionPolicy="PREVENT",
        labels=dict(NONE),
    )


# ============================================================================ AWS: copies
AWS_DOC = {
    "guardrail-regions": "https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-cross-region-support.html",
    "guardrail-cross": "https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-cross-region.html",
    "memory-streaming": "https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/memory-record-streaming.html",
    "memory-api": "https://docs.aws.amazon.com/bedrock-agentcore-control/latest/APIReference/API_StreamDeliveryResources.html",
    "sms-usage": "https://docs.aws.amazon.com/sns/latest/dg/sms_stats_usage.html",
    "sms-attributes": "https://docs.aws.amazon.com/sns/latest/api/API_SetSMSAttributes.html",
    "idc-add-region": "https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_AddRegion.html",
    "idc-regions": "https://docs.aws.amazon.com/singlesignon/latest/userguide/use-cases-across-regions.html",
    "nfs-share": "https://docs.aws.amazon.com/storagegateway/latest/APIReference/API_CreateNFSFileShare.html",
}
GUARDRAIL_PROFILE = "eu.guardrail.v1:0"  # source eu-west-1: eu-central-1, eu-west-1, eu-west-3, eu-north-1


def guardrail(tags: dict[str, str], cross: Any = None, new_key: bool = False) -> Build:
    """The claims assistant's Bedrock guardrail (Ireland), which screens every claimant prompt and model answer
    (names, e-mail addresses, IBANs anonymized), on the Standard tier with the EU guardrail profile: Bedrock may
    route each evaluation to Frankfurt, Ireland, Paris or Stockholm. ``tags``: its regime; ``cross``: the
    crossRegionConfig as given; ``new_key``: its KMS key is created in this update."""

    def build(s: Stack) -> None:
        key_arn = f"arn:aws:kms:eu-west-1:{ACCOUNT}:key/6b1f0c2e-8d4a-4f57-9e3b-2a7c5d9e1f08"
        deps = []
        if new_key:
            deps.append(
                put(
                    s,
                    "aws:kms/key:Key",
                    "claims-guardrail-key",
                    aws(s),
                    description="claims guardrail",
                    enableKeyRotation=True,
                    tags=dict(tags),
                )
            )
        rail = put(
            s,
            "aws:bedrock/guardrail:Guardrail",
            "claims-assistant",
            aws(s),
            deps=deps,
            name="claims-assistant",
            description="screens claimant prompts and answers",
            blockedInputMessaging="This request cannot be processed.",
            blockedOutputsMessaging="This answer cannot be shown.",
            kmsKeyArn=UNKNOWN if new_key else key_arn,
            contentPolicyConfig={
                "filtersConfigs": [
                    {"type": "PROMPT_ATTACK", "inputStrength": "HIGH", "outputStrength": "NONE"},
                    {"type": "INSULTS", "inputStrength": "MEDIUM", "outputStrength": "MEDIUM"},
                ],
                "tierConfigs": [{"tierName": "STANDARD"}],
            },
            sensitiveInformationPolicyConfig={
                "piiEntitiesConfigs": [
                    {"type": "EMAIL", "action": "ANONYMIZE"},
                    {"type": "NAME", "action": "ANONYMIZE"},
                    {"type": "INTERNATIONAL_BANK_ACCOUNT_NUMBER", "action": "ANONYMIZE"},
                ]
            },
            crossRegionConfig={"guardrailProfileIdentifier": GUARDRAIL_PROFILE} if cross is None else cross,
            tags=dict(tags),
        )
        if new_key:
            depends(s, rail, kmsKeyArn=deps)

    return build


# Violates: under the Ireland-only regime, the EU guardrail profile sends the claimants' prompts to Frankfurt,
# Paris and Stockholm for evaluation.
case("aws23-guardrail-eu-profile-ireland-regime", AWS_COPIES, "DENY", AWS_DOC["guardrail-regions"], config=IE_CONFIG)(
    guardrail(IE_TAG)
)
# Complies: under GDPR every destination Region of the EU guardrail profile is in the EEA.
case("aws23-guardrail-eu-profile-gdpr", AWS_COPIES, cite=AWS_DOC["guardrail-regions"])(guardrail(GDPR))
STREAM_ROLE = f"{ROLE_PREFIX}/claims-memory-execution"


def agent_memory(stream_region: str, new_stream: bool = False, resource: Any = None) -> Build:
    """The claims assistant's AgentCore Memory (Ireland), which extracts long-term memory records from the
    claimants' conversations (their claims, injuries, bank details) and streams every record, FULL_CONTENT, to
    Kinesis stream claims-memory-events in ``stream_region`` (tagged as holding no regulated data);
    ``new_stream``: the stream is created in this update (the memory takes its ARN); ``resource``: the stream
    delivery resource as given."""

    def build(s: Stack) -> None:
        arn = f"arn:aws:kinesis:{stream_region}:{ACCOUNT}:stream/claims-memory-events"
        stream = put(
            s,
            "aws:kinesis/stream:Stream",
            "claims-memory-events",
            aws(s, stream_region),
            known=None if new_stream else {"id": arn, "arn": arn},
            name="claims-memory-events",
            streamModeDetails={"streamMode": "ON_DEMAND"},
            retentionPeriod=168,
            encryptionType="KMS",
            kmsKeyId="alias/aws/kinesis",
            tags=dict(NONE),
        )
        kinesis = {
            "dataStreamArn": UNKNOWN if new_stream else arn,
            "contentConfiguration": {"type": "MEMORY_RECORDS", "level": "FULL_CONTENT"},
        }
        memory = put(
            s,
            "aws:bedrock/agentcoreMemory:AgentcoreMemory",
            "claims-assistant-memory",
            aws(s),
            deps=[stream],
            name="claims_assistant_memory",
            description="what claimants told the assistant, across sessions",
            eventExpiryDuration=90,
            memoryExecutionRoleArn=STREAM_ROLE,
            streamDeliveryResources={"resource": {"kinesis": kinesis} if resource is None else resource},
            tags=GDPR,
        )
        if new_stream:
            depends(s, memory, streamDeliveryResources=[stream])

    return build


# Violates: every memory record (what claimants said about their claims) is streamed to N. Virginia.
case("aws23-agentcore-memory-stream-virginia", AWS_COPIES, "DENY", AWS_DOC["memory-streaming"])(
    agent_memory("us-east-1")
)
# Complies: the stream is in Ireland.
case("aws23-agentcore-memory-stream-ireland", AWS_COPIES, cite=AWS_DOC["memory-api"])(agent_memory("eu-west-1"))


def sms_reports(bucket_region: str, new_bucket: bool = False, bucket_value: Any = None) -> Build:
    """In a GDPR stack, the Ireland account's SNS SMS settings (claim status texts to claimants): SNS writes a
    daily usage report, one row per message with the destination phone number, to bucket ledger-sms-usage in
    ``bucket_region`` (tagged as holding no regulated data); ``new_bucket``: the bucket is created in this
    update; ``bucket_value``: the usageReportS3Bucket value as given."""

    def build(s: Stack) -> None:
        name = "ledger-sms-usage"
        if new_bucket:
            bucket = put(s, "aws:s3/bucket:Bucket", name, aws(s, bucket_region), bucket=name, tags=dict(NONE))
        else:
            bucket = s3_bucket(s, name, bucket_region, dict(NONE))
        prefs = put(
            s,
            "aws:sns/smsPreferences:SmsPreferences",
            "claims-sms",
            aws(s),
            deps=[bucket],
            defaultSmsType="Transactional",
            defaultSenderId="LEDGER",
            monthlySpendLimit=500,
            deliveryStatusIamRoleArn=f"{ROLE_PREFIX}/sns-sms-delivery-status",
            deliveryStatusSuccessSamplingRate="100",
            usageReportS3Bucket=(UNKNOWN if new_bucket else name) if bucket_value is None else bucket_value,
        )
        if new_bucket:
            depends(s, prefs, usageReportS3Bucket=[bucket])

    return build


# Violates: the daily reports, with every claimant's phone number, are written to a bucket in N. Virginia.
case("aws23-sms-usage-reports-virginia", AWS_COPIES, "DENY", AWS_DOC["sms-usage"], config=GDPR_STACK)(
    sms_reports("us-east-1")
)
# Complies: the report bucket is in Ireland.
case("aws23-sms-usage-reports-ireland", AWS_COPIES, cite=AWS_DOC["sms-attributes"], config=GDPR_STACK)(
    sms_reports("eu-west-1")
)
IDC_INSTANCE = "arn:aws:sso:::instance/ssoins-68046c1b2d3e4f5a"


def identity_center_region(region: str) -> Build:
    """In a GDPR stack, the organization's IAM Identity Center instance (primary Region Frankfurt: the claims
    staff's workforce directory, their names, e-mail addresses and group memberships) replicated to
    ``region``."""

    def build(s: Stack) -> None:
        put(
            s,
            "aws:ssoadmin/region:Region",
            f"identity-center-{region}",
            aws(s, "eu-central-1"),
            instanceArn=IDC_INSTANCE,
            regionName=region,
        )

    return build


# Violates: the workforce directory (users, groups, memberships) is replicated to N. Virginia.
case("aws23-identity-center-replica-virginia", AWS_COPIES, "DENY", AWS_DOC["idc-add-region"], config=GDPR_STACK)(
    identity_center_region("us-east-1")
)
# Complies: the additional Region is Ireland.
case("aws23-identity-center-replica-ireland", AWS_COPIES, cite=AWS_DOC["idc-regions"], config=GDPR_STACK)(
    identity_center_region("eu-west-1")
)
GATEWAY_ARN = f"arn:aws:storagegateway:eu-west-1:{ACCOUNT}:gateway/sgw-4C7D2A1E"


def nfs_share(bucket_region: Any, in_stack: bool = False) -> Build:
    """The claims scanning station's NFS share on an S3 File Gateway that runs on EC2 in Ireland: every scanned
    claim form written to it is stored as an object in bucket ledger-claim-scans, which this stack does not
    manage (``in_stack``: it does, in Ireland); ``bucket_region``: the share's bucketRegion (``None``: not set)."""

    def build(s: Stack) -> None:
        deps = [s3_bucket(s, "ledger-claim-scans", "eu-west-1", GDPR)] if in_stack else []
        inputs: dict[str, Any] = {} if bucket_region is None else {"bucketRegion": bucket_region}
        put(
            s,
            "aws:storagegateway/nfsFileShare:NfsFileShare",
            "claim-scans",
            aws(s),
            deps=deps,
            gatewayArn=GATEWAY_ARN,
            locationArn="arn:aws:s3:::ledger-claim-scans",
            roleArn=f"{ROLE_PREFIX}/file-gateway-claim-scans",
            clientLists=["10.20.30.0/24"],
            fileShareName="claim-scans",
            defaultStorageClass="S3_STANDARD",
            squash="RootSquash",
            kmsEncrypted=True,
            kmsKeyArn=f"arn:aws:kms:eu-west-1:{ACCOUNT}:key/0d2c4b6a-8e1f-4a3b-9c5d-7e6f8a9b0c1d",
            tags=GDPR,
            **inputs,
        )

    return build


# Violates: the share stores the scanned claim forms in a bucket whose Region, as the share names it, is
# N. Virginia.
case("aws23-nfs-share-bucket-region-virginia", AWS_COPIES, "DENY", AWS_DOC["nfs-share"])(nfs_share("us-east-1"))


# ============================================================================ GCP: copies
GCP_DOC = {
    "armor-locations": "https://cloud.google.com/model-armor/locations",
    "armor-residency": "https://cloud.google.com/model-armor/data-residency",
    "secops-export": "https://cloud.google.com/chronicle/docs/reports/export-rawLogs-to-self-managed-gcs-bucket",
    "secops-export-api": "https://cloud.google.com/chronicle/docs/reference/data-export-api",
    "agent-engine": "https://cloud.google.com/vertex-ai/generative-ai/docs/agent-engine/overview",
    "agent-engine-memory": "https://cloud.google.com/vertex-ai/generative-ai/docs/agent-engine/memory-bank/overview",
    "composer-snapshots": "https://cloud.google.com/composer/docs/composer-3/save-load-snapshots",
    "vector-search": "https://www.pulumi.com/registry/packages/gcp/api-docs/vectorsearch/collection/",
    "anywhere-cache": "https://cloud.google.com/storage/docs/anywhere-cache",
}


def armor_template(location: Any, filter_config: Any = None) -> Build:
    """The claims assistant's Model Armor template, which screens every prompt and response (sensitive data
    protection, prompt injection) in ``location``: the claimants' prompts are sent there to be sanitized."""

    def build(s: Stack) -> None:
        config = {
            "sdpSettings": {"basicConfig": {"filterEnforcement": "ENABLED"}},
            "piAndJailbreakFilterSettings": {"filterEnforcement": "ENABLED", "confidenceLevel": "MEDIUM_AND_ABOVE"},
            "maliciousUriFilterSettings": {"filterEnforcement": "ENABLED"},
        }
        put(
            s,
            "gcp:modelarmor/template:Template",
            "claims-prompts",
            gcp(s),
            project=PROJECT,
            location=location,
            templateId="claims-prompts",
            filterConfig=config if filter_config is None else filter_config,
            templateMetadata={"logSanitizeOperations": False, "logTemplateOperations": False},
            labels=dict(GDPR),
        )

    return build


# Violates: the claimants' prompts are screened in the US multi-region.
case("gcp23-model-armor-template-us", GCP_COPIES, "DENY", GCP_DOC["armor-locations"])(armor_template("us"))
# Complies: the template is in the EU multi-region ("data centers in the European Union").
case("gcp23-model-armor-template-eu", GCP_COPIES, cite=GCP_DOC["armor-locations"])(armor_template("eu"))
SECOPS_INSTANCE = "3f0ac2b4-7d1e-4c59-9a8b-5e2d6c1f0a47"


def secops_export(bucket_location: str, new_bucket: bool = False, bucket_value: Any = None) -> Build:
    """In a GDPR stack, a Google SecOps data export of the claims platform's raw logs (the EU instance: sign-ins,
    e-mail addresses, client IP addresses) into bucket ledger-secops-archive in ``bucket_location``, labelled as
    holding no regulated data; ``new_bucket``: the bucket is created in this update."""

    def build(s: Stack) -> None:
        ledger_project(s)
        name = "ledger-secops-archive"
        if new_bucket:
            bucket = put(
                s,
                "gcp:storage/bucket:Bucket",
                name,
                gcp(s),
                name=name,
                location=bucket_location,
                uniformBucketLevelAccess=True,
                labels=dict(NONE),
            )
        else:
            bucket = gcs_bucket(s, name, bucket_location, dict(NONE))
        path = UNKNOWN if new_bucket else f"projects/{LEDGER_NUMBER}/buckets/{name}"
        export = put(
            s,
            "gcp:chronicle/dataExport:DataExport",
            "claims-logs-2025",
            gcp(s),
            deps=[bucket],
            project=PROJECT,
            location="eu",
            instance=SECOPS_INSTANCE,
            gcsBucket=path if bucket_value is None else bucket_value,
            startTime="2025-01-01T00:00:00Z",
            endTime="2026-01-01T00:00:00Z",
            includeLogTypes=[
                f"projects/{PROJECT}/locations/eu/instances/{SECOPS_INSTANCE}/logTypes/OKTA",
                f"projects/{PROJECT}/locations/eu/instances/{SECOPS_INSTANCE}/logTypes/GCP_CLOUDAUDIT",
            ],
        )
        if new_bucket:
            depends(s, export, gcsBucket=[bucket])

    return build


# Violates: a year of raw sign-in and audit logs is exported into a bucket in the US multi-region.
case("gcp23-secops-export-us", GCP_COPIES, "DENY", GCP_DOC["secops-export"], config=GDPR_STACK)(secops_export("US"))
# Complies: the archive bucket is in Frankfurt.
case("gcp23-secops-export-frankfurt", GCP_COPIES, cite=GCP_DOC["secops-export-api"], config=GDPR_STACK)(
    secops_export("EUROPE-WEST3")
)


def agent_engine(region: str) -> Build:
    """The claims assistant deployed on Vertex AI Agent Engine in ``region``: its sessions (every claimant
    conversation) and Memory Bank memories are kept where the engine runs."""

    def build(s: Stack) -> None:
        put(
            s,
            "gcp:vertex/aiReasoningEngine:AiReasoningEngine",
            "claims-assistant",
            gcp(s, region),
            project=PROJECT,
            region=region,
            displayName="claims assistant",
            description="answers claimants about their claims",
            spec={
                "containerSpec": {"imageUri": "europe-west4-docker.pkg.dev/ledger-prod/agents/claims-assistant:1.4"},
                "serviceAccount": f"claims-assistant@{PROJECT}.iam.gserviceaccount.com",
            },
            contextSpec={"memoryBankConfig": {"disableMemoryRevisions": False}},
            labels=dict(GDPR),
        )

    return build


# Violates: the claimants' sessions and memories are kept in Iowa.
case("gcp23-agent-engine-iowa", GCP_COPIES, "DENY", GCP_DOC["agent-engine"])(agent_engine("us-central1"))
# Complies: the engine runs in the Netherlands.
case("gcp23-agent-engine-netherlands", GCP_COPIES, cite=GCP_DOC["agent-engine-memory"])(agent_engine("europe-west4"))


def composer_snapshots(bucket_location: str, new_bucket: bool = False, snapshots: Any = None) -> Build:
    """The claims pipelines' Cloud Composer environment (Frankfurt; its Airflow database holds task results
    with claim and payout records), saving a scheduled snapshot every night to bucket ledger-composer-snapshots
    in ``bucket_location`` (labelled as holding no regulated data); ``new_bucket``: the bucket is created in
    this update (the environment takes its URL); ``snapshots``: the scheduledSnapshotsConfig as given."""

    def build(s: Stack) -> None:
        name = "ledger-composer-snapshots"
        if new_bucket:
            bucket = put(
                s,
                "gcp:storage/bucket:Bucket",
                name,
                gcp(s),
                name=name,
                location=bucket_location,
                uniformBucketLevelAccess=True,
                labels=dict(NONE),
            )
        else:
            bucket = gcs_bucket(s, name, bucket_location, dict(NONE))
        schedule = {
            "enabled": True,
            "snapshotLocation": UNKNOWN if new_bucket else f"gs://{name}/claims-pipelines",
            "snapshotCreationSchedule": "0 3 * * *",
            "timeZone": "UTC+01",
        }
        env = put(
            s,
            "gcp:composer/environment:Environment",
            "claims-pipelines",
            gcp(s),
            deps=[bucket],
            project=PROJECT,
            name="claims-pipelines",
            region="europe-west3",
            config={
                "softwareConfig": {"imageVersion": "composer-3-airflow-2.10.5"},
                "recoveryConfig": {"scheduledSnapshotsConfig": schedule if snapshots is None else snapshots},
            },
            labels=dict(GDPR),
        )
        if new_bucket:
            depends(s, env, config=[bucket])

    return build


# Violates: the nightly snapshots (the Airflow database with its task results) are saved in the US multi-region.
case("gcp23-composer-snapshots-us", GCP_COPIES, "DENY", GCP_DOC["composer-snapshots"])(composer_snapshots("US"))
# Complies: the snapshot bucket is in Frankfurt.
case("gcp23-composer-snapshots-frankfurt", GCP_COPIES, cite=GCP_DOC["composer-snapshots"])(
    composer_snapshots("EUROPE-WEST3")
)


def vector_collection(s: Stack) -> None:
    """The adjusters' Vector Search collection of claim notes (each data object: the note's text, the claim
    number and its embedding), in Iowa."""
    put(
        s,
        "gcp:vectorsearch/collection:Collection",
        "claim-notes",
        gcp(s, "us-central1"),
        project=PROJECT,
        location="us-central1",
        collectionId="claim-notes",
        displayName="claim notes",
        dataSchema=json.dumps(
            {"type": "object", "properties": {"claim": {"type": "string"}, "note": {"type": "string"}}}
        ),
        vectorSchemas=[{"fieldName": "embedding", "denseVector": {"dimensions": 768}}],
        labels=dict(GDPR),
    )


# Violates: the claim notes, as data objects, are stored in Iowa.
case("gcp23-vector-search-collection-iowa", GCP_COPIES, "DENY", GCP_DOC["vector-search"])(vector_collection)


def anywhere_cache(s: Stack) -> None:
    """The GDPR claims documents bucket (EU multi-region) with an Anywhere Cache in zone europe-west1-b: an SSD
    cache Cloud Storage keeps in a zone of the bucket's location, not at edge locations."""
    bucket = gcs_bucket(s, "ledger-claims-docs", "EU", dict(GDPR))
    put(
        s,
        "gcp:storage/anywhereCache:AnywhereCache",
        "claims-docs-cache",
        gcp(s, "europe-west1"),
        deps=[bucket],
        bucket="ledger-claims-docs",
        zone="europe-west1-b",
        admissionPolicy="admit-on-first-miss",
        ttl="86400s",
    )


# Complies: the cache is in Belgium, inside the bucket's EU multi-region.
case("gcp23-anywhere-cache-belgium", GCP_COPIES, cite=GCP_DOC["anywhere-cache"])(anywhere_cache)


# ============================================================================ Azure: copies
AZ_DOC = {
    "apim-cache": "https://learn.microsoft.com/en-us/azure/api-management/api-management-howto-cache-external",
    "apim-cache-api": "https://learn.microsoft.com/en-us/rest/api/apimanagement/cache/create-or-update",
    "fleet-location": "https://learn.microsoft.com/en-us/javascript/api/@azure/arm-computefleet/locationprofile",
    "fleet-properties": "https://learn.microsoft.com/en-us/javascript/api/@azure/arm-computefleet/fleetproperties",
    "devbox-pools": "https://learn.microsoft.com/en-us/azure/dev-box/how-to-manage-dev-box-pools",
    "service-connector": "https://learn.microsoft.com/en-us/azure/service-connector/overview",
    "linker-api": "https://learn.microsoft.com/en-us/rest/api/resourceconnector/linker/create-or-update",
    "run-command": "https://learn.microsoft.com/en-us/azure/virtual-machines/linux/run-command-managed",
}
APIM_ID = f"{RG}/Microsoft.ApiManagement/service/claims-apim"


def apim_cache(
    redis_location: str, new_redis: bool = False, resource_id: Any = "", with_resource_id: bool = True
) -> Build:
    """The claims API's API Management service (West Europe) caching responses (claim records with claimants'
    details) in an external Azure Cache for Redis in ``redis_location``, tagged as holding no regulated data;
    ``new_redis``: the cache is created in this update; ``with_resource_id``: the APIM cache names the Redis
    resource (else the Redis cache is managed elsewhere and the APIM cache gives only its connection string, a
    secret); ``resource_id``: the resourceId value as given."""

    def build(s: Stack) -> None:
        put(
            s,
            "azure-native:apimanagement:ApiManagementService",
            "claims-apim",
            azure(s),
            known={"id": APIM_ID},
            resourceGroupName="ledger",
            serviceName="claims-apim",
            location="westeurope",
            sku={"name": "Premium", "capacity": 1},
            publisherEmail="api-team@ledger.example",
            publisherName="Ledger claims",
            tags=GDPR,
        )
        name = f"claims-cache-{redis_location}"
        redis_id = f"{RG}/Microsoft.Cache/redis/{name}"
        deps = []
        if with_resource_id:
            deps.append(
                put(
                    s,
                    "azure-native:redis:Redis",
                    name,
                    azure(s, redis_location),
                    known=None if new_redis else {"id": redis_id, "hostName": f"{name}.redis.cache.windows.net"},
                    resourceGroupName="ledger",
                    name=name,
                    location=redis_location,
                    sku={"name": "Premium", "family": "P", "capacity": 1},
                    minimumTlsVersion="1.2",
                    enableNonSslPort=False,
                    tags=dict(NONE),
                )
            )
        inputs: dict[str, Any] = {}
        if with_resource_id:
            value = UNKNOWN if new_redis else f"https://management.azure.com{redis_id}"
            inputs["resourceId"] = value if resource_id == "" else resource_id
        cache = put(
            s,
            "azure-native:apimanagement:Cache",
            "claims-response-cache",
            azure(s),
            deps=deps,
            resourceGroupName="ledger",
            serviceName="claims-apim",
            cacheId="claims-response-cache",
            description="response cache of the claims API",
            useFromLocation="default",
            connectionString=secret(
                f"{name}.redis.cache.windows.net:6380,password=redacted,ssl=True,abortConnect=False"
            ),
            **inputs,
        )
        if new_redis and with_resource_id:
            depends(s, cache, resourceId=deps, connectionString=deps)

    return build


# Violates: the claims API's cached responses are kept in a Redis cache in East US.
case("az23-apim-external-cache-east-us", AZURE_COPIES, "DENY", AZ_DOC["apim-cache"])(apim_cache("eastus"))
# Complies: the Redis cache is in West Europe.
case("az23-apim-external-cache-west-europe", AZURE_COPIES, cite=AZ_DOC["apim-cache-api"])(apim_cache("westeurope"))
FLEET_SUBNETS = {
    "westeurope": f"{RG}/Microsoft.Network/virtualNetworks/claims-weu/subnets/batch",
    "eastus": f"{RG}/Microsoft.Network/virtualNetworks/claims-eus/subnets/batch",
    "northeurope": f"{RG}/Microsoft.Network/virtualNetworks/claims-neu/subnets/batch",
}


def network_profile(location: str) -> dict[str, Any]:
    return {
        "networkApiVersion": "2020-11-01",
        "networkInterfaceConfigurations": [
            {
                "name": "batch-nic",
                "properties": {
                    "primary": True,
                    "ipConfigurations": [
                        {"name": "ipconfig", "properties": {"subnet": {"id": FLEET_SUBNETS[location]}}}
                    ],
                },
            }
        ],
    }


def compute_fleet(extra_location: str, profile: Any = None) -> Build:
    """The claims batch (OCR of claim documents, written to the VMs' disks) on an Azure Compute Fleet in West
    Europe whose additionalLocationsProfile lets it place VMs in ``extra_location`` too; ``profile``: the
    additionalLocationsProfile as given."""

    def build(s: Stack) -> None:
        extra = {
            "locationProfiles": [
                {
                    "location": extra_location,
                    "virtualMachineProfileOverride": {"networkProfile": network_profile(extra_location)},
                }
            ]
        }
        put(
            s,
            "azure-native:azurefleet:Fleet",
            "claims-batch",
            azure(s),
            resourceGroupName="ledger",
            fleetName="claims-batch",
            location="westeurope",
            vmSizesProfile=[{"name": "Standard_D4s_v5", "rank": 0}, {"name": "Standard_D4as_v5", "rank": 1}],
            spotPriorityProfile={"capacity": 20, "minCapacity": 0, "evictionPolicy": "Delete", "maintain": True},
            regularPriorityProfile={"capacity": 4, "minCapacity": 2, "allocationStrategy": "LowestPrice"},
            computeProfile={
                "computeApiVersion": "2024-03-01",
                "baseVirtualMachineProfile": {
                    "storageProfile": {
                        "imageReference": {
                            "publisher": "Canonical",
                            "offer": "ubuntu-24_04-lts",
                            "sku": "server",
                            "version": "latest",
                        },
                        "osDisk": {"createOption": "FromImage", "managedDisk": {"storageAccountType": "Premium_LRS"}},
                    },
                    "osProfile": {
                        "computerNamePrefix": "claims",
                        "adminUsername": "claimsops",
                        "linuxConfiguration": {
                            "disablePasswordAuthentication": True,
                            "ssh": {
                                "publicKeys": [
                                    {
                                        "path": "/home/claimsops/.ssh/authorized_keys",
                                        "keyData": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHc2Vt8rJ0m claimsops",
                                    }
                                ]
                            },
                        },
                    },
                    "networkProfile": network_profile("westeurope"),
                },
            },
            additionalLocationsProfile=extra if profile is None else profile,
            tags=GDPR,
        )

    return build


# Violates: the fleet may run the claims batch, and keep its documents on VM disks, in East US.
case("az23-compute-fleet-extra-location-east-us", AZURE_COPIES, "DENY", AZ_DOC["fleet-location"])(
    compute_fleet("eastus")
)
# Complies: the additional location is North Europe (Ireland).
case("az23-compute-fleet-extra-location-north-europe", AZURE_COPIES, cite=AZ_DOC["fleet-properties"])(
    compute_fleet("northeurope")
)


def devbox_pool(region: str, location: Any = "westeurope") -> Build:
    """The claims analysts' Dev Box pool (West Europe project) on a Microsoft-hosted network in ``region``: the
    dev boxes, with the claim extracts the analysts work on, are created in that region; ``location``: the
    pool's location as given."""

    def build(s: Stack) -> None:
        put(
            s,
            "azure-native:devcenter:Pool",
            "claims-analysts",
            azure(s),
            resourceGroupName="ledger",
            projectName="claims-analytics",
            poolName="claims-analysts",
            location=location,
            devBoxDefinitionName="analyst-16c64gb",
            networkConnectionName="managedNetwork",
            virtualNetworkType="Managed",
            managedVirtualNetworkRegions=[region],
            licenseType="Windows_Client",
            localAdministrator="Disabled",
            singleSignOnStatus="Enabled",
            stopOnDisconnect={"status": "Enabled", "gracePeriodMinutes": 60},
            tags=GDPR,
        )

    return build


# Violates: the analysts' dev boxes are created in East US.
case("az23-devbox-pool-east-us", AZURE_COPIES, "DENY", AZ_DOC["devbox-pools"])(devbox_pool("eastus"))
# Complies: the managed network region is West Europe.
case("az23-devbox-pool-west-europe", AZURE_COPIES, cite=AZ_DOC["devbox-pools"])(devbox_pool("westeurope"))
PORTAL_ID = f"{RG}/Microsoft.Web/sites/claims-portal"


def service_link(cosmos_location: str, new_app: bool = False, target: Any = None) -> Build:
    """The GDPR claims portal (App Service, West Europe) connected by Service Connector to Cosmos DB account
    claims-store in ``cosmos_location`` (tagged as holding no regulated data), where it writes every claim;
    ``new_app``: the web app is created in this update; ``target``: the targetService as given."""

    def build(s: Stack) -> None:
        app = put(
            s,
            "azure-native:web:WebApp",
            "claims-portal",
            azure(s),
            known=None if new_app else {"id": PORTAL_ID},
            resourceGroupName="ledger",
            name="claims-portal",
            location="westeurope",
            serverFarmId=f"{RG}/Microsoft.Web/serverfarms/claims-plan",
            httpsOnly=True,
            identity={"type": "SystemAssigned"},
            tags=GDPR,
        )
        name = f"claims-store-{cosmos_location}"
        cosmos_id = f"{RG}/Microsoft.DocumentDB/databaseAccounts/{name}"
        cosmos = put(
            s,
            "azure-native:cosmosdb:DatabaseAccount",
            name,
            azure(s, cosmos_location),
            known={"id": cosmos_id, "documentEndpoint": f"https://{name}.documents.azure.com:443/"},
            resourceGroupName="ledger",
            accountName=name,
            location=cosmos_location,
            databaseAccountOfferType="Standard",
            locations=[{"locationName": cosmos_location, "failoverPriority": 0, "isZoneRedundant": False}],
            disableLocalAuth=True,
            tags=dict(NONE),
        )
        link = put(
            s,
            "azure-native:servicelinker:Linker",
            "claims-portal-store",
            azure(s),
            deps=[app, cosmos],
            resourceUri=UNKNOWN if new_app else PORTAL_ID,
            linkerName="claims_store",
            targetService={"type": "AzureResource", "id": f"{cosmos_id}/sqlDatabases/claims"}
            if target is None
            else target,
            authInfo={"authType": "systemAssignedIdentity"},
            clientType="dotnet",
        )
        if new_app:
            depends(s, link, resourceUri=[app])

    return build


# Violates: the portal writes every claim into a Cosmos DB account in East US.
case("az23-service-connector-cosmos-east-us", AZURE_COPIES, "DENY", AZ_DOC["service-connector"])(service_link("eastus"))
# Complies: the linked Cosmos DB account is in West Europe.
case("az23-service-connector-cosmos-west-europe", AZURE_COPIES, cite=AZ_DOC["linker-api"])(service_link("westeurope"))


def run_command_output(account_location: str, new_account: bool = False) -> Build:
    """A managed Run Command on the GDPR claims batch VM (West Europe) that prints every mismatched payout
    (claimant, IBAN, amount); its output and errors are uploaded to blobs of storage account claimsops in
    ``account_location`` (tagged as holding no regulated data); ``new_account``: the account is created in this
    update (the blob URLs come from its endpoints)."""

    def build(s: Stack) -> None:
        account = f"claimsops{account_location[:4]}"
        if new_account:
            store = put(
                s,
                "azure-native:storage:StorageAccount",
                account,
                azure(s, account_location),
                resourceGroupName="ledger",
                accountName=account,
                location=account_location,
                kind="StorageV2",
                sku={"name": "Standard_LRS"},
                allowBlobPublicAccess=False,
                minimumTlsVersion="TLS1_2",
                tags=dict(NONE),
            )
        else:
            store = storage_account(s, account, account_location, dict(NONE))
        endpoint = UNKNOWN if new_account else f"https://{account}.blob.core.windows.net/runcommand"
        command = put(
            s,
            "azure-native:compute:VirtualMachineRunCommandByVirtualMachine",
            "reconcile-payouts",
            azure(s),
            deps=[store],
            resourceGroupName="ledger",
            vmName="claims-batch-01",
            runCommandName="reconcile-payouts",
            location="westeurope",
            source={"script": "/opt/claims/bin/reconcile --print-mismatches"},
            outputBlobUri=endpoint if new_account else f"{endpoint}/reconcile-payouts.out",
            errorBlobUri=endpoint if new_account else f"{endpoint}/reconcile-payouts.err",
            outputBlobManagedIdentity={"clientId": "5b8e2c1d-4f3a-4e6b-9d7c-1a2b3c4d5e6f"},
            errorBlobManagedIdentity={"clientId": "5b8e2c1d-4f3a-4e6b-9d7c-1a2b3c4d5e6f"},
            asyncExecution=False,
            timeoutInSeconds=3600,
            tags=GDPR,
        )
        if new_account:
            depends(s, command, outputBlobUri=[store], errorBlobUri=[store])

    return build


# Violates: the reconciliation output, with claimants' IBANs, is uploaded to a storage account in East US.
case("az23-run-command-output-east-us", AZURE_COPIES, "DENY", AZ_DOC["run-command"])(run_command_output("eastus"))


# ============================================================================ outside destinations
OUT_DOC = {
    "table-policy": "https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-tables-resource-based-policies.html",
    "cross-tenant": "https://learn.microsoft.com/en-us/azure/storage/blobs/object-replication-prevent-cross-tenant-policies",
    "privatelink-cross-region": "https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-cross-region-privatelink-support.html",
    "scc-notifications": "https://cloud.google.com/security-command-center/docs/how-to-notifications",
    "acl-scopes": "https://cloud.google.com/storage/docs/access-control/lists",
    "gemini-sharing": "https://cloud.google.com/gemini/docs/admin-settings-console",
    "security-partners": "https://learn.microsoft.com/en-us/azure/firewall-manager/trusted-security-partners",
    "zendesk": "https://cloud.google.com/integration-connectors/docs/connectors/zendesk/configure",
}
LAKE_ARN = f"arn:aws:s3tables:eu-west-1:{ACCOUNT}:bucket/claims-lake"


def table_policy(principal: str, new_bucket: bool = False) -> Build:
    """The GDPR claims table (S3 Tables, Ireland: one row per claim with the claimant's details) with a table
    policy that lets account ``principal`` read its data; ``new_bucket``: the table bucket is created in this
    update (the policy takes its ARN)."""

    def build(s: Stack) -> None:
        if principal == OWN_ACCOUNT:
            own_account_provider(s)
        lake = put(
            s,
            "aws:s3tables/tableBucket:TableBucket",
            "claims-lake",
            aws(s),
            known=None if new_bucket else {"id": LAKE_ARN, "arn": LAKE_ARN},
            name="claims-lake",
            tags=GDPR,
        )
        bucket_arn = UNKNOWN if new_bucket else LAKE_ARN
        space = put(
            s,
            "aws:s3tables/namespace:Namespace",
            "claims-ns",
            aws(s),
            deps=[lake],
            namespace="claims",
            tableBucketArn=bucket_arn,
        )
        table = put(
            s,
            "aws:s3tables/table:Table",
            "claims-table",
            aws(s),
            deps=[lake, space],
            name="claims",
            namespace="claims",
            tableBucketArn=bucket_arn,
            format="ICEBERG",
            tags=GDPR,
        )
        statement = {
            "Effect": "Allow",
            "Principal": {"AWS": f"arn:aws:iam::{principal}:root"},
            "Action": ["s3tables:GetTableData", "s3tables:GetTableMetadataLocation", "s3tables:GetTable"],
            "Resource": f"{LAKE_ARN}/table/*",
        }
        policy = put(
            s,
            "aws:s3tables/tablePolicy:TablePolicy",
            "claims-table-policy",
            aws(s),
            deps=[lake, table],
            name="claims",
            namespace="claims",
            tableBucketArn=bucket_arn,
            resourcePolicy=json.dumps({"Version": "2012-10-17", "Statement": [statement]}),
        )
        if new_bucket:
            for urn in (space, table, policy):
                depends(s, urn, tableBucketArn=[lake])

    return build


# Violates: another company's account may read every claim row (and copy it to any Region).
case("out23-s3-tables-policy-partner", OUTSIDE, "DENY", OUT_DOC["table-policy"])(table_policy(PARTNER_ACCOUNT))
# Complies: the reader is our second account, named by a provider of the stack.
case("out23-s3-tables-policy-own-account", OUTSIDE, cite=OUT_DOC["table-policy"])(table_policy(OWN_ACCOUNT))
OWN_SERVICE = "com.amazonaws.vpce.eu-central-1.vpce-svc-0f9e8d7c6b5a43210"
CLAIMS_VPC = "vpc-0a1b2c3d4e5f60718"


def claims_endpoint(new_service: bool = False) -> Build:
    """The GDPR claims app's interface endpoint (Ireland VPC) through which it sends each claim for fraud
    scoring to our own scoring service, an endpoint service of this stack in Frankfurt, over cross-Region
    PrivateLink (``new_service``: the endpoint service is created in this update, its service name unknown)."""

    def build(s: Stack) -> None:
        service_region = "eu-central-1"
        deps = [
            put(
                s,
                "aws:ec2/vpcEndpointService:VpcEndpointService",
                "fraud-scoring",
                aws(s, "eu-central-1"),
                known=None if new_service else {"id": "vpce-svc-0f9e8d7c6b5a43210", "serviceName": OWN_SERVICE},
                acceptanceRequired=False,
                networkLoadBalancerArns=[
                    f"arn:aws:elasticloadbalancing:eu-central-1:{ACCOUNT}:loadbalancer/net/fraud-scoring/5f2c1e0d9b8a7c6d"
                ],
                supportedRegions=["eu-west-1"],
                allowedPrincipals=[f"arn:aws:iam::{ACCOUNT}:root"],
                tags=GDPR,
            )
        ]
        service_name = UNKNOWN if new_service else OWN_SERVICE
        endpoint = put(
            s,
            "aws:ec2/vpcEndpoint:VpcEndpoint",
            "fraud-scoring",
            aws(s),
            deps=deps,
            vpcId=CLAIMS_VPC,
            vpcEndpointType="Interface",
            serviceName=service_name,
            serviceRegion=service_region,
            subnetIds=["subnet-0a1b2c3d4e5f60718", "subnet-0b1c2d3e4f5a60719"],
            securityGroupIds=["sg-0c1d2e3f4a5b60718"],
            privateDnsEnabled=False,
            tags=GDPR,
        )
        if new_service:
            depends(s, endpoint, serviceName=deps)

    return build


# Complies: the endpoint reaches our own scoring service in Frankfurt (cross-Region PrivateLink inside the EEA).
case("out23-vpc-endpoint-own-service-frankfurt", OUTSIDE, cite=OUT_DOC["privatelink-cross-region"])(claims_endpoint())
PARTNER_SUB = "c4f1e2d3-9b8a-4c7d-8e6f-5a4b3c2d1e0f"  # another company's subscription, in its own tenant
PARTNER_ACCOUNT_ID = (
    f"/subscriptions/{PARTNER_SUB}/resourceGroups/intake/providers/Microsoft.Storage/storageAccounts/tpaclaimsintake"
)


def cross_tenant_replication(s: Stack) -> None:
    """The GDPR claims documents account (West Europe) with cross-tenant replication allowed and an object
    replication policy copying every new claim document into the claims administrator's (a third-party
    administrator's) storage account, in that company's own subscription and tenant."""
    source_id = f"{RG}/Microsoft.Storage/storageAccounts/ledgerclaimsdocs"
    account = put(
        s,
        "azure-native:storage:StorageAccount",
        "ledgerclaimsdocs",
        azure(s),
        known={"id": source_id},
        resourceGroupName="ledger",
        accountName="ledgerclaimsdocs",
        location="westeurope",
        kind="StorageV2",
        sku={"name": "Standard_ZRS"},
        allowBlobPublicAccess=False,
        allowCrossTenantReplication=True,
        minimumTlsVersion="TLS1_2",
        tags=GDPR,
    )
    put(
        s,
        "azure-native:storage:ObjectReplicationPolicy",
        "claims-to-tpa",
        azure(s),
        deps=[account],
        resourceGroupName="ledger",
        accountName="ledgerclaimsdocs",
        objectReplicationPolicyId="2a8c4e6f-1b3d-4f5a-9c7e-0d2b4f6a8c1e",
        sourceAccount=source_id,
        destinationAccount=PARTNER_ACCOUNT_ID,
        rules=[{"sourceContainer": "claims", "destinationContainer": "ledger-claims"}],
    )


# Violates: every claim document is replicated into another company's storage account, in its own tenant.
case("out23-object-replication-cross-tenant", OUTSIDE, "DENY", OUT_DOC["cross-tenant"])(cross_tenant_replication)
FINDINGS_TOPIC = f"projects/{PROJECT}/topics/ledger-findings"


def scc_notifications(own_topic: bool) -> Build:
    """In a GDPR stack, a Security Command Center notification config of project ledger-prod that publishes
    every active finding (principals' e-mail addresses, caller IP addresses, the claims resources involved)
    to ``own_topic``: our topic in Frankfurt; else a topic in a managed-SOC provider's project."""

    def build(s: Stack) -> None:
        deps = []
        if own_topic:
            topic = FINDINGS_TOPIC
            deps.append(
                put(
                    s,
                    "gcp:pubsub/topic:Topic",
                    "ledger-findings",
                    gcp(s),
                    known={"id": FINDINGS_TOPIC, "name": "ledger-findings"},
                    project=PROJECT,
                    name="ledger-findings",
                    messageStoragePolicy={"allowedPersistenceRegions": ["europe-west3"]},
                )
            )
        else:
            topic = f"projects/{PARTNER_PROJECT_ID}/topics/ledger-findings"
        put(
            s,
            "gcp:securitycenter/projectNotificationConfig:ProjectNotificationConfig",
            "ledger-findings",
            gcp(s),
            deps=deps,
            project=PROJECT,
            configId="ledger-findings",
            description="active findings of ledger-prod",
            pubsubTopic=topic,
            streamingConfig={"filter": 'state = "ACTIVE"'},
        )

    return build


# Violates: the findings are published to another company's project.
case("out23-scc-notifications-partner-topic", OUTSIDE, "DENY", OUT_DOC["scc-notifications"], config=GDPR_STACK)(
    scc_notifications(own_topic=False)
)
# Complies: the findings go to our own topic, stored in Frankfurt.
case("out23-scc-notifications-own-topic", OUTSIDE, cite=OUT_DOC["scc-notifications"], config=GDPR_STACK)(
    scc_notifications(own_topic=True)
)


def bucket_acl(reader: str) -> Build:
    """The GDPR claim photos bucket (Frankfurt, fine-grained access) with a bucket ACL whose READER entity is
    ``reader``."""

    def build(s: Stack) -> None:
        ledger_project(s)
        bucket = put(
            s,
            "gcp:storage/bucket:Bucket",
            "ledger-claim-photos",
            gcp(s),
            known={"id": "ledger-claim-photos", "url": "gs://ledger-claim-photos"},
            name="ledger-claim-photos",
            location="EUROPE-WEST3",
            uniformBucketLevelAccess=False,
            labels=dict(GDPR),
        )
        put(
            s,
            "gcp:storage/bucketACL:BucketACL",
            "claim-photos-acl",
            gcp(s),
            deps=[bucket],
            bucket="ledger-claim-photos",
            roleEntities=[f"OWNER:project-owners-{LEDGER_NUMBER}", f"READER:{reader}"],
        )

    return build


# Violates: allAuthenticatedUsers: anyone signed in with any Google account may list the claim photos.
case("out23-gcs-bucket-acl-all-authenticated", OUTSIDE, "DENY", OUT_DOC["acl-scopes"])(
    bucket_acl("allAuthenticatedUsers")
)
# Complies: the readers are the viewers of our own project.
case("out23-gcs-bucket-acl-project-viewers", OUTSIDE, cite=OUT_DOC["acl-scopes"])(
    bucket_acl(f"project-viewers-{LEDGER_NUMBER}")
)


def gemini_sharing(enabled: bool) -> Build:
    """In a GDPR stack, the Gemini for Google Cloud data-sharing setting bound to project ledger-prod, where
    the claims engineers paste claim records into Gemini Cloud Assist; ``enabled``: prompts and responses are
    shared with Google for product improvement."""

    def build(s: Stack) -> None:
        ledger_project(s)
        setting = put(
            s,
            "gcp:gemini/dataSharingWithGoogleSetting:DataSharingWithGoogleSetting",
            "ledger-sharing",
            gcp(s),
            project=PROJECT,
            location="global",
            dataSharingWithGoogleSettingId="ledger-sharing",
            enableDataSharing=enabled,
            enablePreviewDataSharing=enabled,
        )
        put(
            s,
            "gcp:gemini/dataSharingWithGoogleSettingBinding:DataSharingWithGoogleSettingBinding",
            "ledger-sharing-binding",
            gcp(s),
            deps=[setting],
            project=PROJECT,
            location="global",
            dataSharingWithGoogleSettingId="ledger-sharing",
            settingBindingId="ledger-prod",
            target=f"projects/{LEDGER_NUMBER}",
            product="GEMINI_CLOUD_ASSIST",
        )

    return build


# Violates: Google processes and keeps (up to two years) the prompts and responses, claim records included.
case("out23-gemini-data-sharing-enabled", OUTSIDE, "DENY", OUT_DOC["gemini-sharing"], config=GDPR_STACK)(
    gemini_sharing(True)
)
# Complies: sharing is off; Google does not examine the prompts.
case("out23-gemini-data-sharing-disabled", OUTSIDE, cite=OUT_DOC["gemini-sharing"], config=GDPR_STACK)(
    gemini_sharing(False)
)


def zscaler_provider(s: Stack) -> None:
    """The claims Virtual WAN hub (West Europe) with a security partner provider: the branches' and VNets'
    internet traffic (claims staff browsing, uploads to insurers' portals) is sent through Zscaler's cloud."""
    put(
        s,
        "azure-native:network:SecurityPartnerProvider",
        "claims-hub-zscaler",
        azure(s),
        resourceGroupName="ledger",
        securityPartnerProviderName="claims-hub-zscaler",
        location="westeurope",
        securityProviderName="ZScaler",
        virtualHub={"id": f"{RG}/Microsoft.Network/virtualHubs/claims-hub-weu"},
        tags=GDPR,
    )


# Violates: the hub's internet traffic, claims data included, is inspected in a third party's cloud.
case("out23-vwan-security-partner-zscaler", OUTSIDE, "DENY", OUT_DOC["security-partners"])(zscaler_provider)


def zendesk_connection(s: Stack) -> None:
    """The claims integration's Integration Connectors connection (Frankfurt) to the adjusters' Zendesk, which
    the claims workflows use to open a ticket with every claim's details."""
    put(
        s,
        "gcp:integrationconnectors/connection:Connection",
        "claims-zendesk",
        gcp(s),
        project=PROJECT,
        name="claims-zendesk",
        location="europe-west3",
        description="claims tickets in Zendesk",
        connectorVersion=f"projects/{PROJECT}/locations/global/providers/zendesk/connectors/zendesk/versions/1",
        serviceAccount=f"claims-integrations@{PROJECT}.iam.gserviceaccount.com",
        authConfig={
            "authType": "USER_PASSWORD",
            "userPassword": {
                "username": "claims-bot@ledger.example",
                "password": {"secretVersion": f"projects/{PROJECT}/secrets/zendesk-token/versions/1"},
            },
        },
        destinationConfigs=[{"key": "url", "destinations": [{"host": "https://ledger-claims.zendesk.com"}]}],
        labels=dict(GDPR),
    )


# Violates: the claims are sent to Zendesk, a SaaS outside the cloud.
case("out23-integration-connector-zendesk", OUTSIDE, "DENY", OUT_DOC["zendesk"])(zendesk_connection)


# ============================================================================ unset location defaults
DEF_DOC = {
    "nfs-share": "https://docs.aws.amazon.com/storagegateway/latest/APIReference/API_NFSFileShareInfo.html",
    "s3-arn": "https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-arn-format.html",
    "outposts": "https://docs.aws.amazon.com/AmazonS3/latest/s3-outposts/S3onOutposts.html",
    "gemini-logging": "https://cloud.google.com/gemini/docs/log-gemini",
    "log-buckets": "https://cloud.google.com/logging/docs/regionalized-logs",
    "apim-cache": "https://learn.microsoft.com/en-us/rest/api/apimanagement/cache/create-or-update",
}

# Violates: the share names neither the bucket's Region nor a bucket of this stack; an S3 ARN carries no Region,
# so where the scanned claim forms are stored cannot be determined.
case("def23-nfs-share-bucket-unplaced", DEFAULTS, "DENY", DEF_DOC["s3-arn"])(nfs_share(None))
# Complies: the share's bucketRegion, "the Region of the S3 bucket where the NFS file share stores files", is
# Ireland.
case("def23-nfs-share-bucket-region-ireland", DEFAULTS, cite=DEF_DOC["nfs-share"])(nfs_share("eu-west-1"))


def outposts_bucket(s: Stack) -> None:
    """The claims scans of the Cork plant on S3 on Outposts: a bucket on an Outpost homed in Ireland. S3 on
    Outposts keeps the objects on the Outpost, on the customer's premises, wherever the rack is installed."""
    put(
        s,
        "aws:s3control/bucket:Bucket",
        "plant-claim-scans",
        aws(s),
        bucket="plant-claim-scans",
        outpostId="op-0a1b2c3d4e5f60718",
        tags=GDPR,
    )


# Violates: the data is on an Outpost whose site the stack does not say; its home Region does not place it.
case("def23-s3-outposts-bucket-site-unknown", DEFAULTS, "DENY", DEF_DOC["outposts"])(outposts_bucket)


def gemini_logging(prompts: bool) -> Build:
    """In a GDPR stack, the Gemini Code Assist logging setting bound to project ledger-prod (whose _Default
    sink the stack leaves alone): ``prompts``, prompts, responses and metadata are written to the project's
    Cloud Logging; else nothing is logged."""

    def build(s: Stack) -> None:
        ledger_project(s)
        setting = put(
            s,
            "gcp:gemini/loggingSetting:LoggingSetting",
            "ledger-logging",
            gcp(s),
            project=PROJECT,
            location="global",
            loggingSettingId="ledger-logging",
            logPromptsAndResponses=prompts,
            logMetadata=prompts,
        )
        put(
            s,
            "gcp:gemini/loggingSettingBinding:LoggingSettingBinding",
            "ledger-logging-binding",
            gcp(s),
            deps=[setting],
            project=PROJECT,
            location="global",
            loggingSettingId="ledger-logging",
            settingBindingId="ledger-prod",
            target=f"projects/{LEDGER_NUMBER}",
            product="GEMINI_CODE_ASSIST",
        )

    return build


# Violates: the prompts (claim records pasted by engineers) are logged to the project's _Default log bucket,
# which is global.
case("def23-gemini-logging-prompts-default-bucket", DEFAULTS, "DENY", DEF_DOC["gemini-logging"], config=GDPR_STACK)(
    gemini_logging(True)
)
# Complies: neither prompts nor metadata are logged.
case("def23-gemini-logging-off", DEFAULTS, cite=DEF_DOC["gemini-logging"], config=GDPR_STACK)(gemini_logging(False))
# Violates: the APIM cache names no Redis resource, only a connection string (a secret); where the cached claim
# responses are kept cannot be determined.
case("def23-apim-cache-connection-string-only", DEFAULTS, "DENY", DEF_DOC["apim-cache"])(
    apim_cache("westeurope", with_resource_id=False)
)


# ============================================================================ Kubernetes operators
OP_DOC = {
    "ack-taskdef": "https://aws-controllers-k8s.github.io/community/reference/ecs/v1alpha1/taskdefinition/",
    "awslogs": "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html",
    "ack-pipe": "https://aws-controllers-k8s.github.io/community/reference/pipes/v1alpha1/pipe/",
    "pipes-targets": "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-pipes-event-target.html",
    "kcc-transfer": "https://cloud.google.com/config-connector/docs/reference/resource-docs/bigquerydatatransfer/bigquerydatatransferconfig",
    "bq-copy": "https://cloud.google.com/bigquery/docs/copying-datasets",
    "aso-snapshot": "https://azure.github.io/azure-service-operator/reference/compute/v1api20240302/",
    "snapshot-copy": "https://learn.microsoft.com/en-us/azure/virtual-machines/disks-copy-incremental-snapshot-across-regions",
    "apim-regions": "https://learn.microsoft.com/en-us/azure/api-management/api-management-howto-deploy-multi-region",
    "crossplane-apim": "https://marketplace.upbound.io/providers/upbound/provider-azure-apimanagement/latest/resources/apimanagement.azure.m.upbound.io/Management/v1beta1",
}


def ack_taskdef(log_region: str) -> Build:
    """The GDPR tenant's ACK ECS task definition (Ireland) for its claims worker, whose container logs (each
    claim it processes, with the claimant's name) go to CloudWatch Logs in ``log_region`` (awslogs-region)."""
    taskdef = custom_resource(
        "ecs.services.k8s.aws/v1alpha1",
        "TaskDefinition",
        "acme-claims-worker",
        "acme",
        {
            "family": "acme-claims-worker",
            "requiresCompatibilities": ["FARGATE"],
            "networkMode": "awsvpc",
            "cpu": "512",
            "memory": "1024",
            "executionRoleARN": f"{ROLE_PREFIX}/acme-ecs-execution",
            "containerDefinitions": [
                {
                    "name": "worker",
                    "image": f"{ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/acme/claims-worker:2.3",
                    "essential": True,
                    "logConfiguration": {
                        "logDriver": "awslogs",
                        "options": {
                            "awslogs-group": "/acme/claims-worker",
                            "awslogs-region": log_region,
                            "awslogs-stream-prefix": "worker",
                            "awslogs-create-group": "true",
                        },
                    },
                }
            ],
        },
        annotations={"services.k8s.aws/region": "eu-west-1"},
    )
    return operator(taskdef)


# Violates: the worker's logs are sent to CloudWatch Logs in N. Virginia.
case("op23-ack-ecs-taskdef-logs-virginia", OPERATORS, "DENY", OP_DOC["awslogs"])(ack_taskdef("us-east-1"))
# Complies: awslogs-region is Ireland.
case("op23-ack-ecs-taskdef-logs-ireland", OPERATORS, cite=OP_DOC["ack-taskdef"])(ack_taskdef("eu-west-1"))


def ack_pipe(target_region: str) -> Build:
    """The GDPR tenant's ACK EventBridge pipe (Ireland) from its claim-events queue to Kinesis stream
    acme-claims-analytics in ``target_region``, named by ARN."""
    pipe = custom_resource(
        "pipes.services.k8s.aws/v1alpha1",
        "Pipe",
        "acme-claim-events",
        "acme",
        {
            "name": "acme-claim-events",
            "roleARN": f"{ROLE_PREFIX}/acme-pipes",
            "source": f"arn:aws:sqs:eu-west-1:{ACCOUNT}:acme-claim-events",
            "sourceParameters": {"sqsQueueParameters": {"batchSize": 10}},
            "target": f"arn:aws:kinesis:{target_region}:{ACCOUNT}:stream/acme-claims-analytics",
            "targetParameters": {"kinesisStreamParameters": {"partitionKey": "$.body.claimId"}},
        },
        annotations={"services.k8s.aws/region": "eu-west-1"},
    )
    return operator(pipe)


# Violates: every claim event is delivered to a stream in N. Virginia (the target ARN's Region).
case("op23-ack-pipe-target-virginia", OPERATORS, "DENY", OP_DOC["pipes-targets"])(ack_pipe("us-east-1"))
# Complies: the target stream is in Ireland.
case("op23-ack-pipe-target-ireland", OPERATORS, cite=OP_DOC["ack-pipe"])(ack_pipe("eu-west-1"))


def kcc_transfer(location: str) -> Build:
    """The GDPR tenant's Config Connector BigQuery data transfer config: a cross_region_copy of its claims
    dataset (Frankfurt) into dataset acmeclaimscopy, a Config Connector dataset in ``location``."""
    dataset = kcc_object("BigQueryDataset", "bigquery", "acmeclaimscopy", {"location": location})
    transfer = kcc_object(
        "BigQueryDataTransferConfig",
        "bigquerydatatransfer",
        "acme-claims-copy",
        {
            "projectRef": {"external": "acme-prod"},
            "location": location,
            "displayName": "claims copy",
            "dataSourceID": "cross_region_copy",
            "datasetRef": {"name": "acmeclaimscopy"},
            "schedule": "every 24 hours",
            "params": {
                "source_project_id": "acme-prod",
                "source_dataset_id": "acme_claims",
                "overwrite_destination_table": "true",
            },
        },
    )

    def make(s: Stack, k8s: str) -> str:
        dataset(s, k8s)
        return transfer(s, k8s)

    return operator(make, "gcp")


# Violates: the tenant's claims dataset is copied every day into a dataset in the US multi-region.
case("op23-kcc-dataset-copy-us", OPERATORS, "DENY", OP_DOC["bq-copy"])(kcc_transfer("US"))
# Complies: the copy is in the EU multi-region.
case("op23-kcc-dataset-copy-eu", OPERATORS, cite=OP_DOC["kcc-transfer"])(kcc_transfer("EU"))


ACME_RG = f"/subscriptions/{SUB}/resourceGroups/acme/providers"


def aso_snapshot_copy(location: str) -> Build:
    """The GDPR tenant's ASO snapshot that copies its nightly claims-disk snapshot (West Europe) into
    ``location`` (CopyStart: an incremental snapshot copied across regions)."""
    snapshot = custom_resource(
        "compute.azure.com/v1api20240302",
        "Snapshot",
        "acme-claims-disk-copy",
        "acme",
        {
            "location": location,
            "owner": {"name": "acme-rg"},
            "incremental": True,
            "creationData": {
                "createOption": "CopyStart",
                "sourceResourceReference": {"armId": f"{ACME_RG}/Microsoft.Compute/snapshots/acme-claims-disk-nightly"},
            },
        },
    )
    return operator(snapshot, "azure-native")


# Violates: the tenant's claims disk is copied to East US.
case("op23-aso-snapshot-copy-east-us", OPERATORS, "DENY", OP_DOC["snapshot-copy"])(aso_snapshot_copy("eastus"))
# Complies: the copy is in North Europe (Ireland).
case("op23-aso-snapshot-copy-north-europe", OPERATORS, cite=OP_DOC["aso-snapshot"])(aso_snapshot_copy("northeurope"))


def crossplane_apim(extra_location: str) -> Build:
    """The GDPR tenant's namespaced Crossplane API Management service (West Europe) for its claims API, with an
    additional location in ``extra_location``: a gateway there receives the API's requests (claims and their
    claimants) and caches its responses."""
    apim = custom_resource(
        "apimanagement.azure.m.upbound.io/v1beta1",
        "Management",
        "acme-claims-api",
        "acme",
        {
            "forProvider": {
                "location": "westeurope",
                "resourceGroupName": "acme",
                "publisherName": "Acme claims",
                "publisherEmail": "api@acme.example",
                "skuName": "Premium_1",
                "additionalLocation": [{"location": extra_location, "capacity": 1}],
            },
            "providerConfigRef": {"kind": "ProviderConfig", "name": "default"},
        },
    )
    return operator(apim, "azure-native")


# Violates: the tenant's API also runs a gateway, with its cache, in East US.
case("op23-crossplane-apim-extra-location-east-us", OPERATORS, "DENY", OP_DOC["apim-regions"])(
    crossplane_apim("eastus")
)
# Complies: the additional location is North Europe (Ireland).
case("op23-crossplane-apim-extra-location-north-europe", OPERATORS, cite=OP_DOC["crossplane-apim"])(
    crossplane_apim("northeurope")
)


# ============================================================================ cloud guardrails
GRD_DOC = {
    "source-ip": "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceip",
    "operators": "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html",
    "scp-scope": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html",
    "delegated-admin": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_delegate_policies.html",
    "enforcement-mode": "https://learn.microsoft.com/en-us/azure/governance/policy/concepts/assignment-structure",
    "exemption-selectors": "https://learn.microsoft.com/en-us/azure/governance/policy/concepts/exemption-structure",
    "deny-all": "https://cloud.google.com/resource-manager/docs/organization-policy/understanding-constraints",
}
OFFICE_RANGES = ["198.51.100.0/24", "203.0.113.0/24"]

# Violates: the region deny applies only to requests from outside the office ranges; from the office, anyone may
# create resources in any Region.
case("grd23-aws-scp-office-ip-exemption", GUARDRAILS, "DENY", GRD_DOC["source-ip"])(
    eks_guarded(scp(extra={"NotIpAddress": {"aws:SourceIp": OFFICE_RANGES}}))
)


def region_deny_beside_ip_deny() -> str:
    """The documented region deny, unconditioned, beside a second statement that denies every request from
    outside the office ranges."""
    document = json.loads(scp())
    document["Statement"].append(
        {
            "Sid": "DenyOutsideOffice",
            "Effect": "Deny",
            "Action": "*",
            "Resource": "*",
            "Condition": {"NotIpAddress": {"aws:SourceIp": OFFICE_RANGES}},
        }
    )
    return json.dumps(document)


# Complies: the IP condition is its own deny statement; the region deny beside it is untouched.
case("grd23-aws-scp-office-ip-separate-statement", GUARDRAILS, cite=GRD_DOC["source-ip"])(
    eks_guarded(region_deny_beside_ip_deny())
)


def ignore_case_if_exists() -> str:
    """The documented region deny written with StringNotEqualsIgnoreCaseIfExists."""
    document = json.loads(scp())
    document["Statement"][0]["Condition"] = {"StringNotEqualsIgnoreCaseIfExists": {"aws:RequestedRegion": GDPR_AWS}}
    return json.dumps(document)


# Complies: the IfExists form of the IgnoreCase operator denies at least what StringNotEquals denies.
case("grd23-aws-scp-ignore-case-if-exists", GUARDRAILS, cite=GRD_DOC["operators"])(eks_guarded(ignore_case_if_exists()))


def delegated_admin(s: Stack) -> None:
    """The guarded EKS cluster's account, also registered as the organization's delegated administrator for
    GuardDuty: SCPs restrict member accounts, delegated administrators included; only the management account is
    exempt."""
    eks_guarded()(s)
    put(
        s,
        "aws:organizations/delegatedAdministrator:DelegatedAdministrator",
        "guardduty-admin",
        s.urn("pulumi:providers:aws", "org"),
        accountId=ACCOUNT,
        servicePrincipal="guardduty.amazonaws.com",
    )


# Complies: the cluster's account is a delegated administrator, not the management account; the SCP applies.
case("grd23-aws-delegated-admin-account-guarded", GUARDRAILS, cite=GRD_DOC["scp-scope"])(delegated_admin)
# Violates: the "Allowed locations" assignments are in Enroll mode: not enforced until a scope is enrolled.
case("grd23-azure-enforcement-enroll", GUARDRAILS, "DENY", GRD_DOC["enforcement-mode"])(aks_guarded("Enroll"))


def storage_exemption(s: Stack) -> None:
    """The guarded AKS cluster's subscription, with a waiver of its "Allowed locations" assignment for every
    storage account (a resource selector on the resource type)."""
    aks_guarded()(s)
    scope = f"/subscriptions/{SUB}"
    put(
        s,
        "azure-native:authorization:PolicyExemption",
        "storage-accounts-anywhere",
        s.urn("pulumi:providers:azure-native", "policy"),
        scope=scope,
        policyExemptionName="storage-accounts-anywhere",
        policyAssignmentId=f"{scope}/providers/Microsoft.Authorization/policyAssignments/eea-locations",
        exemptionCategory="Waiver",
        displayName="storage accounts may be created in any region",
        resourceSelectors=[
            {
                "name": "storage-accounts",
                "selectors": [{"kind": "resourceType", "in": ["Microsoft.Storage/storageAccounts"]}],
            }
        ],
    )


# Violates: every storage account of the subscription, wherever created, is exempt from "Allowed locations".
case("grd23-azure-exemption-storage-accounts", GUARDRAILS, "DENY", GRD_DOC["exemption-selectors"])(storage_exemption)


def deny_all_locations() -> Build:
    """The guarded GKE cluster (its _Default sink taken over, to Frankfurt) whose project's gcp.resourceLocations
    policy denies every location: nothing new may be created anywhere."""

    def own_sink(s: Stack, org: str) -> None:
        default_sink("europe-west3")(s)

    def policy(s: Stack, org: str) -> None:
        put(
            s,
            "gcp:orgpolicy/policy:Policy",
            "locations",
            org,
            name=f"projects/{PROJECT}/policies/gcp.resourceLocations",
            parent=f"projects/{PROJECT}",
            spec={"inheritFromParent": False, "rules": [{"denyAll": "TRUE"}]},
        )

    return gke_guarded(own_sink, policy)


# Complies: a policy that allows no location at all keeps every new resource inside any regime.
case("grd23-gcp-deny-all-locations", GUARDRAILS, cite=GRD_DOC["deny-all"])(deny_all_locations())


# ============================================================================ unknown at preview
PRE_DOC = {
    "unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
    "policy-preview": "https://www.pulumi.com/docs/iac/using-pulumi/crossguard/best-practices/",
}

# Violates: the stream is new (its ARN unknown to the memory); it is created through the N. Virginia provider.
case("pre23-memory-new-stream-virginia", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    agent_memory("us-east-1", new_stream=True)
)
# Complies at preview: the new stream is created in Ireland.
case("pre23-memory-new-stream-ireland", PREVIEW, cite=PRE_DOC["policy-preview"])(
    agent_memory("eu-west-1", new_stream=True)
)
# Violates: the storage account is new (the blob URLs come from its endpoints); it is created in East US.
case("pre23-run-command-new-account-east-us", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    run_command_output("eastus", new_account=True)
)
# Complies at preview: the snapshot bucket is created in this update (its URL unknown), in Frankfurt.
case("pre23-composer-new-bucket-frankfurt", PREVIEW, cite=PRE_DOC["policy-preview"])(
    composer_snapshots("EUROPE-WEST3", new_bucket=True)
)
# Violates: the Redis cache is new (its resource ID unknown to the APIM cache); it is created in East US.
case("pre23-apim-new-redis-east-us", PREVIEW, "DENY", PRE_DOC["unknowns"])(apim_cache("eastus", new_redis=True))
# Complies at preview: the new Redis cache is created in West Europe.
case("pre23-apim-new-redis-west-europe", PREVIEW, cite=PRE_DOC["policy-preview"])(
    apim_cache("westeurope", new_redis=True)
)
# Violates: the web app is new (its ID unknown to the link); the Cosmos DB target in East US is known.
case("pre23-service-connector-new-app-east-us", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    service_link("eastus", new_app=True)
)
# Violates: the table bucket is new (its ARN unknown to the policy); the partner principal is known.
case("pre23-s3-tables-new-bucket-partner", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    table_policy(PARTNER_ACCOUNT, new_bucket=True)
)
# Violates: the archive bucket is new (its path unknown to the export); it is created in the US multi-region.
case("pre23-secops-new-bucket-us", PREVIEW, "DENY", PRE_DOC["unknowns"], config=GDPR_STACK)(
    secops_export("US", new_bucket=True)
)
# Complies at preview: our endpoint service is created in this update, in Frankfurt (its name unknown).
case("pre23-vpc-endpoint-new-own-service", PREVIEW, cite=PRE_DOC["policy-preview"])(claims_endpoint(new_service=True))
# Complies: the guardrail's KMS key is new (its ARN unknown); where the guardrail evaluates does not depend on it.
case("pre23-guardrail-new-key-gdpr", PREVIEW, cite=PRE_DOC["unknowns"])(guardrail(GDPR, new_key=True))


# ============================================================================ malformed shapes
BAD_DOC = {
    "guardrail": "https://www.pulumi.com/registry/packages/aws/api-docs/bedrock/guardrail/",
    "nfs-share": "https://www.pulumi.com/registry/packages/aws/api-docs/storagegateway/nfsfileshare/",
    "devbox": "https://www.pulumi.com/registry/packages/azure-native/api-docs/devcenter/pool/",
    "secops-export": "https://www.pulumi.com/registry/packages/gcp/api-docs/chronicle/dataexport/",
    "armor": "https://www.pulumi.com/registry/packages/gcp/api-docs/modelarmor/template/",
    "apim-cache": "https://www.pulumi.com/registry/packages/azure-native/api-docs/apimanagement/cache/",
    "fleet": "https://www.pulumi.com/registry/packages/azure-native/api-docs/azurefleet/fleet/",
    "linker": "https://www.pulumi.com/registry/packages/azure-native/api-docs/servicelinker/linker/",
    "bridge": "https://github.com/pulumi/pulumi-terraform-bridge/blob/master/pkg/tfbridge/schema.go",
}
EU_PROFILE = {"guardrailProfileIdentifier": GUARDRAIL_PROFILE}

# Violates: crossRegionConfig (one block) is a list of two blocks, both naming the EU profile.
case("mal23-guardrail-cross-region-two-blocks", MALFORMED, "DENY", BAD_DOC["guardrail"])(
    guardrail(GDPR, cross=[EU_PROFILE, dict(EU_PROFILE)])
)
# Complies: crossRegionConfig (a block the SDK flattens) as a one-item list, which the bridge hands to Terraform
# as it reads it; the profile is the EU one.
case("mal23-guardrail-cross-region-one-item-list", MALFORMED, cite=BAD_DOC["bridge"])(
    guardrail(GDPR, cross=[EU_PROFILE])
)
# Violates: bucketRegion (one Region name) is an object naming Ireland.
case("mal23-nfs-share-bucket-region-object", MALFORMED, "DENY", BAD_DOC["nfs-share"])(
    nfs_share({"name": "eu-west-1", "partition": "aws"})
)
# Violates: location (a string) is a one-item list naming West Europe (azure-native).
case("mal23-devbox-pool-location-list", MALFORMED, "DENY", BAD_DOC["devbox"])(
    devbox_pool("westeurope", location=["westeurope"])
)
# Complies: scheduledSnapshotsConfig (a block the SDK flattens) as a one-item list; the bucket is in Frankfurt.
case("mal23-composer-snapshots-one-item-list", MALFORMED, cite=BAD_DOC["bridge"])(
    composer_snapshots(
        "EUROPE-WEST3",
        snapshots=[
            {
                "enabled": True,
                "snapshotLocation": "gs://ledger-composer-snapshots/claims-pipelines",
                "snapshotCreationSchedule": "0 3 * * *",
                "timeZone": "UTC+01",
            }
        ],
    )
)
# Violates: gcsBucket (a bucket path) is an object naming the Frankfurt bucket.
case("mal23-secops-export-bucket-object", MALFORMED, "DENY", BAD_DOC["secops-export"], config=GDPR_STACK)(
    secops_export("EUROPE-WEST3", bucket_value={"project": LEDGER_NUMBER, "bucket": "ledger-secops-archive"})
)
# Violates: location (one location) is a list of two, both in the EU.
case("mal23-model-armor-location-two-values", MALFORMED, "DENY", BAD_DOC["armor"])(
    armor_template(["eu", "europe-west4"])
)
# Complies: filterConfig (a block the SDK flattens) as a one-item list; the template is in the EU multi-region.
case("mal23-model-armor-filter-one-item-list", MALFORMED, cite=BAD_DOC["bridge"])(
    armor_template("eu", filter_config=[{"sdpSettings": {"basicConfig": {"filterEnforcement": "ENABLED"}}}])
)
# Violates: resourceId (a string) is a one-item list naming the West Europe cache (azure-native).
case("mal23-apim-cache-resource-id-list", MALFORMED, "DENY", BAD_DOC["apim-cache"])(
    apim_cache(
        "westeurope", resource_id=[f"https://management.azure.com{RG}/Microsoft.Cache/redis/claims-cache-westeurope"]
    )
)
# Violates: additionalLocationsProfile (an object) is a one-item list naming North Europe (azure-native).
case("mal23-fleet-additional-locations-list", MALFORMED, "DENY", BAD_DOC["fleet"])(
    compute_fleet(
        "northeurope",
        profile=[
            {
                "locationProfiles": [
                    {
                        "location": "northeurope",
                        "virtualMachineProfileOverride": {"networkProfile": network_profile("northeurope")},
                    }
                ]
            }
        ],
    )
)
# Violates: targetService (an object) is a one-item list naming the West Europe Cosmos DB (azure-native).
case("mal23-service-connector-target-list", MALFORMED, "DENY", BAD_DOC["linker"])(
    service_link(
        "westeurope",
        target=[
            {
                "type": "AzureResource",
                "id": f"{RG}/Microsoft.DocumentDB/databaseAccounts/claims-store-westeurope/sqlDatabases/claims",
            }
        ],
    )
)
