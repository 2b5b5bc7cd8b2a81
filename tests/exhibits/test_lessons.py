"""课堂: lessons filtered by grade and subject, printable pages and PDF worksheets made on publish."""

import io
import re

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage

from wagtail.blocks.struct_block import StructBlockValidationError

import pytest
from pypdf import PdfReader

from archive.models import Honoree
from exhibits.models import LessonIndexPage, LessonPage, LessonWorksheet
from exhibits.models.lessons import Grade, InterviewClipBlock, Subject
from exhibits.worksheets import build_worksheet, qr_png, worksheet_file
from media.interviews import access
from media.models import InterviewPage

pytestmark = pytest.mark.django_db

ZHANG = "/lessons/zhang-guangyi-craftsmanship/"


def pdf_text(content: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def add_lesson(title, slug, grade=Grade.JUNIOR, subject=Subject.HISTORY, **fields) -> LessonPage:
    lesson = LessonPage(
        title=title,
        slug=slug,
        lead="测试课例",
        grade=grade,
        subject=subject,
        objectives=[{"type": "objective", "value": "测试目标"}],
        activities=[{"type": "step", "value": {"title": "活动", "minutes": 20, "instructions": "做法"}}],
        questions=[{"type": "question", "value": "测试问题？"}],
        **fields,
    )
    LessonIndexPage.objects.get().add_child(instance=lesson)
    lesson.save_revision().publish()
    return lesson


def test_demo_lessons_come_from_the_source():
    lessons = {lesson.slug: lesson for lesson in LessonPage.objects.live()}
    assert {(lesson.grade, lesson.subject) for lesson in lessons.values()} == {
        (Grade.PRIMARY_MIDDLE, Subject.LABOUR),
        (Grade.JUNIOR, Subject.MORALITY),
        (Grade.SENIOR, Subject.LABOUR),
    }
    spirit = lessons["model-worker-spirit"]
    assert "爱岗敬业、争创一流、艰苦奋斗、勇于创新、淡泊名利、甘于奉献" in str(list(spirit.objectives))
    epidemic = lessons["workers-against-the-epidemic"]
    assert {h.name for h in epidemic.honorees.all()} == {"王月鹏", "曾晓岚"}
    assert "小汤山" in epidemic.lead


def test_index_filters_by_grade_and_subject_with_counts(client):
    add_lesson("初中历史课", "junior-history")
    html = client.get("/lessons/").content.decode()
    assert "共 4 个课例" in html
    assert 'href="?grade=junior"><span class="option-label">初中</span> <span class="count">2<' in html
    assert 'href="?subject=labour"><span class="option-label">劳动教育</span> <span class="count">2<' in html

    html = client.get("/lessons/", {"grade": "junior"}).content.decode()
    assert "共 2 个课例" in html and "初中历史课" in html and "二十四个字的劳模精神" in html
    assert "一生只干一件事" not in html
    # Subject counts follow the chosen grade; the chosen grade links back to the unfiltered list.
    assert (
        'href="?grade=junior&amp;subject=history"><span class="option-label">历史</span> <span class="count">1<' in html
    )
    assert 'href="?" aria-current="true"><span class="option-label">初中' in html

    html = client.get("/lessons/", {"grade": "junior", "subject": "morality"}).content.decode()
    assert "共 1 个课例" in html and "二十四个字的劳模精神" in html and "初中历史课" not in html
    assert 'href="?subject=morality"' in html  # remove the grade, keep the subject


def test_unknown_filter_values_are_ignored(client):
    html = client.get("/lessons/", {"grade": "大学", "subject": "<script>"}).content.decode()
    assert "共 3 个课例" in html and "<script>" not in html


def test_lesson_page_shows_plan_resources_and_print_styles(client):
    response = client.get(ZHANG)
    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        "学习目标",
        "活动步骤",
        "讨论问题",
        "课后作业",
        "执着专注、精益求精、一丝不苟、追求卓越",
        "小学中段",
        "劳动教育",
    ):
        assert text in html, text
    assert "/static/exhibits/lessons.css" in html
    assert f'href="{ZHANG}worksheet/" download' in html
    assert 'href="http://localhost/dictionary/SRC-0001/">张广义</a>' in html  # absolute: printed with the URL
    assert 'href="http://localhost/hall/glory-to-workers/one-craft/"' in html
    assert f"本页网址：http://localhost{ZHANG}" in html
    assert '<meta property="og:type" content="article">' in html


def test_lesson_shows_only_public_honorees(client):
    zhang = Honoree.objects.get(external_id="SRC-0001")
    zhang.withdrawn = True
    zhang.save()
    assert "张广义</a>" not in client.get(ZHANG).content.decode()


def test_print_stylesheet_hides_the_chrome_and_prints_urls():
    with open(_static("exhibits/lessons.css"), encoding="utf-8") as stylesheet:
        css = stylesheet.read()
    print_rules = css[css.index("@media print") :]
    assert ".site-header" in print_rules and ".main-nav" in print_rules and "display: none" in print_rules
    assert 'a[href^="http"]::after' in print_rules and "attr(href)" in print_rules


def _static(path: str) -> str:
    from django.contrib.staticfiles import finders

    return finders.find(path)


def test_worksheet_pdf_has_title_objectives_questions_assignment_and_a_qr_code(client):
    lesson = LessonPage.objects.get(slug="model-worker-spirit")
    response = client.get(f"{lesson.url}worksheet/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "inline" in response["Content-Disposition"]
    content = b"".join(response.streaming_content)
    text = pdf_text(content).replace("\n", "")
    assert lesson.title in text
    for block in list(lesson.objectives)[:1] + list(lesson.questions):
        assert block.value[:20] in text
    assert lesson.assignment[:20] in text
    assert "班级" in text and "姓名" in text
    reader = PdfReader(io.BytesIO(content))
    assert any(page.images for page in reader.pages), "the QR code image is missing"


def test_worksheet_is_made_on_publish_and_replaced_by_a_new_revision(committed):
    lesson = committed(lambda: add_lesson("会更新的课例", "updated-lesson"))
    lesson.refresh_from_db()
    stored = LessonWorksheet.objects.get(page=lesson)
    first_name = stored.file.name
    assert stored.revision_id == lesson.live_revision_id
    assert re.fullmatch(rf"worksheets/lesson-{lesson.pk}-r{lesson.live_revision_id}-[0-9a-f]{{8}}\.pdf", first_name)
    assert default_storage.exists(first_name)

    lesson.questions = [{"type": "question", "value": "修改后的问题？"}]
    committed(lambda: lesson.save_revision().publish())
    lesson.refresh_from_db()
    stored.refresh_from_db()
    assert stored.revision_id == lesson.live_revision_id and stored.file.name != first_name
    assert not default_storage.exists(first_name)
    with stored.file.open("rb") as pdf:
        assert "修改后的问题？" in pdf_text(pdf.read())


def test_worksheet_is_made_on_request_when_missing_and_kept(client):
    lesson = add_lesson("没有学习单的课例", "no-worksheet-yet")  # on_commit never ran: nothing stored yet
    assert not LessonWorksheet.objects.filter(page=lesson).exists()
    assert client.get(f"{lesson.url}worksheet/").status_code == 200
    stored = LessonWorksheet.objects.get(page=lesson)
    assert worksheet_file(LessonPage.objects.get(pk=lesson.pk)).file.name == stored.file.name


def test_restricted_lesson_worksheet_needs_login_and_is_not_shared(client, make_user):
    from wagtail.models import PageViewRestriction

    lesson = add_lesson("内部课例", "internal-lesson")
    PageViewRestriction.objects.create(page=lesson, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(f"{lesson.url}worksheet/").status_code == 302  # to the login page
    client.force_login(make_user("teacher"))
    response = client.get(f"{lesson.url}worksheet/")
    assert response.status_code == 200 and "private" in response["Cache-Control"]
    client.logout()
    public = client.get(f"{ZHANG}worksheet/")
    assert "public" in public["Cache-Control"] and "max-age=300" in public["Cache-Control"]


def test_unpublished_lesson_has_no_worksheet(client):
    lesson = add_lesson("将下线的课例", "going-away")
    lesson.unpublish()
    assert client.get("/lessons/going-away/worksheet/").status_code == 404


def qr_pixels(png: bytes):
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("L")
    return image.size, image.tobytes()


def test_worksheet_link_and_qr_code_use_the_public_origin_not_the_request_host(client, settings):
    settings.LAOMO_SITE_URL = "https://laomo.example.cn"
    lesson = LessonPage.objects.get(slug="model-worker-spirit")
    expected = f"https://laomo.example.cn{lesson.url}"
    content = b"".join(client.get(f"{lesson.url}worksheet/", HTTP_HOST="localhost").streaming_content)
    text = pdf_text(content).replace("\n", "")
    assert f"在线阅读：{expected}" in text and "localhost" not in text and "testserver" not in text
    [image] = [image for page in PdfReader(io.BytesIO(content)).pages for image in page.images]
    assert qr_pixels(image.data if image.data.startswith(b"\x89PNG") else _png(image)) == qr_pixels(qr_png(expected))
    # A worksheet printed for the old origin is made again once the origin changes.
    settings.LAOMO_SITE_URL = "https://laomo.beijing.example"
    content = b"".join(client.get(f"{lesson.url}worksheet/").streaming_content)
    assert f"在线阅读：https://laomo.beijing.example{lesson.url}" in pdf_text(content).replace("\n", "")


def _png(image) -> bytes:
    buffer = io.BytesIO()
    image.image.save(buffer, format="PNG")
    return buffer.getvalue()


def test_build_worksheet_prints_the_given_url():
    lesson = LessonPage.objects.get(slug="zhang-guangyi-craftsmanship")
    text = pdf_text(build_worksheet(lesson, "https://example.org/lessons/x/")).replace("\n", "")
    assert "https://example.org/lessons/x/" in text


def test_activity_minutes_must_fit_the_periods():
    lesson = LessonPage(
        title="太长的课",
        slug="too-long",
        lead="导语",
        grade=Grade.SENIOR,
        subject=Subject.LABOUR,
        periods=1,
        activities=[
            {"type": "step", "value": {"title": "一", "minutes": 30, "instructions": "做法"}},
            {"type": "step", "value": {"title": "二", "minutes": 30, "instructions": "做法"}},
        ],
    )
    with pytest.raises(ValidationError) as raised:
        lesson.clean()
    assert raised.value.message_dict["activities"] == [
        "活动时长合计 60 分钟，超过了 1 课时（45 分钟）。请缩短环节或增加课时。"
    ]
    lesson.periods = 2
    lesson.clean()


def test_lessons_are_searchable_under_their_own_tab(client, committed):
    committed(lambda: add_lesson("可搜索的课例", "searchable-lesson"))
    html = client.get("/search/", {"q": "可搜索的课例", "tab": "lesson"}).content.decode()
    assert "可搜索的课例" in html


def clip(interview, start=4, end=11, questions=("他为什么说一生只干一件事？",)):
    value = {"interview": interview.pk, "sitting": 1, "start": start, "end": end, "questions": list(questions)}
    return [{"type": "clip", "value": value}]


def test_a_lesson_plays_a_passage_of_an_interview_and_prints_it_on_the_worksheet(client):
    interview = InterviewPage.objects.get(slug="zhang-guangyi-demo")
    lesson = add_lesson("听口述课", "listen-oral-history", interview_clips=clip(interview))
    html = client.get(lesson.url).content.decode()
    assert "听一段口述" in html and f'href="http://localhost{interview.url}?t=4"' in html.replace(
        "testserver", "localhost"
    )
    assert "00:00:04–00:00:11" in html and "修了一辈子钢笔" in html and "两项劳模称号" in html
    assert "他为什么说一生只干一件事？" in html
    text = pdf_text(client.get(lesson.worksheet_url()).getvalue()).replace("\n", "")
    assert "听一段口述" in text and "他为什么说一生只干一件事" in text and "00:00:04" in text


def test_a_passage_the_public_may_not_play_never_reaches_the_lesson(client):
    interview = InterviewPage.objects.get(slug="zhang-guangyi-demo")
    interview.access = access.ON_SITE
    interview.save_revision().publish()
    lesson = add_lesson("到馆听课", "on-site-only", interview_clips=clip(interview, questions=("QUESTION-OF-HIDDEN",)))
    assert "QUESTION-OF-HIDDEN" not in client.get(lesson.url).content.decode()
    assert "QUESTION-OF-HIDDEN" not in pdf_text(client.get(lesson.worksheet_url()).getvalue())


def test_a_passage_ends_after_it_starts():
    block = InterviewClipBlock()
    value = block.to_python(clip(InterviewPage.objects.get(slug="zhang-guangyi-demo"), start=9, end=9)[0]["value"])
    with pytest.raises(StructBlockValidationError) as raised:
        block.clean(value)
    assert "结束时间要晚于开始时间" in str(raised.value.block_errors["end"])
