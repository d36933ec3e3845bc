from fleetguard.rules.res_005_regulated_tagging import RULE
from tests.policies.conftest import messages, resource


def test_compliant_unregulated_stack_needs_no_tags() -> None:
    assert messages(RULE, [resource("aws:sqs/queue:Queue", tags={"team": "a"})]) == []


def test_compliant_every_taggable_resource_declares_a_regime() -> None:
    items = [
        resource("aws:sqs/queue:Queue", "a", tags={"fleet-residency": "gdpr"}),
        resource("aws:sqs/queue:Queue", "b", tags={"fleet-residency": "none"}),
        resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "c", role="r"),  # takes no tags
    ]
    assert messages(RULE, items) == []


def test_fails_untagged_resource_in_a_regulated_stack() -> None:
    items = [
        resource("aws:sqs/queue:Queue", "a", tags={"fleet-residency": "gdpr"}),
        resource("gcp:storage/bucket:Bucket", "b", labels={"team": "x"}),
    ]
    assert messages(RULE, items) == [
        "gcp:storage/bucket:Bucket 'b' declares no fleet-residency in a stack that holds regulated data "
        "(aws:sqs/queue:Queue 'a' declares fleet-residency=gdpr); tag it with its regime, or fleet-residency=none if "
        "it holds no regulated data"
    ]


def test_compliant_provider_default_tags_declare_the_regime() -> None:
    defaults = {"defaultTags": '{"tags": {"fleet-residency": "none"}}'}
    items = [
        resource("aws:sqs/queue:Queue", "a", tags={"fleet-residency": "gdpr"}),
        resource("aws:sqs/queue:Queue", "b", provider=defaults, tags={"team": "x"}),
    ]
    assert messages(RULE, items) == []


def test_fails_in_a_stack_the_config_declares_regulated() -> None:
    from fleetguard.model import Context
    from tests.policies.conftest import CTX

    ctx = Context(CTX.regimes, today=CTX.today, stack_regime="gdpr")
    assert messages(RULE, [resource("aws:sqs/queue:Queue", "q", tags={"team": "x"})], ctx)[0].endswith(
        "(the policy config declares stackRegime gdpr); tag it with its regime, or fleet-residency=none if it holds no "
        "regulated data"
    )
