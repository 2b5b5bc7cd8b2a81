"""Editors' side of the English site: the English locale, 翻译 for pages, English fields on records and names."""

import io

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from wagtail.models import Locale

import pytest

from archive.models import District, Honoree, Honour, Industry
from laomo.models import HomePage
from tests.archive.test_admin import honoree_form

from .conftest import html_of

pytestmark = pytest.mark.django_db


def test_the_english_locale_exists_and_editors_may_translate_pages():
    assert Locale.objects.filter(language_code="en").exists()
    for name in ("编辑", "审核"):
        assert Group.objects.get(name=name).permissions.filter(codename="submit_translation").exists()


def test_an_editor_creates_the_english_copy_of_a_page_as_a_draft(client, make_user):
    client.force_login(make_user("editor", "编辑"))
    home = HomePage.objects.get()
    url = reverse("simple_translation:submit_page_translation", args=[home.pk])
    assert "翻译" in client.get(reverse("wagtailadmin_pages:edit", args=[home.pk])).content.decode()
    english = Locale.objects.get(language_code="en")
    response = client.post(url, {"locales": [english.pk]})
    assert response.status_code == 302
    copy = HomePage.objects.get(locale=english)
    assert not copy.live and copy.translation_key == home.translation_key
    client.logout()
    assert "This page has not been translated yet." in html_of(client, "/en/")  # a draft changes nothing


def test_an_archivist_writes_the_english_biography_in_the_english_panel(client, make_user):
    client.force_login(make_user("archivist", "档案管理员"))
    add = reverse("wagtailsnippets_archive_honoree:add")
    form = client.get(add).content.decode()
    assert "English / 英文" in form and 'name="biography_en"' in form and 'name="employer_en"' in form
    data = honoree_form(employer_en="Beijing Test Works", biography_en="Forty years on the shop floor.")
    assert client.post(add, data).status_code == 302
    honoree = Honoree.objects.get(external_id="T-ADM-1")
    assert honoree.biography_en == "Forty years on the shop floor." and honoree.revisions.exists()
    client.logout()
    html = html_of(client, "/en/dictionary/T-ADM-1/")
    assert "<p>Forty years on the shop floor.</p>" in html and "Beijing Test Works" in html


def test_honours_districts_and_industries_have_an_english_name_field(client, make_user):
    client.force_login(make_user("archivist", "档案管理员"))
    for model in (Honour, District, Industry):
        item = model.objects.first()
        edit = reverse(f"wagtailsnippets_archive_{model._meta.model_name}:edit", args=[item.pk])
        html = client.get(edit).content.decode()
        assert 'name="name_en"' in html and "英文名称" in html, model


def test_load_demo_fills_blank_english_names_and_keeps_an_archivists_own():
    District.objects.filter(name="东城区").update(name_en="Dongcheng (archivist's wording)")
    Industry.objects.filter(name="金融").update(name_en="")
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    assert District.objects.get(name="东城区").name_en == "Dongcheng (archivist's wording)"
    assert Industry.objects.get(name="金融").name_en == "Finance"
