"""`fleet preflight --check` for GCP (issue 24): each call goes through google-api-python-client's
discovery client, built from the discovery document the library ships, which refuses a parameter
the method does not define or one that breaks its pattern. Each request it makes is executed as
a real HttpRequest over googleapiclient's HttpMockSequence, answered from a small project world each
test sets up; a method the world does not answer is refused by RequestMockBuilder
(UnexpectedMethodError), so a call the code makes that the tests did not foresee fails them."""

from __future__ import annotations

import json
import urllib.parse
import warnings
from dataclasses import dataclass, field
from typing import Any

import pytest

from fleet.preflight import gcp
from fleet.preflight.checklist import GCP_APIS, GCP_FLEET_API, GKE_DNS_ENDPOINT_SERVICES
from tests.conftest import fleet_of, raw_spec

with warnings.catch_warnings():  # google-api-core's notice that a future release drops this Python
    warnings.filterwarnings("ignore", category=FutureWarning, module=r"google\.api_core")
    from googleapiclient import discovery
    from googleapiclient.errors import UnexpectedMethodError
    from googleapiclient.http import HttpMockSequence, HttpRequest, RequestMockBuilder

PROD = fleet_of("prod")
NUMBERS = {"acme-fleet-prod": "111111111111", "acme-fleet-prod-us": "222222222222"}
ZONES = {"europe-west4": ("a", "b", "c"), "us-central1": ("a", "b", "c", "f")}
GUEST_CPUS = {"n2-standard-8": 8, "e2-standard-4": 4}
COMPUTE = "https://compute.googleapis.com/compute/v1/projects/"
PERIMETER = "accessPolicies/482913650184/servicePerimeters/fleet_prod"  # prod's GKE clusters name it


@dataclass
class World:
    """What the projects hold: APIs enabled, quota limits and usage, machine types per zone."""

    enabled: dict[str, set[str]] = field(default_factory=dict)
    limits: dict[str, float] = field(default_factory=dict)  # metric -> limit, in every region and project
    usage: float = 0
    missing_types: set[str] = field(default_factory=set)  # "zone/machineType" not offered
    denied: set[str] = field(default_factory=set)  # methodIds answered 403
    # VPC Service Controls perimeters by name: the projects (numbers) they hold, the services they restrict.
    perimeters: dict[str, tuple[set[str], set[str]]] = field(default_factory=dict)
    calls: list[tuple[str, str]] = field(default_factory=list)  # (methodId, uri)

    def quotas(self, *metrics: str) -> list[dict[str, Any]]:
        return [{"metric": m, "limit": self.limits.get(m, 10000.0), "usage": self.usage} for m in metrics]

    def answer(self, method_id: str, uri: str) -> tuple[int, dict[str, Any]] | None:
        parts = urllib.parse.urlsplit(uri)
        path = parts.path.split("/")
        query = urllib.parse.parse_qs(parts.query)
        if method_id == "cloudresourcemanager.projects.get":  # /v1/projects/{projectId}
            project = path[3]
            return 200, {"projectNumber": NUMBERS[project], "projectId": project, "lifecycleState": "ACTIVE"}
        if method_id == "serviceusage.services.batchGet":  # /v1/projects/{number}/services:batchGet
            number = path[3]
            project = next(p for p, n in NUMBERS.items() if n == number)
            return 200, {
                "services": [
                    {
                        "name": name,
                        "parent": f"projects/{number}",
                        "state": "ENABLED"
                        if name.rsplit("/", 1)[1] in self.enabled.get(project, set())
                        else "DISABLED",
                    }
                    for name in query["names"]
                ]
            }
        if method_id == "compute.regions.get":  # /compute/v1/projects/{project}/regions/{region}
            project, region = path[4], path[6]
            return 200, {
                "kind": "compute#region",
                "name": region,
                "status": "UP",
                "zones": [f"{COMPUTE}{project}/zones/{region}-{z}" for z in ZONES[region]],
                "quotas": self.quotas("CPUS", "N2_CPUS", "E2_CPUS", "INSTANCES", "SSD_TOTAL_GB", "IN_USE_ADDRESSES"),
            }
        if method_id == "compute.machineTypes.get":  # /compute/v1/projects/{p}/zones/{zone}/machineTypes/{type}
            zone, machine_type = path[6], path[8]
            if f"{zone}/{machine_type}" in self.missing_types:
                return 404, {
                    "error": {
                        "code": 404,
                        "message": f"The resource 'projects/{path[4]}/zones/{zone}/"
                        f"machineTypes/{machine_type}' was not found",
                    }
                }
            return 200, {
                "kind": "compute#machineType",
                "name": machine_type,
                "zone": zone,
                "guestCpus": GUEST_CPUS[machine_type],
            }
        if method_id == "accesscontextmanager.accessPolicies.servicePerimeters.get":
            name = "/".join(path[2:6])  # /v1/accessPolicies/{policy}/servicePerimeters/{perimeter}
            if name not in self.perimeters:
                return 404, {"error": {"code": 404, "status": "NOT_FOUND", "message": f"{name} not found"}}
            numbers, restricted = self.perimeters[name]
            return 200, {
                "name": name,
                "title": name.rsplit("/", 1)[1],
                "perimeterType": "PERIMETER_TYPE_REGULAR",
                "status": {
                    "resources": [f"projects/{n}" for n in sorted(numbers)],
                    "restrictedServices": sorted(restricted),
                },
            }
        if method_id == "compute.projects.get":  # /compute/v1/projects/{project}
            return 200, {"kind": "compute#project", "name": path[4], "quotas": self.quotas("CPUS_ALL_REGIONS")}
        return None

    def request_builder(
        self,
        http: Any,
        postproc: Any,
        uri: str,
        method: str = "GET",
        body: Any = None,
        headers: Any = None,
        methodId: str | None = None,
        resumable: Any = None,
    ) -> Any:
        """What discovery.build calls for each request it has built and checked (``requestBuilder``)."""
        assert methodId is not None
        self.calls.append((methodId, uri))
        assert method == "GET" and body is None, f"{methodId} is not a read"
        if methodId in self.denied:
            answer: tuple[int, dict[str, Any]] | None = (
                403,
                {"error": {"code": 403, "status": "PERMISSION_DENIED", "message": f"Permission denied ({methodId})"}},
            )
        else:
            answer = self.answer(methodId, uri)
        if answer is None:  # refused as googleapiclient's own mock refuses a method it was not given
            return RequestMockBuilder({}, check_unexpected=True)(http, postproc, uri, method, body, headers, methodId)
        status, content = answer
        reply = HttpMockSequence([({"status": str(status)}, json.dumps(content))])
        return HttpRequest(reply, postproc, uri, method=method, body=body, headers=headers, methodId=methodId)


def clients(world: World) -> gcp.Clients:
    def make(api: str, version: str) -> Any:
        # As the CLI builds them (the shipped discovery document), with the world as the network.
        return discovery.build(
            api, version, http=HttpMockSequence([]), requestBuilder=world.request_builder, static_discovery=True
        )

    return make


def everything_there(with_waves: bool = False) -> World:
    apis = {*GCP_APIS, *([GCP_FLEET_API] if with_waves else [])}
    guarded = (set(NUMBERS.values()), {*GKE_DNS_ENDPOINT_SERVICES, "storage.googleapis.com"})
    return World(enabled={p: set(apis) for p in NUMBERS}, perimeters={PERIMETER: guarded})


def problems(world: World, fleet: Any = PROD, with_waves: bool = False) -> list[str]:
    return [f"{f.account}: {f.what}" for f in gcp.check(fleet, clients(world), with_waves=with_waves) if not f.ok]


def test_ready_projects_have_no_problem_and_every_call_is_a_read_of_a_documented_method() -> None:
    world = everything_there()
    findings = gcp.check(PROD, clients(world))
    assert [f.what for f in findings if not f.ok] == []
    assert {f.account for f in findings} == set(NUMBERS)
    assert {m for m, _ in world.calls} == {
        "cloudresourcemanager.projects.get",
        "serviceusage.services.batchGet",
        "compute.regions.get",
        "compute.machineTypes.get",
        "compute.projects.get",
        "accesscontextmanager.accessPolicies.servicePerimeters.get",
    }
    uris = [u for _, u in world.calls]
    assert f"https://accesscontextmanager.googleapis.com/v1/{PERIMETER}?alt=json" in uris
    # The REST paths of the methods (the discovery documents' flatPath), with the project number
    # Service Usage asks for; every API of the checklist in one batchGet per project.
    assert "https://cloudresourcemanager.googleapis.com/v1/projects/acme-fleet-prod?alt=json" in uris
    batch = next(u for u in uris if "services:batchGet" in u)
    assert batch.startswith("https://serviceusage.googleapis.com/v1/projects/111111111111/services:batchGet?")
    names = urllib.parse.parse_qs(urllib.parse.urlsplit(batch).query)["names"]
    assert names == [f"projects/111111111111/services/{api}" for api in GCP_APIS]
    assert f"{COMPUTE}acme-fleet-prod/regions/europe-west4?alt=json" in uris
    assert f"{COMPUTE}acme-fleet-prod/zones/europe-west4-a/machineTypes/n2-standard-8?alt=json" in uris
    assert f"{COMPUTE}acme-fleet-prod-us?alt=json" in uris
    # n2 counts against N2_CPUS, not CPUS; 30 n2-standard-8 at maxSize: 240 vCPUs, 30 nodes, 3000 GB.
    whats = [f.what for f in findings]
    assert "europe-west4: 240 vCPUs with every pool at maxSize, 0 in use, quota 10000 (N2_CPUS)" in whats
    assert "europe-west4: 30 nodes with every pool at maxSize, 0 in use, quota 10000 (INSTANCES)" in whats
    assert (
        "europe-west4: 3000 GB of pd-balanced boot disks with every pool at maxSize, 0 in use, quota 10000 "
        "(SSD_TOTAL_GB)" in whats
    )


def test_an_api_not_enabled_and_the_fleet_api_with_upgrade_waves() -> None:
    world = everything_there()
    world.enabled["acme-fleet-prod"].discard("container.googleapis.com")
    found = problems(world, with_waves=True)
    assert found == [
        "acme-fleet-prod: API container.googleapis.com is not enabled: "
        "`gcloud services enable container.googleapis.com --project acme-fleet-prod`",
        "acme-fleet-prod: API gkehub.googleapis.com is not enabled: "
        "`gcloud services enable gkehub.googleapis.com --project acme-fleet-prod`",
        "acme-fleet-prod-us: API gkehub.googleapis.com is not enabled: "
        "`gcloud services enable gkehub.googleapis.com --project acme-fleet-prod-us`",
    ]
    assert problems(everything_there(with_waves=True), with_waves=True) == []


def test_without_compute_engine_the_quotas_are_not_asked_for() -> None:
    world = everything_there()
    world.enabled["acme-fleet-prod-us"].discard("compute.googleapis.com")
    found = problems(world)
    assert "acme-fleet-prod-us: quotas not checked: compute.googleapis.com is not enabled" in found
    assert not any(m.startswith("compute.") and "acme-fleet-prod-us" in u for m, u in world.calls)


def test_quotas_below_what_the_stack_needs() -> None:
    world = everything_there()
    world.limits = {"N2_CPUS": 200, "CPUS_ALL_REGIONS": 400, "SSD_TOTAL_GB": 2048, "INSTANCES": 24}
    world.usage = 8
    found = problems(world)
    assert (
        "acme-fleet-prod: europe-west4: 240 vCPUs with every pool at maxSize, 8 in use, quota 200 (N2_CPUS): "
        "request more" in found
    )
    assert (
        "acme-fleet-prod: europe-west4: 30 nodes with every pool at maxSize, 8 in use, quota 24 (INSTANCES): "
        "request more" in found
    )
    assert (
        "acme-fleet-prod: europe-west4: 3000 GB of pd-balanced boot disks with every pool at maxSize, 8 in "
        "use, quota 2048 (SSD_TOTAL_GB): request more" in found
    )
    # CPUS_ALL_REGIONS is the project's: one cluster per project here, 240 + 8 > 400 is false.
    assert not any("CPUS_ALL_REGIONS" in p for p in found)
    world.limits["CPUS_ALL_REGIONS"] = 240
    assert (
        "acme-fleet-prod-us: all regions: 240 vCPUs with every pool at maxSize, 8 in use, quota 240 "
        "(CPUS_ALL_REGIONS): request more" in problems(world)
    )


def test_e2_pools_count_against_cpus_and_a_type_offered_in_no_zone_is_said() -> None:
    raw = raw_spec("prod")
    cluster = next(c for c in raw["clusters"] if c["name"] == "prod-gcp-euw4")
    cluster["nodePools"].append({"name": "small", "machineType": "e2-standard-4", "minSize": 0, "maxSize": 10})
    fleet = fleet_of("prod", raw)
    world = everything_there()
    world.limits = {"CPUS": 24}
    found = problems(world, fleet)
    assert (
        "acme-fleet-prod: europe-west4: 40 vCPUs with every pool at maxSize, 0 in use, quota 24 (CPUS): "
        "request more" in found
    )
    world = everything_there()
    world.missing_types = {f"europe-west4-{z}/e2-standard-4" for z in ZONES["europe-west4"]}
    assert problems(world, fleet) == [
        "acme-fleet-prod: europe-west4: machine type e2-standard-4 is offered in no zone of the region"
    ]
    # Offered in a later zone only: its vCPUs come from there.
    world.missing_types = {"europe-west4-a/e2-standard-4"}
    assert problems(world, fleet) == []


def test_a_denied_call_is_a_finding_not_a_traceback() -> None:
    world = everything_there()
    world.denied = {"compute.regions.get"}
    found = problems(world)
    assert found == [
        "acme-fleet-prod: europe-west4: could not read the region's quotas (HTTP 403: Permission denied "
        "(compute.regions.get))",
        "acme-fleet-prod-us: us-central1: could not read the region's quotas (HTTP 403: Permission denied "
        "(compute.regions.get))",
    ]
    world = everything_there()
    world.denied = {"serviceusage.services.batchGet"}
    found = problems(world)
    assert len(found) == 2 and all("could not read which APIs are enabled (HTTP 403" in p for p in found)


def test_the_stubs_refuse_what_the_api_would_not_take() -> None:
    world = everything_there()
    compute = clients(world)("compute", "v1")
    # A method the world was not given: refused, not answered with an empty success.
    with pytest.raises(UnexpectedMethodError, match=r"compute\.instances\.list"):
        compute.instances().list(project="acme-fleet-prod", zone="europe-west4-a").execute()
    # The discovery document refuses a parameter the method does not define ...
    with pytest.raises(TypeError, match="unexpected keyword argument zone"):
        compute.regions().get(project="acme-fleet-prod", region="europe-west4", zone="europe-west4-a")
    # ... a value that breaks its pattern, and a missing required one.
    with pytest.raises(TypeError, match="does not match the pattern"):
        compute.regions().get(project="acme-fleet-prod", region="Europe West 4")
    with pytest.raises(TypeError, match='Missing required parameter "parent"'):
        clients(world)("serviceusage", "v1").services().batchGet(names=["projects/1/services/compute.googleapis.com"])
    assert [m for m, _ in world.calls] == ["compute.instances.list"]


def test_without_credentials_the_check_says_so_once_and_exits_2(monkeypatch, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    import google.auth.compute_engine._metadata as metadata

    from fleet.cli import main

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "x")  # AWS has credentials (nothing is called before all are found)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "x")
    monkeypatch.delenv("GOOGLE_APPLICATION_CREDENTIALS", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("CLOUDSDK_CONFIG", str(tmp_path / "gcloud"))
    monkeypatch.setattr(metadata, "_NO_GCE_CHECK", True)  # NO_GCE_CHECK=true, which is read on import
    monkeypatch.setenv("AZURE_TOKEN_CREDENTIALS", "dev")  # no managed identity probe
    monkeypatch.setenv("AZURE_CONFIG_DIR", str(tmp_path / "azure"))
    assert main(["preflight", "--stack", "prod", "--check"]) == 2
    captured = capsys.readouterr()
    assert captured.err.count("--check needs GCP credentials: Application Default Credentials") == 1
    assert "acme-fleet-prod, acme-fleet-prod-us" in captured.err
    assert "--check needs AWS credentials" not in captured.err and "Traceback" not in captured.err
    assert "checked with the deployer's credentials" not in captured.out


def test_a_dns_endpoint_whose_perimeter_lacks_the_project_or_a_service_or_does_not_exist() -> None:
    # Issue 24: the DNS endpoint is guarded by a perimeter, not by IAM alone; preflight asks that the
    # perimeter the spec names is real and does guard it.
    world = everything_there()
    world.perimeters[PERIMETER] = ({NUMBERS["acme-fleet-prod"]}, {"container.googleapis.com"})
    assert problems(world) == [
        f"acme-fleet-prod: perimeter {PERIMETER} (guards prod-gcp-euw4's DNS endpoint) does not restrict "
        "kubernetesmetadata.googleapis.com (enforced configuration; a dry run does not count)",
        f"acme-fleet-prod-us: perimeter {PERIMETER} (guards prod-gcp-usc1's DNS endpoint) does not hold project "
        "acme-fleet-prod-us (projects/222222222222); does not restrict kubernetesmetadata.googleapis.com "
        "(enforced configuration; a dry run does not count)",
    ]
    del world.perimeters[PERIMETER]
    found = problems(world)
    assert len(found) == 2 and all("could not read perimeter" in f and "HTTP 404" in f for f in found)
