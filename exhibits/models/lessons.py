"""课堂: teaching pages for schools, filtered by grade band and subject, each with a printable PDF worksheet."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import FileResponse, Http404
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from archive.related import RelatedHonoreesMixin
from archive.widgets import HonoreeMultipleChooser
from core.facets import FilterLinks, facet_group
from core.fallback import localized_url, original
from core.origin import absolute_url
from core.pages import SectionIndexPage
from core.sharing import SharedPageMixin
from core.slugs import PinyinSlugMixin
from core.visitor_cache import mark_for_visitors

from ..worksheets import open_worksheet

MINUTES_PER_PERIOD = 45


# Grades and subjects are the lesson pages' tags and filters, hence translated.
class Grade(models.TextChoices):
    PRIMARY_LOWER = "primary-lower", _("小学低段")
    PRIMARY_MIDDLE = "primary-middle", _("小学中段")
    PRIMARY_UPPER = "primary-upper", _("小学高段")
    JUNIOR = "junior", _("初中")
    SENIOR = "senior", _("高中")


class Subject(models.TextChoices):
    LABOUR = "labour", _("劳动教育")
    MORALITY = "morality", _("道德与法治")
    CHINESE = "chinese", _("语文")
    HISTORY = "history", _("历史")
    PRACTICE = "practice", _("综合实践活动")


FILTERS = {"grade": Grade, "subject": Subject}  # the lesson index's filters, in the order their links write them


class InterviewClipBlock(blocks.StructBlock):
    """A passage of an oral-history interview to listen to in class, with questions about it."""

    interview = blocks.PageChooserBlock(label="口述史访谈", page_type="media.InterviewPage")
    sitting = blocks.IntegerBlock(label="场次", default=1, min_value=1, max_value=20)
    start = blocks.IntegerBlock(label="从（秒）", min_value=0, help_text="从这一场开头算起，如 754（即 12:34）。")
    end = blocks.IntegerBlock(label="到（秒）", min_value=1)
    questions = blocks.ListBlock(blocks.TextBlock(label="问题"), label="听后讨论的问题", default=[])

    class Meta:
        icon = "media"
        label = "口述片段"

    def clean(self, value):
        value = super().clean(value)
        if value["end"] <= value["start"]:
            raise StructBlockValidationError(block_errors={"end": ValidationError("结束时间要晚于开始时间。")})
        return value


class LessonStepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="环节", max_length=80, help_text="如 导入、读一读、小组讨论")
    minutes = blocks.IntegerBlock(label="时长（分钟）", min_value=1, max_value=180, required=False)
    instructions = blocks.TextBlock(label="做法")

    class Meta:
        icon = "list-ol"
        label = "活动环节"
        template = "exhibits/blocks/lesson_step.html"


RESOURCE_PAGE_TYPES = ["exhibits.ExhibitionPage", "exhibits.ExhibitionSectionPage", "exhibits.StoryPage"]


class LessonIndexPage(SectionIndexPage):
    parent_page_types = ["laomo.HomePage"]
    subpage_types = ["exhibits.LessonPage"]

    class Meta:
        verbose_name = "课堂栏目"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        published = LessonPage.objects.child_of(original(self)).live().public()
        active = {
            "grade": _choice(request.GET.get("grade"), Grade),
            "subject": _choice(request.GET.get("subject"), Subject),
        }
        lessons = published
        for name, value in active.items():
            if value:
                lessons = lessons.filter(**{name: value})
        links = FilterLinks("", tuple(FILTERS), active)
        context.update(
            lessons=lessons.select_related("cover").order_by(_grade_order(), "title"),
            active=active,
            active_filters=links.chips(
                {name: dict(choices.choices).get(active[name]) for name, choices in FILTERS.items()}
            ),
            facets=[
                _facet(links, name, heading, FILTERS[name], published)
                for name, heading in (("grade", _("按学段")), ("subject", _("按学科")))
            ],
            clear_url=links.cleared,
        )
        return context


def _grade_order():
    return models.Case(*(models.When(grade=value, then=i) for i, value in enumerate(Grade.values)), default=99)


def _choice(raw, choices) -> str:
    value = (raw or "").strip()
    return value if value in choices.values else ""


def _facet(links: FilterLinks, name: str, heading, choices, published) -> dict:
    """Counts of lessons per option, given the other filter; options without lessons are left out."""
    others = {key: value for key, value in links.active.items() if key != name and value}
    counts = dict(published.filter(**others).order_by().values_list(name).annotate(n=models.Count("pk")))
    return facet_group(
        name,
        heading,
        [links.option(name, value, label, counts[value]) for value, label in choices.choices if counts.get(value)],
    )


class LessonPage(PinyinSlugMixin, SharedPageMixin, RelatedHonoreesMixin, RoutablePageMixin, Page):
    search_kind = "lesson"

    lead = models.TextField("课程简介", max_length=600)
    cover = models.ForeignKey(
        "media.SiteImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="封面"
    )
    grade = models.CharField("学段", max_length=20, choices=Grade.choices)
    subject = models.CharField("学科", max_length=20, choices=Subject.choices)
    periods = models.PositiveSmallIntegerField(
        "课时", default=1, validators=[MinValueValidator(1), MaxValueValidator(8)], help_text="每课时按45分钟计。"
    )
    objectives = StreamField(
        [("objective", blocks.CharBlock(label="目标", max_length=200, icon="success"))],
        verbose_name="学习目标",
    )
    materials = StreamField(
        [("item", blocks.CharBlock(label="材料", max_length=200, icon="clipboard-list"))],
        blank=True,
        verbose_name="课前准备与材料",
    )
    activities = StreamField([("step", LessonStepBlock())], verbose_name="活动步骤")
    questions = StreamField(
        [("question", blocks.TextBlock(label="问题", icon="help"))],
        verbose_name="讨论问题",
        help_text="也会印在学习单上，每题下留出书写的横线。",
    )
    assignment = models.TextField("课后作业", blank=True)
    honorees = ParentalManyToManyField("archive.Honoree", blank=True, verbose_name="相关劳模")
    resources = StreamField(
        [("page", blocks.PageChooserBlock(label="页面", page_type=RESOURCE_PAGE_TYPES))],
        blank=True,
        verbose_name="相关展览与故事",
    )
    interview_clips = StreamField(
        [("clip", InterviewClipBlock())],
        blank=True,
        verbose_name="口述片段",
        help_text="学生要听的访谈段落；只有公开的录音会出现在课堂页和学习单上。",
    )

    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        FieldPanel("cover"),
        FieldRowPanel([FieldPanel("grade"), FieldPanel("subject"), FieldPanel("periods")], heading="学段、学科与课时"),
        FieldPanel("objectives"),
        FieldPanel("materials"),
        FieldPanel("activities"),
        FieldPanel("questions"),
        FieldPanel("interview_clips"),
        FieldPanel("assignment"),
        MultiFieldPanel(
            [FieldPanel("honorees", widget=HonoreeMultipleChooser), FieldPanel("resources")], heading="相关资源"
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("objectives"),
        index.SearchField("activities"),
        index.SearchField("questions"),
        index.SearchField("assignment"),
        index.FilterField("grade"),
        index.FilterField("subject"),
    ]
    parent_page_types = ["exhibits.LessonIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "课堂教案"
        verbose_name_plural = "课堂教案"

    def clean(self):
        super().clean()
        minutes = sum(step.value.get("minutes") or 0 for step in self.activities or [])
        available = (self.periods or 0) * MINUTES_PER_PERIOD
        if self.periods and minutes > available:
            raise ValidationError(
                {
                    "activities": f"活动时长合计 {minutes} 分钟，超过了 {self.periods} 课时（{available} 分钟）。"
                    "请缩短环节或增加课时。"
                }
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Absolute addresses on the public origin, because the print stylesheet writes them out after each link;
        # in the visitor's language (/en/… on the English site).
        context.update(
            page_address=absolute_url(localized_url(self, request)),
            resource_links=[
                {"page": page, "url": absolute_url(localized_url(page, request))} for page in self.resource_pages()
            ],
            clips=self.clips(),
            honoree_links=[
                {"honoree": honoree, "url": absolute_url(honoree.get_absolute_url())}
                for honoree in self.public_honorees()
            ],
        )
        return context

    def clips(self) -> list[dict]:
        """The interview passages the public may play, each with its questions (hidden ones are left out)."""
        shown = []
        for block in self.interview_clips or []:
            interview, value = block.value["interview"], block.value
            if interview is None or not interview.live:
                continue
            clip = interview.specific.public_clip(value["sitting"], value["start"], value["end"])
            if clip is not None:
                shown.append({**clip, "questions": list(value["questions"])})
        return shown

    def resource_pages(self) -> list[Page]:
        return [block.value for block in self.resources if block.value is not None and block.value.live]

    def worksheet_url(self) -> str:
        return self.url + self.reverse_subpage("worksheet")

    @path("worksheet/", name="worksheet")
    def worksheet(self, request):
        """The PDF worksheet of the published revision: made on publish, made now if it is missing."""
        if not self.live:
            raise Http404
        pdf, filename = open_worksheet(self)
        response = FileResponse(pdf, content_type="application/pdf", filename=filename)
        # Wagtail has checked the visitor of a restricted page; shared caches must not keep its worksheet.
        return mark_for_visitors(request, response, restricted=self.get_view_restrictions().exists())
