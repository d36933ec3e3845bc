"""FLEET-TEN-004: no RoleBinding in a tenant namespace grants cluster-admin.

Protects: the guardrails inside a tenant's namespace. The fleet binds a tenant's groups to the
built-in admin, edit and view roles, which cannot change the namespace's ResourceQuota or
LimitRange. A RoleBinding to the cluster-admin ClusterRole gives its subjects every verb on every
resource of the namespace, so they can lift their own quota and limits (and starve neighbours) or
remove its network policies wherever the admission policy does not reach.
"""

from __future__ import annotations

from collections.abc import Iterator

from fleetguard.model import ROLE_BINDING, Context, Finding, Resource, Rule, each, tenant_namespaces

CLUSTER_ADMIN = "cluster-admin"


def check(resources: list[Resource], ctx: Context) -> Iterator[Finding]:
    tenants, unknown = tenant_namespaces(resources)

    def decide(binding: Resource) -> Iterator[Finding]:
        role = binding.props.get("roleRef") or {}
        if role.get("name") != CLUSTER_ADMIN:
            return
        namespace = str((binding.props.get("metadata") or {}).get("namespace", "default"))
        ns = tenants.get((binding.provider_urn, namespace))
        if ns is None:
            if unknown:
                raise unknown[0]
            return
        subjects = ", ".join(f"{s.get('kind')} {s.get('name')!r}" for s in binding.props.get("subjects") or [])
        yield Finding(
            f"RoleBinding {binding.name!r} in tenant namespace {namespace!r} (tenant {ns.tenant}) grants "
            f"{role.get('kind', 'ClusterRole')} {CLUSTER_ADMIN!r} to {subjects or 'no subjects'}, which can change the "
            "namespace's quota, limits and network policies; bind the built-in admin, edit or view role instead",
            urn=binding.urn,
        )

    yield from each((r for r in resources if r.type == ROLE_BINDING), decide, "the namespace-admin check")


RULE = Rule(
    id="FLEET-TEN-004",
    name="tenant-no-namespace-cluster-admin",
    title="Ensure no RoleBinding in a tenant namespace grants cluster-admin",
    severity="high",
    default_level="mandatory",
    rationale="cluster-admin inside a namespace can lift the tenant's own quota, limits and network policies.",
    remediation="Bind tenant subjects to the admin, edit or view ClusterRole, as the fleet's tenant components do.",
    stack_check=check,
)
