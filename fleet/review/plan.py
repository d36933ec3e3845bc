"""`fleet plan`: the resource tree a stack would create, as text or stable JSON."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from typing import Any

from fleet.core import calendar
from fleet.review.render import MOCK_SUFFIX, Rendering
from fleet.review.secrets import redact
from fleet.spec import Fleet


def placement_json(fleet: Fleet) -> dict[str, Any]:
    return {"tenants": {name: p.as_dict() for name, p in fleet.tenant_placements().items()}}


MOCK_NOTE = (
    "values the clouds would compute (IDs, ARNs, endpoints, account and subscription IDs, what data "
    "sources return) are made up offline by fleet's mocks; they are marked mock"
)


class MockValues:
    """Finds the made-up values in rendered inputs and outputs."""

    def __init__(self, invented: frozenset[str]) -> None:
        # One alternation, longest first, so a value that contains another is found whole.
        ordered = sorted(invented, key=len, reverse=True)
        self.pattern = re.compile("|".join(map(re.escape, ordered))) if ordered else None

    def contains(self, text: str) -> bool:
        return self.pattern is not None and self.pattern.search(text) is not None

    def paths(self, value: Any, path: str = "") -> list[str]:
        """The key paths (``a.b[0].c``) of the strings in ``value`` that hold a made-up value."""
        if isinstance(value, str):
            return [path] if self.contains(value) else []
        if isinstance(value, dict):
            return [p for k, v in value.items() for p in self.paths(v, f"{path}.{k}" if path else str(k))]
        if isinstance(value, (list, tuple)):
            return [p for i, v in enumerate(value) for p in self.paths(v, f"{path}[{i}]")]
        return []


def to_json(rendering: Rendering, fleet: Fleet | None = None) -> dict[str, Any]:
    mock = MockValues(rendering.mock_values)
    resources = []
    for r in sorted([*rendering.resources, *rendering.reads], key=lambda r: r.urn):
        inputs = redact(r.inputs)
        entry: dict[str, Any] = {
            "urn": r.urn,
            "type": r.type,
            "name": r.name,
            "parent": r.parent,
            "provider": r.provider,
            "inputs": inputs,
            "protect": r.protect,
            **({"read": True} if r.read else {}),
        }
        mocked = mock.paths(inputs)
        if mocked:
            entry["mockInputs"] = mocked
        resources.append(entry)
    outputs = redact(rendering.outputs)
    return {
        "project": rendering.project,
        "stack": rendering.stack,
        "mock": MOCK_NOTE + " in resources[].mockInputs and mockOutputs (key paths)",
        "resources": resources,
        "outputs": outputs,
        "mockOutputs": mock.paths(outputs),
        **(placement_json(fleet) if fleet is not None else {}),
    }


def to_text(rendering: Rendering, fleet: Fleet | None = None, as_of: dt.date | None = None) -> str:
    """One tree per cluster, with its tenants under it; then the inventory and the placement."""
    # Registration order depends on the event loop; sort so the same stack prints the same tree.
    children: dict[str | None, list] = defaultdict(list)
    # Reads (objects made elsewhere) hang under their components too, marked as such.
    for resource in sorted([*rendering.resources, *rendering.reads], key=lambda r: (r.name, r.type)):
        children[resource.parent].append(resource)
    lines = [f"stack {rendering.project}/{rendering.stack}: {len(rendering.resources)} resources ({MOCK_NOTE})"]
    mock = MockValues(rendering.mock_values)

    def walk(urn: str, prefix: str) -> None:
        kids = children.get(urn, [])
        for index, child in enumerate(kids):
            last = index == len(kids) - 1
            marker = " [protected]" if child.protect else " [read: checked, not managed]" if child.read else ""
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
            endpoint = str(item["endpoint"])
            # An existing cluster's endpoint comes from the stand-in kubeconfig of an offline render.
            label = " (mock)" if mock.contains(endpoint) or endpoint.endswith(MOCK_SUFFIX) else ""
            lines.append(f"  {name}: {item['cloud']} {item['region']} ({item['country']}) {endpoint}{label}")
    if fleet is not None and fleet.spec.tenants:
        lines += ["", "placement:"]
        for tenant in fleet.spec.tenants:
            clusters = fleet.placement.assignments[tenant.name]
            lines.append(f"  {tenant.name} ({tenant.isolation}, regime {tenant.residency}) -> {', '.join(clusters)}")
            lines.append(f"      {fleet.placement.reasons[tenant.name]}")
            lines += [f"      leaving {e.cluster}: {'data moved' if e.data_moved else 'kept'}" for e in tenant.leaving]
    if fleet is not None and as_of is not None:
        lines += ["", *support_lines(fleet, as_of)]
    return "\n".join(lines)


def support_lines(fleet: Fleet, as_of: dt.date) -> list[str]:
    """Each built cluster's minor against its cloud's support calendar (fleet.core.calendar)."""
    lines = [f"kubernetes support as of {as_of.isoformat()}:"]
    for cluster in fleet.deployed_clusters:
        found = calendar.support(cluster.cloud, cluster.kubernetes_version, as_of)
        if found is not None:
            mark = {"standard": "", "ending": " (advisory: within 90 days)", "past": " (past: upgrade)"}[found.phase]
            lines.append(f"  {cluster.name}: {found.describe()}{mark}")
    return lines
