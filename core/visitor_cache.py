"""How long browsers and shared caches may keep an answer: one rule for every page, file and API response.

Anonymous visitors' answers may be kept for a few minutes (the page cache in core/pagecache.py keeps them on the
server too); a signed-in editor's or a restricted page's answer is never stored by a shared cache."""

from functools import wraps

from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

PUBLIC_MAX_AGE = 300


def mark_for_visitors(request, response, *, restricted: bool = False, max_age: int = PUBLIC_MAX_AGE):
    user = getattr(request, "user", None)
    if restricted or (user is not None and user.is_authenticated):
        patch_cache_control(response, private=True, no_cache=True)
    else:
        patch_cache_control(response, public=True, max_age=max_age)
    return response


def cacheable_for_visitors(view):
    """A GET/HEAD-only view whose answers follow mark_for_visitors."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return mark_for_visitors(request, view(request, *args, **kwargs))

    return require_safe(wrapped)
