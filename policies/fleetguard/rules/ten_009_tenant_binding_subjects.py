"""FLEET-TEN-009: RoleBindings in a tenant namespace bind only the tenant's own subjects.

Protects: tenant isolation from the inside out. A RoleBinding in a tenant's namespace gives its
subjects the role there, whatever the role; a subject that reaches beyond the tenant opens the
namespace (its Secrets, its pods) to others. Refused: the groups ``system:authenticated`` (every
authenticated user), ``system:unauthenticated`` and the user ``system:anonymous`` (every request
without credentials), ``system:serviceaccounts`` (every service account of the cluster),
``system:nodes`` (every node's kubelet, on nodes that run other tenants' pods),
``system:serviceaccounts:<namespace>`` of any other namespace, a service account (or the user
``system:serviceaccount:<namespace>:<name>`` it acts as) of any namespace other than the tenant's
own, and another tenant's owner groups. A service account of a platform namespace (``kube-system``,
where Kubernetes runs its controllers, and ``fleet-system``, the fleet's own; both refused as
tenant names by the fleet spec) is not refused. Other groups and users (the tenant's own owner
groups, the platform team's) are the identity provider's and are not judged here.

An RBAC ``<Kind>Patch`` changes the object of its kind, cluster, namespace and name by server-side
apply: it is judged merged into that object when the stack makes it, else as the object it writes
(``fleetguard/rbac.py`` objects); a binding patch without a roleRef keeps the binding's role.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from fleetguard import rbac
from fleetguard.model import (
    Context,
    Deferred,
    Finding,
    Resource,
    Rule,
    TenantNamespace,
    each,
    tenant_namespaces,
    tenant_of,
)

# Namespaces only the platform runs in (fleet/spec/checks.py RESERVED_NAMESPACES, without the ones
# no workload runs in or anyone may use): https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/#initial-namespaces
PLATFORM_NAMESPACES = ("kube-system", "fleet-system")


def check(resources: list[Resource], ctx: Context) -> Iterator[Finding]:
    resources = rbac.objects(resources)  # RBAC patches as the objects they write
    tenants, unknown = tenant_namespaces(resources)
    # The owner groups of every tenant, per cluster: a group of another tenant reaches in.
    owners: dict[tuple[str | None, str], set[str]] = {}
    for ns in tenants.values():
        for group in ns.groups:
            owners.setdefault((ns.provider, group), set()).add(ns.tenant)

    def own(ns: TenantNamespace, namespace: str) -> bool:
        other = tenants.get((ns.provider, namespace))
        return namespace == ns.name or (other is not None and other.tenant == ns.tenant)

    def account(ns: TenantNamespace, namespace: str, name: Any) -> str | None:
        if own(ns, namespace) or namespace in PLATFORM_NAMESPACES:
            return None
        other = tenants.get((ns.provider, namespace))
        whose = f"tenant {other.tenant!r}" if other else f"namespace {namespace!r}, outside the tenant"
        return f"service account {namespace}/{name} of {whose}"

    def beyond(ns: TenantNamespace, subject: Mapping[str, Any]) -> str | None:
        kind, name = subject.get("kind"), rbac.subject_name(subject)
        if kind == "Group":
            if name in rbac.EVERYONE:
                return rbac.EVERYONE[name]
            if name.startswith(rbac.SA_GROUP_PREFIX):
                namespace = name.removeprefix(rbac.SA_GROUP_PREFIX)
                return None if own(ns, namespace) else f"every service account of namespace {namespace!r}"
            others = sorted(owners.get((ns.provider, name), set()) - {ns.tenant})
            if others and name not in ns.groups:
                return f"an owner group of tenant {', '.join(repr(t) for t in others)}"
            return None
        if kind == "User":
            if name == rbac.ANONYMOUS:
                return rbac.EVERYONE[rbac.UNAUTHENTICATED]
            if name.startswith(rbac.SA_USER_PREFIX) and name.count(":") == 3:
                namespace, account_name = name.removeprefix(rbac.SA_USER_PREFIX).split(":")
                return account(ns, namespace, account_name)
            return None
        if kind == "ServiceAccount":
            # Without a namespace, a RoleBinding's service account is in the binding's namespace
            # (kubernetes/kubernetes plugin/pkg/auth/authorizer/rbac/rbac.go appliesToUser).
            return account(ns, str(subject.get("namespace") or ns.name), name)
        return None

    def granted(binding: Resource) -> str:
        if not rbac.names_role(binding):
            return "the role it already names"
        try:
            kind, role = rbac.role_ref(binding)
        except Deferred:
            return "a role unknown until the update"  # whatever it is, these subjects must not hold it
        return f"{kind} {role!r}"

    def decide(binding: Resource) -> Iterator[Finding]:
        ns = tenant_of(binding, tenants, unknown)
        if ns is None:
            return
        for subject in rbac.subjects(binding):
            reach = beyond(ns, subject)
            if reach is not None:
                yield Finding(
                    f"RoleBinding {binding.name!r} in tenant namespace {ns.name!r} (tenant {ns.tenant}) grants "
                    f"{granted(binding)} to {rbac.describe(subject)}, which is {reach}; bind only the tenant's own "
                    "groups (its namespace's owner annotations) and service accounts of its namespace",
                    urn=binding.urn,
                )

    bindings = (r for r in resources if rbac.kind_of(r) == rbac.ROLE_BINDING)
    yield from each(bindings, decide, "the binding-subject check")


RULE = Rule(
    id="FLEET-TEN-009",
    name="tenant-binding-subjects",
    title="Ensure RoleBindings in a tenant namespace bind only the tenant's own groups and service accounts",
    severity="critical",
    default_level="mandatory",
    rationale="A RoleBinding to every authenticated user, every service account or another tenant's accounts opens "
    "the tenant's namespace to them.",
    remediation="Bind the tenant's owner groups and its namespace's service accounts only; give platform tooling "
    "accounts in kube-system or fleet-system.",
    stack_check=check,
)
