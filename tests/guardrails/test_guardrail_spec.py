"""The guardrails key and the cluster scopes: each problem names its key path, the value and the fix."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from fleet.core import guardrails as core
from fleet.spec import SpecError, load
from fleet.spec import guardrails as spec_guardrails
from tests.conftest import fleet_of, raw_spec

ROLE = "arn:aws:iam::999999999999:role/fleet-guardrails"
SUB = "2e9c4a71-6f3b-4d8a-b5e2-9c0f1a7d3e55"


def problems(stack: str, mutate: Any, shard: str | None = None) -> list[str]:
    spec = raw_spec(stack)
    mutate(spec)
    with pytest.raises(SpecError) as caught:
        load(spec, shard)
    return [str(p) for p in caught.value.problems]


def guardrail(spec: dict[str, Any], index: int = 0) -> dict[str, Any]:
    return spec["guardrails"][index]  # type: ignore[no-any-return]


def test_the_stacks_are_valid_and_every_regulated_cluster_is_covered() -> None:
    for stack in ("dev", "staging", "prod", "global-eu", "global-us"):
        fleet = fleet_of(stack)
        for cluster in fleet.deployed_clusters:
            held = {t.residency for t in fleet.tenants_on(cluster.name)} | {cluster.residency or "none"}
            held = {r for r in held if fleet.regimes[r].countries is not None}
            if not held:
                continue
            covering = spec_guardrails.covering(fleet, cluster)
            assert covering, f"{stack}: {cluster.name} holds {held} and no guardrail covers it"
            for regime in held:
                for g in covering:
                    assert core.outside(fleet.regimes[regime], cluster.cloud, g.regions) == [], (stack, cluster.name)


def test_prod_reads_one_guardrail_it_does_not_manage() -> None:
    unmanaged = [g for g in spec_guardrails.guardrails(fleet_of("prod")) if not g.managed]
    assert [(g.name, g.cloud, g.existing, g.targets) for g in unmanaged] == [
        ("prod-ch", "aws", "p-ch5w1ss01", ("333333333366",))
    ]


def test_unknown_regime_and_a_regime_that_restricts_nothing() -> None:
    assert problems("dev", lambda s: guardrail(s).update(regime="gdrp")) == [
        "fleet:spec.guardrails[0].regime: 'gdrp' is not a regime; did you mean 'gdpr'? use one of none, eu, gdpr, "
        "ch, uk, us, ca or define it under regimes"
    ]
    assert problems("dev", lambda s: guardrail(s).update(regime="none")) == [
        "fleet:spec.guardrails[0].regime: 'none' allows every region, so its guardrail would restrict nothing; name "
        "the regime whose regions the clouds must keep to"
    ]


def test_a_guardrail_must_allow_the_regions_of_the_clusters_it_covers() -> None:
    assert problems("dev", lambda s: guardrail(s).update(regime="ch")) == [
        "fleet:spec.guardrails[0].regime: cluster 'dev-aws-euc1' (clusters[0]) in account 111111111111 runs in "
        "eu-central-1 (DE), which regime ch (CH) does not allow: the AWS guardrail would deny the cluster's own API "
        "calls; move the cluster to a scope of its own, or cover this account with a guardrail whose regime allows "
        "eu-central-1",
        "fleet:spec.guardrails[0].regime: cluster 'dev-gcp-euw1' (clusters[1]) in project acme-fleet-dev runs in "
        "europe-west1 (BE), which regime ch (CH) does not allow: the GCP guardrail would deny the cluster's own API "
        "calls; move the cluster to a scope of its own, or cover this project with a guardrail whose regime allows "
        "europe-west1",
        "fleet:spec.guardrails[0].regime: cluster 'dev-azure-weu' (clusters[2]) in subscription "
        f"{SUB} runs in westeurope (NL), which regime ch (CH) does not allow: the Azure guardrail would "
        "deny the cluster's own API calls; move the cluster to a scope of its own, or cover this subscription with "
        "a guardrail whose regime allows westeurope",
    ]


def test_managed_false_needs_the_existing_objects_names() -> None:
    def unmanaged(spec: dict[str, Any]) -> None:
        guardrail(spec)["managed"] = False

    assert problems("dev", unmanaged) == [
        "fleet:spec.guardrails[0].aws.policyId: required with managed: false; add it: The existing policy's ID "
        "(p-...).",
        "fleet:spec.guardrails[0].azure.assignmentName: required with managed: false; add it: The existing "
        '"Allowed locations" assignment\'s name at each scope.',
    ]

    def unmanaged_azure(spec: dict[str, Any]) -> None:
        guardrail(spec).update(managed=False)
        guardrail(spec)["aws"]["policyId"] = "p-abcd1234"

    assert problems("dev", unmanaged_azure) == [
        "fleet:spec.guardrails[0].azure.assignmentName: required with managed: false; add it: The existing "
        '"Allowed locations" assignment\'s name at each scope.'
    ]
    assert problems("dev", lambda s: guardrail(s)["aws"].update(policyId="p-abcd1234")) == [
        "fleet:spec.guardrails[0].aws.policyId: 'policyId' is only used with managed: false; this one has "
        "managed: true (its keys: partition, managementRoleArn, targets, accounts, exemptPrincipals)"
    ]


def test_one_scope_has_one_guardrail() -> None:
    def twice(spec: dict[str, Any]) -> None:
        spec["guardrails"].append(
            {"name": "dev-eu", "regime": "eu", "aws": {"managementRoleArn": ROLE, "targets": ["111111111111"]}}
        )

    assert problems("dev", twice) == [
        "fleet:spec.guardrails[1].aws: AWS 111111111111 is already covered by guardrails[0] ('dev-eea'); one scope "
        "has one guardrail in a stack: merge them or remove the scope from one"
    ]

    def same_name(spec: dict[str, Any]) -> None:
        spec["guardrails"].append({"name": "dev-eea", "regime": "eu", "gcp": {"projects": ["acme-fleet-other"]}})

    assert problems("dev", same_name) == [
        "fleet:spec.guardrails[1].name: 'dev-eea' is already the name of guardrails[0]; guardrail names must be unique"
    ]


def test_the_partition_must_be_the_covered_clusters() -> None:
    def china(spec: dict[str, Any]) -> None:
        guardrail(spec)["aws"].update(partition="aws-cn", managementRoleArn="arn:aws-cn:iam::999999999999:role/g")

    assert problems("dev", china) == [
        "fleet:spec.guardrails[0].aws: regime gdpr (30 countries) allows no region of partition aws-cn, so the "
        "guardrail would deny everything there; pick a regime with regions from `fleet regions --cloud aws`"
    ]

    def eusc(spec: dict[str, Any]) -> None:
        guardrail(spec)["aws"].update(partition="aws-eusc", managementRoleArn="arn:aws-eusc:iam::999999999999:role/g")

    assert problems("dev", eusc) == [
        "fleet:spec.guardrails[0].aws.partition: is 'aws-eusc', but cluster 'dev-aws-euc1' (clusters[0]) in account "
        "111111111111 runs in eu-central-1, a region of 'aws'; a guardrail lists the regions of one partition: set "
        "it to 'aws'"
    ]
    assert problems("dev", lambda s: guardrail(s)["aws"].update(partition="aws-mars")) == [
        "fleet:spec.guardrails[0].aws.partition: 'aws-mars' is not an AWS partition; use one of aws, aws-cn, "
        "aws-eusc, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-us-gov"
    ]
    assert problems(
        "dev", lambda s: guardrail(s)["aws"].update(managementRoleArn="arn:aws-cn:iam::999999999999:role/g")
    ) == [
        "fleet:spec.guardrails[0].aws: managementRoleArn is in partition 'aws-cn', but partition is 'aws'; the "
        "policy is created with a role of the organization it guards"
    ]


def test_the_management_account_is_not_a_place_for_regulated_clusters() -> None:
    role = "arn:aws:iam::111111111111:role/fleet-guardrails"
    assert problems("dev", lambda s: guardrail(s)["aws"].update(managementRoleArn=role)) == [
        "fleet:spec.guardrails[0].aws.managementRoleArn: the role is in account 111111111111, which this guardrail "
        "also covers; if that is the organization's management account, SCPs do not restrict it (AWS "
        "Organizations: SCPs don't affect users or roles in the management account): run regulated clusters in "
        "member accounts"
    ]


def test_ids_are_checked_where_they_are_written() -> None:
    assert problems("dev", lambda s: s["clusters"][0].update(account=111111111111)) == [
        "fleet:spec.clusters[0].account: 111111111111 is a number; quote the account ID so YAML keeps all 12 "
        'digits, e.g. "111111111111"'
    ]
    assert problems("dev", lambda s: s["clusters"][0].update(account="1111")) == [
        "fleet:spec.clusters[0].account: '1111' is not an AWS account ID; write its 12 digits in quotes, e.g. "
        '"333333333333"'
    ]
    assert problems("dev", lambda s: s["clusters"][2].update(subscription="2E9C4A71")) == [
        "fleet:spec.clusters[2].subscription: '2E9C4A71' is not an Azure subscription ID; write it as a lowercase "
        "UUID, e.g. 6f1c3a2e-0d4b-4c8e-9a7f-2b5d8e1c4a90"
    ]
    assert problems("dev", lambda s: guardrail(s)["aws"].update(targets=["ou-12"])) == [
        "fleet:spec.guardrails[0].aws.targets: 'ou-12' is not an account ID, OU ID or root ID; write e.g. "
        '"333333333333", ou-ab12-cdefgh34 or r-ab12'
    ]
    assert problems("dev", lambda s: guardrail(s)["aws"].update(exemptPrincipals=["*"])) == [
        "fleet:spec.guardrails[0].aws.exemptPrincipals: '*' is not a role ARN pattern; write e.g. "
        "arn:aws:iam::*:role/break-glass (a bare '*' would exempt everyone)"
    ]
    assert problems("dev", lambda s: guardrail(s)["azure"].update(resourceGroups=["rg-one"])) == [
        "fleet:spec.guardrails[0].azure.resourceGroups: 'rg-one' is not a resource group ID; write e.g. "
        "/subscriptions/<subscription>/resourceGroups/<name>"
    ]
    assert problems("dev", lambda s: s["guardrails"].append({"name": "empty", "regime": "eu"})) == [
        "fleet:spec.guardrails[1]: set at least one of aws, gcp, azure: where the guardrail applies"
    ]


def test_a_guardrail_of_a_sharded_environment_covers_one_shard() -> None:
    def widened(spec: dict[str, Any]) -> None:
        # The eu guardrail also covers the us shard's AWS account.
        guardrail(spec)["aws"]["targets"] = ["444444444444", "444444444455"]
        spec["guardrails"][1]["aws"]["targets"] = ["444444444466"]

    found = problems("global-eu", widened, "eu")
    assert (
        "fleet:spec.guardrails[0]: covers clusters of shards eu, us; each shard's stack deploys the guardrails of "
        "its own clusters: split it into one guardrail per shard"
    ) in found

    def orphan(spec: dict[str, Any]) -> None:
        spec["guardrails"].append({"name": "nobody", "regime": "eu", "gcp": {"projects": ["acme-fleet-nobody"]}})

    assert problems("global-eu", orphan, "eu") == [
        "fleet:spec.guardrails[2]: covers no cluster, and this environment is split into shards: no shard's stack "
        "would deploy it; cover the account, project or subscription of a cluster (account/project/subscription on "
        "the cluster)"
    ]


def test_a_template_gives_its_clusters_their_account_and_subscription() -> None:
    fleet = fleet_of("prod")
    ledger = [c for c in fleet.clusters if c.dedicated_to == "ledger"]
    assert [(c.name, spec_guardrails.cluster_scope(c)) for c in ledger] == [
        ("ledger-dedicated-1", "333333333377"),
        ("ledger-dedicated-2", "333333333377"),
    ]
    spec = copy.deepcopy(raw_spec("prod"))
    spec["clusterTemplates"].append(
        {
            "name": "aks-dedicated",
            "cloud": "azure",
            "subscription": "7a3e1c90-5b2d-4e8f-a6c1-0d9b4f2e7a32",
            "kubernetesVersion": "1.35",
            "serviceCidr": "10.0.0.0/16",
            "podCidr": "10.244.0.0/16",
            "nodePools": [{"name": "system", "machineType": "Standard_D4s_v5", "minSize": 1, "maxSize": 3}],
            "capacity": {"cpu": 64, "memory": "256Gi"},
        }
    )
    spec["tenants"][-1]["dedicated"] = {
        "template": "aks-dedicated",
        "clusters": [{"region": "germanywestcentral", "nodeCidr": "10.242.0.0/16"}],
    }
    built = [c for c in load(spec).clusters if c.dedicated_to == "ledger"]
    assert [spec_guardrails.cluster_scope(c) for c in built] == ["7a3e1c90-5b2d-4e8f-a6c1-0d9b4f2e7a32"]
