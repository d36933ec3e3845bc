"""Virtual-cluster tenants: values the restricted host namespace admits, and the chart's source.

What the chart renders from given values is reproduced by ``vcluster_chart.pods`` and judged offline;
tests/e2e/test_real_engine.py holds both against a real API server and the real chart.
"""

from __future__ import annotations

import copy
import os
import re
from pathlib import Path
from typing import Any

import pytest

from fleet.core import vcluster_chart
from fleet.review.render import render
from fleet.review.secrets import reveal
from fleet.spec import SpecError, load
from tests.conftest import ROOT, by_type, raw_spec, rendered

RELEASE = "kubernetes:helm.sh/v3:Release"


def release_values(stack: str) -> list[dict[str, Any]]:
    return [reveal(r.inputs)["values"] for r in by_type(rendered(stack), RELEASE) if r.inputs["chart"] == "vcluster"]


def ours() -> dict[str, Any]:
    values = release_values("dev")
    assert values, "dev has a vcluster tenant"
    return copy.deepcopy(values[0])


def test_every_stacks_vcluster_values_are_admitted_by_restricted(stack: str) -> None:
    for values in release_values(stack):
        assert vcluster_chart.admission_problems(values) == []


def test_the_values_of_the_previous_release_were_refused() -> None:
    """Before the end-to-end suite ran the chart on a real server, fleet's values left the init
    container and CoreDNS without restricted settings, and the virtual cluster without Pod Security."""
    before = ours()
    del before["controlPlane"]["distro"]
    del before["controlPlane"]["statefulSet"]["image"]
    del before["policies"]["podSecurityStandard"]
    assert vcluster_chart.admission_problems(before) == [
        'control plane pod: allowPrivilegeEscalation != false (container "kubernetes" must set '
        "securityContext.allowPrivilegeEscalation=false)",
        'control plane pod: unrestricted capabilities (container "kubernetes" must set '
        'securityContext.capabilities.drop=["ALL"] and add nothing but "NET_BIND_SERVICE")',
        'coredns pod: seccompProfile (pod or container "coredns" must set securityContext.seccompProfile.type to '
        '"RuntimeDefault" or "Localhost")',
        "policies.podSecurityStandard must be 'restricted': tenants' pods are synced into a restricted host "
        "namespace, and a pod the virtual cluster accepts but the host refuses never runs",
    ]


def test_the_charts_own_defaults_are_refused() -> None:
    reasons = {p.split(" (")[0] for p in vcluster_chart.admission_problems({})}
    assert reasons == {
        "control plane pod: allowPrivilegeEscalation != false",
        "control plane pod: unrestricted capabilities",
        "control plane pod: seccompProfile",
        "control plane pod: runAsNonRoot != true",
        "control plane pod: runAsUser=0",
        "coredns pod: seccompProfile",
        "policies.podSecurityStandard must be 'restricted': tenants' pods are synced into a restricted host "
        "namespace, and a pod the virtual cluster accepts but the host refuses never runs",
    }


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            lambda v: v["controlPlane"]["statefulSet"]["security"]["containerSecurityContext"].update(runAsUser=0),
            "control plane pod: runAsUser=0",
        ),
        (
            lambda v: v["controlPlane"].setdefault("advanced", {}).update(kubeVip={"enabled": True}),
            "control plane pod: unrestricted capabilities",
        ),
        (
            lambda v: v["controlPlane"]["statefulSet"]["persistence"].update(
                addVolumes=[{"name": "host", "hostPath": {"path": "/var/run"}}]
            ),
            "control plane pod: restricted volume types",
        ),
        (
            lambda v: v["controlPlane"]["statefulSet"].update(
                sidecarContainers=[{"name": "debug", "image": "busybox"}]
            ),
            "control plane pod: allowPrivilegeEscalation != false",
        ),
        (
            lambda v: v["controlPlane"].update(backingStore={"etcd": {"deploy": {"enabled": True}}}),
            "etcd pod: allowPrivilegeEscalation != false",
        ),
        (
            lambda v: v["controlPlane"].update(
                coredns={"security": {"containerSecurityContext": {"privileged": True}}}
            ),
            "coredns pod: privileged",
        ),
        (lambda v: v["policies"].update(podSecurityStandard="baseline"), "policies.podSecurityStandard must be"),
        (lambda v: v.update(plugins={"hooks": {"image": "ghcr.io/example/hooks:1"}}), "plugins: fleet cannot judge"),
    ],
)
def test_a_change_the_host_would_refuse_is_found(change: Any, problem: str) -> None:
    values = ours()
    change(values)
    assert any(p.startswith(problem) for p in vcluster_chart.admission_problems(values)), (
        vcluster_chart.admission_problems(values)
    )


def test_the_image_is_the_open_source_build_of_the_pinned_chart() -> None:
    values = ours()
    assert values["controlPlane"]["statefulSet"]["image"] == {"repository": "loft-sh/vcluster-oss"}
    assert "advanced" not in values["controlPlane"]  # no registry override unless the spec asks


def test_the_build_builds_the_chart_fleet_pins() -> None:
    """tools/build.sh takes the chart and the vcluster binary from the Go module tools/kubernetes
    requires; it refuses to build when that is not the pinned version, and so does this test, earlier."""
    go_mod = (ROOT / "tools" / "kubernetes" / "go.mod").read_text()
    required = re.search(r"^\s*github\.com/loft-sh/vcluster (v\S+)", go_mod, re.M)
    assert required and required.group(1) == f"v{vcluster_chart.VERSION}"


# ---- where the chart comes from ----


def with_vcluster(settings: dict[str, Any]) -> dict[str, Any]:
    spec = raw_spec("dev")
    spec["vcluster"] = settings
    return spec


def the_release(spec: dict[str, Any]) -> dict[str, Any]:
    [release] = [r for r in render(spec, "dev").resources if r.type == RELEASE and "vcluster" in str(r.inputs["chart"])]
    return reveal(release.inputs)


def test_the_upstream_repository_is_the_default() -> None:
    inputs = the_release(raw_spec("dev"))
    assert (inputs["chart"], inputs["version"], inputs["repositoryOpts"]) == (
        "vcluster",
        vcluster_chart.VERSION,
        {"repo": "https://charts.loft.sh"},
    )


def test_an_oci_registry_mirror() -> None:
    inputs = the_release(with_vcluster({"chart": {"oci": "oci://registry.example.com/charts/vcluster"}}))
    assert (inputs["chart"], inputs["version"]) == (
        "oci://registry.example.com/charts/vcluster",
        vcluster_chart.VERSION,
    )
    assert "repositoryOpts" not in inputs


def test_a_helm_repository_mirror_and_an_image_mirror() -> None:
    spec = with_vcluster(
        {"chart": {"repository": "https://charts.example.com/loft"}, "imageRegistry": "registry.example.com/mirror"}
    )
    inputs = the_release(spec)
    assert inputs["repositoryOpts"] == {"repo": "https://charts.example.com/loft"}
    assert inputs["values"]["controlPlane"]["advanced"] == {"defaultImageRegistry": "registry.example.com/mirror"}


def write_chart(base: Path, name: str = "vcluster", version: str = vcluster_chart.VERSION) -> None:
    directory = base / "charts" / "vcluster"
    directory.mkdir(parents=True)
    (directory / "Chart.yaml").write_text(f"apiVersion: v2\nname: {name}\nversion: {version}\n")


def test_a_local_chart_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_chart(tmp_path)
    monkeypatch.chdir(tmp_path)  # the program runs in the project directory
    inputs = the_release(with_vcluster({"chart": {"path": "charts/vcluster"}}))
    assert inputs["chart"] == "charts/vcluster"
    assert "version" not in inputs and "repositoryOpts" not in inputs


def problems_of(spec: dict[str, Any]) -> list[str]:
    with pytest.raises(SpecError) as caught:
        load(spec)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("settings", "problem"),
    [
        ({"chart": {}}, "fleet:spec.vcluster.chart: set exactly one of repository, oci or path (got none)"),
        (
            {"chart": {"repository": "https://charts.loft.sh", "path": "charts/vcluster"}},
            "fleet:spec.vcluster.chart: set exactly one of repository, oci or path (got repository, path)",
        ),
        (
            {"chart": {"repository": "http://charts.example.com"}},
            "fleet:spec.vcluster.chart: repository 'http://charts.example.com' is not an https:// URL",
        ),
        (
            {"chart": {"oci": "oci://registry.example.com/charts/vcluster:0.36.1"}},
            "fleet:spec.vcluster.chart: oci 'oci://registry.example.com/charts/vcluster:0.36.1' is not an OCI chart",
        ),
        ({"chart": {"oci": "registry.example.com/charts/vcluster"}}, "fleet:spec.vcluster.chart: oci "),
        ({"imageRegistry": "https://registry.example.com"}, "fleet:spec.vcluster.imageRegistry:"),
        ({"chart": {"url": "https://charts.loft.sh"}}, "fleet:spec.vcluster.chart.url:"),
    ],
)
def test_a_bad_source_names_its_key(settings: dict[str, Any], problem: str) -> None:
    found = problems_of(with_vcluster(settings))
    assert len(found) == 1 and found[0].startswith(problem), found


def test_a_local_chart_of_another_version_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_chart(tmp_path, version="0.0.1")  # what the Go module's chart/ says before a release sets it
    monkeypatch.chdir(tmp_path)
    assert problems_of(with_vcluster({"chart": {"path": "charts/vcluster"}})) == [
        f"fleet:spec.vcluster.chart.path: {tmp_path}/charts/vcluster/Chart.yaml describes chart 'vcluster' version "
        f"'0.0.1'; fleet pins vcluster {vcluster_chart.VERSION} (mirror that version: helm pull vcluster --repo "
        f"https://charts.loft.sh --version {vcluster_chart.VERSION} --untar)"
    ]


def test_a_local_chart_that_is_missing_or_misnamed_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert problems_of(with_vcluster({"chart": {"path": "charts/vcluster"}})) == [
        f"fleet:spec.vcluster.chart.path: {tmp_path}/charts/vcluster holds no Chart.yaml; point path at the "
        "unpacked chart directory"
    ]
    assert problems_of(with_vcluster({"chart": {"path": "charts/vc"}}))[0].startswith(
        "fleet:spec.vcluster.chart.path: name the chart directory 'vcluster'"
    )


def test_the_chart_tools_build_sh_stages_is_the_pinned_one() -> None:
    staged = ROOT / "tools" / ".bin" / "charts" / "vcluster"
    if not staged.exists():
        pytest.skip("tools/build.sh has not run here (CI runs it before the tests)")
    assert vcluster_chart.local_problem("vcluster", staged.parent) is None
    assert os.access(staged / "values.schema.json", os.R_OK)
