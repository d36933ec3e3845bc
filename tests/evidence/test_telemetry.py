"""Evidence says where each regulated cluster's telemetry lives (issue 25), read from the rendering."""

from __future__ import annotations

from fleet.core.residency import builtin
from fleet.evidence.telemetry import destinations
from fleet.review.render import Resource
from fleet.spec.model import GcpCluster
from tests.conftest import fleet_of, rendered

GDPR = builtin()["gdpr"]


def test_every_regulated_prod_cluster_lists_its_telemetry_and_all_of_it_is_inside() -> None:
    from fleet.evidence.build import clusters

    fleet = fleet_of("prod")
    hosted: dict[str, list[str]] = {}
    for tenant in fleet.spec.tenants:
        for name in fleet.placement.assignments.get(tenant.name, ()):
            if tenant.residency != "none":
                hosted.setdefault(name, []).append(tenant.name)
    found = clusters(fleet, hosted, None, rendered("prod").resources)
    assert found
    for cluster in found:
        assert cluster.telemetry, cluster.name
        assert all(d.inside for d in cluster.telemetry), cluster
    kinds = {(c.cloud, d.what) for c in found for d in c.telemetry}
    assert {("aws", "audit logs"), ("aws", "container logs"), ("gcp", "logs"), ("azure", "metrics"),
            ("azure", "alert rules"), ("aws", "metrics"), ("aws", "metrics collection"), ("aws", "alert rules"),
            ("azure", "logs (audit, containers)"), ("azure", "container logs collection"),
            ("gcp", "metrics and alert rules (queries through Monarch's global path)")} <= kinds  # fmt: skip


def test_a_gke_project_whose_default_sink_is_not_managed_is_global_and_outside() -> None:
    cluster = next(c for c in fleet_of("prod").deployed_clusters if isinstance(c, GcpCluster))
    [found] = destinations(cluster, [GDPR], [])
    assert (found.location, found.inside, found.resource) == ("global", False, "")


def test_a_log_bucket_outside_the_regime_is_outside() -> None:
    cluster = next(c for c in fleet_of("prod").deployed_clusters if isinstance(c, GcpCluster))
    sink = Resource(
        "urn:x", "gcp:logging/projectSink:ProjectSink", "s", None, None,
        {"name": "_Default", "project": cluster.project,
         "destination": f"logging.googleapis.com/projects/{cluster.project}/locations/us-central1/buckets/b"},
        False, True,
    )  # fmt: skip
    [found] = destinations(cluster, [GDPR], [sink])
    assert (found.location, found.inside) == ("us-central1", False)
