"""FLEET-CLU-002: Kubernetes Secrets are encrypted at rest with a customer-managed key.

Protects: every credential stored in the cluster. Provider-managed disk encryption protects a
stolen disk, not a snapshot or an etcd backup read with the provider's keys; envelope
encryption with a key the company controls (and can revoke) does.
"""

from __future__ import annotations

from collections.abc import Iterator

from fleetguard.model import AKS, EKS, GKE, Context, Finding, Resource, Rule


def missing(resource: Resource) -> str | None:
    props = resource.props
    if resource.type == EKS:
        config = props.get("encryptionConfig") or {}
        if "secrets" in (config.get("resources") or []) and (config.get("provider") or {}).get("keyArn"):
            return None
        return "encryptionConfig does not cover secrets with a KMS key"
    if resource.type == GKE:
        encryption = props.get("databaseEncryption") or {}
        if encryption.get("state") == "ENCRYPTED" and encryption.get("keyName"):
            return None
        return "databaseEncryption is not ENCRYPTED with a Cloud KMS key"
    if resource.type == AKS:
        kms = (props.get("securityProfile") or {}).get("azureKeyVaultKms") or {}
        if kms.get("enabled") is True and kms.get("keyId"):
            return None
        return "securityProfile.azureKeyVaultKms is not enabled with a Key Vault key"
    return None


def check(resource: Resource, ctx: Context) -> Iterator[Finding]:
    why = missing(resource)
    if why:
        yield Finding(
            f"{resource.type} {resource.name!r} does not encrypt Secrets with a customer-managed key: {why}; "
            "turn on security.secretsEncryption in the spec"
        )


RULE = Rule(
    id="FLEET-CLU-002",
    name="cluster-secrets-encryption",
    title="Ensure Kubernetes Secrets are encrypted with a customer-managed key",
    severity="high",
    default_level="mandatory",
    rationale="Envelope encryption with a company-held key keeps secrets safe from backups and snapshots.",
    remediation="Configure KMS / Cloud KMS / Key Vault KMS encryption for Secrets on the cluster.",
    resource_check=check,
)
