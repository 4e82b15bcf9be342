"""The benchmarks still run against the code as it is (they print figures; nothing is timed)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("skript", sorted(p.name for p in (ROT / "bench").glob("bench_*.py")))
def test_a_benchmark_runs_once_and_prints_its_figures(skript: str) -> None:
    r = subprocess.run(
        [sys.executable, str(ROT / "bench" / skript), "--ganger", "1"],
        capture_output=True,
        text=True,
        cwd=ROT,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    # Each figure beside its baseline of the same run: "1.25×".
    assert " ms" in r.stdout and "×" in r.stdout, r.stdout
