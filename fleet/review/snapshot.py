"""A stack's rendering plus its placement as one JSON document: what `fleet review` compares.

Secret values are replaced by "[secret]" but keep their secret marker, so a snapshot can be
written to disk or passed between processes without leaking anything, and the policy pack
still sees which values are secret. Given a key, each secret also carries a keyed digest, so two
snapshots made with the same key show whether a secret changed (see fleet.review.secrets).
"""

from __future__ import annotations

from typing import Any

from fleet.review.render import Rendering, Resource
from fleet.review.secrets import mask
from fleet.spec import Fleet

FORMAT = 1


def take(fleet: Fleet, rendering: Rendering, key: bytes | None = None) -> dict[str, Any]:
    """The snapshot of what this stack deploys: for a shard, its clusters and the tenants'
    placements on them (placement itself spans the environment, and every shard agrees on it)."""
    spec = fleet.spec
    deployed = fleet.deployed_clusters
    names = {c.name for c in deployed}
    return {
        "format": FORMAT,
        "project": rendering.project,
        "stack": rendering.stack,
        "shard": fleet.shard,
        "stackUrn": rendering.stack_urn,
        "environment": spec.environment,
        "clusters": {
            c.name: {
                "cloud": c.cloud,
                "region": c.region,
                "country": c.country,
                "residency": c.residency,
                "dedicatedTo": c.dedicated_to,
                "cordoned": c.cordoned,
                "kubernetesVersion": c.kubernetes_version,
            }
            for c in deployed
        },
        "tenants": {name: p.as_dict() for name, p in fleet.tenant_placements(names).items()},
        "outputs": mask(rendering.outputs, key),
        "resources": [
            {
                "urn": r.urn,
                "type": r.type,
                "name": r.name,
                "parent": r.parent,
                "provider": r.provider,
                "inputs": mask(r.inputs, key),
                "outputs": mask(r.outputs, key),
                "protect": r.protect,
                "custom": r.custom,
                "dependencies": sorted(r.dependencies),
                "id": r.id,
                "propertyDependencies": r.property_dependencies,
                "deleteBeforeReplace": r.delete_before_replace,
                "ignoreChanges": r.ignore_changes,
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
                id=r.get("id", ""),
                property_dependencies=r.get("propertyDependencies", {}),
                delete_before_replace=r.get("deleteBeforeReplace", False),
                ignore_changes=r.get("ignoreChanges", []),
            )
            for r in snapshot["resources"]
        ],
        outputs=snapshot["outputs"],
        stack_urn=snapshot["stackUrn"],
    )
