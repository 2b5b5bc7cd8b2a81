"""The site's URLs with every public app mounted, for a tree whose laomo/urls.py does not yet include
participation's (corrections, share cards). Mounted before Wagtail's catch-all page route."""

from django.urls import NoReverseMatch, include, path, reverse

from laomo import urls as site_urls


def _mounted() -> bool:
    try:
        reverse("participation:correction_new", urlconf=site_urls)
    except NoReverseMatch:
        return False
    return True


urlpatterns = list(site_urls.urlpatterns)
if not _mounted():
    urlpatterns = [*urlpatterns[:-1], path("", include("participation.urls")), urlpatterns[-1]]
