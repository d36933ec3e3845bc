"""The cloud half of the thirteenth outside corpus (to be written)."""

from tests.policies.outside13.common import case  # noqa: F401
