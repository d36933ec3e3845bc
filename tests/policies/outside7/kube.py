"""Kubernetes isolation cases of the seventh outside corpus: the everyday objects a tenant team deploys
(Deployments, Services, Ingresses with cert-manager certificates, Gateway API routes, CronJobs, leader
election Roles, ConfigMaps for SDKs and git-sync, Secrets, Helm releases, NetworkPolicies opening the app's
own port to load-balancer health checks, webhooks) in their ordinary compliant forms, beside subtle
violations the six earlier outside corpora did not try: connection strings, API keys, OIDC client secrets
and OpenSSH keys in ConfigMaps (against a Sentry DSN, a JWKS public key and SSH known hosts), a Secret with
masked data but plain stringData, `bind` narrowed to the edit role, the `default` namespace's service
account, webhooks a tenant serves for another tenant only or from an unlabelled configuration, aggregated
token requests, ConfigMapPatch, RolePatch of a Role the stack does not make, Helm env lists, kustomize
secret generators, explicit namespaces beside a provider's default, a UK tenant on AKS, values unknown at
preview and malformed shapes.

Written from Kubernetes and Pulumi documentation and the pack's user-facing contract (docs/RULES.md,
docs/SPEC.md, README.md, what fleet/tenancy renders), by a helper that did not read the pack's rules, its
configs, its tests or the tuned corpus's cases. Each case only says whether a correct pack reports some
mandatory violation (``expect="DENY"``) or none; a comment above it says why, and it cites the page the
outcome rests on. The stacks are built with the helpers of the six earlier outside corpora.

``UNKNOWN`` stands for a value the engine only learns at the update. Where the decision does not need it a
correct pack decides as if it were known; where it does, the pack defers (advisory FLEET-PRE-001), which
is no mandatory violation.
"""

from __future__ import annotations

import base64
from typing import Any

from tests.policies.corpus import UNKNOWN, Stack, secret
from tests.policies.outside.corpus import (
    _find,
    cluster,
    cluster_role,
    group,
    role,
    role_binding,
    service_account,
    tenant,
)
from tests.policies.outside2.corpus import ACME_SVC, EDIT, EDIT_AGG, OWN, VIEW, VIEW_AGG, Obj, iso
from tests.policies.outside3.kube import add, change, from_ns, patch, policy
from tests.policies.outside4.kube import child_of, component
from tests.policies.outside5.kube import expr, webhook
from tests.policies.outside6.kube import (
    APP,
    CI_RULES,
    WRITE,
    app_sa,
    app_service,
    configmap,
    deployment,
    ingress_obj,
    k8s_secret,
    pod_template,
    postgres_release,
    two_tenants,
)
from tests.policies.outside7.common import Build, case

ISOLATION = "tenant-isolation"
PROVIDERS = "k8s-providers-and-patches"
PREVIEW = "unknown-at-preview"
MALFORMED = "malformed"

RBAC = "rbac.authorization.k8s.io"
NAME = "kubernetes.io/metadata.name"
CM = "kubernetes:core/v1:ConfigMap"
SECRET = "kubernetes:core/v1:Secret"
NP = "kubernetes:networking.k8s.io/v1:NetworkPolicy"
CRB = "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding"
RELEASE = "kubernetes:helm.sh/v3:Release"

DOC = {
    # configuration and credentials
    "configmap": "https://kubernetes.io/docs/concepts/configuration/configmap/",
    "configmap-api": "https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/config-map-v1/",
    "secret": "https://kubernetes.io/docs/concepts/configuration/secret/",
    "secret-api": "https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/secret-v1/",
    "secret-env": "https://kubernetes.io/docs/tasks/inject-data-application/distribute-credentials-secure/",
    "immutable-secret": "https://kubernetes.io/docs/concepts/configuration/secret/#secret-immutable",
    "pulumi-secret": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/core/v1/secret/",
    "pulumi-secrets": "https://www.pulumi.com/docs/iac/concepts/secrets/",
    "configmap-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/core/v1/configmappatch/",
    "helm-release": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/helm/v3/release/",
    "bitnami-env": "https://github.com/bitnami/charts/tree/main/bitnami/nginx#parameters",
    "kustomize": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/kustomize/v2/directory/",
    "secret-generator": "https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/secretgenerator/",
    "azure-conn": "https://learn.microsoft.com/en-us/azure/storage/common/storage-configure-connection-string",
    "datadog-keys": "https://docs.datadoghq.com/account_management/api-app-keys/",
    "oidc-client": "https://openid.net/specs/openid-connect-core-1_0.html#ClientAuthentication",
    "git-sync-ssh": "https://github.com/kubernetes/git-sync/blob/master/docs/ssh.md",
    "sentry-dsn": "https://docs.sentry.io/concepts/key-terms/dsn-explainer/",
    "pem-spki": "https://datatracker.ietf.org/doc/html/rfc7468#section-13",
    "provider": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/provider/",
    "components": "https://www.pulumi.com/docs/iac/concepts/resources/components/",
    "unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
    # workloads and routing
    "cronjob": "https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/",
    "leases": "https://kubernetes.io/docs/concepts/architecture/leases/",
    "cert-manager": "https://cert-manager.io/docs/usage/certificate/",
    "httproute": "https://gateway-api.sigs.k8s.io/api-types/httproute/",
    # network
    "netpol": "https://kubernetes.io/docs/concepts/services-networking/network-policies/",
    "netpol-api": "https://kubernetes.io/docs/reference/kubernetes-api/networking-resources/network-policy-v1/",
    "gcp-hc": "https://cloud.google.com/load-balancing/docs/health-check-concepts#ip-ranges",
    "nlb-hc": "https://docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-health-checks.html",
    "provider-namespace": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/provider/#namespace_nodejs",
    # RBAC
    "rbac": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/",
    "rbac-escalation": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#restrictions-on-role-binding-creation-or-update",
    "rbac-subjects": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-subjects",
    "rbac-component-roles": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#other-component-roles",
    "rbac-user-facing": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles",
    "aggregation": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#aggregated-clusterroles",
    "sa-token-request": "https://kubernetes.io/docs/reference/kubernetes-api/authentication-resources/token-request-v1/",
    "rbac-api": "https://kubernetes.io/docs/reference/kubernetes-api/authorization-resources/role-binding-v1/",
    "crb-api": "https://kubernetes.io/docs/reference/kubernetes-api/authorization-resources/cluster-role-binding-v1/",
    "cr-api": "https://kubernetes.io/docs/reference/kubernetes-api/authorization-resources/cluster-role-v1/",
    "role-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/rbac/v1/rolepatch/",
    "rb-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/rbac/v1/rolebindingpatch/",
    "ssa": "https://kubernetes.io/docs/reference/using-api/server-side-apply/#merge-strategy",
    # admission webhooks
    "webhooks": "https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/#matching-requests-namespaceselector",
    "webhook-service": "https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/#service-reference",
    "webhook-api": "https://kubernetes.io/docs/reference/kubernetes-api/extend-resources/validating-webhook-configuration-v1/",
    "label-selectors": "https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#set-based-requirement",
    # quota and regions
    "quota-api": "https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/resource-quota-v1/",
    "quota-scopes": "https://kubernetes.io/docs/concepts/policy/resource-quotas/#quota-scopes",
    "azure-regions": "https://learn.microsoft.com/en-us/azure/reliability/regions-list",
}


# ------------------------------------------------------------------------------------ helpers

OPENSSH_KEY = (
    "-----BEGIN OPENSSH PRIVATE KEY-----\n"
    "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
    "QyNTUxOQAAACBVhZ2mJ0cDXK1nq5uBnyq0tqgEJDC0bZ8oq3JX0fQ1QAAAAJi8k7WSvJO1\n"
    "-----END OPENSSH PRIVATE KEY-----\n"
)
KNOWN_HOSTS = "github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n"
PUBLIC_KEY = (
    "-----BEGIN PUBLIC KEY-----\n"
    "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEVs/o5+uQbTjL3chynL4wXgUg2R9\n"
    "q9UU8I5mEovUf86QZ7kOBIjJwqnzD1omageEHWwHdBO6B+dFabmdT9POxg==\n"
    "-----END PUBLIC KEY-----\n"
)
AZURE_CONNECTION = (
    "DefaultEndpointsProtocol=https;AccountName=acmeshop;"
    "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
    "EndpointSuffix=core.windows.net"
)
GIT_SYNC = {"GITSYNC_REPO": "git@github.com:acme/shop-config.git", "GITSYNC_REF": "main"}
LEASES = [
    {"apiGroups": ["coordination.k8s.io"], "resources": ["leases"], "verbs": WRITE},
    {"apiGroups": [""], "resources": ["events"], "verbs": ["create", "patch"]},
]
APP_PORT = [{"protocol": "TCP", "port": 8080}]


def to_app(*peers: dict[str, Any], ports: Any = None) -> dict[str, Any]:
    """A policy spec opening the app's pods (app=shop) for ingress from ``peers`` on its port 8080."""
    return {
        "podSelector": {"matchLabels": APP},
        "policyTypes": ["Ingress"],
        "ingress": [{"from": list(peers), "ports": APP_PORT if ports is None else ports}],
    }


def ip_block(cidr: str, except_: Any = None) -> dict[str, Any]:
    block: dict[str, Any] = {"cidr": cidr}
    if except_ is not None:
        block["except"] = except_
    return {"ipBlock": block}


def custom(group_version: str, kind: str, name: str, spec: dict[str, Any], ns: str = "acme") -> Obj:
    """A custom resource in ``ns``, registered as the SDK's CustomResource registers it."""
    return add(
        f"kubernetes:{group_version}:{kind}",
        f"{ns}-{name}-{kind.lower()}",
        apiVersion=group_version,
        kind=kind,
        metadata={"name": name, "namespace": ns},
        spec=spec,
    )


def app_release(values: Any, namespace: Any = "acme") -> Obj:
    """The team's own app chart as a Helm release in acme."""
    return add(
        RELEASE,
        "acme-shop-release",
        name="shop",
        chart="oci://registry.example.com/charts/shop",
        version="1.4.2",
        namespace=namespace,
        values=values,
    )


def env_values(password: dict[str, Any]) -> dict[str, Any]:
    """Chart values with an env list in the Bitnami ``extraEnvVars`` convention, one entry the password."""
    return {
        "image": {"repository": "registry.example.com/acme/shop", "tag": "1.4.2"},
        "extraEnvVars": [{"name": "DB_HOST", "value": "db.acme.svc"}, {"name": "DB_PASSWORD", **password}],
    }


PLAIN_PASSWORD = {"value": "Tr0ub4dor-and-3"}
SECRET_REF = {"valueFrom": {"secretKeyRef": {"name": "shop-db", "key": "password"}}}


def ci_binding(role_name: str) -> Obj:
    return role_binding(("Role", role_name), service_account("acme", "tenant-deployer"), name=role_name)


def under(parent: Obj, *children: Obj) -> Obj:
    """``children`` registered under the component ``parent`` makes."""

    def make(s: Stack, k8s: str) -> str:
        parent_urn = parent(s, k8s)
        for child in children:
            _find(s, child(s, k8s)).parent = parent_urn
        return parent_urn

    return make


def aks_at(s: Stack, name: str, location: str, country: str) -> str:
    """An AKS fleet cluster component in ``location`` with its azure-native and Kubernetes providers."""
    component_urn = s.add(
        "fleet:clusters:AksCluster", name, clusterName=name, cloud="azure", region=location, country=country
    )
    s.provider("azure-native", f"{name}-azure-native", parent=component_urn, location=location)
    return s.provider("kubernetes", f"{name}-k8s", parent=component_urn, kubeconfig=secret('{"apiVersion": "v1"}'))


def uk_tenant_on_aks(location: str, country: str) -> Build:
    def build(s: Stack) -> None:
        k8s = aks_at(s, "aks1", location, country)
        tenant(s, k8s, "acme", residency="uk")
        for make in (app_sa(), deployment(), app_service()):
            make(s, k8s)

    return build


def on_gke(*objects: Obj) -> Build:
    """acme (GDPR), fully guarded, on a GKE fleet cluster in Frankfurt, with the case's objects."""

    def build(s: Stack) -> None:
        _, k8s = cluster(s, "eu1", "gcp", "europe-west3")
        tenant(s, k8s, "acme")
        for make in objects:
            make(s, k8s)

    return build


def namespaced_provider(provider_ns: Any, *objects: Obj) -> Build:
    """acme fully guarded on eu1; a second Kubernetes provider of eu1's component whose default namespace
    is ``provider_ns``; the case's objects go through it."""

    def build(s: Stack) -> None:
        component_urn, k8s = cluster(s)
        tenant(s, k8s, "acme")
        scoped = s.provider(
            "kubernetes",
            "eu1-k8s-scoped",
            parent=component_urn,
            kubeconfig=secret('{"apiVersion": "v1"}'),
            namespace=provider_ns,
        )
        for make in objects:
            make(s, scoped)

    return build


def allow_all(ns: str | None) -> Obj:
    """A policy admitting every source to every pod of its namespace."""
    metadata: dict[str, Any] = {"name": "allow-all"}
    if ns is not None:
        metadata["namespace"] = ns
    return add(
        NP,
        f"{ns}-allow-all-np",
        metadata=metadata,
        spec={"podSelector": {}, "policyTypes": ["Ingress"], "ingress": [{}]},
    )


# ============================================================================ tenant isolation

# Credentials in ConfigMaps (FLEET-SEC-002): keys and values the earlier corpora did not try.

# Violates: an Azure Storage connection string (it carries the account key) in a ConfigMap, under a key
# named as one.
case("kube-configmap-azure-storage-connection-string", ISOLATION, "DENY", DOC["azure-conn"])(
    iso(deployment(), configmap({"AZURE_STORAGE_CONNECTION_STRING": AZURE_CONNECTION, "LOG_LEVEL": "info"}))
)
# Complies: the account name and blob endpoint only (the app authenticates with workload identity).
case("kube-configmap-azure-storage-endpoint", ISOLATION, cite=DOC["azure-conn"])(
    iso(
        deployment(),
        configmap(
            {
                "AZURE_STORAGE_ACCOUNT": "acmeshop",
                "AZURE_STORAGE_BLOB_ENDPOINT": "https://acmeshop.blob.core.windows.net/",
            }
        ),
    )
)
# Violates: the Datadog agent's API key (DD_API_KEY) in a ConfigMap.
case("kube-configmap-datadog-api-key", ISOLATION, "DENY", DOC["datadog-keys"])(
    iso(configmap({"DD_API_KEY": "5f2b0c3d9e8a7b6c5d4e3f2a1b0c9d8e", "DD_SITE": "datadoghq.eu"}, name="datadog"))
)
# Complies: the Datadog site, environment and service tags, no key.
case("kube-configmap-datadog-site-and-tags", ISOLATION, cite=DOC["datadog-keys"])(
    iso(configmap({"DD_SITE": "datadoghq.eu", "DD_ENV": "prod", "DD_SERVICE": "shop"}, name="datadog"))
)
# Violates: an OpenID Connect client secret (client_secret_basic/post authenticates the app to the issuer)
# in a ConfigMap.
case("kube-configmap-oidc-client-secret", ISOLATION, "DENY", DOC["oidc-client"])(
    iso(
        configmap(
            {
                "OIDC_ISSUER_URL": "https://login.acme.example.com",
                "OIDC_CLIENT_ID": "shop",
                "OIDC_CLIENT_SECRET": "q8Xv2mN4tP7rK1sL9wZ3yB6cD0fG5hJ",
            },
            name="oidc",
        )
    )
)
# Complies: the issuer and client ID (public identifiers) only.
case("kube-configmap-oidc-client-id", ISOLATION, cite=DOC["oidc-client"])(
    iso(configmap({"OIDC_ISSUER_URL": "https://login.acme.example.com", "OIDC_CLIENT_ID": "shop"}, name="oidc"))
)
# Violates: git-sync's SSH deploy key (an OpenSSH private key) in a ConfigMap beside the repository and
# known hosts; git-sync documents it in a Secret.
case("kube-configmap-git-sync-ssh-private-key", ISOLATION, "DENY", DOC["git-sync-ssh"])(
    iso(configmap({**GIT_SYNC, "ssh": OPENSSH_KEY, "known_hosts": KNOWN_HOSTS}, name="git-sync"))
)
# Complies: the repository (an SSH URL whose userinfo "git" holds no password) and the known hosts (the
# servers' public host keys) only; the key itself is in a Secret.
case("kube-configmap-git-sync-known-hosts", ISOLATION, cite=DOC["git-sync-ssh"])(
    iso(
        configmap({**GIT_SYNC, "known_hosts": KNOWN_HOSTS}, name="git-sync"),
        k8s_secret("git-creds", type="Opaque", data=secret({"ssh": base64.b64encode(OPENSSH_KEY.encode()).decode()})),
    )
)
# Complies: a PEM public key (SubjectPublicKeyInfo) the app verifies tokens with: public, no credential.
case("kube-configmap-jwt-public-key", ISOLATION, cite=DOC["pem-spki"])(
    iso(configmap({"jwks-public.pem": PUBLIC_KEY, "JWT_ISSUER": "https://login.acme.example.com"}, name="jwt"))
)
# Complies: a Sentry DSN: a URL whose userinfo is the project's public key, with no password; Sentry says
# DSNs are safe to keep public (they only allow submitting events).
case("kube-configmap-sentry-dsn", ISOLATION, cite=DOC["sentry-dsn"])(
    iso(
        configmap(
            {
                "SENTRY_DSN": "https://e3b0c44298fc1c149afbf4c8996fb924@o450000.ingest.sentry.io/5412345",
                "SENTRY_ENVIRONMENT": "prod",
            },
            name="sentry",
        )
    )
)

# Secrets.

# Violates: a raw Secret whose data is a Pulumi secret but whose stringData (an API token) is plain text:
# both fields must reach Pulumi as secrets.
case("kube-secret-data-masked-stringdata-plain", ISOLATION, "DENY", DOC["pulumi-secret"])(
    iso(
        k8s_secret(
            "shop-api",
            type="Opaque",
            data=secret({"client-id": base64.b64encode(b"shop").decode()}),
            stringData={"api-token": "tok-4f9a2c7e1b8d3a6f"},
        )
    )
)
# Complies: an immutable Secret whose data is a Pulumi secret.
case("kube-secret-immutable-masked", ISOLATION, cite=DOC["immutable-secret"])(
    iso(
        k8s_secret(
            "shop-api",
            type="Opaque",
            immutable=True,
            data=secret({"api-token": base64.b64encode(b"tok-4f9a2c7e1b8d3a6f").decode()}),
        )
    )
)
# Complies: the Ingress's TLS Secret is issued by a cert-manager Certificate in acme; the stack registers no
# Secret data at all.
case("kube-cert-manager-certificate-for-ingress", ISOLATION, cite=DOC["cert-manager"])(
    iso(
        app_sa(),
        deployment(),
        app_service(),
        ingress_obj(),
        custom(
            "cert-manager.io/v1",
            "Certificate",
            "shop",
            {
                "secretName": "shop-tls",
                "dnsNames": ["shop.acme.example.com"],
                "issuerRef": {"group": "cert-manager.io", "kind": "ClusterIssuer", "name": "letsencrypt"},
            },
        ),
    )
)
# Complies: a nightly CronJob whose password comes from a masked Secret through secretKeyRef.
case("kube-cronjob-env-from-secret", ISOLATION, cite=DOC["secret-env"])(
    iso(
        app_sa(name="export"),
        k8s_secret("shop-db", type="Opaque", stringData=secret({"password": "Tr0ub4dor-and-3"})),
        add(
            "kubernetes:batch/v1:CronJob",
            "acme-export-cron",
            metadata={"name": "export", "namespace": "acme"},
            spec={
                "schedule": "30 3 * * *",
                "concurrencyPolicy": "Forbid",
                "jobTemplate": {
                    "spec": {
                        "ttlSecondsAfterFinished": 3600,
                        "template": {
                            "metadata": {"labels": {"app": "export"}},
                            "spec": {
                                **pod_template("registry.example.com/acme/export:1.0", "export")["spec"],
                                "restartPolicy": "OnFailure",
                                "containers": [
                                    {
                                        **pod_template("registry.example.com/acme/export:1.0")["spec"]["containers"][0],
                                        "env": [{"name": "DB_PASSWORD", **SECRET_REF}],
                                    }
                                ],
                            },
                        },
                    }
                },
            },
        ),
    )
)
# Complies: a Gateway API HTTPRoute in acme attaching the app's Service to the platform's shared Gateway in
# gateway-system (the Gateway's listener decides which namespaces may attach).
case("kube-httproute-to-shared-gateway", ISOLATION, cite=DOC["httproute"])(
    iso(
        app_sa(),
        deployment(),
        app_service(),
        custom(
            "gateway.networking.k8s.io/v1",
            "HTTPRoute",
            "shop",
            {
                "parentRefs": [{"name": "shared", "namespace": "gateway-system", "sectionName": "https"}],
                "hostnames": ["shop.acme.example.com"],
                "rules": [
                    {
                        "matches": [{"path": {"type": "PathPrefix", "value": "/"}}],
                        "backendRefs": [{"name": "shop", "port": 80}],
                    }
                ],
            },
        ),
    )
)

# Roles and bindings the team writes for its app and CI (FLEET-TEN-004, FLEET-TEN-009, FLEET-TEN-002).

# Complies: the app's leader-election Role (write Leases, create Events) bound to its own service account.
case("kube-role-leader-election-own-sa", ISOLATION, cite=DOC["leases"])(
    iso(
        app_sa(),
        role("shop-leader-election", LEASES),
        role_binding(("Role", "shop-leader-election"), service_account("acme", "shop"), name="shop-leader-election"),
    )
)
# Violates: the CI Role may write RoleBindings and "bind" the edit ClusterRole (narrowed by resourceNames):
# the bind verb lets it create bindings to a role without holding the role's rights.
case("kube-ci-role-bind-edit-by-name", ISOLATION, "DENY", DOC["rbac-escalation"])(
    iso(
        role(
            "ci-deploy",
            [
                *CI_RULES,
                {"apiGroups": [RBAC], "resources": ["rolebindings"], "verbs": WRITE},
                {"apiGroups": [RBAC], "resources": ["clusterroles"], "verbs": ["bind"], "resourceNames": ["edit"]},
            ],
        ),
        ci_binding("ci-deploy"),
    )
)
# Violates: view in acme for the service account "default" of the namespace "default", copied from an
# example: every pod anyone runs in the default namespace may read acme.
case("kube-rb-default-namespace-default-sa", ISOLATION, "DENY", DOC["rbac-subjects"])(
    iso(role_binding(VIEW, service_account("default", "default"), name="default-sa-view"))
)
# Complies: the built-in system:kube-dns role (list and watch Services and Endpoints) bound in acme to the
# team's own DNS sidecar's service account: a built-in role judged by its rules, inside the namespace.
case("kube-rb-system-kube-dns-own-sa", ISOLATION, cite=DOC["rbac-component-roles"])(
    iso(
        app_sa(name="dns-cache"),
        role_binding(("ClusterRole", "system:kube-dns"), service_account("acme", "dns-cache"), name="dns-cache"),
    )
)
# Complies: the platform's Prometheus (a service account of the monitoring namespace, no tenant's) reads
# pods, services, endpoints and node metrics cluster-wide: no tenant subject.
case("kube-crb-platform-prometheus-sa", ISOLATION, cite=DOC["rbac"])(
    two_tenants(
        cluster_role(
            "platform-prometheus",
            [
                {
                    "apiGroups": [""],
                    "resources": ["pods", "services", "endpoints", "nodes"],
                    "verbs": ["get", "list", "watch"],
                },
                {"apiGroups": [""], "resources": ["nodes/metrics"], "verbs": ["get"]},
                {"nonResourceURLs": ["/metrics"], "verbs": ["get"]},
            ],
        ),
        add(
            CRB,
            "platform-prometheus-crb",
            metadata={"name": "platform-prometheus"},
            roleRef={"apiGroup": RBAC, "kind": "ClusterRole", "name": "platform-prometheus"},
            subjects=[service_account("monitoring", "prometheus")],
        ),
    )
)
# Violates: a ClusterRole aggregated into view that lets viewers request tokens for service accounts
# (create serviceaccounts/token): a write, and a way to act as any account of the namespace.
case("kube-aggregate-view-serviceaccount-tokens", ISOLATION, "DENY", DOC["sa-token-request"])(
    iso(
        cluster_role(
            "acme-operator-tokens",
            [{"apiGroups": [""], "resources": ["serviceaccounts/token"], "verbs": ["create"]}],
            VIEW_AGG,
        )
    )
)
# Complies: aggregated into edit, impersonating service accounts: the built-in edit role already lets
# editors act as any service account of the namespace, and the contract refuses impersonation only beyond
# service accounts.
case("kube-aggregate-edit-impersonate-serviceaccounts", ISOLATION, cite=DOC["rbac-user-facing"])(
    iso(
        cluster_role(
            "acme-operator-impersonate",
            [{"apiGroups": [""], "resources": ["serviceaccounts"], "verbs": ["impersonate"]}],
            EDIT_AGG,
        )
    )
)

# Webhooks (FLEET-TEN-008).

# Violates: a webhook served from acme whose namespaceSelector selects globex's namespaces only: acme sees
# and may rewrite every pod of its neighbour.
case("kube-webhook-served-by-acme-selects-globex", ISOLATION, "DENY", DOC["webhooks"])(
    two_tenants(webhook(ACME_SVC, {"matchLabels": {"fleet-tenant": "globex"}}))
)
# Violates: the configuration carries no fleet-tenant label, but its webhook is served by a Service in acme
# and has no namespaceSelector: a tenant-served webhook on every namespace.
case("kube-webhook-unlabelled-config-acme-service-unscoped", ISOLATION, "DENY", DOC["webhook-service"])(
    two_tenants(webhook(ACME_SVC, None, tenant_label=None, name="shop-defaults"))
)
# Complies: the same unlabelled configuration, its webhook scoped to acme by name.
case("kube-webhook-unlabelled-config-acme-service-own", ISOLATION, cite=DOC["webhooks"])(
    two_tenants(webhook(ACME_SVC, OWN, tenant_label=None, name="shop-defaults"))
)

# NetworkPolicies opening the app's own port (FLEET-TEN-003).

# Complies: on GKE, the app's port opened to Google's health-check ranges (35.191.0.0/16, 130.211.0.0/22):
# public ranges far smaller than a /8, as container-native load balancing needs.
case("kube-np-gke-health-check-ranges", ISOLATION, cite=DOC["gcp-hc"])(
    on_gke(
        app_sa(),
        deployment(),
        policy(to_app(ip_block("35.191.0.0/16"), ip_block("130.211.0.0/22")), name="shop-from-gcp-hc"),
    )
)
# Violates: the app's port opened to the cluster's VPC range (10.10.0.0/16, the spec's node range) so an
# NLB's health checks reach it: a private range, where the nodes and other tenants' pods are.
case("kube-np-vpc-range-for-nlb-health-checks", ISOLATION, "DENY", DOC["nlb-hc"])(
    iso(app_sa(), deployment(), policy(to_app(ip_block("10.10.0.0/16")), name="shop-from-vpc"), neighbour=True)
)
# Complies: two peers ORed: every pod of the ingress-nginx namespace (named by its name label, no tenant's)
# or acme's own frontend pods; neither admits another tenant.
case("kube-np-ingress-controller-or-own-frontend", ISOLATION, cite=DOC["netpol"])(
    iso(
        deployment(),
        policy(
            to_app(
                from_ns({"matchLabels": {NAME: "ingress-nginx"}}), {"podSelector": {"matchLabels": {"app": "frontend"}}}
            ),
            name="shop-ingress",
        ),
        neighbour=True,
    )
)


# ============================================================================ providers and patches

# Violates: a ConfigMapPatch adds SMTP_PASSWORD to the app's ConfigMap (server-side apply merges the data
# map): the ConfigMap then holds the credential.
case("kube-configmap-patch-adds-password", PROVIDERS, "DENY", DOC["configmap-patch"])(
    iso(
        configmap({"SMTP_HOST": "smtp.example.com", "SMTP_PORT": "587"}),
        patch(
            "ConfigMap",
            "acme-shop-config-patch",
            {"name": "shop-config", "namespace": "acme"},
            data={"SMTP_PASSWORD": "m4il-Tr0ub4dor"},
        ),
    )
)
# Complies: the ConfigMapPatch adds LOG_LEVEL.
case("kube-configmap-patch-adds-log-level", PROVIDERS, cite=DOC["configmap-patch"])(
    iso(
        configmap({"SMTP_HOST": "smtp.example.com", "SMTP_PORT": "587"}),
        patch(
            "ConfigMap",
            "acme-shop-config-patch",
            {"name": "shop-config", "namespace": "acme"},
            data={"LOG_LEVEL": "debug"},
        ),
    )
)
# Violates: a RolePatch writes the Role "ci" (which the stack does not otherwise make) with every verb on
# every apps resource, and the stack binds that Role to acme's deployer: judged as the Role it writes.
case("kube-role-patch-unmanaged-role-wildcard", PROVIDERS, "DENY", DOC["role-patch"])(
    iso(
        patch(
            "Role",
            "acme-ci-role-patch",
            {"name": "ci", "namespace": "acme"},
            f"{RBAC}/v1",
            rules=[{"apiGroups": ["apps"], "resources": ["*"], "verbs": ["*"]}],
        ),
        ci_binding("ci"),
    )
)
# Complies: the same RolePatch writes the Role with listed verbs on Deployments only.
case("kube-role-patch-unmanaged-role-narrow", PROVIDERS, cite=DOC["role-patch"])(
    iso(
        patch(
            "Role",
            "acme-ci-role-patch",
            {"name": "ci", "namespace": "acme"},
            f"{RBAC}/v1",
            rules=[{"apiGroups": ["apps"], "resources": ["deployments"], "verbs": WRITE}],
        ),
        ci_binding("ci"),
    )
)
# Complies: a RoleBindingPatch without roleRef (the binding keeps its role, admin) restates the tenant's
# admins and adds acme's own tenant-deployer service account.
case("kube-rb-patch-no-roleref-adds-own-sa", PROVIDERS, cite=DOC["rb-patch"])(
    iso(
        patch(
            "RoleBinding",
            "acme-admin-rb-patch",
            {"name": "tenant-admin", "namespace": "acme"},
            f"{RBAC}/v1",
            subjects=[group("acme-admins"), service_account("acme", "tenant-deployer")],
        )
    )
)
# Violates: the app's Helm release puts the database password into its env list in plain text
# (extraEnvVars: [{name: DB_PASSWORD, value: ...}]): the key is "value", the name is data.
case("kube-helm-release-env-list-plain-password", PROVIDERS, "DENY", DOC["helm-release"])(
    iso(app_release(env_values(PLAIN_PASSWORD)))
)
# Complies: the env entry takes the password from a Secret (valueFrom.secretKeyRef).
case("kube-helm-release-env-list-secret-ref", PROVIDERS, cite=DOC["bitnami-env"])(
    iso(
        app_release(env_values(SECRET_REF)),
        k8s_secret("shop-db", type="Opaque", stringData=secret({"password": "Tr0ub4dor-and-3"})),
    )
)
# Complies: the release's values, password included, are a Pulumi secret as a whole: nothing is plain.
case("kube-helm-release-values-whole-secret", PROVIDERS, cite=DOC["pulumi-secrets"])(
    iso(postgres_release(secret({"auth": {"username": "shop", "password": "Tr0ub4dor-and-3", "database": "shop"}})))
)
KUSTOMIZE_SHOP = component("kubernetes:kustomize/v2:Directory", "acme-shop", directory="./k8s/shop", namespace="acme")
# Violates: a kustomize/v2 Directory's secretGenerator renders a Secret whose data reaches Pulumi in plain
# text.
case("kube-kustomize-secret-generator-plain", PROVIDERS, "DENY", DOC["secret-generator"])(
    iso(
        child_of(
            KUSTOMIZE_SHOP,
            add(
                SECRET,
                "acme-shop:v1/Secret:acme/shop-db-5hg7m2c8k4",
                metadata={"name": "shop-db-5hg7m2c8k4", "namespace": "acme"},
                type="Opaque",
                data={"password": base64.b64encode(b"Tr0ub4dor-and-3").decode()},
            ),
        )
    )
)
# Complies: the provider's default namespace is acme, but the allow-all policy names platform-tools (no
# tenant's) itself: an object's own namespace comes before the provider's.
case("kube-provider-default-acme-object-in-platform", PROVIDERS, cite=DOC["provider-namespace"])(
    namespaced_provider("acme", allow_all("platform-tools"))
)
# Violates: the provider's default namespace is platform-tools, but the allow-all policy names acme itself.
case("kube-provider-default-platform-object-in-acme", PROVIDERS, "DENY", DOC["provider-namespace"])(
    namespaced_provider("platform-tools", allow_all("acme"))
)
# Complies: the team's app objects registered under its own component (acme:apps:Shop), through eu1's
# provider, in acme.
case("kube-app-under-user-component", PROVIDERS, cite=DOC["components"])(
    iso(under(component("acme:apps:Shop", "shop"), app_sa(), deployment(), app_service(), ingress_obj()))
)
# Violates: a UK-only tenant on an AKS cluster in North Europe (Ireland).
case("kube-uk-tenant-on-aks-northeurope", PROVIDERS, "DENY", DOC["azure-regions"])(
    uk_tenant_on_aks("northeurope", "IE")
)
# Complies: the UK-only tenant on an AKS cluster in UK South (London).
case("kube-uk-tenant-on-aks-uksouth", PROVIDERS, cite=DOC["azure-regions"])(uk_tenant_on_aks("uksouth", "GB"))


# ============================================================================ unknown at preview

# Violates: a raw Secret's password (from a password created in this update) is unknown and not a Pulumi
# secret: whether a value is secret is known at preview, and it is not.
case("kube-pre-secret-stringdata-plain-value-unknown", PREVIEW, "DENY", DOC["pulumi-secrets"])(
    iso(k8s_secret("shop-db", type="Opaque", stringData={"username": "shop", "password": UNKNOWN}))
)
# Complies (defers): the whole data of a ConfigMap comes from another resource's output.
case("kube-pre-configmap-data-unknown", PREVIEW, cite=DOC["unknowns"])(iso(configmap(UNKNOWN)))
# Violates: the Helm release's env list carries a plain password; only the release's namespace is unknown.
case("kube-pre-helm-env-plain-password-namespace-unknown", PREVIEW, "DENY", DOC["helm-release"])(
    iso(app_release(env_values(PLAIN_PASSWORD), namespace=UNKNOWN))
)
# Violates: the webhook served from acme selects globex's namespaces; only its Service port is unknown.
case("kube-pre-webhook-selects-globex-port-unknown", PREVIEW, "DENY", DOC["webhooks"])(
    two_tenants(
        webhook(
            {"service": {"namespace": "acme", "name": "acme-hooks", "path": "/mutate", "port": UNKNOWN}},
            {"matchLabels": {"fleet-tenant": "globex"}},
        )
    )
)
# Complies (defers): the webhook served from acme selects namespaces by name In a list that is unknown (it
# may be acme alone).
case("kube-pre-webhook-name-values-unknown", PREVIEW, cite=DOC["label-selectors"])(
    two_tenants(webhook(ACME_SVC, {"matchExpressions": [{"key": NAME, "operator": "In", "values": UNKNOWN}]}))
)
# Violates: the app's port opened to the VPC range 10.10.0.0/16; only the port is unknown.
case("kube-pre-np-vpc-range-port-unknown", PREVIEW, "DENY", DOC["netpol-api"])(
    iso(deployment(), policy(to_app(ip_block("10.10.0.0/16"), ports=[{"protocol": "TCP", "port": UNKNOWN}])))
)
# Complies: ingress from one partner /24 whose except list is unknown: except only narrows the block.
case("kube-pre-np-partner-except-unknown", PREVIEW, cite=DOC["netpol-api"])(
    iso(deployment(), policy(to_app(ip_block("203.0.113.0/24", UNKNOWN)), name="shop-from-partner"))
)
# Complies (defers): the tenant quota's scopes are unknown (they may be none).
case("kube-pre-quota-scopes-unknown", PREVIEW, cite=DOC["quota-scopes"])(iso(quota_extra={"scopes": UNKNOWN}))
# Complies: edit in acme for a service account of acme whose name is unknown: any of them is acme's own.
case("kube-pre-rb-own-sa-name-unknown", PREVIEW, cite=DOC["rbac-subjects"])(
    iso(role_binding(EDIT, service_account("acme", UNKNOWN), name="ci-edit"))
)
# Complies (defers): the leader-election Role's verbs on Leases are unknown; it is bound to the app's own
# service account.
case("kube-pre-role-lease-verbs-unknown", PREVIEW, cite=DOC["leases"])(
    iso(
        app_sa(),
        role(
            "shop-leader-election", [{"apiGroups": ["coordination.k8s.io"], "resources": ["leases"], "verbs": UNKNOWN}]
        ),
        role_binding(("Role", "shop-leader-election"), service_account("acme", "shop"), name="shop-leader-election"),
    )
)


# ============================================================================ malformed shapes
# A property that decides has the wrong shape: a correct pack reports it cannot evaluate (mandatory) and
# neither crashes nor passes it.

# Cannot evaluate: a ConfigMap's binaryData is a list of "key=base64" strings (one a private key).
case("kube-bad-configmap-binarydata-list", MALFORMED, "DENY", DOC["configmap-api"])(
    iso(
        add(
            CM,
            "acme-git-sync-bin-cm",
            metadata={"name": "git-sync-bin", "namespace": "acme"},
            binaryData=["ssh=" + base64.b64encode(OPENSSH_KEY.encode()).decode()],
        )
    )
)
# Cannot evaluate: a ConfigMap value is a list holding a URL with a password.
case("kube-bad-configmap-value-list", MALFORMED, "DENY", DOC["configmap-api"])(
    iso(configmap({"DATABASE_URL": ["postgres://shop:Tr0ub4dor-and-3@db.acme.svc:5432/shop"]}))
)
# Cannot evaluate: a raw Secret's data is a list of "key=value" strings, in plain text.
case("kube-bad-secret-data-list", MALFORMED, "DENY", DOC["secret-api"])(
    iso(k8s_secret("shop-db", type="Opaque", data=["password=VHIwdWI0ZG9yLWFuZC0z"]))
)
# Cannot evaluate: a RoleBinding subject (globex's CI account) whose kind is a list.
case("kube-bad-rb-subject-kind-list", MALFORMED, "DENY", DOC["rbac-api"])(
    two_tenants(role_binding(EDIT, {"kind": ["ServiceAccount"], "namespace": "globex", "name": "ci"}, name="ci-edit"))
)
# Cannot evaluate: a ClusterRoleBinding naming acme's owner group has no roleRef.
case("kube-bad-crb-without-role-ref", MALFORMED, "DENY", DOC["crb-api"])(
    two_tenants(
        add(CRB, "acme-admins-crb", metadata={"name": "acme-admins-everywhere"}, subjects=[group("acme-admins")])
    )
)
# Cannot evaluate: a ClusterRole aggregated into view whose rule's resources is the string "secrets".
case("kube-bad-aggregate-view-resources-string", MALFORMED, "DENY", DOC["cr-api"])(
    iso(cluster_role("reports-secrets", [{"apiGroups": [""], "resources": "secrets", "verbs": ["get"]}], VIEW_AGG))
)
# Cannot evaluate: a webhook served from acme whose selector's values is one string "acme,globex".
case("kube-bad-webhook-values-string", MALFORMED, "DENY", DOC["webhook-api"])(
    two_tenants(webhook(ACME_SVC, {"matchExpressions": [expr(NAME, "In", "x") | {"values": "acme,globex"}]}))
)
# Cannot evaluate: an unlabelled configuration's webhook, scoped to acme, whose clientConfig is a list (who
# serves it, and so whether acme's namespace is its own, cannot be read).
case("kube-bad-webhook-client-config-list", MALFORMED, "DENY", DOC["webhook-api"])(
    two_tenants(
        webhook(
            [{"service": {"namespace": "globex", "name": "globex-hooks", "path": "/mutate"}}],
            OWN,
            tenant_label=None,
            name="shop-defaults",
        )
    )
)
# Cannot evaluate: the provider's namespace is a list, so where the namespace-less allow-all policy lands
# cannot be read.
case("kube-bad-provider-namespace-list", MALFORMED, "DENY", DOC["provider"])(
    namespaced_provider(["acme"], allow_all(None))
)
# Cannot evaluate: the tenant quota's spec is a list.
case("kube-bad-quota-spec-list", MALFORMED, "DENY", DOC["quota-api"])(
    iso(
        change(
            "kubernetes:core/v1:ResourceQuota",
            "acme-quota",
            spec=[
                {"hard": {"requests.cpu": "4", "requests.memory": "8Gi", "limits.cpu": "8", "limits.memory": "16Gi"}}
            ],
        )
    )
)
