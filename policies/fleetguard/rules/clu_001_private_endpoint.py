"""FLEET-CLU-001: a cluster's API endpoint is not open to the internet.

Protects: the control plane, the most valuable target in a cluster. EKS leaves its endpoint
public to 0.0.0.0/0 unless told otherwise; GKE and AKS likewise without a private endpoint or
an allow-list. An endpoint is compliant when it is private, or public only to listed CIDRs that
do not include the whole internet.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from fleetguard.model import AKS, EKS, GKE, Context, Finding, Resource, Rule

ANYWHERE = {"0.0.0.0/0", "::/0"}


def _open(cidrs: Any) -> bool:
    return not cidrs or bool(ANYWHERE & {str(c) for c in cidrs})


def exposure(resource: Resource) -> str | None:
    """Why the endpoint is reachable from the internet, or None when it is not."""
    props: Mapping[str, Any] = resource.props
    if resource.type == EKS:
        vpc = props.get("vpcConfig") or {}
        if vpc.get("endpointPublicAccess") is False:
            return None
        cidrs = vpc.get("publicAccessCidrs")
        return "vpcConfig.endpointPublicAccess is on for 0.0.0.0/0" if _open(cidrs) else None
    if resource.type == GKE:
        private = props.get("privateClusterConfig") or {}
        if private.get("enablePrivateEndpoint") is True:
            return None
        blocks = [
            b.get("cidrBlock") for b in (props.get("masterAuthorizedNetworksConfig") or {}).get("cidrBlocks") or []
        ]
        return "the endpoint is public and masterAuthorizedNetworksConfig allows any address" if _open(blocks) else None
    if resource.type == AKS:
        access = props.get("apiServerAccessProfile") or {}
        if access.get("enablePrivateCluster") is True:
            return None
        ranges = access.get("authorizedIPRanges")
        return "apiServerAccessProfile is public with no authorizedIPRanges limit" if _open(ranges) else None
    return None


def check(resource: Resource, ctx: Context) -> Iterator[Finding]:
    why = exposure(resource)
    if why:
        yield Finding(
            f"{resource.type} {resource.name!r} exposes its API server to the internet: {why}; make the endpoint "
            "private or list the CIDRs allowed to reach it (spec: apiEndpoint)"
        )


RULE = Rule(
    id="FLEET-CLU-001",
    name="cluster-private-endpoint",
    title="Ensure Kubernetes API endpoints are private or restricted to listed networks",
    severity="critical",
    default_level="mandatory",
    rationale="An API server open to the internet is the first thing attackers scan for.",
    remediation="Use a private endpoint, or an allow-list of CIDRs without 0.0.0.0/0.",
    resource_check=check,
)
