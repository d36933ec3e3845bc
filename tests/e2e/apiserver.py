"""A real Kubernetes control plane on loopback: etcd, kube-apiserver, kube-controller-manager and
kube-scheduler, with nodes simulated by kwok.

Built from Go modules by tools/build.sh; no container runtime, no kubelet. That is enough to judge
what a tenant's guardrails promise: admission (Pod Security, ResourceQuota, LimitRanger,
ValidatingAdmissionPolicy), RBAC and impersonation, the controllers that make quota status,
volume binding and namespace deletion work, and the scheduler. kwok (the Kubernetes project's
node simulator) registers a node and plays its kubelet: scheduled pods become Running and Ready,
deleted pods go away. Pods kwok must leave alone (a vcluster control plane, which
tests/e2e/vcluster_pod.py runs for real) carry the label in ``KWOK_SKIP_LABEL``.

Each server also answers on a node address of its own (``node_address``, on the loopback
interface), which processes in other network namespaces reach as pods reach their API server.
"""

from __future__ import annotations

import base64
import datetime as dt
import ipaddress
import json
import os
import socket
import ssl
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ROOT / "tools" / ".bin"
BIN = TOOLS / "bin"
KWOK_STAGES = TOOLS / "share" / "kwok" / "stages.yaml"
KWOK_NODE_ANNOTATION = "kwok.x-k8s.io/node"
# Pods with this label are not kwok's: something else plays their kubelet.
KWOK_SKIP_LABEL = ("app", "vcluster")
# A kubelet owns the conditions of its pods and writes them back when another client changed them
# (its status manager compares with the API server's copy on every sync); kwok's stages apply once,
# when their selector first matches. This stage restores a running pod's conditions the way the
# kubelet would: a vcluster syncer, copying conditions both ways, can overwrite them.
POD_CONDITIONS_RESTORED = {
    "apiVersion": "kwok.x-k8s.io/v1alpha1",
    "kind": "Stage",
    "metadata": {"name": "pod-conditions-restored"},
    "spec": {
        "resourceRef": {"apiGroup": "v1", "kind": "Pod"},
        "selector": {
            "matchExpressions": [
                {"key": ".metadata.deletionTimestamp", "operator": "DoesNotExist"},
                {"key": ".status.phase", "operator": "In", "values": ["Running"]},
                {
                    "key": '.status.conditions.[] | select( .type == "Ready" ) | .status',
                    "operator": "NotIn",
                    "values": ["True"],
                },
            ]
        },
        "next": {
            "statusTemplate": "\n".join(
                ["{{ $now := Now }}", "conditions:"]
                + [
                    f'- {{lastTransitionTime: {{{{ $now | Quote }}}}, status: "True", type: {kind}}}'
                    for kind in ("PodScheduled", "Initialized", "ContainersReady", "Ready")
                ]
            )
        },
    },
}
ADMISSION_PLUGINS = "NamespaceLifecycle,LimitRanger,ServiceAccount,PodSecurity,ResourceQuota,ValidatingAdmissionPolicy"
SYSTEM_NAMESPACES = {"default", "kube-system", "kube-public", "kube-node-lease"}


def server_version() -> str:
    """The kube-apiserver binary's own version ("v1.36.2"): what the nodes' kubelets report here, as
    a cluster's nodes on its control plane's version would (kwok keeps a node's own kubeletVersion)."""
    built = subprocess.run([str(BIN / "kube-apiserver"), "--version"], capture_output=True, text=True, check=True)
    return built.stdout.split()[-1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _pem_key(key: rsa.RSAPrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def _certificate(
    subject: str,
    key: rsa.RSAPrivateKey,
    issuer: tuple[x509.Certificate, rsa.RSAPrivateKey] | None = None,
    addresses: tuple[str, ...] = ("127.0.0.1",),
) -> x509.Certificate:
    now = dt.datetime.now(dt.UTC)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)])
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(issuer[0].subject if issuer else name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
    )
    if issuer is None:
        builder = builder.add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
    else:
        builder = builder.add_extension(
            x509.SubjectAlternativeName(
                [
                    x509.DNSName("localhost"),
                    x509.DNSName("kubernetes.default.svc"),
                    *(x509.IPAddress(ipaddress.ip_address(a)) for a in addresses),
                ]
            ),
            critical=False,
        )
    return builder.sign(issuer[1] if issuer else key, hashes.SHA256())


@dataclass
class ApiServer:
    """One control plane. ``start()`` returns when /readyz answers and quota status is computed."""

    name: str
    workdir: Path
    index: int = 1
    """Distinguishes the servers of one run: their node address, pod and service ranges."""
    api_port: int = field(default_factory=free_port)
    etcd_port: int = field(default_factory=free_port)
    peer_port: int = field(default_factory=free_port)
    admin_token: str = field(default_factory=lambda: base64.b32encode(os.urandom(20)).decode().lower())
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)
    logs: list[Any] = field(default_factory=list)

    @property
    def server(self) -> str:
        return f"https://127.0.0.1:{self.api_port}"

    @property
    def node_address(self) -> str:
        """The address of this server's node, where its pods reach the API server (on loopback)."""
        return f"10.250.{self.index}.1"

    @property
    def node(self) -> str:
        return f"{self.name}-node-1"

    def _write_pki(self) -> None:
        pki = self.workdir / "pki"
        pki.mkdir(parents=True)
        ca_key = _key()
        ca = _certificate(f"{self.name}-ca", ca_key)
        serving_key = _key()
        serving = _certificate("kube-apiserver", serving_key, (ca, ca_key), ("127.0.0.1", self.node_address))
        sa_key = _key()
        (pki / "ca.crt").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
        (pki / "ca.key").write_bytes(_pem_key(ca_key))
        (pki / "apiserver.crt").write_bytes(serving.public_bytes(serialization.Encoding.PEM))
        (pki / "apiserver.key").write_bytes(_pem_key(serving_key))
        (pki / "sa.key").write_bytes(_pem_key(sa_key))
        (pki / "sa.pub").write_bytes(
            sa_key.public_key().public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
        )
        # Static tokens: the fleet's deployer (cluster admin, as the cloud deployer roles are) and the
        # controller manager, which then mints a service-account token for each controller.
        # The scheduler has its own bootstrap role (system:kube-scheduler); kwok, as a node's kubelet and
        # the node itself, is given the masters group rather than a role of ours.
        tokens = {name: base64.b32encode(os.urandom(20)).decode().lower() for name in ("cm", "scheduler", "kwok")}
        (pki / "tokens.csv").write_text(
            f'{self.admin_token},fleet-deployer,1,"system:masters"\n'
            f"{tokens['cm']},system:kube-controller-manager,2\n"
            f"{tokens['scheduler']},system:kube-scheduler,3\n"
            f'{tokens["kwok"]},kwok-controller,4,"system:masters"\n'
        )
        (self.workdir / "controller-manager.kubeconfig").write_text(self.kubeconfig(tokens["cm"]))
        (self.workdir / "scheduler.kubeconfig").write_text(self.kubeconfig(tokens["scheduler"]))
        (self.workdir / "kwok.kubeconfig").write_text(self.kubeconfig(tokens["kwok"]))

    def kubeconfig(self, token: str | None = None) -> str:
        ca = base64.b64encode((self.workdir / "pki" / "ca.crt").read_bytes()).decode()
        return json.dumps(
            {
                "apiVersion": "v1",
                "kind": "Config",
                "clusters": [{"name": self.name, "cluster": {"server": self.server, "certificate-authority-data": ca}}],
                "contexts": [{"name": self.name, "context": {"cluster": self.name, "user": "fleet-deployer"}}],
                "current-context": self.name,
                "users": [{"name": "fleet-deployer", "user": {"token": token or self.admin_token}}],
            }
        )

    def _spawn(self, name: str, argv: list[str]) -> None:
        log = (self.workdir / f"{name}.log").open("wb")
        self.logs.append(log)
        self.processes.append(subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, cwd=self.workdir))

    def start(self, timeout: float = 120) -> ApiServer:
        self._write_pki()
        if os.geteuid() == 0:
            # Needs root, as pod networking does (tests/e2e/vcluster_pod.py says so when it is missing).
            subprocess.run(["ip", "addr", "replace", f"{self.node_address}/32", "dev", "lo"], check=True)
        pki = self.workdir / "pki"
        peer = f"http://127.0.0.1:{self.peer_port}"
        etcd = f"http://127.0.0.1:{self.etcd_port}"
        self._spawn(
            "etcd",
            [
                str(BIN / "etcd"),
                "--name=default",
                f"--data-dir={self.workdir / 'etcd'}",
                f"--listen-client-urls={etcd}",
                f"--advertise-client-urls={etcd}",
                f"--listen-peer-urls={peer}",
                f"--initial-advertise-peer-urls={peer}",
                f"--initial-cluster=default={peer}",
                "--unsafe-no-fsync",  # a test cluster: throughput over durability
                "--log-level=warn",
            ],
        )
        self._spawn(
            "kube-apiserver",
            [
                str(BIN / "kube-apiserver"),
                f"--etcd-servers={etcd}",
                # Loopback for the suite, the node address for processes in pod network namespaces.
                "--bind-address=0.0.0.0",
                f"--advertise-address={self.node_address}",
                f"--secure-port={self.api_port}",
                f"--tls-cert-file={pki / 'apiserver.crt'}",
                f"--tls-private-key-file={pki / 'apiserver.key'}",
                f"--client-ca-file={pki / 'ca.crt'}",
                f"--token-auth-file={pki / 'tokens.csv'}",
                "--authorization-mode=Node,RBAC",
                f"--enable-admission-plugins={ADMISSION_PLUGINS}",
                # Pod Security, not this flag, must be what refuses privileged pods in tenant namespaces.
                "--allow-privileged=true",
                "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
                f"--service-account-key-file={pki / 'sa.pub'}",
                f"--service-account-signing-key-file={pki / 'sa.key'}",
                f"--service-cluster-ip-range=10.{96 + self.index}.0.0/16",
                "--profiling=false",
            ],
        )
        self._wait_ready(timeout)
        self._spawn(
            "kube-controller-manager",
            [
                str(BIN / "kube-controller-manager"),
                f"--kubeconfig={self.workdir / 'controller-manager.kubeconfig'}",
                f"--authentication-kubeconfig={self.workdir / 'controller-manager.kubeconfig'}",
                f"--authorization-kubeconfig={self.workdir / 'controller-manager.kubeconfig'}",
                "--bind-address=127.0.0.1",
                f"--secure-port={free_port()}",
                "--leader-elect=false",
                "--use-service-account-credentials=true",
                f"--service-account-private-key-file={pki / 'sa.key'}",
                f"--root-ca-file={pki / 'ca.crt'}",
                f"--cluster-signing-cert-file={pki / 'ca.crt'}",
                f"--cluster-signing-key-file={pki / 'ca.key'}",
            ],
        )
        scheduler = str(self.workdir / "scheduler.kubeconfig")
        self._spawn(
            "kube-scheduler",
            [
                str(BIN / "kube-scheduler"),
                f"--kubeconfig={scheduler}",
                f"--authentication-kubeconfig={scheduler}",
                f"--authorization-kubeconfig={scheduler}",
                "--bind-address=127.0.0.1",
                f"--secure-port={free_port()}",
                "--leader-elect=false",
            ],
        )
        self._start_kwok()
        return self

    def _start_kwok(self) -> None:
        """kwok with its default stages, except that pods labelled KWOK_SKIP_LABEL are left alone."""
        documents = [d for d in yaml.safe_load_all(KWOK_STAGES.read_text()) if d]
        documents.append(POD_CONDITIONS_RESTORED)
        key, value = KWOK_SKIP_LABEL
        for stage in documents:
            if stage["spec"]["resourceRef"]["kind"] == "Pod":
                stage["spec"]["selector"].setdefault("matchExpressions", []).append(
                    {"key": f".metadata.labels.{key}", "operator": "NotIn", "values": [value]}
                )
            if stage["metadata"]["name"] == "pod-ready":
                # A 1.36 kubelet reports each running container's resources in its status (in-place
                # resize, KEP-1287); the API server judges resize requests by it (validation.go,
                # isPodResizeRequestSupported), so the simulated node reports them too.
                template = stage["spec"]["next"]["statusTemplate"]
                running = "- image: {{ .image | Quote }}\n  name: {{ .name | Quote }}\n  ready: true\n"
                assert template.count(running) == 2, "kwok's pod-ready stage changed; revisit this patch"
                head, _, tail = template.partition("containerStatuses:")
                tail = tail.replace(running, running + "  resources: {{ .resources | toJson }}\n", 1)
                stage["spec"]["next"]["statusTemplate"] = f"{head}containerStatuses:{tail}"
        config = self.workdir / "kwok.yaml"
        config.write_text(yaml.safe_dump_all(documents))
        self._spawn(
            "kwok",
            [
                str(BIN / "kwok"),
                f"--kubeconfig={self.workdir / 'kwok.kubeconfig'}",
                f"--config={config}",
                "--manage-all-nodes=false",
                f"--manage-nodes-with-annotation-selector={KWOK_NODE_ANNOTATION}=fake",
                f"--cidr=10.{243 - self.index}.0.1/24",
                f"--node-ip={self.node_address}",
                f"--server-address=127.0.0.1:{free_port()}",
                "--node-lease-duration-seconds=40",
            ],
        )
        labels = {
            "kubernetes.io/hostname": self.node,
            "kubernetes.io/os": "linux",
            "kubernetes.io/arch": "amd64",
            "type": "kwok",
        }
        node = {
            "apiVersion": "v1",
            "kind": "Node",
            "metadata": {"name": self.node, "labels": labels, "annotations": {KWOK_NODE_ANNOTATION: "fake"}},
            "status": {
                "nodeInfo": {"kubeletVersion": server_version()},
                "allocatable": {"cpu": "32", "memory": "128Gi", "pods": "110", "ephemeral-storage": "200Gi"},
                "capacity": {"cpu": "32", "memory": "128Gi", "pods": "110", "ephemeral-storage": "200Gi"},
            },
        }
        status, body = self.request("POST", "/api/v1/nodes", node)
        assert status == 201, f"{self.name}: cannot register {self.node}: {status} {body[:300]}"
        self._wait_for(lambda: self._node_ready(), "kwok to make the node Ready")

    def _node_ready(self) -> bool:
        node = self.get(f"/api/v1/nodes/{self.node}") or {}
        conditions = (node.get("status") or {}).get("conditions") or []
        return any(c["type"] == "Ready" and c["status"] == "True" for c in conditions)

    def add_volumes(self, count: int, size: str = "10Gi") -> list[str]:
        """Pre-provisioned volumes, as an on-premises cluster's administrator provides them: no
        storage class (claims without one bind to them), kept when released (Retain), each a
        directory on the host. Returns their names."""
        names = []
        first = len(self.get("/api/v1/persistentvolumes?labelSelector=e2e-volume%3Dtrue")["items"])
        for n in range(first, first + count):
            name = f"{self.name}-pv-{n}"
            path = self.workdir / "volumes" / name
            path.mkdir(parents=True)
            path.chmod(0o777)  # hostPath volumes get no fsGroup; local-path provisioners make them open too
            volume = {
                "apiVersion": "v1",
                "kind": "PersistentVolume",
                "metadata": {"name": name, "labels": {"e2e-volume": "true"}},
                "spec": {
                    "capacity": {"storage": size},
                    "accessModes": ["ReadWriteOnce"],
                    "persistentVolumeReclaimPolicy": "Retain",
                    "hostPath": {"path": str(path), "type": "Directory"},
                },
            }
            status, body = self.request("POST", "/api/v1/persistentvolumes", volume)
            assert status == 201, f"{self.name}: cannot create {name}: {status} {body[:300]}"
            names.append(name)
        return names

    def _wait_for(self, test: Any, what: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if test():
                return
            time.sleep(0.3)
        raise RuntimeError(f"{self.name}: timed out waiting for {what}; see {self.workdir}/*.log")

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        last = ""
        while time.monotonic() < deadline:
            for process in self.processes:
                if process.poll() is not None:
                    raise RuntimeError(f"{self.name}: {process.args[0]} exited; see {self.workdir}/*.log")
            try:
                status, body = self.request("GET", "/readyz")
                if status == 200:
                    return
                last = body
            except OSError as err:
                last = str(err)
            time.sleep(0.5)
        raise RuntimeError(f"{self.name}: API server not ready after {timeout:.0f} s: {last[-500:]}")

    def request(
        self, method: str, path: str, body: Any = None, token: str | None = None, content_type: str = "application/json"
    ) -> tuple[int, str]:
        context = ssl.create_default_context(cafile=str(self.workdir / "pki" / "ca.crt"))
        request = urllib.request.Request(
            self.server + path,
            method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"Bearer {token or self.admin_token}", "Content-Type": content_type},
        )
        try:
            with urllib.request.urlopen(request, context=context, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as err:
            return err.code, err.read().decode()

    def get(self, path: str) -> Any:
        status, body = self.request("GET", path)
        if status == 404:
            return None
        assert status == 200, f"GET {path}: {status} {body[:500]}"
        return json.loads(body)

    def kubectl(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        config = self.workdir / "admin.kubeconfig"
        if not config.exists():
            config.write_text(self.kubeconfig())
        return subprocess.run(
            [str(BIN / "kubectl"), f"--kubeconfig={config}", *args],
            input=stdin,
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )

    def namespaces(self) -> set[str]:
        return {item["metadata"]["name"] for item in self.get("/api/v1/namespaces")["items"]}

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.processes.clear()
        if os.geteuid() == 0:
            address = f"{self.node_address}/32"
            subprocess.run(["ip", "addr", "del", address, "dev", "lo"], check=False, capture_output=True)
        for log in self.logs:
            log.close()
        self.logs.clear()
