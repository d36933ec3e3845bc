"""Generate ``kubernetes-scopes.json``: the Kubernetes resources that are cluster-scoped.

A resource is cluster-scoped when the API serves it only at ``/api/v1/<resource>`` or
``/apis/<group>/<version>/<resource>`` and never under ``namespaces/{namespace}/``; the OpenAPI (swagger)
document of the Kubernetes release the tools build (``tools/kubernetes/go.mod``) lists every path
(``api/openapi-spec/swagger.json`` in the k8s.io/kubernetes module). ``kubectl api-resources
--namespaced=false`` gives the same list on a running cluster.

Run from the repository root after ``tools/build.sh`` has fetched the module:
``.venv/bin/python policies/fleetguard/shapes/generate_scopes.py [--swagger PATH]``.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
from pathlib import Path

from fleet import project

HERE = project.policies() / "fleetguard" / "shapes"
# Cluster-scoped kinds of widely installed projects' CRDs, which the release's OpenAPI does not hold, each as its
# project documents it.
WELL_KNOWN: dict[str, tuple[tuple[str, str], ...]] = {
    # "GatewayClass is cluster-scoped": https://gateway-api.sigs.k8s.io/api-types/gatewayclass/
    "gateway.networking.k8s.io": (("gatewayclasses", "https://gateway-api.sigs.k8s.io/api-types/gatewayclass/"),),
    # AdminNetworkPolicy and BaselineAdminNetworkPolicy are cluster-scoped: https://network-policy-api.sigs.k8s.io/
    "policy.networking.k8s.io": (
        ("adminnetworkpolicies", "https://network-policy-api.sigs.k8s.io/api-overview/"),
        ("baselineadminnetworkpolicies", "https://network-policy-api.sigs.k8s.io/api-overview/"),
    ),
    "cilium.io": (("ciliumclusterwidenetworkpolicies", "https://docs.cilium.io/en/stable/network/kubernetes/policy/"),),
    "cert-manager.io": (("clusterissuers", "https://cert-manager.io/docs/concepts/issuer/"),),
    "kyverno.io": (("clusterpolicies", "https://kyverno.io/docs/policy-types/cluster-policy/"),),
}
OUTPUT = "kubernetes-scopes.json"
_PATH = re.compile(r"^/(?:api/(?P<core>v1)|apis/(?P<group>[^/]+)/[^/]+)/(?P<rest>.+)$")


def kubernetes_version() -> str:
    go_mod = (project.root() / "tools" / "kubernetes" / "go.mod").read_text(encoding="utf-8")
    match = re.search(r"^\s*k8s\.io/kubernetes (v[0-9.]+)", go_mod, re.M)
    if match is None:
        raise SystemExit("tools/kubernetes/go.mod requires no k8s.io/kubernetes version")
    return match[1]


def default_swagger(version: str) -> Path:
    cache = subprocess.run(["go", "env", "GOMODCACHE"], capture_output=True, text=True, check=True).stdout.strip()
    return Path(cache) / "k8s.io" / f"kubernetes@{version}" / "api" / "openapi-spec" / "swagger.json"


def cluster_scoped(paths: list[str]) -> dict[str, list[str]]:
    """Per API group ("" for the core group), the resources served only outside namespaces."""
    namespaced: set[tuple[str, str]] = set()
    outside: set[tuple[str, str]] = set()
    for path in paths:
        match = _PATH.match(path)
        if match is None:
            continue
        group, parts = match["group"] or "", match["rest"].split("/")
        if parts[0] == "watch":
            continue
        if parts[0] == "namespaces" and len(parts) >= 3 and parts[1] == "{namespace}":
            namespaced.add((group, parts[2]))
        elif parts[0] != "namespaces":
            outside.add((group, parts[0]))
    found: dict[str, list[str]] = {}
    for group, resource in sorted(outside - namespaced):
        found.setdefault(group, []).append(resource)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--swagger", type=Path, help="the Kubernetes swagger.json (default: the Go module cache)")
    args = parser.parse_args()
    version = kubernetes_version()
    swagger = args.swagger or default_swagger(version)
    paths = list(json.loads(swagger.read_text(encoding="utf-8"))["paths"])
    found = cluster_scoped(paths)
    for group, kinds in WELL_KNOWN.items():
        found[group] = sorted({*found.get(group, []), *(name for name, _ in kinds)})
    document = {
        "source": f"k8s.io/kubernetes {version} api/openapi-spec/swagger.json, and WELL_KNOWN in generate_scopes.py",
        "cluster_scoped": found,
    }
    (HERE / OUTPUT).write_text(json.dumps(document, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT} in {HERE}")


if __name__ == "__main__":
    main()
