"""The clean seed-like stack passes every rule, with and without a policy."""

from __future__ import annotations

from pathlib import Path

from tests.common import SEED_COMPOSE, SEED_POLICY, check


def test_clean_stack_without_policy_has_no_findings(tmp_path: Path) -> None:
    assert check(tmp_path, SEED_COMPOSE) == []


def test_clean_stack_with_policy_has_no_findings(tmp_path: Path) -> None:
    assert check(tmp_path, SEED_COMPOSE, SEED_POLICY) == []
