from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from laomo import sitemaps, views
from laomo.api import api

# Addresses that are the same in every language: the admin, files, the API and the sitemap.
urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.section, name="sitemap-section"),
    # Browsers ask for /favicon.ico whatever the page says; send them to the static file. Lazy: the hashed
    # name is only known once collectstatic has run.
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("laomo/img/favicon.ico"), permanent=True)),
    path("api/", api.urls),
]

if settings.DEBUG or settings.LAOMO_SERVE_UPLOADS:
    # Production normally serves /uploads/ from the reverse proxy; LAOMO_SERVE_UPLOADS lets a single box
    # (and `make bench`) serve them from the app, with byte ranges so films and interviews can seek.
    prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [re_path(rf"^{prefix}(?P<path>.*)$", views.serve_upload, {"document_root": settings.MEDIA_ROOT})]

# Wagtail's page URLs, with its serve view replaced by ours (an English request falls back to the Chinese page).
page_urlpatterns = [pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"] + [
    re_path(wagtail_urls.serve_pattern, views.serve, name="wagtail_serve"),
]

# The public site in each language: Chinese at /… exactly as before, English at /en/….
# Unprefixed paths are always Chinese, whatever the browser's Accept-Language says.
urlpatterns += i18n_patterns(
    path("dictionary/", include("archive.urls")),
    path("search/", include("search.urls")),
    path("walls/", include("exhibits.walls.urls")),  # panel fragments and name cards; the walls are Wagtail pages
    path("", include("participation.urls")),  # corrections, short links, share QR codes, elder-mode switch
    path("", include(page_urlpatterns)),
    prefix_default_language=False,
)
