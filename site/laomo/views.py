"""Our one public view of Wagtail's: serving pages, with the Chinese page standing in for a missing translation."""

from django.http import Http404

from wagtail import views as wagtail_views

from core.fallback import route


def serve(request, path):
    """Wagtail's serve view with our routing: it reuses the route found here (Page.route_for_request caches it on
    the request under this name), so view restrictions, hooks and the page's own serve() apply unchanged."""
    request._wagtail_route_for_request = route(request, path)
    if request._wagtail_route_for_request is None:
        raise Http404
    return wagtail_views.serve(request, path)
