"""How `fleet status` reads API servers: with the kubeconfig's exec plugin run (the managed
clusters' kubeconfigs use one), and, within one command, each path of each server read once."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from fleet.clusters import reachability

Get = Callable[[str, str], Any]


def plugin_get(kubeconfig: str, path: str) -> Any:
    return reachability.get_json(kubeconfig, path, run_plugin=True)


def cached_reader() -> Get:
    """A ``Get`` that answers a repeated (kubeconfig, path) from memory; a failure is not kept."""
    return functools.cache(plugin_get)
