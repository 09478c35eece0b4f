"""PN402 — two services share a network but no flow between them is declared

## What it does
For every network, every pair of services on it must be covered by a declared
flow in one direction or the other.

## Why it matters
Sharing a network means every port is open between the two (`expose` restricts
nothing). A pair with no declared flow is reachability nobody asked for: the
least-privilege gap an attacker moves through.

## Example
```yaml
flows: [proxy -> backend:8000]
# compose.yaml: certbot and frontend both on space-pearl-public, no flow
```

## Use instead
Declare the flow if it is needed, split the network if it is not, or suppress
it on the attachment line with a reason:
either service's attachment line carries it:
`space-pearl-public:  # pearlnet: ignore PN402 certbot only talks to the internet`
"""

from __future__ import annotations

from collections.abc import Iterator

from pearlnet.findings import Severity
from pearlnet.rules.base import Context, Problem

ID = "PN402"
SEVERITY = Severity.WARNING
NEEDS_POLICY = True


def check(ctx: Context) -> Iterator[Problem]:
    assert ctx.policy is not None
    covered = {(f.source, f.target) for f in ctx.policy.flows}
    covered |= {(b, a) for a, b in covered}
    for network, members in sorted(ctx.topology.members.items()):
        where = {m: ctx.attachment_location(m, network) for m in members}
        for i, first in enumerate(members):
            for second in members[i + 1 :]:
                if (first, second) in covered or first == second:
                    continue
                covered.add((first, second))  # a pair on several networks is reported once
                covered.add((second, first))
                yield Problem(
                    f"{first!r} and {second!r} share network {network!r} but no flow between them "
                    "is declared",
                    where[second],
                    service=second,
                    network=network,
                    related=(where[first],),
                )
