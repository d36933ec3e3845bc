"""Kubernetes isolation cases of the fifth outside corpus: the tenant guardrails' content and what
tenant objects can do, in forms the four earlier outside corpora did not try (several objects that only
together open or close a gap, tenants spanning clusters, older API versions of the same kinds, selectors
whose requirements are ANDed, label values in another case, webhooks on CONNECT or on every resource),
objects that reach a tenant namespace by another route (patches of atomic lists, provider namespace
precedence, rendered components), values unknown at preview and malformed shapes.

Written from Kubernetes documentation (and source, where the documentation stops) and the pack's
user-facing contract (docs/RULES.md, docs/SPEC.md, README.md, what fleet/tenancy renders), by a helper
that did not read the pack's rules, its configs, its tests or the tuned corpus's cases. Each case only
says whether a correct pack reports some mandatory violation (``expect="DENY"``) or none; a comment
above it says why, and it cites the page the outcome rests on. The stacks are built with the helpers of
the four earlier outside corpora, and no case or situation of theirs is repeated.

``UNKNOWN`` stands for a value the engine only learns at the update. Where the decision does not need
it a correct pack decides as if it were known; where it does, the pack defers (advisory FLEET-PRE-001),
which is no mandatory violation.
"""

from __future__ import annotations

from typing import Any

from tests.policies.corpus import UNKNOWN, Stack, secret
from tests.policies.outside.corpus import (
    LIMITS,
    OWN_NS,
    QUOTA,
    _find,
    cluster,
    cluster_role,
    cluster_role_binding,
    egress,
    group,
    ingress,
    role_binding,
    service_account,
    tenant,
)
from tests.policies.outside2.corpus import (
    ACME_SVC,
    CLAIM,
    ENFORCE,
    OWN,
    VIEW,
    VIEW_AGG,
    Obj,
    iso,
    labelled,
    ns_labels,
    ns_patch,
    svc,
)
from tests.policies.outside3.kube import (
    add,
    from_ns,
    guardrails,
    meta_of,
    on_vcluster,
    patch,
    policy,
    program_values,
    release,
    rename_since,
)
from tests.policies.outside4.kube import bound_to_devs, child_of, component, relabel_ns
from tests.policies.outside5.common import Build, case

ISOLATION = "tenant-isolation"
PROVIDERS = "k8s-providers-and-patches"
PREVIEW = "unknown-at-preview"
MALFORMED = "malformed"

RBAC = "rbac.authorization.k8s.io"
NS = "kubernetes:core/v1:Namespace"
NP = "kubernetes:networking.k8s.io/v1:NetworkPolicy"
CR = "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole"
CRB = "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding"
NAME = "kubernetes.io/metadata.name"

DOC = {
    # NetworkPolicy and selectors
    "netpol": "https://kubernetes.io/docs/concepts/services-networking/network-policies/",
    "isolation": "https://kubernetes.io/docs/concepts/services-networking/network-policies/#the-two-sorts-of-pod-isolation",
    # "The requirements are ANDed."
    "label-selector": "https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/label-selector/",
    # "environment notin (frontend) selects all resources with key equal to environment and value other than
    # frontend, and all resources without a label with the environment key"; values are case-sensitive.
    "set-based": "https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#set-based-requirement",
    "label-syntax": "https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set",
    # extensions/v1beta1 NetworkPolicy, rbac v1beta1/v1alpha1 and admissionregistration v1beta1 webhooks:
    # the same kinds under older group versions.
    "deprecations": "https://kubernetes.io/docs/reference/using-api/deprecation-guide/",
    "np-v1beta1": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/extensions/v1beta1/networkpolicy/",
    "rb-v1beta1": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/rbac/v1beta1/rolebinding/",
    "crb-v1alpha1": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/rbac/v1alpha1/clusterrolebinding/",
    "cr-v1beta1": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/rbac/v1beta1/clusterrole/",
    "webhook-v1beta1": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/admissionregistration/v1beta1/mutatingwebhookconfiguration/",
    # quota, limits, Pod Security
    "limitrange": "https://kubernetes.io/docs/concepts/policy/limit-range/",
    "limitrange-api": "https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/limit-range-v1/",
    "quota-api": "https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/resource-quota-v1/",
    "psa": "https://kubernetes.io/docs/concepts/security/pod-security-admission/#pod-security-admission-labels-for-namespaces",
    "namespace-api": "https://kubernetes.io/docs/reference/kubernetes-api/cluster-resources/namespace-v1/",
    # RBAC
    "rbac": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/",
    "rbac-subjects": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-subjects",
    "rbac-discovery": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#discovery-roles",
    "escalation": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#restrictions-on-role-creation-or-update",
    "resource-names": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources",
    "aggregation": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#aggregated-clusterroles",
    "cr-api": "https://kubernetes.io/docs/reference/kubernetes-api/authorization-resources/cluster-role-v1/",
    # admission webhooks
    "webhook-rules": "https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/#matching-requests-rules",
    "webhooks": "https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/#matching-requests-namespaceselector",
    "webhook-url": "https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/#url",
    "webhook-api": "https://kubernetes.io/docs/reference/kubernetes-api/extend-resources/mutating-webhook-configuration-v1/",
    # Services
    "external-ips": "https://kubernetes.io/docs/concepts/services-networking/service/#external-ips",
    "external-name": "https://kubernetes.io/docs/concepts/services-networking/service/#externalname",
    "service-api": "https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/",
    # Pulumi and server-side apply
    "provider": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/provider/",
    "ssa": "https://kubernetes.io/docs/reference/using-api/server-side-apply/#merge-strategy",
    "lr-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/core/v1/limitrangepatch/",
    "ns-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/core/v1/namespacepatch/",
    "configgroup": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/yaml/v2/configgroup/",
    "kustomize": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/kustomize/v2/directory/",
    "helm-chart": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/helm/v4/chart/",
    "unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
}


# ------------------------------------------------------------------------------------ helpers

BOTH = ["Ingress", "Egress"]
SECRETS_READ = [{"apiGroups": [""], "resources": ["secrets"], "verbs": ["get", "list"]}]
WIDGETS_READ = [{"apiGroups": ["example.com"], "resources": ["widgets"], "verbs": ["get", "list", "watch"]}]
POD_RULES = [
    {"operations": ["CREATE", "UPDATE"], "apiGroups": [""], "apiVersions": ["v1"], "resources": ["pods"]},
]
EXEC_RULES = [
    {"operations": ["CONNECT"], "apiGroups": [""], "apiVersions": ["v1"], "resources": ["pods/exec", "pods/attach"]},
]


def expr(key: str, operator: str, *values: str) -> dict[str, Any]:
    requirement: dict[str, Any] = {"key": key, "operator": operator}
    if values:
        requirement["values"] = list(values)
    return requirement


def webhook(
    client: dict[str, Any],
    selector: dict[str, Any] | None,
    rules: Any = None,
    *,
    kind: str = "Mutating",
    version: str = "v1",
    tenant_label: str | None = "acme",
    name: str = "acme-hooks",
    **extra: Any,
) -> Obj:
    """One webhook in a configuration (labelled for ``tenant_label``) served by ``client``."""

    def make(s: Stack, k8s: str) -> str:
        hook: dict[str, Any] = {
            "name": f"{name}.acme.example.com",
            "admissionReviewVersions": ["v1"],
            "sideEffects": "None",
            "failurePolicy": "Ignore",
            "clientConfig": client,
            "rules": POD_RULES if rules is None else rules,
            **extra,
        }
        if selector is not None:
            hook["namespaceSelector"] = selector
        metadata: dict[str, Any] = {"name": name}
        if tenant_label:
            metadata["labels"] = {"fleet-tenant": tenant_label}
        return s.add(
            f"kubernetes:admissionregistration.k8s.io/{version}:{kind}WebhookConfiguration",
            f"{name}-{kind.lower()}-{version}",
            k8s,
            metadata=metadata,
            webhooks=[hook],
        )

    return make


def three_tenants(*objects: Obj) -> Build:
    """One EU cluster with the tenants acme, globex and initech, and the case's objects."""

    def build(s: Stack) -> None:
        _, k8s = cluster(s)
        for name in ("acme", "globex", "initech"):
            tenant(s, k8s, name)
        for make in objects:
            make(s, k8s)

    return build


def on_clusters(eu1: tuple[str, ...], eu2: tuple[str, ...], *objects: Obj, on: str = "eu2", **tenant_kw: Any) -> Build:
    """Two EU clusters; the tenants named in ``eu1``/``eu2`` fully guarded on each (a tenant on both gets
    URNs of its own on eu2); the case's objects through the provider of cluster ``on``."""

    def build(s: Stack) -> None:
        _, k8s1 = cluster(s)
        _, k8s2 = cluster(s, "eu2", "aws", "eu-west-1")
        for name in eu1:
            tenant(s, k8s1, name, **tenant_kw.get(name, {}))
        for name in eu2:
            start = len(s.resources)
            tenant(s, k8s2, name, **tenant_kw.get(name, {}))
            if name in eu1:
                rename_since(s, start, "eu2")
        for make in objects:
            make(s, k8s2 if on == "eu2" else k8s1)

    return build


def dedicated_on(urn: str, s: Stack) -> None:
    relabel_ns(urn, s, **{"fleet-isolation": "cluster"})


def configmap(name: str, data: dict[str, str], ns: str = "acme") -> Obj:
    return add("kubernetes:core/v1:ConfigMap", f"{ns}-{name}-cm", metadata={"name": name, "namespace": ns}, data=data)


def chained_view(leaf_rules: list[dict[str, Any]]) -> Build:
    """A ClusterRole aggregated into view whose own rules are aggregated from roles labelled
    example.com/aggregate-to-reports; one such role with ``leaf_rules``. Neither is bound."""
    reports = {"example.com/aggregate-to-reports": "true"}
    return iso(
        add(
            CR,
            "reports-view-cr",
            metadata={"name": "reports-view", "labels": VIEW_AGG},
            aggregationRule={"clusterRoleSelectors": [{"matchLabels": reports}]},
            rules=[],
        ),
        cluster_role("reports-leaf", leaf_rules, reports),
    )


# ============================================================================ tenant isolation
# NetworkPolicy peers whose selector requirements are ANDed (FLEET-TEN-003).

TENANTS_BUT_GLOBEX = {"matchExpressions": [expr("fleet-tenant", "Exists"), expr(NAME, "NotIn", "globex")]}
# Violates: "fleet-tenant Exists" AND "name NotIn [globex]": every tenant namespace but globex's, so initech's
# (a third tenant nobody listed) is admitted.
case("kube-np-tenants-except-one-of-three", ISOLATION, "DENY", DOC["label-selector"])(
    three_tenants(policy(ingress(from_ns(TENANTS_BUT_GLOBEX))))
)
# Complies: "fleet-tenant Exists" AND "name In [acme]": the requirements are ANDed, so acme alone.
case("kube-np-tenants-anded-name-in-own", ISOLATION, cite=DOC["label-selector"])(
    three_tenants(
        policy(ingress(from_ns({"matchExpressions": [expr("fleet-tenant", "Exists"), expr(NAME, "In", "acme")]})))
    )
)
# Complies: matchLabels fleet-tenant=acme AND matchExpressions "fleet-tenant In [acme, globex]": a namespace
# must satisfy both, so only acme's namespaces are admitted although globex is named.
case("kube-np-tenant-label-anded-two-tenant-in", ISOLATION, cite=DOC["label-selector"])(
    three_tenants(
        policy(
            ingress(
                from_ns(
                    {
                        "matchLabels": {"fleet-tenant": "acme"},
                        "matchExpressions": [expr("fleet-tenant", "In", "acme", "globex")],
                    }
                )
            )
        )
    )
)

# Default deny written as several policies (FLEET-TEN-001: every pod isolated both ways).

APP_EXISTS = {"podSelector": {"matchExpressions": [expr("app", "Exists")]}, "policyTypes": BOTH}
# Complies: no policy selects every pod, but "app Exists" and "app DoesNotExist" together select every pod
# (a pod has the label or not), both for Ingress and Egress: every pod is isolated both ways.
case("kube-deny-exists-plus-does-not-exist", ISOLATION, cite=DOC["isolation"])(
    iso(
        policy({"podSelector": {"matchExpressions": [expr("app", "DoesNotExist")]}, "policyTypes": BOTH}, "deny-rest"),
        deny=APP_EXISTS,
    )
)
# Violates: "app Exists" plus "tier DoesNotExist": a pod with a tier label and no app label is selected by
# neither, so it is not isolated.
case("kube-deny-exists-plus-other-key-does-not-exist", ISOLATION, "DENY", DOC["isolation"])(
    iso(
        policy({"podSelector": {"matchExpressions": [expr("tier", "DoesNotExist")]}, "policyTypes": BOTH}, "deny-rest"),
        deny=APP_EXISTS,
    )
)
# Violates: the default deny selects "app NotIn [debug]": pods without the label are selected, but a pod the
# tenant labels app=debug is not, so it escapes isolation.
case("kube-deny-selector-notin-escapable", ISOLATION, "DENY", DOC["set-based"])(
    iso(deny={"podSelector": {"matchExpressions": [expr("app", "NotIn", "debug")]}, "policyTypes": BOTH})
)
# Violates: an allow-all policy in acme written as extensions/v1beta1 NetworkPolicy: the same kind under an
# older group version; it admits every namespace wherever it is served.
case("kube-np-extensions-v1beta1-open", ISOLATION, "DENY", DOC["np-v1beta1"])(
    iso(
        add(
            "kubernetes:extensions/v1beta1:NetworkPolicy",
            "acme-open-np-v1beta1",
            metadata={"name": "open", "namespace": "acme"},
            spec=ingress(from_ns({})),
        ),
        neighbour=True,
    )
)

# Guardrails of a tenant on two clusters, and tenant labels (FLEET-TEN-001).


def second_cluster_baseline(s: Stack, _: str) -> None:
    namespace = _find(s, s.urn(NS, "acme-ns") + "-eu2")
    meta = namespace.inputs["metadata"]
    namespace.inputs = {**namespace.inputs, "metadata": {**meta, "labels": {**meta["labels"], ENFORCE: "baseline"}}}


# Violates: acme is on eu1 and eu2; on eu1 it is fully guarded, on eu2 its namespace enforces baseline.
case("kube-second-cluster-pss-baseline", ISOLATION, "DENY", DOC["psa"])(
    on_clusters(("acme",), ("acme", "globex"), second_cluster_baseline)
)


def legacy_namespace(guarded: bool) -> Obj:
    """Namespace acme-legacy labelled fleet-tenant=Acme (another case: another value); with or without its
    guardrails."""

    def make(s: Stack, k8s: str) -> None:
        labels = {"fleet-tenant": "Acme", "fleet-isolation": "namespace", "fleet-residency": "gdpr"}
        if guarded:
            labels[ENFORCE] = "restricted"
        s.add(NS, "acme-legacy-ns", k8s, metadata={"name": "acme-legacy", "labels": labels})
        if guarded:
            guardrails("acme-legacy")(s, k8s)

    return make


# Violates: a namespace labelled fleet-tenant "Acme" is a tenant namespace (label values are case-sensitive
# strings, so it is not acme's, but it is labelled fleet-tenant) and has no quota, limits, default deny or
# Pod Security.
case("kube-ns-tenant-label-other-case-unguarded", ISOLATION, "DENY", DOC["label-syntax"])(iso(legacy_namespace(False)))
# Complies: the same namespace with quota, limits, default deny and restricted enforced.
case("kube-ns-tenant-label-other-case-guarded", ISOLATION, cite=DOC["label-syntax"])(iso(legacy_namespace(True)))
# Violates: LimitRange item type "container": the type is case-sensitive ("Container"); the admission plugin
# applies defaults only from Container items, so containers get no default limits (if it is admitted at all).
case("kube-limitrange-type-lowercase", ISOLATION, "DENY", DOC["limitrange-api"])(
    iso(limits=[{**LIMITS[0], "type": "container"}])
)
# Violates: the program's vcluster release, but its host namespace enforces baseline, not restricted.
case("kube-vcluster-host-pss-baseline", ISOLATION, "DENY", DOC["psa"])(
    on_vcluster(release(program_values()), ns_labels(**{ENFORCE: "baseline"}))
)

# RBAC in older group versions (FLEET-TEN-004, FLEET-TEN-002).

# Violates: a rbac.authorization.k8s.io/v1beta1 RoleBinding of cluster-admin in acme.
case("kube-rb-v1beta1-cluster-admin", ISOLATION, "DENY", DOC["rb-v1beta1"])(
    iso(
        add(
            "kubernetes:rbac.authorization.k8s.io/v1beta1:RoleBinding",
            "acme-ops-rb-v1beta1",
            metadata={"name": "ops", "namespace": "acme"},
            roleRef={"apiGroup": RBAC, "kind": "ClusterRole", "name": "cluster-admin"},
            subjects=[group("acme-devs")],
        )
    )
)
# Complies: a rbac.authorization.k8s.io/v1beta1 RoleBinding of view in acme for the tenant's developers.
case("kube-rb-v1beta1-view-own-group", ISOLATION, cite=DOC["rb-v1beta1"])(
    iso(
        add(
            "kubernetes:rbac.authorization.k8s.io/v1beta1:RoleBinding",
            "acme-readers-rb-v1beta1",
            metadata={"name": "readers", "namespace": "acme"},
            roleRef={"apiGroup": RBAC, "kind": "ClusterRole", "name": "view"},
            subjects=[group("acme-devs")],
        )
    )
)
# Violates: a rbac.authorization.k8s.io/v1alpha1 ClusterRoleBinding gives acme's owner group view everywhere.
case("kube-crb-v1alpha1-tenant-group", ISOLATION, "DENY", DOC["crb-v1alpha1"])(
    iso(
        add(
            "kubernetes:rbac.authorization.k8s.io/v1alpha1:ClusterRoleBinding",
            "acme-view-crb-v1alpha1",
            metadata={"name": "acme-view"},
            roleRef={"apiGroup": RBAC, "kind": "ClusterRole", "name": "view"},
            subjects=[group("acme-admins")],
        ),
        neighbour=True,
    )
)
# Complies: a narrow ClusterRole the stack defines as v1beta1 (widgets read), bound in acme by a v1 RoleBinding.
case("kube-clusterrole-v1beta1-widgets-bound", ISOLATION, cite=DOC["cr-v1beta1"])(
    iso(
        add(
            "kubernetes:rbac.authorization.k8s.io/v1beta1:ClusterRole",
            "widget-reader-cr-v1beta1",
            metadata={"name": "widget-reader"},
            rules=WIDGETS_READ,
        ),
        role_binding(("ClusterRole", "widget-reader"), group("acme-devs"), name="widget-reader"),
    )
)

# Roles bound in the tenant's namespace (FLEET-TEN-004).

# Violates: create on LimitRanges: a second LimitRange makes the defaults nondeterministic ("If two or more
# LimitRange objects exist in the namespace, it is not deterministic which default value will be applied"),
# so the tenant can give its containers other defaults: a write to LimitRanges.
case("kube-role-create-limitranges", ISOLATION, "DENY", DOC["limitrange"])(
    bound_to_devs("limit-maker", [{"apiGroups": [""], "resources": ["limitranges"], "verbs": ["get", "create"]}])
)
# Violates: escalate, narrowed by resourceNames to one Role: the holder may still put any rule into that Role
# and so grant itself rights it does not hold.
case("kube-role-escalate-by-resource-name", ISOLATION, "DENY", DOC["escalation"])(
    bound_to_devs(
        "role-escalator",
        [
            {
                "apiGroups": [RBAC],
                "resources": ["roles"],
                "verbs": ["get", "update", "escalate"],
                "resourceNames": ["app-reader"],
            }
        ],
    )
)


def globex_edit_owners(s: Stack, _: str) -> None:
    annotations = {"fleet.dev/owners-admin": "globex-admins", "fleet.dev/owners-edit": "globex-devs"}
    meta_of(NS, "globex-ns", annotations=annotations)(s, _)


# Violates: globex-devs is globex's owner group (its namespace's owners-edit annotation), bound to view in acme.
case("kube-rb-neighbour-edit-owner-group", ISOLATION, "DENY", DOC["rbac-subjects"])(
    iso(globex_edit_owners, role_binding(VIEW, group("globex-devs"), name="globex-devs-view"), neighbour=True)
)

# ClusterRoleBindings and dedicated-cluster claims across clusters (FLEET-TEN-002, FLEET-TEN-005).

# Violates: acme is on eu1 only; on eu2, which holds globex, a ClusterRoleBinding gives acme's owner group
# view: "a binding that names one is that tenant's wherever its namespaces are", and it opens globex's
# namespace on eu2 to acme.
case("kube-crb-owner-group-on-other-cluster", ISOLATION, "DENY", DOC["rbac-subjects"])(
    on_clusters(("acme",), ("globex",), cluster_role_binding("view", group("acme-admins"), name="acme-view"))
)
# Complies: the same binding on eu2 to system:basic-user (reviews of one's own rights only), which Kubernetes
# binds to every authenticated user itself.
case("kube-crb-owner-group-on-other-cluster-basic-user", ISOLATION, cite=DOC["rbac-discovery"])(
    on_clusters(
        ("acme",), ("globex",), cluster_role_binding("system:basic-user", group("acme-admins"), name="acme-basic")
    )
)


def dedicated_pair(neighbour_on_eu2: bool) -> Build:
    """acme owns eu1 and eu2 (namespaces labelled fleet-isolation=cluster, its admins cluster-admin on each,
    the bindings labelled as the claim); globex on eu2 too, or nowhere."""

    def build(s: Stack) -> None:
        _, k8s1 = cluster(s)
        _, k8s2 = cluster(s, "eu2", "aws", "eu-west-1")
        dedicated_on(tenant(s, k8s1, "acme"), s)
        start = len(s.resources)
        dedicated_on(tenant(s, k8s2, "acme"), s)
        rename_since(s, start, "eu2")
        for k8s, name in ((k8s1, "acme-cluster-admin"), (k8s2, "acme-cluster-admin-eu2")):
            labelled(cluster_role_binding("cluster-admin", group("acme-admins"), name=name), CLAIM)(s, k8s)
        if neighbour_on_eu2:
            tenant(s, k8s2, "globex")

    return build


# Complies: acme's two dedicated clusters hold no other tenant.
case("kube-dedicated-two-clusters-alone", ISOLATION, cite=DOC["rbac-subjects"])(dedicated_pair(False))
# Violates: acme's second dedicated cluster also holds globex's namespace: the claim (and cluster-admin) there
# is false.
case("kube-dedicated-second-cluster-shared", ISOLATION, "DENY", DOC["rbac-subjects"])(dedicated_pair(True))
CLAIM_CM = labelled(configmap("isolation", {"mode": "dedicated"}), CLAIM)
# Violates: the claim is carried by a ConfigMap (no binding at all) on a cluster that also holds globex:
# "an object labelled fleet-isolation=cluster with fleet-tenant=<tenant>", whoever wrote it.
case("kube-claim-label-on-configmap-shared", ISOLATION, "DENY", DOC["rbac-subjects"])(iso(CLAIM_CM, neighbour=True))
# Complies: the same ConfigMap on a cluster that holds no other tenant: the claim is true.
case("kube-claim-label-on-configmap-alone", ISOLATION, cite=DOC["rbac-subjects"])(iso(CLAIM_CM))

# Aggregated ClusterRoles (FLEET-TEN-010).

# Violates: reports-view is aggregated into view and itself aggregates every role labelled
# example.com/aggregate-to-reports; one of those reads Secrets, so view (and every tenant's viewers) does.
case("kube-aggregate-chain-secrets-into-view", ISOLATION, "DENY", DOC["aggregation"])(chained_view(SECRETS_READ))
# Complies: the same chain carries only read access to widgets into view.
case("kube-aggregate-chain-widgets-into-view", ISOLATION, cite=DOC["aggregation"])(chained_view(WIDGETS_READ))
# Complies: an unbound Secret reader labelled aggregate-to-view "True": view's selector asks for "true" and
# label values are case-sensitive, so it is aggregated nowhere.
case("kube-aggregate-label-value-capital-true", ISOLATION, cite=DOC["set-based"])(
    iso(cluster_role("secret-peek", SECRETS_READ, {next(iter(VIEW_AGG)): "True"}))
)
# Violates: aggregated into view, read on one Secret by name (resourceNames) in every namespace: still reading
# Secrets, which view leaves out.
case("kube-aggregate-view-secret-by-name", ISOLATION, "DENY", DOC["resource-names"])(
    iso(
        cluster_role(
            "registry-creds-view",
            [{"apiGroups": [""], "resources": ["secrets"], "verbs": ["get"], "resourceNames": ["registry-creds"]}],
            VIEW_AGG,
        )
    )
)
# Violates: aggregated into view, read access to CustomResourceDefinitions (cluster-scoped, decide isolation).
case("kube-aggregate-view-crds", ISOLATION, "DENY", DOC["aggregation"])(
    iso(
        cluster_role(
            "crd-view",
            [
                {
                    "apiGroups": ["apiextensions.k8s.io"],
                    "resources": ["customresourcedefinitions"],
                    "verbs": ["get", "list", "watch"],
                }
            ],
            VIEW_AGG,
        )
    )
)

# Webhooks served from the tenant's namespace or by URL for it (FLEET-TEN-008).

# Violates: a webhook served from acme on CONNECT to pods/exec and pods/attach, no namespaceSelector: it
# receives every exec and attach request of every namespace.
case("kube-webhook-connect-exec-unscoped", ISOLATION, "DENY", DOC["webhook-rules"])(
    iso(webhook(ACME_SVC, None, EXEC_RULES, kind="Validating"), neighbour=True)
)
# Complies: the same CONNECT webhook, scoped to acme by name.
case("kube-webhook-connect-exec-own", ISOLATION, cite=DOC["webhook-rules"])(
    iso(webhook(ACME_SVC, OWN, EXEC_RULES, kind="Validating"), neighbour=True)
)
EVERYTHING = [{"operations": ["*"], "apiGroups": ["*"], "apiVersions": ["*"], "resources": ["*/*"], "scope": "*"}]
# Violates: scoped to acme by name, but on every resource and subresource of any scope: cluster-scoped objects
# (nodes, ClusterRoles, other tenants' Namespaces' ...) are never skipped by a namespaceSelector.
case("kube-webhook-everything-any-scope-own", ISOLATION, "DENY", DOC["webhooks"])(
    iso(webhook(ACME_SVC, OWN, EVERYTHING, kind="Validating"), neighbour=True)
)
# Complies: every resource, but scope Namespaced, and scoped to acme by name.
case("kube-webhook-everything-namespaced-own", ISOLATION, cite=DOC["webhook-rules"])(
    iso(webhook(ACME_SVC, OWN, [{**EVERYTHING[0], "scope": "Namespaced"}], kind="Validating"), neighbour=True)
)
# Violates: an admissionregistration.k8s.io/v1beta1 MutatingWebhookConfiguration served from acme, unscoped.
case("kube-webhook-v1beta1-unscoped", ISOLATION, "DENY", DOC["webhook-v1beta1"])(
    iso(webhook(ACME_SVC, None, version="v1beta1"), neighbour=True)
)
# Violates: "fleet-tenant DoesNotExist": every namespace that is no tenant's (kube-system, the platform's)
# goes to a webhook acme serves.
case("kube-webhook-tenant-label-does-not-exist", ISOLATION, "DENY", DOC["webhooks"])(
    iso(webhook(ACME_SVC, {"matchExpressions": [expr("fleet-tenant", "DoesNotExist")]}), neighbour=True)
)
# Complies: matchLabels fleet-tenant=acme AND "name NotIn [acme-sandbox]": ANDed, at most acme's namespaces.
case("kube-webhook-tenant-label-anded-name-notin", ISOLATION, cite=DOC["label-selector"])(
    iso(
        webhook(
            ACME_SVC,
            {"matchLabels": {"fleet-tenant": "acme"}, "matchExpressions": [expr(NAME, "NotIn", "acme-sandbox")]},
        ),
        neighbour=True,
    )
)
URL = {"url": "https://admission.acme.example.com/mutate"}
# Complies: called by URL, labelled for acme, matching acme and build-cache, a namespace that is no tenant's
# ("or namespaces it names that are no tenant's").
case("kube-webhook-url-own-and-untenanted", ISOLATION, cite=DOC["webhook-url"])(
    iso(webhook(URL, {"matchExpressions": [expr(NAME, "In", "acme", "build-cache")]}), neighbour=True)
)
# Violates: the same URL webhook also names globex's namespace.
case("kube-webhook-url-own-and-neighbour", ISOLATION, "DENY", DOC["webhook-url"])(
    iso(webhook(URL, {"matchExpressions": [expr(NAME, "In", "acme", "globex")]}), neighbour=True)
)

# Services (FLEET-TEN-007).

# Complies: an ExternalName Service (a DNS alias) in acme sets no externalIPs.
case("kube-service-external-name", ISOLATION, cite=DOC["external-name"])(
    iso(svc("acme", {"type": "ExternalName", "externalName": "db.partner.example.com"}, name="partner-db"))
)
# Violates: a NodePort Service in acme with an IPv6 external IP.
case("kube-service-nodeport-external-ipv6", ISOLATION, "DENY", DOC["external-ips"])(
    iso(
        svc(
            "acme",
            {
                "type": "NodePort",
                "selector": {"app": "web"},
                "ports": [{"port": 443}],
                "externalIPs": ["2001:db8::10"],
            },
        )
    )
)


# ============================================================================ providers and patches

FORCED = {"pulumi.com/patchForce": "true"}


def limits_patch(limits: list[dict[str, Any]]) -> Obj:
    return patch(
        "LimitRange",
        "acme-limits-patch",
        {"name": "tenant-limits", "namespace": "acme", "annotations": FORCED},
        spec={"limits": limits},
    )


# Violates: a forced LimitRangePatch of the tenant's LimitRange sets limits to one PVC item: limits is an
# atomic list (no list-type or merge key), so server-side apply replaces it whole and the Container defaults go.
case("kube-limitrange-patch-replaces-limits", PROVIDERS, "DENY", DOC["ssa"])(
    iso(limits_patch([{"type": "PersistentVolumeClaim", "max": {"storage": "10Gi"}}]))
)
# Complies: the forced patch replaces the list with a Container item that still has CPU and memory defaults.
case("kube-limitrange-patch-raises-defaults", PROVIDERS, cite=DOC["lr-patch"])(
    iso(limits_patch([{"type": "Container", "default": {"cpu": "1", "memory": "1Gi"}}]))
)
# Violates: a NamespacePatch empties acme's tenant label (fleet-tenant: ""), weakening it.
case("kube-ns-patch-tenant-label-empty", PROVIDERS, "DENY", DOC["ns-patch"])(iso(ns_patch({"fleet-tenant": ""})))


# Complies: a NamespacePatch that restates acme's tenant label and adds a cost-centre label.
case("kube-ns-patch-tenant-label-restated", PROVIDERS, cite=DOC["ns-patch"])(
    iso(ns_patch({"fleet-tenant": "acme", "example.com/cost-centre": "cc-4711"}))
)


def precedence(provider_ns: str, context_ns: str) -> Build:
    """A provider of eu1's component with a ``namespace`` input and a kubeconfig whose context names
    another; an allow-all policy with no namespace goes through it."""
    kubeconfig = (
        "apiVersion: v1\nkind: Config\ncurrent-context: eu1-ops\n"
        "clusters:\n- name: eu1\n  cluster: {server: 'https://eu1.k8s.example.com'}\n"
        f"contexts:\n- name: eu1-ops\n  context: {{cluster: eu1, user: ops, namespace: {context_ns}}}\n"
        "users:\n- name: ops\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n"
        "      command: aws\n      args: [eks, get-token, --cluster-name, eu1]\n"
    )

    def build(s: Stack) -> None:
        component_urn, k8s = cluster(s)
        tenant(s, k8s, "acme")
        tenant(s, k8s, "globex")
        scoped = s.provider(
            "kubernetes", "eu1-k8s-ops", parent=component_urn, kubeconfig=secret(kubeconfig), namespace=provider_ns
        )
        s.add(NP, "open-np", scoped, metadata={"name": "open"}, spec=ingress(from_ns({})))

    return build


# Violates: the provider's namespace input (acme) comes before the kubeconfig context's (platform), so the
# allow-all policy lands in acme.
case("kube-provider-namespace-over-context", PROVIDERS, "DENY", DOC["provider"])(precedence("acme", "platform"))
# Complies: the provider's namespace input is platform's; the context's acme comes third and is not used.
case("kube-provider-namespace-over-context-platform", PROVIDERS, cite=DOC["provider"])(precedence("platform", "acme"))

KUSTOMIZE = component("kubernetes:kustomize/v2:Directory", "reports", directory="./k8s/reports")


def rendered_role(rules: list[dict[str, Any]]) -> Obj:
    return add(
        CR,
        "reports:rbac.authorization.k8s.io/v1/ClusterRole::reports-view",
        metadata={"name": "reports-view", "labels": VIEW_AGG},
        rules=rules,
    )


# Violates: a kustomize/v2 Directory renders a ClusterRole aggregated into view that reads Secrets.
case("kube-kustomize-aggregated-secret-reader", PROVIDERS, "DENY", DOC["kustomize"])(
    iso(child_of(KUSTOMIZE, rendered_role(SECRETS_READ)))
)
# Complies: the rendered aggregated role reads widgets only.
case("kube-kustomize-aggregated-widgets", PROVIDERS, cite=DOC["kustomize"])(
    iso(child_of(KUSTOMIZE, rendered_role(WIDGETS_READ)))
)

CHART = component(
    "kubernetes:helm.sh/v4:Chart", "acme-edge", chart="oci://registry.example.com/charts/edge", namespace="acme"
)


def rendered_policy(peer: dict[str, Any]) -> Obj:
    return add(
        NP,
        "acme-edge:networking.k8s.io/v1/NetworkPolicy:acme/edge",
        metadata={"name": "edge", "namespace": "acme"},
        spec=ingress(peer, ports=[{"protocol": "TCP", "port": 8443}]),
    )


# Violates: a helm v4 Chart renders a NetworkPolicy in acme admitting every namespace on 8443.
case("kube-helm-v4-policy-all-namespaces", PROVIDERS, "DENY", DOC["helm-chart"])(
    iso(child_of(CHART, rendered_policy(from_ns({}))), neighbour=True)
)
# Complies: the rendered policy admits acme's own namespace.
case("kube-helm-v4-policy-own-namespace", PROVIDERS, cite=DOC["helm-chart"])(
    iso(child_of(CHART, rendered_policy(OWN_NS)), neighbour=True)
)

CONFIG_GROUP = component("kubernetes:yaml/v2:ConfigGroup", "acme-ci", files=["ci/*.yaml"])


def rendered_crb(subject: dict[str, Any]) -> Obj:
    return add(
        CRB,
        "acme-ci:rbac.authorization.k8s.io/v1/ClusterRoleBinding::acme-ci-view",
        metadata={"name": "acme-ci-view"},
        roleRef={"apiGroup": RBAC, "kind": "ClusterRole", "name": "view"},
        subjects=[subject],
    )


def rendered_rb(subject: dict[str, Any]) -> Obj:
    return add(
        "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
        "acme-ci:rbac.authorization.k8s.io/v1/RoleBinding:acme/ci-edit",
        metadata={"name": "ci-edit", "namespace": "acme"},
        roleRef={"apiGroup": RBAC, "kind": "ClusterRole", "name": "edit"},
        subjects=[subject],
    )


# Violates: a yaml/v2 ConfigGroup renders a ClusterRoleBinding of view to every service account of acme
# (system:serviceaccounts:acme).
case("kube-configgroup-crb-tenant-sa-group", PROVIDERS, "DENY", DOC["configgroup"])(
    iso(child_of(CONFIG_GROUP, rendered_crb(group("system:serviceaccounts:acme"))), neighbour=True)
)
# Complies: the ConfigGroup renders a RoleBinding in acme of edit to acme's own tenant-deployer account.
case("kube-configgroup-rb-own-deployer", PROVIDERS, cite=DOC["configgroup"])(
    iso(child_of(CONFIG_GROUP, rendered_rb(service_account("acme", "tenant-deployer"))), neighbour=True)
)
# Violates: acme is on eu1 and eu2; its unscoped webhook goes through eu2's provider, where globex lives.
case("kube-second-cluster-webhook-unscoped", PROVIDERS, "DENY", DOC["webhooks"])(
    on_clusters(("acme",), ("acme", "globex"), webhook(ACME_SVC, None))
)


# Complies: the same clusters, the webhook scoped to acme by name.
case("kube-second-cluster-webhook-scoped", PROVIDERS, cite=DOC["webhooks"])(
    on_clusters(("acme",), ("acme", "globex"), webhook(ACME_SVC, OWN))
)


# ============================================================================ unknown at preview

# Violates: the CONNECT webhook served from acme has no namespaceSelector; only its caBundle (injected by a
# certificate controller) is unknown.
case("kube-pre-webhook-connect-unscoped-cabundle-unknown", PREVIEW, "DENY", DOC["webhook-rules"])(
    iso(webhook({**ACME_SVC, "caBundle": UNKNOWN}, None, EXEC_RULES, kind="Validating"), neighbour=True)
)
# Violates: the Container item gives a CPU default and no memory default or memory max; only max CPU is unknown.
case("kube-pre-limitrange-no-memory-max-cpu-unknown", PREVIEW, "DENY", DOC["limitrange"])(
    iso(limits=[{"type": "Container", "default": {"cpu": "500m"}, "max": {"cpu": UNKNOWN}}])
)
# Violates: externalIPs are known; only the Service's type is unknown.
case("kube-pre-service-external-ips-type-unknown", PREVIEW, "DENY", DOC["external-ips"])(
    iso(
        svc(
            "acme", {"type": UNKNOWN, "selector": {"app": "web"}, "ports": [{"port": 80}], "externalIPs": ["192.0.2.7"]}
        )
    )
)
# Violates: system:authenticated bound in acme; the ClusterRole's name is unknown, and the subject alone decides.
case("kube-pre-rb-authenticated-role-unknown", PREVIEW, "DENY", DOC["rbac-subjects"])(
    iso(role_binding(("ClusterRole", UNKNOWN), group("system:authenticated"), name="everyone"))
)
# Violates: aggregated into view, get on Secrets; which Secrets (resourceNames) is unknown, any is too many.
case("kube-pre-aggregate-view-secret-names-unknown", PREVIEW, "DENY", DOC["resource-names"])(
    iso(
        cluster_role(
            "named-secret-view",
            [{"apiGroups": [""], "resources": ["secrets"], "verbs": ["get"], "resourceNames": UNKNOWN}],
            VIEW_AGG,
        )
    )
)
# Complies (defers): acme's owner group bound cluster-wide to a ClusterRole whose name is unknown: it may be a
# public-information role, which is not refused.
case("kube-pre-crb-tenant-group-role-unknown", PREVIEW, cite=DOC["unknowns"])(
    iso(cluster_role_binding(UNKNOWN, group("acme-admins"), name="acme-extra"), neighbour=True)
)
# Complies: acme's developers bound to a Role of an unknown name; the stack defines no Role in acme, so any
# name is a Role of the tenant's own namespace.
case("kube-pre-rb-own-group-role-name-unknown", PREVIEW, cite=DOC["unknowns"])(
    iso(role_binding(("Role", UNKNOWN), group("acme-devs"), name="devs-role"))
)
# Complies: the webhook is scoped to acme and matches namespaced pods; only its operations are unknown.
case("kube-pre-webhook-own-operations-unknown", PREVIEW, cite=DOC["webhooks"])(
    iso(webhook(ACME_SVC, OWN, [{**POD_RULES[0], "operations": UNKNOWN, "scope": "Namespaced"}]), neighbour=True)
)


# ============================================================================ malformed shapes
# A property that decides has the wrong shape: a correct pack reports it cannot evaluate (mandatory) and
# neither crashes nor passes it.

# Cannot evaluate: a webhook served from acme, scoped by name, whose rules are one map (whether they reach
# cluster-scoped resources cannot be read).
case("kube-bad-webhook-rules-map", MALFORMED, "DENY", DOC["webhook-api"])(
    iso(webhook(ACME_SVC, OWN, {**POD_RULES[0], "scope": "*"}), neighbour=True)
)
# Cannot evaluate: a webhook with no namespaceSelector whose clientConfig.service is a string (who serves it).
case("kube-bad-webhook-service-string", MALFORMED, "DENY", DOC["webhook-api"])(
    iso(webhook({"service": "acme/acme-hooks"}, None), neighbour=True)
)
# Cannot evaluate: a Secret reader whose labels are a list of "key=value" strings (aggregated or not).
case("kube-bad-clusterrole-labels-list", MALFORMED, "DENY", DOC["cr-api"])(
    iso(
        add(
            CR,
            "secret-reader-cr",
            metadata={"name": "secret-reader", "labels": [f"{next(iter(VIEW_AGG))}=true"]},
            rules=SECRETS_READ,
        )
    )
)
# Cannot evaluate: the tenant namespace's enforce label value is a list.
case("kube-bad-pss-enforce-list", MALFORMED, "DENY", DOC["namespace-api"])(
    iso(ns_labels(**{ENFORCE: ["restricted"]}))  # type: ignore[arg-type]
)
# Cannot evaluate: an egress peer's ipBlock is a string.
case("kube-bad-np-ipblock-string", MALFORMED, "DENY", DOC["netpol"])(iso(policy(egress({"ipBlock": "10.0.0.0/8"}))))
# Cannot evaluate: the quota's requests.memory is a map, not a quantity.
case("kube-bad-quota-quantity-map", MALFORMED, "DENY", DOC["quota-api"])(
    iso(quota={**QUOTA, "requests.memory": {"value": 8, "unit": "Gi"}})
)
# Cannot evaluate: the LimitRange item's type is a list.
case("kube-bad-limitrange-type-list", MALFORMED, "DENY", DOC["limitrange-api"])(
    iso(limits=[{**LIMITS[0], "type": ["Container"]}])
)
# Cannot evaluate: a Service in acme whose spec is a list (with externalIPs inside).
case("kube-bad-service-spec-list", MALFORMED, "DENY", DOC["service-api"])(
    iso(
        add(
            "kubernetes:core/v1:Service",
            "acme-web-svc",
            metadata={"name": "web", "namespace": "acme"},
            spec=[{"type": "ClusterIP", "ports": [{"port": 80}], "externalIPs": ["203.0.113.40"]}],
        )
    )
)
