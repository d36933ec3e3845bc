"""Amazon EKS clusters."""

from __future__ import annotations

import re

from fleet.core.kinds.base import Kind

# Physical names AWS derives from the cluster name. Pulumi auto-names a resource "<name>-<7 hex>",
# and IAM role names are at most 64 characters; the longest role fleet makes is
# "<cluster>-control-plane" (fleet/clusters/eks.py), so a cluster name may have at most
# 64 - 8 - len("-control-plane") characters. Node group name prefixes are at most 37 (63 minus the
# 26 characters EKS's provider appends), so a pool name at most 36.
IAM_ROLE_NAME_MAX = 64
AUTONAME_SUFFIX = 8
CONTROL_PLANE_ROLE_SUFFIX = "-control-plane"
NODE_GROUP_PREFIX_MAX = 37
# Where STS is called for clusters in an opt-in Region: enabled in every commercial account, so the
# deploy role's own account need not enable the cluster's Region. EKS takes a token presigned by any
# Region's STS of its partition (aws-iam-authenticator pkg/token/token.go, verifySTSHostnameFormat).
STS_HOME_REGION = "us-east-1"

KIND = Kind(
    name="aws",
    kubernetes_service="eks",
    title="AWS",
    located_by="catalogue",
    component_type="fleet:clusters:EksCluster",
    provider_package="aws",
    cluster_type="aws:eks/cluster:Cluster",
    max_cluster_name=IAM_ROLE_NAME_MAX - AUTONAME_SUFFIX - len(CONTROL_PLANE_ROLE_SUFFIX),
    max_pool_name=NODE_GROUP_PREFIX_MAX - 1,
    machine_type=re.compile(r"^[a-z][a-z0-9-]*\.[a-z0-9]+$"),
    machine_type_example="an EC2 instance type such as m7i.xlarge",
    scope="account",
    scope_word="account",
    guardrail="aws-scp",
    no_pod_cidr="on EKS: pods take VPC addresses (VPC CNI)",
    # EKS service quotas: "Public endpoint access CIDR ranges per cluster: 40", not adjustable
    # (docs.aws.amazon.com/eks/latest/userguide/service-quotas.html); 50 user tags per resource
    # (docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html).
    role_partitions=True,
    max_authorized_cidrs=40,
    max_tags=50,
    node_pool_types=("aws:eks/nodeGroup:NodeGroup",),
    network_types=("aws:ec2/vpc:Vpc", "aws:ec2/subnet:Subnet"),
)
