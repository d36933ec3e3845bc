"""FLEET-RES-002: every copy of regulated data stays inside the regime too.

Protects: residency of the second copy, which is where it usually leaks. The residency survey
lists, per type, every property through which a cloud copies data somewhere else: replica lists
(DynamoDB global tables, Secrets Manager replicas, Cosmos DB locations), replication and copy
rules (ECR, EFS, Data Lifecycle Manager, Keyspaces, Gallery target regions), backup copy actions
(AWS Backup), geo-redundancy (Azure storage SKUs, geo-redundant database backups, Azure SQL and
Recovery Services backup redundancy, whose default is geo-redundant), failover partners named by
region (SQL managed-instance failover groups, Redis linked caches), multi-region configurations,
Cloud SQL backup locations (unset: the multi-region nearest the instance), automatic Secret Manager
replication and CDN caching (not placeable at all), types that always copy to the paired
region (Key Vault), and copies outside the cloud: a SaaS a resource sends its records to (a PagerDuty service
incidents are opened in, an Amazon Location data provider other than Open Data), and everyone a public grant or an
open Firebase Security Rules statement (allow read: if true, or if request.auth != null) lets read; and an Azure
resource on a custom location (an Arc-enabled cluster outside Azure's regions) runs there. Each copy
destination is resolved through the region catalogue; copies named by reference to another resource are
FLEET-RES-003's.
"""

from __future__ import annotations

from collections.abc import Iterator

from fleetguard import survey
from fleetguard.copies import copies_outside
from fleetguard.model import Context, Finding, Resource, Rule, effective_regime


def check(resource: Resource, ctx: Context) -> Iterator[Finding]:
    entry = survey.entry(resource.type)
    if resource.cloud is None or entry is None or entry.kind == "unplaceable":
        return  # FLEET-RES-001 refuses unsurveyed and unplaceable types
    if entry.reader != "implicit-pair" and not any(entry.role("copy")):
        return  # the type makes no copies its own properties name
    found = effective_regime(resource, ctx, entry.labels)
    if found is None or not found.regulated:
        return
    regime = ctx.regimes.get(found.name)
    if regime is None or regime.countries is None:
        return  # an unknown regime is reported by FLEET-RES-001
    yield from copies_outside(resource, entry, regime)


RULE = Rule(
    id="FLEET-RES-002",
    name="residency-storage-copies",
    title="Ensure replicas, backups, geo-redundancy and multi-region configurations keep every copy inside the regime",
    severity="critical",
    default_level="mandatory",
    rationale=(
        "Replication, geo-redundancy and backup copies put data in places a check of the primary region does not see."
    ),
    remediation="Choose replica, copy, backup and redundancy settings whose every location is inside the regime.",
    resource_check=check,
)
