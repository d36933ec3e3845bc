"""Realistic outputs for resources and invokes when the program runs without a cloud.

The values look like what each cloud returns (ARNs, self links, FQDNs), so kubeconfigs,
endpoints and inventories rendered offline read like the real thing. Nothing here is random:
the same program renders the same outputs, which is what makes offline diffs possible.
"""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

import pulumi

from fleet.review import facts

ACCOUNT = "123456789012"
SUBSCRIPTION = "00000000-0000-4000-8000-000000000001"
TENANT = "00000000-0000-4000-8000-000000000002"
FAKE_CA = base64.b64encode(b"-----BEGIN CERTIFICATE-----\nMOCK\n-----END CERTIFICATE-----\n").decode()


def _digest(*parts: str, length: int = 12) -> str:
    return hashlib.sha256("/".join(parts).encode()).hexdigest()[:length]


class FleetMocks(pulumi.runtime.Mocks):
    """Mocks that answer like AWS, GCP and Azure would."""

    def __init__(self) -> None:
        self.provider_inputs: dict[str, dict[str, Any]] = {}

    def _provider_region(self, provider_ref: str | None) -> str:
        urn = (provider_ref or "").split("::")
        inputs = self.provider_inputs.get("::".join(urn[:-1]), {}) if len(urn) > 1 else {}
        return str(inputs.get("region") or inputs.get("location") or "us-east-1")

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
        if typ == "aws:eks/cluster:Cluster":
            host = _digest(name, length=32).upper()
            state.update(
                endpoint=f"https://{host}.gr7.{region}.eks.amazonaws.com",
                certificateAuthority={"data": FAKE_CA},
                identities=[{"oidcs": [{"issuer": f"https://oidc.eks.{region}.amazonaws.com/id/{host}"}]}],
            )
        elif typ == "aws:kms/key:Key":
            state["keyId"] = _digest(name, length=32)
        elif typ == "gcp:container/cluster:Cluster":
            state.update(
                endpoint=f"172.16.{int(_digest(name, length=2), 16)}.2", masterAuth={"clusterCaCertificate": FAKE_CA}
            )
            resource_id = (
                f"projects/{inputs.get('project', 'mock')}/locations/{region}/clusters/{inputs.get('name', name)}"
            )
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
            resource_id, state = self._azure(typ, name, inputs, state)
        state.setdefault("name", inputs.get("name", name))
        state.setdefault("id", resource_id)
        _refreshed(typ, state)
        return resource_id, state

    def _azure(self, typ: str, name: str, inputs: dict[str, Any], state: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        # azure-native names a resource by a per-type input ("resourceGroupName", "vaultName", ...).
        own = next(
            (
                inputs[k]
                for k in (
                    "resourceName",
                    "vaultName",
                    "keyName",
                    "virtualNetworkName",
                    "subnetName",
                    "workspaceName",
                    "agentPoolName",
                )
                if k in inputs
            ),
            inputs.get("resourceGroupName") if typ.endswith("ResourceGroup") else inputs.get("name", name),
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
        resource_id = f"/subscriptions/{SUBSCRIPTION}/resourceGroups/{group}/providers/Microsoft.{provider_type}/{own}"
        if typ.endswith("ResourceGroup"):
            resource_id = f"/subscriptions/{SUBSCRIPTION}/resourceGroups/{own}"
        if typ == "azure-native:containerservice:ManagedCluster":
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

    def call(self, args: pulumi.runtime.MockCallArgs) -> dict[str, Any]:
        token = args.token
        if token == "aws:index/getAvailabilityZones:getAvailabilityZones":
            region = self._provider_region(args.provider)
            names = [f"{region}{zone}" for zone in "abc"]
            return {"names": names, "zoneIds": [f"{region[:3]}-az{i + 1}" for i in range(3)], "id": region}
        if token == "azure-native:authorization:getClientConfig":
            return {
                "clientId": _digest("client"),
                "objectId": _digest("object"),
                "subscriptionId": SUBSCRIPTION,
                "tenantId": TENANT,
            }
        if token == "azure-native:containerservice:listManagedClusterUserCredentials":
            cluster = str(args.args.get("resourceName", "cluster"))
            config = json.dumps(
                {
                    "apiVersion": "v1",
                    "kind": "Config",
                    "clusters": [{"name": cluster}],
                    "users": [{"name": cluster, "user": {"exec": {"command": "kubelogin"}}}],
                }
            )
            return {"kubeconfigs": [{"name": "clusterUser", "value": base64.b64encode(config.encode()).decode()}]}
        return {}


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
