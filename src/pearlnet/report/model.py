"""What every reporter receives."""

from __future__ import annotations

from dataclasses import dataclass, field

from pearlnet import __version__
from pearlnet.findings import Finding, Severity
from pearlnet.rules.base import Rule


@dataclass
class Report:
    command: str
    project: str
    policy: str | None
    findings: list[Finding]
    rules: list[Rule]
    suppressed: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    version: str = __version__

    def summary(self) -> dict[str, int]:
        counts = {s.label: 0 for s in sorted(Severity, reverse=True)}
        for finding in self.findings:
            counts[finding.severity.label] += 1
        return counts
