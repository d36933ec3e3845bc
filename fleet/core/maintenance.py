"""When a cloud may update a cluster on its own, and when it may not: one window and a list of
exclusions per cluster, checked against each cloud's limits and rendered as its native settings.

The window recurs weekly on the given days, at a UTC start, for a number of hours; an exclusion is
a run of whole UTC days, first and last day included, on which no automatic maintenance may start.
What each cloud does with them:

- GKE: the cluster's ``maintenancePolicy`` (one recurring window, and the exclusions with scope
  ``NO_UPGRADES`` beside fleet's own hold of minors and nodes, fleet.clusters.gke). GKE refuses a
  window that leaves under 48 hours of maintenance in a 32-day rolling window, counting only
  stretches of at least four hours ("You must allow at least 48 hours of maintenance availability in
  a 32-day rolling window. Only contiguous availability windows of at least four hours are
  considered.", GKE how-to, Configure maintenance windows and exclusions); a cluster takes at most
  20 exclusions (terraform-provider-google ``maintenance_exclusion`` MaxItems 20); a "No upgrades"
  exclusion lasts at most 30 days (GKE concepts page, Scope of maintenance to exclude).
- AKS: two maintenance configurations, ``default`` (AKS's weekly releases of control-plane
  components and system add-ons) and ``aksManagedNodeOSUpgradeSchedule`` (the node OS images fleet's
  ``NodeImage`` channel applies), with the exclusions as ``notAllowedDates``. The ``default``
  configuration takes only a Weekly schedule, one ``dayOfWeek`` (AKS planned-maintenance.md,
  "Schedule types"), and ``durationHours`` is 4 to 24 (REST API 2025-09-01, MaintenanceWindow). fleet
  sets no Kubernetes auto-upgrade channel on AKS, so ``aksManagedAutoUpgradeSchedule`` would have
  nothing to schedule and is not rendered.
- EKS: no maintenance window or exclusion exists in the EKS API (botocore's EKS model has none);
  EKS changes a cluster's minor on its own only at the end of standard support, which no setting
  postpones. A window or exclusion set on an EKS cluster is refused; the environment's defaults do
  not apply to EKS clusters.

Pure: no Pulumi, no clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
RRULE_DAYS = {day: day[:2].upper() for day in DAYS}

GKE_MIN_HOURS_IN_32_DAYS = 48
GKE_MIN_CONTIGUOUS_HOURS = 4
GKE_MAX_EXCLUSIONS = 20
GKE_MAX_NO_UPGRADES_DAYS = 30
AKS_MIN_HOURS, AKS_MAX_HOURS = 4, 24
# Any 32 consecutive days hold at least four of each weekday (32 = 4 x 7 + 4).
WEEKDAYS_IN_32_DAYS = 4
# A date before any cluster fleet builds, on which each weekday's first window is anchored: the
# recurrence repeats it, and a literal date keeps the rendering the same on every run.
ANCHOR = dt.date(2026, 1, 1)


@dataclass(frozen=True)
class Window:
    days: tuple[str, ...]  # of DAYS
    start: str  # "HH:MM", UTC
    hours: int

    def first_start(self) -> dt.datetime:
        """The first occurrence on or after ANCHOR, on one of the window's days."""
        hour, minute = (int(x) for x in self.start.split(":"))
        day = next(ANCHOR + dt.timedelta(days=n) for n in range(7) if DAYS[(ANCHOR.weekday() + n) % 7] in self.days)
        return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Exclusion:
    name: str
    first_day: dt.date
    last_day: dt.date  # included

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1


DEFAULT_WINDOW = Window(days=("saturday",), start="00:00", hours=16)


@dataclass(frozen=True)
class Refusal:
    key: str  # "window", "window.days", "window.hours", "exclusions", "exclusions[N]"
    why: str


def refusals(service: str, window: Window | None, exclusions: Sequence[Exclusion]) -> Iterator[Refusal]:
    """What the cluster's service refuses of a window and exclusions set for it (``window`` None:
    the default, which every service takes)."""
    if service == "eks":
        if window is not None:
            yield Refusal(
                "window",
                "EKS has no maintenance window: it changes nothing on its own before a minor's "
                "end of standard support, which no setting postpones; remove maintenance.window",
            )
        if exclusions:
            yield Refusal(
                "exclusions",
                "EKS has no maintenance exclusions: it changes nothing on its own before a "
                "minor's end of standard support, which no setting postpones; remove maintenance.exclusions",
            )
        return
    shown = window or DEFAULT_WINDOW
    if service == "gke":
        if shown.hours < GKE_MIN_CONTIGUOUS_HOURS:
            yield Refusal(
                "window.hours",
                f"{shown.hours} hours: GKE counts only windows of at least "
                f"{GKE_MIN_CONTIGUOUS_HOURS} contiguous hours; make it {GKE_MIN_CONTIGUOUS_HOURS} or more",
            )
        else:
            least = shown.hours * len(shown.days) * WEEKDAYS_IN_32_DAYS
            if least < GKE_MIN_HOURS_IN_32_DAYS:
                yield Refusal(
                    "window",
                    f"{len(shown.days)} day(s) x {shown.hours} hours leaves as little as {least} hours in 32 days; GKE "
                    f"requires at least {GKE_MIN_HOURS_IN_32_DAYS} hours of maintenance in any 32 days: add days "
                    "or hours",
                )
        # fleet's own hold of minors and nodes is one of them (fleet.clusters.gke)
        if len(exclusions) > GKE_MAX_EXCLUSIONS - 1:
            yield Refusal(
                "exclusions",
                f"{len(exclusions)} exclusions and fleet's own hold are more than the "
                f"{GKE_MAX_EXCLUSIONS} GKE takes on a cluster; keep at most {GKE_MAX_EXCLUSIONS - 1}",
            )
        for index, exclusion in enumerate(exclusions):
            if exclusion.days > GKE_MAX_NO_UPGRADES_DAYS:
                yield Refusal(
                    f"exclusions[{index}]",
                    f"{exclusion.name!r} lasts {exclusion.days} days; a GKE "
                    f"exclusion of all upgrades lasts at most {GKE_MAX_NO_UPGRADES_DAYS}: split it, with "
                    "windows between",
                )
    if service == "aks":
        if len(shown.days) != 1:
            yield Refusal(
                "window.days",
                f"{len(shown.days)} days: AKS schedules the control plane's maintenance "
                "(configuration default) weekly on one dayOfWeek; name one day and enough hours",
            )
        if not AKS_MIN_HOURS <= shown.hours <= AKS_MAX_HOURS:
            yield Refusal(
                "window.hours", f"{shown.hours} hours: AKS takes a durationHours of {AKS_MIN_HOURS} to {AKS_MAX_HOURS}"
            )


def _utc(moment: dt.datetime) -> str:
    # RFC 3339 with Z: GKE returns UTC, and any other form would read back as a change.
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def gke_window(window: Window) -> dict[str, str]:
    start = window.first_start()
    # Weekly with the days in GKE's order, never FREQ=DAILY, which GKE rewrites to WEEKLY.
    days = ",".join(RRULE_DAYS[d] for d in DAYS if d in window.days)
    return {
        "start_time": _utc(start),
        "end_time": _utc(start + dt.timedelta(hours=window.hours)),
        "recurrence": f"FREQ=WEEKLY;BYDAY={days}",
    }


def gke_exclusions(exclusions: Sequence[Exclusion]) -> list[dict[str, object]]:
    return [
        {
            "exclusion_name": e.name,
            "start_time": _utc(dt.datetime.combine(e.first_day, dt.time(), dt.UTC)),
            "end_time": _utc(dt.datetime.combine(e.last_day + dt.timedelta(days=1), dt.time(), dt.UTC)),
            "exclusion_options": {"scope": "NO_UPGRADES"},
        }
        for e in exclusions
    ]


def aks_window(window: Window, exclusions: Sequence[Exclusion]) -> dict[str, object]:
    """An AKS maintenanceWindow, for both configurations fleet renders."""
    rendered: dict[str, object] = {
        "schedule": {"weekly": {"day_of_week": window.days[0].title(), "interval_weeks": 1}},
        "duration_hours": window.hours,
        "start_time": window.start,
        "utc_offset": "+00:00",
    }
    if exclusions:
        rendered["not_allowed_dates"] = [
            {"start": e.first_day.isoformat(), "end": e.last_day.isoformat()} for e in exclusions
        ]
    return rendered
