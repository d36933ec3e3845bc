"""A GCP project's logs kept in a regional log bucket (Cloud Logging, "Regionalize your project's logs
using log buckets", cloud.google.com/logging/docs/regionalized-logs)."""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp
from pulumi_gcp import logging

from fleet.observability.plan import ProjectLogPlan

BUCKET = "fleet-logs"
# The _Default sink's filter as Cloud Logging creates it with a project ("When you create a project,
# the filter for the _Default sink is as shown"): everything the _Required sink does not take.
DEFAULT_FILTER = " AND ".join(
    f'NOT LOG_ID("{log}")'
    for log in (
        "cloudaudit.googleapis.com/activity", "externalaudit.googleapis.com/activity",
        "cloudaudit.googleapis.com/system_event", "externalaudit.googleapis.com/system_event",
        "cloudaudit.googleapis.com/access_transparency", "externalaudit.googleapis.com/access_transparency",
    )
)  # fmt: skip
RETENTION_DAYS = 30  # what the _Default bucket keeps


class ProjectLogs(pulumi.ComponentResource):
    """The project's ``_Default`` sink redirected to a log bucket in one region: "Redirecting the
    _Default sink ensures that all future logs go into the regionalized log bucket rather than the
    _Default bucket, which is global." The ``_Required`` sink cannot be changed; its audit logs stay in
    the ``_Required`` bucket, whose location the organization's default storage location decides when
    the project is created (docs/OPERATING.md).

    pulumi_gcp's ProjectSink acquires the existing ``_Default`` sink rather than creating one, and
    leaves it in place when deleted (terraform-provider-google resource_logging_project_sink.go), so a
    destroyed stack leaves the sink pointing at a bucket that is deleted with it."""

    def __init__(self, name: str, plan: ProjectLogPlan, protect: bool, opts: pulumi.ResourceOptions | None = None):
        super().__init__("fleet:observability:ProjectLogs", name, None, opts)
        provider = gcp.Provider(f"{name}-gcp", project=plan.project, opts=pulumi.ResourceOptions(parent=self))
        child = pulumi.ResourceOptions(parent=self, provider=provider)
        bucket = logging.ProjectBucketConfig(
            f"{name}-bucket",
            project=plan.project,
            location=plan.location,
            bucket_id=BUCKET,
            retention_days=RETENTION_DAYS,
            description="fleet: this project's logs, kept in one region (the _Default sink routes here)",
            opts=pulumi.ResourceOptions.merge(child, pulumi.ResourceOptions(protect=protect)),
        )
        logging.ProjectSink(
            f"{name}-default-sink",
            name="_Default",
            project=plan.project,
            # Spelled out, not the bucket's ID, so the destination and its location are known at preview.
            destination=f"logging.googleapis.com/projects/{plan.project}/locations/{plan.location}/buckets/{BUCKET}",
            filter=DEFAULT_FILTER,
            description=f"fleet: routes the project's logs to {BUCKET} in {plan.location}",
            opts=pulumi.ResourceOptions.merge(child, pulumi.ResourceOptions(depends_on=[bucket])),
        )
        self.register_outputs({"bucket": BUCKET, "location": plan.location})
