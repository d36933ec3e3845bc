"""Tenant components: one per tenant per cluster it is placed on, under that cluster.

All three modes register the same guardrails (namespace with Pod Security "restricted",
quota, limits, default-deny network policies); they differ in who gets access and how.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pulumi
import pulumi_kubernetes as kubernetes

from fleet.spec.model import Tenant, VClusterSettings
from fleet.tenancy import manifests, vcluster
from fleet.tenancy.manifests import Context, Manifest


@dataclass(frozen=True)
class TenantArgs:
    tenant: Tenant
    context: Context
    provider: kubernetes.Provider
    protect: bool
    """Protect the objects that hold tenant data (namespace, vcluster release); on in production."""
    vcluster: VClusterSettings = field(default_factory=VClusterSettings)
    """Where the vcluster chart and its images come from (isolation: vcluster)."""


def _register(name: str, manifest: Manifest, opts: pulumi.ResourceOptions) -> pulumi.CustomResource:
    """Register a plain Kubernetes object with its typed resource class."""
    kind = manifest["kind"]
    metadata = manifest["metadata"]
    if kind == "Namespace":
        return kubernetes.core.v1.Namespace(name, metadata=metadata, opts=opts)
    if kind == "ResourceQuota":
        return kubernetes.core.v1.ResourceQuota(name, metadata=metadata, spec=manifest["spec"], opts=opts)
    if kind == "LimitRange":
        return kubernetes.core.v1.LimitRange(name, metadata=metadata, spec=manifest["spec"], opts=opts)
    if kind == "NetworkPolicy":
        return kubernetes.networking.v1.NetworkPolicy(name, metadata=metadata, spec=manifest["spec"], opts=opts)
    if kind == "ServiceAccount":
        return kubernetes.core.v1.ServiceAccount(
            name,
            metadata=metadata,
            automount_service_account_token=manifest["automountServiceAccountToken"],
            opts=opts,
        )
    if kind == "RoleBinding":
        return kubernetes.rbac.v1.RoleBinding(
            name, metadata=metadata, role_ref=manifest["roleRef"], subjects=manifest["subjects"], opts=opts
        )
    if kind == "ClusterRoleBinding":
        return kubernetes.rbac.v1.ClusterRoleBinding(
            name, metadata=metadata, role_ref=manifest["roleRef"], subjects=manifest["subjects"], opts=opts
        )
    if kind == "ValidatingAdmissionPolicy":
        return kubernetes.admissionregistration.v1.ValidatingAdmissionPolicy(
            name, metadata=metadata, spec=manifest["spec"], opts=opts
        )
    if kind == "ValidatingAdmissionPolicyBinding":
        return kubernetes.admissionregistration.v1.ValidatingAdmissionPolicyBinding(
            name, metadata=metadata, spec=manifest["spec"], opts=opts
        )
    raise ValueError(f"no resource class for kind {kind}")  # a programming error, caught by tests


def _suffix(manifest: Manifest) -> str:
    kind = {"Namespace": "ns", "ResourceQuota": "quota", "LimitRange": "limits", "NetworkPolicy": "netpol",
            "ServiceAccount": "sa", "RoleBinding": "rb", "ClusterRoleBinding": "crb"}[manifest["kind"]]  # fmt: skip
    name = manifest["metadata"]["name"]
    return kind if kind in ("ns", "quota", "limits") else f"{kind}-{name}"


class ClusterGuardrails(pulumi.ComponentResource):
    """The cluster-wide objects that keep every tenant namespace of a cluster guarded: the
    admission policy that stops tenants from weakening fleet-managed objects, and its binding."""

    def __init__(
        self,
        name: str,
        ctx: Context,
        provider: kubernetes.Provider,
        admins: tuple[str, ...] = (),
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__("fleet:tenancy:ClusterGuardrails", name, None, opts)
        policy, binding = manifests.admission_guard(ctx)
        created = _register(f"{name}-policy", policy, pulumi.ResourceOptions(parent=self, provider=provider))
        _register(
            f"{name}-binding", binding, pulumi.ResourceOptions(parent=self, provider=provider, depends_on=[created])
        )
        platform = manifests.platform_admins(ctx, admins)
        if platform is not None:
            _register(f"{name}-admins", platform, pulumi.ResourceOptions(parent=self, provider=provider))
        self.register_outputs({})


class _TenantBase(pulumi.ComponentResource):
    namespace: pulumi.Output[str]

    def __init__(self, type_token: str, name: str, args: TenantArgs, opts: pulumi.ResourceOptions | None) -> None:
        super().__init__(type_token, name, None, opts)
        self._args = args

    def _objects(self, objects: list[Manifest]) -> kubernetes.core.v1.Namespace:
        """Register the namespace first, then everything inside it, depending on it."""
        args = self._args
        ns_manifest, *rest = objects
        ns = _register(
            f"{self._name}-ns",
            ns_manifest,
            pulumi.ResourceOptions(parent=self, provider=args.provider, protect=args.protect),
        )
        inside = pulumi.ResourceOptions(parent=self, provider=args.provider, depends_on=[ns])
        for manifest in rest:
            _register(f"{self._name}-{_suffix(manifest)}", manifest, inside)
        self.namespace = pulumi.Output.from_input(args.tenant.name)
        return ns  # type: ignore[return-value]


class NamespaceTenant(_TenantBase):
    """A tenant as a namespace: guardrails, the tenant's groups on admin/edit/view, a CI deployer."""

    def __init__(self, name: str, args: TenantArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__("fleet:tenancy:NamespaceTenant", name, args, opts)
        tenant, ctx = args.tenant, args.context
        self._objects(
            [
                *manifests.guardrails(tenant, ctx),
                *manifests.role_bindings(tenant, ctx),
                *manifests.deployer(tenant, ctx),
            ]
        )
        self.register_outputs({"namespace": self.namespace})


class VirtualClusterTenant(_TenantBase):
    """A tenant as a virtual cluster: the upstream vcluster chart in a guarded host namespace.

    The tenant's groups get view on the host namespace (to see their control plane's pods) and
    everything else through the virtual cluster's own API. The virtual cluster writes its admin
    kubeconfig into a Secret of the host namespace once it runs; ``access`` says where. The
    credential itself stays in the cluster: reading it at deploy time raced the virtual cluster,
    which becomes Ready before it writes the Secret, and copied a tenant's admin credential into
    Pulumi state.
    """

    access: pulumi.Output[dict[str, str]]

    def __init__(self, name: str, args: TenantArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__("fleet:tenancy:VirtualClusterTenant", name, args, opts)
        tenant, ctx = args.tenant, args.context
        ns = self._objects(
            [
                *manifests.guardrails(tenant, ctx, overhead=vcluster.CONTROL_PLANE),
                *manifests.role_bindings(tenant, ctx, view_only=True),
            ]
        )
        kubernetes.helm.v3.Release(
            f"{name}-vcluster",
            name=tenant.name,
            **vcluster.release_args(args.vcluster),
            namespace=tenant.name,
            values=vcluster.values(tenant, args.vcluster),
            atomic=True,
            opts=pulumi.ResourceOptions(parent=self, provider=args.provider, depends_on=[ns], protect=args.protect),
        )
        self.access = pulumi.Output.from_input(vcluster.access(tenant))
        self.register_outputs({"namespace": self.namespace, "access": self.access})


class DedicatedClusterTenant(_TenantBase):
    """A tenant on its own cluster: the same namespace guardrails, and its admin groups as
    cluster-admin on that cluster only."""

    def __init__(self, name: str, args: TenantArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__("fleet:tenancy:DedicatedClusterTenant", name, args, opts)
        tenant, ctx = args.tenant, args.context
        self._objects(
            [
                *manifests.guardrails(tenant, ctx),
                *manifests.role_bindings(tenant, ctx),
                *manifests.deployer(tenant, ctx),
                manifests.cluster_admins(tenant, ctx),
            ]
        )
        self.register_outputs({"namespace": self.namespace})


TenantComponent = Callable[[str, TenantArgs, pulumi.ResourceOptions], _TenantBase]
COMPONENTS: dict[str, TenantComponent] = {
    "namespace": NamespaceTenant,
    "vcluster": VirtualClusterTenant,
    "cluster": DedicatedClusterTenant,
}
