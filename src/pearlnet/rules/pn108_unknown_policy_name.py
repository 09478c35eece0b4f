"""PN108 — policy names a zone or service the Compose model does not have

## What it does
Checks every service and network the policy names (zones, members, aliases,
flows, deny entries) against the loaded Compose model, profiles applied.

## Why it matters
A policy about a service that does not exist proves nothing: a renamed
service escapes every rule written for its old name.

## Example
```yaml
flows:
  - proxy -> api:8000     # the service is called "backend"
```

## Use instead
```yaml
flows:
  - proxy -> backend:8000
```
"""

from __future__ import annotations

from collections.abc import Iterator

from pearlnet.findings import Severity
from pearlnet.policy.load import policy_zone_refs
from pearlnet.rules.base import Context, Problem

ID = "PN108"
SEVERITY = Severity.ERROR
NEEDS_POLICY = True


def check(ctx: Context) -> Iterator[Problem]:
    assert ctx.policy is not None
    reported: set[tuple[str, str]] = set()
    for name, location in ctx.policy.service_refs:
        if name not in ctx.project.services and ("service", name) not in reported:
            reported.add(("service", name))
            yield Problem(f"the policy names service {name!r}, which the Compose project does not have",
                          location, service=name)
    for network, location in policy_zone_refs(ctx.policy):
        if network not in ctx.project.networks and ("zone", network) not in reported:
            reported.add(("zone", network))
            yield Problem(f"the policy names network {network!r}, which the Compose project does not have",
                          location, network=network)
