"""Every use the program and its offline review make of a private part of the Pulumi SDK, in one place.

The offline review runs the program under the Python SDK's mock runtime and records what it
registers; that leans on SDK internals that are not public API and may change in any release, so
they are named here and nowhere else (the policy pack keeps its own, in
policies/fleetguard/compat.py). ``tests/test_compat.py`` checks each one against the pinned SDK and
fails loudly with what changed when a pin moves.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from pulumi.runtime import rpc

# The wire form of a secret value, {SECRET_KEY: SECRET_SIG, "value": ...}, as the SDK spells it
# (pulumi/runtime/rpc.py; the engine's sdk/go/common/resource/sig.go has the same constants).
SECRET_KEY: str = rpc._special_sig_key
SECRET_SIG: str = rpc._special_secret_sig


def mock_monitor_class() -> type:
    """The SDK's in-process resource monitor for mocks (pulumi.runtime.mocks.MockMonitor), which the
    recording monitor extends to see every RegisterResource call with its parent and provider."""
    from pulumi.runtime import mocks

    return mocks.MockMonitor


def deserialize_properties(struct: Any) -> dict[str, Any]:
    """A protobuf Struct of resource properties as Python values, unknowns kept, secrets still wrapped."""
    return rpc.deserialize_properties(struct, keep_unknowns=True)


def thread_event_loop() -> asyncio.AbstractEventLoop:
    """The event loop the SDK gives the current executor thread (created on first use, never closed
    by the SDK), so a render can close the ones it caused."""
    from pulumi.runtime.sync_await import _ensure_event_loop

    return _ensure_event_loop()


def run_program(program: Callable[[], None]) -> Any:
    """A coroutine that runs ``program`` as the SDK runs a Pulumi program: inside its stack, waiting
    for every outstanding resource registration."""
    from pulumi.runtime.stack import run_pulumi_func

    return run_pulumi_func(program)


def register_stack_outputs(root: Any) -> None:
    """Register the root stack's exports, as the engine does after the program (set_mocks registers
    the stack before the program runs, with no outputs yet)."""
    from pulumi.runtime.stack import massage

    root.register_outputs(massage(root.outputs, []))


def reset_runtime() -> None:
    """Forget the mock runtime's settings (monitor, stack, project) so the next render starts clean."""
    from pulumi.runtime import settings

    settings.reset_options()
