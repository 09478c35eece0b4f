"""PN401 — declared flow is impossible: no shared network on which the target's name resolves

## What it does
For every `flows:` entry `SOURCE -> TARGET:PORT`, checks that SOURCE can resolve
the name TARGET on a network it shares with the service TARGET.

## Why it matters
The policy says the connection must work; the topology says it cannot. This is
the static form of an outage: the backend will not reach its database after
deployment.

## Example
```yaml
flows:
  - backend -> db:5432
# compose.yaml: backend on space-pearl-app only, db on space-pearl-data only
```

## Use instead
Attach both to the zone of the flow (here `space-pearl-data`), or route the
flow through a service that is on both.
"""

from __future__ import annotations

from collections.abc import Iterator

from pearlnet.findings import Severity
from pearlnet.rules.base import Context, Problem

ID = "PN401"
SEVERITY = Severity.ERROR
NEEDS_POLICY = True


def check(ctx: Context) -> Iterator[Problem]:
    assert ctx.policy is not None
    services = ctx.project.services
    for flow in ctx.policy.flows:
        if flow.source not in services or flow.target not in services:
            continue  # PN108 reports it
        answers = ctx.topology.resolve(flow.source, flow.target)
        if any(a.service == flow.target for a in answers):
            continue
        if answers:
            why = f"the name answers for {answers[0].service!r} instead"
        else:
            mine = ", ".join(ctx.topology.networks_of(flow.source)) or "none"
            theirs = ", ".join(ctx.topology.networks_of(flow.target)) or "none"
            why = f"they share no network ({flow.source}: {mine}; {flow.target}: {theirs})"
        yield Problem(f"flow {flow} is impossible: {why}", flow.location,
                      service=flow.source)
