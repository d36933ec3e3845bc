"""FLEET-TEN-010: no ClusterRole aggregated into admin, edit or view adds powers a tenant must not hold.

Protects: every tenant binding at once. A ClusterRole labelled
``rbac.authorization.k8s.io/aggregate-to-admin``, ``-edit`` or ``-view: "true"`` has its rules copied
into that built-in role by the cluster's controller (and view's into edit, edit's into admin), so it
reaches every RoleBinding of those roles in every namespace: every tenant's, since the fleet binds
tenants to them. Refused, whatever the role is called: wildcard verbs or resources; writes to
ResourceQuotas, LimitRanges or Namespaces; ``escalate``, ``bind``, or ``impersonate`` beyond service
accounts; any verb on cluster-scoped objects that decide isolation (nodes, persistent volumes, cluster
roles and bindings, admission webhooks and policies, CRDs, certificate approval); creating SubjectAccessReviews
or TokenReviews, which answer for any user or token, other tenants' included; and writes to any other
built-in cluster-scoped object (one object every tenant shares: a ClusterTrustBundle pods may trust, a
PriorityClass, a DeviceClass; the list is generated from the pinned release's OpenAPI); writes to Endpoints
or EndpointSlices, which Kubernetes took out of edit and admin (CVE-2021-25740: they point a Service at other
namespaces' pods); and for view, any
write or reading Secrets (view leaves them out). Adding read (or, to edit and admin, write) access to
named custom resources is what aggregation is for and is not refused.

A ClusterRole that itself aggregates others carries their rules on: it is judged by what its
selectors gather (a chain into view is a chain into every tenant's binding).

An RBAC ``<Kind>Patch`` changes the object of its kind, cluster, namespace and name by server-side
apply: it is judged merged into that object when the stack makes it, else as the object it writes
(``fleetguard/rbac.py`` objects); a binding patch without a roleRef keeps the binding's role.
"""

from __future__ import annotations

from collections.abc import Iterator

from fleetguard import rbac
from fleetguard.model import Context, Finding, Resource, Rule, each


def check(resources: list[Resource], ctx: Context) -> Iterator[Finding]:
    resources = rbac.objects(resources)  # RBAC patches as the objects they write
    roles = rbac.Roles.index(resources)

    def decide(role: Resource) -> Iterator[Finding]:
        labels = rbac.mapping(rbac.metadata(role).get("labels"), "metadata.labels")
        targets = [into for label, into in rbac.AGGREGATE.items() if label in labels and str(labels[label]) == "true"]
        if not targets:
            return
        # A role that aggregates others carries their rules into the role it is aggregated into (a chain).
        rules = roles.rules_of(role)
        powers = list(dict.fromkeys(p for into in targets for g in rules for p in rbac.aggregation_powers(g, into)))
        if powers:
            reached = list(dict.fromkeys(r for into in targets for r in rbac.REACHES[into]))
            yield Finding(
                f"ClusterRole {role.name!r} is aggregated into the built-in {', '.join(reached)} role(s), and so into "
                f"every tenant's binding of them in every namespace, and adds {'; '.join(powers)}; remove the "
                "aggregation label, or grant only what the role's purpose needs (named resources of its own API "
                "group, read-only for view)",
                urn=role.urn,
            )

    yield from each((r for r in resources if rbac.kind_of(r) == rbac.CLUSTER_ROLE), decide, "the aggregated-role check")


RULE = Rule(
    id="FLEET-TEN-010",
    name="aggregated-cluster-roles",
    title="Ensure no ClusterRole aggregated into admin, edit or view adds powers a tenant must not hold",
    severity="critical",
    default_level="mandatory",
    rationale="An aggregated ClusterRole adds its rules to every tenant's admin, edit or view binding on the cluster.",
    remediation="Aggregate only narrow rules on the role's own resources (read-only into view), or bind the role "
    "separately to those who need it.",
    stack_check=check,
)
