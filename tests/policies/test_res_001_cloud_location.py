from pulumi_policy.proxy import UnknownValueError, unknown_checking_proxy

from fleet.core.residency import CustomRegime, resolve_all
from fleetguard.model import Context
from fleetguard.rules.res_001_cloud_location import RULE
from tests.policies.conftest import CTX, messages, resource

GDPR = {"fleet-residency": "gdpr"}
FIX_GDPR = "move it to a region from `fleet regions --regime gdpr` or correct its fleet-residency tag"
DEFAULT_TAGS_GDPR = {"defaultTags": '{"tags": {"fleet-residency": "gdpr"}}'}


def test_compliant_aws_resource_in_its_regime() -> None:
    assert messages(RULE, resource("aws:s3/bucket:Bucket", tags=GDPR, region="eu-west-1")) == []


def test_compliant_when_provider_region_is_inside() -> None:
    assert messages(RULE, resource("aws:sqs/queue:Queue", provider={"region": "eu-north-1"}, tags=GDPR)) == []


def test_compliant_untagged_resources_are_not_judged() -> None:
    assert messages(RULE, resource("aws:sqs/queue:Queue", provider={"region": "us-east-1"})) == []


def test_compliant_norway_is_gdpr() -> None:
    assert messages(RULE, resource("azure-native:storage:StorageAccount", location="Norway East", tags=GDPR)) == []


def test_compliant_global_resource_is_not_judged_by_its_provider_region() -> None:
    # IAM is a global service: a regulated role keeps no data in its provider's us-east-1.
    role = resource("aws:iam/role:Role", "r", provider={"region": "us-east-1"}, tags=GDPR, assumeRolePolicy="{}")
    assert messages(RULE, role) == []


def test_compliant_gcs_eu_multi_region_and_dual_region_inside() -> None:
    assert messages(RULE, resource("gcp:storage/bucket:Bucket", location="EU", labels=GDPR)) == []
    bucket = resource(
        "gcp:storage/bucket:Bucket",
        location="EU",
        customPlacementConfig={"dataLocations": ["europe-west1", "europe-west4"]},
        labels={"fleet-residency": "eu"},
    )
    assert messages(RULE, bucket) == []


def test_compliant_pubsub_topic_with_a_storage_policy_inside() -> None:
    topic = resource(
        "gcp:pubsub/topic:Topic", labels=GDPR, messageStoragePolicy={"allowedPersistenceRegions": ["europe-west3"]}
    )
    assert messages(RULE, topic) == []


def test_fails_per_resource_region_overrides_a_compliant_provider() -> None:
    subject = resource("aws:sqs/queue:Queue", "q", provider={"region": "eu-west-1"}, tags=GDPR, region="eu-central-2")
    assert messages(RULE, subject) == [
        f"aws:sqs/queue:Queue 'q' is in eu-central-2 (CH) by its region, outside regime gdpr (30 countries); {FIX_GDPR}"
    ]


def test_fails_on_provider_region_outside() -> None:
    subject = resource("aws:sqs/queue:Queue", "q", provider={"region": "eu-west-2"}, tags=GDPR)
    assert messages(RULE, subject) == [
        f"aws:sqs/queue:Queue 'q' is in eu-west-2 (GB) by its provider region, outside regime gdpr (30 countries); "
        f"{FIX_GDPR}"
    ]


def test_fails_on_provider_zone_outside_for_a_zonal_resource_whatever_the_provider_region() -> None:
    # The provider's zone is "the zone to operate under, if not specified by a given resource".
    provider = {"region": "europe-west3", "zone": "us-central1-a"}
    vm = resource("gcp:compute/instanceFromTemplate:InstanceFromTemplate", "vm", provider=provider, labels=GDPR)
    assert messages(RULE, vm) == [
        "gcp:compute/instanceFromTemplate:InstanceFromTemplate 'vm' is in us-central1 (US) by its provider zone, "
        f"outside regime gdpr (30 countries); {FIX_GDPR}"
    ]
    regional = resource("gcp:redis/instance:Instance", "r", provider=provider, labels=GDPR)
    assert messages(RULE, regional) == []  # a regional resource takes the provider's region


def test_fails_regime_from_provider_default_tags() -> None:
    subject = resource("aws:sqs/queue:Queue", "q", provider={"region": "us-east-1", **DEFAULT_TAGS_GDPR})
    assert messages(RULE, subject) == [
        f"aws:sqs/queue:Queue 'q' is in us-east-1 (US) by its provider region, outside regime gdpr (30 countries); "
        f"{FIX_GDPR}"
    ]


def test_fails_regime_from_nested_labels() -> None:
    # Cloud SQL keeps its labels in settings.userLabels.
    subject = resource(
        "gcp:sql/databaseInstance:DatabaseInstance", "db", region="us-central1", settings={"userLabels": GDPR}
    )
    assert messages(RULE, subject)[0].startswith(
        "gcp:sql/databaseInstance:DatabaseInstance 'db' is in us-central1 (US) by its region, outside regime gdpr"
    )


def test_fails_regime_from_stack_config() -> None:
    ctx = Context(CTX.regimes, today=CTX.today, stack_regime="gdpr")
    subject = resource("aws:sqs/queue:Queue", "q", region="us-east-1")
    assert messages(RULE, subject, ctx) == [
        f"aws:sqs/queue:Queue 'q' is in us-east-1 (US) by its region, outside regime gdpr (30 countries); {FIX_GDPR}"
    ]


def test_fails_on_gcp_zone_outside() -> None:
    subject = resource("gcp:compute/instance:Instance", "vm", labels={"fleet-residency": "eu"}, zone="europe-west6-b")
    assert messages(RULE, subject) == [
        "gcp:compute/instance:Instance 'vm' is in europe-west6 (CH) by its zone, outside regime eu (27 countries); "
        "move it to a region from `fleet regions --regime eu` or correct its fleet-residency tag"
    ]


def test_fails_on_azure_display_name_outside() -> None:
    subject = resource(
        "azure-native:resources:ResourceGroup", "rg", location="UK South", tags={"fleet-residency": "eu"}
    )
    assert messages(RULE, subject) == [
        "azure-native:resources:ResourceGroup 'rg' is in uksouth (GB) by its location, outside regime eu "
        "(27 countries); move it to a region from `fleet regions --regime eu` or correct its fleet-residency tag"
    ]


def test_fails_on_unknown_regime_tag() -> None:
    subject = resource("aws:sqs/queue:Queue", "q", tags={"fleet-residency": "gdrp"}, region="eu-west-1")
    assert messages(RULE, subject) == [
        "aws:sqs/queue:Queue 'q' declares fleet-residency='gdrp' (tag), which is not a regime (known: none, eu, gdpr, "
        "ch, uk, us, ca); fix the tag or add the regime to the policy config"
    ]


def test_fails_on_a_region_missing_from_the_catalogue() -> None:
    subject = resource("aws:sqs/queue:Queue", "q", tags=GDPR, region="eu-west-9")
    assert messages(RULE, subject) == [
        "aws:sqs/queue:Queue 'q' is in eu-west-9 (not in the region catalogue) by its region, outside regime gdpr "
        f"(30 countries); {FIX_GDPR}"
    ]


def test_fails_closed_without_any_region() -> None:
    subject = resource("aws:sqs/queue:Queue", "q", tags=GDPR)
    assert messages(RULE, subject) == [
        "aws:sqs/queue:Queue 'q' (regime gdpr, from its tag) has no location that residency can be checked against: "
        "neither its region nor its provider's region is set; set it explicitly to a region from `fleet regions "
        "--regime gdpr`"
    ]


def test_fails_closed_on_a_type_the_survey_does_not_list() -> None:
    assert messages(RULE, resource("aws:newservice/thing:Thing", "t", tags=GDPR, region="eu-west-1")) == [
        "aws:newservice/thing:Thing 't' (regime gdpr, from its tag) is a type the residency survey does not list, so "
        "where it keeps data cannot be determined; regenerate the survey for this provider version "
        "(policies/fleetguard/survey/generate.py) or exempt it with a reason"
    ]


def test_fails_on_an_edge_service() -> None:
    subject = resource("aws:cloudfront/distribution:Distribution", "cdn", tags=GDPR)
    assert messages(RULE, subject) == [
        "aws:cloudfront/distribution:Distribution 'cdn' (regime gdpr, from its tag) keeps data at edge locations or in "
        "places the cloud does not disclose, so it cannot be placed under regime gdpr; keep regulated data out of it "
        "and tag it fleet-residency=none, or exempt it with a reason"
    ]


def test_fails_gcs_dual_region_with_london() -> None:
    bucket = resource("gcp:storage/bucket:Bucket", "b", location="EUR5", labels=GDPR)
    assert messages(RULE, bucket) == [
        f"gcp:storage/bucket:Bucket 'b' is in EUR5 (BE, GB) by its location, outside regime gdpr (30 countries); "
        f"{FIX_GDPR}"
    ]


def test_fails_gcs_multi_region_that_crosses_borders() -> None:
    bucket = resource("gcp:storage/bucket:Bucket", "b", location="ASIA", labels={"fleet-residency": "uk"})
    assert messages(RULE, bucket)[0].startswith("gcp:storage/bucket:Bucket 'b' is in ASIA (several countries)")


def test_fails_bigquery_dataset_without_location_defaults_to_us() -> None:
    dataset = resource("gcp:bigquery/dataset:Dataset", "ds", labels=GDPR)
    assert messages(RULE, dataset) == [
        "gcp:bigquery/dataset:Dataset 'ds' is in US (US) by its location (unset: defaults to US), outside regime gdpr "
        f"(30 countries); {FIX_GDPR}"
    ]


def test_fails_pubsub_topic_without_a_storage_policy() -> None:
    topic = resource("gcp:pubsub/topic:Topic", "t", labels=GDPR)
    assert messages(RULE, topic) == [
        "gcp:pubsub/topic:Topic 't' is in unset (the cloud chooses the locations) by its "
        f"messageStoragePolicy.allowedPersistenceRegions[] (unset), outside regime gdpr (30 countries); {FIX_GDPR}"
    ]


def test_fails_secret_with_automatic_replication() -> None:
    secret = resource("gcp:secretmanager/secret:Secret", "s", labels=GDPR, replication={"auto": {}})
    assert messages(RULE, secret) == [
        "gcp:secretmanager/secret:Secret 's' is in automatic (the cloud chooses the locations) by its "
        "replication.auto, "
        f"outside regime gdpr (30 countries); {FIX_GDPR}"
    ]


def test_fails_global_location_of_a_regional_type() -> None:
    ring = resource("gcp:kms/keyRing:KeyRing", "ring", location="global", labels=GDPR)
    assert messages(RULE, ring)[0].startswith(
        "gcp:kms/keyRing:KeyRing 'ring' is in global (global: Google chooses the locations) by its location"
    )


def test_unknown_location_during_preview_is_not_a_violation() -> None:
    # The pack turns values unknown at preview into the SDK's "can't run policy during preview" note.
    props = unknown_checking_proxy({"tags": GDPR, "region": "04da6b54-80e4-46f7-96ec-b56ff0331ba9"})
    subject = resource("aws:sqs/queue:Queue", "q")
    subject.props = props
    try:
        messages(RULE, subject, CTX)
    except UnknownValueError as err:
        assert "can't be known during preview" in err.message
    else:  # pragma: no cover - the proxy must raise
        raise AssertionError("reading an unknown region must raise")


# GCP images, snapshots and machine images without storageLocations are stored in the multi-region nearest
# their source (https://cloud.google.com/compute/docs/disks/snapshots#selecting_a_storage_location), not in
# the source's zone.
SNAPSHOT = "gcp:compute/snapshot:Snapshot"
MACHINE_IMAGE = "gcp:compute/machineImage:MachineImage"


def de_only() -> Context:
    return Context(resolve_all([CustomRegime("de", countries=("DE",))]), today=CTX.today)


def test_compliant_snapshot_of_an_eu_disk_in_the_eu_multi_region() -> None:
    snapshot = resource(SNAPSHOT, "snap", labels=GDPR, sourceDisk="projects/p/zones/europe-west1-b/disks/d")
    assert messages(RULE, snapshot) == []


def test_compliant_snapshot_with_storage_locations_inside() -> None:
    snapshot = resource(
        SNAPSHOT,
        "snap",
        labels={"fleet-residency": "de"},
        sourceDisk="projects/p/zones/europe-west3-a/disks/d",
        storageLocations=["europe-west3"],
    )
    assert messages(RULE, snapshot, de_only()) == []


def test_fails_snapshot_without_storage_locations_leaves_the_disk_country() -> None:
    snapshot = resource(
        SNAPSHOT,
        "snap",
        labels={"fleet-residency": "de"},
        sourceDisk="projects/p/zones/europe-west3-a/disks/d",
        zone="europe-west3-a",
    )
    found = messages(RULE, snapshot, de_only())
    assert len(found) == 1
    assert found[0].startswith("gcp:compute/snapshot:Snapshot 'snap' is in EU (AT, BE, ")
    assert (
        "by its storageLocations[] (unset: the multi-region nearest europe-west3), outside regime de (DE)" in (found[0])
    )


def test_compliant_snapshot_whose_source_is_named_without_a_zone_is_left_to_the_stack_rule() -> None:
    snapshot = resource(SNAPSHOT, "snap", labels=GDPR, sourceDisk="d")
    assert messages(RULE, snapshot) == []  # FLEET-RES-003 looks the disk up


# A machine image has no labels or storage location input: its regime here comes from the stack config.
STACK_GDPR = Context(CTX.regimes, today=CTX.today, stack_regime="gdpr")


def test_compliant_machine_image_of_an_eu_instance() -> None:
    image = resource(MACHINE_IMAGE, "mi", sourceInstance="projects/p/zones/europe-west4-a/instances/vm")
    assert messages(RULE, image, STACK_GDPR) == []


def test_fails_machine_image_of_a_us_instance() -> None:
    image = resource(MACHINE_IMAGE, "mi", sourceInstance="projects/p/zones/us-central1-a/instances/vm")
    assert messages(RULE, image, STACK_GDPR) == [
        "gcp:compute/machineImage:MachineImage 'mi' is in US (US) by its storage location (no input sets it) "
        "(unset: the multi-region nearest us-central1), outside regime gdpr (30 countries); move it to a region "
        "from `fleet regions --regime gdpr` or correct its fleet-residency tag"
    ]


def test_a_dlp_job_trigger_runs_where_its_parent_says_and_globally_without_a_location() -> None:
    trigger = "gcp:dataloss/preventionJobTrigger:PreventionJobTrigger"
    located = resource(trigger, "t", parent="projects/p/locations/europe-west3", labels=GDPR)
    assert messages(RULE, located) == []
    [message] = messages(RULE, resource(trigger, "t", parent="projects/p", labels=GDPR))
    assert message.startswith(f"{trigger} 't' is in global (global: Google chooses the locations) by its parent")


def test_a_bigquery_omni_location_is_the_other_clouds_region() -> None:
    from fleetguard.locations import gcp_location

    assert gcp_location("aws-eu-west-1", "location").countries == {"IE"}
    assert gcp_location("azure-eastus2", "location").countries == {"US"}


def test_a_home_whose_default_does_not_depend_on_the_others_adds_it() -> None:
    # A Voice Connector is created in its awsRegion, us-east-1 when unset, whichever Region manages it.
    connector = "aws:chime/voiceConnector:VoiceConnector"
    assert (
        "us-east-1 (US) by its awsRegion (unset: defaults to us-east-1)"
        in messages(RULE, resource(connector, region="eu-central-1", requireEncryption=True, tags=GDPR))[0]
    )
    assert messages(RULE, resource(connector, region="eu-central-1", awsRegion="eu-central-1", tags=GDPR)) == []
    # Without data residency, Apigee keeps customer content on its global infrastructure.
    org = "gcp:apigee/organization:Organization"
    assert (
        "apiConsumerDataLocation (unset)"
        in messages(
            RULE, resource(org, projectId="p", analyticsRegion="europe-west3", runtimeType="CLOUD", labels=GDPR)
        )[0]
    )
    placed = resource(org, projectId="p", analyticsRegion="europe-west3", apiConsumerDataLocation="europe-west3",
                      runtimeType="CLOUD", labels=GDPR)  # fmt: skip
    assert messages(RULE, placed) == []


def test_default_storage_settings_are_placed_where_they_put_new_buckets() -> None:
    observability = "gcp:observability/projectSettings:ProjectSettings"
    # The settings resource's own location is global; its defaultStorageLocation is where buckets go.
    assert messages(RULE, resource(observability, project="p", location="global", defaultStorageLocation="eu",
                                   labels=GDPR)) == []  # fmt: skip
    unset = messages(RULE, resource(observability, project="p", location="global", labels=GDPR))
    assert "defaultStorageLocation (unset)" in unset[0]
    logging = "gcp:logging/folderSettings:FolderSettings"
    assert "storageLocation (unset)" in messages(RULE, resource(logging, folder="271828", labels=GDPR))[0]
    assert messages(RULE, resource(logging, folder="271828", storageLocation="europe-west3", labels=GDPR)) == []


def test_amplify_hosting_serves_through_cloudfront() -> None:
    app = resource("aws:amplify/app:App", "portal", tags=GDPR, region="eu-west-1")
    assert "keeps data at edge locations" in messages(RULE, app)[0]


def test_an_aws_local_zone_is_in_its_city_not_its_parent_region() -> None:
    def volume(zone: str) -> object:
        return resource("aws:ebs/volume:Volume", "v", tags=GDPR, region="eu-central-1", availabilityZone=zone, size=8)

    assert messages(RULE, volume("eu-central-1a")) == []
    assert messages(RULE, volume("eu-central-1-ham-1a")) == []  # Hamburg, Germany
    assert "eu-central-1-ist-1a (an AWS Local or Wavelength Zone" in messages(RULE, volume("eu-central-1-ist-1a"))[0]
    assert "Wavelength Zone" in messages(RULE, volume("eu-central-1-wl1-ber-wlz-1"))[0]
