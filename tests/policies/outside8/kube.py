"""Kubernetes isolation cases of the eighth outside corpus: the everyday objects a tenant team deploys
(Jobs, PersistentVolumeClaims, ExternalSecrets, SealedSecrets, ServiceMonitors with the NetworkPolicy that
lets Prometheus scrape, VerticalPodAutoscalers, ConfigMaps for Django, Stripe, GitHub and Celery, ingress
from Cloudflare's and GitHub's published ranges) in their ordinary compliant forms, beside subtle
violations the seven earlier outside corpora did not try: framework signing keys, payment secret keys and
GitHub tokens in ConfigMaps, a broker URL whose userinfo is a password with an empty user name, ipBlocks
that look public but contain a private range, a cluster-wide CRD reader for the tenant's CI, an
aggregated edit role that creates Namespaces, a dedicated-cluster claim beside a namespace of another
tenant name, DeploymentPatch, ConfigMapPatch binaryData and ClusterRolePatch of an aggregated role, an
``eu`` tenant on GKE in Zurich, a Deployment whose parent is one cluster's component but whose provider is
another's, values unknown at preview and malformed shapes.

Written from Kubernetes, Pulumi and vendor documentation and the pack's user-facing contract
(docs/RULES.md, docs/SPEC.md, README.md, what fleet/tenancy renders), by a helper that did not read the
pack's rules, its configs, its tests or the tuned corpus's cases. Each case only says whether a correct
pack reports some mandatory violation (``expect="DENY"``) or none; a comment above it says why, and it cites
the page the outcome rests on. The stacks are built with the helpers of the seven earlier outside corpora.

``UNKNOWN`` stands for a value the engine only learns at the update. Where the decision does not need it a
correct pack decides as if it were known; where it does, the pack defers (advisory FLEET-PRE-001), which
is no mandatory violation.
"""

from __future__ import annotations

import base64
from typing import Any

from tests.policies.corpus import UNKNOWN, Stack, secret
from tests.policies.outside.corpus import (
    PROJECT,
    _find,
    cluster,
    cluster_role,
    cluster_role_binding,
    group,
    service_account,
    tenant,
)
from tests.policies.outside2.corpus import ACME_SVC, CLAIM, EDIT_AGG, VIEW_AGG, Obj, iso, labelled
from tests.policies.outside3.kube import add, patch, policy
from tests.policies.outside4.kube import relabel_ns
from tests.policies.outside5.kube import webhook
from tests.policies.outside6.kube import (
    APP,
    FAKE_CERT,
    FAKE_KEY,
    WRITE,
    app_sa,
    app_service,
    configmap,
    deployment,
    k8s_secret,
    pod_template,
    two_tenants,
)
from tests.policies.outside7.kube import SECRET_REF, app_release, custom, ip_block, to_app
from tests.policies.outside8.common import Build, case

ISOLATION = "tenant-isolation"
PROVIDERS = "k8s-providers-and-patches"
PREVIEW = "unknown-at-preview"
MALFORMED = "malformed"

RBAC = "rbac.authorization.k8s.io"
NAME = "kubernetes.io/metadata.name"
NS = "kubernetes:core/v1:Namespace"

DOC = {
    # credentials
    "django": "https://docs.djangoproject.com/en/stable/ref/settings/#secret-key",
    "stripe": "https://docs.stripe.com/keys",
    "github-pat": "https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens",
    "celery-redis": "https://docs.celeryq.dev/en/stable/getting-started/backends-and-brokers/redis.html",
    "configmap-api": "https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/config-map-v1/",
    "configmap-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/core/v1/configmappatch/",
    "external-secret": "https://external-secrets.io/latest/api/externalsecret/",
    "sealed-secrets": "https://github.com/bitnami-labs/sealed-secrets#overview",
    "helm-release": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/helm/v3/release/",
    # workloads
    "job": "https://kubernetes.io/docs/concepts/workloads/controllers/job/",
    "pvc": "https://kubernetes.io/docs/concepts/storage/persistent-volumes/#persistentvolumeclaims",
    "servicemonitor": "https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.ServiceMonitor",
    "vpa": "https://github.com/kubernetes/autoscaler/tree/master/vertical-pod-autoscaler",
    "deployment-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/apps/v1/deploymentpatch/",
    # network
    "netpol": "https://kubernetes.io/docs/concepts/services-networking/network-policies/",
    "netpol-api": "https://kubernetes.io/docs/reference/kubernetes-api/networking-resources/network-policy-v1/",
    "rfc1918": "https://datatracker.ietf.org/doc/html/rfc1918#section-3",
    "cloudflare-ips": "https://www.cloudflare.com/ips/",
    "github-meta": "https://docs.github.com/en/rest/meta/meta#get-github-meta-information",
    # RBAC and claims
    "rbac": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/",
    "rbac-subjects": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-subjects",
    "crb-api": "https://kubernetes.io/docs/reference/kubernetes-api/authorization-resources/cluster-role-binding-v1/",
    "aggregation": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#aggregated-clusterroles",
    "crd": "https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/",
    "cr-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/rbac/v1/clusterrolepatch/",
    "namespace-api": "https://kubernetes.io/docs/reference/kubernetes-api/cluster-resources/namespace-v1/",
    "webhook-api": "https://kubernetes.io/docs/reference/kubernetes-api/extend-resources/validating-webhook-configuration-v1/",
    # providers and regions
    "gcp-regions": "https://cloud.google.com/compute/docs/regions-zones#available",
    "pulumi-parent": "https://www.pulumi.com/docs/iac/concepts/options/parent/",
    "pulumi-provider": "https://www.pulumi.com/docs/iac/concepts/options/provider/",
    "unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
}


# ------------------------------------------------------------------------------------ helpers

HTTPS = [{"protocol": "TCP", "port": 8443}]
CLOUDFLARE = ["173.245.48.0/20", "103.21.244.0/22", "104.16.0.0/13", "172.64.0.0/13"]
GITHUB_HOOKS = ["192.30.252.0/22", "185.199.108.0/22", "140.82.112.0/20", "143.55.64.0/20"]
DJANGO = {"DJANGO_SETTINGS_MODULE": "shop.settings.production", "ALLOWED_HOSTS": "shop.acme.example.com"}
STRIPE = {"STRIPE_API_VERSION": "2024-06-20", "STRIPE_ACCOUNT_COUNTRY": "IE"}
STRIPE_SECRET = "sk_test_51Hq8xQ2eZvKYlo2C7aB3dE4fG5hJ6kL7mN8pQ9rS0tU1vW2xY3z"
GITHUB = {
    "GITHUB_REPOSITORY": "acme/shop",
    "GITHUB_API_URL": "https://api.github.com",
    "GITHUB_SERVER_URL": "https://github.com",
}
CRD_READ = [
    {
        "apiGroups": ["apiextensions.k8s.io"],
        "resources": ["customresourcedefinitions"],
        "verbs": ["get", "list", "watch"],
    }
]
WIDGETS_READ = [{"apiGroups": ["example.com"], "resources": ["widgets"], "verbs": ["get", "list", "watch"]}]
SECRETS_READ = [{"apiGroups": [""], "resources": ["secrets"], "verbs": ["get", "list"]}]
PREVIEWS_WRITE = [
    {
        "apiGroups": ["previews.acme.example.com"],
        "resources": ["previewenvironments"],
        "verbs": [*WRITE, "delete"],
    }
]
CH = {"fleet-residency": "ch"}
GDPR = {"fleet-residency": "gdpr"}


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def from_ranges(*cidrs: str, ports: Any = None, app: Any = "shop") -> dict[str, Any]:
    """A policy opening the app's pods (app=``app``) for ingress on 8443 from the public ``cidrs``."""
    spec = to_app(*(ip_block(c) for c in cidrs), ports=HTTPS if ports is None else ports)
    spec["podSelector"] = {"matchLabels": {"app": app}}
    return spec


def ci_crd_reader(subject: dict[str, Any]) -> list[Obj]:
    """A ClusterRole the stack defines that reads CRDs (what `helm upgrade` checks for a chart's CRDs),
    bound cluster-wide to ``subject``."""
    return [
        cluster_role("ci-crd-reader", CRD_READ),
        cluster_role_binding("ci-crd-reader", subject, name="ci-crd-reader"),
    ]


def dedicated_with(second: str, *, tenant_label: Any = None, owners: Any = None, second_claims: bool = False) -> Build:
    """acme claims eu1 as its dedicated cluster (namespace and cluster-admin binding labelled
    fleet-isolation=cluster); a second fully guarded namespace, acme-batch, labelled fleet-tenant=``second``
    (or ``tenant_label`` set afterwards), is on the same cluster."""

    def build(s: Stack) -> None:
        _, k8s = cluster(s)
        first = tenant(s, k8s, "acme")
        relabel_ns(first, s, **{"fleet-isolation": "cluster"})
        labelled(cluster_role_binding("cluster-admin", group("acme-admins"), name="acme-cluster-admin"), CLAIM)(s, k8s)
        other = tenant(s, k8s, "acme-batch", name=second)
        if second_claims:
            relabel_ns(other, s, **{"fleet-isolation": "cluster"})
        if tenant_label is not None:
            relabel_ns(other, s, **{"fleet-tenant": tenant_label})
        if owners is not None:
            ns = _find(s, other)
            meta = ns.inputs["metadata"]
            ns.inputs = {**ns.inputs, "metadata": {**meta, "annotations": {"fleet.dev/owners-admin": owners}}}

    return build


def gke_at(s: Stack, name: str, region: str, country: str) -> str:
    """A GKE fleet cluster component in ``region`` with its gcp and Kubernetes providers."""
    component_urn = s.add(
        "fleet:clusters:GkeCluster", name, clusterName=name, cloud="gcp", region=region, country=country
    )
    s.provider("gcp", f"{name}-gcp", parent=component_urn, project=PROJECT, region=region)
    return s.provider("kubernetes", f"{name}-k8s", parent=component_urn, kubeconfig=secret('{"apiVersion": "v1"}'))


def eu_tenant_on_gke(region: str, country: str) -> Build:
    def build(s: Stack) -> None:
        k8s = gke_at(s, "gke1", region, country)
        tenant(s, k8s, "acme", residency="eu")
        for make in (app_sa(), deployment(), app_service()):
            make(s, k8s)

    return build


def parented_elsewhere(through: str) -> Build:
    """acme (GDPR) fully guarded on eu1 (Ireland); a second cluster us1 (N. Virginia) holds no tenant. The
    app's Deployment, labelled fleet-residency=gdpr, goes through ``through``'s Kubernetes provider and is
    registered under the other cluster's component."""

    def build(s: Stack) -> None:
        eu_component, eu = cluster(s)
        tenant(s, eu, "acme")
        us_component, us = cluster(s, "us1", "aws", "us-east-1")
        app_sa()(s, eu)
        k8s, parent = (eu, us_component) if through == "eu1" else (us, eu_component)
        urn = deployment(labels=GDPR)(s, k8s)
        _find(s, urn).parent = parent

    return build


def deployment_patch(metadata: dict[str, Any], spec: Any) -> Obj:
    return patch("Deployment", "acme-shop-deploy-patch", metadata, "apps/v1", spec=spec)


SHOP_META = {"name": "shop", "namespace": "acme"}


def widgets_view_patched(rules: Any, metadata: dict[str, Any] | None = None) -> Build:
    """An aggregated-into-view ClusterRole the stack defines (widgets read) and a ClusterRolePatch of it
    whose rules replace the role's (a ClusterRole's rules are an atomic list)."""
    return iso(
        cluster_role("acme-widgets-view", WIDGETS_READ, VIEW_AGG),
        patch(
            "ClusterRole",
            "acme-widgets-view-patch",
            {"name": "acme-widgets-view", **(metadata or {})},
            f"{RBAC}/v1",
            rules=rules,
        ),
    )


def job(env: list[dict[str, Any]], image: Any = "registry.example.com/acme/shop-migrate:1.4.2") -> Obj:
    template = pod_template(image)
    spec = template["spec"]
    return add(
        "kubernetes:batch/v1:Job",
        "acme-shop-migrate-job",
        metadata={"name": "shop-migrate-1-4-2", "namespace": "acme"},
        spec={
            "backoffLimit": 2,
            "ttlSecondsAfterFinished": 3600,
            "template": {
                "metadata": template["metadata"],
                "spec": {
                    **spec,
                    "restartPolicy": "Never",
                    "containers": [{**spec["containers"][0], "args": ["migrate"], "env": env}],
                },
            },
        },
    )


def external_secret(remote_key: Any) -> Obj:
    return custom(
        "external-secrets.io/v1beta1",
        "ExternalSecret",
        "shop-db",
        {
            "refreshInterval": "1h",
            "secretStoreRef": {"kind": "ClusterSecretStore", "name": "aws-secrets-manager"},
            "target": {"name": "shop-db", "creationPolicy": "Owner"},
            "data": [{"secretKey": "password", "remoteRef": {"key": remote_key, "property": "password"}}],
        },
    )


def crb_with_subject(subject: dict[str, Any]) -> Obj:
    return add(
        "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding",
        "ci-crd-reader-crb",
        metadata={"name": "ci-crd-reader"},
        roleRef={"apiGroup": RBAC, "kind": "ClusterRole", "name": "ci-crd-reader"},
        subjects=[subject],
    )


# ============================================================================ tenant isolation

# Credentials in ConfigMaps (FLEET-SEC-002): the settings of everyday frameworks and services.

# Violates: Django's SECRET_KEY (it signs sessions, password reset tokens and messages) in a ConfigMap.
case("kube-configmap-django-secret-key", ISOLATION, "DENY", DOC["django"])(
    iso(
        app_sa(),
        deployment(),
        configmap({**DJANGO, "SECRET_KEY": "k3#v9!t2m^x8q@p1z7w0r5y6u4e3o2i1-shop-prod"}, name="django"),
    )
)
# Complies: the settings module and allowed hosts only; the key comes from a masked Secret.
case("kube-configmap-django-settings", ISOLATION, cite=DOC["django"])(
    iso(
        app_sa(),
        deployment(),
        configmap(DJANGO, name="django"),
        k8s_secret("django", type="Opaque", stringData=secret({"SECRET_KEY": "k3#v9!t2m^x8q@p1z7w0r5y6u4e3o2i1"})),
    )
)
# Violates: a Stripe secret API key ("sk_..."; it can make any API request for the account) in a ConfigMap.
case("kube-configmap-stripe-secret-key", ISOLATION, "DENY", DOC["stripe"])(
    iso(configmap({**STRIPE, "STRIPE_SECRET_KEY": STRIPE_SECRET}, name="stripe"))
)
# Complies: the pinned API version and the account's country: "API" in a key's name is no API key.
case("kube-configmap-stripe-api-version", ISOLATION, cite=DOC["stripe"])(iso(configmap(STRIPE, name="stripe")))
# Violates: a GitHub personal access token (GITHUB_TOKEN) in a ConfigMap beside the repository settings.
case("kube-configmap-github-token", ISOLATION, "DENY", DOC["github-pat"])(
    iso(configmap({**GITHUB, "GITHUB_TOKEN": "ghp_Xk2f9Qm4Tz7Lp1Rv8Wc3Yb6Nd0Hs5Gj2Ae4K"}, name="github"))
)
# Complies: the repository and GitHub's API and server URLs only (public endpoints, no credential).
case("kube-configmap-github-repository-urls", ISOLATION, cite=DOC["github-pat"])(iso(configmap(GITHUB, name="github")))
# Violates: the Celery broker URL in Redis's documented form redis://:password@host:port/db: the user name
# is empty, the userinfo still carries a password. The key's name is neutral; the value is the credential.
case("kube-configmap-celery-broker-url-password-empty-user", ISOLATION, "DENY", DOC["celery-redis"])(
    iso(
        configmap(
            {"CELERY_BROKER_URL": "redis://:S3ss10n-Tr0ub4dor@redis-master.acme.svc:6379/0", "CELERY_TIMEZONE": "UTC"},
            name="celery",
        )
    )
)
# Complies: the broker URL without userinfo; the Redis password is in a masked Secret.
case("kube-configmap-celery-broker-url-no-userinfo", ISOLATION, cite=DOC["celery-redis"])(
    iso(
        configmap(
            {"CELERY_BROKER_URL": "redis://redis-master.acme.svc:6379/0", "CELERY_TIMEZONE": "UTC"}, name="celery"
        ),
        k8s_secret("redis-auth", type="Opaque", stringData=secret({"redis-password": "S3ss10n-Tr0ub4dor"})),
    )
)

# Everyday objects with no credential, no RBAC and no reopened traffic.

# Complies: a database migration Job (restricted pod, own service account) whose password comes from a
# masked Secret through secretKeyRef.
case("kube-job-migration-secret-ref", ISOLATION, cite=DOC["job"])(
    iso(
        app_sa(),
        k8s_secret("shop-db", type="Opaque", stringData=secret({"password": "Tr0ub4dor-and-3"})),
        job([{"name": "DB_HOST", "value": "db.acme.svc"}, {"name": "DB_PASSWORD", **SECRET_REF}]),
    )
)
# Complies: a PersistentVolumeClaim for the app's data (gp3, 20Gi): namespaced, bounded by the quota.
case("kube-pvc-app-data", ISOLATION, cite=DOC["pvc"])(
    iso(
        add(
            "kubernetes:core/v1:PersistentVolumeClaim",
            "acme-shop-data-pvc",
            metadata={"name": "shop-data", "namespace": "acme", "labels": APP},
            spec={
                "accessModes": ["ReadWriteOnce"],
                "storageClassName": "gp3",
                "resources": {"requests": {"storage": "20Gi"}},
            },
        )
    )
)
# Complies: an ExternalSecret that has the operator copy the password from the platform's secret store into
# the Secret shop-db: its spec holds references only (its "data" is a list of remote references, not a
# Secret's data map).
case("kube-external-secret-reference", ISOLATION, cite=DOC["external-secret"])(
    iso(app_sa(), deployment(), external_secret("prod/acme/shop-db"))
)
# Complies: a SealedSecret: its encryptedData is ciphertext only the cluster's controller can decrypt,
# "safe to store ... in a public repository".
case("kube-sealed-secret-encrypted-data", ISOLATION, cite=DOC["sealed-secrets"])(
    iso(
        custom(
            "bitnami.com/v1alpha1",
            "SealedSecret",
            "shop-db",
            {
                "encryptedData": {
                    "password": "AgBy3i4OJSWK+PiTySYZZA9rO43cGDEq4gHWTrnY3c8J1hZLrHJW9u1vAe9EqJ3kB6DA3u5e",
                },
                "template": {"metadata": {"name": "shop-db", "namespace": "acme"}, "type": "Opaque"},
            },
        )
    )
)
# Complies: a ServiceMonitor for the app, and the NetworkPolicy that lets the platform's Prometheus pods (in
# the monitoring namespace, named by its name label, no tenant's) scrape the app's metrics port.
case("kube-servicemonitor-np-from-monitoring", ISOLATION, cite=DOC["servicemonitor"])(
    iso(
        app_sa(),
        deployment(),
        app_service(),
        custom(
            "monitoring.coreos.com/v1",
            "ServiceMonitor",
            "shop",
            {"selector": {"matchLabels": APP}, "endpoints": [{"port": "metrics", "interval": "30s"}]},
        ),
        policy(
            {
                "podSelector": {"matchLabels": APP},
                "policyTypes": ["Ingress"],
                "ingress": [
                    {
                        "from": [
                            {
                                "namespaceSelector": {"matchLabels": {NAME: "monitoring"}},
                                "podSelector": {"matchLabels": {"app.kubernetes.io/name": "prometheus"}},
                            }
                        ],
                        "ports": [{"protocol": "TCP", "port": 9090}],
                    }
                ],
            },
            name="allow-prometheus",
        ),
        neighbour=True,
    )
)
# Complies: a VerticalPodAutoscaler recommending requests for the app (update mode Off).
case("kube-vpa-recommend-only", ISOLATION, cite=DOC["vpa"])(
    iso(
        app_sa(),
        deployment(),
        custom(
            "autoscaling.k8s.io/v1",
            "VerticalPodAutoscaler",
            "shop",
            {
                "targetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "shop"},
                "updatePolicy": {"updateMode": "Off"},
            },
        ),
    )
)

# Ingress from published public ranges (FLEET-TEN-003): ranges that look public but contain a private one.

# Complies: the app's port opened to four of Cloudflare's published ranges (origin pulls through its
# proxy): public, far fewer addresses than a /8 together.
case("kube-np-ingress-cloudflare-ranges", ISOLATION, cite=DOC["cloudflare-ips"])(
    iso(app_sa(), deployment(), policy(from_ranges(*CLOUDFLARE), name="shop-from-cloudflare"), neighbour=True)
)
# Violates: Cloudflare's 172.64.0.0/13 "widened" to 172.0.0.0/9: fewer addresses than a /8, but
# 172.0.0.0-172.127.255.255 contains the private 172.16.0.0/12, where other tenants' pods and the nodes are.
case("kube-np-ingress-172-9-contains-private", ISOLATION, "DENY", DOC["rfc1918"])(
    iso(app_sa(), deployment(), policy(from_ranges("172.0.0.0/9"), name="shop-from-cloudflare"), neighbour=True)
)
# Complies: the app's webhook receiver opened to GitHub's published hook ranges.
case("kube-np-ingress-github-hook-ranges", ISOLATION, cite=DOC["github-meta"])(
    iso(app_sa(), deployment(), policy(from_ranges(*GITHUB_HOOKS), name="shop-from-github"), neighbour=True)
)
# Violates: GitHub's 192.30.252.0/22 summarised as 192.0.0.0/8: no more addresses than a /8, but it contains
# the private 192.168.0.0/16.
case("kube-np-ingress-192-8-contains-private", ISOLATION, "DENY", DOC["rfc1918"])(
    iso(app_sa(), deployment(), policy(from_ranges("192.0.0.0/8"), name="shop-from-github"), neighbour=True)
)

# ClusterRoleBindings and aggregated roles (FLEET-TEN-002, FLEET-TEN-010).

# Violates: acme's CI (its tenant-deployer service account) may read CustomResourceDefinitions cluster-wide:
# a ClusterRoleBinding naming a tenant's service account, for a role that is no public information.
case("kube-crb-ci-crd-reader-tenant-deployer", ISOLATION, "DENY", DOC["crd"])(
    two_tenants(*ci_crd_reader(service_account("acme", "tenant-deployer")))
)
# Complies: the same role bound cluster-wide to the platform's Argo CD application controller (a service
# account of argocd, a namespace no tenant's): no tenant subject.
case("kube-crb-ci-crd-reader-platform-argocd", ISOLATION, cite=DOC["crb-api"])(
    two_tenants(*ci_crd_reader(service_account("argocd", "argocd-application-controller")))
)
# Violates: the team's preview-environment operator aggregates "create namespaces" into edit, so every
# tenant's editors may create Namespaces (and set their Pod Security and tenant labels).
case("kube-aggregate-edit-create-namespaces", ISOLATION, "DENY", DOC["aggregation"])(
    iso(
        cluster_role(
            "acme-previews-edit",
            [*PREVIEWS_WRITE, {"apiGroups": [""], "resources": ["namespaces"], "verbs": ["create"]}],
            EDIT_AGG,
        )
    )
)
# Complies: the operator aggregates writes to its own custom resource (previewenvironments) into edit only.
case("kube-aggregate-edit-own-crd-writes", ISOLATION, cite=DOC["aggregation"])(
    iso(cluster_role("acme-previews-edit", PREVIEWS_WRITE, EDIT_AGG))
)

# Dedicated-cluster claims (FLEET-TEN-005).

# Complies: acme's dedicated cluster also holds acme's second namespace (acme-batch, labelled fleet-tenant=acme,
# fully guarded): no other tenant's namespace, so the claim is true.
case("kube-dedicated-second-namespace-same-tenant", ISOLATION, cite=DOC["rbac"])(
    dedicated_with("acme", second_claims=True)
)
# Violates: the second namespace is labelled fleet-tenant=acme-batch: another tenant (tenants are told apart
# by the label, not by a shared name prefix), so acme's claim on the cluster is false.
case("kube-dedicated-second-namespace-other-tenant-name", ISOLATION, "DENY", DOC["rbac"])(dedicated_with("acme-batch"))


# ============================================================================ providers and patches

# Violates: a DeploymentPatch labels acme's Deployment fleet-residency=ch (the object's own label comes
# before its namespace's) on eu1, in Ireland: not Switzerland, whether the patch is judged merged or as
# the object it writes.
case("kube-deployment-patch-labels-ch-on-ireland", PROVIDERS, "DENY", DOC["deployment-patch"])(
    iso(app_sa(), deployment(), deployment_patch({**SHOP_META, "labels": CH}, {"replicas": 3}))
)
# Complies: the DeploymentPatch only scales the Deployment to four replicas.
case("kube-deployment-patch-scales-replicas", PROVIDERS, cite=DOC["deployment-patch"])(
    iso(app_sa(), deployment(), deployment_patch(SHOP_META, {"replicas": 4}))
)
# Violates: a ConfigMapPatch adds the client's PEM private key to the app's ConfigMap through binaryData
# (base64 of the PEM text).
case("kube-configmap-patch-binarydata-private-key", PROVIDERS, "DENY", DOC["configmap-patch"])(
    iso(
        configmap({"UPSTREAM_URL": "https://partner.example.com"}),
        patch(
            "ConfigMap",
            "acme-shop-config-patch",
            {"name": "shop-config", "namespace": "acme"},
            binaryData={"client.key": b64(FAKE_KEY)},
        ),
    )
)
# Complies: the ConfigMapPatch adds the partner's CA certificate (public) through binaryData.
case("kube-configmap-patch-binarydata-ca-cert", PROVIDERS, cite=DOC["configmap-patch"])(
    iso(
        configmap({"UPSTREAM_URL": "https://partner.example.com"}),
        patch(
            "ConfigMap",
            "acme-shop-config-patch",
            {"name": "shop-config", "namespace": "acme"},
            binaryData={"partner-ca.crt": b64(FAKE_CERT)},
        ),
    )
)
# Violates: a ClusterRolePatch replaces the rules of the stack's aggregated-into-view widgets role with
# reading Secrets: merged, every tenant's viewers read Secrets.
case("kube-cr-patch-aggregated-view-rules-secrets", PROVIDERS, "DENY", DOC["cr-patch"])(
    widgets_view_patched(SECRETS_READ)
)
# Complies: the patch's rules read widgets and gadgets (custom resources) only.
case("kube-cr-patch-aggregated-view-rules-gadgets", PROVIDERS, cite=DOC["cr-patch"])(
    widgets_view_patched(
        [{"apiGroups": ["example.com"], "resources": ["widgets", "gadgets"], "verbs": ["get", "list", "watch"]}]
    )
)
# Violates: an eu tenant (the 27 member states) on a GKE cluster in europe-west6, Zurich: Switzerland is not
# a member state.
case("kube-eu-tenant-on-gke-zurich", PROVIDERS, "DENY", DOC["gcp-regions"])(eu_tenant_on_gke("europe-west6", "CH"))
# Complies: the eu tenant on a GKE cluster in europe-north1 (Hamina, Finland).
case("kube-eu-tenant-on-gke-finland", PROVIDERS, cite=DOC["gcp-regions"])(eu_tenant_on_gke("europe-north1", "FI"))
# Complies: the GDPR-labelled Deployment is registered under us1's component (a parent only orders and
# groups resources), but it goes through eu1's provider: it runs in Ireland.
case("kube-deployment-parent-us-provider-eu", PROVIDERS, cite=DOC["pulumi-parent"])(parented_elsewhere("eu1"))
# Violates: registered under eu1's component, but sent through us1's provider: the GDPR-labelled Deployment
# runs in N. Virginia.
case("kube-deployment-parent-eu-provider-us", PROVIDERS, "DENY", DOC["pulumi-provider"])(parented_elsewhere("us1"))


# ============================================================================ unknown at preview

# Violates: ingress from 192.0.0.0/8 (containing 192.168.0.0/16); only the target pods' app label is unknown.
case("kube-pre-np-192-8-target-label-unknown", PREVIEW, "DENY", DOC["rfc1918"])(
    iso(deployment(), policy(from_ranges("192.0.0.0/8", app=UNKNOWN), name="shop-from-github"), neighbour=True)
)
# Complies: ingress from GitHub's hook ranges; only the port is unknown.
case("kube-pre-np-github-ranges-port-unknown", PREVIEW, cite=DOC["netpol-api"])(
    iso(
        deployment(),
        policy(from_ranges(*GITHUB_HOOKS, ports=[{"protocol": "TCP", "port": UNKNOWN}]), name="shop-from-github"),
        neighbour=True,
    )
)
# Violates: STRIPE_SECRET_KEY is in the ConfigMap; only the account country's value is unknown.
case("kube-pre-configmap-stripe-key-country-unknown", PREVIEW, "DENY", DOC["stripe"])(
    iso(configmap({**STRIPE, "STRIPE_ACCOUNT_COUNTRY": UNKNOWN, "STRIPE_SECRET_KEY": STRIPE_SECRET}, name="stripe"))
)
# Complies: an ExternalSecret whose remote key (a path from another resource's output) is unknown.
case("kube-pre-external-secret-remote-key-unknown", PREVIEW, cite=DOC["unknowns"])(
    iso(app_sa(), deployment(), external_secret(UNKNOWN))
)
# Violates: acme's dedicated cluster holds acme-batch, labelled fleet-tenant=acme-batch; only that
# namespace's owners annotation is unknown.
case("kube-pre-dedicated-other-tenant-owners-unknown", PREVIEW, "DENY", DOC["rbac"])(
    dedicated_with("acme-batch", owners=UNKNOWN)
)
# Complies (defers): the second namespace's fleet-tenant label is unknown (it may be acme).
case("kube-pre-dedicated-second-tenant-label-unknown", PREVIEW, cite=DOC["unknowns"])(
    dedicated_with("acme", tenant_label=UNKNOWN, second_claims=True)
)
# Violates: the DeploymentPatch labels the Deployment fleet-residency=ch on Ireland; only the replica
# count is unknown.
case("kube-pre-deployment-patch-ch-replicas-unknown", PREVIEW, "DENY", DOC["deployment-patch"])(
    iso(app_sa(), deployment(), deployment_patch({**SHOP_META, "labels": CH}, {"replicas": UNKNOWN}))
)
# Violates: the ClusterRolePatch's rules read Secrets; only its annotations are unknown.
case("kube-pre-cr-patch-secrets-annotations-unknown", PREVIEW, "DENY", DOC["cr-patch"])(
    widgets_view_patched(SECRETS_READ, {"annotations": UNKNOWN})
)
# Complies: the CRD reader bound cluster-wide to a service account of argocd whose name is unknown: whichever
# it is, it is no tenant's.
case("kube-pre-crb-crd-reader-argocd-sa-name-unknown", PREVIEW, cite=DOC["rbac-subjects"])(
    two_tenants(*ci_crd_reader(service_account("argocd", UNKNOWN)))
)
# Complies (defers): the operator's aggregated-into-edit rule on its own custom resource has unknown verbs
# (they may be a wildcard, or listed).
case("kube-pre-aggregate-edit-own-crd-verbs-unknown", PREVIEW, cite=DOC["aggregation"])(
    iso(
        cluster_role(
            "acme-previews-edit",
            [{"apiGroups": ["previews.acme.example.com"], "resources": ["previewenvironments"], "verbs": UNKNOWN}],
            EDIT_AGG,
        )
    )
)


# ============================================================================ malformed shapes
# A property that decides has the wrong shape: a correct pack reports it cannot evaluate (mandatory) and
# neither crashes nor passes it.

# Cannot evaluate: a ConfigMapPatch whose data is a list of "key=value" strings (one a password).
case("kube-bad-configmap-patch-data-list", MALFORMED, "DENY", DOC["configmap-api"])(
    iso(
        configmap({"SMTP_HOST": "smtp.example.com"}),
        patch(
            "ConfigMap",
            "acme-shop-config-patch",
            {"name": "shop-config", "namespace": "acme"},
            data=["SMTP_PASSWORD=m4il-Tr0ub4dor"],
        ),
    )
)
# Cannot evaluate: the ClusterRolePatch of the aggregated-into-view role has rules that are one map.
case("kube-bad-cr-patch-rules-map", MALFORMED, "DENY", DOC["cr-patch"])(widgets_view_patched(SECRETS_READ[0]))
# Cannot evaluate: an ingress peer's namespaceSelector.matchLabels value is a list (["monitoring", "globex"]).
case("kube-bad-np-match-labels-value-list", MALFORMED, "DENY", DOC["netpol-api"])(
    iso(
        deployment(),
        policy(
            to_app({"namespaceSelector": {"matchLabels": {NAME: ["monitoring", "globex"]}}}),
            name="allow-prometheus",
        ),
        neighbour=True,
    )
)
# Cannot evaluate: a DeploymentPatch whose labels are a list of "key=value" strings (one the residency).
case("kube-bad-deployment-patch-labels-list", MALFORMED, "DENY", DOC["deployment-patch"])(
    iso(
        app_sa(),
        deployment(),
        deployment_patch({**SHOP_META, "labels": ["fleet-residency=ch"]}, {"replicas": 3}),
    )
)
# Cannot evaluate: on acme's dedicated cluster, a second Namespace whose metadata is a list (whose it is,
# and so whether the claim holds, cannot be read).
case("kube-bad-dedicated-second-namespace-metadata-list", MALFORMED, "DENY", DOC["namespace-api"])(
    iso(
        labelled(cluster_role_binding("cluster-admin", group("acme-admins"), name="acme-cluster-admin"), CLAIM),
        add(NS, "acme-batch-ns", metadata=[{"name": "acme-batch"}, {"labels": {"fleet-tenant": "globex"}}]),
        isolation="cluster",
    )
)
# Cannot evaluate: the CRD reader's ClusterRoleBinding names a service account whose namespace is a list.
case("kube-bad-crb-subject-namespace-list", MALFORMED, "DENY", DOC["crb-api"])(
    two_tenants(
        cluster_role("ci-crd-reader", CRD_READ),
        crb_with_subject({"kind": "ServiceAccount", "namespace": ["acme"], "name": "tenant-deployer"}),
    )
)
# Cannot evaluate: a webhook served from acme whose selector's operator is a list (["In"]).
case("kube-bad-webhook-operator-list", MALFORMED, "DENY", DOC["webhook-api"])(
    two_tenants(webhook(ACME_SVC, {"matchExpressions": [{"key": NAME, "operator": ["In"], "values": ["acme"]}]}))
)
# Cannot evaluate: the app's Helm release values are a list (one entry a plain password).
case("kube-bad-helm-values-list", MALFORMED, "DENY", DOC["helm-release"])(
    iso(app_release([{"name": "DB_HOST", "value": "db.acme.svc"}, {"name": "DB_PASSWORD", "value": "Tr0ub4dor-and-3"}]))
)
