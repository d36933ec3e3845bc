"""FLEET-TEN-002: no ClusterRoleBinding grants a tenant's subjects cluster-wide rights.

Protects: tenant isolation on shared clusters. A tenant's groups and service accounts are bound
inside their namespace only; one ClusterRoleBinding would give them every namespace, including
their neighbours'. A subject belongs to a tenant when it is a group the tenant's RoleBindings or
owner annotations name, a service account in the tenant's namespace, the group of all service
accounts of that namespace (``system:serviceaccounts:<namespace>``), or a group every tenant is in
(``system:serviceaccounts``, ``system:authenticated``, ``system:unauthenticated``); a binding
labelled ``fleet-tenant`` is for that tenant. The user ``system:anonymous`` counts as
``system:unauthenticated``, and the user ``system:serviceaccount:<namespace>:<name>`` as that
service account (RBAC docs #referring-to-subjects). The one exception is a tenant's own dedicated
cluster, where the fleet binds its admin groups to cluster-admin (labelled fleet-isolation=cluster,
fleet-tenant=<tenant>); the label is believed only when the cluster holds no other tenant's
namespace (FLEET-TEN-005 reports the false claim itself). A binding whose ClusterRole grants only
public information (health, version and discovery URLs, reviews of one's own rights) is not
refused: Kubernetes binds those roles to every authenticated user itself (policy.go
clusterRoleBindings: system:discovery, system:basic-user, system:public-info-viewer,
system:service-account-issuer-discovery).

A tenant's owner groups come from its identity provider and are the same on every cluster: a
binding that names one is that tenant's wherever its namespaces are.

An RBAC ``<Kind>Patch`` changes the object of its kind, cluster, namespace and name by server-side
apply: it is judged merged into that object when the stack makes it, else as the object it writes
(``fleetguard/rbac.py`` objects); a binding patch without a roleRef keeps the binding's role.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fleetguard import rbac
from fleetguard.model import (
    CLUSTER_ROLE_BINDING,
    DEDICATED,
    ISOLATION,
    NAMESPACE,
    ROLE_BINDING,
    TENANT,
    Context,
    Deferred,
    Finding,
    Resource,
    Rule,
    TenantNamespace,
    each,
    known,
    tag_map,
    tenant_namespaces,
)

__all__ = ["CLUSTER_ROLE_BINDING", "NAMESPACE", "ROLE_BINDING", "RULE"]
EVERYONE = ("system:serviceaccounts", "system:authenticated", "system:unauthenticated")
SA_GROUP = "system:serviceaccounts:"


def _subject_key(subject: Any, namespace: str | None = None) -> str:
    kind = subject.get("kind")
    if kind == "ServiceAccount":
        return f"ServiceAccount:{subject.get('namespace') or namespace}/{rbac.subject_name(subject)}"
    return f"{kind}:{subject.get('name')}"


def dedicated_to(provider: str | None, tenants: dict[tuple[str | None, str], TenantNamespace]) -> str | None:
    """The tenant a cluster is dedicated to: the only tenant with namespaces on it, or None."""
    on_cluster = {t.tenant for (p, _), t in tenants.items() if p == provider}
    return next(iter(on_cluster)) if len(on_cluster) == 1 else None


def check(resources: list[Resource], ctx: Context) -> Iterator[Finding]:
    resources = rbac.objects(resources)  # RBAC patches as the objects they write
    tenants, unknown = tenant_namespaces(resources)
    roles = rbac.Roles.index(resources)
    subjects: dict[tuple[str | None, str], str] = {}  # (provider, subject key) -> tenant
    owners: dict[str, str] = {}  # identity-provider groups are the same on every cluster: group -> tenant
    for ns in tenants.values():
        for group in ns.groups:
            subjects[(ns.provider, f"Group:{group}")] = ns.tenant
            owners.setdefault(group, ns.tenant)
        subjects[(ns.provider, f"Group:{SA_GROUP}{ns.name}")] = ns.tenant

    def bound(binding: Resource) -> list[tuple[str | None, str, str]]:
        metadata = binding.props.get("metadata") or {}
        namespace = str(metadata.get("namespace", ""))
        ns = tenants.get((binding.provider_urn, namespace))
        if ns is None:
            return []
        return [
            (binding.provider_urn, _subject_key(s, namespace), ns.tenant) for s in binding.props.get("subjects") or []
        ]

    unresolved: dict[str | None, Deferred] = {}  # per cluster: a RoleBinding whose namespace or subjects are unknown
    for binding in (r for r in resources if rbac.kind_of(r) == rbac.ROLE_BINDING):
        found, err = known(binding, bound)
        if err is not None:
            unresolved.setdefault(binding.provider_urn, err)
        for provider, key, tenant in found or []:
            subjects[(provider, key)] = tenant

    def tenant_of(binding: Resource, subject: Any) -> str | None:
        kind, name = subject.get("kind"), rbac.subject_name(subject)
        if kind == "User" and name.startswith(rbac.SA_USER_PREFIX) and name.count(":") == 3:
            # The user name a service account acts as (RBAC docs #referring-to-subjects).
            namespace, account = name.removeprefix(rbac.SA_USER_PREFIX).split(":")
            subject = {"kind": "ServiceAccount", "namespace": namespace, "name": account}
        key = _subject_key(subject)
        if (binding.provider_urn, key) in subjects:
            return subjects[(binding.provider_urn, key)]
        if kind == "Group" and name in owners:
            return owners[name]  # a tenant's owner group, whichever cluster its namespaces are on
        if subject.get("kind") == "ServiceAccount":
            ns = tenants.get((binding.provider_urn, str(subject.get("namespace"))))
            return ns.tenant if ns else None
        if (kind == "Group" and name in EVERYONE) or (kind == "User" and name == rbac.ANONYMOUS):
            names = sorted({t.tenant for (p, _), t in tenants.items() if p == binding.provider_urn})
            return ", ".join(names) or None
        return None

    def public_info(binding: Resource) -> bool:
        """The binding grants only what Kubernetes grants every authenticated user itself."""
        if not rbac.names_role(binding):
            return False  # a patch of a binding made elsewhere: what it grants is not known here
        _, name = rbac.role_ref(binding)
        role = roles.find(binding.provider_urn, rbac.CLUSTER_ROLE, name, None)
        if role is None:
            return name in rbac.PUBLIC_INFO_ROLES
        return rbac.public_info_only(roles.rules_of(role))

    def decide(binding: Resource) -> Iterator[Finding]:
        if unknown:
            raise unknown[0]  # a namespace whose labels are unknown may make any subject a tenant's
        labels = tag_map((binding.props.get("metadata") or {}).get("labels"))
        claimed = labels.get(TENANT) if labels.get(ISOLATION) == DEDICATED else None
        allowed = claimed if claimed and dedicated_to(binding.provider_urn, tenants) == claimed else None
        for subject in binding.props.get("subjects") or []:
            tenant = tenant_of(binding, subject)
            if tenant is None and labels.get(TENANT) and not allowed:
                tenant = str(labels[TENANT])
            if tenant is None and binding.provider_urn in unresolved:
                raise unresolved[binding.provider_urn]  # the subject may be named by a RoleBinding not known yet
            if tenant is not None and tenant != allowed:
                if public_info(binding):  # read only now: a binding of no tenant's subjects needs no role
                    return
                role = (binding.props.get("roleRef") or {}).get("name")
                yield Finding(
                    f"ClusterRoleBinding {binding.name!r} grants ClusterRole {role!r} cluster-wide to "
                    f"{rbac.describe(subject)} of tenant {tenant!r}; bind it with a RoleBinding "
                    "in the tenant's namespace instead",
                    urn=binding.urn,
                )

    bindings = (r for r in resources if rbac.kind_of(r) == rbac.CLUSTER_ROLE_BINDING)
    yield from each(bindings, decide, "the cluster-binding check")


RULE = Rule(
    id="FLEET-TEN-002",
    name="tenant-no-cluster-role-binding",
    title="Ensure no ClusterRoleBinding names a tenant's groups or service accounts",
    severity="critical",
    default_level="mandatory",
    rationale="A cluster-wide binding turns one tenant's access into access to every tenant.",
    remediation="Use namespaced RoleBindings for tenant subjects; cluster-wide rights only on dedicated clusters.",
    stack_check=check,
)
