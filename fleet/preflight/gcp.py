"""`fleet preflight --check`, GCP: read-only calls, with the deployer's Application Default
Credentials, for what a stack's first `pulumi up` would trip on in each project it deploys to.

- APIs: each API the checklist names (``checklist.GCP_APIS``, and ``GCP_FLEET_API`` with upgrade
  waves) enabled in the project (Service Usage ``services.batchGet``; it names a project by number,
  which Cloud Resource Manager ``projects.get`` gives).
- Quotas, per project and region, against what fleet may use at most (Compute Engine ``regions.get``
  quotas, ``projects.get`` for ``CPUS_ALL_REGIONS``): the vCPUs of every node pool at maxSize
  (``machineTypes.get`` gives each type's ``guestCpus``), counted against the quota of its machine
  series (E2 and N1 share ``CPUS``; N2, C3, ... have ``N2_CPUS``, ``C3_CPUS``, ... where the region
  lists one), the nodes themselves (``INSTANCES``), and their boot disks (GKE's default boot disk
  since 1.24 is ``pd-balanced``, which counts against ``SSD_TOTAL_GB``; counted for the series that
  boot from Persistent Disk). Usage already in the region is counted too.
- No address quota: GKE's nodes are private (fleet/clusters/gke.py) and Cloud NAT allocates its
  addresses automatically (``AUTO_ONLY``), and "the automatically added NAT IP addresses [...] don't
  count toward per-project quotas" (Cloud NAT, "IP addresses and ports"). The program reserves no
  static address.

- The perimeter that guards a DNS endpoint (``apiEndpoint.dnsEndpointPerimeter``): it exists, holds
  the project, and restricts the services GKE names for it (Access Context Manager
  ``accessPolicies.servicePerimeters.get``; its enforced ``status``, not a dry-run ``spec``).

Left to the printed checklist: the Google groups RBAC names and ``gke-security-groups`` membership.
Reading a group needs the Cloud Identity Groups API and a directory grant the deployer does not
otherwise hold, so nothing here asks.

Clients come from a factory, ``(api, version) -> googleapiclient Resource``: the CLI builds them
with ADC; the tests build the same discovery clients over googleapiclient's HttpMockSequence.
"""

from __future__ import annotations

import warnings
from collections import defaultdict
from collections.abc import Callable
from typing import Any

import httplib2
from google.auth.exceptions import GoogleAuthError

with warnings.catch_warnings():
    # google-api-core warns, on import, that a future release will drop this Python version.
    warnings.filterwarnings("ignore", category=FutureWarning, module=r"google\.api_core")
    from googleapiclient import discovery  # type: ignore[import-untyped]
    from googleapiclient.errors import HttpError  # type: ignore[import-untyped]

from fleet.preflight.checklist import GCP_APIS, GCP_FLEET_API, GKE_DNS_ENDPOINT_SERVICES
from fleet.preflight.finding import Finding, fits
from fleet.spec import Fleet
from fleet.spec.model import GcpCluster

# Any client factory: (api, version) -> a googleapiclient discovery Resource.
Clients = Callable[[str, str], Any]
COMPUTE_API = "compute.googleapis.com"
# Series whose vCPUs count against the regional CPUS quota; every other series has its own
# <SERIES>_CPUS where the region lists one (Compute Engine, "Allocation quotas": CPU quota).
SHARED_CPU_SERIES = frozenset({"e2", "n1", "f1", "g1"})
# Series that boot from Persistent Disk, so from GKE's default pd-balanced (SSD_TOTAL_GB); the
# newer ones (C4, N4, ...) boot from Hyperdisk, which has quotas of its own, not checked here.
PD_BOOT_SERIES = frozenset(
    {"e2", "n1", "f1", "g1", "n2", "n2d", "t2d", "t2a", "c2", "c2d", "c3", "c3d", "m1", "m2", "m3", "a2", "g2"}
)


def _error(err: Exception) -> str:
    status = getattr(getattr(err, "resp", None), "status", None)
    reason = getattr(err, "reason", None) or str(err)
    return f"HTTP {status}: {reason}" if status else reason


# What a call can raise besides a bug: the API's answer, the token's, the connection's.
ERRORS = (HttpError, GoogleAuthError, httplib2.HttpLib2Error, OSError)
READ_ONLY = [  # scopes: every call here is allowed with one of them
    "https://www.googleapis.com/auth/cloud-platform.read-only",
    "https://www.googleapis.com/auth/compute.readonly",
]


def _status(err: Exception) -> int | None:
    status = getattr(getattr(err, "resp", None), "status", None)
    return int(status) if status is not None else None


def _number(clients: Clients, project: str) -> str:
    # cloudresourcemanager.projects.get: GET https://cloudresourcemanager.googleapis.com/v1/projects/{projectId}
    return str(clients("cloudresourcemanager", "v1").projects().get(projectId=project).execute()["projectNumber"])


def _apis(clients: Clients, project: str, number: str, apis: tuple[str, ...]) -> tuple[list[Finding], bool | None]:
    """Each API enabled or not; and whether Compute Engine is (None: unknown)."""
    try:
        # serviceusage.services.batchGet: GET https://serviceusage.googleapis.com/v1/{parent=*/*}/services:batchGet
        # ?names=projects/{number}/services/{api}..., at most 30 names; parent is projects/{project number}.
        answer = (
            clients("serviceusage", "v1")
            .services()
            .batchGet(parent=f"projects/{number}", names=[f"projects/{number}/services/{api}" for api in apis])
            .execute()
        )
    except ERRORS as err:
        return [Finding(project, False, f"could not read which APIs are enabled ({_error(err)})")], None
    state = {s.get("name", "").rsplit("/", 1)[-1]: s.get("state", "") for s in answer.get("services", [])}
    out = []
    for api in apis:
        if state.get(api) == "ENABLED":
            out.append(Finding(project, True, f"API {api} is enabled"))
        else:
            out.append(
                Finding(project, False, f"API {api} is not enabled: `gcloud services enable {api} --project {project}`")
            )
    return out, state.get(COMPUTE_API) == "ENABLED"


def _quotas(answer: dict[str, Any]) -> dict[str, tuple[float, float]]:
    return {q["metric"]: (float(q.get("limit", 0)), float(q.get("usage", 0))) for q in answer.get("quotas", [])}


def _machine_cpus(
    clients: Clients, project: str, region: str, zones: list[str], machine_type: str
) -> tuple[int | None, Finding | None]:
    """The type's vCPUs, from the first zone of the region that offers it."""
    compute = clients("compute", "v1")
    for zone in zones:
        try:
            # compute.machineTypes.get: GET https://compute.googleapis.com/compute/v1/projects/{project}/zones/{zone}
            # /machineTypes/{machineType}
            found = compute.machineTypes().get(project=project, zone=zone, machineType=machine_type).execute()
        except HttpError as err:
            if _status(err) == 404:
                continue
            return None, Finding(
                project, False, f"{region}: could not read machine type {machine_type} ({_error(err)})"
            )
        except ERRORS as err:
            return None, Finding(
                project, False, f"{region}: could not read machine type {machine_type} ({_error(err)})"
            )
        return int(found["guestCpus"]), None
    return None, Finding(project, False, f"{region}: machine type {machine_type} is offered in no zone of the region")


def _series(machine_type: str) -> str:
    return machine_type.split("-", 1)[0].lower()


def _region(clients: Clients, project: str, region: str, clusters: list[GcpCluster]) -> tuple[list[Finding], int]:
    """The region's quotas against its clusters at maxSize; and the vCPUs they need."""
    try:
        # compute.regions.get: GET https://compute.googleapis.com/compute/v1/projects/{project}/regions/{region}
        answer = clients("compute", "v1").regions().get(project=project, region=region).execute()
    except ERRORS as err:
        return [Finding(project, False, f"{region}: could not read the region's quotas ({_error(err)})")], 0
    quotas = _quotas(answer)
    zones = sorted(z.rsplit("/", 1)[-1] for z in answer.get("zones", []))
    pools = [p for c in clusters for p in c.node_pools]
    out: list[Finding] = []
    cpus: dict[str, int] = {}
    for machine_type in sorted({p.machine_type for p in pools}):
        found, problem = _machine_cpus(clients, project, region, zones, machine_type)
        if problem is not None:
            out.append(problem)
        if found is not None:
            cpus[machine_type] = found
    by_metric: dict[str, int] = defaultdict(int)
    for pool in pools:
        if pool.machine_type in cpus:
            series = _series(pool.machine_type)
            own = f"{series.upper()}_CPUS"
            metric = own if series not in SHARED_CPU_SERIES and own in quotas else "CPUS"
            by_metric[metric] += pool.max_size * cpus[pool.machine_type]
    for metric, need in sorted(by_metric.items()):
        out.append(fits(project, region, "vCPUs", need, quotas, metric))
    out.append(fits(project, region, "nodes", sum(p.max_size for p in pools), quotas, "INSTANCES"))
    disks = sum(p.max_size * p.disk_size_gb for p in pools if _series(p.machine_type) in PD_BOOT_SERIES)
    if disks:
        out.append(fits(project, region, "GB of pd-balanced boot disks", disks, quotas, "SSD_TOTAL_GB"))
    return out, sum(by_metric.values())


def _perimeter(clients: Clients, project: str, number: str, cluster: str, perimeter: str) -> Finding:
    what = f"perimeter {perimeter} (guards {cluster}'s DNS endpoint)"
    try:
        # accesscontextmanager.accessPolicies.servicePerimeters.get:
        # GET https://accesscontextmanager.googleapis.com/v1/{name=accessPolicies/*/servicePerimeters/*}
        found = clients("accesscontextmanager", "v1").accessPolicies().servicePerimeters().get(name=perimeter).execute()
    except ERRORS as err:
        return Finding(project, False, f"could not read {what} ({_error(err)})")
    status = found.get("status") or {}
    wanting = []
    if f"projects/{number}" not in status.get("resources", []):
        wanting.append(f"does not hold project {project} (projects/{number})")
    unrestricted = [s for s in GKE_DNS_ENDPOINT_SERVICES if s not in status.get("restrictedServices", [])]
    if unrestricted:
        wanting.append(f"does not restrict {' and '.join(unrestricted)}")
    if not wanting:
        return Finding(
            project, True, f"{what} holds the project and restricts {' and '.join(GKE_DNS_ENDPOINT_SERVICES)}"
        )
    return Finding(project, False, f"{what} {'; '.join(wanting)} (enforced configuration; a dry run does not count)")


def _project(
    clients: Clients, project: str, clusters: list[GcpCluster], apis: tuple[str, ...], perimeters: dict[str, str]
) -> list[Finding]:
    try:
        number = _number(clients, project)
    except (*ERRORS, KeyError) as err:
        return [Finding(project, False, f"could not read the project's number ({_error(err)})")]
    findings, compute = _apis(clients, project, number, apis)
    findings += [
        _perimeter(clients, project, number, c.name, perimeters[c.name]) for c in clusters if c.name in perimeters
    ]
    if compute is False:
        findings.append(Finding(project, False, f"quotas not checked: {COMPUTE_API} is not enabled"))
        return findings
    need = 0
    for region in sorted({c.region for c in clusters}):
        found, cpus = _region(clients, project, region, [c for c in clusters if c.region == region])
        findings += found
        need += cpus
    if not need:
        return findings
    try:
        # compute.projects.get: GET https://compute.googleapis.com/compute/v1/projects/{project}
        answer = clients("compute", "v1").projects().get(project=project).execute()
    except ERRORS as err:
        findings.append(Finding(project, False, f"could not read the project's quotas ({_error(err)})"))
        return findings
    findings.append(fits(project, "all regions", "vCPUs", need, _quotas(answer), "CPUS_ALL_REGIONS"))
    return findings


def check(fleet: Fleet, clients: Clients, with_waves: bool = False) -> list[Finding]:
    """Every check for the stack's GCP projects, in project order; a failed call is a finding too.
    ``with_waves``: the stack has upgrade waves, so its clusters join their project's fleet."""
    by_project: dict[str, list[GcpCluster]] = defaultdict(list)
    for cluster in fleet.deployed_clusters:
        if isinstance(cluster, GcpCluster):
            by_project[cluster.project].append(cluster)
    apis = (*GCP_APIS, *([GCP_FLEET_API] if with_waves else []))
    perimeters = {
        c.name: perimeter
        for cs in by_project.values()
        for c in cs
        if (perimeter := fleet.spec.api_endpoint(c).dns_endpoint_perimeter)
    }
    findings: list[Finding] = []
    for project in sorted(by_project):
        findings += _project(clients, project, by_project[project], apis, perimeters)
    return findings


def session_clients() -> Clients:
    """Discovery clients with Application Default Credentials (a CI job's workload identity
    federation, ``gcloud auth application-default login`` on a laptop). Raises
    google.auth.exceptions.DefaultCredentialsError, before any call, when there are none."""
    import google.auth

    credentials, _ = google.auth.default(scopes=READ_ONLY)
    built: dict[tuple[str, str], Any] = {}

    def make(api: str, version: str) -> Any:
        if (api, version) not in built:
            # The discovery documents shipped with the library: no call to fetch them.
            built[api, version] = discovery.build(
                api, version, credentials=credentials, static_discovery=True, cache_discovery=False
            )
        return built[api, version]

    return make
