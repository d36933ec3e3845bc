"""Kubernetes isolation cases of the eighteenth outside corpus: kinds, fields and situations the seventeen earlier
outside corpora did not try. CSIDriver and CSINode writes aggregated into the user-facing roles, against
CSIStorageCapacity reads and PodTemplate writes; a ClusterRoleBinding of a tenant's service-account group to the
built-in ``system:persistent-volume-provisioner`` role; NetworkPolicy egress to the IPv6 link-local range; a
tenant webhook on CSIDrivers; a RoleBinding of cert-manager's service account in a tenant namespace; a
Terraform ``.terraformrc`` token, an AWS shared ``credentials`` file and a RubyGems ``credentials`` API key in
ConfigMaps, and a MySQL ``.my.cnf`` ``password=`` line. Providers and patches: ca on AKS in West US 3 vs
Canada East, uk on an existing cluster in Guernsey vs Belfast, ch on AKS in Germany West Central vs Switzerland
North, GDPR on AKS in New Zealand North vs Italy North, the vcluster control plane's data volume on iSCSI and an
init container with a hostPort, a DaemonSetPatch that puts a token into the environment, an EndpointSlice and a
DRA ResourceClaimTemplate that claim a dedicated cluster. Then values unknown at preview and malformed shapes.

Written from Kubernetes, vCluster, Terraform, AWS CLI, RubyGems, MySQL and cloud region documentation and the pack's
user-facing contract (docs/RULES.md, README.md, what fleet/tenancy and fleet/clusters render), by a helper that did
not read the pack's rules, its configs, its tests or the tuned corpus's cases. Each case only says whether a correct
pack reports some mandatory violation (``expect="DENY"``) or none; a comment above it says why, and it cites the page
the outcome rests on. The stacks are built with the helpers of the earlier outside corpora.

``UNKNOWN`` stands for a value the engine only learns at the update. Where the decision does not need it a correct
pack decides as if it were known; where it does, the pack defers (advisory FLEET-PRE-001), which is no mandatory
violation.
"""

from __future__ import annotations

import copy
from typing import Any

from tests.policies.corpus import UNKNOWN
from tests.policies.outside.corpus import cidr, cluster_role, egress, group, ingress, netpol, service_account
from tests.policies.outside2.corpus import ADMIN_AGG, EDIT_AGG, VIEW_AGG, Obj, iso
from tests.policies.outside3.kube import add, on_vcluster, patch, program_values, release
from tests.policies.outside5.kube import webhook
from tests.policies.outside6.kube import configmap
from tests.policies.outside15.kube import RESTRICTED_CONTAINER, existing, on_aks, placed
from tests.policies.outside16.kube import annotated
from tests.policies.outside18.common import Build, case

ISOLATION = "tenant-isolation"
PROVIDERS = "k8s-providers-and-patches"
PREVIEW = "unknown-at-preview"
MALFORMED = "malformed"

NAME = "kubernetes.io/metadata.name"
RBAC = "rbac.authorization.k8s.io"

DOC = {
    # RBAC, aggregation and the cluster-scoped kinds behind it
    "aggregation": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#aggregated-clusterroles",
    "csidriver": "https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/csi-driver-v1/",
    "csinode": "https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/csi-node-v1/",
    "csi-capacity": "https://kubernetes.io/docs/concepts/storage/storage-capacity/",
    "podtemplate": "https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-template-v1/",
    "core-roles": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#other-component-roles",
    "discovery-roles": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#discovery-roles",
    "subjects": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-subjects",
    "crb-api": "https://kubernetes.io/docs/reference/kubernetes-api/authorization-resources/cluster-role-binding-v1/",
    "rb-api": "https://kubernetes.io/docs/reference/kubernetes-api/authorization-resources/role-binding-v1/",
    "cr-api": "https://kubernetes.io/docs/reference/kubernetes-api/authorization-resources/cluster-role-v1/",
    "cert-manager-rbac": "https://cert-manager.io/docs/installation/best-practice/#restrict-auto-mount-of-service-account-tokens",
    # network policy
    "netpol": "https://kubernetes.io/docs/concepts/services-networking/network-policies/",
    "netpol-api": (
        "https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/#NetworkPolicySpec"
    ),
    "link-local": "https://www.rfc-editor.org/rfc/rfc4291#section-2.5.6",
    "dual-stack": "https://kubernetes.io/docs/concepts/services-networking/dual-stack/",
    # admission
    "webhook-ns": (
        "https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/"
        "#matching-requests-namespaceselector"
    ),
    "dra": "https://kubernetes.io/docs/concepts/scheduling-eviction/dynamic-resource-allocation/",
    "webhook-rules": (
        "https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/"
        "#matching-requests-rules"
    ),
    # credentials
    "terraformrc": "https://developer.hashicorp.com/terraform/cli/config/config-file",
    "tf-helpers": "https://developer.hashicorp.com/terraform/internals/credentials-helpers",
    "aws-files": "https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html",
    "aws-process": "https://docs.aws.amazon.com/cli/v1/userguide/cli-configure-sourcing-external.html",
    "gem-credentials": "https://guides.rubygems.org/api-key-scopes/",
    "gemrc": "https://guides.rubygems.org/command-reference/#gem-sources",
    "configmap-api": "https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/config-map-v1/",
    "env-secret": "https://kubernetes.io/docs/tasks/inject-data-application/distribute-credentials-secure/",
    "container-api": "https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#environment-variables",
    "pod-api": "https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#containers",
    "daemonset": "https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/",
    "ssa": "https://www.pulumi.com/registry/packages/kubernetes/how-to-guides/managing-resources-with-server-side-apply/",
    "my-cnf": "https://dev.mysql.com/doc/refman/8.4/en/option-files.html",
    # placement
    "azure-regions": "https://learn.microsoft.com/en-us/azure/reliability/regions-list",
    "eu-countries": "https://european-union.europa.eu/principles-countries-history/eu-countries_en",
    "guernsey": "https://www.gov.gg/constitution",
    "crown-dependencies": "https://www.gov.uk/government/publications/crown-dependencies-jersey-guernsey-and-the-isle-of-man",
    "uk-countries": "https://www.ons.gov.uk/methodology/geography/ukgeographies/administrativegeography/ourcountries",
    # vcluster and Pod Security
    "pss": "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
    "vcluster-persistence": (
        "https://www.vcluster.com/docs/vcluster/configure/vcluster-yaml/control-plane/components/statefulset/persistence"
    ),
    "vcluster-sts": "https://www.vcluster.com/docs/vcluster/configure/vcluster-yaml/control-plane/components/statefulset",
    "ephemeral": "https://kubernetes.io/docs/concepts/storage/ephemeral-volumes/#generic-ephemeral-volumes",
    # isolation claims
    "endpointslice": "https://kubernetes.io/docs/concepts/services-networking/endpoint-slices/",
    "endpointslice-api": ("https://kubernetes.io/docs/reference/kubernetes-api/service-resources/endpoint-slice-v1/"),
    "labels": "https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/object-meta/#ObjectMeta",
    "unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
}


# ------------------------------------------------------------------------------------ helpers

WRITE = ["create", "delete", "deletecollection", "patch", "update"]
READ = ["get", "list", "watch"]

CSIDRIVERS_WRITE = [{"apiGroups": ["storage.k8s.io"], "resources": ["csidrivers"], "verbs": WRITE}]
CSINODES_WRITE = [{"apiGroups": ["storage.k8s.io"], "resources": ["csinodes"], "verbs": WRITE}]
CAPACITIES_READ = [{"apiGroups": ["storage.k8s.io"], "resources": ["csistoragecapacities"], "verbs": READ}]
PODTEMPLATES_WRITE = [{"apiGroups": [""], "resources": ["podtemplates"], "verbs": [*READ, *WRITE]}]


def csidriver_admin(annotations: dict[str, Any] | None = None, rules: Any = None) -> Obj:
    """CSIDriver writes aggregated into admin (``rules`` replaces them)."""
    make = cluster_role("csidriver-admin", CSIDRIVERS_WRITE if rules is None else rules, ADMIN_AGG)
    return annotated(make, annotations) if annotations else make


def capacity_viewer(annotations: dict[str, Any] | None = None) -> Obj:
    make = cluster_role("csistoragecapacity-viewer", CAPACITIES_READ, VIEW_AGG)
    return annotated(make, annotations) if annotations else make


def provisioner_binding(
    subjects: Any, annotations: dict[str, Any] | None = None, role: Any = "system:persistent-volume-provisioner"
) -> Obj:
    """A ClusterRoleBinding of the built-in system:persistent-volume-provisioner role (PersistentVolumes of the
    whole cluster, PersistentVolumeClaims and StorageClasses) to ``subjects``."""
    metadata: dict[str, Any] = {"name": "extra-pv-provisioner"}
    if annotations:
        metadata["annotations"] = annotations
    return add(
        f"kubernetes:{RBAC}/v1:ClusterRoleBinding",
        "pv-provisioner-crb",
        metadata=metadata,
        roleRef={"apiGroup": RBAC, "kind": "ClusterRole", "name": role},
        subjects=subjects,
    )


ACME_SAS = group("system:serviceaccounts:acme")
PLATFORM_SA = service_account("kube-system", "pv-provisioner")

LINK_LOCAL = "fe80::/10"
PARTNER = "203.0.113.0/24"


def egress_link_local(annotations: dict[str, Any] | None = None) -> Obj:
    """acme's pods may send to the whole IPv6 link-local range (every node's and pod's fe80:: address on the link,
    and the metadata and DNS services some clouds serve there)."""
    make = netpol(egress(cidr(LINK_LOCAL)), name="to-link-local")
    return annotated(make, annotations) if annotations else make


def ingress_partner(annotations: dict[str, Any] | None = None) -> Obj:
    """acme's pods accept a partner's public /24."""
    make = netpol(ingress(cidr(PARTNER)), name="from-partner")
    return annotated(make, annotations) if annotations else make


ACME_SERVICE = {"service": {"namespace": "acme", "name": "acme-hooks", "path": "/validate", "port": 443}}
OWN_NAME = {"matchExpressions": [{"key": NAME, "operator": "In", "values": ["acme"]}]}


def hook_on(resource: str, group_: str, version: str, scope: str, operations: Any = ("CREATE", "UPDATE")) -> Obj:
    """A validating webhook served from acme, selecting acme by name (or ``selector``), on CREATE/UPDATE of
    ``resource``."""
    rule = {
        "operations": list(operations) if isinstance(operations, tuple) else operations,
        "apiGroups": [group_],
        "apiVersions": [version],
        "resources": [resource],
        "scope": scope,
    }
    return webhook(ACME_SERVICE, OWN_NAME, [rule], kind="Validating", name=f"acme-{resource}")


def csidriver_hook() -> Obj:
    return hook_on("csidrivers", "storage.k8s.io", "v1", "*")


def claims_hook(operations: Any = ("CREATE", "UPDATE")) -> Obj:
    return hook_on("resourceclaims", "resource.k8s.io", "v1beta1", "Namespaced", operations)


def tooling_binding(subjects: Any) -> Obj:
    """A RoleBinding in acme of the edit role to ``subjects`` (a platform tool's service account)."""
    return add(
        f"kubernetes:{RBAC}/v1:RoleBinding",
        "acme-tooling-rb",
        metadata={"name": "platform-tooling", "namespace": "acme"},
        roleRef={"apiGroup": RBAC, "kind": "ClusterRole", "name": "edit"},
        subjects=subjects,
    )


CERT_MANAGER_SA = service_account("cert-manager", "cert-manager")
FLEET_SA = service_account("fleet-system", "fleet-controller")

TERRAFORMRC_TOKEN = (
    'credentials "app.terraform.io" {\n  token = "xxxxxxxxxxxxxx.atlasv1.Q7mZp3kLr9VtX2wNc8HsYb4JdF6gTe1A"\n}\n'
)
TERRAFORMRC_HELPER = (
    'credentials_helper "vault" {\n  args = ["--path", "secret/terraform/app.terraform.io"]\n}\n'
    'plugin_cache_dir = "/var/cache/terraform/plugins"\n'
)
AWS_CREDENTIALS = (
    "[default]\n"
    "aws_access_key_id = AKIAZQ3DT5NMFXOJ7B2K\n"
    "aws_secret_access_key = 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\n"
)
AWS_CONFIG_PROCESS = (
    "[default]\nregion = eu-west-1\ncredential_process = /usr/local/bin/acme-aws-credentials --role archiver\n"
)
GEM_CREDENTIALS = "---\n:rubygems_api_key: rubygems_4f1c9e7a2b8d3e6f0a5c7b9d1e3f5a7c9b2d4e6f8a0c1e3f\n"
GEMRC_SOURCES = "---\n:sources:\n- https://gems.acme.example.com/\n:update_sources: true\n:verbose: true\n"


MY_CNF_PASSWORD = "[client]\nuser=reports\npassword=Qm7xT2vR9kLp4ZwN\nhost=mysql.acme.svc.cluster.local\n"
MY_CNF_CLIENT = "[client]\nuser=reports\nhost=mysql.acme.svc.cluster.local\nssl-mode=VERIFY_IDENTITY\n"


def ca_on_aks(location: str, country: str, image: Any = "registry.example.com/acme/shop:1.4.2") -> Build:
    return placed(on_aks(location, country), "ca", image=image)


def vcluster_values(mutate: Any, image_tag: Any = None) -> Obj:
    """The program's vcluster release with ``mutate(statefulSet values)`` applied (and, with ``image_tag``, a pinned
    syncer image tag)."""
    values = copy.deepcopy(program_values())
    statefulset = values["controlPlane"]["statefulSet"]
    mutate(statefulset)
    if image_tag is not None:
        statefulset.setdefault("image", {})["tag"] = image_tag
    return release(values)


ISCSI_DATA = {
    "name": "data",
    "iscsi": {"targetPortal": "10.40.0.20:3260", "iqn": "iqn.2026-01.com.example:vcluster-acme", "lun": 0},
}
EPHEMERAL_DATA = {
    "name": "data",
    "ephemeral": {
        "volumeClaimTemplate": {
            "spec": {
                "accessModes": ["ReadWriteOnce"],
                "storageClassName": "standard-rwo",
                "resources": {"requests": {"storage": "5Gi"}},
            }
        }
    },
}


def data_volume(volume: Any, image_tag: Any = None) -> Obj:
    def mutate(sts: dict[str, Any]) -> None:
        sts["persistence"]["dataVolume"] = [volume]

    return vcluster_values(mutate, image_tag)


def init_container(ports: Any) -> Obj:
    """The control plane with an extra init container (a certificate fetcher) with a restricted securityContext and
    the ports ``ports``."""

    def mutate(sts: dict[str, Any]) -> None:
        sts["initContainers"] = [
            {
                "name": "fetch-certs",
                "image": "ghcr.io/acme/cert-fetcher:1.2.0",
                "ports": ports,
                "securityContext": RESTRICTED_CONTAINER,
            }
        ]

    return vcluster_values(mutate)


TOKEN_ENV = [{"name": "GITHUB_TOKEN", "value": "ghp_R7mQ2xT8kLp4ZvW9nBd3sYc6JfGe1AuVo5Ki"}]
TOKEN_REF = [{"name": "GITHUB_TOKEN", "valueFrom": {"secretKeyRef": {"name": "log-shipper", "key": "token"}}}]


def daemonset_patch(
    env: Any = None, image: Any = "registry.example.com/acme/log-shipper:3.1.0", containers: Any = None
) -> Obj:
    """A DaemonSetPatch (server-side apply) of acme's log shipper that sets its container's image and environment
    (or, with ``containers``, the containers as given)."""
    if containers is None:
        containers = [{"name": "shipper", "image": image, "env": env}]
    return patch(
        "DaemonSet",
        "acme-log-shipper-ds-patch",
        {"name": "log-shipper", "namespace": "acme"},
        group_version="apps/v1",
        spec={"template": {"spec": {"containers": containers}}},
    )


CLAIM = {"fleet-isolation": "cluster", "fleet-tenant": "acme"}


def endpoint_slice(labels: Any, annotations: dict[str, Any] | None = None) -> Obj:
    """A hand-managed EndpointSlice in acme for its external payments backend, labelled ``labels``."""
    metadata: dict[str, Any] = {
        "name": "payments-external-1",
        "namespace": "acme",
        "labels": {"kubernetes.io/service-name": "payments", "endpointslice.kubernetes.io/managed-by": "acme-ops"},
    }
    if isinstance(labels, dict):
        metadata["labels"] = {**metadata["labels"], **labels}
    else:
        metadata["labels"] = labels
    if annotations:
        metadata["annotations"] = annotations
    return add(
        "kubernetes:discovery.k8s.io/v1:EndpointSlice",
        "acme-payments-endpointslice",
        metadata=metadata,
        addressType="IPv4",
        ports=[{"name": "https", "port": 443, "protocol": "TCP"}],
        endpoints=[{"addresses": ["198.51.100.23"], "conditions": {"ready": True}}],
    )


def claim_template(labels: Any) -> Obj:
    """acme's DRA ResourceClaimTemplate for one GPU, labelled ``labels``."""
    return add(
        "kubernetes:resource.k8s.io/v1beta1:ResourceClaimTemplate",
        "acme-gpu-rct",
        metadata={"name": "single-gpu", "namespace": "acme", "labels": labels},
        spec={"spec": {"devices": {"requests": [{"name": "gpu", "deviceClassName": "gpu.example.com"}]}}},
    )


# ============================================================================ tenant isolation

# Violates: CSIDriver writes aggregated into admin: CSIDrivers are cluster-scoped and shared (attach required, pod
# info on mount, fsGroup policy, token requests), so one tenant admin reconfigures the driver every tenant's
# volumes mount through.
case("kube18-agg-admin-csidrivers-write", ISOLATION, "DENY", DOC["csidriver"])(iso(csidriver_admin(), neighbour=True))
# Complies: reading CSIStorageCapacity (namespaced, published next to the driver) aggregated into view.
case("kube18-agg-view-csistoragecapacities-read", ISOLATION, cite=DOC["csi-capacity"])(
    iso(capacity_viewer(), neighbour=True)
)
# Violates: CSINode writes aggregated into edit: a CSINode is cluster-scoped, one per node, and tells the scheduler
# which drivers and how many volumes each node takes: one tenant editor steers every tenant's volume placement.
case("kube18-agg-edit-csinodes-write", ISOLATION, "DENY", DOC["csinode"])(
    iso(cluster_role("csinode-writer", CSINODES_WRITE, EDIT_AGG), neighbour=True)
)
# Complies: PodTemplate (namespaced, core/v1) writes aggregated into edit.
case("kube18-agg-edit-podtemplates-write", ISOLATION, cite=DOC["podtemplate"])(
    iso(cluster_role("podtemplate-editor", PODTEMPLATES_WRITE, EDIT_AGG), neighbour=True)
)
# Violates: a ClusterRoleBinding gives the group of all of acme's service accounts the built-in
# system:persistent-volume-provisioner role cluster-wide.
case("kube18-crb-pv-provisioner-tenant-sa-group", ISOLATION, "DENY", DOC["core-roles"])(
    iso(provisioner_binding([ACME_SAS]), neighbour=True)
)
# Complies: the same binding for a service account of kube-system (the platform's provisioner).
case("kube18-crb-pv-provisioner-platform-sa", ISOLATION, cite=DOC["core-roles"])(
    iso(provisioner_binding([PLATFORM_SA]), neighbour=True)
)
# Violates: a NetworkPolicy in acme allows egress to fe80::/10, the IPv6 link-local range (on a dual-stack cluster
# the nodes' and other tenants' pods' link-local addresses).
case("kube18-netpol-egress-ipv6-link-local", ISOLATION, "DENY", DOC["link-local"])(
    iso(egress_link_local(), neighbour=True)
)
# Complies: ingress from a partner's public /24 only.
case("kube18-netpol-ingress-partner-24", ISOLATION, cite=DOC["netpol"])(iso(ingress_partner(), neighbour=True))
# Violates: a webhook served from acme on CSIDrivers (scope "*"), with a selector for acme: CSIDrivers are
# cluster-scoped, so the namespaceSelector has no effect and acme sees (and may refuse) every CSIDriver write.
case("kube18-webhook-csidrivers", ISOLATION, "DENY", DOC["webhook-ns"])(iso(csidriver_hook(), neighbour=True))
# Complies: the same webhook on DRA ResourceClaims (namespaced), acme's namespace only.
case("kube18-webhook-resourceclaims-own", ISOLATION, cite=DOC["webhook-ns"])(iso(claims_hook(), neighbour=True))
# Violates: a RoleBinding in acme gives cert-manager's service account (namespace cert-manager, neither acme's nor a
# platform namespace of the contract) the edit role, Secrets included.
case("kube18-rb-cert-manager-sa-in-tenant", ISOLATION, "DENY", DOC["subjects"])(
    iso(tooling_binding([CERT_MANAGER_SA]), neighbour=True)
)
# Complies: the same binding for the fleet's own controller in fleet-system.
case("kube18-rb-fleet-system-sa-in-tenant", ISOLATION, cite=DOC["subjects"])(
    iso(tooling_binding([FLEET_SA]), neighbour=True)
)
# Violates: Terraform's CLI configuration (.terraformrc) with an HCP Terraform API token in a credentials block, in a
# ConfigMap.
case("kube18-configmap-terraformrc-token", ISOLATION, "DENY", DOC["terraformrc"])(
    iso(configmap({".terraformrc": TERRAFORMRC_TOKEN}, name="terraform-cli"))
)
# Complies: .terraformrc names a credentials helper that fetches the token at run time.
case("kube18-configmap-terraformrc-helper", ISOLATION, cite=DOC["tf-helpers"])(
    iso(configmap({".terraformrc": TERRAFORMRC_HELPER}, name="terraform-cli"))
)
# Violates: an AWS shared credentials file (aws_access_key_id, aws_secret_access_key) in a ConfigMap.
case("kube18-configmap-aws-shared-credentials", ISOLATION, "DENY", DOC["aws-files"])(
    iso(configmap({"credentials": AWS_CREDENTIALS}, name="aws-cli"))
)
# Complies: the AWS config file sources credentials from an external process.
case("kube18-configmap-aws-credential-process", ISOLATION, cite=DOC["aws-process"])(
    iso(configmap({"config": AWS_CONFIG_PROCESS}, name="aws-cli"))
)
# Violates: RubyGems' ~/.gem/credentials (:rubygems_api_key:) in a ConfigMap.
case("kube18-configmap-gem-credentials-api-key", ISOLATION, "DENY", DOC["gem-credentials"])(
    iso(configmap({"credentials": GEM_CREDENTIALS}, name="gem"))
)
# Complies: a .gemrc that only lists gem sources.
case("kube18-configmap-gemrc-sources", ISOLATION, cite=DOC["gemrc"])(
    iso(configmap({".gemrc": GEMRC_SOURCES}, name="gem"))
)
# Violates: a MySQL option file (.my.cnf) whose [client] group sets password=, in a ConfigMap.
case("kube18-configmap-my-cnf-password", ISOLATION, "DENY", DOC["my-cnf"])(
    iso(configmap({".my.cnf": MY_CNF_PASSWORD}, name="mysql-client"))
)
# Complies: the option file names the user, host and TLS mode only (the password comes from elsewhere at run time).
case("kube18-configmap-my-cnf-no-password", ISOLATION, cite=DOC["my-cnf"])(
    iso(configmap({".my.cnf": MY_CNF_CLIENT}, name="mysql-client"))
)


# ============================================================================ providers and patches

# Violates: a ca tenant on AKS in westus3 (Arizona, United States).
case("kube18-ca-aks-west-us-3", PROVIDERS, "DENY", DOC["azure-regions"])(ca_on_aks("westus3", "US"))
# Complies: the ca tenant on AKS in canadaeast (Quebec City, Canada).
case("kube18-ca-aks-canada-east", PROVIDERS, cite=DOC["azure-regions"])(ca_on_aks("canadaeast", "CA"))
# Violates: a uk tenant on an existing cluster declared in Guernsey, a Crown Dependency, not part of the UK.
case("kube18-uk-existing-guernsey", PROVIDERS, "DENY", DOC["crown-dependencies"])(
    placed(existing("GG", "st-peter-port-dc1"), "uk")
)
# Complies: the uk tenant on an existing cluster in Belfast (Northern Ireland, part of the UK).
case("kube18-uk-existing-belfast", PROVIDERS, cite=DOC["uk-countries"])(placed(existing("GB", "belfast-dc1"), "uk"))
# Violates: a ch tenant on AKS in germanywestcentral (Frankfurt).
case("kube18-ch-aks-germany-west-central", PROVIDERS, "DENY", DOC["azure-regions"])(
    placed(on_aks("germanywestcentral", "DE"), "ch")
)
# Complies: the ch tenant on AKS in switzerlandnorth (Zurich).
case("kube18-ch-aks-switzerland-north", PROVIDERS, cite=DOC["azure-regions"])(
    placed(on_aks("switzerlandnorth", "CH"), "ch")
)
# Violates: a GDPR tenant on AKS in newzealandnorth (Auckland).
case("kube18-gdpr-aks-new-zealand-north", PROVIDERS, "DENY", DOC["azure-regions"])(
    placed(on_aks("newzealandnorth", "NZ"), "gdpr")
)
# Complies: the GDPR tenant on AKS in italynorth (Milan, an EU member state).
case("kube18-gdpr-aks-italy-north", PROVIDERS, cite=DOC["eu-countries"])(placed(on_aks("italynorth", "IT"), "gdpr"))
# Violates: the vcluster control plane's data volume (persistence.dataVolume) is an iSCSI volume, which restricted
# refuses (only configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret).
case("kube18-vcluster-data-volume-iscsi", PROVIDERS, "DENY", DOC["pss"])(on_vcluster(data_volume(ISCSI_DATA)))
# Complies: the data volume is a generic ephemeral volume.
case("kube18-vcluster-data-volume-ephemeral", PROVIDERS, cite=DOC["ephemeral"])(
    on_vcluster(data_volume(EPHEMERAL_DATA))
)
# Violates: an extra init container of the control plane (restricted securityContext) publishes a hostPort:
# baseline (and so restricted) requires hostPort to be unset or 0.
case("kube18-vcluster-init-container-host-port", PROVIDERS, "DENY", DOC["pss"])(
    on_vcluster(init_container([{"name": "https", "containerPort": 8443, "hostPort": 8443}]))
)
# Complies: the init container's port without hostPort.
case("kube18-vcluster-init-container-port", PROVIDERS, cite=DOC["pss"])(
    on_vcluster(init_container([{"name": "https", "containerPort": 8443}]))
)
# Violates: a DaemonSetPatch (server-side apply) sets GITHUB_TOKEN in plain text in acme's log shipper; a patch is
# held to its kind.
case("kube18-daemonset-patch-env-token", PROVIDERS, "DENY", DOC["container-api"])(iso(daemonset_patch(TOKEN_ENV)))
# Complies: the patch takes GITHUB_TOKEN from a Secret by reference.
case("kube18-daemonset-patch-env-secret-ref", PROVIDERS, cite=DOC["env-secret"])(iso(daemonset_patch(TOKEN_REF)))
# Violates: acme's hand-managed EndpointSlice claims a dedicated cluster (fleet-isolation=cluster) on a cluster
# globex shares.
case("kube18-endpointslice-false-dedicated-claim", PROVIDERS, "DENY", DOC["endpointslice"])(
    iso(endpoint_slice(CLAIM), neighbour=True)
)
# Complies: the same EndpointSlice's claim on a cluster that holds no other tenant.
case("kube18-endpointslice-dedicated-claim-alone", PROVIDERS, cite=DOC["endpointslice"])(iso(endpoint_slice(CLAIM)))
# Violates: acme's DRA ResourceClaimTemplate claims a dedicated cluster on a shared cluster.
case("kube18-resourceclaimtemplate-false-dedicated-claim", PROVIDERS, "DENY", DOC["dra"])(
    iso(claim_template(CLAIM), neighbour=True)
)
# Complies: the ResourceClaimTemplate says namespace isolation on the shared cluster.
case("kube18-resourceclaimtemplate-namespace-claim", PROVIDERS, cite=DOC["dra"])(
    iso(claim_template({"fleet-isolation": "namespace", "fleet-tenant": "acme"}), neighbour=True)
)


# ============================================================================ unknown at preview

TICKET = {"example.com/ticket": UNKNOWN}

# Violates: CSIDriver writes aggregated into admin; only an annotation's value is unknown.
case("kube18-unknown-annotation-agg-admin-csidrivers", PREVIEW, "DENY", DOC["csidriver"])(
    iso(csidriver_admin(TICKET), neighbour=True)
)
# Complies: CSIStorageCapacity reads aggregated into view; an annotation's value is unknown.
case("kube18-unknown-annotation-agg-view-capacities", PREVIEW, cite=DOC["csi-capacity"])(
    iso(capacity_viewer(TICKET), neighbour=True)
)
# Violates: the .terraformrc token is in the ConfigMap; only another key's value (the state bucket, an output) is
# unknown.
case("kube18-unknown-key-terraformrc-token", PREVIEW, "DENY", DOC["terraformrc"])(
    iso(configmap({".terraformrc": TERRAFORMRC_TOKEN, "STATE_BUCKET": UNKNOWN}, name="terraform-cli"))
)
# Complies: .terraformrc with a credentials helper; another key's value is unknown.
case("kube18-unknown-key-terraformrc-helper", PREVIEW, cite=DOC["tf-helpers"])(
    iso(configmap({".terraformrc": TERRAFORMRC_HELPER, "STATE_BUCKET": UNKNOWN}, name="terraform-cli"))
)
# Violates: the ca tenant on AKS in West US 3; only its app's image (a registry output) is unknown.
case("kube18-unknown-image-ca-aks-west-us-3", PREVIEW, "DENY", DOC["azure-regions"])(
    ca_on_aks("westus3", "US", image=f"{UNKNOWN}:1.4.2")
)
# Complies: the ca tenant on AKS in Canada East; its app's image is unknown.
case("kube18-unknown-image-ca-aks-canada-east", PREVIEW, cite=DOC["azure-regions"])(
    ca_on_aks("canadaeast", "CA", image=f"{UNKNOWN}:1.4.2")
)
# Violates: the control plane's data volume is iSCSI; only the syncer's image tag (a build output) is unknown.
case("kube18-unknown-tag-vcluster-data-volume-iscsi", PREVIEW, "DENY", DOC["pss"])(
    on_vcluster(data_volume(ISCSI_DATA, image_tag=UNKNOWN))
)
# Complies: the data volume is ephemeral; the syncer's image tag is unknown.
case("kube18-unknown-tag-vcluster-data-volume-ephemeral", PREVIEW, cite=DOC["ephemeral"])(
    on_vcluster(data_volume(EPHEMERAL_DATA, image_tag=UNKNOWN))
)
# Violates: the DaemonSetPatch's GITHUB_TOKEN is in plain text; only its image (a registry output) is unknown.
case("kube18-unknown-image-daemonset-patch-env-token", PREVIEW, "DENY", DOC["container-api"])(
    iso(daemonset_patch(TOKEN_ENV, image=f"{UNKNOWN}:3.1.0"))
)
# Complies: the token from a Secret by reference; the image is unknown.
case("kube18-unknown-image-daemonset-patch-env-secret-ref", PREVIEW, cite=DOC["env-secret"])(
    iso(daemonset_patch(TOKEN_REF, image=f"{UNKNOWN}:3.1.0"))
)
# Violates: egress to the IPv6 link-local range; only an annotation's value is unknown.
case("kube18-unknown-annotation-netpol-egress-link-local", PREVIEW, "DENY", DOC["link-local"])(
    iso(egress_link_local(TICKET), neighbour=True)
)
# Complies (deferred): the policy admits ingress from an ipBlock whose CIDR is another resource's output (a partner
# VPN's range): whether it reaches private ranges or the internet needs the value, so the decision waits.
case("kube18-unknown-netpol-ingress-cidr", PREVIEW, cite=DOC["unknowns"])(
    iso(netpol(ingress(cidr(UNKNOWN)), name="from-vpn"), neighbour=True)
)
# Complies (deferred): the RoleBinding in acme names a service account whose namespace is another resource's
# output: whether it is acme's own, a platform one or another tenant's needs the value.
case("kube18-unknown-rb-sa-namespace", PREVIEW, cite=DOC["unknowns"])(
    iso(tooling_binding([service_account(UNKNOWN, "cert-manager")]), neighbour=True)
)


# ============================================================================ malformed shapes

# Violates (cannot evaluate): the aggregated role's rules written as one PolicyRule object (depth 1; a list): what
# it aggregates into admin decides FLEET-TEN-010.
case("kube18-bad-agg-admin-rules-object", MALFORMED, "DENY", DOC["cr-api"])(
    iso(csidriver_admin(rules=CSIDRIVERS_WRITE[0]), neighbour=True)
)
# Complies: the CSIStorageCapacity reader's rules as a list.
case("kube18-agg-view-rules-list", MALFORMED, cite=DOC["aggregation"])(iso(capacity_viewer(), neighbour=True))
# Violates (cannot evaluate): the NetworkPolicy's ipBlock.cidr written as an object keyed by address family (depth
# 5; a string): what the egress rule admits decides FLEET-TEN-003.
case("kube18-bad-netpol-cidr-object", MALFORMED, "DENY", DOC["netpol-api"])(
    iso(netpol(egress({"ipBlock": {"cidr": {"ipv6": LINK_LOCAL}}}), name="to-link-local"), neighbour=True)
)
# Complies: the partner's ipBlock.cidr as a string.
case("kube18-netpol-cidr-string", MALFORMED, cite=DOC["netpol-api"])(iso(ingress_partner(), neighbour=True))
# Violates (cannot evaluate): the webhook rule's operations written as one string (depth 4; a list): which requests
# the rule matches decides FLEET-TEN-008.
case("kube18-bad-webhook-operations-string", MALFORMED, "DENY", DOC["webhook-rules"])(
    iso(claims_hook(operations="CREATE"), neighbour=True)
)
# Complies: operations as a list.
case("kube18-webhook-operations-list", MALFORMED, cite=DOC["webhook-rules"])(iso(claims_hook(), neighbour=True))
# Violates (cannot evaluate): the ClusterRoleBinding's roleRef.name written as a one-item list (depth 2; a string):
# which role it grants cluster-wide decides FLEET-TEN-002.
case("kube18-bad-crb-roleref-name-list", MALFORMED, "DENY", DOC["crb-api"])(
    iso(provisioner_binding([PLATFORM_SA], role=["system:persistent-volume-provisioner"]), neighbour=True)
)
# Complies: roleRef.name as a string (kube-system's service account).
case("kube18-crb-roleref-name-string", MALFORMED, cite=DOC["crb-api"])(
    iso(provisioner_binding([PLATFORM_SA]), neighbour=True)
)
# Violates (cannot evaluate): the ConfigMap's .terraformrc written as an object of HCL blocks (depth 2; a string):
# what the file sets decides FLEET-SEC-002.
case("kube18-bad-configmap-data-value-object", MALFORMED, "DENY", DOC["configmap-api"])(
    iso(
        configmap(
            {".terraformrc": {"credentials": {"app.terraform.io": {"token": "xxxxxxxxxxxxxx.atlasv1.Q7mZp3kLr9VtX2"}}}},
            name="terraform-cli",
        )
    )
)
# Complies: the file as a string (a credentials helper).
case("kube18-configmap-data-value-string", MALFORMED, cite=DOC["configmap-api"])(
    iso(configmap({".terraformrc": TERRAFORMRC_HELPER}, name="terraform-cli"))
)
# Violates (cannot evaluate): the DaemonSetPatch's containers written as one Container object (depth 4; a list):
# what the environment holds decides FLEET-SEC-002.
case("kube18-bad-daemonset-patch-containers-object", MALFORMED, "DENY", DOC["pod-api"])(
    iso(
        daemonset_patch(
            containers={"name": "shipper", "image": "registry.example.com/acme/log-shipper:3.1.0", "env": TOKEN_ENV}
        )
    )
)
# Complies: containers as a list, the token from a Secret.
case("kube18-daemonset-patch-containers-list", MALFORMED, cite=DOC["pod-api"])(iso(daemonset_patch(TOKEN_REF)))
# Violates (cannot evaluate): the ResourceClaimTemplate's fleet-isolation label value written as a one-item list
# (depth 3; a string): whether it claims a dedicated cluster decides FLEET-TEN-005.
case("kube18-bad-resourceclaimtemplate-label-value-list", MALFORMED, "DENY", DOC["labels"])(
    iso(claim_template({"fleet-isolation": ["cluster"], "fleet-tenant": "acme"}), neighbour=True)
)
# Complies: the label value as a string (namespace isolation).
case("kube18-resourceclaimtemplate-label-value-string", MALFORMED, cite=DOC["labels"])(
    iso(claim_template({"fleet-isolation": "namespace", "fleet-tenant": "acme"}), neighbour=True)
)
# Violates (cannot evaluate): the EndpointSlice's labels written as a list of "key=value" strings (depth 2; a map):
# whether it claims a dedicated cluster decides FLEET-TEN-005.
case("kube18-bad-endpointslice-labels-list", MALFORMED, "DENY", DOC["endpointslice-api"])(
    iso(endpoint_slice(["fleet-isolation=cluster", "fleet-tenant=acme"]), neighbour=True)
)
# Complies: the labels as a map (namespace isolation).
case("kube18-endpointslice-labels-map", MALFORMED, cite=DOC["labels"])(
    iso(endpoint_slice({"fleet-isolation": "namespace", "fleet-tenant": "acme"}), neighbour=True)
)
