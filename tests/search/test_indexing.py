"""The embedded index follows every change after the transaction commits; search_index rebuild/check work."""

import io

from django.core.management import call_command
from django.core.management.base import CommandError

import pytest

from archive.browse import parse_filters
from archive.models import Honoree
from exhibits.models import StoryIndexPage
from search.engine import embedded_engine
from search.models import SearchDocument
from tests.archive.factories import AwardFactory, HonoreeFactory
from tests.exhibits.factories import StoryPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def demo_index(db):
    embedded_engine().rebuild()


def found(query):
    return [hit.id for hit in embedded_engine().search_honorees(query, parse_filters({})).hits]


def test_new_changed_withdrawn_and_deleted_records_follow_at_commit(committed):
    honoree = committed(
        lambda: HonoreeFactory(external_id="T-IDX-1", name="钟表修", biography="在王府井修了五十年钟表。")
    )
    assert "T-IDX-1" in found("钟表")

    honoree.biography = "在前门修了五十年自行车。"
    committed(honoree.save)
    assert "T-IDX-1" in found("自行车")
    assert "T-IDX-1" not in found("王府井")

    honoree.withdrawn = True
    committed(honoree.save)
    assert "T-IDX-1" not in found("自行车")
    assert not SearchDocument.objects.filter(key=f"honoree:{honoree.pk}").exists()

    honoree.withdrawn = False
    committed(honoree.save)
    assert "T-IDX-1" in found("自行车")
    committed(Honoree.objects.filter(pk=honoree.pk).delete)
    assert "T-IDX-1" not in found("自行车")


def test_nothing_changes_before_commit():
    HonoreeFactory(external_id="T-IDX-0", name="未提交", biography="尚未提交的事务。")
    assert "T-IDX-0" not in found("未提交")


def test_award_changes_reach_the_index(committed):
    honoree = committed(lambda: HonoreeFactory(external_id="T-IDX-2", name="柏油路"))
    committed(lambda: AwardFactory(honoree=honoree, year=1959))
    results = embedded_engine().search_honorees("柏油路", parse_filters({"decade": "1950"}))
    assert [hit.id for hit in results.hits] == ["T-IDX-2"]


def test_published_and_unpublished_pages_follow(committed):
    story = StoryPageFactory(parent=StoryIndexPage.objects.get(), title="冰雕师傅的冬天")
    committed(lambda: story.save_revision().publish())
    assert [hit.title for hit in embedded_engine().search_pages("冰雕").hits] == ["冰雕师傅的冬天"]
    committed(story.unpublish)
    assert embedded_engine().search_pages("冰雕").hits == []


def test_search_index_check_reports_missing_and_rebuild_repairs():
    honoree = Honoree.objects.get(external_id="SRC-0002")
    SearchDocument.objects.filter(key=f"honoree:{honoree.pk}").delete()
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("search_index", "check", stdout=out)
    assert "缺失 1" in out.getvalue()
    call_command("search_index", "rebuild", stdout=out)
    call_command("search_index", "check", stdout=io.StringIO())
    assert "SRC-0002" in found("王月鹏")
