"""Corrections and contributions (勘误与补充) sent by relatives, colleagues, unions and other readers.

A submission names what it is about — a dictionary entry (``honoree``), any page (``page``: a film, a story…),
a name's place on a name wall (``page`` is the wall, ``wall_name`` the honoree whose place it is, ``place`` the
panel, column and row), or a free ``place`` text — and waits in the admin review queue.
The sender's name, contact and email are private: no public page, API or search index ever shows them.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

# Never shown outside the admin review page (see tests/participation/test_privacy.py).
PRIVATE_FIELDS = ("sender_name", "contact", "email")


@deconstructible
class EvidenceStorage(FileSystemStorage):
    """Files in LAOMO_CORRECTIONS_EVIDENCE_DIR, which has no URL: they are only read through the admin.

    The folder is read from the settings on each use (not frozen when the model is imported), so tests and
    deployments can move it.
    """

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return str(settings.LAOMO_CORRECTIONS_EVIDENCE_DIR)

    @property
    def location(self):
        return str(settings.LAOMO_CORRECTIONS_EVIDENCE_DIR)

    def url(self, name):
        raise ValueError("Correction evidence is private and has no public URL.")


evidence_storage = EvidenceStorage()


class Correction(models.Model):
    class Status(models.TextChoices):
        NEW = "new", "待处理"
        ACCEPTED = "accepted", "已采纳"
        REJECTED = "rejected", "未采纳"
        NEEDS_MORE_INFO = "needs_more_info", "待补充"

    # Kind and Relation are the public form's radio buttons, hence translated.
    class Kind(models.TextChoices):
        ERROR = "error", _("内容有误")
        ADDITION = "addition", _("补充资料（照片、事迹等）")

    class Relation(models.TextChoices):
        SELF = "self", _("本人")
        FAMILY = "family", _("家属或亲属")
        COLLEAGUE = "colleague", _("同事或老同事")
        UNION = "union", _("工会或所在单位")
        RESEARCHER = "researcher", _("教师或研究者")
        OTHER = "other", _("其他读者")

    # NULL until the row has its number (set right after the insert); blank strings could not all be unique.
    reference = models.CharField("编号", max_length=20, unique=True, null=True, editable=False)  # noqa: DJ001
    honoree = models.ForeignKey(
        "archive.Honoree",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="corrections",
        verbose_name="劳模条目",
    )
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="页面"
    )
    place = models.CharField("具体位置", max_length=200, blank=True, help_text="如劳模墙的哪一块石碑、第几行。")
    # With ``page`` a name wall: whose place on it the submission is about (the place itself is ``place``).
    wall_name = models.ForeignKey(
        "archive.Honoree",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="墙上的名字",
    )
    # What the target was called when the submission came in, in case it is renamed or deleted later.
    target_title = models.CharField("涉及内容", max_length=255, blank=True)
    target_path = models.CharField("涉及页面地址", max_length=500, blank=True)

    kind = models.CharField("类型", max_length=12, choices=Kind.choices, default=Kind.ERROR)
    what_wrong = models.TextField("哪里有误或缺少什么", max_length=2000)
    suggested_text = models.TextField("建议的文字", max_length=5000, blank=True)
    relation = models.CharField("与劳模的关系", max_length=12, choices=Relation.choices)
    relation_detail = models.CharField("关系说明", max_length=60, blank=True)

    # Private (PRIVATE_FIELDS).
    sender_name = models.CharField("称呼（内部）", max_length=60, blank=True)
    contact = models.CharField("联系方式（内部）", max_length=200, blank=True)
    email = models.EmailField("电子邮箱（内部）", blank=True)

    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.NEW, db_index=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="处理人",
    )
    reviewer_message = models.TextField("给提交人的说明", blank=True)
    decided_at = models.DateTimeField("处理时间", null=True, blank=True)
    # The published revision of the honoree or page that carried the accepted correction (see signals.py).
    accepted_revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="据此修改的版本",
    )
    applied_at = models.DateTimeField("记录更新时间", null=True, blank=True)
    notified_at = models.DateTimeField("通知提交人时间", null=True, blank=True)
    # The interface language the sender wrote in: the outcome email is sent in it.
    language = models.CharField("提交时的界面语言", max_length=10, default="zh-hans", editable=False)
    created_at = models.DateTimeField("提交时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "勘误与补充"
        verbose_name_plural = "勘误与补充"
        indexes = [models.Index(fields=["honoree", "status", "applied_at"], name="correction_honoree_applied")]

    def __str__(self):
        return self.reference or f"勘误与补充 #{self.pk}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if not self.reference:
            # JC (纠错) + the year + the row number: unique, short enough to read out on the phone.
            year = timezone.localdate(self.created_at).year
            self.reference = f"JC-{year}-{self.pk:06d}"
            type(self).objects.filter(pk=self.pk).update(reference=self.reference)

    @cached_property
    def target(self):
        """The honoree or (specific) page this is about, or None when it has been deleted."""
        if self.honoree_id:
            return self.honoree
        if self.page_id:
            return self.page.specific
        return None

    @property
    def target_kind(self) -> str:
        """What kind of thing the submission is about, as the review queue lists it."""
        if self.honoree_id:
            return "劳模条目"
        if self.page_id and self.wall_name_id:
            return "劳模墙上的位置"
        if self.page_id:
            page_type = self.page.specific_class  # the page's type, e.g. 劳模微电影 for a film
            return str(page_type._meta.verbose_name) if page_type else "页面"
        return "（原记录已删除）" if self.target_title else "其他"

    target_kind.fget.short_description = "涉及类型"

    @property
    def target_label(self) -> str:
        label = self.target_title or "（未指明）"
        return f"{label} · {self.place}" if self.place else label

    target_label.fget.short_description = "涉及内容"

    @property
    def is_applied(self) -> bool:
        return self.accepted_revision_id is not None or self.applied_at is not None

    @property
    def status_label(self) -> str:
        if self.status == self.Status.ACCEPTED:
            return "已采纳，记录已更新" if self.is_applied else "已采纳，待修改记录"
        return self.get_status_display()

    status_label.fget.short_description = "状态"

    def target_edit_url(self) -> str:
        """Where an archivist changes the record this is about."""
        if self.honoree_id:
            return reverse("wagtailsnippets_archive_honoree:edit", args=[self.honoree_id])
        if self.page_id:
            return reverse("wagtailadmin_pages:edit", args=[self.page_id])
        return ""

    def wall_name_edit_url(self) -> str:
        """For a place on a name wall: the entry of the name, whose honours and years decide where it stands."""
        if self.wall_name_id:
            return reverse("wagtailsnippets_archive_honoree:edit", args=[self.wall_name_id])
        return ""

    def target_history_url(self) -> str:
        if self.honoree_id:
            return reverse("wagtailsnippets_archive_honoree:history", args=[self.honoree_id])
        if self.page_id:
            return reverse("wagtailadmin_pages:history", args=[self.page_id])
        return ""


def evidence_path(instance, filename):
    # The stored name never comes from the sender: a random name with the extension of the checked type.
    return f"{timezone.now():%Y/%m}/{filename}"


class CorrectionEvidence(models.Model):
    correction = models.ForeignKey(Correction, on_delete=models.CASCADE, related_name="evidence", verbose_name="勘误")
    file = models.FileField("文件", storage=evidence_storage, upload_to=evidence_path, max_length=200)
    original_name = models.CharField("原文件名", max_length=200)
    content_type = models.CharField("类型", max_length=40)
    size = models.PositiveIntegerField("大小（字节）")
    width = models.PositiveIntegerField("宽", null=True, blank=True)
    height = models.PositiveIntegerField("高", null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = "证明材料"
        verbose_name_plural = "证明材料"

    def __str__(self):
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")
