"""Regenerate the rule table in README.md and docs/rules.md from the rule modules.

    python scripts/gen_docs.py          # write
    python scripts/gen_docs.py --check  # exit 1 if either is out of date (the tests run this)
"""

from __future__ import annotations

import sys
from pathlib import Path

from pearlnet.rules import RULES

ROOT = Path(__file__).resolve().parents[1]
BEGIN, END = "<!-- rules:begin -->", "<!-- rules:end -->"


def rule_table() -> str:
    rows = ["| ID | severity | needs policy | finding |", "|---|---|---|---|"]
    for rule in RULES.values():
        summary = rule.summary.replace("|", "\\|")
        rows.append(f"| [{rule.id}](docs/rules.md#{rule.id.lower()}) | {rule.severity.label} | "
                    f"{'yes' if rule.needs_policy else 'no'} | {summary} |")
    return "\n".join(rows)


def rules_page() -> str:
    parts = ["# pearlnet rules", "", "Generated from the rule modules by `scripts/gen_docs.py`; "
             "`pearlnet rules ID` prints the same text.", ""]
    for rule in RULES.values():
        body = rule.doc.split("\n", 1)[1].strip() if "\n" in rule.doc else ""
        body = body.replace("\n## ", "\n### ")
        parts += [f"## {rule.id}", "", f"**{rule.summary}** — {rule.severity.label}"
                  f"{', needs a policy' if rule.needs_policy else ''}", "", body, ""]
    return "\n".join(parts)


def readme_with_table(readme: str) -> str:
    head, _, rest = readme.partition(BEGIN)
    _, _, tail = rest.partition(END)
    return f"{head}{BEGIN}\n{rule_table()}\n{END}{tail}"


def main() -> int:
    readme_path, rules_path = ROOT / "README.md", ROOT / "docs" / "rules.md"
    readme = readme_path.read_text()
    wanted = {readme_path: readme_with_table(readme), rules_path: rules_page()}
    stale = [p for p, text in wanted.items() if not p.exists() or p.read_text() != text]
    if "--check" in sys.argv:
        for path in stale:
            print(f"{path.relative_to(ROOT)} is out of date: run python scripts/gen_docs.py")
        return 1 if stale else 0
    for path in stale:
        path.write_text(wanted[path])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
