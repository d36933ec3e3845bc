"""The pack never crashes on a malformed shape (issue 20): a resource a rule cannot read is reported
as "cannot evaluate" (mandatory at the rule's level, so it is not let through), and every other
resource of the stack is still judged."""

from __future__ import annotations

import pytest

from fleetguard import locations
from fleetguard.model import Malformed, Resource, Unknown, values_at
from fleetguard.pack import _stack_findings
from fleetguard.rules.res_002_storage_copies import RULE as RES_002
from fleetguard.rules.ten_003_network_policy_reopen import RULE
from tests.policies.conftest import CTX

NAMESPACE = "kubernetes:core/v1:Namespace"
POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy"


def _policy(name: str, spec: object) -> Resource:
    return Resource(POLICY, f"urn:{name}", name, {"metadata": {"name": name, "namespace": "team"}, "spec": spec},
                    provider_urn="p")  # fmt: skip


def test_a_malformed_resource_is_set_aside_and_the_rest_still_judged() -> None:
    namespace = Resource(NAMESPACE, "urn:ns", "ns", {"metadata": {"name": "team", "labels": {"fleet-tenant": "team"}}},
                         provider_urn="p")  # fmt: skip
    malformed = _policy("bad", {"podSelector": {}, "ingress": {"from": "everywhere"}})  # a map where a list goes
    open_ = _policy("open", {"podSelector": {}, "ingress": [{}]})
    findings, broken = _stack_findings(RULE, [namespace, malformed, open_], CTX)
    assert [(r.name, type(err).__name__) for r, err in broken] == [("bad", "AttributeError")]
    assert [f.urn for f in findings] == ["urn:open"]


def test_a_well_formed_stack_is_judged_once_as_before() -> None:
    namespace = Resource(NAMESPACE, "urn:ns", "ns", {"metadata": {"name": "team", "labels": {"fleet-tenant": "team"}}},
                         provider_urn="p")  # fmt: skip
    findings, broken = _stack_findings(RULE, [namespace, _policy("ok", {"podSelector": {}})], CTX)
    assert findings == [] and broken == []


# The survey's paths say each value's shape; a value of another shape is malformed, never skipped.


def test_values_at_refuses_a_scalar_where_a_list_or_an_object_goes() -> None:
    with pytest.raises(Malformed, match=r"replicas\[\]: expected a list, got str 'eu-west-1'"):
        values_at({"replicas": "eu-west-1"}, "replicas[].regionName")
    with pytest.raises(Malformed, match=r"destinations\[\]: expected a list, got an object"):
        values_at({"destinations": {"region": "us-east-1"}}, "destinations[].region")
    with pytest.raises(Malformed, match=r"expected an object on the way to settings\.backupConfiguration\.location"):
        values_at({"settings": {"backupConfiguration": "on"}}, "settings.backupConfiguration.location")


def test_values_at_reads_a_bridged_resource_as_the_terraform_bridge_takes_it() -> None:
    # The bridge wraps a single value given for a list and passes a one-item list where the SDK flattens a block
    # (pkg/tfbridge/schema.go, makeTerraformInput): read so for pulumi-aws and pulumi-gcp, strictly otherwise.
    assert values_at({"replicas": "eu-west-1"}, "replicas[]", bridged=True) == ["eu-west-1"]
    assert values_at({"destinations": {"region": "us-east-1"}}, "destinations[].region", bridged=True) == ["us-east-1"]
    assert values_at({"importTable": [{"bucket": "b"}]}, "importTable.bucket", bridged=True) == ["b"]
    with pytest.raises(Malformed, match="expected an object on the way"):
        values_at({"importTable": [{"bucket": "b"}]}, "importTable.bucket")


def test_values_at_passes_unknown_values_on_so_the_reader_defers() -> None:
    unknown = Unknown("urn:x", "rules")
    assert values_at({"rules": unknown}, "rules[].destination.bucket") == [unknown]
    assert values_at({"rules": [{"destination": unknown}]}, "rules[].destination.bucket") == [unknown]
    assert values_at({"rules": [{"destination": None}, {}]}, "rules[].destination.bucket") == []


def test_a_location_that_is_not_one_is_malformed() -> None:
    with pytest.raises(Malformed, match="location: expected a location name, got list"):
        locations.read("gcp", "location", ["EU"], "location")
    with pytest.raises(Malformed, match="expected a region name, got dict"):
        locations.read("aws", "region", {"primary": "eu-west-1"}, "region")
    assert locations.read("aws", "region", {"region": "eu-west-1"}, "region")[0].value == "eu-west-1"


def test_a_malformed_copy_list_is_reported_not_passed() -> None:
    props = {"replicas": "us-east-1", "tags": {"fleet-residency": "gdpr"}}
    table = Resource("aws:dynamodb/table:Table", "urn:t", "t", props, provider_props={"region": "eu-west-1"})
    with pytest.raises(Malformed):
        list(RES_002.resource_check(table, CTX))  # type: ignore[misc]


def test_a_namespace_that_is_not_a_name_is_malformed() -> None:
    from fleetguard.model import namespace_of

    policy = Resource("kubernetes:networking.k8s.io/v1:NetworkPolicy", "urn:np", "np",
                      {"metadata": {"name": "open", "namespace": ["team"]}}, provider_urn="p")  # fmt: skip
    with pytest.raises(Malformed, match=r"metadata\.namespace: expected a namespace name, got list"):
        namespace_of(policy)


def test_kubernetes_labels_that_are_not_a_map_are_malformed() -> None:
    from fleetguard.model import kubernetes_labels

    assert kubernetes_labels({"fleet-tenant": "team"}) == {"fleet-tenant": "team"}
    with pytest.raises(Malformed, match=r"metadata\.labels: expected an object, got list"):
        kubernetes_labels(["fleet-tenant=team"])


def test_a_value_of_another_shape_than_the_sdks_is_malformed() -> None:
    # The survey records what the SDK takes (pulumi_gcp cloudfunctionsv2.FunctionArgs.location: Input[str]).
    from fleetguard import survey
    from fleetguard.survey.generate import shape

    assert shape("Optional[pulumi.Input[_builtins.str]]") == "scalar"
    assert shape("pulumi.Input[Sequence[pulumi.Input[_builtins.str]]]") == "list"
    assert shape("Optional[pulumi.Input['FunctionBuildConfigArgs']]") == "object"
    assert shape("pulumi.Input[Union['FooArgs', _builtins.str]]") == ""
    entry = survey.entry("gcp:cloudfunctionsv2/function:Function")
    assert entry is not None
    function = Resource("gcp:cloudfunctionsv2/function:Function", "urn:f", "f", {"location": ["europe-west1"]})
    with pytest.raises(Malformed, match="location: expected a single value, got list"):
        locations.check_shapes(function, entry)
    locations.check_shapes(Resource(function.type, "urn:f", "f", {"location": "europe-west1"}), entry)
