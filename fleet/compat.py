"""Every use of a private or undocumented part of the Pulumi SDKs, in one place.

The offline review runs the program under the Python SDK's mock runtime and records what it
registers, and the policy pack needs to know which properties arrived as secrets. Both lean on
SDK internals that are not public API and may change in any release, so they are named here and
nowhere else; ``tests/test_compat.py`` checks each one against the pinned SDKs and fails loudly
with what changed when a pin moves.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

# The wire form of a secret value (pulumi/runtime/rpc.py; the same constants are the engine's
# sdk/go/common/resource/sig.go "1b47061264138c4ac30d75fd1eb44270").
SECRET_KEY = "4dabf18193072939515e22adb298388d"
SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"


def mock_monitor_class() -> type:
    """The SDK's in-process resource monitor for mocks (pulumi.runtime.mocks.MockMonitor), which the
    recording monitor extends to see every RegisterResource call with its parent and provider."""
    from pulumi.runtime import mocks

    return mocks.MockMonitor


def deserialize_properties(struct: Any) -> dict[str, Any]:
    """A protobuf Struct of resource properties as Python values, unknowns kept, secrets still wrapped."""
    from pulumi.runtime import rpc

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


def track_policy_secrets(marker: str) -> None:
    """Make the policy SDK record, under ``marker`` in each resource's properties, the names of the
    top-level properties that arrived as secrets.

    pulumi_policy unwraps secrets before a policy sees them (pulumi_policy/policy.py,
    ``deserialize_properties``), so "is the kubeconfig secret?" could not be answered otherwise.
    Idempotent.
    """
    import pulumi_policy.policy as sdk

    original = sdk.deserialize_properties
    if getattr(original, "fleet_tracking", False):
        return

    def deserialize(props: dict[str, Any], proxy_secrets: bool = False) -> dict[str, Any]:
        result = original(props, proxy_secrets)
        secret = [k for k, v in props.items() if isinstance(v, dict) and v.get(SECRET_KEY) == SECRET_SIG]
        if secret:
            result[marker] = secret
        return result

    deserialize.fleet_tracking = True  # type: ignore[attr-defined]
    sdk.deserialize_properties = deserialize


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
