"""The policy SDK floor: a pack with as many resource and stack policies as ours (same names,
so the same config applies) whose checks do nothing. What the real pack costs above this is
our rules; the rest is the SDK deserialising every resource once per policy."""

import sys
from pathlib import Path

from pulumi_policy import EnforcementLevel, PolicyPack, ResourceValidationPolicy, StackValidationPolicy

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "policies"))
from pulumi_policy import PolicyConfigSchema

from fleetguard.config import SCHEMA_PROPERTIES
from fleetguard.rules import RULES


def _noop(args, report):  # type: ignore[no-untyped-def]
    return None


PolicyPack(
    name="fleet-guardrails-floor",
    policies=[
        (ResourceValidationPolicy if rule.kind == "resource" else StackValidationPolicy)(
            name=rule.name,
            description=rule.title,
            validate=_noop,
            enforcement_level=EnforcementLevel.MANDATORY,
            config_schema=PolicyConfigSchema(properties=SCHEMA_PROPERTIES),
        )
        for rule in RULES
    ],
)
