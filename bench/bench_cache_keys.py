"""Issue 14, finding 9: a cached page under 4 clients that send random query strings (?x=<random>&utm_source=…).

    .venv/bin/python bench/bench_cache_keys.py                 # demo content + 13,058 synthetic honorees, as make bench
    .venv/bin/python bench/bench_cache_keys.py --duration 5    # shorter runs
    .venv/bin/python bench/bench_cache_keys.py --demo-only     # demo content only: minutes less to set up

Built and served as bench/run.py does (throwaway SQLite database, production settings, gunicorn). For every page:
the p50 of the plain address (a cache hit) and of the same page with a random query string on every request
(bench/random_query.lua), 4 connections each. Before issue 14 every random query string missed the cache (518 ms
median for /sitemap.xml); the page cache now keys on the parameters a page reads, so they should be about equal.
A Markdown table goes to bench/results/cache-keys-<date>-<time>.md.
"""

import argparse
import datetime
import json
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run  # noqa: E402  (bench/ is a folder of scripts, not a package)

CLIENTS = 4
PAGES = [
    ("sitemap", "/sitemap.xml"),
    ("home", "/"),
    ("dictionary list", "/dictionary/"),
    ("entry", "/dictionary/SRC-0002/"),
    ("search", "/search/?q=zhang"),
    ("API list", "/api/honorees/"),
]


def wrk_random(url: str, duration: int) -> dict:
    command = ["wrk", "-t2", f"-c{CLIENTS}", f"-d{duration}s", "-s", str(run.REPO / "bench" / "random_query.lua"), url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def measure(base_url: str, duration: int) -> list[dict]:
    rows = []
    for label, path in PAGES:
        with urllib.request.urlopen(base_url + path, timeout=60):  # a broken page fails loudly; this one is stored
            pass
        run.wrk(base_url + path, 2, CLIENTS)  # warm every worker
        load = run.load_average()  # other work on the machine skews these numbers: recorded with them
        plain = run.wrk(base_url + path, duration, CLIENTS)
        random = wrk_random(base_url + path, duration)
        rows.append({"page": label, "path": path, "plain": plain, "random": random, "load": load})
        print(
            f"  {label[:16]:16} plain p50 {plain['p50_ms']:7.2f} ms   random query strings p50 {random['p50_ms']:7.2f} ms"
            f"  ({random['rps']:.0f} req/s, {random['non2xx']} ≥ 400, {random['errors']} socket errors)",
            flush=True,
        )
    return rows


def write_report(rows: list[dict], duration: int, prepare_seconds: float, content: str) -> Path:
    stamp = datetime.datetime.now().strftime("%Y-%m-%d-%H%M")
    lines = [
        f"# Cached pages under random query strings {stamp} (issue 14, finding 9)",
        "",
        f"Machine: {run.machine()}",
        f"Code: {run.code_version()}",
        f"Server: gunicorn, {run.WORKERS} sync workers, production settings, whole-page cache on, SQLite "
        f"(setup {prepare_seconds:.0f} s). Load: wrk, {CLIENTS} connections, {duration} s per row after a warm-up.",
        f"Content: {content}.",
        "Random: every request adds `x=<random>&utm_source=<unique>` (bench/random_query.lua), parameters no page reads.",
        "",
        "| page | path | plain p50 ms | random p50 ms | random p99 ms | random req/s | random ≥ 400 | load before |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        plain, random = row["plain"], row["random"]
        lines.append(
            f"| {row['page']} | `{row['path']}` | {plain['p50_ms']:.2f} | {random['p50_ms']:.2f} "
            f"| {random['p99_ms']:.2f} | {random['rps']:.1f} | {random['non2xx']} | {row['load']} |"
        )
    run.RESULTS.mkdir(parents=True, exist_ok=True)
    path = run.RESULTS / f"cache-keys-{stamp}.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per row (default 10)")
    parser.add_argument("--demo-only", action="store_true", help="no synthetic honorees (a quicker setup)")
    options = parser.parse_args(argv)
    if not shutil.which("wrk"):
        print("wrk is not installed: `apt-get install -y wrk` (make bench does this).", file=sys.stderr)
        return 2
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="laomo-cache-keys-") as workdir:
        env = run.bench_env(workdir)
        if options.demo_only:
            print("Preparing a sqlite site with the demo content…", flush=True)
            started_prepare = time.perf_counter()
            for step in (["migrate", "--noinput"], ["load_demo"], ["collectstatic", "--noinput"]):
                run.manage(env, *step)
            prepare_seconds = time.perf_counter() - started_prepare
        else:
            print("Preparing a sqlite site with 13,058 synthetic honorees…", flush=True)
            prepare_seconds = run.prepare(env)
        print(f"Serving with gunicorn ({run.WORKERS} workers); {CLIENTS} clients…", flush=True)
        with run.serve_laomo(env) as base_url:
            rows = measure(base_url, options.duration)
    content = "demo content only" if options.demo_only else "demo content + 13,058 synthetic honorees"
    report = write_report(rows, options.duration, prepare_seconds, content)
    print(f"Results: {report.relative_to(run.REPO)} ({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
