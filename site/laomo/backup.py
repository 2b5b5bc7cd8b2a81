"""Backups of the whole site in one file, and restoring one: `manage.py backup` and `manage.py restore`.

A backup is a .tar.gz holding
  manifest.json  what it holds: counts per model, versions, applied migrations, file counts
  data.json      every table as Django's dumpdata JSON, with natural keys for content types and permissions
  media/…        the uploads (MEDIA_ROOT): images, renditions, documents, films, captions
  private/…      the corrections' evidence (LAOMO_CORRECTIONS_EVIDENCE_DIR), which is never under MEDIA_ROOT

JSON rather than an SQL dump or a copy of db.sqlite3, so that one backup restores into SQLite or PostgreSQL alike.
Writers are never held up for the length of the dump: PostgreSQL dumps from a read-only snapshot, SQLite from a
private copy taken with its online backup API (sqlite_snapshot).
Content types and permissions are referred to by natural key (the target numbers them itself when it migrates);
every other row keeps its primary key, because Wagtail keeps primary keys inside JSON (revisions, log entries)
where natural keys cannot reach them. Indexes, sessions and login attempts are left out: restore rebuilds
the indexes, and visitors and staff simply sign in again.

Restore first reads the whole file (a truncated or damaged one is refused in one sentence before anything is
touched), then empties the database (flush) and loads the backup in one transaction, so a failed restore leaves
the site as it was; then it swaps the upload folders and rebuilds the search and reference indexes.
"""

import gzip
import io
import json
import shutil
import sqlite3
import tarfile
import tempfile
import zlib
from collections import Counter
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import django
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.core.management import CommandError, call_command
from django.core.serializers import json as json_serializer
from django.core.serializers.base import DeserializationError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.utils import load_backend
from django.utils import timezone

import wagtail

from core.versions import bump_all

FORMAT = 1
MANIFEST = "manifest.json"
DATA = "data.json"
MEDIA = "media"
PRIVATE = "private"

# Not content: rebuilt after a restore (indexes), created by migrate (content types, permissions), or
# short-lived (sessions, editing sessions, login attempts).
EXCLUDE = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "axes",
    "wagtailsearch",
    "site_search",
    "wagtailcore.referenceindex",
    "wagtailadmin.editingsession",
]


class BackupError(Exception):
    """Something the person running the command can act on; the message says what (in Chinese)."""


@dataclass
class Restored:
    counts: dict[str, int]
    media_files: int
    private_files: int
    manifest: dict


# --- backup ---------------------------------------------------------------------------------------------------


class Serializer(json_serializer.Serializer):
    """dumpdata's JSON with natural keys for content types and permissions only.

    Every other relation keeps its primary key: Wagtail's own natural keys (a page's url_path, say) cannot
    describe rows that point at deleted pages, which Wagtail's log entries do on purpose."""

    NATURAL = (ContentType, Permission)

    def handle_fk_field(self, obj, field):
        model = field.remote_field.model
        if model is ContentType:  # the cached lookup: one query per content type, not one per row
            pk = field.value_from_object(obj)
            self._current[field.name] = ContentType.objects.get_for_id(pk).natural_key() if pk else None
            return
        self.use_natural_foreign_keys = issubclass(model, self.NATURAL)
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj, field):
        self.use_natural_foreign_keys = issubclass(field.remote_field.model, self.NATURAL)
        super().handle_m2m_field(obj, field)


Deserializer = json_serializer.Deserializer  # loading needs nothing special: natural keys are read per value
SERIALIZER = "laomo_backup"


def default_backup_dir() -> Path:
    return Path(settings.VAR_DIR) / "backups"


def backup_path(output: str | Path | None, now=None) -> Path:
    """A file name given as is; a folder (or nothing) gets laomo-backup-YYYYMMDD-HHMMSS.tar.gz inside it."""
    stamp = timezone.localtime(now or timezone.now()).strftime("%Y%m%d-%H%M%S")
    target = Path(output) if output else default_backup_dir()
    if target.name.endswith((".tar.gz", ".tgz")):
        return target
    return target / f"laomo-backup-{stamp}.tar.gz"


def upload_folders() -> dict[str, Path | None]:
    """The folders a backup holds. Uploads kept in S3 are not on this machine: back the bucket up on its own."""
    media = None if settings.STORAGES["default"]["BACKEND"].endswith("S3Storage") else Path(settings.MEDIA_ROOT)
    return {MEDIA: media, PRIVATE: Path(settings.LAOMO_CORRECTIONS_EVIDENCE_DIR)}


def create_backup(output: str | Path | None = None, database: str = DEFAULT_DB_ALIAS) -> tuple[Path, dict]:
    """Write one backup file and return its path and manifest. The file appears only when it is complete."""
    target = backup_path(output)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="laomo-backup-") as scratch:
        data_file = Path(scratch) / DATA
        dump_database(data_file, database)
        counts = count_objects(data_file)
        manifest = {
            "format": FORMAT,
            "site": settings.WAGTAIL_SITE_NAME,
            "created_at": timezone.now().isoformat(),
            "django": django.get_version(),
            "wagtail": wagtail.__version__,
            "database": connections[database].vendor,
            "migrations": applied_migrations(database),
            "counts": counts,
            "files": {},
        }
        partial = target.with_name(f".{target.name}.partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(data_file, arcname=DATA)
            for prefix, folder in upload_folders().items():
                files, size = add_folder(archive, folder, prefix)
                manifest["files"][prefix] = {"files": files, "bytes": size, "included": folder is not None}
            add_bytes(archive, MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2).encode())
        partial.replace(target)
    return target, manifest


def dump_database(path: Path, database: str) -> None:
    """dumpdata from one consistent state, so the tables agree with each other even while editors work."""
    connection = connections[database]
    outermost = not connection.in_atomic_block
    if outermost and connection.vendor == "sqlite":
        with sqlite_snapshot(database) as snapshot:
            _dumpdata(path, snapshot)
        return
    # PostgreSQL, or a caller's own transaction (which already holds whatever locks it took).
    with transaction.atomic(using=database):
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # one snapshot for every table; no locks taken
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        _dumpdata(path, database)


def _dumpdata(path: Path, database: str) -> None:
    serializers.register_serializer(SERIALIZER, __name__)
    call_command(
        "dumpdata",
        format=SERIALIZER,
        exclude=EXCLUDE,
        use_base_manager=True,  # every row, whatever a model's default manager hides
        database=database,
        output=str(path),
        verbosity=0,
    )


@contextmanager
def sqlite_snapshot(database: str) -> Iterator[str]:
    """A private copy of a SQLite database, open under a temporary database alias for dumpdata to read.

    Dumping from the live file inside a transaction held the write lock for the whole dump (the settings begin
    every transaction IMMEDIATE): 4.4 s at 113,000 records, and every writer waited that long. The copy is one
    step of SQLite's online backup API — one read transaction, which in WAL mode (the base settings) never
    blocks a writer — and takes a fraction of a second; the slow JSON is then written from the copy. A copy in
    many small steps would not do better: each commit by another connection restarts it from the first page,
    so under steady writes it ran on for thousands of restarts.
    """
    connection = connections[database]
    connection.ensure_connection()
    alias = f"{database}-backup-snapshot"
    with tempfile.TemporaryDirectory(prefix="laomo-snapshot-") as scratch:
        copy_path = Path(scratch) / "snapshot.sqlite3"
        with closing(sqlite3.connect(copy_path)) as copy:
            connection.connection.backup(copy)
        # A connection object of its own, not an entry in settings.DATABASES: it lives only as long as the dump.
        snapshot = load_backend(connection.settings_dict["ENGINE"]).DatabaseWrapper(
            {**connection.settings_dict, "NAME": str(copy_path), "OPTIONS": {}}, alias
        )
        connections[alias] = snapshot
        try:
            yield alias
        finally:
            snapshot.close()
            del connections[alias]


def count_objects(data_file: Path) -> dict[str, int]:
    with data_file.open(encoding="utf-8") as handle:
        return dict(sorted(Counter(item["model"] for item in json.load(handle)).items()))


def applied_migrations(database: str) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connections[database]).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def add_folder(archive: tarfile.TarFile, folder: Path | None, prefix: str) -> tuple[int, int]:
    """Regular files only (no links that could point elsewhere), under prefix/."""
    if folder is None or not folder.is_dir():
        return 0, 0
    files = size = 0
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            archive.add(path, arcname=f"{prefix}/{path.relative_to(folder).as_posix()}", recursive=False)
            files += 1
            size += path.stat().st_size
    return files, size


def add_bytes(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(content))


# --- restore --------------------------------------------------------------------------------------------------


@contextmanager
def reading(path: Path) -> Iterator[None]:
    """What a missing, truncated or damaged file raises, as one sentence naming the file and what is wrong."""
    untouched = "数据库和上传文件都没有改动"
    try:
        yield
    except EOFError as error:  # gzip: the compressed stream stops before its end
        raise BackupError(
            f"备份文件 {path} 不完整：文件在第 {_size(path):,} 字节处提前结束，可能在复制或下载时被截断；{untouched}。"
        ) from error
    except (gzip.BadGzipFile, zlib.error) as error:
        if str(error).startswith("Not a gzipped file"):
            raise BackupError(
                f"无法读取备份文件 {path}：它不是 backup 命令生成的 .tar.gz 文件；{untouched}。"
            ) from error
        raise BackupError(
            f"备份文件 {path} 已损坏：压缩数据校验失败（{error}），无法读出其中的内容；{untouched}。"
        ) from error
    except tarfile.ReadError as error:
        raise BackupError(
            f"无法读取备份文件 {path}：它不是 backup 命令生成的 .tar.gz 文件，或者已经损坏（{error}）；{untouched}。"
        ) from error
    except KeyError as error:
        raise BackupError(f"备份文件 {path} 中缺少 {error.args[0]}，不是完整的备份；{untouched}。") from error
    except (OSError, tarfile.TarError, ValueError) as error:
        raise BackupError(f"无法读取备份文件 {path}：{error}；{untouched}。") from error


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def check_integrity(path: Path) -> None:
    """Read the whole compressed stream once: gzip checks its length and CRC only at the very end."""
    with reading(path), gzip.open(path) as stream:
        while stream.read(1 << 20):
            pass


def read_manifest(path: Path) -> dict:
    with reading(path), tarfile.open(path, "r:gz") as archive:
        check_members(archive)
        member = archive.extractfile(MANIFEST)
        manifest = json.loads(member.read())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"备份格式 {manifest.get('format')} 无法识别（本程序读取格式 {FORMAT}）。")
    return manifest


def check_members(archive: tarfile.TarFile) -> None:
    """Only the names a backup has, as plain files and folders: nothing may land outside the target folders."""
    for member in archive.getmembers():
        parts = PurePosixPath(member.name).parts
        if (
            member.name.startswith("/")
            or ".." in parts
            or "\\" in member.name
            or not (member.isfile() or member.isdir())
            or not parts
            or (parts[0] not in (MEDIA, PRIVATE) and member.name not in (MANIFEST, DATA))
        ):
            raise BackupError(f"备份文件中有不应出现的条目：{member.name!r}，已拒绝恢复。")


def database_has_content(database: str = DEFAULT_DB_ALIAS) -> bool:
    """Anything beyond what `migrate` creates: users, records, images, documents or pages past Wagtail's first two."""
    # Models are imported here, not at the top: `restore` swaps the database under this module, and the rest of
    # it (archive format, checks) is plain Python that must import before Django is set up.
    from django.contrib.auth import get_user_model

    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page

    from archive.models import Honoree

    return (
        get_user_model().objects.using(database).exists()
        or Honoree.objects.using(database).exists()
        or get_image_model().objects.using(database).exists()
        or get_document_model().objects.using(database).exists()
        or Page.objects.using(database).filter(depth__gt=2).exists()
    )


def check_migrations(manifest: dict, database: str) -> None:
    target = applied_migrations(database)
    if not target:
        raise BackupError("目标数据库还没有建表：请先运行 python manage.py migrate。")
    missing = [
        f"{app}.{name}"
        for app, names in manifest.get("migrations", {}).items()
        for name in names
        if name not in target.get(app, [])
    ]
    if missing:
        shown = "、".join(missing[:5]) + (" 等" if len(missing) > 5 else "")
        raise BackupError(
            f"备份来自更新的程序版本，目标数据库缺少迁移 {shown}：请先部署与备份相同（或更新）的版本并运行 migrate。"
        )


def restore_backup(path: str | Path, *, force: bool = False, database: str = DEFAULT_DB_ALIAS, stdout=None) -> Restored:
    path = Path(path)
    check_integrity(path)
    manifest = read_manifest(path)
    check_migrations(manifest, database)
    if not force and database_has_content(database):
        raise BackupError("数据库中已有内容，恢复会全部替换。确认要覆盖时请加 --yes。")
    folders = upload_folders()
    staging_root = Path(tempfile.mkdtemp(prefix=".laomo-restore-", dir=staging_parent(folders)))
    try:
        with reading(path), tarfile.open(path, "r:gz") as archive:
            check_members(archive)
            archive.extractall(staging_root, filter="data")
        load_database(staging_root / DATA, database)
        _say(stdout, "数据库已恢复。")
        files = {}
        for prefix, folder in folders.items():
            files[prefix] = 0
            if folder is not None and manifest["files"].get(prefix, {}).get("included", True):
                files[prefix] = replace_folder(folder, staging_root / prefix)
    finally:
        shutil.rmtree(staging_root, ignore_errors=True)
    cache.clear()  # cached pages and counts describe the site before the restore
    # The restored counters are older than ones other processes have keyed their caches with: move all on.
    with transaction.atomic(using=database):
        bump_all()
    rebuild_indexes(stdout)
    return Restored(
        counts=manifest["counts"], media_files=files[MEDIA], private_files=files[PRIVATE], manifest=manifest
    )


def staging_parent(folders: dict[str, Path | None]) -> Path:
    """Beside the uploads, so moving restored files into place is a rename on the same disk."""
    media = folders[MEDIA]
    parent = media.parent if media is not None else Path(tempfile.gettempdir())
    parent.mkdir(parents=True, exist_ok=True)
    return parent


def load_database(data_file: Path, database: str) -> None:
    """Empty every table and load the backup in one transaction: all of it or none of it."""
    if not data_file.exists():
        raise BackupError("备份文件中没有数据库内容（data.json）。")
    try:
        with transaction.atomic(using=database):
            postgresql = connections[database].vendor == "postgresql"
            if postgresql:  # TRUNCATE refuses tables with deferred checks pending from earlier in the transaction
                _execute(database, "SET CONSTRAINTS ALL IMMEDIATE")
            # post_migrate recreates content types and permissions, which the backup names by natural key.
            call_command("flush", interactive=False, database=database, verbosity=0)
            if postgresql:  # rows load in any order; foreign keys are checked when the transaction commits
                _execute(database, "SET CONSTRAINTS ALL DEFERRED")
            call_command("loaddata", str(data_file), database=database, verbosity=0)
    except (DatabaseError, DeserializationError, CommandError, ObjectDoesNotExist, LookupError, ValueError) as error:
        raise BackupError(f"恢复数据库失败，数据库保持原样：{error}") from error
    finally:
        ContentType.objects.clear_cache()  # flush renumbered the content types; forget the old numbers


def _execute(database: str, sql: str) -> None:
    with connections[database].cursor() as cursor:
        cursor.execute(sql)


def replace_folder(folder: Path, restored: Path) -> int:
    """Swap the folder's contents for the restored ones, keeping the folder itself (it may be a mount point)."""
    folder.mkdir(parents=True, exist_ok=True)
    aside = Path(tempfile.mkdtemp(prefix=f".{folder.name}-before-restore-", dir=folder.parent))
    for entry in list(folder.iterdir()):
        shutil.move(entry, aside / entry.name)
    try:
        if restored.is_dir():
            for entry in list(restored.iterdir()):
                shutil.move(entry, folder / entry.name)
    except OSError:
        for entry in list(folder.iterdir()):
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
        for entry in list(aside.iterdir()):
            shutil.move(entry, folder / entry.name)
        raise
    finally:
        shutil.rmtree(aside, ignore_errors=True)
    return sum(1 for path in folder.rglob("*") if path.is_file())


def rebuild_indexes(stdout=None) -> None:
    """Wagtail's admin search and reference index, then the public search (both engines when configured)."""
    out = stdout or io.StringIO()
    call_command("update_index", verbosity=0, stdout=out)
    call_command("rebuild_references_index", verbosity=0, stdout=out)
    call_command("search_index", "rebuild", stdout=out)


def _say(stdout, message: str) -> None:
    if stdout is not None:
        stdout.write(message)
