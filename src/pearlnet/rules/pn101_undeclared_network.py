"""PN101 — service attaches to a network that is not declared

## What it does
Reports every service that names a network under `networks:` that the
top-level `networks:` section does not declare.

## Why it matters
Docker Compose refuses such a project ("refers to undefined network"), and it
usually means a typo: the service was meant to join a zone and joins nothing.
pearlnet still loads the rest of the project so that every other finding is
reported in the same run.

## Example
```yaml
services:
  db:
    networks: [space-pearl-dta]   # typo
networks:
  space-pearl-data: {internal: true}
```

## Use instead
Declare the network, or fix the name:
```yaml
services:
  db:
    networks: [space-pearl-data]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from pearlnet.findings import Severity
from pearlnet.rules.base import Context, Problem

ID = "PN101"
SEVERITY = Severity.ERROR
NEEDS_POLICY = False


def check(ctx: Context) -> Iterator[Problem]:
    for network, services in sorted(ctx.undeclared.items()):
        for service in sorted(services):
            yield Problem(
                f"service {service!r} attaches to network {network!r}, which is not declared "
                "under the top-level networks (Docker Compose refuses this file)",
                ctx.attachment_location(service, network),
                service=service,
                network=network,
            )
