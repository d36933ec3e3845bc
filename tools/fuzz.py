#!/usr/bin/env python3
"""Black-box fuzzer for the `fleet` command line (issue 21's threat model).

Everything a pull request controls is fuzzed: stack files (stacks/Pulumi.<name>.yaml), the
shared spec file a stack names with `fleet:specFile`, exemption files
(policies/exemptions/<stack>.yaml), saved review JSON (`fleet report --input`), Pulumi.yaml,
and command-line values. Each case runs in a throwaway copy of the project (never the checkout
itself) under a wall-clock timeout and an address-space limit, and its outcome is classified:

  ok-pass, ok-blocked, ok-refused      acceptable (exit 0, 1, or 2 naming a file/line/key/option)
  internal-error                       exit 3, another exit code, a crash signal, "Traceback" or
                                       "internal error" in the output
  hang                                 killed at the timeout
  memory-blowup                        MemoryError, SIGKILL, peak RSS over --rss-limit, or output
                                       over the file-size limit
  injection                            markup from the input in markdown/HTML output, control,
                                       escape, bidi or zero-width characters in terminal output,
                                       or a YAML tag that ran code
  unclear-refusal                      exit 2 without naming where the problem is

The fuzzer knows the tool only from its documentation (README, docs/, the stack files and
`fleet <command> --help`). It is reproducible: case i of seed s is generated from
random.Random(f"{s}:{i}") alone, so `--only i` reruns one case.

    .venv/bin/python tools/fuzz.py --cases 600 --seed 1 --jobs 2 --out tools/fuzz-results.md

Exit status: 0 when every case had an acceptable outcome, 1 when any did not, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import copy
import dataclasses
import datetime as dt
import difflib
import json
import os
import re
import resource
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from random import Random
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PYTHON = ROOT / ".venv" / "bin" / "python"

# What a copy of the project leaves out: the brief's three, plus gitignored caches.
COPY_IGNORE = {".git", ".venv", ".mypy_cache", ".hypothesis", ".ruff_cache", ".pytest_cache",
               "build", "dist", "__pycache__"}
COPY_IGNORE_PATHS = {"tools/.bin"}

OK_OUTCOMES = ("ok-pass", "ok-blocked", "ok-refused")
BAD_OUTCOMES = ("internal-error", "hang", "memory-blowup", "injection", "unclear-refusal")
OUTCOMES = OK_OUTCOMES + BAD_OUTCOMES

# --------------------------------------------------------------------------------------------
# Hostile strings. Every one carries a marker ("zq...") so that a finding in the output can
# only have come from the input.
# --------------------------------------------------------------------------------------------

HOSTILE: list[tuple[str, str]] = [
    ("html-img", '<img src=x onerror=alert(1) alt=zqimg>'),
    ("html-script", '<script>alert("zqscript")</script>'),
    ("details-close", 'a</details><details open><summary>zqdet</summary>'),
    ("summary-close", 'b</summary><b>zqsum</b>'),
    ("md-link", '[login](https://evil.example/zqlink)'),
    ("md-image", '![x](https://evil.example/zqpix.png)'),
    ("autolink", '<https://evil.example/zqauto>'),
    ("mention", '@acme/zqteam'),
    ("html-comment", 'c<!-- zqcom'),
    ("table-pipe", 'x|zqpipe|y'),
    ("backtick-breakout", 'a` <img src=x alt=zqbt> `b'),
    ("double-backtick", 'a`` <img src=x alt=zqbt2> ``b'),
    ("newline-heading", 'ok\n## zqhead'),
    ("newline-html", 'ok\n\n<img src=x alt=zqnl>'),
    ("newline-fence", 'ok\n```\n<img src=x alt=zqfence>'),
    ("mermaid-quote", 'm"] --> evil["zqmer'),
    # The same without whitespace, for fields that only refuse spaces and commas.
    ("html-img-nospace", '<img/src=x/onerror=alert(1)/alt=zqimg>'),
    ("details-nospace", '</details><details/open><summary>zqdet</summary>'),
    ("bold-nospace", '<b>zqsum</b>'),
    ("link-nospace", '[x](https://evil.example/zqlink)'),
    ("image-nospace", '![x](https://evil.example/zqpix.png)'),
    ("backtick-nospace", 'a`<img/src=x/alt=zqbt>`b'),
    ("ansi-csi", '\x1b[31mzqansi\x1b[0m'),
    ("ansi-osc8", '\x1b]8;;https://evil.example/zqosc\x07click\x1b]8;;\x07'),
    ("ansi-clear", '\x1b[2J\x1b[Hzqclr'),
    ("c1-csi", '\x9b31mzqc1'),
    ("bidi-override", 'prod\u202ezqbidi'),
    ("bidi-isolate", '\u2066zqiso\u2069'),
    ("zero-width", 'pro\u200bd-zqzw'),
    ("bom-inside", 'a\ufeffzqbom'),
    ("cyrillic-lookalike", '\u0440r\u043ed'),
    ("carriage-return", 'ok\rzqcr'),
    ("nul", 'a\x00zqnul'),
    ("bell-backspace", 'a\x07\x08\x08zqbel'),
    ("long", 'A' * 100_000),
    ("astral", '\U0001f4a5zq'),
    ("html-entity", '&lt;img src=x&gt;zqent'),
    ("javascript-url", 'javascript:alert(1)//zqjs'),
]
HOSTILE_DICT = dict(HOSTILE)
MARKUP_KINDS = [k for k, _ in HOSTILE[:HOSTILE.index(("ansi-csi", HOSTILE_DICT["ansi-csi"]))]]
TERMINAL_KINDS = ["ansi-csi", "ansi-osc8", "ansi-clear", "c1-csi", "bidi-override", "bidi-isolate",
                  "zero-width", "bom-inside", "carriage-return", "nul", "bell-backspace"]

# Markdown needles, run on the output with code spans and fenced code masked (see md_mask).
MD_NEEDLES: list[tuple[str, re.Pattern[str]]] = [
    ("raw HTML tag", re.compile(r"(?<![\\&])<(img|script|iframe|svg|b)\b[^>\n]*zq", re.I)),
    ("raw HTML tag", re.compile(r"(?<![\\&])<(img|script|iframe|svg)\b", re.I)),
    ("forged </details>", re.compile(r"(?<![\\&])</details>\s*(?:<details open>|zq)", re.I)),
    ("forged <summary>", re.compile(r"(?<![\\&])<summary>zq|(?<![\\&])</summary><b>zq", re.I)),
    ("markdown link", re.compile(r"(?<![\\!])\[(?:[^\]\\\n]|\\.)*\]\(https://evil\.example")),
    ("markdown image", re.compile(r"(?<!\\)!\[(?:[^\]\\\n]|\\.)*\]\(https://evil\.example")),
    ("autolink", re.compile(r"(?<![\\&])<https://evil\.example")),
    ("@mention", re.compile(r"(?<![\w\\`/])@acme/zqteam")),
    ("HTML comment", re.compile(r"(?<![\\&])<!--\s*zq")),
    ("script link", re.compile(r"(?<!\\)\]\(\s*<?\s*(javascript|data|vbscript):", re.I)),
    ("heading from newline", re.compile(r"(?m)^ {0,3}#{1,6}[ \t]+zq")),
]
HTML_NEEDLES: list[tuple[str, re.Pattern[str]]] = [
    ("raw HTML tag", re.compile(r"<(img|script|iframe|svg)\b[^>]*zq", re.I)),
    ("raw HTML tag", re.compile(r"<(img|script|iframe|svg)\b", re.I)),
    ("forged tag", re.compile(r"</(details|summary|td|tr|table|pre|code)>\s*(?:<details open>|<b>zq|zq)", re.I)),
    ("forged tag", re.compile(r"<(summary|b)>zq", re.I)),
    ("HTML comment", re.compile(r"<!--\s*zq")),
    ("forged link", re.compile(r"<a\s[^>]*evil\.example", re.I)),
    ("script link", re.compile(r"(href|src)\s*=\s*[\"']?\s*(javascript|data|vbscript):", re.I)),
]
# Characters a terminal obeys (or that reorder or hide text): C0 but tab/newline, DEL, C1,
# bidi controls, zero-width characters.
TERM_BAD = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u061c\u200b-\u200f\u202a-\u202e"
                      "\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]")
TERM_BAD_JSON = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")

WHERE_PATTERNS = [
    re.compile(r"\.(ya?ml|json|md|html|sarif)\b", re.I),
    re.compile(r"\bline \d+"),
    re.compile(r":\d+\b"),
    re.compile(r"fleet:(spec|specFile|shard)\b"),
    re.compile(r"(?<![\w-])--[a-z][a-z-]+"),
    re.compile(r"\w\[\d+\]"),
    re.compile(r"\b(stack|stacks|environment|ref|input|output|file|directory)\s+['\"`]"),
    re.compile(r"\b(Pulumi\.yaml|stackConfigDir|specFile)\b"),
    re.compile(r"(?:^|\s|['\"`(])/(?:tmp|work|dev|proc|etc|root|home)/"),
]

# --------------------------------------------------------------------------------------------
# Cases
# --------------------------------------------------------------------------------------------


@dataclasses.dataclass
class Case:
    idx: int
    cls: str
    gen: str
    desc: str
    argv: list[str]
    files: dict[str, bytes] = dataclasses.field(default_factory=dict)
    special: list[tuple[Any, ...]] = dataclasses.field(default_factory=list)
    check: str = "text"          # how stdout is judged: text | markdown | html | json
    output: str | None = None    # --output path (relative to the project copy), judged as `check`
    git: bool = False            # `git init` + commit of the unmodified copy before the mutation
    canary: str | None = None    # a file that a YAML tag running code would create


@dataclasses.dataclass
class Result:
    case: Case
    outcome: str
    why: str
    rc: int | None
    seconds: float
    maxrss_mib: float
    stdout: str
    stderr: str
    out_file: str | None = None
    repro: str = ""


class Ctx:
    """What generators read: the original files, parsed, and the review JSON seeds."""

    def __init__(self, template: Path, seeds: dict[str, Any]):
        self.template = template
        self.orig: dict[str, bytes] = {}
        for rel in ["Pulumi.yaml", "policies/exemptions/dev.yaml", *sorted(
                str(p.relative_to(template)) for p in (template / "stacks").iterdir())]:
            self.orig[rel] = (template / rel).read_bytes()
        self.docs = {rel: yaml.safe_load(data) for rel, data in self.orig.items()}
        self.seeds = seeds


# Stack targets: (stack name, file, key path to the spec inside the file)
TARGETS = [
    ("dev", "stacks/Pulumi.dev.yaml", ["config", "fleet:spec"], 5),
    ("staging", "stacks/Pulumi.staging.yaml", ["config", "fleet:spec"], 1),
    ("prod", "stacks/Pulumi.prod.yaml", ["config", "fleet:spec"], 1),
    ("global-eu", "stacks/global.fleet.yaml", [], 1),
]


def pick_target(rng: Random, heavy: bool = False) -> tuple[str, str, list[str]]:
    if heavy:   # keep the renders cheap: mostly dev
        choices = [t for t in TARGETS for _ in range(t[3] * (3 if t[0] == "dev" else 1))]
    else:
        choices = [t for t in TARGETS for _ in range(t[3])]
    t = rng.choice(choices)
    return t[0], t[1], list(t[2])


def dump_yaml(obj: Any) -> bytes:
    return yaml.dump(obj, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True, width=10**9,
                     default_flow_style=None).encode("utf-8")


def get_in(doc: Any, path: list[Any]) -> Any:
    for k in path:
        doc = doc[k]
    return doc


def set_in(doc: Any, path: list[Any], value: Any) -> None:
    get_in(doc, path[:-1])[path[-1]] = value


def all_paths(doc: Any, prefix: list[Any] | None = None) -> list[list[Any]]:
    prefix = prefix or []
    out = []
    if isinstance(doc, dict):
        for k, v in doc.items():
            out.append([*prefix, k])
            out.extend(all_paths(v, [*prefix, k]))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            out.append([*prefix, i])
            out.extend(all_paths(v, [*prefix, i]))
    return out


def fmt_path(path: list[Any]) -> str:
    s = ""
    for k in path:
        s += f"[{k}]" if isinstance(k, int) else (("." if s else "") + str(k))
    return s or "<root>"


def rand_value(rng: Random, avoid: type | None = None) -> Any:
    makers: list[Callable[[], Any]] = [
        lambda: rng.choice([0, -1, 1, 7, 2**31, 2**63, 2**64 + 1, -(10**40), 10**40]),
        lambda: rng.choice([0.5, -0.0, 1e308, -1e308, float("inf"), float("nan"), 1.35]),
        lambda: rng.choice(["", " ", "x", "yes", "null", "~", "1.35", "0x1F", "NaN", "-"]),
        lambda: rng.choice([True, False]),
        lambda: None,
        lambda: rng.choice([[], [1, 2], ["a"], [None], [[]], [{}]]),
        lambda: rng.choice([{}, {"a": 1}, {"name": "x"}, {"": None}]),
        lambda: dt.date(rng.choice([1, 1970, 2027, 9999]), 1, 1),
    ]
    for _ in range(20):
        v = rng.choice(makers)()
        if avoid is None or not isinstance(v, avoid):
            return v
    return None


def typo(rng: Random, key: str) -> str:
    if not key:
        return "x"
    ops = [
        lambda k: k[:-1],
        lambda k: k + "s",
        lambda k: k.upper(),
        lambda k: k[0].upper() + k[1:],
        lambda k: k.replace("e", "\u0435", 1) if "e" in k else k + "\u0435",   # Cyrillic e
        lambda k: " " + k,
        lambda k: k + " ",
        lambda k: k[1:] if len(k) > 1 else k + k,
        lambda k: (k[1] + k[0] + k[2:]) if len(k) > 2 else k + "_",
        lambda k: k.replace("_", "-") if "_" in k else k + "_",
    ]
    return rng.choice(ops)(key)


def spec_of(ctx: Ctx, rel: str, prefix: list[str]) -> tuple[Any, Any]:
    doc = copy.deepcopy(ctx.docs[rel])
    return doc, (get_in(doc, prefix) if prefix else doc)


# ---- commands ------------------------------------------------------------------------------


def spec_command(rng: Random, stack: str, heavy_p: float) -> tuple[list[str], str, str | None]:
    """A command over a stack: validate most of the time, a render for a sampled fraction."""
    if rng.random() >= heavy_p:
        return ["validate", "--stack", stack], "text", None
    kind = rng.choice(["review-md", "review-md", "review-text", "review-json", "review-sarif",
                       "plan", "evidence-md", "evidence-html", "evidence-json"])
    if kind.startswith("review"):
        fmt = {"review-md": "markdown", "review-text": "text", "review-json": "json",
               "review-sarif": "sarif"}[kind]
        argv = ["review", "--stack", stack, "--format", fmt]
        check = {"markdown": "markdown", "text": "text"}.get(fmt, "json")
    elif kind == "plan":
        fmt = rng.choice(["text", "json"])
        argv = ["plan", "--stack", stack, "--format", fmt]
        check = "text" if fmt == "text" else "json"
    else:
        fmt = {"evidence-md": "markdown", "evidence-html": "html", "evidence-json": "json"}[kind]
        argv = ["evidence", "--stack", stack, "--format", fmt]
        check = {"markdown": "markdown", "html": "html"}.get(fmt, "json")
    out = None
    if check in ("markdown", "html") and rng.random() < 0.4:
        out = "fuzz-out." + ("md" if check == "markdown" else "html")
        argv += ["--output", out]
    return argv, check, out


# ---- class: spec-struct --------------------------------------------------------------------


def _mut_type_swap(rng, spec, paths):
    p = rng.choice(paths)
    old = get_in(spec, p)
    new = rand_value(rng, avoid=type(old))
    set_in(spec, p, new)
    return f"type swap at {fmt_path(p)}: {type(old).__name__} -> {new!r:.60}"


def _mut_huge_number(rng, spec, paths):
    nums = [p for p in paths if isinstance(get_in(spec, p), (int, float)) and not isinstance(get_in(spec, p), bool)]
    leaves = nums or [p for p in paths if not isinstance(get_in(spec, p), (dict, list))]
    p = rng.choice(leaves or paths)
    v = rng.choice([10**40, -(10**40), 2**63, 2**64, 1e308, float("inf"), float("-inf"), float("nan"),
                    10**4000, 0, -1, -0.5, 1e-300])
    set_in(spec, p, v)
    return f"number at {fmt_path(p)} = {str(v)[:40]}"


def _mut_negative(rng, spec, paths):
    nums = [p for p in paths if isinstance(get_in(spec, p), int) and not isinstance(get_in(spec, p), bool)]
    if not nums:
        return _mut_huge_number(rng, spec, paths)
    p = rng.choice(nums)
    set_in(spec, p, -abs(get_in(spec, p)) - rng.choice([0, 1, 1000]))
    return f"negative number at {fmt_path(p)}"


def _mut_long_string(rng, spec, paths):
    strs = [p for p in paths if isinstance(get_in(spec, p), str)]
    p = rng.choice(strs or paths)
    n = rng.choice([256, 4096, 100_000, 2_000_000])
    base = get_in(spec, p) if isinstance(get_in(spec, p), str) and get_in(spec, p) else "a"
    set_in(spec, p, (base * (n // len(base) + 1))[:n])
    return f"long string ({n} chars) at {fmt_path(p)}"


def _mut_delete_key(rng, spec, paths):
    keyed = [p for p in paths if isinstance(p[-1], str)]
    pref = [p for p in keyed if p[-1] in ("name", "cloud", "region", "clusters", "tenants", "environment",
                                          "nodePools", "capacity", "network", "owners", "identity",
                                          "deployer", "kubernetesVersion", "quota", "regime")]
    p = rng.choice(pref if pref and rng.random() < 0.7 else keyed)
    del get_in(spec, p[:-1])[p[-1]]
    return f"deleted key {fmt_path(p)}"


def _mut_duplicate_entry(rng, spec, paths):
    lists = [p for p in paths if isinstance(get_in(spec, p), list) and get_in(spec, p)]
    if not lists:
        return _mut_type_swap(rng, spec, paths)
    p = rng.choice(lists)
    lst = get_in(spec, p)
    i = rng.randrange(len(lst))
    lst.insert(rng.randrange(len(lst) + 1), copy.deepcopy(lst[i]))
    return f"duplicated {fmt_path([*p, i])}"


def _mut_misspell_key(rng, spec, paths):
    keyed = [p for p in paths if isinstance(p[-1], str)]
    p = rng.choice(keyed)
    parent = get_in(spec, p[:-1])
    new = typo(rng, p[-1])
    items = [(new if k == p[-1] else k, v) for k, v in parent.items()]
    parent.clear()
    parent.update(items)
    return f"key {fmt_path(p)} renamed to {new!r}"


def _mut_wrong_shape(rng, spec, paths):
    conts = [p for p in paths if isinstance(get_in(spec, p), (dict, list))]
    p = rng.choice(conts or paths)
    v = get_in(spec, p)
    if isinstance(v, list):
        new = rng.choice([{str(i): x for i, x in enumerate(v)}, v[0] if v else "x", {"items": v}])
    elif isinstance(v, dict):
        new = rng.choice([list(v.values()), [list(kv) for kv in v.items()], list(v.keys()), [v]])
    else:
        new = rng.choice([[v], {"value": v}])
    set_in(spec, p, new)
    return f"shape of {fmt_path(p)}: {type(v).__name__} -> {type(new).__name__}"


def _mut_empty(rng, spec, paths):
    p = rng.choice(paths)
    new = rng.choice([{}, [], "", None])
    set_in(spec, p, new)
    return f"{fmt_path(p)} = {new!r}"


def _mut_many_entries(rng, spec, paths):
    key = rng.choice(["tenants", "clusters"])
    lst = spec.get(key) if isinstance(spec, dict) else None
    if not isinstance(lst, list) or not lst:
        return _mut_duplicate_entry(rng, spec, paths)
    n = rng.choice([200, 1000, 5000])
    base = lst[-1]
    for i in range(n):
        e = copy.deepcopy(base)
        if isinstance(e, dict) and isinstance(e.get("name"), str):
            e["name"] = f"{e['name'][:40]}-{i}"
        lst.append(e)
    return f"{key}: {n} more entries (copies of the last, renamed)"


def _mut_extra_key(rng, spec, paths):
    maps = [p for p in paths if isinstance(get_in(spec, p), dict)] + [[]]
    p = rng.choice(maps)
    tgt = get_in(spec, p) if p else spec
    if not isinstance(tgt, dict):
        return _mut_type_swap(rng, spec, paths)
    k = rng.choice(["unknown", "nmae", "__proto__", "constructor", "$ref", "<<", "", "0", "fleet:spec",
                    "x" * 300])
    tgt[k] = rand_value(rng)
    return f"extra key {k[:40]!r} under {fmt_path(p)}"


def _mut_value_swap(rng, spec, paths):
    strs = [p for p in paths if isinstance(get_in(spec, p), str)]
    if len(strs) < 2:
        return _mut_type_swap(rng, spec, paths)
    a, b = rng.sample(strs, 2)
    va = get_in(spec, a)
    set_in(spec, a, get_in(spec, b))
    return f"{fmt_path(a)} = {get_in(spec, b)!r:.60} (was {va!r:.40})"


def _mut_root(rng, spec, paths):
    return "ROOT"   # handled by the caller


STRUCT_MUTATORS = [
    ("type-swap", _mut_type_swap), ("huge-number", _mut_huge_number), ("negative", _mut_negative),
    ("long-string", _mut_long_string), ("delete-key", _mut_delete_key),
    ("duplicate-entry", _mut_duplicate_entry), ("misspell-key", _mut_misspell_key),
    ("wrong-shape", _mut_wrong_shape), ("empty-container", _mut_empty),
    ("many-entries", _mut_many_entries), ("extra-key", _mut_extra_key),
    ("value-swap", _mut_value_swap), ("root-replacement", _mut_root),
]


def make_struct_gen(name: str, fn: Callable) -> Callable[[Random, Ctx, int], Case]:
    def gen(rng: Random, ctx: Ctx, idx: int) -> Case:
        stack, rel, prefix = pick_target(rng)
        doc, spec = spec_of(ctx, rel, prefix)
        descs = []
        if name == "root-replacement":
            v = rand_value(rng, avoid=dict)
            where = rng.choice(["spec", "config", "document"] if prefix else ["document"])
            if where == "spec":
                set_in(doc, prefix, v)
            elif where == "config":
                doc["config"] = v
            else:
                doc = v
            descs.append(f"{where} replaced by {v!r:.60}")
        else:
            n = 1 if rng.random() < 0.6 else rng.randint(2, 4)
            # many-entries goes last (and only once): paths over thousands of entries are slow
            extra = [m for n_, m in STRUCT_MUTATORS if n_ not in ("root-replacement", "many-entries")]
            muts = [m for m in [rng.choice(extra) for _ in range(n - 1)]] + [fn]
            for m in muts:
                paths = all_paths(spec)
                if not paths:
                    break
                try:
                    descs.append(m(rng, spec, paths))
                except (KeyError, IndexError, TypeError):
                    descs.append(f"{m.__name__} skipped")
        heavy = 0.05 if name in ("many-entries", "long-string") else 0.25
        argv, check, out = spec_command(rng, stack, heavy)
        return Case(idx, "spec-struct", name, f"{rel}: " + "; ".join(descs), argv,
                    files={rel: dump_yaml(doc)}, check=check, output=out)
    return gen


# ---- class: yaml-text ----------------------------------------------------------------------


def _text_target(rng: Random, ctx: Ctx) -> tuple[str, str, str]:
    stack, rel, _ = pick_target(rng)
    return stack, rel, ctx.orig[rel].decode("utf-8")


def _lines_matching(text: str, pat: str) -> list[int]:
    r = re.compile(pat)
    return [i for i, line in enumerate(text.split("\n")) if r.search(line)]


def _replace_value_line(rng: Random, text: str, key_pat: str, new_value: str) -> tuple[str, str]:
    """Replace the value of a block-style `key: value` line (or a flow entry) with new_value."""
    lines = text.split("\n")
    cand = [i for i, ln in enumerate(lines) if re.search(rf"(^|[\s{{,-])({key_pat}):\s+[^\s#]", ln)]
    if not cand:
        return text, "no line matched"
    i = rng.choice(cand)
    ln = lines[i]
    m = re.search(rf"(^|[\s{{,-])({key_pat}):\s*", ln)
    assert m
    start = m.end()
    if "{" in ln[:start]:   # inside a flow mapping: replace up to the next , or }
        end = start
        depth = 0
        while end < len(ln) and not (depth == 0 and ln[end] in ",}"):
            depth += ln[end] in "[{"
            depth -= ln[end] in "]}"
            end += 1
        lines[i] = ln[:start] + new_value + ln[end:]
    else:
        lines[i] = ln[:start] + new_value
    return "\n".join(lines), f"line {i + 1}: {m.group(2)}: {new_value[:60]}"


def gen_dup_key_top(rng, ctx, idx):
    stack, rel, text = _text_target(rng, ctx)
    if rel.endswith("global.fleet.yaml"):
        text += "\nenvironment: other\nclusters: []\n"
        d = "second top-level environment/clusters keys"
    elif rng.random() < 0.5:
        text += "\nconfig:\n  fleet:spec: {environment: shadow}\n"
        d = "second `config:` key at the end"
    else:
        text = text.replace("config:\n", "config:\n  fleet:spec: {environment: shadow}\n", 1)
        d = "`fleet:spec` twice under config"
    argv, check, out = spec_command(rng, stack, 0.2)
    return Case(idx, "yaml-text", "dup-key-top", f"{rel}: {d}", argv, {rel: text.encode()},
                check=check, output=out)


def gen_dup_key_nested(rng, ctx, idx):
    stack, rel, text = _text_target(rng, ctx)
    lines = text.split("\n")
    cand = [i for i, ln in enumerate(lines) if re.match(r"^\s+(- )?(name|region|cloud|environment|residency|"
                                                         r"kubernetesVersion|owner|production):\s", ln)]
    i = rng.choice(cand)
    ln = lines[i]
    indent = len(ln) - len(ln.lstrip(" "))
    body = ln.strip()
    if body.startswith("- "):
        indent += 2
        body = body[2:]
    key = body.split(":")[0]
    val = rng.choice(["other", "eu-west-1", "gcp", "gdpr", "1.36", "true", "\"\""])
    lines.insert(i + 1, " " * indent + f"{key}: {val}")
    argv, check, out = spec_command(rng, stack, 0.3)
    return Case(idx, "yaml-text", "dup-key-nested", f"{rel}: line {i + 2} repeats `{key}` ({val})", argv,
                {rel: "\n".join(lines).encode()}, check=check, output=out)


TAG_VALUES = [
    "!!binary aGVsbG8gd29ybGQ=",
    "!!set {a, b}",
    "!!omap [{a: 1}, {b: 2}]",
    "!!pairs [{a: 1}, {a: 2}]",
    "!!timestamp 2020-01-01T00:00:00Z",
    "!!float 1",
    "!!int '17'",
    "!!str 12",
    "!!null ''",
    "!!bool yes",
    "!custom value",
    "!<tag:yaml.org,2002:int> 5",
    "!<tag:evil.example,2000:x> 5",
    "!!python/name:os.system",
    "!!python/object:builtins.object {}",
    "!!python/tuple [1, 2]",
    "!!python/bytes aGk=",
]


def gen_tag(rng, ctx, idx):
    stack, rel, text = _text_target(rng, ctx)
    canary = f"fuzz-canary-{idx}"
    value = rng.choice(TAG_VALUES + [f'!!python/object/apply:os.system ["touch {canary}"]',
                                     f'!!python/object/apply:subprocess.call [["touch", "{canary}"]]'] * 2)
    key = rng.choice(["name", "region", "owner", "environment", "cloud", "minSize", "labels", "capacity",
                      "production", "kubernetesVersion", "tenants", "clusters"])
    text2, d = _replace_value_line(rng, text, key, value)
    argv, check, out = spec_command(rng, stack, 0.2)
    return Case(idx, "yaml-text", "tag", f"{rel}: {d}", argv, {rel: text2.encode()}, check=check,
                output=out, canary=canary)


def gen_anchors(rng, ctx, idx):
    stack, rel, _ = pick_target(rng)
    text = ctx.orig[rel].decode()
    lines = text.split("\n")
    cl = [i for i, ln in enumerate(lines) if re.match(r"^\s+- name: ", ln)]
    choice = rng.randrange(3)
    if choice == 0 and cl:   # anchor an entry and alias it again in its list
        i = cl[0]
        ln = lines[i]
        lines[i] = ln.replace("- name:", "- &fz\n" + " " * (ln.index("-") + 2) + "name:", 1)
        lines.insert(cl[1] + 1 if len(cl) > 1 else i + 1, " " * ln.index("-") + "- *fz")
        d = "first list entry anchored (&fz) and repeated as *fz"
    elif choice == 1 and cl:   # merge key
        i = cl[0]
        ln = lines[i]
        ind = " " * (ln.index("-") + 2)
        lines[i] = ln.replace("- name:", "- &fz\n" + ind + "name:", 1)
        j = cl[1] if len(cl) > 1 else i
        lines.insert(j + 1, ind + "<<: *fz")
        d = "merge key `<<: *fz` into another entry"
    else:   # undefined alias / alias as a key / recursive alias
        v = rng.choice(["*nope", "&a [*a]", "&b {x: *b}", "*", "&"])
        text2, d = _replace_value_line(rng, text, rng.choice(["labels", "capacity", "region", "owner"]), v)
        lines = text2.split("\n")
    argv, check, out = spec_command(rng, stack, 0.2)
    return Case(idx, "yaml-text", "anchors-aliases", f"{rel}: {d}", argv, {rel: "\n".join(lines).encode()},
                check=check, output=out)


def alias_bomb(levels: int, width: int, indent: str = "") -> str:
    out = [f"{indent}a0: &a0 [\"lol\"]"]
    for i in range(1, levels):
        out.append(f"{indent}a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(out)


def gen_alias_bomb(rng, ctx, idx):
    stack, rel, prefix = pick_target(rng)
    levels, width = rng.choice([(9, 9), (10, 10), (12, 8), (6, 30)])
    text = ctx.orig[rel].decode()
    where = rng.choice(["labels", "extra", "owners"])
    if where == "extra" or not prefix:
        ind = "    " if prefix else ""
        bomb = alias_bomb(levels, width, ind + "  ")
        if prefix:
            text = text.replace("config:\n  fleet:spec:\n",
                                f"config:\n  fleet:spec:\n    fuzzBomb:\n{bomb}\n", 1)
        else:
            text = text + f"\nfuzzBomb:\n{bomb}\n"
        d = f"alias bomb ({width}^{levels} leaves) under an extra key"
    else:
        bomb_flow = "{" + ", ".join([f"k{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]"
                                     if i else "k0: &a0 [lol]" for i in range(levels)]) + "}"
        text, d0 = _replace_value_line(rng, text, "labels" if where == "labels" else "owners", bomb_flow)
        d = f"alias bomb ({width}^{levels}) as {d0[:40]}"
    argv, check, out = spec_command(rng, stack, 0.3)
    return Case(idx, "yaml-text", "alias-bomb", f"{rel}: {d}", argv, {rel: text.encode()},
                check=check, output=out)


def gen_deep_nesting(rng, ctx, idx):
    stack, rel, _ = pick_target(rng)
    depth = rng.choice([100, 1000, 10_000, 100_000])
    kind = rng.choice(["list", "map", "block"])
    if kind == "list":
        v = "[" * depth + "]" * depth
    elif kind == "map":
        v = "{a: " * depth + "1" + "}" * depth
    else:
        depth = min(depth, 3000)
        v = None
    text = ctx.orig[rel].decode()
    if v is not None:
        text, d = _replace_value_line(rng, text, rng.choice(["labels", "capacity", "region", "clusters",
                                                             "tenants", "owner"]), v)
    else:
        block = "\n".join(" " * (6 + i) + f"k{i}:" for i in range(depth)) + " 1"
        if "config:\n  fleet:spec:\n" in text:
            text = text.replace("config:\n  fleet:spec:\n", "config:\n  fleet:spec:\n    deep:\n" + block + "\n", 1)
        else:
            text = "deep:\n" + block.replace("      ", "  ", 1) + "\n" + text
        d = "block mapping nested under `deep`"
    argv, check, out = spec_command(rng, stack, 0.15)
    return Case(idx, "yaml-text", "deep-nesting", f"{rel}: {kind} nesting depth {depth}: {d[:80]}", argv,
                {rel: text.encode()}, check=check, output=out)


def gen_encoding(rng, ctx, idx):
    stack, rel, _ = pick_target(rng)
    text = ctx.orig[rel].decode()
    k = rng.choice(["latin1", "utf16le-bom", "utf16be", "utf32", "bad-continuation", "lone-ff",
                    "overlong", "surrogate-bytes", "cp1252-quote"])
    if k == "latin1":
        data = text.replace("owner: platform-team", "owner: plätform-tëam").encode("latin-1")
    elif k == "utf16le-bom":
        data = b"\xff\xfe" + text.encode("utf-16-le")
    elif k == "utf16be":
        data = text.encode("utf-16-be")
    elif k == "utf32":
        data = text.encode("utf-32")
    elif k == "bad-continuation":
        data = text.encode().replace(b"platform-team", b"platform-\xc3\x28team", 1)
    elif k == "lone-ff":
        data = text.encode().replace(b"\n", b"\n# \xff\xfe\n", 1)
    elif k == "overlong":
        data = text.encode().replace(b"platform-team", b"platform\xc0\xafteam", 1)
    elif k == "surrogate-bytes":
        data = text.encode().replace(b"platform-team", b"platform\xed\xa0\x80team", 1)
    else:
        data = text.encode().replace(b"platform-team", b"\x93platform-team\x94", 1)
    argv, check, out = spec_command(rng, stack, 0.15)
    return Case(idx, "yaml-text", "non-utf8", f"{rel}: encoded/corrupted as {k}", argv, {rel: data},
                check=check, output=out)


def gen_bom_nul(rng, ctx, idx):
    stack, rel, _ = pick_target(rng)
    data = ctx.orig[rel]
    k = rng.choice(["bom-start", "bom-middle", "double-bom", "nul-comment", "nul-value", "nul-start",
                    "del-char", "form-feed", "vertical-tab", "nel", "line-separator"])
    if k == "bom-start":
        data = b"\xef\xbb\xbf" + data
    elif k == "bom-middle":
        data = data.replace(b"\n", b"\n\xef\xbb\xbf", 3)
    elif k == "double-bom":
        data = b"\xef\xbb\xbf\xef\xbb\xbf" + data
    elif k == "nul-comment":
        data = data.replace(b"\n", b"\n# \x00 nul\n", 1)
    elif k == "nul-value":
        data = data.replace(b"platform-team", b"platform\x00team", 1)
    elif k == "nul-start":
        data = b"\x00" + data
    elif k == "del-char":
        data = data.replace(b"platform-team", b"platform\x7fteam", 1)
    elif k == "form-feed":
        data = data.replace(b"\n", b"\n\x0c\n", 2)
    elif k == "vertical-tab":
        data = data.replace(b"platform-team", b"platform\x0bteam", 1)
    elif k == "nel":
        data = data.replace(b"platform-team", "platform\u0085team".encode(), 1)
    else:
        data = data.replace(b"\n", "\u2028".encode(), 5)
    argv, check, out = spec_command(rng, stack, 0.2)
    return Case(idx, "yaml-text", "bom-nul-controls", f"{rel}: {k}", argv, {rel: data}, check=check, output=out)


def gen_directive(rng, ctx, idx):
    stack, rel, _ = pick_target(rng)
    d = rng.choice(["%YAML 1.1\n---\n", "%YAML 1.2\n---\n", "%YAML 2.0\n---\n", "%YAML 1.1\n%YAML 1.1\n---\n",
                    "%TAG ! tag:evil.example,2000:\n---\n", "%TAG !! tag:evil.example,2000:\n---\n",
                    "%FOO bar baz\n---\n", "%YAML 1.1\n", "%YAML\n---\n", "%YAML 9999999999999999999.1\n---\n"])
    data = d.encode() + ctx.orig[rel]
    argv, check, out = spec_command(rng, stack, 0.2)
    return Case(idx, "yaml-text", "directive", f"{rel}: prefixed {d.strip()!r}", argv, {rel: data},
                check=check, output=out)


YAML11 = [
    ("kubernetesVersion", ["1.35", "1.3_5", "1:35", "0x23", "1.350", "1.35e0", "!!float 1.35", ".inf", "~"]),
    ("account", ["0111111111111", "017", "0o17", "0x1A", "111_111_111_111", "1.11111111111e11", "111111111111"]),
    ("cordoned", ["yes", "no", "on", "off", "Y", "n", "TRUE", "True", "1"]),
    ("production", ["yes", "no", "on", "off", "y", "~", "0", "\"true\""]),
    ("minSize", ["1:00", "017", "0o17", "1_000", "0x3", "1.0", "+1", "0b11", "1e3", "-0"]),
    ("maxSize", ["1:00", "017", "010", "1_000", "0x3", "3.5", "1e400", "-.inf", "08"]),
    ("region", ["no", "NO", "yes", "on", "null", "~", "1.2", "2001-01-01"]),
    ("cpu", ["1:00", "017", "1_6", "0x10", "8.0", ".nan", "16m", "1e3"]),
    ("memory", ["32Gi", "1e3", "32", "0x20", "1:00", "32G", "32gi", "-32Gi"]),
    ("environment", ["no", "yes", "off", "2027-01-01", "1:00", "null"]),
    ("name", ["no", "on", "null", "017", "1e3", "2001-01-01", "true"]),
    ("residency", ["no", "none", "NO", "off", "null"]),
]


def gen_yaml11(rng, ctx, idx):
    stack, rel, text = _text_target(rng, ctx)
    descs = []
    for _ in range(rng.randint(1, 3)):
        key, vals = rng.choice(YAML11)
        text, d = _replace_value_line(rng, text, key, rng.choice(vals))
        descs.append(d)
    argv, check, out = spec_command(rng, stack, 0.25)
    return Case(idx, "yaml-text", "yaml11-scalars", f"{rel}: " + "; ".join(descs), argv, {rel: text.encode()},
                check=check, output=out)


def gen_multidoc(rng, ctx, idx):
    stack, rel, _ = pick_target(rng)
    data = ctx.orig[rel]
    k = rng.choice(["two-docs", "empty-first", "end-marker", "three-dashes-only", "doc-end-mid", "other-doc"])
    if k == "two-docs":
        data = data + b"\n---\nconfig: {}\n"
    elif k == "empty-first":
        data = b"---\n---\n" + data
    elif k == "end-marker":
        data = data + b"\n...\n"
    elif k == "three-dashes-only":
        data = b"---\n"
    elif k == "doc-end-mid":
        i = data.find(b"\n", len(data) // 2)
        data = data[:i] + b"\n...\n" + data[i:]
    else:
        data = b"---\nconfig: {fleet:spec: {environment: x}}\n---\n" + data
    argv, check, out = spec_command(rng, stack, 0.2)
    return Case(idx, "yaml-text", "multi-document", f"{rel}: {k}", argv, {rel: data}, check=check, output=out)


def gen_empty(rng, ctx, idx):
    stack, rel, _ = pick_target(rng)
    data = rng.choice([b"", b"\n", b"# only a comment\n", b"   \n\t\n", b"~\n", b"null\n", b"[]\n", b"{}\n",
                       b"config:\n", b"config: ~\n", b"config:\n  fleet:spec:\n", b"'just a string'\n",
                       b"42\n", b"---\n...\n", b"config: {fleet:spec: {}}\n"])
    argv, check, out = spec_command(rng, stack, 0.3)
    return Case(idx, "yaml-text", "empty-or-trivial", f"{rel} = {data!r}", argv, {rel: data}, check=check, output=out)


def gen_whitespace(rng, ctx, idx):
    stack, rel, _ = pick_target(rng)
    text = ctx.orig[rel].decode()
    k = rng.choice(["crlf", "cr-only", "tabs", "mixed-indent", "long-line", "no-final-newline",
                    "trailing-spaces", "unindent"])
    if k == "crlf":
        text = text.replace("\n", "\r\n")
    elif k == "cr-only":
        text = text.replace("\n", "\r")
    elif k == "tabs":
        text = text.replace("    ", "\t")
    elif k == "mixed-indent":
        lines = text.split("\n")
        i = rng.randrange(len(lines))
        lines[i] = " " + lines[i]
        text = "\n".join(lines)
    elif k == "long-line":
        text = text.replace("\n", "\n# " + "x" * rng.choice([100_000, 5_000_000]) + "\n", 1)
    elif k == "no-final-newline":
        text = text.rstrip("\n")
    elif k == "trailing-spaces":
        text = text.replace("\n", " \t \n")
    else:
        text = "\n".join(ln[2:] if ln.startswith("      ") else ln for ln in text.split("\n"))
    argv, check, out = spec_command(rng, stack, 0.15)
    return Case(idx, "yaml-text", "whitespace", f"{rel}: {k}", argv, {rel: text.encode()}, check=check, output=out)


def gen_weird_keys(rng, ctx, idx):
    stack, rel, text = _text_target(rng, ctx)
    v = rng.choice(["? [a, b]\n      : 1", "1: one", "~: nothing", "yes: true", "on: 1", "? {a: 1}\n      : x",
                    "'': empty", "2027-01-01: date", "1.5: float", "!!binary aGk=: bin"])
    lines = text.split("\n")
    cand = [i for i, ln in enumerate(lines) if re.match(r"^      - name: ", ln) or re.match(r"^  - name: ", ln)]
    if not cand:
        cand = [0]
    i = rng.choice(cand)
    ind = len(lines[i]) - len(lines[i].lstrip()) + 2
    lines.insert(i + 1, " " * ind + v.replace("\n      ", "\n" + " " * ind))
    argv, check, out = spec_command(rng, stack, 0.2)
    return Case(idx, "yaml-text", "odd-keys", f"{rel}: key {v.splitlines()[0]!r} inserted after line {i + 1}", argv,
                {rel: "\n".join(lines).encode()}, check=check, output=out)


def gen_syntax_error(rng, ctx, idx):
    stack, rel, _ = pick_target(rng)
    data = ctx.orig[rel]
    k = rng.choice(["truncate", "insert-char", "unclosed-quote", "unclosed-flow", "bad-indent", "tab-start"])
    if k == "truncate":
        data = data[: rng.randrange(1, len(data))]
    elif k == "insert-char":
        i = rng.randrange(len(data))
        data = data[:i] + bytes([rng.choice(b":{}[]&*!|>'\"%@`#-?,")]) + data[i:]
    elif k == "unclosed-quote":
        data = data.replace(b"platform-team", b"\"platform-team", 1)
    elif k == "unclosed-flow":
        data = data.replace(b"{", b"{{", 1)
    elif k == "bad-indent":
        data = data.replace(b"\n    ", b"\n   ", 1)
    else:
        data = b"\t" + data
    argv, check, out = spec_command(rng, stack, 0.15)
    return Case(idx, "yaml-text", "syntax-error", f"{rel}: {k}", argv, {rel: data}, check=check, output=out)


def gen_huge_scalar(rng, ctx, idx):
    stack, rel, text = _text_target(rng, ctx)
    n = rng.choice([1_000_000, 10_000_000, 40_000_000])
    style = rng.choice(["plain", "double", "block"])
    big = "a" * n
    v = {"plain": big, "double": '"' + big + '"', "block": "|\n" + " " * 12 + big}[style]
    text, d = _replace_value_line(rng, text, rng.choice(["owner", "name", "region", "environment"]), v)
    argv, check, out = spec_command(rng, stack, 0.05)
    return Case(idx, "yaml-text", "huge-scalar", f"{rel}: {style} scalar of {n} chars at {d[:30]}", argv,
                {rel: text.encode()}, check=check, output=out)


def gen_escapes(rng, ctx, idx):
    stack, rel, text = _text_target(rng, ctx)
    v = rng.choice(['"\\e[31mred\\e[0m"', '"\\u202eevil"', '"\\x00"', '"\\U0001F4A5"', '"\\ud800"',
                    '"\\N\\_\\L\\P"', '"\\x9b31m"', '"a\\nb"', '"\\u200b"', '"\\uFFFF"'])
    text, d = _replace_value_line(rng, text, rng.choice(["owner", "name", "region", "environment",
                                                         "description", "machineType"]), v)
    argv, check, out = spec_command(rng, stack, 0.4)
    return Case(idx, "yaml-text", "escape-sequences", f"{rel}: {d}", argv, {rel: text.encode()},
                check=check, output=out)


# ---- class: hostile-names ------------------------------------------------------------------

NAME_FIELDS = [
    ("cluster name", ["clusters", "*", "name"]),
    ("tenant name", ["tenants", "*", "name"]),
    ("node pool name", ["clusters", "*", "nodePools", "*", "name"]),
    ("environment", ["environment"]),
    ("owner", ["owner"]),
    ("label value", ["clusters", "*", "labels", "tier"]),
    ("label key", ["clusters", "*", "labels", "<key>"]),
    ("group key", ["identity", "groups", "<key>"]),
    ("tenant owner group", ["tenants", "*", "owners", "admin", "*"]),
    ("guardrail name", ["guardrails", "*", "name"]),
    ("region", ["clusters", "*", "region"]),
    ("machine type", ["clusters", "*", "nodePools", "*", "machineType"]),
    ("gcp project", ["clusters", "*", "project"]),
    ("runsOn label", ["deployer", "runsOn", "*"]),
    ("tenant residency", ["tenants", "*", "residency"]),
    ("regime description", ["regimes", "*", "description"]),
    ("regime name", ["regimes", "*", "name"]),
    ("shard name", ["shards", "*", "name"]),
    ("cluster admins", ["identity", "clusterAdmins", "*"]),
    ("allowFrom tenant", ["tenants", "*", "network", "allowFrom", "*", "tenant"]),
    # Identifiers the spec passes on to the clouds, checked less strictly than names.
    ("group cloud id", ["identity", "groups", "*", "*"]),
    ("gcp security group", ["identity", "gcpSecurityGroup"]),
    ("deployer role", ["deployer", "aws", "roleArn"]),
    ("azure principal", ["deployer", "azure", "principalObjectId"]),
    ("public egress", ["deployer", "publicEgress", "*"]),
    ("transit gateway", ["deployer", "aws", "transitGateways", "*"]),
    ("allowed cidr", ["defaults", "apiEndpoint", "allowedCidrs", "*"]),
    ("guardrail target", ["guardrails", "*", "aws", "targets", "*"]),
    ("guardrail role", ["guardrails", "*", "aws", "managementRoleArn"]),
    ("guardrail policy id", ["guardrails", "*", "aws", "policyId"]),
    ("exempt principal", ["guardrails", "*", "aws", "exemptPrincipals", "*"]),
    ("guardrail project", ["guardrails", "*", "gcp", "projects", "*"]),
    ("guardrail subscription", ["guardrails", "*", "azure", "subscriptions", "*"]),
    ("aws account", ["clusters", "*", "account"]),
    ("azure subscription", ["clusters", "*", "subscription"]),
    ("admin group object id", ["clusters", "*", "adminGroupObjectIds", "*"]),
    ("placement label", ["tenants", "*", "placement", "labels", "*"]),
    ("placement cluster", ["tenants", "*", "placement", "clusters", "*"]),
    ("vcluster image registry", ["vcluster", "imageRegistry"]),
    ("vcluster chart", ["vcluster", "chart", "*"]),
    ("kubeconfig secret", ["clusters", "*", "kubeconfigSecret"]),
]


def _expand(spec: Any, pattern: list[str], rng: Random) -> list[list[Any]]:
    """Concrete paths matching a pattern ('*' any index or key; '<key>' renames a key)."""
    paths: list[list[Any]] = [[]]
    for part in pattern:
        nxt = []
        for p in paths:
            try:
                node = get_in(spec, p)
            except (KeyError, IndexError, TypeError):
                continue
            if part == "*":
                if isinstance(node, list):
                    nxt += [[*p, i] for i in range(len(node))]
                elif isinstance(node, dict):
                    nxt += [[*p, k] for k in node]
            elif part == "<key>":
                if isinstance(node, dict) and node:
                    nxt.append([*p, ("<key>", rng.choice(list(node)))])
            elif isinstance(node, dict) and part in node:
                nxt.append([*p, part])
        paths = nxt
    return paths


def apply_hostile(spec: Any, path: list[Any], payload: str) -> None:
    last = path[-1]
    if isinstance(last, tuple):
        parent = get_in(spec, path[:-1])
        old = last[1]
        items = [((payload if k == old else k), v) for k, v in parent.items()]
        parent.clear()
        parent.update(items)
    else:
        old = get_in(spec, path)
        del old
        set_in(spec, path, payload)


def gen_hostile(kind_filter: list[str] | None, gen_name: str):
    def gen(rng, ctx, idx):
        stack, rel, prefix = pick_target(rng, heavy=True)
        doc, spec = spec_of(ctx, rel, prefix)
        kinds = kind_filter or [k for k, _ in HOSTILE]
        descs = []
        fields = [f for f in NAME_FIELDS if _expand(spec, f[1], rng)]
        for _ in range(1 if rng.random() < 0.7 else rng.randint(2, 4)):
            fname, pat = rng.choice(fields)
            paths = _expand(spec, pat, rng)
            p = rng.choice(paths)
            kind = rng.choice(kinds)
            payload = HOSTILE_DICT[kind]
            if rng.random() < 0.3 and not isinstance(p[-1], tuple) and isinstance(get_in(spec, p), str):
                payload = get_in(spec, p) + payload    # keep the original as a prefix
            try:
                apply_hostile(spec, p, payload)
            except (KeyError, IndexError, TypeError):
                continue
            shown = fmt_path([x if not isinstance(x, tuple) else f"<key {x[1]}>" for x in p])
            descs.append(f"{fname} at {shown} = {kind} {payload[:60]!r}")
        argv, check, out = spec_command(rng, stack, 0.5)
        return Case(idx, "hostile-names", gen_name, f"{rel}: " + "; ".join(descs), argv,
                    {rel: dump_yaml(doc)}, check=check, output=out)
    return gen


def gen_hostile_filename(rng, ctx, idx):
    kind = rng.choice(["html-img", "ansi-csi", "bidi-override", "newline-heading", "zero-width", "c1-csi",
                       "md-link", "carriage-return", "mention"])
    payload = HOSTILE_DICT[kind].replace("/", "\u2215").replace("\x00", "")
    name = "x" + payload
    rel = f"stacks/Pulumi.{name}.yaml"
    cmd = rng.choice(["validate-missing", "validate-it", "stacks", "review-md"])
    if cmd == "validate-missing":
        argv, check = ["validate", "--stack", "nope"], "text"
    elif cmd == "validate-it":
        argv, check = ["validate", "--stack", name], "text"
    elif cmd == "stacks":
        argv, check = ["stacks", "--format", rng.choice(["text", "json", "github"])], "text"
    else:
        argv, check = ["review", "--stack", name, "--format", "markdown"], "markdown"
    return Case(idx, "hostile-names", "hostile-filename", f"stack file named {rel!r} ({kind}), copy of dev",
                argv, {rel: ctx.orig["stacks/Pulumi.dev.yaml"]}, check=check)


# ---- class: special-files ------------------------------------------------------------------


def _special_cmd(rng, stack, rel_path: str | None = None, heavy_p: float = 0.2):
    if rel_path is not None and rng.random() < 0.5:
        sub = rng.choice(["validate", "validate", "plan", "review", "evidence"])
        argv = [sub, "--stack-file", rel_path]
        if sub in ("review",):
            argv += ["--format", "markdown"]
        return argv, "markdown" if sub == "review" else "text", None
    return spec_command(rng, stack, heavy_p)


def gen_special_stack(rng, ctx, idx):
    kind = rng.choice(["fifo", "devzero", "devurandom", "directory", "sparse-huge", "symlink-loop",
                       "dangling-symlink", "symlink-outside", "devnull", "proc-self"])
    rel = "stacks/Pulumi.fz.yaml"
    special: list[tuple[Any, ...]] = []
    if kind == "fifo":
        special.append(("fifo", rel))
    elif kind == "devzero":
        special.append(("symlink", rel, "/dev/zero"))
    elif kind == "devurandom":
        special.append(("symlink", rel, "/dev/urandom"))
    elif kind == "directory":
        special.append(("dir", rel))
    elif kind == "sparse-huge":
        special.append(("sparse", rel, rng.choice([2**31, 8 * 2**30, 2**40])))
    elif kind == "symlink-loop":
        special += [("symlink", rel, "Pulumi.fz2.yaml"), ("symlink", "stacks/Pulumi.fz2.yaml", "Pulumi.fz.yaml")]
    elif kind == "dangling-symlink":
        special.append(("symlink", rel, "does-not-exist.yaml"))
    elif kind == "symlink-outside":
        special.append(("symlink", rel, rng.choice(["/etc/passwd", "/etc/hostname", "/proc/self/environ"])))
    elif kind == "devnull":
        special.append(("symlink", rel, "/dev/null"))
    else:
        special.append(("symlink", rel, "/proc/self/status"))
    argv, check, out = _special_cmd(rng, "fz", rel)
    target = special[-1][2:] if len(special[-1]) > 2 else ""
    return Case(idx, "special-files", "stack-file", f"{rel} is {kind} {target}", argv, special=special,
                check=check, output=out)


def gen_special_specfile(rng, ctx, idx):
    rel = "stacks/global.fleet.yaml"
    kind = rng.choice(["fifo", "devzero", "directory", "sparse-huge", "dangling-symlink", "symlink-loop"])
    special: list[tuple[Any, ...]] = [("remove", rel)]
    if kind == "fifo":
        special.append(("fifo", rel))
    elif kind == "devzero":
        special.append(("symlink", rel, "/dev/zero"))
    elif kind == "directory":
        special.append(("dir", rel))
    elif kind == "sparse-huge":
        special.append(("sparse", rel, 8 * 2**30))
    elif kind == "dangling-symlink":
        special.append(("symlink", rel, "nope.yaml"))
    else:
        special.append(("symlink", rel, "global.fleet.yaml"))
    argv, check, out = spec_command(rng, "global-eu", 0.2)
    return Case(idx, "special-files", "spec-file", f"{rel} (fleet:specFile of global-eu) is {kind}", argv,
                special=special, check=check, output=out)


SPECFILE_VALUES: list[Any] = [
    "../Pulumi.yaml", "/etc/passwd", "../../../../../../etc/shadow", "Pulumi.dev.yaml", "", ".", "..",
    "stacks", "global.fleet.yaml/..", "x" * 5000, "Pulumi.global-eu.yaml", 123, ["global.fleet.yaml"],
    None, {"path": "global.fleet.yaml"}, "/dev/zero", "/dev/stdin", "global.fleet.yaml\n",
    " global.fleet.yaml", "GLOBAL.FLEET.YAML", "../stacks/global.fleet.yaml", "~/global.fleet.yaml",
    "file:///etc/passwd", "https://evil.example/spec.yaml", "global.fleet.yaml\x00.txt", "\x1b[31mspec",
]


def gen_specfile_value(rng, ctx, idx):
    rel = "stacks/Pulumi.global-eu.yaml"
    doc = copy.deepcopy(ctx.docs[rel])
    k = rng.choice(["specFile", "specFile", "shard", "both", "spec-and-file"])
    if k == "specFile":
        v = rng.choice(SPECFILE_VALUES)
        doc["config"]["fleet:specFile"] = v
        d = f"fleet:specFile = {v!r:.80}"
    elif k == "shard":
        v = rng.choice(["", "EU", "nope", None, 1, ["eu"], "eu\n", "\x1b[31meu", "eu us", "*", "us", "x" * 3000])
        doc["config"]["fleet:shard"] = v
        d = f"fleet:shard = {v!r:.80}"
    elif k == "both":
        del doc["config"][rng.choice(["fleet:specFile", "fleet:shard"])]
        d = "one of fleet:specFile / fleet:shard removed"
    else:
        doc["config"]["fleet:spec"] = copy.deepcopy(ctx.docs["stacks/Pulumi.dev.yaml"]["config"]["fleet:spec"])
        d = "both fleet:spec (dev's) and fleet:specFile set"
    argv, check, out = spec_command(rng, "global-eu", 0.2)
    return Case(idx, "special-files", "spec-file-value", f"{rel}: {d}", argv, {rel: dump_yaml(doc)},
                check=check, output=out)


def gen_special_exemptions(rng, ctx, idx):
    rel = "policies/exemptions/dev.yaml"
    kind = rng.choice(["fifo", "devzero", "directory", "sparse-huge", "dangling-symlink", "symlink-passwd"])
    special: list[tuple[Any, ...]] = [("remove", rel)]
    special.append({"fifo": ("fifo", rel), "devzero": ("symlink", rel, "/dev/zero"), "directory": ("dir", rel),
                    "sparse-huge": ("sparse", rel, 8 * 2**30), "dangling-symlink": ("symlink", rel, "nope"),
                    "symlink-passwd": ("symlink", rel, "/etc/passwd")}[kind])
    argv, check, out = _exemption_cmd(rng)
    return Case(idx, "special-files", "exemptions-file", f"{rel} is {kind}", argv, special=special,
                check=check, output=out)


def gen_special_dirs(rng, ctx, idx):
    kind = rng.choice(["stacks-is-file", "stacks-symlink-devnull", "exemptions-dir-is-file",
                       "policies-config-fifo", "stacks-empty"])
    special: list[tuple[Any, ...]] = []
    if kind == "stacks-is-file":
        special += [("rmtree", "stacks"), ("file", "stacks", b"not a dir\n")]
        argv = rng.choice([["validate", "--stack", "dev"], ["stacks"], ["review", "--all"]])
    elif kind == "stacks-symlink-devnull":
        special += [("rmtree", "stacks"), ("symlink", "stacks", "/dev/null")]
        argv = rng.choice([["validate", "--stack", "dev"], ["stacks"]])
    elif kind == "exemptions-dir-is-file":
        special += [("rmtree", "policies/exemptions"), ("file", "policies/exemptions", b"x\n")]
        argv = rng.choice([["review", "--stack", "dev"], ["policy-config", "--stack", "dev"]])
    elif kind == "policies-config-fifo":
        special += [("remove", "policies/config/dev.json"), ("fifo", "policies/config/dev.json")]
        argv = rng.choice([["review", "--stack", "dev"], ["validate", "--stack", "dev"]])
    else:
        special += [("rmtree", "stacks"), ("dir", "stacks")]
        argv = rng.choice([["stacks"], ["review", "--all"], ["review", "--environment", "dev"]])
    return Case(idx, "special-files", "odd-directories", kind, argv, special=special)


def gen_huge_real(rng, ctx, idx):
    stack, rel, prefix = pick_target(rng)
    mb = rng.choice([20, 60])
    k = rng.choice(["comment", "labels"])
    if k == "comment":
        data = ctx.orig[rel] + (b"# " + b"x" * 1000 + b"\n") * (mb * 1000)
    else:
        doc, spec = spec_of(ctx, rel, prefix)
        spec["clusters"][0]["labels"] = "__LABELS__"
        labels = "{" + ", ".join(f"k{i}: {'v' * 100}" for i in range(mb * 8000)) + "}"
        data = dump_yaml(doc).replace(b"__LABELS__", labels.encode(), 1)
    return Case(idx, "special-files", "huge-file", f"{rel}: ~{mb} MB ({k})", ["validate", "--stack", stack],
                {rel: data})


# ---- class: exemptions ---------------------------------------------------------------------

EXEMPTION_OK = {"ruleId": "FLEET-CLU-003", "resource": "*$aws:eks/cluster:Cluster::dev-*",
                "reason": "Dev clusters run without control-plane audit logs to save cost.",
                "expires": "2027-06-30"}


def _exemption_cmd(rng):
    r = rng.random()
    if r < 0.2:
        return ["policy-config", "--stack", "dev"], "json", None
    if r < 0.75:
        fmt = rng.choice(["markdown", "markdown", "text", "json", "sarif"])
        check = {"markdown": "markdown", "text": "text"}.get(fmt, "json")
        return ["review", "--stack", "dev", "--format", fmt], check, None
    fmt = rng.choice(["markdown", "html", "json"])
    return ["evidence", "--stack", "dev", "--format", fmt], {"json": "json"}.get(fmt, fmt), None


def _exc_case(rng, idx, gen, desc, data: bytes):
    argv, check, out = _exemption_cmd(rng)
    return Case(idx, "exemptions", gen, desc, argv, {"policies/exemptions/dev.yaml": data}, check=check, output=out)


def gen_exc_shape(rng, ctx, idx):
    k = rng.choice(["map", "wrapped", "list-of-strings", "scalar-str", "scalar-int", "null", "empty",
                    "list-of-lists", "list-of-null", "true", "nested-map"])
    v: Any = {"map": EXEMPTION_OK, "wrapped": {"exemptions": [EXEMPTION_OK]},
              "list-of-strings": ["FLEET-CLU-003", "dev-*"], "scalar-str": "FLEET-CLU-003",
              "scalar-int": 3, "null": None, "empty": "", "list-of-lists": [[EXEMPTION_OK]],
              "list-of-null": [None, None], "true": True, "nested-map": {"FLEET-CLU-003": EXEMPTION_OK}}[k]
    data = b"" if k == "empty" else dump_yaml(v)
    return _exc_case(rng, idx, "shape", f"exemptions file is a {k}", data)


def gen_exc_invalid(rng, ctx, idx):
    orig = ctx.orig["policies/exemptions/dev.yaml"]
    k = rng.choice(["truncated", "unclosed", "tab", "bad-indent", "garbage", "alias-bomb", "deep"])
    if k == "truncated":
        data = orig[: rng.randrange(1, len(orig))]
    elif k == "unclosed":
        data = orig + b"- {ruleId: FLEET-CLU-003, reason: \"open\n"
    elif k == "tab":
        data = orig.replace(b"  reason", b"\treason", 1)
    elif k == "bad-indent":
        data = orig.replace(b"  resource", b"   resource", 1)
    elif k == "garbage":
        data = bytes(rng.randrange(256) for _ in range(300))
    elif k == "alias-bomb":
        data = (alias_bomb(10, 10) + "\n").encode().replace(b"a0:", b"- a0:", 1)
        data = b"- ruleId: FLEET-CLU-003\n  resource: x\n  reason: &r0 [\"lol lol lol\"]\n" + \
            "".join(f"  r{i}: &r{i} [{', '.join([f'*r{i - 1}'] * 10)}]\n" for i in range(1, 10)).encode() + \
            b"  expires: \"2027-06-30\"\n"
    else:
        data = b"- " + b"[" * 50_000 + b"]" * 50_000 + b"\n"
    return _exc_case(rng, idx, "invalid-yaml", f"exemptions file: {k}", data)


def gen_exc_tags(rng, ctx, idx):
    canary = f"fuzz-canary-{idx}"
    field = rng.choice(["reason", "expires", "ruleId", "resource"])
    v = rng.choice(TAG_VALUES + [f'!!python/object/apply:os.system ["touch {canary}"]'] * 2)
    data = ctx.orig["policies/exemptions/dev.yaml"].decode()
    data = re.sub(rf"(?m)^(- |  ){field}: .*$", lambda m: f"{m.group(1)}{field}: {v}", data, count=1)
    c = _exc_case(rng, idx, "tags", f"exemptions: first {field} = {v}", data.encode())
    c.canary = canary
    return c


def gen_exc_encoding(rng, ctx, idx):
    orig = ctx.orig["policies/exemptions/dev.yaml"]
    k = rng.choice(["utf16", "latin1", "bom", "nul", "cp1252", "utf32"])
    data = {"utf16": lambda: orig.decode().encode("utf-16"),
            "latin1": lambda: orig.replace(b"save cost", "save cöst".encode("latin-1")),
            "bom": lambda: b"\xef\xbb\xbf" + orig,
            "nul": lambda: orig.replace(b"save cost", b"save\x00cost"),
            "cp1252": lambda: orig.replace(b"save cost", b"save \x93cost\x94"),
            "utf32": lambda: orig.decode().encode("utf-32")}[k]()
    return _exc_case(rng, idx, "encoding", f"exemptions file encoded/corrupted as {k}", data)


BAD_DATES: list[Any] = [
    "2027-02-30", "2027-13-01", "tomorrow", "20270630", 20270630, "9999-12-31", "0001-01-01",
    "2027-06-30T25:00:00Z", "2027-06-30T00:00:00Z", "", None, ["2027-06-30"], 1e309, "-2027-01-01",
    "2027-06-30\n", "\uff12\uff10\uff12\uff17-06-30", "2027-6-3", "27-06-30", "2027/06/30", "1:00",
    "2027-06-30 extra", "99999-01-01", "2000-01-01", "2027-W26", "NaN", True, {"y": 2027}, 1.5,
]


def gen_exc_dates(rng, ctx, idx):
    entries = [dict(EXEMPTION_OK) for _ in range(rng.randint(1, 3))]
    descs = []
    for e in entries:
        v = rng.choice([*BAD_DATES, "UNQUOTED"])
        if v == "UNQUOTED":
            e["expires"] = dt.date(2027, 6, 30)
            descs.append("unquoted date 2027-06-30 (a YAML timestamp)")
        else:
            e["expires"] = v
            descs.append(f"expires {v!r:.40}")
    return _exc_case(rng, idx, "bad-dates", "; ".join(descs), dump_yaml(entries))


def gen_exc_reason(rng, ctx, idx):
    e = dict(EXEMPTION_OK)
    k = rng.choice(["int", "list", "map", "null", "bool", "huge", "short", "hostile", "hostile", "hostile",
                    "multiline", "date"])
    if k == "hostile":
        kind = rng.choice(MARKUP_KINDS + TERMINAL_KINDS)
        e["reason"] = "Dev clusters hold no data " + HOSTILE_DICT[kind]
        desc = f"reason carries {kind}: {e['reason'][:80]!r}"
    else:
        e["reason"] = {"int": 12345678901, "list": ["a long enough reason"], "map": {"why": "a long enough reason"},
                       "null": None, "bool": True, "huge": "r" * rng.choice([100_000, 5_000_000]), "short": "ok",
                       "multiline": "line one is long\nline two\n\n# heading?", "date": dt.date(2027, 1, 1)}[k]
        desc = f"reason is {k}"
    entries = [e]
    if rng.random() < 0.5:
        e2 = dict(e)
        e2["resource"] = "*$gcp:container/cluster:Cluster::dev-*"
        entries.append(e2)
    return _exc_case(rng, idx, "reasons", desc, dump_yaml(entries))


def gen_exc_dupkeys(rng, ctx, idx):
    k = rng.choice(["ruleId", "expires", "reason", "resource"])
    dup = '"2020-01-01"' if k == "expires" else "other value here"
    text = (f"- ruleId: FLEET-CLU-003\n  resource: \"*$aws:eks/cluster:Cluster::dev-*\"\n"
            f"  reason: Dev clusters run without control-plane audit logs to save cost.\n"
            f"  expires: \"2027-06-30\"\n  {k}: {dup}\n")
    return _exc_case(rng, idx, "duplicate-keys", f"exemption entry with `{k}` twice", text.encode())


def gen_exc_fields(rng, ctx, idx):
    e: dict[str, Any] = dict(EXEMPTION_OK)
    k = rng.choice(["missing", "extra", "ruleId", "resource", "resource", "many"])
    if k == "missing":
        drop = rng.choice(list(e))
        del e[drop]
        desc = f"entry without {drop}"
        data = dump_yaml([e])
    elif k == "extra":
        e[rng.choice(["enforcementLevel", "ruleID", "Reason", "", "expiry"])] = rng.choice(["x", 1, None])
        desc = "entry with an extra key"
        data = dump_yaml([e])
    elif k == "ruleId":
        e["ruleId"] = rng.choice(["FLEET-NOPE-999", "fleet-clu-003", "*", "", "FLEET-CLU-003 ", 3,
                                  "FLEET-CLU-003\nFLEET-CLU-001", HOSTILE_DICT[rng.choice(MARKUP_KINDS)]])
        desc = f"ruleId {e['ruleId']!r:.60}"
        data = dump_yaml([e])
    elif k == "resource":
        e["resource"] = rng.choice(["*", "", "[", "[!a-z]", "\\", "**" * 5000 + "x", "*a" * 3000 + "b",
                                    "?" * 20000, "(?:a+)+$", "urn:pulumi:dev::fleet::*", 42, ["*"],
                                    "*" + HOSTILE_DICT[rng.choice(MARKUP_KINDS)]])
        desc = f"resource pattern {str(e['resource'])[:60]!r}"
        data = dump_yaml([e])
    else:
        n = rng.choice([1000, 20_000, 100_000])
        data = "".join(f"- {{ruleId: FLEET-CLU-003, resource: '*::dev-{i}-*', reason: {EXEMPTION_OK['reason']!r}, "
                       f"expires: '2027-06-30'}}\n" for i in range(n)).encode()
        desc = f"{n} exemption entries"
    return _exc_case(rng, idx, "fields", desc, data)


# ---- class: review-json --------------------------------------------------------------------


def _report_cmd(rng, inp: str = "review.json"):
    fmt = rng.choice(["markdown", "markdown", "markdown", "text", "sarif", None])
    argv = ["report", "--input", inp]
    if fmt:
        argv += ["--format", fmt]
    check = {"markdown": "markdown", "sarif": "json"}.get(fmt or "markdown", "text")   # markdown is the default
    out = None
    if rng.random() < 0.2:
        out = "report-out.txt"
        argv += ["--output", out]
    if fmt == "markdown" and rng.random() < 0.3:
        argv += ["--rules-url", "https://example.com/RULES.md", "--artifact-url", "https://example.com/a"]
    return argv, check, out


def _json_case(rng, idx, gen, desc, data: bytes):
    argv, check, out = _report_cmd(rng)
    return Case(idx, "review-json", gen, desc, argv, {"review.json": data}, check=check, output=out)


def _seed(rng, ctx) -> Any:
    return copy.deepcopy(ctx.seeds[rng.choice(list(ctx.seeds))])


def gen_json_notjson(rng, ctx, idx):
    seed = json.dumps(_seed(rng, ctx)).encode()
    k = rng.choice(["empty", "truncated", "yaml", "garbage", "trailing", "single-quotes", "comments", "ws"])
    data = {"empty": b"", "truncated": seed[: rng.randrange(1, max(2, len(seed)))],
            "yaml": b"version: 2\nstacks: []\n", "garbage": bytes(rng.randrange(256) for _ in range(200)),
            "trailing": seed + b"\n{}", "single-quotes": seed.replace(b'"', b"'"),
            "comments": b"// review\n" + seed, "ws": b"   \n\t"}[k]
    return _json_case(rng, idx, "not-json", f"review.json: {k}", data)


def gen_json_top(rng, ctx, idx):
    v = rng.choice([[], [1], "review", 2, None, True, {}, {"version": 2}, {"stacks": []},
                    {"version": 2, "stacks": None}, {"version": 2, "verdict": "pass"}])
    return _json_case(rng, idx, "wrong-top-level", f"review.json = {json.dumps(v)}", json.dumps(v).encode())


def gen_json_version(rng, ctx, idx):
    d = _seed(rng, ctx)
    v = rng.choice(["MISSING", 1, 3, "2", 2.0, None, 10**30, -2, True, [2], "v2"])
    if v == "MISSING":
        del d["version"]
    else:
        d["version"] = v
    return _json_case(rng, idx, "version", f"version = {v!r}", json.dumps(d).encode())


def gen_json_stacks_shape(rng, ctx, idx):
    d = _seed(rng, ctx)
    v = rng.choice(["MISSING", {}, {"dev": d["stacks"][0]}, ["dev"], [1, 2], [None], [], [[]], "dev", 0])
    if v == "MISSING":
        del d["stacks"]
    else:
        d["stacks"] = v
    return _json_case(rng, idx, "stacks-shape", f"stacks = {json.dumps(v)[:60]}", json.dumps(d).encode())


def gen_json_tree(rng, ctx, idx):
    d = _seed(rng, ctx)
    descs = []
    for _ in range(rng.randint(1, 5)):
        paths = all_paths(d)
        p = rng.choice(paths)
        op = rng.choice(["type", "delete", "empty", "shape"])
        try:
            if op == "delete" and isinstance(p[-1], str):
                del get_in(d, p[:-1])[p[-1]]
                descs.append(f"deleted {fmt_path(p)}")
            elif op == "empty":
                set_in(d, p, rng.choice([{}, [], "", None, 0]))
                descs.append(f"{fmt_path(p)} emptied")
            elif op == "shape":
                v = get_in(d, p)
                set_in(d, p, [v] if not isinstance(v, list) else {"0": v})
                descs.append(f"{fmt_path(p)} reshaped")
            else:
                v = rand_value(rng, avoid=type(get_in(d, p)))
                if isinstance(v, dt.date) or (isinstance(v, float) and (v != v or abs(v) == float("inf"))):
                    v = str(v)   # JSON has no dates, NaN or infinities (the numbers generator writes those)
                set_in(d, p, v)
                descs.append(f"{fmt_path(p)} = {v!r:.40}")
        except (KeyError, IndexError, TypeError):
            pass
    return _json_case(rng, idx, "tree-mutation", "; ".join(descs)[:400], json.dumps(d).encode())


def gen_json_hostile(rng, ctx, idx):
    d = _seed(rng, ctx)
    kinds = MARKUP_KINDS * 2 + TERMINAL_KINDS + ["long", "astral", "javascript-url"]
    descs = []
    strs = [p for p in all_paths(d) if isinstance(get_in(d, p), str)]
    mode = rng.choice(["one", "several", "all", "keys"])
    if mode == "all":
        kind = rng.choice(kinds)
        for p in strs:
            set_in(d, p, get_in(d, p) + HOSTILE_DICT[kind])
        descs.append(f"every string gets {kind} {HOSTILE_DICT[kind][:50]!r} appended")
    elif mode == "keys":
        kind = rng.choice(kinds)
        maps = [p for p in all_paths(d) if isinstance(get_in(d, p), dict) and get_in(d, p)]
        p = rng.choice(maps) if maps else []
        m = get_in(d, p)
        key = rng.choice(list(m))
        m[key + HOSTILE_DICT[kind]] = m.pop(key)
        descs.append(f"key {fmt_path([*p, key])} gets {kind} appended")
    else:
        for _ in range(1 if mode == "one" else rng.randint(2, 6)):
            p = rng.choice(strs)
            kind = rng.choice(kinds)
            set_in(d, p, rng.choice(["", get_in(d, p)]) + HOSTILE_DICT[kind])
            descs.append(f"{fmt_path(p)} += {kind} {HOSTILE_DICT[kind][:40]!r}")
    return _json_case(rng, idx, "hostile-strings", "; ".join(descs)[:600], json.dumps(d).encode())


def gen_json_numbers(rng, ctx, idx):
    d = _seed(rng, ctx)
    nums = [p for p in all_paths(d) if isinstance(get_in(d, p), int) and not isinstance(get_in(d, p), bool)]
    p = rng.choice(nums)
    lit = rng.choice(["NaN", "Infinity", "-Infinity", "1e999", "-1", "1" + "0" * 5000, "0.5", "-0",
                      "9" * 30, "1E400", "2.0"])
    set_in(d, p, "__NUM__")
    data = json.dumps(d).replace('"__NUM__"', lit, 1)
    return _json_case(rng, idx, "numbers", f"{fmt_path(p)} = {lit[:30]}", data.encode())


def gen_json_deep(rng, ctx, idx):
    depth = rng.choice([1000, 100_000, 1_000_000])
    d = _seed(rng, ctx)
    where = rng.choice(["top", "violations", "problems"])
    nest = "[" * depth + "]" * depth
    if where == "top":
        data = nest
    else:
        d["stacks"][0][where] = "__DEEP__"
        data = json.dumps(d).replace('"__DEEP__"', nest, 1)
    return _json_case(rng, idx, "deep-nesting", f"nesting depth {depth} at {where}", data.encode())


def gen_json_huge(rng, ctx, idx):
    d = _seed(rng, ctx)
    st = d["stacks"][0]
    k = rng.choice(["violations", "stacks", "string", "problems", "resources"])
    if k == "violations":
        n = rng.choice([5000, 100_000])
        v = st["violations"][0] if st.get("violations") else {"policy": "p", "ruleId": "FLEET-CLU-001",
                                                                "level": "mandatory", "message": "m", "urn": "u"}
        st["violations"] = [dict(v, message=f"{v.get('message', '')} #{i}") for i in range(n)]
        desc = f"{n} violations"
    elif k == "stacks":
        n = rng.choice([500, 5000])
        d["stacks"] = [dict(st, stack=f"s{i}") for i in range(n)]
        desc = f"{n} stacks"
    elif k == "string":
        n = rng.choice([10**6, 5 * 10**7])
        st["stack"] = "s" * n
        desc = f"stack name of {n} chars"
    elif k == "problems":
        n = 50_000
        st["problems"] = [{"path": f"fleet:spec.clusters[{i}]", "message": "bad " * 20,
                           "source": {"path": "p", "file": "stacks/Pulumi.dev.yaml", "line": i}} for i in range(n)]
        st["verdict"] = "invalid"
        desc = f"{n} problems"
    else:
        n = 100_000
        st["resourceTypes"] = {f"aws:x/t{i}:T{i}": i for i in range(n)}
        desc = f"{n} resource types"
    argv, check, out = _report_cmd(rng)
    return Case(idx, "review-json", "huge", desc, argv, {"review.json": json.dumps(d).encode()},
                check=check, output=out)


def gen_json_encoding(rng, ctx, idx):
    s = json.dumps(_seed(rng, ctx))
    k = rng.choice(["utf16", "bom", "latin1", "lone-surrogate", "nul-escape", "raw-control", "utf32"])
    if k == "utf16":
        data = s.encode("utf-16")
    elif k == "bom":
        data = b"\xef\xbb\xbf" + s.encode()
    elif k == "latin1":
        data = s.replace('"dev"', '"d\u00e9v"', 1).encode("latin-1")
    elif k == "lone-surrogate":
        data = s.replace('"dev"', '"\\ud800dev"', 1).encode()
    elif k == "nul-escape":
        data = s.replace('"dev"', '"d\\u0000ev"', 1).encode()
    elif k == "raw-control":
        data = s.replace('"dev"', '"d\x1b[31mev"', 1).encode()
    else:
        data = s.encode("utf-32")
    return _json_case(rng, idx, "encoding", f"review.json {k}", data)


def gen_json_dupkeys(rng, ctx, idx):
    s = json.dumps(_seed(rng, ctx))
    k = rng.choice(["version", "verdict", "stacks", "stack"])
    if k == "stacks":
        data = s[:-1] + ', "stacks": 5}'
    elif k == "stack":
        data = s.replace('"stack": "', '"stack": 7, "stack": "', 1)
    else:
        data = s[:-1] + f', "{k}": ' + ('"pwned"' if k == "verdict" else "1") + "}"
    return _json_case(rng, idx, "duplicate-keys", f"`{k}` twice", data.encode())


def gen_json_verdicts(rng, ctx, idx):
    d = _seed(rng, ctx)
    st = d["stacks"][0]
    k = rng.choice(["verdict", "stack-verdict", "level", "changes", "summary", "source-line"])
    if k == "verdict":
        d["verdict"] = rng.choice(["pwned", "", "PASS", None, 1, "blocked", "invalid"])
        desc = f"verdict = {d['verdict']!r}"
    elif k == "stack-verdict":
        st["verdict"] = rng.choice(["pwned", "", None, "invalid", "blocked"])
        desc = f"stacks[0].verdict = {st['verdict']!r}"
    elif k == "level":
        for v in st.get("violations") or []:
            v["level"] = rng.choice(["critical", "", None, 3, "MANDATORY", "disabled"])
        desc = "violation levels changed"
    elif k == "changes":
        st["changes"] = rng.choice([{}, [], "x", {"resources": None}, {"resources": [{}]}, {"moves": [1]},
                                    {"resources": [{"urn": "u", "op": "pwn"}]}, {"base": None}])
        desc = f"changes = {json.dumps(st['changes'])[:60]}"
    elif k == "summary":
        st["summary"] = rng.choice([{}, None, {"clusters": -1, "resources": "many"}, [], {"mandatory": 10**30}])
        desc = f"summary = {json.dumps(st['summary'])[:60]}"
    else:
        for v in st.get("violations") or [{}]:
            v["source"] = rng.choice([{"file": "../../etc/passwd", "line": -5}, {"line": "x"}, None, [],
                                      {"file": HOSTILE_DICT["md-link"], "line": 10**20}])
        desc = "violation sources changed"
    return _json_case(rng, idx, "semantic", desc, json.dumps(d).encode())


def gen_json_input_special(rng, ctx, idx):
    k = rng.choice(["directory", "fifo", "devzero", "missing", "empty-arg", "stdin", "sparse", "devurandom"])
    special: list[tuple[Any, ...]] = []
    inp = "review.json"
    if k == "directory":
        special.append(("dir", inp))
    elif k == "fifo":
        special.append(("fifo", inp))
    elif k == "devzero":
        inp = "/dev/zero"
    elif k == "devurandom":
        special.append(("symlink", inp, "/dev/urandom"))
    elif k == "missing":
        inp = "nope/review.json"
    elif k == "empty-arg":
        inp = ""
    elif k == "stdin":
        inp = "-"
    else:
        special.append(("sparse", inp, 8 * 2**30))
    argv, check, out = _report_cmd(rng, inp)
    return Case(idx, "review-json", "input-special", f"--input {inp!r}: {k}", argv, special=special,
                check=check, output=out)


# ---- class: cli-values ---------------------------------------------------------------------

ODD_STACKS = ["", "A" * 100_000, "../../etc/passwd", "dev/../prod", "-dev", "dev\n", "\x1b[31mdev",
              "d\u00e9v", "*", ".", "Pulumi.dev.yaml", " dev", "DEV", "%s%n%x", "\u202edev", "dev\u200b",
              "..", "/", "dev;id", "$(id)", "dev\r", "\U0001f4a5", "global", "stacks/Pulumi.dev"]


def gen_cli_stack(rng, ctx, idx):
    s = rng.choice(ODD_STACKS)
    sub = rng.choice(["validate", "validate", "plan", "review", "evidence", "policy-config"])
    argv = [sub, "--stack", s]
    if sub == "review":
        argv += ["--format", "markdown"]
    return Case(idx, "cli-values", "stack", f"--stack {s[:60]!r}", argv,
                check="markdown" if sub == "review" else "text")


def gen_cli_environment(rng, ctx, idx):
    e = rng.choice(["", "nope", "\x1b[31mglobal", "A" * 50_000, "global\n", "../global", "GLOBAL", "*",
                    "\u202eglobal", "<img src=x alt=zqenv>", "prod", "dev"])
    argv = ["review", "--environment", e, "--format", rng.choice(["markdown", "text"])]
    return Case(idx, "cli-values", "environment", f"--environment {e[:60]!r}", argv,
                check="markdown" if "markdown" in argv else "text")


ODD_BASES = ["", "-n", "--output={canary}", "HEAD~9999", "nonexistent", ":(", "$(id)", "HEAD:stacks",
             "a" * 10_000, "\x1b[31mHEAD", "@{{-1}}", "..", "HEAD^{{tree}}", "refs/heads/../../x", "HEAD..HEAD",
             "-", "--help", "HEAD\n", "HEAD^{{blob}}", "--upload-pack=touch {canary}", "--",
             "HEAD:stacks/Pulumi.dev.yaml", "0" * 40, "ORIG_HEAD", "FETCH_HEAD"]


def gen_cli_base(rng, ctx, idx):
    canary = f"/tmp/fuzz-pwned-{os.getpid()}-{idx}"
    b = rng.choice(ODD_BASES).format(canary=canary)
    git = rng.random() < 0.85
    argv = ["review", "--stack", "dev", "--base", b, "--format", rng.choice(["markdown", "text"])]
    return Case(idx, "cli-values", "base", f"--base {b[:60]!r}" + ("" if git else " (no git repository)"), argv,
                git=git, check="markdown" if "markdown" in argv else "text", canary=canary)


def gen_cli_output(rng, ctx, idx):
    k = rng.choice(["dir", "dot", "devfull", "fifo", "input-itself", "nodir", "empty", "proc", "symlink-devfull",
                    "stack-file", "long-name"])
    special: list[tuple[Any, ...]] = []
    files: dict[str, bytes] = {}
    cmd = rng.choice(["report", "report", "report", "policy-config", "review", "evidence"])
    if cmd == "report":
        files["review.json"] = json.dumps(ctx.seeds[rng.choice(list(ctx.seeds))]).encode()
        argv = ["report", "--input", "review.json", "--format", "markdown"]
    elif cmd == "policy-config":
        argv = ["policy-config", "--stack", "dev"]
    elif cmd == "review":
        argv = ["review", "--stack", "dev", "--format", "markdown"]
    else:
        argv = ["evidence", "--stack", "dev", "--format", "html"]
    out = {"dir": "stacks", "dot": ".", "devfull": "/dev/full", "fifo": "out.fifo", "nodir": "nodir/x/out.md",
           "empty": "", "proc": "/proc/version", "symlink-devfull": "out-link", "stack-file": "stacks/Pulumi.dev.yaml",
           "long-name": "o" * 300, "input-itself": "review.json"}[k]
    if k == "input-itself" and cmd != "report":
        out = "stacks/Pulumi.dev.yaml"
    if k == "fifo":
        special.append(("fifo", out))
    if k == "symlink-devfull":
        special.append(("symlink", out, "/dev/full"))
    argv += ["--output", out]
    return Case(idx, "cli-values", "output", f"{cmd} --output {out!r} ({k})", argv, files, special,
                check="text")


def gen_cli_urls(rng, ctx, idx):
    opt = rng.choice(["--rules-url", "--artifact-url", "both"])
    v = rng.choice(["javascript:alert(1)", '"><img src=x alt=zqurl>', "https://x/)[evil](https://evil.example/zqlink",
                    "https://x/\n## zqhead", "\x1b[31mhttps://x", "A" * 100_000, "", " ", "data:text/html,<script>zq",
                    "https://x/<img src=x alt=zqurl2>", "https://x/`", "https://evil.example/zqlink)"])
    files = {}
    d = _seed(rng, ctx)
    if opt != "--rules-url" and rng.random() < 0.7:   # make the comment long enough to be cut
        st = d["stacks"][0]
        v0 = (st.get("violations") or [{"policy": "p", "ruleId": "FLEET-CLU-001", "level": "mandatory",
                                        "message": "m", "urn": "u"}])[0]
        st["violations"] = [dict(v0, message=f"{v0.get('message', '')} #{i}") for i in range(3000)]
    files["review.json"] = json.dumps(d).encode()
    argv = ["report", "--input", "review.json", "--format", "markdown"]
    if opt in ("--rules-url", "both"):
        argv += ["--rules-url", v]
    if opt in ("--artifact-url", "both"):
        argv += ["--artifact-url", v]
    return Case(idx, "cli-values", "urls", f"{opt} {v[:60]!r}", argv, files, check="markdown")


def gen_cli_many(rng, ctx, idx):
    k = rng.choice(["dup", "many", "mixed", "format", "stack-file"])
    if k == "dup":
        argv = ["review", "--stack", "dev", "--stack", "dev", "--format", "json"]
        check = "json"
    elif k == "many":
        argv = ["review"] + ["--stack", "nope"] * rng.choice([100, 2000]) + ["--format", "markdown"]
        check = "markdown"
    elif k == "mixed":
        argv = rng.choice([["review", "--stack", "dev", "--all"], ["validate", "--stack", "dev", "--stack-file", "x"],
                           ["review", "--environment", "global", "--stack", "dev"], ["validate"], ["report"]])
        check = "text"
    elif k == "format":
        argv = ["review", "--stack", "dev", "--format", rng.choice(["", "MARKDOWN", "markdown ", "html", "\x1b[31m"])]
        check = "text"
    else:
        p = rng.choice(["", ".", "/", "/etc/passwd", "/dev/stdin", "stacks/", "stacks/Pulumi.dev.yaml\n",
                        "../main/stacks/Pulumi.dev.yaml", "https://evil.example/x.yaml", "-", "Pulumi.yaml",
                        "stacks/global.fleet.yaml", "policies/exemptions/dev.yaml", "/dev/zero"])
        argv = [rng.choice(["validate", "plan", "evidence"]), "--stack-file", p]
        check = "text"
    return Case(idx, "cli-values", "argument-combinations", " ".join(shq(a) for a in argv)[:200], argv, check=check)


# ---- class: project-file -------------------------------------------------------------------


def gen_project(rng, ctx, idx):
    orig = ctx.orig["Pulumi.yaml"]
    doc = copy.deepcopy(ctx.docs["Pulumi.yaml"])
    k = rng.choice(["missing", "invalid", "empty", "stackConfigDir", "stackConfigDir", "config-schema",
                    "special", "name", "tags", "alias-bomb", "dup-keys", "list"])
    files: dict[str, bytes] = {}
    special: list[tuple[Any, ...]] = []
    if k == "missing":
        special.append(("remove", "Pulumi.yaml"))
        desc = "Pulumi.yaml removed"
    elif k == "invalid":
        files["Pulumi.yaml"] = orig[: len(orig) // 2] + b"\n  - [unclosed\n"
        desc = "Pulumi.yaml is invalid YAML"
    elif k == "empty":
        files["Pulumi.yaml"] = rng.choice([b"", b"~\n", b"[]\n", b"x\n"])
        desc = f"Pulumi.yaml = {files['Pulumi.yaml']!r}"
    elif k == "stackConfigDir":
        v = rng.choice(["/etc", "../..", "nonexistent", "", 123, ["stacks"], "stacks/../stacks", "/dev/zero",
                        ".", "stacks/Pulumi.dev.yaml", "/work/main/stacks", None, "\x1b[31mstacks", "~"])
        doc["stackConfigDir"] = v
        files["Pulumi.yaml"] = dump_yaml(doc)
        desc = f"stackConfigDir = {v!r}"
    elif k == "config-schema":
        v = rng.choice([{"type": "string", "default": 5}, "x", None, {"default": []},
                        {"type": "object", "default": "x"}])
        doc["config"][rng.choice(list(doc["config"]))] = v
        files["Pulumi.yaml"] = dump_yaml(doc)
        desc = f"a config key's schema = {v!r}"
    elif k == "special":
        sk = rng.choice(["fifo", "devzero", "dir", "sparse"])
        special.append(("remove", "Pulumi.yaml"))
        special.append({"fifo": ("fifo", "Pulumi.yaml"), "devzero": ("symlink", "Pulumi.yaml", "/dev/zero"),
                        "dir": ("dir", "Pulumi.yaml"), "sparse": ("sparse", "Pulumi.yaml", 8 * 2**30)}[sk])
        desc = f"Pulumi.yaml is a {sk}"
    elif k == "name":
        kind = rng.choice(MARKUP_KINDS + TERMINAL_KINDS)
        doc["name"] = HOSTILE_DICT[kind]
        files["Pulumi.yaml"] = dump_yaml(doc)
        desc = f"project name = {kind}"
    elif k == "tags":
        files["Pulumi.yaml"] = orig.replace(b"stackConfigDir: stacks", b"stackConfigDir: !!binary c3RhY2tz")
        desc = "stackConfigDir tagged !!binary"
    elif k == "alias-bomb":
        files["Pulumi.yaml"] = orig + b"fuzz:\n" + alias_bomb(10, 10, "  ").encode() + b"\n"
        desc = "alias bomb in Pulumi.yaml"
    elif k == "dup-keys":
        files["Pulumi.yaml"] = orig + b"stackConfigDir: /etc\nname: other\n"
        desc = "stackConfigDir and name twice"
    else:
        files["Pulumi.yaml"] = b"- name: fleet\n- stackConfigDir: stacks\n"
        desc = "Pulumi.yaml is a list"
    argv, check, out = spec_command(rng, "dev", 0.25)
    return Case(idx, "project-file", k, desc, argv, files, special, check=check, output=out)


# ---- registry ------------------------------------------------------------------------------

GENERATORS: dict[str, list[tuple[str, Callable[[Random, Ctx, int], Case]]]] = {
    "spec-struct": [(n, make_struct_gen(n, f)) for n, f in STRUCT_MUTATORS],
    "yaml-text": [
        ("dup-key-top", gen_dup_key_top), ("dup-key-nested", gen_dup_key_nested), ("tag", gen_tag),
        ("anchors-aliases", gen_anchors), ("alias-bomb", gen_alias_bomb), ("deep-nesting", gen_deep_nesting),
        ("non-utf8", gen_encoding), ("bom-nul-controls", gen_bom_nul), ("directive", gen_directive),
        ("yaml11-scalars", gen_yaml11), ("multi-document", gen_multidoc), ("empty-or-trivial", gen_empty),
        ("whitespace", gen_whitespace), ("odd-keys", gen_weird_keys), ("syntax-error", gen_syntax_error),
        ("huge-scalar", gen_huge_scalar), ("escape-sequences", gen_escapes),
    ],
    "hostile-names": [
        ("markup", gen_hostile(MARKUP_KINDS, "markup")),
        ("terminal", gen_hostile(TERMINAL_KINDS, "terminal")),
        ("lookalike-long", gen_hostile(["cyrillic-lookalike", "long", "astral", "html-entity", "javascript-url",
                                        "zero-width"], "lookalike-long")),
        ("any", gen_hostile(None, "any")),
        ("hostile-filename", gen_hostile_filename),
    ],
    "special-files": [
        ("stack-file", gen_special_stack), ("spec-file", gen_special_specfile),
        ("spec-file-value", gen_specfile_value), ("exemptions-file", gen_special_exemptions),
        ("odd-directories", gen_special_dirs), ("huge-file", gen_huge_real),
    ],
    "exemptions": [
        ("shape", gen_exc_shape), ("invalid-yaml", gen_exc_invalid), ("tags", gen_exc_tags),
        ("encoding", gen_exc_encoding), ("bad-dates", gen_exc_dates), ("reasons", gen_exc_reason),
        ("duplicate-keys", gen_exc_dupkeys), ("fields", gen_exc_fields),
    ],
    "review-json": [
        ("not-json", gen_json_notjson), ("wrong-top-level", gen_json_top), ("version", gen_json_version),
        ("stacks-shape", gen_json_stacks_shape), ("tree-mutation", gen_json_tree),
        ("hostile-strings", gen_json_hostile), ("numbers", gen_json_numbers), ("deep-nesting", gen_json_deep),
        ("huge", gen_json_huge), ("encoding", gen_json_encoding), ("duplicate-keys", gen_json_dupkeys),
        ("semantic", gen_json_verdicts), ("input-special", gen_json_input_special),
    ],
    "cli-values": [
        ("stack", gen_cli_stack), ("environment", gen_cli_environment), ("base", gen_cli_base),
        ("output", gen_cli_output), ("urls", gen_cli_urls), ("argument-combinations", gen_cli_many),
    ],
    "project-file": [("pulumi-yaml", gen_project)],
}
# Share of the cases per class (renders are sampled inside each class).
CLASS_WEIGHTS = {"spec-struct": 18, "yaml-text": 17, "hostile-names": 17, "special-files": 8,
                 "exemptions": 10, "review-json": 15, "cli-values": 10, "project-file": 5}
# The hostile-json generator is weighted up: it is the main path for markup into the comment.
GEN_WEIGHTS = {("review-json", "hostile-strings"): 4, ("hostile-names", "markup"): 2,
               ("exemptions", "reasons"): 2, ("spec-struct", "many-entries"): 0.5,
               ("yaml-text", "huge-scalar"): 0.5}


def class_schedule(n: int, seed: int, classes: list[str]) -> list[str]:
    """Deterministic class for each case index: proportional to the weights, interleaved."""
    total = sum(CLASS_WEIGHTS[c] for c in classes)
    counts = {c: int(n * CLASS_WEIGHTS[c] / total) for c in classes}
    rest = n - sum(counts.values())
    for c in sorted(classes, key=lambda c: -CLASS_WEIGHTS[c])[:rest]:
        counts[c] += 1
    sched = [c for c in classes for _ in range(counts[c])]
    Random(f"{seed}:schedule").shuffle(sched)
    return sched


def make_case(idx: int, seed: int, cls: str, ctx: Ctx) -> Case:
    rng = Random(f"{seed}:{idx}")
    gens = GENERATORS[cls]
    weights = [GEN_WEIGHTS.get((cls, n), 1) for n, _ in gens]
    name, fn = rng.choices(gens, weights)[0]
    case = fn(rng, ctx, idx)
    case.gen = case.gen or name
    return case


# --------------------------------------------------------------------------------------------
# Running
# --------------------------------------------------------------------------------------------


def copy_project(src: Path, dst: Path) -> None:
    def ignore(d: str, names: list[str]) -> set[str]:
        rel = os.path.relpath(d, src)
        out = {n for n in names if n in COPY_IGNORE or n.endswith(".egg-info")}
        out |= {n for n in names if os.path.normpath(os.path.join(rel, n)) in COPY_IGNORE_PATHS}
        return out
    shutil.copytree(src, dst, symlinks=True, ignore=ignore)


def prepare_case_dir(case: Case, template: Path, work: Path) -> None:
    shutil.copytree(template, work, symlinks=True)
    if case.git:
        env = dict(os.environ, GIT_CONFIG_GLOBAL="/dev/null", GIT_CONFIG_SYSTEM="/dev/null")
        for cmd in (["git", "init", "-q", "-b", "main", "."], ["git", "add", "-A"],
                    ["git", "-c", "user.email=fuzz@example.com", "-c", "user.name=fuzz", "commit", "-q", "-m", "base"]):
            subprocess.run(cmd, cwd=work, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for rel, data in case.files.items():
        p = work / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if p.is_symlink() or p.exists():
            p.unlink()
        p.write_bytes(data)
    for op in case.special:
        kind, rel = op[0], op[1]
        p = work / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if kind == "remove":
            if p.is_symlink() or p.is_file():
                p.unlink()
            elif p.is_dir():
                shutil.rmtree(p)
            continue
        if kind == "rmtree":
            if p.is_dir() and not p.is_symlink():
                shutil.rmtree(p)
            elif p.exists() or p.is_symlink():
                p.unlink()
            continue
        if p.is_symlink() or p.is_file():
            p.unlink()
        if kind == "fifo":
            os.mkfifo(p)
        elif kind == "symlink":
            os.symlink(op[2], p)
        elif kind == "dir":
            p.mkdir(exist_ok=True)
        elif kind == "sparse":
            with open(p, "wb") as f:
                f.truncate(op[2])
        elif kind == "file":
            p.write_bytes(op[2])
        else:
            raise ValueError(kind)


class Runner:
    def __init__(self, args: argparse.Namespace, template: Path, run_dir: Path):
        self.args = args
        self.template = template
        self.run_dir = run_dir
        self.as_limit = args.mem_limit * 2**20
        self.fsize_limit = args.fsize_limit * 2**20

    def _preexec(self) -> None:   # runs in the child between fork and exec: keep it to setrlimit
        resource.setrlimit(resource.RLIMIT_AS, (self.as_limit, self.as_limit))
        resource.setrlimit(resource.RLIMIT_FSIZE, (self.fsize_limit, self.fsize_limit))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    def run(self, case: Case) -> Result:
        work = self.run_dir / f"case-{case.idx:05d}"
        proj = work / "project"
        work.mkdir(parents=True, exist_ok=True)
        try:
            prepare_case_dir(case, self.template, proj)
        except Exception as e:   # a fuzzer bug, not a finding
            return Result(case, "fuzzer-error", f"could not prepare the case: {e!r}", None, 0.0, 0.0, "", "")
        out_path, err_path = work / "stdout", work / "stderr"
        env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8", PYTHONHASHSEED="0",
                   GIT_CONFIG_GLOBAL="/dev/null", GIT_CONFIG_SYSTEM="/dev/null", GIT_TERMINAL_PROMPT="0")
        env.pop("PYTHONPATH", None)
        cmd = [str(self.args.python), "-m", "fleet", *case.argv]
        t0 = time.monotonic()
        timed_out = False
        with open(out_path, "wb") as fo, open(err_path, "wb") as fe, open(os.devnull, "rb") as fi:
            try:
                p = subprocess.Popen(cmd, cwd=proj, stdin=fi, stdout=fo, stderr=fe, env=env,
                                     preexec_fn=self._preexec, start_new_session=True)
            except (OSError, ValueError) as e:
                # e.g. an argument with NUL, or over the kernel's argument size: not the tool's fault
                return Result(case, "fuzzer-error", f"could not start: {e!r}", None, 0.0, 0.0, "", "")
            status, ru = None, None
            deadline = t0 + self.args.timeout
            while True:
                pid, st, ru_ = os.wait4(p.pid, os.WNOHANG)
                if pid:
                    status, ru = st, ru_
                    break
                if time.monotonic() > deadline:
                    timed_out = True
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(p.pid, signal.SIGKILL)
                    _, status, ru = os.wait4(p.pid, 0)
                    break
                time.sleep(0.05)
            p.returncode = os.waitstatus_to_exitcode(status)
            # Anything the tool left running in its session (e.g. the policy pack) goes too.
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(p.pid, signal.SIGKILL)
        secs = time.monotonic() - t0
        rc = p.returncode
        maxrss = (ru.ru_maxrss / 1024) if ru else 0.0
        stdout = read_capped(out_path)
        stderr = read_capped(err_path)
        out_text = None
        if case.output:
            op = proj / case.output
            try:
                if op.is_file() and not op.is_symlink():
                    out_text = read_capped(op)
            except OSError:
                pass
        outcome, why = classify(case, rc, timed_out, maxrss, stdout, stderr, out_text, proj, self.args)
        res = Result(case, outcome, why, rc, secs, maxrss, stdout, stderr, out_text)
        if outcome in OK_OUTCOMES or not self.args.keep:
            shutil.rmtree(work, ignore_errors=True)
        return res


def read_capped(path: Path, cap: int = 16 * 2**20) -> str:
    with open(path, "rb") as f:
        data = f.read(cap)
    return data.decode("utf-8", "replace") if _is_utf8(data) else data.decode("utf-8", "surrogateescape")


def _is_utf8(b: bytes) -> bool:
    try:
        b.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


# --------------------------------------------------------------------------------------------
# Classification
# --------------------------------------------------------------------------------------------


def code_spans(line: str) -> list[tuple[int, int]]:
    """CommonMark code spans on one line: (start, end) of each span including its backticks."""
    spans = []
    i, n = 0, len(line)
    while i < n:
        if line[i] == "\\" and i + 1 < n:
            i += 2
            continue
        if line[i] == "`":
            j = i
            while j < n and line[j] == "`":
                j += 1
            run = j - i
            k = j
            found = -1
            while k < n:
                if line[k] == "`":
                    m = k
                    while m < n and line[m] == "`":
                        m += 1
                    if m - k == run:
                        found = m
                        break
                    k = m
                else:
                    k += 1
            if found >= 0:
                spans.append((i, found))
                i = found
            else:
                i = j
            continue
        i += 1
    return spans


def md_mask(text: str) -> tuple[str, list[tuple[int, str]]]:
    """The markdown with code (fenced blocks, code spans outside HTML-block lines) blanked.

    Returns the masked text and the lines of fenced blocks (for mermaid checks)."""
    out = []
    fenced: list[tuple[int, str]] = []
    fence: str | None = None
    for no, line in enumerate(text.split("\n"), 1):
        stripped = line.lstrip(" ")
        m = re.match(r"(`{3,}|~{3,})", stripped)
        if fence is None and m and len(line) - len(stripped) <= 3:
            fence = m.group(1)
            out.append("")
            continue
        if fence is not None:
            if stripped.startswith(fence[0] * len(fence)) and not stripped.strip(fence[0]).strip():
                fence = None
                out.append("")
            else:
                fenced.append((no, line))
                out.append("")
            continue
        if re.match(r" {0,3}<", line):   # an HTML block line: backticks do not protect anything
            out.append(line)
            continue
        chars = list(line)
        for a, b in code_spans(line):
            for i in range(a, b):
                chars[i] = " "
        out.append("".join(chars))
    return "\n".join(out), fenced


def markdown_findings(text: str) -> list[str]:
    found = []
    masked, fenced = md_mask(text)
    for label, rx in MD_NEEDLES:
        m = rx.search(masked)
        if m:
            found.append(f"{label}: {snippet(masked, m.start())}")
    # A pipe from the input splits a table cell even inside a code span (GFM).
    for line in text.split("\n"):
        if line.startswith("|") and re.search(r"(?<!\\)\|zqpipe", line):
            found.append(f"table cell split by an input '|': {snippet(line, line.find('zqpipe'))}")
            break
    for no, line in fenced:
        if re.search(r'"\]\s*-->\s*evil\["zqmer', line):
            found.append(f"mermaid node forged at fenced line {no}: {line[:120]!r}")
            break
    # More closing </details> than opening ones: the input closed one of ours.
    opens = len(re.findall(r"(?<![\\&])<details\b", masked))
    closes = len(re.findall(r"(?<![\\&])</details>", masked))
    if closes > opens:
        found.append(f"{closes} </details> for {opens} <details>")
    return dedupe(found)


def html_findings(text: str) -> list[str]:
    found = []
    for label, rx in HTML_NEEDLES:
        m = rx.search(text)
        if m:
            found.append(f"{label}: {snippet(text, m.start())}")
    return dedupe(found)


def terminal_findings(text: str, stream: str, from_input: set[str], json_like: bool = False) -> list[str]:
    """Characters a terminal obeys, or that reorder or hide text. C0, DEL and C1 are never the
    tool's own; bidi and zero-width characters count only when the input had them (the tool may
    use e.g. U+2060 itself to defuse `#123` in markdown)."""
    rx = TERM_BAD_JSON if json_like else TERM_BAD
    for m in rx.finditer(text):
        ch = m.group(0)
        if TERM_BAD_JSON.match(ch) or ch in from_input:
            return [f"{stream}: U+{ord(ch):04X} {unicodedata_name(ch)} at {snippet(text, m.start())}"]
    return []


YAML_ESCAPES = {"e": "\x1b", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029", "0": "\x00", "a": "\x07"}


def input_chars(case: Case) -> set[str]:
    """The suspicious characters the case's input holds, literally or as JSON/YAML escapes."""
    texts = list(case.argv)
    for data in case.files.values():
        t = data[:4_000_000].decode("utf-8", "replace")
        texts.append(t)
        texts.append(re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), t))
        texts.append(re.sub(r"\\x([0-9a-fA-F]{2})", lambda m: chr(int(m.group(1), 16)), t))
        texts.append(re.sub(r"\\([eN_LP0a])", lambda m: YAML_ESCAPES[m.group(1)], t))
        if data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00\x00" in data[:1000]:   # UTF-16/32 inputs
            for enc in ("utf-16", "utf-32"):
                with contextlib.suppress(UnicodeDecodeError):
                    texts.append(data[:1_000_000].decode(enc))
    for op in case.special:
        texts += [str(x) for x in op[1:]]
    return {c for t in texts for c in TERM_BAD.findall(t)}


def unicodedata_name(ch: str) -> str:
    import unicodedata
    return unicodedata.name(ch, "control")


def snippet(text: str, pos: int, width: int = 70) -> str:
    return repr(text[max(0, pos - width // 2): pos + width])


def dedupe(xs: list[str]) -> list[str]:
    seen, out = set(), []
    for x in xs:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


def names_where(text: str, case: Case) -> bool:
    if any(rx.search(text) for rx in WHERE_PATTERNS):
        return True
    for rel in list(case.files) + [op[1] for op in case.special]:
        if rel and (rel in text or os.path.basename(rel) in text):
            return True
    return False


def classify(case: Case, rc: int | None, timed_out: bool, maxrss: float, stdout: str, stderr: str,
             out_text: str | None, proj: Path, args: argparse.Namespace) -> tuple[str, str]:
    both = stdout + "\n" + stderr
    if timed_out:
        return "hang", f"killed after {args.timeout:.0f} s"
    if "MemoryError" in both:
        return "memory-blowup", "MemoryError under the address-space limit"
    if rc is not None and rc < 0:
        sig = -rc
        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
        if sig in (signal.SIGKILL,):
            return "memory-blowup", f"killed by {name} (peak RSS {maxrss:.0f} MiB)"
        if sig == signal.SIGXFSZ:
            return "memory-blowup", f"output grew over the {args.fsize_limit} MiB file-size limit ({name})"
        return "internal-error", f"died of {name} (peak RSS {maxrss:.0f} MiB; the address-space limit is " \
            f"{args.mem_limit} MiB)"
    if maxrss > args.rss_limit:
        return "memory-blowup", f"peak RSS {maxrss:.0f} MiB over {args.rss_limit} MiB"
    if case.canary and (proj / case.canary).exists():   # an absolute canary stays absolute
        if os.path.isabs(case.canary):
            with contextlib.suppress(OSError):
                os.unlink(case.canary)
        return "injection", f"the input ran a command or wrote a file: {case.canary} was created"
    tb = re.search(r"Traceback \(most recent call last\)|internal error", both, re.I)
    if rc == 3 or tb:
        return "internal-error", f"exit {rc}: {first_error_line(both)}"
    if rc not in (0, 1, 2):
        return "internal-error", f"unexpected exit {rc}: {first_error_line(both)}"
    # Injection.
    found: list[str] = []
    chars = input_chars(case)
    found += terminal_findings(stderr, "stderr", chars)
    found += terminal_findings(stdout, "stdout", chars, json_like=(case.check == "json"))
    if case.check == "markdown":
        found += markdown_findings(stdout)
        if out_text is not None:
            found += markdown_findings(out_text)
    elif case.check == "html":
        found += html_findings(stdout)
        if out_text is not None:
            found += html_findings(out_text)
    if found:
        return "injection", "; ".join(found)[:800]
    if rc == 0:
        return "ok-pass", ""
    if rc == 1:
        return "ok-blocked", ""
    if names_where(both + "\n" + (out_text or ""), case):
        return "ok-refused", ""
    return "unclear-refusal", f"exit 2 without naming a file, line, key or option: {first_error_line(both)}"


def first_error_line(text: str) -> str:
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if not lines:
        return "(no output)"
    # The last line of a traceback names the exception.
    for i, ln in enumerate(lines):
        if ln.startswith("Traceback"):
            for ln2 in lines[i + 1:]:
                if re.match(r"^[A-Za-z_][\w.]*(Error|Exception|Interrupt|Exit)\b", ln2):
                    return ln2[:300]
    for ln in lines:
        if re.search(r"error|fleet:|problem|cannot|not ", ln, re.I) and not ln.startswith("fleet: validating") \
                and not ln.startswith("fleet: rendering") and not ln.startswith("fleet: running"):
            return ln[:300]
    return lines[-1][:300]


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------


def shq(s: str) -> str:
    """Shell quoting that stays printable: $'...' for anything non-printable."""
    if s and all(c.isprintable() and ord(c) < 0x7f for c in s):
        return shlex.quote(s)
    out = []
    for c in s:
        o = ord(c)
        if c == "'":
            out.append("\\'")
        elif c == "\\":
            out.append("\\\\")
        elif c.isprintable() and o < 0x7f:
            out.append(c)
        elif o < 0x100:
            out.append(f"\\x{o:02x}")
        elif o < 0x10000:
            out.append(f"\\u{o:04x}")
        else:
            out.append(f"\\U{o:08x}")
    return "$'" + "".join(out) + "'"


def printable(s: str, limit: int) -> str:
    """Text safe to put in a fenced block of our own markdown: no controls, no fences."""
    if len(s) > limit:
        s = s[:limit] + f"\n... ({len(s) - limit} more characters)"
    out = []
    for c in s:
        o = ord(c)
        if c in "\n\t":
            out.append(c)
        elif o < 0x20 or 0x7f <= o < 0xa0 or TERM_BAD.match(c) or 0xd800 <= o < 0xe000:
            out.append(f"\\u{{{o:04X}}}")
        else:
            out.append(c)
    return "".join(out).replace("~~~", "~ ~~")


def abbreviate(s: str, limit: int = 160) -> str:
    return s if len(s) <= limit else s[:limit] + f"...(+{len(s) - limit})"


def input_repro(case: Case, ctx: Ctx, limit: int = 1800) -> str:
    parts = []
    for op in case.special:
        parts.append("special: " + " ".join(str(x) for x in op))
    for rel, data in case.files.items():
        orig = ctx.orig.get(rel)
        if orig is not None and len(data) < 2_000_000 and len(orig) < 2_000_000:
            try:
                a = orig.decode("utf-8").splitlines()
                b = data.decode("utf-8").splitlines()
                diff = list(difflib.unified_diff(a, b, f"a/{rel}", f"b/{rel}", n=1, lineterm=""))
                diff = [abbreviate(d, 300) for d in diff]
                parts.append("\n".join(diff) if diff else f"{rel}: unchanged text")
                continue
            except UnicodeDecodeError:
                pass
        head = data[:600]
        try:
            shown = head.decode("utf-8")
        except UnicodeDecodeError:
            shown = repr(head)
        parts.append(f"{rel} ({len(data)} bytes{', first 600' if len(data) > 600 else ''}):\n{shown}")
    if case.git:
        parts.append("(project copy is a git repository with one commit of the unmodified files)")
    return printable("\n".join(parts) or "(no file changes)", limit)


def signature(r: Result) -> str:
    why = re.sub(r"\d+", "N", r.why)
    why = re.sub(r"/tmp/\S+", "<tmp>", why)
    if r.outcome == "injection":
        why = re.sub(r" at '.*", "", why.split(";")[0])
        why = re.sub(r": '.*", "", why)
    return f"{r.outcome} | {r.case.argv[0]} | {why[:140]}"


def write_report(path: Path, args, results: list[Result], ctx: Ctx, wall: float, schedule_classes: list[str]) -> None:
    classes = list(dict.fromkeys(schedule_classes))
    counts: dict[str, dict[str, int]] = {c: {o: 0 for o in (*OUTCOMES, "fuzzer-error")} for c in classes}
    for r in results:
        counts[r.case.cls][r.outcome] += 1
    bad = [r for r in results if r.outcome in BAD_OUTCOMES]
    fz = [r for r in results if r.outcome == "fuzzer-error"]
    cols = list(OUTCOMES) + (["fuzzer-error"] if fz else [])
    secs = [r.seconds for r in results if r.outcome != "fuzzer-error"]
    L = []
    L.append("# fleet fuzzing results\n")
    L.append(f"Generated by `tools/fuzz.py` on {dt.datetime.now(dt.UTC):%Y-%m-%dT%H:%M:%SZ}.\n")
    L.append(f"- seed: `{args.seed}`; cases: {len(results)}"
             + (f" (only {args.only})" if args.only else f" of {args.cases}") + f"; jobs: {args.jobs}")
    L.append(f"- total wall time: {wall:.0f} s ({wall / max(1, len(results)):.1f} s per case, "
             f"{sum(secs) / max(1, len(secs)):.1f} s of command time per case; "
             f"median {sorted(secs)[len(secs) // 2] if secs else 0:.1f} s, max {max(secs) if secs else 0:.1f} s)")
    L.append(f"- limits: timeout {args.timeout:.0f} s, address space {args.mem_limit} MiB, "
             f"peak RSS flagged over {args.rss_limit} MiB, file size {args.fsize_limit} MiB")
    L.append(f"- bad outcomes: **{len(bad)}**" + (f"; fuzzer errors (not findings): {len(fz)}" if fz else ""))
    L.append(f"- rerun one case: `.venv/bin/python tools/fuzz.py --cases {args.cases} --seed {args.seed} "
             "--only N --keep` (the copy of the project is kept under the printed work directory)\n")
    L.append("## Outcomes per class\n")
    L.append("| class | " + " | ".join(cols) + " | total |")
    L.append("|---|" + "---|" * (len(cols) + 1))
    for c in classes:
        row = counts[c]
        L.append(f"| {c} | " + " | ".join(str(row[o]) for o in cols) + f" | {sum(row.values())} |")
    tot = {o: sum(counts[c][o] for c in classes) for o in cols}
    L.append("| **all** | " + " | ".join(f"**{tot[o]}**" for o in cols) + f" | **{len(results)}** |\n")
    if bad:
        L.append("## Findings by signature\n")
        groups: dict[str, list[Result]] = {}
        for r in bad:
            groups.setdefault(signature(r), []).append(r)
        L.append("| # | outcome | cases | signature |")
        L.append("|---|---|---|---|")
        for n, (sig, rs) in enumerate(sorted(groups.items(), key=lambda kv: (kv[0].split(" | ")[0], -len(kv[1]))), 1):
            L.append(f"| {n} | {rs[0].outcome} | {', '.join(str(r.case.idx) for r in rs[:12])}"
                     f"{' ...' if len(rs) > 12 else ''} | {md_cell(sig.split(' | ', 1)[1])} |")
        L.append("")
        L.append("## Reproductions\n")
        L.append("Each runs in a copy of the project (without `.git`, `.venv`, `tools/.bin`) with the input "
                 "applied; up to " f"{args.repro_per_sig} per signature.\n")
        for _sig, rs in sorted(groups.items(), key=lambda kv: (kv[0].split(" | ")[0], -len(kv[1]))):
            for r in rs[: args.repro_per_sig]:
                c = r.case
                L.append(f"### case {c.idx}: {r.outcome} ({c.cls} / {c.gen})\n")
                L.append(f"- input: {md_cell(printable(abbreviate(c.desc, 300), 400))}")
                L.append(f"- exit {r.rc}, {r.seconds:.1f} s, peak RSS {r.maxrss_mib:.0f} MiB")
                L.append(f"- why: {md_cell(printable(abbreviate(r.why, 600), 700))}\n")
                L.append("~~~")
                L.append("$ " + printable(" ".join(shq(abbreviate(a, 200)) for a in
                                                   ["python", "-m", "fleet", *c.argv]), 2000))
                L.append(r.repro)
                tail = (r.stderr.strip().splitlines() or [""])[-6:]
                L.append("--- stderr (last lines):")
                L.append(printable("\n".join(abbreviate(t, 300) for t in tail), 1500))
                if r.outcome == "injection" or (r.rc == 2 and not r.stderr.strip()):
                    L.append("--- stdout (first lines):")
                    L.append(printable("\n".join(abbreviate(t, 300) for t in r.stdout.splitlines()[:8]), 1500))
                L.append("~~~\n")
    if fz:
        L.append("## Fuzzer errors (not findings)\n")
        for r in fz[:20]:
            L.append(f"- case {r.case.idx} ({r.case.cls}/{r.case.gen}): {md_cell(printable(r.why, 300))}")
        L.append("")
    L.append("## Generators\n")
    for c in classes:
        L.append(f"- {c} ({len(GENERATORS[c])}): " + ", ".join(n for n, _ in GENERATORS[c]))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(L) + "\n", encoding="utf-8")


def md_cell(s: str) -> str:
    s = s.replace("\n", " ").replace("|", "\\|").replace("`", "'")
    s = s.replace("<", "&lt;").replace(">", "&gt;").replace("[", "\\[").replace("]", "\\]").replace("@", "&#64;")
    return s


# --------------------------------------------------------------------------------------------
# Seeds for review JSON
# --------------------------------------------------------------------------------------------

FALLBACK_SEED = {
    "version": 2, "verdict": "pass",
    "stacks": [{
        "stack": "dev", "stackFile": "stacks/Pulumi.dev.yaml", "environment": "dev", "production": False,
        "clusters": [{"name": "dev-aws-euc1", "cloud": "aws", "region": "eu-central-1", "country": "DE",
                      "residency": None, "dedicatedTo": None, "cordoned": False}],
        "tenants": [{"name": "web", "isolation": "namespace", "regime": "none", "clusters": ["dev-aws-euc1"],
                     "countries": ["DE"], "reason": "regime none"}],
        "violations": [{"policy": "exemptions-applied", "ruleId": "FLEET-EXM-002", "level": "advisory",
                        "message": "waived", "urn": "urn:pulumi:dev::fleet::x", "severity": "1",
                        "source": {"path": "fleet:spec.clusters[0]", "file": "stacks/Pulumi.dev.yaml", "line": 33}}],
        "resourceTypes": {"aws:eks/cluster:Cluster": 1}, "protected": [], "changes": None, "problems": [],
        "verdict": "pass", "summary": {"clusters": 1, "tenants": 1, "resources": 1, "protected": 0,
                                       "mandatory": 0, "advisory": 1}, "cordoned": []}],
}


def make_seeds(args, template: Path, run_dir: Path) -> dict[str, Any]:
    """Review JSON the way the tool writes it: dev without --base, dev against a base with changes,
    and an invalid spec. Falls back to a hand-written document if the tool fails."""
    seeds: dict[str, Any] = {}

    def run(name: str, git: bool, mutate: Callable[[str], str] | None, argv: list[str]) -> None:
        work = run_dir / f"seed-{name}"
        files = {}
        if mutate:
            files["stacks/Pulumi.dev.yaml"] = mutate((template / "stacks/Pulumi.dev.yaml").read_text()).encode()
        case = Case(-1, "seed", name, name, argv, files, git=git)
        try:
            if git:
                prepare_case_dir(Case(-1, "seed", name, name, argv, {}, git=True), template, work)
                for rel, data in files.items():
                    (work / rel).write_bytes(data)
            else:
                prepare_case_dir(case, template, work)
            p = subprocess.run([str(args.python), "-m", "fleet", *argv], cwd=work, capture_output=True,
                               timeout=180, env=dict(os.environ, GIT_CONFIG_GLOBAL="/dev/null"))
            seeds[name] = json.loads(p.stdout)
        except Exception as e:   # a seed is optional
            print(f"fuzz: seed {name} failed ({e!r}); using the built-in one", file=sys.stderr)
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def changed(s: str) -> str:
        s = s.replace("nodeCidr: 10.10.0.0/16", "nodeCidr: 10.11.0.0/16")
        pool = "minSize: {}}}\n        capacity: {{cpu: 8, memory: 32Gi}}\n        adminGroupObjectIds"
        return s.replace(pool.format("1, maxSize: 3"), pool.format("2, maxSize: 5"))

    def invalid(s: str) -> str:
        return s.replace("region: eu-central-1", "region: eu-centrl-1").replace("kubernetesVersion: \"1.35\"",
                                                                                "kubernetesVersion: \"1.99\"", 1)

    jobs = [("plain", False, None, ["review", "--stack", "dev", "--format", "json"]),
            ("base", True, changed, ["review", "--stack", "dev", "--base", "HEAD", "--format", "json"]),
            ("invalid", False, invalid, ["review", "--stack", "dev", "--format", "json"])]
    with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as ex:
        list(ex.map(lambda j: run(*j), jobs))
    if not seeds:
        seeds["fallback"] = FALLBACK_SEED
    return seeds


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=600, help="number of cases (default 600)")
    ap.add_argument("--seed", type=int, default=0, help="seed (default 0)")
    ap.add_argument("--jobs", type=int, default=2, help="cases run in parallel (default 2)")
    ap.add_argument("--timeout", type=float, default=60.0, help="wall-clock seconds per command (default 60)")
    ap.add_argument("--mem-limit", type=int, default=4096, help="RLIMIT_AS per command, MiB (default 4096)")
    ap.add_argument("--rss-limit", type=int, default=2048, help="peak RSS flagged as a blow-up, MiB (default 2048)")
    ap.add_argument("--fsize-limit", type=int, default=1024, help="RLIMIT_FSIZE per command, MiB (default 1024)")
    ap.add_argument("--out", type=Path, default=ROOT / "tools" / "fuzz-results.md", help="results file")
    ap.add_argument("--project", type=Path, default=ROOT, help="the project to copy (default: this checkout)")
    ap.add_argument("--python", type=Path, default=DEFAULT_PYTHON, help="interpreter that runs `-m fleet`")
    ap.add_argument("--classes", default="", help="comma-separated classes to run (default: all)")
    ap.add_argument("--only", default="", help="comma-separated case indexes to run (of --cases/--seed)")
    ap.add_argument("--keep", action="store_true", help="keep the project copies of bad cases")
    ap.add_argument("--workdir", type=Path, default=None, help="where copies go (default: a new dir in /tmp)")
    ap.add_argument("--repro-per-sig", type=int, default=3, help="reproductions shown per finding signature")
    ap.add_argument("--log", type=Path, default=None, help="also write every case's outcome as JSON lines here")
    ap.add_argument("--list", action="store_true", help="list the classes and generators and exit")
    ap.add_argument("--dry-run", action="store_true", help="generate the cases and print them, run nothing")
    args = ap.parse_args(argv)

    if args.list:
        for c, gens in GENERATORS.items():
            print(f"{c} ({len(gens)}): " + ", ".join(n for n, _ in gens))
        return 0
    classes = [c for c in args.classes.split(",") if c] or list(GENERATORS)
    unknown = [c for c in classes if c not in GENERATORS]
    if unknown:
        ap.error(f"--classes: unknown {unknown}; choose from {list(GENERATORS)}")
    project = args.project.resolve()
    if not (project / "Pulumi.yaml").is_file():
        ap.error(f"--project {project}: no Pulumi.yaml")

    base = args.workdir or Path(tempfile.gettempdir())
    base.mkdir(parents=True, exist_ok=True)
    run_dir = Path(tempfile.mkdtemp(prefix="fleet-fuzz-", dir=base)).resolve()
    if run_dir == project or project in run_dir.parents:
        ap.error(f"--workdir must be outside the project ({run_dir})")
    t_start = time.monotonic()
    template = run_dir / "template"
    copy_project(project, template)
    # Compile once so every copy starts as fast as the checkout does.
    subprocess.run([str(args.python), "-m", "compileall", "-q", "-j", "0", "fleet", "policies"], cwd=template,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(f"fuzz: template at {template} ({time.monotonic() - t_start:.0f} s); making review JSON seeds",
          file=sys.stderr)
    seeds = {"fallback": FALLBACK_SEED} if args.dry_run else make_seeds(args, template, run_dir)
    print(f"fuzz: seeds {sorted(seeds)} ready ({time.monotonic() - t_start:.0f} s)", file=sys.stderr)
    ctx = Ctx(template, seeds)

    schedule = class_schedule(args.cases, args.seed, classes)
    indexes = [int(x) for x in args.only.split(",") if x] if args.only else list(range(len(schedule)))
    bad_idx = [i for i in indexes if not 0 <= i < len(schedule)]
    if bad_idx:
        ap.error(f"--only: {bad_idx} not in 0..{len(schedule) - 1}")

    def generate(i: int) -> Case | None:
        try:
            return make_case(i, args.seed, schedule[i], ctx)
        except Exception:   # a generator bug: report it, keep going
            print(f"fuzz: generator failed for case {i} ({schedule[i]}):\n{traceback.format_exc()}",
                  file=sys.stderr)
            return None

    if args.dry_run:
        for i in indexes:
            c = generate(i)
            if c:
                cmd = " ".join(shq(abbreviate(a, 40)) for a in c.argv)[:90]
                print(f"{c.idx:4d} {c.cls:14s} {c.gen:22s} {cmd}  | {printable(abbreviate(c.desc, 120), 200)}")
        shutil.rmtree(run_dir, ignore_errors=True)
        return 0

    runner = Runner(args, template, run_dir)
    results: list[Result] = []
    lock = threading.Lock()
    t_cases = time.monotonic()
    log = open(args.log, "w", encoding="utf-8") if args.log else None   # noqa: SIM115 - closed below

    def one(i: int) -> None:
        # Cases are generated where they run, so that only the running ones hold their (possibly
        # large) inputs; a result keeps a truncated reproduction instead.
        c = generate(i)
        if c is None:
            return
        r = runner.run(c)
        r.repro = input_repro(c, ctx) if r.outcome not in OK_OUTCOMES else ""
        c.files = {}
        with lock:
            results.append(r)
            if log:
                log.write(json.dumps({
                    "case": c.idx, "class": c.cls, "gen": c.gen, "desc": abbreviate(c.desc, 300),
                    "argv": [abbreviate(a, 200) for a in c.argv], "outcome": r.outcome, "why": r.why, "exit": r.rc,
                    "seconds": round(r.seconds, 2), "peakRssMiB": round(r.maxrss_mib),
                    "stderr": [abbreviate(x, 300) for x in r.stderr.strip().splitlines()[-4:]],
                    "stdout": [abbreviate(x, 300) for x in r.stdout.strip().splitlines()[:4]]}) + "\n")
                log.flush()
            mark = "  " if r.outcome in OK_OUTCOMES else "!!"
            print(f"{mark} [{len(results)}/{len(indexes)}] case {c.idx} {c.cls}/{c.gen}: {r.outcome} "
                  f"(exit {r.rc}, {r.seconds:.1f}s) {printable(abbreviate(r.why, 120), 200)}", file=sys.stderr)

    try:
        with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as ex:
            for f in [ex.submit(one, i) for i in indexes]:
                f.result()
    except KeyboardInterrupt:
        print("fuzz: interrupted; writing what ran", file=sys.stderr)
    if log:
        log.close()
    wall = time.monotonic() - t_start
    results.sort(key=lambda r: r.case.idx)
    write_report(args.out, args, results, ctx, wall, [schedule[i] for i in indexes])
    if not args.keep:
        shutil.rmtree(run_dir, ignore_errors=True)
    bad = [r for r in results if r.outcome in BAD_OUTCOMES]
    print(f"fuzz: {len(results)} cases in {wall:.0f} s ({time.monotonic() - t_cases:.0f} s running); "
          f"{len(bad)} bad; results in {args.out}", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
