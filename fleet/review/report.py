"""A review as text (terminals), markdown (the pull-request comment) and SARIF (code scanning).

The markdown leads with one summary table over every stack, then what blocks or endangers data,
then per-stack detail in collapsed sections; a stack with nothing to say is one line. It is made
to fit a GitHub comment (65,536 characters) at any fleet size: when the full text does not fit,
details are cut in steps down to the summary, and the rest is in the full report, the artifact.
The Mermaid map stays under Mermaid's 500-edge limit by drawing regions instead of clusters
(and only the clusters a change touches) when the fleet is large.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from fleet.review.document import Changes, ResourceChange, Review, StackReview, Violation

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

    def rule(self, rule_id: str) -> str:
        anchor = (self.anchors or {}).get(rule_id)
        return f"[{rule_id}]({self.rules}#{anchor})" if anchor and rule_id else rule_id or "-"


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


def _kind(type_: str) -> str:
    return type_.rsplit(":", 1)[-1]


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(header: list[str], rows: Iterable[list[str]]) -> list[str]:
    return [
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
        *("| " + " | ".join(_cell(c) for c in row) + " |" for row in rows),
    ]


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
    head = f"BLOCKED: {', '.join(reasons)}" if reasons else "PASS"
    warnings = []
    if stack.advisory:
        warnings.append(f"{len(stack.advisory)} advisory")
    if c["dangerous"]:
        warnings.append(f"{c['dangerous']} deletions or replacements of stateful or protected resources")
    if c["countries"]:
        warnings.append(f"{c['countries']} tenants change countries")
    return f"{head} ({'; '.join(parts)})" + (f"; WARNING: {', '.join(warnings)}" if warnings else "")


# ---------------------------------------------------------------- Mermaid


def _id(*parts: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]", "_", "_".join(parts))


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
        lines.append(f'  {cloud_id}["{cloud.upper()}"]')
        for (c, region), names in sorted(regions.items()):
            if c != cloud:
                continue
            region_id = _id("region", cloud, region)
            shown = [n for n in names if expand(n)]
            hidden = len(names) - len(shown)
            tenants = sum(len(on_cluster.get(n, [])) for n in names if n not in shown)
            label = region + (f": {hidden} clusters, {tenants} tenant placements" if hidden else "")
            lines.append(f'  {cloud_id} --> {region_id}["{label}"]')
            for name in shown:
                cluster = by_name[name]
                cluster_id = _id("cluster", name)
                marks = (f" [{cluster.residency}]" if cluster.residency else "") + (
                    " (cordoned)" if cluster.cordoned else ""
                )
                lines.append(f'  {region_id} --> {cluster_id}["{name}{marks}"]')
                for index, tenant in enumerate(on_cluster.get(name, [])):
                    lines.append(f'  {cluster_id} --> {_id("tenant", name, str(index))}(["{tenant}"])')
    return "\n".join(lines)


# ---------------------------------------------------------------- markdown

FULL, COMPACT, SUMMARY = 0, 1, 2
ROWS = {FULL: None, COMPACT: 40}


def _details(summary: str, body: list[str]) -> list[str]:
    return [f"<details><summary>{summary}</summary>", "", *body, "", "</details>", ""]


def _cut(rows: list[list[str]], level: int, width: int) -> tuple[list[list[str]], int]:
    limit = ROWS.get(level)
    if limit is None or len(rows) <= limit:
        return rows, 0
    return rows[:limit], len(rows) - limit


def _change_text(change: ResourceChange, level: int) -> str:
    shown = change.values if level == FULL else change.values[:4]
    parts = [f"{v.key}: {v.old} → {v.new}" + (" (forces replacement)" if v.forces_replacement else "") for v in shown]
    if len(change.values) > len(shown):
        parts.append(f"… {len(change.values) - len(shown)} more")
    if change.dependents:
        parts.append(f"{len(change.dependents)} dependents: " + ", ".join(_short(u) for u in change.dependents[:5]))
    return "; ".join(parts)


def _way_out(change: ResourceChange) -> str:
    what = "replacement" if change.action == "replace" else "deletion"
    return (
        f"`pulumi state unprotect '{change.urn}'` first if the {what} is intended; otherwise keep it "
        "(an `aliases` entry for a rename, or move the data first)"
    )


def _alerts(stack: StackReview, level: int) -> list[str]:
    out: list[str] = []
    changes = stack.changes
    if changes is None:
        return out
    limit = None if level == FULL else 20
    blocked = changes.blocked_deletions
    if blocked:
        out += [
            "> [!CAUTION]",
            f"> `{stack.stack}`: the deploy would delete or replace {len(blocked)} protected resources. "
            "`pulumi up` refuses each one and stops half-way, with the resources before it already changed:",
        ]
        out += [f"> - `{_short(r.urn)}` ({_kind(r.type)}, {r.action}): {_way_out(r)}" for r in blocked[:limit]]
        if limit is not None and len(blocked) > limit:
            out.append(f"> - … and {len(blocked) - limit} more")
        out.append("")
    unprotected = [r for r in changes.dangerous if not r.protected]
    if unprotected:
        out += ["> [!WARNING]", f"> `{stack.stack}`: deletes or replaces resources that hold data:"]
        out += [f"> - `{_short(r.urn)}` ({_kind(r.type)}, {r.action})" for r in unprotected[:limit]]
        if limit is not None and len(unprotected) > limit:
            out.append(f"> - … and {len(unprotected) - limit} more")
        out.append("")
    if changes.countries:
        out += ["> [!WARNING]", f"> `{stack.stack}`: tenants whose data changes country:"]
        out += [
            f"> - **{c.tenant}** ({c.regime}): {', '.join(c.before) or '-'} -> {', '.join(c.after) or '-'}"
            for c in changes.countries[:limit]
        ]
        out.append("")
    return out


def _violation_rows(violations: Iterable[Violation], links: Links) -> list[list[str]]:
    return [
        [
            v.level,
            links.rule(v.rule_id),
            f"`{_short(v.urn)}`",
            f"{v.source.file}:{v.source.line}" if v.source and v.source.line else "",
            v.message,
        ]
        for v in violations
    ]


def _stack_markdown(stack: StackReview, links: Links, level: int) -> list[str]:
    out = [f"#### `{stack.stack}`: {verdict_line(stack)}", ""]
    if stack.verdict == "invalid":
        rows = [
            [f"`{p.path}`", f"{p.source.file}:{p.source.line}" if p.source else "", p.message] for p in stack.problems
        ]
        rows, more = _cut(rows, level, 3)
        out += _table(["key", "where", "problem"], rows)
        out += [f"… and {more} more in the full report", ""] if more else [""]
        return out
    if level == SUMMARY:
        return out
    if stack.violations:
        rows, more = _cut(_violation_rows(stack.violations, links), level, 5)
        body = _table(["level", "rule", "resource", "spec", "finding"], rows) + (
            ["", f"… and {more} more"] if more else []
        )
        out += _details(f"Policy violations ({len(stack.violations)})", body)
    changes = stack.changes
    if changes is not None:
        if changes.moves:
            rows = [[m.tenant, ", ".join(m.before) or "-", ", ".join(m.after) or "-"] for m in changes.moves]
            rows, more = _cut(rows, level, 3)
            out += _details(
                f"Tenant moves ({len(changes.moves)})",
                _table(["tenant", "from", "to"], rows) + ([f"… and {more} more"] if more else []),
            )
        order = {"replace": 0, "delete": 1, "update": 2, "create": 3}
        ordered = sorted(changes.resources, key=lambda r: (order[r.action], r.urn))
        rows = [
            [
                r.action + (" (protected)" if r.protected else ""),
                f"`{_short(r.urn)}`",
                _kind(r.type),
                _change_text(r, level),
            ]
            for r in ordered
        ]
        if rows:
            rows, more = _cut(rows, level, 4)
            body = _table(["change", "resource", "type", "what changes"], rows) + (
                ["", f"… and {more} more"] if more else []
            )
            out += _details(f"Resource changes ({len(changes.resources)})", body)
        else:
            out += ["No resource changes.", ""]
        if changes.new_violations:
            out += [f"New violations in this change: {len(changes.new_violations)}", ""]
    diagram = mermaid(stack)
    if diagram is not None:
        out += _details("Fleet map", ["```mermaid", diagram, "```"])
    cordoned = stack.cordoned
    rows = [
        [c.name, c.cloud, c.region, c.country, c.residency or "-", "cordoned" if c.cordoned else "",
         str(sum(c.name in t.clusters for t in stack.tenants))]
        for c in stack.clusters
    ]  # fmt: skip
    rows, more = _cut(rows, level, 7)
    summary = f"Clusters ({len(stack.clusters)})" + (f", cordoned: {', '.join(cordoned)}" if cordoned else "")
    out += _details(
        summary,
        _table(["cluster", "cloud", "region", "country", "regime", "state", "tenants"], rows)
        + ([f"… and {more} more"] if more else []),
    )
    rows = [[t.name, t.isolation, t.regime, ", ".join(t.clusters), ", ".join(t.countries)] for t in stack.tenants]
    rows, more = _cut(rows, level, 5)
    out += _details(
        f"Tenants and residency ({len(stack.tenants)})",
        _table(["tenant", "isolation", "regime", "clusters", "countries"], rows)
        + ([f"… and {more} more"] if more else []),
    )
    protected = [f"- `{_short(u)}`" for u in stack.protected]
    limit = ROWS.get(level)
    if limit is not None and len(protected) > limit:
        protected = [*protected[:limit], f"- … and {len(protected) - limit} more"]
    if protected:
        out += _details(f"Protected resources ({len(stack.protected)})", protected)
    return out


def _summary_rows(review: Review) -> list[list[str]]:
    rows = []
    for stack in review.stacks:
        c = counts(stack)
        violations = f"{len(stack.mandatory)} mandatory, {len(stack.advisory)} advisory" if stack.violations else "-"
        rows.append(
            [f"`{stack.stack}`", VERDICT_MARK[stack.verdict], str(c["added"]), str(c["removed"]), str(c["changed"]),
             str(c["replaced"]), str(c["dangerous"]), str(c["moves"]), str(c["countries"]), violations]
        )  # fmt: skip
    return rows


def _markdown(review: Review, links: Links, level: int) -> str:
    bases = {s.changes.base for s in review.stacks if s.changes is not None}
    against = f" vs `{', '.join(sorted(bases))}`" if bases else ""
    blocked = sum(s.verdict != "pass" for s in review.stacks)
    out = [
        f"### fleet review: {VERDICT_MARK[review.verdict]}{against}"
        + (f" ({blocked} of {len(review.stacks)} stacks)" if blocked else f" ({len(review.stacks)} stacks)"),
        "",
    ]
    out += _table(
        ["stack", "verdict", "added", "removed", "changed", "replaced", "dangerous", "tenant moves", "country changes",
         "violations"],
        _summary_rows(review),
    )  # fmt: skip
    out.append("")
    for stack in review.stacks:
        out += _alerts(stack, level)
    quiet = [s.stack for s in review.stacks if s.unchanged]
    for stack in review.stacks:
        if stack.stack not in quiet:
            out += _stack_markdown(stack, links, level)
    if quiet:
        out += [f"No changes and no findings: {', '.join(f'`{s}`' for s in quiet)}.", ""]
    if level != FULL:
        where = f"[the full report]({links.artifact})" if links.artifact else "the full report (the job's artifact)"
        out += [f"Details are cut to fit a comment; see {where}.", ""]
    return "\n".join(out)


def markdown(review: Review, links: Links | None = None, budget: int = BUDGET) -> str:
    """The comment: the fullest rendering that fits ``budget`` characters."""
    links = links or Links()
    for level in (FULL, COMPACT, SUMMARY):
        text = _markdown(review, links, level)
        if len(text) <= budget:
            return text
    return text[: budget - 80] + "\n\n… cut to fit a comment; see the full report (the job's artifact).\n"


# ---------------------------------------------------------------- text


def text(review: Review) -> str:
    out: list[str] = []
    for stack in review.stacks:
        out += [f"== {stack.stack} ({stack.stack_file}) ==", verdict_line(stack)]
        if stack.problems:
            out += [
                f"  {p.source.file}:{p.source.line}: {p.path}: {p.message}" if p.source else f"  {p.path}: {p.message}"
                for p in stack.problems
            ]
            continue
        out.append("clusters:")
        for c in stack.clusters:
            state = " cordoned" if c.cordoned else ""
            out.append(f"  {c.name:28} {c.cloud:8} {c.region:20} {c.country}  {c.residency or ''}{state}")
        out.append("tenants:")
        for t in stack.tenants:
            out.append(
                f"  {t.name:20} {t.isolation:10} {t.regime:8} -> {', '.join(t.clusters)} ({', '.join(t.countries)})"
            )
        if stack.violations:
            out.append("violations:")
            for v in stack.violations:
                where = f" [{v.source.file}:{v.source.line}]" if v.source and v.source.line else ""
                out.append(f"  {v.level:9} {v.rule_id} {_short(v.urn)}{where}: {v.message}")
        changes = stack.changes
        if changes is not None:
            out.append(f"changes against {changes.base}:")
            for r in changes.blocked_deletions:
                out.append(
                    f"  !! BLOCKED: {r.action.upper()} of protected {_kind(r.type)} {_short(r.urn)}; {_way_out(r)}"
                )
            for r in changes.dangerous:
                if not r.protected:
                    out.append(f"  !! {r.action.upper()} {_kind(r.type)} {_short(r.urn)} (holds data)")
            for country in changes.countries:
                out.append(
                    f"  !! {country.tenant} ({country.regime}) moves countries: "
                    f"{', '.join(country.before)} -> {', '.join(country.after)}"
                )
            for m in changes.moves:
                out.append(f"  tenant {m.tenant}: {', '.join(m.before) or '-'} -> {', '.join(m.after) or '-'}")
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
    return "\n".join(out)


# ---------------------------------------------------------------- SARIF


def sarif(review: Review, links: Links | None = None, version: str = "") -> str:
    """SARIF 2.1.0 for GitHub code scanning: policy violations and spec problems, each at the line
    of the spec entry that caused it."""
    links = links or Links()
    rules: dict[str, dict[str, object]] = {}
    results = []

    def add(rule_id: str, level: str, message: str, file: str, line: int, name: str = "") -> None:
        if rule_id not in rules:
            anchor = (links.anchors or {}).get(rule_id)
            rules[rule_id] = {
                "id": rule_id,
                "name": name or rule_id,
                "shortDescription": {"text": name or rule_id},
                **({"helpUri": f"{links.rules}#{anchor}"} if anchor and links.rules.startswith("http") else {}),
            }
        location: dict[str, object] = {"artifactLocation": {"uri": file}}
        if line:
            location["region"] = {"startLine": line}
        results.append(
            {
                "ruleId": rule_id,
                "level": level,
                "message": {"text": message},
                "locations": [{"physicalLocation": location}],
            }
        )

    for stack in review.stacks:
        for problem in stack.problems:
            source = problem.source
            file, line = (source.file, source.line) if source else (stack.stack_file, 0)
            add("FLEET-SPEC", "error", f"{problem.path}: {problem.message}", file, line, "The fleet spec is invalid")
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
            )
        for r in stack.changes.blocked_deletions if stack.changes else ():
            message = f"{stack.stack}: {r.action} of protected {_kind(r.type)} {_short(r.urn)}: {_way_out(r)}"
            add("FLEET-DEPLOY-PROTECTED", "error", message, stack.stack_file, 0, "A protected resource is deleted")
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "fleet review",
                        "version": version,
                        "informationUri": "https://github.com/",
                        "rules": list(rules.values()),
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(document, indent=2)
