"""Kubernetes isolation cases of the twenty-seventh outside corpus: kinds, fields, file formats and situations the
twenty-six earlier outside corpora did not try. An OpenVPN client profile whose inline ``<tls-crypt>`` block is the
group's pre-shared static key against one that reads the key from a mounted Secret; a Yarn Berry ``.yarnrc.yml`` whose
``npmAuthToken`` is written out against ``${NPM_AUTH_TOKEN}``; a GitHub CLI ``hosts.yml`` with ``oauth_token`` (what
``gh auth login --insecure-storage`` writes) against the same file without it (the token in ``GH_TOKEN`` from a
Secret); a Distribution (Docker registry) ``config.yml`` whose S3 storage carries ``accesskey``/``secretkey`` for an
in-cluster MinIO against the same file without them (``REGISTRY_STORAGE_S3_*`` from a Secret); the Renovate chart's
``renovate.config`` JSON string with its platform ``token`` against ``existingSecret``; a Job's
``PULUMI_CONFIG_PASSPHRASE`` written out against one read through ``valueFrom.fileKeyRef`` (Kubernetes 1.35 env files,
written by a Vault agent init container); ``subjectaccessreviews`` (cluster-wide) aggregated into admin against
``localsubjectaccessreviews`` (what admin already holds); a tenant webhook on ``tokenreviews`` (cluster-scoped: it
receives every bearer token under review) against one on ``serviceaccounts/token`` in its own namespace; a
CiliumNetworkPolicy naming another tenant's namespace by the unprefixed ``io.kubernetes.pod.namespace`` label against
its own; a Telegraf ``[[outputs.influxdb_v2]]`` ``token`` against ``${INFLUX_TOKEN}``; an rsync daemon's
``rsyncd.secrets`` (``user:password`` lines) in the ConfigMap beside ``rsyncd.conf`` against ``rsyncd.conf`` alone.
Providers and patches: a Hong Kong-only regime on AKS East Asia (Hong Kong) vs Southeast Asia (Singapore), a Korea-only
regime on GKE Seoul (asia-northeast3) vs Osaka (asia-northeast2), a South Africa-only regime on EKS Cape Town vs
Bahrain, GDPR on an existing cluster declared in Bulgaria vs Turkey, and declared ``GR`` vs ``EL`` (the EU's own code
for Greece, not an ISO 3166-1 code), the vcluster syncer's ``containerSecurityContext`` written without ``runAsUser``
(so Helm keeps the chart's default ``0``) against one with a non-root UID, its ``seLinuxOptions`` with a ``user``
against one with a ``level`` only, a ServiceCIDR that claims a dedicated cluster, a ConfigMapPatch that writes a
Filebeat ``output.elasticsearch.api_key``. Then values unknown at preview (one deferral: the Renovate config rendered
from another stack's outputs) and malformed shapes.

Written from Kubernetes (RBAC bootstrap policy, authorization reviews, TokenReview, TokenRequest, admission webhooks,
env files, ServiceCIDR, Pod Security Standards, the API reference), OpenVPN, Yarn, GitHub CLI, Distribution, Renovate,
Pulumi, Cilium, Telegraf, rsync, Filebeat, Helm, ISO 3166 and cloud region documentation and the pack's user-facing
contract (docs/RULES.md, docs/SPEC.md, docs/REVIEW.md, README.md, what fleet/tenancy, fleet/clusters,
fleet/core/vcluster_chart.py, fleet/core/podsecurity.py and the region and country catalogue render and judge), by a
helper that did not read the pack's rules, its configs, its tests or the tuned corpus's cases. Each case only says
whether a correct pack reports some mandatory violation (``expect="DENY"``) or none; a comment above it says why, and
it cites the page the outcome rests on. The stacks are built with the helpers of the earlier outside corpora.

``UNKNOWN`` stands for a value the engine only learns at the update. Where the decision does not need it a correct pack
decides as if it were known; where it does, the pack defers (advisory FLEET-PRE-001, or the SDK's advisory "can't run
policy during preview" for a resource rule), which is no mandatory violation.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

from tests.policies.corpus import UNKNOWN, secret
from tests.policies.outside2.corpus import ADMIN_AGG, CLAIM, OWN, Obj, iso
from tests.policies.outside3.kube import RELEASE, add, on_vcluster, patch
from tests.policies.outside5.kube import webhook
from tests.policies.outside6.kube import CONTAINER_SECURITY, configmap, pod_template
from tests.policies.outside15.kube import existing, on_aks, on_eks, on_gke, placed
from tests.policies.outside16.kube import CNP
from tests.policies.outside21.kube import aggregated
from tests.policies.outside22.kube import vcluster_values
from tests.policies.outside27.common import case

ISOLATION = "tenant-isolation"
PROVIDERS = "k8s-providers-and-patches"
PREVIEW = "unknown-at-preview"
MALFORMED = "malformed"

K8S_API = "https://kubernetes.io/docs/reference/kubernetes-api"

DOC = {
    # credentials in ConfigMaps, Helm values and env
    "openvpn": "https://openvpn.net/community-resources/reference-manual-for-openvpn-2-6/",
    "yarnrc": "https://yarnpkg.com/configuration/yarnrc",
    "gh-auth-login": "https://cli.github.com/manual/gh_auth_login",
    "gh-environment": "https://cli.github.com/manual/gh_help_environment",
    "distribution-s3": "https://distribution.github.io/distribution/storage-drivers/s3/",
    "distribution-env": (
        "https://distribution.github.io/distribution/about/configuration/#override-specific-configuration-options"
    ),
    "renovate-chart": "https://docs.renovatebot.com/helm-charts/",
    "renovate-values": "https://github.com/renovatebot/helm-charts/blob/main/charts/renovate/values.yaml",
    "pulumi-env": "https://www.pulumi.com/docs/iac/cli/environment-variables/",
    "env-file": "https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-via-file/",
    "telegraf-env": "https://docs.influxdata.com/telegraf/v1/configuration/environment-variables/",
    "rsyncd": "https://download.samba.org/pub/rsync/rsyncd.conf.5",
    # RBAC, webhooks, network policy engines
    "access-reviews": "https://kubernetes.io/docs/reference/access-authn-authz/authorization/#checking-api-access",
    "bootstrap-policy": (
        "https://github.com/kubernetes/kubernetes/blob/master/plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go"
    ),
    "token-review": f"{K8S_API}/authentication-resources/token-review-v1/",
    "token-request": f"{K8S_API}/authentication-resources/token-request-v1/",
    "webhook-namespace": (
        "https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/"
        "#matching-requests-namespaceselector"
    ),
    "cilium-multi-cluster": "https://docs.cilium.io/en/stable/security/policy/kubernetes/#multi-cluster",
    "cilium-namespaces": "https://docs.cilium.io/en/stable/security/policy/kubernetes/#namespaces",
    # placement, vcluster, claims, patches
    "aws-regions": "https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html",
    "azure-regions": "https://learn.microsoft.com/en-us/azure/reliability/regions-list",
    "gcp-regions": "https://cloud.google.com/about/locations",
    "iso-3166": "https://www.iso.org/iso-3166-country-codes.html",
    "eu-country-codes": "https://style-guide.europa.eu/en/content/-/isg/topic?identifier=7.1-countries",
    "helm-values": "https://helm.sh/docs/chart_template_guide/values_files/",
    "pss": "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted",
    "pss-baseline": "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
    "service-cidr": "https://kubernetes.io/docs/tasks/network/extend-service-ip-ranges/",
    "filebeat-es": "https://www.elastic.co/guide/en/beats/filebeat/current/elasticsearch-output.html",
    "filebeat-env": "https://www.elastic.co/guide/en/beats/filebeat/current/using-environ-vars.html",
    "configmap-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/core/v1/configmappatch/",
    # preview
    "unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
    # malformed
    "netpol-api": f"{K8S_API}/policy-resources/network-policy-v1/",
    "np-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/networking/v1/networkpolicypatch/",
    "quota-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/core/v1/resourcequotapatch/",
    "quota-api": f"{K8S_API}/policy-resources/resource-quota-v1/",
    "secret-api": f"{K8S_API}/config-and-storage-resources/secret-v1/",
    "pod-env-api": f"{K8S_API}/workload-resources/pod-v1/#environment-variables",
    "vwc-api": f"{K8S_API}/extend-resources/validating-webhook-configuration-v1/",
    "daemonset-api": f"{K8S_API}/workload-resources/daemon-set-v1/",
}


# ------------------------------------------------------------------------------------ helpers

JOB = "kubernetes:batch/v1:Job"
DAEMONSET = "kubernetes:apps/v1:DaemonSet"
SECRET = "kubernetes:core/v1:Secret"
SERVICE_CIDR = "kubernetes:networking.k8s.io/v1:ServiceCIDR"
VWC = "Validating"
RESOURCES = {"requests": {"cpu": "100m", "memory": "128Mi"}, "limits": {"memory": "256Mi"}}

# OpenVPN: acme's ledger-sync job reaches a partner's on-premises settlement network through an OpenVPN client sidecar.
# --tls-crypt takes "a pre-shared group key" that every peer holds; inline file support lets a profile carry it in a
# <tls-crypt> block. The client's own login is read from a file (auth-user-pass), the CA certificate is public.
OVPN_CA = """-----BEGIN CERTIFICATE-----
MIIB1KZ7sylhrRk9aBl2QTMfvPncyVKC+ZZZCnzi+SGx2a2HYqLr01r6kA13/z6y9jg+
N7G0+hUrz7zIQY408ZcUiOqoRI+9THO0l1A5zoPxBf8b9N4MNNbWmW8WyBg6jG/a
jZmZB00dn+CrPEQYG+683qV6woENPCpPTceja42R+8YoX5ivuNXHkCiQ4CiDAWtD
KY4kmotz
-----END CERTIFICATE-----"""
OVPN_STATIC_KEY = """-----BEGIN OpenVPN Static key V1-----
6232aa2d23a2c1f2820a0994ef8e0150
889ae876090b83a2d21df0a7339a5b40
e73ed29ebcb797d13b4ed1d07fd0de1f
f84ce40c725a9fc4848e3d428d277128
54601f22548b01cf1bd3418d50c27328
7c0ae436eb60745b49c2628bb62f4a8e
25aef0e8af332feb158c9cb7be48cd22
1422859cd440df0801ad6a6c3dde7fe7
2946ec97b04e1c2d02ab246ebff9f5c6
f0f945deccdb1e5225f9b61632c477aa
03ed129596f9ca767b4c6f92568deb0a
f7260bcfd57030e4f66701f3b0e4bcc7
f7e2e5503d83d4ad57d12842fc4ab6a2
9170fcd8435f1bd2c785544d75ac491d
42a14b6dc232162b541f31f80e77b3fb
dbe9b45da5fc0d7dda11a7744c76f08a
-----END OpenVPN Static key V1-----"""
TLS_CRYPT_INLINE = f"<tls-crypt>\n{OVPN_STATIC_KEY}\n</tls-crypt>"
TLS_CRYPT_FILE = "tls-crypt /etc/openvpn/tls/ta.key"
REMOTE_LINE = "remote vpn.settlement.partner.example.net 1194 udp"
REMOTE_INCLUDE = "config /etc/openvpn/client/remote.conf"


def openvpn_client(tls_crypt: str, remote: Any = None) -> Obj:
    """acme's OpenVPN client profile (client.ovpn) in a ConfigMap; with ``remote``, the server address is read from a
    second file of the same ConfigMap (``config`` nests option files), whose content is ``remote``."""
    profile = "\n".join(
        [
            "client",
            "dev tun",
            "proto udp",
            REMOTE_INCLUDE if remote is not None else REMOTE_LINE,
            "resolv-retry infinite",
            "nobind",
            "remote-cert-tls server",
            "auth-user-pass /etc/openvpn/auth/credentials",
            "data-ciphers AES-256-GCM",
            "verb 3",
            f"<ca>\n{OVPN_CA}\n</ca>",
            tls_crypt,
            "",
        ]
    )
    data: dict[str, Any] = {"client.ovpn": profile}
    if remote is not None:
        data["remote.conf"] = remote
    return configmap(data, name="settlement-vpn")


# Yarn Berry reads registry credentials from .yarnrc.yml; "Environment variables can be accessed from setting
# definitions by using the ${NAME} syntax".
YARN_TOKEN = "ghp_Owy1EA4vUXm8jbCULuReRIpTOB2F5C7GrGHa"
YARN_PLACEHOLDER = "${NPM_AUTH_TOKEN}"


def yarnrc(token: str) -> Obj:
    """The .yarnrc.yml acme's frontend build job mounts: the @acme scope from GitHub Packages."""
    config = f"""nodeLinker: node-modules
enableTelemetry: false
npmScopes:
  acme:
    npmRegistryServer: "https://npm.pkg.github.com"
    npmAlwaysAuth: true
    npmAuthToken: "{token}"
"""
    return configmap({".yarnrc.yml": config}, name="frontend-yarnrc")


# GitHub CLI: gh stores the token in the system credential store, or with --insecure-storage in hosts.yml; GH_TOKEN
# "takes precedence over previously stored credentials".
GH_TOKEN = "gho_gOze4C8DTK70aUH2QiSlyz0uVSFzKjwVvcgp"
GH_HOSTS_TOKEN = f"""github.com:
    users:
        acme-release-bot:
            oauth_token: {GH_TOKEN}
    git_protocol: https
    oauth_token: {GH_TOKEN}
    user: acme-release-bot
"""
GH_HOSTS_PLAIN = """github.com:
    users:
        acme-release-bot:
    git_protocol: https
    user: acme-release-bot
"""


def gh_config(hosts: str) -> Obj:
    """The gh configuration directory of acme's release job (~/.config/gh), as a ConfigMap."""
    files = {"hosts.yml": hosts, "config.yml": "version: 1\ngit_protocol: https\nprompt: disabled\n"}
    return configmap(files, name="release-gh-config")


# Distribution (the registry): the S3 driver's accesskey and secretkey are optional; every option can be set from the
# environment instead (REGISTRY_STORAGE_S3_ACCESSKEY, ...), here from a Secret.
MINIO_KEYS = "    accesskey: acme-registry\n    secretkey: hN7xlE3uOQ46KsmmWcW2RcUjEC3kgyU5iZGg2hC6\n"


def registry_config(keys: str) -> Obj:
    """The config.yml of acme's pull-through registry, storing layers in the team's in-cluster MinIO."""
    config = f"""version: 0.1
log:
  level: info
storage:
  s3:
    region: eu-west-1
    regionendpoint: https://minio.acme.svc:9000
    forcepathstyle: true
    bucket: acme-registry
{keys}    rootdirectory: /registry
  delete:
    enabled: true
http:
  addr: :5000
  headers:
    X-Content-Type-Options: [nosniff]
proxy:
  remoteurl: https://registry-1.docker.io
"""
    return configmap({"config.yml": config}, name="registry-config")


# Renovate (renovate/renovate chart): renovate.config is the inline global config.json; existingSecret is the "k8s
# secret to reference environment variables from" (RENOVATE_TOKEN there).
RENOVATE_BASE = {
    "platform": "gitlab",
    "endpoint": "https://gitlab.acme.example.com/api/v4",
    "autodiscover": True,
    "autodiscoverFilter": ["acme/*"],
    "onboarding": False,
}
RENOVATE_TOKEN = "glpat-SNQStb3YinlPQj7q2BuJ"


def renovate(config: Any, existing_secret: str | None = None, image_tag: Any = None) -> Obj:
    """acme's Renovate (renovate/renovate chart) as a CronJob in acme, its global config inline."""
    values: dict[str, Any] = {"cronjob": {"schedule": "0 */4 * * *"}, "renovate": {"config": config}}
    if existing_secret is not None:
        values["existingSecret"] = existing_secret
    if image_tag is not None:
        values["image"] = {"tag": image_tag}
    return add(
        RELEASE,
        "acme-renovate-release",
        name="renovate",
        chart="renovate",
        version="46.181.0",
        repositoryOpts={"repo": "https://docs.renovatebot.com/helm-charts"},
        namespace="acme",
        values=values,
    )


RENOVATE_WITH_TOKEN = json.dumps({**RENOVATE_BASE, "token": RENOVATE_TOKEN}, indent=2)
RENOVATE_WITHOUT_TOKEN = json.dumps(RENOVATE_BASE, indent=2)


# Pulumi: acme's own infrastructure stack deployed by a Job; the file backend's secrets provider takes its passphrase
# from PULUMI_CONFIG_PASSPHRASE. Env files (beta, on by default in 1.35): an init container writes the file into an
# emptyDir, and fileKeyRef reads one key of it into the container's environment.
PASSPHRASE = "OTnaTycNlP1yfoK1ohtdNGI0z8pD"
BACKEND = {"name": "PULUMI_BACKEND_URL", "value": "s3://acme-pulumi-state?region=eu-west-1"}
PASSPHRASE_VALUE = {"name": "PULUMI_CONFIG_PASSPHRASE", "value": PASSPHRASE}
PASSPHRASE_FILE_REF = {"volumeName": "pulumi-env", "path": "pulumi.env", "key": "PULUMI_CONFIG_PASSPHRASE"}
PASSPHRASE_FROM_FILE = {"name": "PULUMI_CONFIG_PASSPHRASE", "valueFrom": {"fileKeyRef": PASSPHRASE_FILE_REF}}
BACKEND_FILE_REF = {"volumeName": "pulumi-env", "path": "pulumi.env", "key": "PULUMI_BACKEND_URL"}
BACKEND_FROM_FILE = {"name": "PULUMI_BACKEND_URL", "valueFrom": {"fileKeyRef": BACKEND_FILE_REF}}
BACKEND_FROM_FILE_STRING = {"name": "PULUMI_BACKEND_URL", "valueFrom": {"fileKeyRef": "pulumi.env:PULUMI_BACKEND_URL"}}
VAULT_AGENT = {
    "name": "vault-agent",
    "image": "hashicorp/vault:1.20.4",
    "args": ["agent", "-config=/vault/config/agent.hcl", "-exit-after-auth"],
    "env": [{"name": "VAULT_ADDR", "value": "https://vault.platform.example.com:8200"}],
    "volumeMounts": [
        {"name": "pulumi-env", "mountPath": "/env"},
        {"name": "vault-agent-config", "mountPath": "/vault/config", "readOnly": True},
    ],
    "securityContext": CONTAINER_SECURITY,
    "resources": RESOURCES,
}


def infra_deploy_job(env: Any) -> Obj:
    """acme's Job that runs ``pulumi up`` for the team's own infrastructure stack; the Vault agent init container
    writes /env/pulumi.env, which only ``fileKeyRef`` reads."""
    template = copy.deepcopy(
        pod_template("pulumi/pulumi-python:3.200.0", sa="ledger-deployer", labels={"app": "infra"})
    )
    spec = template["spec"]
    spec["restartPolicy"] = "Never"
    spec["initContainers"] = [VAULT_AGENT]
    spec["volumes"] = [
        {"name": "pulumi-env", "emptyDir": {"medium": "Memory"}},
        {"name": "vault-agent-config", "configMap": {"name": "infra-vault-agent"}},
    ]
    container = spec["containers"][0]
    container.pop("ports")
    container["args"] = ["up", "--yes", "--stack", "prod", "--cwd", "/workspace/infra"]
    container["env"] = env
    return add(
        JOB,
        "acme-infra-deploy-job",
        metadata={"name": "infra-deploy", "namespace": "acme"},
        spec={"backoffLimit": 0, "template": template},
    )


# Authorization reviews: a SubjectAccessReview asks whether any user may do anything anywhere; a
# LocalSubjectAccessReview is "restricted to a specific namespace", and admin already creates them
# (system:aggregate-to-admin).
SAR = [{"apiGroups": ["authorization.k8s.io"], "resources": ["subjectaccessreviews"], "verbs": ["create"]}]
LOCAL_SAR = [{"apiGroups": ["authorization.k8s.io"], "resources": ["localsubjectaccessreviews"], "verbs": ["create"]}]


def access_advisor_admin(rules: Any, annotations: dict[str, Any] | None = None) -> Obj:
    """A permissions advisor's ClusterRole aggregated into admin, so every tenant's admins can ask who may do what."""
    return aggregated("access-advisor-admin", rules, ADMIN_AGG, annotations)


# Webhooks served from acme: TokenReview (authentication.k8s.io, cluster-scoped, create only) carries the bearer token
# under review in spec.token; TokenRequest (serviceaccounts/token) is a namespaced subresource.
TOKEN_REVIEWS = [
    {
        "operations": ["CREATE"],
        "apiGroups": ["authentication.k8s.io"],
        "apiVersions": ["v1"],
        "resources": ["tokenreviews"],
    }
]
# acme's own Secrets (namespaced), for the malformed twins.
SECRET_WRITES = [
    {"operations": ["CREATE", "UPDATE"], "apiGroups": [""], "apiVersions": ["v1"], "resources": ["secrets"]}
]
TOKEN_REQUESTS = [
    {"operations": ["CREATE"], "apiGroups": [""], "apiVersions": ["v1"], "resources": ["serviceaccounts/token"]}
]


def audit_hook(rules: Any, ca_bundle: Any = None) -> Obj:
    """acme's audit validating webhook (service token-audit), served from acme, selecting namespaces by acme's name."""
    service: dict[str, Any] = {"namespace": "acme", "name": "token-audit", "path": "/validate", "port": 443}
    client: dict[str, Any] = {"service": service}
    if ca_bundle is not None:
        client["caBundle"] = ca_bundle
    return webhook(client, OWN, rules, kind=VWC, name="acme-token-audit")


# Cilium: a rule's namespace label "io.kubernetes.pod.namespace" (with or without the k8s: source prefix) names the
# namespace of the peers; "If the namespace label of policy rules is omitted it defaults to the same namespace".
def ledger_from_checkout(namespace: str) -> Obj:
    """acme's CiliumNetworkPolicy admitting the checkout pods of ``namespace`` (unprefixed label) to the ledger API."""
    return add(
        CNP,
        "acme-ledger-from-checkout-cnp",
        metadata={"name": "ledger-from-checkout", "namespace": "acme"},
        spec={
            "endpointSelector": {"matchLabels": {"app": "ledger-api"}},
            "ingress": [
                {
                    "fromEndpoints": [{"matchLabels": {"io.kubernetes.pod.namespace": namespace, "app": "checkout"}}],
                    "toPorts": [{"ports": [{"port": "8443", "protocol": "TCP"}]}],
                }
            ],
        },
    )


# Telegraf: "Use environment variables anywhere in the configuration file by enclosing them in ${}".
INFLUX_TOKEN = "KgTegp_daZrTnjPQYVJvmlasVoS7LIW1uvrd-0PqiMR04HAve3FIoBODUuoZ5qu66Sos2EY7CYwD_YUw6kUwvA=="


def telegraf(token: str) -> Obj:
    """acme's Telegraf configuration: the ledger's Prometheus metrics to InfluxDB Cloud (Frankfurt)."""
    config = f"""[agent]
  interval = "30s"
  omit_hostname = true

[[inputs.prometheus]]
  urls = ["http://ledger-api.acme.svc:9090/metrics"]

[[outputs.influxdb_v2]]
  urls = ["https://eu-central-1-1.aws.cloud2.influxdata.com"]
  token = "{token}"
  organization = "acme"
  bucket = "ledger"
"""
    return configmap({"telegraf.conf": config}, name="ledger-telegraf")


# rsync daemon: "secrets file ... contains the username:password and/or @groupname:password pairs used for
# authenticating this module".
RSYNC_SECRETS = "archive-reader:NSLc5yntgBHFne1zw5\n"


def rsyncd(secrets_in_configmap: bool) -> Obj:
    """acme's rsync daemon serving the ledger archive read-only; its secrets file beside rsyncd.conf in the ConfigMap,
    or read from a Secret's mount."""
    directory = "/etc/rsyncd" if secrets_in_configmap else "/etc/rsyncd-auth"
    conf = f"""uid = nobody
gid = nogroup
use chroot = no
max connections = 4

[ledger-archive]
    path = /data/archive
    read only = yes
    auth users = archive-reader
    secrets file = {directory}/rsyncd.secrets
"""
    data = {"rsyncd.conf": conf}
    if secrets_in_configmap:
        data["rsyncd.secrets"] = RSYNC_SECRETS
    return configmap(data, name="ledger-rsyncd")


# Placement: custom regimes of one country each, as `fleet policy-config` writes a spec's regimes.
HONG_KONG = [{"name": "hk", "countries": ["HK"], "regions": [], "description": "Hong Kong only (customer contract)"}]
KOREA = [{"name": "kr", "countries": ["KR"], "regions": [], "description": "Korea only (PIPA, customer contract)"}]
SOUTH_AFRICA = [{"name": "za", "countries": ["ZA"], "regions": [], "description": "South Africa only (POPIA)"}]


# vcluster: Helm coalesces user values into the chart's values.yaml key by key, so a key left out keeps the chart's
# default; the chart (0.36.1) defaults the syncer's containerSecurityContext to runAsUser 0 and runAsGroup 0.
def syncer_security(drop: tuple[str, ...] = (), **changes: Any) -> Callable[[dict[str, Any]], None]:
    def mutate(values: dict[str, Any]) -> None:
        context = values["controlPlane"]["statefulSet"]["security"]["containerSecurityContext"]
        for key in drop:
            context.pop(key)
        context.update(changes)

    return mutate


NO_UID = syncer_security(drop=("runAsUser", "runAsGroup"))
NONROOT_UID = syncer_security(runAsUser=65532, runAsGroup=65532)
SELINUX_USER = syncer_security(seLinuxOptions={"user": "system_u", "type": "container_t"})
SELINUX_LEVEL = syncer_security(seLinuxOptions={"level": "s0:c100,c200"})


# Claims: a ServiceCIDR (networking.k8s.io/v1, cluster-scoped) adds a range for ClusterIPs to the whole cluster.
def service_cidr(labels: dict[str, str]) -> Obj:
    """A second Service range for acme's growth, labelled ``labels``."""
    return add(
        SERVICE_CIDR,
        "acme-extra-services-cidr",
        metadata={"name": "acme-extra-services", "labels": labels},
        spec={"cidrs": ["10.100.0.0/16"]},
    )


# Filebeat: "output.elasticsearch.api_key ... The value must be the ID of the API key and the API key joined by a
# colon"; ${VAR} reads an environment variable.
ES_API_KEY = "uP0mBn2CcKQUeUSxiudJ:IpSsy1chzdRvRtwN6Ib5Xu"
ES_PLACEHOLDER = "${ES_API_KEY}"


def filebeat_patch(api_key: str) -> Obj:
    """A ConfigMapPatch (server-side apply) that writes filebeat.yml into acme's filebeat-config, a ConfigMap the team's
    Filebeat chart made."""
    config = f"""filebeat.inputs:
  - type: filestream
    id: ledger-audit
    paths:
      - /var/log/ledger/audit-*.json
    parsers:
      - ndjson:
          target: ""
output.elasticsearch:
  hosts: ["https://ledger-logs.es.europe-west3.gcp.cloud.es.io:443"]
  api_key: "{api_key}"
"""
    return patch(
        "ConfigMap",
        "acme-filebeat-config-patch",
        {"name": "filebeat-config", "namespace": "acme"},
        data={"filebeat.yml": config},
    )


# Malformed helpers


def ledger_egress_patch(egress: Any) -> Obj:
    """A NetworkPolicyPatch (server-side apply) of ledger-egress, a policy in acme the stack does not make, setting its
    ``egress`` as given."""
    return patch(
        "NetworkPolicy",
        "acme-ledger-egress-np-patch",
        {"name": "ledger-egress", "namespace": "acme"},
        "networking.k8s.io/v1",
        spec={"podSelector": {"matchLabels": {"app": "ledger-api"}}, "policyTypes": ["Egress"], "egress": egress},
    )


# Egress to the cluster's DNS pods only, the namespace named by its name label (as the fleet's allow-dns does).
DNS_RULE = {
    "to": [
        {
            "namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "kube-system"}},
            "podSelector": {"matchLabels": {"k8s-app": "kube-dns"}},
        }
    ],
    "ports": [{"protocol": "UDP", "port": 53}, {"protocol": "TCP", "port": 53}],
}


def quota_patch(hard: Any) -> Obj:
    """A ResourceQuotaPatch of acme's tenant-quota that raises its pod count and storage, ``hard`` as given."""
    return patch(
        "ResourceQuota", "acme-quota-patch", {"name": "tenant-quota", "namespace": "acme"}, spec={"hard": hard}
    )


def ledger_db_secret(string_data: Any) -> Obj:
    """acme's ledger database Secret, its ``stringData`` (a Pulumi secret) as given."""
    return add(
        SECRET,
        "acme-ledger-db-secret",
        metadata={"name": "ledger-db", "namespace": "acme"},
        type="Opaque",
        stringData=secret(string_data),
    )


DB_USER = "ledger"
DB_PASSWORD = "Vq8mT3xR7pLz2KwNc4Hs"


def log_forwarder(env: Any) -> Obj:
    """acme's log forwarder DaemonSet (the team's pods on every node, in acme), its container's ``env`` as given."""
    template = copy.deepcopy(
        pod_template(
            "registry.example.com/acme/log-forwarder:2.4.1", sa="log-forwarder", labels={"app": "log-forwarder"}
        )
    )
    container = template["spec"]["containers"][0]
    container.pop("ports")
    container["env"] = env
    return add(
        DAEMONSET,
        "acme-log-forwarder-ds",
        metadata={"name": "log-forwarder", "namespace": "acme"},
        spec={"selector": {"matchLabels": {"app": "log-forwarder"}}, "template": template},
    )


FORWARDER_ENV = [
    {"name": "FORWARD_TO", "value": "ledger-logs.acme.svc:24224"},
    {"name": "LOG_LEVEL", "value": "info"},
]
FORWARDER_DOTENV = "FORWARD_TO=ledger-logs.acme.svc:24224\nLOG_LEVEL=info\n"


# ============================================================================ tenant isolation

# Violates: the OpenVPN profile carries the group's tls-crypt pre-shared static key inline (<tls-crypt> block): whoever
# may read ConfigMaps in acme (view included) holds the key every peer of the partner's VPN shares.
case("k27-configmap-openvpn-inline-tls-crypt-key", ISOLATION, "DENY", DOC["openvpn"])(
    iso(openvpn_client(TLS_CRYPT_INLINE))
)
# Complies: the profile names the key file (tls-crypt /etc/openvpn/tls/ta.key, a Secret's mount); the CA certificate it
# carries inline is public, and the login is read from a file.
case("k27-configmap-openvpn-tls-crypt-file", ISOLATION, cite=DOC["openvpn"])(iso(openvpn_client(TLS_CRYPT_FILE)))
# Violates: .yarnrc.yml sets npmAuthToken for the @acme scope to a GitHub token written out.
case("k27-configmap-yarnrc-npm-auth-token", ISOLATION, "DENY", DOC["yarnrc"])(iso(yarnrc(YARN_TOKEN)))
# Complies: npmAuthToken is ${NPM_AUTH_TOKEN}, which Yarn reads from the environment (a Secret's key).
case("k27-configmap-yarnrc-npm-auth-token-env", ISOLATION, cite=DOC["yarnrc"])(iso(yarnrc(YARN_PLACEHOLDER)))
# Violates: gh's hosts.yml carries the release bot's OAuth token (gho_…), as `gh auth login --insecure-storage` writes
# it.
case("k27-configmap-gh-hosts-oauth-token", ISOLATION, "DENY", DOC["gh-auth-login"])(iso(gh_config(GH_HOSTS_TOKEN)))
# Complies: hosts.yml names the user and protocol only; the job's GH_TOKEN, from a Secret, authenticates.
case("k27-configmap-gh-hosts-without-token", ISOLATION, cite=DOC["gh-environment"])(iso(gh_config(GH_HOSTS_PLAIN)))
# Violates: the registry's config.yml holds the MinIO access key and secret key of its storage.
case("k27-configmap-registry-s3-secretkey", ISOLATION, "DENY", DOC["distribution-s3"])(iso(registry_config(MINIO_KEYS)))
# Complies: the same config.yml without the keys; the registry reads REGISTRY_STORAGE_S3_ACCESSKEY and _SECRETKEY from
# its environment, filled from a Secret.
case("k27-configmap-registry-s3-keys-from-env", ISOLATION, cite=DOC["distribution-env"])(iso(registry_config("")))
# Violates: renovate.config, the chart's inline config.json, carries the GitLab token (glpat-…) in the release's values.
case("k27-helm-renovate-config-token", ISOLATION, "DENY", DOC["renovate-chart"])(iso(renovate(RENOVATE_WITH_TOKEN)))
# Complies: the config has no token; existingSecret names the Secret the chart reads RENOVATE_TOKEN from.
case("k27-helm-renovate-existing-secret", ISOLATION, cite=DOC["renovate-values"])(
    iso(renovate(RENOVATE_WITHOUT_TOKEN, existing_secret="renovate-env"))
)
# Violates: the deploy Job's PULUMI_CONFIG_PASSPHRASE (which decrypts every secret of acme's stack) is written in its
# pod template.
case("k27-job-env-pulumi-passphrase", ISOLATION, "DENY", DOC["pulumi-env"])(
    iso(infra_deploy_job([BACKEND, PASSPHRASE_VALUE]))
)
# Complies: the variable comes from valueFrom.fileKeyRef, the env file the Vault agent init container writes into a
# memory-backed emptyDir; the pod template holds no value.
case("k27-job-env-pulumi-passphrase-file-key-ref", ISOLATION, cite=DOC["env-file"])(
    iso(infra_deploy_job([BACKEND, PASSPHRASE_FROM_FILE]))
)
# Violates: create on subjectaccessreviews (cluster-scoped) aggregated into admin: every tenant's admins may ask what
# any user or service account may do in any namespace, and learn other tenants' grants.
case("k27-aggregate-admin-subjectaccessreviews", ISOLATION, "DENY", DOC["access-reviews"])(
    iso(access_advisor_admin(SAR), neighbour=True)
)
# Complies: create on localsubjectaccessreviews, namespaced and already in admin (system:aggregate-to-admin).
case("k27-aggregate-admin-localsubjectaccessreviews", ISOLATION, cite=DOC["bootstrap-policy"])(
    iso(access_advisor_admin(LOCAL_SAR), neighbour=True)
)
# Violates: acme's webhook on tokenreviews: a cluster-scoped kind, so its namespaceSelector has no effect, and every
# TokenReview (spec.token: another tenant's bearer token) is sent to acme's service.
case("k27-webhook-tokenreviews", ISOLATION, "DENY", DOC["token-review"])(iso(audit_hook(TOKEN_REVIEWS), neighbour=True))
# Complies: the webhook on serviceaccounts/token (TokenRequest, namespaced) in acme's namespace only.
case("k27-webhook-serviceaccount-token-own-namespace", ISOLATION, cite=DOC["token-request"])(
    iso(audit_hook(TOKEN_REQUESTS), neighbour=True)
)
# Violates: the CiliumNetworkPolicy admits checkout pods of namespace globex (io.kubernetes.pod.namespace, without the
# k8s: prefix): another tenant's endpoints by name.
case("k27-cnp-unprefixed-namespace-label-other-tenant", ISOLATION, "DENY", DOC["cilium-multi-cluster"])(
    iso(ledger_from_checkout("globex"), neighbour=True)
)
# Complies: the same rule naming acme, the policy's own namespace.
case("k27-cnp-unprefixed-namespace-label-own", ISOLATION, cite=DOC["cilium-namespaces"])(
    iso(ledger_from_checkout("acme"), neighbour=True)
)
# Violates: telegraf.conf sets the InfluxDB Cloud token of [[outputs.influxdb_v2]] in the file.
case("k27-configmap-telegraf-influxdb-token", ISOLATION, "DENY", DOC["telegraf-env"])(iso(telegraf(INFLUX_TOKEN)))
# Complies: token = "${INFLUX_TOKEN}", replaced from the environment before Telegraf parses the file.
case("k27-configmap-telegraf-influxdb-token-env", ISOLATION, cite=DOC["telegraf-env"])(iso(telegraf("${INFLUX_TOKEN}")))
# Violates: rsyncd.secrets, the module's user:password file, is in the ConfigMap beside rsyncd.conf.
case("k27-configmap-rsyncd-secrets-file", ISOLATION, "DENY", DOC["rsyncd"])(iso(rsyncd(True)))
# Complies: rsyncd.conf alone; its secrets file is read from /etc/rsyncd-auth, a Secret's mount.
case("k27-configmap-rsyncd-conf-only", ISOLATION, cite=DOC["rsyncd"])(iso(rsyncd(False)))


# ============================================================================ providers and patches

# Violates: acme's custom regime hk allows Hong Kong only; its cluster is AKS in southeastasia (Singapore).
case("k27-hk-aks-southeast-asia", PROVIDERS, "DENY", DOC["azure-regions"], config={"regimes": HONG_KONG})(
    placed(on_aks("southeastasia", "SG"), "hk")
)
# Complies: the hk tenant on AKS in eastasia, which Azure places in Hong Kong.
case("k27-hk-aks-east-asia", PROVIDERS, cite=DOC["azure-regions"], config={"regimes": HONG_KONG})(
    placed(on_aks("eastasia", "HK"), "hk")
)
# Violates: acme's custom regime kr allows Korea only; its cluster is GKE in asia-northeast2 (Osaka, Japan).
case("k27-kr-gke-osaka", PROVIDERS, "DENY", DOC["gcp-regions"], config={"regimes": KOREA})(
    placed(on_gke("asia-northeast2", "JP"), "kr")
)
# Complies: the kr tenant on GKE in asia-northeast3 (Seoul).
case("k27-kr-gke-seoul", PROVIDERS, cite=DOC["gcp-regions"], config={"regimes": KOREA})(
    placed(on_gke("asia-northeast3", "KR"), "kr")
)
# Violates: acme's custom regime za allows South Africa only; its cluster is EKS in me-south-1 (Bahrain).
case("k27-za-eks-bahrain", PROVIDERS, "DENY", DOC["aws-regions"], config={"regimes": SOUTH_AFRICA})(
    placed(on_eks("me-south-1", "BH"), "za")
)
# Complies: the za tenant on EKS in af-south-1 (Cape Town).
case("k27-za-eks-cape-town", PROVIDERS, cite=DOC["aws-regions"], config={"regimes": SOUTH_AFRICA})(
    placed(on_eks("af-south-1", "ZA"), "za")
)
# Violates: GDPR on an existing cluster declared in Turkey (TR): an EU candidate country in a customs union with the EU,
# outside the EEA.
case("k27-gdpr-existing-turkey", PROVIDERS, "DENY", DOC["iso-3166"])(placed(existing("TR", "istanbul-dc1"), "gdpr"))
# Complies: GDPR on an existing cluster declared in Bulgaria (BG, EU).
case("k27-gdpr-existing-bulgaria", PROVIDERS, cite=DOC["iso-3166"])(placed(existing("BG", "sofia-dc1"), "gdpr"))
# Violates: GDPR on an existing cluster declared EL: the code EU institutions use for Greece, not its ISO 3166-1 code
# (GR); the declaration names no country the catalogue or the regime knows, so the cluster cannot be placed.
case("k27-gdpr-existing-el-not-iso", PROVIDERS, "DENY", DOC["eu-country-codes"])(
    placed(existing("EL", "athens-dc1"), "gdpr")
)
# Complies: the same cluster declared GR (Greece, EU).
case("k27-gdpr-existing-greece-iso", PROVIDERS, cite=DOC["iso-3166"])(placed(existing("GR", "athens-dc1"), "gdpr"))
# Violates: the syncer's containerSecurityContext is written without runAsUser and runAsGroup; Helm keeps the chart's
# defaults (0, 0), so the control-plane pod runs as UID 0, which restricted refuses.
case("k27-vcluster-syncer-uid-left-to-chart-default", PROVIDERS, "DENY", DOC["helm-values"])(
    on_vcluster(vcluster_values(NO_UID))
)
# Complies: the syncer sets runAsUser and runAsGroup 65532 (non-root).
case("k27-vcluster-syncer-uid-nonroot", PROVIDERS, cite=DOC["pss"])(on_vcluster(vcluster_values(NONROOT_UID)))
# Violates: the syncer's seLinuxOptions set a user (system_u): Pod Security forbids a custom SELinux user or role.
case("k27-vcluster-syncer-selinux-user", PROVIDERS, "DENY", DOC["pss-baseline"])(
    on_vcluster(vcluster_values(SELINUX_USER))
)
# Complies: seLinuxOptions with a level (MCS categories) only, which Pod Security does not restrict.
case("k27-vcluster-syncer-selinux-level", PROVIDERS, cite=DOC["pss-baseline"])(
    on_vcluster(vcluster_values(SELINUX_LEVEL))
)
# Violates: a ServiceCIDR labelled fleet-isolation=cluster for acme on a cluster that also holds globex's namespace: a
# false dedicated-cluster claim.
case("k27-service-cidr-false-dedicated-claim", PROVIDERS, "DENY", DOC["service-cidr"])(
    iso(service_cidr(CLAIM), neighbour=True)
)
# Complies: the same claim on a cluster acme has to itself.
case("k27-service-cidr-dedicated-claim-alone", PROVIDERS, cite=DOC["service-cidr"])(iso(service_cidr(CLAIM)))
# Violates: a ConfigMapPatch writes filebeat.yml with output.elasticsearch.api_key (id:key) written out.
case("k27-configmap-patch-filebeat-api-key", PROVIDERS, "DENY", DOC["filebeat-es"])(iso(filebeat_patch(ES_API_KEY)))
# Complies: the patch's api_key is ${ES_API_KEY}, which Filebeat reads from its environment.
case("k27-configmap-patch-filebeat-api-key-env", PROVIDERS, cite=DOC["filebeat-env"])(
    iso(filebeat_patch(ES_PLACEHOLDER))
)


# ============================================================================ unknown at preview

# Violates: the inline tls-crypt key is written out; only remote.conf (the server address, from another stack) is
# unknown.
case("k27-unknown-remote-openvpn-inline-tls-crypt-key", PREVIEW, "DENY", DOC["openvpn"])(
    iso(openvpn_client(TLS_CRYPT_INLINE, remote=UNKNOWN))
)
# Complies: the key is a file; remote.conf is unknown.
case("k27-unknown-remote-openvpn-tls-crypt-file", PREVIEW, cite=DOC["unknowns"])(
    iso(openvpn_client(TLS_CRYPT_FILE, remote=UNKNOWN))
)
# Violates: renovate.config carries the token; only the image tag (pinned by another stack) is unknown.
case("k27-unknown-tag-helm-renovate-config-token", PREVIEW, "DENY", DOC["renovate-chart"])(
    iso(renovate(RENOVATE_WITH_TOKEN, image_tag=UNKNOWN))
)
# Complies: existingSecret; the image tag is unknown.
case("k27-unknown-tag-helm-renovate-existing-secret", PREVIEW, cite=DOC["renovate-values"])(
    iso(renovate(RENOVATE_WITHOUT_TOKEN, existing_secret="renovate-env", image_tag=UNKNOWN))
)
# Violates: subjectaccessreviews aggregated into admin; only an annotation (the advisor's release) is unknown.
case("k27-unknown-annotation-aggregate-admin-subjectaccessreviews", PREVIEW, "DENY", DOC["access-reviews"])(
    iso(access_advisor_admin(SAR, {"acme.example.com/release": UNKNOWN}), neighbour=True)
)
# Complies: localsubjectaccessreviews; the annotation is unknown.
case("k27-unknown-annotation-aggregate-admin-localsubjectaccessreviews", PREVIEW, cite=DOC["bootstrap-policy"])(
    iso(access_advisor_admin(LOCAL_SAR, {"acme.example.com/release": UNKNOWN}), neighbour=True)
)
# Violates: the kr tenant on GKE in Osaka; only the app's image (a digest the update's build pushes) is unknown.
case("k27-unknown-image-kr-gke-osaka", PREVIEW, "DENY", DOC["gcp-regions"], config={"regimes": KOREA})(
    placed(on_gke("asia-northeast2", "JP"), "kr", image=f"{UNKNOWN}:1.4.2")
)
# Complies: Seoul; the image is unknown.
case("k27-unknown-image-kr-gke-seoul", PREVIEW, cite=DOC["gcp-regions"], config={"regimes": KOREA})(
    placed(on_gke("asia-northeast3", "KR"), "kr", image=f"{UNKNOWN}:1.4.2")
)
# Violates: the syncer's UID is left to the chart's default 0; only the syncer's image tag, which Pod Security never
# reads, is unknown.
case("k27-unknown-tag-vcluster-syncer-uid-left-to-chart-default", PREVIEW, "DENY", DOC["helm-values"])(
    on_vcluster(vcluster_values(NO_UID, image_tag=UNKNOWN))
)
# Complies: UID 65532; the image tag is unknown.
case("k27-unknown-tag-vcluster-syncer-uid-nonroot", PREVIEW, cite=DOC["pss"])(
    on_vcluster(vcluster_values(NONROOT_UID, image_tag=UNKNOWN))
)
# Violates: the tokenreviews webhook; only its caBundle (the CA of a certificate the update issues) is unknown.
case("k27-unknown-ca-webhook-tokenreviews", PREVIEW, "DENY", DOC["token-review"])(
    iso(audit_hook(TOKEN_REVIEWS, ca_bundle=UNKNOWN), neighbour=True)
)
# Complies: serviceaccounts/token in acme's namespace; the caBundle is unknown.
case("k27-unknown-ca-webhook-serviceaccount-token-own-namespace", PREVIEW, cite=DOC["token-request"])(
    iso(audit_hook(TOKEN_REQUESTS, ca_bundle=UNKNOWN), neighbour=True)
)
# Complies (deferred): renovate.config is rendered from another stack's outputs (the repositories of a GitLab group),
# unknown at preview: whether the config carries a credential needs the value; existingSecret holds the token.
case("k27-unknown-helm-renovate-config-deferred", PREVIEW, cite=DOC["unknowns"])(
    iso(renovate(UNKNOWN, existing_secret="renovate-env"))
)


# ============================================================================ malformed shapes

# Violates (cannot evaluate): the NetworkPolicyPatch's egress is one rule object, not a list of rules: what the patched
# policy lets acme's pods reach decides FLEET-TEN-003, and the API server refuses it.
case("k27-bad-np-patch-egress-object", MALFORMED, "DENY", DOC["netpol-api"])(iso(ledger_egress_patch(DNS_RULE)))
# Complies: egress as a one-rule list (the cluster DNS pods in kube-system, port 53).
case("k27-np-patch-egress-list", MALFORMED, cite=DOC["np-patch"])(iso(ledger_egress_patch([DNS_RULE])))
# Violates (cannot evaluate): the ResourceQuotaPatch gives hard as kubectl-style "resource=quantity" strings: what the
# merged quota bounds decides FLEET-TEN-001.
case("k27-bad-quota-patch-hard-strings", MALFORMED, "DENY", DOC["quota-api"])(
    iso(quota_patch(["pods=80", "requests.storage=200Gi"]))
)
# Complies: hard as a map; server-side apply merges it into the quota, CPU and memory stay bounded.
case("k27-quota-patch-hard-map", MALFORMED, cite=DOC["quota-patch"])(
    iso(quota_patch({"pods": "80", "requests.storage": "200Gi"}))
)
# Violates (cannot evaluate): the Secret's stringData (a Pulumi secret) is a list of KEY=value lines, not a map: whether
# its data reaches Pulumi as secrets decides FLEET-SEC-002.
case("k27-bad-secret-string-data-lines", MALFORMED, "DENY", DOC["secret-api"])(
    iso(ledger_db_secret([f"username={DB_USER}", f"password={DB_PASSWORD}"]))
)
# Complies: stringData as a map, a Pulumi secret.
case("k27-secret-string-data-map", MALFORMED, cite=DOC["secret-api"])(
    iso(ledger_db_secret({"username": DB_USER, "password": DB_PASSWORD}))
)
# Violates (cannot evaluate): the backend URL's fileKeyRef is the string "pulumi.env:PULUMI_BACKEND_URL", not a
# FileKeySelector: what the Job's environment holds decides FLEET-SEC-002.
case("k27-bad-job-env-file-key-ref-string", MALFORMED, "DENY", DOC["pod-env-api"])(
    iso(infra_deploy_job([BACKEND_FROM_FILE_STRING, PASSPHRASE_FROM_FILE]))
)
# Complies: both variables from the env file, each fileKeyRef a {volumeName, path, key} object.
case("k27-job-env-file-key-ref-object", MALFORMED, cite=DOC["env-file"])(
    iso(infra_deploy_job([BACKEND_FROM_FILE, PASSPHRASE_FROM_FILE]))
)
# Violates (cannot evaluate): the rule's resources are nested in a second list ([["secrets"]]): what acme's webhook
# intercepts decides FLEET-TEN-008.
case("k27-bad-webhook-rule-resources-nested", MALFORMED, "DENY", DOC["vwc-api"])(
    iso(audit_hook([{**SECRET_WRITES[0], "resources": [["secrets"]]}]), neighbour=True)
)
# Complies: resources ["secrets"], in acme's namespace only.
case("k27-webhook-rule-resources-flat", MALFORMED, cite=DOC["webhook-namespace"])(
    iso(audit_hook(SECRET_WRITES), neighbour=True)
)
# Violates (cannot evaluate): the DaemonSet container's env is a dotenv string ("FORWARD_TO=…\nLOG_LEVEL=…"), not a
# list of EnvVar: what the environment holds decides FLEET-SEC-002.
case("k27-bad-daemonset-env-dotenv-string", MALFORMED, "DENY", DOC["daemonset-api"])(
    iso(log_forwarder(FORWARDER_DOTENV))
)
# Complies: env as a list of {name, value}.
case("k27-daemonset-env-list", MALFORMED, cite=DOC["pod-env-api"])(iso(log_forwarder(FORWARDER_ENV)))
