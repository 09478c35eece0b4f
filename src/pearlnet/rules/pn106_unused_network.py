"""PN106 — declared network that no service uses

## What it does
Reports networks under the top-level `networks:` that no service attaches to.

## Why it matters
A zone without services is usually a service that was meant to be there and is
not: the database lost its `networks:` key and now sits on `default`.

## Example
```yaml
networks:
  space-pearl-tools: {internal: true}   # nobody joins it
```

## Use instead
Attach the services that belong to it, or remove the declaration.
"""

from __future__ import annotations

from collections.abc import Iterator

from pearlnet.findings import Severity
from pearlnet.rules.base import Context, Problem

ID = "PN106"
SEVERITY = Severity.WARNING
NEEDS_POLICY = False


def check(ctx: Context) -> Iterator[Problem]:
    used = {net for svc in ctx.project.services.values() for net in svc.attachments}
    for key, network in ctx.project.networks.items():
        if key in used or not network.declared:
            continue
        location = ctx.sources.find(("networks", key))
        if location is None:
            continue  # added by Compose itself, not by the user
        yield Problem(f"network {key!r} is declared but no service uses it", location, network=key)
