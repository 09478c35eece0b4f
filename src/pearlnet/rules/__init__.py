"""The rule registry: every rule module, by ID. Plain imports, no discovery magic."""

from __future__ import annotations

from importlib import import_module

from pearlnet.rules.base import Rule

MODULES = (
    "pn101_undeclared_network",
    "pn102_internal_zone",
    "pn103_zone_driver",
    "pn104_default_network",
    "pn105_zone_member",
    "pn106_unused_network",
    "pn107_network_mode",
    "pn108_unknown_policy_name",
    "pn201_port_not_allowed",
    "pn202_port_dropped",
    "pn203_port_bind",
    "pn204_port_twice",
    "pn205_port_range",
    "pn301_duplicate_name",
    "pn303_missing_alias",
    "pn304_dns_label",
    "pn305_hardcoded_ip",
    "pn306_static_ip",
    "pn307_unresolvable_reference",
    "pn401_impossible_flow",
    "pn402_undeclared_flow",
    "pn403_denied_flow_possible",
    "pn501_docker_socket",
    "pn502_privileged",
)

RULES: dict[str, Rule] = {
    rule.id: rule for rule in (Rule.from_module(import_module(f"pearlnet.rules.{name}")) for name in MODULES)
}
