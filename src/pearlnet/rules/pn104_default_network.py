"""PN104 — service sits on the implicit `default` network, outside every zone

## What it does
Reports services that Compose attaches to the project's `default` network
because they name no network (or name `default`) while `default` is no zone
(with a policy) or is not declared at all (without one).

## Why it matters
Every such service can reach every other service on `default`: a forgotten
`networks:` key silently puts a service in one flat network with all the others.

## Example
```yaml
services:
  adminer:
    image: adminer    # no networks: joins "default"
```

## Use instead
Attach the service to the zone it belongs to:
```yaml
services:
  adminer:
    networks: [space-pearl-tools]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from pearlnet.findings import Severity
from pearlnet.model.project import DEFAULT_NETWORK
from pearlnet.rules.base import Context, Problem

ID = "PN104"
SEVERITY = Severity.WARNING
NEEDS_POLICY = False


def check(ctx: Context) -> Iterator[Problem]:
    if ctx.policy is not None:
        if DEFAULT_NETWORK in ctx.policy.zones:
            return
    elif ctx.sources.find(("networks", DEFAULT_NETWORK)) is not None:
        return
    for name, service in ctx.project.services.items():
        if DEFAULT_NETWORK in service.attachments:
            yield Problem(
                f"service {name!r} is on the implicit 'default' network, outside every zone",
                ctx.service_location(name),
                service=name,
                network=DEFAULT_NETWORK,
            )
