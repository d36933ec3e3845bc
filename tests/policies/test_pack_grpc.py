"""The pack started exactly as the Pulumi CLI starts it, driven over the Analyzer gRPC service."""

from __future__ import annotations

import pytest
from google.protobuf import struct_pb2
from pulumi.runtime.proto import analyzer_pb2

from fleet.review.policy import PolicyPack, _struct, evaluate
from fleet.review.render import Resource
from fleetguard.rules import RULES

EKS = "aws:eks/cluster:Cluster"
UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
SECRET = {"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "value": "apiVersion: v1"}


@pytest.fixture(scope="module")
def pack():  # type: ignore[no-untyped-def]
    with PolicyPack(stack="dev") as running:
        yield running


def eks(public: bool, name: str = "c") -> Resource:
    vpc = {"endpointPublicAccess": public, "publicAccessCidrs": ["0.0.0.0/0"] if public else []}
    return Resource(
        urn=f"urn:pulumi:dev::fleet::{EKS}::{name}",
        type=EKS,
        name=name,
        parent=None,
        provider="urn:pulumi:dev::fleet::pulumi:providers:aws::eu",
        inputs={
            "vpcConfig": vpc,
            "encryptionConfig": {"resources": ["secrets"], "provider": {"keyArn": "arn:aws:kms:k"}},
            "tags": {"fleet-residency": "gdpr"},
        },
        protect=False,
        custom=True,
    )


def provider(name: str = "eu", region: str = "eu-west-1") -> Resource:
    return Resource(
        urn=f"urn:pulumi:dev::fleet::pulumi:providers:aws::{name}",
        type="pulumi:providers:aws",
        name=name,
        parent=None,
        provider=None,
        inputs={"region": region},
        protect=False,
        custom=True,
    )


def test_analyzer_info_lists_every_rule_with_its_level(pack) -> None:  # type: ignore[no-untyped-def]
    info = pack.info()
    assert info.name == "fleet-guardrails"
    levels = {p.name: p.enforcementLevel for p in info.policies}
    assert levels == {r.name: {"advisory": 0, "mandatory": 1}[r.default_level] for r in RULES}
    assert all(p.configSchema.properties["exemptions"] for p in info.policies)


def test_mandatory_violation_end_to_end(pack) -> None:  # type: ignore[no-untyped-def]
    pack.configure({})
    violations = pack.analyze(eks(public=True), provider())
    assert [(v.rule_id, v.level, v.policy) for v in violations] == [
        ("FLEET-CLU-001", "mandatory", "cluster-private-endpoint")
    ]
    assert violations[0].message.startswith("aws:eks/cluster:Cluster 'c' exposes its API server to the internet")
    assert pack.analyze(eks(public=False), provider()) == []


def test_enforcement_level_is_configurable(pack) -> None:  # type: ignore[no-untyped-def]
    pack.configure({"cluster-private-endpoint": "advisory"})
    assert [v.level for v in pack.analyze(eks(public=True), provider())] == ["advisory"]
    pack.configure({"cluster-private-endpoint": {"enforcementLevel": "disabled"}})
    assert pack.analyze(eks(public=True), provider()) == []
    pack.configure({})


def test_residency_uses_the_provider_region(pack) -> None:  # type: ignore[no-untyped-def]
    pack.configure({})
    violations = pack.analyze(eks(public=False), provider("zrh", "eu-central-2"))
    assert [v.rule_id for v in violations] == ["FLEET-RES-001"]
    assert "is in eu-central-2 (CH) by its provider region, outside regime gdpr" in violations[0].message


def test_custom_regime_from_config(pack) -> None:  # type: ignore[no-untyped-def]
    regimes = [{"name": "gdpr-ch", "extends": "gdpr", "countries": ["CH"]}]
    pack.configure({"residency-cloud-location": {"regimes": regimes}})
    subject = eks(public=False)
    subject.inputs["tags"] = {"fleet-residency": "gdpr-ch"}
    assert pack.analyze(subject, provider("zrh", "eu-central-2")) == []
    pack.configure({})


def test_exemption_applies_only_when_valid(pack) -> None:  # type: ignore[no-untyped-def]
    entry = {
        "ruleId": "FLEET-CLU-001",
        "resource": "*::c",
        "reason": "Break-glass cluster for the incident.",
        "expires": "2099-01-01",
    }
    pack.configure({"cluster-private-endpoint": {"exemptions": [entry]}})
    assert pack.analyze(eks(public=True), provider()) == []
    pack.configure({"cluster-private-endpoint": {"exemptions": [{**entry, "expires": "2020-01-01"}]}})
    assert [v.rule_id for v in pack.analyze(eks(public=True), provider())] == ["FLEET-CLU-001"]
    pack.configure({})


def test_unknown_value_in_preview_is_a_note_not_a_violation(pack) -> None:  # type: ignore[no-untyped-def]
    pack.configure({})
    subject = eks(public=False)
    subject.inputs["region"] = UNKNOWN
    violations = pack.analyze(subject, provider())
    assert [v.level for v in violations] == ["advisory"]
    assert "can't run policy 'residency-cloud-location'" in violations[0].message
    assert "during preview" in violations[0].message


def test_default_provider_is_reported(pack) -> None:  # type: ignore[no-untyped-def]
    pack.configure({})
    violations = pack.analyze(eks(public=False), provider("default_7_51_1"))
    assert [v.rule_id for v in violations] == ["FLEET-PRV-001"]


def test_stack_analysis_sees_secrets(pack) -> None:  # type: ignore[no-untyped-def]
    pack.configure({})

    def k8s_provider(kubeconfig: object) -> analyzer_pb2.AnalyzerResource:
        return analyzer_pb2.AnalyzerResource(
            type="pulumi:providers:kubernetes",
            properties=_struct({"kubeconfig": kubeconfig}),
            urn="urn:pulumi:dev::fleet::pulumi:providers:kubernetes::c1-k8s",
            name="c1-k8s",
        )

    stack = analyzer_pb2.AnalyzerResource(
        type="pulumi:pulumi:Stack",
        properties=struct_pb2.Struct(),
        urn="urn:pulumi:dev::fleet::pulumi:pulumi:Stack::s",
        name="s",
    )
    assert pack.analyze_stack([stack, k8s_provider(SECRET)]) == []
    violations = pack.analyze_stack([stack, k8s_provider("apiVersion: v1")])
    assert [(v.rule_id, v.level, v.urn) for v in violations] == [
        ("FLEET-SEC-001", "mandatory", "urn:pulumi:dev::fleet::pulumi:providers:kubernetes::c1-k8s")
    ]


def test_evaluate_runs_every_resource_and_the_stack() -> None:
    from tests.conftest import rendered

    violations = evaluate(rendered("dev"))
    # Without dev's policy config (its exemptions), the dev clusters' missing audit logs show, and
    # the pack says the config is missing.
    assert sorted({(v.rule_id, v.level) for v in violations}) == [
        ("FLEET-CLU-003", "mandatory"),
        ("FLEET-EXM-003", "mandatory"),
    ]
    assert len(violations) == 4


def test_a_secret_nested_in_a_stack_output_is_secret(pack) -> None:  # type: ignore[no-untyped-def]
    # An output object whose password field alone is a secret arrives with that field wrapped as a secret.
    pack.configure({})

    def stack(password: object) -> analyzer_pb2.AnalyzerResource:
        console = {"url": "https://console.example.com", "rootUser": "admin", "rootPassword": password}
        return analyzer_pb2.AnalyzerResource(
            type="pulumi:pulumi:Stack",
            properties=_struct({"console": console}),
            urn="urn:pulumi:dev::fleet::pulumi:pulumi:Stack::s",
            name="s",
        )

    assert pack.analyze_stack([stack(SECRET)]) == []
    [violation] = pack.analyze_stack([stack("plain")])
    assert violation.rule_id == "FLEET-SEC-001" and "'console.rootPassword'" in violation.message
