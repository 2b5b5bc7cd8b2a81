"""The site's URLs with participation's public URLs mounted, for a tree whose laomo/urls.py does not yet include
them (test_urls.py checks the real one). Mounted before Wagtail's catch-all page route."""

from django.urls import include, path

from laomo import urls as site_urls

urlpatterns = [*site_urls.urlpatterns[:-1], path("", include("participation.urls")), site_urls.urlpatterns[-1]]
