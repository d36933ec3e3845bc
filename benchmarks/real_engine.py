"""The real engine beside the offline review, on the end-to-end stack (two existing clusters on
loopback API servers, three namespace tenants; tests/e2e/spec.yaml).

Measures, median of RUNS: a real `pulumi preview` (with and without the policy pack), `fleet
review` of the same stack file (render under the mock runtime, plus the pack over gRPC), a
first `pulumi up`, and a `pulumi preview --expect-no-changes` after it. Needs tools/build.sh.

Run: .venv/bin/python benchmarks/real_engine.py   (writes benchmarks/results/real-engine.json and .md)
"""

from __future__ import annotations

import json
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.e2e import world as e2e

RESULTS = Path(__file__).resolve().parent / "results"
RUNS = 5


def timed(action: Callable[[], Any]) -> float:
    started = time.perf_counter()
    result = action()
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, result.args))} failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return time.perf_counter() - started


def median(action: Callable[[], Any]) -> float:
    return statistics.median(timed(action) for _ in range(RUNS))


def main() -> None:
    missing = e2e.missing_tools()
    if missing:
        raise SystemExit(f"the real tools are not built ({', '.join(missing)}); run tools/build.sh")
    pack = ("--policy-pack", "policies", "--policy-pack-config")
    with tempfile.TemporaryDirectory(prefix="fleet-bench-") as tmp, e2e.world(Path(tmp)) as world:
        config = str(world.policy_config)
        stack_file = str(world.stack_file)
        results = {
            "pulumi preview (no policy pack)": median(lambda: world.pulumi("preview")),
            "pulumi preview --policy-pack": median(lambda: world.pulumi("preview", *pack, config)),
            "fleet review --stack-file (mock runtime + pack)": median(
                lambda: world.fleet("review", "--stack-file", stack_file, "--format", "json")
            ),
            "fleet plan --stack-file (mock runtime)": median(
                lambda: world.fleet("plan", "--stack-file", stack_file, "--format", "json")
            ),
            "first pulumi up --policy-pack (creates the stack)": timed(lambda: world.up()),
            "pulumi preview --expect-no-changes --policy-pack": median(
                lambda: world.pulumi("preview", "--expect-no-changes", *pack, config)
            ),
        }
        timed(lambda: world.pulumi("destroy", "--yes"))
    machine = f"{platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}"
    RESULTS.mkdir(exist_ok=True)
    document = {"machine": machine, "runs": RUNS, "seconds": {k: round(v, 2) for k, v in results.items()}}
    (RESULTS / "real-engine.json").write_text(json.dumps(document, indent=2) + "\n")
    rows = "\n".join(f"| {name} | {seconds:.2f} s |" for name, seconds in results.items())
    (RESULTS / "real-engine.md").write_text(
        f"""# The real engine beside the offline review

`benchmarks/real_engine.py` on {machine}: the end-to-end stack (2 existing clusters on loopback
API servers, 3 namespace tenants), median of {RUNS} runs (the first `up` once).

| command | time |
|---|---|
{rows}

`pulumi preview` starts the CLI, the Python language host, the program and the Kubernetes
provider, which checks every object against the live API servers; `fleet review` runs the same
program under the SDK's mock runtime and drives the policy pack over gRPC itself, with no
credentials and no cluster.
"""
    )
    print((RESULTS / "real-engine.md").read_text())


if __name__ == "__main__":
    main()
