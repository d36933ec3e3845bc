"""The Kubernetes half of the tenth outside corpus (to be written)."""

from tests.policies.outside10.common import case  # noqa: F401
