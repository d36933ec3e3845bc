"""Kubernetes versions the fleet supports.

A minor is offered when the support calendar (fleet/core/catalog/kubernetes_calendar.csv) has a
row for it on EKS, GKE and AKS, and fleet holds its pins: the managed add-ons' and the cluster
autoscaler's versions per minor, and ``kubernetes-validate``'s schemas, so every object we render
is checked against it. Whether a minor is still in standard support is a question of the day:
``fleet review --as-of`` judges it from the calendar (fleet/core/calendar.py). Adding a minor takes
its calendar rows and its pins; a minor that leaves the pins makes stacks that use it fail
validation with a message that names the versions offered.
"""

from fleet.core import calendar

PINNED: tuple[str, ...] = ("1.34", "1.35", "1.36")

SUPPORTED_KUBERNETES_VERSIONS: tuple[str, ...] = tuple(
    minor for minor in PINNED if all(minor in calendar.minors(service) for service in calendar.SERVICES.values())
)
