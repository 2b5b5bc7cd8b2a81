"""Tables read out of the StreamFields of published pages: artworks, and which honorees an exhibition features.

They are kept by exhibits/catalogue.py on publish and unpublish; rows of a deleted page go with it (CASCADE).
A table rather than the cache, because it stays right in every app process without a shared cache, and the
artworks gallery and the entry pages read it with a plain query instead of parsing every stream.
"""

from django.db import models

from wagtail.models import Page

from core.fallback import originals

from ..blocks import MEDIUM_CHOICES


class ArtworkQuerySet(models.QuerySet):
    def visible(self):
        """Artworks of live pages without view restrictions, with what the gallery shows. Each artwork once: an
        English copy of a page repeats its original's artworks, so only the Chinese originals are listed."""
        return (
            self.filter(page__in=originals(Page.objects.live().public()))
            .select_related("page", "honoree", "image")
            .order_by("page__path", "position")
        )


class Artwork(models.Model):
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+", verbose_name="所在页面")
    block_id = models.CharField("内容块编号", max_length=64, blank=True)
    position = models.PositiveIntegerField("顺序")
    title = models.CharField("作品名称", max_length=120)
    artist = models.CharField("作者", max_length=120)
    medium = models.CharField("类别", max_length=8, choices=MEDIUM_CHOICES, db_index=True)
    year = models.PositiveSmallIntegerField("创作年份", null=True, blank=True)
    dimensions = models.CharField("尺寸", max_length=80, blank=True)
    description = models.TextField("作品说明", blank=True)
    image = models.ForeignKey(
        "media.SiteImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="作品图片"
    )
    honoree = models.ForeignKey(
        "archive.Honoree",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="artworks",
        verbose_name="所绘劳模",
    )

    objects = ArtworkQuerySet.as_manager()

    class Meta:
        verbose_name = "艺术作品（索引）"
        verbose_name_plural = "艺术作品（索引）"
        ordering = ["page__path", "position"]

    def __str__(self):
        return f"《{self.title}》 {self.artist}"

    @property
    def anchor(self) -> str:
        return f"#block-{self.block_id}" if self.block_id else ""


class HonoreeMention(models.Model):
    """An honoree featured (honoree card or artwork) in a published exhibition or exhibition section."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+", verbose_name="页面")
    honoree = models.ForeignKey(
        "archive.Honoree", on_delete=models.CASCADE, related_name="exhibit_mentions", verbose_name="劳模"
    )

    class Meta:
        verbose_name = "展览中的劳模"
        verbose_name_plural = "展览中的劳模"
        constraints = [models.UniqueConstraint(fields=["page", "honoree"], name="honoree_mention_unique")]

    def __str__(self):
        return f"{self.honoree_id} @ {self.page_id}"
