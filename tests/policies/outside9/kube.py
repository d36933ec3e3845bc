"""Kubernetes isolation cases of the ninth outside corpus: the everyday objects a tenant team deploys
(metrics-server's and External Secrets' aggregated reader roles, a preview operator's admin role, DNS
egress, a drain helper's eviction Role, a pod-mutating webhook of any scope, an internal NLB Service,
IRSA settings, a JWKS document, KEDA ScaledObjects with TriggerAuthentications, VolumeSnapshots, a
dedicated cluster beside the platform's own namespace) in their ordinary compliant forms, beside subtle
violations the eight earlier outside corpora did not try: wildcard verbs on an operator's own custom
resource aggregated into admin, DNS egress selected by the mutable ``name`` label, impersonating groups,
an AWS secret access key and a SEC1 EC private key in ConfigMaps, a metrics reader that also reads
nodes; NamespacePatches that change a tenant's regime, a label written as an annotation, GDPR and EU
tenants on AKS in Norway, tenants on existing (on-premises) clusters placed by their declared country,
ClusterRoleBindingPatches of a binding the stack makes; values unknown at preview and malformed shapes.

Written from Kubernetes, Pulumi and vendor documentation and the pack's user-facing contract
(docs/RULES.md, docs/SPEC.md, README.md, what fleet/tenancy renders), by a helper that did not read the
pack's rules, its configs, its tests or the tuned corpus's cases. Each case only says whether a correct
pack reports some mandatory violation (``expect="DENY"``) or none; a comment above it says why, and it cites
the page the outcome rests on. The stacks are built with the helpers of the eight earlier outside corpora.

``UNKNOWN`` stands for a value the engine only learns at the update. Where the decision does not need it a
correct pack decides as if it were known; where it does, the pack defers (advisory FLEET-PRE-001), which
is no mandatory violation.
"""

from __future__ import annotations

import json
from typing import Any

from tests.policies.corpus import UNKNOWN, Stack, secret
from tests.policies.outside.corpus import (
    cluster_role,
    cluster_role_binding,
    group,
    role,
    role_binding,
    service_account,
    tenant,
)
from tests.policies.outside2.corpus import ACME_SVC, ADMIN_AGG, CLAIM, DEDICATED, EDIT_AGG, VIEW_AGG, Obj, iso, labelled
from tests.policies.outside3.kube import add, patch, policy
from tests.policies.outside4.kube import DNS_PORTS
from tests.policies.outside5.kube import webhook
from tests.policies.outside6.kube import APP, app_sa, app_service, configmap, deployment, k8s_secret, two_tenants
from tests.policies.outside7.kube import aks_at, custom
from tests.policies.outside9.common import Build, case

ISOLATION = "tenant-isolation"
PROVIDERS = "k8s-providers-and-patches"
PREVIEW = "unknown-at-preview"
MALFORMED = "malformed"

RBAC = "rbac.authorization.k8s.io"
NAME = "kubernetes.io/metadata.name"
NS = "kubernetes:core/v1:Namespace"
CR = "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole"

DOC = {
    # RBAC
    "aggregation": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#aggregated-clusterroles",
    "metrics-server": "https://github.com/kubernetes-sigs/metrics-server/blob/master/manifests/base/rbac.yaml",
    "eso-rbac": "https://external-secrets.io/latest/guides/security-best-practices/",
    "rbac-verbs": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#role-and-clusterrole",
    "impersonation": "https://kubernetes.io/docs/reference/access-authn-authz/authentication/#user-impersonation",
    "eviction": "https://kubernetes.io/docs/concepts/scheduling-eviction/api-eviction/",
    "crb-api": "https://kubernetes.io/docs/reference/kubernetes-api/authorization-resources/cluster-role-binding-v1/",
    "crb-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/rbac/v1/clusterrolebindingpatch/",
    "role-api": "https://kubernetes.io/docs/reference/kubernetes-api/authorization-resources/role-v1/",
    # network
    "ns-name-label": "https://kubernetes.io/docs/reference/labels-annotations-taints/#kubernetes-io-metadata-name",
    "netpol": "https://kubernetes.io/docs/concepts/services-networking/network-policies/#targeting-a-namespace-by-its-name",
    "netpol-api": "https://kubernetes.io/docs/reference/kubernetes-api/networking-resources/network-policy-v1/",
    "aws-lb": "https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/service/annotations/",
    # webhooks
    "webhook-scope": "https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/#matching-requests-rules",
    "webhook-api": "https://kubernetes.io/docs/reference/kubernetes-api/extend-resources/mutating-webhook-configuration-v1/",
    # credentials
    "aws-keys": "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
    "irsa": "https://docs.aws.amazon.com/eks/latest/userguide/pod-configuration.html",
    "sec1": "https://datatracker.ietf.org/doc/html/rfc5915#section-4",
    "jwks": "https://datatracker.ietf.org/doc/html/rfc7517#section-5",
    "configmap-api": "https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/config-map-v1/",
    "keda-auth": "https://keda.sh/docs/latest/concepts/authentication/",
    "volume-snapshot": "https://kubernetes.io/docs/concepts/storage/volume-snapshots/",
    # placement
    "ns-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/core/v1/namespacepatch/",
    "labels": "https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations/",
    "azure-regions": "https://learn.microsoft.com/en-us/azure/reliability/regions-list",
    "eea": "https://www.efta.int/eea/eea-agreement",
    "eu-countries": "https://european-union.europa.eu/principles-countries-history/eu-countries_en",
    "unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
}


# ------------------------------------------------------------------------------------ helpers

ALL_AGG = {**VIEW_AGG, **EDIT_AGG, **ADMIN_AGG}
POD_METRICS = [{"apiGroups": ["metrics.k8s.io"], "resources": ["pods"], "verbs": ["get", "list", "watch"]}]
CORE_NODES = [{"apiGroups": [""], "resources": ["nodes"], "verbs": ["get", "list", "watch"]}]
ESO_READ = [
    {
        "apiGroups": ["external-secrets.io"],
        "resources": ["externalsecrets", "secretstores", "pushsecrets"],
        "verbs": ["get", "list", "watch"],
    }
]
PREVIEWS = {"apiGroups": ["previews.acme.example.com"], "resources": ["previewenvironments"]}
PREVIEWS_ALL = [{**PREVIEWS, "verbs": ["*"]}]
PREVIEWS_LISTED = [
    {**PREVIEWS, "verbs": ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"]}
]
KUBE_DNS_PODS = {"podSelector": {"matchLabels": {"k8s-app": "kube-dns"}}}
AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"  # AWS's documented example secret access key
IRSA = {
    "AWS_REGION": "eu-west-1",
    "AWS_ROLE_ARN": "arn:aws:iam::111111111111:role/acme-shop",
    "AWS_STS_REGIONAL_ENDPOINTS": "regional",
}
EC_KEY = (
    "-----BEGIN EC PRIVATE KEY-----\n"
    "MHcCAQEEIBYr9tJdC5yVgPj1ZqzJmN0kH3xQh4Zb8s2Lx7c1YvQBoAoGCCqGSM49\n"
    "AwEHoUQDQgAE3j0b7mPq9XzN5vR1sT8wK2yU4hJ6cL0dF9gA1bE7iM3nO5pQ2rS\n"
    "-----END EC PRIVATE KEY-----\n"
)
JWKS = json.dumps(
    {
        "keys": [
            {
                "kty": "EC",
                "crv": "P-256",
                "kid": "shop-2024-06",
                "use": "sig",
                "alg": "ES256",
                "x": "MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4",
                "y": "4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM",
            }
        ]
    }
)
PODS_ANY_SCOPE = [
    {
        "operations": ["CREATE", "UPDATE"],
        "apiGroups": [""],
        "apiVersions": ["v1"],
        "resources": ["pods"],
        "scope": "*",
    }
]
OWN = {"matchLabels": {NAME: "acme"}}


def aggregated(name: str, rules: Any, labels: dict[str, str]) -> Obj:
    return cluster_role(name, rules, labels)


def dns_egress(namespace_selector: Any, ports: Any = None) -> dict[str, Any]:
    """Every acme pod may reach the cluster DNS pods in the namespace ``namespace_selector`` selects."""
    return {
        "podSelector": {},
        "policyTypes": ["Egress"],
        "egress": [
            {
                "to": [{"namespaceSelector": namespace_selector, **KUBE_DNS_PODS}],
                "ports": DNS_PORTS if ports is None else ports,
            }
        ],
    }


def drainer_role() -> list[Obj]:
    """A Role that lets the app's own service account evict its pods (a rollout helper)."""
    return [
        role(
            "shop-drainer",
            [
                {"apiGroups": [""], "resources": ["pods"], "verbs": ["get", "list"]},
                {"apiGroups": [""], "resources": ["pods/eviction"], "verbs": ["create"]},
            ],
        ),
        role_binding(("Role", "shop-drainer"), service_account("acme", "shop"), name="shop-drainer"),
    ]


def impersonator(resources: Any) -> list[Obj]:
    return [
        role("ci-impersonate", [{"apiGroups": [""], "resources": resources, "verbs": ["impersonate"]}]),
        role_binding(("Role", "ci-impersonate"), group("acme-devs"), name="ci-impersonate"),
    ]


def internal_nlb() -> Obj:
    return add(
        "kubernetes:core/v1:Service",
        "acme-shop-internal-svc",
        metadata={
            "name": "shop-internal",
            "namespace": "acme",
            "annotations": {
                "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal",
                "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type": "ip",
            },
        },
        spec={
            "type": "LoadBalancer",
            "loadBalancerClass": "service.k8s.aws/nlb",
            "selector": APP,
            "ports": [{"name": "https", "port": 443, "targetPort": 8443}],
        },
    )


def keda(min_replicas: Any = 2) -> list[Obj]:
    """A ScaledObject on the RabbitMQ queue length, authenticated by a TriggerAuthentication that takes the
    connection string from a masked Secret (secretTargetRef)."""
    return [
        k8s_secret(
            "rabbitmq-conn",
            type="Opaque",
            stringData=secret({"host": "amqp://shop:Tr0ub4dor-and-3@rabbitmq.acme.svc:5672/"}),
        ),
        custom(
            "keda.sh/v1alpha1",
            "TriggerAuthentication",
            "rabbitmq-auth",
            {"secretTargetRef": [{"parameter": "host", "name": "rabbitmq-conn", "key": "host"}]},
        ),
        custom(
            "keda.sh/v1alpha1",
            "ScaledObject",
            "shop",
            {
                "scaleTargetRef": {"name": "shop"},
                "minReplicaCount": min_replicas,
                "maxReplicaCount": 6,
                "triggers": [
                    {
                        "type": "rabbitmq",
                        "metadata": {"queueName": "orders", "mode": "QueueLength", "value": "20"},
                        "authenticationRef": {"name": "rabbitmq-auth"},
                    }
                ],
            },
        ),
    ]


def snapshot(snapshot_class: Any = "ebs-csi") -> list[Obj]:
    """The app's data PVC and a CSI VolumeSnapshot of it (the snapshot stays with the cluster's storage)."""
    return [
        add(
            "kubernetes:core/v1:PersistentVolumeClaim",
            "acme-shop-data-pvc",
            metadata={"name": "shop-data", "namespace": "acme", "labels": APP},
            spec={
                "accessModes": ["ReadWriteOnce"],
                "storageClassName": "gp3",
                "resources": {"requests": {"storage": "20Gi"}},
            },
        ),
        custom(
            "snapshot.storage.k8s.io/v1",
            "VolumeSnapshot",
            "shop-data-nightly",
            {"volumeSnapshotClassName": snapshot_class, "source": {"persistentVolumeClaimName": "shop-data"}},
        ),
    ]


def ns_residency(value: Any) -> Obj:
    """A NamespacePatch of acme that sets its fleet-residency label."""
    return patch("Namespace", "acme-ns-residency-patch", {"name": "acme", "labels": {"fleet-residency": value}})


def app_objects(image: Any = "registry.example.com/acme/shop:1.4.2") -> list[Obj]:
    return [app_sa(), deployment(image=image), app_service()]


def tenant_on_aks(location: str, country: str, residency: str, image: Any = None) -> Build:
    def build(s: Stack) -> None:
        k8s = aks_at(s, "aks1", location, country)
        tenant(s, k8s, "acme", residency=residency)
        for make in app_objects(*(() if image is None else (image,))):
            make(s, k8s)

    return build


def existing_at(s: Stack, name: str, country: Any, site: str) -> str:
    """An existing (on-premises) fleet cluster component, placed by the country its spec declares, with its
    Kubernetes provider (no cloud provider: the fleet builds nothing of the cluster)."""
    component = s.add(
        "fleet:clusters:ExistingCluster", name, clusterName=name, cloud="existing", country=country, site=site
    )
    kubeconfig = secret(f"apiVersion: v1\ncurrent-context: {name}")
    return s.provider("kubernetes", f"{name}-k8s", parent=component, kubeconfig=kubeconfig)


def tenant_on_existing(country: Any, residency: str, site: str = "frankfurt-dc1") -> Build:
    def build(s: Stack) -> None:
        k8s = existing_at(s, "dc1", country, site)
        tenant(s, k8s, "acme", residency=residency)
        for make in app_objects():
            make(s, k8s)

    return build


def oncall_view_patched(subjects: Any, metadata: dict[str, Any] | None = None) -> Build:
    """The platform on-call's cluster-wide view binding, made in the stack, and a ClusterRoleBindingPatch of
    it (server-side apply; a binding's subjects are one atomic list), on a cluster with acme and globex."""
    return two_tenants(
        cluster_role_binding("view", group("platform-oncall"), name="platform-oncall-view"),
        patch(
            "ClusterRoleBinding",
            "platform-oncall-view-patch",
            {"name": "platform-oncall-view", **(metadata or {})},
            f"{RBAC}/v1",
            subjects=subjects,
        ),
    )


def with_platform_namespace(s: Stack, k8s: str) -> str:
    """The platform's own tools namespace (no fleet-tenant label) on the same cluster."""
    return s.add(NS, "platform-tools-ns", k8s, metadata={"name": "platform-tools", "labels": {"team": "platform"}})


# ============================================================================ tenant isolation

# Aggregated ClusterRoles (FLEET-TEN-010): what everyday add-ons aggregate into admin, edit and view.

# Complies: metrics-server's aggregated metrics reader (get, list, watch PodMetrics in metrics.k8s.io),
# aggregated into view, edit and admin: read access to namespaced metrics is what aggregation is for.
case("kube-aggregate-pod-metrics-reader", ISOLATION, cite=DOC["metrics-server"])(
    iso(aggregated("metrics-pods-reader", POD_METRICS, ALL_AGG))
)
# Violates: the same reader also reads core Nodes (cluster-scoped objects that decide isolation), so every
# tenant's viewers list and read the cluster's nodes.
case("kube-aggregate-pod-metrics-and-nodes-reader", ISOLATION, "DENY", DOC["aggregation"])(
    iso(aggregated("metrics-pods-reader", [*POD_METRICS, *CORE_NODES], ALL_AGG))
)
# Complies: External Secrets' view role: read access to its namespaced custom resources (ExternalSecrets,
# SecretStores, PushSecrets) aggregated into view, edit and admin. It reads no core Secrets.
case("kube-aggregate-external-secrets-view", ISOLATION, cite=DOC["eso-rbac"])(
    iso(aggregated("external-secrets-view", ESO_READ, ALL_AGG))
)
# Violates: the preview operator aggregates every verb ("*") on its own custom resource into admin: a
# wildcard verb, refused whatever the resource.
case("kube-aggregate-admin-own-crd-wildcard-verbs", ISOLATION, "DENY", DOC["aggregation"])(
    iso(aggregated("previews-admin", PREVIEWS_ALL, ADMIN_AGG))
)
# Complies: the same rule with its verbs listed (deletecollection included): writes to the operator's own
# custom resource, which is what aggregating into admin is for.
case("kube-aggregate-admin-own-crd-listed-verbs", ISOLATION, cite=DOC["aggregation"])(
    iso(aggregated("previews-admin", PREVIEWS_LISTED, ADMIN_AGG))
)

# DNS egress (FLEET-TEN-003): which namespace label names kube-system.

# Violates: DNS egress selects the namespace by the label "name: kube-system", which many examples use but
# nothing sets or protects (only kubernetes.io/metadata.name is set by the control plane): any namespace
# labelled name=kube-system, a neighbour's included, with pods labelled k8s-app=kube-dns is admitted.
case("kube-np-dns-egress-name-label", ISOLATION, "DENY", DOC["ns-name-label"])(
    iso(policy(dns_egress({"matchLabels": {"name": "kube-system"}}), name="allow-dns"), neighbour=True)
)
# Complies: the same egress, with kube-system named by the immutable kubernetes.io/metadata.name label
# through a matchExpressions "In".
case("kube-np-dns-egress-metadata-name-in", ISOLATION, cite=DOC["netpol"])(
    iso(
        policy(
            dns_egress({"matchExpressions": [{"key": NAME, "operator": "In", "values": ["kube-system"]}]}),
            name="allow-dns",
        ),
        neighbour=True,
    )
)

# Roles in the tenant's namespace (FLEET-TEN-004).

# Violates: the tenant's developers may impersonate groups ("impersonate" on groups): they can act as any
# group, system:masters included; the contract allows impersonation of the namespace's service accounts only.
case("kube-role-impersonate-groups", ISOLATION, "DENY", DOC["impersonation"])(iso(*impersonator(["groups"])))
# Complies: the app's own service account may evict its pods (create pods/eviction, the API a rollout or
# drain helper uses): none of the powers the contract refuses.
case("kube-role-pods-eviction-own-sa", ISOLATION, cite=DOC["eviction"])(iso(app_sa(), deployment(), *drainer_role()))

# Webhooks and Services (FLEET-TEN-008, FLEET-TEN-007).

# Complies: a mutating webhook served from acme on Pods with scope "*", scoped to acme by name: Pods are
# namespaced, so the namespaceSelector bounds every request it receives to acme.
case("kube-webhook-own-pods-any-scope", ISOLATION, cite=DOC["webhook-scope"])(
    two_tenants(webhook(ACME_SVC, OWN, PODS_ANY_SCOPE))
)
# Complies: an internal Network Load Balancer for the app (AWS Load Balancer Controller annotations,
# loadBalancerClass service.k8s.aws/nlb): no externalIPs.
case("kube-service-internal-nlb", ISOLATION, cite=DOC["aws-lb"])(iso(app_sa(), deployment(), internal_nlb()))

# Credentials in ConfigMaps (FLEET-SEC-002).

# Violates: the AWS secret access key (AWS's documented example) in a ConfigMap beside the region.
case("kube-configmap-aws-secret-access-key", ISOLATION, "DENY", DOC["aws-keys"])(
    iso(configmap({"AWS_REGION": "eu-west-1", "AWS_SECRET_ACCESS_KEY": AWS_SECRET}, name="aws"))
)
# Complies: the IRSA settings (region, role ARN, regional STS endpoints): identifiers, no credential.
case("kube-configmap-aws-irsa-settings", ISOLATION, cite=DOC["irsa"])(iso(configmap(IRSA, name="aws")))
# Violates: the app's ES256 signing key as a SEC1 PEM ("BEGIN EC PRIVATE KEY") under a neutral key name.
case("kube-configmap-sec1-ec-private-key", ISOLATION, "DENY", DOC["sec1"])(
    iso(configmap({"es256.pem": EC_KEY}, name="token-signing"))
)
# Complies: the JSON Web Key Set the app verifies tokens with: public EC keys (x, y, no private "d").
case("kube-configmap-jwks-public-keys", ISOLATION, cite=DOC["jwks"])(
    iso(configmap({"jwks.json": JWKS}, name="token-verify"))
)

# Everyday objects with no credential, no RBAC and no reopened traffic.

# Complies: a KEDA ScaledObject on the RabbitMQ queue, authenticated through a TriggerAuthentication that
# references a masked Secret (secretTargetRef): the connection string is only in the Secret.
case("kube-keda-scaledobject-trigger-auth-secret-ref", ISOLATION, cite=DOC["keda-auth"])(
    iso(app_sa(), deployment(), *keda())
)
# Complies: a CSI VolumeSnapshot of the app's PVC, on the tenant's own EU cluster.
case("kube-volume-snapshot-of-pvc", ISOLATION, cite=DOC["volume-snapshot"])(iso(*snapshot()))

# Dedicated-cluster claims (FLEET-TEN-005).

# Complies: acme's dedicated cluster also holds the platform's tools namespace, which carries no
# fleet-tenant label: no other tenant's namespace, so the claim is true.
case("kube-dedicated-beside-platform-namespace", ISOLATION, cite=DOC["crb-api"])(
    iso(labelled(DEDICATED, CLAIM), with_platform_namespace, isolation="cluster")
)


# ============================================================================ providers and patches

# Violates: a NamespacePatch sets acme's fleet-residency to ch (Switzerland only); acme and its app run on
# eu1, in Ireland.
case("kube-ns-patch-residency-ch-on-ireland", PROVIDERS, "DENY", DOC["ns-patch"])(
    iso(*app_objects(), ns_residency("ch"))
)
# Complies: the NamespacePatch sets acme's residency to eu: Ireland is a member state.
case("kube-ns-patch-residency-eu-on-ireland", PROVIDERS, cite=DOC["eu-countries"])(
    iso(*app_objects(), ns_residency("eu"))
)
# Complies: in GDPR acme on Ireland, a ConfigMap carries fleet-residency=ch as an annotation, not a label:
# an object's regime is its own label, else its namespace's; annotations are not labels.
case("kube-configmap-residency-annotation-only", PROVIDERS, cite=DOC["labels"])(
    iso(
        add(
            "kubernetes:core/v1:ConfigMap",
            "acme-shop-config-cm",
            metadata={"name": "shop-config", "namespace": "acme", "annotations": {"fleet-residency": "ch"}},
            data={"LOG_LEVEL": "info"},
        )
    )
)
# Complies: a GDPR (EEA) tenant on AKS in norwayeast (Oslo): Norway is in the EEA.
case("kube-gdpr-tenant-on-aks-norway", PROVIDERS, cite=DOC["eea"])(tenant_on_aks("norwayeast", "NO", "gdpr"))
# Violates: an eu tenant (the member states) on AKS in norwayeast: Norway is not a member state.
case("kube-eu-tenant-on-aks-norway", PROVIDERS, "DENY", DOC["eu-countries"])(tenant_on_aks("norwayeast", "NO", "eu"))
# Complies: a GDPR tenant on an existing (on-premises) cluster whose component declares Germany.
case("kube-gdpr-tenant-on-existing-de", PROVIDERS, cite=DOC["eea"])(tenant_on_existing("DE", "gdpr"))
# Violates: the GDPR tenant on an existing cluster whose component declares Switzerland (not in the EEA).
case("kube-gdpr-tenant-on-existing-ch", PROVIDERS, "DENY", DOC["eea"])(
    tenant_on_existing("CH", "gdpr", site="zurich-dc2")
)
# Complies: a ch tenant on that existing Swiss cluster.
case("kube-ch-tenant-on-existing-ch", PROVIDERS, cite=DOC["eea"])(tenant_on_existing("CH", "ch", site="zurich-dc2"))
# Violates: a ClusterRoleBindingPatch of the platform on-call's view binding (made in the stack) sets its
# subjects to the on-call group and acme's owner group: merged or as written, acme's admins get view on
# every namespace, globex's included.
case("kube-crb-patch-in-stack-adds-tenant-owner-group", PROVIDERS, "DENY", DOC["crb-patch"])(
    oncall_view_patched([group("platform-oncall"), group("acme-admins")])
)
# Complies: the patch sets the subjects to the on-call and SRE groups (the platform's, no tenant's).
case("kube-crb-patch-in-stack-platform-groups", PROVIDERS, cite=DOC["crb-patch"])(
    oncall_view_patched([group("platform-oncall"), group("platform-sre")])
)


# ============================================================================ unknown at preview

# Violates: the NamespacePatch sets acme's residency to ch on Ireland; only the Deployment's image is unknown.
case("kube-pre-ns-patch-ch-image-unknown", PREVIEW, "DENY", DOC["ns-patch"])(
    iso(*app_objects(image=UNKNOWN), ns_residency("ch"))
)
# Violates: AWS_SECRET_ACCESS_KEY is in the ConfigMap; only the region's value is unknown.
case("kube-pre-configmap-aws-secret-key-region-unknown", PREVIEW, "DENY", DOC["aws-keys"])(
    iso(configmap({"AWS_REGION": UNKNOWN, "AWS_SECRET_ACCESS_KEY": AWS_SECRET}, name="aws"))
)
# Violates: wildcard verbs aggregated into admin; only the custom resource's plural is unknown.
case("kube-pre-aggregate-admin-wildcard-resource-unknown", PREVIEW, "DENY", DOC["aggregation"])(
    iso(
        aggregated(
            "previews-admin",
            [{"apiGroups": ["previews.acme.example.com"], "resources": [UNKNOWN], "verbs": ["*"]}],
            ADMIN_AGG,
        )
    )
)
# Violates: DNS egress selected by the "name" label; only the DNS port list is unknown.
case("kube-pre-np-dns-name-label-ports-unknown", PREVIEW, "DENY", DOC["ns-name-label"])(
    iso(
        policy(dns_egress({"matchLabels": {"name": "kube-system"}}, ports=UNKNOWN), name="allow-dns"),
        neighbour=True,
    )
)
# Violates: the eu tenant on AKS in Norway; only the Deployment's image is unknown.
case("kube-pre-eu-tenant-aks-norway-image-unknown", PREVIEW, "DENY", DOC["eu-countries"])(
    tenant_on_aks("norwayeast", "NO", "eu", image=UNKNOWN)
)
# Violates: the ClusterRoleBindingPatch names acme's owner group; only the patch's annotations are unknown.
case("kube-pre-crb-patch-tenant-group-annotations-unknown", PREVIEW, "DENY", DOC["crb-patch"])(
    oncall_view_patched([group("platform-oncall"), group("acme-admins")], {"annotations": UNKNOWN})
)
# Complies: the pod metrics reader aggregated into view, edit and admin; only its name is unknown.
case("kube-pre-aggregate-pod-metrics-name-unknown", PREVIEW, cite=DOC["unknowns"])(
    iso(
        add(
            CR,
            "metrics-pods-reader-cr",
            metadata={"name": UNKNOWN, "labels": ALL_AGG},
            rules=POD_METRICS,
        )
    )
)
# Complies: the webhook on Pods of any scope, scoped to acme; only its caBundle is unknown.
case("kube-pre-webhook-own-pods-cabundle-unknown", PREVIEW, cite=DOC["webhook-api"])(
    two_tenants(webhook({**ACME_SVC, "caBundle": UNKNOWN}, OWN, PODS_ANY_SCOPE))
)
# Complies: the VolumeSnapshot's class name is unknown (it comes from another resource's output).
case("kube-pre-volume-snapshot-class-unknown", PREVIEW, cite=DOC["unknowns"])(iso(*snapshot(UNKNOWN)))
# Complies: the KEDA ScaledObject's minimum replica count is unknown.
case("kube-pre-keda-min-replicas-unknown", PREVIEW, cite=DOC["unknowns"])(iso(app_sa(), deployment(), *keda(UNKNOWN)))


# ============================================================================ malformed shapes
# A property that decides has the wrong shape: a correct pack reports it cannot evaluate (mandatory) and
# neither crashes nor passes it.

# Cannot evaluate: the NamespacePatch's fleet-residency label value is a list (["ch"]).
case("kube-bad-ns-patch-residency-list", MALFORMED, "DENY", DOC["ns-patch"])(iso(*app_objects(), ns_residency(["ch"])))
# Cannot evaluate: a webhook served from acme, scoped by name, whose rule's scope is a list (["Namespaced"]).
case("kube-bad-webhook-rule-scope-list", MALFORMED, "DENY", DOC["webhook-api"])(
    two_tenants(webhook(ACME_SVC, OWN, [{**PODS_ANY_SCOPE[0], "scope": ["Namespaced"]}]))
)
# Cannot evaluate: a role aggregated into view whose rule's apiGroups is a map.
case("kube-bad-aggregate-view-api-groups-map", MALFORMED, "DENY", DOC["role-api"])(
    iso(
        aggregated(
            "metrics-pods-reader",
            [{"apiGroups": {"group": ""}, "resources": ["pods", "secrets"], "verbs": ["get"]}],
            VIEW_AGG,
        )
    )
)
# Cannot evaluate: the DNS egress peer's namespaceSelector is a list of selectors.
case("kube-bad-np-namespace-selector-list", MALFORMED, "DENY", DOC["netpol-api"])(
    iso(policy(dns_egress([{"matchLabels": {NAME: "kube-system"}}, {}]), name="allow-dns"), neighbour=True)
)
# Cannot evaluate: the existing cluster's declared country is a list (["DE", "CH"]) for a GDPR tenant.
case("kube-bad-existing-cluster-country-list", MALFORMED, "DENY", DOC["eea"])(tenant_on_existing(["DE", "CH"], "gdpr"))
# Cannot evaluate: the ClusterRoleBindingPatch's subjects are one map (acme's owner group), not a list.
case("kube-bad-crb-patch-subjects-map", MALFORMED, "DENY", DOC["crb-api"])(oncall_view_patched(group("acme-admins")))
# Cannot evaluate: the bound impersonation Role's rule names its resources as the string "groups".
case("kube-bad-role-impersonate-resources-string", MALFORMED, "DENY", DOC["role-api"])(iso(*impersonator("groups")))
# Cannot evaluate: a ConfigMap's data is one string ("AWS_SECRET_ACCESS_KEY=..."), not a map.
case("kube-bad-configmap-data-string", MALFORMED, "DENY", DOC["configmap-api"])(
    iso(configmap(f"AWS_SECRET_ACCESS_KEY={AWS_SECRET}", name="aws"))
)
