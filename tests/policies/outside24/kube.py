"""Kubernetes isolation cases of the twenty-fourth outside corpus: kinds, fields, file formats and situations the
twenty-three earlier outside corpora did not try. A kube-apiserver ``EncryptionConfiguration`` whose ``aescbc`` key sits
in a ConfigMap against the same file with a KMS v2 provider; external-dns's Azure ``azure.json`` with an
``aadClientSecret`` against ``useWorkloadIdentityExtension``; a Helm chart-signing PGP private key block against the
public keyring ``helm verify`` reads; an ASP.NET ``appsettings.json`` connection string with ``Password=`` against
``Authentication=Active Directory Workload Identity``; the RabbitMQ chart's ``auth.erlangCookie`` against
``auth.existingErlangSecret``; New Relic's ``global.licenseKey`` against ``global.customSecretName``; a
``DATABASE_URL`` whose password is written out against one built from ``$(DB_PASSWORD)`` (dependent environment
variables); a CiliumClusterwideNetworkPolicy whose ``fromEndpoints: [{}]`` admits every endpoint of the cluster against
the same rule in a namespaced CiliumNetworkPolicy (its own namespace); a CiliumNetworkPolicy whose second rule, in
``specs``, admits the ``cluster`` entity; a Calico rule with ``action: Log`` against ``Allow`` from namespaces selected
by ``has(fleet-tenant)``; a tenant webhook on PriorityClasses under ``scope: "*"`` against the same rule under
``scope: Namespaced``, which matches no cluster-scoped request. Providers and patches: a custom China-only regime on EKS
in Hong Kong vs Ningxia, a custom Australia-only regime on EKS in Auckland vs Melbourne, GDPR on the restricted Azure
regions UAE Central vs France South, GDPR on GKE in Bangkok vs Madrid, a regime of one exact AWS region against an
existing cluster in that region's country, the vcluster syncer adding ``CAP_NET_BIND_SERVICE`` (not the
``NET_BIND_SERVICE`` restricted allows), its ``kubernetes`` init container dropping ``all`` in lower case, its pod's
seccomp profile ``Unconfined`` while every container sets ``RuntimeDefault`` against no pod-level profile, a
ConfigMapPatch of ``kube-system/kubeadm-config`` that adds an ``InitConfiguration`` with a bootstrap token. Then values
unknown at preview and malformed shapes.

Written from Kubernetes (encryption at rest, KMS v2, kubeadm's v1beta4 configuration and bootstrap tokens, dependent
environment variables, admission webhook rules, PriorityClasses, Pod Security Standards and the pod-security-admission
checks), Cilium, Calico, external-dns, Helm, Microsoft.Data.SqlClient, Bitnami RabbitMQ, RabbitMQ, New Relic, Pulumi and
cloud region documentation and the pack's user-facing contract (docs/RULES.md, docs/SPEC.md, docs/REVIEW.md, README.md,
what fleet/tenancy, fleet/clusters, fleet/core/vcluster_chart.py, fleet/core/podsecurity.py and the region and country
catalogue render and judge), by a helper that did not read the pack's rules, its configs, its tests or the tuned
corpus's cases. Each case only says whether a correct pack reports some mandatory violation (``expect="DENY"``) or none;
a comment above it says why, and it cites the page the outcome rests on. The stacks are built with the helpers of the
earlier outside corpora.

``UNKNOWN`` stands for a value the engine only learns at the update. Where the decision does not need it a correct pack
decides as if it were known; where it does, the pack defers (advisory FLEET-PRE-001, or the SDK's advisory "can't run
policy during preview" for a resource rule), which is no mandatory violation.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from tests.policies.corpus import UNKNOWN, Stack
from tests.policies.outside.corpus import _find, tenant
from tests.policies.outside2.corpus import Obj, iso
from tests.policies.outside3.kube import RELEASE, add, on_vcluster, patch
from tests.policies.outside5.kube import webhook
from tests.policies.outside6.kube import configmap, pod_template
from tests.policies.outside9.kube import existing_at
from tests.policies.outside11.cloud import depends
from tests.policies.outside15.kube import existing, on_aks, on_eks, on_gke, placed
from tests.policies.outside16.kube import CNP, cilium_policy
from tests.policies.outside17.kube import ACME_ENDPOINTS, CCNP, clusterwide_policy
from tests.policies.outside18.kube import ACME_SERVICE, OWN_NAME
from tests.policies.outside20.kube import CALICO_NP
from tests.policies.outside22.kube import vcluster_values
from tests.policies.outside24.common import Build, case

ISOLATION = "tenant-isolation"
PROVIDERS = "k8s-providers-and-patches"
PREVIEW = "unknown-at-preview"
MALFORMED = "malformed"

K8S_API = "https://kubernetes.io/docs/reference/kubernetes-api"

DOC = {
    # credentials in ConfigMaps, values and env
    "encrypt-data": "https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/",
    "kms-v2": "https://kubernetes.io/docs/tasks/administer-cluster/kms-provider/",
    "external-dns-azure": "https://kubernetes-sigs.github.io/external-dns/latest/docs/tutorials/azure/",
    "helm-provenance": "https://helm.sh/docs/topics/provenance/",
    "sqlclient-entra": "https://learn.microsoft.com/en-us/sql/connect/ado-net/sql/azure-active-directory-authentication",
    "rabbitmq-chart": "https://github.com/bitnami/charts/blob/main/bitnami/rabbitmq/README.md",
    "erlang-cookie": "https://www.rabbitmq.com/docs/clustering#erlang-cookie",
    "nri-bundle": "https://github.com/newrelic/helm-charts/blob/master/charts/nri-bundle/README.md",
    "newrelic-license-key": "https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/#license-key",
    "dependent-env": "https://kubernetes.io/docs/tasks/inject-data-application/define-interdependent-environment-variables/",
    "distribute-credentials": "https://kubernetes.io/docs/tasks/inject-data-application/distribute-credentials-secure/",
    # network policy
    "cilium-clusterwide": "https://docs.cilium.io/en/stable/security/policy/kubernetes/#clusterwide-policies",
    "cilium-namespaces": "https://docs.cilium.io/en/stable/security/policy/kubernetes/#namespaces",
    "cilium-specs": "https://docs.cilium.io/en/stable/network/kubernetes/policy/#ciliumnetworkpolicy",
    "calico-rule": "https://docs.tigera.io/calico/latest/reference/resources/networkpolicy#rule",
    # admission
    "webhook-rules": (
        "https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/#matching-requests-rules"
    ),
    "vwc-api": f"{K8S_API}/extend-resources/validating-webhook-configuration-v1/",
    # placement
    "aws-regions": "https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html",
    "gcp-regions": "https://cloud.google.com/compute/docs/regions-zones",
    "azure-regions": "https://learn.microsoft.com/en-us/azure/reliability/regions-list",
    # vcluster, Pod Security, kubeadm, patches
    "pss": "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted",
    "kubeadm-upload-config": (
        "https://kubernetes.io/docs/reference/setup-tools/kubeadm/kubeadm-init-phase/#cmd-phase-upload-config"
    ),
    "bootstrap-tokens": "https://kubernetes.io/docs/reference/access-authn-authz/bootstrap-tokens/",
    "unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
    # malformed
    "quota-api": f"{K8S_API}/policy-resources/resource-quota-v1/",
    "cronjob-api": f"{K8S_API}/workload-resources/cron-job-v1/",
    "limitrange-api": f"{K8S_API}/policy-resources/limit-range-v1/",
    "netpol-api": f"{K8S_API}/policy-resources/network-policy-v1/",
    "label-selector": f"{K8S_API}/common-definitions/label-selector/",
}


# ------------------------------------------------------------------------------------ helpers

DEPLOYMENT = "kubernetes:apps/v1:Deployment"
CRONJOB = "kubernetes:batch/v1:CronJob"

# Credentials in ConfigMaps: kube-apiserver's encryption configuration. aescbc keeps the key that encrypts every Secret
# at rest in the file itself; the KMS v2 provider names the socket of a plugin that asks an external KMS (no key here).
ENCRYPTION_AESCBC = """apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
resources:
  - resources:
      - secrets
    providers:
      - aescbc:
          keys:
            - name: key-2026-01
              secret: oc8POi+Uje2tFlnVCQjvo0UiXSp+F75KSyf+jeNbtE8=
      - identity: {}
"""
ENCRYPTION_KMS_V2 = """apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
resources:
  - resources:
      - secrets
    providers:
      - kms:
          apiVersion: v2
          name: ledger-vault-transit
          endpoint: unix:///var/run/kmsplugin/socket.sock
          timeout: 3s
      - identity: {}
"""


def apiserver_encryption(config: str) -> Obj:
    """The encryption configuration of the ledger's own API server (``--encryption-provider-config``), in acme."""
    return configmap({"encryption-config.yaml": config}, name="ledger-apiserver-encryption")


# external-dns for Azure DNS reads azure.json: a service principal with its client secret, or (workload identity) the
# federated token of the pod's service account, which leaves nothing secret in the file.
AZURE_TENANT = "5f0c3a2e-8b71-4d9c-a6e4-2b9d1c7f3a58"
AZURE_SUBSCRIPTION = "2e9c4a71-6f3b-4d8a-b5e2-9c0f1a7d3e55"
AZURE_JSON_SECRET = json.dumps(
    {
        "tenantId": AZURE_TENANT,
        "subscriptionId": AZURE_SUBSCRIPTION,
        "resourceGroup": "acme-dns",
        "aadClientId": "0d3c8f2e-4a6b-4c1d-9e7f-8b2a5c6d7e91",
        "aadClientSecret": "Vq8~Rk2mX7pLz4TwN.b3Jc9Hf6Yd1Ws5Ge0UaQs",
    },
    indent=2,
)
AZURE_JSON_WORKLOAD_IDENTITY = json.dumps(
    {
        "tenantId": AZURE_TENANT,
        "subscriptionId": AZURE_SUBSCRIPTION,
        "resourceGroup": "acme-dns",
        "useWorkloadIdentityExtension": True,
    },
    indent=2,
)


def external_dns_config(azure_json: str) -> Obj:
    """acme's own external-dns (its DNS zone only) reads azure.json from this ConfigMap."""
    return configmap({"azure.json": azure_json}, name="external-dns-azure")


# Helm provenance: `helm package --sign` needs the private key of the signing keyring; `helm verify --keyring` and
# `helm install --verify` need only the public key. An RSA key made for this case (no passphrase, as CI keys have).
CHART_SIGNING_PRIVATE = (
    "-----BEGIN PGP PRIVATE KEY BLOCK-----\n"
    "\n"
    "lQOYBGsXWjcBCAC/1W475dh/xZ+3j9KFVL+iNNVSMPfGdesKCehO0n4+dfz+fJtI\n"
    "dU2hDtQVwLatqtvMGUNa/Jsb4BtNwbd0z0EN6HnyFHIE5jtbb/DqyOTztp3j98po\n"
    "11GABfnTF38pCsAxWBbMZWstt2UhK0fPD+IeQJQA9Cmi0tn6P+ExzMfO7t/lB/3M\n"
    "iCKq9dDSfC8IdNDIoRnrdNdbjdlxyNb/c+Ex38Bpdt3xCgxqQ2U8WffOtpny/VZq\n"
    "j11nwJcReKMdgqQoWeFekBk3AHyhtexASOUJiTIPCWs6u6SN81G1Mgm34PE9cGaD\n"
    "NT/PkUJx9I+KXpHCknffYEGbdkz6cGoRJLVnABEBAAEAB/9LWRwut7VlXmzBD2Mr\n"
    "jqGkpybg3S39TESxETond6MximuAU9Y0TCrdJ3NjReoa5aDmlkev/cc42DoxPPT/\n"
    "kwZk3ZrEXIZ6aSoIXLwepCDVnzV+HM5qhqRS6kX5xWFjb/8UgpqV1wIVl1LIB/Vx\n"
    "HbZ9lnTruPt/ol0O37dmtZ4Hp3q++2856IfQWwEpmhFg6Iepll87J3WAVqlDS0kz\n"
    "eN0MWnakcybLyyL72hd4XMiHTCQrlUtmq+oc/6CfzXn3/cLcpGIDt0+IgkwJDC6G\n"
    "lh6e1PCwqbpGIoj6JqneP3rPhEZyeFf+U3/XK3xX2rC4rx1SiZz7KRUbHyTu1wVc\n"
    "JTOdBADbzj9KHYHqsAT+k8F04sm64/I0d76ZuXll3OBMpmvoFUrA51FDQx9IRmV+\n"
    "TdsidDtoZL9Igx1MAsGe7jV8UB4mAOSjAR8uE9wrnA2C9gt0c4PPcfmZNaaOajEc\n"
    "WvbI9ruSFmC6+7R8vbti8NdPEZESur1m1sPf9HvaQ2djvpXQZQQA32wLwRI+SVr3\n"
    "fT5p8aAv4Da9Qjvg6xYfMjLR7jF9My75qWZzuFDr933LQwr+0Sz8aiaLwUcoi+X0\n"
    "rMo37k4PHwLQJkrFYlcXZwWlUAv+G5dfeh4ZcV2Pa0/iIbtXWh/RHN8Z3niV43gJ\n"
    "itbD+DZpTMqw3c8c8C6yFmfGGP4dQ9sEALEdf8pskI0sYFn3S8urXnr2A59eUhoa\n"
    "OUqdxcJ0NgPNCEAqWFgba2Vbv7LqMuxSCv8TlxXtUJtyYHTTOjxMIkEsvXI95Xjx\n"
    "anadxXtjDuIBzrxrlgC/KR80fsICDPdy6BEez2RNpto1F0WH0I2vQgV9PeT55CUl\n"
    "Bq2kF6fOnXOqN7a0LEFjbWUgQ2hhcnQgU2lnbmluZyA8Y2hhcnRzQGFjbWUuZXhh\n"
    "bXBsZS5jb20+iQFOBBMBCgA4FiEEzsYUj1UtwM2Uxc/vkDq/o4rwyQoFAmsXWjcC\n"
    "GwMFCwkIBwIGFQoJCAsCBBYCAwECHgECF4AACgkQkDq/o4rwyQq85gf+J2Be2dqy\n"
    "56sv4Uh8/1mAH24NsL9BDXje5JJMsOQMWteQrJP6YJPbYivbU0KDveAuApKAMBK/\n"
    "sy91SFEx58eHXsn4tpqTYae+S1c9V3GzzsQ7scSnG5y6LCFfvu0HARrRH/v84zCF\n"
    "dBIJXsXM352c4axlrWoZM4QtreselHYqWrNd8Ktp9EyFxq1gFUib002ZgP78jVLl\n"
    "ds4zZ55OcxZuA5zgwsxLPqsBjFtlPywZXrp8sOqyYj1UnfOLOxntNZFh9fywe3O6\n"
    "30BqOmtvaT1HSA16YsCX6sGCKcbWv8l+R5a0dvs8JFsD8WwIc7wkkE6GMwZfFjuS\n"
    "wNHRJFPO9Ex3Vg==\n"
    "=jkzW\n"
    "-----END PGP PRIVATE KEY BLOCK-----\n"
)
CHART_SIGNING_PUBLIC = (
    "-----BEGIN PGP PUBLIC KEY BLOCK-----\n"
    "\n"
    "mQENBGsXWjcBCAC/1W475dh/xZ+3j9KFVL+iNNVSMPfGdesKCehO0n4+dfz+fJtI\n"
    "dU2hDtQVwLatqtvMGUNa/Jsb4BtNwbd0z0EN6HnyFHIE5jtbb/DqyOTztp3j98po\n"
    "11GABfnTF38pCsAxWBbMZWstt2UhK0fPD+IeQJQA9Cmi0tn6P+ExzMfO7t/lB/3M\n"
    "iCKq9dDSfC8IdNDIoRnrdNdbjdlxyNb/c+Ex38Bpdt3xCgxqQ2U8WffOtpny/VZq\n"
    "j11nwJcReKMdgqQoWeFekBk3AHyhtexASOUJiTIPCWs6u6SN81G1Mgm34PE9cGaD\n"
    "NT/PkUJx9I+KXpHCknffYEGbdkz6cGoRJLVnABEBAAG0LEFjbWUgQ2hhcnQgU2ln\n"
    "bmluZyA8Y2hhcnRzQGFjbWUuZXhhbXBsZS5jb20+iQFOBBMBCgA4FiEEzsYUj1Ut\n"
    "wM2Uxc/vkDq/o4rwyQoFAmsXWjcCGwMFCwkIBwIGFQoJCAsCBBYCAwECHgECF4AA\n"
    "CgkQkDq/o4rwyQq85gf+J2Be2dqy56sv4Uh8/1mAH24NsL9BDXje5JJMsOQMWteQ\n"
    "rJP6YJPbYivbU0KDveAuApKAMBK/sy91SFEx58eHXsn4tpqTYae+S1c9V3GzzsQ7\n"
    "scSnG5y6LCFfvu0HARrRH/v84zCFdBIJXsXM352c4axlrWoZM4QtreselHYqWrNd\n"
    "8Ktp9EyFxq1gFUib002ZgP78jVLlds4zZ55OcxZuA5zgwsxLPqsBjFtlPywZXrp8\n"
    "sOqyYj1UnfOLOxntNZFh9fywe3O630BqOmtvaT1HSA16YsCX6sGCKcbWv8l+R5a0\n"
    "dvs8JFsD8WwIc7wkkE6GMwZfFjuSwNHRJFPO9Ex3Vg==\n"
    "=psXF\n"
    "-----END PGP PUBLIC KEY BLOCK-----\n"
)


def chart_keys(data: dict[str, str]) -> Obj:
    """The keys acme's chart pipeline mounts (acme publishes signed charts of its services)."""
    return configmap(data, name="chart-signing")


# ASP.NET Core reads ConnectionStrings from appsettings.json; Microsoft.Data.SqlClient signs in to Azure SQL either with
# a SQL login's password or, with Authentication=Active Directory Workload Identity, with the pod's federated token.
def appsettings(connection: str) -> str:
    return json.dumps(
        {
            "Logging": {"LogLevel": {"Default": "Information", "Microsoft.AspNetCore": "Warning"}},
            "AllowedHosts": "*",
            "ConnectionStrings": {"Ledger": connection},
        },
        indent=2,
    )


SQL_SERVER = "Server=tcp:acme-ledger.database.windows.net,1433;Initial Catalog=ledger;"
SQL_TAIL = "Encrypt=True;TrustServerCertificate=False;Connection Timeout=30;"
APPSETTINGS_PASSWORD = appsettings(f"{SQL_SERVER}User ID=ledger_app;Password=Jq4vT9xR2mKz7LpW;{SQL_TAIL}")
APPSETTINGS_WORKLOAD_IDENTITY = appsettings(f"{SQL_SERVER}Authentication=Active Directory Workload Identity;{SQL_TAIL}")


def ledger_settings(settings: str) -> Obj:
    return configmap({"appsettings.json": settings}, name="ledger-api-settings")


# Helm releases
ERLANG_COOKIE = {"erlangCookie": "rO9sLjqUXc5guSBUCxZQ4Tr4vi2363mp"}
ERLANG_SECRET = {"existingErlangSecret": "ledger-rabbitmq"}


def rabbitmq(auth: dict[str, Any], tag: Any = "4.1.3-debian-12-r1") -> Obj:
    """Bitnami's RabbitMQ chart for acme's ledger (three clustered nodes); the password always from a Secret."""
    return add(
        RELEASE,
        "acme-ledger-rabbitmq-release",
        name="ledger-rabbitmq",
        chart="rabbitmq",
        version="15.2.5",
        repositoryOpts={"repo": "https://charts.bitnami.com/bitnami"},
        namespace="acme",
        values={
            "auth": {"username": "ledger", "existingPasswordSecret": "ledger-rabbitmq", **auth},
            "replicaCount": 3,
            "clustering": {"enabled": True},
            "image": {"tag": tag},
            "persistence": {"size": "8Gi"},
        },
    )


# A New Relic license key (an ingest key) for the EU region: 40 characters, eu01xx...NRAL.
NEWRELIC_LICENSE = {"licenseKey": "eu01xxe8150c880fcfa3f9677c9b5e2cb470NRAL"}
NEWRELIC_SECRET = {"customSecretName": "newrelic-license", "customSecretLicenseKey": "license"}


def newrelic(credentials: dict[str, Any], cluster: Any = "eu1") -> Obj:
    """New Relic's nri-bundle in the platform's newrelic namespace, with ``credentials`` under ``global``."""
    return add(
        RELEASE,
        "newrelic-bundle-release",
        name="newrelic-bundle",
        chart="nri-bundle",
        version="5.0.140",
        repositoryOpts={"repo": "https://helm-charts.newrelic.com"},
        namespace="newrelic",
        createNamespace=True,
        values={
            "global": {"cluster": cluster, "lowDataMode": True, **credentials},
            "newrelic-infrastructure": {"enabled": True},
            "kube-state-metrics": {"enabled": True},
            "nri-kube-events": {"enabled": True},
        },
    )


# Environment: DATABASE_URL written out, or built by the kubelet from DB_PASSWORD (a Secret reference declared before
# it) with Kubernetes' $(VAR_NAME) expansion.
LEDGER_IMAGE = "registry.example.com/acme/ledger-api:2.8.0"
DB_PASSWORD_REF = {"name": "DB_PASSWORD", "valueFrom": {"secretKeyRef": {"name": "ledger-db", "key": "password"}}}
DB_HOST = "ledger-db.acme.svc:5432/ledger?sslmode=verify-full"
URL_WRITTEN_OUT = {"name": "DATABASE_URL", "value": f"postgres://ledger:Wk7mQ2vR9xTz4LpN@{DB_HOST}"}
URL_DEPENDENT = {"name": "DATABASE_URL", "value": f"postgres://ledger:$(DB_PASSWORD)@{DB_HOST}"}


def ledger_api(env: list[Any], image: Any = LEDGER_IMAGE) -> Obj:
    """acme's ledger API Deployment whose container gets ``env``."""
    template = pod_template(image, sa="ledger-api", labels={"app": "ledger-api"})
    template["spec"]["containers"][0]["env"] = env
    return add(
        DEPLOYMENT,
        "acme-ledger-api-deploy",
        metadata={"name": "ledger-api", "namespace": "acme"},
        spec={"replicas": 2, "selector": {"matchLabels": {"app": "ledger-api"}}, "template": template},
    )


# Cilium: a namespaced CiliumNetworkPolicy scopes an empty endpoint selector in fromEndpoints to its own namespace; a
# CiliumClusterwideNetworkPolicy has no namespace, so the same selector is every endpoint of the cluster.
FROM_ALL_ENDPOINTS = [
    {"fromEndpoints": [{}], "toPorts": [{"ports": [{"port": "8443", "protocol": "TCP"}]}]},
]


def acme_endpoints(app: Any) -> dict[str, Any]:
    return {"matchLabels": {**ACME_ENDPOINTS["matchLabels"], "app": app}}


def clusterwide_from_all(app: Any = None) -> Obj:
    """A CiliumClusterwideNetworkPolicy over acme's endpoints (``app`` ones) admitting ``fromEndpoints: [{}]``."""
    if app is None:
        return clusterwide_policy("acme-shop-from-endpoints", ingress=FROM_ALL_ENDPOINTS)
    return add(
        CCNP,
        "acme-shop-from-endpoints-ccnp",
        metadata={"name": "acme-shop-from-endpoints"},
        spec={"endpointSelector": acme_endpoints(app), "ingress": FROM_ALL_ENDPOINTS},
    )


def namespaced_from_all(app: Any = None) -> Obj:
    """The same rule in a CiliumNetworkPolicy of acme."""
    if app is None:
        return cilium_policy("shop-from-endpoints", ingress=FROM_ALL_ENDPOINTS)
    return add(
        CNP,
        "acme-shop-from-endpoints-cnp",
        metadata={"name": "shop-from-endpoints", "namespace": "acme"},
        spec={"endpointSelector": {"matchLabels": {"app": app}}, "ingress": FROM_ALL_ENDPOINTS},
    )


SHOP = {"matchLabels": {"app": "shop"}}
FROM_FRONTEND = {"fromEndpoints": [{"matchLabels": {"app": "frontend"}}]}


def shop_rules(second_peer: dict[str, Any]) -> Obj:
    """A CiliumNetworkPolicy of acme written with ``specs`` (a list of rules): the frontend to the shop, then the shop's
    metrics port to ``second_peer``."""
    metrics_rule = {**second_peer, "toPorts": [{"ports": [{"port": "9090", "protocol": "TCP"}]}]}
    return add(
        CNP,
        "acme-shop-ingress-cnp",
        metadata={"name": "shop-ingress", "namespace": "acme"},
        specs=[
            {"endpointSelector": SHOP, "ingress": [FROM_FRONTEND]},
            {"endpointSelector": SHOP, "ingress": [metrics_rule]},
        ],
    )


FROM_CLUSTER = {"fromEntities": ["cluster"]}
FROM_COLLECTOR = {"fromEndpoints": [{"matchLabels": {"app": "metrics-collector"}}]}

# Calico: Log records a match and goes on with the next rule; only Allow and Deny end the evaluation.
TENANT_NAMESPACES = {"namespaceSelector": "has(fleet-tenant)"}


def calico_rule(action: str) -> Obj:
    """A Calico NetworkPolicy in acme whose one ingress rule for the shop's 8443, from every tenant namespace, has
    ``action``."""
    return add(
        CALICO_NP,
        "acme-tenants-to-shop-calico",
        metadata={"name": "tenants-to-shop", "namespace": "acme"},
        spec={
            "selector": "app == 'shop'",
            "types": ["Ingress"],
            "ingress": [
                {"action": action, "protocol": "TCP", "source": TENANT_NAMESPACES, "destination": {"ports": [8443]}}
            ],
        },
    )


# Admission: PriorityClasses are cluster-scoped; a rule under scope "Namespaced" matches only namespaced resources.
def priority_hook(scope: Any, ca_bundle: Any = None) -> Obj:
    """acme's validating webhook (served from acme, acme by name) on PriorityClasses (scheduling.k8s.io)."""
    client: dict[str, Any] = {"service": dict(ACME_SERVICE["service"])}
    if ca_bundle is not None:
        client["caBundle"] = ca_bundle
    rule = {
        "operations": ["CREATE", "UPDATE"],
        "apiGroups": ["scheduling.k8s.io"],
        "apiVersions": ["v1"],
        "resources": ["priorityclasses"],
        "scope": scope,
    }
    return webhook(client, OWN_NAME, [rule], kind="Validating", name="acme-priority")


# Providers and patches

PIPL = [{"name": "cn", "countries": ["CN"], "regions": [], "description": "Mainland China only"}]
AUSTRALIA = [{"name": "au", "countries": ["AU"], "regions": [], "description": "Australia only"}]
FRA_REGION = [{"name": "fra", "countries": [], "regions": ["aws:eu-central-1"], "description": "AWS Frankfurt only"}]
FRA_COUNTRY = [{"name": "fra", "countries": ["DE"], "regions": [], "description": "Germany"}]


def syncer_capabilities(add_: list[str]) -> Callable[[dict[str, Any]], None]:
    """The syncer container drops ALL and adds ``add_`` (it binds the control plane's port 443 as a non-root user)."""

    def mutate(values: dict[str, Any]) -> None:
        container = values["controlPlane"]["statefulSet"]["security"]["containerSecurityContext"]
        container["capabilities"] = {"drop": ["ALL"], "add": add_}

    return mutate


def init_drop(drop: list[str]) -> Callable[[dict[str, Any]], None]:
    """The control plane's ``kubernetes`` init container (controlPlane.distro.k8s.securityContext) drops ``drop``."""

    def mutate(values: dict[str, Any]) -> None:
        values["controlPlane"]["distro"]["k8s"]["securityContext"]["capabilities"] = {"drop": drop}

    return mutate


def pod_seccomp(profile: dict[str, Any] | None) -> Callable[[dict[str, Any]], None]:
    """The control plane pod's seccomp profile (podSecurityContext); ``None`` leaves it unset. Its containers (the
    ``kubernetes`` init container and the syncer) keep their own RuntimeDefault profiles."""

    def mutate(values: dict[str, Any]) -> None:
        pod = values["controlPlane"]["statefulSet"]["security"]["podSecurityContext"]
        pod.pop("seccompProfile", None)
        if profile is not None:
            pod["seccompProfile"] = profile

    return mutate


# kubeadm keeps the cluster's ClusterConfiguration in kube-system/kubeadm-config (the upload-config phase); an
# InitConfiguration carries node-local settings and bootstrap tokens, which a joining node presents as its credential.
CLUSTER_CONFIGURATION = """apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
kubernetesVersion: v1.35.0
clusterName: dc1
controlPlaneEndpoint: k8s-api.fra1.acme.example.com:6443
certificatesDir: /etc/kubernetes/pki
imageRepository: registry.k8s.io
networking:
  dnsDomain: cluster.local
  podSubnet: 10.64.0.0/14
  serviceSubnet: 10.96.0.0/16
apiServer:
  certSANs:
    - k8s-api.fra1.acme.example.com
    - 10.20.0.10
"""
INIT_CONFIGURATION = """apiVersion: kubeadm.k8s.io/v1beta4
kind: InitConfiguration
bootstrapTokens:
  - token: 7f3k2q.9x4m1v8r2t6w5z0p
    description: join token for the gpu-2 node pool
    ttl: 24h0m0s
    usages:
      - signing
      - authentication
    groups:
      - system:bootstrappers:kubeadm:default-node-token
nodeRegistration:
  criSocket: unix:///var/run/containerd/containerd.sock
"""


def kubeadm_config_patch(data: dict[str, Any]) -> Obj:
    """A ConfigMapPatch (server-side apply) of kube-system/kubeadm-config, which kubeadm made on the cluster."""
    return patch("ConfigMap", "kubeadm-config-patch", {"name": "kubeadm-config", "namespace": "kube-system"}, data=data)


def on_datacentre(*objects: Obj) -> Build:
    """The existing (kubeadm, on-premises) cluster dc1 in Germany with the GDPR tenant acme and the case's objects."""

    def build(s: Stack) -> None:
        k8s = existing_at(s, "dc1", "DE", "frankfurt-dc1")
        tenant(s, k8s, "acme")
        for make in objects:
            make(s, k8s)

    return build


# Unknown-at-preview helpers


def kubeadm_config_from_load_balancer(s: Stack, k8s: str) -> None:
    """The ClusterConfiguration rendered from the address of the control-plane LoadBalancer Service the same update
    creates (its controlPlaneEndpoint and certSANs): the whole entry is unknown at preview."""
    service = s.add(
        "kubernetes:core/v1:Service",
        "kube-system-k8s-api-svc",
        k8s,
        metadata={"name": "k8s-api", "namespace": "kube-system"},
        spec={
            "type": "LoadBalancer",
            "selector": {"component": "kube-apiserver"},
            "ports": [{"name": "https", "port": 6443, "targetPort": 6443, "protocol": "TCP"}],
        },
    )
    urn = kubeadm_config_patch({"ClusterConfiguration": UNKNOWN})(s, k8s)
    depends(s, urn, data=[service])
    _find(s, urn).dependencies = [service]


# Malformed helpers


def reconcile_job(password_key: Any) -> Obj:
    """acme's nightly ledger reconciliation CronJob: DB_PASSWORD from a Secret (key ``password_key``), DATABASE_URL
    built from it."""
    template = pod_template(LEDGER_IMAGE, sa="ledger-reconcile", labels={"app": "ledger-reconcile"})
    template["spec"]["restartPolicy"] = "OnFailure"
    container = template["spec"]["containers"][0]
    container.pop("ports")
    container["args"] = ["reconcile", "--since=24h"]
    password = {"name": "DB_PASSWORD", "valueFrom": {"secretKeyRef": {"name": "ledger-db", "key": password_key}}}
    container["env"] = [password, URL_DEPENDENT]
    return add(
        CRONJOB,
        "acme-ledger-reconcile-cronjob",
        metadata={"name": "ledger-reconcile", "namespace": "acme"},
        spec={
            "schedule": "15 2 * * *",
            "concurrencyPolicy": "Forbid",
            "jobTemplate": {"spec": {"backoffLimit": 2, "template": template}},
        },
    )


def memory_quota(limits_memory: Any) -> dict[str, Any]:
    """acme's quota bounding CPU by requests and limits and memory by limits only."""
    return {"requests.cpu": "4", "limits.cpu": "8", "limits.memory": limits_memory, "pods": "50"}


def max_only_limits(memory: Any) -> list[dict[str, Any]]:
    """acme's LimitRange with a Container item of max only: the API server defaults default to max (defaults.go), so
    every container gets CPU and memory limits."""
    return [{"type": "Container", "max": {"cpu": "2", "memory": memory}}]


POD_RULE = {
    "operations": ["CREATE", "UPDATE"],
    "apiGroups": [""],
    "apiVersions": ["v1"],
    "resources": ["pods"],
    "scope": "Namespaced",
}
DEPLOYMENT_RULE = {
    "operations": ["CREATE", "UPDATE"],
    "apiGroups": ["apps"],
    "apiVersions": ["v1"],
    "resources": ["deployments"],
    "scope": "Namespaced",
}


def acme_hook(rules: Any, name: str, namespace: Any = "acme") -> Obj:
    """A validating webhook served from the Service acme-hooks of ``namespace``, selecting acme by name."""
    client = {"service": {**ACME_SERVICE["service"], "namespace": namespace}}
    return webhook(client, OWN_NAME, rules, kind="Validating", name=name)


# ============================================================================ tenant isolation

# Violates: acme's ConfigMap holds the encryption configuration of its ledger API server, whose aescbc provider carries
# the 32-byte key that encrypts every Secret at rest: whoever may read ConfigMaps in acme (view included) decrypts them.
case("k24-configmap-encryption-config-aescbc", ISOLATION, "DENY", DOC["encrypt-data"])(
    iso(apiserver_encryption(ENCRYPTION_AESCBC))
)
# Complies: the same file with a KMS v2 provider: a plugin socket and a name, the key stays in the external KMS.
case("k24-configmap-encryption-config-kms-v2", ISOLATION, cite=DOC["kms-v2"])(
    iso(apiserver_encryption(ENCRYPTION_KMS_V2))
)
# Violates: external-dns's azure.json in a ConfigMap carries the service principal's aadClientSecret.
case("k24-configmap-external-dns-azure-client-secret", ISOLATION, "DENY", DOC["external-dns-azure"])(
    iso(external_dns_config(AZURE_JSON_SECRET))
)
# Complies: azure.json with useWorkloadIdentityExtension: the pod signs in with its federated service-account token,
# the file names a tenant, a subscription and a resource group, and no secret.
case("k24-configmap-external-dns-azure-workload-identity", ISOLATION, cite=DOC["external-dns-azure"])(
    iso(external_dns_config(AZURE_JSON_WORKLOAD_IDENTITY))
)
# Violates: the chart pipeline's ConfigMap holds the armored PGP private key that signs acme's charts (helm package
# --sign): whoever reads it can sign charts as acme.
case("k24-configmap-pgp-private-key-block", ISOLATION, "DENY", DOC["helm-provenance"])(
    iso(chart_keys({"signing-key.asc": CHART_SIGNING_PRIVATE}))
)
# Complies: the ConfigMap holds the public key only, the keyring helm verify --keyring checks provenance files with.
case("k24-configmap-pgp-public-key-block", ISOLATION, cite=DOC["helm-provenance"])(
    iso(chart_keys({"pubring.asc": CHART_SIGNING_PUBLIC}))
)
# Violates: the ledger API's appsettings.json in a ConfigMap: its ConnectionStrings entry signs in to Azure SQL with a
# SQL login's Password=.
case("k24-configmap-appsettings-sql-password", ISOLATION, "DENY", DOC["sqlclient-entra"])(
    iso(ledger_settings(APPSETTINGS_PASSWORD))
)
# Complies: the connection string uses Authentication=Active Directory Workload Identity (the pod's federated token);
# it names a server and a database, no password.
case("k24-configmap-appsettings-sql-workload-identity", ISOLATION, cite=DOC["sqlclient-entra"])(
    iso(ledger_settings(APPSETTINGS_WORKLOAD_IDENTITY))
)
# Violates: the RabbitMQ chart gets the Erlang cookie in its values (auth.erlangCookie): the shared secret with which
# any Erlang node or CLI tool authenticates to the cluster's nodes and gets full control of them.
case("k24-helm-rabbitmq-erlang-cookie", ISOLATION, "DENY", DOC["erlang-cookie"])(iso(rabbitmq(ERLANG_COOKIE)))
# Complies: auth.existingErlangSecret names the Secret holding the cookie (the password already comes from one).
case("k24-helm-rabbitmq-existing-erlang-secret", ISOLATION, cite=DOC["rabbitmq-chart"])(iso(rabbitmq(ERLANG_SECRET)))
# Violates: New Relic's nri-bundle gets the account's license key (an ingest key) in its values, global.licenseKey.
case("k24-helm-newrelic-license-key", ISOLATION, "DENY", DOC["newrelic-license-key"])(iso(newrelic(NEWRELIC_LICENSE)))
# Complies: global.customSecretName and customSecretLicenseKey name the Secret and the entry that hold the key ("In case
# you don't want to have the license key in you values").
case("k24-helm-newrelic-custom-secret", ISOLATION, cite=DOC["nri-bundle"])(iso(newrelic(NEWRELIC_SECRET)))
# Violates: the ledger API's DATABASE_URL is written out with the database password in its userinfo, in the
# Deployment's pod template (DB_PASSWORD beside it comes from a Secret, but the URL repeats it in plain text).
case("k24-env-database-url-password-written-out", ISOLATION, "DENY", DOC["distribute-credentials"])(
    iso(ledger_api([DB_PASSWORD_REF, URL_WRITTEN_OUT]))
)
# Complies: DATABASE_URL is postgres://ledger:$(DB_PASSWORD)@...: the kubelet expands the reference to the variable
# declared before it, which comes from the Secret; the pod template holds no password.
case("k24-env-database-url-dependent-variable", ISOLATION, cite=DOC["dependent-env"])(
    iso(ledger_api([DB_PASSWORD_REF, URL_DEPENDENT]))
)
# Violates: a CiliumClusterwideNetworkPolicy over acme's endpoints admits fromEndpoints: [{}], which in a cluster-scoped
# policy is every endpoint of the cluster (Cilium's own "allow all ingress to kube-dns" example), globex's included.
case("k24-ccnp-from-all-endpoints", ISOLATION, "DENY", DOC["cilium-clusterwide"])(
    iso(clusterwide_from_all(), neighbour=True)
)
# Complies: the same rule in a CiliumNetworkPolicy of acme: an empty endpoint selector there is acme's own endpoints.
case("k24-cnp-from-namespace-endpoints", ISOLATION, cite=DOC["cilium-namespaces"])(
    iso(namespaced_from_all(), neighbour=True)
)
# Violates: a CiliumNetworkPolicy written with specs (a list of rules): the first admits acme's frontend, the second
# opens the shop's metrics port to the cluster entity: every endpoint and node of the cluster.
case("k24-cnp-specs-second-rule-cluster", ISOLATION, "DENY", DOC["cilium-specs"])(
    iso(shop_rules(FROM_CLUSTER), neighbour=True)
)
# Complies: the second rule of specs admits acme's own metrics collector.
case("k24-cnp-specs-second-rule-own-endpoints", ISOLATION, cite=DOC["cilium-specs"])(
    iso(shop_rules(FROM_COLLECTOR), neighbour=True)
)
# Violates: a Calico NetworkPolicy in acme allows the shop's 8443 from every namespace that has a fleet-tenant label: a
# selector by label, not by name, that admits every other tenant.
case("k24-calico-allow-from-tenant-namespaces", ISOLATION, "DENY", DOC["calico-rule"])(
    iso(calico_rule("Allow"), neighbour=True)
)
# Complies: the same rule with action Log: Calico logs the match and goes on with the next rule; nothing is allowed, and
# the default deny still drops the traffic.
case("k24-calico-log-from-tenant-namespaces", ISOLATION, cite=DOC["calico-rule"])(
    iso(calico_rule("Log"), neighbour=True)
)
# Violates: acme's webhook rule on PriorityClasses (cluster-scoped) under scope "*": its acme-only namespaceSelector
# has no effect, so acme sees, and may refuse, every PriorityClass written on the cluster.
case("k24-webhook-priorityclasses-any-scope", ISOLATION, "DENY", DOC["webhook-rules"])(
    iso(priority_hook("*"), neighbour=True)
)
# Complies: the same rule under scope "Namespaced", which only namespaced resources match: it intercepts nothing.
case("k24-webhook-priorityclasses-namespaced-scope", ISOLATION, cite=DOC["vwc-api"])(
    iso(priority_hook("Namespaced"), neighbour=True)
)


# ============================================================================ providers and patches

# Violates: acme's custom regime cn allows mainland China only; its cluster is EKS in ap-east-1, Hong Kong, a separate
# jurisdiction with its own ISO code.
case("k24-cn-eks-hong-kong", PROVIDERS, "DENY", DOC["aws-regions"], config={"regimes": PIPL})(
    placed(on_eks("ap-east-1", "HK"), "cn")
)
# Complies: the cn tenant on EKS in cn-northwest-1 (Ningxia).
case("k24-cn-eks-ningxia", PROVIDERS, cite=DOC["aws-regions"], config={"regimes": PIPL})(
    placed(on_eks("cn-northwest-1", "CN"), "cn")
)
# Violates: acme's custom regime au allows Australia only; its cluster is EKS in ap-southeast-6, New Zealand.
case("k24-au-eks-auckland", PROVIDERS, "DENY", DOC["aws-regions"], config={"regimes": AUSTRALIA})(
    placed(on_eks("ap-southeast-6", "NZ"), "au")
)
# Complies: the au tenant on EKS in ap-southeast-4 (Melbourne).
case("k24-au-eks-melbourne", PROVIDERS, cite=DOC["aws-regions"], config={"regimes": AUSTRALIA})(
    placed(on_eks("ap-southeast-4", "AU"), "au")
)
# Violates: a GDPR tenant on AKS in uaecentral, a restricted-access region in the United Arab Emirates.
case("k24-gdpr-aks-uae-central", PROVIDERS, "DENY", DOC["azure-regions"])(placed(on_aks("uaecentral", "AE"), "gdpr"))
# Complies: the GDPR tenant on AKS in francesouth, a restricted-access region in France (Marseille).
case("k24-gdpr-aks-france-south", PROVIDERS, cite=DOC["azure-regions"])(placed(on_aks("francesouth", "FR"), "gdpr"))
# Violates: a GDPR tenant on GKE in asia-southeast3 (Bangkok, Thailand).
case("k24-gdpr-gke-bangkok", PROVIDERS, "DENY", DOC["gcp-regions"])(placed(on_gke("asia-southeast3", "TH"), "gdpr"))
# Complies: the GDPR tenant on GKE in europe-southwest1 (Madrid).
case("k24-gdpr-gke-madrid", PROVIDERS, cite=DOC["gcp-regions"])(placed(on_gke("europe-southwest1", "ES"), "gdpr"))
# Violates: the custom regime fra is one exact region, aws:eu-central-1; acme's cluster is an existing one in a
# Frankfurt data centre: the same country, and not that region.
case("k24-fra-region-existing-frankfurt", PROVIDERS, "DENY", DOC["aws-regions"], config={"regimes": FRA_REGION})(
    placed(existing("DE", "frankfurt-dc1"), "fra")
)
# Complies: the same cluster when fra is the country Germany.
case("k24-fra-country-existing-frankfurt", PROVIDERS, cite=DOC["aws-regions"], config={"regimes": FRA_COUNTRY})(
    placed(existing("DE", "frankfurt-dc1"), "fra")
)
# Violates: the vcluster syncer adds the capability CAP_NET_BIND_SERVICE: restricted allows adding exactly
# "NET_BIND_SERVICE" (pod-security-admission compares the strings), so the control-plane pod is refused.
case("k24-vcluster-add-cap-net-bind-service", PROVIDERS, "DENY", DOC["pss"])(
    on_vcluster(vcluster_values(syncer_capabilities(["CAP_NET_BIND_SERVICE"])))
)
# Complies: the syncer adds NET_BIND_SERVICE.
case("k24-vcluster-add-net-bind-service", PROVIDERS, cite=DOC["pss"])(
    on_vcluster(vcluster_values(syncer_capabilities(["NET_BIND_SERVICE"])))
)
# Violates: the control plane's kubernetes init container drops "all" in lower case: restricted requires the list to
# include "ALL", so the control-plane pod is refused.
case("k24-vcluster-init-drop-all-lower-case", PROVIDERS, "DENY", DOC["pss"])(
    on_vcluster(vcluster_values(init_drop(["all"])))
)
# Complies: the init container drops "ALL".
case("k24-vcluster-init-drop-all-upper-case", PROVIDERS, cite=DOC["pss"])(
    on_vcluster(vcluster_values(init_drop(["ALL"])))
)
# Violates: the control plane pod's seccomp profile is Unconfined; every container sets RuntimeDefault, but restricted
# refuses an Unconfined profile wherever it is set.
case("k24-vcluster-pod-seccomp-unconfined", PROVIDERS, "DENY", DOC["pss"])(
    on_vcluster(vcluster_values(pod_seccomp({"type": "Unconfined"})))
)
# Complies: no pod-level profile; every container sets RuntimeDefault, which is all restricted asks.
case("k24-vcluster-pod-seccomp-unset-containers-runtime-default", PROVIDERS, cite=DOC["pss"])(
    on_vcluster(vcluster_values(pod_seccomp(None)))
)
# Violates: a ConfigMapPatch of kube-system/kubeadm-config on the existing cluster adds an InitConfiguration whose
# bootstrapTokens carry a join token: a bearer credential in a ConfigMap; a patch is held to its kind.
case("k24-kubeadm-config-patch-bootstrap-token", PROVIDERS, "DENY", DOC["bootstrap-tokens"])(
    on_datacentre(
        kubeadm_config_patch({"ClusterConfiguration": CLUSTER_CONFIGURATION, "InitConfiguration": INIT_CONFIGURATION})
    )
)
# Complies: the patch updates the ClusterConfiguration only (what kubeadm itself keeps there: endpoints, subnets, SANs).
case("k24-kubeadm-config-patch-cluster-configuration", PROVIDERS, cite=DOC["kubeadm-upload-config"])(
    on_datacentre(kubeadm_config_patch({"ClusterConfiguration": CLUSTER_CONFIGURATION}))
)


# ============================================================================ unknown at preview

# Violates: auth.erlangCookie in the RabbitMQ values; only the image tag (a mirror's build output) is unknown.
case("k24-unknown-tag-rabbitmq-erlang-cookie", PREVIEW, "DENY", DOC["erlang-cookie"])(
    iso(rabbitmq(ERLANG_COOKIE, tag=UNKNOWN))
)
# Complies: auth.existingErlangSecret; the image tag is unknown.
case("k24-unknown-tag-rabbitmq-existing-erlang-secret", PREVIEW, cite=DOC["rabbitmq-chart"])(
    iso(rabbitmq(ERLANG_SECRET, tag=UNKNOWN))
)
# Violates: global.licenseKey in the nri-bundle values; only global.cluster (an output of the cluster) is unknown.
case("k24-unknown-cluster-newrelic-license-key", PREVIEW, "DENY", DOC["newrelic-license-key"])(
    iso(newrelic(NEWRELIC_LICENSE, cluster=UNKNOWN))
)
# Complies: global.customSecretName; global.cluster is unknown.
case("k24-unknown-cluster-newrelic-custom-secret", PREVIEW, cite=DOC["nri-bundle"])(
    iso(newrelic(NEWRELIC_SECRET, cluster=UNKNOWN))
)
# Violates: DATABASE_URL with the password written out; only the image (a registry output) is unknown.
case("k24-unknown-image-database-url-password", PREVIEW, "DENY", DOC["distribute-credentials"])(
    iso(ledger_api([DB_PASSWORD_REF, URL_WRITTEN_OUT], image=f"{UNKNOWN}:2.8.0"))
)
# Complies: DATABASE_URL built from $(DB_PASSWORD); the image is unknown.
case("k24-unknown-image-database-url-dependent", PREVIEW, cite=DOC["dependent-env"])(
    iso(ledger_api([DB_PASSWORD_REF, URL_DEPENDENT], image=f"{UNKNOWN}:2.8.0"))
)
# Violates: the syncer adds CAP_NET_BIND_SERVICE; only its image tag is unknown, which Pod Security never reads.
case("k24-unknown-tag-vcluster-cap-net-bind-service", PREVIEW, "DENY", DOC["pss"])(
    on_vcluster(vcluster_values(syncer_capabilities(["CAP_NET_BIND_SERVICE"]), image_tag=UNKNOWN))
)
# Complies: NET_BIND_SERVICE; the image tag is unknown.
case("k24-unknown-tag-vcluster-net-bind-service", PREVIEW, cite=DOC["pss"])(
    on_vcluster(vcluster_values(syncer_capabilities(["NET_BIND_SERVICE"]), image_tag=UNKNOWN))
)
# Violates: the CiliumClusterwideNetworkPolicy admits fromEndpoints: [{}]; which of acme's endpoints it selects (their
# app label) is unknown, but it selects acme's, and admits the whole cluster to them.
case("k24-unknown-app-ccnp-from-all-endpoints", PREVIEW, "DENY", DOC["cilium-clusterwide"])(
    iso(clusterwide_from_all(app=UNKNOWN), neighbour=True)
)
# Complies: the namespaced CiliumNetworkPolicy with the same rule; the app label is unknown.
case("k24-unknown-app-cnp-from-namespace-endpoints", PREVIEW, cite=DOC["cilium-namespaces"])(
    iso(namespaced_from_all(app=UNKNOWN), neighbour=True)
)
# Violates: acme's PriorityClasses webhook under scope "*"; only its caBundle (a certificate the update issues) is
# unknown.
case("k24-unknown-ca-webhook-priorityclasses-any-scope", PREVIEW, "DENY", DOC["webhook-rules"])(
    iso(priority_hook("*", ca_bundle=UNKNOWN), neighbour=True)
)
# Complies: the rule under scope "Namespaced"; the caBundle is unknown.
case("k24-unknown-ca-webhook-priorityclasses-namespaced", PREVIEW, cite=DOC["vwc-api"])(
    iso(priority_hook("Namespaced", ca_bundle=UNKNOWN), neighbour=True)
)
# Complies (deferred): the kubeadm-config patch's ClusterConfiguration is rendered from the address of a LoadBalancer
# the update creates, so the whole entry is unknown; its key names no credential: whether it holds one needs the value.
case("k24-unknown-kubeadm-cluster-configuration-deferred", PREVIEW, cite=DOC["unknowns"])(
    on_datacentre(kubeadm_config_from_load_balancer)
)


# ============================================================================ malformed shapes

# Violates (cannot evaluate): the reconciliation CronJob's DB_PASSWORD secretKeyRef.key written as a one-item list (a
# string): whether the variable's value comes from a Secret decides FLEET-SEC-002.
case("k24-bad-cronjob-secret-key-ref-key-list", MALFORMED, "DENY", DOC["cronjob-api"])(iso(reconcile_job(["password"])))
# Complies: the key as a string.
case("k24-cronjob-secret-key-ref-key-string", MALFORMED, cite=DOC["dependent-env"])(iso(reconcile_job("password")))
# Violates (cannot evaluate): acme's quota bounds memory by limits.memory alone, written as an object ({"amount":
# "16Gi"}; a quantity is a string or a number): whether memory is bounded decides FLEET-TEN-001.
case("k24-bad-quota-limits-memory-object", MALFORMED, "DENY", DOC["quota-api"])(
    iso(quota=memory_quota({"amount": "16Gi"}))
)
# Complies: limits.memory "16Gi" (every pod must declare memory limits, and their sum is bounded).
case("k24-quota-limits-memory-string", MALFORMED, cite=DOC["quota-api"])(iso(quota=memory_quota("16Gi")))
# Violates (cannot evaluate): acme's pods webhook with its rules written as one rule object (a list of rules): which
# requests it intercepts decides FLEET-TEN-008.
case("k24-bad-webhook-rules-object", MALFORMED, "DENY", DOC["vwc-api"])(
    iso(acme_hook(POD_RULE, "acme-pods"), neighbour=True)
)
# Complies: the rules as a list (pods, namespaced, acme by name).
case("k24-webhook-rules-list", MALFORMED, cite=DOC["webhook-rules"])(
    iso(acme_hook([POD_RULE], "acme-pods"), neighbour=True)
)
# Violates (cannot evaluate): acme's deployments webhook whose clientConfig.service.namespace is a one-item list (a
# string): who serves it (a tenant or the platform) decides FLEET-TEN-008.
case("k24-bad-webhook-service-namespace-list", MALFORMED, "DENY", DOC["vwc-api"])(
    iso(acme_hook([DEPLOYMENT_RULE], "acme-deployments", namespace=["acme"]), neighbour=True)
)
# Complies: the namespace as a string (acme serves it, for acme only).
case("k24-webhook-service-namespace-string", MALFORMED, cite=DOC["webhook-rules"])(
    iso(acme_hook([DEPLOYMENT_RULE], "acme-deployments"), neighbour=True)
)
# Violates (cannot evaluate): acme's LimitRange of a Container max only, its memory written as an object ({"amount":
# "4Gi"}; a quantity is a string or a number): whether containers get a default memory limit (defaulted from max)
# decides FLEET-TEN-001.
case("k24-bad-limitrange-max-memory-object", MALFORMED, "DENY", DOC["limitrange-api"])(
    iso(limits=max_only_limits({"amount": "4Gi"}))
)
# Complies: max memory "4Gi", which the API server copies into default.
case("k24-limitrange-max-memory-string", MALFORMED, cite=DOC["limitrange-api"])(iso(limits=max_only_limits("4Gi")))
# Violates (cannot evaluate): acme's default deny whose podSelector.matchLabels is an empty list (a map): whether it
# selects every pod decides FLEET-TEN-001.
case("k24-bad-default-deny-match-labels-list", MALFORMED, "DENY", DOC["label-selector"])(
    iso(deny={"podSelector": {"matchLabels": []}, "policyTypes": ["Ingress", "Egress"]})
)
# Complies: matchLabels as an empty map: every pod of acme.
case("k24-default-deny-match-labels-empty-map", MALFORMED, cite=DOC["netpol-api"])(
    iso(deny={"podSelector": {"matchLabels": {}}, "policyTypes": ["Ingress", "Egress"]})
)
