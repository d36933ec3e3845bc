"""The real path, end to end: the Pulumi CLI, the Kubernetes provider and two real API servers.

Everything here is built from Go modules by tools/build.sh (the CLI, the Python language host,
the provider, etcd, kube-apiserver, kube-controller-manager, kubectl); nothing is mocked. Two
control planes run on loopback, declared as two existing clusters in Germany and the United
States (tests/e2e/spec.yaml). The tests run in order against one stack in a local file backend:
preview, up with the policy pack, the tenant guarantees judged by the API servers, a no-change
preview, a cordon that moves a tenant, a program the pack must block, and destroy.

vcluster tenants are not part of this suite: the chart comes from a Helm repository, which this
machine cannot reach, and the images it runs would need a kubelet.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.e2e import world as e2e
from tests.e2e.apiserver import ROOT, SYSTEM_NAMESPACES, ApiServer
from tests.e2e.world import SPEC, STACK, TENANT_LABEL, World

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    missing = e2e.missing_tools()
    if missing:
        pytest.fail(f"the real tools are not built ({', '.join(missing)}); run tools/build.sh")
    with e2e.world(tmp_path_factory.mktemp("e2e")) as built:
        yield built


def _placed(cluster: str, spec: dict[str, Any] = SPEC) -> list[dict[str, Any]]:
    from fleet.spec.load import load

    placement = load(spec).placement.assignments
    return [t for t in spec["tenants"] if cluster in placement[t["name"]]]


def test_plan_and_preview_agree_on_every_resource(world: World) -> None:
    """fleet plan (mock runtime) and the engine's preview name the same resources, URN and type."""
    plan = world.fleet("plan", "--stack-file", str(world.stack_file), "--format", "json")
    assert plan.returncode == 0, plan.stderr
    planned = {(r["urn"], r["type"]) for r in json.loads(plan.stdout)["resources"]}

    preview = world.pulumi("preview", "--json")
    assert preview.returncode == 0, preview.stderr
    steps = json.loads(preview.stdout)["steps"]
    previewed = {
        (s["urn"], (s.get("newState") or {}).get("type") or s["urn"].split("::")[2].split("$")[-1])
        for s in steps
        if not s["urn"].endswith(f"::fleet-{STACK}") and "pulumi:pulumi:Stack" not in s["urn"]
    }
    assert planned == previewed, {"only in fleet plan": planned - previewed, "only in preview": previewed - planned}


def test_fleet_review_passes_the_stack_of_existing_clusters(world: World) -> None:
    review = world.fleet("review", "--stack-file", str(world.stack_file), "--format", "json")
    assert review.returncode == 0, review.stderr
    document = json.loads(review.stdout)
    assert document["verdict"] == "pass"
    assert {c["cloud"] for c in document["stacks"][0]["clusters"]} == {"existing"}


def test_up_creates_every_tenant_object(world: World) -> None:
    result = world.up()
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "fleet-guardrails" in result.stdout  # the pack ran
    for cluster, server in world.servers.items():
        tenants = _placed(cluster)
        assert tenants, f"no tenant placed on {cluster}; the suite needs one on each"
        assert server.get("/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicies/fleet-tenant-guardrails")
        for tenant in tenants:
            name = tenant["name"]
            namespace = server.get(f"/api/v1/namespaces/{name}")
            labels = namespace["metadata"]["labels"]
            assert labels["pod-security.kubernetes.io/enforce"] == "restricted"
            assert labels[TENANT_LABEL] == name
            if tenant.get("residency", "none") != "none":
                assert labels["fleet-residency"] == tenant["residency"]
            quota = server.get(f"/api/v1/namespaces/{name}/resourcequotas/tenant-quota")
            assert quota["spec"]["hard"]["requests.cpu"] == str(tenant["quota"]["cpu"])
            assert server.get(f"/api/v1/namespaces/{name}/limitranges/tenant-limits")
            policies = {
                p["metadata"]["name"]
                for p in server.get(f"/apis/networking.k8s.io/v1/namespaces/{name}/networkpolicies")["items"]
            }
            assert {"default-deny", "allow-dns", "allow-same-namespace"} <= policies
            binding = server.get(f"/apis/rbac.authorization.k8s.io/v1/namespaces/{name}/rolebindings/tenant-admin")
            assert [s["name"] for s in binding["subjects"]] == tenant["owners"]["admin"]
            assert server.get(f"/api/v1/namespaces/{name}/serviceaccounts/tenant-deployer")
        others = {t["name"] for t in SPEC["tenants"]} - {t["name"] for t in tenants}
        assert not others & server.namespaces(), f"{cluster} has tenants placed elsewhere"


def _pod(name: str, cpu: str, *, privileged: bool = False) -> str:
    container: dict[str, Any] = {
        "name": "app",
        "image": "registry.example/app:1",
        "resources": {"requests": {"cpu": cpu, "memory": "64Mi"}, "limits": {"cpu": cpu, "memory": "64Mi"}},
    }
    if privileged:
        container["securityContext"] = {"privileged": True}
    else:
        container["securityContext"] = {
            "allowPrivilegeEscalation": False,
            "runAsNonRoot": True,
            "runAsUser": 1000,
            "capabilities": {"drop": ["ALL"]},
            "seccompProfile": {"type": "RuntimeDefault"},
        }
    return json.dumps(
        {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name}, "spec": {"containers": [container]}}
    )


def _wait_for_quota_status(server: ApiServer, namespace: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        quota = server.get(f"/api/v1/namespaces/{namespace}/resourcequotas/tenant-quota")
        if (quota.get("status") or {}).get("hard"):
            return
        time.sleep(0.5)
    raise AssertionError(f"the quota controller never computed {namespace}/tenant-quota")


def test_pod_security_rejects_a_privileged_pod(world: World) -> None:
    server = world.servers["onprem-fra"]
    result = server.kubectl("-n", "payments", "create", "-f", "-", stdin=_pod("privileged", "100m", privileged=True))
    assert result.returncode != 0
    assert 'violates PodSecurity "restricted:v1.36"' in result.stderr
    assert "privileged" in result.stderr


def test_quota_rejects_a_pod_over_quota(world: World) -> None:
    server = world.servers["onprem-fra"]
    _wait_for_quota_status(server, "payments")
    # Within quota the same kind of pod is admitted: the refusal below is the quota's, nothing else's.
    fits = server.kubectl("-n", "payments", "create", "-f", "-", stdin=_pod("fits", "100m"))
    assert fits.returncode == 0, fits.stderr
    over = server.kubectl("-n", "payments", "create", "-f", "-", stdin=_pod("too-big", "3"))
    assert over.returncode != 0
    assert "exceeded quota: tenant-quota" in over.stderr
    assert server.kubectl("-n", "payments", "delete", "pod", "fits", "--wait=false").returncode == 0


def _can(server: ApiServer, group: str, *args: str) -> bool:
    result = server.kubectl("auth", "can-i", "--as", "someone", "--as-group", group, *args)
    assert result.stdout.strip() in ("yes", "no"), result.stderr
    return result.stdout.strip() == "yes"


def test_tenant_groups_reach_their_namespace_and_nothing_else(world: World) -> None:
    server = world.servers["onprem-fra"]
    assert _can(server, "payments-admins", "create", "deployments.apps", "-n", "payments")
    assert _can(server, "payments-devs", "create", "deployments.apps", "-n", "payments")
    assert not _can(server, "auditors", "create", "deployments.apps", "-n", "payments")
    assert _can(server, "auditors", "list", "pods", "-n", "payments")
    for other in ("billing", "kube-system", "default"):
        assert not _can(server, "payments-admins", "get", "pods", "-n", other), other
        assert not _can(server, "payments-admins", "create", "deployments.apps", "-n", other), other
    assert not _can(server, "payments-admins", "list", "namespaces")
    assert not _can(server, "payments-admins", "create", "clusterrolebindings")
    assert not _can(server, "payments-admins", "create", "clusterroles")
    # RBAC refuses, not only can-i: a real attempt to bind cluster-admin cluster-wide.
    attempt = server.kubectl(
        "create", "clusterrolebinding", "escape", "--clusterrole=cluster-admin", "--group=payments-admins",
        "--as", "someone", "--as-group", "payments-admins",
    )  # fmt: skip
    assert attempt.returncode != 0 and "forbidden" in attempt.stderr.lower()


ALLOW_ALL = json.dumps(
    {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "NetworkPolicy",
        "metadata": {"name": "allow-everything"},
        "spec": {"podSelector": {}, "policyTypes": ["Ingress"], "ingress": [{}]},
    }
)


@pytest.mark.parametrize(
    ("identity", "action", "refused_by"),
    [
        (("--as-group", "payments-admins"), ("delete", "networkpolicy", "default-deny"), "ValidatingAdmissionPolicy"),
        (("--as-group", "payments-admins"), ("label", "networkpolicy", "default-deny", "managed-by-"), "Validating"),
        (("--as-group", "payments-devs"), ("delete", "networkpolicy", "allow-same-namespace"), "Validating"),
        (("--as-group", "payments-admins"), ("create", "-f", "-"), "ValidatingAdmissionPolicy"),
        (("--as-group", "payments-admins"), ("delete", "rolebinding", "tenant-admin"), "ValidatingAdmissionPolicy"),
        (("--as-group", "payments-admins"), ("delete", "serviceaccount", "tenant-deployer"), "Validating"),
        (("--as-group", "payments-admins"), ("delete", "resourcequota", "tenant-quota"), "forbidden"),
        (("--as-group", "payments-admins"), ("delete", "limitrange", "tenant-limits"), "forbidden"),
        ((), ("delete", "networkpolicy", "default-deny"), "ValidatingAdmissionPolicy"),
    ],
    ids=[
        "admin-deletes-default-deny",
        "admin-unlabels-default-deny",
        "dev-deletes-netpol",
        "admin-adds-allow-all",
        "admin-deletes-rolebinding",
        "admin-deletes-deployer",
        "admin-deletes-quota",
        "admin-deletes-limitrange",
        "tenant-service-account-deletes-default-deny",
    ],
)
def test_tenant_cannot_weaken_fleet_objects(
    world: World, identity: tuple[str, ...], action: tuple[str, ...], refused_by: str
) -> None:
    server = world.servers["onprem-fra"]
    who = ("--as", "someone", *identity) if identity else ("--as", "system:serviceaccount:payments:tenant-deployer")
    result = server.kubectl("-n", "payments", *action, *who, stdin=ALLOW_ALL if "-f" in action else None)
    assert result.returncode != 0, f"{action} as {who} was allowed"
    assert refused_by.lower() in result.stderr.lower(), result.stderr


def test_tenants_still_work_in_their_namespace(world: World) -> None:
    """The admission policy guards the fleet's objects only: ordinary work is untouched."""
    server = world.servers["onprem-fra"]
    made = server.kubectl(
        "-n", "payments", "create", "configmap", "settings", "--as", "a", "--as-group", "payments-devs"
    )
    assert made.returncode == 0, made.stderr
    own = server.kubectl(
        "-n", "payments", "create", "serviceaccount", "ci", "--as", "a", "--as-group", "payments-admins"
    )
    assert own.returncode == 0, own.stderr


def test_second_preview_shows_no_changes(world: World) -> None:
    result = world.pulumi(
        "preview", "--expect-no-changes", "--policy-pack", "policies", "--policy-pack-config", str(world.policy_config)
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_cordoning_a_cluster_moves_its_tenant(world: World) -> None:
    spec = json.loads(json.dumps(SPEC))
    nyc = next(c for c in spec["clusters"] if c["name"] == "onprem-nyc")
    moving = [t["name"] for t in _placed("onprem-nyc")]
    assert moving == ["catalog"]
    nyc["cordoned"] = True
    world.write_spec(spec)
    result = world.up()
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "catalog" not in world.servers["onprem-nyc"].namespaces()
    assert "catalog" in world.servers["onprem-fra"].namespaces()
    policies = world.servers["onprem-fra"].get("/apis/networking.k8s.io/v1/namespaces/catalog/networkpolicies")
    assert "default-deny" in {p["metadata"]["name"] for p in policies["items"]}


def _violating_project(world: World, tmp_path: Path, stack: str) -> Path:
    """tests/e2e/violating (a program the fleet did not write) as a project of its own, with a
    stack whose kubeconfig points at onprem-fra."""
    project = tmp_path / "violating"
    shutil.copytree(Path(__file__).parent / "violating", project)
    (project / ".venv").symlink_to(ROOT / ".venv")
    assert world.pulumi("stack", "select", "--create", stack, cwd=project).returncode == 0
    kubeconfig = world.servers["onprem-fra"].kubeconfig()
    assert world.pulumi("config", "set", "--secret", "kubeconfig", stdin=kubeconfig, cwd=project).returncode == 0
    return project


def test_policy_pack_blocks_a_program_the_fleet_did_not_write(world: World, tmp_path: Path) -> None:
    project = _violating_project(world, tmp_path, "shadow")
    server = world.servers["onprem-fra"]
    result = world.pulumi(
        "up", "--yes", "--policy-pack", str(world.project / "policies"),
        "--policy-pack-config", str(world.policy_config), cwd=project,
    )  # fmt: skip
    assert result.returncode != 0
    assert "FLEET-RES-004" in result.stdout
    assert "shadow-payments" not in server.namespaces()


def test_published_pack_bundle_runs_and_blocks(world: World, tmp_path: Path) -> None:
    """The pack as `pulumi policy publish` would upload it (README: `fleet policy-pack`): its own
    virtualenv with the fleet wheel from the bundle, not the project's editable install."""
    bundle = tmp_path / "policy-pack"
    made = world.fleet("policy-pack", "--output", str(bundle))
    assert made.returncode == 0, made.stderr
    assert yaml.safe_load((bundle / "PulumiPolicy.yaml").read_text())["runtime"]["options"]["virtualenv"] == "venv"
    # The CLI would install requirements.txt into venv/ from PyPI. Offline, the same venv gets the
    # dependencies from the project's virtualenv (a .pth path, which does not run its editable
    # finder) and fleet itself only from the bundled wheel.
    subprocess.run([sys.executable, "-m", "venv", str(bundle / "venv")], check=True)
    venv_python = str(bundle / "venv" / "bin" / "python")

    def run(python: str, *args: str) -> str:
        return subprocess.run([python, *args], capture_output=True, text=True, check=True).stdout.strip()

    purelib = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    site = Path(run(venv_python, "-c", purelib))
    (site / "project-deps.pth").write_text(run(sys.executable, "-c", purelib) + "\n")
    wheels = list((bundle / "wheels").glob("fleet-*.whl"))
    assert len(wheels) == 1, wheels
    run(venv_python, "-m", "pip", "install", "-q", "--no-index", "--no-deps", str(wheels[0]))
    where = subprocess.run(  # from the bundle, as the CLI runs the pack: the project's checkout is not on sys.path
        [venv_python, "-c", "import fleet; print(fleet.__file__)"], cwd=bundle, capture_output=True, text=True
    )
    assert str(site) in where.stdout, where.stdout + where.stderr

    project = _violating_project(world, tmp_path, "shadow-published")
    result = world.pulumi(
        "preview", "--policy-pack", str(bundle), "--policy-pack-config", str(world.policy_config), cwd=project
    )
    assert result.returncode != 0
    assert "FLEET-RES-004" in result.stdout, result.stdout[-3000:] + result.stderr[-3000:]


def test_destroy_leaves_only_system_objects(world: World) -> None:
    result = world.pulumi("destroy", "--yes")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    for cluster, server in world.servers.items():
        assert server.namespaces() == SYSTEM_NAMESPACES, cluster
        assert not server.get("/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicies")["items"]
        bindings = server.get("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings?labelSelector=managed-by%3Dfleet")
        assert not bindings["items"], cluster
