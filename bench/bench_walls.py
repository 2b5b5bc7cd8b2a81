"""Name-wall benchmark: layout of 13,058 names, the wall page, a panel fetch and the finder (寻找名字).

    .venv/bin/python bench/bench_walls.py                   # throwaway SQLite: demo + 13,058 synthetic honorees
    .venv/bin/python bench/bench_walls.py --current-db      # the configured database (must hold the synthetic set)
    .venv/bin/python bench/bench_walls.py --base-url http://127.0.0.1:8000   # also measure a running server over HTTP
    .venv/bin/python bench/bench_walls.py --json            # the rows as JSON on the last line (for bench/run.py)

Targets (issue 7): the whole layout under 5 s; the wall page's first response under 100 KB compressed and under
50 ms server time; a panel fetch under 20 ms; locate p95 under 20 ms. In-process timings use Django's test client
with the whole-page cache off (LAOMO_PAGE_CACHE_SECONDS=0), so they are the server's own work for every request;
the page is gzipped here to report its compressed size (the stack itself does not compress yet).
`run()` configures Django itself: call it in a fresh process.
"""

import argparse
import gzip
import io
import json
import os
import random
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RECORDS = 13_058
WALL = "examples"  # the demo's synthetic wall: it carries every synthetic honoree
SAMPLES = 200
SEED = 2020


def _setup_django(workdir: str | None) -> None:
    if workdir:
        os.environ["LAOMO_VAR_DIR"] = workdir
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "laomo.settings.dev")
    os.environ["DEBUG"] = "0"  # DEBUG keeps every query in memory, which would distort the timings
    os.environ["LAOMO_PAGE_CACHE_SECONDS"] = "0"  # measure the work, not the whole-page cache
    os.environ.pop("REDIS_URL", None)
    sys.path[:0] = [str(REPO / "site"), str(REPO)]
    import django

    django.setup()


def _prepare(quiet) -> None:
    from django.core.management import call_command

    import exhibits.walls.hooks  # noqa: F401  (the demo walls' hook, in case exhibits/wagtail_hooks.py does not import it yet)

    call_command("migrate", verbosity=0, stdout=quiet)
    call_command("load_demo", verbosity=0, stdout=quiet)
    call_command("generate_synthetic", "--honorees", str(RECORDS), stdout=quiet)


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def _row(label: str, value: float, unit: str, target: float | None = None) -> dict:
    return {
        "benchmark": label,
        "value": value,
        "unit": unit,
        "target": target,
        "ok": None if target is None else value < target,
    }


def _queries(wall, count: int) -> list[str]:
    """Names as visitors type them: characters, pinyin, initials, a homophone, a zh/z slip — from the wall itself."""
    from exhibits.walls.models import WallPlacement

    rows = list(
        WallPlacement.objects.filter(wall=wall, honoree__kind="person").values_list(
            "honoree__name", "honoree__name_pinyin", "honoree__name_initials"
        )
    )
    by_sound: dict[str, set[str]] = {}
    for name, pinyin, _ in rows:
        syllables = pinyin.split()
        if len(syllables) == len(name):
            for char, syllable in zip(name, syllables, strict=True):
                by_sound.setdefault(syllable, set()).add(char)
    rng = random.Random(SEED)
    queries = []
    for position in range(count):
        name, pinyin, initials = rng.choice(rows)
        kind = position % 5
        if kind == 0:
            queries.append(name)
        elif kind == 1:
            queries.append(pinyin.replace(" ", ""))
        elif kind == 2:
            queries.append(initials)
        elif kind == 3:  # the last character swapped for another one read the same
            last = pinyin.split()[-1]
            others = sorted(by_sound.get(last, set()) - {name[-1]})
            queries.append(name[:-1] + (rng.choice(others) if others else name[-1]))
        else:
            queries.append(pinyin.replace(" ", "").replace("zh", "z").replace("sh", "s"))
    return queries


def _in_process(wall) -> list[dict]:
    from django.conf import settings
    from django.test import Client
    from django.test.utils import override_settings

    # Plain static storage: the manifest storage needs collectstatic first, and static URLs cost the same either way.
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        return _measure_in_process(wall, Client)


def _measure_in_process(wall, Client) -> list[dict]:
    from django.urls import reverse

    from archive.cache import bump_data_version
    from exhibits.walls.layout import ensure_current

    client = Client(HTTP_HOST="localhost")  # the demo site's host, allowed in every settings module
    state = ensure_current(wall)
    url = wall.url
    rows = []

    def timed_get(path, params=None) -> tuple[float, float, object]:
        """Wall-clock and CPU seconds: on a busy machine the CPU time shows the work without the waiting."""
        started, cpu = time.perf_counter(), time.process_time()
        response = client.get(path, params or {})
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
        return elapsed, cpu, response

    def add(label: str, timings: list[tuple[float, float]], target: float) -> None:
        wall_times, cpu_times = [t[0] for t in timings], [t[1] for t in timings]
        rows.append(_row(f"{label}: median", _ms(statistics.median(wall_times)), "ms", target))
        rows.append(_row(f"{label}: p95", _ms(_p95(wall_times)), "ms", target))
        rows.append(_row(f"{label}: p95 CPU time", _ms(_p95(cpu_times)), "ms", target))

    timed_get(url)  # the process's first request loads jieba, OpenCC, templates: not what a visitor waits for
    uncached, cached = [], []
    response = None
    for _ in range(30):
        bump_data_version()  # as after any record change: no cached panel, the page's full work
        elapsed, cpu, response = timed_get(url)
        uncached.append((elapsed, cpu))
        cached.append(timed_get(url)[:2])
    html = response.content
    rows.append(_row("wall page: first response, gzip -6", round(len(gzip.compress(html, 6)) / 1024, 1), "KB", 100))
    rows.append(_row("wall page: first response, uncompressed", round(len(html) / 1024, 1), "KB"))
    add("wall page, panel not cached", uncached, 50)
    add("wall page, panel cached", cached, 50)

    fetches = []
    for number in list(range(1, len(state.panels) + 1)) * 3:
        bump_data_version()
        fetches.append(timed_get(reverse("walls:panel", args=[wall.slug, number]))[:2])
    add(f"panel fetch, not cached ({len(fetches)} fetches)", fetches, 20)

    queries = _queries(wall, SAMPLES)
    locate_url = f"/api/walls/{wall.slug}/locate/"
    timed_get(locate_url, {"name": queries[0]})  # builds the process's index once
    locates, found = [], 0
    for query in queries:
        elapsed, cpu, response = timed_get(locate_url, {"name": query})
        locates.append((elapsed, cpu))
        found += bool(response.json()["matches"])
    add(f"locate API ({len(queries)} queries)", locates, 20)
    rows.append(_row("locate: queries that found their name", round(100 * found / len(queries), 1), "%"))
    return rows


def _over_http(base_url: str, wall) -> list[dict]:
    queries = _queries(wall, SAMPLES)

    def fetch(path: str) -> tuple[float, bytes, str]:
        request = urllib.request.Request(base_url + path, headers={"Accept-Encoding": "gzip"})
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
            encoding = response.headers.get("Content-Encoding", "")
        return time.perf_counter() - started, body, encoding

    fetch(wall.url)
    times, body, encoding = [], b"", ""
    for _ in range(20):
        elapsed, body, encoding = fetch(wall.url)
        times.append(elapsed)
    wire = len(body) if encoding == "gzip" else len(gzip.compress(body, 6))
    rows = [
        _row(
            f"HTTP wall page: size ({'as sent, gzip' if encoding == 'gzip' else 'gzipped here, sent uncompressed'})",
            round(wire / 1024, 1),
            "KB",
            100,
        ),
        _row("HTTP wall page: p95", _ms(_p95(times)), "ms", 50),
    ]
    from urllib.parse import quote

    from django.urls import reverse

    panel_times = [fetch(reverse("walls:panel", args=[wall.slug, n]))[0] for n in range(1, 11)]
    rows.append(_row("HTTP panel fetch: p95", _ms(_p95(panel_times)), "ms", 20))
    locate_times = [fetch(f"/api/walls/{wall.slug}/locate/?name={quote(q)}")[0] for q in queries]
    rows.append(_row("HTTP locate: p95", _ms(_p95(locate_times)), "ms", 20))
    return rows


def run(base_url: str | None = None, current_db: bool = False) -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="laomo-bench-walls-") as workdir:
        _setup_django(None if current_db else workdir)
        from exhibits.walls.layout import compute_layout
        from exhibits.walls.models import NameWallPage, WallPlacement

        if not current_db:
            _prepare(io.StringIO())
        wall = NameWallPage.objects.get(slug=WALL)
        if wall.frozen:
            raise RuntimeError(f"the {WALL} wall is frozen: unfreeze it to measure a full layout")
        WallPlacement.objects.filter(wall=wall).delete()
        started = time.perf_counter()
        report = compute_layout(wall)
        layout_seconds = time.perf_counter() - started
        rows = [_row(f"layout: {report.names:,} names into {report.panels} panels", round(layout_seconds, 2), "s", 5)]
        started = time.perf_counter()
        compute_layout(wall)
        rows.append(_row("layout again, nothing changed", round(time.perf_counter() - started, 2), "s", 5))
        rows.append(_row("machine load average (1 min) while measuring", round(os.getloadavg()[0], 2), ""))
        rows += _in_process(wall)
        if base_url:
            rows += _over_http(base_url.rstrip("/"), wall)
        return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", help="also measure this running server over HTTP (it must serve the same data)")
    parser.add_argument(
        "--current-db", action="store_true", help="use the configured database instead of a throwaway one"
    )
    parser.add_argument("--json", action="store_true", help="print the rows as JSON on the last line")
    options = parser.parse_args()
    rows = run(options.base_url, options.current_db)
    if options.json:
        print(json.dumps(rows, ensure_ascii=False))
        return
    print("| wall benchmark | value | target | |")
    print("|---|---:|---:|---|")
    for row in rows:
        target = f"< {row['target']} {row['unit']}" if row["target"] is not None else ""
        mark = "" if row["ok"] is None else ("ok" if row["ok"] else "**over**")
        print(f"| {row['benchmark']} | {row['value']} {row['unit']} | {target} | {mark} |")


if __name__ == "__main__":
    main()
