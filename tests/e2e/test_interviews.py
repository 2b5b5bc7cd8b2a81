"""The demo interview in the browser: a segment's shared address opens the recording at its second, and 播放本段
plays from the segment's start. The suite fails on any console error or CSP violation (conftest.py)."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db

URL = "/oral-history/zhang-guangyi-demo/"
MEDIA = "document.querySelector('[data-interview-sitting] video')"


def played(page, second: float) -> bool:
    """Whether the recording was heard at that second: a jump skips it, playing from the start does not."""
    return page.evaluate(
        f"""(t) => {{ const r = {MEDIA}.played;
                     for (let i = 0; i < r.length; i++) if (r.start(i) <= t && t <= r.end(i)) return true;
                     return false; }}""",
        second,
    )


@pytest.mark.parametrize("address", [URL + "?t=11", URL + "#t=11"])
def test_a_shared_segment_address_opens_the_recording_at_its_second(desktop, address):
    desktop.goto(address)
    desktop.wait_for_function(f"() => {MEDIA}.readyState >= 1 && {MEDIA}.currentTime >= 11", timeout=15_000)
    assert desktop.evaluate(f"{MEDIA}.paused"), "a shared address sets the time; the visitor presses play"
    current = desktop.locator(".segment-index li.is-current")
    expect(current).to_have_count(1)
    expect(current).to_contain_text("2020年春节前夕")
    expect(current).to_have_attribute("aria-current", "time")


def test_play_this_segment_plays_from_its_start(desktop):
    desktop.goto(URL)
    desktop.wait_for_function(f"() => {MEDIA}.readyState >= 1")
    assert desktop.evaluate(f"{MEDIA}.currentTime") == 0
    segment = desktop.locator(".segment-index li").nth(2)  # 两项劳模称号, from 00:08
    button = segment.get_by_role("button", name="播放本段")
    button.focus()
    desktop.keyboard.press("Enter")  # reachable and usable from the keyboard
    desktop.wait_for_function(f"() => {MEDIA}.currentTime >= 8 && !{MEDIA}.paused", timeout=15_000)
    assert not played(desktop, 4), "the player did not jump to 00:08"
    expect(segment).to_have_class(re.compile(r"\bis-current\b"))
    expect(desktop).to_have_url(re.compile(r"/oral-history/zhang-guangyi-demo/\?t=8$"))
    # The captions are on and say what the segment's transcript says.
    desktop.wait_for_function(
        f"""() => {{ const track = {MEDIA}.textTracks[0];
                    return track.mode === 'showing' && track.activeCues && track.activeCues.length
                        && track.activeCues[0].text.includes('全国商业系统劳动模范'); }}"""
    )


def test_site_search_finds_a_segment_and_opens_the_recording_at_its_second(desktop):
    desktop.goto("/search/?q=蔡奇&tab=interview")
    hit = desktop.get_by_role("link", name=re.compile("2020年春节前夕"))
    expect(hit).to_have_count(1)  # the segment itself, not only the interview
    hit.click()
    expect(desktop).to_have_url(re.compile(r"/oral-history/zhang-guangyi-demo/\?t=11$"))
    desktop.wait_for_function(f"() => {MEDIA}.readyState >= 1 && {MEDIA}.currentTime >= 11", timeout=15_000)
    expect(desktop.locator(".segment-index li.is-current")).to_contain_text("2020年春节前夕")


def test_an_editor_sets_a_segments_start_from_the_player(open_context, live, make_user, console_watch):
    from django.urls import reverse

    from media.models import InterviewPage

    from .admin import allow_autosave_refusals, sign_in

    interview = InterviewPage.objects.get(slug="zhang-guangyi-demo")
    user = make_user("bianji-oral", "编辑")
    page = sign_in(open_context("desktop"), live.url, user).new_page()
    allow_autosave_refusals(page, console_watch)
    page.goto(reverse("wagtailadmin_pages:edit", args=[interview.pk]))
    player = "document.querySelector('[data-segment-players] video')"
    page.wait_for_function(f"() => {player}.readyState >= 1")
    page.evaluate(f"{player}.currentTime = 6")
    page.wait_for_function(f"() => Math.floor({player}.currentTime) === 6")
    page.locator('[name="segments-0-start"] + button', has_text="取当前时间").click()
    expect(page.locator('[name="segments-0-start"]')).to_have_value("6")
    # A row added now gets its button too.
    page.get_by_role("button", name=re.compile("增加 段落")).click()
    rows = page.locator("button.segment-cue")
    expect(rows).to_have_count(len(interview.segments.all()) + 1)


@pytest.fixture
def audio_interview(db, tmp_path):
    """An interview recorded as sound only (an M4A), with a segment at 00:06 and captions."""
    from django.core.files import File
    from django.core.files.base import ContentFile

    from wagtailmedia.models import get_media_model

    from media import video
    from media.models import InterviewPage, InterviewSegment, InterviewSitting

    path = tmp_path / "sound-only.m4a"
    video.make_test_clip(str(path), 10, ("#000000", "#000000"), 440, picture=False)
    recording = get_media_model()(title="只有声音的访谈（测试）", type="audio")
    with path.open("rb") as stream:
        recording.file.save(path.name, File(stream), save=False)
    recording.save()
    demo = InterviewPage.objects.get(slug="zhang-guangyi-demo")
    page = InterviewPage(title="只有声音的访谈", slug="sound-only", summary="只有录音，没有画面。")
    captions = "WEBVTT\n\n00:00:00.000 --> 00:00:10.000\n只有声音\n"
    page.sittings = [InterviewSitting(media=recording, captions=ContentFile(captions.encode(), name="sound.vtt"))]
    page.segments = [
        InterviewSegment(sitting=1, start=0, title="开头"),
        InterviewSegment(sitting=1, start=6, title="第六秒的话"),
    ]
    demo.get_parent().add_child(instance=page)
    page.save_revision().publish()
    return page


def test_an_audio_only_interview_plays_a_segment_from_its_start(phone, audio_interview):
    audio = "document.querySelector('[data-interview-sitting] audio')"
    phone.goto(audio_interview.url)
    expect(phone.locator("[data-interview-sitting] video")).to_have_count(0)
    phone.wait_for_function(f"() => {audio}.readyState >= 1")
    segment = phone.locator(".segment-index li", has_text="第六秒的话")
    segment.get_by_role("button", name="播放本段").click()
    phone.wait_for_function(f"() => {audio}.currentTime >= 6 && !{audio}.paused", timeout=15_000)
    expect(segment).to_have_class(re.compile(r"\bis-current\b"))
    overflow = phone.evaluate("document.documentElement.scrollWidth - innerWidth")
    assert overflow <= 0, f"the audio interview scrolls sideways by {overflow}px on a phone"


def test_the_english_interview_page_opens_a_segment_at_its_second(desktop):
    desktop.goto("/en/oral-history/zhang-guangyi-demo/?t=11")
    desktop.wait_for_function(f"() => {MEDIA}.readyState >= 1 && {MEDIA}.currentTime >= 11", timeout=15_000)
    expect(desktop.locator("html")).to_have_attribute("lang", "en")
    button = desktop.locator(".segment-index li").nth(2).get_by_role("button")
    expect(button).to_have_text(re.compile("Play this segment", re.IGNORECASE))
    button.click()
    desktop.wait_for_function(f"() => {MEDIA}.currentTime >= 8 && !{MEDIA}.paused", timeout=15_000)
