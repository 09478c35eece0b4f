"""PN307 — a host name a service refers to does not resolve from that service's networks

## What it does
Takes every host name a service refers to (URLs and `host:port` in its
environment, host keys such as `REDIS_HOST`, command and entrypoint arguments,
nginx `proxy_pass`/`upstream` servers) and resolves it the way Docker's
embedded DNS will, from the networks that service is on. Names with a dot,
`localhost` and `host.docker.internal` are taken to be outside the project.

## Why it matters
This is the bug zones create: the backend is moved to the app network and its
`DATABASE_URL` still says `db`, which lives on the data network. Docker then
forwards the name to the host's resolver: at best NXDOMAIN at run time, at
worst a stranger's address.

## Example
```yaml
services:
  frontend:
    networks: [space-pearl-public]
    environment:
      API_URL: http://db:5432      # db is on space-pearl-data only
```

## Use instead
Point the service at a peer on one of its own networks (here the proxy), or
attach it to the peer's zone if the policy allows that flow.
"""

from __future__ import annotations

from collections.abc import Iterator

from pearlnet.findings import Severity
from pearlnet.model.references import describe
from pearlnet.rules.base import Context, Problem

ID = "PN307"
SEVERITY = Severity.ERROR
NEEDS_POLICY = False


def check(ctx: Context) -> Iterator[Problem]:
    topology = ctx.topology
    for ref in ctx.references:
        if not ref.is_project_name:
            continue
        service = ctx.project.services[ref.service]
        mode = service.network_mode or ""
        if mode.startswith("container:") or (mode == "bridge" and service.links):
            continue  # namespace outside the project: nothing to say statically
        host = ref.host.lower()
        own_names = {service.name.lower(), (service.hostname or "").lower(),
                     (service.container_name or "").lower()}
        if host in own_names or host in {n.lower() for n, _ in service.extra_hosts}:
            continue
        if topology.resolve(ref.service, host):
            continue
        networks = ", ".join(topology.networks_of(ref.service)) or "no project network"
        owners = [name for name in ctx.project.services
                  if any(host in {n for n, _ in topology.names_on(name, net)}
                         for net in ctx.project.services[name].attachments)]
        if owners:
            theirs = ", ".join(sorted({n for o in owners for n in topology.networks_of(o)}))
            why = f"{owners[0]!r} answers to it on {theirs}, which {ref.service!r} does not share"
        else:
            why = "no service or alias of the project has that name"
        yield Problem(
            f"{ref.service!r} refers to {describe(ref)} in {ref.where}, which does not resolve from "
            f"its networks ({networks}): {why}",
            ctx.reference_location(ref),
            service=ref.service,
        )
