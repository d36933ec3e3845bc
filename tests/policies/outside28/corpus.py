"""The twenty-eighth outside corpus: cases written from cloud-provider and Kubernetes documentation and the
pack's user-facing contract by sessions that had not read the pack's rules, its survey or its tests.
It must never be used to tune the pack (see README.md beside it)."""

from tests.policies.outside28 import cloud, kube  # noqa: F401  (importing registers the cases)
from tests.policies.outside28.common import CASES, by_area

__all__ = ["CASES", "by_area"]
