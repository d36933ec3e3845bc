"""Kubernetes isolation cases of the twenty-eighth outside corpus: kinds, fields, file formats and situations the
twenty-seven earlier outside corpora did not try. An HAProxy ``userlist`` whose ``insecure-password`` is written out
against one that reads ``"${STATS_PASSWORD}"`` from the environment; a Mosquitto bridge's ``remote_password`` against a
bridge that authenticates with a client certificate from a Secret's mount; a Composer ``auth.json`` with ``http-basic``
credentials against ``composer.json`` alone (``COMPOSER_AUTH`` from a Secret); a ``.gitconfig`` whose
``http.extraHeader`` carries an ``Authorization: Basic`` header against one whose credential helper reads a Secret's
file; a Consul agent's HCL ``acl { tokens { ... } }`` block against the same ACL block without tokens; a Vector
Elasticsearch sink's basic-auth ``password`` against ``${ES_PASSWORD}``; a restic CronJob's ``RESTIC_PASSWORD`` written
out against one from ``secretKeyRef``; a RoleBinding whose ServiceAccount subject omits its namespace (the binding's
own, by the RBAC authorizer's defaulting) against one naming another tenant's; a ClusterRoleBinding of a tenant's
service account to a stack-defined role that creates ``selfsubjectreviews`` (who am I, what system:basic-user gives
everyone) against one that creates ``subjectaccessreviews``; ``nodes/status`` aggregated into view against
``pods/status``; a tenant webhook on ``nodes/status`` (a subresource of a cluster-scoped kind: the namespaceSelector has
no effect) against one on ``pods/status`` in its own namespace; a CiliumNetworkPolicy's ``egressDeny`` against the same
peers under ``egress``; ingress from one tailnet address in the shared range 100.64.0.0/10 against one public office
address. Providers and patches: an India-only regime on EKS Hyderabad (ap-south-2) vs Sydney (ap-southeast-2), an
Australia-only regime on AKS Australia Southeast (Melbourne) vs Indonesia Central (Jakarta), a Korea-only regime on AKS
Korea South (Busan) vs Japan West (Osaka), a Brazil-only regime on GKE southamerica-east1 (Osasco) vs southamerica-west1
(Santiago), a Czechia-and-Slovakia regime on an existing cluster declared in Hungary (EU, outside the regime) vs
Slovakia, a custom regime of one exact GCP region (gcp:europe-west3, Frankfurt) on GKE europe-west10 (Berlin, the same
country) vs europe-west3; the vcluster control-plane pod's podSecurityContext ``runAsUser: 0`` (refused by restricted
even though the containers override it) against a non-root UID, and a pod context with ``supplementalGroupsPolicy:
Strict`` and ``fsGroupChangePolicy``, which Pod Security does not restrict; a DeploymentPatch that adds
``GF_SECURITY_ADMIN_PASSWORD`` to a chart-made Grafana against one reading it from a Secret; an IPAddress
(networking.k8s.io/v1) claiming a dedicated cluster that another tenant shares. Then values unknown at preview (two
deferrals: a RoleBinding whose ServiceAccount namespace comes from another stack, a Vector configuration rendered from
another stack's outputs) and malformed shapes.

Written from Kubernetes (RBAC default roles and the authorizer's subject matching, authentication and authorization
reviews, admission webhooks, Pod Security Standards, ClusterIP allocation, the API reference), HAProxy, Mosquitto,
Composer, Git, Consul, Vector, restic, Grafana, Cilium, Tailscale, Pulumi, ISO 3166 and cloud region
documentation and the pack's user-facing contract (docs/RULES.md, docs/SPEC.md, docs/REVIEW.md, README.md, what
fleet/tenancy, fleet/clusters, fleet/core/vcluster_chart.py, fleet/core/podsecurity.py and the region and country
catalogue render and judge), by a helper that did not read the pack's rules, its configs, its tests or the tuned
corpus's cases. Each case only says whether a correct pack reports some mandatory violation (``expect="DENY"``) or
none; a comment above it says why, and it cites the page the outcome rests on. The stacks are built with the helpers
of the earlier outside corpora.

``UNKNOWN`` stands for a value the engine only learns at the update. Where the decision does not need it a correct pack
decides as if it were known; where it does, the pack defers (advisory FLEET-PRE-001, or the SDK's advisory "can't run
policy during preview" for a resource rule), which is no mandatory violation.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from tests.policies.corpus import UNKNOWN
from tests.policies.outside.corpus import cidr, cluster_role, cluster_role_binding, ingress, netpol, role_binding
from tests.policies.outside2.corpus import CLAIM, OWN, VIEW_AGG, Obj, iso
from tests.policies.outside3.kube import add, on_vcluster, patch
from tests.policies.outside5.kube import webhook
from tests.policies.outside6.kube import configmap, pod_template
from tests.policies.outside15.kube import existing, on_aks, on_eks, on_gke, placed
from tests.policies.outside16.kube import cilium_policy
from tests.policies.outside21.kube import aggregated
from tests.policies.outside22.kube import vcluster_values
from tests.policies.outside28.common import case

ISOLATION = "tenant-isolation"
PROVIDERS = "k8s-providers-and-patches"
PREVIEW = "unknown-at-preview"
MALFORMED = "malformed"

K8S_API = "https://kubernetes.io/docs/reference/kubernetes-api"
RBAC_DOC = "https://kubernetes.io/docs/reference/access-authn-authz/rbac"

DOC = {
    # credentials in ConfigMaps, env and patches
    "haproxy-userlist": "https://docs.haproxy.org/3.2/configuration.html#3.4",
    "haproxy-env": "https://docs.haproxy.org/3.2/configuration.html#2.3",
    "mosquitto-conf": "https://mosquitto.org/man/mosquitto-conf-5.html",
    "composer-auth": "https://getcomposer.org/doc/articles/authentication-for-private-packages.md",
    "composer-auth-env": "https://getcomposer.org/doc/03-cli.md#composer-auth",
    "git-extraheader": "https://git-scm.com/docs/git-config#Documentation/git-config.txt-httpextraHeader",
    "git-credential-store": "https://git-scm.com/docs/git-credential-store",
    "consul-acl": "https://developer.hashicorp.com/consul/docs/agent/config/config-files#acl_tokens",
    "vector-es": "https://vector.dev/docs/reference/configuration/sinks/elasticsearch/#auth",
    "vector-env": "https://vector.dev/docs/reference/configuration/#environment-variables",
    "restic-env": "https://restic.readthedocs.io/en/stable/040_backup.html#environment-variables",
    "secret-env": "https://kubernetes.io/docs/tasks/inject-data-application/distribute-credentials-secure/",
    "grafana-env": (
        "https://grafana.com/docs/grafana/latest/setup-grafana/configure-grafana/"
        "#override-configuration-with-environment-variables"
    ),
    "deployment-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/apps/v1/deploymentpatch/",
    # RBAC, webhooks, network policies
    "rbac-user-facing": f"{RBAC_DOC}/#user-facing-roles",
    "rbac-subjects": f"{RBAC_DOC}/#referring-to-subjects",
    "rbac-subject-matching": "https://github.com/kubernetes/kubernetes/blob/master/pkg/registry/rbac/validation/rule.go",
    "self-subject-review": f"{K8S_API}/authentication-resources/self-subject-review-v1/",
    "access-reviews": "https://kubernetes.io/docs/reference/access-authn-authz/authorization/#checking-api-access",
    "node-status": f"{K8S_API}/cluster-resources/node-v1/#NodeStatus",
    "webhook-namespace": (
        "https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/"
        "#matching-requests-namespaceselector"
    ),
    "cilium-deny": "https://docs.cilium.io/en/stable/security/policy/language/#deny-policies",
    "cilium-entities": "https://docs.cilium.io/en/stable/security/policy/language/#entities-based",
    "tailscale-ips": "https://tailscale.com/kb/1015/100.x-addresses",
    "netpol": "https://kubernetes.io/docs/concepts/services-networking/network-policies/",
    # placement, vcluster, claims
    "aws-regions": "https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html",
    "azure-regions": "https://learn.microsoft.com/en-us/azure/reliability/regions-list",
    "gcp-regions": "https://cloud.google.com/about/locations",
    "iso-3166": "https://www.iso.org/iso-3166-country-codes.html",
    "pss": "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted",
    "supplemental-groups": (
        "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#supplementalgroupspolicy"
    ),
    "ipaddress": "https://kubernetes.io/docs/concepts/services-networking/cluster-ip-allocation/",
    # preview
    "unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
    # malformed
    "rolebinding-api": f"{K8S_API}/authorization-resources/role-binding-v1/",
    "clusterrole-api": f"{K8S_API}/authorization-resources/cluster-role-v1/",
    "vwc-api": f"{K8S_API}/extend-resources/validating-webhook-configuration-v1/",
    "label-selector-api": f"{K8S_API}/common-definitions/label-selector/",
    "netpol-api": f"{K8S_API}/policy-resources/network-policy-v1/",
    "pod-env-api": f"{K8S_API}/workload-resources/pod-v1/#environment-variables",
    "namespace-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/core/v1/namespacepatch/",
}


# ------------------------------------------------------------------------------------ helpers

CRONJOB = "kubernetes:batch/v1:CronJob"
IPADDRESS = "kubernetes:networking.k8s.io/v1:IPAddress"
VWC = "Validating"
EDIT = ("ClusterRole", "edit")

# HAProxy: a userlist's "insecure-password" is a clear-text password; "environment variables ... are only expanded
# within double quotes".
STATS_PASSWORD = "Wd9kR2vXq7LmT4pZ"
STATS_PLACEHOLDER = '"${STATS_PASSWORD}"'
LEDGER_BACKEND = "ledger-api.acme.svc.cluster.local:8443"


def haproxy(password: str, backend: Any = LEDGER_BACKEND) -> Obj:
    """acme's HAProxy in front of the ledger API, its stats page behind a userlist."""
    config = f"""global
    log stdout format raw local0

defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s

userlist stats-users
    user ops insecure-password {password}

frontend stats
    bind :8404
    stats enable
    stats uri /stats
    http-request auth realm stats unless {{ http_auth(stats-users) }}

frontend ledger
    bind :8080
    default_backend ledger

backend ledger
    server api {backend} ssl verify required ca-file /etc/haproxy/ca/ca.crt
"""
    return configmap({"haproxy.cfg": config}, name="ledger-haproxy")


# Mosquitto: a bridge logs in to the remote broker with remote_username/remote_password, or with a client
# certificate (bridge_certfile, bridge_keyfile).
BRIDGE_PASSWORD = "remote_username acme-bridge\nremote_password Zp4qW8nT2kLx7RvM\n"
BRIDGE_CERT = "bridge_certfile /mosquitto/bridge/tls.crt\nbridge_keyfile /mosquitto/bridge/tls.key\n"


def mosquitto(bridge_auth: str) -> Obj:
    """acme's MQTT broker, bridging the sensors' telemetry topics to the partner's broker."""
    config = f"""listener 1883
allow_anonymous false
password_file /mosquitto/auth/passwd
persistence true
persistence_location /mosquitto/data/

connection partner-bridge
address mqtt.partner.example.net:8883
topic telemetry/# out 1
bridge_cafile /etc/ssl/certs/ca-certificates.crt
{bridge_auth}"""
    return configmap({"mosquitto.conf": config}, name="telemetry-mosquitto")


# Composer: auth.json holds "http-basic" credentials per host; COMPOSER_AUTH carries the same JSON in the environment.
COMPOSER_JSON = """{
    "name": "acme/billing",
    "repositories": [{"type": "composer", "url": "https://repo.packagist.com/acme/"}],
    "require": {"php": "^8.3", "acme/invoice-kit": "^4.2"},
    "config": {"sort-packages": true}
}
"""
COMPOSER_AUTH = """{
    "http-basic": {
        "repo.packagist.com": {
            "username": "token",
            "password": "packagist_ort_5f1c0e9a7b3d42e8a61f0c2d9b8e7a64"
        }
    }
}
"""


def composer(with_auth: bool) -> Obj:
    """The Composer files acme's billing build job mounts in its workspace."""
    files = {"composer.json": COMPOSER_JSON}
    if with_auth:
        files["auth.json"] = COMPOSER_AUTH
    return configmap(files, name="billing-composer")


# Git: http.<url>.extraHeader adds a header to every request to that URL (actions/checkout writes one with a token);
# credential-store reads user:token lines from the file --file names.
GIT_EXTRAHEADER = """[user]
    name = acme-release-bot
    email = release-bot@acme.example.com
[http "https://gitlab.acme.example.com/"]
    extraHeader = Authorization: Basic cmVsZWFzZS1ib3Q6Z2xwYXQtWDlxUjJ2TjdtVDRrTHA4d1o=
"""
GIT_STORE = """[user]
    name = acme-release-bot
    email = release-bot@acme.example.com
[credential "https://gitlab.acme.example.com"]
    helper = store --file=/etc/git-credentials/.git-credentials
"""


def gitconfig(content: str) -> Obj:
    """The .gitconfig of acme's release job, which pushes tags to the team's GitLab."""
    return configmap({".gitconfig": content}, name="release-gitconfig")


# Consul: the agent's ACL tokens can be set in its configuration file (acl { tokens { ... } }); with token persistence
# they are set at run time through the API (consul acl set-agent-token) instead.
CONSUL_TOKENS = """  tokens {
    agent   = "3f6b2c1e-8d4a-4f7e-9b2a-6c1d0e5f7a8b"
    default = "a7e4c9d2-1b3f-4e6a-8c5d-2f9b0a7e1c34"
  }
"""


def consul_agent(tokens: str) -> Obj:
    """acme's Consul client agent configuration (HCL), for the team's service mesh sidecars."""
    config = f"""datacenter = "eu-west-1"
data_dir   = "/consul/data"
retry_join = ["consul-server.acme.svc.cluster.local"]

acl {{
  enabled                  = true
  default_policy           = "deny"
  enable_token_persistence = true
{tokens}}}
"""
    return configmap({"agent.hcl": config}, name="mesh-consul-agent")


# Vector: the elasticsearch sink's auth.password; "Vector interpolates environment variables within your configuration
# file" (${ES_PASSWORD}).
VECTOR_PASSWORD = "Kx3mR8vT2qLp9WnZ"
VECTOR_PLACEHOLDER = "${ES_PASSWORD}"


def vector(password: Any) -> Obj:
    """acme's Vector aggregator: the ledger's logs to the team's Elasticsearch; ``password`` as given, or the whole file
    when it is UNKNOWN."""
    if password == UNKNOWN:
        return configmap({"vector.yaml": UNKNOWN}, name="ledger-vector")
    config = f"""sources:
  ledger:
    type: kubernetes_logs
    extra_label_selector: "app=ledger-api"
sinks:
  search:
    type: elasticsearch
    inputs: ["ledger"]
    endpoints: ["https://logs.acme.example.com:9200"]
    auth:
      strategy: basic
      user: vector
      password: "{password}"
"""
    return configmap({"vector.yaml": config}, name="ledger-vector")


# restic: "RESTIC_PASSWORD: The actual password for the repository".
RESTIC_REPOSITORY = {"name": "RESTIC_REPOSITORY", "value": "s3:https://s3.eu-west-1.amazonaws.com/acme-ledger-backup"}
RESTIC_PASSWORD = {"name": "RESTIC_PASSWORD", "value": "Hn4qT7xV2mKp9RwL"}
RESTIC_PASSWORD_REF = {
    "name": "RESTIC_PASSWORD",
    "valueFrom": {"secretKeyRef": {"name": "restic-repo", "key": "password"}},
}
RESTIC_ENV_FROM = [{"secretRef": {"name": "restic-s3"}}]


def restic_backup(env: Any, env_from: Any = None) -> Obj:
    """acme's nightly restic backup of the ledger's volume, a CronJob; the container's ``env`` (and ``envFrom``) as
    given."""
    template = copy.deepcopy(pod_template("restic/restic:0.18.1", sa="ledger-backup", labels={"app": "ledger-backup"}))
    spec = template["spec"]
    spec["restartPolicy"] = "OnFailure"
    spec["volumes"] = [{"name": "data", "persistentVolumeClaim": {"claimName": "ledger-data", "readOnly": True}}]
    container = spec["containers"][0]
    container.pop("ports")
    container["args"] = ["backup", "/data", "--tag", "nightly"]
    container["env"] = env
    container["volumeMounts"] = [{"name": "data", "mountPath": "/data", "readOnly": True}]
    if env_from is not None:
        container["envFrom"] = env_from
    return add(
        CRONJOB,
        "acme-ledger-backup-cronjob",
        metadata={"name": "ledger-backup", "namespace": "acme"},
        spec={
            "schedule": "30 2 * * *",
            "concurrencyPolicy": "Forbid",
            "jobTemplate": {"spec": {"backoffLimit": 1, "template": template}},
        },
    )


# RBAC: for a ServiceAccount subject, the authorizer "default[s] the namespace to namespace we're working in", so a
# RoleBinding may name its own namespace's service accounts without one (validation requires the namespace only in
# ClusterRoleBindings).
DEPLOYER = {"kind": "ServiceAccount", "name": "ledger-deployer"}


def deployer_edit(subject: Any) -> Obj:
    """A RoleBinding in acme giving ``subject`` the edit ClusterRole."""
    return role_binding(EDIT, subject, name="ledger-deployer-edit")


# A tenant service account bound cluster-wide to a stack-defined role: Kubernetes binds system:basic-user
# (selfsubjectreviews, "who am I", among its self reviews) to every authenticated user; a SubjectAccessReview asks
# about any user.
PROBE_SA = {"kind": "ServiceAccount", "namespace": "acme", "name": "uptime-probe"}
WHOAMI = [{"apiGroups": ["authentication.k8s.io"], "resources": ["selfsubjectreviews"], "verbs": ["create"]}]
SAR = [{"apiGroups": ["authorization.k8s.io"], "resources": ["subjectaccessreviews"], "verbs": ["create"]}]


def probe_binding(rules: Any, role_name: str = "acme-uptime-probe", annotations: dict[str, Any] | None = None) -> Obj:
    """A ClusterRole ``role_name`` with ``rules``, and a ClusterRoleBinding of acme's uptime-probe account to it."""
    role = cluster_role(role_name, rules)
    binding = cluster_role_binding(role_name, PROBE_SA, name=role_name)

    def make(s: Any, k8s: str) -> None:
        role(s, k8s)
        urn = binding(s, k8s)
        if annotations:
            resource = next(r for r in s.resources if r.urn == urn)
            resource.inputs = {
                **resource.inputs,
                "metadata": {**resource.inputs["metadata"], "annotations": annotations},
            }

    return make


# Aggregation into view: nodes/status carries every node's addresses, conditions and the images it holds
# (status.images: every tenant's); pods/status is already in view.
NODE_STATUS_READ = [{"apiGroups": [""], "resources": ["nodes/status"], "verbs": ["get", "list", "watch"]}]
POD_STATUS_READ = [{"apiGroups": [""], "resources": ["pods/status"], "verbs": ["get", "list", "watch"]}]


# Webhooks served from acme on status updates: pods/status is a subresource of a namespaced kind, matched by the
# namespaceSelector; nodes/status of a cluster-scoped one, where "namespaceSelector has no effect" (every kubelet's
# status update, with the images and volumes of every tenant's pods on its node, goes to the webhook).
POD_STATUS_RULE = [{"operations": ["UPDATE"], "apiGroups": [""], "apiVersions": ["v1"], "resources": ["pods/status"]}]
NODE_STATUS_RULE = [{"operations": ["UPDATE"], "apiGroups": [""], "apiVersions": ["v1"], "resources": ["nodes/status"]}]
ACME_LABEL_AUDIT = {"namespace": "acme", "name": "label-audit", "path": "/validate", "port": 443}


def label_audit(rules: Any, selector: Any = OWN, ca_bundle: Any = None) -> Obj:
    """acme's label-audit validating webhook, served from acme, selecting namespaces by acme's name."""
    client: dict[str, Any] = {"service": ACME_LABEL_AUDIT}
    if ca_bundle is not None:
        client["caBundle"] = ca_bundle
    return webhook(client, selector, rules, kind=VWC, name="acme-label-audit")


# Cilium: "deny policies take precedence over allow policies"; an egressDeny rule admits nothing.
TO_CLUSTER = [{"toEntities": ["cluster"]}]


# Tailscale gives each device of a tailnet an address in 100.64.0.0/10 (the shared address space, RFC 6598), the same
# range clusters draw pod and node addresses from.
TAILNET_DEVICE = "100.101.24.7/32"
OFFICE_NAT = "198.51.100.17/32"  # documentation address standing for the office's public NAT address


def admin_ui_from(block: str) -> Obj:
    """acme's NetworkPolicy admitting ``block`` to the ledger's admin UI (TCP 8443)."""
    spec = ingress(cidr(block), ports=[{"protocol": "TCP", "port": 8443}])
    spec["podSelector"] = {"matchLabels": {"app": "ledger-admin"}}
    return netpol(spec, name="admin-ui")


# Placement: custom regimes, as `fleet policy-config` writes a spec's regimes.
INDIA = [{"name": "in", "countries": ["IN"], "regions": [], "description": "India only (DPDP Act, customer contract)"}]
AUSTRALIA = [{"name": "au", "countries": ["AU"], "regions": [], "description": "Australia only (customer contract)"}]
KOREA = [{"name": "kr", "countries": ["KR"], "regions": [], "description": "Korea only (PIPA)"}]
BRAZIL = [{"name": "br", "countries": ["BR"], "regions": [], "description": "Brazil only (LGPD, customer contract)"}]
CZECHIA_SLOVAKIA = [
    {
        "name": "cz-sk",
        "countries": ["CZ", "SK"],
        "regions": [],
        "description": "Czechia and Slovakia only (group contract)",
    }
]
FRANKFURT = [
    {"name": "de-fra", "countries": [], "regions": ["gcp:europe-west3"], "description": "Frankfurt only (contract)"}
]


# vcluster: Pod Security restricted forbids runAsUser 0 at spec.securityContext.runAsUser as well as in containers,
# whatever the containers set; supplementalGroupsPolicy and fsGroupChangePolicy are fields it does not restrict.
def pod_context(**changes: Any) -> Callable[[dict[str, Any]], None]:
    def mutate(values: dict[str, Any]) -> None:
        values["controlPlane"]["statefulSet"]["security"]["podSecurityContext"].update(changes)

    return mutate


POD_ROOT = pod_context(runAsUser=0)
POD_NONROOT = pod_context(runAsUser=12345)
POD_GROUPS = pod_context(
    supplementalGroups=[2000], supplementalGroupsPolicy="Strict", fsGroupChangePolicy="OnRootMismatch"
)


# Grafana: "override ... with environment variables ... GF_<SectionName>_<KeyName>"; a DeploymentPatch (server-side
# apply) merges containers and env entries by name into the Deployment the team's Grafana chart made.
GRAFANA_PASSWORD = {"name": "GF_SECURITY_ADMIN_PASSWORD", "value": "Tq8vM3xR7kLp2WnZ"}
GRAFANA_PASSWORD_REF = {
    "name": "GF_SECURITY_ADMIN_PASSWORD",
    "valueFrom": {"secretKeyRef": {"name": "grafana-admin", "key": "password"}},
}


def grafana_patch(env_var: dict[str, Any]) -> Obj:
    return patch(
        "Deployment",
        "acme-grafana-deployment-patch",
        {"name": "grafana", "namespace": "acme"},
        "apps/v1",
        spec={"template": {"spec": {"containers": [{"name": "grafana", "env": [env_var]}]}}},
    )


# Claims: an IPAddress (networking.k8s.io/v1, cluster-scoped) reserves a ClusterIP for a Service.
def ledger_ip(labels: dict[str, str]) -> Obj:
    return add(
        IPADDRESS,
        "acme-ledger-api-ipaddress",
        metadata={"name": "10.96.120.15", "labels": labels},
        spec={"parentRef": {"group": "", "resource": "services", "namespace": "acme", "name": "ledger-api"}},
    )


# Malformed helpers
MIGRATOR = {"kind": "ServiceAccount", "name": "ledger-migrator"}


def migrator_view(subjects: Any) -> Obj:
    """A RoleBinding in acme giving view to ``subjects`` (as given)."""
    return add(
        "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
        "acme-ledger-migrator-view-rb",
        metadata={"name": "ledger-migrator-view", "namespace": "acme"},
        roleRef={"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "view"},
        subjects=subjects,
    )


def leases_view(verbs: Any) -> Obj:
    """A ClusterRole aggregated into view reading leader-election Leases, ``verbs`` as given."""
    return aggregated(
        "leases-view", [{"apiGroups": ["coordination.k8s.io"], "resources": ["leases"], "verbs": verbs}], VIEW_AGG
    )


def own_name_in(values: Any) -> dict[str, Any]:
    return {"matchExpressions": [{"key": "kubernetes.io/metadata.name", "operator": "In", "values": values}]}


def metrics_from(match_labels: Any) -> Obj:
    """acme's NetworkPolicy admitting its own namespace's pods (by namespace name) to the ledger's metrics port."""
    peer = {"namespaceSelector": {"matchLabels": match_labels}, "podSelector": {"matchLabels": {"app": "prometheus"}}}
    spec = ingress(peer, ports=[{"protocol": "TCP", "port": 9090}])
    spec["podSelector"] = {"matchLabels": {"app": "ledger-api"}}
    return netpol(spec, name="metrics-from-prometheus")


def namespace_labels(labels: Any) -> Obj:
    """A NamespacePatch of acme adding a cost-centre label, ``labels`` as given."""
    return patch("Namespace", "acme-cost-centre-ns-patch", {"name": "acme", "labels": labels})


# ============================================================================ tenant isolation

# Violates: haproxy.cfg's userlist gives the stats user's clear-text password (insecure-password) in the ConfigMap.
case("k28-configmap-haproxy-insecure-password", ISOLATION, "DENY", DOC["haproxy-userlist"])(
    iso(haproxy(STATS_PASSWORD))
)
# Complies: insecure-password "${STATS_PASSWORD}", which HAProxy expands from its environment (a Secret's key).
case("k28-configmap-haproxy-password-env", ISOLATION, cite=DOC["haproxy-env"])(iso(haproxy(STATS_PLACEHOLDER)))
# Violates: mosquitto.conf's bridge logs in to the partner's broker with remote_password written out.
case("k28-configmap-mosquitto-bridge-remote-password", ISOLATION, "DENY", DOC["mosquitto-conf"])(
    iso(mosquitto(BRIDGE_PASSWORD))
)
# Complies: the bridge authenticates with a client certificate and key read from files (a Secret's mount); the
# password_file path names the local users' file, which is not in the ConfigMap.
case("k28-configmap-mosquitto-bridge-client-cert", ISOLATION, cite=DOC["mosquitto-conf"])(iso(mosquitto(BRIDGE_CERT)))
# Violates: Composer's auth.json with the Private Packagist token as http-basic password sits beside composer.json.
case("k28-configmap-composer-auth-json-http-basic", ISOLATION, "DENY", DOC["composer-auth"])(iso(composer(True)))
# Complies: composer.json alone (the repository URL, no credential); COMPOSER_AUTH comes from a Secret.
case("k28-configmap-composer-json-only", ISOLATION, cite=DOC["composer-auth-env"])(iso(composer(False)))
# Violates: .gitconfig's http.extraHeader sends "Authorization: Basic" with the bot's user:token (base64) to GitLab.
case("k28-configmap-gitconfig-extraheader-basic", ISOLATION, "DENY", DOC["git-extraheader"])(
    iso(gitconfig(GIT_EXTRAHEADER))
)
# Complies: the credential helper reads the token from a file (--file=, a Secret's mount); the config names no secret.
case("k28-configmap-gitconfig-credential-store-file", ISOLATION, cite=DOC["git-credential-store"])(
    iso(gitconfig(GIT_STORE))
)
# Violates: the Consul agent's HCL sets its agent and default ACL tokens (secret IDs) in acl { tokens { ... } }.
case("k28-configmap-consul-acl-tokens", ISOLATION, "DENY", DOC["consul-acl"])(iso(consul_agent(CONSUL_TOKENS)))
# Complies: the same acl block without tokens; they are set at run time and persisted by the agent.
case("k28-configmap-consul-acl-without-tokens", ISOLATION, cite=DOC["consul-acl"])(iso(consul_agent("")))
# Violates: vector.yaml's elasticsearch sink has auth.password written out.
case("k28-configmap-vector-es-password", ISOLATION, "DENY", DOC["vector-es"])(iso(vector(VECTOR_PASSWORD)))
# Complies: password "${ES_PASSWORD}", interpolated from Vector's environment.
case("k28-configmap-vector-es-password-env", ISOLATION, cite=DOC["vector-env"])(iso(vector(VECTOR_PLACEHOLDER)))
# Violates: the restic CronJob's RESTIC_PASSWORD (the repository's encryption password) is in its job template.
case("k28-cronjob-env-restic-password", ISOLATION, "DENY", DOC["restic-env"])(
    iso(restic_backup([RESTIC_REPOSITORY, RESTIC_PASSWORD]))
)
# Complies: RESTIC_PASSWORD from secretKeyRef; the repository URL holds no credential.
case("k28-cronjob-env-restic-password-secret-ref", ISOLATION, cite=DOC["secret-env"])(
    iso(restic_backup([RESTIC_REPOSITORY, RESTIC_PASSWORD_REF]))
)
# Violates: the RoleBinding in acme gives edit to globex's ledger-deployer service account.
case("k28-rb-serviceaccount-other-tenant", ISOLATION, "DENY", DOC["rbac-subjects"])(
    iso(deployer_edit({**DEPLOYER, "namespace": "globex"}), neighbour=True)
)
# Complies: the ServiceAccount subject has no namespace; in a RoleBinding the authorizer takes the binding's own (acme).
case("k28-rb-serviceaccount-namespace-omitted", ISOLATION, cite=DOC["rbac-subject-matching"])(
    iso(deployer_edit(DEPLOYER), neighbour=True)
)
# Violates: acme's uptime-probe is bound cluster-wide to create SubjectAccessReviews, which answer what any user or
# service account may do in any namespace, other tenants' included: not a review of its own rights.
case("k28-crb-tenant-sa-subjectaccessreviews", ISOLATION, "DENY", DOC["access-reviews"])(
    iso(probe_binding(SAR), neighbour=True)
)
# Complies: creating SelfSubjectReviews (who am I), a review of the caller's own identity that system:basic-user gives
# every authenticated user.
case("k28-crb-tenant-sa-selfsubjectreviews", ISOLATION, cite=DOC["self-subject-review"])(
    iso(probe_binding(WHOAMI), neighbour=True)
)
# Violates: reads of nodes/status aggregated into view: node status lists every node's addresses and the images it
# holds, other tenants' included (a cluster-scoped object that decides isolation).
case("k28-aggregate-view-nodes-status", ISOLATION, "DENY", DOC["node-status"])(
    iso(aggregated("node-conditions-view", NODE_STATUS_READ, VIEW_AGG), neighbour=True)
)
# Complies: reads of pods/status, which view already grants.
case("k28-aggregate-view-pods-status", ISOLATION, cite=DOC["rbac-user-facing"])(
    iso(aggregated("node-conditions-view", POD_STATUS_READ, VIEW_AGG), neighbour=True)
)
# Violates: acme's webhook on nodes/status, a subresource of the cluster-scoped Node: its namespaceSelector has no
# effect, so it receives (and may refuse) every node's status update in the cluster.
case("k28-webhook-nodes-status-cluster-scoped", ISOLATION, "DENY", DOC["webhook-namespace"])(
    iso(label_audit(NODE_STATUS_RULE), neighbour=True)
)
# Complies: the webhook on pods/status in the namespaces named acme only.
case("k28-webhook-pods-status-own-name", ISOLATION, cite=DOC["webhook-namespace"])(
    iso(label_audit(POD_STATUS_RULE), neighbour=True)
)
# Violates: the CiliumNetworkPolicy allows egress to the entity cluster (every endpoint and node of the cluster).
case("k28-cnp-egress-entity-cluster", ISOLATION, "DENY", DOC["cilium-entities"])(
    iso(cilium_policy("cluster-egress", egress=TO_CLUSTER), neighbour=True)
)
# Complies: the same peers under egressDeny: a deny rule admits nothing.
case("k28-cnp-egress-deny-entity-cluster", ISOLATION, cite=DOC["cilium-deny"])(
    iso(cilium_policy("cluster-egress", egressDeny=TO_CLUSTER), neighbour=True)
)
# Violates: ingress from one tailnet device's address, 100.101.24.7/32, inside the shared address space 100.64.0.0/10.
case("k28-np-ingress-tailnet-device", ISOLATION, "DENY", DOC["tailscale-ips"])(iso(admin_ui_from(TAILNET_DEVICE)))
# Complies: ingress from the office's one public NAT address.
case("k28-np-ingress-office-nat", ISOLATION, cite=DOC["netpol"])(iso(admin_ui_from(OFFICE_NAT)))


# ============================================================================ providers and patches

# Violates: acme's custom regime in allows India only; its cluster is EKS in ap-southeast-2 (Sydney, Australia).
case("k28-in-eks-sydney", PROVIDERS, "DENY", DOC["aws-regions"], config={"regimes": INDIA})(
    placed(on_eks("ap-southeast-2", "AU"), "in")
)
# Complies: the in tenant on EKS in ap-south-2 (Hyderabad).
case("k28-in-eks-hyderabad", PROVIDERS, cite=DOC["aws-regions"], config={"regimes": INDIA})(
    placed(on_eks("ap-south-2", "IN"), "in")
)
# Violates: acme's custom regime au allows Australia only; its cluster is AKS in indonesiacentral (Jakarta).
case("k28-au-aks-indonesia-central", PROVIDERS, "DENY", DOC["azure-regions"], config={"regimes": AUSTRALIA})(
    placed(on_aks("indonesiacentral", "ID"), "au")
)
# Complies: the au tenant on AKS in australiasoutheast (Melbourne).
case("k28-au-aks-australia-southeast", PROVIDERS, cite=DOC["azure-regions"], config={"regimes": AUSTRALIA})(
    placed(on_aks("australiasoutheast", "AU"), "au")
)
# Violates: the kr tenant on AKS in japanwest (Osaka, Japan).
case("k28-kr-aks-japan-west", PROVIDERS, "DENY", DOC["azure-regions"], config={"regimes": KOREA})(
    placed(on_aks("japanwest", "JP"), "kr")
)
# Complies: the kr tenant on AKS in koreasouth (Busan).
case("k28-kr-aks-korea-south", PROVIDERS, cite=DOC["azure-regions"], config={"regimes": KOREA})(
    placed(on_aks("koreasouth", "KR"), "kr")
)
# Violates: acme's custom regime br allows Brazil only; its cluster is GKE in southamerica-west1 (Santiago, Chile).
case("k28-br-gke-santiago", PROVIDERS, "DENY", DOC["gcp-regions"], config={"regimes": BRAZIL})(
    placed(on_gke("southamerica-west1", "CL"), "br")
)
# Complies: the br tenant on GKE in southamerica-east1 (Osasco, São Paulo).
case("k28-br-gke-sao-paulo", PROVIDERS, cite=DOC["gcp-regions"], config={"regimes": BRAZIL})(
    placed(on_gke("southamerica-east1", "BR"), "br")
)
# Violates: acme's custom regime cz-sk allows Czechia and Slovakia only; its existing cluster is declared in Hungary
# (HU): in the EU, outside the regime.
case("k28-czsk-existing-hungary", PROVIDERS, "DENY", DOC["iso-3166"], config={"regimes": CZECHIA_SLOVAKIA})(
    placed(existing("HU", "budapest-dc1"), "cz-sk")
)
# Complies: the cz-sk tenant on an existing cluster declared in Slovakia (SK).
case("k28-czsk-existing-slovakia", PROVIDERS, cite=DOC["iso-3166"], config={"regimes": CZECHIA_SLOVAKIA})(
    placed(existing("SK", "bratislava-dc1"), "cz-sk")
)
# Violates: the custom regime de-fra allows one exact region, gcp:europe-west3 (Frankfurt); the cluster is GKE in
# europe-west10 (Berlin): the same country, another region.
case("k28-de-fra-gke-berlin", PROVIDERS, "DENY", DOC["gcp-regions"], config={"regimes": FRANKFURT})(
    placed(on_gke("europe-west10", "DE"), "de-fra")
)
# Complies: the de-fra tenant on GKE in europe-west3.
case("k28-de-fra-gke-frankfurt", PROVIDERS, cite=DOC["gcp-regions"], config={"regimes": FRANKFURT})(
    placed(on_gke("europe-west3", "DE"), "de-fra")
)
# Violates: the control-plane pod's podSecurityContext sets runAsUser 0; the containers override it with 12345, but
# restricted refuses spec.securityContext.runAsUser 0 itself.
# Violates: the control-plane pod's podSecurityContext sets runAsUser 0; the containers override it with 12345, but
# restricted refuses spec.securityContext.runAsUser 0 itself.
case("k28-vcluster-pod-run-as-user-zero", PROVIDERS, "DENY", DOC["pss"])(on_vcluster(vcluster_values(POD_ROOT)))
# Complies: the pod-level runAsUser is 12345.
case("k28-vcluster-pod-run-as-user-nonroot", PROVIDERS, cite=DOC["pss"])(on_vcluster(vcluster_values(POD_NONROOT)))
# Complies: the pod context adds supplementalGroups with supplementalGroupsPolicy Strict and fsGroupChangePolicy
# OnRootMismatch, none of which Pod Security restricts.
case("k28-vcluster-pod-supplemental-groups-strict", PROVIDERS, cite=DOC["supplemental-groups"])(
    on_vcluster(vcluster_values(POD_GROUPS))
)
# Violates: a DeploymentPatch adds GF_SECURITY_ADMIN_PASSWORD, written out, to the chart-made Grafana's container.
case("k28-deployment-patch-grafana-admin-password", PROVIDERS, "DENY", DOC["grafana-env"])(
    iso(grafana_patch(GRAFANA_PASSWORD))
)
# Complies: the patch takes it from secretKeyRef.
case("k28-deployment-patch-grafana-admin-password-secret-ref", PROVIDERS, cite=DOC["deployment-patch"])(
    iso(grafana_patch(GRAFANA_PASSWORD_REF))
)
# Violates: an IPAddress labelled fleet-isolation=cluster for acme on a cluster that also holds globex's namespace.
case("k28-ipaddress-false-dedicated-claim", PROVIDERS, "DENY", DOC["ipaddress"])(iso(ledger_ip(CLAIM), neighbour=True))
# Complies: the same claim on a cluster acme has to itself.
case("k28-ipaddress-dedicated-claim-alone", PROVIDERS, cite=DOC["ipaddress"])(iso(ledger_ip(CLAIM)))


# ============================================================================ unknown at preview

# Violates: the userlist's insecure-password is written out; only the backend server's address (another stack's
# output) is unknown.
case("k28-unknown-backend-haproxy-insecure-password", PREVIEW, "DENY", DOC["haproxy-userlist"])(
    iso(haproxy(STATS_PASSWORD, backend=UNKNOWN))
)
# Complies: "${STATS_PASSWORD}"; the backend address is unknown.
case("k28-unknown-backend-haproxy-password-env", PREVIEW, cite=DOC["haproxy-env"])(
    iso(haproxy(STATS_PLACEHOLDER, backend=UNKNOWN))
)
# Violates: the probe's binding to create SubjectAccessReviews; only an annotation on the binding (a change ticket)
# is unknown.
case("k28-unknown-annotation-crb-subjectaccessreviews", PREVIEW, "DENY", DOC["access-reviews"])(
    iso(probe_binding(SAR, annotations={"acme.example.com/change": UNKNOWN}), neighbour=True)
)
# Complies: selfsubjectreviews; the annotation is unknown.
case("k28-unknown-annotation-crb-selfsubjectreviews", PREVIEW, cite=DOC["self-subject-review"])(
    iso(probe_binding(WHOAMI, annotations={"acme.example.com/change": UNKNOWN}), neighbour=True)
)
# Violates: the de-fra tenant on GKE europe-west10; only the app's image (built by the update) is unknown.
case("k28-unknown-image-de-fra-gke-berlin", PREVIEW, "DENY", DOC["gcp-regions"], config={"regimes": FRANKFURT})(
    placed(on_gke("europe-west10", "DE"), "de-fra", image=f"{UNKNOWN}:2.1.0")
)
# Complies: europe-west3; the image is unknown.
case("k28-unknown-image-de-fra-gke-frankfurt", PREVIEW, cite=DOC["gcp-regions"], config={"regimes": FRANKFURT})(
    placed(on_gke("europe-west3", "DE"), "de-fra", image=f"{UNKNOWN}:2.1.0")
)
# Violates: the nodes/status webhook; only its caBundle (a certificate the update issues) is unknown.
case("k28-unknown-ca-webhook-nodes-status", PREVIEW, "DENY", DOC["webhook-namespace"])(
    iso(label_audit(NODE_STATUS_RULE, ca_bundle=UNKNOWN), neighbour=True)
)
# Complies: the pods/status webhook selecting acme by name; the caBundle is unknown.
case("k28-unknown-ca-webhook-pods-status-own-name", PREVIEW, cite=DOC["webhook-namespace"])(
    iso(label_audit(POD_STATUS_RULE, ca_bundle=UNKNOWN), neighbour=True)
)
# Complies (deferred): the ServiceAccount subject's namespace is another stack's output, unknown at preview; whether it
# is acme's needs the value.
case("k28-unknown-rb-serviceaccount-namespace-deferred", PREVIEW, cite=DOC["unknowns"])(
    iso(deployer_edit({**DEPLOYER, "namespace": UNKNOWN}), neighbour=True)
)
# Complies (deferred): vector.yaml is rendered from another stack's outputs, unknown at preview: whether it carries a
# credential needs the value.
case("k28-unknown-vector-config-deferred", PREVIEW, cite=DOC["unknowns"])(iso(vector(UNKNOWN)))


# ============================================================================ malformed shapes

# Violates (cannot evaluate): the RoleBinding's subjects is one Subject object, not a list: whom acme's namespace is
# opened to decides FLEET-TEN-009.
case("k28-bad-rb-subjects-object", MALFORMED, "DENY", DOC["rolebinding-api"])(iso(migrator_view(MIGRATOR)))
# Complies: subjects as a one-item list (acme's own ledger-migrator service account).
case("k28-rb-subjects-list", MALFORMED, cite=DOC["rolebinding-api"])(iso(migrator_view([MIGRATOR])))
# Violates (cannot evaluate): the aggregated rule's verbs is the string "get,list,watch", not a list: what it adds to
# view decides FLEET-TEN-010.
case("k28-bad-aggregate-view-verbs-string", MALFORMED, "DENY", DOC["clusterrole-api"])(
    iso(leases_view("get,list,watch"))
)
# Complies: verbs as a list of read verbs on Leases.
case("k28-aggregate-view-verbs-list", MALFORMED, cite=DOC["clusterrole-api"])(
    iso(leases_view(["get", "list", "watch"]))
)
# Violates (cannot evaluate): the namespaceSelector's matchExpressions values is the string "acme", not a list: which
# namespaces the webhook intercepts decides FLEET-TEN-008.
case("k28-bad-webhook-selector-values-string", MALFORMED, "DENY", DOC["label-selector-api"])(
    iso(label_audit(POD_STATUS_RULE, selector=own_name_in("acme")), neighbour=True)
)
# Complies: values ["acme"].
case("k28-webhook-selector-values-list", MALFORMED, cite=DOC["vwc-api"])(
    iso(label_audit(POD_STATUS_RULE, selector=own_name_in(["acme"])), neighbour=True)
)
# Violates (cannot evaluate): the peer's namespaceSelector.matchLabels is a list of "key=value" strings, not a map: the
# namespaces the policy admits decide FLEET-TEN-003.
case("k28-bad-np-match-labels-list", MALFORMED, "DENY", DOC["netpol-api"])(
    iso(metrics_from(["kubernetes.io/metadata.name=acme"]))
)
# Complies: matchLabels as a map naming acme.
case("k28-np-match-labels-map", MALFORMED, cite=DOC["netpol"])(
    iso(metrics_from({"kubernetes.io/metadata.name": "acme"}))
)
# Violates (cannot evaluate): the CronJob container's envFrom is one EnvFromSource object, not a list: what the
# container's environment holds decides FLEET-SEC-002.
case("k28-bad-cronjob-env-from-object", MALFORMED, "DENY", DOC["pod-env-api"])(
    iso(restic_backup([RESTIC_REPOSITORY, RESTIC_PASSWORD_REF], env_from=RESTIC_ENV_FROM[0]))
)
# Complies: envFrom as a list naming the S3 keys' Secret.
case("k28-cronjob-env-from-list", MALFORMED, cite=DOC["pod-env-api"])(
    iso(restic_backup([RESTIC_REPOSITORY, RESTIC_PASSWORD_REF], env_from=RESTIC_ENV_FROM))
)
# Violates (cannot evaluate): the NamespacePatch's labels are a list of "key=value" strings, not a map: the merged
# namespace's tenant and Pod Security labels decide FLEET-TEN-001.
case("k28-bad-namespace-patch-labels-list", MALFORMED, "DENY", DOC["namespace-patch"])(
    iso(namespace_labels(["acme.example.com/cost-centre=4711"]))
)
# Complies: labels as a map; server-side apply adds the label and keeps the tenant and Pod Security labels.
case("k28-namespace-patch-labels-map", MALFORMED, cite=DOC["namespace-patch"])(
    iso(namespace_labels({"acme.example.com/cost-centre": "4711"}))
)
