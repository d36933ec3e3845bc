"""FLEET-SEC-001: kubeconfigs and other credentials are Pulumi secrets.

Protects: cluster credentials. A value that is not marked secret is stored in plain text in
the state file and printed by ``pulumi stack output`` and in CI logs. The rule checks the
credential a Kubernetes provider is given and every stack output whose name says it is a
credential.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from fleetguard.model import Context, Finding, Resource, Rule

CREDENTIAL = re.compile(r"kubeconfig|password|secret|token|credential|private_?key", re.IGNORECASE)
STACK = "pulumi:pulumi:Stack"


def check(resources: list[Resource], ctx: Context) -> Iterator[Finding]:
    for resource in resources:
        if resource.type == "pulumi:providers:kubernetes":
            if resource.props.get("kubeconfig") and "kubeconfig" not in resource.secret_paths:
                yield Finding(
                    f"Kubernetes provider {resource.name!r} receives its kubeconfig as plain text; wrap it in "
                    "pulumi.Output.secret(...)",
                    urn=resource.urn,
                )
        elif resource.type == STACK:
            for key in resource.props:
                if CREDENTIAL.search(key) and key not in resource.secret_paths:
                    yield Finding(
                        f"stack output {key!r} looks like a credential and is not secret; export it with "
                        "pulumi.Output.secret(...)",
                        urn=resource.urn,
                    )


RULE = Rule(
    id="FLEET-SEC-001",
    name="credentials-are-secret",
    title="Ensure kubeconfigs and credential outputs are Pulumi secrets",
    severity="high",
    default_level="mandatory",
    rationale="Non-secret values are stored and shown in plain text.",
    remediation="Mark the value with pulumi.Output.secret or additional_secret_outputs.",
    stack_check=check,
)
