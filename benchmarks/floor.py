"""The SDK floor: register the same resources with a bare loop under the same mock runtime.

Same count, types (the provider SDKs' own classes), names, parents, providers and inputs as a
fleet rendering, but none of our code: no spec, no placement, no component logic. What
`fleet plan` costs above this is ours.
"""

from __future__ import annotations

import importlib
import inspect
import re
from functools import cache

import pulumi

from fleet.review.render import Rendering, run_mocked
from fleet.review.secrets import reveal

PACKAGES = {
    "aws": "pulumi_aws",
    "gcp": "pulumi_gcp",
    "azure-native": "pulumi_azure_native",
    "kubernetes": "pulumi_kubernetes",
    "time": "pulumiverse_time",  # time.Sleep, which the AKS component waits with
}


@cache
def sdk_class(token: str) -> tuple[type, frozenset[str]]:
    """The provider SDK class for a type token, and the keyword arguments it takes."""
    package, module, name = token.split(":")
    if package == "pulumi":  # pulumi:providers:<pkg>
        cls = importlib.import_module(PACKAGES[name]).Provider
    else:
        path = module.split("/")[0]
        if package == "kubernetes":
            group, version = module.split("/")
            path = f"{group.split('.')[0]}.{version}"  # networking.k8s.io/v1 -> networking.v1
        cls = getattr(
            importlib.import_module(f"{PACKAGES[package]}.{path}" if path != "index" else PACKAGES[package]), name
        )
    params = frozenset(inspect.signature(cls._internal_init).parameters)
    return cls, params


def _snake(key: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", key).lower()


def register_all(rendering: Rendering) -> int:
    """Register every resource of ``rendering`` again, in its registration order; returns the count."""

    def program() -> None:
        created: dict[str, pulumi.Resource] = {}
        for resource in rendering.resources:
            parent = created.get(resource.parent or "")
            provider = created.get(resource.provider or "")
            opts = pulumi.ResourceOptions(
                parent=parent, provider=provider if isinstance(provider, pulumi.ProviderResource) else None
            )
            if not resource.custom:
                item: pulumi.Resource = pulumi.ComponentResource(resource.type, resource.name, None, opts)
                item.register_outputs({})
            else:
                cls, params = sdk_class(resource.type)
                kwargs = {}
                for key, value in reveal(resource.inputs).items():
                    snake = _snake(key)
                    snake = "resource_name_" if snake == "resource_name" and "resource_name_" in params else snake
                    if snake in params:
                        kwargs[snake] = value
                item = cls(resource.name, opts=opts, **kwargs)
            created[resource.urn] = item

    return len(run_mocked(program, "floor").resources)
