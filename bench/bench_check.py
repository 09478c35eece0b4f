"""How much pearlnet check adds to `docker-compose config --format json`.

Targets (issue #2): on a generated 1,000-service, 50-network project, `pearlnet check`
takes at most 1.3x the Compose call alone; on the reference stack it adds at most 150 ms.
Runs alternate (compose, pearlnet, compose, ...) so both see the same machine state.

    python bench/bench_check.py [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from pearlnet.loader.compose import find_compose

ROOT = Path(__file__).resolve().parents[1]
STACK = ROOT / "stacks" / "space-pearl"


def generate(directory: Path, services: int = 1000, networks: int = 50) -> Path:
    """A large project in the spirit of the seed: zones, aliases, references, flows."""
    nets = [f"zone-{i:02d}" for i in range(networks)]
    compose: dict[str, object] = {"name": "bench", "services": {}, "networks": {}}
    policy: dict[str, object] = {"version": 1, "zones": {}, "ports": {"allow": [8080, 8443]},
                                 "aliases": {}, "flows": [], "deny": []}
    members: dict[str, list[str]] = {n: [] for n in nets}
    svcs: dict[str, object] = {}
    for i in range(services):
        name = f"svc-{i:04d}"
        home, other = nets[i % networks], nets[(i * 7 + 3) % networks]
        attach = {home: {"aliases": [f"{name}-alias"]}}
        if i % 5 == 0:
            attach[other] = {}
        peer = f"svc-{(i + networks) % services:04d}"
        svc: dict[str, object] = {
            "image": "example/app:1",
            "environment": {"PEER_URL": f"http://{peer}:8000/api",
                            "CACHE_HOST": f"svc-{(i + 2 * networks) % services:04d}",
                            "DB_PASSWORD": "not-a-real-secret"},
            "networks": attach,
            "healthcheck": {"test": ["CMD", "curl", "-f", "http://localhost:8000/health"]},
        }
        if i == 0:
            svc["ports"] = ["8080:8080", "8443:8443"]
        svcs[name] = svc
        for net in attach:
            members[net].append(name)
        policy["flows"].append(f"{name} -> {peer}:8000")  # type: ignore[union-attr]
    compose["services"] = svcs
    compose["networks"] = {n: ({} if n == nets[0] else {"internal": True}) for n in nets}
    policy["zones"] = {n: {"exposure": "host" if n == nets[0] else "internal", "members": members[n]} for n in nets}
    policy["deny"] = [f"zone:{nets[1]} -> zone:{nets[2]}"]
    (directory / "compose.yaml").write_text(yaml.safe_dump(compose, sort_keys=False))
    (directory / "pearlnet.yaml").write_text(yaml.safe_dump(policy, sort_keys=False))
    return directory


def timed(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    proc = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{command[:3]} failed ({proc.returncode}): {proc.stderr[-500:]}")
    return elapsed


def compare(label: str, directory: Path, runs: int, *extra: str) -> tuple[float, float]:
    compose = [*find_compose(), "config", "--format", "json"]
    pearlnet = [sys.executable, "-m", "pearlnet", "check", ".", "--format", "json", "-o", "/dev/null", *extra]
    timed(compose, directory), timed(pearlnet, directory)  # warm caches
    c_times, p_times = [], []
    for _ in range(runs):
        c_times.append(timed(compose, directory))
        p_times.append(timed(pearlnet, directory))
    c, p = statistics.median(c_times), statistics.median(p_times)
    print(f"{label}: compose config {c * 1000:.0f} ms, pearlnet check {p * 1000:.0f} ms "
          f"(x{p / c:.2f}, +{(p - c) * 1000:.0f} ms; medians of {runs})")
    return c, p


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pearlnet-bench-") as tmp:
        big = generate(Path(tmp))
        size = (big / "compose.yaml").stat().st_size
        print(f"generated: 1000 services, 50 networks, {size / 1e6:.1f} MB compose.yaml")
        c, p = compare("1000 services, with the generated policy", big, args.runs)
        big_ok = p <= 1.3 * c
        # The same file with no policy (the rules that need none), for comparison.
        (big / "pearlnet.yaml").rename(big / "policy.yaml.off")
        compare("1000 services, no policy", big, args.runs)
    c2, p2 = compare("reference stack", STACK, args.runs)
    small_ok = p2 - c2 <= 0.150
    print(f"targets: large x{p / c:.2f} <= 1.30 {'met' if big_ok else 'MISSED'}; "
          f"reference +{(p2 - c2) * 1000:.0f} ms <= 150 ms {'met' if small_ok else 'MISSED'}")


if __name__ == "__main__":
    main()
