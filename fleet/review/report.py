"""The review document and its three renderings: text for terminals, markdown for pull
requests (verdict first, a Mermaid map of the fleet, then tables), and stable JSON."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from fleet.review.policy import Violation

JSON_VERSION = 1


def build(
    snapshot: dict[str, Any],
    violations: list[Violation],
    diff: dict[str, Any] | None = None,
    base_ref: str | None = None,
    new_violations: list[Violation] | None = None,
) -> dict[str, Any]:
    clusters = snapshot["clusters"]
    tenants = snapshot["tenants"]
    counts = Counter(v.level for v in violations)
    resources = snapshot["resources"]
    protected = sorted(r["urn"] for r in resources if r["protect"])
    document = {
        "version": JSON_VERSION,
        "stack": snapshot["stack"],
        "environment": snapshot["environment"],
        "verdict": "blocked" if counts["mandatory"] else "pass",
        "summary": {
            "clusters": len(clusters),
            "tenants": len(tenants),
            "resources": len(resources),
            "protected": len(protected),
            "mandatory": counts["mandatory"],
            "advisory": counts["advisory"],
        },
        "clusters": [{"name": name, **info} for name, info in sorted(clusters.items())],
        "tenants": [
            {"name": name, **{k: v for k, v in info.items() if k != "reason"}, "reason": info["reason"]}
            for name, info in tenants.items()
        ],
        "residency": [
            {
                "tenant": name,
                "regime": info["regime"],
                "placements": [
                    {
                        "cluster": c,
                        "cloud": clusters[c]["cloud"],
                        "region": clusters[c]["region"],
                        "country": clusters[c]["country"],
                    }
                    for c in info["clusters"]
                ],
                "countries": info["countries"],
            }
            for name, info in tenants.items()
        ],
        "violations": [
            {"level": v.level, "rule": v.rule_id, "policy": v.policy, "urn": v.urn, "message": v.message}
            for v in sorted(violations, key=lambda v: (v.level != "mandatory", v.rule_id, v.urn))
        ],
        "resourceTypes": dict(sorted(Counter(r["type"] for r in resources).items())),
        "protectedResources": protected,
        "base": None,
    }
    if diff is not None:
        document["base"] = {
            "ref": base_ref,
            **diff,
            "newViolations": [
                {"level": v.level, "rule": v.rule_id, "urn": v.urn, "message": v.message} for v in new_violations or []
            ],
        }
    return document


def _short(urn: str) -> str:
    return urn.rsplit("::", 1)[-1] if urn else "(stack)"


def verdict_line(doc: dict[str, Any]) -> str:
    s = doc["summary"]
    base = doc["base"]
    parts = [f"{s['clusters']} clusters, {s['tenants']} tenants, {s['resources']} resources"]
    if base is not None:
        parts.append(f"vs {base['ref']}: +{len(base['added'])} -{len(base['removed'])} ~{len(base['changed'])}")
    if doc["verdict"] == "blocked":
        head = f"BLOCKED: {s['mandatory']} mandatory policy violation{'s' if s['mandatory'] != 1 else ''}"
    else:
        head = "PASS: no mandatory policy violations"
    warnings = []
    if s["advisory"]:
        warnings.append(f"{s['advisory']} advisory")
    if base is not None and base["dangerousDeletions"]:
        warnings.append(f"{len(base['dangerousDeletions'])} deletions of protected or stateful resources")
    if base is not None and base["residencyChanges"]:
        warnings.append(f"{len(base['residencyChanges'])} tenants change countries")
    return f"{head} ({'; '.join(parts)})" + (f"; WARNING: {', '.join(warnings)}" if warnings else "")


def _id(*parts: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]", "_", "_".join(parts))


def mermaid(doc: dict[str, Any]) -> str:
    lines = ["flowchart LR"]
    clouds: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for cluster in doc["clusters"]:
        clouds.setdefault(cluster["cloud"], {}).setdefault(f"{cluster['region']} ({cluster['country']})", []).append(
            cluster
        )
    on_cluster: dict[str, list[dict[str, Any]]] = {}
    for tenant in doc["tenants"]:
        for cluster in tenant["clusters"]:
            on_cluster.setdefault(cluster, []).append(tenant)
    for cloud, regions in sorted(clouds.items()):
        cloud_id = _id("cloud", cloud)
        lines.append(f'  {cloud_id}["{cloud.upper()}"]')
        for region, clusters in sorted(regions.items()):
            region_id = _id("region", cloud, region)
            lines.append(f'  {cloud_id} --> {region_id}["{region}"]')
            for cluster in clusters:
                cluster_id = _id("cluster", cluster["name"])
                label = cluster["name"] + (f" [{cluster['residency']}]" if cluster.get("residency") else "")
                lines.append(f'  {region_id} --> {cluster_id}["{label}"]')
                for tenant in on_cluster.get(cluster["name"], []):
                    regime = "" if tenant["regime"] == "none" else f", {tenant['regime']}"
                    lines.append(
                        f"  {cluster_id} --> {_id('tenant', cluster['name'], tenant['name'])}"
                        f'(["{tenant["name"]} ({tenant["isolation"]}{regime})"])'
                    )
    return "\n".join(lines)


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    escape = lambda cell: str(cell).replace("|", "\\|").replace("\n", " ")  # noqa: E731
    return [
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
        *("| " + " | ".join(escape(c) for c in row) + " |" for row in rows),
    ]


def markdown(doc: dict[str, Any]) -> str:
    out = [f"### fleet review `{doc['stack']}`: {verdict_line(doc)}", ""]
    base = doc["base"]
    if base is not None and base["dangerousDeletions"]:
        out += ["> [!CAUTION]", "> This change deletes resources that hold tenant data or are protected:"]
        out += [
            f"> - `{_short(r['urn'])}` ({r['type']}{', protected' if r['protected'] else ''})"
            for r in base["dangerousDeletions"]
        ]
        out.append("")
    if base is not None and base["residencyChanges"]:
        out += ["> [!WARNING]", "> Tenants whose data changes country:"]
        out += [
            f"> - **{c['tenant']}** ({c['regime']}): {', '.join(c['from']) or '-'} -> {', '.join(c['to']) or '-'}"
            for c in base["residencyChanges"]
        ]
        out.append("")
    out += ["```mermaid", mermaid(doc), "```", ""]
    violations = doc["violations"]
    if violations:
        out += ["#### Policy violations", ""]
        out += _table(
            ["level", "rule", "resource", "finding"],
            [[v["level"], v["rule"], f"`{_short(v['urn'])}`", v["message"]] for v in violations],
        )
        out.append("")
    if base is not None:
        out += [f"#### Changes against `{base['ref']}`", ""]
        if base["tenantMoves"]:
            out += _table(
                ["tenant", "from", "to"],
                [[m["tenant"], ", ".join(m["from"]) or "-", ", ".join(m["to"]) or "-"] for m in base["tenantMoves"]],
            )
            out.append("")
        rows = [["added", f"`{_short(r['urn'])}`", r["type"], ""] for r in base["added"]]
        rows += [
            ["removed", f"`{_short(r['urn'])}`", r["type"], "protected" if r["protected"] else ""]
            for r in base["removed"]
        ]
        rows += [
            [
                "changed",
                f"`{_short(r['urn'])}`",
                r["type"],
                ", ".join(r["keys"][:6]) + (" ..." if len(r["keys"]) > 6 else ""),
            ]
            for r in base["changed"]
        ]
        if rows:
            out += ["<details><summary>" + f"{len(rows)} resource changes</summary>", ""]
            out += _table(["change", "resource", "type", "keys"], rows)
            out += ["", "</details>", ""]
        else:
            out += ["No resource changes.", ""]
        if base["newViolations"]:
            out += [f"New violations in this change: {len(base['newViolations'])}", ""]
    out += ["#### Clusters", ""]
    out += _table(
        ["cluster", "cloud", "region", "country", "regime", "tenants"],
        [[c["name"], c["cloud"], c["region"], c["country"], c.get("residency") or "-",
          str(sum(c["name"] in t["clusters"] for t in doc["tenants"]))] for c in doc["clusters"]],
    )  # fmt: skip
    out += ["", "#### Tenants and residency", ""]
    out += _table(
        ["tenant", "isolation", "regime", "clusters", "countries"],
        [[r["tenant"], next(t["isolation"] for t in doc["tenants"] if t["name"] == r["tenant"]), r["regime"],
          ", ".join(p["cluster"] for p in r["placements"]), ", ".join(r["countries"])] for r in doc["residency"]],
    )  # fmt: skip
    out += [
        "",
        f"Protected resources: {doc['summary']['protected']}. Resources by type: "
        + ", ".join(f"{t.split(':')[-1]} {n}" for t, n in doc["resourceTypes"].items()),
        "",
    ]
    return "\n".join(out)


def text(doc: dict[str, Any]) -> str:
    out = [verdict_line(doc), ""]
    out.append("clusters:")
    for c in doc["clusters"]:
        out.append(f"  {c['name']:28} {c['cloud']:6} {c['region']:20} {c['country']}  {c.get('residency') or ''}")
    out.append("tenants:")
    for t in doc["tenants"]:
        clusters, countries = ", ".join(t["clusters"]), ", ".join(t["countries"])
        out.append(f"  {t['name']:20} {t['isolation']:10} {t['regime']:8} -> {clusters} ({countries})")
    if doc["violations"]:
        out.append("violations:")
        out += [f"  {v['level']:9} {v['rule']} {_short(v['urn'])}: {v['message']}" for v in doc["violations"]]
    base = doc["base"]
    if base is not None:
        out.append(f"changes against {base['ref']}:")
        for d in base["dangerousDeletions"]:
            out.append(f"  !! DELETES {d['type']} {_short(d['urn'])}{' (protected)' if d['protected'] else ''}")
        for c in base["residencyChanges"]:
            out.append(
                f"  !! {c['tenant']} ({c['regime']}) moves countries: {', '.join(c['from'])} -> {', '.join(c['to'])}"
            )
        for m in base["tenantMoves"]:
            out.append(f"  tenant {m['tenant']}: {', '.join(m['from']) or '-'} -> {', '.join(m['to']) or '-'}")
        out.append(
            f"  resources: {len(base['added'])} added, {len(base['removed'])} removed, {len(base['changed'])} changed"
        )
        for r in base["changed"][:20]:
            out.append(f"    ~ {_short(r['urn'])}: {', '.join(r['keys'][:6])}")
        for v in base["newViolations"]:
            out.append(f"  new violation: {v['level']} {v['rule']} {_short(v['urn'])}")
    out.append(f"protected resources: {doc['summary']['protected']}")
    return "\n".join(out)
