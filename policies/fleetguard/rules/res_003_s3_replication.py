"""FLEET-RES-003: S3 replication of a regulated bucket only targets buckets inside the regime.

Protects: residency of replicated S3 data. A replication rule names its destination by ARN,
and S3 ARNs carry no region, so the rule finds the destination bucket among the stack's
resources and checks its region. A destination that is not in the stack cannot be proven
compliant and is reported too.
"""

from __future__ import annotations

from collections.abc import Iterator

from fleetguard.locations import effective_location
from fleetguard.model import Context, Finding, Resource, Rule, regime_of

BUCKET = "aws:s3/bucket:Bucket"
REPLICATION = "aws:s3/bucketReplicationConfig:BucketReplicationConfig"


def _bucket_keys(bucket: Resource) -> set[str]:
    keys = {str(bucket.props.get(k)) for k in ("arn", "bucket", "id") if bucket.props.get(k)}
    keys |= {f"arn:aws:s3:::{bucket.props.get('bucket')}"} if bucket.props.get("bucket") else set()
    return keys


def check(resources: list[Resource], ctx: Context) -> Iterator[Finding]:
    buckets = [r for r in resources if r.type == BUCKET]
    by_key = {key: bucket for bucket in buckets for key in _bucket_keys(bucket)}
    for config in (r for r in resources if r.type == REPLICATION):
        source = by_key.get(str(config.props.get("bucket")))
        regime_name = regime_of(source) if source else None
        if regime_name is None or regime_name not in ctx.regimes:
            continue
        regime = ctx.regimes[regime_name]
        if regime.countries is None:
            continue
        for rule in config.props.get("rules") or []:
            destination = str((rule.get("destination") or {}).get("bucket", ""))
            target = by_key.get(destination)
            if target is None:
                yield Finding(
                    f"{REPLICATION} {config.name!r} replicates regulated bucket {source.name!r} "  # type: ignore[union-attr]
                    f"(regime {regime.name}) to {destination!r}, which is not in this stack, so its region "
                    "cannot be checked; manage the destination bucket in this stack or exempt it with a reason",
                    urn=config.urn,
                )
                continue
            location = effective_location(BUCKET, target.props, target.provider_props)
            inside = location is None or (bool(location.countries) and location.countries <= regime.countries)  # type: ignore[operator]
            if not inside:
                yield Finding(
                    f"{REPLICATION} {config.name!r} replicates regulated bucket {source.name!r} to "  # type: ignore[union-attr]
                    f"{target.name!r} in {location.describe()}, outside regime {regime.name} ({regime.summary()}); "
                    "replicate to a bucket in an allowed region",
                    urn=config.urn,
                )


RULE = Rule(
    id="FLEET-RES-003",
    name="residency-s3-replication",
    title="Ensure S3 replication of regulated buckets stays inside the regime",
    severity="critical",
    default_level="mandatory",
    rationale="Replication copies every object; its destination ARN hides the region it goes to.",
    remediation="Point replication at a bucket in an allowed region that this stack manages.",
    stack_check=check,
)
