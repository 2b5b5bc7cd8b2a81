"""Where every name is: the computed layout, one WallPlacement per name, and its bookkeeping (WallLayoutState).

Kept apart from the page, so publishing a revision never rolls placements back; and kept apart from the page
model's module (the wall is named by its label, "exhibits.NameWallPage"), so the layout, the locator and
pages.py, which read these tables, never import the page model that calls them. Django finds these models
through exhibits/models/__init__.py, under the app label `exhibits`.
"""

from django.db import models
from django.utils.translation import gettext


class WallPlacement(models.Model):
    """Where one name is: wall, panel (stone), column, row. Frozen walls never move these."""

    wall = models.ForeignKey("exhibits.NameWallPage", on_delete=models.CASCADE, related_name="placements")
    honoree = models.ForeignKey("archive.Honoree", on_delete=models.CASCADE, related_name="wall_placements")
    honour = models.ForeignKey("archive.Honour", null=True, on_delete=models.SET_NULL, related_name="+")
    year = models.PositiveSmallIntegerField(null=True)
    sequence = models.PositiveIntegerField("顺序")
    panel = models.PositiveSmallIntegerField("块")
    column = models.PositiveSmallIntegerField("列")
    row = models.PositiveSmallIntegerField("行")
    group_label = models.CharField("分组", max_length=80)
    sort_key = models.CharField(max_length=1400)
    is_addendum = models.BooleanField("补刻", default=False)

    class Meta:
        verbose_name = "墙上位置"
        verbose_name_plural = "墙上位置"
        constraints = [
            models.UniqueConstraint(fields=["wall", "panel", "column", "row"], name="wall_placement_cell"),
        ]
        indexes = [
            models.Index(fields=["wall", "panel", "column", "row"], name="wall_placement_panel"),
            models.Index(fields=["honoree", "wall"], name="wall_placement_honoree"),
        ]

    def __str__(self):
        return f"{self.wall_id}: 第{self.panel}块 第{self.column}列 第{self.row}行"

    @property
    def shown_group(self) -> str:
        """The group on the stone, in the visitor's language (group_label is the Chinese carved one). Reads
        `honour`: select it with the placement."""
        if self.honour is None:
            return self.group_label
        honour = self.honour.display_name
        if self.year:
            return gettext("%(year)s年 %(honour)s") % {"year": self.year, "honour": honour}
        return gettext("年份待考 %(honour)s") % {"honour": honour}


class WallLayoutState(models.Model):
    """Bookkeeping of a wall's computed layout: version (for caches), when it was pinned, what to report."""

    wall = models.OneToOneField(
        "exhibits.NameWallPage", on_delete=models.CASCADE, primary_key=True, related_name="layout_state"
    )
    version = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField(null=True)
    frozen_at = models.DateTimeField(null=True)
    names = models.PositiveIntegerField(default=0)
    panels = models.JSONField(default=list)  # [{"number", "label", "addendum", "lines", "names"}]
    missing = models.JSONField(default=list)  # [{"char", "names": [[external_id, name], …]}]
    fingerprint = models.CharField(max_length=120, blank=True)

    class Meta:
        verbose_name = "排列状态"
        verbose_name_plural = "排列状态"

    def __str__(self):
        return f"{self.wall_id}: {self.names} 个名字，{len(self.panels)} 块"
