"""Cloud residency cases of the twenty-second outside corpus, written from cloud-provider documentation and the
pack's user-facing contract (docs/RULES.md, docs/SPEC.md, docs/REVIEW.md, README.md) by a helper session
that had not read the pack's rules, its residency survey, its configs or its tests. It must never be used
to tune the pack (see README.md beside it).

Cases are built with the ``Case``/``Stack`` API of ``tests/policies/corpus.py`` and the helpers of the
earlier outside corpora. A case asks only whether a correct pack denies it: ``expect="DENY"`` (some
mandatory violation) or nothing (compliant: no mandatory violation at all). Each cites the page its outcome
rests on; a comment above it says why it violates or complies. The resource or property that decides each
case is one none of the twenty-one earlier corpora used: SES multi-Region (global) sending endpoints, AgentCore
Browser session recordings, Run Command output of maintenance-window tasks, Oracle Database@AWS cross-Region
standbys, Elastic Disaster Recovery replication templates; Sensitive Data Protection discovery exports with
sample findings, Healthcare API mapping pipelines, Oracle Database@Google Cloud peers, Storage Insights
datasets, Vertex AI RAG corpora; Foundry agent thread storage, Container Apps environment storage mounts, log
search alert rules, Fabric capacities, management-group diagnostic settings; S3 object ACLs, Grounding with Bing
connections, Logic Apps API connections, Backup for GKE restore channels, out-of-band packet mirroring to another
organization, Firebase App Hosting serving locality; Activity Log alert rules' default location, organization
logging defaults, Amplify Hosting; ASO Activity Log alerts and Event Hubs capture, ACK RAM shares and CloudTrail
trails, Config Connector Pub/Sub Cloud Storage subscriptions; initiative parameter defaults, the default
management group of new subscriptions, an SCP without a type, tag-conditioned and dry-run organization policies.

``UNKNOWN`` stands for a value the engine only learns at the update.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.policies.corpus import GDPR, NONE, UNKNOWN, Stack, secret
from tests.policies.outside.corpus import (
    ACCOUNT,
    ALLOWED_LOCATIONS,
    EEA_VALUES,
    GDPR_AZURE,
    PROJECT,
    RG,
    SUB,
    _find,
    aks_guarded,
    aws,
    azure,
    bq_dataset,
    custom_resource,
    default_sink,
    eks_guarded,
    gcp,
    gcs_bucket,
    gke_guarded,
    operator,
    put,
    s3_bucket,
    storage_account,
    workspace,
)
from tests.policies.outside4.cloud import retouch
from tests.policies.outside11.cloud import OWN_ACCOUNT, depends, own_account_provider
from tests.policies.outside15.cloud import NL_REGIME, NL_TAG, PARTNER_ACCOUNT, kcc_object
from tests.policies.outside17.cloud import MG_ROOT
from tests.policies.outside19.cloud import LEDGER_NUMBER
from tests.policies.outside21.cloud import without
from tests.policies.outside22.common import case

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
NL_CONFIG = {**NL_REGIME}
PARTNER_PROJECT_ID = "soc-forensics-partner"  # another company's Google Cloud project (a managed SOC)
PARTNER_SECOPS_PROJECT = "netsec-collectors-partner"  # a security vendor's producer project
OWN_DR_PROJECT = "ledger-dr"  # our disaster-recovery project, named by a provider of the stack


# ============================================================================ AWS: copies
AWS_DOC = {
    "ses-global": "https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_CreateMultiRegionEndpoint.html",
    "ses-endpoint": "https://www.pulumi.com/registry/packages/aws/api-docs/sesv2/multiregionendpoint/",
    "browser-recording": "https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/browser-session-recording.html",
    "browser-replay": "https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/browser-session-replay.html",
    "send-command": "https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_SendCommand.html",
    "mw-task": "https://www.pulumi.com/registry/packages/aws/api-docs/ssm/maintenancewindowtask/",
    "odb-dr": "https://docs.aws.amazon.com/odb/latest/APIReference/API_CrossRegionDisasterRecoveryConfiguration.html",
    "drs-template": "https://docs.aws.amazon.com/drs/latest/APIReference/API_ReplicationConfigurationTemplate.html",
    "drs": "https://www.pulumi.com/registry/packages/aws/api-docs/drs/replicationconfigurationtemplate/",
}


def ses_global_endpoint(secondary: str, details: Any = None) -> Build:
    """The GDPR claims mail: an SES multi-Region (global) sending endpoint whose primary Region is Ireland (where
    it is created) and whose secondary Region is ``secondary``; SES splits the claims letters and notifications
    (recipients' addresses, names, claim details) equally between the two."""

    def build(s: Stack) -> None:
        put(
            s,
            "aws:sesv2/emailIdentity:EmailIdentity",
            "claims-domain",
            aws(s),
            known={
                "id": "claims.ledger.example",
                "arn": f"arn:aws:ses:eu-west-1:{ACCOUNT}:identity/claims.ledger.example",
            },
            emailIdentity="claims.ledger.example",
            tags=GDPR,
        )
        put(
            s,
            "aws:sesv2/multiRegionEndpoint:MultiRegionEndpoint",
            "claims-mail",
            aws(s),
            endpointName="claims-mail",
            details={"routesDetails": {"region": secondary}} if details is None else details,
            tags=GDPR,
        )

    return build


# Violates: half of the claims mail is sent through SES in N. Virginia.
case("aws22-ses-global-endpoint-virginia", AWS_COPIES, "DENY", AWS_DOC["ses-global"])(ses_global_endpoint("us-east-1"))
# Complies: the secondary Region is Frankfurt.
case("aws22-ses-global-endpoint-frankfurt", AWS_COPIES, cite=AWS_DOC["ses-global"])(ses_global_endpoint("eu-central-1"))

BROWSER_ROLE = f"arn:aws:iam::{ACCOUNT}:role/claims-browser-recorder"


def agentcore_browser(bucket_region: str, new_bucket: bool = False, location: Any = None) -> Build:
    """The GDPR claims agent's custom AgentCore Browser (Ireland), which fills insurers' and hospitals' web forms
    with claimants' details, records every session (DOM changes, form input, network requests) into bucket
    claims-browser-sessions in ``bucket_region`` (tagged as holding no regulated data); ``new_bucket``: the
    bucket is created in this update (the browser takes its name)."""

    def build(s: Stack) -> None:
        name = "claims-browser-sessions"
        if new_bucket:
            bucket = put(s, "aws:s3/bucket:Bucket", name, aws(s, bucket_region), bucket=name, tags=dict(NONE))
        else:
            bucket = s3_bucket(s, name, bucket_region, dict(NONE))
        recording = {"bucket": UNKNOWN if new_bucket else name, "prefix": "sessions/"} if location is None else location
        browser = put(
            s,
            "aws:bedrock/agentcoreBrowser:AgentcoreBrowser",
            "claims-research-browser",
            aws(s),
            deps=[bucket],
            name="claims_research_browser",
            description="fills claim forms on insurers' and hospitals' portals",
            executionRoleArn=BROWSER_ROLE,
            networkConfiguration={"networkMode": "PUBLIC"},
            recording={"enabled": True, "s3Location": recording},
            tags=GDPR,
        )
        if new_bucket:
            depends(s, browser, recording=[bucket])

    return build


# Violates: the recorded sessions, claimants' details typed into forms included, are kept in N. Virginia.
case("aws22-agentcore-browser-recording-virginia", AWS_COPIES, "DENY", AWS_DOC["browser-recording"])(
    agentcore_browser("us-east-1")
)
# Complies: the recordings bucket is in Ireland.
case("aws22-agentcore-browser-recording-ireland", AWS_COPIES, cite=AWS_DOC["browser-replay"])(
    agentcore_browser("eu-west-1")
)
MW_ID = "mw-0c4a7e19b2d35f861"
MW_TARGET = "e32eecb2-646c-4f4b-8ed1-205fbc7a2c9d"


def maintenance_output(bucket_region: str, new_window: bool = False, parameters: Any = None) -> Build:
    """In a GDPR stack, the claims servers' nightly maintenance window (Ireland) runs the reconciliation script
    through Run Command; its output (every mismatched payout, with claimant names and IBANs, printed to stdout)
    is written to bucket ledger-ops-output in ``bucket_region``, tagged as holding no regulated data.
    ``new_window``: the window is created in this update (the task takes its ID)."""

    def build(s: Stack) -> None:
        window = put(
            s,
            "aws:ssm/maintenanceWindow:MaintenanceWindow",
            "claims-nightly",
            aws(s),
            known=None if new_window else {"id": MW_ID},
            name="claims-nightly",
            schedule="cron(0 2 ? * * *)",
            duration=3,
            cutoff=1,
            allowUnassociatedTargets=False,
            tags=GDPR,
        )
        target = put(
            s,
            "aws:ssm/maintenanceWindowTarget:MaintenanceWindowTarget",
            "claims-servers",
            aws(s),
            deps=[window],
            known=None if new_window else {"id": MW_TARGET},
            windowId=UNKNOWN if new_window else MW_ID,
            resourceType="INSTANCE",
            targets=[{"key": "tag:role", "values": ["claims-app"]}],
        )
        bucket = s3_bucket(s, "ledger-ops-output", bucket_region, dict(NONE))
        run = (
            {
                "outputS3Bucket": "ledger-ops-output",
                "outputS3KeyPrefix": "reconcile/",
                "timeoutSeconds": 3600,
                "comment": "nightly payout reconciliation",
                "parameters": [{"name": "commands", "values": ["/opt/claims/bin/reconcile --print-mismatches"]}],
            }
            if parameters is None
            else parameters
        )
        task = put(
            s,
            "aws:ssm/maintenanceWindowTask:MaintenanceWindowTask",
            "reconcile-payouts",
            aws(s),
            deps=[window, target, bucket],
            windowId=UNKNOWN if new_window else MW_ID,
            name="reconcile-payouts",
            taskType="RUN_COMMAND",
            taskArn="AWS-RunShellScript",
            priority=1,
            maxConcurrency="1",
            maxErrors="0",
            targets=[{"key": "WindowTargetIds", "values": [UNKNOWN if new_window else MW_TARGET]}],
            taskInvocationParameters={"runCommandParameters": run},
        )
        if new_window:
            depends(s, target, windowId=[window])
            depends(s, task, windowId=[window], targets=[target])

    return build


# Violates: the reconciliation output, with claimants' names and IBANs, is written to a bucket in N. Virginia.
case("aws22-maintenance-task-output-virginia", AWS_COPIES, "DENY", AWS_DOC["send-command"], config=GDPR_STACK)(
    maintenance_output("us-east-1")
)
# Complies: the output bucket is in Ireland.
case("aws22-maintenance-task-output-ireland", AWS_COPIES, cite=AWS_DOC["mw-task"], config=GDPR_STACK)(
    maintenance_output("eu-west-1")
)
ODB_NETWORKS = {"eu-central-1": "odbnet_3f7k2m9q4w", "us-east-1": "odbnet_8h2n5r1t6y"}
PRIMARY_ADB_ARN = f"arn:aws:odb:eu-central-1:{ACCOUNT}:cloud-autonomous-database/adb_7q3w9e2r5t"


def odb_standby(new_primary: bool = False) -> Build:
    """The GDPR claims ledger on Oracle Database@AWS (an Autonomous Database in Frankfurt) and a cross-Region
    disaster-recovery standby of it (Autonomous Data Guard) created in N. Virginia, untagged (a copy);
    ``new_primary``: the primary is created in this update (the standby takes its ARN)."""

    def build(s: Stack) -> None:
        primary = put(
            s,
            "aws:odb/autonomousDatabase:AutonomousDatabase",
            "claims-ledger",
            aws(s, "eu-central-1"),
            known=None if new_primary else {"id": "adb_7q3w9e2r5t", "arn": PRIMARY_ADB_ARN},
            displayName="claims-ledger",
            dbName="CLAIMS",
            dbWorkload="OLTP",
            computeCount=4.0,
            dataStorageSizeInTbs=2.0,
            licenseModel="LICENSE_INCLUDED",
            odbNetworkId=ODB_NETWORKS["eu-central-1"],
            source="NONE",
            adminPassword=secret("Claims-ledger-4f9a2c"),
            tags=GDPR,
        )
        standby = put(
            s,
            "aws:odb/autonomousDatabase:AutonomousDatabase",
            "claims-ledger-dr",
            aws(s, "us-east-1"),
            deps=[primary],
            displayName="claims-ledger-dr",
            dbWorkload="OLTP",
            computeCount=4.0,
            odbNetworkId=ODB_NETWORKS["us-east-1"],
            source="CROSS_REGION_DISASTER_RECOVERY",
            sourceConfiguration={
                "crossRegionDisasterRecovery": {
                    "remoteDisasterRecoveryType": "ADG",
                    "sourceAutonomousDatabaseArn": UNKNOWN if new_primary else PRIMARY_ADB_ARN,
                    "isReplicateAutomaticBackups": True,
                }
            },
        )
        if new_primary:
            depends(s, standby, sourceConfiguration=[primary])

    return build


# Violates: a continuously replicated standby of the GDPR ledger runs in N. Virginia.
case("aws22-odb-standby-virginia", AWS_COPIES, "DENY", AWS_DOC["odb-dr"])(odb_standby())


def drs_template(region: str) -> Build:
    """The replication settings of AWS Elastic Disaster Recovery for the GDPR claims servers (on premises in
    Germany), initialized in ``region``: the agents replicate every disk block to staging volumes there."""

    def build(s: Stack) -> None:
        put(
            s,
            "aws:drs/replicationConfigurationTemplate:ReplicationConfigurationTemplate",
            "claims-servers-dr",
            aws(s, region),
            associateDefaultSecurityGroup=True,
            bandwidthThrottling=0,
            createPublicIp=False,
            dataPlaneRouting="PRIVATE_IP",
            defaultLargeStagingDiskType="GP3",
            ebsEncryption="DEFAULT",
            replicationServerInstanceType="t3.small",
            replicationServersSecurityGroupsIds=["sg-0d1e2f3a4b5c60718"],
            stagingAreaSubnetId="subnet-0f1e2d3c4b5a69788",
            stagingAreaTags={"purpose": "claims-dr-staging"},
            useDedicatedReplicationServer=False,
            pitPolicies=[
                {"enabled": True, "interval": 10, "retentionDuration": 60, "units": "MINUTE", "ruleId": 1},
                {"enabled": True, "interval": 1, "retentionDuration": 24, "units": "HOUR", "ruleId": 2},
                {"enabled": True, "interval": 1, "retentionDuration": 3, "units": "DAY", "ruleId": 3},
            ],
            tags=GDPR,
        )

    return build


# Violates: the claims servers' disks are replicated into staging volumes in N. Virginia.
case("aws22-drs-template-virginia", AWS_COPIES, "DENY", AWS_DOC["drs-template"])(drs_template("us-east-1"))
# Complies: Elastic Disaster Recovery runs in Frankfurt.
case("aws22-drs-template-frankfurt", AWS_COPIES, cite=AWS_DOC["drs"])(drs_template("eu-central-1"))


# ============================================================================ GCP: copies
GCP_DOC = {
    "dlp-export": "https://cloud.google.com/sensitive-data-protection/docs/reference/rest/v2/projects.locations.discoveryConfigs",
    "dlp-discovery": "https://www.pulumi.com/registry/packages/gcp/api-docs/dataloss/preventiondiscoveryconfig/",
    "bq-locations": "https://cloud.google.com/bigquery/docs/locations",
    "pipeline-jobs": "https://cloud.google.com/healthcare-api/docs/reference/rest/v1/projects.locations.datasets.pipelineJobs",
    "pipeline-job": "https://www.pulumi.com/registry/packages/gcp/api-docs/healthcare/pipelinejob/",
    "adb-dr": "https://cloud.google.com/oracle/database/docs/cross-region-dr-with-data-guard",
    "adb-peer": "https://cloud.google.com/oracle/database/docs/create-peer-database",
    "insights-datasets": "https://cloud.google.com/storage/docs/insights/datasets",
    "insights-config": "https://www.pulumi.com/registry/packages/gcp/api-docs/storage/insightsdatasetconfig/",
    "rag-overview": "https://cloud.google.com/vertex-ai/generative-ai/docs/rag-engine/rag-overview",
    "rag-corpus": "https://www.pulumi.com/registry/packages/gcp/api-docs/vertex/airagcorpus/",
}
DLP_TEMPLATE = f"projects/{PROJECT}/locations/europe-west3/inspectTemplates/claims-pii"


def dlp_discovery(
    dataset_location: str,
    new_template: bool = False,
    new_dataset: bool = False,
    actions: Any = None,
    export: Any = None,
) -> Build:
    """In a GDPR stack, Sensitive Data Protection profiles the claims datasets (Frankfurt) and exports its data
    profiles and sample findings (the sensitive values it found, quoted) to dataset dlp_findings in
    ``dataset_location``, labelled as holding no regulated data. ``new_template``: the inspection template is
    created in this update; ``new_dataset``: so is the findings dataset."""

    def build(s: Stack) -> None:
        bq_dataset(s, "claims", "europe-west3", dict(GDPR))
        if new_dataset:
            findings = put(
                s,
                "gcp:bigquery/dataset:Dataset",
                "dlp_findings",
                gcp(s),
                project=PROJECT,
                datasetId="dlp_findings",
                location=dataset_location,
                labels=dict(NONE),
            )
        else:
            findings = bq_dataset(s, "dlp_findings", dataset_location, dict(NONE))
        template = put(
            s,
            "gcp:dataloss/preventionInspectTemplate:PreventionInspectTemplate",
            "claims-pii",
            gcp(s),
            known=None if new_template else {"id": DLP_TEMPLATE, "name": DLP_TEMPLATE},
            parent=f"projects/{PROJECT}/locations/europe-west3",
            templateId="claims-pii",
            displayName="claims PII",
            inspectConfig={
                "infoTypes": [{"name": "EMAIL_ADDRESS"}, {"name": "IBAN_CODE"}, {"name": "PERSON_NAME"}],
                "minLikelihood": "LIKELY",
            },
        )
        dataset_id = UNKNOWN if new_dataset else "dlp_findings"
        table = {"projectId": PROJECT, "datasetId": dataset_id}
        exported = (
            {
                "profileTable": {**table, "tableId": "profiles"},
                "sampleFindingsTable": {**table, "tableId": "sample_findings"},
            }
            if export is None
            else export
        )
        config = put(
            s,
            "gcp:dataloss/preventionDiscoveryConfig:PreventionDiscoveryConfig",
            "claims-discovery",
            gcp(s),
            deps=[template, findings],
            parent=f"projects/{PROJECT}/locations/europe-west3",
            location="europe-west3",
            displayName="claims discovery",
            status="RUNNING",
            inspectTemplates=[UNKNOWN if new_template else DLP_TEMPLATE],
            targets=[
                {
                    "bigQueryTarget": {
                        "filter": {
                            "tables": {
                                "includeRegexes": {
                                    "patterns": [{"projectIdRegex": PROJECT, "datasetIdRegex": "claims"}]
                                }
                            }
                        }
                    }
                }
            ],
            actions=[{"exportData": exported}] if actions is None else actions,
        )
        unknown: dict[str, list[str]] = {}
        if new_template:
            unknown["inspectTemplates"] = [template]
        if new_dataset:
            unknown["actions"] = [findings]
        if unknown:
            depends(s, config, **unknown)

    return build


# Violates: the sample findings (quoted e-mail addresses, IBANs and names) are exported to a dataset in the US.
case("gcp22-dlp-discovery-findings-us", GCP_COPIES, "DENY", GCP_DOC["dlp-export"], config=GDPR_STACK)(
    dlp_discovery("US")
)
# Complies: the findings dataset is in the EU multi-region.
case("gcp22-dlp-discovery-findings-eu", GCP_COPIES, cite=GCP_DOC["bq-locations"], config=GDPR_STACK)(
    dlp_discovery("EU")
)
CLAIMS_FHIR = f"projects/{PROJECT}/locations/europe-west3/datasets/claims/fhirStores/claims-intake"


def mapping_pipeline(destination_location: str, new_store: bool = False) -> Build:
    """The GDPR claims intake FHIR store (Frankfurt) streamed through a Healthcare API mapping pipeline that
    harmonizes every resource into FHIR store claims-harmonized of dataset harmonized in
    ``destination_location`` (labelled as holding no regulated data); ``new_store``: that store (and its dataset)
    are created in this update."""

    def build(s: Stack) -> None:
        put(
            s,
            "gcp:healthcare/dataset:Dataset",
            "claims-dataset",
            gcp(s),
            known={"id": f"projects/{PROJECT}/locations/europe-west3/datasets/claims"},
            name="claims",
            location="europe-west3",
        )
        put(
            s,
            "gcp:healthcare/fhirStore:FhirStore",
            "claims-intake",
            gcp(s),
            known={"id": CLAIMS_FHIR},
            name="claims-intake",
            dataset=f"projects/{PROJECT}/locations/europe-west3/datasets/claims",
            version="R4",
            labels=dict(GDPR),
        )
        dataset_path = f"projects/{PROJECT}/locations/{destination_location}/datasets/harmonized"
        dataset = put(
            s,
            "gcp:healthcare/dataset:Dataset",
            "harmonized-dataset",
            gcp(s, destination_location),
            known=None if new_store else {"id": dataset_path},
            name="harmonized",
            location=destination_location,
        )
        store = put(
            s,
            "gcp:healthcare/fhirStore:FhirStore",
            "claims-harmonized",
            gcp(s, destination_location),
            deps=[dataset],
            known=None if new_store else {"id": f"{dataset_path}/fhirStores/claims-harmonized"},
            name="claims-harmonized",
            dataset=UNKNOWN if new_store else dataset_path,
            version="R4",
            disableReferentialIntegrity=True,
            labels=dict(NONE),
        )
        if new_store:
            depends(s, store, dataset=[dataset])
        job = put(
            s,
            "gcp:healthcare/pipelineJob:PipelineJob",
            "claims-mapping",
            gcp(s),
            deps=[store],
            name="claims-mapping",
            location="europe-west3",
            dataset=f"projects/{PROJECT}/locations/europe-west3/datasets/claims",
            disableLineage=True,
            labels=dict(GDPR),
            mappingPipelineJob={
                "mappingConfig": {
                    "description": "claims intake to harmonized R4",
                    "whistleConfigSource": {
                        "uri": "gs://ledger-mappings/claims/main.wstl",
                        "importUriPrefix": "gs://ledger-mappings/claims",
                    },
                },
                "fhirStreamingSource": {"fhirStore": CLAIMS_FHIR, "description": "claims intake"},
                "fhirStoreDestination": UNKNOWN if new_store else f"{dataset_path}/fhirStores/claims-harmonized",
            },
        )
        if new_store:
            depends(s, job, mappingPipelineJob=[store])

    return build


# Violates: every harmonized claim resource (patients, encounters, claims) is written to a FHIR store in Iowa.
case("gcp22-healthcare-mapping-pipeline-iowa", GCP_COPIES, "DENY", GCP_DOC["pipeline-jobs"])(
    mapping_pipeline("us-central1")
)
# Complies: the destination store is in Frankfurt.
case("gcp22-healthcare-mapping-pipeline-frankfurt", GCP_COPIES, cite=GCP_DOC["pipeline-job"])(
    mapping_pipeline("europe-west3")
)
ADB_NAME = f"projects/{PROJECT}/locations/europe-west3/autonomousDatabases/claims-adb"


def adb_peer(s: Stack) -> None:
    """The GDPR claims Autonomous Database on Oracle Database@Google Cloud (Frankfurt) and a cross-region peer
    (Autonomous Data Guard standby) created from it in N. Virginia, unlabelled (a copy)."""
    primary = put(
        s,
        "gcp:oracledatabase/autonomousDatabase:AutonomousDatabase",
        "claims-adb",
        gcp(s),
        known={"id": ADB_NAME, "name": ADB_NAME},
        project=PROJECT,
        location="europe-west3",
        autonomousDatabaseId="claims-adb",
        database="CLAIMS",
        displayName="claims ledger",
        adminPassword=secret("Claims-adb-7c2e9f"),
        odbNetwork=f"projects/{PROJECT}/locations/europe-west3/odbNetworks/ledger-odb",
        odbSubnet=f"projects/{PROJECT}/locations/europe-west3/odbNetworks/ledger-odb/odbSubnets/client",
        properties={"computeCount": 2, "dataStorageSizeTb": 1, "dbWorkload": "OLTP", "licenseType": "LICENSE_INCLUDED"},
        labels=dict(GDPR),
    )
    put(
        s,
        "gcp:oracledatabase/autonomousDatabase:AutonomousDatabase",
        "claims-adb-peer",
        gcp(s, "us-east4"),
        deps=[primary],
        project=PROJECT,
        location="us-east4",
        autonomousDatabaseId="claims-adb-peer",
        displayName="claims ledger standby",
        odbNetwork=f"projects/{PROJECT}/locations/us-east4/odbNetworks/ledger-odb-dr",
        odbSubnet=f"projects/{PROJECT}/locations/us-east4/odbNetworks/ledger-odb-dr/odbSubnets/client",
        properties={"computeCount": 2, "dbWorkload": "OLTP", "licenseType": "LICENSE_INCLUDED"},
        sourceConfig={"autonomousDatabase": ADB_NAME, "automaticBackupsReplicationEnabled": True},
    )


# Violates: a real-time standby of the GDPR claims database runs in N. Virginia.
case("gcp22-oracle-adb-peer-virginia", GCP_COPIES, "DENY", GCP_DOC["adb-dr"])(adb_peer)


def insights_dataset(location: Any) -> Build:
    """In a GDPR stack, a Storage Insights dataset configuration gathers the object metadata of the claims
    documents bucket (Frankfurt; object names carry claim numbers and claimants' names) into a linked BigQuery
    dataset in ``location``."""

    def build(s: Stack) -> None:
        source = gcs_bucket(s, "ledger-claims-docs", "EUROPE-WEST3", dict(GDPR))
        put(
            s,
            "gcp:storage/insightsDatasetConfig:InsightsDatasetConfig",
            "claims-inventory",
            gcp(s),
            deps=[source],
            project=PROJECT,
            location=location,
            datasetConfigId="claims_inventory",
            description="claims documents inventory",
            retentionPeriodDays=30,
            identity={"type": "IDENTITY_TYPE_PER_CONFIG"},
            sourceProjects={"projectNumbers": [LEDGER_NUMBER]},
            includeCloudStorageBuckets={"cloudStorageBuckets": [{"bucketName": "ledger-claims-docs"}]},
            linkDataset=True,
        )

    return build


# Violates: the object names, claimants' names among them, are copied into a dataset in the US multi-region.
case("gcp22-storage-insights-dataset-us", GCP_COPIES, "DENY", GCP_DOC["insights-datasets"], config=GDPR_STACK)(
    insights_dataset("us")
)
# Complies: the dataset configuration is in Frankfurt.
case("gcp22-storage-insights-dataset-frankfurt", GCP_COPIES, cite=GCP_DOC["insights-config"], config=GDPR_STACK)(
    insights_dataset("europe-west3")
)


def rag_corpus(region: str) -> Build:
    """In a GDPR stack, the claims assistant's Vertex AI RAG Engine corpus (chunks and embeddings of claim letters
    and adjusters' notes) in ``region``."""

    def build(s: Stack) -> None:
        put(
            s,
            "gcp:vertex/aiRagCorpus:AiRagCorpus",
            "claims-letters",
            gcp(s, region),
            project=PROJECT,
            region=region,
            displayName="claims letters",
            description="claim letters and adjusters' notes, chunked for retrieval",
        )

    return build


# Violates: the chunked claim letters are stored in Iowa.
case("gcp22-rag-corpus-iowa", GCP_COPIES, "DENY", GCP_DOC["rag-overview"], config=GDPR_STACK)(rag_corpus("us-central1"))
# Complies: the corpus is in the Netherlands.
case("gcp22-rag-corpus-netherlands", GCP_COPIES, cite=GCP_DOC["rag-corpus"], config=GDPR_STACK)(
    rag_corpus("europe-west4")
)


# ============================================================================ Azure: copies
AZ_DOC = {
    "agent-faq": "https://learn.microsoft.com/en-us/azure/foundry/agents/faq",
    "capability-hosts": "https://learn.microsoft.com/en-us/azure/ai-foundry/agents/concepts/capability-hosts",
    "aca-storage": "https://learn.microsoft.com/en-us/azure/container-apps/storage-mounts",
    "aca-storage-api": "https://learn.microsoft.com/en-us/rest/api/containerapps/managed-environments-storages/create-or-update",
    "log-alert": "https://learn.microsoft.com/en-us/azure/azure-monitor/alerts/alerts-create-log-alert-rule",
    "sqr-api": "https://learn.microsoft.com/en-us/rest/api/monitor/scheduled-query-rules/create-or-update",
    "fabric-regions": "https://learn.microsoft.com/en-us/fabric/admin/service-admin-premium-multi-geo",
    "mg-diagnostic": "https://learn.microsoft.com/en-us/rest/api/monitor/management-group-diagnostic-settings/create-or-update",
    "activity-log": "https://learn.microsoft.com/en-us/azure/azure-monitor/platform/activity-log",
}
FOUNDRY = "claims-foundry"
FOUNDRY_ID = f"{RG}/Microsoft.CognitiveServices/accounts/{FOUNDRY}"


def foundry_account(s: Stack, new: bool = False) -> str:
    """The GDPR claims assistant's Foundry resource and project (West Europe)."""
    account = put(
        s,
        "azure-native:cognitiveservices:Account",
        FOUNDRY,
        azure(s),
        known=None if new else {"id": FOUNDRY_ID, "name": FOUNDRY},
        resourceGroupName="ledger",
        accountName=FOUNDRY,
        location="westeurope",
        kind="AIServices",
        sku={"name": "S0"},
        identity={"type": "SystemAssigned"},
        properties={
            "allowProjectManagement": True,
            "customSubDomainName": FOUNDRY,
            "publicNetworkAccess": "Disabled",
            "disableLocalAuth": True,
        },
        tags=GDPR,
    )
    put(
        s,
        "azure-native:cognitiveservices:Project",
        "claims-agents",
        azure(s),
        deps=[account],
        known=None if new else {"id": f"{FOUNDRY_ID}/projects/claims-agents"},
        resourceGroupName="ledger",
        accountName=UNKNOWN if new else FOUNDRY,
        projectName="claims-agents",
        location="westeurope",
        identity={"type": "SystemAssigned"},
        properties={"displayName": "claims agents", "description": "claimant-facing assistants"},
        tags=GDPR,
    )
    return account


def thread_storage(cosmos_location: str, new_account: bool = False, new_cosmos: bool = False, metadata: Any = None):
    """The GDPR claims agents' project keeps its conversation threads (standard setup) in Cosmos DB account
    claims-agent-threads in ``cosmos_location``, tagged as holding no regulated data; ``new_account``: the Foundry
    resource and project are created in this update; ``new_cosmos``: the Cosmos DB account is."""

    def build(s: Stack) -> None:
        account = foundry_account(s, new=new_account)
        project = s.urn("azure-native:cognitiveservices:Project", "claims-agents")
        cosmos_name = f"claims-agent-threads-{cosmos_location}"
        cosmos_id = f"{RG}/Microsoft.DocumentDB/databaseAccounts/{cosmos_name}"
        cosmos = put(
            s,
            "azure-native:cosmosdb:DatabaseAccount",
            cosmos_name,
            azure(s, cosmos_location),
            known=None
            if new_cosmos
            else {"id": cosmos_id, "documentEndpoint": f"https://{cosmos_name}.documents.azure.com:443/"},
            resourceGroupName="ledger",
            accountName=cosmos_name,
            location=cosmos_location,
            databaseAccountOfferType="Standard",
            locations=[{"locationName": cosmos_location, "failoverPriority": 0, "isZoneRedundant": False}],
            disableLocalAuth=True,
            tags=dict(NONE),
        )
        connection = put(
            s,
            "azure-native:cognitiveservices:ProjectConnection",
            "claims-threads",
            azure(s),
            deps=[project, cosmos],
            resourceGroupName="ledger",
            accountName=UNKNOWN if new_account else FOUNDRY,
            projectName="claims-agents",
            connectionName="claims-threads",
            properties={
                "authType": "AAD",
                "category": "CosmosDb",
                "target": UNKNOWN if new_cosmos else f"https://{cosmos_name}.documents.azure.com:443/",
                "metadata": (
                    {
                        "ApiType": "Azure",
                        "ResourceId": UNKNOWN if new_cosmos else cosmos_id,
                        "location": cosmos_location,
                    }
                    if metadata is None
                    else metadata
                ),
            },
        )
        host = put(
            s,
            "azure-native:cognitiveservices:ProjectCapabilityHost",
            "claims-agents-host",
            azure(s),
            deps=[project, connection],
            resourceGroupName="ledger",
            accountName=UNKNOWN if new_account else FOUNDRY,
            projectName="claims-agents",
            capabilityHostName="default",
            projectCapabilityHostProperties={"threadStorageConnections": ["claims-threads"]},
        )
        if new_account:
            depends(s, project, accountName=[account])
            depends(s, host, accountName=[account])
        unknown: dict[str, list[str]] = {}
        if new_account:
            unknown["accountName"] = [account]
        if new_cosmos:
            unknown["properties"] = [cosmos]
        if unknown:
            depends(s, connection, **unknown)

    return build


# Violates: the claimants' conversations with the agents are stored in Cosmos DB in East US.
case("az22-foundry-thread-storage-east-us", AZURE_COPIES, "DENY", AZ_DOC["agent-faq"], config=GDPR_STACK)(
    thread_storage("eastus")
)
# Complies: the thread store is in West Europe.
case("az22-foundry-thread-storage-west-europe", AZURE_COPIES, cite=AZ_DOC["capability-hosts"], config=GDPR_STACK)(
    thread_storage("westeurope")
)
ACA_ENV_ID = f"{RG}/Microsoft.App/managedEnvironments/claims-apps"


def aca_storage(account_location: str, mode: str = "ReadWrite", new_account: bool = False, azure_file: Any = None):
    """The GDPR claims apps' Container Apps environment (West Europe) mounts Azure Files share scans of storage
    account claimsscans in ``account_location`` (tagged as holding no regulated data) with ``mode``: the intake
    app writes every scanned claim form there. ``new_account``: the account is created in this update."""

    def build(s: Stack) -> None:
        env = put(
            s,
            "azure-native:app:ManagedEnvironment",
            "claims-apps",
            azure(s),
            known={"id": ACA_ENV_ID},
            resourceGroupName="ledger",
            environmentName="claims-apps",
            location="westeurope",
            zoneRedundant=True,
            tags=GDPR,
        )
        name = "claimsscans" + account_location[:4]
        if new_account:
            store = put(
                s,
                "azure-native:storage:StorageAccount",
                name,
                azure(s, account_location),
                resourceGroupName="ledger",
                location=account_location,
                kind="StorageV2",
                sku={"name": "Standard_LRS"},
                allowBlobPublicAccess=False,
                minimumTlsVersion="TLS1_2",
                tags=dict(NONE),
            )
        else:
            store = storage_account(s, name, account_location, dict(NONE))
        mount = put(
            s,
            "azure-native:app:ManagedEnvironmentsStorage",
            "claims-scans",
            azure(s),
            deps=[env, store],
            resourceGroupName="ledger",
            environmentName="claims-apps",
            storageName="claims-scans",
            properties={
                "azureFile": {
                    "accountName": UNKNOWN if new_account else name,
                    "accountKey": secret("c2Nhbi1zdG9yZS1rZXktcmVkYWN0ZWQ="),
                    "shareName": "scans",
                    "accessMode": mode,
                }
                if azure_file is None
                else azure_file
            },
        )
        if new_account:
            depends(s, mount, properties=[store])

    return build


# Violates: the intake app writes the scanned claim forms to a file share in East US.
case("az22-aca-storage-mount-east-us", AZURE_COPIES, "DENY", AZ_DOC["aca-storage"], config=GDPR_STACK)(
    aca_storage("eastus")
)
# Complies: the same East US share mounted read-only: the apps read reference files from it and write nothing.
case("az22-aca-storage-mount-read-only", AZURE_COPIES, cite=AZ_DOC["aca-storage-api"], config=GDPR_STACK)(
    aca_storage("eastus", mode="ReadOnly")
)
PAYOUT_QUERY = (
    "AppTraces | where Message has 'payout failed' "
    "| project TimeGenerated, ClaimantEmail = tostring(Properties.claimantEmail), Iban = tostring(Properties.iban)"
)


def log_search_alert(location: str) -> Build:
    """A log search alert rule in ``location`` on the GDPR claims workspace (West Europe): it runs its query over
    the claims apps' traces and alerts per claimant e-mail (a dimension, carried in every alert)."""

    def build(s: Stack) -> None:
        ws = workspace(s, "westeurope", "claims-logs", dict(GDPR))
        put(
            s,
            "azure-native:monitor:ScheduledQueryRule",
            "payout-failures",
            azure(s, location),
            deps=[ws],
            resourceGroupName="ledger",
            ruleName="payout-failures",
            location=location,
            kind="LogAlert",
            displayName="claim payout failed",
            severity=2,
            enabled=True,
            evaluationFrequency="PT5M",
            windowSize="PT5M",
            scopes=[f"{RG}/Microsoft.OperationalInsights/workspaces/claims-logs"],
            criteria={
                "allOf": [
                    {
                        "query": PAYOUT_QUERY,
                        "timeAggregation": "Count",
                        "operator": "GreaterThan",
                        "threshold": 0,
                        "dimensions": [{"name": "ClaimantEmail", "operator": "Include", "values": ["*"]}],
                        "failingPeriods": {"numberOfEvaluationPeriods": 1, "minFailingPeriodsToAlert": 1},
                    }
                ]
            },
            actions={"actionGroups": [f"{RG}/Microsoft.Insights/actionGroups/claims-oncall"]},
            tags=GDPR,
        )

    return build


# Violates: the GDPR alert rule, which reads the claims traces and carries claimants' e-mails, is in East US.
case("az22-log-search-alert-east-us", AZURE_COPIES, "DENY", AZ_DOC["sqr-api"])(log_search_alert("eastus"))
# Complies: the rule is in West Europe, beside the workspace.
case("az22-log-search-alert-west-europe", AZURE_COPIES, cite=AZ_DOC["log-alert"])(log_search_alert("westeurope"))


def fabric_capacity(s: Stack) -> None:
    """The GDPR claims analytics' Microsoft Fabric capacity, created in East US: the OneLake data of the
    workspaces assigned to it (claims, payouts, claimants) is stored in the capacity's region."""
    put(
        s,
        "azure-native:fabric:FabricCapacity",
        "claims-analytics",
        azure(s, "eastus"),
        resourceGroupName="ledger",
        capacityName="claimsanalytics",
        location="eastus",
        sku={"name": "F64", "tier": "Fabric"},
        administration={"members": ["analytics-admins@ledger.example"]},
        tags=GDPR,
    )


# Violates: the claims analytics' OneLake data is stored in East US.
case("az22-fabric-capacity-east-us", AZURE_COPIES, "DENY", AZ_DOC["fabric-regions"])(fabric_capacity)


def mg_activity(workspace_location: str) -> Build:
    """In a GDPR stack, the activity log of management group eea-workloads (every policy and role operation on
    the claims subscriptions, with callers' user names and IP addresses) is sent to workspace governance in
    ``workspace_location``, tagged as holding no regulated data."""

    def build(s: Stack) -> None:
        ws = workspace(s, workspace_location, "governance", dict(NONE))
        put(
            s,
            "azure-native:monitor:ManagementGroupDiagnosticSetting",
            "eea-activity",
            azure(s),
            deps=[ws],
            managementGroupId="eea-workloads",
            name="activity-to-law",
            workspaceId=f"{RG}/Microsoft.OperationalInsights/workspaces/governance",
            logs=[{"category": "Administrative", "enabled": True}, {"category": "Policy", "enabled": True}],
        )

    return build


# Violates: the management group's activity log is kept in a workspace in East US.
case("az22-mg-activity-log-east-us", AZURE_COPIES, "DENY", AZ_DOC["activity-log"], config=GDPR_STACK)(
    mg_activity("eastus")
)
# Complies: the workspace is in West Europe.
case("az22-mg-activity-log-west-europe", AZURE_COPIES, cite=AZ_DOC["mg-diagnostic"], config=GDPR_STACK)(
    mg_activity("westeurope")
)


# ============================================================================ outside destinations
OUT_DOC = {
    "canned-acl": "https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl",
    "object-acl": "https://www.pulumi.com/registry/packages/aws/api-docs/s3/bucketobjectv2/",
    "bing": "https://learn.microsoft.com/en-us/azure/ai-foundry/agents/how-to/tools/bing-grounding",
    "search-connection": "https://learn.microsoft.com/en-us/azure/ai-foundry/how-to/connections-add",
    "logic-connectors": "https://learn.microsoft.com/en-us/connectors/dropbox/",
    "blob-connector": "https://learn.microsoft.com/en-us/connectors/azureblob/",
    "restore-channel": "https://cloud.google.com/kubernetes-engine/docs/add-on/backup-for-gke/how-to/cross-project",
    "restore-channel-api": "https://www.pulumi.com/registry/packages/gcp/api-docs/gkebackup/restorechannel/",
    "mirroring": "https://cloud.google.com/network-security-integration/docs/out-of-band/out-of-band-integration-overview",
    "app-hosting": "https://firebase.google.com/docs/reference/apphosting/rest/v1beta/projects.locations.backends",
}
LETTERS_BUCKET = "ledger-claim-letters"
LETTER = (
    "Dear Ms Jana Novak, your claim CLM-48213 is settled: EUR 4,180.00 will be paid to IBAN "
    "DE44 5001 0517 5407 3249 31 within five working days."
)


def claim_letter(acl: str) -> Build:
    """A settlement letter (claimant's name, address, bank details) uploaded into the GDPR claims letters bucket
    (Ireland) with canned ACL ``acl``."""

    def build(s: Stack) -> None:
        bucket = s3_bucket(s, LETTERS_BUCKET, "eu-west-1", GDPR)
        put(
            s,
            "aws:s3/bucketObjectv2:BucketObjectv2",
            "settlement-letter",
            aws(s),
            deps=[bucket],
            bucket=LETTERS_BUCKET,
            key="letters/2026/CLM-48213-settlement.txt",
            content=LETTER,
            contentType="text/plain",
            acl=acl,
            tags=GDPR,
        )

    return build


# Violates: public-read: anyone on the internet may read the claimant's settlement letter.
case("out22-s3-object-public-read", OUTSIDE, "DENY", OUT_DOC["canned-acl"])(claim_letter("public-read"))
# Violates: authenticated-read: every AWS account in the world may read it.
case("out22-s3-object-authenticated-read", OUTSIDE, "DENY", OUT_DOC["canned-acl"])(claim_letter("authenticated-read"))
# Complies: private: the owner alone.
case("out22-s3-object-private", OUTSIDE, cite=OUT_DOC["object-acl"])(claim_letter("private"))


def foundry_connection(kind: str) -> Build:
    """The GDPR claims assistant's Foundry resource (West Europe) with a connection its agents use as a tool:
    "bing", Grounding with Bing Search (the agent's search queries, built from the claimant's conversation, go to
    Bing); "search", our Azure AI Search service in West Europe."""

    def build(s: Stack) -> None:
        account = foundry_account(s)
        deps = [account]
        if kind == "bing":
            name = "claims-web-grounding"
            properties: dict[str, Any] = {
                "authType": "ApiKey",
                "category": "ApiKey",
                "target": "https://api.bing.microsoft.com/",
                "credentials": {"key": secret("b1ng-gr0und1ng-k3y-redacted")},
                "metadata": {
                    "ApiType": "Azure",
                    "Location": "global",
                    "ResourceId": f"{RG}/Microsoft.Bing/accounts/claims-grounding",
                },
            }
        else:
            name = "claims-knowledge"
            search_id = f"{RG}/Microsoft.Search/searchServices/claims-search"
            deps.append(
                put(
                    s,
                    "azure-native:search:Service",
                    "claims-search",
                    azure(s),
                    known={"id": search_id},
                    resourceGroupName="ledger",
                    searchServiceName="claims-search",
                    location="westeurope",
                    sku={"name": "standard"},
                    publicNetworkAccess="disabled",
                    tags=GDPR,
                )
            )
            properties = {
                "authType": "AAD",
                "category": "CognitiveSearch",
                "target": "https://claims-search.search.windows.net",
                "metadata": {"ApiType": "Azure", "ResourceId": search_id, "location": "westeurope"},
            }
        put(
            s,
            "azure-native:cognitiveservices:AccountConnection",
            name,
            azure(s),
            deps=deps,
            resourceGroupName="ledger",
            accountName=FOUNDRY,
            connectionName=name,
            properties=properties,
        )

    return build


# Violates: Grounding with Bing Search takes the agents' queries outside the Azure compliance and geo boundary.
case("out22-foundry-bing-grounding", OUTSIDE, "DENY", OUT_DOC["bing"], config=GDPR_STACK)(foundry_connection("bing"))
# Complies: the agents' knowledge tool is our own AI Search service in West Europe.
case("out22-foundry-ai-search-connection", OUTSIDE, cite=OUT_DOC["search-connection"], config=GDPR_STACK)(
    foundry_connection("search")
)
MANAGED_APIS = f"/subscriptions/{SUB}/providers/Microsoft.Web/locations/westeurope/managedApis"


def logic_connection(api: str, new_connection: bool = False, new_account: bool = False) -> Build:
    """The GDPR claims intake's Logic App (West Europe) copies every claim attachment it receives through the API
    connection ``api``: "dropbox" (the adjusters' Dropbox) or "azureblob" (our storage account claimsattach in
    West Europe). ``new_connection``: the connection is created in this update (the workflow takes its ID);
    ``new_account``: the storage account is, and the connection takes its name."""

    def build(s: Stack) -> None:
        deps = []
        properties: dict[str, Any] = {
            "displayName": f"claims attachments ({api})",
            "api": {"id": f"{MANAGED_APIS}/{api}", "name": api, "type": "Microsoft.Web/locations/managedApis"},
        }
        if api == "azureblob":
            if new_account:
                deps.append(
                    put(
                        s,
                        "azure-native:storage:StorageAccount",
                        "claimsattach",
                        azure(s),
                        resourceGroupName="ledger",
                        location="westeurope",
                        kind="StorageV2",
                        sku={"name": "Standard_ZRS"},
                        allowBlobPublicAccess=False,
                        minimumTlsVersion="TLS1_2",
                        tags=GDPR,
                    )
                )
            else:
                deps.append(storage_account(s, "claimsattach", "westeurope", GDPR))
            properties["parameterValues"] = {
                "accountName": UNKNOWN if new_account else "claimsattach",
                "accessKey": secret("YXR0YWNoLWtleS1yZWRhY3RlZA=="),
            }
        connection_id = f"{RG}/Microsoft.Web/connections/claims-{api}"
        connection = put(
            s,
            "azure-native:web:Connection",
            f"claims-{api}",
            azure(s),
            deps=deps,
            known=None if new_connection else {"id": connection_id},
            resourceGroupName="ledger",
            connectionName=f"claims-{api}",
            location="westeurope",
            properties=properties,
            tags=GDPR,
        )
        if new_account:
            depends(s, connection, properties=deps)
        action = (
            {
                "type": "ApiConnection",
                "inputs": {
                    "host": {"connection": {"name": "@parameters('$connections')['dropbox']['connectionId']"}},
                    "method": "post",
                    "path": "/datasets/default/files",
                    "queries": {"folderPath": "/claims/@{triggerBody()?['claimId']}"},
                    "body": "@triggerBody()?['attachment']",
                },
            }
            if api == "dropbox"
            else {
                "type": "ApiConnection",
                "inputs": {
                    "host": {"connection": {"name": "@parameters('$connections')['azureblob']['connectionId']"}},
                    "method": "post",
                    "path": "/v2/datasets/claimsattach/files",
                    "queries": {"folderPath": "/attachments"},
                    "body": "@triggerBody()?['attachment']",
                },
            }
        )
        workflow = put(
            s,
            "azure-native:logic:Workflow",
            "claims-intake",
            azure(s),
            deps=[connection],
            resourceGroupName="ledger",
            workflowName="claims-intake",
            location="westeurope",
            state="Enabled",
            definition={
                "$schema": "https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#",
                "contentVersion": "1.0.0.0",
                "parameters": {"$connections": {"type": "Object", "defaultValue": {}}},
                "triggers": {"claim": {"type": "Request", "kind": "Http"}},
                "actions": {"store_attachment": action},
            },
            parameters={
                "$connections": {
                    "value": {
                        api: {
                            "connectionId": UNKNOWN if new_connection else connection_id,
                            "id": f"{MANAGED_APIS}/{api}",
                        }
                    }
                }
            },
            tags=GDPR,
        )
        if new_connection:
            depends(s, workflow, parameters=[connection])

    return build


# Violates: every claim attachment is copied to Dropbox, a service outside Azure.
case("out22-logic-dropbox-connection", OUTSIDE, "DENY", OUT_DOC["logic-connectors"])(logic_connection("dropbox"))
# Complies: the attachments go to our storage account in West Europe.
case("out22-logic-blob-connection", OUTSIDE, cite=OUT_DOC["blob-connector"])(logic_connection("azureblob"))


def restore_channel(destination: str) -> Build:
    """In a GDPR stack, the GDPR cluster's Backup for GKE plan (Frankfurt: every namespace, volume data and
    Secrets) and a restore channel letting project ``destination`` restore its backups."""

    def build(s: Stack) -> None:
        if destination == OWN_DR_PROJECT:
            s.provider("gcp", "dr", project=OWN_DR_PROJECT, region="europe-west3")
        plan = put(
            s,
            "gcp:gkebackup/backupPlan:BackupPlan",
            "eu1-daily",
            gcp(s),
            known={"id": f"projects/{PROJECT}/locations/europe-west3/backupPlans/eu1-daily"},
            project=PROJECT,
            name="eu1-daily",
            location="europe-west3",
            cluster=f"projects/{PROJECT}/locations/europe-west3/clusters/eu1",
            backupConfig={"allNamespaces": True, "includeVolumeData": True, "includeSecrets": True},
            backupSchedule={"cronSchedule": "0 3 * * *"},
            retentionPolicy={"backupRetainDays": 30},
            labels=dict(GDPR),
        )
        put(
            s,
            "gcp:gkebackup/restoreChannel:RestoreChannel",
            "eu1-restore",
            gcp(s),
            deps=[plan],
            project=PROJECT,
            name="eu1-restore",
            location="europe-west3",
            destinationProject=f"projects/{destination}",
            description="restores of eu1 backups",
        )

    return build


# Violates: another company's project (a forensics provider) may restore the cluster's backups, volume data and
# Secrets included, into clusters of its own.
case("out22-gke-restore-channel-partner", OUTSIDE, "DENY", OUT_DOC["restore-channel"], config=GDPR_STACK)(
    restore_channel(PARTNER_PROJECT_ID)
)
# Complies: the destination is our own disaster-recovery project (a provider of the stack names it).
case("out22-gke-restore-channel-own-dr", OUTSIDE, cite=OUT_DOC["restore-channel-api"], config=GDPR_STACK)(
    restore_channel(OWN_DR_PROJECT)
)
PARTNER_DEPLOYMENT_GROUP = (
    f"projects/{PARTNER_SECOPS_PROJECT}/locations/global/mirroringDeploymentGroups/ndr-collectors"
)
MIRROR_GROUP = f"projects/{PROJECT}/locations/global/mirroringEndpointGroups/claims-ndr"


def packet_mirroring(new_group: bool = False) -> Build:
    """In a GDPR stack, out-of-band Network Security Integration on the claims VPC: a mirroring endpoint group
    pointing at a security vendor's deployment group (its own project and organization) and the association that
    mirrors every packet of the claims VPC to it. ``new_group``: the endpoint group is created in this update."""

    def build(s: Stack) -> None:
        group = put(
            s,
            "gcp:networksecurity/mirroringEndpointGroup:MirroringEndpointGroup",
            "claims-ndr",
            gcp(s),
            known=None if new_group else {"id": MIRROR_GROUP, "name": MIRROR_GROUP},
            project=PROJECT,
            location="global",
            mirroringEndpointGroupId="claims-ndr",
            mirroringDeploymentGroup=PARTNER_DEPLOYMENT_GROUP,
            description="network detection and response by our MSSP",
        )
        association = put(
            s,
            "gcp:networksecurity/mirroringEndpointGroupAssociation:MirroringEndpointGroupAssociation",
            "claims-vpc-ndr",
            gcp(s),
            deps=[group],
            project=PROJECT,
            location="global",
            mirroringEndpointGroupAssociationId="claims-vpc-ndr",
            mirroringEndpointGroup=UNKNOWN if new_group else MIRROR_GROUP,
            network=f"projects/{PROJECT}/global/networks/claims",
        )
        if new_group:
            depends(s, association, mirroringEndpointGroup=[group])

    return build


# Violates: copies of every packet of the claims VPC go to another organization's collectors.
case("out22-packet-mirroring-partner", OUTSIDE, "DENY", OUT_DOC["mirroring"], config=GDPR_STACK)(packet_mirroring())


GITHUB_LINKS = f"projects/{PROJECT}/locations/europe-west4/connections/github/gitRepositoryLinks"


def app_hosting(locality: str) -> Build:
    """The GDPR claims portal on Firebase App Hosting (the Netherlands: server-rendered pages with the signed-in
    claimant's claims) with serving locality ``locality``."""

    def build(s: Stack) -> None:
        put(
            s,
            "gcp:firebase/appHostingBackend:AppHostingBackend",
            "claims-portal",
            gcp(s, "europe-west4"),
            project=PROJECT,
            location="europe-west4",
            backendId="claims-portal",
            appId="1:123456789012:web:4f6a2c8e1b3d5f7a",
            servingLocality=locality,
            serviceAccount=f"apphosting@{PROJECT}.iam.gserviceaccount.com",
            codebase={
                "repository": f"{GITHUB_LINKS}/claims-portal",
                "rootDirectory": "/",
            },
            labels=dict(GDPR),
        )

    return build


# Violates: GLOBAL_ACCESS lets the CDN cache the portal's responses in edge locations anywhere.
case("out22-app-hosting-global-access", OUTSIDE, "DENY", OUT_DOC["app-hosting"])(app_hosting("GLOBAL_ACCESS"))
# Complies: REGIONAL_STRICT stores and serves content in the backend's region only.
case("out22-app-hosting-regional-strict", OUTSIDE, cite=OUT_DOC["app-hosting"])(app_hosting("REGIONAL_STRICT"))


# ============================================================================ unset location defaults
DEF_DOC = {
    "ala-api": "https://learn.microsoft.com/rest/api/monitor/activitylogalerts/createorupdate",
    "ala-python": "https://learn.microsoft.com/en-us/python/api/azure-mgmt-monitor/azure.mgmt.monitor.models.activitylogalertresource",
    "pairs": "https://learn.microsoft.com/en-us/azure/reliability/cross-region-replication-azure",
    "org-logging": "https://cloud.google.com/logging/docs/default-settings",
    "log-locations": "https://cloud.google.com/logging/docs/region-support",
    "amplify": "https://docs.aws.amazon.com/amplify/latest/userguide/welcome.html",
}


def activity_log_alert(location: Any, tags: dict[str, str] = GDPR) -> Build:
    """An Activity Log alert rule on the claims resource group's Key Vault operations (each event: caller's user
    name, IP address, the vault), in ``location`` (``None``: not set, the service's default applies)."""

    def build(s: Stack) -> None:
        inputs: dict[str, Any] = {} if location is None else {"location": location}
        put(
            s,
            "azure-native:monitor:ActivityLogAlert",
            "claims-vault-changes",
            azure(s),
            resourceGroupName="ledger",
            activityLogAlertName="claims-vault-changes",
            scopes=[f"/subscriptions/{SUB}/resourceGroups/ledger"],
            condition={
                "allOf": [
                    {"field": "category", "equals": "Administrative"},
                    {"field": "resourceType", "equals": "Microsoft.KeyVault/vaults"},
                ]
            },
            actions={"actionGroups": [{"actionGroupId": f"{RG}/Microsoft.Insights/actionGroups/claims-oncall"}]},
            enabled=True,
            description="changes to the claims vaults",
            tags=tags,
            **inputs,
        )

    return build


# Violates: without a location the rule is "Global", the documented default: processed anywhere.
case("def22-activity-log-alert-default-global", DEFAULTS, "DENY", DEF_DOC["ala-python"])(activity_log_alert(None))
# Complies: West Europe, one of the two regions that process the rules.
case("def22-activity-log-alert-west-europe", DEFAULTS, cite=DEF_DOC["ala-api"])(activity_log_alert("westeurope"))
# Violates: under the Netherlands-only regime, North Europe is in Ireland.
case("def22-activity-log-alert-north-europe-nl", DEFAULTS, "DENY", DEF_DOC["ala-api"], config=NL_CONFIG)(
    activity_log_alert("northeurope", NL_TAG)
)
ORGANIZATION = "314159265358"


def org_logging_settings(location: str | None) -> Build:
    """In a GDPR stack, the Cloud Logging default settings of the organization: the location of the _Default and
    _Required log buckets of every project created in it (``None``: not set, Cloud Logging chooses)."""

    def build(s: Stack) -> None:
        inputs: dict[str, Any] = {"organization": ORGANIZATION, "disableDefaultSink": False}
        if location is not None:
            inputs["storageLocation"] = location
        put(s, "gcp:logging/organizationSettings:OrganizationSettings", "org-logging-defaults", gcp(s), **inputs)

    return build


# Violates: no storage location: new projects' log buckets are made where Cloud Logging chooses (global).
case("def22-org-logging-defaults-unset", DEFAULTS, "DENY", DEF_DOC["org-logging"], config=GDPR_STACK)(
    org_logging_settings(None)
)
# Complies: new projects' log buckets are made in the Netherlands.
case("def22-org-logging-defaults-netherlands", DEFAULTS, cite=DEF_DOC["log-locations"], config=GDPR_STACK)(
    org_logging_settings("europe-west4")
)


def amplify_app(s: Stack) -> None:
    """The GDPR claims portal on AWS Amplify Hosting (server-side rendering, Ireland): Amplify serves every app
    through Amazon CloudFront's global edge network, with no setting that keeps it in a Region."""
    put(
        s,
        "aws:amplify/app:App",
        "claims-portal",
        aws(s),
        name="claims-portal",
        repository="https://github.com/ledger/claims-portal",
        platform="WEB_COMPUTE",
        iamServiceRoleArn=f"arn:aws:iam::{ACCOUNT}:role/amplify-claims-portal",
        environmentVariables={"CLAIMS_API": "https://api.claims.ledger.example"},
        accessToken=secret("ghp_claimsportalredactedtoken0000000000"),
        tags=GDPR,
    )


# Violates: the portal's pages, with claimants' data, are served and cached through edge locations worldwide.
case("def22-amplify-hosting-edge", DEFAULTS, "DENY", DEF_DOC["amplify"])(amplify_app)


# ============================================================================ Kubernetes operators
OP_DOC = {
    "aso-ala": "https://azure.github.io/azure-service-operator/reference/insights/v1api20201001/",
    "aso-eventhub": "https://azure.github.io/azure-service-operator/reference/eventhub/v1api20211101/",
    "capture": "https://learn.microsoft.com/en-us/azure/event-hubs/event-hubs-capture-overview",
    "ack-ram": "https://aws-controllers-k8s.github.io/community/reference/ram/v1alpha1/resourceshare/",
    "ram-shareable": "https://docs.aws.amazon.com/ram/latest/userguide/shareable.html",
    "ack-trail": "https://aws-controllers-k8s.github.io/community/reference/cloudtrail/v1alpha1/trail/",
    "trail-bucket": "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html",
    "kcc-subscription": "https://cloud.google.com/config-connector/docs/reference/resource-docs/pubsub/pubsubsubscription",
    "gcs-subscriptions": "https://cloud.google.com/pubsub/docs/cloudstorage",
}


ACME_RG = f"/subscriptions/{SUB}/resourceGroups/acme/providers"


def aso_activity_alert(location: str | None) -> Build:
    """The GDPR tenant's ASO Activity Log alert rule on its resource group's Key Vault operations, in
    ``location`` (``None``: not set)."""
    spec: dict[str, Any] = {
        "owner": {"name": "acme-rg"},
        "scopesReferences": [{"armId": f"/subscriptions/{SUB}/resourceGroups/acme"}],
        "condition": {
            "allOf": [
                {"field": "category", "equals": "Administrative"},
                {"field": "resourceType", "equals": "Microsoft.KeyVault/vaults"},
            ]
        },
        "actions": {
            "actionGroups": [
                {"actionGroupReference": {"armId": f"{ACME_RG}/Microsoft.Insights/actionGroups/acme-oncall"}}
            ]
        },
        "enabled": True,
    }
    if location is not None:
        spec["location"] = location
    return operator(
        custom_resource("insights.azure.com/v1api20201001", "ActivityLogAlert", "acme-vault-changes", "acme", spec),
        "azure-native",
    )


# Violates: the tenant's alert rule has no location: "Global", processed anywhere.
case("op22-aso-activity-log-alert-global", OPERATORS, "DENY", OP_DOC["aso-ala"])(aso_activity_alert(None))
# Complies: the rule is in West Europe.
case("op22-aso-activity-log-alert-west-europe", OPERATORS, cite=OP_DOC["aso-ala"])(aso_activity_alert("westeurope"))


ARCHIVE_NAMES = "{Namespace}/{EventHub}/{PartitionId}/{Year}/{Month}/{Day}/{Hour}/{Minute}/{Second}"


def aso_capture(account_location: str) -> Build:
    """The GDPR tenant's ASO Event Hubs namespace (West Europe) and event hub of claim events, captured every five
    minutes into storage account acmecapture in ``account_location`` (managed by this stack, tagged as holding
    no regulated data)."""
    namespace = custom_resource(
        "eventhub.azure.com/v1api20211101",
        "Namespace",
        "acme-events",
        "acme",
        {"location": "westeurope", "owner": {"name": "acme-rg"}, "sku": {"name": "Standard", "tier": "Standard"}},
    )
    account = "acmecapture" + account_location[:4]
    hub = custom_resource(
        "eventhub.azure.com/v1api20211101",
        "NamespacesEventhub",
        "acme-claim-events",
        "acme",
        {
            "owner": {"name": "acme-events"},
            "partitionCount": 4,
            "messageRetentionInDays": 7,
            "captureDescription": {
                "enabled": True,
                "encoding": "Avro",
                "intervalInSeconds": 300,
                "sizeLimitInBytes": 314572800,
                "destination": {
                    "name": "EventHubArchive.AzureBlockBlob",
                    "archiveNameFormat": ARCHIVE_NAMES,
                    "blobContainer": "capture",
                    "storageAccountResourceReference": {"armId": f"{RG}/Microsoft.Storage/storageAccounts/{account}"},
                },
            },
        },
    )

    def make(s: Stack, k8s: str) -> str:
        storage_account(s, account, account_location, dict(NONE))
        namespace(s, k8s)
        return hub(s, k8s)

    return operator(make, "azure-native")


# Violates: the tenant's claim events are captured into a storage account in East US.
case("op22-aso-eventhub-capture-east-us", OPERATORS, "DENY", OP_DOC["capture"])(aso_capture("eastus"))
# Complies: the capture account is in West Europe.
case("op22-aso-eventhub-capture-west-europe", OPERATORS, cite=OP_DOC["aso-eventhub"])(aso_capture("westeurope"))
ACME_CLUSTER_ARN = f"arn:aws:rds:eu-west-1:{ACCOUNT}:cluster:acme-claims"


def ack_share(principal: str) -> Build:
    """The GDPR tenant's ACK Aurora cluster (Ireland) shared through an ACK RAM resource share with
    ``principal``, which may then clone it."""
    cluster = custom_resource(
        "rds.services.k8s.aws/v1alpha1",
        "DBCluster",
        "acme-claims",
        "acme",
        {
            "dbClusterIdentifier": "acme-claims",
            "engine": "aurora-postgresql",
            "engineVersion": "16.6",
            "masterUsername": "acme",
            "manageMasterUserPassword": True,
            "storageEncrypted": True,
        },
        annotations={"services.k8s.aws/region": "eu-west-1"},
    )
    share = custom_resource(
        "ram.services.k8s.aws/v1alpha1",
        "ResourceShare",
        "acme-claims-share",
        "acme",
        {
            "name": "acme-claims-share",
            "resourceARNs": [ACME_CLUSTER_ARN],
            "principals": [principal],
            "allowExternalPrincipals": principal != OWN_ACCOUNT,
        },
        annotations={"services.k8s.aws/region": "eu-west-1"},
    )

    def make(s: Stack, k8s: str) -> str:
        if principal == OWN_ACCOUNT:
            own_account_provider(s)
        cluster(s, k8s)
        return share(s, k8s)

    return operator(make)


# Violates: another company's account may clone the tenant's claims database (and copy it anywhere).
case("op22-ack-ram-share-partner", OPERATORS, "DENY", OP_DOC["ram-shareable"])(ack_share(PARTNER_ACCOUNT))
# Complies: the share goes to our second account, named by a provider of the stack.
case("op22-ack-ram-share-own-account", OPERATORS, cite=OP_DOC["ack-ram"])(ack_share(OWN_ACCOUNT))


def ack_trail(bucket_region: str) -> Build:
    """The GDPR tenant's ACK CloudTrail trail (Ireland) delivering its account activity (callers, source IP
    addresses, request parameters) to bucket acme-audit-trail in ``bucket_region``, managed by this stack."""
    trail = custom_resource(
        "cloudtrail.services.k8s.aws/v1alpha1",
        "Trail",
        "acme-audit",
        "acme",
        {
            "name": "acme-audit",
            "s3BucketName": "acme-audit-trail",
            "s3KeyPrefix": "acme",
            "enableLogFileValidation": True,
            "includeGlobalServiceEvents": False,
            "isMultiRegionTrail": False,
        },
        annotations={"services.k8s.aws/region": "eu-west-1"},
    )

    def make(s: Stack, k8s: str) -> str:
        s3_bucket(s, "acme-audit-trail", bucket_region)
        return trail(s, k8s)

    return operator(make)


# Violates: the trail's records are delivered to a bucket in N. Virginia.
case("op22-ack-cloudtrail-bucket-virginia", OPERATORS, "DENY", OP_DOC["trail-bucket"])(ack_trail("us-east-1"))
# Complies: the bucket is in Ireland.
case("op22-ack-cloudtrail-bucket-ireland", OPERATORS, cite=OP_DOC["ack-trail"])(ack_trail("eu-west-1"))


def kcc_archive(bucket_location: str) -> Build:
    """The GDPR tenant's Config Connector topic of claim events (stored in Frankfurt) and a Cloud Storage
    subscription that writes every message into bucket acme-claims-archive, managed by this stack in
    ``bucket_location`` and labelled as holding no regulated data."""
    topic = kcc_object(
        "PubSubTopic",
        "pubsub",
        "acme-claim-events",
        {"messageStoragePolicy": {"allowedPersistenceRegions": ["europe-west3"]}},
    )
    subscription = kcc_object(
        "PubSubSubscription",
        "pubsub",
        "acme-claims-archive",
        {
            "topicRef": {"name": "acme-claim-events"},
            "ackDeadlineSeconds": 300,
            "cloudStorageConfig": {
                "bucketRef": {"external": "acme-claims-archive"},
                "filenamePrefix": "claims/",
                "maxDuration": "300s",
            },
        },
    )

    def make(s: Stack, k8s: str) -> str:
        gcs_bucket(s, "acme-claims-archive", bucket_location, dict(NONE))
        topic(s, k8s)
        return subscription(s, k8s)

    return operator(make, "gcp")


# Violates: the tenant's claim events are archived into a bucket in the US multi-region.
case("op22-kcc-pubsub-gcs-subscription-us", OPERATORS, "DENY", OP_DOC["gcs-subscriptions"])(kcc_archive("US"))
# Complies: the archive bucket is in Frankfurt.
case("op22-kcc-pubsub-gcs-subscription-frankfurt", OPERATORS, cite=OP_DOC["kcc-subscription"])(
    kcc_archive("EUROPE-WEST3")
)


# ============================================================================ cloud guardrails
GRD_DOC = {
    "az-set-parameters": "https://learn.microsoft.com/en-us/azure/governance/policy/concepts/initiative-definition-structure",
    "az-parameters": "https://learn.microsoft.com/en-us/azure/governance/policy/concepts/definition-structure-parameters",
    "az-default-mg": "https://learn.microsoft.com/en-us/azure/governance/management-groups/how-to/protect-resource-hierarchy",
    "az-mg": "https://learn.microsoft.com/en-us/azure/governance/management-groups/overview",
    "aws-policy-type": "https://www.pulumi.com/registry/packages/aws/api-docs/organizations/policy/",
    "gcp-tags": "https://cloud.google.com/resource-manager/docs/organization-policy/tags-organization-policy",
    "gcp-dry-run": "https://cloud.google.com/resource-manager/docs/organization-policy/dry-run-policy",
}
AZURE_ASSIGNMENT = "azure-native:authorization:PolicyAssignment"
SCOPE = f"/subscriptions/{SUB}"


def initiative_default(default: list[str], passed: list[str] | None = None) -> Build:
    """The guarded GDPR AKS cluster whose subscription's only location guardrail is an initiative of the stack:
    its "Allowed locations" member takes the initiative's parameter allowed, whose default is ``default``; the
    enforced assignment passes ``passed`` for it (``None``: nothing, the default applies)."""
    cluster = without(aks_guarded(), AZURE_ASSIGNMENT)

    def build(s: Stack) -> None:
        cluster(s)
        policy = s.urn("pulumi:providers:azure-native", "policy")
        set_id = f"{SCOPE}/providers/Microsoft.Authorization/policySetDefinitions/ledger-residency"
        initiative = put(
            s,
            "azure-native:authorization:PolicySetDefinition",
            "ledger-residency",
            policy,
            known={"id": set_id},
            policySetDefinitionName="ledger-residency",
            policyType="Custom",
            displayName="Ledger residency",
            parameters={
                "allowed": {
                    "type": "Array",
                    "defaultValue": default,
                    "metadata": {"displayName": "Allowed locations", "strongType": "location"},
                }
            },
            policyDefinitions=[
                {
                    "policyDefinitionId": ALLOWED_LOCATIONS,
                    "policyDefinitionReferenceId": "allowedLocations",
                    "parameters": {"listOfAllowedLocations": {"value": "[parameters('allowed')]"}},
                }
            ],
        )
        inputs: dict[str, Any] = {} if passed is None else {"parameters": {"allowed": {"value": passed}}}
        put(
            s,
            AZURE_ASSIGNMENT,
            "ledger-residency",
            policy,
            deps=[initiative],
            known={"id": f"{SCOPE}/providers/Microsoft.Authorization/policyAssignments/ledger-residency"},
            scope=SCOPE,
            policyAssignmentName="ledger-residency",
            policyDefinitionId=set_id,
            enforcementMode="Default",
            **inputs,
        )

    return build


# Violates: the assignment passes no locations; the initiative's default adds East US.
case("grd22-azure-initiative-default-east-us", GUARDRAILS, "DENY", GRD_DOC["az-parameters"])(
    initiative_default([*GDPR_AZURE, "eastus"])
)
# Complies: the default the assignment falls back on is the EEA regions only.
case("grd22-azure-initiative-default-eea", GUARDRAILS, cite=GRD_DOC["az-set-parameters"])(
    initiative_default(GDPR_AZURE)
)
# Complies: the default adds East US, but the assignment passes the EEA regions, which replace it.
case("grd22-azure-initiative-passed-over-default", GUARDRAILS, cite=GRD_DOC["az-parameters"])(
    initiative_default([*GDPR_AZURE, "eastus"], passed=GDPR_AZURE)
)
TENANT_ROOT = "8c2d4e6f-1a3b-4c5d-9e7f-0a2b4c6d8e1f"


def default_group(group: str) -> Build:
    """The guarded AKS cluster with its allowed-locations assignments on management group eea-workloads; the
    cluster's subscription is created by a subscription alias that names no management group, so it lands in
    the hierarchy's default management group, set by the stack to ``group``."""

    def build(s: Stack) -> None:
        aks_guarded()(s)
        policy = s.urn("pulumi:providers:azure-native", "policy")
        scope = f"{MG_ROOT}/eea-workloads"
        for suffix in ("locations", "rg-locations"):
            r = _find(s, s.urn(AZURE_ASSIGNMENT, f"eea-{suffix}"))
            r.inputs = {**r.inputs, "scope": scope}
            r.outputs = {
                **r.outputs,
                "scope": scope,
                "id": f"{scope}/providers/Microsoft.Authorization/policyAssignments/eea-{suffix}",
            }
        groups = [
            put(
                s,
                "azure-native:management:ManagementGroup",
                f"mg-{name}",
                policy,
                known={"id": f"{MG_ROOT}/{name}"},
                groupId=name,
                displayName=name,
                details={"parent": {"id": f"{MG_ROOT}/{TENANT_ROOT}"}},
            )
            for name in ("eea-workloads", "sandbox")
        ]
        setting = put(
            s,
            "azure-native:management:HierarchySetting",
            "default-group",
            policy,
            deps=groups,
            groupId=TENANT_ROOT,
            defaultManagementGroup=f"{MG_ROOT}/{group}",
            requireAuthorizationForGroupCreation=True,
        )
        properties = {
            "displayName": "ledger-prod",
            "workload": "Production",
            "billingScope": "/providers/Microsoft.Billing/billingAccounts/7654321/enrollmentAccounts/1234567",
        }
        put(
            s,
            "azure-native:subscription:Alias",
            "ledger-prod-subscription",
            policy,
            deps=[setting],
            known={
                "id": "/providers/Microsoft.Subscription/aliases/ledger-prod",
                "name": "ledger-prod",
                "properties": {**properties, "subscriptionId": SUB, "provisioningState": "Succeeded"},
            },
            aliasName="ledger-prod",
            properties=properties,
        )

    return build


# Violates: new subscriptions default to the sandbox group, which no allowed-locations assignment covers.
case("grd22-azure-default-group-sandbox", GUARDRAILS, "DENY", GRD_DOC["az-default-mg"])(default_group("sandbox"))
# Complies: new subscriptions default to eea-workloads, whose assignments the cluster's subscription inherits.
case("grd22-azure-default-group-eea", GUARDRAILS, cite=GRD_DOC["az-default-mg"])(default_group("eea-workloads"))
# Complies: the region-deny SCP is created without a type, which defaults to SERVICE_CONTROL_POLICY.
case("grd22-aws-scp-type-default", GUARDRAILS, cite=GRD_DOC["aws-policy-type"])(
    retouch(eks_guarded(), "aws:organizations/policy:Policy", "eea-scp", drop=("type",))
)
PROD_TAG = f"{ORGANIZATION}/environment"


def gcp_policy(spec: dict[str, Any], tag_binding: bool = False, **extra: Any) -> Build:
    """The guarded GDPR GKE cluster of project ledger-prod (its _Default sink taken over, to Frankfurt) whose
    gcp.resourceLocations policy has ``spec``; ``tag_binding``: the project is bound to tag value
    environment=production."""

    def own_sink(s: Stack, org: str) -> None:
        default_sink("europe-west3")(s)

    def policy(s: Stack, org: str) -> None:
        if tag_binding:
            put(
                s,
                "gcp:tags/tagBinding:TagBinding",
                "ledger-prod-environment",
                org,
                parent=f"//cloudresourcemanager.googleapis.com/projects/{LEDGER_NUMBER}",
                tagValue="tagValues/281484271805521",
            )
        put(
            s,
            "gcp:orgpolicy/policy:Policy",
            "locations",
            org,
            name=f"projects/{PROJECT}/policies/gcp.resourceLocations",
            parent=f"projects/{PROJECT}",
            spec=spec,
            **extra,
        )

    return gke_guarded(own_sink, policy)


PRODUCTION = {"title": "production only", "expression": f"resource.matchTag('{PROD_TAG}', 'production')"}
# Violates: the EEA rule applies only to resources tagged environment=production; the unconditional rule
# allows every location, so a resource in the project that overrides the inherited tag may go anywhere.
case("grd22-gcp-tag-conditioned-eea-only-for-production", GUARDRAILS, "DENY", GRD_DOC["gcp-tags"])(
    gcp_policy(
        {
            "inheritFromParent": False,
            "rules": [{"condition": PRODUCTION, "values": {"allowedValues": EEA_VALUES}}, {"allowAll": "TRUE"}],
        },
        tag_binding=True,
    )
)
# Complies: the enforced spec allows the EEA value groups only; a dry-run spec that allows all is only tried.
case("grd22-gcp-dry-run-allow-all-beside-spec", GUARDRAILS, cite=GRD_DOC["gcp-dry-run"])(
    gcp_policy(
        {"inheritFromParent": False, "rules": [{"values": {"allowedValues": EEA_VALUES}}]},
        dryRunSpec={"inheritFromParent": False, "rules": [{"allowAll": "TRUE"}]},
    )
)


# ============================================================================ unknown at preview
PRE_DOC = {
    "unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
    "policy-preview": "https://www.pulumi.com/docs/iac/using-pulumi/crossguard/best-practices/",
}

# Violates: the recordings bucket is new (its name unknown to the browser); it is created in N. Virginia.
case("pre22-agentcore-new-bucket-virginia", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    agentcore_browser("us-east-1", new_bucket=True)
)
# Complies: the same new bucket in Ireland.
case("pre22-agentcore-new-bucket-ireland", PREVIEW, cite=PRE_DOC["unknowns"])(
    agentcore_browser("eu-west-1", new_bucket=True)
)
# Violates: the maintenance window is new (its ID unknown to the task); the output bucket in N. Virginia is known.
case("pre22-maintenance-new-window-virginia", PREVIEW, "DENY", PRE_DOC["unknowns"], config=GDPR_STACK)(
    maintenance_output("us-east-1", new_window=True)
)
# Violates: the primary is new (its ARN unknown to the standby); the standby is made through the N. Virginia
# provider, and the engine records that it takes the primary's ARN.
case("pre22-odb-standby-new-primary", PREVIEW, "DENY", PRE_DOC["unknowns"])(odb_standby(new_primary=True))
# Violates: the inspection template is new (its name unknown); the findings dataset in the US is known.
case("pre22-dlp-new-template-findings-us", PREVIEW, "DENY", PRE_DOC["unknowns"], config=GDPR_STACK)(
    dlp_discovery("US", new_template=True)
)
# Complies at preview: the findings dataset is created in this update, in the EU multi-region.
case("pre22-dlp-new-dataset-eu", PREVIEW, cite=PRE_DOC["policy-preview"], config=GDPR_STACK)(
    dlp_discovery("EU", new_dataset=True)
)
# Complies at preview: the destination FHIR store is created in this update, in Frankfurt.
case("pre22-healthcare-new-store-frankfurt", PREVIEW, cite=PRE_DOC["policy-preview"])(
    mapping_pipeline("europe-west3", new_store=True)
)
# Violates: the endpoint group is new (its name unknown to the association); its partner deployment group is known.
case("pre22-mirroring-new-group-partner", PREVIEW, "DENY", PRE_DOC["unknowns"], config=GDPR_STACK)(
    packet_mirroring(new_group=True)
)
# Violates: the Foundry resource is new (its name unknown to the connection); the East US Cosmos DB is known.
case("pre22-foundry-new-account-threads-east-us", PREVIEW, "DENY", PRE_DOC["unknowns"], config=GDPR_STACK)(
    thread_storage("eastus", new_account=True)
)
# Complies at preview: the thread store is a Cosmos DB account created in this update, in West Europe.
case("pre22-foundry-new-cosmos-west-europe", PREVIEW, cite=PRE_DOC["policy-preview"], config=GDPR_STACK)(
    thread_storage("westeurope", new_cosmos=True)
)
# Complies at preview: the mounted account is created in this update (its name unknown), in West Europe.
case("pre22-aca-new-account-west-europe", PREVIEW, cite=PRE_DOC["policy-preview"], config=GDPR_STACK)(
    aca_storage("westeurope", new_account=True)
)


# ============================================================================ malformed shapes
BAD_DOC = {
    "ses-endpoint": "https://www.pulumi.com/registry/packages/aws/api-docs/sesv2/multiregionendpoint/",
    "browser": "https://www.pulumi.com/registry/packages/aws/api-docs/bedrock/agentcorebrowser/",
    "mw-task": "https://www.pulumi.com/registry/packages/aws/api-docs/ssm/maintenancewindowtask/",
    "dlp-discovery": "https://www.pulumi.com/registry/packages/gcp/api-docs/dataloss/preventiondiscoveryconfig/",
    "insights": "https://www.pulumi.com/registry/packages/gcp/api-docs/storage/insightsdatasetconfig/",
    "ala": "https://www.pulumi.com/registry/packages/azure-native/api-docs/monitor/activitylogalert/",
    "aca-storage": "https://www.pulumi.com/registry/packages/azure-native/api-docs/app/managedenvironmentsstorage/",
    "project-connection": "https://www.pulumi.com/registry/packages/azure-native/api-docs/cognitiveservices/projectconnection/",
    "bridge": "https://github.com/pulumi/pulumi-terraform-bridge/blob/master/pkg/tfbridge/schema.go",
}
RUN_COMMAND = {
    "outputS3Bucket": "ledger-ops-output",
    "outputS3KeyPrefix": "reconcile/",
    "timeoutSeconds": 3600,
    "parameters": [{"name": "commands", "values": ["/opt/claims/bin/reconcile --print-mismatches"]}],
}

# Violates: routesDetails (one block) is a list of two secondary Regions, both in the EEA.
case("bad22-ses-endpoint-two-routes", MALFORMED, "DENY", BAD_DOC["ses-endpoint"])(
    ses_global_endpoint(
        "eu-central-1", details={"routesDetails": [{"region": "eu-central-1"}, {"region": "eu-north-1"}]}
    )
)
# Complies: routesDetails (a block the SDK flattens) given as a one-item list, which the bridge hands to
# Terraform as it reads it; the secondary Region is Frankfurt.
case("bad22-ses-endpoint-one-route-list", MALFORMED, cite=BAD_DOC["bridge"])(
    ses_global_endpoint("eu-central-1", details={"routesDetails": [{"region": "eu-central-1"}]})
)
# Violates: s3Location.bucket (a bucket name) is an object naming the Irish bucket and its Region.
case("bad22-agentcore-recording-bucket-object", MALFORMED, "DENY", BAD_DOC["browser"])(
    agentcore_browser(
        "eu-west-1",
        location={"bucket": {"name": "claims-browser-sessions", "region": "eu-west-1"}, "prefix": "sessions/"},
    )
)
# Violates: runCommandParameters (one block) is a list of two blocks, both writing to the Irish bucket.
case("bad22-maintenance-run-command-two-blocks", MALFORMED, "DENY", BAD_DOC["mw-task"], config=GDPR_STACK)(
    maintenance_output("eu-west-1", parameters=[RUN_COMMAND, {**RUN_COMMAND, "outputS3KeyPrefix": "retry/"}])
)
# Complies: runCommandParameters given as a one-item list (a block the SDK flattens); the bucket is in Ireland.
case("bad22-maintenance-run-command-one-item-list", MALFORMED, cite=BAD_DOC["bridge"], config=GDPR_STACK)(
    maintenance_output("eu-west-1", parameters=[RUN_COMMAND])
)
FINDINGS = {"projectId": PROJECT, "datasetId": "dlp_findings"}
# Violates: sampleFindingsTable (one block) is a list of two tables, both in the EU dataset.
case("bad22-dlp-sample-findings-two-tables", MALFORMED, "DENY", BAD_DOC["dlp-discovery"], config=GDPR_STACK)(
    dlp_discovery(
        "EU",
        export={
            "profileTable": {**FINDINGS, "tableId": "profiles"},
            "sampleFindingsTable": [{**FINDINGS, "tableId": "samples_a"}, {**FINDINGS, "tableId": "samples_b"}],
        },
    )
)
# Complies: actions (a list) given as one object, which the bridge wraps into a one-item list; the dataset is EU.
case("bad22-dlp-actions-single-object", MALFORMED, cite=BAD_DOC["bridge"], config=GDPR_STACK)(
    dlp_discovery(
        "EU",
        actions={
            "exportData": {
                "profileTable": {**FINDINGS, "tableId": "profiles"},
                "sampleFindingsTable": {**FINDINGS, "tableId": "sample_findings"},
            }
        },
    )
)
# Violates: location (one location name) is an object naming the EU multi-region.
case("bad22-insights-location-object", MALFORMED, "DENY", BAD_DOC["insights"], config=GDPR_STACK)(
    insights_dataset({"name": "eu", "type": "MULTI_REGION"})
)
# Violates: location (one region) is a one-item list naming West Europe (azure-native takes a string).
case("bad22-activity-log-alert-location-list", MALFORMED, "DENY", BAD_DOC["ala"])(activity_log_alert(["westeurope"]))
# Violates: properties.azureFile (an object) is a one-item list naming the West Europe account.
case("bad22-aca-azure-file-list", MALFORMED, "DENY", BAD_DOC["aca-storage"], config=GDPR_STACK)(
    aca_storage(
        "westeurope",
        azure_file=[
            {
                "accountName": "claimsscanswest",
                "accountKey": secret("c2Nhbi1zdG9yZS1rZXktcmVkYWN0ZWQ="),
                "shareName": "scans",
                "accessMode": "ReadWrite",
            }
        ],
    )
)
# Violates: metadata (a map of strings) gives ResourceId as a one-item list naming the West Europe Cosmos DB.
case("bad22-foundry-connection-metadata-list", MALFORMED, "DENY", BAD_DOC["project-connection"], config=GDPR_STACK)(
    thread_storage(
        "westeurope",
        metadata={
            "ApiType": "Azure",
            "ResourceId": [f"{RG}/Microsoft.DocumentDB/databaseAccounts/claims-agent-threads-westeurope"],
            "location": "westeurope",
        },
    )
)
