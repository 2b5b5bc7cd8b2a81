"""Template helpers for the dictionary: safe JSON-LD, labels, photo alt text and accessible SVG bar charts."""

import json

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from ..labels import GENDER_LABELS, KIND_LABELS, choice_label

register = template.Library()

# Inside <script> only "</script>" (or "<!--") could end the block early; escaping < > & as JSON \u escapes
# keeps the data identical for parsers and inert for the HTML tokenizer.
_SCRIPT_SAFE = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}

# Each bar row: a label line above a bar, in em so the chart grows with the larger-text mode.
ROW_EM = 3.2
LABEL_BASELINE_EM = 1.2
BAR_TOP_EM = 1.6
BAR_HEIGHT_EM = 1.0


@register.filter
def ld_json(data) -> str:
    """Serialise for <script type="application/ld+json">; a biography containing </script> cannot break out."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_SCRIPT_SAFE))


@register.filter
def kind_label(honoree) -> str:
    """个人 / 集体 in the visitor's language."""
    return choice_label(KIND_LABELS, honoree.kind)


@register.filter
def gender_label(honoree) -> str:
    return choice_label(GENDER_LABELS, honoree.gender)


@register.filter
def photo_alt(honoree) -> str:
    photo = honoree.photo
    return (photo.description if photo else "") or gettext("%(name)s的照片") % {"name": honoree.name}


@register.inclusion_tag("archive/includes/bar_chart.html")
def bar_chart(rows: list[dict], chart_id: str, title: str, label_heading: str) -> dict:
    """A horizontal bar chart with a data table behind it; bar lengths are shares of the largest count."""
    largest = max((row["count"] for row in rows), default=0)
    bars = []
    for position, row in enumerate(rows):
        share = row["count"] / largest * 100 if largest else 0
        if row["count"]:
            share = max(share, 0.5)  # a visible sliver, so 1 never looks like 0
        top = position * ROW_EM
        bars.append(
            {
                "label": row["label"],
                "count": row["count"],
                "width": f"{share:.2f}",
                "label_y": f"{top + LABEL_BASELINE_EM:.2f}",
                "bar_y": f"{top + BAR_TOP_EM:.2f}",
            }
        )
    if rows:
        top_row = max(rows, key=lambda row: row["count"])
        description = gettext("共 %(rows)s 项，最多的是%(label)s（%(count)s）。") % {
            "rows": len(rows),
            "label": top_row["label"],
            "count": intcomma(top_row["count"]),
        }
    else:
        description = gettext("暂无数据。")
    return {
        "chart_id": chart_id,
        "title": title,
        "label_heading": label_heading,
        "description": description,
        "bars": bars,
        "bar_height": f"{BAR_HEIGHT_EM:.2f}",
        "height": f"{len(rows) * ROW_EM:.2f}",
    }
