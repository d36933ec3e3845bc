"""Every use the policy pack makes of a private part of the Pulumi SDKs, in one place.

The pack needs to know which properties arrived as secrets and which values are unknown during a
preview; pulumi_policy answers neither publicly. The internals it leans on may change in any
release, so they are named here and nowhere else; ``tests/test_compat.py`` checks each one against
the pinned SDKs. Like the rest of the pack, this imports only pulumi-policy (and the pulumi SDK it
brings), never the program.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from typing import Any

from google.protobuf import json_format
from pulumi.runtime import rpc

# The wire form of a secret value, {SECRET_KEY: SECRET_SIG, "value": ...}, as the SDK spells it
# (pulumi/runtime/rpc.py).
SECRET_KEY: str = rpc._special_sig_key
SECRET_SIG: str = rpc._special_secret_sig


class _Shared:
    """Results keyed by the identity of the object they were computed from, kept with it (so an id is
    never reused while its entry lives), the oldest dropped past ``limit``."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.entries: OrderedDict[tuple[int, Any], tuple[Any, Any]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, source: Any, extra: Any, compute: Callable[[], Any]) -> Any:
        key = (id(source), extra)
        with self.lock:
            hit = self.entries.get(key)
            if hit is not None and hit[0] is source:
                self.entries.move_to_end(key)
                return hit[1]
        value = compute()
        with self.lock:
            self.entries[key] = (source, value)
            while len(self.entries) > self.limit:
                self.entries.popitem(last=False)
        return value


# Enough for a whole stack's resources and their providers in one AnalyzeStack request.
SHARED_LIMIT = 100_000


def secret_paths(value: Any, prefix: str = "", depth: int = 0) -> Iterator[str]:
    """The paths of the values that arrived as secrets: a top-level property by its name, a value nested in one
    (a stack output object with one secret field) as ``name.key`` or ``name[i]``."""
    if depth > 8:
        return
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            if isinstance(item, dict) and item.get(SECRET_KEY) == SECRET_SIG:
                yield path
            else:
                yield from secret_paths(item, path, depth + 1)
    elif isinstance(value, list) and prefix:
        for index, item in enumerate(value):
            path = f"{prefix}[{index}]"
            if isinstance(item, dict) and item.get(SECRET_KEY) == SECRET_SIG:
                yield path
            else:
                yield from secret_paths(item, path, depth + 1)


def share_deserialisation_and_track_secrets(marker: str) -> None:
    """Deserialise each resource's properties once for all policies, and record under ``marker`` in
    each resource's properties the names of the top-level properties that arrived as secrets.

    pulumi_policy deserialises a resource's properties once per policy: Analyze and AnalyzeStack loop
    over the policies and call ``deserialize_properties(json_format.MessageToDict(...))`` inside the
    loop, for the resource and for its provider (pulumi_policy/policy.py), so a pack of 22 rules
    converts every resource of a stack 22 times. Both calls are made to return the one result per
    protobuf message; policies read it, never write it (fleetguard/pack.py builds its own objects).

    pulumi_policy also unwraps secrets before a policy sees them (``deserialize_properties``), so
    "is the kubeconfig secret?" could not be answered otherwise. Idempotent.
    """
    import pulumi_policy.policy as sdk

    original = sdk.deserialize_properties
    if getattr(original, "fleet_tracking", False):
        return
    to_dict = sdk.json_format.MessageToDict
    dicts, properties = _Shared(SHARED_LIMIT), _Shared(SHARED_LIMIT)

    class SharedJsonFormat:
        """``google.protobuf.json_format`` as the policy SDK uses it, MessageToDict shared per message."""

        def __getattr__(self, name: str) -> Any:
            return getattr(json_format, name)

        @staticmethod
        def MessageToDict(message: Any, *args: Any, **kwargs: Any) -> Any:
            extra = (args, tuple(sorted(kwargs.items())))
            return dicts.get(message, extra, lambda: to_dict(message, *args, **kwargs))

    def deserialize(props: dict[str, Any], proxy_secrets: bool = False) -> dict[str, Any]:
        def compute() -> dict[str, Any]:
            result = original(props, proxy_secrets)
            secret = list(secret_paths(props))
            if secret:
                result[marker] = secret
            return result

        return properties.get(props, proxy_secrets, compute)

    deserialize.fleet_tracking = True  # type: ignore[attr-defined]
    sdk.deserialize_properties = deserialize
    sdk.json_format = SharedJsonFormat()


def _policy_unknown_sentinels() -> frozenset[str]:
    from pulumi_policy import proxy

    names = ("BOOLEAN", "NUMBER", "STRING", "ARRAY", "ASSET", "ARCHIVE", "OBJECT")
    return frozenset(getattr(proxy, f"UNKNOWN_{name}_VALUE") for name in names)


# The policy SDK's stand-ins for values unknown during preview (pulumi_policy/proxy.py: the
# engine's unknown sentinel and the typed ones the SDK substitutes for it).
POLICY_UNKNOWN_SENTINELS = _policy_unknown_sentinels()


def policy_unknown(path: str) -> Exception:
    """The exception the policy SDK raises on reading an unknown value; the SDK turns it into the
    "can't run policy during preview" note (pulumi_policy/policy.py)."""
    from pulumi_policy.proxy import UNKNOWN_STRING_VALUE, UnknownValueError

    return UnknownValueError(UNKNOWN_STRING_VALUE, [path])


def build_stack_resources_once() -> None:
    """Give every stack policy the one list of resources, built once per AnalyzeStack request.

    pulumi_policy's AnalyzeStack builds the stack's resources again for each stack policy: for every
    resource its properties, options, provider and an unknown-checking proxy, then the parent and
    dependency links between them (pulumi_policy/policy.py, ``_PolicyAnalyzerServicer.AnalyzeStack``).
    With 15 stack rules that is 15 builds of the same list, most of a review's policy time. This
    servicer method builds the list once, with the SDK's own helpers, and then runs each stack policy
    as the SDK does: its enforcement level (disabled skipped, remediate reported as mandatory), its
    violation reporter, its config, and the same diagnostics for an unknown value or a policy that
    does not apply. Policies share the objects: they read them, never write them (fleetguard/pack.py
    builds its own). tests/test_compat.py holds the response equal to the SDK's own. Idempotent.
    """
    import pulumi_policy.policy as sdk

    servicer = sdk._PolicyAnalyzerServicer
    if getattr(servicer.AnalyzeStack, "fleet_shared", False):
        return

    def resources(self: Any, request: Any) -> list[Any]:
        built: dict[str, Any] = {}
        links: list[tuple[Any, Any]] = []
        for r in request.resources:
            message = sdk.json_format.MessageToDict(r.properties)
            props = sdk.unknown_checking_proxy(sdk.deserialize_properties(message))
            resource = sdk.PolicyResource(
                r.type,
                props,
                r.urn,
                r.name,
                self._get_resource_options(r),
                self._get_provider_resource(r),
                None,
                [],
                {},
            )
            built[r.urn] = resource
            links.append((resource, r))
        for resource, r in links:
            if r.parent and r.parent in built:
                resource.parent = built[r.parent]
            resource.dependencies.extend(built[urn] for urn in r.dependencies if urn in built)
            for key, value in r.propertyDependencies.items():
                resource.property_dependencies[key] = [built[urn] for urn in value.urns if urn in built]
        return [resource for resource, _ in links]

    def analyze_stack(self: Any, request: Any, _context: Any) -> Any:
        self._configure_runtime_settings()
        response = sdk.proto.AnalyzeResponse()
        shared: list[Any] | None = None
        name, version = (
            self._PolicyAnalyzerServicer__policy_pack_name,
            self._PolicyAnalyzerServicer__policy_pack_version,
        )
        for policy in self._PolicyAnalyzerServicer__policies:
            level = self._get_enforcement_level(policy)
            if level == sdk.EnforcementLevel.DISABLED or not isinstance(policy, sdk.StackValidationPolicy):
                continue
            if level == sdk.EnforcementLevel.REMEDIATE:
                level = sdk.EnforcementLevel.MANDATORY
            report = self._create_report_violation(response, policy.name, policy.description, level, policy.severity)
            if shared is None:
                shared = resources(self, request)
            args = sdk.StackValidationArgs(
                shared, self._get_policy_config(policy.name), self._PolicyAnalyzerServicer__stack_tags
            )
            try:
                result = policy.validate(args, report)
                if sdk.isawaitable(result):
                    loop = sdk.asyncio.new_event_loop()
                    loop.run_until_complete(result)
                    loop.close()
            except sdk.UnknownValueError as err:
                response.diagnostics.append(
                    sdk.proto.AnalyzeDiagnostic(
                        policyName=policy.name,
                        policyPackName=name,
                        policyPackVersion=version,
                        message=f"can't run policy '{policy.name}' from policy pack '{name}@v{version}' "
                        f"during preview: {err.message}",
                        urn="",
                        description=policy.description,
                        enforcementLevel=self._map_enforcement_level(sdk.EnforcementLevel.ADVISORY),
                    )
                )
            except sdk._NotApplicableError as err:
                response.not_applicable.append(
                    sdk.proto.PolicyNotApplicable(policy_name=policy.name, reason=err.reason or "")
                )
        return response

    analyze_stack.fleet_shared = True  # type: ignore[attr-defined]
    analyze_stack.sdk_original = servicer.AnalyzeStack  # type: ignore[attr-defined]  # compared in tests/test_compat.py
    servicer.AnalyzeStack = analyze_stack  # type: ignore[method-assign]
