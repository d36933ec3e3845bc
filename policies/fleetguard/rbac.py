"""Kubernetes RBAC as the tenant rules read it: which role a binding names, what that role's rules
allow, and what in them a tenant must not hold (shared by FLEET-TEN-002, -004, -011 and -012).

Rules are matched as the API server's authorizer matches them: ``*`` or an exact name for API
groups, resources and verbs, and ``*/<subresource>`` for a subresource of any resource
(kubernetes/kubernetes pkg/apis/rbac/v1/evaluation_helpers.go, ``ResourceMatches``,
``VerbMatches``, ``APIGroupMatches``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from fleetguard import shapes
from fleetguard.model import Deferred, Resource, Unknown, is_list, is_map, namespace_of

RBAC_DOCS = "https://kubernetes.io/docs/reference/access-authn-authz/rbac/"
RBAC_GROUP = "rbac.authorization.k8s.io"
_PREFIX = f"kubernetes:{RBAC_GROUP}/"

ROLE, CLUSTER_ROLE, ROLE_BINDING, CLUSTER_ROLE_BINDING = "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"
PATCH = "Patch"
KINDS = (ROLE, CLUSTER_ROLE, ROLE_BINDING, CLUSTER_ROLE_BINDING)

# The user-facing roles every cluster has (RBAC docs #user-facing-roles). The fleet binds tenants
# to admin, edit and view (fleet/tenancy/manifests.py role_bindings); what is aggregated into them
# is judged by FLEET-TEN-010.
CLUSTER_ADMIN = "cluster-admin"
USER_FACING = ("admin", "edit", "view")
# Default ClusterRoles that grant only public information: health, version and API discovery
# (non-resource URLs) and reviews of the caller's own rights. Kubernetes binds them to every
# authenticated user (and public-info-viewer to unauthenticated ones) itself
# (kubernetes/kubernetes plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go,
# clusterRoleBindings; CIS GKE 4.1.9 treats these bindings as expected).
# Built-in ClusterRoles whose rules Kubernetes fixes (bootstrappolicy/policy.go, ClusterRoles): judged by
# those rules like a role the stack defines, when a binding names one the stack does not define.
_READ = ["get", "list", "watch"]
MONITORING_URLS = ("/metrics", "/metrics/slis", "/livez", "/readyz", "/healthz", "/livez/*", "/readyz/*", "/healthz/*")
BUILTIN_RULES: dict[str, list[dict[str, list[str]]]] = {
    "system:auth-delegator": [
        {"apiGroups": ["authentication.k8s.io"], "resources": ["tokenreviews"], "verbs": ["create"]},
        {"apiGroups": ["authorization.k8s.io"], "resources": ["subjectaccessreviews"], "verbs": ["create"]},
    ],
    "system:heapster": [
        {"apiGroups": [""], "resources": ["events", "namespaces", "nodes", "pods"], "verbs": _READ},
        {"apiGroups": ["extensions"], "resources": ["deployments"], "verbs": _READ},
    ],
    "system:kube-aggregator": [{"apiGroups": [""], "resources": ["services", "endpoints"], "verbs": _READ}],
    "system:kube-dns": [{"apiGroups": [""], "resources": ["endpoints", "services"], "verbs": ["list", "watch"]}],
    "system:monitoring": [{"nonResourceURLs": list(MONITORING_URLS), "verbs": ["get"]}],
}
PUBLIC_INFO_ROLES = (
    "system:discovery",
    "system:basic-user",
    "system:public-info-viewer",
    "system:service-account-issuer-discovery",
)

# The groups every identity of a kind is in, and the anonymous user (RBAC docs #referring-to-subjects,
# https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests).
AUTHENTICATED, UNAUTHENTICATED = "system:authenticated", "system:unauthenticated"
ALL_SERVICE_ACCOUNTS = "system:serviceaccounts"
SA_GROUP_PREFIX = "system:serviceaccounts:"  # + namespace: every service account of that namespace
SA_USER_PREFIX = "system:serviceaccount:"  # + namespace:name: the user name a service account acts as
ANONYMOUS = "system:anonymous"
# Every node's kubelet authenticates in the group system:nodes
# (https://kubernetes.io/docs/reference/access-authn-authz/node/): nodes that run other tenants' pods.
NODES = "system:nodes"
EVERYONE = {
    AUTHENTICATED: "every authenticated user",
    UNAUTHENTICATED: "every unauthenticated request",
    ALL_SERVICE_ACCOUNTS: "every service account of the cluster",
    NODES: "every node's kubelet (nodes that run other tenants' pods)",
}

# Aggregation labels: a ClusterRole labelled with one adds its rules to that user-facing role, and
# view is aggregated into edit and edit into admin (RBAC docs #aggregated-clusterroles; policy.go
# labels view aggregate-to-edit and edit aggregate-to-admin).
AGGREGATE = {
    f"{RBAC_GROUP}/aggregate-to-admin": "admin",
    f"{RBAC_GROUP}/aggregate-to-edit": "edit",
    f"{RBAC_GROUP}/aggregate-to-view": "view",
}
REACHES = {"admin": ("admin",), "edit": ("edit", "admin"), "view": ("view", "edit", "admin")}

READ = frozenset({"get", "list", "watch"})
WRITE = frozenset({"create", "update", "patch", "delete", "deletecollection"})


def kind_of(resource: Resource) -> str | None:
    """Role, ClusterRole, RoleBinding or ClusterRoleBinding, at any served version of the RBAC API; a
    ``<Kind>Patch`` is the kind it changes (``objects`` merges it into the object first)."""
    if not resource.type.startswith(_PREFIX):
        return None
    kind = resource.type.rsplit(":", 1)[-1].removesuffix(PATCH)
    return kind if kind in KINDS else None


def objects(resources: Sequence[Resource]) -> list[Resource]:
    """The resources as the API server will hold them: an RBAC ``<Kind>Patch`` changes the object of its
    kind, cluster, namespace and name by server-side apply, so it is merged over that object when the stack
    makes it (metadata labels and annotations key by key; subjects, rules, roleRef and aggregationRule are
    atomic and replaced), and judged as the object it writes when the object was made elsewhere
    (https://www.pulumi.com/registry/packages/kubernetes/how-to-guides/managing-resources-with-server-side-apply/)."""
    made: dict[tuple[str | None, str | None, str | None, str], Resource] = {}
    for r in resources:
        if kind_of(r) and not r.type.endswith(PATCH):
            made[_key(r)] = r
    result = []
    for r in resources:
        base = made.get(_key(r)) if kind_of(r) and r.type.endswith(PATCH) else None
        try:
            result.append(_merged(base, r) if base is not None else r)
        except (TypeError, Deferred):
            result.append(r)  # a malformed or unknown metadata: the patch is judged alone (and reported there)
    return result


def _key(r: Resource) -> tuple[str | None, str | None, str | None, str]:
    try:
        return (r.provider_urn, kind_of(r), namespace_of(r) if kind_of(r) in (ROLE, ROLE_BINDING) else None, name_of(r))
    except (Deferred, TypeError):
        return (r.provider_urn, kind_of(r), None, r.urn)  # an unknown or malformed name matches nothing


def _merged(base: Resource, patch: Resource) -> Resource:
    meta = {**dict(mapping(base.props.get("metadata"), "metadata"))}
    for key, value in mapping(patch.props.get("metadata"), "metadata").items():
        if key in ("labels", "annotations") and is_map(value):
            meta[key] = {**dict(mapping(meta.get(key), key)), **value}
        else:
            meta[key] = value
    return replace(patch, props={**base.props, **patch.props, "metadata": meta})


def names_role(binding: Resource) -> bool:
    """False for a binding patch that leaves the roleRef as it is (it is immutable; the object made elsewhere
    keeps its own): only its subjects are judged."""
    return not (binding.type.endswith(PATCH) and binding.props.get("roleRef") is None)


# ------------------------------------------------------------------------------------ shapes


def strings(value: Any, what: str) -> tuple[str, ...]:
    """A list of strings (absent: empty). An unknown item defers; any other shape raises."""
    if value is None:
        return ()
    if isinstance(value, Unknown):
        str(value)  # raises Deferred
    if not is_list(value):
        raise TypeError(f"{what} is {type(value).__name__}, not a list of strings")
    found = []
    for item in value:
        if isinstance(item, Unknown):
            str(item)
        if not isinstance(item, str):
            raise TypeError(f"{what} holds {type(item).__name__}, not a string")
        found.append(item)
    return tuple(found)


def mapping(value: Any, what: str) -> Mapping[str, Any]:
    if value is None:
        return {}
    if isinstance(value, Unknown):
        str(value)
    if not is_map(value):
        raise TypeError(f"{what} is {type(value).__name__}, not a map")
    return value


def metadata(resource: Resource) -> Mapping[str, Any]:
    return mapping(resource.props.get("metadata"), "metadata")


def name_of(resource: Resource) -> str:
    """metadata.name; without one, the resource's name (pulumi-kubernetes auto-names from it)."""
    return str(metadata(resource).get("name") or resource.name)


@dataclass(frozen=True)
class Grant:
    """One PolicyRule of a Role or ClusterRole."""

    api_groups: tuple[str, ...]
    resources: tuple[str, ...]
    verbs: tuple[str, ...]
    urls: tuple[str, ...]
    # An item unknown at preview, left out of the lists above: a power the known items grant is decided
    # (an item more only adds to a rule); finding none waits for the update (``settled``).
    pending: Deferred | None = field(default=None, compare=False)

    def settled(self, found: list[str]) -> list[str]:
        if not found and self.pending is not None:
            raise self.pending
        return found

    def group(self, *groups: str) -> bool:
        return "*" in self.api_groups or any(g in self.api_groups for g in groups)

    def resource(self, *names: str) -> bool:
        for name in names:
            sub = name.split("/", 1)[1] if "/" in name else None
            if "*" in self.resources or name in self.resources or (sub and f"*/{sub}" in self.resources):
                return True
        return False

    def verb(self, *verbs: str) -> bool:
        return "*" in self.verbs or any(v in self.verbs for v in verbs)

    def writes(self) -> bool:
        return self.verb(*WRITE)


def grants(rules: Any, what: str) -> list[Grant]:
    """A role's ``rules`` (absent: none). An unknown value defers; any other shape raises."""
    if rules is None:
        return []
    if isinstance(rules, Unknown):
        str(rules)
    if not is_list(rules):
        raise TypeError(f"{what} is {type(rules).__name__}, not a list of rules")
    found = []
    for i, rule in enumerate(rules):
        rule = mapping(rule, f"{what}[{i}]")
        pending: list[Deferred] = []
        groups, resources, verbs, urls = (
            _known_strings(rule.get(key), f"{what}[{i}].{key}", pending)
            for key in ("apiGroups", "resources", "verbs", "nonResourceURLs")
        )
        found.append(Grant(groups, resources, verbs, urls, pending=pending[0] if pending else None))
    return found


def _known_strings(value: Any, what: str, pending: list[Deferred]) -> tuple[str, ...]:
    """``strings`` without the items unknown at preview, each noted in ``pending``."""
    if isinstance(value, Unknown):
        pending.append(Deferred(object.__getattribute__(value, "urn"), what))
        return ()
    if is_list(value):
        unknown = [v for v in value if isinstance(v, Unknown)]
        pending += [Deferred(object.__getattribute__(v, "urn"), what) for v in unknown]
        value = [v for v in value if not isinstance(v, Unknown)]
    return strings(value, what)


# ------------------------------------------------------------------------------------ roles


@dataclass
class Roles:
    """The Roles and ClusterRoles the stack defines, per cluster (Kubernetes provider)."""

    cluster_roles: dict[tuple[str | None, str], Resource]
    roles: dict[tuple[str | None, str, str], Resource]
    opaque: dict[str | None, Deferred]  # per cluster: a role whose name or namespace is unknown

    @classmethod
    def index(cls, resources: Iterable[Resource]) -> Roles:
        cluster_roles: dict[tuple[str | None, str], Resource] = {}
        roles: dict[tuple[str | None, str, str], Resource] = {}
        opaque: dict[str | None, Deferred] = {}
        for r in resources:
            kind = kind_of(r)
            try:
                if kind == CLUSTER_ROLE:
                    cluster_roles[(r.provider_urn, name_of(r))] = r
                elif kind == ROLE:
                    roles[(r.provider_urn, namespace_of(r), name_of(r))] = r
            except Deferred as err:
                opaque.setdefault(r.provider_urn, err)
        return cls(cluster_roles, roles, opaque)

    def find(self, provider: str | None, kind: str, name: str, namespace: str | None) -> Resource | None:
        """The role a roleRef names, or None; Deferred when a role whose name is unknown may be it."""
        found = (
            self.cluster_roles.get((provider, name))
            if kind == CLUSTER_ROLE
            else self.roles.get((provider, str(namespace), name))
        )
        if found is None and provider in self.opaque:
            raise self.opaque[provider]
        return found

    def rules_of(self, role: Resource) -> list[Grant]:
        """A role's rules; for a ClusterRole with an aggregationRule, the rules of the stack's
        ClusterRoles its selectors match, which the controller copies into it (RBAC docs
        #aggregated-clusterroles)."""
        aggregation = mapping(role.props.get("aggregationRule"), "aggregationRule")
        if kind_of(role) != CLUSTER_ROLE or not aggregation:
            return grants(role.props.get("rules"), "rules")
        found: list[Grant] = []
        for i, selector in enumerate(aggregation.get("clusterRoleSelectors") or []):
            wanted = mapping(mapping(selector, f"clusterRoleSelectors[{i}]").get("matchLabels"), "matchLabels")
            for (provider, _), other in self.cluster_roles.items():
                if provider != role.provider_urn or other is role or not wanted:
                    continue
                labels = mapping(metadata(other).get("labels"), "metadata.labels")
                if all(k in labels and str(labels[k]) == str(v) for k, v in wanted.items()):
                    found += grants(other.props.get("rules"), "rules")
        return found


def role_ref(binding: Resource) -> tuple[str, str]:
    """The (kind, name) a binding's roleRef names; a shape the API refuses raises."""
    ref = mapping(binding.props.get("roleRef"), "roleRef")
    kind, name = ref.get("kind", CLUSTER_ROLE if kind_of(binding) == CLUSTER_ROLE_BINDING else None), ref.get("name")
    for value in (kind, name):
        if isinstance(value, Unknown):
            str(value)  # the role is known at the update: the decision that needs it waits (Deferred)
    if kind not in (ROLE, CLUSTER_ROLE) or not isinstance(name, str) or not name:
        raise ValueError(f"roleRef {dict(ref)!r} names no Role or ClusterRole")
    return str(kind), name


def subjects(binding: Resource) -> list[Mapping[str, Any]]:
    value = binding.props.get("subjects")
    if value is None:
        return []
    if isinstance(value, Unknown):
        str(value)
    if not is_list(value):
        raise TypeError(f"subjects is {type(value).__name__}, not a list")
    return [mapping(s, f"subjects[{i}]") for i, s in enumerate(value)]


UNKNOWN_NAME = "(a name known at the update)"


def subject_name(subject: Mapping[str, Any]) -> str:
    """A subject's name. A service account's is not needed to know whose it is (its namespace says), so one
    unknown at preview does not defer the decision; any other unknown name does (raises Deferred)."""
    name = subject.get("name")
    if isinstance(name, Unknown) and subject.get("kind") == "ServiceAccount":
        return UNKNOWN_NAME
    return str(name)


def describe(subject: Mapping[str, Any]) -> str:
    name = subject.get("name")
    return f"{subject.get('kind')} {UNKNOWN_NAME if isinstance(name, Unknown) else str(name)!r}"


# ------------------------------------------------------------------------------------ judgement

# Guardrails inside a namespace: its ResourceQuota and LimitRange (the built-in admin and edit roles
# only read them: policy.go system:aggregate-to-view, and "edit ... does not grant powers for ...
# quota/limits which are used to control namespaces"), and the Namespace object itself, whose
# labels carry Pod Security enforcement and the fleet-tenant label the admission guard selects on.
# A namespaced binding that grants a verb on ``namespaces`` grants it on its own namespace (policy.go:
# "read access to namespaces at the namespace scope means you can read *this* namespace").
GUARDRAILS = ("resourcequotas", "resourcequotas/status", "limitranges", "namespaces", "namespaces/status")
# Cluster-scoped objects that decide isolation for every namespace. A RoleBinding cannot grant
# them, but a ClusterRole aggregated into admin/edit/view reaches every ClusterRoleBinding of those
# roles as well.
CLUSTER_SCOPED = {
    "": ("nodes", "nodes/proxy", "persistentvolumes"),
    RBAC_GROUP: ("clusterroles", "clusterrolebindings"),
    "admissionregistration.k8s.io": (
        "mutatingwebhookconfigurations",
        "validatingwebhookconfigurations",
        "validatingadmissionpolicies",
        "validatingadmissionpolicybindings",
        "mutatingadmissionpolicies",
        "mutatingadmissionpolicybindings",
    ),
    "apiextensions.k8s.io": ("customresourcedefinitions",),
    "certificates.k8s.io": ("certificatesigningrequests/approval", "signers"),
}


CROSS_TENANT_REVIEWS = (("authorization.k8s.io", "subjectaccessreviews"), ("authentication.k8s.io", "tokenreviews"))
# Writes to Endpoints and EndpointSlices let a Service forward to any address, other namespaces' pods included;
# Kubernetes 1.22 removed them from the edit and admin roles for that reason
# (https://github.com/kubernetes/kubernetes/issues/103675, CVE-2021-25740).
ENDPOINT_WRITES = (("", "endpoints"), ("discovery.k8s.io", "endpointslices"))


def namespace_powers(grant: Grant) -> list[str]:
    """``_namespace_powers``, decided although an item is unknown when the known ones grant a power."""
    return grant.settled(_namespace_powers(grant))


def _namespace_powers(grant: Grant) -> list[str]:
    """What in one rule lets a subject bound in a tenant namespace undo the namespace's
    guardrails, beyond what the built-in admin role already grants there.

    Not here, because the fleet's own admin/edit bindings already grant them (policy.go
    system:aggregate-to-edit and -admin): writing NetworkPolicies (refused to tenants by the
    fleet's admission guard instead), reading and writing Secrets, exec into pods, writing Roles
    and RoleBindings (privilege-escalation prevention keeps those within the writer's own rights:
    RBAC docs #privilege-escalation-prevention-and-bootstrapping), impersonating the namespace's
    service accounts. Wildcard verbs and resources are refused, in any API group, as RBAC good
    practice and CIS 4.1.3 advise (they also grant resources and verbs added later:
    https://kubernetes.io/docs/concepts/security/rbac-good-practices/).
    """
    if "*" in grant.verbs and "*" in grant.resources and "*" in grant.api_groups:
        copy = " and every non-resource URL" if "*" in grant.urls else ""
        return [f"every verb on every resource{copy} (a copy of cluster-admin)"]
    if "*" in grant.verbs:
        return [f"every verb ('*') on {_what(grant)}"]
    found = []
    if "*" in grant.resources:
        found.append(f"{'/'.join(grant.verbs)} on every resource ('*') of {_groups(grant)}")
    elif grant.group("") and grant.writes():
        touched = [r for r in GUARDRAILS if grant.resource(r)]
        if touched:
            found.append(f"{'/'.join(v for v in grant.verbs if v in WRITE)} on {', '.join(touched)}")
    escalating = [v for v in ("escalate", "bind") if v in grant.verbs]
    if escalating:
        found.append(f"{' and '.join(escalating)} on {_what(grant)}, which skips privilege-escalation prevention")
    if "impersonate" in grant.verbs and not (
        grant.api_groups == ("",) and grant.resources and set(grant.resources) <= {"serviceaccounts"}
    ):
        found.append(f"impersonate on {_what(grant)}")
    return found


def aggregation_powers(grant: Grant, into: str) -> list[str]:
    """What a ClusterRole aggregated into ``into`` (admin, edit or view) must not add: the namespace
    powers above, anything cluster-scoped that decides isolation, and for view any write (view is
    read-only) or reading Secrets (view leaves them out: RBAC docs #user-facing-roles)."""
    found = _namespace_powers(grant)
    if "*" in grant.verbs:
        return found
    if "*" not in grant.resources:
        decided: set[str] = set()
        for group, names in CLUSTER_SCOPED.items():
            touched = [n for n in names if grant.group(group) and grant.resource(n)]
            # A subresource of such an object (the kubelet's nodes/pods, nodes/log, nodes/metrics, authorized as
            # their own resources since Kubernetes 1.32: https://kubernetes.io/docs/reference/access-authn-authz/
            # kubelet-authn-authz/#fine-grained-authorization) reaches it too.
            subresources = [r for r in grant.resources if "/" in r and r.split("/")[0] in names]
            touched += [r for r in subresources if grant.group(group) and r not in touched]
            if touched:
                decided.update(touched)
                found.append(f"{'/'.join(grant.verbs)} on cluster-scoped {', '.join(touched)}")
        endpoints = [n for group, n in ENDPOINT_WRITES if grant.group(group) and grant.resource(n)]
        if endpoints and grant.writes():
            writes = "/".join(v for v in grant.verbs if v in WRITE)
            found.append(
                f"{writes} on {', '.join(endpoints)}, which Kubernetes took out of edit and admin (CVE-2021-25740: "
                "endpoints can point a Service at other namespaces' pods)"
            )
        if grant.writes():
            # Every other cluster-scoped object is one object for all tenants (a trust bundle every pod may
            # trust, a PriorityClass, a DeviceClass): writing it reaches beyond the namespace. A review API stores
            # nothing; the self reviews answer only for the caller, but a SubjectAccessReview answers what any
            # user may do in any namespace and a TokenReview whose any token is (system:auth-delegator's powers,
            # for add-on API servers: https://kubernetes.io/docs/reference/access-authn-authz/rbac/#other-component-roles).
            reviews = [n for n in CROSS_TENANT_REVIEWS if grant.group(n[0]) and grant.resource(n[1])]
            if reviews and grant.verb("create"):
                found.append(
                    f"create on {', '.join(n for _, n in reviews)}, which answer for any user or token, other "
                    "tenants' included"
                )
            shared = [
                n
                for group, names in shapes.cluster_scoped().items()
                for n in sorted(names)
                if grant.group(group) and grant.resource(n) and n not in decided and not n.endswith("reviews")
            ]
            if shared:
                writes = "/".join(v for v in grant.verbs if v in WRITE)
                found.append(f"{writes} on cluster-scoped {', '.join(shared)}, shared by every tenant")
    if into == "view":
        extra = [v for v in grant.verbs if v not in READ and v not in ("escalate", "bind")]
        if any(f.startswith("impersonate on") for f in found):
            extra = [v for v in extra if v != "impersonate"]
        if extra:
            found.append(f"{'/'.join(extra)} on {_what(grant)}, and view is read-only")
        if grant.group("") and "*" not in grant.resources and grant.resource("secrets") and grant.verb(*READ):
            found.append("reading Secrets, which view leaves out")
    return grant.settled(found)


def public_info_only(rules: Sequence[Grant]) -> bool:
    """A role that lets its holders read only non-resource URLs and review their own rights (what
    Kubernetes grants every authenticated user itself: PUBLIC_INFO_ROLES)."""
    reviews = {"selfsubjectaccessreviews", "selfsubjectrulesreviews", "selfsubjectreviews"}
    for grant in rules:
        if grant.pending is not None:
            raise grant.pending
        if grant.urls and not grant.resources and set(grant.verbs) <= {"get", "head"} and all(map(_public, grant.urls)):
            continue
        if (
            not grant.urls
            and set(grant.verbs) <= {"create"}
            and grant.resources
            and set(grant.resources) <= reviews
            and set(grant.api_groups) <= {"authorization.k8s.io", "authentication.k8s.io"}
        ):
            continue
        return False
    return True


# The non-resource URLs the public roles grant (bootstrappolicy/policy.go: system:discovery,
# system:public-info-viewer, system:service-account-issuer-discovery). /metrics is not among them: it is
# system:monitoring's, and its series name every namespace's pods.
PUBLIC_URLS = (
    "/api",
    "/apis",
    "/openapi",
    "/version",
    "/healthz",
    "/livez",
    "/readyz",
    "/.well-known/openid-configuration",
    "/openid/v1/jwks",
)


def _public(url: str) -> bool:
    return any(url == u or url.startswith((u + "/", u + "*")) for u in PUBLIC_URLS)


def _groups(grant: Grant) -> str:
    if "*" in grant.api_groups:
        return "every API group"
    return "API group " + ", ".join("'' (core)" if g == "" else repr(g) for g in grant.api_groups)


def _what(grant: Grant) -> str:
    if grant.urls and not grant.resources:
        return "non-resource URLs " + ", ".join(grant.urls)
    known = ", ".join(grant.resources)
    if grant.pending is not None:
        return f"{known} and resources unknown during preview" if known else "resources unknown during preview"
    return known or "no resources"
