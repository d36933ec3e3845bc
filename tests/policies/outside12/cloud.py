"""The cloud half of the twelfth outside corpus (to be written)."""

from tests.policies.outside12.common import case  # noqa: F401
