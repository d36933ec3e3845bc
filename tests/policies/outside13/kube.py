"""Kubernetes isolation cases of the thirteenth outside corpus: kinds, fields and situations the twelve earlier
outside corpora did not try. CSR signer approval aggregated into admin; ``serviceaccounts/token`` aggregated into
view; ValidatingAdmissionPolicy writes aggregated into edit; a Role that patches the tenant's own Namespace; a
Prometheus scrape peer with an empty namespaceSelector; a default deny split into ``In``/``NotIn`` halves; a
tenant webhook on Nodes (cluster-scoped) against one on Namespaces (the documented exception); ``.npmrc`` and
``.git-credentials`` in ConfigMaps; an Argo CD controller account bound in a tenant namespace; a quota scoped to
``Terminating`` pods. Beside them the everyday objects a correct pack must let through: NodeLocal DNSCache,
leader-election Leases, an IRSA ServiceAccountPatch, Argo Workflows' aggregated edit rights. Providers and
patches: a GDPR tenant on EKS in Tel Aviv vs Spain, a ch tenant on an existing cluster in Liechtenstein, a uk
tenant on GKE in Belgium vs London, a dedicated claim on a cluster another tenant reaches through a second
provider of the same cluster component, a vcluster init container with an unmasked /proc. Then values unknown
at preview and malformed shapes.

Written from Kubernetes, Pulumi, cloud and vendor documentation and the pack's user-facing contract
(docs/RULES.md, docs/SPEC.md, README.md, what fleet/tenancy renders), by a helper that did not read the pack's
rules, its configs, its tests or the tuned corpus's cases. Each case only says whether a correct pack reports
some mandatory violation (``expect="DENY"``) or none; a comment above it says why, and it cites the page the
outcome rests on. The stacks are built with the helpers of the twelve earlier outside corpora.

``UNKNOWN`` stands for a value the engine only learns at the update. Where the decision does not need it a
correct pack decides as if it were known; where it does, the pack defers (advisory FLEET-PRE-001), which is no
mandatory violation.
"""

from __future__ import annotations

import copy
from typing import Any

from tests.policies.corpus import UNKNOWN, Stack, secret
from tests.policies.outside.corpus import (
    cluster,
    cluster_role,
    cluster_role_binding,
    group,
    ingress,
    role,
    role_binding,
    service_account,
    tenant,
)
from tests.policies.outside2.corpus import ADMIN_AGG, CLAIM, DEDICATED, EDIT_AGG, VIEW_AGG, Obj, iso, labelled
from tests.policies.outside3.kube import add, on_vcluster, policy, program_values, quota, release
from tests.policies.outside5.kube import expr, webhook
from tests.policies.outside6.kube import app_sa, configmap, deployment
from tests.policies.outside9.kube import tenant_on_existing
from tests.policies.outside10.kube import on_eks, on_gke, regime_tenant
from tests.policies.outside13.common import Build, case

ISOLATION = "tenant-isolation"
PROVIDERS = "k8s-providers-and-patches"
PREVIEW = "unknown-at-preview"
MALFORMED = "malformed"

NAME = "kubernetes.io/metadata.name"
BOTH = ["Ingress", "Egress"]
EDIT = ("ClusterRole", "edit")

DOC = {
    # RBAC
    "csr-authz": "https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#authorization",
    "aggregation": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#aggregated-clusterroles",
    "token-request": "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#token-request",
    "ns-modification": "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#namespace-modification",
    "vap": "https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/",
    "subjects": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-subjects",
    "discovery-roles": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#discovery-roles",
    "argo-workflows": "https://argo-workflows.readthedocs.io/en/latest/workflow-rbac/",
    "lease": "https://kubernetes.io/docs/concepts/architecture/leases/",
    "rb-api": "https://kubernetes.io/docs/reference/kubernetes-api/authorization-resources/role-binding-v1/",
    "cr-api": "https://kubernetes.io/docs/reference/kubernetes-api/authorization-resources/cluster-role-v1/",
    # network, admission, quotas, namespaces
    "netpol": "https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors",
    "netpol-api": "https://kubernetes.io/docs/reference/kubernetes-api/networking-resources/network-policy-v1/",
    "set-based": "https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#set-based-requirement",
    "webhook-ns": (
        "https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/"
        "#matching-requests-namespaceselector"
    ),
    "webhook-rules": (
        "https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/"
        "#matching-requests-rules"
    ),
    "mwc-api": "https://kubernetes.io/docs/reference/kubernetes-api/extend-resources/mutating-webhook-configuration-v1/",
    "vwc-api": (
        "https://kubernetes.io/docs/reference/kubernetes-api/extend-resources/validating-webhook-configuration-v1/"
    ),
    "quota-scopes": "https://kubernetes.io/docs/concepts/policy/resource-quotas/#quota-scopes",
    "quota-api": "https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/resource-quota-v1/",
    "namespace-api": "https://kubernetes.io/docs/reference/kubernetes-api/cluster-resources/namespace-v1/",
    "nodelocaldns": "https://kubernetes.io/docs/tasks/administer-cluster/nodelocaldns/",
    "pss": "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
    # credentials
    "npmrc": "https://docs.npmjs.com/cli/v10/configuring-npm/npmrc#auth-related-configuration",
    "git-credential-store": "https://git-scm.com/docs/git-credential-store#_storage_format",
    "gitcredentials": "https://git-scm.com/docs/gitcredentials",
    # placement, providers, patches
    "aws-regions": "https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html",
    "gcp-regions": "https://cloud.google.com/compute/docs/regions-zones",
    "eea": "https://eur-lex.europa.eu/EN/legal-content/glossary/european-economic-area-eea.html",
    "multi-tenancy": "https://kubernetes.io/docs/concepts/security/multi-tenancy/#control-plane-isolation",
    "sa-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/core/v1/serviceaccountpatch/",
    "irsa": "https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html",
    "unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
}


# ------------------------------------------------------------------------------------ helpers

# The CSR approval rights the Kubernetes documentation gives an approver of one signer.
SIGNER_APPROVER = [
    {
        "apiGroups": ["certificates.k8s.io"],
        "resources": ["certificatesigningrequests"],
        "verbs": ["get", "list", "watch"],
    },
    {"apiGroups": ["certificates.k8s.io"], "resources": ["certificatesigningrequests/approval"], "verbs": ["update"]},
    {
        "apiGroups": ["certificates.k8s.io"],
        "resources": ["signers"],
        "resourceNames": ["kubernetes.io/kube-apiserver-client"],
        "verbs": ["approve"],
    },
]
TOKEN_CREATE = [{"apiGroups": [""], "resources": ["serviceaccounts/token"], "verbs": ["create"]}]
SA_READ = [{"apiGroups": [""], "resources": ["serviceaccounts"], "verbs": ["get", "list", "watch"]}]
WRITE = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]
VAP_WRITE = [
    {
        "apiGroups": ["admissionregistration.k8s.io"],
        "resources": ["validatingadmissionpolicies", "validatingadmissionpolicybindings"],
        "verbs": WRITE,
    }
]
# Argo Workflows' argo-aggregate-to-edit role, its namespaced resources.
ARGO_EDIT = [
    {
        "apiGroups": ["argoproj.io"],
        "resources": [
            "workflows",
            "workflows/finalizers",
            "workfloweventbindings",
            "workfloweventbindings/finalizers",
            "workflowtemplates",
            "workflowtemplates/finalizers",
            "cronworkflows",
            "cronworkflows/finalizers",
        ],
        "verbs": WRITE,
    }
]
LEASES = [
    {
        "apiGroups": ["coordination.k8s.io"],
        "resources": ["leases"],
        "verbs": ["get", "list", "watch", "create", "update", "patch"],
    }
]
PROMETHEUS_PODS = {"podSelector": {"matchLabels": {"app.kubernetes.io/name": "prometheus"}}}
ANY_NS_PROMETHEUS = {"namespaceSelector": {}, **PROMETHEUS_PODS}
MONITORING_PROMETHEUS = {"namespaceSelector": {"matchLabels": {NAME: "monitoring"}}, **PROMETHEUS_PODS}
OWN_SELECTOR = {"matchLabels": {NAME: "acme"}}
ACME_SERVICE = {"service": {"namespace": "acme", "name": "acme-hooks", "path": "/validate", "port": 443}}

NPMRC_TOKEN = (
    "@acme:registry=https://npm.pkg.github.com\n"
    "//npm.pkg.github.com/:_authToken=ghp_R8sXk2vLq9TzWm4YbN7cPd3FhJ6aUe1GoQ5s\n"
)
NPMRC_PLAIN = "@acme:registry=https://npm.pkg.github.com\nfund=false\naudit=false\n"
GIT_CREDENTIALS = "https://x-access-token:ghs_9fK3mQ7vL2xR8tW4yB6nC1pD5hJ0aZ3eU7sG@github.com\n"
GITCONFIG = (
    '[credential "https://github.com"]\n'
    "\thelper = cache --timeout=3600\n"
    '[url "https://github.com/"]\n'
    "\tinsteadOf = git@github.com:\n"
)


def metrics_policy(peer: dict[str, Any], port: Any = 9090) -> Obj:
    """Ingress to the tenant's pods' metrics port from ``peer``."""
    return policy(ingress(peer, ports=[{"protocol": "TCP", "port": port}]), name="allow-scrape")


def split_deny(second: dict[str, Any]) -> Build:
    """acme's default deny written as two policies: ``app In [web]`` (the tenant helper's) and ``second``."""
    first = {"podSelector": {"matchExpressions": [expr("app", "In", "web")]}, "policyTypes": BOTH}
    return iso(policy({"podSelector": second, "policyTypes": BOTH}, name="default-deny-rest"), deny=first)


def tenant_webhook(
    resource: str, selector: Any = OWN_SELECTOR, client: dict[str, Any] | None = None, **rule: Any
) -> Obj:
    """A validating webhook served from acme's namespace on UPDATE of ``resource`` (core/v1)."""
    rules = [{"operations": ["UPDATE"], "apiGroups": [""], "apiVersions": ["v1"], "resources": [resource], **rule}]
    return webhook(client or ACME_SERVICE, selector, rules, kind="Validating", name=f"acme-{resource}")


def lease_app(image: Any = "registry.example.com/acme/shop:1.4.2") -> list[Obj]:
    """acme's app with its own service account and the Role for leader election through Leases."""
    return [
        app_sa(),
        deployment(image=image),
        role("leader-election", LEASES),
        role_binding(("Role", "leader-election"), service_account("acme", "shop"), name="leader-election"),
    ]


def node_local_dns() -> list[Obj]:
    """NodeLocal DNSCache as the Kubernetes task page deploys it, in kube-system (no tenant's namespace)."""
    labels = {"k8s-app": "node-local-dns"}
    corefile = "cluster.local:53 {\n    errors\n    cache 30\n    forward . __PILLAR__CLUSTER__DNS__\n}\n"
    return [
        add(
            "kubernetes:core/v1:ServiceAccount",
            "node-local-dns-sa",
            metadata={"name": "node-local-dns", "namespace": "kube-system"},
        ),
        add(
            "kubernetes:core/v1:Service",
            "kube-dns-upstream-svc",
            metadata={"name": "kube-dns-upstream", "namespace": "kube-system"},
            spec={
                "selector": {"k8s-app": "kube-dns"},
                "ports": [
                    {"name": "dns", "port": 53, "protocol": "UDP", "targetPort": 53},
                    {"name": "dns-tcp", "port": 53, "protocol": "TCP", "targetPort": 53},
                ],
            },
        ),
        add(
            "kubernetes:core/v1:ConfigMap",
            "node-local-dns-cm",
            metadata={"name": "node-local-dns", "namespace": "kube-system"},
            data={"Corefile": corefile},
        ),
        add(
            "kubernetes:apps/v1:DaemonSet",
            "node-local-dns-ds",
            metadata={"name": "node-local-dns", "namespace": "kube-system", "labels": labels},
            spec={
                "selector": {"matchLabels": labels},
                "updateStrategy": {"rollingUpdate": {"maxUnavailable": "10%"}},
                "template": {
                    "metadata": {"labels": labels},
                    "spec": {
                        "priorityClassName": "system-node-critical",
                        "serviceAccountName": "node-local-dns",
                        "hostNetwork": True,
                        "dnsPolicy": "Default",
                        "tolerations": [{"key": "CriticalAddonsOnly", "operator": "Exists"}],
                        "containers": [
                            {
                                "name": "node-cache",
                                "image": "registry.k8s.io/dns/k8s-dns-node-cache:1.23.1",
                                "args": ["-localip", "169.254.20.10", "-conf", "/etc/Corefile"],
                                "securityContext": {"capabilities": {"add": ["NET_ADMIN"]}},
                                "resources": {"requests": {"cpu": "25m", "memory": "5Mi"}},
                                "volumeMounts": [{"name": "config-volume", "mountPath": "/etc/coredns"}],
                            }
                        ],
                        "volumes": [
                            {
                                "name": "config-volume",
                                "configMap": {
                                    "name": "node-local-dns",
                                    "items": [{"key": "Corefile", "path": "Corefile.base"}],
                                },
                            }
                        ],
                    },
                },
            },
        ),
    ]


def neighbour_through(second_provider: bool) -> Obj:
    """globex, fully guarded: on eu1 through a second Kubernetes provider of eu1's own cluster component (the same
    cluster), or on another fleet cluster (eu2, Frankfurt) through that cluster's provider."""

    def make(s: Stack, _: str) -> None:
        if second_provider:
            component = s.urn("fleet:clusters:EksCluster", "eu1")
            other = s.provider(
                "kubernetes", "eu1-k8s-apps", parent=component, kubeconfig=secret('{"apiVersion": "v1"}')
            )
        else:
            _, other = cluster(s, "eu2", "gcp", "europe-west3")
        tenant(s, other, "globex")

    return make


def vcluster_values(path: tuple[str, ...], **settings: Any) -> Obj:
    """The program's vcluster release with ``settings`` added to the securityContext at ``path``."""
    values = copy.deepcopy(program_values())
    context = values
    for key in path:
        context = context[key]
    context.update(settings)
    return release(values)


INIT = ("controlPlane", "distro", "k8s", "securityContext")
SYNCER = ("controlPlane", "statefulSet", "security", "containerSecurityContext")


def irsa_patch(role_arn: Any) -> Obj:
    """A ServiceAccountPatch (server-side apply) that annotates acme's app account with its IAM role (IRSA)."""
    return add(
        "kubernetes:core/v1:ServiceAccountPatch",
        "acme-shop-sa-patch",
        metadata={"name": "shop", "namespace": "acme", "annotations": {"eks.amazonaws.com/role-arn": role_arn}},
    )


def residency_label(value: Any) -> Obj:
    """Set acme's Namespace label fleet-residency to ``value`` (as written, whatever its shape)."""

    def make(s: Stack, _: str) -> None:
        namespace = next(r for r in s.resources if r.urn == s.urn("kubernetes:core/v1:Namespace", "acme-ns"))
        meta = namespace.inputs["metadata"]
        namespace.inputs = {
            **namespace.inputs,
            "metadata": {**meta, "labels": {**meta["labels"], "fleet-residency": value}},
        }

    return make


def health_probe(urls: Any) -> list[Obj]:
    """A ClusterRole the stack defines for health URLs, bound to every authenticated user (as system:public-info-viewer
    is)."""
    return [
        cluster_role("health-probe", [{"nonResourceURLs": urls, "verbs": ["get"]}]),
        cluster_role_binding("health-probe", group("system:authenticated"), name="health-probe"),
    ]


def priority_quota(values: Any) -> Obj:
    """An extra quota (beside the tenant's full one) on pods of the high PriorityClass."""
    selector = {"matchExpressions": [{"scopeName": "PriorityClass", "operator": "In", "values": values}]}
    return quota("high-priority", {"pods": "5"}, scopeSelector=selector)


# ============================================================================ tenant isolation

# Violates: approving CSRs for the kube-apiserver-client signer mints client certificates for any user or group
# (system:masters included); aggregated into admin, every tenant admin holds it.
case("kube13-agg-admin-approve-signer", ISOLATION, "DENY", DOC["csr-authz"])(
    iso(cluster_role("csr-approver", SIGNER_APPROVER, ADMIN_AGG), neighbour=True)
)
# Complies: the same approver role, not aggregated, bound cluster-wide to cert-manager's approver-policy account
# (a platform namespace, no tenant's).
case("kube13-signer-approver-platform", ISOLATION, cite=DOC["csr-authz"])(
    iso(
        cluster_role("csr-approver", SIGNER_APPROVER),
        cluster_role_binding(
            "csr-approver", service_account("cert-manager", "cert-manager-approver-policy"), name="csr-approver"
        ),
        neighbour=True,
    )
)
# Violates: creating serviceaccounts/token (a TokenRequest for any account of the namespace) is a write that
# lets a viewer act as the namespace's most powerful account; view must stay read-only.
case("kube13-agg-view-token-request", ISOLATION, "DENY", DOC["token-request"])(
    iso(cluster_role("token-minter-view", TOKEN_CREATE, VIEW_AGG))
)
# Complies: reading ServiceAccounts, which view already grants, aggregated into view.
case("kube13-agg-view-serviceaccount-read", ISOLATION, cite=DOC["aggregation"])(
    iso(cluster_role("sa-reader-view", SA_READ, VIEW_AGG))
)
# Violates: writing ValidatingAdmissionPolicies and their bindings, aggregated into edit: every tenant editor can
# unbind the cluster's fleet-tenant-guardrails policy.
case("kube13-agg-edit-admission-policies", ISOLATION, "DENY", DOC["vap"])(
    iso(cluster_role("vap-editor", VAP_WRITE, EDIT_AGG), neighbour=True)
)
# Complies: Argo Workflows' aggregate-to-edit rights: writes to its own namespaced custom resources.
case("kube13-agg-edit-argo-workflows", ISOLATION, cite=DOC["argo-workflows"])(
    iso(cluster_role("argo-aggregate-to-edit", ARGO_EDIT, EDIT_AGG), neighbour=True)
)
# Violates: a Role in acme that patches the Namespace acme itself: its developers can relabel it (Pod Security,
# the tenant label the admission guard selects on).
case("kube13-role-patch-own-namespace", ISOLATION, "DENY", DOC["ns-modification"])(
    iso(
        role(
            "ns-labeler",
            [{"apiGroups": [""], "resources": ["namespaces"], "resourceNames": ["acme"], "verbs": ["get", "patch"]}],
        ),
        role_binding(("Role", "ns-labeler"), group("acme-devs"), name="ns-labeler"),
    )
)
# Complies: the same Role reads the Namespace only.
case("kube13-role-read-own-namespace", ISOLATION, cite=DOC["ns-modification"])(
    iso(
        role(
            "ns-labeler",
            [{"apiGroups": [""], "resources": ["namespaces"], "resourceNames": ["acme"], "verbs": ["get"]}],
        ),
        role_binding(("Role", "ns-labeler"), group("acme-devs"), name="ns-labeler"),
    )
)
# Violates: a scrape peer with an empty namespaceSelector and a pod label: any pod of any namespace labelled
# app.kubernetes.io/name=prometheus (a neighbour labels its own pods) reaches acme.
case("kube13-np-scrape-any-namespace", ISOLATION, "DENY", DOC["netpol"])(
    iso(metrics_policy(ANY_NS_PROMETHEUS), neighbour=True)
)
# Complies: the Prometheus pods of the monitoring namespace only (namespaceSelector AND podSelector).
case("kube13-np-scrape-monitoring", ISOLATION, cite=DOC["netpol"])(
    iso(metrics_policy(MONITORING_PROMETHEUS), neighbour=True)
)
# Violates: the default deny is split into "app In [web]" and "app NotIn [web, worker]": pods labelled
# app=worker are selected by neither and stay open.
case("kube13-deny-split-in-notin-gap", ISOLATION, "DENY", DOC["set-based"])(
    split_deny({"matchExpressions": [expr("app", "NotIn", "web", "worker")]})
)
# Complies: "app In [web]" and "app NotIn [web]" (which also matches pods without the label) select every pod.
case("kube13-deny-split-in-notin-complement", ISOLATION, cite=DOC["set-based"])(
    split_deny({"matchExpressions": [expr("app", "NotIn", "web")]})
)
# Violates: a webhook served from acme on Nodes with a namespaceSelector for acme: Nodes are cluster-scoped and
# not Namespaces, so the selector has no effect and every node update goes to the tenant.
case("kube13-webhook-nodes-own-selector", ISOLATION, "DENY", DOC["webhook-ns"])(
    iso(tenant_webhook("nodes"), neighbour=True)
)
# Complies: the same webhook on Namespaces: for a Namespace the selector is matched against the Namespace's own
# labels, so it sees acme's Namespace only.
case("kube13-webhook-namespaces-own-selector", ISOLATION, cite=DOC["webhook-ns"])(
    iso(tenant_webhook("namespaces"), neighbour=True)
)
# Violates: an .npmrc with an _authToken (a GitHub token for the package registry) in a ConfigMap.
case("kube13-configmap-npmrc-auth-token", ISOLATION, "DENY", DOC["npmrc"])(
    iso(configmap({".npmrc": NPMRC_TOKEN}, name="npm-config"))
)
# Complies: the .npmrc that names the scope's registry only.
case("kube13-configmap-npmrc-registry", ISOLATION, cite=DOC["npmrc"])(
    iso(configmap({".npmrc": NPMRC_PLAIN}, name="npm-config"))
)
# Violates: git's credential store file (https://user:token@host per line) in a ConfigMap.
case("kube13-configmap-git-credentials", ISOLATION, "DENY", DOC["git-credential-store"])(
    iso(configmap({".git-credentials": GIT_CREDENTIALS}, name="git-config"))
)
# Complies: a .gitconfig that names a credential helper and a URL rewrite: no credential.
case("kube13-configmap-gitconfig-helper", ISOLATION, cite=DOC["gitcredentials"])(
    iso(configmap({".gitconfig": GITCONFIG}, name="git-config"))
)
# Violates: Argo CD's application controller (namespace argocd, neither kube-system nor fleet-system) bound to
# edit in acme: a service account of another namespace.
case("kube13-rb-argocd-controller", ISOLATION, "DENY", DOC["subjects"])(
    iso(role_binding(EDIT, service_account("argocd", "argocd-application-controller"), name="argocd-manager"))
)
# Complies: the same controller account in fleet-system, the fleet's own platform namespace.
case("kube13-rb-fleet-system-controller", ISOLATION, cite=DOC["subjects"])(
    iso(role_binding(EDIT, service_account("fleet-system", "argocd-application-controller"), name="argocd-manager"))
)
# Violates: the tenant's only quota is scoped to Terminating pods (activeDeadlineSeconds set): long-running pods
# are not bounded at all.
case("kube13-quota-terminating-scope", ISOLATION, "DENY", DOC["quota-scopes"])(
    iso(quota_extra={"scopes": ["Terminating"]})
)
# Complies: the tenant's full quota, and beside it a quota of five pods of the high PriorityClass.
case("kube13-quota-extra-priority-class", ISOLATION, cite=DOC["quota-scopes"])(iso(priority_quota(["high"])))
# Complies: NodeLocal DNSCache in kube-system (host network, NET_ADMIN), as the Kubernetes task deploys it.
case("kube13-nodelocal-dns-cache", ISOLATION, cite=DOC["nodelocaldns"])(iso(*node_local_dns(), neighbour=True))
# Complies: acme's app with a Role for leader election (Leases) bound to its own service account.
case("kube13-lease-leader-election", ISOLATION, cite=DOC["lease"])(iso(*lease_app()))


# ============================================================================ providers and patches

# Violates: a GDPR tenant on EKS in il-central-1 (Tel Aviv): Israel is not in the EEA.
case("kube13-gdpr-eks-tel-aviv", PROVIDERS, "DENY", DOC["aws-regions"])(
    regime_tenant(on_eks("il-central-1", "IL"), "gdpr")
)
# Complies: the GDPR tenant on EKS in eu-south-2 (Spain).
case("kube13-gdpr-eks-spain", PROVIDERS, cite=DOC["aws-regions"])(regime_tenant(on_eks("eu-south-2", "ES"), "gdpr"))
# Violates: a Switzerland-only (ch) tenant on an existing cluster declared in Liechtenstein.
case("kube13-ch-existing-liechtenstein", PROVIDERS, "DENY", DOC["eea"])(
    tenant_on_existing("LI", "ch", site="vaduz-dc1")
)
# Complies: a GDPR tenant on that cluster: Liechtenstein is an EEA state.
case("kube13-gdpr-existing-liechtenstein", PROVIDERS, cite=DOC["eea"])(
    tenant_on_existing("LI", "gdpr", site="vaduz-dc1")
)
# Violates: a uk tenant on GKE in europe-west1 (Belgium).
case("kube13-uk-gke-belgium", PROVIDERS, "DENY", DOC["gcp-regions"])(regime_tenant(on_gke("europe-west1", "BE"), "uk"))
# Complies: the uk tenant on GKE in europe-west2 (London).
case("kube13-uk-gke-london", PROVIDERS, cite=DOC["gcp-regions"])(regime_tenant(on_gke("europe-west2", "GB"), "uk"))
# Violates: acme's dedicated claim (isolation cluster, its admins cluster-admin) on eu1, while globex's namespace
# is deployed on eu1 too, through a second Kubernetes provider of eu1's cluster component.
case("kube13-dedicated-neighbour-second-provider", PROVIDERS, "DENY", DOC["multi-tenancy"])(
    iso(labelled(DEDICATED, CLAIM), neighbour_through(True), isolation="cluster")
)
# Complies: globex is on another fleet cluster (eu2); acme is alone on eu1.
case("kube13-dedicated-neighbour-other-cluster", PROVIDERS, cite=DOC["multi-tenancy"])(
    iso(labelled(DEDICATED, CLAIM), neighbour_through(False), isolation="cluster")
)
# Violates: the vcluster's kubernetes init container asks for procMount Unmasked, which baseline (and so
# restricted) refuses: the host namespace will not admit the control plane.
case("kube13-vcluster-init-proc-unmasked", PROVIDERS, "DENY", DOC["pss"])(
    on_vcluster(vcluster_values(INIT, procMount="Unmasked"))
)
# Complies: the program's release with a read-only root filesystem for the syncer, which restricted allows.
case("kube13-vcluster-syncer-readonly-root", PROVIDERS, cite=DOC["pss"])(
    on_vcluster(vcluster_values(SYNCER, readOnlyRootFilesystem=True))
)
# Complies: a ServiceAccountPatch (server-side apply) annotates acme's app account with its IAM role (IRSA).
case("kube13-sa-patch-irsa", PROVIDERS, cite=DOC["sa-patch"])(
    iso(app_sa(), irsa_patch("arn:aws:iam::111111111111:role/acme-shop"))
)


# ============================================================================ unknown at preview

# Violates: the scrape policy's peer is every namespace; only the port (from a config output) is unknown.
case("kube13-unknown-port-scrape-any-namespace", PREVIEW, "DENY", DOC["netpol"])(
    iso(metrics_policy(ANY_NS_PROMETHEUS, port=UNKNOWN), neighbour=True)
)
# Complies: the monitoring namespace's Prometheus; only the port is unknown.
case("kube13-unknown-port-scrape-monitoring", PREVIEW, cite=DOC["netpol"])(
    iso(metrics_policy(MONITORING_PROMETHEUS, port=UNKNOWN), neighbour=True)
)
# Violates: the credential store is in the ConfigMap; only another key's value is unknown.
case("kube13-unknown-git-credentials", PREVIEW, "DENY", DOC["git-credential-store"])(
    iso(configmap({".git-credentials": GIT_CREDENTIALS, "GIT_AUTHOR_EMAIL": UNKNOWN}, name="git-config"))
)
# Complies: the .gitconfig without credentials; the other key's value is unknown.
case("kube13-unknown-gitconfig", PREVIEW, cite=DOC["gitcredentials"])(
    iso(configmap({".gitconfig": GITCONFIG, "GIT_AUTHOR_EMAIL": UNKNOWN}, name="git-config"))
)
# Violates: the signer approver aggregated into admin; only its version label is unknown.
case("kube13-unknown-label-agg-approve-signer", PREVIEW, "DENY", DOC["csr-authz"])(
    iso(
        cluster_role("csr-approver", SIGNER_APPROVER, {**ADMIN_AGG, "app.kubernetes.io/version": UNKNOWN}),
        neighbour=True,
    )
)
# Complies: the leader-election app whose image (an ECR repository URL output) is unknown.
case("kube13-unknown-image-lease-app", PREVIEW, cite=DOC["unknowns"])(iso(*lease_app(image=f"{UNKNOWN}:1.4.2")))
# Complies: the GDPR tenant on a new EKS cluster in Spain, whose kubeconfig (a secret) is unknown at preview.
case("kube13-unknown-kubeconfig-eks-spain", PREVIEW, cite=DOC["unknowns"])(
    regime_tenant(on_eks("eu-south-2", "ES", kubeconfig=UNKNOWN), "gdpr")
)
# Complies: the Namespaces webhook of acme; only its caBundle (injected from a certificate output) is unknown.
case("kube13-unknown-cabundle-namespaces-webhook", PREVIEW, cite=DOC["webhook-ns"])(
    iso(tenant_webhook("namespaces", client={**ACME_SERVICE, "caBundle": UNKNOWN}), neighbour=True)
)
# Complies: the IRSA ServiceAccountPatch whose role ARN (an IAM role output) is unknown.
case("kube13-unknown-irsa-role-arn", PREVIEW, cite=DOC["irsa"])(iso(app_sa(), irsa_patch(UNKNOWN)))


# ============================================================================ malformed shapes

# Violates (cannot evaluate): a NetworkPolicy peer's namespaceSelector written as a selector string
# ("fleet-tenant=acme"); a LabelSelector is an object (depth 5: spec.ingress[0].from[0].namespaceSelector).
case("kube13-bad-np-peer-selector-string", MALFORMED, "DENY", DOC["netpol-api"])(
    iso(policy(ingress({"namespaceSelector": "fleet-tenant=acme"})))
)
# Complies: the same peer as a LabelSelector object.
case("kube13-np-peer-selector-object", MALFORMED, cite=DOC["netpol-api"])(
    iso(policy(ingress({"namespaceSelector": {"matchLabels": {"fleet-tenant": "acme"}}})))
)
# Violates (cannot evaluate): ipBlock.cidr given as a list (depth 6); cidr is one string.
case("kube13-bad-np-ipblock-cidr-list", MALFORMED, "DENY", DOC["netpol-api"])(
    iso(policy(ingress({"ipBlock": {"cidr": ["203.0.113.0/24"]}})))
)
# Violates (cannot evaluate): a mutating webhook's namespaceSelector as a selector string (depth 3).
case("kube13-bad-webhook-selector-string", MALFORMED, "DENY", DOC["mwc-api"])(
    iso(webhook(ACME_SERVICE, f"{NAME}=acme", None, kind="Mutating", name="acme-pods"), neighbour=True)
)
# Violates (cannot evaluate): a validating webhook rule's scope as a list (depth 4); scope is one string.
case("kube13-bad-webhook-scope-list", MALFORMED, "DENY", DOC["vwc-api"])(
    iso(tenant_webhook("pods", scope=["Namespaced"]), neighbour=True)
)
# Complies: the same rule with scope "Namespaced", served from acme for acme's namespace only.
case("kube13-webhook-scope-namespaced", MALFORMED, cite=DOC["webhook-rules"])(
    iso(tenant_webhook("pods", scope="Namespaced"), neighbour=True)
)
# Violates (cannot evaluate): a RoleBinding subject's namespace as an object (depth 3): whose account it is
# decides FLEET-TEN-009.
case("kube13-bad-rb-subject-namespace-map", MALFORMED, "DENY", DOC["rb-api"])(
    iso(role_binding(EDIT, {"kind": "ServiceAccount", "namespace": {"name": "acme"}, "name": "shop"}, name="shop-edit"))
)
# Violates (cannot evaluate): nonResourceURLs as a string (depth 3) in a role bound to every authenticated user.
case("kube13-bad-cr-non-resource-urls-string", MALFORMED, "DENY", DOC["cr-api"])(iso(*health_probe("/healthz")))
# Complies: the same role with a list of health URLs: public information, as system:public-info-viewer grants.
case("kube13-cr-health-urls-authenticated", MALFORMED, cite=DOC["discovery-roles"])(
    iso(*health_probe(["/healthz", "/readyz"]))
)
# Violates (cannot evaluate): the tenant Namespace's fleet-residency label as a list (depth 3); label values
# are strings.
case("kube13-bad-namespace-residency-list", MALFORMED, "DENY", DOC["namespace-api"])(iso(residency_label(["gdpr"])))
# Violates (cannot evaluate): a quota's scopeSelector values as a string (depth 5).
case("kube13-bad-quota-scope-values-string", MALFORMED, "DENY", DOC["quota-api"])(iso(priority_quota("high")))
# Violates (cannot evaluate): an aggregated ClusterRole's selector values as a string (depth 5): which roles it
# gathers into view decides FLEET-TEN-010.
case("kube13-bad-aggregation-values-string", MALFORMED, "DENY", DOC["cr-api"])(
    iso(
        add(
            "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole",
            "monitoring-view-cr",
            metadata={"name": "monitoring-view", "labels": VIEW_AGG},
            aggregationRule={
                "clusterRoleSelectors": [
                    {
                        "matchExpressions": [
                            {"key": "example.com/aggregate-to-monitoring", "operator": "In", "values": "true"}
                        ]
                    }
                ]
            },
            rules=[],
        )
    )
)
