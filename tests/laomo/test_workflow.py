"""Editors submit, moderators approve twice (初审, 终审), and anonymous visitors never see a draft."""

from django.urls import reverse

from wagtail.models import Workflow
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest

from exhibits.models import StoryIndexPage, StoryPage

pytestmark = pytest.mark.django_db


def story_form(title, slug, action):
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "lead": "一篇由编辑撰写、等待审核的故事。",
            "author": "编辑部",
            "date": "2026-11-25",
            "body": streamfield([("paragraph", rich_text("<p>正文内容。</p>"))]),
            "tags": "",
        }
    )
    data[action] = "1"
    return data


def approve(client, page):
    task_state = page.current_workflow_task_state
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, "approve", task_state.pk],
    )
    return client.post(url, {"comment": "同意"})


def test_groups_and_two_step_workflow_exist():
    workflow = Workflow.objects.get(name="两级审核")
    assert [task.name for task in workflow.tasks] == ["初审", "终审"]
    assert workflow.workflow_pages.filter(page__depth=1).exists()


def test_editor_submits_moderator_publishes_anonymous_sees_only_published(client, make_user):
    editor = make_user("editor", "编辑")
    moderator = make_user("moderator", "审核")
    index = StoryIndexPage.objects.get()

    client.force_login(editor)
    add_url = reverse("wagtailadmin_pages:add", args=["exhibits", "storypage", index.pk])
    response = client.post(add_url, story_form("待审的故事", "pending-story", "action-submit"))
    assert response.status_code == 302, response.content.decode()[:2000]
    story = StoryPage.objects.get(slug="pending-story")
    assert not story.live
    assert story.current_workflow_task.name == "初审"

    # Editors cannot publish directly: the publish action is ignored, the page stays a draft.
    client.post(
        reverse("wagtailadmin_pages:edit", args=[story.pk]), story_form("待审的故事", "pending-story", "action-publish")
    )
    story.refresh_from_db()
    assert not story.live

    client.logout()
    assert client.get("/stories/pending-story/").status_code == 404
    assert "待审的故事" not in client.get("/stories/").content.decode()
    assert "待审的故事" not in client.get("/search/?q=待审").content.decode()

    client.force_login(moderator)
    assert approve(client, story).status_code in (200, 302)
    story.refresh_from_db()
    assert not story.live and story.current_workflow_task.name == "终审"
    client.logout()
    assert client.get("/stories/pending-story/").status_code == 404

    client.force_login(moderator)
    approve(client, story)
    story.refresh_from_db()
    assert story.live
    client.logout()
    response = client.get("/stories/pending-story/")
    assert response.status_code == 200
    assert "待审的故事" in response.content.decode()


def test_draft_changes_to_a_live_page_stay_hidden(client, make_user):
    story = StoryPage.objects.get()
    published_title = story.title
    editor = make_user("editor2", "编辑")
    client.force_login(editor)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[story.pk]), story_form("草稿标题", story.slug, "action-submit")
    )
    client.logout()
    html = client.get(story.url).content.decode()
    assert published_title in html
    assert "草稿标题" not in html


def test_scheduled_publishing_goes_live_when_due(client):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    index = StoryIndexPage.objects.get()
    story = StoryPage(title="定时发布的故事", slug="scheduled", lead="定时", body=[], live=False)
    index.add_child(instance=story)
    story.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = story.save_revision()
    revision.publish()
    story.refresh_from_db()
    assert not story.live
    assert client.get("/stories/scheduled/").status_code == 404
    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None
    # Let the clock pass the scheduled time.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    call_command("publish_scheduled", verbosity=0)
    assert client.get("/stories/scheduled/").status_code == 200


def test_preview_works_for_editors(client, make_user):
    editor = make_user("previewer", "编辑")
    client.force_login(editor)
    story = StoryPage.objects.get()
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[story.pk])
    data = story_form("预览标题", story.slug, "action-preview")
    response = client.post(url, data)
    assert response.status_code == 200 and response.json()["is_valid"]
    html = client.get(url).content.decode()
    assert "预览标题" in html
