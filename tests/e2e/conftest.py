"""The Space Pearl stack brought up on the testbed, once per Docker engine generation."""

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
from tests.e2e.engines import ENGINE26_IMAGE, Engine, copy_image, engine26, host_engine

ROOT = Path(__file__).resolve().parents[2]
STACK = ROOT / "stacks" / "space-pearl"
PROJECT = "pearlnet-e2e"
NETWORKS = ("space-pearl-public", "space-pearl-app", "space-pearl-data", "space-pearl-tools")
TESTBED = os.environ.get("PEARLNET_TESTBED_IMAGE", "pearlnet-testbed:latest")
BACKEND_IMAGE = "space-pearl/backend:testbed"


def unavailable(reason: str) -> None:
    if os.environ.get("PEARLNET_REQUIRE_DOCKER"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def host() -> Engine:
    try:
        return host_engine()
    except Exception as exc:
        unavailable(f"Docker daemon required but unreachable: {exc}")
        raise


@pytest.fixture(scope="session")
def docker_api(host: Engine) -> Any:
    return host.client


@dataclass
class Stack:
    directory: Path
    compose: list[str]
    engine: Engine

    @property
    def client(self) -> Any:
        return self.engine.client

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


def deploy(engine: Engine, directory: Path) -> Iterator[Stack]:
    """Up with --wait on engine, yield, then down; the backend image goes too if the test built it."""
    command = compose_command(directory)
    env = {**os.environ, "PEARLNET_TESTBED_IMAGE": TESTBED, **engine.env}
    backend_existed = bool(engine.client.images.list(name=BACKEND_IMAGE))
    try:
        up = subprocess.run([*command, "up", "-d", "--wait", "--build", "--wait-timeout", "240"],
                            capture_output=True, text=True, timeout=420, env=env, check=False)
        if up.returncode != 0:
            logs = subprocess.run([*command, "logs", "--no-color", "--tail", "30"], capture_output=True,
                                  text=True, timeout=60, env=env, check=False).stdout
            pytest.fail(f"stack did not come up on {engine.name}: {up.stderr[-2000:]}\n{logs[-4000:]}")
        yield Stack(directory, command, engine)
    finally:
        subprocess.run([*command, "down", "-v", "--remove-orphans", "--timeout", "5"], capture_output=True,
                       timeout=180, env=env, check=False)
        if not backend_existed:
            subprocess.run(["docker", "rmi", "-f", BACKEND_IMAGE], capture_output=True, timeout=60,
                           env=env, check=False)


@pytest.fixture(scope="module", params=["host", "engine26"])
def stack(request: pytest.FixtureRequest, host: Engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    try:
        host.client.images.get(TESTBED)
    except Exception:  # noqa: BLE001
        unavailable(f"testbed image {TESTBED} missing: run scripts/testbed-image.sh (scripts/test.sh does)")
    # A copy of the stack: the secret the test generates never lands in the user's tree.
    directory = tmp_path_factory.mktemp("space-pearl") / "space-pearl"
    shutil.copytree(STACK, directory, ignore=shutil.ignore_patterns("db_password.txt"))
    (directory / "secrets").mkdir(exist_ok=True)
    secret = directory / "secrets" / "db_password.txt"
    secret.write_text(os.urandom(12).hex())
    secret.chmod(0o644)
    if request.param == "host":
        taken = [n.name for n in host.client.networks.list(names=list(NETWORKS)) if n.name in NETWORKS]
        if taken:
            pytest.skip(f"networks {taken} already exist (a Space Pearl stack is running): not touching them")
        yield from deploy(host, directory)
        return
    try:
        host.client.images.get(ENGINE26_IMAGE)
    except Exception:  # noqa: BLE001
        unavailable(f"Engine 26 image {ENGINE26_IMAGE} missing: run scripts/engine26-image.sh (scripts/test.sh does)")
    with engine26(host, shared=(directory,)) as inner:
        copy_image(host, inner, TESTBED)
        yield from deploy(inner, directory)
