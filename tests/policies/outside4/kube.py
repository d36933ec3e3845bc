"""Kubernetes isolation cases of the fourth outside corpus: what tenant objects can do and whether the
tenant guardrails hold, objects that reach a tenant namespace by another route (rendered components,
patches, providers' default namespaces), values unknown at preview and malformed shapes.

Written from Kubernetes documentation (and source, where the documentation stops) and the pack's
user-facing contract (docs/RULES.md, docs/SPEC.md, README.md, what fleet/tenancy renders), by a helper
that did not read the pack's rules, its configs, its tests or the tuned corpus's cases. Each case only
says whether a correct pack reports some mandatory violation (``expect="DENY"``) or none; a comment
above it says why, and it cites the page the outcome rests on. The stacks are built with the helpers of
the three earlier outside corpora, and no case or situation of theirs is repeated.

``UNKNOWN`` stands for a value the engine only learns at the update. Where the decision does not need
it a correct pack decides as if it were known; where it does, the pack defers (advisory FLEET-PRE-001),
which is no mandatory violation.
"""

from __future__ import annotations

from typing import Any

from fleet.tenancy import manifests
from tests.policies.corpus import PRIVATE, UNKNOWN, Stack, secret
from tests.policies.outside.corpus import (
    OWN_NS,
    _find,
    cidr,
    cluster,
    cluster_role,
    cluster_role_binding,
    egress,
    group,
    ingress,
    role,
    role_binding,
    second_provider,
    service_account,
    tenant,
)
from tests.policies.outside2.corpus import (
    ACME_SVC,
    CLAIM,
    EDIT,
    ENFORCE,
    LB,
    OWN,
    VIEW_AGG,
    Obj,
    hook,
    iso,
    labelled,
    ns_labels,
    svc,
)
from tests.policies.outside3.kube import (
    from_ns,
    guardrails,
    meta_of,
    on_vcluster,
    policy,
    program_values,
    release,
)
from tests.policies.outside4.common import Build, case

ISOLATION = "tenant-isolation"
PROVIDERS = "k8s-providers-and-patches"
PREVIEW = "unknown-at-preview"
MALFORMED = "malformed"

RBAC = "rbac.authorization.k8s.io"
NP = "kubernetes:networking.k8s.io/v1:NetworkPolicy"
RB = "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding"
CRB = "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding"
SERVICE = "kubernetes:core/v1:Service"

DOC = {
    # NetworkPolicy
    "netpol": "https://kubernetes.io/docs/concepts/services-networking/network-policies/",
    "netpol-api": "https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/",
    "behavior": "https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors",
    "label-selector": "https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/label-selector/",
    "selectors": "https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#set-based-requirement",
    "eks-service-cidr": "https://docs.aws.amazon.com/eks/latest/APIReference/API_KubernetesNetworkConfigRequest.html",
    "imds": "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html",
    "sctp": "https://kubernetes.io/docs/concepts/services-networking/network-policies/#sctp-support",
    "go-parsecidr": "https://pkg.go.dev/net#ParseCIDR",
    # quota, limits, Pod Security
    "quota-scopes": "https://kubernetes.io/docs/concepts/policy/resource-quotas/#quota-scopes",
    "quota-priority": "https://kubernetes.io/docs/concepts/policy/resource-quotas/#resource-quota-per-priorityclass",
    "quota-storage": "https://kubernetes.io/docs/concepts/policy/resource-quotas/#storage-resource-quota",
    "limitrange": "https://kubernetes.io/docs/concepts/policy/limit-range/",
    "limitrange-api": "https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/limit-range-v1/",
    # SetDefaults_LimitRangeItem: "If a default limit is unspecified, but the max is specified, default
    # the limit to the max".
    "limitrange-defaults": "https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/core/v1/defaults.go",
    # defaultContainerResourceRequirements: every Container item's default is merged into one set.
    "limitranger": "https://github.com/kubernetes/kubernetes/blob/master/plugin/pkg/admission/limitranger/admission.go",
    "psa": "https://kubernetes.io/docs/concepts/security/pod-security-admission/#pod-security-admission-labels-for-namespaces",
    # RBAC
    "rbac": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/",
    "rolebinding": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#rolebinding-and-clusterrolebinding",
    "rbac-subjects": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-subjects",
    "rbac-discovery": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#discovery-roles",
    "rbac-good": "https://kubernetes.io/docs/concepts/security/rbac-good-practices/",
    "token-review": "https://kubernetes.io/docs/reference/kubernetes-api/authentication-resources/token-review-v1/",
    "self-review": "https://kubernetes.io/docs/reference/access-authn-authz/authorization/#checking-api-access",
    "sa-token": "https://kubernetes.io/docs/reference/kubernetes-api/authentication-resources/token-request-v1/",
    "ephemeral": "https://kubernetes.io/docs/concepts/workloads/pods/ephemeral-containers/",
    "aggregation": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#aggregated-clusterroles",
    # admission
    "webhooks": "https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/#matching-requests-namespaceselector",
    "webhook-api": "https://kubernetes.io/docs/reference/kubernetes-api/extend-resources/mutating-webhook-configuration-v1/",
    "vap": "https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/",
    # Services
    "external-ips": "https://kubernetes.io/docs/concepts/services-networking/service/#external-ips",
    "lb-source-ranges": "https://kubernetes.io/docs/tasks/access-application-cluster/configure-cloud-provider-firewall/",
    "service-api": "https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/",
    # Pulumi
    "provider": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/provider/",
    "configfile": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/yaml/v2/configfile/",
    "kustomize": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/kustomize/v2/directory/",
    "helm-chart": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/helm/v4/chart/",
    "np-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/networking/v1/networkpolicypatch/",
    "ns-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/core/v1/namespacepatch/",
    "ssa": "https://kubernetes.io/docs/reference/using-api/server-side-apply/#merge-strategy",
    "kubeconfig-namespace": "https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/#context",
    "unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
    # shapes
    "quota-api": "https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/resource-quota-v1/",
    "rb-api": "https://kubernetes.io/docs/reference/kubernetes-api/authorization-resources/role-binding-v1/",
    "crb-api": "https://kubernetes.io/docs/reference/kubernetes-api/authorization-resources/cluster-role-binding-v1/",
    "object-meta": "https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/object-meta/",
}


# ------------------------------------------------------------------------------------ helpers


def rules_np(**spec: Any) -> dict[str, Any]:
    """A NetworkPolicy spec selecting every pod of the namespace, with the given rules."""
    return {"podSelector": {}, **spec}


def bound_to_devs(name: str, rules: list[dict[str, Any]]) -> Build:
    """A Role the stack defines in acme, bound there to the tenant's developers."""
    return iso(role(name, rules), role_binding(("Role", name), group("acme-devs"), name=name))


def crb_for_admins(role_name: str, rules: list[dict[str, Any]] | None = None) -> Build:
    """A ClusterRoleBinding of ``role_name`` (defined by the stack when ``rules`` is given) to acme's
    owner group, on a cluster shared with globex."""
    objects: list[Obj] = []
    if rules is not None:
        objects.append(cluster_role(role_name, rules))
    objects.append(cluster_role_binding(role_name, group("acme-admins"), name=f"acme-{role_name}"))
    return iso(*objects, neighbour=True)


def child_of(component: Obj, child: Obj) -> Obj:
    """``child`` registered under the component ``component`` makes (a rendered manifest)."""

    def make(s: Stack, k8s: str) -> str:
        parent = component(s, k8s)
        urn = child(s, k8s)
        _find(s, urn).parent = parent
        return urn

    return make


def component(type_: str, name: str, **inputs: Any) -> Obj:
    def make(s: Stack, _: str) -> str:
        return s.add(type_, name, **inputs)

    return make


def ns_less(make: Obj) -> Obj:
    """The same object, its metadata.namespace removed."""

    def wrapped(s: Stack, k8s: str) -> str:
        urn = make(s, k8s)
        obj = _find(s, urn)
        obj.inputs = {**obj.inputs, "metadata": {k: v for k, v in obj.inputs["metadata"].items() if k != "namespace"}}
        return urn

    return wrapped


def relabel_ns(urn: str, s: Stack, **labels: str) -> None:
    namespace = _find(s, urn)
    meta = namespace.inputs["metadata"]
    namespace.inputs = {**namespace.inputs, "metadata": {**meta, "labels": {**meta["labels"], **labels}}}


# ============================================================================ tenant isolation
# NetworkPolicy peers and the default deny (FLEET-TEN-003, FLEET-TEN-001).

KUBE_DNS = {"podSelector": {"matchLabels": {"k8s-app": "kube-dns"}}}
DNS_PORTS = [{"protocol": "UDP", "port": 53}, {"protocol": "TCP", "port": 53}]

# Violates: DNS egress written with an empty namespaceSelector: the kube-dns label is matched in every
# namespace, and any tenant may label its own pods k8s-app=kube-dns ("namespaceSelector: {}" with a
# podSelector selects those pods in all namespaces).
case("kube-np-egress-dns-any-namespace", ISOLATION, "DENY", DOC["behavior"])(
    iso(
        policy(rules_np(policyTypes=["Egress"], egress=[{"to": [{**from_ns({}), **KUBE_DNS}], "ports": DNS_PORTS}])),
        neighbour=True,
    )
)
# Violates: egress to the API server's Service address (the first address of the EKS service CIDR,
# 172.20.0.1): one private address, but in 172.16.0.0/12, where the contract says any part reaches other
# tenants' pods and the nodes.
case("kube-np-egress-apiserver-service-ip", ISOLATION, "DENY", DOC["eks-service-cidr"])(
    iso(policy(rules_np(policyTypes=["Egress"], egress=[{"to": [cidr("172.20.0.1/32")], "ports": [{"port": 443}]}])))
)
# Violates: "10.1.2.3/8" has host bits set; read as the network it names (Go's ParseCIDR: 10.0.0.0/8) or
# as the single address, it is a private range either way.
case("kube-np-ingress-noncanonical-private-cidr", ISOLATION, "DENY", DOC["go-parsecidr"])(
    iso(policy(ingress(cidr("10.1.2.3/8"))))
)
# Complies: the default deny's podSelector is {matchLabels: {}}: an empty label selector matches all
# objects, so every pod is still isolated both ways.
case("kube-np-deny-empty-match-labels", ISOLATION, cite=DOC["label-selector"])(
    iso(deny={"podSelector": {"matchLabels": {}}, "policyTypes": ["Ingress", "Egress"]})
)
# Violates: the default deny selects pods with an "app" label (Exists); pods without one are not
# isolated at all.
case("kube-np-deny-app-label-exists", ISOLATION, "DENY", DOC["selectors"])(
    iso(
        deny={
            "podSelector": {"matchExpressions": [{"key": "app", "operator": "Exists"}]},
            "policyTypes": ["Ingress", "Egress"],
        }
    )
)
# Violates: the first two egress items are narrow (DNS by name, own pods); the third opens
# 192.168.0.0/16 on port 5432. Rules are ORed, so the third alone decides.
case("kube-np-third-egress-item-private", ISOLATION, "DENY", DOC["netpol-api"])(
    iso(
        policy(
            rules_np(
                policyTypes=["Egress"],
                egress=[
                    {
                        "to": [
                            {**from_ns({"matchLabels": {"kubernetes.io/metadata.name": "kube-system"}}), **KUBE_DNS}
                        ],
                        "ports": DNS_PORTS,
                    },
                    {"to": [{"podSelector": {}}]},
                    {"to": [cidr("192.168.0.0/16")], "ports": [{"protocol": "TCP", "port": 5432}]},
                ],
            )
        )
    )
)
# Complies: a named SCTP port, from the tenant's own namespace only; the port does not widen who may connect.
case("kube-np-ingress-named-sctp-port-own", ISOLATION, cite=DOC["sctp"])(
    iso(policy(ingress(OWN_NS, ports=[{"protocol": "SCTP", "port": "diameter"}])))
)
# Violates: internet egress excepting the private and shared ranges but only the lower half of
# 169.254.0.0/16: 169.254.128.0/17 stays reachable, the instance metadata address 169.254.169.254 with it.
case("kube-np-egress-link-local-half-excepted", ISOLATION, "DENY", DOC["imds"])(
    iso(policy(egress(cidr("0.0.0.0/0", *PRIVATE[:4], "169.254.0.0/17"))))
)

# Quotas (FLEET-TEN-001: a ResourceQuota that bounds the CPU and memory of every pod).

FULL = {"requests.cpu": "4", "requests.memory": "8Gi", "limits.cpu": "8", "limits.memory": "16Gi", "pods": "50"}


def priority_scope(operator: str, *values: str) -> dict[str, Any]:
    expression: dict[str, Any] = {"scopeName": "PriorityClass", "operator": operator}
    if values:
        expression["values"] = list(values)
    return {"scopeSelector": {"matchExpressions": [expression]}}


# Violates: the only quota is scoped PriorityClass NotIn [batch-low]: pods of class batch-low are unbounded.
case("kube-quota-priority-notin", ISOLATION, "DENY", DOC["quota-priority"])(
    iso(quota=FULL, quota_extra=priority_scope("NotIn", "batch-low"))
)
# Violates: the only quota is scoped PriorityClass Exists: pods that name no priority class are unbounded.
case("kube-quota-priority-exists", ISOLATION, "DENY", DOC["quota-scopes"])(
    iso(quota=FULL, quota_extra=priority_scope("Exists"))
)
# Violates: the only quota bounds storage and claims, no CPU or memory.
case("kube-quota-storage-only", ISOLATION, "DENY", DOC["quota-storage"])(
    iso(quota={"requests.storage": "100Gi", "persistentvolumeclaims": "20"})
)


def extra_quota(name: str, hard: dict[str, Any], **spec: Any) -> Obj:
    def make(s: Stack, k8s: str) -> str:
        return s.add(
            "kubernetes:core/v1:ResourceQuota",
            f"acme-{name}-quota",
            k8s,
            metadata={"name": name, "namespace": "acme"},
            spec={"hard": hard, **spec},
        )

    return make


# Complies: the tenant's unscoped quota, plus a quota for PriorityClass "high" pods (quotas add up, the
# unscoped one still bounds every pod).
case("kube-quota-plus-priority-quota", ISOLATION, cite=DOC["quota-priority"])(
    iso(extra_quota("high-priority", {"requests.cpu": "2", "requests.memory": "4Gi"}, **priority_scope("In", "high")))
)

# LimitRange content (FLEET-TEN-001: default CPU and memory limits for containers).

# Complies: a Container item with max only: the API server defaults "default" to "max" (defaults.go), so
# containers get default CPU and memory limits.
case("kube-limitrange-max-defaults-limit", ISOLATION, cite=DOC["limitrange-defaults"])(
    iso(limits=[{"type": "Container", "max": {"cpu": "2", "memory": "2Gi"}}])
)
# Violates: max for CPU only: defaulting gives containers a default CPU limit but no memory limit.
case("kube-limitrange-max-cpu-only", ISOLATION, "DENY", DOC["limitrange-defaults"])(
    iso(limits=[{"type": "Container", "max": {"cpu": "2"}}])
)
# Violates: only maxLimitRequestRatio: it constrains what containers set, and gives no defaults.
case("kube-limitrange-ratio-only", ISOLATION, "DENY", DOC["limitrange-api"])(
    iso(limits=[{"type": "Container", "maxLimitRequestRatio": {"cpu": "4", "memory": "2"}}])
)
# Complies: two Container items of one LimitRange, one with the CPU default, one with the memory default:
# the admission plugin merges every Container item's defaults.
case("kube-limitrange-two-container-items", ISOLATION, cite=DOC["limitranger"])(
    iso(
        limits=[
            {"type": "Container", "default": {"cpu": "500m"}},
            {"type": "Container", "default": {"memory": "512Mi"}},
        ]
    )
)

# Pod Security labels.

# Violates: the label key is misspelt (".../enforced"); Pod Security reads only ".../enforce", so nothing
# is enforced.
case("kube-pss-enforce-key-typo", ISOLATION, "DENY", DOC["psa"])(
    iso(ns_labels((ENFORCE,), **{"pod-security.kubernetes.io/enforced": "restricted"}))
)
# Violates: restricted is set as a namespace annotation, not a label; Pod Security reads labels only.
case("kube-pss-enforce-as-annotation", ISOLATION, "DENY", DOC["psa"])(
    iso(
        ns_labels((ENFORCE,)),
        meta_of(
            "kubernetes:core/v1:Namespace",
            "acme-ns",
            annotations={"fleet.dev/owners-admin": "acme-admins", ENFORCE: "restricted"},
        ),
    )
)
# Complies: restricted is enforced; warn is baseline and audit privileged, which only lower what is
# reported, not what is refused.
case("kube-pss-enforce-restricted-warn-lower", ISOLATION, cite=DOC["psa"])(
    iso(ns_labels(**{"pod-security.kubernetes.io/warn": "baseline", "pod-security.kubernetes.io/audit": "privileged"}))
)

# Roles bound in the tenant's namespace (FLEET-TEN-004).

# Violates: patch on the tenant's own quota, narrowed by resourceNames to it: still a write to a ResourceQuota.
case("kube-role-quota-patch-by-name", ISOLATION, "DENY", DOC["rbac"])(
    bound_to_devs(
        "quota-bumper",
        [
            {
                "apiGroups": [""],
                "resources": ["resourcequotas"],
                "verbs": ["get", "patch"],
                "resourceNames": ["tenant-quota"],
            }
        ],
    )
)
# Violates: deletecollection on LimitRanges removes the namespace's container defaults in one call.
case("kube-role-limitranges-deletecollection", ISOLATION, "DENY", DOC["limitrange"])(
    bound_to_devs(
        "limit-cleaner", [{"apiGroups": [""], "resources": ["limitranges"], "verbs": ["list", "deletecollection"]}]
    )
)
# Complies: debugging subresources (ephemeral containers, attach, port-forward) in the tenant's own pods:
# none of the powers the contract refuses.
case("kube-role-debug-subresources", ISOLATION, cite=DOC["ephemeral"])(
    bound_to_devs(
        "debugger",
        [
            {"apiGroups": [""], "resources": ["pods/ephemeralcontainers"], "verbs": ["get", "patch", "update"]},
            {"apiGroups": [""], "resources": ["pods/attach", "pods/portforward"], "verbs": ["get", "create"]},
        ],
    )
)
# Complies: requesting tokens for the namespace's own service accounts (serviceaccounts/token create).
case("kube-role-own-serviceaccount-tokens", ISOLATION, cite=DOC["sa-token"])(
    bound_to_devs("token-minter", [{"apiGroups": [""], "resources": ["serviceaccounts/token"], "verbs": ["create"]}])
)
# Complies: a ClusterRole the stack defines with rights on nodes, persistent volumes and CSR approval,
# bound by a RoleBinding in acme: a RoleBinding grants a ClusterRole's rules only inside its namespace,
# so cluster-scoped objects are not reached; and none of its rules is one TEN-004 refuses.
case("kube-rb-cluster-scoped-rules-namespaced", ISOLATION, cite=DOC["rolebinding"])(
    iso(
        cluster_role(
            "infra-helper",
            [
                {"apiGroups": [""], "resources": ["nodes", "persistentvolumes"], "verbs": ["get", "patch", "delete"]},
                {
                    "apiGroups": ["certificates.k8s.io"],
                    "resources": ["certificatesigningrequests/approval"],
                    "verbs": ["update"],
                },
            ],
        ),
        role_binding(("ClusterRole", "infra-helper"), group("acme-devs"), name="infra-helper"),
    )
)
# Complies: the binding in acme names Role "everything"; a RoleBinding's Role is the one of its own
# namespace, and the stack defines "everything" (a wildcard) only in platform-tools, so acme's binding
# does not grant it ("A Role the stack does not define lives in the tenant's own namespace").
case("kube-rb-role-name-from-other-namespace", ISOLATION, cite=DOC["rolebinding"])(
    iso(
        role("everything", [{"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}], ns="platform-tools"),
        role_binding(("Role", "everything"), group("acme-devs"), name="everything"),
    )
)

# RoleBinding subjects (FLEET-TEN-009).

# Violates: the service account is in acme-tools, a namespace whose name starts with the tenant's but is
# not the tenant's own.
case("kube-rb-sa-of-prefixed-namespace", ISOLATION, "DENY", DOC["rbac-subjects"])(
    iso(role_binding(EDIT, service_account("acme-tools", "ci"), name="tools-ci"))
)

# ClusterRoleBindings naming the tenant (FLEET-TEN-002) and the public-information exception.

HEALTH = [{"nonResourceURLs": ["/healthz", "/livez", "/readyz", "/version", "/version/"], "verbs": ["get"]}]
# Complies: the built-in system:discovery role (API discovery documents) for the tenant's admins, as
# Kubernetes binds it to every authenticated user itself.
case("kube-crb-tenant-group-discovery", ISOLATION, cite=DOC["rbac-discovery"])(crb_for_admins("system:discovery"))
# Complies: a ClusterRole the stack defines with only health and version URLs: public information.
case("kube-crb-tenant-group-health-version", ISOLATION, cite=DOC["rbac-discovery"])(
    crb_for_admins("health-reader", HEALTH)
)
# Violates: /metrics is not public information (the API server's metrics name every resource and client).
case("kube-crb-tenant-group-metrics", ISOLATION, "DENY", DOC["rbac-good"])(
    crb_for_admins("metrics-reader", [{"nonResourceURLs": ["/metrics"], "verbs": ["get"]}])
)
# Violates: creating TokenReviews tells the tenant who any token it holds belongs to: not a review of its
# own rights.
case("kube-crb-tenant-group-tokenreviews", ISOLATION, "DENY", DOC["token-review"])(
    crb_for_admins(
        "token-checker", [{"apiGroups": ["authentication.k8s.io"], "resources": ["tokenreviews"], "verbs": ["create"]}]
    )
)
# Complies: reviews of one's own rights only (what system:basic-user grants).
case("kube-crb-tenant-group-self-reviews", ISOLATION, cite=DOC["self-review"])(
    crb_for_admins(
        "self-reviewer",
        [
            {
                "apiGroups": ["authorization.k8s.io"],
                "resources": ["selfsubjectaccessreviews", "selfsubjectrulesreviews"],
                "verbs": ["create"],
            }
        ],
    )
)
# Violates: acme-devs appears in no owners annotation, but a RoleBinding of acme names it: a tenant's
# group, bound cluster-wide to view.
case("kube-crb-group-named-by-tenant-rolebinding", ISOLATION, "DENY", DOC["rbac-subjects"])(
    iso(
        role_binding(EDIT, group("acme-devs"), name="devs"),
        cluster_role_binding("view", group("acme-devs"), name="devs-everywhere"),
        neighbour=True,
    )
)


def vcluster_neighbour(s: Stack, k8s: str) -> None:
    relabel_ns(tenant(s, k8s, "globex"), s, **{"fleet-isolation": "vcluster"})


# Violates: acme claims the cluster as its own, but the cluster also holds globex's vcluster host
# namespace (a namespace labelled fleet-tenant): the claim is false.
case("kube-dedicated-with-vcluster-neighbour", ISOLATION, "DENY", DOC["rbac-subjects"])(
    iso(
        labelled(cluster_role_binding("cluster-admin", group("acme-admins"), name="acme-cluster-admin"), CLAIM),
        vcluster_neighbour,
        isolation="cluster",
    )
)

# Webhooks served from the tenant's namespace (FLEET-TEN-008).

PV_RULES = [
    {
        "operations": ["CREATE", "UPDATE"],
        "apiGroups": [""],
        "apiVersions": ["v1"],
        "resources": ["persistentvolumes"],
        "scope": "Cluster",
    }
]
POD_RULES = [
    {"operations": ["CREATE"], "apiGroups": [""], "apiVersions": ["v1"], "resources": ["pods"], "scope": "Namespaced"}
]
# Violates: scoped to acme by name, but its rules are on PersistentVolumes, which are cluster-scoped: "If
# the object is another cluster scoped resource, it never skips the webhook", so it sees and may rewrite
# every tenant's volumes.
case("kube-webhook-own-selector-cluster-scoped-rules", ISOLATION, "DENY", DOC["webhooks"])(
    iso(hook("Mutating", ACME_SVC, OWN, rules=PV_RULES), neighbour=True)
)
# Complies: scoped to acme, namespaced pods only, failing closed with dry-run-safe side effects.
case("kube-webhook-own-selector-fail-closed", ISOLATION, cite=DOC["webhook-api"])(
    iso(
        hook("Mutating", ACME_SVC, OWN, rules=POD_RULES, failurePolicy="Fail", sideEffects="NoneOnDryRun"),
        neighbour=True,
    )
)
# Complies: a matchExpressions selector "fleet-tenant In [acme]": the tenant's namespaces only.
case("kube-webhook-tenant-in-own", ISOLATION, cite=DOC["webhooks"])(
    iso(
        hook(
            "Validating",
            ACME_SVC,
            {"matchExpressions": [{"key": "fleet-tenant", "operator": "In", "values": ["acme"]}]},
        ),
        neighbour=True,
    )
)


def admission_guard(s: Stack, k8s: str) -> None:
    """The cluster's admission guard exactly as fleet/tenancy/manifests.py renders it."""
    ctx = manifests.Context(owner="platform", environment="prod", cluster="eu1", kubernetes_version="1.33")
    for manifest in manifests.admission_guard(ctx):
        kind = manifest["kind"]
        s.add(
            f"kubernetes:admissionregistration.k8s.io/v1:{kind}",
            f"guard-{kind.lower()}",
            k8s,
            metadata=manifest["metadata"],
            spec=manifest["spec"],
        )


# Complies: the fleet's own ValidatingAdmissionPolicy and binding on every tenant namespace (they only
# refuse requests; no webhook, nothing is sent anywhere).
case("kube-admission-guard-as-rendered", ISOLATION, cite=DOC["vap"])(iso(admission_guard, neighbour=True))

# Services (FLEET-TEN-007).

# Complies: a LoadBalancer open to every source range with externalTrafficPolicy Local: no externalIPs.
case("kube-service-lb-source-ranges-local", ISOLATION, cite=DOC["lb-source-ranges"])(
    iso(svc("acme", {**LB, "loadBalancerSourceRanges": ["0.0.0.0/0"], "externalTrafficPolicy": "Local"}))
)
# Complies: spec.loadBalancerIP asks the cloud for the load balancer's address; it is not externalIPs.
case("kube-service-load-balancer-ip", ISOLATION, cite=DOC["service-api"])(
    iso(svc("acme", {**LB, "loadBalancerIP": "203.0.113.20"}))
)
# Violates: a Service with externalIPs in a vcluster tenant's host namespace (a tenant namespace too).
case("kube-service-external-ips-vcluster-host", ISOLATION, "DENY", DOC["external-ips"])(
    on_vcluster(
        release(program_values()),
        svc(
            "acme",
            {
                "type": "ClusterIP",
                "selector": {"app": "api"},
                "ports": [{"port": 443}],
                "externalIPs": ["198.51.100.4"],
            },
        ),
    )
)
# Violates: the program's vcluster release, but its host namespace also holds a policy admitting every
# namespace (the virtual cluster's API server is reachable from every tenant).
case("kube-vcluster-host-open-policy", ISOLATION, "DENY", DOC["netpol"])(
    on_vcluster(release(program_values()), policy(ingress(from_ns({})), name="open-api"))
)


# ============================================================================ providers and patches


def rb_child(*subjects: dict[str, Any]) -> Obj:
    def make(s: Stack, k8s: str) -> str:
        return s.add(
            RB,
            "acme-rbac:rbac.authorization.k8s.io/v1/RoleBinding:acme/readers",
            k8s,
            metadata={"name": "readers", "namespace": "acme"},
            roleRef={"apiGroup": RBAC, "kind": "ClusterRole", "name": "view"},
            subjects=list(subjects),
        )

    return make


CONFIG_FILE = component("kubernetes:yaml/v2:ConfigFile", "acme-rbac", file="manifests/acme-rbac.yaml")
# Violates: a RoleBinding rendered by a yaml/v2 ConfigFile gives every authenticated user view in acme.
case("kube-configfile-rb-authenticated", PROVIDERS, "DENY", DOC["configfile"])(
    iso(child_of(CONFIG_FILE, rb_child(group("system:authenticated"))))
)
# Complies: the rendered binding names the tenant's auditors' group (the identity provider's, not judged).
case("kube-configfile-rb-own-auditors", PROVIDERS, cite=DOC["configfile"])(
    iso(child_of(CONFIG_FILE, rb_child(group("acme-auditors"))))
)


def service_child(spec: dict[str, Any]) -> Obj:
    def make(s: Stack, k8s: str) -> str:
        return s.add(
            SERVICE,
            "acme-web:v1/Service:acme/web",
            k8s,
            metadata={"name": "web", "namespace": "acme"},
            spec=spec,
        )

    return make


KUSTOMIZE = component("kubernetes:kustomize/v2:Directory", "acme-web", directory="./k8s/acme-web", namespace="acme")
# Violates: a Service rendered by a kustomize/v2 Directory sets externalIPs in acme.
case("kube-kustomize-service-external-ips", PROVIDERS, "DENY", DOC["kustomize"])(
    iso(child_of(KUSTOMIZE, service_child({**LB, "type": "ClusterIP", "externalIPs": ["203.0.113.30"]})))
)
# Complies: the rendered Service is a LoadBalancer.
case("kube-kustomize-service-lb", PROVIDERS, cite=DOC["kustomize"])(iso(child_of(KUSTOMIZE, service_child(LB))))

CHART = component(
    "kubernetes:helm.sh/v4:Chart",
    "acme-policy",
    chart="oci://registry.example.com/charts/acme-policy",
    namespace="acme",
)
# Violates: a helm v4 Chart renders a mutating webhook served from acme with no namespaceSelector.
case("kube-helm-v4-webhook-unscoped", PROVIDERS, "DENY", DOC["helm-chart"])(
    iso(child_of(CHART, hook("Mutating", ACME_SVC, None)), neighbour=True)
)
# Complies: the rendered webhook is scoped to acme by name.
case("kube-helm-v4-webhook-scoped", PROVIDERS, cite=DOC["helm-chart"])(
    iso(child_of(CHART, hook("Mutating", ACME_SVC, OWN)), neighbour=True)
)


def deny_patch(metadata: dict[str, Any] | None = None, **inputs: Any) -> Obj:
    def make(s: Stack, k8s: str) -> str:
        meta = {"name": "default-deny", "namespace": "acme", **(metadata or {})}
        return s.add(
            "kubernetes:networking.k8s.io/v1:NetworkPolicyPatch",
            "acme-deny-selector-patch",
            k8s,
            metadata=meta,
            **inputs,
        )

    return make


# Violates: a NetworkPolicyPatch gives the default deny's (empty) podSelector matchLabels app=web; merged by
# server-side apply (podSelector is a map, merged field by field), the deny now isolates only app=web pods.
case("kube-np-patch-deny-narrows-selector", PROVIDERS, "DENY", DOC["ssa"])(
    iso(deny_patch(spec={"podSelector": {"matchLabels": {"app": "web"}}}))
)
# Complies: the patch only adds a label to the default deny's metadata.
case("kube-np-patch-deny-adds-label", PROVIDERS, cite=DOC["np-patch"])(
    iso(deny_patch(metadata={"labels": {"example.com/reviewed": "true"}}))
)


def context_namespace_provider(namespace: str) -> Build:
    """A provider of eu1's component with no ``namespace`` input; its kubeconfig's context names one
    (the provider's third place for a default namespace); an allow-all policy without a namespace."""
    kubeconfig = (
        "apiVersion: v1\nkind: Config\ncurrent-context: eu1-deployer\n"
        "clusters:\n- name: eu1\n  cluster: {server: 'https://eu1.k8s.example.com'}\n"
        f"contexts:\n- name: eu1-deployer\n  context: {{cluster: eu1, user: deployer, namespace: {namespace}}}\n"
        "users:\n- name: deployer\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n"
        "      command: aws\n      args: [eks, get-token, --cluster-name, eu1]\n"
    )

    def build(s: Stack) -> None:
        component_urn, k8s = cluster(s)
        tenant(s, k8s, "acme")
        tenant(s, k8s, "globex")
        scoped = s.provider("kubernetes", "eu1-k8s-context", parent=component_urn, kubeconfig=secret(kubeconfig))
        ns_less(policy(ingress(from_ns({})), name="open"))(s, scoped)

    return build


# Violates: the policy names no namespace and the provider sets none, so it lands in the namespace of the
# kubeconfig's current context: acme, where it admits every namespace.
case("kube-provider-kubeconfig-context-namespace", PROVIDERS, "DENY", DOC["provider"])(
    context_namespace_provider("acme")
)
# Complies: the context's namespace is the platform's.
case("kube-provider-kubeconfig-context-platform", PROVIDERS, cite=DOC["kubeconfig-namespace"])(
    context_namespace_provider("platform")
)


def empty_namespace_policy(s: Stack) -> None:
    component_urn, k8s = cluster(s)
    tenant(s, k8s, "acme")
    scoped = second_provider(s, namespace="acme", parented=True, component=component_urn)
    s.add(NP, "open-np", scoped, metadata={"name": "open", "namespace": ""}, spec=ingress(from_ns({})))


# Violates: metadata.namespace is the empty string (unset), so the provider's default puts the allow-all
# policy into acme.
case("kube-provider-empty-namespace-field", PROVIDERS, "DENY", DOC["provider"])(empty_namespace_policy)

JOBS_LABELS = {"fleet-tenant": "acme", "fleet-isolation": "namespace", "fleet-residency": "gdpr", ENFORCE: "restricted"}


def relabelled_jobs(s: Stack, k8s: str) -> None:
    s.add("kubernetes:core/v1:Namespace", "acme-jobs-ns", k8s, metadata={"name": "acme-jobs"})
    guardrails("acme-jobs")(s, k8s)
    policy(ingress(from_ns({})), name="open", ns="acme-jobs")(s, k8s)
    s.add(
        "kubernetes:core/v1:NamespacePatch",
        "acme-jobs-ns-patch",
        k8s,
        metadata={"name": "acme-jobs", "labels": JOBS_LABELS},
    )


# Violates: acme-jobs is created unlabelled with an allow-all policy; a NamespacePatch then makes it
# acme's namespace (its guardrails are all there), so the allow-all policy is now in a tenant namespace.
case("kube-ns-patch-relabels-open-namespace", PROVIDERS, "DENY", DOC["ns-patch"])(iso(relabelled_jobs, neighbour=True))


# ============================================================================ unknown at preview

# Violates: every namespace is admitted; only the peer pods' label value is unknown.
case("kube-pre-np-all-namespaces-peer-label-unknown", PREVIEW, "DENY", DOC["behavior"])(
    iso(policy(ingress({**from_ns({}), "podSelector": {"matchLabels": {"app": UNKNOWN}}})), neighbour=True)
)
# Violates: a service account of acme bound cluster-wide to view; which one is unknown, and any of them
# is the tenant's.
case("kube-pre-crb-tenant-sa-name-unknown", PREVIEW, "DENY", DOC["rbac-subjects"])(
    iso(cluster_role_binding("view", service_account("acme", UNKNOWN), name="acme-sa-view"), neighbour=True)
)
# Violates: a service account of globex may edit acme; its name is unknown, its namespace is not.
case("kube-pre-rb-neighbour-sa-name-unknown", PREVIEW, "DENY", DOC["rbac-subjects"])(
    iso(role_binding(EDIT, service_account("globex", UNKNOWN), name="globex-ci"), neighbour=True)
)
# Violates: the only quota is scoped to one priority class, whose name is unknown: pods of every other
# class are unbounded, whatever it is.
case("kube-pre-quota-priority-class-unknown", PREVIEW, "DENY", DOC["quota-priority"])(
    iso(quota=FULL, quota_extra=priority_scope("In", UNKNOWN))
)
# Complies (defers): the whole externalIPs list is unknown; it may be empty.
case("kube-pre-service-external-ips-list-unknown", PREVIEW, cite=DOC["unknowns"])(
    iso(svc("acme", {"type": "ClusterIP", "selector": {"app": "web"}, "ports": [{"port": 80}], "externalIPs": UNKNOWN}))
)
# Complies (defers): admin in acme for a group whose name is unknown (it may be the tenant's own).
case("kube-pre-rb-admin-group-unknown", PREVIEW, cite=DOC["unknowns"])(
    iso(role_binding(("ClusterRole", "admin"), group(UNKNOWN), name="extra-admins"))
)
# Complies (defers): a Secret reader whose aggregate-to-view label value is unknown ("true" or not).
case("kube-pre-aggregate-label-value-unknown", PREVIEW, cite=DOC["aggregation"])(
    iso(
        cluster_role(
            "secret-peek",
            [{"apiGroups": [""], "resources": ["secrets"], "verbs": ["get"]}],
            {next(iter(VIEW_AGG)): UNKNOWN},
        )
    )
)
# Complies: the tenant's webhook is scoped to acme; only its Service's name is unknown.
case("kube-pre-webhook-scoped-service-name-unknown", PREVIEW, cite=DOC["webhooks"])(
    iso(
        hook("Validating", {"service": {"namespace": "acme", "name": UNKNOWN, "path": "/validate"}}, OWN),
        neighbour=True,
    )
)


# ============================================================================ malformed shapes
# A property that decides has the wrong shape: a correct pack reports it cannot evaluate (mandatory) and
# neither crashes nor passes it.

# Cannot evaluate: an ipBlock's except is a string, not a list.
case("kube-bad-np-except-string", MALFORMED, "DENY", DOC["netpol-api"])(
    iso(policy(egress({"ipBlock": {"cidr": "0.0.0.0/0", "except": "10.0.0.0/8"}})))
)
# Cannot evaluate: the default deny's podSelector is a string.
case("kube-bad-deny-pod-selector-string", MALFORMED, "DENY", DOC["netpol-api"])(
    iso(deny={"podSelector": "all", "policyTypes": ["Ingress", "Egress"]})
)
# Cannot evaluate: the tenant quota's scopes is a string, not a list.
case("kube-bad-quota-scopes-string", MALFORMED, "DENY", DOC["quota-api"])(iso(quota_extra={"scopes": "NotTerminating"}))
# Cannot evaluate: the quota's scopeSelector.matchExpressions is one map, not a list.
case("kube-bad-quota-scope-expressions-map", MALFORMED, "DENY", DOC["quota-api"])(
    iso(
        quota_extra={
            "scopeSelector": {"matchExpressions": priority_scope("In", "high")["scopeSelector"]["matchExpressions"][0]}
        }
    )
)
# Cannot evaluate: a Container item's default is a string, not a map of resources.
case("kube-bad-limitrange-default-string", MALFORMED, "DENY", DOC["limitrange-api"])(
    iso(limits=[{"type": "Container", "default": "500m"}])
)


def crb_subjects_map(s: Stack, k8s: str) -> str:
    return s.add(
        CRB,
        "acme-view-crb",
        k8s,
        metadata={"name": "acme-view"},
        roleRef={"apiGroup": RBAC, "kind": "ClusterRole", "name": "view"},
        subjects=group("acme-admins"),
    )


# Cannot evaluate: a ClusterRoleBinding's subjects is one map (naming the tenant's owner group), not a list.
case("kube-bad-crb-subjects-map", MALFORMED, "DENY", DOC["crb-api"])(iso(crb_subjects_map, neighbour=True))


def webhooks_map(s: Stack, k8s: str) -> str:
    urn = hook("Mutating", ACME_SVC, None)(s, k8s)
    obj = _find(s, urn)
    obj.inputs = {**obj.inputs, "webhooks": obj.inputs["webhooks"][0]}
    return urn


# Cannot evaluate: a tenant-served configuration's webhooks is one map, not a list.
case("kube-bad-webhooks-map", MALFORMED, "DENY", DOC["webhook-api"])(iso(webhooks_map, neighbour=True))


def np_namespace_list(s: Stack, k8s: str) -> str:
    return s.add(NP, "acme-open-np", k8s, metadata={"name": "open", "namespace": ["acme"]}, spec=ingress(from_ns({})))


# Cannot evaluate: an allow-all policy whose metadata.namespace is a list.
case("kube-bad-np-namespace-list", MALFORMED, "DENY", DOC["object-meta"])(iso(np_namespace_list))


def role_ref_name_list(s: Stack, k8s: str) -> str:
    return s.add(
        RB,
        "acme-odd-rb",
        k8s,
        metadata={"name": "odd", "namespace": "acme"},
        roleRef={"apiGroup": RBAC, "kind": "ClusterRole", "name": ["cluster-admin"]},
        subjects=[group("acme-devs")],
    )


# Cannot evaluate: a RoleBinding in acme whose roleRef.name is a list.
case("kube-bad-rb-role-ref-name-list", MALFORMED, "DENY", DOC["rb-api"])(iso(role_ref_name_list))
