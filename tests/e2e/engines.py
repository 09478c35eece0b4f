"""The Docker engines the end-to-end tests run the stack on.

- ``host``: the machine's daemon (Debian's Engine 20.10, API 1.41, here).
- ``engine26``: Engine 26.1 (API 1.45) as Docker-in-Docker, started from
  ``scripts/engine26-image.sh`` with the flags DOCKER-FACTS.md measured
  (``--privileged`` fails on this kernel: the capabilities are added by hand).
  Its published ports live in its own network namespace, so "the host" of the
  stack is reached from inside the engine's container.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docker

ENGINE26_IMAGE = os.environ.get("PEARLNET_ENGINE26_IMAGE", "pearlnet-engine26:latest")
LABEL = "org.pearlnet.test"
START_SECONDS = 60

DIND_COMMAND = (
    "mount -o remount,rw /sys && for d in /sys/fs/cgroup/*; do mount -o remount,bind,rw \"$d\" 2>/dev/null; done; "
    "exec dockerd --host=unix:///var/run/docker.sock --host=unix:///sock/docker.sock"
)


@dataclass
class Engine:
    name: str
    client: Any
    docker_host: str | None  # None: the environment's own
    container: Any = None  # the Docker-in-Docker container, if any
    env: dict[str, str] = field(default_factory=dict)

    @property
    def version(self) -> tuple[int, int]:
        major, minor, *_ = str(self.client.version()["Version"]).split(".")
        return int(major), int(minor)

    def on_host(self, argv: list[str], timeout: float = 30) -> tuple[int, str]:
        """Run a command where the engine publishes its ports: the machine, or the DinD container."""
        if self.container is None:
            proc = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, check=False)
            return proc.returncode, proc.stdout
        result = self.container.exec_run(argv)
        return result.exit_code, result.output.decode(errors="replace")

    def fetch(self, url: str) -> tuple[int, str]:
        _, out = self.on_host(["curl", "-sk", "--max-time", "10", "-w", "\n%{http_code}", url])
        body, _, status = out.rpartition("\n")
        return (int(status) if status.isdigit() else 0), body

    def server_certificate(self, port: int) -> str:
        """The PEM of the certificate served on port (curl prints details, then the PEM)."""
        _, out = self.on_host(["curl", "-sk", "--max-time", "10", "-o", "/dev/null", "-w", "%{certs}",
                               f"https://127.0.0.1:{port}/"])
        begin, end = "-----BEGIN CERTIFICATE-----", "-----END CERTIFICATE-----"
        start = out.find(begin)
        return out[start : out.index(end, start) + len(end)] + "\n" if start >= 0 else out

    def listening(self) -> set[str]:
        """IPv4 address:port of every docker-proxy listener where the engine publishes."""
        _, out = self.on_host(["ss", "-Hltnp"])
        return {line.split()[3] for line in out.splitlines() if "docker-proxy" in line and "[" not in line.split()[3]}


def host_engine() -> Engine:
    client = docker.from_env(timeout=60)
    client.ping()
    return Engine("host", client, None)


@contextmanager
def engine26(host: Engine, shared: tuple[Path, ...] = ()) -> Iterator[Engine]:
    """Engine 26.1 in a container of the host engine; everything it made goes with it.

    Bind mounts name paths of the engine's own filesystem: the folders in `shared`
    appear inside it at the same paths, so a Compose project there mounts the same files.
    """
    suffix = uuid.uuid4().hex[:8]
    name = f"pearlnet-engine26-{suffix}"
    sockdir = Path(tempfile.mkdtemp(prefix="pearlnet-engine26-"))
    volume = host.client.volumes.create(f"{name}-lib", labels={LABEL: "engine26"})
    container = None
    try:
        # The CLI, not docker-py: `systempaths=unconfined` (empty MaskedPaths/ReadonlyPaths)
        # has no docker-py keyword.
        subprocess.run(
            ["docker", "run", "-d", "--name", name, "--label", f"{LABEL}=engine26",
             "--cap-add", "ALL", "--cap-drop", "SYS_RESOURCE",
             "--security-opt", "seccomp=unconfined", "--security-opt", "systempaths=unconfined",
             "--device-cgroup-rule", "a *:* rwm", "--tmpfs", "/run",
             "-v", f"{volume.name}:/var/lib/docker", "-v", f"{sockdir}:/sock",
             *[arg for path in shared for arg in ("-v", f"{path}:{path}")],
             ENGINE26_IMAGE, "bash", "-c", DIND_COMMAND],
            capture_output=True, text=True, timeout=60, check=True, env={**os.environ, **host.env})
        container = host.client.containers.get(name)
        docker_host = f"unix://{sockdir}/docker.sock"
        client = None
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if (sockdir / "docker.sock").exists():
                try:
                    client = docker.DockerClient(base_url=docker_host, timeout=120)
                    client.ping()
                    break
                except Exception:  # noqa: BLE001 - not answering yet
                    client = None
            container.reload()
            if container.status == "exited":
                break
            time.sleep(0.25)
        if client is None:
            logs = container.logs(tail=20).decode(errors="replace")
            raise RuntimeError(f"Engine 26 did not start: {logs}")
        yield Engine("engine26", client, docker_host, container, {"DOCKER_HOST": docker_host})
    finally:
        if container is not None:
            container.remove(force=True, v=True)
        volume.remove(force=True)
        shutil.rmtree(sockdir, ignore_errors=True)


def copy_image(source: Engine, target: Engine, image: str) -> None:
    """docker save | docker load, engine to engine (there is no registry to pull from)."""
    saver = subprocess.Popen(["docker", "save", image], stdout=subprocess.PIPE,
                             env={**os.environ, **source.env})
    loader = subprocess.run(["docker", "load", "-q"], stdin=saver.stdout, capture_output=True, text=True,
                            env={**os.environ, **target.env}, timeout=300, check=False)
    assert saver.stdout is not None
    saver.stdout.close()
    saver.wait(timeout=60)
    if saver.returncode or loader.returncode:
        raise RuntimeError(f"copying {image} failed: {loader.stderr.strip()}")
