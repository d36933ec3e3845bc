"""FLEET-TEN-002: no ClusterRoleBinding grants a tenant's subjects cluster-wide rights.

Protects: tenant isolation on shared clusters. A tenant's groups and service accounts are bound
inside their namespace only; one ClusterRoleBinding would give them every namespace, including
their neighbours'. The one exception is a tenant's own dedicated cluster, where the fleet binds
its admin groups to cluster-admin (labelled fleet-isolation=cluster, fleet-tenant=<tenant>).
"""

from __future__ import annotations

from collections.abc import Iterator

from fleetguard.model import Context, Finding, Resource, Rule

ROLE_BINDING = "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding"
CLUSTER_ROLE_BINDING = "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding"
NAMESPACE = "kubernetes:core/v1:Namespace"


def _subject_key(subject: dict, namespace: str | None = None) -> str:
    kind = subject.get("kind")
    if kind == "ServiceAccount":
        return f"ServiceAccount:{subject.get('namespace') or namespace}/{subject.get('name')}"
    return f"{kind}:{subject.get('name')}"


def check(resources: list[Resource], ctx: Context) -> Iterator[Finding]:
    tenant_namespaces: dict[tuple[str | None, str], str] = {}
    for ns in (r for r in resources if r.type == NAMESPACE):
        metadata = ns.props.get("metadata") or {}
        tenant = (metadata.get("labels") or {}).get("fleet-tenant")
        if tenant:
            tenant_namespaces[(ns.provider_urn, str(metadata.get("name")))] = str(tenant)
    tenant_subjects: dict[str, str] = {}
    for binding in (r for r in resources if r.type == ROLE_BINDING):
        metadata = binding.props.get("metadata") or {}
        namespace = str(metadata.get("namespace", ""))
        tenant = tenant_namespaces.get((binding.provider_urn, namespace))
        if tenant:
            for subject in binding.props.get("subjects") or []:
                tenant_subjects[_subject_key(subject, namespace)] = tenant
    for binding in (r for r in resources if r.type == CLUSTER_ROLE_BINDING):
        labels = (binding.props.get("metadata") or {}).get("labels") or {}
        dedicated_to = labels.get("fleet-tenant") if labels.get("fleet-isolation") == "cluster" else None
        for subject in binding.props.get("subjects") or []:
            tenant = tenant_subjects.get(_subject_key(subject))
            if tenant is None and labels.get("fleet-tenant") and not dedicated_to:
                tenant = str(labels["fleet-tenant"])
            if tenant is not None and tenant != dedicated_to:
                role = (binding.props.get("roleRef") or {}).get("name")
                yield Finding(
                    f"ClusterRoleBinding {binding.name!r} grants ClusterRole {role!r} cluster-wide to "
                    f"{subject.get('kind')} {subject.get('name')!r} of tenant {tenant!r}; bind it with a "
                    "RoleBinding in the tenant's namespace instead",
                    urn=binding.urn,
                )


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
