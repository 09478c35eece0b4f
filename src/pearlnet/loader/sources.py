"""The original files of a project, read with positions, and lookups into them."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from pearlnet.errors import InputError
from pearlnet.findings import Location
from pearlnet.loader.discovery import display_path
from pearlnet.loader.yamlsource import PathKey, YamlDocument, load, mapping_entries, scalar

SUPPRESSION = re.compile(r"#\s*pearlnet:\s*ignore\s+(?P<ids>[A-Z]{2}\d{3}(?:\s*,\s*[A-Z]{2}\d{3})*)(?P<reason>.*)$")


@dataclass(frozen=True)
class Suppression:
    rules: frozenset[str]
    reason: str


@dataclass(frozen=True)
class SourcePort:
    """A `ports:` entry as the user wrote it."""

    text: str
    host_ip: str | None
    published: str | None
    target: str
    protocol: str
    location: Location

    @property
    def is_range(self) -> bool:
        if "$" in (self.published or "") + self.target:
            return False
        return bool(self.published and "-" in self.published) or "-" in self.target

    def matches(self, target: int, protocol: str) -> bool:
        if protocol != self.protocol:
            return False
        low, _, high = self.target.partition("-")
        try:
            return int(low) <= target <= int(high or low)
        except ValueError:
            return False


INTERPOLATION = re.compile(r"\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*")


def _split_short_port(text: str) -> tuple[str | None, str | None, str, str]:
    # What a variable holds is Compose's business: it stands as "$" here, never split.
    spec, _, protocol = INTERPOLATION.sub("$", text).partition("/")
    protocol = protocol or "tcp"
    if spec.startswith("["):
        end = spec.find("]")
        host_ip: str | None = spec[1:end]
        rest = spec[end + 2 :]
        published, _, target = rest.rpartition(":")
        return host_ip, published or None, target, protocol
    parts = spec.split(":")
    if len(parts) == 1:
        return None, None, parts[0], protocol
    if len(parts) == 2:
        return None, parts[0] or None, parts[1], protocol
    return ":".join(parts[:-2]) or None, parts[-2] or None, parts[-1], protocol


class Sources:
    """Every YAML file the project is made of, searched last-merged first."""

    def __init__(self, project_dir: Path, documents: Sequence[YamlDocument]) -> None:
        self.project_dir = project_dir
        self.documents = list(documents)
        self._found: dict[tuple[tuple[PathKey, ...], bool], Location | None] = {}
        self._suppressions: dict[str, dict[int, Suppression]] | None = None

    def prepare(self) -> None:
        """Index every service's mappings now, while Compose is still running."""
        for doc in self.documents:
            for service in doc.entries(("services",)):
                for key in doc.entries(("services", service)):
                    doc.entries(("services", service, key))

    def display(self, path: Path) -> str:
        return display_path(path, self.project_dir)

    def find(self, keys: Sequence[PathKey], *, key: bool = True) -> Location | None:
        """Where the item at keys is written, in the last file that writes it."""
        memo = (tuple(keys), key)
        if memo in self._found:
            return self._found[memo]
        found = None
        for doc in reversed(self.documents):
            node = doc.key_node(keys) if key and isinstance(keys[-1], str) else doc.node(keys)
            if node is not None:
                found = Location(doc.display, node.start_mark.line + 1, node.start_mark.column + 1)
                break
        self._found[memo] = found
        return found

    def locate(self, *keys: PathKey) -> Location | None:
        """The item at keys, or the nearest enclosing item that exists."""
        for end in range(len(keys), 0, -1):
            found = self.find(keys[:end])
            if found is not None:
                return found
        return None

    def value(self, keys: Sequence[PathKey]) -> Location | None:
        return self.find(keys, key=False)

    @property
    def has_suppressions(self) -> bool:
        return any(self._suppression_table().values())

    def suppression(self, location: Location | None) -> Suppression | None:
        """The `# pearlnet: ignore ID reason` comment on the line of location, if any."""
        if location is None or location.line is None:
            return None
        return self._suppression_table().get(location.file, {}).get(location.line)

    def _suppression_table(self) -> dict[str, dict[int, Suppression]]:
        if self._suppressions is None:
            self._suppressions = {}
            for doc in self.documents:
                table = self._suppressions.setdefault(doc.display, {})
                for number, text in enumerate(doc.lines, 1):
                    match = SUPPRESSION.search(text) if "pearlnet" in text else None
                    if match:
                        ids = frozenset(i.strip() for i in match["ids"].split(","))
                        table[number] = Suppression(ids, match["reason"].strip())
        return self._suppressions

    def ports(self, service: str) -> list[SourcePort]:
        """The ports entries of a service from the last file that lists them."""
        for doc in reversed(self.documents):
            items = doc.items(("services", service, "ports"))
            if items:
                return [p for p in (self._port(doc, item) for item in items) if p]
        return []

    def _port(self, doc: YamlDocument, node: yaml.Node) -> SourcePort | None:
        location = Location(doc.display, node.start_mark.line + 1, node.start_mark.column + 1)
        text = scalar(node)
        if text is not None:
            host_ip, published, target, protocol = _split_short_port(text)
            return SourcePort(text, host_ip, published, target, protocol, location)
        if isinstance(node, yaml.MappingNode):
            entries = mapping_entries(node)

            def get(name: str) -> str | None:
                entry = entries.get(name)
                return scalar(entry[1]) if entry else None

            return SourcePort(
                text="{...}",
                host_ip=get("host_ip"),
                published=get("published"),
                target=get("target") or "",
                protocol=get("protocol") or "tcp",
                location=location,
            )
        return None

    def extra_files(self) -> Iterator[Path]:
        """Files that `include` and `extends` bring in, for positions only."""
        for doc in list(self.documents):
            base = doc.path.parent
            for item in doc.items(("include",)):
                paths = [scalar(item)] if scalar(item) else []
                if isinstance(item, yaml.MappingNode):
                    entry = mapping_entries(item).get("path")
                    if entry:
                        node = entry[1]
                        if isinstance(node, yaml.SequenceNode):
                            paths += [scalar(n) for n in node.value]
                        else:
                            paths.append(scalar(node))
                for p in paths:
                    if p and "$" not in p:
                        yield (base / p).resolve()
            for _name, (_k, svc) in doc.entries(("services",)).items():
                if isinstance(svc, yaml.MappingNode):
                    ext = mapping_entries(svc).get("extends")
                    if ext and isinstance(ext[1], yaml.MappingNode):
                        file_entry = mapping_entries(ext[1]).get("file")
                        f = scalar(file_entry[1]) if file_entry else None
                        if f and "$" not in f:
                            yield (base / f).resolve()


def read_sources(project_dir: Path, files: Sequence[Path]) -> Sources:
    sources = Sources(project_dir, [])
    for path in files:
        sources.documents.append(load(path, sources.display(path)))
    seen = {d.path.resolve() for d in sources.documents}
    for extra in list(sources.extra_files()):
        if extra not in seen and extra.is_file():
            seen.add(extra)
            try:
                # Included files come after the main ones in search order only as fallbacks.
                sources.documents.insert(0, load(extra, sources.display(extra)))
            except InputError:  # Compose itself reports what is wrong with them
                continue
    return sources
