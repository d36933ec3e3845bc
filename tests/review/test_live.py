"""`fleet review --live-capacity`: placement again with what the clusters hold in reality (issue 25)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from fleet.cli import main
from fleet.review import report
from fleet.review.document import Review, StackReview, from_json, to_json
from fleet.review.live import LiveCapacityError, judge, read_status
from fleet.spec.load import load
from tests.conftest import fleet_of

E2E = load({k: v for k, v in yaml.safe_load((Path(__file__).parents[1] / "e2e" / "spec.yaml").read_text()).items()
            if k != "vcluster"})  # fmt: skip
GiB = 2**30


def status(stack: str, clusters: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """What `fleet status --format json` writes, with only the keys the review reads."""
    return {
        "stack": stack,
        "asOf": "2026-12-07",
        "clusters": [
            {
                "cluster": name,
                "nodes": {"1.35": c.get("nodes", 3)},
                "capacity": {
                    "allocatable": {"cpuMillicores": c["cpu"], "memoryBytes": c["memory"]},
                    "otherPods": c.get("others"),
                },
            }
            for name, c in clusters.items()
        ],
    }


def read(tmp_path: Path, document: dict[str, Any]):  # type: ignore[no-untyped-def]
    path = tmp_path / "status.json"
    path.write_text(json.dumps(document))
    return read_status(path)


AMPLE = {"cpu": 32000, "memory": 128 * GiB, "others": {"cpuMillicores": 1000, "memoryBytes": GiB}}
# onprem-fra's nodes are taken by workloads fleet does not know of: 2 cpu left, placement gave out 7.
CROWDED = {"cpu": 32000, "memory": 128 * GiB, "others": {"cpuMillicores": 30000, "memoryBytes": 8 * GiB}}


def test_clusters_with_room_in_reality_change_nothing(tmp_path: Path) -> None:
    live = judge(E2E, read(tmp_path, status("e2e", {"onprem-fra": AMPLE, "onprem-nyc": AMPLE})), None)
    assert live.tenants == () and live.blocked == ()
    fra = next(c for c in live.clusters if c.cluster == "onprem-fra")
    # Never more than declared: the spec's capacity is what tenants are offered.
    assert (fra.declared, fra.room, fra.placed) == ("16 cpu, 64Gi", "16 cpu, 64Gi", "7 cpu, 10Gi")
    assert fra.how == "nodes' allocatable 32 cpu, 128Gi, less 1 cpu, 1Gi other pods request"


def test_a_tenant_newly_placed_on_a_cluster_full_in_reality_blocks(tmp_path: Path) -> None:
    live = judge(E2E, read(tmp_path, status("e2e", {"onprem-fra": CROWDED, "onprem-nyc": AMPLE})), None)
    fra = next(c for c in live.clusters if c.cluster == "onprem-fra")
    assert fra.room == "2 cpu, 64Gi"
    moved = {t.tenant: t for t in live.tenants}
    # Every tenant placed on onprem-fra that live numbers put elsewhere is new without a base.
    assert set(moved) <= set(E2E.placement.tenants_on("onprem-fra")) and moved
    for tenant in moved.values():
        assert tenant.new == ("onprem-fra",)
        assert "onprem-fra" not in tenant.live
        assert tenant.live == ("onprem-nyc",) or tenant.why.startswith("cannot be placed with live numbers")
    line = report.verdict_line(StackReview("e2e", "x", "dev", False, live=live))
    assert line.startswith(f"BLOCKED: {len(moved)} tenant")


def test_tenants_already_on_the_full_cluster_are_shown_but_do_not_block(tmp_path: Path) -> None:
    before = dict(E2E.placement.assignments)
    live = judge(E2E, read(tmp_path, status("e2e", {"onprem-fra": CROWDED, "onprem-nyc": AMPLE})), before)
    assert live.tenants and live.blocked == () and live.against_base
    assert StackReview("e2e", "x", "dev", False, live=live).verdict == "pass"
    text = "\n".join(report._live_text(StackReview("e2e", "x", "dev", False, live=live)))
    assert "stays on onprem-fra; live numbers would place it on" in text and "BLOCKED" not in text


def test_a_managed_cluster_whose_pools_can_grow_keeps_its_declared_capacity(tmp_path: Path) -> None:
    dev = fleet_of("dev")
    tiny = {"cpu": 1000, "memory": GiB, "nodes": 1}
    live = judge(dev, read(tmp_path, status("dev", {"dev-aws-euc1": tiny})), None)
    eks = next(c for c in live.clusters if c.cluster == "dev-aws-euc1")
    assert eks.room == eks.declared == "8 cpu, 32Gi"
    assert eks.how == "its pools can grow (1 of 3 nodes): declared capacity"
    assert live.tenants == ()
    # At its pools' maxSize the nodes are all it has: payments (2 cpu) no longer fits on 1 cpu.
    live = judge(dev, read(tmp_path, status("dev", {"dev-aws-euc1": {**tiny, "nodes": 3}})), None)
    eks = next(c for c in live.clusters if c.cluster == "dev-aws-euc1")
    assert eks.room == "1 cpu, 1Gi" and "at its pools' 3 nodes" in eks.how
    assert "other pods' requests not read" in eks.how
    [payments] = live.blocked
    assert payments.tenant == "payments" and payments.new == ("dev-aws-euc1",)


def test_clusters_not_in_the_file_keep_their_declared_capacity(tmp_path: Path) -> None:
    live = judge(fleet_of("dev"), read(tmp_path, status("dev", {})), None)
    assert {c.how for c in live.clusters} == {"not read: declared capacity"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "not JSON"),
        ("[]", "not the output of `fleet status --format json`"),
        (json.dumps({"stack": "dev", "clusters": [{"nodes": {}}]}), "clusters[0]: has no cluster name"),
        (
            json.dumps({"stack": "dev", "clusters": [{"cluster": "a", "capacity": {"allocatable": {"cpu": "8"}}}]}),
            'clusters[0].capacity.allocatable: {"cpu": "8"} is not {cpuMillicores, memoryBytes} as whole numbers',
        ),
        (json.dumps({"stack": "dev", "clusters": [{"cluster": "a", "nodes": {"1.35": -1}}]}), "clusters[0].nodes"),
    ],
)
def test_a_file_that_is_not_fleet_status_output_is_refused_naming_the_key(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "status.json"
    path.write_text(content)
    with pytest.raises(LiveCapacityError) as caught:
        read_status(path)
    assert str(caught.value).startswith(f"{path}: ") and message in str(caught.value)


def test_a_file_of_another_stack_is_a_usage_error_before_rendering(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "status.json"
    path.write_text(json.dumps(status("prod", {})))
    assert main(["review", "--stack", "dev", "--live-capacity", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"--live-capacity {path}: read from stack 'prod', which this review does not cover (dev)" in err
    assert "rendering" not in err and "Traceback" not in err


def test_the_review_records_the_live_placement_and_blocks(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "status.json"
    path.write_text(json.dumps(status("dev", {"dev-aws-euc1": {"cpu": 1000, "memory": GiB, "nodes": 3}})))
    assert main(["review", "--stack", "dev", "--live-capacity", str(path), "--format", "json"]) == 1
    document = json.loads(capsys.readouterr().out)
    stack = document["stacks"][0]
    assert stack["verdict"] == "blocked"
    assert stack["live"]["source"] == str(path) and stack["live"]["asOf"] == "2026-12-07"
    assert [t["tenant"] for t in stack["live"]["tenants"] if t["new"]] == ["payments"]
    # A saved review renders again (`fleet report --input`) with the same verdict and the record.
    again = Review((from_json(StackReview, stack),))
    assert to_json(again)["stacks"][0]["live"] == stack["live"]
    markdown = report.markdown(again)
    assert "tenants placed on clusters that are full in reality" in markdown
    assert "Live capacity from" in markdown and "room in reality" in markdown
    sarif = json.loads(report.sarif(again))
    [result] = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "FLEET-CAPACITY-LIVE"]
    assert "tenant payments: placed on dev-aws-euc1" in result["message"]["text"]
