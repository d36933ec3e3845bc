from __future__ import annotations

import copy
from typing import Any

import pytest

from fleet.spec import load
from fleet.tenancy import vcluster
from fleetguard.rules.ten_006_vcluster_pod_security import RULE, is_vcluster_chart
from tests.conftest import raw_spec
from tests.policies.conftest import messages, resource

RELEASE = "kubernetes:helm.sh/v3:Release"


def fleet_values() -> dict[str, Any]:
    tenant = next(t for t in load(raw_spec("dev")).spec.tenants if t.isolation == "vcluster")
    return vcluster.values(tenant)


def release(values: Any, chart: str = "vcluster") -> Any:
    return resource(RELEASE, "lab", chart=chart, namespace="lab", values=values)


@pytest.mark.parametrize(
    "chart",
    [
        "vcluster",
        "loft/vcluster",
        "oci://registry.example.com/charts/vcluster",
        "charts/vcluster",
        "./mirror/vcluster/",
        "vcluster-0.36.1.tgz",
    ],
)
def test_compliant_fleet_values_from_every_source(chart: str) -> None:
    assert is_vcluster_chart(chart)
    assert messages(RULE, release(fleet_values(), chart)) == []


def test_compliant_other_charts_are_not_judged() -> None:
    for chart in ("cluster-autoscaler", "oci://registry.example.com/charts/vcluster-platform", "charts/vclusters"):
        assert not is_vcluster_chart(chart)
        assert messages(RULE, release({}, chart)) == []


def test_fails_the_charts_defaults() -> None:
    [message] = messages(RULE, release({}))
    assert message.startswith("vcluster release 'lab' would be refused by its restricted host namespace: ")
    assert "control plane pod: runAsUser=0 (pod and containers must not set runAsUser=0)" in message


def test_fails_init_container_without_restricted_context() -> None:
    values = fleet_values()
    del values["controlPlane"]["distro"]
    assert messages(RULE, release(values)) == [
        "vcluster release 'lab' would be refused by its restricted host namespace: control plane pod: "
        'allowPrivilegeEscalation != false (container "kubernetes" must set '
        "securityContext.allowPrivilegeEscalation=false); control plane pod: unrestricted capabilities (container "
        '"kubernetes" must set securityContext.capabilities.drop=["ALL"] and add nothing but "NET_BIND_SERVICE"); '
        "set restricted security contexts in the values (fleet/tenancy/vcluster.py shows a set that is admitted)"
    ]


def test_fails_virtual_cluster_without_pod_security() -> None:
    values = fleet_values()
    del values["policies"]["podSecurityStandard"]
    [message] = messages(RULE, release(values))
    assert "coredns pod: seccompProfile" in message
    assert "policies.podSecurityStandard must be 'restricted'" in message


def test_fails_plugins_it_cannot_judge() -> None:
    values = copy.deepcopy(fleet_values())
    values["plugins"] = {"hooks": {"image": "ghcr.io/example/hooks:1"}}
    [message] = messages(RULE, release(values))
    assert "plugins: fleet cannot judge plugin containers offline" in message


def test_fails_values_that_are_not_a_map() -> None:
    assert messages(RULE, release(["not", "a", "map"])) == [
        "kubernetes:helm.sh/v3:Release 'lab' has values that are not a map; pass the chart values as one"
    ]


def test_an_image_tag_unknown_at_preview_does_not_hold_back_the_decision() -> None:
    from fleetguard.model import Unknown
    from fleetguard.rules.ten_006_vcluster_pod_security import PREVIEW_PLACEHOLDER, _known_where_it_counts

    security = {"podSecurityContext": {"runAsUser": Unknown("urn:r", "values")}}
    values = {"controlPlane": {"statefulSet": {"image": {"tag": Unknown("urn:r", "values")}, "security": security}}}
    known = _known_where_it_counts(values)
    assert known["controlPlane"]["statefulSet"]["image"]["tag"] == PREVIEW_PLACEHOLDER
    assert isinstance(known["controlPlane"]["statefulSet"]["security"]["podSecurityContext"]["runAsUser"], Unknown)
    # Nor the registry images come from, by whatever name (controlPlane.advanced.defaultImageRegistry).
    advanced = {"controlPlane": {"advanced": {"defaultImageRegistry": Unknown("urn:r", "values")}}}
    assert _known_where_it_counts(advanced)["controlPlane"]["advanced"]["defaultImageRegistry"] == PREVIEW_PLACEHOLDER


def test_an_unknown_inside_a_volume_source_does_not_hold_back_the_decision() -> None:
    from fleetguard.model import Unknown

    flex = {"name": "bundle", "flexVolume": {"driver": "acme/bundle", "options": {"reference": Unknown("urn:r", "v")}}}
    values = fleet_values()
    values["controlPlane"]["statefulSet"].setdefault("persistence", {})["addVolumes"] = [flex]
    assert "forbidden volume type" in messages(RULE, release(values))[0]
    image = {"name": "bundle", "image": {"reference": Unknown("urn:r", "v")}}
    values["controlPlane"]["statefulSet"]["persistence"]["addVolumes"] = [image]
    assert messages(RULE, release(values)) == []
