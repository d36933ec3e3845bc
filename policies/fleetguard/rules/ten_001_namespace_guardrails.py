"""FLEET-TEN-001: every tenant namespace has its guardrails, judged by what they do.

Protects: tenant isolation. A namespace labelled ``fleet-tenant`` (a tenant's namespace, or the
host namespace of its virtual cluster) must have a ResourceQuota that bounds the CPU and memory of
every pod (cannot starve neighbours), a LimitRange that gives containers default CPU and memory
limits, NetworkPolicies that isolate every pod for ingress and for egress (cannot reach or be
reached by neighbours unless opened; what they open is FLEET-TEN-003's), and Pod Security
``restricted`` enforced, at ``latest`` or a version no older than the profile's newest change (an older
``enforce-version`` admits pods today's restricted refuses). Objects count in the namespace they land in (their
own, else their provider's default) on the cluster their provider reaches, whichever provider that is. A
``<Kind>Patch`` changes the object of that name by server-side apply, so it is judged merged into
it; a NamespacePatch that weakens a tenant namespace's Pod Security (level or version) or tenant label is reported, and
one of a namespace the stack does not make, with a tenant label, makes a tenant namespace that needs
every guardrail above. Two policies whose pod selectors complement each other (Exists and
DoesNotExist, or In and NotIn the same values, on one key) isolate every pod together. Kinds are
judged at any API version the SDK registers (an ``extensions/v1beta1`` NetworkPolicy is one).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from fleetguard.model import (
    LIMIT_RANGE,
    NAMESPACE,
    NETWORK_POLICY,
    RESOURCE_QUOTA,
    TENANT,
    Clusters,
    Context,
    Deferred,
    Finding,
    Resource,
    Rule,
    each,
    is_patch,
    kind_of,
    known,
    kubernetes_labels,
    namespace_of,
    tag_map,
    tenant_namespaces,
)

QUOTA, LIMITS, POLICY = RESOURCE_QUOTA, LIMIT_RANGE, NETWORK_POLICY
__all__ = ["LIMITS", "NAMESPACE", "POLICY", "QUOTA", "RULE"]
PSA_ENFORCE = "pod-security.kubernetes.io/enforce"
PSA_ENFORCE_VERSION = "pod-security.kubernetes.io/enforce-version"
RESTRICTED = "restricted"
# enforce-version pins the profile as it was at that Kubernetes minor ("latest" when unset). The newest change to
# what restricted refuses is baseline's Host Probes / Lifecycle Hooks control (v1.34+), after Capabilities (v1.22+)
# and Running as Non-root user (v1.23+): a pin below it admits pods the fleet's restricted refuses
# (https://kubernetes.io/docs/concepts/security/pod-security-standards/).
PSS_CURRENT_SINCE = (1, 34)
_MINOR = re.compile(r"^v(?P<major>\d+)\.(?P<minor>\d+)$")


def stale_enforce_version(labels: Mapping[str, Any]) -> str | None:
    """Why a namespace's enforce-version label weakens restricted, or None: a minor older than the profile's newest
    change, or a value Pod Security Admission does not take."""
    if PSA_ENFORCE_VERSION not in labels:
        return None
    value = str(labels[PSA_ENFORCE_VERSION])
    if value == "latest":
        return None
    match = _MINOR.match(value)
    if match is None:
        return f"sets {PSA_ENFORCE_VERSION}={value!r}, which is not latest or v<major>.<minor>"
    if (int(match["major"]), int(match["minor"])) < PSS_CURRENT_SINCE:
        since = "v{}.{}".format(*PSS_CURRENT_SINCE)
        return (
            f"pins {PSA_ENFORCE_VERSION}={value}, restricted as it was before {since}, which admits pods today's "
            "restricted refuses"
        )
    return None


# The quota names a resource by either spelling: "cpu" and "requests.cpu" are the same
# (https://kubernetes.io/docs/concepts/policy/resource-quotas/#compute-resource-quota).
CPU = ("cpu", "requests.cpu", "limits.cpu")
MEMORY = ("memory", "requests.memory", "limits.memory")
# Scopes that leave no pod with CPU or memory unbounded: a NotBestEffort quota tracks every pod
# that has requests or limits, and with the LimitRange's defaults every container has them; a
# Terminating quota and a NotTerminating one together cover every pod
# (https://kubernetes.io/docs/concepts/policy/resource-quotas/#quota-scopes).
COVERING_SCOPES: tuple[frozenset[str], ...] = (frozenset(), frozenset({"NotBestEffort"}))
COMPLEMENTS = (frozenset({"Terminating"}), frozenset({"NotTerminating"}))


def policy_types(spec: Mapping[str, Any]) -> set[str]:
    """The directions a policy isolates the pods it selects. Unset: Ingress always, Egress when it
    has egress rules (https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/#NetworkPolicySpec)."""
    declared = spec.get("policyTypes")
    if declared:
        return {str(t) for t in declared}
    return {"Ingress", *(["Egress"] if spec.get("egress") else [])}


def isolates(spec: Any) -> set[str]:
    """The directions in which a policy isolates every pod of its namespace: an empty podSelector
    selects all pods, and a selected pod is isolated in each of the policy's types, whatever else
    other policies allow (https://kubernetes.io/docs/concepts/services-networking/network-policies/#the-two-sorts-of-pod-isolation)."""
    spec = spec or {}
    selector = spec.get("podSelector") or {}
    if selector.get("matchLabels") or selector.get("matchExpressions"):
        return set()
    return policy_types(spec)


_COMPLEMENTS = {("Exists", "DoesNotExist"), ("DoesNotExist", "Exists"), ("In", "NotIn"), ("NotIn", "In")}


def complementary(specs: list[Any]) -> set[str]:
    """The directions two policies isolate every pod in together: their pod selectors are one expression each,
    on the same key, and complementary (Exists / DoesNotExist; In / NotIn the same values, NotIn also matching
    pods without the key), so every pod is selected by one of them
    (https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#set-based-requirement)."""
    single: list[tuple[str, str, frozenset[str], set[str]]] = []
    for spec in specs:
        selector = (spec or {}).get("podSelector") or {}
        expressions = selector.get("matchExpressions") or []
        if not selector.get("matchLabels") and len(expressions) == 1:
            e = expressions[0]
            values = frozenset(str(v) for v in e.get("values") or [])
            single.append((str(e.get("key")), str(e.get("operator")), values, set(policy_types(spec))))
    found: set[str] = set()
    for i, (key, op, values, types) in enumerate(single):
        for other_key, other_op, other_values, other_types in single[i + 1 :]:
            exact = op in ("Exists", "DoesNotExist") or values == other_values
            if key == other_key and (op, other_op) in _COMPLEMENTS and exact:
                found |= types & other_types
    return found


def is_default_deny(spec: Any) -> bool:
    """Isolates every pod in both directions (what it then allows is FLEET-TEN-003's concern)."""
    return isolates(spec) >= {"Ingress", "Egress"}


def _scopes(spec: Mapping[str, Any]) -> frozenset[str] | None:
    """The quota's scopes, or None when a scopeSelector narrows it by something other than the
    scopes (a priority class: pods of any other class escape it)."""
    scopes = {str(s) for s in spec.get("scopes") or []}
    for expression in (spec.get("scopeSelector") or {}).get("matchExpressions") or []:
        name, operator = str(expression.get("scopeName")), expression.get("operator")
        if operator != "Exists" or name in ("PriorityClass", "CrossNamespacePodAffinity", "VolumeAttributesClass"):
            return None
        scopes.add(name)
    return frozenset(scopes)


def quota_problem(spec: Any) -> str | None:
    """Why a quota does not bound every pod's CPU and memory, or None."""
    spec = spec or {}
    hard = spec.get("hard") or {}
    missing = [what for what, keys in (("cpu", CPU), ("memory", MEMORY)) if not any(k in hard for k in keys)]
    if missing:
        return f"hard sets no {' or '.join(missing)} bound"
    scopes = _scopes(spec)
    if scopes is None or scopes not in (*COVERING_SCOPES, *COMPLEMENTS):
        return f"its scopes ({', '.join(sorted(scopes or {'a scopeSelector'}))}) leave pods outside the quota"
    return None


def quota_covers(quotas: list[Mapping[str, Any]]) -> bool:
    scopes = {_scopes(q) for q in quotas if quota_problem(q) is None}
    return any(s in scopes for s in COVERING_SCOPES) or all(s in scopes for s in COMPLEMENTS)


def default_limits(spec: Any) -> set[str]:
    """The resources a LimitRange gives containers a default limit for. Where ``default`` is unset
    the API server sets it to ``max`` (SetDefaults_LimitRangeItem,
    https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/core/v1/defaults.go)."""
    found: set[str] = set()
    for item in (spec or {}).get("limits") or []:
        if item.get("type") == "Container":
            found |= set((item.get("default") or {}).keys()) | set((item.get("max") or {}).keys())
    return found


def _merge(base: Mapping[str, Any], patch: Mapping[str, Any]) -> dict[str, Any]:
    """A spec after a server-side apply patch: the patch's fields replace the base's; maps of
    values (a quota's ``hard``) merge key by key, lists (atomic in these kinds) are replaced."""
    merged = dict(base)
    for key, value in patch.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping) and key == "hard":
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged


def _objects(resources: list[Resource], clusters: Clusters) -> tuple[dict[Any, dict[str, Any]], dict[Any, Deferred]]:
    """The quota, limit-range and network-policy specs per (cluster, namespace, kind, name),
    patches merged into the objects they change; and per cluster an object not known yet."""
    objects: dict[Any, dict[str, Any]] = {}
    unresolved: dict[Any, Deferred] = {}
    kinds = (QUOTA, LIMITS, POLICY)
    ordered = sorted((r for r in resources if kind_of(r.type) in kinds), key=is_patch)  # patches last

    def read(r: Resource) -> tuple[Any, Mapping[str, Any]]:
        metadata = r.props.get("metadata") or {}
        key = (clusters.of(r), namespace_of(r), kind_of(r.type), str(metadata.get("name")))
        return key, dict(r.props.get("spec") or {})

    for r in ordered:
        found, err = known(r, read)
        if err is not None:
            unresolved.setdefault(clusters.of(r), err)
            continue
        key, spec = found
        objects[key] = _merge(objects[key], spec) if key in objects else dict(spec)
    return objects, unresolved


def check(resources: list[Resource], ctx: Context) -> Iterator[Finding]:
    clusters = Clusters.index(resources)
    objects, unresolved = _objects(resources, clusters)

    patched: dict[tuple[str, str], list[Resource]] = {}  # NamespacePatches by (cluster, name)
    for patch in (r for r in resources if is_patch(r) and kind_of(r.type) == NAMESPACE):
        name, err = known(patch, lambda r: str((r.props.get("metadata") or {}).get("name")))
        if err is None:
            patched.setdefault((clusters.of(patch), name), []).append(patch)

    def decide(ns: Resource) -> Iterator[Finding]:
        metadata = ns.props.get("metadata") or {}
        own = kubernetes_labels(metadata.get("labels"))
        labels = dict(own)
        name = str(metadata.get("name"))
        cluster = clusters.of(ns)
        for patch in patched.get((cluster, name), []):  # server-side apply sets the patch's labels on it
            labels.update(tag_map((patch.props.get("metadata") or {}).get("labels")))
        if not labels.get(TENANT) and TENANT not in own:
            return
        mine = {
            (kind, n): spec for (c, namespace, kind, n), spec in objects.items() if (c, namespace) == (cluster, name)
        }
        missing = []
        quotas = {n: spec for (kind, n), spec in mine.items() if kind == QUOTA}
        if not quota_covers(list(quotas.values())):
            why = "; ".join(f"{n}: {quota_problem(s) or 'covers only some pods'}" for n, s in sorted(quotas.items()))
            missing.append("a ResourceQuota that bounds cpu and memory for every pod" + (f" ({why})" if why else ""))
        defaults = set().union(*(default_limits(s) for (kind, _), s in mine.items() if kind == LIMITS))
        if not {"cpu", "memory"} <= defaults:
            have = f" (has defaults for {', '.join(sorted(defaults))})" if defaults else ""
            missing.append(f"a LimitRange with default cpu and memory limits for containers{have}")
        policies = [s for (kind, _), s in mine.items() if kind == POLICY]
        isolated = set().union(*(isolates(s) for s in policies), complementary(policies))
        if not {"Ingress", "Egress"} <= isolated:
            only = f" (only {', '.join(sorted(isolated))} is)" if isolated else ""
            missing.append(
                "a default-deny NetworkPolicy (podSelector {}, policyTypes Ingress and Egress) isolating every "
                f"pod in both directions{only}"
            )
        if labels.get(PSA_ENFORCE) != RESTRICTED:
            missing.append(f"label {PSA_ENFORCE}={RESTRICTED} (has {labels.get(PSA_ENFORCE)!r})")
        elif stale := stale_enforce_version(labels):
            missing.append(f"label {PSA_ENFORCE_VERSION}=latest or a current minor (it {stale})")
        if missing and cluster in unresolved and any(not m.startswith("label") for m in missing):
            raise unresolved[cluster]  # the missing object may be the one not known yet
        if missing:
            yield Finding(
                f"tenant namespace {name!r} ({ns.name}) lacks {'; '.join(missing)}; create tenants through the "
                "fleet spec, which adds all of them",
                urn=ns.urn,
            )

    namespaces = [r for r in resources if r.type == NAMESPACE]
    made: set[tuple[str, str]] = set()
    nameless: set[str] = set()  # clusters with a namespace whose name is unknown at preview (decide defers it)
    for r in namespaces:
        name, err = known(r, lambda r: str((r.props.get("metadata") or {}).get("name")))
        if err is None:
            made.add((clusters.of(r), name))
        else:
            nameless.add(clusters.of(r))
    # A NamespacePatch of a namespace the stack does not make writes it whole by server-side apply: with a
    # tenant label it makes a tenant namespace, which needs its guardrails like any other. (Where a namespace's
    # name is not known yet, the patch may be of it: the patch itself is still judged below.)
    namespaces += [p for key, found in patched.items() if key not in made and key[0] not in nameless for p in found[:1]]
    yield from each(namespaces, decide, "the guardrail check")
    patches = (r for r in resources if is_patch(r) and kind_of(r.type) == NAMESPACE)
    yield from each(patches, _namespace_patch(resources), "the guardrail check")


def _namespace_patch(resources: list[Resource]) -> Any:
    tenants, unknown = tenant_namespaces(resources)

    def decide(patch: Resource) -> Iterator[Finding]:
        metadata = patch.props.get("metadata") or {}
        name = str(metadata.get("name"))
        labels = kubernetes_labels(metadata.get("labels"))
        ns = tenants.get((patch.provider_urn, name))
        if ns is None and TENANT not in labels:
            if unknown:
                raise unknown[0]
            return
        tenant = ns.tenant if ns is not None else str(labels[TENANT])
        problems = []
        if PSA_ENFORCE in labels and labels[PSA_ENFORCE] != RESTRICTED:
            problems.append(f"sets {PSA_ENFORCE}={labels[PSA_ENFORCE]!r} (the fleet enforces {RESTRICTED!r})")
        if stale := stale_enforce_version(labels):
            problems.append(stale)
        if ns is not None and TENANT in labels and str(labels[TENANT] or "") != ns.tenant:
            problems.append(f"sets {TENANT}={labels[TENANT]!r} (the namespace is tenant {ns.tenant!r}'s)")
        if problems:
            yield Finding(
                f"NamespacePatch {patch.name!r} on tenant namespace {name!r} (tenant {tenant}) "
                f"{'; '.join(problems)}, weakening the tenant's guardrails; remove the patch or leave those labels "
                "as the fleet sets them",
                urn=patch.urn,
            )

    return decide


RULE = Rule(
    id="FLEET-TEN-001",
    name="tenant-namespace-guardrails",
    title="Ensure every tenant namespace has quota, limits, default-deny networking and restricted Pod Security",
    severity="high",
    default_level="mandatory",
    rationale="Without these a tenant can starve, reach or escalate against its neighbours.",
    remediation="Add the missing objects (the fleet tenant components create them all).",
    stack_check=check,
)
