"""fleet:guardrails:CloudGuardrail under the mock runtime: what the program registers and reads."""

from __future__ import annotations

import copy
import json
from functools import cache

from fleet.core import guardrails as core
from fleet.review.render import Rendering, render
from fleet.spec import guardrails as spec_guardrails
from tests.conftest import by_type, fleet_of, raw_spec, rendered

COMPONENT = "fleet:guardrails:CloudGuardrail"
SCP = "aws:organizations/policy:Policy"
ATTACHMENT = "aws:organizations/policyAttachment:PolicyAttachment"
ORG_POLICY = "gcp:orgpolicy/policy:Policy"
ASSIGNMENT = "azure-native:authorization:PolicyAssignment"


def guardrail(stack: str, name: str, cloud: str) -> core.CloudGuardrail:
    return next(g for g in spec_guardrails.guardrails(fleet_of(stack)) if g.name == name and g.cloud == cloud)


def children(rendering: Rendering, component: str, type_: str, reads: bool = False) -> list:  # type: ignore[type-arg]
    parent = next(r.urn for r in rendering.resources if r.type == COMPONENT and r.name == component)
    pool = rendering.reads if reads else rendering.resources
    return [r for r in pool if r.parent == parent and r.type == type_]


def test_one_component_per_guardrail_and_cloud_of_the_stack() -> None:
    for stack in ("prod", "global-eu", "global-us"):
        components = sorted(r.name for r in by_type(rendered(stack), COMPONENT))
        assert components == sorted(f"{g.name}-{g.cloud}" for g in spec_guardrails.deployed(fleet_of(stack))), stack
    for component in by_type(rendered("prod"), COMPONENT):
        assert component.parent is None and not component.custom


def test_the_scp_is_the_rendered_document_attached_to_every_target() -> None:
    rendering = rendered("prod")
    g = guardrail("prod", "prod-eu", "aws")
    [policy] = children(rendering, "prod-eu-aws", SCP)
    assert policy.inputs["content"] == core.scp_document(g)
    assert policy.inputs["type"] == "SERVICE_CONTROL_POLICY"
    assert policy.inputs["name"] == "fleet-prod-prod-eu" and len(policy.inputs["description"]) <= 512
    assert policy.name == "prod-eu-aws-scp" and policy.protect  # production: deleting it lifts the guardrail
    document = json.loads(policy.inputs["content"])
    assert document["Statement"][0]["Condition"]["StringNotEquals"]["aws:RequestedRegion"] == list(g.regions)
    assert document["Statement"][0]["Condition"]["ArnNotLike"] == {
        "aws:PrincipalARN": ["arn:aws:iam::*:role/fleet-break-glass"]
    }
    attachments = children(rendering, "prod-eea-aws", ATTACHMENT)
    assert [(a.name, a.inputs["targetId"]) for a in attachments] == [
        ("prod-eea-aws-ou-a1b2-ledger01", "ou-a1b2-ledger01")
    ]
    [prod_eea] = children(rendering, "prod-eea-aws", SCP)
    assert all(a.inputs["policyId"] == prod_eea.outputs["id"] for a in attachments)


def test_the_aws_provider_assumes_the_management_role_in_the_organizations_region() -> None:
    rendering = rendered("prod")
    [policy] = children(rendering, "prod-eu-aws", SCP)
    provider = next(r for r in rendering.resources if r.urn == policy.provider)
    assert provider.type == "pulumi:providers:aws" and provider.name == "prod-eu-aws-aws"
    assert provider.inputs["region"] == "us-east-1"
    assert json.loads(provider.inputs["assumeRoles"]) == [
        {"roleArn": "arn:aws:iam::999999999999:role/fleet-guardrails", "sessionName": "fleet-guardrails"}
    ]
    assert json.loads(provider.inputs["allowedAccountIds"]) == ["999999999999"]
    assert json.loads(provider.inputs["defaultTags"])["tags"]["fleet-residency"] == "none"


def test_the_gcp_policy_is_set_on_each_project_without_inheritance() -> None:
    rendering = rendered("prod")
    g = guardrail("prod", "prod-us", "gcp")
    [policy] = children(rendering, "prod-us-gcp", ORG_POLICY)
    assert policy.inputs["name"] == "projects/acme-fleet-prod-us/policies/gcp.resourceLocations"
    assert policy.inputs["parent"] == "projects/acme-fleet-prod-us"
    assert policy.inputs["spec"] == {
        "inheritFromParent": False,
        "rules": [{"values": {"allowedValues": list(g.values)}}],
    }
    assert str(policy.provider).endswith("$pulumi:providers:gcp::prod-us-gcp-gcp")


def test_azure_assigns_both_built_in_definitions_on_a_subscription() -> None:
    rendering = rendered("prod")
    g = guardrail("prod", "prod-de", "azure")
    found = {a.inputs["policyAssignmentName"]: a.inputs for a in children(rendering, "prod-de-azure", ASSIGNMENT)}
    assert sorted(found) == ["prod-de-locations", "prod-de-rg-locations"]
    assert found["prod-de-locations"]["policyDefinitionId"] == core.AZURE_ALLOWED_LOCATIONS
    assert found["prod-de-rg-locations"]["policyDefinitionId"] == core.AZURE_ALLOWED_RG_LOCATIONS
    for inputs in found.values():
        assert inputs["scope"] == "/subscriptions/7a3e1c90-5b2d-4e8f-a6c1-0d9b4f2e7a31"
        assert inputs["parameters"] == {"listOfAllowedLocations": {"value": list(g.values)}}
        assert inputs["enforcementMode"] == "Default"
        assert len(inputs["policyAssignmentName"]) <= 64


@cache
def with_resource_group_and_folder() -> Rendering:
    spec = copy.deepcopy(raw_spec("dev"))
    guardrail = spec["guardrails"][0]
    guardrail["azure"]["resourceGroups"] = [
        "/subscriptions/2e9c4a71-6f3b-4d8a-b5e2-9c0f1a7d3e55/resourceGroups/shared-data"
    ]
    guardrail["gcp"]["folders"] = ["123456789012"]
    return render(spec, "dev-scopes")


def test_a_resource_group_gets_allowed_locations_only_and_a_folder_its_policy() -> None:
    rendering = with_resource_group_and_folder()
    scopes = sorted(
        (a.inputs["scope"].rsplit("/", 1)[-1], a.inputs["policyAssignmentName"])
        for a in children(rendering, "dev-eea-azure", ASSIGNMENT)
    )
    assert scopes == [
        ("2e9c4a71-6f3b-4d8a-b5e2-9c0f1a7d3e55", "dev-eea-locations"),
        ("2e9c4a71-6f3b-4d8a-b5e2-9c0f1a7d3e55", "dev-eea-rg-locations"),
        ("shared-data", "dev-eea-locations"),
    ]
    parents = sorted(p.inputs["parent"] for p in children(rendering, "dev-eea-gcp", ORG_POLICY))
    assert parents == ["folders/123456789012", "projects/acme-fleet-dev"]


def test_an_unmanaged_guardrail_is_read_and_republished_not_created() -> None:
    rendering = rendered("prod")
    assert children(rendering, "prod-ch-aws", SCP) == [] and children(rendering, "prod-ch-aws", ATTACHMENT) == []
    [policy] = children(rendering, "prod-ch-aws", SCP, reads=True)
    [attachment] = children(rendering, "prod-ch-aws", ATTACHMENT, reads=True)
    assert policy.read and attachment.read
    assert policy.read_id == "p-ch5w1ss01"
    assert attachment.read_id == "333333333366:p-ch5w1ss01"  # pulumi-aws import ID: target:policy
    component = next(r for r in rendering.resources if r.type == COMPONENT and r.name == "prod-ch-aws")
    assert component.outputs["managed"] is False
    # Offline nothing can be read: the content stays unknown until the update reads it.
    assert component.outputs["observed"] == [
        {"type": SCP, "id": "p-ch5w1ss01"},
        {"type": ATTACHMENT, "targetId": "333333333366", "policyId": "p-ch5w1ss01"},
    ]


def test_a_cluster_waits_for_the_guardrails_of_its_scope() -> None:
    rendering = rendered("prod")
    by_name = {r.name: r for r in rendering.resources}
    guardrail_urns = {r.urn for r in rendering.resources if COMPONENT in r.urn and r.custom}
    for cluster, component in (("prod-aws-euc1", "prod-de-aws"), ("prod-gcp-euw4", "prod-eu-gcp")):
        deps = set(by_name[cluster].dependencies)
        assert deps and deps <= guardrail_urns, cluster
        assert all(f"::{component}-" in d for d in deps), (cluster, deps)
    assert by_name["prod-azure-noe"].dependencies  # prod-eea's assignments


def test_components_register_their_outputs() -> None:
    component = next(r for r in rendered("prod").resources if r.type == COMPONENT and r.name == "prod-eu-gcp")
    g = guardrail("prod", "prod-eu", "gcp")
    assert component.outputs == {
        "guardrail": "prod-eu",
        "cloud": "gcp",
        "kind": "gcp-resource-locations",
        "regime": "eu",
        "managed": True,
        "targets": ["projects/acme-fleet-prod"],
        "covers": ["acme-fleet-prod"],
        "regions": list(g.regions),
        "values": list(g.values),
    }
