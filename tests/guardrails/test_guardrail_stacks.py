"""The real stacks pass FLEET-GRD-001 on their own merits: the EKS and AKS components pin their
provider to the cluster's account (allowedAccountIds) and subscription (subscriptionId), which is
where the rule reads a cluster's scope; without the pin a regulated cluster fails closed. The one
read guardrail (prod-ch, made elsewhere) is left for the update to judge on its real content.
"""

from __future__ import annotations

import copy

import pytest

from fleet.review import policy_config
from fleet.review.policy import evaluate
from fleet.review.render import Rendering
from fleetguard.rules import RULES
from tests.conftest import fleet_of, rendered

RULE_ID = "FLEET-GRD-001"
STACKS = ["dev", "staging", "prod", "global-eu", "global-us"]


def unpinned(stack: str) -> Rendering:
    """The stack's rendering with the account and subscription pins taken off the providers."""
    rendering = copy.deepcopy(rendered(stack))
    for resource in rendering.resources:
        if resource.type in ("pulumi:providers:aws", "pulumi:providers:azure-native"):
            resource.inputs.pop("allowedAccountIds", None)
            resource.inputs.pop("subscriptionId", None)
    return rendering


def config_of(stack: str) -> dict:
    return policy_config.build(fleet_of(stack), stack, [r.name for r in RULES])


@pytest.mark.parametrize("stack", STACKS)
def test_every_regulated_cluster_is_guarded_without_exemptions(stack: str) -> None:
    config = config_of(stack)
    assert not [e for s in config.values() for e in s["exemptions"] if e["ruleId"] == RULE_ID]
    violations = evaluate(rendered(stack), config)
    assert [v.line() for v in violations if v.rule_id == RULE_ID] == []
    deferred = [v for v in violations if v.rule_id == "FLEET-PRE-001" and RULE_ID in v.message]
    expected = ["prod-aws-euzh-eks"] if stack == "prod" else []
    assert [v.urn.rsplit("::", 1)[1] for v in deferred] == expected
    assert all("content of prod-ch-aws#observed[0]" in v.message for v in deferred)


def test_without_the_pin_regulated_clusters_fail_closed() -> None:
    violations = [v for v in evaluate(unpinned("prod"), config_of("prod")) if v.rule_id == RULE_ID]
    failed = {v.urn.rsplit("::", 1)[1] for v in violations}
    # Every prod cluster on AWS and Azure holds a regulated tenant or is dedicated to a regime.
    suffix = {"aws": "-eks", "azure": "-aks"}
    expected = {c.name + suffix[c.cloud] for c in fleet_of("prod").deployed_clusters if c.cloud in suffix}
    assert failed == expected
