"""Bad input: one line on stderr, the right exit code, no traceback, within seconds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.common import SEED_COMPOSE, SEED_POLICY, write
from tests.integration.conftest import Run, pearlnet


def assert_one_line_error(result: Run, code: int, *needles: str) -> None:
    assert result.code == code, (result.code, result.out, result.err)
    assert "Traceback" not in result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("pearlnet: error: ")
    for needle in needles:
        assert needle in lines[0], lines[0]
    assert result.seconds < 10


def test_invalid_yaml_names_file_and_line(tmp_path: Path) -> None:
    write(tmp_path, {"compose.yaml": "services:\n  web:\n    image: x\n   ports: [1\n"})
    assert_one_line_error(pearlnet(["check", str(tmp_path)]), 2, "compose.yaml:4", "invalid YAML")


def test_yaml_that_is_not_a_mapping(tmp_path: Path) -> None:
    write(tmp_path, {"compose.yaml": "- just\n- a list\n"})
    assert_one_line_error(pearlnet(["check", str(tmp_path)]), 2, "compose.yaml:1", "mapping")


def test_anchor_bomb_is_refused_before_compose_expands_it(tmp_path: Path) -> None:
    lines = ['  a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"  a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    (tmp_path / "compose.yaml").write_text("x-bomb:\n" + "\n".join(lines) + "\nservices:\n  web:\n    image: x\n")
    assert_one_line_error(pearlnet(["check", str(tmp_path)]), 2, "anchor bomb")


def test_fifty_megabyte_file(tmp_path: Path) -> None:
    with (tmp_path / "compose.yaml").open("w") as handle:
        handle.write("services:\n  web:\n    image: x\n    labels:\n")
        line = "      - " + "x" * 1000 + "\n"
        for _ in range(50_000):
            handle.write(line)
    assert_one_line_error(pearlnet(["check", str(tmp_path)]), 2, "too large")


def test_binary_file(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 10)
    assert_one_line_error(pearlnet(["check", str(tmp_path)]), 2, "binary")


def test_missing_file(tmp_path: Path) -> None:
    assert_one_line_error(pearlnet(["check", "-f", str(tmp_path / "nope.yaml")]), 2, "nope.yaml", "no such file")


def test_missing_project_directory(tmp_path: Path) -> None:
    assert_one_line_error(pearlnet(["check", str(tmp_path / "nowhere")]), 2, "no such project directory")


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "compose.yaml"
    path.write_text(SEED_COMPOSE)
    path.chmod(0)
    prefix: list[str] = []
    if os.access(path, os.R_OK):
        # root reads everything: take away the capabilities that let it.
        if shutil.which("setpriv") is None:
            pytest.skip("root, and no setpriv to drop CAP_DAC_OVERRIDE")
        prefix = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]
    proc = subprocess.run([*prefix, sys.executable, "-m", "pearlnet", "check", str(tmp_path)],
                          capture_output=True, text=True, timeout=30, check=False)
    assert_one_line_error(Run(proc.returncode, proc.stdout, proc.stderr, 0.0), 2, "compose.yaml", "permission denied")


def test_policy_with_wrong_types(tmp_path: Path) -> None:
    write(tmp_path, {"compose.yaml": SEED_COMPOSE,
                     "pearlnet.yaml": SEED_POLICY.replace("allow: [8080, 8443, 5173]", "allow: eighty")})
    assert_one_line_error(pearlnet(["check", str(tmp_path)]), 2, "pearlnet.yaml:7", "must be a list")


@pytest.mark.parametrize(("change", "needle"), [
    (("exposure: host", "exposure: public"), "unknown exposure"),
    (("  - backend -> db:5432", "  - backend => db"), "malformed flow"),
    (("ports:", "portz:"), "unknown key 'portz'"),
    (("version: 1", "version: 2"), "unsupported version"),
    (("  - zone:public -> zone:data", "  - zone:public"), "malformed deny"),
])
def test_invalid_policy_names_line(tmp_path: Path, change: tuple[str, str], needle: str) -> None:
    policy = SEED_POLICY.replace(*change)
    line = next(i for i, text in enumerate(policy.splitlines(), 1) if change[1] in text)
    write(tmp_path, {"compose.yaml": SEED_COMPOSE, "pearlnet.yaml": policy})
    assert_one_line_error(pearlnet(["check", str(tmp_path)]), 2, f"pearlnet.yaml:{line}", needle)


def test_explicit_missing_policy(tmp_path: Path) -> None:
    write(tmp_path, {"compose.yaml": SEED_COMPOSE})
    assert_one_line_error(pearlnet(["check", str(tmp_path), "--policy", "gone.yaml"]), 2, "gone.yaml")


def test_compose_refusal_is_exit_two_with_its_message(tmp_path: Path) -> None:
    write(tmp_path, {"compose.yaml": "services:\n  web:\n    image: x\n    ports: \"not-a-list\"\n"})
    assert_one_line_error(pearlnet(["check", str(tmp_path)]), 2, "compose.yaml", "refused")


def test_compose_refusal_masks_passwords(tmp_path: Path) -> None:
    write(tmp_path, {"compose.yaml": "services:\n  web:\n    image: x\n    depends_on: [\"postgres://u:Hid3Me@db\"]\n"})
    result = pearlnet(["check", str(tmp_path)])
    assert result.code == 2 and "Hid3Me" not in result.err


def test_missing_compose_binary_is_exit_three(tmp_path: Path) -> None:
    write(tmp_path, {"compose.yaml": SEED_COMPOSE})
    result = pearlnet(["check", str(tmp_path)], env={"PEARLNET_COMPOSE": str(tmp_path / "no-compose")})
    assert_one_line_error(result, 3, "Compose v2 not found")


def test_compose_v1_is_exit_three(tmp_path: Path) -> None:
    fake = tmp_path / "docker-compose-v1"
    fake.write_text("#!/bin/sh\necho 'no such option: --format' >&2\nexit 2\n")
    fake.chmod(0o755)
    write(tmp_path, {"compose.yaml": SEED_COMPOSE})
    assert_one_line_error(pearlnet(["check", str(tmp_path)], env={"PEARLNET_COMPOSE": str(fake)}), 3, "not Docker Compose v2")


def test_usage_error_is_exit_two() -> None:
    result = pearlnet(["check", "--format", "yaml"])
    assert result.code == 2 and "Traceback" not in result.err


def test_output_into_missing_directory(tmp_path: Path) -> None:
    write(tmp_path, {"compose.yaml": SEED_COMPOSE})
    result = pearlnet(["check", str(tmp_path), "-o", str(tmp_path / "no" / "dir" / "r.json")])
    assert_one_line_error(result, 2, "cannot write the report")


def test_no_compose_file(tmp_path: Path) -> None:
    assert_one_line_error(pearlnet(["check", str(tmp_path)]), 2, "no Compose file found")


@pytest.mark.skipif(shutil.which("docker-compose") is None and shutil.which("docker") is None, reason="no compose")
def test_nothing_written_into_the_project(tmp_path: Path) -> None:
    write(tmp_path, {"compose.yaml": SEED_COMPOSE.replace("networks: [data]\n  cache:", "networks: [data, x]\n  cache:"),
                     "pearlnet.yaml": SEED_POLICY})
    before = sorted(p.name for p in tmp_path.iterdir())
    pearlnet(["check", str(tmp_path)])
    assert sorted(p.name for p in tmp_path.iterdir()) == before
