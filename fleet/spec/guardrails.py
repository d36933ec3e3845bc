"""The spec's cloud location guardrails, as the clouds' objects (``fleet.core.guardrails``) see them:
one ``CloudGuardrail`` per spec guardrail and cloud, which of them a stack deploys, which cover a
cluster, and whether stacks that share a scope agree."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from fleet.core import kinds
from fleet.core.guardrails import KINDS, CloudGuardrail, gcp_values, outside, regions_for, scope_keys
from fleet.core.residency import Regime
from fleet.spec.errors import ROOT, Problem, join

if TYPE_CHECKING:
    from fleet.spec.fleet import Fleet
    from fleet.spec.model import ClusterCommon, Guardrail


def scope_of(spec: Guardrail, cloud: str) -> str:
    """The catalogue scope a spec guardrail's regions come from on ``cloud``."""
    if cloud == "aws":
        assert spec.aws is not None
        return spec.aws.partition
    if cloud == "azure":
        assert spec.azure is not None
        return spec.azure.scope
    return "gcp"


def build(spec: Guardrail, cloud: str, regime: Regime) -> CloudGuardrail:
    """The guardrail ``spec`` describes on ``cloud``, for its (resolved) regime."""
    scope = scope_of(spec, cloud)
    regions = regions_for(regime, cloud, scope)
    common = {"name": spec.name, "cloud": cloud, "regime": spec.regime, "managed": spec.managed, "kind": KINDS[cloud]}
    if cloud == "aws":
        aws = spec.aws
        assert aws is not None
        return CloudGuardrail(
            **common,  # type: ignore[arg-type]
            targets=aws.targets,
            covers=aws.covers,
            regions=regions,
            values=regions,
            scope=scope,
            existing=aws.existing,
            role_arn=aws.management_role_arn,
            exempt_principals=aws.exempt_principals,
        )
    if cloud == "gcp":
        gcp = spec.gcp
        assert gcp is not None
        return CloudGuardrail(
            **common,  # type: ignore[arg-type]
            targets=(*(f"projects/{p}" for p in gcp.projects), *(f"folders/{f}" for f in gcp.folders)),
            covers=gcp.covers,
            regions=regions,
            values=gcp_values(regions, regime),
            scope=scope,
        )
    azure = spec.azure
    assert azure is not None
    return CloudGuardrail(
        **common,  # type: ignore[arg-type]
        targets=(*(f"/subscriptions/{s}" for s in azure.subscriptions), *azure.resource_groups),
        covers=azure.covers,
        regions=regions,
        values=regions,
        scope=scope,
        existing=azure.existing,
    )


def guardrails(fleet: Fleet) -> list[CloudGuardrail]:
    """Every guardrail of the environment, one per (spec guardrail, cloud), in spec order."""
    return [build(spec, cloud, fleet.regimes[spec.regime]) for spec in fleet.spec.guardrails for cloud in spec.clouds()]


def deployed(fleet: Fleet) -> list[CloudGuardrail]:
    """The guardrails this stack creates or reads: all of them, or in a shard stack those that
    cover one of its clusters (the spec makes every guardrail of a sharded environment cover the
    clusters of exactly one shard)."""
    found = guardrails(fleet)
    if fleet.shard is None:
        return found
    mine = {(c.cloud, cluster_scope(c)) for c in fleet.deployed_clusters}
    return [g for g in found if any((g.cloud, scope) in mine for scope in g.covers)]


def cluster_scope(cluster: ClusterCommon) -> str | None:
    """Where a cluster is deployed, as a guardrail covers it: its AWS account, GCP project or Azure
    subscription; None when the spec does not say (or for an existing cluster)."""
    key = kinds.kind(cluster.cloud).scope
    value = getattr(cluster, key, None) if key else None
    return value if isinstance(value, str) else None


def covering(fleet: Fleet, cluster: ClusterCommon) -> list[CloudGuardrail]:
    """The guardrails that cover the scope ``cluster`` is deployed in."""
    scope = cluster_scope(cluster)
    if scope is None:
        return []
    return [g for g in guardrails(fleet) if g.cloud == cluster.cloud and scope in g.covers]


def union_problems_by_stack(stacks: Mapping[str, Fleet]) -> dict[str, list[Problem]]:
    """Stacks (environments, shards) whose guardrails attach to or cover the same scope must agree
    on one guardrail there: at most one of them creates it (the others read it, managed: false),
    and the union of the regions they ask for must be inside every one of their regimes (else one
    stack's guardrail widens another's regime). Problems per stack, at the guardrail's key path."""
    entries: dict[tuple[str, str], list[tuple[str, int, CloudGuardrail]]] = {}
    for stack, fleet in stacks.items():
        index = {g.name: i for i, g in enumerate(fleet.spec.guardrails)}
        for g in deployed(fleet):
            for key in scope_keys(g):
                entries.setdefault((g.cloud, key), []).append((stack, index[g.name], g))
    problems: dict[str, list[Problem]] = {}
    reported: set[tuple[str, int, str, str]] = set()

    def report(stack: str, position: int, g: CloudGuardrail, kind: str, message: str) -> None:
        if (stack, position, g.cloud, kind) in reported:
            return  # one message per guardrail and kind, not one per shared scope
        reported.add((stack, position, g.cloud, kind))
        problems.setdefault(stack, []).append(Problem(join(ROOT, "guardrails", position, g.cloud), message))

    for (cloud, key), found in sorted(entries.items()):
        if len({stack for stack, _, _ in found}) < 2:
            continue
        title = kinds.TITLES[cloud]
        managed = [(stack, g) for stack, _, g in found if g.managed]
        for stack, position, g in found:
            others = ", ".join(f"{s} ({o.name})" for s, _, o in found if s != stack)
            if g.managed and len(managed) > 1 and (stack, g) != managed[0]:
                first_stack, first = managed[0]
                report(
                    stack,
                    position,
                    g,
                    "managed",
                    f"{title} {key} is also covered by stack {first_stack}'s guardrail {first.name!r}, which creates "
                    "it too; exactly one stack may manage a scope's guardrail: set managed: false here and name the "
                    "existing one",
                )
            regime = stacks[stack].regimes[g.regime]
            union = {r for _, _, o in found for r in o.regions}
            wider = outside(regime, cloud, union)
            if wider:
                report(
                    stack,
                    position,
                    g,
                    "union",
                    f"{title} {key} is also covered by {others}; together they allow {', '.join(wider)}, outside "
                    f"regime {regime.name} ({regime.summary()}) of this guardrail: make the stacks agree on one "
                    "regime for the scope",
                )
    return problems


def union_problems(stacks: Mapping[str, Fleet]) -> list[Problem]:
    """``union_problems_by_stack`` as one list, each path prefixed with its stack's name."""
    return [
        Problem(f"{stack}: {p.path}", p.message)
        for stack, found in union_problems_by_stack(stacks).items()
        for p in found
    ]
