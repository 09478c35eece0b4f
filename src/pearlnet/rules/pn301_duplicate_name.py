"""PN301 — two services answer to the same DNS name on one network

## What it does
Builds the DNS table of every network (service names, aliases,
`container_name`, link aliases) and reports a name that two different services
answer to on the same network.

## Why it matters
Docker's embedded DNS returns every address for such a name, in random order:
half the connections meant for the database go to the other service, with no
warning. A link alias that shadows another service's name does the same for the
linking service only.

## Example
```yaml
services:
  db:     {networks: {data: {aliases: [database]}}}
  legacy: {networks: {data: {aliases: [database]}}}
```

## Use instead
Give each service its own names on each network.
"""

from __future__ import annotations

from collections.abc import Iterator

from pearlnet.findings import Location, Severity
from pearlnet.rules.base import Context, Problem

ID = "PN301"
SEVERITY = Severity.ERROR
NEEDS_POLICY = False


def check(ctx: Context) -> Iterator[Problem]:
    topology = ctx.topology
    for network, names in sorted(topology.dns.items()):
        for name, answers in sorted(names.items()):
            if len(answers) < 2:
                continue
            # The owner of a name is the service called that; the others are the duplicates.
            first, *others = sorted(answers, key=lambda a: a.via != "service name")
            for other in others:
                location = _name_location(ctx, other.service, network, other.via, name)
                yield Problem(
                    f"name {name!r} on network {network!r} answers for both {first.service!r} "
                    f"({first.via}) and {other.service!r} ({other.via}): DNS round-robins between them",
                    location,
                    service=other.service,
                    network=network,
                )
    for service_name, service in ctx.project.services.items():
        for target, alias in service.links:
            for network in topology.networks_of(service_name):
                for answer in topology.dns.get(network, {}).get(alias.lower(), []):
                    if answer.service not in (target, service_name):
                        yield Problem(
                            f"link alias {alias!r} of {service_name!r} (-> {target!r}) shadows "
                            f"{answer.service!r} on network {network!r}",
                            ctx.sources.locate("services", service_name, "links"),
                            service=service_name,
                            network=network,
                        )


def _name_location(ctx: Context, service: str, network: str, via: str, name: str) -> Location | None:
    if via == "alias":
        return ctx.alias_location(service, network, name)
    if via == "container_name":
        return ctx.sources.locate("services", service, "container_name")
    return ctx.attachment_location(service, network)
