"""Oral-history benchmark: the interview page and segment search at 200 interviews × 30 segments (issue 16).

    .venv/bin/python bench/bench_interviews.py                    # throwaway SQLite: demo + 200 × 30
    .venv/bin/python bench/bench_interviews.py --interviews 20    # a quick run
    .venv/bin/python bench/bench_interviews.py --json             # the rows as JSON on the last line

The interviews are generated and labelled (示例访谈…（程序生成）): each has one sitting, the demo recording and
captions, and 30 segments whose words are drawn from the 2020 source's vocabulary, several naming a real honoree.
They are published through Wagtail, so indexing goes the way an editor's publish goes (the outbox, after commit).
An anonymous visitor, whole-page cache off (every request rendered), Django's test client in this process:
the interview page (plain and opened at a segment's second), the 口述史 index, and segment search on the search
page and in the API. For each: median, slowest, size and SQL queries. Written to bench/results/interviews-<date>.md.
`run()` configures Django itself: call it in a fresh process.
"""

import argparse
import io
import json
import os
import random
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

# The in-process harness of the admin benchmark: a throwaway SQLite site, and median/slowest/size/queries per path.
from bench_admin import REPO, _measure, _setup_django

INTERVIEWS = 200
SEGMENTS = 30
# Words from the source text, so segment search meets real Chinese (and the demo's people by name and pinyin).
WORDS = [
    "修钢笔", "手艺", "东四南大街", "老字号", "工匠精神", "精益求精", "小汤山", "医院", "工地", "冬奥", "制冰",
    "场馆", "抗疫", "一线", "劳动模范", "先进工作者", "师傅", "徒弟", "车间", "技术革新", "质量", "安全",
]  # fmt: skip
NAMES = ["张广义", "王月鹏", "刘博强"]
QUERIES = ["修钢笔", "小汤山", "zhangguangyi", "wyp", "精益求精 师傅"]


def _prepare(interviews: int, segments: int) -> None:
    from django.core.management import call_command

    from archive.models import Honoree
    from media.models import InterviewIndexPage, InterviewPage, InterviewSegment, InterviewSitting

    quiet = io.StringIO()
    call_command("migrate", verbosity=0, stdout=quiet)
    call_command("load_demo", verbosity=0, stdout=quiet)
    demo = InterviewPage.objects.get(slug="zhang-guangyi-demo")
    index = InterviewIndexPage.objects.get()
    recording, captions = demo.sittings.first().media, demo.sittings.first().captions
    people = {honoree.name: honoree for honoree in Honoree.objects.filter(name__in=NAMES)}
    pick = random.Random(2020)
    for number in range(1, interviews + 1):
        page = InterviewPage(
            title=f"示例访谈 {number:03d}（程序生成）",
            slug=f"bench-interview-{number:03d}",
            summary="程序生成的示例访谈，用于测速，不是真实的访谈。",
            interviewer="示例访谈人",
        )
        page.sittings = [InterviewSitting(media=recording, captions=captions.name)]
        made = []
        for index_number in range(segments):
            words = pick.sample(WORDS, 6)
            segment = InterviewSegment(
                sitting=1,
                start=index_number * 60,
                title="、".join(words[:2]),
                synopsis="，".join(words[2:4]) + "。",
                keywords="、".join(words[4:]),
                transcript="（示例文字）" + "，".join(pick.sample(WORDS, 10)) + "。",
            )
            named = pick.choice(NAMES) if index_number % 5 == 0 else None
            segment.honorees = [people[named]] if named in people else []
            made.append(segment)
        page.segments = made
        index.add_child(instance=page)
        page.save_revision().publish()


def run(interviews: int = INTERVIEWS, segments: int = SEGMENTS, samples: int = 15) -> dict:
    with tempfile.TemporaryDirectory(prefix="laomo-bench-interviews-") as workdir:
        _setup_django(workdir)
        from django.conf import settings
        from django.test import Client
        from django.test.utils import override_settings

        from media.models import InterviewPage
        from search.models import SearchDocument

        started = time.perf_counter()
        _prepare(interviews, segments)
        prepare_seconds = time.perf_counter() - started
        client = Client(HTTP_HOST="localhost")
        storages = {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
        page = InterviewPage.objects.get(slug=f"bench-interview-{interviews:03d}")
        with override_settings(STORAGES=storages):
            rows = [
                _measure(client, f"interview page ({segments} segments)", page.url, samples),
                _measure(client, "interview page at a segment's second", page.url, samples, params={"t": 754}),
                _measure(client, "口述史 index", page.get_parent().url, samples),
            ]
            for query in QUERIES:
                rows.append(
                    _measure(
                        client,
                        f"segment search “{query}”",
                        "/search/",
                        samples,
                        params={"q": query, "tab": "interview"},
                    )
                )
            for query in QUERIES[:2]:
                rows.append(
                    _measure(client, f"API segment search “{query}”", "/api/search/", samples, params={"q": query})
                )
        for row in rows:
            row.pop("html")  # kept by the admin benchmark's harness for its own checks
        return {
            "interviews": InterviewPage.objects.live().count(),
            "moments": SearchDocument.objects.filter(key__startswith="moment:").count(),
            "prepare_seconds": round(prepare_seconds, 1),
            "rows": rows,
            "load": " ".join(f"{value:.2f}" for value in os.getloadavg()),
        }


def table(report: dict) -> list[str]:
    lines = [
        f"# Oral-history benchmark, {datetime.now():%Y-%m-%d %H:%M}",
        "",
        f"{report['interviews']} interviews ({report['moments']:,} segments indexed as moments) in SQLite with the "
        f"embedded search engine, set up in {report['prepare_seconds']} s; an anonymous visitor, whole-page cache "
        f"off, Django's test client in process; load average {report['load']}.",
        "",
        "| benchmark | path | median ms | max ms | KB | queries |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for row in report["rows"]:
        lines.append(
            f"| {row['benchmark']} | `{row['path']}` | {row['median_ms']} | {row['max_ms']} | {row['kb']} "
            f"| {row['queries']} |"
        )
    lines += ["", f"Samples per row after one warm-up request: {report['rows'][0]['samples']}."]
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--interviews", type=int, default=INTERVIEWS, help="generated interviews (200)")
    parser.add_argument("--segments", type=int, default=SEGMENTS, help="segments per interview (30)")
    parser.add_argument("--samples", type=int, default=15, help="timed requests per row after a warm-up (15)")
    parser.add_argument("--output", type=Path, help="where to write the Markdown (bench/results/interviews-<date>.md)")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON on the last line instead")
    args = parser.parse_args()
    report = run(args.interviews, args.segments, args.samples)
    if args.json:
        print(json.dumps(report))
        return 0
    text = "\n".join(table(report)) + "\n"
    output = args.output or REPO / "bench" / "results" / f"interviews-{datetime.now():%Y-%m-%d-%H%M}.md"
    output.write_text(text, encoding="utf-8")
    print(text, end="")
    print(f"\nWritten to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
