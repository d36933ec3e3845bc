"""Changes to a spec written as data (tests/e2e/mutations.yaml): set, remove, append at a path."""

from __future__ import annotations

import copy
import re
from typing import Any

_PART = re.compile(r"([^.\[\]]+)|\[([^\]]+)\]")


def _parts(path: str) -> list[str | tuple[str]]:
    """ "tenants[catalog].quota.cpu" -> ["tenants", ("catalog",), "quota", "cpu"]."""
    return [key if key else (selector,) for key, selector in _PART.findall(path)]


def _step(node: Any, part: str | tuple[str]) -> Any:
    if isinstance(part, tuple):
        (selector,) = part
        if selector.isdigit():
            return node[int(selector)]
        return next(item for item in node if item.get("name") == selector)
    return node[part]


def apply(spec: dict[str, Any], ops: list[dict[str, Any]]) -> dict[str, Any]:
    """A copy of ``spec`` with ``ops`` applied in order."""
    changed = copy.deepcopy(spec)
    for op in ops:
        *parents, last = _parts(op["path"])
        node: Any = changed
        for part in parents:
            node = _step(node, part)
        if op["op"] == "append":
            _step(node, last).append(copy.deepcopy(op["value"]))
        elif op["op"] == "remove":
            if isinstance(last, tuple):
                node.remove(_step(node, last))
            else:
                del node[last]
        elif op["op"] == "set":
            if isinstance(last, tuple):
                node[node.index(_step(node, last))] = copy.deepcopy(op["value"])
            else:
                node[last] = copy.deepcopy(op["value"])
        else:
            raise ValueError(f"unknown op {op['op']!r} in {op}")
    return changed
