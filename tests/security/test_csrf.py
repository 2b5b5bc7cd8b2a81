"""Every form that changes something refuses a POST without the CSRF token (403), and accepts one with it."""

import re

from django.test import Client

from wagtail.contrib.forms.models import AbstractForm
from wagtail.models import Page

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.security.urls")]


@pytest.fixture
def strict():
    return Client(enforce_csrf_checks=True)


def csrf_refused(response) -> bool:
    """403 from Django's CSRF check itself, not from some other refusal."""
    return response.status_code == 403 and b"CSRF" in response.content


def token_from(response) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()).group(1)


def test_admin_login_needs_the_token(strict, make_user):
    make_user("csrf-editor", "编辑")
    credentials = {"username": "csrf-editor", "password": "correct horse battery"}
    assert csrf_refused(strict.post("/admin/login/", credentials))
    token = token_from(strict.get("/admin/login/"))
    assert strict.post("/admin/login/", {**credentials, "csrfmiddlewaretoken": token}).status_code == 302


def test_password_reset_needs_the_token(strict):
    assert csrf_refused(strict.post("/admin/password_reset/", {"email": "someone@example.com"}))


def test_public_correction_form_needs_the_token(strict):
    from archive.models import Honoree

    honoree = Honoree.objects.public().first()
    url = f"/corrections/new/?honoree={honoree.external_id}"
    assert strict.get(url).status_code == 200
    response = strict.post(url, {"honoree": honoree.external_id, "message": "出生年份应为 1932 年。"})
    assert csrf_refused(response)


def test_public_form_pages_need_the_token(strict):
    form_pages = [page for page in Page.objects.live().specific() if isinstance(page, AbstractForm)]
    for page in form_pages:
        assert csrf_refused(strict.post(page.get_url(), {})), page.get_url()


@pytest.mark.parametrize(
    "group, url",
    [
        ("档案管理员", "/admin/archive/import/"),
        ("档案管理员", "/admin/snippets/archive/honoree/add/"),
        ("编辑", "/admin/images/add/"),
        ("编辑", "/admin/documents/add/"),
        ("编辑", "/admin/account/"),
        ("编辑", "/admin/logout/"),
    ],
)
def test_admin_forms_need_the_token(strict, make_user, group, url):
    strict.force_login(make_user(f"csrf-{group}", group))
    assert csrf_refused(strict.post(url, {"title": "x"}))


def test_admin_page_edit_and_publish_need_the_token(strict, make_user):
    page = Page.objects.live().filter(depth__gt=2).first()
    strict.force_login(make_user("csrf-moderator", "审核"))
    for url in (f"/admin/pages/{page.pk}/edit/", f"/admin/pages/{page.pk}/unpublish/"):
        assert csrf_refused(strict.post(url, {"title": "改过的标题", "action-publish": "1"})), url
    page.refresh_from_db()
    assert page.live and page.title != "改过的标题"
