"""Load a Compose project: Compose v2 for the model, the original YAML for positions.

Compose is started first and runs while pearlnet imports its rules and reads the
same files with positions: on a large project the Compose call is most of the time.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pearlnet.errors import InputError
from pearlnet.loader.compose import ComposeRunner
from pearlnet.loader.discovery import compose_files

if TYPE_CHECKING:
    from pearlnet.loader.sources import Sources
    from pearlnet.model.project import ComposeProject
    from pearlnet.policy.model import Policy
    from pearlnet.secrets import Masker

POLICY_KEY = "x-pearlnet"


@dataclass
class LoadOptions:
    project_dir: Path = field(default_factory=Path.cwd)
    files: Sequence[str] = ()
    env_file: str | None = None
    profiles: Sequence[str] = ()
    policy: str | None = None


@dataclass
class LoadedProject:
    project: ComposeProject
    sources: Sources
    policy: Policy | None
    undeclared: dict[str, set[str]]
    masker: Masker
    warnings: list[str]


@dataclass
class PendingLoad:
    """A load whose Compose process is already running."""

    options: LoadOptions
    project_dir: Path
    files: list[Path]
    runner: ComposeRunner
    process: subprocess.Popen[str]

    def finish(self) -> LoadedProject:
        from pearlnet.loader.sources import read_sources
        from pearlnet.model.project import project_from_json
        from pearlnet.secrets import Masker

        try:
            sources = read_sources(self.project_dir, [f for f in self.files if str(f) != "-"])
            sources.prepare()
            policy = _load_policy_file(self.project_dir, self.options.policy, sources)
        except BaseException:
            self.process.kill()
            self.process.communicate()
            raise
        result = self.runner.load(self.process)
        project = project_from_json(result.model, result.undeclared)
        masker = Masker.from_environment(s.environment for s in project.services.values())
        if policy is None:
            policy = _embedded_policy(result.model, sources)
        return LoadedProject(project, sources, policy, result.undeclared, masker,
                             [masker(w) for w in result.warnings])


def start_load(options: LoadOptions) -> PendingLoad:
    project_dir = options.project_dir.resolve()
    if not project_dir.is_dir():
        raise InputError("no such project directory", file=str(options.project_dir))
    files = compose_files(project_dir, options.files)
    if not files:
        raise InputError(
            "no Compose file found (compose.yaml, compose.yml, docker-compose.yaml, "
            "docker-compose.yml)", file=str(options.project_dir))
    runner = ComposeRunner(project_dir, files, explicit_files=bool(options.files),
                           env_file=options.env_file, profiles=options.profiles)
    return PendingLoad(options, project_dir, files, runner, runner.start())


def load_project(options: LoadOptions) -> LoadedProject:
    return start_load(options).finish()


def _load_policy_file(project_dir: Path, explicit: str | None, sources: Sources) -> Policy | None:
    """--policy, else pearlnet.yaml / pearlnet.yml in the project directory."""
    from pearlnet.policy.load import find_policy_file, load_policy_file

    path = find_policy_file(project_dir, explicit)
    if path is None:
        return None
    return load_policy_file(path, explicit if explicit else sources.display(path))


def _embedded_policy(model: dict[str, object], sources: Sources) -> Policy | None:
    """The top-level x-pearlnet key of the Compose model, read from the file that sets it."""
    from pearlnet.policy.load import parse_policy

    if POLICY_KEY in model:
        for doc in reversed(sources.documents):
            node = doc.node((POLICY_KEY,))
            if node is not None:
                return parse_policy(node, doc.display)
        raise InputError(f"{POLICY_KEY} comes from a file pearlnet could not read with positions")
    return None
