"""Run the real program under the Pulumi SDK's mock runtime and record what it registers.

This is how the fleet is planned and reviewed without a cloud or the Pulumi CLI: the program
runs unchanged, every RegisterResource call is recorded with its parent, provider, protect
flag and inputs (secrets kept wrapped so they are never shown), and the stack outputs are kept.
"""

from __future__ import annotations

import asyncio
import contextvars
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pulumi
from pulumi.runtime import settings

from fleet import compat
from fleet.core import catalog
from fleet.review.mocks import FleetMocks

STACK_TYPE = "pulumi:pulumi:Stack"


@dataclass
class Resource:
    urn: str
    type: str
    name: str
    parent: str | None
    provider: str | None  # the provider's URN, None for components and providers
    inputs: dict[str, Any]  # secrets still wrapped
    protect: bool
    custom: bool
    dependencies: list[str] = field(default_factory=list)
    outputs: dict[str, Any] = field(default_factory=dict)  # state as the (mock) provider returned it
    ignore_changes: list[str] = field(default_factory=list)
    read: bool = False
    """Read (``Resource.get``), not managed: an object made elsewhere that the program looks at.
    The engine neither creates, deletes nor analyzes it (it keeps reads apart from the stack's
    resources: pulumi/pkg v3.274.1 resource/deploy/step_executor.go), so a rendering keeps them
    apart too (``Rendering.reads``): the plan shows them as "checked, not managed"; snapshots,
    diffs and the policy pack's input leave them out."""
    read_id: str = ""  # the ID a read asked for (the object made elsewhere)
    id: str = ""  # the ID the (mock) provider gave it
    property_dependencies: dict[str, list[str]] = field(default_factory=dict)
    """Per input, the resources whose outputs it takes (the SDK sends them with the registration):
    what the review follows when a replaced resource's outputs become unknown."""
    delete_before_replace: bool = False


@dataclass
class Rendering:
    project: str
    stack: str
    resources: list[Resource]
    outputs: dict[str, Any]  # secrets still wrapped
    stack_urn: str = ""
    mock_values: frozenset[str] = frozenset()  # what the mocks invented in place of the clouds
    reads: list[Resource] = field(default_factory=list)  # read, not managed (see Resource.read)

    def by_urn(self) -> dict[str, Resource]:
        return {r.urn: r for r in self.resources}


class RecordingMocks(FleetMocks):
    """The mocks, remembering every value they invent (IDs, ARNs, endpoints, what a data source
    returns), so `fleet plan` can label them: nobody should mistake a mock's answer for a cloud's."""

    def __init__(self) -> None:
        super().__init__()
        self.invented: set[str] = set()

    def _remember(self, value: Any, given: frozenset[str]) -> None:
        for text in _strings(value):
            # Short strings and region names are answers the cloud would give the same way; as
            # labels they would taint every input that happens to contain them.
            if len(text) >= 8 and text not in given and not catalog_region(text):
                self.invented.add(text)

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict[str, Any]]:
        resource_id, state = super().new_resource(args)
        inputs = dict(args.inputs)
        # The logical name is the program's, not the cloud's, though mocks echo it as a name.
        given = frozenset([*_strings(inputs), args.name])
        self._remember(resource_id, given)
        for key, value in state.items():
            if inputs.get(key) != value:
                self._remember(value, given)
        return resource_id, state

    def call(self, args: pulumi.runtime.MockCallArgs) -> dict[str, Any]:  # type: ignore[override]
        result = super().call(args)
        self._remember(result, frozenset(_strings(dict(args.args))))
        return result


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, (list, tuple)):
        return [s for item in value for s in _strings(item)]
    return []


def catalog_region(value: str) -> bool:
    return any(catalog.lookup(cloud, value) is not None for cloud in ("aws", "gcp", "azure"))


class RecordingMonitor(compat.mock_monitor_class()):  # type: ignore[misc]
    def __init__(self, mocks: FleetMocks) -> None:
        super().__init__(mocks)
        self.fleet_mocks = mocks
        self.recorded: list[Resource] = []
        self.reads: list[Resource] = []
        self.stack_outputs: dict[str, Any] = {}
        self.stack_urn = ""
        # The SDK gives each executor thread its own event loop and never closes it; collect
        # them so a render cleans up after itself.
        self.thread_loops: set[asyncio.AbstractEventLoop] = set()

    def _track_loop(self) -> None:
        self.thread_loops.add(compat.thread_event_loop())

    def Invoke(self, request):
        self._track_loop()
        return super().Invoke(request)

    def make_urn(self, parent: str, type_: str, name: str) -> str:
        # Like the engine (pkg/resource/deploy/source_eval.go): a child's type is qualified by its
        # parent's whole qualified type, except under the root stack.
        if parent and parent.split("::")[2] != STACK_TYPE:
            type_ = parent.split("::")[2] + "$" + type_
        return "urn:pulumi:" + "::".join([settings.get_stack(), settings.get_project(), type_, name])

    def RegisterResource(self, request):
        self._track_loop()
        response = super().RegisterResource(request)
        if request.type == STACK_TYPE:
            self.stack_urn = response.urn
            return response
        inputs = compat.deserialize_properties(request.object)
        if request.type.startswith("pulumi:providers:"):
            self.fleet_mocks.provider_inputs[response.urn] = inputs
        self.recorded.append(
            self._resource(
                request,
                response.urn,
                inputs,
                compat.deserialize_properties(response.object) if request.custom else {},
                protect=bool(request.protect),
                custom=bool(request.custom),
                ignore_changes=list(request.ignoreChanges),
                id=response.id if request.custom else "",
                property_dependencies={
                    key: sorted(set(value.urns)) for key, value in request.propertyDependencies.items() if value.urns
                },
                delete_before_replace=bool(request.deleteBeforeReplace),
            )
        )
        return response

    def ReadResource(self, request):
        self._track_loop()
        response = super().ReadResource(request)
        self.reads.append(
            self._resource(
                request,
                response.urn,
                compat.deserialize_properties(request.properties),
                compat.deserialize_properties(response.properties),
                protect=False,
                custom=True,
                read=True,
                read_id=request.id,
            )
        )
        return response

    def _resource(
        self, request: Any, urn: str, inputs: dict[str, Any], outputs: dict[str, Any], **rest: Any
    ) -> Resource:
        """What a RegisterResource or ReadResource request says of its resource, as recorded."""
        return Resource(
            urn=urn,
            type=request.type,
            name=request.name,
            parent=None if request.parent in ("", self.stack_urn) else request.parent,
            provider=request.provider.rsplit("::", 1)[0] if request.provider else None,
            inputs=inputs,
            dependencies=list(request.dependencies),
            outputs=outputs,
            **rest,
        )

    def RegisterResourceOutputs(self, request):
        outputs = compat.deserialize_properties(request.outputs)
        if request.urn == self.stack_urn:
            self.stack_outputs = outputs
        else:
            # A component's registered outputs are its state, as the engine records them.
            for resource in reversed(self.recorded):
                if resource.urn == request.urn:
                    resource.outputs = outputs
                    break
        return super().RegisterResourceOutputs(request)


def run_mocked(
    program: Callable[[], None],
    stack: str,
    project: str = "fleet",
    config: dict[str, str] | None = None,
    secret_keys: list[str] | None = None,
) -> Rendering:
    """Run ``program`` under the SDK's mock runtime with a recording monitor and return what it
    registered. Each call has its own event loop and context, so runs do not leak into each other.
    """
    return contextvars.Context().run(_run_mocked, program, stack, project, config or {}, secret_keys or [])


def _run_mocked(
    program: Callable[[], None], stack: str, project: str, config: dict[str, str], secret_keys: list[str]
) -> Rendering:
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    mocks = RecordingMocks()
    monitor = RecordingMonitor(mocks)
    try:
        pulumi.runtime.set_all_config(config, secret_keys)
        pulumi.runtime.set_mocks(mocks, project=project, stack=stack, preview=False, monitor=monitor)
        root = settings.get_root_resource()

        def run() -> None:
            program()
            # set_mocks registers the stack's (empty) outputs when it creates the stack, as the
            # engine would before the program runs; register the exports now, as the engine
            # does after the program.
            compat.register_stack_outputs(root)

        loop.run_until_complete(compat.run_program(run))
    finally:
        compat.reset_runtime()
        loop.run_until_complete(loop.shutdown_default_executor())
        for thread_loop in monitor.thread_loops - {loop}:
            thread_loop.close()
        asyncio.set_event_loop(None)
        loop.close()
    return Rendering(
        project=project,
        stack=stack,
        resources=monitor.recorded,
        outputs=monitor.stack_outputs,
        stack_urn=monitor.stack_urn,
        mock_values=frozenset(mocks.invented),
        reads=monitor.reads,
    )


MOCK_SUFFIX = ".mock.invalid"  # RFC 2606: .invalid never resolves
MOCK_SERVER = "https://{name}" + MOCK_SUFFIX


def mock_credentials(raw_spec: Any) -> dict[str, str]:
    """A stand-in kubeconfig for every existing cluster's secret config key. The real ones are
    encrypted in the stack file (the review checks they are set, and set as secrets); a render
    only needs something of the same shape, and its server says it is a mock."""
    clusters = raw_spec.get("clusters") if isinstance(raw_spec, dict) else None
    found = {}
    for cluster in clusters if isinstance(clusters, list) else []:
        if isinstance(cluster, dict) and cluster.get("cloud") == "existing":
            key, name = cluster.get("kubeconfigSecret"), str(cluster.get("name", "cluster"))
            if isinstance(key, str):
                server = MOCK_SERVER.format(name=name)
                found[key] = json.dumps(
                    {
                        "apiVersion": "v1",
                        "kind": "Config",
                        "clusters": [{"name": name, "cluster": {"server": server}}],
                        "contexts": [{"name": name, "context": {"cluster": name, "user": "mock"}}],
                        "current-context": name,
                        "users": [{"name": "mock", "user": {"token": "mock"}}],
                    }
                )
    return found


def render(raw_spec: Any, stack: str, project: str = "fleet", shard: str | None = None) -> Rendering:
    """Run ``fleet.program.main`` with ``fleet:spec`` set to ``raw_spec`` (and ``fleet:shard``, and
    mock kubeconfigs for existing clusters as secret config); return what it registered."""
    from fleet import program

    credentials = mock_credentials(raw_spec)
    config = {f"{project}:spec": json.dumps(raw_spec), **credentials}
    if shard is not None:
        config[f"{project}:shard"] = shard
    return run_mocked(program.main, stack, project, config, secret_keys=list(credentials))
