"""The rule catalogue: every module in this package named ``<area>_<number>_<what>.py``.

Rule modules are discovered, not listed by hand, so adding a rule is adding its module (and its
tests: ``tests/policies/test_meta.py`` fails without them). They are documented in area order
(residency, telemetry, cloud guardrails, providers, clusters, tenants, secrets, preview, exemptions), then
by number.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from types import ModuleType

from fleetguard.model import Rule

AREAS = ("res", "tel", "grd", "prv", "clu", "ten", "sec", "pre", "exm")
_MODULE = re.compile(r"(?P<area>[a-z]{3})_(?P<number>\d{3})_\w+")


def _order(module: ModuleType) -> tuple[int, str]:
    short = module.__name__.rsplit(".", 1)[1]
    area = short[:3]
    return (AREAS.index(area) if area in AREAS else len(AREAS), short)


def _discover() -> tuple[ModuleType, ...]:
    found = [
        importlib.import_module(f"{__name__}.{info.name}")
        for info in pkgutil.iter_modules(__path__)
        if _MODULE.fullmatch(info.name)
    ]
    return tuple(sorted(found, key=_order))


MODULES = _discover()
RULES: tuple[Rule, ...] = tuple(module.RULE for module in MODULES)
BY_ID = {rule.id: rule for rule in RULES}
BY_NAME = {rule.name: rule for rule in RULES}
