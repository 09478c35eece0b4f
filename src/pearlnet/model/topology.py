"""One model of what Docker will do with a Compose project's networks.

Assumed engine behaviour, common to Engine 20.10 (API 1.41) and 26.1 (API 1.45)
as measured in DOCKER-FACTS.md:

- a service's name, its container_name and the aliases it declares on a network
  resolve on that network only, each to its address there; duplicates are
  answered round robin;
- `links` add a name only the linking service resolves;
- containers that share a user-defined bridge network reach each other on every
  port (`expose` restricts nothing); containers that share none cannot connect;
- `network_mode: service:X` shares X's namespace, hence X's networks;
  `host`, `none`, `bridge` and `container:...` leave every project network.

All rules read this model; none re-derives it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from pearlnet.model.project import ComposeProject, Service


@dataclass(frozen=True)
class Resolution:
    """A name answered on one network, pointing at one service."""

    network: str | None  # None for a link alias
    service: str
    via: str  # "service name", "alias", "container_name", "link"


class Topology:
    def __init__(self, project: ComposeProject) -> None:
        self.project = project

    @property
    def services(self) -> dict[str, Service]:
        return self.project.services

    def namespace_owner(self, service: str) -> str | None:
        """The service whose network namespace `service` runs in (itself, or X for service:X)."""
        seen: set[str] = set()
        current = service
        while current not in seen:
            seen.add(current)
            svc = self.services.get(current)
            if svc is None:
                return None
            mode = svc.network_mode
            if mode and mode.startswith("service:"):
                current = mode.split(":", 1)[1]
                continue
            if mode and mode not in ("", "default"):
                return None
            return current
        return None

    @cached_property
    def _effective(self) -> dict[str, tuple[str, ...]]:
        result = {}
        for name in self.services:
            owner = self.namespace_owner(name)
            result[name] = tuple(self.services[owner].attachments) if owner else ()
        return result

    def networks_of(self, service: str) -> tuple[str, ...]:
        """Project networks a service's namespace is attached to."""
        return self._effective.get(service, ())

    @cached_property
    def members(self) -> dict[str, list[str]]:
        """Per network, the services whose namespace is attached to it."""
        table: dict[str, list[str]] = defaultdict(list)
        for name, networks in self._effective.items():
            for network in networks:
                table[network].append(name)
        return dict(table)

    def names_on(self, service: str, network: str) -> list[tuple[str, str]]:
        """The DNS names a service registers on a network, with how it got each."""
        svc = self.services[service]
        attachment = svc.attachments.get(network)
        if attachment is None:
            return []
        names = [(svc.name.lower(), "service name")]
        names += [(alias.lower(), "alias") for alias in attachment.aliases]
        if svc.container_name:
            names.append((svc.container_name.lower(), "container_name"))
        return names

    @cached_property
    def dns(self) -> dict[str, dict[str, list[Resolution]]]:
        """Per network, per name, every service that answers to it."""
        table: dict[str, dict[str, list[Resolution]]] = defaultdict(lambda: defaultdict(list))
        for name, svc in self.services.items():
            for network in svc.attachments:
                for dns_name, via in self.names_on(name, network):
                    entries = table[network][dns_name]
                    if not any(r.service == name for r in entries):
                        entries.append(Resolution(network, name, via))
        return {net: dict(names) for net, names in table.items()}

    def shared_networks(self, a: str, b: str) -> list[str]:
        theirs = set(self.networks_of(b))
        return [n for n in self.networks_of(a) if n in theirs]

    def resolve(self, source: str, name: str) -> list[Resolution]:
        """Who answers `name` when `source` asks its embedded DNS."""
        lowered = name.lower()
        owner = self.namespace_owner(source)
        if owner is None:
            return []
        answers = []
        for target, alias in self.services[owner].links:
            if alias.lower() == lowered and self.shared_networks(owner, target):
                answers.append(Resolution(None, target, "link"))
        if answers:
            return answers
        for network in self.networks_of(source):
            answers.extend(self.dns.get(network, {}).get(lowered, []))
        return answers
