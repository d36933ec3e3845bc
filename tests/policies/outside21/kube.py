"""Kubernetes isolation cases of the twenty-first outside corpus: kinds, fields and situations the twenty earlier
outside corpora did not try. DeviceTaintRule writes (DRA device taints, which evict other tenants' pods) aggregated
into edit against ``pods/resize``; APIService writes aggregated into admin against ControllerRevisions; a tenant
webhook on ResourceSlices (cluster-scoped) against one on ``pods/resize``; a webhook and a NetworkPolicy that select
namespaces by the fleet's ``fleet-tenant-owner`` label instead of ``fleet-tenant``; a CiliumNetworkPolicy whose
``fromCIDRSet`` names a CiliumCIDRGroup (a private pool against a partner's public range); Cilium ``toNodes``
against ``toFQDNs``; a Calico GlobalNetworkPolicy against the same StagedGlobalNetworkPolicy; Airflow's metadata
database ``user``/``pass`` in Helm values against ``metadataSecretName``; a RoleBinding to the built-in
``system:node-problem-detector``; GitLab Runner's ``runnerToken`` in Helm values; a Debezium connector's
``database.password`` in a ConfigMap against Kafka's ``${file:...}`` config provider. Providers and patches: GDPR on
EKS in Bahrain vs Milan, uk on AKS in the Netherlands vs Cardiff, an ``eu`` tenant on an existing cluster in
Liechtenstein vs Luxembourg, ``ca`` on AKS in Illinois vs Toronto, GDPR on an existing cluster in Serbia vs
Estonia, a ResourceClaim that claims a dedicated cluster, a dedicated-cluster claim beside a namespace a
NamespacePatch gives another tenant, the CoreDNS container securityContext of a vcluster and a sidecar's
``preStop`` hook that names a host. Then values unknown at preview and malformed shapes.

Written from Kubernetes, Cilium, Calico, vCluster, GitLab, Airflow, Debezium, Kafka, Pulumi and cloud region
documentation and the pack's user-facing contract (docs/RULES.md, docs/SPEC.md, docs/REVIEW.md, README.md, what
fleet/tenancy, fleet/clusters, fleet/core/vcluster_chart.py and fleet/core/podsecurity.py render and judge), by a
helper that did not read the pack's rules, its configs, its tests or the tuned corpus's cases. Each case only says
whether a correct pack reports some mandatory violation (``expect="DENY"``) or none; a comment above it says why,
and it cites the page the outcome rests on. The stacks are built with the helpers of the earlier outside corpora.

``UNKNOWN`` stands for a value the engine only learns at the update. Where the decision does not need it a correct
pack decides as if it were known; where it does, the pack defers (advisory FLEET-PRE-001, or the SDK's advisory
"can't run policy during preview" for a resource rule), which is no mandatory violation.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from tests.policies.corpus import UNKNOWN, Stack
from tests.policies.outside.corpus import (
    DEFAULT_DENY,
    LIMITS,
    QUOTA,
    _find,
    cluster_role,
    ingress,
    netpol,
    role_binding,
    service_account,
)
from tests.policies.outside2.corpus import ADMIN_AGG, CLAIM, DEDICATED, EDIT_AGG, Obj, iso, labelled
from tests.policies.outside3.kube import RELEASE, add, on_vcluster, program_values, release
from tests.policies.outside5.kube import webhook
from tests.policies.outside6.kube import configmap
from tests.policies.outside11.cloud import depends
from tests.policies.outside15.kube import RESTRICTED_CONTAINER, existing, on_aks, on_eks, placed
from tests.policies.outside16.kube import cilium_policy
from tests.policies.outside18.kube import hook_on
from tests.policies.outside20.kube import ACME_SERVICE, hook_with_selector
from tests.policies.outside21.common import case

ISOLATION = "tenant-isolation"
PROVIDERS = "k8s-providers-and-patches"
PREVIEW = "unknown-at-preview"
MALFORMED = "malformed"

NAME = "kubernetes.io/metadata.name"
RBAC = "rbac.authorization.k8s.io"
K8S_API = "https://kubernetes.io/docs/reference/kubernetes-api"
CILIUM_L3 = "https://docs.cilium.io/en/latest/security/policy/layer3"

DOC = {
    # RBAC and aggregation
    "device-taints": (
        "https://kubernetes.io/docs/concepts/resource-management/dynamic-resource-allocation/device-taints/"
    ),
    "pod-resize": "https://kubernetes.io/docs/tasks/configure-pod-container/resize-container-resources/",
    "aggregation-layer": "https://kubernetes.io/docs/concepts/extend-kubernetes/api-extension/apiserver-aggregation/",
    "controller-revision": f"{K8S_API}/workload-resources/controller-revision-v1/",
    "aggregation": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#aggregated-clusterroles",
    "other-roles": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#other-component-roles",
    "cr-api": f"{K8S_API}/authorization-resources/cluster-role-v1/",
    # admission
    "webhook-ns": (
        "https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/"
        "#matching-requests-namespaceselector"
    ),
    "dra": "https://kubernetes.io/docs/concepts/scheduling-eviction/dynamic-resource-allocation/",
    "label-selector": f"{K8S_API}/common-definitions/label-selector/",
    # network policy engines
    "cilium-cidr-group": "https://docs.cilium.io/en/latest/network/kubernetes/ciliumcidrgroup/",
    "cilium-nodes": f"{CILIUM_L3}/#node-based",
    "cilium-dns": f"{CILIUM_L3}/#dns-based",
    "calico-gnp": "https://docs.tigera.io/calico/latest/reference/resources/globalnetworkpolicy",
    "calico-staged": "https://docs.tigera.io/calico/latest/reference/resources/stagedglobalnetworkpolicy",
    "netpol": "https://kubernetes.io/docs/concepts/services-networking/network-policies/",
    "netpol-api": f"{K8S_API}/policy-resources/network-policy-v1/",
    # guardrails
    "limitrange-api": f"{K8S_API}/policy-resources/limit-range-v1/",
    # credentials
    "gitlab-runner-secret": (
        "https://docs.gitlab.com/runner/install/kubernetes_configuration/"
        "#store-registration-tokens-or-runner-tokens-in-secrets"
    ),
    "airflow-production": "https://airflow.apache.org/docs/helm-chart/stable/production-guide.html#database",
    "debezium-pg": "https://debezium.io/documentation/reference/stable/connectors/postgresql.html",
    "kafka-config-providers": "https://kafka.apache.org/42/configuration/configuration-providers/",
    "container-api": f"{K8S_API}/workload-resources/pod-v1/#environment-variables",
    # placement
    "aws-regions": "https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html",
    "azure-regions": "https://learn.microsoft.com/en-us/azure/reliability/regions-list",
    "eu-countries": "https://european-union.europa.eu/principles-countries-history/eu-countries_en",
    "eea": "https://www.efta.int/eea/eea-agreement",
    # isolation claims, vcluster, Pod Security
    "pss": "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
    "vcluster-coredns": "https://www.vcluster.com/docs/vcluster/configure/vcluster-yaml/control-plane/components/coredns",
    "vcluster-sts": "https://www.vcluster.com/docs/vcluster/configure/vcluster-yaml/control-plane/components/statefulset",
    "ns-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/core/v1/namespacepatch/",
    "unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
}


# ------------------------------------------------------------------------------------ helpers

WRITE = ["create", "delete", "deletecollection", "patch", "update"]
READ = ["get", "list", "watch"]
TICKET = {"example.com/change-ticket": UNKNOWN}
CLUSTER_ROLE = f"kubernetes:{RBAC}/v1:ClusterRole"


def aggregated(name: str, rules: Any, labels: dict[str, str], annotations: dict[str, Any] | None = None) -> Obj:
    """A ClusterRole ``name`` with ``rules``, labelled ``labels`` (an aggregation label), optionally annotated."""
    metadata: dict[str, Any] = {"name": name, "labels": labels}
    if annotations:
        metadata["annotations"] = annotations
    return add(CLUSTER_ROLE, f"{name}-cr", metadata=metadata, rules=rules)


# A GPU health operator's rights aggregated into edit: DeviceTaintRules are cluster-scoped (resource.k8s.io); one with
# effect NoExecute evicts every pod whose claim uses a matching device, whoever's pod it is.
DEVICE_TAINTS_WRITE = [{"apiGroups": ["resource.k8s.io"], "resources": ["devicetaintrules"], "verbs": [*READ, *WRITE]}]
# In-place resize of the tenant's own pods (the pods/resize subresource, namespaced; quota still bounds it).
POD_RESIZE = [{"apiGroups": [""], "resources": ["pods/resize"], "verbs": ["get", "patch", "update"]}]
# A metrics adapter's rights aggregated into admin: APIServices (cluster-scoped) route a whole API group to a service.
APISERVICES_WRITE = [{"apiGroups": ["apiregistration.k8s.io"], "resources": ["apiservices"], "verbs": [*READ, *WRITE]}]
REVISIONS_WRITE = [{"apiGroups": ["apps"], "resources": ["controllerrevisions"], "verbs": [*READ, *WRITE]}]


def gpu_health(rules: Any, annotations: dict[str, Any] | None = None) -> Obj:
    return aggregated("gpu-health-operator", rules, EDIT_AGG, annotations)


def metrics_adapter(rules: Any) -> Obj:
    return aggregated("metrics-adapter-admin", rules, ADMIN_AGG)


def resize_hook() -> Obj:
    """acme's validating webhook on UPDATE of pods/resize (namespaced), selecting acme by name."""
    rule = {
        "operations": ["UPDATE"],
        "apiGroups": [""],
        "apiVersions": ["v1"],
        "resources": ["pods/resize"],
        "scope": "Namespaced",
    }
    selector = {"matchExpressions": [{"key": NAME, "operator": "In", "values": ["acme"]}]}
    return webhook(ACME_SERVICE, selector, [rule], kind="Validating", name="acme-pod-resize")


OWNER_LABEL = {"matchLabels": {"fleet-tenant-owner": "acme-admins"}}
TENANT_LABEL = {"matchLabels": {"fleet-tenant": "acme"}}


def hpa_hook(selector: Any) -> Obj:
    """acme's validating webhook on HorizontalPodAutoscalers (namespaced) with ``selector``."""
    return hook_with_selector("horizontalpodautoscalers", "autoscaling", selector)


# Cilium: a CIDR group (cluster-scoped) and a policy in acme that admits it by name.
CCG = "kubernetes:cilium.io/v2alpha1:CiliumCIDRGroup"
FROM_PARTNER_VPN = {
    "fromCIDRSet": [{"cidrGroupRef": "partner-vpn"}],
    "toPorts": [{"ports": [{"port": "8443", "protocol": "TCP"}]}],
}


def partner_vpn(cidrs: Any) -> list[Obj]:
    """The CiliumCIDRGroup ``partner-vpn`` holding ``cidrs``, and a CiliumNetworkPolicy in acme admitting it to the
    shop's 8443."""
    group_ = add(CCG, "partner-vpn-ccg", metadata={"name": "partner-vpn"}, spec={"externalCIDRs": cidrs})
    return [group_, cilium_policy("from-partner-vpn", ingress=[FROM_PARTNER_VPN])]


def vpn_with_tunnel(known: str) -> Any:
    """The partner VPN group holding ``known`` and the address of a LoadBalancer Service the same update creates (in
    the platform's ``edge`` namespace, the partner's IPsec tunnel endpoint): that address is unknown at preview."""

    def build(s: Stack, k8s: str) -> None:
        tunnel = s.add(
            "kubernetes:core/v1:Service",
            "edge-partner-tunnel-svc",
            k8s,
            metadata={"name": "partner-tunnel", "namespace": "edge"},
            spec={
                "type": "LoadBalancer",
                "selector": {"app": "ipsec-gateway"},
                "ports": [{"port": 4500, "protocol": "UDP"}],
            },
        )
        spec = {"externalCIDRs": [known, UNKNOWN]}
        group_urn = add(CCG, "partner-vpn-ccg", metadata={"name": "partner-vpn"}, spec=spec)(s, k8s)
        depends(s, group_urn, spec=[tunnel])
        _find(s, group_urn).dependencies = [tunnel]
        cilium_policy("from-partner-vpn", ingress=[FROM_PARTNER_VPN])(s, k8s)

    return build


TO_KUBELETS = {
    "toNodes": [{"matchLabels": {"kubernetes.io/os": "linux"}}],
    "toPorts": [{"ports": [{"port": "10250", "protocol": "TCP"}]}],
}
TO_STRIPE = {
    "toFQDNs": [{"matchName": "api.stripe.com"}],
    "toPorts": [{"ports": [{"port": "443", "protocol": "TCP"}]}],
}

# Calico: a cluster-scoped policy whose selector picks acme's shop pods, allowing ingress from the data centre.
GNP = "kubernetes:projectcalico.org/v3:GlobalNetworkPolicy"
STAGED_GNP = "kubernetes:projectcalico.org/v3:StagedGlobalNetworkPolicy"


def calico_global(type_: str) -> Obj:
    return add(
        type_,
        "acme-from-datacentre-gnp",
        metadata={"name": "acme-from-datacentre"},
        spec={
            "order": 100,
            "selector": "projectcalico.org/namespace == 'acme' && app == 'shop'",
            "types": ["Ingress"],
            "ingress": [
                {
                    "action": "Allow",
                    "protocol": "TCP",
                    "source": {"nets": ["10.0.0.0/8"]},
                    "destination": {"ports": [8443]},
                }
            ],
        },
    )


def from_namespaces(selector: dict[str, Any]) -> Obj:
    """A NetworkPolicy in acme admitting ingress on 8080 from the namespaces ``selector`` matches."""
    return netpol(ingress({"namespaceSelector": selector}, ports=[{"protocol": "TCP", "port": 8080}]), name="allow-own")


def airflow(values: dict[str, Any]) -> Obj:
    """Apache Airflow's official chart in acme (the tenant's scheduler), its metadata database outside the chart,
    with ``values`` added."""
    return add(
        RELEASE,
        "acme-airflow",
        name="airflow",
        chart="airflow",
        version="1.18.0",
        repositoryOpts={"repo": "https://airflow.apache.org"},
        namespace="acme",
        values={"executor": "KubernetesExecutor", "postgresql": {"enabled": False}, **values},
    )


# The chart's "values file" option: it creates the metadata Secret from these values (user and pass).
METADATA_IN_VALUES = {
    "data": {
        "metadataConnection": {
            "user": "airflow",
            "pass": "Vq8mT3xR7pLz2KwN",
            "protocol": "postgresql",
            "host": "airflow-pg.acme.svc",
            "port": 5432,
            "db": "airflow",
        }
    }
}
# The chart's "Kubernetes Secret" option: the connection string lives in a Secret the chart only names.
METADATA_SECRET = {"data": {"metadataSecretName": "airflow-metadata"}}

NPD_SA = service_account("acme", "node-problem-detector")
EVENTS_WRITE = [{"apiGroups": [""], "resources": ["events"], "verbs": ["create", "patch", "update"]}]


def npd_binding(role_name: str) -> Obj:
    return role_binding(("ClusterRole", role_name), NPD_SA, name="node-problem-detector")


def gitlab_runner(values: dict[str, Any], gitlab_url: Any = "https://gitlab.acme.example.com") -> Obj:
    """GitLab Runner's official chart in acme (the tenant's CI), with ``values`` added."""
    return add(
        RELEASE,
        "acme-gitlab-runner",
        name="gitlab-runner",
        chart="gitlab-runner",
        version="0.80.1",
        repositoryOpts={"repo": "https://charts.gitlab.io"},
        namespace="acme",
        values={"gitlabUrl": gitlab_url, "concurrent": 4, **values},
    )


RUNNER_TOKEN = {"runnerToken": "glrt-t3_Xq8vN2mR7pLz4KwT9bYcHs"}
RUNNER_SECRET = {"runners": {"secret": "gitlab-runner-token"}}

DB_PASSWORD = "Tz7qR4mN2vXp9LkW"
PASSWORD_FROM_FILE = "${file:/opt/kafka/external-configuration/ledger-db/credentials.properties:password}"


def debezium_connector(password: str) -> Obj:
    """The Kafka Connect registration of a Debezium PostgreSQL connector, kept in a ConfigMap that a Job posts to
    the Connect REST API."""
    body = {
        "name": "ledger-cdc",
        "config": {
            "connector.class": "io.debezium.connector.postgresql.PostgresConnector",
            "database.hostname": "ledger-db.acme.svc",
            "database.port": "5432",
            "database.user": "debezium",
            "database.password": password,
            "database.dbname": "ledger",
            "topic.prefix": "ledger",
            "plugin.name": "pgoutput",
        },
    }
    return configmap({"ledger-cdc.json": json.dumps(body, indent=2)}, name="kafka-connect-connectors")


# Providers and patches

RESOURCE_CLAIM = "kubernetes:resource.k8s.io/v1beta2:ResourceClaim"
DEVICE_CLASS = "kubernetes:resource.k8s.io/v1beta2:DeviceClass"


def gpu_claim(labels: dict[str, Any], device_class: Any = "gpu.nvidia.com") -> Obj:
    """acme's ResourceClaim for one GPU of ``device_class``, labelled ``labels``."""
    return add(
        RESOURCE_CLAIM,
        "acme-training-gpu-rc",
        metadata={"name": "training-gpu", "namespace": "acme", "labels": labels},
        spec={
            "devices": {
                "requests": [
                    {
                        "name": "gpu",
                        "exactly": {"deviceClassName": device_class, "allocationMode": "ExactCount", "count": 1},
                    }
                ]
            }
        },
    )


def gpu_claim_generated_class(s: Stack, k8s: str) -> None:
    """A DeviceClass the stack creates with a generated name, and acme's claim (labelled as a dedicated-cluster claim)
    on it: the class name is an output of the update."""
    device_class = s.add(
        DEVICE_CLASS,
        "a100-class",
        k8s,
        metadata={"labels": {"purpose": "training"}},
        spec={"selectors": [{"cel": {"expression": "device.driver == 'gpu.nvidia.com'"}}]},
    )
    claim = gpu_claim(CLAIM, UNKNOWN)(s, k8s)
    depends(s, claim, spec=[device_class])
    _find(s, claim).dependencies = [device_class]


def adopted_namespace(tenant_name: str) -> Obj:
    """A NamespacePatch (server-side apply) that labels ``legacy-billing``, a namespace the stack does not make, as
    ``tenant_name``'s (regime and restricted Pod Security included), and the guardrails the fleet gives a tenant
    namespace, inside it."""

    def make(s: Stack, k8s: str) -> str:
        labels = {
            "fleet-tenant": tenant_name,
            "fleet-residency": "gdpr",
            "pod-security.kubernetes.io/enforce": "restricted",
        }
        urn = s.add(
            "kubernetes:core/v1:NamespacePatch",
            "legacy-billing-ns-patch",
            k8s,
            metadata={"name": "legacy-billing", "labels": labels},
        )
        meta = {"namespace": "legacy-billing", "labels": {"fleet-tenant": tenant_name}}
        s.add(
            "kubernetes:core/v1:ResourceQuota",
            "legacy-billing-quota",
            k8s,
            metadata={"name": "tenant-quota", **meta},
            spec={"hard": QUOTA},
        )
        s.add(
            "kubernetes:core/v1:LimitRange",
            "legacy-billing-limits",
            k8s,
            metadata={"name": "tenant-limits", **meta},
            spec={"limits": LIMITS},
        )
        s.add(
            "kubernetes:networking.k8s.io/v1:NetworkPolicy",
            "legacy-billing-deny",
            k8s,
            metadata={"name": "default-deny", **meta},
            spec=DEFAULT_DENY,
        )
        return urn

    return make


COREDNS_CONTEXT = {
    "allowPrivilegeEscalation": False,
    "readOnlyRootFilesystem": True,
    "runAsNonRoot": True,
    "runAsUser": 1001,
    "runAsGroup": 1001,
}
COREDNS_ADD_ONLY = {**COREDNS_CONTEXT, "capabilities": {"add": ["NET_BIND_SERVICE"]}}
COREDNS_DROP_ALL = {**COREDNS_CONTEXT, "capabilities": {"add": ["NET_BIND_SERVICE"], "drop": ["ALL"]}}


def coredns_container(context: dict[str, Any], image_tag: Any = None) -> Obj:
    """The program's vcluster release with the CoreDNS container's own securityContext
    (``controlPlane.coredns.security.containerSecurityContext``); with ``image_tag``, a pinned syncer image tag."""
    values = copy.deepcopy(program_values())
    values["controlPlane"]["coredns"] = {"enabled": True, "security": {"containerSecurityContext": context}}
    if image_tag is not None:
        values["controlPlane"]["statefulSet"].setdefault("image", {})["tag"] = image_tag
    return release(values)


FLUSH_UPSTREAM = {"httpGet": {"host": "fluentd-aggregator.logging.svc", "path": "/api/flush", "port": 24220}}
FLUSH_OWN = {"httpGet": {"path": "/api/flush", "port": 24220}}


def hooked_sidecar(pre_stop: dict[str, Any]) -> Obj:
    """The program's vcluster release with a restricted audit-shipper sidecar whose preStop hook is ``pre_stop``."""
    values = copy.deepcopy(program_values())
    values["controlPlane"]["statefulSet"]["sidecarContainers"] = [
        {
            "name": "audit-shipper",
            "image": "ghcr.io/acme/audit-shipper:0.9.2",
            "securityContext": dict(RESTRICTED_CONTAINER),
            "lifecycle": {"preStop": pre_stop},
        }
    ]
    return release(values)


# Malformed helpers


def migration_job(env: Any) -> Obj:
    """acme's Flyway migration Job with its container's ``env``."""
    return add(
        "kubernetes:batch/v1:Job",
        "acme-ledger-migrate-job",
        metadata={"name": "ledger-migrate", "namespace": "acme"},
        spec={
            "backoffLimit": 2,
            "template": {
                "spec": {
                    "restartPolicy": "Never",
                    "containers": [
                        {
                            "name": "flyway",
                            "image": "registry.example.com/acme/ledger-migrations:3.1.0",
                            "securityContext": dict(RESTRICTED_CONTAINER),
                            "env": env,
                        }
                    ],
                }
            },
        },
    )


def app_deny(operator: str, values: Any) -> dict[str, Any]:
    """A deny-all policy spec over the pods whose ``app`` label is ``operator`` ``values``."""
    return {
        "podSelector": {"matchExpressions": [{"key": "app", "operator": operator, "values": values}]},
        "policyTypes": ["Ingress", "Egress"],
    }


def split_default_deny(rest_values: Any) -> Any:
    """acme's default deny split in two: the tenant's deny over app In [shop], a second over app NotIn
    ``rest_values``."""
    return iso(netpol(app_deny("NotIn", rest_values), name="default-deny-rest"), deny=app_deny("In", ["shop"]))


EXTRAS_LABEL = "acme.example.com/aggregate-to-edit-extras"
EXTRAS_SELECTOR = {"key": EXTRAS_LABEL, "operator": "Exists"}
CONFIGMAP_HISTORY = [{"apiGroups": [""], "resources": ["configmaps"], "verbs": READ}]


def edit_extras(expressions: Any) -> list[Obj]:
    """A ClusterRole aggregated into edit that itself gathers the roles labelled ``EXTRAS_LABEL`` (its selector's
    matchExpressions as given), and one such role (reading ConfigMaps)."""
    return [
        add(
            CLUSTER_ROLE,
            "acme-edit-extras-cr",
            metadata={"name": "acme-edit-extras", "labels": EDIT_AGG},
            aggregationRule={"clusterRoleSelectors": [{"matchExpressions": expressions}]},
            rules=[],
        ),
        cluster_role("configmap-history-reader", CONFIGMAP_HISTORY, {EXTRAS_LABEL: "true"}),
    ]


def monitoring_ingress(key: Any) -> Obj:
    """A NetworkPolicy in acme admitting Prometheus from the namespace named monitoring (requirement key as given)."""
    selector = {"matchExpressions": [{"key": key, "operator": "In", "values": ["monitoring"]}]}
    return netpol(
        ingress({"namespaceSelector": selector}, ports=[{"protocol": "TCP", "port": 9090}]), name="allow-prometheus"
    )


def batch_limits(default_cpu: Any) -> list[dict[str, Any]]:
    """acme's LimitRange items with a lower container default CPU for batch work (``default_cpu`` as given)."""
    return [
        {
            "type": "Container",
            "default": {"cpu": default_cpu, "memory": "256Mi"},
            "defaultRequest": {"cpu": "100m", "memory": "128Mi"},
            "max": {"cpu": "2", "memory": "4Gi"},
        }
    ]


def hpa_hook_values(values: Any) -> Obj:
    """acme's HorizontalPodAutoscaler webhook selecting namespaces by name In ``values``."""
    return hpa_hook({"matchExpressions": [{"key": NAME, "operator": "In", "values": values}]})


# ============================================================================ tenant isolation

# Violates: DeviceTaintRule writes (resource.k8s.io, cluster-scoped; a NoExecute taint evicts every pod using a
# matching device, other tenants' included) aggregated into edit, so into every tenant's edit binding.
case("kube21-agg-edit-devicetaintrules-write", ISOLATION, "DENY", DOC["device-taints"])(
    iso(gpu_health(DEVICE_TAINTS_WRITE), neighbour=True)
)
# Complies: patching pods/resize (in-place resize of the tenant's own pods, namespaced) aggregated into edit.
case("kube21-agg-edit-pods-resize", ISOLATION, cite=DOC["pod-resize"])(iso(gpu_health(POD_RESIZE), neighbour=True))
# Violates: APIService writes (apiregistration.k8s.io, cluster-scoped: an APIService routes a whole API group to a
# service of its choosing) aggregated into admin.
case("kube21-agg-admin-apiservices-write", ISOLATION, "DENY", DOC["aggregation-layer"])(
    iso(metrics_adapter(APISERVICES_WRITE), neighbour=True)
)
# Complies: ControllerRevision writes (apps, namespaced) aggregated into admin.
case("kube21-agg-admin-controllerrevisions-write", ISOLATION, cite=DOC["controller-revision"])(
    iso(metrics_adapter(REVISIONS_WRITE), neighbour=True)
)
# Violates: a webhook served from acme on ResourceSlices (cluster-scoped: every node's devices) with a selector for
# acme: the selector has no effect on cluster-scoped objects, so acme sees and may refuse every slice.
case("kube21-webhook-resourceslices", ISOLATION, "DENY", DOC["webhook-ns"])(
    iso(hook_on("resourceslices", "resource.k8s.io", "v1", "Cluster"), neighbour=True)
)
# Complies: a webhook served from acme on pods/resize (a namespaced subresource), acme's namespace only.
case("kube21-webhook-pods-resize-own", ISOLATION, cite=DOC["webhook-ns"])(iso(resize_hook(), neighbour=True))
# Violates: acme's webhook selects namespaces by fleet-tenant-owner (the fleet's owner-group label), which bounds
# neither by namespace name nor by tenant.
case("kube21-webhook-selector-tenant-owner-label", ISOLATION, "DENY", DOC["webhook-ns"])(
    iso(hpa_hook(OWNER_LABEL), neighbour=True)
)
# Complies: the same webhook selecting fleet-tenant=acme.
case("kube21-webhook-selector-tenant-label", ISOLATION, cite=DOC["webhook-ns"])(
    iso(hpa_hook(TENANT_LABEL), neighbour=True)
)
# Violates: a CiliumNetworkPolicy in acme admits the CiliumCIDRGroup partner-vpn, which holds 10.20.0.0/16: a private
# range (nodes, other tenants' pods on a routed network).
case("kube21-cilium-cidr-group-private", ISOLATION, "DENY", DOC["cilium-cidr-group"])(
    iso(*partner_vpn(["10.20.0.0/16"]), neighbour=True)
)
# Complies: the group holds the partner's public 198.51.100.0/24 only.
case("kube21-cilium-cidr-group-partner-public", ISOLATION, cite=DOC["cilium-cidr-group"])(
    iso(*partner_vpn(["198.51.100.0/24"]), neighbour=True)
)
# Violates: Cilium egress toNodes (every Linux node, the kubelet port): the nodes, as the remote-node and host
# entities are.
case("kube21-cilium-to-nodes-kubelet", ISOLATION, "DENY", DOC["cilium-nodes"])(
    iso(cilium_policy("egress-extra", egress=[TO_KUBELETS]), neighbour=True)
)
# Complies: Cilium egress toFQDNs api.stripe.com on 443 (a public name outside the cluster).
case("kube21-cilium-to-fqdns-public", ISOLATION, cite=DOC["cilium-dns"])(
    iso(cilium_policy("egress-extra", egress=[TO_STRIPE]), neighbour=True)
)
# Violates: a Calico GlobalNetworkPolicy (order 100, before Kubernetes policies) selecting acme's shop pods allows
# ingress from 10.0.0.0/8.
case("kube21-calico-global-policy-private-nets", ISOLATION, "DENY", DOC["calico-gnp"])(
    iso(calico_global(GNP), neighbour=True)
)
# Complies: the same rules as a StagedGlobalNetworkPolicy, which previews and never enforces traffic.
case("kube21-calico-staged-global-policy", ISOLATION, cite=DOC["calico-staged"])(
    iso(calico_global(STAGED_GNP), neighbour=True)
)
# Violates: a NetworkPolicy in acme admits namespaces labelled fleet-tenant-owner=acme-admins: a label, not a name or
# a tenant, so namespaces nobody listed.
case("kube21-np-from-tenant-owner-label", ISOLATION, "DENY", DOC["netpol"])(
    iso(from_namespaces(OWNER_LABEL), neighbour=True)
)
# Complies: the policy admits acme's own namespaces by fleet-tenant=acme.
case("kube21-np-from-tenant-label", ISOLATION, cite=DOC["netpol"])(iso(from_namespaces(TENANT_LABEL), neighbour=True))
# Violates: Airflow's metadata database credentials (data.metadataConnection user and pass) in the Helm release's
# values: the chart's production guide warns they are then in the values file.
case("kube21-helm-airflow-metadata-connection", ISOLATION, "DENY", DOC["airflow-production"])(
    iso(airflow(METADATA_IN_VALUES))
)
# Complies: data.metadataSecretName names the Secret that holds the connection string.
case("kube21-helm-airflow-metadata-secret-name", ISOLATION, cite=DOC["airflow-production"])(
    iso(airflow(METADATA_SECRET))
)
# Violates: a RoleBinding in acme to the built-in system:node-problem-detector (not user-facing, not a part of one,
# not among the roles the contract judges by their rules, not defined in the stack).
case("kube21-rb-node-problem-detector-role", ISOLATION, "DENY", DOC["other-roles"])(
    iso(npd_binding("system:node-problem-detector"), neighbour=True)
)
# Complies: the binding names a ClusterRole the stack defines, writing events only.
case("kube21-rb-own-problem-events-role", ISOLATION, cite=DOC["other-roles"])(
    iso(cluster_role("acme-problem-events", EVENTS_WRITE), npd_binding("acme-problem-events"), neighbour=True)
)
# Violates: GitLab Runner's runner authentication token (runnerToken, glrt-...) in the Helm release's values.
case("kube21-helm-gitlab-runner-token", ISOLATION, "DENY", DOC["gitlab-runner-secret"])(
    iso(gitlab_runner(RUNNER_TOKEN))
)
# Complies: the chart reads runner-token from the existing Secret runners.secret names.
case("kube21-helm-gitlab-runner-secret", ISOLATION, cite=DOC["gitlab-runner-secret"])(iso(gitlab_runner(RUNNER_SECRET)))
# Violates: a Debezium connector registration (JSON) in a ConfigMap sets database.password in plain text.
case("kube21-configmap-debezium-password", ISOLATION, "DENY", DOC["debezium-pg"])(iso(debezium_connector(DB_PASSWORD)))
# Complies: database.password is ${file:...:password}, which Kafka's FileConfigProvider fills from a mounted Secret.
case("kube21-configmap-debezium-file-provider", ISOLATION, cite=DOC["kafka-config-providers"])(
    iso(debezium_connector(PASSWORD_FROM_FILE))
)


# ============================================================================ providers and patches

# Violates: a GDPR tenant on EKS in me-south-1 (Bahrain).
case("kube21-gdpr-eks-bahrain", PROVIDERS, "DENY", DOC["aws-regions"])(placed(on_eks("me-south-1", "BH"), "gdpr"))
# Complies: the GDPR tenant on EKS in eu-south-1 (Milan).
case("kube21-gdpr-eks-milan", PROVIDERS, cite=DOC["aws-regions"])(placed(on_eks("eu-south-1", "IT"), "gdpr"))
# Violates: a uk tenant on AKS in westeurope (the Netherlands).
case("kube21-uk-aks-west-europe", PROVIDERS, "DENY", DOC["azure-regions"])(placed(on_aks("westeurope", "NL"), "uk"))
# Complies: the uk tenant on AKS in ukwest (Cardiff).
case("kube21-uk-aks-uk-west", PROVIDERS, cite=DOC["azure-regions"])(placed(on_aks("ukwest", "GB"), "uk"))
# Violates: an eu tenant on an existing cluster in Liechtenstein (in the EEA, not in the EU).
case("kube21-eu-existing-liechtenstein", PROVIDERS, "DENY", DOC["eea"])(placed(existing("LI", "schaan-dc1"), "eu"))
# Complies: the eu tenant on an existing cluster in Luxembourg.
case("kube21-eu-existing-luxembourg", PROVIDERS, cite=DOC["eu-countries"])(placed(existing("LU", "betzdorf-dc1"), "eu"))
# Violates: a ca tenant on AKS in northcentralus (Illinois).
case("kube21-ca-aks-north-central-us", PROVIDERS, "DENY", DOC["azure-regions"])(
    placed(on_aks("northcentralus", "US"), "ca")
)
# Complies: the ca tenant on AKS in canadacentral (Toronto).
case("kube21-ca-aks-canada-central", PROVIDERS, cite=DOC["azure-regions"])(placed(on_aks("canadacentral", "CA"), "ca"))
# Violates: a GDPR tenant on an existing cluster in Serbia (an EU candidate, not in the EEA).
case("kube21-gdpr-existing-serbia", PROVIDERS, "DENY", DOC["eu-countries"])(
    placed(existing("RS", "belgrade-dc1"), "gdpr")
)
# Complies: the GDPR tenant on an existing cluster in Estonia.
case("kube21-gdpr-existing-estonia", PROVIDERS, cite=DOC["eu-countries"])(placed(existing("EE", "tallinn-dc1"), "gdpr"))
# Violates: acme's ResourceClaim labelled fleet-isolation=cluster, fleet-tenant=acme on a cluster globex shares.
case("kube21-resourceclaim-false-dedicated-claim", PROVIDERS, "DENY", DOC["dra"])(iso(gpu_claim(CLAIM), neighbour=True))
# Complies: the same ResourceClaim on a cluster that holds no other tenant.
case("kube21-resourceclaim-dedicated-claim-alone", PROVIDERS, cite=DOC["dra"])(iso(gpu_claim(CLAIM)))
# Violates: acme claims its dedicated cluster (namespace and cluster-admin binding), but a NamespacePatch on the same
# cluster makes legacy-billing, a namespace the stack does not create, globex's: another tenant's namespace.
case("kube21-dedicated-claim-beside-patched-neighbour", PROVIDERS, "DENY", DOC["ns-patch"])(
    iso(labelled(DEDICATED, CLAIM), adopted_namespace("globex"), isolation="cluster")
)
# Complies: the NamespacePatch makes legacy-billing acme's own (fleet-tenant=acme), fully guarded.
case("kube21-dedicated-claim-beside-own-patched-namespace", PROVIDERS, cite=DOC["ns-patch"])(
    iso(labelled(DEDICATED, CLAIM), adopted_namespace("acme"), isolation="cluster")
)
# Violates: the vcluster's CoreDNS container securityContext adds NET_BIND_SERVICE but drops nothing: restricted
# requires capabilities.drop ["ALL"].
case("kube21-vcluster-coredns-container-no-drop", PROVIDERS, "DENY", DOC["pss"])(
    on_vcluster(coredns_container(COREDNS_ADD_ONLY))
)
# Complies: the CoreDNS container drops ALL and adds back NET_BIND_SERVICE only; the pod's seccomp profile comes
# from policies.podSecurityStandard.
case("kube21-vcluster-coredns-container-drop-all", PROVIDERS, cite=DOC["vcluster-coredns"])(
    on_vcluster(coredns_container(COREDNS_DROP_ALL))
)
# Violates: the audit-shipper sidecar's preStop hook calls another host (lifecycle httpGet.host): Pod Security
# baseline (v1.34+), and so restricted, refuses a host in lifecycle handlers as in probes.
case("kube21-vcluster-sidecar-prestop-host", PROVIDERS, "DENY", DOC["pss"])(on_vcluster(hooked_sidecar(FLUSH_UPSTREAM)))
# Complies: the preStop hook calls the sidecar's own pod (no host).
case("kube21-vcluster-sidecar-prestop-own-pod", PROVIDERS, cite=DOC["vcluster-sts"])(
    on_vcluster(hooked_sidecar(FLUSH_OWN))
)


# ============================================================================ unknown at preview

# Violates: DeviceTaintRule writes aggregated into edit; only the role's change-ticket annotation is unknown.
case("kube21-unknown-annotation-agg-devicetaintrules", PREVIEW, "DENY", DOC["device-taints"])(
    iso(gpu_health(DEVICE_TAINTS_WRITE, TICKET), neighbour=True)
)
# Complies: pods/resize aggregated into edit; the annotation is unknown.
case("kube21-unknown-annotation-agg-pods-resize", PREVIEW, cite=DOC["pod-resize"])(
    iso(gpu_health(POD_RESIZE, TICKET), neighbour=True)
)
# Violates: the CIDR group's known entry is the private 10.20.0.0/16; its second entry (a load balancer's address,
# created in the same update) is unknown and cannot make it compliant.
case("kube21-unknown-cidr-group-private-entry", PREVIEW, "DENY", DOC["cilium-cidr-group"])(
    iso(vpn_with_tunnel("10.20.0.0/16"), neighbour=True)
)
# Complies (deferred): the known entry is public; whether the unknown one reaches a private range needs its value.
case("kube21-unknown-cidr-group-entry-deferred", PREVIEW, cite=DOC["unknowns"])(
    iso(vpn_with_tunnel("198.51.100.0/24"), neighbour=True)
)
# Violates: runnerToken in plain text; only gitlabUrl (the GitLab instance's address, an output) is unknown.
case("kube21-unknown-url-gitlab-runner-token", PREVIEW, "DENY", DOC["gitlab-runner-secret"])(
    iso(gitlab_runner(RUNNER_TOKEN, gitlab_url=UNKNOWN))
)
# Complies: the token comes from runners.secret; gitlabUrl is unknown.
case("kube21-unknown-url-gitlab-runner-secret", PREVIEW, cite=DOC["gitlab-runner-secret"])(
    iso(gitlab_runner(RUNNER_SECRET, gitlab_url=UNKNOWN))
)
# Violates: the ResourceClaim claims a dedicated cluster globex shares; only its device class name (a DeviceClass the
# update creates with a generated name) is unknown.
case("kube21-unknown-class-resourceclaim-false-claim", PREVIEW, "DENY", DOC["dra"])(
    iso(gpu_claim_generated_class, neighbour=True)
)
# Complies: the same claim on a cluster acme has alone; the device class name is unknown.
case("kube21-unknown-class-resourceclaim-claim-alone", PREVIEW, cite=DOC["dra"])(iso(gpu_claim_generated_class))
# Violates: the CoreDNS container drops nothing; only the syncer's image tag (a build output) is unknown, which Pod
# Security never reads.
case("kube21-unknown-tag-vcluster-coredns-no-drop", PREVIEW, "DENY", DOC["pss"])(
    on_vcluster(coredns_container(COREDNS_ADD_ONLY, image_tag=UNKNOWN))
)
# Complies: the CoreDNS container drops ALL; the syncer's image tag is unknown.
case("kube21-unknown-tag-vcluster-coredns-drop-all", PREVIEW, cite=DOC["vcluster-coredns"])(
    on_vcluster(coredns_container(COREDNS_DROP_ALL, image_tag=UNKNOWN))
)
# Complies (deferred): the CoreDNS container is restricted except that its runAsUser (a UID an output of the update
# gives) is unknown: whether it is 0, which restricted refuses, needs the value.
case("kube21-unknown-uid-vcluster-coredns-deferred", PREVIEW, cite=DOC["pss"])(
    on_vcluster(coredns_container({**COREDNS_DROP_ALL, "runAsUser": UNKNOWN}))
)


# ============================================================================ malformed shapes

# Violates (cannot evaluate): the migration Job's env var name written as a one-item list (depth 8; a string): whether
# the variable is named like a credential decides FLEET-SEC-002.
case("kube21-bad-job-env-name-list", MALFORMED, "DENY", DOC["container-api"])(
    iso(migration_job([{"name": ["FLYWAY_LOCATIONS"], "value": "filesystem:/flyway/sql"}]))
)
# Complies: the name as a string.
case("kube21-job-env-name-string", MALFORMED, cite=DOC["container-api"])(
    iso(migration_job([{"name": "FLYWAY_LOCATIONS", "value": "filesystem:/flyway/sql"}]))
)
# Violates (cannot evaluate): acme's default deny split over app In [shop] and app NotIn, whose values are written as
# one string (depth 5; a list): whether the two deny policies together isolate every pod decides FLEET-TEN-001.
case("kube21-bad-split-deny-values-string", MALFORMED, "DENY", DOC["label-selector"])(split_default_deny("shop"))
# Complies: NotIn ["shop"], the complement of In ["shop"] on one key.
case("kube21-split-deny-values-list", MALFORMED, cite=DOC["netpol"])(split_default_deny(["shop"]))
# Violates (cannot evaluate): a ClusterRole aggregated into edit gathers other roles, but its selector's
# matchExpressions is written as one requirement object (depth 4; a list): what it carries into every tenant's edit
# binding decides FLEET-TEN-010.
case("kube21-bad-agg-selector-expressions-object", MALFORMED, "DENY", DOC["cr-api"])(
    iso(*edit_extras(EXTRAS_SELECTOR), neighbour=True)
)
# Complies: matchExpressions as a list; it gathers a ConfigMap reader into edit.
case("kube21-agg-selector-expressions-list", MALFORMED, cite=DOC["aggregation"])(
    iso(*edit_extras([EXTRAS_SELECTOR]), neighbour=True)
)
# Violates (cannot evaluate): the Prometheus ingress peer's namespaceSelector requirement key written as a one-item
# list (depth 9; a string): which namespaces it admits decides FLEET-TEN-003.
case("kube21-bad-np-requirement-key-list", MALFORMED, "DENY", DOC["netpol-api"])(
    iso(monitoring_ingress([NAME]), neighbour=True)
)
# Complies: the key as a string (kubernetes.io/metadata.name In [monitoring]).
case("kube21-np-requirement-key-string", MALFORMED, cite=DOC["netpol"])(iso(monitoring_ingress(NAME), neighbour=True))
# Violates (cannot evaluate): the LimitRange's container default cpu written as a one-item list (depth 5; a
# quantity): whether containers get a default CPU limit decides FLEET-TEN-001.
case("kube21-bad-limits-default-cpu-list", MALFORMED, "DENY", DOC["limitrange-api"])(iso(limits=batch_limits(["250m"])))
# Complies: the default cpu as a quantity string.
case("kube21-limits-default-cpu-string", MALFORMED, cite=DOC["limitrange-api"])(iso(limits=batch_limits("250m")))
# Violates (cannot evaluate): acme's webhook namespaceSelector requirement value written as a nested list (depth 7;
# each value is a string): which namespaces it intercepts decides FLEET-TEN-008.
case("kube21-bad-webhook-selector-value-nested-list", MALFORMED, "DENY", DOC["label-selector"])(
    iso(hpa_hook_values([["acme"]]), neighbour=True)
)
# Complies: the value as a string.
case("kube21-webhook-selector-value-string", MALFORMED, cite=DOC["webhook-ns"])(
    iso(hpa_hook_values(["acme"]), neighbour=True)
)
