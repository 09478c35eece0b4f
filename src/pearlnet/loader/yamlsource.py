"""YAML files read with positions, safely.

PyYAML's node API (libyaml when present) keeps every node's line and column.
Aliases stay shared nodes, so an anchor bomb costs nothing here: nothing in
this module ever expands them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pearlnet.errors import InputError

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml is in every PyYAML wheel
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 10 * 1024 * 1024
# Expanded through its aliases, a document may hold this many nodes. Docker Compose itself
# expands them and hangs for minutes on a "billion laughs" file, so the bomb stops here.
MAX_EXPANDED_NODES = 2_000_000
MERGE_TAG = "tag:yaml.org,2002:merge"

PathKey = str | int
Position = tuple[int, int]


@dataclass
class YamlDocument:
    """One YAML file: its root node, its lines, and path lookups into it."""

    path: Path
    display: str
    root: yaml.Node | None
    lines: list[str]
    _mappings: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = field(default_factory=dict)
    _nodes: dict[tuple[PathKey, ...], yaml.Node | None] = field(default_factory=dict)

    def node(self, keys: Sequence[PathKey]) -> yaml.Node | None:
        path = tuple(keys)
        if path in self._nodes:
            return self._nodes[path]
        if not path:
            return self.root
        parent = self.node(path[:-1])
        found = None if parent is None else child(parent, path[-1], self._mappings)
        self._nodes[path] = found
        return found

    def key_node(self, keys: Sequence[PathKey]) -> yaml.Node | None:
        """The node of the last key itself (where a mapping entry starts)."""
        if not keys or not isinstance(keys[-1], str):
            return self.node(keys)
        parent = self.node(keys[:-1])
        if isinstance(parent, yaml.SequenceNode):
            return self.node(keys)
        if not isinstance(parent, yaml.MappingNode):
            return None
        entry = mapping_entries(parent, self._mappings).get(keys[-1])
        return entry[0] if entry else None

    def entries(self, keys: Sequence[PathKey]) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        node = self.node(keys)
        if isinstance(node, yaml.MappingNode):
            return mapping_entries(node, self._mappings)
        return {}

    def items(self, keys: Sequence[PathKey]) -> list[yaml.Node]:
        node = self.node(keys)
        return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def node_position(node: yaml.Node) -> Position:
    return node.start_mark.line + 1, node.start_mark.column + 1


def mapping_entries(
    node: yaml.MappingNode, cache: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] | None = None
) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """Keys of a mapping node, merge keys (<<) applied, own keys winning."""
    if cache is not None and id(node) in cache:
        return cache[id(node)]
    own: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    merged: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key_node, value_node in node.value:
        if key_node.tag == MERGE_TAG:
            sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
            for source in sources:
                if isinstance(source, yaml.MappingNode) and source is not node:
                    for k, v in mapping_entries(source, cache).items():
                        merged.setdefault(k, v)
        elif isinstance(key_node, yaml.ScalarNode):
            own[str(key_node.value)] = (key_node, value_node)
    result = {**merged, **own}
    if cache is not None:
        cache[id(node)] = result
    return result


def child(
    node: yaml.Node, key: PathKey, cache: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]]
) -> yaml.Node | None:
    if isinstance(key, int):
        if isinstance(node, yaml.SequenceNode) and 0 <= key < len(node.value):
            found: yaml.Node = node.value[key]
            return found
        return None
    if isinstance(node, yaml.MappingNode):
        entry = mapping_entries(node, cache).get(key)
        return entry[1] if entry else None
    if isinstance(node, yaml.SequenceNode):
        # List forms of mappings: `- KEY=value`, `- name:ip`, `- network`.
        for item in node.value:
            if isinstance(item, yaml.ScalarNode):
                text = str(item.value)
                if text == key or text.startswith((key + "=", key + ":")):
                    return item
            elif isinstance(item, yaml.MappingNode) and key in mapping_entries(item, cache):
                return item
    return None


def scalar(node: yaml.Node | None) -> str | None:
    return str(node.value) if isinstance(node, yaml.ScalarNode) else None


def expanded_size(root: yaml.Node, limit: int = MAX_EXPANDED_NODES) -> int:
    """How many nodes the document has once every alias is expanded (capped at limit + 1)."""
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    on_path: set[int] = set()
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if key in sizes:
            continue
        if isinstance(node, yaml.ScalarNode):
            sizes[key] = 1
            continue
        children = (list(node.value) if isinstance(node, yaml.SequenceNode)
                    else [n for pair in node.value for n in pair])
        if children_done:
            on_path.discard(key)
            sizes[key] = min(limit + 1, 1 + sum(sizes.get(id(c), 1) for c in children))
            continue
        if key in on_path:  # a recursive alias: libyaml cannot build one, but stay safe
            sizes[key] = limit + 1
            continue
        on_path.add(key)
        stack.append((node, True))
        stack.extend((c, False) for c in children if id(c) not in sizes)
    return sizes.get(id(root), 1)


def read_text(path: Path, display: str, *, max_bytes: int = MAX_FILE_BYTES) -> str:
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise InputError("is not a regular file", file=display)
        if size > max_bytes:
            raise InputError(
                f"file is too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB)",
                file=display,
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", file=display) from None
    except PermissionError:
        raise InputError("permission denied", file=display) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", file=display) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", file=display) from None
    if b"\0" in data:
        raise InputError("is a binary file, not YAML", file=display)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError("is not UTF-8 text", file=display, line=line) from None


def parse(text: str, path: Path, display: str) -> YamlDocument:
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        reason = exc.problem or exc.context or "invalid YAML"
        raise InputError(
            f"invalid YAML: {reason}", file=display, line=mark.line + 1 if mark else None
        ) from None
    except yaml.YAMLError as exc:
        raise InputError(f"invalid YAML: {exc}", file=display) from None
    # Without both an anchor and an alias there is nothing to expand.
    if root is not None and "&" in text and "*" in text and expanded_size(root) > MAX_EXPANDED_NODES:
        raise InputError(
            f"YAML aliases expand to more than {MAX_EXPANDED_NODES:,} nodes (an anchor bomb?)",
            file=display, line=1)
    return YamlDocument(path=path, display=display, root=root, lines=text.splitlines())


def load(path: Path, display: str, *, require_mapping: bool = True) -> YamlDocument:
    doc = parse(read_text(path, display), path, display)
    if require_mapping and doc.root is not None and not isinstance(doc.root, yaml.MappingNode):
        line, _ = node_position(doc.root)
        raise InputError("top level must be a mapping", file=display, line=line)
    return doc
