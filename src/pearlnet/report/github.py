"""`--format github`: workflow-command annotations for GitHub Actions."""

from __future__ import annotations

from pearlnet.findings import Severity
from pearlnet.report.model import Report

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, color: bool = False) -> str:
    lines = []
    for f in report.findings:
        props = []
        if f.location:
            props.append(f"file={_escape_property(f.location.file)}")
            if f.location.line:
                props.append(f"line={f.location.line}")
            if f.location.column:
                props.append(f"col={f.location.column}")
        props.append(f"title={_escape_property(f.rule)}")
        lines.append(f"::{LEVELS[f.severity]} {','.join(props)}::{_escape_data(f'{f.rule} {f.message}')}")
    counts = report.summary()
    lines.append(f"pearlnet: {counts['error']} error(s), {counts['warning']} warning(s)")
    return "\n".join(lines) + "\n"
