"""Checks of the load-test and bakerydemo-comparison reports (no server, no database).

    .venv/bin/python -m pytest tests/bench -q

bench/ is a folder of scripts (`import run`), not a package, so it is put on the path here.
"""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import compare_bakerydemo  # noqa: E402
import load64  # noqa: E402
import run  # noqa: E402


def wrk_row(page="home", path="/", rps=1000.0, p99=120.0, errors=0, non2xx=0, timeouts=0, **extra):
    return {
        "page": page,
        "path": path,
        "status": 200,
        "requests": int(rps * 60),
        "rps": rps,
        "p50_ms": p99 / 3,
        "p95_ms": p99 / 1.5,
        "p99_ms": p99,
        "max_ms": p99 * 1.2,
        "errors": errors,
        "connect_errors": 0,
        "read_errors": errors - timeouts,
        "write_errors": 0,
        "timeouts": timeouts,
        "non2xx": non2xx,
        "load_before": "1.00 1.00 1.00",
        "load_after": "2.00 1.20 1.00",
        **extra,
    }


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (wrk_row(p99=499.9), True),
        (wrk_row(p99=500.0), False),
        (wrk_row(errors=1, timeouts=1), False),
        (wrk_row(non2xx=3), False),
    ],
)
def test_a_page_passes_only_under_500_ms_p99_without_any_error(row, expected):
    assert load64.passes(row) is expected


def test_load_test_covers_every_page_of_issue_9_and_the_static_ceiling():
    labels = [label for label, _ in load64.PAGES]
    assert labels == [
        "home",
        "dictionary list",
        "entry",
        "search",
        "exhibition",
        "film",
        "wall page (13,058 names)",
        "wall panel",
        "API locate",
        "API search",
    ]
    assert load64.STATIC[1].startswith("/static/")


def test_load_table_marks_the_failing_page_and_shows_error_kinds():
    good = {**wrk_row(page="home"), "ok": True}
    slow = {**wrk_row(page="search", path="/search/?q=zhang", p99=812.5, errors=2, timeouts=2), "ok": False}
    lines = load64.table({"database": "sqlite", "page_cache": False, "prepare_seconds": 150.2, "rows": [good, slow]})
    text = "\n".join(lines)
    assert "### sqlite, whole-page cache off (setup 150 s)" in text
    assert "| search | `/search/?q=zhang` | 1000.0 |" in text
    assert "| 812.50 |" in text
    assert "2 (0/0/0/2)" in text  # two timeouts, none of the other kinds
    assert text.count("**no**") == 2  # the failing row and the summary line
    assert "Every page within the target: **no** — search" in text


def test_load_report_is_written_with_the_run_parameters(tmp_path, monkeypatch):
    monkeypatch.setattr(run, "RESULTS", tmp_path)
    result = {"database": "postgresql", "page_cache": True, "prepare_seconds": 90, "rows": [{**wrk_row(), "ok": True}]}
    path = load64.write_report([result], 60, 64)
    text = path.read_text(encoding="utf-8")
    assert path.parent == tmp_path and path.name.startswith("load64-")
    assert "64 clients × 60 s per page" in text
    assert "wrk -t2 -c64 -d60s --timeout 10s" in text
    assert "Every page within the target: **yes**" in text


def test_every_compared_page_of_ours_is_one_make_bench_measures():
    ours = dict(run.PAGES)
    assert all(our_label in ours for _, _, our_label in compare_bakerydemo.PAIRS)
    assert [path for _, path, _ in compare_bakerydemo.PAIRS] == list(compare_bakerydemo.BAKERY_PAGE_NAMES)


def test_content_ratio_counts_our_records_and_pages_against_bakerydemo_pages_and_snippets():
    bakery = {"pages": 34, "snippets": 53, "images": 38}
    ours = {"pages": 40, "honorees": 13_066, "images": 12}
    assert compare_bakerydemo.content_ratio(ours, bakery) == pytest.approx(13_106 / 87)


def test_comparison_needs_twice_bakerydemo_throughput_on_pages_but_not_on_the_static_ceiling(monkeypatch):
    monkeypatch.setattr(compare_bakerydemo, "PAIRS", compare_bakerydemo.PAIRS[:3])
    bakery = [wrk_row(path="/static/css/main.css", rps=1500.0), wrk_row(rps=500.0), wrk_row(rps=500.0)]
    ours = [wrk_row(rps=1600.0), wrk_row(rps=1000.0), wrk_row(rps=999.0)]
    rows = compare_bakerydemo.comparison_rows(bakery, ours)
    assert [row["ok"] for row in rows] == [None, True, False]
    assert rows[2]["ratio"] == pytest.approx(1.998)


def test_comparison_report_states_content_ratio_and_verdicts():
    rows = [
        {
            "job": "home",
            "bakery": wrk_row(path="/", rps=400.0),
            "ours": wrk_row(path="/", rps=1000.0),
            "ratio": 2.5,
            "ok": True,
        }
    ]
    text = "\n".join(
        compare_bakerydemo.report_lines(
            [("cache on", rows)],
            {"pages": 34, "snippets": 53, "images": 38},
            {"pages": 40, "honorees": 13_066, "images": 12},
            10,
            16,
        )
    )
    assert "ours 13,066 honorees + 40 pages" in text
    assert "**151×** bakerydemo's content" in text
    assert "| 2.50× | yes |" in text
    assert "### cache on" in text
    assert "wrk -t2 -c16 -d10s --timeout 10s" in text


def test_render_table_compares_uncontended_server_time_per_page():
    rows = [
        {"job": "home", "bakery": wrk_row(path="/"), "ours": wrk_row(path="/"), "ratio": 2.5, "ok": True},
        {
            "job": "search",
            "bakery": wrk_row(path="/search/?q=bread"),
            "ours": wrk_row(path="/search/?q=zhang"),
            "ratio": 3.0,
            "ok": True,
        },
    ]
    lines = compare_bakerydemo.render_table(
        rows, {"/": 33.0, "/search/?q=bread": 35.2}, {"/": 30.0, "/search/?q=zhang": 11.0}
    )
    assert "| home | `/` | 33.0 | `/` | 30.0 | 1.10× |" in lines
    assert "| search | `/search/?q=bread` | 35.2 | `/search/?q=zhang` | 11.0 | 3.20× |" in lines
    assert compare_bakerydemo.render_table(rows, {}, {"/": 30.0}) == []


def test_missing_checkout_is_reported_and_skipped(tmp_path, capsys):
    assert compare_bakerydemo.main(["--bakerydemo", str(tmp_path / "nowhere")]) == 0
    assert "bakerydemo comparison skipped: no bakerydemo checkout" in capsys.readouterr().out


def test_checkout_without_its_virtualenv_is_refused(tmp_path):
    (tmp_path / "manage.py").write_text("")
    (tmp_path / "bakerydemo" / "settings").mkdir(parents=True)
    assert ".venv is missing" in compare_bakerydemo.checkout_problem(tmp_path)
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / ".venv" / "bin" / "python").write_text("")
    assert compare_bakerydemo.checkout_problem(tmp_path) is None
