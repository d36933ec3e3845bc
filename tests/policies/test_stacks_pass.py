"""Our own stacks pass the pack; a deliberately broken one fails with the expected violations."""

from __future__ import annotations

import json

from fleet.review import policy_config
from fleet.review.policy import evaluate
from fleet.review.render import render
from fleet.spec import load
from fleetguard import docs
from fleetguard.rules import RULES
from tests.conftest import ROOT, fleet_of, raw_spec, rendered


def config_for(stack: str) -> dict:  # type: ignore[type-arg]
    return json.loads((ROOT / "policies" / "config" / f"{stack}.json").read_text())


def test_every_stack_has_zero_mandatory_violations(stack: str) -> None:
    violations = evaluate(rendered(stack), config_for(stack))
    assert [v.line() for v in violations if v.level == "mandatory"] == []


def test_policy_configs_are_current(stack: str) -> None:
    expected = policy_config.build(fleet_of(stack), stack, [r.name for r in RULES])
    assert config_for(stack) == expected, (
        f"run: fleet policy-config --stack {stack} --output policies/config/{stack}.json"
    )


def test_rules_doc_is_current() -> None:
    assert (ROOT / "docs" / "RULES.md").read_text() == docs.render(), "run: python policies/fleetguard/docs.py"


def test_a_broken_copy_of_prod_fails_with_the_expected_violations() -> None:
    spec = raw_spec("prod")
    spec["defaults"] = {**spec.get("defaults", {}), "security": {"secretsEncryption": False}}
    rendering = render(spec, "prod-broken")
    # Hand-written mistakes the program itself would refuse: a tenant namespace without its
    # guardrails, and a cluster-wide binding for a tenant group.
    namespace = next(
        r for r in rendering.resources if r.type == "kubernetes:core/v1:LimitRange" and "payments" in r.name
    )
    rendering.resources.remove(namespace)
    binding = next(
        r
        for r in rendering.resources
        if r.type == "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding"
        and r.name.endswith("payments-rb-tenant-admin")
    )
    crb = type(binding)(**{**binding.__dict__})
    crb.type = "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding"
    crb.urn = binding.urn.replace("RoleBinding::", "ClusterRoleBinding::") + "-crb"
    crb.name = binding.name + "-crb"
    crb.inputs = {**binding.inputs, "kind": "ClusterRoleBinding", "metadata": {"name": "oops"}}
    crb.outputs = dict(crb.inputs)
    rendering.resources.append(crb)

    # prod's config, made for this copy (FLEET-EXM-003 refuses a config made for another stack).
    config = {name: {**settings, "stack": "prod-broken"} for name, settings in config_for("prod").items()}
    violations = evaluate(rendering, config)
    mandatory = {(v.rule_id, v.urn.rsplit("::", 1)[1]) for v in violations if v.level == "mandatory"}
    clusters = [c.name for c in load(spec).clusters]
    eks_like = {"aws": "eks", "gcp": "gke", "azure": "aks"}
    expected_encryption = {("FLEET-CLU-002", f"{c.name}-{eks_like[c.cloud]}") for c in load(spec).clusters}  # type: ignore[attr-defined]
    assert expected_encryption <= mandatory
    assert len(expected_encryption) == len(clusters)
    assert ("FLEET-TEN-002", crb.name) in mandatory
    ten_001 = [v for v in violations if v.rule_id == "FLEET-TEN-001"]
    assert len(ten_001) == 1 and "lacks a LimitRange" in ten_001[0].message
    # The copy's GKE projects are prod's: stack prod takes over their _Default sinks, so this stack's
    # pack cannot see where the clusters' logs go, and refuses (fleet.observability.plan).
    tel_001 = {v.urn.rsplit("::", 1)[1] for v in violations if v.rule_id == "FLEET-TEL-001"}
    assert tel_001 == {f"{c.name}-gke" for c in load(spec).clusters if c.cloud == "gcp"}  # type: ignore[attr-defined]
    assert {v.rule_id for v in violations if v.level == "mandatory"} == {
        "FLEET-CLU-002",
        "FLEET-TEL-001",
        "FLEET-TEN-001",
        "FLEET-TEN-002",
    }


def test_the_config_names_the_accounts_of_the_roles_the_spec_maps_groups_to() -> None:
    # global-us's US cluster runs in 444444444455; its groups' and deployer's roles are in 444444444444, an identity
    # account only the spec names: without awsAccounts their EKS access entries would be another company's.
    config = config_for("global-us")
    assert all(s["awsAccounts"] == ["444444444444", "444444444455", "999999999999"] for s in config.values())
    without = {name: {k: v for k, v in s.items() if k != "awsAccounts"} for name, s in config.items()}
    shared = [v for v in evaluate(rendered("global-us"), without) if v.rule_id == "FLEET-RES-003"]
    assert shared and all("lets AWS account 444444444444 read" in v.message for v in shared)
