from fleetguard.model import Unknown
from fleetguard.references import Stack, homes_of
from fleetguard.rules.res_003_copy_targets import RULE
from tests.policies.conftest import CTX, messages, resource

GDPR = {"fleet-residency": "gdpr"}
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
        "azure-native:keyvault:Vault 'kv' (regime gdpr) takes its location from its resource group: eastus (US), "
        "outside the regime (30 countries); set a location inside the regime"
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
