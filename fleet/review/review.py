"""`fleet review` for one stack: validate, render, run the policy pack, diff against a git ref.

``review_stack`` is the whole job and returns a ``StackReview``; the CLI only chooses stacks,
calls it, and writes the report. An invalid spec is a review too (verdict "invalid"), so a pull
request comment can explain the problem instead of showing nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from fleet.review import base as base_ref
from fleet.review import policy_config, snapshot, versions, waves
from fleet.review.diff import diff
from fleet.review.document import Changes, Cluster, Leaving, Problem, SpecLocation, StackReview, Tenant, Violation
from fleet.review.live import LiveStatus, judge
from fleet.review.policy import PolicyInfo, evaluate
from fleet.review.policy import run as run_pack
from fleet.review.render import Rendering, render
from fleet.spec import Fleet, SpecError
from fleet.spec.checks import cluster_paths, shared_clusters
from fleet.spec.errors import ROOT, join
from fleet.spec.errors import Problem as SpecProblem
from fleet.spec.load import SpecOrigin, load, read_stack, stack_fleets
from fleet.spec.waves import aks_upgrades, gke_fleets, read_upgrades, waves_of

Progress = Callable[[str], None]


def today() -> dt.date:
    """The day a review judges support dates at unless told (--as-of): today, in UTC."""
    return dt.datetime.now(dt.UTC).date()


@dataclass(frozen=True)
class Target:
    """A stack to review: its name, its stack file, and the project it belongs to."""

    name: str
    path: Path
    project: Path

    @property
    def relative(self) -> str:
        try:
            return str(self.path.resolve().relative_to(self.project.resolve()))
        except ValueError:
            return str(self.path)


_FILE_LINE = re.compile(r"^(?P<file>[^\n]+):(?P<line>[0-9]+)$")


def _written(path: str) -> re.Match[str] | None:
    """A problem located by file and line (an exemptions or spec file), not by a key of the spec."""
    return None if path.startswith(ROOT) else _FILE_LINE.match(path)


def _located(target: Target, origin: SpecOrigin | None, path: str) -> SpecLocation:
    written = _written(path)
    if written:
        # A problem in another file the branch wrote (an exemptions file, a spec file): file:line.
        written_file = Path(written["file"])
        with contextlib.suppress(ValueError):
            written_file = written_file.resolve().relative_to(target.project.resolve())
        return SpecLocation(path, str(written_file), int(written["line"]))
    if origin is None:
        return SpecLocation(path, target.relative, 0)
    try:
        file = str(origin.file.resolve().relative_to(target.project.resolve()))
    except ValueError:
        file = str(origin.file)
    return SpecLocation(path, file, origin.line_of(path))


def _entry_path(fleet: Fleet, name: str) -> str:
    """The spec entry a resource name comes from. Names follow one scheme: a cluster's resources
    are named after the cluster, a tenant's "<cluster>/<tenant>..." (see fleet.program)."""
    paths = dict(zip((c.name for c in fleet.clusters), cluster_paths(fleet.spec, fleet.clusters), strict=True))
    head, _, rest = name.partition("/")
    if rest:
        tenants = [t.name for t in fleet.spec.tenants if rest == t.name or rest.startswith(t.name + "-")]
        if tenants:
            index = next(i for i, t in enumerate(fleet.spec.tenants) if t.name == max(tenants, key=len))
            return join(ROOT, "tenants", index)
    owners = [c for c in paths if head == c or head.startswith(c + "-")]
    return paths[max(owners, key=len)] if owners else ROOT


def locate(violations: list[Violation], fleet: Fleet, target: Target, origin: SpecOrigin | None) -> list[Violation]:
    """Each violation with the spec entry (and its file and line) that caused it."""
    located = []
    for violation in violations:
        name = violation.urn.rsplit("::", 1)[-1] if "::" in violation.urn else ""
        path = _entry_path(fleet, name) if name else ROOT
        located.append(replace(violation, source=_located(target, origin, path)))
    return located


def _invalid(target: Target, err: SpecError, origin: SpecOrigin | None, environment: str = "") -> StackReview:
    problems = []
    for p in err.problems:
        located = _located(target, origin, p.path)
        # A problem located by file and line (not a key of the spec) is named as its location is.
        path = f"{located.file}:{located.line}" if _written(p.path) else p.path
        problems.append(Problem(path, p.message, located))
    return StackReview(target.name, target.relative, environment, production=False, problems=tuple(problems))


def _siblings(target: Target) -> dict[str, Fleet]:
    """The project's other stacks that are valid (an invalid one is its own review's problem).
    None for a stack file outside stacks/, which the Pulumi CLI does not deploy from this project
    (Pulumi.yaml's stackConfigDir is stacks)."""
    stacks = (target.project / "stacks").resolve()
    if target.path.resolve().parent != stacks:
        return {}
    return stack_fleets(stacks, skip=target.path)


@dataclass(frozen=True)
class Inspection:
    """What a review looked at besides its document, for reports that need more (`fleet evidence`):
    the spec as read (``fleet:spec`` or the file ``fleet:specFile`` names), the resolved fleet, the
    rendering the pack judged, the pack's name and policies at the levels they ran at, and the
    --policy-pack-config document they ran with."""

    spec: Any
    fleet: Fleet
    rendering: Rendering
    pack: str
    policies: tuple[PolicyInfo, ...]
    config: Mapping[str, Any]


def review_stack(
    target: Target,
    *,
    base: str | None = None,
    pack_dir: Path | None = None,
    progress: Progress = lambda message: None,
    as_of: dt.date | None = None,
    live: LiveStatus | None = None,
) -> StackReview:
    return inspect_stack(target, base=base, pack_dir=pack_dir, progress=progress, as_of=as_of, live=live)[0]


def inspect_stack(
    target: Target,
    *,
    base: str | None = None,
    pack_dir: Path | None = None,
    progress: Progress = lambda message: None,
    as_of: dt.date | None = None,
    live: LiveStatus | None = None,
) -> tuple[StackReview, Inspection | None]:
    """``review_stack``, also returning what it looked at (None when the spec is invalid). With
    ``live`` (`fleet status --format json` of this stack), tenants are placed again with the
    clusters' live room, and a tenant newly placed where that placement would not put it blocks."""
    progress(f"validating {target.relative}")
    origin, raw = None, None
    try:
        stack = read_stack(target.path)
        origin, raw = stack.origin, stack.raw
        fleet = load(stack.raw, stack.shard, stack.config_keys)
        upgrades = read_upgrades(target.project / "stacks")
        pack_dir = pack_dir or target.project / "policies"
        # The branch's exemptions are input too: checked before anything is rendered.
        exempted = policy_config.exemptions(target.name, pack_dir)
        siblings = _siblings(target)
        shared = shared_clusters(fleet, siblings)
        if shared:
            raise SpecError(shared)
        if upgrades is not None:
            # What the program refuses before registering anything: the GKE rollout sequence and the
            # Fleet Manager sequence (fleet.program.rollout).
            upgrade_waves, everyone = waves_of(upgrades), {**siblings, target.name: fleet}
            _, refused, _ = gke_fleets(upgrade_waves, everyone)
            if upgrades.azure_fleet_manager is not None:
                refused += aks_upgrades(upgrade_waves, everyone, upgrades.azure_fleet_manager.manager()).problems
            if refused:
                raise SpecError([SpecProblem("stacks/waves.yaml", why) for why in refused])
    except SpecError as err:
        environment = raw.get("environment") if isinstance(raw, dict) else None
        return _invalid(target, err, origin, environment if isinstance(environment, str) else ""), None
    shard = f" of shard {fleet.shard}" if fleet.shard else ""
    progress(f"rendering {len(fleet.deployed_clusters)} clusters{shard} and their tenants (mock runtime)")
    rendering = render(stack.raw, target.name, shard=stack.shard)
    # A key for this review only: both renderings digest secrets with it, so a changed secret
    # shows as changed while neither snapshot holds it, and the digests mean nothing afterwards.
    key = os.urandom(32)
    head = snapshot.take(fleet, rendering, key)

    def config(names: list[str]) -> dict:
        # The project the pack sees in this review's URNs (FLEET-EXM-003 compares them).
        return policy_config.build(fleet, target.name, names, pack_dir, exempted, rendering.project)

    progress(f"running the policy pack on {len(rendering.resources)} resources")
    evaluation = run_pack(rendering, config, pack_dir)
    violations = locate(evaluation.violations, fleet, target, origin)
    changes = None
    before: dict[str, Any] | None = None
    if base:
        progress(f"rendering {target.name} at {base}")
        before = base_ref.snapshot_at(base, target.path, target.project, key)
        if before is None:
            before = {"resources": [], "tenants": {}, "clusters": {}}
            old_violations: list[Violation] = []
        else:
            progress(f"running the policy pack on {base}")
            old_violations = evaluate(snapshot.rendering_of(before), config, pack_dir)
        known = {(v.rule_id, v.urn, v.message) for v in old_violations}
        new = [v for v in violations if (v.rule_id, v.urn, v.message) not in known]
        changes = diff(before, head, base, new)
    day = as_of or today()
    found = versions.versions(head, before, day)
    if upgrades is not None:
        upgrade_waves = waves_of(upgrades)
        # Each cluster's wave always; a hold only where the base shows its minor raised.
        if before is not None:
            progress("checking upgrade waves against the stack files' git history")
        found = waves.hold(found, fleet, upgrade_waves, target.project / "stacks", day)
    live_capacity = None
    if live is not None:
        progress(f"placing the tenants again with the live numbers of {live.source} ({live.as_of})")
        placed_before = None if before is None else {t: i["clusters"] for t, i in before["tenants"].items()}
        live_capacity = judge(fleet, live, placed_before)
    review = replace(
        summarize(target.name, target.relative, fleet, head, violations, changes),
        as_of=day.isoformat(),
        versions=found,
        live=live_capacity,
    )
    return review, Inspection(stack.raw, fleet, rendering, evaluation.pack, evaluation.policies, evaluation.config)


def summarize(
    name: str,
    relative: str,
    fleet: Fleet,
    head: dict[str, Any],
    violations: list[Violation],
    changes: Changes | None = None,
) -> StackReview:
    """The review of a stack from its snapshot, the pack's findings and the changes against a base."""
    resources = head["resources"]
    return StackReview(
        stack=name,
        stack_file=relative,
        environment=fleet.spec.environment,
        production=fleet.spec.production,
        clusters=tuple(
            Cluster(c["name"], c["cloud"], c["region"], c["country"], c["residency"], c["dedicatedTo"], c["cordoned"])
            for c in (dict(name=cluster, **info) for cluster, info in head["clusters"].items())
        ),
        tenants=tuple(
            Tenant(
                tenant,
                t["isolation"],
                t["regime"],
                tuple(t["clusters"]),
                tuple(t["countries"]),
                t["reason"],
                tuple(Leaving(e["cluster"], e["dataMoved"]) for e in t.get("leaving", ())),
            )
            for tenant, t in head["tenants"].items()
        ),
        violations=tuple(sorted(violations, key=lambda v: (v.level != "mandatory", v.rule_id, v.urn))),
        resource_types=dict(sorted(Counter(r["type"] for r in resources).items())),
        protected=tuple(sorted(r["urn"] for r in resources if r["protect"])),
        changes=changes,
    )


def with_union_problems(stacks: list[StackReview], targets: list[Target]) -> list[StackReview]:
    """Stacks reviewed together (all of them, an environment's shards) must agree where their cloud
    guardrails attach to or cover the same scope (``fleet.guardrails.union_problems_by_stack``);
    a disagreement is a spec problem of each stack involved, at its guardrail's key path."""
    from fleet.spec.guardrails import union_problems_by_stack

    fleets: dict[str, Fleet] = {}
    origins: dict[str, SpecOrigin | None] = {}
    for target in targets:
        try:
            stack = read_stack(target.path)
            fleets[target.name] = load(stack.raw, stack.shard, stack.config_keys)
        except SpecError:
            continue  # its own review reports why
        origins[target.name] = stack.origin
    found = union_problems_by_stack(fleets)
    by_name = {t.name: t for t in targets}
    return [
        replace(
            review,
            problems=(
                *review.problems,
                *(
                    Problem(p.path, p.message, _located(by_name[review.stack], origins.get(review.stack), p.path))
                    for p in found.get(review.stack, [])
                ),
            ),
        )
        for review in stacks
    ]
