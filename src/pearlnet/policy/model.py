"""The policy as data: zones, ports, aliases, flows and denies."""

from __future__ import annotations

from dataclasses import dataclass, field

from pearlnet.findings import Location

EXPOSURES = ("host", "internal")


@dataclass(frozen=True)
class Zone:
    network: str
    exposure: str
    members: tuple[str, ...] | None
    driver: str | None
    location: Location

    @property
    def expected_driver(self) -> str:
        return self.driver or "bridge"


@dataclass(frozen=True)
class Flow:
    source: str
    target: str
    port: int
    protocol: str
    text: str
    location: Location

    def __str__(self) -> str:
        suffix = "" if self.protocol == "tcp" else f"/{self.protocol}"
        return f"{self.source} -> {self.target}:{self.port}{suffix}"


@dataclass(frozen=True)
class Side:
    name: str
    is_zone: bool

    def __str__(self) -> str:
        return f"zone:{self.name}" if self.is_zone else self.name


@dataclass(frozen=True)
class Deny:
    source: Side
    target: Side
    location: Location

    def __str__(self) -> str:
        return f"{self.source} -> {self.target}"


@dataclass(frozen=True)
class RequiredAlias:
    service: str
    network: str
    alias: str
    location: Location


@dataclass
class Policy:
    file: str
    zones: dict[str, Zone] = field(default_factory=dict)
    allowed_ports: frozenset[int] | None = None
    allowed_location: Location | None = None
    bind: dict[int, tuple[str, Location]] = field(default_factory=dict)
    aliases: list[RequiredAlias] = field(default_factory=list)
    flows: list[Flow] = field(default_factory=list)
    deny: list[Deny] = field(default_factory=list)
    service_refs: list[tuple[str, Location]] = field(default_factory=list)

    def zone_of(self, network: str) -> Zone | None:
        return self.zones.get(network)

    @property
    def host_networks(self) -> set[str]:
        return {z.network for z in self.zones.values() if z.exposure == "host"}
