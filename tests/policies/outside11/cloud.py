"""Cloud residency cases of the eleventh outside corpus, written from cloud-provider documentation and the
pack's user-facing contract (docs/RULES.md, docs/SPEC.md, docs/REVIEW.md, README.md) by a helper session
that had not read the pack's rules, its residency survey, its configs or its tests. It must never be used
to tune the pack (see README.md beside it).

Cases are built with the ``Case``/``Stack`` API of ``tests/policies/corpus.py`` and the helpers of the
earlier outside corpora. A case asks only whether a correct pack denies it: ``expect="DENY"`` (some
mandatory violation) or nothing (compliant: no mandatory violation at all). Each cites the page its outcome
rests on; a comment above it says why it violates or complies. The resource that decides each case is of a
type none of the ten earlier corpora used (sources and destinations around it may be of known types), and
most are of services none of them touched: AWS Directory Service multi-Region replication,
Security Lake roll-up Regions, S3 object copies, CloudWatch cross-account observability links, AMI launch
permissions, SES Mail Manager relays, DynamoDB Accelerator, Rekognition collections, WorkMail; Sensitive
Data Protection (DLP) job triggers, Database Migration Service, Managed Service for Apache Kafka
(MirrorMaker 2.0), Backup and DR restores, BigQuery sharing (Analytics Hub); Azure Cosmos DB for PostgreSQL
replicas and geo-backups, Azure Digital Twins data history, the PostgreSQL migration service, Site Recovery
(Azure-to-Azure), the SQL Managed Instance link, Data Box exports; ACK DocumentDB clusters, Crossplane
PostgreSQL flexible servers, Config Connector Compute instances, ASO Log Analytics workspaces; location
guardrails for the eu, uk and ch regimes and for custom regimes built from exact regions.

``UNKNOWN`` stands for a value the engine only learns at the update.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.policies.corpus import GDPR, NONE, UNKNOWN, Stack, secret
from tests.policies.outside.corpus import (
    ACCOUNT,
    GDPR_AWS,
    PROJECT,
    RG,
    SUB,
    _find,
    aws,
    az,
    azure,
    bq_dataset,
    custom_resource,
    gcp,
    put,
    s3_bucket,
)
from tests.policies.outside2.corpus import on_tenant
from tests.policies.outside5.cloud import XP_REF
from tests.policies.outside9.cloud import regime_guarded, resource_group
from tests.policies.outside10.cloud import aks_regime, gke_regime
from tests.policies.outside11.common import case

Build = Callable[[Stack], None]
Obj = Callable[[Stack, str], Any]

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
IE_TAG = {"fleet-residency": "ie"}
IE_REGIME = {"regimes": [{"name": "ie", "countries": ["IE"], "description": "Ireland only"}]}
EU = {"fleet-residency": "eu"}
UK = {"fleet-residency": "uk"}
CH = {"fleet-residency": "ch"}
FRA = {"fleet-residency": "fra"}
FRA_REGIME = {
    "regimes": [{"name": "fra", "countries": [], "regions": ["aws:eu-central-1"], "description": "AWS Frankfurt only"}]
}
GDPR_ZRH = {"fleet-residency": "gdpr-zrh"}
GDPR_ZRH_REGIME = {
    "regimes": [
        {
            "name": "gdpr-zrh",
            "countries": [],
            "regions": ["aws:eu-central-2"],
            "extends": "gdpr",
            "description": "The EEA plus AWS Zurich",
        }
    ]
}
PARTNER_ACCOUNT = "444455556666"  # another company's AWS account, outside this stack
OWN_ACCOUNT = "222233334444"  # a second account of ours, named by a provider of the stack


def own_account_provider(s: Stack, name: str = "observability") -> str:
    """A provider of the stack for a second account of ours (it names the account in allowedAccountIds)."""
    urn = s.urn("pulumi:providers:aws", name)
    if all(r.urn != urn for r in s.resources):
        s.provider("aws", name, region="eu-west-1", allowedAccountIds=[OWN_ACCOUNT])
    return urn


def depends(s: Stack, urn: str, **deps: list[str]) -> None:
    """Record the engine's property dependencies of a resource (what an unknown input comes from)."""
    _find(s, urn).property_dependencies = deps


# ============================================================================ AWS: copies
AWS_DOC = {
    "ds-multi-region": "https://docs.aws.amazon.com/directoryservice/latest/admin-guide/ms_ad_configure_multi_region_replication.html",
    "ds-pulumi": "https://www.pulumi.com/registry/packages/aws/api-docs/directoryservice/serviceregion/",
    "seclake-rollup": "https://docs.aws.amazon.com/security-lake/latest/userguide/add-rollup-region.html",
    "seclake-api": "https://docs.aws.amazon.com/security-lake/latest/APIReference/API_DataLakeReplicationConfiguration.html",
    "seclake-pulumi": "https://www.pulumi.com/registry/packages/aws/api-docs/securitylake/datalake/",
    "s3-copy": "https://docs.aws.amazon.com/AmazonS3/latest/userguide/copy-object.html",
    "s3-copy-pulumi": "https://www.pulumi.com/registry/packages/aws/api-docs/s3/objectcopy/",
}
DIRECTORY_ID = "d-93671a2b4c"
VPCS = {
    "eu-west-1": ("vpc-0a1b2c3d4e5f60718", ["subnet-0a1b2c3d4e5f60718", "subnet-0b1c2d3e4f5a60719"]),
    "eu-central-1": ("vpc-0c2d3e4f5a6b70819", ["subnet-0c2d3e4f5a6b70819", "subnet-0d2e3f4a5b6c7081a"]),
    "us-east-1": ("vpc-0e3f4a5b6c7d8091a", ["subnet-0e3f4a5b6c7d8091a", "subnet-0f3a4b5c6d7e8091b"]),
}


def directory_replica(region: Any, subnets: Any = None) -> Build:
    """A GDPR AWS Managed Microsoft AD (Enterprise Edition) in Ireland, the directory of the claims staff and
    their customers' delegated accounts, replicated to a second Region: every user, group and policy of the
    directory is copied to the domain controllers there."""

    def build(s: Stack) -> None:
        vpc, ie_subnets = VPCS["eu-west-1"]
        directory = put(
            s,
            "aws:directoryservice/directory:Directory",
            "corp-ad",
            aws(s),
            name="corp.ledger.example",
            shortName="LEDGER",
            password=secret("Ad-9f2c7e1b!x4"),
            edition="Enterprise",
            type="MicrosoftAD",
            vpcSettings={"vpcId": vpc, "subnetIds": ie_subnets},
            tags=GDPR,
            known={"id": DIRECTORY_ID, "accessUrl": "ledger-corp.awsapps.com"},
        )
        target_vpc, target_subnets = VPCS[region if region in ("us-east-1", "eu-central-1") else "eu-central-1"]
        put(
            s,
            "aws:directoryservice/serviceRegion:ServiceRegion",
            "corp-ad-replica",
            aws(s),
            deps=[directory],
            directoryId=DIRECTORY_ID,
            regionName=region,
            desiredNumberOfDomainControllers=2,
            vpcSettings={"vpcId": target_vpc, "subnetIds": target_subnets if subnets is None else subnets},
        )

    return build


# Violates: the GDPR directory is replicated to N. Virginia.
case("aws-directory-replica-region-us", AWS_COPIES, "DENY", AWS_DOC["ds-multi-region"])(directory_replica("us-east-1"))
# Complies: it is replicated to Frankfurt.
case("aws-directory-replica-region-de", AWS_COPIES, cite=AWS_DOC["ds-multi-region"])(directory_replica("eu-central-1"))


def security_lake(rollup: Any = None, region: Any = "eu-west-1", configuration: Any = None, role: Any = None) -> Build:
    """A GDPR Amazon Security Lake in Ireland (CloudTrail, VPC flow and Route 53 logs: IP addresses and user
    identities) whose Region contributes its data to the roll-up Regions of its replication configuration."""

    def build(s: Stack) -> None:
        config: dict[str, Any] = {
            "region": region,
            "encryptionConfigurations": [{"kmsKeyId": "S3_MANAGED_KEY"}],
            "lifecycleConfiguration": {"expiration": {"days": 365}},
        }
        if rollup is not None:
            config["replicationConfiguration"] = {
                "regions": rollup,
                "roleArn": f"arn:aws:iam::{ACCOUNT}:role/service-role/AmazonSecurityLakeS3ReplicationRole",
            }
        put(
            s,
            "aws:securitylake/dataLake:DataLake",
            "security-lake",
            aws(s),
            metaStoreManagerRoleArn=f"arn:aws:iam::{ACCOUNT}:role/service-role/AmazonSecurityLakeMetaStoreManagerV2"
            if role is None
            else role,
            configuration=config if configuration is None else configuration,
            tags=GDPR,
        )

    return build


# Violates: Ireland's security data rolls up into N. Virginia.
case("aws-security-lake-rollup-us", AWS_COPIES, "DENY", AWS_DOC["seclake-rollup"])(security_lake(["us-east-1"]))
# Complies: it rolls up into Frankfurt.
case("aws-security-lake-rollup-de", AWS_COPIES, cite=AWS_DOC["seclake-api"])(security_lake(["eu-central-1"]))


def object_copy(
    dest_region: str | None,
    source_tags: dict[str, str] = GDPR,
    source: Any = "ledger-claims/exports/claims-2025.parquet",
    new_dest: str | None = None,
) -> Build:
    """A yearly claims export (an object of a regulated bucket in Ireland) copied into a bucket of this stack,
    untagged, in ``dest_region`` (or, ``new_dest``, a bucket this update creates: its name is unknown and
    followed through the property's dependency)."""

    def build(s: Stack) -> None:
        src = s3_bucket(s, "ledger-claims", "eu-west-1", source_tags)
        region = dest_region or new_dest or "eu-west-1"
        if new_dest is not None:
            dest = put(s, "aws:s3/bucket:Bucket", "claims-archive", aws(s, new_dest), bucketPrefix="claims-archive-")
            bucket: Any = UNKNOWN
        else:
            dest = s3_bucket(s, "claims-archive", region)
            bucket = "claims-archive"
        urn = put(
            s,
            "aws:s3/objectCopy:ObjectCopy",
            "claims-2025-copy",
            aws(s, region),
            # A source that is unknown comes from nothing in the stack: the copy then depends on its bucket only.
            deps=[dest] if source == UNKNOWN else [src, dest],
            bucket=bucket,
            key="claims/claims-2025.parquet",
            source=source,
            serverSideEncryption="aws:kms",
            taggingDirective="REPLACE",
        )
        if new_dest is not None:
            depends(s, urn, bucket=[dest])

    return build


# Violates: the GDPR claims export is copied into a bucket in N. Virginia (the copy carries no tag).
case("aws-s3-object-copy-us", AWS_COPIES, "DENY", AWS_DOC["s3-copy"])(object_copy("us-east-1"))
# Complies: it is copied into a bucket in Stockholm.
case("aws-s3-object-copy-se", AWS_COPIES, cite=AWS_DOC["s3-copy"])(object_copy("eu-north-1"))
# Violates: an Ireland-only (custom regime ie) export is copied into a bucket in Frankfurt.
case("aws-s3-object-copy-ie-to-frankfurt", AWS_COPIES, "DENY", AWS_DOC["s3-copy-pulumi"], config=IE_REGIME)(
    object_copy("eu-central-1", source_tags=IE_TAG)
)
# Complies: it is copied into another bucket in Ireland.
case("aws-s3-object-copy-ie-to-ireland", AWS_COPIES, cite=AWS_DOC["s3-copy-pulumi"], config=IE_REGIME)(
    object_copy("eu-west-1", source_tags=IE_TAG)
)


# ============================================================================ GCP: copies
GCP_DOC = {
    "dlp-save": "https://cloud.google.com/sensitive-data-protection/docs/reference/rest/v2/Action#SaveFindings",
    "dlp-quote": "https://cloud.google.com/sensitive-data-protection/docs/reference/rest/v2/InspectConfig",
    "dlp-parent": "https://cloud.google.com/sensitive-data-protection/docs/reference/rest/v2/projects.jobTriggers/create",
    "dlp-location": "https://cloud.google.com/sensitive-data-protection/docs/specifying-location",
    "dlp-pulumi": "https://www.pulumi.com/registry/packages/gcp/api-docs/dataloss/preventionjobtrigger/",
    "dms-job": "https://cloud.google.com/database-migration/docs/postgres/create-migration-job",
    "dms-profile-pulumi": "https://www.pulumi.com/registry/packages/gcp/api-docs/databasemigrationservice/connectionprofile/",
    "dms-alloydb": "https://cloud.google.com/database-migration/docs/postgresql-to-alloydb/create-migration-job",
    "kafka-mm2": "https://cloud.google.com/managed-service-for-apache-kafka/docs/connect-cluster/create-mirrormaker-connector",
    "kafka-pulumi": "https://www.pulumi.com/registry/packages/gcp/api-docs/managedkafka/connector/",
    "backupdr-vault": "https://cloud.google.com/backup-disaster-recovery/docs/concepts/backup-vault",
    "backupdr-restore-pulumi": "https://www.pulumi.com/registry/packages/gcp/api-docs/backupdisasterrecovery/restoreworkload/",
}


def labelled_bucket(s: Stack, name: str, location: str, labels: dict[str, str] | None) -> str:
    inputs: dict[str, Any] = {"name": name, "location": location, "uniformBucketLevelAccess": True}
    if labels is not None:
        inputs["labels"] = labels
    return put(s, "gcp:storage/bucket:Bucket", name, gcp(s), known={"id": name, "url": f"gs://{name}"}, **inputs)


def dlp_trigger(
    dataset_location: str | None = "EU",
    parent: Any = f"projects/{PROJECT}/locations/europe-west3",
    table: Any = None,
    template: Any = f"projects/{PROJECT}/locations/europe-west3/inspectTemplates/claims-pii",
) -> Build:
    """A Sensitive Data Protection job trigger that scans the GDPR claims-scans bucket every day and saves its
    findings, each with a quote of the sensitive text it found (includeQuote), to a BigQuery table of this
    stack's dataset dlp_findings (untagged)."""

    def build(s: Stack) -> None:
        deps = [labelled_bucket(s, "ledger-claims-scans", "EUROPE-WEST3", GDPR)]
        if dataset_location is not None:
            deps.append(bq_dataset(s, "dlp_findings", dataset_location))
        put(
            s,
            "gcp:dataloss/preventionJobTrigger:PreventionJobTrigger",
            "claims-scan",
            gcp(s),
            deps=deps,
            parent=parent,
            triggerId="claims-daily-scan",
            displayName="Daily PII scan of scanned claims",
            triggers=[{"schedule": {"recurrencePeriodDuration": "86400s"}}],
            inspectJob={
                "inspectTemplateName": template,
                "inspectConfig": {
                    "includeQuote": True,
                    "infoTypes": [{"name": "EMAIL_ADDRESS"}, {"name": "IBAN_CODE"}, {"name": "PERSON_NAME"}],
                },
                "storageConfig": {"cloudStorageOptions": {"fileSet": {"url": "gs://ledger-claims-scans/**"}}},
                "actions": [
                    {
                        "saveFindings": {
                            "outputConfig": {
                                "table": {"projectId": PROJECT, "datasetId": "dlp_findings", "tableId": "claims"}
                                if table is None
                                else table
                            }
                        }
                    }
                ],
            },
        )

    return build


# Violates: the findings, with quotes of names, e-mail addresses and IBANs from the GDPR bucket, are saved to
# a dataset in the US multi-region.
case("gcp-dlp-findings-dataset-us", GCP_COPIES, "DENY", GCP_DOC["dlp-save"])(dlp_trigger("US"))
# Complies: the findings dataset is in the EU multi-region.
case("gcp-dlp-findings-dataset-eu", GCP_COPIES, cite=GCP_DOC["dlp-quote"])(dlp_trigger("EU"))


def dms_migration(
    region: str, destination: str = "cloudsql", zone: Any = None, destination_settings: Any = None
) -> Build:
    """A continuous Database Migration Service job from the GDPR claims database (Cloud SQL for PostgreSQL in
    Frankfurt, its regime in settings.userLabels) into a new destination (a Cloud SQL instance or an AlloyDB
    cluster) that the destination connection profile creates in ``region``; the job and its profiles are in
    that region."""

    def build(s: Stack) -> None:
        source_db = put(
            s,
            "gcp:sql/databaseInstance:DatabaseInstance",
            "claims-pg",
            gcp(s),
            name="claims-pg",
            region="europe-west3",
            databaseVersion="POSTGRES_16",
            settings={"tier": "db-custom-2-7680", "userLabels": GDPR},
            deletionProtection=True,
            known={
                "connectionName": f"{PROJECT}:europe-west3:claims-pg",
                "privateIpAddress": "10.20.0.5",
                "selfLink": f"https://sqladmin.googleapis.com/sql/v1beta4/projects/{PROJECT}/instances/claims-pg",
            },
        )
        profiles = f"projects/{PROJECT}/locations/{region}/connectionProfiles"
        src = put(
            s,
            "gcp:databasemigrationservice/connectionProfile:ConnectionProfile",
            "claims-src",
            gcp(s, region),
            deps=[source_db],
            connectionProfileId="claims-src",
            location=region,
            displayName="claims-pg (source)",
            postgresql={
                "cloudSqlId": "claims-pg",
                "host": "10.20.0.5",
                "port": 5432,
                "username": "migrator",
                "password": secret("Dms-2c7f9a1e!"),
            },
            known={"id": f"{profiles}/claims-src", "name": f"{profiles}/claims-src"},
        )
        dest_inputs: dict[str, Any]
        if destination == "cloudsql":
            settings = {
                "sourceId": f"{profiles}/claims-src",
                "databaseVersion": "POSTGRES_16",
                "tier": "db-custom-2-7680",
                "zone": f"{region}-b" if zone is None else zone,
                "dataDiskSizeGb": "100",
                "dataDiskType": "PD_SSD",
                "rootPassword": secret("Root-8e1d4b7a!"),
                "ipConfig": {"enableIpv4": False, "privateNetwork": f"projects/{PROJECT}/global/networks/ledger"},
            }
            dest_inputs = {"cloudsql": {"settings": settings if destination_settings is None else destination_settings}}
        else:
            dest_inputs = {
                "alloydb": {
                    "clusterId": "claims-alloy",
                    "settings": {
                        "initialUser": {"user": "postgres", "password": secret("Alloy-5a9c2e7f!")},
                        "vpcNetwork": f"projects/{PROJECT}/global/networks/ledger",
                        "primaryInstanceSettings": {"id": "claims-alloy-primary", "machineConfig": {"cpuCount": 2}},
                    },
                }
            }
        dst = put(
            s,
            "gcp:databasemigrationservice/connectionProfile:ConnectionProfile",
            "claims-dst",
            gcp(s, region),
            connectionProfileId="claims-dst",
            location=region,
            displayName="claims (destination)",
            known={"id": f"{profiles}/claims-dst", "name": f"{profiles}/claims-dst"},
            **dest_inputs,
        )
        put(
            s,
            "gcp:databasemigrationservice/migrationJob:MigrationJob",
            "claims-migration",
            gcp(s, region),
            deps=[src, dst],
            migrationJobId="claims-migration",
            location=region,
            displayName="claims-pg continuous migration",
            type="CONTINUOUS",
            source=f"{profiles}/claims-src",
            destination=f"{profiles}/claims-dst",
            vpcPeeringConnectivity={"vpc": f"projects/{PROJECT}/global/networks/ledger"},
        )

    return build


# Violates: the GDPR claims database is migrated (continuously replicated) into a Cloud SQL instance in Iowa.
case("gcp-dms-cloudsql-destination-iowa", GCP_COPIES, "DENY", GCP_DOC["dms-job"])(dms_migration("us-central1"))
# Complies: the destination instance is in Belgium.
case("gcp-dms-cloudsql-destination-belgium", GCP_COPIES, cite=GCP_DOC["dms-job"])(dms_migration("europe-west1"))
# Violates: the destination is an AlloyDB cluster in N. Virginia.
case("gcp-dms-alloydb-destination-virginia", GCP_COPIES, "DENY", GCP_DOC["dms-alloydb"])(
    dms_migration("us-east4", destination="alloydb")
)
# Complies: the AlloyDB cluster is in the Netherlands.
case("gcp-dms-alloydb-destination-netherlands", GCP_COPIES, cite=GCP_DOC["dms-alloydb"])(
    dms_migration("europe-west4", destination="alloydb")
)


def kafka_bootstrap(cluster: str, region: str) -> str:
    return f"bootstrap.{cluster}.{region}.managedkafka.{PROJECT}.cloud.goog:9092"


def kafka_cluster(s: Stack, cluster: str, region: str, labels: dict[str, str] | None) -> str:
    inputs: dict[str, Any] = {} if labels is None else {"labels": labels}
    return put(
        s,
        "gcp:managedkafka/cluster:Cluster",
        cluster,
        gcp(s, region),
        clusterId=cluster,
        location=region,
        capacityConfig={"vcpuCount": "3", "memoryBytes": "3221225472"},
        gcpConfig={
            "accessConfig": {"networkConfigs": [{"subnet": f"projects/{PROJECT}/regions/{region}/subnetworks/kafka"}]}
        },
        known={
            "id": f"projects/{PROJECT}/locations/{region}/clusters/{cluster}",
            "name": f"projects/{PROJECT}/locations/{region}/clusters/{cluster}",
            "bootstrapAddress": kafka_bootstrap(cluster, region),
        },
        **inputs,
    )


def kafka_mirror(target_region: str, configs: Any = None, target_servers: Any = None) -> Build:
    """MirrorMaker 2.0 (a MirrorSourceConnector in a Managed Kafka Connect cluster) mirrors the claims topics
    of the GDPR Kafka cluster in Frankfurt into the Connect cluster's primary Kafka cluster, an unlabelled
    cluster of this stack in ``target_region``."""

    def build(s: Stack) -> None:
        source = kafka_cluster(s, "claims", "europe-west3", GDPR)
        target = kafka_cluster(s, "claims-dr", target_region, None)
        connect = put(
            s,
            "gcp:managedkafka/connectCluster:ConnectCluster",
            "claims-mirror",
            gcp(s, target_region),
            deps=[target],
            connectClusterId="claims-mirror",
            location=target_region,
            kafkaCluster=f"projects/{PROJECT}/locations/{target_region}/clusters/claims-dr",
            capacityConfig={"vcpuCount": "3", "memoryBytes": "3221225472"},
            gcpConfig={
                "accessConfig": {
                    "networkConfigs": [
                        {
                            "primarySubnet": f"projects/{PROJECT}/regions/{target_region}/subnetworks/kafka-connect",
                            "dnsDomainNames": [f"claims.europe-west3.managedkafka.{PROJECT}.cloud.goog"],
                        }
                    ]
                }
            },
            known={"id": f"projects/{PROJECT}/locations/{target_region}/connectClusters/claims-mirror"},
        )
        put(
            s,
            "gcp:managedkafka/connector:Connector",
            "claims-mm2",
            gcp(s, target_region),
            deps=[connect, source, target],
            connectorId="claims-mm2-source",
            connectCluster="claims-mirror",
            location=target_region,
            configs={
                "connector.class": "org.apache.kafka.connect.mirror.MirrorSourceConnector",
                "name": "claims-mm2-source",
                "tasks.max": "3",
                "topics": "claims.*",
                "source.cluster.alias": "claims",
                "target.cluster.alias": "claims-dr",
                "source.cluster.bootstrap.servers": kafka_bootstrap("claims", "europe-west3"),
                "target.cluster.bootstrap.servers": kafka_bootstrap("claims-dr", target_region)
                if target_servers is None
                else target_servers,
            }
            if configs is None
            else configs,
        )

    return build


# Violates: the GDPR claims topics are mirrored into a Kafka cluster in Iowa.
case("gcp-kafka-mirrormaker-target-iowa", GCP_COPIES, "DENY", GCP_DOC["kafka-mm2"])(kafka_mirror("us-central1"))
# Complies: they are mirrored into a cluster in Belgium.
case("gcp-kafka-mirrormaker-target-belgium", GCP_COPIES, cite=GCP_DOC["kafka-mm2"])(kafka_mirror("europe-west1"))


def backupdr_restore(zone: Any) -> Build:
    """The GDPR claims OCR VM (Frankfurt) is backed up by Backup and DR into a backup vault in Frankfurt
    (labelled GDPR: it holds the VM's backups); a restore workload restores one of those backups as a new VM in
    ``zone``. "Backup and DR Service doesn't impose any restriction on the compatible destination locations when
    restoring a workload from a backup vault backup.\""""

    def build(s: Stack) -> None:
        vm_path = f"projects/{PROJECT}/zones/europe-west3-a/instances/claims-ocr"
        vm = put(
            s,
            "gcp:compute/instance:Instance",
            "claims-ocr",
            gcp(s),
            name="claims-ocr",
            zone="europe-west3-a",
            machineType="e2-standard-4",
            bootDisk={"initializeParams": {"image": "debian-cloud/debian-12", "size": 100}},
            networkInterfaces=[{"network": "default"}],
            labels=GDPR,
            known={"id": vm_path, "selfLink": f"https://www.googleapis.com/compute/v1/{vm_path}"},
        )
        vault_path = f"projects/{PROJECT}/locations/europe-west3/backupVaults/claims-vault"
        vault = put(
            s,
            "gcp:backupdisasterrecovery/backupVault:BackupVault",
            "claims-vault",
            gcp(s),
            backupVaultId="claims-vault",
            location="europe-west3",
            backupMinimumEnforcedRetentionDuration="2592000s",
            labels=GDPR,
            known={"id": vault_path, "name": vault_path},
        )
        plan_path = f"projects/{PROJECT}/locations/europe-west3/backupPlans/claims-daily"
        plan = put(
            s,
            "gcp:backupdisasterrecovery/backupPlan:BackupPlan",
            "claims-daily",
            gcp(s),
            deps=[vault],
            backupPlanId="claims-daily",
            location="europe-west3",
            backupVault=vault_path,
            resourceType="compute.googleapis.com/Instance",
            backupRules=[
                {
                    "ruleId": "daily",
                    "backupRetentionDays": 30,
                    "standardSchedule": {
                        "recurrenceType": "DAILY",
                        "timeZone": "Europe/Berlin",
                        "hourlyFrequency": 24,
                        "backupWindow": {"startHourOfDay": 0, "endHourOfDay": 6},
                    },
                }
            ],
            known={"id": plan_path, "name": plan_path},
        )
        put(
            s,
            "gcp:backupdisasterrecovery/backupPlanAssociation:BackupPlanAssociation",
            "claims-ocr-protection",
            gcp(s),
            deps=[vm, plan],
            backupPlanAssociationId="claims-ocr",
            location="europe-west3",
            resource=vm_path,
            resourceType="compute.googleapis.com/Instance",
            backupPlan=plan_path,
        )
        put(
            s,
            "gcp:backupdisasterrecovery/restoreWorkload:RestoreWorkload",
            "claims-ocr-restore",
            gcp(s),
            deps=[vault],
            location="europe-west3",
            backupVaultId="claims-vault",
            dataSourceId="ds-claims-ocr-7f3a",
            backupId="bk-20260114-020000",
            name="claims-ocr-restored",
            computeInstanceTargetEnvironment={"project": PROJECT, "zone": zone},
            computeInstanceRestoreProperties={"name": "claims-ocr-restored", "machineType": "e2-standard-4"},
        )

    return build


# Violates: the backup of the GDPR VM is restored as a VM in Iowa.
case("gcp-backupdr-restore-iowa", GCP_COPIES, "DENY", GCP_DOC["backupdr-vault"])(backupdr_restore("us-central1-a"))
# Complies: it is restored in the Netherlands.
case("gcp-backupdr-restore-netherlands", GCP_COPIES, cite=GCP_DOC["backupdr-vault"])(backupdr_restore("europe-west4-a"))


# ============================================================================ Azure: copies
AZ_DOC = {
    "citus-replicas": "https://learn.microsoft.com/en-us/azure/cosmos-db/postgresql/concepts-read-replicas",
    "citus-backup": "https://learn.microsoft.com/en-us/azure/cosmos-db/postgresql/concepts-backup",
    "citus-pulumi": "https://www.pulumi.com/registry/packages/azure-native/api-docs/dbforpostgresql/servergroupcluster/",
    "pairs": "https://learn.microsoft.com/en-us/azure/reliability/cross-region-replication-azure",
    "dt-history": "https://learn.microsoft.com/en-us/azure/digital-twins/concepts-data-history",
    "dt-history-pulumi": "https://www.pulumi.com/registry/packages/azure-native/api-docs/digitaltwins/timeseriesdatabaseconnection/",
    "pg-migration": "https://learn.microsoft.com/en-us/azure/postgresql/migrate/migration-service/overview-migration-service-postgresql",
    "pg-migration-pulumi": "https://www.pulumi.com/registry/packages/azure-native/api-docs/dbforpostgresql/migration/",
    "asr-a2a": "https://learn.microsoft.com/en-us/azure/site-recovery/azure-to-azure-architecture",
    "asr-pulumi": "https://www.pulumi.com/registry/packages/azure-native/api-docs/recoveryservices/replicationprotecteditem/",
}
CITUS_ID = f"{RG}/Microsoft.DBforPostgreSQL/serverGroupsv2/claims-citus"


def citus(s: Stack, name: str, location: str, tags: dict[str, str] | None, known: bool = True, **extra: Any) -> str:
    inputs: dict[str, Any] = {} if tags is None else {"tags": tags}
    return put(
        s,
        "azure-native:dbforpostgresql:ServerGroupCluster",
        name,
        azure(s, location),
        resourceGroupName="ledger",
        clusterName=name,
        location=location,
        administratorLoginPassword=secret("Citus-4b8e1f2a!"),
        postgresqlVersion="16",
        citusVersion="12.1",
        coordinatorServerEdition="GeneralPurpose",
        coordinatorVCores=4,
        coordinatorStorageQuotaInMb=524288,
        nodeCount=2,
        nodeServerEdition="MemoryOptimized",
        nodeVCores=4,
        nodeStorageQuotaInMb=524288,
        known={"id": f"{RG}/Microsoft.DBforPostgreSQL/serverGroupsv2/{name}"} if known else None,
        **inputs,
        **extra,
    )


def citus_replica(location: str, source_location: Any = "westeurope", new_primary: bool = False) -> Build:
    """The GDPR claims analytics cluster (Azure Cosmos DB for PostgreSQL, West Europe) with a read replica: a
    cluster of this stack (untagged) created from it in ``location``, which asynchronously receives every
    change. ``new_primary``: the primary is created in this update, so its ID is unknown and followed through
    the replica's property dependency."""

    def build(s: Stack) -> None:
        primary = citus(s, "claims-citus", "westeurope", GDPR, known=not new_primary)
        urn = put(
            s,
            "azure-native:dbforpostgresql:ServerGroupCluster",
            "claims-citus-replica",
            azure(s, location),
            deps=[primary],
            resourceGroupName="ledger",
            clusterName="claims-citus-replica",
            location=location,
            sourceResourceId=UNKNOWN if new_primary else CITUS_ID,
            sourceLocation=source_location,
        )
        if new_primary:
            depends(s, urn, sourceResourceId=[primary])

    return build


# Violates: the read replica of the GDPR cluster is in East US.
case("az-citus-read-replica-eastus", AZURE_COPIES, "DENY", AZ_DOC["citus-replicas"])(citus_replica("eastus"))
# Complies: the replica is in North Europe.
case("az-citus-read-replica-northeurope", AZURE_COPIES, cite=AZ_DOC["citus-replicas"])(citus_replica("northeurope"))


def citus_geo_backup(geo: bool) -> Build:
    """An Ireland-only (custom regime ie) cluster in North Europe; with geo-redundant backup its backups are
    also stored in the paired region, West Europe (the Netherlands)."""

    def build(s: Stack) -> None:
        citus(s, "meters-citus", "northeurope", IE_TAG, enableGeoBackup=geo)

    return build


# Violates: geo-redundant backup copies the Irish cluster's backups to the Netherlands.
case("az-citus-geo-backup-ireland", AZURE_COPIES, "DENY", AZ_DOC["citus-backup"], config=IE_REGIME)(
    citus_geo_backup(True)
)
# Complies: without geo-redundant backup the backups stay in North Europe's zones.
case("az-citus-local-backup-ireland", AZURE_COPIES, cite=AZ_DOC["citus-backup"], config=IE_REGIME)(
    citus_geo_backup(False)
)

TWINS_ID = f"{RG}/Microsoft.DigitalTwins/digitalTwinsInstances/ledger-twins"
EH_NS_ID = f"{RG}/Microsoft.EventHub/namespaces/ledger-twins-eh"


def twins_history(adx_location: str, properties: Any = None, eventhub_uri: Any = None) -> Build:
    """The GDPR Azure Digital Twins instance of the insured buildings (occupants, access events; West Europe)
    with a data history connection: every twin property change is historized, through an event hub in West
    Europe, into an Azure Data Explorer cluster of this stack (untagged) in ``adx_location``."""

    def build(s: Stack) -> None:
        twins = put(
            s,
            "azure-native:digitaltwins:DigitalTwin",
            "ledger-twins",
            azure(s),
            resourceGroupName="ledger",
            resourceName="ledger-twins",
            location="westeurope",
            identity={"type": "SystemAssigned"},
            publicNetworkAccess="Disabled",
            tags=GDPR,
            known={"id": TWINS_ID, "hostName": "ledger-twins.api.weu.digitaltwins.azure.net"},
        )
        # The namespace exists: its state holds the computed endpoint the connection's URI names.
        ns = put(
            s,
            "azure-native:eventhub:Namespace",
            "ledger-twins-eh",
            azure(s),
            resourceGroupName="ledger",
            namespaceName="ledger-twins-eh",
            location="westeurope",
            sku={"name": "Standard", "tier": "Standard", "capacity": 1},
            known={"id": EH_NS_ID, "serviceBusEndpoint": "https://ledger-twins-eh.servicebus.windows.net:443/"},
        )
        hub = put(
            s,
            "azure-native:eventhub:EventHub",
            "twin-history",
            azure(s),
            deps=[ns],
            resourceGroupName="ledger",
            namespaceName="ledger-twins-eh",
            eventHubName="twin-history",
            partitionCount=4,
            known={"id": f"{EH_NS_ID}/eventhubs/twin-history"},
        )
        adx_id = f"{RG}/Microsoft.Kusto/clusters/ledgerhistory"
        adx = put(
            s,
            "azure-native:kusto:Cluster",
            "ledgerhistory",
            azure(s, adx_location),
            resourceGroupName="ledger",
            clusterName="ledgerhistory",
            location=adx_location,
            sku={"name": "Standard_E2ads_v5", "tier": "Standard", "capacity": 2},
            enableDiskEncryption=True,
            known={"id": adx_id, "uri": f"https://ledgerhistory.{adx_location}.kusto.windows.net"},
        )
        urn = put(
            s,
            "azure-native:digitaltwins:TimeSeriesDatabaseConnection",
            "twins-history",
            azure(s),
            deps=[twins, hub, adx],
            resourceGroupName="ledger",
            resourceName="ledger-twins",
            timeSeriesDatabaseConnectionName="history",
            properties={
                "connectionType": "AzureDataExplorer",
                "adxResourceId": adx_id,
                "adxEndpointUri": f"https://ledgerhistory.{adx_location}.kusto.windows.net",
                "adxDatabaseName": "twinhistory",
                "adxTableName": "property_updates",
                "eventHubNamespaceResourceId": EH_NS_ID,
                "eventHubEndpointUri": "sb://ledger-twins-eh.servicebus.windows.net/"
                if eventhub_uri is None
                else eventhub_uri,
                "eventHubEntityPath": "twin-history",
                "identity": {"type": "SystemAssigned"},
            }
            if properties is None
            else properties,
        )
        if eventhub_uri is not None:
            depends(s, urn, properties=[hub, adx])

    return build


# Violates: the twins' history is stored in a Data Explorer cluster in East US.
case("az-digital-twins-history-adx-eastus", AZURE_COPIES, "DENY", AZ_DOC["dt-history"])(twins_history("eastus"))
# Complies: the Data Explorer cluster is in North Europe.
case("az-digital-twins-history-adx-northeurope", AZURE_COPIES, cite=AZ_DOC["dt-history"])(twins_history("northeurope"))

CLAIMS_VM_ID = f"{RG}/Microsoft.Compute/virtualMachines/claims-vm"
CACHE_ID = f"{RG}/Microsoft.Storage/storageAccounts/ledgerasrcache"


def claims_vm(s: Stack) -> str:
    """The GDPR claims VM in West Europe (PostgreSQL on its data disk)."""
    return az(
        s,
        "azure-native:compute:VirtualMachine",
        "claims-vm",
        "westeurope",
        GDPR,
        "Microsoft.Compute/virtualMachines/claims-vm",
        vmName="claims-vm",
        hardwareProfile={"vmSize": "Standard_D4s_v5"},
        storageProfile={
            "imageReference": {
                "publisher": "Canonical",
                "offer": "ubuntu-24_04-lts",
                "sku": "server",
                "version": "latest",
            },
            "osDisk": {"createOption": "FromImage", "managedDisk": {"storageAccountType": "Premium_LRS"}},
            "dataDisks": [
                {
                    "lun": 0,
                    "createOption": "Attach",
                    "managedDisk": {"id": f"{RG}/Microsoft.Compute/disks/claims-vm-data"},
                }
            ],
        },
        networkProfile={
            "networkInterfaces": [{"id": f"{RG}/Microsoft.Network/networkInterfaces/claims-vm-nic", "primary": True}]
        },
    )


def pg_migration(target_location: str) -> Build:
    """The Azure Database for PostgreSQL migration service moves the claims database from the GDPR VM (source
    type AzureVM) into a flexible server of this stack (untagged) in ``target_location``: the migration is a
    child of the target server and copies every row."""

    def build(s: Stack) -> None:
        vm = claims_vm(s)
        target = put(
            s,
            "azure-native:dbforpostgresql:Server",
            "claims-pg",
            azure(s, target_location),
            resourceGroupName="ledger",
            serverName="claims-pg",
            location=target_location,
            version="16",
            sku={"name": "Standard_D2ds_v5", "tier": "GeneralPurpose"},
            storage={"storageSizeGB": 128},
            backup={"backupRetentionDays": 14, "geoRedundantBackup": "Disabled"},
            administratorLogin="pgadmin",
            administratorLoginPassword=secret("Pg-7d2a9c4e!"),
            known={"id": f"{RG}/Microsoft.DBforPostgreSQL/flexibleServers/claims-pg"},
        )
        put(
            s,
            "azure-native:dbforpostgresql:Migration",
            "claims-migration",
            azure(s, target_location),
            deps=[vm, target],
            resourceGroupName="ledger",
            serverName="claims-pg",
            migrationName="from-claims-vm",
            location=target_location,
            sourceType="AzureVM",
            sourceDbServerResourceId=CLAIMS_VM_ID,
            sourceDbServerFullyQualifiedDomainName="10.1.0.4",
            dbsToMigrate=["claims"],
            migrationMode="Offline",
            migrationOption="ValidateAndMigrate",
            sslMode="VerifyFull",
            secretParameters={
                "adminCredentials": {
                    "sourceServerPassword": secret("Src-3f8b1d6a!"),
                    "targetServerPassword": secret("Pg-7d2a9c4e!"),
                },
                "sourceServerUsername": "migrator",
                "targetServerUsername": "pgadmin",
            },
        )

    return build


# Violates: the claims database is migrated into a flexible server in West US 2.
case("az-pg-migration-target-westus2", AZURE_COPIES, "DENY", AZ_DOC["pg-migration"])(pg_migration("westus2"))
# Complies: the target server is in Sweden Central.
case("az-pg-migration-target-swedencentral", AZURE_COPIES, cite=AZ_DOC["pg-migration-pulumi"])(
    pg_migration("swedencentral")
)


def site_recovery(target: str, recovery_rg: Any = None) -> Build:
    """Azure Site Recovery replicates the GDPR claims VM (West Europe) to ``target`` (Azure-to-Azure): the
    Recovery Services vault is in the target region, the recovery fabric is there, and the replica disks are
    created in a recovery resource group of this stack there; the cache storage account is in the source
    region."""

    def build(s: Stack) -> None:
        vm = claims_vm(s)
        cache = az(
            s,
            "azure-native:storage:StorageAccount",
            "ledgerasrcache",
            "westeurope",
            None,
            "Microsoft.Storage/storageAccounts/ledgerasrcache",
            accountName="ledgerasrcache",
            kind="StorageV2",
            sku={"name": "Standard_LRS"},
            minimumTlsVersion="TLS1_2",
            allowBlobPublicAccess=False,
        )
        rg_name = f"ledger-dr-{target}"
        rg = resource_group(s, target, name=rg_name)
        vault_name = f"ledger-asr-{target}"
        vault_id = f"{RG}/Microsoft.RecoveryServices/vaults/{vault_name}"
        vault = az(
            s,
            "azure-native:recoveryservices:Vault",
            vault_name,
            target,
            None,
            f"Microsoft.RecoveryServices/vaults/{vault_name}",
            vaultName=vault_name,
            sku={"name": "RS0", "tier": "Standard"},
            properties={"publicNetworkAccess": "Disabled"},
        )
        fabrics = []
        for where in ("westeurope", target):
            fabrics.append(
                put(
                    s,
                    "azure-native:recoveryservices:ReplicationFabric",
                    f"fabric-{where}",
                    azure(s, target),
                    deps=[vault],
                    resourceGroupName="ledger",
                    resourceName=vault_name,
                    fabricName=f"asr-a2a-{where}",
                    properties={"customDetails": {"instanceType": "Azure", "location": where}},
                    known={"id": f"{vault_id}/replicationFabrics/asr-a2a-{where}"},
                )
            )
        rg_id = f"/subscriptions/{SUB}/resourceGroups/{rg_name}"
        put(
            s,
            "azure-native:recoveryservices:ReplicationProtectedItem",
            "claims-vm-replication",
            azure(s, target),
            deps=[vm, cache, rg, vault, *fabrics],
            resourceGroupName="ledger",
            resourceName=vault_name,
            fabricName="asr-a2a-westeurope",
            protectionContainerName="asr-a2a-westeurope-container",
            replicatedProtectedItemName="claims-vm",
            properties={
                "policyId": f"{vault_id}/replicationPolicies/24-hour-retention",
                "providerSpecificDetails": {
                    "instanceType": "A2A",
                    "fabricObjectId": CLAIMS_VM_ID,
                    "recoveryContainerId": f"{vault_id}/replicationFabrics/asr-a2a-{target}"
                    f"/replicationProtectionContainers/asr-a2a-{target}-container",
                    "recoveryResourceGroupId": rg_id if recovery_rg is None else recovery_rg,
                    "recoveryAzureNetworkId": f"{rg_id}/providers/Microsoft.Network/virtualNetworks/ledger-dr-vnet",
                    "vmManagedDisks": [
                        {
                            "diskId": f"{RG}/Microsoft.Compute/disks/claims-vm-data",
                            "primaryStagingAzureStorageAccountId": CACHE_ID,
                            "recoveryResourceGroupId": rg_id,
                        }
                    ],
                },
            },
        )

    return build


# Violates: the GDPR VM is replicated for disaster recovery to East US 2.
case("az-site-recovery-a2a-eastus2", AZURE_COPIES, "DENY", AZ_DOC["asr-a2a"])(site_recovery("eastus2"))
# Complies: it is replicated to North Europe.
case("az-site-recovery-a2a-northeurope", AZURE_COPIES, cite=AZ_DOC["asr-a2a"])(site_recovery("northeurope"))


# ============================================================================ outside destinations
OUT_DOC = {
    "oam": "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch-Unified-Cross-Account.html",
    "oam-pulumi": "https://www.pulumi.com/registry/packages/aws/api-docs/oam/link/",
    "ami-public": "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-intro.html",
    "ami-accounts": "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-explicit.html",
    "mail-relay": "https://docs.aws.amazon.com/sesmailmanager/latest/APIReference/API_RelayAction.html",
    "mail-rules": "https://docs.aws.amazon.com/sesmailmanager/latest/APIReference/API_S3Action.html",
    "analytics-hub": "https://cloud.google.com/bigquery/docs/analytics-hub-introduction",
    "analytics-hub-listing": "https://cloud.google.com/bigquery/docs/analytics-hub-manage-listings",
    "mi-link": "https://learn.microsoft.com/en-us/azure/azure-sql/managed-instance/managed-instance-link-feature-overview",
    "mi-link-pulumi": "https://www.pulumi.com/registry/packages/azure-native/api-docs/sql/distributedavailabilitygroup/",
    "databox-export": "https://learn.microsoft.com/en-us/azure/databox/data-box-deploy-export-ordered",
    "databox-import": "https://learn.microsoft.com/en-us/azure/databox/data-box-deploy-ordered",
}
PARTNER_SINK = f"arn:aws:oam:eu-west-1:{PARTNER_ACCOUNT}:sink/7c1e4b2a-9f3d-4a6e-8b5c-2d1f0e9a8b7c"
OWN_SINK = f"arn:aws:oam:eu-west-1:{OWN_ACCOUNT}:sink/3a9d2c1b-7e4f-4b8a-9c6d-5e2f1a0b9c8d"


def oam_link(sink: Any, own: bool = False) -> Build:
    """A CloudWatch cross-account observability link from the GDPR claims account: the monitoring account that
    owns the sink ``sink`` names can read every log group (claim handlers' logs name customers) and metric of
    this account. ``own``: the stack has its own sink, in the observability account a provider of the stack
    names."""

    def build(s: Stack) -> None:
        deps = []
        if own:
            deps.append(
                put(
                    s,
                    "aws:oam/sink:Sink",
                    "central-sink",
                    own_account_provider(s),
                    name="ledger-central",
                    tags=NONE,
                    known={"arn": OWN_SINK, "id": OWN_SINK, "sinkId": "3a9d2c1b-7e4f-4b8a-9c6d-5e2f1a0b9c8d"},
                )
            )
        put(
            s,
            "aws:oam/link:Link",
            "claims-link",
            aws(s),
            deps=deps,
            labelTemplate="$AccountName",
            resourceTypes=["AWS::Logs::LogGroup", "AWS::CloudWatch::Metric"],
            sinkIdentifier=sink,
            tags=GDPR,
        )

    return build


# Violates: the account's logs are shared with a partner's monitoring account (its sink), outside the stack.
case("out-oam-link-partner-sink", OUTSIDE, "DENY", OUT_DOC["oam"])(oam_link(PARTNER_SINK))
# Complies: the sink is the stack's own, in Ireland, in an account the stack's provider names.
case("out-oam-link-own-sink", OUTSIDE, cite=OUT_DOC["oam-pulumi"])(oam_link(OWN_SINK, own=True))

CLAIMS_AMI = "ami-0d4c3b2a1f0e9d8c7"


def ami_share(**permission: Any) -> Build:
    """An AMI of the GDPR claims OCR server (its EBS snapshot holds scanned claims) and a launch permission on
    it."""

    def build(s: Stack) -> None:
        if permission.get("accountId") == OWN_ACCOUNT:
            own_account_provider(s, "dr-account")
        ami = put(
            s,
            "aws:ec2/ami:Ami",
            "claims-ocr-ami",
            aws(s),
            name="claims-ocr-2026-01",
            virtualizationType="hvm",
            rootDeviceName="/dev/xvda",
            ebsBlockDevices=[{"deviceName": "/dev/xvda", "snapshotId": "snap-0b1c2d3e4f5a6b7c8", "volumeSize": 100}],
            tags=GDPR,
            known={"id": CLAIMS_AMI, "arn": f"arn:aws:ec2:eu-west-1::image/{CLAIMS_AMI}"},
        )
        put(
            s,
            "aws:ec2/amiLaunchPermission:AmiLaunchPermission",
            "claims-ocr-ami-share",
            aws(s),
            deps=[ami],
            imageId=CLAIMS_AMI,
            **permission,
        )

    return build


# Violates: the GDPR AMI is made public (group "all"): any AWS account can copy it to any Region.
case("out-ami-launch-permission-public", OUTSIDE, "DENY", OUT_DOC["ami-public"])(ami_share(group="all"))
# Complies: it is shared only with our disaster-recovery account, which a provider of the stack names.
case("out-ami-launch-permission-own-account", OUTSIDE, cite=OUT_DOC["ami-accounts"])(ami_share(accountId=OWN_ACCOUNT))


def mail_rules(action: str, relay_target: Any = None) -> Build:
    """The claims inbox's SES Mail Manager rule set (the GDPR stack's: customers' e-mails and attachments):
    every message is either relayed to an SMTP server or written to a bucket of this stack in Ireland."""

    def build(s: Stack) -> None:
        deps = []
        if action == "relay":
            deps.append(
                put(
                    s,
                    "aws:mailmanager/relay:Relay",
                    "partner-relay",
                    aws(s),
                    name="northwind-claims-relay",
                    serverName="smtp.claims-intake.northwind-partners.example",
                    serverPort=587,
                    authentication={
                        "secretArn": f"arn:aws:secretsmanager:eu-west-1:{ACCOUNT}:secret:northwind-smtp-1a2b3c"
                    },
                    known={
                        "id": "rl-4f3e2d1c0b9a",
                        "arn": f"arn:aws:ses:eu-west-1:{ACCOUNT}:mailmanager-relay/rl-4f3e2d1c0b9a",
                    },
                )
            )
            actions = [{"relay": {"relay": "rl-4f3e2d1c0b9a" if relay_target is None else relay_target}}]
        else:
            deps.append(s3_bucket(s, "ledger-claims-mail", "eu-west-1"))
            actions = [
                {
                    "writeToS3": {
                        "s3Bucket": "ledger-claims-mail",
                        "s3Prefix": "inbound/",
                        "roleArn": f"arn:aws:iam::{ACCOUNT}:role/mailmanager-write-s3",
                    }
                }
            ]
        put(
            s,
            "aws:mailmanager/ruleSet:RuleSet",
            "claims-inbox",
            aws(s),
            deps=deps,
            name="claims-inbox",
            rules=[
                {
                    "name": "claims",
                    "conditions": [
                        {
                            "stringExpression": {
                                "evaluate": {"attribute": "RECIPIENT"},
                                "operator": "EQUALS",
                                "values": ["claims@ledger.example"],
                            }
                        }
                    ],
                    "actions": actions,
                }
            ],
        )

    return build


# Violates: the claims e-mails are relayed to a partner's SMTP server, outside the cloud.
case("out-mail-manager-relay-partner-smtp", OUTSIDE, "DENY", OUT_DOC["mail-relay"], config=GDPR_STACK)(
    mail_rules("relay")
)
# Complies: they are written to a bucket of the stack in Ireland.
case("out-mail-manager-write-s3-ireland", OUTSIDE, cite=OUT_DOC["mail-rules"], config=GDPR_STACK)(mail_rules("s3"))


def analytics_hub(labels: dict[str, str], dataset: Any = None) -> Build:
    """A BigQuery dataset (EU multi-region) published through a public Analytics Hub data exchange: any
    Google Cloud user may subscribe, get a linked dataset and query (and, without egress restrictions, copy)
    its tables."""

    def build(s: Stack) -> None:
        ds = bq_dataset(s, "claims_share", "EU", labels)
        exchange = put(
            s,
            "gcp:bigqueryanalyticshub/dataExchange:DataExchange",
            "ledger-exchange",
            gcp(s),
            dataExchangeId="ledger_public",
            location="eu",
            displayName="Ledger public data",
            discoveryType="DISCOVERY_TYPE_PUBLIC",
            known={"id": f"projects/{PROJECT}/locations/eu/dataExchanges/ledger_public"},
        )
        put(
            s,
            "gcp:bigqueryanalyticshub/listing:Listing",
            "claims-listing",
            gcp(s),
            deps=[ds, exchange],
            dataExchangeId="ledger_public",
            listingId="claims",
            location="eu",
            displayName="Claims statistics",
            discoveryType="DISCOVERY_TYPE_PUBLIC",
            bigqueryDataset={"dataset": f"projects/{PROJECT}/datasets/claims_share"} if dataset is None else dataset,
        )

    return build


# Violates: the GDPR dataset is listed publicly: anyone outside the stack may subscribe to it.
case("out-analytics-hub-public-gdpr-dataset", OUTSIDE, "DENY", OUT_DOC["analytics-hub"])(analytics_hub(GDPR))
# Complies: the same public listing of a dataset declared unregulated.
case("out-analytics-hub-public-unregulated-dataset", OUTSIDE, cite=OUT_DOC["analytics-hub-listing"])(
    analytics_hub(NONE)
)


def mi_link(role: str) -> Build:
    """A link between the GDPR SQL Managed Instance (West Europe) and a SQL Server availability group in the
    branch office: a distributed availability group whose partner endpoint is the on-premises server. As
    ``Primary`` the managed instance sends its databases there; as ``Secondary`` it receives them."""

    def build(s: Stack) -> None:
        mi = put(
            s,
            "azure-native:sql:ManagedInstance",
            "ledger-mi",
            azure(s),
            resourceGroupName="ledger",
            managedInstanceName="ledger-mi",
            location="westeurope",
            sku={"name": "GP_Gen5", "tier": "GeneralPurpose"},
            vCores=8,
            storageSizeInGB=256,
            subnetId=f"{RG}/Microsoft.Network/virtualNetworks/ledger-mi-vnet/subnets/mi",
            administratorLogin="ledgeradmin",
            administratorLoginPassword=secret("Mi-7c2f9a41!e3"),
            requestedBackupStorageRedundancy="Zone",
            tags=GDPR,
            known={"id": f"{RG}/Microsoft.Sql/managedInstances/ledger-mi"},
        )
        put(
            s,
            "azure-native:sql:DistributedAvailabilityGroup",
            "branch-link",
            azure(s),
            deps=[mi],
            resourceGroupName="ledger",
            managedInstanceName="ledger-mi",
            distributedAvailabilityGroupName="branch-link",
            instanceAvailabilityGroupName="mi-ag",
            partnerAvailabilityGroupName="branch-ag",
            partnerEndpoint="TCP://sql01.branch.ledger.example:5022",
            instanceLinkRole=role,
            replicationMode="Async",
            seedingMode="Automatic",
            failoverMode="None",
            databases=[{"databaseName": "claims"}],
        )

    return build


# Violates: the managed instance is the link's primary: the claims database is replicated to the branch
# office's SQL Server, outside the cloud.
case("out-mi-link-primary-to-onprem", OUTSIDE, "DENY", OUT_DOC["mi-link"])(mi_link("Primary"))
# Complies: the managed instance is the secondary: data only comes in from the branch office.
case("out-mi-link-secondary-from-onprem", OUTSIDE, cite=OUT_DOC["mi-link-pulumi"])(mi_link("Secondary"))


def databox(transfer: str, account_details: Any = None) -> Build:
    """A Data Box order for the GDPR claims archive storage account (West Europe). ``ExportFromAzure`` copies
    its blobs onto a device shipped to the customer's address (here an e-discovery vendor in New Jersey);
    ``ImportToAzure`` ships a device from there whose data is uploaded into the account."""

    def build(s: Stack) -> None:
        account_id = f"{RG}/Microsoft.Storage/storageAccounts/ledgerclaimsarchive"
        account = az(
            s,
            "azure-native:storage:StorageAccount",
            "ledgerclaimsarchive",
            "westeurope",
            GDPR,
            "Microsoft.Storage/storageAccounts/ledgerclaimsarchive",
            accountName="ledgerclaimsarchive",
            kind="StorageV2",
            sku={"name": "Standard_ZRS"},
            minimumTlsVersion="TLS1_2",
            allowBlobPublicAccess=False,
        )
        details: dict[str, Any] = {
            "jobDetailsType": "DataBox",
            "contactDetails": {
                "contactName": "Records Desk",
                "phone": "+12015550143",
                "emailList": ["records@discovery-vendor.example"],
            },
            "shippingAddress": {
                "streetAddress1": "100 Harborside Dr",
                "city": "Jersey City",
                "stateOrProvince": "NJ",
                "postalCode": "07311",
                "country": "US",
                "companyName": "Discovery Vendor LLC",
                "addressType": "Commercial",
            },
        }
        accounts = account_details or {"dataAccountType": "StorageAccount", "storageAccountId": account_id}
        if transfer == "ExportFromAzure":
            details["dataExportDetails"] = [
                {
                    "accountDetails": accounts,
                    "transferConfiguration": {
                        "transferConfigurationType": "TransferAll",
                        "transferAllDetails": {
                            "include": {"dataAccountType": "StorageAccount", "transferAllBlobs": True}
                        },
                    },
                }
            ]
        else:
            details["dataImportDetails"] = [{"accountDetails": accounts}]
        put(
            s,
            "azure-native:databox:Job",
            "claims-archive-box",
            azure(s),
            deps=[account],
            resourceGroupName="ledger",
            jobName="claims-archive-box",
            location="westeurope",
            sku={"name": "DataBox"},
            transferType=transfer,
            details=details,
        )

    return build


# Violates: the GDPR archive is exported onto a Data Box shipped to the United States.
case("out-databox-export-to-us-address", OUTSIDE, "DENY", OUT_DOC["databox-export"])(databox("ExportFromAzure"))
# Complies: the same order as an import: the device's data goes into the West Europe account, nothing leaves.
case("out-databox-import-into-account", OUTSIDE, cite=OUT_DOC["databox-import"])(databox("ImportToAzure"))


# ============================================================================ unset location defaults
DEF_DOC = {
    "aws-provider-region": "https://www.pulumi.com/registry/packages/aws/installation-configuration/",
    "dax": "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAX.concepts.cluster.html",
    "dax-pulumi": "https://www.pulumi.com/registry/packages/aws/api-docs/dax/cluster/",
    "rekognition": "https://docs.aws.amazon.com/rekognition/latest/dg/collections.html",
    "rekognition-pulumi": "https://www.pulumi.com/registry/packages/aws/api-docs/rekognition/collection/",
    "workmail-regions": "https://docs.aws.amazon.com/general/latest/gr/workmail.html",
    "workmail-pulumi": "https://www.pulumi.com/registry/packages/aws/api-docs/workmail/organization/",
    "dt-pulumi": "https://www.pulumi.com/registry/packages/azure-native/api-docs/digitaltwins/digitaltwin/",
}


def dax(provider_region: str) -> Build:
    """A GDPR DynamoDB Accelerator cluster (it caches the claims table's items) with no Region of its own."""

    def build(s: Stack) -> None:
        put(
            s,
            "aws:dax/cluster:Cluster",
            "claims-dax",
            aws(s, provider_region),
            clusterName="claims-dax",
            iamRoleArn=f"arn:aws:iam::{ACCOUNT}:role/dax-claims",
            nodeType="dax.r5.large",
            replicationFactor=3,
            serverSideEncryption={"enabled": True},
            clusterEndpointEncryptionType="TLS",
            subnetGroupName="claims-dax",
            tags=GDPR,
        )

    return build


# Violates: the cache takes the provider's Region, N. Virginia.
case("def-dax-provider-virginia", DEFAULTS, "DENY", DEF_DOC["aws-provider-region"])(dax("us-east-1"))
# Complies: the provider is in Ireland.
case("def-dax-provider-ireland", DEFAULTS, cite=DEF_DOC["dax-pulumi"])(dax("eu-west-1"))


def face_collection(provider_region: str) -> Build:
    """A GDPR Rekognition collection of claimants' face vectors (identity checks), with no Region of its own."""

    def build(s: Stack) -> None:
        put(
            s,
            "aws:rekognition/collection:Collection",
            "claimant-faces",
            aws(s, provider_region),
            collectionId="claimant-faces",
            tags=GDPR,
        )

    return build


# Violates: the face collection is created in the provider's Region, Oregon.
case("def-rekognition-collection-provider-oregon", DEFAULTS, "DENY", DEF_DOC["rekognition"])(
    face_collection("us-west-2")
)
# Complies: the provider is in Ireland.
case("def-rekognition-collection-provider-ireland", DEFAULTS, cite=DEF_DOC["rekognition-pulumi"])(
    face_collection("eu-west-1")
)


def workmail(provider_region: str) -> Build:
    """A GDPR WorkMail organization (the claims team's mailboxes) with no Region of its own; WorkMail runs in
    N. Virginia, Oregon and Ireland."""

    def build(s: Stack) -> None:
        put(
            s,
            "aws:workmail/organization:Organization",
            "claims-mail",
            aws(s, provider_region),
            organizationAlias="ledger-claims",
            deleteDirectory=True,
            tags=GDPR,
        )

    return build


# Violates: the mailboxes are created in the provider's Region, N. Virginia.
case("def-workmail-provider-virginia", DEFAULTS, "DENY", DEF_DOC["workmail-regions"])(workmail("us-east-1"))
# Complies: the provider is in Ireland.
case("def-workmail-provider-ireland", DEFAULTS, cite=DEF_DOC["workmail-pulumi"])(workmail("eu-west-1"))

# Violates: the job trigger's parent names no location, so Sensitive Data Protection processes the scanned
# claims in the global location ("Projects scope, no location specified (defaults to global)").
case("def-dlp-trigger-parent-global", DEFAULTS, "DENY", GCP_DOC["dlp-parent"], config=GDPR_STACK)(
    dlp_trigger(parent=f"projects/{PROJECT}", template=f"projects/{PROJECT}/inspectTemplates/claims-pii")
)
# Complies: the parent names Frankfurt.
case("def-dlp-trigger-parent-frankfurt", DEFAULTS, cite=GCP_DOC["dlp-location"], config=GDPR_STACK)(dlp_trigger())


def twins_without_location(rg_location: str, provider_location: str) -> Build:
    """A GDPR Azure Digital Twins instance without a location in an untagged resource group: it takes its
    resource group's location, not the provider's."""

    def build(s: Stack) -> None:
        rg = resource_group(s, rg_location)
        put(
            s,
            "azure-native:digitaltwins:DigitalTwin",
            "ledger-twins",
            azure(s, provider_location),
            deps=[rg],
            resourceGroupName="ledger",
            resourceName="ledger-twins",
            identity={"type": "SystemAssigned"},
            publicNetworkAccess="Disabled",
            tags=GDPR,
        )

    return build


# Violates: the resource group is in East US (the provider's West Europe does not decide).
case("def-digital-twins-rg-eastus", DEFAULTS, "DENY", DEF_DOC["dt-pulumi"])(
    twins_without_location("eastus", "westeurope")
)
# Complies: the resource group is in France Central, although the provider is in East US.
case("def-digital-twins-rg-francecentral", DEFAULTS, cite=DEF_DOC["dt-pulumi"])(
    twins_without_location("francecentral", "eastus")
)


# ============================================================================ Kubernetes operators
OP_DOC = {
    "ack-region": "https://aws-controllers-k8s.github.io/community/docs/user-docs/multi-region-resource-management/",
    "ack-docdb": "https://aws-controllers-k8s.github.io/community/reference/documentdb/v1alpha1/dbcluster/",
    "xp-flexible": "https://marketplace.upbound.io/providers/upbound/provider-azure-dbforpostgresql/latest/resources/dbforpostgresql.azure.upbound.io/FlexibleServer/v1beta1",
    "kcc-instance": "https://cloud.google.com/config-connector/docs/reference/resource-docs/compute/computeinstance",
    "aso-workspace": "https://azure.github.io/azure-service-operator/reference/operationalinsights/v1api20210601/",
}


def ack_docdb(region: Any) -> Obj:
    return custom_resource(
        "documentdb.services.k8s.aws/v1alpha1",
        "DBCluster",
        "acme-profiles",
        "acme",
        {
            "dbClusterIdentifier": "acme-profiles",
            "engine": "docdb",
            "masterUsername": "acmeadmin",
            "masterUserPassword": {"namespace": "acme", "name": "acme-docdb", "key": "password"},
            "storageEncrypted": True,
            "backupRetentionPeriod": 7,
        },
        annotations={"services.k8s.aws/region": region},
    )


# Violates: the GDPR tenant's ACK DocumentDB cluster (its customer profiles) is created in N. Virginia.
case("op-ack-documentdb-us", OPERATORS, "DENY", OP_DOC["ack-region"])(on_tenant(ack_docdb("us-east-1")))
# Complies: it is created in Ireland.
case("op-ack-documentdb-ie", OPERATORS, cite=OP_DOC["ack-docdb"])(on_tenant(ack_docdb("eu-west-1")))


def xp_flexible_server(location: Any) -> Obj:
    return custom_resource(
        "dbforpostgresql.azure.upbound.io/v1beta1",
        "FlexibleServer",
        "acme-orders-pg",
        None,
        {
            "forProvider": {
                "location": location,
                "resourceGroupName": "acme-rg",
                "version": "16",
                "skuName": "GP_Standard_D2ds_v5",
                "storageMb": 65536,
                "administratorLogin": "acmeadmin",
                "administratorPasswordSecretRef": {
                    "namespace": "crossplane-system",
                    "name": "acme-orders-pg",
                    "key": "password",
                },
            },
            **XP_REF,
        },
        labels={**GDPR, "fleet-tenant": "acme"},
    )


# Violates: a cluster-scoped Crossplane PostgreSQL flexible server labelled GDPR is created in East US.
case("op-crossplane-pg-flexible-eastus", OPERATORS, "DENY", OP_DOC["xp-flexible"])(
    on_tenant(xp_flexible_server("eastus"), cloud="azure-native")
)
# Complies: it is created in Germany West Central.
case("op-crossplane-pg-flexible-germanywestcentral", OPERATORS, cite=OP_DOC["xp-flexible"])(
    on_tenant(xp_flexible_server("germanywestcentral"), cloud="azure-native")
)


def kcc_instance(zone: Any) -> Obj:
    return custom_resource(
        "compute.cnrm.cloud.google.com/v1beta1",
        "ComputeInstance",
        "acme-worker",
        "acme",
        {
            "zone": zone,
            "machineType": "e2-standard-4",
            "bootDisk": {"initializeParams": {"sourceImageRef": {"external": "debian-cloud/debian-12"}}},
            "networkInterface": [{"networkRef": {"name": "acme-network"}}],
        },
        annotations={"cnrm.cloud.google.com/project-id": "acme-prod"},
    )


# Violates: the tenant's Config Connector VM (its disk holds the tenant's batch inputs) is in Iowa.
case("op-kcc-compute-instance-iowa", OPERATORS, "DENY", OP_DOC["kcc-instance"])(
    on_tenant(kcc_instance("us-central1-a"), cloud="gcp")
)
# Complies: it is in the Netherlands.
case("op-kcc-compute-instance-netherlands", OPERATORS, cite=OP_DOC["kcc-instance"])(
    on_tenant(kcc_instance("europe-west4-b"), cloud="gcp")
)


def aso_workspace(location: Any) -> Obj:
    return custom_resource(
        "operationalinsights.azure.com/v1api20210601",
        "Workspace",
        "acme-logs",
        "acme",
        {"location": location, "owner": {"name": "acme-rg"}, "sku": {"name": "PerGB2018"}, "retentionInDays": 90},
    )


# Violates: the tenant's ASO Log Analytics workspace (its application logs) is in East US.
case("op-aso-log-analytics-eastus", OPERATORS, "DENY", OP_DOC["aso-workspace"])(
    on_tenant(aso_workspace("eastus"), cloud="azure-native")
)
# Complies: it is in Sweden Central.
case("op-aso-log-analytics-swedencentral", OPERATORS, cite=OP_DOC["aso-workspace"])(
    on_tenant(aso_workspace("swedencentral"), cloud="azure-native")
)


# ============================================================================ cloud guardrails
GRD_DOC = {
    "scp-region": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html#example-scp-deny-region",
    "gcp-groups": "https://cloud.google.com/resource-manager/docs/organization-policy/defining-locations#value_groups",
    "az-allowed": "https://learn.microsoft.com/en-us/azure/governance/policy/samples/built-in-policies#general",
    "az-regions": "https://learn.microsoft.com/en-us/azure/reliability/regions-list",
}

# Complies: an EU cluster in Frankfurt whose account's SCP allows Frankfurt, Ireland and Spain (all EU).
case("grd-aws-eu-cluster-scp-eu-regions", GUARDRAILS, cite=GRD_DOC["scp-region"])(
    regime_guarded(EU, "eu-central-1", "DE", ["eu-central-1", "eu-west-1", "eu-south-2"])
)
# Violates: the SCP also allows London; the United Kingdom is not in the EU.
case("grd-aws-eu-cluster-scp-plus-london", GUARDRAILS, "DENY", GRD_DOC["scp-region"])(
    regime_guarded(EU, "eu-central-1", "DE", ["eu-central-1", "eu-west-1", "eu-west-2"])
)
# Complies: a cluster of the custom regime fra (exactly the AWS region eu-central-1) whose SCP allows only it.
case("grd-aws-custom-region-regime-frankfurt", GUARDRAILS, cite=GRD_DOC["scp-region"], config=FRA_REGIME)(
    regime_guarded(FRA, "eu-central-1", "DE", ["eu-central-1"])
)
# Violates: the SCP also allows Paris, a region the fra regime does not list.
case("grd-aws-custom-region-regime-plus-paris", GUARDRAILS, "DENY", GRD_DOC["scp-region"], config=FRA_REGIME)(
    regime_guarded(FRA, "eu-central-1", "DE", ["eu-central-1", "eu-west-3"])
)
# Complies: a cluster in Zurich of the custom regime gdpr-zrh (gdpr extended with aws:eu-central-2) whose SCP
# allows the EEA regions and Zurich.
case("grd-aws-custom-extends-gdpr-plus-zurich", GUARDRAILS, cite=GRD_DOC["scp-region"], config=GDPR_ZRH_REGIME)(
    regime_guarded(GDPR_ZRH, "eu-central-2", "CH", [*GDPR_AWS, "eu-central-2"])
)
# Complies: an EU cluster in West Europe whose subscription allows West Europe and France Central.
case("grd-azure-eu-cluster-eu-regions", GUARDRAILS, cite=GRD_DOC["az-allowed"])(
    aks_regime(EU, "westeurope", "NL", ["westeurope", "francecentral"])
)
# Violates: the subscription also allows Norway East; Norway is in the EEA but not in the EU.
case("grd-azure-eu-cluster-plus-norway", GUARDRAILS, "DENY", GRD_DOC["az-regions"])(
    aks_regime(EU, "westeurope", "NL", ["westeurope", "norwayeast"])
)
# Complies: a UK cluster in UK South whose subscription allows UK South and UK West.
case("grd-azure-uk-cluster-uk-regions", GUARDRAILS, cite=GRD_DOC["az-allowed"])(
    aks_regime(UK, "uksouth", "GB", ["uksouth", "ukwest"])
)
# Violates: the UK cluster's subscription also allows North Europe (Ireland).
case("grd-azure-uk-cluster-plus-northeurope", GUARDRAILS, "DENY", GRD_DOC["az-allowed"])(
    aks_regime(UK, "uksouth", "GB", ["uksouth", "northeurope"])
)
# Complies: a Swiss GKE cluster in Zurich whose project allows the Zurich value group only.
case("grd-gcp-ch-cluster-zurich-group", GUARDRAILS, cite=GRD_DOC["gcp-groups"])(
    gke_regime(CH, "europe-west6", "CH", ["in:europe-west6-locations"])
)
# Violates: the project also allows the Frankfurt value group.
case("grd-gcp-ch-cluster-plus-frankfurt-group", GUARDRAILS, "DENY", GRD_DOC["gcp-groups"])(
    gke_regime(CH, "europe-west6", "CH", ["in:europe-west6-locations", "in:europe-west3-locations"])
)


# ============================================================================ unknown at preview
PRE_DOC = {"unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/"}
NEW_SUBNETS = [UNKNOWN, UNKNOWN]

# Violates: the directory is replicated to N. Virginia; only the replica's subnets (created in this update)
# are unknown.
case("pre-directory-replica-us-subnets-unknown", PREVIEW, "DENY", AWS_DOC["ds-multi-region"])(
    directory_replica("us-east-1", subnets=NEW_SUBNETS)
)
# Complies: it is replicated to Frankfurt; only the subnets are unknown.
case("pre-directory-replica-de-subnets-unknown", PREVIEW, cite=AWS_DOC["ds-pulumi"])(
    directory_replica("eu-central-1", subnets=NEW_SUBNETS)
)
# Violates: the security lake rolls up into N. Virginia; only the meta-store manager role is unknown.
case("pre-security-lake-rollup-us-role-unknown", PREVIEW, "DENY", AWS_DOC["seclake-rollup"])(
    security_lake(["us-east-1"], role=UNKNOWN)
)
# Complies: it rolls up into Frankfurt; only the role is unknown.
case("pre-security-lake-rollup-de-role-unknown", PREVIEW, cite=AWS_DOC["seclake-pulumi"])(
    security_lake(["eu-central-1"], role=UNKNOWN)
)
# Violates: the findings go to the US dataset; only the inspect template (created in this update) is unknown.
case("pre-dlp-findings-us-template-unknown", PREVIEW, "DENY", GCP_DOC["dlp-save"])(dlp_trigger("US", template=UNKNOWN))
# Complies: the findings go to the EU dataset; only the template is unknown.
case("pre-dlp-findings-eu-template-unknown", PREVIEW, cite=GCP_DOC["dlp-pulumi"])(dlp_trigger("EU", template=UNKNOWN))
# Violates: the copy's bucket name is unknown, but it comes from a bucket this update creates in N. Virginia
# (the engine's property dependencies name it).
case("pre-s3-object-copy-new-bucket-virginia", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    object_copy(None, new_dest="us-east-1")
)
# Complies: the unknown bucket comes from a new bucket in Stockholm.
case("pre-s3-object-copy-new-bucket-stockholm", PREVIEW, cite=PRE_DOC["unknowns"])(
    object_copy(None, new_dest="eu-north-1")
)
# Violates: the replica's source ID is unknown (the GDPR primary is created in this update), but the property
# dependency names the primary; the replica is in East US.
case("pre-citus-replica-new-primary-eastus", PREVIEW, "DENY", AZ_DOC["citus-replicas"])(
    citus_replica("eastus", new_primary=True)
)
# Complies: the same, with the replica in North Europe.
case("pre-citus-replica-new-primary-northeurope", PREVIEW, cite=AZ_DOC["citus-replicas"])(
    citus_replica("northeurope", new_primary=True)
)
# Violates: the twins' history goes to a Data Explorer cluster in East US; only the event hub's endpoint URI
# is unknown.
case("pre-digital-twins-history-eastus-eventhub-unknown", PREVIEW, "DENY", AZ_DOC["dt-history"])(
    twins_history("eastus", eventhub_uri=UNKNOWN)
)
# Complies: the cluster is in North Europe; only the event hub's URI is unknown.
case("pre-digital-twins-history-northeurope-eventhub-unknown", PREVIEW, cite=AZ_DOC["dt-history-pulumi"])(
    twins_history("northeurope", eventhub_uri=UNKNOWN)
)
# Defers: the copy's source object is unknown and comes from nothing in the stack, so whether the copy holds
# GDPR data waits for the update (FLEET-PRE-001 lists it, advisory).
case("pre-s3-object-copy-source-unknown", PREVIEW, cite=PRE_DOC["unknowns"])(object_copy("us-east-1", source=UNKNOWN))
# Defers: the findings table's dataset is unknown and comes from nothing in the stack.
case("pre-dlp-findings-dataset-unknown", PREVIEW, cite=PRE_DOC["unknowns"])(
    dlp_trigger(None, table={"projectId": PROJECT, "datasetId": UNKNOWN, "tableId": "claims"})
)


# ============================================================================ malformed
BAD_DOC = {
    "seclake": AWS_DOC["seclake-pulumi"],
    "ds": AWS_DOC["ds-pulumi"],
    "s3-copy": AWS_DOC["s3-copy-pulumi"],
    "oam": OUT_DOC["oam-pulumi"],
    "dlp": GCP_DOC["dlp-pulumi"],
    "dms": GCP_DOC["dms-profile-pulumi"],
    "kafka": GCP_DOC["kafka-pulumi"],
    "backupdr": GCP_DOC["backupdr-restore-pulumi"],
    "kcc-instance": OP_DOC["kcc-instance"],
    "citus": AZ_DOC["citus-pulumi"],
    "dt": AZ_DOC["dt-history-pulumi"],
    "asr": AZ_DOC["asr-pulumi"],
    "aso-workspace": OP_DOC["aso-workspace"],
}
RG_NE = f"/subscriptions/{SUB}/resourceGroups/ledger-dr-northeurope"

# Each violates: a value of another shape than the SDK's, at a property that decides where the data goes,
# which the provider refuses: the pack cannot evaluate it (RULES.md, FLEET-RES-001, FLEET-PRV-002). Read
# leniently, each would be compliant.
case("bad-security-lake-region-two-item-list", MALFORMED, "DENY", BAD_DOC["seclake"])(
    security_lake(["eu-central-1"], region=["eu-west-1", "eu-central-1"])
)
case("bad-security-lake-replication-string", MALFORMED, "DENY", BAD_DOC["seclake"])(
    security_lake(
        configuration={
            "region": "eu-west-1",
            "encryptionConfigurations": [{"kmsKeyId": "S3_MANAGED_KEY"}],
            "replicationConfiguration": "eu-central-1",
        }
    )
)
case("bad-directory-replica-region-object", MALFORMED, "DENY", BAD_DOC["ds"])(
    directory_replica({"regionName": "eu-central-1"})
)
case("bad-s3-object-copy-source-object", MALFORMED, "DENY", BAD_DOC["s3-copy"])(
    object_copy("eu-north-1", source={"bucket": "ledger-claims", "key": "exports/claims-2025.parquet"})
)
case("bad-oam-link-sink-two-item-list", MALFORMED, "DENY", BAD_DOC["oam"])(oam_link([OWN_SINK, OWN_SINK], own=True))
case("bad-dlp-findings-table-string", MALFORMED, "DENY", BAD_DOC["dlp"])(
    dlp_trigger("EU", table=f"{PROJECT}.dlp_findings.claims")
)
case("bad-dms-destination-zone-object", MALFORMED, "DENY", BAD_DOC["dms"])(
    dms_migration("europe-west1", zone={"zone": "europe-west1-b"})
)
case("bad-kafka-connector-configs-list", MALFORMED, "DENY", BAD_DOC["kafka"])(
    kafka_mirror(
        "europe-west1",
        configs=[
            "connector.class=org.apache.kafka.connect.mirror.MirrorSourceConnector",
            f"source.cluster.bootstrap.servers={kafka_bootstrap('claims', 'europe-west3')}",
            f"target.cluster.bootstrap.servers={kafka_bootstrap('claims-dr', 'europe-west1')}",
        ],
    )
)
case("bad-backupdr-restore-zone-two-item-list", MALFORMED, "DENY", BAD_DOC["backupdr"])(
    backupdr_restore(["europe-west4-a", "europe-west4-b"])
)
case("bad-kcc-compute-instance-zone-list", MALFORMED, "DENY", BAD_DOC["kcc-instance"])(
    on_tenant(kcc_instance(["europe-west4-b"]), cloud="gcp")
)
case("bad-citus-replica-source-location-list", MALFORMED, "DENY", BAD_DOC["citus"])(
    citus_replica("northeurope", source_location=["westeurope"])
)
case("bad-digital-twins-history-properties-string", MALFORMED, "DENY", BAD_DOC["dt"])(
    twins_history("northeurope", properties="https://ledgerhistory.northeurope.kusto.windows.net/twinhistory")
)
case("bad-site-recovery-recovery-rg-object", MALFORMED, "DENY", BAD_DOC["asr"])(
    site_recovery("northeurope", recovery_rg={"id": RG_NE})
)
case("bad-aso-log-analytics-location-object", MALFORMED, "DENY", BAD_DOC["aso-workspace"])(
    on_tenant(aso_workspace({"name": "swedencentral"}), cloud="azure-native")
)
