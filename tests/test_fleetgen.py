"""The benchmarks measure fleets the CLI accepts: a generated spec that `fleet review` would call
INVALID measures nothing a user runs."""

from __future__ import annotations

import pytest

from benchmarks.fleetgen import spec
from fleet.spec import load


@pytest.mark.parametrize(("clusters", "tenants"), [(6, 20), (10, 100), (30, 500)])
def test_generated_fleets_are_valid(clusters: int, tenants: int) -> None:
    fleet = load(spec(clusters, tenants))
    assert len(fleet.clusters) == clusters and len(fleet.spec.tenants) == tenants
    assert {c.cloud for c in fleet.clusters} == {"aws", "gcp", "azure"}
