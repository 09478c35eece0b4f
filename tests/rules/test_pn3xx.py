"""Name rules PN301-PN307."""

from __future__ import annotations

from pathlib import Path

from tests.common import SEED_COMPOSE, SEED_POLICY, check, line_of, positions


def test_pn301_duplicated_alias_on_one_network(tmp_path: Path) -> None:
    compose = SEED_COMPOSE.replace("    image: redis\n    networks: [data]",
                                   "    image: redis\n    networks:\n      data:\n        aliases: [db]")
    findings = check(tmp_path, compose, rule="PN301")
    assert positions(findings, "PN301") == [("compose.yaml", line_of(compose, "aliases: [db]"))]
    assert "round-robin" in findings[0].message


def test_pn301_same_alias_on_different_networks_is_fine(tmp_path: Path) -> None:
    compose = SEED_COMPOSE.replace("    image: web\n    ports: [\"127.0.0.1:5173:5173\"]\n    networks: [public]",
                                   "    image: web\n    ports: [\"127.0.0.1:5173:5173\"]\n"
                                   "    networks:\n      public:\n        aliases: [db]")
    assert check(tmp_path, compose, rule="PN301") == []


def test_pn301_container_name_clashes_with_service_name(tmp_path: Path) -> None:
    compose = SEED_COMPOSE.replace("    image: redis\n", "    image: redis\n    container_name: db\n")
    findings = check(tmp_path, compose, rule="PN301")
    assert positions(findings, "PN301") == [("compose.yaml", line_of(compose, "container_name: db"))]


def test_pn303_required_alias_missing(tmp_path: Path) -> None:
    compose = SEED_COMPOSE.replace("      data:\n        aliases: [backend-db-client]", "      data: {}")
    findings = check(tmp_path, compose, SEED_POLICY, rule="PN303")
    assert positions(findings, "PN303") == [("compose.yaml", line_of(compose, "      data: {}"))]
    assert "backend-db-client" in findings[0].message


def test_pn304_invalid_dns_label(tmp_path: Path) -> None:
    compose = SEED_COMPOSE.replace("  cache:\n", "  space_cache:\n").replace(
        "aliases: [backend-db-client]", "aliases: [backend-db-client, -bad-]")
    findings = check(tmp_path, compose, rule="PN304")
    assert positions(findings, "PN304") == [
        ("compose.yaml", line_of(compose, "aliases: [backend-db-client, -bad-]")),
        ("compose.yaml", line_of(compose, "space_cache:")),
    ]


def test_pn305_hard_coded_container_ip(tmp_path: Path) -> None:
    compose = SEED_COMPOSE.replace("@db:5432/app", "@172.20.0.5:5432/app")
    findings = check(tmp_path, compose, rule="PN305")
    assert positions(findings, "PN305") == [("compose.yaml", line_of(compose, "DATABASE_URL"))]
    assert "s3cret-pw" not in findings[0].message


def test_pn305_loopback_and_wildcard_are_not_peers(tmp_path: Path) -> None:
    compose = SEED_COMPOSE.replace("      REDIS_HOST: cache", "      REDIS_HOST: cache\n      LISTEN_ADDR: 0.0.0.0:8000\n"
                                   "      HEALTH_URL: http://127.0.0.1:8000/health")
    assert check(tmp_path, compose, rule="PN305") == []


def test_pn305_extra_hosts_and_command(tmp_path: Path) -> None:
    compose = SEED_COMPOSE.replace("    image: api\n", "    image: api\n    extra_hosts: [\"legacy:10.1.2.3\"]\n"
                                   "    command: [\"wait-for\", \"10.1.2.4:5432\"]\n")
    findings = check(tmp_path, compose, rule="PN305")
    assert positions(findings, "PN305") == [
        ("compose.yaml", line_of(compose, "extra_hosts")),
        ("compose.yaml", line_of(compose, "command:")),
    ]


def test_pn306_static_ip(tmp_path: Path) -> None:
    compose = SEED_COMPOSE.replace("aliases: [backend-db-client]",
                                   "aliases: [backend-db-client]\n        ipv4_address: 172.28.0.10")
    findings = check(tmp_path, compose, rule="PN306")
    assert positions(findings, "PN306") == [("compose.yaml", line_of(compose, "ipv4_address"))]


def test_pn307_database_url_names_host_on_no_shared_network(tmp_path: Path) -> None:
    compose = SEED_COMPOSE.replace("    image: web\n", "    image: web\n    environment:\n"
                                   "      DATABASE_URL: postgres://u:hunter22@db:5432/x\n")
    findings = check(tmp_path, compose, rule="PN307")
    assert positions(findings, "PN307") == [("compose.yaml", line_of(compose, "hunter22"))]
    assert "hunter22" not in findings[0].message and "'db' answers" in findings[0].message


def test_pn307_bare_host_key_and_dotted_names(tmp_path: Path) -> None:
    compose = SEED_COMPOSE.replace("      REDIS_HOST: cache", "      REDIS_HOST: cahce\n      SMTP_HOST: mail.example.com\n"
                                   "      API_HOST: localhost")
    findings = check(tmp_path, compose, rule="PN307")
    assert positions(findings, "PN307") == [("compose.yaml", line_of(compose, "REDIS_HOST: cahce"))]


def test_pn307_nginx_proxy_pass_to_unreachable_name(tmp_path: Path) -> None:
    nginx = """\
    upstream app_servers {
        server backend:8000;
    }
    server {
        listen 8080;
        location /api/ { proxy_pass http://app_servers; }
        location /db/ { proxy_pass http://db:5432; }
        location / { proxy_pass http://frontend:5173; }
    }
    """
    compose = SEED_COMPOSE.replace("    image: nginx\n",
                                   "    image: nginx\n    volumes: [\"./nginx/default.conf:/etc/nginx/conf.d/default.conf:ro\"]\n")
    findings = check(tmp_path, compose, rule="PN307", extra={"nginx/default.conf": nginx})
    assert positions(findings, "PN307") == [("nginx/default.conf", line_of(nginx, "proxy_pass http://db:5432"))]


def test_pn307_inline_nginx_config_points_into_compose_file(tmp_path: Path) -> None:
    compose = SEED_COMPOSE.replace("    image: nginx\n", "    image: nginx\n    configs:\n"
                                   "      - source: site\n        target: /etc/nginx/conf.d/site.conf\n") + (
        "configs:\n  site:\n    content: |\n      server {\n        location / { proxy_pass http://cache:6379; }\n"
        "      }\n")
    findings = check(tmp_path, compose, rule="PN307")
    assert positions(findings, "PN307") == [("compose.yaml", line_of(compose, "proxy_pass http://cache"))]


def test_pn307_wildcard_listen_urls_are_not_hosts(tmp_path: Path) -> None:
    compose = SEED_COMPOSE.replace("      REDIS_HOST: cache", "      REDIS_HOST: cache\n"
                                   "      ASPNETCORE_URLS: http://+:8000\n      BIND_URL: http://*:9000")
    assert check(tmp_path, compose, rule="PN307") == []


def test_pn307_every_host_of_a_multi_host_url_and_nginx_variables(tmp_path: Path) -> None:
    nginx = """\
    server {
        set $api http://backend:8000;
        set $api_docs http://docs:8080;
        location /docs/ { proxy_pass $api_docs; }
    }
    """
    compose = SEED_COMPOSE.replace("      REDIS_HOST: cache", "      REDIS_HOST: cache\n"
                                   "      MONGO_URL: mongodb://u:pw@db:27017,mongo2:27017/app").replace(
        "    image: nginx\n", "    image: nginx\n    volumes: [\"./nginx/default.conf:/etc/nginx/conf.d/default.conf:ro\"]\n")
    findings = check(tmp_path, compose, rule="PN307", extra={"nginx/default.conf": nginx})
    assert sorted((f.location.file, "mongo2" in f.message, "docs:8080" in f.message) for f in findings
                  if f.location) == [("compose.yaml", True, False), ("nginx/default.conf", False, True)]
