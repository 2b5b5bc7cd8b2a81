"""The project's yardstick: every page at least twice the throughput of the official Wagtail demo (bakerydemo) on the
same machine, with ten times its content.

    .venv/bin/python bench/compare_bakerydemo.py                           # bakerydemo checkout in /work/bakerydemo
    .venv/bin/python bench/compare_bakerydemo.py --bakerydemo ~/bakerydemo  # elsewhere
    BENCH_DURATION=3 .venv/bin/python bench/compare_bakerydemo.py           # a quick run

The checkout needs its own virtualenv in `.venv` with its requirements plus gunicorn and whitenoise, and settings
`bakerydemo.settings.production` that read DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS (bakerydemo's own production
style). Nothing of it is copied into this repository. Both sites get a throwaway SQLite database (bakerydemo:
`migrate` + `load_initial_data`; ours: bench/run.py's `prepare`, i.e. demo content + 13,058 synthetic honorees), are
served by gunicorn with the same worker count and measured by the same wrk run as `make bench` (bench/run.py's
`measure`). The table pairs each bakerydemo page with the page of ours that does the same job and goes to
bench/results/bakerydemo-<date>-<time>.md together with the content counts of both sites.
"""

import argparse
import datetime
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run  # noqa: E402  (bench/ is a folder of scripts, not a package)

DEFAULT_CHECKOUT = Path("/work/bakerydemo")
TARGET_RATIO = 2.0
VERDICT = {True: "yes", False: "**no**", None: "–"}
TIMEOUT_SECONDS = 10  # keep slow answers in the percentiles rather than dropping them as wrk timeouts

# (what the page does, bakerydemo's page, our page): ours are labels of run.PAGES, so both sides use one path list
PAIRS = [
    ("static file (ceiling)", "/static/css/main.css", "static file (ceiling)"),
    ("home", "/", "home"),
    ("index page", "/blog/", "dictionary list"),
    ("article", "/blog/wild-yeast/", "story"),
    ("record detail", "/breads/anpan/", "entry (real)"),
    ("place / section", "/locations/reykjavik/", "exhibition section"),
    ("search", "/search/?q=bread", "search"),
]
BAKERY_PAGE_NAMES = {
    "/static/css/main.css": "static file",
    "/": "home",
    "/blog/": "blog index",
    "/blog/wild-yeast/": "blog post",
    "/breads/anpan/": "bread page",
    "/locations/reykjavik/": "location page",
    "/search/?q=bread": "search",
}

BAKERY_COUNTS = """
import json
from wagtail.images import get_image_model
from wagtail.models import Page
from bakerydemo.base.models import FooterText, Person
from bakerydemo.breads.models import BreadIngredient, BreadType, Country
snippets = sum(model.objects.count() for model in (Person, FooterText, BreadIngredient, BreadType, Country))
print(json.dumps({"pages": Page.objects.filter(depth__gt=1).count(), "snippets": snippets,
                  "images": get_image_model().objects.count()}))
"""
# Server time of one request with nobody else asking (Django's test client, the same settings and database as the
# served site): robust against other work on the machine, unlike throughput under load.
RENDER_TIMES = """
import json, statistics, time
from django.test import Client
client = Client(HTTP_HOST="127.0.0.1")
times = {}
for path in PATHS:
    for _ in range(3):
        assert client.get(path).status_code == 200, path
    samples = []
    for _ in range(25):
        started = time.perf_counter()
        client.get(path)
        samples.append((time.perf_counter() - started) * 1000)
    times[path] = round(statistics.median(samples), 1)
print(json.dumps(times))
"""
OUR_COUNTS = """
import json
from wagtail.images import get_image_model
from wagtail.models import Page
from archive.models import Honoree
print(json.dumps({"pages": Page.objects.filter(depth__gt=1).count(), "honorees": Honoree.objects.count(),
                  "images": get_image_model().objects.count()}))
"""


def checkout_problem(checkout: Path) -> str | None:
    """Why the checkout cannot be benchmarked, or None when it can."""
    if not (checkout / "manage.py").is_file() or not (checkout / "bakerydemo" / "settings").is_dir():
        return f"no bakerydemo checkout in {checkout} (manage.py and bakerydemo/settings/ expected)"
    if not (checkout / ".venv" / "bin" / "python").is_file():
        return f"{checkout}/.venv is missing: python3 -m venv .venv && .venv/bin/pip install -r requirements.txt"
    return None


def bakery_env(workdir: str) -> dict:
    return {
        **{key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "bakerydemo.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1;localhost",
        "DATABASE_URL": f"sqlite:///{workdir}/bakerydemo.sqlite3",
    }


def shell_json(python: str, cwd: Path, env: dict, code: str) -> dict:
    output = subprocess.run(
        [python, "manage.py", "shell", "-c", code], cwd=cwd, env=env, capture_output=True, text=True, check=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def render_times(python: str, cwd: Path, env: dict, paths: list[str]) -> dict[str, float]:
    """Median milliseconds of one uncontended request per path (see RENDER_TIMES); 127.0.0.1 is an allowed host."""
    return shell_json(python, cwd, env, f"PATHS = {paths!r}\n{RENDER_TIMES}")


def measure_bakerydemo(checkout: Path, duration: int, connections: int) -> tuple[list[dict], dict]:
    python = str(checkout / ".venv" / "bin" / "python")
    with tempfile.TemporaryDirectory(prefix="bakerydemo-bench-") as workdir:
        env = bakery_env(workdir)
        for command in (["migrate", "--noinput"], ["load_initial_data"], ["collectstatic", "--noinput"]):
            subprocess.run(
                [python, "manage.py", *command], cwd=checkout, env=env, check=True, stdout=subprocess.DEVNULL
            )
        counts = shell_json(python, checkout, env, BAKERY_COUNTS)
        pages = [(BAKERY_PAGE_NAMES[path], path) for _, path, _ in PAIRS]
        counts["render_ms"] = render_times(python, checkout, env, [path for _, path in pages[1:]])
        print(f"bakerydemo under gunicorn ({run.WORKERS} workers), wrk {connections} connections × {duration} s…")
        with run.gunicorn(checkout, env, "bakerydemo.wsgi", str(checkout), python, "/static/css/main.css") as url:
            rows = measure_with_load(url, pages, duration, connections)
    return rows, counts


def measure_ours(duration: int, connections: int) -> tuple[list[dict], list[dict], dict]:
    """Our pages as production serves them (anonymous whole-page cache on), then rendered for every request."""
    with tempfile.TemporaryDirectory(prefix="laomo-compare-") as workdir:
        env = run.bench_env(workdir)
        print("Preparing our site with 13,058 synthetic honorees…", flush=True)
        run.prepare(env)
        counts = shell_json(run.PYTHON, run.REPO, env, OUR_COUNTS)
        paths = dict(run.PAGES)
        pages = [(ours, paths[ours]) for _, _, ours in PAIRS]
        uncached = {**env, "LAOMO_PAGE_CACHE_SECONDS": "0"}
        counts["render_ms"] = render_times(run.PYTHON, run.REPO, uncached, [path for _, path in pages[1:]])
        print(f"Our site under gunicorn ({run.WORKERS} workers), wrk {connections} connections × {duration} s…")
        with run.serve_laomo(env) as url:
            cached = measure_with_load(url, pages, duration, connections)
        print("Again with the whole-page cache off (bakerydemo has none)…", flush=True)
        with run.serve_laomo({**env, "LAOMO_PAGE_CACHE_SECONDS": "0"}) as url:
            rendered = measure_with_load(url, pages, duration, connections)
    return cached, rendered, counts


def measure_with_load(base_url: str, pages: list[tuple[str, str]], duration: int, connections: int) -> list[dict]:
    rows = []
    for page in pages:
        before = run.load_average()
        row = run.measure(base_url, [page], duration, connections, TIMEOUT_SECONDS)[0]
        rows.append({**row, "load_before": before, "load_after": run.load_average()})
    return rows


def content_ratio(ours: dict, bakery: dict) -> float:
    """Our records and pages against bakerydemo's pages and snippets."""
    return (ours["honorees"] + ours["pages"]) / (bakery["pages"] + bakery["snippets"])


def comparison_rows(bakery_rows: list[dict], our_rows: list[dict]) -> list[dict]:
    rows = []
    for (job, _, _), bakery, ours in zip(PAIRS, bakery_rows, our_rows, strict=True):
        ratio = ours["rps"] / bakery["rps"] if bakery["rps"] else 0.0
        # the static file is the stack's ceiling on both sides, not a page: the 2× yardstick does not apply to it
        ok = None if bakery["path"].startswith("/static/") else ratio >= TARGET_RATIO
        rows.append({"job": job, "bakery": bakery, "ours": ours, "ratio": ratio, "ok": ok})
    return rows


def comparison_table(title: str, rows: list[dict]) -> list[str]:
    lines = [
        f"### {title}",
        "",
        "| page | bakerydemo | req/s | p50 ms | p99 ms | load before → after | ours | req/s | p50 ms | p99 ms "
        "| load before → after | ours ÷ bakerydemo | ≥ 2× |",
        "|---|---|---:|---:|---:|---|---|---:|---:|---:|---|---:|:---:|",
    ]
    for row in rows:
        bakery, ours = row["bakery"], row["ours"]
        lines.append(
            f"| {row['job']} | `{bakery['path']}` | {bakery['rps']:.1f} | {bakery['p50_ms']:.2f} | {bakery['p99_ms']:.2f} "
            f"| {bakery['load_before']} → {bakery['load_after']} | `{ours['path']}` | {ours['rps']:.1f} "
            f"| {ours['p50_ms']:.2f} | {ours['p99_ms']:.2f} | {ours['load_before']} → {ours['load_after']} "
            f"| {row['ratio']:.2f}× | {VERDICT[row['ok']]} |"
        )
    errors = [row["job"] for row in rows for side in ("bakery", "ours") if row[side]["errors"] or row[side]["non2xx"]]
    if errors:
        lines += ["", f"Errors during these runs: {', '.join(sorted(set(errors)))} (see the raw rows below)."]
    return [*lines, ""]


def render_table(rows: list[dict], bakery_ms: dict, our_ms: dict) -> list[str]:
    """One uncontended request each (median of 25, page cache off on our side): the work a render costs."""
    if not bakery_ms or not our_ms:
        return []
    lines = [
        "### Server time of one request, nobody else asking (median of 25; our whole-page cache off)",
        "",
        "| page | bakerydemo | ms | ours | ms | bakerydemo ÷ ours |",
        "|---|---|---:|---|---:|---:|",
    ]
    for row in rows:
        bakery, ours = row["bakery"]["path"], row["ours"]["path"]
        if bakery in bakery_ms and ours in our_ms:
            lines.append(
                f"| {row['job']} | `{bakery}` | {bakery_ms[bakery]:.1f} | `{ours}` | {our_ms[ours]:.1f} "
                f"| {bakery_ms[bakery] / our_ms[ours]:.2f}× |"
            )
    return [*lines, ""]


def report_lines(
    tables: list[tuple[str, list[dict]]], bakery_counts: dict, our_counts: dict, duration: int, connections: int
) -> list[str]:
    ratio = content_ratio(our_counts, bakery_counts)
    lines = [
        f"# Against bakerydemo — {datetime.date.today().isoformat()}",
        "",
        f"Machine: {run.machine()}",
        f"Code: {run.code_version()}; bakerydemo: reconstructed checkout (see its RECONSTRUCTION.md), Wagtail 7.0.",
        f"Both sites: gunicorn, {run.WORKERS} sync workers, DEBUG off, WhiteNoise for static files, a throwaway SQLite "
        f"database; wrk -t2 -c{connections} -d{duration}s --timeout {TIMEOUT_SECONDS}s after a 2 s warm-up per page "
        "(bench/run.py `measure`).",
        "",
        f"Content: bakerydemo {bakery_counts['pages']} pages + {bakery_counts['snippets']} snippets "
        f"({bakery_counts['images']} images); ours {our_counts['honorees']:,} honorees + {our_counts['pages']} pages "
        f"({our_counts['images']} images) — **{ratio:.0f}×** bakerydemo's content.",
        "",
    ]
    for title, rows in tables:
        lines += comparison_table(title, rows)
    lines += render_table(tables[0][1], bakery_counts.get("render_ms", {}), our_counts.get("render_ms", {}))
    raw = {title: rows for title, rows in tables}
    lines += ["Raw wrk rows:", "", "```", json.dumps(raw, indent=1, ensure_ascii=False), "```", ""]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bakerydemo", type=Path, default=DEFAULT_CHECKOUT, help="bakerydemo checkout")
    parser.add_argument("--duration", type=int, default=run.DURATION, help="seconds per page (BENCH_DURATION)")
    parser.add_argument("--connections", type=int, default=run.CONNECTIONS, help="wrk connections (BENCH_CONNECTIONS)")
    parser.add_argument("--notes", type=Path, help="a Markdown file appended to the report (caveats)")
    options = parser.parse_args(argv)
    problem = checkout_problem(options.bakerydemo.expanduser())
    if problem:
        print(f"bakerydemo comparison skipped: {problem}")
        return 0
    if not shutil.which("wrk"):
        print("wrk is not installed: `apt-get install -y wrk` (make bench does this).", file=sys.stderr)
        return 2
    bakery_rows, bakery_counts = measure_bakerydemo(
        options.bakerydemo.expanduser(), options.duration, options.connections
    )
    cached, rendered, our_counts = measure_ours(options.duration, options.connections)
    tables = [
        ("Ours as served in production (anonymous whole-page cache on)", comparison_rows(bakery_rows, cached)),
        (
            "Ours rendering every request (whole-page cache off, like bakerydemo)",
            comparison_rows(bakery_rows, rendered),
        ),
    ]
    lines = report_lines(tables, bakery_counts, our_counts, options.duration, options.connections)
    if options.notes:
        lines += [options.notes.read_text(encoding="utf-8")]
    run.RESULTS.mkdir(parents=True, exist_ok=True)
    path = run.RESULTS / f"bakerydemo-{datetime.datetime.now().strftime('%Y-%m-%d-%H%M')}.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    print(f"Results: {path.relative_to(run.REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
