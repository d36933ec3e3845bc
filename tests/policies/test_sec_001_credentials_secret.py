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
