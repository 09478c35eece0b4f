"""Typed view of the canonical Compose model (the JSON Docker Compose prints)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

DEFAULT_NETWORK = "default"


@dataclass(frozen=True)
class Network:
    key: str
    name: str
    driver: str = "bridge"
    internal: bool = False
    external: bool = False
    enable_ipv6: bool = False
    declared: bool = True  # False: a service names it but nothing declares it (PN101)


@dataclass(frozen=True)
class Attachment:
    """A service's membership of one network."""

    network: str
    aliases: tuple[str, ...] = ()
    ipv4_address: str | None = None
    ipv6_address: str | None = None


@dataclass(frozen=True)
class Port:
    target: int
    published: str | None  # None: Docker picks a free host port
    host_ip: str | None
    protocol: str = "tcp"
    mode: str = "ingress"

    @property
    def host_port(self) -> int | None:
        if self.published and self.published.isdigit():
            return int(self.published)
        return None

    @property
    def bind_address(self) -> str:
        return self.host_ip or "0.0.0.0"

    def __str__(self) -> str:
        host = f"{self.host_ip}:" if self.host_ip else ""
        published = self.published or "(random)"
        suffix = "" if self.protocol == "tcp" else f"/{self.protocol}"
        return f"{host}{published}:{self.target}{suffix}"


@dataclass(frozen=True)
class Mount:
    type: str
    source: str | None
    target: str


@dataclass(frozen=True)
class ConfigMount:
    source: str
    target: str


@dataclass
class Service:
    name: str
    attachments: dict[str, Attachment] = field(default_factory=dict)
    network_mode: str | None = None
    container_name: str | None = None
    hostname: str | None = None
    links: list[tuple[str, str]] = field(default_factory=list)  # (service, alias)
    ports: list[Port] = field(default_factory=list)
    environment: dict[str, str | None] = field(default_factory=dict)
    command: list[str] = field(default_factory=list)
    entrypoint: list[str] = field(default_factory=list)
    healthcheck: list[str] = field(default_factory=list)
    extra_hosts: list[tuple[str, str]] = field(default_factory=list)
    mounts: list[Mount] = field(default_factory=list)
    configs: list[ConfigMount] = field(default_factory=list)
    cap_add: list[str] = field(default_factory=list)
    privileged: bool = False
    image: str | None = None
    replicas: int = 1

    @property
    def networks(self) -> list[str]:
        return list(self.attachments)


@dataclass
class ComposeProject:
    name: str
    services: dict[str, Service]
    networks: dict[str, Network]
    configs: dict[str, str | None]  # name -> inline content (None when from a file)
    config_files: dict[str, str]  # name -> host file
    extensions: dict[str, Any]


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return value.split()
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


def _links(raw: Any) -> list[tuple[str, str]]:
    links = []
    for entry in raw or []:
        target, _, alias = str(entry).partition(":")
        links.append((target, alias or target))
    return links


def _extra_hosts(raw: Any) -> list[tuple[str, str]]:
    if isinstance(raw, Mapping):
        items: list[tuple[str, str]] = []
        for name, value in raw.items():
            for ip in value if isinstance(value, list) else [value]:
                items.append((str(name), str(ip)))
        return items
    hosts = []
    for entry in raw or []:
        text = str(entry)
        sep = "=" if "=" in text else ":"
        name, _, ip = text.partition(sep)
        hosts.append((name, ip))
    return hosts


def _ports(raw: Any) -> list[Port]:
    ports = []
    for entry in raw or []:
        if not isinstance(entry, Mapping):
            continue
        published = entry.get("published")
        ports.append(
            Port(
                target=int(entry.get("target", 0)),
                published=str(published) if published not in (None, "") else None,
                host_ip=entry.get("host_ip") or None,
                protocol=str(entry.get("protocol") or "tcp"),
                mode=str(entry.get("mode") or "ingress"),
            )
        )
    return ports


def _attachments(raw: Any) -> dict[str, Attachment]:
    attachments = {}
    for key, spec in (raw or {}).items():
        spec = spec or {}
        attachments[key] = Attachment(
            network=key,
            aliases=tuple(str(a) for a in spec.get("aliases") or ()),
            ipv4_address=spec.get("ipv4_address"),
            ipv6_address=spec.get("ipv6_address"),
        )
    return attachments


def _environment(raw: Any) -> dict[str, str | None]:
    if isinstance(raw, Mapping):
        return {str(k): None if v is None else str(v) for k, v in raw.items()}
    env: dict[str, str | None] = {}
    for entry in raw or []:
        key, sep, value = str(entry).partition("=")
        env[key] = value if sep else None
    return env


def _healthcheck(raw: Any) -> list[str]:
    if not isinstance(raw, Mapping):
        return []
    test = raw.get("test")
    return _as_list(test)


def _replicas(raw: Mapping[str, Any]) -> int:
    deploy = raw.get("deploy") or {}
    value = deploy.get("replicas", raw.get("scale", 1))
    try:
        return int(value)
    except (TypeError, ValueError):
        return 1


def service_from_json(name: str, raw: Mapping[str, Any]) -> Service:
    return Service(
        name=name,
        attachments=_attachments(raw.get("networks")),
        network_mode=raw.get("network_mode"),
        container_name=raw.get("container_name"),
        hostname=raw.get("hostname"),
        links=_links(raw.get("links")),
        ports=_ports(raw.get("ports")),
        environment=_environment(raw.get("environment")),
        command=_as_list(raw.get("command")),
        entrypoint=_as_list(raw.get("entrypoint")),
        healthcheck=_healthcheck(raw.get("healthcheck")),
        extra_hosts=_extra_hosts(raw.get("extra_hosts")),
        mounts=[
            Mount(type=str(v.get("type", "volume")), source=v.get("source"), target=str(v.get("target", "")))
            for v in raw.get("volumes") or []
            if isinstance(v, Mapping)
        ],
        configs=[
            ConfigMount(source=str(c.get("source")), target=str(c.get("target") or f"/{c.get('source')}"))
            for c in raw.get("configs") or []
            if isinstance(c, Mapping)
        ],
        cap_add=[str(c).upper().removeprefix("CAP_") for c in raw.get("cap_add") or []],
        privileged=bool(raw.get("privileged")),
        image=raw.get("image"),
        replicas=_replicas(raw),
    )


def project_from_json(model: Mapping[str, Any], undeclared: Mapping[str, object] = {}) -> ComposeProject:
    networks = {}
    for key, raw in (model.get("networks") or {}).items():
        raw = raw or {}
        networks[key] = Network(
            key=key,
            name=str(raw.get("name") or key),
            driver=str(raw.get("driver") or "bridge"),
            internal=bool(raw.get("internal")),
            external=bool(raw.get("external")),
            enable_ipv6=bool(raw.get("enable_ipv6")),
            declared=key not in undeclared,
        )
    configs: dict[str, str | None] = {}
    config_files: dict[str, str] = {}
    for key, raw in (model.get("configs") or {}).items():
        raw = raw or {}
        configs[key] = raw.get("content")
        if raw.get("file"):
            config_files[key] = str(raw["file"])
    return ComposeProject(
        name=str(model.get("name") or ""),
        services={n: service_from_json(n, s or {}) for n, s in (model.get("services") or {}).items()},
        networks=networks,
        configs=configs,
        config_files=config_files,
        extensions={k: v for k, v in model.items() if k.startswith("x-")},
    )
