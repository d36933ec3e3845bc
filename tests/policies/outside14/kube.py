"""Kubernetes isolation cases of the fourteenth outside corpus: kinds, fields and situations the thirteen earlier
outside corpora did not try. MutatingAdmissionPolicies aggregated into admin; ClusterTrustBundle writes aggregated
into edit; ResourceClaim status writes aggregated into view; a RoleBinding to the built-in
``system:aggregate-to-edit``; a LimitRange with only ``min`` against one with ``min`` and ``default``;
``.netrc``, ``.pgpass``, ``redis.conf`` and ``.pypirc`` credentials in ConfigMaps; Grafana's
admin password in kube-prometheus-stack values; tenant webhooks on ClusterTrustBundles, ResourceClaims and
``pods/ephemeralcontainers``; a service-account subject without a namespace; egress to the NodeLocal DNSCache
link-local address. Providers and patches: GDPR on an existing cluster in the Faroe Islands vs Denmark, uk in Jersey
vs Great Britain, us vs ca on EKS in Calgary, a dedicated claim beside a NamespacePatch that makes a neighbour
tenant, a MutatingWebhookConfigurationPatch that moves a tenant webhook onto Nodes, a vcluster hostPath volume, a
ResourceQuotaPatch that narrows the quota to one PriorityClass. Then values unknown at preview and malformed shapes.

Written from Kubernetes, Pulumi, cloud and vendor documentation and the pack's user-facing contract
(docs/RULES.md, docs/SPEC.md, README.md, what fleet/tenancy renders), by a helper that did not read the pack's
rules, its configs, its tests or the tuned corpus's cases. Each case only says whether a correct pack reports
some mandatory violation (``expect="DENY"``) or none; a comment above it says why, and it cites the page the
outcome rests on. The stacks are built with the helpers of the thirteen earlier outside corpora.

``UNKNOWN`` stands for a value the engine only learns at the update. Where the decision does not need it a
correct pack decides as if it were known; where it does, the pack defers (advisory FLEET-PRE-001), which is no
mandatory violation.
"""

from __future__ import annotations

import copy
from typing import Any

from tests.policies.corpus import UNKNOWN, Stack
from tests.policies.outside.corpus import (
    cluster_role,
    cluster_role_binding,
    egress,
    group,
    put,
    role_binding,
    service_account,
    tenant,
)
from tests.policies.outside2.corpus import ADMIN_AGG, CLAIM, DEDICATED, EDIT_AGG, VIEW_AGG, Obj, iso, labelled
from tests.policies.outside3.kube import RELEASE, add, on_vcluster, patch, policy, program_values, quota, release
from tests.policies.outside5.kube import webhook
from tests.policies.outside6.kube import APP, IMAGE, app_sa, configmap, pod_template
from tests.policies.outside9.kube import existing_at, tenant_on_existing
from tests.policies.outside10.kube import on_eks, regime_tenant
from tests.policies.outside14.common import Build, case

ISOLATION = "tenant-isolation"
PROVIDERS = "k8s-providers-and-patches"
PREVIEW = "unknown-at-preview"
MALFORMED = "malformed"

NAME = "kubernetes.io/metadata.name"
EDIT = ("ClusterRole", "edit")

DOC = {
    # RBAC
    "aggregation": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#aggregated-clusterroles",
    "user-facing": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles",
    "core-roles": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#core-component-roles",
    "subjects": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-subjects",
    "rb-api": "https://kubernetes.io/docs/reference/kubernetes-api/authorization-resources/role-binding-v1/",
    "map": "https://kubernetes.io/docs/reference/access-authn-authz/mutating-admission-policy/",
    "ctb": "https://kubernetes.io/docs/reference/kubernetes-api/authentication-resources/cluster-trust-bundle-v1beta1/",
    "dra": "https://kubernetes.io/docs/concepts/scheduling-eviction/dynamic-resource-allocation/",
    "ephemeral": "https://kubernetes.io/docs/concepts/workloads/pods/ephemeral-containers/",
    "autonaming": "https://www.pulumi.com/docs/iac/concepts/resources/names/#autonaming",
    # admission
    "webhook-ns": (
        "https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/"
        "#matching-requests-namespaceselector"
    ),
    "webhook-rules": (
        "https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/"
        "#matching-requests-rules"
    ),
    "mwc-api": "https://kubernetes.io/docs/reference/kubernetes-api/extend-resources/mutating-webhook-configuration-v1/",
    "mwc-patch": (
        "https://www.pulumi.com/registry/packages/kubernetes/api-docs/admissionregistration/v1/"
        "mutatingwebhookconfigurationpatch/"
    ),
    # quotas, limits, network
    "limitrange": "https://kubernetes.io/docs/concepts/policy/limit-range/",
    "limitrange-api": "https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/limit-range-v1/",
    "quota-scopes": "https://kubernetes.io/docs/concepts/policy/resource-quotas/#resource-quota-per-priorityclass",
    "quota-api": "https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/resource-quota-v1/",
    "quota-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/core/v1/resourcequotapatch/",
    "nodelocaldns": "https://kubernetes.io/docs/tasks/administer-cluster/nodelocaldns/",
    "netpol": "https://kubernetes.io/docs/concepts/services-networking/network-policies/",
    "external-ips": "https://kubernetes.io/docs/concepts/services-networking/service/#external-ips",
    "service-api": "https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/",
    "container-api": "https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#environment-variables",
    "env-secret": "https://kubernetes.io/docs/tasks/inject-data-application/distribute-credentials-secure/",
    "pss": "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
    "vcluster-sts": "https://vcluster.com/docs/vcluster/configure/vcluster-yaml/control-plane/deployment/statefulset",
    # credentials
    "netrc": "https://www.gnu.org/software/inetutils/manual/html_node/The-_002enetrc-file.html",
    "pgpass": "https://www.postgresql.org/docs/current/libpq-pgpass.html",
    "pg-service": "https://www.postgresql.org/docs/current/libpq-pgservice.html",
    "redis-auth": "https://redis.io/docs/latest/operate/oss_and_stack/management/security/",
    "redis-conf": "https://redis.io/docs/latest/operate/oss_and_stack/management/config/",
    "pypirc": "https://packaging.python.org/en/latest/specifications/pypirc/",
    "grafana-chart": "https://github.com/grafana/helm-charts/blob/main/charts/grafana/README.md",
    "grafana-secret": "https://github.com/grafana/helm-charts/blob/main/charts/grafana/templates/secret.yaml",
    # placement
    "eea": "https://eur-lex.europa.eu/EN/legal-content/glossary/european-economic-area-eea.html",
    "faroe": (
        "https://www.government.fo/en/foreign-relations/missions-of-the-faroe-islands-abroad/"
        "the-mission-of-the-faroes-to-the-european-union/the-faroe-islands-and-the-european-union/"
    ),
    "jersey": "https://www.gov.uk/government/publications/crown-dependencies-jersey-guernsey-and-the-isle-of-man",
    "aws-regions": "https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html",
    "multi-tenancy": "https://kubernetes.io/docs/concepts/security/multi-tenancy/#control-plane-isolation",
    "ns-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/core/v1/namespacepatch/",
    "unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
}


# ------------------------------------------------------------------------------------ helpers

WRITE = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]
READ = ["get", "list", "watch"]
MAP_WRITE = [
    {
        "apiGroups": ["admissionregistration.k8s.io"],
        "resources": ["mutatingadmissionpolicies", "mutatingadmissionpolicybindings"],
        "verbs": WRITE,
    }
]
CTB_WRITE = [{"apiGroups": ["certificates.k8s.io"], "resources": ["clustertrustbundles"], "verbs": WRITE}]
CLAIMS = ["resourceclaims", "resourceclaimtemplates"]
CLAIMS_WRITE = [{"apiGroups": ["resource.k8s.io"], "resources": CLAIMS, "verbs": WRITE}]
CLAIMS_READ = [{"apiGroups": ["resource.k8s.io"], "resources": CLAIMS, "verbs": READ}]
CLAIM_STATUS_WRITE = [
    {"apiGroups": ["resource.k8s.io"], "resources": CLAIMS, "verbs": READ},
    {"apiGroups": ["resource.k8s.io"], "resources": ["resourceclaims/status"], "verbs": ["patch", "update"]},
]
# The deployment rights system:aggregate-to-edit carries (RBAC bootstrap policy), written as the stack's own role.
DEPLOYER = [
    {
        "apiGroups": ["apps"],
        "resources": ["deployments", "deployments/scale", "replicasets", "statefulsets"],
        "verbs": ["create", "delete", "deletecollection", "patch", "update"],
    }
]
OWN = {"matchLabels": {NAME: "acme"}}
ACME_SERVICE = {"service": {"namespace": "acme", "name": "acme-hooks", "path": "/mutate", "port": 443}}

NETRC_PASSWORD = "machine artifacts.example.com\nlogin deploy\npassword 7fQ2vX9mLp4RtZ8w\n"
NETRC_PLACEHOLDER = "machine artifacts.example.com\nlogin deploy\npassword ${NETRC_PASSWORD}\n"
PGPASS = "orders-db.acme.svc:5432:orders:shop:Vb7nQ2xK9pLm4TzR\n"
PG_SERVICE = "[orders]\nhost=orders-db.acme.svc\nport=5432\ndbname=orders\nuser=shop\nsslmode=verify-full\n"
REDIS_AUTH = "bind 0.0.0.0\nport 6379\nrequirepass Zr4pX8vQ2mKt7LwN\nmaxmemory 256mb\n"
REDIS_PLAIN = "bind 0.0.0.0\nport 6379\nmaxmemory 256mb\nmaxmemory-policy allkeys-lru\n"
PYPIRC_PASSWORD = (
    "[distutils]\nindex-servers = internal\n\n[internal]\n"
    "repository = https://pypi.acme.example.com/simple/\nusername = shop-ci\npassword = Qm8vT3xR7pLz2KwN\n"
)
PYPIRC_PLAIN = (
    "[distutils]\nindex-servers = internal\n\n[internal]\n"
    "repository = https://pypi.acme.example.com/simple/\nusername = __token__\n"
)


def hook(resources: list[str], group_: str = "", selector: Any = OWN, client: dict[str, Any] | None = None) -> Obj:
    """A mutating webhook served from acme on CREATE/UPDATE of ``resources`` of ``group_``."""
    versions = {"": ["v1"], "certificates.k8s.io": ["v1beta1"], "resource.k8s.io": ["v1beta2"]}[group_]
    rules = [
        {"operations": ["CREATE", "UPDATE"], "apiGroups": [group_], "apiVersions": versions, "resources": resources}
    ]
    return webhook(client or ACME_SERVICE, selector, rules, name="acme-" + resources[0].replace("/", "-"))


MIN = {"cpu": "50m", "memory": "64Mi"}
MIN_DEFAULT = {"min": MIN, "default": {"cpu": "500m", "memory": "512Mi"}}


def annotated(make: Obj, annotations: dict[str, Any]) -> Obj:
    """``make``'s object with ``annotations`` added to its metadata."""

    def wrapped(s: Stack, k8s: str) -> Any:
        urn = make(s, k8s)
        obj = next(r for r in s.resources if r.urn == urn)
        obj.inputs = {**obj.inputs, "metadata": {**obj.inputs["metadata"], "annotations": annotations}}
        return urn

    return wrapped


def limits(*items: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"type": "Container", **item} for item in items]


def stack_role_binding(role_name: str) -> list[Obj]:
    """The stack's own ClusterRole ``acme-deployer`` (DEPLOYER) and, in acme, a binding of ``role_name``."""
    return [
        cluster_role("acme-deployer", DEPLOYER),
        role_binding(("ClusterRole", role_name), group("acme-devs"), name="deployers"),
    ]


def grafana_release(grafana: dict[str, Any]) -> Obj:
    """kube-prometheus-stack installed in acme with the Grafana values ``grafana``."""
    return add(
        RELEASE,
        "acme-monitoring",
        name="monitoring",
        chart="kube-prometheus-stack",
        version="79.1.0",
        repositoryOpts={"repo": "https://prometheus-community.github.io/helm-charts"},
        namespace="acme",
        values={"grafana": grafana, "prometheus": {"prometheusSpec": {"retention": "7d"}}},
    )


def dns_egress(peer: dict[str, Any]) -> Obj:
    """Egress from acme's pods to ``peer`` on port 53 (UDP and TCP)."""
    spec = egress(peer)
    spec["egress"][0]["ports"] = [{"protocol": "UDP", "port": 53}, {"protocol": "TCP", "port": 53}]
    return policy(spec, name="allow-dns")


KUBE_DNS = {
    "namespaceSelector": {"matchLabels": {NAME: "kube-system"}},
    "podSelector": {"matchLabels": {"k8s-app": "kube-dns"}},
}


def app(env: Any = None, image: Any = IMAGE, ns: str = "acme") -> Obj:
    """acme's shop Deployment with the container environment ``env`` (as written, whatever its shape)."""
    template = pod_template(image)
    if env is not None:
        template["spec"]["containers"][0]["env"] = env
    return add(
        "kubernetes:apps/v1:Deployment",
        f"{ns}-shop-deploy",
        metadata={"name": "shop", "namespace": ns},
        spec={"replicas": 2, "selector": {"matchLabels": APP}, "template": template},
    )


def on_existing(country: str, residency: str, site: str, image: Any = IMAGE) -> Build:
    """acme, of regime ``residency``, fully guarded with its app, on an existing cluster declared in ``country``."""

    def build(s: Stack) -> None:
        k8s = existing_at(s, "dc1", country, site)
        tenant(s, k8s, "acme", residency=residency)
        for make in (app_sa(), app(image=image)):
            make(s, k8s)

    return build


def neighbour_namespace_patch(labels: dict[str, str]) -> Obj:
    """A NamespacePatch of legacy-batch, a namespace the stack does not make, on acme's cluster, with the quota,
    limits and default deny a tenant namespace needs (so only whose namespace it is matters)."""

    def make(s: Stack, k8s: str) -> None:
        s.add(
            "kubernetes:core/v1:NamespacePatch",
            "legacy-batch-ns-patch",
            k8s,
            metadata={"name": "legacy-batch", "labels": labels},
        )
        meta = {"namespace": "legacy-batch"}
        s.add(
            "kubernetes:core/v1:ResourceQuota",
            "legacy-batch-quota",
            k8s,
            metadata={"name": "tenant-quota", **meta},
            spec={"hard": {"requests.cpu": "2", "requests.memory": "4Gi", "limits.cpu": "2", "limits.memory": "4Gi"}},
        )
        s.add(
            "kubernetes:core/v1:LimitRange",
            "legacy-batch-limits",
            k8s,
            metadata={"name": "tenant-limits", **meta},
            spec={"limits": limits({"default": {"cpu": "500m", "memory": "512Mi"}})},
        )
        s.add(
            "kubernetes:networking.k8s.io/v1:NetworkPolicy",
            "legacy-batch-deny",
            k8s,
            metadata={"name": "default-deny", **meta},
            spec={"podSelector": {}, "policyTypes": ["Ingress", "Egress"]},
        )

    return make


def mwc_patch(entry: dict[str, Any], annotations: Any = None) -> Obj:
    """A MutatingWebhookConfigurationPatch of acme's pods webhook (made in the stack), changing ``entry``."""
    metadata: dict[str, Any] = {"name": "acme-pods"}
    if annotations is not None:
        metadata["annotations"] = annotations
    return add(
        "kubernetes:admissionregistration.k8s.io/v1:MutatingWebhookConfigurationPatch",
        "acme-pods-mwc-patch",
        metadata=metadata,
        webhooks=[{"name": "acme-pods.acme.example.com", **entry}],
    )


NODES_RULES = [{"operations": ["CREATE", "UPDATE"], "apiGroups": [""], "apiVersions": ["v1"], "resources": ["nodes"]}]


def vcluster_volume(volume: dict[str, Any]) -> Obj:
    """The program's vcluster release with one extra volume for the control-plane pod."""
    values = copy.deepcopy(program_values())
    persistence = values["controlPlane"]["statefulSet"].setdefault("persistence", {})
    persistence["addVolumes"] = [volume]
    persistence["addVolumeMounts"] = [{"name": volume["name"], "mountPath": "/extra", "readOnly": True}]
    return release(values)


def quota_patch(spec: dict[str, Any]) -> Obj:
    return patch("ResourceQuota", "acme-quota-patch", {"name": "tenant-quota", "namespace": "acme"}, spec=spec)


def autonamed_role_binding(s: Stack, k8s: str) -> None:
    """A Role in acme without metadata.name (Pulumi autonames it, so its name is an output unknown at preview) and
    a binding of it for acme's developers."""
    role = put(
        s,
        "kubernetes:rbac.authorization.k8s.io/v1:Role",
        "acme-config-reader-role",
        k8s,
        metadata={"namespace": "acme"},
        rules=[{"apiGroups": [""], "resources": ["configmaps"], "verbs": READ}],
    )
    put(
        s,
        "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
        "acme-config-reader-rb",
        k8s,
        deps=[role],
        metadata={"name": "config-reader", "namespace": "acme"},
        roleRef={"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": UNKNOWN},
        subjects=[group("acme-devs")],
    )


def service(spec: dict[str, Any], ns: str = "acme") -> Obj:
    return add("kubernetes:core/v1:Service", f"{ns}-shop-svc", metadata={"name": "shop", "namespace": ns}, spec=spec)


LB = {"type": "LoadBalancer", "selector": APP, "ports": [{"name": "https", "port": 443, "targetPort": 8443}]}


def priority_quota(operator: Any) -> Obj:
    """An extra quota (beside the tenant's full one) on pods of the batch-low PriorityClass."""
    selector = {"matchExpressions": [{"scopeName": "PriorityClass", "operator": operator, "values": ["batch-low"]}]}
    return quota("batch-low", {"pods": "20"}, scopeSelector=selector)


SECRET_ENV = {"name": "DB_PASSWORD", "valueFrom": {"secretKeyRef": {"name": "shop-db", "key": "password"}}}


# ============================================================================ tenant isolation

# Violates: writing MutatingAdmissionPolicies and their bindings, aggregated into admin: every tenant admin can
# rewrite any object of any namespace at admission (the policy's mutations apply cluster-wide).
case("kube14-agg-admin-mutating-admission-policies", ISOLATION, "DENY", DOC["map"])(
    iso(cluster_role("map-admin", MAP_WRITE, ADMIN_AGG), neighbour=True)
)
# Complies: the same rights, not aggregated, bound cluster-wide to a platform controller in kube-system.
case("kube14-mutating-admission-policies-platform", ISOLATION, cite=DOC["map"])(
    iso(
        cluster_role("map-admin", MAP_WRITE),
        cluster_role_binding("map-admin", service_account("kube-system", "policy-controller"), name="map-admin"),
        neighbour=True,
    )
)
# Violates: writing ClusterTrustBundles (cluster-scoped trust anchors that every pod may project) aggregated into
# edit: every tenant editor can plant a root certificate in its neighbours' trust stores.
case("kube14-agg-edit-cluster-trust-bundles", ISOLATION, "DENY", DOC["ctb"])(
    iso(cluster_role("trust-bundle-editor", CTB_WRITE, EDIT_AGG), neighbour=True)
)
# Complies: writing ResourceClaims and their templates (namespaced DRA objects) aggregated into edit.
case("kube14-agg-edit-resource-claims", ISOLATION, cite=DOC["dra"])(
    iso(cluster_role("claims-editor", CLAIMS_WRITE, EDIT_AGG), neighbour=True)
)
# Violates: patching resourceclaims/status aggregated into view: a write, and view must stay read-only.
case("kube14-agg-view-resource-claim-status", ISOLATION, "DENY", DOC["aggregation"])(
    iso(cluster_role("claims-status-view", CLAIM_STATUS_WRITE, VIEW_AGG))
)
# Complies: reading ResourceClaims and their templates aggregated into view.
case("kube14-agg-view-resource-claims-read", ISOLATION, cite=DOC["aggregation"])(
    iso(cluster_role("claims-view", CLAIMS_READ, VIEW_AGG))
)
# Violates: a RoleBinding in acme to the built-in system:aggregate-to-edit, which the stack does not define and
# which is none of the user-facing roles: it cannot be judged and is refused.
case("kube14-rb-system-aggregate-to-edit", ISOLATION, "DENY", DOC["user-facing"])(
    iso(*stack_role_binding("system:aggregate-to-edit"))
)
# Complies: the binding names the stack's own acme-deployer role, with deployment rights only.
case("kube14-rb-stack-deployer-role", ISOLATION, cite=DOC["user-facing"])(iso(*stack_role_binding("acme-deployer")))
# Violates: the tenant's LimitRange sets only a minimum: no default limit, so containers without limits run
# unbounded.
case("kube14-limitrange-min-only", ISOLATION, "DENY", DOC["limitrange"])(iso(limits=limits({"min": MIN})))
# Complies: the same minimum with default limits for CPU and memory.
case("kube14-limitrange-min-with-default", ISOLATION, cite=DOC["limitrange"])(iso(limits=limits(MIN_DEFAULT)))
# Violates: a .netrc with a password line in a ConfigMap.
case("kube14-configmap-netrc-password", ISOLATION, "DENY", DOC["netrc"])(
    iso(configmap({".netrc": NETRC_PASSWORD}, name="netrc"))
)
# Complies: the .netrc's password is a placeholder filled from the environment.
case("kube14-configmap-netrc-placeholder", ISOLATION, cite=DOC["netrc"])(
    iso(configmap({".netrc": NETRC_PLACEHOLDER}, name="netrc"))
)
# Violates: a libpq password file (host:port:database:user:password) in a ConfigMap.
case("kube14-configmap-pgpass", ISOLATION, "DENY", DOC["pgpass"])(iso(configmap({".pgpass": PGPASS}, name="pg")))
# Complies: a libpq connection service file without a password.
case("kube14-configmap-pg-service", ISOLATION, cite=DOC["pg-service"])(
    iso(configmap({"pg_service.conf": PG_SERVICE}, name="pg"))
)
# Violates: a redis.conf with requirepass (the default user's password) in a ConfigMap.
case("kube14-configmap-redis-requirepass", ISOLATION, "DENY", DOC["redis-auth"])(
    iso(configmap({"redis.conf": REDIS_AUTH}, name="redis"))
)
# Complies: a redis.conf with memory settings only.
case("kube14-configmap-redis-maxmemory", ISOLATION, cite=DOC["redis-conf"])(
    iso(configmap({"redis.conf": REDIS_PLAIN}, name="redis"))
)
# Violates: a .pypirc with an index password in a ConfigMap.
case("kube14-configmap-pypirc-password", ISOLATION, "DENY", DOC["pypirc"])(
    iso(configmap({".pypirc": PYPIRC_PASSWORD}, name="pypi"))
)
# Complies: the .pypirc names the repository and user only (the token comes from keyring).
case("kube14-configmap-pypirc-plain", ISOLATION, cite=DOC["pypirc"])(
    iso(configmap({".pypirc": PYPIRC_PLAIN}, name="pypi"))
)
# Violates: Grafana's admin password in plain Helm values of kube-prometheus-stack.
case("kube14-helm-grafana-admin-password", ISOLATION, "DENY", DOC["grafana-chart"])(
    iso(grafana_release({"adminPassword": "Kp9vR2xQ7mTz4LwB"}))
)
# Complies: Grafana reads its admin credentials from an existing Secret.
case("kube14-helm-grafana-existing-secret", ISOLATION, cite=DOC["grafana-secret"])(
    iso(grafana_release({"admin": {"existingSecret": "grafana-admin", "userKey": "user", "passwordKey": "password"}}))
)
# Violates: a webhook served from acme on ClusterTrustBundles with a selector for acme: the objects are
# cluster-scoped, so the selector has no effect and the tenant intercepts every bundle.
case("kube14-webhook-cluster-trust-bundles", ISOLATION, "DENY", DOC["webhook-ns"])(
    iso(hook(["clustertrustbundles"], "certificates.k8s.io"), neighbour=True)
)
# Complies: the same webhook on ResourceClaims (namespaced), for acme's namespace only.
case("kube14-webhook-resource-claims-own", ISOLATION, cite=DOC["webhook-ns"])(
    iso(hook(["resourceclaims"], "resource.k8s.io"), neighbour=True)
)
# Violates: a webhook served from acme on pods/ephemeralcontainers without a namespaceSelector: it receives every
# debug container added to any pod of any namespace.
case("kube14-webhook-ephemeral-containers-any", ISOLATION, "DENY", DOC["ephemeral"])(
    iso(hook(["pods/ephemeralcontainers"], selector=None), neighbour=True)
)
# Complies: the same webhook for acme's namespace only.
case("kube14-webhook-ephemeral-containers-own", ISOLATION, cite=DOC["webhook-ns"])(
    iso(hook(["pods/ephemeralcontainers"]), neighbour=True)
)
# Complies: a RoleBinding in acme to a service account without a namespace: in a RoleBinding it is the binding's
# own namespace's account.
case("kube14-rb-sa-subject-without-namespace", ISOLATION, cite=DOC["rb-api"])(
    iso(app_sa(), role_binding(EDIT, {"kind": "ServiceAccount", "name": "shop"}, name="shop-edit"), neighbour=True)
)
# Violates: the same binding names globex's account of that name.
case("kube14-rb-sa-subject-globex", ISOLATION, "DENY", DOC["subjects"])(
    iso(app_sa(), role_binding(EDIT, service_account("globex", "shop"), name="shop-edit"), neighbour=True)
)
# Violates: egress to NodeLocal DNSCache's link-local address 169.254.20.10 from every pod of acme: the address
# is on every node, in the link-local range the contract refuses.
case("kube14-np-egress-nodelocal-dns", ISOLATION, "DENY", DOC["nodelocaldns"])(
    iso(dns_egress({"ipBlock": {"cidr": "169.254.20.10/32"}}))
)
# Complies: DNS egress to the kube-dns pods of kube-system, named.
case("kube14-np-egress-kube-dns", ISOLATION, cite=DOC["netpol"])(iso(dns_egress(KUBE_DNS)))


# ============================================================================ providers and patches

# Violates: a GDPR tenant on an existing cluster declared in the Faroe Islands: Danish, but outside the EU and
# the EEA.
case("kube14-gdpr-existing-faroe", PROVIDERS, "DENY", DOC["faroe"])(
    tenant_on_existing("FO", "gdpr", site="torshavn-dc1")
)
# Complies: the GDPR tenant on an existing cluster in Denmark.
case("kube14-gdpr-existing-denmark", PROVIDERS, cite=DOC["eea"])(tenant_on_existing("DK", "gdpr", site="ballerup-dc1"))
# Violates: a uk tenant on an existing cluster declared in Jersey, a Crown Dependency outside the United Kingdom.
case("kube14-uk-existing-jersey", PROVIDERS, "DENY", DOC["jersey"])(
    tenant_on_existing("JE", "uk", site="st-helier-dc1")
)
# Complies: the uk tenant on an existing cluster in Great Britain.
case("kube14-uk-existing-britain", PROVIDERS, cite=DOC["jersey"])(tenant_on_existing("GB", "uk", site="slough-dc1"))
# Violates: a us tenant on EKS in ca-west-1 (Calgary, Canada).
case("kube14-us-eks-calgary", PROVIDERS, "DENY", DOC["aws-regions"])(regime_tenant(on_eks("ca-west-1", "CA"), "us"))
# Complies: a ca tenant on EKS in Calgary.
case("kube14-ca-eks-calgary", PROVIDERS, cite=DOC["aws-regions"])(regime_tenant(on_eks("ca-west-1", "CA"), "ca"))
# Complies: a ca tenant on EKS in ca-central-1 (Montreal).
case("kube14-ca-eks-montreal", PROVIDERS, cite=DOC["aws-regions"])(regime_tenant(on_eks("ca-central-1", "CA"), "ca"))
# Violates: acme claims eu1 as its dedicated cluster, while a NamespacePatch on eu1 labels legacy-batch (a
# namespace the stack does not make) as globex's: another tenant's namespace on the cluster.
case("kube14-dedicated-neighbour-namespace-patch", PROVIDERS, "DENY", DOC["multi-tenancy"])(
    iso(
        labelled(DEDICATED, CLAIM),
        neighbour_namespace_patch({"fleet-tenant": "globex", "pod-security.kubernetes.io/enforce": "restricted"}),
        isolation="cluster",
    )
)
# Complies: the NamespacePatch only adds a cost-centre label: no tenant's namespace.
case("kube14-dedicated-namespace-patch-cost-label", PROVIDERS, cite=DOC["ns-patch"])(
    iso(
        labelled(DEDICATED, CLAIM),
        neighbour_namespace_patch({"example.com/cost-centre": "batch"}),
        isolation="cluster",
    )
)
# Violates: acme's pods webhook (own selector), and a MutatingWebhookConfigurationPatch that replaces its rules
# (an atomic list) with Nodes: merged, the tenant intercepts every node of the cluster.
case("kube14-mwc-patch-rules-nodes", PROVIDERS, "DENY", DOC["mwc-patch"])(
    iso(hook(["pods"]), mwc_patch({"rules": NODES_RULES}), neighbour=True)
)
# Complies: the patch only shortens the webhook's timeout.
case("kube14-mwc-patch-timeout", PROVIDERS, cite=DOC["mwc-patch"])(
    iso(hook(["pods"]), mwc_patch({"timeoutSeconds": 5}), neighbour=True)
)
# Violates: the program's vcluster release with a hostPath volume for the control-plane pod: baseline (and so
# restricted) refuses hostPath volumes.
case("kube14-vcluster-hostpath-volume", PROVIDERS, "DENY", DOC["pss"])(
    on_vcluster(vcluster_volume({"name": "host-certs", "hostPath": {"path": "/etc/ssl/certs"}}))
)
# Complies: the extra volume is a ConfigMap, which restricted allows.
case("kube14-vcluster-configmap-volume", PROVIDERS, cite=DOC["vcluster-sts"])(
    on_vcluster(vcluster_volume({"name": "host-certs", "configMap": {"name": "acme-ca"}}))
)
# Violates: a ResourceQuotaPatch adds a scopeSelector on the batch-low PriorityClass to the tenant's quota:
# merged, it bounds only the pods of that class.
case("kube14-quota-patch-priority-scope", PROVIDERS, "DENY", DOC["quota-scopes"])(
    iso(
        quota_patch(
            {
                "scopeSelector": {
                    "matchExpressions": [{"scopeName": "PriorityClass", "operator": "In", "values": ["batch-low"]}]
                }
            }
        )
    )
)
# Complies: the patch adds a storage request bound to the hard map; CPU and memory stay bounded for every pod.
case("kube14-quota-patch-storage", PROVIDERS, cite=DOC["quota-patch"])(
    iso(quota_patch({"hard": {"requests.storage": "100Gi"}}))
)


# ============================================================================ unknown at preview

# Violates: the MutatingAdmissionPolicy writer aggregated into admin; only an annotation's value is unknown.
case("kube14-unknown-annotation-agg-admin-map", PREVIEW, "DENY", DOC["map"])(
    iso(
        annotated(cluster_role("map-admin", MAP_WRITE, ADMIN_AGG), {"example.com/owner": UNKNOWN}),
        neighbour=True,
    )
)
# Violates: the .netrc password is in the ConfigMap; only another key's value is unknown.
case("kube14-unknown-key-netrc-password", PREVIEW, "DENY", DOC["netrc"])(
    iso(configmap({".netrc": NETRC_PASSWORD, "ARTIFACTS_URL": UNKNOWN}, name="netrc"))
)
# Violates: the GDPR tenant on the Faroe Islands cluster; only its app's image (a registry output) is unknown.
case("kube14-unknown-image-gdpr-existing-faroe", PREVIEW, "DENY", DOC["faroe"])(
    on_existing("FO", "gdpr", "torshavn-dc1", image=f"{UNKNOWN}:1.4.2")
)
# Violates: the ClusterTrustBundles webhook of acme; only its caBundle (a certificate output) is unknown.
case("kube14-unknown-cabundle-webhook-trust-bundles", PREVIEW, "DENY", DOC["webhook-ns"])(
    iso(
        hook(["clustertrustbundles"], "certificates.k8s.io", client={**ACME_SERVICE, "caBundle": UNKNOWN}),
        neighbour=True,
    )
)
# Violates: the patch moves acme's webhook onto Nodes; only the patch's annotation value is unknown.
case("kube14-unknown-annotation-mwc-patch-nodes", PREVIEW, "DENY", DOC["mwc-patch"])(
    iso(hook(["pods"]), mwc_patch({"rules": NODES_RULES}, annotations={"example.com/change": UNKNOWN}), neighbour=True)
)
# Complies: a RoleBinding of an autonamed Role of acme (its name unknown at preview): whichever Role of acme it
# names, a Role the tenant's admins could write themselves.
case("kube14-unknown-autonamed-role-binding", PREVIEW, cite=DOC["autonaming"])(iso(autonamed_role_binding))
# Complies: the LimitRange with a minimum and default limits; the minimum memory (a config output) is unknown.
case("kube14-unknown-limitrange-min-memory", PREVIEW, cite=DOC["limitrange"])(
    iso(limits=limits({**MIN_DEFAULT, "min": {"cpu": "50m", "memory": UNKNOWN}}))
)
# Complies: redis.conf without a password; another key's value is unknown.
case("kube14-unknown-key-redis-maxmemory", PREVIEW, cite=DOC["redis-conf"])(
    iso(configmap({"redis.conf": REDIS_PLAIN, "REDIS_HOST": UNKNOWN}, name="redis"))
)
# Complies: the ResourceClaims webhook for acme only; its caBundle is unknown.
case("kube14-unknown-cabundle-webhook-resource-claims", PREVIEW, cite=DOC["webhook-ns"])(
    iso(hook(["resourceclaims"], "resource.k8s.io", client={**ACME_SERVICE, "caBundle": UNKNOWN}), neighbour=True)
)
# Complies: the GDPR tenant on the Danish cluster; its app's image is unknown.
case("kube14-unknown-image-gdpr-existing-denmark", PREVIEW, cite=DOC["eea"])(
    on_existing("DK", "gdpr", "ballerup-dc1", image=f"{UNKNOWN}:1.4.2")
)
# Complies: Grafana's existing Secret's name is unknown (another resource's output); no credential in the values.
case("kube14-unknown-grafana-existing-secret-name", PREVIEW, cite=DOC["grafana-chart"])(
    iso(grafana_release({"admin": {"existingSecret": UNKNOWN, "userKey": "user", "passwordKey": "password"}}))
)


# ============================================================================ malformed shapes

# Violates (cannot evaluate): a Service's externalIPs item written as an object (depth 3; each item is one
# address string), on the platform's ingress Service: the API server refuses it whoever owns the namespace.
case("kube14-bad-service-external-ip-item-object", MALFORMED, "DENY", DOC["service-api"])(
    iso(service({**LB, "externalIPs": [{"ip": "203.0.113.7"}]}, ns="ingress-nginx"), neighbour=True)
)
# Complies: the LoadBalancer Service with its source ranges as a list of CIDRs, no externalIPs.
case("kube14-service-lb-source-ranges", MALFORMED, cite=DOC["external-ips"])(
    iso(service({**LB, "loadBalancerSourceRanges": ["203.0.113.0/24"]}))
)
# Violates (cannot evaluate): a tenant webhook rule's apiGroups as a string (depth 4): which kinds it intercepts
# decides FLEET-TEN-008.
case("kube14-bad-webhook-rule-api-groups-string", MALFORMED, "DENY", DOC["mwc-api"])(
    iso(
        webhook(
            ACME_SERVICE,
            OWN,
            [
                {
                    "operations": ["CREATE"],
                    "apiGroups": "resource.k8s.io",
                    "apiVersions": ["v1beta2"],
                    "resources": ["resourceclaims"],
                }
            ],
            name="acme-resourceclaims",
        ),
        neighbour=True,
    )
)
# Complies: the same rule with apiGroups as a list (ResourceClaims of acme only).
case("kube14-webhook-rule-api-groups-list", MALFORMED, cite=DOC["webhook-rules"])(
    iso(
        webhook(
            ACME_SERVICE,
            OWN,
            [
                {
                    "operations": ["CREATE"],
                    "apiGroups": ["resource.k8s.io"],
                    "apiVersions": ["v1beta2"],
                    "resources": ["resourceclaims"],
                }
            ],
            name="acme-resourceclaims",
        ),
        neighbour=True,
    )
)
# Violates (cannot evaluate): a container's env written as a map of names to values (depth 5); env is a list of
# {name, value} items, and which variables it sets (a credential-named one) decides FLEET-SEC-002.
case("kube14-bad-deployment-env-map", MALFORMED, "DENY", DOC["container-api"])(
    iso(app_sa(), app(env={"LOG_LEVEL": "info", "DB_HOST": "orders-db.acme.svc"}))
)
# Violates (cannot evaluate): the credential-named variable's secretKeyRef as a "secret/key" string (depth 8).
case("kube14-bad-env-secret-key-ref-string", MALFORMED, "DENY", DOC["container-api"])(
    iso(app_sa(), app(env=[{"name": "DB_PASSWORD", "valueFrom": {"secretKeyRef": "shop-db/password"}}]))
)
# Complies: the variable takes its value from the Secret by reference.
case("kube14-env-secret-key-ref", MALFORMED, cite=DOC["env-secret"])(iso(app_sa(), app(env=[SECRET_ENV])))
# Violates (cannot evaluate): an extra quota's scopeSelector operator as a list (depth 5).
case("kube14-bad-quota-scope-operator-list", MALFORMED, "DENY", DOC["quota-api"])(iso(priority_quota(["In"])))
# Complies: the extra quota, well formed (NotIn batch-low), beside the tenant's full one.
case("kube14-quota-scope-operator-notin", MALFORMED, cite=DOC["quota-scopes"])(iso(priority_quota("NotIn")))
# Violates (cannot evaluate): the tenant LimitRange's default memory as an object (depth 5): whether containers
# get a default memory limit decides FLEET-TEN-001.
case("kube14-bad-limitrange-default-memory-object", MALFORMED, "DENY", DOC["limitrange-api"])(
    iso(limits=limits({"min": MIN, "default": {"cpu": "500m", "memory": {"value": "512Mi"}}}))
)
# Complies: the same LimitRange, well formed, with default requests too.
case("kube14-limitrange-min-default-request", MALFORMED, cite=DOC["limitrange-api"])(
    iso(limits=limits({**MIN_DEFAULT, "defaultRequest": {"cpu": "100m", "memory": "128Mi"}}))
)
