"""Kubernetes isolation cases of the twelfth outside corpus: kinds, fields and situations the eleven earlier
outside corpora did not try. A ClusterRoleBinding for the user ``system:anonymous``; Flux's ``flux-view`` role
(wildcard resources of its own API groups, aggregated into view, edit and admin) as shipped; impersonation of
user UIDs (``uids``); a tenant's webhook selecting namespaces by their residency label; the GitLab Runner chart's
``clusterWideAccess``; a default deny written with explicit empty rule lists; a Google service-account key, a
Kafka SCRAM JAAS line and a kubeconfig with a static token in ConfigMaps. Beside them the everyday platform
objects a correct pack must let through: Velero, Tekton's aggregated roles, Linkerd's injector and a tenant's
mesh authorization, OPA Gatekeeper, the Secrets Store CSI driver, a FlowSchema for a tenant's CI account.
Providers and patches: a ClusterRoleBindingPatch of the built-in ``system:monitoring`` binding, a GDPR tenant
on AKS in the UAE vs Sweden, a virtual-cluster tenant on EKS in Ohio vs Stockholm, a vcluster control plane
that allows privilege escalation, a GDPR-labelled PersistentVolume on a disaster-recovery cluster, a dedicated
claim on an existing cluster, a stack output of virtual-cluster kubeconfigs, guardrails split over two
providers of one cluster. Then values unknown at preview and malformed shapes.

Written from Kubernetes, Pulumi, cloud and vendor documentation and the pack's user-facing contract
(docs/RULES.md, docs/SPEC.md, README.md, what fleet/tenancy renders), by a helper that did not read the pack's
rules, its configs, its tests or the tuned corpus's cases. Each case only says whether a correct pack reports
some mandatory violation (``expect="DENY"``) or none; a comment above it says why, and it cites the page the
outcome rests on. The stacks are built with the helpers of the eleven earlier outside corpora.

``UNKNOWN`` stands for a value the engine only learns at the update. Where the decision does not need it a
correct pack decides as if it were known; where it does, the pack defers (advisory FLEET-PRE-001), which is no
mandatory violation.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from tests.policies.corpus import UNKNOWN, Stack, secret
from tests.policies.outside.corpus import (
    QUOTA,
    cluster,
    cluster_role,
    group,
    role,
    role_binding,
    service_account,
    tenant,
)
from tests.policies.outside2.corpus import (
    ADMIN_AGG,
    CLAIM,
    DEDICATED,
    EDIT_AGG,
    OWN,
    VIEW_AGG,
    Obj,
    iso,
    labelled,
    user,
)
from tests.policies.outside3.kube import add, guardrails, patch, policy, program_values, release
from tests.policies.outside4.kube import relabel_ns
from tests.policies.outside5.kube import FORCED, expr, webhook
from tests.policies.outside6.kube import APP, FAKE_KEY, app_sa, app_service, configmap, deployment, pod_template
from tests.policies.outside7.kube import aks_at, custom, to_app
from tests.policies.outside9.kube import existing_at
from tests.policies.outside10.kube import acme_service, app_with, eks_at
from tests.policies.outside12.common import Build, case

ISOLATION = "tenant-isolation"
PROVIDERS = "k8s-providers-and-patches"
PREVIEW = "unknown-at-preview"
MALFORMED = "malformed"

RBAC = "rbac.authorization.k8s.io"
NAME = "kubernetes.io/metadata.name"
PSA_ENFORCE = "pod-security.kubernetes.io/enforce"
NS = "kubernetes:core/v1:Namespace"
SA = "kubernetes:core/v1:ServiceAccount"
NP = "kubernetes:networking.k8s.io/v1:NetworkPolicy"
CR = "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole"
CRB = "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding"
MWC = "kubernetes:admissionregistration.k8s.io/v1:MutatingWebhookConfiguration"
VWC = "kubernetes:admissionregistration.k8s.io/v1:ValidatingWebhookConfiguration"
DEPLOYMENT = "kubernetes:apps/v1:Deployment"
READ = ["get", "list", "watch"]

DOC = {
    # RBAC and authentication
    "anonymous": "https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests",
    "issuer-discovery": (
        "https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/"
        "#service-account-issuer-discovery"
    ),
    "default-roles": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#default-roles-and-role-bindings",
    "aggregation": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#aggregated-clusterroles",
    "flux-view": "https://github.com/fluxcd/flux2/blob/main/manifests/rbac/view.yaml",
    "impersonation": "https://kubernetes.io/docs/reference/access-authn-authz/user-impersonation/",
    "crb-api": "https://kubernetes.io/docs/reference/kubernetes-api/authorization-resources/cluster-role-binding-v1/",
    "cr-api": "https://kubernetes.io/docs/reference/kubernetes-api/authorization-resources/cluster-role-v1/",
    "role-api": "https://kubernetes.io/docs/reference/kubernetes-api/authorization-resources/role-v1/",
    "rb-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/rbac/v1/rolebindingpatch/",
    "crb-patch": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/rbac/v1/clusterrolebindingpatch/",
    # admission
    "webhook-ns": (
        "https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/"
        "#matching-requests-namespaceselector"
    ),
    "mwc-api": "https://kubernetes.io/docs/reference/kubernetes-api/extend-resources/mutating-webhook-configuration-v1/",
    # CI, network, quotas, namespaces, pods
    "gitlab-runner": "https://docs.gitlab.com/runner/executors/kubernetes/",
    "gitlab-chart": "https://docs.gitlab.com/runner/install/kubernetes/",
    "netpol-api": "https://kubernetes.io/docs/reference/kubernetes-api/networking-resources/network-policy-v1/",
    "quota-api": "https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/resource-quota-v1/",
    "labels": "https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set",
    "pod-api": "https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/",
    "pss": "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
    # credentials
    "gcp-sa-key": "https://cloud.google.com/iam/docs/keys-create-delete",
    "gcp-wif": "https://cloud.google.com/iam/docs/workload-identity-federation-with-kubernetes",
    "kafka-scram": "https://kafka.apache.org/documentation/#security_sasl_scram_clientconfig",
    "msk-iam": "https://docs.aws.amazon.com/msk/latest/developerguide/configure-clients-for-iam-access-control.html",
    "kubeconfig": "https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/",
    "eks-kubeconfig": "https://docs.aws.amazon.com/eks/latest/userguide/create-kubeconfig.html",
    # platform components
    "velero": "https://velero.io/docs/main/api-types/backupstoragelocation/",
    "tekton": "https://github.com/tektoncd/pipeline/blob/main/config/clusterrole-aggregate-edit.yaml",
    "linkerd": "https://linkerd.io/2-edge/reference/authorization-policy/",
    "gatekeeper": "https://open-policy-agent.github.io/gatekeeper/website/docs/exempt-namespaces/",
    "secrets-store-csi": "https://docs.aws.amazon.com/secretsmanager/latest/userguide/integrating_csi_driver.html",
    "flowschema": "https://kubernetes.io/docs/concepts/cluster-administration/flow-control/",
    "vault-injector": "https://developer.hashicorp.com/vault/docs/platform/k8s/injector",
    "aws-lbc": (
        "https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/targetgroupbinding/"
        "targetgroupbinding/"
    ),
    # placement, providers, outputs
    "azure-regions": "https://learn.microsoft.com/en-us/azure/reliability/regions-list",
    "aws-regions": "https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html",
    "pv": "https://kubernetes.io/docs/concepts/storage/persistent-volumes/",
    "multi-tenancy": "https://kubernetes.io/docs/concepts/security/multi-tenancy/",
    "secrets": "https://www.pulumi.com/docs/iac/concepts/secrets/",
    "provider": "https://www.pulumi.com/registry/packages/kubernetes/api-docs/provider/",
    "unknowns": "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/",
}


# ------------------------------------------------------------------------------------ helpers


def _find(s: Stack, urn: str) -> Any:
    return next(r for r in s.resources if r.urn == urn)


def platform(*objects: Obj | list[Obj]) -> Build:
    """acme (GDPR) fully guarded on eu1 (Ireland) beside globex (GDPR), and the case's objects."""
    flat: list[Obj] = []
    for obj in objects:
        flat.extend(obj if isinstance(obj, list) else [obj])
    return iso(*flat, neighbour=True)


def crb(name: str, role_name: str, *subjects: dict[str, Any], labels: dict[str, Any] | None = None) -> Obj:
    """A ClusterRoleBinding of the ClusterRole ``role_name`` (with labels when given)."""
    metadata: dict[str, Any] = {"name": name}
    if labels is not None:
        metadata["labels"] = labels
    return add(
        CRB,
        f"{name}-crb",
        metadata=metadata,
        roleRef={"apiGroup": RBAC, "kind": "ClusterRole", "name": role_name},
        subjects=list(subjects),
    )


ANONYMOUS = user("system:anonymous")
STATUS_LABELS = {"app.kubernetes.io/name": "status-page", "app.kubernetes.io/part-of": "platform"}


def anonymous_binding(role_name: str, instance: Any = "eu1") -> Obj:
    """A cluster-wide binding of ``role_name`` for every request without credentials (system:anonymous)."""
    return crb(
        "status-page-anonymous", role_name, ANONYMOUS, labels={**STATUS_LABELS, "app.kubernetes.io/instance": instance}
    )


FLUX_GROUPS = [
    "notification.toolkit.fluxcd.io",
    "source.toolkit.fluxcd.io",
    "source.extensions.fluxcd.io",
    "helm.toolkit.fluxcd.io",
    "image.toolkit.fluxcd.io",
    "kustomize.toolkit.fluxcd.io",
]
FLUX_RESOURCES = [
    "alerts",
    "providers",
    "receivers",
    "buckets",
    "gitrepositories",
    "helmcharts",
    "helmrepositories",
    "ocirepositories",
    "externalartifacts",
    "helmreleases",
    "imagerepositories",
    "imagepolicies",
    "imageupdateautomations",
    "kustomizations",
]
ALL_AGG = {**VIEW_AGG, **EDIT_AGG, **ADMIN_AGG}


def flux_view(resources: list[str], version: Any = "v2.6.4") -> Obj:
    """Flux's flux-view ClusterRole, aggregated into view, edit and admin, reading ``resources`` of its groups."""
    labels = {**ALL_AGG, "app.kubernetes.io/part-of": "flux", "app.kubernetes.io/version": version}
    return add(
        CR,
        "flux-view-cr",
        metadata={"name": "flux-view", "labels": labels},
        rules=[{"apiGroups": FLUX_GROUPS, "resources": resources, "verbs": READ}],
    )


DEPLOYER_SA = app_sa(name="tenant-deployer")
IMPERSONATE_DEPLOYER = {
    "apiGroups": [""],
    "resources": ["serviceaccounts"],
    "resourceNames": ["tenant-deployer"],
    "verbs": ["impersonate"],
}
IMPERSONATE_UIDS = {"apiGroups": ["authentication.k8s.io"], "resources": ["uids"], "verbs": ["impersonate"]}


def impersonator(*rules: dict[str, Any]) -> list[Obj]:
    """A Role in acme with impersonation rules, bound to acme's developers (a debugging proxy's rights)."""
    return [
        DEPLOYER_SA,
        role("ci-impersonator", list(rules)),
        role_binding(("Role", "ci-impersonator"), group("acme-devs"), name="ci-impersonator"),
    ]


WORKLOAD_RULES = [
    {
        "operations": ["CREATE", "UPDATE"],
        "apiGroups": ["apps"],
        "apiVersions": ["v1"],
        "resources": ["deployments", "statefulsets"],
        "scope": "Namespaced",
    }
]


def residency_webhook(selector: dict[str, Any], **extra: Any) -> Obj:
    """acme's validating webhook (served from acme) that checks workloads' image registries, scoped by ``selector``."""
    return webhook(acme_service(), selector, WORKLOAD_RULES, kind="Validating", name="eu-registry", **extra)


GITLAB_RULES = [
    {"apiGroups": [""], "resources": ["pods"], "verbs": ["get", "list", "watch", "create", "delete", "update"]},
    {"apiGroups": [""], "resources": ["pods/exec", "pods/attach"], "verbs": ["create", "patch", "delete"]},
    {"apiGroups": [""], "resources": ["pods/log"], "verbs": READ},
    {"apiGroups": [""], "resources": ["secrets", "configmaps"], "verbs": ["get", "create", "update", "delete"]},
    {"apiGroups": [""], "resources": ["services"], "verbs": ["get", "create"]},
    {"apiGroups": [""], "resources": ["serviceaccounts"], "verbs": ["get"]},
]
RUNNER = service_account("acme", "gitlab-runner")


def gitlab_runner(cluster_wide: bool) -> list[Obj]:
    """The GitLab Runner chart in acme: its service account and the Kubernetes executor's documented rights, as a
    Role and RoleBinding in acme, or (``rbac.clusterWideAccess: true``) a ClusterRole and ClusterRoleBinding."""
    labels = {"app": "gitlab-runner", "chart": "gitlab-runner-0.79.0", "release": "acme-runner"}
    objects: list[Obj] = [app_sa(name="gitlab-runner", labels=labels)]
    if cluster_wide:
        objects += [
            cluster_role("acme-gitlab-runner", GITLAB_RULES),
            crb("acme-gitlab-runner", "acme-gitlab-runner", RUNNER),
        ]
    else:
        objects += [
            role("gitlab-runner", GITLAB_RULES),
            role_binding(("Role", "gitlab-runner"), RUNNER, name="gitlab-runner"),
        ]
    return objects


# A Google Cloud service-account key file (its private key is the corpus's fake PEM key) and a Workload Identity
# Federation credential configuration for Kubernetes (no secret: it exchanges the pod's projected token).
GCP_SA_KEY = json.dumps(
    {
        "type": "service_account",
        "project_id": "ledger-prod",
        "private_key_id": "3f1c2b7a9d8e4f60718293a4b5c6d7e8f9a0b1c2",
        "private_key": FAKE_KEY,
        "client_email": "shop-exporter@ledger-prod.iam.gserviceaccount.com",
        "client_id": "104522617384909112233",
        "auth_uri": "https://accounts.google.com/o/oauth2/auth",
        "token_uri": "https://oauth2.googleapis.com/token",
    },
    indent=2,
)
GCP_WIF_CONFIG = json.dumps(
    {
        "type": "external_account",
        "audience": (
            "//iam.googleapis.com/projects/402781930211/locations/global/workloadIdentityPools/eu1-pool/providers/eu1"
        ),
        "subject_token_type": "urn:ietf:params:oauth:token-type:jwt",
        "token_url": "https://sts.googleapis.com/v1/token",
        "service_account_impersonation_url": (
            "https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/"
            "shop-exporter@ledger-prod.iam.gserviceaccount.com:generateAccessToken"
        ),
        "credential_source": {"file": "/var/run/service-account/token", "format": {"type": "text"}},
    },
    indent=2,
)


def gcp_config(document: str, project: Any = "ledger-prod") -> Obj:
    return configmap({"gcp.json": document, "GOOGLE_CLOUD_PROJECT": project}, name="shop-gcp")


KAFKA_COMMON = "bootstrap.servers=b-1.orders.kafka.eu-west-1.amazonaws.com:9096\nsecurity.protocol=SASL_SSL\n"
KAFKA_SCRAM = KAFKA_COMMON + (
    "sasl.mechanism=SCRAM-SHA-512\n"
    'sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="shop" '
    'password="N0t-a-real-passw0rd";\n'
)
KAFKA_IAM = KAFKA_COMMON.replace(":9096", ":9098") + (
    "sasl.mechanism=AWS_MSK_IAM\n"
    "sasl.jaas.config=software.amazon.msk.auth.iam.IAMLoginModule required;\n"
    "sasl.client.callback.handler.class=software.amazon.msk.auth.iam.IAMClientCallbackHandler\n"
)

KUBE_CA = (
    "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUMvakNDQWVhZ0F3SUJBZ0lCQURB"
    "TkJna3Foa2lHOXcwQkFRc0ZBREFWTVJNd0VRWURWUVFERXdwcmRXSmwK"
)
FAKE_SA_TOKEN = (
    "eyJhbGciOiJSUzI1NiIsImtpZCI6IjRmMmU5YzNiIn0."
    "eyJpc3MiOiJrdWJlcm5ldGVzL3NlcnZpY2VhY2NvdW50Iiwic3ViIjoic3lzdGVtOnNlcnZpY2VhY2NvdW50OmFjbWU6dGVuYW50LWRlcGxveWVyIn0."
    "c2lnbmF0dXJlLW5vdC1yZWFsLWZvci10aGUtY29ycHVz"
)


def kubeconfig(user_entry: dict[str, Any]) -> str:
    """A kubeconfig for acme's CI on eu1, with ``user_entry`` as its user."""
    return json.dumps(
        {
            "apiVersion": "v1",
            "kind": "Config",
            "clusters": [
                {
                    "name": "eu1",
                    "cluster": {
                        "server": "https://4F2E9C3B.gr7.eu-west-1.eks.amazonaws.com",
                        "certificate-authority-data": KUBE_CA,
                    },
                }
            ],
            "contexts": [{"name": "acme@eu1", "context": {"cluster": "eu1", "user": "acme-ci", "namespace": "acme"}}],
            "current-context": "acme@eu1",
            "users": [{"name": "acme-ci", "user": user_entry}],
        },
        indent=2,
    )


STATIC_TOKEN = {"token": FAKE_SA_TOKEN}
EKS_EXEC = {
    "exec": {
        "apiVersion": "client.authentication.k8s.io/v1beta1",
        "command": "aws",
        "args": ["eks", "get-token", "--cluster-name", "eu1", "--region", "eu-west-1"],
        "interactiveMode": "Never",
    }
}


def ci_kubeconfig(user_entry: dict[str, Any]) -> Obj:
    return configmap({"config": kubeconfig(user_entry)}, name="ci-kubeconfig")


OPEN_BOTH = {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]}

# ------------------------------------------------------------------------------- platform components

VELERO_LABELS = {"component": "velero"}


def velero() -> list[Obj]:
    """Velero as ``velero install`` sets it up for AWS: its IRSA service account bound to cluster-admin, a backup
    storage location and a snapshot location in eu-west-1, and a nightly schedule of acme's namespace."""
    return [
        add(
            SA,
            "velero-sa",
            metadata={
                "name": "velero",
                "namespace": "velero",
                "labels": VELERO_LABELS,
                "annotations": {"eks.amazonaws.com/role-arn": "arn:aws:iam::111111111111:role/eu1-velero"},
            },
        ),
        crb("velero", "cluster-admin", service_account("velero", "velero"), labels=VELERO_LABELS),
        custom(
            "velero.io/v1",
            "BackupStorageLocation",
            "default",
            {
                "provider": "aws",
                "default": True,
                "objectStorage": {"bucket": "eu1-velero-backups", "prefix": "eu1"},
                "config": {"region": "eu-west-1"},
            },
            ns="velero",
        ),
        custom(
            "velero.io/v1",
            "VolumeSnapshotLocation",
            "default",
            {"provider": "aws", "config": {"region": "eu-west-1"}},
            ns="velero",
        ),
        custom(
            "velero.io/v1",
            "Schedule",
            "acme-nightly",
            {
                "schedule": "0 2 * * *",
                "template": {"includedNamespaces": ["acme"], "storageLocation": "default", "ttl": "720h0m0s"},
            },
            ns="velero",
        ),
    ]


TEKTON_EDIT = [
    {
        "apiGroups": ["tekton.dev"],
        "resources": ["tasks", "taskruns", "pipelines", "pipelineruns", "pipelineresources"],
        "verbs": ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
    }
]
TEKTON_VIEW = [
    {
        "apiGroups": ["tekton.dev"],
        "resources": ["tasks", "taskruns", "pipelines", "pipelineruns", "runs", "customruns"],
        "verbs": READ,
    }
]


def tekton(image: Any = "gcr.io/kaniko-project/executor:v1.23.2") -> list[Obj]:
    """Tekton Pipelines' aggregated roles exactly as its release ships them, and acme's build Task and Pipeline."""
    step_security = {
        "allowPrivilegeEscalation": False,
        "runAsNonRoot": True,
        "runAsUser": 10001,
        "capabilities": {"drop": ["ALL"]},
        "seccompProfile": {"type": "RuntimeDefault"},
    }
    task = {
        "params": [{"name": "image", "type": "string"}],
        "workspaces": [{"name": "source"}],
        "steps": [
            {
                "name": "build-and-push",
                "image": image,
                "args": [
                    "--dockerfile=Dockerfile",
                    "--context=$(workspaces.source.path)",
                    "--destination=$(params.image)",
                ],
                "securityContext": step_security,
            }
        ],
    }
    pipeline = {
        "params": [{"name": "image", "type": "string"}],
        "workspaces": [{"name": "shared"}],
        "tasks": [
            {
                "name": "build",
                "taskRef": {"name": "build"},
                "params": [{"name": "image", "value": "$(params.image)"}],
                "workspaces": [{"name": "source", "workspace": "shared"}],
            }
        ],
    }
    return [
        cluster_role("tekton-aggregate-edit", TEKTON_EDIT, {**EDIT_AGG, **ADMIN_AGG}),
        cluster_role(
            "tekton-aggregate-view",
            TEKTON_VIEW,
            {"app.kubernetes.io/instance": "default", "app.kubernetes.io/part-of": "tekton-pipelines", **VIEW_AGG},
        ),
        custom("tekton.dev/v1", "Task", "build", task),
        custom("tekton.dev/v1", "Pipeline", "shop-release", pipeline),
    ]


LINKERD_INJECTOR = {
    "name": "linkerd-proxy-injector.linkerd.io",
    "namespaceSelector": {
        "matchExpressions": [
            expr("config.linkerd.io/admission-webhooks", "NotIn", "disabled"),
            expr(NAME, "NotIn", "kube-system", "cert-manager"),
        ]
    },
    "objectSelector": {
        "matchExpressions": [
            expr("linkerd.io/control-plane-component", "DoesNotExist"),
            expr("linkerd.io/cni-resource", "DoesNotExist"),
        ]
    },
    "clientConfig": {"service": {"name": "linkerd-proxy-injector", "namespace": "linkerd", "path": "/"}},
    "failurePolicy": "Ignore",
    "admissionReviewVersions": ["v1", "v1beta1"],
    "rules": [
        {
            "operations": ["CREATE"],
            "apiGroups": [""],
            "apiVersions": ["v1"],
            "resources": ["pods", "services"],
            "scope": "Namespaced",
        }
    ],
    "sideEffects": "None",
    "timeoutSeconds": 10,
}


def linkerd() -> list[Obj]:
    """Linkerd's proxy injector (served from linkerd) and acme's meshed shop: the injection annotation on its pods,
    a Server on its port, an AuthorizationPolicy admitting only the ingress controller's mesh identity, and the
    NetworkPolicy that lets its proxies reach the control plane, named by name."""
    template = pod_template()
    template["metadata"]["annotations"] = {"linkerd.io/inject": "enabled"}
    shop = add(
        DEPLOYMENT,
        "acme-shop-deploy",
        metadata={"name": "shop", "namespace": "acme"},
        spec={"replicas": 2, "selector": {"matchLabels": APP}, "template": template},
    )
    control_plane = {
        "namespaceSelector": {"matchLabels": {NAME: "linkerd"}},
        "podSelector": {"matchLabels": {"linkerd.io/control-plane-ns": "linkerd"}},
    }
    ports = [{"protocol": "TCP", "port": port} for port in (8080, 8086, 8090)]
    return [
        add(
            MWC,
            "linkerd-proxy-injector-mwc",
            metadata={
                "name": "linkerd-proxy-injector-webhook-config",
                "labels": {
                    "linkerd.io/control-plane-component": "proxy-injector",
                    "linkerd.io/control-plane-ns": "linkerd",
                },
            },
            webhooks=[LINKERD_INJECTOR],
        ),
        app_sa(),
        shop,
        app_service(),
        custom(
            "policy.linkerd.io/v1beta3",
            "Server",
            "shop-http",
            {"podSelector": {"matchLabels": APP}, "port": "http", "proxyProtocol": "HTTP/1"},
        ),
        custom(
            "policy.linkerd.io/v1alpha1",
            "MeshTLSAuthentication",
            "shop-clients",
            {"identities": ["ingress-nginx.ingress-nginx.serviceaccount.identity.linkerd.cluster.local"]},
        ),
        custom(
            "policy.linkerd.io/v1alpha1",
            "AuthorizationPolicy",
            "shop-http",
            {
                "targetRef": {"group": "policy.linkerd.io", "kind": "Server", "name": "shop-http"},
                "requiredAuthenticationRefs": [
                    {"group": "policy.linkerd.io", "kind": "MeshTLSAuthentication", "name": "shop-clients"}
                ],
            },
        ),
        policy(
            {"podSelector": {}, "policyTypes": ["Egress"], "egress": [{"to": [control_plane], "ports": ports}]},
            name="to-linkerd",
        ),
    ]


GATEKEEPER_RESOURCES = [
    "*",
    "pods/ephemeralcontainers",
    "pods/exec",
    "pods/log",
    "pods/eviction",
    "pods/portforward",
    "pods/proxy",
    "pods/attach",
    "pods/binding",
    "deployments/scale",
    "replicasets/scale",
    "statefulsets/scale",
    "replicationcontrollers/scale",
    "services/proxy",
    "nodes/proxy",
    "services/status",
]
REQUIRED_LABELS_REGO = """package k8srequiredlabels

violation[{"msg": msg}] {
  provided := {label | input.review.object.metadata.labels[label]}
  required := {label | label := input.parameters.labels[_]}
  missing := required - provided
  count(missing) > 0
  msg := sprintf("missing required labels: %v", [missing])
}
"""


def gatekeeper() -> list[Obj]:
    """OPA Gatekeeper's validating webhook as its chart installs it (served from gatekeeper-system, every resource,
    namespaces labelled admission.gatekeeper.sh/ignore exempt), a ConstraintTemplate and a constraint that
    every Deployment of a fleet tenant names its owner."""
    hook = {
        "name": "validation.gatekeeper.sh",
        "admissionReviewVersions": ["v1", "v1beta1"],
        "clientConfig": {
            "service": {"name": "gatekeeper-webhook-service", "namespace": "gatekeeper-system", "path": "/v1/admit"}
        },
        "failurePolicy": "Ignore",
        "matchPolicy": "Exact",
        "namespaceSelector": {
            "matchExpressions": [
                expr("admission.gatekeeper.sh/ignore", "DoesNotExist"),
                expr(NAME, "NotIn", "gatekeeper-system"),
            ]
        },
        "rules": [
            {
                "apiGroups": ["*"],
                "apiVersions": ["*"],
                "operations": ["CREATE", "UPDATE"],
                "resources": GATEKEEPER_RESOURCES,
            }
        ],
        "sideEffects": "None",
        "timeoutSeconds": 3,
    }
    template = {
        "crd": {
            "spec": {
                "names": {"kind": "K8sRequiredLabels"},
                "validation": {
                    "openAPIV3Schema": {
                        "type": "object",
                        "properties": {"labels": {"type": "array", "items": {"type": "string"}}},
                    }
                },
            }
        },
        "targets": [{"target": "admission.k8s.gatekeeper.sh", "rego": REQUIRED_LABELS_REGO}],
    }
    constraint = {
        "enforcementAction": "deny",
        "match": {
            "kinds": [{"apiGroups": ["apps"], "kinds": ["Deployment"]}],
            "namespaceSelector": {"matchExpressions": [expr("fleet-tenant", "Exists")]},
        },
        "parameters": {"labels": ["app.kubernetes.io/name"]},
    }
    return [
        add(
            VWC,
            "gatekeeper-vwc",
            metadata={"name": "gatekeeper-validating-webhook-configuration", "labels": {"gatekeeper.sh/system": "yes"}},
            webhooks=[hook],
        ),
        add(
            "kubernetes:templates.gatekeeper.sh/v1:ConstraintTemplate",
            "k8srequiredlabels-template",
            apiVersion="templates.gatekeeper.sh/v1",
            kind="ConstraintTemplate",
            metadata={"name": "k8srequiredlabels"},
            spec=template,
        ),
        add(
            "kubernetes:constraints.gatekeeper.sh/v1beta1:K8sRequiredLabels",
            "tenant-deployments-named-constraint",
            apiVersion="constraints.gatekeeper.sh/v1beta1",
            kind="K8sRequiredLabels",
            metadata={"name": "tenant-deployments-named"},
            spec=constraint,
        ),
    ]


def secrets_store_csi() -> list[Obj]:
    """The Secrets Store CSI driver's CSIDriver object, acme's SecretProviderClass for its database password in
    AWS Secrets Manager (eu-west-1) and the shop mounting it as an inline CSI volume (restricted allows csi)."""
    mounted = app_with(
        container={"volumeMounts": [{"name": "db", "mountPath": "/mnt/secrets", "readOnly": True}]},
        volumes=[
            {
                "name": "db",
                "csi": {
                    "driver": "secrets-store.csi.k8s.io",
                    "readOnly": True,
                    "volumeAttributes": {"secretProviderClass": "shop-db"},
                },
            }
        ],
    )
    objects = '- objectName: "arn:aws:secretsmanager:eu-west-1:111111111111:secret:acme/shop-db-AbCdEf"\n'
    return [
        add(
            "kubernetes:storage.k8s.io/v1:CSIDriver",
            "secrets-store-csidriver",
            metadata={"name": "secrets-store.csi.k8s.io"},
            spec={"podInfoOnMount": True, "attachRequired": False, "volumeLifecycleModes": ["Ephemeral"]},
        ),
        app_sa(annotations={"eks.amazonaws.com/role-arn": "arn:aws:iam::111111111111:role/acme-shop"}),
        custom(
            "secrets-store.csi.x-k8s.io/v1",
            "SecretProviderClass",
            "shop-db",
            {"provider": "aws", "parameters": {"region": "eu-west-1", "objects": objects}},
        ),
        mounted,
    ]


def ci_flow_schema(precedence: Any = 9000) -> list[Obj]:
    """API Priority and Fairness: acme's CI service account's requests go to the workload-low priority level."""
    return [
        DEPLOYER_SA,
        add(
            "kubernetes:flowcontrol.apiserver.k8s.io/v1:FlowSchema",
            "acme-ci-flowschema",
            metadata={"name": "acme-ci"},
            spec={
                "priorityLevelConfiguration": {"name": "workload-low"},
                "matchingPrecedence": precedence,
                "distinguisherMethod": {"type": "ByUser"},
                "rules": [
                    {
                        "subjects": [
                            {
                                "kind": "ServiceAccount",
                                "serviceAccount": {"name": "tenant-deployer", "namespace": "acme"},
                            }
                        ],
                        "resourceRules": [
                            {"verbs": ["*"], "apiGroups": ["*"], "resources": ["*"], "namespaces": ["acme"]}
                        ],
                    }
                ],
            },
        ),
    ]


VAULT_INJECTOR = {
    "name": "vault.hashicorp.com",
    "failurePolicy": "Ignore",
    "matchPolicy": "Exact",
    "sideEffects": "None",
    "timeoutSeconds": 30,
    "admissionReviewVersions": ["v1", "v1beta1"],
    "clientConfig": {"service": {"name": "vault-agent-injector-svc", "namespace": "vault", "path": "/mutate"}},
    "rules": [{"operations": ["CREATE"], "apiGroups": [""], "apiVersions": ["v1"], "resources": ["pods"]}],
    "objectSelector": {"matchExpressions": [expr("app.kubernetes.io/name", "NotIn", "vault-agent-injector")]},
}


def vault_injector() -> list[Obj]:
    """Vault's agent injector as its Helm chart installs it (webhook served from vault on every namespace's pods,
    the Vault server's service account bound to system:auth-delegator for Kubernetes auth) and acme's shop whose
    pod annotations ask the agent for its database credentials."""
    template = pod_template()
    template["metadata"]["annotations"] = {
        "vault.hashicorp.com/agent-inject": "true",
        "vault.hashicorp.com/role": "acme-shop",
        "vault.hashicorp.com/agent-inject-secret-db": "database/creds/shop",
    }
    return [
        add(MWC, "vault-agent-injector-mwc", metadata={"name": "vault-agent-injector-cfg"}, webhooks=[VAULT_INJECTOR]),
        add(SA, "vault-sa", metadata={"name": "vault", "namespace": "vault"}),
        crb("vault-server-binding", "system:auth-delegator", service_account("vault", "vault")),
        app_sa(),
        add(
            DEPLOYMENT,
            "acme-shop-deploy",
            metadata={"name": "shop", "namespace": "acme"},
            spec={"replicas": 2, "selector": {"matchLabels": APP}, "template": template},
        ),
    ]


LBC_SERVICE = {"name": "aws-load-balancer-webhook-service", "namespace": "kube-system"}
NOT_LBC = {"matchExpressions": [expr("app.kubernetes.io/name", "NotIn", "aws-load-balancer-controller")]}


def lbc_hook(name: str, path: str, group_: str, version: str, resource: str, **extra: Any) -> dict[str, Any]:
    return {
        "name": f"{name}.elbv2.k8s.aws",
        "admissionReviewVersions": ["v1beta1"],
        "clientConfig": {"service": {**LBC_SERVICE, "path": path}},
        "failurePolicy": "Fail",
        "sideEffects": "None",
        "rules": [
            {
                "apiGroups": [group_],
                "apiVersions": [version],
                "operations": ["CREATE", "UPDATE"],
                "resources": [resource],
            }
        ],
        **extra,
    }


def aws_load_balancer_controller() -> list[Obj]:
    """The AWS Load Balancer Controller's webhooks as its chart installs them (served from kube-system; pod
    readiness gates only in namespaces that ask for them), its IRSA service account, and a TargetGroupBinding
    that registers acme's shop pods in a target group of eu-west-1."""
    pods = lbc_hook(
        "mpod",
        "/mutate-v1-pod",
        "",
        "v1",
        "pods",
        namespaceSelector={"matchExpressions": [expr("elbv2.k8s.aws/pod-readiness-gate-inject", "In", "enabled")]},
        objectSelector=NOT_LBC,
    )
    services = lbc_hook("mservice", "/mutate-v1-service", "", "v1", "services", objectSelector=NOT_LBC)
    tgb_mutate = lbc_hook(
        "mtargetgroupbinding",
        "/mutate-elbv2-k8s-aws-v1beta1-targetgroupbinding",
        "elbv2.k8s.aws",
        "v1beta1",
        "targetgroupbindings",
    )
    tgb_validate = lbc_hook(
        "vtargetgroupbinding",
        "/validate-elbv2-k8s-aws-v1beta1-targetgroupbinding",
        "elbv2.k8s.aws",
        "v1beta1",
        "targetgroupbindings",
    )
    ingresses = lbc_hook(
        "vingress", "/validate-networking-v1-ingress", "networking.k8s.io", "v1", "ingresses", matchPolicy="Equivalent"
    )
    target_group = "arn:aws:elasticloadbalancing:eu-west-1:111111111111:targetgroup/acme-shop/73e2d6bc24d8a067"
    return [
        add(
            SA,
            "kube-system-aws-load-balancer-controller-sa",
            metadata={
                "name": "aws-load-balancer-controller",
                "namespace": "kube-system",
                "annotations": {"eks.amazonaws.com/role-arn": "arn:aws:iam::111111111111:role/eu1-lbc"},
            },
        ),
        add(
            MWC,
            "aws-load-balancer-webhook-mwc",
            metadata={"name": "aws-load-balancer-webhook"},
            webhooks=[pods, services, tgb_mutate],
        ),
        add(
            VWC,
            "aws-load-balancer-webhook-vwc",
            metadata={"name": "aws-load-balancer-webhook"},
            webhooks=[tgb_validate, ingresses],
        ),
        app_sa(),
        deployment(),
        app_service(),
        custom(
            "elbv2.k8s.aws/v1beta1",
            "TargetGroupBinding",
            "shop",
            {"serviceRef": {"name": "shop", "port": 80}, "targetGroupARN": target_group, "targetType": "ip"},
        ),
    ]


# ------------------------------------------------------------------------------- providers and patches


def monitoring_patch(*subjects: dict[str, Any]) -> Obj:
    """A ClusterRoleBindingPatch (forced) of the built-in system:monitoring binding, with ``subjects`` added to
    its own group."""
    return patch(
        "ClusterRoleBinding",
        "system-monitoring-crb-patch",
        {"name": "system:monitoring", "annotations": FORCED},
        f"{RBAC}/v1",
        roleRef={"apiGroup": RBAC, "kind": "ClusterRole", "name": "system:monitoring"},
        subjects=[group("system:monitoring"), *subjects],
    )


def shop_with_env(endpoint: Any) -> list[Obj]:
    """acme's shop (service account, Deployment exporting traces to ``endpoint``, ClusterIP Service)."""
    env = [{"name": "OTEL_EXPORTER_OTLP_ENDPOINT", "value": endpoint}]
    return [app_sa(), app_with(container={"env": env}), app_service()]


def gdpr_on_aks(location: str, country: str, endpoint: Any = "http://otel-collector.monitoring.svc:4318") -> Build:
    """acme (GDPR), fully guarded with its shop, on an AKS fleet cluster in ``location``."""

    def build(s: Stack) -> None:
        k8s = aks_at(s, "aks1", location, country)
        tenant(s, k8s, "acme")
        for make in shop_with_env(endpoint):
            make(s, k8s)

    return build


def vcluster_on_eks(region: str, country: str) -> Build:
    """acme (GDPR) as a virtual cluster: its guarded host namespace and the vcluster release with the values the
    program renders, on an EKS fleet cluster in ``region``."""

    def build(s: Stack) -> None:
        k8s = eks_at(s, "vc1", region, country)
        ns = tenant(s, k8s, "acme")
        relabel_ns(ns, s, **{"fleet-isolation": "vcluster"})
        release(program_values())(s, k8s)

    return build


def syncer_context(**changes: Any) -> dict[str, Any]:
    """The program's vcluster values with the control-plane container's securityContext changed."""
    values = copy.deepcopy(program_values())
    values["controlPlane"]["statefulSet"]["security"]["containerSecurityContext"].update(changes)
    return values


def on_vcluster(values: dict[str, Any]) -> Build:
    return iso(release(values), isolation="vcluster")


def dr_volume(region: str, country: str, volume_handle: Any = "fs-0a1b2c3d4e5f60718") -> Build:
    """acme (GDPR) on eu1 (Ireland); a disaster-recovery cluster dr1 in ``region`` holds no tenant namespace but a
    static PersistentVolume of acme's replicated uploads (EFS), labelled fleet-residency=gdpr."""

    def build(s: Stack) -> None:
        _, k8s = cluster(s)
        tenant(s, k8s, "acme")
        dr = eks_at(s, "dr1", region, country)
        s.add(
            "kubernetes:core/v1:PersistentVolume",
            "acme-uploads-dr-pv",
            dr,
            metadata={
                "name": "acme-shop-uploads-dr",
                "labels": {"fleet-residency": "gdpr", "fleet-tenant": "acme", "app": "shop"},
            },
            spec={
                "capacity": {"storage": "100Gi"},
                "volumeMode": "Filesystem",
                "accessModes": ["ReadWriteMany"],
                "persistentVolumeReclaimPolicy": "Retain",
                "storageClassName": "efs-static",
                "csi": {"driver": "efs.csi.aws.com", "volumeHandle": volume_handle},
            },
        )

    return build


def dedicated_existing(shared: bool) -> Build:
    """acme's dedicated existing cluster (declared in Germany): its namespace labelled fleet-isolation=cluster and its
    admins cluster-admin under the claim; with ``shared``, globex's guarded namespace on the same cluster."""

    def build(s: Stack) -> None:
        k8s = existing_at(s, "dc1", "DE", "frankfurt-dc1")
        ns = tenant(s, k8s, "acme")
        relabel_ns(ns, s, **{"fleet-isolation": "cluster"})
        if shared:
            tenant(s, k8s, "globex")
        labelled(DEDICATED, CLAIM)(s, k8s)

    return build


def with_outputs(build: Build, **outputs: Any) -> Build:
    def built(s: Stack) -> None:
        build(s)
        s.outputs.update(outputs)

    return built


VC_KUBECONFIG = (
    "apiVersion: v1\nkind: Config\nclusters:\n- name: acme\n  cluster:\n    server: https://acme.acme.svc:443\n"
    f"    certificate-authority-data: {KUBE_CA}\nusers:\n- name: acme\n  user:\n"
    "    client-certificate-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJrVENDQVRlZ0F3SUJBZ0lJ\n"
    "    client-key-data: LS0tLS1CRUdJTiBFQyBQUklWQVRFIEtFWS0tLS0tCk1IY0NBUUVFSU5vdEFSZWFsS2V5\n"
    "contexts:\n- name: acme\n  context: {cluster: acme, user: acme}\ncurrent-context: acme\n"
)


def vc_access(server: Any = "https://acme.acme.svc:443") -> dict[str, Any]:
    """Where acme's virtual cluster writes its admin kubeconfig, as the program exports it (vclusterAccess)."""
    return {"acme@eu1": {"namespace": "acme", "name": "vcluster-kubeconfig", "field": "config", "server": server}}


def vc_access_inline(kubeconfig: Any) -> dict[str, Any]:
    """The same output with the admin kubeconfig itself, read from the virtual cluster's Secret, in place of the
    pointer to it (not marked secret)."""
    return {"acme@eu1": {"namespace": "acme", "server": "https://acme.acme.svc:443", "kubeconfig": kubeconfig}}


def split_providers(s: Stack) -> None:
    """acme fully guarded on eu1, but its LimitRange and default deny go through a second Kubernetes provider of
    eu1's component (the same kubeconfig, so the same cluster), as do its shop's objects."""
    component, k8s = cluster(s)
    apps = s.provider("kubernetes", "eu1-k8s-apps", parent=component, kubeconfig=secret('{"apiVersion": "v1"}'))
    tenant(s, k8s, "acme")
    for urn in (s.urn("kubernetes:core/v1:LimitRange", "acme-limits"), s.urn(NP, "acme-deny")):
        _find(s, urn).provider = apps
    for make in (app_sa(), deployment(), app_service()):
        make(s, apps)


# ============================================================================ tenant isolation

# RBAC content (FLEET-TEN-002, -004, -010).

# Violates: a ClusterRoleBinding of view for the user system:anonymous (a public status page): the user every
# request without credentials acts as, which counts as system:unauthenticated, a group every tenant is in.
case("kube-crb-anonymous-view", ISOLATION, "DENY", DOC["anonymous"])(iso(anonymous_binding("view"), neighbour=True))
# Complies: system:anonymous bound to system:service-account-issuer-discovery (the OIDC discovery documents), as
# Kubernetes documents for public issuer discovery: public information only.
case("kube-crb-anonymous-issuer-discovery", ISOLATION, cite=DOC["issuer-discovery"])(
    iso(anonymous_binding("system:service-account-issuer-discovery"), neighbour=True)
)

# Violates: Flux's flux-view ClusterRole as Flux ships it, aggregated into view, edit and admin: resources "*" of
# its API groups, a wildcard resource in every tenant's bindings, whatever the role is called.
case("kube-aggregate-flux-view-wildcard-resources", ISOLATION, "DENY", DOC["flux-view"])(platform(flux_view(["*"])))
# Complies: the same role naming Flux's resources one by one (read access to named custom resources).
case("kube-aggregate-flux-view-named-resources", ISOLATION, cite=DOC["aggregation"])(
    platform(flux_view(FLUX_RESOURCES))
)

# Violates: a Role in acme lets its developers impersonate acme's CI service account and any user UID
# (Impersonate-Uid): impersonation of something other than the namespace's service accounts.
case("kube-role-impersonate-uids", ISOLATION, "DENY", DOC["impersonation"])(
    iso(*impersonator(IMPERSONATE_DEPLOYER, IMPERSONATE_UIDS))
)
# Complies: the Role impersonates only acme's CI service account, by name.
case("kube-role-impersonate-deployer-only", ISOLATION, cite=DOC["impersonation"])(
    iso(*impersonator(IMPERSONATE_DEPLOYER))
)

# Violates: the GitLab Runner chart in acme with rbac.clusterWideAccess: a ClusterRoleBinding for acme's runner
# service account (pods, exec, Secrets and ConfigMaps in every namespace, globex's included).
case("kube-gitlab-runner-cluster-wide-access", ISOLATION, "DENY", DOC["gitlab-chart"])(
    platform(gitlab_runner(cluster_wide=True))
)
# Complies: the same documented rights as a Role and RoleBinding in acme (no wildcard, no quota, no escalation).
case("kube-gitlab-runner-namespaced", ISOLATION, cite=DOC["gitlab-runner"])(platform(gitlab_runner(cluster_wide=False)))

# Admission (FLEET-TEN-008).

# Violates: acme's validating webhook on Deployments and StatefulSets selects namespaces labelled
# fleet-residency=gdpr: globex's GDPR namespace too. A label that is neither a name nor a tenant bounds nothing.
case("kube-webhook-acme-selects-gdpr-namespaces", ISOLATION, "DENY", DOC["webhook-ns"])(
    platform(residency_webhook({"matchLabels": {"fleet-residency": "gdpr"}}))
)
# Complies: the same selector ANDed with fleet-tenant=acme (matchLabels are ANDed): acme's own namespaces only.
case("kube-webhook-acme-gdpr-and-own-tenant", ISOLATION, cite=DOC["webhook-ns"])(
    platform(residency_webhook({"matchLabels": {"fleet-tenant": "acme", "fleet-residency": "gdpr"}}))
)

# The default deny (FLEET-TEN-001, -003).

# Violates: acme's default-deny policy carries one empty egress rule: a rule without peers or ports admits every
# destination, so the policy isolates nothing for egress.
case("kube-default-deny-one-empty-egress-rule", ISOLATION, "DENY", DOC["netpol-api"])(
    iso(deny={**OPEN_BOTH, "ingress": [], "egress": [{}]})
)
# Complies: the default deny written with explicit empty rule lists: "If this field is empty then this
# NetworkPolicy does not allow any traffic", for ingress and egress alike.
case("kube-default-deny-explicit-empty-lists", ISOLATION, cite=DOC["netpol-api"])(
    iso(deny={**OPEN_BOTH, "ingress": [], "egress": []})
)

# Credentials in ConfigMaps (FLEET-SEC-002).

# Violates: a Google Cloud service-account key file (JSON with a PEM private key) in a ConfigMap, under a neutral key.
case("kube-configmap-gcp-service-account-key", ISOLATION, "DENY", DOC["gcp-sa-key"])(iso(gcp_config(GCP_SA_KEY)))
# Complies: a Workload Identity Federation credential configuration (external_account: token URLs and a projected
# token's path, no secret) under the same key.
case("kube-configmap-gcp-workload-identity-config", ISOLATION, cite=DOC["gcp-wif"])(iso(gcp_config(GCP_WIF_CONFIG)))
# Violates: Kafka client properties with a SCRAM JAAS line carrying the password, under a neutral key.
case("kube-configmap-kafka-scram-jaas-password", ISOLATION, "DENY", DOC["kafka-scram"])(
    iso(configmap({"client.properties": KAFKA_SCRAM}, name="orders-kafka"))
)
# Complies: the same client authenticating with MSK IAM (the pod's AWS identity; the JAAS line holds no secret).
case("kube-configmap-kafka-msk-iam-jaas", ISOLATION, cite=DOC["msk-iam"])(
    iso(configmap({"client.properties": KAFKA_IAM}, name="orders-kafka"))
)
# Violates: a kubeconfig for acme's CI in a ConfigMap, its user a static bearer token (a service account's JWT).
case("kube-configmap-kubeconfig-static-token", ISOLATION, "DENY", DOC["kubeconfig"])(iso(ci_kubeconfig(STATIC_TOKEN)))
# Complies: the same kubeconfig whose user is the AWS CLI's exec plugin (no credential in the file; the CA is public).
case("kube-configmap-kubeconfig-exec-plugin", ISOLATION, cite=DOC["eks-kubeconfig"])(iso(ci_kubeconfig(EKS_EXEC)))

# Everyday platform objects on a cluster with two GDPR tenants, which a correct pack lets through.

# Complies: Velero (its platform service account cluster-admin, backup and snapshot locations, acme's schedule).
case("kube-velero-platform-backups", ISOLATION, cite=DOC["velero"])(platform(velero()))
# Complies: Tekton's aggregated roles as shipped (named tekton.dev resources) and acme's Task and Pipeline.
case("kube-tekton-aggregated-roles-and-pipeline", ISOLATION, cite=DOC["tekton"])(platform(tekton()))
# Complies: Linkerd's injector (served from linkerd) and acme's Server, MeshTLSAuthentication, AuthorizationPolicy
# and egress to the control plane by namespace name.
case("kube-linkerd-mesh-tenant-authorization", ISOLATION, cite=DOC["linkerd"])(platform(linkerd()))
# Complies: Gatekeeper's webhook on every resource (served from gatekeeper-system), a template and a constraint.
case("kube-gatekeeper-required-labels", ISOLATION, cite=DOC["gatekeeper"])(platform(gatekeeper()))
# Complies: the Secrets Store CSI driver, acme's SecretProviderClass and the shop mounting it.
case("kube-secrets-store-csi-provider-class", ISOLATION, cite=DOC["secrets-store-csi"])(platform(secrets_store_csi()))
# Complies: a FlowSchema (cluster-scoped, wildcards in its resource rules) that names acme's CI service account to
# put its requests in the workload-low priority level: no RBAC object, it grants nothing.
case("kube-flowschema-tenant-ci-workload-low", ISOLATION, cite=DOC["flowschema"])(platform(ci_flow_schema()))

# Complies: Vault's agent injector (served from vault), the Vault server's auth-delegator binding (a platform
# account) and acme's shop asking the agent for its database credentials through pod annotations.
case("kube-vault-agent-injector-platform", ISOLATION, cite=DOC["vault-injector"])(platform(vault_injector()))
# Complies: the AWS Load Balancer Controller's webhooks (served from kube-system) and acme's TargetGroupBinding.
case("kube-aws-load-balancer-controller-target-group-binding", ISOLATION, cite=DOC["aws-lbc"])(
    platform(aws_load_balancer_controller())
)


# ============================================================================ providers and patches

# Violates: a forced ClusterRoleBindingPatch of the built-in system:monitoring binding adds acme's owner group: the
# role reads /metrics and the health endpoints cluster-wide, which is more than public information.
case("kube-crb-patch-system-monitoring-adds-tenant-group", PROVIDERS, "DENY", DOC["crb-patch"])(
    platform(monitoring_patch(group("acme-admins")))
)
# Complies: the patch adds the platform's observability group, no tenant's.
case("kube-crb-patch-system-monitoring-adds-platform-group", PROVIDERS, cite=DOC["default-roles"])(
    platform(monitoring_patch(group("platform-observability")))
)

# Violates: a GDPR tenant on AKS in uaenorth (Dubai, United Arab Emirates).
case("kube-gdpr-tenant-on-aks-uaenorth", PROVIDERS, "DENY", DOC["azure-regions"])(gdpr_on_aks("uaenorth", "AE"))
# Complies: the same tenant on AKS in swedencentral (Gävle, Sweden).
case("kube-gdpr-tenant-on-aks-swedencentral", PROVIDERS, cite=DOC["azure-regions"])(gdpr_on_aks("swedencentral", "SE"))

# Violates: a GDPR virtual-cluster tenant (guarded host namespace, the program's vcluster release) on EKS in
# us-east-2 (Ohio): the release and the host namespace run in the United States.
case("kube-vcluster-gdpr-tenant-on-eks-ohio", PROVIDERS, "DENY", DOC["aws-regions"])(vcluster_on_eks("us-east-2", "US"))
# Complies: the same tenant on EKS in eu-north-1 (Stockholm).
case("kube-vcluster-gdpr-tenant-on-eks-stockholm", PROVIDERS, cite=DOC["aws-regions"])(
    vcluster_on_eks("eu-north-1", "SE")
)

# Violates: the program's vcluster values, but the control-plane container allows privilege escalation, which
# restricted prohibits ("allowPrivilegeEscalation ... Allowed Values: false").
case("kube-vcluster-control-plane-privilege-escalation", PROVIDERS, "DENY", DOC["pss"])(
    on_vcluster(syncer_context(allowPrivilegeEscalation=True))
)
# Complies: the control-plane container runs as another non-root user (65532), which restricted allows.
case("kube-vcluster-control-plane-other-non-root-uid", PROVIDERS, cite=DOC["pss"])(
    on_vcluster(syncer_context(runAsUser=65532, runAsGroup=65532))
)

# Violates: a disaster-recovery cluster in us-east-1 holds a static PersistentVolume (cluster-scoped, labelled
# fleet-residency=gdpr) of acme's replicated uploads.
case("kube-pv-gdpr-on-dr-cluster-virginia", PROVIDERS, "DENY", DOC["pv"])(dr_volume("us-east-1", "US"))
# Complies: the disaster-recovery cluster is in eu-central-1 (Frankfurt).
case("kube-pv-gdpr-on-dr-cluster-frankfurt", PROVIDERS, cite=DOC["pv"])(dr_volume("eu-central-1", "DE"))

# Violates: acme's dedicated claim (isolation cluster, its admins cluster-admin) on an existing cluster that also
# holds globex's namespace.
case("kube-dedicated-existing-cluster-shared", PROVIDERS, "DENY", DOC["multi-tenancy"])(dedicated_existing(True))
# Complies: the existing cluster holds acme alone.
case("kube-dedicated-existing-cluster-alone", PROVIDERS, cite=DOC["multi-tenancy"])(dedicated_existing(False))

# Violates: the vclusterAccess stack output carries the virtual cluster's admin kubeconfig itself (read from its
# Secret) under a nested key named kubeconfig, not marked secret.
case("kube-output-vcluster-kubeconfig-plain", PROVIDERS, "DENY", DOC["secrets"])(
    with_outputs(on_vcluster(program_values()), vclusterAccess=vc_access_inline(VC_KUBECONFIG))
)
# Complies: the output says where the kubeconfig is (namespace, Secret, field, server), as the program exports it.
case("kube-output-vcluster-access-pointer", PROVIDERS, cite=DOC["secrets"])(
    with_outputs(on_vcluster(program_values()), vclusterAccess=vc_access())
)

# Complies: acme's LimitRange, default deny and shop go through a second provider of eu1's component: the objects
# land on eu1 whichever of its providers sends them, so acme keeps every guardrail.
case("kube-guardrails-split-over-two-providers", PROVIDERS, cite=DOC["provider"])(split_providers)


# ============================================================================ unknown at preview

# Violates: the anonymous view binding is known; only its instance label (a name made in this update) is unknown.
case("kube-pre-crb-anonymous-view-label-unknown", PREVIEW, "DENY", DOC["unknowns"])(
    iso(anonymous_binding("view", UNKNOWN), neighbour=True)
)
# Violates: Flux's wildcard view role; only its version label is unknown.
case("kube-pre-flux-view-wildcard-version-unknown", PREVIEW, "DENY", DOC["unknowns"])(
    platform(flux_view(["*"], version=UNKNOWN))
)
# Violates: the system:monitoring patch adds acme's owner group; the other group it adds is unknown.
case("kube-pre-crb-patch-monitoring-tenant-and-unknown-group", PREVIEW, "DENY", DOC["unknowns"])(
    platform(monitoring_patch(group("acme-admins"), group(UNKNOWN)))
)
# Violates: the GDPR tenant on AKS in the UAE; only the shop's trace endpoint (a collector made in this update) is
# unknown.
case("kube-pre-gdpr-aks-uaenorth-endpoint-unknown", PREVIEW, "DENY", DOC["unknowns"])(
    gdpr_on_aks("uaenorth", "AE", endpoint=UNKNOWN)
)
# Violates: the kubeconfig nested in the output is not marked secret; only its content (read in this update) is
# unknown.
case("kube-pre-output-vcluster-kubeconfig-unknown-plain", PREVIEW, "DENY", DOC["secrets"])(
    with_outputs(on_vcluster(program_values()), vclusterAccess=vc_access_inline(UNKNOWN))
)
# Violates: the service-account key file is known; only the project key beside it is unknown.
case("kube-pre-configmap-gcp-key-project-unknown", PREVIEW, "DENY", DOC["unknowns"])(
    iso(gcp_config(GCP_SA_KEY, project=UNKNOWN))
)
# Complies: the anonymous issuer-discovery binding; only its instance label is unknown.
case("kube-pre-crb-anonymous-issuer-discovery-label-unknown", PREVIEW, cite=DOC["unknowns"])(
    iso(anonymous_binding("system:service-account-issuer-discovery", UNKNOWN), neighbour=True)
)
# Complies: Tekton's roles and acme's Task, whose builder image comes from a mirror made in this update.
case("kube-pre-tekton-task-image-unknown", PREVIEW, cite=DOC["unknowns"])(platform(tekton(image=UNKNOWN)))
# Complies: the Workload Identity Federation configuration; only the project key beside it is unknown.
case("kube-pre-configmap-gcp-wif-project-unknown", PREVIEW, cite=DOC["unknowns"])(
    iso(gcp_config(GCP_WIF_CONFIG, project=UNKNOWN))
)
# Complies: the FlowSchema for acme's CI account; its matching precedence (from a config output) is unknown.
case("kube-pre-flowschema-precedence-unknown", PREVIEW, cite=DOC["unknowns"])(platform(ci_flow_schema(UNKNOWN)))
# Complies: the GDPR tenant on AKS in Sweden; only the shop's trace endpoint is unknown.
case("kube-pre-gdpr-aks-swedencentral-endpoint-unknown", PREVIEW, cite=DOC["unknowns"])(
    gdpr_on_aks("swedencentral", "SE", endpoint=UNKNOWN)
)
# Complies: the GDPR PersistentVolume on the Frankfurt recovery cluster; its EFS file system is made in this update.
case("kube-pre-pv-frankfurt-volume-handle-unknown", PREVIEW, cite=DOC["unknowns"])(
    dr_volume("eu-central-1", "DE", volume_handle=UNKNOWN)
)
# Complies: the vclusterAccess pointer output; only the server address is unknown.
case("kube-pre-output-vcluster-access-server-unknown", PREVIEW, cite=DOC["unknowns"])(
    with_outputs(on_vcluster(program_values()), vclusterAccess=vc_access(server=UNKNOWN))
)


# ============================================================================ malformed
# Each value has a shape the Kubernetes API refuses (kubernetes-validate, 1.35, strict) at a field that decides
# isolation or residency; a correct pack reports the object as one it cannot evaluate.

# Cannot evaluate: acme's mutating webhook whose clientConfig.url is a list of two URLs, not one URL: who serves it
# (a service in the cluster, or which address outside) cannot be read.
case("kube-bad-webhook-client-url-list", MALFORMED, "DENY", DOC["mwc-api"])(
    iso(
        webhook(
            {"url": ["https://hooks.acme.example.com/mutate", "https://hooks-dr.acme.example.com/mutate"]},
            OWN,
            name="acme-url-hooks",
        ),
        neighbour=True,
    )
)
# Cannot evaluate: the anonymous binding's roleRef.kind is a list: which role it grants cannot be read.
case("kube-bad-crb-role-ref-kind-list", MALFORMED, "DENY", DOC["crb-api"])(
    iso(
        add(
            CRB,
            "status-page-anonymous-crb",
            metadata={"name": "status-page-anonymous"},
            roleRef={"apiGroup": RBAC, "kind": ["ClusterRole"], "name": "system:public-info-viewer"},
            subjects=[ANONYMOUS],
        ),
        neighbour=True,
    )
)
# Cannot evaluate: a ClusterRole aggregated into view whose rule's verbs is a map of verb to true, not a list.
case("kube-bad-aggregate-view-verbs-map", MALFORMED, "DENY", DOC["cr-api"])(
    platform(
        cluster_role(
            "reports-view",
            [{"apiGroups": ["reports.example.com"], "resources": ["reports"], "verbs": {"get": True, "list": True}}],
            VIEW_AGG,
        )
    )
)
# Cannot evaluate: acme's quota's hard is a list of one-entry maps, not a map of resource names to quantities.
case("kube-bad-quota-hard-list", MALFORMED, "DENY", DOC["quota-api"])(
    iso(quota=[{name: value} for name, value in QUOTA.items()])
)
# Cannot evaluate: acme's second namespace acme-batch (fully guarded) whose fleet-tenant label is a map, not a
# string: whose namespace it is cannot be read.
case("kube-bad-namespace-tenant-label-map", MALFORMED, "DENY", DOC["labels"])(
    iso(
        add(
            NS,
            "acme-batch-ns",
            metadata={
                "name": "acme-batch",
                "labels": {
                    "fleet-tenant": {"name": "acme"},
                    "fleet-isolation": "namespace",
                    "fleet-residency": "gdpr",
                    PSA_ENFORCE: "restricted",
                },
            },
        ),
        guardrails("acme-batch"),
    )
)
# Cannot evaluate: an ingress peer's namespaceSelector requirement whose operator is a list, not an operator.
case("kube-bad-np-peer-operator-list", MALFORMED, "DENY", DOC["netpol-api"])(
    iso(
        policy(
            to_app(
                {
                    "namespaceSelector": {
                        "matchExpressions": [{"key": NAME, "operator": ["In"], "values": ["ingress-nginx"]}]
                    }
                }
            ),
            name="from-ingress",
        )
    )
)
# Cannot evaluate: an impersonation rule whose resourceNames is a string, not a list: which accounts it may act as
# cannot be read.
case("kube-bad-role-resource-names-string", MALFORMED, "DENY", DOC["role-api"])(
    iso(*impersonator({**IMPERSONATE_DEPLOYER, "resourceNames": "tenant-deployer"}))
)
# Cannot evaluate: a debugging Pod in acme whose labels are a list of "key=value" strings, not a map: whether it
# carries a residency label of its own cannot be read.
case("kube-bad-pod-labels-list", MALFORMED, "DENY", DOC["pod-api"])(
    iso(
        add(
            "kubernetes:core/v1:Pod",
            "acme-shop-debug-pod",
            metadata={"name": "shop-debug", "namespace": "acme", "labels": ["app=shop", "fleet-residency=gdpr"]},
            spec=pod_template()["spec"],
        )
    )
)
# Cannot evaluate: a RoleBindingPatch of acme's admin binding whose subjects is a map keyed by name, not a list.
case("kube-bad-rb-patch-subjects-map", MALFORMED, "DENY", DOC["rb-patch"])(
    iso(
        patch(
            "RoleBinding",
            "acme-admin-rb-patch",
            {"name": "tenant-admin", "namespace": "acme"},
            f"{RBAC}/v1",
            roleRef={"apiGroup": RBAC, "kind": "ClusterRole", "name": "admin"},
            subjects={"acme-admins": {"kind": "Group", "apiGroup": RBAC}},
        )
    )
)
# Cannot evaluate: a ClusterRole aggregated into view whose aggregationRule's clusterRoleSelectors is a number.
case("kube-bad-aggregation-selectors-number", MALFORMED, "DENY", DOC["cr-api"])(
    platform(
        add(
            CR,
            "reports-view-cr",
            metadata={"name": "reports-view", "labels": VIEW_AGG},
            aggregationRule={"clusterRoleSelectors": 1},
            rules=[],
        )
    )
)
