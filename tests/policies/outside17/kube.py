"""Kubernetes isolation cases of the seventeenth outside corpus: kinds, fields and situations the sixteen earlier
outside corpora did not try. StorageClass, ResourceSlice and API Priority and Fairness (FlowSchema,
PriorityLevelConfiguration) writes aggregated into the user-facing roles, against VolumeSnapshot writes and reads;
a tenant webhook on StorageClasses; a WireGuard ``wg0.conf`` private key, a Cargo ``credentials.toml`` token and a
Helm ``repositories.yaml`` password in ConfigMaps; a credential in the environment of a bare PodTemplate; a
ClusterRoleBinding of a tenant's service account to the built-in ``system:volume-scheduler`` role; a
CiliumClusterwideNetworkPolicy over a tenant's endpoints. Providers and patches: us on EKS in Mexico vs GovCloud,
GDPR on GKE in Dammam vs Stockholm, eu on AKS in Norway West vs Denmark East, GDPR on an existing cluster in Andorra
vs Croatia, the vcluster syncer's SELinux type, a hostProcess pod and an NFS volume of the control plane, a
CronJobPatch that puts a password into the environment, a Lease that claims a dedicated cluster. Then values unknown
at preview and malformed shapes.

Written from Kubernetes, Cilium, vCluster, WireGuard, Cargo, Helm and cloud region documentation and the pack's
user-facing contract (docs/RULES.md, README.md, what fleet/tenancy and fleet/clusters render), by a helper that did
not read the pack's rules, its configs, its tests or the tuned corpus's cases. Each case only says whether a correct
pack reports some mandatory violation (``expect="DENY"``) or none; a comment above it says why, and it cites the page
the outcome rests on. The stacks are built with the helpers of the earlier outside corpora.

``UNKNOWN`` stands for a value the engine only learns at the update. Where the decision does not need it a correct
pack decides as if it were known; where it does, the pack defers (advisory FLEET-PRE-001), which is no mandatory
violation.
"""

from __future__ import annotations

import base64
import copy
from typing import Any

from tests.policies.corpus import UNKNOWN
from tests.policies.outside.corpus import cluster_role, service_account
from tests.policies.outside2.corpus import ADMIN_AGG, EDIT_AGG, VIEW_AGG, Obj, iso
from tests.policies.outside3.kube import add, on_vcluster, patch, program_values, release
from tests.policies.outside5.kube import webhook
from tests.policies.outside6.kube import CONTAINER_SECURITY, POD_SECURITY, configmap
from tests.policies.outside15.kube import existing, on_aks, on_eks, on_gke, placed
from tests.policies.outside16.kube import annotated
from tests.policies.outside17.common import Build, case

ISOLATION = "tenant-isolation"
PROVIDERS = "k8s-providers-and-patches"
PREVIEW = "unknown-at-preview"
MALFORMED = "malformed"

NAME = "kubernetes.io/metadata.name"
RBAC = "rbac.authorization.k8s.io"

DOC = {
    # RBAC, aggregation and the cluster-scoped kinds behind it
    "aggregation": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#aggregated-clusterroles",
    "storageclass": "https://kubernetes.io/docs/concepts/storage/storage-classes/",
    "volumesnapshot": "https://kubernetes.io/docs/concepts/storage/volume-snapshots/",
    "resourceslice": (
        "https://kubernetes.io/docs/concepts/scheduling-eviction/dynamic-resource-allocation/#resourceslice"
    ),
    "apf": "https://kubernetes.io/docs/concepts/cluster-administration/flow-control/",
    "core-roles": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#core-component-roles",
    "crb-api": "https://kubernetes.io/docs/reference/kubernetes-api/authorization-resources/cluster-role-binding-v1/",
    "cr-api": "https://kubernetes.io/docs/reference/kubernetes-api/authorization-resources/cluster-role-v1/",
    # admission
    "webhook-ns": (
        "https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/"
        "#matching-requests-namespaceselector"
    ),
    "webhook-rules": (
        "https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/"
        "#matching-requests-rules"
    ),
    # network policy engines
    "ccnp": "https://docs.cilium.io/en/stable/network/kubernetes/policy/#ciliumclusterwidenetworkpolicy",
    "cilium-entities": "https://docs.cilium.io/en/stable/security/policy/language/#entities-based",
    "cilium-deny": "https://docs.cilium.io/en/stable/security/policy/language/#deny-policies",
    # credentials
    "wireguard": "https://www.wireguard.com/quickstart/",
    "cargo-credentials": "https://doc.rust-lang.org/cargo/reference/config.html#credentials",
    "cargo-providers": "https://doc.rust-lang.org/cargo/reference/registry-authentication.html",
    "helm-repo": "https://helm.sh/docs/helm/helm_repo_add/",
    "podtemplate": "https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-template-v1/",
    "env-secret": "https://kubernetes.io/docs/tasks/inject-data-application/distribute-credentials-secure/",
    "configmap-api": "https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/config-map-v1/",
    "container-api": "https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#environment-variables",
    "cronjob": "https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/",
    "ssa": "https://www.pulumi.com/registry/packages/kubernetes/how-to-guides/managing-resources-with-server-side-apply/",
    # placement
    "aws-regions": "https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html",
    "govcloud": "https://docs.aws.amazon.com/govcloud-us/latest/UserGuide/whatis.html",
    "gcp-regions": "https://cloud.google.com/compute/docs/regions-zones",
    "azure-regions": "https://learn.microsoft.com/en-us/azure/reliability/regions-list",
    "eu-countries": "https://european-union.europa.eu/principles-countries-history/eu-countries_en",
    "eea": "https://eur-lex.europa.eu/EN/legal-content/glossary/european-economic-area-eea.html",
    "andorra": "https://www.eeas.europa.eu/andorra/european-union-and-andorra_en",
    # vcluster and Pod Security
    "pss": "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
    "vcluster-sts": "https://www.vcluster.com/docs/vcluster/configure/vcluster-yaml/control-plane/components/statefulset",
    "csi-inline": "https://kubernetes.io/docs/concepts/storage/ephemeral-volumes/#csi-ephemeral-volumes",
    # isolation claims
    "lease": "https://kubernetes.io/docs/concepts/architecture/leases/",
    "lease-api": "https://kubernetes.io/docs/reference/kubernetes-api/cluster-resources/lease-v1/",
    "labels": "https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/object-meta/#ObjectMeta",
    "unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
}


# ------------------------------------------------------------------------------------ helpers

WRITE = ["create", "delete", "deletecollection", "patch", "update"]
READ = ["get", "list", "watch"]

STORAGECLASSES_WRITE = [{"apiGroups": ["storage.k8s.io"], "resources": ["storageclasses"], "verbs": WRITE}]
SNAPSHOTS_WRITE = [
    {"apiGroups": ["snapshot.storage.k8s.io"], "resources": ["volumesnapshots"], "verbs": [*READ, *WRITE]}
]
SLICES_WRITE = [{"apiGroups": ["resource.k8s.io"], "resources": ["resourceslices"], "verbs": WRITE}]
SLICES_READ = [{"apiGroups": ["resource.k8s.io"], "resources": ["resourceslices"], "verbs": READ}]
APF_RESOURCES = ["flowschemas", "prioritylevelconfigurations"]
APF_WRITE = [{"apiGroups": ["flowcontrol.apiserver.k8s.io"], "resources": APF_RESOURCES, "verbs": WRITE}]
APF_READ = [{"apiGroups": ["flowcontrol.apiserver.k8s.io"], "resources": APF_RESOURCES, "verbs": READ}]

ACME_SERVICE = {"service": {"namespace": "acme", "name": "acme-hooks", "path": "/validate", "port": 443}}
OWN_NAME = {"matchExpressions": [{"key": NAME, "operator": "In", "values": ["acme"]}]}


def storage_hook(resource: str, group: str, scope: Any, versions: Any = ("v1",)) -> Obj:
    """A validating webhook served from acme, selecting acme by name, on CREATE/UPDATE of ``resource`` (``versions``,
    a list unless given otherwise)."""
    rule = {
        "operations": ["CREATE", "UPDATE"],
        "apiGroups": [group],
        "apiVersions": list(versions) if isinstance(versions, tuple) else versions,
        "resources": [resource],
        "scope": scope,
    }
    return webhook(ACME_SERVICE, OWN_NAME, [rule], kind="Validating", name=f"acme-{resource}")


def storageclass_admin(annotations: dict[str, Any] | None = None) -> Obj:
    make = cluster_role("storageclass-admin", STORAGECLASSES_WRITE, ADMIN_AGG)
    return annotated(make, annotations) if annotations else make


def snapshot_editor(annotations: dict[str, Any] | None = None) -> Obj:
    make = cluster_role("volumesnapshot-editor", SNAPSHOTS_WRITE, EDIT_AGG)
    return annotated(make, annotations) if annotations else make


WG_KEYED = """[Interface]
Address = 10.200.0.2/32
PrivateKey = yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk=

[Peer]
PublicKey = xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=
Endpoint = vpn.acme.example.com:51820
AllowedIPs = 192.0.2.0/24
"""
WG_KEY_FILE = WG_KEYED.replace(
    "PrivateKey = yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk=",
    "PostUp = wg set %i private-key /etc/wireguard/keys/private",
)
CARGO_TOKEN = '[registries.acme]\ntoken = "cio4Xp9Tq2LmVz7RkW3nBd8HsY6Jf1QeAu"\n'
CARGO_PROVIDER = (
    '[registries.acme]\nindex = "sparse+https://crates.acme.example.com/index/"\n'
    'credential-provider = "cargo:token-from-stdout /usr/local/bin/acme-crates-token"\n'
)


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def binary_configmap(binary_data: Any) -> Obj:
    """A ConfigMap in acme holding only ``binaryData``."""
    return add(
        "kubernetes:core/v1:ConfigMap",
        "acme-wireguard-binary-cm",
        metadata={"name": "wireguard", "namespace": "acme"},
        binaryData=binary_data,
    )


HELM_PASSWORD = """apiVersion: ""
generated: "2026-01-12T09:14:03Z"
repositories:
- name: acme-charts
  url: https://charts.acme.example.com
  username: deploy
  password: Vr8nQ2xT7kLm4ZpW
"""
HELM_PUBLIC = """apiVersion: ""
generated: "2026-01-12T09:14:03Z"
repositories:
- name: bitnami
  url: https://charts.bitnami.com/bitnami
"""

AWS_KEY_ENV = [{"name": "AWS_SECRET_ACCESS_KEY", "value": "wJ8rXq2TzV5mNp7LkR3sYb9HdF6gQe1AcU4oIt0W"}]
AWS_KEY_REF = [
    {"name": "AWS_SECRET_ACCESS_KEY", "valueFrom": {"secretKeyRef": {"name": "archive-s3", "key": "secret-key"}}}
]
PG_PASSWORD = [{"name": "PGPASSWORD", "value": "Tz4pK8mQ2vRx7LwN"}]
PG_SECRET_REF = [{"name": "PGPASSWORD", "valueFrom": {"secretKeyRef": {"name": "reports-db", "key": "password"}}}]


def pod_template(env: Any, image: Any = "registry.example.com/acme/archiver:2.0.1") -> Obj:
    """A bare PodTemplate in acme (a restricted pod spec a controller or a CI job stamps pods from) whose container
    has the environment ``env``."""
    return add(
        "kubernetes:core/v1:PodTemplate",
        "acme-archiver-podtemplate",
        metadata={"name": "archiver", "namespace": "acme"},
        template={
            "metadata": {"labels": {"app": "archiver"}},
            "spec": {
                "serviceAccountName": "archiver",
                "automountServiceAccountToken": False,
                "restartPolicy": "Never",
                "securityContext": POD_SECURITY,
                "containers": [
                    {
                        "name": "archiver",
                        "image": image,
                        "env": env,
                        "securityContext": CONTAINER_SECURITY,
                        "resources": {"requests": {"cpu": "100m", "memory": "128Mi"}, "limits": {"memory": "256Mi"}},
                    }
                ],
            },
        },
    )


def volume_scheduler_binding(subjects: Any, role_ref_list: bool = False) -> Obj:
    """A ClusterRoleBinding of the built-in system:volume-scheduler role (PersistentVolumes and StorageClasses of
    every namespace) to ``subjects`` (with ``role_ref_list``, the roleRef wrapped in a one-item list)."""
    role_ref: Any = {"apiGroup": RBAC, "kind": "ClusterRole", "name": "system:volume-scheduler"}
    return add(
        f"kubernetes:{RBAC}/v1:ClusterRoleBinding",
        "volume-scheduler-crb",
        metadata={"name": "extra-volume-scheduler"},
        roleRef=[role_ref] if role_ref_list else role_ref,
        subjects=subjects,
    )


ACME_SA = service_account("acme", "provisioner")
PLATFORM_SA = service_account("kube-system", "provisioner")

CCNP = "kubernetes:cilium.io/v2:CiliumClusterwideNetworkPolicy"
ACME_ENDPOINTS = {"matchLabels": {"k8s:io.kubernetes.pod.namespace": "acme"}}


def clusterwide_policy(name: str, labels: dict[str, Any] | None = None, **spec: Any) -> Obj:
    """A CiliumClusterwideNetworkPolicy selecting every endpoint of acme."""
    metadata: dict[str, Any] = {"name": name}
    if labels:
        metadata["labels"] = labels
    return add(CCNP, f"{name}-ccnp", metadata=metadata, spec={"endpointSelector": ACME_ENDPOINTS, **spec})


def vcluster_values(mutate: Any, image_tag: Any = None) -> Obj:
    """The program's vcluster release with ``mutate(statefulSet values)`` applied (and, with ``image_tag``, a pinned
    syncer image tag)."""
    values = copy.deepcopy(program_values())
    statefulset = values["controlPlane"]["statefulSet"]
    mutate(statefulset)
    if image_tag is not None:
        statefulset["image"]["tag"] = image_tag
    return release(values)


def selinux_type(kind: str, image_tag: Any = None) -> Obj:
    def mutate(sts: dict[str, Any]) -> None:
        sts["security"]["containerSecurityContext"]["seLinuxOptions"] = {"type": kind, "level": "s0:c123,c456"}

    return vcluster_values(mutate, image_tag)


def host_process(flag: bool) -> Obj:
    def mutate(sts: dict[str, Any]) -> None:
        sts["security"]["podSecurityContext"]["windowsOptions"] = {"hostProcess": flag}

    return vcluster_values(mutate)


def extra_volume(volume: dict[str, Any]) -> Obj:
    def mutate(sts: dict[str, Any]) -> None:
        sts["persistence"]["addVolumes"] = [volume]

    return vcluster_values(mutate)


NFS_VOLUME = {"name": "audit-export", "nfs": {"server": "nfs.acme.example.com", "path": "/exports/vcluster"}}
CSI_VOLUME = {
    "name": "audit-export",
    "csi": {"driver": "secrets-store.csi.k8s.io", "readOnly": True, "volumeAttributes": {"secretProviderClass": "a"}},
}


def cronjob_patch(env: Any) -> Obj:
    """A CronJobPatch (server-side apply) of acme's nightly report job that sets its container's environment."""
    return patch(
        "CronJob",
        "acme-report-cronjob-patch",
        {"name": "nightly-report", "namespace": "acme"},
        group_version="batch/v1",
        spec={"jobTemplate": {"spec": {"template": {"spec": {"containers": [{"name": "report", "env": env}]}}}}},
    )


CLAIM = {"fleet-isolation": "cluster", "fleet-tenant": "acme"}


def lease(labels: Any, annotations: dict[str, Any] | None = None) -> Obj:
    """acme's leader-election Lease for its shop controller, labelled ``labels``."""
    metadata: dict[str, Any] = {"name": "shop-controller", "namespace": "acme", "labels": labels}
    if annotations:
        metadata["annotations"] = annotations
    return add(
        "kubernetes:coordination.k8s.io/v1:Lease",
        "acme-shop-lease",
        metadata=metadata,
        spec={"holderIdentity": "shop-controller-7d9f", "leaseDurationSeconds": 15},
    )


def mexico(image: Any = "registry.example.com/acme/shop:1.4.2") -> Build:
    return placed(on_eks("mx-central-1", "MX"), "us", image=image)


def govcloud(image: Any = "registry.example.com/acme/shop:1.4.2") -> Build:
    return placed(on_eks("us-gov-west-1", "US"), "us", image=image)


# ============================================================================ tenant isolation

# Violates: StorageClass writes aggregated into admin: StorageClasses are cluster-scoped and shared, so one tenant
# admin rewrites the class (provisioner, reclaim policy, parameters) every tenant's claims use.
case("kube17-agg-admin-storageclasses-write", ISOLATION, "DENY", DOC["storageclass"])(
    iso(storageclass_admin(), neighbour=True)
)
# Complies: VolumeSnapshot (namespaced CSI snapshot CRD) writes aggregated into edit.
case("kube17-agg-edit-volumesnapshots-write", ISOLATION, cite=DOC["volumesnapshot"])(
    iso(snapshot_editor(), neighbour=True)
)
# Violates: ResourceSlice writes aggregated into edit: cluster-scoped DRA objects that publish a node's devices; a
# tenant editor advertises or withdraws devices every tenant's ResourceClaims are allocated from.
case("kube17-agg-edit-resourceslices-write", ISOLATION, "DENY", DOC["resourceslice"])(
    iso(cluster_role("resourceslice-writer", SLICES_WRITE, EDIT_AGG), neighbour=True)
)
# Complies: reading ResourceSlices aggregated into view.
case("kube17-agg-view-resourceslices-read", ISOLATION, cite=DOC["resourceslice"])(
    iso(cluster_role("resourceslice-viewer", SLICES_READ, VIEW_AGG), neighbour=True)
)
# Violates: FlowSchema and PriorityLevelConfiguration writes aggregated into admin: API Priority and Fairness is
# cluster-wide, so a tenant admin can starve every other tenant's API requests.
case("kube17-agg-admin-flowcontrol-write", ISOLATION, "DENY", DOC["apf"])(
    iso(cluster_role("flowcontrol-admin", APF_WRITE, ADMIN_AGG), neighbour=True)
)
# Complies: reading them aggregated into view (to see why a request was throttled).
case("kube17-agg-view-flowcontrol-read", ISOLATION, cite=DOC["apf"])(
    iso(cluster_role("flowcontrol-viewer", APF_READ, VIEW_AGG), neighbour=True)
)
# Violates: a webhook served from acme on StorageClasses, with a selector for acme: StorageClasses are
# cluster-scoped, so the namespaceSelector has no effect and acme sees (and may refuse) every StorageClass write.
case("kube17-webhook-storageclasses", ISOLATION, "DENY", DOC["webhook-ns"])(
    iso(storage_hook("storageclasses", "storage.k8s.io", "*"), neighbour=True)
)
# Complies: the same webhook on PersistentVolumeClaims (namespaced), acme's namespace only.
case("kube17-webhook-pvcs-own", ISOLATION, cite=DOC["webhook-ns"])(
    iso(storage_hook("persistentvolumeclaims", "", "Namespaced"), neighbour=True)
)
# Violates: a WireGuard wg0.conf whose [Interface] holds the tunnel's PrivateKey, in a ConfigMap.
case("kube17-configmap-wireguard-private-key", ISOLATION, "DENY", DOC["wireguard"])(
    iso(configmap({"wg0.conf": WG_KEYED}, name="wireguard"))
)
# Complies: wg0.conf loads the private key from a mounted file (PostUp wg set ... private-key); the ConfigMap only
# holds addresses and the peer's public key.
case("kube17-configmap-wireguard-key-file", ISOLATION, cite=DOC["wireguard"])(
    iso(configmap({"wg0.conf": WG_KEY_FILE}, name="wireguard"))
)
# Violates: Cargo's credentials.toml with a registry token, in a ConfigMap.
case("kube17-configmap-cargo-credentials-token", ISOLATION, "DENY", DOC["cargo-credentials"])(
    iso(configmap({"credentials.toml": CARGO_TOKEN}, name="cargo"))
)
# Complies: Cargo's config.toml naming a credential provider that fetches the token at run time.
case("kube17-configmap-cargo-credential-provider", ISOLATION, cite=DOC["cargo-providers"])(
    iso(configmap({"config.toml": CARGO_PROVIDER}, name="cargo"))
)
# Violates: Helm's repositories.yaml with a chart repository's password, in a ConfigMap.
case("kube17-configmap-helm-repositories-password", ISOLATION, "DENY", DOC["helm-repo"])(
    iso(configmap({"repositories.yaml": HELM_PASSWORD}, name="helm-repos"))
)
# Complies: repositories.yaml with a public repository only.
case("kube17-configmap-helm-repositories-public", ISOLATION, cite=DOC["helm-repo"])(
    iso(configmap({"repositories.yaml": HELM_PUBLIC}, name="helm-repos"))
)
# Violates: a PodTemplate (core/v1, stored and readable like any workload's pod template) whose container sets
# AWS_SECRET_ACCESS_KEY in plain text.
case("kube17-podtemplate-env-aws-secret-key", ISOLATION, "DENY", DOC["podtemplate"])(iso(pod_template(AWS_KEY_ENV)))
# Complies: the PodTemplate takes the key from a Secret by reference.
case("kube17-podtemplate-env-secret-ref", ISOLATION, cite=DOC["env-secret"])(iso(pod_template(AWS_KEY_REF)))
# Violates: a ClusterRoleBinding gives acme's provisioner service account the built-in system:volume-scheduler role
# cluster-wide (PersistentVolumes and claims of every namespace).
case("kube17-crb-volume-scheduler-tenant-sa", ISOLATION, "DENY", DOC["core-roles"])(
    iso(volume_scheduler_binding([ACME_SA]), neighbour=True)
)
# Complies: the same binding for a service account of kube-system (the platform, not a tenant).
case("kube17-crb-volume-scheduler-platform-sa", ISOLATION, cite=DOC["core-roles"])(
    iso(volume_scheduler_binding([PLATFORM_SA]), neighbour=True)
)
# Violates: a CiliumClusterwideNetworkPolicy selecting every endpoint of acme allows ingress from the entity
# "cluster" (every endpoint of the cluster, globex's included); Cilium unites it with acme's default deny.
case("kube17-ccnp-acme-ingress-from-cluster", ISOLATION, "DENY", DOC["ccnp"])(
    iso(clusterwide_policy("acme-from-cluster", ingress=[{"fromEntities": ["cluster"]}]), neighbour=True)
)
# Complies: the clusterwide policy over acme only denies ingress from the world entity.
case("kube17-ccnp-acme-deny-world", ISOLATION, cite=DOC["cilium-deny"])(
    iso(clusterwide_policy("acme-deny-world", ingressDeny=[{"fromEntities": ["world"]}]), neighbour=True)
)


# ============================================================================ providers and patches

# Violates: a us tenant on EKS in mx-central-1 (Mexico).
case("kube17-us-eks-mexico-central", PROVIDERS, "DENY", DOC["aws-regions"])(mexico())
# Complies: the us tenant on EKS in us-gov-west-1 (AWS GovCloud, in the United States).
case("kube17-us-eks-govcloud-west", PROVIDERS, cite=DOC["govcloud"])(govcloud())
# Violates: a GDPR tenant on GKE in me-central2 (Dammam, Saudi Arabia).
case("kube17-gdpr-gke-dammam", PROVIDERS, "DENY", DOC["gcp-regions"])(placed(on_gke("me-central2", "SA"), "gdpr"))
# Complies: the GDPR tenant on GKE in europe-north2 (Stockholm, Sweden).
case("kube17-gdpr-gke-stockholm", PROVIDERS, cite=DOC["gcp-regions"])(placed(on_gke("europe-north2", "SE"), "gdpr"))
# Violates: an eu tenant (EU member states only) on AKS in norwaywest: Norway is in the EEA, not the EU.
case("kube17-eu-aks-norway-west", PROVIDERS, "DENY", DOC["eu-countries"])(placed(on_aks("norwaywest", "NO"), "eu"))
# Complies: the eu tenant on AKS in denmarkeast (Denmark, an EU member state).
case("kube17-eu-aks-denmark-east", PROVIDERS, cite=DOC["azure-regions"])(placed(on_aks("denmarkeast", "DK"), "eu"))
# Violates: a GDPR tenant on an existing cluster declared in Andorra, outside the EU and the EEA.
case("kube17-gdpr-existing-andorra", PROVIDERS, "DENY", DOC["andorra"])(
    placed(existing("AD", "andorra-la-vella-dc1"), "gdpr")
)
# Complies: the GDPR tenant on an existing cluster in Croatia, an EU member state.
case("kube17-gdpr-existing-croatia", PROVIDERS, cite=DOC["eu-countries"])(placed(existing("HR", "zagreb-dc1"), "gdpr"))
# Violates: the vcluster syncer runs with the SELinux type spc_t (super-privileged container), which baseline (and
# so restricted) refuses: only container_t, container_init_t, container_kvm_t and container_engine_t are allowed.
case("kube17-vcluster-syncer-selinux-spc", PROVIDERS, "DENY", DOC["pss"])(on_vcluster(selinux_type("spc_t")))
# Complies: the syncer's SELinux type is container_t (with an MCS level, which baseline does not restrict).
case("kube17-vcluster-syncer-selinux-container", PROVIDERS, cite=DOC["pss"])(on_vcluster(selinux_type("container_t")))
# Violates: the vcluster control-plane pod asks for windowsOptions.hostProcess: baseline refuses HostProcess pods.
case("kube17-vcluster-pod-host-process", PROVIDERS, "DENY", DOC["pss"])(on_vcluster(host_process(True)))
# Complies: hostProcess false, one of the values baseline allows.
case("kube17-vcluster-pod-host-process-false", PROVIDERS, cite=DOC["pss"])(on_vcluster(host_process(False)))
# Violates: the control plane mounts an NFS volume (persistence.addVolumes): restricted allows only configMap, csi,
# downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected and secret volumes.
case("kube17-vcluster-nfs-volume", PROVIDERS, "DENY", DOC["pss"])(on_vcluster(extra_volume(NFS_VOLUME)))
# Complies: the added volume is an inline CSI volume (the Secrets Store CSI driver), which restricted allows.
case("kube17-vcluster-csi-inline-volume", PROVIDERS, cite=DOC["csi-inline"])(on_vcluster(extra_volume(CSI_VOLUME)))
# Violates: a CronJobPatch (server-side apply) sets PGPASSWORD in plain text in acme's nightly report job; a patch is
# held to its kind.
case("kube17-cronjob-patch-env-password", PROVIDERS, "DENY", DOC["container-api"])(iso(cronjob_patch(PG_PASSWORD)))
# Complies: the patch takes PGPASSWORD from a Secret by reference.
case("kube17-cronjob-patch-env-secret-ref", PROVIDERS, cite=DOC["env-secret"])(iso(cronjob_patch(PG_SECRET_REF)))
# Violates: acme's leader-election Lease claims a dedicated cluster (fleet-isolation=cluster) on a cluster globex
# shares.
case("kube17-lease-false-dedicated-claim", PROVIDERS, "DENY", DOC["lease"])(iso(lease(CLAIM), neighbour=True))
# Complies: the same Lease's claim on a cluster that holds no other tenant.
case("kube17-lease-dedicated-claim-alone", PROVIDERS, cite=DOC["lease"])(iso(lease(CLAIM)))


# ============================================================================ unknown at preview

TICKET = {"example.com/ticket": UNKNOWN}

# Violates: StorageClass writes aggregated into admin; only an annotation's value is unknown.
case("kube17-unknown-annotation-agg-admin-storageclasses", PREVIEW, "DENY", DOC["storageclass"])(
    iso(storageclass_admin(TICKET), neighbour=True)
)
# Complies: VolumeSnapshot writes aggregated into edit; an annotation's value is unknown.
case("kube17-unknown-annotation-agg-edit-volumesnapshots", PREVIEW, cite=DOC["volumesnapshot"])(
    iso(snapshot_editor(TICKET), neighbour=True)
)
# Violates: the WireGuard private key is in the ConfigMap; only another key's value (the VPN endpoint, a load
# balancer's output) is unknown.
case("kube17-unknown-key-wireguard-private-key", PREVIEW, "DENY", DOC["wireguard"])(
    iso(configmap({"wg0.conf": WG_KEYED, "ENDPOINT": UNKNOWN}, name="wireguard"))
)
# Complies: wg0.conf without the key; another key's value is unknown.
case("kube17-unknown-key-wireguard-key-file", PREVIEW, cite=DOC["wireguard"])(
    iso(configmap({"wg0.conf": WG_KEY_FILE, "ENDPOINT": UNKNOWN}, name="wireguard"))
)
# Violates: the us tenant on EKS in Mexico; only its app's image (a registry output) is unknown.
case("kube17-unknown-image-us-eks-mexico", PREVIEW, "DENY", DOC["aws-regions"])(mexico(image=f"{UNKNOWN}:1.4.2"))
# Complies: the us tenant on EKS in GovCloud; its app's image is unknown.
case("kube17-unknown-image-us-eks-govcloud", PREVIEW, cite=DOC["govcloud"])(govcloud(image=f"{UNKNOWN}:1.4.2"))
# Violates: the syncer's SELinux type is spc_t; only its image tag (a build output) is unknown.
case("kube17-unknown-tag-vcluster-selinux-spc", PREVIEW, "DENY", DOC["pss"])(
    on_vcluster(selinux_type("spc_t", image_tag=UNKNOWN))
)
# Complies: the SELinux type container_t; the syncer's image tag is unknown.
case("kube17-unknown-tag-vcluster-selinux-container", PREVIEW, cite=DOC["pss"])(
    on_vcluster(selinux_type("container_t", image_tag=UNKNOWN))
)
# Violates: the PodTemplate's AWS secret key is in plain text; only its image (a registry output) is unknown.
case("kube17-unknown-image-podtemplate-env-secret-key", PREVIEW, "DENY", DOC["podtemplate"])(
    iso(pod_template(AWS_KEY_ENV, image=f"{UNKNOWN}:2.0.1"))
)
# Complies: the key from a Secret by reference; the image is unknown.
case("kube17-unknown-image-podtemplate-env-secret-ref", PREVIEW, cite=DOC["env-secret"])(
    iso(pod_template(AWS_KEY_REF, image=f"{UNKNOWN}:2.0.1"))
)
# Violates: the Lease's false dedicated claim on a shared cluster; only an annotation's value is unknown.
case("kube17-unknown-annotation-lease-false-claim", PREVIEW, "DENY", DOC["lease"])(
    iso(lease(CLAIM, TICKET), neighbour=True)
)
# Complies: the Lease's claim on a cluster acme has alone; an annotation's value is unknown.
case("kube17-unknown-annotation-lease-claim-alone", PREVIEW, cite=DOC["lease"])(iso(lease(CLAIM, TICKET)))
# Complies (deferred): the system:volume-scheduler binding names a service account whose namespace is another
# resource's output: whether it is a tenant's needs the value, so the decision waits for the update.
case("kube17-unknown-crb-volume-scheduler-sa-namespace", PREVIEW, cite=DOC["unknowns"])(
    iso(volume_scheduler_binding([service_account(UNKNOWN, "provisioner")]), neighbour=True)
)


# ============================================================================ malformed shapes

# Violates (cannot evaluate): the aggregated role's resources written as one string (depth 3; a list): which
# resources it aggregates into admin decides FLEET-TEN-010.
case("kube17-bad-agg-admin-resources-string", MALFORMED, "DENY", DOC["cr-api"])(
    iso(
        cluster_role(
            "storageclass-admin",
            [{"apiGroups": ["storage.k8s.io"], "resources": "storageclasses", "verbs": WRITE}],
            ADMIN_AGG,
        ),
        neighbour=True,
    )
)
# Complies: VolumeSnapshot writes aggregated into edit with resources as a list.
case("kube17-agg-edit-resources-list", MALFORMED, cite=DOC["aggregation"])(iso(snapshot_editor(), neighbour=True))
# Violates (cannot evaluate): the webhook rule's apiVersions written as one string (depth 4; a list): which
# requests the rule matches decides FLEET-TEN-008.
case("kube17-bad-webhook-api-versions-string", MALFORMED, "DENY", DOC["webhook-rules"])(
    iso(storage_hook("persistentvolumeclaims", "", "Namespaced", versions="v1"), neighbour=True)
)
# Complies: apiVersions as a list.
case("kube17-webhook-api-versions-list", MALFORMED, cite=DOC["webhook-rules"])(
    iso(storage_hook("persistentvolumeclaims", "", "Namespaced"), neighbour=True)
)
# Violates (cannot evaluate): the PodTemplate's env written as one EnvVar object (depth 5; a list): whether it holds
# a credential decides FLEET-SEC-002.
case("kube17-bad-podtemplate-env-object", MALFORMED, "DENY", DOC["container-api"])(
    iso(pod_template({"name": "AWS_SECRET_ACCESS_KEY", "value": "wJ8rXq2TzV5mNp7LkR3sYb9HdF6gQe1AcU4oIt0W"}))
)
# Complies: env as a list, the key from a Secret.
case("kube17-podtemplate-env-list", MALFORMED, cite=DOC["container-api"])(iso(pod_template(AWS_KEY_REF)))
# Violates (cannot evaluate): the CronJobPatch's PGPASSWORD value written as a one-item list (a string): what the
# environment holds decides FLEET-SEC-002.
case("kube17-bad-cronjob-patch-env-value-list", MALFORMED, "DENY", DOC["container-api"])(
    iso(cronjob_patch([{"name": "PGPASSWORD", "value": ["Tz4pK8mQ2vRx7LwN"]}]))
)
# Complies: the value from a Secret by reference.
case("kube17-cronjob-patch-env-value-from", MALFORMED, cite=DOC["container-api"])(iso(cronjob_patch(PG_SECRET_REF)))
# Violates (cannot evaluate): the Lease's labels written as a list of "key=value" strings (depth 2; a map): whether
# it claims a dedicated cluster decides FLEET-TEN-005.
case("kube17-bad-lease-labels-list", MALFORMED, "DENY", DOC["lease-api"])(
    iso(lease(["fleet-isolation=cluster", "fleet-tenant=acme"]), neighbour=True)
)
# Complies: the labels as a map (namespace isolation).
case("kube17-lease-labels-map", MALFORMED, cite=DOC["labels"])(
    iso(lease({"fleet-isolation": "namespace", "fleet-tenant": "acme"}), neighbour=True)
)
# Violates (cannot evaluate): the system:volume-scheduler binding's roleRef written as a one-item list (depth 1; an
# object): which role it grants cluster-wide decides FLEET-TEN-002.
case("kube17-bad-crb-roleref-list", MALFORMED, "DENY", DOC["crb-api"])(
    iso(volume_scheduler_binding([PLATFORM_SA], role_ref_list=True), neighbour=True)
)
# Complies: the roleRef as an object (kube-system's service account).
case("kube17-crb-roleref-object", MALFORMED, cite=DOC["crb-api"])(
    iso(volume_scheduler_binding([PLATFORM_SA]), neighbour=True)
)
# Violates (cannot evaluate): the WireGuard ConfigMap's binaryData written as a list of base64 strings (depth 1; a
# map of file names to base64 content): whether a file in it holds a private key decides FLEET-SEC-002.
case("kube17-bad-configmap-binary-data-list", MALFORMED, "DENY", DOC["configmap-api"])(
    iso(binary_configmap([b64(WG_KEYED)]))
)
# Complies: binaryData as a map; the file loads its key from a mounted file.
case("kube17-configmap-binary-data-map", MALFORMED, cite=DOC["configmap-api"])(
    iso(binary_configmap({"wg0.conf": b64(WG_KEY_FILE)}))
)
