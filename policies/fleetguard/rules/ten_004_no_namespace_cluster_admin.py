"""FLEET-TEN-004: no RoleBinding in a tenant namespace grants cluster-admin or a role that undoes its guardrails.

Protects: the guardrails inside a tenant's namespace. The fleet binds a tenant's groups to the
built-in admin, edit and view roles, which cannot change the namespace's ResourceQuota or
LimitRange. A RoleBinding to the cluster-admin ClusterRole gives its subjects every verb on every
resource of the namespace, so they can lift their own quota and limits (and starve neighbours) or
remove its network policies wherever the admission policy does not reach. The same holds for a
Role or ClusterRole the stack defines with a wildcard verb or resource (CIS Kubernetes 4.1.3),
writes to ResourceQuotas, LimitRanges or the Namespace itself (its labels enforce Pod
Security and select the admission guard), the ``escalate`` or ``bind`` verbs (which skip
privilege-escalation prevention), or ``impersonate`` beyond the namespace's service accounts. What
the built-in admin and edit roles grant is not refused: writing NetworkPolicies (the admission
guard refuses those to tenants), Secrets, Roles and RoleBindings.

A built-in ClusterRole the stack does not define is judged by the rules Kubernetes gives it
(bootstrappolicy/policy.go: system:auth-delegator, system:heapster, system:kube-aggregator,
system:kube-dns, system:monitoring). Any other ClusterRole the stack does not define, other than
the user-facing ones and the parts Kubernetes aggregates into them (``system:aggregate-to-admin``, ``-edit``,
``-view``: subsets of those roles), cannot be judged and is refused (fail closed): only cluster administrators
create ClusterRoles, the fleet's contract binds tenants to admin, edit and view only, and defining
the role in the stack lets it be judged. A Role
the stack does not define lives in the tenant's own namespace, where the tenant's admins write
Roles themselves within their own rights; it is not refused.

An RBAC ``<Kind>Patch`` changes the object of its kind, cluster, namespace and name by server-side
apply: it is judged merged into that object when the stack makes it, else as the object it writes
(``fleetguard/rbac.py`` objects); a binding patch without a roleRef keeps the binding's role.
"""

from __future__ import annotations

from collections.abc import Iterator

from fleetguard import rbac
from fleetguard.model import Context, Finding, Resource, Rule, each, tenant_namespaces, tenant_of

CLUSTER_ADMIN = rbac.CLUSTER_ADMIN
# Built-in ClusterRoles a tenant may be bound to in its namespace: the user-facing ones and the
# parts aggregated into them (policy.go system:aggregate-to-*), and those that grant only public
# information. What is aggregated into them is FLEET-TEN-010's to judge.
KNOWN = (*rbac.USER_FACING, *(f"system:aggregate-to-{r}" for r in rbac.USER_FACING), *rbac.PUBLIC_INFO_ROLES)
FIX = (
    "bind a role without wildcards, writes to resourcequotas, limitranges or the namespace, escalate, bind or "
    "impersonate beyond service accounts, or bind the built-in admin, edit or view role"
)


def check(resources: list[Resource], ctx: Context) -> Iterator[Finding]:
    resources = rbac.objects(resources)  # RBAC patches as the objects they write
    tenants, unknown = tenant_namespaces(resources)
    roles = rbac.Roles.index(resources)

    def decide(binding: Resource) -> Iterator[Finding]:
        ns = tenant_of(binding, tenants, unknown)
        if ns is None or not rbac.names_role(binding):
            return
        kind, name = rbac.role_ref(binding)
        role = roles.find(binding.provider_urn, kind, name, ns.name)
        where = f"RoleBinding {binding.name!r} in tenant namespace {ns.name!r} (tenant {ns.tenant}) grants"
        if role is None and kind == rbac.CLUSTER_ROLE and name in rbac.BUILTIN_RULES:
            builtin = rbac.grants(rbac.BUILTIN_RULES[name], "rules")
            powers = list(dict.fromkeys(p for g in builtin for p in rbac.namespace_powers(g)))
            if powers:
                yield Finding(f"{where} {kind} {name!r}, which allows {'; '.join(powers)}; {FIX}", urn=binding.urn)
            return
        if role is None:
            if kind == rbac.CLUSTER_ROLE and name == CLUSTER_ADMIN:
                subjects = ", ".join(rbac.describe(s) for s in rbac.subjects(binding))
                yield Finding(
                    f"{where} {kind} {CLUSTER_ADMIN!r} to {subjects or 'no subjects'}, which can change the "
                    "namespace's quota, limits and network policies; bind the built-in admin, edit or view role "
                    "instead",
                    urn=binding.urn,
                )
            elif kind == rbac.CLUSTER_ROLE and name not in KNOWN:
                yield Finding(
                    f"{where} ClusterRole {name!r}, which this stack does not define, so what it allows cannot be "
                    "judged; define the ClusterRole in the stack, or bind the built-in admin, edit or view role",
                    urn=binding.urn,
                )
            return
        powers = list(dict.fromkeys(p for g in roles.rules_of(role) for p in rbac.namespace_powers(g)))
        if powers:
            yield Finding(f"{where} {kind} {name!r}, which allows {'; '.join(powers)}; {FIX}", urn=binding.urn)

    bindings = (r for r in resources if rbac.kind_of(r) == rbac.ROLE_BINDING)
    yield from each(bindings, decide, "the namespace-admin check")


RULE = Rule(
    id="FLEET-TEN-004",
    name="tenant-no-namespace-cluster-admin",
    title="Ensure no RoleBinding in a tenant namespace grants cluster-admin or a role that can undo its guardrails",
    severity="high",
    default_level="mandatory",
    rationale="cluster-admin, or a role with wildcards, quota or limit writes or escalate/bind/impersonate, inside "
    "a namespace can lift the tenant's own quota, limits and network policies.",
    remediation="Bind tenant subjects to the admin, edit or view ClusterRole, as the fleet's tenant components do, or "
    "to a role the stack defines without those powers.",
    stack_check=check,
)
