"""What every cluster component offers, whatever the cloud.

Tenancy and review depend only on this contract, never on an EKS/GKE/AKS class.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pulumi
import pulumi_kubernetes as kubernetes

from fleet.core import labels
from fleet.spec.model import (
    ApiEndpoint,
    ClusterBase,
    ClusterCommon,
    Deployer,
    FleetSpec,
    GithubHostedDeployer,
    Identity,
    Maintenance,
    Security,
)


@dataclass(frozen=True)
class ClusterArgs:
    """Everything a cluster component needs, already validated."""

    spec: ClusterCommon
    tags: dict[str, str]
    protect: bool
    """Protect stateful resources (the cluster itself) from deletion; on in production."""
    api_endpoint: ApiEndpoint | None = None
    """How a cluster the fleet builds exposes its API server; None for an existing cluster."""
    security: Security | None = None
    """The hardening of a cluster the fleet builds; None for an existing cluster."""
    maintenance: Maintenance | None = None
    """When its cloud may update a cluster the fleet builds (unused on EKS); None for an existing cluster."""
    gke_fleet: str | None = None
    """The project whose fleet a GKE cluster joins, for the rollout sequence of the upgrade waves."""
    kubeconfig: str | None = None
    """An existing cluster's kubeconfig (from secret stack config; made a secret output here)."""
    deployer: Deployer = field(default_factory=GithubHostedDeployer)
    """Where `pulumi up` runs: the identity that gets cluster admin, the runners' networks."""
    identity: Identity = field(default_factory=Identity)
    groups: tuple[str, ...] = ()
    """The groups bound on this cluster (its tenants' owners and the cluster admins), as the spec
    names them; ``identity`` says how this cloud knows each."""

    def managed(self) -> tuple[ClusterBase, ApiEndpoint, Security]:
        """The spec, endpoint access and hardening of a cluster the fleet builds."""
        assert isinstance(self.spec, ClusterBase) and self.api_endpoint is not None and self.security is not None
        return self.spec, self.api_endpoint, self.security

    @classmethod
    def of(
        cls,
        fleet: FleetSpec,
        cluster: ClusterCommon,
        *,
        protect: bool,
        regime: str | None = None,
        kubeconfig: str | None = None,
        groups: tuple[str, ...] = (),
    ) -> ClusterArgs:
        # "none" is explicit: in a stack that holds regulated data, an untagged resource is a
        # blind spot for the residency policies (FLEET-RES-005), a "none" one a decision.
        tags = {
            **cluster.labels,
            **labels.ownership(fleet.owner, fleet.environment, cluster=cluster.name, residency=regime or "none"),
        }
        common = {"deployer": fleet.deployer, "identity": fleet.identity, "groups": groups}
        if not isinstance(cluster, ClusterBase):
            return cls(spec=cluster, tags=tags, protect=protect, kubeconfig=kubeconfig, **common)  # type: ignore[arg-type]
        return cls(
            spec=cluster,
            tags=tags,
            protect=protect,
            api_endpoint=fleet.api_endpoint(cluster),
            security=fleet.security(cluster),
            maintenance=fleet.maintenance(cluster),
            **common,  # type: ignore[arg-type]
        )


class FleetCluster(pulumi.ComponentResource):
    """Base of EKS, GKE and AKS components: the shared output contract.

    Outputs: ``cluster_name``, ``cloud``, ``region``, ``country``, ``endpoint``, ``kubeconfig``
    (always a secret) and ``provider``, a Kubernetes provider for tenants on this cluster.
    """

    cluster_name: pulumi.Output[str]
    cloud: pulumi.Output[str]
    region: pulumi.Output[str]
    country: pulumi.Output[str]
    endpoint: pulumi.Output[str]
    kubeconfig: pulumi.Output[str]
    provider: kubernetes.Provider

    def __init__(self, type_token: str, name: str, args: ClusterArgs, opts: pulumi.ResourceOptions | None):
        super().__init__(type_token, name, None, opts)
        self.args = args
        self.cluster_name = pulumi.Output.from_input(args.spec.name)
        self.cloud = pulumi.Output.from_input(args.spec.cloud)
        self.region = pulumi.Output.from_input(args.spec.region)
        self.country = pulumi.Output.from_input(args.spec.country)

    def child(self, provider: pulumi.ProviderResource | None = None, **kwargs) -> pulumi.ResourceOptions:
        return pulumi.ResourceOptions(parent=self, provider=provider, **kwargs)

    def finish(
        self,
        endpoint: pulumi.Output[str],
        kubeconfig: pulumi.Output[str],
        *,
        ready: Sequence[pulumi.Resource] = (),
        platform: Callable[[kubernetes.Provider], Sequence[pulumi.Resource]] | None = None,
    ) -> None:
        """Set the shared outputs, create the tenant-facing Kubernetes provider, register outputs.

        ``ready``: what must exist before anything is deployed onto the cluster (node pools, the
        deployer's access), so the provider waits for it. ``platform``: a function that creates the
        cluster-side objects the component owns (a default StorageClass, an autoscaler) with the
        provider; tenants wait for them too (``self.platform``).
        """
        self.endpoint = endpoint
        self.kubeconfig = pulumi.Output.secret(kubeconfig)
        self.provider = kubernetes.Provider(
            f"{self._name}-k8s",
            kubeconfig=self.kubeconfig,
            opts=pulumi.ResourceOptions(parent=self, depends_on=list(ready)),
        )
        self.platform: list[pulumi.Resource] = list(platform(self.provider)) if platform else []
        self.register_outputs(
            {
                "clusterName": self.cluster_name,
                "cloud": self.cloud,
                "region": self.region,
                "country": self.country,
                "endpoint": self.endpoint,
                "kubeconfig": self.kubeconfig,
            }
        )


def kubeconfig_yaml(name: str, endpoint: str, ca_data: str, exec_command: str, exec_args: list[str]) -> str:
    """A kubeconfig that authenticates with the cloud CLI's exec plugin: no long-lived token."""
    # JSON is valid YAML and needs no YAML dependency at deploy time.
    return json.dumps(
        {
            "apiVersion": "v1",
            "kind": "Config",
            "clusters": [{"name": name, "cluster": {"server": endpoint, "certificate-authority-data": ca_data}}],
            "contexts": [{"name": name, "context": {"cluster": name, "user": name}}],
            "current-context": name,
            "users": [
                {
                    "name": name,
                    "user": {
                        "exec": {
                            "apiVersion": "client.authentication.k8s.io/v1beta1",
                            "command": exec_command,
                            "args": exec_args,
                            "interactiveMode": "Never",
                        }
                    },
                }
            ],
        },
        indent=2,
    )
