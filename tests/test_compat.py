"""Every SDK internal fleet/compat.py (the program's) and policies/fleetguard/compat.py (the pack's)
lean on, checked against the installed (pinned) SDKs.

When a pin moves and one of these fails, the message says which internal changed; fix the compat
module, not its callers.
"""

from __future__ import annotations

import inspect

import pulumi
import pulumi_policy
import pytest

from fleet import compat
from fleetguard import compat as pack_compat


def _params(fn) -> list[str]:
    return list(inspect.signature(fn).parameters)


def test_secret_wire_constants_are_the_engines():
    # The engine's sdk/go/common/resource/sig.go: a change here is a protocol change, not a refactor.
    for module in (compat, pack_compat):
        assert (module.SECRET_KEY, module.SECRET_SIG) == (
            "4dabf18193072939515e22adb298388d",
            "1b47061264138c4ac30d75fd1eb44270",
        ), "pulumi.runtime.rpc's secret signature changed"


def test_mock_monitor_has_the_calls_the_recorder_overrides():
    monitor = compat.mock_monitor_class()
    for method in ("RegisterResource", "RegisterResourceOutputs", "Invoke", "make_urn"):
        assert callable(getattr(monitor, method, None)), f"pulumi.runtime.mocks.MockMonitor.{method} is gone"
    assert _params(monitor.make_urn)[1:] == ["parent", "type_", "name"], "MockMonitor.make_urn signature changed"
    assert _params(monitor.__init__)[1:2] == ["mocks"], "MockMonitor(mocks) constructor changed"


def test_deserialize_properties_keeps_unknowns_and_secrets():
    from google.protobuf import struct_pb2
    from pulumi.runtime import rpc

    struct = struct_pb2.Struct()
    struct.update(
        {
            "plain": "x",
            "unknown": rpc.UNKNOWN,
            "secret": {compat.SECRET_KEY: compat.SECRET_SIG, "value": "s3cr3t"},
        }
    )
    props = compat.deserialize_properties(struct)
    assert props["plain"] == "x"
    from pulumi.output import Unknown

    assert isinstance(props.get("unknown"), Unknown), (
        "rpc.deserialize_properties(keep_unknowns=True) no longer keeps unknowns"
    )
    assert props["secret"] == {compat.SECRET_KEY: compat.SECRET_SIG, "value": "s3cr3t"}, (
        "rpc.deserialize_properties now unwraps secrets; the review's secret walker expects them wrapped"
    )


def test_runtime_entry_points_exist_with_the_shapes_used():
    from pulumi.runtime import settings, stack, sync_await

    assert _params(stack.run_pulumi_func) == ["func"], "pulumi.runtime.stack.run_pulumi_func signature changed"
    assert _params(stack.massage)[:2] == ["attr", "seen"], "pulumi.runtime.stack.massage signature changed"
    assert callable(settings.reset_options), "pulumi.runtime.settings.reset_options is gone"
    assert callable(sync_await._ensure_event_loop), "pulumi.runtime.sync_await._ensure_event_loop is gone"


def test_policy_sdk_deserializer_is_patchable_and_records_secret_names():
    import pulumi_policy.policy as sdk

    original = sdk.deserialize_properties
    assert _params(getattr(original, "__wrapped__", original))[:2] == ["props", "proxy_secrets"] or getattr(
        original, "fleet_tracking", False
    ), "pulumi_policy.policy.deserialize_properties(props, proxy_secrets) signature changed"
    pack_compat.share_deserialisation_and_track_secrets("__secret")
    props = {"kubeconfig": {pack_compat.SECRET_KEY: pack_compat.SECRET_SIG, "value": "apiVersion: v1"}, "name": "c"}
    result = sdk.deserialize_properties(props, False)
    assert result["kubeconfig"] == "apiVersion: v1", "the policy SDK no longer unwraps secrets before policies"
    assert result["__secret"] == ["kubeconfig"]
    pack_compat.share_deserialisation_and_track_secrets("__secret")  # idempotent: no double wrapping
    assert sdk.deserialize_properties(props, False)["__secret"] == ["kubeconfig"]


def test_policy_unknown_sentinels_are_the_sdks():
    from pulumi_policy import proxy

    assert len(pack_compat.POLICY_UNKNOWN_SENTINELS) == 7
    assert proxy.UNKNOWN_STRING_VALUE in pack_compat.POLICY_UNKNOWN_SENTINELS
    # The engine sends this for any unknown (sdk/go/common/resource/plugin/rpc.go UnknownStringValue).
    assert "04da6b54-80e4-46f7-96ec-b56ff0331ba9" in pack_compat.POLICY_UNKNOWN_SENTINELS


def test_policy_unknown_is_the_exception_the_sdk_handles():
    from pulumi_policy import policy, proxy

    err = pack_compat.policy_unknown("spec.location")
    assert isinstance(err, proxy.UnknownValueError)
    # The SDK turns this exception into its "can't run policy during preview" note; if it stops
    # catching it by name, a preview with unknowns would crash the pack instead.
    assert "except UnknownValueError" in inspect.getsource(policy), (
        "pulumi_policy.policy no longer catches UnknownValueError"
    )


@pytest.mark.parametrize("package", [pulumi, pulumi_policy])
def test_pinned_versions_are_the_ones_checked(package):
    import tomllib
    from importlib.metadata import version

    from tests.conftest import ROOT

    pins = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    name = package.__name__.replace("_", "-")
    pin = next(p for p in pins if p.split("==")[0].split(">")[0].split("<")[0].strip() == name)
    assert "==" in pin, (
        f"{name} is not pinned exactly in pyproject.toml ({pin}); compat.py is checked against one version"
    )
    assert version(name) == pin.split("==")[1].strip(), f"installed {name} {version(name)} is not the pinned {pin}"


def test_the_stack_analysis_built_once_answers_as_the_sdk_does() -> None:
    """compat.build_stack_resources_once replaces the SDK's AnalyzeStack: on the dev stack, with the
    pack's rules plus policies that cover every other way a stack policy ends (unknown value, not
    applicable, disabled, remediate), its response is the SDK's own, byte for byte."""
    import pulumi_policy.policy as sdk
    import yaml
    from pulumi.runtime.proto import analyzer_pb2
    from pulumi_policy import EnforcementLevel, StackValidationPolicy

    from fleet.review import policy_config
    from fleet.review.policy import stack_resources
    from fleet.review.render import render
    from fleet.spec import load
    from fleetguard import pack
    from tests.conftest import ROOT

    pack.track_secrets()
    shared = sdk._PolicyAnalyzerServicer.AnalyzeStack
    original = shared.sdk_original
    assert original.__module__ == "pulumi_policy.policy"

    def unknown(args, report):  # type: ignore[no-untyped-def]
        raise pack_compat.policy_unknown("spec.value")

    def not_here(args, report):  # type: ignore[no-untyped-def]
        raise sdk._NotApplicableError("nothing to judge here")

    def counts(args, report):  # type: ignore[no-untyped-def]
        parents = sum(r.parent is not None for r in args.resources)
        dependencies = sum(len(r.dependencies) for r in args.resources)
        report(f"{len(args.resources)} resources, {parents} with parents, {dependencies} dependencies", None)

    extra = [
        StackValidationPolicy(name="x-unknown", description="x", validate=unknown),
        StackValidationPolicy(name="x-not-applicable", description="x", validate=not_here),
        StackValidationPolicy(name="x-counts", description="x", validate=counts),
        StackValidationPolicy(
            name="x-disabled", description="x", validate=counts, enforcement_level=EnforcementLevel.DISABLED
        ),
        StackValidationPolicy(
            name="x-remediate", description="x", validate=counts, enforcement_level=EnforcementLevel.REMEDIATE
        ),
    ]
    policies = [*pack.policies(), *extra]
    raw = yaml.safe_load((ROOT / "stacks" / "Pulumi.dev.yaml").read_text())["config"]["fleet:spec"]
    config = policy_config.build(load(raw), "dev", [p.name for p in pack.policies()])
    servicer = sdk._PolicyAnalyzerServicer("fleet", "0.1.0", policies, EnforcementLevel.ADVISORY)
    servicer.Configure(
        analyzer_pb2.ConfigureAnalyzerRequest(
            policyConfig={
                name: analyzer_pb2.PolicyConfig(
                    enforcementLevel=1, properties=_struct({k: v for k, v in entry.items() if k != "enforcementLevel"})
                )
                for name, entry in config.items()
                if isinstance(entry, dict)
            }
        ),
        None,
    )
    servicer.ConfigureStack(analyzer_pb2.AnalyzerStackConfigureRequest(stack="dev", project="fleet"), None)
    request = analyzer_pb2.AnalyzeStackRequest(resources=stack_resources(render(raw, "dev")))
    theirs, ours = original(servicer, request, None), shared(servicer, request, None)
    messages = [d.message for d in ours.diagnostics]
    assert [n.policy_name for n in ours.not_applicable] == ["x-not-applicable"]
    assert sum("can't run policy 'x-unknown'" in m for m in messages) == 1
    assert sum("resources, " in m for m in messages) == 2  # x-counts and x-remediate, not x-disabled
    assert ours.SerializeToString(deterministic=True) == theirs.SerializeToString(deterministic=True)


def _struct(value):  # type: ignore[no-untyped-def]
    from google.protobuf import struct_pb2

    message = struct_pb2.Struct()
    message.update(value)
    return message
