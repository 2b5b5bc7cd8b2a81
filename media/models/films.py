"""劳模微电影: films (uploaded video or an external player), their captions and themes.

The films index page is in film_index.py: it lists these films through film_gallery.py, which reads them here.
"""

import datetime
import io
import logging
import os

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.forms import CheckboxSelectMultiple
from django.utils.functional import cached_property

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.utils.file import hash_filelike
from wagtailmedia.edit_handlers import MediaChooserPanel

from archive.names import pinyin_slug
from archive.related import RelatedHonoreesMixin
from archive.widgets import HonoreeMultipleChooser
from core.sharing import SharedPageMixin
from core.slugs import PinyinSlugMixin

from .. import captions as caption_files
from ..embeds import check_film_url, find_player, provider_name, watch_url
from ..timecodes import format_clock, parse_chapters, parse_transcript
from .images import SiteImage

logger = logging.getLogger(__name__)


class FilmTheme(models.Model):
    """A theme films are grouped by on the films index (大国工匠, 抗疫一线, 冬奥保障…)."""

    name = models.CharField("主题", max_length=40, unique=True)
    slug = models.SlugField(
        "网址名", max_length=80, unique=True, blank=True, help_text="用于筛选链接；留空时由主题名的拼音生成。"
    )
    description = models.TextField("说明", blank=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0, help_text="数字小的排在前面。")

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "微电影主题"
        verbose_name_plural = "微电影主题"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = pinyin_slug(self.name)
        super().save(*args, **kwargs)


LANGUAGES = [("zh-Hans", "简体中文"), ("zh-Hant", "繁體中文"), ("en", "English")]


def caption_upload_to(instance, filename):
    return f"captions/{filename}"


class FilmPageForm(WagtailAdminPageForm):
    """The film's admin form. A draft may hold any video; publishing it, or sending it for review, needs one
    that plays (Wagtail defers this check, like required fields, only when an editor saves a draft)."""

    def clean(self):
        cleaned_data = super().clean()
        video = cleaned_data.get("video")
        if video is not None and not self.is_deferred_validation:
            reason = unplayable_reason(video)
            if reason:
                self.add_error("video", f"这个视频无法播放，影片不能发布：{reason}请重新上传视频，或改填外部视频网址。")
                cleaned_data["video"] = video  # still chosen: the model must not also report "no video"
        return cleaned_data


class FilmPage(PinyinSlugMixin, SharedPageMixin, RelatedHonoreesMixin, Page):
    share_image_field = "poster"  # what WeChat and Open Graph readers show (core/share_image.py checks ≥ 300 px)

    search_kind = "film"

    summary = models.TextField("简介", max_length=600, help_text="两三句话：讲了谁、讲了什么。显示在列表和搜索结果里。")
    video = models.ForeignKey(
        "wagtailmedia.Media",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"type": "video"},
        verbose_name="视频文件",
        help_text="上传到本站的视频（MP4：H.264 + AAC 最通用）。",
    )
    embed_url = models.URLField(
        "外部视频网址",
        max_length=500,
        blank=True,
        help_text="哔哩哔哩、腾讯视频、优酷等视频页面的网址。能嵌入的显示播放器，否则显示链接。",
    )
    poster = models.ForeignKey(
        SiteImage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="海报",
        help_text="16:9 横图为宜。上传视频且留空时，发布时自动截取视频画面。",
    )
    year = models.PositiveSmallIntegerField(
        "年份", null=True, blank=True, validators=[MinValueValidator(1949), MaxValueValidator(2100)]
    )
    director = models.CharField("导演", max_length=120, blank=True)
    producer = models.CharField("出品/摄制", max_length=200, blank=True)
    duration = models.DurationField(
        "时长", null=True, blank=True, help_text="如 12:34（分:秒）或 1:02:03。上传视频后可自动读取。"
    )
    themes = ParentalManyToManyField(FilmTheme, blank=True, related_name="films", verbose_name="主题")
    honorees = ParentalManyToManyField("archive.Honoree", blank=True, related_name="films", verbose_name="片中劳模")
    chapters = models.TextField(
        "章节", blank=True, help_text="每行一章，以时间开头，如“00:00 开篇”“02:15 小汤山的夜晚”。访客点时间即可跳转。"
    )
    transcript = models.TextField(
        "文字稿",
        blank=True,
        help_text="每行一句，以时间开头，如“00:12 他们全力确保老百姓不停电”；没有时间的行接在上一句后面。"
        "文字稿显示在播放器下方，也能被站内搜索找到。",
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                MediaChooserPanel("video", media_type="video"),
                FieldPanel("embed_url"),
                HelpPanel(template="media/panels/film_source_status.html", heading="视频检查"),
            ],
            heading="影片（上传视频或填写外部网址，二选一）",
        ),
        FieldPanel("poster"),
        FieldRowPanel([FieldPanel("year"), FieldPanel("duration")]),
        FieldRowPanel([FieldPanel("director"), FieldPanel("producer")]),
        FieldPanel("themes", widget=CheckboxSelectMultiple),
        FieldPanel("honorees", widget=HonoreeMultipleChooser),
        InlinePanel("captions", heading="字幕", label="字幕文件"),
        FieldPanel("chapters"),
        FieldPanel("transcript"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("transcript"),
        index.SearchField("people_and_themes"),
        index.SearchField("director"),
        index.SearchField("producer"),
        index.FilterField("year"),
    ]
    parent_page_types = ["media.FilmIndexPage"]
    subpage_types = []
    base_form_class = FilmPageForm

    class Meta:
        verbose_name = "劳模微电影"
        verbose_name_plural = "劳模微电影"  # not Django's "劳模微电影s" in the film list

    # --- validation and automatic values --------------------------------
    def clean(self):
        super().clean()
        errors = {}
        has_video, has_embed = bool(self.video_id), bool((self.embed_url or "").strip())
        if not has_video and not has_embed:
            message = "请选择上传的视频文件，或填写外部视频网址（二选一）。"
            errors.update(video=message, embed_url=message)
        elif has_video and has_embed:
            message = "视频文件和外部视频网址只能填一个：请清空其中一个。"
            errors.update(video=message, embed_url=message)
        elif has_video and self.video.type != "video":
            errors["video"] = "请选择视频文件，而不是音频。"
        elif has_embed:
            try:
                check_film_url(self.embed_url)
            except ValidationError as error:
                errors["embed_url"] = error.messages
        for field, parse in (("transcript", parse_transcript), ("chapters", parse_chapters)):
            try:
                parse(getattr(self, field))
            except ValidationError as error:
                errors[field] = error.messages
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.fill_from_video()
        super().save(*args, **kwargs)

    def fill_from_video(self) -> None:
        """Duration and poster from the uploaded video (read with PyAV on upload) when the editor left them empty."""
        video = self.video if self.video_id else None
        if video is None:
            return
        if not self.duration and video.duration:
            self.duration = datetime.timedelta(seconds=round(video.duration))
        if not self.poster_id and video.thumbnail:
            self.poster = poster_from_video(video, self.title)

    # --- what editors are told about the video ---------------------------
    def video_check(self):
        """The last check of the video's current file (media/signals.py), or None when it has not been checked."""
        if not self.video_id:
            return None
        try:
            check = self.video.video_check  # select_related("video__video_check") in lists
        except VideoCheck.DoesNotExist:
            return None
        return check if check.file_name == self.video.file.name else None

    def media_problems(self) -> list[str]:
        """What is wrong with the uploaded video, in Chinese, for the admin's list and edit view; [] when nothing.

        The public page plays the file whatever this says; the reasons are for editors to fix."""
        if not self.video_id:
            return []
        check = self.video_check()
        if check is None:
            return ["视频还没有检查过：请运行 python manage.py probe_videos，或重新上传视频。"]
        if check.error:
            return [check.error]
        problems = [check.codec_problem] if check.codec_problem else []
        if not self.duration:
            problems.append(check.duration_problem or "没有时长：请在“时长”一栏填写。")
        if not self.poster_id:
            problems.append(check.poster_problem or "没有海报：请上传海报。")
        return problems

    # --- what templates read --------------------------------------------
    def people_and_themes(self) -> str:
        names = [h.name for h in self.public_honorees()] + [t.name for t in self.themes.all()]
        return " ".join(names)

    @cached_property
    def transcript_lines(self):
        try:
            return parse_transcript(self.transcript)
        except ValidationError:
            return []

    @cached_property
    def chapter_list(self):
        try:
            return parse_chapters(self.chapters)
        except ValidationError:
            return []

    @cached_property
    def player(self):
        """The embedded player (a Wagtail Embed) for an external film, or None for a plain link."""
        return find_player(self.embed_url) if self.embed_url and not self.video_id else None

    @property
    def embed_provider(self) -> str:
        return provider_name(self.embed_url) if self.embed_url else ""

    @property
    def watch_url(self) -> str:
        """Where the button sends visitors: the external film's own page, rebuilt from its id."""
        return watch_url(self.embed_url) if self.embed_url else ""

    @property
    def can_seek(self) -> bool:
        """Timestamps seek only our own <video>; an embedded player from another site cannot be driven."""
        return bool(self.video_id)

    @property
    def duration_label(self) -> str:
        return format_clock(self.duration.total_seconds()) if self.duration else ""

    @property
    def duration_iso(self) -> str:
        if not self.duration:
            return ""
        minutes, seconds = divmod(int(self.duration.total_seconds()), 60)
        return f"PT{minutes}M{seconds}S"

    def video_type(self) -> str:
        extension = os.path.splitext(self.video.file.name)[1].lower() if self.video_id else ""
        return {".webm": "video/webm", ".mov": "video/quicktime"}.get(extension, "video/mp4")

    def poster_url(self) -> str:
        """One picture for <video poster>, which takes no srcset: WebP at most 1280 pixels wide."""
        if self.poster_id:
            return self.poster.get_rendition("max-1280x1280|format-webp|webpquality-75").url
        if self.video_id and self.video.thumbnail:
            return self.video.thumbnail.url
        return ""

    def structured_data(self, request, poster_url: str) -> dict:
        """schema.org VideoObject, so search engines show the film with its poster, length and transcript."""
        data = {
            "@context": "https://schema.org",
            "@type": "VideoObject",
            "name": self.title,
            "description": self.summary,
            "inLanguage": "zh-Hans",
        }
        if poster_url:
            data["thumbnailUrl"] = request.build_absolute_uri(poster_url)
        if self.first_published_at:
            data["uploadDate"] = self.first_published_at.isoformat()
        if self.duration:
            data["duration"] = self.duration_iso
        if self.video_id:
            data["contentUrl"] = request.build_absolute_uri(self.video.url)
        elif self.player:
            data["embedUrl"] = self.embed_url
        if self.transcript_lines:
            data["transcript"] = "\n".join(line.text for line in self.transcript_lines)
        return data

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        poster_url = self.poster_url()
        tracks = [caption for caption in self.captions.all() if caption.file]
        context.update(
            honorees=list(self.public_honorees()),
            caption_tracks=tracks,
            # Tracks from another origin (an S3 store) load only with CORS: the bucket must allow our origin.
            cross_origin=bool(tracks) and tracks[0].file.url.startswith(("http://", "https://", "//")),
            poster_url=poster_url,
            structured_data=self.structured_data(request, poster_url),
        )
        return context


def poster_from_video(video, film_title: str) -> SiteImage | None:
    """A SiteImage made from the video's poster frame; the same frame always gives the same image."""
    try:
        with video.thumbnail.open("rb") as stream:
            data = stream.read()
    except OSError as error:
        logger.warning("Cannot read the poster frame of video %s: %s", video.pk, error)
        return None
    digest = hash_filelike(io.BytesIO(data))
    existing = SiteImage.objects.filter(file_hash=digest).first()
    if existing:
        return existing
    image = SiteImage(
        title=f"《{film_title}》视频截图",
        description=f"微电影《{film_title}》的一帧视频画面",
        credit="视频截图（自动截取）",
    )
    image.file = ImageFile(io.BytesIO(data), name=f"film-poster-{video.pk}.jpg")
    image._set_image_file_metadata()
    image.save()
    return image


def unplayable_reason(video) -> str:
    """Why no browser will play this video item ("" when one may): its file is gone, or the check could not
    read it at all. Unusual codecs and a missing poster or duration do not stop a film from playing."""
    if not video.file or not video.file.storage.exists(video.file.name):
        return "视频文件不在存储里（可能已被删除）。"
    check = VideoCheck.objects.filter(media=video, file_name=video.file.name).first()
    return check.error if check else ""


class VideoCheck(models.Model):
    """What reading an uploaded video found (media/signals.py), kept for editors: each film using the video
    shows it in the admin. One row per video, for the file it was last checked with."""

    media = models.OneToOneField(
        "wagtailmedia.Media",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="video_check",
        verbose_name="视频",
    )
    file_name = models.CharField("检查的文件", max_length=255)
    checked_at = models.DateTimeField("检查时间", auto_now=True)
    found = models.CharField(
        "读到的内容", max_length=200, blank=True, help_text="如“H.264 视频 + AAC 音频，640×360，8 秒”。"
    )
    error = models.TextField("无法读取的原因", blank=True, help_text="不为空时浏览器多半也无法播放，影片不能发布。")
    codec_problem = models.CharField("编码问题", max_length=300, blank=True)
    duration_problem = models.CharField("时长问题", max_length=300, blank=True)
    poster_problem = models.CharField("海报问题", max_length=300, blank=True)

    class Meta:
        verbose_name = "视频检查结果"
        verbose_name_plural = "视频检查结果"

    def __str__(self):
        return f"{self.file_name}：{'；'.join(self.problems()) or '正常'}"

    def problems(self) -> list[str]:
        return [p for p in (self.error, self.codec_problem, self.duration_problem, self.poster_problem) if p]


class Caption(Orderable):
    """A caption file of a film: WebVTT as uploaded, or SRT converted to WebVTT when the form is checked."""

    page = ParentalKey(FilmPage, on_delete=models.CASCADE, related_name="captions")
    language = models.CharField("语言", max_length=12, choices=LANGUAGES, default="zh-Hans")
    label = models.CharField("名称", max_length=60, default="中文字幕", help_text="显示在播放器的字幕菜单里。")
    file = models.FileField(
        "字幕文件",
        upload_to=caption_upload_to,
        max_length=255,
        help_text="WebVTT（.vtt）或 SRT（.srt），UTF-8 或 GBK 编码。SRT 会自动转为 WebVTT。第一个字幕默认打开。",
    )

    panels = [FieldRowPanel([FieldPanel("language"), FieldPanel("label")]), FieldPanel("file")]

    class Meta(Orderable.Meta):
        verbose_name = "字幕"
        verbose_name_plural = "字幕"

    def __str__(self):
        return self.label

    def clean(self):
        super().clean()
        if self.file and not self.file._committed:
            self.store_as_webvtt()

    def store_as_webvtt(self) -> None:
        """Check a new upload and store it as WebVTT now, so drafts and revisions point at a real file."""
        self.file.open("rb")
        try:
            data = self.file.read()
        finally:
            self.file.seek(0)
        try:
            vtt, _cues = caption_files.normalise(data)
        except caption_files.CaptionError as error:
            raise ValidationError({"file": str(error)}) from None
        stem = os.path.splitext(os.path.basename(self.file.name))[0] or "captions"
        self.file.save(f"{stem}.vtt", ContentFile(vtt.encode("utf-8")), save=False)
