"""Checks of the admin benchmark's report (no database): the table, and the target that decides the exit status.

bench/ is a folder of scripts, not a package, so it is put on the path here.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import bench_admin  # noqa: E402


def row(benchmark="story editor (1 linked)", median_ms=289.3, target_ms=1000, **extra):
    return {
        "benchmark": benchmark,
        "path": "/admin/pages/13/edit/",
        "median_ms": median_ms,
        "max_ms": 446.8,
        "kb": 207.6,
        "queries": 44,
        "samples": 7,
        "target_ms": target_ms,
        "ok": None if target_ms is None else median_ms < target_ms,
        **extra,
    }


def report(*rows):
    return {"records": 13_066, "prepare_seconds": 242.5, "rows": list(rows), "load": "1.00 1.00 1.00"}


def test_the_table_reports_time_size_and_queries_and_marks_a_missed_target():
    lines = bench_admin.table(
        report(
            row(),
            row("story editor, plain <select> (before)", 9522.7, None),
            row("story editor (slow)", 1000.0),
        )
    )
    text = "\n".join(lines)
    assert "13,066 honorees" in text
    assert (
        "| story editor (1 linked) | `/admin/pages/13/edit/` | 289.3 | 446.8 | 207.6 | 44 | < 1,000 ms | ok |" in text
    )
    assert "| story editor, plain <select> (before) | `/admin/pages/13/edit/` | 9522.7 |" in text
    assert lines[-3].endswith("| < 1,000 ms | **missed** |")
