"""What every rule module provides, and what every rule reads."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from types import ModuleType

from pearlnet.findings import Location, Severity
from pearlnet.loader.sources import Sources
from pearlnet.model.project import ComposeProject, Network, Port
from pearlnet.model.references import Reference, ReferenceReader
from pearlnet.model.topology import Topology
from pearlnet.policy.model import Policy, Zone


@dataclass(frozen=True, slots=True)
class Problem:
    """What a rule found; the engine turns it into a Finding."""

    message: str
    location: Location | None = None
    service: str | None = None
    network: str | None = None
    severity: Severity | None = None  # None: the rule's default
    related: tuple[Location | None, ...] = ()  # other lines where a suppression may stand


@dataclass
class Context:
    project: ComposeProject
    sources: Sources
    policy: Policy | None = None
    undeclared: dict[str, set[str]] = field(default_factory=dict)

    @cached_property
    def topology(self) -> Topology:
        return Topology(self.project)

    @cached_property
    def references(self) -> list[Reference]:
        return ReferenceReader(self.project, self.sources).read()

    def zone_networks(self) -> Iterator[tuple[Zone, Network]]:
        """Each policy zone with its network, where pearlnet can see the network's settings
        (declared in the project, not external)."""
        assert self.policy is not None
        for zone in self.policy.zones.values():
            network = self.project.networks.get(zone.network)
            if network is not None and network.declared and not network.external:
                yield zone, network

    def reference_location(self, ref: Reference) -> Location | None:
        if isinstance(ref.anchor, tuple):
            return self.sources.locate(*ref.anchor)
        return ref.anchor

    def service_location(self, service: str) -> Location | None:
        return self.sources.locate("services", service)

    def attachment_location(self, service: str, network: str) -> Location | None:
        return self.sources.locate("services", service, "networks", network)

    def alias_location(self, service: str, network: str, alias: str) -> Location | None:
        keys = ("services", service, "networks", network, "aliases")
        for doc in reversed(self.sources.documents):
            for index, item in enumerate(doc.items(keys)):
                if str(getattr(item, "value", "")).lower() == alias.lower():
                    return self.sources.value((*keys, index))
        return self.attachment_location(service, network)

    def network_location(self, network: str) -> Location | None:
        return self.sources.locate("networks", network)

    def port_location(self, service: str, port: Port) -> Location | None:
        """The `ports:` entry that publishes port, as the user wrote it."""
        entries = [p for p in self.sources.ports(service) if p.matches(port.target, port.protocol)]
        exact = [p for p in entries if p.published and port.published and
                 p.published.split("-")[0] == port.published]
        chosen = (exact or entries)
        return chosen[0].location if chosen else self.sources.locate("services", service, "ports")

    def host_facing(self, service: str) -> bool:
        """Whether Docker will publish this service's ports: one of its networks reaches the host."""
        networks = self.topology.networks_of(service)
        if self.policy is not None:
            return any(n in self.policy.host_networks for n in networks)
        svc = self.project.services[service]
        if svc.network_mode and svc.network_mode != "default" and not networks:
            return True  # host, bridge, container:...: not a project network, not dropped here
        return any(
            not (self.project.networks.get(n) and self.project.networks[n].internal)
            for n in networks
        )


Check = Callable[[Context], Iterator[Problem]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    needs_policy: bool
    summary: str
    doc: str
    check: Check

    @classmethod
    def from_module(cls, module: ModuleType) -> Rule:
        doc = (module.__doc__ or "").strip()
        summary = doc.splitlines()[0].split("—", 1)[-1].strip() if doc else module.ID
        return cls(
            id=module.ID,
            severity=module.SEVERITY,
            needs_policy=module.NEEDS_POLICY,
            summary=summary,
            doc=doc,
            check=module.check,
        )
