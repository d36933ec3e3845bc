"""Kubernetes isolation cases of the fifteenth outside corpus: kinds, fields and situations the fourteen earlier
outside corpora did not try. ServiceCIDR/IPAddress, VolumeAttributesClass and DeviceClass writes aggregated into
the user-facing roles against Gateway API routes and read-only class access; tenant webhooks on RuntimeClasses and on
Leases of kube-node-lease; NetworkPolicy ingress from the Gateway API's ``shared-gateway-access`` namespace label;
a quota of hugepages and GPUs only; a RoleBinding to every service account of kube-node-lease; a wildcard verb on
HTTPRoutes; Maven ``settings.xml`` and s3cmd ``.s3cfg`` credentials in ConfigMaps; an API key in a ReplicaSet's
environment; an HTTPRoute that claims a dedicated cluster; IPv6 externalIPs on a single-stack IPv6 Service;
oauth2-proxy's client and cookie secrets in Helm values. Providers and patches: GDPR on an existing cluster in
Gibraltar vs Spain, uk in the Isle of Man vs Great Britain, ch on AKS in France vs Geneva, uk on EKS in Ireland vs
London, us on GKE in Montreal vs Dallas, vcluster sidecar containers, a deployed etcd without a securityContext and
kube-vip. Then values unknown at preview and malformed shapes.

Written from Kubernetes, Gateway API, Pulumi, cloud and vendor documentation and the pack's user-facing contract
(docs/RULES.md, docs/SPEC.md, README.md, what fleet/tenancy renders), by a helper that did not read the pack's
rules, its configs, its tests or the tuned corpus's cases. Each case only says whether a correct pack reports
some mandatory violation (``expect="DENY"``) or none; a comment above it says why, and it cites the page the
outcome rests on. The stacks are built with the helpers of the fourteen earlier outside corpora.

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
    group,
    role_binding,
    tenant,
)
from tests.policies.outside2.corpus import ADMIN_AGG, CLAIM, EDIT_AGG, VIEW_AGG, Obj, iso
from tests.policies.outside3.kube import add, on_vcluster, policy, program_values, release
from tests.policies.outside5.kube import webhook
from tests.policies.outside6.kube import APP, CONTAINER_SECURITY, IMAGE, POD_SECURITY, app_sa, configmap
from tests.policies.outside7.kube import aks_at
from tests.policies.outside8.kube import gke_at
from tests.policies.outside9.kube import app_objects, existing_at
from tests.policies.outside10.kube import eks_at
from tests.policies.outside15.common import Build, case

ISOLATION = "tenant-isolation"
PROVIDERS = "k8s-providers-and-patches"
PREVIEW = "unknown-at-preview"
MALFORMED = "malformed"

NAME = "kubernetes.io/metadata.name"
RBAC = "rbac.authorization.k8s.io"
GATEWAY = "gateway.networking.k8s.io"
EDIT = ("ClusterRole", "edit")
VIEW = ("ClusterRole", "view")

DOC = {
    # RBAC
    "aggregation": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#aggregated-clusterroles",
    "subjects": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-subjects",
    "sa-groups": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#service-account-permissions",
    "least-privilege": "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege",
    "rb-api": "https://kubernetes.io/docs/reference/kubernetes-api/authorization-resources/role-binding-v1/",
    "cr-api": "https://kubernetes.io/docs/reference/kubernetes-api/authorization-resources/cluster-role-v1/",
    # cluster-scoped built-in classes
    "service-cidr": "https://kubernetes.io/docs/reference/kubernetes-api/cluster-resources/service-cidr-v1/",
    "extend-service-ips": "https://kubernetes.io/docs/tasks/network/extend-service-ip-ranges/",
    "vac": "https://kubernetes.io/docs/concepts/storage/volume-attributes-classes/",
    "deviceclass": "https://kubernetes.io/docs/concepts/scheduling-eviction/dynamic-resource-allocation/#deviceclass",
    "runtimeclass": "https://kubernetes.io/docs/concepts/containers/runtime-class/",
    "leases": "https://kubernetes.io/docs/concepts/architecture/leases/",
    # Gateway API
    "httproute": "https://gateway-api.sigs.k8s.io/api-types/httproute/",
    "grpcroute": "https://gateway-api.sigs.k8s.io/api-types/grpcroute/",
    "multiple-ns": "https://gateway-api.sigs.k8s.io/guides/multiple-ns/",
    # admission
    "webhook-ns": (
        "https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/"
        "#matching-requests-namespaceselector"
    ),
    "webhook-rules": (
        "https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/"
        "#matching-requests-rules"
    ),
    "vwc-api": (
        "https://kubernetes.io/docs/reference/kubernetes-api/extend-resources/validating-webhook-configuration-v1/"
    ),
    "label-selector": "https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/label-selector/",
    # quotas, network, services
    "quota-extended": "https://kubernetes.io/docs/concepts/policy/resource-quotas/#resource-quota-for-extended-resources",
    "quota-compute": "https://kubernetes.io/docs/concepts/policy/resource-quotas/#compute-resource-quota",
    "quota-api": "https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/resource-quota-v1/",
    "netpol": "https://kubernetes.io/docs/concepts/services-networking/network-policies/",
    "netpol-api": "https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/",
    "external-ips": "https://kubernetes.io/docs/concepts/services-networking/service/#external-ips",
    "dual-stack": "https://kubernetes.io/docs/concepts/services-networking/dual-stack/",
    "multi-tenancy": "https://kubernetes.io/docs/concepts/security/multi-tenancy/#control-plane-isolation",
    # credentials
    "maven": "https://maven.apache.org/settings.html#servers",
    "s3cmd": "https://github.com/s3tools/s3cmd",
    "oauth2-proxy-chart": "https://github.com/oauth2-proxy/manifests/blob/main/helm/oauth2-proxy/README.md",
    "stripe-keys": "https://docs.stripe.com/keys",
    "env-secret": "https://kubernetes.io/docs/tasks/inject-data-application/distribute-credentials-secure/",
    "replicaset": "https://kubernetes.io/docs/concepts/workloads/controllers/replicaset/",
    "container-api": "https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#environment-variables",
    # placement
    "eea": "https://eur-lex.europa.eu/EN/legal-content/glossary/european-economic-area-eea.html",
    "crown": "https://www.gov.uk/government/publications/crown-dependencies-jersey-guernsey-and-the-isle-of-man",
    "aws-regions": "https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html",
    "azure-regions": "https://learn.microsoft.com/en-us/azure/reliability/regions-list",
    "gcp-regions": "https://cloud.google.com/compute/docs/regions-zones",
    # vcluster
    "pss": "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
    "vcluster-sts": "https://vcluster.com/docs/vcluster/configure/vcluster-yaml/control-plane/deployment/statefulset",
    "kube-vip": "https://www.vcluster.com/docs/vcluster/configure/vcluster-yaml/control-plane/other/advanced/kube-vip",
    "unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
}


# ------------------------------------------------------------------------------------ helpers

WRITE = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]
READ = ["get", "list", "watch"]

SERVICE_CIDR_WRITE = [
    {"apiGroups": ["networking.k8s.io"], "resources": ["servicecidrs", "ipaddresses"], "verbs": WRITE}
]
ROUTES_WRITE = [{"apiGroups": [GATEWAY], "resources": ["httproutes", "grpcroutes"], "verbs": WRITE}]
VAC_WRITE = [{"apiGroups": ["storage.k8s.io"], "resources": ["volumeattributesclasses"], "verbs": WRITE}]
VAC_READ = [{"apiGroups": ["storage.k8s.io"], "resources": ["volumeattributesclasses"], "verbs": READ}]
DEVICE_CLASS_WRITE = [{"apiGroups": ["resource.k8s.io"], "resources": ["deviceclasses"], "verbs": WRITE}]
DEVICE_CLASS_READ = [{"apiGroups": ["resource.k8s.io"], "resources": ["deviceclasses"], "verbs": READ}]

OWN = {"matchLabels": {NAME: "acme"}}
ACME_SERVICE = {"service": {"namespace": "acme", "name": "acme-hooks", "path": "/validate", "port": 443}}


def vhook(
    group_: str,
    resources: list[str],
    selector: Any = OWN,
    client: dict[str, Any] | None = None,
    scope: str | None = None,
) -> Obj:
    """A validating webhook served from acme on CREATE/UPDATE of ``resources`` of ``group_`` (v1)."""
    rule: dict[str, Any] = {
        "operations": ["CREATE", "UPDATE"],
        "apiGroups": [group_],
        "apiVersions": ["v1"],
        "resources": resources,
    }
    if scope is not None:
        rule["scope"] = scope
    return webhook(
        client or ACME_SERVICE, selector, [rule], kind="Validating", name="acme-" + resources[0].replace("/", "-")
    )


def leases_selector(*names: str) -> dict[str, Any]:
    return {"matchExpressions": [{"key": NAME, "operator": "In", "values": list(names)}]}


GATEWAY_PODS = {"matchLabels": {"gateway.envoyproxy.io/owning-gateway-name": "shared"}}


def gateway_ingress(namespaces: dict[str, Any]) -> Obj:
    """Ingress to acme's shop pods on 8080 from the pods of the shared Gateway, in the namespaces ``namespaces``
    selects."""
    spec = {
        "podSelector": {"matchLabels": APP},
        "policyTypes": ["Ingress"],
        "ingress": [
            {
                "from": [{"namespaceSelector": namespaces, "podSelector": GATEWAY_PODS}],
                "ports": [{"protocol": "TCP", "port": 8080}],
            }
        ],
    }
    return policy(spec, name="allow-gateway")


QUOTA_CPU_MEMORY = {"requests.cpu": "4", "requests.memory": "8Gi", "limits.cpu": "8", "limits.memory": "16Gi"}
QUOTA_ACCELERATORS = {
    "requests.hugepages-2Mi": "1Gi",
    "requests.nvidia.com/gpu": "2",
    "pods": "50",
}


def route(labels: dict[str, str] | None = None, hostnames: Any = None) -> Obj:
    """acme's HTTPRoute of shop.acme.example.com on the platform's shared Gateway (gateway-system)."""
    metadata: dict[str, Any] = {"name": "shop", "namespace": "acme"}
    if labels:
        metadata["labels"] = labels
    return add(
        f"kubernetes:{GATEWAY}/v1:HTTPRoute",
        "acme-shop-httproute",
        metadata=metadata,
        spec={
            "parentRefs": [{"name": "shared", "namespace": "gateway-system", "sectionName": "https"}],
            "hostnames": hostnames if hostnames is not None else ["shop.acme.example.com"],
            "rules": [
                {
                    "matches": [{"path": {"type": "PathPrefix", "value": "/"}}],
                    "backendRefs": [{"name": "shop", "port": 80}],
                }
            ],
        },
    )


def wildcard_route_role(verbs: list[str]) -> list[Obj]:
    """A Role in acme over its Gateway API routes, and acme's developers bound to it."""
    rules = [{"apiGroups": [GATEWAY], "resources": ["httproutes", "grpcroutes"], "verbs": verbs}]
    return [
        add(
            f"kubernetes:{RBAC}/v1:Role",
            "acme-route-editor-role",
            metadata={"name": "route-editor", "namespace": "acme"},
            rules=rules,
        ),
        role_binding(("Role", "route-editor"), group("acme-devs"), name="route-editors"),
    ]


MAVEN_PASSWORD = """<settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">
  <servers>
    <server>
      <id>acme-releases</id>
      <username>deploy</username>
      <password>Tq7vN3xR9pLm2KwZ</password>
    </server>
  </servers>
</settings>
"""
MAVEN_PLACEHOLDER = MAVEN_PASSWORD.replace("Tq7vN3xR9pLm2KwZ", "${env.MAVEN_PASSWORD}")
S3CFG_KEYS = (
    "[default]\naccess_key = AKIAZ7Q2XR4VN8TLMW3P\nsecret_key = q8Vt2XmR7pLz4KwN9bYc3JhF6sDg1QeA5uTo0iPl\n"
    "bucket_location = eu-west-1\nhost_base = s3.eu-west-1.amazonaws.com\nuse_https = True\n"
)
S3CFG_PLAIN = "[default]\nbucket_location = eu-west-1\nhost_base = s3.eu-west-1.amazonaws.com\nuse_https = True\n"

STRIPE_KEY = {"name": "STRIPE_API_KEY", "value": "sk_live_51Nq2xK9pLm4TzRb7vQ3wX8yZ"}
STRIPE_REF = {"name": "STRIPE_API_KEY", "valueFrom": {"secretKeyRef": {"name": "stripe", "key": "api-key"}}}


def replica_set(env: Any) -> Obj:
    """A bare ReplicaSet in acme (a restricted pod) whose container has the environment ``env``."""
    container: dict[str, Any] = {
        "name": "payments",
        "image": "registry.example.com/acme/payments:2.3.0",
        "securityContext": CONTAINER_SECURITY,
        "resources": {"requests": {"cpu": "100m", "memory": "128Mi"}, "limits": {"memory": "256Mi"}},
        "env": env,
    }
    labels = {"app": "payments"}
    return add(
        "kubernetes:apps/v1:ReplicaSet",
        "acme-payments-rs",
        metadata={"name": "payments", "namespace": "acme"},
        spec={
            "replicas": 2,
            "selector": {"matchLabels": labels},
            "template": {
                "metadata": {"labels": labels},
                "spec": {
                    "serviceAccountName": "shop",
                    "automountServiceAccountToken": False,
                    "securityContext": POD_SECURITY,
                    "containers": [container],
                },
            },
        },
    )


def dual_stack_service(**spec: Any) -> Obj:
    return add(
        "kubernetes:core/v1:Service",
        "acme-shop-v6-svc",
        metadata={"name": "shop-v6", "namespace": "acme"},
        spec={
            "type": "ClusterIP",
            "ipFamilyPolicy": "SingleStack",
            "ipFamilies": ["IPv6"],
            "selector": APP,
            "ports": [{"name": "http", "port": 80, "targetPort": 8080}],
            **spec,
        },
    )


def placed(place: Any, residency: str, image: Any = IMAGE) -> Build:
    """acme, of regime ``residency``, fully guarded with its app, on the cluster ``place(s)`` returns."""

    def build(s: Stack) -> None:
        k8s = place(s)
        tenant(s, k8s, "acme", residency=residency)
        for make in app_objects(image):
            make(s, k8s)

    return build


def existing(country: str, site: str) -> Any:
    return lambda s: existing_at(s, "dc1", country, site)


def on_aks(location: str, country: str) -> Any:
    return lambda s: aks_at(s, "aks1", location, country)


def on_eks(region: str, country: str) -> Any:
    return lambda s: eks_at(s, "c1", region, country)


def on_gke(region: str, country: str) -> Any:
    return lambda s: gke_at(s, "gke1", region, country)


RESTRICTED_CONTAINER = {
    "allowPrivilegeEscalation": False,
    "runAsNonRoot": True,
    "runAsUser": 12345,
    "capabilities": {"drop": ["ALL"]},
    "seccompProfile": {"type": "RuntimeDefault"},
}


def vcluster_sidecar(security: dict[str, Any] | None, image: Any = "ghcr.io/acme/audit-shipper:0.9.2") -> Obj:
    """The program's vcluster release with one sidecar container beside the syncer."""
    values = copy.deepcopy(program_values())
    sidecar: dict[str, Any] = {"name": "audit-shipper", "image": image}
    if security is not None:
        sidecar["securityContext"] = security
    values["controlPlane"]["statefulSet"]["sidecarContainers"] = [sidecar]
    return release(values)


def vcluster_etcd(security: dict[str, Any] | None) -> Obj:
    """The program's vcluster release with etcd deployed as its own StatefulSet (the backing store)."""
    values = copy.deepcopy(program_values())
    statefulset: dict[str, Any] = {"enabled": True}
    if security is not None:
        statefulset["security"] = security
    values["controlPlane"]["backingStore"] = {"etcd": {"deploy": {"enabled": True, "statefulSet": statefulset}}}
    return release(values)


ETCD_RESTRICTED = {
    "podSecurityContext": {"runAsNonRoot": True, "fsGroup": 12345, "seccompProfile": {"type": "RuntimeDefault"}},
    "containerSecurityContext": RESTRICTED_CONTAINER,
}


def vcluster_kube_vip(enabled: bool) -> Obj:
    """The program's vcluster release with kube-vip announcing the control-plane endpoint (on or off)."""
    values = copy.deepcopy(program_values())
    values["controlPlane"].setdefault("advanced", {})["kubeVip"] = {
        "enabled": enabled,
        "interface": "eth0",
        "gateway": "10.20.0.1/24",
    }
    values["controlPlane"]["endpoint"] = "10.20.0.50"
    return release(values)


OAUTH_CLIENT_SECRET = "Xq8vT2mR7pLz4KwN9bYc3JhF6sDg1QeA"
COOKIE_SECRET = "dGhpcy1pcy1hLTMyLWJ5dGUtY29va2llLXNlY3JldCE="


def oauth2_proxy(config: dict[str, Any]) -> Obj:
    """oauth2-proxy's chart installed in acme in front of the shop, with the chart's ``config`` values."""
    return add(
        "kubernetes:helm.sh/v3:Release",
        "acme-oauth2-proxy",
        name="oauth2-proxy",
        chart="oauth2-proxy",
        version="7.12.6",
        repositoryOpts={"repo": "https://oauth2-proxy.github.io/manifests"},
        namespace="acme",
        values={"config": config, "extraArgs": {"provider": "oidc", "upstream": "http://shop.acme.svc"}},
    )


def quota_hard(hard: Any) -> Build:
    """acme with its tenant quota's hard map ``hard`` (as written, whatever its shape)."""
    return iso(quota=hard)


# ============================================================================ tenant isolation

# Violates: ServiceCIDR and IPAddress writes aggregated into edit: every tenant editor can add Service IP ranges and
# claim addresses for the whole cluster (both kinds are cluster-scoped built-ins every tenant shares).
case("kube15-agg-edit-service-cidrs", ISOLATION, "DENY", DOC["service-cidr"])(
    iso(cluster_role("service-cidr-editor", SERVICE_CIDR_WRITE, EDIT_AGG), neighbour=True)
)
# Complies: writes to the tenant's own Gateway API routes (namespaced custom resources) aggregated into edit.
case("kube15-agg-edit-gateway-routes", ISOLATION, cite=DOC["httproute"])(
    iso(cluster_role("route-editor", ROUTES_WRITE, EDIT_AGG), neighbour=True)
)
# Violates: VolumeAttributesClass writes aggregated into edit: a cluster-scoped class every tenant's claims may name.
case("kube15-agg-edit-volume-attributes-classes", ISOLATION, "DENY", DOC["vac"])(
    iso(cluster_role("vac-editor", VAC_WRITE, EDIT_AGG), neighbour=True)
)
# Complies: reading VolumeAttributesClasses aggregated into view (a read of a class, no write, no Secrets).
case("kube15-agg-view-volume-attributes-classes-read", ISOLATION, cite=DOC["aggregation"])(
    iso(cluster_role("vac-viewer", VAC_READ, VIEW_AGG), neighbour=True)
)
# Violates: DeviceClass writes aggregated into admin: one tenant admin redefines which devices every tenant's
# ResourceClaims get.
case("kube15-agg-admin-device-classes", ISOLATION, "DENY", DOC["deviceclass"])(
    iso(cluster_role("device-class-admin", DEVICE_CLASS_WRITE, ADMIN_AGG), neighbour=True)
)
# Complies: reading DeviceClasses aggregated into view.
case("kube15-agg-view-device-classes-read", ISOLATION, cite=DOC["aggregation"])(
    iso(cluster_role("device-class-viewer", DEVICE_CLASS_READ, VIEW_AGG), neighbour=True)
)
# Violates: a webhook served from acme on RuntimeClasses, with a selector for acme: RuntimeClasses are
# cluster-scoped, so the selector has no effect and the tenant sees and can refuse every runtime handler change.
case("kube15-webhook-runtime-classes", ISOLATION, "DENY", DOC["webhook-ns"])(
    iso(vhook("node.k8s.io", ["runtimeclasses"]), neighbour=True)
)
# Complies: the tenant's webhook on its own HTTPRoutes (namespaced), scoped to acme.
case("kube15-webhook-httproutes-own", ISOLATION, cite=DOC["webhook-ns"])(
    iso(vhook(GATEWAY, ["httproutes"], scope="Namespaced"), neighbour=True)
)
# Violates: a webhook served from acme on Leases of acme and kube-node-lease: it receives every node's heartbeat
# Lease (and may refuse them), a namespace that is not the tenant's.
case("kube15-webhook-leases-node-lease", ISOLATION, "DENY", DOC["leases"])(
    iso(vhook("coordination.k8s.io", ["leases"], selector=leases_selector("acme", "kube-node-lease")), neighbour=True)
)
# Complies: the same webhook on acme's Leases only (its own leader election).
case("kube15-webhook-leases-own", ISOLATION, cite=DOC["webhook-ns"])(
    iso(vhook("coordination.k8s.io", ["leases"], selector=leases_selector("acme")), neighbour=True)
)
# Violates: ingress to acme's pods from the Gateway pods of every namespace labelled shared-gateway-access=true (the
# Gateway API guide's label for allowedRoutes): a label any namespace may carry, not a namespace anyone listed.
case("kube15-np-ingress-shared-gateway-label", ISOLATION, "DENY", DOC["netpol"])(
    iso(gateway_ingress({"matchLabels": {"shared-gateway-access": "true"}}), neighbour=True)
)
# Complies: ingress from the Gateway pods of gateway-system, named.
case("kube15-np-ingress-gateway-system-named", ISOLATION, cite=DOC["multiple-ns"])(
    iso(gateway_ingress({"matchLabels": {NAME: "gateway-system"}}), neighbour=True)
)
# Violates: the tenant quota bounds hugepages, GPUs and the pod count, not CPU or memory.
case("kube15-quota-accelerators-only", ISOLATION, "DENY", DOC["quota-extended"])(quota_hard(QUOTA_ACCELERATORS))
# Complies: the same accelerator bounds beside CPU and memory requests and limits.
case("kube15-quota-accelerators-with-cpu-memory", ISOLATION, cite=DOC["quota-compute"])(
    quota_hard({**QUOTA_CPU_MEMORY, **QUOTA_ACCELERATORS})
)
# Violates: a RoleBinding in acme gives view to every service account of kube-node-lease, another namespace.
case("kube15-rb-view-kube-node-lease-accounts", ISOLATION, "DENY", DOC["sa-groups"])(
    iso(role_binding(VIEW, group("system:serviceaccounts:kube-node-lease"), name="lease-view"), neighbour=True)
)
# Complies: the binding gives view to acme's own service accounts.
case("kube15-rb-view-own-accounts", ISOLATION, cite=DOC["sa-groups"])(
    iso(role_binding(VIEW, group("system:serviceaccounts:acme"), name="own-view"), neighbour=True)
)
# Violates: a Role in acme with the wildcard verb on HTTPRoutes and GRPCRoutes (CIS 4.1.3: no wildcards).
case("kube15-role-wildcard-verb-routes", ISOLATION, "DENY", DOC["least-privilege"])(iso(*wildcard_route_role(["*"])))
# Complies: the same Role with its verbs listed.
case("kube15-role-listed-verbs-routes", ISOLATION, cite=DOC["httproute"])(iso(*wildcard_route_role(WRITE)))
# Violates: a Maven settings.xml with a repository server's password in a ConfigMap.
case("kube15-configmap-maven-settings-password", ISOLATION, "DENY", DOC["maven"])(
    iso(configmap({"settings.xml": MAVEN_PASSWORD}, name="maven"))
)
# Complies: the password is Maven's ${env.MAVEN_PASSWORD} placeholder, filled from the environment.
case("kube15-configmap-maven-settings-placeholder", ISOLATION, cite=DOC["maven"])(
    iso(configmap({"settings.xml": MAVEN_PLACEHOLDER}, name="maven"))
)
# Violates: an s3cmd .s3cfg with an access key and its secret key in a ConfigMap.
case("kube15-configmap-s3cfg-secret-key", ISOLATION, "DENY", DOC["s3cmd"])(
    iso(configmap({".s3cfg": S3CFG_KEYS}, name="s3cmd"))
)
# Complies: the .s3cfg names the endpoint and region only (keys come from the pod's identity).
case("kube15-configmap-s3cfg-endpoint-only", ISOLATION, cite=DOC["s3cmd"])(
    iso(configmap({".s3cfg": S3CFG_PLAIN}, name="s3cmd"))
)
# Violates: a ReplicaSet's container sets STRIPE_API_KEY to a live secret key in plain text.
case("kube15-replicaset-env-api-key", ISOLATION, "DENY", DOC["stripe-keys"])(iso(app_sa(), replica_set([STRIPE_KEY])))
# Complies: the variable takes its value from a Secret by reference.
case("kube15-replicaset-env-secret-ref", ISOLATION, cite=DOC["env-secret"])(iso(app_sa(), replica_set([STRIPE_REF])))
# Violates: acme's HTTPRoute claims a dedicated cluster (fleet-isolation=cluster) on a cluster globex shares.
case("kube15-httproute-false-dedicated-claim", ISOLATION, "DENY", DOC["multi-tenancy"])(
    iso(route(CLAIM), neighbour=True)
)
# Complies: the HTTPRoute carries the tenant's real isolation, namespace.
case("kube15-httproute-namespace-isolation", ISOLATION, cite=DOC["httproute"])(
    iso(route({"fleet-isolation": "namespace", "fleet-tenant": "acme"}), neighbour=True)
)
# Violates: an IPv6 single-stack Service in acme with an IPv6 externalIP.
case("kube15-service-ipv6-external-ip", ISOLATION, "DENY", DOC["external-ips"])(
    iso(dual_stack_service(externalIPs=["2001:db8:15::10"]), neighbour=True)
)
# Complies: the IPv6 Service without externalIPs.
case("kube15-service-ipv6-cluster-ip", ISOLATION, cite=DOC["dual-stack"])(iso(dual_stack_service(), neighbour=True))
# Violates: oauth2-proxy installed in acme with its OAuth client secret and cookie secret in plain Helm values.
case("kube15-helm-oauth2-proxy-client-secret", ISOLATION, "DENY", DOC["oauth2-proxy-chart"])(
    iso(oauth2_proxy({"clientID": "acme-shop", "clientSecret": OAUTH_CLIENT_SECRET, "cookieSecret": COOKIE_SECRET}))
)
# Complies: the chart reads the client ID, client secret and cookie secret from an existing Secret.
case("kube15-helm-oauth2-proxy-existing-secret", ISOLATION, cite=DOC["oauth2-proxy-chart"])(
    iso(oauth2_proxy({"existingSecret": "oauth2-proxy-creds"}))
)


# ============================================================================ providers and patches

# Violates: a GDPR tenant on an existing cluster declared in Gibraltar, outside the EU and the EEA.
case("kube15-gdpr-existing-gibraltar", PROVIDERS, "DENY", DOC["eea"])(placed(existing("GI", "gibraltar-dc1"), "gdpr"))
# Complies: the GDPR tenant on an existing cluster in Spain.
case("kube15-gdpr-existing-spain", PROVIDERS, cite=DOC["eea"])(placed(existing("ES", "madrid-dc1"), "gdpr"))
# Violates: a uk tenant on an existing cluster declared in the Isle of Man, a Crown Dependency outside the UK.
case("kube15-uk-existing-isle-of-man", PROVIDERS, "DENY", DOC["crown"])(placed(existing("IM", "douglas-dc1"), "uk"))
# Complies: the uk tenant on an existing cluster in Great Britain.
case("kube15-uk-existing-manchester", PROVIDERS, cite=DOC["crown"])(placed(existing("GB", "manchester-dc1"), "uk"))
# Violates: a ch tenant on AKS in francecentral (Paris).
case("kube15-ch-aks-france-central", PROVIDERS, "DENY", DOC["azure-regions"])(
    placed(on_aks("francecentral", "FR"), "ch")
)
# Complies: the ch tenant on AKS in switzerlandwest (Geneva).
case("kube15-ch-aks-switzerland-west", PROVIDERS, cite=DOC["azure-regions"])(
    placed(on_aks("switzerlandwest", "CH"), "ch")
)
# Violates: a uk tenant on EKS in eu-west-1 (Ireland).
case("kube15-uk-eks-ireland", PROVIDERS, "DENY", DOC["aws-regions"])(placed(on_eks("eu-west-1", "IE"), "uk"))
# Complies: the uk tenant on EKS in eu-west-2 (London).
case("kube15-uk-eks-london", PROVIDERS, cite=DOC["aws-regions"])(placed(on_eks("eu-west-2", "GB"), "uk"))
# Violates: a us tenant on GKE in northamerica-northeast1 (Montreal, Canada).
case("kube15-us-gke-montreal", PROVIDERS, "DENY", DOC["gcp-regions"])(
    placed(on_gke("northamerica-northeast1", "CA"), "us")
)
# Complies: the us tenant on GKE in us-south1 (Dallas).
case("kube15-us-gke-dallas", PROVIDERS, cite=DOC["gcp-regions"])(placed(on_gke("us-south1", "US"), "us"))
# Violates: the program's vcluster release with a sidecar container that sets no securityContext: restricted refuses
# the control-plane pod (no runAsNonRoot, privilege escalation allowed, no seccomp, capabilities kept).
case("kube15-vcluster-sidecar-no-security-context", PROVIDERS, "DENY", DOC["pss"])(on_vcluster(vcluster_sidecar(None)))
# Complies: the sidecar runs with a restricted securityContext.
case("kube15-vcluster-sidecar-restricted", PROVIDERS, cite=DOC["vcluster-sts"])(
    on_vcluster(vcluster_sidecar(RESTRICTED_CONTAINER))
)
# Violates: the vcluster deploys etcd as its own StatefulSet with the chart's empty security contexts: restricted
# refuses the etcd pod.
case("kube15-vcluster-deployed-etcd-default-security", PROVIDERS, "DENY", DOC["pss"])(on_vcluster(vcluster_etcd(None)))
# Complies: the deployed etcd runs with restricted pod and container security contexts.
case("kube15-vcluster-deployed-etcd-restricted", PROVIDERS, cite=DOC["pss"])(
    on_vcluster(vcluster_etcd(ETCD_RESTRICTED))
)
# Violates: the program's vcluster release with kube-vip enabled: the chart adds NET_ADMIN and NET_RAW to the
# syncer container, capabilities restricted refuses (only NET_BIND_SERVICE may be added).
case("kube15-vcluster-kube-vip-enabled", PROVIDERS, "DENY", DOC["pss"])(on_vcluster(vcluster_kube_vip(True)))
# Complies: the same values with kube-vip disabled.
case("kube15-vcluster-kube-vip-disabled", PROVIDERS, cite=DOC["kube-vip"])(on_vcluster(vcluster_kube_vip(False)))


# ============================================================================ unknown at preview


def annotated(make: Obj, annotations: dict[str, Any]) -> Obj:
    """``make``'s object with ``annotations`` added to its metadata."""

    def wrapped(s: Stack, k8s: str) -> Any:
        urn = make(s, k8s)
        obj = next(r for r in s.resources if r.urn == urn)
        obj.inputs = {**obj.inputs, "metadata": {**obj.inputs["metadata"], "annotations": annotations}}
        return urn

    return wrapped


# Violates: the ServiceCIDR writer aggregated into edit; only an annotation's value is unknown.
case("kube15-unknown-annotation-agg-edit-service-cidrs", PREVIEW, "DENY", DOC["service-cidr"])(
    iso(
        annotated(cluster_role("service-cidr-editor", SERVICE_CIDR_WRITE, EDIT_AGG), {"example.com/owner": UNKNOWN}),
        neighbour=True,
    )
)
# Violates: the uk tenant on EKS in Ireland; only its app's image (a registry output) is unknown.
case("kube15-unknown-image-uk-eks-ireland", PREVIEW, "DENY", DOC["aws-regions"])(
    placed(on_eks("eu-west-1", "IE"), "uk", image=f"{UNKNOWN}:1.4.2")
)
# Violates: the HTTPRoute's false dedicated claim; only its hostname (a DNS record's output) is unknown.
case("kube15-unknown-hostname-httproute-false-claim", PREVIEW, "DENY", DOC["multi-tenancy"])(
    iso(route(CLAIM, hostnames=[UNKNOWN]), neighbour=True)
)
# Violates: acme's RuntimeClasses webhook; only its caBundle (a certificate's output) is unknown.
case("kube15-unknown-cabundle-webhook-runtime-classes", PREVIEW, "DENY", DOC["webhook-ns"])(
    iso(vhook("node.k8s.io", ["runtimeclasses"], client={**ACME_SERVICE, "caBundle": UNKNOWN}), neighbour=True)
)
# Violates: the Maven password is in the ConfigMap; only another key's value is unknown.
case("kube15-unknown-key-maven-settings-password", PREVIEW, "DENY", DOC["maven"])(
    iso(configmap({"settings.xml": MAVEN_PASSWORD, "MAVEN_REPO_URL": UNKNOWN}, name="maven"))
)
# Complies: the uk tenant on EKS in London; its app's image is unknown.
case("kube15-unknown-image-uk-eks-london", PREVIEW, cite=DOC["aws-regions"])(
    placed(on_eks("eu-west-2", "GB"), "uk", image=f"{UNKNOWN}:1.4.2")
)
# Complies: acme's own HTTPRoutes webhook; its caBundle is unknown.
case("kube15-unknown-cabundle-webhook-httproutes-own", PREVIEW, cite=DOC["webhook-ns"])(
    iso(
        vhook(GATEWAY, ["httproutes"], client={**ACME_SERVICE, "caBundle": UNKNOWN}, scope="Namespaced"), neighbour=True
    )
)
# Complies: the HTTPRoute labelled with the tenant's real isolation; its hostname is unknown.
case("kube15-unknown-hostname-httproute-namespace", PREVIEW, cite=DOC["httproute"])(
    iso(route({"fleet-isolation": "namespace", "fleet-tenant": "acme"}, hostnames=[UNKNOWN]), neighbour=True)
)
# Complies: the ReplicaSet's API key comes from a Secret whose name (another resource's output) is unknown.
case("kube15-unknown-secret-name-replicaset-env", PREVIEW, cite=DOC["env-secret"])(
    iso(
        app_sa(),
        replica_set([{"name": "STRIPE_API_KEY", "valueFrom": {"secretKeyRef": {"name": UNKNOWN, "key": "api-key"}}}]),
    )
)
# Complies: the vcluster's restricted sidecar; its image (a registry output) is unknown.
case("kube15-unknown-image-vcluster-sidecar-restricted", PREVIEW, cite=DOC["vcluster-sts"])(
    on_vcluster(vcluster_sidecar(RESTRICTED_CONTAINER, image=f"{UNKNOWN}:0.9.2"))
)


# ============================================================================ malformed shapes

# Violates (cannot evaluate): the aggregated role's resources written as one string (depth 3; a list of names):
# what it aggregates into every tenant's edit binding decides FLEET-TEN-010.
case("kube15-bad-agg-edit-resources-string", MALFORMED, "DENY", DOC["cr-api"])(
    iso(
        cluster_role("route-editor", [{"apiGroups": [GATEWAY], "resources": "httproutes", "verbs": WRITE}], EDIT_AGG),
        neighbour=True,
    )
)
# Complies: the same rule with its resources as a list.
case("kube15-agg-edit-resources-list", MALFORMED, cite=DOC["aggregation"])(
    iso(
        cluster_role("route-editor", [{"apiGroups": [GATEWAY], "resources": ["httproutes"], "verbs": WRITE}], EDIT_AGG),
        neighbour=True,
    )
)
# Violates (cannot evaluate): the tenant webhook's namespaceSelector values written as one string (depth 5): which
# namespaces it intercepts decides FLEET-TEN-008.
case("kube15-bad-webhook-selector-values-string", MALFORMED, "DENY", DOC["label-selector"])(
    iso(
        vhook(
            "coordination.k8s.io",
            ["leases"],
            selector={"matchExpressions": [{"key": NAME, "operator": "In", "values": "acme"}]},
        ),
        neighbour=True,
    )
)
# Complies: the same selector with values as a list (acme only).
case("kube15-webhook-selector-values-list", MALFORMED, cite=DOC["vwc-api"])(
    iso(vhook("coordination.k8s.io", ["leases"], selector=leases_selector("acme")), neighbour=True)
)
# Violates (cannot evaluate): the Gateway ingress rule's from written as one peer object instead of a list
# (depth 3): which peers it admits decides FLEET-TEN-003.
case("kube15-bad-np-ingress-from-object", MALFORMED, "DENY", DOC["netpol-api"])(
    iso(
        policy(
            {
                "podSelector": {"matchLabels": APP},
                "policyTypes": ["Ingress"],
                "ingress": [
                    {
                        "from": {"namespaceSelector": {"matchLabels": {NAME: "gateway-system"}}},
                        "ports": [{"protocol": "TCP", "port": 8080}],
                    }
                ],
            },
            name="allow-gateway",
        ),
        neighbour=True,
    )
)
# Complies: the same rule with from as a one-peer list.
case("kube15-np-ingress-from-list", MALFORMED, cite=DOC["netpol"])(
    iso(gateway_ingress({"matchLabels": {NAME: "gateway-system"}}), neighbour=True)
)
# Violates (cannot evaluate): the tenant quota's hard written as a list of resource/value items (depth 2; a map):
# whether it bounds CPU and memory decides FLEET-TEN-001.
case("kube15-bad-quota-hard-list", MALFORMED, "DENY", DOC["quota-api"])(
    quota_hard([{"resource": key, "value": value} for key, value in QUOTA_CPU_MEMORY.items()])
)
# Complies: the same bounds as a map.
case("kube15-quota-hard-map", MALFORMED, cite=DOC["quota-api"])(quota_hard(dict(QUOTA_CPU_MEMORY)))
# Violates (cannot evaluate): a RoleBinding subject written as a "group:name" string (depth 2; each subject is an
# object): whom it binds in acme decides FLEET-TEN-009.
case("kube15-bad-rb-subject-string", MALFORMED, "DENY", DOC["rb-api"])(
    iso(
        add(
            f"kubernetes:{RBAC}/v1:RoleBinding",
            "acme-lease-view-rb",
            metadata={"name": "lease-view", "namespace": "acme"},
            roleRef={"apiGroup": RBAC, "kind": "ClusterRole", "name": "view"},
            subjects=["Group:system:serviceaccounts:acme"],
        ),
        neighbour=True,
    )
)
# Complies: the subject as an object, acme's own service accounts.
case("kube15-rb-subject-object", MALFORMED, cite=DOC["subjects"])(
    iso(role_binding(VIEW, group("system:serviceaccounts:acme"), name="lease-view"), neighbour=True)
)
