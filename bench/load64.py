"""Issue 9 "Load and speed": 64 concurrent clients for 60 s on every page, with a static file as the ceiling.

    .venv/bin/python bench/load64.py                     # SQLite, then PostgreSQL when it answers on 127.0.0.1:5432
    .venv/bin/python bench/load64.py --duration 10       # a quick run
    .venv/bin/python bench/load64.py --database sqlite   # one database only
    .venv/bin/python bench/load64.py --no-page-cache     # every request rendered (a cold or bypassed page cache)

The site is built as `make bench` builds it (bench/run.py: throwaway database, demo content, 13,058 synthetic
honorees, walls laid out, production settings) and served the same way (gunicorn, BENCH_WORKERS sync workers).
For every page: a 2 s warm-up, then wrk with 64 connections for --duration seconds and a 10 s request timeout, so
slow answers stay in the percentiles instead of being dropped as timeouts. The target: p99 under 500 ms and no
error at all (no socket error, no timeout, no status of 400 or more) on every page. A Markdown table with the load
average before and after each run goes to bench/results/load64-<date>-<time>.md.
"""

import argparse
import contextlib
import datetime
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run  # noqa: E402  (bench/ is a folder of scripts, not a package)

P99_TARGET_MS = 500
TIMEOUT_SECONDS = 10
PG_HOST = "127.0.0.1"
PG_PORT = "5432"

STATIC = ("static file (ceiling)", "/static/laomo/css/site.css")
PAGES = [
    ("home", "/"),
    ("dictionary list", "/dictionary/"),
    ("entry", "/dictionary/SRC-0002/"),
    ("search", "/search/?q=zhang"),
    ("exhibition", "/hall/glory-to-workers/"),
    ("film", "/films/wang-yuepeng/"),
    ("wall page (13,058 names)", "/walls/examples/"),
    ("wall panel", "/walls/examples/panel/7/"),
    ("API locate", "/api/walls/examples/locate/?name=zhangwei"),
    ("API search", "/api/honorees/search/?q=zgy"),
]


def passes(row: dict) -> bool:
    """Issue 9's bar for one page: p99 under 500 ms and not a single error of any kind."""
    return row["p99_ms"] < P99_TARGET_MS and row["errors"] == 0 and row["non2xx"] == 0


def postgres_answers() -> bool:
    if not shutil.which("pg_isready"):
        return False
    return subprocess.run(["pg_isready", "-h", PG_HOST, "-p", PG_PORT, "-q"]).returncode == 0


@contextlib.contextmanager
def throwaway_postgres():
    """A database of its own on the local server, dropped afterwards (as `make bench` does)."""
    name = f"laomo_load64_{os.getpid()}"
    subprocess.run(["createdb", "-h", PG_HOST, "-p", PG_PORT, "-U", "postgres", name], check=True)
    try:
        yield f"postgres://postgres@{PG_HOST}:{PG_PORT}/{name}"
    finally:
        subprocess.run(["dropdb", "-h", PG_HOST, "-p", PG_PORT, "-U", "postgres", "--if-exists", name], check=False)


def load_test(database_url: str, duration: int, connections: int, page_cache: bool = True) -> dict:
    """Build the bench site on this database, serve it and run wrk on the static file and every page."""
    with tempfile.TemporaryDirectory(prefix="laomo-load64-") as workdir:
        env = run.bench_env(workdir, database_url)
        if not page_cache:
            env["LAOMO_PAGE_CACHE_SECONDS"] = "0"
        print(f"Preparing a {run.database_name(env['DATABASE_URL'])} site with 13,058 synthetic honorees…", flush=True)
        prepare_seconds = run.prepare(env)
        rows = []
        with run.serve_laomo(env) as base_url:
            print(f"Serving with gunicorn ({run.WORKERS} workers); wrk {connections} connections × {duration} s…")
            for page in [STATIC, *PAGES]:
                before = run.load_average()
                row = run.measure(base_url, [page], duration, connections, TIMEOUT_SECONDS)[0]
                rows.append({**row, "load_before": before, "load_after": run.load_average(), "ok": passes(row)})
    return {
        "database": run.database_name(database_url),
        "page_cache": page_cache,
        "prepare_seconds": prepare_seconds,
        "rows": rows,
    }


def table(result: dict) -> list[str]:
    lines = [
        f"### {result['database']}, whole-page cache {'on' if result['page_cache'] else 'off'} "
        f"(setup {result['prepare_seconds']:.0f} s)",
        "",
        "| page | path | req/s | p50 ms | p95 ms | p99 ms | max ms | socket errors (c/r/w/timeout) | status ≥ 400 "
        "| load before → after | p99 < 500 ms, no error |",
        "|---|---|---:|---:|---:|---:|---:|---|---:|---|:---:|",
    ]
    for row in result["rows"]:
        errors = (
            f"{row['errors']} ({row['connect_errors']}/{row['read_errors']}/{row['write_errors']}/{row['timeouts']})"
        )
        lines.append(
            f"| {row['page']} | `{row['path']}` | {row['rps']:.1f} | {row['p50_ms']:.2f} | {row['p95_ms']:.2f} "
            f"| {row['p99_ms']:.2f} | {row['max_ms']:.2f} | {errors} | {row['non2xx']} "
            f"| {row['load_before']} → {row['load_after']} | {'yes' if row['ok'] else '**no**'} |"
        )
    failing = [row["page"] for row in result["rows"] if not row["ok"]]
    lines += ["", f"Every page within the target: {'**yes**' if not failing else '**no** — ' + ', '.join(failing)}", ""]
    return lines


def write_report(results: list[dict], duration: int, connections: int, notes: str = "") -> Path:
    stamp = datetime.datetime.now().strftime("%Y-%m-%d-%H%M")
    lines = [
        f"# Load test {stamp} — {connections} clients × {duration} s per page (issue 9)",
        "",
        f"Machine: {run.machine()}",
        f"Code: {run.code_version()}",
        f"Server: gunicorn, {run.WORKERS} sync workers, production settings. The anonymous whole-page cache is on "
        "unless a section says otherwise: each worker keeps a rendered page in its own memory (10 × "
        "LAOMO_PAGE_CACHE_SECONDS = 600 s), so after the warm-up a run measures cache hits unless content changes. "
        f"Load: wrk -t2 -c{connections} -d{duration}s --timeout {TIMEOUT_SECONDS}s after a 2 s warm-up per page.",
        "Content: demo content + 13,058 synthetic honorees, walls laid out (bench/run.py `prepare`).",
        f"Target: p99 under {P99_TARGET_MS} ms and zero errors (socket errors, timeouts, statuses ≥ 400) on every page.",
        "The machine has two cores shared with other work: the load average before and after each run is recorded.",
        "",
    ]
    for result in results:
        lines += table(result)
    if notes:
        lines += [notes.strip(), ""]
    run.RESULTS.mkdir(parents=True, exist_ok=True)
    path = run.RESULTS / f"load64-{stamp}.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=60, help="seconds of load per page (default 60)")
    parser.add_argument("--connections", type=int, default=64, help="concurrent clients (default 64)")
    parser.add_argument("--database", choices=["all", "sqlite", "postgresql"], default="all")
    parser.add_argument(
        "--no-page-cache", action="store_true", help="render every request (LAOMO_PAGE_CACHE_SECONDS=0)"
    )
    options = parser.parse_args(argv)
    if not shutil.which("wrk"):
        print("wrk is not installed: `apt-get install -y wrk` (make bench does this).", file=sys.stderr)
        return 2
    started = time.perf_counter()
    results = []
    if options.database in ("all", "sqlite"):
        results.append(load_test("", options.duration, options.connections, not options.no_page_cache))
    if options.database in ("all", "postgresql"):
        if postgres_answers():
            with throwaway_postgres() as url:
                results.append(load_test(url, options.duration, options.connections, not options.no_page_cache))
        else:
            print(f"PostgreSQL skipped: nothing answers on {PG_HOST}:{PG_PORT}", flush=True)
    report = write_report(results, options.duration, options.connections)
    print(f"Results: {report.relative_to(run.REPO)} ({time.perf_counter() - started:.0f} s)")
    return 0 if all(row["ok"] for result in results for row in result["rows"]) else 1


if __name__ == "__main__":
    sys.exit(main())
