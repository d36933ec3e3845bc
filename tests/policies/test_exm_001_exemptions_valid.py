import datetime as dt

from fleetguard.config import resolve
from fleetguard.model import Context
from fleetguard.rules.exm_001_exemptions_valid import RULE
from tests.policies.conftest import TODAY, messages


def ctx(**entry: str) -> Context:
    settings = resolve({"exemptions": [{"ruleId": "FLEET-CLU-003", "resource": "dev-*", **entry}]})
    return Context(settings.regimes, settings.exemptions, TODAY)


def test_compliant_exemption_with_reason_and_future_expiry() -> None:
    assert messages(RULE, [], ctx(reason="Dev has no regulated data at all.", expires="2027-01-31")) == []


def test_fails_expired_exemption() -> None:
    assert messages(RULE, [], ctx(reason="Dev has no regulated data at all.", expires="2026-11-24")) == [
        "exemption of FLEET-CLU-003 for 'dev-*' expired on 2026-11-24; fix the resource or renew the exemption "
        "with a reason"
    ]


def test_fails_exemption_without_a_real_reason() -> None:
    assert messages(RULE, [], ctx(reason="todo", expires="2027-01-31")) == [
        "exemption of FLEET-CLU-003 for 'dev-*' has no real reason ('todo'); write at least 10 characters saying why"
    ]


def test_fails_exemption_without_a_date() -> None:
    assert messages(RULE, [], ctx(reason="Dev has no regulated data at all.", expires="next year")) == [
        "exemption of FLEET-CLU-003 for 'dev-*' has expiry 'next year', not a date (YYYY-MM-DD); set when it must "
        "be reviewed"
    ]


def test_an_exemption_expiring_today_is_still_valid() -> None:
    assert (
        messages(RULE, [], ctx(reason="Dev has no regulated data at all.", expires=dt.date(2026, 11, 25).isoformat()))
        == []
    )
