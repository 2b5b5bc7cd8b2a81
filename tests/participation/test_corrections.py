"""A correction from the public form, through the archivists' review queue, to a published revision of the record."""

import re

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data

import pytest

from archive.models import Honoree
from exhibits.models import StoryPage
from participation.models import Correction

from .conftest import png_bytes

pytestmark = pytest.mark.django_db

FORM_URL = "/corrections/new/"


def submission(**overrides):
    data = {
        "kind": "error",
        "what_wrong": "修钢笔的地址写得不完整。",
        "suggested_text": "张广义在东四南大街103号修钢笔，一干就是一辈子。",
        "place": "",
        "relation": "family",
        "relation_detail": "孙女",
        "sender_name": "张女士",
        "contact": "微信 zhang-private-188",
        "email": "granddaughter@example.com",
        "homepage": "",
        "shown": "",
        **overrides,
    }
    return data


def submit(client, target=None, files=None, **overrides):
    """Shows the form (as a person would, to get its timer) and sends it."""
    target = target if target is not None else {"honoree": "SRC-0001"}
    shown = client.get(FORM_URL, target)
    assert shown.status_code == 200, shown.content.decode()[:2000]
    token = re.search(r'name="shown" value="([^"]+)"', shown.content.decode()).group(1)
    data = {**submission(shown=token, **overrides), **target}
    if files:
        data["evidence"] = files
    return client.post(FORM_URL, data)


def honoree_edit_form(honoree, **changes):
    """The admin edit form of an existing record, with its own values and awards, plus ``changes``."""
    awards = [{"id": award.pk, "year": award.year or "", "honour": award.honour_id} for award in honoree.awards.all()]
    fields = {
        "external_id": honoree.external_id,
        "kind": honoree.kind,
        "name": honoree.name,
        "gender": honoree.gender,
        "ethnicity": honoree.ethnicity,
        "birth_year": honoree.birth_year or "",
        "death_year": honoree.death_year or "",
        "native_place": honoree.native_place,
        "employer": honoree.employer,
        "title": honoree.title,
        "industry": honoree.industry_id or "",
        "district": honoree.district_id or "",
        "photo": honoree.photo_id or "",
        "awards": inline_formset(awards, initial=len(awards)),
        "biography": honoree.biography,
        "contact_info": honoree.contact_info,
        "health_notes": honoree.health_notes,
        "archivist_notes": honoree.archivist_notes,
        "withdrawn_reason": honoree.withdrawn_reason,
        **changes,
    }
    data = nested_form_data(fields)
    data["action-publish"] = "1"
    return data


def test_the_entry_links_to_the_form_for_itself(client):
    html = client.get("/dictionary/SRC-0001/").content.decode()
    assert 'href="/corrections/new/?honoree=SRC-0001"' in html
    assert "纠错/补充" in html
    assert "最近更新" not in html  # nothing accepted yet


def test_form_names_the_entry_and_explains_privacy(client):
    response = client.get(FORM_URL, {"honoree": "SRC-0001"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "张广义" in html and 'name="honoree" value="SRC-0001"' in html
    assert 'enctype="multipart/form-data"' in html and "csrfmiddlewaretoken" in html
    assert "不会在网站上公开" in html
    assert response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]


def test_unknown_or_withdrawn_entries_have_no_form(client):
    assert client.get(FORM_URL, {"honoree": "NO-SUCH"}).status_code == 404
    Honoree.objects.filter(external_id="SRC-0002").update(withdrawn=True)
    assert client.get(FORM_URL, {"honoree": "SRC-0002"}).status_code == 404


def test_submission_through_review_to_a_revision_linked_in_the_history(client, make_user, committed):
    photo = SimpleUploadedFile("老照片.png", png_bytes(), content_type="image/png")
    response = submit(client, files=[photo])
    assert response.status_code == 302
    thanks = client.get(response["Location"])
    correction = Correction.objects.get()
    year = timezone.localdate().year
    assert re.fullmatch(rf"JC-{year}-\d{{6}}", correction.reference)
    assert correction.reference in thanks.content.decode()
    assert "处理结果会发到您填写的邮箱" in thanks.content.decode()
    assert correction.status == Correction.Status.NEW
    assert correction.honoree.external_id == "SRC-0001" and correction.target_title == "张广义"
    assert correction.evidence.get().content_type == "image/png"

    # The archivist finds it in the queue and accepts it …
    archivist = make_user("archivist", "档案管理员")
    client.force_login(archivist)
    queue = client.get(reverse("corrections:index")).content.decode()
    assert correction.reference in queue and "待处理" in queue
    review_url = reverse("corrections:edit", args=[correction.pk])
    review = client.get(review_url).content.decode()
    assert "微信 zhang-private-188" in review and "老照片.png" in review  # archivists see the private details
    response = committed(lambda: client.post(review_url, {"decision": "accepted", "reviewer_message": ""}))
    honoree = Honoree.objects.get(external_id="SRC-0001")
    # … and is taken straight to the record's edit view.
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailsnippets_archive_honoree:edit", args=[honoree.pk])
    correction.refresh_from_db()
    assert correction.status == Correction.Status.ACCEPTED and correction.reviewer == archivist
    assert correction.accepted_revision is None and correction.status_label == "已采纳，待修改记录"
    assert [message.to for message in mail.outbox] == [["granddaughter@example.com"]]
    assert correction.reference in mail.outbox[0].subject and "采纳" in mail.outbox[0].body

    # The archivist edits the record and publishes it: that revision is linked to the correction.
    new_biography = honoree.biography + "\n\n张广义在东四南大街103号修钢笔，一干就是一辈子。"
    response = client.post(
        reverse("wagtailsnippets_archive_honoree:edit", args=[honoree.pk]),
        honoree_edit_form(honoree, biography=new_biography),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    honoree.refresh_from_db()
    correction.refresh_from_db()
    assert "东四南大街103号修钢笔，一干就是一辈子" in honoree.biography
    assert correction.accepted_revision_id == honoree.live_revision_id is not None
    assert correction.applied_at is not None and correction.status_label == "已采纳，记录已更新"

    # The record's history names the submission, on the same revision.
    entry = ModelLogEntry.objects.for_instance(honoree).get(action="laomo.correction.applied")
    assert entry.revision_id == honoree.live_revision_id and entry.data["reference"] == correction.reference
    history = client.get(reverse("wagtailsnippets_archive_honoree:history", args=[honoree.pk])).content.decode()
    assert f"据勘误与补充 {correction.reference} 修改" in history
    review = client.get(review_url).content.decode()
    assert "据此修改的版本" in review and str(honoree.live_revision_id) in review

    # The public entry shows the new text and the date of the last accepted correction.
    client.logout()
    page = client.get("/dictionary/SRC-0001/").content.decode()
    today = timezone.localdate()
    assert "东四南大街103号修钢笔，一干就是一辈子" in page
    assert f'最近更新：<time datetime="{today:%Y-%m-%d}">{today.year}年{today.month}月{today.day}日</time>' in page


def test_a_later_publication_does_not_relink_an_applied_correction(make_user):
    honoree = Honoree.objects.get(external_id="SRC-0003")
    correction = Correction.objects.create(
        honoree=honoree, target_title=honoree.name, what_wrong="缺少照片", relation="colleague", status="accepted"
    )
    user = make_user("archivist", "档案管理员")
    first = honoree.save_revision(user=user)
    first.publish(user=user)
    second = honoree.save_revision(user=user)
    second.publish(user=user)
    correction.refresh_from_db()
    assert correction.accepted_revision == first


def test_rejection_needs_a_reason_and_sends_it(client, make_user, committed):
    correction = Correction.objects.create(
        honoree=Honoree.objects.get(external_id="SRC-0002"),
        target_title="王月鹏",
        what_wrong="单位写错了",
        relation="other",
        email="reader@example.com",
    )
    client.force_login(make_user("archivist", "档案管理员"))
    url = reverse("corrections:edit", args=[correction.pk])
    response = client.post(url, {"decision": "rejected", "reviewer_message": ""})
    assert response.status_code == 200
    assert "不采纳时请写明原因" in response.content.decode()
    correction.refresh_from_db()
    assert correction.status == Correction.Status.NEW and not mail.outbox

    reason = "经核对2020年表彰名单，单位为国网北京昌平供电公司，原记录无误。"
    response = committed(lambda: client.post(url, {"decision": "rejected", "reviewer_message": reason}))
    assert response.status_code == 302 and response["Location"] == reverse("corrections:index")
    correction.refresh_from_db()
    assert correction.status == Correction.Status.REJECTED and correction.notified_at is not None
    assert len(mail.outbox) == 1 and reason in mail.outbox[0].body and "没有采纳" in mail.outbox[0].body


def test_asking_for_more_sends_the_question(client, make_user, committed):
    correction = Correction.objects.create(
        honoree=Honoree.objects.get(external_id="SRC-0005"),
        target_title="刘博强",
        what_wrong="缺少冬奥会制冰的照片",
        kind="addition",
        relation="colleague",
        email="colleague@example.com",
    )
    client.force_login(make_user("archivist", "档案管理员"))
    question = "请提供照片的拍摄时间和拍摄者，以便注明出处。"
    committed(
        lambda: client.post(
            reverse("corrections:edit", args=[correction.pk]),
            {"decision": "needs_more_info", "reviewer_message": question},
        )
    )
    correction.refresh_from_db()
    assert correction.status == Correction.Status.NEEDS_MORE_INFO
    assert question in mail.outbox[0].body and correction.reference in mail.outbox[0].body
    assert "补充" in mail.outbox[0].subject


def test_no_email_no_notice(client, make_user, committed):
    correction = Correction.objects.create(
        honoree=Honoree.objects.get(external_id="SRC-0006"), target_title="陈历俊", what_wrong="错字", relation="other"
    )
    client.force_login(make_user("archivist", "档案管理员"))
    committed(
        lambda: client.post(
            reverse("corrections:edit", args=[correction.pk]), {"decision": "rejected", "reviewer_message": "无误"}
        )
    )
    correction.refresh_from_db()
    assert correction.status == Correction.Status.REJECTED and not mail.outbox


def test_a_page_and_a_place_on_it(client, home):
    story = StoryPage.objects.live().first()
    response = submit(client, target={"page": str(story.pk), "place": "第二段"}, email="")
    assert response.status_code == 302
    correction = Correction.objects.get()
    assert correction.page_id == story.pk and correction.place == "第二段"
    assert correction.target_label == f"{story.title} · 第二段"
    story.unpublish()
    assert client.get(FORM_URL, {"page": str(story.pk)}).status_code == 404


def test_without_a_target_the_place_is_required(client):
    response = submit(client, target={}, place="")
    assert response.status_code == 400
    assert "请写明涉及的页面或位置" in response.content.decode()
    assert submit(client, target={}, place="明城墙遗址公园劳模墙第三块石碑").status_code == 302


def test_errors_keep_what_was_typed_and_speak_chinese(client):
    response = submit(client, what_wrong="", email="not-an-email", suggested_text="保留这段建议的文字")
    html = response.content.decode()
    assert response.status_code == 400
    assert "请写明哪里有误或缺少什么" in html
    assert "电子邮箱的格式不对" in html
    assert "保留这段建议的文字" in html and "微信 zhang-private-188" in html
    assert not Correction.objects.exists()


def test_editors_do_not_see_the_queue(client, make_user):
    client.force_login(make_user("editor", "编辑"))
    assert client.get(reverse("corrections:index")).status_code in (302, 403)
    client.force_login(make_user("archivist", "档案管理员"))
    assert client.get(reverse("corrections:index")).status_code == 200
    assert not client.get(reverse("corrections:index")).content.decode().count("/admin/corrections/new/")


def test_films_and_wall_places_link_to_the_form_with_one_tag(client):
    from django.template import engines

    story = StoryPage.objects.live().first()
    html = (
        engines["django"]
        .from_string('{% load participation_tags %}{% correction_link page place="第3块石碑 第2行" %}')
        .render({"page": story})
    )
    href = re.search(r'<a class="correction-link" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert href == f"/corrections/new/?page={story.pk}&place=%E7%AC%AC3%E5%9D%97%E7%9F%B3%E7%A2%91+%E7%AC%AC2%E8%A1%8C"
    form = client.get(href).content.decode()
    assert story.title in form and 'value="第3块石碑 第2行"' in form


def test_the_last_update_date_costs_the_entry_no_query(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/dictionary/SRC-0001/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/dictionary/SRC-0001/")
    assert not [q["sql"] for q in queries.captured_queries if "participation_correction" in q["sql"]]


@pytest.mark.parametrize("value", ["²", "①", "１２", "-1", "+1", " 1", "1.0", "9" * 30, "9" * 10_000])
def test_odd_page_numbers_are_not_found_not_errors(client, value):
    client.raise_request_exception = False
    assert client.get("/corrections/new/", {"page": value}).status_code == 404
