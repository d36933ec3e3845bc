"""Checks that span more than one key: run after the structure parsed, all problems at once."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Container, Iterator, Mapping, Sequence

import yaml

from fleet import catalog
from fleet.residency import Regime
from fleet.spec.errors import ROOT, Problem, join
from fleet.spec.fleet import Fleet, Unparsed
from fleet.spec.model import ClusterBase, ClusterCommon, ExistingCluster, FleetSpec, NodePool

MACHINE_TYPE = {
    "aws": (re.compile(r"^[a-z][a-z0-9-]*\.[a-z0-9]+$"), "an EC2 instance type such as m7i.xlarge"),
    "gcp": (re.compile(r"^[a-z][a-z0-9]*-[a-z0-9-]+$"), "a Compute Engine machine type such as n2-standard-4"),
    "azure": (re.compile(r"^Standard_[A-Za-z0-9_]+$"), "an Azure VM size such as Standard_D4s_v5"),
}
AKS_POOL_NAME = re.compile(r"^[a-z][a-z0-9]{0,11}$")
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
    ]


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
                          f"{catalog.CLOUD_TITLES[cluster.cloud]}: remove dnsEndpoint")  # fmt: skip
            continue
        if endpoint.dns_endpoint:
            continue  # reachable from any network; IAM (container.clusters.connect) decides
        if endpoint.access == "private":
            if deployer.private_network is None:
                yield Problem(
                    key,
                    f"cluster {cluster.name!r} has a private API endpoint, but the deployer "
                    f"({deployer.runner} runners) has no privateNetwork routed into cluster networks, so `pulumi up` "
                    "could not create its Kubernetes objects; deploy from self-hosted runners (deployer.runner, "
                    "runsOn, privateNetwork)"
                    + (", or on GKE set apiEndpoint.dnsEndpoint: true" if cluster.cloud == "gcp" else ""),
                )
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
        clouds = sorted({by_name[c].cloud for c in fleet.placement.assignments[tenant.name]})
        for role in ("admin", "edit", "view"):
            for g_index, group in enumerate(getattr(tenant.owners, role)):
                for cloud in clouds:
                    at = join(ROOT, "tenants", index, "owners", role, g_index)
                    check(group, cloud, at, f"tenant {tenant.name!r} is placed on {catalog.CLOUD_TITLES[cloud]}")
    managed = sorted({c.cloud for c in fleet.clusters} - {catalog.EXISTING})
    for index, group in enumerate(identity.cluster_admins):
        for cloud in managed:
            where = join(ROOT, "identity", "clusterAdmins", index)
            check(group, cloud, where, f"the fleet has {catalog.CLOUD_TITLES[cloud]} clusters")
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


def _clusters(clusters: Sequence[ClusterCommon], paths: list[str]) -> Iterator[Problem]:
    for at, cluster in zip(paths, clusters, strict=True):
        if not isinstance(cluster, ClusterBase):
            continue
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
    title = catalog.CLOUD_TITLES[cloud]
    pod_path = join(at, network_key, "podCidr") if network_key else join(at, "podCidr")
    if cloud == "aws" and pod_cidr is not None:
        yield Problem(pod_path, f"{pod_cidr!r} is not used on EKS: pods take VPC addresses (VPC CNI); remove podCidr")
    if cloud != "aws" and pod_cidr is None:
        yield Problem(
            pod_path, f"required on {title}: the range pods get addresses from; add e.g. podCidr: 10.64.0.0/14"
        )
    pattern, example = MACHINE_TYPE[cloud]
    for pool_index, pool in enumerate(node_pools):
        if cloud == "azure" and not AKS_POOL_NAME.match(pool.name):
            yield Problem(
                join(at, "nodePools", pool_index, "name"),
                f"{pool.name!r} is not a valid AKS node pool name; use 1-12 lowercase letters "
                "and digits, starting with a letter",
            )
        if not pattern.match(pool.machine_type):
            yield Problem(
                join(at, "nodePools", pool_index, "machineType"),
                f"{pool.machine_type!r} is not {example} ({title})",
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
    return f"{name!r} is not a regime; use one of {', '.join(regimes)} or define it under regimes"


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
        if tenant.dedicated is not None and tenant.isolation == "cluster" and tenant.residency in regimes:
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
