"""What the 编辑 group cannot do: publish, reach the archive import or export, or read a record's private fields."""

from django.urls import NoReverseMatch, reverse

from wagtail.models import Page

import pytest

from archive.models import Honoree

pytestmark = pytest.mark.django_db

PRIVATE = {
    "contact_info": "私密联系电话13800000000",
    "health_notes": "私密健康记录：疗休养",
    "archivist_notes": "私密档案备注：来源卷宗",
    "withdrawn_reason": "私密撤下原因：家属要求",
}


@pytest.fixture
def editor(client, make_user):
    client.force_login(make_user("perm-editor", "编辑"))
    return client


@pytest.fixture
def withdrawn():
    return Honoree.objects.create(
        external_id="SEC-PRIV-1", name="撤下测试", live=True, withdrawn=True, employer="测试单位", **PRIVATE
    )


def refused(response) -> bool:
    """Wagtail answers a missing permission with 403, or a redirect to the dashboard with a message."""
    return response.status_code == 403 or (response.status_code == 302 and "/login/" not in response["Location"])


def test_editor_cannot_reach_the_archive_import_or_export(editor):
    for url in ("/admin/archive/import/", "/admin/archive/export/", "/admin/archive/export/?format=csv&download=1"):
        response = editor.get(url)
        assert refused(response), url
        assert "编号" not in response.content.decode()
    assert refused(editor.post("/admin/archive/import/", {}))


def test_editor_cannot_open_any_honoree_admin_view_or_see_private_fields(editor, withdrawn):
    viewset = Honoree.snippet_viewset
    opened = 0
    for name in ("list", "add", "edit", "inspect", "history", "usage", "delete", "preview_on_edit", "unpublish"):
        try:
            url = reverse(viewset.get_url_name(name), args=[withdrawn.pk])
        except NoReverseMatch:
            url = reverse(viewset.get_url_name(name))
        response = editor.get(url)
        opened += 1
        assert refused(response), (name, response.status_code)
        html = response.content.decode()
        assert not any(value in html for value in PRIVATE.values()), name
    assert opened == 9
    # Nor change them.
    response = editor.post(reverse(viewset.get_url_name("edit"), args=[withdrawn.pk]), {"name": "改名", **PRIVATE})
    assert refused(response)
    withdrawn.refresh_from_db()
    assert withdrawn.name == "撤下测试"


def test_private_fields_never_reach_an_editor_anywhere_they_can_look(editor, withdrawn):
    """Editors choose records for stories (the honoree chooser) and search the admin: names, never private text."""
    urls = [
        "/admin/",
        "/admin/search/?q=撤下测试",
        f"/dictionary/{withdrawn.external_id}/",
        f"/api/honorees/{withdrawn.external_id}/",
        "/search/?q=撤下测试",
    ]
    for name in ("choose", "choose_results"):
        try:
            urls.append(reverse(f"wagtailsnippetchoosers_archive_honoree:{name}") + "?q=撤下测试")
        except NoReverseMatch:
            pass
    for url in urls:
        response = editor.get(url)
        html = response.content.decode()
        assert not any(value in html for value in PRIVATE.values()), url
    # A withdrawn record is not public, even to a signed-in editor.
    assert editor.get(f"/dictionary/{withdrawn.external_id}/").status_code == 404


def test_editor_cannot_publish_or_unpublish_a_live_page(editor):
    page = Page.objects.get(url_path__endswith="/about/").specific
    live_title = page.title
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    data = nested_form_data({"title": "编辑擅自发布的标题", "slug": page.slug, "lead": "", "body": streamfield([])})
    data["action-publish"] = "1"
    response = editor.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live and page.title == live_title  # the draft was saved, the live page did not change
    assert page.get_latest_revision().content["title"] == "编辑擅自发布的标题"
    assert "编辑擅自发布的标题" not in editor.get(page.url).content.decode()

    assert refused(editor.post(f"/admin/pages/{page.pk}/unpublish/"))
    bulk = f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}"
    assert refused(editor.post(bulk)) or editor.post(bulk).status_code == 200
    page.refresh_from_db()
    assert page.live and page.title == live_title


def test_moderator_can_publish_so_the_editor_test_is_not_vacuous(client, make_user):
    client.force_login(make_user("perm-moderator", "审核"))
    page = Page.objects.get(url_path__endswith="/about/").specific
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    data = nested_form_data({"title": "审核发布的标题", "slug": page.slug, "lead": "", "body": streamfield([])})
    data["action-publish"] = "1"
    assert client.post(f"/admin/pages/{page.pk}/edit/", data).status_code == 302
    page.refresh_from_db()
    assert page.title == "审核发布的标题"
