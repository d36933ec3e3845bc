"""Realistic outputs for resources and invokes when the program runs without a cloud.

The values look like what each cloud returns (ARNs, self links, FQDNs), so kubeconfigs,
endpoints and inventories rendered offline read like the real thing. Nothing here is random:
the same program renders the same outputs, which is what makes offline diffs possible.
"""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from typing import Any

import pulumi

from fleet.core.kinds import aws, azure, gcp
from fleet.review import facts

ACCOUNT = "123456789012"
SUBSCRIPTION = "00000000-0000-4000-8000-000000000001"
TENANT = "00000000-0000-4000-8000-000000000002"
FAKE_CA = base64.b64encode(b"-----BEGIN CERTIFICATE-----\nMOCK\n-----END CERTIFICATE-----\n").decode()

EKS, GKE, AKS = (k.KIND.cluster_type for k in (aws, gcp, azure))


def _digest(*parts: str, length: int = 12) -> str:
    return hashlib.sha256("/".join(parts).encode()).hexdigest()[:length]


def project_number(project: str) -> str:
    """A GCP project number (twelve digits, never starting with 0) that stays the same per project."""
    return str(100000000000 + int(_digest(project), 16) % 900000000000)


class FleetMocks(pulumi.runtime.Mocks):
    """Mocks that answer like AWS, GCP and Azure would."""

    def __init__(self) -> None:
        self.provider_inputs: dict[str, dict[str, Any]] = {}

    def _provider_region(self, provider_ref: str | None) -> str:
        urn = (provider_ref or "").split("::")
        inputs = self.provider_inputs.get("::".join(urn[:-1]), {}) if len(urn) > 1 else {}
        return str(inputs.get("region") or inputs.get("location") or "us-east-1")

    def _provider_input(self, provider_ref: str | None, key: str) -> Any:
        urn = (provider_ref or "").split("::")
        return self.provider_inputs.get("::".join(urn[:-1]), {}).get(key) if len(urn) > 1 else None

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict[str, Any]]:
        typ, name, inputs = args.typ, args.name, dict(args.inputs)
        if typ.startswith("pulumi:providers:"):
            return f"{name}-{_digest(typ, name, length=8)}", inputs
        state = dict(inputs)
        region = str(inputs.get("region") or inputs.get("location") or self._provider_region(args.provider))
        resource_id = f"{name}-{_digest(typ, name, length=8)}"
        package = typ.split(":", 1)[0]
        if package == "aws":
            service = typ.split(":")[1].split("/")[0]
            state.setdefault("arn", f"arn:aws:{service}:{region}:{ACCOUNT}:{name}")
        if typ == EKS:
            host = _digest(name, length=32).upper()
            state.update(
                endpoint=f"https://{host}.gr7.{region}.eks.amazonaws.com",
                certificateAuthority={"data": FAKE_CA},
                identities=[{"oidcs": [{"issuer": f"https://oidc.eks.{region}.amazonaws.com/id/{host}"}]}],
                # The security group EKS creates for the cluster.
                vpcConfig={
                    **(inputs.get("vpcConfig") or {}),
                    "clusterSecurityGroupId": f"sg-{_digest(name, length=17)}",
                },
            )
        elif typ in ("aws:amp/workspace:Workspace", "aws:amp/scraper:Scraper"):
            # Amazon Managed Service for Prometheus is "aps" in ARNs, whatever the SDK module's name.
            kind, prefix = ("workspace", "ws") if typ.endswith("Workspace") else ("scraper", "s")
            resource_id = (
                f"{prefix}-{_digest(name, length=8)}-{_digest(typ, name, length=4)}-{_digest(name, length=12)}"
            )
            state["arn"] = f"arn:aws:aps:{region}:{ACCOUNT}:{kind}/{resource_id}"
        elif typ == "aws:kms/key:Key":
            state["keyId"] = _digest(name, length=32)
        elif typ == "aws:ec2/launchTemplate:LaunchTemplate":
            resource_id = f"lt-{_digest(name, length=17)}"
            state["latestVersion"] = 1
        elif typ == "aws:ec2transitgateway/vpcAttachment:VpcAttachment":
            # The attachment's own ID (not the gateway's), and the VPC's account; the two default
            # route table flags read true for a gateway shared from another account.
            resource_id = f"tgw-attach-{_digest(name, length=17)}"
            state.update(
                vpcOwnerId=ACCOUNT,
                transitGatewayDefaultRouteTableAssociation=True,
                transitGatewayDefaultRouteTablePropagation=True,
            )
        elif typ == GKE:
            address = f"172.16.{int(_digest(name, length=2), 16)}.2"
            state.update(endpoint=address, masterAuth={"clusterCaCertificate": FAKE_CA})
            project = inputs.get("project") or self._provider_input(args.provider, "project") or "mock"
            # What GKE reports after create: the exact version it runs, the private endpoint's
            # address, and the DNS-based endpoint's name.
            if inputs.get("minMasterVersion"):
                state["masterVersion"] = f"{inputs['minMasterVersion']}.4-gke.1200000"
            if isinstance(inputs.get("privateClusterConfig"), dict):
                state["privateClusterConfig"] = {**inputs["privateClusterConfig"], "privateEndpoint": address}
            endpoints = inputs.get("controlPlaneEndpointsConfig")
            if isinstance(endpoints, dict) and isinstance(endpoints.get("dnsEndpointConfig"), dict):
                dns = f"gke-{_digest(name, length=32)}-{project_number(str(project))}.{region}.gke.goog"
                state["controlPlaneEndpointsConfig"] = {
                    **endpoints,
                    "dnsEndpointConfig": {**endpoints["dnsEndpointConfig"], "endpoint": dns},
                }
            resource_id = f"projects/{project}/locations/{region}/clusters/{inputs.get('name', name)}"
        elif typ == "gcp:serviceaccount/account:Account":
            state["email"] = f"{inputs['accountId']}@{inputs.get('project', 'mock-project')}.iam.gserviceaccount.com"
        elif typ == "gcp:projects/serviceIdentity:ServiceIdentity":
            state["email"] = "service-123456789012@container-engine-robot.iam.gserviceaccount.com"
        elif typ == "kubernetes:helm.sh/v3:Release":
            state["status"] = {
                "name": inputs.get("name", name),
                "namespace": inputs.get("namespace", "default"),
                "status": "deployed",
                "version": inputs.get("version", ""),
            }
        elif typ == "kubernetes:core/v1:Secret" and args.resource_id:
            # A read of the kubeconfig a vcluster exports.
            namespace = str(args.resource_id).split("/")[0]
            config = json.dumps({"apiVersion": "v1", "kind": "Config", "clusters": [{"name": namespace}]})
            state["data"] = {"config": base64.b64encode(config.encode()).decode()}
            resource_id = str(args.resource_id)
        elif package == "azure-native":
            subscription = str(self._provider_input(args.provider, "subscriptionId") or SUBSCRIPTION)
            resource_id, state = self._azure(typ, name, inputs, state, subscription)
        if typ == "azure-native:network:VirtualNetworkPeering":
            resource_id = self._peering(args.provider, inputs, state)
        state.setdefault("name", inputs.get("name", name))
        state.setdefault("id", resource_id)
        _refreshed(typ, state)
        return resource_id, state

    def _peering(self, provider: str | None, inputs: dict[str, Any], state: dict[str, Any]) -> str:
        """A peering as ARM returns it once both sides exist: its ID under its VNet, in the
        subscription of its provider (the runners' side has its own), connected and in sync."""
        subscription = self._provider_input(provider, "subscriptionId") or SUBSCRIPTION
        state.update(peeringState="Connected", peeringSyncLevel="FullyInSync", provisioningState="Succeeded")
        return (
            f"/subscriptions/{subscription}/resourceGroups/{inputs.get('resourceGroupName')}/providers/"
            f"Microsoft.Network/virtualNetworks/{inputs.get('virtualNetworkName')}/virtualNetworkPeerings/"
            f"{inputs.get('virtualNetworkPeeringName')}"
        )

    def _azure(
        self, typ: str, name: str, inputs: dict[str, Any], state: dict[str, Any], subscription: str
    ) -> tuple[str, dict[str, Any]]:
        # azure-native names a resource by a per-type input ("resourceGroupName", "vaultName", ...);
        # a child's own name comes before its parent's (a Key has keyName and vaultName).
        own = next(
            (
                inputs[k]
                for k in (
                    "keyName",
                    "configName",  # a maintenance configuration, child of a cluster (resourceName)
                    "fleetMemberName",  # Fleet Manager children before their fleet (fleetName)
                    "updateStrategyName",
                    "fleetName",
                    "azureMonitorWorkspaceName",
                    "dataCollectionEndpointName",
                    "dataCollectionRuleName",
                    "associationName",
                    "ruleGroupName",
                    "subnetName",
                    "virtualNetworkPeeringName",
                    "agentPoolName",
                    "roleAssignmentName",
                    "policyAssignmentName",
                    "resourceName",
                    "vaultName",
                    "virtualNetworkName",
                    "workspaceName",
                )
                if k in inputs
            ),
            inputs.get("resourceGroupName") if typ.endswith("ResourceGroup") else inputs.get("name"),
        )
        if own is None:
            # Auto-naming as azure-native does it: the logical name and 8 random hex characters
            # (a GUID for role assignments), so rendered names meet Azure's length limits as real ones.
            own = (
                str(uuid.uuid5(uuid.NAMESPACE_URL, f"{typ}/{name}"))
                if typ == "azure-native:authorization:RoleAssignment"
                else f"{name}{_digest(typ, name, length=8)}"
            )
        state["name"] = own
        # Inputs list user-assigned identities; the API returns them as a map keyed by id.
        identity = state.get("identity")
        if isinstance(identity, dict) and isinstance(identity.get("userAssignedIdentities"), list):
            state["identity"] = {
                **identity,
                "userAssignedIdentities": {i: {} for i in identity["userAssignedIdentities"]},
            }
        group = inputs.get("resourceGroupName", own)
        provider_type = typ.split(":")[1]
        resource_id = f"/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.{provider_type}/{own}"
        if typ.endswith("ResourceGroup"):
            resource_id = f"/subscriptions/{subscription}/resourceGroups/{own}"
        if typ == "azure-native:authorization:RoleAssignment":
            resource_id = f"{inputs.get('scope')}/providers/Microsoft.Authorization/roleAssignments/{own}"
        if typ == "azure-native:authorization:PolicyAssignment":
            resource_id = f"{inputs.get('scope')}/providers/Microsoft.Authorization/policyAssignments/{own}"
        if typ == AKS:
            location = inputs.get("location", "westeurope")
            state.update(
                fqdn=f"{own}-{_digest(own, length=8)}.hcp.{location}.azmk8s.io",
                privateFQDN=f"{own}-{_digest(own, length=8)}.privatelink.{location}.azmk8s.io",
            )
        elif typ == "azure-native:keyvault:Key":
            state["keyUriWithVersion"] = (
                f"https://{inputs.get('vaultName')}.vault.azure.net/keys/{own}/{_digest(own, length=32)}"
            )
        elif typ == "azure-native:managedidentity:UserAssignedIdentity":
            state.update(principalId=_digest(own, "principal", length=32), clientId=_digest(own, "client", length=32))
        return resource_id, state

    def call(self, args: pulumi.runtime.MockCallArgs) -> dict[str, Any]:  # type: ignore[override]
        token = args.token
        if token == "aws:index/getAvailabilityZones:getAvailabilityZones":
            region = self._provider_region(args.provider)
            zones = [(f"{region}{letter}", _aws_zone_id(region, number)) for number, letter in enumerate("abcd", 1)]
            excluded = set(args.args.get("excludeZoneIds") or ())
            zones = [(zone, zone_id) for zone, zone_id in zones if zone_id not in excluded]
            return {"names": [z for z, _ in zones], "zoneIds": [i for _, i in zones], "id": region}
        if token == "aws:ec2/getInstanceTypeOfferings:getInstanceTypeOfferings":
            # Every requested type in every zone of the region.
            region = self._provider_region(args.provider)
            types = [v for f in args.args.get("filters") or () if f.get("name") == "instance-type" for v in f["values"]]
            pairs = [(t, _aws_zone_id(region, number)) for t in types for number in range(1, 5)]
            location_type = args.args.get("locationType", "availability-zone-id")
            return {
                "instanceTypes": [t for t, _ in pairs],
                "locations": [z for _, z in pairs],
                "locationTypes": [location_type for _ in pairs],
                "id": region,
            }
        if token == "aws:index/getCallerIdentity:getCallerIdentity":
            accounts = self._provider_input(args.provider, "allowedAccountIds") or [ACCOUNT]
            account = json.loads(accounts)[0] if isinstance(accounts, str) else accounts[0]
            return {"accountId": account, "arn": f"arn:aws:iam::{account}:role/mock-deployer", "userId": "MOCK",
                    "id": account}  # fmt: skip
        if token == "aws:index/getPartition:getPartition":
            return {"partition": "aws", "dnsSuffix": "amazonaws.com", "id": "aws"}
        if token == "gcp:organizations/getProject:getProject":
            project = str(args.args.get("projectId") or self._provider_input(args.provider, "project") or "mock")
            number = project_number(project)
            return {"projectId": project, "number": number, "name": project, "id": f"projects/{project}"}
        if token == "azure-native:authorization:getClientConfig":
            return {
                "clientId": _digest("client"),
                "objectId": _digest("object"),
                "subscriptionId": str(self._provider_input(args.provider, "subscriptionId") or SUBSCRIPTION),
                "tenantId": TENANT,
            }
        if token == "azure-native:containerservice:listManagedClusterUserCredentials":
            cluster = str(args.args.get("resourceName", "cluster"))
            location = self._provider_region(args.provider)
            server = f"https://{cluster}-{_digest(cluster, length=8)}.hcp.{location}.azmk8s.io:443"
            # As AKS returns it for an Entra ID cluster: kubelogin in device-code mode.
            config = json.dumps(
                {
                    "apiVersion": "v1",
                    "kind": "Config",
                    "clusters": [
                        {"name": cluster, "cluster": {"server": server, "certificate-authority-data": FAKE_CA}}
                    ],
                    "users": [
                        {
                            "name": cluster,
                            "user": {
                                "exec": {
                                    "command": "kubelogin",
                                    "args": ["get-token", "--login", "devicecode", "--server-id", "6dae42f8"],
                                }
                            },
                        }
                    ],
                }
            )
            return {"kubeconfigs": [{"name": "clusterUser", "value": base64.b64encode(config.encode()).decode()}]}
        return {}


_DIRECTIONS = {"central": "c", "north": "n", "south": "s", "east": "e", "west": "w"}


def _aws_zone_id(region: str, number: int) -> str:
    """An AZ ID as AWS forms it: eu-central-1 -> euc1-az1, ap-southeast-2 -> apse2-az1."""
    area, direction, index = region.split("-")[0], region.split("-")[1], region.split("-")[-1]
    short = _DIRECTIONS.get(direction) or "".join(
        _DIRECTIONS[part] for part in ("north", "south", "east", "west") if part in direction
    )
    return f"{area}{short}{index}-az{number}"


def _refreshed(typ: str, state: dict[str, Any]) -> None:
    """Set what the cloud itself reports for the inputs it manages (fleet.review.facts refresh):
    a version it expands, a count its autoscaler changed, a key version it rotated."""
    for path, fact in facts.refreshed().get(typ, {}).items():
        parts = path.split(".")
        target = state
        for part in parts[:-1]:
            if not isinstance(target.get(part), dict):
                break
            target = target[part]
        else:
            if parts[-1] in target:
                current = target[parts[-1]]
                target[parts[-1]] = (
                    str(fact["value"]).replace("{input}", str(current)) if isinstance(current, str) else fact["value"]
                )
