"""A review as text (terminals), markdown (the pull-request comment) and SARIF (code scanning).

The markdown leads with one summary table over every stack, then what blocks or endangers data,
then per-stack detail in collapsed sections; a stack with nothing to say is one line. It is made
to fit a GitHub comment (65,536 characters) at any fleet size: when the full text does not fit,
details are cut in steps down to the summary, and the rest is in the full report, the artifact.
The Mermaid map stays under Mermaid's 500-edge limit by drawing regions instead of clusters
(and only the clusters a change touches) when the fleet is large.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from fleet.core import calendar
from fleet.report.blocks import (
    Alert,
    Block,
    Details,
    Diagram,
    Formats,
    Heading,
    Items,
    Para,
    Span,
    Table,
    Text,
    code,
    link,
    strong,
    t,
)
from fleet.report.markdown import document as write_markdown
from fleet.report.text import one_line, terminal
from fleet.review import versions
from fleet.review.document import (
    DRAIN_STEPS,
    Changes,
    ClusterVersion,
    Drain,
    LiveTenant,
    Problem,
    ResourceChange,
    Review,
    SpecLocation,
    StackReview,
    Tenant,
    to_json,
)

Row = tuple[Text, ...]

COMMENT_LIMIT = 65_536  # GitHub's limit for an issue or pull-request comment body
BUDGET = 60_000  # the comment, with room for the workflow's own header
MERMAID_MAX_EDGES = 500  # Mermaid's default maxEdges; a larger graph is refused
MERMAID_MAX_TEXT = 40_000  # under Mermaid's default maxTextSize of 50,000
VERDICT_MARK = {"pass": "PASS", "blocked": "BLOCKED", "invalid": "INVALID SPEC"}
SARIF_LEVEL = {"mandatory": "error", "advisory": "warning"}


@dataclass(frozen=True)
class Links:
    """Where a report's links point: the rule catalogue, and the full report (the artifact)."""

    rules: str = "docs/RULES.md"
    anchors: dict[str, str] | None = None  # rule ID -> anchor in the catalogue
    artifact: str | None = None

    @classmethod
    def for_project(cls, project: Path, rules_url: str | None = None, artifact: str | None = None) -> Links:
        return cls(rules_url or "docs/RULES.md", rule_anchors(project / "docs" / "RULES.md"), artifact)


def rule_anchors(path: Path) -> dict[str, str]:
    """Rule ID -> GitHub's anchor for its section heading ("### FLEET-RES-001 Ensure ...")."""
    if not path.is_file():
        return {}
    anchors = {}
    for heading in re.findall(r"^### (FLEET-[A-Z]+-\d{3}\b.*)$", path.read_text(encoding="utf-8"), re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        anchors[heading.split()[0]] = slug
    return anchors


def _short(urn: str) -> str:
    return urn.rsplit("::", 1)[-1] if urn else "(stack)"


def _urn_kind(urn: str) -> str:
    """The type of the resource a URN names (urn:pulumi:stack::project::parent$type::name)."""
    parts = urn.split("::")
    return _kind(parts[2].rsplit("$", 1)[-1]) if len(parts) > 3 else "?"


def _kind(type_: str) -> str:
    return type_.rsplit(":", 1)[-1]


def counts(stack: StackReview) -> dict[str, int]:
    changes = stack.changes or Changes("", ())
    return {
        "added": len(changes.of("create")),
        "removed": len(changes.of("delete")),
        "changed": len(changes.of("update")),
        "replaced": len(changes.of("replace")),
        "dangerous": len(changes.dangerous),
        "moves": len(changes.moves),
        "countries": len(changes.countries),
    }


def verdict_line(stack: StackReview) -> str:
    if stack.verdict == "invalid":
        count = len(stack.problems)
        return f"INVALID SPEC: {count} problem{'s' if count != 1 else ''} in {stack.stack_file}"
    parts = [f"{len(stack.clusters)} clusters, {len(stack.tenants)} tenants, {stack.resources} resources"]
    c = counts(stack)
    if stack.changes is not None:
        parts.append(f"vs {stack.changes.base}: +{c['added']} -{c['removed']} ~{c['changed']} replace {c['replaced']}")
    reasons = []
    if stack.mandatory:
        reasons.append(f"{len(stack.mandatory)} mandatory policy violation{'s' if len(stack.mandatory) != 1 else ''}")
    if stack.changes is not None and stack.changes.blocked_deletions:
        reasons.append(f"{len(stack.changes.blocked_deletions)} protected resources deleted or replaced")
    if stack.changes is not None and stack.changes.refused:
        reasons.append(f"{len(stack.changes.refused)} changes the cloud refuses")
    refused = sum(1 for v in stack.versions if v.refused)
    if refused:
        reasons.append(f"{refused} clusters at a Kubernetes minor their cloud refuses")
    held = sum(1 for v in stack.versions if v.held)
    if held:
        reasons.append(f"{held} clusters ahead of their upgrade wave")
    if stack.live is not None and stack.live.blocked:
        full = len(stack.live.blocked)
        reasons.append(f"{full} tenant{'s' if full != 1 else ''} placed on clusters full in reality")
    head = f"BLOCKED: {', '.join(reasons)}" if reasons else "PASS"
    warnings = []
    if stack.advisory:
        warnings.append(f"{len(stack.advisory)} advisory")
    if c["dangerous"]:
        warnings.append(f"{c['dangerous']} deletions or replacements of stateful or protected resources")
    if c["countries"]:
        warnings.append(f"{c['countries']} tenants change countries")
    if stack.changes is not None and stack.changes.without_effect:
        warnings.append(f"{len(stack.changes.without_effect)} changes without effect")
    ending = sum(1 for v in stack.versions if v.phase != "standard" and not v.refused)
    if ending:
        warnings.append(f"{ending} clusters at or near the end of Kubernetes standard support")
    return f"{head} ({'; '.join(parts)})" + (f"; WARNING: {', '.join(warnings)}" if warnings else "")


# ---------------------------------------------------------------- Mermaid


def _id(*parts: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]", "_", "_".join(parts))


def _label(text: str) -> str:
    """Text inside a quoted Mermaid label: its quotes, angle brackets and backticks as Mermaid's
    entity codes (mermaid.js.org/syntax/flowchart.html#entity-codes-to-escape-characters), one line."""
    for char, entity in (("#", "#35;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;"), ("`", "#96;")):
        text = text.replace(char, entity)
    return one_line(text)


def _touched(stack: StackReview) -> set[str]:
    """Clusters a change touches: tenants move on or off them, or their resources change."""
    if stack.changes is None:
        return set()
    names = {c.name for c in stack.clusters}
    touched = {c for m in stack.changes.moves for c in (*m.before, *m.after)}
    for change in stack.changes.resources:
        head = _short(change.urn).split("/", 1)[0]
        touched |= {n for n in names if head == n or head.startswith(n + "-")}
    return touched & names


def mermaid(stack: StackReview) -> str | None:
    """The fleet as cloud -> region -> cluster -> tenants; regions only (plus the clusters a change
    touches) when that is too large for Mermaid; None when even that is."""
    on_cluster: dict[str, list[str]] = {}
    for tenant in stack.tenants:
        regime = "" if tenant.regime == "none" else f", {tenant.regime}"
        for cluster in tenant.clusters:
            on_cluster.setdefault(cluster, []).append(f"{tenant.name} ({tenant.isolation}{regime})")
    for expand in (lambda name: True, _touched(stack).__contains__, lambda name: False):
        text = _mermaid(stack, on_cluster, expand)
        edges = text.count("-->")
        if edges <= MERMAID_MAX_EDGES and len(text) <= MERMAID_MAX_TEXT:
            return text
    return None


def _mermaid(stack: StackReview, on_cluster: dict[str, list[str]], expand: Callable[[str], bool]) -> str:
    lines = ["flowchart LR"]
    regions: dict[tuple[str, str], list[str]] = {}
    for cluster in stack.clusters:
        regions.setdefault((cluster.cloud, f"{cluster.region} ({cluster.country})"), []).append(cluster.name)
    by_name = {c.name: c for c in stack.clusters}
    for cloud in sorted({cloud for cloud, _ in regions}):
        cloud_id = _id("cloud", cloud)
        lines.append(f'  {cloud_id}["{_label(cloud.upper())}"]')
        for (c, region), names in sorted(regions.items()):
            if c != cloud:
                continue
            region_id = _id("region", cloud, region)
            shown = [n for n in names if expand(n)]
            hidden = len(names) - len(shown)
            tenants = sum(len(on_cluster.get(n, [])) for n in names if n not in shown)
            label = region + (f": {hidden} clusters, {tenants} tenant placements" if hidden else "")
            lines.append(f'  {cloud_id} --> {region_id}["{_label(label)}"]')
            for name in shown:
                cluster = by_name[name]
                cluster_id = _id("cluster", name)
                marks = (f" [{cluster.residency}]" if cluster.residency else "") + (
                    " (cordoned)" if cluster.cordoned else ""
                )
                lines.append(f'  {region_id} --> {cluster_id}["{_label(name + marks)}"]')
                for index, tenant in enumerate(on_cluster.get(name, [])):
                    lines.append(f'  {cluster_id} --> {_id("tenant", name, str(index))}(["{_label(tenant)}"])')
    return "\n".join(lines)


# ---------------------------------------------------------------- markdown

# How much detail a comment keeps, from all of it down to the summary table and the alerts. Below
# COMPACT the map goes first: at scale it is the largest single section.
FULL, COMPACT, TIGHT, SUMMARY = 0, 1, 2, 3
ROWS = {FULL: None, COMPACT: 40, TIGHT: 40}


def _cut(rows: Sequence[Row], level: int) -> tuple[Sequence[Row], list[Block]]:
    """The rows shown at ``level``, and the line that says how many were left out."""
    limit = ROWS.get(level)
    if limit is None or len(rows) <= limit:
        return rows, []
    return rows[:limit], [Para(t(f"… and {len(rows) - limit} more"))]


def _table(headers: tuple[str, ...], rows: Sequence[Row], level: int) -> list[Block]:
    shown, more = _cut(rows, level)
    return [Table(headers, tuple(shown)), *more]


def _change_text(change: ResourceChange, level: int) -> str:
    shown = change.values if level == FULL else change.values[:4]
    parts = [f"{v.key}: {v.old} → {v.new}" + (" (forces replacement)" if v.forces_replacement else "") for v in shown]
    if len(change.values) > len(shown):
        parts.append(f"… {len(change.values) - len(shown)} more")
    if change.dependents:
        more = f", … {len(change.dependents) - 5} more" if len(change.dependents) > 5 else ""
        parts.append(
            f"{len(change.dependents)} dependents: " + ", ".join(_short(u) for u in change.dependents[:5]) + more
        )
    return "; ".join(parts)


def _step(change: ResourceChange) -> str:
    """The engine's step: "replace, delete first" when the old resource goes before its replacement."""
    return f"{change.action}, delete first" if change.delete_first else change.action


OPERATING = "docs/OPERATING.md#draining-a-tenant"


def _drain_step(drain: Drain) -> str:
    if drain.early:
        return "step 3 of 3 before step 2: the copy is still protected, so `pulumi up` refuses to delete it"
    return f"step {drain.step} of 3, {DRAIN_STEPS[drain.step]}"


def _leaving(tenant: Tenant) -> str:
    """The clusters a tenant is being drained from, after its placement."""
    if not tenant.leaving:
        return ""
    return (
        " (leaving "
        + ", ".join(f"{e.cluster}: {'data moved' if e.data_moved else 'kept'}" for e in tenant.leaving)
        + ")"
    )


def _way_out_parts(change: ResourceChange, changes: Changes) -> tuple[Span, ...]:
    """How to get past a blocked deletion: for a tenant's copy, the drain the program owns
    (docs/OPERATING.md); for anything else, unprotecting it by hand or keeping it."""
    what = "replacement" if change.action == "replace" else "deletion"
    if change.copy_of and change.action == "delete":
        tenant, cluster = change.copy_of.split("@", 1)
        if any(d.tenant == tenant and d.cluster == cluster and d.early for d in changes.drains):
            return (
                f"tenant {tenant}'s copy on {cluster} is still protected: set ",
                code("dataMoved: true"),
                " on its leaving entry and deploy that first (step 2), then remove the entry (",
                link(OPERATING, OPERATING),
                ")",
            )
        return (
            f"tenant {tenant}'s data is on {cluster}: keep the copy while it moves, with ",
            code(f"leaving: [{{cluster: {cluster}}}]"),
            f" on tenant {tenant} (and ",
            code("retired: true"),
            " if it leaves the fleet); no state edit is needed (",
            link(OPERATING, OPERATING),
            ")",
        )
    return (
        code(f"pulumi state unprotect '{change.urn}'"),
        f" first if the {what} is intended; otherwise keep it (an ",
        code("aliases"),
        " entry for a rename, or move the data first)",
    )


def _way_out(change: ResourceChange, changes: Changes) -> str:
    return "".join(
        p if isinstance(p, str) else f"`{p[1]}`" if p[0] == "code" else p[1] for p in _way_out_parts(change, changes)
    )


def _way_out_text(change: ResourceChange, changes: Changes) -> Text:
    return t(*_way_out_parts(change, changes))


def _more(items: list[Text], limit: int | None) -> tuple[Text, ...]:
    if limit is None or len(items) <= limit:
        return tuple(items)
    return (*items[:limit], t(f"… and {len(items) - limit} more"))


def _one_line(message: str) -> str:
    """A problem of several lines (a placement that cannot be met, a line per cluster) as one: a
    report line is never broken by a message, whatever a value in it holds."""
    return re.sub(r"\n\s*", "; ", re.sub(r":\n\s*", ": ", message))


def _version_alerts(stack: StackReview, limit: int | None) -> list[Block]:
    out: list[Block] = []
    refused = [v for v in stack.versions if v.refused]
    if refused:
        head = t(code(stack.stack), f": the cloud refuses {len(refused)} clusters at their Kubernetes "
                 f"minor (as of {stack.as_of}):")  # fmt: skip
        out.append(Alert("caution", head, _more([t(code(v.cluster), f": {v.refused}") for v in refused], limit)))
    held = [v for v in stack.versions if v.held]
    if held:
        head = t(code(stack.stack), f": clusters ahead of their upgrade wave (as of {stack.as_of}):")
        out.append(Alert("caution", head, _more([t(code(v.cluster), f": {v.held}") for v in held], limit)))
    flagged = [v for v in stack.versions if v.phase != "standard" and not v.refused]
    if flagged:
        head = t(
            code(stack.stack), f": clusters at or near the end of Kubernetes standard support (as of {stack.as_of}):"
        )
        out.append(Alert("warning", head, _more([t(code(v.cluster), ": ", _support(v)) for v in flagged], limit)))
    return out


def _support(v: ClusterVersion) -> str:
    """One cluster's support, as a sentence: where it stands, what its cloud does then, what it costs."""
    support = "upstream patch support" if calendar.judged_upstream(v.cloud) else "standard support"
    if v.phase == "past":
        when = f"{v.version} left {support} on {v.end_of_standard}"
    else:
        when = f"{v.version} leaves {support} on {v.end_of_standard}, in {v.days_left} days"
    cost = (
        f"; staying on it in extended support would cost ${v.extended_cost_per_month} more per month"
        f" ({v.extended_price})"
        if v.extended_cost_per_month
        else ""
    )
    return f"{when}: {v.at_end}{cost}"


def _live_reason(tenant: LiveTenant) -> str:
    elsewhere = f"live numbers place it on {', '.join(tenant.live)}" if tenant.live else tenant.why
    return f"placed on {', '.join(tenant.new)}, where the nodes have no room for it; {elsewhere}"


def _live_alerts(stack: StackReview, limit: int | None) -> list[Block]:
    live = stack.live
    if live is None or not live.blocked:
        return []
    head = t(
        code(stack.stack),
        f": tenants placed on clusters that are full in reality ({live.source}, read {live.as_of}). Lower the "
        "cluster's capacity in the stack file, add nodes, or free the room:",
    )
    return [Alert("caution", head, _more([t(strong(x.tenant), ": ", _live_reason(x)) for x in live.blocked], limit))]


def _alerts(stack: StackReview, level: int) -> list[Block]:
    limit = None if level == FULL else 20
    out: list[Block] = _version_alerts(stack, limit) + _live_alerts(stack, limit)
    changes = stack.changes
    if changes is None:
        return out
    blocked = changes.blocked_deletions
    if blocked:
        head = t(
            code(stack.stack),
            f": the deploy would delete or replace {len(blocked)} protected resources. ",
            code("pulumi up"),
            " refuses each one and stops half-way, with the resources before it already changed:",
        )
        rows = [
            t(code(_short(r.urn)), f" ({_kind(r.type)}, {_step(r)}): ", *_way_out_text(r, changes)) for r in blocked
        ]
        out.append(Alert("caution", head, _more(rows, limit)))
    if changes.refused:
        head = t(
            code(stack.stack),
            f": the cloud refuses {len(changes.refused)} of these changes. ",
            code("pulumi up"),
            " fails at the first, with the resources before it already changed:",
        )
        rows = [t(code(_short(r.urn)), f" ({_kind(r.type)}, {_step(r)}): {r.refused}") for r in changes.refused]
        out.append(Alert("caution", head, _more(rows, limit)))
    unprotected = [r for r in changes.dangerous if not r.protected]
    if unprotected:
        rows = [t(code(_short(r.urn)), f" ({_kind(r.type)}, {_step(r)})") for r in unprotected]
        head = t(code(stack.stack), ": deletes or replaces clusters, node pools, networks or what holds data:")
        if any(r.delete_first for r in changes.dangerous):
            head = t(*head, " (", strong("delete first"), ": the engine deletes the old resource before it "
                     "creates the replacement, so it is gone in between)")  # fmt: skip
        out.append(Alert("warning", head, _more(rows, limit)))
    if changes.without_effect:
        rows = [
            t(code(_short(r.urn)), f" ({_kind(r.type)}): " + "; ".join(f"{v.key}: {v.old} → {v.new}" for v in r.values))
            for r in changes.without_effect
        ]
        head = t(
            code(stack.stack),
            ": these changes have no effect. The program sets them only when the resource is created "
            "(ignoreChanges), so ",
            code("pulumi up"),
            " leaves them as they are:",
        )
        out.append(Alert("warning", head, _more(rows, limit)))
    if changes.countries:
        rows = [
            t(strong(c.tenant), f" ({c.regime}): {', '.join(c.before) or '-'} -> {', '.join(c.after) or '-'}")
            for c in changes.countries
        ]
        out.append(Alert("warning", t(code(stack.stack), ": tenants whose data changes country:"), _more(rows, limit)))
    return out


def _rule(links: Links, rule_id: str) -> Span:
    anchor = (links.anchors or {}).get(rule_id)
    return link(rule_id, f"{links.rules}#{anchor}") if anchor and rule_id else rule_id or "-"


def _key(problem: Problem) -> str:
    """The key path before a problem's message, unless it only repeats the file and line it is at
    (a problem in an exemptions file is located by its line, not by a key of the spec)."""
    source = problem.source
    if source is not None and problem.path == f"{source.file}:{source.line}":
        return ""
    return f"{problem.path}: "


def _source(source: SpecLocation | None) -> Text:
    return t(code(f"{source.file}:{source.line}")) if source and source.line else t()


def _stack_blocks(stack: StackReview, links: Links, level: int) -> list[Block]:
    out: list[Block] = [Heading(4, t(code(stack.stack), f": {verdict_line(stack)}"))]
    if stack.verdict == "invalid":
        rows: list[Row] = [(t(code(p.path)), _source(p.source), t(_one_line(p.message))) for p in stack.problems]
        return out + _table(("key", "where", "problem"), rows, level)
    if level == SUMMARY:
        return out
    if stack.violations:
        rows = [
            (t(v.level), t(_rule(links, v.rule_id)), t(code(_short(v.urn))), _source(v.source), t(v.message))
            for v in stack.violations
        ]
        table = _table(("level", "rule", "resource", "spec", "finding"), rows, level)
        out.append(Details(f"Policy violations ({len(stack.violations)})", tuple(table)))
    changes = stack.changes
    if changes is not None:
        if changes.moves:
            rows = [
                (t(m.tenant), t(", ".join(m.before) or "(new tenant)"), t(", ".join(m.after) or "(removed)"))
                for m in changes.moves
            ]
            table = _table(("tenant", "from", "to"), rows, level)
            out.append(Details(f"Tenant moves ({len(changes.moves)})", tuple(table)))
        if changes.drains:
            rows = [(t(d.tenant), t(d.cluster), t(_drain_step(d))) for d in changes.drains]
            table = _table(("tenant", "leaving", "step"), rows, level)
            out.append(
                Details(f"Drains ({len(changes.drains)})", (*table, Para(t(link("How a drain works", OPERATING)))))
            )
        order = {"replace": 0, "delete": 1, "update": 2, "create": 3}
        ordered = sorted(changes.resources, key=lambda r: (order[r.action], r.urn))
        rows = [
            (
                t(_step(r) + (" (protected)" if r.protected else "")),
                t(code(_short(r.urn))),
                t(_kind(r.type)),
                t(_change_text(r, level)),
            )
            for r in ordered
        ]
        if rows:
            table = _table(("change", "resource", "type", "what changes"), rows, level)
            out.append(Details(f"Resource changes ({len(changes.resources)})", tuple(table)))
        else:
            out.append(Para(t("No resource changes.")))
        if changes.new_violations:
            out.append(Para(t(f"New violations in this change: {len(changes.new_violations)}")))
    diagram = mermaid(stack) if level in (FULL, COMPACT) else None
    if diagram is not None:
        out.append(Details("Fleet map", (Diagram(diagram),)))
    cordoned = stack.cordoned
    rows = [
        tuple(t(v) for v in (c.name, c.cloud, c.region, c.country, c.residency or "-", "cordoned" if c.cordoned else "",
                             str(sum(c.name in tenant.clusters for tenant in stack.tenants))))
        for c in stack.clusters
    ]  # fmt: skip
    summary = f"Clusters ({len(stack.clusters)})" + (f", cordoned: {', '.join(cordoned)}" if cordoned else "")
    table = _table(("cluster", "cloud", "region", "country", "regime", "state", "tenants"), rows, level)
    out.append(Details(summary, tuple(table)))
    rows = [
        tuple(
            t(v) for v in (x.name, x.isolation, x.regime, ", ".join(x.clusters) + _leaving(x), ", ".join(x.countries))
        )
        for x in stack.tenants
    ]
    table = _table(("tenant", "isolation", "regime", "clusters", "countries"), rows, level)
    out.append(Details(f"Tenants and residency ({len(stack.tenants)})", tuple(table)))
    if stack.versions:
        rows = [
            tuple(t(x) for x in (v.cluster, v.cloud, f"{v.before} → {v.version}" if v.before and v.before != v.version
                                 else v.version, v.wave or "-", v.end_of_standard, str(v.days_left), v.phase,
                                 f"${v.extended_cost_per_month}" if v.extended_cost_per_month else "-"))
            for v in stack.versions
        ]  # fmt: skip
        headers = ("cluster", "cloud", "minor", "wave", "standard support ends", "days left", "phase",
                   "extended, per month")  # fmt: skip
        table = _table(headers, rows, level)
        out.append(Details(f"Kubernetes support as of {stack.as_of}:{_deadline(stack)}", tuple(table)))
    if stack.live is not None:
        live = stack.live
        rows = [tuple(t(x) for x in (c.cluster, c.declared, c.room, c.placed, c.how)) for c in live.clusters]
        table = _table(("cluster", "declared", "room in reality", "placed", "room taken from"), rows, level)
        moved = [
            t(strong(x.tenant), ": ", ", ".join(x.placed), " → ", ", ".join(x.live) or x.why) for x in live.tenants
        ]
        base = "" if live.against_base else " (no base: every placement counts as new)"
        out.append(
            Details(
                f"Live capacity from {live.source}, read {live.as_of}{base}",
                (*table, *((Para(t("Placed elsewhere with live numbers:")), Items(tuple(moved))) if moved else ())),
            )
        )
    if stack.protected:
        protected = _more([t(code(_short(u)), f" ({_urn_kind(u)})") for u in stack.protected], ROWS.get(level))
        out.append(Details(f"Protected resources ({len(stack.protected)})", (Items(protected),)))
    return out


def _summary_rows(review: Review) -> list[Row]:
    rows: list[Row] = []
    for stack in review.stacks:
        c = counts(stack)
        violations = f"{len(stack.mandatory)} mandatory, {len(stack.advisory)} advisory" if stack.violations else "-"
        numbers = (c["added"], c["removed"], c["changed"], c["replaced"], c["dangerous"], c["moves"], c["countries"])
        # Without --base nothing was compared: a 0 would claim there is no change.
        shown = [str(n) if stack.changes is not None else "not compared" for n in numbers]
        rows.append((t(code(stack.stack)), t(VERDICT_MARK[stack.verdict]), *(t(n) for n in shown), t(violations)))
    return rows


def _blocks(review: Review, links: Links, level: int) -> list[Block]:
    bases = sorted({s.changes.base for s in review.stacks if s.changes is not None})
    blocked = sum(s.verdict != "pass" for s in review.stacks)
    count = f" ({blocked} of {len(review.stacks)} stacks)" if blocked else f" ({len(review.stacks)} stacks)"
    head = t(
        f"fleet review: {VERDICT_MARK[review.verdict]}", *((" vs ", code(", ".join(bases))) if bases else ()), count
    )
    out: list[Block] = [
        Heading(3, head),
        Table(
            ("stack", "verdict", "added", "removed", "changed", "replaced", "dangerous", "tenant moves",
             "country changes", "violations"),
            tuple(_summary_rows(review)),
        ),
    ]  # fmt: skip
    for stack in review.stacks:
        out += _alerts(stack, level)
    quiet = [s.stack for s in review.stacks if s.unchanged]
    for stack in review.stacks:
        if stack.stack not in quiet:
            out += _stack_blocks(stack, links, level)
    if quiet:
        names: list[Span] = []
        for index, name in enumerate(quiet):
            names += [", "] if index else []
            names.append(code(name))
        out.append(Para(t("No changes and no findings: ", *names, ".")))
    if level != FULL:
        out.append(_cut_note(links))
    return out


def _cut_note(links: Links) -> Para:
    where = link("the full report", links.artifact) if links.artifact else "the full report (the job's artifact)"
    return Para(t("Details are cut to fit a comment; see ", where, "."))


def markdown(review: Review, links: Links | None = None, budget: int = BUDGET) -> str:
    """The comment: the fullest rendering that fits ``budget`` characters. When even the summary
    does not (hundreds of stacks), whole blocks and table rows are kept while they fit, never part
    of one, and the note with the link to the full report ends it."""
    links = links or Links()
    for level in (FULL, COMPACT, TIGHT, SUMMARY):
        blocks = _blocks(review, links, level)
        text = write_markdown(blocks)
        if len(text) <= budget:
            return text
    note = _cut_note(links)
    kept: list[Block] = []
    for block in blocks[:-1]:  # the last is the cut note
        if len(write_markdown([*kept, block, note])) <= budget:
            kept.append(block)
            continue
        if isinstance(block, Table):
            rows = list(block.rows)
            while rows and len(write_markdown([*kept, Table(block.headers, tuple(rows)), note])) > budget:
                rows = rows[: len(rows) * 9 // 10]
            if rows:
                kept.append(Table(block.headers, tuple(rows)))
        break
    return write_markdown([*kept, note])


# ---------------------------------------------------------------- text


def _versions_text(stack: StackReview) -> list[str]:
    if not stack.versions:
        return []
    out = [f"kubernetes support as of {stack.as_of}:" + _deadline(stack)]
    for v in stack.versions:
        if v.refused:
            out.append(f"  !! REFUSED: {'new cluster ' if v.new else ''}{v.cluster}: {v.refused}")
        elif v.held:
            out.append(f"  !! HELD: {v.cluster} ({v.before} -> {v.version}): {v.held}")
        elif v.phase != "standard":
            out.append(f"  !! {v.cluster}: {_support(v)}")
        else:
            moved = f"{v.before} -> " if v.before and v.before != v.version else ""
            wave = f", wave {v.wave}" if v.wave else ""
            out.append(f"  {v.cluster}: {moved}{v.version} until {v.end_of_standard} ({v.days_left} days{wave})")
    return out


def _live_text(stack: StackReview) -> list[str]:
    live = stack.live
    if live is None:
        return []
    base = "" if live.against_base else "; no base: every placement counts as new"
    out = [f"live capacity from {live.source} (stack {live.stack}, read {live.as_of}{base}):"]
    for c in live.clusters:
        out.append(f"  {c.cluster}: room {c.room} of declared {c.declared}, placed {c.placed} ({c.how})")
    for x in live.tenants:
        if x.new:
            out.append(f"  !! BLOCKED: {x.tenant}: {_live_reason(x)}")
        else:
            out.append(f"  {x.tenant}: stays on {', '.join(x.placed)}; live numbers would place it on "
                       f"{', '.join(x.live) or 'no cluster'}")  # fmt: skip
    return out


def _deadline(stack: StackReview) -> str:
    first = versions.oldest(stack.versions)
    if first is None:
        return ""
    return f" the first cluster to move is {first.cluster} ({first.version}), by {first.end_of_standard}"


def text(review: Review) -> str:
    out: list[str] = []
    for stack in review.stacks:
        out += [f"== {stack.stack} ({stack.stack_file}) ==", verdict_line(stack)]
        if stack.problems:
            for p in stack.problems:
                where = f"{p.source.file}:{p.source.line}: {_key(p)}" if p.source else f"{p.path}: "
                out.append(f"  {where}{_one_line(p.message)}")
            continue
        out.append("clusters:")
        for c in stack.clusters:
            state = " cordoned" if c.cordoned else ""
            out.append(f"  {c.name:28} {c.cloud:8} {c.region:20} {c.country}  {c.residency or ''}{state}")
        out.append("tenants:")
        for x in stack.tenants:
            out.append(
                f"  {x.name:20} {x.isolation:10} {x.regime:8} -> {', '.join(x.clusters)} ({', '.join(x.countries)})"
                + _leaving(x)
            )
        out += _versions_text(stack)
        out += _live_text(stack)
        if stack.violations:
            out.append("violations:")
            for v in stack.violations:
                where = f" [{v.source.file}:{v.source.line}]" if v.source and v.source.line else ""
                out.append(f"  {v.level:9} {v.rule_id} {_short(v.urn)}{where}: {v.message}")
        changes = stack.changes
        if changes is not None:
            out.append(f"changes against {changes.base}:")
            for r in changes.blocked_deletions:
                what = f"{_step(r).upper()} of protected {_kind(r.type)} {_short(r.urn)}"
                out.append(f"  !! BLOCKED: {what}; {_way_out(r, changes)}")
            for r in changes.refused:
                out.append(f"  !! REFUSED: {_step(r).upper()} of {_kind(r.type)} {_short(r.urn)}: {r.refused}")
            for r in changes.dangerous:
                if not r.protected:
                    out.append(f"  !! {_step(r).upper()} {_kind(r.type)} {_short(r.urn)} (dangerous)")
            for r in changes.without_effect:
                for change in r.values:
                    out.append(
                        f"  !! NO EFFECT: {_kind(r.type)} {_short(r.urn)}: {change.key} {change.old} -> {change.new} "
                        "(set only at creation: ignoreChanges)"
                    )
            for country in changes.countries:
                out.append(
                    f"  !! {country.tenant} ({country.regime}) moves countries: "
                    f"{', '.join(country.before)} -> {', '.join(country.after)}"
                )
            for m in changes.moves:
                before, after = ", ".join(m.before) or "(new tenant)", ", ".join(m.after) or "(removed)"
                out.append(f"  tenant {m.tenant}: {before} -> {after}")
            for d in changes.drains:
                out.append(f"  drain {d.tenant} from {d.cluster}: {_drain_step(d)}")
            n = counts(stack)
            totals = f"{n['added']} added, {n['removed']} removed, {n['changed']} changed, {n['replaced']} replaced"
            out.append(f"  resources: {totals}")
            for r in [r for r in changes.resources if r.action in ("update", "replace")][:40]:
                out.append(f"    {'±' if r.action == 'replace' else '~'} {_short(r.urn)}: {_change_text(r, COMPACT)}")
            for v in changes.new_violations:
                out.append(f"  new violation: {v.level} {v.rule_id} {_short(v.urn)}")
        if stack.cordoned:
            out.append(f"cordoned clusters: {', '.join(stack.cordoned)}")
        out.append(f"protected resources ({len(stack.protected)}):")
        out += [f"  {_short(u)}" for u in stack.protected]
        out.append("")
    # For a terminal: no value from a stack file may move the cursor, recolour or reorder a line,
    # nor start one (a newline in a name is shown, not obeyed): each line is escaped on its own.
    return "\n".join(terminal(line) for line in out)


# ---------------------------------------------------------------- SARIF


def _uri(path: str) -> str:
    """A relative path as SARIF's artifactLocation.uri, a relative URI reference: percent-encoded
    (a "#", "?", ":" or space in a file name is part of the path, not a fragment, query or scheme),
    and never starting with "//", which would make the next segment a host."""
    uri = quote(path, safe="/")
    return "%2F" + uri[1:] if uri.startswith("//") else uri


def sarif(review: Review, links: Links | None = None, version: str = "") -> str:
    """SARIF 2.1.0 for GitHub code scanning: policy violations and spec problems, each at the line
    of the spec entry that caused it."""
    links = links or Links()
    rules: dict[str, dict[str, object]] = {}
    results = []

    def add(rule_id: str, level: str, message: str, file: str, line: int, name: str = "", key: str = "") -> None:
        if rule_id not in rules:
            anchor = (links.anchors or {}).get(rule_id)
            help_uri = f"{links.rules}#{anchor}" if anchor and links.rules.startswith("https://") else None
            rules[rule_id] = {
                "id": rule_id,
                "name": name or rule_id,
                "shortDescription": {"text": name or rule_id},
                "fullDescription": {"text": name or rule_id},
                **({"helpUri": help_uri, "help": {"text": f"What {rule_id} protects and how to comply: {help_uri}"}}
                   if help_uri else {}),
            }  # fmt: skip
        results.append(
            {
                "ruleId": rule_id,
                "level": level,
                "message": {"text": message},
                # GitHub places an alert on a line: the spec entry's, or the stack file's first.
                "locations": [
                    {"physicalLocation": {"artifactLocation": {"uri": _uri(file)}, "region": {"startLine": line or 1}}}
                ],
                # The same finding keeps its identity when lines move (GitHub matches alerts by these).
                "partialFingerprints": {
                    "fleetFinding/v1": hashlib.sha256(f"{rule_id}\0{key or message}".encode()).hexdigest()
                },
            }
        )

    for stack in review.stacks:
        for problem in stack.problems:
            source = problem.source
            file, line = (source.file, source.line) if source else (stack.stack_file, 0)
            add("FLEET-SPEC", "error", f"{_key(problem)}{problem.message}", file, line, "The fleet spec is invalid")
        for v in stack.violations:
            if v.level not in SARIF_LEVEL:
                continue
            file, line = (v.source.file, v.source.line) if v.source else (stack.stack_file, 0)
            add(
                v.rule_id or v.policy,
                SARIF_LEVEL[v.level],
                f"{stack.stack}: {_short(v.urn)}: {v.message}",
                file,
                line,
                v.policy,
                f"{stack.stack}\0{v.urn}\0{v.message}",
            )
        for r in stack.changes.refused if stack.changes else ():
            message = f"{stack.stack}: {r.action} of {_kind(r.type)} {_short(r.urn)}: {r.refused}"
            add("FLEET-DEPLOY-REFUSED", "error", message, stack.stack_file, 0, "The cloud refuses a change")
        changes = stack.changes or Changes("", ())
        for r in changes.blocked_deletions:
            message = f"{stack.stack}: {r.action} of protected {_kind(r.type)} {_short(r.urn)}: {_way_out(r, changes)}"
            add("FLEET-DEPLOY-PROTECTED", "error", message, stack.stack_file, 0, "A protected resource is deleted")
        if stack.live is not None:
            read = f"{stack.live.source}, read {stack.live.as_of}"
            for x in stack.live.blocked:
                message = f"{stack.stack}: tenant {x.tenant}: {_live_reason(x)} ({read})"
                add(
                    "FLEET-CAPACITY-LIVE", "error", message, stack.stack_file, 0, "A tenant is placed on a full cluster"
                )
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "fleet review",
                        "version": version,
                        "rules": list(rules.values()),
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(document, indent=2)


# ---------------------------------------------------------------- formats


def _json(review: Review, **_: object) -> str:
    return json.dumps(to_json(review), indent=2) + "\n"


FORMATS: Formats[Review] = Formats(
    {
        "text": lambda review, **_: text(review) + "\n",
        "markdown": lambda review, links=None, **_: markdown(review, links),
        "json": _json,
        "sarif": lambda review, links=None, version="", **_: sarif(review, links, version) + "\n",
    }
)
