"""The committed shape tables are what the installed SDKs and the upstream Kubernetes schemas give."""

from __future__ import annotations

import json
from functools import cache

import pytest

from fleetguard import shapes
from fleetguard.shapes import generate

REGENERATE = "regenerate: .venv/bin/python policies/fleetguard/shapes/generate.py"


@cache
def built() -> dict[str, str]:
    return generate.build()


@pytest.mark.parametrize("package", shapes.PACKAGES)
def test_committed_table_matches_the_installed_sdk_or_schema(package: str) -> None:
    committed = (shapes.TABLES / f"{package}.json").read_text(encoding="utf-8")
    assert committed == built()[f"{package}.json"], REGENERATE


@pytest.mark.parametrize("package", shapes.PACKAGES)
def test_every_class_a_table_names_is_in_it(package: str) -> None:
    table = json.loads(built()[f"{package}.json"])
    roots = table["types"].values()
    codes = [
        c
        for fields in [*(r for r in roots if isinstance(r, dict)), *table["classes"].values()]
        for c in fields.values()
    ]
    named = {c.partition(":")[2].removeprefix("o:") for c in codes} - {"", "s"}
    assert named <= set(table["classes"])
    assert all(r in table["classes"] for r in roots if isinstance(r, str))


def test_sdk_annotations_read_as_shapes() -> None:
    known = {("s3", "BucketReplicationConfigRuleArgs")}
    code = generate.sdk_code
    assert code("pulumi.Input[_builtins.str]", "s3", known) == "s"
    assert code("Optional[pulumi.Input[Sequence[pulumi.Input[_builtins.str]]]]", "s3", known) == "l"
    assert code("pulumi.Input[Sequence[pulumi.Input['BucketReplicationConfigRuleArgs']]]", "s3", known) == (
        "l:s3.BucketReplicationConfigRuleArgs"
    )
    assert code("Optional[pulumi.Input[Mapping[str, pulumi.Input[_builtins.str]]]]", "s3", known) == "m:s"
    assert code("pulumi.Input[Union[_builtins.str, 'PolicyDocumentArgs']]", "iam", known) == ""  # several kinds
    assert code("Optional[pulumi.Input[Union[_builtins.str, 'SkuName']]]", "web", known) == "s"  # an enum
    assert code("Any", "s3", known) == ""
    # A map of one input class: each value is that object.
    assert code(
        "Optional[pulumi.Input[Mapping[str, pulumi.Input['BucketReplicationConfigRuleArgs']]]]", "s3", known
    ) == ("m:o:s3.BucketReplicationConfigRuleArgs")


def test_a_map_of_objects_takes_objects() -> None:
    from fleetguard.model import Resource

    def strings(entry: object) -> Resource:
        return Resource("azure-native:web:WebAppConnectionStrings", "urn:cs", "cs", {"properties": {"Db": entry}})

    assert shapes.problems(strings({"value": "Server=tcp:db;", "type": "SQLAzure"})) == []
    assert shapes.problems(strings([{"value": "Server=tcp:db;", "type": "SQLAzure"}])) == [
        "properties.Db: expected an object, got a list"
    ]


def test_kubernetes_special_types_are_single_values_or_anything() -> None:
    table = json.loads(built()["kubernetes.json"])
    port = table["classes"]["io.k8s.api.networking.v1.NetworkPolicyPort"]
    assert port["port"] == "s"  # IntOrString
    assert table["classes"]["io.k8s.api.core.v1.ResourceQuotaSpec"]["hard"] == "m:s"  # map of Quantity
    assert table["types"]["kubernetes:core/v1:Namespace"] == "io.k8s.api.core.v1.Namespace"
    assert "kubernetes:core/v1:NamespaceList" not in table["types"]
