"""FLEET-RES-006: a regulated stack holds no resources from provider packages the pack does not know.

Protects: the residency rules' coverage. The pack knows where resources of pulumi-aws, pulumi-gcp
and pulumi-azure-native keep their data (the residency survey) and where Kubernetes objects run;
it knows nothing about aws-native, the classic azure provider, google-native or any other
package, so their resources would pass every residency rule unchecked. In a regulated stack (the
policy config declares a ``stackRegime`` other than none, or any resource or provider declares a
regime other than none) a custom resource of any other package is refused, and so is one that
declares a regime itself. Packages whose resources keep no data anywhere (random, tls, time),
component resources and providers are not judged.
"""

from __future__ import annotations

from collections.abc import Iterator

from fleetguard.model import (
    CLOUDS,
    KUBERNETES,
    NO_DATA_PACKAGES,
    RESIDENCY,
    Context,
    Finding,
    Resource,
    Rule,
    declared_regime,
    each,
    regulated_stack,
)

KNOWN = frozenset(CLOUDS) | {KUBERNETES, "pulumi"} | NO_DATA_PACKAGES


def check(resources: list[Resource], ctx: Context) -> Iterator[Finding]:
    why = regulated_stack(resources, ctx)

    def decide(resource: Resource) -> Iterator[Finding]:
        own = declared_regime(resource)
        if why is None and (own is None or not own.regulated):
            return
        reason = why if why is not None else f"it declares {RESIDENCY}={own.name}"  # type: ignore[union-attr]
        yield Finding(
            f"{resource.type} {resource.name!r} comes from provider package {resource.package!r}, which the "
            f"residency survey does not cover, so where it keeps data cannot be determined, in a regulated stack "
            f"({reason}); use pulumi-aws, pulumi-gcp or pulumi-azure-native for regulated data, or exempt it with a "
            "reason",
            urn=resource.urn,
        )

    unknown = (r for r in resources if r.is_custom and r.package not in KNOWN and not r.type.startswith("pulumi:"))
    yield from each(unknown, decide, "the provider-package check")


RULE = Rule(
    id="FLEET-RES-006",
    name="residency-known-packages",
    title="Ensure a regulated stack holds no resources from provider packages the residency survey does not cover",
    severity="high",
    default_level="mandatory",
    rationale=(
        "A resource from an unknown package passes every residency rule unchecked; failing closed is the only safe "
        "answer."
    ),
    remediation="Use a surveyed provider package for regulated data, or exempt the resource with a reason.",
    stack_check=check,
)
