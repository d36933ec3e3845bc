"""The Kubernetes half of the eleventh outside corpus (to be written)."""

from tests.policies.outside11.common import case  # noqa: F401
