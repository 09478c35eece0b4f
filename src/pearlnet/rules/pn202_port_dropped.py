"""PN202 — service publishes a port but none of its networks is host-facing

## What it does
Reports published ports of services whose networks are all `internal: true`
(with a policy: none of whose zones has `exposure: host`).

## Why it matters
Docker silently drops such a port: `HostConfig.PortBindings` is set but
nothing listens. Either the port was meant to be reachable and is not, or the
service was meant to be internal and the `ports:` entry is a leftover that will
expose it the day somebody adds a public network.

## Example
```yaml
services:
  db:
    networks: [space-pearl-data]   # internal
    ports: ["5432:5432"]
```

## Use instead
Remove the `ports:` entry and reach the service by name from its zone.
"""

from __future__ import annotations

from collections.abc import Iterator

from pearlnet.findings import Severity
from pearlnet.rules.base import Context, Problem

ID = "PN202"
SEVERITY = Severity.ERROR
NEEDS_POLICY = False


def check(ctx: Context) -> Iterator[Problem]:
    for name, service in ctx.project.services.items():
        if not service.ports or ctx.host_facing(name):
            continue
        why = ("none of its zones has exposure: host" if ctx.policy is not None
               else "all its networks are internal")
        for port in service.ports:
            yield Problem(
                f"service {name!r} publishes {port} but {why}: Docker drops the port silently",
                ctx.port_location(name, port),
                service=name,
            )
