"""`fleet preflight --check`, Azure: read-only Azure Resource Manager calls, with the deployer's
DefaultAzureCredential, for what a stack's first `pulumi up` would trip on in each subscription it
deploys to.

- Resource providers: each one the checklist names (``checklist.AZURE_PROVIDERS``) registered in the
  subscription (Providers_Get: ``registrationState`` "Registered").
- VM sizes, per subscription and region: each node pool's size offered to the subscription there,
  in every zone the pools spread over where the region has zones (ResourceSkus_List: restrictions
  "NotAvailableForSubscription" by location or zone; fleet/clusters/aks.py spreads every pool over
  zones 1, 2 and 3).
- Quotas, per subscription and region, against every pool at maxSize (Usage_List): Total Regional
  vCPUs (``cores``) and the vCPUs of each size's family (``standardDSv5Family``, ...; the size's
  family and vCPUs come from the same SKU list). Usage already in the region is counted too.
- The runners' virtual network, when private clusters are peered with it
  (``deployer.azure.runnerVirtualNetworkId``; VirtualNetworks_Get): it must exist, and the
  deployer must be able to read it.

Left to the printed checklist: the Entra ID groups Azure RBAC names, and the Fleet Manager of the
upgrade waves. Reading a group is a Microsoft Graph call that needs a directory permission
(GroupMember.Read.All) the deployer does not otherwise hold; ARM cannot answer it.

Every call goes through azure-mgmt-core's ARMPipelineClient, built with explicit policies: the
default ones include ARMAutoResourceProviderRegistrationPolicy, which answers a
MissingSubscriptionRegistration by registering the provider, a write. The client factory takes a
subscription; the tests give the pipeline a transport of their own (azure-core's ``transport=``).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from azure.core.exceptions import AzureError
from azure.core.rest import HttpRequest

from fleet.clusters.network import AZURE_ZONES
from fleet.preflight.checklist import AZURE_PROVIDERS
from fleet.preflight.finding import Finding, fits
from fleet.spec import Fleet
from fleet.spec.model import VIRTUAL_NETWORK_ID, AzureCluster

# Any client factory: subscription -> an azure.core PipelineClient whose base URL is ARM's.
Clients = Callable[[str], Any]
ARM = "https://management.azure.com"
# api-versions, each a stable version of the operation's REST spec (Azure/azure-rest-api-specs):
# specification/resources/resource-manager/Microsoft.Resources/stable/2024-11-01/resources.json
RESOURCES_API = "2024-11-01"
# specification/compute/resource-manager/Microsoft.Compute/ComputeRP/stable/2024-11-01/ComputeRP.json
COMPUTE_API = "2024-11-01"
# specification/compute/resource-manager/Microsoft.Compute/Skus/stable/2021-07-01/skus.json
SKUS_API = "2021-07-01"
# specification/network/resource-manager/Microsoft.Network/stable/2024-05-01/virtualNetwork.json
NETWORK_API = "2024-05-01"
NO_SUBSCRIPTION = "(the deployer's subscription)"


def _get(client: Any, url: str, params: dict[str, str] | None = None) -> tuple[int, dict[str, Any]]:
    # A path is joined to ARM's address; a nextLink is absolute already.
    response = client.send_request(HttpRequest("GET", client.format_url(url), params=params))
    try:
        body = response.json() if response.content else {}
    except ValueError:
        body = {}
    return response.status_code, body if isinstance(body, dict) else {}


def _problem(status: int, body: dict[str, Any]) -> str:
    error = body.get("error") or {}
    code, message = error.get("code", ""), error.get("message", "")
    return f"{code}: {message}".strip(": ") or f"HTTP {status}"


class _Failed(Exception):
    """A call ARM answered with an error: said as a finding."""


def _list(client: Any, url: str, params: dict[str, str]) -> list[dict[str, Any]]:
    """Every item of a pageable ARM list (``value``, then ``nextLink`` until there is none)."""
    items: list[dict[str, Any]] = []
    next_url: str | None = url
    query: dict[str, str] | None = params
    while next_url:
        status, body = _get(client, next_url, query)
        if status != 200:
            raise _Failed(_problem(status, body))
        items += body.get("value") or []
        next_url, query = body.get("nextLink"), None  # the link carries its query
    return items


def _providers(client: Any, subscription: str) -> tuple[list[Finding], bool | None]:
    """Each provider registered or not; and whether Microsoft.Compute is (None: unknown)."""
    out, compute = [], None
    for namespace in AZURE_PROVIDERS:
        try:
            # Providers_Get: GET /subscriptions/{subscriptionId}/providers/{resourceProviderNamespace}
            # ?api-version=2024-11-01
            status, body = _get(
                client, f"/subscriptions/{subscription}/providers/{namespace}", {"api-version": RESOURCES_API}
            )
        except AzureError as err:
            status, body = 0, {"error": {"message": str(err)}}
        if status != 200:
            out.append(
                Finding(subscription, False, f"could not read resource provider {namespace} ({_problem(status, body)})")
            )
            continue
        state = body.get("registrationState", "")
        if namespace == "Microsoft.Compute":
            compute = state == "Registered"
        if state == "Registered":
            out.append(Finding(subscription, True, f"resource provider {namespace} is registered"))
        else:
            out.append(
                Finding(
                    subscription,
                    False,
                    f"resource provider {namespace} is {state or 'not registered'}: "
                    f"`az provider register --namespace {namespace} "
                    f"--subscription {subscription}`",
                )
            )
    return out, compute


def _vcpus(sku: dict[str, Any]) -> int | None:
    for capability in sku.get("capabilities") or []:
        if capability.get("name") == "vCPUs":
            return int(capability["value"])
    return None


def _size(subscription: str, region: str, size: str, sku: dict[str, Any] | None, zones: tuple[str, ...]) -> Finding:
    """Whether the subscription may run ``size`` in the region, in every zone it needs."""
    if sku is None:
        return Finding(subscription, False, f"{region}: VM size {size} is not offered in the region")
    restricted: set[str] = set()
    for restriction in sku.get("restrictions") or []:
        reason = restriction.get("reasonCode", "")
        if restriction.get("type") == "Location":
            return Finding(
                subscription,
                False,
                f"{region}: VM size {size} is not available to the subscription in "
                f"the region ({reason}): request access to it",
            )
        if restriction.get("type") == "Zone":
            restricted |= set((restriction.get("restrictionInfo") or {}).get("zones") or [])
    info: dict[str, Any] = next(
        (i for i in sku.get("locationInfo") or [] if i.get("location", "").lower() == region), {}
    )
    offered = set(info.get("zones") or []) - restricted
    missing = [z for z in zones if z not in offered]
    if missing:
        return Finding(
            subscription,
            False,
            f"{region}: VM size {size} is not available to the subscription in "
            f"zone(s) {', '.join(missing)}: request access, or choose another size",
        )
    where = f" in zones {', '.join(zones)}" if zones else ""
    return Finding(subscription, True, f"{region}: VM size {size} is available{where}")


def _region(client: Any, subscription: str, region: str, clusters: list[AzureCluster]) -> list[Finding]:
    pools = [p for c in clusters for p in c.node_pools]
    zones = AZURE_ZONES if any(c.region_info.zones for c in clusters) else ()
    try:
        # ResourceSkus_List: GET /subscriptions/{subscriptionId}/providers/Microsoft.Compute/skus
        # ?api-version=2021-07-01&$filter=location eq '{location}' (only a location filter is supported)
        skus = _list(
            client,
            f"/subscriptions/{subscription}/providers/Microsoft.Compute/skus",
            {"api-version": SKUS_API, "$filter": f"location eq '{region}'"},
        )
    except (_Failed, AzureError) as err:
        return [Finding(subscription, False, f"{region}: could not read the VM sizes offered ({err})")]
    by_name = {s["name"].lower(): s for s in skus if s.get("resourceType") == "virtualMachines" and "name" in s}
    out: list[Finding] = []
    family: dict[str, str] = {}
    vcpus: dict[str, int] = {}
    for size in sorted({p.machine_type for p in pools}):
        sku = by_name.get(size.lower())
        out.append(_size(subscription, region, size, sku, zones))
        found = _vcpus(sku) if sku else None
        if sku and found is not None and sku.get("family"):
            family[size], vcpus[size] = sku["family"], found
    try:
        # Usage_List: GET /subscriptions/{subscriptionId}/providers/Microsoft.Compute/locations/{location}/usages
        # ?api-version=2024-11-01
        usages = _list(
            client,
            f"/subscriptions/{subscription}/providers/Microsoft.Compute/locations/{region}/usages",
            {"api-version": COMPUTE_API},
        )
    except (_Failed, AzureError) as err:
        return [*out, Finding(subscription, False, f"{region}: could not read the vCPU quotas ({err})")]
    usage = {
        (u.get("name") or {}).get("value", ""): (float(u.get("limit", 0)), float(u.get("currentValue", 0)))
        for u in usages
    }
    counted = [p for p in pools if p.machine_type in vcpus]
    if not counted:
        return out
    total = sum(p.max_size * vcpus[p.machine_type] for p in counted)
    out.append(fits(subscription, region, "vCPUs", total, usage, "cores", "Total Regional vCPUs"))
    by_family: dict[str, int] = defaultdict(int)
    for pool in counted:
        by_family[family[pool.machine_type]] += pool.max_size * vcpus[pool.machine_type]
    for name, need in sorted(by_family.items()):
        out.append(fits(subscription, region, f"vCPUs of {name}", need, usage, name, name))
    return out


def _subscription(client: Any, subscription: str, clusters: list[AzureCluster]) -> list[Finding]:
    findings, compute = _providers(client, subscription)
    if compute is False:
        findings.append(
            Finding(subscription, False, "VM sizes and quotas not checked: Microsoft.Compute is not registered")
        )
        return findings
    for region in sorted({c.region for c in clusters}):
        findings += _region(client, subscription, region, [c for c in clusters if c.region == region])
    return findings


def _runner_network(clients: Clients, vnet_id: str) -> Finding:
    match = VIRTUAL_NETWORK_ID.match(vnet_id)
    assert match is not None  # validated by the spec
    subscription, why = match["subscription"], "private clusters are peered with it"
    try:
        # VirtualNetworks_Get: GET /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers
        # /Microsoft.Network/virtualNetworks/{virtualNetworkName}?api-version=2024-05-01
        status, body = _get(clients(subscription), vnet_id, {"api-version": NETWORK_API})
    except AzureError as err:
        status, body = 0, {"error": {"message": str(err)}}
    if status == 200:
        return Finding(subscription, True, f"the runners' virtual network {match['name']} exists ({why})")
    if status == 404:
        return Finding(subscription, False, f"the runners' virtual network {vnet_id} does not exist ({why})")
    return Finding(
        subscription, False, f"could not read the runners' virtual network {vnet_id} ({_problem(status, body)}; {why})"
    )


def check(fleet: Fleet, clients: Clients, default_subscription: str | None = None) -> list[Finding]:
    """Every check for the stack's Azure subscriptions, in subscription order; a failed call is a
    finding too. ``default_subscription``: where a cluster that names none is deployed (what the
    deployer's azure-native provider selects, ARM_SUBSCRIPTION_ID)."""
    by_subscription: dict[str, list[AzureCluster]] = defaultdict(list)
    unplaced: list[str] = []
    for cluster in fleet.deployed_clusters:
        if isinstance(cluster, AzureCluster):
            subscription = cluster.subscription or default_subscription
            if subscription:
                by_subscription[subscription].append(cluster)
            else:
                unplaced.append(cluster.name)
    findings: list[Finding] = []
    if unplaced:
        findings.append(
            Finding(
                NO_SUBSCRIPTION,
                False,
                f"not checked: {', '.join(unplaced)} name no subscription and ARM_SUBSCRIPTION_ID is not set",
            )
        )
    for subscription in sorted(by_subscription):
        findings += _subscription(clients(subscription), subscription, by_subscription[subscription])
    deployer = fleet.spec.deployer
    peered = [
        c
        for cs in by_subscription.values()
        for c in cs
        if fleet.spec.api_endpoint(c).access == "private" and deployer.private_network
    ]
    if peered and deployer.azure is not None and deployer.azure.runner_virtual_network_id:
        findings.append(_runner_network(clients, deployer.azure.runner_virtual_network_id))
    return findings


def arm_client(credential: Any, transport: Any = None) -> Any:
    """An ARMPipelineClient with the usual policies but the provider auto-registration (a write).
    ``credential`` None sends no Authorization header; ``transport`` None sends with requests."""
    from azure.core.pipeline.policies import (
        ContentDecodePolicy,
        HeadersPolicy,
        ProxyPolicy,
        RedirectPolicy,
        RequestIdPolicy,
        RetryPolicy,
        UserAgentPolicy,
    )
    from azure.core.pipeline.transport import RequestsTransport
    from azure.mgmt.core import ARMPipelineClient
    from azure.mgmt.core.policies import ARMChallengeAuthenticationPolicy, ARMHttpLoggingPolicy

    policies: list[Any] = [
        RequestIdPolicy(),
        HeadersPolicy(),
        UserAgentPolicy(sdk_moniker="fleet-preflight"),
        ProxyPolicy(),
        ContentDecodePolicy(),
        RedirectPolicy(),
        RetryPolicy(retry_total=3),
        *([ARMChallengeAuthenticationPolicy(credential, f"{ARM}/.default")] if credential is not None else []),
        ARMHttpLoggingPolicy(),
    ]
    return ARMPipelineClient(base_url=ARM, policies=policies, transport=transport or RequestsTransport())


def session_clients() -> Clients:
    """One ARM client with DefaultAzureCredential (a CI job's federated AZURE_CLIENT_ID and
    AZURE_TENANT_ID, ``az login`` on a laptop). A token is asked for once, here: raises
    azure.core.exceptions.ClientAuthenticationError, before any call, when there is none."""
    from azure.identity import DefaultAzureCredential

    credential = DefaultAzureCredential()
    chain = logging.getLogger("azure.identity")
    level = chain.level
    chain.setLevel(logging.CRITICAL)  # each credential of the chain would say why it had none
    try:
        credential.get_token(f"{ARM}/.default")
    finally:
        chain.setLevel(level)
    client = arm_client(credential)
    return lambda subscription: client
