"""PN203 — published port binds another address than `ports.bind` requires

## What it does
For each host port in the policy's `ports.bind`, every publication of that port
must bind exactly the address given (for example `127.0.0.1`).

## Why it matters
Compose binds `0.0.0.0` and `[::]` unless told otherwise: a development port
meant for the local browser is then open to the whole network.

## Example
```yaml
services:
  frontend:
    ports: ["5173:5173"]
```

## Use instead
```yaml
services:
  frontend:
    ports: ["127.0.0.1:5173:5173"]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from pearlnet.findings import Severity
from pearlnet.rules.base import Context, Problem

ID = "PN203"
SEVERITY = Severity.ERROR
NEEDS_POLICY = True


def check(ctx: Context) -> Iterator[Problem]:
    assert ctx.policy is not None
    for name, service in ctx.project.services.items():
        for port in service.ports:
            host_port = port.host_port
            if host_port is None or host_port not in ctx.policy.bind:
                continue
            required, _ = ctx.policy.bind[host_port]
            if port.bind_address != required:
                yield Problem(
                    f"service {name!r} binds host port {host_port} on {port.bind_address}; "
                    f"the policy requires {required}",
                    ctx.port_location(name, port),
                    service=name,
                )
