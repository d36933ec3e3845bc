"""The "What every cluster gets" table (docs/IMPLEMENTATION.md, linked from the README), cell by
cell, against what the program renders for every stack.

Each cell is checked by a function that names the cell's phrases and what makes each true of the
rendered resources of every cluster of that cloud, in every stack. A phrase is in the cell exactly
when it is true: a change to the code that makes a phrase false fails, and so does a cell that
drops a phrase that is still true. A phrase that cannot be checked offline is listed with the
reason (``Cell.unchecked``). Whatever words of a cell are left after removing its phrases must be
filler (punctuation and little words), so a claim added to the README without a check fails too,
and so does a row without a check function.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

import pytest
import yaml

from fleet.clusters import aks, eks
from fleet.clusters.network import aws_zone_ids
from fleet.core import eks_addons, maintenance
from fleet.review.render import Resource
from fleet.review.secrets import reveal
from fleet.spec import Fleet, SpecError
from fleet.spec.model import ApiEndpoint, AzureCluster, ClusterBase, FleetSpec, GcpCluster, Security
from tests.conftest import ROOT, STACKS, by_type, fleet_of, raw_spec, rendered

README = ROOT / "docs" / "IMPLEMENTATION.md"
SECTION = "## What every cluster gets"
COLUMNS = {"EKS": "aws", "GKE": "gcp", "AKS": "azure"}
COMPONENTS = {
    "aws": "fleet:clusters:EksCluster",
    "gcp": "fleet:clusters:GkeCluster",
    "azure": "fleet:clusters:AksCluster",
}

# What may be left of a cell once its checked phrases are removed.
FILLER = {"and", "or", "the", "a", "an", "of", "in", "on", "to", "with", "by", "for", "its", "it"}


def readme_table() -> dict[str, dict[str, str]]:
    """The table's rows: label -> column (EKS, GKE, AKS) -> cell."""
    text = README.read_text(encoding="utf-8")
    assert text.count(SECTION) == 1, f"docs/IMPLEMENTATION.md has no single {SECTION!r} section"
    section = text.split(SECTION, 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("|")]

    def cells(line: str) -> list[str]:
        return [cell.strip() for cell in line.strip().strip("|").split("|")]

    header = cells(lines[0])
    assert header[1:] == list(COLUMNS), header
    rows: dict[str, dict[str, str]] = {}
    for line in lines[2:]:
        label, *values = cells(line)
        assert len(values) == len(COLUMNS), f"row {label!r} has {len(values)} cells, not {len(COLUMNS)}"
        assert label not in rows, f"row {label!r} appears twice"
        rows[label] = dict(zip(COLUMNS, values, strict=True))
    return rows


@dataclass(frozen=True)
class Built:
    """One cluster the program builds, with its component's direct children."""

    stack: str
    fleet: Fleet
    spec: ClusterBase
    children: dict[str, list[Resource]]
    kubeconfig: dict[str, Any]

    @property
    def where(self) -> str:
        return f"{self.stack}/{self.spec.name}"

    @property
    def env(self) -> FleetSpec:
        return self.fleet.spec

    @property
    def endpoint(self) -> ApiEndpoint:
        return self.env.api_endpoint(self.spec)

    @property
    def security(self) -> Security:
        return self.env.security(self.spec)

    @property
    def private(self) -> bool:
        return self.endpoint.access == "private"

    @property
    def server(self) -> str:
        return str(self.kubeconfig["clusters"][0]["cluster"]["server"])

    def all(self, type_: str) -> list[Resource]:
        return self.children.get(type_, [])

    def one(self, type_: str, name: str | None = None) -> Resource:
        found = [r for r in self.all(type_) if name is None or r.name == f"{self.spec.name}-{name}"]
        assert len(found) == 1, (self.where, type_, name, [r.name for r in self.all(type_)])
        return found[0]

    def inputs(self, type_: str, name: str | None = None) -> dict[str, Any]:
        return reveal(self.one(type_, name).inputs)  # type: ignore[no-any-return]


@cache
def built(cloud: str) -> tuple[Built, ...]:
    found = []
    for stack in STACKS:
        rendering = rendered(stack)
        fleet = fleet_of(stack)
        kubeconfigs = reveal(rendering.outputs["kubeconfigs"])
        for spec in fleet.deployed_clusters:
            if not isinstance(spec, ClusterBase) or spec.cloud != cloud:
                continue
            component = next(r for r in by_type(rendering, COMPONENTS[cloud]) if r.name == spec.name)
            children: dict[str, list[Resource]] = {}
            for resource in rendering.resources:
                if resource.parent == component.urn:
                    children.setdefault(resource.type, []).append(resource)
            found.append(Built(stack, fleet, spec, children, yaml.safe_load(kubeconfigs[spec.name])))
    assert found, f"no stack has a {cloud} cluster: the table's {cloud} column would be checked against nothing"
    return tuple(found)


class Cell:
    """A README cell and the phrases checked in it."""

    def __init__(self, row: str, column: str, text: str):
        self.row, self.column, self.text = row, column, text
        self.covered: list[str] = []

    def claim(self, phrase: str, clusters: list[Built] | tuple[Built, ...], true_of: Callable[[Built], bool]) -> None:
        """``phrase`` is in the cell exactly when ``true_of`` holds for every one of ``clusters``."""
        assert clusters, f"{self.row}/{self.column}: {phrase!r} would be checked against no cluster"
        false_for = [c.where for c in clusters if not true_of(c)]
        if phrase in self.text:
            self.covered.append(phrase)
            assert not false_for, (
                f"README {self.row!r} {self.column}: {phrase!r} is not true as rendered for {', '.join(false_for)}"
            )
        else:
            assert false_for, (
                f"README {self.row!r} {self.column}: {phrase!r} is true as rendered for every cluster "
                f"({len(clusters)}), but the cell no longer says it: {self.text!r}"
            )

    def rule(self, phrase: str, holds: bool) -> None:
        """A phrase about the program's rules rather than one cluster's resources."""
        self.claim(phrase, built(COLUMNS[self.column]), lambda _: holds)

    def unchecked(self, phrase: str, reason: str) -> None:
        """A phrase no offline check can back; ``reason`` says why (kept next to the phrase)."""
        assert reason, phrase
        assert phrase in self.text, f"README {self.row!r} {self.column}: no longer says {phrase!r}; drop it here"
        self.covered.append(phrase)

    def leftover(self) -> list[str]:
        rest = self.text
        for phrase in sorted(self.covered, key=len, reverse=True):
            rest = rest.replace(phrase, " ")
        words = re.findall(r"[^\s,;:()]+", rest)
        return [w for w in words if w.lower() not in FILLER]


def private(clusters: tuple[Built, ...]) -> list[Built]:
    return [c for c in clusters if c.private]


def restricted(clusters: tuple[Built, ...]) -> list[Built]:
    return [c for c in clusters if c.endpoint.access == "restricted"]


def audited(clusters: tuple[Built, ...], on: bool) -> list[Built]:
    return [c for c in clusters if c.security.audit_logs is on]


def encrypted(clusters: tuple[Built, ...]) -> list[Built]:
    return [c for c in clusters if c.security.secrets_encryption]


def with_identity(clusters: tuple[Built, ...]) -> list[Built]:
    return [c for c in clusters if c.security.workload_identity]


@cache
def egress_outside_allowed_is_refused() -> bool:
    """The spec rule behind "`deployer.publicEgress` inside `allowedCidrs`": a restricted endpoint
    whose allowedCidrs do not hold the runners' public egress is a spec error."""
    raw = raw_spec("staging")
    raw["deployer"]["publicEgress"] = ["81.2.71.0/28"]  # public, and in no allowedCidrs
    try:
        fleet_of("staging", raw)
    except SpecError as err:
        return "deployer.publicEgress 81.2.71.0/28 is not inside allowedCidrs" in err.render()
    return False


# EKS -----------------------------------------------------------------------------------------

VPC = "aws:ec2/vpc:Vpc"
SUBNET = "aws:ec2/subnet:Subnet"
NAT = "aws:ec2/natGateway:NatGateway"
ROUTE = "aws:ec2/route:Route"
EKS = "aws:eks/cluster:Cluster"
ADDON = "aws:eks/addon:Addon"
NODE_GROUP = "aws:eks/nodeGroup:NodeGroup"
ACCESS_ENTRY = "aws:eks/accessEntry:AccessEntry"
STORAGE_CLASS = "kubernetes:storage.k8s.io/v1:StorageClass"
RELEASE = "kubernetes:helm.sh/v3:Release"
# Every control-plane log type EKS has (docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html).
EKS_LOG_TYPES = {"api", "audit", "authenticator", "controllerManager", "scheduler"}
CLUSTER_ADMIN = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"


def subnets(c: Built, kind: str) -> list[dict[str, Any]]:
    return [reveal(s.inputs) for s in c.all(SUBNET) if re.fullmatch(rf"{re.escape(c.spec.name)}-{kind}-\d", s.name)]


def addon(c: Built, name: str) -> dict[str, Any]:
    return c.inputs(ADDON, name)


@cache
def zone_choice_skips_unsupported_and_unoffered() -> bool:
    # use1-az3 holds no EKS control plane; use1-az2 lacks one of the pools' types.
    offered = [(t, z) for t in ("m7i.large", "m7i.xlarge") for z in ("use1-az1", "use1-az3", "use1-az4", "use1-az5")]
    offered.append(("m7i.large", "use1-az2"))
    zones = ["use1-az1", "use1-az2", "use1-az3", "use1-az4", "use1-az5"]
    return aws_zone_ids("us-east-1", zones, offered, ["m7i.large", "m7i.xlarge"]) == [
        "use1-az1",
        "use1-az4",
        "use1-az5",
    ]


def eks_network(cell: Cell, cs: tuple[Built, ...]) -> None:
    cell.claim("own VPC", cs, lambda c: c.inputs(VPC)["cidrBlock"] == c.spec.network.node_cidr)
    cell.claim(
        "3 private + 3 public subnets", cs, lambda c: (len(subnets(c, "private")), len(subnets(c, "public"))) == (3, 3)
    )
    cell.claim(
        "in 3 zones",
        cs,
        lambda c: all(len({s["availabilityZoneId"] for s in subnets(c, kind)}) == 3 for kind in ("private", "public")),
    )
    cell.rule("that support EKS and offer the pools' machine types", zone_choice_skips_unsupported_and_unoffered())

    def nat_per_zone(c: Built) -> bool:
        nats = {n.outputs["id"]: reveal(n.inputs)["subnetId"] for n in c.all(NAT)}
        public_ids = {s.outputs["id"] for s in c.all(SUBNET) if "-public-" in s.name}
        to_nat = [reveal(r.inputs).get("natGatewayId") for r in c.all(ROUTE)]
        return len(nats) == 3 and set(nats.values()) == public_ids and sorted(filter(None, to_nat)) == sorted(nats)

    cell.claim("a NAT gateway per zone", cs, nat_per_zone)


def eks_endpoint(cell: Cell, cs: tuple[Built, ...]) -> None:
    def reachable_from_runners(c: Built) -> bool:
        vpc = c.inputs(EKS)["vpcConfig"]
        rule = c.inputs("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "api-from-deployer")
        return (
            vpc["endpointPrivateAccess"] is True
            and vpc["endpointPublicAccess"] is False
            and (rule["fromPort"], rule["toPort"], rule["ipProtocol"]) == (443, 443, "tcp")
            and rule["cidrIpv4"] == c.env.deployer.private_network
        )

    cell.claim("private, reachable on 443 from `deployer.privateNetwork`", private(cs), reachable_from_runners)
    cell.claim(
        "or public, restricted to `allowedCidrs`",
        restricted(cs),
        lambda c: (
            c.inputs(EKS)["vpcConfig"]["endpointPublicAccess"] is True
            and c.inputs(EKS)["vpcConfig"]["publicAccessCidrs"] == list(c.endpoint.allowed_cidrs)
        ),
    )


def eks_runners(cell: Cell, cs: tuple[Built, ...]) -> None:
    attachment = "aws:ec2transitgateway/vpcAttachment:VpcAttachment"

    def attached(c: Built) -> bool:
        assert c.env.deployer.aws is not None
        found = c.inputs(attachment)
        return (
            found["transitGatewayId"] == c.env.deployer.aws.transit_gateways[c.spec.region]
            and found["vpcId"] == c.one(VPC).outputs["id"]
        )

    def routed(c: Built) -> bool:
        to_runners = [reveal(r.inputs) for r in c.all(ROUTE) if reveal(r.inputs).get("transitGatewayId")]
        return len(to_runners) == 3 and all(
            r["destinationCidrBlock"] == c.env.deployer.private_network for r in to_runners
        )

    cell.claim(
        "private: VPC attached to the region's transit gateway (`deployer.aws.transitGateways`)", private(cs), attached
    )
    cell.claim("`privateNetwork` routed to it", private(cs), routed)
    cell.claim(
        "restricted: `deployer.publicEgress` inside `allowedCidrs`",
        restricted(cs),
        lambda c: not c.all(attachment) and egress_outside_allowed_is_refused(),
    )


def eks_access(cell: Cell, cs: tuple[Built, ...]) -> None:
    cell.claim(
        "EKS access entries only",
        cs,
        lambda c: (
            c.inputs(EKS)["accessConfig"]
            == {"authenticationMode": "API", "bootstrapClusterCreatorAdminPermissions": False}
        ),
    )

    def deployer_admin(c: Built) -> bool:
        assert c.env.deployer.aws is not None
        found = c.inputs("aws:eks/accessPolicyAssociation:AccessPolicyAssociation", "deployer-admin")
        return (found["principalArn"], found["policyArn"], found["accessScope"]) == (
            c.env.deployer.aws.role_arn,
            CLUSTER_ADMIN,
            {"type": "cluster"},
        )

    cell.claim("the deployer is cluster admin", cs, deployer_admin)

    def groups_mapped(c: Built) -> bool:
        entries = [reveal(e.inputs) for e in c.all(ACCESS_ENTRY)]
        for group in c.fleet.bound_groups(c.spec.name):
            role = c.env.identity.groups[group].aws
            if not any(e["principalArn"] == role and group in (e.get("kubernetesGroups") or []) for e in entries):
                return False
        return True

    cell.claim("each bound group's IAM role is put in that group", cs, groups_mapped)


def eks_secrets(cell: Cell, cs: tuple[Built, ...]) -> None:
    key = "aws:kms/key:Key"
    cell.claim(
        "KMS key with rotation",
        encrypted(cs),
        lambda c: (
            c.inputs(key, "secrets")["enableKeyRotation"] is True
            and c.inputs(EKS)["encryptionConfig"]["resources"] == ["secrets"]
        ),
    )
    cell.claim(
        "protected in production",
        encrypted(cs),
        lambda c: (
            c.one(key, "secrets").protect is c.one("aws:kms/alias:Alias", "secrets").protect is c.env.protects_data
        ),
    )


def eks_audit(cell: Cell, cs: tuple[Built, ...]) -> None:
    cell.claim(
        "all control-plane logs",
        audited(cs, True),
        lambda c: (
            set(c.inputs(EKS)["enabledClusterLogTypes"]) == EKS_LOG_TYPES
            and c.inputs("aws:cloudwatch/logGroup:LogGroup", "control-plane-logs")["name"]
            == f"/aws/eks/{c.spec.name}/cluster"
        ),
    )
    cell.claim(
        "for 365 days",
        audited(cs, True),
        lambda c: c.inputs("aws:cloudwatch/logGroup:LogGroup", "control-plane-logs")["retentionInDays"] == 365,
    )
    cell.claim(
        "to CloudWatch",
        audited(cs, True),
        lambda c: (
            len(c.all("aws:cloudwatch/logGroup:LogGroup")) == 2 + len(eks.CONTAINER_LOG_STREAMS)
            and c.inputs("aws:ec2/flowLog:FlowLog")["logDestinationType"] == "cloud-watch-logs"
        ),
    )
    cell.claim(
        "and the VPC's flow logs",
        audited(cs, True),
        lambda c: (
            c.inputs("aws:ec2/flowLog:FlowLog")["trafficType"] == "ALL"
            and c.inputs("aws:ec2/flowLog:FlowLog")["logDestination"]
            == c.one("aws:cloudwatch/logGroup:LogGroup", "flow-logs").outputs["arn"]
        ),
    )
    cell.claim(
        "encrypted with a key of their own",
        audited(cs, True),
        lambda c: (
            c.inputs("aws:cloudwatch/logGroup:LogGroup", "control-plane-logs")["kmsKeyId"]
            == c.one("aws:kms/key:Key", "logs").outputs["arn"]
            and c.inputs("aws:kms/key:Key", "logs")["enableKeyRotation"] is True
        ),
    )
    cell.claim(
        "unless `auditLogs: false`",
        audited(cs, False),
        lambda c: (
            c.inputs(EKS)["enabledClusterLogTypes"] == []
            and not any(g.inputs["name"].startswith("/aws/eks/") for g in c.all("aws:cloudwatch/logGroup:LogGroup"))
            and not c.all("aws:ec2/flowLog:FlowLog")
        ),
    )
    cell.claim(
        "container logs there always",
        cs,
        lambda c: (
            sorted(
                g.inputs["name"]
                for g in c.all("aws:cloudwatch/logGroup:LogGroup")
                if "containerinsights" in g.inputs["name"]
            )
            == [f"/aws/containerinsights/{c.spec.name}/{s}" for s in eks.CONTAINER_LOG_STREAMS]
            and all(
                g.inputs["retentionInDays"] == 365
                and g.inputs["kmsKeyId"] == c.one("aws:kms/key:Key", "logs").outputs["arn"]
                for g in c.all("aws:cloudwatch/logGroup:LogGroup")
            )
            and any(a.inputs["addonName"] == eks_addons.CLOUDWATCH_OBSERVABILITY for a in c.all(ADDON))
        ),
    )


def eks_identity(cell: Cell, cs: tuple[Built, ...]) -> None:
    cell.claim(
        "IRSA (an OIDC provider)",
        with_identity(cs),
        lambda c: (
            c.inputs("aws:iam/openIdConnectProvider:OpenIdConnectProvider")["clientIdLists"] == ["sts.amazonaws.com"]
        ),
    )
    cell.claim("EKS Pod Identity", cs, lambda c: bool(addon(c, "eks-pod-identity-agent")))


def eks_network_policy(cell: Cell, cs: tuple[Built, ...]) -> None:
    cell.claim(
        "enforced by the managed VPC CNI add-on",
        cs,
        lambda c: addon(c, "vpc-cni")["configurationValues"] == '{"enableNetworkPolicy":"true"}',
    )


def eks_storage(cell: Cell, cs: tuple[Built, ...]) -> None:
    cell.claim(
        "EBS CSI add-on",
        cs,
        lambda c: (
            addon(c, "aws-ebs-csi-driver")["podIdentityAssociations"][0]["serviceAccount"] == "ebs-csi-controller-sa"
        ),
    )

    def storage_class(c: Built) -> dict[str, Any]:
        found = [reveal(s.inputs) for s in c.all(STORAGE_CLASS)]
        assert len(found) == 1, c.where
        return found[0]

    cell.claim(
        "default StorageClass `gp3`",
        cs,
        lambda c: (
            storage_class(c)["metadata"]["name"] == "gp3"
            and storage_class(c)["metadata"]["annotations"]["storageclass.kubernetes.io/is-default-class"] == "true"
            and storage_class(c)["provisioner"] == "ebs.csi.aws.com"
            and storage_class(c)["parameters"]["type"] == "gp3"
        ),
    )
    cell.claim("encrypted", cs, lambda c: storage_class(c)["parameters"]["encrypted"] == "true")


def eks_autoscaling(cell: Cell, cs: tuple[Built, ...]) -> None:
    def autoscaler(c: Built) -> bool:
        release = [reveal(r.inputs) for r in c.all(RELEASE) if reveal(r.inputs)["chart"] == "cluster-autoscaler"]
        return (
            len(release) == 1
            and release[0]["values"]["autoDiscovery"] == {"clusterName": c.spec.name}
            and c.inputs("aws:eks/podIdentityAssociation:PodIdentityAssociation", "autoscaler")["serviceAccount"]
            == release[0]["values"]["rbac"]["serviceAccount"]["name"]
        )

    def bounds(c: Built) -> bool:
        pools = {p.name: p for p in c.spec.node_pools}
        groups = {r.name.removeprefix(f"{c.spec.name}-"): r for r in c.all(NODE_GROUP)}
        return set(groups) == set(pools) and all(
            (reveal(g.inputs)["scalingConfig"]["minSize"], reveal(g.inputs)["scalingConfig"]["maxSize"])
            == (pools[n].min_size, pools[n].max_size)
            and "scalingConfig.desiredSize" in g.ignore_changes
            for n, g in groups.items()
        )

    cell.claim("Cluster Autoscaler", cs, autoscaler)
    cell.claim("between `minSize` and `maxSize`", cs, bounds)


def eks_versions(cell: Cell, cs: tuple[Built, ...]) -> None:
    minor = lambda c: c.spec.kubernetes_version  # noqa: E731
    cell.claim(
        "control plane and node groups at the spec's minor",
        cs,
        lambda c: (
            c.inputs(EKS)["version"] == minor(c)
            and all(reveal(g.inputs)["version"] == minor(c) for g in c.all(NODE_GROUP))
        ),
    )
    cell.claim(
        "add-ons at the versions fleet pins for it (`fleet/core/eks_addons.py`)",
        cs,
        lambda c: all(
            reveal(a.inputs)["addonVersion"] == eks_addons.version(a.inputs["addonName"], minor(c))
            for a in c.all(ADDON)
        ),
    )
    cell.claim(
        "patch level and node image chosen by AWS",
        cs,
        lambda c: (
            re.fullmatch(r"\d+\.\d+", c.inputs(EKS)["version"]) is not None
            and not any("releaseVersion" in g.inputs or "amiType" in g.inputs for g in c.all(NODE_GROUP))
            and not any("imageId" in t.inputs for t in c.all("aws:ec2/launchTemplate:LaunchTemplate"))
        ),
    )
    cell.claim(
        "AWS upgrades the minor at the end of standard support",
        cs,
        lambda c: c.inputs(EKS)["upgradePolicy"] == {"supportType": "STANDARD"},
    )


# GKE -----------------------------------------------------------------------------------------

GKE = "gcp:container/cluster:Cluster"
NODE_POOL = "gcp:container/nodePool:NodePool"


def gke(c: Built) -> dict[str, Any]:
    return c.inputs(GKE)


def dns(clusters: tuple[Built, ...], on: bool) -> list[Built]:
    return [c for c in clusters if c.endpoint.dns_endpoint is on]


def gke_network(cell: Cell, cs: tuple[Built, ...]) -> None:
    cell.claim(
        "own VPC",
        cs,
        lambda c: (
            c.inputs("gcp:compute/network:Network")["autoCreateSubnetworks"] is False
            and c.inputs("gcp:compute/subnetwork:Subnetwork")["ipCidrRange"] == c.spec.network.node_cidr
        ),
    )
    cell.claim("private nodes", cs, lambda c: gke(c)["privateClusterConfig"]["enablePrivateNodes"] is True)
    cell.claim(
        "Cloud NAT",
        cs,
        lambda c: (
            c.inputs("gcp:compute/routerNat:RouterNat")["sourceSubnetworkIpRangesToNat"]
            == "ALL_SUBNETWORKS_ALL_IP_RANGES"
        ),
    )


def authorized(c: Built) -> list[str]:
    return [b["cidrBlock"] for b in gke(c)["masterAuthorizedNetworksConfig"]["cidrBlocks"]]


def gke_endpoint(cell: Cell, cs: tuple[Built, ...]) -> None:
    cell.claim(
        "private endpoint admitting `deployer.privateNetwork`",
        private(cs),
        lambda c: (
            gke(c)["privateClusterConfig"]["enablePrivateEndpoint"] is True
            and c.env.deployer.private_network in authorized(c)
        ),
    )
    cell.claim(
        "authorized networks enforced",
        private(cs),
        lambda c: gke(c)["masterAuthorizedNetworksConfig"]["privateEndpointEnforcementEnabled"] is True,
    )
    cell.claim(
        "global access", private(cs), lambda c: gke(c)["privateClusterConfig"]["masterGlobalAccessConfig"]["enabled"]
    )
    cell.claim(
        "or public, restricted to `allowedCidrs`",
        restricted(cs),
        lambda c: (
            gke(c)["privateClusterConfig"]["enablePrivateEndpoint"] is False
            and authorized(c) == list(c.endpoint.allowed_cidrs)
            and gke(c)["masterAuthorizedNetworksConfig"]["gcpPublicCidrsAccessEnabled"] is False
        ),
    )
    dns_config = lambda c: gke(c)["controlPlaneEndpointsConfig"]["dnsEndpointConfig"]  # noqa: E731
    # Open from outside exactly with dnsEndpoint, and then the kubeconfig's server; closed without.
    cell.claim(
        "with `dnsEndpoint`, GKE's DNS endpoint",
        cs,
        lambda c: dns_config(c)["allowExternalTraffic"] is c.endpoint.dns_endpoint,
    )
    cell.claim(
        "(IAM)",
        dns(cs, True),
        lambda c: dns_config(c)["enableK8sTokensViaDns"] is False and dns_config(c)["enableK8sCertsViaDns"] is False,
    )
    cell.claim("which the kubeconfig uses", cs, lambda c: c.server.endswith(".gke.goog") is c.endpoint.dns_endpoint)


def gke_runners(cell: Cell, cs: tuple[Built, ...]) -> None:
    cell.claim(
        "`dnsEndpoint`: reached from any network the `dnsEndpointPerimeter` admits, IAM decides",
        dns(cs, True),
        lambda c: gke(c)["controlPlaneEndpointsConfig"]["dnsEndpointConfig"]["allowExternalTraffic"] is True,
    )
    # Nothing in the GKE component connects another network to the cluster's VPC.
    connects = ("networkPeering", "vpnTunnel", "vpnGateway", "haVpnGateway", "interconnect")
    cell.claim(
        "private without it: the team connects `privateNetwork` to the VPC",
        cs,
        lambda c: not any(word.lower() in t.lower() for t in c.children for word in connects),
    )
    cell.claim(
        "restricted: `deployer.publicEgress` inside `allowedCidrs`",
        restricted(cs),
        lambda c: egress_outside_allowed_is_refused(),
    )


def gke_access(cell: Cell, cs: tuple[Built, ...]) -> None:
    cell.claim(
        "Google Groups for RBAC (`identity.gcpSecurityGroup`)",
        cs,
        lambda c: gke(c)["authenticatorGroupsConfig"] == {"securityGroup": c.env.identity.gcp_security_group},
    )
    cell.claim("no legacy ABAC", cs, lambda c: gke(c)["enableLegacyAbac"] is False)
    cell.claim(
        "no client certificates",
        cs,
        lambda c: gke(c)["masterAuth"]["clientCertificateConfig"]["issueClientCertificate"] is False,
    )


def gke_secrets(cell: Cell, cs: tuple[Built, ...]) -> None:
    key = "gcp:kms/cryptoKey:CryptoKey"
    cell.claim(
        "Cloud KMS key",
        encrypted(cs),
        lambda c: (
            gke(c)["databaseEncryption"]["state"] == "ENCRYPTED"
            and gke(c)["databaseEncryption"]["keyName"] == c.one(key).outputs["id"]
        ),
    )
    cell.claim("90-day rotation", encrypted(cs), lambda c: c.inputs(key)["rotationPeriod"] == f"{90 * 86400}s")
    cell.claim(
        "in production ring, key and agent grant protected",
        encrypted(cs),
        lambda c: all(
            c.one(t).protect is c.env.protects_data
            for t in ("gcp:kms/keyRing:KeyRing", key, "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember")
        ),
    )
    cell.claim(
        "key `PREVENT`",
        encrypted(cs),
        lambda c: (c.inputs(key).get("deletionPolicy") == "PREVENT") is c.env.protects_data,
    )


def gke_audit(cell: Cell, cs: tuple[Built, ...]) -> None:
    components = lambda c: set(gke(c)["loggingConfig"]["enableComponents"])  # noqa: E731
    control_plane = {"APISERVER", "SCHEDULER", "CONTROLLER_MANAGER"}
    cell.claim(
        "API server, scheduler and controller-manager logs to Cloud Logging",
        audited(cs, True),
        lambda c: control_plane <= components(c),
    )
    cell.claim("unless `auditLogs: false`", audited(cs, False), lambda c: not control_plane & components(c))
    cell.claim("container logs there always", cs, lambda c: "WORKLOADS" in components(c))


def gke_identity(cell: Cell, cs: tuple[Built, ...]) -> None:
    def workload_identity(c: Built) -> bool:
        assert isinstance(c.spec, GcpCluster)
        return gke(c)["workloadIdentityConfig"] == {"workloadPool": f"{c.spec.project}.svc.id.goog"} and all(
            reveal(p.inputs)["nodeConfig"]["workloadMetadataConfig"]["mode"] == "GKE_METADATA" for p in c.all(NODE_POOL)
        )

    cell.claim("Workload Identity", with_identity(cs), workload_identity)


def gke_network_policy(cell: Cell, cs: tuple[Built, ...]) -> None:
    cell.claim("Dataplane V2", cs, lambda c: gke(c)["datapathProvider"] == "ADVANCED_DATAPATH")
    cell.claim("Calico", cs, lambda c: (gke(c).get("networkPolicy") or {}).get("provider") == "CALICO")


def gke_storage(cell: Cell, cs: tuple[Built, ...]) -> None:
    cell.claim(
        "persistent disk CSI driver",
        cs,
        lambda c: gke(c)["addonsConfig"]["gcePersistentDiskCsiDriverConfig"] == {"enabled": True},
    )
    cell.claim("(GKE's own)", cs, lambda c: not c.all(STORAGE_CLASS))
    cell.unchecked(
        "default StorageClass `standard-rwo`",
        "GKE creates and names it, not the program (cloud.google.com/kubernetes-engine/docs/how-to/"
        "persistent-volumes/gce-pd-csi-driver); checked above only that the program adds no StorageClass",
    )


def gke_autoscaling(cell: Cell, cs: tuple[Built, ...]) -> None:
    def bounds(c: Built) -> bool:
        pools = {p.name: p for p in c.spec.node_pools}
        found = {reveal(p.inputs)["name"]: reveal(p.inputs)["autoscaling"] for p in c.all(NODE_POOL)}
        return set(found) == set(pools) and all(
            (a["totalMinNodeCount"], a["totalMaxNodeCount"]) == (pools[n].min_size, pools[n].max_size)
            for n, a in found.items()
        )

    cell.claim("node pools autoscale between `minSize` and `maxSize` (in total)", cs, bounds)


def gke_versions(cell: Cell, cs: tuple[Built, ...]) -> None:
    policy = lambda c: gke(c)["maintenancePolicy"]  # noqa: E731
    cell.claim("REGULAR channel", cs, lambda c: gke(c)["releaseChannel"] == {"channel": "REGULAR"})
    cell.claim(
        "minor and nodes held until end of support",
        cs,
        lambda c: (
            [e["exclusionOptions"] for e in policy(c)["maintenanceExclusions"]]
            == [{"scope": "NO_MINOR_OR_NODE_UPGRADES", "endTimeBehavior": "UNTIL_END_OF_SUPPORT"}]
        ),
    )
    cell.claim(
        "control-plane patches automatic in the spec's maintenance window",
        cs,
        lambda c: (
            policy(c)["recurringWindow"] == _camel(maintenance.gke_window(c.env.maintenance(c.spec).core_window()))
        ),
    )
    cell.claim(
        "node pools on the control plane's exact version",
        cs,
        lambda c: (
            all(reveal(p.inputs)["version"] == c.one(GKE).outputs["masterVersion"] for p in c.all(NODE_POOL))
            and gke(c)["minMasterVersion"] == c.spec.kubernetes_version
        ),
    )
    cell.unchecked(
        "GKE upgrades anyway at end of support",
        "GKE's behaviour, not an input: an exclusion ends at the minor's end of support and GKE then "
        "upgrades (cloud.google.com/kubernetes-engine/docs/concepts/maintenance-windows-and-exclusions)",
    )


# AKS -----------------------------------------------------------------------------------------

AKS = "azure-native:containerservice:ManagedCluster"
AGENT_POOL = "azure-native:containerservice:AgentPool"
MAINTENANCE_CONFIGURATION = "azure-native:containerservice:MaintenanceConfiguration"
ROLE_ASSIGNMENT = "azure-native:authorization:RoleAssignment"


def managed(c: Built) -> dict[str, Any]:
    return c.inputs(AKS)


def pools(c: Built) -> list[dict[str, Any]]:
    return [*managed(c)["agentPoolProfiles"], *(reveal(p.inputs) for p in c.all(AGENT_POOL))]


def _camel(rendered: dict[str, str]) -> dict[str, str]:
    """Pulumi's camelCase keys, as the rendered inputs have them."""
    return {k.split("_")[0] + "".join(p.title() for p in k.split("_")[1:]): v for k, v in rendered.items()}


def aks_network(cell: Cell, cs: tuple[Built, ...]) -> None:
    cell.claim(
        "own resource group `fleet-<cluster>`",
        cs,
        lambda c: c.inputs("azure-native:resources:ResourceGroup")["resourceGroupName"] == f"fleet-{c.spec.name}",
    )
    cell.claim(
        "VNet `<cluster>-vnet`",
        cs,
        lambda c: c.inputs("azure-native:network:VirtualNetwork")["virtualNetworkName"] == f"{c.spec.name}-vnet",
    )
    cell.claim(
        "Azure CNI overlay",
        cs,
        lambda c: (
            (managed(c)["networkProfile"]["networkPlugin"], managed(c)["networkProfile"]["networkPluginMode"])
            == ("azure", "overlay")
        ),
    )


def aks_endpoint(cell: Cell, cs: tuple[Built, ...]) -> None:
    access = lambda c: managed(c)["apiServerAccessProfile"]  # noqa: E731
    cell.claim("private cluster", private(cs), lambda c: access(c)["enablePrivateCluster"] is True)
    cell.claim(
        "(public FQDN resolving to the private endpoint)",
        private(cs),
        lambda c: (
            access(c)["enablePrivateClusterPublicFQDN"] is True
            and c.server == f"https://{c.one(AKS).outputs['fqdn']}:443"
        ),
    )
    cell.claim(
        "or authorized IP ranges = `allowedCidrs`",
        restricted(cs),
        lambda c: (
            access(c)["enablePrivateCluster"] is False
            and access(c)["authorizedIPRanges"] == list(c.endpoint.allowed_cidrs)
        ),
    )


def aks_runners(cell: Cell, cs: tuple[Built, ...]) -> None:
    peering = "azure-native:network:VirtualNetworkPeering"

    def peered(c: Built) -> bool:
        assert c.env.deployer.azure is not None
        runners = c.env.deployer.azure.runner_virtual_network_id
        found = {r.name.removeprefix(f"{c.spec.name}-"): reveal(r.inputs) for r in c.all(peering)}
        return set(found) == {"to-runners", "from-runners"} and (
            found["to-runners"]["remoteVirtualNetwork"]["id"] == runners
            and found["to-runners"]["virtualNetworkName"] == f"{c.spec.name}-vnet"
            and found["from-runners"]["remoteVirtualNetwork"]["id"]
            == c.one("azure-native:network:VirtualNetwork").outputs["id"]
        )

    cell.claim("private: VNet peered both ways with `deployer.azure.runnerVirtualNetworkId`", private(cs), peered)
    cell.claim(
        "restricted: `deployer.publicEgress` inside `allowedCidrs`",
        restricted(cs),
        lambda c: not c.all(peering) and egress_outside_allowed_is_refused(),
    )


def aks_access(cell: Cell, cs: tuple[Built, ...]) -> None:
    cell.claim(
        "Entra ID with Azure RBAC",
        cs,
        lambda c: managed(c)["aadProfile"]["managed"] is True and managed(c)["aadProfile"]["enableAzureRBAC"] is True,
    )
    cell.claim("local accounts off", cs, lambda c: managed(c)["disableLocalAccounts"] is True)

    def deployer_admin(c: Built) -> bool:
        assert c.env.deployer.azure is not None
        found = c.inputs(ROLE_ASSIGNMENT, "deployer-admin")
        return found["principalId"] == c.env.deployer.azure.principal_object_id and found["roleDefinitionId"].endswith(
            f"/roleDefinitions/{aks.AKS_RBAC_CLUSTER_ADMIN}"
        )

    cell.claim("the deployer gets AKS RBAC Cluster Admin", cs, deployer_admin)

    def admin_groups(c: Built) -> bool:
        assert isinstance(c.spec, AzureCluster)
        platform = [c.env.identity.groups[g].azure for g in c.env.identity.cluster_admins]
        expected = list(dict.fromkeys([*c.spec.admin_group_object_ids, *platform]))
        return managed(c)["aadProfile"]["adminGroupObjectIDs"] == expected and bool(platform)

    cell.claim("`adminGroupObjectIds` + `clusterAdmins` are the admin groups", cs, admin_groups)


def aks_secrets(cell: Cell, cs: tuple[Built, ...]) -> None:
    key = "azure-native:keyvault:Key"
    kms = lambda c: managed(c)["securityProfile"]["azureKeyVaultKms"]  # noqa: E731
    cell.claim("Key Vault key (KMS v2)", encrypted(cs), lambda c: kms(c)["enabled"] is True)
    cell.claim(
        "rotated every 90 days",
        encrypted(cs),
        lambda c: (
            c.inputs(key)["properties"]["rotationPolicy"]["lifetimeActions"]
            == [{"action": {"type": "rotate"}, "trigger": {"timeAfterCreate": "P90D"}}]
        ),
    )
    # The cluster names the key's current version, so a rotated version reaches it with the next `up`.
    cell.claim(
        "applied by the next `pulumi up`",
        encrypted(cs),
        lambda c: re.fullmatch(r"https://[^/]+/keys/kubernetes-secrets/[0-9a-f]{32}", kms(c)["keyId"]) is not None,
    )
    cell.claim(
        "purge-protected vault",
        encrypted(cs),
        lambda c: c.inputs("azure-native:keyvault:Vault")["properties"]["enablePurgeProtection"] is True,
    )
    cell.claim(
        "key, vault and identity protected in production",
        encrypted(cs),
        lambda c: all(
            c.one(t).protect is c.env.protects_data
            for t in (key, "azure-native:keyvault:Vault", "azure-native:managedidentity:UserAssignedIdentity")
        ),
    )


def aks_audit(cell: Cell, cs: tuple[Built, ...]) -> None:
    cell.claim(
        "kube-audit, kube-apiserver and guard to Log Analytics",
        audited(cs, True),
        lambda c: (
            [log["category"] for log in c.inputs("azure-native:monitor:DiagnosticSetting")["logs"]]
            == ["kube-audit", "kube-apiserver", "guard"]
        ),
    )
    cell.claim(
        "for 365 days",
        audited(cs, True),
        lambda c: c.inputs("azure-native:operationalinsights:Workspace")["retentionInDays"] == 365,
    )
    cell.claim(
        "unless `auditLogs: false`",
        audited(cs, False),
        # The workspace stays: container logs go there whatever auditLogs says.
        lambda c: not c.all("azure-native:monitor:DiagnosticSetting"),
    )
    cell.claim(
        "container logs there always",
        cs,
        lambda c: (
            c.inputs("azure-native:monitor:DataCollectionRule", "container-logs")["destinations"]["logAnalytics"][0][
                "workspaceResourceId"
            ]
            == c.one("azure-native:operationalinsights:Workspace").outputs["id"]
        ),
    )


def aks_identity(cell: Cell, cs: tuple[Built, ...]) -> None:
    cell.claim(
        "OIDC issuer + workload identity",
        with_identity(cs),
        lambda c: (
            managed(c)["oidcIssuerProfile"] == {"enabled": True}
            and managed(c)["securityProfile"]["workloadIdentity"] == {"enabled": True}
        ),
    )


def aks_network_policy(cell: Cell, cs: tuple[Built, ...]) -> None:
    policy = lambda c: managed(c)["networkProfile"]["networkPolicy"]  # noqa: E731
    cell.claim(
        "Cilium", cs, lambda c: policy(c) == "cilium" and managed(c)["networkProfile"]["networkDataplane"] == "cilium"
    )
    cell.claim("Calico", cs, lambda c: policy(c) == "calico")
    cell.claim("Azure Network Policy Manager", cs, lambda c: policy(c) == "azure")


def aks_storage(cell: Cell, cs: tuple[Built, ...]) -> None:
    storage = lambda c: managed(c)["storageProfile"]  # noqa: E731
    cell.claim("Azure Disk CSI driver", cs, lambda c: storage(c)["diskCSIDriver"] == {"enabled": True})
    cell.claim("(AKS's default StorageClass)", cs, lambda c: not c.all(STORAGE_CLASS))
    cell.claim("snapshot controller", cs, lambda c: storage(c)["snapshotController"] == {"enabled": True})


def aks_autoscaling(cell: Cell, cs: tuple[Built, ...]) -> None:
    cell.claim(
        "cluster autoscaler on every pool",
        cs,
        lambda c: len(pools(c)) == len(c.spec.node_pools) and all(p["enableAutoScaling"] is True for p in pools(c)),
    )

    def bounds(c: Built) -> bool:
        spec = {p.name: p for p in c.spec.node_pools}
        found = {p.get("name") or p.get("agentPoolName"): p for p in pools(c)}
        return set(found) == set(spec) and all(
            (p["minCount"], p["maxCount"]) == (spec[n].min_size, spec[n].max_size) for n, p in found.items()
        )

    cell.claim("between `minSize` and `maxSize`", cs, bounds)


def aks_versions(cell: Cell, cs: tuple[Built, ...]) -> None:
    cell.claim(
        "the spec's minor for control plane and pools",
        cs,
        lambda c: (
            managed(c)["kubernetesVersion"] == c.spec.kubernetes_version
            and all(p["orchestratorVersion"] == c.spec.kubernetes_version for p in pools(c))
        ),
    )
    cell.claim(
        "patch chosen by AKS at create and kept (upgrade channel none)",
        cs,
        lambda c: (
            re.fullmatch(r"\d+\.\d+", managed(c)["kubernetesVersion"]) is not None
            and managed(c)["autoUpgradeProfile"]["upgradeChannel"] == "none"
        ),
    )
    cell.claim("(NodeImage)", cs, lambda c: managed(c)["autoUpgradeProfile"]["nodeOSUpgradeChannel"] == "NodeImage")
    cell.claim(
        "control-plane components and node images in the spec's maintenance window",
        cs,
        lambda c: (
            sorted(r.inputs["configName"] for r in c.all(MAINTENANCE_CONFIGURATION))
            == ["aksManagedNodeOSUpgradeSchedule", "default"]
            and all(
                reveal(r.inputs)["maintenanceWindow"]["schedule"]["weekly"]["dayOfWeek"]
                == c.env.maintenance(c.spec).core_window().days[0].title()
                for r in c.all(MAINTENANCE_CONFIGURATION)
            )
        ),
    )
    cell.unchecked(
        "node OS images updated weekly",
        "the NodeImage channel's cadence is AKS's (weekly: learn.microsoft.com/azure/aks/auto-upgrade-node-os-image); "
        "the channel itself is checked as (NodeImage)",
    )


Check = Callable[[Cell, tuple[Built, ...]], None]

CHECKS: dict[str, dict[str, Check]] = {
    "network": {"EKS": eks_network, "GKE": gke_network, "AKS": aks_network},
    "API endpoint": {"EKS": eks_endpoint, "GKE": gke_endpoint, "AKS": aks_endpoint},
    "deploy runners": {"EKS": eks_runners, "GKE": gke_runners, "AKS": aks_runners},
    "access": {"EKS": eks_access, "GKE": gke_access, "AKS": aks_access},
    "Secrets at rest": {"EKS": eks_secrets, "GKE": gke_secrets, "AKS": aks_secrets},
    "audit logs": {"EKS": eks_audit, "GKE": gke_audit, "AKS": aks_audit},
    "workload identity": {"EKS": eks_identity, "GKE": gke_identity, "AKS": aks_identity},
    "NetworkPolicy": {"EKS": eks_network_policy, "GKE": gke_network_policy, "AKS": aks_network_policy},
    "storage": {"EKS": eks_storage, "GKE": gke_storage, "AKS": aks_storage},
    "autoscaling": {"EKS": eks_autoscaling, "GKE": gke_autoscaling, "AKS": aks_autoscaling},
    "versions": {"EKS": eks_versions, "GKE": gke_versions, "AKS": aks_versions},
}


def test_every_row_has_a_check_and_every_check_a_row() -> None:
    rows = readme_table()
    assert list(rows) == list(CHECKS), (
        "the README table's rows and this file's CHECKS differ: add a check for a new row "
        f"(or remove the check of a removed one); README {list(rows)}, checks {list(CHECKS)}"
    )
    for label, checks in CHECKS.items():
        assert list(checks) == list(COLUMNS), label


@pytest.mark.parametrize(
    ("row", "column"), [(row, column) for row in CHECKS for column in COLUMNS], ids=lambda v: v.replace(" ", "-")
)
def test_cell_is_true_as_rendered(row: str, column: str) -> None:
    text = readme_table().get(row, {}).get(column)
    if text is None:
        pytest.fail(f"the README table has no {row!r} row")
    cell = Cell(row, column, text)
    CHECKS[row][column](cell, built(COLUMNS[column]))
    assert not cell.leftover(), (
        f"README {row!r} {column}: {cell.leftover()} is not backed by a check; add the phrase to "
        f"{CHECKS[row][column].__name__} (or Cell.unchecked with the reason), or remove it from the cell"
    )


def test_the_stacks_exercise_both_sides_of_every_either_or() -> None:
    # Each "or" and "unless" of the table is checked on clusters of both kinds; without them a
    # claim would be checked against nothing.
    for cloud in COLUMNS.values():
        clusters = built(cloud)
        assert private(clusters) and restricted(clusters), cloud
        assert audited(clusters, True) and audited(clusters, False), cloud
        assert {c.env.protects_data for c in clusters} == {True, False}, cloud
    assert dns(built("gcp"), True) and dns(built("gcp"), False)


def test_a_wrong_cell_fails() -> None:
    # The machinery itself: a cell naming Calico for AKS, or dropping a true phrase, fails.
    clusters = built("azure")
    with pytest.raises(AssertionError, match="'Calico' is not true as rendered"):
        aks_network_policy(Cell("NetworkPolicy", "AKS", "Cilium, Calico"), clusters)
    with pytest.raises(AssertionError, match="'Cilium' is true as rendered for every cluster"):
        aks_network_policy(Cell("NetworkPolicy", "AKS", "Azure CNI"), clusters)
    extra = Cell("NetworkPolicy", "AKS", "Cilium, with FQDN policies")
    aks_network_policy(extra, clusters)
    assert extra.leftover() == ["FQDN", "policies"]
