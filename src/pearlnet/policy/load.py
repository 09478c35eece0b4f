"""Read and strictly validate a policy, every error naming its file and line."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from pearlnet.errors import PolicyError
from pearlnet.findings import Location
from pearlnet.loader.yamlsource import YamlDocument, load, mapping_entries
from pearlnet.policy.model import EXPOSURES, Deny, Flow, Policy, RequiredAlias, Side, Zone

NAME = r"[A-Za-z0-9][A-Za-z0-9._-]*"
FLOW = re.compile(rf"^\s*(?P<src>{NAME})\s*->\s*(?P<dst>{NAME}):(?P<port>\d{{1,5}})(?:/(?P<proto>tcp|udp))?\s*$")
DENY = re.compile(rf"^\s*(?P<src>(?:zone:)?{NAME})\s*->\s*(?P<dst>(?:zone:)?{NAME})\s*$")
POLICY_FILES = ("pearlnet.yaml", "pearlnet.yml")
TOP_KEYS = ("version", "zones", "ports", "aliases", "flows", "deny")
ZONE_KEYS = ("exposure", "members", "driver")


class _Reader:
    def __init__(self, display: str) -> None:
        self.display = display

    def at(self, node: yaml.Node) -> Location:
        return Location(self.display, node.start_mark.line + 1, node.start_mark.column + 1)

    def fail(self, node: yaml.Node, message: str) -> PolicyError:
        return PolicyError(f"invalid policy: {message}", file=self.display, line=node.start_mark.line + 1)

    def mapping(self, node: yaml.Node, what: str, allowed: tuple[str, ...] | None = None
                ) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null":
            return {}
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{what} must be a mapping")
        entries = mapping_entries(node)
        if allowed is not None:
            for key, (key_node, _) in entries.items():
                if key not in allowed:
                    raise self.fail(key_node, f"unknown key {key!r} in {what} (expected one of: {', '.join(allowed)})")
        return entries

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null":
            return []
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, f"{what} must be a list")
        return list(node.value)

    def string(self, node: yaml.Node, what: str) -> str:
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str":
            raise self.fail(node, f"{what} must be a string")
        return str(node.value)

    def name(self, node: yaml.Node, what: str) -> str:
        if isinstance(node, yaml.ScalarNode) and node.tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:int"):
            value = str(node.value)
            if re.fullmatch(NAME, value):
                return value
        raise self.fail(node, f"{what} must be a service or network name")

    def port(self, node: yaml.Node, what: str) -> int:
        # Quoted numbers are accepted: Compose needs string keys inside x-pearlnet.
        if isinstance(node, yaml.ScalarNode) and node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:str") \
                and str(node.value).isdigit():
            value = int(node.value)
            if 1 <= value <= 65535:
                return value
        raise self.fail(node, f"{what} must be a port number from 1 to 65535")


def _each(reader: _Reader, node: yaml.Node, what: str, parse: Callable[[yaml.Node], Any]) -> list[Any]:
    return [parse(item) for item in reader.sequence(node, what)]


def parse_policy(node: yaml.Node | None, display: str) -> Policy:
    reader = _Reader(display)
    policy = Policy(file=display)
    if node is None:
        raise PolicyError("invalid policy: the file is empty", file=display)
    top = reader.mapping(node, "the policy", TOP_KEYS)
    if "version" not in top:
        raise reader.fail(node, "missing 'version: 1'")
    version_node = top["version"][1]
    if not (isinstance(version_node, yaml.ScalarNode) and str(version_node.value) == "1"):
        raise reader.fail(version_node, "unsupported version (this pearlnet reads version 1)")

    if "zones" in top:
        for network, (key_node, value) in reader.mapping(top["zones"][1], "zones").items():
            spec = reader.mapping(value, f"zone {network!r}", ZONE_KEYS)
            if "exposure" not in spec:
                raise reader.fail(value if isinstance(value, yaml.MappingNode) else key_node,
                                  f"zone {network!r} needs an exposure (host or internal)")
            exposure_node = spec["exposure"][1]
            exposure = reader.string(exposure_node, "exposure")
            if exposure not in EXPOSURES:
                raise reader.fail(exposure_node, f"unknown exposure {exposure!r} (expected host or internal)")
            members = None
            if "members" in spec:
                member_nodes = reader.sequence(spec["members"][1], "members")
                members = tuple(reader.name(m, "a member") for m in member_nodes)
                policy.service_refs += [(m, reader.at(n)) for m, n in zip(members, member_nodes, strict=True)]
            driver = reader.string(spec["driver"][1], "driver") if "driver" in spec else None
            policy.zones[network] = Zone(network, exposure, members, driver, reader.at(key_node))

    if "ports" in top:
        ports = reader.mapping(top["ports"][1], "ports", ("allow", "bind"))
        if "allow" in ports:
            allow_node = ports["allow"][1]
            policy.allowed_ports = frozenset(_each(reader, allow_node, "ports.allow",
                                                   lambda n: reader.port(n, "an allowed port")))
            policy.allowed_location = reader.at(ports["allow"][0])
        if "bind" in ports:
            for _, (key_node, value) in reader.mapping(ports["bind"][1], "ports.bind").items():
                port = reader.port(key_node, "a ports.bind key")
                address = reader.string(value, "a bind address")
                try:
                    ipaddress.ip_address(address)
                except ValueError:
                    raise reader.fail(value, f"{address!r} is not an IP address") from None
                policy.bind[port] = (address, reader.at(value))

    if "aliases" in top:
        for service, (svc_key, per_network) in reader.mapping(top["aliases"][1], "aliases").items():
            policy.service_refs.append((service, reader.at(svc_key)))
            for network, (_, names) in reader.mapping(per_network, f"aliases of {service!r}").items():
                for alias_node in reader.sequence(names, f"aliases of {service!r} on {network!r}"):
                    alias = reader.name(alias_node, "an alias")
                    policy.aliases.append(RequiredAlias(service, network, alias, reader.at(alias_node)))

    if "flows" in top:
        for item in reader.sequence(top["flows"][1], "flows"):
            text = reader.string(item, "a flow")
            match = FLOW.match(text)
            if not match:
                raise reader.fail(item, f"malformed flow {text!r} (expected 'SOURCE -> TARGET:PORT[/udp]')")
            port = int(match["port"])
            if not 1 <= port <= 65535:
                raise reader.fail(item, f"flow {text!r} has no valid port")
            flow = Flow(match["src"], match["dst"], port, match["proto"] or "tcp", text, reader.at(item))
            policy.flows.append(flow)
            policy.service_refs += [(flow.source, flow.location), (flow.target, flow.location)]

    if "deny" in top:
        for item in reader.sequence(top["deny"][1], "deny"):
            text = reader.string(item, "a deny entry")
            match = DENY.match(text)
            if not match:
                raise reader.fail(item, f"malformed deny entry {text!r} (expected 'SIDE -> SIDE', "
                                        "a side being a service or zone:NETWORK)")
            sides = []
            for raw in (match["src"], match["dst"]):
                is_zone = raw.startswith("zone:")
                side = Side(raw.removeprefix("zone:"), is_zone)
                sides.append(side)
                if not is_zone:
                    policy.service_refs.append((side.name, reader.at(item)))
            policy.deny.append(Deny(sides[0], sides[1], reader.at(item)))
    return policy


def policy_zone_refs(policy: Policy) -> list[tuple[str, Location]]:
    refs = [(z.network, z.location) for z in policy.zones.values()]
    refs += [(a.network, a.location) for a in policy.aliases]
    for deny in policy.deny:
        refs += [(side.name, deny.location) for side in (deny.source, deny.target) if side.is_zone]
    return refs


def find_policy_file(project_dir: Path, explicit: str | None) -> Path | None:
    if explicit:
        return Path(explicit)
    for name in POLICY_FILES:
        candidate = project_dir / name
        if candidate.is_file():
            return candidate
    return None


def load_policy_file(path: Path, display: str) -> Policy:
    doc: YamlDocument = load(path, display, require_mapping=False)
    return parse_policy(doc.root, display)
