from fleetguard.model import Resource
from fleetguard.rules.res_004_tenant_cluster import RULE
from tests.policies.conftest import messages

CLUSTER = "urn:pulumi:s::p::fleet:clusters:EksCluster::c1"
K8S_PROVIDER = "urn:pulumi:s::p::fleet:clusters:EksCluster$pulumi:providers:kubernetes::c1-k8s"


def stack(region: str, label: str = "gdpr", provider: str = K8S_PROVIDER) -> list[Resource]:
    return [
        Resource("fleet:clusters:EksCluster", CLUSTER, "c1", {}),
        Resource("pulumi:providers:aws", "urn:aws", "c1-aws", {"region": region}, parent=CLUSTER),
        Resource("pulumi:providers:kubernetes", K8S_PROVIDER, "c1-k8s", {"kubeconfig": "x"}, parent=CLUSTER),
        Resource(
            "kubernetes:core/v1:Namespace",
            "urn:ns",
            "c1/payments-ns",
            {"metadata": {"name": "payments", "labels": {"fleet-residency": label}}},
            provider_urn=provider,
        ),
    ]


def test_compliant_tenant_on_a_cluster_inside_its_regime() -> None:
    assert messages(RULE, stack("eu-central-1")) == []


def test_compliant_unregulated_objects_are_not_judged() -> None:
    assert messages(RULE, stack("us-east-1", label="none")) == []


def test_fails_tenant_on_a_cluster_outside_its_regime() -> None:
    assert messages(RULE, stack("eu-central-2")) == [
        "kubernetes:core/v1:Namespace 'c1/payments-ns' (regime gdpr) runs on a cluster in aws eu-central-2 (CH), "
        "outside the regime (30 countries); place the tenant on a cluster in an allowed region"
    ]


def test_fails_when_the_cluster_cannot_be_traced() -> None:
    assert messages(RULE, stack("eu-central-1", provider="urn:hand-written-provider")) == [
        "kubernetes:core/v1:Namespace 'c1/payments-ns' (regime gdpr) targets a Kubernetes provider that belongs to "
        "no fleet cluster in this stack, so where it runs cannot be checked; deploy it through a fleet cluster's "
        "provider"
    ]


def test_fails_on_unknown_regime_label() -> None:
    assert messages(RULE, stack("eu-central-1", label="gdrp"))[0].startswith(
        "kubernetes:core/v1:Namespace 'c1/payments-ns' declares fleet-residency='gdrp' (label), which is not a regime"
    )


def test_fails_when_the_cluster_resource_overrides_its_provider_region() -> None:
    # pulumi-aws v7: a per-resource region puts the cluster (and its tenants) there, not in the provider's region.
    items = stack("eu-central-1")
    items.insert(1, Resource("aws:eks/cluster:Cluster", "urn:eks", "c1-eks", {"region": "us-east-1"}, parent=CLUSTER))
    assert messages(RULE, items) == [
        "kubernetes:core/v1:Namespace 'c1/payments-ns' (regime gdpr) runs on a cluster in aws us-east-1 (US), "
        "outside the regime (30 countries); place the tenant on a cluster in an allowed region"
    ]


def test_compliant_gke_cluster_placed_by_its_zone_only_provider() -> None:
    items = gke(provider={"zone": "europe-west3-a"})
    assert messages(RULE, items) == []


def test_fails_gke_cluster_location_outside() -> None:
    items = gke(provider={"zone": "europe-west3-a"}, location="europe-west6")
    outside = "runs on a cluster in gcp europe-west6 (CH), outside the regime (30 countries); place the tenant on a "
    assert messages(RULE, items) == [
        f"kubernetes:core/v1:Namespace 'c2/api-ns' (regime gdpr) {outside}cluster in an allowed region",
        f"kubernetes:apps/v1:Deployment 'c2/api' (regime gdpr, from its namespace api) {outside}cluster in an allowed "
        "region",
    ]


GKE_CLUSTER = "urn:pulumi:s::p::fleet:clusters:GkeCluster::c2"
GKE_K8S = "urn:pulumi:s::p::fleet:clusters:GkeCluster$pulumi:providers:kubernetes::c2-k8s"


def gke(provider: dict, **cluster: str) -> list[Resource]:  # type: ignore[type-arg]
    """An object without its own label takes its namespace's regime."""
    return [
        Resource("fleet:clusters:GkeCluster", GKE_CLUSTER, "c2", {}),
        Resource("pulumi:providers:gcp", "urn:gcp", "c2-gcp", provider, parent=GKE_CLUSTER),
        Resource(
            "gcp:container/cluster:Cluster", "urn:gke", "c2-gke", dict(cluster), parent=GKE_CLUSTER,
            provider_type="pulumi:providers:gcp", provider_props=provider, provider_urn="urn:gcp",
        ),
        Resource("pulumi:providers:kubernetes", GKE_K8S, "c2-k8s", {"kubeconfig": "x"}, parent=GKE_CLUSTER),
        Resource(
            "kubernetes:core/v1:Namespace", "urn:ns2", "c2/api-ns",
            {"metadata": {"name": "api", "labels": {"fleet-residency": "gdpr"}}}, provider_urn=GKE_K8S,
        ),
        Resource(
            "kubernetes:apps/v1:Deployment", "urn:deploy", "c2/api",
            {"metadata": {"name": "api", "namespace": "api"}}, provider_urn=GKE_K8S,
        ),
    ]  # fmt: skip


EXISTING = "urn:pulumi:s::p::fleet:clusters:ExistingCluster::onprem"
EXISTING_PROVIDER = "urn:pulumi:s::p::fleet:clusters:ExistingCluster$pulumi:providers:kubernetes::onprem-k8s"


def on_existing(country: str | None, label: str = "gdpr") -> list[Resource]:
    """An existing cluster's component declares where it is (its registered outputs)."""
    declared = {"cloud": "existing", "region": "fra1", **({"country": country} if country else {})}
    return [
        Resource("fleet:clusters:ExistingCluster", EXISTING, "onprem", declared),
        Resource("pulumi:providers:kubernetes", EXISTING_PROVIDER, "onprem-k8s", {"kubeconfig": "x"}, parent=EXISTING),
        Resource(
            "kubernetes:core/v1:Namespace",
            "urn:ns",
            "onprem/payments-ns",
            {"metadata": {"name": "payments", "labels": {"fleet-residency": label}}},
            provider_urn=EXISTING_PROVIDER,
        ),
    ]


def test_compliant_tenant_on_an_existing_cluster_in_an_allowed_country() -> None:
    assert messages(RULE, on_existing("DE")) == []


def test_fails_tenant_on_an_existing_cluster_outside_its_regime() -> None:
    assert messages(RULE, on_existing("US")) == [
        "kubernetes:core/v1:Namespace 'onprem/payments-ns' (regime gdpr) runs on a cluster in existing fra1 (US), "
        "outside the regime (30 countries); place the tenant on a cluster in an allowed region"
    ]


def test_fails_when_an_existing_cluster_declares_no_country() -> None:
    assert messages(RULE, on_existing(None))[0].endswith(
        "targets a Kubernetes provider that belongs to no fleet cluster in this stack, so where it runs cannot be "
        "checked; deploy it through a fleet cluster's provider"
    )
