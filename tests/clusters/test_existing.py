"""Existing clusters (cloud: existing): declared country and site, kubeconfig from secret config."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from fleet.review.plan import to_json
from fleet.review.render import MOCK_SERVER, render
from fleet.review.secrets import is_secret
from fleet.spec import SpecError, load
from fleet.spec.checks import kubeconfig_server
from fleet.spec.load import ConfigKeys, from_stack_file, read_stack
from tests.conftest import ROOT

SPEC: dict[str, Any] = yaml.safe_load((ROOT / "tests" / "e2e" / "spec.yaml").read_text())
# Its chart source is a path inside the end-to-end project; these tests run elsewhere.
del SPEC["vcluster"]
KEYS = [c["kubeconfigSecret"] for c in SPEC["clusters"]]


def spec() -> dict[str, Any]:
    return copy.deepcopy(SPEC)


def problems(raw: dict[str, Any], keys: ConfigKeys | None = None) -> list[str]:
    with pytest.raises(SpecError) as caught:
        load(raw, None, keys)
    return [str(p) for p in caught.value.problems]


def test_residency_follows_the_declared_country() -> None:
    fleet = load(spec())
    for tenant in ("payments", "billing"):  # gdpr: only the German cluster
        assert fleet.placement.assignments[tenant] == ("onprem-fra",)
    assert fleet.cluster("onprem-nyc").country == "US"
    assert fleet.cluster("onprem-fra").region == "fra1"


def test_a_cluster_without_site_counts_as_one_site_per_country() -> None:
    raw = spec()
    del raw["clusters"][0]["site"]
    assert load(raw).cluster("onprem-fra").region == "de"


def test_spread_by_region_tells_sites_apart() -> None:
    raw = spec()
    raw["tenants"][2].update(replicas=2, spread="region")
    assert set(load(raw).placement.assignments["catalog"]) == {"onprem-fra", "onprem-nyc"}
    for cluster in raw["clusters"]:
        cluster["site"] = "same-dc"
    raw["clusters"][1]["country"] = "DE"
    assert "cannot be placed" in problems(raw)[0]


def test_bad_declarations_name_the_key() -> None:
    raw = spec()
    raw["clusters"][0].update(country="Germany", site="Frankfurt DC", kubeconfigSecret="kubeconfig")
    raw["clusters"][1]["region"] = "us-east-1"
    assert problems(raw) == [
        "fleet:spec.clusters[0].country: 'Germany' is not an ISO 3166-1 alpha-2 country code we know; use one of "
        + ", ".join(sorted(c.code for c in __import__("fleet.core.catalog", fromlist=["x"]).countries())),
        "fleet:spec.clusters[0].site: 'Frankfurt DC' is not a DNS-1123 label; use 1-63 lowercase letters, digits "
        "and '-', starting with a letter and ending with a letter or digit",
        "fleet:spec.clusters[0].kubeconfigSecret: 'kubeconfig' is not a stack config key; write namespace:key, "
        "e.g. fleet:onprem-fra1-kubeconfig",
        "fleet:spec.clusters[1].region: 'region' is only used with cloud: aws, gcp or azure; this one has cloud: "
        "existing (its keys: name, kubernetesVersion, capacity, labels, residency, cordoned, cloud, country, site, "
        "kubeconfigSecret, prometheusRules)",
    ]


def test_a_dedicated_regime_is_checked_against_the_country() -> None:
    raw = spec()
    raw["clusters"][1]["residency"] = "gdpr"
    assert problems(raw) == [
        "fleet:spec.clusters[1].country: 'US' is outside regime gdpr (AT, BE, BG, CY, CZ, DE, DK, EE, ES, FI, FR, "
        "GR, HR, HU, IE, IS, IT, LI, LT, LU, LV, MT, NL, NO, PL, PT, RO, SE, SI, SK); an existing cluster "
        "satisfies a regime only through the country it is declared in"
    ]


def test_kubeconfigs_must_be_set_as_secrets() -> None:
    plain = ConfigKeys(present=frozenset(KEYS[:1]), secret=frozenset())
    assert problems(spec(), plain) == [
        "fleet:spec.clusters[0].kubeconfigSecret: 'fleet:onprem-fra-kubeconfig' holds a plain-text value; a "
        "kubeconfig is a credential: run `pulumi config set --secret fleet:onprem-fra-kubeconfig < kubeconfig.yaml` "
        "and remove the plain value from the stack file",
        "fleet:spec.clusters[1].kubeconfigSecret: 'fleet:onprem-nyc-kubeconfig' is not set in this stack's config; "
        "run `pulumi config set --secret fleet:onprem-nyc-kubeconfig < kubeconfig.yaml`",
    ]
    assert load(spec(), None, ConfigKeys(present=frozenset(KEYS), secret=frozenset(KEYS)))


def test_a_kubeconfig_that_is_not_one_is_refused_without_echoing_it() -> None:
    values = {KEYS[0]: "token: s3cr3t-value", KEYS[1]: "{not yaml"}
    keys = ConfigKeys(present=frozenset(KEYS), secret=frozenset(KEYS), read=values.get)
    found = problems(spec(), keys)
    assert found == [
        "fleet:spec.clusters[0].kubeconfigSecret: the kubeconfig in 'fleet:onprem-fra-kubeconfig' has no "
        "current-context naming one of its contexts; set current-context",
        "fleet:spec.clusters[1].kubeconfigSecret: the kubeconfig in 'fleet:onprem-nyc-kubeconfig' is not YAML or "
        "JSON; use the file `kubectl config view --raw --minify` prints",
    ]
    assert not any("s3cr3t" in p for p in found)


def test_kubeconfig_server_needs_https() -> None:
    config = {
        "current-context": "c",
        "contexts": [{"name": "c", "context": {"cluster": "k"}}],
        "clusters": [{"name": "k", "cluster": {"server": "http://10.0.0.1:8080"}}],
    }
    with pytest.raises(ValueError, match="has no https:// server"):
        kubeconfig_server(yaml.safe_dump(config))
    config["clusters"][0]["cluster"]["server"] = "https://10.0.0.1:6443"
    assert kubeconfig_server(yaml.safe_dump(config)) == "https://10.0.0.1:6443"


def _stack_file(tmp_path: Path, secure: bool) -> Path:
    config: dict[str, Any] = {"fleet:spec": spec()}
    for key in KEYS:
        config[key] = {"secure": "v1:ciphertext"} if secure else "apiVersion: v1"
    path = tmp_path / "Pulumi.hybrid.yaml"
    path.write_text(yaml.safe_dump({"config": config}))
    return path


def test_the_stack_file_is_read_for_secure_values(tmp_path: Path) -> None:
    assert from_stack_file(_stack_file(tmp_path, secure=True)).placement
    with pytest.raises(SpecError, match="holds a plain-text value"):
        from_stack_file(_stack_file(tmp_path, secure=False))
    assert read_stack(_stack_file(tmp_path, secure=True)).config_keys.secret == frozenset(KEYS)


def test_renders_a_provider_from_the_secret_kubeconfig_and_the_guardrails() -> None:
    rendering = render(spec(), "hybrid")
    by_name = {r.name: r for r in rendering.resources}
    component = by_name["onprem-fra"]
    assert component.type == "fleet:clusters:ExistingCluster"
    assert component.outputs["country"] == "DE" and component.outputs["region"] == "fra1"
    provider = by_name["onprem-fra-k8s"]
    assert provider.parent == component.urn and is_secret(provider.inputs["kubeconfig"])
    assert not [r for r in rendering.resources if r.type.split(":")[0] in ("aws", "gcp", "azure-native")]
    inventory = rendering.outputs["inventory"]
    assert inventory["onprem-fra"] == {
        "cloud": "existing",
        "region": "fra1",
        "country": "DE",
        "endpoint": MOCK_SERVER.format(name="onprem-fra"),
    }
    for cluster in ("onprem-fra", "onprem-nyc"):
        policy = by_name[f"{cluster}/guardrails-policy"]
        assert policy.type == "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy"
        assert policy.provider == by_name[f"{cluster}-k8s"].urn


def test_tenants_wait_for_the_guardrails() -> None:
    rendering = render(spec(), "hybrid")
    by_name = {r.name: r for r in rendering.resources}
    tenant = by_name["onprem-fra/payments"]
    # depends_on a component means on its children: the policy and its binding.
    assert by_name["onprem-fra/guardrails-binding"].urn in tenant.dependencies
    assert by_name["onprem-fra/guardrails-policy"].urn in tenant.dependencies


def test_plan_json_lists_existing_clusters_like_the_others() -> None:
    raw = spec()
    document = to_json(render(raw, "hybrid"), load(raw))
    assert document["tenants"]["catalog"]["clusters"] == ["onprem-nyc"]
    assert {r["type"] for r in document["resources"]} >= {
        "fleet:clusters:ExistingCluster",
        "pulumi:providers:kubernetes",
    }
