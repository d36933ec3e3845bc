"""Read the spec from Pulumi config or a stack file, validate it whole, or raise SpecError.

"Whole" means every problem at once: an entry whose own keys are wrong (structure) does not hide
problems between the others (cross-key checks); those run on the entries that did parse, with
the names of the broken ones still known so nothing is reported twice.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Container
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from fleet.spec.errors import ROOT, Problem, SpecError, from_validation_error
from fleet.spec.fleet import Fleet, Unparsed
from fleet.spec.model import FleetSpec
from fleet.spec.resolve import resolve
from fleet.spec.source import Source, SourceError, key_path, read, short

CONFIG_KEY = "fleet:spec"
SPEC_FILE_KEY = "fleet:specFile"
SHARD_KEY = "fleet:shard"
STACKS_DIR = Path("stacks")  # the Pulumi program runs in the project directory
# A file name beside the stack file, nothing that could leave the directory or end a C string.
SPEC_FILE_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,100}$")
# Lists of named entries: one broken entry is set aside, the others are still checked.
ENTRY_LISTS = {
    "clusters": "clusters",
    "tenants": "tenants",
    "regimes": "regimes",
    "clusterTemplates": "templates",
    "guardrails": "guardrails",
}


# Top-level settings that no check but their own reads (spec.checks, spec.resolve with place=False),
# each with the stand-in a partial spec gets when it is broken (None: left out, its default).
READ_BY_NO_OTHER_CHECK: dict[str, str | None] = {
    "environment": "unparsed",
    "owner": "unparsed",
    "production": None,
    "protect": None,
    "placement": None,
    "vcluster": None,
}


@dataclass(frozen=True)
class ConfigKeys:
    """Which stack config keys are set, and which of those are secret: the spec names config keys
    for credentials (an existing cluster's kubeconfig), which must exist and be secret."""

    present: Container[str] = frozenset()
    secret: Container[str] = frozenset()
    read: Callable[[str], str | None] | None = None
    """The value of a key, where it can be read (in the program, not from an encrypted stack file)."""


@dataclass(frozen=True)
class _Remainder:
    """What is left of a spec once the broken entries are set aside."""

    raw: dict[str, Any]
    unparsed: Unparsed
    positions: dict[str, list[int]]  # list key -> original index of each remaining entry


def _set_aside(raw: dict[str, Any], error: ValidationError) -> _Remainder | None:
    """``raw`` without the entries and optional keys the errors point into, and the names of the
    entries set aside; None when a required top-level key itself is broken."""
    drop: dict[str, set[int]] = {}
    top: set[str] = set()
    for detail in error.errors(include_url=False):
        loc = detail["loc"]
        if not loc:
            return None
        if loc[0] in ENTRY_LISTS and len(loc) > 1 and isinstance(loc[1], int):
            drop.setdefault(str(loc[0]), set()).add(loc[1])
        else:
            top.add(str(loc[0]))
    if top - set(READ_BY_NO_OTHER_CHECK):
        # A broken setting of the whole environment (defaults, deployer, identity, ...) would make
        # every check that reads it report against its default instead: say only what is broken.
        return None
    # Settings no other check reads are replaced by a stand-in, so the rest is still checked.
    partial = {k: READ_BY_NO_OTHER_CHECK[k] if k in top else v for k, v in raw.items()}
    partial = {k: v for k, v in partial.items() if v is not None}
    names: dict[str, set[str]] = {}
    positions: dict[str, list[int]] = {}
    for key, indices in drop.items():
        items = partial.get(key)
        if not isinstance(items, list):
            return None
        for index in indices:
            name = items[index].get("name") if index < len(items) and isinstance(items[index], dict) else None
            if isinstance(name, str):
                names.setdefault(ENTRY_LISTS[key], set()).add(name)
        positions[key] = [i for i in range(len(items)) if i not in indices]
        partial[key] = [items[i] for i in positions[key]]
    if not partial.get("clusters"):
        return None
    return _Remainder(partial, Unparsed({k: frozenset(v) for k, v in names.items()}), positions)


def _reindexed(problem: Problem, positions: dict[str, list[int]]) -> Problem:
    """A problem found on the partial spec, with its path pointing into the original spec."""
    keys = key_path(problem.path)
    if len(keys) < 2 or not isinstance(keys[0], str) or keys[0] not in positions or not isinstance(keys[1], int):
        return problem
    old = f"{ROOT}.{keys[0]}[{keys[1]}]"
    new = f"{ROOT}.{keys[0]}[{positions[keys[0]][keys[1]]}]"
    return Problem(new + problem.path[len(old) :], problem.message)


def load(raw: Any, shard: str | None = None, config_keys: ConfigKeys | None = None) -> Fleet:
    """Validate a raw spec (the value of ``fleet:spec``) and resolve it: every problem at once.

    With ``config_keys``, the credentials the spec refers to must be set in the stack as secrets.
    """
    if not isinstance(raw, dict):
        raise SpecError([Problem(ROOT, f"expected a map of settings, got {type(raw).__name__} {short(raw)}")])
    try:
        spec = FleetSpec.model_validate(raw)
    except ValidationError as err:
        problems = from_validation_error(FleetSpec, err)
        remainder = _set_aside(raw, err)
        if remainder is not None:
            try:
                partial = FleetSpec.model_validate(remainder.raw)
            except ValidationError:
                raise SpecError(problems) from None
            _, more = resolve(partial, shard, unparsed=remainder.unparsed, place=False)
            problems += [_reindexed(p, remainder.positions) for p in more]
        raise SpecError(problems) from None
    fleet, problems = resolve(spec, shard)
    if fleet is not None and config_keys is not None:
        from fleet.spec.checks import credential_problems

        problems += credential_problems(fleet, config_keys.present, config_keys.secret, config_keys.read)
    if problems or fleet is None:
        raise SpecError(problems)
    return fleet


@dataclass(frozen=True)
class StackConfig:
    """What a stack's config says about the fleet: the spec, which shard it deploys, which config
    keys the stack file sets (and which hold ``secure:`` values), and where the spec is written."""

    raw: Any
    shard: str | None = None
    config_keys: ConfigKeys = ConfigKeys()
    origin: SpecOrigin | None = None


@dataclass(frozen=True)
class SpecOrigin:
    """The file a spec is written in and where in it, to point a problem at its line."""

    source: Source
    prefix: tuple[str, ...] = field(default=())  # ("config", "fleet:spec") in a stack file

    @property
    def file(self) -> Path:
        return self.source.path

    def line_of(self, path: str) -> int:
        return self.source.line_of([*self.prefix, *key_path(path)])


def from_config(
    value: str | None, spec_file: str | None = None, shard: str | None = None, config_keys: ConfigKeys | None = None
) -> Fleet:
    """The spec from Pulumi config (objects arrive JSON-encoded), or from the shared spec file
    that ``fleet:specFile`` names (relative to ``stacks/``), for one ``fleet:shard``.

    Empty values count as unset: Pulumi.yaml gives every key an empty default, which the CLI
    passes to the program for the keys a stack does not set."""
    shard = shard or None
    if spec_file:
        return load(read_spec_file(STACKS_DIR / spec_file).data, shard, config_keys)
    if value is None or value.strip() in ("", "{}"):
        raise SpecError([Problem(ROOT, "not set; add a fleet:spec map (or fleet:specFile) to the stack's config")])
    try:
        raw = json.loads(value)
    except (json.JSONDecodeError, RecursionError) as err:
        raise SpecError([Problem(ROOT, f"is not a map ({short(str(err))}); write it as YAML under config")]) from None
    return load(raw, shard, config_keys)


def _read(path: Path) -> Source:
    try:
        return read(path)
    except SourceError as err:
        raise SpecError([Problem(err.where, err.why)]) from None


def read_spec_file(path: Path) -> Source:
    """A shared spec file: the fleet spec itself, shared by the shard stacks of one environment."""
    return _read(path)


def read_stack(path: Path) -> StackConfig:
    """The fleet settings of a ``Pulumi.<stack>.yaml`` file: an inline ``fleet:spec``, or a
    ``fleet:specFile`` next to it, and an optional ``fleet:shard``."""
    source = _read(path)
    document = source.data
    config = document.get("config") if isinstance(document, dict) else None
    if not isinstance(config, dict):
        raise SpecError([Problem(str(path), f"has no config.{CONFIG_KEY}; add the fleet spec there")])
    keys = ConfigKeys(
        present=frozenset(str(k) for k in config),
        secret=frozenset(str(k) for k, v in config.items() if isinstance(v, dict) and "secure" in v),
    )
    shard = config.get(SHARD_KEY)
    if shard is not None and not isinstance(shard, str):
        raise SpecError([Problem(SHARD_KEY, f"must be a shard name, got {short(shard)}")])
    spec_file = config.get(SPEC_FILE_KEY)
    if spec_file:
        if CONFIG_KEY in config:
            raise SpecError(
                [
                    Problem(
                        SPEC_FILE_KEY,
                        f"is set beside {CONFIG_KEY}; a stack takes its spec from one of them, remove one",
                    )
                ]
            )
        if not isinstance(spec_file, str) or not SPEC_FILE_NAME.match(spec_file) or spec_file.startswith("."):
            raise SpecError(
                [
                    Problem(
                        SPEC_FILE_KEY,
                        f"{short(spec_file)} must name a file in the stack's directory: 1-100 of A-Z, a-z, 0-9, "
                        "'-', '_' and '.', not starting with '.'",
                    )
                ]
            )
        spec_source = read_spec_file(path.parent / spec_file)
        return StackConfig(spec_source.data, shard or None, keys, SpecOrigin(spec_source))
    if CONFIG_KEY not in config:
        raise SpecError([Problem(str(path), f"has no config.{CONFIG_KEY}; add the fleet spec there")])
    return StackConfig(config[CONFIG_KEY], shard or None, keys, SpecOrigin(source, ("config", CONFIG_KEY)))


def _shown(path: Path) -> str:
    """A path as the user would type it: relative to the working directory when it is below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def located(err: SpecError, origin: SpecOrigin | None) -> SpecError:
    """The same problems, each led by the file and line its key is written at (as a compiler
    names them), so an editor or a terminal can jump there."""
    if origin is None:
        return err
    file = _shown(origin.file)
    lines = [origin.line_of(p.path) if p.path.startswith(ROOT) else 0 for p in err.problems]
    problems = [
        Problem(f"{file}:{line}: {problem.path}" if line else f"{file}: {problem.path}", problem.message)
        for line, problem in sorted(zip(lines, err.problems, strict=True), key=lambda pair: pair[0])
    ]
    return SpecError(problems, err.what)


def load_stack(stack: StackConfig) -> Fleet:
    """The fleet a stack file describes, validated and placed in full; its problems name file and line."""
    try:
        return load(stack.raw, stack.shard, stack.config_keys)
    except SpecError as err:
        raise located(err, stack.origin) from None


def read_stack_file(path: Path) -> Any:
    """The raw fleet spec a stack file holds or points to."""
    return read_stack(path).raw


def from_stack_file(path: Path) -> Fleet:
    return load_stack(read_stack(path))


def stack_fleets(stacks_dir: Path, skip: Path | None = None) -> dict[str, Fleet]:
    """The valid stacks in ``stacks_dir`` by name, except the file ``skip`` (an invalid one is its own
    review's problem)."""
    found: dict[str, Fleet] = {}
    skipped = skip.resolve() if skip is not None else None
    for path in sorted(stacks_dir.glob("Pulumi.*.yaml")):
        if path.resolve() == skipped:
            continue
        try:
            stack = read_stack(path)
            found[path.name.removeprefix("Pulumi.").removesuffix(".yaml")] = load(stack.raw, stack.shard)
        except SpecError:
            continue
    return found
