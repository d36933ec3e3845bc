"""The pack's shared vocabulary: where a regime comes from, reading survey paths, unknown values."""

from __future__ import annotations

import pytest

from fleetguard.locations import Location, gcp_location, inside, read
from fleetguard.model import (
    Clusters,
    Context,
    Deferred,
    Resource,
    Unknown,
    declared_regime,
    effective_regime,
    namespace_of,
    provider_target,
    values_at,
)
from tests.policies.conftest import CTX, resource


def test_values_at_walks_lists_and_skips_absent_values() -> None:
    props = {"rules": [{"copyActions": [{"destinationVaultArn": "a"}, {}]}, {"copyActions": None}], "x": None}
    assert values_at(props, "rules[].copyActions[].destinationVaultArn") == ["a"]
    assert values_at(props, "x") == values_at(props, "missing.path") == []
    assert values_at({"replication": {"auto": {}}}, "replication.auto") == [{}]  # present though empty


def test_regime_precedence_own_then_nested_then_provider_then_stack() -> None:
    provider = {"defaultTags": '{"tags": {"fleet-residency": "us"}}'}
    own = resource("aws:sqs/queue:Queue", provider=provider, tags={"fleet-residency": "gdpr"})
    assert declared_regime(own) is not None and declared_regime(own).source == "tag"  # type: ignore[union-attr]
    inherited = resource("aws:sqs/queue:Queue", provider=provider)
    assert declared_regime(inherited).name == "us"  # type: ignore[union-attr]
    nested = resource("gcp:sql/databaseInstance:DatabaseInstance", settings={"userLabels": {"fleet-residency": "eu"}})
    assert declared_regime(nested, ["settings.userLabels"]).source == "settings.userLabels"  # type: ignore[union-attr]
    listed = resource("aws-native:s3:Bucket", tags=[{"key": "fleet-residency", "value": "ch"}])
    assert declared_regime(listed).name == "ch"  # type: ignore[union-attr]
    bare = resource("aws:sqs/queue:Queue")
    assert effective_regime(bare, CTX) is None
    assert effective_regime(bare, Context(CTX.regimes, stack_regime="gdpr")).source == "stack config (stackRegime)"  # type: ignore[union-attr]


def test_unknown_values_defer_every_use() -> None:
    value = Unknown("urn:x", "metadata.namespace")
    for use in (bool, str, hash, len, lambda v: v == "a", lambda v: v.get("k"), lambda v: "a" in v):
        with pytest.raises(Deferred) as err:
            use(value)
        assert err.value.path == "metadata.namespace"


def test_locations_describe_what_the_catalogue_does_not_know() -> None:
    assert read("aws", "region", "eu-west-9", "region")[0].describe() == "eu-west-9 (not in the region catalogue)"
    assert gcp_location("global", "location").describe() == "global (global: Google chooses the locations)"
    assert read("aws", "arn", "arn:aws:s3:::bucket", "x") == []  # no region: looked up in the stack instead
    assert read("aws", "zone", "eu-central-1b", "availabilityZone")[0].value == "eu-central-1"


def test_a_location_is_inside_only_when_every_country_is() -> None:
    gdpr = CTX.regimes["gdpr"]
    assert inside(gcp_location("EU", "location"), gdpr)
    assert not inside(gcp_location("EUR8", "location"), gdpr)  # Frankfurt and Zurich
    assert not inside(Location("x", "automatic", None), gdpr)
    assert inside(Location("x", "automatic", None), CTX.regimes["none"])


# ---------------------------------------------------------------------------------- clusters

KUBECONFIG = """apiVersion: v1
current-context: a
clusters:
- {name: one, cluster: {server: "https://API.one:443/"}}
- {name: two, cluster: {server: "https://api.two"}}
contexts:
- {name: a, context: {cluster: one, namespace: team}}
- {name: b, context: {cluster: two}}
"""


def test_providers_reach_the_cluster_their_kubeconfig_names() -> None:
    one = provider_target("urn:p1", {"kubeconfig": KUBECONFIG})
    assert one.cluster == "server https://api.one:443" and one.namespace == "team"
    # JSON is read too, the same server is the same cluster whatever the provider or context name.
    as_json = '{"clusters": [{"name": "x", "cluster": {"server": "https://api.one:443"}}], "current-context": "c",'
    as_json += ' "contexts": [{"name": "c", "context": {"cluster": "x"}}]}'
    assert provider_target("urn:p2", {"kubeconfig": as_json}).cluster == one.cluster
    assert provider_target("urn:p3", {"kubeconfig": KUBECONFIG, "context": "b"}).cluster == "server https://api.two"
    assert provider_target("urn:p4", {"kubeconfig": KUBECONFIG, "cluster": "two"}).cluster == "server https://api.two"
    # The provider's own namespace input wins over the context's.
    assert provider_target("urn:p1", {"kubeconfig": KUBECONFIG, "namespace": "x"}).namespace == "x"
    # Unknown at preview: proves nothing, the provider is its own cluster.
    assert provider_target("urn:p5", {"kubeconfig": Unknown("urn:p5", "kubeconfig")}).cluster == "provider urn:p5"
    # No server: providers given the same kubeconfig (and context) still reach the same cluster.
    bare = provider_target("urn:p6", {"kubeconfig": "apiVersion: v1"}).cluster
    assert bare == provider_target("urn:p8", {"kubeconfig": '{"apiVersion": "v1"}'}).cluster
    assert bare != provider_target("urn:p9", {"kubeconfig": "apiVersion: v1", "context": "b"}).cluster
    # No kubeconfig: the ambient one, shared by every such provider with the same context.
    ambient = provider_target("urn:p7", {"version": "4.25.0"}).cluster
    assert ambient == provider_target("urn:default", {"version": "4.25.0"}).cluster != one.cluster


def test_namespace_of_follows_the_provider_default() -> None:
    def obj(metadata: dict, provider: dict) -> Resource:  # type: ignore[type-arg]
        return Resource("kubernetes:core/v1:Service", "urn:s", "s", {"metadata": metadata}, provider_props=provider)

    assert namespace_of(obj({"namespace": "own"}, {"namespace": "p"})) == "own"
    assert namespace_of(obj({}, {"namespace": "p"})) == "p"
    assert namespace_of(obj({}, {"kubeconfig": KUBECONFIG})) == "team"
    assert namespace_of(obj({}, {})) == "default"


def test_providers_built_from_one_cluster_are_one_cluster_while_their_kubeconfig_is_unknown() -> None:
    eks = "urn:pulumi:s::p::fleet:clusters:EksCluster$aws:eks/cluster:Cluster::c1"

    def provider(name: str, *built_from: str) -> Resource:
        found = Resource("pulumi:providers:kubernetes", f"urn:{name}", name,
                         {"kubeconfig": Unknown(f"urn:{name}", "kubeconfig")})  # fmt: skip
        found.depends = {"kubeconfig": built_from} if built_from else {}
        return found

    role = "urn:pulumi:s::p::aws:iam/role:Role::deployer"
    component = "urn:pulumi:s::p::fleet:clusters:EksCluster::c1"
    cluster = Resource("aws:eks/cluster:Cluster", eks, "c1", {}, parent=component)
    stack = [cluster, provider("a", eks, role), provider("b", eks), provider("c"), provider("d", role)]
    clusters = Clusters.index([*stack, provider("e", component)])
    # A provider built from the cluster component's kubeconfig output depends on the component.
    assert clusters.same_cluster("urn:a") == ("urn:a", "urn:b", "urn:e")
    assert clusters.same_cluster("urn:c") == ("urn:c",)  # nothing says where it goes: its own
    assert clusters.same_cluster("urn:d") == ("urn:d",)  # built from no cluster: by what it is built from


def test_a_kubeconfig_without_a_server_is_matched_to_the_one_cluster_component_configured_alike() -> None:
    # The component is what tells clusters apart, whether or not the cluster resource is in the stack.
    def cluster(name: str) -> Resource:
        return Resource("aws:eks/cluster:Cluster", f"urn:eks-{name}", name, {}, parent=f"urn:component-{name}")

    def provider(name: str, kubeconfig: str, parent: str | None = None) -> Resource:
        return Resource("pulumi:providers:kubernetes", f"urn:{name}", name, {"kubeconfig": kubeconfig}, parent=parent)

    bare, other = "apiVersion: v1", "apiVersion: v1\ncurrent-context: x"
    one = [cluster("a"), provider("a", bare, "urn:component-a"), provider("ops", bare)]
    assert Clusters.index(one).same_cluster("urn:ops") == ("urn:a", "urn:ops")
    # Two components configured alike: the kubeconfig tells them apart from nothing, the components do.
    two = [*one, cluster("b"), provider("b", bare, "urn:component-b")]
    clusters = Clusters.index(two)
    assert clusters.same_cluster("urn:a") == ("urn:a",) and clusters.same_cluster("urn:b") == ("urn:b",)
    assert clusters.same_cluster("urn:ops") == ("urn:ops",)
    assert Clusters.index([*one, provider("elsewhere", other)]).same_cluster("urn:elsewhere") == ("urn:elsewhere",)
    components_only = [provider("a", bare, "urn:component-a"), provider("b", bare, "urn:component-b")]
    assert Clusters.index(components_only).same_cluster("urn:a") == ("urn:a",)


def test_a_provider_in_a_component_under_a_cluster_component_reaches_that_cluster() -> None:
    # A tenant component the cluster component holds builds its own provider (another context, another
    # server name): it is still that cluster's, so its objects are judged with the cluster's namespaces.
    component = "urn:pulumi:s::p::fleet:clusters:EksCluster::eu1"
    tenant = "urn:pulumi:s::p::fleet:clusters:EksCluster$fleet:tenancy:NamespaceTenant::acme"
    resources = [
        Resource("fleet:clusters:EksCluster", component, "eu1", {}),
        Resource("fleet:tenancy:NamespaceTenant", tenant, "acme", {}, parent=component),
        Resource(
            "pulumi:providers:kubernetes", "urn:k8s", "k8s", {"kubeconfig": "server: https://a"}, parent=component
        ),
        Resource("pulumi:providers:kubernetes", "urn:acme", "acme", {"kubeconfig": "server: https://b"}, parent=tenant),
    ]
    assert Clusters.index(resources).same_cluster("urn:acme") == ("urn:k8s", "urn:acme")


def test_references_name_gcp_resources_by_their_own_id_and_read_copy_sources() -> None:
    from fleetguard.references import aws_accounts, names_of, reference_for

    vault = Resource("gcp:backupdisasterrecovery/backupVault:BackupVault", "urn:v", "v", {"backupVaultId": "claims"})
    assert "claims" in names_of(vault)
    assert reference_for("ledger-claims/exports/2025.parquet", "s3-object") == "ledger-claims"
    assert reference_for("/ledger-claims/a%20b", "s3-object") == "ledger-claims"
    mirror = {"source.cluster.bootstrap.servers": "bootstrap.claims.europe-west3.managedkafka.p.cloud.goog:9092"}
    assert reference_for(mirror, "kafka-connect") == "claims"
    assert reference_for({"tasks.max": "1"}, "kafka-connect") is None
    own = Resource("aws:lambda/function:Function", "urn:f", "f", {"role": "arn:aws:iam::111111111111:role/r",
                   "destinationArn": "arn:aws:sqs:eu-west-1:444455556666:q"})  # fmt: skip
    assert aws_accounts([own]) == frozenset({"111111111111"})  # a destination's account is not the stack's


def test_a_bigquery_dataset_is_named_in_every_form_the_apis_use() -> None:
    from fleetguard.references import bigquery_dataset

    assert bigquery_dataset("ledger-prod:ledger_cdc") == "ledger_cdc"  # Datastream's project:dataset
    assert bigquery_dataset("ledger-prod:ledger_cdc.claims") == "ledger_cdc"
    assert bigquery_dataset("projects/p/datasets/d/tables/t") == "d"
    assert bigquery_dataset("bq://p.d.t") == "d"
