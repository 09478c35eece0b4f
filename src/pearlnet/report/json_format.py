"""`--format json`: the contract in DESIGN.md."""

from __future__ import annotations

import json
from typing import Any

from pearlnet.findings import Finding
from pearlnet.report.model import Report


def finding_dict(finding: Finding) -> dict[str, Any]:
    loc = finding.location
    data: dict[str, Any] = {
        "rule": finding.rule,
        "severity": finding.severity.label,
        "message": finding.message,
        "file": loc.file if loc else None,
        "line": loc.line if loc else None,
        "column": loc.column if loc else None,
        "service": finding.service,
        "network": finding.network,
    }
    if finding.suppressed is not None:
        data["suppressed"] = finding.suppressed
    return data


def render(report: Report, color: bool = False) -> str:
    data = {
        "tool": "pearlnet",
        "version": report.version,
        "command": report.command,
        "project": report.project,
        "policy": report.policy,
        "findings": [finding_dict(f) for f in report.findings],
        "suppressed": [finding_dict(f) for f in report.suppressed],
        "rules": [r.id for r in report.rules],
        "notes": report.notes,
        "summary": report.summary(),
    }
    return json.dumps(data, indent=None) + "\n"
