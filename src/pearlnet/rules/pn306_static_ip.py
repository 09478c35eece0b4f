"""PN306 — static `ipv4_address` / `ipv6_address`

## What it does
Reports services that pin their address on a network.

## Why it matters
A pinned address is a name's job done badly: it collides with whatever else
got that address, ties the project to one subnet (engines move their default
pools), and invites peers to hard-code it.

## Example
```yaml
networks:
  space-pearl-data:
    ipv4_address: 172.28.0.10
```

## Use instead
Let Docker assign addresses and use the service name or an alias.
"""

from __future__ import annotations

from collections.abc import Iterator

from pearlnet.findings import Severity
from pearlnet.rules.base import Context, Problem

ID = "PN306"
SEVERITY = Severity.WARNING
NEEDS_POLICY = False


def check(ctx: Context) -> Iterator[Problem]:
    for name, service in ctx.project.services.items():
        for network, attachment in service.attachments.items():
            for key, value in (("ipv4_address", attachment.ipv4_address),
                               ("ipv6_address", attachment.ipv6_address)):
                if value:
                    yield Problem(
                        f"service {name!r} pins {key} {value} on {network!r}",
                        ctx.sources.locate("services", name, "networks", network, key),
                        service=name,
                        network=network,
                    )
