"""Views composed from the apps: Wagtail's page serving, with the Chinese page standing in for a missing translation,
and uploads served by the app itself."""

from django.http import Http404

from wagtail import views as wagtail_views

from core.fallback import route
from core.ranged_serve import serve_with_ranges
from media.models import InterviewSitting


def serve(request, path):
    """Wagtail's serve view with our routing: it reuses the route found here (Page.route_for_request caches it on
    the request under this name), so view restrictions, hooks and the page's own serve() apply unchanged."""
    request._wagtail_route_for_request = route(request, path)
    if request._wagtail_route_for_request is None:
        raise Http404
    return wagtail_views.serve(request, path)


def serve_upload(request, path, document_root=None):
    """/uploads/ when the app serves it (LAOMO_SERVE_UPLOADS, runserver): an interview's recordings and captions
    answer only the admin here; visitors reach them through the interview page, which applies the access rules."""
    if not request.user.has_perm("wagtailadmin.access_admin") and InterviewSitting.withholds_upload(path):
        raise Http404
    return serve_with_ranges(request, path, document_root=document_root)
