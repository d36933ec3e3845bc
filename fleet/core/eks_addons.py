"""The EKS managed add-ons' versions, pinned per Kubernetes minor (pure).

EKS picks an add-on's *default* version for a cluster version when none is given, and AWS moves that
default without notice, so a cluster built from an unchanged commit would change. Here every add-on
fleet installs has its version written down for every minor fleet supports
(fleet.core.catalog.kubernetes.PINNED): the version only moves with a commit, which the review
shows. Changing ``addonVersion`` updates the add-on in place (terraform-provider-aws aws_eks_addon:
only addon_name, cluster_name and namespace_config force a new one).

"Amazon EKS doesn't automatically update an add-on when new versions are released or after you
update your cluster to a new Kubernetes minor version" (EKS user guide, updating an add-on), so a
minor's row is what a cluster gets when its ``kubernetesVersion`` is raised; the add-ons update after
the control plane, as the user guide's cluster upgrade steps order them (they depend on the cluster).

Where each version comes from (no AWS API answers offline; ``fleet preflight --check`` asks
DescribeAddonVersions, with the deployer's credentials, that every pin exists and lists the
cluster's minor among its compatibilities, before the first ``up``):
- 1.34 and 1.35, vpc-cni, kube-proxy, coredns: the EKS user guide's tables of the latest version per
  cluster version (managing-vpc-cni, managing-kube-proxy, managing-coredns; the docs.amazonaws.cn
  copies, the newest stored).
- 1.36, vpc-cni, kube-proxy, coredns, eks-pod-identity-agent: the defaults EKS chose for a 1.36
  cluster created without versions, as a public deployment record of 2026-09 lists them.
- eks-pod-identity-agent 1.34/1.35, aws-ebs-csi-driver: the versions awslabs/cdk-eks-blueprints
  pins per cluster version (commit 0b82904e, 2026-04-08); aws-ebs-csi-driver 1.36: a public 1.36 pin
  set (v1.62.0-eksbuild.1).
- amazon-cloudwatch-observability: v6.2.0-eksbuild.1, the version of the CloudWatch user guide's
  CloudFormation example; 6.2.0 is the first with ``containerInsights.enabled`` and
  ``applicationSignals.enabled``, which fleet sets (aws-observability/helm-charts RELEASE_NOTES), and
  the operator's integration tests cover Kubernetes 1.30 to 1.36.
- kube-state-metrics (a community add-on, which AWS validates only for version compatibility):
  v2.19.1-eksbuild.2, the release that supports 1.36.
"""

from __future__ import annotations

VPC_CNI = "vpc-cni"
KUBE_PROXY = "kube-proxy"
POD_IDENTITY_AGENT = "eks-pod-identity-agent"
COREDNS = "coredns"
EBS_CSI_DRIVER = "aws-ebs-csi-driver"
KUBE_STATE_METRICS = "kube-state-metrics"
CLOUDWATCH_OBSERVABILITY = "amazon-cloudwatch-observability"

VERSIONS: dict[str, dict[str, str]] = {
    VPC_CNI: {"1.34": "v1.21.1-eksbuild.7", "1.35": "v1.21.1-eksbuild.7", "1.36": "v1.22.4-eksbuild.3"},
    KUBE_PROXY: {"1.34": "v1.34.6-eksbuild.2", "1.35": "v1.35.3-eksbuild.2", "1.36": "v1.36.0-eksbuild.21"},
    POD_IDENTITY_AGENT: {"1.34": "v1.3.10-eksbuild.2", "1.35": "v1.3.10-eksbuild.2", "1.36": "v1.3.10-eksbuild.3"},
    COREDNS: {"1.34": "v1.13.2-eksbuild.4", "1.35": "v1.13.2-eksbuild.4", "1.36": "v1.14.3-eksbuild.16"},
    EBS_CSI_DRIVER: {"1.34": "v1.56.0-eksbuild.1", "1.35": "v1.57.1-eksbuild.1", "1.36": "v1.62.0-eksbuild.1"},
    KUBE_STATE_METRICS: {"1.34": "v2.19.1-eksbuild.2", "1.35": "v2.19.1-eksbuild.2", "1.36": "v2.19.1-eksbuild.2"},
    CLOUDWATCH_OBSERVABILITY: {"1.34": "v6.2.0-eksbuild.1", "1.35": "v6.2.0-eksbuild.1", "1.36": "v6.2.0-eksbuild.1"},
}


def version(addon: str, minor: str) -> str:
    """The pinned version of ``addon`` for clusters on ``minor``; the spec offers no other minors."""
    return VERSIONS[addon][minor]
