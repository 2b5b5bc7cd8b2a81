from django.conf import settings
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from laomo.api import api
from laomo.sitemaps import sitemaps

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("dictionary/", include("archive.urls")),
    path("search/", include("search.urls")),
    path("walls/", include("exhibits.walls.urls")),  # panel fragments and name cards; the walls are Wagtail pages
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("api/", api.urls),
    path("", include("participation.urls")),  # corrections, short links, share QR codes, elder-mode switch
]

if settings.DEBUG or settings.LAOMO_SERVE_UPLOADS:
    # Production normally serves /uploads/ from the reverse proxy; LAOMO_SERVE_UPLOADS lets a single box
    # (and `make bench`) serve them from the app.
    from django.urls import re_path
    from django.views.static import serve

    prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [re_path(rf"^{prefix}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]

urlpatterns += [path("", include(wagtail_urls))]
