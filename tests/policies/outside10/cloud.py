"""Cloud residency cases of the tenth outside corpus, written from cloud-provider documentation and the
pack's user-facing contract (docs/RULES.md, docs/SPEC.md, docs/REVIEW.md, README.md) by a helper session
that had not read the pack's rules, its residency survey, its configs or its tests. It must never be used
to tune the pack (see README.md beside it).

Cases are built with the ``Case``/``Stack`` API of ``tests/policies/corpus.py`` and the helpers of the
earlier outside corpora. A case asks only whether a correct pack denies it: ``expect="DENY"`` (some
mandatory violation) or nothing (compliant: no mandatory violation at all). Each cites the page its outcome
rests on; a comment above it says why it violates or complies. None repeats a service or resource type of
the nine earlier corpora: these are S3 Tables bucket- and table-level replication, Incident Manager
replication sets, Bedrock knowledge bases and their vector stores, EBS snapshot sharing, Lightsail
databases; Cloud Logging folder and organization sinks, Healthcare API DICOM streaming, VMs created from
machine images or from templates on the provider's zone, Looker (Google Cloud core) scheduled exports, Backup
for GKE backup channels, Eventarc Advanced pipelines, Memorystore for Memcached; Azure Machine Learning
registries, SQL Managed Instance failover groups and geo-restores, SQL Data Sync, Container Registry export
pipelines, IoT Hub Device Provisioning Service data residency, Confidential Ledger; ACK MemoryDB clusters,
Config Connector Redis instances, Crossplane Event Hubs namespaces, ASO key vaults; and location guardrails
for the us, ca and ch regimes.

``UNKNOWN`` stands for a value the engine only learns at the update.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.policies.corpus import GDPR, IE, NONE, UNKNOWN, Stack, secret
from tests.policies.outside.corpus import (
    ACCOUNT,
    PROJECT,
    RG,
    _find,
    aks_guarded,
    aws,
    azure,
    custom_resource,
    default_sink,
    gcp,
    gke_guarded,
    put,
)
from tests.policies.outside2.corpus import on_tenant
from tests.policies.outside4.cloud import retouch
from tests.policies.outside5.cloud import XP_REF
from tests.policies.outside9.cloud import regime_guarded, resource_group
from tests.policies.outside10.common import case

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
IE_REGIME = {"regimes": IE}
CH = {"fleet-residency": "ch"}
UK = {"fleet-residency": "uk"}
US = {"fleet-residency": "us"}
CA = {"fleet-residency": "ca"}
IE_TAG = {"fleet-residency": "ie"}
PARTNER_ACCOUNT = "444455556666"  # another company's AWS account, outside this stack
TENANT_ID = "5b1e7c2a-9d3f-4e8b-a6c4-2f0d1e9b7a53"


def _relabel(built: Build, residency: str) -> Build:
    """The same stack with the tenant namespace acme labelled with another regime."""

    def build(s: Stack) -> None:
        built(s)
        ns = _find(s, s.urn("kubernetes:core/v1:Namespace", "acme-ns"))
        meta = ns.inputs["metadata"]
        ns.inputs = {**ns.inputs, "metadata": {**meta, "labels": {**meta["labels"], "fleet-residency": residency}}}

    return build


# ============================================================================ AWS: copies
AWS_DOC = {
    "s3tables-replication": "https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-tables-replication-tables.html",
    "s3tables-how": "https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-tables-replication-how-replication-works.html",
    "s3tables-setup": "https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-tables-replication-setting-up.html",
    "s3tables-table-pulumi": "https://www.pulumi.com/registry/packages/aws/api-docs/s3tables/tablereplication/",
    "s3tables-bucket-pulumi": "https://www.pulumi.com/registry/packages/aws/api-docs/s3tables/tablebucketreplication/",
    "incident-replication": "https://docs.aws.amazon.com/incident-manager/latest/APIReference/API_CreateReplicationSet.html",
    "incident-pulumi": "https://www.pulumi.com/registry/packages/aws/api-docs/ssmincidents/replicationset/",
    "kb-vector-store": "https://docs.aws.amazon.com/bedrock/latest/userguide/knowledge-base-setup.html",
    "kb-pulumi": "https://www.pulumi.com/registry/packages/aws/api-docs/bedrock/agentknowledgebase/",
    "snapshot-share": "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-modifying-snapshot-permissions.html",
    "lightsail-regions": "https://docs.aws.amazon.com/lightsail/latest/userguide/understanding-regions-and-availability-zones-in-amazon-lightsail.html",
    "lightsail-pulumi": "https://www.pulumi.com/registry/packages/aws/api-docs/lightsail/database/",
}
TABLES_ROLE = f"arn:aws:iam::{ACCOUNT}:role/s3tables-replication"


def table_bucket_arn(region: str, name: str, account: str = ACCOUNT) -> str:
    return f"arn:aws:s3tables:{region}:{account}:bucket/{name}"


def table_bucket(s: Stack, name: str, region: str, tags: dict[str, str] | None, known: bool = True) -> str:
    inputs: dict[str, Any] = {"name": name}
    if tags is not None:
        inputs["tags"] = tags
    return put(
        s,
        "aws:s3tables/tableBucket:TableBucket",
        name,
        aws(s, region),
        known={"arn": table_bucket_arn(region, name)} if known else None,
        **inputs,
    )


def tables_replication(
    dest: Any = None,
    *,
    stack_dest: tuple[str, dict[str, str] | None] | None = None,
    new_dest: str | None = None,
    rule: Any = None,
    role: Any = TABLES_ROLE,
) -> Build:
    """The GDPR table bucket of the claims lakehouse (Ireland) replicates every table in it to a destination
    table bucket named by ARN: ``dest`` (an ARN, outside the stack unless it names a stack bucket), or
    ``stack_dest`` (region, tags) a table bucket of this stack that exists, or ``new_dest`` (region) one created
    in this update (its ARN unknown, followed through the property's dependency)."""

    def build(s: Stack) -> None:
        source = table_bucket(s, "claims-lake", "eu-west-1", GDPR)
        deps = [source]
        destination = dest
        if stack_dest is not None:
            region, tags = stack_dest
            deps.append(table_bucket(s, "claims-lake-replica", region, tags))
            destination = table_bucket_arn(region, "claims-lake-replica")
        new_urn = None
        if new_dest is not None:
            new_urn = table_bucket(s, "claims-lake-replica", new_dest, None, known=False)
            deps.append(new_urn)
            destination = UNKNOWN
        urn = put(
            s,
            "aws:s3tables/tableBucketReplication:TableBucketReplication",
            "claims-lake-replication",
            aws(s),
            deps=deps,
            tableBucketArn=table_bucket_arn("eu-west-1", "claims-lake"),
            role=role,
            rule={"destinations": [{"destinationTableBucketArn": destination}]} if rule is None else rule,
        )
        if new_urn is not None:
            _find(s, urn).property_dependencies = {"rule": [new_urn]}

    return build


# Violates: the GDPR lakehouse's tables are replicated to a table bucket in N. Virginia (the ARN carries the
# Region; the bucket is not in the stack).
case("aws-s3tables-bucket-replication-us", AWS_COPIES, "DENY", AWS_DOC["s3tables-replication"])(
    tables_replication(table_bucket_arn("us-east-1", "claims-lake-dr"))
)
# Complies: the replicas go to a table bucket in Frankfurt.
case("aws-s3tables-bucket-replication-de", AWS_COPIES, cite=AWS_DOC["s3tables-replication"])(
    tables_replication(table_bucket_arn("eu-central-1", "claims-lake-dr"))
)
# Violates: the destination is a table bucket of this stack in Oregon, tagged unregulated; the replica tables
# are copies of the GDPR source whatever the destination's own tags say.
case("aws-s3tables-replica-bucket-none-oregon", AWS_COPIES, "DENY", AWS_DOC["s3tables-how"])(
    tables_replication(stack_dest=("us-west-2", NONE))
)
# Complies: the same unregulated-tagged destination bucket, in Stockholm.
case("aws-s3tables-replica-bucket-none-stockholm", AWS_COPIES, cite=AWS_DOC["s3tables-how"])(
    tables_replication(stack_dest=("eu-north-1", NONE))
)


def table_replication(dest_region: str) -> Build:
    """A UK table (positions, in a UK-tagged table bucket in London) replicated on its own (table-level
    replication) to a destination table bucket named by ARN."""

    def build(s: Stack) -> None:
        bucket = table_bucket(s, "wealth-lake", "eu-west-2", UK)
        bucket_arn = table_bucket_arn("eu-west-2", "wealth-lake")
        ns = put(
            s,
            "aws:s3tables/namespace:Namespace",
            "wealth-ns",
            aws(s, "eu-west-2"),
            deps=[bucket],
            namespace="ledger",
            tableBucketArn=bucket_arn,
        )
        table_arn = f"{bucket_arn}/table/7d2f9a61-3c4b-4e8a-9f10-2b6c5d4e3a21"
        table = put(
            s,
            "aws:s3tables/table:Table",
            "positions",
            aws(s, "eu-west-2"),
            deps=[ns],
            name="positions",
            namespace="ledger",
            tableBucketArn=bucket_arn,
            format="ICEBERG",
            tags=UK,
            known={"arn": table_arn},
        )
        put(
            s,
            "aws:s3tables/tableReplication:TableReplication",
            "positions-replication",
            aws(s, "eu-west-2"),
            deps=[table],
            tableArn=table_arn,
            role=TABLES_ROLE,
            rule={"destinations": [{"destinationTableBucketArn": table_bucket_arn(dest_region, "wealth-lake-dr")}]},
        )

    return build


# Violates: the UK table is replicated to Ireland, outside the UK.
case("aws-s3tables-uk-table-replication-ireland", AWS_COPIES, "DENY", AWS_DOC["s3tables-table-pulumi"])(
    table_replication("eu-west-1")
)
# Complies: it is replicated to another table bucket in London (replication within one Region is allowed).
case("aws-s3tables-uk-table-replication-london", AWS_COPIES, cite=AWS_DOC["s3tables-replication"])(
    table_replication("eu-west-2")
)


def incident_set(
    regions: Any, tags: dict[str, str] = GDPR, provider: str = "eu-west-1", kms: Any = None, raw: bool = False
) -> Build:
    """The Incident Manager replication set (incidents, their timelines and notes, which name the customers an
    incident touched): Incident Manager replicates its data to every Region of the set."""

    def build(s: Stack) -> None:
        value = regions
        if not raw:
            value = [{"name": r} if kms is None else {"name": r, "kmsKeyArn": kms} for r in regions]
        put(
            s,
            "aws:ssmincidents/replicationSet:ReplicationSet",
            "incidents",
            aws(s, provider),
            regions=value,
            tags=tags,
        )

    return build


# Violates: the GDPR replication set holds Ireland and N. Virginia.
case("aws-incident-replication-set-us", AWS_COPIES, "DENY", AWS_DOC["incident-replication"])(
    incident_set(["eu-west-1", "us-east-1"])
)
# Complies: Ireland and Frankfurt.
case("aws-incident-replication-set-de", AWS_COPIES, cite=AWS_DOC["incident-replication"])(
    incident_set(["eu-west-1", "eu-central-1"])
)
# Violates: a UK replication set (London) that also replicates to Ireland.
case("aws-incident-replication-set-uk-ireland", AWS_COPIES, "DENY", AWS_DOC["incident-pulumi"])(
    incident_set(["eu-west-2", "eu-west-1"], tags=UK, provider="eu-west-2")
)
# Complies: the UK replication set holds London only.
case("aws-incident-replication-set-uk-only", AWS_COPIES, cite=AWS_DOC["incident-pulumi"])(
    incident_set(["eu-west-2"], tags=UK, provider="eu-west-2")
)


# ============================================================================ GCP: copies
GCP_DOC = {
    "aggregated-sinks": "https://cloud.google.com/logging/docs/export/aggregated_sinks",
    "sink-destinations": "https://cloud.google.com/logging/docs/routing/overview",
    "pubsub-storage": "https://cloud.google.com/pubsub/docs/resource-location-restriction",
    "dicom-bq": "https://cloud.google.com/healthcare-api/docs/how-tos/dicom-bigquery-streaming",
    "dicom-pulumi": "https://www.pulumi.com/registry/packages/gcp/api-docs/healthcare/dicomstore/",
    "machine-image": "https://cloud.google.com/compute/docs/instances/create-vm-from-machine-image",
    "machine-images": "https://cloud.google.com/compute/docs/machine-images",
    "looker-export": "https://cloud.google.com/looker/docs/looker-core-scheduled-export",
    "looker-pulumi": "https://www.pulumi.com/registry/packages/gcp/api-docs/looker/instance/",
}


def gcs_bucket(s: Stack, name: str, location: str) -> str:
    return put(
        s,
        "gcp:storage/bucket:Bucket",
        name,
        gcp(s),
        name=name,
        location=location,
        uniformBucketLevelAccess=True,
        known={"id": name, "url": f"gs://{name}", "selfLink": f"https://www.googleapis.com/storage/v1/b/{name}"},
    )


def folder_sink(bucket_location: str, destination: Any = None, folder: Any = "folders/314159265358") -> Build:
    """An aggregated sink on the folder that holds the ledger's projects (includeChildren): it routes the
    audit logs of every project under it to a Cloud Storage bucket of this stack."""

    def build(s: Stack) -> None:
        bucket = gcs_bucket(s, "ledger-org-audit", bucket_location)
        put(
            s,
            "gcp:logging/folderSink:FolderSink",
            "audit-sink",
            gcp(s),
            deps=[bucket],
            name="ledger-audit",
            folder=folder,
            includeChildren=True,
            destination="storage.googleapis.com/ledger-org-audit" if destination is None else destination,
            filter='logName:"cloudaudit.googleapis.com"',
        )

    return build


# Violates: the folder's audit logs (every project of the GDPR stack's folder) go to a bucket in the US
# multi-region.
case("gcp-folder-sink-bucket-us", GCP_COPIES, "DENY", GCP_DOC["aggregated-sinks"], config=GDPR_STACK)(folder_sink("US"))
# Complies: the bucket is in Belgium.
case("gcp-folder-sink-bucket-be", GCP_COPIES, cite=GCP_DOC["aggregated-sinks"], config=GDPR_STACK)(
    folder_sink("EUROPE-WEST1")
)


def org_sink(persistence: Any) -> Build:
    """An organization sink (includeChildren) that routes every project's logs to a Pub/Sub topic of this stack
    (the SIEM's intake); the topic keeps its messages where its message storage policy allows."""

    def build(s: Stack) -> None:
        policy = {"allowedPersistenceRegions": [persistence]} if isinstance(persistence, str) else persistence
        topic = put(
            s,
            "gcp:pubsub/topic:Topic",
            "org-logs",
            gcp(s),
            name="org-logs",
            project=PROJECT,
            messageStoragePolicy=policy,
            known={"id": f"projects/{PROJECT}/topics/org-logs", "name": "org-logs"},
        )
        put(
            s,
            "gcp:logging/organizationSink:OrganizationSink",
            "org-sink",
            gcp(s),
            deps=[topic],
            name="org-to-siem",
            orgId="123456789012",
            includeChildren=True,
            destination=f"pubsub.googleapis.com/projects/{PROJECT}/topics/org-logs",
            filter="severity>=INFO",
        )

    return build


# Violates: the organization's logs land in a topic whose messages are stored in Iowa only.
case("gcp-org-sink-topic-iowa", GCP_COPIES, "DENY", GCP_DOC["pubsub-storage"], config=GDPR_STACK)(
    org_sink("us-central1")
)
# Complies: the topic stores its messages in Belgium only.
case("gcp-org-sink-topic-belgium", GCP_COPIES, cite=GCP_DOC["pubsub-storage"], config=GDPR_STACK)(
    org_sink("europe-west1")
)


def dicom_stream(dataset_location: str | None, stream: Any = None) -> Build:
    """A GDPR DICOM store (a Healthcare API dataset in the Netherlands) that streams the metadata of every
    stored study (patient names, birth dates, accession numbers) to a BigQuery table of this stack."""

    def build(s: Stack) -> None:
        hc = put(
            s,
            "gcp:healthcare/dataset:Dataset",
            "imaging",
            gcp(s, "europe-west4"),
            name="imaging",
            location="europe-west4",
            known={"id": f"projects/{PROJECT}/locations/europe-west4/datasets/imaging"},
        )
        deps = [hc]
        if dataset_location is not None:
            deps.append(
                put(
                    s,
                    "gcp:bigquery/dataset:Dataset",
                    "dicom-meta",
                    gcp(s),
                    project=PROJECT,
                    datasetId="dicom_metadata",
                    location=dataset_location,
                    known={"id": f"projects/{PROJECT}/datasets/dicom_metadata"},
                )
            )
        put(
            s,
            "gcp:healthcare/dicomStore:DicomStore",
            "studies",
            gcp(s, "europe-west4"),
            deps=deps,
            name="studies",
            dataset=f"projects/{PROJECT}/locations/europe-west4/datasets/imaging",
            labels=GDPR,
            streamConfigs=[{"bigqueryDestination": {"tableUri": f"bq://{PROJECT}.dicom_metadata.instances"}}]
            if stream is None
            else stream,
        )

    return build


# Violates: the study metadata is streamed to a dataset in the US multi-region.
case("gcp-dicom-stream-bq-us", GCP_COPIES, "DENY", GCP_DOC["dicom-bq"])(dicom_stream("US"))
# Complies: the dataset is in the EU multi-region.
case("gcp-dicom-stream-bq-eu", GCP_COPIES, cite=GCP_DOC["dicom-bq"])(dicom_stream("EU"))


def vm_from_image(zone: str) -> Build:
    """A GDPR VM in Frankfurt (the claims OCR worker, its disks hold scanned claims), a machine image of it,
    and a VM created from that image in the given zone: the new VM's disks are restored from the image."""

    def build(s: Stack) -> None:
        vm_id = f"projects/{PROJECT}/zones/europe-west3-a/instances/claims-ocr"
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
            known={"id": vm_id, "selfLink": f"https://www.googleapis.com/compute/v1/{vm_id}"},
        )
        image_id = f"projects/{PROJECT}/global/machineImages/claims-ocr-image"
        image = put(
            s,
            "gcp:compute/machineImage:MachineImage",
            "claims-ocr-image",
            gcp(s),
            deps=[vm],
            name="claims-ocr-image",
            sourceInstance=vm_id,
            known={"id": image_id, "selfLink": f"https://www.googleapis.com/compute/v1/{image_id}"},
        )
        put(
            s,
            "gcp:compute/instanceFromMachineImage:InstanceFromMachineImage",
            "claims-ocr-clone",
            gcp(s, zone.rsplit("-", 1)[0]),
            deps=[image],
            name="claims-ocr-clone",
            zone=zone,
            sourceMachineImage=image_id,
        )

    return build


# Violates: the clone of the GDPR VM (untagged, a copy of its disks) runs in Iowa.
case("gcp-vm-from-machine-image-iowa", GCP_COPIES, "DENY", GCP_DOC["machine-image"])(vm_from_image("us-central1-a"))
# Complies: the clone runs in the Netherlands.
case("gcp-vm-from-machine-image-nl", GCP_COPIES, cite=GCP_DOC["machine-image"])(vm_from_image("europe-west4-a"))


def looker_export(bucket_location: str, gcs_uri: Any = "gs://ledger-looker-exports/daily") -> Build:
    """A Looker (Google Cloud core) instance in Frankfurt with a scheduled export: every 24 hours all its data,
    configurations and content are exported to a Cloud Storage bucket of this stack."""

    def build(s: Stack) -> None:
        bucket = gcs_bucket(s, "ledger-looker-exports", bucket_location)
        put(
            s,
            "gcp:looker/instance:Instance",
            "ledger-bi",
            gcp(s),
            deps=[bucket],
            name="ledger-bi",
            region="europe-west3",
            platformEdition="LOOKER_CORE_ENTERPRISE_ANNUAL",
            oauthConfig={
                "clientId": "301947586321-ledgerbi.apps.googleusercontent.com",
                "clientSecret": secret("GOCSPX-4f9a2c1e7b3d"),
            },
            periodicExportConfig={
                "gcsUri": gcs_uri,
                "kmsKey": f"projects/{PROJECT}/locations/europe-west3/keyRings/bi/cryptoKeys/export",
                "startTime": {"hours": 2, "minutes": 0},
            },
        )

    return build


# Violates: the daily export of the GDPR stack's Looker instance goes to a bucket in the US multi-region.
case("gcp-looker-scheduled-export-us", GCP_COPIES, "DENY", GCP_DOC["looker-export"], config=GDPR_STACK)(
    looker_export("US")
)
# Complies: the export bucket is in Frankfurt.
case("gcp-looker-scheduled-export-de", GCP_COPIES, cite=GCP_DOC["looker-export"], config=GDPR_STACK)(
    looker_export("EUROPE-WEST3")
)


# ============================================================================ Azure: copies
AZ_DOC = {
    "ml-registry": "https://learn.microsoft.com/en-us/azure/machine-learning/how-to-manage-registries",
    "ml-registry-pulumi": "https://www.pulumi.com/registry/packages/azure-native/api-docs/machinelearningservices/registry/",
    "mi-fog": "https://learn.microsoft.com/en-us/azure/azure-sql/managed-instance/failover-group-sql-mi",
    "mi-fog-pulumi": "https://www.pulumi.com/registry/packages/azure-native/api-docs/sql/instancefailovergroup/",
    "mi-geo-restore": "https://learn.microsoft.com/en-us/azure/azure-sql/managed-instance/recovery-using-backups#geo-restore",
    "mi-db-pulumi": "https://www.pulumi.com/registry/packages/azure-native/api-docs/sql/manageddatabase/",
    "data-sync": "https://learn.microsoft.com/en-us/azure/azure-sql/database/sql-data-sync-data-sql-server-sql-database",
    "acr-transfer": "https://learn.microsoft.com/en-us/azure/container-registry/container-registry-transfer-prerequisites",
    "acr-export-pulumi": "https://www.pulumi.com/registry/packages/azure-native/api-docs/containerregistry/exportpipeline/",
}


def ml_registry(second: Any, regions: Any = None) -> Build:
    """A GDPR Azure Machine Learning registry (models trained on customer data, and data assets) in West
    Europe, replicated to a second region: a registry keeps its assets in every region it lists."""

    def region(where: Any) -> dict[str, Any]:
        return {
            "location": where,
            "storageAccountDetails": [
                {
                    "systemCreatedStorageAccount": {
                        "storageAccountType": "Standard_LRS",
                        "storageAccountHnsEnabled": False,
                    }
                }
            ],
            "acrDetails": [{"systemCreatedAcrAccount": {"acrAccountSku": "Premium"}}],
        }

    def build(s: Stack) -> None:
        rg = resource_group(s, "westeurope")
        put(
            s,
            "azure-native:machinelearningservices:Registry",
            "ledger-models",
            azure(s),
            deps=[rg],
            resourceGroupName="ledger",
            registryName="ledger-models",
            location="westeurope",
            identity={"type": "SystemAssigned"},
            sku={"name": "Basic", "tier": "Basic"},
            publicNetworkAccess="Disabled",
            regionDetails=[region("westeurope"), region(second)] if regions is None else regions,
            tags=GDPR,
        )

    return build


# Violates: the GDPR registry also lives in East US.
case("az-ml-registry-region-eastus", AZURE_COPIES, "DENY", AZ_DOC["ml-registry"])(ml_registry("eastus"))
# Complies: its second region is Sweden Central.
case("az-ml-registry-region-swedencentral", AZURE_COPIES, cite=AZ_DOC["ml-registry"])(ml_registry("swedencentral"))


def managed_instance(s: Stack, name: str, location: str, tags: dict[str, str] | None) -> str:
    inputs: dict[str, Any] = {} if tags is None else {"tags": tags}
    return put(
        s,
        "azure-native:sql:ManagedInstance",
        name,
        azure(s, location),
        resourceGroupName="ledger",
        managedInstanceName=name,
        location=location,
        sku={"name": "GP_Gen5", "tier": "GeneralPurpose"},
        vCores=8,
        storageSizeInGB=256,
        subnetId=f"{RG}/Microsoft.Network/virtualNetworks/{name}-vnet/subnets/mi",
        administratorLogin="ledgeradmin",
        administratorLoginPassword=secret("Mi-7c2f9a41!e3"),
        requestedBackupStorageRedundancy="Zone",
        known={"id": f"{RG}/Microsoft.Sql/managedInstances/{name}"},
        **inputs,
    )


def mi_failover_group(partner: str, partner_regions: Any = None) -> Build:
    """A failover group between the GDPR managed instance (West Europe) and a secondary instance of this stack
    (untagged) in the partner region: every database of the group is geo-replicated there."""

    def build(s: Stack) -> None:
        primary = managed_instance(s, "ledger-mi", "westeurope", GDPR)
        secondary = managed_instance(s, "ledger-mi-dr", partner, None)
        put(
            s,
            "azure-native:sql:InstanceFailoverGroup",
            "ledger-fog",
            azure(s),
            deps=[primary, secondary],
            resourceGroupName="ledger",
            locationName="westeurope",
            failoverGroupName="ledger-fog",
            managedInstancePairs=[
                {
                    "primaryManagedInstanceId": f"{RG}/Microsoft.Sql/managedInstances/ledger-mi",
                    "partnerManagedInstanceId": f"{RG}/Microsoft.Sql/managedInstances/ledger-mi-dr",
                }
            ],
            partnerRegions=[{"location": partner}] if partner_regions is None else partner_regions,
            readWriteEndpoint={"failoverPolicy": "Automatic", "failoverWithDataLossGracePeriodMinutes": 60},
            secondaryType="Geo",
        )

    return build


# Violates: the failover group's secondary is in East US.
case("az-mi-failover-group-eastus", AZURE_COPIES, "DENY", AZ_DOC["mi-fog"])(mi_failover_group("eastus"))
# Complies: the secondary is in North Europe.
case("az-mi-failover-group-northeurope", AZURE_COPIES, cite=AZ_DOC["mi-fog"])(mi_failover_group("northeurope"))


def mi_geo_restore(target: str) -> Build:
    """The GDPR managed instance's claims database geo-restored (createMode Recovery, from its geo-replicated
    backup) onto an untagged managed instance of this stack in the target region."""

    def build(s: Stack) -> None:
        source = managed_instance(s, "ledger-mi", "westeurope", GDPR)
        db = put(
            s,
            "azure-native:sql:ManagedDatabase",
            "claims",
            azure(s),
            deps=[source],
            resourceGroupName="ledger",
            managedInstanceName="ledger-mi",
            databaseName="claims",
            location="westeurope",
            known={"id": f"{RG}/Microsoft.Sql/managedInstances/ledger-mi/databases/claims"},
        )
        restore_mi = managed_instance(s, "ledger-mi-restore", target, None)
        put(
            s,
            "azure-native:sql:ManagedDatabase",
            "claims-restored",
            azure(s, target),
            deps=[db, restore_mi],
            resourceGroupName="ledger",
            managedInstanceName="ledger-mi-restore",
            databaseName="claims",
            location=target,
            createMode="Recovery",
            recoverableDatabaseId=f"{RG}/Microsoft.Sql/managedInstances/ledger-mi/recoverableDatabases/claims",
        )

    return build


# Violates: the claims database is geo-restored onto an instance in Central US.
case("az-mi-geo-restore-centralus", AZURE_COPIES, "DENY", AZ_DOC["mi-geo-restore"])(mi_geo_restore("centralus"))
# Complies: it is geo-restored in France Central.
case("az-mi-geo-restore-francecentral", AZURE_COPIES, cite=AZ_DOC["mi-geo-restore"])(mi_geo_restore("francecentral"))


def sql_hub(s: Stack) -> str:
    """The GDPR ledger server and database (West Europe), the hub of a Data Sync group, and its sync metadata
    database."""
    server = put(
        s,
        "azure-native:sql:Server",
        "ledger-sql",
        azure(s),
        resourceGroupName="ledger",
        serverName="ledger-sql",
        location="westeurope",
        version="12.0",
        minimalTlsVersion="1.2",
        tags=GDPR,
        known={"id": f"{RG}/Microsoft.Sql/servers/ledger-sql"},
    )
    dbs = []
    for logical, name in (("ledger-db", "ledger"), ("sync-meta", "syncmeta")):
        dbs.append(
            put(
                s,
                "azure-native:sql:Database",
                logical,
                azure(s),
                deps=[server],
                resourceGroupName="ledger",
                serverName="ledger-sql",
                databaseName=name,
                location="westeurope",
                sku={"name": "GP_Gen5", "tier": "GeneralPurpose", "family": "Gen5", "capacity": 2},
                requestedBackupStorageRedundancy="Zone",
                tags=GDPR,
                known={"id": f"{RG}/Microsoft.Sql/servers/ledger-sql/databases/{name}"},
            )
        )
    return put(
        s,
        "azure-native:sql:SyncGroup",
        "ledger-sync",
        azure(s),
        deps=dbs,
        resourceGroupName="ledger",
        serverName="ledger-sql",
        databaseName="ledger",
        syncGroupName="ledger-sync",
        syncDatabaseId=f"{RG}/Microsoft.Sql/servers/ledger-sql/databases/syncmeta",
        interval=300,
        conflictResolutionPolicy="HubWin",
        hubDatabaseUserName="syncadmin",
        hubDatabasePassword=secret("Sync-3e9b7a2c!"),
        known={"id": f"{RG}/Microsoft.Sql/servers/ledger-sql/databases/ledger/syncGroups/ledger-sync"},
    )


def data_sync(member_location: str | None = None, direction: str = "Bidirectional", password: Any = None) -> Build:
    """SQL Data Sync between the GDPR hub database and a member: an Azure SQL database of this stack (untagged
    server) in ``member_location``, or (None) a SQL Server database in a branch office, through a sync agent."""

    def build(s: Stack) -> None:
        group = sql_hub(s)
        deps = [group]
        if member_location is None:
            agent = put(
                s,
                "azure-native:sql:SyncAgent",
                "branch-agent",
                azure(s),
                resourceGroupName="ledger",
                serverName="ledger-sql",
                syncAgentName="branch-agent",
                syncDatabaseId=f"{RG}/Microsoft.Sql/servers/ledger-sql/databases/syncmeta",
                known={"id": f"{RG}/Microsoft.Sql/servers/ledger-sql/syncAgents/branch-agent"},
            )
            deps.append(agent)
            member: dict[str, Any] = {
                "databaseType": "SqlServerDatabase",
                "syncAgentId": f"{RG}/Microsoft.Sql/servers/ledger-sql/syncAgents/branch-agent",
                "sqlServerDatabaseId": "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
            }
        else:
            server = put(
                s,
                "azure-native:sql:Server",
                "reporting-sql",
                azure(s, member_location),
                resourceGroupName="ledger",
                serverName="reporting-sql",
                location=member_location,
                version="12.0",
                minimalTlsVersion="1.2",
                known={"id": f"{RG}/Microsoft.Sql/servers/reporting-sql"},
            )
            deps.append(
                put(
                    s,
                    "azure-native:sql:Database",
                    "reporting-db",
                    azure(s, member_location),
                    deps=[server],
                    resourceGroupName="ledger",
                    serverName="reporting-sql",
                    databaseName="reporting",
                    location=member_location,
                    sku={"name": "GP_Gen5", "tier": "GeneralPurpose", "family": "Gen5", "capacity": 2},
                    requestedBackupStorageRedundancy="Zone",
                    known={"id": f"{RG}/Microsoft.Sql/servers/reporting-sql/databases/reporting"},
                )
            )
            member = {
                "databaseType": "AzureSqlDatabase",
                "syncMemberAzureDatabaseResourceId": f"{RG}/Microsoft.Sql/servers/reporting-sql/databases/reporting",
            }
        put(
            s,
            "azure-native:sql:SyncMember",
            "ledger-member",
            azure(s),
            deps=deps,
            resourceGroupName="ledger",
            serverName="ledger-sql",
            databaseName="ledger",
            syncGroupName="ledger-sync",
            syncMemberName="reporting",
            syncDirection=direction,
            userName="syncuser",
            password=secret("Member-8d1f4b7e!") if password is None else password,
            **member,
        )

    return build


# Violates: the GDPR hub syncs (both ways) with a member database on a server in East US.
case("az-sql-data-sync-member-eastus", AZURE_COPIES, "DENY", AZ_DOC["data-sync"])(data_sync("eastus"))
# Complies: the member database is on a server in North Europe.
case("az-sql-data-sync-member-northeurope", AZURE_COPIES, cite=AZ_DOC["data-sync"])(data_sync("northeurope"))


def acr_export(account_location: str) -> Build:
    """The GDPR container registry (its images bake in reference data about customers) with an export
    pipeline whose target is a blob container of a storage account of this stack (untagged)."""

    def build(s: Stack) -> None:
        registry = put(
            s,
            "azure-native:containerregistry:Registry",
            "ledgerprod",
            azure(s),
            resourceGroupName="ledger",
            registryName="ledgerprod",
            location="westeurope",
            sku={"name": "Premium"},
            tags=GDPR,
            known={"id": f"{RG}/Microsoft.ContainerRegistry/registries/ledgerprod"},
        )
        account = put(
            s,
            "azure-native:storage:StorageAccount",
            "ledgerxfer",
            azure(s, account_location),
            resourceGroupName="ledger",
            accountName="ledgerxfer",
            location=account_location,
            kind="StorageV2",
            sku={"name": "Standard_LRS"},
            allowBlobPublicAccess=False,
            minimumTlsVersion="TLS1_2",
            known={
                "id": f"{RG}/Microsoft.Storage/storageAccounts/ledgerxfer",
                "primaryEndpoints": {"blob": "https://ledgerxfer.blob.core.windows.net/"},
            },
        )
        put(
            s,
            "azure-native:containerregistry:ExportPipeline",
            "dr-export",
            azure(s),
            deps=[registry, account],
            resourceGroupName="ledger",
            registryName="ledgerprod",
            exportPipelineName="dr-export",
            location="westeurope",
            identity={"type": "SystemAssigned"},
            target={
                "type": "AzureStorageBlobContainer",
                "uri": "https://ledgerxfer.blob.core.windows.net/transfer",
                "keyVaultUri": "https://ledger-kv.vault.azure.net/secrets/acr-export-sas",
            },
            options=["OverwriteBlobs"],
        )

    return build


# Violates: the registry's artifacts are exported to a storage account in West US 2.
case("az-acr-export-pipeline-westus2", AZURE_COPIES, "DENY", AZ_DOC["acr-transfer"])(acr_export("westus2"))
# Complies: the storage account is in North Europe.
case("az-acr-export-pipeline-northeurope", AZURE_COPIES, cite=AZ_DOC["acr-transfer"])(acr_export("northeurope"))


# ============================================================================ outside destinations
OUT_DOC = {
    "kb-pinecone": AWS_DOC["kb-vector-store"],
    "snapshot-share": AWS_DOC["snapshot-share"],
    "data-sync-direction": AZ_DOC["data-sync"],
    "gke-cross-project": "https://cloud.google.com/kubernetes-engine/docs/add-on/backup-for-gke/how-to/cross-project-backups",
    "gke-channel-pulumi": "https://www.pulumi.com/registry/packages/gcp/api-docs/gkebackup/backupchannel/",
    "eventarc-advanced": "https://cloud.google.com/eventarc/advanced/docs/overview",
    "eventarc-pipeline-pulumi": "https://www.pulumi.com/registry/packages/gcp/api-docs/eventarc/pipeline/",
}

KB_COLLECTION_ARN = f"arn:aws:aoss:eu-west-1:{ACCOUNT}:collection/kb0ledger1a2b3c"
PINECONE_SECRET = f"arn:aws:secretsmanager:eu-west-1:{ACCOUNT}:secret:pinecone-api-key-a1b2c3"


def knowledge_base(store: Any) -> Build:
    """A GDPR Bedrock knowledge base (Ireland) over the claims handbook and past claim letters: Bedrock writes
    the chunks' text and embeddings into the vector store of its storage configuration."""

    def build(s: Stack) -> None:
        deps = []
        if store == "pinecone":
            storage: Any = {
                "type": "PINECONE",
                "pineconeConfiguration": {
                    "connectionString": "https://ledger-kb-3f9a2c1.svc.aped-4627-b74a.pinecone.io",
                    "credentialsSecretArn": PINECONE_SECRET,
                    "fieldMapping": {"metadataField": "metadata", "textField": "text"},
                },
            }
        elif store == "aoss":
            deps.append(
                put(
                    s,
                    "aws:opensearch/serverlessCollection:ServerlessCollection",
                    "kb-vectors",
                    aws(s),
                    name="ledger-kb",
                    type="VECTORSEARCH",
                    known={"arn": KB_COLLECTION_ARN, "id": "kb0ledger1a2b3c"},
                )
            )
            storage = {
                "type": "OPENSEARCH_SERVERLESS",
                "opensearchServerlessConfiguration": {
                    "collectionArn": KB_COLLECTION_ARN,
                    "vectorIndexName": "claims-index",
                    "fieldMapping": {"vectorField": "embedding", "textField": "text", "metadataField": "metadata"},
                },
            }
        else:
            storage = store
        put(
            s,
            "aws:bedrock/agentKnowledgeBase:AgentKnowledgeBase",
            "claims-kb",
            aws(s),
            deps=deps,
            name="claims-kb",
            roleArn=f"arn:aws:iam::{ACCOUNT}:role/bedrock-kb-claims",
            knowledgeBaseConfiguration={
                "type": "VECTOR",
                "vectorKnowledgeBaseConfiguration": {
                    "embeddingModelArn": "arn:aws:bedrock:eu-west-1::foundation-model/amazon.titan-embed-text-v2:0"
                },
            },
            storageConfiguration=storage,
            tags=GDPR,
        )

    return build


# Violates: the knowledge base's vectors and text chunks are stored in Pinecone, a SaaS outside the cloud and
# the stack: where it keeps them cannot be shown.
case("out-bedrock-kb-pinecone", OUTSIDE, "DENY", OUT_DOC["kb-pinecone"])(knowledge_base("pinecone"))
# Complies: they are stored in an OpenSearch Serverless collection of this stack in Ireland.
case("out-bedrock-kb-opensearch-serverless-ie", OUTSIDE, cite=AWS_DOC["kb-pulumi"])(knowledge_base("aoss"))


def snapshot_share(volume_tags: dict[str, str]) -> Build:
    """A snapshot of a volume (Ireland) shared with another company's account, which may then create volumes
    from it or copy it to any Region."""

    def build(s: Stack) -> None:
        vol = put(
            s,
            "aws:ebs/volume:Volume",
            "claims-vol",
            aws(s),
            availabilityZone="eu-west-1a",
            size=200,
            type="gp3",
            encrypted=True,
            tags=volume_tags,
            known={"id": "vol-0c1d2e3f4a5b6c7d8"},
        )
        snap = put(
            s,
            "aws:ebs/snapshot:Snapshot",
            "claims-snap",
            aws(s),
            deps=[vol],
            volumeId="vol-0c1d2e3f4a5b6c7d8",
            known={"id": "snap-0a9b8c7d6e5f4a3b2"},
        )
        put(
            s,
            "aws:ec2/snapshotCreateVolumePermission:SnapshotCreateVolumePermission",
            "claims-snap-share",
            aws(s),
            deps=[snap],
            snapshotId="snap-0a9b8c7d6e5f4a3b2",
            accountId=PARTNER_ACCOUNT,
        )

    return build


# Violates: a snapshot of the GDPR claims volume is shared with a partner's account: the partner can copy it
# anywhere, so where the data ends up cannot be shown.
case("out-ebs-snapshot-shared-partner", OUTSIDE, "DENY", OUT_DOC["snapshot-share"])(snapshot_share(GDPR))
# Complies: the same share of a snapshot of a volume declared unregulated (a build cache).
case("out-ebs-snapshot-shared-partner-unregulated", OUTSIDE, cite=OUT_DOC["snapshot-share"])(snapshot_share(NONE))
# Violates: the GDPR hub database syncs both ways with a SQL Server database in a branch office (outside the
# cloud), through a sync agent.
case("out-sql-data-sync-onprem-bidirectional", OUTSIDE, "DENY", OUT_DOC["data-sync-direction"])(data_sync(None))
# Complies: the on-premises member only syncs towards the hub ("To the Hub"): no hub data leaves Azure.
case("out-sql-data-sync-onprem-to-hub", OUTSIDE, cite=OUT_DOC["data-sync-direction"])(
    data_sync(None, direction="OneWayMemberToHub")
)


def backup_channel(location: str) -> Build:
    """A Backup for GKE backup channel of the GDPR stack's project: its clusters' backups (workload data and
    volumes) are created in another project (the DR vault project, outside this stack), in the channel's
    region."""

    def build(s: Stack) -> None:
        put(
            s,
            "gcp:gkebackup/backupChannel:BackupChannel",
            "dr-channel",
            gcp(s),
            name="ledger-dr",
            project=PROJECT,
            location=location,
            destinationProject="projects/482910375561",
            labels=GDPR,
        )

    return build


# Violates: the channel (and the backups it admits) is in Iowa.
case("out-gke-backup-channel-iowa", OUTSIDE, "DENY", OUT_DOC["gke-channel-pulumi"], config=GDPR_STACK)(
    backup_channel("us-central1")
)
# Complies: the backups go to another project, but in Frankfurt: the destination is placed by the channel.
case("out-gke-backup-channel-frankfurt", OUTSIDE, cite=OUT_DOC["gke-cross-project"], config=GDPR_STACK)(
    backup_channel("europe-west3")
)


def eventarc_pipeline(destination: dict[str, Any]) -> Build:
    """An Eventarc Advanced pipeline of the GDPR claims message bus (Frankfurt) that delivers every claim event
    to its destination."""

    def build(s: Stack) -> None:
        put(
            s,
            "gcp:eventarc/pipeline:Pipeline",
            "claims-pipeline",
            gcp(s),
            location="europe-west3",
            pipelineId="claims-out",
            project=PROJECT,
            labels=GDPR,
            destinations=[destination],
        )

    return build


# Violates: the pipeline posts the claim events to a partner's HTTPS endpoint, outside the cloud.
case("out-eventarc-pipeline-partner-http", OUTSIDE, "DENY", OUT_DOC["eventarc-advanced"])(
    eventarc_pipeline(
        {
            "httpEndpoint": {"uri": "https://intake.northwind-claims.example/events"},
            "networkConfig": {
                "networkAttachment": f"projects/{PROJECT}/regions/europe-west3/networkAttachments/eventarc-egress"
            },
        }
    )
)
# Complies: the pipeline starts a workflow in Frankfurt (its path names the region).
case("out-eventarc-pipeline-workflow-de", OUTSIDE, cite=OUT_DOC["eventarc-pipeline-pulumi"])(
    eventarc_pipeline({"workflow": f"projects/{PROJECT}/locations/europe-west3/workflows/claims-intake"})
)


# ============================================================================ unset location defaults
DEF_DOC = {
    "dps-residency": "https://learn.microsoft.com/en-us/azure/iot-dps/about-iot-dps",
    "dps-pulumi": "https://www.pulumi.com/registry/packages/azure-native/api-docs/deviceprovisioningservices/iotdpsresource/",
    "gcp-provider-zone": "https://www.pulumi.com/registry/packages/gcp/installation-configuration/",
    "instance-from-template": "https://www.pulumi.com/registry/packages/gcp/api-docs/compute/instancefromtemplate/",
    "ledger-pulumi": "https://www.pulumi.com/registry/packages/azure-native/api-docs/confidentialledger/ledger/",
    "memcache-pulumi": "https://www.pulumi.com/registry/packages/gcp/api-docs/memcache/instance/",
}


def lightsail_db(provider_region: str) -> Build:
    """A GDPR Lightsail managed database (the claims portal's) with no Region or Availability Zone of its own."""

    def build(s: Stack) -> None:
        put(
            s,
            "aws:lightsail/database:Database",
            "portal-db",
            aws(s, provider_region),
            relationalDatabaseName="claims-portal",
            blueprintId="mysql_8_0",
            bundleId="micro_2_0",
            masterDatabaseName="portal",
            masterUsername="portal",
            masterPassword=secret("Portal-5b8e2d1f!"),
            skipFinalSnapshot=True,
            tags=GDPR,
        )

    return build


# Violates: the database takes the provider's Region, Oregon.
case("def-lightsail-db-provider-oregon", DEFAULTS, "DENY", AWS_DOC["lightsail-pulumi"])(lightsail_db("us-west-2"))
# Complies: the provider is in Paris.
case("def-lightsail-db-provider-paris", DEFAULTS, cite=AWS_DOC["lightsail-regions"])(lightsail_db("eu-west-3"))


def dps(residency: Any = None, properties: Any = None) -> Build:
    """An Ireland-only (custom regime ie) IoT Hub Device Provisioning Service in North Europe (device
    registrations and enrollment records of the smart meters in Irish homes). Unless data residency is
    enabled, DPS replicates its data to the paired region (West Europe, the Netherlands) for disaster
    recovery."""

    def build(s: Stack) -> None:
        rg = resource_group(s, "northeurope")
        props: Any = {"allocationPolicy": "Hashed"}
        if residency is not None:
            props["enableDataResidency"] = residency
        put(
            s,
            "azure-native:deviceprovisioningservices:IotDpsResource",
            "meters-dps",
            azure(s, "northeurope"),
            deps=[rg],
            resourceGroupName="ledger",
            provisioningServiceName="ledger-meters-dps",
            location="northeurope",
            sku={"name": "S1", "capacity": 1},
            properties=props if properties is None else properties,
            tags=IE_TAG,
        )

    return build


# Violates: data residency is not set, so the Irish registrations are replicated to the Netherlands.
case("def-dps-data-residency-unset-ie", DEFAULTS, "DENY", DEF_DOC["dps-residency"], config=IE_REGIME)(dps())
# Complies: enableDataResidency removes the cross-region disaster recovery: the data stays in Ireland.
case("def-dps-data-residency-enabled-ie", DEFAULTS, cite=DEF_DOC["dps-pulumi"], config=IE_REGIME)(dps(True))


def vm_from_template(provider_zone: str, provider_region: str = "europe-west3") -> Build:
    """A GDPR VM created from an instance template, with no zone of its own, on a provider whose region and
    zone are both set: a zonal resource without a zone is created in the provider's zone."""

    def build(s: Stack) -> None:
        prov = s.provider("gcp", "gcp-zonal", project=PROJECT, region=provider_region, zone=provider_zone)
        put(
            s,
            "gcp:compute/instanceFromTemplate:InstanceFromTemplate",
            "claims-batch",
            prov,
            name="claims-batch-1",
            sourceInstanceTemplate=f"projects/{PROJECT}/global/instanceTemplates/claims-batch",
            labels=GDPR,
        )

    return build


# Violates: the provider's region is Frankfurt but its zone is in Iowa, and the VM lands in the zone.
case("def-vm-from-template-provider-zone-iowa", DEFAULTS, "DENY", DEF_DOC["gcp-provider-zone"])(
    vm_from_template("us-central1-a")
)
# Complies: the provider's zone is in Frankfurt.
case("def-vm-from-template-provider-zone-frankfurt", DEFAULTS, cite=DEF_DOC["instance-from-template"])(
    vm_from_template("europe-west3-b")
)


def ledger(rg_location: str, provider_location: str = "westeurope", location: Any = None) -> Build:
    """A GDPR Azure Confidential Ledger (the tamper-proof audit trail of claim decisions) in an untagged
    resource group; without a location of its own it takes its resource group's."""

    def build(s: Stack) -> None:
        rg = resource_group(s, rg_location)
        inputs: dict[str, Any] = {} if location is None else {"location": location}
        put(
            s,
            "azure-native:confidentialledger:Ledger",
            "audit-ledger",
            azure(s, provider_location),
            deps=[rg],
            resourceGroupName="ledger",
            ledgerName="ledger-audit",
            properties={
                "ledgerType": "Private",
                "aadBasedSecurityPrincipals": [
                    {
                        "principalId": "8c4e2a1f-7b3d-4f9e-a5c6-1d2e3f4a5b6c",
                        "tenantId": TENANT_ID,
                        "ledgerRoleName": "Administrator",
                    }
                ],
            },
            tags=GDPR,
            **inputs,
        )

    return build


# Violates: the ledger's resource group is in East US (the provider's West Europe does not decide).
case("def-confidential-ledger-rg-eastus", DEFAULTS, "DENY", DEF_DOC["ledger-pulumi"])(ledger("eastus"))
# Complies: its resource group is in France Central, although the provider is in East US.
case("def-confidential-ledger-rg-francecentral", DEFAULTS, cite=DEF_DOC["ledger-pulumi"])(
    ledger("francecentral", provider_location="eastus")
)


def memcache(provider_region: str) -> Build:
    """A Swiss Memorystore for Memcached instance (the wealth portal's sessions) with no region of its own."""

    def build(s: Stack) -> None:
        put(
            s,
            "gcp:memcache/instance:Instance",
            "wealth-sessions",
            gcp(s, provider_region),
            name="wealth-sessions",
            nodeCount=1,
            nodeConfig={"cpuCount": 1, "memorySizeMb": 1024},
            memcacheVersion="MEMCACHE_1_6_15",
            authorizedNetwork=f"projects/{PROJECT}/global/networks/ledger",
            labels=CH,
        )

    return build


# Violates: the Swiss instance takes the provider's region, Frankfurt.
case("def-memcache-ch-provider-frankfurt", DEFAULTS, "DENY", DEF_DOC["memcache-pulumi"])(memcache("europe-west3"))
# Complies: the provider is in Zurich.
case("def-memcache-ch-provider-zurich", DEFAULTS, cite=DEF_DOC["memcache-pulumi"])(memcache("europe-west6"))


# ============================================================================ Kubernetes operators
OP_DOC = {
    "ack-region": "https://aws-controllers-k8s.github.io/community/docs/user-docs/multi-region-resource-management/",
    "ack-memorydb": "https://aws-controllers-k8s.github.io/community/reference/memorydb/v1alpha1/cluster/",
    "kcc-redis": "https://cloud.google.com/config-connector/docs/reference/resource-docs/redis/redisinstance",
    "xp-eventhub": "https://marketplace.upbound.io/providers/upbound/provider-azure-eventhub/latest/resources/eventhub.azure.upbound.io/EventHubNamespace/v1beta1",
    "aso-keyvault": "https://azure.github.io/azure-service-operator/reference/keyvault/v1api20230701/",
}


def ack_memorydb(region: Any) -> Obj:
    return custom_resource(
        "memorydb.services.k8s.aws/v1alpha1",
        "Cluster",
        "acme-cache",
        "acme",
        {
            "name": "acme-cache",
            "nodeType": "db.t4g.small",
            "aclName": "acme-acl",
            "numShards": 1,
            "numReplicasPerShard": 1,
            "tlsEnabled": True,
        },
        annotations={"services.k8s.aws/region": region},
    )


# Violates: the GDPR tenant's ACK MemoryDB cluster (its durable session store) is created in N. Virginia.
case("op-ack-memorydb-us", OPERATORS, "DENY", OP_DOC["ack-region"])(on_tenant(ack_memorydb("us-east-1")))
# Complies: it is created in Ireland.
case("op-ack-memorydb-ie", OPERATORS, cite=OP_DOC["ack-memorydb"])(on_tenant(ack_memorydb("eu-west-1")))


def kcc_redis(region: Any) -> Obj:
    return custom_resource(
        "redis.cnrm.cloud.google.com/v1beta1",
        "RedisInstance",
        "acme-cache",
        "acme",
        {"region": region, "tier": "STANDARD_HA", "memorySizeGb": 4, "redisVersion": "REDIS_7_2"},
        annotations={"cnrm.cloud.google.com/project-id": "acme-prod"},
    )


# Violates: the tenant's Config Connector Memorystore for Redis instance is in Iowa.
case("op-kcc-redis-us", OPERATORS, "DENY", OP_DOC["kcc-redis"])(on_tenant(kcc_redis("us-central1"), cloud="gcp"))
# Complies: it is in the Netherlands.
case("op-kcc-redis-nl", OPERATORS, cite=OP_DOC["kcc-redis"])(on_tenant(kcc_redis("europe-west4"), cloud="gcp"))


def xp_eventhub(location: Any) -> Obj:
    return custom_resource(
        "eventhub.azure.upbound.io/v1beta1",
        "EventHubNamespace",
        "acme-events",
        None,
        {
            "forProvider": {"location": location, "resourceGroupName": "acme-rg", "sku": "Standard", "capacity": 1},
            **XP_REF,
        },
        labels={**GDPR, "fleet-tenant": "acme"},
    )


# Violates: a cluster-scoped Crossplane Event Hubs namespace labelled GDPR is created in East US 2.
case("op-crossplane-eventhub-eastus2", OPERATORS, "DENY", OP_DOC["xp-eventhub"])(
    on_tenant(xp_eventhub("eastus2"), cloud="azure-native")
)
# Complies: it is created in West Europe.
case("op-crossplane-eventhub-westeurope", OPERATORS, cite=OP_DOC["xp-eventhub"])(
    on_tenant(xp_eventhub("westeurope"), cloud="azure-native")
)


def aso_vault(location: Any, tenant: Any = TENANT_ID) -> Obj:
    return custom_resource(
        "keyvault.azure.com/v1api20230701",
        "Vault",
        "acme-secrets",
        "acme",
        {
            "location": location,
            "owner": {"name": "acme-rg"},
            "properties": {
                "tenantId": tenant,
                "sku": {"family": "A", "name": "standard"},
                "enableRbacAuthorization": True,
            },
        },
    )


# Violates: the tenant's ASO key vault is in East US.
case("op-aso-keyvault-eastus", OPERATORS, "DENY", OP_DOC["aso-keyvault"])(
    on_tenant(aso_vault("eastus"), cloud="azure-native")
)
# Complies: it is in Germany West Central (whose paired region, Germany North, is in Germany too).
case("op-aso-keyvault-germanywestcentral", OPERATORS, cite=OP_DOC["aso-keyvault"])(
    on_tenant(aso_vault("germanywestcentral"), cloud="azure-native")
)


# ============================================================================ cloud guardrails
GRD_DOC = {
    "scp-region": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html#example-scp-deny-region",
    "gcp-locations": "https://cloud.google.com/resource-manager/docs/organization-policy/defining-locations",
    "gcp-groups": "https://cloud.google.com/resource-manager/docs/organization-policy/defining-locations#value_groups",
    "az-allowed": "https://learn.microsoft.com/en-us/azure/governance/policy/samples/built-in-policies#general",
}

# Complies: a US cluster in N. Virginia whose account's SCP allows three US Regions.
case("grd-aws-us-cluster-scp-us-regions", GUARDRAILS, cite=GRD_DOC["scp-region"])(
    regime_guarded(US, "us-east-1", "US", ["us-east-1", "us-east-2", "us-west-2"])
)
# Violates: the SCP also allows Canada (Central).
case("grd-aws-us-cluster-scp-plus-canada", GUARDRAILS, "DENY", GRD_DOC["scp-region"])(
    regime_guarded(US, "us-east-1", "US", ["us-east-1", "ca-central-1"])
)
# Complies: a Canadian cluster in Canada (Central) whose SCP allows that Region only.
case("grd-aws-ca-cluster-scp-canada", GUARDRAILS, cite=GRD_DOC["scp-region"])(
    regime_guarded(CA, "ca-central-1", "CA", ["ca-central-1"])
)
# Violates: the Canadian cluster's SCP also allows N. Virginia.
case("grd-aws-ca-cluster-scp-plus-virginia", GUARDRAILS, "DENY", GRD_DOC["scp-region"])(
    regime_guarded(CA, "ca-central-1", "CA", ["ca-central-1", "us-east-1"])
)

AKS_LOC = "azure-native:authorization:PolicyAssignment"


def aks_regime(regime: dict[str, str], location: str, country: str, allowed: list[str]) -> Build:
    """The guarded AKS cluster of the first corpus moved to ``location`` for a tenant of ``regime`` (cluster and
    audit workspace tagged with it, namespace labelled with it); both "Allowed locations" assignments on the
    subscription allow ``allowed``."""
    built = aks_guarded()
    built = retouch(built, "fleet:clusters:AksCluster", "eu1", region=location, country=country)
    built = retouch(built, "pulumi:providers:azure-native", "eu1-azure", location=location)
    built = retouch(built, "azure-native:containerservice:ManagedCluster", "eu1-aks", location=location, tags=regime)
    built = retouch(built, "azure-native:operationalinsights:Workspace", "eu1-law", location=location, tags=regime)
    for name in ("eea-locations", "eea-rg-locations"):
        built = retouch(built, AKS_LOC, name, parameters={"listOfAllowedLocations": {"value": allowed}})
    return _relabel(built, regime["fleet-residency"])


# Complies: a Swiss cluster in Switzerland North whose subscription allows the two Swiss regions only.
case("grd-azure-ch-cluster-swiss-regions", GUARDRAILS, cite=GRD_DOC["az-allowed"])(
    aks_regime(CH, "switzerlandnorth", "CH", ["switzerlandnorth", "switzerlandwest"])
)
# Violates: the subscription also allows Germany West Central.
case("grd-azure-ch-cluster-plus-germany", GUARDRAILS, "DENY", GRD_DOC["az-allowed"])(
    aks_regime(CH, "switzerlandnorth", "CH", ["switzerlandnorth", "germanywestcentral"])
)


def gke_regime(regime: dict[str, str], location: str, country: str, values: list[str]) -> Build:
    """The guarded GKE cluster of the first corpus moved to ``location`` for a tenant of ``regime``; the
    project's _Default sink is taken over and routed to a log bucket in the cluster's region, and
    gcp.resourceLocations on the project allows ``values``."""

    def guardrail(s: Stack, org: str) -> None:
        default_sink(location)(s)
        put(
            s,
            "gcp:orgpolicy/policy:Policy",
            "locations",
            org,
            name=f"projects/{PROJECT}/policies/gcp.resourceLocations",
            parent=f"projects/{PROJECT}",
            spec={"inheritFromParent": False, "rules": [{"values": {"allowedValues": values}}]},
        )

    built = gke_guarded(guardrail)
    built = retouch(built, "fleet:clusters:GkeCluster", "eu1", region=location, country=country)
    built = retouch(built, "pulumi:providers:gcp", "eu1-gcp", region=location)
    built = retouch(
        built,
        "gcp:container/cluster:Cluster",
        "eu1-gke",
        location=location,
        resourceLabels=regime,
        databaseEncryption={
            "state": "ENCRYPTED",
            "keyName": f"projects/{PROJECT}/locations/{location}/keyRings/eu1/cryptoKeys/etcd",
        },
    )
    return _relabel(built, regime["fleet-residency"])


# Complies: a US cluster in Iowa whose project allows in:us-locations ("all locations within the United
# States").
case("grd-gcp-us-cluster-us-locations", GUARDRAILS, cite=GRD_DOC["gcp-groups"])(
    gke_regime(US, "us-central1", "US", ["in:us-locations"])
)
# Violates: the project allows in:northamerica-locations, which also holds Canada's regions.
case("grd-gcp-us-cluster-northamerica-locations", GUARDRAILS, "DENY", GRD_DOC["gcp-groups"])(
    gke_regime(US, "us-central1", "US", ["in:northamerica-locations"])
)
# Complies: a Canadian cluster in Montréal whose project allows the Montréal and Toronto value groups.
case("grd-gcp-ca-cluster-canadian-regions", GUARDRAILS, cite=GRD_DOC["gcp-locations"])(
    gke_regime(
        CA,
        "northamerica-northeast1",
        "CA",
        ["in:northamerica-northeast1-locations", "in:northamerica-northeast2-locations"],
    )
)


# ============================================================================ unknown at preview
PRE_DOC = {
    "unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
}

# Violates: the replicas go to N. Virginia; only the replication role is unknown.
case("pre-s3tables-replication-us-role-unknown", PREVIEW, "DENY", AWS_DOC["s3tables-replication"])(
    tables_replication(table_bucket_arn("us-east-1", "claims-lake-dr"), role=UNKNOWN)
)
# Complies: the replicas go to Frankfurt; only the replication role is unknown.
case("pre-s3tables-replication-de-role-unknown", PREVIEW, cite=AWS_DOC["s3tables-replication"])(
    tables_replication(table_bucket_arn("eu-central-1", "claims-lake-dr"), role=UNKNOWN)
)
# Violates: the replication set holds N. Virginia; only the Regions' KMS key (created in this update) is
# unknown.
case("pre-incident-set-us-kms-unknown", PREVIEW, "DENY", AWS_DOC["incident-replication"])(
    incident_set(["eu-west-1", "us-east-1"], kms=UNKNOWN)
)
# Complies: Ireland and Frankfurt; only the KMS key is unknown.
case("pre-incident-set-de-kms-unknown", PREVIEW, cite=AWS_DOC["incident-replication"])(
    incident_set(["eu-west-1", "eu-central-1"], kms=UNKNOWN)
)
# Violates: the folder's audit logs go to the US bucket; only the folder (created in this update) is unknown.
case("pre-folder-sink-us-folder-unknown", PREVIEW, "DENY", GCP_DOC["aggregated-sinks"], config=GDPR_STACK)(
    folder_sink("US", folder=UNKNOWN)
)
# Violates: the tenant's ASO key vault is in East US; only its tenant ID is unknown.
case("pre-aso-keyvault-eastus-tenant-unknown", PREVIEW, "DENY", OP_DOC["aso-keyvault"])(
    on_tenant(aso_vault("eastus", tenant=UNKNOWN), cloud="azure-native")
)
# Complies: the vault is in Germany West Central; only its tenant ID is unknown.
case("pre-aso-keyvault-germany-tenant-unknown", PREVIEW, cite=OP_DOC["aso-keyvault"])(
    on_tenant(aso_vault("germanywestcentral", tenant=UNKNOWN), cloud="azure-native")
)
# Violates: the destination's ARN is unknown, but it comes from a table bucket this update creates in Oregon
# (the engine's property dependencies name it), so the destination is known to be there.
case("pre-s3tables-destination-new-bucket-oregon", PREVIEW, "DENY", PRE_DOC["unknowns"])(
    tables_replication(new_dest="us-west-2")
)
# Complies: the unknown ARN comes from a new table bucket in Stockholm.
case("pre-s3tables-destination-new-bucket-stockholm", PREVIEW, cite=PRE_DOC["unknowns"])(
    tables_replication(new_dest="eu-north-1")
)
# Defers: the destination's ARN is unknown and comes from no resource of the stack: the decision waits for
# the update (FLEET-PRE-001 lists it, advisory).
case("pre-s3tables-destination-unknown", PREVIEW, cite=PRE_DOC["unknowns"])(tables_replication(UNKNOWN))
# Defers: the BigQuery table the DICOM metadata is streamed to is unknown.
case("pre-dicom-stream-table-unknown", PREVIEW, cite=GCP_DOC["dicom-bq"])(
    dicom_stream(None, stream=[{"bigqueryDestination": {"tableUri": UNKNOWN}}])
)


# ============================================================================ malformed
BAD_DOC = {
    "s3tables": AWS_DOC["s3tables-bucket-pulumi"],
    "incident": AWS_DOC["incident-pulumi"],
    "kb": AWS_DOC["kb-pulumi"],
    "folder-sink": "https://www.pulumi.com/registry/packages/gcp/api-docs/logging/foldersink/",
    "dicom": GCP_DOC["dicom-pulumi"],
    "topic": "https://www.pulumi.com/registry/packages/gcp/api-docs/pubsub/topic/",
    "looker": GCP_DOC["looker-pulumi"],
    "kcc-redis": OP_DOC["kcc-redis"],
    "ml-registry": AZ_DOC["ml-registry-pulumi"],
    "mi-fog": AZ_DOC["mi-fog-pulumi"],
    "dps": DEF_DOC["dps-pulumi"],
    "ledger": DEF_DOC["ledger-pulumi"],
}
DE_TABLES = table_bucket_arn("eu-central-1", "claims-lake-dr")

# Each violates: a value of another shape than the SDK's, at a property that decides where the data goes,
# which the provider refuses: the pack cannot evaluate it (RULES.md, FLEET-RES-001). Read leniently, each
# would be compliant.
case("bad-s3tables-replication-rule-list", MALFORMED, "DENY", BAD_DOC["s3tables"])(
    tables_replication(rule=[{"destinations": [{"destinationTableBucketArn": DE_TABLES}]}])
)
case("bad-s3tables-destination-arn-list", MALFORMED, "DENY", BAD_DOC["s3tables"])(
    tables_replication(rule={"destinations": [{"destinationTableBucketArn": [DE_TABLES]}]})
)
case("bad-incident-regions-string", MALFORMED, "DENY", BAD_DOC["incident"])(
    incident_set("eu-west-1,eu-central-1", raw=True)
)
case("bad-incident-region-number", MALFORMED, "DENY", BAD_DOC["incident"])(
    incident_set([{"name": "eu-west-1"}, 2], raw=True)
)
case("bad-bedrock-kb-storage-string", MALFORMED, "DENY", BAD_DOC["kb"])(knowledge_base("OPENSEARCH_SERVERLESS"))
case("bad-folder-sink-destination-list", MALFORMED, "DENY", BAD_DOC["folder-sink"], config=GDPR_STACK)(
    folder_sink("EUROPE-WEST1", destination=["storage.googleapis.com/ledger-org-audit"])
)
case("bad-dicom-bigquery-destination-string", MALFORMED, "DENY", BAD_DOC["dicom"])(
    dicom_stream("EU", stream=[{"bigqueryDestination": f"bq://{PROJECT}.dicom_metadata.instances"}])
)
case("bad-org-sink-topic-storage-policy-number", MALFORMED, "DENY", BAD_DOC["topic"], config=GDPR_STACK)(org_sink(3))
case("bad-looker-export-uri-list", MALFORMED, "DENY", BAD_DOC["looker"], config=GDPR_STACK)(
    looker_export("EUROPE-WEST3", gcs_uri=["gs://ledger-looker-exports/daily"])
)
case("bad-kcc-redis-region-list", MALFORMED, "DENY", BAD_DOC["kcc-redis"])(
    on_tenant(kcc_redis(["europe-west4"]), cloud="gcp")
)
case("bad-ml-registry-region-location-object", MALFORMED, "DENY", BAD_DOC["ml-registry"])(
    ml_registry({"name": "swedencentral"})
)
case("bad-mi-failover-partner-regions-object", MALFORMED, "DENY", BAD_DOC["mi-fog"])(
    mi_failover_group("northeurope", partner_regions={"location": "northeurope"})
)
case("bad-dps-properties-string", MALFORMED, "DENY", BAD_DOC["dps"], config=IE_REGIME)(
    dps(properties="enableDataResidency=true")
)
case("bad-confidential-ledger-location-list", MALFORMED, "DENY", BAD_DOC["ledger"])(
    ledger("westeurope", location=["westeurope"])
)
