"""Read the spec from Pulumi config or a stack file, validate it whole, or raise SpecError."""

from __future__ import annotations

import json
from collections.abc import Callable, Container
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from fleet.spec.errors import ROOT, Problem, SpecError, from_validation_error
from fleet.spec.fleet import Fleet, resolve
from fleet.spec.model import FleetSpec

CONFIG_KEY = "fleet:spec"
SPEC_FILE_KEY = "fleet:specFile"
SHARD_KEY = "fleet:shard"
STACKS_DIR = Path("stacks")  # the Pulumi program runs in the project directory


@dataclass(frozen=True)
class ConfigKeys:
    """Which stack config keys are set, and which of those are secret: the spec names config keys
    for credentials (an existing cluster's kubeconfig), which must exist and be secret."""

    present: Container[str] = frozenset()
    secret: Container[str] = frozenset()
    read: Callable[[str], str | None] | None = None
    """The value of a key, where it can be read (in the program, not from an encrypted stack file)."""


def load(raw: Any, shard: str | None = None, config_keys: ConfigKeys | None = None) -> Fleet:
    """Validate a raw spec (the value of ``fleet:spec``) and resolve it: every problem at once.

    With ``config_keys``, the credentials the spec refers to must be set in the stack as secrets.
    """
    if not isinstance(raw, dict):
        raise SpecError([Problem(ROOT, f"expected a map of settings, got {type(raw).__name__} {raw!r}")])
    try:
        spec = FleetSpec.model_validate(raw)
    except ValidationError as err:
        raise SpecError(from_validation_error(FleetSpec, err)) from None
    fleet = resolve(spec, shard)
    if config_keys is not None:
        from fleet.spec.checks import credential_problems

        problems = credential_problems(fleet, config_keys.present, config_keys.secret, config_keys.read)
        if problems:
            raise SpecError(problems)
    return fleet


@dataclass(frozen=True)
class StackConfig:
    """What a stack's config says about the fleet: the spec, which shard it deploys, and which
    config keys the stack file sets (and which of them hold ``secure:`` values)."""

    raw: Any
    shard: str | None = None
    config_keys: ConfigKeys = ConfigKeys()


def from_config(
    value: str | None, spec_file: str | None = None, shard: str | None = None, config_keys: ConfigKeys | None = None
) -> Fleet:
    """The spec from Pulumi config (objects arrive JSON-encoded), or from the shared spec file
    that ``fleet:specFile`` names (relative to ``stacks/``), for one ``fleet:shard``.

    Empty values count as unset: Pulumi.yaml gives every key an empty default, which the CLI
    passes to the program for the keys a stack does not set."""
    shard = shard or None
    if spec_file:
        return load(read_spec_file(STACKS_DIR / spec_file), shard, config_keys)
    if value is None or value.strip() in ("", "{}"):
        raise SpecError([Problem(ROOT, "not set; add a fleet:spec map (or fleet:specFile) to the stack's config")])
    try:
        raw = json.loads(value)
    except json.JSONDecodeError as err:
        raise SpecError([Problem(ROOT, f"is not a map ({err}); write it as YAML under config")]) from None
    return load(raw, shard, config_keys)


def _yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise SpecError([Problem(str(path), f"cannot be read: {err.strerror}")]) from None
    except yaml.YAMLError as err:
        raise SpecError([Problem(str(path), f"is not valid YAML: {err}")]) from None


def read_spec_file(path: Path) -> Any:
    """A shared spec file: the fleet spec itself, shared by the shard stacks of one environment."""
    return _yaml(path)


def read_stack(path: Path) -> StackConfig:
    """The fleet settings of a ``Pulumi.<stack>.yaml`` file: an inline ``fleet:spec``, or a
    ``fleet:specFile`` next to it, and an optional ``fleet:shard``."""
    document = _yaml(path)
    config = (document or {}).get("config") if isinstance(document, dict) else None
    if isinstance(config, dict):
        keys = ConfigKeys(
            present=frozenset(str(k) for k in config),
            secret=frozenset(str(k) for k, v in config.items() if isinstance(v, dict) and "secure" in v),
        )
    if isinstance(config, dict) and SPEC_FILE_KEY in config:
        return StackConfig(read_spec_file(path.parent / str(config[SPEC_FILE_KEY])), config.get(SHARD_KEY), keys)
    if not isinstance(config, dict) or CONFIG_KEY not in config:
        raise SpecError([Problem(str(path), f"has no config.{CONFIG_KEY}; add the fleet spec there")])
    return StackConfig(config[CONFIG_KEY], config.get(SHARD_KEY), keys)


def read_stack_file(path: Path) -> Any:
    """The raw fleet spec a stack file holds or points to."""
    return read_stack(path).raw


def from_stack_file(path: Path) -> Fleet:
    stack = read_stack(path)
    return load(stack.raw, stack.shard, stack.config_keys)
