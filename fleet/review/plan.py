"""`fleet plan`: the resource tree a stack would create, as text or stable JSON."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from fleet.review.render import Rendering
from fleet.review.secrets import redact
from fleet.spec import Fleet


def placement_json(fleet: Fleet) -> dict[str, Any]:
    return {"tenants": {name: p.as_dict() for name, p in fleet.tenant_placements().items()}}


def to_json(rendering: Rendering, fleet: Fleet | None = None) -> dict[str, Any]:
    return {
        "project": rendering.project,
        "stack": rendering.stack,
        "resources": [
            {
                "urn": r.urn,
                "type": r.type,
                "name": r.name,
                "parent": r.parent,
                "provider": r.provider,
                "inputs": redact(r.inputs),
                "protect": r.protect,
            }
            for r in sorted(rendering.resources, key=lambda r: r.urn)
        ],
        "outputs": redact(rendering.outputs),
        **(placement_json(fleet) if fleet is not None else {}),
    }


def to_text(rendering: Rendering, fleet: Fleet | None = None) -> str:
    """One tree per cluster, with its tenants under it; then the inventory and the placement."""
    # Registration order depends on the event loop; sort so the same stack prints the same tree.
    children: dict[str | None, list] = defaultdict(list)
    for resource in sorted(rendering.resources, key=lambda r: (r.name, r.type)):
        children[resource.parent].append(resource)
    lines = [f"stack {rendering.project}/{rendering.stack}: {len(rendering.resources)} resources"]

    def walk(urn: str, prefix: str) -> None:
        kids = children.get(urn, [])
        for index, child in enumerate(kids):
            last = index == len(kids) - 1
            marker = " [protected]" if child.protect else ""
            lines.append(f"{prefix}{'└─ ' if last else '├─ '}{child.type}  {child.name}{marker}")
            walk(child.urn, prefix + ("   " if last else "│  "))

    for top in children.get(None, []):
        marker = " [protected]" if top.protect else ""
        lines.append("")
        lines.append(f"{top.type}  {top.name}{marker}")
        walk(top.urn, "")
    inventory = redact(rendering.outputs).get("inventory", {})
    if inventory:
        lines += ["", "inventory:"]
        for name in sorted(inventory):
            item = inventory[name]
            lines.append(f"  {name}: {item['cloud']} {item['region']} ({item['country']}) {item['endpoint']}")
    if fleet is not None and fleet.spec.tenants:
        lines += ["", "placement:"]
        for tenant in fleet.spec.tenants:
            clusters = fleet.placement.assignments[tenant.name]
            lines.append(f"  {tenant.name} ({tenant.isolation}, regime {tenant.residency}) -> {', '.join(clusters)}")
            lines.append(f"      {fleet.placement.reasons[tenant.name]}")
    return "\n".join(lines)
