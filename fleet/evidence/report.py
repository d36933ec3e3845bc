"""The evidence document as JSON, markdown and HTML, all from the one ``Evidence`` object.

JSON is the document itself (``to_json``, sorted keys). Markdown and HTML are the same content:
the report is laid out once as blocks (``fleet.report.blocks``) and written by the writers the
review uses too (``fleet.report``). Markdown puts the summary
first (per tenant a short table), then the policy results, then the stamp. HTML is one
self-contained page: inline style, no scripts, no external assets, every value escaped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from fleet.evidence.document import (
    DECLARED,
    NOT_APPLICABLE,
    NOT_COVERED,
    Country,
    Coverage,
    Evidence,
    Isolation,
    RegulatedTenant,
    to_json,
)
from fleet.report.blocks import Block, Details, Formats, Heading, Items, Para, Span, Table, Text, code, strong, t
from fleet.report.markdown import document as write_markdown
from fleet.report.page import document as write_page
from fleet.report.text import HIDDEN

_HIDDEN = re.compile(f"[{HIDDEN}]")


def json_text(evidence: Evidence) -> str:
    # Readable UTF-8, except what a reader cannot see or a terminal obeys (C1 controls, bidi and
    # zero-width characters, line separators): those as \uXXXX escapes, the same string to a parser.
    # JSON's own syntax is ASCII, so such a character can only be inside a string.
    text = json.dumps(to_json(evidence), indent=2, sort_keys=True, ensure_ascii=False)
    return _HIDDEN.sub(lambda m: json.dumps(m.group())[1:-1], text) + "\n"


def _where(c: Country, source: str) -> str:
    """A cluster's country, and whether the spec declares it rather than the catalogue giving it."""
    return _country(c) + (" (declared in the spec)" if source == DECLARED else "")


def _country(c: Country) -> str:
    return f"{c.name} ({c.code})" if c.code else c.name


def _countries(countries: Iterable[Country]) -> str:
    return ", ".join(_country(c) for c in countries) or "none"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def tenant_guardrails(isolation: Isolation) -> Text:
    """What the rendered objects give the tenant on a cluster, in a few words each; anything a
    tenant should have and does not is said in bold."""
    spans: list[Span] = []

    def add(*parts: Span) -> None:
        if spans:
            spans.append("; ")
        spans.extend(parts)

    if isolation.dedicated_cluster:
        add(strong("dedicated cluster"))
    if isolation.vcluster is not None:
        v = isolation.vcluster
        chart = [
            name
            for name, on in (
                ("quota", v.resource_quota),
                ("limit range", v.limit_range),
                ("network policy", v.network_policy),
            )
            if on
        ]
        parts = [f"Pod Security {v.pod_security} inside" if v.pod_security else "no Pod Security level inside"]
        parts.append(f"the chart's {', '.join(chart)}" if chart else "none of the chart's own policies")
        add(f"vcluster {v.version} ({'; '.join(parts)})")
    pss = isolation.pod_security
    if pss is None or pss.enforce is None:
        add(strong("no Pod Security level enforced"))
    else:
        modes = {pss.enforce, pss.warn, pss.audit}
        add(
            f"Pod Security {pss.enforce}"
            + (" (enforce, warn, audit)" if len(modes) == 1 else f" (enforced; warn {pss.warn}, audit {pss.audit})")
        )
    quota = isolation.quota
    if quota:
        shown = [
            f"{quota[k]} {label}"
            for k, label in (("requests.cpu", "cpu"), ("requests.memory", "memory"), ("requests.storage", "storage"))
            if k in quota and quota[k] != "0"
        ]
        add(f"quota {', '.join(shown) or 'set'}")
    else:
        add(strong("no ResourceQuota"))
    if isolation.limits.get("max"):
        limit = isolation.limits["max"]
        add(f"limits (max {limit.get('cpu', '?')} cpu, {limit.get('memory', '?')} per container)")
    else:
        add(strong("no LimitRange"))
    if isolation.default_deny:
        opened = [p.name for p in isolation.network_policies if p.rules]
        add("default-deny NetworkPolicy" + (f" (opened: {', '.join(opened)})" if opened else ""))
    else:
        add(strong("no default-deny NetworkPolicy"))
    roles = [f"{b.role}" for b in isolation.bindings if b.kind == "RoleBinding"]
    cluster_roles = [b.role for b in isolation.bindings if b.kind == "ClusterRoleBinding"]
    add(f"RBAC in the namespace ({', '.join(sorted(set(roles))) or 'none'})")
    if cluster_roles:
        add(strong(f"cluster-wide: {', '.join(sorted(set(cluster_roles)))}"))
    guard = isolation.admission_guard
    if guard is not None and guard.applies_to_namespace:
        add(f"admission guard {guard.policy} ({', '.join(guard.actions)})")
    else:
        add(strong("no admission guard on the namespace"))
    return tuple(spans)


def _telemetry(evidence: Evidence) -> list[Block]:
    """Where each regulated cluster's metrics, logs and alert rules live, as the stack renders them."""
    rows = tuple(
        (
            t(code(cluster.name)),
            t(d.what),
            t(code(d.resource) if d.resource else "-"),
            t(d.location),
            t("yes") if d.inside else t(strong("no: outside its regimes")),
        )
        for cluster in evidence.clusters
        for d in cluster.telemetry
    )
    if not rows:
        return []
    return [
        Heading(3, t("Where their telemetry lives")),
        Table(("cluster", "what", "resource", "location", "inside the regimes"), rows),
    ]


def _coverage(coverage: Coverage | None) -> Text:
    if coverage is None:
        return ("-",)
    if coverage.status == NOT_COVERED:
        return (strong(NOT_COVERED),)
    if coverage.status == NOT_APPLICABLE:
        return (NOT_APPLICABLE,)
    spans: list[Span] = [", ".join(coverage.guardrails)]
    if coverage.outside_regime:
        spans += ["; ", strong(f"also allows {', '.join(coverage.outside_regime)}, outside the regime")]
    return tuple(spans)


# A copy being drained still holds the tenant's data (docs/OPERATING.md).
DRAINS = {"kept": (" (leaving: data kept)",), "dataMoved": (" (leaving: data moved, deleted next)",)}


def _tenant(tenant: RegulatedTenant, guardrails: bool) -> list[Block]:
    regime = tenant.regime
    blocks: list[Block] = [
        Heading(3, t(tenant.name, ": regime ", code(regime.name), f" ({regime.description})")),
        Para(
            t(
                strong("Runs in:"),
                " " + _countries(tenant.countries),
                f". Isolation {tenant.isolation}, {_plural(tenant.replicas, 'cluster')}"
                + (f" spread by {tenant.spread}" if tenant.replicas > 1 else "")
                + ".",
            )
        ),
        Para(
            t(strong("Allowed by the regime:"), " " + _countries(regime.countries))
            + (
                t(
                    "; and by name: "
                    + ", ".join(f"{r.cloud}:{r.region} ({_country(r.country)})" for r in regime.regions)
                )
                if regime.regions
                else ()
            )
        ),
    ]
    headers = ("cluster", "cloud", "region", "country", "isolation", "tenant guardrails (as rendered)")
    rows = []
    for cluster in tenant.clusters:
        row: tuple[Text, ...] = (
            t(code(cluster.name), *DRAINS.get(cluster.drain or "", ())),
            t(cluster.cloud),
            t(cluster.region),
            t(_where(cluster.country, cluster.country_from)),
            t(cluster.isolation.mode),
            tenant_guardrails(cluster.isolation),
        )
        if guardrails:
            row += (_coverage(cluster.coverage),)
        rows.append(row)
    blocks.append(Table(headers + (("cloud guardrails",) if guardrails else ()), tuple(rows)))
    if tenant.elsewhere:
        blocks.append(
            Para(
                t(
                    "Also placed on clusters of other shards (their stacks' evidence covers them): "
                    + ", ".join(
                        f"{c.name} ({c.cloud} {c.region}, {c.country.code}; shard {c.shard})" for c in tenant.elsewhere
                    )
                    + "."
                )
            )
        )
    blocks.append(Para(t(strong("Placement:"), " " + tenant.placement.reason)))
    if tenant.placement.rejected:
        blocks.append(
            Details(
                f"Why not the other {_plural(len(tenant.placement.rejected), 'cluster')}",
                (Items(tuple(t(code(r.cluster), ": ", r.why) for r in tenant.placement.rejected)),),
            )
        )
    return blocks


def blocks(evidence: Evidence) -> list[Block]:
    policy = evidence.policy
    stamp = evidence.stamp
    guardrails = evidence.cloud_guardrails is not None
    evaluated = len(policy.rules) - policy.count("disabled")
    in_force = [e for e in policy.exemptions if e.status == "in force"]
    out: list[Block] = [
        Heading(1, t("Residency evidence: stack ", code(evidence.stack))),
        Para(
            t(
                f"Environment {evidence.environment}"
                + (" (production)" if evidence.production else "")
                + (f", shard {evidence.shard}" if evidence.shard else "")
                + f"; commit {stamp.commit[:12] if stamp.commit else 'unknown'}"
                + (" with uncommitted changes" if stamp.dirty else "")
                + f"; generated {stamp.generated_at}. "
                + "This is that commit's configuration as rendered offline, what its ",
                code("pulumi up"),
                " would deploy; it is not read from the deployed stack. Countries of cloud regions come from the "
                "region catalogue; a cluster made elsewhere has the country its spec declares.",
            )
        ),
    ]
    summary: list[Span] = []
    if evidence.regulated:
        tenants, clusters = (
            _plural(len(evidence.tenants), "regulated tenant"),
            _plural(len(evidence.clusters), "regulated cluster"),
        )
        summary.append(f"{tenants}, {clusters}. ")
    else:
        summary.append(strong("No regulated tenants or clusters in this stack"))
        summary.append(" (no tenant placed on its clusters, and no cluster, has a regime other than none). ")
    summary += [
        strong(f"Policy pack: {policy.verdict.upper()}"),
        f": {evaluated} rules evaluated, {policy.count('passed')} passed, {policy.count('violated')} violated"
        f", {policy.count('advisory')} with advisories; {_plural(len(in_force), 'exemption')} in force.",
    ]
    if guardrails and evidence.clusters:
        if evidence.uncovered:
            summary += [
                " ",
                strong(
                    f"{_plural(len(evidence.uncovered), 'regulated cluster')} {NOT_COVERED}: "
                    f"{', '.join(evidence.uncovered)}."
                ),
            ]
        elif len(evidence.made_elsewhere) < len(evidence.clusters):
            summary.append(" Every regulated cluster in a cloud account is covered by a cloud guardrail.")
        if evidence.made_elsewhere:
            summary.append(
                f" {_plural(len(evidence.made_elsewhere), 'regulated cluster')} made elsewhere "
                f"({', '.join(evidence.made_elsewhere)}): no cloud account to guard, so no guardrail is expected "
                "and its absence is not a finding; their countries are the spec's declarations."
            )
    out.append(Para(tuple(summary)))

    if evidence.tenants:
        out.append(Heading(2, t("Regulated tenants")))
        for tenant in evidence.tenants:
            out += _tenant(tenant, guardrails)

    if evidence.clusters:
        out.append(Heading(2, t("Regulated clusters")))
        headers: tuple[str, ...] = ("cluster", "cloud", "region", "country", "regimes", "regulated tenants")
        rows = []
        for cluster in evidence.clusters:
            row: tuple[Text, ...] = (
                t(code(cluster.name)),
                t(cluster.cloud),
                t(cluster.region),
                t(_where(cluster.country, cluster.country_from)),
                t(", ".join(cluster.regimes)),
                t(", ".join(cluster.tenants) or "-"),
            )
            if guardrails:
                scope = cluster.coverage.scope if cluster.coverage else None
                row += (t(scope or "-"), _coverage(cluster.coverage))
            rows.append(row)
        out.append(Table(headers + (("scope", "cloud guardrails") if guardrails else ()), tuple(rows)))
        out += _telemetry(evidence)

    if evidence.cloud_guardrails:
        out.append(Heading(2, t("Cloud guardrails")))
        out.append(
            Table(
                ("guardrail", "cloud", "kind", "regime", "managed", "attached to", "allowed regions"),
                tuple(
                    (
                        t(code(g.name)),
                        t(g.cloud),
                        t(g.kind),
                        t(g.regime),
                        t(
                            "by this program"
                            if g.managed
                            else f"elsewhere ({g.existing or 'existing'}; read and checked)"
                        ),
                        t(", ".join(g.targets) or "-"),
                        t(", ".join(g.regions) or "none"),
                    )
                    for g in evidence.cloud_guardrails
                ),
            )
        )

    out.append(Heading(2, t("Policy results")))
    out.append(
        Para(
            t(
                f"Pack {policy.pack} {stamp.pack_version}, run over the analyzer protocol on the stack as rendered: "
                f"{evaluated} rules evaluated, {policy.count('passed')} passed, {policy.count('violated')} violated, "
                f"{policy.count('advisory')} with advisory findings, {policy.count('disabled')} disabled.",
            )
        )
    )
    out.append(
        Table(
            ("rule", "title", "level", "outcome", "findings"),
            tuple(
                (
                    t(code(r.id or r.name)),
                    t(r.title),
                    t(r.level),
                    t(strong(r.outcome) if r.outcome == "violated" else r.outcome),
                    t(str(r.findings)),
                )
                for r in policy.rules
            ),
        )
    )
    if policy.violations:
        out.append(Heading(3, t("Findings")))
        out.append(
            Items(
                tuple(
                    t(f"{v.level} ", code(v.rule_id), f" {v.urn or '(stack)'}: {v.message}") for v in policy.violations
                )
            )
        )
    out.append(Heading(3, t("Exemptions")))
    if policy.exemptions:
        out.append(
            Table(
                ("rule", "resource", "status", "expires", "reason", "waived for"),
                tuple(
                    (
                        t(code(e.rule_id)),
                        t(code(e.resource)),
                        t(e.status if e.problem is None else f"{e.status}: {e.problem}"),
                        t(e.expires),
                        t(e.reason),
                        t(", ".join(u.rsplit("::", 1)[-1] for u in e.waived) or "-"),
                    )
                    for e in policy.exemptions
                ),
            )
        )
    else:
        out.append(Para(t("None: no exemption is configured for this stack.")))

    if evidence.kubernetes_support:
        out.append(Heading(2, t(f"Kubernetes support as of {evidence.as_of}")))
        out.append(
            Table(
                ("cluster", "cloud", "minor", "standard support ends", "days left", "calendar row read from"),
                tuple(
                    (t(code(v.cluster)), t(v.cloud), t(v.version), t(v.end_of_standard), t(str(v.days_left)),
                     t(v.source))
                    for v in evidence.kubernetes_support
                ),
            )
        )  # fmt: skip
    out.append(Heading(2, t("Stamp")))
    out.append(
        Table(
            ("", ""),
            (
                (t("commit"), t(code(stamp.commit or "unknown (not a git checkout)"))),
                (
                    t("working tree"),
                    t("unknown" if stamp.dirty is None else ("uncommitted changes" if stamp.dirty else "clean")),
                ),
                (t("spec sha256"), t(code(stamp.spec_sha256))),
                (t("hashed bytes"), t(stamp.spec_hashed)),
                (t("policy pack version"), t(stamp.pack_version)),
                (t("fleet version"), t(stamp.fleet_version)),
                (t("generated (UTC)"), t(stamp.generated_at)),
            ),
        )
    )
    out.append(
        Para(
            t(
                "Two runs on the same checkout (commit and working tree) on the same day give the same document "
                "except for the generation time; the day matters because it decides which exemptions have expired."
            )
        )
    )
    return out


def markdown(evidence: Evidence) -> str:
    return write_markdown(blocks(evidence))


def html_page(evidence: Evidence) -> str:
    return write_page(f"Residency evidence: stack {evidence.stack}", blocks(evidence))


FORMATS: Formats[Evidence] = Formats({"markdown": markdown, "json": json_text, "html": html_page})


def render(evidence: Evidence, form: str) -> str:
    return FORMATS.render(evidence, form)
