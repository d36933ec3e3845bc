"""Local Kubernetes control planes to try fleet against, when no cluster is at hand.

Starts real control planes on loopback, each with a kwok node: etcd, kube-apiserver,
kube-controller-manager and kube-scheduler, built by tools/build.sh. They are the ones the
end-to-end suite runs (tests/e2e/apiserver.py). Each kubeconfig is written to a folder, and the
script prints the `pulumi config set --secret` command that hands it to a stack. Then it waits:
Ctrl-C stops everything.

    eval "$(tools/build.sh --print-env)"
    .venv/bin/python tools/local_clusters.py onprem-fra onprem-zrh --dir /tmp/fleet-local

A virtual cluster tenant needs a pod that really runs (its control plane). The end-to-end suite
provides one, tests/e2e/vcluster_pod.py, and so does this script: it starts the same kubelet
stand-in for every server (Linux network namespaces; needs root, as in CI).
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.e2e.apiserver import ApiServer
from tests.e2e.vcluster_pod import VClusterKubelet
from tests.e2e.world import VOLUMES_PER_SERVER, missing_tools


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="+", help="one name per control plane, e.g. the spec's cluster names")
    parser.add_argument("--dir", required=True, help="a folder for their state and kubeconfigs (created)")
    args = parser.parse_args()
    missing = missing_tools()
    if missing:
        print(f"local_clusters: cannot start ({'; '.join(missing)})", file=sys.stderr)
        return 2
    base = Path(args.dir)
    base.mkdir(parents=True, exist_ok=True)
    servers: list[ApiServer] = []
    kubelets: list[VClusterKubelet] = []
    try:
        for index, name in enumerate(args.names, start=1):
            server = ApiServer(name, base / name, index=index).start()
            servers.append(server)
            server.add_volumes(VOLUMES_PER_SERVER)
            kubelets.append(VClusterKubelet(server, base / name).start())
            kubeconfig = base / f"{name}.kubeconfig"
            kubeconfig.write_text(server.kubeconfig())
            print(f"{name}: {server.server}")
            print(f"  pulumi config set --secret fleet:{name}-kubeconfig < {kubeconfig}")
        print("running; Ctrl-C stops them", flush=True)
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        with contextlib.suppress(KeyboardInterrupt):
            stop.wait()
    finally:
        for kubelet in kubelets:
            kubelet.stop()
        for server in servers:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
