"""PN501 — Docker socket mounted: the service can re-wire every network

## What it does
Reports bind mounts of the Docker Engine socket (`/var/run/docker.sock`,
`/run/docker.sock`) or of the folder that holds it.

## Why it matters
Whoever can talk to the socket is root on the host: it can attach any
container to any network, publish any port, and so undo every zone. A
compromised proxy or tool with the socket owns the whole stack.

## Example
```yaml
services:
  n8n:
    volumes: ["/var/run/docker.sock:/var/run/docker.sock"]
```

## Use instead
Do without it; if a tool truly needs the API, put a filtering socket proxy
in front of it that allows only the read-only calls the tool needs.
"""

from __future__ import annotations

from collections.abc import Iterator

from pearlnet.findings import Severity
from pearlnet.rules.base import Context, Problem

ID = "PN501"
SEVERITY = Severity.ERROR
NEEDS_POLICY = False

SOCKETS = ("/var/run/docker.sock", "/run/docker.sock")
SOCKET_DIRS = ("/var/run", "/run", "/var/run/docker", "/run/docker")


def check(ctx: Context) -> Iterator[Problem]:
    for name, service in ctx.project.services.items():
        for mount in service.mounts:
            source = (mount.source or "").rstrip("/")
            if mount.type == "bind" and (source in SOCKETS or source in SOCKET_DIRS):
                yield Problem(
                    f"service {name!r} mounts the Docker socket ({source} -> {mount.target})",
                    ctx.sources.locate("services", name, "volumes", source) or
                    ctx.sources.locate("services", name, "volumes"),
                    service=name,
                )
