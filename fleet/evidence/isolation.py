"""A tenant's isolation on a cluster as the program renders it (pure).

Read from the rendered resources, not from the spec or the tenancy code's intentions: the tenant
component (``<cluster>/<tenant>``, fleet:tenancy:*Tenant) and its children, and the cluster's
``fleet:tenancy:ClusterGuardrails``. Whatever is missing from the rendering shows as missing here
(no default deny, no Pod Security level), so the evidence can only claim what will be deployed.
Secret values never leave the rendering: only the fields named below are read.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from fleet.evidence.document import (
    AdmissionGuard,
    Binding,
    Isolation,
    NetworkPolicy,
    NetworkRule,
    PodSecurity,
    ServiceAccount,
    VirtualCluster,
)
from fleet.review.render import Rendering, Resource
from fleet.review.secrets import is_secret

TENANT_TYPES = {
    "fleet:tenancy:NamespaceTenant": "namespace",
    "fleet:tenancy:VirtualClusterTenant": "vcluster",
    "fleet:tenancy:DedicatedClusterTenant": "cluster",
}
GUARDRAILS_TYPE = "fleet:tenancy:ClusterGuardrails"
K8S = "kubernetes:"
PSA = "pod-security.kubernetes.io"
NAMESPACE_NAME = "kubernetes.io/metadata.name"


class RenderingMismatch(Exception):
    """The rendering lacks a tenant the placement put on one of this stack's clusters: a bug."""


def _plain(value: Any) -> Any:
    """A rendered value as the API server would store it: integral numbers (protobuf sends every
    number as a float) as ints, and never a secret."""
    if is_secret(value):
        return "[secret]"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _text(value: Any) -> str:
    plain = _plain(value)
    return plain if isinstance(plain, str) else json.dumps(plain, sort_keys=True)


def _strings(mapping: Any) -> dict[str, str]:
    return {str(k): _text(v) for k, v in sorted((mapping or {}).items())} if isinstance(mapping, dict) else {}


def _kind(resource: Resource) -> str:
    """``kubernetes:core/v1:Namespace`` -> ``Namespace``."""
    return resource.type.rsplit(":", 1)[-1] if resource.type.startswith(K8S) else ""


def _selector(selector: Any) -> str:
    if not isinstance(selector, dict) or not selector:
        return ""
    parts = [f"{k}={v}" for k, v in sorted((selector.get("matchLabels") or {}).items())]
    for expression in selector.get("matchExpressions") or []:
        values = ",".join(str(v) for v in expression.get("values") or [])
        parts.append(f"{expression.get('key')} {expression.get('operator')}{' ' + values if values else ''}")
    return ", ".join(parts)


def matches(selector: Any, labels: Mapping[str, str]) -> bool:
    """Whether a Kubernetes label selector selects an object with ``labels``."""
    if not isinstance(selector, dict):
        return False
    if any(labels.get(k) != v for k, v in (selector.get("matchLabels") or {}).items()):
        return False
    for expression in selector.get("matchExpressions") or []:
        key, operator, values = expression.get("key"), expression.get("operator"), expression.get("values") or []
        present = key in labels
        if (
            (operator == "Exists" and not present)
            or (operator == "DoesNotExist" and present)
            or (operator == "In" and labels.get(key) not in values)
            or (operator == "NotIn" and present and labels.get(key) in values)
            or operator not in ("Exists", "DoesNotExist", "In", "NotIn")
        ):
            return False
    return True


def _peer(peer: Any) -> str:
    if not isinstance(peer, dict):
        return _text(peer)
    block = peer.get("ipBlock")
    if isinstance(block, dict):
        excepted = block.get("except") or []
        return f"{block.get('cidr')}" + (f" except {', '.join(excepted)}" if excepted else "")
    pods = peer.get("podSelector")
    namespaces = peer.get("namespaceSelector")
    pod_text = "all pods" if pods == {} else f"pods {_selector(pods)}"
    if namespaces is None and pods is not None:
        return f"{pod_text} of this namespace"
    if isinstance(namespaces, dict):
        names = namespaces.get("matchLabels") or {}
        if set(names) == {NAMESPACE_NAME} and not namespaces.get("matchExpressions"):
            where = f"namespace {names[NAMESPACE_NAME]}"
        else:
            where = "every namespace" if namespaces == {} else f"namespaces {_selector(namespaces)}"
        return where if pods is None else f"{pod_text} in {where}"
    return _text(peer)


def _ports(ports: Any) -> tuple[str, ...]:
    return tuple(
        f"{p.get('protocol', 'TCP')}/{_text(p.get('port', 'all'))}" for p in ports or [] if isinstance(p, dict)
    )


def network_policy(resource: Resource) -> NetworkPolicy:
    spec = resource.inputs.get("spec") or {}
    rules = [
        NetworkRule(
            "ingress",
            tuple(_peer(p) for p in rule.get("from") or []) or ("anywhere",),
            _ports(rule.get("ports")),
        )
        for rule in spec.get("ingress") or []
    ] + [
        NetworkRule(
            "egress",
            tuple(_peer(p) for p in rule.get("to") or []) or ("anywhere",),
            _ports(rule.get("ports")),
        )
        for rule in spec.get("egress") or []
    ]
    pods = spec.get("podSelector")
    return NetworkPolicy(
        name=str((resource.inputs.get("metadata") or {}).get("name", resource.name)),
        pods="all pods" if pods == {} else f"pods {_selector(pods)}",
        policy_types=tuple(str(t) for t in spec.get("policyTypes") or []),
        rules=tuple(rules),
    )


def _denies_all(policy: NetworkPolicy) -> bool:
    return policy.pods == "all pods" and {"Ingress", "Egress"} <= set(policy.policy_types) and not policy.rules


def _subject(subject: Any) -> str:
    if not isinstance(subject, dict):
        return _text(subject)
    namespace = subject.get("namespace")
    return f"{subject.get('kind')} {namespace + '/' if namespace else ''}{subject.get('name')}"


def _binding(resource: Resource) -> Binding:
    inputs = resource.inputs
    return Binding(
        kind="ClusterRoleBinding" if _kind(resource) == "ClusterRoleBinding" else "RoleBinding",
        name=str((inputs.get("metadata") or {}).get("name", resource.name)),
        role=str((inputs.get("roleRef") or {}).get("name", "")),
        subjects=tuple(_subject(s) for s in inputs.get("subjects") or []),
    )


def _vcluster(release: Resource) -> VirtualCluster:
    inputs = release.inputs
    values: dict[str, Any] = inputs["values"] if isinstance(inputs.get("values"), dict) else {}
    policies = values.get("policies") or {}

    def enabled(*path: str) -> bool:
        node: Any = policies
        for key in path:
            node = node.get(key) if isinstance(node, dict) else None
        return node is True

    return VirtualCluster(
        chart=str(inputs.get("chart", "")),
        version=str(inputs.get("version", "")),
        repository=str((inputs.get("repositoryOpts") or {}).get("repo", "")),
        resource_quota=enabled("resourceQuota", "enabled"),
        limit_range=enabled("limitRange", "enabled"),
        network_policy=enabled("networkPolicy", "enabled"),
        public_egress=enabled("networkPolicy", "workload", "publicEgress", "enabled"),
        pod_security=str(policies.get("podSecurityStandard") or ""),
    )


class Index:
    """The rendering, indexed once: components by (type, name) and children by parent URN."""

    def __init__(self, rendering: Rendering) -> None:
        self.by_name: dict[str, list[Resource]] = {}
        self.children: dict[str, list[Resource]] = {}
        for resource in rendering.resources:
            self.by_name.setdefault(resource.name, []).append(resource)
            if resource.parent:
                self.children.setdefault(resource.parent, []).append(resource)
        for kids in self.children.values():
            kids.sort(key=lambda r: (r.type, r.name))

    def tenant_component(self, cluster: str, tenant: str) -> Resource | None:
        return next((r for r in self.by_name.get(f"{cluster}/{tenant}", []) if r.type in TENANT_TYPES), None)

    def admission_guard(self, cluster_urn: str | None, namespace_labels: Mapping[str, str]) -> AdmissionGuard | None:
        guards = [r for r in self.children.get(cluster_urn or "", []) if r.type == GUARDRAILS_TYPE]
        for guard in guards:
            kids = self.children.get(guard.urn, [])
            policy = next((k for k in kids if _kind(k) == "ValidatingAdmissionPolicy"), None)
            binding = next((k for k in kids if _kind(k) == "ValidatingAdmissionPolicyBinding"), None)
            if policy is None or binding is None:
                continue
            spec = binding.inputs.get("spec") or {}
            selector = (spec.get("matchResources") or {}).get("namespaceSelector")
            return AdmissionGuard(
                policy=str((policy.inputs.get("metadata") or {}).get("name", policy.name)),
                failure_policy=str((policy.inputs.get("spec") or {}).get("failurePolicy", "")),
                actions=tuple(str(a) for a in spec.get("validationActions") or []),
                applies_to_namespace=matches(selector, namespace_labels),
            )
        return None


def isolation(index: Index, cluster: str, tenant: str, dedicated: bool) -> Isolation:
    """What the rendering holds for ``tenant`` on ``cluster``."""
    component = index.tenant_component(cluster, tenant)
    if component is None:
        raise RenderingMismatch(
            f"tenant {tenant} is placed on cluster {cluster}, but the rendering has no {cluster}/{tenant}"
        )
    kids = index.children.get(component.urn, [])
    by_kind: dict[str, list[Resource]] = {}
    for kid in kids:
        by_kind.setdefault(_kind(kid) or kid.type, []).append(kid)
    namespace = next(iter(by_kind.get("Namespace", [])), None)
    metadata = (namespace.inputs.get("metadata") or {}) if namespace else {}
    labels = _strings(metadata.get("labels"))
    quota = next(iter(by_kind.get("ResourceQuota", [])), None)
    limit_range = next(iter(by_kind.get("LimitRange", [])), None)
    container_limits: dict[str, Any] = next(
        (
            entry
            for entry in ((limit_range.inputs.get("spec") or {}).get("limits") or [] if limit_range else [])
            if isinstance(entry, dict) and entry.get("type") == "Container"
        ),
        {},
    )
    policies = tuple(sorted((network_policy(r) for r in by_kind.get("NetworkPolicy", [])), key=lambda p: p.name))
    bindings = tuple(
        sorted(
            (_binding(r) for r in [*by_kind.get("RoleBinding", []), *by_kind.get("ClusterRoleBinding", [])]),
            key=lambda b: (b.kind, b.name),
        )
    )
    releases = [r for r in by_kind.get("Release", []) if r.type == "kubernetes:helm.sh/v3:Release"]
    return Isolation(
        mode=TENANT_TYPES[component.type],  # type: ignore[arg-type]
        component=component.urn,
        namespace=str(metadata.get("name", "")),
        protected=bool(namespace and namespace.protect),
        residency_label=labels.get("fleet-residency"),
        pod_security=(
            PodSecurity(
                enforce=labels.get(f"{PSA}/enforce"),
                warn=labels.get(f"{PSA}/warn"),
                audit=labels.get(f"{PSA}/audit"),
                version=labels.get(f"{PSA}/enforce-version"),
            )
            if any(k.startswith(PSA) for k in labels)
            else None
        ),
        quota=_strings((quota.inputs.get("spec") or {}).get("hard")) if quota else {},
        limits={
            k: _strings(container_limits.get(k)) for k in ("default", "defaultRequest", "max") if k in container_limits
        },
        default_deny=any(_denies_all(p) for p in policies),
        network_policies=policies,
        bindings=bindings,
        service_accounts=tuple(
            ServiceAccount(
                name=str((r.inputs.get("metadata") or {}).get("name", r.name)),
                automount_token=r.inputs.get("automountServiceAccountToken"),
            )
            for r in by_kind.get("ServiceAccount", [])
        ),
        vcluster=_vcluster(releases[0]) if releases else None,
        dedicated_cluster=dedicated,
        admission_guard=index.admission_guard(component.parent, labels),
    )
