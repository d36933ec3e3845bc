"""What FLEET-GRD-001 requires of the rendered stack, `fleet validate` decides from the spec: a
regulated cluster fleet builds names its account (project, subscription) and a guardrail of the
spec covers it (issue 22: validate said valid where review then blocked)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from fleet.spec.errors import SpecError
from fleet.spec.load import from_stack_file
from tests.conftest import ROOT

TEMPLATE = {
    "name": "own-aws",
    "cloud": "aws",
    "kubernetesVersion": "1.35",
    "serviceCidr": "172.20.0.0/16",
    "nodePools": [{"name": "general", "machineType": "m7i.large", "minSize": 1, "maxSize": 3}],
    "capacity": {"cpu": 8, "memory": "32Gi"},
}
VAULT = {
    "name": "vault",
    "owners": {"admin": ["shop-admins"]},
    "isolation": "cluster",
    "residency": "gdpr",
    "quota": {"cpu": 1, "memory": "1Gi"},
    "dedicated": {"template": "own-aws", "clusters": [{"region": "eu-central-1", "nodeCidr": "10.40.0.0/16"}]},
}


def problems(tmp_path: Path, account: str | None) -> list[str]:
    stack = yaml.safe_load((ROOT / "docs" / "examples" / "three-clouds.yaml").read_text())
    spec: dict[str, Any] = stack["config"]["fleet:spec"]
    spec["clusterTemplates"] = [{**TEMPLATE, **({"account": account} if account else {})}]
    spec["tenants"].append(VAULT)
    path = tmp_path / "stacks" / "Pulumi.ded.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(yaml.safe_dump(stack))
    try:
        from_stack_file(path)
    except SpecError as err:
        return [str(p) for p in err.problems]  # file:line: key path: message
    return []


def test_a_regulated_dedicated_cluster_in_a_guarded_account_is_valid(tmp_path: Path) -> None:
    assert problems(tmp_path, "111111111111") == []  # the example's guardrail targets this account


def test_a_regulated_dedicated_cluster_without_an_account_is_refused_at_its_template(tmp_path: Path) -> None:
    (message,) = problems(tmp_path, None)
    assert ": fleet:spec.clusterTemplates[0].account: " in message
    assert "cluster 'vault-dedicated-1' holds regime gdpr but names no account" in message
    assert "FLEET-GRD-001 refuses it; set account" in message


def test_a_regulated_cluster_in_an_account_no_guardrail_covers_is_refused(tmp_path: Path) -> None:
    (message,) = problems(tmp_path, "222222222222")
    assert ": fleet:spec.tenants[1].dedicated.clusters[0]: " in message
    assert "no entry of guardrails covers its account 222222222222" in message


def test_an_unregulated_cluster_needs_neither(tmp_path: Path) -> None:
    stack = yaml.safe_load((ROOT / "docs" / "examples" / "three-clouds.yaml").read_text())
    spec = stack["config"]["fleet:spec"]
    spec["clusterTemplates"] = [TEMPLATE]
    spec["tenants"].append({**VAULT, "residency": "none"})
    path = tmp_path / "stacks" / "Pulumi.plain.yaml"
    path.parent.mkdir()
    path.write_text(yaml.safe_dump(stack))
    assert from_stack_file(path).spec.tenants[-1].name == "vault"


def test_problems_placement_does_not_depend_on_come_with_those_after_placement(tmp_path: Path) -> None:
    """Issue 22: a deployer mistake no longer hides a group without a mapping and a regulated
    cluster outside every guardrail until it is fixed: one validate names all three."""
    stack = yaml.safe_load((ROOT / "docs" / "examples" / "three-clouds.yaml").read_text())
    spec = stack["config"]["fleet:spec"]
    del spec["deployer"]["azure"]  # an AKS cluster with no deploy identity for it
    spec["tenants"][0]["owners"]["admin"] = ["nobody-mapped"]
    spec["clusterTemplates"] = [{**TEMPLATE, "account": "222222222222"}]
    spec["tenants"].append(VAULT)
    path = tmp_path / "stacks" / "Pulumi.all.yaml"
    path.parent.mkdir()
    path.write_text(yaml.safe_dump(stack))
    with pytest.raises(SpecError) as caught:
        from_stack_file(path)
    found = "\n".join(str(p) for p in caught.value.problems)
    assert "fleet:spec.deployer" in found
    assert "group 'nobody-mapped' has no" in found
    assert "no entry of guardrails covers its account 222222222222" in found
