"""The evidence document: where a stack's regulated tenants run, how they are isolated and
guarded, what the policy pack found, and a stamp saying what was examined. Frozen dataclasses;
they become JSON in one place, ``to_json`` (camelCase keys, the shape of evidence.schema.json),
and markdown and HTML in ``fleet.evidence.report``.

Everything here is deterministic for a given commit, spec and date except ``Stamp.generated_at``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from fleet.review import document as review_document
from fleet.review.document import ClusterVersion

SCHEMA_VERSION = 5  # evidence.schema.json; raised on any change a consumer of the old shape could misread

NOT_COVERED = "not covered by a cloud guardrail"
COVERED = "covered"
# A cluster made elsewhere (cloud: existing) is in no cloud account fleet knows: there is nothing
# for a cloud guardrail to cover, so its absence is not a finding.
NOT_APPLICABLE = "not applicable: made elsewhere, no cloud account to guard"
# Where a cluster's country comes from: the region catalogue (fleet/core/catalog/regions.csv, from
# the clouds' region lists) for a cloud region, the spec's own `country:` for a cluster made elsewhere.
CATALOGUE = "region catalogue"
DECLARED = "declared in the spec"

Outcome = Literal["passed", "violated", "advisory", "disabled"]
ExemptionStatus = Literal["in force", "not applied", "unchecked"]


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2
    name: str


@dataclass(frozen=True)
class RegimeRegion:
    """A region a regime allows by name (custom regimes: ``regions: [aws:eu-central-2]``)."""

    cloud: str
    region: str
    country: Country


@dataclass(frozen=True)
class Regime:
    name: str
    description: str
    countries: tuple[Country, ...]  # sorted by code
    regions: tuple[RegimeRegion, ...] = ()


@dataclass(frozen=True)
class PodSecurity:
    """The namespace's Pod Security admission labels (level per mode, and the version pinned)."""

    enforce: str | None
    warn: str | None
    audit: str | None
    version: str | None


@dataclass(frozen=True)
class NetworkRule:
    direction: Literal["ingress", "egress"]
    peers: tuple[str, ...]  # described; ("anywhere",) for a rule without peers
    ports: tuple[str, ...]  # "UDP/53"; () for all ports


@dataclass(frozen=True)
class NetworkPolicy:
    name: str
    pods: str  # which pods of the namespace it selects
    policy_types: tuple[str, ...]
    rules: tuple[NetworkRule, ...]  # () with both types: denies everything it selects


@dataclass(frozen=True)
class Binding:
    kind: Literal["RoleBinding", "ClusterRoleBinding"]
    name: str
    role: str  # the ClusterRole or Role it grants
    subjects: tuple[str, ...]  # "Group payments-admins", "ServiceAccount payments/tenant-deployer"


@dataclass(frozen=True)
class ServiceAccount:
    name: str
    automount_token: bool | None


@dataclass(frozen=True)
class VirtualCluster:
    """The vcluster Helm release and the isolation its values switch on: the chart's own quota, limit
    range and network policy in the host namespace, and the Pod Security level inside."""

    chart: str
    version: str
    repository: str
    resource_quota: bool
    limit_range: bool
    network_policy: bool
    public_egress: bool
    pod_security: str  # policies.podSecurityStandard: the level the virtual cluster enforces, "" for none


@dataclass(frozen=True)
class AdmissionGuard:
    """The cluster's ValidatingAdmissionPolicy that keeps tenants from weakening fleet objects."""

    policy: str
    failure_policy: str
    actions: tuple[str, ...]
    applies_to_namespace: bool  # the binding's namespace selector matches this tenant's namespace


@dataclass(frozen=True)
class Isolation:
    """What the program renders for one tenant on one cluster, read from the rendered resources."""

    mode: Literal["namespace", "vcluster", "cluster"]
    component: str  # URN of the tenant component
    namespace: str
    protected: bool  # the namespace is created with `protect`
    residency_label: str | None  # the namespace's fleet-residency label
    pod_security: PodSecurity | None
    quota: Mapping[str, str]  # ResourceQuota spec.hard
    limits: Mapping[str, Mapping[str, str]]  # LimitRange (Container): default, defaultRequest, max
    default_deny: bool  # a NetworkPolicy selects every pod and allows nothing, both ways
    network_policies: tuple[NetworkPolicy, ...]
    bindings: tuple[Binding, ...]
    service_accounts: tuple[ServiceAccount, ...]
    vcluster: VirtualCluster | None
    dedicated_cluster: bool  # the cluster is built for this tenant alone
    admission_guard: AdmissionGuard | None


@dataclass(frozen=True)
class CloudGuardrail:
    """A cloud's own location guardrail (fleet.guardrails): an AWS SCP, a GCP organization policy,
    an Azure policy assignment, and what it covers."""

    name: str
    cloud: str
    kind: str
    regime: str
    managed: bool  # created by the program; false: managed elsewhere, checked by the review
    existing: str | None  # managed elsewhere: the AWS policy ID or Azure assignment that is read
    targets: tuple[str, ...]
    covers: tuple[str, ...]
    regions: tuple[str, ...]
    values: tuple[str, ...]


@dataclass(frozen=True)
class Coverage:
    """The cloud guardrails that cover a cluster, or a plain statement that none does."""

    status: str  # COVERED, NOT_COVERED or NOT_APPLICABLE
    scope: str | None  # the account, project or subscription the cluster is in, when known
    guardrails: tuple[str, ...]  # names of Evidence.cloud_guardrails entries of the cluster's cloud
    outside_regime: tuple[str, ...] = ()  # regions a covering guardrail allows that the regime does not


@dataclass(frozen=True)
class TenantCluster:
    name: str
    cloud: str
    region: str
    country: Country
    isolation: Isolation
    coverage: Coverage | None  # None until the guardrails module is part of the program
    country_from: str = CATALOGUE  # or DECLARED
    drain: str | None = None
    """A copy the tenant is leaving (its ``leaving`` entry): ``kept`` until its data has moved, then
    ``dataMoved``; None for a copy where the tenant is placed. The data is there either way."""


@dataclass(frozen=True)
class OtherShardCluster:
    """A cluster the tenant is also placed on, deployed (and evidenced) by another shard's stack."""

    name: str
    shard: str | None
    cloud: str
    region: str
    country: Country
    country_from: str = CATALOGUE


@dataclass(frozen=True)
class Rejection:
    cluster: str
    why: str


@dataclass(frozen=True)
class Placement:
    reason: str  # the placement's own one-line reason (stack output `placement`)
    rejected: tuple[Rejection, ...]  # every other cluster of the environment, and why not


@dataclass(frozen=True)
class RegulatedTenant:
    name: str
    regime: Regime
    isolation: str
    replicas: int
    spread: str
    countries: tuple[Country, ...]  # where it runs, on this stack's clusters
    clusters: tuple[TenantCluster, ...]
    elsewhere: tuple[OtherShardCluster, ...]
    placement: Placement


@dataclass(frozen=True)
class TelemetryDestination:
    """A place the rendered stack sends a regulated cluster's metrics, logs or alert rules to."""

    what: str  # "metrics", "logs", "audit logs", "alert rules", ...
    resource: str  # "<type> <logical name>", empty where the stack manages none (GKE's _Default sink)
    location: str  # a region, "global", or an existing cluster's site
    inside: bool  # inside every regime the cluster holds


@dataclass(frozen=True)
class RegulatedCluster:
    """A cluster of this stack that is regulated: it has a regime, or hosts a regulated tenant."""

    name: str
    cloud: str
    region: str
    country: Country
    residency: str | None  # the cluster's own regime
    regimes: tuple[str, ...]  # its own and its regulated tenants'
    tenants: tuple[str, ...]  # regulated tenants on it
    dedicated_to: str | None
    cordoned: bool
    coverage: Coverage | None
    country_from: str = CATALOGUE
    telemetry: tuple[TelemetryDestination, ...] = ()


@dataclass(frozen=True)
class RuleResult:
    id: str
    name: str
    title: str
    level: str
    severity: str
    outcome: Outcome
    findings: int


@dataclass(frozen=True)
class Finding:
    rule_id: str
    policy: str
    level: str
    urn: str
    message: str


@dataclass(frozen=True)
class Exemption:
    rule_id: str
    resource: str  # URN or name pattern
    reason: str
    expires: str
    status: ExemptionStatus
    problem: str | None  # why the pack did not apply it
    waived: tuple[str, ...]  # URNs of the resources the pack waived the rule for


@dataclass(frozen=True)
class PolicyResults:
    pack: str
    verdict: Literal["pass", "blocked"]
    rules: tuple[RuleResult, ...]
    violations: tuple[Finding, ...]
    exemptions: tuple[Exemption, ...]

    def count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.rules if r.outcome == outcome)


@dataclass(frozen=True)
class Stamp:
    commit: str | None  # `git rev-parse HEAD`; None outside a git checkout
    dirty: bool | None  # `git status --porcelain` lists anything (tracked changes or untracked files)
    spec_sha256: str
    spec_hashed: str  # which bytes the hash is of
    pack_version: str  # policies/PulumiPolicy.yaml `version`
    fleet_version: str
    generated_at: str  # UTC, ISO 8601: the only value that differs between runs on one commit


@dataclass(frozen=True)
class Evidence:
    stack: str
    stack_file: str
    environment: str
    production: bool
    shard: str | None
    tenants: tuple[RegulatedTenant, ...]
    clusters: tuple[RegulatedCluster, ...]
    cloud_guardrails: tuple[CloudGuardrail, ...] | None  # None: guardrails not part of the program
    policy: PolicyResults
    stamp: Stamp
    as_of: str = ""
    kubernetes_support: tuple[ClusterVersion, ...] = ()
    """Each built cluster's minor against the support calendar as of ``as_of`` (fleet.review.versions)."""

    @property
    def regulated(self) -> bool:
        return bool(self.tenants or self.clusters)

    @property
    def uncovered(self) -> tuple[str, ...]:
        """Regulated clusters no cloud guardrail covers."""
        return tuple(c.name for c in self.clusters if c.coverage is not None and c.coverage.status == NOT_COVERED)

    @property
    def made_elsewhere(self) -> tuple[str, ...]:
        """Regulated clusters fleet does not build: no cloud account to guard, a declared country."""
        return tuple(c.name for c in self.clusters if c.country_from == DECLARED)


def to_json(evidence: Evidence) -> dict[str, Any]:
    """The document as JSON values: camelCase keys, lists in document order, and the derived
    ``regulated`` and ``summary``; with ``json.dumps(sort_keys=True)`` byte-stable."""
    body = review_document.to_json(evidence)
    if evidence.cloud_guardrails is None:
        del body["cloudGuardrails"]
        for cluster in body["clusters"]:
            del cluster["coverage"]
        for tenant in body["tenants"]:
            for cluster in tenant["clusters"]:
                del cluster["coverage"]
    policy = evidence.policy
    return {
        "schemaVersion": SCHEMA_VERSION,
        **body,
        "regulated": evidence.regulated,
        "summary": {
            "regulatedTenants": len(evidence.tenants),
            "regulatedClusters": len(evidence.clusters),
            "uncoveredClusters": list(evidence.uncovered) if evidence.cloud_guardrails is not None else None,
            "verdict": policy.verdict,
            "rulesEvaluated": len(policy.rules) - policy.count("disabled"),
            "rulesPassed": policy.count("passed"),
            "rulesViolated": policy.count("violated"),
            "rulesWithAdvisories": policy.count("advisory"),
            "rulesDisabled": policy.count("disabled"),
            "exemptionsInForce": sum(1 for e in policy.exemptions if e.status == "in force"),
        },
    }
