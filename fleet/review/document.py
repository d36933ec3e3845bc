"""The review document: what `fleet review` found about one stack, as frozen dataclasses.

Everything between rendering and output works on these types; they become JSON (camelCase keys,
stable order) in one place, ``to_json``, and text, markdown and SARIF in ``report``.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from fleet.core import kinds

JSON_VERSION = 2

Verdict = Literal["pass", "blocked", "invalid"]
Action = Literal["create", "delete", "update", "replace"]


@dataclass(frozen=True)
class SpecLocation:
    """The spec entry a finding comes from: its key path, and where it is written."""

    path: str  # e.g. fleet:spec.tenants[2]
    file: str  # relative to the project root, e.g. stacks/Pulumi.prod.yaml
    line: int  # 1-based; 0 when the entry could not be found in the file


@dataclass(frozen=True)
class Violation:
    policy: str
    rule_id: str
    level: str  # advisory | mandatory
    message: str  # without the [RULE-ID] prefix
    urn: str
    severity: str = ""
    source: SpecLocation | None = None

    def line(self) -> str:
        return f"{self.level} {self.rule_id} {self.urn or '(stack)'}: {self.message}"


@dataclass(frozen=True)
class Cluster:
    name: str
    cloud: str
    region: str
    country: str
    residency: str | None
    dedicated_to: str | None
    cordoned: bool


@dataclass(frozen=True)
class Leaving:
    """A cluster a tenant is being drained from (the spec's ``leaving``)."""

    cluster: str
    data_moved: bool


@dataclass(frozen=True)
class ClusterVersion:
    """A built cluster's Kubernetes minor against its service's support calendar, as of the review's date
    (fleet.core.calendar)."""

    cluster: str
    cloud: str
    version: str
    phase: Literal["standard", "ending", "past"]
    end_of_standard: str  # ISO date
    days_left: int  # negative once standard support has ended
    at_end: str  # what the service does then
    extended_cost_per_month: int | None  # USD per cluster, where the service prices staying on
    extended_price: str  # the hourly prices behind it ("" where none)
    source: str  # the calendar row's source
    new: bool | None = None  # not in the base; None without a base
    refused: str = ""  # why the cloud refuses to create or move it ("" when it does not)
    before: str = ""  # its minor at the base, when the base has it
    wave: str = ""  # the upgrade wave that selects it (stacks/waves.yaml), if any
    held: str = ""  # why its wave may not take this minor yet ("" when it may)


@dataclass(frozen=True)
class Tenant:
    name: str
    isolation: str
    regime: str
    clusters: tuple[str, ...]
    countries: tuple[str, ...]
    reason: str
    leaving: tuple[Leaving, ...] = ()


@dataclass(frozen=True)
class ValueChange:
    """One changed input, old and new shown as short text; secrets are never shown, only that
    they changed."""

    key: str
    old: str
    new: str
    forces_replacement: bool = False


@dataclass(frozen=True)
class ResourceChange:
    urn: str
    type: str
    action: Action
    values: tuple[ValueChange, ...] = ()
    protected: bool = False
    stateful: bool = False
    dependents: tuple[str, ...] = ()  # URNs that depend on a replaced or deleted resource
    refused: str = ""  # why the cloud refuses this change ("" when it does not): `pulumi up` fails here
    delete_first: bool = False
    """A replacement the engine performs by deleting the old resource before creating the new one:
    the resource is gone in between (``fleet.review.diff`` says when)."""
    copy_of: str = ""
    """``tenant@cluster`` when the resource belongs to a tenant's copy on a cluster: a deletion of it is
    that copy's drain (docs/OPERATING.md), or should be."""

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(v.key for v in self.values)


@dataclass(frozen=True)
class TenantMove:
    tenant: str
    before: tuple[str, ...]
    after: tuple[str, ...]


DrainStep = Literal[1, 2, 3]
DRAIN_STEPS: dict[int, str] = {
    1: "kept: the old copy stays, protected, beside the new placement until its data has moved",
    2: "data moved: this deploy lifts the old copy's protection; remove the leaving entry next to delete it",
    3: "deleted: the old copy and its data are deleted",
}


@dataclass(frozen=True)
class Drain:
    """Where a tenant's drain from a cluster stands after this change (docs/OPERATING.md)."""

    tenant: str
    cluster: str
    step: DrainStep
    early: bool = False
    """Step 3 straight from step 1: the copy is still protected, so `pulumi up` refuses the deletion."""


@dataclass(frozen=True)
class CountryChange:
    tenant: str
    regime: str
    before: tuple[str, ...]
    after: tuple[str, ...]

    @property
    def new(self) -> tuple[str, ...]:
        return tuple(sorted(set(self.after) - set(self.before)))


@dataclass(frozen=True)
class Changes:
    """What deploying this stack would do, compared with the same stack at a git ref."""

    base: str
    resources: tuple[ResourceChange, ...]
    moves: tuple[TenantMove, ...] = ()
    countries: tuple[CountryChange, ...] = ()
    new_violations: tuple[Violation, ...] = ()
    without_effect: tuple[ResourceChange, ...] = ()
    """Changed inputs the program ignores after creation (ignoreChanges): `pulumi up` leaves them."""
    drains: tuple[Drain, ...] = ()

    def of(self, action: Action) -> tuple[ResourceChange, ...]:
        return tuple(r for r in self.resources if r.action == action)

    @property
    def blocked_deletions(self) -> tuple[ResourceChange, ...]:
        """Protected resources the change deletes or replaces: `pulumi up` refuses these half-way."""
        return tuple(r for r in self.resources if r.protected and r.action in ("delete", "replace"))

    @property
    def refused(self) -> tuple[ResourceChange, ...]:
        """Changes the cloud refuses: `pulumi up` fails part-way, with what came before already changed."""
        return tuple(r for r in self.resources if r.refused)

    @property
    def dangerous(self) -> tuple[ResourceChange, ...]:
        """Deletions and replacements an operator calls dangerous: of what holds data or is protected,
        of clusters, node pools (every node goes) and networks (everything in them moves), and any
        replacement that deletes first (the resource is gone until its replacement exists)."""
        return tuple(
            r
            for r in self.resources
            if r.action in ("delete", "replace")
            and (
                r.protected
                or r.stateful
                or r.delete_first
                or r.type in kinds.NODE_POOL_TYPES
                or r.type in kinds.NETWORK_TYPES
            )
        )


@dataclass(frozen=True)
class Problem:
    """A spec problem, for a report written when the spec is invalid."""

    path: str
    message: str
    source: SpecLocation | None = None


@dataclass(frozen=True)
class LiveCluster:
    """A cluster's room in reality beside what placement gives out there (fleet.review.live)."""

    cluster: str
    declared: str
    room: str
    placed: str
    how: str


@dataclass(frozen=True)
class LiveTenant:
    """A tenant that live numbers would place elsewhere."""

    tenant: str
    placed: tuple[str, ...]  # where the declared placement, which deploys, puts it
    live: tuple[str, ...]  # where placement with the live numbers puts it; () when nowhere
    new: tuple[str, ...]  # clusters it newly lands on that live placement would not use: blocks
    why: str = ""


@dataclass(frozen=True)
class LiveCapacity:
    """`--live-capacity`: placement run again with `fleet status` numbers, recorded in the review."""

    source: str  # the status file as given
    stack: str
    as_of: str  # the day `fleet status` read the servers
    clusters: tuple[LiveCluster, ...] = ()
    tenants: tuple[LiveTenant, ...] = ()
    against_base: bool = False  # without a base, every placement counts as new

    @property
    def blocked(self) -> tuple[LiveTenant, ...]:
        return tuple(t for t in self.tenants if t.new)


@dataclass(frozen=True)
class StackReview:
    stack: str
    stack_file: str  # relative to the project root
    environment: str
    production: bool
    clusters: tuple[Cluster, ...] = ()
    tenants: tuple[Tenant, ...] = ()
    violations: tuple[Violation, ...] = ()
    resource_types: Mapping[str, int] = field(default_factory=dict)
    protected: tuple[str, ...] = ()  # URNs
    changes: Changes | None = None
    problems: tuple[Problem, ...] = ()  # set when the spec is invalid
    as_of: str = ""  # the date the support calendar was read at (ISO)
    versions: tuple[ClusterVersion, ...] = ()
    live: LiveCapacity | None = None

    @property
    def resources(self) -> int:
        return sum(self.resource_types.values())

    @property
    def mandatory(self) -> tuple[Violation, ...]:
        return tuple(v for v in self.violations if v.level == "mandatory")

    @property
    def advisory(self) -> tuple[Violation, ...]:
        return tuple(v for v in self.violations if v.level == "advisory")

    @property
    def cordoned(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.clusters if c.cordoned)

    @property
    def verdict(self) -> Verdict:
        if self.problems:
            return "invalid"
        if self.mandatory or (self.changes is not None and (self.changes.blocked_deletions or self.changes.refused)):
            return "blocked"
        if any(v.refused or v.held for v in self.versions):
            return "blocked"
        if self.live is not None and self.live.blocked:
            return "blocked"
        return "pass"

    @property
    def unchanged(self) -> bool:
        """Nothing to deploy and nothing to say: collapses to one line in a multi-stack report."""
        changes = self.changes
        return (
            self.verdict == "pass"
            and not self.violations
            and changes is not None
            and not changes.resources
            and not changes.moves
            and not changes.countries
        )


@dataclass(frozen=True)
class Review:
    """One or more stacks reviewed together (a pull request, an environment's shards)."""

    stacks: tuple[StackReview, ...]

    @property
    def verdict(self) -> Verdict:
        verdicts = {s.verdict for s in self.stacks}
        for worst in ("invalid", "blocked"):
            if worst in verdicts:
                return worst
        return "pass"


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def to_json(value: Any) -> Any:
    """Plain JSON values for a document type, with camelCase keys and derived summaries."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        result = {_camel(f.name): to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if isinstance(value, StackReview):
            result["verdict"] = value.verdict
            result["summary"] = {
                "clusters": len(value.clusters),
                "tenants": len(value.tenants),
                "resources": value.resources,
                "protected": len(value.protected),
                "mandatory": len(value.mandatory),
                "advisory": len(value.advisory),
            }
            result["cordoned"] = list(value.cordoned)
        if isinstance(value, Changes):
            result["blockedDeletions"] = [r.urn for r in value.blocked_deletions]
            result["refused"] = [r.urn for r in value.refused]
        if isinstance(value, Review):
            result = {"version": JSON_VERSION, "verdict": value.verdict, **result}
        return result
    if isinstance(value, Mapping):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    return value


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()


def from_json(cls: type[Any], data: Mapping[str, Any]) -> Any:
    """The inverse of ``to_json`` for a document type; derived keys (verdict, summary) are ignored."""
    if not isinstance(data, Mapping):
        raise TypeError(f"{cls.__name__} is a {type(data).__name__}, not an object")
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    kwargs = {}
    for key, value in data.items():
        name = _snake(key)
        if name in names:
            kwargs[name] = _typed(hints[name], value)
    return cls(**kwargs)


def _typed(annotation: Any, value: Any) -> Any:
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if value is None:
        if annotation is Any or (origin in (typing.Union, types.UnionType) and type(None) in args):
            return None
        raise TypeError(f"expected {getattr(annotation, '__name__', annotation)}, got null")
    if origin in (typing.Union, types.UnionType):
        members = [a for a in args if a is not type(None)]
        return _typed(members[0], value) if len(members) == 1 else value
    if origin is tuple:
        if not isinstance(value, list):
            raise TypeError(f"expected a list, got {type(value).__name__}")
        return tuple(_typed(args[0], v) for v in value)
    if dataclasses.is_dataclass(annotation):
        return from_json(annotation, value)  # type: ignore[arg-type]
    # A saved review is input too (`fleet report --input`): a value of the wrong type is refused
    # here, not found by a renderer halfway through.
    if origin is Literal and value not in args:
        raise ValueError(f"{value!r} is not one of {', '.join(map(repr, args))}")
    if origin in (dict, Mapping):
        if not isinstance(value, dict):
            raise TypeError(f"expected an object, got {type(value).__name__}")
        return {_typed(args[0], k): _typed(args[1], v) for k, v in value.items()} if args else value
    expected = _SCALARS.get(annotation)
    if expected and (not isinstance(value, expected) or (isinstance(value, bool) and annotation is not bool)):
        raise TypeError(f"expected {annotation.__name__}, got {type(value).__name__}")
    return value


_SCALARS: dict[Any, tuple[type, ...]] = {str: (str,), int: (int,), float: (int, float), bool: (bool,)}
