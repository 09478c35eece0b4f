"""PN106 — declared network that no service uses

## What it does
Reports networks under the top-level `networks:` that no service attaches to.

## Why it matters
A zone without services is usually a service that was meant to be there and is
not: the database lost its `networks:` key and now sits on `default`.

## Example
```yaml
networks:
  space-pearl-tools: {internal: true}   # nobody joins it
```

## Use instead
Attach the services that belong to it, or remove the declaration.
"""

from __future__ import annotations

from collections.abc import Iterator

from pearlnet.findings import Location, Severity
from pearlnet.rules.base import Context, Problem

ID = "PN106"
SEVERITY = Severity.WARNING
NEEDS_POLICY = False


def _mentioned_in_sources(ctx: Context) -> set[str]:
    """Networks any service names in the files, profiles or not."""
    names: set[str] = set()
    for doc in ctx.sources.documents:
        for service in doc.entries(("services",)):
            names.update(doc.entries(("services", service, "networks")))
            names.update(str(getattr(n, "value", "")) for n in doc.items(("services", service, "networks")))
    return names


def check(ctx: Context) -> Iterator[Problem]:
    # Compose leaves unused networks out of its model: the files say what was declared.
    used = {net for svc in ctx.project.services.values() for net in svc.attachments}
    used |= _mentioned_in_sources(ctx)
    declared: dict[str, Location] = {}
    for doc in ctx.sources.documents:
        for key, (key_node, _) in doc.entries(("networks",)).items():
            declared.setdefault(key, Location(doc.display, key_node.start_mark.line + 1,
                                              key_node.start_mark.column + 1))
    for key, location in sorted(declared.items()):
        if key not in used and key != "default":
            yield Problem(f"network {key!r} is declared but no service uses it", location, network=key)
