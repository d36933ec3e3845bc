"""What a rule sees and returns, independent of pulumi_policy."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from fleet.residency import Regime

Level = Literal["advisory", "mandatory", "disabled"]
Severity = Literal["low", "medium", "high", "critical"]
RESIDENCY = "fleet-residency"


@dataclass
class Resource:
    """A resource as a rule reads it. ``props`` may be pulumi_policy's unknown-checking proxy:
    reading a value unknown during preview raises, and the pack reports the rule as not
    applicable for that resource instead of guessing."""

    type: str
    urn: str
    name: str
    props: Mapping[str, Any]
    provider_type: str | None = None
    provider_props: Mapping[str, Any] = field(default_factory=dict)
    provider_urn: str | None = None
    provider_name: str | None = None
    parent: str | None = None  # parent URN
    secret_paths: frozenset[str] = frozenset()  # top-level property names that are secret

    @property
    def cloud(self) -> str | None:
        return {"aws": "aws", "gcp": "gcp", "azure-native": "azure"}.get(self.type.split(":", 1)[0])

    @property
    def is_kubernetes(self) -> bool:
        return self.type.startswith("kubernetes:")


@dataclass(frozen=True)
class Finding:
    message: str
    urn: str | None = None  # None: about the resource being validated (resource rules)


@dataclass(frozen=True)
class Context:
    regimes: Mapping[str, Regime]
    exemptions: tuple[Any, ...] = ()  # config.Exemption, for the exemption rules
    today: Any = None  # datetime.date


ResourceCheck = Callable[[Resource, Context], Iterable[Finding]]
StackCheck = Callable[[list[Resource], Context], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """A rule's metadata and its pure check; ``pack.py`` makes it a CrossGuard policy."""

    id: str  # stable, e.g. FLEET-RES-001; never reused
    name: str  # the CrossGuard policy name, kebab-case
    title: str  # "Ensure ..."
    severity: Severity
    default_level: Level
    rationale: str
    remediation: str
    resource_check: ResourceCheck | None = None
    stack_check: StackCheck | None = None

    @property
    def kind(self) -> str:
        return "stack" if self.stack_check else "resource"


def labels_of(resource: Resource) -> Mapping[str, Any]:
    """Tags or labels as the resource's provider names them (AWS/Azure tags, GCP labels, k8s)."""
    if resource.is_kubernetes:
        metadata = resource.props.get("metadata") or {}
        return metadata.get("labels") or {}
    for key in ("tags", "labels", "resourceLabels"):
        value = resource.props.get(key)
        if value:
            return value
    return {}


def regime_of(resource: Resource) -> str | None:
    value = labels_of(resource).get(RESIDENCY)
    return str(value) if value else None
