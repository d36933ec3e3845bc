"""The evidence document as JSON, markdown and HTML, all from the one ``Evidence`` object.

JSON is the document itself (``to_json``, sorted keys). Markdown and HTML are the same content:
the report is laid out once as a list of blocks (headings, paragraphs, tables, lists, collapsed
details) and each block is written out by one of two small writers. Markdown puts the summary
first (per tenant a short table), then the policy results, then the stamp. HTML is one
self-contained page: inline style, no scripts, no external assets, every value escaped.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from fleet.evidence.document import NOT_COVERED, Country, Coverage, Evidence, Isolation, RegulatedTenant, to_json

# Inline text: plain strings, or ("code" | "strong", text).
Span = str | tuple[str, str]
Text = tuple[Span, ...]


@dataclass(frozen=True)
class Heading:
    level: int
    text: Text


@dataclass(frozen=True)
class Para:
    text: Text


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[Text, ...], ...]


@dataclass(frozen=True)
class Items:
    items: tuple[Text, ...]


@dataclass(frozen=True)
class Details:
    summary: str
    blocks: tuple[Block, ...] = field(default=())


Block = Heading | Para | Table | Items | Details


def json_text(evidence: Evidence) -> str:
    return json.dumps(to_json(evidence), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def t(*spans: Span) -> Text:
    return spans


def code(text: str) -> Span:
    return ("code", text)


def strong(text: str) -> Span:
    return ("strong", text)


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


def _coverage(coverage: Coverage | None) -> Text:
    if coverage is None:
        return ("-",)
    if coverage.status == NOT_COVERED:
        return (strong(NOT_COVERED),)
    spans: list[Span] = [", ".join(coverage.guardrails)]
    if coverage.outside_regime:
        spans += ["; ", strong(f"also allows {', '.join(coverage.outside_regime)}, outside the regime")]
    return tuple(spans)


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
            t(code(cluster.name)),
            t(cluster.cloud),
            t(cluster.region),
            t(_country(cluster.country)),
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
                + f"; generated {stamp.generated_at}."
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
        else:
            summary.append(" Every regulated cluster is covered by a cloud guardrail.")
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
                t(_country(cluster.country)),
                t(", ".join(cluster.regimes)),
                t(", ".join(cluster.tenants) or "-"),
            )
            if guardrails:
                scope = cluster.coverage.scope if cluster.coverage else None
                row += (t(scope or "-"), _coverage(cluster.coverage))
            rows.append(row)
        out.append(Table(headers + (("scope", "cloud guardrails") if guardrails else ()), tuple(rows)))

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


# Markdown


def _md_escape(text: str) -> str:
    for char in ("\\", "`", "*", "_", "[", "]", "<", ">", "|"):
        text = text.replace(char, "\\" + char)
    return text.replace("\n", " ")


def _md_code(text: str) -> str:
    text = text.replace("\n", " ")
    fence = "``" if "`" in text else "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}".replace("|", "\\|")


def _md(text: Text) -> str:
    out = []
    for span in text:
        if isinstance(span, str):
            out.append(_md_escape(span))
        elif span[0] == "code":
            out.append(_md_code(span[1]))
        else:
            out.append(f"**{_md_escape(span[1])}**")
    return "".join(out)


def _md_block(block: Block) -> str:
    if isinstance(block, Heading):
        return f"{'#' * block.level} {_md(block.text)}"
    if isinstance(block, Para):
        return _md(block.text)
    if isinstance(block, Table):
        lines = [
            "| " + " | ".join(_md_escape(h) for h in block.headers) + " |",
            "|" + "---|" * len(block.headers),
        ]
        lines += ["| " + " | ".join(_md(cell) for cell in row) + " |" for row in block.rows]
        return "\n".join(lines)
    if isinstance(block, Items):
        return "\n".join(f"- {_md(item)}" for item in block.items)
    inner = "\n\n".join(_md_block(b) for b in block.blocks)
    return f"<details><summary>{html.escape(block.summary)}</summary>\n\n{inner}\n\n</details>"


def markdown(evidence: Evidence) -> str:
    return "\n\n".join(_md_block(b) for b in blocks(evidence)) + "\n"


# HTML

STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:80rem;padding:0 1rem;color:#1b1f24;line-height:1.45}
table{border-collapse:collapse;margin:.5rem 0 1rem}
th,td{border:1px solid #c8ccd1;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f1f3f5}code{background:#f1f3f5;padding:0 .2rem;border-radius:3px}
h1,h2,h3{line-height:1.2}summary{cursor:pointer}
""".strip()


def _html(text: Text) -> str:
    out = []
    for span in text:
        if isinstance(span, str):
            out.append(html.escape(span))
        else:
            tag = "code" if span[0] == "code" else "strong"
            out.append(f"<{tag}>{html.escape(span[1])}</{tag}>")
    return "".join(out)


def _html_block(block: Block) -> str:
    if isinstance(block, Heading):
        return f"<h{block.level}>{_html(block.text)}</h{block.level}>"
    if isinstance(block, Para):
        return f"<p>{_html(block.text)}</p>"
    if isinstance(block, Table):
        head = "".join(f"<th>{html.escape(h)}</th>" for h in block.headers)
        body = "".join("<tr>" + "".join(f"<td>{_html(c)}</td>" for c in row) + "</tr>" for row in block.rows)
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    if isinstance(block, Items):
        return "<ul>" + "".join(f"<li>{_html(i)}</li>" for i in block.items) + "</ul>"
    inner = "\n".join(_html_block(b) for b in block.blocks)
    return f"<details><summary>{html.escape(block.summary)}</summary>\n{inner}\n</details>"


def html_page(evidence: Evidence) -> str:
    title = html.escape(f"Residency evidence: stack {evidence.stack}")
    body = "\n".join(_html_block(b) for b in blocks(evidence))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        # Nothing may load: no scripts, styles or images from anywhere, even if a value slipped through.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        f"<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def render(evidence: Evidence, fmt: str) -> str:
    if fmt == "json":
        return json_text(evidence)
    if fmt == "html":
        return html_page(evidence)
    return markdown(evidence)
