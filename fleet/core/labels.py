"""Ownership labels every resource carries: the same keys as AWS tags, GCP labels, Azure tags and
Kubernetes labels, so one policy can read them on any resource."""

from __future__ import annotations

RESIDENCY = "fleet-residency"
OWNER = "fleet-owner"
ENVIRONMENT = "fleet-environment"
CLUSTER = "fleet-cluster"
TENANT = "fleet-tenant"
ISOLATION = "fleet-isolation"  # namespace | vcluster | cluster: how a tenant is isolated
MANAGED_BY = "managed-by"
# Every key fleet itself may put on a resource: a cloud's tag limit counts them with the spec's labels.
OWNED = (RESIDENCY, OWNER, ENVIRONMENT, CLUSTER, TENANT, ISOLATION, MANAGED_BY)


def ownership(owner: str, environment: str, **extra: str | None) -> dict[str, str]:
    """Base labels; ``extra`` keys use '_' for '-' (cluster -> fleet-cluster); None drops a key."""
    labels = {OWNER: owner, ENVIRONMENT: environment, MANAGED_BY: "fleet"}
    for key, value in extra.items():
        if value:
            labels[f"fleet-{key.replace('_', '-')}"] = value
    return labels
