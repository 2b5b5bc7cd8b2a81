"""manage.py backup and restore: the demo site makes the round trip, a bad or damaged file changes nothing, and
writers go on while a SQLite backup runs."""

import io
import json
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import time
from contextlib import closing
from pathlib import Path

from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connections
from django.db.utils import load_backend

from wagtail.models import Page, Revision

import pytest

from archive.models import Award, Honoree
from laomo import backup
from media.models import SiteImage

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_files(settings, tmp_path):
    """A private copy of the uploads (the session's MEDIA_ROOT is shared) and an evidence folder with a file."""
    media = tmp_path / "uploads"
    shutil.copytree(settings.MEDIA_ROOT, media)
    settings.MEDIA_ROOT = str(media)
    evidence = tmp_path / "private" / "corrections"
    evidence.mkdir(parents=True)
    (evidence / "1" / "scan.jpg").parent.mkdir()
    (evidence / "1" / "scan.jpg").write_bytes(b"\xff\xd8 evidence")
    settings.LAOMO_CORRECTIONS_EVIDENCE_DIR = evidence
    yield media, evidence
    ContentType.objects.clear_cache()  # the rolled-back content types must not stay cached


def counts() -> dict[str, int]:
    return {
        "honorees": Honoree.objects.count(),
        "awards": Award.objects.count(),
        "pages": Page.objects.count(),
        "live pages": Page.objects.live().count(),
        "images": SiteImage.objects.count(),
        "revisions": Revision.objects.count(),
        "users": User.objects.count(),
        "groups": Group.objects.count(),
    }


def files_under(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def run(*args, **options) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def make_backup(tmp_path) -> Path:
    output = run("backup", output=str(tmp_path / "backups"))
    [path] = (tmp_path / "backups").glob("laomo-backup-*.tar.gz")
    assert str(path) in output
    return path


def test_backup_file_holds_database_uploads_evidence_and_a_manifest(site_files, tmp_path, make_user):
    media, evidence = site_files
    make_user("backup-editor", "编辑")
    path = make_backup(tmp_path)
    with tarfile.open(path) as archive:
        names = archive.getnames()
        manifest = json.load(archive.extractfile("manifest.json"))
        data = json.load(archive.extractfile("data.json"))
    assert manifest["format"] == 1 and manifest["database"] in ("sqlite", "postgresql")
    assert manifest["wagtail"].startswith("8.") and manifest["django"].startswith("5.2")
    assert manifest["counts"]["archive.honoree"] == Honoree.objects.count()
    assert manifest["counts"]["wagtailcore.page"] == Page.objects.count()
    assert manifest["counts"]["media.siteimage"] == SiteImage.objects.count() > 0
    assert "0002_groups_and_workflow" in manifest["migrations"]["laomo"]
    assert manifest["files"]["media"]["files"] == len(files_under(media)) > 0
    assert "private/1/scan.jpg" in names
    image = SiteImage.objects.first()
    assert f"media/{image.file.name}" in names
    # Not content, or rebuilt on restore: never in the backup.
    models = {item["model"] for item in data}
    assert not models & {"sessions.session", "contenttypes.contenttype", "auth.permission", "axes.accessattempt"}
    assert not any(model.startswith(("wagtailsearch.", "site_search.")) for model in models)
    # Content types and permissions by name, so a target that numbers them differently still matches.
    page = next(item for item in data if item["model"] == "wagtailcore.page" and item["fields"]["depth"] == 2)
    assert page["fields"]["content_type"] == ["laomo", "homepage"]
    assert not list(tmp_path.glob("backups/.*partial"))


def test_backup_output_may_name_the_file(site_files, tmp_path):
    run("backup", output=str(tmp_path / "nightly.tar.gz"))
    assert tarfile.open(tmp_path / "nightly.tar.gz").getmember("manifest.json")


def test_demo_site_makes_the_round_trip(site_files, tmp_path, client):
    media, evidence = site_files
    before, before_media = counts(), files_under(media)
    entry = Honoree.objects.public().order_by("external_id").first()
    path = make_backup(tmp_path)

    # Things go wrong after the backup: a record and its page gone, an image file lost, a stray upload.
    Honoree.objects.filter(pk=entry.pk).delete()
    Page.objects.get(url_path__endswith="/about/").delete()
    image = SiteImage.objects.first()
    Path(image.file.path).unlink()
    (media / "stray.txt").write_text("not in the backup")
    shutil.rmtree(evidence / "1")

    with pytest.raises(CommandError, match="--yes"):
        run("restore", str(path))
    output = run("restore", str(path), yes=True)
    assert "恢复完成" in output

    assert counts() == before
    assert files_under(media) == before_media
    assert (evidence / "1" / "scan.jpg").read_bytes() == b"\xff\xd8 evidence"
    assert client.get("/").status_code == 200
    response = client.get(entry.get_absolute_url())
    assert response.status_code == 200 and entry.name in response.content.decode()
    assert client.get("/about/").status_code == 200
    # The search indexes were rebuilt from the restored records.
    assert entry.get_absolute_url() in client.get("/search/", {"q": entry.name}).content.decode()
    # Images work again, renditions included.
    restored = SiteImage.objects.get(pk=image.pk)
    assert Path(restored.get_rendition("width-200").file.path).is_file()
    # The page tree is whole: every page's parent is there, and the tree checks out.
    assert not any(Page.find_problems())


def test_a_failed_restore_leaves_the_site_as_it_was(site_files, tmp_path, client):
    media, _ = site_files
    before, before_media = counts(), files_under(media)
    good = make_backup(tmp_path)
    broken = tmp_path / "broken.tar.gz"
    with tarfile.open(good) as source, tarfile.open(broken, "w:gz") as target:
        for member in source.getmembers():
            content = source.extractfile(member).read() if member.isfile() else None
            if member.name == "data.json":  # the last row names a model that does not exist
                rows = json.loads(content)
                rows.append({"model": "archive.nosuchmodel", "pk": 1, "fields": {}})
                content = json.dumps(rows).encode()
                member.size = len(content)
            target.addfile(member, io.BytesIO(content) if content is not None else None)
    with pytest.raises(CommandError, match="数据库保持原样"):
        run("restore", str(broken), yes=True)
    assert counts() == before
    assert files_under(media) == before_media
    assert client.get("/").status_code == 200


@pytest.mark.parametrize(
    "name", ["../escaped.txt", "media/../../escaped.txt", "/tmp/laomo-escaped.txt", "elsewhere/file.txt"]
)
def test_restore_refuses_archives_with_paths_outside_its_folders(site_files, tmp_path, name):
    path = make_backup(tmp_path)
    evil = tmp_path / "evil.tar.gz"
    with tarfile.open(path) as source, tarfile.open(evil, "w:gz") as target:
        for member in source.getmembers():
            target.addfile(member, source.extractfile(member) if member.isfile() else None)
        info = tarfile.TarInfo(name)
        info.size = 4
        target.addfile(info, io.BytesIO(b"evil"))
    before = counts()
    with pytest.raises(CommandError, match="不应出现的条目"):
        run("restore", str(evil), yes=True)
    assert counts() == before
    assert not (tmp_path / "escaped.txt").exists() and not Path("/tmp/laomo-escaped.txt").exists()


def test_restore_refuses_a_backup_from_newer_code(site_files, tmp_path, monkeypatch):
    path = make_backup(tmp_path)
    real = backup.read_manifest

    def newer(archive_path):
        manifest = real(archive_path)
        manifest["migrations"]["archive"].append("9999_from_the_future")
        return manifest

    monkeypatch.setattr(backup, "read_manifest", newer)
    with pytest.raises(CommandError, match="9999_from_the_future"):
        run("restore", str(path), yes=True)


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not a tarball")
    with pytest.raises(CommandError, match="无法读取备份文件"):
        run("restore", str(junk), yes=True)


def damage(path: Path, how: str) -> None:
    content = path.read_bytes()
    if how == "truncated":  # a copy or a download that stopped part way
        path.write_bytes(content[: len(content) * 2 // 3])
    else:  # a stretch of the disk or the transfer gone bad
        middle = len(content) // 2
        path.write_bytes(content[:middle] + bytes(4096) + content[middle + 4096 :])


@pytest.mark.parametrize(("how", "what"), [("truncated", "不完整"), ("corrupted", "已损坏")])
def test_restore_of_a_damaged_file_says_so_in_one_sentence_and_changes_nothing(site_files, tmp_path, how, what):
    media, _ = site_files
    path = make_backup(tmp_path)
    damage(path, how)
    Honoree.objects.filter(pk=Honoree.objects.order_by("pk").first().pk).delete()  # so a restore would show
    before, before_media = counts(), files_under(media)
    with pytest.raises(CommandError) as raised:
        run("restore", str(path), yes=True)
    message = str(raised.value)
    assert message.startswith(f"备份文件 {path} {what}") and message.endswith("都没有改动。")
    assert "\n" not in message and "Traceback" not in message
    assert counts() == before
    assert files_under(media) == before_media


BULK_RECORDS = 6000


@pytest.fixture(scope="module")
def live_database_file(django_db_setup, django_db_blocker, tmp_path_factory):
    """The test database (demo content) copied to a file, with BULK_RECORDS more: big enough to dump slowly."""
    path = tmp_path_factory.mktemp("live") / "live.sqlite3"
    with django_db_blocker.unblock():
        connection = connections["default"]
        connection.ensure_connection()
        with closing(sqlite3.connect(path)) as copy:
            connection.connection.backup(copy)
    with closing(sqlite3.connect(path)) as db:
        columns = [row[1] for row in db.execute("PRAGMA table_info(archive_honoree)") if row[1] != "id"]
        chosen = ", ".join("'BK-' || n" if column == "external_id" else column for column in columns)
        db.execute(
            f"WITH RECURSIVE numbers(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM numbers WHERE n < {BULK_RECORDS}) "
            f"INSERT INTO archive_honoree ({', '.join(columns)}) "
            f"SELECT {chosen} FROM numbers, (SELECT * FROM archive_honoree ORDER BY id LIMIT 1)"
        )
        db.execute("CREATE TABLE writer_probe (id INTEGER PRIMARY KEY, at REAL)")
        db.commit()
    return path


@pytest.fixture
def live_alias(live_database_file):
    """The file under a database alias with the options the site runs with (WAL, IMMEDIATE transactions)."""
    alias = "live-file"
    settings_dict = {**connections["default"].settings_dict, "NAME": str(live_database_file)}
    connections[alias] = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, alias)
    yield alias
    connections[alias].close()
    del connections[alias]


WRITER = """
import json, sqlite3, sys, time
from pathlib import Path
database, stop = sys.argv[1], Path(sys.argv[2])
db = sqlite3.connect(database, timeout=20, isolation_level=None)
db.execute("PRAGMA journal_mode=WAL")
waits = []
print("ready", flush=True)
while not stop.exists():
    started = time.perf_counter()
    db.execute("BEGIN IMMEDIATE")
    db.execute("INSERT INTO writer_probe (at) VALUES (?)", [started])
    db.execute("COMMIT")
    waits.append(time.perf_counter() - started)
    time.sleep(0.005)
print(json.dumps(waits))
"""


@pytest.mark.skipif(
    connections["default"].vendor != "sqlite", reason="SQLite's online backup; PostgreSQL's pg_dump needs no such test"
)
def test_writers_are_not_held_up_while_a_sqlite_backup_runs(site_files, tmp_path, live_alias, live_database_file):
    """Another process (as another app worker would) commits every few milliseconds while the backup runs."""
    assert connections["default"].settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    stop = tmp_path / "stop"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(live_database_file), str(stop)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout.readline().strip() == "ready"
        started = time.perf_counter()
        path, manifest = backup.create_backup(tmp_path / "live.tar.gz", database=live_alias)
        took = time.perf_counter() - started
    finally:
        stop.touch()
        output, _ = writer.communicate(timeout=60)
    waits = json.loads(output.strip().splitlines()[-1])
    assert manifest["counts"]["archive.honoree"] > BULK_RECORDS
    # The dump takes a while, and the writer went on committing throughout, never waiting more than a moment.
    # (The online copy is quick — under 2 s here — but long enough for a writer committing every 5 ms.)
    assert took > 0.5, f"the backup took only {took:.2f} s: too quick to show anything"
    assert len(waits) > 50
    assert max(waits) < 1.0, f"a writer waited {max(waits):.2f} s during a {took:.2f} s backup"
    assert not hasattr(connections._connections, f"{live_alias}-backup-snapshot")  # the copy's connection is gone
