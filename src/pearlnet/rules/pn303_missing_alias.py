"""PN303 — a required alias from `aliases` is missing

## What it does
For every `aliases:` entry of the policy, checks that the service answers to
the name on that network (as an alias, its service name or its container name).

## Why it matters
Clients are configured with the alias (`backend-db-client`); if the alias is
gone, they fail at run time with a name that does not resolve, or worse, are
answered by the host's resolver.

## Example
```yaml
# pearlnet.yaml
aliases:
  backend: {space-pearl-data: [backend-db-client]}
# compose.yaml: backend joins space-pearl-data with no aliases
```

## Use instead
```yaml
services:
  backend:
    networks:
      space-pearl-data:
        aliases: [backend-db-client]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from pearlnet.findings import Severity
from pearlnet.rules.base import Context, Problem

ID = "PN303"
SEVERITY = Severity.ERROR
NEEDS_POLICY = True


def check(ctx: Context) -> Iterator[Problem]:
    assert ctx.policy is not None
    for required in ctx.policy.aliases:
        if required.service not in ctx.project.services:
            continue  # PN108 reports it
        names = {n for n, _ in ctx.topology.names_on(required.service, required.network)}
        if required.alias.lower() in names:
            continue
        if required.network not in ctx.project.services[required.service].attachments:
            why = f"{required.service!r} is not on network {required.network!r}"
            location = ctx.service_location(required.service)
        else:
            why = f"{required.service!r} does not declare it on {required.network!r}"
            # Its aliases list where there is one, else the attachment.
            location = ctx.sources.locate("services", required.service, "networks", required.network, "aliases")
        yield Problem(
            f"required alias {required.alias!r} is missing: {why}",
            location,
            service=required.service,
            network=required.network,
        )
