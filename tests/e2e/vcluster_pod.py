"""A kubelet for vcluster control-plane pods: the built vcluster binary runs as its pod would.

kwok plays the kubelet for every other pod on the simulated node (their containers never run:
admission, scheduling and status are what those tests judge). The pod of a vcluster control plane
is left to this module, which does what a kubelet and a container runtime would do for it, with
the binaries tools/build.sh built from the same Go module as the chart:

* volumes: the pod's claim on its PersistentVolume (a host directory) at ``/data``; emptyDirs at
  ``/binaries``, ``/pki``, ``/tmp`` and ``/.cache/helm``; the pod's config Secret at
  ``/var/lib/vcluster``; a service-account token from the TokenRequest API, with the cluster's
  CA and the namespace, at ``/var/run/secrets/kubernetes.io/serviceaccount``;
* init container ``kubernetes``: copies the virtual control plane's binaries into ``/binaries``
  (kube-apiserver, kube-controller-manager, kube-scheduler and kine, built here; the chart's
  ``ghcr.io/loft-sh/kubernetes`` image carries the same programs);
* container ``syncer``: ``/vcluster start`` in a root directory of its own (chroot) in a mount and
  network namespace of its own with the pod's IP, as the user, group and fsGroup the pod's
  securityContext names, with the pod's environment resolved as a kubelet resolves it
  (fieldRefs) plus ``KUBERNETES_SERVICE_HOST``/``PORT`` pointing at the API server's node
  address;
* status: Running once started, Ready when ``https://<pod IP>:8443/readyz`` answers (the chart's
  readiness probe), so ``helm --wait`` waits for the real thing;
* deletion: SIGTERM, then SIGKILL after the pod's grace period, namespaces torn down, the pod
  object removed as a kubelet confirms a deletion.

Needs root (network and mount namespaces, chroot, a user switch), as a kubelet does.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import shutil
import signal
import ssl
import subprocess
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.e2e.apiserver import BIN, KWOK_SKIP_LABEL, ApiServer

CONTROL_PLANE_BINARIES = ("kube-apiserver", "kube-controller-manager", "kube-scheduler", "kine")
SA_DIR = "var/run/secrets/kubernetes.io/serviceaccount"


def missing() -> str | None:
    """Why vcluster pods cannot run here, or None."""
    if os.geteuid() != 0:
        return "running a vcluster pod needs root (network and mount namespaces, chroot), as a kubelet does"
    for tool in ("ip", "unshare", "chroot", "mount"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed"
    absent = [b for b in ("vcluster", *CONTROL_PLANE_BINARIES) if not (BIN / b).exists()]
    return f"not built: {', '.join(absent)} (run tools/build.sh)" if absent else None


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class RunningPod:
    namespace: str
    name: str
    uid: str
    ip: str
    netns: str
    root: Path
    process: subprocess.Popen[bytes]
    log: Any
    grace: int
    ready: bool = False


@dataclass
class VClusterKubelet:
    """Watches one API server for vcluster pods bound to its node and runs them."""

    server: ApiServer
    workdir: Path
    pods: dict[str, RunningPod] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    _next_ip: int = 2
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    # ---- the loop ----

    def start(self) -> VClusterKubelet:
        self._thread = threading.Thread(target=self._loop, name=f"vcluster-kubelet-{self.server.name}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=60)
        for pod in list(self.pods.values()):
            self._kill(pod)

    def _loop(self) -> None:
        key, value = KWOK_SKIP_LABEL
        while not self._stop.is_set():
            try:
                listed = self.server.get(f"/api/v1/pods?labelSelector={key}%3D{value}") or {"items": []}
                seen = set()
                for pod in listed["items"]:
                    uid = pod["metadata"]["uid"]
                    seen.add(uid)
                    if pod["spec"].get("nodeName") != self.server.node:
                        continue
                    if pod["metadata"].get("deletionTimestamp"):
                        self._delete(pod)
                    elif uid not in self.pods:
                        self._run(pod)
                    else:
                        self._probe(self.pods[uid])
                for uid in set(self.pods) - seen:  # removed without us (force deletion)
                    self._kill(self.pods.pop(uid))
            except Exception as err:  # a kubelet keeps going; the test reads the errors
                self.errors.append(f"{type(err).__name__}: {err}")
            self._stop.wait(0.5)

    # ---- a pod's life ----

    def _run(self, pod: dict[str, Any]) -> None:
        meta, spec = pod["metadata"], pod["spec"]
        namespace, name, uid = meta["namespace"], meta["name"], meta["uid"]
        claim_dir = self._claim_dir(pod)
        if claim_dir is None:
            return  # as a kubelet does, wait for the volume before starting anything
        index = self._next_ip
        self._next_ip += 1
        ip = f"10.{243 - self.server.index}.1.{index}"
        netns = f"fleet-vc-{self.server.index}-{index}"
        base = self.workdir / "pods" / f"{namespace}-{name}-{uid[:8]}"
        root = base / "root"
        security = spec.get("securityContext") or {}
        syncer = next(c for c in spec["containers"] if c["name"] == "syncer")
        context = {**security, **(syncer.get("securityContext") or {})}
        uid_gid = (int(context.get("runAsUser", 0)), int(context.get("runAsGroup", 0)))
        fs_group = security.get("fsGroup")

        self._volumes(pod, root, uid_gid, fs_group)
        for binary in CONTROL_PLANE_BINARIES:  # init container "kubernetes": cp -r /kubernetes/. /binaries/
            shutil.copy2(BIN / binary, root / "binaries" / binary)
        shutil.copy2(BIN / "vcluster", root / "vcluster")
        (root / "etc").mkdir(exist_ok=True)
        (root / "etc" / "hosts").write_text(f"127.0.0.1 localhost\n{ip} {name}\n")
        (root / "etc" / "resolv.conf").write_text("nameserver 127.0.0.1\n")
        (root / "etc" / "passwd").write_text(
            f"root:x:0:0::/:/sbin/nologin\nvcluster:x:{uid_gid[0]}:{uid_gid[1]}::/:/sbin/nologin\n"
        )

        env = self._environment(pod, syncer, ip)
        mounts = " && ".join(
            [
                f"mount --bind {claim_dir} {root / 'data'}",
                f"mount -t proc proc {root / 'proc'}",
                f"mount --rbind /dev {root / 'dev'}",
            ]
        )
        groups = f"--groups={fs_group}" if fs_group is not None else ""
        command = f"{mounts} && exec chroot --userspec={uid_gid[0]}:{uid_gid[1]} {groups} {root} /vcluster start"
        log = (base / "vcluster.log").open("wb")
        try:
            self._network(netns, ip, index)
            process = subprocess.Popen(
                ["ip", "netns", "exec", netns, "unshare", "--mount", "--propagation", "private", "sh", "-c", command],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        except Exception:
            log.close()
            subprocess.run(["ip", "netns", "del", netns], check=False, capture_output=True)
            raise
        grace = int(spec.get("terminationGracePeriodSeconds", 30))
        running = RunningPod(namespace, name, uid, ip, netns, root, process, log, grace)
        self.pods[uid] = running
        self._status(running, pod, ready=False)

    def _probe(self, pod: RunningPod) -> None:
        if pod.process.poll() is not None:
            self.errors.append(f"{pod.namespace}/{pod.name}: vcluster exited with {pod.process.returncode}")
            return
        if pod.ready:
            return
        context = ssl._create_unverified_context()  # the probe does not verify either (kubelet httpGet HTTPS)
        try:
            with urllib.request.urlopen(f"https://{pod.ip}:8443/readyz", context=context, timeout=2) as response:
                ok = response.status == 200
        except (OSError, urllib.error.URLError):
            ok = False
        if ok:
            pod.ready = True
            current = self.server.get(f"/api/v1/namespaces/{pod.namespace}/pods/{pod.name}")
            if current is not None:
                self._status(pod, current, ready=True)

    def _delete(self, pod: dict[str, Any]) -> None:
        running = self.pods.pop(pod["metadata"]["uid"], None)
        if running is not None:
            self._kill(running)
        meta = pod["metadata"]
        self.server.request(
            "DELETE",
            f"/api/v1/namespaces/{meta['namespace']}/pods/{meta['name']}",
            {"kind": "DeleteOptions", "apiVersion": "v1", "gracePeriodSeconds": 0,
             "preconditions": {"uid": meta["uid"]}},
        )  # fmt: skip

    def _kill(self, pod: RunningPod) -> None:
        if pod.process.poll() is None:
            os.killpg(pod.process.pid, signal.SIGTERM)
            try:
                pod.process.wait(timeout=pod.grace)
            except subprocess.TimeoutExpired:
                os.killpg(pod.process.pid, signal.SIGKILL)
                pod.process.wait()
        pod.log.close()
        subprocess.run(["ip", "netns", "del", pod.netns], check=False, capture_output=True)

    # ---- what a kubelet and runtime provide ----

    def _claim_dir(self, pod: dict[str, Any]) -> str | None:
        """The host directory of the PersistentVolume bound to the pod's claim (its hostPath); None
        while the claim is not bound yet."""
        namespace = pod["metadata"]["namespace"]
        for volume in pod["spec"].get("volumes") or ():
            claim = (volume.get("persistentVolumeClaim") or {}).get("claimName")
            if claim:
                bound = self.server.get(f"/api/v1/namespaces/{namespace}/persistentvolumeclaims/{claim}") or {}
                if (bound.get("status") or {}).get("phase") != "Bound":
                    return None
                pv = self.server.get(f"/api/v1/persistentvolumes/{bound['spec']['volumeName']}")
                return str(pv["spec"]["hostPath"]["path"])
        raise RuntimeError(f"{pod['metadata']['name']} has no volume claim (fleet's values turn persistence on)")

    def _volumes(self, pod: dict[str, Any], root: Path, uid_gid: tuple[int, int], fs_group: Any) -> None:
        meta = pod["metadata"]
        namespace = meta["namespace"]
        for directory in ("data", "binaries", "pki", "tmp", ".cache/helm", "proc", "dev", "var/lib/vcluster", SA_DIR):
            (root / directory).mkdir(parents=True, exist_ok=True)
        for empty in ("binaries", "pki", "tmp", ".cache/helm"):  # emptyDir: world-writable, as kubelet makes them
            os.chmod(root / empty, 0o1777 if empty == "tmp" else 0o777)
        for volume in pod["spec"].get("volumes") or ():
            secret = (volume.get("secret") or {}).get("secretName")
            if secret:
                data = (self.server.get(f"/api/v1/namespaces/{namespace}/secrets/{secret}") or {}).get("data") or {}
                for key, value in data.items():
                    (root / "var/lib/vcluster" / key).write_bytes(base64.b64decode(value))
        account = pod["spec"].get("serviceAccountName", "default")
        status, body = self.server.request(
            "POST",
            f"/api/v1/namespaces/{namespace}/serviceaccounts/{account}/token",
            {"apiVersion": "authentication.k8s.io/v1", "kind": "TokenRequest",
             "spec": {"expirationSeconds": 7200,
                      "boundObjectRef": {"kind": "Pod", "apiVersion": "v1", "name": meta["name"], "uid": meta["uid"]}}},
        )  # fmt: skip
        assert status == 201, f"token for {namespace}/{account}: {status} {body[:300]}"
        sa = root / SA_DIR
        (sa / "token").write_text(json.loads(body)["status"]["token"])
        shutil.copy2(self.server.workdir / "pki" / "ca.crt", sa / "ca.crt")
        (sa / "namespace").write_text(namespace)
        if fs_group is not None:
            for directory in ("var/lib/vcluster", SA_DIR):
                for path in (root / directory).iterdir():
                    os.chown(path, 0, int(fs_group))
                    os.chmod(path, 0o640)

    def _environment(self, pod: dict[str, Any], container: dict[str, Any], ip: str) -> dict[str, str]:
        fields = {
            "metadata.name": pod["metadata"]["name"],
            "metadata.namespace": pod["metadata"]["namespace"],
            "spec.nodeName": self.server.node,
            "status.podIP": ip,
            "status.hostIP": self.server.node_address,
            "spec.serviceAccountName": pod["spec"].get("serviceAccountName", "default"),
        }
        env = {
            "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "HOME": "/",
            "HOSTNAME": pod["metadata"]["name"],
            "KUBERNETES_SERVICE_HOST": self.server.node_address,
            "KUBERNETES_SERVICE_PORT": str(self.server.api_port),
        }
        for item in container.get("env") or ():
            if "value" in item:
                env[item["name"]] = str(item["value"])
            else:
                ref = ((item.get("valueFrom") or {}).get("fieldRef") or {}).get("fieldPath")
                if ref not in fields:
                    raise RuntimeError(f"env {item['name']}: this kubelet cannot resolve {item.get('valueFrom')}")
                env[item["name"]] = fields[ref]
        return env

    def _network(self, netns: str, ip: str, index: int) -> None:
        host, peer = f"fvh{self.server.index}x{index}", f"fvc{self.server.index}x{index}"
        for command in (
            ["ip", "netns", "add", netns],
            ["ip", "link", "add", host, "type", "veth", "peer", "name", peer],
            ["ip", "link", "set", peer, "netns", netns],
            ["ip", "link", "set", host, "up"],
            ["ip", "route", "replace", f"{ip}/32", "dev", host],
            ["ip", "-n", netns, "link", "set", "lo", "up"],
            ["ip", "-n", netns, "link", "set", peer, "name", "eth0"],
            ["ip", "-n", netns, "addr", "add", f"{ip}/32", "dev", "eth0"],
            ["ip", "-n", netns, "link", "set", "eth0", "up"],
            ["ip", "-n", netns, "route", "add", "default", "dev", "eth0"],
        ):
            subprocess.run(command, check=True, capture_output=True)

    def _status(self, running: RunningPod, pod: dict[str, Any], *, ready: bool) -> None:
        now = _now()
        flag = "True" if ready else "False"
        spec = pod["spec"]
        status = {
            "phase": "Running",
            "hostIP": self.server.node_address,
            "hostIPs": [{"ip": self.server.node_address}],
            "podIP": running.ip,
            "podIPs": [{"ip": running.ip}],
            "startTime": (pod.get("status") or {}).get("startTime") or now,
            "conditions": [
                {"type": "PodScheduled", "status": "True", "lastTransitionTime": now},
                {"type": "Initialized", "status": "True", "lastTransitionTime": now},
                {"type": "ContainersReady", "status": flag, "lastTransitionTime": now},
                {"type": "Ready", "status": flag, "lastTransitionTime": now},
            ],
            "initContainerStatuses": [
                {"name": c["name"], "image": c["image"], "imageID": "", "ready": True, "restartCount": 0,
                 "state": {"terminated": {"exitCode": 0, "reason": "Completed", "startedAt": now, "finishedAt": now}}}
                for c in spec.get("initContainers") or ()
            ],
            "containerStatuses": [
                {"name": c["name"], "image": c["image"], "imageID": "", "ready": ready, "started": True,
                 "restartCount": 0, "state": {"running": {"startedAt": now}}}
                for c in spec["containers"]
            ],
        }  # fmt: skip
        code, body = self.server.request(
            "PATCH",
            f"/api/v1/namespaces/{running.namespace}/pods/{running.name}/status",
            {"status": status},
            content_type="application/merge-patch+json",
        )
        if code != 200:
            self.errors.append(f"status of {running.namespace}/{running.name}: {code} {body[:300]}")
