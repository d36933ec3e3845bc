"""Kubernetes isolation cases of the twentieth outside corpus: kinds, fields and situations the nineteen earlier
outside corpora did not try. The Network Policy API's ClusterNetworkPolicy (v1alpha2) in its Admin tier, which
accepts traffic before any NetworkPolicy is read, against its Baseline tier and a Deny rule; CiliumNetworkPolicy
``toServices`` of another namespace's Service, ``fromEntities: remote-node`` and a ``toCIDRSet`` that forgets the
link-local range; a Calico NetworkPolicy whose source namespaceSelector is ``all()``; StorageVersionMigration writes
aggregated into admin; tenant webhooks on DeviceClasses and IPAddresses (cluster-scoped) against ResourceClaimTemplates
and PodDisruptionBudgets; a RoleBinding in a tenant namespace to the built-in ``system:kube-scheduler`` role against
``system:aggregate-to-admin``; a Logstash pipeline's ``password =>`` in a ConfigMap; Harbor's admin password in Helm
values. Providers and patches: GDPR on EKS in the UAE vs the AWS European Sovereign Cloud (Brandenburg), GDPR on an
existing cluster in Svalbard vs Oslo, ch on GKE in Berlin vs Zurich, GDPR on EKS in AWS's EU ISOE West region (no
published country) vs AKS Belgium Central, a ClusterTrustBundle that claims a dedicated cluster, a vcluster sidecar
whose readiness probe names a host (the baseline check of Kubernetes 1.34), a control-plane pod that runs as user
0 and a binaries volume on a hostPath, a ReplicaSetPatch that puts a SendGrid API key into the environment. Then
values unknown at preview (an OpenTelemetry Collector's New Relic ``api-key`` header among them) and malformed
shapes.

Written from Kubernetes, Network Policy API, Cilium, Calico, vCluster, Logstash, Harbor, OpenTelemetry, New Relic,
SendGrid, Pulumi and cloud region documentation and the pack's user-facing contract (docs/RULES.md, docs/SPEC.md,
README.md, what fleet/tenancy, fleet/clusters, fleet/core/vcluster_chart.py and fleet/core/podsecurity.py render and
judge), by a helper that did not read the pack's rules, its configs, its tests or the tuned corpus's cases. Each case
only says whether a correct pack reports some mandatory violation (``expect="DENY"``) or none; a comment above it says
why, and it cites the page the outcome rests on. The stacks are built with the helpers of the earlier outside corpora.

``UNKNOWN`` stands for a value the engine only learns at the update. Where the decision does not need it a correct
pack decides as if it were known; where it does, the pack defers (advisory FLEET-PRE-001), which is no mandatory
violation.
"""

from __future__ import annotations

import copy
from typing import Any

from tests.policies.corpus import UNKNOWN, Stack
from tests.policies.outside.corpus import cluster_role, role_binding, service_account
from tests.policies.outside2.corpus import ADMIN_AGG, CLAIM, EDIT_AGG, Obj, iso
from tests.policies.outside3.kube import add, on_vcluster, patch, program_values, release
from tests.policies.outside5.kube import webhook
from tests.policies.outside6.kube import FAKE_CERT, configmap
from tests.policies.outside11.cloud import depends
from tests.policies.outside15.kube import RESTRICTED_CONTAINER, existing, on_aks, on_eks, on_gke, placed
from tests.policies.outside16.kube import cilium_policy
from tests.policies.outside18.kube import hook_on, vcluster_values
from tests.policies.outside20.common import case

ISOLATION = "tenant-isolation"
PROVIDERS = "k8s-providers-and-patches"
PREVIEW = "unknown-at-preview"
MALFORMED = "malformed"

NAME = "kubernetes.io/metadata.name"
RBAC = "rbac.authorization.k8s.io"
K8S_API = "https://kubernetes.io/docs/reference/kubernetes-api"
CILIUM = "https://docs.cilium.io/en/stable/security/policy/language"

DOC = {
    # network policy engines
    "cnp-types": (
        "https://github.com/kubernetes-sigs/network-policy-api/blob/main/apis/v1alpha2/clusternetworkpolicy_types.go"
    ),
    "cnp-gke": "https://docs.cloud.google.com/kubernetes-engine/docs/how-to/configure-cluster-network-policy",
    "cilium-services": f"{CILIUM}/#services-based",
    "cilium-entities": f"{CILIUM}/#entities-based",
    "cilium-cidr": f"{CILIUM}/#ip-cidr-based",
    "calico-namespaces": "https://docs.tigera.io/calico/latest/network-policy/policy-rules/namespace-policy",
    "calico-np": "https://docs.tigera.io/calico/latest/reference/resources/networkpolicy",
    "netpol-api": f"{K8S_API}/policy-resources/network-policy-v1/",
    # RBAC and aggregation
    "aggregation": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#aggregated-clusterroles",
    "svm": "https://kubernetes.io/docs/tasks/manage-kubernetes-objects/storage-version-migration/",
    "dra": "https://kubernetes.io/docs/concepts/scheduling-eviction/dynamic-resource-allocation/",
    "leasecandidate": "https://kubernetes.io/docs/concepts/cluster-administration/coordinated-leader-election/",
    "core-roles": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#core-component-roles",
    "user-facing": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles",
    "cr-api": f"{K8S_API}/authorization-resources/cluster-role-v1/",
    "rb-api": f"{K8S_API}/authorization-resources/role-binding-v1/",
    # admission
    "webhook-ns": (
        "https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/"
        "#matching-requests-namespaceselector"
    ),
    "ipaddress": "https://kubernetes.io/docs/reference/networking/virtual-ips/#ip-address-objects",
    "pdb": "https://kubernetes.io/docs/concepts/workloads/pods/disruptions/",
    "label-selector": f"{K8S_API}/common-definitions/label-selector/",
    # credentials
    "logstash-es": "https://www.elastic.co/docs/reference/logstash/plugins/plugins-outputs-elasticsearch",
    "logstash-env": "https://www.elastic.co/docs/reference/logstash/environment-variables",
    "harbor-chart": "https://github.com/goharbor/harbor-helm",
    "otel-env": "https://opentelemetry.io/docs/collector/configuration/#environment-variables",
    "newrelic-otlp": "https://docs.newrelic.com/docs/opentelemetry/best-practices/opentelemetry-otlp/",
    "sendgrid-keys": "https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys",
    "env-secret": "https://kubernetes.io/docs/tasks/inject-data-application/distribute-credentials-secure/",
    "rs-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/apps/v1/replicasetpatch/",
    "container-api": f"{K8S_API}/workload-resources/pod-v1/#environment-variables",
    # placement
    "aws-regions": "https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html",
    "gcp-regions": "https://cloud.google.com/compute/docs/regions-zones",
    "azure-regions": "https://learn.microsoft.com/en-us/azure/reliability/regions-list",
    "eea-svalbard": "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:01994A0103(01)-20191214",
    "eea": "https://www.efta.int/eea/eea-agreement",
    # isolation claims, vcluster, Pod Security
    "ctb": "https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#cluster-trust-bundles",
    "pss": "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
    "vcluster-sts": "https://www.vcluster.com/docs/vcluster/configure/vcluster-yaml/control-plane/components/statefulset",
    "quota-api": f"{K8S_API}/policy-resources/resource-quota-v1/",
    "unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
}


# ------------------------------------------------------------------------------------ helpers

WRITE = ["create", "delete", "deletecollection", "patch", "update"]
READ = ["get", "list", "watch"]
TICKET = {"example.com/change-ticket": UNKNOWN}

# ClusterNetworkPolicy (policy.networking.k8s.io/v1alpha2): one cluster-scoped kind with two tiers, Admin (before
# every NetworkPolicy) and Baseline (after them).
CNP = "kubernetes:policy.networking.k8s.io/v1alpha2:ClusterNetworkPolicy"
ACME_NAMESPACE = {"namespaces": {"matchLabels": {NAME: "acme"}}}
FROM_EVERY_NAMESPACE = {
    "name": "partners-from-anywhere",
    "action": "Accept",
    "from": [{"namespaces": {}}],
    "protocols": [{"tcp": {"destinationPort": {"number": 8443}}}],
}


def datacentre_egress(action: str) -> dict[str, Any]:
    """Egress from acme to the corporate data centre (10.0.0.0/8) on 5432, taking ``action``."""
    return {
        "name": "to-datacentre",
        "action": action,
        "to": [{"networks": ["10.0.0.0/8"]}],
        "protocols": [{"tcp": {"destinationPort": {"number": 5432}}}],
    }


def cluster_policy(name: str, tier: str, annotations: dict[str, Any] | None = None, **rules: Any) -> Obj:
    """A ClusterNetworkPolicy (priority 40) over acme's namespace in ``tier`` with ``ingress``/``egress`` rules."""
    metadata: dict[str, Any] = {"name": name}
    if annotations:
        metadata["annotations"] = annotations
    return add(
        CNP,
        f"{name}-cnp",
        metadata=metadata,
        spec={"tier": tier, "priority": 40, "subject": ACME_NAMESPACE, **rules},
    )


def to_service(namespace: Any) -> dict[str, Any]:
    """Cilium egress to the selectorless Service ``ledger-db`` of ``namespace`` (Services based)."""
    return {"toServices": [{"k8sService": {"serviceName": "ledger-db", "namespace": namespace}}]}


def from_entity(entity: str) -> dict[str, Any]:
    """Cilium ingress from the Cilium entity ``entity`` to the shop's webhook port."""
    return {"fromEntities": [entity], "toPorts": [{"ports": [{"port": "8443", "protocol": "TCP"}]}]}


PRIVATE = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16"]


def internet_cidr_set(except_: list[str]) -> dict[str, Any]:
    return {"toCIDRSet": [{"cidr": "0.0.0.0/0", "except": except_}]}


CALICO_NP = "kubernetes:projectcalico.org/v3:NetworkPolicy"


def calico_ingress(source: dict[str, Any]) -> Obj:
    """A Calico NetworkPolicy in acme allowing TCP 8443 to the shop from ``source``."""
    return add(
        CALICO_NP,
        "acme-allow-partners-calico",
        metadata={"name": "allow-partners", "namespace": "acme"},
        spec={
            "selector": "app == 'shop'",
            "types": ["Ingress"],
            "ingress": [{"action": "Allow", "protocol": "TCP", "source": source, "destination": {"ports": [8443]}}],
        },
    )


ALL_NAMESPACES = {"namespaceSelector": "all()"}
SAME_NAMESPACE_FRONTEND = {"selector": "app == 'frontend'"}

SVM_WRITE = [
    {"apiGroups": ["storagemigration.k8s.io"], "resources": ["storageversionmigrations"], "verbs": [*READ, *WRITE]}
]
CLAIM_TEMPLATES_WRITE = [
    {"apiGroups": ["resource.k8s.io"], "resources": ["resourceclaimtemplates"], "verbs": [*READ, *WRITE]}
]
LEASE_CANDIDATES_WRITE = [
    {"apiGroups": ["coordination.k8s.io"], "resources": ["leasecandidates"], "verbs": [*READ, *WRITE]}
]


def storage_migrator() -> Obj:
    """StorageVersionMigration writes aggregated into admin (every tenant admin may rewrite every stored object of a
    resource, cluster-wide)."""
    return cluster_role("storage-version-migrator", SVM_WRITE, ADMIN_AGG)


def claim_template_editor() -> Obj:
    """ResourceClaimTemplate writes (namespaced DRA requests for the tenant's GPU jobs) aggregated into edit."""
    return cluster_role("resourceclaimtemplate-editor", CLAIM_TEMPLATES_WRITE, EDIT_AGG)


def lease_candidate_editor(rules: Any, annotations: dict[str, Any] | None = None) -> Obj:
    """LeaseCandidate writes (namespaced, coordinated leader election) aggregated into edit, ``rules`` as given."""
    metadata: dict[str, Any] = {"name": "leasecandidate-editor", "labels": EDIT_AGG}
    if annotations:
        metadata["annotations"] = annotations
    return add(f"kubernetes:{RBAC}/v1:ClusterRole", "leasecandidate-editor-cr", metadata=metadata, rules=rules)


ACME_SERVICE = {"service": {"namespace": "acme", "name": "acme-hooks", "path": "/validate", "port": 443}}


def hook_with_selector(resource: str, group_: str, selector: Any) -> Obj:
    """acme's validating webhook on CREATE/UPDATE of namespaced ``resource`` with ``selector``."""
    rule = {
        "operations": ["CREATE", "UPDATE"],
        "apiGroups": [group_],
        "apiVersions": ["v1"],
        "resources": [resource],
        "scope": "Namespaced",
    }
    return webhook(ACME_SERVICE, selector, [rule], kind="Validating", name=f"acme-{resource}")


BATCH_SCHEDULER = service_account("acme", "batch-scheduler")


def scheduler_binding(role_name: str) -> Obj:
    """A RoleBinding in acme of the built-in ClusterRole ``role_name`` (which the stack does not define) to acme's
    second scheduler's service account."""
    return role_binding(("ClusterRole", role_name), BATCH_SCHEDULER, name="batch-scheduler")


def role_ref_as(role_ref: Any) -> Obj:
    """The batch scheduler's RoleBinding with ``roleRef`` written as given."""
    return add(
        f"kubernetes:{RBAC}/v1:RoleBinding",
        "acme-batch-scheduler-rb",
        metadata={"name": "batch-scheduler", "namespace": "acme"},
        roleRef=role_ref,
        subjects=[BATCH_SCHEDULER],
    )


AGGREGATE_TO_ADMIN = {"apiGroup": RBAC, "kind": "ClusterRole", "name": "system:aggregate-to-admin"}

LOGSTASH_PASSWORD = (
    "input {\n  beats { port => 5044 }\n}\n"
    "output {\n"
    "  elasticsearch {\n"
    '    hosts => ["https://logs.acme.example.com:9243"]\n'
    '    user => "shipper"\n'
    '    password => "Zq8vN3mT7pLx2KwR"\n'
    '    index => "acme-%{+YYYY.MM.dd}"\n'
    "  }\n"
    "}\n"
)
LOGSTASH_PLACEHOLDER = LOGSTASH_PASSWORD.replace('"Zq8vN3mT7pLx2KwR"', '"${ES_PASSWORD}"')


def logstash_pipeline(pipeline: str, **extra: Any) -> Obj:
    return configmap({"logstash.conf": pipeline, **extra}, name="logstash-pipeline")


def harbor_release(values: dict[str, Any]) -> Obj:
    """Harbor's official chart in acme (the tenant's own registry), with ``values`` added."""
    return add(
        "kubernetes:helm.sh/v3:Release",
        "acme-harbor",
        name="harbor",
        chart="harbor",
        version="1.17.1",
        repositoryOpts={"repo": "https://helm.goharbor.io"},
        namespace="acme",
        values={
            "expose": {"type": "clusterIP", "tls": {"auto": {"commonName": "registry.acme.example.com"}}},
            "externalURL": "https://registry.acme.example.com",
            **values,
        },
    )


HARBOR_PASSWORD = {"harborAdminPassword": "Vb7qR2xT9mKp4LwZ"}
HARBOR_EXISTING = {"existingSecretAdminPassword": "harbor-admin", "existingSecretAdminPasswordKey": "password"}

NR_LICENSE = "eu01xx4f9c2b7d1e8a3f6c0b5d9e2a7f1c4bNRAL"


def otel_config(api_key: str) -> str:
    return (
        "receivers:\n  otlp:\n    protocols:\n      grpc:\n        endpoint: 0.0.0.0:4317\n"
        "exporters:\n  otlphttp/newrelic:\n    endpoint: https://otlp.eu01.nr-data.net\n"
        f"    headers:\n      api-key: {api_key}\n"
        "service:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [otlphttp/newrelic]\n"
    )


def otel_collector(api_key: str) -> Obj:
    """The OpenTelemetry Collector's configuration in acme; the cluster name it reports is an output of the update."""
    return configmap({"relay": otel_config(api_key), "K8S_CLUSTER_NAME": UNKNOWN}, name="otel-collector")


# Providers and patches

CTB = "kubernetes:certificates.k8s.io/v1beta1:ClusterTrustBundle"


def trust_bundle(labels: dict[str, Any]) -> Obj:
    """acme's internal CA published as a ClusterTrustBundle (cluster-scoped, no signer), labelled ``labels``."""
    return add(
        CTB,
        "acme-internal-ca-ctb",
        metadata={"name": "acme-internal-ca", "labels": labels},
        spec={"trustBundle": FAKE_CERT},
    )


UPSTREAM_PROBE = {"httpGet": {"host": "fluentd-aggregator.logging.svc", "path": "/api/plugins.json", "port": 24220}}
OWN_PROBE = {"httpGet": {"path": "/api/plugins.json", "port": 24220}}


def probed_sidecar(probe: dict[str, Any], image: Any = "ghcr.io/acme/audit-shipper:0.9.2") -> Obj:
    """The program's vcluster release with a restricted audit-shipper sidecar beside the syncer, whose readiness
    probe is ``probe``."""
    values = copy.deepcopy(program_values())
    values["controlPlane"]["statefulSet"]["sidecarContainers"] = [
        {
            "name": "audit-shipper",
            "image": image,
            "securityContext": dict(RESTRICTED_CONTAINER),
            "readinessProbe": {**probe, "periodSeconds": 30},
        }
    ]
    return release(values)


def control_plane_user(uid: int) -> Obj:
    """The program's vcluster release with the control-plane pod's ``runAsUser`` set to ``uid`` (the containers keep
    their own non-root user)."""

    def mutate(statefulset: dict[str, Any]) -> None:
        statefulset["security"]["podSecurityContext"]["runAsUser"] = uid

    return vcluster_values(mutate)


BINARIES_ON_NODE = [
    {"name": "binaries", "hostPath": {"path": "/var/lib/vcluster/binaries", "type": "DirectoryOrCreate"}}
]
BINARIES_SIZED = [{"name": "binaries", "emptyDir": {"sizeLimit": "1Gi"}}]


def binaries_volume(volumes: list[dict[str, Any]]) -> Obj:
    """The program's vcluster release with the control plane's binaries volume
    (``persistence.binariesVolume``, where the init container copies the API server binaries) replaced."""

    def mutate(statefulset: dict[str, Any]) -> None:
        statefulset["persistence"]["binariesVolume"] = volumes

    return vcluster_values(mutate)


SENDGRID_KEY = [
    {"name": "SENDGRID_API_KEY", "value": "SG.q8Xv2TzR7mLp4KwN9bYc3J.hF6sDg1QeA5uVo0iEr8tWy2xZ7nM4kB9pL3vC6q"}
]
SENDGRID_REF = [{"name": "SENDGRID_API_KEY", "valueFrom": {"secretKeyRef": {"name": "sendgrid", "key": "api-key"}}}]


def mailer_patch(env: Any, image: Any = "registry.example.com/acme/mailer:2.3.0") -> Obj:
    """A ReplicaSetPatch (server-side apply) of acme's mailer ReplicaSet that sets its container's image and env."""
    return patch(
        "ReplicaSet",
        "acme-mailer-rs-patch",
        {"name": "mailer", "namespace": "acme"},
        group_version="apps/v1",
        spec={"template": {"spec": {"containers": [{"name": "mailer", "image": image, "env": env}]}}},
    )


# Deferred and malformed helpers


def generated_service_namespace(s: Stack, k8s: str) -> None:
    """A namespace the stack creates for a partner gateway (autonamed: its name is known only at the update), and a
    CiliumNetworkPolicy in acme allowing egress to its ``ledger-db`` Service, whose namespace takes that name."""
    namespace = s.add(
        "kubernetes:core/v1:Namespace", "partner-gateway-ns", k8s, metadata={"labels": {"purpose": "partner-gateway"}}
    )
    policy = cilium_policy("to-partner-ledger", egress=[to_service(UNKNOWN)])(s, k8s)
    depends(s, policy, spec=[namespace])
    next(r for r in s.resources if r.urn == policy).dependencies = [namespace]


def internet_egress(except_: list[Any]) -> Obj:
    """A NetworkPolicy in acme letting the shop reach the internet on 443, every private range excepted."""
    return add(
        "kubernetes:networking.k8s.io/v1:NetworkPolicy",
        "acme-internet-egress-np",
        metadata={"name": "allow-internet-egress", "namespace": "acme"},
        spec={
            "podSelector": {"matchLabels": {"app": "shop"}},
            "policyTypes": ["Egress"],
            "egress": [
                {
                    "to": [{"ipBlock": {"cidr": "0.0.0.0/0", "except": except_}}],
                    "ports": [{"protocol": "TCP", "port": 443}],
                }
            ],
        },
    )


def batch_quota(scope_name: Any) -> Obj:
    """A second quota in acme for the batch-low PriorityClass (the tenant quota still bounds every pod)."""
    return add(
        "kubernetes:core/v1:ResourceQuota",
        "acme-batch-low-quota",
        metadata={"name": "batch-low", "namespace": "acme"},
        spec={
            "hard": {"requests.cpu": "1", "requests.memory": "2Gi", "pods": "20"},
            "scopeSelector": {
                "matchExpressions": [{"scopeName": scope_name, "operator": "In", "values": ["batch-low"]}]
            },
        },
    )


# ============================================================================ tenant isolation

# Violates: a ClusterNetworkPolicy in the Admin tier (evaluated before every NetworkPolicy, final on Accept) accepts
# ingress to acme's pods from every namespace: acme's default deny is never read for that traffic.
case("kube20-cnp-admin-accept-every-namespace", ISOLATION, "DENY", DOC["cnp-types"])(
    iso(cluster_policy("acme-partner-ingress", "Admin", ingress=[FROM_EVERY_NAMESPACE]), neighbour=True)
)
# Complies: the same rule in the Baseline tier, which is read only for pods no NetworkPolicy selects; acme's default
# deny selects every pod, so it decides.
case("kube20-cnp-baseline-accept-every-namespace", ISOLATION, cite=DOC["cnp-types"])(
    iso(cluster_policy("acme-partner-ingress", "Baseline", ingress=[FROM_EVERY_NAMESPACE]), neighbour=True)
)
# Violates: an Admin-tier ClusterNetworkPolicy accepts egress from acme to 10.0.0.0/8 (the corporate data centre, and
# the VPC's nodes and pods with it).
case("kube20-cnp-admin-accept-egress-private-network", ISOLATION, "DENY", DOC["cnp-gke"])(
    iso(cluster_policy("acme-datacentre-egress", "Admin", egress=[datacentre_egress("Accept")]), neighbour=True)
)
# Complies: the same rule with action Deny: it closes traffic, it opens nothing.
case("kube20-cnp-admin-deny-egress-private-network", ISOLATION, cite=DOC["cnp-gke"])(
    iso(cluster_policy("acme-datacentre-egress", "Admin", egress=[datacentre_egress("Deny")]), neighbour=True)
)
# Violates: a CiliumNetworkPolicy in acme lets the shop reach globex's selectorless Service ledger-db (toServices):
# the endpoints of another tenant's namespace.
case("kube20-cilium-to-services-globex", ISOLATION, "DENY", DOC["cilium-services"])(
    iso(cilium_policy("to-ledger-db", egress=[to_service("globex")]), neighbour=True)
)
# Complies: the same egress to acme's own selectorless Service ledger-db.
case("kube20-cilium-to-services-own", ISOLATION, cite=DOC["cilium-services"])(
    iso(cilium_policy("to-ledger-db", egress=[to_service("acme")]), neighbour=True)
)
# Violates: ingress from Cilium's remote-node entity (every other node of the cluster, and the host-network pods on
# them).
case("kube20-cilium-from-remote-node", ISOLATION, "DENY", DOC["cilium-entities"])(
    iso(cilium_policy("from-nodes", ingress=[from_entity("remote-node")]), neighbour=True)
)
# Complies: ingress from the kube-apiserver entity only (the API server calling acme's webhook on 8443).
case("kube20-cilium-from-kube-apiserver", ISOLATION, cite=DOC["cilium-entities"])(
    iso(cilium_policy("from-apiserver", ingress=[from_entity("kube-apiserver")]), neighbour=True)
)
# Violates: internet egress by toCIDRSet that excepts the RFC 1918 and shared ranges but not 169.254.0.0/16: the
# instance metadata service and node-local addresses stay reachable.
case("kube20-cilium-cidrset-link-local-open", ISOLATION, "DENY", DOC["cilium-cidr"])(
    iso(cilium_policy("internet-egress", egress=[internet_cidr_set(PRIVATE[:4])]), neighbour=True)
)
# Complies: every private, shared and link-local range excepted.
case("kube20-cilium-cidrset-private-excepted", ISOLATION, cite=DOC["cilium-cidr"])(
    iso(cilium_policy("internet-egress", egress=[internet_cidr_set(PRIVATE)]), neighbour=True)
)
# Violates: a Calico NetworkPolicy in acme allows ingress from namespaceSelector all(): pods of every namespace.
case("kube20-calico-source-all-namespaces", ISOLATION, "DENY", DOC["calico-namespaces"])(
    iso(calico_ingress(ALL_NAMESPACES), neighbour=True)
)
# Complies: the source is a selector without a namespaceSelector: pods of acme's own namespace only.
case("kube20-calico-source-same-namespace", ISOLATION, cite=DOC["calico-np"])(
    iso(calico_ingress(SAME_NAMESPACE_FRONTEND), neighbour=True)
)
# Violates: StorageVersionMigration writes (a built-in cluster-scoped kind: a migration rewrites every stored object
# of a resource in every namespace) aggregated into admin.
case("kube20-agg-admin-storageversionmigrations-write", ISOLATION, "DENY", DOC["svm"])(
    iso(storage_migrator(), neighbour=True)
)
# Complies: ResourceClaimTemplate writes (namespaced DRA templates) aggregated into edit.
case("kube20-agg-edit-resourceclaimtemplates-write", ISOLATION, cite=DOC["dra"])(
    iso(claim_template_editor(), neighbour=True)
)
# Violates: a webhook served from acme on DeviceClasses (cluster-scoped) with a selector for acme: the selector has no
# effect, acme sees and can refuse every DeviceClass write.
case("kube20-webhook-deviceclasses", ISOLATION, "DENY", DOC["webhook-ns"])(
    iso(hook_on("deviceclasses", "resource.k8s.io", "v1", "Cluster"), neighbour=True)
)
# Complies: the same webhook on ResourceClaimTemplates (namespaced), acme's namespace only.
case("kube20-webhook-resourceclaimtemplates-own", ISOLATION, cite=DOC["webhook-ns"])(
    iso(hook_on("resourceclaimtemplates", "resource.k8s.io", "v1", "Namespaced"), neighbour=True)
)
# Violates: a webhook served from acme on IPAddresses (the cluster-scoped objects that hold every Service's
# ClusterIP) under scope "*": acme sees every tenant's Service allocations.
case("kube20-webhook-ipaddresses", ISOLATION, "DENY", DOC["ipaddress"])(
    iso(hook_on("ipaddresses", "networking.k8s.io", "v1", "*"), neighbour=True)
)
# Complies: a webhook on PodDisruptionBudgets (namespaced), acme's namespace only.
case("kube20-webhook-poddisruptionbudgets-own", ISOLATION, cite=DOC["pdb"])(
    iso(hook_on("poddisruptionbudgets", "policy", "v1", "Namespaced"), neighbour=True)
)
# Violates: a RoleBinding in acme of the built-in system:kube-scheduler role (not user-facing, not a part of one, not
# among the roles the contract judges by their rules) for acme's second scheduler.
case("kube20-rb-kube-scheduler-role", ISOLATION, "DENY", DOC["core-roles"])(
    iso(scheduler_binding("system:kube-scheduler"), neighbour=True)
)
# Complies: the RoleBinding names system:aggregate-to-admin, a part of admin.
case("kube20-rb-aggregate-to-admin-role", ISOLATION, cite=DOC["user-facing"])(
    iso(scheduler_binding("system:aggregate-to-admin"), neighbour=True)
)
# Violates: a Logstash pipeline in a ConfigMap whose elasticsearch output sets password => "..." in plain text.
case("kube20-configmap-logstash-password", ISOLATION, "DENY", DOC["logstash-es"])(
    iso(logstash_pipeline(LOGSTASH_PASSWORD))
)
# Complies: password => "${ES_PASSWORD}", which Logstash fills from the environment at startup.
case("kube20-configmap-logstash-password-placeholder", ISOLATION, cite=DOC["logstash-env"])(
    iso(logstash_pipeline(LOGSTASH_PLACEHOLDER))
)
# Violates: Harbor's admin password (harborAdminPassword) in the Helm release's values.
case("kube20-helm-harbor-admin-password", ISOLATION, "DENY", DOC["harbor-chart"])(iso(harbor_release(HARBOR_PASSWORD)))
# Complies: the chart reads the admin password from an existing Secret (existingSecretAdminPassword).
case("kube20-helm-harbor-existing-secret", ISOLATION, cite=DOC["harbor-chart"])(iso(harbor_release(HARBOR_EXISTING)))


# ============================================================================ providers and patches

# Violates: a GDPR tenant on EKS in me-central-1 (United Arab Emirates).
case("kube20-gdpr-eks-uae", PROVIDERS, "DENY", DOC["aws-regions"])(placed(on_eks("me-central-1", "AE"), "gdpr"))
# Complies: the GDPR tenant on EKS in eusc-de-east-1, the AWS European Sovereign Cloud's region in Brandenburg,
# Germany (its own partition, aws-eusc).
case("kube20-gdpr-eks-european-sovereign-cloud", PROVIDERS, cite=DOC["aws-regions"])(
    placed(on_eks("eusc-de-east-1", "DE"), "gdpr")
)
# Violates: a GDPR tenant on an existing cluster declared in Svalbard (SJ): Norway excluded Svalbard from the EEA
# Agreement (Protocol 40).
case("kube20-gdpr-existing-svalbard", PROVIDERS, "DENY", DOC["eea-svalbard"])(
    placed(existing("SJ", "longyearbyen-dc1"), "gdpr")
)
# Complies: the GDPR tenant on an existing cluster in Oslo, Norway (an EEA state).
case("kube20-gdpr-existing-oslo", PROVIDERS, cite=DOC["eea"])(placed(existing("NO", "oslo-dc1"), "gdpr"))
# Violates: a ch tenant on GKE in europe-west10 (Berlin, Germany).
case("kube20-ch-gke-berlin", PROVIDERS, "DENY", DOC["gcp-regions"])(placed(on_gke("europe-west10", "DE"), "ch"))
# Complies: the ch tenant on GKE in europe-west6 (Zurich).
case("kube20-ch-gke-zurich", PROVIDERS, cite=DOC["gcp-regions"])(placed(on_gke("europe-west6", "CH"), "ch"))
# Violates: a GDPR tenant on EKS in eu-isoe-west-1 (EU ISOE West, an isolated AWS partition whose country AWS does
# not publish): the cluster cannot be placed, so it cannot be shown to be in the EEA.
case("kube20-gdpr-eks-eu-isoe-west", PROVIDERS, "DENY", DOC["aws-regions"])(
    placed(on_eks("eu-isoe-west-1", ""), "gdpr")
)
# Complies: the GDPR tenant on AKS in belgiumcentral (Brussels).
case("kube20-gdpr-aks-belgium-central", PROVIDERS, cite=DOC["azure-regions"])(
    placed(on_aks("belgiumcentral", "BE"), "gdpr")
)
# Violates: acme's internal CA published as a ClusterTrustBundle labelled fleet-isolation=cluster, fleet-tenant=acme on
# a cluster globex shares.
case("kube20-ctb-false-dedicated-claim", PROVIDERS, "DENY", DOC["ctb"])(iso(trust_bundle(CLAIM), neighbour=True))
# Complies: the same ClusterTrustBundle on a cluster that holds no other tenant.
case("kube20-ctb-dedicated-claim-alone", PROVIDERS, cite=DOC["ctb"])(iso(trust_bundle(CLAIM)))
# Violates: the vcluster's audit-shipper sidecar has a readiness probe that names a host (httpGet.host): Pod Security
# baseline (v1.34+), and so restricted, refuses a host in probes and lifecycle handlers.
case("kube20-vcluster-sidecar-probe-host", PROVIDERS, "DENY", DOC["pss"])(on_vcluster(probed_sidecar(UPSTREAM_PROBE)))
# Complies: the same probe against the sidecar's own pod (no host).
case("kube20-vcluster-sidecar-probe-own-pod", PROVIDERS, cite=DOC["pss"])(on_vcluster(probed_sidecar(OWN_PROBE)))
# Violates: the vcluster control plane's pod securityContext sets runAsUser 0; restricted refuses 0 at the pod level
# whatever the containers set.
case("kube20-vcluster-pod-run-as-user-0", PROVIDERS, "DENY", DOC["pss"])(on_vcluster(control_plane_user(0)))
# Complies: the pod-level runAsUser is 12345.
case("kube20-vcluster-pod-run-as-user-12345", PROVIDERS, cite=DOC["vcluster-sts"])(
    on_vcluster(control_plane_user(12345))
)
# Violates: the control plane's binaries volume is a hostPath on the node (cached across restarts): restricted admits
# no hostPath volume.
case("kube20-vcluster-binaries-volume-host-path", PROVIDERS, "DENY", DOC["pss"])(
    on_vcluster(binaries_volume(BINARIES_ON_NODE))
)
# Complies: the binaries volume stays an emptyDir, with a size limit.
case("kube20-vcluster-binaries-volume-empty-dir", PROVIDERS, cite=DOC["vcluster-sts"])(
    on_vcluster(binaries_volume(BINARIES_SIZED))
)
# Violates: a ReplicaSetPatch (server-side apply) sets SENDGRID_API_KEY in plain text in acme's mailer; a patch is
# held to its kind.
case("kube20-replicaset-patch-env-api-key", PROVIDERS, "DENY", DOC["rs-patch"])(iso(mailer_patch(SENDGRID_KEY)))
# Complies: the patch takes SENDGRID_API_KEY from a Secret by reference.
case("kube20-replicaset-patch-env-secret-ref", PROVIDERS, cite=DOC["env-secret"])(iso(mailer_patch(SENDGRID_REF)))


# ============================================================================ unknown at preview

# Violates: the Admin-tier accept-all ClusterNetworkPolicy; only its change-ticket annotation is unknown.
case("kube20-unknown-annotation-cnp-admin-accept", PREVIEW, "DENY", DOC["cnp-types"])(
    iso(cluster_policy("acme-partner-ingress", "Admin", TICKET, ingress=[FROM_EVERY_NAMESPACE]), neighbour=True)
)
# Complies: the Baseline-tier policy; its annotation is unknown.
case("kube20-unknown-annotation-cnp-baseline-accept", PREVIEW, cite=DOC["cnp-types"])(
    iso(cluster_policy("acme-partner-ingress", "Baseline", TICKET, ingress=[FROM_EVERY_NAMESPACE]), neighbour=True)
)
# Violates: the Logstash password is in the ConfigMap; only another key (the Elasticsearch host, an output) is unknown.
case("kube20-unknown-key-logstash-password", PREVIEW, "DENY", DOC["logstash-es"])(
    iso(logstash_pipeline(LOGSTASH_PASSWORD, ES_HOST=UNKNOWN))
)
# Complies: the placeholder; another key is unknown.
case("kube20-unknown-key-logstash-placeholder", PREVIEW, cite=DOC["logstash-env"])(
    iso(logstash_pipeline(LOGSTASH_PLACEHOLDER, ES_HOST=UNKNOWN))
)
# Violates: the GDPR tenant on EKS in the UAE; only its app's image (a registry output) is unknown.
case("kube20-unknown-image-gdpr-eks-uae", PREVIEW, "DENY", DOC["aws-regions"])(
    placed(on_eks("me-central-1", "AE"), "gdpr", image=f"{UNKNOWN}:1.4.2")
)
# Complies: the GDPR tenant in the AWS European Sovereign Cloud; its app's image is unknown.
case("kube20-unknown-image-gdpr-eks-european-sovereign-cloud", PREVIEW, cite=DOC["aws-regions"])(
    placed(on_eks("eusc-de-east-1", "DE"), "gdpr", image=f"{UNKNOWN}:1.4.2")
)
# Violates: the vcluster sidecar's probe names a host; only the sidecar's image (a registry output) is unknown, which
# Pod Security never reads.
case("kube20-unknown-image-vcluster-sidecar-probe-host", PREVIEW, "DENY", DOC["pss"])(
    on_vcluster(probed_sidecar(UPSTREAM_PROBE, image=f"{UNKNOWN}:0.9.2"))
)
# Complies: the probe without a host; the sidecar's image is unknown.
case("kube20-unknown-image-vcluster-sidecar-probe-own-pod", PREVIEW, cite=DOC["pss"])(
    on_vcluster(probed_sidecar(OWN_PROBE, image=f"{UNKNOWN}:0.9.2"))
)
# Violates: the OpenTelemetry Collector's configuration in a ConfigMap sends New Relic's license key as the api-key
# header in plain text; only the K8S_CLUSTER_NAME key (the cluster's name, an output) is unknown.
case("kube20-unknown-key-otel-newrelic-api-key", PREVIEW, "DENY", DOC["newrelic-otlp"])(iso(otel_collector(NR_LICENSE)))
# Complies: the header is ${env:NEW_RELIC_LICENSE_KEY}, which the Collector expands from its environment.
case("kube20-unknown-key-otel-env-placeholder", PREVIEW, cite=DOC["otel-env"])(
    iso(otel_collector("${env:NEW_RELIC_LICENSE_KEY}"))
)
# Complies (deferred): the Cilium egress names a Service in a namespace the stack creates with a generated name:
# whether it is acme's own, a platform one or another tenant's needs the value, so the decision waits.
case("kube20-unknown-cilium-to-services-generated-namespace", PREVIEW, cite=DOC["unknowns"])(
    iso(generated_service_namespace, neighbour=True)
)


# ============================================================================ malformed shapes

# Violates (cannot evaluate): the internet-egress ipBlock's last except item written as a one-item list (depth 7; a
# CIDR string): whether 169.254.0.0/16 is excepted decides FLEET-TEN-003.
case("kube20-bad-np-except-item-list", MALFORMED, "DENY", DOC["netpol-api"])(
    iso(internet_egress([*PRIVATE[:4], [PRIVATE[4]]]), neighbour=True)
)
# Complies: every except item a string.
case("kube20-np-except-items-strings", MALFORMED, cite=DOC["netpol-api"])(iso(internet_egress(PRIVATE), neighbour=True))
# Violates (cannot evaluate): the batch quota's scopeSelector scopeName written as a one-item list (depth 5; a
# string): which pods a quota bounds decides FLEET-TEN-001.
case("kube20-bad-quota-scope-name-list", MALFORMED, "DENY", DOC["quota-api"])(iso(batch_quota(["PriorityClass"])))
# Complies: scopeName as a string.
case("kube20-quota-scope-name-string", MALFORMED, cite=DOC["quota-api"])(iso(batch_quota("PriorityClass")))
# Violates (cannot evaluate): the ReplicaSetPatch's valueFrom written as a one-item list (depth 7; an EnvVarSource
# object): whether SENDGRID_API_KEY comes from a Secret decides FLEET-SEC-002.
case("kube20-bad-replicaset-patch-value-from-list", MALFORMED, "DENY", DOC["container-api"])(
    iso(mailer_patch([{"name": "SENDGRID_API_KEY", "valueFrom": [SENDGRID_REF[0]["valueFrom"]]}]))
)
# Complies: valueFrom as an object.
case("kube20-replicaset-patch-value-from-object", MALFORMED, cite=DOC["container-api"])(iso(mailer_patch(SENDGRID_REF)))
# Violates (cannot evaluate): acme's webhook namespaceSelector matchLabels value written as a one-item list (depth 5;
# a string): which namespaces it intercepts decides FLEET-TEN-008.
case("kube20-bad-webhook-match-labels-value-list", MALFORMED, "DENY", DOC["label-selector"])(
    iso(
        hook_with_selector("resourceclaimtemplates", "resource.k8s.io", {"matchLabels": {NAME: ["acme"]}}),
        neighbour=True,
    )
)
# Complies: the matchLabels value as a string.
case("kube20-webhook-match-labels-value-string", MALFORMED, cite=DOC["webhook-ns"])(
    iso(
        hook_with_selector("resourceclaimtemplates", "resource.k8s.io", {"matchLabels": {NAME: "acme"}}), neighbour=True
    )
)
# Violates (cannot evaluate): a ClusterRole aggregated into edit whose rules are written as one PolicyRule object
# (depth 1; a list): what it adds to every tenant's edit binding decides FLEET-TEN-010.
case("kube20-bad-agg-edit-rules-object", MALFORMED, "DENY", DOC["cr-api"])(
    iso(lease_candidate_editor(LEASE_CANDIDATES_WRITE[0]), neighbour=True)
)
# Complies: rules as a list (LeaseCandidate writes, namespaced, into edit).
case("kube20-agg-edit-rules-list", MALFORMED, cite=DOC["leasecandidate"])(
    iso(lease_candidate_editor(LEASE_CANDIDATES_WRITE), neighbour=True)
)
# Violates (cannot evaluate): a RoleBinding in acme whose roleRef is written as a one-item list of RoleRef (depth 1;
# an object): which role it grants decides FLEET-TEN-004.
case("kube20-bad-rb-roleref-list", MALFORMED, "DENY", DOC["rb-api"])(
    iso(role_ref_as([AGGREGATE_TO_ADMIN]), neighbour=True)
)
# Complies: roleRef as an object (system:aggregate-to-admin).
case("kube20-rb-roleref-object", MALFORMED, cite=DOC["rb-api"])(iso(role_ref_as(AGGREGATE_TO_ADMIN), neighbour=True))
