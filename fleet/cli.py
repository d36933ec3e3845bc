"""The `fleet` command: offline plan (and later review) of a stack, without cloud credentials."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from fleet.spec.errors import SpecError

EXIT_OK, EXIT_VIOLATIONS, EXIT_SPEC, EXIT_INTERNAL = 0, 1, 2, 3


class UsageError(Exception):
    pass


def project_root(start: Path | None = None) -> Path:
    """The nearest directory at or above ``start`` that holds Pulumi.yaml."""
    here = (start or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        if (directory / "Pulumi.yaml").is_file():
            return directory
    raise UsageError(f"no Pulumi.yaml in {here} or above; run fleet inside the fleet project")


def stack_file(args: argparse.Namespace) -> tuple[str, Path]:
    if args.stack_file:
        path = Path(args.stack_file)
        name = path.name.removeprefix("Pulumi.").removesuffix(".yaml").removesuffix(".yml")
        return name, path
    path = project_root() / "stacks" / f"Pulumi.{args.stack}.yaml"
    if not path.is_file():
        available = sorted(
            p.name.removeprefix("Pulumi.").removesuffix(".yaml") for p in path.parent.glob("Pulumi.*.yaml")
        )
        raise UsageError(
            f"no stack {args.stack!r}: {path} does not exist; stacks here: {', '.join(available) or 'none'}"
        )
    return args.stack, path


def cmd_plan(args: argparse.Namespace) -> int:
    from fleet.review.plan import to_json, to_text
    from fleet.review.render import render
    from fleet.spec.load import load, read_stack

    name, path = stack_file(args)
    stack = read_stack(path)
    fleet = load(stack.raw, stack.shard, stack.config_keys)  # validate and place in full before anything runs
    rendering = render(stack.raw, name, shard=stack.shard)
    if args.format == "snapshot":
        from fleet.review import snapshot

        print(json.dumps(snapshot.take(fleet, rendering)))
    elif args.format == "json":
        print(json.dumps(to_json(rendering, fleet), indent=2))
    else:
        print(to_text(rendering, fleet))
    return EXIT_OK


def cmd_regions(args: argparse.Namespace) -> int:
    from fleet import catalog, residency

    regimes = residency.builtin()
    if args.stack or args.stack_file:
        from fleet.spec.load import from_stack_file

        regimes = from_stack_file(stack_file(args)[1]).regimes
    if args.regime and args.regime not in regimes:
        raise UsageError(f"unknown regime {args.regime!r}; known: {', '.join(regimes)}")
    rows = []
    for region in catalog.regions(args.cloud):
        if not region.deployable:
            continue
        satisfied = [
            name for name, regime in regimes.items() if name != "none" and regime.allows(region.cloud, region.name)
        ]
        if args.regime and args.regime not in (*satisfied, "none"):
            continue
        country = catalog.country(region.country)
        rows.append(
            {
                "cloud": region.cloud,
                "region": region.name,
                "name": region.display_name,
                "country": region.country,
                "countryName": country.name if country else "",
                "access": region.access,
                "regimes": satisfied,
            }
        )
    if args.format == "json":
        print(json.dumps(rows, indent=2))
        return EXIT_OK
    width = max((len(r["region"]) for r in rows), default=6)
    print(f"{'cloud':6} {'region':{width}} {'country':8} {'access':10} regimes")
    for row in rows:
        satisfied = " ".join(row["regimes"]) or "-"
        print(f"{row['cloud']:6} {row['region']:{width}} {row['country']:8} {row['access']:10} {satisfied}")
    print(f"\n{len(rows)} regions" + (f" satisfy regime {args.regime}" if args.regime else ""))
    return EXIT_OK


def progress(message: str) -> None:
    print(f"fleet: {message}", file=sys.stderr, flush=True)


def cmd_review(args: argparse.Namespace) -> int:
    if args.environment:
        return cmd_review_environment(args)
    from fleet.review import base, policy_config, report, snapshot
    from fleet.review.diff import diff
    from fleet.review.policy import evaluate
    from fleet.review.render import render
    from fleet.spec.load import load, read_stack

    name, path = stack_file(args)
    progress(f"validating {path}")
    stack = read_stack(path)
    fleet = load(stack.raw, stack.shard, stack.config_keys)
    shard = f" of shard {fleet.shard}" if fleet.shard else ""
    progress(f"rendering {len(fleet.deployed_clusters)} clusters{shard} and their tenants (mock runtime)")
    rendering = render(stack.raw, name, shard=stack.shard)
    head = snapshot.take(fleet, rendering)

    def config(names: list[str]) -> dict:  # type: ignore[type-arg]
        return policy_config.build(fleet, name, names)

    progress(f"running the policy pack on {len(rendering.resources)} resources")
    violations = evaluate(rendering, config)
    changes = new = None
    if args.base:
        progress(f"rendering {name} at {args.base}")
        try:
            before = base.snapshot_at(args.base, path, project_root())
        except base.BaseError as err:
            raise UsageError(str(err)) from None
        if before is None:
            before = {"resources": [], "tenants": {}}
            old_violations = []
        else:
            progress(f"running the policy pack on {args.base}")
            old_violations = evaluate(snapshot.rendering_of(before), config)
        changes = diff(before, head)
        known = {(v.rule_id, v.urn, v.message) for v in old_violations}
        new = [v for v in violations if (v.rule_id, v.urn, v.message) not in known]
    document = report.build(head, violations, changes, args.base, new)
    if args.format == "json":
        output = json.dumps(document, indent=2) + "\n"
    elif args.format == "markdown":
        output = report.markdown(document) + "\n"
    else:
        output = report.text(document) + "\n"
    if args.output:
        Path(args.output).write_text(output, encoding="utf-8")
        progress(f"wrote {args.output}")
    else:
        sys.stdout.write(output)
    return EXIT_VIOLATIONS if document["verdict"] == "blocked" else EXIT_OK


def shard_stacks(environment: str) -> list[tuple[str, Path]]:
    """The shard stacks of an environment: stack files whose spec names it and that set a shard."""
    from fleet.spec.load import read_stack

    found = []
    for path in sorted((project_root() / "stacks").glob("Pulumi.*.yaml")):
        try:
            stack = read_stack(path)
        except SpecError:
            continue
        if stack.shard and isinstance(stack.raw, dict) and stack.raw.get("environment") == environment:
            found.append((path.name.removeprefix("Pulumi.").removesuffix(".yaml"), path))
    if not found:
        raise UsageError(f"no shard stacks of environment {environment!r} in stacks/ (stack files with fleet:shard)")
    return found


def cmd_review_environment(args: argparse.Namespace) -> int:
    """Review every shard of an environment, each in its own process, in parallel."""
    shards = shard_stacks(args.environment)
    progress(f"reviewing {len(shards)} shards of {args.environment} in parallel: {', '.join(n for n, _ in shards)}")
    child_format = "json" if args.format == "json" else args.format

    def review(name: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "fleet", "review", "--stack", name, "--format", child_format]
        if args.base:
            command += ["--base", args.base]
        return subprocess.run(command, capture_output=True, text=True, check=False, cwd=project_root())

    with ThreadPoolExecutor(max_workers=max(1, min(len(shards), os.cpu_count() or 1))) as pool:
        results = dict(zip((n for n, _ in shards), pool.map(review, (n for n, _ in shards)), strict=True))
    codes = [r.returncode for r in results.values()]
    for name, result in results.items():
        if result.returncode not in (EXIT_OK, EXIT_VIOLATIONS):
            sys.stderr.write(f"fleet: shard {name}:\n{result.stderr}")
    if args.format == "json":
        documents = {n: json.loads(r.stdout) for n, r in results.items() if r.stdout.strip()}
        verdict = "blocked" if any(d["verdict"] == "blocked" for d in documents.values()) else "pass"
        output = json.dumps({"environment": args.environment, "verdict": verdict, "shards": documents}, indent=2) + "\n"
    else:
        output = "\n".join(
            r.stdout if args.format == "markdown" else f"== {name} ==\n{r.stdout}" for name, r in results.items()
        )
    if args.output:
        Path(args.output).write_text(output, encoding="utf-8")
    else:
        sys.stdout.write(output)
    # The worst outcome wins: internal error, spec error, violations, clean.
    for code in (EXIT_INTERNAL, EXIT_SPEC, EXIT_VIOLATIONS):
        if code in codes:
            return code
    return EXIT_OK


def cmd_policy_config(args: argparse.Namespace) -> int:
    from fleet.review import policy_config
    from fleet.review.policy import PolicyPack
    from fleet.spec.load import from_stack_file

    name, path = stack_file(args)
    fleet = from_stack_file(path)
    with PolicyPack(stack=name) as pack:
        names = [p.name for p in pack.info().policies]
    document = json.dumps(policy_config.build(fleet, name, names), indent=2) + "\n"
    if args.output:
        Path(args.output).write_text(document, encoding="utf-8")
    else:
        print(document, end="")
    return EXIT_OK


def add_stack_arguments(group: argparse._MutuallyExclusiveGroup) -> None:
    group.add_argument("--stack", help="stack name: reads stacks/Pulumi.<NAME>.yaml")
    group.add_argument("--stack-file", help="path to a Pulumi.<stack>.yaml file")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="fleet", description="Plan and review a Kubernetes fleet offline.")
    commands = top.add_subparsers(dest="command", required=True)

    plan = commands.add_parser("plan", help="validate a stack and show the resources it would create")
    source = plan.add_mutually_exclusive_group(required=True)
    add_stack_arguments(source)
    # "snapshot" is the machine format `fleet review --base` exchanges between git refs.
    plan.add_argument("--format", choices=["text", "json", "snapshot"], default="text")
    plan.set_defaults(func=cmd_plan)

    regions = commands.add_parser("regions", help="list regions with their country and the regimes they satisfy")
    regions.add_argument("--cloud", choices=["aws", "gcp", "azure"])
    regions.add_argument("--regime", help="only regions that satisfy this regime")
    stack = regions.add_mutually_exclusive_group()
    stack.add_argument("--stack", help="also know the custom regimes of this stack")
    stack.add_argument("--stack-file", help="also know the custom regimes of this stack file")
    regions.add_argument("--format", choices=["text", "json"], default="text")
    regions.set_defaults(func=cmd_regions)

    review = commands.add_parser(
        "review", help="validate, render, policy-check and (with --base) diff a stack, offline"
    )
    source = review.add_mutually_exclusive_group(required=True)
    add_stack_arguments(source)
    source.add_argument("--environment", help="review every shard stack of this environment, in parallel")
    review.add_argument("--base", help="git ref to diff against (the same stack rendered with that ref's code)")
    review.add_argument("--format", choices=["text", "markdown", "json"], default="text")
    review.add_argument("--output", help="write the report to this file instead of stdout")
    review.set_defaults(func=cmd_review)

    config = commands.add_parser(
        "policy-config", help="write the policy pack config for a stack (--policy-pack-config format)"
    )
    source = config.add_mutually_exclusive_group(required=True)
    add_stack_arguments(source)
    config.add_argument("--output", help="write to this file instead of stdout")
    config.set_defaults(func=cmd_policy_config)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
    except SpecError as err:
        print(err.render(), file=sys.stderr)
        return EXIT_SPEC
    except UsageError as err:
        print(f"fleet: {err}", file=sys.stderr)
        return EXIT_SPEC
    except Exception as err:
        if os.environ.get("FLEET_DEBUG"):
            raise
        print(
            f"fleet: internal error: {type(err).__name__}: {err}\n(set FLEET_DEBUG=1 to see the traceback)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
