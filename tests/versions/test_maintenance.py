"""Maintenance windows and exclusions: each cloud's rule passes and fails (fleet.core.maintenance),
the spec names the key that breaks it, and GKE and AKS render them natively."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from fleet.core import maintenance
from fleet.core.maintenance import Exclusion, Window
from fleet.review.secrets import reveal
from fleet.spec import SpecError, load
from tests.conftest import raw_spec, rendered


def refused(service: str, window: Window | None = None, exclusions: tuple[Exclusion, ...] = ()) -> list[str]:
    return [f"{r.key}: {r.why}" for r in maintenance.refusals(service, window, exclusions)]


def days(first: str, count: int, name: str = "freeze") -> Exclusion:
    start = dt.date.fromisoformat(first)
    return Exclusion(name, start, start + dt.timedelta(days=count - 1))


def test_the_default_window_is_taken_by_gke_and_aks() -> None:
    assert refused("gke") == refused("aks") == []


@pytest.mark.parametrize(
    ("window", "why"),
    [
        (Window(("saturday", "sunday"), "01:00", 8), ""),  # 64 h in any 32 days
        (Window(("saturday",), "00:00", 12), ""),  # 48 h: exactly enough
        (Window(("saturday",), "00:00", 11), "window: 1 day(s) x 11 hours leaves as little as 44 hours in 32 days; "
                                               "GKE requires at least 48 hours"),
        (Window(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"), "02:00", 3),
         "window.hours: 3 hours: GKE counts only windows of at least 4 contiguous hours"),
    ],
)  # fmt: skip
def test_gke_wants_48_hours_in_32_days_in_stretches_of_4(window: Window, why: str) -> None:
    found = refused("gke", window)
    assert found[0].startswith(why) if why else found == [], found


def test_gke_takes_19_exclusions_beside_fleets_hold_and_30_days_in_one() -> None:
    nineteen = tuple(days(f"2027-01-{n:02d}", 1, f"x{n}") for n in range(1, 20))
    assert refused("gke", None, nineteen) == []
    assert refused("gke", None, (*nineteen, days("2027-02-01", 1, "x20")))[0].startswith(
        "exclusions: 20 exclusions and fleet's own hold are more than the 20 GKE takes"
    )
    assert refused("gke", None, (days("2027-11-20", 30),)) == []
    assert refused("gke", None, (days("2027-11-20", 31),)) == [
        "exclusions[0]: 'freeze' lasts 31 days; a GKE exclusion of all upgrades lasts at most 30: split it, "
        "with windows between"
    ]


def test_aks_takes_one_day_and_4_to_24_hours() -> None:
    assert refused("aks", Window(("sunday",), "22:00", 4)) == []
    assert refused("aks", Window(("sunday",), "22:00", 24)) == []
    assert refused("aks", Window(("sunday",), "22:00", 3)) == [
        "window.hours: 3 hours: AKS takes a durationHours of 4 to 24"
    ]
    assert refused("aks", Window(("saturday", "sunday"), "01:00", 8)) == [
        "window.days: 2 days: AKS schedules the control plane's maintenance (configuration default) weekly on one "
        "dayOfWeek; name one day and enough hours"
    ]
    assert refused("aks", None, (days("2027-11-20", 60),)) == []  # AKS states no longest run of notAllowedDates


def test_eks_has_neither_windows_nor_exclusions() -> None:
    assert refused("eks") == []
    assert [r.split(":")[0] for r in refused("eks", Window(("sunday",), "00:00", 8), (days("2027-01-01", 2),))] == [
        "window",
        "exclusions",
    ]


def problems(mutate: Any) -> list[str]:
    spec = raw_spec("dev")  # clusters: [0] EKS, [1] GKE, [2] AKS
    mutate(spec)
    with pytest.raises(SpecError) as caught:
        load(spec)
    return [str(p) for p in caught.value.problems]


def test_an_invalid_window_is_refused_where_it_is_written_with_the_clouds_rule() -> None:
    def set_window(spec: dict[str, Any]) -> None:
        spec["clusters"][1]["maintenance"] = {"window": {"days": ["sunday"], "start": "03:00", "hours": 6}}
        spec["clusters"][2]["maintenance"] = {"window": {"days": ["saturday", "sunday"], "start": "03:00", "hours": 6}}
        spec["clusters"][0]["maintenance"] = {
            "exclusions": [{"name": "freeze", "start": "2027-01-01", "end": "2027-01-02"}]
        }

    assert problems(set_window) == [
        "fleet:spec.clusters[0].maintenance.exclusions: EKS has no maintenance exclusions: it changes nothing on its "
        "own before a minor's end of standard support, which no setting postpones; remove maintenance.exclusions",
        "fleet:spec.clusters[1].maintenance.window: 1 day(s) x 6 hours leaves as little as 24 hours in 32 days; GKE "
        "requires at least 48 hours of maintenance in any 32 days: add days or hours",
        "fleet:spec.clusters[2].maintenance.window.days: 2 days: AKS schedules the control plane's maintenance "
        "(configuration default) weekly on one dayOfWeek; name one day and enough hours",
    ]


def test_the_defaults_are_refused_once_naming_a_cluster_that_takes_them_and_eks_does_not_take_them() -> None:
    def set_defaults(spec: dict[str, Any]) -> None:
        spec["defaults"]["maintenance"] = {"window": {"days": ["saturday", "sunday"], "start": "01:00", "hours": 8}}

    assert problems(set_defaults) == [
        "fleet:spec.defaults.maintenance.window.days: 2 days: AKS schedules the control plane's maintenance "
        "(configuration default) weekly on one dayOfWeek; name one day and enough hours (cluster 'dev-azure-weu' "
        "takes it)"
    ]


@pytest.mark.parametrize(
    ("window", "where", "why"),
    [
        (
            {"days": ["someday"], "start": "01:00", "hours": 8},
            "window.days[0]",
            "'someday' is not one of 'monday', 'tuesday'",
        ),
        ({"days": ["sunday", "sunday"], "start": "01:00", "hours": 8}, "window.days", "sunday named more than once"),
        (
            {"days": ["sunday"], "start": "24:00", "hours": 8},
            "window.start",
            "'24:00' is not a time of day; write HH:MM in UTC",
        ),
        (
            {"days": ["sunday"], "start": "01:00", "hours": 25},
            "window.hours",
            "25 is out of range; it must be at most 24",
        ),
    ],
)
def test_a_malformed_window_names_its_key(window: dict[str, Any], where: str, why: str) -> None:
    found = problems(lambda s: s["clusters"][1].update(maintenance={"window": window}))
    assert len(found) == 1 and found[0].startswith(f"fleet:spec.clusters[1].maintenance.{where}: "), found
    assert why in found[0], found


def test_an_exclusion_ending_before_it_starts_is_refused() -> None:
    found = problems(lambda s: s["clusters"][1].update(maintenance={"exclusions": [
        {"name": "freeze", "start": "2027-01-05", "end": "2027-01-04"}]}))  # fmt: skip
    assert found == [
        "fleet:spec.clusters[1].maintenance.exclusions[0]: end 2027-01-04 is before start 2027-01-05; the last day "
        "comes on or after the first"
    ]


def test_gke_and_aks_render_the_window_and_exclusions_natively() -> None:
    windows = maintenance.gke_window(Window(("sunday", "saturday"), "01:30", 8))
    assert windows == {"start_time": "2026-01-03T01:30:00Z", "end_time": "2026-01-03T09:30:00Z",
                       "recurrence": "FREQ=WEEKLY;BYDAY=SA,SU"}  # fmt: skip
    [gke] = maintenance.gke_exclusions((days("2027-11-27", 3),))
    assert gke == {"exclusion_name": "freeze", "start_time": "2027-11-27T00:00:00Z",
                   "end_time": "2027-11-30T00:00:00Z", "exclusion_options": {"scope": "NO_UPGRADES"}}  # fmt: skip
    aks = maintenance.aks_window(Window(("sunday",), "22:00", 6), (days("2027-11-27", 3),))
    assert aks == {"schedule": {"weekly": {"day_of_week": "Sunday", "interval_weeks": 1}}, "duration_hours": 6,
                   "start_time": "22:00", "utc_offset": "+00:00",
                   "not_allowed_dates": [{"start": "2027-11-27", "end": "2027-11-29"}]}  # fmt: skip


def test_the_stacks_clusters_carry_the_default_window() -> None:
    rendering = rendered("dev")
    gke = next(r for r in rendering.resources if r.type == "gcp:container/cluster:Cluster")
    policy = reveal(gke.inputs)["maintenancePolicy"]
    assert policy["recurringWindow"] == {"startTime": "2026-01-03T00:00:00Z", "endTime": "2026-01-03T16:00:00Z",
                                         "recurrence": "FREQ=WEEKLY;BYDAY=SA"}  # fmt: skip
    configs = [r for r in rendering.resources if r.type == "azure-native:containerservice:MaintenanceConfiguration"]
    assert sorted(r.inputs["configName"] for r in configs) == ["aksManagedNodeOSUpgradeSchedule", "default"]
    for config in configs:
        assert reveal(config.inputs)["maintenanceWindow"] == {
            "schedule": {"weekly": {"dayOfWeek": "Saturday", "intervalWeeks": 1}},
            "durationHours": 16,
            "startTime": "00:00",
            "utcOffset": "+00:00",
        }


def test_an_unquoted_time_read_as_a_number_says_to_quote_it() -> None:
    found = problems(lambda s: s["clusters"][1].update(maintenance={"window": {"days": ["sunday"], "start": 1320,
                                                                                "hours": 8}}))  # fmt: skip
    assert found == [
        "fleet:spec.clusters[1].maintenance.window.start: 1320 is a number (YAML reads an unquoted time as one); "
        'quote it: start: "22:00"'
    ]
