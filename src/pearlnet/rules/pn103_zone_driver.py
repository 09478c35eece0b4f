"""PN103 — zone network uses another driver than the zone's

## What it does
Checks that every zone's network uses the driver the policy gives the zone
(`bridge` unless the zone says `driver: overlay` or another).

## Why it matters
The isolation pearlnet proves is the isolation of the driver it models: a
`host`, `macvlan` or `ipvlan` network puts containers straight on the LAN and
the zone's guarantees no longer hold.

## Example
```yaml
networks:
  space-pearl-public: {driver: macvlan}
```

## Use instead
```yaml
networks:
  space-pearl-public: {driver: bridge}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from pearlnet.findings import Severity
from pearlnet.rules.base import Context, Problem

ID = "PN103"
SEVERITY = Severity.ERROR
NEEDS_POLICY = True


def check(ctx: Context) -> Iterator[Problem]:
    for zone, network in ctx.zone_networks():
        if network.driver != zone.expected_driver:
            yield Problem(
                f"zone {zone.network!r} must use the {zone.expected_driver!r} driver, "
                f"the network uses {network.driver!r}",
                ctx.sources.locate("networks", zone.network, "driver"),
                network=zone.network,
            )
