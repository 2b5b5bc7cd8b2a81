"""Import benchmark: 13,058 synthetic honorees into an empty throwaway SQLite database, then the same file again.

    .venv/bin/python bench/bench_import.py          # a Markdown table
    .venv/bin/python bench/bench_import.py --json   # the rows as JSON on the last line (bench/run.py reads it)

The records come from archive/synthetic.py (1,197 national + 11,861 municipal, fixed seed) and carry SYN- ids, so
they are imported as synthetic and stay labelled. `run()` configures Django itself: call it in a fresh process.
Target: the first import under 20 s on a 2-core machine.
"""

import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RECORDS = 13_058
NATIONAL = 1_197


def _setup_django(workdir: str) -> None:
    os.environ["LAOMO_VAR_DIR"] = workdir
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "laomo.settings.dev"
    os.environ["DEBUG"] = "0"  # DEBUG keeps every query in memory, which would distort the timings
    os.environ.pop("REDIS_URL", None)
    sys.path[:0] = [str(REPO / "site"), str(REPO)]
    import django

    django.setup()


def _write_synthetic_csv(path: Path, title: str = "") -> None:
    from archive.exporting import write_csv
    from archive.importing import GENDER_LABELS, KIND_LABELS, format_awards
    from archive.synthetic import generate

    def rows():
        for honoree, awards in generate(NATIONAL, RECORDS - NATIONAL):
            yield {
                "id": honoree.external_id,
                "kind": KIND_LABELS[honoree.kind],
                "name": honoree.name,
                "gender": GENDER_LABELS[honoree.gender],
                "ethnicity": honoree.ethnicity,
                "birth_year": honoree.birth_year,
                "death_year": honoree.death_year,
                "native_place": honoree.native_place,
                "employer": honoree.employer,
                "title": title,
                "industry": honoree.industry.name if honoree.industry else "",
                "district": honoree.district.name if honoree.district else "",
                "honors": format_awards((award.honour, award.year) for award in awards),
                "biography": honoree.biography,
            }

    with path.open("w", encoding="utf-8", newline="") as stream:
        write_csv(rows(), stream)


def _timed(label: str, function) -> dict:
    started = time.perf_counter()
    function()
    return {"benchmark": label, "seconds": round(time.perf_counter() - started, 2)}


def run() -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="laomo-bench-import-") as workdir:
        _setup_django(workdir)
        from django.core.management import call_command

        from wagtail.models import Revision

        from archive.exporting import render
        from archive.models import Honoree

        quiet = io.StringIO()
        call_command("migrate", verbosity=0, stdout=quiet)
        call_command("load_demo", verbosity=0, stdout=quiet)
        path = Path(workdir) / "honorees.csv"
        _write_synthetic_csv(path)

        def import_file(*options):
            call_command("import_honorees", str(path), *options, stdout=quiet)

        rows = [_timed(f"validate {RECORDS:,} records (dry run)", lambda: import_file("--dry-run"))]
        revisions = Revision.objects.count()
        rows.append(_timed(f"import {RECORDS:,} records", import_file))
        created = Honoree.objects.filter(is_synthetic=True, live=True).count()
        if created != RECORDS or Revision.objects.count() - revisions != RECORDS:
            raise RuntimeError("the import did not create every record with its revision")
        revisions = Revision.objects.count()
        rows.append(_timed(f"re-import {RECORDS:,} records, no changes", import_file))
        if Revision.objects.count() != revisions:
            raise RuntimeError("the second import was not idempotent")
        _write_synthetic_csv(path, title="高级技师")
        rows.append(_timed(f"re-import {RECORDS:,} records, every one changed", import_file))
        if Honoree.objects.filter(title="高级技师").count() != RECORDS:
            raise RuntimeError("the changed import did not update every record")
        rows.append(_timed(f"export {RECORDS:,} records (CSV)", lambda: render("csv", Honoree.objects.all())))
        rows.append(_timed(f"export {RECORDS:,} records (XLSX)", lambda: render("xlsx", Honoree.objects.all())))
        return rows


def main() -> None:
    rows = run()
    if "--json" in sys.argv[1:]:
        print(json.dumps(rows, ensure_ascii=False))
        return
    print("| import benchmark | seconds |")
    print("|---|---:|")
    for row in rows:
        print(f"| {row['benchmark']} | {row['seconds']:.2f} |")


if __name__ == "__main__":
    main()
