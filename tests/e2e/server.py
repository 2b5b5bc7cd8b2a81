"""A live server that answers inside the running test's transaction.

pytest-django's `live_server` needs `transactional_db`, which empties every table after each test: the demo content
that tests/conftest.py loads once per session (about a minute) would be gone after the first browser test. This
server instead shares the test's own database connection, so the browser sees the demo content and whatever the test
created, and everything the browser changes (an edited story, a published revision) is rolled back with the test.
It works on SQLite and PostgreSQL alike because there is only one connection, never two transactions.

Requests are served one at a time, in the server thread: one connection cannot run two requests' queries at once.
"""

import posixpath
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import unquote

from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import WSGIServer
from django.core.signals import request_finished, request_started
from django.db import DEFAULT_DB_ALIAS, close_old_connections, connections
from django.test.testcases import QuietWSGIRequestHandler, _MediaFilesHandler
from django.test.utils import modify_settings

from core.ranged_serve import serve_with_ranges


class RangedMediaFilesHandler(_MediaFilesHandler):
    """Uploads with byte ranges, as nginx and the app's own uploads view (core/ranged_serve.py) answer them, so a
    player can seek as it does when deployed."""

    def serve(self, request):
        path = posixpath.normpath(unquote(self.file_path(request.path))).replace("\\", "/").lstrip("/")
        return serve_with_ranges(request, path, document_root=self.get_base_dir())


class SharedConnectionServer(threading.Thread):
    def __init__(self, host: str = "127.0.0.1"):
        super().__init__(name="e2e-live-server", daemon=True)
        self.host = host
        self.connection = connections[DEFAULT_DB_ALIAS]
        self.ready = threading.Event()
        self.error: OSError | None = None
        self.httpd: WSGIServer | None = None

    @property
    def url(self) -> str:
        assert self.httpd is not None, "the server has not started"
        return f"http://{self.host}:{self.httpd.server_address[1]}"

    def run(self):
        connections[DEFAULT_DB_ALIAS] = self.connection
        try:
            # Static files from the apps' folders (as runserver does) and uploads from the test MEDIA_ROOT.
            handler = StaticFilesHandler(RangedMediaFilesHandler(WSGIHandler()))
            # Not threaded: a single-threaded server also answers `Connection: close`, which browsers handle.
            self.httpd = WSGIServer((self.host, 0), QuietWSGIRequestHandler, allow_reuse_address=False)
            self.httpd.set_app(handler)
        except OSError as error:  # no free port: reported to the test that started the server
            self.error = error
            return
        finally:
            self.ready.set()
        self.httpd.serve_forever(poll_interval=0.1)

    def stop(self):
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()
        self.join(timeout=10)


@contextmanager
def shared_connection_server() -> Iterator[SharedConnectionServer]:
    """Serve the site for the duration of one test; the caller holds the test's database transaction."""
    connection = connections[DEFAULT_DB_ALIAS]
    # Django closes connections that are inside a transaction at the start and end of every request (here: the
    # test's own connection); its test client disconnects these receivers for the same reason.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    connection.inc_thread_sharing()
    server = SharedConnectionServer()
    try:
        server.start()
        server.ready.wait()
        if server.error is not None:
            raise server.error
        with modify_settings(ALLOWED_HOSTS={"append": server.host}):
            yield server
    finally:
        server.stop()
        connection.dec_thread_sharing()
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
