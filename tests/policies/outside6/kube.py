"""Kubernetes isolation cases of the sixth outside corpus: the everyday objects a tenant team deploys
(Deployments and their Services, Ingresses, HPAs, PDBs, CronJobs, StatefulSets, ServiceAccounts,
ConfigMaps, Secrets, Helm releases, a CI Role and its binding, a NetworkPolicy opening its own port,
webhooks scoped to itself) in their ordinary compliant forms, beside subtle violations the five earlier
outside corpora did not try: credentials in ConfigMaps and plain Secret data (FLEET-SEC-002), built-in
roles bound cluster-wide for an app's sidecar, webhooks on Namespace objects, RolePatch,
NamespacePatch claims, webhook-configuration patches, objects whose own residency label differs from
their namespace's, clusters outside a tenant's regime, values unknown at preview and malformed shapes.

Written from Kubernetes and Pulumi documentation and the pack's user-facing contract (docs/RULES.md,
docs/SPEC.md, README.md, what fleet/tenancy renders), by a helper that did not read the pack's rules,
its configs, its tests or the tuned corpus's cases. Each case only says whether a correct pack reports
some mandatory violation (``expect="DENY"``) or none; a comment above it says why, and it cites the
page the outcome rests on. The stacks are built with the helpers of the five earlier outside corpora.

``UNKNOWN`` stands for a value the engine only learns at the update. Where the decision does not need
it a correct pack decides as if it were known; where it does, the pack defers (advisory FLEET-PRE-001),
which is no mandatory violation.
"""

from __future__ import annotations

import base64
from typing import Any

from fleet.spec import model
from fleet.tenancy import manifests
from tests.policies.corpus import UNKNOWN, Stack, secret
from tests.policies.outside.corpus import (
    cluster,
    cluster_role,
    cluster_role_binding,
    role,
    role_binding,
    service_account,
    tenant,
)
from tests.policies.outside2.corpus import ACME_SVC, CLAIM, ENFORCE, OWN, VIEW_AGG, Obj, iso, ns_patch, svc
from tests.policies.outside3.kube import add, from_ns, patch, policy
from tests.policies.outside4.kube import child_of, component
from tests.policies.outside5.kube import expr, webhook
from tests.policies.outside6.common import Build, case

ISOLATION = "tenant-isolation"
PROVIDERS = "k8s-providers-and-patches"
PREVIEW = "unknown-at-preview"
MALFORMED = "malformed"

RBAC = "rbac.authorization.k8s.io"
NAME = "kubernetes.io/metadata.name"
CM = "kubernetes:core/v1:ConfigMap"
SECRET = "kubernetes:core/v1:Secret"
DEPLOYMENT = "kubernetes:apps/v1:Deployment"
RELEASE = "kubernetes:helm.sh/v3:Release"
CRB = "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding"

DOC = {
    # configuration and credentials
    "configmap": "https://kubernetes.io/docs/concepts/configuration/configmap/",
    "configmap-api": "https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/config-map-v1/",
    "secret": "https://kubernetes.io/docs/concepts/configuration/secret/",
    "secret-types": "https://kubernetes.io/docs/concepts/configuration/secret/#secret-types",
    "sa-token-secret": "https://kubernetes.io/docs/concepts/configuration/secret/#serviceaccount-token-secrets",
    "docker-secret": "https://kubernetes.io/docs/concepts/configuration/secret/#docker-config-secrets",
    "secret-api": "https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/secret-v1/",
    "pulumi-secret": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/core/v1/secret/",
    "pulumi-secretpatch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/core/v1/secretpatch/",
    "pulumi-secrets": "https://www.pulumi.com/docs/iac/concepts/secrets/",
    "helm-release": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/helm/v3/release/",
    "bitnami-postgresql": "https://github.com/bitnami/charts/tree/main/bitnami/postgresql#parameters",
    "aws-access-keys": "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
    "url-userinfo": "https://datatracker.ietf.org/doc/html/rfc3986#section-3.2.1",
    "pem": "https://datatracker.ietf.org/doc/html/rfc7468",
    "provider": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/provider/",
    # workloads
    "deployment": "https://kubernetes.io/docs/concepts/workloads/controllers/deployment/",
    "statefulset": "https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/",
    "cronjob": "https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/",
    "hpa": "https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/",
    "pdb": "https://kubernetes.io/docs/tasks/run-application/configure-pdb/",
    "ingress": "https://kubernetes.io/docs/concepts/services-networking/ingress/",
    "headless": "https://kubernetes.io/docs/concepts/services-networking/service/#headless-services",
    "irsa": "https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html",
    "psa-restricted": "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted",
    # quota, network, RBAC
    "quota": "https://kubernetes.io/docs/concepts/policy/resource-quotas/#compute-resource-quota",
    "quota-api": "https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/resource-quota-v1/",
    "netpol": "https://kubernetes.io/docs/concepts/services-networking/network-policies/",
    "rbac": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/",
    "rbac-component-roles": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#other-component-roles",
    "rbac-default-roles": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#default-roles-and-role-bindings",
    "rbac-escalation": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping",
    "rbac-subjects": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-subjects",
    "rbac-subresources": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources",
    "rbac-api": "https://kubernetes.io/docs/reference/kubernetes-api/authorization-resources/role-binding-v1/",
    "aggregation": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#aggregated-clusterroles",
    "cr-api": "https://kubernetes.io/docs/reference/kubernetes-api/authorization-resources/cluster-role-v1/",
    "auth-delegation": "https://kubernetes.io/docs/reference/access-authn-authz/authentication/#webhook-token-authentication",
    # admission webhooks
    "webhooks": "https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/#matching-requests-namespaceselector",
    "webhook-api": "https://kubernetes.io/docs/reference/kubernetes-api/extend-resources/validating-webhook-configuration-v1/",
    "webhook-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/admissionregistration/v1/validatingwebhookconfigurationpatch/",
    # patches, providers, regions
    "ssa": "https://kubernetes.io/docs/reference/using-api/server-side-apply/#merge-strategy",
    "role-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/rbac/v1/rolepatch/",
    "ns-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/core/v1/namespacepatch/",
    "configgroup": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/yaml/v2/configgroup/",
    "aws-regions": "https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html",
    "labels": "https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/",
    "limitrange-api": "https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/limit-range-v1/",
    "namespace-api": "https://kubernetes.io/docs/reference/kubernetes-api/cluster-resources/namespace-v1/",
    "psa": "https://kubernetes.io/docs/concepts/security/pod-security-admission/#pod-security-admission-labels-for-namespaces",
    "unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
}


# ------------------------------------------------------------------------------------ helpers

APP = {"app": "shop"}
IMAGE = "registry.example.com/acme/shop:1.4.2"
POD_SECURITY = {"runAsNonRoot": True, "runAsUser": 10001, "seccompProfile": {"type": "RuntimeDefault"}}
CONTAINER_SECURITY = {"allowPrivilegeEscalation": False, "capabilities": {"drop": ["ALL"]}}
FAKE_KEY = (
    "-----BEGIN PRIVATE KEY-----\n"
    "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\n"
    "MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu\n"
    "-----END PRIVATE KEY-----\n"
)
FAKE_CERT = (
    "-----BEGIN CERTIFICATE-----\n"
    "MIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\n"
    "RTESMBAGA1UEChMJQmFsdGltb3JlMRMwEQYDVQQLEwpDeWJlclRydXN0MSIwIAYD\n"
    "-----END CERTIFICATE-----\n"
)


def pod_template(image: Any = IMAGE, sa: str = "shop", labels: dict[str, str] | None = None) -> dict[str, Any]:
    """A pod template that Pod Security restricted admits (own service account, no token mounted)."""
    return {
        "metadata": {"labels": labels or APP},
        "spec": {
            "serviceAccountName": sa,
            "automountServiceAccountToken": False,
            "securityContext": POD_SECURITY,
            "containers": [
                {
                    "name": "app",
                    "image": image,
                    "ports": [{"name": "http", "containerPort": 8080}],
                    "securityContext": CONTAINER_SECURITY,
                    "resources": {"requests": {"cpu": "250m", "memory": "256Mi"}, "limits": {"memory": "512Mi"}},
                }
            ],
        },
    }


def deployment(
    ns: str | None = "acme", image: Any = IMAGE, labels: dict[str, str] | None = None, name: str = "shop"
) -> Obj:
    metadata: dict[str, Any] = {"name": name}
    if ns is not None:
        metadata["namespace"] = ns
    if labels:
        metadata["labels"] = labels
    return add(
        DEPLOYMENT,
        f"{ns}-{name}-deploy",
        metadata=metadata,
        spec={"replicas": 2, "selector": {"matchLabels": APP}, "template": pod_template(image)},
    )


def app_sa(ns: str | None = "acme", name: str = "shop", **metadata: Any) -> Obj:
    meta: dict[str, Any] = {"name": name, **metadata}
    if ns is not None:
        meta["namespace"] = ns
    return add(
        "kubernetes:core/v1:ServiceAccount", f"{ns}-{name}-sa", metadata=meta, automountServiceAccountToken=False
    )


def app_service(ns: str | None = "acme") -> Obj:
    spec = {"type": "ClusterIP", "selector": APP, "ports": [{"name": "http", "port": 80, "targetPort": "http"}]}
    return svc(ns, spec, name="shop")


def ingress_obj(ns: str = "acme") -> Obj:
    return add(
        "kubernetes:networking.k8s.io/v1:Ingress",
        f"{ns}-shop-ingress",
        metadata={"name": "shop", "namespace": ns},
        spec={
            "ingressClassName": "nginx",
            "tls": [{"hosts": ["shop.acme.example.com"], "secretName": "shop-tls"}],
            "rules": [
                {
                    "host": "shop.acme.example.com",
                    "http": {
                        "paths": [
                            {
                                "path": "/",
                                "pathType": "Prefix",
                                "backend": {"service": {"name": "shop", "port": {"name": "http"}}},
                            }
                        ]
                    },
                }
            ],
        },
    )


def hpa(ns: str | None = "acme") -> Obj:
    metadata: dict[str, Any] = {"name": "shop"}
    if ns is not None:
        metadata["namespace"] = ns
    return add(
        "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
        f"{ns}-shop-hpa",
        metadata=metadata,
        spec={
            "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "shop"},
            "minReplicas": 2,
            "maxReplicas": 6,
            "metrics": [
                {
                    "type": "Resource",
                    "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 70}},
                }
            ],
        },
    )


def pdb(ns: str = "acme") -> Obj:
    return add(
        "kubernetes:policy/v1:PodDisruptionBudget",
        f"{ns}-shop-pdb",
        metadata={"name": "shop", "namespace": ns},
        spec={"minAvailable": 1, "selector": {"matchLabels": APP}},
    )


def configmap(data: dict[str, Any] | Any, name: str = "shop-config", ns: str = "acme", **inputs: Any) -> Obj:
    return add(CM, f"{ns}-{name}-cm", metadata={"name": name, "namespace": ns}, data=data, **inputs)


def k8s_secret(name: str, ns: str = "acme", kind: str = "Secret", **inputs: Any) -> Obj:
    return add(
        f"kubernetes:core/v1:{kind}", f"{ns}-{name}-{kind.lower()}", metadata={"name": name, "namespace": ns}, **inputs
    )


def two_tenants(*objects: Obj) -> Build:
    return iso(*objects, neighbour=True)


def rendered_tenant(s: Stack, k8s: str) -> None:
    """acme exactly as fleet/tenancy renders it (namespace, quota, limits, the four network policies of a
    tenant that accepts nothing and opens nothing, admin/edit/view bindings, the CI deployer) and the
    cluster's admission guard and platform admins, registered as the typed SDK classes register them."""
    spec = model.NamespaceTenant.model_validate(
        {
            "name": "acme",
            "owners": {"admin": ["acme-admins"], "edit": ["acme-devs"], "view": ["acme-auditors"]},
            "residency": "gdpr",
            "quota": {"cpu": 4, "memory": "8Gi"},
        }
    )
    ctx = manifests.Context(owner="platform-team", environment="prod", cluster="eu1", kubernetes_version="1.35")
    objects = [
        *manifests.guardrails(spec, ctx),
        *manifests.role_bindings(spec, ctx),
        *manifests.deployer(spec, ctx),
        *manifests.admission_guard(ctx),
    ]
    admins = manifests.platform_admins(ctx, ("platform-admins",))
    assert admins is not None
    objects.append(admins)
    for obj in objects:
        group_version = obj["apiVersion"] if "/" in obj["apiVersion"] else f"core/{obj['apiVersion']}"
        kind = obj["kind"]
        name = f"rendered-{kind.lower()}-{obj['metadata']['name']}"
        inputs = {k: v for k, v in obj.items()}
        s.add(f"kubernetes:{group_version}:{kind}", name, k8s, **inputs)


def as_rendered(*objects: Obj) -> Build:
    def build(s: Stack) -> None:
        _, k8s = cluster(s)
        rendered_tenant(s, k8s)
        for make in objects:
            make(s, k8s)

    return build


def cluster_at(s: Stack, name: str, region: str, country: str) -> tuple[str, str]:
    """An EKS fleet cluster component in ``region`` (any region of the catalogue), with its providers."""
    component_urn = s.add(
        "fleet:clusters:EksCluster", name, clusterName=name, cloud="aws", region=region, country=country
    )
    s.provider("aws", f"{name}-aws", parent=component_urn, region=region)
    k8s = s.provider("kubernetes", f"{name}-k8s", parent=component_urn, kubeconfig=secret('{"apiVersion": "v1"}'))
    return component_urn, k8s


def on_cluster_at(region: str, country: str, residency: str, *objects: Obj) -> Build:
    """One cluster in ``region`` with the tenant acme of ``residency``, fully guarded, and the case's objects."""

    def build(s: Stack) -> None:
        _, k8s = cluster_at(s, "c1", region, country)
        tenant(s, k8s, "acme", residency=residency)
        for make in objects:
            make(s, k8s)

    return build


def eu_and_us(*objects_on_us: Obj) -> Build:
    """acme (GDPR) fully guarded on eu1 (Ireland); a second cluster us1 (N. Virginia) holds no tenant; the
    case's objects go through us1's provider."""

    def build(s: Stack) -> None:
        _, k8s = cluster(s)
        tenant(s, k8s, "acme")
        _, us = cluster(s, "us1", "aws", "us-east-1")
        for make in objects_on_us:
            make(s, us)

    return build


def ci_role(rules: list[dict[str, Any]]) -> list[Obj]:
    """acme's CI Role ``ci-deploy`` and its binding to acme's tenant-deployer service account."""
    return [
        role("ci-deploy", rules),
        role_binding(("Role", "ci-deploy"), service_account("acme", "tenant-deployer"), name="ci-deploy"),
    ]


WRITE = ["get", "list", "watch", "create", "update", "patch"]
CI_RULES = [
    {"apiGroups": ["apps"], "resources": ["deployments", "statefulsets"], "verbs": WRITE},
    {"apiGroups": [""], "resources": ["services", "configmaps", "serviceaccounts"], "verbs": WRITE},
    {"apiGroups": ["networking.k8s.io"], "resources": ["ingresses"], "verbs": WRITE},
    {"apiGroups": ["autoscaling"], "resources": ["horizontalpodautoscalers"], "verbs": WRITE},
    {"apiGroups": ["policy"], "resources": ["poddisruptionbudgets"], "verbs": WRITE},
    {"apiGroups": ["batch"], "resources": ["cronjobs", "jobs"], "verbs": [*WRITE, "delete"]},
]
READ_ONLY_RULES = [{"apiGroups": ["apps"], "resources": ["deployments"], "verbs": ["get", "list", "watch"]}]


def namespace_webhook(selector: dict[str, Any]) -> Obj:
    """A validating webhook served from acme on CREATE and UPDATE of Namespace objects (scope left at its
    default, "*")."""
    rules = [
        {"operations": ["CREATE", "UPDATE"], "apiGroups": [""], "apiVersions": ["v1"], "resources": ["namespaces"]}
    ]
    return webhook(ACME_SVC, selector, rules, kind="Validating", name="acme-ns-labels")


def webhook_patch(selector: dict[str, Any] | None) -> Obj:
    """A ValidatingWebhookConfigurationPatch of ``policy-engine`` (made elsewhere, not in the stack) that adds
    one webhook entry, served from acme, on Deployments."""
    hook: dict[str, Any] = {
        "name": "acme-deploy-check.acme.example.com",
        "admissionReviewVersions": ["v1"],
        "sideEffects": "None",
        "failurePolicy": "Ignore",
        "clientConfig": {"service": {"namespace": "acme", "name": "deploy-check", "path": "/validate"}},
        "rules": [
            {
                "operations": ["CREATE", "UPDATE"],
                "apiGroups": ["apps"],
                "apiVersions": ["v1"],
                "resources": ["deployments"],
            }
        ],
    }
    if selector is not None:
        hook["namespaceSelector"] = selector
    return add(
        "kubernetes:admissionregistration.k8s.io/v1:ValidatingWebhookConfigurationPatch",
        "policy-engine-patch",
        metadata={"name": "policy-engine", "labels": {"fleet-tenant": "acme"}},
        webhooks=[hook],
    )


def postgres_release(values: Any, version: Any = "16.4.1") -> Obj:
    return add(
        RELEASE,
        "acme-shop-db",
        name="shop-db",
        chart="oci://registry-1.docker.io/bitnamicharts/postgresql",
        version=version,
        namespace="acme",
        values=values,
    )


CONFIG_GROUP = component("kubernetes:yaml/v2:ConfigGroup", "acme-mail", files=["k8s/mail/*.yaml"])


def rendered_configmap(data: dict[str, str]) -> Obj:
    return add(
        CM,
        "acme-mail:v1/ConfigMap:acme/mailer",
        metadata={"name": "mailer", "namespace": "acme"},
        data=data,
    )


# ============================================================================ tenant isolation

# Everyday objects in their ordinary form.

# Complies: acme exactly as the program renders it, with the team's app: a Deployment running as its own
# service account, a ClusterIP Service, an Ingress (class nginx, TLS from a Secret named shop-tls), an HPA
# and a PDB. None of them opens traffic, binds anyone or holds a credential.
case("kube-app-stack-on-rendered-tenant", ISOLATION, cite=DOC["ingress"])(
    as_rendered(app_sa(), deployment(), app_service(), ingress_obj(), hpa(), pdb())
)
# Complies: an HPA and a PDB for the app on the helper's guarded tenant.
case("kube-hpa-and-pdb", ISOLATION, cite=DOC["pdb"])(iso(app_sa(), deployment(), hpa(), pdb()))
# Complies: a StatefulSet with its headless governing Service (clusterIP None): no externalIPs.
case("kube-statefulset-headless-service", ISOLATION, cite=DOC["headless"])(
    iso(
        app_sa(name="cache"),
        add(
            "kubernetes:apps/v1:StatefulSet",
            "acme-cache-sts",
            metadata={"name": "cache", "namespace": "acme"},
            spec={
                "serviceName": "cache",
                "replicas": 3,
                "selector": {"matchLabels": {"app": "cache"}},
                "template": pod_template("registry.example.com/acme/cache:7.2", "cache", {"app": "cache"}),
            },
        ),
        svc("acme", {"clusterIP": "None", "selector": {"app": "cache"}, "ports": [{"port": 6379}]}, name="cache"),
    )
)
# Complies: a nightly CronJob running as its own service account, restricted security context.
case("kube-cronjob-own-service-account", ISOLATION, cite=DOC["cronjob"])(
    iso(
        app_sa(name="report"),
        add(
            "kubernetes:batch/v1:CronJob",
            "acme-report-cron",
            metadata={"name": "report", "namespace": "acme"},
            spec={
                "schedule": "0 2 * * *",
                "concurrencyPolicy": "Forbid",
                "jobTemplate": {
                    "spec": {
                        "backoffLimit": 2,
                        "template": {
                            **pod_template("registry.example.com/acme/report:2.0", "report", {"app": "report"}),
                            "spec": {
                                **pod_template("registry.example.com/acme/report:2.0", "report")["spec"],
                                "restartPolicy": "OnFailure",
                            },
                        },
                    }
                },
            },
        ),
    )
)
# Complies: the app's service account carries an IRSA role annotation (workload identity), no token mounted.
case("kube-service-account-irsa", ISOLATION, cite=DOC["irsa"])(
    iso(
        app_sa(annotations={"eks.amazonaws.com/role-arn": "arn:aws:iam::111111111111:role/acme-shop"}),
        deployment(),
    )
)
# Complies: the team's ingress NetworkPolicy opens the app's own port 8080 to the ingress controller's pods,
# in the ingress-nginx namespace named by its name label (a platform namespace, no tenant's).
case("kube-np-app-port-from-ingress-controller", ISOLATION, cite=DOC["netpol"])(
    iso(
        deployment(),
        policy(
            {
                "podSelector": {"matchLabels": APP},
                "policyTypes": ["Ingress"],
                "ingress": [
                    {
                        "from": [
                            {
                                **from_ns({"matchLabels": {NAME: "ingress-nginx"}}),
                                "podSelector": {"matchLabels": {"app.kubernetes.io/name": "ingress-nginx"}},
                            }
                        ],
                        "ports": [{"protocol": "TCP", "port": 8080}],
                    }
                ],
            },
            name="shop-from-ingress",
        ),
        neighbour=True,
    )
)
# Complies: the quota bounds limits.cpu and limits.memory (and pods), not requests: every pod must then
# declare limits (the LimitRange defaults them) and a container's requests may not exceed its limits, so CPU
# and memory of every pod are bounded.
case("kube-quota-limits-only", ISOLATION, cite=DOC["quota"])(
    iso(quota={"limits.cpu": "8", "limits.memory": "16Gi", "pods": "50"})
)

# Credentials in ConfigMaps and Secrets (FLEET-SEC-002).

# Violates: DATABASE_URL holds a URL with a password in its userinfo (postgres://shop:<password>@...); a
# ConfigMap is readable by the view role and never encrypted with the cluster's Secrets key.
case("kube-configmap-url-with-password", ISOLATION, "DENY", DOC["url-userinfo"])(
    iso(
        deployment(),
        configmap({"DATABASE_URL": "postgres://shop:Tr0ub4dor-and-3@db.acme.svc:5432/shop", "LOG_LEVEL": "info"}),
    )
)
# Complies: the same URL without userinfo (the password comes from a Secret), and ordinary settings.
case("kube-configmap-url-without-password", ISOLATION, cite=DOC["configmap"])(
    iso(
        deployment(),
        configmap({"DATABASE_URL": "postgres://db.acme.svc:5432/shop?sslmode=require", "LOG_LEVEL": "info"}),
    )
)
# Violates: a PEM private key under a neutral key name (bundle.pem): the value is a credential.
case("kube-configmap-pem-private-key-neutral-name", ISOLATION, "DENY", DOC["pem"])(
    iso(configmap({"bundle.pem": FAKE_KEY}, name="tls-bundle"))
)
# Complies: a PEM CA certificate (public) in a ConfigMap, as trust bundles are distributed.
case("kube-configmap-ca-certificate", ISOLATION, cite=DOC["configmap"])(
    iso(configmap({"ca.crt": FAKE_CERT}, name="trust-bundle"))
)
# Violates: the value of S3_USER is an AWS access key ID (AKIA..., AWS's documented example).
case("kube-configmap-aws-access-key-id-value", ISOLATION, "DENY", DOC["aws-access-keys"])(
    iso(configmap({"S3_USER": "AKIAIOSFODNN7EXAMPLE", "S3_BUCKET": "acme-shop-assets"}))
)
# Violates: the PEM private key sits in binaryData (base64 of the PEM text) under client.pem: a ConfigMap
# holds it just the same ("binaryData ... can contain byte sequences").
case("kube-configmap-binarydata-private-key", ISOLATION, "DENY", DOC["configmap-api"])(
    iso(
        add(
            CM,
            "acme-client-cert-cm",
            metadata={"name": "client-cert", "namespace": "acme"},
            binaryData={"client.pem": base64.b64encode(FAKE_KEY.encode()).decode()},
        )
    )
)
# Violates: a Secret registered raw (not through the typed class, which marks stringData secret) whose
# stringData reaches Pulumi in plain text.
case("kube-secret-stringdata-plain", ISOLATION, "DENY", DOC["pulumi-secret"])(
    iso(k8s_secret("shop-db", type="Opaque", stringData={"username": "shop", "password": "Tr0ub4dor-and-3"}))
)
# Complies: the same Secret with stringData as a Pulumi secret (as the typed class sends it).
case("kube-secret-stringdata-secret", ISOLATION, cite=DOC["pulumi-secrets"])(
    iso(k8s_secret("shop-db", type="Opaque", stringData=secret({"username": "shop", "password": "Tr0ub4dor-and-3"})))
)
DOCKER_CONFIG = base64.b64encode(
    b'{"auths":{"registry.example.com":{"auth":"YWNtZS1jaTpyZWdpc3RyeS10b2tlbi0xMjM="}}}'
).decode()
# Violates: an image pull Secret (kubernetes.io/dockerconfigjson) whose data reaches Pulumi in plain text.
case("kube-secret-dockerconfig-data-plain", ISOLATION, "DENY", DOC["docker-secret"])(
    iso(k8s_secret("registry-pull", type="kubernetes.io/dockerconfigjson", data={".dockerconfigjson": DOCKER_CONFIG}))
)
# Complies: the same pull Secret with its data as a Pulumi secret.
case("kube-secret-dockerconfig-data-secret", ISOLATION, cite=DOC["docker-secret"])(
    iso(
        k8s_secret(
            "registry-pull", type="kubernetes.io/dockerconfigjson", data=secret({".dockerconfigjson": DOCKER_CONFIG})
        )
    )
)
# Complies: a service-account token Secret for the team's CI: it carries no data (the token controller fills
# it in the cluster), so nothing reaches Pulumi.
case("kube-secret-sa-token-no-data", ISOLATION, cite=DOC["sa-token-secret"])(
    iso(
        app_sa(name="ci"),
        add(
            SECRET,
            "acme-ci-token-secret",
            metadata={
                "name": "ci-token",
                "namespace": "acme",
                "annotations": {"kubernetes.io/service-account.name": "ci"},
            },
            type="kubernetes.io/service-account-token",
        ),
    )
)

# Roles the team binds for its own CI and apps (FLEET-TEN-004, FLEET-TEN-009, FLEET-TEN-002).

# Complies: the team's CI Role (listed verbs on its workloads, Services, ConfigMaps, Ingresses, HPAs, PDBs,
# CronJobs) bound to acme's own tenant-deployer service account.
case("kube-ci-role-own-deployer", ISOLATION, cite=DOC["rbac"])(iso(*ci_role(CI_RULES)))
# Violates: the CI Role may also update and patch resourcequotas/status: the admission plugin counts usage
# from the quota's status, so the holder can reset what the namespace has used and exceed its quota.
case("kube-ci-role-quota-status-write", ISOLATION, "DENY", DOC["rbac-subresources"])(
    iso(
        *ci_role([*CI_RULES, {"apiGroups": [""], "resources": ["resourcequotas/status"], "verbs": ["update", "patch"]}])
    )
)
# Complies: the built-in system:monitoring role (health and metrics URLs only) bound in acme to the team's
# Prometheus service account: a RoleBinding grants no non-resource URLs, and the role has no refused power.
case("kube-rb-system-monitoring-own-sa", ISOLATION, cite=DOC["rbac-default-roles"])(
    iso(
        app_sa(name="prometheus"),
        role_binding(("ClusterRole", "system:monitoring"), service_account("acme", "prometheus"), name="prometheus"),
    )
)
# Violates: kube-rbac-proxy's usual ClusterRoleBinding of the built-in system:auth-delegator role to the
# app's service account: cluster-wide TokenReview and SubjectAccessReview creation, which is not public
# information, for a tenant's account.
case("kube-crb-auth-delegator-own-sa", ISOLATION, "DENY", DOC["rbac-component-roles"])(
    two_tenants(
        app_sa(),
        cluster_role_binding("system:auth-delegator", service_account("acme", "shop"), name="acme-shop-auth-delegator"),
    )
)
# Violates: the app lists namespaces to discover its peers: a ClusterRole the stack defines (read namespaces)
# bound cluster-wide to acme's service account.
case("kube-crb-namespace-lister-own-sa", ISOLATION, "DENY", DOC["rbac-subjects"])(
    two_tenants(
        app_sa(),
        cluster_role(
            "namespace-lister", [{"apiGroups": [""], "resources": ["namespaces"], "verbs": ["get", "list", "watch"]}]
        ),
        cluster_role_binding("namespace-lister", service_account("acme", "shop"), name="acme-shop-namespaces"),
    )
)

# Complies: the app reads its one database Secret by name through a Role bound to its own service account;
# reading Secrets is what the built-in edit and admin roles already grant, and nothing the contract refuses.
case("kube-role-read-own-secret-by-name", ISOLATION, cite=DOC["rbac-subresources"])(
    iso(
        app_sa(),
        role(
            "shop-db-reader",
            [{"apiGroups": [""], "resources": ["secrets"], "verbs": ["get"], "resourceNames": ["shop-db"]}],
        ),
        role_binding(("Role", "shop-db-reader"), service_account("acme", "shop"), name="shop-db-reader"),
    )
)

# Webhooks on Namespace objects (FLEET-TEN-008).

# Complies: a webhook served from acme that validates Namespace objects, selecting by name acme: for a
# Namespace the selector is matched against the Namespace's own labels, so it sees acme's Namespace only.
case("kube-webhook-namespace-objects-own", ISOLATION, cite=DOC["webhooks"])(
    two_tenants(namespace_webhook({"matchLabels": {NAME: "acme"}}))
)
# Complies: a mutating webhook served from acme on Pods, scoped to acme by name and further narrowed by an
# objectSelector (app=shop): the namespaceSelector already bounds it to acme.
case("kube-webhook-own-pods-object-selector-narrows", ISOLATION, cite=DOC["webhooks"])(
    two_tenants(webhook(ACME_SVC, OWN, objectSelector={"matchLabels": APP}))
)
# Violates: the same webhook selecting "fleet-tenant Exists": it receives every tenant's Namespace object
# (labels, owner annotations) and may refuse changes to them.
case("kube-webhook-namespace-objects-all-tenants", ISOLATION, "DENY", DOC["webhooks"])(
    two_tenants(namespace_webhook({"matchExpressions": [expr("fleet-tenant", "Exists")]}))
)


# ============================================================================ providers and patches


def ci_role_patch(rules: list[dict[str, Any]]) -> Obj:
    return patch("Role", "acme-ci-role-patch", {"name": "ci-deploy", "namespace": "acme"}, f"{RBAC}/v1", rules=rules)


# Violates: a RolePatch of the bound CI Role: Role rules are an atomic list, so server-side apply replaces
# them with the patch's, which include escalate on roles.
case("kube-role-patch-adds-escalate", PROVIDERS, "DENY", DOC["ssa"])(
    iso(
        *ci_role(CI_RULES),
        ci_role_patch(
            [*CI_RULES, {"apiGroups": [RBAC], "resources": ["roles"], "verbs": ["get", "update", "escalate"]}]
        ),
    )
)
# Complies: the RolePatch narrows the CI Role to reading Deployments.
case("kube-role-patch-read-only", PROVIDERS, cite=DOC["role-patch"])(
    iso(*ci_role(CI_RULES), ci_role_patch(READ_ONLY_RULES))
)
# Violates: a NamespacePatch labels acme fleet-isolation=cluster (with its fleet-tenant=acme) on a cluster
# that also holds globex: a false dedicated-cluster claim.
case("kube-ns-patch-claims-dedicated-shared", PROVIDERS, "DENY", DOC["ns-patch"])(two_tenants(ns_patch(CLAIM)))
# Complies: the same NamespacePatch on a cluster where acme is alone: the claim is true.
case("kube-ns-patch-claims-dedicated-alone", PROVIDERS, cite=DOC["ns-patch"])(iso(ns_patch(CLAIM)))
# Violates: a ValidatingWebhookConfigurationPatch adds to a configuration made elsewhere a webhook served from
# acme with no namespaceSelector (the default: every namespace).
case("kube-webhook-patch-adds-unscoped-entry", PROVIDERS, "DENY", DOC["webhook-patch"])(
    two_tenants(webhook_patch(None))
)
# Complies: the added entry selects acme by name.
case("kube-webhook-patch-adds-scoped-entry", PROVIDERS, cite=DOC["webhook-patch"])(two_tenants(webhook_patch(OWN)))
# Violates: a raw SecretPatch sets stringData in plain text on a Secret of acme.
case("kube-secret-patch-plain", PROVIDERS, "DENY", DOC["pulumi-secretpatch"])(
    iso(k8s_secret("shop-db", kind="SecretPatch", stringData={"password": "rotated-Tr0ub4dor-4"}))
)
# Complies: the SecretPatch's stringData is a Pulumi secret.
case("kube-secret-patch-secret", PROVIDERS, cite=DOC["pulumi-secretpatch"])(
    iso(k8s_secret("shop-db", kind="SecretPatch", stringData=secret({"password": "rotated-Tr0ub4dor-4"})))
)
# Violates: a Helm release of PostgreSQL whose values carry the database passwords in plain text.
case("kube-helm-release-plain-password", PROVIDERS, "DENY", DOC["helm-release"])(
    iso(
        postgres_release(
            {
                "auth": {
                    "username": "shop",
                    "password": "Tr0ub4dor-and-3",
                    "postgresPassword": "s3cr3t-Adm1n",
                    "database": "shop",
                }
            }
        )
    )
)
# Complies: the release names an existing Secret for the passwords (auth.existingSecret).
case("kube-helm-release-existing-secret", PROVIDERS, cite=DOC["bitnami-postgresql"])(
    iso(
        postgres_release({"auth": {"username": "shop", "database": "shop", "existingSecret": "shop-db"}}),
        k8s_secret("shop-db", type="Opaque", stringData=secret({"password": "x", "postgres-password": "y"})),
    )
)
# Violates: a yaml/v2 ConfigGroup renders a ConfigMap of acme with SMTP_PASSWORD.
case("kube-configgroup-configmap-password", PROVIDERS, "DENY", DOC["configgroup"])(
    iso(
        child_of(CONFIG_GROUP, rendered_configmap({"SMTP_HOST": "smtp.example.com", "SMTP_PASSWORD": "m4il-Tr0ub4dor"}))
    )
)
# Complies: the rendered ConfigMap holds the SMTP host and port only.
case("kube-configgroup-configmap-settings", PROVIDERS, cite=DOC["configgroup"])(
    iso(child_of(CONFIG_GROUP, rendered_configmap({"SMTP_HOST": "smtp.example.com", "SMTP_PORT": "587"})))
)
# Violates: acme is a Switzerland-only (ch) tenant on a cluster in Ireland (eu-west-1).
case("kube-ch-tenant-on-ireland-cluster", PROVIDERS, "DENY", DOC["aws-regions"])(
    on_cluster_at("eu-west-1", "IE", "ch", deployment())
)
# Complies: the ch tenant on a cluster in Zurich (eu-central-2).
case("kube-ch-tenant-on-zurich-cluster", PROVIDERS, cite=DOC["aws-regions"])(
    on_cluster_at("eu-central-2", "CH", "ch", deployment())
)
# Violates: in GDPR acme on Ireland, a ConfigMap labelled fleet-residency=ch: an object's own label comes
# before its namespace's, and Ireland is not Switzerland.
case("kube-object-own-label-ch-on-ireland", PROVIDERS, "DENY", DOC["labels"])(
    iso(
        add(
            CM,
            "acme-ch-cm",
            metadata={"name": "ch-ledger", "namespace": "acme", "labels": {"fleet-residency": "ch"}},
            data={"mode": "ledger"},
        )
    )
)
# Complies: the same ConfigMap labelled fleet-residency=eu: Ireland is in the EU.
case("kube-object-own-label-eu-on-ireland", PROVIDERS, cite=DOC["labels"])(
    iso(
        add(
            CM,
            "acme-eu-cm",
            metadata={"name": "eu-ledger", "namespace": "acme", "labels": {"fleet-residency": "eu"}},
            data={"mode": "ledger"},
        )
    )
)
# Violates: an unregulated tenant (residency none) on a cluster in N. Virginia runs a Deployment that is
# itself labelled fleet-residency=gdpr.
case("kube-gdpr-labelled-deployment-unregulated-tenant-us", PROVIDERS, "DENY", DOC["aws-regions"])(
    on_cluster_at("us-east-1", "US", "none", deployment(labels={"fleet-residency": "gdpr"}))
)
# Complies: the same unregulated tenant's Deployment, unlabelled: nothing is regulated, the US is fine.
case("kube-deployment-unregulated-tenant-us", PROVIDERS, cite=DOC["aws-regions"])(
    on_cluster_at("us-east-1", "US", "none", deployment())
)


def plain_kubeconfig_provider(s: Stack) -> None:
    """eu1 whose component's Kubernetes provider is given its kubeconfig as plain text."""
    component_urn = s.add(
        "fleet:clusters:EksCluster", "eu1", clusterName="eu1", cloud="aws", region="eu-west-1", country="IE"
    )
    s.provider("aws", "eu1-aws", parent=component_urn, region="eu-west-1")
    kubeconfig = (
        "apiVersion: v1\nkind: Config\ncurrent-context: eu1\nclusters:\n- name: eu1\n  cluster: {server: "
        "'https://eu1.k8s.example.com'}\ncontexts:\n- name: eu1\n  context: {cluster: eu1, user: ci}\n"
        "users:\n- name: ci\n  user: {token: eyJhbGciOiJSUzI1NiIsImtpZCI6ImNpIn0.e30.c2lnbmF0dXJl}\n"
    )
    k8s = s.provider("kubernetes", "eu1-k8s", parent=component_urn, kubeconfig=kubeconfig)
    tenant(s, k8s, "acme")
    deployment()(s, k8s)


# Violates: the cluster component's Kubernetes provider is given a kubeconfig (with a bearer token) that is
# not a Pulumi secret.
case("kube-provider-kubeconfig-plain", PROVIDERS, "DENY", DOC["pulumi-secrets"])(plain_kubeconfig_provider)


def provider_namespace_app(s: Stack) -> None:
    component_urn, k8s = cluster(s)
    tenant(s, k8s, "acme")
    scoped = s.provider(
        "kubernetes", "eu1-k8s-acme", parent=component_urn, kubeconfig=secret('{"apiVersion": "v1"}'), namespace="acme"
    )
    for make in (app_sa(None), deployment(None), app_service(None), hpa(None)):
        make(s, scoped)


# Complies: the team's app objects name no namespace and go through a provider of eu1's component whose
# namespace is acme: they land in acme, on eu1.
case("kube-provider-namespace-app-objects", PROVIDERS, cite=DOC["provider"])(provider_namespace_app)


# ============================================================================ unknown at preview

# Violates: DB_PASSWORD in a ConfigMap; its value (from a database created in this update) is unknown, the
# key name decides.
case("kube-pre-configmap-password-value-unknown", PREVIEW, "DENY", DOC["configmap"])(
    iso(configmap({"DB_HOST": "db.acme.svc", "DB_PASSWORD": UNKNOWN}))
)
# Complies: DB_HOST is an endpoint unknown at preview; no key is named like a credential.
case("kube-pre-configmap-db-host-unknown", PREVIEW, cite=DOC["unknowns"])(
    iso(configmap({"DB_HOST": UNKNOWN, "DB_PORT": "5432"}))
)
# Violates: the Helm release carries a plain password; only the chart version is unknown.
case("kube-pre-helm-release-plain-password-version-unknown", PREVIEW, "DENY", DOC["helm-release"])(
    iso(postgres_release({"auth": {"username": "shop", "password": "Tr0ub4dor-and-3"}}, version=UNKNOWN))
)
# Complies: the Secret's password (from a random password created in this update) is unknown, and secret.
case("kube-pre-secret-password-unknown-secret", PREVIEW, cite=DOC["pulumi-secrets"])(
    iso(k8s_secret("shop-db", type="Opaque", stringData=secret({"password": UNKNOWN})))
)
# Violates: a raw Secret with plain stringData; only its type is unknown.
case("kube-pre-secret-plain-type-unknown", PREVIEW, "DENY", DOC["secret-types"])(
    iso(k8s_secret("smtp", type=UNKNOWN, stringData={"password": "m4il-Tr0ub4dor"}))
)
# Violates: a Deployment labelled fleet-residency=gdpr goes through the provider of a cluster in N. Virginia;
# only its image (from a repository created in this update) is unknown.
case("kube-pre-gdpr-deployment-us-cluster-image-unknown", PREVIEW, "DENY", DOC["aws-regions"])(
    eu_and_us(deployment("reports", UNKNOWN, {"fleet-residency": "gdpr"}, name="reports"))
)
# Complies: acme's Deployment on eu1 whose image is unknown.
case("kube-pre-deployment-image-unknown", PREVIEW, cite=DOC["unknowns"])(iso(app_sa(), deployment(image=UNKNOWN)))
# Violates: a NamespacePatch sets acme's enforce level to privileged; only the enforce-version is unknown.
case("kube-pre-ns-patch-privileged-version-unknown", PREVIEW, "DENY", DOC["psa"])(
    iso(ns_patch({ENFORCE: "privileged", f"{ENFORCE}-version": UNKNOWN}))
)
# Complies (defers): a NamespacePatch whose enforce level is unknown (it may restate restricted).
case("kube-pre-ns-patch-enforce-unknown", PREVIEW, cite=DOC["unknowns"])(iso(ns_patch({ENFORCE: UNKNOWN})))
# Complies (defers): system:auth-delegator bound cluster-wide to a service account whose namespace is unknown
# (it may be a platform namespace's).
case("kube-pre-crb-auth-delegator-sa-namespace-unknown", PREVIEW, cite=DOC["unknowns"])(
    two_tenants(
        cluster_role_binding("system:auth-delegator", service_account(UNKNOWN, "metrics-proxy"), name="proxy-auth")
    )
)


# ============================================================================ malformed shapes
# A property that decides has the wrong shape: a correct pack reports it cannot evaluate (mandatory) and
# neither crashes nor passes it.

# Cannot evaluate: a ConfigMap's data is a list of "KEY=value" strings (one a password).
case("kube-bad-configmap-data-list", MALFORMED, "DENY", DOC["configmap-api"])(
    iso(configmap(["LOG_LEVEL=info", "DB_PASSWORD=Tr0ub4dor-and-3"]))
)
# Cannot evaluate: a raw Secret's stringData is one plain string.
case("kube-bad-secret-stringdata-string", MALFORMED, "DENY", DOC["secret-api"])(
    iso(k8s_secret("shop-db", type="Opaque", stringData="password=Tr0ub4dor-and-3"))
)
# Cannot evaluate: a Helm release's values are one YAML string (holding a password).
case("kube-bad-helm-values-string", MALFORMED, "DENY", DOC["helm-release"])(
    iso(postgres_release("auth:\n  password: Tr0ub4dor-and-3\n"))
)
# Cannot evaluate: a webhook served from acme whose namespaceSelector.matchLabels is a list.
case("kube-bad-webhook-match-labels-list", MALFORMED, "DENY", DOC["webhook-api"])(
    two_tenants(webhook(ACME_SVC, {"matchLabels": [f"{NAME}=acme"]}))
)
# Cannot evaluate: a RoleBinding in acme whose one subject is a bare string.
case("kube-bad-rb-subject-string", MALFORMED, "DENY", DOC["rbac-api"])(
    iso(
        add(
            "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
            "acme-everyone-rb",
            metadata={"name": "everyone", "namespace": "acme"},
            roleRef={"apiGroup": RBAC, "kind": "ClusterRole", "name": "view"},
            subjects=["system:authenticated"],
        )
    )
)
# Cannot evaluate: a ClusterRole aggregated into view whose own aggregationRule.clusterRoleSelectors is one
# map (which roles' rules it gathers cannot be read).
case("kube-bad-aggregation-selectors-map", MALFORMED, "DENY", DOC["cr-api"])(
    iso(
        add(
            "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole",
            "reports-view-cr",
            metadata={"name": "reports-view", "labels": VIEW_AGG},
            aggregationRule={"clusterRoleSelectors": {"matchLabels": {"example.com/aggregate-to-reports": "true"}}},
            rules=[],
        ),
        cluster_role(
            "reports-secrets",
            [{"apiGroups": [""], "resources": ["secrets"], "verbs": ["get"]}],
            {"example.com/aggregate-to-reports": "true"},
        ),
    )
)
# Cannot evaluate: the tenant's LimitRange Container item gives only max, as a list.
case("kube-bad-limitrange-max-list", MALFORMED, "DENY", DOC["limitrange-api"])(
    iso(limits=[{"type": "Container", "max": ["cpu=2", "memory=2Gi"]}])
)
# Cannot evaluate: a NamespacePatch of acme whose labels are a list of "key=value" strings.
case("kube-bad-ns-patch-labels-list", MALFORMED, "DENY", DOC["namespace-api"])(
    iso(
        add(
            "kubernetes:core/v1:NamespacePatch",
            "acme-ns-patch",
            metadata={"name": "acme", "labels": [f"{ENFORCE}=privileged"]},
        )
    )
)
# Cannot evaluate: a RolePatch of the bound CI Role whose rules are one map (with escalate).
case("kube-bad-role-patch-rules-map", MALFORMED, "DENY", DOC["role-patch"])(
    iso(*ci_role(CI_RULES), ci_role_patch({"apiGroups": [RBAC], "resources": ["roles"], "verbs": ["escalate"]}))  # type: ignore[arg-type]
)
