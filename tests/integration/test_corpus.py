"""pearlnet over every real-world Compose file of ../shared/corpus: it never crashes.

Files Compose accepts give exit 0 or 1; files it refuses give exit 2 with one clear
line, or exit 1 where a rule owns the refusal (PN101, undeclared network).
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from pearlnet.loader.compose import find_compose
from tests.integration.conftest import ROOT, Run, pearlnet

CORPUS = Path(os.environ.get("PEARLNET_CORPUS", ROOT.parent / "shared" / "corpus"))

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not (CORPUS / "index.csv").is_file(), reason=f"no corpus at {CORPUS}"),
]


def cases() -> list[tuple[str, list[Path]]]:
    if not (CORPUS / "index.csv").is_file():
        return []
    found = []
    with (CORPUS / "index.csv").open() as handle:
        for row in csv.DictReader(handle):
            path = CORPUS / row["corpus_path"]
            found.append((row["corpus_path"], [path]))
            if row["combined_files"]:
                repo = CORPUS / row["repo"]
                found.append((row["corpus_path"] + " (combined)",
                              [repo / part for part in row["combined_files"].split(";")]))
    return found


def compose_accepts(files: list[Path]) -> bool:
    args = [*find_compose()]
    for f in files:
        args += ["-f", str(f)]
    proc = subprocess.run([*args, "config", "--format", "json"], capture_output=True, text=True,
                          cwd=files[0].parent, timeout=60, stdin=subprocess.DEVNULL, check=False)
    return proc.returncode == 0


def judge(case: tuple[str, list[Path]]) -> str | None:
    name, files = case
    args = ["check", str(files[0].parent), "--format", "json"]
    for f in files:
        args += ["-f", str(f)]
    result: Run = pearlnet(args, cwd=files[0].parent, env={"COMPOSE_PROJECT_NAME": "corpus"})
    if "Traceback" in result.err or result.code not in (0, 1, 2):
        return f"{name}: exit {result.code}: {result.err.strip()[-300:]}"
    accepted = compose_accepts(files)
    if result.code in (0, 1):
        report = json.loads(result.out)
        if not accepted and not any(f["rule"] == "PN101" for f in report["findings"]):
            return f"{name}: Compose refuses it, pearlnet exited {result.code} without PN101"
        return None
    lines = result.err.strip().splitlines()
    if accepted:
        return f"{name}: Compose accepts it, pearlnet exited 2: {result.err.strip()}"
    if len(lines) != 1 or not lines[0].startswith("pearlnet: error: "):
        return f"{name}: not one clear line: {result.err!r}"
    return None


def test_corpus_never_crashes() -> None:
    all_cases = cases()
    assert len(all_cases) >= 200
    with ThreadPoolExecutor(max_workers=4) as pool:
        problems = [p for p in pool.map(judge, all_cases) if p]
    assert problems == []
