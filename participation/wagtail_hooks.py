import datetime

from django.core.cache import cache
from django.db.models import Max
from django.urls import include, path
from django.utils import timezone

from wagtail import hooks
from wagtail.log_actions import LogFormatter

from core.extensions import EntrySection
from core.page_parts import PageParts

from . import admin_views
from .models import Correction
from .share import short_path
from .signals import APPLIED_ACTION, LINKED_ACTION, last_update_key
from .urlnames import correction_url, public_url
from .viewsets import correction_viewset


@hooks.register("register_admin_viewset")
def register_correction_queue():
    return correction_viewset


@hooks.register("register_admin_urls")
def register_evidence_urls():
    return [path("correction-evidence/", include((admin_views.urlpatterns, "participation_admin")))]


@hooks.register("register_log_actions")
def register_correction_log_actions(actions):
    actions.register_action("laomo.correction.submitted", "提交勘误与补充", "读者提交了勘误与补充")
    actions.register_action("laomo.correction.accepted", "采纳勘误与补充", "采纳")
    actions.register_action("laomo.correction.rejected", "不采纳勘误与补充", "不采纳")
    actions.register_action("laomo.correction.needs_more_info", "请补充材料", "请提交人补充材料")
    actions.register_action(LINKED_ACTION, "记录已更新", "已据此修改记录并发布")

    @actions.register_action(APPLIED_ACTION)
    class AppliedFormatter(LogFormatter):
        label = "据勘误与补充修改"

        def format_message(self, log_entry):
            reference = (log_entry.data or {}).get("reference", "")
            return f"据勘误与补充 {reference} 修改" if reference else "据勘误与补充修改"


def last_accepted_correction(honoree):
    """When the entry last changed because of an accepted correction (the publication of its revision).

    Kept in the cache, so the entry page costs no extra query; signals.py forgets it when it changes.
    """
    key = last_update_key(honoree.pk)
    cached = cache.get(key)
    if cached is None:
        latest = Correction.objects.filter(
            honoree=honoree, status=Correction.Status.ACCEPTED, applied_at__isnull=False
        ).aggregate(latest=Max("applied_at"))["latest"]
        cached = timezone.localdate(latest).isoformat() if latest else ""
        cache.set(key, cached, 60 * 60 * 24)
    return datetime.date.fromisoformat(cached) if cached else None


@hooks.register("laomo_entry_sections")
def entry_tools(request, honoree):
    """Under the key facts: 最近更新, 朗读 (read the biography aloud) and 纠错/补充."""
    form_url = correction_url(honoree)
    if not form_url:
        return None
    context = {
        "last_updated": last_accepted_correction(honoree),
        "correction_url": form_url,
        "has_biography": bool(honoree.biography.strip()),
        "share_anchor": "entry-share",
    }
    return EntrySection("participation/entry_tools.html", context, order=10, place="top")


@hooks.register("laomo_entry_sections")
def entry_share(request, honoree):
    """At the end of the entry: the share panel with the QR code, the short URL and the printable card."""
    short = short_path(honoree.external_id)
    if not short:
        return None
    context = {
        "honoree": honoree,
        "url": honoree.get_absolute_url(),
        "short_url": short,
        "card_url": public_url("share_card", honoree.external_id),
    }
    return EntrySection("participation/entry_share.html", context, order=900, place="related")


@hooks.register("laomo_page_parts")
def page_parts():
    """Share tags and picture, read-aloud and the 长辈模式 switch on every page (laomo/page_parts.py)."""
    return PageParts(
        order=20,
        stylesheets=("participation/participation.css",),
        scripts=("participation/read-aloud.js", "participation/share.js"),
        templates={
            "meta": ("participation/page/share_meta.html",),
            "head": ("participation/page/share_image_fallback.html",),
            "body_start": ("participation/page/wechat_share_image.html",),
            "header_tools": ("participation/page/elder_switch.html",),
        },
    )
