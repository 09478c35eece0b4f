"""A real Docker daemon, and the Space Pearl stack brought up on the testbed for a test module."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from pearlnet.loader.compose import find_compose

ROOT = Path(__file__).resolve().parents[2]
STACK = ROOT / "stacks" / "space-pearl"
PROJECT = "pearlnet-e2e"
NETWORKS = ("space-pearl-public", "space-pearl-app", "space-pearl-data", "space-pearl-tools")
TESTBED = os.environ.get("PEARLNET_TESTBED_IMAGE", "pearlnet-testbed:latest")
BACKEND_IMAGE = "space-pearl/backend:testbed"


def docker_client() -> Any:
    try:
        import docker

        client = docker.from_env(timeout=30)
        client.ping()
        return client
    except Exception as exc:  # noqa: BLE001 - any failure means: no daemon here
        if os.environ.get("PEARLNET_REQUIRE_DOCKER"):
            pytest.fail(f"Docker daemon required but unreachable: {exc}")
        pytest.skip(f"no Docker daemon: {exc}")


@pytest.fixture(scope="session")
def docker_api() -> Any:
    return docker_client()


@dataclass
class Stack:
    directory: Path
    compose: list[str]
    client: Any

    def container(self, service: str) -> Any:
        found = self.client.containers.list(filters={"label": [f"com.docker.compose.project={PROJECT}",
                                                               f"com.docker.compose.service={service}"]})
        assert len(found) == 1, f"{service}: {found}"
        return found[0]

    def ip(self, service: str, network: str) -> str:
        address: str = self.container(service).attrs["NetworkSettings"]["Networks"][network]["IPAddress"]
        return address

    def python(self, service: str, code: str, *args: str) -> str:
        """Run Python inside the service's container; its stdout."""
        result = self.container(service).exec_run(["python3", "-c", code, *args], demux=True)
        out = (result.output[0] or b"").decode()
        err = (result.output[1] or b"").decode()
        assert result.exit_code == 0, f"{service}: rc={result.exit_code} {out} {err}"
        return out.strip()


def compose_command(directory: Path) -> list[str]:
    return [*find_compose(), "-p", PROJECT, "--project-directory", str(directory),
            "-f", str(directory / "compose.yaml"), "-f", str(directory / "compose.testbed.yaml")]


@pytest.fixture(scope="module")
def stack(docker_api: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    try:
        docker_api.images.get(TESTBED)
    except Exception:  # noqa: BLE001
        pytest.fail(f"testbed image {TESTBED} missing: run scripts/testbed-image.sh (scripts/test.sh does)")
    taken = [n.name for n in docker_api.networks.list(names=list(NETWORKS)) if n.name in NETWORKS]
    if taken:
        pytest.skip(f"networks {taken} already exist (a Space Pearl stack is running): not touching them")
    backend_existed = bool(docker_api.images.list(name=BACKEND_IMAGE))
    # A copy of the stack: the secret the test generates never lands in the user's tree.
    directory = tmp_path_factory.mktemp("space-pearl") / "space-pearl"
    shutil.copytree(STACK, directory, ignore=shutil.ignore_patterns("db_password.txt"))
    (directory / "secrets").mkdir(exist_ok=True)
    secret = directory / "secrets" / "db_password.txt"
    secret.write_text(os.urandom(12).hex())
    secret.chmod(0o644)
    command = compose_command(directory)
    env = {**os.environ, "PEARLNET_TESTBED_IMAGE": TESTBED}
    try:
        up = subprocess.run([*command, "up", "-d", "--wait", "--build", "--wait-timeout", "240"],
                            capture_output=True, text=True, timeout=420, env=env, check=False)
        if up.returncode != 0:
            logs = subprocess.run([*command, "logs", "--no-color", "--tail", "30"], capture_output=True,
                                  text=True, timeout=60, env=env, check=False).stdout
            pytest.fail(f"stack did not come up: {up.stderr[-2000:]}\n{logs[-4000:]}")
        yield Stack(directory, command, docker_api)
    finally:
        subprocess.run([*command, "down", "-v", "--remove-orphans", "--timeout", "5"], capture_output=True,
                       timeout=180, env=env, check=False)
        if not backend_existed:
            subprocess.run(["docker", "rmi", "-f", BACKEND_IMAGE], capture_output=True, timeout=60, check=False)
