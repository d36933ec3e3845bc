from fleet.core.residency import CustomRegime, resolve_all
from fleetguard.model import Context
from fleetguard.rules.res_002_storage_copies import RULE
from tests.policies.conftest import CTX, messages, resource

GDPR = {"fleet-residency": "gdpr"}
ACCOUNT = "azure-native:storage:StorageAccount"
SKU_FIX = "use a locally or zone-redundant SKU (Standard_LRS, Standard_ZRS) or a region whose pair is allowed"


def regimes(**countries: tuple[str, ...]) -> Context:
    custom = [CustomRegime(name, countries=c) for name, c in countries.items()]
    return Context(regimes=resolve_all(custom), today=CTX.today)


def test_compliant_grs_with_pair_inside() -> None:
    assert (
        messages(RULE, resource(ACCOUNT, location="germanywestcentral", sku={"name": "Standard_GRS"}, tags=GDPR)) == []
    )


def test_compliant_lrs_stays_in_region() -> None:
    account = resource(ACCOUNT, location="brazilsouth", sku={"name": "Standard_LRS"}, tags={"fleet-residency": "br"})
    assert messages(RULE, account, regimes(br=("BR",))) == []


def test_compliant_replicas_inside_the_regime() -> None:
    table = resource(
        "aws:dynamodb/table:Table", region="eu-west-1", tags=GDPR, replicas=[{"regionName": "eu-central-1"}]
    )
    assert messages(RULE, table) == []


def test_fails_grs_pair_in_another_country() -> None:
    account = resource(
        ACCOUNT, "acct", location="brazilsouth", sku={"name": "Standard_RAGRS"}, tags={"fleet-residency": "br"}
    )
    assert messages(RULE, account, regimes(br=("BR",))) == [
        "azure-native:storage:StorageAccount 'acct' copies data to southcentralus (US) (sku Standard_RAGRS (paired "
        f"region)), outside regime br (BR); {SKU_FIX}"
    ]


def test_fails_grs_in_unpaired_region() -> None:
    account = resource(ACCOUNT, "acct", location="italynorth", sku={"name": "StandardV2_GZRS"}, tags=GDPR)
    assert messages(RULE, account) == [
        "azure-native:storage:StorageAccount 'acct' copies data to pair of italynorth (italynorth has no paired region "
        f"in the catalogue) (sku StandardV2_GZRS (paired region)), outside regime gdpr (30 countries); {SKU_FIX}"
    ]


def test_fails_replica_outside_the_regime() -> None:
    table = resource(
        "aws:dynamodb/table:Table", "t", region="eu-west-1", tags=GDPR, replicas=[{"regionName": "us-east-1"}]
    )
    assert messages(RULE, table) == [
        "aws:dynamodb/table:Table 't' copies data to us-east-1 (US) (replicas[].regionName), outside regime gdpr "
        "(30 countries); keep every replica, copy and backup location inside the regime"
    ]


def test_fails_backup_copy_action_to_another_region() -> None:
    plan = resource(
        "aws:backup/plan:Plan",
        "plan",
        region="eu-west-1",
        tags=GDPR,
        rules=[{"copyActions": [{"destinationVaultArn": "arn:aws:backup:us-west-2:1:backup-vault:dr"}]}],
    )
    assert messages(RULE, plan)[0].startswith(
        "aws:backup/plan:Plan 'plan' copies data to us-west-2 (US) (rules[].copyActions[].destinationVaultArn)"
    )


def test_fails_geo_redundant_backup_by_default() -> None:
    # Azure SQL backups are geo-redundant unless requestedBackupStorageRedundancy says otherwise.
    database = resource("azure-native:sql:Database", "db", location="brazilsouth", tags={"fleet-residency": "br"})
    assert messages(RULE, database, regimes(br=("BR",))) == [
        "azure-native:sql:Database 'db' copies data to southcentralus (US) (requestedBackupStorageRedundancy unset: "
        "geo-redundant by default (paired region)), outside regime br (BR); use locally or zone-redundant backup "
        "storage or a region whose pair is allowed"
    ]


def test_fails_cloud_sql_backups_in_the_nearest_multi_region() -> None:
    db = resource(
        "gcp:sql/databaseInstance:DatabaseInstance",
        "db",
        region="europe-west2",
        settings={"userLabels": {"fleet-residency": "uk"}},
    )
    assert messages(RULE, db) == [
        "gcp:sql/databaseInstance:DatabaseInstance 'db' copies data to unset (the multi-region nearest the source, "
        "which the pack cannot place) (settings.backupConfiguration.location (unset: the multi-region nearest "
        "europe-west2)), outside regime uk (GB); set settings.backupConfiguration.location to a location inside "
        "the regime"
    ]


def test_fails_key_vault_paired_region() -> None:
    vault = resource("azure-native:keyvault:Vault", "kv", location="northeurope", tags={"fleet-residency": "ie"})
    assert messages(RULE, vault, regimes(ie=("IE",))) == [
        "azure-native:keyvault:Vault 'kv' copies data to westeurope (NL) (paired region of northeurope), outside "
        "regime ie (IE); choose a region whose paired region is allowed"
    ]


def test_compliant_snapshot_schedule_with_storage_locations_inside() -> None:
    policy = resource(
        "gcp:compute/resourcePolicy:ResourcePolicy",
        "daily",
        region="europe-west3",
        labels={"fleet-residency": "de"},
        snapshotSchedulePolicy={"snapshotProperties": {"storageLocations": "europe-west3"}},
    )
    assert messages(RULE, policy, regimes(de=("DE",))) == []


def test_fails_snapshot_schedule_without_storage_locations_in_the_nearest_multi_region() -> None:
    # A snapshot schedule applies only to disks in its region; unset, their snapshots go to the multi-region
    # nearest the disk (https://cloud.google.com/compute/docs/disks/scheduled-snapshots).
    policy = resource(
        "gcp:compute/resourcePolicy:ResourcePolicy",
        "daily",
        region="europe-west3",
        labels={"fleet-residency": "de"},
        snapshotSchedulePolicy={"schedule": {"dailySchedule": {"daysInCycle": 1, "startTime": "04:00"}}},
    )
    found = messages(RULE, policy, regimes(de=("DE",)))
    assert len(found) == 1
    assert found[0].startswith("gcp:compute/resourcePolicy:ResourcePolicy 'daily' copies data to EU (AT, BE, ")
    assert found[0].endswith(
        "(snapshotSchedulePolicy.snapshotProperties.storageLocations (unset: the multi-region nearest europe-west3)), "
        "outside regime de (DE); set snapshotSchedulePolicy.snapshotProperties.storageLocations to a location inside "
        "the regime"
    )


def test_compliant_recovery_vault_locally_redundant() -> None:
    vault = resource(
        "azure-native:recoveryservices:Vault",
        "rsv",
        location="brazilsouth",
        tags={"fleet-residency": "br"},
        properties={"redundancySettings": {"standardTierStorageRedundancy": "LocallyRedundant"}},
    )
    assert messages(RULE, vault, regimes(br=("BR",))) == []


def test_fails_recovery_vault_geo_redundant_by_default() -> None:
    vault = resource(
        "azure-native:recoveryservices:Vault", "rsv", location="brazilsouth", tags={"fleet-residency": "br"}
    )
    assert messages(RULE, vault, regimes(br=("BR",))) == [
        "azure-native:recoveryservices:Vault 'rsv' copies data to southcentralus (US) "
        "(properties.redundancySettings.standardTierStorageRedundancy unset: geo-redundant by default (paired "
        "region)), outside regime br (BR); use locally or zone-redundant backup storage or a region whose pair is "
        "allowed"
    ]


def test_cosmos_continuous_backups_stay_in_the_accounts_regions() -> None:
    # Periodic backups are geo-redundant unless set otherwise; continuous backups are kept in each region of the
    # account (https://learn.microsoft.com/azure/cosmos-db/continuous-backup-restore-introduction).
    def account(policy: dict[str, object]) -> object:
        return resource(
            "azure-native:cosmosdb:DatabaseAccount",
            "db",
            location="northeurope",
            tags={"fleet-residency": "ie"},
            locations=[{"locationName": "northeurope"}],
            backupPolicy=policy,
        )

    ireland = regimes(ie=("IE",))
    assert messages(RULE, account({"type": "Continuous"}), ireland) == []
    assert (
        "backupPolicy.periodicModeProperties.backupStorageRedundancy unset"
        in messages(RULE, account({"type": "Periodic"}), ireland)[0]
    )


def test_a_global_inference_profile_or_deployment_processes_data_anywhere() -> None:
    # Bedrock: global. profiles route to any commercial Region, eu. ones to the EU Regions
    # (inference-profiles-support); Azure OpenAI: Global* deployment types may process in any region.
    def agent(model: str) -> object:
        return resource("aws:bedrock/agentAgent:AgentAgent", "agent", region="eu-central-1", tags=GDPR,
                        foundationModel=model)  # fmt: skip

    assert messages(RULE, agent("eu.anthropic.claude-sonnet-4-20250514-v1:0")) == []
    assert messages(RULE, agent("anthropic.claude-3-haiku-20240307-v1:0")) == []
    assert "any commercial AWS Region" in messages(RULE, agent("global.anthropic.claude-sonnet-4-20250514-v1:0"))[0]
    assert "us-east-1 (US)" in messages(RULE, agent("us.anthropic.claude-sonnet-4-20250514-v1:0"))[0]


def test_an_event_grid_topic_fails_over_to_its_pair_unless_kept_in_its_region() -> None:
    # WithinGeopair (the default) fails over to the paired region (event-grid/geo-disaster-recovery).
    def topic(**boundary: str) -> object:
        return resource("azure-native:eventgrid:Topic", "t", location="northeurope", tags={"fleet-residency": "ie"},
                        **boundary)  # fmt: skip

    ireland = regimes(ie=("IE",))
    assert messages(RULE, topic(dataResidencyBoundary="WithinRegion"), ireland) == []
    assert "westeurope (NL)" in messages(RULE, topic(), ireland)[0]


def test_an_iot_service_replicates_to_its_pair_unless_data_residency_is_on() -> None:
    # "This property when set to true, will enable data residency, thus, disabling disaster recovery."
    ireland = regimes(ie=("IE",))
    dps = "azure-native:deviceprovisioningservices:IotDpsResource"

    def service(**properties: object) -> object:
        return resource(dps, "dps", location="northeurope", tags={"fleet-residency": "ie"}, properties=properties)

    assert messages(RULE, service(enableDataResidency=True), ireland) == []  # type: ignore[arg-type]
    for unset_or_off in ({}, {"enableDataResidency": False}):
        [message] = messages(RULE, service(**unset_or_off), ireland)  # type: ignore[arg-type]
        assert message.startswith(f"{dps} 'dps' copies data to westeurope (NL)")
        fix = "set the data-residency switch to true (it keeps the data in its region and turns off the paired-region "
        assert message.endswith(fix + "disaster recovery) or choose a region whose pair is allowed")


def test_saas_drives_and_community_galleries_are_outside_the_cloud() -> None:
    def stack(connector: str) -> object:
        return resource(
            "aws:appstream/stack:Stack", "desk", tags=GDPR, storageConnectors=[{"connectorType": connector}]
        )

    assert messages(RULE, stack("HOMEFOLDERS")) == []  # type: ignore[arg-type]
    assert "copies data to GOOGLE_DRIVE (outside the cloud" in messages(RULE, stack("GOOGLE_DRIVE"))[0]  # type: ignore[arg-type]

    def gallery(permissions: str) -> object:
        return resource("azure-native:compute:Gallery", "g", location="westeurope", tags=GDPR,
                        sharingProfile={"permissions": permissions})  # fmt: skip

    assert messages(RULE, gallery("Private")) == []  # type: ignore[arg-type]
    assert "a community (public) gallery" in messages(RULE, gallery("Community"))[0]  # type: ignore[arg-type]


def test_a_kafka_connect_sink_copies_records_where_its_configuration_says() -> None:
    def connector(**config: str) -> object:
        return resource("aws:mskconnect/connector:Connector", "sink", tags=GDPR, region="eu-west-1",
                        connectorConfiguration={"topics": "payments", **config})  # fmt: skip

    s3 = {"connector.class": "io.confluent.connect.s3.S3SinkConnector", "s3.bucket.name": "archive"}
    assert messages(RULE, connector(**s3, **{"s3.region": "eu-west-1"})) == []  # type: ignore[arg-type]
    assert (
        "us-east-2 (US) (connectorConfiguration.s3.region)"
        in messages(RULE, connector(**s3, **{"s3.region": "us-east-2"}))[0]
    )  # type: ignore[arg-type]
    http = {"connector.class": "io.confluent.connect.http.HttpSinkConnector", "http.api.url": "https://api.example.com/in",
            "value.converter.schema.registry.url": "https://registry.example.com"}  # fmt: skip
    [message] = messages(RULE, connector(**http))  # type: ignore[arg-type]
    assert "https://api.example.com/in (outside the cloud" in message
    # A source connector reads from the database it names.
    jdbc = {
        "connector.class": "io.confluent.connect.jdbc.JdbcSourceConnector",
        "connection.url": "jdbc:postgresql://db.example.com/x",
    }
    assert messages(RULE, connector(**jdbc)) == []  # type: ignore[arg-type]


def test_public_acls_make_regulated_data_everyone_s() -> None:
    for acl, found in (("private", 0), ("public-read", 1), ("authenticated-read", 1)):
        bucket = resource("aws:s3/bucketAclV2:BucketAclV2", "acl", bucket="data", acl=acl, tags=GDPR)
        assert len(messages(RULE, bucket)) == found, acl  # type: ignore[arg-type]


def test_a_notification_hubs_namespace_replicates_to_its_recovery_region() -> None:
    def namespace(region: str) -> object:
        return resource("azure-native:notificationhubs:Namespace", "push", location="westeurope", tags=GDPR,
                        replicationRegion=region)  # fmt: skip

    assert messages(RULE, namespace("None")) == []  # type: ignore[arg-type]
    assert messages(RULE, namespace("Default")) == []  # type: ignore[arg-type]  (West Europe's pair is in the EEA)
    assert "westus2" in messages(RULE, namespace("WestUs2"))[0]  # type: ignore[arg-type]


def test_a_chat_channel_configuration_posts_notifications_outside_the_cloud() -> None:
    slack = resource("aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration", "chat", tags=GDPR,
                     slackTeamId="T01", slackChannelId="C07QWERTY12", region="eu-west-1")  # fmt: skip
    assert "copies data to C07QWERTY12 (outside the cloud" in messages(RULE, slack)[0]  # type: ignore[arg-type]


def test_a_dataform_release_runs_in_its_default_location_us_when_unset() -> None:
    def release(**config: str) -> object:
        return resource("gcp:dataform/repositoryReleaseConfig:RepositoryReleaseConfig", "r", region="europe-west3",
                        labels=GDPR, codeCompilationConfig={"defaultDatabase": "p", **config})  # fmt: skip

    assert messages(RULE, release(defaultLocation="EU")) == []  # type: ignore[arg-type]
    assert "(unset: defaults to US)" in messages(RULE, release())[0]  # type: ignore[arg-type]


def test_app_hosting_global_access_serves_from_edge_locations() -> None:
    def backend(locality: str) -> object:
        return resource("gcp:firebase/appHostingBackend:AppHostingBackend", "portal", location="europe-west4",
                        servingLocality=locality, labels=GDPR)  # fmt: skip

    assert messages(RULE, backend("REGIONAL_STRICT")) == []  # type: ignore[arg-type]
    found = messages(RULE, backend("GLOBAL_ACCESS"))  # type: ignore[arg-type]
    assert "edge locations worldwide" in found[0] and "REGIONAL_STRICT" in found[0]


def test_a_logic_apps_connection_to_a_saas_api_leaves_the_cloud() -> None:
    apis = "/subscriptions/s/providers/Microsoft.Web/locations/westeurope/managedApis"

    def connection(api: str) -> object:
        return resource("azure-native:web:Connection", "c", resourceGroupName="rg", location="westeurope",
                        properties={"api": {"id": f"{apis}/{api}"}}, tags=GDPR)  # fmt: skip

    assert messages(RULE, connection("azureblob")) == []  # type: ignore[arg-type]
    assert messages(RULE, connection("servicebus")) == []  # type: ignore[arg-type]
    assert "outside the cloud" in messages(RULE, connection("dropbox"))[0]  # type: ignore[arg-type]


def test_gemini_data_sharing_and_prompt_logging_copy_what_they_touch() -> None:
    def setting(kind: str, **flags: bool) -> object:
        return resource(f"gcp:gemini/{kind}", "s", location="global", labels=GDPR, **flags)

    sharing = "dataSharingWithGoogleSetting:DataSharingWithGoogleSetting"
    assert messages(RULE, setting(sharing, enableDataSharing=False)) == []  # type: ignore[arg-type]
    assert "kept for its own use" in messages(RULE, setting(sharing, enableDataSharing=True))[0]  # type: ignore[arg-type]
    logging = "loggingSetting:LoggingSetting"
    assert messages(RULE, setting(logging, logPromptsAndResponses=False)) == []  # type: ignore[arg-type]
    assert "_Default log bucket" in messages(RULE, setting(logging, logPromptsAndResponses=True))[0]  # type: ignore[arg-type]


def test_saas_partners_outposts_and_guardrail_profiles_are_copies() -> None:
    zscaler = resource("azure-native:network:SecurityPartnerProvider", "p", resourceGroupName="rg",
                       location="westeurope", securityProviderName="ZScaler", tags=GDPR)  # fmt: skip
    assert "outside the cloud" in messages(RULE, zscaler)[0]  # type: ignore[arg-type]

    def connection(provider: str) -> object:
        version = f"projects/p/locations/global/providers/{provider}/connectors/{provider}/versions/1"
        return resource("gcp:integrationconnectors/connection:Connection", "c", location="europe-west3",
                        connectorVersion=version, labels=GDPR)  # fmt: skip

    assert messages(RULE, connection("gcp")) == []  # type: ignore[arg-type]
    assert "outside the cloud" in messages(RULE, connection("zendesk"))[0]  # type: ignore[arg-type]
    bucket = resource("aws:s3control/bucket:Bucket", "b", bucket="scans", outpostId="op-0a1b", region="eu-west-1",
                      tags=GDPR)  # fmt: skip
    assert "op-0a1b (outside the cloud" in messages(RULE, bucket)[0]  # type: ignore[arg-type]

    def guardrail(profile: str, regime: str) -> object:
        return resource("aws:bedrock/guardrail:Guardrail", "g", region="eu-west-1",
                        crossRegionConfig={"guardrailProfileIdentifier": profile},
                        tags={"fleet-residency": regime})  # fmt: skip

    assert messages(RULE, guardrail("eu.guardrail.v1:0", "gdpr")) == []  # type: ignore[arg-type]
    arn = "arn:aws:bedrock:eu-west-1:111111111111:guardrail-profile/us.guardrail.v1:0"
    assert "us-east-1 (US)" in messages(RULE, guardrail(arn, "gdpr"))[0]  # type: ignore[arg-type]


def test_destinations_named_by_region_where_data_moves_or_is_delivered() -> None:
    def mover(region: str) -> object:
        return resource("azure-native:migrate:MoveCollection", "m", resourceGroupName="rg", location="westeurope",
                        properties={"sourceRegion": "westeurope", "targetRegion": region}, tags=GDPR)  # fmt: skip

    assert messages(RULE, mover("northeurope")) == []  # type: ignore[arg-type]
    assert "eastus (US)" in messages(RULE, mover("eastus"))[0]  # type: ignore[arg-type]

    def trigger(region: str) -> object:
        return resource("gcp:eventarc/trigger:Trigger", "t", location="europe-west3", labels=GDPR,
                        destination={"cloudRunService": {"service": "claims", "region": region}})  # fmt: skip

    assert messages(RULE, trigger("europe-west3")) == []  # type: ignore[arg-type]
    assert "us-central1 (US)" in messages(RULE, trigger("us-central1"))[0]  # type: ignore[arg-type]


def test_extended_zones_location_providers_pagerduty_and_open_security_rules_are_copies() -> None:
    def gallery(region: str) -> object:
        return resource("azure-native:compute:GalleryImageVersion", "v", resourceGroupName="rg", location="westeurope",
                        galleryName="g", galleryImageName="i", galleryImageVersionName="1.0.0", tags=GDPR,
                        publishingProfile={"targetExtendedLocations": [
                            {"name": region, "extendedLocation": {"name": "zone", "type": "EdgeZone"}}]})  # fmt: skip

    assert messages(RULE, gallery("westeurope")) == []  # type: ignore[arg-type]
    assert "australiaeast (AU)" in messages(RULE, gallery("australiaeast"))[0]  # type: ignore[arg-type]

    def lookup(source: str) -> object:
        return resource("aws:location/placeIndex:PlaceIndex", "p", region="eu-central-1", indexName="p",
                        dataSource=source, tags=GDPR)  # fmt: skip

    assert "outside the cloud" in messages(RULE, lookup("Here"))[0]  # type: ignore[arg-type]
    assert "outside the cloud" in messages(RULE, lookup("Esri"))[0]  # type: ignore[arg-type]
    open_data = resource("aws:location/map:Map", "m", region="eu-central-1", mapName="m", tags=GDPR,
                         configuration={"style": "VectorOpenDataStandardLight"})  # fmt: skip
    assert messages(RULE, open_data) == []  # type: ignore[arg-type]

    def plan(**extra: object) -> object:
        return resource("aws:ssmincidents/responsePlan:ResponsePlan", "r", region="eu-west-1", tags=GDPR,
                        incidentTemplate={"title": "t", "impact": 2}, **extra)  # fmt: skip

    assert messages(RULE, plan()) == []  # type: ignore[arg-type]
    paged = plan(integration={"pagerduties": [{"name": "p", "serviceId": "PX1", "secretId": "s"}]})
    assert "PX1 (outside the cloud" in messages(RULE, paged)[0]  # type: ignore[arg-type]

    def rules(statement: str) -> object:
        content = f"service cloud.firestore {{ match /claims/{{id}} {{ {statement} }} }}"
        return resource("gcp:firebaserules/ruleset:Ruleset", "r", project="p", labels=GDPR,
                        source={"files": [{"name": "firestore.rules", "content": content}]})  # fmt: skip

    assert "everyone on the internet" in messages(RULE, rules("allow read: if true;"))[0]  # type: ignore[arg-type]
    assert "everyone on the internet" in messages(RULE, rules("allow get, list;"))[0]  # type: ignore[arg-type]
    assert "anyone signed in" in messages(RULE, rules("allow read: if request.auth != null;"))[0]  # type: ignore[arg-type]
    owner = "allow read: if request.auth != null && request.auth.uid == resource.data.ownerId;"
    assert messages(RULE, rules(owner)) == []  # type: ignore[arg-type]
    assert messages(RULE, rules("allow write: if true; // allow read: if true;")) == []  # type: ignore[arg-type]


def test_a_transfer_job_copying_onto_a_posix_file_system_copies_outside_the_cloud() -> None:
    def job(spec: dict) -> object:
        return resource("gcp:storage/transferJob:TransferJob", "j", project="p", labels=GDPR, transferSpec=spec)

    sink = {"gcsDataSource": {"bucketName": "b"}, "posixDataSink": {"rootDirectory": "/srv/archive"}}
    assert "outside the cloud" in messages(RULE, job(sink))[0]  # type: ignore[arg-type]
    source = {"posixDataSource": {"rootDirectory": "/srv/scans"}, "gcsDataSink": {"bucketName": "b"}}
    assert messages(RULE, job(source)) == []  # type: ignore[arg-type]


def test_a_dns_threat_detector_sends_the_projects_dns_queries_to_its_provider() -> None:
    detector = resource("gcp:networksecurity/dnsThreatDetector:DnsThreatDetector", "d", location="global",
                        threatDetectorProvider="INFOBLOX", labels=GDPR)  # fmt: skip
    assert "INFOBLOX (outside the cloud" in messages(RULE, detector)[0]  # type: ignore[arg-type]


def test_a_resource_on_a_custom_location_runs_outside_azures_regions() -> None:
    def instance(kind: str) -> object:
        return resource("azure-native:azurearcdata:SqlManagedInstance", "mi", resourceGroupName="rg",
                        location="westeurope", tags=GDPR,
                        extendedLocation={"name": "/subscriptions/s/resourceGroups/rg/providers/"
                                          "Microsoft.ExtendedLocation/customLocations/dc", "type": kind})  # fmt: skip

    assert "Arc-enabled cluster outside Azure's regions" in messages(RULE, instance("CustomLocation"))[0]  # type: ignore[arg-type]
    assert messages(RULE, instance("EdgeZone")) == []  # type: ignore[arg-type]


def test_predefined_and_domain_acls_share_objects_beyond_the_stack() -> None:
    def acl(**grant: object) -> object:
        return resource("gcp:storage/objectACL:ObjectACL", "acl", bucket="b", object="o", labels=GDPR, **grant)

    assert "everyone on the internet" in messages(RULE, acl(predefinedAcl="publicRead"))[0]  # type: ignore[arg-type]
    assert messages(RULE, acl(predefinedAcl="projectPrivate")) == []  # type: ignore[arg-type]
    domain = acl(roleEntities=["READER:domain-partner.example"])
    assert "every account of domain partner.example" in messages(RULE, domain)[0]  # type: ignore[arg-type]
