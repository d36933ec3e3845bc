"""Run the policy pack exactly as the Pulumi CLI does, against a rendered stack.

The pack is started as ``python -u -m pulumi.policy <engine-address> <pack-dir>`` with the
CLI's environment, prints its gRPC port, and is driven through the Analyzer service:
GetAnalyzerInfo, ConfigureStack, Configure, Analyze for every resource (its inputs) and
AnalyzeStack once (every resource with its outputs, parents, providers and dependencies).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import grpc
from google.protobuf import empty_pb2, struct_pb2
from pulumi.runtime.proto import analyzer_pb2, analyzer_pb2_grpc

from fleet import project as fleet_project
from fleet.review.document import Violation
from fleet.review.render import Rendering, Resource

RULE_TAG = re.compile(r"\[(?P<rule>FLEET-[A-Z]+-\d{3})\] (?P<message>.*)", re.DOTALL)
# The pack describes each policy as "<RULE-ID>: <title>" (policies/fleetguard/pack.py).
DESCRIPTION = re.compile(r"(?P<rule>FLEET-[A-Z]+-\d{3}): (?P<title>.*)", re.DOTALL)
LEVEL_NAMES = {0: "advisory", 1: "mandatory", 2: "disabled", 3: "remediate"}
LEVEL_VALUES = {name: value for value, name in LEVEL_NAMES.items()}


class PolicyPackError(Exception):
    """The pack could not be started or answered badly."""


@dataclass(frozen=True)
class PolicyInfo:
    """One policy of the pack as it ran on a stack: as the pack describes it over the protocol,
    with the enforcement level the stack's config gave it."""

    name: str
    rule_id: str  # "" for a policy whose description carries none
    title: str
    level: str  # advisory | mandatory | disabled | remediate
    severity: str  # low | medium | high | critical | "" when unspecified


@dataclass(frozen=True)
class Evaluation:
    """What a run of the pack on a rendered stack found, and which policies it ran with what config."""

    violations: list[Violation]
    pack: str  # the pack's name, as it reports it
    policies: tuple[PolicyInfo, ...]
    config: Mapping[str, Any]


def _struct(value: Mapping[str, Any]) -> struct_pb2.Struct:
    message = struct_pb2.Struct()
    try:
        message.update(value)
    except (TypeError, ValueError):
        # Values protobuf cannot hold directly (rare: non-string keys, odd scalars) go via JSON.
        message = struct_pb2.Struct()
        message.update(json.loads(json.dumps(value, default=str)))
    return message


class PolicyPack:
    """A running policy pack process and its Analyzer client. Use as a context manager."""

    def __init__(self, pack_dir: Path | None = None, project: str = "fleet", stack: str = "dev", dry_run: bool = True):
        pack_dir = pack_dir or fleet_project.policies()
        self.pack_dir = pack_dir
        env = {
            **os.environ,
            "PULUMI_PROJECT": project,
            "PULUMI_STACK": stack,
            "PULUMI_DRY_RUN": "true" if dry_run else "false",
            "PULUMI_CONFIG": "{}",
        }
        self.process = subprocess.Popen(
            [sys.executable, "-u", "-m", "pulumi.policy", "127.0.0.1:0", str(pack_dir)],
            cwd=pack_dir,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        first = self.process.stdout.readline().strip()
        if not first.isdigit():
            self.process.kill()
            _, err = self.process.communicate(timeout=10)
            raise PolicyPackError(f"policy pack did not start: {first or err.strip()[-2000:]}")
        self.port = int(first)
        self.channel = grpc.insecure_channel(f"127.0.0.1:{self.port}")
        self.stub = analyzer_pb2_grpc.AnalyzerStub(self.channel)
        self.project, self.stack, self.dry_run = project, stack, dry_run
        self._providers: dict[str, analyzer_pb2.AnalyzerProviderResource] = {}

    def __enter__(self) -> PolicyPack:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.channel.close()
        self.process.kill()
        self.process.communicate(timeout=10)

    def info(self) -> analyzer_pb2.AnalyzerInfo:
        return self.stub.GetAnalyzerInfo(empty_pb2.Empty())

    def configure(self, config: Mapping[str, Any] | None = None) -> tuple[PolicyInfo, ...]:
        """``config`` as the CLI's --policy-pack-config file: {policy-name: level | {enforcementLevel, ...}}.
        Returns the pack's policies with the levels they now run at."""
        self.stub.ConfigureStack(
            analyzer_pb2.AnalyzerStackConfigureRequest(
                stack=self.stack, project=self.project, organization="organization", dry_run=self.dry_run
            )
        )
        policy_config = {}
        info = self.info()
        defaults = {p.name: p.enforcementLevel for p in info.policies}
        everything = (config or {}).get("all")
        for name, level in defaults.items():
            entry = (config or {}).get(name, {})
            if isinstance(entry, str):
                entry = {"enforcementLevel": entry}
            chosen = entry.get("enforcementLevel") or everything
            properties = {k: v for k, v in entry.items() if k != "enforcementLevel"}
            policy_config[name] = analyzer_pb2.PolicyConfig(
                enforcementLevel=LEVEL_VALUES[chosen] if chosen else level,  # type: ignore[arg-type]
                properties=_struct(properties),
            )
        self.stub.Configure(analyzer_pb2.ConfigureAnalyzerRequest(policyConfig=policy_config))
        return tuple(_info(p, LEVEL_NAMES.get(policy_config[p.name].enforcementLevel, "")) for p in info.policies)

    def analyze(self, resource: Resource, provider: Resource | None) -> list[Violation]:
        return _violations(self.stub.Analyze(self.request(resource, provider)))

    def analyze_many(self, pairs: Iterable[tuple[Resource, Resource | None]], window: int = 64) -> list[Violation]:
        """Analyze resources with up to ``window`` calls in flight, as fast as the pack answers.

        The engine analyzes resources concurrently as it steps through them; pipelining here
        keeps our side from waiting on each round trip. Violations keep the resources' order.
        """
        pending: list[tuple[Resource, Any]] = []
        found: list[Violation] = []

        def drain(keep: int) -> None:
            while len(pending) > keep:
                resource, future = pending.pop(0)
                found.extend(v if v.urn else replace(v, urn=resource.urn) for v in _violations(future.result()))

        for resource, provider in pairs:
            pending.append((resource, self.stub.Analyze.future(self.request(resource, provider))))
            drain(window)
        drain(0)
        return found

    def request(self, resource: Resource, provider: Resource | None) -> analyzer_pb2.AnalyzeRequest:
        request = analyzer_pb2.AnalyzeRequest(
            type=resource.type,
            properties=_struct(resource.inputs),
            urn=resource.urn,
            name=resource.name,
            options=analyzer_pb2.AnalyzerResourceOptions(protect=resource.protect, parent=resource.parent or ""),
        )
        if provider is not None:
            request.provider.CopyFrom(self._provider(provider))
        return request

    def _provider(self, provider: Resource) -> analyzer_pb2.AnalyzerProviderResource:
        cached = self._providers.get(provider.urn)
        if cached is None:
            cached = analyzer_pb2.AnalyzerProviderResource(
                type=provider.type, properties=_struct(provider.inputs), urn=provider.urn, name=provider.name
            )
            self._providers[provider.urn] = cached
        return cached

    def analyze_stack(self, resources: Iterable[analyzer_pb2.AnalyzerResource]) -> list[Violation]:
        return _violations(self.stub.AnalyzeStack(analyzer_pb2.AnalyzeStackRequest(resources=list(resources))))


def _info(policy: analyzer_pb2.PolicyInfo, level: str) -> PolicyInfo:
    described = DESCRIPTION.fullmatch(policy.description)
    severity = analyzer_pb2.PolicySeverity.Name(policy.severity).removeprefix("POLICY_SEVERITY_").lower()
    return PolicyInfo(
        name=policy.name,
        rule_id=described["rule"] if described else "",
        title=described["title"] if described else policy.description,
        level=level,
        severity="" if severity == "unspecified" else severity,
    )


def _violations(response: analyzer_pb2.AnalyzeResponse) -> list[Violation]:
    found = []
    for diagnostic in response.diagnostics:
        # The SDK sends "<policy description>\n<message>"; our messages start with "[RULE-ID] ".
        message = diagnostic.message
        rule_id = ""
        tagged = RULE_TAG.search(message)
        if tagged:
            rule_id, message = tagged["rule"], tagged["message"]
        found.append(
            Violation(
                policy=diagnostic.policyName,
                rule_id=rule_id,
                level=LEVEL_NAMES.get(diagnostic.enforcementLevel, "advisory"),
                message=message,
                urn=diagnostic.urn,
                severity=str(diagnostic.severity),
            )
        )
    return found


def stack_resources(rendering: Rendering) -> list[analyzer_pb2.AnalyzerResource]:
    """Every resource as AnalyzeStack sees it: outputs, parent, provider, dependencies."""
    by_urn = rendering.by_urn()
    result = [
        analyzer_pb2.AnalyzerResource(
            type="pulumi:pulumi:Stack",
            properties=_struct(rendering.outputs),
            urn=rendering.stack_urn,
            name=f"{rendering.project}-{rendering.stack}",
        )
    ]
    for resource in rendering.resources:
        # Outputs, as the engine sends: a custom resource's state, a component's registered outputs.
        state = resource.outputs
        item = analyzer_pb2.AnalyzerResource(
            type=resource.type,
            properties=_struct(state or resource.inputs),
            urn=resource.urn,
            name=resource.name,
            options=analyzer_pb2.AnalyzerResourceOptions(protect=resource.protect, parent=resource.parent or ""),
            parent=resource.parent or rendering.stack_urn,
            dependencies=resource.dependencies,
        )
        for key, urns in resource.property_dependencies.items():
            item.propertyDependencies[key].urns.extend(urns)
        provider = by_urn.get(resource.provider or "")
        if provider is not None:
            item.provider.CopyFrom(
                analyzer_pb2.AnalyzerProviderResource(
                    type=provider.type, properties=_struct(provider.inputs), urn=provider.urn, name=provider.name
                )
            )
        result.append(item)
    return result


ConfigSource = Mapping[str, Any] | Callable[[list[str]], Mapping[str, Any]] | None


def evaluate(rendering: Rendering, config: ConfigSource = None, pack_dir: Path | None = None) -> list[Violation]:
    """All violations the pack reports for a rendered stack, as ``pulumi preview`` would.

    ``config`` is the --policy-pack-config document, or a function from the pack's policy names
    to it (so callers need not import the pack to know its policies).
    """
    return run(rendering, config, pack_dir).violations


def run(rendering: Rendering, config: ConfigSource = None, pack_dir: Path | None = None) -> Evaluation:
    """``evaluate``, keeping which policies ran, at which levels, with which config."""
    by_urn = rendering.by_urn()
    # Two pack processes: one answers the per-resource Analyze calls while the other runs the
    # stack analysis, so both cores work. Each is configured identically; results are the same
    # as from one process, in the same order.
    with (
        PolicyPack(pack_dir, rendering.project, rendering.stack) as resources_pack,
        PolicyPack(pack_dir, rendering.project, rendering.stack) as stack_pack,
    ):
        info = resources_pack.info()
        if callable(config):
            config = config([p.name for p in info.policies])
        policies = resources_pack.configure(config)
        stack_pack.configure(config)
        with ThreadPoolExecutor(max_workers=1) as background:
            stack_result = background.submit(stack_pack.analyze_stack, stack_resources(rendering))
            violations = resources_pack.analyze_many(
                (resource, by_urn.get(resource.provider or ""))
                for resource in rendering.resources
                if resource.custom and not resource.type.startswith("pulumi:providers:")
            )
            violations += stack_result.result()
    return Evaluation(violations, info.name, policies, dict(config or {}))
