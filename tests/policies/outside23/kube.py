"""Kubernetes isolation cases of the twenty-third outside corpus: kinds, fields and situations the twenty-two earlier
outside corpora did not try. The kubelet's fine-grained ``nodes/pods`` subresource (Kubernetes 1.33+) aggregated into
view against ``pods`` reads; a RoleBinding to a ClusterRole of the stack that gathers, through its own
``aggregationRule``, a role writing ResourceQuotas and LimitRanges, against one gathering HPA and scale writes; a
tenant webhook on VolumeAttachments (cluster-scoped) against one on VolumeSnapshots; a CiliumNetworkPolicy admitting
endpoints by their namespace's labels (``k8s:io.cilium.k8s.namespace.labels.*``) against the tenant's own endpoints; a
Calico NetworkPolicy whose ``namespaceSelector: global()`` reaches a GlobalNetworkSet holding a private range, against
a partner's public range; Datadog's ``datadog.apiKey`` in Helm values against ``apiKeyExistingSecret``; a Squid
``cache_peer ... login=user:password`` against ``login=PASSTHRU``; a Tomcat ``server.xml`` whose keystore password is
an XML attribute against PEM files mounted from a Secret; a Kerberos keytab in a ConfigMap's ``binaryData``; a
RabbitMQ ``default_pass``. Providers and patches: GDPR on EKS in Osaka and eu on GKE in Seoul (countries with an EU
adequacy decision, outside the EEA) against Frankfurt and Warsaw, a custom regime of one exact Azure region
(Germany West Central) against a cluster in Germany North, a custom regime that extends another custom regime, GDPR
on an existing cluster in Uruguay against Portugal, a HorizontalPodAutoscalerPatch and an IngressClass that claim a
dedicated cluster (the second beside another tenant's virtual-cluster host namespace), a FlexVolume against an OCI
image volume on the vcluster control plane, a Secret manifest inside the vcluster release's
``experimental.deploy.vcluster.manifests``, a ReplicationControllerPatch that puts a Twilio auth token into the
environment. Then values unknown at preview and malformed shapes.

Written from Kubernetes, Cilium, Calico, Datadog, Squid, Apache Tomcat, MIT Kerberos, RabbitMQ, vCluster, Twilio,
Pulumi, European Commission and cloud region documentation and the pack's user-facing contract (docs/RULES.md,
docs/SPEC.md, docs/REVIEW.md, README.md, what fleet/tenancy, fleet/clusters, fleet/core/vcluster_chart.py,
fleet/core/podsecurity.py and the region and country catalogue render and judge), by a helper that did not read the
pack's rules, its configs, its tests or the tuned corpus's cases. Each case only says whether a correct pack reports
some mandatory violation (``expect="DENY"``) or none; a comment above it says why, and it cites the page the outcome
rests on. The stacks are built with the helpers of the earlier outside corpora.

``UNKNOWN`` stands for a value the engine only learns at the update. Where the decision does not need it a correct
pack decides as if it were known; where it does, the pack defers (advisory FLEET-PRE-001, or the SDK's advisory
"can't run policy during preview" for a resource rule), which is no mandatory violation.
"""

from __future__ import annotations

import base64
import copy
from collections.abc import Callable
from typing import Any

from tests.policies.corpus import UNKNOWN, Stack
from tests.policies.outside.corpus import _find, cluster, group, ingress, netpol, role_binding, tenant
from tests.policies.outside2.corpus import CLAIM, VIEW_AGG, Obj, iso
from tests.policies.outside3.kube import RELEASE, add, on_vcluster, patch
from tests.policies.outside5.kube import webhook
from tests.policies.outside6.kube import configmap
from tests.policies.outside11.cloud import depends
from tests.policies.outside15.kube import existing, on_aks, on_eks, on_gke, placed
from tests.policies.outside16.kube import cilium_policy
from tests.policies.outside18.kube import ACME_SERVICE, OWN_NAME, hook_on
from tests.policies.outside20.kube import calico_ingress
from tests.policies.outside21.kube import CLUSTER_ROLE, aggregated
from tests.policies.outside22.kube import vcluster_values
from tests.policies.outside23.common import Build, case

ISOLATION = "tenant-isolation"
PROVIDERS = "k8s-providers-and-patches"
PREVIEW = "unknown-at-preview"
MALFORMED = "malformed"

K8S_API = "https://kubernetes.io/docs/reference/kubernetes-api"

DOC = {
    # RBAC and aggregation
    "kubelet-authz": "https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/#kubelet-authorization",
    "kubelet-kep": "https://www.kubernetes.dev/resources/keps/2862/",
    "aggregation": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#aggregated-clusterroles",
    "user-facing": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles",
    "cr-api": f"{K8S_API}/authorization-resources/cluster-role-v1/",
    # admission
    "webhook-ns": (
        "https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/"
        "#matching-requests-namespaceselector"
    ),
    "volumeattachment-api": f"{K8S_API}/config-and-storage-resources/volume-attachment-v1/",
    "volume-snapshots": "https://kubernetes.io/docs/concepts/storage/volume-snapshots/",
    # network policy
    "cilium-k8s": "https://docs.cilium.io/en/stable/security/policy/kubernetes/#namespaces",
    "calico-gns": "https://docs.tigera.io/calico/latest/reference/resources/globalnetworkset",
    "netpol-api": f"{K8S_API}/policy-resources/network-policy-v1/",
    "netpol": "https://kubernetes.io/docs/concepts/services-networking/network-policies/",
    # credentials
    "datadog-chart": "https://github.com/DataDog/helm-charts/blob/main/charts/datadog/README.md",
    "squid-cache-peer": "https://www.squid-cache.org/Doc/config/cache_peer/",
    "tomcat-certificate": "https://tomcat.apache.org/tomcat-10.1-doc/config/http.html#SSL_Support_-_Certificate",
    "keytab": "https://web.mit.edu/kerberos/krb5-latest/doc/basic/keytab_def.html",
    "krb5-conf": "https://web.mit.edu/kerberos/krb5-latest/doc/admin/conf_files/krb5_conf.html",
    "rabbitmq-config": "https://www.rabbitmq.com/docs/configure#config-items",
    "twilio-auth-token": "https://www.twilio.com/docs/iam/api/authtoken",
    "distribute-credentials": "https://kubernetes.io/docs/tasks/inject-data-application/distribute-credentials-secure/",
    "configmap-api": f"{K8S_API}/config-and-storage-resources/config-map-v1/",
    "container-api": f"{K8S_API}/workload-resources/pod-v1/#environment-variables",
    # placement
    "aws-regions": "https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html",
    "gcp-regions": "https://cloud.google.com/compute/docs/regions-zones",
    "azure-regions": "https://learn.microsoft.com/en-us/azure/reliability/regions-list",
    "adequacy": (
        "https://commission.europa.eu/law/law-topic/data-protection/international-dimension-data-protection/"
        "adequacy-decisions_en"
    ),
    "eu-countries": "https://european-union.europa.eu/principles-countries-history/eu-countries_en",
    # isolation claims, vcluster, Pod Security, patches
    "hpa-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/autoscaling/v2/horizontalpodautoscalerpatch/",
    "ingressclass": "https://kubernetes.io/docs/concepts/services-networking/ingress/#ingress-class",
    "vcluster-host-namespace": "https://www.vcluster.com/docs/vcluster/introduction/architecture/",
    "pss": "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted",
    "image-volume": "https://kubernetes.io/docs/concepts/storage/volumes/#image",
    "vcluster-values": "https://github.com/loft-sh/vcluster/blob/main/chart/values.yaml",
    "external-secrets": "https://external-secrets.io/latest/api/externalsecret/",
    "rc-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/core/v1/replicationcontrollerpatch/",
    "namespace-api": f"{K8S_API}/cluster-resources/namespace-v1/",
    "unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
}


# ------------------------------------------------------------------------------------ helpers

READ = ["get", "list", "watch"]
TICKET = {"example.com/change-ticket": UNKNOWN}

# The kubelet's /pods endpoint (every pod on the node, other tenants' pod specs and env values included) behind the
# fine-grained subresource nodes/pods (KubeletFineGrainedAuthz, beta and on by default since 1.33).
NODE_PODS_READ = [{"apiGroups": [""], "resources": ["nodes/pods"], "verbs": ["get"]}]
PODS_READ = [{"apiGroups": [""], "resources": ["pods"], "verbs": READ}]


def inventory_viewer(rules: Any, annotations: dict[str, Any] | None = None) -> Obj:
    """The platform's workload-inventory ClusterRole aggregated into view (``rules`` as given)."""
    return aggregated("workload-inventory-view", rules, VIEW_AGG, annotations)


OPERATORS_LABEL = "acme.example.com/aggregate-to-operators"
QUOTA_TUNING = [
    {"apiGroups": [""], "resources": ["resourcequotas", "limitranges"], "verbs": [*READ, "patch", "update"]},
]
SCALE_TUNING = [
    {"apiGroups": ["autoscaling"], "resources": ["horizontalpodautoscalers"], "verbs": [*READ, "patch", "update"]},
    {"apiGroups": ["apps"], "resources": ["deployments/scale"], "verbs": ["get", "patch", "update"]},
]


def operators_binding(gathered: Any) -> list[Obj]:
    """acme's on-call operators bound in acme to the stack's ClusterRole ``acme-operators``, which has no rules of
    its own and gathers, through its aggregationRule, every ClusterRole labelled ``OPERATORS_LABEL``; one such role,
    ``acme-capacity-tuner``, with the rules ``gathered``. Neither role carries a user-facing aggregation label."""
    return [
        add(
            CLUSTER_ROLE,
            "acme-operators-cr",
            metadata={"name": "acme-operators"},
            aggregationRule={"clusterRoleSelectors": [{"matchLabels": {OPERATORS_LABEL: "true"}}]},
            rules=[],
        ),
        add(
            CLUSTER_ROLE,
            "acme-capacity-tuner-cr",
            metadata={"name": "acme-capacity-tuner", "labels": {OPERATORS_LABEL: "true"}},
            rules=gathered,
        ),
        role_binding(("ClusterRole", "acme-operators"), group("acme-oncall"), name="acme-operators"),
    ]


def attachments_hook(ca_bundle: Any = None) -> Obj:
    """acme's validating webhook (served from acme, acme by name) on VolumeAttachments (cluster-scoped)."""
    if ca_bundle is None:
        return hook_on("volumeattachments", "storage.k8s.io", "v1", "Cluster")
    return _hook("volumeattachments", "storage.k8s.io", "Cluster", ca_bundle)


def snapshots_hook(ca_bundle: Any = None, scope: Any = "Namespaced") -> Obj:
    """acme's validating webhook (served from acme, acme by name) on VolumeSnapshots (namespaced)."""
    if ca_bundle is None and scope == "Namespaced":
        return hook_on("volumesnapshots", "snapshot.storage.k8s.io", "v1", "Namespaced")
    return _hook("volumesnapshots", "snapshot.storage.k8s.io", scope, ca_bundle)


def _hook(resource: str, group_: str, scope: Any, ca_bundle: Any) -> Obj:
    client: dict[str, Any] = {"service": dict(ACME_SERVICE["service"])}
    if ca_bundle is not None:
        client["caBundle"] = ca_bundle
    rule = {
        "operations": ["CREATE", "UPDATE"],
        "apiGroups": [group_],
        "apiVersions": ["v1"],
        "resources": [resource],
        "scope": scope,
    }
    return webhook(client, OWN_NAME, [rule], kind="Validating", name=f"acme-{resource}")


# Cilium: a namespaced CiliumNetworkPolicy scopes its peers to its own namespace unless the selector names namespace
# labels itself (k8s:io.kubernetes.pod.namespace, or the namespace's labels as k8s:io.cilium.k8s.namespace.labels.*).
TEAM_PAYMENTS_CHECKOUT = {"k8s:io.cilium.k8s.namespace.labels.team": "payments", "app": "checkout"}
OWN_CHECKOUT = {"k8s:io.kubernetes.pod.namespace": "acme", "app": "checkout"}


def from_checkout(labels: dict[str, Any]) -> Obj:
    """A CiliumNetworkPolicy in acme admitting the checkout endpoints ``labels`` select to the shop on 8443."""
    return cilium_policy(
        "allow-checkout",
        ingress=[
            {"fromEndpoints": [{"matchLabels": labels}], "toPorts": [{"ports": [{"port": "8443", "protocol": "TCP"}]}]}
        ],
    )


# Calico: a namespaced NetworkPolicy reaches the CIDRs of GlobalNetworkSets only through namespaceSelector global().
GLOBAL_NETWORK_SET = "kubernetes:projectcalico.org/v3:GlobalNetworkSet"
FROM_SFTP_GATEWAYS = {"namespaceSelector": "global()", "selector": "role == 'sftp-gateways'"}


def sftp_gateways(nets: Any) -> Obj:
    """The cluster-scoped GlobalNetworkSet ``sftp-gateways`` (labelled role=sftp-gateways) holding ``nets``."""
    return add(
        GLOBAL_NETWORK_SET,
        "sftp-gateways-gns",
        metadata={"name": "sftp-gateways", "labels": {"role": "sftp-gateways"}},
        spec={"nets": nets},
    )


def datadog(credentials: dict[str, Any], tag: Any = "7.66.1") -> Obj:
    """Datadog's chart in the ``datadog`` namespace, sending to the EU1 site, with ``credentials`` under ``datadog``."""
    return add(
        RELEASE,
        "datadog-release",
        name="datadog",
        chart="datadog",
        version="3.118.2",
        repositoryOpts={"repo": "https://helm.datadoghq.com"},
        namespace="datadog",
        createNamespace=True,
        values={
            "datadog": {
                **credentials,
                "site": "datadoghq.eu",
                "clusterName": "eu1",
                "logs": {"enabled": True, "containerCollectAll": False},
                "kubelet": {"tlsVerify": True},
            },
            "agents": {"image": {"tag": tag}},
        },
    )


DATADOG_API_KEY = {"apiKey": "3f9c2a71d04b58e6a9c1f2b7d8e05a64"}
DATADOG_EXISTING = {"apiKeyExistingSecret": "datadog-api-key"}

SQUID_LOGIN = """http_port 3128
acl acme_pods src 10.64.0.0/14
http_access allow acme_pods
http_access deny all
cache_peer proxy.partner.example.net parent 8080 0 no-query default login=acme-egress:Vq7mT2xR9kLp4Zw
never_direct allow all
"""
# The same parent proxy, each client's own Proxy-Authorization passed on untouched.
SQUID_PASSTHRU = SQUID_LOGIN.replace("login=acme-egress:Vq7mT2xR9kLp4Zw", "login=PASSTHRU")


def squid_config(conf: Any) -> Obj:
    return configmap({"squid.conf": conf}, name="egress-proxy")


TOMCAT_KEYSTORE = """<?xml version="1.0" encoding="UTF-8"?>
<Server port="-1" shutdown="SHUTDOWN">
  <Service name="Catalina">
    <Connector port="8443" protocol="org.apache.coyote.http11.Http11NioProtocol" SSLEnabled="true" maxThreads="150">
      <SSLHostConfig>
        <Certificate certificateKeystoreFile="/etc/tomcat/tls/ledger.p12" certificateKeystoreType="PKCS12"
                     certificateKeystorePassword="Kp8vR3mX7qLz2TwN" type="RSA" />
      </SSLHostConfig>
    </Connector>
    <Engine name="Catalina" defaultHost="localhost">
      <Host name="localhost" appBase="webapps" />
    </Engine>
  </Service>
</Server>
"""
# The same connector with the PEM key and certificate mounted from a Secret (a kubernetes.io/tls Secret's tls.key and
# tls.crt): the key file is not encrypted, so no password is needed.
TOMCAT_PEM = TOMCAT_KEYSTORE.replace(
    '<Certificate certificateKeystoreFile="/etc/tomcat/tls/ledger.p12" certificateKeystoreType="PKCS12"\n'
    '                     certificateKeystorePassword="Kp8vR3mX7qLz2TwN" type="RSA" />',
    '<Certificate certificateFile="/etc/tomcat/tls/tls.crt" certificateKeyFile="/etc/tomcat/tls/tls.key"\n'
    '                     type="RSA" />',
)


def tomcat_config(server_xml: str) -> Obj:
    return configmap({"server.xml": server_xml}, name="ledger-tomcat")


KRB5_CONF = """[libdefaults]
    default_realm = ACME.EXAMPLE.COM
    dns_lookup_kdc = false
    rdns = false

[realms]
    ACME.EXAMPLE.COM = {
        kdc = kdc1.acme.example.com
        kdc = kdc2.acme.example.com
        admin_server = kadmin.acme.example.com
    }
"""
# An MIT keytab (format 0x0502) for HTTP/ledger.acme.example.com@ACME.EXAMPLE.COM, kvno 3: one aes256-cts (etype 18)
# and one aes128-cts (etype 17) key. Whoever reads it can act as the service principal.
LEDGER_KEYTAB = (
    "BQIAAABkAAIAEEFDTUUuRVhBTVBMRS5DT00ABEhUVFAAF2xlZGdlci5hY21lLmV4YW1wbGUuY29tAAAAAWlVuQADABIAIHHMmZWM+hzgJV6lxc1C"
    "ZUoyutLCGj8Z0IiTyhpp32MRAAAAAwAAAFQAAgAQQUNNRS5FWEFNUExFLkNPTQAESFRUUAAXbGVkZ2VyLmFjbWUuZXhhbXBsZS5jb20AAAABaVW5"
    "AAMAEQAQwfaHgiV9/O4hXsCQjnxiqAAAAAM="
)
KRB5_CONF_B64 = base64.b64encode(KRB5_CONF.encode()).decode()


def kerberos_config(**inputs: Any) -> Obj:
    return configmap({"krb5.conf": KRB5_CONF}, name="ledger-kerberos", **inputs)


RABBITMQ_DEFAULT_PASS = """listeners.tcp = none
listeners.ssl.default = 5671
ssl_options.cacertfile = /etc/rabbitmq/tls/ca.crt
ssl_options.certfile = /etc/rabbitmq/tls/tls.crt
ssl_options.keyfile = /etc/rabbitmq/tls/tls.key
ssl_options.verify = verify_peer
default_vhost = ledger
default_user = ledger-app
default_pass = Tz4mQ8vR2xKp7LwN
"""
# The same broker without a default user: clients log in with their TLS certificates (the EXTERNAL mechanism of the
# rabbitmq_auth_mechanism_ssl plugin), so the file sets no password.
RABBITMQ_EXTERNAL = RABBITMQ_DEFAULT_PASS.replace(
    "default_user = ledger-app\ndefault_pass = Tz4mQ8vR2xKp7LwN\n",
    "ssl_options.fail_if_no_peer_cert = true\nauth_mechanisms.1 = EXTERNAL\nssl_cert_login_from = common_name\n",
)


def rabbitmq_config(conf: str) -> Obj:
    return configmap({"rabbitmq.conf": conf}, name="ledger-rabbitmq")


# Providers and patches

FRA_AZURE = [
    {"name": "fra-azure", "countries": [], "regions": ["azure:germanywestcentral"], "description": "Azure Frankfurt"}
]
# A custom regime that extends another custom regime (spec: extends names a built-in or custom regime).
DACH = [
    {"name": "de-at", "countries": ["DE", "AT"], "regions": [], "description": "Germany and Austria"},
    {
        "name": "dach",
        "countries": ["CH"],
        "regions": [],
        "extends": "de-at",
        "description": "Germany, Austria and Switzerland",
    },
]


def hpa_patch(labels: dict[str, Any]) -> Obj:
    """A HorizontalPodAutoscalerPatch (server-side apply) of acme's shop HPA that labels it ``labels``."""
    return patch(
        "HorizontalPodAutoscaler",
        "acme-shop-hpa-patch",
        {"name": "shop", "namespace": "acme", "labels": labels},
        group_version="autoscaling/v2",
        spec={"maxReplicas": 12},
    )


def edge_ingress_class(labels: dict[str, Any]) -> Obj:
    """acme's IngressClass ``acme-edge`` (cluster-scoped), labelled ``labels``."""
    return add(
        "kubernetes:networking.k8s.io/v1:IngressClass",
        "acme-edge-ingressclass",
        metadata={"name": "acme-edge", "labels": labels},
        spec={"controller": "k8s.io/ingress-nginx"},
    )


def claim_beside_virtual_cluster(same_cluster: bool) -> Build:
    """acme's IngressClass claiming a dedicated cluster on eu1; globex, a virtual-cluster tenant, has its host
    namespace (fully guarded, labelled fleet-isolation=vcluster) on eu1 itself or on a second cluster, eu2."""

    def build(s: Stack) -> None:
        _, k8s = cluster(s)
        tenant(s, k8s, "acme")
        globex_k8s = k8s if same_cluster else cluster(s, "eu2")[1]
        host = _find(s, tenant(s, globex_k8s, "globex"))
        meta = host.inputs["metadata"]
        host.inputs = {**host.inputs, "metadata": {**meta, "labels": {**meta["labels"], "fleet-isolation": "vcluster"}}}
        edge_ingress_class(CLAIM)(s, k8s)

    return build


BUNDLE_MOUNT = "/etc/vcluster/admission-bundle"
# Before image volumes, OCI artifacts were mounted through a FlexVolume (or CSI) driver of the node.
FLEX_BUNDLE = {
    "name": "admission-bundle",
    "flexVolume": {
        "driver": "acme.example.com/oci-artifact",
        "readOnly": True,
        "options": {"reference": "registry.example.com/platform/admission-bundle:2026.1"},
    },
}
IMAGE_BUNDLE = {
    "name": "admission-bundle",
    "image": {"reference": "registry.example.com/platform/admission-bundle:2026.1", "pullPolicy": "IfNotPresent"},
}


def bundle_volume(volume: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    """Mount ``volume`` read-only into the vcluster control plane (persistence.addVolumes / addVolumeMounts)."""

    def mutate(values: dict[str, Any]) -> None:
        persistence = values["controlPlane"]["statefulSet"].setdefault("persistence", {})
        persistence["addVolumes"] = [volume]
        persistence["addVolumeMounts"] = [{"name": volume["name"], "mountPath": BUNDLE_MOUNT, "readOnly": True}]

    return mutate


def with_field(volume: dict[str, Any], source: str, field: str, value: Any) -> dict[str, Any]:
    """``volume`` with ``source.field`` set to ``value``."""
    changed = copy.deepcopy(volume)
    changed[source][field] = value
    return changed


# The bundle's reference is a build output (the digest the update's image build pushes): unknown at preview.
FLEX_BUNDLE_UNKNOWN = with_field(FLEX_BUNDLE, "flexVolume", "options", {"reference": UNKNOWN})
IMAGE_BUNDLE_UNKNOWN = with_field(IMAGE_BUNDLE, "image", "reference", UNKNOWN)


SEED_SECRET = """apiVersion: v1
kind: Secret
metadata:
  name: ledger-db
  namespace: ledger
type: Opaque
stringData:
  username: ledger_app
  password: Rm7vQ2xT9kLp4ZwN
"""
# The same credential pulled inside the virtual cluster from the platform's Vault by External Secrets Operator: the
# manifest names where the value lives, not the value.
SEED_EXTERNAL_SECRET = """apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: ledger-db
  namespace: ledger
spec:
  refreshInterval: 1h
  secretStoreRef:
    kind: ClusterSecretStore
    name: platform-vault
  target:
    name: ledger-db
  dataFrom:
    - extract:
        key: acme/ledger/db
"""


def seed_manifests(manifests: Any) -> Callable[[dict[str, Any]], None]:
    """Raw manifests the vcluster chart applies inside the virtual cluster (experimental.deploy.vcluster.manifests)."""

    def mutate(values: dict[str, Any]) -> None:
        values.setdefault("experimental", {})["deploy"] = {"vcluster": {"manifests": manifests}}

    return mutate


SMS_IMAGE = "registry.example.com/acme/sms-gateway:3.2.0"
TWILIO_SID = {"name": "TWILIO_ACCOUNT_SID", "value": "AC5e1f0c9d8b7a6f5e4d3c2b1a0f9e8d7c"}
TWILIO_TOKEN = {"name": "TWILIO_AUTH_TOKEN", "value": "8c4f2e9a1b7d3c6e5f0a9b8c7d6e5f4a"}
TWILIO_TOKEN_REF = {
    "name": "TWILIO_AUTH_TOKEN",
    "valueFrom": {"secretKeyRef": {"name": "twilio", "key": "auth-token"}},
}


def sms_gateway_patch(env: Any, image: Any = SMS_IMAGE) -> Obj:
    """A ReplicationControllerPatch (server-side apply) of acme's sms-gateway that sets its container's env."""
    return patch(
        "ReplicationController",
        "acme-sms-gateway-rc-patch",
        {"name": "sms-gateway", "namespace": "acme"},
        spec={"template": {"spec": {"containers": [{"name": "gateway", "image": image, "env": env}]}}},
    )


# Unknown-at-preview helpers


def squid_from_load_balancer(s: Stack, k8s: str) -> None:
    """The Squid ConfigMap whose squid.conf is rendered from the address of the partner proxy's LoadBalancer Service
    that the same update creates (in the platform's ``edge`` namespace): the whole file is unknown at preview."""
    service = s.add(
        "kubernetes:core/v1:Service",
        "edge-parent-proxy-svc",
        k8s,
        metadata={"name": "parent-proxy", "namespace": "edge"},
        spec={
            "type": "LoadBalancer",
            "selector": {"app": "parent-proxy"},
            "ports": [{"port": 8080, "protocol": "TCP"}],
        },
    )
    urn = squid_config(UNKNOWN)(s, k8s)
    depends(s, urn, data=[service])
    _find(s, urn).dependencies = [service]


def datadog_key_secret(s: Stack, k8s: str) -> None:
    """Datadog's release naming a Secret the same update creates with an auto-generated name (unknown at preview)."""
    secret_urn = s.add(
        "kubernetes:core/v1:Secret",
        "datadog-api-key-secret",
        k8s,
        metadata={"namespace": "datadog"},
        type="Opaque",
    )
    urn = datadog({"apiKeyExistingSecret": UNKNOWN})(s, k8s)
    depends(s, urn, values=[secret_urn])
    _find(s, urn).dependencies = [secret_urn]


# Malformed helpers

EVENTS_READ_AS_OBJECT = [{"apiGroups": ["events.k8s.io"], "resources": [{"name": "events"}], "verbs": READ}]
EVENTS_READ = [{"apiGroups": ["events.k8s.io"], "resources": ["events"], "verbs": READ}]
PARTNER = "198.51.100.0/24"


def partner_ingress(except_: list[Any]) -> Obj:
    """A NetworkPolicy in acme admitting a partner's public /24, less ``except_``, on 8443."""
    peer = {"ipBlock": {"cidr": PARTNER, "except": except_}}
    return netpol(ingress(peer, ports=[{"protocol": "TCP", "port": 8443}]), name="allow-partner")


def renamed_namespace(name: Any) -> Callable[[Stack, str], None]:
    """Rewrite acme's Namespace so that its metadata.name is ``name`` (its labels and annotations kept)."""

    def make(s: Stack, k8s: str) -> None:
        namespace = next(r for r in s.resources if r.type == "kubernetes:core/v1:Namespace" and r.name == "acme-ns")
        namespace.inputs = {**namespace.inputs, "metadata": {**namespace.inputs["metadata"], "name": name}}

    return make


# ============================================================================ tenant isolation

# Violates: a ClusterRole aggregated into view grants get on nodes/pods, the kubelet's /pods endpoint behind its
# fine-grained subresource: every tenant's viewers may list the full specs (env values included) of every pod on every
# node. nodes is a cluster-scoped kind that decides isolation.
case("k23-agg-view-nodes-pods", ISOLATION, "DENY", DOC["kubelet-authz"])(
    iso(inventory_viewer(NODE_PODS_READ), neighbour=True)
)
# Complies: the same role reads pods (namespaced), which the built-in view role already grants.
case("k23-agg-view-pods-read", ISOLATION, cite=DOC["user-facing"])(iso(inventory_viewer(PODS_READ), neighbour=True))
# Violates: acme's on-call group is bound in acme to acme-operators, a ClusterRole of the stack with no rules of its own
# whose aggregationRule gathers acme-capacity-tuner: update and patch on ResourceQuotas and LimitRanges, so the
# binding lets acme lift its own quota and limits.
case("k23-rb-aggregating-role-gathers-quota-writes", ISOLATION, "DENY", DOC["aggregation"])(
    iso(*operators_binding(QUOTA_TUNING), neighbour=True)
)
# Complies: the gathered role writes HorizontalPodAutoscalers and deployments/scale only (what edit grants).
case("k23-rb-aggregating-role-gathers-scale-writes", ISOLATION, cite=DOC["aggregation"])(
    iso(*operators_binding(SCALE_TUNING), neighbour=True)
)
# Violates: a webhook served from acme intercepts VolumeAttachments (storage.k8s.io, cluster-scoped): its acme-only
# namespaceSelector has no effect on them, so acme sees and may refuse every tenant's volume attachments.
case("k23-webhook-volumeattachments", ISOLATION, "DENY", DOC["webhook-ns"])(iso(attachments_hook(), neighbour=True))
# Complies: the same webhook on VolumeSnapshots (namespaced), acme's namespace only.
case("k23-webhook-volumesnapshots-own", ISOLATION, cite=DOC["volume-snapshots"])(iso(snapshots_hook(), neighbour=True))
# Violates: a CiliumNetworkPolicy in acme admits checkout endpoints of every namespace labelled team=payments
# (k8s:io.cilium.k8s.namespace.labels.team): a namespace label any namespace can carry, not acme's namespace.
case("k23-cilium-from-endpoints-namespace-label", ISOLATION, "DENY", DOC["cilium-k8s"])(
    iso(from_checkout(TEAM_PAYMENTS_CHECKOUT), neighbour=True)
)
# Complies: the checkout endpoints of acme's own namespace (k8s:io.kubernetes.pod.namespace: acme).
case("k23-cilium-from-endpoints-own-namespace", ISOLATION, cite=DOC["cilium-k8s"])(
    iso(from_checkout(OWN_CHECKOUT), neighbour=True)
)
# Violates: a Calico NetworkPolicy in acme allows the shop's 8443 from namespaceSelector global() with selector
# role == 'sftp-gateways', which matches the GlobalNetworkSet sftp-gateways: 10.200.0.0/16, a private range.
case("k23-calico-global-network-set-private", ISOLATION, "DENY", DOC["calico-gns"])(
    iso(sftp_gateways(["10.200.0.0/16"]), calico_ingress(FROM_SFTP_GATEWAYS), neighbour=True)
)
# Complies: the GlobalNetworkSet holds a partner's public 203.0.113.0/24 only.
case("k23-calico-global-network-set-public", ISOLATION, cite=DOC["calico-gns"])(
    iso(sftp_gateways(["203.0.113.0/24"]), calico_ingress(FROM_SFTP_GATEWAYS), neighbour=True)
)
# Violates: Datadog's chart gets the organisation's API key in its values (datadog.apiKey), which the release keeps
# in plain text.
case("k23-helm-datadog-api-key", ISOLATION, "DENY", DOC["datadog-chart"])(iso(datadog(DATADOG_API_KEY)))
# Complies: datadog.apiKeyExistingSecret names the Secret that holds the key (its api-key entry).
case("k23-helm-datadog-api-key-existing-secret", ISOLATION, cite=DOC["datadog-chart"])(iso(datadog(DATADOG_EXISTING)))
# Violates: squid.conf in a ConfigMap logs in to the partner's parent proxy with cache_peer ... login=user:password.
case("k23-configmap-squid-cache-peer-login", ISOLATION, "DENY", DOC["squid-cache-peer"])(iso(squid_config(SQUID_LOGIN)))
# Complies: login=PASSTHRU passes each client's own credentials on; the file holds none.
case("k23-configmap-squid-cache-peer-passthru", ISOLATION, cite=DOC["squid-cache-peer"])(
    iso(squid_config(SQUID_PASSTHRU))
)
# Violates: Tomcat's server.xml in a ConfigMap sets the PKCS12 keystore's password as the certificateKeystorePassword
# attribute of its Certificate element.
case("k23-configmap-tomcat-keystore-password", ISOLATION, "DENY", DOC["tomcat-certificate"])(
    iso(tomcat_config(TOMCAT_KEYSTORE))
)
# Complies: the Certificate names a PEM certificate and an unencrypted key file mounted from a Secret; no password.
case("k23-configmap-tomcat-pem-files", ISOLATION, cite=DOC["tomcat-certificate"])(iso(tomcat_config(TOMCAT_PEM)))
# Violates: the ledger's Kerberos ConfigMap carries the service's keytab in binaryData: the principal's long-term keys,
# with which anyone who reads the ConfigMap can authenticate as HTTP/ledger.acme.example.com.
case("k23-configmap-binarydata-keytab", ISOLATION, "DENY", DOC["keytab"])(
    iso(kerberos_config(binaryData={"http.keytab": LEDGER_KEYTAB}))
)
# Complies: the ConfigMap holds krb5.conf only (realm and KDCs); the keytab lives in a Secret.
case("k23-configmap-krb5-conf-only", ISOLATION, cite=DOC["krb5-conf"])(iso(kerberos_config()))
# Violates: rabbitmq.conf in a ConfigMap creates the default user with default_pass in plain text.
case("k23-configmap-rabbitmq-default-pass", ISOLATION, "DENY", DOC["rabbitmq-config"])(
    iso(rabbitmq_config(RABBITMQ_DEFAULT_PASS))
)
# Complies: no default user; clients log in with their TLS client certificates (auth_mechanisms EXTERNAL).
case("k23-configmap-rabbitmq-x509-login", ISOLATION, cite=DOC["rabbitmq-config"])(
    iso(rabbitmq_config(RABBITMQ_EXTERNAL))
)


# ============================================================================ providers and patches

# Violates: a GDPR tenant on EKS in ap-northeast-3 (Osaka): Japan has an EU adequacy decision but is not in the EEA.
case("k23-gdpr-eks-osaka", PROVIDERS, "DENY", DOC["adequacy"])(placed(on_eks("ap-northeast-3", "JP"), "gdpr"))
# Complies: the GDPR tenant on EKS in eu-central-1 (Frankfurt).
case("k23-gdpr-eks-frankfurt", PROVIDERS, cite=DOC["aws-regions"])(placed(on_eks("eu-central-1", "DE"), "gdpr"))
# Violates: an eu tenant on GKE in asia-northeast3 (Seoul): the Republic of Korea has an adequacy decision, and is
# not in the EU.
case("k23-eu-gke-seoul", PROVIDERS, "DENY", DOC["adequacy"])(placed(on_gke("asia-northeast3", "KR"), "eu"))
# Complies: the eu tenant on GKE in europe-central2 (Warsaw).
case("k23-eu-gke-warsaw", PROVIDERS, cite=DOC["gcp-regions"])(placed(on_gke("europe-central2", "PL"), "eu"))
# Violates: acme's custom regime fra-azure allows exactly one region, azure:germanywestcentral (Frankfurt); its cluster
# is AKS in germanynorth (Berlin): the same country, another region.
case("k23-fra-azure-aks-germany-north", PROVIDERS, "DENY", DOC["azure-regions"], config={"regimes": FRA_AZURE})(
    placed(on_aks("germanynorth", "DE"), "fra-azure")
)
# Complies: the fra-azure tenant on AKS in germanywestcentral.
case("k23-fra-azure-aks-germany-west-central", PROVIDERS, cite=DOC["azure-regions"], config={"regimes": FRA_AZURE})(
    placed(on_aks("germanywestcentral", "DE"), "fra-azure")
)
# Violates: the custom regime dach (Switzerland, extending the custom regime de-at: Germany and Austria) on GKE in
# europe-west8 (Milan): Italy is in neither.
case("k23-dach-gke-milan", PROVIDERS, "DENY", DOC["gcp-regions"], config={"regimes": DACH})(
    placed(on_gke("europe-west8", "IT"), "dach")
)
# Complies: the dach tenant on GKE in europe-west3 (Frankfurt): Germany comes from the regime dach extends.
case("k23-dach-gke-frankfurt-through-extends", PROVIDERS, cite=DOC["gcp-regions"], config={"regimes": DACH})(
    placed(on_gke("europe-west3", "DE"), "dach")
)
# Violates: a GDPR tenant on an existing cluster in Uruguay (an EU adequacy decision; not in the EEA).
case("k23-gdpr-existing-uruguay", PROVIDERS, "DENY", DOC["adequacy"])(placed(existing("UY", "montevideo-dc1"), "gdpr"))
# Complies: the GDPR tenant on an existing cluster in Portugal.
case("k23-gdpr-existing-portugal", PROVIDERS, cite=DOC["eu-countries"])(placed(existing("PT", "lisbon-dc1"), "gdpr"))
# Violates: a HorizontalPodAutoscalerPatch (server-side apply) labels acme's shop HPA fleet-isolation=cluster,
# fleet-tenant=acme, on a cluster globex shares.
case("k23-hpa-patch-false-dedicated-claim", PROVIDERS, "DENY", DOC["hpa-patch"])(iso(hpa_patch(CLAIM), neighbour=True))
# Complies: the same patch on a cluster that holds no other tenant.
case("k23-hpa-patch-dedicated-claim-alone", PROVIDERS, cite=DOC["hpa-patch"])(iso(hpa_patch(CLAIM)))
# Violates: acme's IngressClass claims a dedicated cluster on eu1, where globex, a virtual-cluster tenant, has its host
# namespace: the virtual cluster's pods run on eu1's nodes, so eu1 is shared.
case("k23-ingressclass-claim-beside-vcluster-host", PROVIDERS, "DENY", DOC["vcluster-host-namespace"])(
    claim_beside_virtual_cluster(same_cluster=True)
)
# Complies: globex's virtual-cluster host namespace is on eu2; eu1 holds acme alone.
case("k23-ingressclass-claim-vcluster-elsewhere", PROVIDERS, cite=DOC["ingressclass"])(
    claim_beside_virtual_cluster(same_cluster=False)
)
# Violates: the vcluster control plane mounts its admission bundle through a FlexVolume driver: restricted admits only
# configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret volumes.
case("k23-vcluster-flexvolume-bundle", PROVIDERS, "DENY", DOC["pss"])(
    on_vcluster(vcluster_values(bundle_volume(FLEX_BUNDLE)))
)
# Complies: the bundle is an OCI image volume (allowed by restricted since Kubernetes 1.33).
case("k23-vcluster-image-volume-bundle", PROVIDERS, cite=DOC["image-volume"])(
    on_vcluster(vcluster_values(bundle_volume(IMAGE_BUNDLE)))
)
# Violates: the vcluster release seeds the virtual cluster with a Secret manifest (experimental.deploy.vcluster
# .manifests) whose stringData holds the ledger database's password: a credential in the release's plain values.
case("k23-vcluster-seed-manifest-secret", PROVIDERS, "DENY", DOC["vcluster-values"])(
    on_vcluster(vcluster_values(seed_manifests(SEED_SECRET)))
)
# Complies: the seeded manifest is an ExternalSecret that names where the credential lives (the platform's Vault).
case("k23-vcluster-seed-manifest-external-secret", PROVIDERS, cite=DOC["external-secrets"])(
    on_vcluster(vcluster_values(seed_manifests(SEED_EXTERNAL_SECRET)))
)
# Violates: a ReplicationControllerPatch sets TWILIO_AUTH_TOKEN in plain text in acme's sms-gateway; a patch is held to
# its kind.
case("k23-rc-patch-twilio-auth-token", PROVIDERS, "DENY", DOC["rc-patch"])(
    iso(sms_gateway_patch([TWILIO_SID, TWILIO_TOKEN]))
)
# Complies: TWILIO_AUTH_TOKEN comes from a Secret; the account SID (an identifier) stays a value.
case("k23-rc-patch-twilio-auth-token-ref", PROVIDERS, cite=DOC["distribute-credentials"])(
    iso(sms_gateway_patch([TWILIO_SID, TWILIO_TOKEN_REF]))
)


# ============================================================================ unknown at preview

# Violates: nodes/pods aggregated into view; only the role's change-ticket annotation is unknown.
case("k23-unknown-annotation-agg-view-nodes-pods", PREVIEW, "DENY", DOC["kubelet-kep"])(
    iso(inventory_viewer(NODE_PODS_READ, TICKET), neighbour=True)
)
# Complies: pods reads aggregated into view; the annotation is unknown.
case("k23-unknown-annotation-agg-view-pods-read", PREVIEW, cite=DOC["user-facing"])(
    iso(inventory_viewer(PODS_READ, TICKET), neighbour=True)
)
# Violates: the CiliumNetworkPolicy admits endpoints by their namespace's team label; the label's value is unknown, but
# whatever it is, the selector admits namespaces nobody listed.
case("k23-unknown-value-cilium-namespace-label", PREVIEW, "DENY", DOC["cilium-k8s"])(
    iso(from_checkout({"k8s:io.cilium.k8s.namespace.labels.team": UNKNOWN, "app": "checkout"}), neighbour=True)
)
# Complies: acme's own namespace; only the pods' app label value is unknown.
case("k23-unknown-value-cilium-own-namespace", PREVIEW, cite=DOC["cilium-k8s"])(
    iso(from_checkout({"k8s:io.kubernetes.pod.namespace": "acme", "app": UNKNOWN}), neighbour=True)
)
# Violates: acme's VolumeAttachments webhook; only its caBundle (a certificate the update issues) is unknown.
case("k23-unknown-ca-webhook-volumeattachments", PREVIEW, "DENY", DOC["volumeattachment-api"])(
    iso(attachments_hook(ca_bundle=UNKNOWN), neighbour=True)
)
# Complies: the VolumeSnapshots webhook, acme only; its caBundle is unknown.
case("k23-unknown-ca-webhook-volumesnapshots-own", PREVIEW, cite=DOC["webhook-ns"])(
    iso(snapshots_hook(ca_bundle=UNKNOWN), neighbour=True)
)
# Violates: the vcluster control plane's FlexVolume; only the bundle reference in its options (a build output) is
# unknown, which Pod Security never reads.
case("k23-unknown-reference-vcluster-flexvolume", PREVIEW, "DENY", DOC["pss"])(
    on_vcluster(vcluster_values(bundle_volume(FLEX_BUNDLE_UNKNOWN)))
)
# Complies: the image volume; its reference (a build output) is unknown.
case("k23-unknown-reference-vcluster-image-volume", PREVIEW, cite=DOC["image-volume"])(
    on_vcluster(vcluster_values(bundle_volume(IMAGE_BUNDLE_UNKNOWN)))
)
# Violates: datadog.apiKey takes a value another resource of the update computes, not marked secret: a credential-named
# key holds a credential whatever value it gets, and it reaches the release in plain text.
case("k23-unknown-value-datadog-api-key", PREVIEW, "DENY", DOC["datadog-chart"])(iso(datadog({"apiKey": UNKNOWN})))
# Complies: datadog.apiKeyExistingSecret names a Secret the update creates with a generated name (unknown at preview).
case("k23-unknown-name-datadog-existing-secret", PREVIEW, cite=DOC["datadog-chart"])(iso(datadog_key_secret))
# Violates: TWILIO_AUTH_TOKEN in plain text in the ReplicationControllerPatch; only the image (a registry output) is
# unknown.
case("k23-unknown-image-rc-patch-twilio-auth-token", PREVIEW, "DENY", DOC["rc-patch"])(
    iso(sms_gateway_patch([TWILIO_SID, TWILIO_TOKEN], image=f"{UNKNOWN}:3.2.0"))
)
# Complies: the token from a Secret; the image is unknown.
case("k23-unknown-image-rc-patch-twilio-auth-token-ref", PREVIEW, cite=DOC["distribute-credentials"])(
    iso(sms_gateway_patch([TWILIO_SID, TWILIO_TOKEN_REF], image=f"{UNKNOWN}:3.2.0"))
)
# Complies (deferred): squid.conf is rendered from the address of the partner proxy's LoadBalancer Service the update
# creates, so the whole file is unknown; its key is no credential word, so whether it sets a password needs its value.
case("k23-unknown-squid-conf-deferred", PREVIEW, cite=DOC["unknowns"])(iso(squid_from_load_balancer))


# ============================================================================ malformed shapes

# Violates (cannot evaluate): the Kerberos ConfigMap's binaryData entry krb5.conf written as a list of two base64
# chunks (a string): what the file holds decides FLEET-SEC-002.
case("k23-bad-configmap-binarydata-chunks", MALFORMED, "DENY", DOC["configmap-api"])(
    iso(configmap({}, name="ledger-kerberos", binaryData={"krb5.conf": [KRB5_CONF_B64[:96], KRB5_CONF_B64[96:]]}))
)
# Complies: the entry as one base64 string (krb5.conf: realm and KDCs).
case("k23-configmap-binarydata-one-string", MALFORMED, cite=DOC["krb5-conf"])(
    iso(configmap({}, name="ledger-kerberos", binaryData={"krb5.conf": KRB5_CONF_B64}))
)
# Violates (cannot evaluate): the ReplicationControllerPatch's first env var name written as a one-item list (a
# string): whether the variable is named like a credential decides FLEET-SEC-002.
case("k23-bad-rc-patch-env-name-list", MALFORMED, "DENY", DOC["container-api"])(
    iso(sms_gateway_patch([{**TWILIO_SID, "name": ["TWILIO_ACCOUNT_SID"]}, TWILIO_TOKEN_REF]))
)
# Complies: the name as a string.
case("k23-rc-patch-env-name-string", MALFORMED, cite=DOC["distribute-credentials"])(
    iso(sms_gateway_patch([TWILIO_SID, TWILIO_TOKEN_REF], image="registry.example.com/acme/sms-gateway:3.2.1"))
)
# Violates (cannot evaluate): a ClusterRole aggregated into view whose rule names its resource as an object
# ({"name": "events"}; each resource is a string): what it adds to every tenant's view decides FLEET-TEN-010.
case("k23-bad-agg-view-resource-object", MALFORMED, "DENY", DOC["cr-api"])(
    iso(aggregated("events-view", EVENTS_READ_AS_OBJECT, VIEW_AGG), neighbour=True)
)
# Complies: resources ["events"] (events.k8s.io, read-only).
case("k23-agg-view-resource-string", MALFORMED, cite=DOC["aggregation"])(
    iso(aggregated("events-view", EVENTS_READ, VIEW_AGG), neighbour=True)
)
# Violates (cannot evaluate): the partner ingress's ipBlock except written as a list of objects ({"cidr": ...}; each
# item is a CIDR string): which addresses it admits decides FLEET-TEN-003.
case("k23-bad-np-ipblock-except-objects", MALFORMED, "DENY", DOC["netpol-api"])(
    iso(partner_ingress([{"cidr": "198.51.100.128/25"}]), neighbour=True)
)
# Complies: except ["198.51.100.128/25"] (the partner's public /24 less its upper half).
case("k23-np-ipblock-except-strings", MALFORMED, cite=DOC["netpol"])(
    iso(partner_ingress(["198.51.100.128/25"]), neighbour=True)
)
# Violates (cannot evaluate): the HorizontalPodAutoscalerPatch's fleet-isolation label value written as a one-item list
# (a string), on a cluster globex shares: whether it claims a dedicated cluster decides FLEET-TEN-005.
case("k23-bad-hpa-patch-isolation-label-list", MALFORMED, "DENY", DOC["hpa-patch"])(
    iso(hpa_patch({"fleet-isolation": ["namespace"], "fleet-tenant": "acme"}), neighbour=True)
)
# Complies: fleet-isolation "namespace" (no claim).
case("k23-hpa-patch-isolation-label-string", MALFORMED, cite=DOC["hpa-patch"])(
    iso(hpa_patch({"fleet-isolation": "namespace", "fleet-tenant": "acme"}), neighbour=True)
)
# Violates (cannot evaluate): acme's tenant Namespace whose metadata.name is a one-item list (a string): which namespace
# its quota, limits, policies and bindings guard, and which objects inherit its regime, decides FLEET-TEN-001 and
# FLEET-RES-004.
case("k23-bad-tenant-namespace-name-list", MALFORMED, "DENY", DOC["namespace-api"])(iso(renamed_namespace(["acme"])))
# Complies: the name as a string.
case("k23-tenant-namespace-name-string", MALFORMED, cite=DOC["namespace-api"])(iso(renamed_namespace("acme")))
