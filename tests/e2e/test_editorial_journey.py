"""An editor edits a story and submits it; a moderator approves it twice (初审, 终审) in the admin; the story is live.

Everything happens in the Wagtail admin in a real browser, in Chinese, with the users' own passwords.
"""

import re

import pytest
from playwright.sync_api import expect

from exhibits.models import StoryPage

from .admin import log_in
from .conftest import screenshot

pytestmark = pytest.mark.django_db


def approve_from_dashboard(page, story_title):
    """Approve the current task from the dashboard's 等待你的审查 list."""
    page.goto("/admin/")
    row = page.get_by_role("region", name="等待你的审查").get_by_role("row").filter(has_text=story_title)
    row.get_by_role("button", name="动作").click()
    # The button posts the approval and the dashboard reloads.
    with page.expect_response(lambda r: re.search(r"/workflow/action/\d+/approve/", r.url) is not None) as sent:
        row.get_by_role("button", name="批准", exact=True).click()
    assert sent.value.status == 302, sent.value.status
    page.wait_for_load_state()


def test_editor_submits_a_story_and_a_moderator_publishes_it(open_context, make_user):
    make_user("bianji", "编辑")
    make_user("shenhe", "审核")
    story = StoryPage.objects.live().first()
    old_title, new_title = story.title, f"{story.title}（修订）"

    editor = open_context("desktop").new_page()
    log_in(editor, "bianji")
    editor.goto(f"/admin/pages/{story.pk}/edit/")
    editor.locator("#id_title").fill(new_title)
    screenshot(editor, "journey-admin-edit", "desktop")
    # Editors cannot publish: their main action is saving a draft; submitting is in the action menu.
    editor.get_by_role("button", name="更多动作", exact=True).click()
    editor.get_by_role("button", name="提交给两级审核").click()
    expect(editor.locator(".messages")).to_contain_text(new_title)
    screenshot(editor, "journey-admin-submitted", "desktop")

    story.refresh_from_db()
    assert story.current_workflow_task.name == "初审"
    public = open_context("phone").new_page()
    public.goto(story.url)
    expect(public.get_by_role("heading", level=1)).to_have_text(old_title)

    moderator = open_context("desktop").new_page()
    log_in(moderator, "shenhe")
    screenshot(moderator, "journey-admin-review", "desktop")
    approve_from_dashboard(moderator, new_title)
    story.refresh_from_db()
    assert story.current_workflow_task.name == "终审"
    public.reload()
    expect(public.get_by_role("heading", level=1)).to_have_text(old_title)

    approve_from_dashboard(moderator, new_title)
    story.refresh_from_db()
    assert story.live and story.title == new_title and story.current_workflow_task is None
    expect(moderator.get_by_role("row").filter(has_text=new_title)).to_have_count(0)  # nothing left to review
    public.reload()
    expect(public.get_by_role("heading", level=1)).to_have_text(new_title)
    screenshot(public, "journey-story-published", "phone")
