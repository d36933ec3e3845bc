"""What a runner installs for the published policy pack, and how long it takes.

`fleet policy-pack` writes the bundle `pulumi policy publish` uploads; the CLI installs a published
pack into a virtualenv of its own with `pip install -r requirements.txt` in the pack's directory
(installRequiredPolicy). This does the same into a fresh virtualenv, from the package index with
no pip cache, RUNS times, and reports the install time (creating the virtualenv included), the
installed size of the virtualenv and the distributions in it. With --baseline it also installs
what the bundle required before fleet had a core of its own: pulumi-policy and the whole fleet
package with its dependencies (the cloud SDKs), once.

Run from the project: .venv/bin/python benchmarks/pack_install.py [--baseline]
(writes benchmarks/results/pack-install.json and .md). Targets (issue 18): under 100 MB and under
60 s on this machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RESULTS = Path("benchmarks") / "results"
RUNS = 3
TARGET_MB, TARGET_SECONDS = 100, 60


def install(requirements: list[str], cwd: Path, venv: Path) -> dict[str, float | int]:
    """A fresh virtualenv with ``pip install <requirements>`` in ``cwd``: seconds, bytes, distributions."""
    env = {**os.environ, "PIP_NO_CACHE_DIR": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip"]
    subprocess.run([*pip, "install", "--quiet", *requirements], cwd=cwd, env=env, check=True)
    seconds = time.monotonic() - started
    size = sum(f.stat().st_size for f in venv.rglob("*") if f.is_file() and not f.is_symlink())
    listed = json.loads(
        subprocess.run([*pip, "list", "--format=json"], capture_output=True, text=True, check=True).stdout
    )
    return {"seconds": seconds, "bytes": size, "distributions": len(listed)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--baseline", action="store_true", help="also install pulumi-policy and the whole fleet package"
    )
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fleet-pack-install-") as tmp:
        base = Path(tmp)
        bundle = base / "pack"
        subprocess.run([sys.executable, "-m", "fleet", "policy-pack", "--output", str(bundle)], check=True)
        runs = [install(["-r", "requirements.txt"], bundle, base / f"venv-{n}") for n in range(args.runs)]
        results: dict[str, object] = {
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
            "bundle": {
                "seconds": {
                    k: f(r["seconds"] for r in runs)
                    for k, f in (("min", min), ("median", statistics.median), ("max", max))
                },
                "megabytes": runs[0]["bytes"] / 2**20,
                "distributions": runs[0]["distributions"],
                "requirements": [
                    line
                    for line in (bundle / "requirements.txt").read_text().splitlines()
                    if line and not line.startswith("#")
                ],
            },
        }
        if args.baseline:
            policy = next(r for r in results["bundle"]["requirements"] if r.startswith("pulumi-policy"))  # type: ignore[index]
            whole = install([policy, str(Path.cwd())], Path.cwd(), base / "venv-baseline")
            results["baseline"] = {
                "seconds": whole["seconds"],
                "megabytes": whole["bytes"] / 2**20,
                "distributions": whole["distributions"],
            }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "pack-install.json").write_text(json.dumps(results, indent=2) + "\n")
    (RESULTS / "pack-install.md").write_text(markdown(results))
    print(markdown(results))


def markdown(results: dict) -> str:  # type: ignore[type-arg]
    b = results["bundle"]
    s = b["seconds"]
    lines = [
        "# Installing the published policy pack",
        "",
        f"`benchmarks/pack_install.py` on {results['machine']}: `fleet policy-pack`, then, as the Pulumi CLI",
        "installs a published pack, a fresh virtualenv and `pip install -r requirements.txt` from the",
        "package index with no pip cache.",
        "",
        "| what is installed | distributions | installed size | install time (min / median / max) |",
        "|---|---|---|---|",
        f"| the bundle: {', '.join(f'`{r}`' for r in b['requirements'] if not r.startswith('--'))} | "
        f"{b['distributions']} | {b['megabytes']:.1f} MiB | {s['min']:.1f} / {s['median']:.1f} / {s['max']:.1f} s |",
    ]
    if "baseline" in results:
        w = results["baseline"]
        lines.append(
            f"| before: pulumi-policy and the whole fleet package (one run) | {w['distributions']} | "
            f"{w['megabytes']:.1f} MiB | {w['seconds']:.1f} s |"
        )
    lines += ["", f"Targets: under {TARGET_MB} MB and under {TARGET_SECONDS} s.", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
