"""Kubernetes isolation cases of the twenty-second outside corpus: kinds, fields and situations the twenty-one earlier
outside corpora did not try. RuntimeClass writes (node.k8s.io, cluster-scoped: the sandbox every tenant's pods run in)
aggregated into edit against RuntimeClass reads aggregated into view; a tenant webhook on ServiceCIDRs
(cluster-scoped) against one on CronJobs; a Calico NetworkSet in a tenant namespace whose private range a
same-namespace Calico selector admits, against a partner's public range; NetworkPolicy egress to an IPv6 unique local
range (RFC 4193) against a partner's public IPv6 prefix; Velero's cloud credentials file in Helm values
(``credentials.secretContents``) against ``credentials.existingSecret``; a PgBouncer ``[databases]`` connection string
with ``password=`` in a ConfigMap; a Vault token in the environment of a native sidecar (an init container with
``restartPolicy: Always``); a RoleBinding to the built-in ``system:controller:ephemeral-volume-controller`` role; a
ResourceQuota of object counts (``count/...``) only; an SSSD ``ldap_default_authtok`` in a ConfigMap. Providers and
patches: GDPR on EKS in Taipei vs Paris, eu on GKE in Doha vs Milan, GDPR on AKS in Malaysia West vs Spain Central,
GDPR on an existing cluster in Greenland vs Lithuania, a custom Baltic regime on an existing cluster in Finland vs
Latvia, a Kata RuntimeClass and a PodDisruptionBudgetPatch that claim a dedicated cluster, the vcluster's external
database ``dataSource`` with a password against Kerberos, a CephFS volume of the vcluster control plane, a JobPatch
that puts a Slack token into the environment. Then values unknown at preview and malformed shapes.

Written from Kubernetes, Calico, Velero, PgBouncer, SSSD, vCluster, Pulumi, RFC 4193 and cloud region documentation and
the pack's user-facing contract (docs/RULES.md, docs/SPEC.md, docs/REVIEW.md, README.md, what fleet/tenancy,
fleet/clusters, fleet/core/vcluster_chart.py, fleet/core/podsecurity.py and the region and country catalogue render
and judge), by a helper that did not read the pack's rules, its configs, its tests or the tuned corpus's cases. Each
case only says whether a correct pack reports some mandatory violation (``expect="DENY"``) or none; a comment above it
says why, and it cites the page the outcome rests on. The stacks are built with the helpers of the earlier outside
corpora.

``UNKNOWN`` stands for a value the engine only learns at the update. Where the decision does not need it a correct
pack decides as if it were known; where it does, the pack defers (advisory FLEET-PRE-001, or the SDK's advisory
"can't run policy during preview" for a resource rule), which is no mandatory violation.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from tests.policies.corpus import UNKNOWN, Stack
from tests.policies.outside.corpus import _find, egress, group, role_binding
from tests.policies.outside2.corpus import CLAIM, EDIT_AGG, VIEW_AGG, Obj, iso
from tests.policies.outside3.kube import RELEASE, add, on_vcluster, patch, program_values, quota, release
from tests.policies.outside5.kube import webhook
from tests.policies.outside6.kube import configmap, pod_template
from tests.policies.outside11.cloud import depends
from tests.policies.outside15.kube import RESTRICTED_CONTAINER, existing, on_aks, on_eks, on_gke, placed
from tests.policies.outside18.kube import ACME_SERVICE, OWN_NAME, hook_on
from tests.policies.outside20.kube import calico_ingress
from tests.policies.outside21.kube import aggregated
from tests.policies.outside22.common import case

ISOLATION = "tenant-isolation"
PROVIDERS = "k8s-providers-and-patches"
PREVIEW = "unknown-at-preview"
MALFORMED = "malformed"

RBAC = "rbac.authorization.k8s.io"
K8S_API = "https://kubernetes.io/docs/reference/kubernetes-api"

DOC = {
    # RBAC and aggregation
    "runtimeclass": "https://kubernetes.io/docs/concepts/containers/runtime-class/",
    "runtimeclass-api": f"{K8S_API}/cluster-resources/runtime-class-v1/",
    "aggregation": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#aggregated-clusterroles",
    "controller-roles": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#controller-roles",
    "cr-api": f"{K8S_API}/authorization-resources/cluster-role-v1/",
    "rb-api": f"{K8S_API}/authorization-resources/role-binding-v1/",
    # admission
    "webhook-ns": (
        "https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/"
        "#matching-requests-namespaceselector"
    ),
    "webhook-api": f"{K8S_API}/extend-resources/validating-webhook-configuration-v1/",
    "service-cidr": "https://kubernetes.io/docs/tasks/network/extend-service-ip-ranges/",
    # network policy
    "calico-networkset": "https://docs.tigera.io/calico/latest/reference/resources/networkset",
    "ula": "https://www.rfc-editor.org/rfc/rfc4193",
    "netpol": "https://kubernetes.io/docs/concepts/services-networking/network-policies/",
    "netpol-api": f"{K8S_API}/policy-resources/network-policy-v1/",
    # guardrails
    "quota-counts": "https://kubernetes.io/docs/concepts/policy/resource-quotas/#object-count-quota",
    # credentials
    "velero-values": "https://github.com/vmware-tanzu/helm-charts/blob/main/charts/velero/values.yaml",
    "pgbouncer": "https://www.pgbouncer.org/config.html",
    "sidecar": "https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/",
    "distribute-credentials": "https://kubernetes.io/docs/tasks/inject-data-application/distribute-credentials-secure/",
    "container-api": f"{K8S_API}/workload-resources/pod-v1/#environment-variables",
    "pod-api": f"{K8S_API}/workload-resources/pod-v1/#containers",
    "sssd-ldap": "https://man.archlinux.org/man/sssd-ldap.5",
    # placement
    "aws-regions": "https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html",
    "gcp-regions": "https://cloud.google.com/compute/docs/regions-zones",
    "azure-regions": "https://learn.microsoft.com/en-us/azure/reliability/regions-list",
    "eu-countries": "https://european-union.europa.eu/principles-countries-history/eu-countries_en",
    "greenland": "https://eeas.europa.eu/headquarters/headquarters-homepage/2276/greenland-and-eu_en",
    # isolation claims, vcluster, Pod Security, patches
    "pss": "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
    "vcluster-external-db": (
        "https://www.vcluster.com/docs/vcluster/configure/vcluster-yaml/control-plane/components/backing-store/"
        "database/external"
    ),
    "job-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/batch/v1/jobpatch/",
    "pdb-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/policy/v1/poddisruptionbudgetpatch/",
    "unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
}


# ------------------------------------------------------------------------------------ helpers

WRITE = ["create", "delete", "deletecollection", "patch", "update"]
READ = ["get", "list", "watch"]
TICKET = {"example.com/change-ticket": UNKNOWN}

# A sandboxing operator's rights aggregated into edit: RuntimeClasses (node.k8s.io) are cluster-scoped; a RuntimeClass
# names the runtime handler, the pod overhead and the nodes of every pod that asks for it, whoever's pod it is.
RUNTIMECLASS_WRITE = [{"apiGroups": ["node.k8s.io"], "resources": ["runtimeclasses"], "verbs": [*READ, *WRITE]}]
RUNTIMECLASS_READ = [{"apiGroups": ["node.k8s.io"], "resources": ["runtimeclasses"], "verbs": READ}]


def sandbox_manager(annotations: dict[str, Any] | None = None) -> Obj:
    """The sandbox operator's ClusterRole aggregated into edit: writes RuntimeClasses."""
    return aggregated("sandbox-runtime-manager", RUNTIMECLASS_WRITE, EDIT_AGG, annotations)


def sandbox_viewer(annotations: dict[str, Any] | None = None, rules: Any = None) -> Obj:
    """The sandbox operator's ClusterRole aggregated into view: reads RuntimeClasses (``rules`` as given)."""
    return aggregated("sandbox-runtime-viewer", RUNTIMECLASS_READ if rules is None else rules, VIEW_AGG, annotations)


def jobs_hook(resources: Any) -> Obj:
    """acme's validating webhook on CREATE/UPDATE of Jobs (namespaced; ``resources`` as given), acme by name."""
    rule = {
        "operations": ["CREATE", "UPDATE"],
        "apiGroups": ["batch"],
        "apiVersions": ["v1"],
        "resources": resources,
        "scope": "Namespaced",
    }
    return webhook(ACME_SERVICE, OWN_NAME, [rule], kind="Validating", name="acme-jobs")


# Calico: a NetworkSet (namespaced) in acme; a Calico NetworkPolicy's selector in acme matches it by label.
NETWORK_SET = "kubernetes:projectcalico.org/v3:NetworkSet"
FROM_BATCH_HOSTS = {"selector": "role == 'batch-hosts'"}


def batch_hosts(nets: Any) -> Obj:
    """The NetworkSet ``batch-hosts`` in acme holding ``nets`` (labelled role=batch-hosts)."""
    return add(
        NETWORK_SET,
        "acme-batch-hosts-netset",
        metadata={"name": "batch-hosts", "namespace": "acme", "labels": {"role": "batch-hosts"}},
        spec={"nets": nets},
    )


def batch_hosts_with_gateway(known: str) -> Callable[[Stack, str], None]:
    """The NetworkSet holding ``known`` and the address of a LoadBalancer Service the same update creates (the
    platform's ``edge`` namespace, the batch hosts' NAT gateway): that address is unknown at preview."""

    def build(s: Stack, k8s: str) -> None:
        gateway = s.add(
            "kubernetes:core/v1:Service",
            "edge-batch-nat-svc",
            k8s,
            metadata={"name": "batch-nat", "namespace": "edge"},
            spec={
                "type": "LoadBalancer",
                "selector": {"app": "nat-gateway"},
                "ports": [{"port": 4500, "protocol": "UDP"}],
            },
        )
        urn = batch_hosts([known, UNKNOWN])(s, k8s)
        depends(s, urn, spec=[gateway])
        _find(s, urn).dependencies = [gateway]

    return build


ULA = "fd7c:41a2:9b00::/48"  # RFC 4193 unique local addresses (fc00::/7): the data centre's IPv6 network
PARTNER_V6 = "2a02:2e0:3fe::/48"  # a partner's public IPv6 prefix


def egress_v6(peer: dict[str, Any], port: int, name: str = "allow-egress-v6") -> Obj:
    """A NetworkPolicy in acme allowing every pod egress to ``peer`` on TCP ``port``."""
    spec = egress(peer)
    spec["egress"][0]["ports"] = [{"protocol": "TCP", "port": port}]
    return add(
        "kubernetes:networking.k8s.io/v1:NetworkPolicy",
        f"acme-{name}-np",
        metadata={"name": name, "namespace": "acme"},
        spec=spec,
    )


def velero(credentials: dict[str, Any], tag: Any = "v1.16.2") -> Obj:
    """Velero's chart (vmware-tanzu) in the ``velero`` namespace, backing up to S3 in eu-west-1, with
    ``credentials``."""
    return add(
        RELEASE,
        "velero-release",
        name="velero",
        chart="velero",
        version="10.0.11",
        repositoryOpts={"repo": "https://vmware-tanzu.github.io/helm-charts"},
        namespace="velero",
        values={
            "image": {"repository": "velero/velero", "tag": tag},
            "configuration": {
                "backupStorageLocation": [
                    {
                        "name": "default",
                        "provider": "aws",
                        "bucket": "acme-velero-eu",
                        "config": {"region": "eu-west-1"},
                    }
                ],
                "volumeSnapshotLocation": [{"name": "default", "provider": "aws", "config": {"region": "eu-west-1"}}],
            },
            "credentials": credentials,
        },
    )


VELERO_CLOUD_FILE = {
    "useSecret": True,
    "secretContents": {
        "cloud": (
            "[default]\n"
            "aws_access_key_id=AKIA4QX7T2MZ9RVLKP3N\n"
            "aws_secret_access_key=uR8vT2mQ7xLp4ZkW9nBd3sYc6JfGe1AhVo5Ki0Tq\n"
        )
    },
}
VELERO_EXISTING = {"useSecret": True, "existingSecret": "velero-cloud-credentials"}

PGBOUNCER_PASSWORD = (
    "[databases]\n"
    "ledger = host=ledger-db.acme.svc port=5432 dbname=ledger user=ledger_app password=Mv7qT2xR9kLp4ZwN\n"
    "\n"
    "[pgbouncer]\n"
    "listen_addr = 0.0.0.0\n"
    "listen_port = 6432\n"
    "auth_type = scram-sha-256\n"
    "auth_file = /etc/pgbouncer/auth/userlist.txt\n"
    "pool_mode = transaction\n"
)
# The same pool without the server password: PgBouncer logs in as the client's user, with the SCRAM secret of the
# auth_file (mounted from a Secret).
PGBOUNCER_AUTH_FILE = PGBOUNCER_PASSWORD.replace(" user=ledger_app password=Mv7qT2xR9kLp4ZwN", "")


def pgbouncer_config(ini: str) -> Obj:
    return configmap({"pgbouncer.ini": ini}, name="pgbouncer")


SSSD_BIND_PASSWORD = """[sssd]
services = nss, pam
domains = acme.example.com

[domain/acme.example.com]
id_provider = ldap
auth_provider = ldap
ldap_uri = ldaps://ldap.acme.example.com
ldap_search_base = dc=acme,dc=example,dc=com
ldap_default_bind_dn = cn=sssd-reader,ou=services,dc=acme,dc=example,dc=com
ldap_default_authtok_type = password
ldap_default_authtok = Wz8qT3vN7mLp2XkR
"""
# The same domain binding with Kerberos (SASL GSSAPI) and a keytab mounted from a Secret.
SSSD_KEYTAB = SSSD_BIND_PASSWORD.replace(
    "ldap_default_bind_dn = cn=sssd-reader,ou=services,dc=acme,dc=example,dc=com\n"
    "ldap_default_authtok_type = password\n"
    "ldap_default_authtok = Wz8qT3vN7mLp2XkR\n",
    "ldap_sasl_mech = GSSAPI\n"
    "ldap_sasl_authid = sssd-reader@ACME.EXAMPLE.COM\n"
    "ldap_krb5_keytab = /etc/sssd/keytab/sssd.keytab\n",
)


def sssd_config(conf: str) -> Obj:
    return configmap({"sssd.conf": conf}, name="sssd")


VAULT_TOKEN = [{"name": "VAULT_TOKEN", "value": "hvs.CAESIJ7qXm2vT9kRz4LpW8nBd3sYc6JfGe1AhVo5Ki0TqUx"}]
VAULT_TOKEN_REF = [{"name": "VAULT_TOKEN", "valueFrom": {"secretKeyRef": {"name": "vault-agent", "key": "token"}}}]
APP_IMAGE = "registry.example.com/acme/ledger:2.7.0"


def vault_sidecar(env: Any) -> dict[str, Any]:
    return {
        "name": "vault-agent",
        "image": "hashicorp/vault:1.20.1",
        "restartPolicy": "Always",
        "args": ["agent", "-config=/vault/config/agent.hcl"],
        "env": [{"name": "VAULT_ADDR", "value": "https://vault.platform.svc:8200"}, *env],
        "securityContext": dict(RESTRICTED_CONTAINER),
    }


def ledger_with_sidecar(env: Any, image: Any = APP_IMAGE, as_object: bool = False) -> Obj:
    """acme's ledger Deployment whose Vault agent runs as a native sidecar (an init container with restartPolicy
    Always), with the agent's extra ``env``; ``as_object`` writes initContainers as one object."""
    template = pod_template(image, sa="ledger", labels={"app": "ledger"})
    sidecar = vault_sidecar(env)
    template["spec"]["initContainers"] = sidecar if as_object else [sidecar]
    return add(
        "kubernetes:apps/v1:Deployment",
        "acme-ledger-deploy",
        metadata={"name": "ledger", "namespace": "acme"},
        spec={"replicas": 2, "selector": {"matchLabels": {"app": "ledger"}}, "template": template},
    )


SCRATCH_SA = {"kind": "ServiceAccount", "namespace": "acme", "name": "scratch-volumes"}
PVC_CREATE = [
    {"apiGroups": [""], "resources": ["persistentvolumeclaims"], "verbs": ["create", "get", "list", "watch"]},
    {"apiGroups": [""], "resources": ["events"], "verbs": ["create", "patch"]},
]


def scratch_binding(role_name: str) -> Obj:
    return role_binding(("ClusterRole", role_name), SCRATCH_SA, name="scratch-volumes")


COUNTS_ONLY = {
    "count/pods": "50",
    "count/deployments.apps": "20",
    "count/jobs.batch": "30",
    "count/services": "10",
    "count/secrets": "40",
    "count/configmaps": "40",
}


# Providers and patches

BALTICS = [{"name": "baltics", "countries": ["EE", "LV", "LT"], "description": "Estonia, Latvia and Lithuania only"}]


def kata_class(labels: dict[str, Any], annotations: dict[str, Any] | None = None) -> Obj:
    """The Kata Containers RuntimeClass ``kata-acme`` (cluster-scoped), labelled ``labels``."""
    metadata: dict[str, Any] = {"name": "kata-acme", "labels": labels}
    if annotations:
        metadata["annotations"] = annotations
    return add(
        "kubernetes:node.k8s.io/v1:RuntimeClass",
        "kata-acme-rc",
        metadata=metadata,
        handler="kata",
        overhead={"podFixed": {"cpu": "250m", "memory": "160Mi"}},
        scheduling={"nodeSelector": {"katacontainers.io/kata-runtime": "true"}},
    )


def pdb_patch(labels: dict[str, Any]) -> Obj:
    """A PodDisruptionBudgetPatch (server-side apply) of acme's ledger PDB that labels it ``labels``."""
    return patch(
        "PodDisruptionBudget",
        "acme-ledger-pdb-patch",
        {"name": "ledger", "namespace": "acme", "labels": labels},
        group_version="policy/v1",
        spec={"maxUnavailable": 1, "selector": {"matchLabels": {"app": "ledger"}}},
    )


def vcluster_values(mutate: Callable[[dict[str, Any]], None], image_tag: Any = None) -> Obj:
    """The program's vcluster release with ``mutate`` applied to its values; with ``image_tag``, a pinned syncer
    image tag."""
    values = copy.deepcopy(program_values())
    mutate(values)
    if image_tag is not None:
        values["controlPlane"]["statefulSet"].setdefault("image", {})["tag"] = image_tag
    return release(values)


PG_PASSWORD_SOURCE = (
    "postgres://vcluster_acme:Hq7vR2mX9kTz4LpW@pg-vcluster.platform-db.svc.cluster.local:5432/vcluster_acme"
    "?sslmode=verify-full"
)
PG_KERBEROS_SOURCE = (
    "postgres://krb5-vcluster-acme%40ACME.EXAMPLE.COM@pg-vcluster.platform-db.svc.cluster.local:5432/vcluster_acme"
    "?sslmode=verify-full&krbsrvname=postgres&krb5_keytab=/etc/kine-keytab/krb5.keytab"
)


def external_database(data_source: Any) -> Callable[[dict[str, Any]], None]:
    def mutate(values: dict[str, Any]) -> None:
        values["controlPlane"]["backingStore"] = {
            "database": {"external": {"enabled": True, "dataSource": data_source}}
        }

    return mutate


def kerberos_database(values: dict[str, Any]) -> None:
    """The vCluster docs' passwordless PostgreSQL data source: Kerberos with a keytab mounted from a Secret and
    krb5.conf from a ConfigMap."""
    cp = values["controlPlane"]
    external_database(PG_KERBEROS_SOURCE)(values)
    cp["distro"]["k8s"]["image"] = {"registry": "ghcr.io", "repository": "loft-sh/kubernetes", "tag": "v1.36.1"}
    sts = cp["statefulSet"]
    sts["env"] = [{"name": "KRB5_CONFIG", "value": "/etc/krb5.conf"}]
    persistence = sts.setdefault("persistence", {})
    persistence["addVolumes"] = [
        {"name": "kine-keytab", "secret": {"secretName": "kine-keytab"}},
        {"name": "krb5-conf", "configMap": {"name": "krb5-conf"}},
    ]
    persistence["addVolumeMounts"] = [
        {"name": "kine-keytab", "mountPath": "/etc/kine-keytab", "readOnly": True},
        {"name": "krb5-conf", "mountPath": "/etc/krb5.conf", "subPath": "krb5.conf", "readOnly": True},
    ]


CEPHFS_ARCHIVE = {
    "name": "audit-archive",
    "cephfs": {
        "monitors": ["ceph-mon-a.storage.svc:6789", "ceph-mon-b.storage.svc:6789"],
        "path": "/vcluster/acme",
        "user": "vcluster",
        "secretRef": {"name": "ceph-client-vcluster"},
    },
}
PVC_ARCHIVE = {"name": "audit-archive", "persistentVolumeClaim": {"claimName": "acme-audit-archive"}}


def archive_volume(volume: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    def mutate(values: dict[str, Any]) -> None:
        persistence = values["controlPlane"]["statefulSet"].setdefault("persistence", {})
        persistence["addVolumes"] = [volume]
        persistence["addVolumeMounts"] = [{"name": volume["name"], "mountPath": "/var/lib/vcluster/audit-archive"}]

    return mutate


def external_database_from_service(s: Stack, k8s: str) -> None:
    """The vcluster release whose dataSource is built from the address of a database Service the same update creates
    (in the platform's ``platform-db`` namespace): at preview the whole connection string is unknown."""
    service = s.add(
        "kubernetes:core/v1:Service",
        "platform-db-pg-vcluster-svc",
        k8s,
        metadata={"name": "pg-vcluster", "namespace": "platform-db"},
        spec={"type": "ClusterIP", "selector": {"app": "pg-vcluster"}, "ports": [{"port": 5432, "protocol": "TCP"}]},
    )
    urn = vcluster_values(external_database(UNKNOWN))(s, k8s)
    depends(s, urn, values=[service])
    _find(s, urn).dependencies = [service]


SLACK_TOKEN = [{"name": "SLACK_BOT_TOKEN", "value": "xoxb-4820937161-7349281650234-Qm7xT2vR9kLp4ZwNbYc3JhF6"}]
SLACK_TOKEN_REF = [{"name": "SLACK_BOT_TOKEN", "valueFrom": {"secretKeyRef": {"name": "ledger-slack", "key": "token"}}}]


def job_patch(env: Any, container: str = "export") -> Obj:
    """A JobPatch (server-side apply) of acme's ledger-export Job that sets its container's environment."""
    return patch(
        "Job",
        "acme-ledger-export-job-patch",
        {"name": "ledger-export", "namespace": "acme"},
        group_version="batch/v1",
        spec={"template": {"spec": {"containers": [{"name": container, "env": env}]}}},
    )


# Malformed helpers

DB_PASSWORD_REF = {"name": "ledger-db", "key": "password"}


def db_password_env(secret_key_ref: Any) -> list[dict[str, Any]]:
    return [{"name": "DATABASE_PASSWORD", "valueFrom": {"secretKeyRef": secret_key_ref}}]


def devs_view(kind: Any) -> Obj:
    """A RoleBinding in acme of the ClusterRole view to acme's developers, the roleRef kind as given."""
    return role_binding((kind, "view"), group("acme-devs"), name="devs-view")


# ============================================================================ tenant isolation

# Violates: RuntimeClass writes (node.k8s.io, cluster-scoped: one RuntimeClass is the handler, overhead and node
# selection of every pod that names it) aggregated into edit, so into every tenant's edit binding.
case("kube22-agg-edit-runtimeclasses-write", ISOLATION, "DENY", DOC["runtimeclass-api"])(
    iso(sandbox_manager(), neighbour=True)
)
# Complies: reading RuntimeClasses aggregated into view (no write, no Secrets, no object that decides isolation).
case("kube22-agg-view-runtimeclasses-read", ISOLATION, cite=DOC["aggregation"])(iso(sandbox_viewer(), neighbour=True))
# Violates: a webhook served from acme on ServiceCIDRs (cluster-scoped: the cluster's Service IP ranges) selecting
# acme: the selector has no effect on cluster-scoped objects, so acme sees and may refuse every ServiceCIDR.
case("kube22-webhook-servicecidrs", ISOLATION, "DENY", DOC["webhook-ns"])(
    iso(hook_on("servicecidrs", "networking.k8s.io", "v1", "Cluster"), neighbour=True)
)
# Complies: a webhook served from acme on CronJobs (namespaced), acme's namespace only.
case("kube22-webhook-cronjobs-own", ISOLATION, cite=DOC["webhook-ns"])(
    iso(hook_on("cronjobs", "batch", "v1", "Namespaced"), neighbour=True)
)
# Violates: a Calico NetworkPolicy in acme allows the shop's 8443 from the selector role == 'batch-hosts', which
# matches the NetworkSet batch-hosts of acme: 10.40.0.0/16, a private range (nodes, other tenants' pods).
case("kube22-calico-networkset-private", ISOLATION, "DENY", DOC["calico-networkset"])(
    iso(batch_hosts(["10.40.0.0/16"]), calico_ingress(FROM_BATCH_HOSTS), neighbour=True)
)
# Complies: the NetworkSet holds a partner's public 198.51.100.0/24 only.
case("kube22-calico-networkset-public", ISOLATION, cite=DOC["calico-networkset"])(
    iso(batch_hosts(["198.51.100.0/24"]), calico_ingress(FROM_BATCH_HOSTS), neighbour=True)
)
# Violates: every acme pod may reach fd7c:41a2:9b00::/48, IPv6 unique local addresses (RFC 4193, the IPv6 private
# range) on 443: the data centre's and the cluster's own networks.
case("kube22-np-egress-ipv6-ula", ISOLATION, "DENY", DOC["ula"])(
    iso(egress_v6({"ipBlock": {"cidr": ULA}}, 443), neighbour=True)
)
# Complies: egress to a partner's public IPv6 /48 on 443.
case("kube22-np-egress-ipv6-partner", ISOLATION, cite=DOC["netpol"])(
    iso(egress_v6({"ipBlock": {"cidr": PARTNER_V6}}, 443), neighbour=True)
)
# Violates: Velero's chart gets the AWS credentials file (access key and secret access key) in its values
# (credentials.secretContents.cloud), which the release keeps in plain text.
case("kube22-helm-velero-secret-contents", ISOLATION, "DENY", DOC["velero-values"])(iso(velero(VELERO_CLOUD_FILE)))
# Complies: credentials.existingSecret names a Secret the chart mounts.
case("kube22-helm-velero-existing-secret", ISOLATION, cite=DOC["velero-values"])(iso(velero(VELERO_EXISTING)))
# Violates: pgbouncer.ini in a ConfigMap: the [databases] connection string sets password= for the ledger database.
case("kube22-configmap-pgbouncer-password", ISOLATION, "DENY", DOC["pgbouncer"])(
    iso(pgbouncer_config(PGBOUNCER_PASSWORD))
)
# Complies: the connection string names host, port and database only; users authenticate through the auth_file.
case("kube22-configmap-pgbouncer-auth-file", ISOLATION, cite=DOC["pgbouncer"])(
    iso(pgbouncer_config(PGBOUNCER_AUTH_FILE))
)
# Violates: the Vault agent, a native sidecar of acme's ledger Deployment (initContainers, restartPolicy Always), gets
# VAULT_TOKEN as a plain value in the pod template.
case("kube22-sidecar-env-vault-token", ISOLATION, "DENY", DOC["sidecar"])(iso(ledger_with_sidecar(VAULT_TOKEN)))
# Complies: VAULT_TOKEN comes from a Secret (valueFrom.secretKeyRef).
case("kube22-sidecar-env-vault-token-ref", ISOLATION, cite=DOC["distribute-credentials"])(
    iso(ledger_with_sidecar(VAULT_TOKEN_REF))
)
# Violates: a RoleBinding in acme to the built-in system:controller:ephemeral-volume-controller (a controller role:
# not user-facing, not a part of one, not among the roles the contract judges by their rules, not in the stack).
case("kube22-rb-ephemeral-volume-controller-role", ISOLATION, "DENY", DOC["controller-roles"])(
    iso(scratch_binding("system:controller:ephemeral-volume-controller"), neighbour=True)
)
# Complies: the binding names a ClusterRole the stack defines, creating PVCs and events only.
case("kube22-rb-own-scratch-volumes-role", ISOLATION, cite=DOC["controller-roles"])(
    iso(
        add(
            f"kubernetes:{RBAC}/v1:ClusterRole",
            "acme-scratch-volumes-cr",
            metadata={"name": "acme-scratch-volumes"},
            rules=PVC_CREATE,
        ),
        scratch_binding("acme-scratch-volumes"),
        neighbour=True,
    )
)
# Violates: acme's only ResourceQuota counts objects (count/pods, count/deployments.apps, ...): it bounds no CPU and
# no memory, so acme's pods can take the nodes' whole capacity.
case("kube22-quota-object-counts-only", ISOLATION, "DENY", DOC["quota-counts"])(iso(quota=COUNTS_ONLY))
# Complies: the object-count quota beside the tenant quota that bounds CPU and memory.
case("kube22-quota-object-counts-beside-compute", ISOLATION, cite=DOC["quota-counts"])(
    iso(quota("object-counts", COUNTS_ONLY))
)
# Violates: sssd.conf in a ConfigMap binds to LDAP with ldap_default_authtok (the bind DN's password in plain text).
case("kube22-configmap-sssd-authtok", ISOLATION, "DENY", DOC["sssd-ldap"])(iso(sssd_config(SSSD_BIND_PASSWORD)))
# Complies: SSSD binds with Kerberos (ldap_sasl_mech GSSAPI) and a keytab mounted from a Secret.
case("kube22-configmap-sssd-keytab", ISOLATION, cite=DOC["sssd-ldap"])(iso(sssd_config(SSSD_KEYTAB)))


# ============================================================================ providers and patches

# Violates: a GDPR tenant on EKS in ap-east-2 (Taipei, Taiwan).
case("kube22-gdpr-eks-taipei", PROVIDERS, "DENY", DOC["aws-regions"])(placed(on_eks("ap-east-2", "TW"), "gdpr"))
# Complies: the GDPR tenant on EKS in eu-west-3 (Paris).
case("kube22-gdpr-eks-paris", PROVIDERS, cite=DOC["aws-regions"])(placed(on_eks("eu-west-3", "FR"), "gdpr"))
# Violates: an eu tenant on GKE in me-central1 (Doha, Qatar).
case("kube22-eu-gke-doha", PROVIDERS, "DENY", DOC["gcp-regions"])(placed(on_gke("me-central1", "QA"), "eu"))
# Complies: the eu tenant on GKE in europe-west8 (Milan).
case("kube22-eu-gke-milan", PROVIDERS, cite=DOC["gcp-regions"])(placed(on_gke("europe-west8", "IT"), "eu"))
# Violates: a GDPR tenant on AKS in malaysiawest (Malaysia).
case("kube22-gdpr-aks-malaysia-west", PROVIDERS, "DENY", DOC["azure-regions"])(
    placed(on_aks("malaysiawest", "MY"), "gdpr")
)
# Complies: the GDPR tenant on AKS in spaincentral (Madrid).
case("kube22-gdpr-aks-spain-central", PROVIDERS, cite=DOC["azure-regions"])(
    placed(on_aks("spaincentral", "ES"), "gdpr")
)
# Violates: a GDPR tenant on an existing cluster in Greenland (part of the Kingdom of Denmark, outside the EU and the
# EEA; an overseas country associated with the EU).
case("kube22-gdpr-existing-greenland", PROVIDERS, "DENY", DOC["greenland"])(placed(existing("GL", "nuuk-dc1"), "gdpr"))
# Complies: the GDPR tenant on an existing cluster in Lithuania.
case("kube22-gdpr-existing-lithuania", PROVIDERS, cite=DOC["eu-countries"])(
    placed(existing("LT", "vilnius-dc1"), "gdpr")
)
# Violates: a tenant of the custom regime baltics (Estonia, Latvia, Lithuania) on an existing cluster in Finland (in
# the EU, not in the regime).
case("kube22-baltics-existing-finland", PROVIDERS, "DENY", DOC["eu-countries"], config={"regimes": BALTICS})(
    placed(existing("FI", "helsinki-dc1"), "baltics")
)
# Complies: the baltics tenant on an existing cluster in Latvia.
case("kube22-baltics-existing-latvia", PROVIDERS, cite=DOC["eu-countries"], config={"regimes": BALTICS})(
    placed(existing("LV", "riga-dc1"), "baltics")
)
# Violates: acme's Kata RuntimeClass labelled fleet-isolation=cluster, fleet-tenant=acme on a cluster globex shares.
case("kube22-runtimeclass-false-dedicated-claim", PROVIDERS, "DENY", DOC["runtimeclass"])(
    iso(kata_class(CLAIM), neighbour=True)
)
# Complies: the same RuntimeClass on a cluster that holds no other tenant.
case("kube22-runtimeclass-dedicated-claim-alone", PROVIDERS, cite=DOC["runtimeclass"])(iso(kata_class(CLAIM)))
# Violates: a PodDisruptionBudgetPatch (server-side apply) labels acme's ledger PDB fleet-isolation=cluster,
# fleet-tenant=acme, on a cluster globex shares.
case("kube22-pdb-patch-false-dedicated-claim", PROVIDERS, "DENY", DOC["pdb-patch"])(
    iso(pdb_patch(CLAIM), neighbour=True)
)
# Complies: the same patch on a cluster that holds no other tenant.
case("kube22-pdb-patch-dedicated-claim-alone", PROVIDERS, cite=DOC["pdb-patch"])(iso(pdb_patch(CLAIM)))
# Violates: the vcluster's external database (controlPlane.backingStore.database.external.dataSource) is a
# PostgreSQL URL with the database user's password, in the release's plain values.
case("kube22-vcluster-external-db-password", PROVIDERS, "DENY", DOC["vcluster-external-db"])(
    on_vcluster(vcluster_values(external_database(PG_PASSWORD_SOURCE)))
)
# Complies: the documented passwordless data source (Kerberos, keytab from a Secret, krb5.conf from a ConfigMap).
case("kube22-vcluster-external-db-kerberos", PROVIDERS, cite=DOC["vcluster-external-db"])(
    on_vcluster(vcluster_values(kerberos_database))
)
# Violates: the vcluster control plane mounts a CephFS volume (persistence.addVolumes): restricted admits only
# configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected and secret volumes.
case("kube22-vcluster-cephfs-volume", PROVIDERS, "DENY", DOC["pss"])(
    on_vcluster(vcluster_values(archive_volume(CEPHFS_ARCHIVE)))
)
# Complies: the archive is a PersistentVolumeClaim (bound to the CephFS CSI driver by its StorageClass).
case("kube22-vcluster-pvc-volume", PROVIDERS, cite=DOC["pss"])(
    on_vcluster(vcluster_values(archive_volume(PVC_ARCHIVE)))
)
# Violates: a JobPatch (server-side apply) sets SLACK_BOT_TOKEN in plain text in acme's ledger-export Job; a patch is
# held to its kind.
case("kube22-job-patch-slack-token", PROVIDERS, "DENY", DOC["job-patch"])(iso(job_patch(SLACK_TOKEN)))
# Complies: the patch takes SLACK_BOT_TOKEN from a Secret.
case("kube22-job-patch-slack-token-ref", PROVIDERS, cite=DOC["job-patch"])(iso(job_patch(SLACK_TOKEN_REF)))


# ============================================================================ unknown at preview

# Violates: RuntimeClass writes aggregated into edit; only the role's change-ticket annotation is unknown.
case("kube22-unknown-annotation-agg-runtimeclasses-write", PREVIEW, "DENY", DOC["runtimeclass-api"])(
    iso(sandbox_manager(TICKET), neighbour=True)
)
# Complies: RuntimeClass reads aggregated into view; the annotation is unknown.
case("kube22-unknown-annotation-agg-runtimeclasses-read", PREVIEW, cite=DOC["aggregation"])(
    iso(sandbox_viewer(TICKET), neighbour=True)
)
# Violates: the NetworkSet's known entry is the private 10.40.0.0/16; its second entry (a load balancer's address,
# created in the same update) is unknown and cannot make the rule compliant.
case("kube22-unknown-networkset-private-entry", PREVIEW, "DENY", DOC["calico-networkset"])(
    iso(batch_hosts_with_gateway("10.40.0.0/16"), calico_ingress(FROM_BATCH_HOSTS), neighbour=True)
)
# Complies (deferred): the known entry is public; whether the unknown one is private needs its value.
case("kube22-unknown-networkset-entry-deferred", PREVIEW, cite=DOC["unknowns"])(
    iso(batch_hosts_with_gateway("198.51.100.0/24"), calico_ingress(FROM_BATCH_HOSTS), neighbour=True)
)
# Violates: Velero's credentials file in the values; only Velero's image tag (a build output) is unknown.
case("kube22-unknown-tag-velero-secret-contents", PREVIEW, "DENY", DOC["velero-values"])(
    iso(velero(VELERO_CLOUD_FILE, tag=UNKNOWN))
)
# Complies: existingSecret; the image tag is unknown.
case("kube22-unknown-tag-velero-existing-secret", PREVIEW, cite=DOC["velero-values"])(
    iso(velero(VELERO_EXISTING, tag=UNKNOWN))
)
# Violates: the Kata RuntimeClass claims a dedicated cluster globex shares; only its change-ticket annotation is
# unknown.
case("kube22-unknown-annotation-runtimeclass-false-claim", PREVIEW, "DENY", DOC["runtimeclass"])(
    iso(kata_class(CLAIM, TICKET), neighbour=True)
)
# Complies: the same claim on a cluster acme has alone; the annotation is unknown.
case("kube22-unknown-annotation-runtimeclass-claim-alone", PREVIEW, cite=DOC["runtimeclass"])(
    iso(kata_class(CLAIM, TICKET))
)
# Violates: the vcluster control plane mounts CephFS; only the syncer's image tag is unknown, which Pod Security never
# reads.
case("kube22-unknown-tag-vcluster-cephfs-volume", PREVIEW, "DENY", DOC["pss"])(
    on_vcluster(vcluster_values(archive_volume(CEPHFS_ARCHIVE), image_tag=UNKNOWN))
)
# Complies: the archive is a PersistentVolumeClaim; the syncer's image tag is unknown.
case("kube22-unknown-tag-vcluster-pvc-volume", PREVIEW, cite=DOC["pss"])(
    on_vcluster(vcluster_values(archive_volume(PVC_ARCHIVE), image_tag=UNKNOWN))
)
# Complies (deferred): the vcluster's dataSource is built from the address of a database Service the same update
# creates, so the whole connection string is unknown; whether it carries a password needs its value.
case("kube22-unknown-vcluster-data-source-deferred", PREVIEW, cite=DOC["unknowns"])(
    on_vcluster(external_database_from_service)
)
# Violates: VAULT_TOKEN in plain text in the native sidecar; only the ledger app's image (a registry output) is
# unknown.
case("kube22-unknown-image-sidecar-vault-token", PREVIEW, "DENY", DOC["sidecar"])(
    iso(ledger_with_sidecar(VAULT_TOKEN, image=f"{UNKNOWN}:2.7.0"))
)
# Complies: VAULT_TOKEN from a Secret; the app's image is unknown.
case("kube22-unknown-image-sidecar-vault-token-ref", PREVIEW, cite=DOC["distribute-credentials"])(
    iso(ledger_with_sidecar(VAULT_TOKEN_REF, image=f"{UNKNOWN}:2.7.0"))
)


# ============================================================================ malformed shapes

# Violates (cannot evaluate): the JobPatch's DATABASE_PASSWORD secretKeyRef written as a one-item list (an object):
# whether the value stays in a Secret decides FLEET-SEC-002.
case("kube22-bad-job-patch-secret-key-ref-list", MALFORMED, "DENY", DOC["container-api"])(
    iso(job_patch(db_password_env([DB_PASSWORD_REF])))
)
# Complies: the secretKeyRef as an object.
case("kube22-job-patch-secret-key-ref-object", MALFORMED, cite=DOC["distribute-credentials"])(
    iso(job_patch(db_password_env(DB_PASSWORD_REF)))
)
# Violates (cannot evaluate): acme's Jobs webhook names its rule's resources as the string "jobs" (a list): which
# resources, and so which scopes, it intercepts decides FLEET-TEN-008.
case("kube22-bad-webhook-rule-resources-string", MALFORMED, "DENY", DOC["webhook-api"])(
    iso(jobs_hook("jobs"), neighbour=True)
)
# Complies: resources ["jobs"] (namespaced), acme by name.
case("kube22-webhook-rule-resources-list", MALFORMED, cite=DOC["webhook-ns"])(iso(jobs_hook(["jobs"]), neighbour=True))
# Violates (cannot evaluate): the ledger Deployment's initContainers written as one object (a list), the Vault sidecar
# inside it: what its environment holds decides FLEET-SEC-002.
case("kube22-bad-deployment-init-containers-object", MALFORMED, "DENY", DOC["pod-api"])(
    iso(ledger_with_sidecar(VAULT_TOKEN_REF, as_object=True))
)
# Complies: initContainers as a list (the same sidecar, its token from a Secret), and a different app version.
case("kube22-deployment-init-containers-list", MALFORMED, cite=DOC["sidecar"])(
    iso(ledger_with_sidecar(VAULT_TOKEN_REF, image="registry.example.com/acme/ledger:2.7.1"))
)
# Violates (cannot evaluate): a RoleBinding in acme whose roleRef kind is a one-item list (a string): whether it binds
# the ClusterRole view or a Role the tenant writes decides FLEET-TEN-004.
case("kube22-bad-rb-role-ref-kind-list", MALFORMED, "DENY", DOC["rb-api"])(iso(devs_view(["ClusterRole"])))
# Complies: roleRef kind "ClusterRole" (view, to acme's developers).
case("kube22-rb-role-ref-kind-string", MALFORMED, cite=DOC["rb-api"])(iso(devs_view("ClusterRole")))
# Violates (cannot evaluate): an egress peer's ipBlock written as a one-item list (an object) around a partner's public
# IPv6 prefix: which addresses it admits decides FLEET-TEN-003.
case("kube22-bad-np-ipblock-list", MALFORMED, "DENY", DOC["netpol-api"])(
    iso(egress_v6({"ipBlock": [{"cidr": PARTNER_V6}]}, 22, name="allow-sftp-v6"), neighbour=True)
)
# Complies: the ipBlock as an object (SFTP to the partner's public prefix).
case("kube22-np-ipblock-object", MALFORMED, cite=DOC["netpol"])(
    iso(egress_v6({"ipBlock": {"cidr": PARTNER_V6}}, 22, name="allow-sftp-v6"), neighbour=True)
)
# Violates (cannot evaluate): the RuntimeClass reader aggregated into view has its rule nested in a second list (rules
# is a list of PolicyRule objects): what it adds to every tenant's view binding decides FLEET-TEN-010.
case("kube22-bad-agg-view-rules-nested-list", MALFORMED, "DENY", DOC["cr-api"])(
    iso(sandbox_viewer(rules=[RUNTIMECLASS_READ]), neighbour=True)
)
# Complies: the rules as a flat list, and a change ticket annotation.
case("kube22-agg-view-rules-flat", MALFORMED, cite=DOC["cr-api"])(
    iso(sandbox_viewer({"example.com/change-ticket": "CHG-20418"}), neighbour=True)
)
