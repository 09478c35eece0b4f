"""`--format sarif`: SARIF 2.1.0 with one reportingDescriptor per rule."""

from __future__ import annotations

import json
from typing import Any

from pearlnet.findings import Finding, Severity
from pearlnet.report.model import Report

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFO_URI = "https://github.com/pearlnet/pearlnet"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def rule_uri(rule_id: str) -> str:
    return f"{INFO_URI}/blob/main/docs/rules.md#{rule_id.lower()}"


def _result(finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
    }
    if finding.rule in index:
        result["ruleIndex"] = index[finding.rule]
    loc = finding.location
    if loc is not None:
        region: dict[str, int] = {}
        if loc.line:
            region["startLine"] = loc.line
            if loc.column:
                region["startColumn"] = loc.column
        physical: dict[str, Any] = {"artifactLocation": {"uri": loc.file, "uriBaseId": "%SRCROOT%"}}
        if region:
            physical["region"] = region
        result["locations"] = [{"physicalLocation": physical}]
    if finding.suppressed is not None:
        result["suppressions"] = [{"kind": "inSource", "justification": finding.suppressed}]
    props = {k: v for k, v in (("service", finding.service), ("network", finding.network)) if v}
    if props:
        result["properties"] = props
    return result


def render(report: Report, color: bool = False) -> str:
    rules = [
        {
            "id": rule.id,
            "name": rule.id,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.summary},
            "help": {"text": rule.doc, "markdown": rule.doc},
            "helpUri": rule_uri(rule.id),
            "defaultConfiguration": {"level": LEVELS[rule.severity]},
        }
        for rule in report.rules
    ]
    index = {rule.id: i for i, rule in enumerate(report.rules)}
    sarif = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "pearlnet", "version": report.version,
                                    "informationUri": INFO_URI, "rules": rules}},
                "results": [_result(f, index) for f in [*report.findings, *report.suppressed]],
                "properties": {"project": report.project, "policy": report.policy},
            }
        ],
    }
    return json.dumps(sarif, indent=None) + "\n"
