"""Films: page tree, validation, the player with captions and chapters, external players, honorees both ways."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtailmedia.models import Media

from archive.models import Honoree
from laomo.models import ContentPage, HomePage
from media.demo import load_demo_media
from media.embeds import chinese_player, frame_allowed
from media.models import Caption, FilmIndexPage, FilmPage, FilmTheme, GalleryPage
from tests.factories import HonoreeFactory

pytestmark = pytest.mark.django_db


class TestPageTree(WagtailPageTestCase):
    def test_films_live_under_the_one_films_index(self):
        self.assertAllowedParentPageTypes(FilmIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(FilmIndexPage, {FilmPage})
        self.assertAllowedParentPageTypes(FilmPage, {FilmIndexPage})
        self.assertAllowedSubpageTypes(FilmPage, set())
        self.assertCanNotCreateAt(ContentPage, FilmPage)
        self.assertCanNotCreateAt(HomePage, FilmPage)
        self.assertFalse(FilmIndexPage.can_create_at(HomePage.objects.get()))  # max_count = 1, the demo has it

    def test_galleries_live_under_home(self):
        self.assertAllowedParentPageTypes(GalleryPage, {HomePage})
        self.assertCanCreateAt(HomePage, GalleryPage)
        self.assertAllowedSubpageTypes(GalleryPage, set())


def test_exactly_one_of_video_and_external_url(film_index):
    film = FilmPage(title="无片源", slug="no-source", summary="简介")
    with pytest.raises(ValidationError) as error:
        film.clean()
    assert error.value.message_dict["video"] == ["请选择上传的视频文件，或填写外部视频网址（二选一）。"]
    assert error.value.message_dict["embed_url"] == ["请选择上传的视频文件，或填写外部视频网址（二选一）。"]

    demo_video = FilmPage.objects.exclude(video=None).first()
    if demo_video is None:
        pytest.skip("没有安装 ffmpeg，演示内容里没有上传的视频。")
    film = FilmPage(
        title="两个片源",
        slug="two",
        summary="简介",
        video=demo_video.video,
        embed_url="https://v.qq.com/x/page/a0000000000.html",
    )
    with pytest.raises(ValidationError) as error:
        film.clean()
    assert error.value.message_dict["video"] == ["视频文件和外部视频网址只能填一个：请清空其中一个。"]


def test_transcript_and_chapter_errors_are_field_errors(film_index):
    film = FilmPage(
        title="格式错误",
        slug="bad-lines",
        summary="简介",
        embed_url="https://www.bilibili.com/video/BV1xx411c7mD",
        transcript="00:10 好\n00:99 坏",
        chapters="没有时间",
    )
    with pytest.raises(ValidationError) as error:
        film.clean()
    assert error.value.message_dict == {
        "transcript": ["第 2 行：时间“00:99”的秒数应小于 60。"],
        "chapters": ["第 1 行：每一章应以时间开头，如“00:00 开篇”。"],
    }


def test_film_page_plays_with_captions_chapters_and_a_seekable_transcript(client, make_film):
    clip = Media(title="测试视频", type="video", duration=8, width=640, height=360)
    clip.file.save("clip.mp4", ContentFile(b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"), save=False)
    clip.save()
    film = make_film(
        "字幕与章节",
        "captions-and-chapters",
        video=clip,
        embed_url="",
        duration=datetime.timedelta(seconds=8),
        chapters="00:00 东四南大街103号\n00:04 精益求精的工匠精神",
        transcript="00:00 东四南大街103号。\n00:06 “一生只干一件事，而且干到最好。”",
        publish=False,
    )
    for language, label in (("zh-Hans", "中文字幕"), ("en", "English")):
        film.captions.add(
            Caption(
                language=language,
                label=label,
                file=ContentFile(b"WEBVTT\n\n00:00.000 --> 00:02.000\nHi\n", name="c.vtt"),
            )
        )
    film.save_revision().publish()
    html = client.get("/films/captions-and-chapters/").content.decode()
    assert '<video controls preload="metadata" playsinline width="640" height="360"' in html  # same origin
    assert f'<source src="{clip.url}" type="video/mp4">' in html
    tracks = re.findall(r"<track [^>]+>", html)
    assert len(tracks) == 2
    assert 'kind="captions"' in tracks[0] and 'srclang="zh-Hans" label="中文字幕" default>' in tracks[0]
    assert 'srclang="en" label="English">' in tracks[1]  # only the first track is on by default
    assert '<li><a href="#t=4" data-seek="4.0"><time datetime="PT0M4S">00:04</time> 精益求精的工匠精神</a></li>' in html
    assert 'href="#t=6" data-seek="6.0" aria-label="从 00:06 开始播放"' in html
    assert "“一生只干一件事，而且干到最好。”" in html
    assert "media/player.js" in html
    assert '"@type": "VideoObject"' in html and '"duration": "PT0M8S"' in html


def test_captions_from_another_origin_ask_for_cors(client, make_film, settings):
    settings.MEDIA_URL = "https://media.example.cn/uploads/"  # as with AWS_S3_CUSTOM_DOMAIN
    clip = Media(title="远端视频", type="video")
    clip.file.save("remote.mp4", ContentFile(b"\x00\x00\x00\x18ftypmp42"), save=False)
    clip.save()
    film = make_film("远端字幕", "remote-captions", video=clip, embed_url="", publish=False)
    film.captions.add(Caption(language="zh-Hans", label="中文字幕", file=ContentFile(b"WEBVTT\n", name="r.vtt")))
    film.save_revision().publish()
    html = client.get("/films/remote-captions/").content.decode()
    assert '<video controls preload="metadata" playsinline crossorigin="anonymous"' in html
    assert 'src="https://media.example.cn/uploads/captions/' in html


def test_demo_film_with_a_generated_clip_has_poster_and_captions(client):
    film = FilmPage.objects.exclude(video=None).filter(slug="zhang-guangyi").first()
    if film is None:
        pytest.skip("没有安装 ffmpeg，演示影片使用外部链接（见 test_external_film_without_player_is_a_link）。")
    html = client.get(film.url).content.decode()
    assert re.search(r'<video controls preload="metadata" playsinline poster="/uploads/images/[^"]+\.webp"', html)
    assert 'srclang="zh-Hans" label="中文字幕" default>' in html
    with film.captions.get().file.open("rb") as stream:
        assert stream.read().decode().startswith("WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n东四南大街103号")


def test_bilibili_tencent_and_youku_players_are_built_without_a_network():
    assert chinese_player("https://www.bilibili.com/video/BV1xx411c7mD?p=2").src == (
        "https://player.bilibili.com/player.html?bvid=BV1xx411c7mD&page=2&autoplay=0"
    )
    assert chinese_player("https://v.qq.com/x/cover/mzc00200abc/t0033xyz9ab.html").src == (
        "https://v.qq.com/txp/iframe/player.html?vid=t0033xyz9ab"
    )
    assert chinese_player("https://v.youku.com/v_show/id_XNDg1MjQ3MjA4NA==.html").src == (
        "https://player.youku.com/embed/XNDg1MjQ3MjA4NA=="
    )
    assert chinese_player("https://example.org/video/1") is None
    assert frame_allowed('<iframe src="https://player.bilibili.com/player.html?bvid=x"></iframe>')
    assert not frame_allowed('<iframe src="https://www.youtube.com/embed/x"></iframe>')  # not in frame-src


def test_external_film_with_a_known_player_is_embedded(client, make_film):
    film = make_film("外部影片", "external", embed_url="https://www.bilibili.com/video/BV1xx411c7mD")
    html = client.get(film.url).content.decode()
    assert '<iframe src="https://player.bilibili.com/player.html?bvid=BV1xx411c7mD&amp;page=1&amp;autoplay=0"' in html
    assert "在哔哩哔哩打开" in html
    assert "<video" not in html


def test_external_film_without_player_is_a_link(client, make_film):
    film = make_film(
        "只能链接的影片",
        "link-only",
        embed_url="https://example.org/films/1",
        transcript="00:05 没有播放器时时间是文字",
    )
    html = client.get(film.url).content.decode()
    assert "<iframe" not in html
    assert (
        '<a class="button" href="https://example.org/films/1" rel="noopener noreferrer">到example.org观看《只能链接的影片》</a>'
        in html
    )
    assert '<time class="seek" datetime="PT0M5S">00:05</time>' in html  # no player here to seek
    assert "data-seek" not in html


def test_film_links_to_its_public_honorees_only(client, make_film):
    public = Honoree.objects.get(external_id="SRC-0002")
    withdrawn = HonoreeFactory(name="撤下的劳模", withdrawn=True)
    film = make_film("人物测试", "people", honorees=[public, withdrawn])
    html = client.get(film.url).content.decode()
    assert '<a href="/dictionary/SRC-0002/">王月鹏</a>' in html
    assert "撤下的劳模" not in html
    assert list(film.public_honorees()) == [public]


def test_entry_page_lists_the_honorees_films(client, make_film):
    honoree = Honoree.objects.get(external_id="SRC-0004")
    make_film("流调指挥长", "flow-investigation", honorees=[honoree])
    make_film("未发布的影片", "draft-film", honorees=[honoree], publish=False)
    html = client.get(honoree.get_absolute_url()).content.decode()
    assert '<h2 id="entry-films-heading">劳模微电影</h2>' in html
    assert 'href="/films/flow-investigation/"' in html
    assert "未发布的影片" not in html


def test_entry_page_without_films_has_no_film_section(client):
    honoree = HonoreeFactory(name="没有影片的劳模")
    html = client.get(honoree.get_absolute_url()).content.decode()
    assert "entry-films-heading" not in html


def test_home_page_shows_the_latest_films_and_hides_the_block_without_films(client, make_film):
    make_film("最新的影片", "newest")
    html = client.get("/").content.decode()
    assert '<h2 id="home-films-heading">劳模微电影</h2>' in html
    assert 'href="/films/newest/"' in html
    for film in FilmPage.objects.live():
        film.unpublish()
    assert "home-films-heading" not in client.get("/").content.decode()


def test_demo_content_is_idempotent_and_labelled(film_index):
    import io

    class Command:
        stdout = io.StringIO()

    before = (FilmPage.objects.count(), FilmTheme.objects.count(), Caption.objects.count(), GalleryPage.objects.count())
    load_demo_media(Command())
    assert (
        FilmPage.objects.count(),
        FilmTheme.objects.count(),
        Caption.objects.count(),
        GalleryPage.objects.count(),
    ) == before
    films = FilmPage.objects.child_of(film_index)
    assert {film.slug for film in films} >= {"zhang-guangyi", "wang-yuepeng", "master-craftsmen"}
    assert all(film.summary.startswith("演示片段（程序生成的测试画面与提示音，并非真实的劳模微电影") for film in films)
    assert all(film.poster_id for film in films)
    assert "新建 0 部" in Command.stdout.getvalue()


def test_film_pages_are_in_the_page_tree_under_home():
    index = FilmIndexPage.objects.get()
    assert index.get_parent().specific_class is HomePage
    assert Page.objects.type(FilmPage).child_of(index).count() >= 3
