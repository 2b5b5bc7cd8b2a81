"""A demo film in the browser, with no system ffmpeg: the clip PyAV made plays in Chromium; a transcript line or a
chapter moves the player there and is highlighted while it plays; a shared #t= link opens the film at that second."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db

VIDEO = "document.querySelector('video')"
CURRENT = re.compile(r"\bis-current\b")


def played(page, second: float) -> bool:
    """Whether the film was shown at that second: a jump skips it, playing from the start does not."""
    return page.evaluate(
        f"""(t) => {{ const r = {VIDEO}.played;
                     for (let i = 0; i < r.length; i++) if (r.start(i) <= t && t <= r.end(i)) return true;
                     return false; }}""",
        second,
    )


def ready(page, path):
    page.goto(path)
    page.wait_for_function(f"() => {VIDEO}.readyState >= 1")
    assert page.evaluate(f"[{VIDEO}.duration, {VIDEO}.videoWidth, {VIDEO}.videoHeight]") == [8, 640, 360]


def test_a_transcript_line_moves_the_player_and_follows_it(desktop):
    ready(desktop, "/films/zhang-guangyi/")
    assert desktop.evaluate(f"{VIDEO}.currentTime") == 0
    lines = desktop.locator("[data-transcript] li")
    expect(lines).to_have_count(4)

    lines.nth(3).get_by_role("link", name="从 00:06 开始播放").click()
    desktop.wait_for_function(f"() => {VIDEO}.currentTime >= 6 && !{VIDEO}.paused", timeout=10_000)
    assert not played(desktop, 3), "the player did not jump to 00:06"
    expect(lines.nth(3)).to_have_class(CURRENT)
    expect(lines.nth(3)).to_have_attribute("aria-current", "time")
    expect(desktop.locator("[data-transcript] li.is-current")).to_have_count(1)
    expect(desktop).to_have_url(re.compile(r"/films/zhang-guangyi/#t=6$"))
    # The Chinese captions are on and say what the transcript says at that moment.
    desktop.wait_for_function(
        f"""() => {{ const track = {VIDEO}.textTracks[0];
                    return track.mode === 'showing' && track.activeCues && track.activeCues.length
                        && track.activeCues[0].text.includes('一生只干一件事'); }}"""
    )

    # Back to an earlier line: the player goes back and the highlight moves with it.
    lines.nth(1).get_by_role("link").click()
    desktop.wait_for_function(
        f"""() => {VIDEO}.currentTime >= 2 && {VIDEO}.currentTime < 4
            && document.querySelectorAll('[data-transcript] li')[1].classList.contains('is-current')"""
    )
    expect(lines.nth(3)).not_to_have_class(CURRENT)


def test_a_chapter_moves_the_player(desktop):
    ready(desktop, "/films/zhang-guangyi/")
    chapter = desktop.locator(".film-chapters li").nth(1)
    chapter.get_by_role("link", name=re.compile("精益求精的工匠精神")).click()
    desktop.wait_for_function(f"() => {VIDEO}.currentTime >= 4 && !{VIDEO}.paused", timeout=10_000)
    assert not played(desktop, 2), "the player did not jump to 00:04"
    expect(chapter).to_have_class(CURRENT)


def test_a_shared_link_opens_the_film_at_that_second(desktop):
    ready(desktop, "/films/wang-yuepeng/#t=4")
    desktop.wait_for_function(f"() => {VIDEO}.currentTime >= 4", timeout=10_000)
    assert desktop.evaluate(f"{VIDEO}.paused"), "a shared link sets the time; the visitor presses play"
    expect(desktop.locator("[data-transcript] li").nth(2)).to_have_class(CURRENT)
    desktop.locator("video").focus()
    desktop.keyboard.press("Space")
    desktop.wait_for_function(f"() => {VIDEO}.currentTime >= 4.5 && !{VIDEO}.paused", timeout=10_000)
    assert not played(desktop, 2), "playback did not start at 00:04"
