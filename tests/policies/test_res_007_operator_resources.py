"""FLEET-RES-007: operator custom resources are judged where their cloud resource is created."""

from __future__ import annotations

import json
from typing import Any

from fleet.core.residency import CustomRegime, Regime, resolve_all
from fleetguard.model import Context, Resource, Unknown
from fleetguard.pack import _stack_findings
from fleetguard.rules.res_004_tenant_cluster import RULE as RES_004
from fleetguard.rules.res_007_operator_resources import RULE
from tests.policies.conftest import CTX, messages

CLUSTER = "urn:pulumi:s::p::fleet:clusters:EksCluster::c1"
K8S = "urn:pulumi:s::p::fleet:clusters:EksCluster$pulumi:providers:kubernetes::c1-k8s"
GDPR = "(30 countries)"


def cluster(region: str = "eu-central-1", tag: str | None = None) -> list[Resource]:
    items = [
        Resource("fleet:clusters:EksCluster", CLUSTER, "c1", {}),
        Resource("pulumi:providers:aws", "urn:aws", "c1-aws", {"region": region}, parent=CLUSTER),
        Resource("pulumi:providers:kubernetes", K8S, "c1-k8s", {"kubeconfig": "x"}, parent=CLUSTER),
    ]
    if tag:
        items.append(Resource("aws:eks/cluster:Cluster", "urn:eks", "c1-eks", {"tags": {"fleet-residency": tag}},
                              parent=CLUSTER))  # fmt: skip
    return items


def namespace(name: str = "shop", regime: str | None = "gdpr", **annotations: str) -> Resource:
    labels = {"fleet-tenant": name} | ({"fleet-residency": regime} if regime else {})
    metadata = {"name": name, "labels": labels, "annotations": annotations}
    return Resource("kubernetes:core/v1:Namespace", f"urn:ns-{name}", f"{name}-ns", {"metadata": metadata},
                    provider_urn=K8S)  # fmt: skip


def cr(api: str, kind: str, name: str, spec: Any = None, ns: str | None = "shop", **metadata: Any) -> Resource:
    meta: dict[str, Any] = {"name": name, **metadata} | ({"namespace": ns} if ns else {})
    return Resource(f"kubernetes:{api}:{kind}", f"urn:{name}", name, {"metadata": meta, "spec": spec or {}},
                    provider_type="pulumi:providers:kubernetes", provider_urn=K8S)  # fmt: skip


def ack_bucket(region: str | None = None, spec: Any = None, **metadata: Any) -> Resource:
    annotations = {"services.k8s.aws/region": region} if region else {}
    return cr("s3.services.k8s.aws/v1alpha1", "Bucket", "orders", spec or {"name": "orders"},
              annotations=annotations, **metadata)  # fmt: skip


ACK_WHAT = "kubernetes:s3.services.k8s.aws/v1alpha1:Bucket 'orders' (ACK s3.services.k8s.aws Bucket, regime gdpr"
ACK_FIX = (
    "set the services.k8s.aws/region annotation on it (or services.k8s.aws/default-region on its namespace) to a "
    "region from `fleet regions --regime gdpr`"
)


# ----------------------------------------------------------------------------------- ACK


def test_compliant_ack_bucket_annotated_inside_the_tenants_regime() -> None:
    assert messages(RULE, [*cluster(), namespace(), ack_bucket("eu-west-1")]) == []


def test_fails_ack_bucket_annotated_outside_the_tenants_regime() -> None:
    assert messages(RULE, [*cluster(), namespace(), ack_bucket("us-east-1")]) == [
        f"{ACK_WHAT} from its namespace shop) creates its cloud resource in us-east-1 (US) by its annotation "
        f"services.k8s.aws/region, outside regime gdpr {GDPR}; {ACK_FIX}"
    ]


def test_compliant_ack_region_from_the_namespace_annotation() -> None:
    ns = namespace(**{"services.k8s.aws/default-region": "eu-north-1"})
    assert messages(RULE, [*cluster(), ns, ack_bucket()]) == []


def test_fails_ack_region_from_the_namespace_annotation_outside() -> None:
    ns = namespace(**{"services.k8s.aws/default-region": "us-west-2"})
    assert messages(RULE, [*cluster(), ns, ack_bucket()]) == [
        f"{ACK_WHAT} from its namespace shop) creates its cloud resource in us-west-2 (US) by its namespace shop's "
        f"annotation services.k8s.aws/default-region, outside regime gdpr {GDPR}; {ACK_FIX}"
    ]


def test_the_resource_annotation_wins_over_the_namespace_default() -> None:
    ns = namespace(**{"services.k8s.aws/default-region": "us-west-2"})
    assert messages(RULE, [*cluster(), ns, ack_bucket("eu-west-3")]) == []


def test_fails_ack_resource_whose_region_is_the_controllers() -> None:
    # The cluster is in the EU, but the controller's --aws-region is not in the stack.
    assert messages(RULE, [*cluster(), namespace(), ack_bucket()]) == [
        f"{ACK_WHAT} from its namespace shop) creates a cloud resource whose location cannot be determined: neither "
        "its annotation services.k8s.aws/region nor its namespace's services.k8s.aws/default-region is set, and the "
        f"controller's --aws-region is not in the stack; {ACK_FIX}"
    ]


def test_compliant_unregulated_tenant_creates_a_us_bucket() -> None:
    assert messages(RULE, [*cluster(), namespace(regime="none"), ack_bucket("us-east-1")]) == []
    assert messages(RULE, [*cluster(), namespace(regime=None), ack_bucket("us-east-1")]) == []


def test_fails_ack_bucket_whose_own_tags_are_regulated() -> None:
    spec = {"name": "orders", "tagging": {"tagSet": [{"key": "fleet-residency", "value": "gdpr"}]}}
    assert messages(RULE, [*cluster(), namespace(regime=None), ack_bucket("us-east-1", spec)]) == [
        f"{ACK_WHAT} from its spec tags) creates its cloud resource in us-east-1 (US) by its annotation "
        f"services.k8s.aws/region, outside regime gdpr {GDPR}; {ACK_FIX}"
    ]


def test_own_label_none_wins_over_the_namespace() -> None:
    bucket = ack_bucket("us-east-1", labels={"fleet-residency": "none"})
    assert messages(RULE, [*cluster(), namespace(), bucket]) == []


def test_fails_ack_bucket_location_constraint_outside() -> None:
    spec = {"name": "orders", "createBucketConfiguration": {"locationConstraint": "us-west-1"}}
    assert messages(RULE, [*cluster(), namespace(), ack_bucket(None, spec)]) == [
        f"{ACK_WHAT} from its namespace shop) creates its cloud resource in us-west-1 (US) by its "
        f"spec.createBucketConfiguration.locationConstraint, outside regime gdpr {GDPR}; {ACK_FIX}"
    ]


def test_fails_ack_dynamodb_replica_outside() -> None:
    table = cr("dynamodb.services.k8s.aws/v1alpha1", "Table", "t", {"tableName": "t", "replicationGroup": [
        {"regionName": "eu-west-1"}, {"regionName": "us-east-1"}]},
        annotations={"services.k8s.aws/region": "eu-central-1"})  # fmt: skip
    assert messages(RULE, [*cluster(), namespace(), table]) == [
        "kubernetes:dynamodb.services.k8s.aws/v1alpha1:Table 't' (ACK dynamodb.services.k8s.aws Table, regime gdpr "
        "from its namespace shop) keeps a copy in us-east-1 (US) by its spec.replicationGroup[].regionName, outside "
        f"regime gdpr {GDPR}; choose replicas, backup locations and redundancy inside the regime"
    ]


def test_fails_closed_on_any_other_place_the_spec_names() -> None:
    # An ACK Table's tableReplicas, an ASO Cosmos DB account's locations: any region or location the spec names
    # is a place the controller may put data, unless it names where the data comes from.
    def table(replica: str, **extra: str) -> Resource:
        return cr("dynamodb.services.k8s.aws/v1alpha1", "Table", "t", {"tableName": "t", "tableReplicas": [
            {"regionName": replica}], **extra}, annotations={"services.k8s.aws/region": "eu-central-1"})  # fmt: skip

    assert messages(RULE, [*cluster(), namespace(), table("eu-west-1")]) == []
    assert messages(RULE, [*cluster(), namespace(), table("eu-west-1", sourceRegion="us-east-1")]) == []
    assert (
        "keeps a copy in us-east-1 (US) by its spec.tableReplicas[].regionName"
        in messages(RULE, [*cluster(), namespace(), table("us-east-1")])[0]
    )


def test_compliant_ack_iam_role_has_no_location() -> None:
    role = cr("iam.services.k8s.aws/v1alpha1", "Role", "r", {"name": "r"})
    assert messages(RULE, [*cluster(), namespace(), role]) == []


def test_fails_ack_cloudfront_cannot_be_placed() -> None:
    cdn = cr("cloudfront.services.k8s.aws/v1alpha1", "Distribution", "cdn", {})
    assert messages(RULE, [*cluster(), namespace(), cdn]) == [
        "kubernetes:cloudfront.services.k8s.aws/v1alpha1:Distribution 'cdn' (ACK cloudfront.services.k8s.aws "
        "Distribution, regime gdpr from its namespace shop) creates a resource that keeps data at edge locations, so "
        "it cannot be placed under regime gdpr; keep regulated data out of it and label it fleet-residency=none, or "
        "exempt it with a reason"
    ]


def test_fails_on_regulated_cluster_through_its_provider() -> None:
    # No namespace regime: the cluster's own tag carries the regime to what is created on it.
    assert messages(RULE, [*cluster(tag="gdpr"), ack_bucket("us-east-1", ns=None)]) == [
        f"{ACK_WHAT} from its cluster c1-eks) creates its cloud resource in us-east-1 (US) by its annotation "
        f"services.k8s.aws/region, outside regime gdpr {GDPR}; {ACK_FIX}"
    ]


def test_compliant_unregulated_cluster_creates_a_us_bucket() -> None:
    assert messages(RULE, [*cluster(tag="none"), ack_bucket("us-east-1", ns=None)]) == []


def test_the_providers_default_namespace_carries_the_tenants_regime() -> None:
    provider = Resource("pulumi:providers:kubernetes", K8S, "c1-k8s", {"kubeconfig": "x", "namespace": "shop"},
                        parent=CLUSTER)  # fmt: skip
    bucket = ack_bucket("us-east-1", ns=None)
    bucket.provider_props = {"namespace": "shop"}
    items = [*cluster()[:2], provider, namespace(), bucket]
    assert [m.split(") creates")[0] for m in messages(RULE, items)] == [f"{ACK_WHAT} from its namespace shop"]


def test_fails_on_unknown_regime_label() -> None:
    bucket = ack_bucket("eu-west-1", labels={"fleet-residency": "gdrp"})
    assert messages(RULE, [*cluster(), namespace(), bucket])[0].startswith(
        "kubernetes:s3.services.k8s.aws/v1alpha1:Bucket 'orders' declares fleet-residency='gdrp' (label), which is "
        "not a regime"
    )


def test_an_unknown_region_at_preview_defers_only_that_object() -> None:
    later = ack_bucket()
    later.props["metadata"]["annotations"] = {"services.k8s.aws/region": Unknown("urn:orders", "metadata.region")}
    other = cr("s3.services.k8s.aws/v1alpha1", "Bucket", "logs", {"name": "logs"},
               annotations={"services.k8s.aws/region": "us-east-1"})  # fmt: skip
    findings = list(RULE.stack_check([*cluster(), namespace(), later, other], CTX))  # type: ignore[misc]
    assert [(f.urn, f.deferred) for f in findings] == [("urn:orders", True), ("urn:logs", False)]


def test_a_malformed_object_is_not_let_through() -> None:
    bad = ack_bucket()
    bad.props["metadata"]["annotations"] = ["services.k8s.aws/region=us-east-1"]  # a list where a map goes
    other = cr("s3.services.k8s.aws/v1alpha1", "Bucket", "logs", {"name": "logs"},
               annotations={"services.k8s.aws/region": "us-east-1"})  # fmt: skip
    findings, broken = _stack_findings(RULE, [*cluster(), namespace(), bad, other], CTX)
    assert [(r.name, type(err).__name__) for r, err in broken] == [("orders", "TypeError")]
    assert [f.urn for f in findings] == ["urn:logs"]


# ----------------------------------------------------------------------------------- Crossplane


def test_fails_crossplane_bucket_labelled_regulated_outside() -> None:
    bucket = cr("s3.aws.upbound.io/v1beta1", "Bucket", "b", {"forProvider": {"region": "us-east-1"}}, ns=None,
                labels={"fleet-residency": "gdpr"})  # fmt: skip
    assert messages(RULE, [*cluster(), bucket]) == [
        "kubernetes:s3.aws.upbound.io/v1beta1:Bucket 'b' (Crossplane s3.aws.upbound.io Bucket, regime gdpr) creates "
        f"its cloud resource in us-east-1 (US) by its spec.forProvider.region, outside regime gdpr {GDPR}; set "
        "spec.forProvider.region to a region from `fleet regions --regime gdpr`"
    ]


def test_compliant_crossplane_bucket_inside() -> None:
    bucket = cr("s3.aws.upbound.io/v1beta1", "Bucket", "b", {"forProvider": {"region": "eu-west-1",
                "tags": {"fleet-residency": "gdpr"}}}, ns=None)  # fmt: skip
    assert messages(RULE, [*cluster(), bucket]) == []


def test_fails_crossplane_v2_namespaced_resource_in_a_regulated_tenant() -> None:
    queue = cr("sqs.aws.m.upbound.io/v1beta1", "Queue", "q", {"forProvider": {"region": "us-west-2"}})
    assert [m.split(" creates")[0] for m in messages(RULE, [*cluster(), namespace(), queue])] == [
        "kubernetes:sqs.aws.m.upbound.io/v1beta1:Queue 'q' (Crossplane sqs.aws.m.upbound.io Queue, regime gdpr from "
        "its namespace shop)"
    ]


def test_crossplane_gcp_bucket_location() -> None:
    def bucket(location: str) -> Resource:
        return cr("storage.gcp.upbound.io/v1beta1", "Bucket", "g", {"forProvider": {"location": location,
                  "labels": {"fleet-residency": "gdpr"}}}, ns=None)  # fmt: skip

    assert messages(RULE, [*cluster(), bucket("EU")]) == []
    assert messages(RULE, [*cluster(), bucket("US")]) == [
        "kubernetes:storage.gcp.upbound.io/v1beta1:Bucket 'g' (Crossplane storage.gcp.upbound.io Bucket, regime gdpr "
        f"from its spec tags) creates its cloud resource in US (US) by its spec.forProvider.location, outside regime "
        f"gdpr {GDPR}; set spec.forProvider.location (or region / zone) to a region from `fleet regions --regime gdpr`"
    ]


def _azure(group_location: str, replication: str = "LRS") -> list[Resource]:
    group = cr("azure.upbound.io/v1beta1", "ResourceGroup", "rg", {"forProvider": {"location": group_location}},
               ns=None)  # fmt: skip
    account = cr("storage.azure.upbound.io/v1beta1", "Account", "acct", {"forProvider": {
        "resourceGroupNameRef": {"name": "rg"}, "accountReplicationType": replication,
        "tags": {"fleet-residency": "gdpr"}}}, ns=None)  # fmt: skip
    return [*cluster(), group, account]


def test_crossplane_azure_account_takes_its_resource_groups_location() -> None:
    assert messages(RULE, _azure("westeurope")) == []
    assert messages(RULE, _azure("eastus")) == [
        "kubernetes:storage.azure.upbound.io/v1beta1:Account 'acct' (Crossplane storage.azure.upbound.io Account, "
        "regime gdpr from its spec tags) creates its cloud resource in eastus (US) by its "
        "spec.forProvider.resourceGroupNameRef ResourceGroup 'rg', whose spec.forProvider.location, outside regime "
        f"gdpr {GDPR}; set spec.forProvider.location to a region from `fleet regions --regime gdpr`"
    ]


def test_crossplane_azure_geo_redundant_copy_inside() -> None:
    assert messages(RULE, _azure("westeurope", "GRS")) == []  # paired with northeurope (IE)


# ----------------------------------------------------------------------------------- Config Connector


def kcc(kind: str, name: str, spec: dict[str, Any], group: str = "storage") -> Resource:
    return cr(f"{group}.cnrm.cloud.google.com/v1beta1", kind, name, spec)


def test_fails_kcc_bucket_without_location_defaults_to_us() -> None:
    assert messages(RULE, [*cluster(), namespace(), kcc("StorageBucket", "data", {})]) == [
        "kubernetes:storage.cnrm.cloud.google.com/v1beta1:StorageBucket 'data' (Config Connector "
        "storage.cnrm.cloud.google.com StorageBucket, regime gdpr from its namespace shop) creates its cloud resource "
        f"in US (US) by its spec.location (unset: the CRD's default US), outside regime gdpr {GDPR}; set "
        "spec.location (or spec.region / spec.zone, as its kind documents) to a region from `fleet regions --regime "
        "gdpr`"
    ]


def test_compliant_kcc_bucket_in_eu_and_dual_region() -> None:
    eu = kcc("StorageBucket", "data", {"location": "EU"})
    dual = kcc("StorageBucket", "dual", {"location": "EU", "customPlacementConfig": {"dataLocations": [
        "europe-west1", "europe-west4"]}})  # fmt: skip
    assert messages(RULE, [*cluster(), namespace(), eu, dual]) == []


def test_fails_kcc_dual_region_with_a_region_outside() -> None:
    dual = kcc("StorageBucket", "dual", {"location": "EU", "customPlacementConfig": {"dataLocations": [
        "europe-west1", "europe-west2"]}})  # fmt: skip
    assert "outside regime gdpr" in messages(RULE, [*cluster(), namespace(), dual])[0]


def test_kcc_child_takes_its_parents_location() -> None:
    def stack(region: str) -> list[Resource]:
        instance = kcc("SQLInstance", "db", {"region": region, "databaseVersion": "POSTGRES_15"}, group="sql")
        database = kcc("SQLDatabase", "orders-db", {"instanceRef": {"name": "db"}}, group="sql")
        return [*cluster(), namespace(), instance, database]

    assert messages(RULE, stack("europe-west3")) == []
    found = messages(RULE, stack("us-central1"))
    assert len(found) == 2
    assert found[1].startswith(
        "kubernetes:sql.cnrm.cloud.google.com/v1beta1:SQLDatabase 'orders-db' (Config Connector "
        "sql.cnrm.cloud.google.com SQLDatabase, regime gdpr from its namespace shop) creates its cloud resource in "
        "us-central1 (US) by its spec.instanceRef SQLInstance 'db', whose spec.region, outside regime gdpr"
    )


def test_fails_kcc_child_whose_parent_is_not_in_the_stack() -> None:
    database = kcc("SQLDatabase", "orders-db", {"instanceRef": {"external": "projects/p/instances/db"}}, group="sql")
    assert "location cannot be determined" in messages(RULE, [*cluster(), namespace(), database])[0]


def test_kcc_sql_backups_go_to_the_nearest_multi_region() -> None:
    def instance(region: str) -> Resource:
        return kcc("SQLInstance", "db", {"region": region, "settings": {"backupConfiguration": {"enabled": True}}},
                   group="sql")  # fmt: skip

    assert messages(RULE, [*cluster(), namespace(), instance("europe-west3")]) == []
    found = messages(RULE, [*cluster(), namespace(), instance("europe-west2")])  # London: not in the EU
    assert found and all("outside regime gdpr" in m for m in found)


def test_kcc_pubsub_topic_without_storage_policy_cannot_be_placed() -> None:
    topic = kcc("PubSubTopic", "events", {}, group="pubsub")
    pinned = kcc("PubSubTopic", "pinned", {"messageStoragePolicy": {"allowedPersistenceRegions": ["europe-west1"]}},
                 group="pubsub")  # fmt: skip
    assert [m.split(" (")[0] for m in messages(RULE, [*cluster(), namespace(), topic, pinned])] == [
        "kubernetes:pubsub.cnrm.cloud.google.com/v1beta1:PubSubTopic 'events'"
    ]


def test_compliant_kcc_iam_objects_have_no_location() -> None:
    member = kcc("IAMPolicyMember", "m", {"member": "user:a@example.com"}, group="iam")
    network = kcc("ComputeNetwork", "n", {}, group="compute")
    assert messages(RULE, [*cluster(), namespace(), member, network]) == []


# ----------------------------------------------------------------------------------- Azure Service Operator


def aso(kind: str, name: str, spec: dict[str, Any], group: str = "storage.azure.com/v1api20230101") -> Resource:
    return cr(group, kind, name, spec)


def test_aso_storage_account_location() -> None:
    inside = aso(
        "StorageAccount", "acct", {"location": "westeurope", "owner": {"name": "rg"}, "sku": {"name": "Standard_LRS"}}
    )
    outside = aso("StorageAccount", "acct", {"location": "eastus", "owner": {"name": "rg"}})
    assert messages(RULE, [*cluster(), namespace(), inside]) == []
    assert messages(RULE, [*cluster(), namespace(), outside]) == [
        "kubernetes:storage.azure.com/v1api20230101:StorageAccount 'acct' (Azure Service Operator storage.azure.com "
        f"StorageAccount, regime gdpr from its namespace shop) creates its cloud resource in eastus (US) by its "
        f"spec.location, outside regime gdpr {GDPR}; set spec.location (or give it an owner in this stack whose "
        "location is set) to a region from `fleet regions --regime gdpr`"
    ]


def test_aso_child_takes_its_owners_location() -> None:
    def stack(location: str) -> list[Resource]:
        group = aso("ResourceGroup", "rg", {"location": "westeurope"}, group="resources.azure.com/v1api20200601")
        account = aso("StorageAccount", "acct", {"location": location, "owner": {"name": "rg"}})
        blob = aso("StorageAccountsBlobService", "blob", {"owner": {"name": "acct"}})
        container = aso("StorageAccountsBlobServicesContainer", "c", {"owner": {"name": "blob"}})
        return [*cluster(), namespace(), group, account, blob, container]

    assert messages(RULE, stack("westeurope")) == []
    found = messages(RULE, stack("eastus"))
    assert [m.split(" (")[0] for m in found] == [
        "kubernetes:storage.azure.com/v1api20230101:StorageAccount 'acct'",
        "kubernetes:storage.azure.com/v1api20230101:StorageAccountsBlobService 'blob'",
        "kubernetes:storage.azure.com/v1api20230101:StorageAccountsBlobServicesContainer 'c'",
    ]
    assert (
        "by its spec.owner.name StorageAccountsBlobService 'blob', whose spec.owner.name StorageAccount 'acct', "
        "whose spec.location" in found[2]
    )


def test_fails_aso_owner_by_arm_id() -> None:
    container = aso("StorageAccountsBlobServicesContainer", "c", {"owner": {"armId": "/subscriptions/s/x"}})
    assert (
        "location cannot be determined: its spec.location is not set, and its spec.owner names"
        in messages(RULE, [*cluster(), namespace(), container])[0]
    )


def test_fails_aso_geo_redundant_account_paired_outside() -> None:
    # West Europe (NL) is paired with North Europe (IE): https://learn.microsoft.com/en-us/azure/reliability/cross-region-replication-azure
    def account(sku: str) -> Resource:
        return aso("StorageAccount", "acct", {"location": "westeurope", "sku": {"name": sku},
                   "tags": {"fleet-residency": "nl"}})  # fmt: skip

    ctx = Context(regimes={**CTX.regimes, "nl": Regime("nl", "Netherlands only", frozenset({"NL"}))})
    assert messages(RULE, [*cluster(), account("Standard_LRS")], ctx) == []
    assert messages(RULE, [*cluster(), account("Standard_RAGRS")], ctx) == [
        "kubernetes:storage.azure.com/v1api20230101:StorageAccount 'acct' (Azure Service Operator storage.azure.com "
        "StorageAccount, regime nl from its spec tags) keeps a copy in northeurope (IE) by its "
        "spec.sku.name=Standard_RAGRS (paired region), outside regime nl (NL); choose replicas, backup locations and "
        "redundancy inside the regime"
    ]


def test_fails_aso_flexible_server_with_geo_redundant_backups_paired_outside() -> None:
    def server(backups: str) -> Resource:
        spec = {"location": "westeurope", "backup": {"geoRedundantBackup": backups}, "tags": {"fleet-residency": "nl"}}
        return aso("FlexibleServer", "db", spec, group="dbformysql.azure.com/v1api20231230")

    ctx = Context(regimes={**CTX.regimes, "nl": Regime("nl", "Netherlands only", frozenset({"NL"}))})
    assert messages(RULE, [*cluster(), server("Disabled")], ctx) == []
    [message] = messages(RULE, [*cluster(), server("Enabled")], ctx)
    assert "keeps a copy in northeurope (IE) by its spec.backup.geoRedundantBackup=Enabled (paired region)" in message


# ----------------------------------------------------------------------------------- generic and FLEET-RES-004


def test_generic_custom_resource_is_recognised() -> None:
    generic = Resource("kubernetes:apiextensions.k8s.io/v1:CustomResource", "urn:g", "g", {
        "apiVersion": "s3.services.k8s.aws/v1alpha1", "kind": "Bucket", "metadata": {"name": "g", "namespace": "shop",
        "annotations": {"services.k8s.aws/region": "us-east-1"}}, "spec": {"name": "g"}},
        provider_type="pulumi:providers:kubernetes", provider_urn=K8S)  # fmt: skip
    assert len(messages(RULE, [*cluster(), namespace(), generic])) == 1


def test_other_kubernetes_objects_are_not_judged_here() -> None:
    deployment = cr("apps/v1", "Deployment", "api", {})
    config = cr("aws.upbound.io/v1beta1", "ProviderConfig", "default", {}, ns=None)
    assert messages(RULE, [*cluster(region="us-east-1"), namespace(), deployment, config]) == []


def test_res_004_no_longer_places_operator_objects_at_the_cluster() -> None:
    # An EU bucket made by a tenant on a US cluster: the cluster is judged through the namespace, not the bucket.
    found = messages(RES_004, [*cluster(region="us-east-1"), namespace(), ack_bucket("eu-west-1")])
    assert [m.split(" (")[0] for m in found] == ["kubernetes:core/v1:Namespace 'shop-ns'"]


def test_same_named_properties_of_other_kinds_are_not_read_as_places() -> None:
    # upjet AWS DocumentationPart's forProvider.location and KCC DataprocCluster's spec.config are objects.
    part = cr("apigateway.aws.upbound.io/v1beta1", "DocumentationPart", "d", {"forProvider": {
        "region": "eu-west-1", "location": {"type": "API"}}}, ns=None, labels={"fleet-residency": "gdpr"})  # fmt: skip
    dataproc = cr("dataproc.cnrm.cloud.google.com/v1beta1", "DataprocCluster", "dp", {"region": "europe-west1",
                  "config": {"masterConfig": {}}})  # fmt: skip
    assert messages(RULE, [*cluster(), namespace(), part, dataproc]) == []


def test_an_unknown_namespace_at_preview_defers_the_decision() -> None:
    bucket = ack_bucket("us-east-1")
    bucket.props["metadata"]["namespace"] = Unknown("urn:orders", "metadata.namespace")
    findings = list(RULE.stack_check([*cluster(), namespace(), bucket], CTX))  # type: ignore[misc]
    assert [(f.urn, f.deferred) for f in findings] == [("urn:orders", True)]


def test_a_kind_that_says_where_it_is_under_another_name_is_placed_there() -> None:
    def instance(zone: str) -> Resource:
        spec = {"forProvider": {"cluster": [{"clusterId": "c1", "zone": zone, "numNodes": 1}]}}
        return cr(
            "bigtable.gcp.upbound.io/v1beta1", "Instance", "bt", spec, ns=None, labels={"fleet-residency": "gdpr"}
        )

    assert messages(RULE, [*cluster(), instance("europe-west3-b")]) == []
    [message] = messages(RULE, [*cluster(), instance("us-central1-a")])
    assert "us-central1" in message and "outside regime gdpr" in message


def test_a_crossplane_spanner_instance_is_placed_by_its_instance_configuration() -> None:
    def instance(config: str) -> Resource:
        return cr("spanner.gcp.upbound.io/v1beta1", "Instance", "sp", {"forProvider": {"config": config}}, ns=None,
                  labels={"fleet-residency": "gdpr"})  # fmt: skip

    assert messages(RULE, [*cluster(), instance("regional-europe-west3")]) == []
    assert "us-central1" in messages(RULE, [*cluster(), instance("regional-us-central1")])[0]


def test_an_arn_the_spec_names_is_where_the_controller_sends_data() -> None:
    def rule(target: str) -> Resource:
        spec = {
            "name": "forward",
            "eventBusName": "claims",
            "targets": [{"id": "t", "arn": target, "roleARN": "arn:aws:iam::111111111111:role/forwarder"}],
        }
        return cr(
            "eventbridge.services.k8s.aws/v1alpha1",
            "Rule",
            "fwd",
            spec,
            annotations={"services.k8s.aws/region": "eu-central-1"},
        )

    own = "arn:aws:events:eu-west-1:111111111111:event-bus/claims-dr"
    assert messages(RULE, [*cluster(), namespace(), rule(own)]) == []
    virginia = messages(RULE, [*cluster(), namespace(), rule(own.replace("eu-west-1", "us-east-1"))])
    assert "keeps a copy in us-east-1 (US) by its spec.targets[].arn" in virginia[0]
    # Another account's bus, in an allowed Region: outside the stack (its role teaches the stack's account).
    partner = messages(RULE, [*cluster(), namespace(), rule(own.replace("111111111111", "737373737373"))])
    assert "(AWS account 737373737373, outside the stack)" in partner[0]
    # Roles and keys name who acts, not where data goes.
    key = rule("arn:aws:kms:us-east-1:111111111111:key/k")
    assert messages(RULE, [*cluster(), namespace(), key]) == []


def test_an_azure_sql_database_keeps_geo_redundant_backups_unless_it_says_otherwise() -> None:
    ctx = Context(resolve_all([CustomRegime("nl", countries=("NL",))]), today=CTX.today)

    def database(redundancy: str | None) -> Resource:
        spec = {"location": "westeurope", "owner": {"name": "sql"}, "azureName": "claims"}
        if redundancy:
            spec["requestedBackupStorageRedundancy"] = redundancy
        return cr("sql.azure.com/v1api20211101", "ServersDatabase", "db", spec, labels={"fleet-residency": "nl"})

    for redundancy in (None, "Geo", "GeoZone"):
        [message] = messages(RULE, [*cluster(), database(redundancy)], ctx)
        assert "keeps a copy in northeurope (IE)" in message, redundancy
    for redundancy in ("Local", "Zone"):
        assert messages(RULE, [*cluster(), database(redundancy)], ctx) == []


def test_an_aso_backup_vault_with_geo_redundant_storage_copies_to_the_paired_region() -> None:
    ctx = Context(resolve_all([CustomRegime("nl", countries=("NL",))]), today=CTX.today)

    def vault(kind: str) -> Resource:
        spec = {"location": "westeurope", "owner": {"name": "rg"},
                "properties": {"storageSettings": [{"datastoreType": "VaultStore", "type": kind}]}}  # fmt: skip
        return cr("dataprotection.azure.com/v1api20231101", "BackupVault", "v", spec, labels={"fleet-residency": "nl"})

    assert "keeps a copy in northeurope (IE)" in messages(RULE, [*cluster(), vault("GeoRedundant")], ctx)[0]
    assert messages(RULE, [*cluster(), vault("LocallyRedundant")], ctx) == []


def test_what_an_operator_spec_names_in_the_stack_or_by_endpoint_is_where_it_sends_data() -> None:
    from fleetguard.rules.res_007_operator_resources import check

    def bucket(region: str) -> Resource:
        return Resource("aws:s3/bucket:Bucket", "urn:dr", "dr", {"bucket": "claims-dr"},
                        provider_props={"region": region})  # fmt: skip

    replication = cr("s3.aws.upbound.io/v1beta1", "BucketReplicationConfiguration", "rep",
                     {"forProvider": {"region": "eu-west-1", "bucket": "claims",
                                      "rule": [{"destination": [{"bucket": "arn:aws:s3:::claims-dr"}]}]}},
                     ns=None, labels={"fleet-residency": "gdpr"})  # fmt: skip
    assert [f.message for f in check([*cluster(), bucket("eu-central-1"), replication], CTX)] == []
    [message] = [f.message for f in check([*cluster(), bucket("us-east-1"), replication], CTX)]
    assert "keeps a copy in us-east-1 (US) by its spec.forProvider.rule[].destination[].bucket" in message
    subscription = cr("sns.services.k8s.aws/v1alpha1", "Subscription", "sub",
                      {"topicARN": "arn:aws:sns:eu-central-1:111111111111:t", "protocol": "https",
                       "endpoint": "https://hooks.partner.example/sns"},
                      annotations={"services.k8s.aws/region": "eu-central-1"})  # fmt: skip
    assert "hooks.partner.example" in messages(RULE, [*cluster(), namespace(), subscription])[0]


def test_a_config_connector_log_sink_is_judged_by_its_destination() -> None:
    def sink(path: str) -> Resource:
        spec = {"destination": {"bigQueryDatasetRef": {"external": path}}, "filter": "severity>=ERROR"}
        return cr("logging.cnrm.cloud.google.com/v1beta1", "LoggingLogSink", "sink", spec)

    path = "projects/p-prod/datasets/tenant_logs"
    props = {"datasetId": "tenant_logs", "project": "p-prod", "location": "EU", "id": path}  # an existing dataset
    logs = Resource("gcp:bigquery/dataset:Dataset", "urn:logs", "logs", props)
    assert messages(RULE, [*cluster(), namespace(), logs, sink(path)]) == []  # no location of its own
    logs.props["location"] = "US"
    assert "keeps a copy in US (US)" in messages(RULE, [*cluster(), namespace(), logs, sink(path)])[0]


def test_a_cloud_service_host_the_stack_does_not_hold_is_not_outside_the_cloud() -> None:
    lake = {"accountUrl": "https://lake.dfs.core.windows.net", "filesystem": "x"}
    spec = {"location": "westeurope", "owner": {"name": "rg"}, "defaultDataLakeStorage": lake}
    workspace = cr("synapse.azure.com/v1api20210601", "Workspace", "ws", spec)
    assert messages(RULE, [*cluster(), namespace(), workspace]) == []


def test_a_share_names_its_principals_and_acts_on_its_resources() -> None:
    provider = Resource("pulumi:providers:aws", "urn:own", "own", {"allowedAccountIds": ["111111111111"]})

    def share(principal: str) -> Resource:
        spec = {"name": "s", "resourceARNs": ["arn:aws:rds:eu-central-1:222222222222:cluster:claims"],
                "principals": [principal]}  # fmt: skip
        return cr("ram.services.k8s.aws/v1alpha1", "ResourceShare", "s", spec,
                  annotations={"services.k8s.aws/region": "eu-central-1"})  # fmt: skip

    # The resources it shares are what it acts on, not where data goes.
    assert messages(RULE, [*cluster(), namespace(), provider, share("111111111111")]) == []
    assert (
        "AWS account 737373737373, which the stack does not name"
        in messages(RULE, [*cluster(), namespace(), provider, share("737373737373")])[0]
    )
    # A stack that names no account of its own cannot show that the account it shares with is one.
    assert "AWS account 737373737373" in messages(RULE, [*cluster(), namespace(), share("737373737373")])[0]


def test_a_stack_resource_named_where_the_spec_sends_data() -> None:
    def bucket(region: str) -> Resource:
        return Resource("aws:s3/bucket:Bucket", "urn:trail", "trail", {"bucket": "audit-trail"},
                        provider_props={"region": region})  # fmt: skip

    trail = cr("cloudtrail.services.k8s.aws/v1alpha1", "Trail", "t", {"name": "t", "s3BucketName": "audit-trail"},
               annotations={"services.k8s.aws/region": "eu-central-1"})  # fmt: skip
    assert messages(RULE, [*cluster(), namespace(), bucket("eu-central-1"), trail]) == []
    assert (
        "us-east-1 (US) by its spec.s3BucketName"
        in messages(RULE, [*cluster(), namespace(), bucket("us-east-1"), trail])[0]
    )


def test_a_kebab_case_region_option_is_a_place() -> None:
    def taskdef(region: str) -> Resource:
        logs = {"logDriver": "awslogs", "options": {"awslogs-group": "/w", "awslogs-region": region}}
        spec = {"family": "w", "containerDefinitions": [{"name": "w", "logConfiguration": logs}]}
        return cr("ecs.services.k8s.aws/v1alpha1", "TaskDefinition", "t", spec,
                  annotations={"services.k8s.aws/region": "eu-west-1"})  # fmt: skip

    assert messages(RULE, [*cluster(), namespace(), taskdef("eu-west-1")]) == []
    assert "us-east-1 (US)" in messages(RULE, [*cluster(), namespace(), taskdef("us-east-1")])[0]


def test_other_operator_objects_named_by_reference_connection_string_or_arm_id() -> None:
    def bucket(name: str, location: str) -> Resource:
        return cr("storage.cnrm.cloud.google.com/v1beta1", "StorageBucket", name, {"location": location},
                  annotations={"cnrm.cloud.google.com/project-id": "p"})  # fmt: skip

    spec = {"transferSpec": {"gcsDataSource": {"bucketRef": {"name": "docs"}},
                             "gcsDataSink": {"bucketRef": {"name": "copy"}}}}  # fmt: skip
    job = cr("storagetransfer.cnrm.cloud.google.com/v1beta1", "StorageTransferJob", "job", spec,
             annotations={"cnrm.cloud.google.com/project-id": "p"})  # fmt: skip
    docs = bucket("docs", "EUROPE-WEST3")
    assert messages(RULE, [*cluster(), namespace(), docs, bucket("copy", "EU"), job]) == []
    assert any(
        "keeps a copy in US" in m for m in messages(RULE, [*cluster(), namespace(), docs, bucket("copy", "US"), job])
    )

    def server(location: str) -> Resource:
        return cr("sql.azure.com/v1api20211101", "Server", "claims-db", {"location": location, "owner": {"name": "rg"}})

    conn = "Server=tcp:claims-db.database.windows.net,1433;Database=claims;"
    site = cr("web.azure.com/v1api20220301", "Site", "portal", {"location": "westeurope", "owner": {"name": "rg"},
              "siteConfig": {"connectionStrings": [{"name": "Db", "connectionString": conn}]}})  # fmt: skip
    assert messages(RULE, [*cluster(), namespace(), server("westeurope"), site]) == []
    assert any(
        "keeps a copy in eastus (US)" in m for m in messages(RULE, [*cluster(), namespace(), server("eastus"), site])
    )


def test_a_bucket_named_by_uri_is_where_the_object_keeps_its_files() -> None:
    def bucket(location: str) -> Resource:
        return cr("storage.cnrm.cloud.google.com/v1beta1", "StorageBucket", "lake", {"location": location},
                  annotations={"cnrm.cloud.google.com/project-id": "p"})  # fmt: skip

    spec = {"parentDatabaseRef": {"name": "db"}, "type": "HIVE",
            "hiveOptions": {"storageDescriptor": {"locationUri": "gs://lake/claims/statements"}}}  # fmt: skip
    lake = "bigquerybiglake.cnrm.cloud.google.com/v1alpha1"
    catalog = cr(lake, "BigLakeCatalog", "c", {"location": "europe-west3", "projectRef": {"external": "p"}})
    database = cr(lake, "BigLakeDatabase", "db", {"catalogRef": {"name": "c"}, "type": "HIVE"})
    table = cr(lake, "BigLakeTable", "t", spec)
    assert messages(RULE, [*cluster(), namespace(), catalog, database, bucket("EU"), table]) == []
    found = messages(RULE, [*cluster(), namespace(), catalog, database, bucket("US"), table])
    assert any("keeps a copy in US (US) by its spec.hiveOptions.storageDescriptor.locationUri" in m for m in found)

    def stack_bucket(region: str) -> Resource:
        return Resource("aws:s3/bucket:Bucket", "urn:lake", "lake", {"bucket": "claims-lake"},
                        provider_props={"region": region})  # fmt: skip

    spec = {"name": "claims", "tableInput": {"storageDescriptor": {"location": "s3://claims-lake/claims/"}}}
    glue = cr("glue.services.k8s.aws/v1alpha1", "Table", "t", spec,
              annotations={"services.k8s.aws/region": "eu-central-1"})  # fmt: skip
    assert messages(RULE, [*cluster(), namespace(), stack_bucket("eu-central-1"), glue]) == []
    assert any(
        "us-east-1 (US)" in m for m in messages(RULE, [*cluster(), namespace(), stack_bucket("us-east-1"), glue])
    )


def test_home_directories_posix_sinks_and_sources_of_operator_objects() -> None:
    def bucket(name: str, region: str) -> Resource:
        return cr("s3.aws.upbound.io/v1beta1", "Bucket", name, {"forProvider": {"region": region}})

    def user(**spec: object) -> Resource:
        return cr("transfer.aws.upbound.io/v1beta1", "User", "broker",
                  {"forProvider": {"region": "eu-west-1", "serverIdRef": {"name": "sftp"}, **spec}},
                  labels={"fleet-residency": "gdpr"})  # fmt: skip

    home = user(homeDirectory="/intake/uploads")
    assert messages(RULE, [*cluster(), namespace(), bucket("intake", "eu-west-1"), home]) == []
    found = messages(RULE, [*cluster(), namespace(), bucket("intake", "us-east-1"), home])
    assert any("us-east-1 (US) by its spec.forProvider.homeDirectory" in m for m in found)
    logical = user(homeDirectoryMappings=[{"entry": "/archive", "target": "/archive/closed"}])
    found = messages(RULE, [*cluster(), namespace(), bucket("archive", "us-east-1"), logical])
    assert any("homeDirectoryMappings[].target" in m for m in found)

    def job(spec: dict) -> Resource:
        return cr("storagetransfer.cnrm.cloud.google.com/v1beta1", "StorageTransferJob", "sync",
                  {"transferSpec": spec}, annotations={"cnrm.cloud.google.com/project-id": "p"})  # fmt: skip

    to_posix = job({"gcsDataSource": {"bucketRef": {"name": "b"}}, "posixDataSink": {"rootDirectory": "/srv/a"}})
    assert any("outside the cloud" in m for m in messages(RULE, [*cluster(), namespace(), to_posix]))
    from_posix = job({"posixDataSource": {"rootDirectory": "/srv/a"}, "gcsDataSink": {"bucketRef": {"name": "b"}}})
    assert not any("outside the cloud" in m for m in messages(RULE, [*cluster(), namespace(), from_posix]))

    group = "dbforpostgresql.azure.com/v1api20221201"
    primary = cr(group, "FlexibleServer", "pg", {"location": "westeurope", "owner": {"name": "rg"}})

    def replica(location: str) -> Resource:
        spec = {"location": location, "owner": {"name": "rg"}, "createMode": "Replica",
                "sourceServerResourceReference": {"group": group, "kind": "FlexibleServer", "name": "pg"}}  # fmt: skip
        return cr(group, "FlexibleServer", "pg-replica", spec, labels={"fleet-residency": "none"})

    assert messages(RULE, [*cluster(), namespace(), primary, replica("northeurope")]) == []
    found = messages(RULE, [*cluster(), namespace(), primary, replica("eastus")])
    assert any("regime gdpr from its source FlexibleServer" in m and "eastus" in m for m in found)


def test_a_resource_policy_or_telemetry_connection_in_an_operator_spec_is_where_data_goes() -> None:
    def policy(principal: str) -> str:
        statement = {"Effect": "Allow", "Principal": {"AWS": principal}, "Action": ["ecr:BatchGetImage"]}
        return json.dumps({"Version": "2012-10-17", "Statement": [statement]})

    def repository(principal: str) -> Resource:
        return cr("ecr.services.k8s.aws/v1alpha1", "Repository", "ocr", {"name": "ocr", "policy": policy(principal)},
                  annotations={"services.k8s.aws/region": "eu-west-1"})  # fmt: skip

    # A stack that names no account of its own cannot show that the account a policy lets in is one.
    found = messages(RULE, [*cluster(), namespace(), repository("arn:aws:iam::737373737373:root")])
    assert any("AWS account 737373737373" in m for m in found)
    connection = "InstrumentationKey=k;IngestionEndpoint=https://eastus-8.in.applicationinsights.azure.com/"
    site = cr("web.azure.com/v1api20220301", "Site", "portal", {"location": "westeurope", "owner": {"name": "rg"},
              "siteConfig": {"appSettings": [{"name": "APPLICATIONINSIGHTS_CONNECTION_STRING",
                                              "value": connection}]}})  # fmt: skip
    assert any("keeps a copy in eastus (US)" in m for m in messages(RULE, [*cluster(), namespace(), site]))


def test_a_public_storage_acl_entity_in_an_operator_spec_shares_the_bucket_with_everyone() -> None:
    def acl(entity: str) -> Resource:
        return cr("storage.cnrm.cloud.google.com/v1beta1", "StorageDefaultObjectAccessControl", "readers",
                  {"bucketRef": {"name": "photos"}, "entity": entity, "role": "READER"},
                  annotations={"cnrm.cloud.google.com/project-id": "p"})  # fmt: skip

    bucket = cr("storage.cnrm.cloud.google.com/v1beta1", "StorageBucket", "photos", {"location": "EUROPE-WEST3"},
                annotations={"cnrm.cloud.google.com/project-id": "p"})  # fmt: skip
    assert any(
        "everyone on the internet" in m for m in messages(RULE, [*cluster(), namespace(), bucket, acl("allUsers")])
    )
    assert not any(
        "everyone" in m for m in messages(RULE, [*cluster(), namespace(), bucket, acl("project-viewers-123")])
    )
