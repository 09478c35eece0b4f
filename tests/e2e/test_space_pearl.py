"""The Space Pearl stack, deployed on a real Docker daemon: proxied, aliased, isolated."""

from __future__ import annotations

import json
import os
import ssl
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import NETWORKS, PROJECT, Stack

pytestmark = [pytest.mark.docker, pytest.mark.slow]

RESOLVE = """
import json, socket, sys
try:
    print(json.dumps(sorted({a[4][0] for a in socket.getaddrinfo(sys.argv[1], None, socket.AF_INET)})))
except socket.gaierror as exc:
    if exc.errno in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", -5)):
        print("NXDOMAIN")
    elif exc.errno == socket.EAI_AGAIN:
        print("SERVFAIL")
    else:
        print(f"ERR {exc}")
"""
# Docker's DNS forwards names it does not know to the container's upstream. The testbed's
# upstream is a sink (dns: 127.0.0.1), which makes the answer SERVFAIL rather than NXDOMAIN;
# both mean that Docker has no such name on the container's networks.
UNRESOLVED = ("NXDOMAIN", "SERVFAIL")

CONNECT = """
import socket, time
s = socket.socket(); s.settimeout({timeout})
t = time.monotonic()
try:
    s.connect(({host!r}, {port})); print("open")
except socket.timeout:
    print("timeout")
except ConnectionRefusedError:
    print("refused")
except OSError as exc:
    print("unreachable" if exc.errno in (101, 113) else f"error {{exc.errno}}")
"""


def resolve(stack: Stack, service: str, name: str) -> Any:
    out = stack.python(service, RESOLVE, name)
    return out if out.startswith(("NXDOMAIN", "SERVFAIL", "ERR")) else json.loads(out)


def connect(stack: Stack, service: str, host: str, port: int, timeout: float = 2.0) -> str:
    return stack.python(service, CONNECT.format(host=host, port=port, timeout=timeout))


def test_proxy_serves_the_ui_on_8080(stack: Stack) -> None:
    status, body = stack.engine.fetch("http://127.0.0.1:8080/")
    assert status == 200 and "<title>Space Pearl</title>" in body


def test_health_over_https_travels_to_db_and_cache_by_alias(stack: Stack) -> None:
    cache = stack.container("cache")

    def connections() -> int:
        info = cache.exec_run(["redis-cli", "INFO", "stats"]).output.decode()
        return int(next(x.split(":")[1] for x in info.splitlines() if x.startswith("total_connections_received")))

    before = connections()
    status, body = stack.engine.fetch("https://127.0.0.1:8443/api/health")
    health = json.loads(body)
    assert status == 200, body
    assert health["db"]["ok"] and health["cache"]["ok"], health
    assert "db:5432" in health["db"]["detail"]
    # PostgreSQL answered from its address on the data network: the query reached db by name.
    assert health["db"]["server_address"].split("/")[0] == stack.ip("db", "space-pearl-data")
    assert "PING=PONG" in health["cache"]["detail"]
    assert connections() > before  # the PING was a real connection to the cache


def test_tls_certificate_comes_from_certbot_volume(stack: Stack) -> None:
    pem = stack.engine.server_certificate(8443)
    on_disk = stack.container("certbot").exec_run(
        ["cat", "/etc/letsencrypt/live/space-pearl/fullchain.pem"]).output.decode()
    assert ssl.PEM_cert_to_DER_cert(pem) == ssl.PEM_cert_to_DER_cert(on_disk)


def test_frontend_dev_port_on_loopback_reaches_the_api_through_the_proxy(stack: Stack) -> None:
    status, body = stack.engine.fetch("http://127.0.0.1:5173/api/health")
    assert status == 200 and json.loads(body)["status"] == "ok"


def test_only_8080_8443_and_loopback_5173_reach_the_host(stack: Stack) -> None:
    published = set()
    for container in stack.client.containers.list(filters={"label": f"com.docker.compose.project={PROJECT}"}):
        for bindings in (container.attrs["NetworkSettings"]["Ports"] or {}).values():
            for binding in bindings or []:
                published.add((binding["HostIp"], binding["HostPort"]))
    assert {b for b in published if ":" not in b[0]} == {("0.0.0.0", "8080"), ("0.0.0.0", "8443"),
                                                          ("127.0.0.1", "5173")}
    assert stack.engine.listening() == {"0.0.0.0:8080", "0.0.0.0:8443", "127.0.0.1:5173"}
    for port, scheme in ((8080, "http"), (8443, "https"), (5173, "http")):
        assert stack.engine.fetch(f"{scheme}://127.0.0.1:{port}/")[0] == 200


def test_frontend_cannot_resolve_or_reach_the_database(stack: Stack) -> None:
    assert resolve(stack, "frontend", "db") in UNRESOLVED
    assert resolve(stack, "frontend", "backend-db-client") in UNRESOLVED
    db_ip = stack.ip("db", "space-pearl-data")
    assert connect(stack, "frontend", db_ip, 5432) in ("timeout", "unreachable")


def test_backend_resolves_and_reaches_db_and_cache(stack: Stack) -> None:
    assert resolve(stack, "backend", "db") == [stack.ip("db", "space-pearl-data")]
    assert resolve(stack, "backend", "cache") == [stack.ip("cache", "space-pearl-data")]
    assert connect(stack, "backend", "db", 5432) == "open"
    assert connect(stack, "backend", "cache", 6379) == "open"


def test_db_resolves_backend_db_client_to_the_backend(stack: Stack) -> None:
    assert resolve(stack, "db", "backend-db-client") == [stack.ip("backend", "space-pearl-data")]
    assert resolve(stack, "db", "frontend") in UNRESOLVED


def test_tools_are_reached_only_through_the_proxy(stack: Stack) -> None:
    for path, tool in (("/openproject/", "openproject"), ("/n8n/", "n8n")):
        status, body = stack.engine.fetch(f"http://127.0.0.1:8080{path}")
        assert status == 200 and json.loads(body)["service"] == tool
    assert resolve(stack, "backend", "openproject") in UNRESOLVED
    assert connect(stack, "n8n", stack.ip("db", "space-pearl-data"), 5432) in ("timeout", "unreachable")


def test_networks_are_the_seeds_four_with_the_right_isolation(stack: Stack) -> None:
    for name in NETWORKS:
        network = stack.client.networks.get(name)
        assert network.attrs["Driver"] == "bridge"
        assert network.attrs["Internal"] is (name != "space-pearl-public")
        assert network.attrs["Labels"]["com.docker.compose.project"] == PROJECT


def test_internal_network_blocks_by_address_as_this_engine_does(stack: Stack) -> None:
    # n8n sits on space-pearl-tools only (internal). Engine 20.10 gives internal networks a
    # default route and drops the packets (a timeout); since 25.0 there is no route at all.
    expected = "timeout" if stack.engine.version < (25, 0) else "unreachable"
    assert connect(stack, "n8n", stack.ip("db", "space-pearl-data"), 5432, timeout=2.0) == expected


def test_inspect_names_the_aliases_as_this_engine_does(stack: Stack) -> None:
    data = stack.container("backend").attrs["NetworkSettings"]["Networks"]["space-pearl-data"]
    if stack.engine.version < (25, 0):
        assert "DNSNames" not in data or data["DNSNames"] is None
        assert "backend-db-client" in data["Aliases"]
    else:
        assert {"backend", "backend-db-client"} <= set(data["DNSNames"])


# The validator probes the machine's own published ports: the host engine's stack only.
@pytest.mark.parametrize("stack", ["host"], indirect=True)
def test_seed_validator_passes_on_the_running_stack(stack: Stack) -> None:
    script = stack.directory / "scripts" / "validate-network-aliases.sh"
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    result = subprocess.run(["bash", str(script), "-p", PROJECT, "-f", "compose.yaml", "-f", "compose.testbed.yaml"],
                            cwd=stack.directory, capture_output=True, text=True, timeout=120, env=env, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "❌" not in result.stdout
    assert "✅ backend resolves db" in result.stdout
    assert "✅ db resolves backend-db-client" in result.stdout
    assert "✅ frontend cannot resolve db" in result.stdout
    assert "host ports published: 0.0.0.0:8080, 0.0.0.0:8443, 127.0.0.1:5173" in result.stdout


@pytest.mark.parametrize("stack", ["host"], indirect=True)
def test_health_reports_a_tier_that_is_down_and_recovers(stack: Stack) -> None:
    cache = stack.container("cache")
    cache.stop(timeout=5)
    try:
        status, body = stack.engine.fetch("https://127.0.0.1:8443/api/health")
        health = json.loads(body)
        assert status == 503 and health["status"] == "degraded"
        assert health["db"]["ok"] and not health["cache"]["ok"]
        assert health["cache"]["error"]
    finally:
        cache.start()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        status, _ = stack.engine.fetch("https://127.0.0.1:8443/api/health")
        if status == 200:
            break
        time.sleep(0.5)
    assert status == 200
