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

Each cluster's admission policy refuses tenants' own writes to NetworkPolicies; this rule is its
deploy-time counterpart for policies written by hand in the stack, NetworkPolicyPatch included.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from typing import Any

from fleetguard.model import (
    NETWORK_POLICY,
    Context,
    Finding,
    Resource,
    Rule,
    describe_selector,
    each,
    kind_of,
    namespace_selection,
    tenant_namespaces,
    tenant_of,
)

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


def check(resources: list[Resource], ctx: Context) -> Iterator[Finding]:
    tenants, unknown = tenant_namespaces(resources)

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
