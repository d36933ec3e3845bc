"""The `fleet` command: validate, plan and review stacks offline, without cloud credentials.

Exit codes: 0 clean, 1 blocked (mandatory policy violations, protected resources deleted),
2 spec or usage error, 3 internal error. A closed pipe and Ctrl-C end quietly.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata
from pathlib import Path
from typing import Any, NoReturn

from fleet import project
from fleet.report.text import visible
from fleet.spec.errors import SpecError, bounded

EXIT_OK, EXIT_VIOLATIONS, EXIT_SPEC, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_PIPE, EXIT_INTERRUPT = 128 + signal.SIGPIPE, 128 + signal.SIGINT
# What a run reads besides its own input; a report written there would change the next review.
PROJECT_INPUTS = ("stacks", "policies/exemptions", "policies/fleetguard")
MAX_REVIEW_BYTES = 256 * 2**20  # a saved review of the largest fleet we measured is a few MiB
VERDICT_EXIT = {"pass": EXIT_OK, "blocked": EXIT_VIOLATIONS, "invalid": EXIT_SPEC}


class UsageError(Exception):
    pass


def short(value: str, limit: int = 200) -> str:
    """A command-line value for a message: as given when it is plain printable text, else its repr
    (control and invisible characters escaped); bounded either way."""
    if value and value.isprintable() and value.strip() == value and len(value) <= limit:
        return value
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…'"


def did_you_mean(word: str, choices: Sequence[str]) -> str:
    near = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean {near[0]!r}? " if near else ""


def project_root(start: Path | None = None) -> Path:
    """The nearest directory at or above ``start`` that holds Pulumi.yaml."""
    try:
        return project.root(start)
    except project.NotAProject as err:
        raise UsageError(str(err)) from None


def stack_names(root: Path) -> list[str]:
    return sorted(p.name.removeprefix("Pulumi.").removesuffix(".yaml") for p in (root / "stacks").glob("Pulumi.*.yaml"))


def check_stack_name(name: str, where: str) -> str:
    """The Pulumi CLI's rule for a stack name, checked before the name becomes a file name."""
    if not project.PULUMI_NAME.match(name):
        raise UsageError(
            f"{where} {short(name)} is not a Pulumi stack name; the Pulumi CLI allows 1-100 of "
            "A-Z, a-z, 0-9, '-', '_' and '.'"
        )
    return name


def stack_path(name: str, root: Path) -> Path:
    check_stack_name(name, "--stack")
    path = root / "stacks" / f"Pulumi.{name}.yaml"
    if not path.is_file():
        available = stack_names(root)
        raise UsageError(
            f"no stack {name!r}: {path} does not exist; {did_you_mean(name, available)}"
            f"stacks here: {', '.join(available) or 'none'}"
        )
    return path


def stack_file(args: argparse.Namespace) -> tuple[str, Path]:
    if args.stack_file is not None:
        path = Path(args.stack_file)
        try:
            found = path.is_file()
        except OSError as err:  # a name too long for the file system
            raise UsageError(f"--stack-file {short(args.stack_file)}: {err.strerror}") from None
        if not found:
            raise UsageError(f"--stack-file {short(args.stack_file)}: no such file")
        name = path.name.removeprefix("Pulumi.").removesuffix(".yaml").removesuffix(".yml")
        return check_stack_name(name, f"--stack-file {short(args.stack_file)} names stack"), path
    return args.stack, stack_path(args.stack, project_root())


def progress(message: str) -> None:
    print(f"fleet: {message}", file=sys.stderr, flush=True)


def _check_output(output: str | None, *inputs: Path | str | None) -> None:
    """Where the report goes is checked before any work, not after minutes of it: its directory
    exists, it is a regular file or nothing yet (a directory, FIFO or device is refused: '-' is
    standard output), and it is not one of the files this run reads."""
    if output is None or output == "-":
        return
    if not output.strip():
        raise UsageError("--output is empty; name a file, or '-' for standard output")
    target = Path(output)
    shown = short(output)
    try:
        if not target.resolve().parent.is_dir():
            raise UsageError(f"--output {shown}: the directory {short(str(target.resolve().parent))} does not exist")
        if target.exists() and not stat.S_ISREG(target.stat().st_mode):
            kind = "a directory" if target.is_dir() else "not a regular file"
            raise UsageError(f"--output {shown} is {kind}; name a file to write, or '-' for standard output")
        for source in inputs:
            if source and target.exists() and Path(source).exists() and os.path.samefile(target, source):
                raise UsageError(f"--output {shown} is the file this command reads; write the report elsewhere")
        with contextlib.suppress(project.NotAProject):
            root = project.root()
            inside = target.resolve()
            if inside == root / "Pulumi.yaml" or any(inside.is_relative_to(root / d) for d in PROJECT_INPUTS):
                raise UsageError(
                    f"--output {shown} is among the files fleet reads (Pulumi.yaml, {', '.join(PROJECT_INPUTS)}); "
                    "write the report elsewhere"
                )
    except OSError as err:
        raise UsageError(f"--output {shown}: {err.strerror}") from None


def _check_urls(args: argparse.Namespace) -> None:
    """Links the report writes into a pull-request comment: web addresses only, never a script."""
    for option, value in (("--rules-url", args.rules_url), ("--artifact-url", args.artifact_url)):
        if value is None:
            continue
        parsed = urllib.parse.urlsplit(value)
        if parsed.scheme not in ("https", "http") or not parsed.netloc or not value.isprintable() or " " in value:
            raise UsageError(f"{option} {short(value)} is not a web address; write an https:// URL")


def _write(output: str | None, text: str) -> None:
    if output and output != "-":
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as err:
            raise UsageError(f"--output {short(output)}: cannot write it: {err.strerror}") from None
        progress(f"wrote {output}")
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def cmd_validate(args: argparse.Namespace) -> int:
    from fleet.spec.load import load_stack, read_stack

    name, path = stack_file(args)
    fleet = load_stack(read_stack(path))
    placed = sum(len(p.clusters) for p in fleet.tenant_placements().values())
    print(f"{name}: valid: {len(fleet.clusters)} clusters, {len(fleet.spec.tenants)} tenants, {placed} placements")
    return EXIT_OK


def cmd_plan(args: argparse.Namespace) -> int:
    from fleet.review.plan import to_json, to_text
    from fleet.review.render import render
    from fleet.spec.load import load_stack, read_stack

    name, path = stack_file(args)
    stack = read_stack(path)
    fleet = load_stack(stack)  # validate and place in full before anything runs
    rendering = render(stack.raw, name, shard=stack.shard)
    if args.format == "snapshot":
        from fleet.review import snapshot
        from fleet.review.base import DIGEST_KEY_VARIABLE

        key = os.environ.get(DIGEST_KEY_VARIABLE)
        print(json.dumps(snapshot.take(fleet, rendering, bytes.fromhex(key) if key else None)))
    elif args.format == "json":
        print(json.dumps(to_json(rendering, fleet), indent=2))
    else:
        print(to_text(rendering, fleet, _as_of(args.as_of)))
    return EXIT_OK


def cmd_regions(args: argparse.Namespace) -> int:
    from fleet.core import catalog, residency

    regimes = residency.builtin()
    if args.stack is not None or args.stack_file is not None:
        from fleet.spec.load import from_stack_file

        regimes = from_stack_file(stack_file(args)[1]).regimes
    if args.regime and args.regime not in regimes:
        raise UsageError(
            f"unknown regime {args.regime!r}; {did_you_mean(args.regime, list(regimes))}known: {', '.join(regimes)}"
        )
    rows: list[dict[str, Any]] = []
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
        shown = " ".join(row["regimes"]) or "-"
        print(f"{row['cloud']:6} {row['region']:{width}} {row['country']:8} {row['access']:10} {shown}")
    print(f"\n{len(rows)} regions" + (f" satisfy regime {args.regime}" if args.regime else ""))
    return EXIT_OK


def _targets(args: argparse.Namespace) -> list[Any]:
    from fleet.review.review import Target

    root = project_root()
    if args.stack_file is not None:
        name, path = stack_file(args)
        return [Target(name, path, root)]
    if args.all:
        names = stack_names(root)
    elif args.environment:
        names = [name for name, _ in shard_stacks(args.environment, root)]
    else:
        names = args.stack
    return [Target(name, stack_path(name, root), root) for name in names]


def shard_stacks(environment: str, root: Path) -> list[tuple[str, Path]]:
    """The shard stacks of an environment: stack files whose spec names it and that set a shard."""
    from fleet.spec.load import read_stack

    found, environments = [], set()
    for path in sorted((root / "stacks").glob("Pulumi.*.yaml")):
        try:
            stack = read_stack(path)
        except SpecError:
            continue
        if isinstance(stack.raw, dict) and isinstance(stack.raw.get("environment"), str):
            environments.add(stack.raw["environment"])
        if stack.shard and isinstance(stack.raw, dict) and stack.raw.get("environment") == environment:
            found.append((path.name.removeprefix("Pulumi.").removesuffix(".yaml"), path))
    if not found and environment in environments:
        raise UsageError(
            f"environment {environment!r} is not split into shards (none of its stack files in stacks/ sets "
            "fleet:shard); review its stack with --stack NAME"
        )
    if not found:
        raise UsageError(
            f"no shard stacks of environment {environment!r} in stacks/ (stack files with fleet:shard); "
            f"{did_you_mean(environment, sorted(environments))}".rstrip()
        )
    return found


def _review_in_child(name: str, args: argparse.Namespace, root: Path, live: Any = None) -> Any:
    """One stack's review in its own process (each render needs its own mock runtime)."""
    from fleet.review.document import StackReview, from_json

    command = [sys.executable, "-m", "fleet", "review", "--stack", name, "--format", "json"]
    if args.base:
        command += ["--base", args.base]
    if args.as_of:
        command += ["--as-of", args.as_of]
    if live is not None:
        command += ["--live-capacity", str(Path(live.source).resolve())]
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=root)
    if result.returncode not in VERDICT_EXIT.values() or not result.stdout.strip():
        raise RuntimeError(f"reviewing stack {name} failed:\n{result.stderr.strip()[-2000:]}")
    return from_json(StackReview, json.loads(result.stdout)["stacks"][0])


def _as_of(text: str | None) -> Any:
    """The day support dates are judged at: --as-of, or today (UTC)."""
    import datetime as dt

    from fleet.review.review import today

    if text is None:
        return today()
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"--as-of {text!r} is not a date; write it as YYYY-MM-DD, e.g. --as-of 2027-01-15") from None


def _live_capacity(paths: list[str] | None, targets: list[Any]) -> dict[str, Any]:
    """--live-capacity files by the stack each was read from; each must be one of the reviewed stacks."""
    from fleet.review.live import LiveCapacityError, read_status

    found: dict[str, Any] = {}
    names = [t.name for t in targets]
    for path in paths or ():
        try:
            status = read_status(Path(path))
        except LiveCapacityError as err:
            raise UsageError(f"--live-capacity {err}") from None
        if status.stack not in names:
            raise UsageError(
                f"--live-capacity {path}: read from stack {status.stack!r}, which this review does not cover "
                f"({', '.join(names)}); give each stack's own `fleet status --stack NAME --format json`"
            )
        if status.stack in found:
            raise UsageError(f"--live-capacity {path}: a second file for stack {status.stack!r}; give one per stack")
        found[status.stack] = status
    return found


def cmd_review(args: argparse.Namespace) -> int:
    from fleet.review import base, report
    from fleet.review.document import Review
    from fleet.review.review import review_stack, with_union_problems

    if args.base is not None and not args.base.strip():
        raise UsageError("--base is empty; name a git ref (a branch, tag or commit) to diff against, or leave it out")
    if args.environment is not None and not args.environment.strip():
        raise UsageError("--environment is empty; name an environment, e.g. --environment prod")
    _check_urls(args)
    targets = _targets(args)
    if not targets:
        raise UsageError("no stacks to review: stacks/ has no Pulumi.<stack>.yaml")
    _check_output(args.output, *(t.path for t in targets))
    root = project_root()
    if args.base:
        try:
            base.verify(args.base, root)
        except base.BaseError as err:
            raise UsageError(str(err)) from None
    as_of = _as_of(args.as_of)
    live = _live_capacity(args.live_capacity, targets)
    if len(targets) == 1:
        only = targets[0]
        stacks = [review_stack(only, base=args.base, progress=progress, as_of=as_of, live=live.get(only.name))]
    else:
        workers = max(1, min(len(targets), os.cpu_count() or 1))
        progress(f"reviewing {len(targets)} stacks, {workers} at a time: {', '.join(t.name for t in targets)}")
        finished: list[str] = []
        lock = threading.Lock()

        def one(target: Any) -> Any:
            started = time.monotonic()
            progress(f"{target.name}: reviewing")
            reviewed = _review_in_child(target.name, args, root, live.get(target.name))
            with lock:
                finished.append(target.name)
                progress(
                    f"{target.name}: {reviewed.verdict} in {time.monotonic() - started:.0f} s "
                    f"({len(finished)} of {len(targets)} stacks done)"
                )
            return reviewed

        with ThreadPoolExecutor(max_workers=workers) as pool:
            stacks = list(pool.map(one, targets))
        # Stacks reviewed together must agree where their cloud guardrails share a scope.
        stacks = with_union_problems(stacks, targets)
    review = Review(tuple(stacks))
    links = report.Links.for_project(root, args.rules_url, args.artifact_url)
    _write(args.output, _render_review(review, args.format, links))
    return VERDICT_EXIT[review.verdict]


def _render_review(review: Any, form: str, links: Any) -> str:
    from fleet.review.report import FORMATS

    return FORMATS.render(review, form, links=links, version=version())


def cmd_status(args: argparse.Namespace) -> int:
    """What each cluster runs and holds now, read from its API server with the stack's credentials,
    set beside the spec, the support calendar and placement. Exit 1 when a cluster is flagged."""
    from functools import partial

    from fleet.spec.load import from_stack_file
    from fleet.status import report as status_report
    from fleet.status.capacity import capacities
    from fleet.status.credentials import CredentialError, kubeconfigs
    from fleet.status.reader import cached_reader
    from fleet.status.versions import live_versions, node_minors

    name, path = stack_file(args)
    as_of = _as_of(args.as_of)
    if not 0 < args.threshold <= 100:
        raise UsageError(f"--threshold {args.threshold}: give a percentage above 0 and at most 100")
    fleet = from_stack_file(path)
    try:
        found, missing = kubeconfigs(fleet, name, project_root())
    except CredentialError as err:
        raise UsageError(str(err)) from None
    get = cached_reader()  # the nodes are read once, for their versions and their capacity
    live = live_versions(fleet.deployed_clusters, found, missing, as_of, nodes_probe=partial(node_minors, get=get))
    reachable = {v.cluster: found[v.cluster] for v in live if v.runs is not None}
    room = capacities(fleet, reachable, args.threshold / 100, get=get)
    render = status_report.to_json if args.format == "json" else status_report.to_text
    print(render(name, as_of, live, room))
    flagged = any(v.flagged for v in live) or any(c.findings for c in room)
    return EXIT_VIOLATIONS if flagged else EXIT_OK


def cmd_preflight(args: argparse.Namespace) -> int:
    """What must exist before the stack's first `pulumi up`, per account, project and subscription,
    from its spec: nothing is called (docs/DEPLOYING.md says why each is needed)."""
    from fleet.preflight.checklist import checklist, render
    from fleet.spec.load import from_stack_file, stack_fleets
    from fleet.spec.waves import aks_upgrades, read_upgrades, waves_of

    name, path = stack_file(args)
    fleet = from_stack_file(path)
    stacks = project_root() / "stacks"
    upgrades = read_upgrades(stacks)
    aks = None
    if upgrades is not None and upgrades.azure_fleet_manager is not None:
        everyone = {**stack_fleets(stacks, skip=path), name: fleet}
        aks = aks_upgrades(waves_of(upgrades), everyone, upgrades.azure_fleet_manager.manager())
    print(render(name, checklist(fleet, with_waves=upgrades is not None, aks=aks, stack=name)))
    if not args.check:
        return EXIT_OK
    return _preflight_check(fleet)


def _preflight_check(fleet: Any) -> int:
    """--check: read-only calls with the deployer's credentials, in every cloud the stack deploys to
    (fleet/preflight/aws.py, gcp.py, azure.py). Credentials are looked for first, in each of those
    clouds: when any are missing, that is said once, and nothing is called."""
    from botocore.exceptions import BotoCoreError, NoCredentialsError

    from fleet.core import kinds
    from fleet.spec.model import AzureCluster, GcpCluster

    deployer = fleet.spec.deployer
    projects = sorted({c.project for c in fleet.deployed_clusters if isinstance(c, GcpCluster)})
    azure_clusters = [c for c in fleet.deployed_clusters if isinstance(c, AzureCluster)]
    if deployer.aws is None and not projects and not azure_clusters:
        print("nothing to check: the stack deploys to no AWS account, GCP project or Azure subscription")
        return EXIT_OK
    missing: list[str] = []
    checks: list[tuple[str, Any]] = []  # (cloud, a function of no arguments giving its findings)
    if deployer.aws is not None:
        from fleet.preflight import aws

        try:
            aws_clients = aws.session_clients(deployer.aws.role_in, deployer.aws.account)
            checks.append(("aws", lambda: aws.check(fleet, aws_clients)))
        except NoCredentialsError:
            missing.append(
                "--check needs AWS credentials: the deploy role's (a CI job's OIDC session) or a profile that may "
                f"act in account {deployer.aws.account} (AWS_PROFILE=...)"
            )
        except BotoCoreError as err:
            raise UsageError(f"--check could not call AWS: {err}") from None
    if projects:
        from google.auth.exceptions import DefaultCredentialsError

        from fleet.preflight import gcp
        from fleet.spec.waves import read_upgrades

        with_waves = read_upgrades(project_root() / "stacks") is not None
        try:
            gcp_clients = gcp.session_clients()
            checks.append(("gcp", lambda: gcp.check(fleet, gcp_clients, with_waves=with_waves)))
        except DefaultCredentialsError:
            missing.append(
                "--check needs GCP credentials: Application Default Credentials (a CI job's workload identity "
                "federation, or `gcloud auth application-default login`) that may read project(s) "
                f"{', '.join(projects)}"
            )
    if azure_clusters:
        from azure.core.exceptions import ClientAuthenticationError

        from fleet.preflight import azure

        default_subscription = os.environ.get("ARM_SUBSCRIPTION_ID") or os.environ.get("AZURE_SUBSCRIPTION_ID")
        try:
            azure_clients = azure.session_clients()
            checks.append(("azure", lambda: azure.check(fleet, azure_clients, default_subscription)))
        except ClientAuthenticationError:
            subscriptions = sorted({c.subscription or azure.NO_SUBSCRIPTION for c in azure_clusters})
            missing.append(
                "--check needs Azure credentials: DefaultAzureCredential's (a CI job's federated AZURE_CLIENT_ID "
                "and AZURE_TENANT_ID, or `az login`) that may read subscription(s) " + ", ".join(subscriptions)
            )
    if missing:
        raise UsageError("\n  ".join(missing))
    print("checked with the deployer's credentials (read-only calls):")
    ok = True
    for cloud, run in checks:
        kind = kinds.kind(cloud)
        try:
            findings = run()
        except BotoCoreError as err:
            raise UsageError(f"--check could not call AWS: {err}") from None
        for f in findings:
            print(f"  [{'ok' if f.ok else '!!'}] {kind.title} {kind.scope_word} {f.account}: {f.what}")
        ok = ok and all(f.ok for f in findings)
    return EXIT_OK if ok else EXIT_VIOLATIONS


def cmd_evidence(args: argparse.Namespace) -> int:
    """Evidence for auditors: the stack reviewed as `fleet review` does, written as a stamped
    document (regulated tenants, where they run and why, their guardrails, the pack's results).
    The document is written whatever the pack found; the exit code is the review's (1: blocked)."""
    from fleet.evidence import collect
    from fleet.evidence.report import render
    from fleet.review.review import Target

    name, path = stack_file(args)
    _check_output(args.output, path)
    evidence = collect(Target(name, path, project_root()), version(), progress=progress, as_of=_as_of(args.as_of))
    _write(args.output, render(evidence, args.format))
    return VERDICT_EXIT[evidence.policy.verdict]


def stack_table(root: Path) -> list[dict[str, Any]]:
    """Every stack in stacks/ with what the workflows need to know about it: the one list of stacks
    the pull-request and deploy workflows use (`fleet stacks --format github`)."""
    from fleet.spec.load import load_stack, read_stack

    rows = []
    for name in stack_names(root):
        fleet = load_stack(read_stack(stack_path(name, root)))
        spec = fleet.spec
        regimes = {t.residency for t in spec.tenants} | {c.residency or "none" for c in fleet.clusters}
        deployer = spec.deployer
        rows.append(
            {
                "stack": name,
                "environment": spec.environment,
                "production": spec.production,
                # The GitHub environment the deploy job runs in, one per fleet environment, so its
                # variables and OIDC subject belong to one spec; production ones carry the approval.
                "githubEnvironment": spec.environment,
                # The role the deploy job assumes is the one the spec grants cluster access to.
                "awsRole": deployer.aws.role_arn if deployer.aws else "",
                "regulated": bool(regimes - {"none"}),
                "shard": fleet.shard,
                "runsOn": list(deployer.runs_on),
                # Pull-request previews: runners and read-only identities of their own, never the above.
                "previewRunsOn": list(deployer.preview.runs_on) if deployer.preview else ["ubuntu-latest"],
                "previewAwsRole": (deployer.preview.aws_role_arn or "") if deployer.preview else "",
                "previewGcpServiceAccount": (deployer.preview.gcp_service_account or "") if deployer.preview else "",
                "clouds": sorted({c.cloud for c in fleet.deployed_clusters}),
            }
        )
    return rows


def cmd_stacks(args: argparse.Namespace) -> int:
    rows = stack_table(project_root())
    if args.format == "json":
        print(json.dumps(rows, indent=2))
    elif args.format == "github":
        # Lines for $GITHUB_OUTPUT: the matrices the workflows fan out over.
        print(f"all={json.dumps(rows)}")
        print(f"production={json.dumps([r for r in rows if r['production']])}")
        print(f"nonproduction={json.dumps([r for r in rows if not r['production']])}")
    else:
        for row in rows:
            marks = [
                m for m in ("production" if row["production"] else "", "regulated" if row["regulated"] else "") if m
            ]
            print(f"{row['stack']:12} {row['environment']:10} {' '.join(row['clouds']):20} {', '.join(marks)}")
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    """Render a review saved as JSON (`fleet review --format json`) in another format, without
    rendering the stacks again: one review run, a comment, an artifact and SARIF from it."""
    from fleet.review import report
    from fleet.review.document import Review, StackReview, from_json
    from fleet.spec.source import SourceError, read_bounded

    _check_urls(args)
    _check_output(args.output, args.input)
    try:
        raw = read_bounded(Path(args.input), MAX_REVIEW_BYTES, "a saved review")
    except SourceError as err:
        raise UsageError(f"--input {err}") from None
    try:
        document = json.loads(raw.decode("utf-8"))
        if not isinstance(document, dict) or not isinstance(document.get("stacks"), list):
            raise ValueError("it has no list of stacks")
        review = Review(tuple(from_json(StackReview, s) for s in document["stacks"]))
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as err:
        raise UsageError(
            f"--input {short(args.input)}: not a `fleet review --format json` document ({short(str(err), 200)})"
        ) from None
    links = report.Links.for_project(project_root(), args.rules_url, args.artifact_url)
    _write(args.output, _render_review(review, args.format, links))
    return VERDICT_EXIT[review.verdict]


def cmd_policy_config(args: argparse.Namespace) -> int:
    from fleet.review import policy_config
    from fleet.review.policy import PolicyPack
    from fleet.spec.load import from_stack_file

    name, path = stack_file(args)
    _check_output(args.output, path)
    fleet = from_stack_file(path)
    policies = project_root() / "policies"
    with PolicyPack(policies, stack=name) as pack:
        names = [p.name for p in pack.info().policies]
    _write(args.output, json.dumps(policy_config.build(fleet, name, names, policies), indent=2) + "\n")
    return EXIT_OK


def cmd_policy_pack(args: argparse.Namespace) -> int:
    from fleet.review.publish import PublishError, bundle

    try:
        output = bundle(project_root(), Path(args.output))
    except PublishError as err:
        raise UsageError(str(err)) from None
    print(f"policy pack for `pulumi policy publish {args.output}` written to {output}", file=sys.stderr)
    return EXIT_OK


def version() -> str:
    try:
        return metadata.version("fleet")
    except metadata.PackageNotFoundError:
        return "unknown"


class Parser(argparse.ArgumentParser):
    """argparse with "did you mean" for a mistyped option."""

    def error(self, message: str) -> NoReturn:
        if "unrecognized arguments:" in message:
            options = [o for action in self._actions for o in action.option_strings]
            words = message.split("unrecognized arguments:", 1)[1].split()
            hints = [did_you_mean(w.split("=", 1)[0], options) for w in words if w.startswith("-")]
            message += "".join(f"; {h.strip()}" for h in hints if h)
        super().error(message)


def add_stack_arguments(group: argparse._MutuallyExclusiveGroup) -> None:
    group.add_argument("--stack", help="stack name: reads stacks/Pulumi.<NAME>.yaml")
    group.add_argument("--stack-file", help="path to a Pulumi.<stack>.yaml file")


def parser() -> argparse.ArgumentParser:
    top = Parser(prog="fleet", description="Validate, plan and review a Kubernetes fleet offline.")
    top.add_argument("--version", action="version", version=f"fleet {version()}")
    commands = top.add_subparsers(dest="command", required=True, parser_class=Parser)

    validate = commands.add_parser("validate", help="validate a stack's spec and placement (fast, no rendering)")
    add_stack_arguments(validate.add_mutually_exclusive_group(required=True))
    validate.set_defaults(func=cmd_validate)

    plan = commands.add_parser("plan", help="validate a stack and show the resources it would create")
    add_stack_arguments(plan.add_mutually_exclusive_group(required=True))
    # "snapshot" is the machine format `fleet review --base` exchanges between git refs.
    plan.add_argument("--format", choices=["text", "json", "snapshot"], default="text")
    plan.add_argument("--as-of", help="read the Kubernetes support calendar at this day, YYYY-MM-DD (default today)")
    plan.set_defaults(func=cmd_plan)

    regions = commands.add_parser("regions", help="list regions with their country and the regimes they satisfy")
    regions.add_argument("--cloud", choices=["aws", "gcp", "azure"])
    regions.add_argument("--regime", help="only regions that satisfy this regime")
    add_stack_arguments(regions.add_mutually_exclusive_group())
    regions.add_argument("--format", choices=["text", "json"], default="text")
    regions.set_defaults(func=cmd_regions)

    review = commands.add_parser("review", help="validate, render, policy-check and (with --base) diff stacks, offline")
    source = review.add_mutually_exclusive_group(required=True)
    source.add_argument("--stack", action="append", help="stack name (repeat for several): stacks/Pulumi.<NAME>.yaml")
    source.add_argument("--stack-file", help="path to a Pulumi.<stack>.yaml file")
    source.add_argument("--environment", help="every shard stack of this environment, in parallel")
    source.add_argument("--all", action="store_true", help="every stack in stacks/, in parallel")
    review.add_argument("--base", help="git ref to diff against (the stack files and code as they are at that ref)")
    review.add_argument(
        "--as-of", help="judge Kubernetes support dates at this day, YYYY-MM-DD (default: today, UTC); always printed"
    )
    review.add_argument(
        "--live-capacity",
        action="append",
        metavar="FILE",
        help="a stack's `fleet status --format json`: place its tenants again with the clusters' live room, and "
        "block a tenant newly placed on a cluster that is full in reality (opt-in; recorded in the review)",
    )
    review.add_argument("--format", choices=["text", "markdown", "json", "sarif"], default="text")
    review.add_argument("--output", help="write the report to this file instead of stdout")
    review.add_argument("--rules-url", help="where docs/RULES.md is published, for rule links (default: relative)")
    review.add_argument("--artifact-url", help="where the full report is, linked when the markdown is cut")
    review.set_defaults(func=cmd_review)

    evidence = commands.add_parser(
        "evidence", help="evidence for auditors: regulated tenants, where they run and why, guardrails, policy results"
    )
    add_stack_arguments(evidence.add_mutually_exclusive_group(required=True))
    evidence.add_argument("--format", choices=["json", "markdown", "html"], default="markdown")
    evidence.add_argument(
        "--as-of", help="read the Kubernetes support calendar at this day, YYYY-MM-DD (default: today)"
    )
    evidence.add_argument("--output", help="write the document to this file instead of stdout")
    evidence.set_defaults(func=cmd_evidence)

    status = commands.add_parser(
        "status",
        help="read each cluster's running version, nodes and capacity use with the stack's credentials, and judge them",
    )
    add_stack_arguments(status.add_mutually_exclusive_group(required=True))
    status.add_argument("--as-of", help="judge support dates at this day, YYYY-MM-DD (default: today, UTC)")
    status.add_argument("--format", choices=["text", "json"], default="text")
    status.add_argument(
        "--threshold",
        type=float,
        default=80,
        help="flag a cluster whose pods request more than this %% of its capacity",
    )
    status.set_defaults(func=cmd_status)

    preflight = commands.add_parser(
        "preflight", help="list what must exist before a stack's first `pulumi up` (regions, APIs, principals)"
    )
    add_stack_arguments(preflight.add_mutually_exclusive_group(required=True))
    preflight.add_argument(
        "--check",
        action="store_true",
        help="also make read-only calls with the deployer's credentials in every cloud the stack uses (regions, "
        "APIs and providers enabled, principals, quotas, add-on pins); exits 1 when something would fail",
    )
    preflight.set_defaults(func=cmd_preflight)

    stacks = commands.add_parser("stacks", help="list the stacks in stacks/ with what the CI workflows need")
    stacks.add_argument("--format", choices=["text", "json", "github"], default="text")
    stacks.set_defaults(func=cmd_stacks)

    rendered = commands.add_parser("report", help="render a saved `fleet review --format json` in another format")
    rendered.add_argument("--input", required=True, help="the JSON review")
    rendered.add_argument("--format", choices=["text", "markdown", "sarif"], default="markdown")
    rendered.add_argument("--output", help="write the report to this file instead of stdout")
    rendered.add_argument("--rules-url", help="where docs/RULES.md is published, for rule links (default: relative)")
    rendered.add_argument("--artifact-url", help="where the full report is, linked when the markdown is cut")
    rendered.set_defaults(func=cmd_report)

    config = commands.add_parser(
        "policy-config", help="write the policy pack config for a stack (--policy-pack-config format)"
    )
    add_stack_arguments(config.add_mutually_exclusive_group(required=True))
    config.add_argument("--output", help="write to this file instead of stdout")
    config.set_defaults(func=cmd_policy_config)

    pack = commands.add_parser(
        "policy-pack", help="write the policy pack as `pulumi policy publish` uploads it (own virtualenv, fleet wheel)"
    )
    pack.add_argument("--output", required=True, help="a directory that does not exist yet")
    pack.set_defaults(func=cmd_policy_pack)
    return top


def _quiet_pipe() -> int:
    # The reader went away (`| head`): stop writing, and let nothing complain at exit.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return EXIT_PIPE


def _unknown_options(top: argparse.ArgumentParser, argv: list[str]) -> str | None:
    """A mistyped option, named with the nearest real one, before argparse reports something
    less helpful (a required option it thinks is missing)."""
    commands = next(a for a in top._actions if isinstance(a, argparse._SubParsersAction)).choices
    command = next((word for word in argv if not word.startswith("-")), None)
    if command is None:
        return None
    if command not in commands:
        return f"unknown command {command!r}; {did_you_mean(command, list(commands))}commands: {', '.join(commands)}"
    known = [o for action in commands[command]._actions for o in action.option_strings]
    for word in argv:
        option = word.split("=", 1)[0]
        if option.startswith("--") and option not in known and not any(k.startswith(option) for k in known):
            return f"{command}: unknown option {option}; {did_you_mean(option, known)}options: {', '.join(known)}"
    return None


def main(argv: list[str] | None = None) -> int:
    try:
        top = parser()
        unknown = _unknown_options(top, list(sys.argv[1:] if argv is None else argv))
        if unknown:
            raise UsageError(unknown)
        args = top.parse_args(argv)
        return int(args.func(args))
    except SpecError as err:
        print(err.render(), file=sys.stderr)
        return EXIT_SPEC
    except UsageError as err:
        # Values quoted in a usage error come from the command line: bounded and made visible.
        print(f"fleet: {bounded(visible(str(err)))}", file=sys.stderr)
        return EXIT_SPEC
    except BrokenPipeError:
        return _quiet_pipe()
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return EXIT_INTERRUPT
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
