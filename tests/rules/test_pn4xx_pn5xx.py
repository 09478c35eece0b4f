"""Flow rules PN401-PN403 and security rules PN501-PN502."""

from __future__ import annotations

from pathlib import Path

from tests.common import SEED_COMPOSE, SEED_POLICY, check, line_of, positions


def test_pn401_flow_impossible_without_shared_network(tmp_path: Path) -> None:
    policy = SEED_POLICY.replace(
        "  - cache -> db:5432", "  - cache -> db:5432\n  - frontend -> db:5432")
    findings = check(tmp_path, SEED_COMPOSE, policy, rule="PN401")
    assert positions(findings, "PN401") == [("pearlnet.yaml", line_of(policy, "frontend -> db:5432"))]
    assert "share no network" in findings[0].message


def test_pn402_pair_without_flow(tmp_path: Path) -> None:
    policy = SEED_POLICY.replace("  - cache -> db:5432\n", "")
    findings = check(tmp_path, SEED_COMPOSE, policy, rule="PN402")
    assert [(f.network, f.location.line if f.location else None) for f in findings] == [
        ("data", line_of(SEED_COMPOSE, "networks: [data]", 1))]


def test_pn402_suppressed_with_reason_on_either_attachment_line(tmp_path: Path) -> None:
    policy = SEED_POLICY.replace("  - cache -> db:5432\n", "")
    compose = SEED_COMPOSE.replace("    image: postgres\n    networks: [data]",
                                   "    image: postgres\n    networks: [data]  # pearlnet: ignore PN402 db never calls")
    assert check(tmp_path, compose, policy, rule="PN402") == []
    no_reason = compose.replace("ignore PN402 db never calls", "ignore PN402")
    findings = check(tmp_path, no_reason, policy, rule="PN402")
    assert len(findings) == 1 and "no reason" in findings[0].message


def test_pn403_denied_zone_flow_made_possible(tmp_path: Path) -> None:
    compose = SEED_COMPOSE.replace("    image: web\n    ports: [\"127.0.0.1:5173:5173\"]\n    networks: [public]",
                                   "    image: web\n    ports: [\"127.0.0.1:5173:5173\"]\n    networks: [public, data]")
    findings = check(tmp_path, compose, SEED_POLICY, rule="PN403")
    assert {(f.service, f.network) for f in findings} == {("frontend", "data")}
    assert positions(findings, "PN403")[0] == ("compose.yaml", line_of(compose, "networks: [public, data]"))


def test_pn403_service_sides(tmp_path: Path) -> None:
    policy = SEED_POLICY + "  - proxy -> backend\n"
    findings = check(tmp_path, SEED_COMPOSE, policy, rule="PN403")
    assert [(f.service, f.network) for f in findings] == [("proxy", "app")]


def test_pn501_docker_socket(tmp_path: Path) -> None:
    compose = SEED_COMPOSE.replace("    image: api\n",
                                   "    image: api\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n")
    findings = check(tmp_path, compose, rule="PN501")
    assert positions(findings, "PN501") == [("compose.yaml", line_of(compose, "/var/run/docker.sock:"))]


def test_pn502_privileged_and_capabilities(tmp_path: Path) -> None:
    compose = SEED_COMPOSE.replace("    image: api\n", "    image: api\n    privileged: true\n"
                                   "    cap_add: [CHOWN, NET_ADMIN]\n")
    findings = check(tmp_path, compose, rule="PN502")
    assert positions(findings, "PN502") == [
        ("compose.yaml", line_of(compose, "privileged: true")),
        ("compose.yaml", line_of(compose, "cap_add")),
    ]
    assert "NET_ADMIN" in findings[1].message
