"""Films: page tree, validation, the player with captions and chapters, external players, honorees both ways."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtailmedia.models import Media

import pytest

from archive.models import Honoree
from laomo.models import ContentPage, HomePage
from media.demo import load_demo_media
from media.embeds import check_film_url, chinese_player, frame_allowed, watch_url
from media.models import Caption, FilmIndexPage, FilmPage, FilmTheme, GalleryPage, SiteImage
from tests.archive.factories import HonoreeFactory

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
    # These bytes are no film: editors are told (test_admin.py), but visitors still get the player and the file.
    assert film.media_problems()[0].startswith("FFmpeg 无法读取这个文件")


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
    film = FilmPage.objects.get(slug="zhang-guangyi")
    html = client.get(film.url).content.decode()
    assert re.search(r'<video controls preload="metadata" playsinline poster="/uploads/images/[^"]+\.webp"', html)
    assert 'srclang="zh-Hans" label="中文字幕" default>' in html
    assert f'<source src="{film.video.url}" type="video/mp4">' in html
    with film.captions.get().file.open("rb") as stream:
        assert stream.read().decode().startswith("WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n东四南大街103号")


def test_every_demo_film_is_a_checked_clip_and_none_links_to_a_search():
    films = FilmPage.objects.filter(slug__in=["zhang-guangyi", "wang-yuepeng", "master-craftsmen"])
    assert films.count() == 3
    for film in films:
        assert film.embed_url == "" and film.video.type == "video"
        check = film.video_check()
        assert check.found == "H.264 视频 + AAC 音频，640×360，8 秒", film.title
        assert film.media_problems() == []
        assert film.duration.total_seconds() == 8 and film.poster.width == 640
        assert film.captions.get().language == "zh-Hans"
    assert not FilmPage.objects.filter(embed_url__contains="search").exists()


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
    assert chinese_player("https://www.iqiyi.com/v_19rr7qhfg0.html").src == ""  # iQIYI may not be framed: a link
    assert frame_allowed('<iframe src="https://player.bilibili.com/player.html?bvid=x"></iframe>')
    assert not frame_allowed('<iframe src="https://www.youtube.com/embed/x"></iframe>')  # not in frame-src


def test_external_film_with_a_known_player_is_embedded(client, make_film):
    film = make_film("外部影片", "external", embed_url="https://m.bilibili.com/video/BV1xx411c7mD?share_source=copy")
    html = client.get(film.url).content.decode()
    assert '<iframe src="https://player.bilibili.com/player.html?bvid=BV1xx411c7mD&amp;page=1&amp;autoplay=0"' in html
    # "Open on Bilibili" opens the film itself, rebuilt from its id (no tracking parameters, never a search).
    assert '<a href="https://www.bilibili.com/video/BV1xx411c7mD/" rel="noopener noreferrer">在哔哩哔哩打开</a>' in html
    assert "<video" not in html


@pytest.mark.parametrize(
    ("url", "watch"),
    [
        ("https://www.bilibili.com/video/BV1xx411c7mD", "https://www.bilibili.com/video/BV1xx411c7mD/"),
        (
            "http://bilibili.com/video/BV1xx411c7mD/?p=3&spm_id_from=333",
            "https://www.bilibili.com/video/BV1xx411c7mD/?p=3",
        ),
        ("https://www.bilibili.com/video/av170001", "https://www.bilibili.com/video/av170001/"),
        (
            "https://v.qq.com/x/cover/mzc00200abc/t0033xyz9ab.html?ptag=x",
            "https://v.qq.com/x/cover/mzc00200abc/t0033xyz9ab.html",
        ),
        ("https://v.qq.com/x/page/a0000000001.html", "https://v.qq.com/x/page/a0000000001.html"),
        (
            "https://v.youku.com/v_show/id_XNDg1MjQ3MjA4NA==.html?spm=a2h",
            "https://v.youku.com/v_show/id_XNDg1MjQ3MjA4NA==.html",
        ),
        ("https://iqiyi.com/v_19rr7qhfg0.html", "https://www.iqiyi.com/v_19rr7qhfg0.html"),
        (
            "https://tv.cctv.com/2020/05/01/VIDEabcdefghij0123456789.shtml",
            "https://tv.cctv.com/2020/05/01/VIDEabcdefghij0123456789.shtml",
        ),
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),  # oEmbed
    ],
)
def test_a_film_address_is_accepted_and_rebuilt_from_its_id(url, watch):
    check_film_url(url)
    assert watch_url(url) == watch


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "https://search.bilibili.com/all?keyword=%E5%BC%A0%E5%B9%BF%E4%B9%89",
            "这是哔哩哔哩的搜索结果页，不是一部影片。请打开影片本身，复制浏览器地址栏里的网址，"
            "如 https://www.bilibili.com/video/BV1xx411c7mD",
        ),
        (
            "https://v.qq.com/x/search/?q=劳模",
            "这是腾讯视频的搜索结果页，不是一部影片。请打开影片本身，复制浏览器地址栏里的网址，"
            "如 https://v.qq.com/x/page/a0000000000.html",
        ),
        (
            "https://so.youku.com/search_video/q_劳模",
            "这是优酷的搜索结果页，不是一部影片。请打开影片本身，复制浏览器地址栏里的网址，"
            "如 https://v.youku.com/v_show/id_XNDg1MjQ3MjA4NA==.html",
        ),
        (
            "https://space.bilibili.com/12345",
            "这不是哔哩哔哩上单个视频的网址。请打开影片，复制浏览器地址栏里的网址，"
            "如 https://www.bilibili.com/video/BV1xx411c7mD",
        ),
        (
            "https://b23.tv/AbCdEf",
            "哔哩哔哩的短链接（b23.tv）无法核对是哪部影片：请在浏览器里打开它，复制跳转后的网址，"
            "如 https://www.bilibili.com/video/BV1xx411c7mD",
        ),
        (
            "https://example.org/films/1",
            "无法核对这个网址是不是一部影片。请填写哔哩哔哩、腾讯视频、优酷、爱奇艺或央视网上单个视频的网址"
            "（或 YouTube、Vimeo 等提供 oEmbed 的网站），或者在“视频文件”里上传视频。",
        ),
    ],
)
def test_an_address_that_is_not_one_film_is_refused_with_the_reason(film_index, url, message):
    with pytest.raises(ValidationError) as error:
        check_film_url(url)
    assert error.value.messages == [message]
    film = FilmPage(title="搜索页", slug="search-page", summary="简介", embed_url=url)
    with pytest.raises(ValidationError) as error:
        film.clean()
    assert error.value.message_dict == {"embed_url": [message]}


def test_external_film_without_player_is_a_link_to_the_film(client, make_film):
    film = make_film(
        "只能链接的影片",
        "link-only",
        embed_url="https://www.iqiyi.com/v_19rr7qhfg0.html?vfrm=pcw_home",
        transcript="00:05 没有播放器时时间是文字",
    )
    html = client.get(film.url).content.decode()
    assert "<iframe" not in html
    assert (
        '<a class="button" href="https://www.iqiyi.com/v_19rr7qhfg0.html" rel="noopener noreferrer">'
        "到爱奇艺观看《只能链接的影片》</a>" in html
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


def test_demo_films_made_without_a_clip_get_one(film_index):
    """A database loaded by the version that linked to a Bilibili search when ffmpeg was missing is repaired."""
    import io

    class Command:
        stdout = io.StringIO()

    film = FilmPage.objects.get(slug="wang-yuepeng")
    drawn = SiteImage.objects.create(
        title="《守护小汤山的灯火》海报（示意）", file=film.poster.file, description="示意"
    )
    FilmPage.objects.filter(pk=film.pk).update(
        video=None, poster=drawn, embed_url="https://search.bilibili.com/all?keyword=%E7%8E%8B%E6%9C%88%E9%B9%8F"
    )
    Caption.objects.filter(page=film).delete()
    load_demo_media(Command())
    film.refresh_from_db()
    assert film.embed_url == "" and film.video.title == "演示片段：守护小汤山的灯火（测试画面）"
    assert film.poster.title == "《守护小汤山的灯火》视频截图" and film.live
    assert film.captions.get().label == "中文字幕"
    assert film.get_latest_revision().content["embed_url"] == ""
    assert "新建 0 部，为 1 部换上演示视频" in Command.stdout.getvalue()


def test_film_pages_are_in_the_page_tree_under_home():
    index = FilmIndexPage.objects.get()
    assert index.get_parent().specific_class is HomePage
    assert Page.objects.type(FilmPage).child_of(index).count() >= 3
