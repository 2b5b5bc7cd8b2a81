"""Honoree records, honours, awards and the taxonomies they are filed under."""

from django.db import models
from django.db.models import Q
from django.urls import reverse

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.models import DraftStateMixin, LockableMixin, PreviewableMixin, RevisionMixin, WorkflowMixin
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from core.i18n import is_default_language

from .names import missing_stroke_chars, read_name, stroke_count, stroke_sort_key


class Level(models.TextChoices):
    NATIONAL = "national", "全国"
    MUNICIPAL = "municipal", "北京市"
    SECTOR = "sector", "系统/行业"


class Kind(models.TextChoices):
    PERSON = "person", "个人"
    COLLECTIVE = "collective", "集体"


class Gender(models.TextChoices):
    MALE = "male", "男"
    FEMALE = "female", "女"


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs separated by a blank line; text without blank lines is read one paragraph per line."""
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()] or (
        [line.strip() for line in text.splitlines() if line.strip()]
    )


def english_name_field():
    return models.CharField(
        "英文名称",
        max_length=120,
        blank=True,
        help_text="英文版网站显示的名称，如 Dongcheng District；留空时显示中文名称。",
    )


class EnglishNamed:
    """Pages show `display_name`: on the English site the English name, where one is filled in."""

    @property
    def display_name(self) -> str:
        if self.name_en and not is_default_language():
            return self.name_en
        return self.name


class Taxonomy(EnglishNamed, models.Model):
    name = models.CharField("名称", max_length=60, unique=True)
    name_en = english_name_field()
    slug = models.SlugField("网址标识", max_length=80, unique=True, allow_unicode=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=100)

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class District(Taxonomy):
    is_current = models.BooleanField("现行区划", default=True, help_text="崇文区、宣武区等历史区划取消勾选。")

    class Meta(Taxonomy.Meta):
        verbose_name = "所属区"
        verbose_name_plural = "所属区"


class Industry(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = "行业"
        verbose_name_plural = "行业"


class Honour(EnglishNamed, models.Model):
    name = models.CharField("荣誉名称", max_length=60, unique=True)
    name_en = english_name_field()
    level = models.CharField("级别", max_length=12, choices=Level.choices)
    for_kind = models.CharField("授予对象", max_length=12, choices=Kind.choices, default=Kind.PERSON)
    slug = models.SlugField("网址标识", max_length=80, unique=True, allow_unicode=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=100)
    description = models.TextField("说明", blank=True)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "荣誉"
        verbose_name_plural = "荣誉"

    def __str__(self):
        return self.name


class HonourAlias(models.Model):
    """Spreadsheet spellings such as 全国劳模 that mean a known honour; editable by archivists."""

    alias = models.CharField("别名", max_length=60, unique=True)
    honour = models.ForeignKey(Honour, on_delete=models.CASCADE, related_name="aliases", verbose_name="对应荣誉")

    class Meta:
        ordering = ["alias"]
        verbose_name = "荣誉别名"
        verbose_name_plural = "荣誉别名"

    def __str__(self):
        return f"{self.alias} → {self.honour.name}"


class HonoreeQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def public(self):
        """Published and not withdrawn: the only records any public page, API, index or wall may show."""
        return self.filter(live=True, withdrawn=False)

    def real(self):
        return self.filter(is_synthetic=False)

    def in_dictionary_order(self):
        return self.order_by("stroke_key", "external_id")


PRIVATE_FIELDS = ("contact_info", "health_notes", "archivist_notes")


class Honoree(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, PreviewableMixin, index.Indexed, ClusterableModel
):
    external_id = models.CharField(
        "编号", max_length=40, unique=True, help_text="稳定编号，发布后不再改变，用于网址与导入。"
    )
    kind = models.CharField("类别", max_length=12, choices=Kind.choices, default=Kind.PERSON)
    name = models.CharField("姓名/名称", max_length=120)
    gender = models.CharField("性别", max_length=8, choices=Gender.choices, blank=True)
    ethnicity = models.CharField("民族", max_length=20, blank=True)
    birth_year = models.PositiveSmallIntegerField("出生年份", null=True, blank=True)
    death_year = models.PositiveSmallIntegerField("逝世年份", null=True, blank=True)
    native_place = models.CharField("籍贯", max_length=60, blank=True)
    employer = models.CharField("工作单位", max_length=200, blank=True, help_text="获得荣誉时的工作单位")
    title = models.CharField("职务职称", max_length=120, blank=True)
    industry = models.ForeignKey(
        Industry, null=True, blank=True, on_delete=models.SET_NULL, related_name="honorees", verbose_name="行业"
    )
    district = models.ForeignKey(
        District, null=True, blank=True, on_delete=models.SET_NULL, related_name="honorees", verbose_name="所属区"
    )
    photo = models.ForeignKey(
        "media.SiteImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="照片"
    )
    biography = models.TextField("事迹", blank=True, help_text="主要事迹，段落之间空一行。")
    # The English site shows these where filled in, and the Chinese text with a note where not.
    employer_en = models.CharField(
        "工作单位（英文）", max_length=200, blank=True, help_text="英文版网站显示的工作单位；留空时显示中文。"
    )
    biography_en = models.TextField(
        "事迹（英文）", blank=True, help_text="英文版网站显示的主要事迹，段落之间空一行；留空时显示中文事迹并加说明。"
    )

    # Private: never on a public page, API response or search index (see PRIVATE_FIELDS and tests).
    contact_info = models.TextField("联系方式（内部）", blank=True)
    health_notes = models.TextField("健康与疗休养记录（内部）", blank=True)
    archivist_notes = models.TextField("资料来源与档案备注（内部）", blank=True)

    withdrawn = models.BooleanField(
        "撤下公开展示", default=False, help_text="如应家属要求：从所有公开页面、接口、索引和名录墙撤下，档案保留。"
    )
    withdrawn_reason = models.CharField("撤下原因（内部）", max_length=200, blank=True)
    is_synthetic = models.BooleanField("示例数据", default=False, editable=False)

    # Computed from the name on save.
    surname = models.CharField("姓氏", max_length=4, blank=True, editable=False)
    name_pinyin = models.CharField("拼音", max_length=400, blank=True, editable=False, db_index=True)
    pinyin_display = models.CharField("拼音（带声调）", max_length=400, blank=True, editable=False)
    name_initials = models.CharField("拼音首字母", max_length=60, blank=True, editable=False, db_index=True)
    initial = models.CharField("首字母", max_length=1, blank=True, editable=False)
    surname_strokes = models.PositiveSmallIntegerField("姓氏笔画", null=True, blank=True, editable=False)
    stroke_key = models.CharField("笔画排序键", max_length=1400, blank=True, editable=False)
    missing_strokes = models.CharField("缺少笔画数据的字", max_length=60, blank=True, editable=False)
    first_award_year = models.PositiveSmallIntegerField("首次获奖年份", null=True, blank=True, editable=False)

    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = HonoreeQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("external_id"), FieldPanel("kind")]),
                FieldPanel("name"),
                FieldRowPanel([FieldPanel("gender"), FieldPanel("ethnicity")]),
                FieldRowPanel([FieldPanel("birth_year"), FieldPanel("death_year")]),
                FieldPanel("native_place"),
            ],
            heading="基本信息",
        ),
        MultiFieldPanel(
            [
                FieldPanel("employer"),
                FieldPanel("title"),
                FieldRowPanel([FieldPanel("industry"), FieldPanel("district")]),
            ],
            heading="单位与行业",
        ),
        FieldPanel("photo"),
        InlinePanel(
            "awards",
            heading="荣誉",
            label="荣誉",
            help_text="按获奖年份排列，年份待考的排在最后；同一年份（或年份待考）的几项荣誉，用“上移”“下移”排定先后。",
        ),
        FieldPanel("biography"),
        MultiFieldPanel(
            [FieldPanel("employer_en"), FieldPanel("biography_en")],
            heading="English / 英文",
            help_text="英文版网站（/en/）显示的内容。未填写时，英文页面显示中文原文并注明尚无英文翻译。",
        ),
    ]
    private_panels = [
        FieldPanel("contact_info"),
        FieldPanel("health_notes"),
        FieldPanel("archivist_notes"),
        FieldRowPanel([FieldPanel("withdrawn"), FieldPanel("withdrawn_reason")]),
    ]
    edit_handler = TabbedInterface(
        [ObjectList(panels, heading="公开信息"), ObjectList(private_panels, heading="内部与撤下")]
    )

    search_fields = [
        index.SearchField("name", boost=5),
        index.AutocompleteField("name"),
        index.SearchField("name_pinyin", boost=2),
        index.AutocompleteField("name_pinyin"),
        index.SearchField("name_initials"),
        index.SearchField("employer"),
        index.SearchField("biography"),
        index.FilterField("kind"),
        index.FilterField("live"),
        index.FilterField("withdrawn"),
        index.FilterField("external_id"),
    ]

    class Meta:
        verbose_name = "劳模档案"
        verbose_name_plural = "劳模档案"
        ordering = ["stroke_key", "external_id"]
        indexes = [
            models.Index(fields=["live", "withdrawn", "stroke_key", "external_id"], name="honoree_public_order"),
            # The same order for public records only. Django writes live=True as a bare `"live"` on SQLite, which
            # cannot use the index above for a range or an ORDER BY; this partial index serves dictionary pages
            # deep in the list and the previous/next entry (140 ms → under 1 ms at 100,000 records).
            models.Index(
                fields=["stroke_key", "external_id"],
                condition=models.Q(live=True, withdrawn=False),
                name="honoree_public_stroke",
            ),
            models.Index(fields=["initial", "stroke_key"], name="honoree_initial"),
            models.Index(fields=["surname_strokes", "stroke_key"], name="honoree_strokes"),
            models.Index(fields=["first_award_year"], name="honoree_first_year"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(death_year__isnull=True)
                | Q(birth_year__isnull=True)
                | Q(death_year__gte=models.F("birth_year")),
                name="honoree_death_after_birth",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def is_person(self) -> bool:
        return self.kind == Kind.PERSON

    @property
    def is_public(self) -> bool:
        return self.live and not self.withdrawn

    def compute_name_fields(self) -> None:
        reading = read_name(self.name, self.is_person)
        self.surname = reading.surname
        self.name_pinyin = reading.pinyin
        self.pinyin_display = reading.pinyin_display
        self.name_initials = reading.initials
        self.initial = reading.initials[:1].upper() if reading.initials else "#"
        first_char = (self.surname or self.name.strip())[:1]
        self.surname_strokes = stroke_count(first_char) if first_char else None
        self.stroke_key = stroke_sort_key(self.name, self.is_person)
        self.missing_strokes = missing_stroke_chars(self.name)

    def save(self, *args, **kwargs):
        self.compute_name_fields()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = set(update_fields) | {
                "surname",
                "name_pinyin",
                "pinyin_display",
                "name_initials",
                "initial",
                "surname_strokes",
                "stroke_key",
                "missing_strokes",
            }
        super().save(*args, **kwargs)

    def refresh_first_award_year(self) -> None:
        years = [award.year for award in self.awards.all() if award.year]
        first = min(years) if years else None
        if first != self.first_award_year:
            Honoree.objects.filter(pk=self.pk).update(first_award_year=first)
            self.first_award_year = first

    @classmethod
    def get_indexed_objects(cls):
        # Only public records are ever indexed; archivists search the admin with the database instead.
        return cls.objects.public()

    def get_absolute_url(self) -> str:
        return reverse("archive:entry", args=[self.external_id])

    def get_url(self, request=None) -> str:
        return self.get_absolute_url()

    @property
    def paragraphs(self) -> list[str]:
        return split_paragraphs(self.biography)

    @property
    def biography_in_english(self) -> bool:
        """Whether the biography shown is an English one (on the English site, where an editor has written it)."""
        return bool(self.biography_en.strip()) and not is_default_language()

    @property
    def display_paragraphs(self) -> list[str]:
        """The biography in the visitor's language where there is one, otherwise the Chinese."""
        return split_paragraphs(self.biography_en) if self.biography_in_english else self.paragraphs

    @property
    def label_name(self) -> str:
        """The name where it cannot be marked as Chinese (a QR code's accessible label): on the English site in
        toned pinyin, which is Latin script."""
        if self.pinyin_display and not is_default_language():
            return self.pinyin_display
        return self.name

    @property
    def display_employer(self) -> str:
        if self.employer_en and not is_default_language():
            return self.employer_en
        return self.employer

    def get_preview_template(self, request, mode_name):
        return "archive/entry.html"

    def get_preview_context(self, request, mode_name):
        return {"honoree": self, "awards": self.awards.all(), "is_preview": True}


class Award(models.Model):
    honoree = ParentalKey(Honoree, on_delete=models.CASCADE, related_name="awards", verbose_name="劳模")
    honour = models.ForeignKey(Honour, on_delete=models.PROTECT, related_name="awards", verbose_name="荣誉")
    year = models.PositiveSmallIntegerField(
        "获奖年份", null=True, blank=True, help_text="资料未载明年份时留空（显示为“年份待考”）。"
    )

    # The archivist's order (the InlinePanel's move buttons), which decides between awards of the same year.
    sort_order = models.IntegerField(null=True, blank=True, editable=False)
    sort_order_field = "sort_order"

    panels = [FieldRowPanel([FieldPanel("year"), FieldPanel("honour")])]

    class Meta:
        # A timeline everywhere (entry, cards, API, export, admin): by year, then as arranged. Plain names only:
        # modelcluster sorts unsaved awards by these in Python (the entry page puts undated ones last itself).
        ordering = ["year", "sort_order", "honour__sort_order"]
        verbose_name = "获奖记录"
        verbose_name_plural = "获奖记录"
        constraints = [
            models.UniqueConstraint(fields=["honoree", "honour", "year"], name="award_unique"),
            # NULLs are never equal, so an undated award needs its own rule against duplicates.
            models.UniqueConstraint(
                fields=["honoree", "honour"], condition=Q(year__isnull=True), name="award_unique_undated"
            ),
        ]
        indexes = [models.Index(fields=["year", "honour"], name="award_year_honour")]

    def __str__(self):
        return f"{self.year} {self.honour}"
