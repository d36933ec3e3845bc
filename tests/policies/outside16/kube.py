"""Kubernetes isolation cases of the sixteenth outside corpus: kinds, fields and situations the fifteen earlier outside
corpora did not try. EndpointSlice, PriorityClass and VolumeAttachment writes aggregated into the user-facing roles;
tenant webhooks on Gateway API Gateways (a namespaceSelector of ``Exists`` on the name label) and on cluster-scoped
GatewayClasses; AdminNetworkPolicy and BaselineAdminNetworkPolicy (the cluster-scoped network policy API) and
Cilium's CiliumNetworkPolicy over a tenant namespace; a RoleBinding to the kubelets' ``system:nodes`` group and to
the built-in ``system:controller:resourcequota-controller`` role; Gradle ``gradle.properties``, NuGet
``nuget.config`` and rclone ``rclone.conf`` credentials in ConfigMaps; a database password in a StatefulSet's init
container; a PodDisruptionBudget that claims a dedicated cluster. Providers and patches: GDPR on GKE in Tel Aviv vs
Turin, us on AKS in Mexico vs Iowa, GDPR on an existing cluster in Monaco vs Malta, the vcluster syncer's AppArmor
profile, an added capability and a sysctl of its pod, and a NamespacePatch that lowers Pod Security to baseline.
Then values unknown at preview and malformed shapes.

Written from Kubernetes, Gateway API, network-policy-api, Cilium, vCluster, Gradle, NuGet and rclone
documentation and the pack's user-facing contract (docs/RULES.md, README.md, what fleet/tenancy renders), by a
helper that did not read the pack's rules, its configs, its tests or the tuned corpus's cases. Each case only says
whether a correct pack reports some mandatory violation (``expect="DENY"``) or none; a comment above it says why,
and it cites the page the outcome rests on. The stacks are built with the helpers of the earlier outside corpora.

``UNKNOWN`` stands for a value the engine only learns at the update. Where the decision does not need it a
correct pack decides as if it were known; where it does, the pack defers (advisory FLEET-PRE-001), which is no
mandatory violation.
"""

from __future__ import annotations

import copy
from typing import Any

from tests.policies.corpus import UNKNOWN
from tests.policies.outside.corpus import cluster_role, group, role_binding, service_account
from tests.policies.outside2.corpus import ADMIN_AGG, EDIT_AGG, VIEW_AGG, Obj, iso
from tests.policies.outside3.kube import add, on_vcluster, patch, program_values, release
from tests.policies.outside5.kube import webhook
from tests.policies.outside6.kube import CONTAINER_SECURITY, POD_SECURITY, app_sa, configmap
from tests.policies.outside15.kube import existing, on_aks, on_gke, placed
from tests.policies.outside16.common import Build, case

ISOLATION = "tenant-isolation"
PROVIDERS = "k8s-providers-and-patches"
PREVIEW = "unknown-at-preview"
MALFORMED = "malformed"

NAME = "kubernetes.io/metadata.name"
RBAC = "rbac.authorization.k8s.io"
GATEWAY = "gateway.networking.k8s.io"
VIEW = ("ClusterRole", "view")

DOC = {
    # RBAC and the cluster-scoped kinds behind it
    "aggregation": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#aggregated-clusterroles",
    "endpoints-cve": (
        "https://raw.githubusercontent.com/kubernetes/website/release-1.34/content/en/examples/access/"
        "endpoints-aggregated.yaml"
    ),
    "priorityclass": "https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/#priorityclass",
    "priority-quota": (
        "https://kubernetes.io/docs/concepts/policy/resource-quotas/#limit-priority-class-consumption-by-default"
    ),
    "volumeattachment": (
        "https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/volume-attachment-v1/"
    ),
    "pdb": "https://kubernetes.io/docs/concepts/workloads/pods/disruptions/#pod-disruption-budgets",
    "node-authorizer": "https://kubernetes.io/docs/reference/access-authn-authz/node/",
    "controller-roles": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#controller-roles",
    "user-facing": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles",
    "sa-groups": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#service-account-permissions",
    "rb-api": "https://kubernetes.io/docs/reference/kubernetes-api/authorization-resources/role-binding-v1/",
    "cr-api": "https://kubernetes.io/docs/reference/kubernetes-api/authorization-resources/cluster-role-v1/",
    # admission
    "webhook-ns": (
        "https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/"
        "#matching-requests-namespaceselector"
    ),
    "label-selector": "https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/label-selector/",
    "gatewayclass": "https://gateway-api.sigs.k8s.io/api-types/gatewayclass/",
    "referencegrant": "https://gateway-api.sigs.k8s.io/api-types/referencegrant/",
    # network policy APIs
    "anp": "https://network-policy-api.sigs.k8s.io/reference/spec/",
    "anp-okd": "https://docs.okd.io/latest/networking/network_security/network-policy-apis.html",
    "cilium-entities": "https://docs.cilium.io/en/stable/security/policy/language/#entities-based",
    "cilium-deny": "https://docs.cilium.io/en/stable/security/policy/language/#deny-policies",
    # credentials
    "gradle": "https://docs.gradle.org/current/userguide/declaring_repositories_adv.html#sec:handling_credentials",
    "gradle-properties": "https://docs.gradle.org/current/userguide/build_environment.html#sec:gradle_configuration_properties",
    "nuget": "https://learn.microsoft.com/en-us/nuget/consume-packages/consuming-packages-authenticated-feeds",
    "rclone-s3": "https://rclone.org/s3/#authentication",
    "env-secret": "https://kubernetes.io/docs/tasks/inject-data-application/distribute-credentials-secure/",
    "postgres-env": "https://www.postgresql.org/docs/current/libpq-envars.html",
    "container-api": "https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#environment-variables",
    # placement
    "gcp-regions": "https://cloud.google.com/compute/docs/regions-zones",
    "azure-regions": "https://learn.microsoft.com/en-us/azure/reliability/regions-list",
    "eea": "https://eur-lex.europa.eu/EN/legal-content/glossary/european-economic-area-eea.html",
    "monaco": "https://en.gouv.mc/Portail-du-Gouvernement/Policy-Practice/Monaco-Worldwide/Monaco-and-the-European-Union",
    # vcluster and Pod Security
    "pss": "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
    "sysctls": "https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/#safe-and-unsafe-sysctls",
    "pss-labels": "https://kubernetes.io/docs/concepts/security/pod-security-admission/#pod-security-admission-labels-for-namespaces",
    "apparmor": "https://kubernetes.io/docs/tutorials/security/apparmor/#securing-a-pod",
    "ssa": "https://kubernetes.io/docs/reference/using-api/server-side-apply/",
    "unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
}


# ------------------------------------------------------------------------------------ helpers

WRITE = ["create", "delete", "deletecollection", "patch", "update"]
READ = ["get", "list", "watch"]

ENDPOINTSLICES_WRITE = [{"apiGroups": ["discovery.k8s.io"], "resources": ["endpointslices"], "verbs": WRITE}]
ENDPOINTSLICES_READ = [{"apiGroups": ["discovery.k8s.io"], "resources": ["endpointslices"], "verbs": READ}]
PRIORITY_WRITE = [{"apiGroups": ["scheduling.k8s.io"], "resources": ["priorityclasses"], "verbs": WRITE}]
PRIORITY_READ = [{"apiGroups": ["scheduling.k8s.io"], "resources": ["priorityclasses"], "verbs": READ}]
ATTACH_WRITE = [{"apiGroups": ["storage.k8s.io"], "resources": ["volumeattachments"], "verbs": WRITE}]
PDB_WRITE = [{"apiGroups": ["policy"], "resources": ["poddisruptionbudgets"], "verbs": WRITE}]

ACME_SERVICE = {"service": {"namespace": "acme", "name": "acme-hooks", "path": "/validate", "port": 443}}
OWN_NAME = {"matchExpressions": [{"key": NAME, "operator": "In", "values": ["acme"]}]}
ANY_NAME = {"matchExpressions": [{"key": NAME, "operator": "Exists"}]}


def gw_hook(resource: str, selector: Any = OWN_NAME, client: dict[str, Any] | None = None, scope: str = "*") -> Obj:
    """A validating webhook served from acme on CREATE/UPDATE of the Gateway API's ``resource`` (v1)."""
    rule = {
        "operations": ["CREATE", "UPDATE"],
        "apiGroups": [GATEWAY],
        "apiVersions": ["v1", "v1beta1"],
        "resources": [resource],
        "scope": scope,
    }
    return webhook(
        client or ACME_SERVICE, selector, [rule], kind="Validating", name=f"acme-{resource}", matchPolicy="Equivalent"
    )


ANP = "kubernetes:policy.networking.k8s.io/v1alpha1:AdminNetworkPolicy"
BANP = "kubernetes:policy.networking.k8s.io/v1alpha1:BaselineAdminNetworkPolicy"
ACME_SUBJECT = {"namespaces": {"matchLabels": {NAME: "acme"}}}
EVERY_NAMESPACE = [{"namespaces": {}}]


def admin_policy(action: str) -> Obj:
    """An AdminNetworkPolicy (priority 20) whose only ingress rule over acme's pods takes ``action`` for traffic from
    every namespace."""
    return add(
        ANP,
        "acme-ingress-anp",
        metadata={"name": "acme-shop-ingress"},
        spec={
            "priority": 20,
            "subject": ACME_SUBJECT,
            "ingress": [{"name": "from-everywhere", "action": action, "from": EVERY_NAMESPACE}],
        },
    )


def baseline_allow() -> Obj:
    """The cluster's BaselineAdminNetworkPolicy (always named default) allowing ingress to acme from every
    namespace: the lowest tier, which any NetworkPolicy overrides."""
    return add(
        BANP,
        "default-banp",
        metadata={"name": "default"},
        spec={
            "subject": ACME_SUBJECT,
            "ingress": [{"name": "from-everywhere", "action": "Allow", "from": EVERY_NAMESPACE}],
        },
    )


CNP = "kubernetes:cilium.io/v2:CiliumNetworkPolicy"


def cilium_policy(name: str, **spec: Any) -> Obj:
    """A CiliumNetworkPolicy in acme over the shop's pods."""
    return add(
        CNP,
        f"acme-{name}-cnp",
        metadata={"name": name, "namespace": "acme"},
        spec={"endpointSelector": {"matchLabels": {"app": "shop"}}, **spec},
    )


GRADLE_PASSWORD = "org.gradle.jvmargs=-Xmx2g\nacmeReleasesUsername=deploy\nacmeReleasesPassword=Rk8vQ2mX7pLz4TwN\n"
GRADLE_PLAIN = "org.gradle.jvmargs=-Xmx2g\norg.gradle.caching=true\norg.gradle.parallel=true\n"
NUGET_CLEAR = """<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="acme" value="https://pkgs.dev.azure.com/acme/_packaging/shop/nuget/v3/index.json" />
  </packageSources>
  <packageSourceCredentials>
    <acme>
      <add key="Username" value="ci" />
      <add key="ClearTextPassword" value="q7Xm2Rv9TkL4pWz8Nb3c" />
    </acme>
  </packageSourceCredentials>
</configuration>
"""
NUGET_ENV = NUGET_CLEAR.replace("q7Xm2Rv9TkL4pWz8Nb3c", "%NUGET_FEED_PAT%")
RCLONE_KEYS = (
    "[archive]\ntype = s3\nprovider = AWS\n"
    "access_key_id = AKIAQ3XR7VN2TLMW8Z4P\nsecret_access_key = Zp4Kq9Xv2Lm7Rt8Nw3Bc6Hj1Fd5Sg0QeAuTo9iPl\n"
    "region = eu-west-1\n"
)
RCLONE_ENV_AUTH = "[archive]\ntype = s3\nprovider = AWS\nenv_auth = true\nregion = eu-west-1\n"

PG_PASSWORD = [{"name": "PGPASSWORD", "value": "Hq3vT8mZ2xKp7LrW"}]
PG_SECRET_REF = [{"name": "PGPASSWORD", "valueFrom": {"secretKeyRef": {"name": "orders-db", "key": "password"}}}]


def migrating_statefulset(init_env: Any) -> Obj:
    """acme's orders StatefulSet (a restricted pod) whose init container waits for and migrates the database with
    the environment ``init_env``."""
    resources = {"requests": {"cpu": "100m", "memory": "128Mi"}, "limits": {"memory": "256Mi"}}
    labels = {"app": "orders"}
    return add(
        "kubernetes:apps/v1:StatefulSet",
        "acme-orders-sts",
        metadata={"name": "orders", "namespace": "acme"},
        spec={
            "serviceName": "orders",
            "replicas": 1,
            "selector": {"matchLabels": labels},
            "template": {
                "metadata": {"labels": labels},
                "spec": {
                    "serviceAccountName": "shop",
                    "automountServiceAccountToken": False,
                    "securityContext": POD_SECURITY,
                    "initContainers": [
                        {
                            "name": "migrate",
                            "image": "registry.example.com/acme/orders-migrate:3.1.0",
                            "command": ["/app/migrate", "--host", "orders-db.acme.svc"],
                            "env": init_env,
                            "securityContext": CONTAINER_SECURITY,
                            "resources": resources,
                        }
                    ],
                    "containers": [
                        {
                            "name": "orders",
                            "image": "registry.example.com/acme/orders:3.1.0",
                            "securityContext": CONTAINER_SECURITY,
                            "resources": resources,
                        }
                    ],
                },
            },
        },
    )


def pdb(labels: Any) -> Obj:
    """acme's PodDisruptionBudget for the shop (at most one pod down), labelled ``labels``."""
    return add(
        "kubernetes:policy/v1:PodDisruptionBudget",
        "acme-shop-pdb",
        metadata={"name": "shop", "namespace": "acme", "labels": labels},
        spec={"maxUnavailable": 1, "selector": {"matchLabels": {"app": "shop"}}},
    )


CLAIM = {"fleet-isolation": "cluster", "fleet-tenant": "acme"}
NAMESPACE_ISOLATION = {"fleet-isolation": "namespace", "fleet-tenant": "acme"}


def vcluster_apparmor(profile: str, image_tag: Any = None) -> Obj:
    """The program's vcluster release whose syncer container runs under the AppArmor profile type ``profile`` (and,
    with ``image_tag``, a pinned syncer image tag)."""
    values = copy.deepcopy(program_values())
    statefulset = values["controlPlane"]["statefulSet"]
    statefulset["security"]["containerSecurityContext"]["appArmorProfile"] = {"type": profile}
    if image_tag is not None:
        statefulset["image"]["tag"] = image_tag
    return release(values)


def vcluster_syncer_capability(capability: str) -> Obj:
    """The program's vcluster release whose syncer container adds ``capability`` after dropping ALL."""
    values = copy.deepcopy(program_values())
    security = values["controlPlane"]["statefulSet"]["security"]["containerSecurityContext"]
    security["capabilities"] = {"drop": ["ALL"], "add": [capability]}
    return release(values)


def vcluster_sysctl(name: str, value: str) -> Obj:
    """The program's vcluster release whose control-plane pod sets the sysctl ``name`` to ``value``."""
    values = copy.deepcopy(program_values())
    values["controlPlane"]["statefulSet"]["security"]["podSecurityContext"]["sysctls"] = [
        {"name": name, "value": value}
    ]
    return release(values)


def pss_patch(labels: Any) -> Obj:
    """A NamespacePatch of acme (server-side apply) setting the Pod Security ``labels``."""
    return patch("Namespace", "acme-ns-pss-patch", {"name": "acme", "labels": labels})


def annotated(make: Obj, annotations: dict[str, Any]) -> Obj:
    """``make``'s object with ``annotations`` added to its metadata."""

    def wrapped(s: Any, k8s: str) -> Any:
        urn = make(s, k8s)
        obj = next(r for r in s.resources if r.urn == urn)
        obj.inputs = {**obj.inputs, "metadata": {**obj.inputs["metadata"], "annotations": annotations}}
        return urn

    return wrapped


def on_me_west(image: Any = "registry.example.com/acme/shop:1.4.2") -> Build:
    return placed(on_gke("me-west1", "IL"), "gdpr", image=image)


def on_turin(image: Any = "registry.example.com/acme/shop:1.4.2") -> Build:
    return placed(on_gke("europe-west12", "IT"), "gdpr", image=image)


# ============================================================================ tenant isolation

# Violates: EndpointSlice writes aggregated into edit: an editor points a Service of its namespace at any pod or
# node IP, past NetworkPolicies (CVE-2021-25740; EndpointSlices were never in edit or admin).
case("kube16-agg-edit-endpointslices-write", ISOLATION, "DENY", DOC["endpoints-cve"])(
    iso(cluster_role("endpointslice-editor", ENDPOINTSLICES_WRITE, EDIT_AGG), neighbour=True)
)
# Complies: reading EndpointSlices aggregated into view (view already reads Endpoints).
case("kube16-agg-view-endpointslices-read", ISOLATION, cite=DOC["aggregation"])(
    iso(cluster_role("endpointslice-viewer", ENDPOINTSLICES_READ, VIEW_AGG), neighbour=True)
)
# Violates: PriorityClass writes aggregated into admin: PriorityClasses are cluster-scoped, so one tenant admin
# makes a class that preempts every neighbour's pods.
case("kube16-agg-admin-priority-classes-write", ISOLATION, "DENY", DOC["priorityclass"])(
    iso(cluster_role("priority-class-admin", PRIORITY_WRITE, ADMIN_AGG), neighbour=True)
)
# Complies: reading PriorityClasses aggregated into view (to pick a priorityClassName).
case("kube16-agg-view-priority-classes-read", ISOLATION, cite=DOC["priority-quota"])(
    iso(cluster_role("priority-class-viewer", PRIORITY_READ, VIEW_AGG), neighbour=True)
)
# Violates: VolumeAttachment writes aggregated into edit: cluster-scoped objects that attach any PersistentVolume
# (a neighbour's disk) to any node.
case("kube16-agg-edit-volume-attachments-write", ISOLATION, "DENY", DOC["volumeattachment"])(
    iso(cluster_role("volume-attacher", ATTACH_WRITE, EDIT_AGG), neighbour=True)
)
# Complies: PodDisruptionBudget writes (namespaced) aggregated into edit.
case("kube16-agg-edit-pdbs-write", ISOLATION, cite=DOC["pdb"])(
    iso(cluster_role("pdb-editor", PDB_WRITE, EDIT_AGG), neighbour=True)
)
# Violates: acme's webhook on Gateways selects every namespace that has a name (operator Exists on
# kubernetes.io/metadata.name, which every namespace carries): it sees and may refuse globex's Gateways.
case("kube16-webhook-gateways-name-exists", ISOLATION, "DENY", DOC["webhook-ns"])(
    iso(gw_hook("gateways", selector=ANY_NAME, scope="Namespaced"), neighbour=True)
)
# Complies: the same webhook selecting acme by name (In [acme]).
case("kube16-webhook-gateways-own-name", ISOLATION, cite=DOC["webhook-ns"])(
    iso(gw_hook("gateways", scope="Namespaced"), neighbour=True)
)
# Violates: acme's webhook on GatewayClasses: cluster-scoped, so its namespaceSelector has no effect and the tenant
# sees (and may refuse) every GatewayClass the platform and the other tenants use.
case("kube16-webhook-gatewayclasses", ISOLATION, "DENY", DOC["gatewayclass"])(
    iso(gw_hook("gatewayclasses"), neighbour=True)
)
# Complies: acme's webhook on ReferenceGrants (namespaced), selecting acme by name.
case("kube16-webhook-referencegrants-own", ISOLATION, cite=DOC["referencegrant"])(
    iso(gw_hook("referencegrants", scope="Namespaced"), neighbour=True)
)
# Violates: an AdminNetworkPolicy allows ingress to acme's pods from every namespace; ANP Allow rules are evaluated
# before NetworkPolicies, so acme's default deny no longer applies to that traffic.
case("kube16-anp-allow-ingress-from-all", ISOLATION, "DENY", DOC["anp"])(iso(admin_policy("Allow"), neighbour=True))
# Complies: the same AdminNetworkPolicy denies that traffic (it only adds isolation).
case("kube16-anp-deny-ingress-from-all", ISOLATION, cite=DOC["anp-okd"])(iso(admin_policy("Deny"), neighbour=True))
# Complies: a BaselineAdminNetworkPolicy allowing the same ingress: the baseline tier applies only where no
# NetworkPolicy decides, and acme's default deny does.
case("kube16-banp-allow-overridden-by-default-deny", ISOLATION, cite=DOC["anp-okd"])(
    iso(baseline_allow(), neighbour=True)
)
# Violates: a CiliumNetworkPolicy in acme allows ingress to the shop from the entity "all" (every endpoint, in and
# out of the cluster); Cilium unites it with the Kubernetes NetworkPolicies, reopening what the default deny closes.
case("kube16-cilium-ingress-from-all-entities", ISOLATION, "DENY", DOC["cilium-entities"])(
    iso(cilium_policy("allow-all", ingress=[{"fromEntities": ["all"]}]), neighbour=True)
)
# Complies: a CiliumNetworkPolicy in acme that only denies ingress from the world entity.
case("kube16-cilium-ingress-deny-world", ISOLATION, cite=DOC["cilium-deny"])(
    iso(cilium_policy("deny-world", ingressDeny=[{"fromEntities": ["world"]}]), neighbour=True)
)
# Violates: a RoleBinding in acme gives view to system:nodes, every kubelet of the cluster: not the tenant's group.
case("kube16-rb-view-system-nodes", ISOLATION, "DENY", DOC["node-authorizer"])(
    iso(role_binding(VIEW, group("system:nodes"), name="nodes-view"), neighbour=True)
)
# Complies: the binding gives view to one service account of fleet-system, the fleet's platform namespace.
case("kube16-rb-view-fleet-system-account", ISOLATION, cite=DOC["sa-groups"])(
    iso(role_binding(VIEW, service_account("fleet-system", "tenant-auditor"), name="nodes-view"), neighbour=True)
)
# Violates: a RoleBinding in acme binds its developers to the built-in system:controller:resourcequota-controller
# ClusterRole (list and watch on every resource, update of ResourceQuota status), which the stack does not define
# and which is no user-facing role.
case("kube16-rb-resourcequota-controller-role", ISOLATION, "DENY", DOC["controller-roles"])(
    iso(
        role_binding(
            ("ClusterRole", "system:controller:resourcequota-controller"), group("acme-devs"), name="quota-ctl"
        ),
        neighbour=True,
    )
)
# Complies: the developers bound to system:aggregate-to-edit, the part Kubernetes aggregates into edit.
case("kube16-rb-aggregate-to-edit-role", ISOLATION, cite=DOC["user-facing"])(
    iso(role_binding(("ClusterRole", "system:aggregate-to-edit"), group("acme-devs"), name="quota-ctl"), neighbour=True)
)
# Violates: gradle.properties with a repository password, in a ConfigMap.
case("kube16-configmap-gradle-password", ISOLATION, "DENY", DOC["gradle"])(
    iso(configmap({"gradle.properties": GRADLE_PASSWORD}, name="gradle"))
)
# Complies: gradle.properties with build settings only.
case("kube16-configmap-gradle-settings", ISOLATION, cite=DOC["gradle-properties"])(
    iso(configmap({"gradle.properties": GRADLE_PLAIN}, name="gradle"))
)
# Violates: nuget.config with a feed's ClearTextPassword, in a ConfigMap.
case("kube16-configmap-nuget-cleartext-password", ISOLATION, "DENY", DOC["nuget"])(
    iso(configmap({"nuget.config": NUGET_CLEAR}, name="nuget"))
)
# Complies: the password is the %NUGET_FEED_PAT% environment variable NuGet expands.
case("kube16-configmap-nuget-env-placeholder", ISOLATION, cite=DOC["nuget"])(
    iso(configmap({"nuget.config": NUGET_ENV}, name="nuget"))
)
# Violates: rclone.conf with an S3 access key and its secret, in a ConfigMap.
case("kube16-configmap-rclone-s3-keys", ISOLATION, "DENY", DOC["rclone-s3"])(
    iso(configmap({"rclone.conf": RCLONE_KEYS}, name="rclone"))
)
# Complies: rclone.conf with env_auth = true (credentials from the pod's environment or identity).
case("kube16-configmap-rclone-env-auth", ISOLATION, cite=DOC["rclone-s3"])(
    iso(configmap({"rclone.conf": RCLONE_ENV_AUTH}, name="rclone"))
)
# Violates: the StatefulSet's init container sets PGPASSWORD to the database password in plain text.
case("kube16-statefulset-init-env-password", ISOLATION, "DENY", DOC["postgres-env"])(
    iso(app_sa(), migrating_statefulset(PG_PASSWORD))
)
# Complies: the init container takes PGPASSWORD from a Secret by reference.
case("kube16-statefulset-init-env-secret-ref", ISOLATION, cite=DOC["env-secret"])(
    iso(app_sa(), migrating_statefulset(PG_SECRET_REF))
)
# Violates: acme's PodDisruptionBudget claims a dedicated cluster (fleet-isolation=cluster) on a cluster globex
# shares.
case("kube16-pdb-false-dedicated-claim", ISOLATION, "DENY", DOC["pdb"])(iso(pdb(CLAIM), neighbour=True))
# Complies: the PodDisruptionBudget carries the tenant's real isolation, namespace.
case("kube16-pdb-namespace-isolation", ISOLATION, cite=DOC["pdb"])(iso(pdb(NAMESPACE_ISOLATION), neighbour=True))


# ============================================================================ providers and patches

# Violates: a GDPR tenant on GKE in me-west1 (Tel Aviv): Israel is not in the EEA.
case("kube16-gdpr-gke-tel-aviv", PROVIDERS, "DENY", DOC["gcp-regions"])(on_me_west())
# Complies: the GDPR tenant on GKE in europe-west12 (Turin, Italy).
case("kube16-gdpr-gke-turin", PROVIDERS, cite=DOC["gcp-regions"])(on_turin())
# Violates: a us tenant on AKS in mexicocentral (Querétaro, Mexico).
case("kube16-us-aks-mexico-central", PROVIDERS, "DENY", DOC["azure-regions"])(
    placed(on_aks("mexicocentral", "MX"), "us")
)
# Complies: the us tenant on AKS in centralus (Iowa).
case("kube16-us-aks-central-us", PROVIDERS, cite=DOC["azure-regions"])(placed(on_aks("centralus", "US"), "us"))
# Violates: a GDPR tenant on an existing cluster declared in Monaco, outside the EU and the EEA.
case("kube16-gdpr-existing-monaco", PROVIDERS, "DENY", DOC["monaco"])(placed(existing("MC", "monaco-dc1"), "gdpr"))
# Complies: the GDPR tenant on an existing cluster in Malta, an EU member state.
case("kube16-gdpr-existing-malta", PROVIDERS, cite=DOC["eea"])(placed(existing("MT", "valletta-dc1"), "gdpr"))
# Violates: the vcluster syncer runs with the AppArmor profile Unconfined, which baseline (and so restricted)
# refuses.
case("kube16-vcluster-syncer-apparmor-unconfined", PROVIDERS, "DENY", DOC["pss"])(
    on_vcluster(vcluster_apparmor("Unconfined"))
)
# Complies: the syncer runs with the RuntimeDefault AppArmor profile.
case("kube16-vcluster-syncer-apparmor-runtime-default", PROVIDERS, cite=DOC["apparmor"])(
    on_vcluster(vcluster_apparmor("RuntimeDefault"))
)
# Violates: the vcluster syncer adds SYS_PTRACE: restricted allows adding only NET_BIND_SERVICE.
case("kube16-vcluster-syncer-sys-ptrace", PROVIDERS, "DENY", DOC["pss"])(
    on_vcluster(vcluster_syncer_capability("SYS_PTRACE"))
)
# Complies: the syncer adds NET_BIND_SERVICE, the one capability restricted allows.
case("kube16-vcluster-syncer-net-bind-service", PROVIDERS, cite=DOC["pss"])(
    on_vcluster(vcluster_syncer_capability("NET_BIND_SERVICE"))
)
# Violates: the vcluster control-plane pod sets net.core.somaxconn, a sysctl outside the safe set baseline (and so
# restricted) allows.
case("kube16-vcluster-sysctl-somaxconn", PROVIDERS, "DENY", DOC["pss"])(
    on_vcluster(vcluster_sysctl("net.core.somaxconn", "1024"))
)
# Complies: the pod sets net.ipv4.ip_unprivileged_port_start, one of the safe sysctls baseline allows.
case("kube16-vcluster-sysctl-unprivileged-port-start", PROVIDERS, cite=DOC["sysctls"])(
    on_vcluster(vcluster_sysctl("net.ipv4.ip_unprivileged_port_start", "1024"))
)
# Violates: a NamespacePatch lowers acme's enforced Pod Security to baseline (warning on restricted only).
case("kube16-namespace-patch-enforce-baseline", PROVIDERS, "DENY", DOC["pss-labels"])(
    iso(
        pss_patch({"pod-security.kubernetes.io/enforce": "baseline", "pod-security.kubernetes.io/warn": "restricted"}),
        neighbour=True,
    )
)
# Complies: a NamespacePatch that adds audit and warn at restricted, leaving enforce as it is.
case("kube16-namespace-patch-audit-warn-restricted", PROVIDERS, cite=DOC["ssa"])(
    iso(
        pss_patch({"pod-security.kubernetes.io/audit": "restricted", "pod-security.kubernetes.io/warn": "restricted"}),
        neighbour=True,
    )
)


# ============================================================================ unknown at preview

# Violates: the EndpointSlice writer aggregated into edit; only an annotation's value is unknown.
case("kube16-unknown-annotation-agg-edit-endpointslices", PREVIEW, "DENY", DOC["endpoints-cve"])(
    iso(
        annotated(
            cluster_role("endpointslice-editor", ENDPOINTSLICES_WRITE, EDIT_AGG), {"example.com/ticket": UNKNOWN}
        ),
        neighbour=True,
    )
)
# Complies: the EndpointSlice reader aggregated into view; an annotation's value is unknown.
case("kube16-unknown-annotation-agg-view-endpointslices", PREVIEW, cite=DOC["aggregation"])(
    iso(
        annotated(cluster_role("endpointslice-viewer", ENDPOINTSLICES_READ, VIEW_AGG), {"example.com/ticket": UNKNOWN}),
        neighbour=True,
    )
)
# Violates: the GDPR tenant on GKE in Tel Aviv; only its app's image (a registry output) is unknown.
case("kube16-unknown-image-gdpr-gke-tel-aviv", PREVIEW, "DENY", DOC["gcp-regions"])(
    on_me_west(image=f"{UNKNOWN}:1.4.2")
)
# Complies: the GDPR tenant on GKE in Turin; its app's image is unknown.
case("kube16-unknown-image-gdpr-gke-turin", PREVIEW, cite=DOC["gcp-regions"])(on_turin(image=f"{UNKNOWN}:1.4.2"))
# Violates: the Gradle password is in the ConfigMap; only another key's value (a repository URL output) is unknown.
case("kube16-unknown-key-gradle-password", PREVIEW, "DENY", DOC["gradle"])(
    iso(configmap({"gradle.properties": GRADLE_PASSWORD, "REPOSITORY_URL": UNKNOWN}, name="gradle"))
)
# Complies: gradle.properties without credentials; another key's value is unknown.
case("kube16-unknown-key-gradle-settings", PREVIEW, cite=DOC["gradle-properties"])(
    iso(configmap({"gradle.properties": GRADLE_PLAIN, "REPOSITORY_URL": UNKNOWN}, name="gradle"))
)
# Violates: the Gateways webhook selecting every named namespace; only its caBundle (a certificate's output) is
# unknown.
case("kube16-unknown-cabundle-webhook-gateways-exists", PREVIEW, "DENY", DOC["webhook-ns"])(
    iso(
        gw_hook("gateways", selector=ANY_NAME, client={**ACME_SERVICE, "caBundle": UNKNOWN}, scope="Namespaced"),
        neighbour=True,
    )
)
# Complies: the Gateways webhook scoped to acme by name; its caBundle is unknown.
case("kube16-unknown-cabundle-webhook-gateways-own", PREVIEW, cite=DOC["webhook-ns"])(
    iso(gw_hook("gateways", client={**ACME_SERVICE, "caBundle": UNKNOWN}, scope="Namespaced"), neighbour=True)
)
# Violates: the vcluster syncer's AppArmor profile is Unconfined; only its image tag (a build output) is unknown.
case("kube16-unknown-tag-vcluster-apparmor-unconfined", PREVIEW, "DENY", DOC["pss"])(
    on_vcluster(vcluster_apparmor("Unconfined", image_tag=UNKNOWN))
)
# Complies: the RuntimeDefault profile; the syncer's image tag is unknown.
case("kube16-unknown-tag-vcluster-apparmor-runtime-default", PREVIEW, cite=DOC["apparmor"])(
    on_vcluster(vcluster_apparmor("RuntimeDefault", image_tag=UNKNOWN))
)
# Complies (deferred): a RoleBinding in acme to a group whose name is another resource's output (an identity
# provider's group): whom it binds needs the value, so the decision waits for the update.
case("kube16-unknown-rb-subject-group-name", PREVIEW, cite=DOC["unknowns"])(
    iso(role_binding(VIEW, group(UNKNOWN), name="idp-view"), neighbour=True)
)


# ============================================================================ malformed shapes

# Violates (cannot evaluate): the aggregated role's apiGroups written as one string (depth 3; a list): which
# group's resources it aggregates into edit decides FLEET-TEN-010.
case("kube16-bad-agg-edit-apigroups-string", MALFORMED, "DENY", DOC["cr-api"])(
    iso(
        cluster_role(
            "endpointslice-editor",
            [{"apiGroups": "discovery.k8s.io", "resources": ["endpointslices"], "verbs": WRITE}],
            EDIT_AGG,
        ),
        neighbour=True,
    )
)
# Complies: PDB writes aggregated into edit with apiGroups as a list.
case("kube16-agg-edit-apigroups-list", MALFORMED, cite=DOC["aggregation"])(
    iso(cluster_role("pdb-editor", PDB_WRITE, EDIT_AGG), neighbour=True)
)
# Violates (cannot evaluate): the webhook's namespaceSelector matchExpressions written as one requirement object
# (depth 4; a list): which namespaces it intercepts decides FLEET-TEN-008.
case("kube16-bad-webhook-match-expressions-object", MALFORMED, "DENY", DOC["label-selector"])(
    iso(
        gw_hook(
            "gateways",
            selector={"matchExpressions": {"key": NAME, "operator": "In", "values": ["acme"]}},
            scope="Namespaced",
        ),
        neighbour=True,
    )
)
# Complies: the same requirement inside a list.
case("kube16-webhook-match-expressions-list", MALFORMED, cite=DOC["label-selector"])(
    iso(gw_hook("gateways", scope="Namespaced"), neighbour=True)
)
# Violates (cannot evaluate): the init container's env written as a name-to-value map (depth 6; a list of
# EnvVar): whether it holds a credential decides FLEET-SEC-002.
case("kube16-bad-init-env-map", MALFORMED, "DENY", DOC["container-api"])(
    iso(app_sa(), migrating_statefulset({"PGPASSWORD": "Hq3vT8mZ2xKp7LrW"}))
)
# Complies: env as a list, the password from a Secret.
case("kube16-init-env-list", MALFORMED, cite=DOC["container-api"])(iso(app_sa(), migrating_statefulset(PG_SECRET_REF)))
# Violates (cannot evaluate): the PodDisruptionBudget's labels written as a list of "key=value" strings (depth 2; a
# map): whether it claims a dedicated cluster decides FLEET-TEN-005.
case("kube16-bad-pdb-labels-list", MALFORMED, "DENY", DOC["pdb"])(
    iso(pdb(["fleet-isolation=cluster", "fleet-tenant=acme"]), neighbour=True)
)
# Complies: the labels as a map (namespace isolation).
case("kube16-pdb-labels-map", MALFORMED, cite=DOC["pdb"])(iso(pdb(NAMESPACE_ISOLATION), neighbour=True))
# Violates (cannot evaluate): a RoleBinding's roleRef written as a "ClusterRole/view" string (depth 1; an object):
# which role it grants in acme decides FLEET-TEN-004.
case("kube16-bad-rb-roleref-string", MALFORMED, "DENY", DOC["rb-api"])(
    iso(
        add(
            f"kubernetes:{RBAC}/v1:RoleBinding",
            "acme-devs-view-rb",
            metadata={"name": "devs-view", "namespace": "acme"},
            roleRef="ClusterRole/view",
            subjects=[group("acme-devs")],
        ),
        neighbour=True,
    )
)
# Complies: the roleRef as an object.
case("kube16-rb-roleref-object", MALFORMED, cite=DOC["rb-api"])(
    iso(role_binding(VIEW, group("acme-devs"), name="devs-view"), neighbour=True)
)
# Violates (cannot evaluate): the NamespacePatch's labels written as a list of one-entry maps (depth 2; a map):
# whether it weakens acme's Pod Security decides FLEET-TEN-001.
case("kube16-bad-namespace-patch-labels-list", MALFORMED, "DENY", DOC["pss-labels"])(
    iso(pss_patch([{"pod-security.kubernetes.io/enforce": "baseline"}]), neighbour=True)
)
# Complies: the labels as a map (audit and warn at restricted).
case("kube16-namespace-patch-labels-map", MALFORMED, cite=DOC["pss-labels"])(
    iso(pss_patch({"pod-security.kubernetes.io/audit": "restricted"}), neighbour=True)
)
