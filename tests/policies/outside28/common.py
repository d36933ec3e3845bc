"""The twenty-eighth outside corpus's registry: ``case`` registers a case, ``by_area`` groups them by theme. The
cases live in ``cloud.py`` (cloud residency) and ``kube.py`` (Kubernetes isolation); ``corpus.py`` imports both."""

from __future__ import annotations

from tests.policies.outside.registry import DENY, Build, Registry

REGISTRY = Registry()
CASES = REGISTRY.cases
case = REGISTRY.case
by_area = REGISTRY.by_area

__all__ = ["CASES", "DENY", "Build", "by_area", "case"]
