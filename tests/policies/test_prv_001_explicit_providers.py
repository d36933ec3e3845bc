from fleetguard.rules.prv_001_explicit_providers import RULE
from tests.policies.conftest import messages, resource


def test_compliant_explicit_provider() -> None:
    assert messages(RULE, resource("aws:sqs/queue:Queue")) == []


def test_compliant_other_packages_are_not_judged() -> None:
    subject = resource("random:index/randomId:RandomId")
    subject.provider_name = "default_4_16_0"
    assert messages(RULE, subject) == []


def test_fails_default_cloud_provider() -> None:
    subject = resource("aws:sqs/queue:Queue", "q")
    subject.provider_name = "default_7_51_1"
    assert messages(RULE, subject) == [
        "aws:sqs/queue:Queue 'q' uses the default provider pulumi:providers:aws (default_7_51_1), whose region or "
        "cluster comes from the deployer's environment; pass an explicit provider (ResourceOptions(provider=...))"
    ]


def test_fails_default_kubernetes_provider() -> None:
    subject = resource("kubernetes:core/v1:Namespace", "ns")
    subject.provider_name = "default"
    assert messages(RULE, subject)[0].startswith("kubernetes:core/v1:Namespace 'ns' uses the default provider")
