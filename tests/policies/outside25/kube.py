"""Kubernetes isolation cases of the twenty-fifth outside corpus: kinds, fields, file formats and situations the
twenty-four earlier outside corpora did not try. A Grafana data source provisioning file whose ``secureJsonData``
password is written out against one that reads ``$LEDGER_DB_PASSWORD`` (Grafana's environment lookup); Argo CD's
``argocd-cm`` whose ``oidc.config`` carries the client secret against the ``$<secret>:<key>`` reference Argo CD resolves
from a Secret; a BIND ``named.conf`` with an inline TSIG ``key`` (external-dns's RFC 2136 updates) against one that
``include``s the key file from a Secret; a Postfix ``main.cf`` whose ``smtp_sasl_password_maps`` is a ``static:`` table
holding a SendGrid API key against an ``lmdb:`` table on a mounted Secret; an Oracle auto-login wallet (``cwallet.sso``)
in a ConfigMap's ``binaryData`` against ``sqlnet.ora`` and ``tnsnames.ora`` alone; ``SPRING_APPLICATION_JSON`` whose
JSON sets ``spring.datasource.password`` against one that reads ``${LEDGER_DB_PASSWORD}``; SonarQube's
``monitoringPasscode`` (the Web API's system passcode) in Helm values against ``monitoringPasscodeSecretName``; a Slack
incoming-webhook URL (its path is the secret) as Alertmanager's ``slack_api_url`` in Helm values against
``slack_api_url_file``; a Calico rule whose source is ``notNets`` (every address but a partner's) against ``nets``; a
CiliumNetworkPolicy admitting the ``unmanaged`` entity against the ``health`` entity; a tenant namespace enforcing
restricted at ``enforce-version: v1.21`` (before restricted dropped capabilities or refused UID 0) against ``v1.35``; a
RoleBinding to the built-in ``system:controller:generic-garbage-collector`` role against ``edit``. Providers and
patches: the vcluster control-plane pod's ``runAsNonRoot: false`` beside containers that set ``true``, an in-tree
``azureFile`` volume against the same share as an inline CSI volume, the chart pulled from an OCI mirror with the
chart's defaults against the program's values, an Indonesia-only regime on EKS in Malaysia vs Jakarta, an India-only
regime on AKS in Singapore vs India South Central, a Brazil-only regime on AKS in Chile Central vs Brazil Southeast, a
NamespacePatch that pins ``enforce-version`` against one that pins ``warn-version``, a NodePatch that claims a
dedicated cluster. Then values unknown at preview and malformed shapes.

Written from Kubernetes (Pod Security Standards and admission, RBAC controller roles, NetworkPolicy, admission webhook
rules, LimitRange, environment variables), Cilium, Calico, Grafana, Argo CD, external-dns, BIND, Postfix, SendGrid,
Oracle Database, Spring Boot, SonarQube, Slack, Prometheus Alertmanager, vcluster, Azure Files CSI, Pulumi and cloud
region documentation and the pack's user-facing contract (docs/RULES.md, docs/SPEC.md, docs/REVIEW.md, README.md, what
fleet/tenancy, fleet/clusters, fleet/core/vcluster_chart.py, fleet/core/podsecurity.py and the region and country
catalogue render and judge), by a helper that did not read the pack's rules, its configs, its tests or the tuned
corpus's cases. Each case only says whether a correct pack reports some mandatory violation (``expect="DENY"``) or none;
a comment above it says why, and it cites the page the outcome rests on. The stacks are built with the helpers of the
earlier outside corpora.

``UNKNOWN`` stands for a value the engine only learns at the update. Where the decision does not need it a correct pack
decides as if it were known; where it does, the pack defers (advisory FLEET-PRE-001, or the SDK's advisory "can't run
policy during preview" for a resource rule), which is no mandatory violation.
"""

from __future__ import annotations

import base64
import copy
import json
from collections.abc import Callable
from typing import Any

from tests.policies.corpus import UNKNOWN, Stack
from tests.policies.outside.corpus import _find, role_binding, service_account
from tests.policies.outside2.corpus import Obj, iso, ns_labels
from tests.policies.outside3.kube import RELEASE, add, on_vcluster, patch, program_values
from tests.policies.outside5.kube import webhook
from tests.policies.outside6.kube import configmap, pod_template
from tests.policies.outside11.cloud import depends
from tests.policies.outside15.kube import on_aks, on_eks, placed
from tests.policies.outside16.kube import cilium_policy
from tests.policies.outside18.kube import ACME_SERVICE, OWN_NAME
from tests.policies.outside20.kube import CALICO_NP, calico_ingress
from tests.policies.outside22.kube import vcluster_values
from tests.policies.outside25.common import case

ISOLATION = "tenant-isolation"
PROVIDERS = "k8s-providers-and-patches"
PREVIEW = "unknown-at-preview"
MALFORMED = "malformed"

K8S_API = "https://kubernetes.io/docs/reference/kubernetes-api"

DOC = {
    # credentials in ConfigMaps, values and env
    "grafana-env": "https://grafana.com/docs/grafana/latest/administration/provisioning/#use-environment-variables",
    "grafana-datasources": "https://grafana.com/docs/grafana/latest/administration/provisioning/#data-sources",
    "argocd-secrets": (
        "https://argo-cd.readthedocs.io/en/stable/operator-manual/user-management/#sensitive-data-and-sso-client-secrets"
    ),
    "external-dns-rfc2136": "https://kubernetes-sigs.github.io/external-dns/latest/docs/tutorials/rfc2136/",
    "postfix-sasl": "https://www.postfix.org/SASL_README.html#client_sasl_enable",
    "postfix-static": "https://www.postfix.org/DATABASE_README.html#types",
    "oracle-wallet": (
        "https://docs.oracle.com/en/database/oracle/oracle-database/19/dbseg/"
        "managing-secure-external-password-store-password-credentials.html"
    ),
    "spring-json": "https://docs.spring.io/spring-boot/reference/features/external-config.html#features.external-config.application-json",
    "spring-placeholders": (
        "https://docs.spring.io/spring-boot/reference/features/external-config.html"
        "#features.external-config.files.property-placeholders"
    ),
    "sonarqube-monitoring": (
        "https://docs.sonarsource.com/sonarqube-server/latest/server-installation/on-kubernetes-or-openshift/"
        "set-up-monitoring/prometheus/"
    ),
    "slack-webhooks": "https://api.slack.com/messaging/webhooks",
    "alertmanager-config": "https://prometheus.io/docs/alerting/latest/configuration/#slack_config",
    "distribute-credentials": "https://kubernetes.io/docs/tasks/inject-data-application/distribute-credentials-secure/",
    # network policy
    "calico-entity-rule": "https://docs.tigera.io/calico/latest/reference/resources/networkpolicy#entityrule",
    "cilium-entities": "https://docs.cilium.io/en/stable/security/policy/language/#entities-based",
    # Pod Security, RBAC
    "pss": "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted",
    "psa-labels": "https://kubernetes.io/docs/concepts/security/pod-security-admission/#pod-security-admission-labels-for-namespaces",
    "gc-role": (
        "https://github.com/kubernetes/kubernetes/blob/master/plugin/pkg/auth/authorizer/rbac/bootstrappolicy/"
        "controller_policy.go"
    ),
    "user-facing-roles": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles",
    # vcluster and volumes
    "azure-files-inline": (
        "https://learn.microsoft.com/en-us/azure/aks/azure-csi-files-storage-provision#mount-file-share-as-an-inline-volume"
    ),
    "helm-oci": "https://helm.sh/docs/topics/registries/",
    # placement, patches
    "aws-regions": "https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html",
    "azure-regions": "https://learn.microsoft.com/en-us/azure/reliability/regions-list",
    "node-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/core/v1/nodepatch/",
    "unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
    # malformed
    "rb-api": f"{K8S_API}/authorization-resources/role-binding-v1/",
    "netpol-api": f"{K8S_API}/policy-resources/network-policy-v1/",
    "label-selector": f"{K8S_API}/common-definitions/label-selector/",
    "vwc-api": f"{K8S_API}/extend-resources/validating-webhook-configuration-v1/",
    "webhook-rules": (
        "https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/#matching-requests-rules"
    ),
    "namespace-api": f"{K8S_API}/cluster-resources/namespace-v1/",
    "pod-api": f"{K8S_API}/workload-resources/pod-v1/#environment-variables",
    "limitrange-api": f"{K8S_API}/policy-resources/limit-range-v1/",
}


# ------------------------------------------------------------------------------------ helpers

STATEFULSET = "kubernetes:apps/v1:StatefulSet"
POD = "kubernetes:core/v1:Pod"
NAMESPACE = "kubernetes:core/v1:Namespace"
LEDGER_IMAGE = "registry.example.com/acme/ledger-worker:3.1.0"

# Grafana provisions data sources from files; kube-prometheus-stack's Grafana sidecar loads every ConfigMap labelled
# grafana_datasource: "1". secureJsonData is what Grafana encrypts in its database; in the provisioning file it is plain
# unless it is an environment lookup ($VAR or ${VAR}), resolved from the Grafana container's environment.
GRAFANA_DATASOURCE = """apiVersion: 1
datasources:
  - name: Ledger
    type: grafana-postgresql-datasource
    access: proxy
    url: ledger-db.acme.svc:5432
    user: grafana_reader
    jsonData:
      database: ledger
      sslmode: verify-full
      postgresVersion: 1600
    secureJsonData:
      password: {password}
"""
GRAFANA_PASSWORD = GRAFANA_DATASOURCE.format(password="Rv4mT8xQ2pLz7KwN")
GRAFANA_ENV_LOOKUP = GRAFANA_DATASOURCE.format(password="$LEDGER_DB_PASSWORD")


def grafana_datasource(yaml_file: str, annotations: dict[str, Any] | None = None) -> Obj:
    """acme's own Grafana data source, in a ConfigMap the Grafana sidecar loads (label grafana_datasource)."""
    metadata: dict[str, Any] = {"name": "ledger-datasource", "namespace": "acme", "labels": {"grafana_datasource": "1"}}
    if annotations:
        metadata["annotations"] = annotations
    return add(
        "kubernetes:core/v1:ConfigMap",
        "acme-ledger-datasource-cm",
        metadata=metadata,
        data={"ledger-postgres.yaml": yaml_file},
    )


# Argo CD: a value in argocd-cm that starts with $ is looked up in argocd-secret, or, as $<secret>:<key>, in the key of
# another Secret labelled app.kubernetes.io/part-of: argocd.
ENTRA_TENANT = "5f0c3a2e-8b71-4d9c-a6e4-2b9d1c7f3a58"
OIDC_CONFIG = """name: Entra ID
issuer: https://login.microsoftonline.com/{tenant}/v2.0
clientID: 7a1e4c92-3d5b-4f08-9e61-2c8b0d4a7f35
clientSecret: {secret}
requestedScopes: ["openid", "profile", "email"]
requestedIDTokenClaims: {{"groups": {{"essential": true}}}}
"""
OIDC_LITERAL = OIDC_CONFIG.format(tenant=ENTRA_TENANT, secret="Wq7~Zr2mX8pLv4TkN.c3Jh9Yf6Bd1Gs5Ue0RaQ")
OIDC_REFERENCE = OIDC_CONFIG.format(tenant=ENTRA_TENANT, secret="$argocd-oidc-entra:clientSecret")


def argocd_cm(oidc_config: str, url: Any = "https://argocd.acme.example.com") -> Obj:
    """acme's own Argo CD (installed namespace-scoped in acme) and its argocd-cm."""
    return add(
        "kubernetes:core/v1:ConfigMap",
        "acme-argocd-cm",
        metadata={
            "name": "argocd-cm",
            "namespace": "acme",
            "labels": {"app.kubernetes.io/name": "argocd-cm", "app.kubernetes.io/part-of": "argocd"},
        },
        data={"url": url, "oidc.config": oidc_config, "admin.enabled": "false"},
    )


# BIND as acme's hidden primary for acme.example.com, which external-dns (provider rfc2136) updates with a TSIG key.
TSIG_KEY = """key "externaldns-key" {
    algorithm hmac-sha256;
    secret "/xFUI5Cqk50ckqnAHxfXQ6zdT/hkPHT5Xbk5QOMgkA8=";
};
"""
TSIG_INCLUDE = 'include "/etc/bind/keys/externaldns.key";\n'
NAMED_CONF = """{key}
options {{
    directory "/var/cache/bind";
    listen-on {{ any; }};
    recursion no;
    allow-query {{ any; }};
}};

zone "acme.example.com" {{
    type primary;
    file "/var/lib/bind/db.acme.example.com";
    allow-transfer {{ key "externaldns-key"; }};
    update-policy {{ grant externaldns-key zonesub ANY; }};
}};
"""


def named_conf(key_clause: str) -> Obj:
    return configmap({"named.conf": NAMED_CONF.format(key=key_clause)}, name="bind-primary")


# Postfix relays through SendGrid (SMTP user "apikey", password the API key). A static: table returns its text as the
# lookup result, so the credential is written into main.cf; an lmdb: table is a file, here mounted from a Secret.
MAIN_CF = """myhostname = mail.acme.example.com
myorigin = acme.example.com
inet_interfaces = loopback-only
relayhost = [smtp.sendgrid.net]:587
smtp_sasl_auth_enable = yes
smtp_sasl_password_maps = {maps}
smtp_sasl_security_options = noanonymous
smtp_tls_security_level = encrypt
"""
SENDGRID_KEY = "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"


def postfix_main_cf(maps: str) -> Obj:
    return configmap({"main.cf": MAIN_CF.format(maps=maps)}, name="postfix-relay")


# Oracle client configuration: sqlnet.ora points at a wallet directory; an auto-login wallet (cwallet.sso) opens
# without a password and holds the secure external password store's credentials. The bytes below stand in for one.
SQLNET_ORA = """WALLET_LOCATION = (SOURCE = (METHOD = FILE) (METHOD_DATA = (DIRECTORY = /opt/oracle/network/admin)))
SQLNET.WALLET_OVERRIDE = TRUE
SSL_SERVER_DN_MATCH = yes
"""
TNSNAMES_ORA = """LEDGER =
  (DESCRIPTION =
    (ADDRESS = (PROTOCOL = TCPS)(HOST = ledger-db.acme.example.com)(PORT = 2484))
    (CONNECT_DATA = (SERVICE_NAME = ledger.acme.example.com))
  )
"""
CWALLET_SSO = base64.b64encode(
    bytes.fromhex("a1f84e3600000006000000210641")
    + bytes.fromhex("9c3e7f1a5b2d84c06e19f7a3d2b5c8e1047f9a6b3c2d1e0f5a4b3c2d1e0f9a8b7c6d5e4f")
).decode()


def oracle_client(with_wallet: bool) -> Obj:
    """The ledger worker's Oracle Net configuration (the wallet, when it is here, mounted beside it)."""
    binary = {"binaryData": {"cwallet.sso": CWALLET_SSO}} if with_wallet else {}
    return configmap({"sqlnet.ora": SQLNET_ORA, "tnsnames.ora": TNSNAMES_ORA}, name="ledger-oracle-net", **binary)


# Spring Boot reads SPRING_APPLICATION_JSON as a property source; its values may hold ${...} placeholders, which Spring
# resolves from the other property sources (here the variable LEDGER_DB_PASSWORD, from a Secret).
def spring_json(password: str) -> str:
    return json.dumps(
        {
            "spring": {
                "datasource": {
                    "url": "jdbc:postgresql://ledger-db.acme.svc:5432/ledger?sslmode=verify-full",
                    "username": "ledger_worker",
                    "password": password,
                }
            }
        }
    )


DB_PASSWORD_FROM_SECRET = {
    "name": "LEDGER_DB_PASSWORD",
    "valueFrom": {"secretKeyRef": {"name": "ledger-db", "key": "password"}},
}
SPRING_PASSWORD = [
    DB_PASSWORD_FROM_SECRET,
    {"name": "SPRING_APPLICATION_JSON", "value": spring_json("Tq4vX8mR2kLz7WpN")},
]
SPRING_PLACEHOLDER = [
    DB_PASSWORD_FROM_SECRET,
    {"name": "SPRING_APPLICATION_JSON", "value": spring_json("${LEDGER_DB_PASSWORD}")},
]


def ledger_worker(env: Any) -> Obj:
    """acme's ledger worker StatefulSet whose container gets ``env``."""
    template = pod_template(LEDGER_IMAGE, sa="ledger-worker", labels={"app": "ledger-worker"})
    template["spec"]["containers"][0]["env"] = env
    return add(
        STATEFULSET,
        "acme-ledger-worker-sts",
        metadata={"name": "ledger-worker", "namespace": "acme"},
        spec={
            "serviceName": "ledger-worker",
            "replicas": 2,
            "selector": {"matchLabels": {"app": "ledger-worker"}},
            "template": template,
        },
    )


# Helm releases
SONAR_PASSCODE = {"monitoringPasscode": "Mq7vT2xR9kLp4ZwN8bYc"}
SONAR_PASSCODE_SECRET = {
    "monitoringPasscodeSecretName": "sonarqube-monitoring",
    "monitoringPasscodeSecretKey": "passcode",
}


def sonarqube(passcode: dict[str, Any], jdbc_url: Any = "jdbc:postgresql://sonar-db.acme.svc:5432/sonarqube") -> Obj:
    """SonarQube Community Build for acme, on an external PostgreSQL whose password always comes from a Secret."""
    return add(
        RELEASE,
        "acme-sonarqube-release",
        name="sonarqube",
        chart="sonarqube",
        version="2025.4.1",
        repositoryOpts={"repo": "https://SonarSource.github.io/helm-chart-sonarqube"},
        namespace="acme",
        values={
            "community": {"enabled": True},
            **passcode,
            "postgresql": {"enabled": False},
            "jdbcOverwrite": {
                "enabled": True,
                "jdbcUrl": jdbc_url,
                "jdbcUsername": "sonarqube",
                "jdbcSecretName": "sonarqube-db",
                "jdbcSecretPasswordKey": "password",
            },
            "prometheusMonitoring": {"podMonitor": {"enabled": True}},
        },
    )


SLACK_URL = {"slack_api_url": "https://hooks.slack.com/services/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"}
SLACK_URL_FILE = {"slack_api_url_file": "/etc/alertmanager/slack/url"}


def alertmanager(global_config: dict[str, Any], tag: Any = "v0.28.1") -> Obj:
    """acme's own Alertmanager (prometheus-community chart), posting to Slack; the Secret holding the webhook URL is
    mounted either way."""
    return add(
        RELEASE,
        "acme-alertmanager-release",
        name="alertmanager",
        chart="alertmanager",
        version="1.20.0",
        repositoryOpts={"repo": "https://prometheus-community.github.io/helm-charts"},
        namespace="acme",
        values={
            "image": {"tag": tag},
            "extraSecretMounts": [
                {
                    "name": "slack-webhook",
                    "mountPath": "/etc/alertmanager/slack",
                    "secretName": "ledger-alertmanager-slack",
                    "readOnly": True,
                }
            ],
            "config": {
                "global": {"resolve_timeout": "5m", **global_config},
                "route": {"receiver": "ledger-oncall", "group_by": ["alertname", "namespace"]},
                "receivers": [
                    {"name": "ledger-oncall", "slack_configs": [{"channel": "#ledger-alerts", "send_resolved": True}]}
                ],
            },
        },
    )


# Network policy engines
PARTNER = "198.51.100.0/24"


def calico_from(source: dict[str, Any], selector: Any = "app == 'shop'") -> Obj:
    """The Calico policy in acme allowing TCP 8443 to ``selector`` from ``source`` (the earlier helper when the selector
    is the shop)."""
    if selector == "app == 'shop'":
        return calico_ingress(source)
    return add(
        CALICO_NP,
        "acme-allow-partners-calico",
        metadata={"name": "allow-partners", "namespace": "acme"},
        spec={
            "selector": selector,
            "types": ["Ingress"],
            "ingress": [{"action": "Allow", "protocol": "TCP", "source": source, "destination": {"ports": [8443]}}],
        },
    )


def from_entity(entity: str) -> Obj:
    """A CiliumNetworkPolicy of acme admitting the Cilium entity ``entity`` to the shop's 8443."""
    return cilium_policy(
        f"shop-from-{entity}",
        ingress=[{"fromEntities": [entity], "toPorts": [{"ports": [{"port": "8443", "protocol": "TCP"}]}]}],
    )


# Pod Security
ENFORCE_VERSION = "pod-security.kubernetes.io/enforce-version"
WARN_VERSION = "pod-security.kubernetes.io/warn-version"

# RBAC
GC_ROLE = ("ClusterRole", "system:controller:generic-garbage-collector")
EDIT_ROLE = ("ClusterRole", "edit")


def cleanup_binding(role: tuple[str, str], sa_name: Any = "ledger-cleanup") -> Obj:
    """The ledger's nightly cleanup job's service account bound in acme to ``role``."""
    return role_binding(role, service_account("acme", sa_name), name="ledger-cleanup")


# vcluster
def pod_run_as_non_root(value: bool) -> Callable[[dict[str, Any]], None]:
    """The control-plane pod's runAsNonRoot (podSecurityContext); its containers keep runAsNonRoot: true."""

    def mutate(values: dict[str, Any]) -> None:
        values["controlPlane"]["statefulSet"]["security"]["podSecurityContext"]["runAsNonRoot"] = value

    return mutate


def with_registry(mutate: Callable[[dict[str, Any]], None], registry: Any) -> Callable[[dict[str, Any]], None]:
    """``mutate``, and the images pulled from the mirror ``registry`` (controlPlane.advanced.defaultImageRegistry)."""

    def both(values: dict[str, Any]) -> None:
        mutate(values)
        values["controlPlane"].setdefault("advanced", {})["defaultImageRegistry"] = registry

    return both


AZURE_FILE = {
    "name": "audit-share",
    "azureFile": {"secretName": "acme-audit-share", "shareName": "audit", "readOnly": True},
}
AZURE_FILE_CSI = {
    "name": "audit-share",
    "csi": {
        "driver": "file.csi.azure.com",
        "readOnly": True,
        "volumeAttributes": {"secretName": "acme-audit-share", "shareName": "audit"},
    },
}


def audit_share(volume: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    """Mount ``volume`` read-only into the control plane (persistence.addVolumes / addVolumeMounts)."""

    def mutate(values: dict[str, Any]) -> None:
        persistence = values["controlPlane"]["statefulSet"].setdefault("persistence", {})
        persistence["addVolumes"] = [volume]
        persistence["addVolumeMounts"] = [{"name": volume["name"], "mountPath": "/audit", "readOnly": True}]

    return mutate


OCI_CHART = "oci://registry.example.com/charts/vcluster"


def oci_release(values: dict[str, Any]) -> Obj:
    """The vcluster release for acme from the OCI mirror fleet's spec allows (chart.oci), at the pinned version."""
    return add(
        RELEASE,
        "acme-vcluster",
        name="acme",
        chart=OCI_CHART,
        version="0.36.1",
        namespace="acme",
        values=values,
        atomic=True,
    )


def mirrored_program_values() -> dict[str, Any]:
    values = copy.deepcopy(program_values())
    values["controlPlane"]["advanced"] = {"defaultImageRegistry": "registry.example.com/mirror"}
    return values


# Placement
INDONESIA = [{"name": "id", "countries": ["ID"], "regions": [], "description": "Indonesia only (PDP Law)"}]
INDIA = [{"name": "rbi", "countries": ["IN"], "regions": [], "description": "India only (RBI payment data storage)"}]
BRAZIL = [{"name": "br", "countries": ["BR"], "regions": [], "description": "Brazil only (LGPD contract)"}]

# Patches
NODE_NAME = "ip-10-20-3-17.eu-west-1.compute.internal"


def node_patch(isolation: str) -> Obj:
    """A NodePatch labelling one node of the shared cluster for acme with ``fleet-isolation: isolation``."""
    return patch(
        "Node",
        "ledger-node-patch",
        {"name": NODE_NAME, "labels": {"fleet-tenant": "acme", "fleet-isolation": isolation}},
    )


def psa_patch(labels: dict[str, Any]) -> Obj:
    """A NamespacePatch of acme (server-side apply) setting Pod Security ``labels``."""
    return patch("Namespace", "acme-ns-psa-patch", {"name": "acme", "labels": labels})


# Unknown-at-preview helpers


def calico_egress_to_new_gateway(s: Stack, k8s: str) -> None:
    """acme's shop may call the SFTP gateway's internal LoadBalancer, which this update creates: the Calico rule's
    destination is its address (status.loadBalancer.ingress[0].ip + /32), unknown at preview."""
    gateway = s.add(
        "kubernetes:core/v1:Service",
        "sftp-gateway-internal-svc",
        k8s,
        metadata={
            "name": "sftp-gateway-internal",
            "namespace": "sftp-gateway",
            "annotations": {"service.beta.kubernetes.io/aws-load-balancer-scheme": "internal"},
        },
        spec={
            "type": "LoadBalancer",
            "loadBalancerClass": "service.k8s.aws/nlb",
            "selector": {"app": "sftp-gateway"},
            "ports": [{"name": "sftp", "port": 22, "targetPort": 2222, "protocol": "TCP"}],
        },
    )
    policy = s.add(
        CALICO_NP,
        "acme-shop-to-sftp-gateway-calico",
        k8s,
        metadata={"name": "shop-to-sftp-gateway", "namespace": "acme"},
        spec={
            "selector": "app == 'shop'",
            "types": ["Egress"],
            "egress": [{"action": "Allow", "protocol": "TCP", "destination": {"nets": [UNKNOWN], "ports": [22]}}],
        },
    )
    depends(s, policy, spec=[gateway])
    _find(s, policy).dependencies = [gateway]


# Malformed helpers


def ci_binding(namespace: Any) -> Obj:
    """acme's CI service account (its subject's namespace written as ``namespace``) bound to edit in acme."""
    return role_binding(EDIT_ROLE, {"kind": "ServiceAccount", "name": "ci", "namespace": namespace}, name="ci")


def prometheus_ingress(operator: Any) -> Obj:
    """acme's policy admitting the platform's Prometheus (namespace monitoring, by name) to the shop's metrics port."""
    return add(
        "kubernetes:networking.k8s.io/v1:NetworkPolicy",
        "acme-allow-prometheus-np",
        metadata={"name": "allow-prometheus", "namespace": "acme"},
        spec={
            "podSelector": {"matchLabels": {"app": "shop"}},
            "policyTypes": ["Ingress"],
            "ingress": [
                {
                    "from": [
                        {
                            "namespaceSelector": {
                                "matchExpressions": [
                                    {
                                        "key": "kubernetes.io/metadata.name",
                                        "operator": operator,
                                        "values": ["monitoring"],
                                    }
                                ]
                            },
                            "podSelector": {"matchLabels": {"app.kubernetes.io/name": "prometheus"}},
                        }
                    ],
                    "ports": [{"protocol": "TCP", "port": 9090}],
                }
            ],
        },
    )


def pods_hook(api_groups: Any) -> Obj:
    """acme's validating webhook on its own pods (namespaced, acme by name), its rule's apiGroups as ``api_groups``."""
    rule = {
        "operations": ["CREATE", "UPDATE"],
        "apiGroups": api_groups,
        "apiVersions": ["v1"],
        "resources": ["pods"],
        "scope": "Namespaced",
    }
    return webhook(ACME_SERVICE, OWN_NAME, [rule], kind="Validating", name="acme-pods")


def migration_pod(secret_key_ref: Any) -> Obj:
    """A bare Pod running acme's one-off ledger schema migration, its DB_PASSWORD from a Secret."""
    spec = copy.deepcopy(pod_template(LEDGER_IMAGE, sa="ledger-migrate", labels={"app": "ledger-migrate"})["spec"])
    spec["restartPolicy"] = "Never"
    container = spec["containers"][0]
    container.pop("ports")
    container["args"] = ["migrate", "--to=latest"]
    container["env"] = [{"name": "DB_PASSWORD", "valueFrom": {"secretKeyRef": secret_key_ref}}]
    return add(POD, "acme-ledger-migrate-pod", metadata={"name": "ledger-migrate", "namespace": "acme"}, spec=spec)


def pair_limits(default: Any) -> list[dict[str, Any]]:
    """acme's LimitRange: a Container item whose default limits are ``default``."""
    return [{"type": "Container", "default": default, "defaultRequest": {"cpu": "100m", "memory": "128Mi"}}]


DEFAULT_AS_PAIRS = [{"resource": "cpu", "value": "500m"}, {"resource": "memory", "value": "512Mi"}]
DEFAULT_AS_MAP = {"cpu": "500m", "memory": "512Mi"}


# ============================================================================ tenant isolation

# Violates: acme's Grafana data source file (loaded by the Grafana sidecar from this ConfigMap) writes out the
# secureJsonData password of the ledger database: whoever may read ConfigMaps in acme, view included, has it.
case("k25-configmap-grafana-datasource-password", ISOLATION, "DENY", DOC["grafana-datasources"])(
    iso(grafana_datasource(GRAFANA_PASSWORD))
)
# Complies: the password is $LEDGER_DB_PASSWORD, an environment lookup Grafana resolves from its container's environment
# (set from a Secret); the file holds no password.
case("k25-configmap-grafana-datasource-env-lookup", ISOLATION, cite=DOC["grafana-env"])(
    iso(grafana_datasource(GRAFANA_ENV_LOOKUP))
)
# Violates: acme's argocd-cm carries the Entra ID client secret in oidc.config (clientSecret written out).
case("k25-configmap-argocd-oidc-client-secret", ISOLATION, "DENY", DOC["argocd-secrets"])(iso(argocd_cm(OIDC_LITERAL)))
# Complies: clientSecret is $argocd-oidc-entra:clientSecret, which Argo CD reads from that Secret's key.
case("k25-configmap-argocd-oidc-secret-reference", ISOLATION, cite=DOC["argocd-secrets"])(
    iso(argocd_cm(OIDC_REFERENCE))
)
# Violates: acme's BIND named.conf holds the TSIG key external-dns signs its RFC 2136 updates with (secret "..."):
# whoever reads it can rewrite acme.example.com.
case("k25-configmap-bind-tsig-key-inline", ISOLATION, "DENY", DOC["external-dns-rfc2136"])(iso(named_conf(TSIG_KEY)))
# Complies: named.conf includes the key file from /etc/bind/keys (mounted from a Secret); it names the key only.
case("k25-configmap-bind-tsig-key-included", ISOLATION, cite=DOC["external-dns-rfc2136"])(iso(named_conf(TSIG_INCLUDE)))
# Violates: acme's Postfix main.cf relays through SendGrid with smtp_sasl_password_maps = static:apikey:SG....: a static
# table is its own lookup result, so the API key is in the file.
case("k25-configmap-postfix-static-sasl-password", ISOLATION, "DENY", DOC["postfix-static"])(
    iso(postfix_main_cf(f"static:apikey:{SENDGRID_KEY}"))
)
# Complies: smtp_sasl_password_maps names an lmdb table under /etc/postfix/sasl (mounted from a Secret): the setting's
# name says password, its value is a file path.
case("k25-configmap-postfix-lmdb-sasl-table", ISOLATION, cite=DOC["postfix-sasl"])(
    iso(postfix_main_cf("lmdb:/etc/postfix/sasl/sasl_passwd"))
)
# Violates: the ledger worker's Oracle Net ConfigMap carries an auto-login wallet, cwallet.sso, in binaryData: it opens
# without a password and holds the database credentials of the secure external password store.
case("k25-configmap-oracle-auto-login-wallet", ISOLATION, "DENY", DOC["oracle-wallet"])(iso(oracle_client(True)))
# Complies: sqlnet.ora and tnsnames.ora only (where the wallet is, and the service's address).
case("k25-configmap-oracle-net-config-only", ISOLATION, cite=DOC["oracle-wallet"])(iso(oracle_client(False)))
# Violates: the ledger worker's SPRING_APPLICATION_JSON (a variable not named like a credential) sets
# spring.datasource.password in plain text in the StatefulSet's pod template.
case("k25-env-spring-application-json-password", ISOLATION, "DENY", DOC["spring-json"])(
    iso(ledger_worker(SPRING_PASSWORD))
)
# Complies: the JSON's password is ${LEDGER_DB_PASSWORD}, a placeholder Spring resolves from the variable beside it,
# which comes from a Secret.
case("k25-env-spring-application-json-placeholder", ISOLATION, cite=DOC["spring-placeholders"])(
    iso(ledger_worker(SPRING_PLACEHOLDER))
)
# Violates: the SonarQube chart gets monitoringPasscode in its values: sonar.web.systemPasscode, which authenticates
# callers of the Web API's system and monitoring endpoints.
case("k25-helm-sonarqube-monitoring-passcode", ISOLATION, "DENY", DOC["sonarqube-monitoring"])(
    iso(sonarqube(SONAR_PASSCODE))
)
# Complies: monitoringPasscodeSecretName and monitoringPasscodeSecretKey name the Secret and key that hold it.
case("k25-helm-sonarqube-monitoring-passcode-secret", ISOLATION, cite=DOC["sonarqube-monitoring"])(
    iso(sonarqube(SONAR_PASSCODE_SECRET))
)
# Violates: acme's Alertmanager gets its Slack incoming-webhook URL in the chart's values (config.global.slack_api_url):
# the URL's path is the credential anyone can post to the channel with ("Your webhook URL contains a secret").
case("k25-helm-alertmanager-slack-webhook-url", ISOLATION, "DENY", DOC["slack-webhooks"])(iso(alertmanager(SLACK_URL)))
# Complies: slack_api_url_file reads the URL from the Secret the release mounts at /etc/alertmanager/slack.
case("k25-helm-alertmanager-slack-url-file", ISOLATION, cite=DOC["alertmanager-config"])(
    iso(alertmanager(SLACK_URL_FILE))
)
# Violates: a Calico rule in acme allows the shop's 8443 from source notNets: [198.51.100.0/24]: every address outside
# the partner's range, the private ranges, the nodes and globex's pods included.
case("k25-calico-source-not-nets", ISOLATION, "DENY", DOC["calico-entity-rule"])(
    iso(calico_from({"notNets": [PARTNER]}), neighbour=True)
)
# Complies: source nets: [198.51.100.0/24], the partner's public /24 only.
case("k25-calico-source-nets-partner", ISOLATION, cite=DOC["calico-entity-rule"])(
    iso(calico_from({"nets": [PARTNER]}), neighbour=True)
)
# Violates: a CiliumNetworkPolicy of acme admits the unmanaged entity: endpoints of the cluster Cilium does not manage,
# whichever tenant's pods they are ("considered part of the cluster").
case("k25-cnp-from-unmanaged-entity", ISOLATION, "DENY", DOC["cilium-entities"])(
    iso(from_entity("unmanaged"), neighbour=True)
)
# Complies: the health entity: the health endpoints Cilium runs on each node to check connectivity, no tenant's pods.
case("k25-cnp-from-health-entity", ISOLATION, cite=DOC["cilium-entities"])(iso(from_entity("health"), neighbour=True))
# Violates: acme enforces restricted pinned at enforce-version v1.21: restricted got its capabilities check in v1.22 and
# its non-root UID check in v1.23, so acme's pods may add NET_RAW and run as UID 0.
case("k25-pss-enforce-version-v1-21", ISOLATION, "DENY", DOC["pss"])(iso(ns_labels(**{ENFORCE_VERSION: "v1.21"})))
# Complies: restricted pinned at v1.35, the cluster's version (what the fleet renders).
case("k25-pss-enforce-version-v1-35", ISOLATION, cite=DOC["psa-labels"])(iso(ns_labels(**{ENFORCE_VERSION: "v1.35"})))
# Violates: the cleanup job's service account is bound in acme to system:controller:generic-garbage-collector, whose
# rule is get/list/watch/patch/update/delete on every resource of every group: it can delete acme's quota, limits and
# network policies.
case("k25-rb-generic-garbage-collector-role", ISOLATION, "DENY", DOC["gc-role"])(iso(cleanup_binding(GC_ROLE)))
# Complies: the same service account bound to edit, which cannot change quotas or limit ranges.
case("k25-rb-cleanup-edit-role", ISOLATION, cite=DOC["user-facing-roles"])(iso(cleanup_binding(EDIT_ROLE)))


# ============================================================================ providers and patches

# Violates: the vcluster control-plane pod sets runAsNonRoot: false; its containers set true, but restricted refuses a
# pod-level false wherever the containers stand, so the control plane never starts.
case("k25-vcluster-pod-run-as-non-root-false", PROVIDERS, "DENY", DOC["pss"])(
    on_vcluster(vcluster_values(pod_run_as_non_root(False)))
)
# Complies: the pod sets runAsNonRoot: true (the program's values).
case("k25-vcluster-pod-run-as-non-root-true", PROVIDERS, cite=DOC["pss"])(
    on_vcluster(vcluster_values(pod_run_as_non_root(True)))
)
# Violates: the control plane mounts acme's audit share as an in-tree azureFile volume: restricted admits only
# configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret volumes.
case("k25-vcluster-azure-file-volume", PROVIDERS, "DENY", DOC["pss"])(
    on_vcluster(vcluster_values(audit_share(AZURE_FILE)))
)
# Complies: the same share as an inline CSI volume of the Azure Files driver (file.csi.azure.com).
case("k25-vcluster-azure-file-inline-csi", PROVIDERS, cite=DOC["azure-files-inline"])(
    on_vcluster(vcluster_values(audit_share(AZURE_FILE_CSI)))
)
# Violates: the vcluster chart pulled from the OCI mirror (chart.oci, ending in /vcluster) with the chart's default
# values: the control plane's kubernetes init container and root syncer are refused by restricted.
case("k25-vcluster-oci-chart-defaults", PROVIDERS, "DENY", DOC["pss"])(on_vcluster(oci_release({})))
# Complies: the OCI chart with the program's values (and the mirror as image registry).
case("k25-vcluster-oci-program-values", PROVIDERS, cite=DOC["helm-oci"])(
    on_vcluster(oci_release(mirrored_program_values()))
)
# Violates: acme's custom regime id allows Indonesia only; its cluster is EKS in ap-southeast-5, Malaysia.
case("k25-id-eks-malaysia", PROVIDERS, "DENY", DOC["aws-regions"], config={"regimes": INDONESIA})(
    placed(on_eks("ap-southeast-5", "MY"), "id")
)
# Complies: the id tenant on EKS in ap-southeast-3 (Jakarta).
case("k25-id-eks-jakarta", PROVIDERS, cite=DOC["aws-regions"], config={"regimes": INDONESIA})(
    placed(on_eks("ap-southeast-3", "ID"), "id")
)
# Violates: acme's custom regime rbi allows India only; its cluster is AKS in southeastasia (Singapore).
case("k25-rbi-aks-southeast-asia", PROVIDERS, "DENY", DOC["azure-regions"], config={"regimes": INDIA})(
    placed(on_aks("southeastasia", "SG"), "rbi")
)
# Complies: the rbi tenant on AKS in indiasouthcentral (India South Central, Hyderabad).
case("k25-rbi-aks-india-south-central", PROVIDERS, cite=DOC["azure-regions"], config={"regimes": INDIA})(
    placed(on_aks("indiasouthcentral", "IN"), "rbi")
)
# Violates: acme's custom regime br allows Brazil only; its cluster is AKS in chilecentral (Santiago, Chile).
case("k25-br-aks-chile-central", PROVIDERS, "DENY", DOC["azure-regions"], config={"regimes": BRAZIL})(
    placed(on_aks("chilecentral", "CL"), "br")
)
# Complies: the br tenant on AKS in brazilsoutheast (Rio de Janeiro), a restricted-access region in Brazil.
case("k25-br-aks-brazil-southeast", PROVIDERS, cite=DOC["azure-regions"], config={"regimes": BRAZIL})(
    placed(on_aks("brazilsoutheast", "BR"), "br")
)
# Violates: a NamespacePatch pins acme's enforce-version to v1.21: merged, acme enforces a restricted that admits added
# capabilities and UID 0, which weakens its Pod Security.
case("k25-ns-patch-enforce-version-v1-21", PROVIDERS, "DENY", DOC["pss"])(iso(psa_patch({ENFORCE_VERSION: "v1.21"})))
# Complies: the patch pins warn-version to v1.21: acme has no warn mode, and enforce stays at the latest version.
case("k25-ns-patch-warn-version-v1-21", PROVIDERS, cite=DOC["psa-labels"])(iso(psa_patch({WARN_VERSION: "v1.21"})))
# Violates: a NodePatch labels a node fleet-isolation=cluster, fleet-tenant=acme on a cluster that also holds globex's
# namespace: a false dedicated-cluster claim, whatever object carries it.
case("k25-node-patch-dedicated-claim", PROVIDERS, "DENY", DOC["node-patch"])(iso(node_patch("cluster"), neighbour=True))
# Complies: the node is labelled for acme with fleet-isolation=namespace, which is what acme has.
case("k25-node-patch-namespace-isolation", PROVIDERS, cite=DOC["node-patch"])(
    iso(node_patch("namespace"), neighbour=True)
)


# ============================================================================ unknown at preview

DB_ENDPOINT = {"ledger.acme.example.com/db-endpoint": UNKNOWN}

# Violates: the Grafana data source's password is written out; only an annotation (the address of a database the update
# creates) is unknown.
case("k25-unknown-endpoint-grafana-datasource-password", PREVIEW, "DENY", DOC["grafana-datasources"])(
    iso(grafana_datasource(GRAFANA_PASSWORD, annotations=DB_ENDPOINT))
)
# Complies: $LEDGER_DB_PASSWORD; the annotation is unknown.
case("k25-unknown-endpoint-grafana-datasource-env-lookup", PREVIEW, cite=DOC["grafana-env"])(
    iso(grafana_datasource(GRAFANA_ENV_LOOKUP, annotations=DB_ENDPOINT))
)
# Violates: argocd-cm's oidc.config writes out the client secret; only its url (the address of a load balancer the
# update creates) is unknown.
case("k25-unknown-url-argocd-oidc-client-secret", PREVIEW, "DENY", DOC["argocd-secrets"])(
    iso(argocd_cm(OIDC_LITERAL, url=UNKNOWN))
)
# Complies: the $argocd-oidc-entra:clientSecret reference; the url is unknown.
case("k25-unknown-url-argocd-oidc-secret-reference", PREVIEW, cite=DOC["argocd-secrets"])(
    iso(argocd_cm(OIDC_REFERENCE, url=UNKNOWN))
)
# Violates: monitoringPasscode in SonarQube's values; only the JDBC URL (a database the update creates) is unknown.
case("k25-unknown-jdbc-sonarqube-monitoring-passcode", PREVIEW, "DENY", DOC["sonarqube-monitoring"])(
    iso(sonarqube(SONAR_PASSCODE, jdbc_url=UNKNOWN))
)
# Complies: monitoringPasscodeSecretName; the JDBC URL is unknown.
case("k25-unknown-jdbc-sonarqube-monitoring-passcode-secret", PREVIEW, cite=DOC["sonarqube-monitoring"])(
    iso(sonarqube(SONAR_PASSCODE_SECRET, jdbc_url=UNKNOWN))
)
# Violates: the Calico rule's source is notNets; which of acme's pods the policy selects is unknown, but it selects
# acme's, and admits nearly every address to them.
case("k25-unknown-selector-calico-source-not-nets", PREVIEW, "DENY", DOC["calico-entity-rule"])(
    iso(calico_from({"notNets": [PARTNER]}, selector=UNKNOWN), neighbour=True)
)
# Complies: source nets of the partner's /24; the selector is unknown.
case("k25-unknown-selector-calico-source-nets-partner", PREVIEW, cite=DOC["calico-entity-rule"])(
    iso(calico_from({"nets": [PARTNER]}, selector=UNKNOWN), neighbour=True)
)
# Violates: the vcluster pod's runAsNonRoot is false; only the image registry (a mirror the update creates), which Pod
# Security never reads, is unknown.
case("k25-unknown-registry-vcluster-pod-run-as-non-root-false", PREVIEW, "DENY", DOC["pss"])(
    on_vcluster(vcluster_values(with_registry(pod_run_as_non_root(False), UNKNOWN)))
)
# Complies: runAsNonRoot true; the image registry is unknown.
case("k25-unknown-registry-vcluster-pod-run-as-non-root-true", PREVIEW, cite=DOC["pss"])(
    on_vcluster(vcluster_values(with_registry(pod_run_as_non_root(True), UNKNOWN)))
)
# Violates: the garbage collector's role bound in acme; only the service account's name is unknown.
case("k25-unknown-sa-generic-garbage-collector-role", PREVIEW, "DENY", DOC["gc-role"])(
    iso(cleanup_binding(GC_ROLE, sa_name=UNKNOWN))
)
# Complies: edit for a service account of acme whose name is unknown: whichever it is, it is acme's own.
case("k25-unknown-sa-cleanup-edit-role", PREVIEW, cite=DOC["user-facing-roles"])(
    iso(cleanup_binding(EDIT_ROLE, sa_name=UNKNOWN))
)
# Complies (deferred): the Calico egress rule's destination is the address of an internal load balancer the update
# creates: whether it reaches a private range (and other tenants) needs the value.
case("k25-unknown-calico-egress-new-load-balancer-deferred", PREVIEW, cite=DOC["unknowns"])(
    iso(calico_egress_to_new_gateway, neighbour=True)
)


# ============================================================================ malformed shapes

# Violates (cannot evaluate): the CI RoleBinding's service-account subject has its namespace written as a one-item list
# (a string): whose service account it binds decides FLEET-TEN-009.
case("k25-bad-rb-subject-namespace-list", MALFORMED, "DENY", DOC["rb-api"])(iso(ci_binding(["acme"]), neighbour=True))
# Complies: the namespace as a string (acme's own CI account, bound to edit).
case("k25-rb-subject-namespace-string", MALFORMED, cite=DOC["rb-api"])(iso(ci_binding("acme"), neighbour=True))
# Violates (cannot evaluate): the Prometheus ingress peer's namespaceSelector requirement has its operator written as a
# one-item list (["In"]; a string): which namespaces it admits decides FLEET-TEN-003.
case("k25-bad-np-selector-operator-list", MALFORMED, "DENY", DOC["label-selector"])(
    iso(prometheus_ingress(["In"]), neighbour=True)
)
# Complies: operator In as a string: the monitoring namespace by name.
case("k25-np-selector-operator-string", MALFORMED, cite=DOC["netpol-api"])(
    iso(prometheus_ingress("In"), neighbour=True)
)
# Violates (cannot evaluate): acme's pods webhook has its rule's apiGroups written as the string "" (a list): which
# group's pods, and so which requests, it intercepts decides FLEET-TEN-008.
case("k25-bad-webhook-rule-api-groups-string", MALFORMED, "DENY", DOC["vwc-api"])(iso(pods_hook(""), neighbour=True))
# Complies: apiGroups [""] (core pods, namespaced, acme by name).
case("k25-webhook-rule-api-groups-list", MALFORMED, cite=DOC["webhook-rules"])(iso(pods_hook([""]), neighbour=True))
# Violates (cannot evaluate): acme's enforce-version label written as a one-item list (a string): at which version
# restricted is enforced decides FLEET-TEN-001, and the API server refuses the Namespace.
case("k25-bad-ns-enforce-version-list", MALFORMED, "DENY", DOC["namespace-api"])(
    iso(ns_labels(**{ENFORCE_VERSION: ["v1.35"]}))  # type: ignore[arg-type]
)
# Complies: enforce-version "v1.35" as a string.
case("k25-ns-enforce-version-string", MALFORMED, cite=DOC["psa-labels"])(iso(ns_labels(**{ENFORCE_VERSION: "v1.35"})))
# Violates (cannot evaluate): the migration Pod's DB_PASSWORD secretKeyRef written as the string "ledger-db/password"
# (an object of name and key): whether the value stays in a Secret decides FLEET-SEC-002.
case("k25-bad-pod-secret-key-ref-string", MALFORMED, "DENY", DOC["pod-api"])(iso(migration_pod("ledger-db/password")))
# Complies: secretKeyRef {name: ledger-db, key: password}.
case("k25-pod-secret-key-ref-object", MALFORMED, cite=DOC["distribute-credentials"])(
    iso(migration_pod({"name": "ledger-db", "key": "password"}))
)
# Violates (cannot evaluate): acme's LimitRange gives its Container default as a list of {resource, value} pairs (a map
# of resource names to quantities): whether containers get default CPU and memory limits decides FLEET-TEN-001.
case("k25-bad-limitrange-default-pairs", MALFORMED, "DENY", DOC["limitrange-api"])(
    iso(limits=pair_limits(DEFAULT_AS_PAIRS))
)
# Complies: default as a map (cpu 500m, memory 512Mi).
case("k25-limitrange-default-map", MALFORMED, cite=DOC["limitrange-api"])(iso(limits=pair_limits(DEFAULT_AS_MAP)))
