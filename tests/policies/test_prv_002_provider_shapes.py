"""FLEET-PRV-002: a value of another shape than the provider takes is reported, with its path; every
well-formed resource, unknowns at preview and fields the tables do not know pass."""

from __future__ import annotations

from fleetguard.model import Unknown
from fleetguard.rules.prv_002_provider_shapes import RULE
from tests.policies.conftest import messages, resource

TABLE = "aws:dynamodb/table:Table"
WEBHOOKS = "kubernetes:admissionregistration.k8s.io/v1:ValidatingWebhookConfiguration"
HOOK = {
    "name": "pods.acme.example.com",
    "clientConfig": {"service": {"namespace": "acme", "name": "hooks"}},
    "rules": [{"operations": ["CREATE"], "apiGroups": [""], "apiVersions": ["v1"], "resources": ["pods"],
               "scope": "Namespaced"}],
    "sideEffects": "None",
    "admissionReviewVersions": ["v1"],
}  # fmt: skip


def _problem(subject: object) -> str:
    [message] = messages(RULE, subject)  # type: ignore[arg-type]
    return message.split("takes (", 1)[1].split(");", 1)[0]


def test_compliant_cloud_resource_of_the_sdks_shapes() -> None:
    table = resource(TABLE, name="t", hashKey="id", attributes=[{"name": "id", "type": "S"}], replicas=[
        {"regionName": "eu-central-1"}], pointInTimeRecovery={"enabled": True}, tags={"team": "payments"},
        restoreSourceTableArn="arn:aws:dynamodb:eu-west-1:111111111111:table/t")  # fmt: skip
    assert messages(RULE, table) == []


def test_compliant_numbers_where_strings_go_and_policy_documents_as_objects() -> None:
    # The bridge coerces a number to a string; pulumi-aws takes a policy document object where the SDK's
    # annotation is Union[str, PolicyDocumentArgs].
    queue = resource("aws:sqs/queue:Queue", visibilityTimeoutSeconds="30", name=12)
    policy = resource("aws:iam/policy:Policy", policy={"Version": "2012-10-17", "Statement": []})
    assert messages(RULE, queue) == messages(RULE, policy) == []


def test_compliant_unknowns_fields_and_types_the_tables_do_not_know() -> None:
    unknown = Unknown("urn:x", "replicas")
    assert messages(RULE, resource(TABLE, replicas=unknown, region=Unknown("urn:x", "region"))) == []
    assert messages(RULE, resource(TABLE, somethingNew=["x"])) == []
    assert messages(RULE, resource("aws:nosuch/thing:Thing", region=["x"])) == []
    assert messages(RULE, resource("acme.example.com/v1:Widget", spec="anything")) == []


def test_compliant_kubernetes_objects_and_their_patches() -> None:
    hooks = resource(WEBHOOKS, metadata={"name": "acme"}, webhooks=[HOOK])
    patch = resource("kubernetes:core/v1:NamespacePatch", metadata={"name": "acme", "labels": {"a": "b"}})
    quota = resource("kubernetes:core/v1:ResourceQuota", spec={"hard": {"cpu": 4, "memory": "8Gi"}})
    assert messages(RULE, hooks) == messages(RULE, patch) == messages(RULE, quota) == []


def test_fails_a_list_where_a_single_value_goes() -> None:
    arns = ["arn:aws:dynamodb:eu-west-1:1:table/t", "arn:aws:dynamodb:us-east-1:1:table/t"]
    assert _problem(resource(TABLE, name="t", restoreSourceTableArn=arns)) == (
        "restoreSourceTableArn: expected a single value, got a list"
    )
    assert _problem(resource("azure-native:storage:StorageAccount", location=["westeurope"])) == (
        "location: expected a single value, got a list"
    )


def test_compliant_what_the_terraform_bridge_takes_for_a_flattened_list() -> None:
    # A list of at most one item where the SDK flattens a Terraform list, a single value for a list:
    # the bridge passes both on (schema.go, makeTerraformInput), so they are read, not refused.
    table = resource(TABLE, restoreSourceTableArn=["arn:aws:dynamodb:eu-west-1:1:table/t"], replicas={
        "regionName": "eu-central-1"}, pointInTimeRecovery=[{"enabled": True}], globalTableWitness=[])  # fmt: skip
    assert messages(RULE, table) == []


def test_fails_an_object_where_a_single_value_goes() -> None:
    replica = resource("azure-native:signalrservice:SignalRReplica", location={"name": "northeurope"})
    assert _problem(replica) == "location: expected a single value, got an object"


def test_fails_a_single_value_where_a_list_goes_deep_in_nested_inputs() -> None:
    block = {"cidr": "10.0.0.0/8", "except": "10.1.0.0/16"}
    policy = resource("kubernetes:networking.k8s.io/v1:NetworkPolicy", metadata={"name": "p"},
                      spec={"podSelector": {}, "egress": [{"to": [{"ipBlock": block}]}]})  # fmt: skip
    assert _problem(policy) == "spec.egress[0].to[0].ipBlock.except: expected a list, got str '10.1.0.0/16'"


def test_fails_an_object_or_a_longer_list_where_the_bridge_takes_a_flattened_value() -> None:
    table = resource(TABLE, restoreSourceTableArn={"arn": "x"}, pointInTimeRecovery=[{"enabled": True}, {}])
    assert _problem(table) == (
        "restoreSourceTableArn: expected a single value, got an object; "
        "pointInTimeRecovery: expected an object, got a list"
    )


def test_fails_a_list_where_an_object_goes() -> None:
    copy = resource("azure-native:compute:RestorePointCollection", source=[{"id": "/subscriptions/s/x"}])
    assert _problem(copy) == "source: expected an object, got a list"


def test_fails_a_wrong_item_in_a_list_of_objects() -> None:
    table = resource(TABLE, replicas=[{"regionName": "eu-central-1"}, "us-east-1"])
    assert _problem(table) == "replicas[1]: expected an object, got str 'us-east-1'"


def test_fails_a_kubernetes_field_of_another_shape() -> None:
    hooks = resource(WEBHOOKS, metadata={"name": "acme"}, webhooks=[{**HOOK, "rules": [{**HOOK["rules"][0],  # type: ignore[dict-item]
                     "scope": ["Namespaced"]}]}])  # fmt: skip
    assert _problem(hooks) == "webhooks[0].rules[0].scope: expected a single value, got a list"


def test_fails_a_kubernetes_map_value_of_another_shape_in_a_patch() -> None:
    patch = resource(
        "kubernetes:core/v1:NamespacePatch", metadata={"name": "acme", "labels": {"fleet-residency": ["ch"]}}
    )
    assert _problem(patch) == "metadata.labels.fleet-residency: expected a single value, got a list"


def test_fails_a_string_where_a_map_goes() -> None:
    config = resource("kubernetes:core/v1:ConfigMap", metadata={"name": "c"}, data="key=value")
    assert _problem(config) == "data: expected an object, got str 'key=value'"


def test_names_the_first_few_problems_only() -> None:
    table = resource(TABLE, **{k: {"x": 1} for k in ("hashKey", "rangeKey", "billingMode", "tableClass",
                                                     "streamViewType", "restoreSourceTableArn")})  # fmt: skip
    assert _problem(table).count("expected a single value") == 5


def test_fails_inside_a_discriminated_union_of_input_classes() -> None:
    # azure-native's providerSpecificDetails takes one of several classes (A2A, HyperVReplicaAzure, ...): a field
    # every member that has it takes as a single value is still read as one.
    item = "azure-native:recoveryservices:ReplicationProtectedItem"
    details = {"instanceType": "A2A", "recoveryResourceGroupId": {"id": "/subscriptions/s/resourceGroups/dr"}}
    assert _problem(resource(item, properties={"providerSpecificDetails": details})) == (
        "properties.providerSpecificDetails.recoveryResourceGroupId: expected a single value, got an object"
    )
    details["recoveryResourceGroupId"] = "/subscriptions/s/resourceGroups/dr"
    assert messages(RULE, resource(item, properties={"providerSpecificDetails": details})) == []
