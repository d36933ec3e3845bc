"""FLEET-TEN-006: a vcluster release deploys only pods that Pod Security "restricted" admits.

Protects: the virtual-cluster isolation mode, and the first ``pulumi up`` of every stack with a
virtual-cluster tenant. The chart runs the tenant's control plane in a host namespace that
enforces Pod Security ``restricted``; with the chart's default values (0.36.1) the API server
refuses its control-plane pod (the ``kubernetes`` init container sets no securityContext, the
syncer runs as root) and the CoreDNS pod the virtual cluster syncs to the host (no seccomp
profile), so the release times out and the update fails half-way. And unless the virtual
cluster itself enforces ``restricted`` (``policies.podSecurityStandard``), a tenant's pod is
accepted inside and refused by the host, silently. The check renders the pods the chart would
make from the release's values (fleet/core/vcluster_chart.py, held against a real API server in the
end-to-end suite) and judges them as the server would, before anything reaches a cluster. A value Pod Security
never reads (an image tag, labels, resources) that is unknown at preview does not hold the decision back.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from fleet.core import vcluster_chart
from fleetguard.model import HELM_RELEASE, Context, Finding, Resource, Rule, Unknown

# The last segment of a chart reference: a name, repo/name, oci://.../name, a path, or a packaged
# <name>-<version>.tgz.
_CHART_NAME = re.compile(r"(?:^|/)(?P<name>[a-z0-9-]+?)(?:-\d+\.\d+\.\d+[^/]*)?(?:\.tgz)?/?$")


def is_vcluster_chart(chart: object) -> bool:
    match = _CHART_NAME.search(str(chart or ""))
    return bool(match) and match.group("name") == "vcluster"  # type: ignore[union-attr]


# Values Pod Security never reads: which image runs, its labels and annotations, how much it may use. Unknown at
# preview (an image tag built in the same update), they must not hold back a decision on the security contexts.
NOT_JUDGED = frozenset(
    {"image", "tag", "repository", "registry", "digest", "pullPolicy", "annotations", "labels", "podAnnotations",
     "podLabels", "resources", "requests", "limits", "size", "storageClass"}
)  # fmt: skip
# Keys named for these are not read either: the registry images are pulled from (controlPlane.advanced.
# defaultImageRegistry), an image by another name, the pull secrets.
NOT_JUDGED_SUFFIXES = ("registry", "image", "imagepullsecrets")
PREVIEW_PLACEHOLDER = "unknown-at-preview"
# Lists of pod volumes in the chart's values: Pod Security reads which source each volume has (its key: hostPath,
# flexVolume, ...), never what the source holds (https://kubernetes.io/docs/concepts/security/pod-security-standards/,
# "Volume Types"), so an unknown inside a source does not hold the decision back.
VOLUME_LISTS = frozenset({"volumes", "addVolumes", "dataVolume", "binariesVolume", "extraVolumes"})


def _not_judged(key: str) -> bool:
    return key in NOT_JUDGED or key.lower().endswith(NOT_JUDGED_SUFFIXES)


def _known_where_it_counts(value: Any, judged: bool = True, volumes: bool = False) -> Any:
    """The values with an unknown under a key Pod Security never reads replaced by a placeholder; an unknown
    anywhere else stays, and the decision waits for it. ``volumes``: ``value`` is a list of pod volumes."""
    if isinstance(value, Unknown):
        return value if judged else PREVIEW_PLACEHOLDER
    if volumes and isinstance(value, list):
        return [
            {k: v if k == "name" else _known_where_it_counts(v, False) for k, v in item.items()}
            if isinstance(item, dict)
            else _known_where_it_counts(item, judged)
            for item in value
        ]
    if isinstance(value, dict):
        return {
            k: _known_where_it_counts(v, judged and not _not_judged(k), k in VOLUME_LISTS) for k, v in value.items()
        }
    if isinstance(value, list):
        return [_known_where_it_counts(v, judged) for v in value]
    return value


def check(resource: Resource, ctx: Context) -> Iterator[Finding]:
    if resource.type != HELM_RELEASE or not is_vcluster_chart(resource.props.get("chart")):
        return
    values = resource.props.get("values") or {}
    if not isinstance(values, dict):
        yield Finding(f"{resource.type} {resource.name!r} has values that are not a map; pass the chart values as one")
        return
    problems = vcluster_chart.admission_problems(_known_where_it_counts(values))
    if problems:
        yield Finding(
            f"vcluster release {resource.name!r} would be refused by its restricted host namespace: "
            f"{'; '.join(problems)}; set restricted security contexts in the values "
            "(fleet/tenancy/vcluster.py shows a set that is admitted)"
        )


RULE = Rule(
    id="FLEET-TEN-006",
    name="vcluster-pod-security",
    title="Ensure vcluster releases deploy only pods that Pod Security restricted admits",
    severity="high",
    default_level="mandatory",
    rationale="A vcluster whose pods the restricted host namespace refuses never starts, and tenants' pods it "
    "accepts but the host refuses never run.",
    remediation="Give every container of the chart a restricted securityContext and set "
    "policies.podSecurityStandard: restricted.",
    resource_check=check,
)
