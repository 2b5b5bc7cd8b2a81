"""Search benchmark: the embedded engine over 13,058 and 100,000 synthetic honorees in a throwaway SQLite database.

    .venv/bin/python bench/bench_search.py          # a Markdown table
    .venv/bin/python bench/bench_search.py --json   # rows as JSON on the last line (bench/run.py reads it)
    BENCH_SEARCH_SIZES=13058 .venv/bin/python bench/bench_search.py   # only the first size

For each size: a full rebuild of the index (target < 30 s at 13,058), then every query below through
`search.engine.get_engine().search_honorees` — the work behind /api/honorees/search/ — with the result cache
cleared before each one, so the figures are for uncached queries. Targets: p95 < 50 ms at 13,058 and < 150 ms at
100,000. `run()` configures Django itself: call it in a fresh process.
"""

import io
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SIZES = [int(size) for size in os.environ.get("BENCH_SEARCH_SIZES", "13058,100000").split(",")]
# One query of every style visitors use (see the search issue), plus common single characters.
QUERIES = [
    "张广义",
    "广义",
    "张 修钢笔",
    "zhangguangyi",
    "zhang guangyi",
    "zgy",
    "张guangyi",
    "张广意",
    "張廣義",
    "勞動模範",
    "昌平供电",
    "制冰",
    "冬奥",
    "非典",
    "王月鹏",
    "wangyuepeng",
    "wyp",
    "王",
    "张",
    "李",
    "liu",
    "北京公交",
    "首钢",
    "欧阳",
    "全国劳动模范",
    "1989",
    "维修",
    "chen",
    "陈历俊",
    "不存在的名字",
]
# What a visitor's keystrokes send to /api/search/suggest/ while typing a name.
SUGGEST_PREFIXES = [
    "z",
    "zh",
    "zhang",
    "zhangg",
    "zhangguangyi",
    "zgy",
    "张",
    "张广",
    "张光",
    "张guangy",
    "wangyuep",
    "li",
    "x",
    "欧阳",
    "协和",
    "bucunzai",
]


def _setup_django(workdir: str) -> None:
    os.environ["LAOMO_VAR_DIR"] = workdir
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "laomo.settings.dev"
    os.environ["DEBUG"] = "0"  # DEBUG keeps every query in memory
    os.environ.pop("REDIS_URL", None)
    sys.path[:0] = [str(REPO / "site"), str(REPO)]
    import django

    django.setup()


def _clear_results(cache) -> None:
    """Forget cached results but not the archive's data version: the data did not change, so the per-process
    facet table (search/facets.py) stays, as it does between a visitor's searches."""
    from archive.cache import VERSION_KEY

    version = cache.get(VERSION_KEY)
    cache.clear()
    if version is not None:
        cache.set(VERSION_KEY, version, timeout=None)


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def run() -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="laomo-bench-search-") as workdir:
        _setup_django(workdir)
        from django.core.cache import cache
        from django.core.management import call_command

        from archive.browse import parse_filters
        from search.engine import get_engine

        call_command("migrate", verbosity=0)
        call_command("load_demo", stdout=io.StringIO())
        engine = get_engine()
        filters = parse_filters({})
        for size in SIZES:
            call_command("generate_synthetic", honorees=size, stdout=io.StringIO())
            started = time.perf_counter()
            engine.rebuild()
            rebuild_seconds = time.perf_counter() - started
            for query in QUERIES:  # warm jieba, OpenCC and SQLite's page cache
                engine.search_honorees(query, filters)
            timings = []
            for _ in range(3):
                for query in QUERIES:
                    _clear_results(cache)
                    started = time.perf_counter()
                    engine.search_honorees(query, filters)
                    timings.append((time.perf_counter() - started) * 1000)
            # The first search after any record change also rebuilds this process's facet table.
            from archive.cache import bump_data_version

            bump_data_version()
            started = time.perf_counter()
            engine.search_honorees("王", filters)
            after_change_ms = (time.perf_counter() - started) * 1000
            suggest_timings = []
            for _ in range(3):
                for prefix in SUGGEST_PREFIXES:
                    _clear_results(cache)
                    started = time.perf_counter()
                    engine.suggest(prefix)
                    suggest_timings.append((time.perf_counter() - started) * 1000)
            rows.append(
                {
                    "benchmark": f"search, {size:,} records",
                    "rebuild_s": round(rebuild_seconds, 2),
                    "p50_ms": round(statistics.median(timings), 1),
                    "p95_ms": round(_percentile(timings, 0.95), 1),
                    "max_ms": round(max(timings), 1),
                    "queries": len(timings),
                    "suggest_p95_ms": round(_percentile(suggest_timings, 0.95), 1),
                    "after_change_ms": round(after_change_ms, 1),
                    "load": round(os.getloadavg()[0], 2),
                }
            )
    return rows


def main() -> None:
    rows = run()
    if "--json" in sys.argv:
        print(json.dumps(rows))
        return
    print(
        "| benchmark | rebuild s | p50 ms | p95 ms | max ms | queries | suggest p95 ms "
        "| first search after a change, ms | load (1 min) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print(
            f"| {row['benchmark']} | {row['rebuild_s']} | {row['p50_ms']} | {row['p95_ms']} | {row['max_ms']} "
            f"| {row['queries']} | {row['suggest_p95_ms']} | {row['after_change_ms']} | {row['load']} |"
        )
    if len(rows) > 1:
        print(f"\nGrowth from {SIZES[0]:,} to {SIZES[-1]:,}: p95 ×{rows[-1]['p95_ms'] / rows[0]['p95_ms']:.1f}")


if __name__ == "__main__":
    main()
