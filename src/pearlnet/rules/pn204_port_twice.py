"""PN204 — the same host address and port published twice

## What it does
Reports a host address, port and protocol that two publications claim, within
one service or across services. `0.0.0.0` overlaps every IPv4 address.

## Why it matters
Only one can bind it: the second container fails to start ("port is already
allocated"), or, with replicas, the deployment flaps.

## Example
```yaml
services:
  proxy:    {ports: ["8080:80"]}
  frontend: {ports: ["8080:5173"]}
```

## Use instead
Give each its own host port, or publish only the proxy.
"""

from __future__ import annotations

from collections.abc import Iterator

from pearlnet.findings import Location, Severity
from pearlnet.model.project import Port
from pearlnet.rules.base import Context, Problem

ID = "PN204"
SEVERITY = Severity.ERROR
NEEDS_POLICY = False


def _overlap(a: str, b: str) -> bool:
    if a == b:
        return True
    wild = {"0.0.0.0", "::"}
    both_v6 = (":" in a) == (":" in b)
    return both_v6 and (a in wild or b in wild)


def _order(item: tuple[str, Location | None]) -> tuple[str, int]:
    location = item[1]
    return (location.file, location.line or 0) if location else ("", 0)


def check(ctx: Context) -> Iterator[Problem]:
    seen: dict[tuple[int, str], list[tuple[str, Port]]] = {}
    for name, service in ctx.project.services.items():
        for port in service.ports:
            host_port = port.host_port
            if host_port is None:
                continue
            claims = seen.setdefault((host_port, port.protocol), [])
            for other_name, other in claims:
                if _overlap(port.bind_address, other.bind_address):
                    # Point at whichever publication comes later in the files.
                    here, there = ctx.port_location(name, port), ctx.port_location(other_name, other)
                    first, second = sorted([(other_name, there), (name, here)], key=_order)
                    yield Problem(
                        f"host port {port.bind_address}:{host_port}/{port.protocol} is published by "
                        f"{first[0]!r} and again by {second[0]!r}",
                        second[1],
                        service=second[0],
                        related=(first[1],),
                    )
                    break
            claims.append((name, port))
