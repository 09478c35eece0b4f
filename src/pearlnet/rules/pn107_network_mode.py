"""PN107 — `network_mode: host` (warning for `service:`/`container:`) bypasses the zones

## What it does
Reports services whose `network_mode` takes them out of the project's
networks: `host` (error), `service:X` and `container:X` (warning).

## Why it matters
With `network_mode: host` the container shares the host's network stack: every
port it listens on is reachable from outside, and it can reach every zone's
gateway. `service:X` silently gives a service every network X is on.

## Example
```yaml
services:
  n8n:
    network_mode: host
```

## Use instead
```yaml
services:
  n8n:
    networks: [space-pearl-tools]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from pearlnet.findings import Severity
from pearlnet.rules.base import Context, Problem

ID = "PN107"
SEVERITY = Severity.ERROR
NEEDS_POLICY = False


def check(ctx: Context) -> Iterator[Problem]:
    for name, service in ctx.project.services.items():
        mode = service.network_mode
        if not mode:
            continue
        location = ctx.sources.locate("services", name, "network_mode")
        if mode == "host":
            yield Problem(f"service {name!r} uses network_mode: host and leaves every zone",
                          location, service=name)
        elif mode.startswith(("service:", "container:")):
            yield Problem(
                f"service {name!r} uses network_mode: {mode} and shares that namespace's networks",
                location, service=name, severity=Severity.WARNING,
            )
