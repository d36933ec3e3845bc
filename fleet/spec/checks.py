"""Checks that span more than one key: run after the structure parsed, all problems at once."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Container, Iterator, Mapping, Sequence
from pathlib import Path

import yaml

from fleet.core import catalog, kinds, labels, maintenance, spelling, vcluster_chart
from fleet.core import guardrails as core_guardrails
from fleet.core.guardrails import CloudGuardrail
from fleet.core.residency import Regime
from fleet.spec import guardrails as spec_guardrails
from fleet.spec.errors import ROOT, Problem, join
from fleet.spec.fleet import Fleet, Unparsed
from fleet.spec.model import (
    VIRTUAL_NETWORK_ID_EXAMPLE,
    AwsCluster,
    AzureCluster,
    ClusterBase,
    ClusterCommon,
    ClusterTenant,
    Deployer,
    ExistingCluster,
    FleetSpec,
    GcpCluster,
    Maintenance,
    NodePool,
    Tenant,
)

RESERVED_NAMESPACES = ("default", "kube-system", "kube-public", "kube-node-lease", "fleet-system")


def cluster_paths(spec: FleetSpec, clusters: Sequence[ClusterCommon]) -> list[str]:
    """The key path that defines each cluster: its spec entry, or the tenant's dedicated entry."""
    tenant_index = {t.name: i for i, t in enumerate(spec.tenants)}
    paths = []
    seen: dict[str, int] = {}
    for index, cluster in enumerate(clusters):
        if cluster.dedicated_to is None:
            paths.append(join(ROOT, "clusters", index))
        else:
            n = seen.get(cluster.dedicated_to, 0)
            seen[cluster.dedicated_to] = n + 1
            paths.append(join(ROOT, "tenants", tenant_index[cluster.dedicated_to], "dedicated", "clusters", n))
    return paths


def check_fleet(
    spec: FleetSpec, clusters: Sequence[ClusterCommon], regimes: Mapping[str, Regime], unparsed: Unparsed | None = None
) -> list[Problem]:
    unparsed = unparsed or Unparsed()
    paths = cluster_paths(spec, clusters)
    return [
        *_clusters(clusters, paths),
        *_templates(spec),
        *_duplicate_names(clusters, paths),
        *_overlapping_node_ranges(clusters, paths),
        *_cluster_regimes(clusters, paths, regimes, unparsed),
        *_tenants(spec, clusters, regimes, unparsed),
        *_shards(spec, clusters, paths),
        *_deploy_path(spec, clusters, paths),
        *_deployer_identity(spec, clusters),
        *_opt_in_regions(spec, clusters, paths),
        *_preview(spec, clusters),
        *_guardrails(spec, clusters, paths, regimes, unparsed),
        *_vcluster_chart(spec),
        *_existing_clusters(clusters, paths),
        *_partitions(spec, clusters, paths),
        *_cloud_limits(spec, clusters, paths),
        *_maintenance(spec, clusters, paths),
        *_selectors_naming_nothing(spec, clusters),
    ]


def _existing_clusters(clusters: Sequence[ClusterCommon], paths: list[str]) -> Iterator[Problem]:
    """An existing cluster declared once, where it says it is."""
    first: dict[str, str] = {}
    for at, cluster in zip(paths, clusters, strict=True):
        if not isinstance(cluster, ExistingCluster):
            continue
        # One kubeconfig is one API server: two entries would be two placement targets that are one
        # cluster, so a tenant spread over both for resilience would land twice on it.
        key = cluster.kubeconfig_secret
        if key in first:
            yield Problem(
                join(at, "kubeconfigSecret"),
                f"{key!r} is also the kubeconfig of {first[key]!r}: one cluster declared twice, so a tenant with "
                "two replicas could land twice on it; declare each existing cluster once",
            )
        first.setdefault(key, cluster.name)
        # A site spelled as a cloud region is read as that region: it must be in the declared country.
        for kind in kinds.BUILT:
            region = catalog.lookup(kind.name, cluster.site or "")
            if region is not None and region.country and region.country != cluster.country:
                yield Problem(
                    join(at, "site"),
                    f"{cluster.site!r} is the {kind.title} region {region.display_name} in "
                    f"{region.country}, but country is {cluster.country!r}; name the site where the cluster "
                    "runs, or correct country",
                )
                break


def _partitions(spec: FleetSpec, clusters: Sequence[ClusterCommon], paths: list[str]) -> Iterator[Problem]:
    """IAM roles of the AWS partition the clusters are in: a role of another partition cannot be
    assumed there, nor be given an access entry (ARNs do not cross partitions)."""
    partitions: dict[str, str] = {}
    for at, cluster in zip(paths, clusters, strict=True):
        kind = kinds.kind(cluster.cloud)
        region = catalog.lookup(kind.name, cluster.region) if kind.role_partitions else None
        if region is not None:
            partitions.setdefault(region.scope, at)
    if len(partitions) != 1:
        return  # no AWS cluster, or clusters in several partitions: then roles are checked per cluster by the cloud
    ((partition, at),) = partitions.items()
    roles = []
    if spec.deployer.aws is not None:
        roles.append((join(ROOT, "deployer", "aws", "roleArn"), spec.deployer.aws.role_arn))
    roles += [
        (join(ROOT, "identity", "groups", group, "aws"), mapping.aws)
        for group, mapping in spec.identity.groups.items()
        if mapping.aws
    ]
    for path, arn in roles:
        if arn.split(":")[1] != partition:
            yield Problem(
                path,
                f"{arn!r} is a role of partition {arn.split(':')[1]!r}, but the AWS clusters are in partition "
                f"{partition!r} ({at}); use a role of that partition",
            )


def _cloud_limits(spec: FleetSpec, clusters: Sequence[ClusterCommon], paths: list[str]) -> Iterator[Problem]:
    """What a cloud refuses at create time, found before: allow lists and tags beyond its limits."""
    for at, cluster in zip(paths, clusters, strict=True):
        kind = kinds.kind(cluster.cloud)
        if isinstance(cluster, ClusterBase) and kind.max_authorized_cidrs is not None:
            endpoint = spec.api_endpoint(cluster)
            if len(endpoint.allowed_cidrs) > kind.max_authorized_cidrs:
                where = "apiEndpoint" if cluster.api_endpoint else "the defaults' apiEndpoint"
                yield Problem(
                    join(at, "apiEndpoint", "allowedCidrs")
                    if cluster.api_endpoint
                    else join(ROOT, "defaults", "apiEndpoint", "allowedCidrs"),
                    f"{where} lists {len(endpoint.allowed_cidrs)} ranges; {kind.title} takes at most "
                    f"{kind.max_authorized_cidrs} for cluster {cluster.name!r}: merge ranges",
                )
        if kind.max_tags is not None and len(cluster.labels) + len(labels.OWNED) > kind.max_tags:
            yield Problem(
                join(at, "labels"),
                f"{len(cluster.labels)} labels and the {len(labels.OWNED)} fleet adds are more than the "
                f"{kind.max_tags} tags {kind.title} accepts on a resource; keep at most "
                f"{kind.max_tags - len(labels.OWNED)}",
            )


def _maintenance_path(at: str, key: str) -> str:
    parts: list[str | int] = []
    for part in key.split("."):
        name, _, index = part.partition("[")
        parts.append(name)
        if index:
            parts.append(int(index.rstrip("]")))
    return join(at, "maintenance", *parts)


def _maintenance(spec: FleetSpec, clusters: Sequence[ClusterCommon], paths: list[str]) -> Iterator[Problem]:
    """A window or exclusion the cluster's cloud refuses (fleet.core.maintenance), where it is written:
    on the cluster, its template, or the defaults (which EKS clusters do not take)."""
    seen: set[tuple[str, str]] = set()
    for at, cluster in zip(paths, clusters, strict=True):
        if not isinstance(cluster, ClusterBase) or (cluster.dedicated_to and cluster.maintenance):
            continue  # a template's own maintenance is checked with the template
        service = kinds.kind(cluster.cloud).kubernetes_service or ""
        own = cluster.maintenance
        if own is None and service == "eks":
            continue
        settings = own or spec.defaults.maintenance
        for refusal in _refusals(service, settings):
            path = _maintenance_path(at if own else join(ROOT, "defaults"), refusal.key)
            if (path, refusal.why) not in seen:
                seen.add((path, refusal.why))
                yield Problem(path, refusal.why if own else f"{refusal.why} (cluster {cluster.name!r} takes it)")
    for index, template in enumerate(spec.cluster_templates):
        if template.maintenance is not None:
            service = kinds.kind(template.cloud).kubernetes_service or ""
            for refusal in _refusals(service, template.maintenance):
                yield Problem(_maintenance_path(join(ROOT, "clusterTemplates", index), refusal.key), refusal.why)


def _refusals(service: str, settings: Maintenance) -> Iterator[maintenance.Refusal]:
    window = settings.core_window() if settings.window is not None else None
    return maintenance.refusals(service, window, settings.core_exclusions())


def _selectors_naming_nothing(spec: FleetSpec, clusters: Sequence[ClusterCommon]) -> Iterator[Problem]:
    """A shard selector's every name must exist, and every shard must own a cluster: a typo would
    otherwise leave a stack that deploys nothing, reviewed as a clean PASS."""
    names = {c.name for c in clusters}
    regions = {c.region for c in clusters}
    for index, shard in enumerate(spec.shards):
        at = join(ROOT, "shards", index, "clusters")
        for position, name in enumerate(shard.clusters.clusters):
            if name not in names:
                yield Problem(
                    join(at, "clusters", position), f"{name!r} is not a cluster of the spec; name one of its clusters"
                )
        for position, region in enumerate(shard.clusters.regions):
            # A region no cluster uses yet may be planned; one no cloud has is a typo.
            if region not in regions and not any(catalog.lookup(k.name, region) for k in kinds.BUILT):
                yield Problem(
                    join(at, "regions", position),
                    f"{region!r} is no cloud's region and no existing cluster's site; run `fleet regions` for the list",
                )
        if not any(shard.clusters.matches(c) for c in clusters):
            yield Problem(at, f"shard {shard.name!r} selects no cluster; its stack would deploy nothing")


def kubeconfig_server(text: str) -> str:
    """The API server URL of a kubeconfig's current context; ValueError saying what is missing.

    Messages never quote the document: it is a credential.
    """
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError:
        raise ValueError("is not YAML or JSON; use the file `kubectl config view --raw --minify` prints") from None
    if not isinstance(document, dict):
        raise ValueError("is not a kubeconfig (a map with clusters, contexts and current-context)")
    current = document.get("current-context")
    contexts = {c.get("name"): c.get("context") or {} for c in document.get("contexts") or [] if isinstance(c, dict)}
    clusters = {c.get("name"): c.get("cluster") or {} for c in document.get("clusters") or [] if isinstance(c, dict)}
    if not current or current not in contexts:
        raise ValueError("has no current-context naming one of its contexts; set current-context")
    cluster = clusters.get(contexts[current].get("cluster"))
    server = cluster.get("server") if isinstance(cluster, dict) else None
    if not isinstance(server, str) or not server.startswith("https://"):
        raise ValueError("has no https:// server for its current context's cluster; fix clusters[].cluster.server")
    return server


def credential_problems(
    fleet: Fleet, present: Container[str], secret: Container[str], read: Callable[[str], str | None] | None = None
) -> list[Problem]:
    """Every existing cluster's kubeconfig is set in the stack's config, as a secret, and (when
    ``read`` can see values, as the program can) is a kubeconfig with an https server."""
    problems = []
    deployed = {c.name for c in fleet.deployed_clusters}  # another shard's stack holds its clusters' credentials
    paths = cluster_paths(fleet.spec, fleet.clusters)
    for at, cluster in zip(paths, fleet.clusters, strict=True):
        if not isinstance(cluster, ExistingCluster) or cluster.name not in deployed:
            continue
        key = cluster.kubeconfig_secret
        command = f"`pulumi config set --secret {key} < kubeconfig.yaml`"
        if key not in present:
            problems.append(
                Problem(join(at, "kubeconfigSecret"), f"{key!r} is not set in this stack's config; run {command}")
            )
        elif key not in secret:
            problems.append(
                Problem(
                    join(at, "kubeconfigSecret"),
                    f"{key!r} holds a plain-text value; a kubeconfig is a credential: run {command} and remove "
                    "the plain value from the stack file",
                )
            )
        elif read is not None:
            try:
                kubeconfig_server(read(key) or "")
            except ValueError as err:
                problems.append(Problem(join(at, "kubeconfigSecret"), f"the kubeconfig in {key!r} {err}"))
    return problems


def _deploy_path(spec: FleetSpec, clusters: Sequence[ClusterCommon], paths: list[str]) -> Iterator[Problem]:
    """Every API endpoint the program manages must be reachable from where `pulumi up` runs: the
    same run creates a cluster and then the Kubernetes objects on it."""
    deployer = spec.deployer
    runners = ipaddress.ip_network(deployer.private_network) if deployer.private_network else None
    yield from _transit_gateway_regions(spec)
    unrouted: dict[str, list[str]] = {}  # where the runners would have no route: AWS region or "azure" -> clusters
    for at, cluster in zip(paths, clusters, strict=True):
        if not isinstance(cluster, ClusterBase):
            continue  # existing clusters are reached through their kubeconfig, as declared
        for key, network in cluster.network.ranges().items():
            if runners is not None and runners.overlaps(network):
                yield Problem(
                    join(ROOT, "deployer", "privateNetwork"),
                    f"{deployer.private_network!r} overlaps network.{key} {network} of cluster {cluster.name!r}; "
                    "the runners' range is routed into every cluster network, so it must be disjoint from all of them",
                )
        endpoint = spec.api_endpoint(cluster)
        key = join(at, "apiEndpoint") if cluster.api_endpoint is not None else join(ROOT, "defaults", "apiEndpoint")
        if endpoint.dns_endpoint and cluster.cloud != "gcp":
            yield Problem(join(key, "dnsEndpoint"), f"only GKE has a DNS-based endpoint; {cluster.name!r} is on "
                          f"{kinds.TITLES[cluster.cloud]}: remove dnsEndpoint")  # fmt: skip
            continue
        if endpoint.dns_endpoint_perimeter and not endpoint.dns_endpoint:
            yield Problem(join(key, "dnsEndpointPerimeter"), "names the perimeter that guards GKE's DNS endpoint, "
                          f"which {cluster.name!r} does not serve: remove it, or set dnsEndpoint: true")  # fmt: skip
        if endpoint.dns_endpoint:
            if not endpoint.dns_endpoint_perimeter:
                # "You can configure VPC Service Controls to protect the DNS-based endpoint of GKE
                # clusters by adding container.googleapis.com and kubernetesmetadata.googleapis.com to
                # the restricted services of the service perimeter" (GKE, About network isolation).
                yield Problem(
                    join(key, "dnsEndpoint"),
                    f"serves {cluster.name!r}'s control plane to any network with IAM as its only guard; name the VPC "
                    "Service Controls perimeter that holds its project and restricts container.googleapis.com and "
                    "kubernetesmetadata.googleapis.com (dnsEndpointPerimeter: accessPolicies/<number>/"
                    "servicePerimeters/<name>), or reach the cluster from deployer.privateNetwork instead",
                )
            continue  # reachable from any network the perimeter admits; IAM (container.clusters.connect) decides
        if endpoint.access == "private":
            if deployer.private_network is None:
                yield Problem(
                    key,
                    f"cluster {cluster.name!r} has a private API endpoint, but the deployer "
                    f"({deployer.runner} runners) has no privateNetwork routed into cluster networks, so `pulumi up` "
                    "could not create its Kubernetes objects; deploy from self-hosted runners (deployer.runner, "
                    "runsOn, privateNetwork)"
                    + (
                        ", or on GKE set apiEndpoint.dnsEndpoint: true and its dnsEndpointPerimeter"
                        if cluster.cloud == "gcp"
                        else ""
                    ),
                )
            elif cluster.cloud == "aws" and deployer.aws and cluster.region not in deployer.aws.transit_gateways:
                unrouted.setdefault(cluster.region, []).append(cluster.name)
            elif cluster.cloud == "azure" and deployer.azure and not deployer.azure.runner_virtual_network_id:
                unrouted.setdefault("azure", []).append(cluster.name)
            continue
        allowed = [ipaddress.ip_network(c) for c in endpoint.allowed_cidrs]
        egress = [ipaddress.ip_network(c) for c in deployer.public_egress]
        outside = [str(e) for e in egress if not any(e.version == a.version and e.subnet_of(a) for a in allowed)]  # type: ignore[arg-type]
        if not egress or outside:
            why = (
                f"deployer.publicEgress {', '.join(outside)} is not inside allowedCidrs"
                if egress
                else f"the deployer ({deployer.runner} runners) declares no publicEgress, and GitHub-hosted runners "
                "have no addresses that can be listed"
            )
            yield Problem(
                key,
                f"cluster {cluster.name!r} answers only {', '.join(endpoint.allowed_cidrs)}, but {why}; `pulumi up` "
                "could not create its Kubernetes objects: add the runners' static egress to allowedCidrs and "
                "deployer.publicEgress",
            )
    yield from _unrouted(deployer, unrouted)


def _transit_gateway_regions(spec: FleetSpec) -> Iterator[Problem]:
    """Every key of deployer.aws.transitGateways is an AWS region of the catalogue, matched exactly, and
    runnerRegion names the one the runners are attached to."""
    if spec.deployer.aws is None:
        return
    gateways, runners = spec.deployer.aws.transit_gateways, spec.deployer.aws.runner_region
    if gateways and runners not in gateways:
        yield Problem(
            join(ROOT, "deployer", "aws", "runnerRegion"),
            (f"{runners!r} has no transit gateway in transitGateways" if runners else "is missing")
            + f"; name the region of {', '.join(sorted(gateways))} whose gateway the runners' network is attached to "
            "(the others reach it through peerings, whose static routes `fleet preflight` lists)",
        )
    for region in spec.deployer.aws.transit_gateways:
        found = catalog.lookup("aws", region)
        if found is None or not found.deployable or found.name != region:
            did_you_mean = catalog.did_you_mean("aws", region)
            yield Problem(
                join(ROOT, "deployer", "aws", "transitGateways", region),
                f"{region!r} is not a region of AWS; {did_you_mean}key each transit gateway by the region it is in "
                "(`fleet regions --cloud aws` lists them)",
            )


def _opt_in_regions(spec: FleetSpec, clusters: Sequence[ClusterCommon], paths: list[str]) -> Iterator[Problem]:
    """An EKS cluster in an opt-in Region only once the deployer says the Region is enabled where the
    cluster is ("AWS Regions introduced after March 20, 2019 are disabled by default", AWS Account
    Management); and deployer.aws.optInRegions names only opt-in Regions."""
    listed = spec.deployer.aws.opt_in_regions if spec.deployer.aws else ()
    for index, region in enumerate(listed):
        if not catalog.aws_opt_in(region):
            yield Problem(
                join(ROOT, "deployer", "aws", "optInRegions", str(index)),
                f"{region!r} is not an opt-in AWS Region (those introduced after 2019-03-20); "
                "list only the opt-in Regions enabled for your clusters",
            )
    for at, cluster in zip(paths, clusters, strict=True):
        if isinstance(cluster, AwsCluster) and catalog.aws_opt_in(cluster.region) and cluster.region not in listed:
            account = cluster.account or (spec.deployer.aws.account if spec.deployer.aws else "the deploy role's")
            yield Problem(
                join(at, "region"),
                f"{cluster.region} is an opt-in AWS Region, off in every account until enabled there: enable it in "
                f"account {account} (`aws account enable-region --region-name {cluster.region}`), then list it in "
                "deployer.aws.optInRegions",
            )


def _preview(spec: FleetSpec, clusters: Sequence[ClusterCommon]) -> Iterator[Problem]:
    """Pull-request previews run the branch's code: on runners of their own, as identities of their own."""
    deployer, preview = spec.deployer, spec.deployer.preview
    at = join(ROOT, "deployer", "preview")
    if preview is None:
        if deployer.runner == "self-hosted":
            yield Problem(at, "is missing: previews run unreviewed code and must not run on the deploy runners or "
                          "as the deploy identities; name their runsOn and a read-only identity per cloud")  # fmt: skip
        return
    if deployer.runner == "self-hosted" and set(preview.runs_on) <= set(deployer.runs_on):
        yield Problem(join(at, "runsOn"), f"{list(preview.runs_on)} are all labels the deploy runners carry "
                      f"({list(deployer.runs_on)}), so a preview could run on one; add a label only preview runners "
                      "carry, such as fleet-preview")  # fmt: skip
    wanted: tuple[tuple[type[ClusterBase], str, str | None], ...] = (
        (AwsCluster, "awsRoleArn", preview.aws_role_arn),
        (GcpCluster, "gcpServiceAccount", preview.gcp_service_account),
        (AzureCluster, "azurePrincipalObjectId", preview.azure_principal_object_id),
    )
    for kind, key, value in wanted:
        built = [c for c in clusters if isinstance(c, kind)]
        if built and value is None:
            yield Problem(join(at, key), f"is missing: the stack has {kinds.TITLES[built[0].cloud]} clusters, which "
                          "previews read as this identity")  # fmt: skip
    if deployer.aws and preview.aws_role_arn:
        accounts = {c.account for c in clusters if isinstance(c, AwsCluster)}
        if preview.aws_role_arn in {deployer.aws.role_in(a) for a in accounts | {None}}:
            yield Problem(join(at, "awsRoleArn"), "is a deploy role; previews need a read-only role of their own")
    if deployer.azure and preview.azure_principal_object_id == deployer.azure.principal_object_id:
        yield Problem(join(at, "azurePrincipalObjectId"), "is the deploy principal; previews need a read-only one")


def _unrouted(deployer: Deployer, unrouted: Mapping[str, list[str]]) -> Iterator[Problem]:
    """Private EKS and AKS endpoints are reached by connecting each cluster's network to the runners'
    (fleet/clusters/eks.py, aks.py): the spec must name the runners' network on that cloud."""
    for where, names in unrouted.items():
        clusters = ", ".join(repr(n) for n in names)
        if where == "azure":
            yield Problem(
                join(ROOT, "deployer", "azure", "runnerVirtualNetworkId"),
                f"required: AKS cluster(s) {clusters} have a private API endpoint, which the runners in "
                f"privateNetwork {deployer.private_network} reach only through a peering with their virtual "
                f"network; add its ARM ID ({VIRTUAL_NETWORK_ID_EXAMPLE})",
            )
        else:
            yield Problem(
                join(ROOT, "deployer", "aws", "transitGateways"),
                f"no transit gateway for {where}, where EKS cluster(s) {clusters} have a private API endpoint: "
                f"the runners in privateNetwork {deployer.private_network} would have no route into their VPCs; "
                f"add {where}: tgw-..., the gateway in {where} that the runners' network is attached to",
            )


def _deployer_identity(spec: FleetSpec, clusters: Sequence[ClusterCommon]) -> Iterator[Problem]:
    clouds = {c.cloud for c in clusters}
    if "aws" in clouds and spec.deployer.aws is None:
        yield Problem(
            join(ROOT, "deployer", "aws"),
            "required with EKS clusters: add roleArn, the IAM role the deploy job assumes (it gets an EKS access "
            "entry with cluster admin; nothing gets admin implicitly)",
        )
    if "azure" in clouds and spec.deployer.azure is None:
        yield Problem(
            join(ROOT, "deployer", "azure"),
            "required with AKS clusters: add principalObjectId, the Entra object ID of the deploy job's service "
            "principal (it gets AKS RBAC Cluster Admin and Key Vault Crypto Officer)",
        )


def identity_problems(fleet: Fleet) -> list[Problem]:
    """Every group bound on a cluster is mapped for that cluster's cloud (run after placement:
    which clouds a tenant's groups need depends on where the tenant lands)."""
    spec = fleet.spec
    identity = spec.identity
    by_name = {c.name: c for c in fleet.clusters}
    problems: list[Problem] = []
    needed_gcp_security_group = False

    def check(group: str, cloud: str, at: str, why: str) -> None:
        nonlocal needed_gcp_security_group
        if cloud == catalog.EXISTING:
            return
        needed_gcp_security_group |= cloud == "gcp"
        mapping = identity.groups.get(group)
        if mapping is None or getattr(mapping, cloud) is None:
            problems.append(
                Problem(
                    at,
                    f"group {group!r} has no {cloud} mapping, but {why}; add identity.groups.{group}.{cloud} "
                    f"({IDENTITY_HINT[cloud]})",
                )
            )

    for index, tenant in enumerate(spec.tenants):
        # A copy being drained keeps its role bindings: the tenant moves its data out through them.
        copies = (*fleet.placement.assignments[tenant.name], *(e.cluster for e in tenant.leaving))
        clouds = sorted({by_name[c].cloud for c in copies})
        for role in ("admin", "edit", "view"):
            for g_index, group in enumerate(getattr(tenant.owners, role)):
                for cloud in clouds:
                    at = join(ROOT, "tenants", index, "owners", role, g_index)
                    check(group, cloud, at, f"tenant {tenant.name!r} is placed on {kinds.TITLES[cloud]}")
    managed = sorted({c.cloud for c in fleet.clusters} - {catalog.EXISTING})
    for index, group in enumerate(identity.cluster_admins):
        for cloud in managed:
            where = join(ROOT, "identity", "clusterAdmins", index)
            check(group, cloud, where, f"the fleet has {kinds.TITLES[cloud]} clusters")
    if needed_gcp_security_group and identity.gcp_security_group is None:
        problems.append(
            Problem(
                join(ROOT, "identity", "gcpSecurityGroup"),
                "required when groups are bound on GKE: GKE sees Google Groups in RBAC only through "
                "gke-security-groups@<your domain> (Google Groups for RBAC); add it",
            )
        )
    return problems


IDENTITY_HINT = {
    "aws": "the IAM role ARN whose sessions belong to the group",
    "gcp": "the Google Group's email",
    "azure": "the Entra group's object ID",
}


def _shards(spec: FleetSpec, clusters: Sequence[ClusterCommon], paths: list[str]) -> Iterator[Problem]:
    if not spec.shards:
        return
    first: dict[str, int] = {}
    for index, shard in enumerate(spec.shards):
        if shard.name in first:
            yield Problem(
                join(ROOT, "shards", index, "name"),
                f"{shard.name!r} is already the name of shards[{first[shard.name]}]",
            )
        first.setdefault(shard.name, index)
    for at, cluster in zip(paths, clusters, strict=True):
        owners = [s.name for s in spec.shards if s.clusters.matches(cluster)]
        if len(owners) != 1:
            which = "no shard" if not owners else f"shards {', '.join(owners)}"
            yield Problem(
                at,
                f"cluster {cluster.name!r} ({cluster.cloud} {cluster.region}) is selected by {which}; "
                "every cluster must belong to exactly one shard: adjust the shards' selectors",
            )


def _vcluster_chart(spec: FleetSpec) -> Iterator[Problem]:
    """A local chart must be the pinned chart: Helm installs a path as it finds it, whatever its version."""
    path = spec.vcluster.chart.path
    if path is not None:
        # The Pulumi program and its providers run in the project directory (where Pulumi.yaml is).
        problem = vcluster_chart.local_problem(path, Path.cwd())
        if problem:
            yield Problem(join(ROOT, "vcluster", "chart", "path"), problem)


def _clusters(clusters: Sequence[ClusterCommon], paths: list[str]) -> Iterator[Problem]:
    for at, cluster in zip(paths, clusters, strict=True):
        if not isinstance(cluster, ClusterBase):
            continue
        kind = kinds.kind(cluster.cloud)
        limit = kind.max_cluster_name
        if limit is not None and len(cluster.name) > limit:
            title = kind.title
            if cluster.dedicated_to is not None:
                yield Problem(
                    at.rsplit(".dedicated", 1)[0] + ".name",
                    f"its dedicated cluster would be named {cluster.name!r} ({len(cluster.name)} characters); "
                    f"{title} cluster names may have {limit}: shorten the tenant name",
                )
            else:
                yield Problem(
                    join(at, "name"),
                    f"{cluster.name!r} is {len(cluster.name)} characters; {title} cluster names (and the names "
                    f"the fleet derives from them) allow {limit}: shorten it",
                )
        if cluster.dedicated_to is not None:
            continue  # built from a template, which is checked once where it is defined
        yield from _cloud_fit(cluster.cloud, cluster.network.pod_cidr, cluster.node_pools, at, "network")


def _templates(spec: FleetSpec) -> Iterator[Problem]:
    """Templates are checked whether or not a tenant uses them: an unused one is a definition too."""
    for index, template in enumerate(spec.cluster_templates):
        at = join(ROOT, "clusterTemplates", index)
        yield from _cloud_fit(template.cloud, template.pod_cidr, template.node_pools, at, None)


def _cloud_fit(
    cloud: str, pod_cidr: str | None, node_pools: Sequence[NodePool], at: str, network_key: str | None
) -> Iterator[Problem]:
    """What a cluster of ``cloud`` (or a template for one) must look like beyond its own keys."""
    kind = kinds.kind(cloud)
    title = kind.title
    pod_path = join(at, network_key, "podCidr") if network_key else join(at, "podCidr")
    if kind.no_pod_cidr and pod_cidr is not None:
        yield Problem(pod_path, f"{pod_cidr!r} is not used {kind.no_pod_cidr}; remove podCidr")
    if not kind.no_pod_cidr and pod_cidr is None:
        yield Problem(
            pod_path, f"required on {title}: the range pods get addresses from; add e.g. podCidr: 10.64.0.0/14"
        )
    for pool_index, pool in enumerate(node_pools):
        if kind.max_pool_name is not None and len(pool.name) > kind.max_pool_name:
            yield Problem(
                join(at, "nodePools", pool_index, "name"),
                f"{pool.name!r} is {len(pool.name)} characters; {title} node pool names allow "
                f"{kind.max_pool_name}: shorten it",
            )
        if kind.pool_name is not None and not kind.pool_name.match(pool.name):
            yield Problem(
                join(at, "nodePools", pool_index, "name"),
                f"{pool.name!r} is not a valid {title} node pool name; {kind.pool_name_rule}",
            )
        if kind.machine_type is not None and not kind.machine_type.match(pool.machine_type):
            yield Problem(
                join(at, "nodePools", pool_index, "machineType"),
                f"{pool.machine_type!r} is not {kind.machine_type_example} ({title})",
            )


def _duplicate_names(clusters: Sequence[ClusterCommon], paths: list[str]) -> Iterator[Problem]:
    first: dict[str, int] = {}
    for index, cluster in enumerate(clusters):
        if cluster.name in first:
            yield Problem(
                join(paths[index], "name"),
                f"{cluster.name!r} is already the name of {paths[first[cluster.name]].removeprefix(ROOT + '.')}; "
                "cluster names must be unique",
            )
        else:
            first[cluster.name] = index


def _overlapping_node_ranges(clusters: Sequence[ClusterCommon], paths: list[str]) -> Iterator[Problem]:
    # Sweep over ranges sorted by start address: O(n log n), so a 1,000-cluster fleet pays
    # nothing noticeable. Each overlapping range is reported once, against the earlier range
    # that reaches furthest. Existing clusters have no ranges the fleet assigns.
    ranges = sorted(
        (ipaddress.IPv4Network(c.network.node_cidr), index)
        for index, c in enumerate(clusters)
        if isinstance(c, ClusterBase)
    )
    reach: tuple[ipaddress.IPv4Network, int] | None = None
    for network, index in ranges:
        if reach is not None and network.network_address <= reach[0].broadcast_address:
            other = clusters[reach[1]]
            assert isinstance(other, ClusterBase)
            key = "nodeCidr" if clusters[index].dedicated_to else "network.nodeCidr"
            yield Problem(
                join(paths[index], *key.split(".")),
                f"{str(network)!r} overlaps {other.network.node_cidr} of cluster {other.name!r}; "
                "node ranges must be disjoint so clusters can be peered",
            )
        if reach is None or network.broadcast_address > reach[0].broadcast_address:
            reach = (network, index)


def _unknown_regime(name: str, regimes: Mapping[str, Regime]) -> str:
    return (
        f"{name!r} is not a regime; {spelling.did_you_mean(name, regimes)}use one of {', '.join(regimes)} or "
        "define it under regimes"
    )


def _cluster_regimes(
    clusters: Sequence[ClusterCommon], paths: list[str], regimes: Mapping[str, Regime], unparsed: Unparsed
) -> Iterator[Problem]:
    for at, cluster in zip(paths, clusters, strict=True):
        if cluster.residency is None or unparsed.has("regimes", cluster.residency):
            continue
        regime = regimes.get(cluster.residency)
        if regime is None:
            yield Problem(join(at, "residency"), _unknown_regime(cluster.residency, regimes))
        elif not regime.allows(cluster.cloud, cluster.region, cluster.country):
            if cluster.managed:
                yield Problem(
                    join(at, "region"),
                    f"{cluster.region!r} is in {cluster.country}, outside regime {regime.name} "
                    f"({regime.describe_countries()}); pick a region from `fleet regions --regime {regime.name}`",
                )
            else:
                yield Problem(
                    join(at, "country"),
                    f"{cluster.country!r} is outside regime {regime.name} ({regime.describe_countries()}); "
                    "an existing cluster satisfies a regime only through the country it is declared in",
                )


def _tenants(
    spec: FleetSpec, clusters: Sequence[ClusterCommon], regimes: Mapping[str, Regime], unparsed: Unparsed
) -> Iterator[Problem]:
    names = {t.name for t in spec.tenants}
    cluster_names = {c.name for c in clusters}
    sites = {c.region for c in clusters if not c.managed}
    first: dict[str, int] = {}
    for index, tenant in enumerate(spec.tenants):
        at = join(ROOT, "tenants", index)
        if tenant.name in first:
            yield Problem(
                join(at, "name"),
                f"{tenant.name!r} is already the name of tenants[{first[tenant.name]}]; tenant names must be unique",
            )
        first.setdefault(tenant.name, index)
        if tenant.name in RESERVED_NAMESPACES or tenant.name.startswith("kube-"):
            yield Problem(join(at, "name"), f"{tenant.name!r} is a system namespace name; choose another tenant name")
        if tenant.residency not in regimes and not unparsed.has("regimes", tenant.residency):
            yield Problem(join(at, "residency"), _unknown_regime(tenant.residency, regimes))
        for peer_index, peer in enumerate(tenant.network.allow_from):
            if peer.tenant is not None and peer.tenant not in names and not unparsed.has("tenants", peer.tenant):
                yield Problem(
                    join(at, "network", "allowFrom", peer_index, "tenant"),
                    f"{peer.tenant!r} is not a tenant; name one of {', '.join(sorted(names))}",
                )
        for c_index, name in enumerate(tenant.placement.clusters):
            if name not in cluster_names and not unparsed.has("clusters", name):
                yield Problem(
                    join(at, "placement", "clusters", c_index),
                    f"{name!r} is not a cluster; name one of {', '.join(sorted(cluster_names))}",
                )
        for r_index, region in enumerate(tenant.placement.regions):
            if not any(catalog.lookup(cloud, region) for cloud in catalog.CLOUDS) and region not in sites:
                yield Problem(
                    join(at, "placement", "regions", r_index),
                    f"{region!r} is not a region of any cloud nor the site of an existing cluster; "
                    "run `fleet regions` for the list",
                )
        yield from _leaving(tenant, at, clusters, regimes, unparsed)
        if isinstance(tenant, ClusterTenant) and tenant.residency in regimes:
            regime = regimes[tenant.residency]
            for c_index, entry in enumerate(tenant.dedicated.clusters):
                cluster = next(
                    (c for c in clusters if c.dedicated_to == tenant.name and c.region == entry.region),
                    None,
                )
                if cluster is None:
                    continue  # it did not expand; that problem is reported already
                if not regime.allows(cluster.cloud, cluster.region):
                    yield Problem(
                        join(at, "dedicated", "clusters", c_index, "region"),
                        f"{entry.region!r} is in {cluster.country}, outside the tenant's regime "
                        f"{regime.name} ({regime.describe_countries()})",
                    )


def _leaving(
    tenant: Tenant, at: str, clusters: Sequence[ClusterCommon], regimes: Mapping[str, Regime], unparsed: Unparsed
) -> Iterator[Problem]:
    """A drain (docs/OPERATING.md) names clusters that still exist and that the tenant's regime allows."""
    if tenant.retired and not tenant.leaving:
        yield Problem(
            join(at, "retired"),
            f"tenant {tenant.name!r} is retired and leaves no cluster: nothing of it remains, so remove it from "
            "tenants (or list in leaving the clusters its data is still on)",
        )
    if not tenant.leaving:
        return
    if isinstance(tenant, ClusterTenant):
        yield Problem(
            join(at, "leaving"),
            "a tenant with isolation: cluster leaves no shared cluster: its data is on its dedicated clusters, "
            "which are removed with dedicated.clusters; remove leaving",
        )
        return
    by_name = {c.name: c for c in clusters}
    regime = regimes.get(tenant.residency)
    seen: dict[str, int] = {}
    for index, entry in enumerate(tenant.leaving):
        where = join(at, "leaving", index, "cluster")
        if entry.cluster in seen:
            yield Problem(where, f"{entry.cluster!r} is already leaving[{seen[entry.cluster]}]; list a cluster once")
            continue
        seen[entry.cluster] = index
        cluster = by_name.get(entry.cluster)
        if cluster is None:
            if unparsed.has("clusters", entry.cluster):
                continue
            yield Problem(
                where,
                f"{entry.cluster!r} is not a cluster; {spelling.did_you_mean(entry.cluster, by_name)}the tenant's "
                "old copy is deleted through its cluster, so keep a cluster in clusters (cordoned: true) until every "
                "tenant has left it",
            )
            continue
        if cluster.dedicated_to is not None:
            yield Problem(where, f"{entry.cluster!r} is {cluster.dedicated_to!r}'s dedicated cluster; no other "
                          "tenant is ever placed on it, so none leaves it")  # fmt: skip
            continue
        if regime is not None and not regime.allows(cluster.cloud, cluster.region, cluster.country):
            yield Problem(
                where,
                f"{entry.cluster!r} is in {cluster.country}, outside the tenant's regime {regime.name} "
                f"({regime.describe_countries()}): the kept copy would break it. Drain the tenant under the regime "
                "it had, then change residency",
            )


def leaving_problems(fleet: Fleet) -> list[Problem]:
    """A drain entry for a cluster the tenant is placed on again would keep two copies there."""
    problems = []
    for index, tenant in enumerate(fleet.spec.tenants):
        placed = fleet.placement.assignments[tenant.name]
        for e_index, entry in enumerate(tenant.leaving):
            if entry.cluster in placed:
                problems.append(
                    Problem(
                        join(ROOT, "tenants", index, "leaving", e_index, "cluster"),
                        f"tenant {tenant.name!r} is placed on {entry.cluster!r}, so it is not leaving it: remove "
                        "this entry, or cordon the cluster or change the tenant's placement to move it",
                    )
                )
    return problems


SCOPE_KEYS = {"aws": "partition", "gcp": "projects", "azure": "environment"}


def _guardrails(
    spec: FleetSpec,
    clusters: Sequence[ClusterCommon],
    paths: list[str],
    regimes: Mapping[str, Regime],
    unparsed: Unparsed,
) -> Iterator[Problem]:
    """Cloud guardrails: a known regime that restricts something, regions on every cloud they
    name, at most one guardrail per scope, and never one that would deny the API calls of a
    cluster it covers."""
    first: dict[str, int] = {}
    claimed: dict[tuple[str, str], tuple[int, str]] = {}
    for index, guardrail in enumerate(spec.guardrails):
        at = join(ROOT, "guardrails", index)
        if guardrail.name in first:
            yield Problem(
                join(at, "name"),
                f"{guardrail.name!r} is already the name of guardrails[{first[guardrail.name]}]; "
                "guardrail names must be unique",
            )
        first.setdefault(guardrail.name, index)
        regime = regimes.get(guardrail.regime)
        if regime is None:
            if not unparsed.has("regimes", guardrail.regime):
                yield Problem(join(at, "regime"), _unknown_regime(guardrail.regime, regimes))
            continue
        if regime.countries is None:
            yield Problem(
                join(at, "regime"),
                f"{guardrail.regime!r} allows every region, so its guardrail would restrict nothing; name the regime "
                "whose regions the clouds must keep to",
            )
            continue
        for name in guardrail.clouds():
            built = spec_guardrails.build(guardrail, name, regime)
            yield from _cloud_guardrail(built, regime, at, clusters, paths)
            for key in core_guardrails.scope_keys(built):
                if (name, key) in claimed:
                    other, other_name = claimed[(name, key)]
                    yield Problem(
                        join(at, name),
                        f"{kinds.TITLES[name]} {key} is already covered by guardrails[{other}] "
                        f"({other_name!r}); one scope has one guardrail in a stack: merge them or remove the scope "
                        "from one",
                    )
                else:
                    claimed[(name, key)] = (index, guardrail.name)
        if spec.shards:
            scopes = guardrail.clouds()
            covered = [
                c for c in clusters if c.cloud in scopes and spec_guardrails.cluster_scope(c) in scopes[c.cloud].covers
            ]
            # A cluster selected by no shard or by several is reported by _shards.
            owners = [[s.name for s in spec.shards if s.clusters.matches(c)] for c in covered]
            shards = sorted({names[0] for names in owners if len(names) == 1})
            if not covered:
                yield Problem(
                    at,
                    "covers no cluster, and this environment is split into shards: no shard's stack would deploy it; "
                    "cover the account, project or subscription of a cluster (account/project/subscription on the "
                    "cluster)",
                )
            elif len(shards) > 1:
                yield Problem(
                    at,
                    f"covers clusters of shards {', '.join(shards)}; each shard's stack deploys the guardrails of its "
                    "own clusters: split it into one guardrail per shard",
                )


def _cloud_guardrail(
    g: CloudGuardrail, regime: Regime, guardrail_at: str, clusters: Sequence[ClusterCommon], paths: list[str]
) -> Iterator[Problem]:
    at = join(guardrail_at, g.cloud)
    title = kinds.TITLES[g.cloud]
    where = {"aws": f"partition {g.scope}", "gcp": "GCP", "azure": f"Azure cloud {g.scope}"}[g.cloud]
    if not g.regions:
        yield Problem(
            at,
            f"regime {regime.name} ({regime.summary()}) allows no region of {where}, so the guardrail "
            f"would deny everything there; pick a regime with regions from `fleet regions --cloud {g.cloud}`",
        )
        return
    if g.cloud == "aws":
        try:
            core_guardrails.scp_document(g)
        except core_guardrails.GuardrailError as err:
            yield Problem(join(at, "exemptPrincipals"), str(err))
        management = str(g.role_arn).split(":")[4]
        if management in g.covers:
            yield Problem(
                join(at, "managementRoleArn"),
                f"the role is in account {management}, which this guardrail also covers; if that is the "
                "organization's management account, SCPs do not restrict it (AWS Organizations: SCPs don't affect "
                "users or roles in the management account): run regulated clusters in member accounts",
            )
    if g.cloud == "gcp" and len(g.values) > core_guardrails.GCP_MAX_VALUES:
        yield Problem(
            at, f"{len(g.values)} values exceed the {core_guardrails.GCP_MAX_VALUES} an organization policy may list"
        )
    for cluster, path in zip(clusters, paths, strict=True):
        if cluster.cloud != g.cloud or spec_guardrails.cluster_scope(cluster) not in g.covers:
            continue
        assert isinstance(cluster, ClusterBase)
        found = cluster.region_info
        scope = f"{kinds.kind(g.cloud).scope_word} {spec_guardrails.cluster_scope(cluster)}"
        if found.scope != g.scope:
            yield Problem(
                join(at, SCOPE_KEYS[g.cloud]),
                f"is {g.scope!r}, but cluster {cluster.name!r} ({path.removeprefix(ROOT + '.')}) in {scope} runs in "
                f"{found.name}, a region of {found.scope!r}; a guardrail lists the regions of one "
                f"{'partition' if g.cloud == 'aws' else 'cloud'}: set it to {found.scope!r}",
            )
        elif found.name not in g.regions:
            yield Problem(
                join(guardrail_at, "regime"),
                f"cluster {cluster.name!r} ({path.removeprefix(ROOT + '.')}) in {scope} runs in {found.name} "
                f"({found.country}), which regime {regime.name} ({regime.summary()}) does not allow: the {title} "
                "guardrail would deny the cluster's own API calls; move the cluster to a scope of its own, or cover "
                f"this {kinds.kind(g.cloud).scope_word} with a guardrail whose regime allows {found.name}",
            )


def cluster_identity(cluster: ClusterCommon) -> tuple[str, str, str] | None:
    """What names a built cluster in its cloud: kind, account/project/subscription, name. Names are
    unique there (EKS per account and region, but fleet's IAM roles per account; GKE per project;
    AKS per resource group, fleet's named after the cluster), so two stacks with the same identity
    would create, update and delete one set of resources. None for clusters fleet does not build."""
    kind = kinds.kind(cluster.cloud)
    if not kind.built or kind.scope is None:
        return None
    return (kind.name, str(getattr(cluster, kind.scope)), cluster.name)


def shared_clusters(fleet: Fleet, others: Mapping[str, Fleet]) -> list[Problem]:
    """A problem for each cluster this stack deploys that another stack of the project deploys too."""
    owners: dict[tuple[str, str, str], list[str]] = {}
    for name, other in sorted(others.items()):
        for cluster in other.deployed_clusters:
            identity = cluster_identity(cluster)
            if identity is not None:
                owners.setdefault(identity, []).append(name)
    paths = dict(zip((c.name for c in fleet.clusters), cluster_paths(fleet.spec, fleet.clusters), strict=True))
    found = []
    for cluster in fleet.deployed_clusters:
        identity = cluster_identity(cluster)
        stacks = owners.get(identity, []) if identity is not None else []
        if stacks:
            kind = kinds.kind(cluster.cloud)
            found.append(
                Problem(
                    join(paths[cluster.name], "name"),
                    f"cluster {cluster.name!r} in {kind.scope_word} {identity[1]} is also deployed by stack "  # type: ignore[index]
                    f"{', '.join(repr(s) for s in stacks)}; two stacks would create, change and delete the same "
                    f"cloud resources: rename it, or deploy it from one stack (shards split one spec between stacks)",
                )
            )
    return found


def regulated_scope_problems(fleet: Fleet) -> list[Problem]:
    """Every cluster fleet builds that holds a regime names its account, project or subscription,
    and a guardrail of the spec covers that scope: what FLEET-GRD-001 requires of the rendered
    stack, decided here so `fleet validate` says it too. Run after placement: a cluster holds the
    regimes of the tenants placed on it, as its namespaces' labels tell the pack."""
    spec = fleet.spec
    templates = {t.name: i for i, t in enumerate(spec.cluster_templates)}
    tenants = {t.name: t for t in spec.tenants}
    problems: list[Problem] = []
    for at, cluster in zip(cluster_paths(spec, fleet.clusters), fleet.clusters, strict=True):
        if cluster.cloud == catalog.EXISTING:
            continue  # no cloud account to guard
        key = kinds.kind(cluster.cloud).scope or ""
        known = fleet.regimes
        regimes = [r for r in fleet.regimes_held(cluster) if r in known and known[r].countries is not None]
        if not regimes:
            continue
        what = f"cluster {cluster.name!r} holds regime {', '.join(regimes)}"
        scope = spec_guardrails.cluster_scope(cluster)
        if scope is None:
            where = join(at, key)
            owner = tenants.get(cluster.dedicated_to or "")
            if isinstance(owner, ClusterTenant) and owner.dedicated.template in templates:
                where = join(ROOT, "clusterTemplates", templates[owner.dedicated.template], key)
            problems.append(
                Problem(
                    where,
                    f"{what} but names no {key}, so no cloud guardrail can be shown to cover it and FLEET-GRD-001 "
                    f"refuses it; set {key}",
                )
            )
        elif not spec_guardrails.covering(fleet, cluster):
            problems.append(
                Problem(
                    at,
                    f"{what}, and no entry of guardrails covers its {key} {scope}, so FLEET-GRD-001 refuses it; add a "
                    f"guardrail of regime {regimes[0]} for {key} {scope} (or one that reads the existing one: "
                    "managed: false)",
                )
            )
    return problems
