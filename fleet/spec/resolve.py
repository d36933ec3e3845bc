"""From a parsed spec to a placed fleet: expand, check, place, in that order, every stage run so
that one kind of problem never hides another."""

from __future__ import annotations

from fleet.core import residency
from fleet.core.placement import PlacementError
from fleet.core.placement import place as place_tenants
from fleet.spec.checks import check_fleet, identity_problems, leaving_problems, regulated_scope_problems
from fleet.spec.errors import ROOT, Problem, join
from fleet.spec.fleet import Fleet, Unparsed, demands, expand_dedicated, sites
from fleet.spec.model import FleetSpec

# Settings placement never reads: a problem there leaves placement (and what is checked after it)
# exact, so those problems are reported together instead of one stage after the other.
NOT_PLACEMENT = tuple(f"{ROOT}.{key}" for key in ("deployer", "identity", "vcluster", "owner", "defaults"))


def _placement_unaffected(problems: list[Problem]) -> bool:
    return all(p.path.startswith(NOT_PLACEMENT) for p in problems)


def resolve(
    spec: FleetSpec, shard: str | None = None, unparsed: Unparsed | None = None, place: bool = True
) -> tuple[Fleet | None, list[Problem]]:
    """Expand, check and (when ``place`` and nothing else is wrong) place. Every stage runs, so one
    kind of problem never hides another; returns the fleet (None if any problem) and the problems."""
    unparsed = unparsed or Unparsed()
    dedicated, problems = expand_dedicated(spec, unparsed)
    clusters = (*spec.clusters, *dedicated)
    regimes, regime_problems, broken = _regimes(spec)
    problems += regime_problems
    unparsed = Unparsed({**unparsed.names, "regimes": unparsed.names.get("regimes", frozenset()) | broken})
    problems += check_fleet(spec, clusters, regimes, unparsed)
    problems += _shard_problems(spec, shard)
    if not place or (problems and not _placement_unaffected(problems)):
        return None, problems
    before = problems
    try:
        placement = place_tenants(
            sites(clusters),
            demands(spec, clusters),
            regimes,
            overcommit_cpu=spec.placement.overcommit_cpu,
            overcommit_memory=spec.placement.overcommit_memory,
        )
    except PlacementError as err:
        index = {t.name: i for i, t in enumerate(spec.tenants)}
        return None, before + [
            Problem(
                join(ROOT, "tenants", index[f.tenant]),
                "\n".join(
                    [f"cannot be placed: {f.constraint}; add capacity or a cluster, or relax the constraint:"]
                    + [f"      {line}" for line in f.reasons()]
                ),
            )
            for f in err.failures
        ]
    fleet = Fleet(spec=spec, clusters=clusters, regimes=regimes, placement=placement, shard=shard)
    problems = before + identity_problems(fleet) + regulated_scope_problems(fleet) + leaving_problems(fleet)
    return (None, problems) if problems else (fleet, [])


def _shard_problems(spec: FleetSpec, shard: str | None) -> list[Problem]:
    names = [s.name for s in spec.shards]
    if shard is None and names:
        return [
            Problem(
                "fleet:shard",
                f"not set, but this environment is split into shards ({', '.join(names)}); set fleet:shard in the "
                "stack's config to the shard this stack deploys",
            )
        ]
    if shard is not None and shard not in names:
        known = ", ".join(names) or "none: the spec has no shards"
        return [Problem("fleet:shard", f"{shard!r} is not a shard of this environment (shards: {known})")]
    return []


def _regimes(spec: FleetSpec) -> tuple[dict[str, residency.Regime], list[Problem], frozenset[str]]:
    """The built-in and custom regimes; problems; names of custom regimes that did not resolve."""
    problems = []
    first: dict[str, int] = {}
    custom = []
    for index, r in enumerate(spec.regimes):
        if r.name in first:
            problems.append(
                Problem(
                    join(ROOT, "regimes", index, "name"),
                    f"{r.name!r} is already the name of regimes[{first[r.name]}]; one would silently replace "
                    "the other: rename one or merge them",
                )
            )
            continue
        first[r.name] = index
        custom.append(residency.CustomRegime(r.name, r.countries, r.regions, r.extends, r.description))
    try:
        return residency.resolve_all(custom), problems, frozenset()
    except residency.RegimeError as err:
        return residency.builtin(), [*problems, Problem(join(ROOT, "regimes"), str(err))], frozenset(first)
