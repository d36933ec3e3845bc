"""Assemble the evidence document from what a review examined (pure).

Inputs are the resolved fleet, the review of the stack (its violations, located), and what the
review looked at (the rendering the pack judged, the pack's policies at the levels they ran at,
the policy config with its exemptions). Nothing here renders, runs the pack or reads files; the
shell that does is ``fleet.evidence.collect``.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

from fleet.core import catalog, residency
from fleet.core.placement import rejections
from fleet.evidence import telemetry
from fleet.evidence.document import (
    CATALOGUE,
    COVERED,
    DECLARED,
    NOT_APPLICABLE,
    NOT_COVERED,
    CloudGuardrail,
    Country,
    Coverage,
    Evidence,
    Exemption,
    Finding,
    OtherShardCluster,
    Placement,
    PolicyResults,
    Regime,
    RegimeRegion,
    RegulatedCluster,
    RegulatedTenant,
    Rejection,
    RuleResult,
    Stamp,
    TenantCluster,
)
from fleet.evidence.isolation import Index, isolation
from fleet.review.document import StackReview, Violation
from fleet.review.policy import PolicyInfo
from fleet.review.render import Resource
from fleet.review.review import Inspection
from fleet.spec import Fleet
from fleet.spec.fleet import demands, sites
from fleet.spec.model import ClusterCommon

EXEMPTIONS_VALID = "FLEET-EXM-001"
EXEMPTIONS_APPLIED = "FLEET-EXM-002"
EXEMPTION_KEYS = ("ruleId", "resource", "reason", "expires")


class Guardrails(Protocol):
    """The part of ``fleet.spec.guardrails`` the evidence uses (pure, no Pulumi)."""

    def guardrails(self, fleet: Any) -> list[Any]: ...
    def cluster_scope(self, cluster: Any) -> str | None: ...
    def covering(self, fleet: Any, cluster: Any) -> list[Any]: ...


def country(code: str) -> Country:
    found = catalog.country(code)
    return Country(code, found.name if found else "unknown country")


def regime(found: residency.Regime) -> Regime:
    regions = []
    for cloud, name in sorted(found.regions):
        region = catalog.lookup(cloud, name)
        regions.append(RegimeRegion(cloud, name, country(region.country if region else "")))
    return Regime(
        name=found.name,
        description=found.description,
        countries=tuple(country(code) for code in sorted(found.countries or ())),
        regions=tuple(regions),
    )


def _shard_of(fleet: Fleet, cluster: ClusterCommon) -> str | None:
    return next((s.name for s in fleet.spec.shards if s.clusters.matches(cluster)), None)


def _country_from(cluster: ClusterCommon) -> str:
    return DECLARED if cluster.cloud == catalog.EXISTING else CATALOGUE


def _coverage(
    fleet: Fleet, cluster: ClusterCommon, module: Guardrails | None, regimes: Sequence[residency.Regime]
) -> Coverage | None:
    if module is None:
        return None
    if cluster.cloud == catalog.EXISTING:
        return Coverage(status=NOT_APPLICABLE, scope=None, guardrails=())
    covering = sorted(module.covering(fleet, cluster), key=lambda g: g.name)
    outside = sorted(
        {
            f"{g.cloud}:{region}"
            for g in covering
            for region in g.regions
            if any(not r.allows(g.cloud, region) for r in regimes)
        }
    )
    return Coverage(
        status=COVERED if covering else NOT_COVERED,
        scope=module.cluster_scope(cluster),
        guardrails=tuple(g.name for g in covering),
        outside_regime=tuple(outside),
    )


def _cloud_guardrail(g: Any) -> CloudGuardrail:
    return CloudGuardrail(
        name=g.name,
        cloud=g.cloud,
        kind=g.kind,
        regime=g.regime,
        managed=bool(g.managed),
        existing=getattr(g, "existing", None),
        targets=tuple(g.targets),
        covers=tuple(g.covers),
        regions=tuple(g.regions),
        values=tuple(g.values),
    )


def tenants(
    fleet: Fleet, index: Index, module: Guardrails | None
) -> tuple[tuple[RegulatedTenant, ...], dict[str, list[str]]]:
    """Every regulated tenant with a placement on this stack's clusters, and, per cluster, the
    regulated tenants on it."""
    deployed = {c.name for c in fleet.deployed_clusters}
    all_sites = sites(fleet.clusters)
    wanted = {d.name: d for d in demands(fleet.spec, fleet.clusters)}
    found = []
    hosted: dict[str, list[str]] = {}
    for tenant in fleet.spec.tenants:
        if tenant.residency == "none":
            continue
        placed = fleet.placement.assignments[tenant.name]
        # Copies it is leaving hold its data until they are deleted: evidenced like the others.
        drains = {e.cluster: "dataMoved" if e.data_moved else "kept" for e in tenant.leaving}
        here = [fleet.cluster(name) for name in (*placed, *drains) if name in deployed]
        if not here:
            continue  # another shard's stack deploys it, and evidences it
        tenant_regime = fleet.regimes[tenant.residency]
        clusters = []
        for cluster in here:
            hosted.setdefault(cluster.name, []).append(tenant.name)
            clusters.append(
                TenantCluster(
                    name=cluster.name,
                    cloud=cluster.cloud,
                    region=cluster.region,
                    country=country(cluster.country),
                    isolation=isolation(index, cluster.name, tenant.name, cluster.dedicated_to == tenant.name),
                    coverage=_coverage(fleet, cluster, module, [tenant_regime]),
                    country_from=_country_from(cluster),
                    drain=drains.get(cluster.name),
                )
            )
        elsewhere = tuple(
            OtherShardCluster(c.name, _shard_of(fleet, c), c.cloud, c.region, country(c.country), _country_from(c))
            for c in (fleet.cluster(name) for name in placed if name not in deployed)
        )
        found.append(
            RegulatedTenant(
                name=tenant.name,
                regime=regime(tenant_regime),
                isolation=tenant.isolation,
                replicas=len(placed),
                spread=wanted[tenant.name].spread,
                countries=tuple(country(code) for code in sorted({c.country for c in here})),
                clusters=tuple(clusters),
                elsewhere=elsewhere,
                placement=Placement(
                    reason=fleet.placement.reasons[tenant.name],
                    rejected=tuple(
                        Rejection(c, why)
                        for c, why in rejections(all_sites, wanted[tenant.name], fleet.regimes, fleet.placement)
                    ),
                ),
            )
        )
    return tuple(found), hosted


def clusters(
    fleet: Fleet, hosted: Mapping[str, list[str]], module: Guardrails | None, resources: Sequence[Resource] = ()
) -> tuple[RegulatedCluster, ...]:
    found = []
    for cluster in fleet.deployed_clusters:
        names = hosted.get(cluster.name, [])
        own = cluster.residency if cluster.residency and cluster.residency != "none" else None
        if own is None and not names:
            continue
        regime_names = fleet.regimes_held(cluster)
        found.append(
            RegulatedCluster(
                name=cluster.name,
                cloud=cluster.cloud,
                region=cluster.region,
                country=country(cluster.country),
                residency=own,
                regimes=tuple(regime_names),
                tenants=tuple(names),
                dedicated_to=cluster.dedicated_to,
                cordoned=cluster.cordoned,
                coverage=_coverage(fleet, cluster, module, [fleet.regimes[r] for r in regime_names]),
                country_from=_country_from(cluster),
                telemetry=telemetry.destinations(cluster, [fleet.regimes[r] for r in regime_names], resources),
            )
        )
    return tuple(found)


def _outcome(policy: PolicyInfo, findings: int) -> str:
    if policy.level == "disabled":
        return "disabled"
    if not findings:
        return "passed"
    return "violated" if policy.level == "mandatory" else "advisory"


def _exemption_entries(config: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The exemptions the pack was configured with (every policy gets the same list), once each."""
    seen: dict[tuple[str, str, str, str], dict[str, Any]] = {}
    for settings in config.values():
        entries = settings.get("exemptions") if isinstance(settings, dict) else None
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, dict):
                rule_id, resource, reason, expires = (str(entry.get(k, "")) for k in EXEMPTION_KEYS)
                seen.setdefault((rule_id, resource, reason, expires), entry)
    return list(seen.values())


def exemptions(
    config: Mapping[str, Any], violations: Iterable[Violation], levels: Mapping[str, str]
) -> tuple[Exemption, ...]:
    """Each configured exemption as the pack treated it: FLEET-EXM-001 reports the ones it did not
    apply (and why); FLEET-EXM-002 reports each resource a valid one waives a rule for. A finding
    of EXM-002 names the rule, the expiry and the reason; which entry it came from is decided by the
    entry's pattern, matched as the pack matches it (fnmatch on URN or name)."""
    violations = list(violations)
    invalid = [v.message for v in violations if v.rule_id == EXEMPTIONS_VALID]
    applied = [v for v in violations if v.rule_id == EXEMPTIONS_APPLIED]
    found = []
    for entry in _exemption_entries(config):
        rule_id, pattern = str(entry.get("ruleId", "")), str(entry.get("resource", ""))
        reason, expires = str(entry.get("reason", "")), str(entry.get("expires", ""))
        prefix = f"exemption of {rule_id} for {pattern!r} "
        problem = next((m.removeprefix(prefix) for m in invalid if m.startswith(prefix)), None)
        waived = tuple(
            sorted(
                v.urn
                for v in applied
                if v.message.startswith(f"{rule_id} is waived for ")
                and v.message.endswith(f" until {expires}: {reason}")
                and (fnmatch.fnmatchcase(v.urn, pattern) or fnmatch.fnmatchcase(v.urn.rsplit("::", 1)[-1], pattern))
            )
        )
        if problem is not None:
            status = "not applied"
        elif levels.get(EXEMPTIONS_VALID, "disabled") == "disabled":
            status = "unchecked"  # nothing judged it: the pack's own validity rule is switched off
        else:
            status = "in force"
        found.append(Exemption(rule_id, pattern, reason, expires, status, problem, waived))  # type: ignore[arg-type]
    return tuple(found)


def policy_results(review: StackReview, inspection: Inspection) -> PolicyResults:
    counts: dict[str, int] = {}
    for violation in review.violations:
        counts[violation.policy] = counts.get(violation.policy, 0) + 1
    rules = tuple(
        RuleResult(
            id=p.rule_id,
            name=p.name,
            title=p.title,
            level=p.level,
            severity=p.severity,
            outcome=_outcome(p, counts.get(p.name, 0)),  # type: ignore[arg-type]
            findings=counts.get(p.name, 0),
        )
        for p in sorted(inspection.policies, key=lambda p: (p.rule_id, p.name))
    )
    levels = {p.rule_id: p.level for p in inspection.policies}
    return PolicyResults(
        pack=inspection.pack,
        verdict="blocked" if review.mandatory else "pass",
        rules=rules,
        violations=tuple(
            Finding(v.rule_id, v.policy, v.level, v.urn, v.message)
            for v in sorted(review.violations, key=lambda v: (v.level != "mandatory", v.rule_id, v.urn, v.message))
        ),
        exemptions=exemptions(inspection.config, review.violations, levels),
    )


def build(
    review: StackReview,
    inspection: Inspection,
    stamp: Stamp,
    guardrails: Guardrails | None = None,
) -> Evidence:
    fleet = inspection.fleet
    index = Index(inspection.rendering)
    found_tenants, hosted = tenants(fleet, index, guardrails)
    found_clusters = clusters(fleet, hosted, guardrails, inspection.rendering.resources)
    cloud_guardrails = None
    if guardrails is not None:
        # One spec guardrail is one cloud object per cloud it names, all with its name.
        relevant = {(name, c.cloud) for c in found_clusters if c.coverage for name in c.coverage.guardrails}
        cloud_guardrails = tuple(
            _cloud_guardrail(g)
            for g in sorted(guardrails.guardrails(fleet), key=lambda g: (g.name, g.cloud))
            if (g.name, g.cloud) in relevant
        )
    return Evidence(
        stack=review.stack,
        stack_file=review.stack_file,
        environment=review.environment,
        production=review.production,
        shard=fleet.shard,
        tenants=found_tenants,
        clusters=found_clusters,
        cloud_guardrails=cloud_guardrails,
        policy=policy_results(review, inspection),
        stamp=stamp,
        as_of=review.as_of,
        kubernetes_support=review.versions,
    )
