from fleetguard.rules.res_003_s3_replication import BUCKET, REPLICATION, RULE
from tests.policies.conftest import messages, resource

GDPR = {"fleet-residency": "gdpr"}


def fleet(destination_region: str | None, destination_arn: str = "arn:aws:s3:::copy") -> list:
    source = resource(BUCKET, "source", bucket="data", arn="arn:aws:s3:::data", region="eu-west-1", tags=GDPR)
    replication = resource(
        REPLICATION, "repl", bucket="data", rules=[{"destination": {"bucket": destination_arn}, "status": "Enabled"}]
    )
    items = [source, replication]
    if destination_region:
        items.append(resource(BUCKET, "copy", bucket="copy", arn="arn:aws:s3:::copy", region=destination_region))
    return items


def test_compliant_destination_inside_the_regime() -> None:
    assert messages(RULE, fleet("eu-central-1")) == []


def test_compliant_unregulated_source_is_not_judged() -> None:
    items = fleet(None)
    items[0].props = {**items[0].props, "tags": {}}
    assert messages(RULE, items) == []


def test_fails_destination_outside_the_regime() -> None:
    assert messages(RULE, fleet("us-east-1")) == [
        "aws:s3/bucketReplicationConfig:BucketReplicationConfig 'repl' replicates regulated bucket 'source' to "
        "'copy' in us-east-1 (US), outside regime gdpr (30 countries); replicate to a bucket in an allowed region"
    ]


def test_fails_destination_not_in_the_stack() -> None:
    assert messages(RULE, fleet(None, "arn:aws:s3:::elsewhere")) == [
        "aws:s3/bucketReplicationConfig:BucketReplicationConfig 'repl' replicates regulated bucket 'source' "
        "(regime gdpr) to 'arn:aws:s3:::elsewhere', which is not in this stack, so its region cannot be checked; "
        "manage the destination bucket in this stack or exempt it with a reason"
    ]
