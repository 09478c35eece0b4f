"""PN205 — published port range, or no fixed host port

## What it does
Reports `ports:` entries that publish a range (`9000-9010:9000-9010`) or let
Docker choose the host port (`"3000"`, `published:` omitted).

## Why it matters
What is exposed can no longer be read off the file: a range opens ports
nothing listens on yet, and a random host port changes on every restart, so no
firewall rule or allow-list can name it.

## Example
```yaml
services:
  n8n:
    ports: ["5678"]
```

## Use instead
```yaml
services:
  n8n:
    ports: ["127.0.0.1:5678:5678"]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from pearlnet.findings import Severity
from pearlnet.rules.base import Context, Problem

ID = "PN205"
SEVERITY = Severity.WARNING
NEEDS_POLICY = False


def check(ctx: Context) -> Iterator[Problem]:
    for name, service in ctx.project.services.items():
        if not service.ports:
            continue
        for entry in ctx.sources.ports(name):
            if entry.is_range:
                yield Problem(f"service {name!r} publishes a port range ({entry.published or entry.target})",
                              entry.location, service=name)
        for port in service.ports:
            if port.published is None:
                yield Problem(f"service {name!r} publishes container port {port.target} on a random host port",
                              ctx.port_location(name, port), service=name)
