"""PN304 — alias or service name is not a valid DNS label

## What it does
Checks that service names, aliases and container names are valid host names:
labels of letters, digits and hyphens, 1 to 63 characters, not starting or
ending with a hyphen (RFC 1123).

## Why it matters
Docker registers the name, but clients do not all accept it: an underscore
breaks TLS certificate checks, URL parsers and Java's `URI`, so `my_db` may
resolve in `ping` and fail in the application.

## Example
```yaml
services:
  space_pearl_db: {image: postgres}
```

## Use instead
```yaml
services:
  space-pearl-db: {image: postgres}
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pearlnet.findings import Severity
from pearlnet.rules.base import Context, Problem

ID = "PN304"
SEVERITY = Severity.WARNING
NEEDS_POLICY = False

LABEL = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")


def valid_host_name(name: str) -> bool:
    return len(name) <= 253 and all(LABEL.match(label) for label in name.split("."))


def check(ctx: Context) -> Iterator[Problem]:
    for name, service in ctx.project.services.items():
        if not valid_host_name(name):
            yield Problem(f"service name {name!r} is not a valid DNS label",
                          ctx.service_location(name), service=name)
        if service.container_name and not valid_host_name(service.container_name):
            yield Problem(f"container_name {service.container_name!r} is not a valid DNS label",
                          ctx.sources.locate("services", name, "container_name"), service=name)
        for network, attachment in service.attachments.items():
            for alias in attachment.aliases:
                if not valid_host_name(alias):
                    yield Problem(
                        f"alias {alias!r} of {name!r} on {network!r} is not a valid DNS label",
                        ctx.alias_location(name, network, alias),
                        service=name,
                        network=network,
                    )
