"""The benchmark stays runnable: a tiny run on SQLite (its figures are not checked: it is no timed test)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_import_benchmark_runs_end_to_end_on_a_small_file():
    result = subprocess.run(
        [sys.executable, "bench/import_members.py", "--rows", "300", "--skip-postgres"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.splitlines()
    assert lines[0].startswith("generated 300 rows")
    assert any(line.strip().startswith("Sổ Hội") and "imported" in line for line in lines)
    assert any("search p95 name" in line for line in lines)


def test_the_consolidation_benchmark_runs_on_a_small_period():
    result = subprocess.run(
        [sys.executable, "bench/consolidate.py", "--associations", "5", "--runs", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env={k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.splitlines()
    assert lines[0] == "consolidate 5 associations × full form on sqlite, 1 runs"
    assert "rendering floor" in lines[2]
