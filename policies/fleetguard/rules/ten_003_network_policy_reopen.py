"""FLEET-TEN-003: no NetworkPolicy in a tenant namespace reopens what the default deny closes.

Protects: network isolation between tenants. NetworkPolicies only ever add allowed traffic, so one
policy in a tenant's namespace that allows ingress from anywhere (a rule without ``from``, every
namespace, or 0.0.0.0/0), egress to every pod of every tenant (a rule without ``to``, or every
namespace), or egress to 0.0.0.0/0 without excepting the private ranges (which reaches other
tenants' pods) undoes the namespace's default deny. The fleet itself opens only DNS, the namespace
itself, listed peers and internet egress that excepts the private ranges. Each cluster's
admission policy refuses tenants' own writes to NetworkPolicies; this rule is its deploy-time
counterpart for policies written by hand in the stack.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from typing import Any

from fleetguard.model import NETWORK_POLICY, Context, Finding, Resource, Rule, each, tenant_namespaces

# Egress to the internet must except at least these, or it also reaches pods and nodes.
PRIVATE = tuple(ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"))


def _empty(selector: Any) -> bool:
    return isinstance(selector, dict) and not selector.get("matchLabels") and not selector.get("matchExpressions")


def _everywhere(cidr: Any) -> bool:
    try:
        return ipaddress.ip_network(str(cidr), strict=False).prefixlen == 0
    except ValueError:
        return False


def _excepts_private(block: Any) -> bool:
    excepted = []
    for item in block.get("except") or []:
        try:
            excepted.append(ipaddress.ip_network(str(item), strict=False))
        except ValueError:
            continue
    return all(any(p.version == e.version and p.subnet_of(e) for e in excepted) for p in PRIVATE)  # type: ignore[arg-type]


def openings(spec: Any) -> list[str]:
    """What a policy spec opens beyond the tenant's boundary."""
    spec = spec or {}
    found = []
    for rule in spec.get("ingress") or []:
        peers = rule.get("from") or []
        if not peers:
            found.append("ingress from anywhere (a rule without from)")
        for peer in peers:
            if "namespaceSelector" in peer and _empty(peer.get("namespaceSelector")):
                found.append("ingress from every namespace (namespaceSelector {})")
            block = peer.get("ipBlock") or {}
            if _everywhere(block.get("cidr")):
                found.append(f"ingress from {block.get('cidr')}")
    for rule in spec.get("egress") or []:
        peers = rule.get("to") or []
        if not peers:
            found.append("egress to anywhere (a rule without to)")
        for peer in peers:
            if "namespaceSelector" in peer and _empty(peer.get("namespaceSelector")):
                found.append("egress to every namespace (namespaceSelector {})")
            block = peer.get("ipBlock") or {}
            if _everywhere(block.get("cidr")) and not _excepts_private(block):
                found.append(f"egress to {block.get('cidr')} without excepting the private ranges")
    return found


def check(resources: list[Resource], ctx: Context) -> Iterator[Finding]:
    tenants, unknown = tenant_namespaces(resources)

    def decide(policy: Resource) -> Iterator[Finding]:
        namespace = str((policy.props.get("metadata") or {}).get("namespace", "default"))
        ns = tenants.get((policy.provider_urn, namespace))
        if ns is None:
            if unknown:
                raise unknown[0]
            return
        opened = openings(policy.props.get("spec"))
        if opened:
            yield Finding(
                f"NetworkPolicy {policy.name!r} in tenant namespace {namespace!r} (tenant {ns.tenant}) opens "
                f"{'; '.join(opened)}, undoing the default deny; open only what the fleet spec lists "
                "(tenants[].network)",
                urn=policy.urn,
            )

    yield from each((r for r in resources if r.type == NETWORK_POLICY), decide, "the network-policy check")


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
