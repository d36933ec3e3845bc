from fleetguard.model import Resource
from fleetguard.rules.sec_001_credentials_secret import RULE
from tests.policies.conftest import messages


def provider(secret: bool) -> Resource:
    return Resource(
        "pulumi:providers:kubernetes", "urn:p", "c1-k8s", {"kubeconfig": "{...}"},
        secret_paths=frozenset({"kubeconfig"}) if secret else frozenset(),
    )  # fmt: skip


def stack_outputs(secret: set[str]) -> Resource:
    props = {"inventory": {}, "kubeconfigs": {}, "adminPassword": "x"}
    return Resource("pulumi:pulumi:Stack", "urn:stack", "fleet-dev", props, secret_paths=frozenset(secret))


def test_compliant_secret_kubeconfig_and_outputs() -> None:
    assert messages(RULE, [provider(True), stack_outputs({"kubeconfigs", "adminPassword"})]) == []


def test_fails_plain_kubeconfig_on_a_provider() -> None:
    assert messages(RULE, [provider(False)]) == [
        "Kubernetes provider 'c1-k8s' receives its kubeconfig as plain text; wrap it in pulumi.Output.secret(...)"
    ]


def test_fails_plain_credential_outputs() -> None:
    assert messages(RULE, [stack_outputs({"kubeconfigs"})]) == [
        "stack output 'adminPassword' looks like a credential and is not secret; export it with "
        "pulumi.Output.secret(...)"
    ]


def test_fails_credentials_under_other_common_names() -> None:
    props = {"dbConnectionString": "x", "apiKey": "k", "passphrase": "p", "inventory": {}}
    outputs = Resource("pulumi:pulumi:Stack", "urn:stack", "fleet-dev", props)
    assert [m.split("'")[1] for m in messages(RULE, [outputs])] == ["dbConnectionString", "apiKey", "passphrase"]


def test_fails_credential_nested_in_a_plain_output() -> None:
    outputs = Resource("pulumi:pulumi:Stack", "urn:stack", "fleet-dev", {"database": {"host": "h", "password": "p"}})
    assert messages(RULE, [outputs]) == [
        "stack output 'database.password' looks like a credential and is not secret; export it with "
        "pulumi.Output.secret(...)"
    ]


def test_fails_unknown_kubeconfig_that_is_not_secret() -> None:
    from fleetguard.model import Unknown

    provider = Resource(
        "pulumi:providers:kubernetes", "urn:p", "c1-k8s", {"kubeconfig": Unknown("urn:p", "kubeconfig")}
    )
    assert len(messages(RULE, [provider])) == 1
