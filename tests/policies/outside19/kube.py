"""Kubernetes isolation cases of the nineteenth outside corpus: kinds, fields and situations the eighteen earlier
outside corpora did not try. IngressClass and core Endpoints writes aggregated into the user-facing roles, against
Gateway API BackendTLSPolicy and TLSRoute writes; a tenant webhook on IngressClasses (cluster-scoped) against one on
BackendTLSPolicies; a RoleBinding in a tenant namespace to the built-in ``system:controller:namespace-controller``
role against one to ``system:aggregate-to-view``; CiliumNetworkPolicy egress to another namespace's endpoints and to
the ``host`` entity, against the tenant's own endpoints and the ``kube-apiserver`` entity; an AdminNetworkPolicy that
allows egress to the nodes, against one that passes ingress on to the namespace's own policies; an Alertmanager SMTP
password and a Fluent Bit ``HTTP_Passwd`` in ConfigMaps; MinIO's root password in Helm values; a client secret in a
ReplicationController's environment; a stack output that carries MinIO's root password. Providers and patches: GDPR
on an existing cluster in San Marino vs Slovenia, GDPR on AKS in Israel Central vs Poland Central, us on GKE in
Santiago vs Columbus, eu on GKE in Johannesburg vs Paris, ca on an existing cluster in Saint Pierre and Miquelon vs
Halifax, a Gateway that claims a dedicated cluster, a gitRepo vs a projected volume of the vcluster control plane,
the vcluster's CoreDNS pod security context, a StatefulSetPatch that puts a password into the environment. Then
values unknown at preview and malformed shapes.

Written from Kubernetes, Gateway API, Network Policy API, Cilium, vCluster, Prometheus, Fluent Bit,
MinIO, Pulumi and cloud region documentation and the pack's user-facing contract (docs/RULES.md, docs/SPEC.md,
README.md, what fleet/tenancy, fleet/clusters and fleet/core/vcluster_chart.py render), by a helper that did not
read the pack's rules, its configs, its tests or the tuned corpus's cases. Each case only says whether a correct
pack reports some mandatory violation (``expect="DENY"``) or none; a comment above it says why, and it cites the
page the outcome rests on. The stacks are built with the helpers of the earlier outside corpora.

``UNKNOWN`` stands for a value the engine only learns at the update. Where the decision does not need it a correct
pack decides as if it were known; where it does, the pack defers (advisory FLEET-PRE-001), which is no mandatory
violation.
"""

from __future__ import annotations

import copy
from typing import Any

from tests.policies.corpus import UNKNOWN, Stack, secret
from tests.policies.outside.corpus import cluster_role, cluster_role_binding, group, role_binding, service_account
from tests.policies.outside2.corpus import ADMIN_AGG, CLAIM, EDIT_AGG, Obj, iso
from tests.policies.outside3.kube import add, on_vcluster, patch, program_values, release
from tests.policies.outside5.kube import webhook
from tests.policies.outside6.kube import CONTAINER_SECURITY, POD_SECURITY, configmap
from tests.policies.outside10.kube import on_eks
from tests.policies.outside11.cloud import depends
from tests.policies.outside15.kube import existing, on_aks, on_gke, placed
from tests.policies.outside16.kube import admin_policy, annotated, cilium_policy
from tests.policies.outside18.kube import hook_on, vcluster_values
from tests.policies.outside19.common import Build, case

ISOLATION = "tenant-isolation"
PROVIDERS = "k8s-providers-and-patches"
PREVIEW = "unknown-at-preview"
MALFORMED = "malformed"

NAME = "kubernetes.io/metadata.name"
RBAC = "rbac.authorization.k8s.io"
GATEWAY = "gateway.networking.k8s.io"
K8S_API = "https://kubernetes.io/docs/reference/kubernetes-api"

DOC = {
    # RBAC and aggregation
    "aggregation": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#aggregated-clusterroles",
    "endpoints-write": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#write-access-for-endpoints",
    "ingress-class": "https://kubernetes.io/docs/concepts/services-networking/ingress/#ingress-class",
    "ingressclass-api": f"{K8S_API}/service-resources/ingress-class-v1/",
    "backendtls": "https://gateway-api.sigs.k8s.io/api-types/backendtlspolicy/",
    "tlsroute": "https://gateway-api.sigs.k8s.io/guides/tls/",
    "controller-roles": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#controller-roles",
    "user-facing": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles",
    "discovery-roles": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#discovery-roles",
    "cr-api": f"{K8S_API}/authorization-resources/cluster-role-v1/",
    "rb-api": f"{K8S_API}/authorization-resources/role-binding-v1/",
    "crb-api": f"{K8S_API}/authorization-resources/cluster-role-binding-v1/",
    # admission
    "webhook-ns": (
        "https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/"
        "#matching-requests-namespaceselector"
    ),
    "webhook-url": "https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/#url",
    "webhook-api": f"{K8S_API}/extend-resources/validating-webhook-configuration-v1/",
    # network policy engines
    "cilium-ns": "https://docs.cilium.io/en/stable/security/policy/kubernetes/#namespaces",
    "cilium-entities": "https://docs.cilium.io/en/stable/security/policy/language/#entities-based",
    "anp-spec": "https://network-policy-api.sigs.k8s.io/reference/spec/",
    "anp-overview": "https://network-policy-api.sigs.k8s.io/api-overview/",
    # credentials
    "alertmanager": "https://prometheus.io/docs/alerting/latest/configuration/",
    "fluent-bit-es": "https://docs.fluentbit.io/manual/pipeline/outputs/elasticsearch",
    "fluent-bit-vars": "https://docs.fluentbit.io/manual/administration/configuring-fluent-bit/classic-mode/variables",
    "minio-chart": "https://github.com/minio/minio/tree/master/helm/minio",
    "rc": "https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/",
    "rc-api": f"{K8S_API}/workload-resources/replication-controller-v1/",
    "env-secret": "https://kubernetes.io/docs/tasks/inject-data-application/distribute-credentials-secure/",
    "pulumi-secrets": "https://www.pulumi.com/docs/iac/concepts/secrets/",
    "ss-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/apps/v1/statefulsetpatch/",
    "container-api": f"{K8S_API}/workload-resources/pod-v1/#environment-variables",
    # placement
    "san-marino": "https://www.esteri.sm/pub1/EsteriSM/en/Relazioni-Internazionali/Rapporto-con-UE.html",
    "eu-countries": "https://european-union.europa.eu/principles-countries-history/eu-countries_en",
    "azure-regions": "https://learn.microsoft.com/en-us/azure/reliability/regions-list",
    "gcp-regions": "https://cloud.google.com/compute/docs/regions-zones",
    "aws-regions": "https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html",
    "spm": "https://en.wikipedia.org/wiki/Saint_Pierre_and_Miquelon",
    "canada": "https://www.iso.org/obp/ui/#iso:code:3166:CA",
    # isolation claims, vcluster, Pod Security
    "gateway": "https://gateway-api.sigs.k8s.io/api-types/gateway/",
    "labels": f"{K8S_API}/common-definitions/object-meta/#ObjectMeta",
    "ns-api": f"{K8S_API}/cluster-resources/namespace-v1/",
    "pss": "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
    "gitrepo": "https://kubernetes.io/docs/concepts/storage/volumes/#gitrepo",
    "projected": "https://kubernetes.io/docs/concepts/storage/projected-volumes/",
    "vcluster-persistence": (
        "https://www.vcluster.com/docs/vcluster/configure/vcluster-yaml/control-plane/components/statefulset/persistence"
    ),
    "vcluster-coredns": (
        "https://www.vcluster.com/docs/vcluster/configure/vcluster-yaml/control-plane/components/coredns"
    ),
    "unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
}


# ------------------------------------------------------------------------------------ helpers

WRITE = ["create", "delete", "deletecollection", "patch", "update"]
READ = ["get", "list", "watch"]

INGRESSCLASSES_WRITE = [{"apiGroups": ["networking.k8s.io"], "resources": ["ingressclasses"], "verbs": WRITE}]
BACKENDTLS_WRITE = [{"apiGroups": [GATEWAY], "resources": ["backendtlspolicies"], "verbs": [*READ, *WRITE]}]
ENDPOINTS_WRITE = [{"apiGroups": [""], "resources": ["endpoints"], "verbs": WRITE}]
TLSROUTES_WRITE = [{"apiGroups": [GATEWAY], "resources": ["tlsroutes"], "verbs": [*READ, *WRITE]}]

TICKET = {"example.com/ticket": UNKNOWN}


def ingressclass_admin() -> Obj:
    """IngressClass writes aggregated into admin (the cluster's shared classes: controller, parameters, default)."""
    return cluster_role("ingressclass-admin", INGRESSCLASSES_WRITE, ADMIN_AGG)


def backendtls_editor(labels: Any = None) -> Obj:
    return cluster_role("backendtlspolicy-editor", BACKENDTLS_WRITE, EDIT_AGG if labels is None else labels)


def endpoints_editor(annotations: dict[str, Any] | None = None) -> Obj:
    """The documented ``custom:aggregate-to-edit:endpoints`` role: Endpoints writes back into edit (and admin)."""
    make = cluster_role("custom:aggregate-to-edit:endpoints", ENDPOINTS_WRITE, EDIT_AGG)
    return annotated(make, annotations) if annotations else make


def tlsroute_editor(annotations: dict[str, Any] | None = None, labels: Any = None) -> Obj:
    make = cluster_role("tlsroute-editor", TLSROUTES_WRITE, EDIT_AGG if labels is None else labels)
    return annotated(make, annotations) if annotations else make


def ingressclass_hook() -> Obj:
    return hook_on("ingressclasses", "networking.k8s.io", "v1", "Cluster")


def backendtls_hook() -> Obj:
    return hook_on("backendtlspolicies", GATEWAY, "v1", "Namespaced")


def builtin_binding(role_name: str, subject: dict[str, Any], name: str) -> Obj:
    """A RoleBinding in acme of the built-in ClusterRole ``role_name`` (which the stack does not define)."""
    return role_binding(("ClusterRole", role_name), subject, name=name)


JANITOR = service_account("acme", "janitor")
AUDITORS = group("acme-auditors")

APP_SHOP = {"matchLabels": {"app": "shop"}}


def cilium_egress(name: str, *rules: dict[str, Any]) -> Obj:
    return cilium_policy(name, egress=list(rules))


def to_namespace(namespace: Any) -> dict[str, Any]:
    """Egress to the ledger pods of ``namespace`` (Cilium's namespace label) on 8443."""
    return {
        "toEndpoints": [{"matchLabels": {"k8s:io.kubernetes.pod.namespace": namespace, "app": "ledger"}}],
        "toPorts": [{"ports": [{"port": "8443", "protocol": "TCP"}]}],
    }


HOST_EGRESS = {"toEntities": ["host"]}
APISERVER_EGRESS = {"toEntities": ["kube-apiserver"], "toPorts": [{"ports": [{"port": "443", "protocol": "TCP"}]}]}

ANP = "kubernetes:policy.networking.k8s.io/v1alpha1:AdminNetworkPolicy"


def anp_to_nodes() -> Obj:
    """An AdminNetworkPolicy over acme allowing its pods egress to every worker node (a node-exporter scraper)."""
    return add(
        ANP,
        "acme-node-egress-anp",
        metadata={"name": "acme-node-egress"},
        spec={
            "priority": 30,
            "subject": {"namespaces": {"matchLabels": {NAME: "acme"}}},
            "egress": [
                {
                    "name": "to-workers",
                    "action": "Allow",
                    "to": [
                        {
                            "nodes": {
                                "matchExpressions": [
                                    {"key": "node-role.kubernetes.io/control-plane", "operator": "DoesNotExist"}
                                ]
                            }
                        }
                    ],
                }
            ],
        },
    )


ALERTMANAGER_PASSWORD = (
    "global:\n"
    "  smtp_smarthost: smtp.acme.example.com:587\n"
    "  smtp_from: alerts@acme.example.com\n"
    "  smtp_auth_username: alerts@acme.example.com\n"
    "  smtp_auth_password: Wq7zR2mK9vLp4TxN\n"
    "route:\n  receiver: oncall\n"
    "receivers:\n- name: oncall\n  email_configs:\n  - to: oncall@acme.example.com\n"
)
ALERTMANAGER_PASSWORD_FILE = ALERTMANAGER_PASSWORD.replace(
    "smtp_auth_password: Wq7zR2mK9vLp4TxN", "smtp_auth_password_file: /etc/alertmanager/secrets/smtp/password"
)

FLUENT_BIT_PASSWD = (
    "[OUTPUT]\n"
    "    Name         es\n"
    "    Match        kube.*\n"
    "    Host         logs.acme.example.com\n"
    "    Port         9243\n"
    "    tls          On\n"
    "    HTTP_User    shipper\n"
    "    HTTP_Passwd  Np4vX8qT2mRz7KwL\n"
)
FLUENT_BIT_PLACEHOLDER = FLUENT_BIT_PASSWD.replace("Np4vX8qT2mRz7KwL", "${ES_PASSWORD}")


def minio_release(values: dict[str, Any]) -> Obj:
    """MinIO's official chart in acme, standalone, with ``values`` added."""
    return add(
        "kubernetes:helm.sh/v3:Release",
        "acme-minio",
        name="minio",
        chart="minio",
        version="5.4.0",
        repositoryOpts={"repo": "https://charts.min.io/"},
        namespace="acme",
        values={"mode": "standalone", "persistence": {"size": "50Gi"}, **values},
    )


MINIO_ROOT = {"rootUser": "acme-admin", "rootPassword": "Lk9vQ3xT7mRp2ZwN8bYc"}
MINIO_EXISTING = {"existingSecret": "minio-root-credentials"}

CLIENT_SECRET = [{"name": "AZURE_CLIENT_SECRET", "value": "Qx8~vT2mR7pLz4KwN9bYc3JhF6sDg1QeA5uVo"}]


def client_secret_ref(name: Any = "reporter-sp") -> list[dict[str, Any]]:
    return [{"name": "AZURE_CLIENT_SECRET", "valueFrom": {"secretKeyRef": {"name": name, "key": "client-secret"}}}]


def replication_controller(env: Any) -> Obj:
    """acme's nightly reporter as a ReplicationController (one replica), restricted, with ``env``."""
    labels = {"app": "reporter"}
    return add(
        "kubernetes:core/v1:ReplicationController",
        "acme-reporter-rc",
        metadata={"name": "reporter", "namespace": "acme", "labels": labels},
        spec={
            "replicas": 1,
            "selector": labels,
            "template": {
                "metadata": {"labels": labels},
                "spec": {
                    "serviceAccountName": "reporter",
                    "automountServiceAccountToken": False,
                    "securityContext": POD_SECURITY,
                    "containers": [
                        {
                            "name": "reporter",
                            "image": "registry.example.com/acme/reporter:3.2.0",
                            "env": env,
                            "securityContext": CONTAINER_SECURITY,
                            "resources": {
                                "requests": {"cpu": "100m", "memory": "128Mi"},
                                "limits": {"memory": "256Mi"},
                            },
                        }
                    ],
                },
            },
        },
    )


def with_outputs(build: Build, **outputs: Any) -> Build:
    def built(s: Stack) -> None:
        build(s)
        s.outputs.update(outputs)

    return built


def minio_console(password: Any) -> dict[str, Any]:
    return {"url": "https://minio-console.acme.example.com", "rootUser": "acme-admin", "rootPassword": password}


# Providers and patches


def gdpr_existing(country: str, site: str, image: Any = "registry.example.com/acme/shop:1.4.2") -> Build:
    return placed(existing(country, site), "gdpr", image=image)


def gateway(labels: dict[str, Any], hostname: Any = "shop.acme.example.com") -> Obj:
    """acme's own Gateway API Gateway (HTTPS, routes of its namespace only), labelled ``labels``."""
    return add(
        f"kubernetes:{GATEWAY}/v1:Gateway",
        "acme-public-gw",
        metadata={"name": "acme-public", "namespace": "acme", "labels": labels},
        spec={
            "gatewayClassName": "envoy",
            "listeners": [
                {
                    "name": "https",
                    "protocol": "HTTPS",
                    "port": 443,
                    "hostname": hostname,
                    "tls": {"mode": "Terminate", "certificateRefs": [{"kind": "Secret", "name": "shop-tls"}]},
                    "allowedRoutes": {"namespaces": {"from": "Same"}},
                }
            ],
        },
    )


NAMESPACE_CLAIM = {"fleet-isolation": "namespace", "fleet-tenant": "acme"}

GITREPO_VOLUME = {
    "name": "audit-policies",
    "gitRepo": {"repository": "https://github.com/acme/vcluster-audit.git", "revision": "v1.2.0"},
}
PROJECTED_VOLUME = {
    "name": "audit-policies",
    "projected": {
        "sources": [
            {"serviceAccountToken": {"audience": "audit.acme.example.com", "expirationSeconds": 3600, "path": "token"}},
            {"configMap": {"name": "audit-policies", "items": [{"key": "policy.yaml", "path": "policy.yaml"}]}},
        ]
    },
}


def added_volume(volume: dict[str, Any], image_tag: Any = None) -> Obj:
    """The program's vcluster release with ``volume`` added to the control plane (``persistence.addVolumes``) and
    mounted read-only."""

    def mutate(sts: dict[str, Any]) -> None:
        sts["persistence"]["addVolumes"] = [volume]
        sts["persistence"]["addVolumeMounts"] = [{"name": volume["name"], "mountPath": "/etc/audit", "readOnly": True}]

    return vcluster_values(mutate, image_tag)


COREDNS_NON_ROOT = {"runAsNonRoot": True, "runAsUser": 12345, "runAsGroup": 12345}
COREDNS_RESTRICTED = {**COREDNS_NON_ROOT, "seccompProfile": {"type": "RuntimeDefault"}}


def coredns_values(pod_context: dict[str, Any]) -> Obj:
    """The program's vcluster release with the CoreDNS pod's own ``securityContext``
    (``controlPlane.coredns.security.podSecurityContext``); the container's is left to the chart."""
    values = copy.deepcopy(program_values())
    values["controlPlane"]["coredns"] = {"enabled": True, "security": {"podSecurityContext": pod_context}}
    return release(values)


REDIS_PASSWORD = [{"name": "REDIS_PASSWORD", "value": "Hv3qT9mX2pLz7RwK"}]
REDIS_PASSWORD_REF = [{"name": "REDIS_PASSWORD", "valueFrom": {"secretKeyRef": {"name": "redis", "key": "password"}}}]


def redis_patch(env: Any, image: Any = "registry.example.com/acme/redis:7.4.2") -> Obj:
    """A StatefulSetPatch (server-side apply) of acme's redis that sets its container's image and environment."""
    return patch(
        "StatefulSet",
        "acme-redis-sts-patch",
        {"name": "redis", "namespace": "acme"},
        group_version="apps/v1",
        spec={"template": {"spec": {"containers": [{"name": "redis", "image": image, "env": env}]}}},
    )


# Deferred and malformed helpers


def partner_namespace_egress(s: Stack, k8s: str) -> None:
    """A namespace the stack creates for a partner's ledger (autonamed: its name is only known at the update), and a
    CiliumNetworkPolicy in acme allowing egress to it, whose namespace label takes that name."""
    namespace = s.add(
        "kubernetes:core/v1:Namespace", "partner-ledger-ns", k8s, metadata={"labels": {"purpose": "partner-ledger"}}
    )
    policy = cilium_egress("to-partner-ledger", to_namespace(UNKNOWN))(s, k8s)
    depends(s, policy, spec=[namespace])
    next(r for r in s.resources if r.urn == policy).dependencies = [namespace]


URL_CLIENT = {"url": "https://policy.acme.example.com/validate"}
OWN_NAME = {"matchExpressions": [{"key": NAME, "operator": "In", "values": ["acme"]}]}


def url_hook(tenant_label: Any) -> Obj:
    """acme's policy service outside the cluster, called by URL on acme's pods, its configuration labelled
    ``fleet-tenant: tenant_label``."""
    return webhook(URL_CLIENT, OWN_NAME, kind="Validating", tenant_label=tenant_label, name="acme-policy")


def namespace_named(name: Any) -> Obj:
    """Write acme's tenant Namespace's ``metadata.name`` as ``name`` (after the fact, as a hand-edited object)."""

    def make(s: Stack, _: str) -> None:
        namespace = next(r for r in s.resources if r.urn == s.urn("kubernetes:core/v1:Namespace", "acme-ns"))
        namespace.inputs = {**namespace.inputs, "metadata": {**namespace.inputs["metadata"], "name": name}}

    return make


def auditors_binding(namespace: Any) -> Obj:
    return add(
        f"kubernetes:{RBAC}/v1:RoleBinding",
        "acme-auditors-rb",
        metadata={"name": "auditors", "namespace": namespace},
        roleRef={"apiGroup": RBAC, "kind": "ClusterRole", "name": "system:aggregate-to-view"},
        subjects=[AUDITORS],
    )


def public_info(subject_name: Any) -> Obj:
    return cluster_role_binding(
        "system:public-info-viewer",
        {"apiGroup": RBAC, "kind": "Group", "name": subject_name},
        name="acme-public-info",
    )


# ============================================================================ tenant isolation

# Violates: IngressClass writes aggregated into admin: IngressClasses are cluster-scoped and shared (which
# controller serves a class, its parameters, and which class is the cluster's default), so every tenant admin may
# repoint or take the default class every tenant's Ingresses use.
case("kube19-agg-admin-ingressclasses-write", ISOLATION, "DENY", DOC["ingress-class"])(
    iso(ingressclass_admin(), neighbour=True)
)
# Complies: BackendTLSPolicy writes (a namespaced Gateway API resource, attached to Services of its own namespace)
# aggregated into edit.
case("kube19-agg-edit-backendtlspolicies-write", ISOLATION, cite=DOC["backendtls"])(
    iso(backendtls_editor(), neighbour=True)
)
# Violates: the documented custom:aggregate-to-edit:endpoints role puts Endpoints writes back into edit and admin,
# which Kubernetes removed for CVE-2021-25740 (a Service pointed at other namespaces' pod IPs).
case("kube19-agg-edit-endpoints-write", ISOLATION, "DENY", DOC["endpoints-write"])(
    iso(endpoints_editor(), neighbour=True)
)
# Complies: TLSRoute writes (namespaced Gateway API routes) aggregated into edit.
case("kube19-agg-edit-tlsroutes-write", ISOLATION, cite=DOC["tlsroute"])(iso(tlsroute_editor(), neighbour=True))
# Violates: a webhook served from acme on IngressClasses (scope Cluster) with a selector for acme: IngressClasses are
# cluster-scoped, so the namespaceSelector has no effect and acme sees every IngressClass write.
case("kube19-webhook-ingressclasses", ISOLATION, "DENY", DOC["webhook-ns"])(iso(ingressclass_hook(), neighbour=True))
# Complies: the same webhook on BackendTLSPolicies (namespaced), acme's namespace only.
case("kube19-webhook-backendtlspolicies-own", ISOLATION, cite=DOC["webhook-ns"])(iso(backendtls_hook(), neighbour=True))
# Violates: a RoleBinding in acme gives acme's janitor account the built-in system:controller:namespace-controller
# role (every verb it needs to empty a namespace: delete and deletecollection on every resource), which the stack
# does not define: acme may delete its own quota, limits and network policies.
case("kube19-rb-namespace-controller-role", ISOLATION, "DENY", DOC["controller-roles"])(
    iso(builtin_binding("system:controller:namespace-controller", JANITOR, "janitor"), neighbour=True)
)
# Complies: a RoleBinding in acme of system:aggregate-to-view (a part of view) to acme's auditors.
case("kube19-rb-aggregate-to-view-role", ISOLATION, cite=DOC["user-facing"])(
    iso(builtin_binding("system:aggregate-to-view", AUDITORS, "auditors"), neighbour=True)
)
# Violates: a CiliumNetworkPolicy in acme lets the shop reach the ledger pods of globex's namespace.
case("kube19-cilium-egress-globex-endpoints", ISOLATION, "DENY", DOC["cilium-ns"])(
    iso(cilium_egress("to-ledger", to_namespace("globex")), neighbour=True)
)
# Complies: the same policy for the ledger pods of acme's own namespace.
case("kube19-cilium-egress-own-endpoints", ISOLATION, cite=DOC["cilium-ns"])(
    iso(cilium_egress("to-ledger", to_namespace("acme")), neighbour=True)
)
# Violates: egress to Cilium's host entity (the node the pod runs on: kubelet, node-local services).
case("kube19-cilium-egress-host-entity", ISOLATION, "DENY", DOC["cilium-entities"])(
    iso(cilium_egress("to-node", HOST_EGRESS), neighbour=True)
)
# Complies: egress to the kube-apiserver entity on 443 only (the managed control plane, outside the nodes).
case("kube19-cilium-egress-kube-apiserver-entity", ISOLATION, cite=DOC["cilium-entities"])(
    iso(cilium_egress("to-apiserver", APISERVER_EGRESS), neighbour=True)
)
# Violates: an AdminNetworkPolicy (evaluated before NetworkPolicies) allows acme's pods egress to every worker node.
case("kube19-anp-egress-allow-nodes", ISOLATION, "DENY", DOC["anp-spec"])(iso(anp_to_nodes(), neighbour=True))
# Complies: an AdminNetworkPolicy that passes ingress from every namespace on to acme's own NetworkPolicies (Pass):
# the default deny decides.
case("kube19-anp-ingress-pass", ISOLATION, cite=DOC["anp-overview"])(iso(admin_policy("Pass"), neighbour=True))
# Violates: Alertmanager's configuration with the SMTP password (smtp_auth_password) in a ConfigMap.
case("kube19-configmap-alertmanager-smtp-password", ISOLATION, "DENY", DOC["alertmanager"])(
    iso(configmap({"alertmanager.yml": ALERTMANAGER_PASSWORD}, name="alertmanager"))
)
# Complies: the configuration names a file the password is read from (smtp_auth_password_file).
case("kube19-configmap-alertmanager-smtp-password-file", ISOLATION, cite=DOC["alertmanager"])(
    iso(configmap({"alertmanager.yml": ALERTMANAGER_PASSWORD_FILE}, name="alertmanager"))
)
# Violates: a Fluent Bit Elasticsearch output with its HTTP_Passwd in a ConfigMap.
case("kube19-configmap-fluent-bit-http-passwd", ISOLATION, "DENY", DOC["fluent-bit-es"])(
    iso(configmap({"fluent-bit.conf": FLUENT_BIT_PASSWD}, name="fluent-bit"))
)
# Complies: HTTP_Passwd is ${ES_PASSWORD}, which Fluent Bit fills from the environment.
case("kube19-configmap-fluent-bit-http-passwd-placeholder", ISOLATION, cite=DOC["fluent-bit-vars"])(
    iso(configmap({"fluent-bit.conf": FLUENT_BIT_PLACEHOLDER}, name="fluent-bit"))
)
# Violates: MinIO's root password in the Helm release's values.
case("kube19-helm-minio-root-password", ISOLATION, "DENY", DOC["minio-chart"])(iso(minio_release(MINIO_ROOT)))
# Complies: the chart reads the root credentials from an existing Secret.
case("kube19-helm-minio-existing-secret", ISOLATION, cite=DOC["minio-chart"])(iso(minio_release(MINIO_EXISTING)))
# Violates: a ReplicationController's pod template sets AZURE_CLIENT_SECRET in plain text.
case("kube19-rc-env-client-secret", ISOLATION, "DENY", DOC["rc"])(iso(replication_controller(CLIENT_SECRET)))
# Complies: AZURE_CLIENT_SECRET from a Secret by reference.
case("kube19-rc-env-client-secret-ref", ISOLATION, cite=DOC["env-secret"])(
    iso(replication_controller(client_secret_ref()))
)
# Violates: a stack output for the MinIO console carries the root password as plain text.
case("kube19-output-minio-root-password-plain", ISOLATION, "DENY", DOC["pulumi-secrets"])(
    with_outputs(iso(minio_release(MINIO_EXISTING)), minioConsole=minio_console("Lk9vQ3xT7mRp2ZwN8bYc"))
)
# Complies: the same output with the password as a Pulumi secret.
case("kube19-output-minio-root-password-secret", ISOLATION, cite=DOC["pulumi-secrets"])(
    with_outputs(iso(minio_release(MINIO_EXISTING)), minioConsole=minio_console(secret("Lk9vQ3xT7mRp2ZwN8bYc")))
)


# ============================================================================ providers and patches

# Violates: a GDPR tenant on an existing cluster declared in San Marino (an enclave of Italy, a third State to the
# EU and outside the EEA).
case("kube19-gdpr-existing-san-marino", PROVIDERS, "DENY", DOC["san-marino"])(gdpr_existing("SM", "san-marino-dc1"))
# Complies: the GDPR tenant on an existing cluster in Ljubljana, Slovenia (an EU member state).
case("kube19-gdpr-existing-slovenia", PROVIDERS, cite=DOC["eu-countries"])(gdpr_existing("SI", "ljubljana-dc1"))
# Violates: a GDPR tenant on AKS in israelcentral (Israel).
case("kube19-gdpr-aks-israel-central", PROVIDERS, "DENY", DOC["azure-regions"])(
    placed(on_aks("israelcentral", "IL"), "gdpr")
)
# Complies: the GDPR tenant on AKS in polandcentral (Warsaw).
case("kube19-gdpr-aks-poland-central", PROVIDERS, cite=DOC["azure-regions"])(
    placed(on_aks("polandcentral", "PL"), "gdpr")
)
# Violates: a us tenant on GKE in southamerica-west1 (Santiago, Chile).
case("kube19-us-gke-santiago", PROVIDERS, "DENY", DOC["gcp-regions"])(placed(on_gke("southamerica-west1", "CL"), "us"))
# Complies: the us tenant on GKE in us-east5 (Columbus, Ohio).
case("kube19-us-gke-columbus", PROVIDERS, cite=DOC["gcp-regions"])(placed(on_gke("us-east5", "US"), "us"))
# Violates: an eu tenant on GKE in africa-south1 (Johannesburg, South Africa).
case("kube19-eu-gke-johannesburg", PROVIDERS, "DENY", DOC["gcp-regions"])(placed(on_gke("africa-south1", "ZA"), "eu"))
# Complies: the eu tenant on GKE in europe-west9 (Paris, an EU member state).
case("kube19-eu-gke-paris", PROVIDERS, cite=DOC["gcp-regions"])(placed(on_gke("europe-west9", "FR"), "eu"))
# Violates: a ca tenant on an existing cluster declared in Saint Pierre and Miquelon (a French overseas collectivity
# off Newfoundland, not Canada).
case("kube19-ca-existing-saint-pierre", PROVIDERS, "DENY", DOC["spm"])(placed(existing("PM", "saint-pierre-dc1"), "ca"))
# Complies: the ca tenant on an existing cluster in Halifax, Nova Scotia.
case("kube19-ca-existing-halifax", PROVIDERS, cite=DOC["canada"])(placed(existing("CA", "halifax-dc1"), "ca"))
# Violates: acme's Gateway claims a dedicated cluster (fleet-isolation=cluster) on a cluster globex shares.
case("kube19-gateway-false-dedicated-claim", PROVIDERS, "DENY", DOC["gateway"])(iso(gateway(CLAIM), neighbour=True))
# Complies: the same Gateway's claim on a cluster that holds no other tenant.
case("kube19-gateway-dedicated-claim-alone", PROVIDERS, cite=DOC["gateway"])(iso(gateway(CLAIM)))
# Violates: a gitRepo volume added to the vcluster control plane (persistence.addVolumes): restricted admits only
# configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected and secret volumes.
case("kube19-vcluster-add-volume-gitrepo", PROVIDERS, "DENY", DOC["gitrepo"])(on_vcluster(added_volume(GITREPO_VOLUME)))
# Complies: the added volume is a projected volume (a bound service-account token and a ConfigMap).
case("kube19-vcluster-add-volume-projected", PROVIDERS, cite=DOC["projected"])(
    on_vcluster(added_volume(PROJECTED_VOLUME))
)
# Violates: the CoreDNS pod the virtual cluster syncs to the host gets a securityContext of its own without a
# seccomp profile, which replaces the RuntimeDefault profile the chart sets under podSecurityStandard; its container
# (the chart's) sets none either, and restricted requires one.
case("kube19-vcluster-coredns-pod-context-no-seccomp", PROVIDERS, "DENY", DOC["vcluster-coredns"])(
    on_vcluster(coredns_values(COREDNS_NON_ROOT))
)
# Complies: the CoreDNS pod's securityContext sets RuntimeDefault itself.
case("kube19-vcluster-coredns-pod-context-runtime-default", PROVIDERS, cite=DOC["pss"])(
    on_vcluster(coredns_values(COREDNS_RESTRICTED))
)
# Violates: a StatefulSetPatch (server-side apply) sets REDIS_PASSWORD in plain text in acme's redis; a patch is held
# to its kind.
case("kube19-statefulset-patch-env-password", PROVIDERS, "DENY", DOC["ss-patch"])(iso(redis_patch(REDIS_PASSWORD)))
# Complies: the patch takes REDIS_PASSWORD from a Secret by reference.
case("kube19-statefulset-patch-env-secret-ref", PROVIDERS, cite=DOC["env-secret"])(iso(redis_patch(REDIS_PASSWORD_REF)))


# ============================================================================ unknown at preview

# Violates: Endpoints writes aggregated into edit; only an annotation's value is unknown.
case("kube19-unknown-annotation-agg-edit-endpoints", PREVIEW, "DENY", DOC["endpoints-write"])(
    iso(endpoints_editor(TICKET), neighbour=True)
)
# Complies: TLSRoute writes aggregated into edit; an annotation's value is unknown.
case("kube19-unknown-annotation-agg-edit-tlsroutes", PREVIEW, cite=DOC["tlsroute"])(
    iso(tlsroute_editor(TICKET), neighbour=True)
)
# Violates: the Fluent Bit password is in the ConfigMap; only another key's value (the log host, an output) is unknown.
case("kube19-unknown-key-fluent-bit-http-passwd", PREVIEW, "DENY", DOC["fluent-bit-es"])(
    iso(configmap({"fluent-bit.conf": FLUENT_BIT_PASSWD, "ES_HOST": UNKNOWN}, name="fluent-bit"))
)
# Complies: the password placeholder; another key's value is unknown.
case("kube19-unknown-key-fluent-bit-placeholder", PREVIEW, cite=DOC["fluent-bit-vars"])(
    iso(configmap({"fluent-bit.conf": FLUENT_BIT_PLACEHOLDER, "ES_HOST": UNKNOWN}, name="fluent-bit"))
)
# Violates: a GDPR tenant on EKS in ap-southeast-7 (Thailand); only its app's image (a registry output) is unknown.
case("kube19-unknown-image-gdpr-eks-thailand", PREVIEW, "DENY", DOC["aws-regions"])(
    placed(on_eks("ap-southeast-7", "TH"), "gdpr", image=f"{UNKNOWN}:1.4.2")
)
# Complies: the GDPR tenant on AKS in austriaeast (Vienna); its app's image is unknown.
case("kube19-unknown-image-gdpr-aks-austria-east", PREVIEW, cite=DOC["azure-regions"])(
    placed(on_aks("austriaeast", "AT"), "gdpr", image=f"{UNKNOWN}:1.4.2")
)
# Violates: the Gateway's dedicated-cluster claim on a shared cluster; only its listener hostname (a DNS record's
# output) is unknown.
case("kube19-unknown-hostname-gateway-false-claim", PREVIEW, "DENY", DOC["gateway"])(
    iso(gateway(CLAIM, hostname=UNKNOWN), neighbour=True)
)
# Complies: the claim on a cluster acme has alone; the hostname is unknown.
case("kube19-unknown-hostname-gateway-claim-alone", PREVIEW, cite=DOC["gateway"])(iso(gateway(CLAIM, hostname=UNKNOWN)))
# Violates: the StatefulSetPatch's REDIS_PASSWORD is in plain text; only its image (a registry output) is unknown.
case("kube19-unknown-image-statefulset-patch-env-password", PREVIEW, "DENY", DOC["ss-patch"])(
    iso(redis_patch(REDIS_PASSWORD, image=f"{UNKNOWN}:7.4.2"))
)
# Complies: REDIS_PASSWORD from a Secret; the image is unknown.
case("kube19-unknown-image-statefulset-patch-secret-ref", PREVIEW, cite=DOC["env-secret"])(
    iso(redis_patch(REDIS_PASSWORD_REF, image=f"{UNKNOWN}:7.4.2"))
)
# Complies (deferred): the CiliumNetworkPolicy's egress peer names a namespace the stack creates with a generated
# name: whether it is acme's own, a platform one or another tenant's needs the value, so the decision waits.
case("kube19-unknown-cilium-egress-namespace", PREVIEW, cite=DOC["unknowns"])(
    iso(partner_namespace_egress, neighbour=True)
)


# ============================================================================ malformed shapes

# Violates (cannot evaluate): the URL webhook's configuration label fleet-tenant written as a one-item list (depth 3;
# a string): which tenant the outside webhook belongs to decides FLEET-TEN-008.
case("kube19-bad-webhook-tenant-label-list", MALFORMED, "DENY", DOC["labels"])(iso(url_hook(["acme"]), neighbour=True))
# Complies: the label as a string: acme's outside service sees acme's namespace only.
case("kube19-webhook-tenant-label-string", MALFORMED, cite=DOC["webhook-url"])(iso(url_hook("acme"), neighbour=True))
# Violates (cannot evaluate): the aggregation label's value written as a one-item list (depth 3; a string): whether
# the role is aggregated into edit decides FLEET-TEN-010.
case("kube19-bad-aggregate-label-value-list", MALFORMED, "DENY", DOC["labels"])(
    iso(tlsroute_editor(labels={f"{RBAC}/aggregate-to-edit": ["true"]}), neighbour=True)
)
# Complies: the label value as a string (TLSRoute writes into edit).
case("kube19-aggregate-label-value-string", MALFORMED, cite=DOC["aggregation"])(
    iso(tlsroute_editor(labels={f"{RBAC}/aggregate-to-edit": "true"}), neighbour=True)
)
# Violates (cannot evaluate): the ReplicationController's secretKeyRef.name written as a one-item list (depth 8; a
# string): whether AZURE_CLIENT_SECRET comes from a Secret decides FLEET-SEC-002.
case("kube19-bad-rc-secret-key-ref-name-list", MALFORMED, "DENY", DOC["rc-api"])(
    iso(replication_controller(client_secret_ref(["reporter-sp"])))
)
# Complies: secretKeyRef.name as a string.
case("kube19-rc-secret-key-ref-name-string", MALFORMED, cite=DOC["rc-api"])(
    iso(replication_controller(client_secret_ref("reporter-sp")))
)
# Violates (cannot evaluate): the tenant Namespace's metadata.name written as a one-item list (depth 2; a string):
# which namespace is acme's, and so which guardrails it has, decides FLEET-TEN-001.
case("kube19-bad-namespace-name-list", MALFORMED, "DENY", DOC["ns-api"])(iso(namespace_named(["acme"])))
# Complies: metadata.name as a string.
case("kube19-namespace-name-string", MALFORMED, cite=DOC["ns-api"])(iso(namespace_named("acme")))
# Violates (cannot evaluate): the RoleBinding's metadata.namespace written as a one-item list (depth 2; a string):
# the namespace the binding grants in decides FLEET-TEN-004 and FLEET-TEN-009.
case("kube19-bad-rb-namespace-list", MALFORMED, "DENY", DOC["rb-api"])(iso(auditors_binding(["acme"]), neighbour=True))
# Complies: metadata.namespace as a string.
case("kube19-rb-namespace-string", MALFORMED, cite=DOC["rb-api"])(iso(auditors_binding("acme"), neighbour=True))
# Violates (cannot evaluate): the ClusterRoleBinding's subject name written as a one-item list (depth 2; a string):
# whether the subject is a tenant's decides FLEET-TEN-002.
case("kube19-bad-crb-subject-name-list", MALFORMED, "DENY", DOC["crb-api"])(
    iso(public_info(["system:serviceaccounts:acme"]), neighbour=True)
)
# Complies: the name as a string: the public-info role, which Kubernetes itself binds to everyone.
case("kube19-crb-subject-name-string", MALFORMED, cite=DOC["discovery-roles"])(
    iso(public_info("system:serviceaccounts:acme"), neighbour=True)
)
