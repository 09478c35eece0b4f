"""Load a Compose project: Compose v2 for the model, the original YAML for positions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pearlnet.errors import InputError
from pearlnet.loader.compose import ComposeRunner
from pearlnet.loader.discovery import compose_files
from pearlnet.loader.sources import Sources, read_sources
from pearlnet.model.project import ComposeProject, project_from_json
from pearlnet.policy.load import find_policy_file, load_policy_file, parse_policy
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


def load_project(options: LoadOptions) -> LoadedProject:
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
    # Compose runs while pearlnet reads the same files with positions.
    started = runner.start()
    try:
        sources = read_sources(project_dir, [f for f in files if str(f) != "-"])
    except BaseException:
        started.kill()
        started.communicate()
        raise
    result = runner.load(started)
    project = project_from_json(result.model, result.undeclared)
    masker = Masker.from_environment(s.environment for s in project.services.values())
    policy = _load_policy(project_dir, options.policy, result.model, sources)
    return LoadedProject(project, sources, policy, result.undeclared, masker,
                         [masker(w) for w in result.warnings])


def _load_policy(project_dir: Path, explicit: str | None, model: dict[str, object],
                 sources: Sources) -> Policy | None:
    path = find_policy_file(project_dir, explicit)
    if path is not None:
        display = explicit if explicit else sources.display(path)
        return load_policy_file(path, display)
    if POLICY_KEY in model:
        for doc in reversed(sources.documents):
            node = doc.node((POLICY_KEY,))
            if node is not None:
                return parse_policy(node, doc.display)
        raise InputError(f"{POLICY_KEY} comes from a file pearlnet could not read with positions")
    return None
