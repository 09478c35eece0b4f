"""Port rules PN201-PN205."""

from __future__ import annotations

from pathlib import Path

from tests.common import SEED_COMPOSE, SEED_POLICY, check, line_of, positions

DB_PUBLISHED = SEED_COMPOSE.replace("    image: postgres\n", "    image: postgres\n    ports: [\"5432:5432\"]\n")


def test_pn201_port_outside_allow_list(tmp_path: Path) -> None:
    compose = SEED_COMPOSE.replace('ports: ["8080:8080", "8443:8443"]',
                                   'ports:\n      - "8080:8080"\n      - "8443:8443"\n      - "9000:9000"')
    findings = check(tmp_path, compose, SEED_POLICY, rule="PN201")
    assert positions(findings, "PN201") == [("compose.yaml", line_of(compose, '"9000:9000"'))]
    assert "9000" in findings[0].message


def test_pn201_random_host_port_cannot_be_allowed(tmp_path: Path) -> None:
    compose = SEED_COMPOSE.replace('ports: ["8080:8080", "8443:8443"]', 'ports: ["8080:8080", "8443:8443", "3000"]')
    findings = check(tmp_path, compose, SEED_POLICY, rule="PN201")
    assert len(findings) == 1 and "random host port" in findings[0].message


def test_pn202_database_port_on_internal_networks_is_dropped(tmp_path: Path) -> None:
    findings = check(tmp_path, DB_PUBLISHED)
    assert positions(findings, "PN202") == [("compose.yaml", line_of(DB_PUBLISHED, '"5432:5432"'))]
    with_policy = check(tmp_path, DB_PUBLISHED, SEED_POLICY)
    assert {"PN201", "PN202"} <= {f.rule for f in with_policy}


def test_pn202_one_host_facing_network_is_enough(tmp_path: Path) -> None:
    assert positions(check(tmp_path, SEED_COMPOSE), "PN202") == []


def test_pn203_bind_address_required(tmp_path: Path) -> None:
    compose = SEED_COMPOSE.replace('"127.0.0.1:5173:5173"', '"5173:5173"')
    findings = check(tmp_path, compose, SEED_POLICY, rule="PN203")
    assert positions(findings, "PN203") == [("compose.yaml", line_of(compose, '"5173:5173"'))]
    assert "0.0.0.0" in findings[0].message


def test_pn204_port_published_twice(tmp_path: Path) -> None:
    compose = SEED_COMPOSE.replace('ports: ["127.0.0.1:5173:5173"]', 'ports: ["127.0.0.1:5173:5173", "8080:80"]')
    findings = check(tmp_path, compose, rule="PN204")
    assert positions(findings, "PN204") == [("compose.yaml", line_of(compose, '"8080:80"'))]
    assert "'proxy'" in findings[0].message and "'frontend'" in findings[0].message


def test_pn204_different_addresses_do_not_collide(tmp_path: Path) -> None:
    compose = SEED_COMPOSE.replace('ports: ["127.0.0.1:5173:5173"]',
                                   'ports: ["127.0.0.1:5173:5173", "127.0.0.2:5173:5173"]')
    assert check(tmp_path, compose, rule="PN204") == []


def test_pn205_range_and_random_host_port(tmp_path: Path) -> None:
    compose = SEED_COMPOSE.replace('ports: ["8080:8080", "8443:8443"]',
                                   'ports:\n      - "8080:8080"\n      - "9000-9002:9000-9002"\n      - "3000"')
    findings = check(tmp_path, compose, rule="PN205")
    assert positions(findings, "PN205") == [
        ("compose.yaml", line_of(compose, '"9000-9002:9000-9002"')),
        ("compose.yaml", line_of(compose, '"3000"')),
    ]


def test_port_long_syntax_is_located(tmp_path: Path) -> None:
    compose = SEED_COMPOSE.replace('ports: ["8080:8080", "8443:8443"]',
                                   "ports:\n      - target: 8080\n        published: 8080\n"
                                   "      - target: 22\n        published: 2222")
    findings = check(tmp_path, compose, SEED_POLICY, rule="PN201")
    assert positions(findings, "PN201") == [("compose.yaml", line_of(compose, "- target: 22"))]
