from fleetguard.model import Context, Resource
from fleetguard.rules.res_006_known_packages import RULE
from tests.policies.conftest import CTX, messages, resource


def native(tags: list[dict[str, str]] | None = None) -> Resource:
    """An aws-native bucket: a package the residency survey does not cover (tags as a key/value list)."""
    return Resource(
        "aws-native:s3:Bucket", "urn:native", "logs", {"tags": tags or []},
        provider_type="pulumi:providers:aws-native", provider_urn="urn:prov", provider_name="prov",
    )  # fmt: skip


def test_compliant_unknown_package_in_an_unregulated_stack() -> None:
    assert messages(RULE, [native(), resource("aws:sqs/queue:Queue", tags={"fleet-residency": "none"})]) == []


def test_compliant_packages_without_data_and_components() -> None:
    items = [
        resource("aws:sqs/queue:Queue", tags={"fleet-residency": "gdpr"}),
        resource("random:index/randomPassword:RandomPassword", "pw"),
        Resource("acme:storage:Bundle", "urn:component", "bundle", {}),  # a component: no provider
    ]
    assert messages(RULE, items) == []


def test_fails_unknown_package_in_a_regulated_stack() -> None:
    items = [resource("aws:sqs/queue:Queue", "q", tags={"fleet-residency": "gdpr"}), native()]
    assert messages(RULE, items) == [
        "aws-native:s3:Bucket 'logs' comes from provider package 'aws-native', which the residency survey does not "
        "cover, so where it keeps data cannot be determined, in a regulated stack (aws:sqs/queue:Queue 'q' declares "
        "fleet-residency=gdpr); use pulumi-aws, pulumi-gcp or pulumi-azure-native for regulated data, or exempt it "
        "with a reason"
    ]


def test_fails_unknown_package_that_declares_a_regime_itself() -> None:
    assert messages(RULE, [native([{"key": "fleet-residency", "value": "gdpr"}])])[0].endswith(
        "in a regulated stack (aws-native:s3:Bucket 'logs' declares fleet-residency=gdpr); use pulumi-aws, pulumi-gcp "
        "or pulumi-azure-native for regulated data, or exempt it with a reason"
    )


def test_fails_unknown_package_in_a_stack_the_config_declares_regulated() -> None:
    ctx = Context(CTX.regimes, today=CTX.today, stack_regime="gdpr")
    assert len(messages(RULE, [native()], ctx)) == 1
