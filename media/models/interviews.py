"""口述史: oral-history interviews, their sittings (场次, one recording each) and their indexed segments.

Who may see what is decided in media/interviews/access.py, never here: the page asks it for its public view, and
the page's search text is only what that view shows.
"""

import datetime
import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtailmedia.edit_handlers import MediaChooserPanel

from archive.related import RelatedHonoreesMixin
from archive.widgets import HonoreeMultipleChooser
from core.fallback import original
from core.moments import SearchMoment
from core.origin import absolute_url
from core.pages import SectionIndexPage
from core.params import parse_int
from core.ranged_serve import serve_stored_file
from core.sharing import SharedPageMixin
from core.slugs import PinyinSlugMixin, PinyinSlugPageForm
from core.visitor_cache import mark_for_visitors

from .. import captions as caption_files
from .. import video
from ..interviews import access as rules
from ..interviews.citation import clock, interview_citation, segment_citation
from ..timecodes import format_clock

INDEX_PAGE_SIZE = 20
MAX_SECONDS = 24 * 3600  # no sitting is longer than a day: a larger ?t= is ignored


# Where a sitting's files are stored: the media library's recordings, and the captions (interview_caption_upload_to).
INTERVIEW_FILE_FOLDERS = ("media/", "captions/interviews/")


def interview_caption_upload_to(instance, filename):
    return f"captions/interviews/{filename}"


class InterviewPageForm(PinyinSlugPageForm):
    """Publishing (or sending for review) needs captions for every sitting, unless the interview has no speech.
    A draft may lack them (Wagtail defers this check, like required fields, when an editor saves a draft)."""

    def clean(self):
        cleaned_data = super().clean()
        if self.is_deferred_validation or cleaned_data.get("no_speech"):
            return cleaned_data
        formset = self.formsets.get("sittings")
        if formset is None:
            return cleaned_data
        for number, form in enumerate(
            (f for f in formset.forms if f.is_valid() and not f.cleaned_data.get("DELETE") and f.has_changed()), 1
        ):
            if form.instance.pk is None and not form.cleaned_data.get("media"):
                continue
            if not form.cleaned_data.get("captions"):
                form.add_error("captions", MISSING_CAPTIONS.format(number=number))
        return cleaned_data


MISSING_CAPTIONS = "第{number}场没有字幕，访谈不能发布：请上传 WebVTT 或 SRT 字幕，或勾选“无言语内容”。"


class InterviewIndexPage(SectionIndexPage):
    """口述史栏目: the interviews, newest first; a closed interview is listed by its title only."""

    parent_page_types = ["laomo.HomePage"]
    subpage_types = ["media.InterviewPage"]

    class Meta:
        verbose_name = "口述史栏目"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        interviews = (
            InterviewPage.objects.child_of(original(self))
            .live()
            .public()
            .prefetch_related("sittings", "segments")  # for this page's interviews only: the paginator slices first
            # Undated interviews last on every database (PostgreSQL puts NULLs first in a descending order).
            .order_by(models.F("interview_date").desc(nulls_last=True), "-first_published_at", "-pk")
        )
        page_obj = Paginator(interviews, INDEX_PAGE_SIZE).get_page(request.GET.get("page"))
        on = rules.today()
        context["interviews"] = [(interview, interview.public_view(on)) for interview in page_obj]
        context["page_obj"] = page_obj
        return context


class InterviewPage(PinyinSlugMixin, SharedPageMixin, RelatedHonoreesMixin, RoutablePageMixin, Page):
    share_lead_field = "summary"
    search_kind = "interview"
    search_depends_on_date = True  # a closure ends on its date: `search_index sync` (daily) indexes what opened

    honorees = ParentalManyToManyField(
        "archive.Honoree", blank=True, related_name="interviews", verbose_name="受访劳模"
    )
    interviewer = models.CharField("访谈人", max_length=120, blank=True)
    interview_date = models.DateField("访谈日期", null=True, blank=True, help_text="多场访谈时填第一场的日期。")
    place = models.CharField("访谈地点", max_length=200, blank=True)
    language = models.CharField("语言/方言", max_length=80, default="普通话", help_text="如“普通话”“北京话”。")
    summary = models.TextField("内容提要", max_length=1000, help_text="两三句话：谁讲了什么。")
    release_date = models.DateField("授权书签署日期", null=True, blank=True)
    release_scope = models.CharField(
        "授权范围", max_length=300, blank=True, help_text="受访者同意的使用范围，如“网上公开，可用于展览和教学”。"
    )
    access = models.CharField(
        "开放程度",
        max_length=10,
        choices=rules.CHOICES,
        default=rules.PUBLIC,
        help_text="仅限现场查阅：网上只显示访谈说明，录音和文字须到馆查阅。到期前不公开：网上只显示标题。",
    )
    closed_until = models.DateField("不公开至", null=True, blank=True, help_text="选“到期前不公开”时必填。")
    no_speech = models.BooleanField(
        "无言语内容", default=False, help_text="录音里没有讲话（如只有演奏或环境声），发布时不要求字幕。"
    )

    content_panels = Page.content_panels + [
        FieldPanel("honorees", widget=HonoreeMultipleChooser),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("interviewer"), FieldPanel("interview_date")]),
        FieldRowPanel([FieldPanel("place"), FieldPanel("language")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("release_date"), FieldPanel("release_scope")]),
                FieldRowPanel([FieldPanel("access"), FieldPanel("closed_until")]),
            ],
            heading="授权与开放",
        ),
        FieldPanel("no_speech"),
        InlinePanel("sittings", heading="场次（录音或录像）", label="场次", min_num=1),
        HelpPanel(template="media/panels/interview_import_link.html", heading="导入段落索引"),
        InlinePanel("segments", heading="段落索引", label="段落"),
    ]
    # Only the title goes to Wagtail's own index: the words are searchable through access.py's public view.
    search_fields = Page.search_fields + [index.SearchField("public_text")]
    parent_page_types = ["media.InterviewIndexPage"]
    subpage_types = []
    base_form_class = InterviewPageForm

    class Meta:
        verbose_name = "口述史访谈"
        verbose_name_plural = "口述史访谈"

    # --- validation -----------------------------------------------------------
    def clean(self):
        super().clean()
        errors = {}
        if self.access == rules.CLOSED and not self.closed_until:
            errors["closed_until"] = "选“到期前不公开”时，请填写到哪一天为止。"
        count = len(self.sitting_list)
        late = sorted({s.sitting for s in self.segments.all() if s.sitting > max(count, 1)})
        if late:
            errors["__all__"] = [f"有段落属于第{n}场，但访谈只有 {count} 场。" for n in late]
        if self.live:  # publishing from code (the admin form says it per sitting first)
            missing = self.sittings_without_captions()
            if missing:
                errors.setdefault("__all__", []).extend(MISSING_CAPTIONS.format(number=n) for n in missing)
        if errors:
            raise ValidationError(errors)

    def sittings_without_captions(self) -> list[int]:
        if self.no_speech:
            return []
        return [number for number, sitting in enumerate(self.sitting_list, 1) if not sitting.captions]

    # --- what the public sees (access.py decides) ------------------------------
    @cached_property
    def sitting_list(self) -> list:
        return list(self.sittings.all())

    @cached_property
    def segment_list(self) -> list:
        return sorted(self.segments.all(), key=lambda s: (s.sitting, s.start, s.sort_order or 0))

    def public_view(self, on: datetime.date | None = None) -> rules.PublicView:
        return rules.public_view(self, self.sitting_list, self.segment_list, on)

    def public_text(self) -> str:
        view = self.public_view()
        if not view.shows_description:
            return ""
        parts = [self.summary, self.interviewer, self.place]
        for segment in view.segments:
            parts += [segment.title, segment.synopsis, segment.keywords, segment.transcript]
        return "\n".join(part for part in parts if part)

    @property
    def share_description(self) -> str:
        return self.summary if self.public_view().shows_description else ""

    def get_sitemap_urls(self, request=None):
        """A closed interview (its title only, until its date) stays out of the sitemap."""
        return super().get_sitemap_urls(request) if self.public_view().shows_description else []

    def search_moments(self) -> list[SearchMoment]:
        """Each public segment, for search to land on at its second (core/moments.py); nothing else is offered."""
        many = len(self.sitting_list) > 1
        return [
            SearchMoment(
                id=segment.pk,
                title=f"{self.title} · {segment.title}（{segment.heading(many)}）",
                url=self.segment_url(segment),
                text="\n".join(part for part in (segment.synopsis, segment.keywords, segment.transcript) if part),
                names=tuple(honoree.name for honoree in segment.honorees.all() if honoree.is_public),
            )
            for segment in self.public_view().segments
        ]

    def narrator_names(self) -> list[str]:
        return [honoree.name for honoree in self.public_honorees()]

    def segment_url(self, segment, absolute: bool = False) -> str:
        return self.moment_url(segment.sitting, segment.start, absolute)

    def moment_url(self, sitting: int, start: int, absolute: bool = False) -> str:
        """This interview's page opening the recording of that sitting at that second."""
        query = f"?t={start}" if sitting == 1 else f"?s={sitting}&t={start}"
        url = self.get_url() + query
        return absolute_url(url) if absolute else url

    def public_clip(self, sitting: int, start: int, end: int) -> dict | None:
        """A passage a lesson shows (its address, times and the public segments in it), if the public may play
        that sitting; None otherwise, so a closed or on-site recording never reaches a lesson or its worksheet."""
        view = self.public_view()
        if sitting not in dict(view.sittings):
            return None
        return {
            "interview": self,
            "url": self.moment_url(sitting, start, absolute=True),
            "from": clock(start),
            "to": clock(end),
            "segments": [s for s in view.segments if s.sitting == sitting and start <= s.start < end],
        }

    def citations(self, view: rules.PublicView, on: datetime.date) -> tuple[str, dict[int, str]]:
        site = gettext(settings.WAGTAIL_SITE_NAME)
        common = {
            "site": site,
            "narrators": self.narrator_names(),
            "interviewer": self.interviewer,
            "recorded": self.interview_date,
            "today": on,
        }
        whole = interview_citation(title=self.title, url=absolute_url(self.get_url()), **common)
        parts = {
            segment.pk: segment_citation(
                title=self.title,
                segment_title=segment.title,
                sitting=segment.sitting,
                sittings=len(self.sitting_list),
                start=segment.start,
                url=self.segment_url(segment, absolute=True),
                **common,
            )
            for segment in view.segments
        }
        return whole, parts

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        on = rules.today()
        view = self.public_view(on)
        start = parse_int(request.GET.get("t"), 0, MAX_SECONDS)
        sitting = parse_int(request.GET.get("s"), 1, MAX_SECONDS) or 1
        playable = dict(view.sittings)
        if sitting not in playable:
            start = None
        whole, parts = self.citations(view, on)
        players = []
        for number, item in view.sittings:
            segments = [s for s in view.segments if s.sitting == number]
            for segment in segments:
                segment.citation = parts[segment.pk]
                segment.share_url = self.segment_url(segment)
            players.append(
                {
                    "number": number,
                    "sitting": item,
                    "segments": segments,
                    "start": start if number == sitting else None,
                    "current": _segment_at(segments, start) if number == sitting else None,
                }
            )
        unplayed = [s for s in view.segments if s.sitting not in playable]
        for segment in unplayed:
            segment.citation = parts[segment.pk]
        context.update(
            view=view,
            honorees=list(self.public_honorees()),
            players=players,
            unplayed_segments=unplayed,
            many_sittings=len(self.sitting_list) > 1,
            citation=whole,
        )
        return context

    # --- transcript downloads (…/transcript/ and …/captions/1/: page addresses take no dots; the file name is
    # in Content-Disposition) -------------------------------------------------------------------------
    @path("transcript/")
    def transcript_txt(self, request):
        view = self.public_view()
        if view.level != rules.PUBLIC or not view.segments:
            raise Http404("这份访谈的文字不公开。")
        lines = [self.title, f"{gettext('受访者')}：{'，'.join(self.narrator_names())}"]
        if self.interviewer:
            lines.append(f"{gettext('访谈人')}：{self.interviewer}")
        if self.interview_date:
            lines.append(f"{gettext('访谈日期')}：{self.interview_date:%Y-%m-%d}")
        lines.append(absolute_url(self.get_url()))
        for segment in view.segments:
            lines += ["", f"[{segment.heading(len(self.sitting_list) > 1)}] {segment.title}"]
            if segment.transcript:
                lines.append(segment.transcript)
        return self._download(request, "\n".join(lines) + "\n", "text/plain", "txt")

    @path("recording/<int:number>/")
    def recording(self, request, number):
        """The public address of a sitting's recording (its upload address answers only the admin:
        InterviewSitting.withholds_upload); byte ranges let the player start at any second."""
        sitting = dict(self.public_view().sittings).get(number)
        if sitting is None or not sitting.media_id:
            raise Http404("这一场的录音不公开。")
        return serve_stored_file(request, sitting.media.file)

    @path("captions/<int:number>/")
    def captions_vtt(self, request, number):
        playable = dict(self.public_view().sittings)
        sitting = playable.get(number)
        if sitting is None or not sitting.captions:
            raise Http404("这一场的字幕不公开。")
        with sitting.captions.open("rb") as stream:
            text = stream.read().decode("utf-8")
        return self._download(request, text, "text/vtt", "vtt", f"-{number}")

    def _download(self, request, text: str, content_type: str, extension: str, suffix: str = ""):
        response = HttpResponse(text, content_type=f"{content_type}; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.slug}{suffix}.{extension}"'
        return mark_for_visitors(request, response)


def _segment_at(segments, second):
    if second is None:
        return None
    current = None
    for segment in segments:
        if segment.start <= second:
            current = segment
    return current


class InterviewSitting(Orderable):
    """One sitting (场次) of an interview: its recording, the day, its captions and its length."""

    page = ParentalKey(InterviewPage, on_delete=models.CASCADE, related_name="sittings")
    media = models.ForeignKey(
        "wagtailmedia.Media",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="录音或录像",
        help_text="MP3、M4A 或 MP4（H.264 + AAC）。",
    )
    recorded_on = models.DateField("日期", null=True, blank=True)
    captions = models.FileField(
        "字幕",
        upload_to=interview_caption_upload_to,
        max_length=255,
        blank=True,
        help_text="WebVTT（.vtt）或 SRT（.srt），SRT 会自动转为 WebVTT。",
    )
    duration = models.PositiveIntegerField("时长（秒）", null=True, blank=True, help_text="留空时从文件读取。")

    panels = [
        MediaChooserPanel("media"),
        FieldRowPanel([FieldPanel("recorded_on"), FieldPanel("duration")]),
        FieldPanel("captions"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "场次"
        verbose_name_plural = "场次"

    def __str__(self):
        return f"{self.recorded_on or ''} {self.media or ''}".strip() or "场次"

    def clean(self):
        super().clean()
        if self.captions and not self.captions._committed:
            self.store_captions_as_webvtt()

    def save(self, *args, **kwargs):
        if not self.duration:
            self.duration = self.duration_from_file()
        super().save(*args, **kwargs)

    def duration_from_file(self) -> int | None:
        """The recording's length: what the upload check read (media/signals.py), else read now with PyAV."""
        media = self.media if self.media_id else None
        if media is None:
            return None
        if media.duration:
            return round(media.duration)
        try:
            with video.local_path(media.file) as local:
                seconds = video.probe(local).duration
        except (video.VideoError, OSError):
            return None
        return round(seconds) or None

    def store_captions_as_webvtt(self) -> None:
        self.captions.open("rb")
        try:
            data = self.captions.read()
        finally:
            self.captions.seek(0)
        try:
            vtt, _cues = caption_files.normalise(data)
        except caption_files.CaptionError as error:
            raise ValidationError({"captions": str(error)}) from None
        stem = os.path.splitext(os.path.basename(self.captions.name))[0] or "captions"
        self.captions.save(f"{stem}.vtt", ContentFile(vtt.encode("utf-8")), save=False)

    @classmethod
    def withholds_upload(cls, name: str) -> bool:
        """Whether an uploaded file is the recording or captions of a sitting: those reach the public only through
        their interview page's recording/ and captions/ addresses, which ask access.py first."""
        if not name.startswith(INTERVIEW_FILE_FOLDERS):  # images and their renditions: no query
            return False
        return cls.objects.filter(models.Q(media__file=name) | models.Q(captions=name)).exists()

    @property
    def is_video(self) -> bool:
        return bool(self.media_id) and self.media.type == "video"

    def media_type(self) -> str:
        extension = os.path.splitext(self.media.file.name)[1].lower() if self.media_id else ""
        return {
            ".mp3": "audio/mpeg",
            ".m4a": "audio/mp4",
            ".ogg": "audio/ogg",
            ".wav": "audio/wav",
            ".webm": "video/webm" if self.is_video else "audio/webm",
        }.get(extension, "video/mp4" if self.is_video else "audio/mp4")

    @property
    def duration_label(self) -> str:
        return format_clock(self.duration) if self.duration else ""


class InterviewSegment(Orderable, ClusterableModel):
    """A passage of one sitting, from its start second, with what is said in it and its own access level."""

    page = ParentalKey(InterviewPage, on_delete=models.CASCADE, related_name="segments")
    sitting = models.PositiveSmallIntegerField("场次", default=1, help_text="第几场（1 为第一场）。")
    start = models.PositiveIntegerField(
        "开始（秒）", default=0, help_text="从这一场开头算起的秒数，如 754（即 12:34）。"
    )
    title = models.CharField("标题", max_length=200)
    synopsis = models.TextField("内容摘要", blank=True)
    keywords = models.CharField("关键词", max_length=300, blank=True, help_text="用顿号或分号隔开。")
    honorees = ParentalManyToManyField(
        "archive.Honoree", blank=True, related_name="interview_segments", verbose_name="提到的劳模"
    )
    places = models.CharField("地点", max_length=300, blank=True, help_text="用顿号隔开，如“东四南大街、小汤山”。")
    years = models.CharField("年份", max_length=120, blank=True, help_text="用顿号隔开，如“1956、2020”。")
    transcript = models.TextField("文字稿（节选）", blank=True)
    access = models.CharField("开放程度", max_length=10, choices=rules.CHOICES, default=rules.PUBLIC)
    closed_until = models.DateField("不公开至", null=True, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("sitting"), FieldPanel("start")]),
        FieldPanel("title"),
        FieldPanel("synopsis"),
        FieldPanel("keywords"),
        FieldPanel("honorees", widget=HonoreeMultipleChooser),
        FieldRowPanel([FieldPanel("places"), FieldPanel("years")]),
        FieldPanel("transcript"),
        FieldRowPanel([FieldPanel("access"), FieldPanel("closed_until")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "访谈段落"
        verbose_name_plural = "访谈段落"

    def __str__(self):
        return f"{clock(self.start)} {self.title}"

    def clean(self):
        super().clean()
        errors = {}
        if self.access == rules.CLOSED and not self.closed_until:
            errors["closed_until"] = "选“到期前不公开”时，请填写到哪一天为止。"
        if self.sitting < 1:
            errors["sitting"] = "场次从 1 开始。"
        bad = [year for year in self.year_list(strict=False) if not (year.isdigit() and 1900 <= int(year) <= 2100)]
        if bad:
            errors["years"] = f"年份“{bad[0]}”无法识别：请写四位数字，用顿号隔开。"
        if errors:
            raise ValidationError(errors)

    def year_list(self, strict: bool = True) -> list[str]:
        years = [y.strip() for y in _split(self.years)]
        return [y for y in years if y.isdigit()] if strict else years

    def keyword_list(self) -> list[str]:
        return _split(self.keywords)

    def place_list(self) -> list[str]:
        return _split(self.places)

    @property
    def clock(self) -> str:
        return clock(self.start)

    @property
    def label(self) -> str:
        return format_clock(self.start)

    def heading(self, many_sittings: bool) -> str:
        return f"第{self.sitting}场 {self.clock}" if many_sittings else self.clock


def _split(value: str) -> list[str]:
    return [
        part.strip()
        for part in (value or "").replace("；", "、").replace(";", "、").replace("，", "、").split("、")
        if part.strip()
    ]
