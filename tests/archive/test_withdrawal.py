"""A withdrawn record disappears from every public surface but stays in the archive; private data never shows."""

from wagtail.search.backends import get_search_backend

import pytest

from archive.browse import parse_filters
from archive.models import Honoree
from search.engine import embedded_engine
from tests.archive.factories import AwardFactory, HonoreeFactory

pytestmark = pytest.mark.django_db

SECRET_CONTACT = "联系电话13800138000甲"
SECRET_HEALTH = "疗休养记录乙丙丁"
SECRET_NOTE = "档案备注戊己庚"


@pytest.fixture
def record(committed):
    honoree = committed(
        lambda: HonoreeFactory(
            external_id="T-WD-1",
            name="辛勤耕",
            contact_info=SECRET_CONTACT,
            health_notes=SECRET_HEALTH,
            archivist_notes=SECRET_NOTE,
        )
    )
    committed(lambda: AwardFactory(honoree=honoree, year=1989))
    return honoree


def public_surfaces(client, honoree):
    return {
        "entry": client.get(f"/dictionary/{honoree.external_id}/"),
        "list": client.get("/dictionary/?strokes=7"),
        "sitemap": client.get("/sitemap-honorees.xml"),
        "search": client.get("/search/?q=辛勤耕"),
    }


def search_index_hits(text):
    """External ids found in Wagtail's index (admin search) and in the site's own search engine."""
    wagtail_hits = [h.external_id for h in get_search_backend().search(text, Honoree.objects.all())]
    site_hits = [hit.id for hit in embedded_engine().search_honorees(text, parse_filters({})).hits]
    return {"wagtail": wagtail_hits, "site": site_hits}


def test_public_record_is_everywhere(client, record):
    surfaces = public_surfaces(client, record)
    assert surfaces["entry"].status_code == 200
    for name in ("list", "sitemap", "search"):
        assert "/dictionary/T-WD-1/" in surfaces[name].content.decode(), name
    assert search_index_hits("xin qin geng") == {"wagtail": ["T-WD-1"], "site": ["T-WD-1"]}


@pytest.mark.parametrize("change", [{"withdrawn": True}, {"live": False}])
def test_withdrawn_or_unpublished_record_disappears_but_stays_archived(client, record, change, committed):
    for field, value in change.items():
        setattr(record, field, value)
    committed(record.save)
    surfaces = public_surfaces(client, record)
    assert surfaces["entry"].status_code == 404
    for name in ("list", "sitemap", "search"):
        assert "/dictionary/T-WD-1/" not in surfaces[name].content.decode(), name
    assert search_index_hits("xin qin geng") == {"wagtail": [], "site": []}
    assert Honoree.objects.filter(external_id="T-WD-1").exists()


def test_private_fields_never_reach_public_pages_or_the_index(client, record):
    for response in public_surfaces(client, record).values():
        body = response.content.decode()
        for secret in (SECRET_CONTACT, SECRET_HEALTH, SECRET_NOTE):
            assert secret not in body
    for secret in ("13800138000", "疗休养记录乙丙丁", "戊己庚"):
        assert search_index_hits(secret) == {"wagtail": [], "site": []}
