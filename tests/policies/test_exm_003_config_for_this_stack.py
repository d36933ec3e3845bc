from dataclasses import replace

from fleetguard.model import Context, Resource
from fleetguard.rules.exm_003_config_for_this_stack import RULE
from tests.policies.conftest import CTX, messages


def stack(name: str, project: str = "fleet", fleet: bool = True) -> list[Resource]:
    types = ["fleet:clusters:EksCluster", "aws:eks/cluster:Cluster"] if fleet else ["aws:s3/bucket:Bucket"]
    return [
        Resource(type=t, urn=f"urn:pulumi:{name}::{project}::{t}::r{i}", name=f"r{i}", props={})
        for i, t in enumerate(types)
    ]


def made_for(stack_name: str, project: str = "fleet") -> Context:
    return replace(CTX, config_stack=stack_name, config_project=project)


def test_compliant_the_stacks_own_config() -> None:
    assert messages(RULE, stack("prod"), made_for("prod")) == []


def test_compliant_another_projects_program_with_the_fleets_config() -> None:
    # A program the fleet did not write, checked with the org's config: not one of our stacks.
    assert messages(RULE, stack("shadow", project="payments-app", fleet=False), made_for("prod")) == []
    assert messages(RULE, stack("shadow", project="payments-app", fleet=False), CTX) == []


def test_fails_a_fleet_stack_without_its_config() -> None:
    assert messages(RULE, stack("prod"), CTX) == [
        "stack 'prod' is checked without the policy config made for it (no exemptions, custom regimes or "
        "guardrail accounts apply); run `fleet policy-config --stack prod --output policies/config/prod.json` "
        "and pass it with --policy-pack-config"
    ]


def test_fails_another_stacks_config_of_the_same_project() -> None:
    assert messages(RULE, stack("prod"), made_for("dev")) == [
        "the policy config was made for stack 'dev', and this is 'prod': its exemptions and guardrail accounts "
        "are another stack's; run `fleet policy-config --stack prod --output policies/config/prod.json` and pass "
        "that file instead"
    ]
    # Even a stack of the project with none of the fleet's components.
    assert messages(RULE, stack("scratch", fleet=False), made_for("dev"))
