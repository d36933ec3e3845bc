"""What a rule sees and returns, independent of pulumi_policy: the pack's shared vocabulary.

Rules import what they share from here (cluster types, the cloud of a type, label keys, where a
resource's regime comes from, the unknown-regime finding, deferral of unknown values), never
from each other.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import yaml

from fleet.core import kinds
from fleet.core import labels as fleet_labels
from fleet.core.residency import Regime

Level = Literal["advisory", "mandatory", "disabled"]
Severity = Literal["low", "medium", "high", "critical"]

# Label keys: defined once, in fleet/labels.py, for the program and the pack.
RESIDENCY = fleet_labels.RESIDENCY
TENANT = fleet_labels.TENANT
ISOLATION = fleet_labels.ISOLATION
NO_REGIME = "none"

# The provider packages whose resources the pack knows where they keep data, by package prefix.
CLOUDS = {package: kind.name for package, kind in kinds.BY_PACKAGE.items()}
KUBERNETES = "kubernetes"
# Packages whose resources keep no data in any location (random values, local TLS material,
# time stamps): nothing to place. A custom resource of any other package is unknown to the pack.
NO_DATA_PACKAGES = frozenset({"random", "tls", "time"})

# Cluster resources and the fleet's cluster components (fleet.core.kinds).
EKS, GKE, AKS = (k.KIND.cluster_type or "" for k in (kinds.aws, kinds.gcp, kinds.azure))
CLUSTER_TYPES = frozenset(kinds.BY_CLUSTER_TYPE)
FLEET_CLUSTERS = frozenset(kind.component_type for kind in kinds.KINDS.values())
EXISTING_CLUSTER = kinds.existing.KIND.component_type
K8S_PROVIDER = "pulumi:providers:kubernetes"
STACK = "pulumi:pulumi:Stack"

# Kubernetes kinds the tenant and secret rules read.
NAMESPACE = "kubernetes:core/v1:Namespace"
RESOURCE_QUOTA = "kubernetes:core/v1:ResourceQuota"
LIMIT_RANGE = "kubernetes:core/v1:LimitRange"
NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy"
ROLE_BINDING = "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding"
CLUSTER_ROLE_BINDING = "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding"
CONFIG_MAP = "kubernetes:core/v1:ConfigMap"
SECRET = "kubernetes:core/v1:Secret"
HELM_RELEASE = "kubernetes:helm.sh/v3:Release"
SERVICE = "kubernetes:core/v1:Service"
MUTATING_WEBHOOKS = "kubernetes:admissionregistration.k8s.io/v1:MutatingWebhookConfiguration"
VALIDATING_WEBHOOKS = "kubernetes:admissionregistration.k8s.io/v1:ValidatingWebhookConfiguration"
# pulumi-kubernetes ``<Kind>Patch`` types change an existing object by server-side apply; they are
# judged as the kind they change (https://www.pulumi.com/registry/packages/kubernetes/how-to-guides/managing-resources-with-server-side-apply/).
PATCH_SUFFIX = "Patch"
# Isolation modes a tenant namespace declares (fleet-isolation), and the dedicated-cluster one.
DEDICATED = "cluster"
OWNER_ANNOTATIONS = ("fleet.dev/owners-admin", "fleet.dev/owners-edit", "fleet.dev/owners-view")

# Top-level properties that hold a resource's own tags or labels, in the order they are read.
# AWS and Azure use ``tags``, GCP ``labels`` (GKE clusters ``resourceLabels``, Cloud SQL keeps them
# in ``settings.userLabels``: nested label paths come from the residency survey).
TAG_KEYS = ("tags", "labels", "resourceLabels", "userLabels")
# Provider inputs that hold default tags/labels for every resource of the provider.
PROVIDER_DEFAULT_TAGS = ("defaultTags", "defaultLabels")


class Deferred(Exception):
    """A decision needs a value that is unknown until the update runs (a preview of new resources)."""

    def __init__(self, urn: str, path: str):
        super().__init__(f"{path} of {urn} is unknown during preview")
        self.urn = urn
        self.path = path


class Unknown:
    """An unknown value in a resource's properties. Using it in any way (truth, comparison,
    hashing, iteration, formatting) raises Deferred, so a rule cannot decide on it by accident."""

    __slots__ = ("path", "urn")

    def __init__(self, urn: str, path: str):
        object.__setattr__(self, "urn", urn)
        object.__setattr__(self, "path", path)

    def _defer(self, *_: Any, **__: Any) -> Any:
        raise Deferred(object.__getattribute__(self, "urn"), object.__getattribute__(self, "path"))

    __bool__ = __eq__ = __ne__ = __hash__ = __iter__ = __len__ = __getitem__ = __contains__ = _defer
    __lt__ = __le__ = __gt__ = __ge__ = __str__ = __format__ = __int__ = __float__ = _defer

    def __getattr__(self, name: str) -> Any:
        self._defer()

    def __repr__(self) -> str:
        return f"<unknown {object.__getattribute__(self, 'path')}>"


@dataclass
class Resource:
    """A resource as a rule reads it: plain dicts and lists, with ``Unknown`` where the engine
    sent a value that is unknown during preview."""

    type: str
    urn: str
    name: str
    props: Mapping[str, Any]
    provider_type: str | None = None
    provider_props: Mapping[str, Any] = field(default_factory=dict)
    provider_urn: str | None = None
    provider_name: str | None = None
    parent: str | None = None  # parent URN
    secret_paths: frozenset[str] = frozenset()  # properties that are secret, nested ones as name.key or name[i]
    # Per top-level input, the URNs of the resources its value came from (the engine's
    # propertyDependencies): known at preview even when the value itself is not.
    depends: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def package(self) -> str:
        return self.type.split(":", 1)[0]

    @property
    def cloud(self) -> str | None:
        return cloud_of(self.type)

    @property
    def is_kubernetes(self) -> bool:
        return self.package == KUBERNETES

    @property
    def is_custom(self) -> bool:
        """A custom resource has a provider; a component resource has none."""
        return self.provider_type is not None or self.provider_urn is not None or self.type.startswith("pulumi:")


# Kinds served under other groups or versions before the current ones: the same object for every rule
# (an existing cluster may serve them; the SDK registers them). NetworkPolicy was extensions/v1beta1.
_GROUP_ALIASES = {("extensions", "NetworkPolicy"): "networking.k8s.io"}
BUILT_IN_GROUPS = frozenset(
    {"core", "extensions", "networking.k8s.io", "rbac.authorization.k8s.io", "admissionregistration.k8s.io"}
)


def kind_of(resource_type: str) -> str:
    """The Kubernetes type an object is, or changes when it is a ``<Kind>Patch``, at the version the rules
    name (``kubernetes:networking.k8s.io/v1beta1:NetworkPolicy`` is judged as the v1 kind)."""
    if not resource_type.startswith(KUBERNETES + ":"):
        return resource_type
    bare = resource_type.removesuffix(PATCH_SUFFIX)
    _, api, kind = bare.split(":", 2) if bare.count(":") >= 2 else ("", "", bare)
    group, _, version = api.rpartition("/")
    if version != "v1" and (group or "core") in BUILT_IN_GROUPS:
        group = _GROUP_ALIASES.get((group, kind), group)
        return f"{KUBERNETES}:{group or 'core'}/v1:{kind}"
    return bare


def is_patch(resource: Resource) -> bool:
    return resource.is_kubernetes and resource.type.endswith(PATCH_SUFFIX)


def cloud_of(resource_type: str) -> str | None:
    return CLOUDS.get(resource_type.split(":", 1)[0])


@dataclass(frozen=True)
class Finding:
    message: str
    urn: str | None = None  # None: about the resource being validated (resource rules)
    deferred: bool = False  # the decision waits for values unknown during preview (reported as advisory)


@dataclass(frozen=True)
class Context:
    regimes: Mapping[str, Regime]
    exemptions: tuple[Any, ...] = ()  # config.Exemption, for the exemption rules
    today: Any = None  # datetime.date
    stack_regime: str | None = None  # the regime the policy config declares for the whole stack
    # AWS Organizations OU or root ID -> the accounts the spec says an SCP attached there covers
    # (policy config guardrailAccounts, generated from the spec's guardrails).
    guardrail_accounts: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # The AWS accounts the spec names as the organization's own (policy config awsAccounts).
    aws_accounts: tuple[str, ...] = ()
    # The stack and project the policy config was generated for (None: not by `fleet policy-config`).
    config_stack: str | None = None
    config_project: str | None = None


ResourceCheck = Callable[[Resource, Context], Iterable[Finding]]
StackCheck = Callable[[list[Resource], Context], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """A rule's metadata and its pure check; ``pack.py`` makes it a CrossGuard policy."""

    id: str  # stable, e.g. FLEET-RES-001; never reused
    name: str  # the CrossGuard policy name, kebab-case
    title: str  # "Ensure ..."
    severity: Severity
    default_level: Level
    rationale: str
    remediation: str
    resource_check: ResourceCheck | None = None
    stack_check: StackCheck | None = None

    @property
    def kind(self) -> str:
        return "stack" if self.stack_check else "resource"


# ---------------------------------------------------------------------------------- values


def is_map(value: Any) -> bool:
    return isinstance(value, Mapping)


SECRET_KEY = "4dabf18193072939515e22adb298388d"  # the engine's marker of a secret value
MAX_LEAF_DEPTH = 8
MAX_DOCUMENT = 65536  # a document held as text longer than this is not parsed (a script, a certificate bundle)


def text_leaves(
    value: Any, path: str = "", depth: int = 0, own: Collection[str] = (), skip: Collection[str] = ()
) -> Iterator[tuple[str, str]]:
    """Every string of a resource's properties with its path, what documents held as text name included: JSON (an
    account policy's policyDocument, an OpenSearch Serverless access policy) and YAML (an OpenSearch Ingestion
    pipeline's configuration body, its numbers read as the text they are). Not secrets, not IAM policy documents
    (who may act on what: ``policy_documents``), not the top-level keys in ``own``, not the paths in ``skip``."""
    if depth > MAX_LEAF_DEPTH or isinstance(value, Unknown) or path in skip:
        return
    if is_map(value):
        if SECRET_KEY in value or "Statement" in value:
            return
        for key, item in value.items():
            if depth == 0 and key in own:
                continue
            yield from text_leaves(item, f"{path}.{key}" if path else str(key), depth + 1, own, skip)
    elif is_list(value):
        for item in value:
            yield from text_leaves(item, f"{path}[]", depth + 1, own, skip)
    elif isinstance(value, str) and value[:1] in "{[" and value.rstrip()[-1:] in "}]":
        try:
            document = json.loads(value)
        except ValueError:
            yield path, value
            return
        yield from text_leaves(document, path, depth + 1, own, skip)
    elif isinstance(value, str) and "\n" in value and ":" in value and len(value) <= MAX_DOCUMENT:
        try:
            document = yaml.safe_load(value)
        except yaml.YAMLError:
            document = None
        if is_map(document) or is_list(document):
            yield from text_leaves(_texts(document), path, depth + 1, own, skip)
        else:
            yield path, value
    elif isinstance(value, str) and value:
        yield path, value


def _texts(value: Any) -> Any:
    if is_map(value):
        return {str(k): _texts(v) for k, v in value.items()}
    if is_list(value):
        return [_texts(v) for v in value]
    return value if value is None or isinstance(value, (str, bool)) else str(value)


def policy_documents(value: Any, path: str = "", depth: int = 0) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """The IAM policy documents in a value (objects with a ``Statement``, or their JSON text), with their paths."""
    if depth > 6 or isinstance(value, Unknown):
        return
    if isinstance(value, str) and value.lstrip().startswith("{") and "Statement" in value:
        try:
            value = json.loads(value)
        except ValueError:
            return
    if is_map(value):
        if "Statement" in value:
            yield path, value
            return
        for key, item in value.items():
            yield from policy_documents(item, f"{path}.{key}" if path else str(key), depth + 1)
    elif is_list(value):
        for item in value:
            yield from policy_documents(item, f"{path}[]", depth + 1)


def is_list(value: Any) -> bool:
    return isinstance(value, Sequence) and not isinstance(value, (str, bytes))


class Malformed(ValueError):
    """A property whose shape is not the one its provider documents (a string where a list goes).

    Raised, never skipped: a value the pack cannot read might be the one that breaks the rule. The
    pack reports the resource as one it cannot evaluate (mandatory) and judges the rest."""


# Packages bridged from Terraform providers: the bridge takes a one-item list where the SDK flattens a block and
# wraps a single value given for a list (pulumi-terraform-bridge pkg/tfbridge/schema.go, makeTerraformInput).
# Their Plugin Framework resources take neither (pkg/convert), and the SDKs do not say which a resource is, so
# the lenient reading is the one judged.
BRIDGED_PACKAGES = frozenset({"aws", "gcp"})


def as_block(resource: Resource, shape: str, value: Any) -> Any:
    """A value where the SDK takes an object: for a bridged provider's resource, a one-item list given for it is
    that object, as the Terraform bridge takes it (``values_at``)."""
    if shape == "object" and resource.package in BRIDGED_PACKAGES and is_list(value) and len(value) == 1:
        return value[0]
    return value


def resource_values(resource: Resource, path: str) -> list[Any]:
    """``values_at`` of a resource's properties, read as its provider takes them."""
    return values_at(resource.props, path, bridged=resource.package in BRIDGED_PACKAGES)


def values_at(props: Any, path: str, bridged: bool = False) -> list[Any]:
    """Every value at a survey path (``a.b[].c``) that is present (None and absent are skipped).

    A value of another shape than the path says (a scalar where a map or list goes, a map where a list goes)
    raises ``Malformed``, except, for a ``bridged`` provider's resource, what the Terraform bridge takes: a
    single value where a list goes (read as a one-item list) and a one-item list where a map goes (its item).
    An unknown value on the way is returned as it is, so the caller that reads it defers (``Deferred``)
    instead of taking the absence of a value for an answer."""
    current: list[Any] = [props]
    walked = ""
    for segment in path.split("."):
        many = segment.endswith("[]")
        key = segment[:-2] if many else segment
        walked = f"{walked}.{segment}" if walked else segment
        found: list[Any] = []
        for item in current:
            if isinstance(item, Unknown):
                found.append(item)
                continue
            if bridged and is_list(item) and len(item) == 1:
                # A one-item list where an object goes: what the Terraform bridge takes for a block the SDK flattens
                # (FLEET-PRV-002 refuses it where the provider does).
                item = item[0]
                if isinstance(item, Unknown):
                    found.append(item)
                    continue
            if not is_map(item):
                raise Malformed(f"{walked}: expected an object on the way to {path}, got {describe_shape(item)}")
            if key not in item:
                continue
            value = item[key]
            if value is None:
                continue
            if many:
                if isinstance(value, Unknown):
                    found.append(value)
                elif is_list(value):
                    found.extend(v for v in value if v is not None)
                elif bridged:
                    found.append(value)  # one value where a list goes: the bridge wraps it in a one-item list
                else:
                    raise Malformed(f"{walked}: expected a list, got {describe_shape(value)}")
            else:
                found.append(value)
        current = found
    return current


def describe_shape(value: Any) -> str:
    if is_map(value):
        return "an object"
    if is_list(value):
        return "a list"
    return f"{type(value).__name__} {str(value)[:40]!r}"


def as_map(value: Any) -> Mapping[str, Any]:
    """A mapping, also from the JSON text providers receive nested config as (defaultTags)."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return {}
    return value if is_map(value) else {}


def kubernetes_labels(value: Any) -> dict[str, Any]:
    """A Kubernetes object's labels: a map (ObjectMeta), or absent; any other shape is malformed."""
    if value is None or isinstance(value, Unknown):
        return {}
    if not is_map(value):
        raise Malformed(f"metadata.labels: expected an object, got {type(value).__name__} {str(value)[:40]!r}")
    return dict(value)


def tag_map(value: Any) -> dict[str, Any]:
    """Tags as a dict, from a map or a list of {key, value} entries (aws-native, autoscaling groups)."""
    if is_map(value):
        return dict(value)
    if is_list(value):
        found = {}
        for item in value:
            if is_map(item) and ("key" in item or "Key" in item):
                found[str(item.get("key", item.get("Key")))] = item.get("value", item.get("Value"))
        return found
    return {}


# ---------------------------------------------------------------------------------- tenants


# ---------------------------------------------------------------------------------- clusters

# The label the control plane sets on every namespace to its name, which no one can change: the one
# label that names a namespace (https://kubernetes.io/docs/reference/labels-annotations-taints/
# #kubernetes-io-metadata-name).
NAMESPACE_NAME = "kubernetes.io/metadata.name"


def _kubeconfig_document(value: Any) -> Mapping[str, Any] | str | None:
    """A provider's ``kubeconfig`` input: the parsed document (its contents, YAML or JSON, which
    YAML reads too), the path it names, or None when it is empty. The input takes "the contents of
    a kubeconfig file or the path to a kubeconfig file"
    (https://www.pulumi.com/registry/packages/kubernetes/api-docs/provider/#kubeconfig_python)."""
    if value is None or value == "":
        return None
    if is_map(value):
        return value
    if not isinstance(value, str):
        raise TypeError(f"kubeconfig is a {type(value).__name__}, not text")
    try:
        parsed = yaml.safe_load(value)
    except yaml.YAMLError:
        return value  # not a document: a path
    return parsed if is_map(parsed) else value


def _named(entries: Any, name: Any) -> Mapping[str, Any]:
    """The ``name``d entry of a kubeconfig's contexts or clusters list, as its inner map."""
    for entry in entries if is_list(entries) else []:
        if is_map(entry) and entry.get("name") == name:
            inner = entry.get("context", entry.get("cluster"))
            return inner if is_map(inner) else {}
    return {}


@dataclass(frozen=True)
class Target:
    """Where a Kubernetes provider sends its objects: a cluster identity (two providers with the
    same identity reach the same API server), and the namespace objects without one land in."""

    cluster: str
    namespace: Any  # str, None (the server's "default"), or Unknown


UNNAMED_SERVER = "kubeconfig without a server "
STACK = "pulumi:pulumi:Stack"


def provider_target(urn: str | None, props: Mapping[str, Any]) -> Target:
    """The cluster and default namespace of a Kubernetes provider from its inputs.

    The provider reaches the API server of the kubeconfig's cluster: the ``cluster`` input, else
    the cluster of the ``context`` input, else of the kubeconfig's current-context; with no
    kubeconfig, the ambient one ($KUBECONFIG, ~/.kube/config)
    (https://www.pulumi.com/registry/packages/kubernetes/installation-configuration/). Providers
    whose kubeconfigs name the same server reach the same cluster, whatever their URN; so do providers
    given the same kubeconfig without a server. A kubeconfig unknown during preview proves nothing by
    itself: the provider is its own cluster (``Clusters`` then looks at what it is built from).
    Default namespace, by the provider's precedence: ``metadata.namespace``, then the provider's
    ``namespace`` input, then the namespace of the kubeconfig's context
    (https://www.pulumi.com/registry/packages/kubernetes/api-docs/provider/#namespace_python,
    https://github.com/pulumi/pulumi-kubernetes/pull/1896), then ``default``."""
    own = f"provider {urn}"
    namespace = props.get("namespace")
    if not props:
        return Target(own, namespace)
    try:
        document = _kubeconfig_document(props.get("kubeconfig"))
        context_name = props.get("context") or None
        cluster_name = props.get("cluster") or None
    except Deferred:
        return Target(own, namespace)
    if not isinstance(document, Mapping):
        where = "ambient kubeconfig" if document is None else f"kubeconfig file {document}"
        return Target(f"{where} context={context_name or ''} cluster={cluster_name or ''}", namespace)
    context = _named(document.get("contexts"), context_name or document.get("current-context"))
    server = _named(document.get("clusters"), cluster_name or context.get("cluster")).get("server")
    if namespace is None or (isinstance(namespace, str) and not namespace):
        namespace = context.get("namespace") or None
    if not isinstance(server, str) or not server:
        # No server to name, but the same kubeconfig, context and cluster reach the same API server,
        # whichever it is: providers configured alike are one cluster.
        same = json.dumps([document, context_name, cluster_name], sort_keys=True, default=str)
        return Target(f"{UNNAMED_SERVER}{hashlib.sha256(same.encode()).hexdigest()[:16]}", namespace)
    return Target(f"server {server.strip().rstrip('/').lower()}", namespace)


def cluster_of(resource: Resource) -> str:
    """The identity of the cluster a Kubernetes resource goes to (see ``provider_target``)."""
    return provider_target(resource.provider_urn, resource.provider_props).cluster


def namespace_of(resource: Resource) -> str:
    """The namespace a namespaced Kubernetes object lands in: its own, else its provider's default."""
    own = (resource.props.get("metadata") or {}).get("namespace")
    if own is not None and not isinstance(own, str | Unknown):
        raise Malformed(f"metadata.namespace: expected a namespace name, got {type(own).__name__} {str(own)[:40]!r}")
    if own is not None and own != "":
        return str(own)
    fallback = provider_target(resource.provider_urn, resource.provider_props).namespace
    return str(fallback) if fallback is not None and fallback != "" else "default"


def _urn_type(urn: str) -> str:
    """The type of the resource a URN names (``urn:pulumi:s::p::parent$type::name``)."""
    parts = urn.split("::")
    return parts[-2].rsplit("$", 1)[-1] if len(parts) >= 3 else ""


def _provider_cluster(provider: Resource, components: Mapping[str, str]) -> str:
    """A provider resource's cluster identity. While its kubeconfig is unknown (the first preview of a
    new cluster), the resources the engine says it is built from identify the cluster: two providers
    whose kubeconfigs come from the same cluster resource, or from the component that owns it (a
    component's output depends on the component), reach the same API server."""
    found = provider_target(provider.urn, provider.props).cluster
    built_from = provider.depends.get("kubeconfig", ())
    if found == f"provider {provider.urn}" and built_from:
        clusters = sorted(
            {components.get(u, u) for u in built_from if _urn_type(components.get(u, u)) in CLUSTER_TYPES}
        )
        return "kubeconfig from " + ", ".join(clusters or sorted(built_from))
    return found


@dataclass(frozen=True)
class Clusters:
    """The Kubernetes providers of a stack grouped by the cluster they reach: by the server their
    kubeconfig names, and a provider the program builds inside a fleet cluster component reaches that
    component's cluster whatever its server is called (``provider_target``)."""

    by_provider: Mapping[str | None, str]
    providers: Mapping[str, tuple[str | None, ...]]
    # Providers written outside any component whose cluster no component's provider reaches (a server
    # named only there): which fleet cluster they reach cannot be shown, so they may reach any.
    unplaced: frozenset[str | None] = frozenset()

    @classmethod
    def index(cls, resources: Iterable[Resource]) -> Clusters:
        by_provider: dict[str | None, str] = {}
        resources = list(resources)
        components = {r.parent: r.urn for r in resources if r.type in CLUSTER_TYPES and r.parent}
        # A kubeconfig without a server does not tell two clusters apart; the component that owns a
        # provider (a cluster component: Tenancy reads providers the same way) does. Such a kubeconfig,
        # given to a provider outside any component, names the one component-owned provider configured
        # alike, if exactly one is.
        owned: dict[str, set[str]] = {}
        parents = {r.urn: r.parent for r in resources}

        def cluster_ancestor(urn: str | None) -> str | None:
            """The fleet cluster component a resource sits in, at any depth (a tenant component under it)."""
            seen: set[str] = set()
            while urn and urn not in seen:
                if _urn_type(urn) in FLEET_CLUSTERS:
                    return urn
                seen.add(urn)
                urn = parents.get(urn)
            return None

        for r in resources:
            if r.type == K8S_PROVIDER:
                found = _provider_cluster(r, components)
                # A provider the program builds inside a fleet cluster component, at any depth, reaches that
                # cluster, whatever its kubeconfig's server is called (a second context of the same cluster).
                ancestor = cluster_ancestor(r.parent)
                if ancestor is None and found.startswith(UNNAMED_SERVER) and r.parent and _urn_type(r.parent) != STACK:
                    ancestor = r.parent  # the component that owns it tells it apart
                if ancestor is not None:
                    owner = f"component {components.get(ancestor, ancestor)}"
                    owned.setdefault(found, set()).add(owner)
                    found = owner
                by_provider.setdefault(r.urn, found)
            elif r.is_kubernetes and r.provider_urn not in by_provider:
                by_provider[r.provider_urn] = provider_target(r.provider_urn, r.provider_props).cluster
        for provider, found in list(by_provider.items()):
            if len(owned.get(found, ())) == 1:
                by_provider[provider] = next(iter(owned[found]))
        providers: dict[str, list[str | None]] = {}
        for provider, cluster in by_provider.items():
            providers.setdefault(cluster, []).append(provider)
        in_components = {
            r.urn for r in resources if r.type == K8S_PROVIDER and r.parent and _urn_type(r.parent) != STACK
        }
        placed = {by_provider[p] for p in in_components if p in by_provider}
        unplaced = frozenset(
            r.urn
            for r in resources
            if r.type == K8S_PROVIDER and r.urn not in in_components and by_provider.get(r.urn) not in placed
        )
        return cls(by_provider, {k: tuple(v) for k, v in providers.items()}, unplaced if placed else frozenset())

    def of(self, resource: Resource) -> str:
        found = self.by_provider.get(resource.provider_urn)
        return found if found is not None else cluster_of(resource)

    def same_cluster(self, provider: str | None) -> tuple[str | None, ...]:
        """Every provider that reaches the cluster ``provider`` reaches (itself included)."""
        cluster = self.by_provider.get(provider)
        return self.providers.get(cluster, (provider,)) if cluster is not None else (provider,)


# ---------------------------------------------------------------------------------- tenants


@dataclass(frozen=True)
class TenantNamespace:
    """A namespace labelled fleet-tenant, on one cluster (Kubernetes provider)."""

    provider: str | None
    name: str
    tenant: str
    isolation: str | None
    groups: frozenset[str]  # the groups its owner annotations name
    urn: str
    cluster: str = ""  # the identity of its cluster (Clusters)
    labels: Mapping[str, Any] = field(default_factory=dict)


def tenant_namespaces(
    resources: Iterable[Resource],
) -> tuple[dict[tuple[str | None, str], TenantNamespace], list[Deferred]]:
    """Tenant namespaces by (provider URN, name), and the namespaces whose labels are unknown.

    A namespace is listed under every provider of the stack that reaches its cluster (providers
    with the same API server: ``provider_target``), so an object sent through a second provider
    for the same cluster is in the same namespace. Look objects up with ``namespace_of``, which
    also follows a provider's default namespace. A NamespacePatch's labels count as the namespace's
    (and one of a namespace the stack does not make is the namespace). A provider outside every
    cluster component that reaches no component's cluster (``Clusters.unplaced``) may reach any:
    every tenant namespace is listed under it too."""
    resources = list(resources)
    clusters = Clusters.index(resources)
    found: dict[tuple[str | None, str], TenantNamespace] = {}
    unknown: list[Deferred] = []
    # A NamespacePatch writes its labels onto the namespace by server-side apply, and writes the whole
    # namespace when the stack does not make it: patches count after the namespaces they change.
    patched: dict[tuple[str, str], dict[str, Any]] = {}
    namespaces = [r for r in resources if r.type == NAMESPACE]
    made = set()
    for ns in namespaces:
        with contextlib.suppress(Deferred, TypeError, AttributeError):
            made.add((clusters.of(ns), str((ns.props.get("metadata") or {}).get("name"))))
    for patch in (r for r in resources if r.type == NAMESPACE + PATCH_SUFFIX):
        with contextlib.suppress(Deferred, TypeError, AttributeError):
            metadata = patch.props.get("metadata") or {}
            key = (clusters.of(patch), str(metadata.get("name")))
            patched.setdefault(key, {}).update(kubernetes_labels(metadata.get("labels")))
            if key not in made:
                made.add(key)
                namespaces.append(patch)
    for ns in namespaces:
        try:
            metadata = ns.props.get("metadata") or {}
            labels = kubernetes_labels(metadata.get("labels"))
            writes = patched.get((clusters.of(ns), str(metadata.get("name"))), {})
            # A patch may make a namespace a tenant's; one that drops or changes the tenant label is
            # FLEET-TEN-001's to report, and the namespace stays the tenant's for every other rule.
            labels = {**writes, **labels} if labels.get(TENANT) else {**labels, **writes}
            tenant = labels.get(TENANT)
            if not tenant:
                continue
            annotations = metadata.get("annotations")
            if isinstance(annotations, Unknown):
                # Which groups own it is not known yet (decisions that need it wait); its labels decide the rest.
                unknown.append(Deferred(ns.urn, "metadata.annotations"))
                annotations = {}
            annotations = annotations or {}
            groups = frozenset(g for key in OWNER_ANNOTATIONS for g in str(annotations.get(key) or "").split(",") if g)
            name = str(metadata.get("name"))
            entry = TenantNamespace(
                ns.provider_urn,
                name,
                str(tenant),
                str(labels.get(ISOLATION) or "") or None,
                groups,
                ns.urn,
                clusters.of(ns),
                labels,
            )
            for provider in clusters.same_cluster(ns.provider_urn):
                found[(provider, name)] = entry
            for provider in clusters.unplaced:
                # Failing closed: a provider that cannot be shown to reach another cluster may reach this one.
                found.setdefault((provider, name), entry)
        except Deferred as err:
            unknown.append(err)
    return found, unknown


def tenant_of(
    resource: Resource, tenants: Mapping[tuple[str | None, str], TenantNamespace], unknown: Sequence[Deferred]
) -> TenantNamespace | None:
    """The tenant namespace a namespaced object lands in (``namespace_of``), or None; while some
    namespace's labels are unknown at preview it may be that one, so the decision waits."""
    ns = tenants.get((resource.provider_urn, namespace_of(resource)))
    if ns is None and unknown:
        raise unknown[0]
    return ns


def own_namespaces(tenants: Mapping[tuple[str | None, str], TenantNamespace], ns: TenantNamespace) -> frozenset[str]:
    """The names of the namespaces of ``ns``'s tenant on ``ns``'s cluster."""
    return frozenset(t.name for t in tenants.values() if t.cluster == ns.cluster and t.tenant == ns.tenant)


@dataclass(frozen=True)
class Selection:
    """Which namespaces a namespace label selector can match, as far as labels bound it: by name
    (``kubernetes.io/metadata.name``, set by the control plane) or by tenant (``fleet-tenant``, set
    only by whoever may write namespaces). None: not bounded, so any namespace may match, since any
    other label is one any namespace may carry."""

    names: frozenset[str] | None
    tenants: frozenset[str] | None

    @property
    def bounded(self) -> bool:
        return self.names is not None or self.tenants is not None

    def within(self, names: frozenset[str], tenant: str) -> bool:
        """Whether every namespace it can match is one of ``names`` or of ``tenant``."""
        return (self.names is not None and self.names <= names) or (
            self.tenants is not None and self.tenants <= {tenant}
        )


SELECTOR_OPERATORS = ("In", "NotIn", "Exists", "DoesNotExist")


def namespace_selection(selector: Any) -> Selection:
    """What a LabelSelector over namespaces can match. Its matchLabels and matchExpressions are
    ANDed; only ``In`` (and a matchLabels entry) limits a key to listed values; NotIn, Exists and
    DoesNotExist match namespaces without naming them
    (https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#resources-that-support-set-based-requirements).
    An empty selector matches every namespace."""
    if not is_map(selector):
        raise TypeError(f"a label selector is a map, not {type(selector).__name__}")
    bounds: dict[str, frozenset[str]] = {}

    def limit(key: Any, values: Iterable[Any]) -> None:
        if key in (NAMESPACE_NAME, TENANT):
            allowed = frozenset(str(v) for v in values)
            bounds[key] = bounds[key] & allowed if key in bounds else allowed

    for key, value in dict(selector.get("matchLabels") or {}).items():
        limit(key, [value])
    for expression in selector.get("matchExpressions") or []:
        operator = expression.get("operator")
        if operator not in SELECTOR_OPERATORS:
            raise ValueError(f"label selector operator {operator!r} is not one of {', '.join(SELECTOR_OPERATORS)}")
        if operator == "In":
            limit(expression.get("key"), expression.get("values") or [])
    return Selection(bounds.get(NAMESPACE_NAME), bounds.get(TENANT))


def describe_selector(selector: Any) -> str:
    if not selector.get("matchLabels") and not selector.get("matchExpressions"):
        return "{}"
    return json.dumps(
        {k: selector[k] for k in ("matchLabels", "matchExpressions") if selector.get(k)}, sort_keys=True, default=str
    )


# ---------------------------------------------------------------------------------- regimes


@dataclass(frozen=True)
class RegimeSource:
    """The regime a resource declares and where it was read from."""

    name: str
    source: str  # "tag", "label", "settings.userLabels", "provider default tags", "stack config"

    @property
    def regulated(self) -> bool:
        return self.name != NO_REGIME


def labels_of(resource: Resource) -> Mapping[str, Any]:
    """The resource's own tags or labels (Kubernetes metadata.labels; cloud top-level tags/labels)."""
    if resource.is_kubernetes:
        return tag_map((resource.props.get("metadata") or {}).get("labels"))
    for key in TAG_KEYS:
        found = tag_map(resource.props.get(key))
        if found:
            return found
    return {}


def provider_default_labels(provider_props: Mapping[str, Any]) -> Mapping[str, Any]:
    """Default tags (AWS ``defaultTags.tags``) or labels (GCP ``defaultLabels``) of a provider."""
    aws = as_map(provider_props.get("defaultTags"))
    if aws:
        return tag_map(aws.get("tags"))
    return tag_map(as_map(provider_props.get("defaultLabels")))


def declared_regime(resource: Resource, nested_labels: Sequence[str] = ()) -> RegimeSource | None:
    """The regime the resource itself or its provider declares, or None.

    Its own label wins (AWS: resource tags override the provider's default tags with the same
    key); then labels the survey lists in nested properties (Cloud SQL ``settings.userLabels``);
    then the provider's default tags or labels."""
    own = labels_of(resource).get(RESIDENCY)
    if own:
        return RegimeSource(str(own), "label" if resource.is_kubernetes else "tag")
    for path in nested_labels:
        for labels in resource_values(resource, path):
            value = tag_map(labels).get(RESIDENCY)
            if value:
                return RegimeSource(str(value), path)
    default = provider_default_labels(resource.provider_props).get(RESIDENCY)
    if default:
        return RegimeSource(str(default), "provider default tags")
    return None


def effective_regime(resource: Resource, ctx: Context, nested_labels: Sequence[str] = ()) -> RegimeSource | None:
    """Declared regime, else the regime the policy config declares for the whole stack."""
    declared = declared_regime(resource, nested_labels)
    if declared is not None:
        return declared
    if ctx.stack_regime:
        return RegimeSource(ctx.stack_regime, "stack config (stackRegime)")
    return None


def unknown_regime(resource: Resource, found: RegimeSource, ctx: Context) -> Finding:
    """The finding for a regime name that names no regime."""
    return Finding(
        f"{resource.type} {resource.name!r} declares {RESIDENCY}={found.name!r} ({found.source}), which is not a "
        f"regime (known: {', '.join(ctx.regimes)}); fix the {'label' if resource.is_kubernetes else 'tag'} or add "
        "the regime to the policy config",
        urn=resource.urn,
    )


def regulated_stack(resources: Iterable[Resource], ctx: Context) -> str | None:
    """Why the stack is regulated, or None: the policy config declares a stack regime other than
    none, or any resource or provider in it declares a regime other than none (tag, label,
    nested label, provider default tags/labels)."""
    if ctx.stack_regime and ctx.stack_regime != NO_REGIME:
        return f"the policy config declares stackRegime {ctx.stack_regime}"
    for resource in resources:
        if resource.type.startswith("pulumi:providers:"):
            default = provider_default_labels(resource.props).get(RESIDENCY)
            if default and str(default) != NO_REGIME:
                return f"provider {resource.name!r} sets default {RESIDENCY}={default}"
            continue
        try:
            found = declared_regime(resource)
        except Deferred:
            continue
        if found is not None and found.regulated:
            return f"{resource.type} {resource.name!r} declares {RESIDENCY}={found.name}"
    return None


@dataclass(frozen=True)
class Tenancy:
    """Which namespaces sit on which cluster: Kubernetes providers by the component that owns them
    (the cluster component), namespaces by their provider."""

    providers: Mapping[str | None, list[str | None]]
    namespaces: Mapping[str | None, list[Resource]]

    @classmethod
    def index(cls, resources: Iterable[Resource]) -> Tenancy:
        """A provider made elsewhere that reaches the same API server as a cluster component's
        provider (``Clusters``) counts as that cluster's too."""
        resources = list(resources)
        clusters = Clusters.index(resources)
        providers: dict[str | None, list[str | None]] = {}
        namespaces: dict[str | None, list[Resource]] = {}
        for r in resources:
            if r.type == K8S_PROVIDER:
                found = providers.setdefault(r.parent, [])
                found.extend(p for p in clusters.same_cluster(r.urn) if p not in found)
            elif r.type == NAMESPACE:
                namespaces.setdefault(r.provider_urn, []).append(r)
        return cls(providers, namespaces)


def held_regimes(cluster: Resource, tenancy: Tenancy) -> list[tuple[str, str]]:
    """The regimes a cluster holds and where each is declared: its own tag, its tenants' namespaces."""
    found: dict[str, str] = {}
    own = labels_of(cluster).get(RESIDENCY)
    if own:
        found[str(own)] = "its tag"
    # A cloud cluster's tenants sit on the providers of the component that owns it; a fleet cluster
    # component with no cloud cluster in the stack (an existing cluster) owns its providers itself.
    owner = cluster.urn if cluster.type in FLEET_CLUSTERS else cluster.parent
    for provider in tenancy.providers.get(owner, []):
        for namespace in tenancy.namespaces.get(provider, []):
            labels = tag_map((namespace.props.get("metadata") or {}).get("labels"))
            regime = labels.get(RESIDENCY)
            if regime:
                name = (namespace.props.get("metadata") or {}).get("name")
                found.setdefault(str(regime), f"namespace {name}")
    return list(found.items())


def regime_of(resource: Resource) -> str | None:
    """The regime name the resource's own tag or label declares (no inheritance)."""
    value = labels_of(resource).get(RESIDENCY)
    return str(value) if value else None


# ---------------------------------------------------------------------------------- deferral


def deferred(resource: Resource, err: Deferred, rule_does: str) -> Finding:
    """The advisory note for a decision that waits for the update."""
    about = "" if err.urn == resource.urn else f" of {err.urn.rsplit('::', 1)[-1]}"
    return Finding(
        f"{resource.type} {resource.name!r}: deferred until the update, {rule_does} needs {err.path}{about}, which "
        "is unknown during preview",
        urn=resource.urn,
        deferred=True,
    )


def cannot_evaluate(resource: Resource, err: Exception) -> str:
    return (
        f"cannot evaluate {resource.type} {resource.name!r}: its properties do not have the shape its provider "
        f"documents ({type(err).__name__}: {str(err)[:200]}); a resource the pack cannot judge is not let through"
    )


def each(
    resources: Iterable[Resource], decide: Callable[[Resource], Iterable[Finding]], rule_does: str
) -> Iterator[Finding]:
    """Decide per resource: an unknown value defers only the decision it touches; a malformed resource is
    reported ("cannot evaluate") and the others are judged."""
    for resource in resources:
        try:
            yield from list(decide(resource))
        except Deferred as err:
            yield deferred(resource, err, rule_does)
        except Malformed as err:
            yield Finding(cannot_evaluate(resource, err), urn=resource.urn)


def known(resource: Resource, read: Callable[[Resource], Any]) -> tuple[Any, Deferred | None]:
    """``read(resource)``, or the Deferred it raised (for indexes built before deciding)."""
    try:
        return read(resource), None
    except Deferred as err:
        return None, err
