"""The Kubernetes objects that make a tenant's namespace a tenant boundary (pure).

Every function returns plain Kubernetes objects (apiVersion, kind, metadata, ...), so the same
objects are registered by the components, validated against upstream schemas in tests, and read
by the policy pack. Names are fixed per namespace, so a tenant on several clusters gets the same
objects on each.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from fleet.core import labels as fleet_labels
from fleet.core import quantity
from fleet.spec.model import Quota, Tenant

Manifest = dict[str, Any]

PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16"]
NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name"
PSA = "pod-security.kubernetes.io"
RBAC_GROUP = "rbac.authorization.k8s.io"
DEPLOYER = "tenant-deployer"
ROLE_BINDINGS = ("admin", "edit", "view")


@dataclass(frozen=True)
class Context:
    """Where a tenant's objects are rendered: which environment, cluster and Kubernetes version,
    and how that cluster's authentication names each group (spec identity.groups)."""

    owner: str
    environment: str
    cluster: str
    kubernetes_version: str
    names: Mapping[str, str] = field(default_factory=dict)
    accepting: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Per tenant, the tenants that accept connections from it (their ``allowFrom``): its pods
    need egress to them, as theirs need ingress from it."""

    def subject(self, group: str) -> str:
        """The group as RBAC on this cluster sees it: an Entra object ID on AKS, a Google Group's
        email on GKE, the spec's name on EKS (access entries map IAM roles into it) and on
        existing clusters."""
        return self.names.get(group, group)


def _label_value(text: str) -> str:
    """A group name (which may hold '@', spaces, ...) as a valid label value."""
    value = re.sub(r"[^a-z0-9_.-]+", "-", text.lower()).strip("-_.")
    return value[:63].rstrip("-_.")


def object_labels(tenant: Tenant, ctx: Context) -> dict[str, str]:
    regime = tenant.residency if tenant.residency != "none" else None
    return {
        **fleet_labels.ownership(ctx.owner, ctx.environment, tenant=tenant.name, residency=regime),
        fleet_labels.ISOLATION: tenant.isolation,
    }


def namespace(tenant: Tenant, ctx: Context) -> Manifest:
    version = f"v{ctx.kubernetes_version}"
    return {
        "apiVersion": "v1",
        "kind": "Namespace",
        "metadata": {
            "name": tenant.name,
            "labels": {
                **tenant.labels,
                **object_labels(tenant, ctx),
                "fleet-tenant-owner": _label_value(tenant.owners.admin[0]),
                f"{PSA}/enforce": "restricted",
                f"{PSA}/enforce-version": version,
                f"{PSA}/warn": "restricted",
                f"{PSA}/warn-version": version,
                f"{PSA}/audit": "restricted",
                f"{PSA}/audit-version": version,
            },
            # The groups as this cluster's tokens carry them: the admission guard reads these.
            "annotations": {
                "fleet.dev/owners-admin": ",".join(ctx.subject(g) for g in tenant.owners.admin),
                "fleet.dev/owners-edit": ",".join(ctx.subject(g) for g in tenant.owners.edit),
                "fleet.dev/owners-view": ",".join(ctx.subject(g) for g in tenant.owners.view),
            },
        },
    }


def _metadata(name: str, tenant: Tenant, ctx: Context) -> dict[str, Any]:
    return {"name": name, "namespace": tenant.name, "labels": object_labels(tenant, ctx)}


def quota_hard(quota: Quota, overhead: Quota | None = None) -> dict[str, str]:
    """ResourceQuota ``hard`` values; ``overhead`` is added (a vcluster's control plane)."""

    def add(a: str | int | float | None, b: str | int | float | None, fallback: str | int | float) -> str:
        base = quantity.parse(a if a is not None else fallback)
        extra = quantity.parse(b) if b is not None else 0
        return _format(base + extra)

    o = overhead
    hard = {
        "requests.cpu": add(quota.cpu, o.cpu if o else None, 0),
        "requests.memory": add(quota.memory, o.memory if o else None, 0),
        "limits.cpu": add(quota.limits_cpu, (o.limits_cpu or o.cpu) if o else None, quota.cpu),
        "limits.memory": add(quota.limits_memory, (o.limits_memory or o.memory) if o else None, quota.memory),
        "requests.storage": add(quota.storage, o.storage if o else None, 0),
        "persistentvolumeclaims": str(quota.persistent_volume_claims + (o.persistent_volume_claims if o else 0)),
        "pods": str(quota.pods + (o.pods if o else 0)),
        "services": str(quota.services + (o.services if o else 0)),
        "services.loadbalancers": str(quota.load_balancers),
        "services.nodeports": str(quota.node_ports),
        "configmaps": str(quota.config_maps + (o.config_maps if o else 0)),
        "secrets": str(quota.secrets + (o.secrets if o else 0)),
    }
    return hard


def _format(value: Any) -> str:
    """A quantity back in Kubernetes notation, exact (Gi when it divides, else plain)."""
    for suffix, factor in (("Ti", 2**40), ("Gi", 2**30), ("Mi", 2**20)):
        if value >= factor and value % factor == 0:
            return f"{int(value // factor)}{suffix}"
    if value == int(value):
        return str(int(value))
    return f"{int(value * 1000)}m"


QUOTA = "tenant-quota"  # in the tenant's namespace; `fleet status` reads its use


def resource_quota(tenant: Tenant, ctx: Context, overhead: Quota | None = None) -> Manifest:
    return {
        "apiVersion": "v1",
        "kind": "ResourceQuota",
        "metadata": _metadata(QUOTA, tenant, ctx),
        "spec": {"hard": quota_hard(tenant.quota, overhead)},
    }


def limit_range(tenant: Tenant, ctx: Context) -> Manifest:
    limits = tenant.limits
    return {
        "apiVersion": "v1",
        "kind": "LimitRange",
        "metadata": _metadata("tenant-limits", tenant, ctx),
        "spec": {
            "limits": [
                {
                    "type": "Container",
                    "default": {"cpu": str(limits.default_cpu), "memory": limits.default_memory},
                    "defaultRequest": {"cpu": str(limits.default_request_cpu), "memory": limits.default_request_memory},
                    "max": {"cpu": str(limits.max_cpu), "memory": limits.max_memory},
                }
            ]
        },
    }


def _policy(name: str, tenant: Tenant, ctx: Context, spec: dict[str, Any]) -> Manifest:
    return {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "NetworkPolicy",
        "metadata": _metadata(name, tenant, ctx),
        "spec": spec,
    }


def accepting(tenants: Iterable[Tenant]) -> dict[str, tuple[str, ...]]:
    """Per tenant, the tenants whose ``allowFrom`` names it."""
    found: dict[str, list[str]] = {}
    for tenant in tenants:
        for peer in tenant.network.allow_from:
            if peer.tenant:
                found.setdefault(peer.tenant, []).append(tenant.name)
    return {name: tuple(sorted(set(targets))) for name, targets in found.items()}


def network_policies(tenant: Tenant, ctx: Context) -> list[Manifest]:
    """Default deny both ways; then DNS, the namespace itself, and what the spec opens.

    A connection between two namespaces passes only if the client's egress policies and the
    server's ingress policies both allow it ("both the egress policy on the source pod and the
    ingress policy on the destination pod need to allow the connection", kubernetes.io/docs/
    concepts/services-networking/network-policies/#networkpolicy-resource), so a tenant that another accepts gets the
    matching egress rule: without it, ``allowFrom`` would open a door nobody could reach."""
    policies = [
        _policy("default-deny", tenant, ctx, {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]}),
        _policy(
            "allow-dns",
            tenant,
            ctx,
            {
                "podSelector": {},
                "policyTypes": ["Egress"],
                "egress": [
                    {
                        "to": [
                            {
                                "namespaceSelector": {"matchLabels": {NAMESPACE_NAME_LABEL: "kube-system"}},
                                "podSelector": {"matchLabels": {"k8s-app": "kube-dns"}},
                            }
                        ],
                        "ports": [{"protocol": "UDP", "port": 53}, {"protocol": "TCP", "port": 53}],
                    }
                ],
            },
        ),
        _policy(
            "allow-same-namespace",
            tenant,
            ctx,
            {
                "podSelector": {},
                "policyTypes": ["Ingress", "Egress"],
                "ingress": [{"from": [{"podSelector": {}}]}],
                "egress": [{"to": [{"podSelector": {}}]}],
            },
        ),
    ]
    peers = [p.tenant or p.namespace for p in tenant.network.allow_from]
    if peers:
        policies.append(
            _policy(
                "allow-ingress-from-peers",
                tenant,
                ctx,
                {
                    "podSelector": {},
                    "policyTypes": ["Ingress"],
                    "ingress": [
                        {
                            "from": [
                                {"namespaceSelector": {"matchLabels": {NAMESPACE_NAME_LABEL: peer}}} for peer in peers
                            ]
                        }
                    ],
                },
            )
        )
    targets = ctx.accepting.get(tenant.name, ())
    if targets:
        policies.append(
            _policy(
                "allow-egress-to-peers",
                tenant,
                ctx,
                {
                    "podSelector": {},
                    "policyTypes": ["Egress"],
                    "egress": [
                        {"to": [{"namespaceSelector": {"matchLabels": {NAMESPACE_NAME_LABEL: t}}} for t in targets]}
                    ],
                },
            )
        )
    if tenant.network.allow_internet_egress:
        policies.append(
            _policy(
                "allow-internet-egress",
                tenant,
                ctx,
                {
                    "podSelector": {},
                    "policyTypes": ["Egress"],
                    "egress": [{"to": [{"ipBlock": {"cidr": "0.0.0.0/0", "except": PRIVATE_RANGES}}]}],
                },
            )
        )
    return policies


def role_bindings(tenant: Tenant, ctx: Context, *, view_only: bool = False) -> list[Manifest]:
    """The tenant's groups on the built-in admin/edit/view ClusterRoles, inside the namespace only.

    ``view_only`` binds every group to view (a vcluster's host namespace, where the tenant works
    through the virtual cluster's own API).
    """
    owners = tenant.owners
    members = (
        {"admin": (), "edit": (), "view": (*owners.admin, *owners.edit, *owners.view)}
        if view_only
        else {"admin": owners.admin, "edit": owners.edit, "view": owners.view}
    )
    bindings = []
    for role in ROLE_BINDINGS:
        groups = members[role]
        if not groups:
            continue
        bindings.append(
            {
                "apiVersion": f"{RBAC_GROUP}/v1",
                "kind": "RoleBinding",
                "metadata": _metadata(f"tenant-{role}", tenant, ctx),
                "roleRef": {"apiGroup": RBAC_GROUP, "kind": "ClusterRole", "name": role},
                "subjects": [{"kind": "Group", "apiGroup": RBAC_GROUP, "name": ctx.subject(g)} for g in groups],
            }
        )
    return bindings


def deployer(tenant: Tenant, ctx: Context) -> list[Manifest]:
    """A ServiceAccount for the tenant's CI, with edit rights in the namespace and no token mounted."""
    return [
        {
            "apiVersion": "v1",
            "kind": "ServiceAccount",
            "metadata": _metadata(DEPLOYER, tenant, ctx),
            "automountServiceAccountToken": False,
        },
        {
            "apiVersion": f"{RBAC_GROUP}/v1",
            "kind": "RoleBinding",
            "metadata": _metadata(DEPLOYER, tenant, ctx),
            "roleRef": {"apiGroup": RBAC_GROUP, "kind": "ClusterRole", "name": "edit"},
            "subjects": [{"kind": "ServiceAccount", "name": DEPLOYER, "namespace": tenant.name}],
        },
    ]


def cluster_admins(tenant: Tenant, ctx: Context) -> Manifest:
    """Only on a tenant's dedicated cluster: its admin groups are cluster-admin there."""
    return {
        "apiVersion": f"{RBAC_GROUP}/v1",
        "kind": "ClusterRoleBinding",
        "metadata": {"name": f"fleet-tenant-{tenant.name}-cluster-admin", "labels": object_labels(tenant, ctx)},
        "roleRef": {"apiGroup": RBAC_GROUP, "kind": "ClusterRole", "name": "cluster-admin"},
        "subjects": [{"kind": "Group", "apiGroup": RBAC_GROUP, "name": ctx.subject(g)} for g in tenant.owners.admin],
    }


def guardrails(tenant: Tenant, ctx: Context, overhead: Quota | None = None) -> list[Manifest]:
    """Namespace, quota, limits and network policies: what every mode guarantees."""
    return [
        namespace(tenant, ctx),
        resource_quota(tenant, ctx, overhead),
        limit_range(tenant, ctx),
        *network_policies(tenant, ctx),
    ]


GUARD = "fleet-tenant-guardrails"
OWNER_ANNOTATIONS = ("fleet.dev/owners-admin", "fleet.dev/owners-edit", "fleet.dev/owners-view")


def _labelled(var: str) -> str:
    return (
        f"{var} != null && has({var}.metadata.labels) && '{fleet_labels.MANAGED_BY}' in {var}.metadata.labels && "
        f"{var}.metadata.labels['{fleet_labels.MANAGED_BY}'] == 'fleet'"
    )


def admission_guard(ctx: Context) -> list[Manifest]:
    """A ValidatingAdmissionPolicy, bound to every tenant namespace, that keeps tenants from
    weakening what the fleet put there.

    The built-in admin and edit roles that tenants get allow writing NetworkPolicies and
    RoleBindings in their namespace, so without this a tenant could delete its own default-deny
    policy or the fleet's bindings. Who counts as the tenant: the groups named in the namespace's
    owner annotations (the ones its RoleBindings bind) and every ServiceAccount of the namespace
    (a tenant can make one and bind it to admin). For them the policy denies (1) any write to a
    NetworkPolicy, because NetworkPolicies only ever add allowed traffic and what is open is the
    spec's decision, and (2) any write to an object labelled managed-by=fleet, or one that adds
    or removes that label. Everyone else (the fleet's deployer, cluster administrators, the
    cluster's controllers deleting a namespace) is untouched. Needs Kubernetes 1.30+ (GA there).
    """
    labels = fleet_labels.ownership(ctx.owner, ctx.environment, cluster=ctx.cluster)
    groups = "has(request.userInfo.groups) ? request.userInfo.groups : []"
    owners = ", ".join(f"'{a}'" for a in OWNER_ANNOTATIONS)
    is_tenant = (
        "variables.groups.exists(g, g == 'system:serviceaccounts:' + request.namespace) || "
        "(has(namespaceObject.metadata.annotations) && "
        f"[{owners}].exists(k, k in namespaceObject.metadata.annotations && "
        "namespaceObject.metadata.annotations[k].split(',').exists(g, g != '' && g in variables.groups)))"
    )
    return [
        {
            "apiVersion": "admissionregistration.k8s.io/v1",
            "kind": "ValidatingAdmissionPolicy",
            "metadata": {"name": GUARD, "labels": labels},
            "spec": {
                "failurePolicy": "Fail",
                "matchConstraints": {
                    "resourceRules": [
                        {
                            "apiGroups": ["*"],
                            "apiVersions": ["*"],
                            "resources": ["*"],
                            "operations": ["CREATE", "UPDATE", "DELETE"],
                            "scope": "Namespaced",
                        }
                    ]
                },
                "variables": [
                    {"name": "groups", "expression": groups},
                    {"name": "isTenant", "expression": is_tenant},
                    {"name": "managed", "expression": f"({_labelled('object')}) || ({_labelled('oldObject')})"},
                ],
                "validations": [
                    {
                        "expression": "!variables.isTenant || request.resource.resource != 'networkpolicies'",
                        "messageExpression": (
                            "'tenants may not change NetworkPolicies in namespace ' + request.namespace + "
                            "': what is open is set in the fleet spec (tenants[].network); ask the platform team'"
                        ),
                        "reason": "Forbidden",
                    },
                    {
                        "expression": "!variables.isTenant || !variables.managed",
                        "messageExpression": (
                            "request.resource.resource + ' ' + request.name + ' in ' + request.namespace + "
                            "' is managed by the fleet (label managed-by=fleet); tenants may not change it: change "
                            "the fleet spec instead'"
                        ),
                        "reason": "Forbidden",
                    },
                ],
            },
        },
        {
            "apiVersion": "admissionregistration.k8s.io/v1",
            "kind": "ValidatingAdmissionPolicyBinding",
            "metadata": {"name": GUARD, "labels": labels},
            "spec": {
                "policyName": GUARD,
                "validationActions": ["Deny"],
                "matchResources": {
                    "namespaceSelector": {"matchExpressions": [{"key": fleet_labels.TENANT, "operator": "Exists"}]}
                },
            },
        },
    ]


PLATFORM_ADMINS = "fleet-platform-admins"


def platform_admins(ctx: Context, groups: tuple[str, ...]) -> Manifest | None:
    """The platform team's groups (spec identity.clusterAdmins) as cluster-admin on the cluster."""
    if not groups:
        return None
    return {
        "apiVersion": f"{RBAC_GROUP}/v1",
        "kind": "ClusterRoleBinding",
        "metadata": {
            "name": PLATFORM_ADMINS,
            "labels": fleet_labels.ownership(ctx.owner, ctx.environment, cluster=ctx.cluster),
        },
        "roleRef": {"apiGroup": RBAC_GROUP, "kind": "ClusterRole", "name": "cluster-admin"},
        "subjects": [{"kind": "Group", "apiGroup": RBAC_GROUP, "name": ctx.subject(g)} for g in groups],
    }
