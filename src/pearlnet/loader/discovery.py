"""Which files a Compose project is made of, found as Docker Compose finds them.

Compose itself builds the model; these paths only tell pearlnet which
original files to read for positions and inline suppressions.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

CANDIDATES = ("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml")


def _dotenv_value(directory: Path, key: str) -> str | None:
    dotenv = directory / ".env"
    try:
        lines = dotenv.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    for line in lines:
        name, sep, value = line.strip().partition("=")
        if sep and name.strip() == key:
            return value.strip().strip("'\"")
    return None


def _find_default(directory: Path) -> list[Path]:
    for folder in (directory, *directory.parents):
        for name in CANDIDATES:
            base = folder / name
            if base.is_file():
                stem, _, ext = name.rpartition(".")
                override = folder / f"{stem}.override.{ext}"
                return [base, override] if override.is_file() else [base]
    return []


def compose_files(
    project_dir: Path, files: Sequence[str], environ: Mapping[str, str] | None = None
) -> list[Path]:
    """The Compose files of a project, in the order Compose merges them."""
    env = os.environ if environ is None else environ
    if files:
        return [Path(f) if f == "-" else (Path.cwd() / f).resolve() for f in files]
    listed = env.get("COMPOSE_FILE") or _dotenv_value(project_dir, "COMPOSE_FILE")
    if listed:
        sep = env.get("COMPOSE_PATH_SEPARATOR") or os.pathsep
        return [(project_dir / part).resolve() for part in listed.split(sep) if part]
    return _find_default(project_dir)


def display_path(path: Path, project_dir: Path) -> str:
    """How a file is named to the user: relative to the project where it lies inside it."""
    try:
        return str(path.resolve().relative_to(project_dir.resolve()))
    except ValueError:
        return str(path)
