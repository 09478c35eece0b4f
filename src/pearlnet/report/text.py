"""Human output: findings grouped by service, one summary line, colour on a TTY."""

from __future__ import annotations

from collections import defaultdict

from pearlnet.findings import Finding, Severity
from pearlnet.report.model import Report

PROJECT_GROUP = "(project)"
STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _lines(report: Report) -> list[tuple[str, str]]:
    """(text, style) pairs; style "" means plain."""
    out: list[tuple[str, str]] = []
    groups: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        groups[finding.service or PROJECT_GROUP].append(finding)
    for group in sorted(groups, key=lambda g: (g == PROJECT_GROUP, g)):
        out.append((group, "bold"))
        for f in groups[group]:
            where = str(f.location) if f.location else "-"
            out.append((f"  {where}  {f.severity.label:<7} {f.rule}  {f.message}", STYLES[f.severity]))
    for note in report.notes:
        out.append((f"note: {note}", "dim"))
    counts = report.summary()
    policy = f"policy {report.policy}" if report.policy else "no policy"
    parts = [f"{counts['error']} error(s)", f"{counts['warning']} warning(s)"]
    if report.suppressed:
        parts.append(f"{len(report.suppressed)} suppressed")
    verdict = "✗" if counts["error"] else ("!" if counts["warning"] else "✓")
    style = "bold red" if counts["error"] else ("yellow" if counts["warning"] else "bold green")
    out.append((f"{verdict} {report.project or '(unnamed)'}: {', '.join(parts)} "
                f"({len(report.rules)} rules, {policy})", style))
    return out


def render(report: Report, color: bool = False) -> str:
    lines = _lines(report)
    if not color:
        return "".join(text + "\n" for text, _ in lines)
    from rich.console import Console
    from rich.text import Text

    console = Console(force_terminal=True, highlight=False, soft_wrap=True)
    with console.capture() as capture:
        for text, style in lines:
            console.print(Text(text, style=style))
    return capture.get()
