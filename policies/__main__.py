"""The fleet policy pack. The Pulumi CLI runs this file; it serves gRPC and never returns."""

from pulumi_policy import EnforcementLevel, PolicyPack

from fleetguard.pack import policies, track_secrets

track_secrets()
PolicyPack(
    name="fleet-guardrails",
    policies=policies(),
    enforcement_level=EnforcementLevel.MANDATORY,
    description="Data residency and guardrails for fleet stacks (and anything else deployed beside them).",
)
