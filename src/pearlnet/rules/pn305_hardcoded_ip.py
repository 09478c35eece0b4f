"""PN305 — hard-coded IP address where a DNS name belongs

## What it does
Reports IP addresses in the places a service names its peers: environment
values (URLs, `host:port`, host keys), command, entrypoint, healthcheck,
`extra_hosts`, and nginx configuration. Loopback and wildcard addresses
(`127.0.0.1`, `0.0.0.0`, `::`) are where a service binds, and are left alone.

## Why it matters
Container addresses change on every `up`, and pools move between engines: the
connection that worked yesterday goes to another container today. An address
also bypasses the zone model: it says nothing about which network it is on.

## Example
```yaml
environment:
  DATABASE_URL: postgres://app@172.20.0.5:5432/app
```

## Use instead
```yaml
environment:
  DATABASE_URL: postgres://app@db:5432/app
```
"""

from __future__ import annotations

from collections.abc import Iterator

from pearlnet.findings import Severity
from pearlnet.model.references import describe, is_local_address
from pearlnet.rules.base import Context, Problem

ID = "PN305"
SEVERITY = Severity.WARNING
NEEDS_POLICY = False


def check(ctx: Context) -> Iterator[Problem]:
    for ref in ctx.references:
        if ref.is_ip and not is_local_address(ref.host):
            yield Problem(
                f"service {ref.service!r} names {describe(ref)} by IP address in {ref.where}; "
                "use the peer's DNS name",
                ctx.reference_location(ref),
                service=ref.service,
            )
