"""FLEET-PRV-001: every cloud and Kubernetes resource uses an explicit provider.

Protects: residency and blast radius. A default provider takes its region or cluster from the
environment of whoever runs ``pulumi up`` (AWS_REGION, the current kubeconfig context), so the
same code lands in different places on different laptops. Explicit providers put the region in
the program, where review and the residency rules see it.
"""

from __future__ import annotations

from collections.abc import Iterator

from fleetguard.model import CLOUDS, KUBERNETES, Context, Finding, Resource, Rule

PACKAGES = tuple(f"{package}:" for package in (*CLOUDS, KUBERNETES))


def check(resource: Resource, ctx: Context) -> Iterator[Finding]:
    if not resource.type.startswith(PACKAGES):
        return
    name = resource.provider_name or ""
    if name == "default" or name.startswith("default_"):
        yield Finding(
            f"{resource.type} {resource.name!r} uses the default provider {resource.provider_type} ({name}), "
            "whose region or cluster comes from the deployer's environment; pass an explicit provider "
            "(ResourceOptions(provider=...))"
        )


RULE = Rule(
    id="FLEET-PRV-001",
    name="explicit-providers",
    title="Ensure cloud and Kubernetes resources use explicit providers",
    severity="high",
    default_level="mandatory",
    rationale="Default providers take region and cluster from the environment, not from reviewed code.",
    remediation="Create a provider per cloud region or cluster and pass it to every resource.",
    resource_check=check,
)
