"""PDF worksheets (学习单) for lessons.

ReportLab with its built-in CID font STSong-Light: the PDF names the font and every PDF reader brings its own
Song typeface, so no font file has to be installed on any machine, and the text stays extractable (search,
copy, screen readers). A QR code of the lesson's address lets pupils open the page on a phone; that address and
the printed 在线阅读 link are on the site's public origin (laomo/origin.py), whoever's request made the file.

A worksheet is made when a lesson is published (after the commit), stored under MEDIA_ROOT keyed by page id
and revision, and replaced when a newer revision is published; the route makes it on demand if it is missing.
That route is the lesson page's (models/lessons.py), which calls this module: so this module takes lessons as
the pages it is given and keeps its files in LessonWorksheet (worksheet_files.py), never importing lessons.
"""

import hashlib
import io
import logging
from functools import cache
from xml.sax.saxutils import escape

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from wagtail.models import Page

import qrcode
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Flowable, Image, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from core.origin import page_absolute_url
from core.uploads import STORAGE_ERRORS, failed_place

from .worksheet_files import LessonWorksheet

logger = logging.getLogger(__name__)

FONT = "STSong-Light"
LINES_PER_QUESTION = 4
LINES_FOR_ASSIGNMENT = 6


@cache
def _styles() -> dict[str, ParagraphStyle]:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    base = ParagraphStyle("body", fontName=FONT, fontSize=11, leading=17, wordWrap="CJK", alignment=TA_LEFT)
    return {
        "title": ParagraphStyle("title", parent=base, fontSize=19, leading=26, spaceAfter=4),
        "meta": ParagraphStyle("meta", parent=base, fontSize=10, textColor=colors.HexColor("#595959")),
        "heading": ParagraphStyle(
            "heading",
            parent=base,
            fontSize=13,
            leading=20,
            spaceBefore=10,
            spaceAfter=4,
            textColor=colors.HexColor("#9e1b1f"),
        ),
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=9, leading=13, textColor=colors.HexColor("#595959")),
    }


class WritingLines(Flowable):
    """Ruled lines to write answers on."""

    def __init__(self, count: int, spacing: float = 9 * mm):
        super().__init__()
        self.count = count
        self.spacing = spacing

    def wrap(self, available_width, available_height):
        self.width = available_width
        return available_width, self.count * self.spacing

    def draw(self):
        self.canv.setStrokeColor(colors.HexColor("#b5b0a6"))
        self.canv.setLineWidth(0.6)
        for line in range(self.count):
            y = line * self.spacing + 1
            self.canv.line(0, y, self.width, y)


def qr_png(url: str) -> bytes:
    code = qrcode.QRCode(border=1, box_size=8, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(url)
    buffer = io.BytesIO()
    code.make_image().save(buffer)
    return buffer.getvalue()


def _text(value: str) -> str:
    return escape(value).replace("\n", "<br/>")


def build_worksheet(lesson: Page, url: str) -> bytes:
    """The worksheet: title, grade and subject, objectives, questions with lines to write on, the assignment."""
    styles = _styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=f"学习单：{lesson.title}",
        author="劳模数字展馆",
        subject=f"{lesson.get_grade_display()}　{lesson.get_subject_display()}",
    )
    qr = Image(io.BytesIO(qr_png(url)), width=28 * mm, height=28 * mm)
    heading = [
        Paragraph(_text(lesson.title), styles["title"]),
        Paragraph(
            _text(f"{lesson.get_grade_display()}　{lesson.get_subject_display()}　{lesson.periods} 课时"),
            styles["meta"],
        ),
        Spacer(1, 4 * mm),
        Paragraph("班级＿＿＿＿＿＿　姓名＿＿＿＿＿＿　日期＿＿＿＿＿＿", styles["body"]),
    ]
    header = Table([[heading, [qr, Paragraph("扫码打开本课网页", styles["small"])]]], colWidths=["*", 32 * mm])
    header.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    flow = [header]

    objectives = [block.value for block in lesson.objectives]
    if objectives:
        flow.append(Paragraph("学习目标", styles["heading"]))
        flow += [Paragraph(_text(f"{i}. {text}"), styles["body"]) for i, text in enumerate(objectives, 1)]

    questions = [block.value for block in lesson.questions]
    if questions:
        flow.append(Paragraph("讨论问题", styles["heading"]))
        for i, question in enumerate(questions, 1):
            flow.append(
                KeepTogether([Paragraph(_text(f"{i}. {question}"), styles["body"]), WritingLines(LINES_PER_QUESTION)])
            )
            flow.append(Spacer(1, 2 * mm))

    clips = lesson.clips() if hasattr(lesson, "clips") else []
    if clips:
        flow.append(Paragraph("听一段口述", styles["heading"]))
        for i, clip in enumerate(clips, 1):
            code = Image(io.BytesIO(qr_png(clip["url"])), width=18 * mm, height=18 * mm)
            about = [
                Paragraph(_text(f"{i}. {clip['interview'].title}（{clip['from']}–{clip['to']}）"), styles["body"]),
                Paragraph(_text(clip["url"]), styles["small"]),
            ]
            row = Table([[about, code]], colWidths=["*", 20 * mm])
            row.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
            flow.append(KeepTogether([row]))
            for number, question in enumerate(clip["questions"], 1):
                flow.append(
                    KeepTogether(
                        [Paragraph(_text(f"（{number}）{question}"), styles["body"]), WritingLines(LINES_PER_QUESTION)]
                    )
                )
            flow.append(Spacer(1, 2 * mm))

    if lesson.assignment:
        flow.append(
            KeepTogether(
                [
                    Paragraph("课后作业", styles["heading"]),
                    Paragraph(_text(lesson.assignment), styles["body"]),
                    WritingLines(LINES_FOR_ASSIGNMENT),
                ]
            )
        )
    flow += [Spacer(1, 6 * mm), Paragraph(_text(f"在线阅读：{url}　劳模数字展馆　课堂"), styles["small"])]
    doc.build(flow)
    return buffer.getvalue()


def _storage_name(lesson: Page, revision_id: int, url: str) -> str:
    """Keyed by the printed address too, so a newly configured public origin reprints every worksheet."""
    printed = hashlib.sha256(url.encode()).hexdigest()[:8]
    return f"worksheets/lesson-{lesson.pk}-r{revision_id}-{printed}.pdf"


def worksheet_file(lesson: Page) -> LessonWorksheet:
    """The stored worksheet of the lesson's live revision; made now (replacing an older one) when missing."""
    revision_id = lesson.live_revision_id or 0
    stored = LessonWorksheet.objects.filter(page=lesson).first()
    if (
        stored
        and stored.revision_id == revision_id
        and stored.file.name == _storage_name(lesson, revision_id, page_absolute_url(lesson))
        and default_storage.exists(stored.file.name)
    ):
        stored.page = lesson
        return stored
    return store_worksheet(lesson, revision_id, stored)


def store_worksheet(lesson: Page, revision_id: int, stored: LessonWorksheet | None = None) -> LessonWorksheet:
    url = page_absolute_url(lesson)
    content = build_worksheet(lesson, url)
    name = _storage_name(lesson, revision_id, url)
    if default_storage.exists(name):
        default_storage.delete(name)
    saved_name = default_storage.save(name, ContentFile(content))
    old_name = stored.file.name if stored else ""
    stored, _ = LessonWorksheet.objects.update_or_create(
        page=lesson, defaults={"revision_id": revision_id, "file": saved_name}
    )
    if old_name and old_name != saved_name:
        default_storage.delete(old_name)
    logger.info("Worksheet for lesson %s, revision %s: %s", lesson.pk, revision_id, saved_name)
    stored.page = lesson
    return stored


def open_worksheet(lesson: Page) -> tuple[io.IOBase, str]:
    """The worksheet to send and its file name: the stored one, or — when the storage cannot be written or read —
    one made for this request alone, so a failing storage costs time, never the visitor's worksheet."""
    try:
        stored = worksheet_file(lesson)
        return stored.file.open("rb"), stored.filename
    except STORAGE_ERRORS as error:
        logger.error(
            "Worksheet for lesson %s could not be stored in %s: %r",
            lesson.pk,
            failed_place(default_storage, error),
            error,
        )
        return io.BytesIO(build_worksheet(lesson, page_absolute_url(lesson))), LessonWorksheet(page=lesson).filename


def refresh_worksheet(page_id: int) -> None:
    """After a lesson is published: make the worksheet of the new live revision."""
    lesson = Page.objects.live().filter(pk=page_id).specific().first()
    if lesson is None:
        return
    try:
        worksheet_file(lesson)
    except STORAGE_ERRORS as error:
        # The lesson is published all the same; its first visitor's request tries again (open_worksheet).
        logger.error(
            "Worksheet for lesson %s could not be stored in %s: %r",
            page_id,
            failed_place(default_storage, error),
            error,
        )
