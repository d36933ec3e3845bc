"""Names longer than a cloud accepts (directly, or in the names the fleet derives from them) are
refused at validation, with the key path, before anything is created."""

from __future__ import annotations

from typing import Any

import pytest

from fleet.clusters import eks
from fleet.core import kinds
from fleet.spec import SpecError, load
from tests.clusters.test_aks import AZURE_CLUSTER_NAME_MAX
from tests.conftest import raw_spec


def problems(spec: dict[str, Any]) -> list[str]:
    with pytest.raises(SpecError) as caught:
        load(spec)
    return [str(p) for p in caught.value.problems]


def test_limits_are_the_ones_the_components_derive() -> None:
    assert kinds.kind("aws").max_cluster_name == 64 - 8 - len(eks.CONTROL_PLANE_ROLE_SUFFIX) == 42
    assert kinds.kind("aws").max_pool_name == 36
    assert kinds.kind("azure").max_cluster_name == AZURE_CLUSTER_NAME_MAX


def _index(spec: dict[str, Any], cloud: str) -> int:
    return next(i for i, c in enumerate(spec["clusters"]) if c["cloud"] == cloud)


@pytest.mark.parametrize("cloud", ["aws", "gcp", "azure"])
def test_a_cluster_name_at_the_limit_passes_and_one_more_is_refused(cloud: str) -> None:
    spec = raw_spec("dev")
    index = _index(spec, cloud)
    limit = kinds.kind(cloud).max_cluster_name
    spec["clusters"][index]["name"] = "c" * limit
    load(spec)
    spec["clusters"][index]["name"] = "c" * (limit + 1)
    found = problems(spec)
    assert any(p.startswith(f"fleet:spec.clusters[{index}].name:") and f"allow {limit}" in p for p in found), found


@pytest.mark.parametrize("cloud", ["aws", "gcp"])
def test_a_node_pool_name_over_the_limit_is_refused(cloud: str) -> None:
    spec = raw_spec("dev")
    index = _index(spec, cloud)
    limit = kinds.kind(cloud).max_pool_name
    spec["clusters"][index]["nodePools"][0]["name"] = "p" * limit
    load(spec)
    spec["clusters"][index]["nodePools"][0]["name"] = "p" * (limit + 1)
    found = problems(spec)
    assert any(f"clusters[{index}].nodePools[0].name:" in p for p in found), found


def test_a_dedicated_cluster_name_is_checked_at_the_tenant_name() -> None:
    spec = raw_spec("staging")
    index = next(i for i, t in enumerate(spec["tenants"]) if t.get("isolation") == "cluster")
    # 30 characters is the tenant limit; "-dedicated-1" makes 42, EKS's limit.
    spec["tenants"][index]["name"] = "l" * 30
    load(spec)
    template = next(t for t in spec["clusterTemplates"] if t["name"] == spec["tenants"][index]["dedicated"]["template"])
    assert template["cloud"] == "aws"
    spec["tenants"][index]["dedicated"]["clusters"] += [
        {**spec["tenants"][index]["dedicated"]["clusters"][0], "nodeCidr": f"10.{200 + n}.0.0/16"} for n in range(9)
    ]
    # The tenth is "<30>-dedicated-10": 43 characters.
    found = problems(spec)
    assert any(p.startswith(f"fleet:spec.tenants[{index}].name:") and "dedicated-10" in p for p in found), found


def test_system_groups_are_refused() -> None:
    spec = raw_spec("dev")
    spec["tenants"][0]["owners"]["admin"] = ["system:masters"]
    found = problems(spec)
    assert any("tenants[0].owners.admin[0]" in p and "system:" in p for p in found), found
