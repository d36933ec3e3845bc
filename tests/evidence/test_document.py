"""The evidence document of the real stacks: its schema, its tenants, clusters and countries, the
placement reasons, isolation read from the rendering, and the policy results."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from fleet.core import catalog, residency
from fleet.core.placement import NOT_REACHED
from fleet.evidence.document import to_json
from fleet.evidence.report import json_text
from fleet.review.render import Rendering
from fleet.review.review import inspect_stack
from tests.conftest import ROOT, STACKS, fleet_of
from tests.evidence.support import NOW, evidence, evidence_from, inspected, schema, schema_errors, target


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())
    assert schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema()["properties"]["schemaVersion"]["const"] == 5


@pytest.mark.parametrize("stack", STACKS)
def test_evidence_of_every_stack_matches_the_schema(stack: str) -> None:
    document = json.loads(json_text(evidence(stack)))
    assert schema_errors(document) == []
    assert document["schemaVersion"] == 5 and document["stack"] == stack


def test_the_schema_refuses_what_it_should() -> None:
    document = json.loads(json_text(evidence("dev")))
    extra = {**document, "kubeconfig": "x"}
    assert any("Additional properties" in e for e in schema_errors(extra))
    broken = json.loads(json.dumps(document))
    broken["tenants"][0]["clusters"][0]["isolation"]["mode"] = "shared"
    assert any("isolation.mode" in e for e in schema_errors(broken))
    del broken["stamp"]["specSha256"]
    assert any("specSha256" in e for e in schema_errors(broken))


@pytest.mark.parametrize("stack", STACKS)
def test_every_regulated_tenant_is_there_with_its_clusters_and_countries(stack: str) -> None:
    fleet = fleet_of(stack)
    deployed = {c.name for c in fleet.deployed_clusters}
    expected = {
        t.name: [c for c in fleet.placement.assignments[t.name] if c in deployed]
        for t in fleet.spec.tenants
        if t.residency != "none"
    }
    expected = {name: clusters for name, clusters in expected.items() if clusters}
    found = {t.name: t for t in evidence(stack).tenants}
    assert list(found) == list(expected)
    assert expected, f"{stack} has no regulated tenant to check"
    for name, tenant in found.items():
        assert [c.name for c in tenant.clusters] == expected[name]
        for cluster in tenant.clusters:
            spec = fleet.cluster(cluster.name)
            assert (cluster.cloud, cluster.region, cluster.country.code) == (spec.cloud, spec.region, spec.country)
            assert cluster.country.name == catalog.country(spec.country).name  # type: ignore[union-attr]
        assert [c.code for c in tenant.countries] == sorted({c.country.code for c in tenant.clusters})
        regime = fleet.regimes[fleet.spec.tenants[[t.name for t in fleet.spec.tenants].index(name)].residency]
        assert tenant.regime.name == regime.name
        assert [c.code for c in tenant.regime.countries] == sorted(regime.countries or ())


def test_prod_payments_exactly() -> None:
    payments = next(t for t in evidence("prod").tenants if t.name == "payments")
    assert payments.regime.name == "gdpr"
    codes = [c.code for c in payments.regime.countries]
    assert len(codes) == 30 and {"NO", "IS", "LI", "DE"} <= set(codes) and not {"CH", "GB", "US"} & set(codes)
    assert [c.name for c in payments.clusters] == ["prod-gcp-euw4", "prod-aws-euc1", "prod-azure-noe"]
    assert [(c.code, c.name) for c in payments.countries] == [
        ("DE", "Germany"),
        ("NL", "Netherlands"),
        ("NO", "Norway"),
    ]
    assert {c.isolation.mode for c in payments.clusters} == {"namespace"}


def test_non_regulated_tenants_are_not_listed() -> None:
    names = {t.name for t in evidence("prod").tenants}
    assert "web" not in names  # regime none
    assert {"payments", "swiss-wealth", "analytics", "us-growth", "partner-api", "ledger"} == names


def test_placement_reason_and_every_other_cluster_with_why_not() -> None:
    fleet = fleet_of("prod")
    payments = next(t for t in evidence("prod").tenants if t.name == "payments")
    assert payments.placement.reason == fleet.placement.reasons["payments"]
    rejected = {r.cluster: r.why for r in payments.placement.rejected}
    chosen = set(fleet.placement.assignments["payments"])
    assert set(rejected) == {c.name for c in fleet.clusters} - chosen
    gdpr = residency.builtin()["gdpr"]
    for cluster in fleet.clusters:
        if cluster.name in chosen:
            continue
        why = rejected[cluster.name]
        if cluster.dedicated_to:
            assert why == f"dedicated to tenant {cluster.dedicated_to}"
        elif not gdpr.allows(cluster.cloud, cluster.region):
            assert why.startswith(f"region {cluster.region} is in {cluster.country}, outside regime gdpr")
        else:
            assert why == NOT_REACHED  # eligible, after the three chosen on the ring
    swiss = next(t for t in evidence("prod").tenants if t.name == "swiss-wealth")
    assert dict((r.cluster, r.why) for r in swiss.placement.rejected)["prod-aws-euc1"] == (
        "region eu-central-1 is in DE, outside regime ch (CH)"
    )


def test_namespace_isolation_is_read_from_the_rendering() -> None:
    payments = next(t for t in evidence("prod").tenants if t.name == "payments")
    isolation = payments.clusters[1].isolation  # prod-aws-euc1
    assert isolation.component.endswith("fleet:tenancy:NamespaceTenant::prod-aws-euc1/payments")
    assert isolation.namespace == "payments" and isolation.protected and isolation.residency_label == "gdpr"
    assert isolation.pod_security is not None
    assert (isolation.pod_security.enforce, isolation.pod_security.version) == ("restricted", "v1.35")
    assert isolation.quota["requests.cpu"] == "32" and isolation.quota["requests.storage"] == "2Ti"
    assert isolation.limits["max"] == {"cpu": "4", "memory": "16Gi"}
    assert isolation.default_deny
    assert [p.name for p in isolation.network_policies] == [
        "allow-dns",
        "allow-ingress-from-peers",
        "allow-same-namespace",
        "default-deny",
    ]
    peers = next(p for p in isolation.network_policies if p.name == "allow-ingress-from-peers")
    assert [(r.direction, r.peers) for r in peers.rules] == [("ingress", ("namespace web",))]
    dns = next(p for p in isolation.network_policies if p.name == "allow-dns")
    assert dns.rules[0].peers == ("pods k8s-app=kube-dns in namespace kube-system",)
    assert dns.rules[0].ports == ("UDP/53", "TCP/53")
    assert {(b.kind, b.role) for b in isolation.bindings} == {("RoleBinding", r) for r in ("admin", "edit", "view")}
    assert [(s.name, s.automount_token) for s in isolation.service_accounts] == [("tenant-deployer", False)]
    assert isolation.vcluster is None and not isolation.dedicated_cluster
    assert isolation.admission_guard is not None and isolation.admission_guard.applies_to_namespace
    assert isolation.admission_guard.actions == ("Deny",)


def test_vcluster_and_dedicated_isolation() -> None:
    tenants = {t.name: t for t in evidence("prod").tenants}
    vcluster = tenants["analytics"].clusters[0].isolation
    assert vcluster.mode == "vcluster" and vcluster.vcluster is not None
    assert (vcluster.vcluster.chart, vcluster.vcluster.version) == ("vcluster", "0.36.1")
    # fleet's quota and limit range guard the host namespace; the chart's own are off (tenancy/vcluster.py).
    assert not vcluster.vcluster.resource_quota and not vcluster.vcluster.limit_range
    assert vcluster.vcluster.network_policy and vcluster.vcluster.pod_security == "restricted"
    assert not vcluster.vcluster.public_egress
    assert {b.role for b in vcluster.bindings} == {"view"}  # the host namespace: view only
    dedicated = tenants["ledger"].clusters[0].isolation
    assert dedicated.mode == "cluster" and dedicated.dedicated_cluster
    assert ("ClusterRoleBinding", "cluster-admin") in {(b.kind, b.role) for b in dedicated.bindings}


def _without(rendering: Rendering, name: str) -> Rendering:
    return dataclasses.replace(rendering, resources=[r for r in rendering.resources if r.name != name])


def test_a_guardrail_missing_from_the_rendering_is_missing_from_the_evidence() -> None:
    review, inspection = inspected("dev")
    before = next(t for t in evidence_from(review, inspection).tenants if t.name == "payments").clusters[0]
    assert before.isolation.default_deny and before.isolation.quota
    rendering = _without(inspection.rendering, f"{before.name}/payments-netpol-default-deny")
    rendering = _without(rendering, f"{before.name}/payments-quota")
    after = next(
        t
        for t in evidence_from(review, dataclasses.replace(inspection, rendering=rendering)).tenants
        if t.name == "payments"
    ).clusters[0]
    assert not after.isolation.default_deny and after.isolation.quota == {}
    assert "default-deny" not in [p.name for p in after.isolation.network_policies]


def test_regulated_clusters_name_their_regimes_and_tenants() -> None:
    clusters = {c.name: c for c in evidence("prod").clusters}
    assert clusters["prod-aws-euc1"].regimes == ("dach", "gdpr")
    assert clusters["prod-aws-euc1"].tenants == ("payments", "partner-api")
    assert clusters["ledger-dedicated-1"].dedicated_to == "ledger"


def test_policy_results_list_every_rule_the_pack_ran() -> None:
    policy = evidence("dev").policy
    review, inspection = inspected("dev")
    assert {r.name for r in policy.rules} == {p.name for p in inspection.policies}
    assert [r.id for r in policy.rules] == sorted(r.id for r in policy.rules)
    assert len(policy.rules) >= 20 and all(r.id.startswith("FLEET-") for r in policy.rules)
    findings = {p.name: sum(1 for v in review.violations if v.policy == p.name) for p in inspection.policies}
    for rule in policy.rules:
        assert rule.findings == findings[rule.name]
        level = next(p.level for p in inspection.policies if p.name == rule.name)
        expected = "passed" if not rule.findings else ("violated" if level == "mandatory" else "advisory")
        assert rule.outcome == expected and rule.level == level
    outcomes = {r.id: r.outcome for r in policy.rules}
    assert outcomes["FLEET-EXM-002"] == "advisory"  # dev's exemptions are reported
    assert outcomes["FLEET-CLU-003"] == "passed"  # exempted in dev
    assert policy.verdict == ("blocked" if review.mandatory else "pass")
    summary = to_json(evidence("dev"))["summary"]
    assert summary["rulesEvaluated"] == len(policy.rules)
    assert summary["rulesPassed"] == sum(1 for r in policy.rules if not r.findings)
    assert summary["rulesWithAdvisories"] == sum(1 for r in policy.rules if r.outcome == "advisory") >= 1


def test_dev_exemptions_in_force_with_reason_expiry_and_resources() -> None:
    entries = yaml.safe_load((ROOT / "policies" / "exemptions" / "dev.yaml").read_text())
    exemptions = evidence("dev").policy.exemptions
    assert [(e.rule_id, e.resource, e.reason, e.expires) for e in exemptions] == [
        (x["ruleId"], x["resource"], x["reason"], str(x["expires"])) for x in entries
    ]
    assert {e.status for e in exemptions} == {"in force"}
    review, _ = inspected("dev")
    reported = sorted(v.urn for v in review.violations if v.rule_id == "FLEET-EXM-002")
    assert sorted(u for e in exemptions for u in e.waived) == reported
    audit_logs = [[u.rsplit("::", 1)[1] for u in e.waived] for e in exemptions if e.rule_id == "FLEET-CLU-003"]
    assert audit_logs == [["dev-aws-euc1-eks"], ["dev-gcp-euw1-gke"], ["dev-azure-weu-aks"]]


def test_json_is_sorted_and_stable() -> None:
    text = json_text(evidence("staging"))
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert text == json_text(evidence_from(*inspected("staging")))
    assert json.loads(text)["stamp"]["generatedAt"] == NOW


def test_a_shard_lists_the_tenants_clusters_in_other_shards(tmp_path: Path) -> None:
    spec = yaml.safe_load((ROOT / "stacks" / "global.fleet.yaml").read_text())
    spec["regimes"] = [*spec.get("regimes", []), {"name": "transatlantic", "countries": ["DE", "US"]}]
    spec["tenants"].append(
        {
            "name": "atlas",
            "owners": {"admin": ["checkout-admins"]},
            "residency": "transatlantic",
            "replicas": 2,
            "spread": "region",
            "placement": {"clouds": ["aws"]},
            "quota": {"cpu": 1, "memory": "1Gi"},
        }
    )
    (tmp_path / "global.fleet.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))
    path = tmp_path / "Pulumi.global-eu.yaml"
    path.write_text((ROOT / "stacks" / "Pulumi.global-eu.yaml").read_text())
    review, inspection = inspect_stack(target("global-eu", path))
    assert inspection is not None, review.problems
    atlas = next(t for t in evidence_from(review, inspection).tenants if t.name == "atlas")
    assert [c.name for c in atlas.clusters] == ["glb-aws-euc1"]
    assert [(c.name, c.shard, c.country.code) for c in atlas.elsewhere] == [("glb-aws-use1", "us", "US")]
    assert [c.code for c in atlas.countries] == ["DE"] and atlas.replicas == 2
    assert schema_errors(json.loads(json_text(evidence_from(review, inspection)))) == []


def test_clusters_made_elsewhere_are_not_findings_and_their_countries_are_declared() -> None:
    """Issue 22: the evidence says where each country comes from, and that a cluster made
    elsewhere has no cloud account to guard instead of calling it uncovered."""
    from fleet.evidence import collect
    from fleet.evidence.report import markdown

    found = collect(target("on-premises", ROOT / "docs" / "examples" / "on-premises.yaml"), "test", now=NOW)
    document = json.loads(json_text(found))
    assert schema_errors(document) == []
    clusters = {c["name"]: c for c in document["clusters"]}
    assert {c["countryFrom"] for c in clusters.values()} == {"declared in the spec"}
    assert {c["coverage"]["status"] for c in clusters.values()} == {
        "not applicable: made elsewhere, no cloud account to guard"
    }
    assert found.uncovered == ()
    text = markdown(found)
    assert "not covered by a cloud guardrail" not in text
    assert "Germany (DE) (declared in the spec)" in text
    assert "it is not read from the deployed stack" in text
    cloud = json.loads(json_text(evidence("prod")))
    assert {c["countryFrom"] for c in cloud["clusters"]} == {"region catalogue"}


def test_a_copy_being_drained_is_evidenced_where_its_data_still_is(tmp_path: Path) -> None:
    """Issue 22: until a drain deletes it, the old copy holds the tenant's data; the evidence lists it
    with its step, and its country stays among the tenant's."""
    from fleet.evidence.report import markdown

    document = yaml.safe_load((ROOT / "stacks" / "Pulumi.prod.yaml").read_text())
    spec = document["config"]["fleet:spec"]
    next(c for c in spec["clusters"] if c["name"] == "prod-aws-euc1")["cordoned"] = True
    next(t for t in spec["tenants"] if t["name"] == "payments")["leaving"] = [{"cluster": "prod-aws-euc1"}]
    path = tmp_path / "Pulumi.prod.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    review, inspection = inspect_stack(target("prod", path))
    assert inspection is not None, review.problems
    found = evidence_from(review, inspection)
    payments = next(t for t in found.tenants if t.name == "payments")
    drains = {c.name: c.drain for c in payments.clusters}
    assert drains.pop("prod-aws-euc1") == "kept" and set(drains.values()) == {None}
    assert "DE" in [c.code for c in payments.countries] and payments.replicas == 3
    assert schema_errors(json.loads(json_text(found))) == []
    assert "`prod-aws-euc1` (leaving: data kept)" in markdown(found)


def test_the_evidence_records_the_support_calendar_rows_it_read_and_the_day() -> None:
    """Issue 23: the evidence says at which day the calendar was read and which row each cluster's
    minor was judged by."""
    import datetime as dt

    from fleet.core import calendar
    from fleet.evidence import collect

    found = collect(target("staging"), "test", now=NOW, as_of=dt.date(2027, 3, 1))
    document = json.loads(json_text(found))
    assert schema_errors(document) == [] and document["asOf"] == "2027-03-01"
    fleet = fleet_of("staging")
    built = [c for c in fleet.deployed_clusters if c.cloud != "existing"]
    assert [v["cluster"] for v in document["kubernetesSupport"]] == [c.name for c in built]
    for row in document["kubernetesSupport"]:
        cluster = fleet.cluster(row["cluster"])
        source = calendar.release(cluster.cloud, cluster.kubernetes_version)
        assert source is not None and row["source"] == source.source
        assert row["endOfStandard"] == source.end_of_standard.isoformat() and row["new"] is None
        assert row["wave"] == "staging" and row["held"] == ""  # stacks/waves.yaml selects it by environment
