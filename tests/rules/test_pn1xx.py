"""Zone rules PN101-PN108: tiny inputs, asserted positions."""

from __future__ import annotations

from pathlib import Path

from tests.common import SEED_COMPOSE, SEED_POLICY, check, line_of, positions


def test_pn101_undeclared_network_is_a_finding_with_its_line(tmp_path: Path) -> None:
    compose = SEED_COMPOSE.replace("    networks: [data]\n  cache:", "    networks: [data, dta]\n  cache:")
    findings = check(tmp_path, compose)
    assert positions(findings, "PN101") == [("compose.yaml", line_of(compose, "networks: [data, dta]"))]
    assert findings[0].service == "db" and findings[0].network == "dta"


def test_pn101_reports_every_undeclared_network_and_still_runs_the_rest(tmp_path: Path) -> None:
    compose = (SEED_COMPOSE.replace("networks: [data]\n  cache:", "networks: [data, dta]\n  cache:")
               .replace("networks: [public]", "networks: [pub]"))
    findings = check(tmp_path, compose)
    assert sorted(f.network for f in findings if f.rule == "PN101") == ["dta", "pub"]


def test_pn102_internal_zone_needs_internal_network(tmp_path: Path) -> None:
    compose = SEED_COMPOSE.replace("  data: {internal: true}", "  data: {}")
    findings = check(tmp_path, compose, SEED_POLICY, rule="PN102")
    assert positions(findings, "PN102") == [("compose.yaml", line_of(compose, "  data: {}"))]
    assert check(tmp_path, SEED_COMPOSE, SEED_POLICY, rule="PN102") == []


def test_pn103_zone_driver_differs(tmp_path: Path) -> None:
    compose = SEED_COMPOSE.replace("  public: {}", "  public:\n    driver: macvlan")
    findings = check(tmp_path, compose, SEED_POLICY, rule="PN103")
    assert positions(findings, "PN103") == [("compose.yaml", line_of(compose, "driver: macvlan"))]
    overlay_policy = SEED_POLICY.replace("public: {exposure: host,", "public: {exposure: host, driver: overlay,")
    findings = check(tmp_path, SEED_COMPOSE, overlay_policy, rule="PN103")
    assert [f.network for f in findings] == ["public"]


def test_pn104_service_on_implicit_default(tmp_path: Path) -> None:
    compose = SEED_COMPOSE.replace("networks:\n  public: {}", "  adminer:\n    image: adminer\nnetworks:\n  public: {}")
    findings = check(tmp_path, compose)
    assert positions(findings, "PN104") == [("compose.yaml", line_of(compose, "  adminer:"))]


def test_pn104_declared_default_network_is_a_choice(tmp_path: Path) -> None:
    compose = SEED_COMPOSE.replace("networks:\n  public: {}",
                                   "  adminer:\n    image: adminer\nnetworks:\n  default: {}\n  public: {}")
    assert positions(check(tmp_path, compose), "PN104") == []


def test_pn105_service_not_member_of_zone(tmp_path: Path) -> None:
    compose = SEED_COMPOSE.replace("    image: web\n    ports: [\"127.0.0.1:5173:5173\"]\n    networks: [public]",
                                   "    image: web\n    ports: [\"127.0.0.1:5173:5173\"]\n    networks: [public, data]")
    findings = check(tmp_path, compose, SEED_POLICY, rule="PN105")
    assert positions(findings, "PN105") == [("compose.yaml", line_of(compose, "networks: [public, data]"))]
    assert findings[0].service == "frontend" and findings[0].network == "data"


def test_pn106_unused_network(tmp_path: Path) -> None:
    compose = SEED_COMPOSE + "  tools: {internal: true}\n"
    findings = check(tmp_path, compose)
    assert positions(findings, "PN106") == [("compose.yaml", line_of(compose, "  tools:"))]


def test_pn107_host_mode_is_error_service_mode_is_warning(tmp_path: Path) -> None:
    compose = SEED_COMPOSE.replace("networks:\n  public: {}", "  n8n:\n    image: n8n\n    network_mode: host\n"
                                   "  sidecar:\n    image: x\n    network_mode: service:backend\n"
                                   "networks:\n  public: {}")
    findings = [f for f in check(tmp_path, compose) if f.rule == "PN107"]
    assert [(f.service, f.severity.label, f.location.line if f.location else None) for f in findings] == [
        ("n8n", "error", line_of(compose, "network_mode: host")),
        ("sidecar", "warning", line_of(compose, "network_mode: service:backend")),
    ]


def test_pn108_policy_names_unknown_service_and_zone(tmp_path: Path) -> None:
    policy = SEED_POLICY.replace("  - proxy -> backend:8000", "  - proxy -> api:8000").replace(
        "  data: {exposure", "  dta: {exposure")
    findings = check(tmp_path, SEED_COMPOSE, policy, rule="PN108")
    assert positions(findings, "PN108") == [
        ("pearlnet.yaml", line_of(policy, "  dta: {exposure")),
        ("pearlnet.yaml", line_of(policy, "proxy -> api:8000")),
    ]
