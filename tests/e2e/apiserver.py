"""A real Kubernetes control plane on loopback: etcd, kube-apiserver and kube-controller-manager.

Built from Go modules by tools/build.sh; no container, no kubelet. That is enough to judge what a
tenant's guardrails promise: admission (Pod Security, ResourceQuota, LimitRanger,
ValidatingAdmissionPolicy), RBAC and impersonation, and the controllers that make quota status
and namespace deletion work. Pods are created and stay Pending, which is all admission needs.
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

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ROOT / "tools" / ".bin"
BIN = TOOLS / "bin"
ADMISSION_PLUGINS = "NamespaceLifecycle,LimitRanger,ServiceAccount,PodSecurity,ResourceQuota,ValidatingAdmissionPolicy"
SYSTEM_NAMESPACES = {"default", "kube-system", "kube-public", "kube-node-lease"}


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
    subject: str, key: rsa.RSAPrivateKey, issuer: tuple[x509.Certificate, rsa.RSAPrivateKey] | None = None
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
                    x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
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
    api_port: int = field(default_factory=free_port)
    etcd_port: int = field(default_factory=free_port)
    peer_port: int = field(default_factory=free_port)
    admin_token: str = field(default_factory=lambda: base64.b32encode(os.urandom(20)).decode().lower())
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)
    logs: list[Any] = field(default_factory=list)

    @property
    def server(self) -> str:
        return f"https://127.0.0.1:{self.api_port}"

    def _write_pki(self) -> None:
        pki = self.workdir / "pki"
        pki.mkdir(parents=True)
        ca_key = _key()
        ca = _certificate(f"{self.name}-ca", ca_key)
        serving_key = _key()
        serving = _certificate("kube-apiserver", serving_key, (ca, ca_key))
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
        cm_token = base64.b32encode(os.urandom(20)).decode().lower()
        (pki / "tokens.csv").write_text(
            f'{self.admin_token},fleet-deployer,1,"system:masters"\n{cm_token},system:kube-controller-manager,2\n'
        )
        (self.workdir / "controller-manager.kubeconfig").write_text(self.kubeconfig(cm_token))

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
                "--bind-address=127.0.0.1",
                "--advertise-address=127.0.0.1",
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
                "--service-cluster-ip-range=10.96.0.0/16",
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
        return self

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

    def request(self, method: str, path: str, body: Any = None, token: str | None = None) -> tuple[int, str]:
        context = ssl.create_default_context(cafile=str(self.workdir / "pki" / "ca.crt"))
        request = urllib.request.Request(
            self.server + path,
            method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"Bearer {token or self.admin_token}", "Content-Type": "application/json"},
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
        for log in self.logs:
            log.close()
        self.logs.clear()
