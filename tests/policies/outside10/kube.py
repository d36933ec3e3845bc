"""Kubernetes isolation cases of the tenth outside corpus: kinds, fields and situations the nine earlier
outside corpora did not try. Quotas scoped to cross-namespace pod affinity; ClusterRoles aggregated into view
and admin that reach the kubelet API (``nodes/proxy``) or read cluster-wide bindings; cert-manager's
aggregated roles; RoleBindings to built-in component roles (``system:node``, ``system:heapster``,
``system:kube-aggregator``) and to service accounts of ``kube-public``; a tenant's webhook on
CertificateSigningRequests; egress to the EC2 instance metadata service over IPv6; dedicated-cluster claims
on PriorityClasses; a pip configuration with a password in its index URL; a vcluster whose control plane adds
a Linux capability; and the ordinary objects a correct pack must let through (EndpointSlices of a selectorless
Service, PriorityClasses, RuntimeClasses, StorageClasses, projected service-account tokens, a
ValidatingAdmissionPolicy, a CertificateSigningRequest). Providers and patches: EKS, GKE and AKS cluster
resources whose own location (a per-resource region, a zone, a location) differs from their provider's;
custom regimes of exact regions (including one that allows AWS Zurich but not Google Cloud Zurich); a
MutatingWebhookConfigurationPatch that moves the platform's webhook to a tenant's service; a
ServiceAccountPatch. Then values unknown at preview and malformed shapes.

Written from Kubernetes, Pulumi, cloud and vendor documentation and the pack's user-facing contract
(docs/RULES.md, docs/SPEC.md, README.md, what fleet/tenancy renders), by a helper that did not read the pack's
rules, its configs, its tests or the tuned corpus's cases. Each case only says whether a correct pack reports
some mandatory violation (``expect="DENY"``) or none; a comment above it says why, and it cites the page the
outcome rests on. The stacks are built with the helpers of the nine earlier outside corpora.

``UNKNOWN`` stands for a value the engine only learns at the update. Where the decision does not need it a
correct pack decides as if it were known; where it does, the pack defers (advisory FLEET-PRE-001), which is no
mandatory violation.
"""

from __future__ import annotations

import base64
import copy
from collections.abc import Callable
from typing import Any

from tests.policies.corpus import NONE, UNKNOWN, Stack, secret
from tests.policies.outside.corpus import (
    PROJECT,
    QUOTA,
    aks_guarded,
    cluster_role,
    eks_guarded,
    role_binding,
    service_account,
    tenant,
)
from tests.policies.outside2.corpus import ACME_SVC, ADMIN_AGG, CLAIM, EDIT_AGG, OWN, VIEW_AGG, Obj, iso, labelled
from tests.policies.outside3.cloud import gke, located_policy
from tests.policies.outside3.kube import add, on_vcluster, patch, policy, program_values, quota, release
from tests.policies.outside4.cloud import retouch
from tests.policies.outside5.kube import webhook
from tests.policies.outside6.kube import APP, app_sa, configmap, deployment, pod_template, two_tenants
from tests.policies.outside8.kube import gke_at
from tests.policies.outside9.cloud import kms_key
from tests.policies.outside9.kube import app_objects, tenant_on_existing
from tests.policies.outside10.common import Build, case

ISOLATION = "tenant-isolation"
PROVIDERS = "k8s-providers-and-patches"
PREVIEW = "unknown-at-preview"
MALFORMED = "malformed"

RBAC = "rbac.authorization.k8s.io"
NAME = "kubernetes.io/metadata.name"
DEPLOYMENT = "kubernetes:apps/v1:Deployment"
EKS = "aws:eks/cluster:Cluster"
GKE = "gcp:container/cluster:Cluster"
AKS = "azure-native:containerservice:ManagedCluster"

DOC = {
    # quotas, RBAC
    "quota-cnpa": "https://kubernetes.io/docs/concepts/policy/resource-quotas/#cross-namespace-pod-affinity-quota",
    "quota-api": "https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/resource-quota-v1/",
    "aggregation": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#aggregated-clusterroles",
    "user-facing": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles",
    "rbac-good": "https://kubernetes.io/docs/concepts/security/rbac-good-practices/",
    "component-roles": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#core-component-roles",
    "other-roles": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#other-component-roles",
    "subjects": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-subjects",
    "cr-api": "https://kubernetes.io/docs/reference/kubernetes-api/authorization-resources/cluster-role-v1/",
    "rb-api": "https://kubernetes.io/docs/reference/kubernetes-api/authorization-resources/role-binding-v1/",
    "crb-api": "https://kubernetes.io/docs/reference/kubernetes-api/authorization-resources/cluster-role-binding-v1/",
    "cert-manager-rbac": "https://github.com/cert-manager/cert-manager/blob/master/deploy/charts/cert-manager/templates/rbac.yaml",
    # admission
    "webhook-ns": "https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/#matching-requests-namespaceselector",
    "webhook-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/admissionregistration/v1/mutatingwebhookconfigurationpatch/",
    "ssa-merge": "https://kubernetes.io/docs/reference/using-api/server-side-apply/#merge-strategy",
    "mwc-api": "https://kubernetes.io/docs/reference/kubernetes-api/extend-resources/mutating-webhook-configuration-v1/",
    "vap": "https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/",
    "csr": "https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/",
    # network
    "netpol": "https://kubernetes.io/docs/concepts/services-networking/network-policies/",
    "netpol-api": "https://kubernetes.io/docs/reference/kubernetes-api/networking-resources/network-policy-v1/",
    "imds-v6": "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html",
    "endpointslices": "https://kubernetes.io/docs/concepts/services-networking/endpoint-slices/",
    "service-api": "https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/",
    # pods and storage
    "priorityclass": "https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/#priorityclass",
    "runtimeclass": "https://kubernetes.io/docs/concepts/containers/runtime-class/",
    "storageclass": "https://kubernetes.io/docs/concepts/storage/storage-classes/",
    "projected-token": "https://kubernetes.io/docs/concepts/storage/projected-volumes/#serviceaccounttoken",
    "pss": "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
    # credentials
    "pip-auth": "https://pip.pypa.io/en/stable/topics/authentication/",
    # placement
    "eks-cluster": "https://www.pulumi.com/registry/packages/aws/api-docs/eks/cluster/",
    "aws-regions": "https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html",
    "gke-zonal": "https://cloud.google.com/kubernetes-engine/docs/concepts/configuration-overview",
    "gcp-regions": "https://cloud.google.com/compute/docs/regions-zones",
    "azure-regions": "https://learn.microsoft.com/en-us/azure/reliability/regions-list",
    "eea": "https://www.efta.int/eea/eea-agreement",
    "iso3166": "https://www.iso.org/iso-3166-country-codes.html",
    "sa-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/core/v1/serviceaccountpatch/",
    "irsa": "https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html",
    "unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
}


# ------------------------------------------------------------------------------------ helpers

# A quota scope that tracks only pods with cross-namespace affinity terms; with pods: "0" it forbids them.
CNPA = {"matchExpressions": [{"scopeName": "CrossNamespacePodAffinity", "operator": "Exists"}]}
ALL_AGG = {**VIEW_AGG, **EDIT_AGG, **ADMIN_AGG}
READ = ["get", "list", "watch"]
CM_RESOURCES = ["certificates", "certificaterequests", "issuers"]
ACME_RESOURCES = ["challenges", "orders"]
CM_WRITE = ["create", "delete", "deletecollection", "patch", "update"]


def cert_manager_roles() -> list[Obj]:
    """cert-manager's aggregated view and edit ClusterRoles, as its chart installs them."""
    view = [
        {"apiGroups": ["cert-manager.io"], "resources": CM_RESOURCES, "verbs": READ},
        {"apiGroups": ["acme.cert-manager.io"], "resources": ACME_RESOURCES, "verbs": READ},
    ]
    edit = [
        {"apiGroups": ["cert-manager.io"], "resources": CM_RESOURCES, "verbs": CM_WRITE},
        {"apiGroups": ["acme.cert-manager.io"], "resources": ACME_RESOURCES, "verbs": CM_WRITE},
    ]
    return [
        cluster_role("cert-manager-view", view, ALL_AGG),
        cluster_role("cert-manager-edit", edit, {**EDIT_AGG, **ADMIN_AGG}),
    ]


def component_binding(role_name: str, sa_name: Any = "node-agent") -> list[Obj]:
    """A service account of acme bound, in acme, to a built-in component ClusterRole the stack does not define."""
    objects: list[Obj] = [
        role_binding(("ClusterRole", role_name), service_account("acme", sa_name), name="component-role")
    ]
    if sa_name is not UNKNOWN:
        objects.insert(0, app_sa(name=sa_name))
    return objects


def hook_rules(group_: str, resource: str) -> list[dict[str, Any]]:
    return [{"operations": ["CREATE", "UPDATE"], "apiGroups": [group_], "apiVersions": ["v1"], "resources": [resource]}]


def egress_v6(cidr: Any, port: int, pods: Any = None) -> dict[str, Any]:
    return {
        "podSelector": {} if pods is None else {"matchLabels": {"app": pods}},
        "policyTypes": ["Egress"],
        "egress": [{"to": [{"ipBlock": {"cidr": cidr}}], "ports": [{"protocol": "TCP", "port": port}]}],
    }


def priority_class(name: str = "tenant-standard") -> Obj:
    return add(
        "kubernetes:scheduling.k8s.io/v1:PriorityClass",
        f"{name}-pc",
        metadata={"name": name},
        value=1000,
        globalDefault=False,
        preemptionPolicy="Never",
        description="Tenant workloads that must not preempt others",
    )


def app_with(container: dict[str, Any] | None = None, **pod_spec: Any) -> Obj:
    """The app's Deployment (restricted-compliant pod template) with fields added to its pod spec and container."""
    template = pod_template()
    template["spec"].update(pod_spec)
    if container:
        template["spec"]["containers"][0].update(container)
    return add(
        DEPLOYMENT,
        "acme-shop-deploy",
        metadata={"name": "shop", "namespace": "acme"},
        spec={"replicas": 2, "selector": {"matchLabels": APP}, "template": template},
    )


def runtime_class() -> Obj:
    return add(
        "kubernetes:node.k8s.io/v1:RuntimeClass",
        "gvisor-rc",
        metadata={"name": "gvisor"},
        handler="runsc",
        overhead={"podFixed": {"cpu": "250m", "memory": "64Mi"}},
    )


def storage_class() -> list[Obj]:
    return [
        add(
            "kubernetes:storage.k8s.io/v1:StorageClass",
            "gp3-encrypted-sc",
            metadata={"name": "gp3-encrypted"},
            provisioner="ebs.csi.aws.com",
            parameters={"type": "gp3", "encrypted": "true", "kmsKeyId": kms_key("eu-west-1")},
            reclaimPolicy="Delete",
            volumeBindingMode="WaitForFirstConsumer",
            allowVolumeExpansion=True,
        ),
        add(
            "kubernetes:core/v1:PersistentVolumeClaim",
            "acme-shop-uploads-pvc",
            metadata={"name": "shop-uploads", "namespace": "acme", "labels": APP},
            spec={
                "accessModes": ["ReadWriteOnce"],
                "storageClassName": "gp3-encrypted",
                "resources": {"requests": {"storage": "10Gi"}},
            },
        ),
    ]


def projected_token(audience: Any = "vault") -> Obj:
    """The app reads a short-lived token for Vault's Kubernetes auth from a projected volume; no default token."""
    return app_with(
        container={"volumeMounts": [{"name": "vault-token", "mountPath": "/var/run/secrets/vault", "readOnly": True}]},
        volumes=[
            {
                "name": "vault-token",
                "projected": {
                    "sources": [
                        {"serviceAccountToken": {"audience": audience, "expirationSeconds": 600, "path": "token"}}
                    ]
                },
            }
        ],
    )


def external_db(address: Any = "10.30.4.17") -> list[Obj]:
    """A Service without selector for the shop's managed PostgreSQL, and the EndpointSlice that gives its address."""
    port = {"name": "postgres", "port": 5432, "protocol": "TCP"}
    return [
        add(
            "kubernetes:core/v1:Service",
            "acme-orders-db-svc",
            metadata={"name": "orders-db", "namespace": "acme"},
            spec={"type": "ClusterIP", "ports": [{**port, "targetPort": 5432}]},
        ),
        add(
            "kubernetes:discovery.k8s.io/v1:EndpointSlice",
            "acme-orders-db-eps",
            metadata={
                "name": "orders-db-1",
                "namespace": "acme",
                "labels": {
                    "kubernetes.io/service-name": "orders-db",
                    "endpointslice.kubernetes.io/managed-by": "platform.acme.example.com",
                },
            },
            addressType="IPv4",
            endpoints=[{"addresses": [address], "conditions": {"ready": True}}],
            ports=[port],
        ),
    ]


def admission_policy() -> list[Obj]:
    """The platform's ValidatingAdmissionPolicy that every acme Deployment's containers request resources."""
    return [
        add(
            "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy",
            "require-requests-vap",
            metadata={"name": "require-requests"},
            spec={
                "failurePolicy": "Fail",
                "matchConstraints": {
                    "resourceRules": [
                        {
                            "apiGroups": ["apps"],
                            "apiVersions": ["v1"],
                            "operations": ["CREATE", "UPDATE"],
                            "resources": ["deployments"],
                        }
                    ]
                },
                "validations": [
                    {
                        "expression": "object.spec.template.spec.containers.all(c, has(c.resources) && "
                        "has(c.resources.requests))",
                        "message": "every container must request CPU and memory",
                    }
                ],
            },
        ),
        add(
            "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding",
            "require-requests-acme-vapb",
            metadata={"name": "require-requests-acme"},
            spec={
                "policyName": "require-requests",
                "validationActions": ["Deny"],
                "matchResources": {"namespaceSelector": {"matchLabels": {NAME: "acme"}}},
            },
        ),
    ]


CSR_PEM = (
    "-----BEGIN CERTIFICATE REQUEST-----\n"
    "MIIBYjCCAQgCAQAwJjEkMCIGA1UEAwwbc2hvcC5hY21lLnN2Yy5jbHVzdGVyLmxv\n"
    "Y2FsMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE3j0b7mPq9XzN5vR1sT8wK2yU\n"
    "-----END CERTIFICATE REQUEST-----\n"
)


def csr() -> Obj:
    return add(
        "kubernetes:certificates.k8s.io/v1:CertificateSigningRequest",
        "acme-shop-mesh-csr",
        metadata={"name": "acme-shop-mesh"},
        spec={
            "request": base64.b64encode(CSR_PEM.encode()).decode(),
            "signerName": "mesh.acme.example.com/workload",
            "expirationSeconds": 86400,
            "usages": ["digital signature", "key encipherment", "server auth", "client auth"],
        },
    )


def pip_config(index_url: str) -> Obj:
    return configmap({"pip.conf": f"[global]\nindex-url = {index_url}\ntimeout = 30\n"}, name="pip-config")


def vcluster_capabilities(add_: Any) -> Obj:
    """The program's vcluster release with capabilities added back to the control plane's container."""
    values = copy.deepcopy(program_values())
    security = values["controlPlane"]["statefulSet"]["security"]["containerSecurityContext"]
    security["capabilities"] = {"drop": ["ALL"], "add": add_}
    return release(values)


# The platform's pod-defaults webhook (served from platform-tools, every namespace but the system ones).
PLATFORM_HOOK_NAME = "pod-defaults.platform.example.com"


def platform_hook() -> Obj:
    return add(
        "kubernetes:admissionregistration.k8s.io/v1:MutatingWebhookConfiguration",
        "pod-defaults-mwc",
        metadata={"name": "pod-defaults"},
        webhooks=[
            {
                "name": PLATFORM_HOOK_NAME,
                "admissionReviewVersions": ["v1"],
                "sideEffects": "None",
                "failurePolicy": "Ignore",
                "clientConfig": {"service": {"namespace": "platform-tools", "name": "pod-defaults", "path": "/mutate"}},
                "namespaceSelector": {
                    "matchExpressions": [{"key": NAME, "operator": "NotIn", "values": ["kube-system", "fleet-system"]}]
                },
                "rules": [
                    {
                        "operations": ["CREATE"],
                        "apiGroups": [""],
                        "apiVersions": ["v1"],
                        "resources": ["pods"],
                        "scope": "Namespaced",
                    }
                ],
            }
        ],
    )


def platform_hook_patched(**entry: Any) -> Build:
    """acme and globex on one cluster; the platform's webhook (made in the stack) and a
    MutatingWebhookConfigurationPatch of it that changes its one entry (webhooks merge by name)."""
    return two_tenants(
        platform_hook(),
        patch(
            "MutatingWebhookConfiguration",
            "pod-defaults-patch",
            {"name": "pod-defaults"},
            "admissionregistration.k8s.io/v1",
            webhooks=[{"name": PLATFORM_HOOK_NAME, **entry}],
        ),
    )


def acme_service(ca_bundle: Any = None) -> dict[str, Any]:
    client: dict[str, Any] = {"service": {"namespace": "acme", "name": "acme-hooks", "path": "/mutate"}}
    if ca_bundle is not None:
        client["caBundle"] = ca_bundle
    return client


def with_app(build: Build, provider: str = "eu1-k8s") -> Build:
    """``build`` plus the app (service account, Deployment, Service) in acme through ``provider``."""

    def built(s: Stack) -> None:
        build(s)
        k8s = s.urn("pulumi:providers:kubernetes", provider)
        for make in app_objects():
            make(s, k8s)

    return built


def eks_located(region: Any, **cluster: Any) -> Build:
    """The guarded EKS cluster of the first corpus (its provider and component in Ireland, tagged
    fleet-residency none as the fleet tags shared clusters), its cluster resource in ``region`` by the AWS
    provider v7 per-resource ``region``, with the GDPR tenant acme and its app."""
    key = kms_key(region) if isinstance(region, str) else kms_key("eu-west-1")
    return with_app(
        retouch(
            eks_guarded(),
            EKS,
            "eu1-eks",
            region=region,
            tags=NONE,
            encryptionConfig={"provider": {"keyArn": key}, "resources": ["secrets"]},
            **cluster,
        )
    )


FRANKFURT_GUARD = located_policy(f"projects/{PROJECT}", [{"values": {"allowedValues": ["in:europe-west3-locations"]}}])


def gke_located(location: Any, **cluster: Any) -> Build:
    """The guarded GKE cluster of the third corpus (provider in Frankfurt, _Default sink taken over, the
    project's location policy), its cluster resource at ``location`` (a zone), tagged none, with acme's app."""
    return with_app(retouch(gke(FRANKFURT_GUARD), GKE, "eu1-gke", location=location, resourceLabels=NONE, **cluster))


def aks_located(location: str) -> Build:
    """The guarded AKS cluster of the first corpus (provider in West Europe), its managed cluster in
    ``location`` (inputs and the state it exists with), tagged none, with acme's app."""
    return with_app(retouch(aks_guarded(), AKS, "eu1-aks", location=location, tags=NONE))


def eks_at(s: Stack, name: str, region: str, country: str, kubeconfig: Any = '{"apiVersion": "v1"}') -> str:
    """An EKS fleet cluster component in ``region`` with its AWS provider and its Kubernetes provider."""
    component = s.add("fleet:clusters:EksCluster", name, clusterName=name, cloud="aws", region=region, country=country)
    s.provider("aws", f"{name}-aws", parent=component, region=region)
    return s.provider("kubernetes", f"{name}-k8s", parent=component, kubeconfig=secret(kubeconfig))


def regime_tenant(place: Callable[[Stack], str], residency: str) -> Build:
    """acme, of regime ``residency``, fully guarded with its app on the cluster ``place`` makes."""

    def build(s: Stack) -> None:
        k8s = place(s)
        tenant(s, k8s, "acme", residency=residency)
        for make in app_objects():
            make(s, k8s)

    return build


def on_eks(region: str, country: str, kubeconfig: Any = '{"apiVersion": "v1"}') -> Callable[[Stack], str]:
    return lambda s: eks_at(s, "c1", region, country, kubeconfig)


def on_gke(region: str, country: str) -> Callable[[Stack], str]:
    return lambda s: gke_at(s, "c1", region, country)


# Custom regimes of exact regions, as `fleet policy-config` writes a spec's regimes (name, countries,
# regions as cloud:region, extends, description).
FRA_ONLY = {
    "regimes": [
        {"name": "fra-only", "countries": [], "regions": ["aws:eu-central-1"], "description": "AWS Frankfurt only"}
    ]
}
EEA_CH = {
    "regimes": [
        {
            "name": "eea-ch",
            "countries": [],
            "regions": ["aws:eu-central-2"],
            "extends": "gdpr",
            "description": "The EEA and AWS Zurich",
        }
    ]
}


# ============================================================================ tenant isolation

# Quotas (FLEET-TEN-001): the tenant's quota must bound the CPU and memory of every pod.

# Violates: acme's only quota is scoped to CrossNamespacePodAffinity: it tracks only pods whose affinity terms
# reach other namespaces, so every other pod of acme runs unbounded.
case("kube-quota-only-cross-namespace-affinity-scope", ISOLATION, "DENY", DOC["quota-cnpa"])(
    iso(quota_extra={"scopeSelector": CNPA})
)
# Complies: acme's unscoped quota, plus the documented second quota that forbids cross-namespace affinity
# (pods: "0" under that scope).
case("kube-quota-plus-no-cross-namespace-affinity", ISOLATION, cite=DOC["quota-cnpa"])(
    iso(quota("no-cross-namespace-affinity", {"pods": "0"}, scopeSelector=CNPA))
)

# Aggregated ClusterRoles (FLEET-TEN-010).

# Violates: a diagnostics role aggregated into view reads nodes/proxy and nodes/stats: the kubelet API of
# every node (nodes/proxy reaches its exec and log endpoints), for every tenant's viewers.
case("kube-aggregate-view-nodes-proxy", ISOLATION, "DENY", DOC["rbac-good"])(
    iso(
        cluster_role(
            "diagnostics-view",
            [{"apiGroups": [""], "resources": ["nodes/proxy", "nodes/stats"], "verbs": ["get"]}],
            VIEW_AGG,
        )
    )
)
# Complies: the same role reads pods/log, which the built-in view role already grants.
case("kube-aggregate-view-pods-log", ISOLATION, cite=DOC["user-facing"])(
    iso(cluster_role("diagnostics-view", [{"apiGroups": [""], "resources": ["pods/log"], "verbs": ["get"]}], VIEW_AGG))
)
# Violates: a binding auditor aggregated into admin reads ClusterRoleBindings: any verb on cluster roles and
# bindings is refused (every tenant's admins would see who is cluster-admin, and every tenant's bindings).
case("kube-aggregate-admin-read-clusterrolebindings", ISOLATION, "DENY", DOC["aggregation"])(
    iso(
        cluster_role(
            "binding-auditor", [{"apiGroups": [RBAC], "resources": ["clusterrolebindings"], "verbs": READ}], ADMIN_AGG
        )
    )
)
# Complies: the same auditor reads RoleBindings, which the built-in admin role already reads and writes in its
# namespace.
case("kube-aggregate-admin-read-rolebindings", ISOLATION, cite=DOC["user-facing"])(
    iso(
        cluster_role(
            "binding-auditor", [{"apiGroups": [RBAC], "resources": ["rolebindings"], "verbs": READ}], ADMIN_AGG
        )
    )
)
# Complies: cert-manager's own view and edit roles: reads of its namespaced custom resources into view, writes
# into edit and admin (no wildcards, no core resources).
case("kube-aggregate-cert-manager-roles", ISOLATION, cite=DOC["cert-manager-rbac"])(iso(*cert_manager_roles()))

# RoleBindings to built-in component roles (FLEET-TEN-004).

# Violates: acme's node agent is bound in acme to system:node, a built-in ClusterRole the stack does not define
# and that is none of those the contract judges by their bootstrap rules: it cannot be judged, so it is refused.
case("kube-rb-own-sa-system-node", ISOLATION, "DENY", DOC["component-roles"])(iso(*component_binding("system:node")))
# Complies: the same service account bound to system:heapster, whose bootstrap rules (read pods, events, nodes,
# namespaces, deployments) the contract names and judges.
case("kube-rb-own-sa-system-heapster", ISOLATION, cite=DOC["other-roles"])(iso(*component_binding("system:heapster")))
# Complies: bound to system:kube-aggregator (read services and endpoints), also named by the contract.
case("kube-rb-own-sa-system-kube-aggregator", ISOLATION, cite=DOC["other-roles"])(
    iso(*component_binding("system:kube-aggregator", "service-watcher"))
)

# RoleBinding subjects (FLEET-TEN-009).

# Violates: kube-state-metrics of kube-public is given view in acme: kube-public is no platform namespace (only
# kube-system and fleet-system are), so a service account there reaches acme.
case("kube-rb-view-kube-public-sa", ISOLATION, "DENY", DOC["subjects"])(
    iso(role_binding(("ClusterRole", "view"), service_account("kube-public", "kube-state-metrics"), name="ksm-view"))
)
# Complies: the same binding for kube-state-metrics of kube-system, a platform namespace.
case("kube-rb-view-kube-system-sa", ISOLATION, cite=DOC["subjects"])(
    iso(role_binding(("ClusterRole", "view"), service_account("kube-system", "kube-state-metrics"), name="ksm-view"))
)

# Webhooks served by a tenant (FLEET-TEN-008).

# Violates: acme's validating webhook, scoped to acme by name, intercepts CertificateSigningRequests, which are
# cluster-scoped: the namespaceSelector has no effect, so it receives globex's requests too.
case("kube-webhook-own-selector-csrs", ISOLATION, "DENY", DOC["webhook-ns"])(
    two_tenants(
        webhook(
            ACME_SVC,
            OWN,
            hook_rules("certificates.k8s.io", "certificatesigningrequests"),
            kind="Validating",
            name="acme-admission",
        )
    )
)
# Complies: the same webhook on PersistentVolumeClaims (namespaced): bounded to acme by its selector.
case("kube-webhook-own-selector-pvcs", ISOLATION, cite=DOC["webhook-ns"])(
    two_tenants(
        webhook(ACME_SVC, OWN, hook_rules("", "persistentvolumeclaims"), kind="Validating", name="acme-admission")
    )
)

# NetworkPolicies over IPv6 (FLEET-TEN-003).

# Violates: every acme pod may reach fd00:ec2::254, the EC2 instance metadata service's IPv6 address, in the
# unique-local (private) range: the node's metadata and its instance role credentials.
case("kube-np-egress-imds-ipv6", ISOLATION, "DENY", DOC["imds-v6"])(
    iso(policy(egress_v6("fd00:ec2::254/128", 80), name="allow-egress-v6"))
)
# Complies: egress to a public IPv6 range (a CDN's /32) on 443: public addresses, no tenant or node.
case("kube-np-egress-public-ipv6", ISOLATION, cite=DOC["netpol"])(
    iso(policy(egress_v6("2606:4700::/32", 443), name="allow-egress-v6"))
)

# Dedicated-cluster claims (FLEET-TEN-005).

# Violates: acme's PriorityClass is labelled fleet-isolation=cluster, fleet-tenant=acme on a cluster that also
# holds globex's namespace: the claim is false.
case("kube-claim-on-priorityclass-shared", ISOLATION, "DENY", DOC["priorityclass"])(
    iso(labelled(priority_class("acme-critical"), CLAIM), isolation="cluster", neighbour=True)
)
# Complies: the same claim with acme alone on the cluster.
case("kube-claim-on-priorityclass-alone", ISOLATION, cite=DOC["priorityclass"])(
    iso(labelled(priority_class("acme-critical"), CLAIM), isolation="cluster")
)

# Credentials in ConfigMaps (FLEET-SEC-002).

# Violates: pip's configuration holds its private index URL with a user and password (the documented basic-auth
# form), under a neutral key: a URL with a password.
case("kube-configmap-pip-conf-index-url-password", ISOLATION, "DENY", DOC["pip-auth"])(
    iso(pip_config("https://ci-reader:Zq8vN3xT5wLp@pypi.acme.example.com/simple/"))
)
# Complies: the same configuration without credentials in the URL (they come from a keyring or a Secret).
case("kube-configmap-pip-conf-index-url", ISOLATION, cite=DOC["pip-auth"])(
    iso(pip_config("https://pypi.acme.example.com/simple/"))
)

# A virtual cluster's control plane and Pod Security restricted (FLEET-TEN-006).

# Violates: the program's vcluster values, with NET_ADMIN added back to the control plane's container:
# restricted lets containers add back NET_BIND_SERVICE only, so the host refuses the pod.
case("kube-vcluster-adds-net-admin", ISOLATION, "DENY", DOC["pss"])(on_vcluster(vcluster_capabilities(["NET_ADMIN"])))
# Complies: the same, adding back NET_BIND_SERVICE, which restricted allows.
case("kube-vcluster-adds-net-bind-service", ISOLATION, cite=DOC["pss"])(
    on_vcluster(vcluster_capabilities(["NET_BIND_SERVICE"]))
)

# Everyday objects a correct pack lets through.

# Complies: a Service without selector for the shop's managed PostgreSQL and the EndpointSlice that gives its
# private address: no externalIPs, no policy, no RBAC.
case("kube-endpointslice-external-database", ISOLATION, cite=DOC["endpointslices"])(iso(*external_db()))
# Complies: the platform's PriorityClass (no preemption) and the app that uses it.
case("kube-priorityclass-for-app", ISOLATION, cite=DOC["priorityclass"])(
    iso(priority_class(), app_sa(), app_with(priorityClassName="tenant-standard"))
)
# Complies: a gVisor RuntimeClass and the app that runs in its sandbox.
case("kube-runtimeclass-gvisor-app", ISOLATION, cite=DOC["runtimeclass"])(
    iso(runtime_class(), app_sa(), app_with(runtimeClassName="gvisor"))
)
# Complies: an encrypted EBS CSI StorageClass and the app's claim on it.
case("kube-storageclass-encrypted-pvc", ISOLATION, cite=DOC["storageclass"])(iso(*storage_class()))
# Complies: the app mounts a projected service-account token for Vault (audience vault, ten minutes), with the
# default token not mounted.
case("kube-projected-token-for-vault", ISOLATION, cite=DOC["projected-token"])(iso(app_sa(), projected_token()))
# Complies: the platform's ValidatingAdmissionPolicy and its binding to acme (no webhook, nothing a tenant serves).
case("kube-validating-admission-policy-for-acme", ISOLATION, cite=DOC["vap"])(two_tenants(*admission_policy()))
# Complies: a CertificateSigningRequest for the shop's mesh certificate (a PEM certificate request, no key),
# for a custom signer.
case("kube-csr-custom-signer", ISOLATION, cite=DOC["csr"])(iso(csr()))


# ============================================================================ providers and patches

# Where a cluster is: its cluster resource's own location decides (FLEET-RES-004).

# Violates: the EKS cluster resource sets the AWS provider v7 per-resource region us-east-1 (N. Virginia) while
# its provider and component say Ireland: the GDPR tenant's objects run in the United States.
case("kube-eks-cluster-region-override-us", PROVIDERS, "DENY", DOC["eks-cluster"])(eks_located("us-east-1"))
# Complies: the override is eu-central-1 (Frankfurt), in the EEA.
case("kube-eks-cluster-region-override-frankfurt", PROVIDERS, cite=DOC["aws-regions"])(eks_located("eu-central-1"))
# Violates: the GKE cluster resource is zonal in us-central1-a (Iowa) while its provider is in Frankfurt.
case("kube-gke-cluster-zone-iowa", PROVIDERS, "DENY", DOC["gcp-regions"])(gke_located("us-central1-a"))
# Complies: the cluster is zonal in europe-west3-a (Frankfurt).
case("kube-gke-cluster-zone-frankfurt", PROVIDERS, cite=DOC["gke-zonal"])(gke_located("europe-west3-a"))
# Violates: the AKS managed cluster is in switzerlandnorth (Zurich) while its provider is in West Europe:
# Switzerland is not in the EEA.
case("kube-aks-cluster-location-switzerland", PROVIDERS, "DENY", DOC["eea"])(aks_located("switzerlandnorth"))
# Complies: the managed cluster is in germanywestcentral (Frankfurt).
case("kube-aks-cluster-location-germany", PROVIDERS, cite=DOC["azure-regions"])(aks_located("germanywestcentral"))

# Custom regimes of exact regions.

# Violates: acme's regime fra-only allows the AWS region eu-central-1 only; its cluster is in eu-west-1.
case("kube-custom-regime-fra-only-on-ireland", PROVIDERS, "DENY", DOC["aws-regions"], config=FRA_ONLY)(
    regime_tenant(on_eks("eu-west-1", "IE"), "fra-only")
)
# Complies: the same tenant on a cluster in eu-central-1.
case("kube-custom-regime-fra-only-on-frankfurt", PROVIDERS, cite=DOC["aws-regions"], config=FRA_ONLY)(
    regime_tenant(on_eks("eu-central-1", "DE"), "fra-only")
)
# Complies: acme's regime eea-ch extends gdpr with the exact region aws:eu-central-2: an EKS cluster in Zurich.
case("kube-custom-regime-eea-ch-on-aws-zurich", PROVIDERS, cite=DOC["aws-regions"], config=EEA_CH)(
    regime_tenant(on_eks("eu-central-2", "CH"), "eea-ch")
)
# Violates: the same tenant on GKE in europe-west6, also Zurich: the regime names AWS's Zurich region exactly,
# and Switzerland is not in the EEA.
case("kube-custom-regime-eea-ch-on-gcp-zurich", PROVIDERS, "DENY", DOC["gcp-regions"], config=EEA_CH)(
    regime_tenant(on_gke("europe-west6", "CH"), "eea-ch")
)

# Server-side apply patches.

# Violates: a MutatingWebhookConfigurationPatch of the platform's pod-defaults webhook (made in the stack) points
# its one entry at acme's service: merged, acme serves a webhook that sees and rewrites globex's pods.
case("kube-webhook-patch-moves-platform-hook-to-acme", PROVIDERS, "DENY", DOC["webhook-patch"])(
    platform_hook_patched(clientConfig=acme_service())
)
# Complies: the patch only shortens the same entry's timeout; the platform still serves it.
case("kube-webhook-patch-platform-hook-timeout", PROVIDERS, cite=DOC["ssa-merge"])(
    platform_hook_patched(timeoutSeconds=5)
)
# Complies: a ServiceAccountPatch gives the app's service account its IAM role (IRSA annotation).
case("kube-sa-patch-irsa-annotation", PROVIDERS, cite=DOC["sa-patch"])(
    iso(
        app_sa(),
        deployment(),
        patch(
            "ServiceAccount",
            "acme-shop-sa-patch",
            {
                "name": "shop",
                "namespace": "acme",
                "annotations": {"eks.amazonaws.com/role-arn": "arn:aws:iam::111111111111:role/acme-shop"},
            },
        ),
    )
)


# ============================================================================ unknown at preview

# Violates: acme's only quota is scoped to CrossNamespacePodAffinity; only its pod count is unknown.
case("kube-pre-quota-cnpa-scope-pods-unknown", PREVIEW, "DENY", DOC["quota-cnpa"])(
    iso(quota={**QUOTA, "pods": UNKNOWN}, quota_extra={"scopeSelector": CNPA})
)
# Violates: nodes/proxy aggregated into view; only the node it names is unknown (any node is a node).
case("kube-pre-aggregate-view-nodes-proxy-name-unknown", PREVIEW, "DENY", DOC["rbac-good"])(
    iso(
        cluster_role(
            "diagnostics-view",
            [{"apiGroups": [""], "resources": ["nodes/proxy"], "resourceNames": [UNKNOWN], "verbs": ["get"]}],
            VIEW_AGG,
        )
    )
)
# Violates: egress to the IPv6 metadata address; only which of acme's pods it selects is unknown.
case("kube-pre-np-egress-imds-ipv6-pods-unknown", PREVIEW, "DENY", DOC["imds-v6"])(
    iso(policy(egress_v6("fd00:ec2::254/128", 80, pods=UNKNOWN), name="allow-egress-v6"))
)
# Violates: the EKS cluster resource is in us-east-1; only its IAM role (made in the same update) is unknown.
case("kube-pre-eks-region-override-us-role-unknown", PREVIEW, "DENY", DOC["eks-cluster"])(
    eks_located("us-east-1", roleArn=UNKNOWN)
)
# Violates: the patch points the platform's webhook at acme; only the CA bundle is unknown.
case("kube-pre-webhook-patch-to-acme-cabundle-unknown", PREVIEW, "DENY", DOC["webhook-patch"])(
    platform_hook_patched(clientConfig=acme_service(ca_bundle=UNKNOWN))
)
# Violates: the fra-only tenant on a new cluster in Ireland, whose kubeconfig is unknown until the cluster exists.
case("kube-pre-fra-only-on-ireland-kubeconfig-unknown", PREVIEW, "DENY", DOC["aws-regions"], config=FRA_ONLY)(
    regime_tenant(on_eks("eu-west-1", "IE", kubeconfig=UNKNOWN), "fra-only")
)
# Complies: the external database's address is unknown (another resource's output).
case("kube-pre-endpointslice-address-unknown", PREVIEW, cite=DOC["unknowns"])(iso(*external_db(UNKNOWN)))
# Complies: the app's priority class name is unknown.
case("kube-pre-deployment-priority-class-unknown", PREVIEW, cite=DOC["unknowns"])(
    iso(priority_class(), app_sa(), app_with(priorityClassName=UNKNOWN))
)
# Complies: the system:heapster binding's service account is acme's, only its name is unknown.
case("kube-pre-rb-system-heapster-sa-name-unknown", PREVIEW, cite=DOC["other-roles"])(
    iso(*component_binding("system:heapster", UNKNOWN))
)
# Complies: the zonal GKE cluster in europe-west3-a; only its network (made in the same update) is unknown.
case("kube-pre-gke-zone-frankfurt-network-unknown", PREVIEW, cite=DOC["unknowns"])(
    gke_located("europe-west3-a", network=UNKNOWN)
)
# Complies: the EKS cluster resource in eu-central-1; only its IAM role is unknown.
case("kube-pre-eks-region-override-frankfurt-role-unknown", PREVIEW, cite=DOC["unknowns"])(
    eks_located("eu-central-1", roleArn=UNKNOWN)
)
# Complies: the projected token's audience is unknown.
case("kube-pre-projected-token-audience-unknown", PREVIEW, cite=DOC["unknowns"])(
    iso(app_sa(), projected_token(UNKNOWN))
)


# ============================================================================ malformed shapes
# A property that decides has the wrong shape: a correct pack reports it cannot evaluate (mandatory) and
# neither crashes nor passes it.

# Cannot evaluate: a NetworkPolicy's namespaceSelector requirement (kubernetes.io/metadata.name In) has its values
# as one string ("monitoring"), not a list.
case("kube-bad-np-expression-values-string", MALFORMED, "DENY", DOC["netpol-api"])(
    iso(
        policy(
            {
                "podSelector": {},
                "policyTypes": ["Ingress"],
                "ingress": [
                    {
                        "from": [
                            {
                                "namespaceSelector": {
                                    "matchExpressions": [{"key": NAME, "operator": "In", "values": "monitoring"}]
                                }
                            }
                        ]
                    }
                ],
            },
            name="allow-monitoring",
        ),
        neighbour=True,
    )
)
# Cannot evaluate: an egress ipBlock's cidr is a number (203.0.113.0 as an integer), not a string.
case("kube-bad-np-ipblock-cidr-number", MALFORMED, "DENY", DOC["netpol-api"])(
    iso(policy(egress_v6(3405803776, 443), name="allow-egress-partner"))
)
# Cannot evaluate: a Service's externalIPs is a map, not a list.
case("kube-bad-service-external-ips-map", MALFORMED, "DENY", DOC["service-api"])(
    iso(
        add(
            "kubernetes:core/v1:Service",
            "acme-shop-svc",
            metadata={"name": "shop", "namespace": "acme"},
            spec={"type": "ClusterIP", "selector": APP, "ports": [{"port": 80, "targetPort": 8080}], "externalIPs": {}},
        )
    )
)
# Cannot evaluate: a ClusterRole aggregated into view gathers other roles, but its selector's matchLabels is a list.
case("kube-bad-aggregation-selector-match-labels-list", MALFORMED, "DENY", DOC["cr-api"])(
    iso(
        add(
            "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole",
            "reports-view-cr",
            metadata={"name": "reports-view", "labels": VIEW_AGG},
            aggregationRule={
                "clusterRoleSelectors": [{"matchLabels": [{"reports.acme.example.com/aggregate-to-view": "true"}]}]
            },
            rules=[],
        )
    )
)
# Cannot evaluate: a RoleBinding's subject names its group with a map, not a string.
case("kube-bad-rb-subject-name-map", MALFORMED, "DENY", DOC["rb-api"])(
    iso(
        role_binding(
            ("ClusterRole", "edit"), {"apiGroup": RBAC, "kind": "Group", "name": {"name": "acme-devs"}}, name="devs"
        )
    )
)
# Cannot evaluate: a ClusterRoleBinding's subjects are one string, not a list of subjects.
case("kube-bad-crb-subjects-string", MALFORMED, "DENY", DOC["crb-api"])(
    two_tenants(
        add(
            "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding",
            "platform-oncall-view-crb",
            metadata={"name": "platform-oncall-view"},
            roleRef={"apiGroup": RBAC, "kind": "ClusterRole", "name": "view"},
            subjects="platform-oncall",
        )
    )
)
# Cannot evaluate: the existing cluster's country is a number (276, Germany's ISO 3166 numeric code), not the
# alpha-2 code, for a GDPR tenant.
case("kube-bad-existing-cluster-country-number", MALFORMED, "DENY", DOC["iso3166"])(tenant_on_existing(276, "gdpr"))
# Cannot evaluate: the GKE cluster resource's location is a list of zones, not one location.
case("kube-bad-gke-cluster-location-list", MALFORMED, "DENY", DOC["gke-zonal"])(gke_located(["europe-west3-a"]))
# Cannot evaluate: the EKS cluster resource's per-resource region is a map, not a region.
case("kube-bad-eks-cluster-region-map", MALFORMED, "DENY", DOC["eks-cluster"])(eks_located({"name": "eu-central-1"}))
# Cannot evaluate: the webhook patch points the platform's entry at acme and scopes it with a namespaceSelector
# that is a list, not a label selector.
case("kube-bad-webhook-patch-selector-list", MALFORMED, "DENY", DOC["mwc-api"])(
    platform_hook_patched(clientConfig=acme_service(), namespaceSelector=[OWN])
)
# Cannot evaluate: the vcluster release adds back capabilities as one string, not a list.
case("kube-bad-vcluster-capabilities-add-string", MALFORMED, "DENY", DOC["pss"])(
    on_vcluster(vcluster_capabilities("NET_BIND_SERVICE"))
)
