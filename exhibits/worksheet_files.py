"""The stored PDF worksheet of a lesson (exhibits/worksheets.py makes it).

Apart from lessons.py, and naming the lesson by its label: the lesson's worksheet route calls
exhibits/worksheets.py, which stores its files here, so neither needs the other's module.
"""

from django.db import models


class LessonWorksheet(models.Model):
    """The PDF of one published revision of a lesson; replaced when a newer revision is published."""

    page = models.OneToOneField("exhibits.LessonPage", on_delete=models.CASCADE, related_name="worksheet_pdf")
    revision_id = models.PositiveBigIntegerField("版本")
    file = models.FileField("学习单", upload_to="worksheets/")
    created_at = models.DateTimeField("生成时间", auto_now=True)

    class Meta:
        verbose_name = "学习单"
        verbose_name_plural = "学习单"

    def __str__(self):
        return self.file.name

    @property
    def filename(self) -> str:
        return f"学习单-{self.page.slug}.pdf"
