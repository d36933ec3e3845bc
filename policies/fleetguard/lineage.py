"""Which regimes a resource's data carries, following the data: lineage.

A copy carries no tags of its own more often than not (an EBS snapshot copy, an AMI copied to
another Region, a table export), and the tags it does carry are the copy's author's word, not the
data's. So a resource's regimes are its own (tag, nested label, provider default tags, else the
stack's configured regime) plus, along every edge the residency survey classifies as carrying
data, the regimes of where its data came from:

- ``source``: this resource is a copy of the one it names (a snapshot of a volume, a copy of a
  snapshot, a read replica): it carries every regime of its source, whatever its own tags say;
- ``subject``: this resource configures the one it names and has no data of its own (an S3
  replication configuration, a table export, a topic subscription): it carries its subject's.

Edges are followed transitively (a copy of a snapshot of a tagged volume carries the volume's
regime). The named resource is found by the reference's value (ARN, ID, name, self link), or,
while that value is unknown at preview, by the engine's property dependencies, which name the
resource the value will come from; only when neither says does the decision wait (``Deferred``).
Edges the survey classifies as carrying no data (an IAM policy naming an ARN) are never followed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from fleet.core.residency import Regime
from fleetguard import survey
from fleetguard.model import (
    Context,
    RegimeSource,
    Resource,
    Unknown,
    effective_regime,
    values_at,
)
from fleetguard.references import Stack, reference_for

EDGES = ("source", "subject")


@dataclass(frozen=True)
class Carried:
    """One regime a resource's data carries, and how it came to carry it."""

    found: RegimeSource
    regime: Regime
    edge: str | None = None  # "source" or "subject" when inherited through that edge; None when declared
    via: str = ""  # the property the edge runs through
    origin: str = ""  # the resource at the other end of the edge ("type 'name'")
    root: str = ""  # the resource that declares the regime, at the end of the chain

    def described(self) -> str:
        """``regime gdpr``, and where it is declared when that is further up the chain."""
        return f"regime {self.regime.name}" + ("" if self.root == self.origin else f", declared by {self.root}")

    @property
    def inherited(self) -> bool:
        return self.edge is not None


@dataclass
class Lineage:
    stack: Stack
    ctx: Context
    _memo: dict[str, list[Carried]] = field(default_factory=dict)

    def regimes(self, resource: Resource, visiting: frozenset[str] = frozenset()) -> list[Carried]:
        """Every regulated regime with countries the resource's data carries (unknown regimes and
        regimes without a country list are FLEET-RES-001's)."""
        if resource.urn in self._memo:
            return self._memo[resource.urn]
        entry = survey.entry(resource.type)
        carried: dict[str, Carried] = {}
        inherited = list(self._inherited(resource, visiting | {resource.urn}))
        found = effective_regime(resource, self.ctx, entry.labels if entry else ())
        # The stack's configured regime is a default for resources that say nothing; a copy says
        # where it came from.
        if found is not None and not (inherited and found.source.startswith("stack config")):
            regime = self.ctx.regimes.get(found.name)
            if found.regulated and regime is not None and regime.countries is not None:
                carried[regime.name] = Carried(found, regime, None)
        for item in inherited:
            carried.setdefault(item.regime.name, item)
        result = list(carried.values())
        if not visiting:
            self._memo[resource.urn] = result
        return result

    def _inherited(self, resource: Resource, visiting: frozenset[str]) -> Iterator[Carried]:
        entry = survey.entry(resource.type)
        if entry is None:
            return
        for prop in entry.role(*EDGES):
            for origin in self.named(resource, prop.path, prop.reader):
                if origin.urn in visiting:
                    continue
                described = f"{origin.type} {origin.name!r}"
                for item in self.regimes(origin, visiting):
                    yield Carried(
                        RegimeSource(item.regime.name, f"{prop.path} of {described}"),
                        item.regime,
                        prop.role,
                        prop.path,
                        described,
                        item.root if item.inherited else described,
                    )

    def named(self, resource: Resource, path: str, reader: str = "ref") -> Iterator[Resource]:
        """The stack's resources that a reference property names; by property dependency while the
        value is unknown."""
        for value in values_at(resource.props, path):
            if _unknown(value):
                depends = [self.stack.by_urn[u] for u in resource.depends.get(_top(path), ()) if u in self.stack.by_urn]
                placed = [d for d in depends if _holds_data(d)]
                if placed:
                    yield from placed
                    continue
            reference = reference_for(value, reader)  # Deferred while unknown and no dependency says
            found = self.stack.find(reference, resource) if reference else None
            if found is not None:
                yield found


def _top(path: str) -> str:
    return path.split(".", 1)[0].removesuffix("[]")


def _unknown(value: object) -> bool:
    if isinstance(value, Unknown):
        return True
    return isinstance(value, dict) and any(isinstance(v, Unknown) for v in value.values())


def _holds_data(resource: Resource) -> bool:
    """A dependency that can be a reference's target: not identity, policy or configuration."""
    entry = survey.entry(resource.type)
    return entry is not None and entry.kind == "regional"
