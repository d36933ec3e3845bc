"""Read the spec from Pulumi config or a stack file, validate it whole, or raise SpecError."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from fleet.spec.errors import ROOT, Problem, SpecError, from_validation_error
from fleet.spec.fleet import Fleet, resolve
from fleet.spec.model import FleetSpec

CONFIG_KEY = "fleet:spec"


def load(raw: Any) -> Fleet:
    """Validate a raw spec (the value of ``fleet:spec``) and resolve it: every problem at once."""
    if not isinstance(raw, dict):
        raise SpecError([Problem(ROOT, f"expected a map of settings, got {type(raw).__name__} {raw!r}")])
    try:
        spec = FleetSpec.model_validate(raw)
    except ValidationError as err:
        raise SpecError(from_validation_error(FleetSpec, err)) from None
    return resolve(spec)


def from_config(value: str | None) -> Fleet:
    """The spec from Pulumi config, where objects arrive JSON-encoded."""
    if value is None:
        raise SpecError([Problem(ROOT, "not set; add a fleet:spec map to the stack's config")])
    try:
        raw = json.loads(value)
    except json.JSONDecodeError as err:
        raise SpecError([Problem(ROOT, f"is not a map ({err}); write it as YAML under config")]) from None
    return load(raw)


def read_stack_file(path: Path) -> Any:
    """The raw ``fleet:spec`` value from a ``Pulumi.<stack>.yaml`` file."""
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise SpecError([Problem(str(path), f"cannot be read: {err.strerror}")]) from None
    except yaml.YAMLError as err:
        raise SpecError([Problem(str(path), f"is not valid YAML: {err}")]) from None
    config = (document or {}).get("config") if isinstance(document, dict) else None
    if not isinstance(config, dict) or CONFIG_KEY not in config:
        raise SpecError([Problem(str(path), f"has no config.{CONFIG_KEY}; add the fleet spec there")])
    return config[CONFIG_KEY]


def from_stack_file(path: Path) -> Fleet:
    return load(read_stack_file(path))
