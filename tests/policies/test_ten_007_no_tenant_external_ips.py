from typing import Any

from fleetguard.model import Resource, Unknown
from fleetguard.rules.ten_007_no_tenant_external_ips import RULE
from tests.policies.conftest import messages

NAMESPACE = "kubernetes:core/v1:Namespace"
SERVICE = "kubernetes:core/v1:Service"


def stack(spec: dict[str, Any], namespace: str = "team", type_: str = SERVICE) -> list[Resource]:
    return [
        Resource(NAMESPACE, "urn:ns", "ns", {"metadata": {"name": "team", "labels": {"fleet-tenant": "team"}}},
                 provider_urn="p"),
        Resource(type_, "urn:svc", "svc", {"metadata": {"name": "web", "namespace": namespace}, "spec": spec},
                 provider_urn="p"),
    ]  # fmt: skip


def test_compliant_services_without_external_ips() -> None:
    assert messages(RULE, stack({"type": "LoadBalancer", "ports": [{"port": 443}]})) == []
    assert messages(RULE, stack({"type": "ClusterIP", "externalIPs": []})) == []


def test_compliant_external_ips_outside_tenant_namespaces() -> None:
    assert messages(RULE, stack({"externalIPs": ["203.0.113.10"]}, namespace="ingress-nginx")) == []


def test_fails_external_ips_in_a_tenant_namespace() -> None:
    assert messages(RULE, stack({"externalIPs": ["10.0.0.5"], "ports": [{"port": 80}]})) == [
        "Service 'svc' in tenant namespace 'team' (tenant team) sets spec.externalIPs 10.0.0.5, which every node "
        "routes to it whoever owns the address (CVE-2020-8554); remove externalIPs and expose the Service through a "
        "LoadBalancer or an Ingress"
    ]


def test_fails_external_ips_set_by_a_patch() -> None:
    assert messages(RULE, stack({"externalIPs": ["203.0.113.10"]}, type_=SERVICE + "Patch"))[0].startswith(
        "ServicePatch 'svc' in tenant namespace 'team' (tenant team) sets spec.externalIPs 203.0.113.10"
    )


def test_an_address_unknown_at_preview_is_refused_as_any_address_is() -> None:
    found = messages(RULE, stack({"externalIPs": [Unknown("urn:svc", "spec")]}))
    assert found and "sets spec.externalIPs (an address known at the update)" in found[0]
