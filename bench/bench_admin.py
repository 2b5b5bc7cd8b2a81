"""Admin benchmark: the editors that link honorees, and the honoree chooser, with 13,058 synthetic honorees.

    .venv/bin/python bench/bench_admin.py                   # throwaway SQLite: demo + 13,058 synthetic honorees
    .venv/bin/python bench/bench_admin.py --honorees 500    # a quick run
    .venv/bin/python bench/bench_admin.py --json            # the rows as JSON on the last line

A superuser opens the story, film and lesson editors (GET /admin/pages/<id>/edit/) and searches the honoree
chooser (a common surname in characters and in pinyin, initials, an id), through Django's test client in this
process. For each: the median and slowest of the samples, the response size and its number of SQL queries. The
story editor is also opened once more with its related honorees as the plain <select> it used to be, for
comparison. Target (issue 13): the story editor's median under 1 s at 13,058 records. The report is printed and
written to bench/results/admin-<date>.md; the exit status is 1 when the target is missed.
`run()` configures Django itself: call it in a fresh process.
"""

import argparse
import io
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RECORDS = 13_058
STORY_TARGET_MS = 1000
# The commonest surname of the synthetic set, in characters and pinyin; initials and an id prefix.
CHOOSER_QUERIES = ["王", "wang", "zgy", "SYN-0001"]


def _setup_django(workdir: str) -> None:
    os.environ["LAOMO_VAR_DIR"] = workdir
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "laomo.settings.dev"
    os.environ["DEBUG"] = "0"  # DEBUG keeps every query in memory, which would distort the timings
    os.environ["LAOMO_PAGE_CACHE_SECONDS"] = "0"
    os.environ.pop("REDIS_URL", None)
    sys.path[:0] = [str(REPO / "site"), str(REPO)]
    import django

    django.setup()


def _prepare(honorees: int) -> None:
    from django.core.management import call_command

    quiet = io.StringIO()
    call_command("migrate", verbosity=0, stdout=quiet)
    call_command("load_demo", verbosity=0, stdout=quiet)
    call_command("generate_synthetic", "--honorees", str(honorees), stdout=quiet)


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def _measure(client, label: str, path: str, samples: int, target_ms: float | None = None, params=None) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path, params or {})  # warm-up: templates, first-use imports and caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, params or {})
    queries = len(captured)  # read now: the next request empties Django's query log
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}")
    timings = []
    for _ in range(samples):
        started = time.perf_counter()
        client.get(path, params or {})
        timings.append(time.perf_counter() - started)
    median = _ms(statistics.median(timings))
    query_string = "?" + "&".join(f"{key}={value}" for key, value in params.items()) if params else ""
    return {
        "benchmark": label,
        "path": path + query_string,
        "median_ms": median,
        "max_ms": _ms(max(timings)),
        "kb": round(len(response.content) / 1024, 1),
        "queries": queries,
        "samples": samples,
        "target_ms": target_ms,
        "ok": None if target_ms is None else median < target_ms,
        "html": response.content.decode(),
    }


def _panel(panel, field_name: str):
    """The FieldPanel of `field_name` in an edit handler's tree."""
    if getattr(panel, "field_name", None) == field_name:
        return panel
    for child in getattr(panel, "children", []):
        found = _panel(child, field_name)
        if found is not None:
            return found
    return None


def _measure_editors(client, samples: int) -> list[dict]:
    from django.db.models import Count
    from django.forms import SelectMultiple
    from django.urls import reverse

    from exhibits.models import LessonPage, StoryPage
    from media.models import FilmPage

    rows = []
    for label, model, field, target in [
        ("story editor", StoryPage, "related_honorees", STORY_TARGET_MS),
        ("film editor", FilmPage, "honorees", None),
        ("lesson editor", LessonPage, "honorees", None),
    ]:
        page = model.objects.annotate(linked=Count(field)).order_by("-linked", "pk").first()
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        row = _measure(client, f"{label} ({page.linked} linked)", url, samples, target)
        if f'<select name="{field}"' in row["html"]:
            raise RuntimeError(f"the {label} still lists every honoree in a <select>")
        rows.append(row)

    # The story editor as it was: every honoree an <option>. Measured last and restored at once.
    story = StoryPage.objects.order_by("pk").first()
    panel = _panel(StoryPage.get_edit_handler(), "related_honorees")
    chooser = panel.widget
    panel.widget = SelectMultiple
    try:
        url = reverse("wagtailadmin_pages:edit", args=[story.pk])
        rows.append(_measure(client, "story editor, plain <select> (before)", url, min(samples, 3)))
    finally:
        panel.widget = chooser
    return rows


def _measure_chooser(client, samples: int) -> list[dict]:
    from django.urls import reverse

    rows = [
        _measure(
            client,
            "chooser modal opens (multiple)",
            reverse("wagtailsnippetchoosers_archive_honoree:choose"),
            samples,
            params={"multiple": 1},
        )
    ]
    results = reverse("wagtailsnippetchoosers_archive_honoree:choose_results")
    for query in CHOOSER_QUERIES:
        rows.append(_measure(client, f"chooser search “{query}”", results, samples, params={"q": query, "multiple": 1}))
    return rows


def run(honorees: int = RECORDS, samples: int = 7) -> dict:
    with tempfile.TemporaryDirectory(prefix="laomo-bench-admin-") as workdir:
        _setup_django(workdir)
        from django.conf import settings
        from django.contrib.auth.models import User
        from django.test import Client
        from django.test.utils import override_settings

        from archive.models import Honoree

        started = time.perf_counter()
        _prepare(honorees)
        prepare_seconds = time.perf_counter() - started
        user = User.objects.create_superuser("bench-admin", "bench@example.invalid", "bench-password")
        client = Client(HTTP_HOST="localhost")  # the demo site's host, allowed in every settings module
        client.force_login(user)
        # Plain static storage: the manifest storage needs collectstatic first, and static URLs cost the same.
        storages = {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
        with override_settings(STORAGES=storages):
            rows = _measure_editors(client, samples) + _measure_chooser(client, samples)
        for row in rows:
            row.pop("html")
        return {
            "records": Honoree.objects.count(),
            "prepare_seconds": round(prepare_seconds, 1),
            "rows": rows,
            "load": " ".join(f"{value:.2f}" for value in os.getloadavg()),
        }


def table(report: dict) -> list[str]:
    lines = [
        f"# Admin benchmark, {datetime.now():%Y-%m-%d %H:%M}",
        "",
        f"{report['records']:,} honorees (demo and synthetic) in SQLite, set up in {report['prepare_seconds']} s; "
        f"Django's test client as a superuser, in process, whole-page cache off; load average {report['load']}.",
        "",
        "| benchmark | path | median ms | max ms | KB | queries | target | |",
        "|---|---|---:|---:|---:|---:|---|---|",
    ]
    for row in report["rows"]:
        target = f"< {row['target_ms']:,.0f} ms" if row["target_ms"] else ""
        verdict = {True: "ok", False: "**missed**", None: ""}[row["ok"]]
        lines.append(
            f"| {row['benchmark']} | `{row['path']}` | {row['median_ms']} | {row['max_ms']} | {row['kb']} "
            f"| {row['queries']} | {target} | {verdict} |"
        )
    lines.append("")
    lines.append(
        f"Samples per row after one warm-up request: {report['rows'][0]['samples']} (the <select> row: up to 3)."
    )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--honorees", type=int, default=RECORDS, help="synthetic honorees to generate (13058)")
    parser.add_argument("--samples", type=int, default=7, help="timed requests per row after a warm-up (7)")
    parser.add_argument("--output", type=Path, help="where to write the Markdown (bench/results/admin-<date>.md)")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON on the last line instead")
    args = parser.parse_args()
    report = run(args.honorees, args.samples)
    if args.json:
        print(json.dumps(report))
    else:
        text = "\n".join(table(report)) + "\n"
        output = args.output or REPO / "bench" / "results" / f"admin-{datetime.now():%Y-%m-%d-%H%M}.md"
        output.write_text(text, encoding="utf-8")
        print(text, end="")
        print(f"\nWritten to {output}")
    missed = [row for row in report["rows"] if row["ok"] is False]
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
