"""PN201 — published host port not in `ports.allow`

## What it does
Every port a service publishes on the host must be listed in the policy's
`ports.allow`. A port published without a fixed host port gets a random one,
which no allow-list can hold.

## Why it matters
A published port bypasses host firewalls such as UFW (Docker writes its own
iptables rules) and binds every address by default: `5432:5432` on a database
puts it on the internet.

## Example
```yaml
services:
  db:
    ports: ["5432:5432"]
```

## Use instead
Reach the database over the data zone by name (`db:5432`) and publish nothing;
only the proxy publishes:
```yaml
services:
  proxy:
    ports: ["8080:8080", "8443:8443"]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from pearlnet.findings import Severity
from pearlnet.rules.base import Context, Problem

ID = "PN201"
SEVERITY = Severity.ERROR
NEEDS_POLICY = True


def check(ctx: Context) -> Iterator[Problem]:
    assert ctx.policy is not None
    allowed = ctx.policy.allowed_ports
    if allowed is None:
        return
    shown = ", ".join(map(str, sorted(allowed))) or "nothing"
    for name, service in ctx.project.services.items():
        for port in service.ports:
            host_port = port.host_port
            if host_port is not None and host_port in allowed:
                continue
            what = f"host port {host_port}" if host_port is not None else "a random host port"
            yield Problem(
                f"service {name!r} publishes {what} (-> {port.target}/{port.protocol}); "
                f"ports.allow permits {shown}",
                ctx.port_location(name, port),
                service=name,
            )
