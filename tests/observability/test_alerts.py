"""The alert set (fleet.core.alerts), judged by Prometheus itself: `promtool check rules` parses every
expression and template with the Prometheus engine, and `promtool test rules` evaluates each alert
over series where it must fire and where it must not. promtool is built by tools/build.sh from the
Prometheus Go module."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from fleet.core.alerts import MIXIN, Selectors, alert_rules, rule_groups
from tests.conftest import ROOT

PROMTOOL = ROOT / "tools" / ".bin" / "bin" / "promtool"
KSM = 'job="kube-state-metrics"'
KUBELET = 'job="kubelet"'


@pytest.fixture(scope="module")
def promtool() -> Path:
    """Skip without promtool, unless under CI (which runs tools/build.sh first): there, fail."""
    if PROMTOOL.exists():
        return PROMTOOL
    if os.environ.get("CI"):
        pytest.fail(f"{PROMTOOL} is missing: CI must run tools/build.sh before the tests")
    pytest.skip("tools/.bin/bin/promtool is not built here; run tools/build.sh (under CI this test fails instead)")


def _run(tool: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(tool), *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def _write_rules(path: Path, groups: list[dict[str, Any]]) -> None:
    path.write_text(yaml.safe_dump({"groups": groups}, sort_keys=False))


def test_every_expression_and_template_parses(promtool: Path, tmp_path: Path) -> None:
    _write_rules(tmp_path / "rules.yaml", rule_groups())
    checked = _run(promtool, "check", "rules", "rules.yaml", cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr + checked.stdout
    assert f"SUCCESS: {len(alert_rules())} rules found" in checked.stdout


def test_the_judge_refuses_a_broken_expression(promtool: Path, tmp_path: Path) -> None:
    groups = rule_groups()
    groups[0]["rules"][0]["expr"] += " >"  # type: ignore[index]
    _write_rules(tmp_path / "rules.yaml", groups)
    assert _run(promtool, "check", "rules", "rules.yaml", cwd=tmp_path).returncode == 1


def test_every_rule_names_its_upstream_and_is_one_of_the_mixin_s() -> None:
    names = {r.alert for r in alert_rules()}
    assert names == {
        "KubeQuotaAlmostFull", "KubeQuotaFullyUsed", "KubeQuotaExceeded", "KubeCPUOvercommit", "KubeMemoryOvercommit",
        "KubeCPUQuotaOvercommit", "KubeMemoryQuotaOvercommit", "KubePodCrashLooping", "KubePersistentVolumeFillingUp",
        "KubeNodeNotReady",
    }  # fmt: skip
    for group in rule_groups():
        for rule in group["rules"]:  # type: ignore[attr-defined]
            assert rule["annotations"]["upstream"].startswith(MIXIN + "/alerts/")


def test_selectors_are_the_collector_s(promtool: Path, tmp_path: Path) -> None:
    groups = rule_groups(Selectors(kube_state_metrics='job="ksm"', kubelet='job="kubelet-metrics"'))
    text = yaml.safe_dump(groups)
    assert 'job="kube-state-metrics"' not in text and 'job="ksm"' in text and 'job="kubelet-metrics"' in text


def _series(metric: str, labels: dict[str, str], values: str) -> dict[str, str]:
    body = ",".join(f'{k}="{v}"' for k, v in labels.items())
    return {"series": f"{metric}{{{body}}}", "values": values}


def _quota(used: float, hard: float) -> list[dict[str, str]]:
    labels = {"job": "kube-state-metrics", "namespace": "web", "resource": "requests.cpu", "resourcequota": "q"}
    return [
        _series("kube_resourcequota", {**labels, "type": "used"}, f"{used}x40"),
        _series("kube_resourcequota", {**labels, "type": "hard"}, f"{hard}x40"),
    ]


QUOTA_LABELS = {"namespace": "web", "resource": "requests.cpu", "resourcequota": "q"}


def _nodes(resource: str, each: float, count: int = 3) -> list[dict[str, str]]:
    return [
        _series("kube_node_status_allocatable", {"job": "kube-state-metrics", "node": f"n{i}", "resource": resource},
                f"{each}x40")
        for i in range(count)
    ]  # fmt: skip


def _pod_requests(resource: str, amount: float) -> list[dict[str, str]]:
    pod = {"job": "kube-state-metrics", "namespace": "web", "pod": "p1"}
    return [
        _series("kube_pod_container_resource_requests", {**pod, "container": "c", "resource": resource},
                f"{amount}x40"),
        _series("kube_pod_status_phase", {**pod, "phase": "Running"}, "1x40"),
    ]  # fmt: skip


def _volume(available: str, capacity: float = 100) -> list[dict[str, str]]:
    pvc = {"job": "kubelet", "namespace": "data", "persistentvolumeclaim": "db"}
    return [
        _series("kubelet_volume_stats_available_bytes", pvc, available),
        _series("kubelet_volume_stats_capacity_bytes", pvc, f"{capacity}x200"),
        _series("kubelet_volume_stats_used_bytes", pvc, "50x200"),
    ]


def _node_ready(ready: int, unschedulable: int) -> list[dict[str, str]]:
    node = {"job": "kube-state-metrics", "node": "n1"}
    return [
        _series("kube_node_status_condition", {**node, "condition": "Ready", "status": "true"}, f"{ready}x40"),
        _series("kube_node_spec_unschedulable", node, f"{unschedulable}x40"),
    ]


def _crash(value: int) -> list[dict[str, str]]:
    labels = {"job": "kube-state-metrics", "namespace": "web", "pod": "p1", "container": "c",
              "reason": "CrashLoopBackOff"}  # fmt: skip
    return [_series("kube_pod_container_status_waiting_reason", labels, f"{value}x40")]


# (case, input series, evaluation time, alert, expected alerts' labels without severity)
CASES: list[tuple[str, list[dict[str, str]], str, str, list[dict[str, str]]]] = [
    ("quota at 95%", _quota(95, 100), "20m", "KubeQuotaAlmostFull", [QUOTA_LABELS]),
    ("quota at 50%", _quota(50, 100), "20m", "KubeQuotaAlmostFull", []),
    ("quota at 100%", _quota(100, 100), "20m", "KubeQuotaFullyUsed", [QUOTA_LABELS]),
    ("quota at 100% is not almost full", _quota(100, 100), "20m", "KubeQuotaAlmostFull", []),
    ("quota at 110%", _quota(110, 100), "20m", "KubeQuotaExceeded", [QUOTA_LABELS]),
    ("quota at 95% is not exceeded", _quota(95, 100), "20m", "KubeQuotaExceeded", []),
    ("requests over what survives a node loss", _nodes("cpu", 4) + _pod_requests("cpu", 9), "15m",
     "KubeCPUOvercommit", [{}]),
    ("requests a node loss leaves room for", _nodes("cpu", 4) + _pod_requests("cpu", 7), "15m",
     "KubeCPUOvercommit", []),
    ("memory over what survives a node loss", _nodes("memory", 4e9) + _pod_requests("memory", 9e9), "15m",
     "KubeMemoryOvercommit", [{}]),
    ("memory a node loss leaves room for", _nodes("memory", 4e9) + _pod_requests("memory", 7e9), "15m",
     "KubeMemoryOvercommit", []),
    ("quotas 1.67 times the cluster's CPU", _nodes("cpu", 4) + _quota(1, 20), "10m", "KubeCPUQuotaOvercommit",
     [{}]),
    ("quotas 1.25 times the cluster's CPU", _nodes("cpu", 4) + _quota(1, 15), "10m", "KubeCPUQuotaOvercommit", []),
    ("a container in CrashLoopBackOff", _crash(1), "20m", "KubePodCrashLooping",
     [{"job": "kube-state-metrics", "namespace": "web", "pod": "p1", "container": "c", "reason": "CrashLoopBackOff"}]),
    ("no container waiting", _crash(0), "20m", "KubePodCrashLooping", []),
    ("a volume 2% free", _volume("2x200"), "5m", "KubePersistentVolumeFillingUp",
     [{"job": "kubelet", "namespace": "data", "persistentvolumeclaim": "db"}]),
    ("a volume 14% free and emptying", _volume("14-0.01x200"), "90m", "KubePersistentVolumeFillingUp",
     [{"job": "kubelet", "namespace": "data", "persistentvolumeclaim": "db"}]),
    ("a volume 14% free and steady", _volume("14x200"), "90m", "KubePersistentVolumeFillingUp", []),
    ("a node not ready", _node_ready(0, 0), "20m", "KubeNodeNotReady",
     [{"job": "kube-state-metrics", "node": "n1", "condition": "Ready", "status": "true"}]),
    ("a cordoned node not ready", _node_ready(0, 1), "20m", "KubeNodeNotReady", []),
    ("a ready node", _node_ready(1, 0), "20m", "KubeNodeNotReady", []),
]  # fmt: skip


@pytest.mark.parametrize(("case", "series", "at", "alert", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_alert_fires_where_it_must_and_only_there(
    promtool: Path, tmp_path: Path, case: str, series: list[dict[str, str]], at: str, alert: str,
    expected: list[dict[str, str]],
) -> None:  # fmt: skip
    # Annotations are text for people; the labels say which alert fired on what.
    groups = [
        {"name": g["name"], "rules": [{k: v for k, v in r.items() if k != "annotations"} for r in g["rules"]]}  # type: ignore[attr-defined]
        for g in rule_groups()
    ]
    _write_rules(tmp_path / "rules.yaml", groups)
    severities = {(r.alert, r.severity) for r in alert_rules()}
    by_name = [s for a, s in severities if a == alert]
    exp_alerts = []
    for labels in expected:
        # KubePersistentVolumeFillingUp has two rules: the expected severity is the one that fires.
        severity = "critical" if case == "a volume 2% free" else by_name[0] if len(by_name) == 1 else "warning"
        exp_alerts.append({"exp_labels": {**labels, "severity": severity}})
    test = {
        "rule_files": ["rules.yaml"],
        "evaluation_interval": "1m",
        "tests": [
            {
                "interval": "1m",
                "input_series": series,
                "alert_rule_test": [{"eval_time": at, "alertname": alert, "exp_alerts": exp_alerts}],
            }
        ],
    }
    (tmp_path / "test.yaml").write_text(yaml.safe_dump(test, sort_keys=False))
    ran = _run(promtool, "test", "rules", "test.yaml", cwd=tmp_path)
    assert ran.returncode == 0, f"{case}:\n{ran.stdout}\n{ran.stderr}"


def test_the_eks_collector_configuration_is_one_prometheus_accepts(promtool: Path, tmp_path: Path) -> None:
    """Amazon Managed Service for Prometheus takes a subset of Prometheus' configuration; what fleet
    gives its collector (fleet.observability.aws) must first be a configuration Prometheus parses.
    The token path is the collector's own, so the check reads a stand-in file."""
    from fleet.observability import aws

    token = tmp_path / "token"
    token.write_text("x")
    text = aws.scrape_configuration("prod-aws-euc1").replace(aws._TOKEN, str(token))
    (tmp_path / "prometheus.yml").write_text(text)
    checked = _run(promtool, "check", "config", "--syntax-only", "prometheus.yml", cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr + checked.stdout
    (tmp_path / "prometheus.yml").write_text(text.replace("role: endpoints", "role: endpoint"))
    assert _run(promtool, "check", "config", "--syntax-only", "prometheus.yml", cwd=tmp_path).returncode != 0
    config = yaml.safe_load(text)
    # AMP's collector limits: an interval of 30 s or more, and the job names the alert set selects.
    assert config["global"]["scrape_interval"] == "30s"
    assert [f'job="{job["job_name"]}"' for job in config["scrape_configs"]] == [KSM, KUBELET]
