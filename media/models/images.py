"""Images: Wagtail's image model plus a credit line, because every picture on the site is attributed."""

from django.db import models

from wagtail.images.models import AbstractImage, AbstractRendition, Image


class SiteImage(AbstractImage):
    credit = models.CharField("署名/来源", max_length=255, blank=True, help_text="摄影、作者或“示意图”等说明。")

    admin_form_fields = Image.admin_form_fields + ("credit",)

    class Meta(AbstractImage.Meta):
        verbose_name = "图片"
        verbose_name_plural = "图片"
        permissions = [("choose_siteimage", "Can choose image")]

    @property
    def alt(self) -> str:
        return self.description or self.title


class SiteRendition(AbstractRendition):
    image = models.ForeignKey(SiteImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
