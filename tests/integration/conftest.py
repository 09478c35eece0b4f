from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STACK = ROOT / "stacks" / "space-pearl"


@dataclass
class Run:
    code: int
    out: str
    err: str
    seconds: float


def pearlnet(args: Sequence[str], cwd: Path | None = None, env: dict[str, str] | None = None,
             timeout: float = 60) -> Run:
    import time

    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "pearlnet", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=timeout, stdin=subprocess.DEVNULL)
    return Run(proc.returncode, proc.stdout, proc.stderr, time.monotonic() - started)


@pytest.fixture
def run() -> object:
    return pearlnet
