"""`--format junit`: one test case per rule that ran (and, for verify, per probe)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from pearlnet.findings import Finding
from pearlnet.report.model import Report


def render(report: Report, color: bool = False) -> str:
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        by_rule[finding.rule].append(finding)
    failures = sum(1 for rule in report.rules if by_rule.get(rule.id))
    suite = ET.Element("testsuite", name=f"pearlnet {report.command} {report.project}",
                       tests=str(len(report.rules)), failures=str(failures), errors="0", skipped="0")
    for rule in report.rules:
        case = ET.SubElement(suite, "testcase", classname=f"pearlnet.{report.command}",
                             name=f"{rule.id} {rule.summary}")
        found = by_rule.get(rule.id)
        if found:
            body = "\n".join(f"{f.location or '-'}: {f.severity.label}: {f.message}" for f in found)
            failure = ET.SubElement(case, "failure", message=f"{len(found)} finding(s)",
                                    type=max(f.severity for f in found).label)
            failure.text = body
    suites = ET.Element("testsuites")
    suites.append(suite)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
