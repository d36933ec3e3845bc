"""`fleet preflight --check`, AWS: read-only calls, with the deployer's credentials, for what a stack's
first `pulumi up` would trip on in each account it deploys to.

- Regions: each cluster's region must be enabled in the account that holds the cluster (EC2
  DescribeRegions with AllRegions: OptInStatus "opt-in-not-required", "opted-in" or "not-opted-in").
  The deployer's own account need not enable it: STS is called in fleet.core.kinds.aws.STS_HOME_REGION
  for clusters in opt-in Regions.
- Principals: the deploy role in each account, and every group role an EKS access entry names (IAM
  GetRole; EKS refuses an access entry for a principal that does not exist).
- Quotas, per account and region, against what fleet itself may use at most (Service Quotas
  GetServiceQuota, applied values): Elastic IPs (EC2-VPC Elastic IPs, L-0263D0A3; one per NAT
  gateway, one NAT gateway per zone of each cluster) less those already allocated (DescribeAddresses),
  and the vCPUs of every node pool at maxSize on standard instance families (Running On-Demand
  Standard (A, C, D, H, I, M, R, T, Z) instances, L-1216C47A; DescribeInstanceTypes gives each
  type's vCPUs). What else already runs in the account is not counted against the vCPU quota.
- Add-on pins (fleet.core.eks_addons): each add-on version fleet pins for a cluster's minor exists in
  the cluster's region and lists that minor among its compatibilities (EKS DescribeAddonVersions with
  addonName and kubernetesVersion); a pin that does not fails CreateAddon in the middle of the first
  `up`, after the cluster and its nodes are built.

Clients come from a factory, so the tests give it botocore's own Stubber; the CLI gives it the
default credential chain, assuming the deploy role in the other accounts.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from fleet.clusters.network import ZONES
from fleet.core import eks_addons
from fleet.core.kinds import aws as aws_kind
from fleet.preflight.finding import Finding
from fleet.spec import Fleet
from fleet.spec.model import AwsCluster

# Any client factory: (service, region, account) -> a botocore client acting in that account.
Clients = Callable[[str, str, str], Any]
HOME_REGION = aws_kind.STS_HOME_REGION  # enabled in every commercial account: where global lookups are made
ELASTIC_IPS = ("ec2", "L-0263D0A3")
STANDARD_VCPUS = ("ec2", "L-1216C47A")
STANDARD_FAMILIES = frozenset("acdhimrtz")


def _error(err: Exception) -> str:
    if isinstance(err, ClientError):
        e = err.response.get("Error", {})
        return f"{e.get('Code', 'error')}: {e.get('Message', '')}".rstrip(": ")
    return str(err)


def _regions(clients: Clients, account: str, wanted: set[str], why: str) -> list[Finding]:
    try:
        found = clients("ec2", HOME_REGION, account).describe_regions(AllRegions=True, RegionNames=sorted(wanted))
    except (ClientError, BotoCoreError) as err:
        return [Finding(account, False, f"could not read which regions are enabled ({_error(err)})")]
    status = {r["RegionName"]: r.get("OptInStatus", "") for r in found.get("Regions", [])}
    out = []
    for region in sorted(wanted):
        if status.get(region) in ("opt-in-not-required", "opted-in"):
            out.append(Finding(account, True, f"region {region} is enabled ({why})"))
        else:
            out.append(Finding(account, False, f"region {region} is not enabled ({why}): "
                                               f"`aws account enable-region --region-name {region}`"))  # fmt: skip
    return out


def _role(clients: Clients, account: str, arn: str, what: str) -> Finding:
    name = arn.split(":role/", 1)[1].rsplit("/", 1)[-1]
    try:
        clients("iam", HOME_REGION, account).get_role(RoleName=name)
    except ClientError as err:
        if err.response.get("Error", {}).get("Code") == "NoSuchEntity":
            return Finding(account, False, f"IAM role {arn} does not exist ({what})")
        return Finding(account, False, f"could not read IAM role {arn} ({_error(err)})")
    except BotoCoreError as err:
        return Finding(account, False, f"could not read IAM role {arn} ({_error(err)})")
    return Finding(account, True, f"IAM role {arn} exists ({what})")


def _quota(clients: Clients, account: str, region: str, code: tuple[str, str]) -> float:
    answer = clients("service-quotas", region, account).get_service_quota(ServiceCode=code[0], QuotaCode=code[1])
    return float(answer["Quota"]["Value"])


def _capacity(clients: Clients, account: str, region: str, clusters: list[AwsCluster]) -> list[Finding]:
    out = []
    ec2 = clients("ec2", region, account)
    need_ips = ZONES * len(clusters)
    try:
        held = len(ec2.describe_addresses().get("Addresses", []))
        limit = _quota(clients, account, region, ELASTIC_IPS)
        ok = held + need_ips <= limit
        what = f"{region}: Elastic IPs: {need_ips} for NAT gateways, {held} allocated, quota {limit:g}"
        out.append(Finding(account, ok, what + ("" if ok else ": request more (L-0263D0A3)")))
    except (ClientError, BotoCoreError) as err:
        out.append(Finding(account, False, f"{region}: could not read the Elastic IP quota ({_error(err)})"))
    pools = [p for c in clusters for p in c.node_pools]
    standard = sorted({p.machine_type for p in pools if p.machine_type[0] in STANDARD_FAMILIES})
    if not standard:
        return out
    try:
        described = ec2.describe_instance_types(InstanceTypes=standard).get("InstanceTypes", [])
        vcpus = {t["InstanceType"]: int(t["VCpuInfo"]["DefaultVCpus"]) for t in described}
        need = sum(p.max_size * vcpus[p.machine_type] for p in pools if p.machine_type in vcpus)
        limit = _quota(clients, account, region, STANDARD_VCPUS)
        ok = need <= limit
        what = f"{region}: {need} vCPUs of standard instances with every pool at maxSize, quota {limit:g}"
        out.append(Finding(account, ok, what + ("" if ok else ": request more (L-1216C47A)")))
    except (ClientError, BotoCoreError, KeyError) as err:
        out.append(Finding(account, False, f"{region}: could not read the vCPU quota ({_error(err)})"))
    return out


def _version_order(version: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", version))


def _addons(clients: Clients, account: str, region: str, minors: set[str]) -> list[Finding]:
    out = []
    eks = clients("eks", region, account)
    for minor in sorted(minors):
        for addon, pins in eks_addons.VERSIONS.items():
            pinned = pins[minor]
            what = f"{region}: add-on {addon} {pinned} for Kubernetes {minor}"
            try:
                found = eks.describe_addon_versions(addonName=addon, kubernetesVersion=minor).get("addons", [])
            except (ClientError, BotoCoreError) as err:
                out.append(Finding(account, False, f"{what}: could not read the add-on's versions ({_error(err)})"))
                continue
            offered = {
                v["addonVersion"]
                for a in found
                for v in a.get("addonVersions", [])
                if any(c.get("clusterVersion") == minor for c in v.get("compatibilities", []))
            }
            ok = pinned in offered
            listed = ", ".join(sorted(offered, key=_version_order)[-3:]) or "none"
            out.append(Finding(account, ok, what + (" is offered" if ok else f" is not offered there ({listed}, …): "
                                                    "pin one of those in fleet/core/eks_addons.py")))  # fmt: skip
    return out


def check(fleet: Fleet, clients: Clients) -> list[Finding]:
    """Every check for the stack's AWS accounts, in account order; a failed call is a finding too."""
    deployer = fleet.spec.deployer.aws
    if deployer is None:
        return []
    by_account: dict[str, list[AwsCluster]] = defaultdict(list)
    for cluster in fleet.deployed_clusters:
        if isinstance(cluster, AwsCluster):
            by_account[cluster.account or deployer.account].append(cluster)
    findings: list[Finding] = []
    groups = fleet.spec.identity.groups
    for account in sorted(by_account):
        clusters = by_account[account]
        regions = {c.region for c in clusters}
        findings += _regions(clients, account, regions, "clusters there")
        findings.append(_role(clients, account, deployer.role_in(account), "the deploy role"))
        for region in sorted(regions):
            here = [c for c in clusters if c.region == region]
            findings += _capacity(clients, account, region, here)
            findings += _addons(clients, account, region, {c.kubernetes_version for c in here})
    named: dict[str, list[str]] = defaultdict(list)
    for cluster in fleet.deployed_clusters:
        if isinstance(cluster, AwsCluster):
            for group in fleet.bound_groups(cluster.name):
                arn = groups[group].aws if group in groups else None
                if arn and group not in named[arn]:
                    named[arn].append(group)
    for arn, names in sorted(named.items()):
        findings.append(
            _role(clients, arn.split(":")[4], arn, f"group {', '.join(names)}: an EKS access entry names it")
        )
    return findings


def session_clients(deploy_role: Callable[[str], str], home_account: str) -> Clients:
    """Clients from the default credential chain (a CI job's OIDC session, a laptop's profile): as they
    are in ``home_account``, and through the deploy role (``deploy_role(account)``) in any other."""
    import botocore.session
    from botocore.exceptions import NoCredentialsError

    session = botocore.session.get_session()
    if session.get_credentials() is None:
        raise NoCredentialsError()  # said once, before any call, not as a finding per call
    credentials: dict[str, dict[str, str]] = {}

    def make(service: str, region: str, account: str) -> Any:
        if account == home_account:
            return session.create_client(service, region_name=region)
        if account not in credentials:
            sts = session.create_client("sts", region_name=HOME_REGION)
            role = sts.assume_role(RoleArn=deploy_role(account), RoleSessionName="fleet-preflight")["Credentials"]
            credentials[account] = {
                "aws_access_key_id": role["AccessKeyId"],
                "aws_secret_access_key": role["SecretAccessKey"],
                "aws_session_token": role["SessionToken"],
            }
        return session.create_client(service, region_name=region, **credentials[account])

    return make
