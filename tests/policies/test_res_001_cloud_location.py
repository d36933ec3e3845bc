from pulumi_policy.proxy import UnknownValueError, unknown_checking_proxy

from fleetguard.rules.res_001_cloud_location import RULE
from tests.policies.conftest import CTX, messages, resource

GDPR = {"fleet-residency": "gdpr"}


def test_compliant_aws_resource_in_its_regime() -> None:
    assert messages(RULE, resource("aws:s3/bucket:Bucket", tags=GDPR, region="eu-west-1")) == []


def test_compliant_when_provider_region_is_inside() -> None:
    assert messages(RULE, resource("aws:sqs/queue:Queue", provider={"region": "eu-north-1"}, tags=GDPR)) == []


def test_compliant_untagged_resources_are_not_judged() -> None:
    assert messages(RULE, resource("aws:sqs/queue:Queue", provider={"region": "us-east-1"})) == []


def test_compliant_norway_is_gdpr() -> None:
    assert messages(RULE, resource("azure-native:storage:StorageAccount", location="Norway East", tags=GDPR)) == []


def test_fails_per_resource_region_overrides_a_compliant_provider() -> None:
    subject = resource("aws:sqs/queue:Queue", "q", provider={"region": "eu-west-1"}, tags=GDPR, region="eu-central-2")
    assert messages(RULE, subject) == [
        "aws:sqs/queue:Queue 'q' is in eu-central-2 (CH) by its region, outside regime gdpr (30 countries); move it "
        "to a region from `fleet regions --regime gdpr` or correct its fleet-residency tag"
    ]


def test_fails_on_provider_region_outside() -> None:
    subject = resource("aws:sqs/queue:Queue", "q", provider={"region": "eu-west-2"}, tags=GDPR)
    assert messages(RULE, subject) == [
        "aws:sqs/queue:Queue 'q' is in eu-west-2 (GB) by its provider region, outside regime gdpr (30 countries); "
        "move it to a region from `fleet regions --regime gdpr` or correct its fleet-residency tag"
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
        "aws:sqs/queue:Queue 'q' is tagged fleet-residency='gdrp', which is not a regime (known: none, eu, gdpr, ch, "
        "uk, us, ca); fix the tag or add the regime to the policy config"
    ]


def test_fails_on_a_region_missing_from_the_catalogue() -> None:
    subject = resource("aws:sqs/queue:Queue", "q", tags=GDPR, region="eu-west-9")
    assert messages(RULE, subject)[0].startswith("aws:sqs/queue:Queue 'q' is in eu-west-9 () by its region")


def test_unknown_location_during_preview_is_not_a_violation() -> None:
    # The SDK turns UnknownValueError into an advisory "can't run policy during preview" note.
    props = unknown_checking_proxy({"tags": GDPR, "region": "04da6b54-80e4-46f7-96ec-b56ff0331ba9"})
    subject = resource("aws:sqs/queue:Queue", "q")
    subject.props = props
    try:
        messages(RULE, subject, CTX)
    except UnknownValueError as err:
        assert "can't be known during preview" in err.message
    else:  # pragma: no cover - the proxy must raise
        raise AssertionError("reading an unknown region must raise")
