import dataclasses
import json

from fleet.core.residency import CustomRegime, resolve_all
from fleetguard.model import Context, Resource, Unknown
from fleetguard.references import Stack, homes_of
from fleetguard.rules.res_003_copy_targets import RULE
from tests.policies.conftest import CTX, messages, resource

GDPR = {"fleet-residency": "gdpr"}
GCP_ATTACHMENT = "gcp:compute/diskResourcePolicyAttachment:DiskResourcePolicyAttachment"
BUCKET = "aws:s3/bucket:Bucket"
REPLICATION = "aws:s3/bucketReplicationConfig:BucketReplicationConfig"


def fleet(destination_region: str | None, destination_arn: str = "arn:aws:s3:::copy") -> list:
    source = resource(BUCKET, "source", bucket="data", arn="arn:aws:s3:::data", region="eu-west-1", tags=GDPR)
    replication = resource(
        REPLICATION,
        "repl",
        bucket="data",
        tags=GDPR,
        rules=[{"destination": {"bucket": destination_arn}, "status": "Enabled"}],
    )
    items = [source, replication]
    if destination_region:
        items.append(resource(BUCKET, "copy", bucket="copy", arn="arn:aws:s3:::copy", region=destination_region))
    return items


def test_compliant_destination_inside_the_regime() -> None:
    assert messages(RULE, fleet("eu-central-1")) == []


def test_compliant_unregulated_replication_is_not_judged() -> None:
    items = fleet(None)
    items[0].props = {**items[0].props, "tags": {}}
    items[1].props = {**items[1].props, "tags": {}}
    assert messages(RULE, items) == []


def test_fails_replication_config_carries_its_buckets_regime() -> None:
    items = fleet("us-east-1")
    items[1].props = {**items[1].props, "tags": {}}  # untagged: the bucket it replicates is regulated
    assert messages(RULE, items)[0].startswith(
        "aws:s3/bucketReplicationConfig:BucketReplicationConfig 'repl' (regime gdpr) sends data"
    )


def test_fails_destination_outside_the_regime() -> None:
    assert messages(RULE, fleet("us-east-1")) == [
        "aws:s3/bucketReplicationConfig:BucketReplicationConfig 'repl' (regime gdpr) sends data "
        "(rules[].destination.bucket) to aws:s3/bucket:Bucket 'copy' in us-east-1 (US), outside the regime "
        "(30 countries); send it to a resource in an allowed region"
    ]


def test_fails_destination_not_in_the_stack() -> None:
    assert messages(RULE, fleet(None, "arn:aws:s3:::elsewhere")) == [
        "aws:s3/bucketReplicationConfig:BucketReplicationConfig 'repl' (regime gdpr) sends data "
        "(rules[].destination.bucket) to 'arn:aws:s3:::elsewhere', which is not in this stack and names no region, "
        "so where the copy goes cannot be checked; manage the destination in this stack or exempt it with a reason"
    ]


def test_fails_read_replica_of_a_regulated_database_outside_its_regime() -> None:
    primary = resource("aws:rds/instance:Instance", "db", identifier="db", region="eu-west-1", tags=GDPR)
    replica = resource(
        "aws:rds/instance:Instance", "db-replica", replicateSourceDb="arn:aws:rds:eu-west-1:1:db:db", region="us-east-1"
    )
    primary.props = {**primary.props, "arn": "arn:aws:rds:eu-west-1:1:db:db"}
    assert messages(RULE, [primary, replica]) == [
        "aws:rds/instance:Instance 'db-replica' is a copy (replicateSourceDb) of aws:rds/instance:Instance 'db' "
        "(regime gdpr) and keeps it in us-east-1 (US), outside the regime (30 countries); put the copy in an "
        "allowed region"
    ]


def test_fails_global_cluster_member_outside_a_member_regime() -> None:
    anchor = resource("aws:rds/globalCluster:GlobalCluster", "g", globalClusterIdentifier="g1")
    eu = resource("aws:rds/cluster:Cluster", "eu", globalClusterIdentifier="g1", region="eu-west-1", tags=GDPR)
    us = resource("aws:rds/cluster:Cluster", "us", globalClusterIdentifier="g1", region="us-east-1")
    assert messages(RULE, [anchor, eu, us]) == [
        "aws:rds/cluster:Cluster 'us' replicates with aws:rds/cluster:Cluster 'eu' (regime gdpr) in one global group "
        "and keeps its copy in us-east-1 (US), outside the regime (30 countries); remove it from the group or move it "
        "to an allowed region"
    ]


def test_compliant_azure_resource_inherits_a_resource_group_inside_the_regime() -> None:
    group = resource("azure-native:resources:ResourceGroup", "rg", resourceGroupName="rg", location="westeurope")
    vault = resource("azure-native:keyvault:Vault", "kv", resourceGroupName="rg", tags=GDPR)
    assert messages(RULE, [group, vault]) == []


def test_fails_azure_resource_inheriting_a_resource_group_outside_the_regime() -> None:
    group = resource("azure-native:resources:ResourceGroup", "rg", resourceGroupName="rg", location="eastus")
    vault = resource("azure-native:keyvault:Vault", "kv", resourceGroupName="rg", tags=GDPR)
    assert messages(RULE, [group, vault]) == [
        "azure-native:keyvault:Vault 'kv' (regime gdpr) takes its location from its parent or resource group: "
        "eastus (US), outside the regime (30 countries); set a location inside the regime"
    ]


def test_fails_azure_resource_whose_resource_group_is_not_in_the_stack() -> None:
    vault = resource("azure-native:keyvault:Vault", "kv", resourceGroupName="elsewhere", tags=GDPR)
    assert messages(RULE, [vault]) == [
        "azure-native:keyvault:Vault 'kv' (regime gdpr) sets no location and takes its resource group's, but its "
        "resourceGroupName 'elsewhere' is not in this stack, so where it keeps data cannot be checked; set its "
        "location or manage the resource group in this stack"
    ]


def test_unknown_destination_defers_only_that_decision() -> None:
    items = fleet("eu-central-1")
    items[1].props = {**items[1].props, "rules": [{"destination": {"bucket": Unknown(items[1].urn, "rules[0]")}}]}
    found = list(RULE.stack_check(items, CTX))  # type: ignore[misc]
    assert [(f.deferred, f.urn) for f in found] == [(True, items[1].urn)]
    assert "deferred until the update" in found[0].message


# Lineage: a copy carries its source's regime, transitively, whatever its own tags say.
RDS = "aws:rds/instance:Instance"


def rds_chain(last_region: str, last_tags: dict | None = None) -> list:  # type: ignore[type-arg]
    primary = resource(RDS, "db", identifier="db", arn="arn:aws:rds:eu-west-1:1:db:db", region="eu-west-1", tags=GDPR)
    first = resource(
        RDS, "r1", identifier="r1", arn="arn:aws:rds:eu-west-1:1:db:r1", replicateSourceDb="db", region="eu-west-1"
    )
    second = resource(
        RDS, "r2", replicateSourceDb="r1", region=last_region, **({"tags": last_tags} if last_tags else {})
    )
    return [primary, first, second]


def test_compliant_copy_of_a_copy_inside_the_regime() -> None:
    assert messages(RULE, rds_chain("eu-central-1")) == []


def test_fails_copy_of_a_copy_outside_the_regime_of_the_first_source() -> None:
    assert messages(RULE, rds_chain("us-east-1")) == [
        "aws:rds/instance:Instance 'r2' is a copy (replicateSourceDb) of aws:rds/instance:Instance 'r1' (regime gdpr, "
        "declared by aws:rds/instance:Instance 'db') and keeps it in us-east-1 (US), outside the regime (30 "
        "countries); put the copy in an allowed region"
    ]


def test_fails_copy_whose_own_tag_says_none() -> None:
    # The copy's tag is its author's word; the data's regime comes from where it was copied from.
    assert len(messages(RULE, rds_chain("us-east-1", {"fleet-residency": "none"}))) == 1


def test_compliant_copy_of_an_unregulated_source_anywhere() -> None:
    chain = rds_chain("us-east-1")
    chain[0].props = {**chain[0].props, "tags": {"fleet-residency": "none"}}
    assert messages(RULE, chain) == []


def test_fails_copy_named_by_a_value_unknown_at_preview_through_its_dependency() -> None:
    primary, first, _ = rds_chain("us-east-1")
    second = resource(RDS, "r2", replicateSourceDb=Unknown("urn:r2", "replicateSourceDb"), region="us-east-1")
    second.depends = {"replicateSourceDb": (first.urn,)}
    assert [m.split(" (")[0] for m in messages(RULE, [primary, first, second])] == [
        "aws:rds/instance:Instance 'r2' is a copy"
    ]


def test_defers_a_copy_whose_unknown_source_no_dependency_names() -> None:
    primary, first, _ = rds_chain("us-east-1")
    second = resource(RDS, "r2", replicateSourceDb=Unknown("urn:r2", "replicateSourceDb"), region="us-east-1")
    assert [f.deferred for f in RULE.stack_check([primary, first, second], CTX)] == [True]  # type: ignore[misc]


SQL = "gcp:sql/databaseInstance:DatabaseInstance"


def test_fails_untagged_replica_whose_own_backups_leave_the_regime() -> None:
    master = resource(SQL, "main", region="europe-west1", settings={"userLabels": GDPR})
    master.props = {**master.props, "name": "main"}
    replica = resource(
        SQL,
        "replica",
        masterInstanceName="main",
        region="europe-west1",
        settings={"backupConfiguration": {"location": "us-central1"}},
    )
    assert messages(RULE, [master, replica]) == [
        "gcp:sql/databaseInstance:DatabaseInstance 'replica' (a copy of gcp:sql/databaseInstance:DatabaseInstance "
        "'main', regime gdpr) copies data to us-central1 (US) (settings.backupConfiguration.location), outside regime "
        "gdpr (30 countries); keep every replica, copy and backup location inside the regime"
    ]


def test_a_nested_azure_resource_is_placed_where_its_parent_is() -> None:
    # An Event Hub is an ARM child of its namespace, which has the location; the namespace is found by
    # the name the child gives it, and by its own <type>Name input.
    namespace = resource("azure-native:eventhub:Namespace", "ns", namespaceName="siem", location="swedencentral")
    hub = resource("azure-native:eventhub:EventHub", "hub", eventHubName="logs", namespaceName="siem",
                   resourceGroupName="rg")  # fmt: skip
    stack = Stack.index([namespace, hub])
    assert [h.value for h in homes_of(hub, stack)] == ["swedencentral"]  # type: ignore[union-attr]
    assert homes_of(hub, Stack.index([hub])) == "it is a child resource with no location of its own"


# ---------------------------------------------------------------- AWS destinations named by ID, name, ARN or URL
# Each source carries the regime on its own tag; each case has a compliant twin.

EU, US = "eu-west-1", "us-east-1"
TOPIC = "arn:aws:sns:eu-west-1:1:orders"


def bucket(name: str, region: str, **tags: str) -> object:
    return resource(BUCKET, name, bucket=name, arn=f"arn:aws:s3:::{name}", region=region, tags=tags or None)


def subscription(endpoint: str) -> list:
    topic = resource("aws:sns/topic:Topic", "orders", arn=TOPIC, region=EU, tags=GDPR)
    sub = resource("aws:sns/topicSubscription:TopicSubscription", "sub", topic=TOPIC, endpoint=endpoint, region=EU)
    return [topic, sub]


def test_compliant_sns_subscription_to_a_queue_in_the_regime() -> None:
    assert messages(RULE, subscription("arn:aws:sqs:eu-central-1:1:q")) == []


def test_fails_sns_subscription_to_a_queue_outside_the_regime() -> None:
    assert messages(RULE, subscription("arn:aws:sqs:us-east-1:1:q")) == [
        "aws:sns/topicSubscription:TopicSubscription 'sub' (regime gdpr) sends data (endpoint) to "
        "'arn:aws:sqs:us-east-1:1:q' in us-east-1 (US), outside the regime (30 countries); send it to a resource in "
        "an allowed region"
    ]


def test_fails_sns_subscription_to_an_email_address_or_external_url() -> None:
    for endpoint in ("ops@example.com", "https://hooks.example.com/sns"):
        assert messages(RULE, subscription(endpoint)) == [
            f"aws:sns/topicSubscription:TopicSubscription 'sub' (regime gdpr) sends data (endpoint) to {endpoint!r}, "
            "an address outside the cloud that names no region, so where it keeps the data cannot be checked; send "
            "it to a resource in an allowed region, or exempt it with a reason"
        ]


def test_compliant_sns_subscription_to_an_aws_endpoint_url_in_the_regime() -> None:
    assert messages(RULE, subscription("https://abc.execute-api.eu-west-1.amazonaws.com/prod/hook")) == []


def event_target(arn: str, *extra: object) -> list:
    rule = resource("aws:cloudwatch/eventRule:EventRule", "orders", region=EU, tags=GDPR)
    rule.props = {**rule.props, "name": "orders"}
    target = resource("aws:cloudwatch/eventTarget:EventTarget", "to", rule="orders", arn=arn, region=EU)
    return [rule, target, *extra]


def test_event_target_bus_by_arn_region() -> None:
    assert messages(RULE, event_target("arn:aws:events:eu-central-1:1:event-bus/default")) == []
    assert messages(RULE, event_target("arn:aws:events:us-east-1:1:event-bus/default")) == [
        "aws:cloudwatch/eventTarget:EventTarget 'to' (regime gdpr) sends data (arn) to "
        "'arn:aws:events:us-east-1:1:event-bus/default' in us-east-1 (US), outside the regime (30 countries); send "
        "it to a resource in an allowed region"
    ]


def test_event_target_api_destination_is_judged_where_it_sends() -> None:
    arn = "arn:aws:events:eu-west-1:1:api-destination/hook/abc"

    def api(url: str) -> object:
        return resource(
            "aws:cloudwatch/eventApiDestination:EventApiDestination", "hook", arn=arn, invocationEndpoint=url, region=EU
        )

    assert messages(RULE, event_target(arn, api("https://abc.execute-api.eu-west-1.amazonaws.com/p"))) == []
    # The API destination receives the regulated events, so it carries their regime (lineage: a receiver).
    assert messages(RULE, event_target(arn, api("https://hooks.example.com/in"))) == [
        "aws:cloudwatch/eventApiDestination:EventApiDestination 'hook' (receiving data from "
        "aws:cloudwatch/eventTarget:EventTarget 'to') (regime gdpr) sends data (invocationEndpoint) to "
        "'https://hooks.example.com/in', an address outside the cloud that names no region, so where it keeps the "
        "data cannot be checked; send it to a resource in an allowed region, or exempt it with a reason"
    ]


def firehose(**config: object) -> object:
    return resource("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "fh", region=EU, tags=GDPR, **config)


def test_firehose_s3_destination_is_looked_up() -> None:
    s3 = {"extendedS3Configuration": {"bucketArn": "arn:aws:s3:::logs"}}
    assert messages(RULE, [firehose(**s3), bucket("logs", "eu-central-1")]) == []
    assert messages(RULE, [firehose(**s3), bucket("logs", US)]) == [
        "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream 'fh' (regime gdpr) sends data "
        "(extendedS3Configuration.bucketArn) to aws:s3/bucket:Bucket 'logs' in us-east-1 (US), outside the regime "
        "(30 countries); send it to a resource in an allowed region"
    ]
    assert "which is not in this stack and names no region" in messages(RULE, [firehose(**s3)])[0]


def test_firehose_http_endpoint_fails_closed() -> None:
    http = {"httpEndpointConfiguration": {"url": "https://ingest.example.com"}}
    assert "an address outside the cloud that names no region" in messages(RULE, [firehose(**http)])[0]
    aws = {"opensearchserverlessConfiguration": {"collectionEndpoint": "https://c1.eu-west-1.aoss.amazonaws.com"}}
    assert messages(RULE, [firehose(**aws)]) == []


def test_trail_bucket_is_looked_up() -> None:
    trail = resource("aws:cloudtrail/trail:Trail", "trail", s3BucketName="trail-logs", region=EU, tags=GDPR)
    assert messages(RULE, [trail, bucket("trail-logs", EU)]) == []
    assert messages(RULE, [trail, bucket("trail-logs", US)]) == [
        "aws:cloudtrail/trail:Trail 'trail' (regime gdpr) sends data (s3BucketName) to aws:s3/bucket:Bucket "
        "'trail-logs' in us-east-1 (US), outside the regime (30 countries); send it to a resource in an allowed region"
    ]


def test_config_delivery_channel_bucket_with_provider_default_tags() -> None:
    provider = {"defaultTags": {"tags": GDPR}}
    channel = resource("aws:cfg/deliveryChannel:DeliveryChannel", "cfg", provider, s3BucketName="cfg", region=EU)
    assert messages(RULE, [channel, bucket("cfg", EU)]) == []
    assert "to aws:s3/bucket:Bucket 'cfg' in us-east-1 (US)" in messages(RULE, [channel, bucket("cfg", US)])[0]


def table_export(bucket_name: str) -> list:
    arn = "arn:aws:dynamodb:eu-west-1:1:table/orders"
    table = resource("aws:dynamodb/table:Table", "orders", arn=arn, region=EU, tags=GDPR)
    export = resource("aws:dynamodb/tableExport:TableExport", "exp", tableArn=arn, s3Bucket=bucket_name, region=EU)
    return [table, export]


def test_table_export_carries_the_tables_regime_to_its_bucket() -> None:
    assert messages(RULE, [*table_export("exports"), bucket("exports", "eu-central-1")]) == []
    assert messages(RULE, [*table_export("exports"), bucket("exports", US)]) == [
        "aws:dynamodb/tableExport:TableExport 'exp' (regime gdpr) sends data (s3Bucket) to aws:s3/bucket:Bucket "
        "'exports' in us-east-1 (US), outside the regime (30 countries); send it to a resource in an allowed region"
    ]
    # A bucket of another account (s3BucketOwner) is not in the stack: refused.
    assert "'other-account', which is not in this stack" in messages(RULE, table_export("other-account"))[0]


def test_multi_region_access_point_buckets_replicate_with_each_other() -> None:
    def mrap(*names: str) -> object:
        regions = [{"bucket": n} for n in names]
        return resource(
            "aws:s3control/multiRegionAccessPoint:MultiRegionAccessPoint", "mrap", details={"regions": regions}
        )

    eu = bucket("eu-data", EU, **GDPR)
    assert messages(RULE, [mrap("eu-data", "de-data"), eu, bucket("de-data", "eu-central-1")]) == []
    assert messages(RULE, [mrap("eu-data", "us-data"), eu, bucket("us-data", US)]) == [
        "aws:s3/bucket:Bucket 'us-data' replicates with aws:s3/bucket:Bucket 'eu-data' (regime gdpr) in one global "
        "group and keeps its copy in us-east-1 (US), outside the regime (30 countries); remove it from the group or "
        "move it to an allowed region"
    ]
    assert messages(RULE, [mrap("eu-data", "elsewhere"), eu]) == [
        "aws:s3control/multiRegionAccessPoint:MultiRegionAccessPoint 'mrap' replicates (details.regions[].bucket) "
        "with 'elsewhere', which is not in this stack, in a group holding aws:s3/bucket:Bucket 'eu-data' (regime "
        "gdpr), so where those copies are kept cannot be checked; manage every member in this stack or exempt it "
        "with a reason"
    ]


def test_elasticache_primary_joins_its_global_datastore_through_the_group() -> None:
    group = "aws:elasticache/replicationGroup:ReplicationGroup"

    def fleet(secondary_region: str) -> list:
        primary = resource(group, "primary", replicationGroupId="primary", region=EU, tags=GDPR)
        anchor = resource(
            "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup",
            "global",
            globalReplicationGroupId="ldgnf-orders",
            primaryReplicationGroupId="primary",
        )
        secondary = resource(group, "secondary", globalReplicationGroupId="ldgnf-orders", region=secondary_region)
        return [primary, anchor, secondary]

    assert messages(RULE, fleet("eu-central-1")) == []
    assert messages(RULE, fleet(US)) == [
        f"{group} 'secondary' replicates with {group} 'primary' (regime gdpr) in one global group and keeps its copy "
        "in us-east-1 (US), outside the regime (30 countries); remove it from the group or move it to an allowed "
        "region"
    ]


def test_aurora_global_cluster_made_from_an_existing_cluster() -> None:
    arn = "arn:aws:rds:eu-west-1:1:cluster:orders"

    def fleet(secondary_region: str) -> list:
        primary = resource(
            "aws:rds/cluster:Cluster", "primary", clusterIdentifier="orders", arn=arn, region=EU, tags=GDPR
        )
        anchor = resource(
            "aws:rds/globalCluster:GlobalCluster", "g", globalClusterIdentifier="g", sourceDbClusterIdentifier=arn
        )
        secondary = resource(
            "aws:rds/cluster:Cluster", "secondary", globalClusterIdentifier="g", region=secondary_region
        )
        return [primary, anchor, secondary]

    assert messages(RULE, fleet("eu-central-1")) == []
    assert "'secondary' replicates with aws:rds/cluster:Cluster 'primary' (regime gdpr)" in messages(RULE, fleet(US))[0]


def test_efs_replication_carries_its_file_systems_regime() -> None:
    def fleet(region: str) -> list:
        fs = resource("aws:efs/fileSystem:FileSystem", "fs", id="fs-1", region=EU, tags=GDPR)
        repl = resource(
            "aws:efs/replicationConfiguration:ReplicationConfiguration",
            "repl",
            sourceFileSystemId="fs-1",
            destination={"region": region},
            region=EU,
        )
        return [fs, repl]

    assert messages(RULE, fleet("eu-central-1")) == []
    assert messages(RULE, fleet(US)) == [
        "aws:efs/replicationConfiguration:ReplicationConfiguration 'repl' (configuring aws:efs/fileSystem:FileSystem "
        "'fs', regime gdpr) copies data to us-east-1 (US) (destination.region), outside regime gdpr (30 countries); "
        "keep every replica, copy and backup location inside the regime"
    ]


def test_redshift_snapshot_copy_carries_its_clusters_regime() -> None:
    def fleet(region: str) -> list:
        cluster = resource("aws:redshift/cluster:Cluster", "dw", clusterIdentifier="dw", region=EU, tags=GDPR)
        copy = resource(
            "aws:redshift/snapshotCopy:SnapshotCopy", "copy", clusterIdentifier="dw", destinationRegion=region
        )
        return [cluster, copy]

    assert messages(RULE, fleet("eu-central-1")) == []
    assert (
        "(configuring aws:redshift/cluster:Cluster 'dw', regime gdpr) copies data to us-east-1 (US) (destinationRegion)"
        in messages(RULE, fleet(US))[0]
    )


COPIES = [
    ("aws:ebs/volume:Volume", "aws:ebs/snapshot:Snapshot", "volumeId", "vol-1"),
    ("aws:ebs/snapshot:Snapshot", "aws:ebs/snapshotCopy:SnapshotCopy", "sourceSnapshotId", "snap-1"),
    ("aws:ebs/snapshot:Snapshot", "aws:ebs/volume:Volume", "snapshotId", "snap-1"),
    ("aws:ec2/ami:Ami", "aws:ec2/amiCopy:AmiCopy", "sourceAmiId", "ami-1"),
    ("aws:ec2/instance:Instance", "aws:ec2/amiFromInstance:AmiFromInstance", "sourceInstanceId", "i-1"),
    ("aws:rds/instance:Instance", "aws:rds/snapshot:Snapshot", "dbInstanceIdentifier", "db-1"),
    ("aws:rds/cluster:Cluster", "aws:rds/clusterSnapshot:ClusterSnapshot", "dbClusterIdentifier", "c-1"),
    ("aws:rds/snapshot:Snapshot", "aws:rds/snapshotCopy:SnapshotCopy", "sourceDbSnapshotIdentifier", "s-1"),
    ("aws:rds/snapshot:Snapshot", "aws:rds/instance:Instance", "snapshotIdentifier", "s-1"),
]


def test_copies_named_by_their_source_stay_in_the_sources_regime() -> None:
    for origin_type, copy_type, prop, origin_id in COPIES:
        origin = resource(origin_type, "origin", id=origin_id, region=EU, tags=GDPR)
        inside = resource(copy_type, "copy", region="eu-central-1", **{prop: origin_id})
        outside = resource(copy_type, "copy", region=US, **{prop: origin_id})
        assert messages(RULE, [origin, inside]) == [], copy_type
        assert messages(RULE, [origin, outside]) == [
            f"{copy_type} 'copy' is a copy ({prop}) of {origin_type} 'origin' (regime gdpr) and keeps it in "
            "us-east-1 (US), outside the regime (30 countries); put the copy in an allowed region"
        ], copy_type


def test_rds_snapshot_copy_to_another_destination_region() -> None:
    origin = resource("aws:rds/snapshot:Snapshot", "origin", id="s-1", region=EU, tags=GDPR)
    copy = resource(
        "aws:rds/snapshotCopy:SnapshotCopy", "copy", sourceDbSnapshotIdentifier="s-1", region=EU, destinationRegion=US
    )
    # The copy's own copy rows hold its source's data too.
    assert messages(RULE, [origin, copy]) == [
        "aws:rds/snapshotCopy:SnapshotCopy 'copy' (a copy of aws:rds/snapshot:Snapshot 'origin', regime gdpr) copies "
        "data to us-east-1 (US) (destinationRegion), outside regime gdpr (30 countries); keep every replica, copy and "
        "backup location inside the regime"
    ]


def dms(server: str, endpoint_type: str = "target") -> list:
    source = resource(
        "aws:dms/endpoint:Endpoint", "src", endpointArn="arn:src", endpointType="source",
        serverName="db.onprem.example.com", region=EU, tags=GDPR,
    )  # fmt: skip
    target = resource("aws:dms/endpoint:Endpoint", "dst", endpointArn="arn:dst", endpointType=endpoint_type,
                      serverName=server, region=EU)  # fmt: skip
    task = resource(
        "aws:dms/replicationTask:ReplicationTask", "task", sourceEndpointArn="arn:src", targetEndpointArn="arn:dst",
        region=EU,
    )  # fmt: skip
    return [source, target, task]


def test_dms_task_is_judged_where_its_target_endpoint_writes() -> None:
    assert messages(RULE, dms("orders.abc.eu-central-1.rds.amazonaws.com")) == []
    assert messages(RULE, dms("orders.abc.us-east-1.rds.amazonaws.com")) == [
        "aws:dms/endpoint:Endpoint 'dst' (receiving data from aws:dms/replicationTask:ReplicationTask 'task') "
        "(regime gdpr) sends data (serverName) to 'orders.abc.us-east-1.rds.amazonaws.com' in us-east-1 (US), "
        "outside the regime (30 countries); send it to a resource in an allowed region"
    ]
    assert "'warehouse.example.com', an address outside the cloud" in messages(RULE, dms("warehouse.example.com"))[0]


def test_log_subscription_carries_its_log_groups_regime() -> None:
    group = resource("aws:cloudwatch/logGroup:LogGroup", "app", region=EU, tags=GDPR)
    group.props = {**group.props, "name": "app"}

    def sub(arn: str) -> object:
        return resource(
            "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter", "sub", logGroup="app", destinationArn=arn
        )

    assert messages(RULE, [group, sub("arn:aws:firehose:eu-west-1:1:deliverystream/logs")]) == []
    assert "in us-east-1 (US)" in messages(RULE, [group, sub("arn:aws:firehose:us-east-1:1:deliverystream/logs")])[0]


# ------------------------------------------------------------------ GCP copies and destinations (issue 20)
DE = {"fleet-residency": "de"}
GCP_DISK = "gcp:compute/disk:Disk"
GCP_SNAPSHOT = "gcp:compute/snapshot:Snapshot"
GCP_IMAGE = "gcp:compute/image:Image"
DATASET = "gcp:bigquery/dataset:Dataset"
PUBSUB_TOPIC = "gcp:pubsub/topic:Topic"
SUBSCRIPTION = "gcp:pubsub/subscription:Subscription"
GCS = "gcp:storage/bucket:Bucket"
STACK_GDPR = Context(CTX.regimes, today=CTX.today, stack_regime="gdpr")


def named(type_: str, name: str, **props: object) -> Resource:
    """A resource whose ``name`` input is its name (the conftest helper takes ``name`` as the logical name)."""
    made = resource(type_, name, **props)
    made.props = {**made.props, "name": name}
    return made


def de_only() -> Context:
    return Context(resolve_all([CustomRegime("de", countries=("DE",))]), today=CTX.today)


def test_compliant_untagged_snapshot_of_a_regulated_disk_with_storage_inside() -> None:
    disk = named(GCP_DISK, "d", zone="europe-west3-a", labels=DE)
    snapshot = resource(GCP_SNAPSHOT, "snap", sourceDisk="d", storageLocations=["europe-west3"])
    assert messages(RULE, [disk, snapshot], de_only()) == []


def test_fails_untagged_snapshot_of_a_regulated_disk_in_the_nearest_multi_region() -> None:
    disk = named(GCP_DISK, "d", zone="europe-west3-a", labels=DE)
    snapshot = resource(GCP_SNAPSHOT, "snap", sourceDisk="d")
    found = messages(RULE, [disk, snapshot], de_only())
    assert len(found) == 1
    assert found[0].startswith(
        "gcp:compute/snapshot:Snapshot 'snap' (regime de) sets no storage location and is stored in the multi-region "
        "nearest its source: EU (AT, BE, "
    )
    assert found[0].endswith("outside the regime (DE); set storageLocations to a location inside the regime")


def test_compliant_image_of_an_image_in_the_eu() -> None:
    base = named(GCP_IMAGE, "base", storageLocations=["eu"])
    image = resource(GCP_IMAGE, "img", labels=GDPR, sourceImage="projects/p/global/images/base")
    assert messages(RULE, [base, image]) == []


def test_fails_image_of_an_image_in_the_us_multi_region() -> None:
    base = named(GCP_IMAGE, "base", storageLocations=["us"])
    image = resource(GCP_IMAGE, "img", labels=GDPR, sourceImage="projects/p/global/images/base")
    assert messages(RULE, [base, image]) == [
        "gcp:compute/image:Image 'img' (regime gdpr) sets no storage location and is stored in the multi-region "
        "nearest its source: US (US), outside the regime (30 countries); set storageLocations to a location inside "
        "the regime"
    ]


def test_fails_snapshot_whose_source_disk_is_not_in_the_stack() -> None:
    snapshot = resource(GCP_SNAPSHOT, "snap", labels=GDPR, sourceDisk="elsewhere")
    assert messages(RULE, [snapshot]) == [
        "gcp:compute/snapshot:Snapshot 'snap' (regime gdpr) sets no storage location, so Google stores it in the "
        "multi-region nearest its source, but its sourceDisk 'elsewhere' is not in this stack, so where it keeps "
        "data cannot be checked; set storageLocations to a location inside the regime"
    ]


def test_compliant_disk_restored_from_a_regulated_snapshot_inside() -> None:
    snapshot = named(GCP_SNAPSHOT, "snap", labels=GDPR, storageLocations=["eu"])
    disk = resource(GCP_DISK, "restored", snapshot="snap", zone="europe-west1-b")
    assert messages(RULE, [snapshot, disk]) == []


def test_fails_disk_restored_from_a_regulated_snapshot_outside() -> None:
    snapshot = named(GCP_SNAPSHOT, "snap", labels=GDPR, storageLocations=["eu"])
    disk = resource(GCP_DISK, "restored", snapshot="snap", zone="us-east1-b")
    assert messages(RULE, [snapshot, disk]) == [
        "gcp:compute/disk:Disk 'restored' is a copy (snapshot) of gcp:compute/snapshot:Snapshot 'snap' (regime gdpr) "
        "and keeps it in us-east1 (US), outside the regime (30 countries); put the copy in an allowed region"
    ]


def async_replication(secondary_zone: str) -> list:
    primary = named(GCP_DISK, "primary", zone="europe-west1-b", labels=GDPR)
    secondary = named(GCP_DISK, "secondary", zone=secondary_zone)
    replication = resource(
        "gcp:compute/diskAsyncReplication:DiskAsyncReplication",
        "repl",
        primaryDisk="projects/p/zones/europe-west1-b/disks/primary",
        secondaryDisk={"disk": "secondary"},
    )
    return [primary, secondary, replication]


def test_compliant_async_disk_replication_inside() -> None:
    assert messages(RULE, async_replication("europe-west4-a")) == []


def test_fails_async_disk_replication_to_another_country() -> None:
    assert messages(RULE, async_replication("us-east4-a")) == [
        "gcp:compute/diskAsyncReplication:DiskAsyncReplication 'repl' (regime gdpr) sends data (secondaryDisk.disk) "
        "to gcp:compute/disk:Disk 'secondary' in us-east4 (US), outside the regime (30 countries); send it to a "
        "resource in an allowed region"
    ]


def dataset_copy(destination_location: str | None) -> list:
    source = resource(DATASET, "src", datasetId="src", location="EU", labels=GDPR)
    destination = resource(
        DATASET, "dst", datasetId="dst", **({"location": destination_location} if destination_location else {})
    )
    transfer = resource(
        "gcp:bigquery/dataTransferConfig:DataTransferConfig",
        "copy",
        dataSourceId="cross_region_copy",
        destinationDatasetId="dst",
        params={"source_dataset_id": "src", "source_project_id": "p"},
    )
    return [source, destination, transfer]


def test_compliant_bigquery_dataset_copy_inside() -> None:
    assert messages(RULE, dataset_copy("europe-west1")) == []


def test_fails_bigquery_dataset_copy_to_a_dataset_without_location() -> None:
    # A dataset created without a location is in the US multi-region.
    assert messages(RULE, dataset_copy(None)) == [
        "gcp:bigquery/dataTransferConfig:DataTransferConfig 'copy' (regime gdpr) sends data (destinationDatasetId) "
        "to gcp:bigquery/dataset:Dataset 'dst' in US (US), outside the regime (30 countries); send it to a resource "
        "in an allowed region"
    ]


def copy_job(destination_location: str) -> list:
    source = resource(DATASET, "src", datasetId="src", location="EU", labels=GDPR)
    destination = resource(DATASET, "dst", datasetId="dst", location=destination_location)
    job = resource(
        "gcp:bigquery/job:Job",
        "job",
        jobId="j",
        copy={
            "sourceTables": [{"projectId": "p", "datasetId": "src", "tableId": "t"}],
            "destinationTable": {"tableId": "projects/p/datasets/dst/tables/t"},
        },
    )
    return [source, destination, job]


def test_compliant_bigquery_copy_job_inside() -> None:
    assert messages(RULE, copy_job("EU")) == []


def test_fails_bigquery_copy_job_to_another_region() -> None:
    assert messages(RULE, copy_job("us-central1")) == [
        "gcp:bigquery/job:Job 'job' (regime gdpr) sends data (copy.destinationTable) to gcp:bigquery/dataset:Dataset "
        "'dst' in us-central1 (US), outside the regime (30 countries); send it to a resource in an allowed region"
    ]


def pubsub_subscription(**config: object) -> list:
    topic = named(
        PUBSUB_TOPIC,
        "events",
        labels=GDPR,
        messageStoragePolicy={"allowedPersistenceRegions": ["europe-west1"]},
    )
    return [topic, resource(SUBSCRIPTION, "sub", topic="projects/p/topics/events", **config)]


def test_compliant_bigquery_subscription_into_an_eu_dataset() -> None:
    dataset = resource(DATASET, "dst", datasetId="dst", location="EU")
    assert messages(RULE, [*pubsub_subscription(bigqueryConfig={"table": "p.dst.events"}), dataset]) == []


def test_fails_bigquery_subscription_into_a_us_dataset() -> None:
    dataset = resource(DATASET, "dst", datasetId="dst", location="US")
    assert messages(RULE, [*pubsub_subscription(bigqueryConfig={"table": "p.dst.events"}), dataset]) == [
        "gcp:pubsub/subscription:Subscription 'sub' (regime gdpr) sends data (bigqueryConfig.table) to "
        "gcp:bigquery/dataset:Dataset 'dst' in US (US), outside the regime (30 countries); send it to a resource in "
        "an allowed region"
    ]


def test_compliant_cloud_storage_subscription_into_an_eu_bucket() -> None:
    bucket = named(GCS, "archive", location="EU")
    assert messages(RULE, [*pubsub_subscription(cloudStorageConfig={"bucket": "archive"}), bucket]) == []


def test_fails_cloud_storage_subscription_into_a_us_bucket() -> None:
    bucket = named(GCS, "archive", location="US")
    assert messages(RULE, [*pubsub_subscription(cloudStorageConfig={"bucket": "archive"}), bucket]) == [
        "gcp:pubsub/subscription:Subscription 'sub' (regime gdpr) sends data (cloudStorageConfig.bucket) to "
        "gcp:storage/bucket:Bucket 'archive' in US (US), outside the regime (30 countries); send it to a resource in "
        "an allowed region"
    ]


def test_compliant_push_subscription_to_a_service_of_the_stack_inside() -> None:
    service = resource(
        "gcp:cloudrunv2/service:Service", "svc", location="europe-west1", uri="https://svc-abc-ew.a.run.app"
    )
    items = pubsub_subscription(pushConfig={"pushEndpoint": "https://svc-abc-ew.a.run.app/push"})
    assert messages(RULE, [*items, service]) == []


def test_fails_push_subscription_to_an_external_endpoint() -> None:
    assert messages(RULE, pubsub_subscription(pushConfig={"pushEndpoint": "https://example.com/push"})) == [
        "gcp:pubsub/subscription:Subscription 'sub' (regime gdpr) sends data (pushConfig.pushEndpoint) to "
        "'https://example.com/push', an address outside the cloud that names no region, so where it keeps the data "
        "cannot be checked; send it to a resource in an allowed region, or exempt it with a reason"
    ]


def sink(destination: str) -> list:
    return [named("gcp:logging/projectSink:ProjectSink", "sink", destination=destination)]


def test_compliant_log_sink_to_a_log_bucket_inside() -> None:
    path = "logging.googleapis.com/projects/p/locations/europe-west1/buckets/audit"
    assert messages(RULE, sink(path), STACK_GDPR) == []


def test_fails_log_sink_to_a_global_log_bucket() -> None:
    # The _Default log bucket, and any bucket created in "global", is not placed in a region.
    path = "logging.googleapis.com/projects/p/locations/global/buckets/_Default"
    assert messages(RULE, sink(path), STACK_GDPR) == [
        f"gcp:logging/projectSink:ProjectSink 'sink' (regime gdpr) sends data (destination) to '{path}' in global "
        "(global: Google chooses the locations), outside the regime (30 countries); send it to a resource in an "
        "allowed region"
    ]


def test_fails_log_sink_to_a_bucket_outside_the_stack() -> None:
    assert messages(RULE, sink("storage.googleapis.com/someone-elses-bucket"), STACK_GDPR) == [
        "gcp:logging/projectSink:ProjectSink 'sink' (regime gdpr) sends data (destination) to "
        "'storage.googleapis.com/someone-elses-bucket', which is not in this stack and names no region, so where the "
        "copy goes cannot be checked; manage the destination in this stack or exempt it with a reason"
    ]


def test_compliant_filestore_backup_inside() -> None:
    instance = named("gcp:filestore/instance:Instance", "fs", location="europe-west1-b", labels=GDPR)
    backup = resource(
        "gcp:filestore/backup:Backup",
        "bk",
        location="europe-west1",
        sourceInstance="projects/p/locations/europe-west1-b/instances/fs",
    )
    assert messages(RULE, [instance, backup]) == []


def test_fails_filestore_backup_in_another_country() -> None:
    instance = named("gcp:filestore/instance:Instance", "fs", location="europe-west1-b", labels=GDPR)
    backup = resource(
        "gcp:filestore/backup:Backup",
        "bk",
        location="us-central1",
        sourceInstance="projects/p/locations/europe-west1-b/instances/fs",
    )
    assert messages(RULE, [instance, backup]) == [
        "gcp:filestore/backup:Backup 'bk' is a copy (sourceInstance) of gcp:filestore/instance:Instance 'fs' (regime "
        "gdpr) and keeps it in us-central1 (US), outside the regime (30 countries); put the copy in an allowed "
        "region"
    ]


def gke_backup(plan_location: str, restore_cluster: str) -> list:
    cluster = named("gcp:container/cluster:Cluster", "gke", location="europe-west1", resourceLabels=GDPR)
    plan = named(
        "gcp:gkebackup/backupPlan:BackupPlan",
        "plan",
        location=plan_location,
        cluster="projects/p/locations/europe-west1/clusters/gke",
        # untagged: the plan carries the cluster's regime along its source edge, the restore plan the plan's
    )
    restore = resource(
        "gcp:gkebackup/restorePlan:RestorePlan",
        "restore",
        location=plan_location,
        backupPlan=f"projects/p/locations/{plan_location}/backupPlans/plan",
        cluster=restore_cluster,
    )
    return [cluster, plan, restore]


def test_compliant_gke_backup_and_restore_inside() -> None:
    assert messages(RULE, gke_backup("europe-west4", "projects/p/locations/europe-west4/clusters/dr")) == []


def test_fails_gke_backup_plan_and_restore_outside() -> None:
    assert messages(RULE, gke_backup("us-central1", "projects/p/locations/us-central1/clusters/dr")) == [
        "gcp:gkebackup/backupPlan:BackupPlan 'plan' is a copy (cluster) of gcp:container/cluster:Cluster 'gke' "
        "(regime gdpr) and keeps it in us-central1 (US), outside the regime (30 countries); put the copy in an "
        "allowed region",
        "gcp:gkebackup/restorePlan:RestorePlan 'restore' (regime gdpr) sends data (cluster) to "
        "'projects/p/locations/us-central1/clusters/dr' in us-central1 (US), outside the regime (30 countries); "
        "send it to a resource in an allowed region",
    ]


def transfer(sink_location: str) -> list:
    source = named(GCS, "src", location="EU", labels=GDPR)
    sink_bucket = named(GCS, "dst", location=sink_location)
    job = resource(
        "gcp:storage/transferJob:TransferJob",
        "job",
        transferSpec={"gcsDataSource": {"bucketName": "src"}, "gcsDataSink": {"bucketName": "dst"}},
    )
    return [source, sink_bucket, job]


def test_compliant_storage_transfer_inside() -> None:
    assert messages(RULE, transfer("europe-west3")) == []


def test_fails_storage_transfer_to_another_country() -> None:
    assert messages(RULE, transfer("US")) == [
        "gcp:storage/transferJob:TransferJob 'job' (regime gdpr) sends data (transferSpec.gcsDataSink.bucketName) to "
        "gcp:storage/bucket:Bucket 'dst' in US (US), outside the regime (30 countries); send it to a resource in an "
        "allowed region"
    ]


# ------------------------------------------------------------------ Azure copies and destinations (issue 20)
SUB = "/subscriptions/0/resourceGroups/rg/providers"


def azure(type_: str, name: str, id_: str, **props: object) -> Resource:
    made = resource(f"azure-native:{type_}", name, **props)
    made.props = {**made.props, "id": f"{SUB}/{id_}"}
    return made


def failover_group(partner_location: str) -> list:
    primary = azure("sql:Server", "primary", "Microsoft.Sql/servers/primary", serverName="primary",
                    location="westeurope", tags=GDPR)  # fmt: skip
    partner = azure("sql:Server", "partner", "Microsoft.Sql/servers/partner", serverName="partner",
                    location=partner_location)  # fmt: skip
    group = resource(
        "azure-native:sql:FailoverGroup",
        "fog",
        serverName="primary",
        resourceGroupName="rg",
        partnerServers=[{"id": f"{SUB}/Microsoft.Sql/servers/partner"}],
    )
    return [primary, partner, group]


def test_compliant_sql_failover_group_partner_inside() -> None:
    assert messages(RULE, failover_group("northeurope")) == []


def test_fails_sql_failover_group_partner_outside() -> None:
    assert messages(RULE, failover_group("eastus")) == [
        "azure-native:sql:FailoverGroup 'fog' (regime gdpr) sends data (partnerServers[].id) to "
        "azure-native:sql:Server 'partner' in eastus (US), outside the regime (30 countries); send it to a resource "
        "in an allowed region"
    ]


def test_fails_service_bus_geo_dr_partner_outside() -> None:
    primary = azure("servicebus:Namespace", "ns", "Microsoft.ServiceBus/namespaces/ns", namespaceName="ns",
                    location="westeurope", tags=GDPR)  # fmt: skip
    partner = azure("servicebus:Namespace", "ns-dr", "Microsoft.ServiceBus/namespaces/ns-dr", namespaceName="ns-dr",
                    location="eastus")  # fmt: skip
    alias = resource(
        "azure-native:servicebus:DisasterRecoveryConfig",
        "alias",
        namespaceName="ns",
        resourceGroupName="rg",
        partnerNamespace=f"{SUB}/Microsoft.ServiceBus/namespaces/ns-dr",
    )
    assert messages(RULE, [primary, partner, alias]) == [
        "azure-native:servicebus:DisasterRecoveryConfig 'alias' (regime gdpr) sends data (partnerNamespace) to "
        "azure-native:servicebus:Namespace 'ns-dr' in eastus (US), outside the regime (30 countries); send it to a "
        "resource in an allowed region"
    ]


def test_fails_redis_linked_cache_outside_the_stack() -> None:
    cache = azure("redis:Redis", "cache", "Microsoft.Cache/redis/cache", location="westeurope", tags=GDPR)
    cache.props = {**cache.props, "name": "cache"}
    link = named(
        "azure-native:redis:LinkedServer",
        "link",
        resourceGroupName="rg",
        linkedRedisCacheId="/subscriptions/1/resourceGroups/other/providers/Microsoft.Cache/redis/far",
        linkedRedisCacheLocation="eastus",
        serverRole="Secondary",
    )
    link.props = {**link.props, "name": "cache"}  # the primary cache the link is created on
    assert messages(RULE, [cache, link]) == [
        "azure-native:redis:LinkedServer 'link' (regime gdpr) sends data (linkedRedisCacheId) to "
        "'/subscriptions/1/resourceGroups/other/providers/Microsoft.Cache/redis/far', which is not in this stack and "
        "names no region, so where the copy goes cannot be checked; manage the destination in this stack or exempt "
        "it with a reason",
        "azure-native:redis:LinkedServer 'link' (configuring azure-native:redis:Redis 'cache', regime gdpr) copies "
        "data to eastus (US) (linkedRedisCacheLocation), outside regime gdpr (30 countries); keep every replica, "
        "copy and backup location inside the regime",
    ]


def snapshot_copy(location: str) -> list:
    disk = azure("compute:Disk", "disk", "Microsoft.Compute/disks/disk", diskName="disk", location="westeurope",
                 tags=GDPR)  # fmt: skip
    snapshot = resource(
        "azure-native:compute:Snapshot",
        "snap",
        location=location,
        resourceGroupName="rg",
        creationData={"createOption": "Copy", "sourceResourceId": f"{SUB}/Microsoft.Compute/disks/disk"},
    )
    return [disk, snapshot]


def test_compliant_azure_snapshot_of_a_regulated_disk_inside() -> None:
    assert messages(RULE, snapshot_copy("germanywestcentral")) == []


def test_fails_azure_snapshot_of_a_regulated_disk_in_another_region() -> None:
    assert messages(RULE, snapshot_copy("eastus")) == [
        "azure-native:compute:Snapshot 'snap' is a copy (creationData.sourceResourceId) of azure-native:compute:Disk "
        "'disk' (regime gdpr) and keeps it in eastus (US), outside the regime (30 countries); put the copy in an "
        "allowed region"
    ]


def data_collection(workspace_location: str | None) -> list:
    vm = azure("compute:VirtualMachine", "vm", "Microsoft.Compute/virtualMachines/vm", location="westeurope",
               tags=GDPR)  # fmt: skip
    workspace_id = f"{SUB}/Microsoft.OperationalInsights/workspaces/logs"
    rule = azure(
        "monitor:DataCollectionRule",
        "dcr",
        "Microsoft.Insights/dataCollectionRules/dcr",
        location="westeurope",
        tags=GDPR,
        destinations={"logAnalytics": [{"name": "la", "workspaceResourceId": workspace_id}]},
    )
    association = resource(
        "azure-native:monitor:DataCollectionRuleAssociation",
        "assoc",
        resourceUri=f"{SUB}/Microsoft.Compute/virtualMachines/vm",
        dataCollectionRuleId=f"{SUB}/Microsoft.Insights/dataCollectionRules/dcr",
    )
    items = [vm, rule, association]
    if workspace_location:
        items.append(azure("operationalinsights:Workspace", "logs", "Microsoft.OperationalInsights/workspaces/logs",
                           location=workspace_location))  # fmt: skip
    return items


def test_compliant_data_collection_rule_into_a_workspace_inside() -> None:
    assert messages(RULE, data_collection("northeurope")) == []


def test_fails_data_collection_rule_into_a_workspace_outside() -> None:
    # The association sends to the rule, which passes it on: reported for each, the rule first.
    assert messages(RULE, data_collection("eastus"))[:1] == [
        "azure-native:monitor:DataCollectionRule 'dcr' (regime gdpr) sends data "
        "(destinations.logAnalytics[].workspaceResourceId) to azure-native:operationalinsights:Workspace 'logs' in "
        "eastus (US), outside the regime (30 countries); send it to a resource in an allowed region"
    ]


def test_fails_data_collection_rule_into_a_workspace_outside_the_stack() -> None:
    # The association sends to the rule, which passes it on: reported for each, the rule first.
    assert messages(RULE, data_collection(None))[:1] == [
        "azure-native:monitor:DataCollectionRule 'dcr' (regime gdpr) sends data "
        "(destinations.logAnalytics[].workspaceResourceId) to "
        f"'{SUB}/Microsoft.OperationalInsights/workspaces/logs', which is not in this stack and names no region, so "
        "where the copy goes cannot be checked; manage the destination in this stack or exempt it with a reason"
    ]


def test_fails_data_collection_association_of_a_regulated_vm_with_a_rule_outside() -> None:
    items = data_collection("northeurope")
    items[1].props = {**items[1].props, "location": "eastus", "tags": {}}  # the rule itself declares no regime
    assert messages(RULE, items) == [
        "azure-native:monitor:DataCollectionRuleAssociation 'assoc' (regime gdpr) sends data (dataCollectionRuleId) "
        "to azure-native:monitor:DataCollectionRule 'dcr' in eastus (US), outside the regime (30 countries); send it "
        "to a resource in an allowed region"
    ]


def test_fails_diagnostic_setting_into_a_workspace_outside_the_stack() -> None:
    vault = azure("keyvault:Vault", "kv", "Microsoft.KeyVault/vaults/kv", vaultName="kv", location="westeurope",
                  tags=GDPR)  # fmt: skip
    setting = resource(
        "azure-native:monitor:DiagnosticSetting",
        "diag",
        resourceUri=f"{SUB}/Microsoft.KeyVault/vaults/kv",
        workspaceId="/subscriptions/9/resourceGroups/central/providers/Microsoft.OperationalInsights/workspaces/all",
    )
    assert messages(RULE, [vault, setting]) == [
        "azure-native:monitor:DiagnosticSetting 'diag' (regime gdpr) sends data (workspaceId) to "
        "'/subscriptions/9/resourceGroups/central/providers/Microsoft.OperationalInsights/workspaces/all', which is "
        "not in this stack and names no region, so where the copy goes cannot be checked; manage the destination in "
        "this stack or exempt it with a reason"
    ]


def test_compliant_service_bus_geo_dr_partner_inside() -> None:
    primary = azure("servicebus:Namespace", "ns", "Microsoft.ServiceBus/namespaces/ns", namespaceName="ns",
                    location="westeurope", tags=GDPR)  # fmt: skip
    partner = azure("servicebus:Namespace", "ns-dr", "Microsoft.ServiceBus/namespaces/ns-dr", namespaceName="ns-dr",
                    location="northeurope")  # fmt: skip
    alias = resource(
        "azure-native:servicebus:DisasterRecoveryConfig",
        "alias",
        namespaceName="ns",
        partnerNamespace=f"{SUB}/Microsoft.ServiceBus/namespaces/ns-dr",
    )
    assert messages(RULE, [primary, partner, alias]) == []


def test_compliant_redis_linked_cache_of_the_stack_inside() -> None:
    cache = azure("redis:Redis", "cache", "Microsoft.Cache/redis/cache", location="westeurope", tags=GDPR)
    far = azure("redis:Redis", "far", "Microsoft.Cache/redis/far", location="northeurope")
    link = resource(
        "azure-native:redis:LinkedServer",
        "link",
        linkedRedisCacheId=f"{SUB}/Microsoft.Cache/redis/far",
        linkedRedisCacheLocation="northeurope",
    )
    link.props = {**link.props, "name": "cache"}
    cache.props = {**cache.props, "name": "cache"}
    assert messages(RULE, [cache, far, link]) == []


def test_compliant_diagnostic_setting_into_a_workspace_of_the_stack_inside() -> None:
    vault = azure("keyvault:Vault", "kv", "Microsoft.KeyVault/vaults/kv", vaultName="kv", location="westeurope",
                  tags=GDPR)  # fmt: skip
    workspace = azure("operationalinsights:Workspace", "all", "Microsoft.OperationalInsights/workspaces/all",
                      location="westeurope")  # fmt: skip
    setting = resource(
        "azure-native:monitor:DiagnosticSetting",
        "diag",
        resourceUri=f"{SUB}/Microsoft.KeyVault/vaults/kv",
        workspaceId=f"{SUB}/Microsoft.OperationalInsights/workspaces/all",
    )
    assert messages(RULE, [vault, workspace, setting]) == []


def cloud_sql_replica(region: str) -> list:
    primary = named(
        "gcp:sql/databaseInstance:DatabaseInstance",
        "main",
        region="europe-west1",
        settings={"userLabels": GDPR},
    )
    replica = resource("gcp:sql/databaseInstance:DatabaseInstance", "replica", region=region, masterInstanceName="main")
    return [primary, replica]


def test_compliant_cloud_sql_replica_inside() -> None:
    assert messages(RULE, cloud_sql_replica("europe-west4")) == []


def test_fails_cloud_sql_cross_region_replica_outside() -> None:
    # Its own backups, unset, go to the multi-region nearest it (US): the second finding.
    assert messages(RULE, cloud_sql_replica("us-central1"))[:1] == [
        "gcp:sql/databaseInstance:DatabaseInstance 'replica' is a copy (masterInstanceName) of "
        "gcp:sql/databaseInstance:DatabaseInstance 'main' (regime gdpr) and keeps it in us-central1 (US), outside the "
        "regime (30 countries); put the copy in an allowed region"
    ]


# Lineage through selection: a plan, policy or rule that copies what it selects carries its regimes.
VAULT_US = "arn:aws:backup:us-east-1:1:backup-vault:dr"
VAULT_DE = "arn:aws:backup:eu-central-1:1:backup-vault:dr"


def backup(vault: str, **selection: object) -> list:
    volume = resource("aws:ebs/volume:Volume", "data", arn="arn:aws:ec2:eu-west-1:1:volume/vol-1", region=EU,
                      tags={**GDPR, "backup": "daily"})  # fmt: skip
    plan = resource("aws:backup/plan:Plan", "plan", id="plan-1", region=EU,
                    rules=[{"copyActions": [{"destinationVaultArn": vault}]}])  # fmt: skip
    chosen = resource("aws:backup/selection:Selection", "pick", planId="plan-1", region=EU, **selection)
    return [volume, plan, chosen]


def test_compliant_backup_plan_copying_selected_regulated_data_inside() -> None:
    assert messages(RULE, backup(VAULT_DE, resources=["arn:aws:ec2:eu-west-1:1:volume/vol-1"])) == []


def test_fails_backup_plan_copying_selected_regulated_data_outside_by_arn_wildcard_or_tag() -> None:
    for selection in (
        {"resources": ["arn:aws:ec2:eu-west-1:1:volume/vol-1"]},
        {"resources": ["arn:aws:ec2:*:*:volume/*"]},
        {"selectionTags": [{"type": "STRINGEQUALS", "key": "backup", "value": "daily"}]},
    ):
        assert messages(RULE, backup(VAULT_US, **selection)) == [
            "aws:backup/plan:Plan 'plan' (configuring aws:ebs/volume:Volume 'data', regime gdpr) copies data to "
            "us-east-1 (US) (rules[].copyActions[].destinationVaultArn), outside regime gdpr (30 countries); keep "
            "every replica, copy and backup location inside the regime"
        ], selection


def test_compliant_backup_plan_selecting_nothing_regulated() -> None:
    assert messages(RULE, backup(VAULT_US, resources=["arn:aws:ec2:eu-west-1:1:volume/vol-2"])) == []


def test_fails_lifecycle_policy_copying_volumes_with_its_target_tags_outside() -> None:
    volume = resource("aws:ebs/volume:Volume", "data", region=EU, tags={**GDPR, "snap": "yes"})
    policy = resource("aws:dlm/lifecyclePolicy:LifecyclePolicy", "dlm", region=EU, policyDetails={
        "targetTags": {"snap": "yes"},
        "schedules": [{"crossRegionCopyRules": [{"target": "us-east-1"}]}],
    })  # fmt: skip
    assert len(messages(RULE, [volume, policy])) == 1
    volume.props = {**volume.props, "tags": {**GDPR, "snap": "no"}}
    assert messages(RULE, [volume, policy]) == []


def test_fails_registry_replication_of_a_regulated_repository_outside() -> None:
    repo = resource("aws:ecr/repository:Repository", "app", region=EU, tags=GDPR)
    repo.props = {**repo.props, "name": "team/app"}

    def config(region: str, *filters: str) -> object:
        rule = {"destinations": [{"region": region, "registryId": "1"}]}
        if filters:
            rule["repositoryFilters"] = [{"filter": f, "filterType": "PREFIX_MATCH"} for f in filters]
        return resource("aws:ecr/replicationConfiguration:ReplicationConfiguration", "repl", region=EU,
                        replicationConfiguration={"rules": [rule]})  # fmt: skip

    assert messages(RULE, [repo, config("eu-central-1")]) == []
    assert messages(RULE, [repo, config("us-east-1", "other/")]) == []  # the filter leaves it out
    assert len(messages(RULE, [repo, config("us-east-1")])) == 1
    assert len(messages(RULE, [repo, config("us-east-1", "team/")])) == 1


def test_fails_snapshot_schedule_attached_to_a_regulated_disk_storing_outside() -> None:
    disk = named(GCP_DISK, "d", zone="europe-west3-a", labels=GDPR)
    schedule = named("gcp:compute/resourcePolicy:ResourcePolicy", "daily", region="europe-west3",
                     snapshotSchedulePolicy={"snapshotProperties": {"storageLocations": "us"}})  # fmt: skip
    attachment = resource(GCP_ATTACHMENT, "attach", disk="d", zone="europe-west3-a")
    attachment.props = {**attachment.props, "name": "daily"}
    assert len(messages(RULE, [disk, schedule, attachment])) == 1
    assert messages(RULE, [disk, schedule]) == []  # attached to nothing regulated
    disk.props = {**disk.props, "resourcePolicies": ["projects/p/regions/europe-west3/resourcePolicies/daily"]}
    assert len(messages(RULE, [disk, schedule])) == 1


def test_fails_backup_of_an_untagged_cluster_holding_a_regulated_tenant() -> None:
    cluster = named("gcp:container/cluster:Cluster", "gke", location="europe-west1")
    cluster.parent = "urn:component"
    provider = Resource("pulumi:providers:kubernetes", "urn:k8s", "k8s", {}, parent="urn:component")
    namespace = Resource("kubernetes:core/v1:Namespace", "urn:ns", "ns", provider_urn="urn:k8s",
                         props={"metadata": {"name": "pay", "labels": {"fleet-tenant": "pay", **GDPR}}})  # fmt: skip
    plan = resource("gcp:gkebackup/backupPlan:BackupPlan", "plan", location="us-central1",
                    cluster="projects/p/locations/europe-west1/clusters/gke")  # fmt: skip
    assert [m.split(" (")[0] for m in messages(RULE, [cluster, provider, namespace, plan])] == [
        "gcp:gkebackup/backupPlan:BackupPlan 'plan' is a copy"
    ]
    namespace.props = {"metadata": {"name": "pay", "labels": {"fleet-tenant": "pay"}}}
    assert messages(RULE, [cluster, provider, namespace, plan]) == []


def test_fails_gallery_image_version_of_a_regulated_image_published_outside() -> None:
    image = resource("azure-native:compute:Image", "golden", id="/subscriptions/1/resourceGroups/rg/providers/"
                     "Microsoft.Compute/images/golden", location="westeurope", tags=GDPR)  # fmt: skip

    def version(*regions: str) -> object:
        return resource("azure-native:compute:GalleryImageVersion", "v1", location="westeurope",
                        storageProfile={"source": {"id": image.props["id"]}},
                        publishingProfile={"targetRegions": [{"name": r} for r in regions]})  # fmt: skip

    assert messages(RULE, [image, version("westeurope", "northeurope")]) == []
    assert messages(RULE, [image, version("westeurope", "eastus")]) == [
        "azure-native:compute:GalleryImageVersion 'v1' (a copy of azure-native:compute:Image 'golden', regime gdpr) "
        "copies data to eastus (US) (publishingProfile.targetRegions[].name), outside regime gdpr (30 countries); "
        "keep every replica, copy and backup location inside the regime"
    ]


def test_fails_global_endpoint_replicating_a_regulated_bus_to_another_region() -> None:
    primary = resource("aws:cloudwatch/eventBus:EventBus", "orders", arn="arn:aws:events:eu-west-1:1:event-bus/o",
                       region=EU, tags=GDPR)  # fmt: skip

    def endpoint(secondary_region: str) -> list:
        arn = f"arn:aws:events:{secondary_region}:1:event-bus/o"
        secondary = resource("aws:cloudwatch/eventBus:EventBus", "orders-dr", arn=arn, region=secondary_region)
        made = resource("aws:cloudwatch/eventEndpoint:EventEndpoint", "global", region=EU,
                        eventBuses=[{"eventBusArn": primary.props["arn"]}, {"eventBusArn": arn}])  # fmt: skip
        return [primary, secondary, made]

    assert messages(RULE, endpoint("eu-central-1")) == []
    assert [m.split(" replicates")[0] for m in messages(RULE, endpoint(US))] == [
        "aws:cloudwatch/eventBus:EventBus 'orders-dr'"
    ]


def test_an_azure_storage_url_is_placed_by_the_account_it_names() -> None:
    account = resource("azure-native:storage:StorageAccount", "logs", accountName="fleetlogs", location="eastus")
    stack = Stack.index([account])
    asking = resource("azure-native:sql:ServerBlobAuditingPolicy", "audit")
    assert stack.find_url("https://fleetlogs.blob.core.windows.net/audit", asking) is account
    assert stack.find_url("https://other.blob.core.windows.net/audit", asking) is None
    # Another resource serving the host under a nested output (primaryEndpoints.web) is found too.
    site = resource("azure-native:web:WebApp", "site", endpoints={"web": "https://site.example.org/"})
    assert Stack.index([site]).find_url("https://site.example.org/hook", asking) is site


# Destinations named by account, endpoint, bucket or URL (issue 20): surveyed and classified per category.
def vertex_logging(location: str) -> list:
    dataset = resource(DATASET, "logs", datasetId="logs", location=location)
    endpoint = resource(
        "gcp:vertex/aiEndpoint:AiEndpoint",
        "predict",
        location="europe-west4",
        labels=GDPR,
        predictRequestResponseLoggingConfig={
            "enabled": True,
            "bigqueryDestination": {"outputUri": "bq://p.logs.requests"},
        },
    )
    return [dataset, endpoint]


def test_compliant_vertex_request_logging_into_an_eu_dataset() -> None:
    assert messages(RULE, vertex_logging("EU")) == []


def test_fails_vertex_request_logging_into_a_us_dataset() -> None:
    assert messages(RULE, vertex_logging("US")) == [
        "gcp:vertex/aiEndpoint:AiEndpoint 'predict' (regime gdpr) sends data "
        "(predictRequestResponseLoggingConfig.bigqueryDestination.outputUri) to gcp:bigquery/dataset:Dataset 'logs' "
        "in US (US), outside the regime (30 countries); send it to a resource in an allowed region"
    ]


def dataproc(staging: str) -> list:
    bucket = named(GCS, "staging", location="EU")
    cluster = resource(
        "gcp:dataproc/cluster:Cluster",
        "spark",
        region="europe-west1",
        labels=GDPR,
        clusterConfig={"stagingBucket": staging},
    )
    return [bucket, cluster]


def test_compliant_dataproc_staging_bucket_in_the_stack_inside() -> None:
    assert messages(RULE, dataproc("staging")) == []


def test_fails_dataproc_staging_bucket_not_in_the_stack() -> None:
    assert messages(RULE, dataproc("elsewhere")) == [
        "gcp:dataproc/cluster:Cluster 'spark' (regime gdpr) sends data (clusterConfig.stagingBucket) to 'elsewhere', "
        "which is not in this stack and names no region, so where the copy goes cannot be checked; manage the "
        "destination in this stack or exempt it with a reason"
    ]


def storage_notification(topic_regions: list[str]) -> list:
    bucket = named(GCS, "uploads", location="EU", labels=GDPR)
    topic = named(PUBSUB_TOPIC, "changes", messageStoragePolicy={"allowedPersistenceRegions": topic_regions})
    notification = resource(
        "gcp:storage/notification:Notification",
        "notify",
        bucket="uploads",
        topic="projects/p/topics/changes",
        payloadFormat="JSON_API_V1",
    )
    return [bucket, topic, notification]


def test_compliant_bucket_notification_to_an_eu_topic() -> None:
    assert messages(RULE, storage_notification(["europe-west1"])) == []


def test_fails_bucket_notification_carries_the_buckets_regime_to_a_us_topic() -> None:
    assert messages(RULE, storage_notification(["us-east1"])) == [
        "gcp:storage/notification:Notification 'notify' (regime gdpr) sends data (topic) to "
        "gcp:pubsub/topic:Topic 'changes' in us-east1 (US), outside the regime (30 countries); send it to a resource "
        "in an allowed region"
    ]


def test_backup_selection_conditions_and_exclusions_narrow_what_a_plan_copies() -> None:
    everything = {"resources": ["arn:aws:ec2:*:*:volume/*"]}
    # Left out by notResources, or by a condition its tags fail: the plan copies nothing regulated.
    assert messages(RULE, backup(VAULT_US, **everything, notResources=["arn:aws:ec2:*:*:volume/vol-1"])) == []
    env = {"stringEquals": [{"key": "aws:ResourceTag/env", "value": "prod"}]}
    assert messages(RULE, backup(VAULT_US, **everything, conditions=[env])) == []
    # Conditions alone select among every resource; a tag that meets them is copied.
    daily = {"stringLikes": [{"key": "aws:ResourceTag/backup", "value": "dai*"}]}
    assert len(messages(RULE, backup(VAULT_US, conditions=[daily]))) == 1
    not_daily = {"stringNotEquals": [{"key": "aws:ResourceTag/backup", "value": "daily"}]}
    assert messages(RULE, backup(VAULT_US, conditions=[not_daily])) == []


CH_CTX = Context(regimes=resolve_all([]), today=CTX.today)


def test_project_snapshot_settings_decide_where_snapshots_without_locations_go() -> None:
    disk = named(GCP_DISK, "d", zone="europe-west3-a", labels=GDPR, project="p")
    snapshot = resource(GCP_SNAPSHOT, "snap", sourceDisk="d", project="p")

    def settings(policy: str, *where: str) -> object:
        places = [{"name": w, "location": w} for w in where]
        return resource("gcp:compute/snapshotSettings:SnapshotSettings", "settings", project="p",
                        storageLocation={"policy": policy, "locations": places})  # fmt: skip

    assert messages(RULE, [disk, snapshot, settings("SPECIFIC_LOCATIONS", "eu")]) == []
    assert messages(RULE, [disk, snapshot, settings("NEAREST_MULTI_REGION")]) == []
    # LOCAL_REGION keeps the snapshot in the disk's own region: inside an ch regime for a Zurich disk.
    zurich = named(GCP_DISK, "d", zone="europe-west6-a", labels={"fleet-residency": "ch"}, project="p")
    assert messages(RULE, [zurich, snapshot, settings("LOCAL_REGION")], CH_CTX) == []
    assert messages(RULE, [zurich, snapshot], CH_CTX) != []  # without settings: the nearest multi-region
    assert messages(RULE, [disk, snapshot, settings("SPECIFIC_LOCATIONS", "us")]) == [
        "gcp:compute/snapshot:Snapshot 'snap' (regime gdpr) sets no storageLocations, so its snapshots go where the "
        "project's snapshot settings 'settings' say: us (US), outside the regime (30 countries); set storageLocations "
        "to a location inside the regime"
    ]


# ----------------------------------------------------------------------------- lineage: receivers and parts


def replication(name: str, source: str, destination: str) -> Resource:
    return resource(
        REPLICATION, name, bucket=source, rules=[{"destination": {"bucket": f"arn:aws:s3:::{destination}"}}]
    )


def test_a_replica_carries_its_sources_regime_onwards() -> None:
    # S3 replication is configured bucket by bucket, so a replica's own replication is a second hop:
    # https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-what-is-isnot-replicated.html
    chain = [
        bucket("ledger", "eu-west-1", **GDPR),
        bucket("ledger-fra", "eu-central-1"),
        replication("to-fra", "ledger", "ledger-fra"),
    ]
    assert (
        messages(RULE, [*chain, bucket("ledger-se", "eu-north-1"), replication("on", "ledger-fra", "ledger-se")]) == []
    )
    assert messages(RULE, [*chain, bucket("ledger-us", "us-east-1"), replication("on", "ledger-fra", "ledger-us")]) == [
        f"{REPLICATION} 'on' (regime gdpr) sends data (rules[].destination.bucket) to {BUCKET} 'ledger-us' in "
        "us-east-1 (US), outside the regime (30 countries); send it to a resource in an allowed region"
    ]


def event_hub(capture_location: str) -> list:
    namespace = azure("eventhub:Namespace", "ns", "Microsoft.EventHub/namespaces/ns", namespaceName="ns",
                      location="westeurope", tags=GDPR)  # fmt: skip
    account = azure("storage:StorageAccount", "capture", "Microsoft.Storage/storageAccounts/capture",
                    accountName="capture", location=capture_location)  # fmt: skip
    hub = resource(
        "azure-native:eventhub:EventHub",
        "hub",
        namespaceName="ns",
        eventHubName="payments",
        captureDescription={
            "enabled": True,
            "destination": {"storageAccountResourceId": f"{SUB}/Microsoft.Storage/storageAccounts/capture"},
        },
    )
    return [namespace, account, hub]


def test_a_nested_resource_carries_its_parents_regime() -> None:
    # An event hub holds its namespace's data; Capture writes it to the account it names
    # (https://learn.microsoft.com/azure/event-hubs/event-hubs-capture-overview).
    assert messages(RULE, event_hub("northeurope")) == []
    assert messages(RULE, event_hub("eastus")) == [
        "azure-native:eventhub:EventHub 'hub' (regime gdpr) sends data "
        "(captureDescription.destination.storageAccountResourceId) to azure-native:storage:StorageAccount 'capture' "
        "in eastus (US), outside the regime (30 countries); send it to a resource in an allowed region"
    ]


def test_an_arm_child_the_stack_does_not_manage_is_placed_at_its_parent() -> None:
    # RootManageSharedAccessKey is made with the namespace; the diagnostic setting names it, not the namespace.
    def setting(location: str) -> list:
        namespace = azure("eventhub:Namespace", "siem", "Microsoft.EventHub/namespaces/siem", namespaceName="siem",
                          location=location)  # fmt: skip
        vault = azure("keyvault:Vault", "kv", "Microsoft.KeyVault/vaults/kv", location="westeurope", tags=GDPR)
        rule = f"{SUB}/Microsoft.EventHub/namespaces/siem/authorizationRules/RootManageSharedAccessKey"
        diagnostic = resource(
            "azure-native:monitor:DiagnosticSetting",
            "audit",
            resourceUri=f"{SUB}/Microsoft.KeyVault/vaults/kv",
            eventHubAuthorizationRuleId=rule,
        )
        return [namespace, vault, diagnostic]

    assert messages(RULE, setting("northeurope")) == []
    assert "to azure-native:eventhub:Namespace 'siem' in eastus (US)" in messages(RULE, setting("eastus"))[0]


def test_a_diagnostic_setting_to_a_partner_solution_is_judged() -> None:
    # Diagnostic settings can send to partner solutions (a Marketplace resource):
    # https://learn.microsoft.com/azure/azure-monitor/essentials/diagnostic-settings#destinations
    vault = azure("keyvault:Vault", "kv", "Microsoft.KeyVault/vaults/kv", location="westeurope", tags=GDPR)
    partner = f"{SUB}/Microsoft.Datadog/monitors/acme"
    setting = resource("azure-native:monitor:DiagnosticSetting", "audit",
                       resourceUri=f"{SUB}/Microsoft.KeyVault/vaults/kv", marketplacePartnerId=partner)  # fmt: skip
    assert (
        f"sends data (marketplacePartnerId) to '{partner}', which is not in this stack"
        in messages(RULE, [vault, setting])[0]
    )


def test_a_backup_of_a_cluster_known_only_by_its_component_carries_its_tenants_regime() -> None:
    # Backup for GKE stores the cluster's volumes and Secrets in the plan's location
    # (https://cloud.google.com/kubernetes-engine/docs/add-on/backup-for-gke/concepts/backup-plan).
    component = Resource("fleet:clusters:ExistingCluster", "urn:eu1", "eu1", {"clusterName": "eu1"})
    provider = Resource("pulumi:providers:kubernetes", "urn:eu1-k8s", "eu1-k8s", {}, parent="urn:eu1")
    namespace = Resource(
        "kubernetes:core/v1:Namespace",
        "urn:acme",
        "acme",
        {"metadata": {"name": "acme", "labels": {"fleet-tenant": "acme", "fleet-residency": "gdpr"}}},
        provider_urn="urn:eu1-k8s",
    )

    def plan(location: str) -> Resource:
        return resource("gcp:gkebackup/backupPlan:BackupPlan", "daily", location=location,
                        cluster="projects/p/locations/europe-west3/clusters/eu1")  # fmt: skip

    assert messages(RULE, [component, provider, namespace, plan("europe-west3")]) == []
    assert messages(RULE, [component, provider, namespace, plan("us-central1")]) == [
        "gcp:gkebackup/backupPlan:BackupPlan 'daily' is a copy (cluster) of fleet:clusters:ExistingCluster 'eu1' "
        "(regime gdpr) and keeps it in us-central1 (US), outside the regime (30 countries); put the copy in an "
        "allowed region"
    ]


# ------------------------------------------------------------------- references the survey does not classify


def with_name(type_: str, urn_name: str, name: str, **props: object) -> Resource:
    made = resource(type_, urn_name, **props)
    made.props = {**made.props, "name": name}
    return made


def redis(secondary_region: str) -> list:
    # A Memorystore for Redis Cluster secondary names its primary under crossClusterReplicationConfig
    # (https://cloud.google.com/memorystore/docs/cluster/about-cross-region-replication): no survey word.
    primary = with_name("gcp:redis/cluster:Cluster", "cache", "cache", region="europe-west3", labels=GDPR)
    secondary = with_name(
        "gcp:redis/cluster:Cluster",
        "cache-dr",
        "cache-dr",
        region=secondary_region,
        crossClusterReplicationConfig={
            "clusterRole": "SECONDARY",
            "primaryCluster": {"cluster": "projects/p/locations/europe-west3/clusters/cache"},
        },
    )
    return [primary, secondary]


def test_an_unclassified_reference_to_a_regulated_resource_from_outside_fails_closed() -> None:
    assert messages(RULE, redis("europe-west1")) == []
    found = messages(RULE, redis("us-east1"))
    assert found == [
        "gcp:redis/cluster:Cluster 'cache-dr' names gcp:redis/cluster:Cluster 'cache' (regime gdpr) through "
        "crossClusterReplicationConfig.primaryCluster.cluster, a property the residency survey does not classify, "
        "and is in us-east1 (US), outside the regime (30 countries); if "
        "crossClusterReplicationConfig.primaryCluster.cluster carries that data, move gcp:redis/cluster:Cluster "
        "'cache-dr' inside the regime; if it carries no data, classify the property as none in "
        "policies/fleetguard/survey/classification.py (or exempt the resource with a reason)"
    ]


def test_a_regulated_resource_naming_a_place_outside_through_an_unclassified_property_fails_closed() -> None:
    # A Lambda function's asynchronous destinations receive the event and the function's result
    # (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html).
    function = with_name("aws:lambda/function:Function", "notify", "notify", region=EU, tags=GDPR)

    def invoke(queue_region: str) -> object:
        return resource(
            "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
            "async",
            functionName="notify",
            region=EU,
            destinationConfig={"onFailure": {"destination": f"arn:aws:sqs:{queue_region}:1:failures"}},
        )

    assert messages(RULE, [function, invoke("eu-central-1")]) == []
    found = messages(RULE, [function, invoke(US)])
    assert (
        len(found) == 1 and "names 'arn:aws:sqs:us-east-1:1:failures' through destinationConfig.onFailure" in found[0]
    )


def test_names_shared_by_several_resources_join_nothing() -> None:
    # Two clusters' rule groups share a name: a guess would join unrelated resources.
    def group(name: str, location: str, **tags: str) -> object:
        return resource("azure-native:alertsmanagement:PrometheusRuleGroup", name, ruleGroupName="kube-rules",
                        location=location, tags=tags or None, rules=[{"record": "kube-rules"}])  # fmt: skip

    items = [group("a", "westeurope", **GDPR), group("b", "eastus"), group("c", "eastus")]
    assert messages(RULE, items) == []


def test_a_storage_url_in_an_unclassified_property_names_its_bucket() -> None:
    # Dataflow keeps temporary job data in tempGcsLocation
    # (https://cloud.google.com/dataflow/docs/guides/setting-pipeline-options).
    def job(bucket_location: str) -> list:
        return [
            with_name("gcp:storage/bucket:Bucket", "tmp", "df-tmp", location=bucket_location),
            with_name(
                "gcp:dataflow/job:Job",
                "ingest",
                "ingest",
                region="europe-west3",
                labels=GDPR,
                tempGcsLocation="gs://df-tmp/tmp",
            ),
        ]

    assert messages(RULE, job("EU")) == []
    assert "names gcp:storage/bucket:Bucket 'tmp' through tempGcsLocation" in messages(RULE, job("US"))[0]


def test_a_standby_replica_is_a_copy_of_the_peer_it_names() -> None:
    # A Filestore STANDBY instance replicates from the ACTIVE one (https://cloud.google.com/filestore/docs/replication).
    def replica(location: str) -> list:
        active = with_name("gcp:filestore/instance:Instance", "fs", "fs", location="europe-west3", labels=GDPR)
        standby = with_name(
            "gcp:filestore/instance:Instance",
            "fs-dr",
            "fs-dr",
            location=location,
            initialReplication={
                "role": "STANDBY",
                "replicas": [{"peerInstance": "projects/p/locations/europe-west3/instances/fs"}],
            },
        )
        return [active, standby]

    assert messages(RULE, replica("europe-west4")) == []
    assert messages(RULE, replica("us-central1")) == [
        "gcp:filestore/instance:Instance 'fs-dr' is a copy (initialReplication.replicas[].peerInstance) of "
        "gcp:filestore/instance:Instance 'fs' (regime gdpr) and keeps it in us-central1 (US), outside the regime "
        "(30 countries); put the copy in an allowed region"
    ]


def test_a_bq_uri_names_its_dataset() -> None:
    # bq://project.dataset (Healthcare FHIR streaming) and bq://project.dataset.table (Vertex AI logging).
    from fleetguard.references import bigquery_dataset

    assert bigquery_dataset("bq://ledger-prod.fhir_analytics") == "fhir_analytics"
    assert bigquery_dataset("bq://ledger-prod.logs.requests") == "logs"


def test_an_openai_deployment_of_a_regulated_account_is_judged_by_its_type() -> None:
    # Global deployment types may process anywhere; Data Zone ones within the EU data zone of an EU account
    # (https://learn.microsoft.com/azure/ai-foundry/openai/how-to/deployment-types).
    def deployment(sku: str) -> list:
        account = azure("cognitiveservices:Account", "ai", "Microsoft.CognitiveServices/accounts/ai",
                        accountName="ai", location="swedencentral", tags=GDPR)  # fmt: skip
        return [account, resource("azure-native:cognitiveservices:Deployment", "gpt", accountName="ai",
                                  deploymentName="gpt", sku={"name": sku})]  # fmt: skip

    assert messages(RULE, deployment("Standard")) == messages(RULE, deployment("DataZoneStandard")) == []
    assert "any Azure region (global deployment)" in messages(RULE, deployment("GlobalStandard"))[0]


def test_an_s3_arn_of_a_prefix_names_its_bucket() -> None:
    # A flow log's destination is a bucket ARN with a folder (https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3.html).
    def flow(bucket_region: str) -> list:
        return [
            bucket("flows", bucket_region),
            resource(
                "aws:ec2/flowLog:FlowLog",
                "vpc",
                region=EU,
                tags=GDPR,
                logDestinationType="s3",
                logDestination="arn:aws:s3:::flows/vpc/",
                vpcId="vpc-1",
                trafficType="ALL",
            ),
        ]

    assert messages(RULE, flow("eu-central-1")) == []
    assert "to aws:s3/bucket:Bucket 'flows' in us-east-1 (US)" in messages(RULE, flow(US))[0]


def test_an_ecs_task_is_judged_where_its_log_configuration_sends_logs() -> None:
    # awslogs writes to CloudWatch Logs in awslogs-region; FireLens to the output it names
    # (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_firelens.html).
    def task(log: dict[str, object] | str) -> object:
        containers = log if isinstance(log, str) else json.dumps([{"name": "api", "logConfiguration": log}])
        return resource("aws:ecs/taskDefinition:TaskDefinition", "api", region=EU, tags=GDPR,
                        containerDefinitions=containers)  # fmt: skip

    assert messages(RULE, task({"logDriver": "awslogs", "options": {"awslogs-group": "api"}})) == []
    assert messages(RULE, task({"logDriver": "awslogs", "options": {"awslogs-region": "eu-central-1"}})) == []
    assert "to us-east-1 (US)" in messages(RULE, task({"logDriver": "awslogs", "options": {"awslogs-region": US}}))[0]
    datadog = {"logDriver": "awsfirelens", "options": {"Name": "datadog", "Host": "http-intake.logs.datadoghq.com"}}
    assert "'http-intake.logs.datadoghq.com', outside the cloud" in messages(RULE, task(datadog))[0]
    truncated = messages(RULE, task('[{"name": "api", "logConfiguration": '))
    assert truncated[0].startswith("cannot evaluate aws:ecs/taskDefinition:TaskDefinition 'api'")
    assert "not a JSON list of container definitions" in truncated[0]


def test_a_url_served_by_a_host_name_output_is_placed_there() -> None:
    # An App Service reports its host as defaultHostName, without a scheme.
    def bot(app_location: str) -> list:
        app = azure("web:WebApp", "app", "Microsoft.Web/sites/app", location=app_location,
                    defaultHostName="app.azurewebsites.net")  # fmt: skip
        destination = {"endpointType": "WebHook", "endpointUrl": "https://app.azurewebsites.net/api"}
        hook = resource("azure-native:eventgrid:EventSubscription", "hook", tags=GDPR, destination=destination)
        return [app, hook]

    assert messages(RULE, bot("westeurope")) == []
    assert "in eastus (US)" in messages(RULE, bot("eastus"))[0]


def test_a_gs_url_names_its_bucket_whatever_the_reader() -> None:
    from fleetguard.references import reference_for

    assert reference_for("gs://backups/metastore", "ref") == "backups"


# A nested Azure resource with a location of its own holds its parent's data (issue 20).

SIGNALR = "azure-native:signalrservice:SignalR"
SIGNALR_REPLICA = "azure-native:signalrservice:SignalRReplica"


def _signalr(replica_location: str, **replica: object) -> list:
    group = resource("azure-native:resources:ResourceGroup", "rg", resourceGroupName="ledger", location="westeurope")
    parent = resource(SIGNALR, "notify", resourceGroupName="ledger", resourceName="ledger-notify",
                      location="westeurope", tags=GDPR)  # fmt: skip
    copy = resource(SIGNALR_REPLICA, "replica", resourceGroupName="ledger", resourceName="ledger-notify",
                    replicaName="ledger-notify-2", location=replica_location, **replica)  # fmt: skip
    return [group, parent, copy]


def test_compliant_nested_replica_inside_its_parents_regime() -> None:
    assert messages(RULE, _signalr("northeurope")) == []


def test_fails_nested_replica_outside_its_parents_regime_whatever_its_own_tags() -> None:
    found = messages(RULE, _signalr("eastus", tags={"fleet-residency": "none"}))
    assert found == [
        f"{SIGNALR_REPLICA} 'replica' (part of {SIGNALR} 'notify', regime gdpr) is in eastus (US), outside the "
        "regime (30 countries); a nested resource holds its parent's data: keep it in a location inside the regime"
    ]


# A read-only mount of a bucket receives nothing from the job (Cloud Run volumes[].gcs.readOnly).

RUN_JOB = "gcp:cloudrunv2/job:Job"


def _job(read_only: object) -> list:
    bucket = resource("gcp:storage/bucket:Bucket", "us", location="US", url="gs://reference-us")
    bucket.props = {**bucket.props, "name": "reference-us"}
    gcs = {"bucket": "reference-us", **({"readOnly": read_only} if read_only is not None else {})}
    job = resource(RUN_JOB, "job", location="europe-west3", labels=GDPR,
                   template={"template": {"volumes": [{"name": "data", "gcs": gcs}]}})  # fmt: skip
    return [bucket, job]


def test_compliant_read_only_mount_of_a_bucket_outside_the_regime() -> None:
    assert messages(RULE, _job(True)) == messages(RULE, _job("true")) == []


def test_fails_writable_mount_of_a_bucket_outside_the_regime() -> None:
    for read_only in (None, False):
        [message] = messages(RULE, _job(read_only))
        assert message.startswith(f"{RUN_JOB} 'job' (regime gdpr) sends data (template.template.volumes[].gcs.bucket)")


def test_an_unknown_destination_is_judged_where_the_engine_says_it_comes_from() -> None:
    # Preview of a new destination bucket: its ARN is unknown, the engine's property dependencies name it.
    for region, found in (("eu-central-1", 0), ("us-east-1", 1)):
        items = fleet(region)
        copy = items[2]
        items[1].props = {**items[1].props, "rules": [{"destination": {"bucket": Unknown(items[1].urn, "rules")}}]}
        items[1].depends = {"rules": (copy.urn,)}
        assert len(messages(RULE, items)) == found
    items = fleet(None)
    items[1].props = {**items[1].props, "rules": [{"destination": {"bucket": Unknown(items[1].urn, "rules")}}]}
    assert [f.deferred for f in RULE.stack_check(items, CTX)] == [True]  # type: ignore[misc]  # nothing says


# Sharing a regulated snapshot with an account outside the stack (ebs-modifying-snapshot-permissions).

SHARE = "aws:ec2/snapshotCreateVolumePermission:SnapshotCreateVolumePermission"


def _shared(account: str, tags: dict | None = None) -> list:
    snapshot = resource("aws:ebs/snapshot:Snapshot", "snap", id="snap-1", volumeId="vol-1", tags=tags or GDPR,
                        arn="arn:aws:ec2:eu-west-1:111111111111:snapshot/snap-1")  # fmt: skip
    return [snapshot, resource(SHARE, "share", snapshotId="snap-1", accountId=account)]


def test_compliant_snapshot_shared_with_an_account_of_the_stack_or_unregulated() -> None:
    assert messages(RULE, _shared("111111111111")) == []
    assert messages(RULE, _shared("444455556666", {"fleet-residency": "none"})) == []


def test_fails_regulated_snapshot_shared_with_another_account_or_everyone() -> None:
    assert messages(RULE, _shared("444455556666")) == [
        f"{SHARE} 'share' (regime gdpr) shares its data (accountId) with AWS account 444455556666, which no resource "
        "or provider of this stack is in, and which may copy it to any Region; share it only with the stack's own "
        "accounts, or exempt it with a reason"
    ]
    image = resource("aws:ec2/amiLaunchPermission:AmiLaunchPermission", "public", imageId="ami-1", group="all")
    source = resource("aws:ec2/ami:Ami", "ami", id="ami-1", tags=GDPR)
    [message] = messages(RULE, [source, image])
    assert "shares its data (group) with every AWS account (public)" in message


def test_a_sql_data_sync_member_outside_azure_receives_the_hubs_rows_unless_it_only_sends() -> None:
    server = resource("azure-native:sql:Server", "sql", resourceGroupName="rg", serverName="ledger-sql",
                      location="westeurope", tags=GDPR)  # fmt: skip

    def member(direction: str, kind: str = "SqlServerDatabase") -> list:
        return [server, resource("azure-native:sql:SyncMember", "m", resourceGroupName="rg", serverName="ledger-sql",
                                 databaseName="ledger", syncGroupName="g", syncMemberName="m", databaseType=kind,
                                 syncDirection=direction)]  # fmt: skip

    assert messages(RULE, member("OneWayMemberToHub")) == []
    assert messages(RULE, member("Bidirectional", "AzureSqlDatabase")) == []
    for direction in ("Bidirectional", "OneWayHubToMember"):
        [message] = messages(RULE, member(direction))
        assert "copies data to a SQL Server database (outside the cloud" in message


# After the eleventh outside corpus: copies and shares named in service-specific ways.


def test_an_s3_object_copy_carries_its_source_buckets_regime_into_the_bucket_it_writes() -> None:
    source = resource(BUCKET, "claims", bucket="claims", tags=GDPR, region="eu-west-1")
    for region, found in (("eu-north-1", 0), ("us-east-1", 2)):
        archive = resource(BUCKET, "archive", bucket="archive", region=region)
        copy = resource("aws:s3/objectCopy:ObjectCopy", "copy", bucket="archive", key="k",
                        source="claims/exports/2025.parquet", region=region)  # fmt: skip
        assert len(messages(RULE, [source, archive, copy])) == found


def test_a_cross_account_observability_link_shares_with_the_sinks_account() -> None:
    role = resource("aws:iam/role:Role", "role", arn="arn:aws:iam::111111111111:role/app")
    for sink, found in (("arn:aws:oam:eu-west-1:111111111111:sink/own", 0), ("arn:aws:oam:eu-west-1:4444:sink/x", 1)):
        link = resource("aws:oam/link:Link", "link", sinkIdentifier=sink.replace(":4444:", ":444455556666:"),
                        resourceTypes=["AWS::Logs::LogGroup"], tags=GDPR)  # fmt: skip
        assert len(messages(RULE, [role, link])) == found


def test_a_managed_instance_link_and_a_data_box_job_copy_out_only_in_their_outbound_direction() -> None:
    mi = resource("azure-native:sql:ManagedInstance", "mi", resourceGroupName="rg", managedInstanceName="mi",
                  location="westeurope", tags=GDPR)  # fmt: skip

    def link(role: str) -> list:
        return [mi, resource("azure-native:sql:DistributedAvailabilityGroup", "link", resourceGroupName="rg",
                             managedInstanceName="mi", distributedAvailabilityGroupName="l", instanceLinkRole=role,
                             partnerEndpoint="TCP://sql01.branch.example:5022")]  # fmt: skip

    assert messages(RULE, link("Secondary")) == []
    assert "copies data to TCP://sql01.branch.example:5022 (outside the cloud" in messages(RULE, link("Primary"))[0]
    account = resource("azure-native:storage:StorageAccount", "sa", resourceGroupName="rg", accountName="sa",
                       location="westeurope", id="/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/"
                       "storageAccounts/sa", sku={"name": "Standard_LRS"}, tags=GDPR)  # fmt: skip

    def job(transfer: str, country: str) -> list:
        details = {"shippingAddress": {"country": country}, "dataExportDetails": [{"accountDetails": {
            "storageAccountId": account.props["id"]}}]}  # fmt: skip
        return [account, resource("azure-native:databox:Job", "box", resourceGroupName="rg", jobName="box",
                                  location="westeurope", transferType=transfer, details=details)]  # fmt: skip

    assert messages(RULE, job("ExportToAzure", "DE")) == messages(RULE, job("ImportToAzure", "US")) == []
    [message] = messages(RULE, job("ExportFromAzure", "US"))
    assert "copies data to US (US) (details.shippingAddress.country)" in message


def test_a_mirrormaker_connector_is_a_copy_of_the_cluster_it_mirrors_from() -> None:
    source = resource("gcp:managedkafka/cluster:Cluster", "claims", clusterId="claims", location="europe-west3",
                      labels=GDPR)  # fmt: skip
    configs = {
        "connector.class": "org.apache.kafka.connect.mirror.MirrorSourceConnector",
        "source.cluster.bootstrap.servers": "bootstrap.claims.europe-west3.managedkafka.p.cloud.goog:9092",
    }
    for location, found in (("europe-west1", 0), ("us-central1", 1)):
        connector = resource("gcp:managedkafka/connector:Connector", "mm2", connectorId="mm2", location=location,
                             configs=configs)  # fmt: skip
        assert len([m for m in messages(RULE, [source, connector]) if "is a copy (configs)" in m]) == found


# An unclassified property naming a resource of another GCP project or AWS account names something outside
# the stack (issue 20: an unclassified destination fails closed).


def test_an_unclassified_reference_to_another_project_or_account_is_outside_the_stack() -> None:
    feed = "gcp:cloudasset/projectFeed:ProjectFeed"
    bucket = resource("gcp:storage/bucket:Bucket", "b", project="ledger-prod", location="EU", labels=GDPR)

    def asset_feed(topic: str) -> list:
        return [bucket, resource(feed, "feed", project="ledger-prod", labels=GDPR,
                                 feedOutputConfig={"pubsubDestination": {"topic": topic}})]  # fmt: skip

    assert messages(RULE, asset_feed("projects/ledger-prod/topics/assets")) == []
    [message] = messages(RULE, asset_feed("projects/partner-soc/topics/assets"))
    assert "(project partner-soc, outside the stack)" in message
    member = "gcp:storage/bucketIAMMember:BucketIAMMember"
    named = resource("gcp:storage/bucket:Bucket", "b", project="ledger-prod", location="EU", labels=GDPR)
    named.props["name"] = "claims"
    for who, found in (("serviceAccount:api@ledger-prod.iam.gserviceaccount.com", 0),
                       ("serviceAccount:etl@partner-lake.iam.gserviceaccount.com", 1),
                       ("serviceAccount:service-123@gcp-sa-bigquery.iam.gserviceaccount.com", 0)):  # fmt: skip
        grant = resource(member, "m", bucket="claims", member=who, role="roles/storage.objectViewer")
        assert len(messages(RULE, [named, grant])) == found, who
    role = resource("aws:iam/role:Role", "role", arn="arn:aws:iam::111111111111:role/app")

    def fn(target: str) -> list:
        return [role, resource("aws:lambda/function:Function", "f", role=role.props["arn"], tags=GDPR,
                               region="eu-west-1", deadLetterConfig={"targetArn": target})]  # fmt: skip

    assert messages(RULE, fn("arn:aws:sqs:eu-west-1:111111111111:dlq")) == []
    [message] = messages(RULE, fn("arn:aws:sqs:eu-west-1:444455556666:dlq"))
    assert "(AWS account 444455556666, outside the stack)" in message
    # A role or key of another account is who acts or what encrypts, not where data goes.
    assert messages(RULE, fn("arn:aws:kms:eu-west-1:444455556666:key/k")) == []


def test_an_unclassified_reference_to_another_azure_subscription_is_outside_the_stack() -> None:
    ours, theirs = "7a3e1c90-5b2d-4e8f-a6c1-0d9b4f2e7a32", "4b5c6d7e-8f90-4a1b-9c2d-3e4f5a6b7c8d"

    def export(hub_subscription: str, scope: str | None = ours) -> list:
        hub = f"/subscriptions/{hub_subscription}/resourceGroups/soc/providers/Microsoft.EventHub/namespaces/n"
        return [resource("azure-native:security:Automation", "export", resourceGroupName="rg", location="westeurope",
                         tags=GDPR, scopes=[{"scopePath": f"/subscriptions/{scope}"}] if scope else [],
                         actions=[{"actionType": "EventHub", "eventHubResourceId": hub}])]  # fmt: skip

    assert messages(RULE, export(ours)) == []
    [message] = messages(RULE, export(theirs))
    assert f"(Azure subscription {theirs}, outside the stack)" in message
    # Whose subscription is whose is only known from the stack's own IDs, scopes and providers.
    assert messages(RULE, export(theirs, scope=None)) == []
    # A scope unknown at preview says nothing yet, and defers nothing else.
    unknown = resource("azure-native:alertsmanagement:PrometheusRuleGroup", "g", scopes=[Unknown("urn:g", "scopes")])
    assert Stack.index([unknown]).azure_subscriptions == frozenset()


# After the twelfth outside corpus.


def test_a_cdn_carries_its_origins_regime_and_cannot_be_placed() -> None:
    bucket = resource("gcp:storage/bucket:Bucket", "letters", location="europe-west3", labels=GDPR,
                      url="gs://ledger-letters")  # fmt: skip
    bucket.props = {**bucket.props, "name": "ledger-letters"}
    origin = resource("gcp:networkservices/edgeCacheOrigin:EdgeCacheOrigin", "origin",
                      originAddress="gs://ledger-letters", labels={"fleet-residency": "none"})  # fmt: skip
    origin.props = {**origin.props, "name": "ledger-origin"}
    service = resource("gcp:networkservices/edgeCacheService:EdgeCacheService", "edge", routing={"pathMatchers": [
        {"name": "r", "routeRules": [{"priority": "1", "origin": "ledger-origin"}]}]})  # fmt: skip
    found = messages(RULE, [bucket, origin, service])
    assert len(found) == 2 and all("keeps it at edge locations" in m for m in found)
    bucket.props = {**bucket.props, "labels": {"fleet-residency": "none"}}
    assert messages(RULE, [bucket, origin, service]) == []


def test_a_spanner_partition_and_a_kusto_ingest_are_copies_placed_where_they_are() -> None:
    instance = resource("gcp:spanner/instance:Instance", "claims", config="regional-europe-west3", labels=GDPR)
    instance.props = {**instance.props, "name": "claims"}
    for config, found in (("regional-europe-west1", 0), ("regional-us-central1", 1)):
        partition = resource("gcp:spanner/instancePartition:InstancePartition", "p", instance="claims", config=config)
        assert len(messages(RULE, [instance, partition])) == found
    account = resource("azure-native:cosmosdb:DatabaseAccount", "cosmos", resourceGroupName="rg", accountName="c",
                       location="westeurope", tags=GDPR, id="/subscriptions/s/resourceGroups/rg/providers/"
                       "Microsoft.DocumentDB/databaseAccounts/c")  # fmt: skip
    feed = resource("azure-native:kusto:CosmosDbDataConnection", "feed", resourceGroupName="rg", location="eastus",
                    clusterName="adx", databaseName="d", cosmosDbAccountResourceId=account.props["id"])  # fmt: skip
    assert any("is a copy (cosmosDbAccountResourceId)" in m for m in messages(RULE, [account, feed]))


def test_public_iam_grants_and_saas_drives_community_galleries_and_connected_registries_are_outside() -> None:
    image = resource("gcp:compute/image:Image", "image", project="p", storageLocations=["europe-west3"], labels=GDPR)
    image.props = {**image.props, "name": "claims-image"}
    for member, found in (("group:team@example.com", 0), ("allUsers", 1), ("allAuthenticatedUsers", 1)):
        grant = resource("gcp:compute/imageIamMember:ImageIamMember", "g", project="p", image="claims-image",
                         role="roles/compute.imageUser", member=member)  # fmt: skip
        assert len(messages(RULE, [image, grant])) == found
    registry = resource("azure-native:containerregistry:Registry", "acr", resourceGroupName="rg",
                        registryName="ledgeracr", location="westeurope", tags=GDPR)  # fmt: skip
    connected = resource("azure-native:containerregistry:ConnectedRegistry", "edge", resourceGroupName="rg",
                         registryName="ledgeracr", connectedRegistryName="edge", mode="ReadOnly")  # fmt: skip
    [message] = messages(RULE, [registry, connected])
    assert "(outside the cloud: where it keeps data is not disclosed) (mode)" in message


# After the thirteenth outside corpus.


def test_a_managed_instance_group_copies_its_templates_images_into_its_own_region() -> None:
    image = resource("gcp:compute/image:Image", "golden", project="p", storageLocations=["europe-west3"], labels=GDPR)
    image.props = {**image.props, "name": "ledger-golden"}
    template = resource("gcp:compute/instanceTemplate:InstanceTemplate", "tpl", project="p", disks=[
        {"sourceImage": "https://www.googleapis.com/compute/v1/projects/p/global/images/ledger-golden"}])  # fmt: skip
    template.props = {**template.props, "name": "ledger-workers"}
    url = "https://www.googleapis.com/compute/v1/projects/p/global/instanceTemplates/ledger-workers"
    for region, found in (("europe-west1", 0), ("us-central1", 1)):
        group = resource("gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager", "mig", project="p",
                         region=region, versions=[{"name": "v", "instanceTemplate": url}])  # fmt: skip
        assert len([m for m in messages(RULE, [image, template, group]) if "is a copy" in m]) == found


def test_a_lake_formation_grant_shares_the_tables_data_with_its_principal() -> None:
    role = resource("aws:iam/role:Role", "role", arn="arn:aws:iam::111111111111:role/app")
    bucket = resource(BUCKET, "exports", bucket="ledger-exports", tags=GDPR)
    table = resource("aws:glue/catalogTable:CatalogTable", "claims", databaseName="ledger",
                     storageDescriptor={"location": "s3://ledger-exports/claims/"})  # fmt: skip
    table.props = {**table.props, "name": "claims"}
    for principal, found in (("arn:aws:iam::111111111111:role/analyst", 0), ("555566667777", 1)):
        grant = resource("aws:lakeformation/permissions:Permissions", "grant", principal=principal,
                         permissions=["SELECT"], table={"databaseName": "ledger", "name": "claims"})  # fmt: skip
        assert len(messages(RULE, [role, bucket, table, grant])) == found


# A resource-based policy that lets another account, or everyone, read regulated data (fleetguard/grants.py).


def _granted(principal: object, tags: dict | None = None, on_itself: bool = False) -> list:
    queue_arn = "arn:aws:sqs:eu-west-1:111111111111:claims"
    statement = {"Effect": "Allow", "Principal": principal, "Action": "sqs:ReceiveMessage", "Resource": queue_arn}
    document = json.dumps({"Statement": [statement]})
    queue = resource("aws:sqs/queue:Queue", "claims", arn=queue_arn, region="eu-west-1", tags=tags or GDPR,
                     **({"policy": document} if on_itself else {}))  # fmt: skip
    if on_itself:
        return [queue]
    return [queue, resource("aws:sqs/queuePolicy:QueuePolicy", "claims-policy", queueUrl="claims-url", policy=document)]


def test_compliant_resource_policy_for_the_stacks_accounts_or_unregulated_data() -> None:
    assert messages(RULE, _granted({"AWS": "arn:aws:iam::111111111111:root"})) == []
    assert messages(RULE, _granted({"AWS": "555566667777"}, {"fleet-residency": "none"})) == []


def test_fails_resource_policy_on_the_regulated_resource_itself_for_everyone() -> None:
    assert messages(RULE, _granted("*", on_itself=True)) == [
        "aws:sqs/queue:Queue 'claims' (policy) lets every AWS account (*) read its data (regime gdpr), and "
        "an account outside the stack may copy it to any Region; allow only the stack's own accounts (or bound the "
        "statement with the stack's own aws:PrincipalOrgID, or aws:SourceVpce), or exempt it with a reason"
    ]


def test_fails_policy_resource_naming_a_regulated_resource_for_another_account() -> None:
    [message] = messages(RULE, _granted({"AWS": "555566667777"}))
    assert message.startswith(
        "aws:sqs/queuePolicy:QueuePolicy 'claims-policy' (policy) lets AWS account 555566667777 read the "
        "data of aws:sqs/queue:Queue 'claims' (regime gdpr)"
    )


# A DataSync task moves the data of the storage its source location names to the storage its destination names
# (references.STORAGE_OF).

TASK = "aws:datasync/task:Task"


def _transfer(destination: Resource) -> list:
    efs_arn = "arn:aws:elasticfilesystem:eu-west-1:111111111111:file-system/fs-1"
    efs = resource("aws:efs/fileSystem:FileSystem", "claims", arn=efs_arn, region="eu-west-1", tags=GDPR)
    source = resource("aws:datasync/efsLocation:EfsLocation", "src", efsFileSystemArn=efs_arn,
                      arn="arn:aws:datasync:eu-west-1:111111111111:location/loc-src")  # fmt: skip
    destination.props = {**destination.props, "arn": "arn:aws:datasync:eu-west-1:111111111111:location/loc-dst"}
    task = resource(TASK, "sync", sourceLocationArn="arn:aws:datasync:eu-west-1:111111111111:location/loc-src",
                    destinationLocationArn="arn:aws:datasync:eu-west-1:111111111111:location/loc-dst")  # fmt: skip
    return [efs, source, destination, task]


def test_compliant_transfer_to_a_bucket_inside_the_regime() -> None:
    bucket = resource(BUCKET, "copy", bucket="copy", arn="arn:aws:s3:::copy", region="eu-central-1")
    dst = resource("aws:datasync/s3Location:S3Location", "dst", s3BucketArn="arn:aws:s3:::copy")
    assert messages(RULE, [*_transfer(dst), bucket]) == []


def test_fails_transfer_to_a_bucket_outside_the_regime() -> None:
    bucket = resource(BUCKET, "copy", bucket="copy", arn="arn:aws:s3:::copy", region="us-east-1")
    dst = resource("aws:datasync/s3Location:S3Location", "dst", s3BucketArn="arn:aws:s3:::copy")
    assert any(
        m.startswith(f"{TASK} 'sync' (regime gdpr) sends data (destinationLocationArn) to ") and "us-east-1 (US)" in m
        for m in messages(RULE, [*_transfer(dst), bucket])
    )


def test_fails_transfer_to_a_file_server_outside_the_cloud() -> None:
    dst = resource("aws:datasync/nfsLocation:NfsLocation", "dst", serverHostname="filer.example.com")
    [message] = messages(RULE, _transfer(dst))
    assert "to aws:datasync/nfsLocation:NfsLocation 'dst' in filer.example.com (outside the cloud" in message


def test_an_appflow_flow_from_a_regulated_bucket_to_a_saas_application_leaves_the_cloud() -> None:
    source = resource(BUCKET, "crm", bucket="crm", arn="arn:aws:s3:::crm", region="eu-west-1", tags=GDPR)

    def flow(connector: str) -> list:
        return [source, resource("aws:appflow/flow:Flow", "sync", region="eu-west-1",
                                 sourceFlowConfig={"connectorType": "S3",
                                                   "sourceConnectorProperties": {"s3": {"bucketName": "crm"}}},
                                 destinationFlowConfigs=[{"connectorType": connector}])]  # fmt: skip

    assert messages(RULE, flow("EventBridge")) == []
    [message] = messages(RULE, flow("Salesforce"))
    assert "copies data to Salesforce (outside the cloud" in message


# A Data Factory pipeline copies its input datasets' stores into its output datasets' stores; a dataset names its
# linked service, a linked service the store (references.STORAGE_OF).


def _factory(sink_location: str, runtime: str | None = None) -> list:
    adf = "azure-native:datafactory:"

    def account(name: str, location: str, **tags: str) -> Resource:
        return resource("azure-native:storage:StorageAccount", name, accountName=name, resourceGroupName="rg",
                        location=location, tags=tags)  # fmt: skip

    def linked(name: str, account_name: str) -> Resource:
        endpoint = f"https://{account_name}.blob.core.windows.net/"
        return resource(f"{adf}LinkedService", name, linkedServiceName=name, factoryName="etl", resourceGroupName="rg",
                        properties={"type": "AzureBlobStorage", "serviceEndpoint": endpoint})  # fmt: skip

    def dataset(name: str, service: str) -> Resource:
        return resource(f"{adf}Dataset", name, datasetName=name, factoryName="etl", resourceGroupName="rg",
                        properties={"type": "Binary", "linkedServiceName": {"referenceName": service}})  # fmt: skip

    copy = {"name": "copy", "type": "Copy", "inputs": [{"referenceName": "in"}], "outputs": [{"referenceName": "out"}]}
    items = [
        resource(f"{adf}Factory", "etl", factoryName="etl", resourceGroupName="rg", location="westeurope", tags=GDPR),
        account("claims", "westeurope", **GDPR), account("archive", sink_location),
        linked("src", "claims"), linked("dst", "archive"), dataset("in", "src"), dataset("out", "dst"),
        resource(f"{adf}Pipeline", "nightly", pipelineName="nightly", factoryName="etl", resourceGroupName="rg",
                 activities=[copy]),
    ]  # fmt: skip
    if runtime:
        items.append(resource(f"{adf}IntegrationRuntime", "ir", integrationRuntimeName="ir", factoryName="etl",
                              resourceGroupName="rg",
                              properties={"type": "Managed", "computeProperties": {"location": runtime}}))  # fmt: skip
    return items


def test_a_data_factory_copy_is_judged_where_its_sink_store_is() -> None:
    assert messages(RULE, _factory("northeurope")) == []
    [message] = messages(RULE, _factory("eastus"))
    assert message.startswith("azure-native:datafactory:Pipeline 'nightly' (regime gdpr) sends data ")
    assert "to azure-native:datafactory:Dataset 'out' in eastus (US)" in message


def test_a_data_factory_integration_runtime_moves_data_in_its_location() -> None:
    assert messages(RULE, _factory("northeurope", runtime="AutoResolve")) == []
    assert messages(RULE, _factory("northeurope", runtime="westeurope")) == []
    [message] = messages(RULE, _factory("northeurope", runtime="eastus"))
    assert "copies data to eastus (US) (properties.computeProperties.location)" in message


def test_public_access_to_regulated_objects_is_outside_every_regime() -> None:
    bucket = resource("gcp:storage/bucket:Bucket", "b", project="ledger-prod", location="EU", labels=GDPR)
    bucket.props["name"] = "letters"
    for entity, found in (("allUsers", 1), ("allAuthenticatedUsers", 1), ("user-ops@example.com", 0)):
        acl = resource("gcp:storage/defaultObjectAccessControl:DefaultObjectAccessControl", "acl", bucket="letters",
                       entity=entity, role="READER")  # fmt: skip
        assert len(messages(RULE, [bucket, acl])) == found, entity
    account = resource("azure-native:storage:StorageAccount", "sa", accountName="ledgerclaims", resourceGroupName="rg",
                       location="westeurope", tags=GDPR)  # fmt: skip
    for access, found in (("None", 0), ("Blob", 1), ("Container", 1)):
        container = resource("azure-native:storage:BlobContainer", "c", accountName="ledgerclaims",
                             resourceGroupName="rg", containerName="letters", publicAccess=access)  # fmt: skip
        assert len(messages(RULE, [account, container])) == found, access
    # A container of an account created in the same update is found by the engine's property dependency.
    new = resource("azure-native:storage:BlobContainer", "c", accountName=Unknown("urn:c", "accountName"),
                   resourceGroupName="rg", containerName="letters", publicAccess="Blob")  # fmt: skip
    new.depends = {"accountName": (account.urn,)}
    assert len(messages(RULE, [account, new])) == 1


def test_a_backup_kept_in_a_vault_is_replicated_where_the_vault_replicates() -> None:
    irish = Context(resolve_all([CustomRegime("ie", countries=("IE",))]), today=CTX.today)
    vm = resource("azure-native:compute:VirtualMachine", "vm", vmName="ledger-vm", resourceGroupName="rg",
                  location="northeurope", tags={"fleet-residency": "ie"})  # fmt: skip

    def backed_up(redundancy: str) -> list:
        vault = resource("azure-native:recoveryservices:Vault", "rsv", vaultName="rsv", resourceGroupName="rg",
                         location="northeurope",
                         properties={"redundancySettings": {"standardTierStorageRedundancy": redundancy}})  # fmt: skip
        source = "/subscriptions/7a3e1c90-5b2d-4e8f-a6c1-0d9b4f2e7a32/resourceGroups/rg/providers/"
        source += "Microsoft.Compute/virtualMachines/ledger-vm"
        item = resource("azure-native:recoveryservices:ProtectedItem", "item", vaultName="rsv", resourceGroupName="rg",
                        properties={"sourceResourceId": source})  # fmt: skip
        return [vm, vault, item]

    assert messages(RULE, backed_up("LocallyRedundant"), irish) == []
    [message] = messages(RULE, backed_up("GeoRedundant"), irish)
    assert message.startswith("azure-native:recoveryservices:Vault 'rsv' (holding azure-native:recoveryservices:")
    assert "copies data to westeurope (NL)" in message


def test_a_front_door_route_caches_its_origins_data_at_the_edge_only_with_a_cache_configuration() -> None:
    account = resource("azure-native:storage:StorageAccount", "sa", accountName="ledgerportal", resourceGroupName="rg",
                       location="westeurope", tags=GDPR)  # fmt: skip
    account_id = "/subscriptions/7a3e1c90-5b2d-4e8f-a6c1-0d9b4f2e7a32/resourceGroups/rg/providers/"
    origin = resource("azure-native:cdn:AFDOrigin", "o", originName="blob", originGroupName="origins",
                      profileName="edge", resourceGroupName="rg", hostName="ledgerportal.z6.web.core.windows.net",
                      azureOrigin={"id": account_id + "Microsoft.Storage/storageAccounts/ledgerportal"})  # fmt: skip

    def route(**cache: object) -> list:
        group = {"id": account_id + "Microsoft.Cdn/profiles/edge/originGroups/origins"}
        served = resource("azure-native:cdn:Route", "r", routeName="r", endpointName="e", profileName="edge",
                          resourceGroupName="rg", originGroup=group, **cache)  # fmt: skip
        return [account, origin, served]

    assert messages(RULE, route()) == []
    [message] = messages(RULE, route(cacheConfiguration={"queryStringCachingBehavior": "IgnoreQueryString"}))
    assert message.startswith("azure-native:cdn:Route 'r' carries the data of azure-native:storage:StorageAccount 'sa'")


def test_an_aws_database_endpoint_names_its_instance() -> None:
    rds = resource("aws:rds/instance:Instance", "db", identifier="ledger", region="eu-west-1", tags=GDPR)
    stack = Stack.index([rds, resource("aws:dms/endpoint:Endpoint", "src")])
    host = "ledger.c9akciq32rrw.eu-west-1.rds.amazonaws.com"
    assert stack.find_url(host, stack.resources[1]) is rds
    assert stack.find_url("other.c9akciq32rrw.eu-west-1.rds.amazonaws.com", stack.resources[1]) is None


def test_a_data_share_invitation_sends_the_share_to_its_recipient() -> None:
    account = resource("azure-native:datashare:Account", "a", accountName="ledger-share", resourceGroupName="rg",
                       location="westeurope", tags=GDPR)  # fmt: skip
    invitation = resource("azure-native:datashare:Invitation", "i", accountName="ledger-share", resourceGroupName="rg",
                          shareName="docs", targetEmail="team@auditor.example.com")  # fmt: skip
    [message] = messages(RULE, [account, invitation])
    assert "sends data (targetEmail) to 'team@auditor.example.com', an address outside the cloud" in message


def test_a_stream_analytics_output_to_power_bi_leaves_the_cloud() -> None:
    job = resource("azure-native:streamanalytics:StreamingJob", "j", jobName="asa", resourceGroupName="rg",
                   location="westeurope", tags=GDPR)  # fmt: skip

    def output(kind: str) -> list:
        return [job, resource("azure-native:streamanalytics:Output", "o", jobName="asa", resourceGroupName="rg",
                              outputName="out", datasource={"type": kind})]  # fmt: skip

    assert messages(RULE, output("Microsoft.EventHub/EventHub")) == []
    [message] = messages(RULE, output("PowerBI"))
    assert "copies data to PowerBI (outside the cloud" in message


def test_a_user_pool_sends_its_email_through_the_ses_identity_it_names() -> None:
    def pool(region: str) -> list:
        email = {"emailSendingAccount": "DEVELOPER", "sourceArn": f"arn:aws:ses:{region}:111111111111:identity/x.com"}
        return [resource("aws:cognito/userPool:UserPool", "p", region="eu-west-1", tags=GDPR, emailConfiguration=email)]

    assert messages(RULE, pool("eu-west-1")) == []
    [message] = messages(RULE, pool("us-east-1"))
    assert "sends data (emailConfiguration.sourceArn)" in message and "us-east-1 (US)" in message


def test_a_bigquery_full_resource_name_names_its_dataset() -> None:
    def scan(results_dataset_location: str) -> list:
        results = resource("gcp:bigquery/dataset:Dataset", "dq", datasetId="dq_results", project="p1",
                           location=results_dataset_location)  # fmt: skip
        table = "//bigquery.googleapis.com/projects/p1/datasets/dq_results/tables/profile"
        export = {"postScanActions": {"bigqueryExport": {"resultsTable": table}}}
        return [results, resource("gcp:dataplex/datascan:Datascan", "s", location="europe-west3", labels=GDPR,
                                  dataProfileSpec=export)]  # fmt: skip

    assert messages(RULE, scan("EU")) == []
    assert "names gcp:bigquery/dataset:Dataset 'dq' through dataProfileSpec" in messages(RULE, scan("US"))[0]


def test_a_file_sync_server_endpoint_copies_the_share_to_a_registered_server() -> None:
    service = resource("azure-native:storagesync:StorageSyncService", "svc", storageSyncServiceName="ledger-sync",
                       resourceGroupName="rg", location="westeurope", tags=GDPR)  # fmt: skip
    group = resource("azure-native:storagesync:SyncGroup", "grp", storageSyncServiceName="ledger-sync",
                     syncGroupName="finance", resourceGroupName="rg")  # fmt: skip
    endpoint = resource("azure-native:storagesync:ServerEndpoint", "ep", storageSyncServiceName="ledger-sync",
                        syncGroupName="finance", serverEndpointName="branch", resourceGroupName="rg",
                        serverResourceId="/subscriptions/s/resourceGroups/rg/providers/Microsoft.StorageSync/"
                        "storageSyncServices/ledger-sync/registeredServers/1")  # fmt: skip
    assert messages(RULE, [service, group]) == []
    [message] = messages(RULE, [service, group, endpoint])
    assert "(outside the cloud" in message and "(serverResourceId)" in message


def test_a_bucket_policy_for_everyone_on_a_regulated_bucket_created_in_the_same_update() -> None:
    bucket = resource(BUCKET, "data", bucket="ledger-data", region="eu-west-1", tags=GDPR)
    statement = {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::x/*"}
    policy = resource("aws:s3/bucketPolicy:BucketPolicy", "p", bucket="ledger-data",
                      policy=json.dumps({"Statement": [statement]}))  # fmt: skip
    [message] = messages(RULE, [bucket, policy])
    assert "lets every AWS account (*) read its data (regime gdpr)" in message  # it carries its bucket's regime
    # A policy resource whose link to its subject the survey does not classify: found by value.
    other = resource("aws:glacier/vaultLock:VaultLock", "lock", vaultName="ledger-data",
                     policy=json.dumps({"Statement": [{**statement, "Action": "glacier:GetJobOutput"}]}))  # fmt: skip
    assert len(messages(RULE, [bucket, other])) == 1


def test_endpoints_that_serve_regulated_data_to_others() -> None:
    function = resource("aws:lambda/function:Function", "fn", region="eu-west-1", tags=GDPR)
    function.props["name"] = "claims-docs"
    for auth, found in (("AWS_IAM", 0), ("NONE", 1)):
        url = resource("aws:lambda/functionUrl:FunctionUrl", "url", functionName="claims-docs", authorizationType=auth)
        assert len(messages(RULE, [function, url])) == found, auth
    cluster = resource("aws:redshift/cluster:Cluster", "dw", clusterIdentifier="claims-dw", region="eu-west-1",
                       tags=GDPR, arn="arn:aws:redshift:eu-west-1:111111111111:cluster:claims-dw")  # fmt: skip
    for account, found in (("111111111111", 0), ("737373737373", 1)):
        authorization = "aws:redshift/endpointAuthorization:EndpointAuthorization"
        grant = resource(authorization, "ea", clusterIdentifier="claims-dw", account=account)
        assert len(messages(RULE, [cluster, grant])) == found, account
    apim = resource("azure-native:apimanagement:ApiManagementService", "apim", serviceName="claims-apim",
                    resourceGroupName="rg", location="westeurope", tags=GDPR)  # fmt: skip
    backend = resource("azure-native:apimanagement:Backend", "b", serviceName="claims-apim", resourceGroupName="rg",
                       backendId="scoring", protocol="http", url="https://scoring.partner.example/api")  # fmt: skip
    [message] = messages(RULE, [apim, backend])
    assert "sends data (url) to 'https://scoring.partner.example/api', an address outside the cloud" in message


def test_sql_alerts_assessments_and_lighthouse_delegations_send_data_where_they_name() -> None:
    server = resource("azure-native:sql:Server", "sql", serverName="ledger-sql", resourceGroupName="rg",
                      location="westeurope", tags=GDPR)  # fmt: skip
    alerts = resource("azure-native:sql:ServerSecurityAlertPolicy", "alerts", serverName="ledger-sql",
                      resourceGroupName="rg", state="Enabled", emailAddresses=["soc@partner.example"])  # fmt: skip
    assert "sends data (emailAddresses[]) to 'soc@partner.example'" in messages(RULE, [server, alerts])[0]
    group = resource("azure-native:resources:ResourceGroup", "rg", resourceGroupName="ledger", location="westeurope",
                     tags=GDPR)  # fmt: skip
    scope = "/subscriptions/7a3e1c90-5b2d-4e8f-a6c1-0d9b4f2e7a32/resourceGroups/ledger"
    delegation = resource("azure-native:managedservices:RegistrationDefinition", "msp", scope=scope,
                          properties={"managedByTenantId": "9f8e7d6c-5b4a-4392-8170-6e5d4c3b2a19"})  # fmt: skip
    [message] = messages(RULE, [group, delegation])
    assert "(configuring azure-native:resources:ResourceGroup 'rg', regime gdpr) copies data to 9f8e7d6c" in message


def test_a_gcp_iam_grant_on_a_resource_created_in_the_same_update_follows_the_property_dependency() -> None:
    secret = resource("gcp:secretmanager/secret:Secret", "s", secretId="claims-db", project="p1", labels=GDPR)
    grant = resource("gcp:secretmanager/secretIamMember:SecretIamMember", "m", secretId=Unknown("urn:m", "secretId"),
                     role="roles/secretmanager.secretAccessor", member="allUsers")  # fmt: skip
    grant.depends = {"secretId": (secret.urn,)}
    [message] = messages(RULE, [secret, grant])
    assert "names 'allUsers' through member" in message


def test_an_unclassified_input_unknown_at_preview_names_what_the_engine_says_it_comes_from() -> None:
    def service(location: str) -> list:
        account = resource("azure-native:storage:StorageAccount", "sa", accountName="dicomstore",
                           resourceGroupName="rg", location=location)  # fmt: skip
        storage = {"storageResourceId": Unknown("urn:d", "storageConfiguration")}
        dicom = resource("azure-native:healthcareapis:DicomService", "dicom", workspaceName="w",
                         resourceGroupName="rg", dicomServiceName="imaging", location="westeurope", tags=GDPR,
                         storageConfiguration=storage)  # fmt: skip
        dicom.depends = {"storageConfiguration": (account.urn,)}
        return [account, dicom]

    assert messages(RULE, service("northeurope")) == []
    [message] = messages(RULE, service("eastus"))
    assert "names azure-native:storage:StorageAccount 'sa' through storageConfiguration" in message


def test_a_lambda_permission_shares_the_function_with_its_principal() -> None:
    function = resource("aws:lambda/function:Function", "fn", region="eu-west-1", tags=GDPR,
                        role="arn:aws:iam::111111111111:role/fn")  # fmt: skip
    function.props["name"] = "claims-lookup"
    org = resource("aws:organizations/organization:Organization", "org", id="o-a1b2c3d4e5", featureSet="ALL")
    for principal, extra, found in (("111111111111", {}, 0), ("s3.amazonaws.com", {}, 0), ("737373737373", {}, 1),
                                    ("*", {}, 1), ("*", {"principalOrgId": "o-a1b2c3d4e5"}, 0),
                                    ("*", {"principalOrgId": "o-p4r7n3r0rg1"}, 1)):  # fmt: skip
        grant = resource("aws:lambda/permission:Permission", "p", function="claims-lookup", principal=principal,
                         action="lambda:InvokeFunction", **extra)  # fmt: skip
        assert len(messages(RULE, [function, grant, org])) == found, (principal, extra)
    # An organization the stack does not name bounds nothing (failing closed).
    bounded = resource("aws:lambda/permission:Permission", "p", function="claims-lookup", principal="*",
                       action="lambda:InvokeFunction", principalOrgId="o-a1b2c3d4e5")  # fmt: skip
    assert "every account of AWS organization o-a1b2c3d4e5" in messages(RULE, [function, bounded])[0]


def test_hosts_that_receive_regulated_requests() -> None:
    partner = {"JDBC_CONNECTION_URL": "jdbc:postgresql://dw.partner.example:5432/x"}
    glue = resource("aws:glue/connection:Connection", "c", region="eu-west-1", tags=GDPR, connectionType="JDBC",
                    connectionProperties=partner)  # fmt: skip
    assert "an address outside the cloud" in messages(RULE, [glue])[0]
    own = {"JDBC_CONNECTION_URL": "jdbc:postgresql://db.c9akciq32rrw.eu-west-1.rds.amazonaws.com:5432/x"}
    glue.props = {**glue.props, "connectionProperties": own}
    assert messages(RULE, [glue]) == []
    app = resource("azure-native:web:WebApp", "app", resourceGroupName="rg", location="westeurope", tags=GDPR)
    app.props["name"] = "intake"
    hybrid = resource("azure-native:web:WebAppHybridConnection", "h", resourceGroupName="rg",
                      namespaceName="relay", relayName="ocr", hostname="ocr.partner.example", port=443)  # fmt: skip
    hybrid.props["name"] = "intake"
    assert "sends data (hostname) to 'ocr.partner.example'" in messages(RULE, [app, hybrid])[0]


def test_a_json_document_held_as_text_names_what_it_names() -> None:
    def account_policy(destination_account: str) -> list:
        document = json.dumps({"DestinationArn": f"arn:aws:logs:eu-west-1:{destination_account}:destination:siem",
                               "RoleArn": "arn:aws:iam::111111111111:role/cwl"})  # fmt: skip
        kind = "aws:cloudwatch/logAccountPolicy:LogAccountPolicy"
        return [resource(kind, "p", policyType="SUBSCRIPTION_FILTER_POLICY", policyDocument=document,
                         region="eu-west-1", tags=GDPR)]  # fmt: skip

    assert messages(RULE, account_policy("111111111111")) == []  # the role it runs as is the stack's account
    assert "(AWS account 737373737373, outside the stack)" in messages(RULE, account_policy("737373737373"))[0]


def test_a_resource_that_names_a_principal_of_another_account_gives_it_the_data() -> None:
    location = resource("aws:s3control/accessGrantsLocation:AccessGrantsLocation", "l", locationScope="s3://claims/",
                        iamRoleArn="arn:aws:iam::111111111111:role/grants", region="eu-west-1", tags=GDPR)  # fmt: skip

    def grant(account: str) -> Resource:
        grantee = {"granteeType": "IAM", "granteeIdentifier": f"arn:aws:iam::{account}:role/analytics"}
        return resource("aws:s3control/accessGrant:AccessGrant", "g", accessGrantsLocationId="l-1", grantee=grantee,
                        permission="READ", region="eu-west-1", tags=GDPR)  # fmt: skip

    found = messages(RULE, [location, grant("737373737373")])
    assert "(grantee.granteeIdentifier) lets AWS account 737373737373 read its data (regime gdpr)" in found[0]
    assert messages(RULE, [location, grant("111111111111")]) == []
    # An account the policy config names as the organization's own (awsAccounts, from the spec) is not outside.
    own = dataclasses.replace(CTX, aws_accounts=("737373737373",))
    assert messages(RULE, [location, grant("737373737373")], own) == []


def test_a_yaml_document_held_as_text_names_what_it_names() -> None:
    def pipeline(region: str, owner: str) -> list:
        body = (
            "version: '2'\np:\n  source:\n    http:\n      path: /events\n  sink:\n    - s3:\n"
            f"        bucket: drop\n        bucket_owners:\n          drop: {owner}\n        aws:\n"
            f"          region: {region}\n          sts_role_arn: arn:aws:iam::111111111111:role/osi\n"
        )
        return [resource("aws:opensearchingest/pipeline:Pipeline", "p", pipelineName="p", minUnits=1, maxUnits=2,
                         pipelineConfigurationBody=body, region="eu-west-1", tags=GDPR)]  # fmt: skip

    assert messages(RULE, pipeline("eu-west-1", "111111111111")) == []  # the role it runs as is the stack's account
    assert "in us-east-1 (US)" in messages(RULE, pipeline("us-east-1", "111111111111"))[0]
    # An unquoted account ID is a YAML number: read as the text it is; the bucket's owner is another account.
    assert "(AWS account 737373737373, outside the stack)" in messages(RULE, pipeline("eu-west-1", "737373737373"))[0]


def test_an_arm_child_id_names_the_parent_the_stack_holds() -> None:
    account = resource("azure-native:storage:StorageAccount", "sa", resourceGroupName="rg", accountName="claims",
                       location="westeurope", tags=GDPR)  # fmt: skip
    container = (
        "/subscriptions/7a3e1c90-5b2d-4e8f-a6c1-0d9b4f2e7a32/resourceGroups/rg/providers/Microsoft.Storage/"
        "storageAccounts/claims/blobServices/default/containers/scans"
    )

    def lustre(location: str) -> Resource:
        hsm = {"settings": {"container": container}}
        return resource("azure-native:storagecache:AmlFilesystem", "fs", resourceGroupName="rg",
                        amlFilesystemName="scratch", location=location, hsm=hsm)  # fmt: skip

    assert messages(RULE, [account, lustre("westeurope")]) == []
    found = messages(RULE, [account, lustre("eastus")])
    assert "names azure-native:storage:StorageAccount 'sa' (regime gdpr) through hsm.settings.container" in found[0]


def test_an_internet_endpoint_group_sends_requests_outside_the_cloud() -> None:
    def endpoint(fqdn: str) -> list:
        kind = "gcp:compute/globalNetworkEndpoint:GlobalNetworkEndpoint"
        return [resource(kind, "e", project="p-prod", globalNetworkEndpointGroup="neg", fqdn=fqdn, port=443,
                         labels=GDPR)]  # fmt: skip

    assert "sends data (fqdn) to 'kyc.partner.example'" in messages(RULE, endpoint("kyc.partner.example"))[0]
    # A Cloud Run service's deterministic URL names its region.
    assert messages(RULE, endpoint("api-123456789012.europe-west3.run.app")) == []
    assert "us-central1" in messages(RULE, endpoint("api-123456789012.us-central1.run.app"))[0]
    assert messages(RULE, endpoint("europe-west1-p-prod.cloudfunctions.net")) == []


def test_a_domain_member_of_another_organization_shares_what_it_is_granted_on() -> None:
    instance = resource("gcp:spanner/instance:Instance", "i", config="regional-europe-west3", project="p-prod",
                        labels=GDPR)  # fmt: skip
    instance.props["name"] = "policies"

    def member(value: str) -> Resource:
        return resource("gcp:spanner/instanceIAMMember:InstanceIAMMember", value, project="p-prod",
                        instance="policies", role="roles/spanner.databaseReader", member=value)  # fmt: skip

    found = messages(RULE, [instance, member("domain:partner.example")])
    assert "every account of domain partner.example" in found[0]
    # A domain the stack's own users or groups are in is the organization's own.
    assert messages(RULE, [instance, member("domain:ledger.example"), member("group:analysts@ledger.example")]) == []


def test_a_quicksight_dataset_is_a_copy_of_what_its_data_source_names() -> None:
    db = resource("aws:rds/instance:Instance", "db", identifier="ledger", region="eu-west-1", tags=GDPR)
    source = resource("aws:quicksight/dataSource:DataSource", "src", dataSourceId="claims-db", type="POSTGRESQL",
                      parameters={"postgresql": {"host": "ledger.c9akciq32rrw.eu-west-1.rds.amazonaws.com",
                                                 "port": 5432, "database": "claims"}}, region="eu-west-1")  # fmt: skip

    def dataset(region: str) -> Resource:
        table = {"dataSourceArn": f"arn:aws:quicksight:{region}:111111111111:datasource/claims-db", "name": "claims"}
        return resource("aws:quicksight/dataSet:DataSet", "ds", dataSetId="claims", importMode="SPICE", region=region,
                        physicalTableMaps=[{"physicalTableMapId": "t", "relationalTable": table}])  # fmt: skip

    assert messages(RULE, [db, source, dataset("eu-west-1")]) == []
    found = messages(RULE, [db, source, dataset("us-east-1")])
    assert any("is a copy (physicalTableMaps[].relationalTable.dataSourceArn)" in m and "us-east-1 (US)" in m
               for m in found)  # fmt: skip


def test_a_traffic_mirror_session_copies_packets_to_its_target() -> None:
    target = resource("aws:ec2/trafficMirrorTarget:TrafficMirrorTarget", "t", region="eu-west-1", tags=GDPR)
    target.props["id"] = "tmt-0a1b2c3d4e5f60718"

    def session(target_id: str) -> Resource:
        return resource("aws:ec2/trafficMirrorSession:TrafficMirrorSession", "s", networkInterfaceId="eni-1",
                        trafficMirrorFilterId="tmf-1", trafficMirrorTargetId=target_id, sessionNumber=1,
                        region="eu-west-1", tags=GDPR)  # fmt: skip

    assert messages(RULE, [target, session("tmt-0a1b2c3d4e5f60718")]) == []
    # Another account's target, shared through RAM: not in the stack, so where the copy goes cannot be checked.
    assert (
        "'tmt-07f3e2d1c0b9a8765', which is not in this stack" in messages(RULE, [session("tmt-07f3e2d1c0b9a8765")])[0]
    )


def test_container_apps_telemetry_to_datadog_leaves_the_cloud() -> None:
    otel = {"tracesConfiguration": {"destinations": ["dataDog"]},
            "destinationsConfiguration": {"dataDogConfiguration": {"site": "datadoghq.com"}}}  # fmt: skip
    environment = resource("azure-native:app:ManagedEnvironment", "env", resourceGroupName="rg", location="westeurope",
                           openTelemetryConfiguration=otel, tags=GDPR)  # fmt: skip
    assert (
        "sends data (openTelemetryConfiguration.destinationsConfiguration.dataDogConfiguration.site) to "
        "'datadoghq.com', an address outside the cloud" in messages(RULE, [environment])[0]
    )


def test_the_accounts_a_stack_creates_and_the_resources_its_policies_are_attached_to_are_its_own() -> None:
    from fleetguard.references import aws_accounts

    account = resource("aws:organizations/account:Account", "a", email="x@ledger.example")
    account.props.update(name="restore-tests", id="333344445555")
    assert aws_accounts([account]) == {"333344445555"}
    bucket = resource("aws:s3tables/tableBucket:TableBucket", "tb", region="eu-west-1", tags=GDPR)
    bucket.props["name"] = "claims-lake"
    statement = {
        "Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::737373737373:root"},
        "Action": "s3tables:GetTableData",
        "Resource": "arn:aws:s3tables:eu-west-1:111111111111:bucket/claims-lake",
    }
    document = json.dumps({"Statement": [statement]})
    policy = resource("aws:s3tables/tableBucketPolicy:TableBucketPolicy", "p",
                      tableBucketArn=Unknown("urn:tb", "arn"), resourcePolicy=document)  # fmt: skip
    policy = dataclasses.replace(policy, depends={"tableBucketArn": (bucket.urn,)})
    # The bucket is created in the same update: the ARN the policy names it by is its account's.
    assert aws_accounts([bucket, policy]) == {"111111111111"}
    assert "lets AWS account 737373737373 read the data of" in messages(RULE, [bucket, policy])[0]


def test_a_convenience_member_of_another_project_shares_what_it_is_granted_on() -> None:
    bucket = resource("gcp:storage/bucket:Bucket", "b", location="EUROPE-WEST3", project="p-prod", labels=GDPR)
    bucket.props["name"] = "claims"

    def member(value: str) -> Resource:
        return resource("gcp:storage/bucketIAMMember:BucketIAMMember", "m", bucket="claims",
                        role="roles/storage.objectViewer", member=value)  # fmt: skip

    assert (
        "the principals of project partner-lab, outside the stack"
        in messages(RULE, [bucket, member("projectViewer:partner-lab")])[0]
    )
    assert messages(RULE, [bucket, member("projectViewer:p-prod")]) == []


def test_a_dapr_component_sends_to_the_address_its_metadata_names() -> None:
    hub = resource("azure-native:eventhub:Namespace", "ns", resourceGroupName="rg", namespaceName="ledger-events",
                   location="westeurope", tags=GDPR)  # fmt: skip

    def component(brokers: str) -> Resource:
        metadata = [{"name": "brokers", "value": brokers}, {"name": "authType", "value": "password"},
                    {"name": "consumerGroup", "value": "claims"}]  # fmt: skip
        return resource("azure-native:app:DaprComponent", "c", resourceGroupName="rg", environmentName="apps",
                        componentName="pubsub", componentType="pubsub.kafka", metadata=metadata, tags=GDPR)  # fmt: skip

    # An Event Hubs namespace's Kafka endpoint (<namespace>.servicebus.windows.net) is the namespace in the stack.
    assert messages(RULE, [hub, component("ledger-events.servicebus.windows.net:9093")]) == []
    found = messages(RULE, [hub, component("pkc-1.us-east-1.aws.confluent.cloud:9092")])
    assert "sends data (metadata[]) to 'pkc-1.us-east-1.aws.confluent.cloud:9092', an address outside" in found[0]


def test_places_named_in_snake_case_or_after_a_slash() -> None:
    def extension(params: dict, system: dict) -> list:
        config = {"extensionRef": "firebase/firestore-bigquery-export", "params": params, "systemParams": system}
        return [resource("gcp:firebase/extensionsInstance:ExtensionsInstance", "x", project="p", instanceId="export",
                         config=config, labels=GDPR)]  # fmt: skip

    eu = {"firebaseextensions.v1beta.function/location": "europe-west3"}
    assert messages(RULE, extension({"DATASET_LOCATION": "eu"}, eu)) == []
    assert "through config.params.DATASET_LOCATION" in messages(RULE, extension({"DATASET_LOCATION": "us"}, eu))[0]
    iowa = {"firebaseextensions.v1beta.function/location": "us-central1"}
    assert "us-central1" in messages(RULE, extension({"DATASET_LOCATION": "eu"}, iowa))[0]


def test_a_one_item_list_for_a_bridged_block_is_that_block() -> None:
    bucket = resource("aws:s3/bucket:Bucket", "b", bucket="results", region="eu-west-1", tags=GDPR)
    kind = "aws:macie2/classificationExportConfiguration:ClassificationExportConfiguration"

    def export(destination: object) -> Resource:
        return resource(kind, "e", s3Destination=destination, region="eu-west-1", tags=GDPR)

    block = {"bucketName": "results", "kmsKeyArn": "arn:aws:kms:eu-west-1:111111111111:key/k"}
    assert messages(RULE, [bucket, export(block)]) == []
    assert messages(RULE, [bucket, export([block])]) == []
    assert "cannot evaluate" in messages(RULE, [bucket, export([block, block])])[0]


def test_a_resource_whose_id_is_its_arn_names_its_account() -> None:
    from fleetguard.references import aws_accounts, aws_own_name

    bucket = resource("aws:s3/vectorsVectorBucket:VectorsVectorBucket", "v", vectorBucketName="claims")
    bucket.props["id"] = "arn:aws:s3vectors:eu-west-1:111111111111:bucket/claims"
    assert aws_accounts([bucket]) == {"111111111111"}
    # A kind that repeats its module names itself by its shorter stem too.
    assert "vectorBucketName" in aws_own_name(bucket.type)


def test_a_storage_mount_with_read_only_access_receives_nothing() -> None:
    account = resource("azure-native:storage:StorageAccount", "sa", resourceGroupName="rg", accountName="scanseast",
                       location="eastus", tags={"fleet-residency": "none"})  # fmt: skip

    def storage(mode: str) -> Resource:
        azure_file = {"accountName": "scanseast", "shareName": "scans", "accessMode": mode}
        return resource("azure-native:app:ManagedEnvironmentsStorage", "st", resourceGroupName="rg",
                        environmentName="apps", storageName="scans", properties={"azureFile": azure_file},
                        tags=GDPR)  # fmt: skip

    assert messages(RULE, [account, storage("ReadOnly")]) == []
    assert "in eastus (US)" in messages(RULE, [account, storage("ReadWrite")])[0]


def test_a_backup_channel_shares_backups_with_its_destination_project() -> None:
    provider = {"project": "p-prod", "region": "europe-west3"}

    def channel(destination: str) -> list:
        project = resource("gcp:organizations/project:Project", "dr", projectId="p-dr", number="123456789012")
        kind = "gcp:gkebackup/restoreChannel:RestoreChannel"
        channel = resource(kind, "ch", provider, location="europe-west3", destinationProject=destination, labels=GDPR)
        return [project, channel]

    assert messages(RULE, channel("projects/p-prod")) == []
    assert messages(RULE, channel("projects/123456789012")) == []  # our DR project, by number
    assert "with GCP project partner-restores" in messages(RULE, channel("projects/partner-restores"))[0]


def test_a_nested_gcp_resource_is_where_the_parent_its_path_names_is() -> None:
    def pipeline(store_location: str) -> list:
        dataset = f"projects/p/locations/{store_location}/datasets/out"
        store = resource("gcp:healthcare/fhirStore:FhirStore", "store", dataset=dataset, version="R4")
        store.props.update(name="out", id=f"{dataset}/fhirStores/out")
        job = resource("gcp:healthcare/pipelineJob:PipelineJob", "job", location="europe-west3", labels=GDPR,
                       mappingPipelineJob={"fhirStoreDestination": f"{dataset}/fhirStores/out"})  # fmt: skip
        return [store, job]

    assert messages(RULE, pipeline("europe-west3")) == []
    assert "in us-central1 (US)" in messages(RULE, pipeline("us-central1"))[0]


def test_a_foundry_connection_sends_requests_to_its_target() -> None:
    account = resource("azure-native:cognitiveservices:Account", "foundry", resourceGroupName="rg",
                       accountName="claims-ai", location="westeurope", tags=GDPR)  # fmt: skip
    search = resource("azure-native:search:Service", "search", resourceGroupName="rg",
                      searchServiceName="claims-search", location="westeurope")  # fmt: skip

    def connection(target: str) -> Resource:
        return resource("azure-native:cognitiveservices:AccountConnection", "conn", resourceGroupName="rg",
                        accountName="claims-ai", connectionName="c", properties={"target": target})  # fmt: skip

    assert messages(RULE, [account, search, connection("https://claims-search.search.windows.net")]) == []
    found = messages(RULE, [account, search, connection("https://api.bing.microsoft.com/")])
    assert "api.bing.microsoft.com" in found[0]


def test_a_file_share_bucket_not_in_the_stack_is_placed_by_its_bucket_region() -> None:
    def share(**region: str) -> Resource:
        return resource("aws:storagegateway/nfsFileShare:NfsFileShare", "s", locationArn="arn:aws:s3:::scans",
                        region="eu-west-1", tags=GDPR, **region)  # fmt: skip

    assert messages(RULE, [share(bucketRegion="eu-west-1")]) == []
    assert "not in this stack and names no region" in messages(RULE, [share()])[0]


def test_a_service_connector_carries_its_app_to_its_target() -> None:
    app = resource("azure-native:web:WebApp", "app", resourceGroupName="rg", location="westeurope", tags=GDPR)
    app.props.update(name="portal", id="/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/portal")

    def link(location: str) -> list:
        cosmos_id = (
            f"/subscriptions/s/resourceGroups/rg/providers/Microsoft.DocumentDB/databaseAccounts/store-{location}"
        )
        cosmos = resource("azure-native:cosmosdb:DatabaseAccount", "store", resourceGroupName="rg",
                          accountName=f"store-{location}", location=location, backupPolicy={"type": "Continuous"},
                          locations=[{"locationName": location}], tags={"fleet-residency": "none"})  # fmt: skip
        cosmos.props["id"] = cosmos_id
        target = {"type": "AzureResource", "id": f"{cosmos_id}/sqlDatabases/claims"}
        uri = app.props["id"]
        linker = resource("azure-native:servicelinker:Linker", "link", resourceUri=uri, targetService=target)
        return [app, cosmos, linker]

    assert messages(RULE, link("westeurope")) == []
    assert any("in eastus (US)" in m for m in messages(RULE, link("eastus")))


def test_an_external_cache_is_where_its_connection_string_host_is() -> None:
    redis = resource("azure-native:redis:Redis", "redis", resourceGroupName="rg", location="westeurope",
                     tags={"fleet-residency": "none"})  # fmt: skip
    redis.props["name"] = "claims-cache"

    def cache(host: str) -> Resource:
        return resource("azure-native:apimanagement:Cache", "cache", resourceGroupName="rg", serviceName="apim",
                        cacheId="c", useFromLocation="default", tags=GDPR,
                        connectionString=f"{host}:6380,password=s3cr3t,ssl=True")  # fmt: skip

    assert messages(RULE, [redis, cache("claims-cache.redis.cache.windows.net")]) == []
    found = messages(RULE, [redis, cache("elsewhere.redis.cache.windows.net")])
    assert "a cloud service host this stack does not hold" in found[0] and "s3cr3t" not in found[0]


def test_a_migration_job_copies_into_its_destination_profile() -> None:
    def job(location: str) -> list:
        profile = f"projects/p/locations/{location}/connectionProfiles/target"
        return [resource("gcp:databasemigrationservice/migrationJob:MigrationJob", "j", location="europe-west3",
                         type="CONTINUOUS", source="projects/p/locations/europe-west3/connectionProfiles/src",
                         destination=profile, labels=GDPR)]  # fmt: skip

    assert messages(RULE, job("europe-west3")) == []
    assert "us-east1 (US)" in messages(RULE, job("us-east1"))[0]


def test_a_url_the_resource_sends_to_through_an_unclassified_property_is_placed_by_its_host() -> None:
    def pipe(target: str) -> Resource:
        return resource("aws:pipes/pipe:Pipe", "p", region=EU, tags=GDPR, roleArn="arn:aws:iam::1:role/p",
                        source="arn:aws:sqs:eu-west-1:1:claims", target=target)  # fmt: skip

    assert "'https://hooks.partner.example/claims'" in messages(RULE, [pipe("https://hooks.partner.example/claims")])[0]
    # An AWS endpoint names its Region; a cloud service's host the stack does not hold is left to the other rules.
    assert messages(RULE, [pipe("https://sqs.eu-central-1.amazonaws.com/1/claims")]) == []
    assert messages(RULE, [pipe("https://claims.servicebus.windows.net/q")]) == []


def test_a_connection_string_in_an_unclassified_property_names_its_server() -> None:
    def setup(location: str) -> list:
        server = resource("azure-native:sql:Server", "sql", resourceGroupName="rg", serverName=f"claims-{location}",
                          location=location, tags={"fleet-residency": "none"})  # fmt: skip
        value = f"Server=tcp:claims-{location}.database.windows.net,1433;Database=claims;Encrypt=True;"
        strings = resource("azure-native:web:WebAppConnectionStrings", "cs", resourceGroupName="rg", tags=GDPR,
                           properties={"Db": {"value": value, "type": "SQLAzure"}})  # fmt: skip
        return [server, strings]

    assert messages(RULE, setup("westeurope")) == []
    assert "in eastus (US)" in messages(RULE, setup("eastus"))[0]


def test_an_event_listener_sends_to_the_namespace_its_endpoint_names() -> None:
    def setup(location: str, host: str = "claims-events.servicebus.windows.net") -> list:
        namespace = resource("azure-native:eventhub:Namespace", "ns", resourceGroupName="rg", location=location,
                             namespaceName="claims-events", tags={"fleet-residency": "none"})  # fmt: skip
        namespace.props["name"] = "claims-events"
        endpoint = {"type": "EventHub", "fullyQualifiedNamespace": host, "eventHubName": "e"}
        hub = resource("azure-native:webpubsub:WebPubSubHub", "hub", resourceGroupName="rg", resourceName="chat",
                       hubName="h", tags=GDPR, properties={"eventListeners": [{"endpoint": endpoint}]})  # fmt: skip
        return [namespace, hub]

    assert messages(RULE, setup("westeurope")) == []
    assert "in eastus (US)" in messages(RULE, setup("eastus"))[0]
    found = messages(RULE, setup("westeurope", "partner.servicebus.windows.net"))
    assert "a cloud service host this stack does not hold" in found[0]


def test_transfer_family_home_directories_are_where_the_users_files_go() -> None:
    def setup(region: str, **home: object) -> list:
        bucket = resource("aws:s3/bucket:Bucket", "b", region=region, bucket="claims-intake",
                          tags={"fleet-residency": "none"})  # fmt: skip
        user = resource("aws:transfer/user:User", "u", region=EU, serverId="s-1", userName="broker", tags=GDPR,
                        role="arn:aws:iam::1:role/r", **home)  # fmt: skip
        return [bucket, user]

    assert messages(RULE, setup("eu-west-1", homeDirectory="/claims-intake/uploads")) == []
    assert "in us-east-1 (US)" in messages(RULE, setup("us-east-1", homeDirectory="/claims-intake/uploads"))[0]
    mappings = [{"entry": "/", "target": "/claims-intake/uploads"}]
    assert "homeDirectoryMappings[].target" in messages(RULE, setup("us-east-1", homeDirectoryMappings=mappings))[0]
    unmanaged = messages(RULE, setup("eu-west-1", homeDirectory="/elsewhere/uploads"))
    assert "'elsewhere', which is not in this stack" in unmanaged[0]


def test_an_nfs_volume_writes_to_the_server_it_mounts_by_ip_address() -> None:
    def setup(zone: str, server: str = "10.20.0.2", read_only: bool = False) -> list:
        share = resource("gcp:filestore/instance:Instance", "share", location=zone,
                         labels={"fleet-residency": "none"},
                         networks=[{"network": "vpc", "ipAddresses": ["10.20.0.2"]}])  # fmt: skip
        service = resource("gcp:cloudrunv2/service:Service", "run", location="europe-west3", labels=GDPR,
                           template={"volumes": [{"name": "v", "nfs": {"server": server, "path": "/claims",
                                                                         "readOnly": read_only}}]})  # fmt: skip
        return [share, service]

    assert messages(RULE, setup("europe-west3-a")) == []
    assert "in us-central1 (US)" in messages(RULE, setup("us-central1-a"))[0]
    assert messages(RULE, setup("us-central1-a", read_only=True)) == []
    assert "an address outside the cloud" in messages(RULE, setup("europe-west3-a", server="192.168.40.10"))[0]


def test_a_gateway_sends_requests_to_its_api_configs_backends() -> None:
    import base64

    def setup(address: str, config_in_stack: bool = True) -> list:
        document = f"swagger: '2.0'\nx-google-backend:\n  address: {address}\npaths: {{}}\n"
        contents = base64.b64encode(document.encode()).decode()
        config_id = "projects/p/locations/global/apis/claims/configs/v1"
        backend = resource("gcp:cloudrunv2/service:Service", "api", location="us-central1",
                           labels={"fleet-residency": "none"})  # fmt: skip
        backend.props["uri"] = "https://claims-api-1.us-central1.run.app"
        config = resource("gcp:apigateway/apiConfig:ApiConfig", "v1", api="claims", apiConfigId="v1",
                          openapiDocuments=[{"document": {"path": "o.yaml", "contents": contents}}])  # fmt: skip
        config.props["id"] = config_id
        gateway = resource("gcp:apigateway/gateway:Gateway", "gw", region="europe-west1", gatewayId="gw",
                           apiConfig=config_id, labels=GDPR)  # fmt: skip
        return [backend, *([config] if config_in_stack else []), gateway]

    assert "in us-central1 (US)" in messages(RULE, setup("https://claims-api-1.us-central1.run.app"))[0]
    assert "in europe-west1" not in " ".join(messages(RULE, setup("https://claims-api-1.europe-west1.run.app")))
    assert "an address outside the cloud" in messages(RULE, setup("https://tpa.example/api"))[0]
    assert "which is not in this stack" in messages(RULE, setup("https://tpa.example/api", config_in_stack=False))[0]


def test_call_logs_go_where_the_projects_log_sinks_route_them() -> None:
    def setup(level: str, sink_location: str | None) -> list:
        workflow = resource("gcp:workflows/workflow:Workflow", "wf", region="europe-west3", project="p",
                            callLogLevel=level, labels=GDPR)  # fmt: skip
        if sink_location is None:
            return [workflow]
        bucket = f"logging.googleapis.com/projects/p/locations/{sink_location}/buckets/b"
        sink = resource("gcp:logging/projectSink:ProjectSink", "default", project="p", destination=bucket)
        sink.props["name"] = "_Default"
        return [workflow, sink]

    assert "_Default log bucket, which is global" in messages(RULE, setup("LOG_ALL_CALLS", None))[0]
    assert messages(RULE, setup("LOG_NONE", None)) == []
    assert messages(RULE, setup("LOG_ERRORS_ONLY", "europe-west3")) == []
    assert "us-central1 (US)" in messages(RULE, setup("LOG_ALL_CALLS", "us-central1"))[0]


def test_an_image_shared_with_an_organization_stays_only_with_the_stacks_own() -> None:
    own = "arn:aws:organizations::111111111111:organization/o-own0000000"
    org = resource("aws:organizations/organization:Organization", "org", featureSet="ALL")
    org.props["arn"] = own

    def share(**target: object) -> Resource:
        return resource("aws:ec2/amiLaunchPermission:AmiLaunchPermission", "share", region=EU, imageId="ami-1",
                        tags=GDPR, **target)  # fmt: skip

    assert messages(RULE, [org, share(organizationArn=own)]) == []
    ou = "arn:aws:organizations::111111111111:ou/o-own0000000/ou-ab12-cdef3456"
    assert messages(RULE, [org, share(organizationalUnitArn=ou)]) == []
    partner = "arn:aws:organizations::737373737373:organization/o-7373tpa0000"
    found = messages(RULE, [org, share(organizationArn=partner)])
    assert "an AWS organization this stack does not create or read" in found[0]


def test_a_forward_proxy_sees_every_request_an_environment_sends() -> None:
    env = resource("gcp:apigee/environment:Environment", "env", orgId="organizations/p", labels=GDPR,
                   forwardProxyUri="http://egress.partner.example:3128")  # fmt: skip
    assert "an address outside the cloud" in messages(RULE, [env])[0]


def test_a_self_hosted_gateway_is_where_its_location_data_says() -> None:
    def setup(**location: object) -> list:
        service = resource("azure-native:apimanagement:ApiManagementService", "apim", resourceGroupName="rg",
                           serviceName="apim", location="westeurope", tags=GDPR)  # fmt: skip
        gateway = resource("azure-native:apimanagement:Gateway", "gw", resourceGroupName="rg", serviceName="apim",
                           gatewayId="dc", **location)  # fmt: skip
        return [service, gateway]

    assert messages(RULE, setup(locationData={"name": "dc", "countryOrRegion": "DE"})) == []
    assert "is in US (US)" in messages(RULE, setup(locationData={"name": "dc", "countryOrRegion": "US"}))[0]
    assert "outside the regime" in messages(RULE, setup())[0]


def test_a_cloud_sql_volume_writes_to_the_instances_it_connects_to() -> None:
    def setup(region: str, connection: str | None = None) -> list:
        instance = resource("gcp:sql/databaseInstance:DatabaseInstance", "db", region=region, project="p",
                            settings={"userLabels": {"fleet-residency": "none"},
                                      "backupConfiguration": {"location": region}})  # fmt: skip
        instance.props["connectionName"] = f"p:{region}:db"
        volume = {"name": "sql", "cloudSqlInstance": {"instances": [connection or f"p:{region}:db"]}}
        service = resource("gcp:cloudrunv2/service:Service", "run", location="europe-west3", labels=GDPR,
                           template={"volumes": [volume]})  # fmt: skip
        return [instance, service]

    assert messages(RULE, setup("europe-west3")) == []
    assert any("in us-central1 (US)" in m for m in messages(RULE, setup("us-central1")))
    # An instance the stack does not hold is placed by the region its connection name gives.
    assert messages(RULE, setup("europe-west3", "p:europe-west3:other")) == []
    assert "us-east1" in messages(RULE, setup("europe-west3", "p:us-east1:other"))[0]


def test_a_kafka_sink_connector_writes_to_the_bucket_its_configs_name() -> None:
    def setup(location: str, configs: dict | None = None) -> list:
        bucket = resource("gcp:storage/bucket:Bucket", "b", location=location, labels={"fleet-residency": "none"})
        bucket.props["name"] = "archive"
        connector = resource("gcp:managedkafka/connector:Connector", "c", location="europe-west3", labels=GDPR,
                             configs=configs or {"connector.class": "io.aiven.kafka.connect.gcs.GcsSinkConnector",
                                                 "gcs.bucket.name": "archive"})  # fmt: skip
        return [bucket, connector]

    assert messages(RULE, setup("EU")) == []
    assert "in US (US)" in messages(RULE, setup("US"))[0]
    servers = "bootstrap.src.europe-west3.managedkafka.p.cloud.goog:9092"
    mirror = {"connector.class": "org.apache.kafka.connect.mirror.MirrorSourceConnector",
              "source.cluster.bootstrap.servers": servers}  # fmt: skip
    assert not any("sends data (configs)" in m for m in messages(RULE, setup("US", mirror)))


def test_telemetry_connection_strings_and_unmanaged_connection_strings_name_where_data_goes() -> None:
    key = "5d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6"

    def connection(region: str) -> str:
        return (f"InstrumentationKey={key};IngestionEndpoint=https://{region}-8.in.applicationinsights.azure.com/;"
                f"LiveEndpoint=https://{region}.livediagnostics.monitor.azure.com/")  # fmt: skip

    def settings(value: str) -> Resource:
        return resource("azure-native:web:WebAppApplicationSettings", "s", resourceGroupName="rg", tags=GDPR,
                        properties={"APPLICATIONINSIGHTS_CONNECTION_STRING": value})  # fmt: skip

    assert messages(RULE, [settings(connection("westeurope"))]) == []
    assert "in eastus (US)" in messages(RULE, [settings(connection("eastus"))])[0]
    storage = "DefaultEndpointsProtocol=https;AccountName=opsshared;AccountKey=c2VjcmV0;EndpointSuffix=core.windows.net"
    found = messages(RULE, [resource("azure-native:web:WebAppApplicationSettings", "s", resourceGroupName="rg",
                                     tags=GDPR, properties={"AzureWebJobsStorage": storage})])  # fmt: skip
    assert "opsshared.blob.core.windows.net" in found[0] and "c2VjcmV0" not in found[0]


def test_kusto_exports_write_to_their_external_tables_storage() -> None:
    def setup(location: str, export: bool = True) -> list:
        account = resource("azure-native:storage:StorageAccount", "a", resourceGroupName="rg", accountName="archive",
                           location=location, tags={"fleet-residency": "none"})  # fmt: skip
        script = (".create external table Archive (Id:string)\nkind=storage\ndataformat=parquet\n"
                  "(h@'https://archive.blob.core.windows.net/claims;managed_identity=system')\n")  # fmt: skip
        if export:
            script += "\n.create-or-alter continuous-export ToArchive\nto table Archive\n<| Claims\n"
        kusto = resource("azure-native:kusto:Script", "s", resourceGroupName="rg", clusterName="adx",
                         databaseName="db", scriptContent=script, tags=GDPR)  # fmt: skip
        return [account, kusto]

    assert messages(RULE, setup("westeurope")) == []
    assert "in eastus (US)" in messages(RULE, setup("eastus"))[0]
    assert messages(RULE, setup("eastus", export=False)) == []
    direct = ".export async to parquet (h@'https://elsewhere.blob.core.windows.net/out;impersonate') <| Claims\n"
    found = messages(RULE, [resource("azure-native:kusto:Script", "s", resourceGroupName="rg", clusterName="adx",
                                     databaseName="db", scriptContent=direct, tags=GDPR)])  # fmt: skip
    assert "elsewhere.blob.core.windows.net" in found[0]


def test_firebase_rules_carry_the_regime_of_what_their_release_governs() -> None:
    bucket = resource("gcp:storage/bucket:Bucket", "b", location="EUROPE-WEST3", labels=GDPR)
    bucket.props["name"] = "photos"
    ruleset_id = "projects/p/rulesets/r1"

    def setup(statement: str) -> list:
        content = f"service firebase.storage {{ match /b/{{bucket}}/o {{ match /{{path=**}} {{ {statement} }} }} }}"
        ruleset = resource("gcp:firebaserules/ruleset:Ruleset", "r", project="p",
                           source={"files": [{"name": "storage.rules", "content": content}]})  # fmt: skip
        ruleset.props["name"] = ruleset_id
        release = resource("gcp:firebaserules/release:Release", "rel", project="p", rulesetName=ruleset_id)
        release.props["name"] = "firebase.storage/photos"
        return [bucket, ruleset, release]

    assert "everyone on the internet" in messages(RULE, setup("allow read: if true;"))[0]
    assert messages(RULE, setup("allow read: if request.auth.uid == 'x';")) == []


def test_an_fsx_data_repository_exports_to_its_bucket() -> None:
    def setup(path: str) -> list:
        fs = resource("aws:fsx/lustreFileSystem:LustreFileSystem", "fs", region=EU, tags=GDPR)
        fs.props["id"] = "fs-1"
        bucket = resource("aws:s3/bucket:Bucket", "b", region="us-east-1", bucket="results",
                          tags={"fleet-residency": "none"})  # fmt: skip
        dra = resource("aws:fsx/dataRepositoryAssociation:DataRepositoryAssociation", "dra", region=EU,
                       fileSystemId="fs-1", fileSystemPath="/r", dataRepositoryPath=path)  # fmt: skip
        return [fs, bucket, dra]

    assert any("us-east-1 (US)" in m for m in messages(RULE, setup("s3://results/runs/")))
    assert any("which is not in this stack" in m for m in messages(RULE, setup("s3://elsewhere/runs/")))


def test_a_confluent_source_connector_copies_the_store_it_reads_into_confluent_cloud() -> None:
    def setup(kind: str, tags: dict) -> list:
        account = resource("azure-native:storage:StorageAccount", "a", resourceGroupName="rg", accountName="docs",
                           location="westeurope", tags=tags)  # fmt: skip
        connector = resource("azure-native:confluent:Connector", "c", resourceGroupName="rg", organizationName="o",
                             environmentId="e", clusterId="k", connectorName="c",
                             connectorBasicInfo={"connectorClass": "AZUREBLOBSOURCE", "connectorType": kind},
                             connectorServiceTypeInfo={"storageAccountName": "docs"})  # fmt: skip
        return [account, connector]

    assert any("Confluent Cloud" in m for m in messages(RULE, setup("SOURCE", GDPR)))
    assert messages(RULE, setup("SOURCE", {"fleet-residency": "none"})) == []
    assert not any("Confluent Cloud" in m for m in messages(RULE, setup("SINK", GDPR)))


def test_data_items_are_kept_where_their_container_is() -> None:
    def blob(location: str) -> list:
        account = resource("azure-native:storage:StorageAccount", "a", resourceGroupName="rg", accountName="acct",
                           location=location, tags={"fleet-residency": "none"})  # fmt: skip
        item = resource("azure-native:storage:Blob", "b", resourceGroupName="rg", accountName="acct",
                        containerName="c", blobName="claims.xlsx", tags=GDPR)  # fmt: skip
        return [account, item]

    assert messages(RULE, blob("swedencentral")) == []
    assert "kept where its container is: eastus (US)" in messages(RULE, blob("eastus"))[0]

    def secret(location: str) -> list:
        vault = resource("azure-native:keyvault:Vault", "v", resourceGroupName="rg", vaultName="kv",
                         location=location, tags={"fleet-residency": "none"})  # fmt: skip
        item = resource("azure-native:keyvault:Secret", "s", resourceGroupName="rg", vaultName="kv",
                        secretName="api", tags=GDPR)  # fmt: skip
        return [vault, item]

    assert messages(RULE, secret("francecentral")) == []
    assert "uksouth (GB)" in messages(RULE, secret("uksouth"))[0]
    item = resource("gcp:storage/bucketObject:BucketObject", "o", bucket="exports", labels=GDPR)
    assert "its bucket 'exports' is not in this stack" in messages(RULE, [item])[0]


def test_a_nested_resource_without_a_location_is_kept_in_its_parent_and_its_replicas() -> None:
    def setup(*regions: str) -> list:
        replicas = [{"locationName": r, "failoverPriority": i} for i, r in enumerate(regions)]
        account = resource("azure-native:cosmosdb:DatabaseAccount", "docs", resourceGroupName="ledger",
                           accountName="docs", location=regions[0], tags={"fleet-residency": "none"},
                           locations=replicas)  # fmt: skip
        container = resource("azure-native:cosmosdb:SqlResourceSqlContainer", "claims", resourceGroupName="ledger",
                             accountName="docs", databaseName="db", containerName="claims", tags=GDPR,
                             resource={"id": "claims"})  # fmt: skip
        return [account, container]

    assert messages(RULE, setup("westeurope", "northeurope")) == []
    assert any("eastus (US)" in m for m in messages(RULE, setup("westeurope", "eastus")))


def test_exclusive_share_associations_and_export_jobs_share_what_they_name() -> None:
    arn = "arn:aws:rds:eu-west-1:111111111111:cluster:ledger"
    cluster = resource("aws:rds/cluster:Cluster", "ledger", region=EU, clusterIdentifier="ledger", tags=GDPR)
    cluster.props["arn"] = arn

    def share(*principals: object) -> Resource:
        return resource("aws:ram/resourceShareAssociationsExclusive:ResourceShareAssociationsExclusive", "x",
                        region=EU, resourceShareArn="arn:aws:ram:eu-west-1:111111111111:resource-share/s",
                        principals=list(principals), resourceArns=[arn])  # fmt: skip

    assert messages(RULE, [cluster, share("111111111111")]) == []
    assert "AWS account 444455556666" in messages(RULE, [cluster, share("111111111111", "444455556666")])[0]
    # A known outsider beside a principal unknown at preview is decided without waiting for it.
    found = messages(RULE, [cluster, share(Unknown("urn:x", "principals"), "444455556666")])
    assert "AWS account 444455556666" in found[0]

    def job(country: str) -> list:
        account = resource("azure-native:storage:StorageAccount", "a", resourceGroupName="rg", accountName="arch",
                           location="westeurope", tags=GDPR)  # fmt: skip
        account.props["id"] = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/arch"
        export = resource("azure-native:importexport:Job", "j", resourceGroupName="rg", location="westeurope",
                          properties={"jobType": "Export", "storageAccountId": account.props["id"],
                                      "returnAddress": {"countryOrRegion": country}})  # fmt: skip
        return [account, export]

    assert messages(RULE, job("Germany")) == []
    assert "US (US)" in messages(RULE, job("USA"))[0]
    assert "CH (CH)" in messages(RULE, job("Switzerland"))[0]
