"""FLEET-TEN-007: no Service in a tenant namespace sets ``externalIPs``.

Protects: network isolation between tenants. Kubernetes routes traffic for a Service's
``externalIPs`` on every node, whoever owns the address, so a tenant that can set them can
intercept traffic meant for any other address, another tenant's Services and pods included
(CVE-2020-8554, https://github.com/kubernetes/kubernetes/issues/97076; "Kubernetes does not manage
allocation of externalIPs", https://kubernetes.io/docs/concepts/services-networking/service/#external-ips). The
fleet never sets them; tenants reach the outside through LoadBalancer Services and Ingresses.
ServicePatch is judged as the Service it changes.
"""

from __future__ import annotations

from collections.abc import Iterator

from fleetguard.model import (
    SERVICE,
    Context,
    Finding,
    Resource,
    Rule,
    Unknown,
    each,
    kind_of,
    tenant_namespaces,
    tenant_of,
)


def check(resources: list[Resource], ctx: Context) -> Iterator[Finding]:
    tenants, unknown = tenant_namespaces(resources)

    def decide(service: Resource) -> Iterator[Finding]:
        addresses = (service.props.get("spec") or {}).get("externalIPs") or []
        if not addresses:
            return
        ns = tenant_of(service, tenants, unknown)
        if ns is None:
            return
        yield Finding(
            f"{service.type.rsplit(':', 1)[-1]} {service.name!r} in tenant namespace {ns.name!r} (tenant "
            f"{ns.tenant}) sets spec.externalIPs {', '.join(_shown(a) for a in addresses)}, which every node routes to "
            "it whoever owns the address (CVE-2020-8554); remove externalIPs and expose the Service through a "
            "LoadBalancer or an Ingress",
            urn=service.urn,
        )

    yield from each((r for r in resources if kind_of(r.type) == SERVICE), decide, "the external-IP check")


def _shown(address: object) -> str:
    # Any address is refused, so one unknown at preview decides as much as a known one.
    return "(an address known at the update)" if isinstance(address, Unknown) else str(address)


RULE = Rule(
    id="FLEET-TEN-007",
    name="tenant-no-external-ips",
    title="Ensure no Service in a tenant namespace sets externalIPs",
    severity="high",
    default_level="mandatory",
    rationale="A Service's externalIPs capture traffic for any address on every node, other tenants' included.",
    remediation="Remove spec.externalIPs; expose the Service through a LoadBalancer Service or an Ingress.",
    stack_check=check,
)
