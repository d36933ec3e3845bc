"""Parse and validate the fleet spec. ``load`` is the one way in."""

from fleet.spec.errors import Problem, SpecError
from fleet.spec.fleet import Fleet
from fleet.spec.load import CONFIG_KEY, from_config, from_stack_file, load
from fleet.spec.model import FleetSpec

__all__ = ["CONFIG_KEY", "Fleet", "FleetSpec", "Problem", "SpecError", "from_config", "from_stack_file", "load"]
