"""PN502 — `privileged`, or NET_ADMIN / NET_RAW / SYS_ADMIN / ALL added

## What it does
Reports services that run privileged or add a capability that lets them change
the network they sit on.

## Why it matters
NET_ADMIN rewrites routes and iptables inside the namespace, NET_RAW forges
packets (ARP spoofing on the bridge), SYS_ADMIN and `privileged` can escape the
namespace: the zone boundaries only hold for containers that cannot move them.

## Example
```yaml
services:
  backend:
    cap_add: [NET_ADMIN]
```

## Use instead
Drop the capability; if a tool needs it (a VPN client), give it a zone of its
own with nothing else in it.
"""

from __future__ import annotations

from collections.abc import Iterator

from pearlnet.findings import Severity
from pearlnet.rules.base import Context, Problem

ID = "PN502"
SEVERITY = Severity.WARNING
NEEDS_POLICY = False

RISKY = ("NET_ADMIN", "NET_RAW", "SYS_ADMIN", "ALL")


def check(ctx: Context) -> Iterator[Problem]:
    for name, service in ctx.project.services.items():
        if service.privileged:
            yield Problem(f"service {name!r} runs privileged",
                          ctx.sources.locate("services", name, "privileged"), service=name)
        for cap in service.cap_add:
            if cap in RISKY:
                yield Problem(f"service {name!r} adds capability {cap}",
                              ctx.sources.locate("services", name, "cap_add", cap) or
                              ctx.sources.locate("services", name, "cap_add"),
                              service=name)
