"""FLEET-SEC-001: kubeconfigs and other credentials are Pulumi secrets.

Protects: cluster credentials. A value that is not marked secret is stored in plain text in
the state file and printed by ``pulumi stack output`` and in CI logs. The rule checks the
credential a Kubernetes provider is given and every stack output whose name (or the name of a key
nested in it) says it is a credential: kubeconfig, password/passwd/pwd/passphrase, secret, token,
credential(s), private/API/access/signing/SSH key, connection string, client secret.
A kubeconfig that is unknown at preview is still judged: whether it is secret is known.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from typing import Any

from fleetguard.model import K8S_PROVIDER, STACK, Context, Finding, Resource, Rule, Unknown, each, is_list, is_map

CREDENTIAL = re.compile(
    r"kubeconfig|passw(or)?d|\bpwd|pwd$|passphrase|secret|token|credential|private_?key|api_?key|access_?key|"
    r"signing_?key|ssh_?key|connection_?string|conn_?str",
    re.IGNORECASE,
)
MAX_DEPTH = 4


def _normal(key: str) -> str:
    return re.sub(r"[-.]", "_", re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", key))


def credential_paths(value: Any, prefix: str, depth: int = 0, secrets: Collection[str] = frozenset()) -> Iterator[str]:
    """Keys nested in a plain (non-secret) output whose names say they hold a credential; a nested value that
    arrived as a secret (``secrets``: its path) is secret."""
    if depth > MAX_DEPTH or isinstance(value, Unknown) or prefix in secrets:
        return
    if is_map(value):
        for key, item in value.items():
            path = f"{prefix}.{key}"
            if path in secrets:
                continue
            if CREDENTIAL.search(_normal(str(key))) and item not in (None, "", {}, []):
                yield path
            else:
                yield from credential_paths(item, path, depth + 1, secrets)
    elif is_list(value):
        for i, item in enumerate(value):
            yield from credential_paths(item, f"{prefix}[{i}]", depth + 1, secrets)


def check(resources: list[Resource], ctx: Context) -> Iterator[Finding]:
    def decide(resource: Resource) -> Iterator[Finding]:
        if resource.type == K8S_PROVIDER:
            if "kubeconfig" in resource.props and "kubeconfig" not in resource.secret_paths:
                value = resource.props["kubeconfig"]
                if isinstance(value, Unknown) or value:
                    yield Finding(
                        f"Kubernetes provider {resource.name!r} receives its kubeconfig as plain text; wrap it in "
                        "pulumi.Output.secret(...)",
                        urn=resource.urn,
                    )
            return
        props: Mapping[str, Any] = resource.props
        for key in props:
            if key in resource.secret_paths:
                continue
            secrets = resource.secret_paths
            paths = [key] if CREDENTIAL.search(_normal(key)) else list(credential_paths(props[key], key, 0, secrets))
            for path in paths:
                yield Finding(
                    f"stack output {path!r} looks like a credential and is not secret; export it with "
                    "pulumi.Output.secret(...)",
                    urn=resource.urn,
                )

    yield from each((r for r in resources if r.type in (K8S_PROVIDER, STACK)), decide, "the credential check")


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
