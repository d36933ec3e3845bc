from fleetguard.config import resolve
from fleetguard.model import Context
from fleetguard.rules.exm_002_exemptions_applied import RULE
from tests.policies.conftest import TODAY, messages, resource


def ctx(expires: str) -> Context:
    settings = resolve(
        {
            "exemptions": [
                {"ruleId": "FLEET-CLU-003", "resource": "dev-*-eks", "reason": "Dev has no data.", "expires": expires}
            ]
        }
    )
    return Context(settings.regimes, settings.exemptions, TODAY)


def test_compliant_no_matching_resource_reports_nothing() -> None:
    assert messages(RULE, [resource("aws:eks/cluster:Cluster", "prod-eks")], ctx("2027-01-01")) == []


def test_compliant_invalid_exemptions_are_not_reported_as_applied() -> None:
    assert messages(RULE, [resource("aws:eks/cluster:Cluster", "dev-a-eks")], ctx("2020-01-01")) == []


def test_fails_reports_each_applied_exemption() -> None:
    assert messages(RULE, [resource("aws:eks/cluster:Cluster", "dev-a-eks")], ctx("2027-01-01")) == [
        "FLEET-CLU-003 is waived for aws:eks/cluster:Cluster 'dev-a-eks' until 2027-01-01: Dev has no data."
    ]
