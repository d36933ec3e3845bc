"""FLEET-GRD-001: a compliant stack per cloud, and one mutation per way the rule fails.

Fixtures are stacks as the engine sends them to a stack policy (outputs, parents, providers); the
guardrail objects are rendered by the same functions the program uses (fleet.guardrails). The last
tests drive the pack over the Analyzer protocol, as `pulumi preview` does.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest

from fleet.core import guardrails as core
from fleet.core.residency import builtin
from fleet.review.policy import PolicyPack, _struct
from fleet.spec import guardrails as spec_guardrails
from fleet.spec.model import ManagedGuardrail
from fleetguard.model import Resource
from fleetguard.rules.grd_001_cloud_guardrail import RULE, judge_scp
from tests.policies.conftest import CTX, messages

ACCOUNT = "333333333333"
PROJECT = "acme-prod-eu"
SUBSCRIPTION = "7a3e1c90-5b2d-4e8f-a6c1-0d9b4f2e7a31"
ROLE = "arn:aws:iam::999999999999:role/fleet-guardrails"
CLUSTER_TYPES = {
    "aws": ("fleet:clusters:EksCluster", "aws:eks/cluster:Cluster", "eks"),
    "gcp": ("fleet:clusters:GkeCluster", "gcp:container/cluster:Cluster", "gke"),
    "azure": ("fleet:clusters:AksCluster", "azure-native:containerservice:ManagedCluster", "aks"),
}
PROVIDER_TYPES = {
    "aws": "pulumi:providers:aws",
    "gcp": "pulumi:providers:gcp",
    "azure": "pulumi:providers:azure-native",
}
GUARDRAIL = "urn:pulumi:s::p::fleet:guardrails:CloudGuardrail::eu-data-{cloud}"


def cluster(
    cloud: str, provider: dict[str, Any], tenant_regime: str | None = "gdpr", own: str = "none"
) -> list[Resource]:
    """A fleet cluster component with its cloud provider, cluster resource, Kubernetes provider and
    one tenant namespace (labelled with ``tenant_regime``)."""
    component_type, cluster_type, short = CLUSTER_TYPES[cloud]
    component = f"urn:pulumi:s::p::{component_type}::c1"
    provider_urn = f"urn:pulumi:s::p::{component_type}${PROVIDER_TYPES[cloud]}::c1-{cloud}"
    k8s = f"urn:pulumi:s::p::{component_type}$pulumi:providers:kubernetes::c1-k8s"
    tags = {"resourceLabels" if cloud == "gcp" else "tags": {"fleet-residency": own}}
    found = [
        Resource(component_type, component, "c1", {}),
        Resource(PROVIDER_TYPES[cloud], provider_urn, f"c1-{cloud}", provider, parent=component),
        Resource(
            cluster_type,
            f"urn:pulumi:s::p::{component_type}${cluster_type}::c1-{short}",
            f"c1-{short}",
            tags,
            provider_type=PROVIDER_TYPES[cloud],
            provider_props=provider,
            provider_urn=provider_urn,
            provider_name=f"c1-{cloud}",
            parent=component,
        ),
        Resource("pulumi:providers:kubernetes", k8s, "c1-k8s", {"kubeconfig": "x"}, parent=component),
    ]
    if tenant_regime:
        found.append(
            Resource(
                "kubernetes:core/v1:Namespace",
                "urn:pulumi:s::p::kubernetes:core/v1:Namespace::c1/payments-ns",
                "c1/payments-ns",
                {"metadata": {"name": "payments", "labels": {"fleet-residency": tenant_regime}}},
                provider_urn=k8s,
            )
        )
    return found


def guardrail(cloud: str, regime: str = "gdpr", **scopes: Any) -> core.CloudGuardrail:
    settings = {
        "aws": {"managementRoleArn": ROLE, "targets": [ACCOUNT]},
        "gcp": {"projects": [PROJECT]},
        "azure": {"subscriptions": [SUBSCRIPTION]},
    }[cloud]
    spec = ManagedGuardrail.model_validate({"name": "eu-data", "regime": regime, cloud: {**settings, **scopes}})
    return spec_guardrails.build(spec, cloud, builtin()[regime])


def created(g: core.CloudGuardrail, **override: Any) -> list[Resource]:
    """The objects the program creates for ``g``, as their outputs reach the pack."""
    parent = GUARDRAIL.format(cloud=g.cloud)
    found = [Resource("fleet:guardrails:CloudGuardrail", parent, f"eu-data-{g.cloud}", {"managed": True})]
    if g.cloud == "aws":
        content = override.get("content", core.scp_document(g))
        found.append(
            Resource(
                "aws:organizations/policy:Policy",
                f"{parent}$aws:organizations/policy:Policy::eu-data-aws-scp",
                "eu-data-aws-scp",
                {"content": content, "type": "SERVICE_CONTROL_POLICY", "id": "p-12345678"},
                parent=parent,
            )
        )
        for target in override.get("targets", g.targets):
            found.append(
                Resource(
                    "aws:organizations/policyAttachment:PolicyAttachment",
                    f"{parent}$aws:organizations/policyAttachment:PolicyAttachment::eu-data-aws-{target}",
                    f"eu-data-aws-{target}",
                    {"policyId": "p-12345678", "targetId": target},
                    parent=parent,
                )
            )
    elif g.cloud == "gcp":
        spec = {"inheritFromParent": False, "rules": [{"values": {"allowedValues": list(g.values)}}]}
        found.append(
            Resource(
                "gcp:orgpolicy/policy:Policy",
                f"{parent}$gcp:orgpolicy/policy:Policy::eu-data-gcp-projects-{PROJECT}",
                f"eu-data-gcp-projects-{PROJECT}",
                {
                    "name": f"projects/{PROJECT}/policies/gcp.resourceLocations",
                    "parent": f"projects/{PROJECT}",
                    "spec": override.get("spec", spec),
                },
                parent=parent,
            )
        )
    else:
        found.append(
            Resource(
                "azure-native:authorization:PolicyAssignment",
                f"{parent}$azure-native:authorization:PolicyAssignment::eu-data-azure-{SUBSCRIPTION}-locations",
                f"eu-data-azure-{SUBSCRIPTION}-locations",
                {
                    "scope": f"/subscriptions/{SUBSCRIPTION}",
                    "policyDefinitionId": core.AZURE_ALLOWED_LOCATIONS,
                    "parameters": {core.AZURE_PARAMETER: {"value": list(override.get("values", g.values))}},
                    "enforcementMode": override.get("enforcementMode", "Default"),
                },
                parent=parent,
            )
        )
    return found


def read(g: core.CloudGuardrail, content: str | None) -> list[Resource]:
    """A guardrail made elsewhere: the component republishes what it read (``observed``)."""
    observed: list[dict[str, Any]] = [{"type": "aws:organizations/policy:Policy", "id": "p-ch5w1ss01"}]
    if content is not None:
        observed[0].update(content=content, policyType="SERVICE_CONTROL_POLICY")
    observed.append(
        {"type": "aws:organizations/policyAttachment:PolicyAttachment", "targetId": ACCOUNT, "policyId": "p-ch5w1ss01"}
    )
    return [
        Resource(
            "fleet:guardrails:CloudGuardrail",
            GUARDRAIL.format(cloud="aws"),
            "eu-data-aws",
            {"managed": False, "observed": observed},
        )
    ]


AWS_PROVIDER = {"region": "eu-central-1", "allowedAccountIds": json.dumps([ACCOUNT])}
GCP_PROVIDER = {"project": PROJECT, "region": "europe-west4"}
AZURE_PROVIDER = {"location": "westeurope", "subscriptionId": SUBSCRIPTION}
EKS = "aws:eks/cluster:Cluster 'c1-eks' (regime gdpr from namespace payments)"
GKE = "gcp:container/cluster:Cluster 'c1-gke' (regime gdpr from namespace payments)"
AKS = "azure-native:containerservice:ManagedCluster 'c1-aks' (regime gdpr from namespace payments)"


# ----------------------------------------------------------------------------------- compliant


def test_compliant_eks_in_an_account_whose_scp_keeps_to_the_regime() -> None:
    assert messages(RULE, cluster("aws", AWS_PROVIDER) + created(guardrail("aws"))) == []


def test_compliant_narrower_guardrail_satisfies_a_wider_regime() -> None:
    # An EU guardrail keeps a gdpr (EEA) tenant inside its regime.
    assert messages(RULE, cluster("aws", AWS_PROVIDER) + created(guardrail("aws", "eu"))) == []


def test_compliant_scp_on_an_ou_the_config_maps_to_the_account() -> None:
    g = guardrail("aws", targets=["ou-ab12-cdefgh34"], accounts=[ACCOUNT])
    ctx = dataclasses.replace(CTX, guardrail_accounts={"ou-ab12-cdefgh34": (ACCOUNT,)})
    assert messages(RULE, cluster("aws", AWS_PROVIDER) + created(g), ctx) == []


def test_compliant_gke_in_a_project_with_the_organization_policy() -> None:
    assert messages(RULE, cluster("gcp", GCP_PROVIDER) + created(guardrail("gcp"))) == []


LEGACY = "gcp:projects/organizationPolicy:OrganizationPolicy"


def _legacy(list_policy: dict[str, Any], constraint: str = "constraints/gcp.resourceLocations") -> Resource:
    props = {"constraint": constraint, "project": PROJECT, "listPolicy": list_policy}
    return Resource(LEGACY, f"urn:pulumi:s::p::{LEGACY}::legacy", "legacy", props, provider_urn="p")


def test_compliant_gke_in_a_project_with_a_v1_organization_policy() -> None:
    allowed = {"allow": {"values": list(guardrail("gcp").values)}}
    assert messages(RULE, [*cluster("gcp", GCP_PROVIDER), _legacy(allowed)]) == []


def test_fails_a_v1_organization_policy_that_allows_all_or_another_constraint() -> None:
    opened = messages(RULE, [*cluster("gcp", GCP_PROVIDER), _legacy({"allow": {"all": True}})])
    assert len(opened) == 1 and "allows all locations (listPolicy.allow.all)" in opened[0]
    unrelated = _legacy({"allow": {"values": ["in:eu-locations"]}}, constraint="constraints/compute.vmExternalIpAccess")
    other = messages(RULE, [*cluster("gcp", GCP_PROVIDER), unrelated])
    assert len(other) == 1 and "which no cloud location guardrail in this stack covers" in other[0]


def test_compliant_gcp_value_group_is_resolved() -> None:
    g = guardrail("gcp", "ca")
    assert g.values == ("in:canada-locations",)
    provider = {"project": PROJECT, "region": "northamerica-northeast1"}
    assert messages(RULE, cluster("gcp", provider, tenant_regime="ca") + created(g)) == []


def test_compliant_aks_in_a_subscription_with_allowed_locations() -> None:
    assert messages(RULE, cluster("azure", AZURE_PROVIDER) + created(guardrail("azure"))) == []


def test_compliant_clusters_without_a_regime_and_unregulated_stacks_are_not_judged() -> None:
    assert messages(RULE, cluster("aws", {"region": "us-east-1"}, tenant_regime="none")) == []
    assert messages(RULE, cluster("aws", {"region": "us-east-1"}, tenant_regime=None)) == []


def test_compliant_read_guardrail_with_its_real_content() -> None:
    g = guardrail("aws")
    assert messages(RULE, cluster("aws", AWS_PROVIDER) + read(g, core.scp_document(g))) == []


def test_compliant_read_guardrail_not_read_yet_is_deferred_not_refused() -> None:
    findings = list(RULE.stack_check(cluster("aws", AWS_PROVIDER) + read(guardrail("aws"), None), CTX))  # type: ignore[misc]
    assert [(f.deferred, f.message) for f in findings] == [
        (
            True,
            "aws:eks/cluster:Cluster 'c1-eks': deferred until the update, the cloud location guardrail check needs "
            "content of eu-data-aws#observed[0], which is unknown during preview",
        )
    ]


# ------------------------------------------------------------------------------------- failing


def test_fails_without_a_guardrail() -> None:
    assert messages(RULE, cluster("aws", AWS_PROVIDER)) == [
        f"{EKS} runs in AWS account {ACCOUNT}, which no cloud location guardrail in this stack covers, so what is "
        "created there outside this program can land outside the regime; add a guardrail for the account (spec "
        "guardrails) or exempt the cluster with a reason"
    ]


def test_fails_when_the_guardrail_is_wider_than_the_regime() -> None:
    # Zurich and London look European by name and are outside the EEA.
    wider = guardrail("aws", "gdpr")
    wider = dataclasses.replace(wider, regions=(*wider.regions, "eu-central-2", "eu-west-2"))
    assert messages(RULE, cluster("aws", AWS_PROVIDER) + created(wider)) == [
        f"{EKS} runs in AWS account {ACCOUNT}, whose guardrail (SCP 'eu-data-aws-scp') allows eu-central-2, "
        "eu-west-2, outside regime gdpr (30 countries); narrow the guardrail to a regime inside gdpr"
    ]


def test_fails_when_the_guardrail_is_not_attached_to_the_scope() -> None:
    assert messages(RULE, cluster("aws", AWS_PROVIDER) + created(guardrail("aws"), targets=["444444444444"])) == [
        f"{EKS} runs in AWS account {ACCOUNT}, which no cloud location guardrail in this stack covers, so what is "
        "created there outside this program can land outside the regime; add a guardrail for the account (spec "
        "guardrails) or exempt the cluster with a reason"
    ]


def test_fails_when_an_ou_target_is_not_mapped_to_the_account() -> None:
    g = guardrail("aws", targets=["ou-ab12-cdefgh34"], accounts=[ACCOUNT])
    assert messages(RULE, cluster("aws", AWS_PROVIDER) + created(g))[0].startswith(
        f"{EKS} runs in AWS account {ACCOUNT}, which no cloud location guardrail in this stack covers"
    )


def test_fails_when_the_scope_is_unknown() -> None:
    assert messages(RULE, cluster("aws", {"region": "eu-central-1"}) + created(guardrail("aws"))) == [
        f"{EKS} runs in an account the stack does not pin: its AWS provider 'c1-aws' sets no allowedAccountIds; pin "
        "it so the cloud guardrail that covers the account can be checked"
    ]
    two = {"region": "eu-central-1", "allowedAccountIds": [ACCOUNT, "444444444444"]}
    assert messages(RULE, cluster("aws", two) + created(guardrail("aws"))) == [
        f"{EKS} runs in an account the stack does not pin: its AWS provider 'c1-aws' allows 2 accounts "
        f"({ACCOUNT}, 444444444444), not one; pin it so the cloud guardrail that covers the account can be checked"
    ]
    assert messages(RULE, cluster("gcp", {"region": "europe-west4"}) + created(guardrail("gcp"))) == [
        f"{GKE} runs in a project the stack does not pin: neither the cluster nor its GCP provider 'c1-gcp' sets "
        "project; pin it so the cloud guardrail that covers the project can be checked"
    ]
    assert messages(RULE, cluster("azure", {"location": "westeurope"}) + created(guardrail("azure"))) == [
        f"{AKS} runs in a subscription the stack does not pin: its azure-native provider 'c1-azure' sets no "
        "subscriptionId; pin it so the cloud guardrail that covers the subscription can be checked"
    ]


def test_fails_when_a_read_guardrail_is_wider_than_the_regime() -> None:
    # Made elsewhere, and its real content allows London: judged on what the component read.
    wider = dataclasses.replace(guardrail("aws"), regions=("eu-central-1", "eu-west-2"))
    assert messages(RULE, cluster("aws", AWS_PROVIDER) + read(wider, core.scp_document(wider))) == [
        f"{EKS} runs in AWS account {ACCOUNT}, whose guardrail (read SCP 'eu-data-aws') allows eu-west-2, outside "
        "regime gdpr (30 countries); narrow the guardrail to a regime inside gdpr where it is managed"
    ]


def test_fails_when_the_scp_exempts_more_than_the_documented_global_services() -> None:
    g = guardrail("aws")
    document = json.loads(core.scp_document(g))
    document["Statement"][0]["NotAction"].append("s3:*")
    assert messages(RULE, cluster("aws", AWS_PROVIDER) + created(g, content=json.dumps(document))) == [
        f"{EKS} runs in AWS account {ACCOUNT}, whose guardrails do not restrict locations: SCP 'eu-data-aws-scp' "
        "exempts s3:* beyond AWS's documented global services; fix the guardrail"
    ]


def test_fails_when_the_region_deny_carries_a_narrowing_condition() -> None:
    g = guardrail("aws")
    document = json.loads(core.scp_document(g))
    document["Statement"][0]["Condition"]["Bool"] = {"aws:ViaAWSService": "false"}
    assert messages(RULE, cluster("aws", AWS_PROVIDER) + created(g, content=json.dumps(document))) == [
        f"{EKS} runs in AWS account {ACCOUNT}, whose guardrails do not restrict locations: SCP 'eu-data-aws-scp' "
        "adds the condition Bool, which narrows the deny; fix the guardrail"
    ]


def test_fails_when_the_organization_policy_inherits_or_holds_unknown_values() -> None:
    g = guardrail("gcp")
    inherits = {"inheritFromParent": True, "rules": [{"values": {"allowedValues": list(g.values)}}]}
    assert messages(RULE, cluster("gcp", GCP_PROVIDER) + created(g, spec=inherits)) == [
        f"{GKE} runs in GCP project {PROJECT}, whose guardrails do not restrict locations: organization policy "
        f"'eu-data-gcp-projects-{PROJECT}' inherits from its parent, whose values the stack cannot see: set "
        "inheritFromParent false; fix the guardrail"
    ]
    # in:europe-locations is not known exactly (the reference marks its members medium, and Google bounds it by
    # no country list): refused, not guessed.
    grouped = {"inheritFromParent": False, "rules": [{"values": {"allowedValues": ["in:europe-locations"]}}]}
    assert messages(RULE, cluster("gcp", GCP_PROVIDER) + created(g, spec=grouped)) == [
        f"{GKE} runs in GCP project {PROJECT}, whose guardrail (organization policy 'eu-data-gcp-projects-{PROJECT}') "
        "allows in:europe-locations, outside regime gdpr (30 countries); narrow the guardrail to a regime inside gdpr"
    ]


def test_a_group_google_bounds_by_countries_allows_the_regions_in_them() -> None:
    # "in:eu-locations: All locations within the European Union": inside gdpr whatever Google adds to it,
    # and wider than a one-country regime.
    g = guardrail("gcp")
    grouped = {"inheritFromParent": False, "rules": [{"values": {"allowedValues": ["in:eu-locations"]}}]}
    assert messages(RULE, cluster("gcp", GCP_PROVIDER) + created(g, spec=grouped)) == []
    regions, unknown = core.resolve_values("gcp", ["in:eu-locations"])
    assert unknown == [] and {"europe-west3", "europe-north1"} <= regions and "europe-west2" not in regions
    assert "europe-west6" not in regions  # Zurich: Switzerland is not in the EU
    # "in:us-locations: All locations within the USA": one country bounds it.
    regions, unknown = core.resolve_values("gcp", ["in:us-locations"])
    assert unknown == [] and {"us-central1", "us-east4"} <= regions
    assert all(core.catalog.lookup("gcp", r).country == "US" for r in regions)  # type: ignore[union-attr]


def test_fails_when_the_assignment_is_not_enforced_or_lists_a_location_outside() -> None:
    g = guardrail("azure")
    assert messages(RULE, cluster("azure", AZURE_PROVIDER) + created(g, enforcementMode="DoNotEnforce")) == [
        f"{AKS} runs in Azure subscription {SUBSCRIPTION}, whose guardrails do not restrict locations: assignment "
        f"'eu-data-azure-{SUBSCRIPTION}-locations' is not enforced (enforcementMode DoNotEnforce); fix the guardrail"
    ]
    # "Switzerland North" is Azure's display name for switzerlandnorth (CH), outside gdpr.
    values = [*g.values, "Switzerland North"]
    assert messages(RULE, cluster("azure", AZURE_PROVIDER) + created(g, values=values)) == [
        f"{AKS} runs in Azure subscription {SUBSCRIPTION}, whose guardrail (assignment "
        f"'eu-data-azure-{SUBSCRIPTION}-locations') allows switzerlandnorth, outside regime gdpr (30 countries); "
        "narrow the guardrail to a regime inside gdpr"
    ]


def test_fails_for_every_regime_the_cluster_holds() -> None:
    # An EEA guardrail is inside gdpr, but the cluster also holds a Swiss-only tenant.
    stack = cluster("aws", AWS_PROVIDER, own="ch") + created(guardrail("aws"))
    assert messages(RULE, stack) == [
        "aws:eks/cluster:Cluster 'c1-eks' (regime ch from its tag, regime gdpr from namespace payments) runs in AWS "
        f"account {ACCOUNT}, whose guardrail (SCP 'eu-data-aws-scp') allows eu-central-1, eu-north-1, eu-south-1, "
        "eu-south-2, eu-west-1, eu-west-3, outside regime ch (CH); narrow the guardrail to a regime inside ch"
    ]


def test_scp_parsing_intersects_several_region_denies() -> None:
    first = json.loads(core.scp_document(guardrail("aws", "eu")))
    second = json.loads(core.scp_document(dataclasses.replace(guardrail("aws", "eu"), regions=("eu-central-1",))))
    first["Statement"].append(second["Statement"][0])
    assert judge_scp(json.dumps(first)).allowed == frozenset({"eu-central-1"})


def test_compliant_condition_key_names_in_any_case() -> None:
    """IAM: "Condition key names are not case-sensitive"; an SCP writing aws:requestedregion denies alike."""
    document = core.scp_document(guardrail("aws", "eu")).replace("aws:RequestedRegion", "aws:requestedregion")
    assert judge_scp(document).defect is None and judge_scp(document).allowed


def test_fails_an_exemption_of_every_role() -> None:
    document = json.loads(core.scp_document(guardrail("aws", "eu")))
    document["Statement"][0]["Condition"]["ArnNotLike"] = {"AWS:PrincipalArn": ["arn:aws:iam::*:role/*"]}
    assert judge_scp(json.dumps(document)).defect == (
        "exempts every role (arn:aws:iam::*:role/*), which voids the deny"
    )
    document["Statement"][0]["Condition"]["ArnNotLike"] = {"aws:PrincipalARN": ["arn:aws:iam::*:role/break-glass"]}
    assert judge_scp(json.dumps(document)).defect is None
    # Every IAM Identity Center role is everyone who signs in.
    sso = "arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*"
    document["Statement"][0]["Condition"]["ArnNotLike"] = {"aws:PrincipalARN": [sso]}
    assert judge_scp(json.dumps(document)).defect == (
        f"exempts every IAM Identity Center role (everyone who signs in) ({sso}), which voids the deny"
    )


# ------------------------------------------------------------------------- the analyzer protocol


@pytest.fixture(scope="module")
def pack():  # type: ignore[no-untyped-def]
    with PolicyPack(stack="prod") as running:
        yield running


def _analyzed(resources: list[Resource]) -> list[Any]:
    from pulumi.runtime.proto import analyzer_pb2

    items = [
        analyzer_pb2.AnalyzerResource(
            type="pulumi:pulumi:Stack",
            properties=_struct({}),
            urn="urn:pulumi:s::p::pulumi:pulumi:Stack::p-s",
            name="s",
        )
    ]
    by_urn = {r.urn: r for r in resources}
    for r in resources:
        item = analyzer_pb2.AnalyzerResource(
            type=r.type,
            properties=_struct(dict(r.props)),
            urn=r.urn,
            name=r.name,
            parent=r.parent or "",
            options=analyzer_pb2.AnalyzerResourceOptions(parent=r.parent or ""),
        )
        provider = by_urn.get(r.provider_urn or "")
        if provider is not None:
            item.provider.CopyFrom(
                analyzer_pb2.AnalyzerProviderResource(
                    type=provider.type, properties=_struct(dict(provider.props)), urn=provider.urn, name=provider.name
                )
            )
        items.append(item)
    return items


def test_compliant_stack_through_the_analyzer_protocol(pack) -> None:  # type: ignore[no-untyped-def]
    pack.configure({})
    stack = cluster("aws", AWS_PROVIDER) + created(guardrail("aws"))
    assert [v for v in pack.analyze_stack(_analyzed(stack)) if v.rule_id == RULE.id] == []


def test_fails_through_the_analyzer_protocol_and_is_exemptible(pack) -> None:  # type: ignore[no-untyped-def]
    pack.configure({})
    stack = cluster("aws", AWS_PROVIDER) + read(guardrail("aws"), "{}")  # read: an SCP that denies nothing
    found = [v for v in pack.analyze_stack(_analyzed(stack)) if v.rule_id == RULE.id]
    assert [(v.level, v.urn.rsplit("::", 1)[1]) for v in found] == [("mandatory", "c1-eks")]
    assert found[0].message.endswith(
        "whose guardrails do not restrict locations: read SCP 'eu-data-aws' has no Deny statement on "
        "aws:RequestedRegion (StringNotEquals); fix them where they are managed"
    )
    exemption = {
        "ruleId": RULE.id,
        "resource": "*::c1-eks",
        "reason": "The SCP is replaced next week.",
        "expires": "2099-01-01",
    }
    pack.configure({RULE.name: {"exemptions": [exemption]}})
    assert [v for v in pack.analyze_stack(_analyzed(stack)) if v.rule_id == RULE.id] == []
    pack.configure({})


EXEMPTION = "azure-native:authorization:PolicyExemption"


def _exemption(assignment: str | None, expires: str | None = None, depends_on: str | None = None) -> Resource:
    props: dict[str, Any] = {"scope": f"/subscriptions/{SUBSCRIPTION}/resourceGroups/rg", "exemptionCategory": "Waiver"}
    if assignment is not None:
        props["policyAssignmentId"] = assignment
    if expires:
        props["expiresOn"] = expires
    found = Resource(EXEMPTION, "urn:pulumi:s::p::" + EXEMPTION + "::skip", "skip", props)
    if depends_on:
        found.depends = {"policyAssignmentId": (depends_on,)}
    return found


def test_compliant_exemption_of_another_assignment_or_expired() -> None:
    stack = cluster("azure", AZURE_PROVIDER) + created(guardrail("azure"))
    other = f"/subscriptions/{SUBSCRIPTION}/providers/Microsoft.Authorization/policyAssignments/require-tags"
    assert messages(RULE, [*stack, _exemption(other)]) == []
    assigned = next(r for r in stack if r.type == "azure-native:authorization:PolicyAssignment")
    assert messages(RULE, [*stack, _exemption(None, "2020-01-01T00:00:00Z", depends_on=assigned.urn)]) == []


def test_fails_when_the_location_assignment_is_exempted() -> None:
    stack = cluster("azure", AZURE_PROVIDER) + created(guardrail("azure"))
    assigned = next(r for r in stack if r.type == "azure-native:authorization:PolicyAssignment")
    expected = [
        f"{AKS} runs in Azure subscription {SUBSCRIPTION}, whose guardrails do not restrict locations: assignment "
        f"'eu-data-azure-{SUBSCRIPTION}-locations' is exempted at /subscriptions/{SUBSCRIPTION}/resourceGroups/rg by "
        "policy exemption 'skip'; fix the guardrail"
    ]
    # Named by the assignment's ID (read back after creation), or, at preview, through its dependency.
    assigned.props = {**assigned.props, "id": f"/subscriptions/{SUBSCRIPTION}/providers/x/policyAssignments/loc"}
    assert messages(RULE, [*stack, _exemption(assigned.props["id"])]) == expected
    assert messages(RULE, [*stack, _exemption(None, depends_on=assigned.urn)]) == expected


def test_an_override_to_deny_keeps_the_assignment_and_any_other_weakens_it() -> None:
    # Overrides change a definition's effect (assignment-structure#overrides): to Deny, Allowed locations'
    # own effect, nothing changes; to Audit, the assignment only reports.
    g = guardrail("azure")

    def overridden(value: str) -> list[Resource]:
        items = created(g)
        assignment = items[-1]
        assignment.props = {**assignment.props, "overrides": [{"kind": "policyEffect", "value": value}]}
        return items

    assert messages(RULE, cluster("azure", AZURE_PROVIDER) + overridden("Deny")) == []
    assert messages(RULE, cluster("azure", AZURE_PROVIDER) + overridden("Audit")) == [
        f"{AKS} runs in Azure subscription {SUBSCRIPTION}, whose guardrails do not restrict locations: assignment "
        f"'eu-data-azure-{SUBSCRIPTION}-locations' overrides the policy's effect; fix the guardrail"
    ]


STACK_URN = "urn:pulumi:prod::fleet::pulumi:pulumi:Stack::fleet-prod"


def test_top_level_policies_are_attached_by_policy_id_only() -> None:
    # The engine gives every top-level resource the stack as its parent: only a guardrail component's own
    # policy and attachments belong together by parent.
    items = created(guardrail("aws"))[1:]
    policy, attachment = items[0], items[1]
    policy.parent = attachment.parent = STACK_URN
    attachment.props = {**attachment.props, "policyId": "p-fullaws00"}  # another policy
    assert (
        "which no cloud location guardrail in this stack covers"
        in messages(RULE, [*cluster("aws", AWS_PROVIDER), policy, attachment])[0]
    )


def test_the_case_insensitive_operator_denies_the_same_regions() -> None:
    # Region names are lower case: StringNotEqualsIgnoreCase denies the same requests (IAM condition operators).
    g = guardrail("aws")
    document = json.loads(core.scp_document(g))
    condition = document["Statement"][0]["Condition"]
    condition["StringNotEqualsIgnoreCase"] = condition.pop("StringNotEquals")
    assert messages(RULE, cluster("aws", AWS_PROVIDER) + created(g, content=json.dumps(document))) == []


def test_region_values_that_are_not_names_do_not_count() -> None:
    g = guardrail("aws")
    document = json.loads(core.scp_document(g))
    document["Statement"][0]["Condition"]["StringNotEquals"]["aws:RequestedRegion"] = {"eu-west-1": True}
    assert messages(RULE, cluster("aws", AWS_PROVIDER) + created(g, content=json.dumps(document))) == [
        f"{EKS} runs in AWS account {ACCOUNT}, whose guardrails do not restrict locations: SCP 'eu-data-aws-scp' "
        "lists aws:RequestedRegion as dict, not region names; fix the guardrail"
    ]


def test_is_prefixed_values_and_scopes_in_any_case_are_the_same() -> None:
    # "is:" names one value exactly; ARM IDs are case-insensitive.
    g = guardrail("gcp")
    spec = {"inheritFromParent": False, "rules": [{"values": {"allowedValues": [f"is:{v}" for v in g.values]}}]}
    assert messages(RULE, cluster("gcp", GCP_PROVIDER) + created(g, spec=spec)) == []
    a = guardrail("azure")
    items = created(a)
    items[-1].props = {**items[-1].props, "scope": f"/SUBSCRIPTIONS/{SUBSCRIPTION.upper()}"}
    assert messages(RULE, cluster("azure", AZURE_PROVIDER) + items) == []


def test_the_if_exists_operator_denies_at_least_as_much() -> None:
    # ...IfExists also matches a request without the key: the deny reaches further, never less far.
    g = guardrail("aws")
    document = json.loads(core.scp_document(g))
    condition = document["Statement"][0]["Condition"]
    condition["StringNotEqualsIfExists"] = condition.pop("StringNotEquals")
    assert messages(RULE, cluster("aws", AWS_PROVIDER) + created(g, content=json.dumps(document))) == []


def test_an_initiative_holding_allowed_locations_is_judged_as_that_assignment() -> None:
    g = guardrail("azure")
    [assignment] = [r for r in created(g) if r.type == "azure-native:authorization:PolicyAssignment"]
    member = {"policyDefinitionId": core.AZURE_ALLOWED_LOCATIONS, "policyDefinitionReferenceId": "locations",
              "parameters": {core.AZURE_PARAMETER: {"value": "[parameters('allowed')]"}}}  # fmt: skip
    initiative = Resource("azure-native:authorization:PolicySetDefinition", "urn:set", "eea",
                          {"policySetDefinitionName": "eea", "policyDefinitions": [member]})  # fmt: skip

    def assigned(values: list[str]) -> list[Resource]:
        props = {**assignment.props, "parameters": {"allowed": {"value": values}},
                 "policyDefinitionId": f"/subscriptions/{SUBSCRIPTION}/providers/Microsoft.Authorization/"
                 "policySetDefinitions/eea"}  # fmt: skip
        return [*cluster("azure", AZURE_PROVIDER), initiative, dataclasses.replace(assignment, props=props)]

    assert messages(RULE, assigned(list(g.values))) == []
    [message] = messages(RULE, assigned([*g.values, "eastus"]))
    assert "allows eastus, outside regime gdpr" in message


def test_fails_a_cluster_in_the_organizations_management_account() -> None:
    g = guardrail("aws")
    org = Resource("aws:organizations/organization:Organization", "urn:org", "org", {"featureSet": "ALL"},
                   provider_props=AWS_PROVIDER)  # fmt: skip
    assert messages(RULE, cluster("aws", AWS_PROVIDER) + created(g)) == []
    [message] = messages(RULE, [*cluster("aws", AWS_PROVIDER), *created(g), org])
    assert f"runs in AWS account {ACCOUNT}, the organization's management account" in message


@pytest.mark.parametrize(
    ("org", "defect"),
    [
        ({"featureSet": "CONSOLIDATED_BILLING"}, "has only consolidated billing (featureSet)"),
        ({"featureSet": "ALL", "enabledPolicyTypes": ["TAG_POLICY"]}, "does not enable the SERVICE_CONTROL_POLICY"),
    ],
)
def test_fails_scps_the_organization_does_not_put_in_force(org: dict[str, Any], defect: str) -> None:
    # Managed from another account than the cluster's (not its management account).
    organization = Resource("aws:organizations/organization:Organization", "urn:org", "org", org)
    [message] = messages(RULE, [*cluster("aws", AWS_PROVIDER), *created(guardrail("aws")), organization])
    assert "whose guardrails do not restrict locations" in message and defect in message


@pytest.mark.parametrize(
    "org", [{"featureSet": "ALL"}, {"enabledPolicyTypes": ["TAG_POLICY", "SERVICE_CONTROL_POLICY"]}]
)
def test_compliant_scps_in_force_or_left_as_they_are(org: dict[str, Any]) -> None:
    organization = Resource("aws:organizations/organization:Organization", "urn:org", "org", org)
    assert messages(RULE, [*cluster("aws", AWS_PROVIDER), *created(guardrail("aws")), organization]) == []


def test_a_guardrail_on_a_container_covers_what_the_stack_places_below_it() -> None:
    from fleetguard.rules.grd_001_cloud_guardrail import hierarchy

    def make(type_: str, label: str, **props: Any) -> Resource:
        return Resource(type_, f"urn:{label}", label, props)

    tree = hierarchy([
        make("aws:organizations/organizationalUnit:OrganizationalUnit", "ou", id="ou-1", parentId="r-1"),
        make("aws:organizations/account:Account", "acct", id=ACCOUNT, parentId="ou-1"),
        make("gcp:organizations/folder:Folder", "f", name="folders/27", parent="organizations/12"),
        make("gcp:organizations/project:Project", "p", projectId=PROJECT, folderId="27"),
        make("azure-native:management:ManagementGroup", "mg", groupId="eea", details={"parent": {"id": "/x/root"}}),
        make("azure-native:management:ManagementGroupSubscription", "sub", groupId="eea", subscriptionId=SUBSCRIPTION),
    ])  # fmt: skip
    assert tree["ou-1"] == tree["r-1"] == {ACCOUNT}
    assert tree["folders/27"] == tree["organizations/12"] == {PROJECT}
    assert tree["managementgroup:eea"] == tree["managementgroup:root"] == {SUBSCRIPTION.lower()}


def test_a_subscription_alias_places_its_subscription_in_a_management_group() -> None:
    from fleetguard.rules.grd_001_cloud_guardrail import hierarchy

    alias = Resource("azure-native:subscription:Alias", "urn:alias", "alias", {
        "aliasName": "prod",
        "properties": {"subscriptionId": SUBSCRIPTION, "additionalProperties": {
            "managementGroupId": "/providers/Microsoft.Management/managementGroups/eea"}},
    })  # fmt: skip
    assert hierarchy([alias])["managementgroup:eea"] == {SUBSCRIPTION.lower()}


def test_v1_policies_on_a_folder_or_the_organization_guard_the_projects_below() -> None:
    allowed = {"inheritFromParent": False, "allow": {"values": list(guardrail("gcp").values)}}
    folder = Resource(
        "gcp:organizations/folder:Folder", "urn:f", "f", {"name": "folders/27", "parent": "organizations/12"}
    )
    project = Resource("gcp:organizations/project:Project", "urn:p", "p", {"projectId": PROJECT, "folderId": "27"})
    on_folder = Resource(
        "gcp:folder/organizationPolicy:OrganizationPolicy",
        "urn:fp",
        "fp",
        {"folder": "folders/27", "constraint": "constraints/gcp.resourceLocations", "listPolicy": allowed},
    )
    on_org = Resource(
        "gcp:organizations/policy:Policy",
        "urn:op",
        "op",
        {"orgId": "12", "constraint": "constraints/gcp.resourceLocations", "listPolicy": allowed},
    )
    base = [*cluster("gcp", GCP_PROVIDER), folder, project]
    assert messages(RULE, [*base, on_folder]) == []
    assert messages(RULE, [*base, on_org]) == []
    [uncovered] = messages(RULE, [*cluster("gcp", GCP_PROVIDER), on_folder])  # the project is not known to be there
    assert "which no cloud location guardrail in this stack covers" in uncovered
    wider = {"inheritFromParent": False, "allow": {"values": [*guardrail("gcp").values, "in:us-locations"]}}
    [opened] = messages(
        RULE, [*base, Resource(on_folder.type, "urn:fp", "fp", {**on_folder.props, "listPolicy": wider})]
    )
    assert "outside regime gdpr" in opened


def test_a_policy_may_name_its_project_by_number() -> None:
    project = Resource("gcp:organizations/project:Project", "urn:p", "p", {"projectId": PROJECT, "number": "4711"})
    spec = {"inheritFromParent": False, "rules": [{"values": {"allowedValues": list(guardrail("gcp").values)}}]}
    by_number = Resource(
        "gcp:orgpolicy/policy:Policy",
        "urn:op",
        "op",
        {"name": "projects/4711/policies/gcp.resourceLocations", "parent": "projects/4711", "spec": spec},
    )
    assert messages(RULE, [*cluster("gcp", GCP_PROVIDER), project, by_number]) == []
    [uncovered] = messages(RULE, [*cluster("gcp", GCP_PROVIDER), by_number])
    assert "which no cloud location guardrail in this stack covers" in uncovered


def test_the_nearest_gcp_policy_decides_for_a_project() -> None:
    def folder(name: str, parent: str) -> Resource:
        return Resource("gcp:organizations/folder:Folder", f"urn:{name}", name, {"name": name, "parent": parent})

    def policy(parent: str, values: list[str], inherit: bool = False) -> Resource:
        spec = {"inheritFromParent": inherit, "rules": [{"values": {"allowedValues": values}}]}
        props = {"name": f"{parent}/policies/gcp.resourceLocations", "parent": parent, "spec": spec}
        return Resource("gcp:orgpolicy/policy:Policy", f"urn:{parent}", parent, props)

    eea = list(guardrail("gcp").values)
    project = Resource("gcp:organizations/project:Project", "urn:p", "p", {"projectId": PROJECT, "folderId": "2"})
    tree = [folder("folders/1", "organizations/9"), folder("folders/2", "folders/1"), project]
    base = [*cluster("gcp", GCP_PROVIDER), *tree]
    assert messages(RULE, [*base, policy("folders/1", eea)]) == []  # a grandparent's policy, nothing nearer
    # A child folder's policy that merges in its parent's values widens them: the parent's alone does not decide.
    [merged] = messages(RULE, [*base, policy("folders/1", eea), policy("folders/2", ["in:us-locations"], True)])
    assert "inherits from its parent" in merged
    [replaced] = messages(RULE, [*base, policy("folders/1", eea), policy("folders/2", ["in:us-locations"])])
    assert "outside regime gdpr" in replaced


def test_an_initiative_parameter_the_assignment_does_not_pass_takes_its_default() -> None:
    from fleetguard.rules.grd_001_cloud_guardrail import _through_initiative

    member = {"policyDefinitionId": core.AZURE_ALLOWED_LOCATIONS, "policyDefinitionReferenceId": "allowed",
              "parameters": {core.AZURE_PARAMETER: {"value": "[parameters('allowed')]"}}}  # fmt: skip
    initiative = Resource("azure-native:authorization:PolicySetDefinition", "urn:i", "i", {
        "policySetDefinitionName": "residency", "policyDefinitions": [member],
        "parameters": {"allowed": {"type": "Array", "defaultValue": ["westeurope"]}}})  # fmt: skip
    definition = f"/subscriptions/{SUBSCRIPTION}/providers/Microsoft.Authorization/policySetDefinitions/residency"
    assignment = Resource("azure-native:authorization:PolicyAssignment", "urn:a", "a",
                          {"scope": f"/subscriptions/{SUBSCRIPTION}", "policyDefinitionId": definition})  # fmt: skip
    resolved = _through_initiative(assignment, [initiative, assignment])
    assert resolved.props["parameters"][core.AZURE_PARAMETER]["value"] == ["westeurope"]
    passed = Resource(assignment.type, "urn:a", "a", {**assignment.props,
                      "parameters": {"allowed": {"value": ["eastus"]}}})  # fmt: skip
    assert _through_initiative(passed, [initiative, passed]).props["parameters"][core.AZURE_PARAMETER]["value"] == [
        "eastus"
    ]


def test_a_subscription_alias_without_a_group_goes_to_the_default_management_group() -> None:
    from fleetguard.rules.grd_001_cloud_guardrail import hierarchy

    default = "/providers/Microsoft.Management/managementGroups/eea"
    setting = Resource("azure-native:management:HierarchySetting", "urn:h", "h",
                       {"groupId": "root", "defaultManagementGroup": default})  # fmt: skip
    alias = Resource("azure-native:subscription:Alias", "urn:alias", "alias",
                     {"aliasName": "prod", "properties": {"subscriptionId": SUBSCRIPTION}})  # fmt: skip
    assert hierarchy([setting, alias])["managementgroup:eea"] == {SUBSCRIPTION.lower()}
    assert hierarchy([alias]) == {}


def test_an_exemption_of_another_subscription_leaves_the_clusters_guarded() -> None:
    stack = cluster("azure", AZURE_PROVIDER) + created(guardrail("azure"))
    assigned = next(r for r in stack if r.type == "azure-native:authorization:PolicyAssignment")
    elsewhere = _exemption(None, depends_on=assigned.urn)
    elsewhere.props = {**elsewhere.props, "scope": "/subscriptions/00000000-0000-0000-0000-00000000000a"}
    assert messages(RULE, [*stack, elsewhere]) == []
    assert "is exempted at" in messages(RULE, [*stack, _exemption(None, depends_on=assigned.urn)])[0]


def test_an_initiative_defined_at_a_management_group_is_read_as_one_defined_at_a_subscription() -> None:
    g = guardrail("azure")
    [assignment] = [r for r in created(g) if r.type == "azure-native:authorization:PolicyAssignment"]
    member = {"policyDefinitionId": core.AZURE_ALLOWED_LOCATIONS, "policyDefinitionReferenceId": "locations",
              "parameters": {core.AZURE_PARAMETER: {"value": "[parameters('allowed')]"}}}  # fmt: skip
    initiative = Resource("azure-native:authorization:PolicySetDefinitionAtManagementGroup", "urn:set", "eea",
                          {"policySetDefinitionName": "eea", "managementGroupId": "root",
                           "policyDefinitions": [member]})  # fmt: skip
    set_id = "/providers/Microsoft.Management/managementGroups/root/providers/Microsoft.Authorization/"
    props = {**assignment.props, "parameters": {"allowed": {"value": list(g.values)}},
             "policyDefinitionId": f"{set_id}policySetDefinitions/eea"}  # fmt: skip
    stack = [*cluster("azure", AZURE_PROVIDER), initiative, dataclasses.replace(assignment, props=props)]
    assert messages(RULE, stack) == []


def test_resource_selectors_weaken_an_assignment_only_when_they_leave_resources_outside_unevaluated() -> None:
    # A resource is evaluated (or exempted) when it satisfies any resource selector, and one when it meets all of its
    # selectors (assignment-structure#resource-selectors, exemption-structure#resource-selectors).
    g = guardrail("azure")
    allowed = [str(v) for v in g.values]

    def selected(*selectors: dict) -> list[dict]:
        return [{"name": "s", "selectors": list(selectors)}]

    def assigned(resource_selectors: list[dict]) -> list[Resource]:
        stack = cluster("azure", AZURE_PROVIDER) + created(g)
        a = next(r for r in stack if r.type == "azure-native:authorization:PolicyAssignment")
        a.props = {**a.props, "resourceSelectors": resource_selectors}
        return stack

    not_in = {"kind": "resourceLocation", "notIn": allowed}
    assert messages(RULE, assigned(selected(not_in))) == []
    assert messages(RULE, assigned(selected({"kind": "resourceLocation", "notIn": allowed[:1]}))) == []
    for weak in (
        selected({"kind": "resourceLocation", "in": allowed}),
        selected({"kind": "resourceLocation", "notIn": [*allowed, "eastus"]}),
        selected(not_in, {"kind": "resourceType", "in": ["Microsoft.Storage/storageAccounts"]}),
    ):
        assert "applies only to selected resources" in messages(RULE, assigned(weak))[0]

    stack = cluster("azure", AZURE_PROVIDER) + created(g)
    a = next(r for r in stack if r.type == "azure-native:authorization:PolicyAssignment")

    def exempted(resource_selectors: list[dict]) -> list[Resource]:
        e = _exemption(None, depends_on=a.urn)
        e.props = {**e.props, "resourceSelectors": resource_selectors}
        return [*stack, e]

    assert messages(RULE, exempted(selected({"kind": "resourceLocation", "in": allowed[:1]}))) == []
    assert "is exempted at" in messages(RULE, exempted(selected({"kind": "resourceLocation", "in": ["eastus"]})))[0]
    assert "is exempted at" in messages(RULE, exempted(selected({"kind": "resourceLocation", "notIn": allowed})))[0]
    assert "is exempted at" in messages(RULE, exempted([]))[0]


def test_global_in_the_allowed_locations_allows_nothing_more() -> None:
    # The built-in "Allowed locations" never restricts resources in the global location (built-in-policies#general).
    g = guardrail("azure")
    stack = cluster("azure", AZURE_PROVIDER) + created(g)
    a = next(r for r in stack if r.type == "azure-native:authorization:PolicyAssignment")
    a.props = {**a.props, "parameters": {core.AZURE_PARAMETER: {"value": [*g.values, "global"]}}}
    assert messages(RULE, stack) == []
    a.props = {**a.props, "parameters": {core.AZURE_PARAMETER: {"value": [*g.values, "global", "eastus"]}}}
    assert "allows eastus" in messages(RULE, stack)[0]


def test_an_scp_that_exempts_only_describe_and_list_calls_still_keeps_data_in() -> None:
    from fleetguard.rules.grd_001_cloud_guardrail import _scp_defect

    def statement(*extra: str) -> dict:
        return {"Effect": "Deny", "NotAction": [*core.AWS_GLOBAL_SERVICE_EXEMPTIONS, *extra], "Resource": "*"}

    condition = {"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1"]}}
    assert _scp_defect(statement("dynamodb:Describe*", "dynamodb:List*"), condition) is None
    assert "dynamodb:GetItem" in str(_scp_defect(statement("dynamodb:GetItem"), condition))
    assert "s3:*" in str(_scp_defect(statement("s3:*"), condition))
