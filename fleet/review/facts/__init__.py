"""What the providers do that an offline render cannot see, as data taken from their schemas and
documentation, one file per provider package (aws.json, gcp.json, azure.json, kubernetes.json).

``replacements``: per resource type, the inputs whose change makes the provider replace the
resource (delete and create) rather than update it, each with where that is stated.

``refused``: per resource type, changes the provider sends as an in-place update but the cloud
refuses, so `pulumi up` fails part-way (an EKS cluster asked to move to another VPC).

``refresh``: per resource type, inputs whose value the cloud itself sets or changes after create
(an autoscaler's node count, a version the cloud expands, a key it rotates), with the value the
cloud reports. A program that sets such an input without ``ignore_changes`` shows a change on
every run after the first; the offline mocks return these values, and the second-run check
(tests/review/test_second_run.py) holds every stack to it.

A path is dotted, in engine (camelCase) names; it covers everything below it.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

FILES = ("aws", "gcp", "azure", "kubernetes")


@cache
def _load() -> dict[str, dict[str, Any]]:
    merged: dict[str, dict[str, Any]] = {"replacements": {}, "refresh": {}, "refused": {}}
    for name in FILES:
        document = json.loads(resources.files(__package__).joinpath(f"{name}.json").read_text(encoding="utf-8"))
        for section in merged:
            merged[section].update(document.get(section, {}))
    return merged


def replacements() -> dict[str, dict[str, Any]]:
    """type -> {"properties": [paths that force replacement], "source": where that is stated}."""
    return _load()["replacements"]


def refreshed() -> dict[str, dict[str, dict[str, Any]]]:
    """type -> path -> {"value": what the cloud reports, "why": what sets it, "source": ...}."""
    return _load()["refresh"]


def refused() -> dict[str, list[dict[str, Any]]]:
    """type -> changes the cloud refuses although the provider sends them as an update:
    {"property", "when": "changed" (any change) | "moved" (a change a replaced resource of a type in
    "from" caused), "why", "source"}."""
    return _load()["refused"]


def covers(path: tuple[str, ...], declared: str) -> bool:
    """Whether ``declared`` (dotted) is ``path``, above it or below it."""
    parts = tuple(declared.split("."))
    return path[: len(parts)] == parts or parts[: len(path)] == path
