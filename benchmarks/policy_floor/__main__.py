"""The policy SDK floor: a pack with as many resource and stack policies as ours (same names,
so the same config applies) whose checks do nothing. What the real pack costs above this is
our rules; the rest is the SDK deserialising every resource once per policy."""

import sys

from pulumi_policy import (
    EnforcementLevel,
    PolicyConfigSchema,
    PolicyPack,
    ResourceValidationPolicy,
    StackValidationPolicy,
)

from fleet import project

sys.path.insert(0, str(project.policies()))  # run from the project, as the CLI runs a pack

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
