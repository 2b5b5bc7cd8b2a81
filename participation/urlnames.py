"""Reversing this app's public URLs without breaking pages where they are not mounted.

site/laomo/urls.py includes ``participation.urls``. Until a deployment (or a branch) does, the shared pieces
this app adds to every page — the 长辈模式 switch's no-JavaScript fallback, the entry tools, share panels —
leave themselves out instead of raising NoReverseMatch on pages that other apps own.
"""

from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse

from wagtail.models import Page

from archive.models import Honoree


def public_url(name: str, *args) -> str:
    """The path of ``participation:<name>``, or "" when the app's URLs are not mounted."""
    try:
        return reverse(f"participation:{name}", args=args)
    except NoReverseMatch:
        return ""


def correction_url(target=None, place: str = "", name: str = "", panel: int | None = None) -> str:
    """The 纠错/补充 form about an entry (Honoree), a page, or a place on a page; "" when not mounted.

    For a name's place on a name wall, ``target`` is the wall — the page or the walls' cached snapshot of it
    (anything with the page's ``pk``) — ``name`` the entry's 编号 and ``panel`` which of its places it is.
    """
    base = public_url("correction_new")
    if not base:
        return ""
    params = {}
    if isinstance(target, Honoree):
        params["honoree"] = target.external_id
    elif isinstance(target, Page) or (name and getattr(target, "pk", None)):
        params["page"] = target.pk
        if name:
            params["name"] = name
            if panel:
                params["panel"] = panel
    if place:
        params["place"] = place
    return f"{base}?{urlencode(params)}" if params else base
