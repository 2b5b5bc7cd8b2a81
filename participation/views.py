"""Public views: the 纠错/补充 form, short entry URLs, printable cards, QR codes and the 长辈模式 switch."""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_safe

from wagtail.log_actions import log
from wagtail.models import Page

from archive.models import Honoree
from core.i18n import bcp47, home_url, is_default_language
from core.middleware import refuse_nul
from core.origin import absolute_url
from core.params import parse_int, same_site_path
from core.qr import qr_svg
from core.uploads import STORAGE_ERRORS, failed_place
from core.visitor_cache import cacheable_for_visitors, mark_for_visitors
from exhibits.walls import public as walls

from . import ratelimit
from .evidence import EvidenceLimitHandler, megabytes
from .forms import CorrectionForm, form_timestamp
from .models import Correction, CorrectionEvidence, evidence_storage
from .share import own_absolute_url, short_path

logger = logging.getLogger(__name__)

THANKS_SALT = "participation.correction-thanks"
ELDER_COOKIE = "laomo_elder"
ELDER_COOKIE_AGE = 60 * 60 * 24 * 365 * 2
PK_MAX = 2**31 - 1  # the largest primary key either database stores; a larger ?page= is simply not found


@dataclass
class Target:
    """What a submission is about: an entry, a page (a film, a story…), or a name's place on a name wall."""

    honoree: Honoree | None = None
    page: Page | None = None
    place: str = ""
    wall_name: Honoree | None = None  # with ``page`` a name wall: the name whose place this is,
    panel: int | None = None  # …on which of the wall's panels (a name may stand there more than once),
    spot_path: str = ""  # …and the wall page at that name, highlighted

    @property
    def title(self) -> str:
        if self.honoree:
            return self.honoree.name
        if self.page and self.wall_name:
            return f"{self.page.title}：{self.wall_name.name}"
        return self.page.title if self.page else ""

    @property
    def path(self) -> str:
        if self.honoree:
            return self.honoree.get_absolute_url()
        return self.spot_path or (self.page.url or "" if self.page else "")

    @property
    def exists(self) -> bool:
        return bool(self.honoree or self.page)


def find_target(params) -> Target:
    """The public entry, page or wall place named by ?honoree=<编号>, ?page=<id> or ?page=<wall id>&name=<编号>
    (&panel=N, &place=…); 404 for anything not public."""
    place = params.get("place", "").strip()[:200]
    if external_id := params.get("honoree", "").strip():
        honoree = Honoree.objects.public().filter(external_id=external_id).first()
        if honoree is None:
            raise Http404(_("没有找到这个公开条目。"))
        return Target(honoree=honoree, place=place)
    if page_id := params.get("page", "").strip():
        pk = parse_int(page_id, 1, PK_MAX)
        if pk is None:
            raise Http404(_("没有找到这个页面。"))
        page = Page.objects.live().public().filter(pk=pk, depth__gt=1).first()
        if page is None:
            raise Http404(_("没有找到这个页面。"))
        page = page.specific
        if walls.is_name_wall(page) and (name := params.get("name", "").strip()):
            return wall_place_target(page, name, params.get("panel", ""), place)
        return Target(page=page, place=place)
    return Target(place=place)


def wall_place_target(wall: Page, external_id: str, panel: str, place: str) -> Target:
    """A name's place on a wall: the placement on ``panel`` (a name may stand on a wall more than once)."""
    honoree = Honoree.objects.public().filter(external_id=external_id[:40], is_synthetic=wall.include_synthetic).first()
    spot = walls.name_place(wall, honoree, parse_int(panel.strip())) if honoree else None
    if spot is None:
        raise Http404(_("这个名字不在这面劳模墙上。"))
    return Target(
        page=wall,
        wall_name=honoree,
        panel=spot.panel,
        place=place or spot.label,
        spot_path=spot.path,
    )


def title_crumb(title: str, url: str) -> dict:
    """A breadcrumb naming a record or a page, marked as Chinese where its title is on the English site."""
    chinese = not is_default_language() and any("\u3400" <= char <= "\u9fff" for char in title)
    return {"title": title, "url": url, "lang": bcp47(settings.LANGUAGE_CODE) if chinese else ""}


def correction_context(target: Target, form, status_message: str = "") -> dict:
    return {
        "form": form,
        "target": target,
        "status_message": status_message,
        "crumbs": [
            {"title": _("首页"), "url": home_url()},
            *([title_crumb(target.title, target.path)] if target.exists else []),
            {"title": _("纠错与补充"), "url": ""},
        ],
    }


@csrf_exempt  # CSRF is checked below, once the upload limits are in place (Django's documented order)
@require_http_methods(["GET", "HEAD", "POST"])
def correction_new(request):
    if request.method == "POST":
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.LAOMO_CORRECTIONS_MAX_REQUEST_BYTES:
            # Refused unread; nothing is stored, so no CSRF check is needed for this answer.
            limits = {
                "max_file": megabytes(settings.LAOMO_CORRECTIONS_MAX_FILE_BYTES),
                "max_files": settings.LAOMO_CORRECTIONS_MAX_FILES,
            }
            return render(request, "participation/correction_too_large.html", limits, status=413)
        request.evidence_limit = EvidenceLimitHandler(request)
        request.upload_handlers.insert(0, request.evidence_limit)
    return _correction_form(request)


@csrf_protect
@never_cache
def _correction_form(request):
    params = request.POST if request.method == "POST" else request.GET
    if refusal := refuse_nul(request, params):  # a multipart form: core/middleware.py leaves it to the view
        return refusal
    target = find_target(params)
    if request.method != "POST":
        form = CorrectionForm(needs_place=not target.exists, initial={"place": target.place, "shown": form_timestamp()})
        return render(request, "participation/correction_form.html", correction_context(target, form))

    form = CorrectionForm(request.POST, request.FILES, needs_place=not target.exists)
    form.skipped_messages = request.evidence_limit.messages()
    if bot := form.is_bot():
        logger.info("Correction form refused (%s)", bot)
        ratelimit.count_submission(request)
        form = CorrectionForm(_without_traps(request.POST), needs_place=not target.exists)
        message = (
            _("提交得太快了，请检查一遍内容，稍等几秒再提交。")
            if bot == "too fast"
            else _("提交没有通过检查。请刷新页面后重新填写；如果一直不行，请换一个浏览器试试。")
        )
        return render(
            request, "participation/correction_form.html", correction_context(target, form, message), status=400
        )
    if ratelimit.is_limited(request):
        form = CorrectionForm(_without_traps(request.POST, keep_shown=True), needs_place=not target.exists)
        message = _("您今天提交的次数较多，请过一段时间再提交。您填写的内容保留在下面。")
        return render(
            request, "participation/correction_form.html", correction_context(target, form, message), status=429
        )
    if not form.is_valid():
        return render(request, "participation/correction_form.html", correction_context(target, form), status=400)

    try:
        correction = save_submission(form, target)
    except STORAGE_ERRORS as error:
        # Logged here and only here; the sender keeps what they typed (files have to be chosen again).
        logger.error("Correction evidence could not be stored in %s: %r", failed_place(evidence_storage, error), error)
        form = CorrectionForm(_without_traps(request.POST, keep_shown=True), needs_place=not target.exists)
        message = _("上传暂时无法保存，请稍后再试。您填写的内容保留在下面，请重新选择要上传的文件。")
        return render(request, "participation/correction_form.html", correction_context(target, form, message))
    ratelimit.count_submission(request)
    token = signing.dumps(correction.reference, salt=THANKS_SALT)
    return redirect(f"{reverse('participation:correction_thanks')}?ref={token}")


def _without_traps(data, keep_shown: bool = False):
    """The typed values to show again, without the honeypot (and a fresh timer unless ``keep_shown``)."""
    data = data.copy()
    data.pop("homepage", None)
    if not keep_shown:
        data["shown"] = form_timestamp()
    return data


def save_submission(form: CorrectionForm, target: Target) -> Correction:
    """The correction and its evidence, all or nothing: if storing a file fails, no row is kept and the files
    already stored for it are removed, so no record points to a missing file and no file is left unowned."""
    stored: list[str] = []
    try:
        with transaction.atomic():
            return _save_submission(form, target, stored)
    except STORAGE_ERRORS:
        for name in stored:
            try:
                evidence_storage.delete(name)
            except STORAGE_ERRORS:
                pass  # the storage is failing anyway; the caller logs the first error
        raise


def _save_submission(form: CorrectionForm, target: Target, stored: list[str]) -> Correction:
    correction = form.save(commit=False)
    correction.honoree = target.honoree
    correction.page = target.page
    correction.wall_name = target.wall_name
    correction.target_title = target.title
    correction.target_path = target.path
    correction.language = get_language() or settings.LANGUAGE_CODE
    correction.save()
    for upload, checked in form.checked_files:
        evidence = CorrectionEvidence(
            correction=correction,
            original_name=upload.name[:200],
            content_type=checked.content_type,
            size=upload.size,
            width=checked.width,
            height=checked.height,
        )
        evidence.file.save(checked.storage_name(), upload, save=False)
        stored.append(evidence.file.name)
        evidence.save()
    log(instance=correction, action="laomo.correction.submitted", data={"reference": correction.reference})
    return correction


@require_safe
@never_cache
def correction_thanks(request):
    try:
        reference = signing.loads(request.GET.get("ref", ""), salt=THANKS_SALT, max_age=60 * 60 * 24)
    except signing.BadSignature:
        return redirect("/")
    correction = get_object_or_404(Correction, reference=reference)
    page = correction.page if correction.page and correction.page.live else None
    target = Target(
        honoree=correction.honoree if correction.honoree and correction.honoree.is_public else None,
        page=page,
        wall_name=correction.wall_name if page else None,
        spot_path=correction.target_path if page else "",
    )
    context = {
        "reference": correction.reference,
        "target": target,
        "has_email": bool(correction.email),
        "crumbs": [{"title": _("首页"), "url": home_url()}, {"title": _("纠错与补充"), "url": ""}],
    }
    return render(request, "participation/correction_thanks.html", context)


@require_safe
def short_redirect(request, external_id):
    """/m/<编号> → the entry, permanently (301); 编号 are stable, and ids are matched without regard to case."""
    honoree = Honoree.objects.public().filter(external_id=external_id).only("external_id").first()
    if honoree is None:
        honoree = Honoree.objects.public().filter(external_id__iexact=external_id).only("external_id").first()
    if honoree is None:
        raise Http404(_("没有找到这个公开条目。"))
    return HttpResponsePermanentRedirect(honoree.get_absolute_url())


@cacheable_for_visitors
def share_card(request, external_id):
    """A printable card: name, honours, the short URL and its QR code (for a card, a panel or a stone plaque)."""
    honoree = get_object_or_404(Honoree.objects.public().prefetch_related("awards__honour"), external_id=external_id)
    short_url = absolute_url(short_path(honoree.external_id))  # printed: the public origin, never this host
    awards = sorted(honoree.awards.all(), key=lambda award: (award.year is None, award.year or 0))
    context = {
        "honoree": honoree,
        "awards": awards,
        "short_url": short_url,
        "short_label": short_url.split("://", 1)[-1],
        "qr": qr_svg(short_url, _("%(name)s的条目二维码") % {"name": honoree.label_name}),
        "entry_url": honoree.get_absolute_url(),
        "crumbs": [
            {"title": _("首页"), "url": home_url()},
            title_crumb(honoree.name, honoree.get_absolute_url()),
            {"title": _("打印卡片"), "url": ""},
        ],
    }
    return render(request, "participation/share_card.html", context)


@require_safe
def qr_code(request):
    """/share/qr.svg?url=… — only for this site's own pages (never a QR generator for other hosts)."""
    url = own_absolute_url(request, request.GET.get("url", ""))
    if url is None:
        return HttpResponseBadRequest("只能为本站页面生成二维码。", content_type="text/plain; charset=utf-8")
    response = HttpResponse(
        '<?xml version="1.0" encoding="UTF-8"?>\n' + qr_svg(url), content_type="image/svg+xml; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="qr.svg"'
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return mark_for_visitors(request, response, max_age=60 * 60 * 24)


@require_safe
@never_cache
def elder_preference(request):
    """Turns 长辈模式 on (?on=1) or off (?on=0) without JavaScript, then goes back to ``next``.

    With JavaScript the switch does the same in the page (site.js); both keep the choice in the cookie, which
    the server reads to render the class on <html> (see middleware.py).
    """
    on = request.GET.get("on") == "1"
    response = HttpResponseRedirect(same_site_path(request.GET.get("next"), default=home_url()))
    if on:
        response.set_cookie(
            ELDER_COOKIE,
            "1",
            max_age=ELDER_COOKIE_AGE,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=False,  # the switch in the page reads and writes it too
        )
    else:
        response.delete_cookie(ELDER_COOKIE, samesite="Lax")
    return response
