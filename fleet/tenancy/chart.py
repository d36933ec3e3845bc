"""The vcluster Helm chart fleet installs: its pinned version, where it may come from, and how a
local copy is checked (pure; imports nothing of the spec, so the spec can use it).

The version is one pin for every source. The values in fleet/tenancy/vcluster.py are written and
tested against this chart version's templates, so a mirror must serve the same version.
tools/build.sh reads VERSION from this file and refuses to build a different chart.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

import yaml

NAME = "vcluster"
VERSION = "0.36.1"
UPSTREAM_REPOSITORY = "https://charts.loft.sh"

# `helm push` stores a chart under <registry>/<path>/<chart name> (Helm docs, "Use OCI-based
# registries": the chart name becomes the last path segment), so a reference ends in /vcluster; the
# version is given separately, never as a tag or digest on the reference.
OCI_REFERENCE = re.compile(r"^oci://[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?(/[a-z0-9._-]+)*/vcluster$")
HTTPS_REPOSITORY = re.compile(r"^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~%/-]*)?$")
LOCAL_NAMES = (NAME, f"{NAME}-{VERSION}.tgz")


def local_problem(path: str, base: Path) -> str | None:
    """Why the chart at ``path`` (relative to ``base``, the project directory, where the Pulumi
    program and its providers run) cannot be the pinned chart; None when it is."""
    where = PurePosixPath(path)
    if where.name not in LOCAL_NAMES:
        return (
            f"name the chart directory {NAME!r} (or the packaged chart {LOCAL_NAMES[1]!r}), so the policy pack "
            "and reviewers can tell the chart from its path"
        )
    full = base / path
    if where.name.endswith(".tgz"):
        if not full.is_file():
            return f"no packaged chart at {full}"
        return None  # helm package names the archive <name>-<version>.tgz: the name says it all
    chart_file = full / "Chart.yaml"
    if not chart_file.is_file():
        return f"{full} holds no Chart.yaml; point path at the unpacked chart directory"
    try:
        chart = yaml.safe_load(chart_file.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        return f"cannot read {chart_file}: {type(err).__name__}"
    if not isinstance(chart, dict):
        return f"{chart_file} is not a chart description"
    name, version = chart.get("name"), str(chart.get("version"))
    if name != NAME or version != VERSION:
        return (
            f"{chart_file} describes chart {name!r} version {version!r}; fleet pins {NAME} {VERSION} "
            f"(mirror that version: helm pull {NAME} --repo {UPSTREAM_REPOSITORY} --version {VERSION} --untar)"
        )
    return None
