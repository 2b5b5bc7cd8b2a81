"""Archivists keep records in the Wagtail admin: create with awards, save drafts, publish, withdraw, search."""

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data

import pytest

from archive.models import Honoree, Honour

pytestmark = pytest.mark.django_db


def honoree_form(action="action-publish", **overrides):
    honour = Honour.objects.get(name="全国劳动模范")
    fields = {
        "external_id": "T-ADM-1",
        "kind": "person",
        "name": "欧阳明",
        "gender": "male",
        "ethnicity": "汉族",
        "birth_year": "1960",
        "death_year": "",
        "native_place": "北京",
        "employer": "北京测试厂",
        "title": "高级技师",
        "industry": "",
        "district": "",
        "photo": "",
        "awards": inline_formset([{"year": "1995", "honour": honour.pk}]),
        "biography": "在车间工作四十年。",
        "contact_info": "",
        "health_notes": "",
        "archivist_notes": "",
        "withdrawn_reason": "",
        **overrides,
    }
    data = nested_form_data(fields)
    data[action] = "1"
    return data


def test_archivist_creates_and_publishes_a_record_with_awards(client, make_user):
    client.force_login(make_user("archivist", "档案管理员"))
    response = client.post(reverse("wagtailsnippets_archive_honoree:add"), honoree_form())
    assert response.status_code == 302, response.content.decode()[:3000]
    honoree = Honoree.objects.get(external_id="T-ADM-1")
    assert honoree.live and honoree.surname == "欧阳" and honoree.name_pinyin == "ou yang ming"
    assert [(a.year, a.honour.name) for a in honoree.awards.all()] == [(1995, "全国劳动模范")]
    assert client.get("/dictionary/T-ADM-1/").status_code == 200
    assert honoree.revisions.exists()


def test_a_draft_stays_private_until_published(client, make_user):
    client.force_login(make_user("archivist", "档案管理员"))
    client.post(reverse("wagtailsnippets_archive_honoree:add"), honoree_form(action="action-save"))
    honoree = Honoree.objects.get(external_id="T-ADM-1")
    assert not honoree.live
    client.logout()
    assert client.get("/dictionary/T-ADM-1/").status_code == 404


def test_editors_cannot_touch_records(client, make_user):
    client.force_login(make_user("editor", "编辑"))
    response = client.get(reverse("wagtailsnippets_archive_honoree:add"))
    assert response.status_code in (302, 403)


def test_admin_search_finds_withdrawn_records(client, make_user):
    honoree = Honoree.objects.get(external_id="SRC-0002")
    honoree.withdrawn = True
    honoree.save()
    client.force_login(make_user("archivist", "档案管理员"))
    html = client.get(reverse("wagtailsnippets_archive_honoree:list"), {"q": "王月鹏"}).content.decode()
    assert "SRC-0002" in html
