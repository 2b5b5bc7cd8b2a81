"""The editors' and archivists' daily work in the Wagtail admin, in a real browser, under the admin's security policy.

Each journey signs in as a user of one editorial group (编辑, 审核 or 档案管理员) with only that group's permissions,
and goes through the admin as a person would: choosers, inline panels, the schedule dialog, workflow actions,
revisions compare, the import wizard, the corrections queue and two-factor enrolment. Every page is watched for
console errors and policy violations (console_watch in conftest.py).
"""

import datetime
import re
from base64 import b32decode
from unittest import mock

from django.core.management import call_command
from django.utils import timezone

from wagtail.models import Revision

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image
from playwright.sync_api import expect

from archive.models import Honoree, Honour
from exhibits.models import StoryIndexPage, StoryPage
from media.models import SiteImage
from participation.models import Correction

from .admin import PASSWORD, allow_autosave_refusals, log_in
from .conftest import screenshot
from .test_editorial_journey import approve_from_dashboard

pytestmark = pytest.mark.django_db


def modal(page):
    """The open chooser modal (Wagtail's ModalWorkflow)."""
    return page.locator(".modal-content").filter(visible=True)


def choose_honoree(page, query: str, name: str):
    """选择劳模 → search in the chooser modal → tick the record → 确认选择."""
    page.get_by_role("button", name="选择劳模").click()
    chooser = modal(page)
    expect(chooser.get_by_role("heading", level=1)).to_contain_text("选择劳模")
    # Wait for the search's own results: a box ticked in the first listing would be replaced by them.
    with page.expect_response(lambda response: "/results/" in response.url and "q=" in response.url):
        chooser.get_by_label("搜索劳模").fill(query)
    box = chooser.get_by_role("checkbox", name=re.compile(f"选择 {name}"))
    expect(box).to_have_count(1)
    box.check()
    chooser.get_by_role("button", name="确认选择").click()
    expect(chooser).to_have_count(0)


def png(path, colour) -> str:
    Image.new("RGB", (64, 48), colour).save(path)
    return str(path)


def test_archivist_adds_reorders_and_removes_awards_on_a_record(open_context, make_user, console_watch):
    make_user("dangan", "档案管理员")
    honoree = Honoree.objects.get(external_id="SRC-0002")
    [existing] = honoree.awards.all()
    first, second = Honour.objects.exclude(pk=existing.honour_id).order_by("sort_order")[:2]

    page = open_context("desktop").new_page()
    allow_autosave_refusals(page, console_watch)
    log_in(page, "dangan")
    page.goto(f"/admin/snippets/archive/honoree/edit/{honoree.pk}/")
    rows = page.locator("#id_awards-FORMS > [data-inline-panel-child]").filter(visible=True)
    expect(rows).to_have_count(1)

    # Two awards of one year; the honour of each is picked in the snippet chooser.
    for honour in (first, second):
        page.get_by_role("button", name="增加 荣誉").click()
        new = rows.last
        new.locator("input[name$='-year']").fill("2024")
        new.get_by_role("button", name="选择 荣誉").click()
        modal(page).get_by_role("link", name=honour.name, exact=True).click()
        expect(new.locator("[data-chooser-title]")).to_have_text(honour.name)
        expect(modal(page)).to_have_count(0)
    expect(rows).to_have_count(3)
    screenshot(page, "journey-awards-added", "desktop")

    # Within a year the archivist decides the order: the second honour moves up, above the first.
    rows.last.locator("[data-inline-panel-child-move-up]").click()
    expect(rows.nth(1).locator("[data-chooser-title]")).to_have_text(second.name)
    expect(rows.nth(2).locator("[data-chooser-title]")).to_have_text(first.name)

    rows.first.get_by_role("button", name="删除").click()  # the award already on the record
    expect(rows).to_have_count(2)
    page.get_by_role("button", name="更多动作", exact=True).click()
    page.get_by_role("button", name="发布", exact=True).click()
    expect(page.locator(".messages")).to_contain_text(honoree.name)
    screenshot(page, "journey-awards-published", "desktop")

    honoree.refresh_from_db()
    assert [(award.year, award.honour_id) for award in honoree.awards.all()] == [(2024, second.pk), (2024, first.pk)]
    assert honoree.live and not honoree.has_unpublished_changes
    # The public entry's timeline keeps the arranged order, and the editor sees it again on reopening the record.
    public = open_context("phone").new_page()
    public.goto(honoree.get_absolute_url())
    timeline = public.get_by_role("region", name="荣誉").get_by_role("listitem")
    expect(timeline).to_have_text([f"2024年 {second.name}", f"2024年 {first.name}"])
    page.goto(f"/admin/snippets/archive/honoree/edit/{honoree.pk}/")
    expect(rows.locator("[data-chooser-title]")).to_have_text([second.name, first.name])


def test_user_enrols_in_two_factor_login_and_signs_in_with_a_code(open_context, make_user):
    make_user("bianji", "编辑")
    page = open_context("desktop").new_page()
    log_in(page, "bianji")
    page.goto("/admin/account/")
    page.get_by_role("tab", name="更多动作").click()
    page.get_by_role("link", name="两步验证").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("两步验证")
    secret = page.locator("#two-factor-secret").inner_text().replace(" ", "")
    key = b32decode(secret + "=" * (-len(secret) % 8))
    screenshot(page, "journey-two-factor-enrol", "desktop")

    page.get_by_label("验证码").fill(f"{TOTP(key).token():06d}")
    page.get_by_role("button", name="开启两步验证").click()
    # Ten one-time backup codes, shown this once.
    expect(page.get_by_role("list", name="备用码").get_by_role("listitem")).to_have_count(10)
    assert TOTPDevice.objects.get(user__username="bianji").confirmed

    page.get_by_role("button", name="bianji").click()
    page.get_by_role("button", name="注销").click()
    expect(page).to_have_url(re.compile(r"/admin/login/"))

    page.locator("#id_username").fill("bianji")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(re.compile(r"/admin/two-factor/verify/"))
    screenshot(page, "journey-two-factor-verify", "desktop")
    # The code of the enrolment was used up; the next time step's code is the one the app shows next.
    next_code = TOTP(key, drift=1).token()
    page.get_by_label("验证码").fill(f"{next_code:06d}")
    page.get_by_role("button", name="验证").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def test_editor_writes_a_scheduled_story_that_goes_live_after_two_approvals(
    open_context, make_user, console_watch, tmp_path
):
    make_user("bianji", "编辑")
    make_user("shenhe", "审核")
    index = StoryIndexPage.objects.get()
    cover = SiteImage.objects.get(title="劳模墙示意")
    first, second = Honoree.objects.get(external_id="SRC-0001"), Honoree.objects.get(external_id="SRC-0002")
    title = "老师傅的钢笔铺"

    editor = open_context("desktop", timezone_id="Asia/Shanghai").new_page()
    allow_autosave_refusals(editor, console_watch)
    log_in(editor, "bianji")
    editor.goto(f"/admin/pages/add/exhibits/storypage/{index.pk}/")
    editor.locator("#id_title").fill(title)
    editor.locator("#id_lead").fill("东四南大街的修笔铺子，一开就是几十年。")

    # Cover: an image already in the library, chosen in the image chooser.
    editor.locator("#id_cover-chooser").get_by_role("button", name="选择一个图片").click()
    modal(editor).get_by_role("link", name=cover.title).click()
    expect(editor.locator("#id_cover-chooser [data-chooser-title]")).to_have_text(cover.title)
    expect(modal(editor)).to_have_count(0)

    # Body: an image block with a photo uploaded from inside the chooser.
    editor.locator("button.c-sf-add-button").filter(visible=True).first.click()
    editor.get_by_role("option", name="图片", exact=True).click()
    editor.get_by_role("button", name="选择一个图片").filter(visible=True).click()
    chooser = modal(editor)
    chooser.get_by_role("tab", name="上传").click()
    chooser.locator("input[type=file]").set_input_files(png(tmp_path / "pen-shop.png", (30, 90, 160)))
    chooser.get_by_label("标题").fill("修笔铺门口")
    chooser.locator("#id_image-chooser-upload-description").fill("老式木门前摆着修笔工具的柜台")
    screenshot(editor, "journey-story-upload", "desktop")
    chooser.get_by_role("button", name="上传").click()
    expect(chooser).to_have_count(0)
    expect(editor.locator("[data-chooser-title]").filter(has_text="修笔铺门口")).to_have_count(1)

    # Related honorees: one found by name, one by pinyin.
    choose_honoree(editor, "张广义", first.name)
    choose_honoree(editor, "wangyuepeng", second.name)
    chosen = editor.locator("[data-honoree-chooser-item]")
    expect(chosen).to_have_count(2)

    # Go-live at the next full hour, picked in the schedule dialog of the status side panel with the date-time picker.
    go_live = (timezone.localtime() + datetime.timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)
    editor.locator("[data-side-panel-toggle='status']").click()
    editor.get_by_role("button", name="设置计划").click()
    dialog = editor.get_by_role("dialog", name="设置发布计划")
    dialog.locator("#id_go_live_at").click()
    picker = editor.locator(".xdsoft_datetimepicker").filter(visible=True)
    picker.locator(
        f".xdsoft_date[data-year='{go_live.year}'][data-month='{go_live.month - 1}'][data-date='{go_live.day}']"
    ).first.click()
    picker.locator(f".xdsoft_time[data-hour='{go_live.hour}']").filter(visible=True).first.click()
    expect(dialog.locator("#id_go_live_at")).to_have_value(go_live.strftime("%Y-%m-%d %H:%M"))
    expect(picker).to_have_count(0)
    screenshot(editor, "journey-story-schedule", "desktop")
    dialog.get_by_role("button", name="保存计划").click()
    expect(editor.locator(".messages")).to_contain_text(title)

    story = StoryPage.objects.get(title=title)
    assert story.slug == "lao-shi-fu-de-gang-bi-pu"
    draft = story.get_latest_revision_as_object()
    assert draft.cover == cover and draft.go_live_at is not None
    uploaded = SiteImage.objects.get(title="修笔铺门口")
    assert [(block.block_type, block.value["image"]) for block in draft.body] == [("image", uploaded)]
    assert {honoree.pk for honoree in draft.related_honorees.all()} == {first.pk, second.pk}
    editor.get_by_role("button", name="更多动作", exact=True).click()
    editor.get_by_role("button", name="提交给两级审核").click()
    expect(editor.locator(".messages")).to_contain_text(title)
    screenshot(editor, "journey-story-submitted", "desktop")

    moderator = open_context("desktop").new_page()
    log_in(moderator, "shenhe")
    approve_from_dashboard(moderator, title)
    approve_from_dashboard(moderator, title)
    story.refresh_from_db()
    assert not story.live and story.current_workflow_task is None
    scheduled = Revision.page_revisions.get(object_id=str(story.pk), approved_go_live_at__isnull=False)
    assert scheduled.approved_go_live_at > timezone.now()

    public = open_context("phone").new_page()
    assert story.url == f"/stories/{story.slug}/"
    assert public.goto(story.url).status == 404  # scheduled, not yet live

    # The clock reaches the go-live time and the scheduler runs (cron runs publish_scheduled every few minutes).
    with mock.patch("django.utils.timezone.now", return_value=go_live + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled", verbosity=0)
    story.refresh_from_db()
    assert story.live
    public.goto(story.url)
    expect(public.get_by_role("heading", level=1)).to_have_text(title)
    expect(public.locator("figure.cover img")).to_have_attribute("alt", cover.alt)
    expect(public.locator(".prose img")).to_have_attribute("alt", uploaded.alt)
    related = public.get_by_role("region", name="相关劳模")
    for honoree in (first, second):
        expect(related.locator(f"a[href='{honoree.get_absolute_url()}']").first).to_be_visible()
    screenshot(public, "journey-story-scheduled-live", "phone")


def test_editor_compares_two_revisions_of_a_story(open_context, make_user, console_watch):
    make_user("bianji", "编辑")
    story = StoryPage.objects.live().first()
    old_lead, new_lead = story.lead, "这是修订后的导语：劳模精神代代相传。"

    page = open_context("desktop").new_page()
    allow_autosave_refusals(page, console_watch)
    log_in(page, "bianji")
    page.goto(f"/admin/pages/{story.pk}/edit/")
    page.locator("#id_lead").fill(new_lead)
    page.get_by_role("button", name="保存草稿").click()
    expect(page.locator(".messages")).to_contain_text(story.title)

    page.goto(f"/admin/pages/{story.pk}/history/")
    row = page.get_by_role("row").filter(has=page.get_by_role("button", name="动作")).first
    row.get_by_role("button", name="动作").click()
    row.get_by_role("link", name="与上一个版本进行比较").click()
    expect(page).to_have_url(re.compile(r"/revisions/compare/"))
    lead = page.locator(".comparison").filter(has_text="导语")
    expect(lead.locator(".addition")).to_contain_text("修订后的导语")
    expect(lead.locator(".deletion")).to_contain_text(old_lead[:20])
    screenshot(page, "journey-revisions-compare", "desktop")


def test_archivist_imports_a_csv_through_the_wizard(open_context, make_user, tmp_path):
    make_user("dangan", "档案管理员")
    csv = tmp_path / "新录入.csv"
    csv.write_text(
        "编号,类别,姓名,工作单位,荣誉,事迹\n"
        "TEST-IMPORT-001,个人,赵铁成,北京地铁运营有限公司,2015 北京市劳动模范,（测试数据）在地铁一线工作三十年。\n",
        encoding="utf-8",
    )

    page = open_context("desktop").new_page()
    log_in(page, "dangan")
    page.goto("/admin/archive/import/")
    page.locator("#id_file").set_input_files(str(csv))
    page.get_by_role("button", name="上传并预览").click()
    expect(page.locator("[data-count=create]")).to_have_text("1 条")
    expect(page.get_by_role("region", name=re.compile("将新建"))).to_contain_text("赵铁成")
    screenshot(page, "journey-import-preview", "desktop")
    assert not Honoree.objects.filter(external_id="TEST-IMPORT-001").exists()

    page.get_by_role("button", name="确认导入").click()
    expect(page.get_by_text(re.compile("已导入：新建 1 条"))).to_be_visible()
    page.get_by_role("link", name="查看劳模记录").click()
    page.locator("#id_q").fill("TEST-IMPORT-001")
    expect(page.get_by_role("row").filter(has_text="赵铁成")).to_have_count(1)
    screenshot(page, "journey-import-listed", "desktop")
    record = Honoree.objects.get(external_id="TEST-IMPORT-001")
    assert record.live and [str(award.honour) for award in record.awards.all()] == ["北京市劳动模范"]


def test_archivist_accepts_a_correction_and_publishes_the_record(open_context, make_user, console_watch, settings):
    # A colleague reports a wrong employer from the entry page. (The form's anti-bot delay has its own tests.)
    settings.LAOMO_CORRECTIONS_MIN_SECONDS = 0
    make_user("dangan", "档案管理员")
    honoree = Honoree.objects.get(external_id="SRC-0002")
    employer = "国网北京市电力公司昌平供电公司"
    public = open_context("phone").new_page()
    public.goto(honoree.get_absolute_url())
    public.get_by_role("link", name="纠错/补充").click()
    public.get_by_label("哪里有误，或缺少什么").fill("工作单位的全称写得不对。")
    public.get_by_label("建议改为（或要补充的内容）").fill(employer)
    public.get_by_role("radio", name="同事或老同事").check()
    public.get_by_role("button", name="提交").click()
    reference = public.locator(".reference").inner_text()
    correction = Correction.objects.get(reference=reference)
    assert correction.honoree == honoree and correction.status == Correction.Status.NEW

    page = open_context("desktop").new_page()
    allow_autosave_refusals(page, console_watch)
    log_in(page, "dangan")
    page.goto("/admin/corrections/")
    page.get_by_role("link", name=correction.reference).click()
    page.get_by_role("radio", name=re.compile("^采纳：")).check()
    screenshot(page, "journey-correction-review", "desktop")
    page.get_by_role("button", name="保存处理结果").click()
    # Accepting leads on to the record, with the suggested text in a message.
    expect(page).to_have_url(re.compile(rf"/admin/snippets/archive/honoree/edit/{honoree.pk}/"))
    expect(page.locator(".messages")).to_contain_text(employer)
    page.locator("#id_employer").fill(employer)
    page.get_by_role("button", name="更多动作", exact=True).click()
    page.get_by_role("button", name="发布", exact=True).click()
    expect(page.locator(".messages")).to_contain_text(honoree.name)

    correction.refresh_from_db()
    assert correction.status == Correction.Status.ACCEPTED and correction.accepted_revision is not None
    public.goto(honoree.get_absolute_url())
    expect(public.get_by_role("main")).to_contain_text(employer)
    expect(public.locator(".last-updated")).to_contain_text("据读者勘误修订")
    screenshot(public, "journey-correction-published", "phone")
