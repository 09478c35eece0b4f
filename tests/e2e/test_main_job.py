"""The README's main job, end to end: check, deploy, validate, report, and down again."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import NETWORKS, ROOT, STACK

pytestmark = [pytest.mark.docker, pytest.mark.slow]

PROJECT = "space-pearl"


def test_main_job_checks_deploys_validates_and_reports(docker_api: Any, tmp_path: Path) -> None:
    if [n for n in docker_api.networks.list(names=list(NETWORKS)) if n.name in NETWORKS]:
        pytest.skip("a Space Pearl stack is running: the main job would reuse it")
    secret = STACK / "secrets" / "db_password.txt"
    secret_existed = secret.exists()
    backend_existed = bool(docker_api.images.list(name="space-pearl/backend:testbed"))
    reports = tmp_path / "reports"
    # The testbed, whatever registry this machine may reach: the test must not pull gigabytes.
    env = {**os.environ, "PEARLNET_REPORTS": str(reports), "PEARLNET_IMAGES": "testbed"}
    script = ROOT / "scripts" / "space-pearl.sh"
    try:
        job = subprocess.run(["bash", str(script)], capture_output=True, text=True, timeout=900, env=env, check=False)
        assert job.returncode == 0, job.stdout[-3000:] + job.stderr[-2000:]
        assert json.loads((reports / "check.json").read_text())["summary"]["error"] == 0
        assert json.loads((reports / "check.sarif").read_text())["version"] == "2.1.0"
        validation = (reports / "validation.txt").read_text()
        assert "❌" not in validation and "✅ https://127.0.0.1:8443/api/health answers (200)" in validation
        running = docker_api.containers.list(filters={"label": f"com.docker.compose.project={PROJECT}"})
        assert len(running) == 9
    finally:
        subprocess.run(["bash", str(script), "down"], capture_output=True, timeout=300, env=env, check=False)
        for volume in docker_api.volumes.list(filters={"label": f"com.docker.compose.project={PROJECT}"}):
            volume.remove(force=True)
        if not backend_existed:
            subprocess.run(["docker", "rmi", "-f", "space-pearl/backend:testbed"], capture_output=True, check=False)
        if not secret_existed:
            secret.unlink(missing_ok=True)
    assert docker_api.containers.list(all=True, filters={"label": f"com.docker.compose.project={PROJECT}"}) == []
