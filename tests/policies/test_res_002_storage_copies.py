from fleetguard.rules.res_002_storage_copies import RULE
from tests.policies.conftest import messages, resource

GDPR = {"fleet-residency": "gdpr"}
ACCOUNT = "azure-native:storage:StorageAccount"


def test_compliant_grs_with_pair_inside() -> None:
    assert (
        messages(RULE, resource(ACCOUNT, location="germanywestcentral", sku={"name": "Standard_GRS"}, tags=GDPR)) == []
    )


def test_compliant_lrs_stays_in_region() -> None:
    assert (
        messages(
            RULE,
            resource(ACCOUNT, location="brazilsouth", sku={"name": "Standard_LRS"}, tags={"fleet-residency": "none"}),
        )
        == []
    )


def test_compliant_gcs_eu_multi_region_for_gdpr() -> None:
    assert messages(RULE, resource("gcp:storage/bucket:Bucket", location="EU", labels=GDPR)) == []


def test_compliant_configurable_dual_region_inside() -> None:
    bucket = resource(
        "gcp:storage/bucket:Bucket",
        location="EU",
        customPlacementConfig={"dataLocations": ["europe-west1", "europe-west4"]},
        labels={"fleet-residency": "eu"},
    )
    assert messages(RULE, bucket) == []


def test_fails_grs_pair_in_another_country() -> None:
    account = resource(
        ACCOUNT, "acct", location="brazilsouth", sku={"name": "Standard_RAGRS"}, tags={"fleet-residency": "dach"}
    )
    from fleet.residency import CustomRegime, resolve_all
    from tests.policies.conftest import CTX

    ctx = type(CTX)(regimes=resolve_all([CustomRegime("dach", countries=("BR",))]), today=CTX.today)
    assert messages(RULE, account, ctx) == [
        "azure-native:storage:StorageAccount 'acct' copies data to southcentralus (US) (sku Standard_RAGRS (paired "
        "region)), outside regime dach (BR); use a locally or zone-redundant SKU (Standard_LRS, Standard_ZRS) or a "
        "region whose pair is allowed"
    ]


def test_fails_grs_in_unpaired_region() -> None:
    account = resource(ACCOUNT, "acct", location="italynorth", sku={"name": "StandardV2_GZRS"}, tags=GDPR)
    assert messages(RULE, account) == [
        "azure-native:storage:StorageAccount 'acct' copies data to pair of italynorth () (sku StandardV2_GZRS), "
        "outside regime gdpr (30 countries); use a locally or zone-redundant SKU (Standard_LRS, Standard_ZRS) or a "
        "region whose pair is allowed"
    ]


def test_fails_gcs_dual_region_with_london() -> None:
    bucket = resource("gcp:storage/bucket:Bucket", "b", location="EUR5", labels=GDPR)
    assert messages(RULE, bucket) == [
        "gcp:storage/bucket:Bucket 'b' stores data in EUR5 (BE, GB) (location), outside regime gdpr (30 countries); "
        "set location to a single allowed region (or EU for an EU regime, or an allowed dual-region)"
    ]


def test_fails_gcs_multi_region_that_crosses_borders() -> None:
    bucket = resource("gcp:storage/bucket:Bucket", "b", location="ASIA", labels={"fleet-residency": "uk"})
    assert messages(RULE, bucket)[0].startswith("gcp:storage/bucket:Bucket 'b' stores data in ASIA (several countries)")


def test_fails_bigquery_dataset_without_location_defaults_to_us() -> None:
    dataset = resource("gcp:bigquery/dataset:Dataset", "ds", labels=GDPR)
    assert messages(RULE, dataset) == [
        "gcp:bigquery/dataset:Dataset 'ds' stores data in US (US) (location (unset: BigQuery defaults to US)), "
        "outside regime gdpr (30 countries); set location to a single allowed region (or EU for an EU regime, or an "
        "allowed dual-region)"
    ]


def test_fails_on_unknown_regime_tag() -> None:
    assert messages(RULE, resource(ACCOUNT, "a", location="westeurope", tags={"fleet-residency": "xx"}))[0].startswith(
        "azure-native:storage:StorageAccount 'a' is tagged fleet-residency='xx', which is not a regime"
    )
