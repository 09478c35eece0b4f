"""PN102 — zone with `exposure: internal` whose network lacks `internal: true`

## What it does
For every zone the policy marks `exposure: internal`, checks that the Compose
network sets `internal: true`.

## Why it matters
Without `internal: true` Docker gives the network a default route and
masquerading: every container on it can open connections to the internet and
to the LAN, and a compromised database can exfiltrate data. See Docker's
documentation on `internal` networks (engine/network/drivers/bridge).

## Example
```yaml
# pearlnet.yaml
zones:
  space-pearl-data: {exposure: internal}
# compose.yaml
networks:
  space-pearl-data: {driver: bridge}
```

## Use instead
```yaml
networks:
  space-pearl-data: {driver: bridge, internal: true}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from pearlnet.findings import Severity
from pearlnet.rules.base import Context, Problem

ID = "PN102"
SEVERITY = Severity.ERROR
NEEDS_POLICY = True


def check(ctx: Context) -> Iterator[Problem]:
    for zone, network in ctx.zone_networks():
        if zone.exposure == "internal" and not network.internal:
            yield Problem(
                f"zone {zone.network!r} is internal in the policy, but the network does not set "
                "`internal: true`: its containers get a route to the outside",
                ctx.network_location(zone.network),
                network=zone.network,
            )
