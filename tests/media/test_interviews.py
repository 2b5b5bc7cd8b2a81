"""Oral history: the page tree, publishing rules, who sees what (sentinels), the player and its ?t= start, citations,
downloads, the editors' import with line-numbered errors, the dictionary's entry section and the demo."""

import datetime
import io
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data

import pytest

from archive.models import Honoree
from laomo.models import ContentPage, HomePage
from laomo.views import serve_upload
from media.interview_demo import INTERVIEW, load_demo_interview
from media.interviews import access, ohms
from media.interviews.citation import segment_citation
from media.interviews.public import public_segments
from media.models import InterviewIndexPage, InterviewPage, InterviewSegment, InterviewSitting
from media.models import interviews as interview_models
from search.engine import embedded_engine
from search.indexing import queue_pages_changed_by_the_date
from search.models import SearchDocument

pytestmark = pytest.mark.django_db

DEMO_URL = "/oral-history/zhang-guangyi-demo/"
VTT = "WEBVTT\n\n00:00:00.000 --> 00:00:05.000\nPUBLIC-CAPTION\n"
TODAY = datetime.date(2025, 6, 1)


@pytest.fixture
def demo():
    return InterviewPage.objects.get(slug=INTERVIEW["slug"])


@pytest.fixture
def make_interview(demo):
    """Publish an interview under the demo's index, using the demo's recording; segments as dicts."""
    index = demo.get_parent()
    recording = demo.sittings.first().media

    def make(slug, segments=(), *, sittings=1, captions=True, honorees=(), publish=True, **fields):
        fields.setdefault("summary", f"{slug} 的提要")
        page = InterviewPage(title=f"访谈 {slug}", slug=slug, **fields)
        page.honorees = list(honorees)
        page.sittings = [
            InterviewSitting(
                media=recording,
                captions=ContentFile(VTT.encode(), name=f"{slug}-{n}.vtt") if captions else None,
            )
            for n in range(1, sittings + 1)
        ]
        made = []
        for spec in segments:
            mentioned = spec.pop("honorees", [])
            segment = InterviewSegment(**spec)
            segment.honorees = mentioned
            made.append(segment)
        page.segments = made
        page.live = publish
        index.add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
        return InterviewPage.objects.get(pk=page.pk)

    return make


class TestPageTree(WagtailPageTestCase):
    def test_interviews_live_under_the_one_oral_history_index(self):
        self.assertAllowedParentPageTypes(InterviewIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(InterviewIndexPage, {InterviewPage})
        self.assertAllowedParentPageTypes(InterviewPage, {InterviewIndexPage})
        self.assertAllowedSubpageTypes(InterviewPage, set())
        self.assertCanNotCreateAt(ContentPage, InterviewPage)
        self.assertFalse(InterviewIndexPage.can_create_at(HomePage.objects.get()))  # max_count = 1, the demo has it


# --- the demo -------------------------------------------------------------------------------------------------
def test_demo_interview_is_labelled_short_captioned_and_indexed(client, demo):
    assert demo.live and demo.summary.startswith("演示（并非真实访谈）")
    sitting = demo.sittings.get()
    assert sitting.media.type == "video" and 15 <= sitting.duration <= 20  # read from the file with PyAV
    assert sitting.captions.read().decode().startswith("WEBVTT")
    segments = list(demo.segments.order_by("start"))
    assert 4 <= len(segments) <= 6
    assert any("东四南大街103号" in s.transcript for s in segments)
    assert [h.external_id for h in segments[0].honorees.all()] == ["SRC-0001"]
    html = client.get(DEMO_URL).content.decode()
    assert "演示（并非真实访谈）" in html


def test_demo_is_idempotent(demo):
    class Quiet:
        class stdout:  # noqa: N801 - stands in for a command's stdout
            write = staticmethod(lambda text: None)

    load_demo_interview(Quiet())
    load_demo_interview(Quiet())
    assert InterviewPage.objects.count() == 1
    assert InterviewIndexPage.objects.count() == 1
    assert demo.segments.count() == len(list(InterviewPage.objects.get().segments.all()))


# --- the public page ------------------------------------------------------------------------------------------
def test_page_has_player_with_captions_segment_index_buttons_downloads_and_citation(client, demo):
    response = client.get(DEMO_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'<video controls preload="metadata"[^>]*>', html)
    assert '<track kind="captions" src="/oral-history/zhang-guangyi-demo/captions/1/" srclang="zh-Hans"' in html
    assert html.count("播放本段") == demo.segments.count()
    assert 'href="/oral-history/zhang-guangyi-demo/?t=11"' in html
    assert 'src="/static/media/interview.js"' in html and "<script>" not in html and " onclick=" not in html
    assert 'href="/oral-history/zhang-guangyi-demo/transcript/" download' in html
    assert 'href="/oral-history/zhang-guangyi-demo/captions/1/" download' in html
    assert "劳模数字展馆（演示）访谈. 演示访谈：东四南大街103号的修笔人[Z/OL]." in html
    assert "演示访谈：东四南大街103号的修笔人：2020年春节前夕（00:00:11起）[Z/OL]." in html


def test_t_parameter_starts_the_player_there_and_marks_the_segment(client, demo):
    html = client.get(DEMO_URL + "?t=12").content.decode()
    assert 'data-start="12"' in html
    assert '<source src="/oral-history/zhang-guangyi-demo/recording/1/#t=12"' in html
    current = re.findall(
        r'<li id="segment-\d+" data-segment-start="(\d+)" class="is-current" aria-current="time">', html
    )
    assert current == ["11"]  # the segment that was playing at 12 seconds


@pytest.mark.parametrize("query", ["?t=abc", "?t=-5", "?t=99999999", "?t=１２", "?s=9&t=12"])
def test_a_bad_t_or_sitting_is_ignored(client, query):
    response = client.get(DEMO_URL + query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-start=" not in html and "#t=" not in html and "is-current" not in html


def test_transcript_and_captions_downloads(client, demo):
    response = client.get(DEMO_URL + "transcript/")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="zhang-guangyi-demo.txt"'
    text = response.content.decode()
    assert text.startswith("演示访谈：东四南大街103号的修笔人\n受访者：张广义\n")
    assert "[00:00:11] 2020年春节前夕\n" in text
    vtt = client.get(DEMO_URL + "captions/1/")
    assert vtt["Content-Type"] == "text/vtt; charset=utf-8" and vtt.content.decode().startswith("WEBVTT")
    assert client.get(DEMO_URL + "captions/2/").status_code == 404


def test_citation_follows_gbt_7714_with_the_time_stamp():
    cited = segment_citation(
        site="劳模数字展馆",
        title="修笔人访谈",
        segment_title="两项劳模称号",
        sitting=2,
        sittings=2,
        start=754,
        narrators=["张广义"],
        interviewer="李明",
        recorded=datetime.date(2024, 5, 1),
        url="https://laomo.example.cn/oral-history/x/?s=2&t=754",
        today=datetime.date(2025, 6, 1),
    )
    assert cited == (
        "张广义口述, 李明访谈. 修笔人访谈：两项劳模称号（第2场 00:12:34起）[Z/OL]. 劳模数字展馆, (2024-05-01)"
        "[2025-06-01]. https://laomo.example.cn/oral-history/x/?s=2&t=754."
    )


# --- access rules ---------------------------------------------------------------------------------------------
SENTINEL_SEGMENTS = [
    {"start": 0, "title": "PUBLIC-TITLE", "transcript": "PUBLIC-WORDS", "sitting": 1},
    {
        "start": 5,
        "title": "CLOSED-TITLE",
        "synopsis": "CLOSED-SYNOPSIS",
        "transcript": "CLOSED-WORDS",
        "sitting": 1,
        "access": access.CLOSED,
        "closed_until": datetime.date(2099, 1, 1),
    },
    {
        "start": 9,
        "title": "ONSITE-TITLE",
        "keywords": "ONSITE-KEYWORD",
        "transcript": "ONSITE-WORDS",
        "sitting": 2,
        "access": access.ON_SITE,
    },
    {"start": 3, "title": "SECOND-PUBLIC", "transcript": "SECOND-WORDS", "sitting": 3},
]
WITHHELD = ["CLOSED-TITLE", "CLOSED-SYNOPSIS", "CLOSED-WORDS", "ONSITE-TITLE", "ONSITE-KEYWORD", "ONSITE-WORDS"]


def test_closed_and_on_site_segments_never_reach_a_public_answer(client, make_interview):
    zhang = Honoree.objects.get(external_id="SRC-0001")
    specs = [dict(spec, honorees=[zhang]) for spec in SENTINEL_SEGMENTS]
    page = make_interview("sentinels", specs, sittings=3, interviewer="访谈人甲")
    answers = [
        client.get(page.url).content.decode(),
        client.get(page.url + "?t=5").content.decode(),
        client.get(page.url + "transcript/").content.decode(),
        client.get("/oral-history/").content.decode(),
        client.get("/dictionary/SRC-0001/").content.decode(),
        page.public_text(),
        repr(list(public_segments())),
    ]
    # Search (both its index and what it answers, on the page and in the API) and the sitemap, too.
    engine = embedded_engine()
    engine.index_page(page)
    answers += [
        repr(list(SearchDocument.objects.filter(object_id=page.pk).values())),
        client.get("/api/search/", {"q": "words"}).content.decode(),
        client.get("/search/", {"q": "words", "tab": "interview"}).content.decode(),
        client.get("/sitemap-pages.xml").content.decode(),
    ]
    for answer in answers:
        for sentinel in WITHHELD:
            assert sentinel not in answer
    found = [hit["url"] for hit in client.get("/api/search/", {"q": "public words"}).json()["results"]]
    assert {f"http://testserver{page.url}?t=0", f"http://testserver{page.url}?s=3&t=3"} <= set(
        found
    )  # at their seconds
    html = answers[0]
    assert "PUBLIC-TITLE" in html and "SECOND-PUBLIC" in html and "PUBLIC-WORDS" in answers[2]
    # Sittings 1 and 2 hold a withheld segment: their recordings and captions stay off the page; sitting 3 plays.
    assert html.count("<video") == 1 and 'data-sitting="3"' in html
    assert client.get(page.url + "captions/1/").status_code == 404
    assert client.get(page.url + "captions/2/").status_code == 404
    assert client.get(page.url + "captions/3/").status_code == 200
    assert client.get(page.url + "recording/1/").status_code == 404
    assert client.get(page.url + "recording/3/").status_code == 200
    assert "只公开文字的段落" in html  # PUBLIC-TITLE, from sitting 1: read, not played
    assert "另有 2 个段落按授权暂不公开。" in html
    assert {s.title for s in public_segments() if s.page_id == page.pk} == {"PUBLIC-TITLE", "SECOND-PUBLIC"}


def test_a_closed_interview_shows_its_title_only_until_the_date(client, make_interview):
    page = make_interview(
        "closed",
        [{"start": 0, "title": "SEGMENT-OF-CLOSED", "transcript": "WORDS-OF-CLOSED"}],
        access=access.CLOSED,
        closed_until=datetime.date(2099, 12, 31),
        summary="SUMMARY-OF-CLOSED",
        interviewer="INTERVIEWER-OF-CLOSED",
    )
    html = client.get(page.url).content.decode()
    assert "访谈 closed" in html and "2099-12-31 前不公开" in html
    for sentinel in ("SUMMARY-OF-CLOSED", "INTERVIEWER-OF-CLOSED", "SEGMENT-OF-CLOSED", "WORDS-OF-CLOSED", "<video"):
        assert sentinel not in html
    assert client.get(page.url + "transcript/").status_code == 404
    assert page.public_text() == "" and page.share_description == "" and page.search_moments() == []
    assert page.url not in client.get("/sitemap-pages.xml").content.decode()  # not even its address
    # On the day the closure ends, everything is public.
    assert access.interview_level(page, datetime.date(2099, 12, 31)) == access.PUBLIC
    assert [s.title for s in page.public_view(datetime.date(2100, 1, 1)).segments] == ["SEGMENT-OF-CLOSED"]


def test_an_on_site_interview_shows_its_description_but_no_recording_or_words(client, make_interview):
    page = make_interview(
        "onsite", [{"start": 0, "title": "ONSITE-SEGMENT", "transcript": "ONSITE-TRANSCRIPT"}], access=access.ON_SITE
    )
    html = client.get(page.url).content.decode()
    assert "onsite 的提要" in html and "仅限到馆现场查阅" in html
    for sentinel in ("ONSITE-SEGMENT", "ONSITE-TRANSCRIPT", "<video", "<audio", "captions/1/", "transcript/"):
        assert sentinel not in html


def test_recordings_play_from_the_page_with_byte_ranges_and_their_upload_addresses_answer_the_admin_only(
    client, demo, make_user, django_assert_num_queries
):
    sitting = demo.sittings.get()
    whole = client.get(DEMO_URL + "recording/1/")
    assert whole.status_code == 200 and whole["Accept-Ranges"] == "bytes"
    size = int(whole["Content-Length"])
    part = client.get(DEMO_URL + "recording/1/", headers={"Range": "bytes=100-199"})
    assert part.status_code == 206 and part["Content-Range"] == f"bytes 100-199/{size}"
    assert client.get(DEMO_URL + "recording/2/").status_code == 404
    # Where the app serves /uploads/ itself, an interview's files are not read past the page's access rules.
    with django_assert_num_queries(0):  # pictures, the most served uploads, cost no query
        assert not InterviewSitting.withholds_upload("images/portrait.width-480.webp")
    visitor, editor = make_user("visitor"), make_user("editor", "编辑")
    for name in (sitting.media.file.name, sitting.captions.name):
        request = RequestFactory().get("/uploads/" + name)
        request.user = visitor
        with pytest.raises(Http404):
            serve_upload(request, name, document_root=settings.MEDIA_ROOT)
        request.user = editor
        assert serve_upload(request, name, document_root=settings.MEDIA_ROOT).status_code == 200


def test_a_segment_is_seen_at_the_stricter_level():
    class Item:
        def __init__(self, access_, until=None):
            self.access, self.closed_until, self.sitting = access_, until, 1

    on = TODAY
    assert access.segment_level(Item(access.PUBLIC), Item(access.ON_SITE), on) == access.ON_SITE
    assert access.segment_level(Item(access.ON_SITE), Item(access.PUBLIC), on) == access.ON_SITE
    assert access.segment_level(Item(access.PUBLIC), Item(access.CLOSED, on), on) == access.PUBLIC  # ends today
    assert access.segment_level(Item(access.PUBLIC), Item("nonsense"), on) == access.CLOSED


# --- publishing -----------------------------------------------------------------------------------------------
def test_publishing_needs_captions_for_every_sitting_unless_there_is_no_speech(make_interview):
    with pytest.raises(ValidationError) as error:
        make_interview("uncaptioned", sittings=2, captions=False)
    assert "第1场没有字幕，访谈不能发布" in str(error.value) and "第2场没有字幕" in str(error.value)
    draft = make_interview("uncaptioned-draft", captions=False, publish=False)
    assert not draft.live  # a draft may lack them
    assert make_interview("music-only", captions=False, no_speech=True).live


def test_closed_needs_a_date_and_segments_need_an_existing_sitting(demo):
    demo.access = access.CLOSED
    demo.segments.add(InterviewSegment(sitting=3, start=0, title="第三场"))
    with pytest.raises(ValidationError) as error:
        demo.full_clean()
    assert error.value.message_dict["closed_until"] == ["选“到期前不公开”时，请填写到哪一天为止。"]
    assert error.value.message_dict["__all__"] == ["有段落属于第3场，但访谈只有 1 场。"]


def test_the_admin_form_refuses_to_publish_an_uncaptioned_sitting(client, make_user, make_interview):
    page = make_interview("form-check", captions=False, publish=False)
    client.force_login(make_user("editor-a", superuser=True))
    sitting = page.sittings.get()
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": page.summary,
            "language": "普通话",
            "access": access.PUBLIC,
            "sittings": inline_formset([{"id": sitting.pk, "media": sitting.media_id}], initial=1),
            "segments": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 200
    assert "第1场没有字幕，访谈不能发布" in response.content.decode()
    assert not InterviewPage.objects.get(pk=page.pk).live


# --- the editors' import --------------------------------------------------------------------------------------
def test_csv_rows_accept_seconds_and_clocks_and_a_header():
    rows = ohms.parse_csv(
        'start,title,synopsis,keywords,transcript\n754,修笔,,钢笔；手艺,\n0:00:05,开头,摘要,,"一句，话"\n'.encode()
    )
    assert [(r.start, r.title, r.keywords, r.line) for r in rows] == [
        (5, "开头", [], 3),
        (754, "修笔", ["钢笔", "手艺"], 2),
    ]
    assert rows[0].transcript == "一句，话"
    assert ohms.parse_csv("12:34,GBK 标题\n".encode("gb18030"))[0].start == 754


def test_csv_errors_are_line_numbered_in_chinese():
    with pytest.raises(ohms.IndexFileError) as error:
        ohms.parse_csv('start,title\n0,开头\n1:2x,坏时间\n5,\n"多行\n文字",x\n'.encode())
    assert error.value.problems == [
        "第3行：开始时间“1:2x”无法识别（应为秒数，如 754，或 时:分:秒，如 0:12:34）。",
        "第4行：缺少标题。",
        "第5行：开始时间“多行\n文字”无法识别（应为秒数，如 754，或 时:分:秒，如 0:12:34）。",
    ]


def test_ohms_xml_is_read_and_its_errors_name_the_line():
    xml = (
        "<?xml version='1.0' encoding='UTF-8'?>\n<ROOT><record><index>\n"
        "<point><time>754</time><title>修笔</title><partial_transcript>一句</partial_transcript>"
        "<keywords>钢笔;手艺</keywords><synopsis>摘要</synopsis></point>\n"
        "<point><time>abc</time><title>坏</title></point>\n"
        "</index></record></ROOT>\n"
    )
    with pytest.raises(ohms.IndexFileError) as error:
        ohms.parse_index(xml.encode(), "index.xml")
    assert error.value.problems == ["第4行：开始时间“abc”无法识别（应为秒数，如 754，或 时:分:秒，如 0:12:34）。"]
    rows = ohms.parse_index(xml.replace("abc", "0:13:00").encode(), "index.xml")
    assert [(r.start, r.title, r.keywords, r.transcript, r.synopsis) for r in rows] == [
        (754, "修笔", ["钢笔", "手艺"], "一句", "摘要"),
        (780, "坏", [], "", ""),
    ]
    with pytest.raises(ohms.IndexFileError) as error:
        ohms.parse_index(b"<ROOT>\n<point>\n</ROOT>", "broken.xml")
    assert error.value.problems[0].startswith("第3行：XML 格式有误")
    with pytest.raises(ohms.IndexFileError) as error:
        ohms.parse_index(b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "b">]><x/>', "evil.xml")
    assert error.value.problems == ["第2行：不接受 DOCTYPE 声明，请删除后再导入。"]


def test_the_import_view_saves_nothing_on_an_error_and_a_draft_otherwise(client, make_user, demo):
    client.force_login(make_user("editor-b", superuser=True))
    url = reverse("media_interview_import", args=[demo.pk])
    revisions = demo.revisions.count()
    bad = SimpleUploadedFile("index.csv", "0,开头\n1:2x,坏\n".encode())
    response = client.post(url, {"sitting": 1, "mode": "replace", "index_file": bad})
    assert response.status_code == 200
    assert "第2行：开始时间“1:2x”无法识别" in response.content.decode()
    assert demo.revisions.count() == revisions

    bad_captions = SimpleUploadedFile("c.srt", "1\n00:00:01,000 --> 00:00:00,500\n文字\n".encode())
    good = SimpleUploadedFile("index.csv", "0,开头\n0:00:09,后来\n".encode())
    response = client.post(url, {"sitting": 1, "mode": "replace", "index_file": good, "captions_file": bad_captions})
    assert "第 2 行：结束时间应晚于开始时间" in response.content.decode()
    assert demo.revisions.count() == revisions

    good = SimpleUploadedFile("index.csv", "0,开头\n0:00:09,后来\n".encode())
    captions = SimpleUploadedFile("c.srt", "1\n00:00:01,000 --> 00:00:03,000\n新字幕\n".encode())
    response = client.post(url, {"sitting": 1, "mode": "replace", "index_file": good, "captions_file": captions})
    assert response.status_code == 302
    draft = InterviewPage.objects.get(pk=demo.pk).get_latest_revision_as_object()
    assert [(s.start, s.title) for s in draft.segments.all()] == [(0, "开头"), (9, "后来")]
    assert draft.sittings.all()[0].captions.read().decode().startswith("WEBVTT")
    assert InterviewPage.objects.get(pk=demo.pk).segments.count() == 5  # the live page is unchanged until published


# --- the dictionary -------------------------------------------------------------------------------------------
def test_entry_lists_the_persons_interviews_and_the_segments_that_mention_them(client, make_interview):
    wang = Honoree.objects.get(external_id="SRC-0002")
    make_interview(
        "mentions-wang",
        [
            {"start": 0, "title": "说到王月鹏", "honorees": [wang]},
            {"start": 4, "title": "CLOSED-MENTION", "honorees": [wang], "access": access.ON_SITE},
        ],
    )
    make_interview("closed-wang", honorees=[wang], access=access.CLOSED, closed_until=datetime.date(2099, 1, 1))
    html = client.get("/dictionary/SRC-0002/").content.decode()
    assert "口述史" in html and "提到本人的访谈段落" in html
    assert 'href="/oral-history/mentions-wang/?t=0"' in html and "说到王月鹏" in html
    assert "CLOSED-MENTION" not in html and "访谈 closed-wang" not in html
    zhang = client.get("/dictionary/SRC-0001/").content.decode()
    assert "本人的访谈" in zhang and "演示访谈：东四南大街103号的修笔人" in zhang


def test_entry_without_interviews_has_no_oral_history_section(client):
    assert "entry-interviews" not in client.get("/dictionary/SRC-0003/").content.decode()


def test_a_segment_whose_closure_ends_is_indexed_by_the_daily_sync(client, make_interview, committed, monkeypatch):
    tomorrow = access.today() + datetime.timedelta(days=1)
    page = make_interview(
        "opening",
        [
            {"start": 0, "title": "OPEN-NOW", "transcript": "OPEN-NOW-WORDS"},
            {
                "start": 5,
                "title": "OPENS-TOMORROW",
                "transcript": "OPENS-TOMORROW-WORDS",
                "access": access.CLOSED,
                "closed_until": tomorrow,
            },
        ],
    )
    committed(lambda: embedded_engine().index_page(page))
    assert queue_pages_changed_by_the_date() == []  # the index holds what the public sees today

    def found():
        return [hit["title"] for hit in client.get("/api/search/", {"q": "opens tomorrow words"}).json()["results"]]

    assert not any("OPENS-TOMORROW" in title for title in found())
    monkeypatch.setattr(access, "today", lambda: tomorrow)
    out = io.StringIO()
    committed(lambda: call_command("search_index", "sync", stdout=out))
    assert "按日期变化的页面 1 个" in out.getvalue()
    assert any("OPENS-TOMORROW" in title for title in found())
    assert queue_pages_changed_by_the_date() == []


def test_the_index_lists_interviews_a_page_at_a_time(client, make_interview, monkeypatch):
    monkeypatch.setattr(interview_models, "INDEX_PAGE_SIZE", 2)
    for slug in ("paged-a", "paged-b"):
        make_interview(slug, interview_date=datetime.date(2030, 1, 1))
    first = client.get("/oral-history/").content.decode()
    assert "访谈 paged-a" in first and "访谈 paged-b" in first and "修笔人" not in first
    assert "第 1 / 2 页" in first and 'href="?page=2" rel="next"' in first
    second = client.get("/oral-history/?page=2").content.decode()
    assert "修笔人" in second and "访谈 paged-a" not in second and "（第 2 页）" in second
    for odd in ("abc", "99", "-1", "１"):
        assert client.get("/oral-history/", {"page": odd}).status_code == 200
