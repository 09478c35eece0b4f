"""Run the rules over a loaded project: selection, suppressions, findings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from pearlnet.findings import Finding
from pearlnet.loader.project import LoadedProject
from pearlnet.rules import RULES
from pearlnet.rules.base import Context, Rule


@dataclass
class Selection:
    select: Sequence[str] = ()
    ignore: Sequence[str] = ()

    def wants(self, rule_id: str) -> bool:
        if self.select and not any(rule_id.startswith(p) for p in self.select):
            return False
        return not any(rule_id.startswith(p) for p in self.ignore)


@dataclass
class CheckResult:
    findings: list[Finding]
    suppressed: list[Finding]
    rules_run: list[Rule]
    rules_skipped_for_policy: list[Rule] = field(default_factory=list)


def run_checks(loaded: LoadedProject, selection: Selection | None = None) -> CheckResult:
    selection = selection or Selection()
    context = Context(loaded.project, loaded.sources, loaded.policy, loaded.undeclared)
    findings: list[Finding] = []
    suppressed: list[Finding] = []
    run: list[Rule] = []
    skipped: list[Rule] = []
    any_suppression = loaded.sources.has_suppressions
    for rule in RULES.values():
        if not selection.wants(rule.id):
            continue
        if rule.needs_policy and loaded.policy is None:
            skipped.append(rule)
            continue
        run.append(rule)
        for problem in rule.check(context):
            finding = Finding(
                rule.id,
                problem.severity if problem.severity is not None else rule.severity,
                loaded.masker(problem.message),
                problem.location,
                problem.service,
                problem.network,
            )
            suppression = None
            if any_suppression:
                suppression = next(
                    (s for s in map(loaded.sources.suppression, (problem.location, *problem.related))
                     if s and rule.id in s.rules), None)
            if suppression:
                if suppression.reason:
                    suppressed.append(replace(finding, suppressed=suppression.reason))
                    continue
                finding = replace(finding, message=finding.message +
                                  " (suppression ignored: it gives no reason)")
            findings.append(finding)
    findings.sort(key=Finding.sort_key)
    return CheckResult(findings, suppressed, run, skipped)
