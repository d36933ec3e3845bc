"""Read the spec from Pulumi config or a stack file, validate it whole, or raise SpecError."""

from __future__ import annotations

import json
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


def load(raw: Any, shard: str | None = None) -> Fleet:
    """Validate a raw spec (the value of ``fleet:spec``) and resolve it: every problem at once."""
    if not isinstance(raw, dict):
        raise SpecError([Problem(ROOT, f"expected a map of settings, got {type(raw).__name__} {raw!r}")])
    try:
        spec = FleetSpec.model_validate(raw)
    except ValidationError as err:
        raise SpecError(from_validation_error(FleetSpec, err)) from None
    return resolve(spec, shard)


@dataclass(frozen=True)
class StackConfig:
    """What a stack's config says about the fleet: the spec, and which shard it deploys."""

    raw: Any
    shard: str | None = None


def from_config(value: str | None, spec_file: str | None = None, shard: str | None = None) -> Fleet:
    """The spec from Pulumi config (objects arrive JSON-encoded), or from the shared spec file
    that ``fleet:specFile`` names (relative to ``stacks/``), for one ``fleet:shard``."""
    if spec_file is not None:
        return load(read_spec_file(STACKS_DIR / spec_file), shard)
    if value is None:
        raise SpecError([Problem(ROOT, "not set; add a fleet:spec map (or fleet:specFile) to the stack's config")])
    try:
        raw = json.loads(value)
    except json.JSONDecodeError as err:
        raise SpecError([Problem(ROOT, f"is not a map ({err}); write it as YAML under config")]) from None
    return load(raw, shard)


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
    if isinstance(config, dict) and SPEC_FILE_KEY in config:
        return StackConfig(read_spec_file(path.parent / str(config[SPEC_FILE_KEY])), config.get(SHARD_KEY))
    if not isinstance(config, dict) or CONFIG_KEY not in config:
        raise SpecError([Problem(str(path), f"has no config.{CONFIG_KEY}; add the fleet spec there")])
    return StackConfig(config[CONFIG_KEY], config.get(SHARD_KEY))


def read_stack_file(path: Path) -> Any:
    """The raw fleet spec a stack file holds or points to."""
    return read_stack(path).raw


def from_stack_file(path: Path) -> Fleet:
    stack = read_stack(path)
    return load(stack.raw, stack.shard)
