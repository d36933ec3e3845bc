"""A stack's rendering plus its placement as one JSON document: what `fleet review` compares.

Secret values are replaced by "[secret]" but keep their secret marker, so a snapshot can be
written to disk or passed between processes without leaking anything, and the policy pack
still sees which values are secret.
"""

from __future__ import annotations

from typing import Any

from fleet.review.render import SECRET_KEY, SECRET_SIG, Rendering, Resource, is_secret
from fleet.spec import Fleet

FORMAT = 1


def mask(value: Any) -> Any:
    if is_secret(value):
        return {SECRET_KEY: SECRET_SIG, "value": "[secret]"}
    if isinstance(value, dict):
        return {k: mask(v) for k, v in value.items()}
    if isinstance(value, list):
        return [mask(v) for v in value]
    return value


def take(fleet: Fleet, rendering: Rendering) -> dict[str, Any]:
    """The snapshot of what this stack deploys: for a shard, its clusters and the tenants'
    placements on them (placement itself spans the environment, and every shard agrees on it)."""
    spec = fleet.spec
    deployed = fleet.deployed_clusters
    names = {c.name for c in deployed}
    local = {t.name: [c for c in fleet.placement.assignments[t.name] if c in names] for t in spec.tenants}
    return {
        "format": FORMAT,
        "project": rendering.project,
        "stack": rendering.stack,
        "shard": fleet.shard,
        "stackUrn": rendering.stack_urn,
        "environment": spec.environment,
        "clusters": {
            c.name: {
                "cloud": c.cloud,  # type: ignore[attr-defined]
                "region": c.region,
                "country": c.country,
                "residency": c.residency,
                "dedicatedTo": c.dedicated_to,
                "cordoned": c.cordoned,
            }
            for c in deployed
        },
        "tenants": {
            t.name: {
                "isolation": t.isolation,
                "regime": t.residency,
                "clusters": local[t.name],
                "countries": sorted({fleet.cluster(c).country for c in local[t.name]}),
                "reason": fleet.placement.reasons[t.name],
            }
            for t in spec.tenants
            if local[t.name]
        },
        "outputs": mask(rendering.outputs),
        "resources": [
            {
                "urn": r.urn,
                "type": r.type,
                "name": r.name,
                "parent": r.parent,
                "provider": r.provider,
                "inputs": mask(r.inputs),
                "outputs": mask(r.outputs),
                "protect": r.protect,
                "custom": r.custom,
                "dependencies": r.dependencies,
            }
            for r in sorted(rendering.resources, key=lambda r: r.urn)
        ],
    }


def rendering_of(snapshot: dict[str, Any]) -> Rendering:
    return Rendering(
        project=snapshot["project"],
        stack=snapshot["stack"],
        resources=[
            Resource(
                urn=r["urn"],
                type=r["type"],
                name=r["name"],
                parent=r["parent"],
                provider=r["provider"],
                inputs=r["inputs"],
                protect=r["protect"],
                custom=r["custom"],
                dependencies=r["dependencies"],
                outputs=r["outputs"],
            )
            for r in snapshot["resources"]
        ],
        outputs=snapshot["outputs"],
        stack_urn=snapshot["stackUrn"],
    )
