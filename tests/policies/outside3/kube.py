"""Kubernetes isolation cases of the third outside corpus: tenant guardrails and what tenant objects
can do, objects that reach a tenant namespace by another route (patches, second providers, rendered
components), values unknown at preview and malformed shapes.

Written from Kubernetes documentation (and source, where the documentation stops) and the pack's
user-facing contract (docs/RULES.md, docs/SPEC.md, README.md, what fleet/tenancy renders), by a
helper that did not read the pack's rules, its configs, its tests or the tuned corpus's cases. Each
case only says whether a correct pack reports some mandatory violation (``expect="DENY"``) or none;
a comment above it says why, and it cites the page the outcome rests on. The stacks are built with the
helpers of the first two outside corpora, and no case of theirs is repeated.

``UNKNOWN`` stands for a value the engine only learns at the update; in these cases the decision does
not need it, so a correct pack decides as if it were known (a compliant case may also defer).
"""

from __future__ import annotations

from typing import Any

from fleet.spec import model
from fleet.tenancy import vcluster
from tests.policies.corpus import PRIVATE, UNKNOWN, Stack
from tests.policies.outside.corpus import (
    DEFAULT_DENY,
    LIMITS,
    OWN_NS,
    QUOTA,
    _find,
    cidr,
    cluster,
    cluster_role,
    cluster_role_binding,
    egress,
    group,
    ingress,
    netpol,
    role,
    role_binding,
    second_provider,
    tenant,
)
from tests.policies.outside2.corpus import (
    ACME_SVC,
    ADMIN_AGG,
    CLAIM,
    EDIT,
    EDIT_AGG,
    ENFORCE,
    LB,
    OWN,
    VIEW,
    VIEW_AGG,
    Obj,
    hook,
    iso,
    labelled,
    ns_labels,
    svc,
    user,
)
from tests.policies.outside3.common import Build, case

ISOLATION = "tenant-isolation"
PROVIDERS = "k8s-providers-and-patches"
PREVIEW = "unknown-at-preview"
MALFORMED = "malformed"

RBAC = "rbac.authorization.k8s.io"
NP = "kubernetes:networking.k8s.io/v1:NetworkPolicy"

DOC = {
    "netpol": "https://kubernetes.io/docs/concepts/services-networking/network-policies/",
    "netpol-api": "https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/",
    "isolation": "https://kubernetes.io/docs/concepts/services-networking/network-policies/#the-two-sorts-of-pod-isolation",
    "endport": "https://kubernetes.io/docs/concepts/services-networking/network-policies/#targeting-a-range-of-ports",
    "behavior": "https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors",
    "selectors": "https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#resources-that-support-set-based-requirements",
    "quota-scopes": "https://kubernetes.io/docs/concepts/policy/resource-quotas/#quota-scopes",
    "quota": "https://kubernetes.io/docs/concepts/policy/resource-quotas/",
    "limitrange": "https://kubernetes.io/docs/concepts/policy/limit-range/",
    "limitrange-api": "https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/limit-range-v1/",
    "psa": "https://kubernetes.io/docs/concepts/security/pod-security-admission/#pod-security-admission-labels-for-namespaces",
    "pss-restricted": "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted",
    "rbac": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/",
    "rbac-good": "https://kubernetes.io/docs/concepts/security/rbac-good-practices/",
    "rbac-subjects": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-subjects",
    # appliesToUser: "default the namespace to namespace we're working in ... rolebindings that reference
    # SAs in the local namespace [do not] have to qualify them".
    "rbac-sa-local": "https://github.com/kubernetes/kubernetes/blob/master/pkg/registry/rbac/validation/rule.go",
    "component-roles": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#other-component-roles",
    "issuer-discovery": "https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#service-account-issuer-discovery",
    "user-facing": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles",
    "aggregation": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#aggregated-clusterroles",
    "csr": "https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#authorization",
    "vap": "https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/",
    "webhooks": "https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/#matching-requests-namespaceselector",
    "webhook-list": "https://kubernetes.io/docs/reference/kubernetes-api/extend-resources/validating-webhook-configuration-v1/",
    "external-ips": "https://kubernetes.io/docs/concepts/services-networking/service/#external-ips",
    "ssa": "https://kubernetes.io/docs/reference/using-api/server-side-apply/#merge-strategy",
    "quota-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/core/v1/resourcequotapatch/",
    "ns-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/core/v1/namespacepatch/",
    "np-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/networking/v1/networkpolicypatch/",
    "rb-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/rbac/v1/rolebindingpatch/",
    "crb-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/rbac/v1/clusterrolebindingpatch/",
    "cr-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/rbac/v1/clusterrolepatch/",
    "configgroup": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/yaml/v2/configgroup/",
    "helm-chart": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/helm/v4/chart/",
    "provider": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/provider/",
    "unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
    "quota-api": "https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/resource-quota-v1/",
    "namespace-api": "https://kubernetes.io/docs/reference/kubernetes-api/cluster-resources/namespace-v1/",
    "role-api": "https://kubernetes.io/docs/reference/kubernetes-api/authorization-resources/role-v1/",
    "rb-api": "https://kubernetes.io/docs/reference/kubernetes-api/authorization-resources/role-binding-v1/",
    "service-api": "https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/",
}


# ------------------------------------------------------------------------------------ helpers


def drop(type_: str, name: str) -> Obj:
    """Remove one resource the tenant helper made (a guardrail the case leaves out)."""

    def make(s: Stack, _: str) -> None:
        s.resources.remove(_find(s, s.urn(type_, name)))

    return make


def change(type_: str, name: str, **inputs: Any) -> Obj:
    """Replace inputs of one resource the tenant helper made."""

    def make(s: Stack, _: str) -> None:
        resource = _find(s, s.urn(type_, name))
        resource.inputs = {**resource.inputs, **inputs}

    return make


def meta_of(type_: str, name: str, **metadata: Any) -> Obj:
    def make(s: Stack, _: str) -> None:
        resource = _find(s, s.urn(type_, name))
        resource.inputs = {**resource.inputs, "metadata": {**resource.inputs["metadata"], **metadata}}

    return make


def add(type_: str, name: str, /, **inputs: Any) -> Obj:
    def make(s: Stack, k8s: str) -> str:
        return s.add(type_, name, k8s, **inputs)

    return make


def quota(name: str, hard: dict[str, Any], ns: str = "acme", **spec: Any) -> Obj:
    return add(
        "kubernetes:core/v1:ResourceQuota",
        f"{ns}-{name}-quota",
        metadata={"name": name, "namespace": ns},
        spec={"hard": hard, **spec},
    )


def guardrails(ns: str) -> Obj:
    """Quota, limits and default deny in ``ns`` (a namespace the stack does not create itself)."""

    def make(s: Stack, k8s: str) -> None:
        meta = {"namespace": ns, "labels": {"fleet-tenant": "acme"}}
        s.add(
            "kubernetes:core/v1:ResourceQuota",
            f"{ns}-quota",
            k8s,
            metadata={"name": "tenant-quota", **meta},
            spec={"hard": QUOTA},
        )
        s.add(
            "kubernetes:core/v1:LimitRange",
            f"{ns}-limits",
            k8s,
            metadata={"name": "tenant-limits", **meta},
            spec={"limits": LIMITS},
        )
        s.add(NP, f"{ns}-deny", k8s, metadata={"name": "default-deny", **meta}, spec=DEFAULT_DENY)

    return make


def bound(rules: list[dict[str, Any]], kind: str = "Role") -> Build:
    """A Role (or ClusterRole) the stack defines, bound to the tenant's developers in acme."""
    defined = role("extra", rules) if kind == "Role" else cluster_role("acme-extra", rules)
    return iso(defined, role_binding((kind, "extra" if kind == "Role" else "acme-extra"), group("acme-devs")))


def rename_since(s: Stack, start: int, suffix: str) -> None:
    """Give the resources added since ``start`` URNs of their own (the same tenant on a second cluster)."""
    for resource in s.resources[start:]:
        resource.urn = f"{resource.urn}-{suffix}"
        resource.name = f"{resource.name}-{suffix}"


def on_two_clusters(obj: Obj, on_second: bool) -> Build:
    """acme, fully guarded, on eu1 and eu2; the case's object through eu2's provider (or eu1's)."""

    def build(s: Stack) -> None:
        _, k8s = cluster(s)
        _, k8s2 = cluster(s, "eu2", "aws", "eu-west-1")
        tenant(s, k8s, "acme")
        start = len(s.resources)
        tenant(s, k8s2, "acme")
        rename_since(s, start, "eu2")
        obj(s, k8s2 if on_second else k8s)

    return build


def policy(spec: dict[str, Any], name: str = "allow", ns: str = "acme") -> Obj:
    return netpol(spec, ns=ns, name=name)


def from_ns(selector: dict[str, Any]) -> dict[str, Any]:
    return {"namespaceSelector": selector}


# ============================================================================ tenant isolation
# NetworkPolicy peers: what an ipBlock minus its except ranges admits, selector semantics.

# Violates: 10.0.0.0/8 minus 10.0.0.0/9 still admits 10.128.0.0/9, private addresses where other
# tenants' pods and the nodes live.
case("kube-np-egress-10-8-half-excepted", ISOLATION, "DENY", DOC["netpol-api"])(
    iso(policy(egress(cidr("10.0.0.0/8", "10.0.0.0/9"))))
)
# Complies: both halves of 10.0.0.0/8 are excepted, so the block admits no address at all.
case("kube-np-egress-10-8-both-halves-excepted", ISOLATION, cite=DOC["netpol-api"])(
    iso(policy(egress(cidr("10.0.0.0/8", "10.0.0.0/9", "10.128.0.0/9"))))
)
SPLIT_PRIVATE = ["10.0.0.0/9", "10.128.0.0/9", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16"]
# Complies: internet egress with every private, shared and link-local range excepted (10/8 as two halves).
case("kube-np-egress-internet-except-split-10", ISOLATION, cite=DOC["netpol-api"])(
    iso(policy(egress(cidr("0.0.0.0/0", *SPLIT_PRIVATE))))
)
# Violates: the same, but only one half of 10/8 is excepted: 10.128.0.0/9 stays reachable.
case("kube-np-egress-internet-except-half-10", ISOLATION, "DENY", DOC["netpol-api"])(
    iso(policy(egress(cidr("0.0.0.0/0", *SPLIT_PRIVATE[:1], *SPLIT_PRIVATE[2:]))))
)
# Violates: ingress from ::/0 is ingress from the whole IPv6 internet (ipBlock takes IPv6 CIDRs).
case("kube-np-ingress-ipv6-any", ISOLATION, "DENY", DOC["netpol-api"])(iso(policy(ingress(cidr("::/0")))))
# Violates: one public /7 is more addresses than a partner network holds (more than a /8).
case("kube-np-ingress-public-7", ISOLATION, "DENY", DOC["netpol"])(iso(policy(ingress(cidr("44.0.0.0/7")))))
# Complies: one public /8, no more than the contract's partner-network bound.
case("kube-np-ingress-public-8", ISOLATION, cite=DOC["netpol"])(iso(policy(ingress(cidr("44.0.0.0/8")))))
# Violates: the internet minus the private ranges is still ingress from every public address.
case("kube-np-ingress-internet-except-private", ISOLATION, "DENY", DOC["netpol"])(
    iso(policy(ingress(cidr("0.0.0.0/0", *PRIVATE))))
)
# Violates: "fleet-tenant DoesNotExist" admits every namespace that is no tenant's (nobody listed them).
case("kube-np-ingress-tenant-label-does-not-exist", ISOLATION, "DENY", DOC["selectors"])(
    iso(policy(ingress(from_ns({"matchExpressions": [{"key": "fleet-tenant", "operator": "DoesNotExist"}]}))))
)
# Complies: matchLabels (name acme) and matchExpressions (team Exists) are ANDed: at most acme itself.
case("kube-np-ingress-name-and-exists-anded", ISOLATION, cite=DOC["selectors"])(
    iso(
        policy(
            ingress(
                from_ns(
                    {
                        "matchLabels": {"kubernetes.io/metadata.name": "acme"},
                        "matchExpressions": [{"key": "team", "operator": "Exists"}],
                    }
                )
            )
        ),
        neighbour=True,
    )
)
# Violates: a selector with empty matchLabels and empty matchExpressions is the empty selector: every namespace.
case("kube-np-ingress-empty-match-fields", ISOLATION, "DENY", DOC["netpol-api"])(
    iso(policy(ingress(from_ns({"matchLabels": {}, "matchExpressions": []}))), neighbour=True)
)
# Violates: an egress rule with ports but no "to" admits every destination on that port.
case("kube-np-egress-ports-only", ISOLATION, "DENY", DOC["netpol-api"])(
    iso(
        policy(
            {"podSelector": {}, "policyTypes": ["Egress"], "egress": [{"ports": [{"protocol": "TCP", "port": 443}]}]}
        )
    )
)
# Complies: the same port, to the tenant's own namespace only.
case("kube-np-egress-own-namespace-443", ISOLATION, cite=DOC["netpol-api"])(
    iso(
        policy(
            {
                "podSelector": {},
                "policyTypes": ["Egress"],
                "egress": [{"to": [OWN_NS], "ports": [{"protocol": "TCP", "port": 443}]}],
            }
        )
    )
)
PORT_RANGE = [{"protocol": "TCP", "port": 8000, "endPort": 8999}]
# Violates: the policy selects only the public-api pods, but admits them from every namespace (the
# target selector narrows which pods are opened, not who may connect).
case("kube-np-all-namespaces-narrow-target", ISOLATION, "DENY", DOC["endport"])(
    iso(
        policy(
            {
                "podSelector": {"matchLabels": {"app": "public-api"}},
                "policyTypes": ["Ingress"],
                "ingress": [{"from": [from_ns({})], "ports": PORT_RANGE}],
            }
        )
    )
)
# Complies: the same target and port range, from the tenant's own pods.
case("kube-np-own-pods-narrow-target", ISOLATION, cite=DOC["endport"])(
    iso(
        policy(
            {
                "podSelector": {"matchLabels": {"app": "public-api"}},
                "policyTypes": ["Ingress"],
                "ingress": [{"from": [{"podSelector": {}}], "ports": PORT_RANGE}],
            }
        )
    )
)

# Default deny and isolation (FLEET-TEN-001).

DENY_NP = ("kubernetes:networking.k8s.io/v1:NetworkPolicy", "acme-deny")
# Violates: without policyTypes and without egress rules, the "default deny" affects ingress only
# ("all policies ... are assumed to affect ingress"; egress only when the policy has an egress section).
case("kube-deny-policy-types-omitted", ISOLATION, "DENY", DOC["netpol-api"])(iso(deny={"podSelector": {}}))
# Complies: one policy isolates every pod for ingress, another for egress.
case("kube-deny-split-in-two", ISOLATION, cite=DOC["isolation"])(
    iso(
        policy({"podSelector": {}, "policyTypes": ["Egress"]}, name="default-deny-egress"),
        deny={"podSelector": {}, "policyTypes": ["Ingress"]},
    )
)
# Complies: the only policy selects every pod for both directions and opens only the namespace itself
# (as the fleet's allow-same-namespace does): every pod is isolated both ways.
case("kube-deny-as-same-namespace", ISOLATION, cite=DOC["isolation"])(
    iso(
        deny={
            "podSelector": {},
            "policyTypes": ["Ingress", "Egress"],
            "ingress": [{"from": [{"podSelector": {}}]}],
            "egress": [{"to": [{"podSelector": {}}]}],
        }
    )
)

# Quota and LimitRange content.

# Violates: a quota scoped to Terminating pods (activeDeadlineSeconds set) leaves every long-running pod unbounded.
case("kube-quota-terminating-scope", ISOLATION, "DENY", DOC["quota-scopes"])(
    iso(quota_extra={"scopes": ["Terminating"]})
)
# Complies: the unscoped tenant quota, plus a second quota for Terminating pods (quotas add up).
case("kube-quota-plus-terminating-quota", ISOLATION, cite=DOC["quota-scopes"])(
    iso(quota("batch-quota", {"requests.cpu": "1", "requests.memory": "1Gi"}, scopes=["Terminating"]))
)
# Violates: the quota bounds CPU and pods but no memory.
case("kube-quota-cpu-only", ISOLATION, "DENY", DOC["quota"])(
    iso(quota={"requests.cpu": "4", "limits.cpu": "8", "pods": "50"})
)
# Violates: a LimitRange for PersistentVolumeClaims only gives containers no defaults.
case("kube-limitrange-pvc-only", ISOLATION, "DENY", DOC["limitrange"])(
    iso(limits=[{"type": "PersistentVolumeClaim", "max": {"storage": "10Gi"}}])
)
# Violates: "default" belongs to type Container; a type Pod entry cannot give containers default limits.
case("kube-limitrange-pod-default", ISOLATION, "DENY", DOC["limitrange-api"])(
    iso(limits=[{"type": "Pod", "default": {"cpu": "500m", "memory": "512Mi"}}])
)
# Complies: container defaults, plus a PVC maximum.
case("kube-limitrange-container-and-pvc", ISOLATION, cite=DOC["limitrange"])(
    iso(
        limits=[
            {"type": "Container", "default": {"cpu": "500m", "memory": "512Mi"}},
            {"type": "PersistentVolumeClaim", "max": {"storage": "10Gi"}},
        ]
    )
)
# Complies: restricted enforced at version "latest".
case("kube-pss-enforce-latest", ISOLATION, cite=DOC["psa"])(
    iso(ns_labels(**{"pod-security.kubernetes.io/enforce-version": "latest"}))
)
# Violates: Pod Security enforces privileged; restricted is only warned about and audited.
case("kube-pss-enforce-privileged-warn-restricted", ISOLATION, "DENY", DOC["psa"])(
    iso(
        ns_labels(
            **{
                ENFORCE: "privileged",
                "pod-security.kubernetes.io/warn": "restricted",
                "pod-security.kubernetes.io/audit": "restricted",
            }
        )
    )
)

# Roles bound in the tenant's namespace (FLEET-TEN-004).

CONFIGMAPS = {"apiGroups": [""], "resources": ["configmaps"]}
# Violates: a wildcard verb, even on one resource.
case("kube-role-wildcard-verb-configmaps", ISOLATION, "DENY", DOC["rbac-good"])(bound([{**CONFIGMAPS, "verbs": ["*"]}]))
# Complies: the same resource with its verbs listed.
case("kube-role-listed-verbs-configmaps", ISOLATION, cite=DOC["rbac"])(
    bound([{**CONFIGMAPS, "verbs": ["get", "list", "watch", "create", "update", "patch", "delete"]}])
)
# Violates: a wildcard resource (read-only, in apps) in a ClusterRole the stack defines.
case("kube-clusterrole-wildcard-resource-read", ISOLATION, "DENY", DOC["rbac-good"])(
    bound([{"apiGroups": ["apps"], "resources": ["*"], "verbs": ["get", "list", "watch"]}], kind="ClusterRole")
)
# Violates: apiGroups "*" includes the core group: the developers may patch the namespace's ResourceQuota.
case("kube-role-any-group-quota-patch", ISOLATION, "DENY", DOC["quota"])(
    bound([{"apiGroups": ["*"], "resources": ["resourcequotas"], "verbs": ["get", "patch"]}])
)
# Violates: writes to the Namespace itself (its labels set Pod Security and select the admission guard).
case("kube-role-update-namespace", ISOLATION, "DENY", DOC["psa"])(
    bound(
        [
            {
                "apiGroups": [""],
                "resources": ["namespaces"],
                "verbs": ["get", "update", "patch"],
                "resourceNames": ["acme"],
            }
        ]
    )
)
# Complies: reading the Namespace.
case("kube-role-read-namespace", ISOLATION, cite=DOC["rbac"])(
    bound(
        [{"apiGroups": [""], "resources": ["namespaces"], "verbs": ["get", "list", "watch"], "resourceNames": ["acme"]}]
    )
)
# Complies: the built-in system:auth-delegator role (token and access reviews, for add-on API servers)
# holds none of the powers the contract refuses; built-in roles are not refused for being undefined.
case("kube-rb-builtin-auth-delegator", ISOLATION, cite=DOC["component-roles"])(
    iso(role_binding(("ClusterRole", "system:auth-delegator"), group("acme-devs")))
)

# RoleBinding subjects (FLEET-TEN-009).

# Complies: a ServiceAccount subject without a namespace in a RoleBinding is the binding's own namespace's.
case("kube-rb-sa-namespace-omitted", ISOLATION, cite=DOC["rbac-sa-local"])(
    iso(role_binding(EDIT, {"kind": "ServiceAccount", "name": "ci"}), neighbour=True)
)
# Violates: the second subject, system:unauthenticated, is every request without credentials.
case("kube-rb-second-subject-unauthenticated", ISOLATION, "DENY", DOC["rbac-subjects"])(
    iso(role_binding(VIEW, group("acme-devs"), group("system:unauthenticated")))
)
# Complies: the user form of a kube-system service account (a platform namespace).
case("kube-rb-kube-system-sa-user-form", ISOLATION, cite=DOC["rbac-subjects"])(
    iso(role_binding(VIEW, user("system:serviceaccount:kube-system:resourcequota-controller")))
)

# ClusterRoleBindings (FLEET-TEN-002) and dedicated-cluster claims (FLEET-TEN-005).

# Violates: every service account of the cluster (every tenant's) gets cluster-wide view.
case("kube-crb-all-serviceaccounts-view", ISOLATION, "DENY", DOC["rbac-subjects"])(
    iso(cluster_role_binding("view", group("system:serviceaccounts")), neighbour=True)
)
# Complies: every service account gets only the issuer discovery role (public OIDC documents).
case("kube-crb-all-serviceaccounts-issuer-discovery", ISOLATION, cite=DOC["issuer-discovery"])(
    iso(
        cluster_role_binding(
            "system:service-account-issuer-discovery", group("system:serviceaccounts"), name="issuer-discovery"
        ),
        neighbour=True,
    )
)
# Violates: a ClusterRoleBinding labelled fleet-tenant=acme is acme's, whatever group it names.
case("kube-crb-labelled-for-tenant", ISOLATION, "DENY", DOC["rbac"])(
    iso(labelled(cluster_role_binding("view", group("platform-oncall")), {"fleet-tenant": "acme"}), neighbour=True)
)


def dedicated(subject_group: str = "acme-admins", neighbour_on: str = "eu2") -> Build:
    """acme claims a dedicated cluster eu1 (namespace and binding labelled fleet-isolation=cluster);
    globex is on eu2, or on eu1 through a second provider of eu1's component."""

    def build(s: Stack) -> None:
        component, k8s = cluster(s)
        _, k8s2 = cluster(s, "eu2", "aws", "eu-west-1")
        iso_ns = tenant(s, k8s, "acme")
        ns = _find(s, iso_ns)
        meta = ns.inputs["metadata"]
        ns.inputs = {**ns.inputs, "metadata": {**meta, "labels": {**meta["labels"], "fleet-isolation": "cluster"}}}
        binding = cluster_role_binding("cluster-admin", group(subject_group), name="acme-cluster-admin")
        labelled(binding, CLAIM)(s, k8s)
        if neighbour_on == "eu2":
            tenant(s, k8s2, "globex")
        else:
            tenant(s, second_provider(s, parented=True, component=component), "globex")

    return build


# Complies: acme is alone on eu1; globex is on another cluster of the stack.
case("kube-dedicated-neighbour-on-other-cluster", ISOLATION, cite=DOC["rbac-subjects"])(dedicated())
# Violates: the dedicated binding on acme's cluster names globex's owner group: cluster-admin for another tenant.
case("kube-dedicated-binding-names-neighbour-group", ISOLATION, "DENY", DOC["rbac-subjects"])(
    dedicated("globex-admins")
)

# Aggregated ClusterRoles (FLEET-TEN-010).

EXEC = [{"apiGroups": [""], "resources": ["pods/exec"], "verbs": ["create", "get"]}]
# Violates: aggregated into view, exec (create on pods/exec) is a write every viewer would get.
case("kube-aggregate-view-pods-exec", ISOLATION, "DENY", DOC["user-facing"])(
    iso(cluster_role("exec-view", EXEC, VIEW_AGG))
)
# Complies: the same rule into edit, which already lets editors exec into pods.
case("kube-aggregate-edit-pods-exec", ISOLATION, cite=DOC["user-facing"])(
    iso(cluster_role("exec-edit", EXEC, EDIT_AGG))
)
# Violates: aggregated into admin, it lets every tenant admin approve certificate signing requests.
case("kube-aggregate-admin-csr-approval", ISOLATION, "DENY", DOC["csr"])(
    iso(
        cluster_role(
            "csr-approver",
            [
                {
                    "apiGroups": ["certificates.k8s.io"],
                    "resources": ["certificatesigningrequests/approval"],
                    "verbs": ["update"],
                },
                {"apiGroups": ["certificates.k8s.io"], "resources": ["signers"], "verbs": ["approve"]},
            ],
            ADMIN_AGG,
        )
    )
)
# Violates: aggregated into edit, it lets every editor rewrite or delete admission policies (the fleet's guard).
case("kube-aggregate-edit-admission-policies", ISOLATION, "DENY", DOC["vap"])(
    iso(
        cluster_role(
            "policy-editor",
            [
                {
                    "apiGroups": ["admissionregistration.k8s.io"],
                    "resources": ["validatingadmissionpolicies", "validatingadmissionpolicybindings"],
                    "verbs": ["get", "list", "update", "delete"],
                }
            ],
            EDIT_AGG,
        )
    )
)
# Complies: labelled aggregate-to-admin "false": admin's aggregation selector asks for "true", so the rules
# are not aggregated, and the role is bound nowhere.
case("kube-aggregate-label-false", ISOLATION, cite=DOC["aggregation"])(
    iso(
        cluster_role(
            "node-patcher",
            [{"apiGroups": [""], "resources": ["nodes"], "verbs": ["get", "list", "patch"]}],
            {"rbac.authorization.k8s.io/aggregate-to-admin": "false"},
        )
    )
)

# Webhooks served from the tenant's namespace (FLEET-TEN-008).

NAME_IN = "kubernetes.io/metadata.name"
# Violates: "name In [acme, globex]" matches the neighbour's namespace too.
case("kube-webhook-name-in-two-tenants", ISOLATION, "DENY", DOC["webhooks"])(
    iso(
        hook(
            "Validating",
            ACME_SVC,
            {"matchExpressions": [{"key": NAME_IN, "operator": "In", "values": ["acme", "globex"]}]},
        ),
        neighbour=True,
    )
)
# Complies: "name In [acme]".
case("kube-webhook-name-in-own", ISOLATION, cite=DOC["webhooks"])(
    iso(
        hook("Validating", ACME_SVC, {"matchExpressions": [{"key": NAME_IN, "operator": "In", "values": ["acme"]}]}),
        neighbour=True,
    )
)


def two_hooks(second_selector: dict[str, Any] | None) -> Obj:
    def make(s: Stack, k8s: str) -> str:
        def one(name: str, selector: dict[str, Any] | None) -> dict[str, Any]:
            h: dict[str, Any] = {
                "name": f"{name}.acme.example.com",
                "admissionReviewVersions": ["v1"],
                "sideEffects": "None",
                "failurePolicy": "Ignore",
                "clientConfig": {"service": {"namespace": "acme", "name": "acme-hooks", "path": f"/{name}"}},
                "rules": [
                    {
                        "operations": ["CREATE", "UPDATE"],
                        "apiGroups": [""],
                        "apiVersions": ["v1"],
                        "resources": ["configmaps"],
                    }
                ],
            }
            if selector is not None:
                h["namespaceSelector"] = selector
            return h

        return s.add(
            "kubernetes:admissionregistration.k8s.io/v1:MutatingWebhookConfiguration",
            "acme-two-hooks",
            k8s,
            metadata={"name": "acme-two-hooks", "labels": {"fleet-tenant": "acme"}},
            webhooks=[one("first", OWN), one("second", second_selector)],
        )

    return make


# Violates: the first webhook is scoped to acme, the second (same configuration) has no namespaceSelector.
case("kube-webhook-second-unscoped", ISOLATION, "DENY", DOC["webhook-list"])(iso(two_hooks(None), neighbour=True))
# Complies: both webhooks are scoped to acme.
case("kube-webhook-both-scoped", ISOLATION, cite=DOC["webhook-list"])(iso(two_hooks(OWN), neighbour=True))

# Services (FLEET-TEN-007).

# Complies: an empty externalIPs list sets no external IP.
case("kube-service-external-ips-empty", ISOLATION, cite=DOC["external-ips"])(
    iso(svc("acme", {"type": "ClusterIP", "selector": {"app": "web"}, "ports": [{"port": 80}], "externalIPs": []}))
)
# Violates: a LoadBalancer Service in the tenant's namespace that also sets externalIPs.
case("kube-service-lb-external-ips", ISOLATION, "DENY", DOC["external-ips"])(
    iso(svc("acme", {**LB, "externalIPs": ["192.0.2.10"]}))
)

# Virtual-cluster tenants (FLEET-TEN-006, and FLEET-TEN-001 for the host namespace).

RELEASE = "kubernetes:helm.sh/v3:Release"
VC_TENANT = model.VClusterTenant.model_validate(
    {
        "name": "acme",
        "owners": {"admin": ["acme-admins"]},
        "isolation": "vcluster",
        "residency": "gdpr",
        "quota": {"cpu": 4, "memory": "8Gi"},
    }
)
SETTINGS = model.VClusterSettings()


def program_values(**overrides: Any) -> dict[str, Any]:
    """The values fleet/tenancy/vcluster.py renders for acme, with ``overrides`` merged one level down."""
    values = vcluster.values(VC_TENANT, SETTINGS)
    for key, value in overrides.items():
        values[key] = {**values.get(key, {}), **value} if isinstance(value, dict) else value
    return values


def release(values: dict[str, Any]) -> Obj:
    args = vcluster.release_args(SETTINGS)
    return add(
        RELEASE,
        "acme-vcluster",
        name="acme",
        chart=args["chart"],
        version=args["version"],
        repositoryOpts=args["repository_opts"],
        namespace="acme",
        values=values,
        atomic=True,
    )


def on_vcluster(*objects: Obj) -> Build:
    return iso(*objects, isolation="vcluster")


# Complies: the release with the values the program renders, in a guarded host namespace.
case("kube-vcluster-program-values", ISOLATION, cite=DOC["pss-restricted"])(on_vcluster(release(program_values())))
# Violates: the chart's default values: its control-plane pod is refused by restricted (the contract says so).
case("kube-vcluster-chart-defaults", ISOLATION, "DENY", DOC["pss-restricted"])(on_vcluster(release({})))
# Violates: the virtual cluster enforces baseline, so tenants' pods the restricted host refuses are accepted inside.
case("kube-vcluster-pss-baseline", ISOLATION, "DENY", DOC["pss-restricted"])(
    on_vcluster(release(program_values(policies={"podSecurityStandard": "baseline"})))
)


def root_syncer() -> dict[str, Any]:
    values = program_values()
    security = values["controlPlane"]["statefulSet"]["security"]
    security["containerSecurityContext"] = {
        **security["containerSecurityContext"],
        "runAsNonRoot": False,
        "runAsUser": 0,
    }
    return values


# Violates: the control plane's container runs as root (runAsUser 0), which restricted refuses.
case("kube-vcluster-syncer-root", ISOLATION, "DENY", DOC["pss-restricted"])(on_vcluster(release(root_syncer())))
# Violates: the program's release, but its host namespace has no LimitRange.
case("kube-vcluster-host-without-limits", ISOLATION, "DENY", DOC["limitrange"])(
    on_vcluster(release(program_values()), drop("kubernetes:core/v1:LimitRange", "acme-limits"))
)


# ============================================================================ providers and patches
# Objects that reach a tenant namespace by another route: server-side apply patches (judged merged into
# the object they change), components that render ordinary resources, providers of a second cluster.


def patch(kind: str, name: str, metadata: dict[str, Any], group_version: str = "core/v1", **inputs: Any) -> Obj:
    return add(f"kubernetes:{group_version}:{kind}Patch", name, metadata=metadata, **inputs)


# Violates: a ResourceQuotaPatch adds scopes [BestEffort] to the tenant's quota: merged, it bounds only
# pods that request nothing.
case("kube-quota-patch-besteffort-scope", PROVIDERS, "DENY", DOC["quota-patch"])(
    iso(
        patch(
            "ResourceQuota",
            "acme-quota-patch",
            {"name": "tenant-quota", "namespace": "acme"},
            spec={"scopes": ["BestEffort"]},
        )
    )
)
# Complies: the patch raises the pod count; server-side apply merges the hard map, CPU and memory stay bounded.
case("kube-quota-patch-raise-pods", PROVIDERS, cite=DOC["ssa"])(
    iso(
        patch(
            "ResourceQuota",
            "acme-quota-patch",
            {"name": "tenant-quota", "namespace": "acme"},
            spec={"hard": {"pods": "80"}},
        )
    )
)
BATCH_LABELS = {
    "fleet-tenant": "acme",
    "fleet-isolation": "namespace",
    "fleet-residency": "gdpr",
    ENFORCE: "restricted",
}
BATCH_NS = patch("Namespace", "acme-batch-ns-patch", {"name": "acme-batch", "labels": BATCH_LABELS})
# Violates: a NamespacePatch makes acme-batch a tenant namespace (fleet-tenant=acme) that has no quota,
# limits or default deny.
case("kube-ns-patch-makes-tenant-namespace", PROVIDERS, "DENY", DOC["ns-patch"])(iso(BATCH_NS))
# Complies: the same patch, with the namespace's quota, limits and default deny.
case("kube-ns-patch-makes-guarded-tenant-namespace", PROVIDERS, cite=DOC["ns-patch"])(
    iso(BATCH_NS, guardrails("acme-batch"))
)
NP_PATCH_META = {"name": "allow-web", "namespace": "acme"}
# Violates: a NetworkPolicyPatch of a policy the stack does not define admits every namespace.
case("kube-np-patch-other-policy-open", PROVIDERS, "DENY", DOC["np-patch"])(
    iso(patch("NetworkPolicy", "acme-web-np-patch", NP_PATCH_META, "networking.k8s.io/v1", spec=ingress(from_ns({}))))
)
# Complies: the same patch admits the tenant's own pods only.
case("kube-np-patch-other-policy-own-pods", PROVIDERS, cite=DOC["np-patch"])(
    iso(
        patch(
            "NetworkPolicy",
            "acme-web-np-patch",
            NP_PATCH_META,
            "networking.k8s.io/v1",
            spec=ingress({"podSelector": {}}),
        )
    )
)
ADMIN_RB = {"name": "tenant-admin", "namespace": "acme"}
# Violates: a RoleBindingPatch of the tenant's admin binding adds system:authenticated to its subjects.
case("kube-rb-patch-adds-authenticated", PROVIDERS, "DENY", DOC["rb-patch"])(
    iso(
        patch(
            "RoleBinding",
            "acme-admin-rb-patch",
            ADMIN_RB,
            "rbac.authorization.k8s.io/v1",
            subjects=[group("acme-admins"), group("system:authenticated")],
        )
    )
)
# Complies: the patch adds the tenant's own lead group.
case("kube-rb-patch-adds-own-group", PROVIDERS, cite=DOC["rb-patch"])(
    iso(
        patch(
            "RoleBinding",
            "acme-admin-rb-patch",
            ADMIN_RB,
            "rbac.authorization.k8s.io/v1",
            subjects=[group("acme-admins"), group("acme-leads")],
        )
    )
)
# Violates: a ClusterRoleBindingPatch of a platform binding (made elsewhere) adds the tenant's service account.
case("kube-crb-patch-adds-tenant-sa", PROVIDERS, "DENY", DOC["crb-patch"])(
    iso(
        patch(
            "ClusterRoleBinding",
            "platform-readers-crb-patch",
            {"name": "platform-readers"},
            "rbac.authorization.k8s.io/v1",
            roleRef={"apiGroup": RBAC, "kind": "ClusterRole", "name": "view"},
            subjects=[group("platform-oncall"), {"kind": "ServiceAccount", "namespace": "acme", "name": "ci"}],
        )
    )
)
SECRET_READER = cluster_role("secret-reader", [{"apiGroups": [""], "resources": ["secrets"], "verbs": ["get", "list"]}])


def role_label_patch(labels: dict[str, str]) -> Obj:
    return patch(
        "ClusterRole",
        "secret-reader-cr-patch",
        {"name": "secret-reader", "labels": labels},
        "rbac.authorization.k8s.io/v1",
    )


# Violates: a ClusterRolePatch labels an unbound secret reader aggregate-to-view: merged, every viewer
# (every tenant's view binding) reads Secrets.
case("kube-cr-patch-aggregates-secret-reader", PROVIDERS, "DENY", DOC["cr-patch"])(
    iso(SECRET_READER, role_label_patch(VIEW_AGG))
)
# Complies: the patch adds an ownership label; the role stays unbound and unaggregated.
case("kube-cr-patch-owner-label", PROVIDERS, cite=DOC["cr-patch"])(
    iso(SECRET_READER, role_label_patch({"example.com/owner": "platform"}))
)


def config_group(spec: dict[str, Any]) -> Obj:
    """A yaml/v2 ConfigGroup (a component) whose rendered NetworkPolicy is an ordinary child resource."""

    def make(s: Stack, k8s: str) -> str:
        group_urn = s.add("kubernetes:yaml/v2:ConfigGroup", "acme-manifests", files=["acme/*.yaml"])
        return s.add(
            NP,
            "acme-manifests:acme/allow-partners",
            k8s,
            parent=group_urn,
            metadata={"name": "allow-partners", "namespace": "acme"},
            spec=spec,
        )

    return make


# Violates: a NetworkPolicy rendered by a ConfigGroup admits every tenant's namespace.
case("kube-configgroup-open-policy", PROVIDERS, "DENY", DOC["configgroup"])(
    iso(
        config_group(ingress(from_ns({"matchExpressions": [{"key": "fleet-tenant", "operator": "Exists"}]}))),
        neighbour=True,
    )
)
# Complies: the rendered policy admits the tenant's own namespace.
case("kube-configgroup-own-policy", PROVIDERS, cite=DOC["configgroup"])(
    iso(config_group(ingress(OWN_NS)), neighbour=True)
)


def chart_binding(s: Stack, k8s: str) -> str:
    chart = s.add("kubernetes:helm.sh/v4:Chart", "ops-tools", chart="ops-tools", namespace="ops-tools")
    return s.add(
        "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding",
        "ops-tools:ops-tools-readers",
        k8s,
        parent=chart,
        metadata={"name": "ops-tools-readers"},
        roleRef={"apiGroup": RBAC, "kind": "ClusterRole", "name": "view"},
        subjects=[group("acme-admins")],
    )


# Violates: a Helm chart (v4, rendered into ordinary resources) binds the tenant's owner group cluster-wide.
case("kube-helm-chart-crb-tenant-group", PROVIDERS, "DENY", DOC["helm-chart"])(iso(chart_binding, neighbour=True))
# Violates: acme claims eu1 as its own, but globex's namespace reaches eu1 through a second provider of
# eu1's cluster component.
case("kube-dedicated-neighbour-via-second-provider", PROVIDERS, "DENY", DOC["provider"])(dedicated(neighbour_on="eu1"))
# Violates: acme is on eu1 and eu2; the policy that admits every namespace goes through eu2's provider.
case("kube-second-cluster-open-policy", PROVIDERS, "DENY", DOC["provider"])(
    on_two_clusters(policy(ingress(from_ns({}))), on_second=True)
)
# Complies: the same cluster pair, a narrow policy through eu2's provider.
case("kube-second-cluster-narrow-policy", PROVIDERS, cite=DOC["provider"])(
    on_two_clusters(policy(ingress(OWN_NS)), on_second=True)
)


def default_ns_np_patch(s: Stack) -> None:
    component, k8s = cluster(s)
    tenant(s, k8s, "acme")
    scoped = second_provider(s, namespace="acme", parented=True, component=component)
    s.add(
        "kubernetes:networking.k8s.io/v1:NetworkPolicyPatch",
        "default-deny-patch",
        scoped,
        metadata={"name": "default-deny"},
        spec={"egress": [{}]},
    )


# Violates: a NetworkPolicyPatch with no namespace lands, by the provider's default, on acme's default deny
# and adds an egress rule without peers: all egress is open.
case("kube-default-namespace-np-patch-open", PROVIDERS, "DENY", DOC["np-patch"])(default_ns_np_patch)


# ============================================================================ unknown at preview
# The decision does not need the unknown value: a correct pack decides (violations) or passes/defers.

# Violates: every namespace is admitted; only the target pods' label value is unknown.
case("kube-pre-np-all-namespaces-target-unknown", PREVIEW, "DENY", DOC["netpol-api"])(
    iso(
        policy(
            {
                "podSelector": {"matchLabels": {"app": UNKNOWN}},
                "policyTypes": ["Ingress"],
                "ingress": [{"from": [from_ns({})]}],
            }
        )
    )
)
# Violates: the Service sets one external IP; which address it is, is unknown.
case("kube-pre-service-external-ip-unknown", PREVIEW, "DENY", DOC["external-ips"])(
    iso(
        svc(
            "acme", {"type": "ClusterIP", "selector": {"app": "web"}, "ports": [{"port": 80}], "externalIPs": [UNKNOWN]}
        )
    )
)
# Violates: the tenant's owner group bound to view cluster-wide; only the binding's name is unknown.
case("kube-pre-crb-tenant-group-name-unknown", PREVIEW, "DENY", DOC["rbac-subjects"])(
    iso(cluster_role_binding("view", group("acme-admins"), name=UNKNOWN), neighbour=True)
)
# Violates: aggregated into view, the role reads Secrets; only its name is unknown.
case("kube-pre-aggregate-view-secrets-name-unknown", PREVIEW, "DENY", DOC["user-facing"])(
    iso(cluster_role(UNKNOWN, [{"apiGroups": [""], "resources": ["secrets"], "verbs": ["get"]}], VIEW_AGG))
)
# Violates: the tenant's webhook has no namespaceSelector; only its service path is unknown.
case("kube-pre-webhook-unscoped-path-unknown", PREVIEW, "DENY", DOC["webhooks"])(
    iso(
        hook("Validating", {"service": {"namespace": "acme", "name": "acme-hooks", "path": UNKNOWN}}, None),
        neighbour=True,
    )
)
# Violates: the namespace enforces baseline; only its owners annotation is unknown.
case("kube-pre-pss-baseline-owners-unknown", PREVIEW, "DENY", DOC["psa"])(
    iso(
        ns_labels(**{ENFORCE: "baseline"}),
        meta_of("kubernetes:core/v1:Namespace", "acme-ns", annotations={"fleet.dev/owners-admin": UNKNOWN}),
    )
)
# Complies: a policy admitting the tenant's own namespace, whose name is unknown.
case("kube-pre-np-own-namespace-name-unknown", PREVIEW, cite=DOC["unknowns"])(
    iso(policy(ingress(OWN_NS), name=UNKNOWN))
)
# Complies: the tenant's developers bound to edit by a binding whose name is unknown.
case("kube-pre-rb-own-group-name-unknown", PREVIEW, cite=DOC["unknowns"])(
    iso(role_binding(EDIT, group("acme-devs"), name=UNKNOWN))
)
# Complies: CPU and memory are bounded; only the pod count is unknown.
case("kube-pre-quota-pods-unknown", PREVIEW, cite=DOC["quota"])(iso(quota={**QUOTA, "pods": UNKNOWN}))
# Complies: container defaults are set; only the maximum CPU is unknown.
case("kube-pre-limitrange-max-unknown", PREVIEW, cite=DOC["limitrange"])(
    iso(limits=[{**LIMITS[0], "max": {"cpu": UNKNOWN, "memory": "16Gi"}}])
)


# ============================================================================ malformed shapes
# A property that decides has the wrong shape: a correct pack reports it cannot evaluate (mandatory) and
# neither crashes nor passes it.

# Cannot evaluate: the default deny's policyTypes is a string, not a list.
case("kube-bad-deny-policy-types-string", MALFORMED, "DENY", DOC["netpol-api"])(
    iso(deny={"podSelector": {}, "policyTypes": "Ingress,Egress"})
)
# Cannot evaluate: an egress rule's "to" is a map, not a list of peers.
case("kube-bad-np-egress-to-map", MALFORMED, "DENY", DOC["netpol-api"])(
    iso(
        policy(
            {"podSelector": {}, "policyTypes": ["Egress"], "egress": [{"to": {"ipBlock": {"cidr": "198.51.100.0/24"}}}]}
        )
    )
)
# Cannot evaluate: a namespaceSelector's matchExpressions is one map, not a list.
case("kube-bad-np-match-expressions-map", MALFORMED, "DENY", DOC["netpol-api"])(
    iso(policy(ingress(from_ns({"matchExpressions": {"key": "fleet-tenant", "operator": "In", "values": ["acme"]}}))))
)
# Cannot evaluate: the tenant's LimitRange limits are a map, not a list.
case("kube-bad-limitrange-limits-map", MALFORMED, "DENY", DOC["limitrange-api"])(iso(limits=LIMITS[0]))  # type: ignore[arg-type]
# Cannot evaluate: the tenant namespace's labels are a list of "key=value" strings.
case("kube-bad-namespace-labels-list", MALFORMED, "DENY", DOC["namespace-api"])(
    iso(meta_of("kubernetes:core/v1:Namespace", "acme-ns", labels=[f"{k}={v}" for k, v in BATCH_LABELS.items()]))
)
# Cannot evaluate: a Role bound in the tenant's namespace whose verbs are a string.
case("kube-bad-role-verbs-string", MALFORMED, "DENY", DOC["role-api"])(bound([{**CONFIGMAPS, "verbs": "get"}]))
# Cannot evaluate: a Service in the tenant's namespace whose externalIPs is a string.
case("kube-bad-service-external-ips-string", MALFORMED, "DENY", DOC["service-api"])(
    iso(
        svc(
            "acme",
            {"type": "ClusterIP", "selector": {"app": "web"}, "ports": [{"port": 80}], "externalIPs": "203.0.113.5"},
        )
    )
)
# Cannot evaluate: a RoleBinding in the tenant's namespace whose roleRef is a string.
case("kube-bad-rb-role-ref-string", MALFORMED, "DENY", DOC["rb-api"])(
    iso(
        add(
            "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
            "acme-odd-ref-rb",
            metadata={"name": "odd-ref", "namespace": "acme"},
            roleRef="cluster-admin",
            subjects=[group("acme-devs")],
        )
    )
)
