"""Tiny inline projects for rule tests: write the files, load them through real Compose."""

from __future__ import annotations

import textwrap
from pathlib import Path

from pearlnet.check import Selection, run_checks
from pearlnet.findings import Finding
from pearlnet.loader.project import LoadOptions, load_project

SEED_POLICY = """\
version: 1
zones:
  public: {exposure: host, members: [frontend, proxy]}
  app: {exposure: internal, members: [backend, proxy]}
  data: {exposure: internal, members: [db, cache, backend]}
ports:
  allow: [8080, 8443, 5173]
  bind: {5173: 127.0.0.1}
aliases:
  backend: {data: [backend-db-client]}
flows:
  - proxy -> frontend:5173
  - proxy -> backend:8000
  - backend -> db:5432
  - backend -> cache:6379
  - cache -> db:5432
deny:
  - zone:public -> zone:data
"""

SEED_COMPOSE = """\
name: seed
services:
  proxy:
    image: nginx
    ports: ["8080:8080", "8443:8443"]
    networks: [public, app]
  frontend:
    image: web
    ports: ["127.0.0.1:5173:5173"]
    networks: [public]
  backend:
    image: api
    environment:
      DATABASE_URL: postgres://app:s3cret-pw@db:5432/app
      REDIS_HOST: cache
    networks:
      app: {}
      data:
        aliases: [backend-db-client]
  db:
    image: postgres
    networks: [data]
  cache:
    image: redis
    networks: [data]
networks:
  public: {}
  app: {internal: true}
  data: {internal: true}
"""


def write(directory: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return directory


def check(directory: Path, compose: str, policy: str | None = None, rule: str | None = None,
          extra: dict[str, str] | None = None) -> list[Finding]:
    files = {"compose.yaml": compose, **(extra or {})}
    if policy is not None:
        files["pearlnet.yaml"] = policy
    write(directory, files)
    loaded = load_project(LoadOptions(project_dir=directory))
    result = run_checks(loaded, Selection(select=[rule] if rule else []))
    return result.findings


def positions(findings: list[Finding], rule: str) -> list[tuple[str, int | None]]:
    return [(f.location.file if f.location else "", f.location.line if f.location else None)
            for f in findings if f.rule == rule]


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the n-th line of text that contains needle."""
    hits = [i for i, line in enumerate(textwrap.dedent(text).splitlines(), 1) if needle in line]
    return hits[occurrence - 1]
