"""PN403 — a `deny` entry is possible in the topology

## What it does
For `S -> T`: S and T must share no network. For `zone:A -> zone:B`: no
service attached to A may share a network with a service whose networks all
lie in B. Sides mix: `zone:A -> db` means no member of A shares a network
with db.

## Why it matters
This is the proof the architecture exists for: the internet-facing side cannot
open a connection to the database, whatever it is tricked into doing.

## Example
```yaml
deny: [zone:space-pearl-public -> zone:space-pearl-data]
# compose.yaml: frontend on space-pearl-public and space-pearl-data
```

## Use instead
Remove the attachment that bridges the two zones; let traffic pass through
the services the flows name (the proxy, the backend).
"""

from __future__ import annotations

from collections.abc import Iterator

from pearlnet.findings import Severity
from pearlnet.policy.model import Side
from pearlnet.rules.base import Context, Problem

ID = "PN403"
SEVERITY = Severity.ERROR
NEEDS_POLICY = True


def _sources(ctx: Context, side: Side) -> list[str]:
    if not side.is_zone:
        return [side.name] if side.name in ctx.project.services else []
    return list(ctx.topology.members.get(side.name, []))


def _targets(ctx: Context, side: Side) -> list[str]:
    if not side.is_zone:
        return [side.name] if side.name in ctx.project.services else []
    return [
        name for name in ctx.topology.members.get(side.name, [])
        if set(ctx.topology.networks_of(name)) <= {side.name}
    ]


def check(ctx: Context) -> Iterator[Problem]:
    assert ctx.policy is not None
    for deny in ctx.policy.deny:
        for source in _sources(ctx, deny.source):
            for target in _targets(ctx, deny.target):
                if source == target:
                    continue
                shared = ctx.topology.shared_networks(source, target)
                if shared:
                    yield Problem(
                        f"deny {deny} is possible: {source!r} shares network {shared[0]!r} "
                        f"with {target!r}",
                        ctx.attachment_location(source, shared[0]) or deny.location,
                        service=source,
                        network=shared[0],
                    )
