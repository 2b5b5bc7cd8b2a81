"""Issue 14, "Done when": the site run the way it is deployed, in separate processes.

1. Two gunicorn servers on one SQLite database (production settings, whole-page cache on, no shared cache) and
   management commands in a third process: a withdrawal, an import and an unpublish are seen by both servers on
   their very next request.
2. A server whose cache is a Redis started here: pages are warmed into it, Redis is stopped, and every page still
   answers 200, with one warning in the log rather than one per request.
3. A process killed right after its change commits: `search_index check` sees the difference, the next served
   process (or `search_index sync`) applies what it left in the outbox, and check reports 0.

The database is prepared once for the module (migrate + load_demo, the slow part) and copied for each test.
"""

import contextlib
import importlib.util
import os
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "archive" / "examples" / "honorees-example.csv"
REDIS_SERVER = shutil.which("redis-server")

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("gunicorn") is None, reason="gunicorn is not installed (pip install gunicorn)"
)

# Production settings, except static files: the hashed-name manifest would need collectstatic, which writes into
# the checkout's staticfiles/ — shared with whoever else runs there. Pages are what these tests look at.
SETTINGS = """\
from laomo.settings.production import *  # noqa: F403

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(workdir: Path, database: Path) -> dict:
    env = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "ELASTICSEARCH_URL")}
    env.update(
        DJANGO_SETTINGS_MODULE="process_test_settings",
        PYTHONPATH=str(workdir),
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        LAOMO_VAR_DIR=str(workdir),
        LAOMO_PAGE_CACHE_SECONDS="60",
        DATABASE_URL=f"sqlite:///{database}",
    )
    return env


def manage(env: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True, check=check
    )


@contextlib.contextmanager
def server(env: dict, log: Path, workers: int = 1):
    """gunicorn as deployed (`--pythonpath site,.`), on a free loopback port; yields its base URL."""
    port = free_port()
    with open(log, "w") as output:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--pythonpath",
                f"site,.,{env['PYTHONPATH']}",
                "laomo.wsgi",
                "-w",
                str(workers),
                "-b",
                f"127.0.0.1:{port}",
                "--timeout",
                "120",
            ],
            cwd=REPO,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
                assert process.poll() is None, log.read_text()
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.2)
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            process.wait(timeout=30)


def get(base: str, path: str) -> tuple[int, str, str]:
    """(status, X-Cache, body) of one GET."""
    try:
        with urllib.request.urlopen(base + urllib.parse.quote(path, safe="/?=&"), timeout=60) as response:
            return response.status, response.headers.get("X-Cache", ""), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("X-Cache", ""), error.read().decode()


def warm(bases: list[str], path: str) -> None:
    """Both servers have the page in their own cache: the second request of each is a hit."""
    for base in bases:
        get(base, path)
        status, cache, _ = get(base, path)
        assert (status, cache) == (200, "hit"), (base, path)


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("laomo-processes")
    (workdir / "process_test_settings.py").write_text(SETTINGS)
    database = workdir / "prepared.sqlite3"
    env = environment(workdir, database)
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo")
    with contextlib.closing(sqlite3.connect(database)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything in the one file we copy
    return workdir, database


@pytest.fixture
def site(prepared, tmp_path):
    workdir, database = prepared
    copy = tmp_path / "site.sqlite3"
    shutil.copyfile(database, copy)
    return environment(workdir, copy)  # uploads stay in workdir: load_demo put the pictures there


def test_two_servers_see_a_withdrawal_an_import_and_an_unpublish_on_their_next_request(site, tmp_path):
    with server(site, tmp_path / "a.log") as first, server(site, tmp_path / "b.log") as second:
        servers = [first, second]

        warm(servers, "/dictionary/SRC-0002/")
        manage(
            site,
            "shell",
            "-c",
            "from archive.models import Honoree\n"
            "h = Honoree.objects.get(external_id='SRC-0002')\nh.withdrawn = True\nh.save()",
        )
        assert [get(base, "/dictionary/SRC-0002/")[0] for base in servers] == [404, 404]

        warm(servers, "/search/?q=程进程")
        assert "/dictionary/T-PROC-001/" not in get(first, "/search/?q=程进程")[2]
        records = tmp_path / "records.csv"
        records.write_text(
            EXAMPLE.read_text("utf-8-sig").replace("SYN-EXAMPLE-", "T-PROC-").replace("李建国", "程进程")
        )
        manage(site, "import_honorees", str(records), "--create-industries")
        for base in servers:
            status, cache, body = get(base, "/search/?q=程进程")
            assert (status, cache) == (200, "miss") and "/dictionary/T-PROC-001/" in body, base

        warm(servers, "/stories/2020-beijing-commendation/")
        manage(
            site,
            "shell",
            "-c",
            "from exhibits.models import StoryPage\n"
            "StoryPage.objects.get(slug='2020-beijing-commendation').unpublish()",
        )
        assert [get(base, "/stories/2020-beijing-commendation/")[0] for base in servers] == [404, 404]


@pytest.mark.skipif(REDIS_SERVER is None, reason="redis-server is not installed (apt-get install redis-server)")
def test_pages_answer_200_with_one_warning_when_the_cache_server_stops(site, tmp_path):
    port = free_port()
    redis = subprocess.Popen(
        [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        site = {**site, "REDIS_URL": f"redis://127.0.0.1:{port}/0"}
        log = tmp_path / "server.log"
        paths = ["/", "/dictionary/", "/dictionary/SRC-0002/", "/search/?q=wang", "/api/honorees/", "/sitemap.xml"]
        with server(site, log) as base:
            for path in paths:
                get(base, path)
                assert get(base, path)[:2] == (200, "hit"), path  # cached in Redis
            redis.terminate()
            redis.wait(timeout=10)
            statuses = [get(base, path)[0] for _ in range(10) for path in paths]
        assert statuses == [200] * len(statuses)
        text = log.read_text()
        assert text.count("The cache server is not answering") == 1, text[-3000:]
        assert "Traceback" not in text
    finally:
        if redis.poll() is None:
            redis.terminate()
            redis.wait(timeout=10)


def withdraw_and_die(site, withdrawn: bool):
    """A shell that changes SRC-0002 and dies right after its commit, before any work that follows it."""
    return manage(
        site,
        "shell",
        "-c",
        "import os\n"
        "from django.db import transaction\n"
        "from archive.models import Honoree\n"
        "with transaction.atomic():\n"
        "    transaction.on_commit(lambda: os._exit(9))  # first in line: dies right after the commit\n"
        "    h = Honoree.objects.get(external_id='SRC-0002')\n"
        f"    h.withdrawn = {withdrawn}\n"
        "    h.save()\n",
        check=False,
    )


def test_work_left_by_a_process_killed_after_its_commit_is_done_by_the_next_one(site, tmp_path):
    killed = withdraw_and_die(site, withdrawn=True)
    assert killed.returncode == 9
    before = manage(site, "search_index", "check", check=False)
    assert before.returncode != 0 and "多余 1" in before.stdout

    with server(site, tmp_path / "server.log") as base:
        assert get(base, "/dictionary/SRC-0002/")[0] == 404
        deadline = time.monotonic() + 30  # the first request started the leftovers in the background
        while (after := manage(site, "search_index", "check", check=False)).returncode and time.monotonic() < deadline:
            time.sleep(0.5)
    assert after.returncode == 0 and "缺失 0，过期 0，多余 0" in after.stdout, after.stdout + after.stderr

    killed_again = withdraw_and_die(site, withdrawn=False)
    assert killed_again.returncode == 9
    assert manage(site, "search_index", "check", check=False).returncode != 0
    manage(site, "search_index", "sync")
    assert "缺失 0，过期 0，多余 0" in manage(site, "search_index", "check").stdout
