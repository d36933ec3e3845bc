"""A namespace that claims the GDPR regime, created through a hand-written Kubernetes provider.

Nothing ties that provider to a fleet cluster, so where the data would live cannot be proven;
the fleet's policy pack (FLEET-RES-004) must refuse it before anything is created.
"""

import pulumi
import pulumi_kubernetes as kubernetes

provider = kubernetes.Provider("hand-written", kubeconfig=pulumi.Config().require_secret("kubeconfig"))
kubernetes.core.v1.Namespace(
    "shadow-payments",
    metadata={"name": "shadow-payments", "labels": {"fleet-residency": "gdpr"}},
    opts=pulumi.ResourceOptions(provider=provider),
)
