"""The rule table in README.md and docs/rules.md are generated, never stale."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pearlnet.rules import RULES

ROOT = Path(__file__).resolve().parents[2]


def test_generated_rule_docs_are_current() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_docs.py"), "--check"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout


def test_every_rule_documents_what_why_example_fix() -> None:
    for rule in RULES.values():
        for section in ("## What it does", "## Why it matters", "## Example", "## Use instead"):
            assert section in rule.doc, f"{rule.id} lacks {section}"
        assert rule.summary and rule.summary != rule.id
