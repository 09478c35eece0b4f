"""Host names and addresses a service refers to, and where each is written.

Read: environment values that are URLs or `host:port`, bare names in keys that
name a host (…HOST, …URL, …DSN, …), command/entrypoint/healthcheck arguments,
`extra_hosts`, and nginx configuration mounted into the service or given inline
through `configs`, parsed with crossplane.
"""

from __future__ import annotations

import ipaddress
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pearlnet.findings import Location
from pearlnet.loader.sources import Sources
from pearlnet.model.project import ComposeProject, Service
from pearlnet.secrets import mask_text

HOST_KEY = re.compile(r"(HOST|HOSTNAME|ADDR|ADDRESS|SERVER|URL|URI|DSN|ENDPOINT)$", re.IGNORECASE)
URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://(?P<netloc>[^/?#\s]*)")
HOST_PORT = re.compile(r"^(?P<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.-]+):(?P<port>\d{1,5})$")
HOST_CHARS = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$")
LABELISH = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})$")
NOT_HOSTS = frozenset({
    "true", "false", "yes", "no", "on", "off", "none", "null", "nil", "auto", "default",
    "enabled", "disabled", "enable", "disable", "all", "any", "unset", "local",
})
OUTSIDE = frozenset({"localhost", "host.docker.internal", "gateway.docker.internal", "host-gateway"})
NGINX_PASS = ("proxy_pass", "fastcgi_pass", "grpc_pass", "uwsgi_pass", "scgi_pass")
NGINX_FILE_LIMIT = 1024 * 1024
NGINX_DIR_FILES = 50


@dataclass(frozen=True, slots=True)
class Reference:
    service: str
    host: str
    port: int | None
    where: str  # what the user wrote it in, e.g. "environment DATABASE_URL"
    # Where it is written: a Location, or the Compose key path to look up only when a
    # finding needs it (most references never do, and lookups cost on large projects).
    anchor: Location | tuple[str, ...] | None
    is_ip: bool

    @property
    def is_project_name(self) -> bool:
        return not self.is_ip and "." not in self.host and self.host.lower() not in OUTSIDE


IP_CHARS = re.compile(r"^\[?[0-9A-Fa-f:.]+\]?$")


def is_ip(text: str) -> bool:
    if not IP_CHARS.match(text) or not any(c in text for c in ".:"):
        return False  # the cheap refusal: ipaddress raises slowly
    try:
        ipaddress.ip_address(text.strip("[]"))
    except ValueError:
        return False
    return True


def is_local_address(text: str) -> bool:
    """Loopback and wildcard addresses: where a service binds, not whom it calls."""
    address = ipaddress.ip_address(text.strip("[]"))
    return address.is_loopback or address.is_unspecified


def _url_hosts(text: str) -> list[tuple[str, int | None]] | None:
    """The hosts of a URL (several for `mongodb://a:1,b:2/db`); None if text is no URL."""
    url = URL.match(text)
    if url is None:
        return None
    netloc = url["netloc"].rpartition("@")[2]
    return [found for found in map(_host_port_plain, netloc.split(",")) if found]


def _hosts(token: str) -> list[tuple[str, int | None]]:
    """(host, port) pairs a token names: a URL's hosts, or a `host:port`."""
    in_url = _url_hosts(token)
    if in_url is not None:
        return in_url
    match = HOST_PORT.match(token)
    if match:
        port = int(match["port"])
        host = match["host"]
        if 0 < port < 65536 and (is_ip(host) or re.search(r"[A-Za-z]", host)):
            return [(host.strip("[]"), port)]
    return []


def _host_port_plain(netloc: str) -> tuple[str, int | None] | None:
    if netloc.startswith("["):
        host, _, rest = netloc[1:].partition("]")
        port = rest.lstrip(":")
        return host, int(port) if port.isdigit() else None
    host, _, port = netloc.partition(":")
    if not HOST_CHARS.match(host):
        return None  # empty, a variable, or a wildcard such as http://+:8000
    return host, int(port) if port.isdigit() and 0 < int(port) < 65536 else None


def _bare_host(token: str) -> str | None:
    if "$" in token or token.lower() in NOT_HOSTS:
        return None
    if is_ip(token):
        return token
    if "." in token:
        labels = token.split(".")
        return token if all(LABELISH.match(label) for label in labels) and not token[0].isdigit() else None
    if LABELISH.match(token) and re.search(r"[A-Za-z]", token) and not token.isdigit():
        return token
    return None


def _tokens(value: str) -> list[str]:
    return [t for t in re.split(r"[\s,;]+", value.strip()) if t]


class ReferenceReader:
    def __init__(self, project: ComposeProject, sources: Sources) -> None:
        self.project = project
        self.sources = sources

    def read(self) -> list[Reference]:
        refs: list[Reference] = []
        for service in self.project.services.values():
            refs.extend(self.of_service(service))
        return refs

    def of_service(self, svc: Service) -> Iterator[Reference]:
        yield from self._environment(svc)
        for field_name, args in (("command", svc.command), ("entrypoint", svc.entrypoint),
                                 ("healthcheck", svc.healthcheck)):
            location = ("services", svc.name, field_name)
            found = {hp for arg in args for token in _tokens(arg) for hp in _hosts(token)}
            for host, port in sorted(found, key=str):
                yield self._ref(svc, host, port, field_name, location)
        for name, address in svc.extra_hosts:
            if is_ip(address):
                yield self._ref(svc, address, None, f"extra_hosts {name}",
                                ("services", svc.name, "extra_hosts", name))
        yield from self._nginx(svc)

    def _ref(self, svc: Service, host: str, port: int | None, where: str,
             anchor: Location | tuple[str, ...] | None) -> Reference:
        return Reference(svc.name, host, port, where, anchor, is_ip(host))

    def _environment(self, svc: Service) -> Iterator[Reference]:
        for key, value in svc.environment.items():
            if not value:
                continue
            location = ("services", svc.name, "environment", key)
            # A whole-value URL first: its netloc may list hosts separated by commas.
            found = _url_hosts(value.strip())
            if found is None:
                found = []
                for token in _tokens(value):
                    hosts = _hosts(token)
                    if not hosts and HOST_KEY.search(key) and (bare := _bare_host(token)):
                        hosts = [(bare, None)]
                    found += hosts
            for host, port in dict.fromkeys(found):
                yield self._ref(svc, host, port, f"environment {key}", location)

    def _nginx(self, svc: Service) -> Iterator[Reference]:
        for config in svc.configs:
            content = self.project.configs.get(config.source)
            if content is not None and _looks_like_nginx(content):
                base = self.sources.value(("configs", config.source, "content"))
                yield from self._nginx_text(svc, content, base, config.source)
            elif config.source in self.project.config_files:
                path = Path(self.project.config_files[config.source])
                if path.is_file() and path.suffix in (".conf", ".template"):
                    yield from self._nginx_file(svc, path)
        for mount in svc.mounts:
            if mount.type != "bind" or not mount.source:
                continue
            source = Path(mount.source)
            under_nginx = mount.target.startswith("/etc/nginx")
            if source.is_file() and (under_nginx or source.name.endswith((".conf", ".conf.template"))):
                if under_nginx or "nginx" in str(source).lower():
                    yield from self._nginx_file(svc, source)
            elif source.is_dir() and under_nginx:
                candidates = sorted(source.glob("*.conf")) + sorted(source.glob("*.template"))
                if mount.target.rstrip("/") == "/etc/nginx":
                    candidates += sorted((source / "conf.d").glob("*.conf"))
                for path in candidates[:NGINX_DIR_FILES]:
                    yield from self._nginx_file(svc, path)

    def _nginx_file(self, svc: Service, path: Path) -> Iterator[Reference]:
        try:
            if path.stat().st_size > NGINX_FILE_LIMIT:
                return
        except OSError:
            return
        display = self.sources.display(path)
        for host, port, where, line in nginx_references(path):
            yield self._ref(svc, host, port, where, Location(display, line))

    def _nginx_text(self, svc: Service, content: str, base: Location | None,
                    config: str) -> Iterator[Reference]:
        with tempfile.TemporaryDirectory(prefix="pearlnet-nginx-") as tmp:
            path = Path(tmp) / "inline.conf"
            path.write_text(content, encoding="utf-8")
            block = base is not None and base.line is not None and _is_block_scalar(self.sources, config)
            for host, port, where, line in nginx_references(path):
                location = base
                if base is not None and base.line is not None and block:
                    location = Location(base.file, base.line + line)
                yield self._ref(svc, host, port, f"{where} (config {config})", location)


def _is_block_scalar(sources: Sources, config: str) -> bool:
    for doc in reversed(sources.documents):
        node = doc.node(("configs", config, "content"))
        if node is not None:
            return getattr(node, "style", None) in ("|", ">")
    return False


def _looks_like_nginx(content: str) -> bool:
    return any(word in content for word in ("server", "location", "upstream", "_pass"))


def nginx_references(path: Path) -> Iterator[tuple[str, int | None, str, int]]:
    """(host, port, directive, line) for each upstream host an nginx file names."""
    import crossplane  # slow to import; only needed when there is nginx configuration

    try:
        payload = crossplane.parse(str(path), single=True, catch_errors=True,
                                   check_ctx=False, check_args=False, comments=False)
    except Exception:  # noqa: BLE001 - crossplane raises many kinds on broken files
        return
    for config in payload.get("config", []):
        parsed = config.get("parsed") or []
        upstreams = {d["args"][0] for d in _walk(parsed) if d["directive"] == "upstream" and d.get("args")}
        variables = {d["args"][0]: d["args"][1] for d in _walk(parsed)
                     if d["directive"] == "set" and len(d.get("args", [])) == 2}
        for directive in _walk(parsed):
            name = directive["directive"]
            args = directive.get("args") or []
            if not args:
                continue
            target = args[0]
            if name in NGINX_PASS:
                # The longest variable that prefixes the target: $api before $a.
                for var in sorted(variables, key=len, reverse=True):
                    if target.startswith(var):
                        target = variables[var] + target[len(var):]
                        break
                found = _nginx_target(target)
                if found and found[0] not in upstreams:
                    yield found[0], found[1], name, int(directive.get("line", 0))
            elif name == "server" and directive.get("_parent") == "upstream":
                found = _nginx_target(target)
                if found:
                    yield found[0], found[1], "upstream server", int(directive.get("line", 0))


def _nginx_target(target: str) -> tuple[str, int | None] | None:
    if "$" in target or target.startswith("unix:"):
        return None
    hosts = _url_hosts(target if "://" in target else "tcp://" + target)
    return hosts[0] if hosts else None


def _walk(directives: list[dict[str, Any]], parent: str | None = None) -> Iterator[dict[str, Any]]:
    for directive in directives:
        directive["_parent"] = parent
        yield directive
        if directive.get("block"):
            yield from _walk(directive["block"], directive["directive"])


def describe(ref: Reference) -> str:
    text = ref.host if ref.port is None else f"{ref.host}:{ref.port}"
    return mask_text(text)
