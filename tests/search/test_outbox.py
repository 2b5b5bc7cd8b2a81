"""Issue 14, finding 3: index and wall work is written to the outbox with the change and done after the commit, so
a process that dies between the two loses nothing: `search_index sync` (or the next served process) does it and
`search_index check` then reports 0 differences. Elasticsearch work waits in the outbox while the cluster is away.
"""

import io
import socket
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

import pytest

from archive.importing import import_file
from archive.models import Honoree
from core import outbox
from core.state import OutboxEntry
from search.engine import embedded_engine, reset_engines
from tests.archive.factories import HonoreeFactory

pytestmark = pytest.mark.django_db

EXAMPLE = Path(__file__).resolve().parents[2] / "archive" / "examples" / "honorees-example.csv"


@pytest.fixture(autouse=True)
def demo_index(db):
    embedded_engine().rebuild()


def check() -> str:
    out = io.StringIO()
    try:
        call_command("search_index", "check", "--engine", "embedded", stdout=out)
    except CommandError as error:
        out.write(str(error))
    return out.getvalue()


def crash_after_commit(django_capture_on_commit_callbacks, action):
    """The change commits, then the process dies: nothing registered with on_commit ever runs."""
    with django_capture_on_commit_callbacks(execute=False):
        return action()


def test_work_a_crash_left_undone_is_done_by_search_index_sync(django_capture_on_commit_callbacks):
    withdrawn = Honoree.objects.get(external_id="SRC-0002")

    def change():
        withdrawn.withdrawn = True
        withdrawn.save()
        HonoreeFactory(external_id="T-OUTBOX-1", name="邮差", biography="送了三十年信。")

    crash_after_commit(django_capture_on_commit_callbacks, change)
    assert set(OutboxEntry.objects.values_list("task", flat=True)) == {
        "search.embedded.honorees",
        "walls.refresh",
    }
    report = check()
    assert "缺失 1" in report and "多余 1" in report and "待办的索引任务" in report

    out = io.StringIO()
    call_command("search_index", "sync", stdout=out)
    assert "已补做待办的索引任务" in out.getvalue()
    assert not OutboxEntry.objects.exists()
    assert "缺失 0，过期 0，多余 0" in check()


def test_an_import_interrupted_after_its_commit_is_indexed_by_sync(django_capture_on_commit_callbacks):
    _plan, result = crash_after_commit(
        django_capture_on_commit_callbacks, lambda: import_file(EXAMPLE.read_bytes(), EXAMPLE.name)
    )
    assert result.created > 0
    assert f"缺失 {result.created}" in check()
    call_command("search_index", "sync", stdout=io.StringIO())
    assert "缺失 0，过期 0，多余 0" in check()


def test_a_committed_change_is_applied_and_leaves_nothing_behind(committed):
    committed(lambda: HonoreeFactory(external_id="T-OUTBOX-2", name="磨刀匠"))
    assert not OutboxEntry.objects.exists()
    assert "缺失 0，过期 0，多余 0" in check()


def test_a_rolled_back_change_owes_no_work():
    try:
        with transaction.atomic():
            HonoreeFactory(external_id="T-OUTBOX-3")
            assert OutboxEntry.objects.exists()
            raise RuntimeError("roll back")
    except RuntimeError:
        pass
    assert not OutboxEntry.objects.exists()


def test_entries_claimed_by_a_live_process_are_left_to_it_but_sync_takes_them_over(
    django_capture_on_commit_callbacks,
):
    crash_after_commit(django_capture_on_commit_callbacks, lambda: HonoreeFactory(external_id="T-OUTBOX-4"))
    OutboxEntry.objects.update(claimed_by="another-process", claimed_at=timezone.now())
    assert outbox.apply() == 0  # someone is on it
    assert "缺失 1" in check()
    call_command("search_index", "sync", stdout=io.StringIO())
    assert "缺失 0，过期 0，多余 0" in check()


def test_elasticsearch_work_waits_in_the_outbox_while_the_cluster_is_away(settings, committed):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.LAOMO_ELASTICSEARCH_URL = f"http://127.0.0.1:{port}"
    reset_engines()
    try:
        committed(lambda: HonoreeFactory(external_id="T-OUTBOX-5", name="补鞋匠"))
        # The embedded index followed; the Elasticsearch entry stays, unclaimed, for a later sync.
        assert "缺失 0，过期 0，多余 0" in check()
        waiting = list(OutboxEntry.objects.values_list("task", "claimed_by"))
        assert waiting and set(waiting) == {("search.elasticsearch.honorees", "")}
        with pytest.raises(CommandError, match=f"仍有 {len(waiting)} 项"):
            call_command("search_index", "sync", stdout=io.StringIO())
        assert OutboxEntry.objects.count() == len(waiting)
    finally:
        reset_engines()
