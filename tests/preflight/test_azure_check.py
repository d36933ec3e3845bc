"""`fleet preflight --check` for Azure (issue 24): each call goes through the ARMPipelineClient the
CLI builds (azure-mgmt-core, its policies included), whose pipeline ends in azure-core's own
RequestsTransport given through ``transport=``; the requests session under it has a transport
adapter that answers from a small subscription world each test sets up. The adapter knows the
four ARM operations the check may call, each as its REST spec in Azure/azure-rest-api-specs
defines it (path, api-version, query parameters), and refuses any other request: a call the code
makes that the spec would not accept fails the tests instead of being answered."""

from __future__ import annotations

import io
import json
import re
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

import pytest
import requests
import urllib3
from azure.core.pipeline.transport import RequestsTransport
from azure.core.rest import HttpRequest
from requests.adapters import HTTPAdapter

from fleet.preflight import azure
from fleet.preflight.checklist import AZURE_PROVIDERS
from tests.conftest import fleet_of, raw_spec

PROD = fleet_of("prod")
GWC, NOE = "7a3e1c90-5b2d-4e8f-a6c1-0d9b4f2e7a31", "7a3e1c90-5b2d-4e8f-a6c1-0d9b4f2e7a32"
RUNNERS = "6f1d2c3b-8e4a-4f7b-9c05-1a2b3c4d5e6f"
ARM = "https://management.azure.com"
SUBSCRIPTION = r"/subscriptions/(?P<subscription>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
# The operations the check may call: (path, api-version, the optional query parameters the spec
# defines). Azure/azure-rest-api-specs, specification/...:
ROUTES = {
    # resources/resource-manager/Microsoft.Resources/stable/2024-11-01/resources.json
    "Providers_Get": (SUBSCRIPTION + r"/providers/(?P<namespace>[A-Za-z.]+)", "2024-11-01", {"$expand"}),
    # compute/resource-manager/Microsoft.Compute/Skus/stable/2021-07-01/skus.json
    "ResourceSkus_List": (
        SUBSCRIPTION + r"/providers/Microsoft\.Compute/skus",
        "2021-07-01",
        {"$filter", "includeExtendedLocations"},
    ),
    # compute/resource-manager/Microsoft.Compute/ComputeRP/stable/2024-11-01/ComputeRP.json
    "Usage_List": (
        SUBSCRIPTION + r"/providers/Microsoft\.Compute/locations/(?P<location>[-\w._]+)/usages",
        "2024-11-01",
        set(),
    ),
    # network/resource-manager/Microsoft.Network/stable/2024-05-01/virtualNetwork.json
    "VirtualNetworks_Get": (
        SUBSCRIPTION
        + r"/resourceGroups/(?P<group>[-\w._()]+)/providers/Microsoft\.Network/virtualNetworks/(?P<name>[^/]+)",
        "2024-05-01",
        {"$expand"},
    ),
}
VM_SIZES = {  # name: (family, vCPUs)
    "Standard_D2s_v5": ("standardDSv5Family", 2),
    "Standard_D4s_v5": ("standardDSv5Family", 4),
    "Standard_D8s_v5": ("standardDSv5Family", 8),
    "Standard_E4s_v5": ("standardESv5Family", 4),
}


class Unexpected(AssertionError):
    """A request no ARM operation of the spec would take as sent: not answered."""


@dataclass
class World:
    """What the subscriptions hold: providers registered, quotas, VM sizes, the runners' VNet."""

    registered: dict[str, set[str]] = field(default_factory=dict)
    limits: dict[str, float] = field(default_factory=dict)  # usage name -> limit, in every region
    in_use: float = 0
    restrictions: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # VM size -> restrictions
    vnets: set[str] = field(default_factory=set)
    denied: set[str] = field(default_factory=set)  # operations answered 403 AuthorizationFailed
    unregistered_answer: bool = False  # Usage_List answers 409 MissingSubscriptionRegistration
    calls: list[tuple[str, str, str]] = field(default_factory=list)  # (method, operation, url)
    next_links: set[str] = field(default_factory=set)

    def route(self, method: str, url: str) -> tuple[str, dict[str, str], dict[str, list[str]]]:
        parts = urllib.parse.urlsplit(url)
        query = urllib.parse.parse_qs(parts.query, keep_blank_values=True)
        if url in self.next_links:
            return "ResourceSkus_List", {"subscription": parts.path.split("/")[2]}, query
        for operation, (path, version, optional) in ROUTES.items():
            found = re.fullmatch(path, parts.path)
            if method == "GET" and parts.netloc == "management.azure.com" and found:
                if query.get("api-version") != [version] or not set(query) - {"api-version"} <= optional:
                    raise Unexpected(f"{operation} does not take {parts.query}")
                return operation, found.groupdict(), query
        raise Unexpected(f"no ARM operation of the check is {method} {url}")

    def answer(self, operation: str, at: dict[str, str], query: dict[str, list[str]], url: str) -> tuple[int, Any]:
        subscription = at["subscription"]
        if operation in self.denied:
            return 403, {"error": {"code": "AuthorizationFailed", "message": f"no read access ({operation})"}}
        if operation == "Providers_Get":
            namespace = at["namespace"]
            state = "Registered" if namespace in self.registered.get(subscription, set()) else "NotRegistered"
            return 200, {
                "id": f"/subscriptions/{subscription}/providers/{namespace}",
                "namespace": namespace,
                "registrationState": state,
                "registrationPolicy": "RegistrationRequired",
            }
        if operation == "ResourceSkus_List":
            if url in self.next_links:  # the second page
                return 200, {"value": self.skus(url.split("location+eq+%27")[1].split("%27")[0], list(VM_SIZES)[2:])}
            location = re.fullmatch(r"location eq '([a-z0-9]+)'", query["$filter"][0])
            assert location is not None
            link = (
                f"{ARM}/subscriptions/{subscription}/providers/Microsoft.Compute/skus?api-version=2021-07-01&"
                f"$filter=location+eq+%27{location[1]}%27&$skiptoken=page2"
            )
            self.next_links.add(link)
            return 200, {"value": self.skus(location[1], list(VM_SIZES)[:2]), "nextLink": link}
        if operation == "Usage_List":
            if self.unregistered_answer:
                return 409, {
                    "error": {
                        "code": "MissingSubscriptionRegistration",
                        "message": "The subscription is not registered to use namespace 'Microsoft.Compute'.",
                    }
                }
            names = {
                "cores": "Total Regional vCPUs",
                "virtualMachines": "Virtual Machines",
                "standardDSv5Family": "Standard DSv5 Family vCPUs",
                "standardESv5Family": "Standard ESv5 Family vCPUs",
            }
            return 200, {
                "value": [
                    {
                        "unit": "Count",
                        "currentValue": self.in_use,
                        "limit": self.limits.get(name, 1000),
                        "name": {"value": name, "localizedValue": label},
                    }
                    for name, label in names.items()
                ]
            }
        if operation == "VirtualNetworks_Get":
            vnet = urllib.parse.urlsplit(url).path
            if vnet not in self.vnets:
                return 404, {"error": {"code": "ResourceNotFound", "message": f"{vnet} was not found."}}
            return 200, {
                "id": vnet,
                "name": at["name"],
                "type": "Microsoft.Network/virtualNetworks",
                "properties": {"provisioningState": "Succeeded"},
            }
        raise Unexpected(operation)

    def skus(self, location: str, names: list[str]) -> list[dict[str, Any]]:
        return [
            {
                "resourceType": "virtualMachines",
                "name": name,
                "tier": "Standard",
                "size": name.removeprefix("Standard_"),
                "family": VM_SIZES[name][0],
                "locations": [location],
                "locationInfo": [{"location": location, "zones": ["3", "1", "2"]}],
                "capabilities": [
                    {"name": "vCPUs", "value": str(VM_SIZES[name][1])},
                    {"name": "MemoryGB", "value": "16"},
                ],
                "restrictions": self.restrictions.get(name, []),
            }
            for name in names
        ]


class WorldAdapter(HTTPAdapter):
    """A requests transport adapter (requests' own extension point) answering from the world."""

    def __init__(self, world: World) -> None:
        super().__init__()
        self.world = world

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> requests.Response:
        assert request.url is not None and request.method is not None
        operation, at, query = self.world.route(request.method, request.url)
        self.world.calls.append((request.method, operation, request.url))
        status, body = self.world.answer(operation, at, query, request.url)
        raw = urllib3.HTTPResponse(
            body=io.BytesIO(json.dumps(body).encode()),
            status=status,
            headers={"Content-Type": "application/json; charset=utf-8"},
            preload_content=False,
        )
        return self.build_response(request, raw)


def clients(world: World) -> azure.Clients:
    session = requests.Session()
    session.mount("https://", WorldAdapter(world))
    session.mount("http://", WorldAdapter(world))
    client = azure.arm_client(None, transport=RequestsTransport(session=session, session_owner=False))
    return lambda subscription: client


def everything_there() -> World:
    vnet = PROD.spec.deployer.azure.runner_virtual_network_id  # type: ignore[union-attr]
    return World(registered={s: set(AZURE_PROVIDERS) for s in (GWC, NOE)}, vnets={vnet})


def problems(world: World, fleet: Any = PROD, default_subscription: str | None = None) -> list[str]:
    return [f"{f.account}: {f.what}" for f in azure.check(fleet, clients(world), default_subscription) if not f.ok]


def test_ready_subscriptions_have_no_problem_and_every_call_is_a_documented_read() -> None:
    world = everything_there()
    findings = azure.check(PROD, clients(world))
    assert [f.what for f in findings if not f.ok] == []
    assert {f.account for f in findings} == {GWC, NOE, RUNNERS}
    assert {(m, op) for m, op, _ in world.calls} == {("GET", op) for op in ROUTES}
    urls = [u for *_, u in world.calls]
    assert f"{ARM}/subscriptions/{GWC}/providers/Microsoft.ContainerService?api-version=2024-11-01" in urls
    assert (
        f"{ARM}/subscriptions/{GWC}/providers/Microsoft.Compute/locations/germanywestcentral/usages"
        "?api-version=2024-11-01" in urls
    )
    assert (
        f"{ARM}/subscriptions/{NOE}/providers/Microsoft.Compute/skus?api-version=2021-07-01"
        "&$filter=location%20eq%20'norwayeast'" in urls
    )
    # The SKU list is followed to its second page, where Standard_D8s_v5 is.
    assert sum("skiptoken=page2" in u for u in urls) == 2
    whats = [f.what for f in findings]
    # prod-azure-gwc at maxSize: 6 Standard_D4s_v5 (4 vCPUs) and 30 Standard_D8s_v5 (8): 264 vCPUs.
    assert (
        "germanywestcentral: 264 vCPUs with every pool at maxSize, 0 in use, quota 1000 (Total Regional vCPUs)" in whats
    )
    assert (
        "germanywestcentral: 264 vCPUs of standardDSv5Family with every pool at maxSize, 0 in use, quota 1000 "
        "(standardDSv5Family)" in whats
    )
    assert "norwayeast: VM size Standard_D8s_v5 is available in zones 1, 2, 3" in whats
    assert "the runners' virtual network runners-prod exists (private clusters are peered with it)" in whats


def test_a_resource_provider_not_registered() -> None:
    world = everything_there()
    world.registered[GWC].discard("Microsoft.KeyVault")
    assert problems(world) == [
        f"{GWC}: resource provider Microsoft.KeyVault is NotRegistered: "
        f"`az provider register --namespace Microsoft.KeyVault --subscription {GWC}`"
    ]
    world.registered[NOE].discard("Microsoft.Compute")
    world.calls = []
    found = problems(world)
    assert f"{NOE}: VM sizes and quotas not checked: Microsoft.Compute is not registered" in found
    assert not any(NOE in u and "Microsoft.Compute/" in u for *_, u in world.calls)


def test_quotas_below_what_the_stack_needs() -> None:
    world = everything_there()
    world.limits = {"cores": 200, "standardDSv5Family": 180}
    world.in_use = 10
    found = problems(world)
    assert found == [
        f"{GWC}: germanywestcentral: 264 vCPUs with every pool at maxSize, 10 in use, quota 200 (Total Regional "
        "vCPUs): request more",
        f"{GWC}: germanywestcentral: 264 vCPUs of standardDSv5Family with every pool at maxSize, 10 in use, quota 180 "
        "(standardDSv5Family): request more",
        # prod-azure-noe: 6 x 4 + 20 x 8 = 184 vCPUs: within the regional quota, not the family's.
        f"{NOE}: norwayeast: 184 vCPUs of standardDSv5Family with every pool at maxSize, 10 in use, quota 180 "
        "(standardDSv5Family): request more",
    ]


def test_a_vm_size_not_available_to_the_subscription_in_the_region_or_a_zone() -> None:
    world = everything_there()
    world.restrictions = {
        "Standard_D8s_v5": [
            {
                "type": "Location",
                "values": ["germanywestcentral"],
                "reasonCode": "NotAvailableForSubscription",
                "restrictionInfo": {"locations": ["germanywestcentral"]},
            }
        ],
        "Standard_D4s_v5": [
            {
                "type": "Zone",
                "values": ["germanywestcentral"],
                "reasonCode": "NotAvailableForSubscription",
                "restrictionInfo": {"locations": ["germanywestcentral"], "zones": ["3"]},
            }
        ],
    }
    found = problems(world)
    assert (
        f"{GWC}: germanywestcentral: VM size Standard_D8s_v5 is not available to the subscription in the region "
        "(NotAvailableForSubscription): request access to it" in found
    )
    assert (
        f"{GWC}: germanywestcentral: VM size Standard_D4s_v5 is not available to the subscription in zone(s) 3: "
        "request access, or choose another size" in found
    )


def test_a_denied_call_or_a_missing_network_is_a_finding_not_a_traceback() -> None:
    world = everything_there()
    world.denied = {"Usage_List"}
    found = problems(world)
    assert found == [
        f"{s}: {r}: could not read the vCPU quotas (AuthorizationFailed: no read access (Usage_List))"
        for s, r in ((GWC, "germanywestcentral"), (NOE, "norwayeast"))
    ]
    world = everything_there()
    world.denied = {"Providers_Get"}
    found = problems(world)
    assert len(found) == 2 * len(AZURE_PROVIDERS) and all("could not read resource provider" in p for p in found)
    world = everything_there()
    world.vnets = set()
    vnet = PROD.spec.deployer.azure.runner_virtual_network_id  # type: ignore[union-attr]
    assert problems(world) == [
        f"{RUNNERS}: the runners' virtual network {vnet} does not exist (private clusters are peered with it)"
    ]


def test_nothing_registers_a_provider_for_the_check() -> None:
    # ARMPipelineClient's default policies answer MissingSubscriptionRegistration by registering the
    # provider (a POST); the check's client has no such policy, so the answer is a finding.
    world = everything_there()
    world.unregistered_answer = True
    found = problems(world)
    assert (
        found[0] == f"{GWC}: germanywestcentral: could not read the vCPU quotas (MissingSubscriptionRegistration: "
        "The subscription is not registered to use namespace 'Microsoft.Compute'.)"
    )
    assert {m for m, *_ in world.calls} == {"GET"}


def test_a_cluster_naming_no_subscription_is_checked_where_the_deployer_deploys() -> None:
    raw = raw_spec("dev")
    cluster = next(c for c in raw["clusters"] if c["name"] == "dev-azure-weu")
    del cluster["subscription"]
    fleet = fleet_of("dev", raw)
    world = World(registered={GWC: set(AZURE_PROVIDERS)})
    assert problems(world, fleet) == [
        "(the deployer's subscription): not checked: dev-azure-weu name no subscription and ARM_SUBSCRIPTION_ID is "
        "not set"
    ]
    assert problems(world, fleet, default_subscription=GWC) == []
    assert {u.split("/")[4] for *_, u in world.calls} == {GWC}


def test_the_stub_refuses_a_request_the_spec_would_not_take() -> None:
    world = everything_there()
    client = clients(world)(GWC)
    # Another api-version than the operation's, a query parameter the operation does not define, a
    # path no operation has, a write: none is answered.
    for method, url in (
        ("GET", f"/subscriptions/{GWC}/providers/Microsoft.Compute?api-version=2016-02-01"),
        (
            "GET",
            f"/subscriptions/{GWC}/providers/Microsoft.Compute/locations/norwayeast/usages"
            "?api-version=2024-11-01&$top=5",
        ),
        ("GET", f"/subscriptions/{GWC}/resourceGroups?api-version=2024-11-01"),
        ("POST", f"/subscriptions/{GWC}/providers/Microsoft.Compute/register?api-version=2024-11-01"),
    ):
        with pytest.raises(Unexpected):
            client.send_request(HttpRequest(method, client.format_url(url)))
    assert world.calls == []


def test_without_credentials_the_check_says_so_once_and_exits_2(monkeypatch, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from fleet.cli import main

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "x")  # AWS has credentials (nothing is called before all are found)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "x")
    for name in (
        "AZURE_CLIENT_ID",
        "AZURE_TENANT_ID",
        "AZURE_CLIENT_SECRET",
        "AZURE_FEDERATED_TOKEN_FILE",
        "AZURE_USERNAME",
        "IDENTITY_ENDPOINT",
        "MSI_ENDPOINT",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AZURE_TOKEN_CREDENTIALS", "dev")  # developer tools only: no managed identity probe
    monkeypatch.setenv("AZURE_CONFIG_DIR", str(tmp_path / "azure"))  # `az` (if installed) signed in nowhere
    monkeypatch.setenv("HOME", str(tmp_path))
    assert main(["preflight", "--stack", "prod", "--check"]) == 2
    captured = capsys.readouterr()
    assert captured.err.count("--check needs Azure credentials: DefaultAzureCredential's") == 1
    assert f"subscription(s) {GWC}, {NOE}" in captured.err
    assert "Traceback" not in captured.err and "EnvironmentCredential" not in captured.err
    assert "checked with the deployer's credentials" not in captured.out
