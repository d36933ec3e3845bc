"""How the real engine scales with tenants per stack, beside the offline review (issue 19).

The end-to-end world (two existing clusters on loopback API servers, tests/e2e/world.py) with N
namespace tenants, for each N given. Per N, once each (one stack's life, in this order):

  pulumi preview                      (no policy pack)
  pulumi preview --policy-pack
  fleet review --stack-file           (mock runtime + the pack over gRPC; no cluster)
  pulumi up --policy-pack             (creates everything)
  pulumi preview --expect-no-changes --policy-pack
  pulumi destroy                      with PULUMI_SKIP_CHECKPOINTS=true
  pulumi up --policy-pack             with PULUMI_SKIP_CHECKPOINTS=true
  pulumi destroy                      (default: a checkpoint written per step)

Where the time goes: wall time, and the CPU time of everything the command ran (the CLI, the
language host and program, the provider, the pack: RUSAGE_CHILDREN); the difference between
the two up (and two destroy) runs is the file backend's checkpoint writes, the difference between
the two previews the pack's. Single runs: at these sizes one run is minutes, and the spread of
repeated runs at small sizes is in benchmarks/results/real-engine.md.

--parallel N P1,P2,...: at N tenants, the CLI's own knob for concurrent resource operations
(`--parallel`, default 4 x GOMAXPROCS: pulumi/pkg v3.274.1 cmd/pulumi/operations/up.go
defaultParallel), on a new stack's preview and on up and destroy with PULUMI_SKIP_CHECKPOINTS (so
the checkpoint writes do not hide it); writes benchmarks/results/real-engine-parallel.json and .md.

Run: .venv/bin/python benchmarks/real_engine_scale.py 10 100   (needs tools/build.sh; writes
benchmarks/results/real-engine-scale.json and .md, keeping sizes measured before)
     .venv/bin/python benchmarks/real_engine_scale.py --no-checkpoints 400   (up and destroy only with
     PULUMI_SKIP_CHECKPOINTS: with checkpoints they grow much faster than the resources)
"""

from __future__ import annotations

import copy
import json
import platform
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.e2e import world as e2e

RESULTS = Path(__file__).resolve().parent / "results"
PACK = ("--policy-pack", "policies", "--policy-pack-config")
TIMEOUT = 3 * 3600


def spec_with(tenants: int) -> dict[str, Any]:
    """The e2e spec's two clusters, with room for every tenant, and N namespace tenants."""
    spec = copy.deepcopy(e2e.SPEC)
    for cluster in spec["clusters"]:
        cluster["capacity"] = {"cpu": 4 * tenants + 16, "memory": f"{4 * tenants + 16}Gi"}
    spec["tenants"] = [
        {
            "name": f"team-{index:03d}",
            "owners": {"admin": [f"team-{index:03d}-admins"], "view": ["auditors"]},
            **({"residency": "gdpr"} if index % 2 == 0 else {}),
            "quota": {"cpu": 1, "memory": "1Gi"},
        }
        for index in range(tenants)
    ]
    return spec


def measured(action: Callable[[], Any]) -> dict[str, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = action()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, result.args))} failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": round(wall, 1), "cpu": round(cpu, 1)}


def one_size(tenants: int, checkpoints: bool = True) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="fleet-scale-") as tmp, e2e.world(Path(tmp)) as world:
        world.write_spec(spec_with(tenants))
        config = ("--output", str(world.policy_config))
        world.fleet("policy-config", "--stack-file", str(world.stack_file), *config)
        stack_file = str(world.stack_file)
        skip = {**world.env, "PULUMI_SKIP_CHECKPOINTS": "true"}
        default_env = world.env

        def pulumi(*args: str, env: dict[str, str] | None = None) -> Any:
            world.env = env or default_env
            try:
                return world.pulumi(*args, timeout=TIMEOUT)
            finally:
                world.env = default_env

        steps: dict[str, dict[str, float]] = {}
        steps["pulumi preview (no pack)"] = measured(lambda: pulumi("preview"))
        steps["pulumi preview --policy-pack"] = measured(lambda: pulumi("preview", *PACK, str(world.policy_config)))
        steps["fleet review --stack-file"] = measured(
            lambda: world.fleet("review", "--stack-file", stack_file, "--format", "json")
        )
        first_up = "pulumi up --policy-pack" + ("" if checkpoints else ", PULUMI_SKIP_CHECKPOINTS")
        steps[first_up] = measured(
            lambda: pulumi("up", "--yes", *PACK, str(world.policy_config), env=None if checkpoints else skip)
        )
        exported = pulumi("stack", "export")
        count = len(json.loads(exported.stdout)["deployment"].get("resources", []))
        steps["pulumi preview --expect-no-changes --policy-pack"] = measured(
            lambda: pulumi("preview", "--expect-no-changes", *PACK, str(world.policy_config))
        )
        steps["pulumi destroy, PULUMI_SKIP_CHECKPOINTS"] = measured(lambda: pulumi("destroy", "--yes", env=skip))
        if checkpoints:
            steps["pulumi up --policy-pack, PULUMI_SKIP_CHECKPOINTS"] = measured(
                lambda: pulumi("up", "--yes", *PACK, str(world.policy_config), env=skip)
            )
            steps["pulumi destroy"] = measured(lambda: pulumi("destroy", "--yes"))
    return {"tenants": tenants, "resources": count, "steps": steps}


def parallelism(tenants: int, levels: list[int]) -> dict[str, Any]:
    """Per --parallel level: a new stack's preview, then up and destroy without checkpoints."""
    with tempfile.TemporaryDirectory(prefix="fleet-scale-") as tmp, e2e.world(Path(tmp)) as world:
        world.write_spec(spec_with(tenants))
        world.env = {**world.env, "PULUMI_SKIP_CHECKPOINTS": "true"}
        runs: dict[str, dict[str, dict[str, float]]] = {}
        for level in levels:
            p = ("--parallel", str(level))
            print(f"--parallel {level} ...", file=sys.stderr, flush=True)
            runs[str(level)] = {
                "pulumi preview (new stack)": measured(lambda p=p: world.pulumi("preview", *p, timeout=TIMEOUT)),
                "pulumi up": measured(lambda p=p: world.pulumi("up", "--yes", *p, timeout=TIMEOUT)),
                "pulumi destroy": measured(lambda p=p: world.pulumi("destroy", "--yes", *p, timeout=TIMEOUT)),
            }
            print(json.dumps(runs[str(level)]), file=sys.stderr, flush=True)
    return {"tenants": tenants, "levels": runs}


def write_parallel(machine: str, found: dict[str, Any]) -> None:
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "real-engine-parallel.json").write_text(json.dumps({"machine": machine, **found}, indent=2) + "\n")
    levels = found["levels"]
    names = list(next(iter(levels.values())))
    head = "| step | " + " | ".join(f"--parallel {level}" for level in levels) + " |"
    rule = "|---|" + "---|" * len(levels)
    rows = [
        f"| {name} | " + " | ".join(f"{v[name]['wall']} s ({v[name]['cpu']} s CPU)" for v in levels.values()) + " |"
        for name in names
    ]
    (RESULTS / "real-engine-parallel.md").write_text(
        f"# The real engine's --parallel at {found['tenants']} tenants\n\n"
        f"`benchmarks/real_engine_scale.py --parallel` on {machine}, 2 cores (the CLI's default is\n"
        "4 x GOMAXPROCS = 8 here): the end-to-end world with N namespace tenants, one run per step, with\n"
        "PULUMI_SKIP_CHECKPOINTS=true and no policy pack, wall time and the CPU time of every process the\n"
        "step ran.\n\n" + "\n".join([head, rule, *rows]) + "\n"
    )


def write_results(machine: str, runs: list[dict[str, Any]]) -> None:
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "real-engine-scale.json").write_text(json.dumps({"machine": machine, "runs": runs}, indent=2) + "\n")
    names = list(dict.fromkeys(name for r in runs for name in r["steps"]))
    head = "| step | " + " | ".join(f"{r['tenants']} tenants ({r['resources']} resources)" for r in runs) + " |"
    rule = "|---|" + "---|" * len(runs)
    rows = [
        f"| {name} | "
        + " | ".join(
            f"{r['steps'][name]['wall']} s ({r['steps'][name]['cpu']} s CPU)" if name in r["steps"] else "not run"
            for r in runs
        )
        + " |"
        for name in names
    ]
    (RESULTS / "real-engine-scale.md").write_text(
        "# The real engine at 10 to 100s of tenants per stack\n\n"
        f"`benchmarks/real_engine_scale.py` on {machine}, 2 cores: the end-to-end world (two loopback API\n"
        "servers) with N namespace tenants, one run per step, wall time and the CPU time of every process\n"
        'the step ran. "not run": at that size up and destroy ran only with PULUMI_SKIP_CHECKPOINTS\n'
        "(`--no-checkpoints`): with checkpoints they grew 25 and 18 times\n"
        "for 9 times the resources from 10 to 100 tenants.\n\n" + "\n".join([head, rule, *rows]) + "\n"
    )


def main(argv: list[str]) -> None:
    # --no-checkpoints N: at N tenants, run up and destroy only with PULUMI_SKIP_CHECKPOINTS (the
    # checkpointed ones grow much faster than the resources). Sizes measured before are kept.
    missing = e2e.missing_tools()
    if missing:
        raise SystemExit(f"the real tools are not built ({', '.join(missing)}); run tools/build.sh")
    machine = f"{platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}"
    if argv[:1] == ["--parallel"] and len(argv) == 3:
        write_parallel(machine, parallelism(int(argv[1]), [int(v) for v in argv[2].split(",")]))
        print((RESULTS / "real-engine-parallel.md").read_text())
        return
    checkpoints = "--no-checkpoints" not in argv
    sizes = [int(a) for a in argv if a != "--no-checkpoints"] or [10, 100]
    saved = RESULTS / "real-engine-scale.json"
    kept = json.loads(saved.read_text())["runs"] if saved.exists() else []
    runs = [r for r in kept if r["tenants"] not in sizes]
    for tenants in sizes:
        print(f"{tenants} tenants ...", file=sys.stderr, flush=True)
        runs.append(one_size(tenants, checkpoints))
        print(json.dumps(runs[-1]), file=sys.stderr, flush=True)
    runs.sort(key=lambda r: r["tenants"])
    write_results(machine, runs)
    print((RESULTS / "real-engine-scale.md").read_text())


if __name__ == "__main__":
    main(sys.argv[1:])
