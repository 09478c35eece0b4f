"""PN105 — service attached to a zone whose `members` do not include it

## What it does
When a zone lists its `members`, every service attached to the zone's network
must be one of them.

## Why it matters
Zone membership is the architecture: a cache that also joins the public
network can be reached from the internet-facing side, and nobody decided that.

## Example
```yaml
# pearlnet.yaml
zones:
  space-pearl-data: {exposure: internal, members: [db, cache, backend]}
# compose.yaml
services:
  frontend:
    networks: [space-pearl-public, space-pearl-data]
```

## Use instead
Remove the attachment, or add the service to the zone's members after review.
"""

from __future__ import annotations

from collections.abc import Iterator

from pearlnet.findings import Severity
from pearlnet.rules.base import Context, Problem

ID = "PN105"
SEVERITY = Severity.ERROR
NEEDS_POLICY = True


def check(ctx: Context) -> Iterator[Problem]:
    assert ctx.policy is not None
    for name, service in ctx.project.services.items():
        for network in service.attachments:
            zone = ctx.policy.zone_of(network)
            if zone is None or zone.members is None or name in zone.members:
                continue
            yield Problem(
                f"service {name!r} is attached to zone {network!r}, whose members are "
                f"{', '.join(zone.members) or '(none)'}",
                ctx.attachment_location(name, network),
                service=name,
                network=network,
            )
