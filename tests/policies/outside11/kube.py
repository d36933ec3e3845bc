"""Kubernetes isolation cases of the eleventh outside corpus: kinds, fields and situations the ten earlier
outside corpora did not try. Impersonation of user extras (``userextras/scopes``); a ClusterRoleBinding for a
group a tenant names only as its viewers (``fleet.dev/owners-view``) and for every service account of a
tenant's second namespace; a tenant's webhook that also selects ``kube-system`` by name; kubeadm's
``cluster-info`` pattern (a Role on one ConfigMap for ``system:anonymous``) copied into a tenant namespace;
quotas scoped ``NotTerminating``; a MongoDB SRV URI and a Spring ``spring.datasource.password`` key in
ConfigMaps; ``bind`` on the ``view`` ClusterRole aggregated into admin. Beside them the everyday platform
objects a correct pack must let through: node-exporter and Fluent Bit DaemonSets, ingress-nginx (IngressClass,
cluster-wide RBAC, its admission webhook), Istio's injector and a tenant's PeerAuthentication and
AuthorizationPolicy, cert-manager's CustomResourceDefinition and ClusterIssuer, external-dns, Argo Rollouts'
aggregated roles, metrics-server's APIService. Providers and patches: a Canada-only tenant on GKE in Querétaro
(Mexico) vs Toronto, tenants on existing clusters declared in the United Kingdom and Iceland, a dedicated
cluster whose claim a NamespacePatch falsifies, a vcluster whose ``kubernetes`` init container sets an
Unconfined vs a Localhost seccomp profile, a namespaced provider under a tenant component (inside or outside
the cluster component), a ``helm.sh/v3:Chart`` rendering a Service, a NamespacePatch enabling Istio injection.
Then values unknown at preview and malformed shapes.

Written from Kubernetes, Pulumi, cloud and vendor documentation and the pack's user-facing contract
(docs/RULES.md, docs/SPEC.md, README.md, what fleet/tenancy renders), by a helper that did not read the pack's
rules, its configs, its tests or the tuned corpus's cases. Each case only says whether a correct pack reports
some mandatory violation (``expect="DENY"``) or none; a comment above it says why, and it cites the page the
outcome rests on. The stacks are built with the helpers of the ten earlier outside corpora.

``UNKNOWN`` stands for a value the engine only learns at the update. Where the decision does not need it a
correct pack decides as if it were known; where it does, the pack defers (advisory FLEET-PRE-001), which is no
mandatory violation.
"""

from __future__ import annotations

import copy
from typing import Any

from tests.policies.corpus import UNKNOWN, Stack, secret
from tests.policies.outside.corpus import (
    QUOTA,
    cluster,
    cluster_role,
    cluster_role_binding,
    group,
    role,
    role_binding,
    service_account,
    tenant,
)
from tests.policies.outside2.corpus import (
    ADMIN_AGG,
    CLAIM,
    DEDICATED,
    EDIT_AGG,
    OWN,
    VIEW,
    VIEW_AGG,
    Obj,
    iso,
    labelled,
    user,
)
from tests.policies.outside3.kube import add, guardrails, on_vcluster, patch, policy, program_values, quota, release
from tests.policies.outside4.kube import child_of, component
from tests.policies.outside5.kube import expr, webhook
from tests.policies.outside6.kube import APP, app_sa, app_service, configmap, deployment, pod_template
from tests.policies.outside7.kube import custom, to_app
from tests.policies.outside8.kube import gke_at
from tests.policies.outside9.kube import existing_at
from tests.policies.outside10.kube import acme_service
from tests.policies.outside11.common import Build, case

ISOLATION = "tenant-isolation"
PROVIDERS = "k8s-providers-and-patches"
PREVIEW = "unknown-at-preview"
MALFORMED = "malformed"

RBAC = "rbac.authorization.k8s.io"
NAME = "kubernetes.io/metadata.name"
NS = "kubernetes:core/v1:Namespace"
SA = "kubernetes:core/v1:ServiceAccount"
SERVICE = "kubernetes:core/v1:Service"
RB = "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding"
CR = "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole"
DEPLOYMENT = "kubernetes:apps/v1:Deployment"
DAEMONSET = "kubernetes:apps/v1:DaemonSet"
READ = ["get", "list", "watch"]

DOC = {
    # RBAC
    "impersonation": "https://kubernetes.io/docs/reference/access-authn-authz/user-impersonation/",
    "crb": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#rolebinding-and-clusterrolebinding",
    "sa-groups": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#service-account-permissions",
    "subjects": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-subjects",
    "bind": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#restrictions-on-role-binding-creation-or-update",
    "aggregation": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#aggregated-clusterroles",
    "role-api": "https://kubernetes.io/docs/reference/kubernetes-api/authorization-resources/role-v1/",
    "rb-api": "https://kubernetes.io/docs/reference/kubernetes-api/authorization-resources/role-binding-v1/",
    "cr-api": "https://kubernetes.io/docs/reference/kubernetes-api/authorization-resources/cluster-role-v1/",
    "kubeadm-cluster-info": "https://kubernetes.io/docs/reference/setup-tools/kubeadm/implementation-details/",
    # admission
    "webhook-ns": "https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/#matching-requests-namespaceselector",
    "vwc-api": "https://kubernetes.io/docs/reference/kubernetes-api/extend-resources/validating-webhook-configuration-v1/",
    "mwc-api": "https://kubernetes.io/docs/reference/kubernetes-api/extend-resources/mutating-webhook-configuration-v1/",
    # quotas, network, namespaces
    "quota-scopes": "https://kubernetes.io/docs/concepts/policy/resource-quotas/#quota-scopes",
    "quota-api": "https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/resource-quota-v1/",
    "netpol-api": "https://kubernetes.io/docs/reference/kubernetes-api/networking-resources/network-policy-v1/",
    "np-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/networking/v1/networkpolicypatch/",
    "ns-api": "https://kubernetes.io/docs/reference/kubernetes-api/cluster-resources/namespace-v1/",
    "ns-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/core/v1/namespacepatch/",
    "pss": "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
    # credentials
    "mongodb-uri": "https://www.mongodb.com/docs/manual/reference/connection-string/",
    "spring-datasource": "https://docs.spring.io/spring-boot/appendix/application-properties/index.html",
    # platform components
    "node-exporter": "https://github.com/prometheus/node_exporter",
    "fluent-bit": "https://docs.fluentbit.io/manual/installation/downloads/kubernetes",
    "ingress-nginx": "https://kubernetes.github.io/ingress-nginx/deploy/",
    "istio-injection": "https://istio.io/latest/docs/setup/additional-setup/sidecar-injection/",
    "istio-authz": "https://istio.io/latest/docs/reference/config/security/authorization-policy/",
    "crd": "https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/",
    "cert-manager-acme": "https://cert-manager.io/docs/configuration/acme/",
    "external-dns": "https://kubernetes-sigs.github.io/external-dns/latest/docs/tutorials/aws/",
    "argo-rollouts": "https://argo-rollouts.readthedocs.io/en/stable/installation/",
    "aggregation-layer": "https://kubernetes.io/docs/tasks/extend-kubernetes/configure-aggregation-layer/",
    "metrics-server": "https://github.com/kubernetes-sigs/metrics-server",
    # placement and providers
    "gcp-regions": "https://cloud.google.com/compute/docs/regions-zones",
    "eea": "https://www.efta.int/eea/eea-agreement",
    "provider": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/provider/",
    "helm-v3-chart": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/helm/v3/chart/",
    "unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
}


# ------------------------------------------------------------------------------------ helpers


def _find(s: Stack, urn: str) -> Any:
    return next(r for r in s.resources if r.urn == urn)


def second_ns(s: Stack, k8s: str) -> str:
    """acme's second namespace, acme-batch: labelled fleet-tenant=acme, with every guardrail."""
    return tenant(s, k8s, "acme-batch", name="acme")


def annotate_ns(ns: str, **annotations: Any) -> Obj:
    """Merge ``annotations`` into the Namespace ``ns`` the tenant helper made."""

    def make(s: Stack, _: str) -> None:
        namespace = _find(s, s.urn(NS, f"{ns}-ns"))
        meta = namespace.inputs["metadata"]
        merged = {**meta.get("annotations", {}), **annotations}
        namespace.inputs = {**namespace.inputs, "metadata": {**meta, "annotations": merged}}

    return make


def impersonation(resources: list[str], api_group: str, names: Any = None) -> list[Obj]:
    """A Role in acme with one impersonate rule, bound to acme's developers."""
    rule: dict[str, Any] = {"apiGroups": [api_group], "resources": resources, "verbs": ["impersonate"]}
    if names is not None:
        rule["resourceNames"] = names
    return [
        role("impersonator", [rule]),
        role_binding(("Role", "impersonator"), group("acme-devs"), name="impersonator"),
    ]


def auditors_view(crb_group: str, crb_metadata: dict[str, Any] | None = None) -> Build:
    """acme names shared-auditors as its viewers (owners-view annotation, view RoleBinding, as the program
    renders ``owners.view``); a ClusterRoleBinding gives ``crb_group`` view on every namespace."""

    def crb(s: Stack, k8s: str) -> str:
        return s.add(
            "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding",
            "auditors-view-crb",
            k8s,
            metadata={"name": "auditors-view", **(crb_metadata or {})},
            roleRef={"apiGroup": RBAC, "kind": "ClusterRole", "name": "view"},
            subjects=[group(crb_group)],
        )

    return iso(
        annotate_ns("acme", **{"fleet.dev/owners-view": "shared-auditors"}),
        role_binding(VIEW, group("shared-auditors"), name="tenant-view"),
        crb,
    )


def pod_webhook(names: tuple[str, ...], **extra: Any) -> Obj:
    """A mutating webhook served from acme on Pods, selecting namespaces by name."""
    return webhook(acme_service(), {"matchExpressions": [expr(NAME, "In", *names)]}, **extra)


def configmap_reader(name: str, ns: str, config: str) -> list[Obj]:
    """A Role that reads one ConfigMap by name, bound to the user system:anonymous (kubeadm's cluster-info
    pattern: a public document any client may fetch before it authenticates)."""
    rules = [{"apiGroups": [""], "resources": ["configmaps"], "resourceNames": [config], "verbs": ["get"]}]
    return [
        role(name, rules, ns=ns),
        role_binding(("Role", name), user("system:anonymous"), ns=ns, name=name),
    ]


MONGO_PASSWORD_URI = (
    "mongodb+srv://shop:N0t-a-real-passw0rd@cluster0.example.mongodb.net/shop?retryWrites=true&w=majority"
)
MONGO_AWS_URI = "mongodb+srv://cluster0.example.mongodb.net/shop?authSource=%24external&authMechanism=MONGODB-AWS"
SPRING_URL = {
    "spring.datasource.url": "jdbc:postgresql://shop-db.acme.svc:5432/shop",
    "spring.datasource.username": "shop",
    "spring.jpa.open-in-view": "false",
}
BIND_VIEW = [{"apiGroups": [RBAC], "resources": ["clusterroles"], "resourceNames": ["view"], "verbs": ["bind"]}]


def restricted_pod(sa: str, containers: list[dict[str, Any]], user_id: int = 65534, **spec: Any) -> dict[str, Any]:
    return {
        "serviceAccountName": sa,
        "securityContext": {
            "runAsNonRoot": True,
            "runAsUser": user_id,
            "runAsGroup": user_id,
            "fsGroup": user_id,
            "seccompProfile": {"type": "RuntimeDefault"},
        },
        "containers": containers,
        **spec,
    }


LOCKED_DOWN = {
    "allowPrivilegeEscalation": False,
    "readOnlyRootFilesystem": True,
    "capabilities": {"drop": ["ALL"]},
}
NODE_EXPORTER = {"app.kubernetes.io/name": "node-exporter"}


def node_exporter(image: Any = "quay.io/prometheus/node-exporter:v1.9.1") -> list[Obj]:
    """node-exporter as its README runs it (host network, host PID, the host's root mounted read-only),
    as a DaemonSet of the platform's monitoring namespace, with its headless Service."""
    mounts = [
        {"name": "proc", "mountPath": "/host/proc", "readOnly": True},
        {"name": "sys", "mountPath": "/host/sys", "readOnly": True},
        {"name": "root", "mountPath": "/host/root", "readOnly": True, "mountPropagation": "HostToContainer"},
    ]
    container = {
        "name": "node-exporter",
        "image": image,
        "args": ["--path.procfs=/host/proc", "--path.sysfs=/host/sys", "--path.rootfs=/host/root"],
        "ports": [{"name": "metrics", "containerPort": 9100, "protocol": "TCP"}],
        "securityContext": LOCKED_DOWN,
        "resources": {"requests": {"cpu": "50m", "memory": "64Mi"}, "limits": {"memory": "180Mi"}},
        "volumeMounts": mounts,
    }
    volumes = [
        {"name": "proc", "hostPath": {"path": "/proc"}},
        {"name": "sys", "hostPath": {"path": "/sys"}},
        {"name": "root", "hostPath": {"path": "/"}},
    ]
    pod = restricted_pod(
        "node-exporter",
        [container],
        hostNetwork=True,
        hostPID=True,
        automountServiceAccountToken=False,
        tolerations=[{"operator": "Exists"}],
        volumes=volumes,
    )
    meta = {"name": "node-exporter", "namespace": "monitoring", "labels": NODE_EXPORTER}
    return [
        add(SA, "monitoring-node-exporter-sa", metadata={"name": "node-exporter", "namespace": "monitoring"}),
        add(
            DAEMONSET,
            "monitoring-node-exporter-ds",
            metadata=meta,
            spec={
                "selector": {"matchLabels": NODE_EXPORTER},
                "updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": "10%"}},
                "template": {"metadata": {"labels": NODE_EXPORTER}, "spec": pod},
            },
        ),
        add(
            SERVICE,
            "monitoring-node-exporter-svc",
            metadata=meta,
            spec={
                "clusterIP": "None",
                "selector": NODE_EXPORTER,
                "ports": [{"name": "metrics", "port": 9100, "targetPort": "metrics"}],
            },
        ),
    ]


FLUENT_BIT_CONF = """[SERVICE]
    Flush        5
    Parsers_File parsers.conf
[INPUT]
    Name             tail
    Path             /var/log/containers/*.log
    multiline.parser docker, cri
    Tag              kube.*
    Mem_Buf_Limit    50MB
[FILTER]
    Name      kubernetes
    Match     kube.*
    Merge_Log On
[OUTPUT]
    Name   loki
    Match  *
    Host   loki-gateway.logging.svc
    Port   80
    Labels job=fluent-bit
"""


def fluent_bit() -> list[Obj]:
    """Fluent Bit as its Kubernetes installation runs it: a DaemonSet tailing the node's container logs
    (hostPath /var/log, read-only), a ClusterRole reading pods and namespaces for the kubernetes filter,
    bound cluster-wide to its own service account of the logging namespace, its configuration in a ConfigMap."""
    labels = {"app.kubernetes.io/name": "fluent-bit"}
    container = {
        "name": "fluent-bit",
        "image": "cr.fluentbit.io/fluent/fluent-bit:3.2.4",
        "securityContext": LOCKED_DOWN,
        "resources": {"requests": {"cpu": "50m", "memory": "64Mi"}, "limits": {"memory": "256Mi"}},
        "volumeMounts": [
            {"name": "config", "mountPath": "/fluent-bit/etc/fluent-bit.conf", "subPath": "fluent-bit.conf"},
            {"name": "varlog", "mountPath": "/var/log", "readOnly": True},
        ],
    }
    # Reading /var/log/containers needs root on most nodes, so the chart sets no runAsUser for the agent.
    pod = {
        "serviceAccountName": "fluent-bit",
        "securityContext": {"seccompProfile": {"type": "RuntimeDefault"}},
        "containers": [container],
        "tolerations": [{"operator": "Exists"}],
        "volumes": [
            {"name": "config", "configMap": {"name": "fluent-bit"}},
            {"name": "varlog", "hostPath": {"path": "/var/log"}},
        ],
    }
    return [
        add(SA, "logging-fluent-bit-sa", metadata={"name": "fluent-bit", "namespace": "logging"}),
        cluster_role("fluent-bit", [{"apiGroups": [""], "resources": ["namespaces", "pods"], "verbs": READ}]),
        cluster_role_binding("fluent-bit", service_account("logging", "fluent-bit"), name="fluent-bit"),
        configmap({"fluent-bit.conf": FLUENT_BIT_CONF}, name="fluent-bit", ns="logging"),
        add(
            DAEMONSET,
            "logging-fluent-bit-ds",
            metadata={"name": "fluent-bit", "namespace": "logging", "labels": labels},
            spec={"selector": {"matchLabels": labels}, "template": {"metadata": {"labels": labels}, "spec": pod}},
        ),
    ]


INGRESS_NGINX_RULES = [
    {
        "apiGroups": [""],
        "resources": ["configmaps", "endpoints", "nodes", "pods", "secrets", "namespaces"],
        "verbs": ["list", "watch"],
    },
    {"apiGroups": ["coordination.k8s.io"], "resources": ["leases"], "verbs": ["list", "watch"]},
    {"apiGroups": [""], "resources": ["nodes"], "verbs": ["get"]},
    {"apiGroups": [""], "resources": ["services"], "verbs": READ},
    {"apiGroups": ["networking.k8s.io"], "resources": ["ingresses"], "verbs": READ},
    {"apiGroups": [""], "resources": ["events"], "verbs": ["create", "patch"]},
    {"apiGroups": ["networking.k8s.io"], "resources": ["ingresses/status"], "verbs": ["update"]},
    {"apiGroups": ["networking.k8s.io"], "resources": ["ingressclasses"], "verbs": READ},
    {"apiGroups": ["discovery.k8s.io"], "resources": ["endpointslices"], "verbs": ["list", "watch", "get"]},
]


def ingress_nginx() -> list[Obj]:
    """ingress-nginx as its deploy manifest installs it: the IngressClass, the controller's cluster-wide
    read of Secrets, Services and Ingresses, the admission job's right to patch its webhook configuration,
    the validating webhook (served from ingress-nginx, no namespaceSelector), the LoadBalancer Service."""
    controller = {"app.kubernetes.io/name": "ingress-nginx", "app.kubernetes.io/component": "controller"}
    admission_hook = {
        "name": "validate.nginx.ingress.kubernetes.io",
        "matchPolicy": "Equivalent",
        "rules": [
            {
                "apiGroups": ["networking.k8s.io"],
                "apiVersions": ["v1"],
                "operations": ["CREATE", "UPDATE"],
                "resources": ["ingresses"],
            }
        ],
        "failurePolicy": "Fail",
        "sideEffects": "None",
        "admissionReviewVersions": ["v1"],
        "clientConfig": {
            "service": {
                "namespace": "ingress-nginx",
                "name": "ingress-nginx-controller-admission",
                "path": "/networking/v1/ingresses",
            }
        },
    }
    return [
        add(
            "kubernetes:networking.k8s.io/v1:IngressClass",
            "nginx-ingressclass",
            metadata={"name": "nginx", "labels": controller},
            spec={"controller": "k8s.io/ingress-nginx"},
        ),
        add(SA, "ingress-nginx-sa", metadata={"name": "ingress-nginx", "namespace": "ingress-nginx"}),
        add(
            SA, "ingress-nginx-admission-sa", metadata={"name": "ingress-nginx-admission", "namespace": "ingress-nginx"}
        ),
        cluster_role("ingress-nginx", INGRESS_NGINX_RULES),
        cluster_role_binding("ingress-nginx", service_account("ingress-nginx", "ingress-nginx"), name="ingress-nginx"),
        cluster_role(
            "ingress-nginx-admission",
            [
                {
                    "apiGroups": ["admissionregistration.k8s.io"],
                    "resources": ["validatingwebhookconfigurations"],
                    "verbs": ["get", "update"],
                }
            ],
        ),
        cluster_role_binding(
            "ingress-nginx-admission",
            service_account("ingress-nginx", "ingress-nginx-admission"),
            name="ingress-nginx-admission",
        ),
        add(
            "kubernetes:admissionregistration.k8s.io/v1:ValidatingWebhookConfiguration",
            "ingress-nginx-admission-vwc",
            metadata={"name": "ingress-nginx-admission"},
            webhooks=[admission_hook],
        ),
        add(
            SERVICE,
            "ingress-nginx-controller-svc",
            metadata={"name": "ingress-nginx-controller", "namespace": "ingress-nginx", "labels": controller},
            spec={
                "type": "LoadBalancer",
                "externalTrafficPolicy": "Local",
                "selector": controller,
                "ports": [
                    {"name": "http", "port": 80, "targetPort": "http"},
                    {"name": "https", "port": 443, "targetPort": "https"},
                ],
            },
        ),
    ]


def istio_injector() -> Obj:
    """Istio's sidecar injector: served by istiod in istio-system, on namespaces labelled istio-injection=enabled."""
    hook = {
        "name": "namespace.sidecar-injector.istio.io",
        "clientConfig": {"service": {"name": "istiod", "namespace": "istio-system", "path": "/inject", "port": 443}},
        "sideEffects": "None",
        "admissionReviewVersions": ["v1"],
        "failurePolicy": "Fail",
        "reinvocationPolicy": "Never",
        "rules": [{"operations": ["CREATE"], "apiGroups": [""], "apiVersions": ["v1"], "resources": ["pods"]}],
        "namespaceSelector": {"matchExpressions": [expr("istio-injection", "In", "enabled")]},
        "objectSelector": {"matchExpressions": [expr("sidecar.istio.io/inject", "NotIn", "false")]},
    }
    return add(
        "kubernetes:admissionregistration.k8s.io/v1:MutatingWebhookConfiguration",
        "istio-sidecar-injector-mwc",
        metadata={"name": "istio-sidecar-injector", "labels": {"app": "sidecar-injector"}},
        webhooks=[hook],
    )


def istio_tenant_policies(principals: Any = None) -> list[Obj]:
    """acme's mesh policies: strict mTLS, the shop reachable only from the ingress gateway's identity, and
    the NetworkPolicies a sidecar needs (istiod's xDS port, the gateway's namespace), both named by name."""
    principals = ["cluster.local/ns/istio-ingress/sa/istio-ingressgateway"] if principals is None else principals
    istiod = {
        "namespaceSelector": {"matchLabels": {NAME: "istio-system"}},
        "podSelector": {"matchLabels": {"app": "istiod"}},
    }
    gateway = {
        "namespaceSelector": {"matchLabels": {NAME: "istio-ingress"}},
        "podSelector": {"matchLabels": {"istio": "ingressgateway"}},
    }
    return [
        custom("security.istio.io/v1", "PeerAuthentication", "default", {"mtls": {"mode": "STRICT"}}),
        custom(
            "security.istio.io/v1",
            "AuthorizationPolicy",
            "shop-from-gateway",
            {
                "selector": {"matchLabels": APP},
                "action": "ALLOW",
                "rules": [
                    {"from": [{"source": {"principals": principals}}], "to": [{"operation": {"ports": ["8080"]}}]}
                ],
            },
        ),
        policy(
            {
                "podSelector": {},
                "policyTypes": ["Egress"],
                "egress": [{"to": [istiod], "ports": [{"protocol": "TCP", "port": 15012}]}],
            },
            name="to-istiod",
        ),
        policy(to_app(gateway), name="from-gateway"),
    ]


CERTIFICATE_CRD = {
    "group": "cert-manager.io",
    "names": {
        "kind": "Certificate",
        "listKind": "CertificateList",
        "plural": "certificates",
        "singular": "certificate",
        "shortNames": ["cert", "certs"],
        "categories": ["cert-manager"],
    },
    "scope": "Namespaced",
    "versions": [
        {
            "name": "v1",
            "served": True,
            "storage": True,
            "subresources": {"status": {}},
            "schema": {
                "openAPIV3Schema": {
                    "type": "object",
                    "properties": {
                        "spec": {"type": "object", "x-kubernetes-preserve-unknown-fields": True},
                        "status": {"type": "object", "x-kubernetes-preserve-unknown-fields": True},
                    },
                }
            },
        }
    ],
}


def cert_manager_issuer() -> list[Obj]:
    """cert-manager's Certificate CRD (cluster-scoped, no conversion webhook) and a Let's Encrypt ClusterIssuer
    solving HTTP-01 through the nginx IngressClass; the account key lives in a Secret cert-manager makes."""
    return [
        add(
            "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition",
            "certificates-crd",
            metadata={"name": "certificates.cert-manager.io", "labels": {"app.kubernetes.io/name": "cert-manager"}},
            spec=CERTIFICATE_CRD,
        ),
        add(
            "kubernetes:cert-manager.io/v1:ClusterIssuer",
            "letsencrypt-clusterissuer",
            apiVersion="cert-manager.io/v1",
            kind="ClusterIssuer",
            metadata={"name": "letsencrypt"},
            spec={
                "acme": {
                    "server": "https://acme-v02.api.letsencrypt.org/directory",
                    "email": "platform-team@example.com",
                    "privateKeySecretRef": {"name": "letsencrypt-account-key"},
                    "solvers": [{"http01": {"ingress": {"ingressClassName": "nginx"}}}],
                }
            },
        ),
    ]


EXTERNAL_DNS_RULES = [
    {"apiGroups": [""], "resources": ["services", "endpoints", "pods"], "verbs": READ},
    {"apiGroups": ["networking.k8s.io"], "resources": ["ingresses"], "verbs": READ},
    {"apiGroups": ["discovery.k8s.io"], "resources": ["endpointslices"], "verbs": READ},
    {"apiGroups": [""], "resources": ["nodes"], "verbs": ["list", "watch"]},
]


def external_dns() -> list[Obj]:
    """external-dns as its AWS tutorial deploys it: an IRSA service account of the external-dns namespace, a
    ClusterRole reading Services, Ingresses, endpoints and nodes, bound cluster-wide, and its Deployment."""
    labels = {"app.kubernetes.io/name": "external-dns"}
    container = {
        "name": "external-dns",
        "image": "registry.k8s.io/external-dns/external-dns:v0.15.1",
        "args": [
            "--source=service",
            "--source=ingress",
            "--provider=aws",
            "--domain-filter=shop.example.com",
            "--aws-zone-type=public",
            "--registry=txt",
            "--txt-owner-id=eu1",
            "--policy=upsert-only",
        ],
        "env": [{"name": "AWS_DEFAULT_REGION", "value": "eu-west-1"}],
        "securityContext": LOCKED_DOWN,
        "resources": {"requests": {"cpu": "50m", "memory": "64Mi"}, "limits": {"memory": "128Mi"}},
    }
    return [
        add(
            SA,
            "external-dns-sa",
            metadata={
                "name": "external-dns",
                "namespace": "external-dns",
                "annotations": {"eks.amazonaws.com/role-arn": "arn:aws:iam::111111111111:role/eu1-external-dns"},
            },
        ),
        cluster_role("external-dns", EXTERNAL_DNS_RULES),
        cluster_role_binding(
            "external-dns", service_account("external-dns", "external-dns"), name="external-dns-viewer"
        ),
        add(
            DEPLOYMENT,
            "external-dns-deploy",
            metadata={"name": "external-dns", "namespace": "external-dns", "labels": labels},
            spec={
                "replicas": 1,
                "strategy": {"type": "Recreate"},
                "selector": {"matchLabels": labels},
                "template": {"metadata": {"labels": labels}, "spec": restricted_pod("external-dns", [container])},
            },
        ),
    ]


ROLLOUT_RESOURCES = [
    "rollouts",
    "rollouts/scale",
    "rollouts/status",
    "experiments",
    "analysistemplates",
    "clusteranalysistemplates",
    "analysisruns",
]
ROLLOUT_WRITE = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]


def argo_rollouts() -> list[Obj]:
    """Argo Rollouts' three aggregated ClusterRoles exactly as its install manifest ships them (writes to its
    own resources into admin and edit, reads into view; clusteranalysistemplates among them), and a Rollout
    of acme's app."""
    view_resources = [r for r in ROLLOUT_RESOURCES if r != "rollouts/status"]
    rollout = {
        "replicas": 2,
        "selector": {"matchLabels": APP},
        "template": pod_template(),
        "strategy": {"canary": {"steps": [{"setWeight": 20}, {"pause": {"duration": "5m"}}]}},
    }
    return [
        cluster_role(
            "argo-rollouts-aggregate-to-admin",
            [{"apiGroups": ["argoproj.io"], "resources": ROLLOUT_RESOURCES, "verbs": ROLLOUT_WRITE}],
            ADMIN_AGG,
        ),
        cluster_role(
            "argo-rollouts-aggregate-to-edit",
            [{"apiGroups": ["argoproj.io"], "resources": ROLLOUT_RESOURCES, "verbs": ROLLOUT_WRITE}],
            EDIT_AGG,
        ),
        cluster_role(
            "argo-rollouts-aggregate-to-view",
            [{"apiGroups": ["argoproj.io"], "resources": view_resources, "verbs": READ}],
            VIEW_AGG,
        ),
        app_sa(),
        custom("argoproj.io/v1alpha1", "Rollout", "shop", rollout),
    ]


def metrics_server(ca_bundle: Any = None) -> list[Obj]:
    """metrics-server's RBAC and APIService as its components.yaml installs them, all in kube-system (its
    aggregated pod-metrics reader, which earlier corpora wrote, is left out)."""
    api_spec: dict[str, Any] = {
        "service": {"name": "metrics-server", "namespace": "kube-system", "port": 443},
        "group": "metrics.k8s.io",
        "version": "v1beta1",
        "groupPriorityMinimum": 100,
        "versionPriority": 100,
    }
    if ca_bundle is None:
        api_spec["insecureSkipTLSVerify"] = True
    else:
        api_spec["caBundle"] = ca_bundle
    sa = service_account("kube-system", "metrics-server")
    return [
        add(SA, "kube-system-metrics-server-sa", metadata={"name": "metrics-server", "namespace": "kube-system"}),
        cluster_role(
            "system:metrics-server",
            [
                {"apiGroups": [""], "resources": ["nodes/metrics"], "verbs": ["get"]},
                {"apiGroups": [""], "resources": ["pods", "nodes"], "verbs": READ},
            ],
        ),
        cluster_role_binding("system:metrics-server", sa, name="system:metrics-server"),
        cluster_role_binding("system:auth-delegator", sa, name="metrics-server:system:auth-delegator"),
        role_binding(
            ("Role", "extension-apiserver-authentication-reader"),
            sa,
            ns="kube-system",
            name="metrics-server-auth-reader",
        ),
        add(
            "kubernetes:apiregistration.k8s.io/v1:APIService",
            "v1beta1-metrics-apiservice",
            metadata={"name": "v1beta1.metrics.k8s.io", "labels": {"k8s-app": "metrics-server"}},
            spec=api_spec,
        ),
    ]


def platform(*objects: Obj | list[Obj]) -> Build:
    """acme (GDPR) fully guarded on eu1 (Ireland) beside globex, and the platform's objects."""
    flat: list[Obj] = []
    for obj in objects:
        flat.extend(obj if isinstance(obj, list) else [obj])
    return iso(*flat, neighbour=True)


# Providers, placement, patches.


def app(replicas: Any = 2) -> list[Obj]:
    """acme's app: its service account, a Deployment (restricted pod) and a ClusterIP Service."""
    shop = deployment()

    def make(s: Stack, k8s: str) -> str:
        urn = shop(s, k8s)
        resource = _find(s, urn)
        resource.inputs = {**resource.inputs, "spec": {**resource.inputs["spec"], "replicas": replicas}}
        return urn

    return [app_sa(), make, app_service()]


def regime_on_gke(region: str, country: str, residency: str, replicas: Any = 2) -> Build:
    """acme of ``residency``, fully guarded with its app, on a GKE fleet cluster in ``region``."""

    def build(s: Stack) -> None:
        k8s = gke_at(s, "gke1", region, country)
        tenant(s, k8s, "acme", residency=residency)
        for make in app(replicas):
            make(s, k8s)

    return build


def on_existing(country: str, residency: str, site: str) -> Build:
    """acme of ``residency``, fully guarded with its app, on an existing cluster declared in ``country``."""

    def build(s: Stack) -> None:
        k8s = existing_at(s, "dc1", country, site)
        tenant(s, k8s, "acme", residency=residency)
        for make in app():
            make(s, k8s)

    return build


TENANT_LABELS = {"fleet-residency": "gdpr", "pod-security.kubernetes.io/enforce": "restricted"}


def dedicated_patched(owner: str, metadata: dict[str, Any] | None = None) -> Build:
    """acme's dedicated cluster (isolation cluster, its admins cluster-admin under the claim); a NamespacePatch
    makes the pre-existing namespace shared-tools a tenant namespace of ``owner``, with every guardrail."""
    labels = {"fleet-tenant": owner, **TENANT_LABELS}
    return iso(
        labelled(DEDICATED, CLAIM),
        patch("Namespace", "shared-tools-ns-patch", {"name": "shared-tools", "labels": labels, **(metadata or {})}),
        guardrails("shared-tools"),
        isolation="cluster",
    )


def vcluster_init_seccomp(profile: dict[str, Any]) -> Obj:
    """The program's vcluster values with the ``kubernetes`` init container's seccomp profile replaced."""
    values = copy.deepcopy(program_values())
    values["controlPlane"]["distro"]["k8s"]["securityContext"]["seccompProfile"] = profile
    return release(values)


def tenant_component_provider(under_cluster: bool) -> Build:
    """acme on eu1; a fleet:tenancy:NamespaceTenant component (under eu1's cluster component, or at the top of
    the stack) holds a Kubernetes provider of its own (eu1's kubeconfig, default namespace acme), through which
    acme's app objects go."""

    def build(s: Stack) -> None:
        eu1, k8s = cluster(s)
        tenant(s, k8s, "acme")
        holder = s.add("fleet:tenancy:NamespaceTenant", "acme-eu1", parent=eu1 if under_cluster else None)
        own = s.provider(
            "kubernetes", "acme-eu1-k8s", parent=holder, kubeconfig=secret('{"apiVersion": "v1"}'), namespace="acme"
        )
        for make in app():
            make(s, own)

    return build


V3_CHART = component("kubernetes:helm.sh/v3:Chart", "acme-ingress", chart="ingress-nginx", namespace="acme")


def chart_controller_service(**spec: Any) -> Obj:
    """The controller Service a ``helm.sh/v3:Chart`` of ingress-nginx renders into acme (the team's own
    ingress controller), registered as the chart's child."""
    selector = {"app.kubernetes.io/instance": "acme-ingress", "app.kubernetes.io/component": "controller"}
    return child_of(
        V3_CHART,
        add(
            SERVICE,
            "acme-ingress-acme/acme-ingress-ingress-nginx-controller",
            metadata={"name": "acme-ingress-ingress-nginx-controller", "namespace": "acme"},
            spec={
                "type": "LoadBalancer",
                "selector": selector,
                "ports": [{"name": "https", "port": 443, "targetPort": "https"}],
                **spec,
            },
        ),
    )


def generated_namespace_provider(s: Stack, k8s: str) -> None:
    """A preview environment: a Namespace whose name comes from a random suffix made in this update (unknown at
    preview, no tenant label), a provider of eu1's component defaulting to it, and an allow-all policy that
    names no namespace, sent through that provider."""
    eu1 = s.urn("fleet:clusters:EksCluster", "eu1")
    ns = s.add(NS, "preview-ns", k8s, metadata={"name": UNKNOWN, "labels": {"purpose": "preview"}})
    scoped = s.provider(
        "kubernetes", "eu1-k8s-preview", parent=eu1, kubeconfig=secret('{"apiVersion": "v1"}'), namespace=UNKNOWN
    )
    provider = _find(s, scoped)
    provider.dependencies = [ns]
    provider.property_dependencies = {"namespace": [ns]}
    s.add(
        "kubernetes:networking.k8s.io/v1:NetworkPolicy",
        "preview-allow-all-np",
        scoped,
        metadata={"name": "allow-all"},
        spec={"podSelector": {}, "policyTypes": ["Ingress"], "ingress": [{}]},
    )


def crb_for(subject: dict[str, Any], name: str = "oncall-view") -> Obj:
    return cluster_role_binding("view", subject, name=name)


def owners_list_and_lead_crb(s: Stack, k8s: str) -> None:
    annotate_ns("acme", **{"fleet.dev/owners-admin": ["acme-admins", "acme-leads"]})(s, k8s)
    crb_for(group("acme-leads"), name="leads-view")(s, k8s)


# ============================================================================ tenant isolation

# RBAC content (FLEET-TEN-004, -009, -010, -002).

# Violates: acme's developers may impersonate the user extra "scopes" (the Impersonate-Extra-scopes header, limited
# to the values view and development): impersonation of something other than the namespace's service accounts.
case("kube-role-impersonate-userextras-scopes", ISOLATION, "DENY", DOC["impersonation"])(
    iso(*impersonation(["userextras/scopes"], "authentication.k8s.io", ["view", "development"]))
)
# Complies: the same Role impersonates only acme's own app service account (by name, in acme).
case("kube-role-impersonate-own-sa-by-name", ISOLATION, cite=DOC["impersonation"])(
    iso(app_sa(), *impersonation(["serviceaccounts"], "", ["shop"]))
)

# Violates: acme names shared-auditors as its viewers (owners-view annotation and view RoleBinding, as the
# program renders owners.view); a ClusterRoleBinding gives that group view on every namespace: a group a tenant's
# owner annotations name, bound cluster-wide.
case("kube-crb-view-group-named-in-owners-view", ISOLATION, "DENY", DOC["crb"])(auditors_view("shared-auditors"))
# Complies: the cluster-wide view binding is for platform-auditors, a group no tenant names.
case("kube-crb-view-platform-auditors", ISOLATION, cite=DOC["crb"])(auditors_view("platform-auditors"))

# Violates: acme's mutating pod webhook (served from acme) selects acme and kube-system by name: it sees and may
# rewrite every pod of kube-system (DNS, CNI, the platform's agents), a namespace that is not acme's.
case("kube-webhook-acme-and-kube-system", ISOLATION, "DENY", DOC["webhook-ns"])(
    iso(second_ns, pod_webhook(("acme", "kube-system")))
)
# Complies: it selects acme and acme-batch, acme's own second namespace (labelled fleet-tenant=acme).
case("kube-webhook-acme-and-own-second-namespace", ISOLATION, cite=DOC["webhook-ns"])(
    iso(second_ns, pod_webhook(("acme", "acme-batch")))
)

# Violates: kubeadm's cluster-info pattern copied into acme: a Role that reads one ConfigMap (acme's CA bundle),
# bound to the user system:anonymous, every request without credentials, whatever the role grants.
case("kube-rb-anonymous-reads-ca-bundle-in-tenant", ISOLATION, "DENY", DOC["kubeadm-cluster-info"])(
    iso(*configmap_reader("ca-bundle-reader", "acme", "ca-bundle"))
)
# Complies: kubeadm's own Role and RoleBinding for system:anonymous on cluster-info, in kube-public (no tenant's).
case("kube-rb-kubeadm-cluster-info-kube-public", ISOLATION, cite=DOC["kubeadm-cluster-info"])(
    iso(*configmap_reader("kubeadm:bootstrap-signer-clusterinfo", "kube-public", "cluster-info"))
)

# Violates: aggregated into admin, bind on the view ClusterRole: every tenant's admins may create bindings to it
# without the escalation check; bind is refused whatever it is narrowed to.
case("kube-aggregate-admin-bind-view", ISOLATION, "DENY", DOC["bind"])(
    iso(cluster_role("delegate-view", BIND_VIEW, ADMIN_AGG))
)
# Complies: the same role, not aggregated, bound cluster-wide to the platform's RBAC administrators only.
case("kube-clusterrole-bind-view-platform-delegation", ISOLATION, cite=DOC["bind"])(
    iso(
        cluster_role("delegate-view", BIND_VIEW),
        cluster_role_binding("delegate-view", group("platform-rbac-admins"), name="delegate-view"),
    )
)

# Violates: every service account of acme-batch (acme's second namespace) gets view on every namespace: the group
# system:serviceaccounts:<namespace> of a tenant namespace, bound cluster-wide.
case("kube-crb-all-sas-of-second-tenant-namespace", ISOLATION, "DENY", DOC["sa-groups"])(
    iso(second_ns, crb_for(group("system:serviceaccounts:acme-batch"), name="batch-view"))
)
# Complies: the same binding for every service account of monitoring, the platform's namespace (no tenant's).
case("kube-crb-all-sas-of-monitoring-namespace", ISOLATION, cite=DOC["sa-groups"])(
    iso(second_ns, crb_for(group("system:serviceaccounts:monitoring"), name="batch-view"))
)

# Quotas (FLEET-TEN-001).

# Violates: acme's only quota is scoped NotTerminating: pods with activeDeadlineSeconds (Jobs, CI runners) are
# Terminating and tracked by no quota, so they run unbounded.
case("kube-quota-not-terminating-only", ISOLATION, "DENY", DOC["quota-scopes"])(
    iso(quota_extra={"scopes": ["NotTerminating"]})
)
# Complies: acme's unscoped quota, plus a second quota for NotTerminating pods (quotas add up).
case("kube-quota-plus-not-terminating-quota", ISOLATION, cite=DOC["quota-scopes"])(
    iso(quota("long-running", QUOTA, scopes=["NotTerminating"]))
)

# Credentials in ConfigMaps (FLEET-SEC-002).

# Violates: a MongoDB Atlas SRV connection string with a password in its userinfo, under a neutral key name.
case("kube-configmap-mongodb-srv-uri-password", ISOLATION, "DENY", DOC["mongodb-uri"])(
    iso(configmap({"MONGODB_URI": MONGO_PASSWORD_URI, "MONGODB_DATABASE": "shop"}))
)
# Complies: the SRV string without userinfo, authenticating with the pod's AWS identity (MONGODB-AWS).
case("kube-configmap-mongodb-srv-uri-aws-auth", ISOLATION, cite=DOC["mongodb-uri"])(
    iso(configmap({"MONGODB_URI": MONGO_AWS_URI, "MONGODB_DATABASE": "shop"}))
)
# Violates: Spring Boot properties as ConfigMap keys, spring.datasource.password among them (a dotted key named
# like a credential).
case("kube-configmap-spring-datasource-password", ISOLATION, "DENY", DOC["spring-datasource"])(
    iso(configmap({**SPRING_URL, "spring.datasource.password": "N0t-a-real-passw0rd"}))
)
# Complies: the same properties without the password (it comes from a Secret as an environment variable).
case("kube-configmap-spring-datasource-url", ISOLATION, cite=DOC["spring-datasource"])(iso(configmap(SPRING_URL)))

# Everyday platform objects on a cluster with two GDPR tenants, which a correct pack lets through: they are in
# platform namespaces, name no tenant subject, serve no webhook from a tenant namespace and aggregate nothing a
# tenant must not hold.

# Complies: node-exporter's DaemonSet in monitoring (host network and PID, the host's filesystem read-only).
case("kube-node-exporter-daemonset", ISOLATION, cite=DOC["node-exporter"])(platform(node_exporter()))
# Complies: Fluent Bit's DaemonSet in logging, its cluster-wide pod and namespace reader, its configuration.
case("kube-fluent-bit-daemonset", ISOLATION, cite=DOC["fluent-bit"])(platform(fluent_bit()))
# Complies: ingress-nginx (IngressClass, controller RBAC reading Secrets cluster-wide, its admission webhook on
# every namespace's Ingresses, served from ingress-nginx) and acme's Ingress through it.
case("kube-ingress-nginx-platform", ISOLATION, cite=DOC["ingress-nginx"])(
    platform(ingress_nginx(), app_sa(), deployment(), app_service())
)
# Complies: Istio's injector (served by istiod) and acme's PeerAuthentication, AuthorizationPolicy and the
# NetworkPolicies to istiod and from the ingress gateway, both named by name.
case("kube-istio-mesh-tenant-policies", ISOLATION, cite=DOC["istio-authz"])(
    platform(istio_injector(), istio_tenant_policies())
)
# Complies: cert-manager's Certificate CRD and a Let's Encrypt ClusterIssuer.
case("kube-cert-manager-crd-and-cluster-issuer", ISOLATION, cite=DOC["cert-manager-acme"])(
    platform(cert_manager_issuer())
)
# Complies: external-dns (IRSA service account, cluster-wide reader of Services and Ingresses, Deployment).
case("kube-external-dns-platform", ISOLATION, cite=DOC["external-dns"])(platform(external_dns()))
# Complies: Argo Rollouts' aggregated roles as shipped (writes on its own resources into admin and edit, reads
# into view) and a Rollout of acme's app: "named custom resources" are what aggregation is for.
case("kube-argo-rollouts-aggregated-roles", ISOLATION, cite=DOC["argo-rollouts"])(platform(argo_rollouts()))
# Complies: metrics-server's RBAC in kube-system and its APIService (an aggregated API served from kube-system).
case("kube-metrics-server-apiservice", ISOLATION, cite=DOC["metrics-server"])(platform(metrics_server()))


# ============================================================================ providers and patches

# Violates: a Canada-only tenant on GKE in northamerica-south1, Querétaro: Mexico.
case("kube-ca-tenant-on-gke-queretaro", PROVIDERS, "DENY", DOC["gcp-regions"])(
    regime_on_gke("northamerica-south1", "MX", "ca")
)
# Complies: the same tenant on GKE in northamerica-northeast2, Toronto.
case("kube-ca-tenant-on-gke-toronto", PROVIDERS, cite=DOC["gcp-regions"])(
    regime_on_gke("northamerica-northeast2", "CA", "ca")
)
# Violates: a GDPR tenant on an existing cluster whose component declares the United Kingdom (not in the EEA).
case("kube-gdpr-tenant-on-existing-gb", PROVIDERS, "DENY", DOC["eea"])(on_existing("GB", "gdpr", "london-dc1"))
# Complies: the GDPR tenant on an existing cluster declared in Iceland, an EEA state.
case("kube-gdpr-tenant-on-existing-is", PROVIDERS, cite=DOC["eea"])(on_existing("IS", "gdpr", "reykjavik-dc1"))
# Violates: an eu tenant (the member states) on that Icelandic cluster: Iceland is in the EEA, not the EU.
case("kube-eu-tenant-on-existing-is", PROVIDERS, "DENY", DOC["eea"])(on_existing("IS", "eu", "reykjavik-dc1"))
# Complies: a uk tenant on the existing cluster declared in the United Kingdom.
case("kube-uk-tenant-on-existing-gb", PROVIDERS, cite=DOC["eea"])(on_existing("GB", "uk", "london-dc1"))

# Violates: acme's dedicated cluster (its admins cluster-admin under the claim); a NamespacePatch makes the
# pre-existing namespace shared-tools globex's (fleet-tenant=globex, fully guarded): the cluster now holds another
# tenant's namespace, so the claim is false.
case("kube-dedicated-ns-patch-labels-neighbour", PROVIDERS, "DENY", DOC["ns-patch"])(dedicated_patched("globex"))
# Complies: the patch makes shared-tools acme's own second namespace, fully guarded: no other tenant.
case("kube-dedicated-ns-patch-labels-own", PROVIDERS, cite=DOC["ns-patch"])(dedicated_patched("acme"))

# Violates: the program's vcluster values, but the kubernetes init container's seccomp profile is Unconfined,
# which restricted prohibits ("Both the Unconfined profile and the absence of a profile are prohibited").
case("kube-vcluster-init-seccomp-unconfined", PROVIDERS, "DENY", DOC["pss"])(
    on_vcluster(vcluster_init_seccomp({"type": "Unconfined"}))
)
# Complies: a Localhost profile, which restricted allows beside RuntimeDefault.
case("kube-vcluster-init-seccomp-localhost", PROVIDERS, cite=DOC["pss"])(
    on_vcluster(vcluster_init_seccomp({"type": "Localhost", "localhostProfile": "profiles/vcluster.json"}))
)

# Violates: acme's app goes through a provider held by a tenant component that sits at the top of the stack,
# under no cluster component: which cluster it reaches cannot be traced, so the GDPR objects cannot be placed.
case("kube-tenant-component-provider-outside-cluster", PROVIDERS, "DENY", DOC["provider"])(
    tenant_component_provider(False)
)
# Complies: the same tenant component sits under eu1's cluster component, so its provider is eu1's (Ireland).
case("kube-tenant-component-provider-under-cluster", PROVIDERS, cite=DOC["provider"])(tenant_component_provider(True))

# Violates: a helm.sh/v3:Chart of ingress-nginx renders its controller Service into acme with externalIPs
# (the chart's controller.service.externalIPs value).
case("kube-helm-v3-chart-controller-external-ips", PROVIDERS, "DENY", DOC["helm-v3-chart"])(
    iso(chart_controller_service(externalIPs=["203.0.113.40"]))
)
# Complies: the rendered controller Service is a plain LoadBalancer.
case("kube-helm-v3-chart-controller-lb", PROVIDERS, cite=DOC["helm-v3-chart"])(iso(chart_controller_service()))

# Complies: a NamespacePatch labels acme istio-injection=enabled for the platform's injector; Pod Security and the
# tenant label are untouched.
case("kube-ns-patch-istio-injection", PROVIDERS, cite=DOC["istio-injection"])(
    platform(
        istio_injector(),
        patch("Namespace", "acme-ns-istio-patch", {"name": "acme", "labels": {"istio-injection": "enabled"}}),
    )
)


# ============================================================================ unknown at preview

# Violates: the impersonation of user extras is known; only which values (resourceNames) is unknown.
case("kube-pre-impersonate-userextras-names-unknown", PREVIEW, "DENY", DOC["unknowns"])(
    iso(*impersonation(["userextras/scopes"], "authentication.k8s.io", UNKNOWN))
)
# Violates: the cluster-wide view binding names shared-auditors, acme's viewers; only its annotations are unknown.
case("kube-pre-crb-owners-view-group-annotations-unknown", PREVIEW, "DENY", DOC["unknowns"])(
    auditors_view("shared-auditors", {"annotations": UNKNOWN})
)
# Violates: acme's webhook selects kube-system; only its timeout (from a config output) is unknown.
case("kube-pre-webhook-acme-kube-system-timeout-unknown", PREVIEW, "DENY", DOC["unknowns"])(
    iso(second_ns, pod_webhook(("acme", "kube-system"), timeoutSeconds=UNKNOWN))
)
# Violates: the Canada-only tenant on GKE in Mexico; only the Deployment's replica count is unknown.
case("kube-pre-ca-tenant-queretaro-replicas-unknown", PREVIEW, "DENY", DOC["unknowns"])(
    regime_on_gke("northamerica-south1", "MX", "ca", replicas=UNKNOWN)
)
# Violates: the NamespacePatch makes shared-tools globex's on acme's dedicated cluster; only the patch's
# annotations are unknown.
case("kube-pre-dedicated-ns-patch-neighbour-annotations-unknown", PREVIEW, "DENY", DOC["unknowns"])(
    dedicated_patched("globex", {"annotations": UNKNOWN})
)
# Violates: the MongoDB URI with a password is known; only the database name beside it is unknown.
case("kube-pre-configmap-mongodb-password-database-unknown", PREVIEW, "DENY", DOC["unknowns"])(
    iso(configmap({"MONGODB_URI": MONGO_PASSWORD_URI, "MONGODB_DATABASE": UNKNOWN}))
)
# Complies: the Role impersonates service accounts of acme only; which ones (resourceNames) is unknown, and any
# of them is acme's own.
case("kube-pre-impersonate-own-sas-names-unknown", PREVIEW, cite=DOC["unknowns"])(
    iso(*impersonation(["serviceaccounts"], "", UNKNOWN))
)
# Complies (defers): a preview environment's namespace is named from a random suffix made in this update; the
# allow-all policy lands there through a provider defaulting to it. It is unknown which namespace that is (the
# Namespace the stack makes carries no tenant label).
case("kube-pre-provider-namespace-unknown-preview-env", PREVIEW, cite=DOC["provider"])(
    iso(generated_namespace_provider)
)
# Complies: metrics-server's APIService whose CA bundle comes from a certificate made in this update.
case("kube-pre-apiservice-ca-bundle-unknown", PREVIEW, cite=DOC["aggregation-layer"])(
    platform(metrics_server(ca_bundle=UNKNOWN))
)
# Complies: the Canada-only tenant on GKE in Toronto; only the Deployment's replica count is unknown.
case("kube-pre-ca-tenant-toronto-replicas-unknown", PREVIEW, cite=DOC["unknowns"])(
    regime_on_gke("northamerica-northeast2", "CA", "ca", replicas=UNKNOWN)
)
# Complies (defers): a cluster-wide view binding for a group whose name comes from an identity-provider group made
# in this update: it may be a tenant's group or not, which only the update knows.
case("kube-pre-crb-view-group-name-unknown", PREVIEW, cite=DOC["unknowns"])(iso(crb_for(group(UNKNOWN))))
# Complies: node-exporter's image comes from a mirror repository made in this update.
case("kube-pre-node-exporter-image-unknown", PREVIEW, cite=DOC["unknowns"])(platform(node_exporter(image=UNKNOWN)))


# ============================================================================ malformed
# Each value has a shape the Kubernetes API refuses (kubernetes-validate, 1.35, strict) at a field that decides
# isolation; a correct pack reports the object as one it cannot evaluate.

# Cannot evaluate: an ingress rule of acme's policy is a string ("from namespace acme"), not an object.
case("kube-bad-np-ingress-rule-string", MALFORMED, "DENY", DOC["netpol-api"])(
    iso(
        policy(
            {
                "podSelector": {"matchLabels": APP},
                "policyTypes": ["Ingress"],
                "ingress": ["from namespace acme on 8080"],
            },
            name="shop-ingress",
        )
    )
)
# Cannot evaluate: an egress peer's podSelector is a list of selectors, not a label selector.
case("kube-bad-np-egress-peer-pod-selector-list", MALFORMED, "DENY", DOC["netpol-api"])(
    iso(
        policy(
            {
                "podSelector": {},
                "policyTypes": ["Egress"],
                "egress": [
                    {
                        "to": [{"podSelector": [{"matchLabels": {"app": "postgres"}}]}],
                        "ports": [{"protocol": "TCP", "port": 5432}],
                    }
                ],
            },
            name="to-postgres",
        )
    )
)
# Cannot evaluate: a NetworkPolicyPatch of acme's default deny whose policyTypes is a map, not a list: which
# directions the deny isolates cannot be read.
case("kube-bad-np-patch-policy-types-map", MALFORMED, "DENY", DOC["np-patch"])(
    iso(
        patch(
            "NetworkPolicy",
            "acme-deny-patch",
            {"name": "default-deny", "namespace": "acme"},
            "networking.k8s.io/v1",
            spec={"podSelector": {}, "policyTypes": {"Ingress": "enabled", "Egress": "enabled"}},
        )
    )
)
# Cannot evaluate: a RoleBinding of view in acme whose subjects is a number, not a list of subjects.
case("kube-bad-rb-subjects-number", MALFORMED, "DENY", DOC["rb-api"])(
    iso(
        add(
            RB,
            "acme-auditors-rb",
            metadata={"name": "auditors", "namespace": "acme"},
            roleRef={"apiGroup": RBAC, "kind": "ClusterRole", "name": "view"},
            subjects=2,
        )
    )
)
# Cannot evaluate: a Role bound to acme's developers whose rule's apiGroups is the string "apps", not a list.
case("kube-bad-role-api-groups-string", MALFORMED, "DENY", DOC["role-api"])(
    iso(
        role("deploy-reader", [{"apiGroups": "apps", "resources": ["deployments"], "verbs": READ}]),
        role_binding(("Role", "deploy-reader"), group("acme-devs"), name="deploy-reader"),
    )
)
# Cannot evaluate: a ClusterRole aggregated into view whose own aggregationRule is a list, not an object: which
# roles' rules it gathers into every tenant's view cannot be read.
case("kube-bad-aggregation-rule-list", MALFORMED, "DENY", DOC["cr-api"])(
    iso(
        add(
            CR,
            "reports-view-cr",
            metadata={"name": "reports-view", "labels": VIEW_AGG},
            aggregationRule=[{"clusterRoleSelectors": [{"matchLabels": {"example.com/aggregate-to-reports": "true"}}]}],
            rules=[],
        ),
        cluster_role(
            "widgets-reader",
            [{"apiGroups": ["example.com"], "resources": ["widgets"], "verbs": READ}],
            {"example.com/aggregate-to-reports": "true"},
        ),
    )
)
# Cannot evaluate: acme's owners-admin annotation is a list of groups, not a string; a ClusterRoleBinding names
# acme-leads, whose tenancy only that annotation tells.
case("kube-bad-namespace-owners-annotation-list", MALFORMED, "DENY", DOC["ns-api"])(iso(owners_list_and_lead_crb))
# Cannot evaluate: acme's quota has a scopeSelector that is a list, not an object: which pods it bounds cannot be
# read.
case("kube-bad-quota-scope-selector-list", MALFORMED, "DENY", DOC["quota-api"])(
    iso(
        quota_extra={
            "scopeSelector": [
                {"matchExpressions": [{"scopeName": "PriorityClass", "operator": "In", "values": ["batch-low"]}]}
            ]
        }
    )
)
# Cannot evaluate: acme's validating webhook, scoped to acme by name, whose rule's resources is the string "pods".
case("kube-bad-webhook-rule-resources-string", MALFORMED, "DENY", DOC["vwc-api"])(
    iso(
        webhook(
            acme_service(),
            OWN,
            [{"operations": ["CREATE", "UPDATE"], "apiGroups": [""], "apiVersions": ["v1"], "resources": "pods"}],
            kind="Validating",
        )
    )
)
# Cannot evaluate: an unlabelled mutating webhook with no namespaceSelector, whose service namespace is a list:
# who serves it (a platform namespace or a tenant's) cannot be read.
case("kube-bad-webhook-service-namespace-list", MALFORMED, "DENY", DOC["mwc-api"])(
    iso(
        webhook(
            {"service": {"namespace": ["platform-hooks"], "name": "defaults", "path": "/mutate"}},
            None,
            tenant_label=None,
            name="platform-defaults",
        ),
        neighbour=True,
    )
)
# Cannot evaluate: acme's validating webhook whose namespaceSelector requirement has its key as a list.
case("kube-bad-webhook-expression-key-list", MALFORMED, "DENY", DOC["vwc-api"])(
    iso(
        webhook(
            acme_service(),
            {"matchExpressions": [{"key": [NAME], "operator": "In", "values": ["acme"]}]},
            kind="Validating",
        ),
        neighbour=True,
    )
)
