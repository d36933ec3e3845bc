"""The rule catalogue: every rule, in the order they are documented."""

from __future__ import annotations

from fleetguard.model import Rule
from fleetguard.rules import (
    clu_001_private_endpoint,
    clu_002_secrets_encryption,
    clu_003_audit_logs,
    exm_001_exemptions_valid,
    exm_002_exemptions_applied,
    prv_001_explicit_providers,
    res_001_cloud_location,
    res_002_storage_copies,
    res_003_s3_replication,
    res_004_tenant_cluster,
    res_005_regulated_tagging,
    sec_001_credentials_secret,
    ten_001_namespace_guardrails,
    ten_002_no_tenant_cluster_bindings,
)

MODULES = (
    res_001_cloud_location,
    res_002_storage_copies,
    res_003_s3_replication,
    res_004_tenant_cluster,
    res_005_regulated_tagging,
    prv_001_explicit_providers,
    clu_001_private_endpoint,
    clu_002_secrets_encryption,
    clu_003_audit_logs,
    ten_001_namespace_guardrails,
    ten_002_no_tenant_cluster_bindings,
    sec_001_credentials_secret,
    exm_001_exemptions_valid,
    exm_002_exemptions_applied,
)
RULES: tuple[Rule, ...] = tuple(module.RULE for module in MODULES)
BY_ID = {rule.id: rule for rule in RULES}
BY_NAME = {rule.name: rule for rule in RULES}
