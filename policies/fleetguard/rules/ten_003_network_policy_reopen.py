"""FLEET-TEN-003: no NetworkPolicy in a tenant namespace reopens what the default deny closes.

Protects: network isolation between tenants. NetworkPolicies only ever add allowed traffic, so one
policy in a tenant's namespace that admits other tenants' pods undoes the namespace's default deny.
A policy is judged by what its peers admit, per NetworkPolicy semantics
(https://kubernetes.io/docs/concepts/services-networking/network-policies/):

- a rule without peers (no ``from``/``to``, or an empty list) admits every source or destination;
- a namespaceSelector admits the namespaces it can match: ``{}`` every namespace; one that names
  namespaces (``kubernetes.io/metadata.name``) or tenants (``fleet-tenant``) admits those, the
  fleet's own way of opening to DNS and to the peers a tenant's ``network.allowFrom`` lists; any
  other selector (another label, NotIn, Exists, DoesNotExist) admits namespaces nobody listed;
- a podSelector alone admits pods of the policy's own namespace;
- an ipBlock admits its CIDR minus its ``except`` ranges: any part of the private, shared and
  link-local ranges reaches other tenants' pods and the nodes; ingress from more public addresses
  than a partner network holds (more than a /8, however the blocks split it) is ingress from the
  internet, which the fleet never opens. Egress to public addresses is what
  ``allowInternetEgress`` opens.

Other policy engines reopen it the same way: a CiliumNetworkPolicy in a tenant namespace that admits a Cilium
entity naming other tenants, the nodes or everything (all, world for ingress, cluster, remote-node, host,
unmanaged), a CIDR reaching the private ranges, or endpoints of other namespaces, by name or by namespace labels
(``io.cilium.k8s.namespace.labels.*``) (a CiliumClusterwideNetworkPolicy likewise, for every tenant namespace its
endpoint selector may select); an AdminNetworkPolicy (cluster-scoped, evaluated before
NetworkPolicies) whose subject may select a tenant namespace and whose Allow rules admit namespaces beyond the
tenant's, private networks or nodes, and a ClusterNetworkPolicy of the Admin tier whose Accept rules do. A
BaselineAdminNetworkPolicy, and the Baseline tier, come after NetworkPolicies, so the default deny overrides them.
A Cilium egress rule to the services of another namespace (toServices) reaches its endpoints, a rule to or from
nodes (toNodes, fromNodes) the nodes, and a CIDR set naming a CiliumCIDRGroup the group's CIDRs (a group the stack
does not hold cannot be checked); a Calico NetworkPolicy's Allow rule reopens it when its source or destination
selects namespaces by anything but their names (all() every one), private nets, or nothing at all (every peer), or
a selector matching a NetworkSet whose nets reach them (in the policy's namespace; a GlobalNetworkSet when its
namespaceSelector includes ``global()``, which selects no namespace), and a GlobalNetworkPolicy does for every
tenant namespace its selector does not exclude.

Each cluster's admission policy refuses tenants' own writes to NetworkPolicies; this rule is its
deploy-time counterpart for policies written by hand in the stack, NetworkPolicyPatch included.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from fleetguard.model import (
    NETWORK_POLICY,
    Context,
    Deferred,
    Finding,
    Resource,
    Rule,
    TenantNamespace,
    Unknown,
    describe_selector,
    each,
    is_map,
    kind_of,
    namespace_selection,
    own_namespaces,
    tenant_namespaces,
    tenant_of,
    values_at,
)
from fleetguard.operators import GENERIC_CUSTOM_RESOURCE

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
# Addresses of pods, Services and nodes on every cloud the fleet uses: RFC 1918, the shared range
# (RFC 6598, used for pods by GKE and others), link-local (node and metadata addresses), and their
# IPv6 counterparts, unique-local fc00::/7 (RFC 4193) and link-local fe80::/10 (RFC 4291).
PRIVATE: tuple[Network, ...] = tuple(
    ipaddress.ip_network(n)
    for n in (
        "10.0.0.0/8",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "100.64.0.0/10",
        "169.254.0.0/16",
        "fc00::/7",
        "fe80::/10",
    )
)
# The largest block IANA allocates: a /8 of IPv4 (https://www.iana.org/assignments/ipv4-address-space/),
# a /12 of IPv6 to a regional registry (https://www.iana.org/assignments/ipv6-unicast-address-assignments/).
# Ingress from more public addresses than that is ingress from the internet, not from a partner.
PARTNER_MAX = {4: 2**24, 6: 2**116}


def admitted(block: Any) -> list[Network]:
    """The networks an ipBlock admits: its CIDR minus its ``except`` ranges."""
    pieces: list[Network] = [ipaddress.ip_network(str(block.get("cidr")), strict=False)]
    for item in block.get("except") or []:
        excluded = ipaddress.ip_network(str(item), strict=False)
        kept: list[Network] = []
        for piece in pieces:
            if piece.version != excluded.version or not piece.overlaps(excluded):
                kept.append(piece)
            elif not piece.subnet_of(excluded):  # type: ignore[arg-type]
                kept.extend(piece.address_exclude(excluded))  # type: ignore[arg-type]
        pieces = kept
    return pieces


def _reached_private(pieces: list[Network]) -> list[str]:
    return [str(p) for p in PRIVATE if any(n.version == p.version and n.overlaps(p) for n in pieces)]


def _public_size(pieces: list[Network], version: int) -> int:
    mine = [p for p in pieces if p.version == version]
    total = 0
    for net in ipaddress.collapse_addresses(mine):  # type: ignore[type-var]
        total += net.num_addresses
        for p in (p for p in PRIVATE if p.version == version and net.overlaps(p)):
            total -= net.num_addresses if net.subnet_of(p) else p.num_addresses  # type: ignore[arg-type]
    return total


def _block_text(block: Any) -> str:
    excepted = block.get("except") or []
    return str(block.get("cidr")) + (f" except {', '.join(str(e) for e in excepted)}" if excepted else "")


def openings(spec: Any) -> list[str]:
    """What a policy spec opens beyond the tenant's boundary."""
    spec = spec or {}
    found: list[str] = []
    for direction, field, word in (("ingress", "from", "from"), ("egress", "to", "to")):
        ingress = direction == "ingress"
        public: list[Network] = []
        for rule in spec.get(direction) or []:
            peers = (rule or {}).get(field) or []
            if not peers:
                found.append(f"{direction} {word} anywhere (a rule without {field})")
            for peer in peers:
                if not any(k in peer for k in ("podSelector", "namespaceSelector", "ipBlock")):
                    found.append(f"{direction} {word} a peer with no selector or ipBlock")
                if "namespaceSelector" in peer:
                    selector = peer.get("namespaceSelector") or {}
                    selection = namespace_selection(selector)
                    if not selection.bounded:
                        which = describe_selector(selector)
                        found.append(
                            f"{direction} {word} every namespace (namespaceSelector {{}})"
                            if which == "{}"
                            else f"{direction} {word} namespaces matching {which}, which other tenants' namespaces "
                            "may match (name the namespaces with kubernetes.io/metadata.name)"
                        )
                if "ipBlock" in peer:
                    block = peer.get("ipBlock") or {}
                    pieces = admitted(block)
                    private = _reached_private(pieces)
                    if private:
                        found.append(
                            f"{direction} {word} {_block_text(block)}, which reaches the private ranges "
                            f"{', '.join(private)} (other tenants' pods and the nodes)"
                        )
                    if ingress:
                        public.extend(pieces)
        if ingress and any(_public_size(public, v) > PARTNER_MAX[v] for v in (4, 6)):
            found.append("ingress from the internet (ipBlocks admitting more public addresses than a /8)")
    return found


# Cilium's own policies (https://docs.cilium.io/en/stable/security/policy/language/): a CiliumNetworkPolicy in a
# namespace allows traffic to its endpoints as NetworkPolicies do, so it reopens the default deny as they would.
# Entities name whole classes of peers: all (anything), world (outside the cluster), cluster (every endpoint of
# the cluster, other tenants' included), remote-node and host (the nodes), unmanaged (endpoints Cilium does not
# manage, whatever pod they are: https://docs.cilium.io/en/stable/security/policy/language/#entities-based); endpoint
# selectors are scoped to the policy's namespace unless they select the namespace label.
CILIUM_POLICY = ("cilium.io", "CiliumNetworkPolicy")
# Its cluster-wide form selects endpoints of every namespace its endpoint selector's namespace label allows.
CILIUM_CLUSTERWIDE = ("cilium.io", "CiliumClusterwideNetworkPolicy")
CILIUM_NAMESPACE = ("k8s:io.kubernetes.pod.namespace", "io.kubernetes.pod.namespace", "any:io.kubernetes.pod.namespace")
# A selector on namespace labels (io.cilium.k8s.namespace.labels.<label>) is not scoped to the policy's namespace
# either: it selects the endpoints of every namespace carrying the label (Cilium's getEndpointSelector adds the
# policy's namespace only when neither key is present: pkg/k8s/apis/cilium.io/utils/utils.go).
CILIUM_NAMESPACE_LABELS = "io.cilium.k8s.namespace.labels."
# Namespace labels that name one namespace: by name (set by Kubernetes) or the fleet's tenant label.
NAMING_LABELS = ("kubernetes.io/metadata.name",)
OPEN_ENTITIES = {"ingress": {"all", "world", "cluster", "remote-node", "host", "unmanaged"},
                 "egress": {"all", "cluster", "remote-node", "host", "unmanaged"}}  # fmt: skip
# The Network Policy API's AdminNetworkPolicy is cluster-scoped and evaluated before NetworkPolicies: an Allow
# rule admits traffic to the namespaces its subject selects whatever their NetworkPolicies say
# (https://network-policy-api.sigs.k8s.io/api-overview/). A BaselineAdminNetworkPolicy comes after them, so a
# namespace's default deny overrides it.
ADMIN_POLICY = ("policy.networking.k8s.io", "AdminNetworkPolicy")
# Its successor (v1alpha2) holds both tiers in one kind: the Admin tier comes before NetworkPolicies, with Accept for
# Allow; the Baseline tier after them (https://network-policy-api.sigs.k8s.io/reference/spec/).
CLUSTER_POLICY = ("policy.networking.k8s.io", "ClusterNetworkPolicy")
ADMITTING_ACTIONS = frozenset({"allow", "accept"})
# Calico's namespaced NetworkPolicy (https://docs.tigera.io/calico/latest/reference/resources/networkpolicy): an
# Allow rule's source (ingress) or destination (egress) entity admits the namespaces its namespaceSelector matches
# (all() every one), the CIDRs of its nets, and, with no selector, nets or services at all, every peer.
CALICO_POLICY = ("projectcalico.org", "NetworkPolicy")
# Its cluster-wide form applies to the endpoints its selector (projectcalico.org/namespace) or namespaceSelector
# picks, in every namespace unless they name theirs; a Staged one enforces nothing
# (https://docs.tigera.io/calico/latest/reference/resources/globalnetworkpolicy).
CALICO_GLOBAL = ("projectcalico.org", "GlobalNetworkPolicy")
_CALICO_NAMESPACE = re.compile(r"projectcalico\.org/(?:namespace|name)\s*==\s*['\"]([^'\"]+)['\"]")
CILIUM_CIDR_GROUP = ("cilium.io", "CiliumCIDRGroup")
# Calico's named address sets, selected by label like endpoints
# (https://docs.tigera.io/calico/latest/reference/resources/networkset).
CALICO_NETWORK_SET = ("projectcalico.org", "NetworkSet")
CALICO_GLOBAL_NETWORK_SET = ("projectcalico.org", "GlobalNetworkSet")
GLOBAL_SELECTOR = "global()"
_CALICO_EQUALS = re.compile(r"^\(?\s*(?P<key>[\w./-]+)\s*==\s*['\"](?P<value>[^'\"]*)['\"]\s*\)?$")
_CALICO_NAMED = re.compile(
    r"^\(?\s*(?:projectcalico\.org/name|kubernetes\.io/metadata\.name|fleet-tenant)\s*"
    r"(?:==\s*'[^']*'|==\s*\"[^\"]*\"|in\s*\{[^}]*\})\s*\)?$"
)


def _group_kind(resource: Resource) -> tuple[str, str]:
    """The API group and kind of a Kubernetes object, typed (kubernetes:<group>/<version>:<Kind>) or generic."""
    if resource.type == GENERIC_CUSTOM_RESOURCE:
        api, kind = str(resource.props.get("apiVersion") or ""), str(resource.props.get("kind") or "")
    else:
        _, api, kind = [*resource.type.split(":", 2), "", ""][:3]
    return api.rpartition("/")[0], kind


def _cidr_openings(direction: str, word: str, blocks: list[Any]) -> list[str]:
    found = []
    for block in blocks:
        private = _reached_private(admitted(block))
        if private:
            found.append(
                f"{direction} {word} {_block_text(block)}, which reaches the private ranges {', '.join(private)}"
            )
    return found


def cilium_openings(
    spec: Any, namespace: str, groups: Mapping[str, Any] | None = None, clusterwide: bool = False
) -> list[str]:
    """What a CiliumNetworkPolicy's rules open beyond the tenant's namespace; ``groups``: the CiliumCIDRGroups of
    the stack by name (a CIDR set's ``cidrGroupRef`` admits the group's externalCIDRs). In a cluster-wide policy an
    endpoint selector that names no namespace selects endpoints of every namespace (Cilium adds no namespace of its
    own: pkg/k8s/apis/cilium.io/utils/utils.go)."""
    found: list[str] = []
    pending: Deferred | None = None  # a group entry unknown at preview: decides only if nothing else does
    for direction, word, prefix in (("ingress", "from", "from"), ("egress", "to", "to")):
        for rule in (spec or {}).get(direction) or []:
            rule = rule or {}
            entities = [str(e) for e in rule.get(f"{prefix}Entities") or [] if str(e) in OPEN_ENTITIES[direction]]
            found += [f"{direction} {word} the Cilium entity {e!r}" for e in entities]
            blocks = [{"cidr": c} for c in rule.get(f"{prefix}CIDR") or []]
            for block in rule.get(f"{prefix}CIDRSet") or []:
                block = block or {}
                if "cidrGroupRef" in block and "cidr" not in block:
                    group = (groups or {}).get(str(block["cidrGroupRef"]))
                    if group is None:
                        # A group the stack does not hold: what it admits cannot be checked.
                        found.append(f"{direction} {word} the CIDR group {block['cidrGroupRef']!r}, not in the stack")
                        continue
                    cidrs = values_at(group, "spec.externalCIDRs[]")
                    if any(isinstance(c, Unknown) for c in cidrs):
                        pending = pending or Deferred(str(block["cidrGroupRef"]), "spec.externalCIDRs")
                    known = [c for c in cidrs if not isinstance(c, Unknown)]
                    blocks += [{"cidr": c, "except": block.get("except") or []} for c in known]
                else:
                    blocks.append(block)
            found += _cidr_openings(direction, word, blocks)
            if rule.get(f"{prefix}Nodes"):
                # Nodes by label (https://docs.cilium.io/en/stable/security/policy/language/#node-based): the nodes
                # host every tenant's pods and the kubelet.
                found.append(f"{direction} {word} nodes ({prefix}Nodes)")
            for selector in rule.get(f"{prefix}Endpoints") or []:
                other = _other_namespaces(selector or {}, namespace)
                if clusterwide and other is None and _selected_namespaces(selector or {}) is None:
                    other = "every namespace (a cluster-wide selector that names none)"
                if other:
                    found.append(f"{direction} {word} endpoints of {other}")
            for service in rule.get("toServices") or [] if direction == "egress" else []:
                # A Kubernetes service of another namespace (k8sService, k8sServiceSelector): its endpoints.
                for key in ("k8sService", "k8sServiceSelector"):
                    target = (service or {}).get(key) or {}
                    if target.get("namespace") not in (None, "", namespace):
                        found.append(f"{direction} {word} services of namespace {target.get('namespace')}")
    if pending is not None and not found:
        raise pending
    return found


def _namespace_label(key: Any) -> str | None:
    """The namespace label a Cilium selector key matches on (k8s:io.cilium.k8s.namespace.labels.team: team)."""
    text = str(key).split(":", 1)[-1]
    return text.removeprefix(CILIUM_NAMESPACE_LABELS) if text.startswith(CILIUM_NAMESPACE_LABELS) else None


def _other_namespaces(selector: Any, namespace: str) -> str | None:
    """Which other namespaces a Cilium endpoint selector reaches through the namespace label, or through namespace
    labels (any but the one naming the policy's own namespace), if any. A label's value is read only when it decides:
    team=<anything> selects other namespaces whatever the value is."""
    matched = selector.get("matchLabels") or {}
    labels = {k: matched[k] for k in matched if k in CILIUM_NAMESPACE}
    if any(str(v) != namespace for v in labels.values()):
        return f"namespace {', '.join(str(v) for v in labels.values())}"
    by_label = [label for k in matched if (label := _namespace_label(k))]
    by_label += [label for e in selector.get("matchExpressions") or [] if (label := _namespace_label(e.get("key")))]
    naming = [k for k in matched if _namespace_label(k) in NAMING_LABELS]
    if by_label and not labels and not any(matched[k] == namespace for k in naming):
        return f"namespaces labelled {', '.join(sorted(set(by_label)))}"
    for expression in selector.get("matchExpressions") or []:
        if expression.get("key") not in CILIUM_NAMESPACE:
            continue
        values = {str(v) for v in expression.get("values") or []}
        if expression.get("operator") != "In" or values - {namespace}:
            return f"namespaces matching {expression.get('operator')} {sorted(values)}"
    return None


def _selected_namespaces(selector: Any) -> frozenset[str] | None:
    """The namespaces a cluster-wide Cilium endpoint selector limits itself to by the namespace label, or None
    for every namespace."""
    names = [str(v) for k, v in dict(selector.get("matchLabels") or {}).items() if k in CILIUM_NAMESPACE]
    for expression in selector.get("matchExpressions") or []:
        if expression.get("key") in CILIUM_NAMESPACE and expression.get("operator") == "In":
            names += [str(v) for v in expression.get("values") or []]
    return frozenset(names) if names else None


def calico_namespaces(spec: Any) -> frozenset[str] | None:
    """The namespaces a GlobalNetworkPolicy's selector or namespaceSelector names, or None for every namespace."""
    spec = spec or {}
    text = " && ".join(str(spec.get(k)) for k in ("selector", "namespaceSelector") if spec.get(k))
    if "||" in text:
        return None
    names = frozenset(_CALICO_NAMESPACE.findall(text))
    return names or None


def _calico_selects(selector: str, labels: Mapping[str, Any]) -> bool:
    """Whether a Calico selector that is a conjunction of ``key == 'value'`` terms matches these labels."""
    terms = [t.strip() for t in selector.split("&&")]
    pairs = [_CALICO_EQUALS.match(t) for t in terms]
    return all(pairs) and all(str(labels.get(m["key"])) == m["value"] for m in pairs if m)


def calico_openings(
    spec: Any, sets: Sequence[tuple[str | None, Mapping[str, Any]]] = (), namespace: str | None = None
) -> list[str]:
    """What a Calico policy's Allow rules open beyond the tenant's namespace; ``sets``: the NetworkSets (by namespace)
    and GlobalNetworkSets (None) its selectors may select (a selector matching a set's labels admits the set's nets);
    ``namespace``: a NetworkPolicy's own, None for a GlobalNetworkPolicy."""
    found: list[str] = []
    pending: Deferred | None = None
    for direction, side, word in (("ingress", "source", "from"), ("egress", "destination", "to")):
        for rule in (spec or {}).get(direction) or []:
            rule = rule or {}
            if str(rule.get("action", "")).lower() != "allow":
                continue
            entity = rule.get(side) or {}
            selector = entity.get("namespaceSelector")
            alternatives = [t.strip() for t in str(selector).split("||")] if selector is not None else []
            # global() selects the non-namespaced resources (GlobalNetworkSets, host endpoints), no namespace.
            named = [t for t in alternatives if t.replace(" ", "") != GLOBAL_SELECTOR]
            if named and not _calico_named(" || ".join(named)):
                found.append(f"{direction} {word} namespaces matching {str(selector)!r}")
            found += _cidr_openings(direction, word, [{"cidr": c} for c in entity.get("nets") or []])
            if not any(entity.get(k) for k in ("selector", "namespaceSelector", "nets", "services", "serviceAccounts")):
                found.append(f"{direction} {word} anywhere (an Allow rule whose {side} selects nothing)")
            endpoints = str(entity.get("selector") or "")
            scope = _set_scope(selector is not None and len(named) < len(alternatives), named, namespace)
            for _, network_set in (s for s in sets if scope(s[0])) if endpoints else ():
                metadata = network_set.get("metadata") or {}
                if not is_map(metadata) or not _calico_selects(endpoints, metadata.get("labels") or {}):
                    continue
                nets = values_at(network_set, "spec.nets[]")
                if any(isinstance(n, Unknown) for n in nets):
                    pending = pending or Deferred(str(metadata.get("name")), "spec.nets")
                known = [{"cidr": n} for n in nets if not isinstance(n, Unknown)]
                found += _cidr_openings(direction, word, known)
    if pending is not None and not found:
        raise pending
    return found


def _set_scope(global_: bool, named: Sequence[str], namespace: str | None) -> Callable[[str | None], bool]:
    """Which network sets a rule's selector is matched against, by their namespace (None: a GlobalNetworkSet). Without
    a namespaceSelector, a NetworkPolicy's own namespace, and every set for a GlobalNetworkPolicy; with one, the
    namespaces it names, and GlobalNetworkSets when it includes global()
    (https://docs.tigera.io/calico/latest/reference/resources/globalnetworkset,
    https://docs.tigera.io/calico/latest/network-policy/get-started/calico-policy/calico-labels)."""
    names = frozenset(n for term in named for n in _CALICO_NAMESPACE.findall(term))
    if not global_ and not named:  # no namespaceSelector: the policy's namespace, or every set for a global policy
        return lambda ns: namespace is None or ns == namespace
    return lambda ns: (ns is None and global_) or (ns is not None and ns in names)


def _calico_named(selector: str) -> bool:
    """Whether a Calico namespace selector names its namespaces (by name or tenant), each alternative of it."""
    return all(_CALICO_NAMED.match(term.strip()) for term in selector.split("||"))


def admin_openings(spec: Any, own: frozenset[str], tenant: str) -> list[str]:
    """What an AdminNetworkPolicy's Allow rules (a ClusterNetworkPolicy's Accept rules) open to a tenant's
    namespaces beyond the tenant."""
    found: list[str] = []
    for direction, word in (("ingress", "from"), ("egress", "to")):
        for rule in (spec or {}).get(direction) or []:
            rule = rule or {}
            if str(rule.get("action", "")).lower() not in ADMITTING_ACTIONS:
                continue
            for peer in rule.get(word) or []:
                peer = peer or {}
                for key in ("namespaces", "pods"):
                    if key not in peer:
                        continue
                    selector = peer[key] if key == "namespaces" else (peer[key] or {}).get("namespaceSelector") or {}
                    if not namespace_selection(selector).within(own, tenant):
                        found.append(f"{direction} {word} namespaces matching {describe_selector(selector)} (Allow)")
                found += _cidr_openings(direction, word, [{"cidr": c} for c in peer.get("networks") or []])
                if "nodes" in peer:
                    found.append(f"{direction} {word} nodes (Allow)")
    return found


def _admin_subjects(
    spec: Any, tenants: dict[tuple[str | None, str], TenantNamespace], provider: str | None
) -> list[TenantNamespace]:
    """The tenant namespaces on the policy's cluster its subject may select."""
    subject = (spec or {}).get("subject") or {}
    selector = (
        subject.get("namespaces") if "namespaces" in subject else (subject.get("pods") or {}).get("namespaceSelector")
    )
    selection = namespace_selection(selector if selector is not None else {})
    on_cluster = [t for (p, _), t in tenants.items() if p == provider]
    if not selection.bounded:
        return on_cluster
    return [t for t in on_cluster if (selection.names is not None and t.name in selection.names)
            or (selection.tenants is not None and t.tenant in selection.tenants)]  # fmt: skip


def check(resources: list[Resource], ctx: Context) -> Iterator[Finding]:
    tenants, unknown = tenant_namespaces(resources)

    def decide_admin(policy: Resource) -> Iterator[Finding]:
        if unknown:
            raise unknown[0]
        spec = policy.props.get("spec")
        if kinds.get(policy.urn) == CLUSTER_POLICY and str((spec or {}).get("tier", "")).lower() != "admin":
            return  # the Baseline tier: a namespace's default deny comes first
        for ns in _admin_subjects(spec, tenants, policy.provider_urn):
            opened = admin_openings(spec, own_namespaces(tenants, ns), ns.tenant)
            if opened:
                yield Finding(
                    f"{kinds[policy.urn][1]} {policy.name!r} applies to tenant namespace {ns.name!r} "
                    f"(tenant {ns.tenant}) "
                    f"and allows {'; '.join(opened)}, ahead of its NetworkPolicies; narrow the subject or the peers "
                    "to the tenant",
                    urn=policy.urn,
                )
                return

    def decide_cilium(policy: Resource) -> Iterator[Finding]:
        ns = tenant_of(policy, tenants, unknown)
        if ns is None:
            return
        specs = [policy.props.get("spec"), *(policy.props.get("specs") or [])]
        if kinds.get(policy.urn) == CALICO_POLICY:
            namespace = (policy.props.get("metadata") or {}).get("namespace")
            opened = calico_openings(policy.props.get("spec"), network_sets, namespace)
        else:
            opened = [o for spec in specs if spec for o in cilium_openings(spec, ns.name, groups)]
        if opened:
            yield Finding(
                f"{kinds.get(policy.urn, ('', 'NetworkPolicy'))[1]} {policy.name!r} in tenant namespace {ns.name!r} "
                f"(tenant {ns.tenant}) opens "
                f"{'; '.join(opened)}, undoing the default deny; open only what the fleet spec lists",
                urn=policy.urn,
            )

    def first_opened(
        policy: Resource, chosen: frozenset[str] | None, openings: Callable[[TenantNamespace], list[str]]
    ) -> tuple[TenantNamespace, list[str]] | None:
        """The first tenant namespace on the cluster-wide policy's cluster, among those it may select (``chosen``;
        None: every one), that it opens beyond the tenant, and what it opens there."""
        if unknown:
            raise unknown[0]
        for ns in [t for (p, _), t in tenants.items() if p == policy.provider_urn]:
            if (chosen is None or ns.name in chosen) and (opened := openings(ns)):
                return ns, opened
        return None

    def decide_calico_global(policy: Resource) -> Iterator[Finding]:
        spec = policy.props.get("spec")
        if found := first_opened(policy, calico_namespaces(spec), lambda ns: calico_openings(spec, network_sets)):
            ns, opened = found
            yield Finding(
                f"GlobalNetworkPolicy {policy.name!r} applies to tenant namespace {ns.name!r} (tenant {ns.tenant}) "
                f"and opens {'; '.join(opened)}, undoing the default deny; open only what the fleet spec lists",
                urn=policy.urn,
            )

    def decide_clusterwide(policy: Resource) -> Iterator[Finding]:
        specs = [policy.props.get("spec"), *(policy.props.get("specs") or [])]
        for spec in (sp for sp in specs if sp):
            chosen = _selected_namespaces((spec or {}).get("endpointSelector") or {})

            def opens(ns: TenantNamespace, spec: Any = spec) -> list[str]:
                return cilium_openings(spec, ns.name, groups, clusterwide=True)

            if found := first_opened(policy, chosen, opens):
                ns, opened = found
                yield Finding(
                    f"CiliumClusterwideNetworkPolicy {policy.name!r} selects endpoints of tenant namespace "
                    f"{ns.name!r} (tenant {ns.tenant}) and opens {'; '.join(opened)}, undoing the default deny; "
                    "open only what the fleet spec lists",
                    urn=policy.urn,
                )
                return

    kinds = {r.urn: _group_kind(r) for r in resources if r.type.startswith("kubernetes:")}
    groups = {
        str((r.props.get("metadata") or {}).get("name")): r.props
        for r in resources
        if kinds.get(r.urn) == CILIUM_CIDR_GROUP and is_map(r.props.get("metadata"))
    }
    network_sets = [
        (None if kinds[r.urn] == CALICO_GLOBAL_NETWORK_SET else r.props["metadata"].get("namespace"), r.props)
        for r in resources
        if kinds.get(r.urn) in (CALICO_NETWORK_SET, CALICO_GLOBAL_NETWORK_SET) and is_map(r.props.get("metadata"))
    ]
    yield from each(
        (r for r in resources if kinds.get(r.urn) in (ADMIN_POLICY, CLUSTER_POLICY)),
        decide_admin,
        "the network-policy check",
    )
    yield from each(
        (r for r in resources if kinds.get(r.urn) in (CILIUM_POLICY, CALICO_POLICY)),
        decide_cilium,
        "the network-policy check",
    )
    clusterwide = (r for r in resources if kinds.get(r.urn) == CILIUM_CLUSTERWIDE)
    yield from each(clusterwide, decide_clusterwide, "the network-policy check")
    calico_global = (r for r in resources if kinds.get(r.urn) == CALICO_GLOBAL)
    yield from each(calico_global, decide_calico_global, "the network-policy check")

    def decide(policy: Resource) -> Iterator[Finding]:
        ns = tenant_of(policy, tenants, unknown)
        if ns is None:
            return
        opened = openings(policy.props.get("spec"))
        if opened:
            yield Finding(
                f"{policy.type.rsplit(':', 1)[-1]} {policy.name!r} in tenant namespace {ns.name!r} (tenant "
                f"{ns.tenant}) opens {'; '.join(opened)}, undoing the default deny; open only what the fleet spec "
                "lists (tenants[].network)",
                urn=policy.urn,
            )

    policies = (r for r in resources if kind_of(r.type) == NETWORK_POLICY)
    yield from each(policies, decide, "the network-policy check")


RULE = Rule(
    id="FLEET-TEN-003",
    name="tenant-network-policy-closed",
    title="Ensure no NetworkPolicy in a tenant namespace reopens traffic the default deny closes",
    severity="high",
    default_level="mandatory",
    rationale="NetworkPolicies are additive: one broad allow in a tenant namespace undoes its default deny.",
    remediation="Remove the policy or narrow it to the peers and egress the fleet spec lists for the tenant.",
    stack_check=check,
)
