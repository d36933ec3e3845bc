"""Evidence for auditors: where a stack's regulated tenants' data lives, and how we know.

``collect`` is the shell: it reviews the stack exactly as `fleet review` does (validate, place,
render under the mock runtime, run the real policy pack over the analyzer protocol), stamps the
result, and hands everything to the pure ``build``. ``report`` renders the one document as JSON,
markdown or HTML; ``evidence.schema.json`` beside this file is its JSON schema.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

from fleet.evidence.build import build
from fleet.evidence.document import Evidence, to_json
from fleet.evidence.stamp import stamp
from fleet.review.review import Target, inspect_stack
from fleet.spec import guardrails as spec_guardrails
from fleet.spec.errors import Problem, SpecError

SCHEMA = resources.files(__package__).joinpath("evidence.schema.json")  # the JSON Schema of the evidence document

__all__ = ["SCHEMA", "Evidence", "build", "collect", "guardrails_module", "to_json"]


def guardrails_module() -> Any:
    """The spec's cloud location guardrails (``fleet.spec.guardrails``), which the evidence reports on."""
    return spec_guardrails


def collect(
    target: Target,
    fleet_version: str,
    *,
    pack_dir: Path | None = None,
    progress: Callable[[str], None] = lambda message: None,
    now: str | None = None,
    as_of: dt.date | None = None,
) -> Evidence:
    """Review ``target`` and build its evidence. An invalid spec raises SpecError (no evidence
    can be given for a stack that would not deploy)."""
    review, inspection = inspect_stack(target, pack_dir=pack_dir, progress=progress, as_of=as_of)
    if inspection is None:
        raise SpecError([Problem(p.path, p.message) for p in review.problems])
    progress("assembling the evidence")
    stamped = stamp(target.project, inspection.spec, pack_dir or target.project / "policies", fleet_version, now)
    return build(review, inspection, stamped, guardrails_module())
