"""An environment split into shard stacks: each owns its clusters, all agree on placement."""

from __future__ import annotations

import json
import os
import re

import pytest

from fleet.cli import main
from fleet.spec import SpecError, load
from tests.conftest import ROOT, by_type, fleet_of, raw_spec, rendered

SHARDS = ("global-eu", "global-us")
CLUSTER_TYPES = (
    "aws:eks/cluster:Cluster",
    "gcp:container/cluster:Cluster",
    "azure-native:containerservice:ManagedCluster",
)


def deployed(stack: str) -> set[str]:
    return {r.name.rsplit("-", 1)[0] for t in CLUSTER_TYPES for r in by_type(rendered(stack), t)}


def test_every_cluster_is_deployed_by_exactly_one_shard() -> None:
    eu, us = (deployed(s) for s in SHARDS)
    assert eu == {"glb-aws-euc1", "glb-aws-euw1", "glb-gcp-euw4", "glb-azure-weu"}
    assert us == {"glb-aws-use1", "glb-gcp-usc1"}
    assert eu | us == {c.name for c in fleet_of("global-eu").clusters}


def test_shards_agree_on_placement() -> None:
    outputs = [rendered(s).outputs["placement"] for s in SHARDS]
    assert outputs[0] == outputs[1]


def test_a_tenant_spread_across_shards_is_deployed_once_per_cluster() -> None:
    placement = fleet_of("global-eu").placement.assignments["checkout"]
    tenant_components = {
        r.name for s in SHARDS for r in rendered(s).resources if r.type == "fleet:tenancy:NamespaceTenant"
    }
    assert {f"{c}/checkout" for c in placement} <= tenant_components
    assert len([n for n in tenant_components if n.endswith("/checkout")]) == len(placement)


def test_shard_outputs_name_their_shard() -> None:
    assert [rendered(s).outputs["shard"] for s in SHARDS] == ["eu", "us"]


def test_a_shard_stack_must_name_a_known_shard() -> None:
    with pytest.raises(SpecError) as caught:
        load(raw_spec("global-eu"), "apac")
    assert [str(p) for p in caught.value.problems] == [
        "fleet:shard: 'apac' is not a shard of this environment (shards: eu, us)"
    ]


def test_a_sharded_environment_needs_a_shard() -> None:
    with pytest.raises(SpecError) as caught:
        load(raw_spec("global-eu"))
    assert [str(p) for p in caught.value.problems] == [
        "fleet:shard: not set, but this environment is split into shards (eu, us); set fleet:shard in the stack's "
        "config to the shard this stack deploys"
    ]


def test_every_cluster_belongs_to_exactly_one_shard() -> None:
    spec = raw_spec("global-eu")
    spec["shards"][1]["clusters"]["regions"].append("eu-central-1")  # also claimed by eu
    spec["clusters"][5]["region"] = "us-west2"  # claimed by nobody
    with pytest.raises(SpecError) as caught:
        load(spec, "eu")
    assert [str(p) for p in caught.value.problems] == [
        "fleet:spec.clusters[0]: cluster 'glb-aws-euc1' (aws eu-central-1) is selected by shards eu, us; every "
        "cluster must belong to exactly one shard: adjust the shards' selectors",
        "fleet:spec.clusters[5]: cluster 'glb-gcp-usc1' (gcp us-west2) is selected by no shard; every cluster "
        "must belong to exactly one shard: adjust the shards' selectors",
    ]


def test_review_all_shards_of_an_environment_in_parallel(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["review", "--environment", "global", "--format", "json"]) == 0
    captured = capsys.readouterr()
    document = json.loads(captured.out)
    assert document["verdict"] == "pass"
    assert [s["stack"] for s in document["stacks"]] == list(SHARDS)
    assert document["stacks"][1]["summary"]["clusters"] == 2
    workers = min(2, os.cpu_count() or 1)
    assert f"reviewing 2 stacks, {workers} at a time: global-eu, global-us" in captured.err
    # each stack says when it starts and how it ended, so a long --all run is never silent
    for name in SHARDS:
        assert f"fleet: {name}: reviewing" in captured.err
        assert re.search(rf"fleet: {name}: pass in \d+ s \([12] of 2 stacks done\)", captured.err)


def test_unknown_environment_is_a_usage_error(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["review", "--environment", "mars"]) == 2
    assert "no shard stacks of environment 'mars'" in capsys.readouterr().err


def test_an_environment_without_shards_is_named_as_such_not_suggested_to_itself(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from fleet.cli import UsageError, shard_stacks

    stacks = tmp_path / "stacks"
    stacks.mkdir()
    (stacks / "Pulumi.trial.yaml").write_text((ROOT / "stacks" / "Pulumi.dev.yaml").read_text().replace(
        "environment: dev", "environment: trial"))  # fmt: skip
    with pytest.raises(UsageError) as caught:
        shard_stacks("trial", tmp_path)
    assert str(caught.value) == (
        "environment 'trial' is not split into shards (none of its stack files in stacks/ sets fleet:shard); "
        "review its stack with --stack NAME"
    )
