"""Guardrail tests judge rendered stacks with the policy pack too: its directory goes on sys.path
the way the Pulumi CLI runs it (cwd = pack dir), as in tests/policies."""

from __future__ import annotations

import sys

from tests.conftest import ROOT

if str(ROOT / "policies") not in sys.path:
    sys.path.insert(0, str(ROOT / "policies"))
